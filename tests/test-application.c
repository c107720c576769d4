/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "shenbao-filing.h"

/* The application model without a display: what is saved, what is counted, when it is ready.
 * Every amount is worked by hand from the policy text; the comment beside it shows how. */

typedef struct
{
  char               *directory;
  ShenbaoStorage     *storage;
  ShenbaoPolicySet   *policies;
  ShenbaoFiling *application;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate as_of;

  fixture->directory = g_dir_make_tmp ("shenbao-filing-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->directory, "shenbao.db", NULL);
  fixture->storage = shenbao_storage_open (path, &error);
  g_assert_no_error (error);
  fixture->policies = shenbao_policy_set_new_default (&error);
  g_assert_no_error (error);
  fixture->application = shenbao_filing_create (fixture->storage, fixture->policies, 0, &error);
  g_assert_no_error (error);
  /* A date on which every shipped policy is in force or a draft, so no amount depends on it. */
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, G_DATE_JUNE, 2025);
  shenbao_filing_set_as_of (fixture->application, &as_of);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "shenbao.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->application);
  g_clear_object (&fixture->storage);
  g_clear_object (&fixture->policies);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  {
    g_autofree char *scan = g_build_filename (fixture->directory, "scan.pdf", NULL);
    g_unlink (scan);
  }
  g_rmdir (fixture->directory);
  g_free (fixture->directory);
}

/* NAME=VALUE as the user would type it: a company fact, or POLICY/CLAUSE/FIELD. */
static void
set (Fixture    *fixture,
     const char *name,
     const char *text)
{
  ShenbaoPolicy *policy = shenbao_filing_get_policy (fixture->application);
  g_autofree char *key = NULL;
  ShenbaoField *field = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (shenbao_policy_set_resolve_name (fixture->policies, policy, name, &key, &field, &error));
  g_assert_no_error (error);
  g_assert_true (shenbao_filing_set_text (fixture->application, field, text, &error));
  g_assert_no_error (error);
}

static void
claim (Fixture    *fixture,
       const char *full_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shenbao_filing_set_clause_chosen (fixture->application, full_id, TRUE, &error));
  g_assert_no_error (error);
}

static void
choose_policy (Fixture    *fixture,
               const char *policy_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shenbao_filing_set_policy (fixture->application, policy_id, &error));
  g_assert_no_error (error);
}

/* Every required item of the materials checklist (the policy-wide ones and the clause's) gets a
 * small file of its own, as the materials page does with the file chooser. */
static void
attach_all (Fixture    *fixture,
            const char *clause_id)
{
  GListModel *checklist = G_LIST_MODEL (shenbao_filing_get_checklist (fixture->application));
  g_autofree char *scan = g_build_filename (fixture->directory, "scan.pdf", NULL);

  g_assert_true (g_file_set_contents (scan, "%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n", -1, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (checklist); i++)
    {
      g_autoptr(ShenbaoChecklistItem) item = g_list_model_get_item (checklist, i);
      g_autoptr(GError) error = NULL;

      g_assert_true (shenbao_checklist_attach (SHENBAO_CHECKLIST (checklist),
                                               shenbao_checklist_item_get_id (item), scan, &error));
      g_assert_no_error (error);
      g_assert_cmpint (shenbao_checklist_item_get_pages (item), ==, 1);
    }
}

static ShenbaoProblem *
find_problem (GPtrArray          *problems,
              ShenbaoProblemKind  kind,
              const char         *key)
{
  for (guint i = 0; i < problems->len; i++)
    {
      ShenbaoProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == kind && (key == NULL || g_strcmp0 (problem->key, key) == 0))
        return problem;
    }
  return NULL;
}

static void
fill_profile (Fixture    *fixture,
              const char *region)
{
  set (fixture, "company_name", "苏州灵巧机器人有限公司");
  /* A code whose check character is right (GB 32100): the README's example. */
  set (fixture, "credit_code", "91310115MA1K3YJ662");
  set (fixture, "registered_region", region);
  set (fixture, "tax_region", region);
  set (fixture, "registered_address", "苏州市虎丘区科技城 1 号");
}

/* ------------------------------------------------------------------ facts the user never gave */

/* Nothing is saved or counted as an answer unless the user gave it: a choice with a default is
 * computed with the default, but the default is not saved as the company's answer. */
static void
test_defaults_not_saved (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) company = NULL;
  g_autoptr(GHashTable) values = NULL;

  choose_policy (fixture, "pudong-2024");
  claim (fixture, "pudong-2024/1");
  claim (fixture, "pudong-2024/6");
  g_assert_nonnull (shenbao_filing_get_result (fixture->application));
  g_autoptr(GPtrArray) problems = shenbao_filing_list_problems (fixture->application, FALSE);

  company = shenbao_storage_load_company_values (fixture->storage,
                                                 shenbao_filing_get_company_id (fixture->application), &error);
  g_assert_no_error (error);
  values = shenbao_storage_load_application_values (fixture->storage,
                                                    shenbao_filing_get_id (fixture->application), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (company), ==, 0);
  g_assert_cmpuint (g_hash_table_size (values), ==, 0);
  g_assert_null (shenbao_filing_get_text (fixture->application, "humanoid_business"));
  g_assert_null (shenbao_inputs_lookup (shenbao_filing_get_inputs (fixture->application), "humanoid_business"));
}

/* An invalid value is reported as invalid, never as still needed. */
static void
test_invalid_is_not_missing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  ShenbaoProblem *problem;

  fill_profile (fixture, "310115");
  choose_policy (fixture, "suzhou-2025");
  claim (fixture, "suzhou-2025/8b");
  set (fixture, "compute_fees_paid", "1,5万");
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  problem = find_problem (problems, SHENBAO_PROBLEM_FIELD, "compute_fees_paid");
  g_assert_nonnull (problem);
  g_assert_null (strstr (problem->message, "still needed"));
  g_assert_nonnull (shenbao_filing_get_error (fixture->application, "compute_fees_paid"));
}

/* ------------------------------------------------------------------ totals over what is claimed */

/* Shangyu with only clause 1a ticked, still incomplete: clause 3a would pay 500,000 (embodied-AI
 * revenue 60,000,000 is over the 50,000,000 tier) but is not claimed, so the total is 0.00 and
 * 3a is offered, not counted. */
static void
test_total_counts_claimed_only (Fixture       *fixture,
                                gconstpointer  data)
{
  ShenbaoPolicyResult *result;
  ShenbaoClauseResult *offered;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;

  set (fixture, "registered_region", "330604");
  set (fixture, "tax_region", "330604");
  set (fixture, "embodied_ai_product_revenue", "6000万");
  choose_policy (fixture, "shangyu-2025");
  claim (fixture, "shangyu-2025/1a");

  result = shenbao_filing_get_result (fixture->application);
  g_assert_cmpint (result->total_fen, ==, 0);
  g_assert_cmpint (result->total_up_to_fen, ==, 0);
  offered = shenbao_policy_result_find (result, "3a");
  g_assert_false (offered->claimed);
  g_assert_cmpint (offered->applies, ==, SHENBAO_APPLIES_YES);
  g_assert_cmpint (offered->award_fen, ==, 500000 * 100);

  /* The start page shows what the summary saved: the claimed total, not 500,000. */
  summary = shenbao_storage_get_application (fixture->storage, shenbao_filing_get_id (fixture->application), &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->total_up_to_fen, ==, 0);

  /* Claiming 3a counts it: 500,000.00. */
  claim (fixture, "shangyu-2025/3a");
  result = shenbao_filing_get_result (fixture->application);
  g_assert_cmpint (result->total_fen, ==, 500000 * 100);
}

/* ------------------------------------------------------------------ same matter */

/* Suzhou 8b: 20 % of 15,000,000 compute fees = 3,000,000, capped at 2,000,000. 8c: 50 % of the
 * project's 8,000,000 compute cost = 4,000,000, capped at 3,000,000. Asked, not assumed: until
 * answered, the estimate keeps the higher (3,000,000) and the question is a problem; answered
 * "different", both count (5,000,000); answered "same", 3,000,000 and no problem. */
static void
test_same_matter_asked (Fixture       *fixture,
                        gconstpointer  data)
{
  ShenbaoPolicyResult *result;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  ShenbaoProblem *question;

  fill_profile (fixture, "320505");
  choose_policy (fixture, "suzhou-2025");
  claim (fixture, "suzhou-2025/8b");
  claim (fixture, "suzhou-2025/8c");
  set (fixture, "compute_fees_paid", "1500万");
  set (fixture, "8c/parameter_count", "200亿");
  set (fixture, "8c/typical_scenarios", "5");
  set (fixture, "8c/is_model_builder", "yes");
  set (fixture, "8c/project_compute_cost", "￥8,000,000");

  result = shenbao_filing_get_result (fixture->application);
  g_assert_cmpuint (result->questions->len, ==, 1);
  g_assert_true (result->assumes_same);
  g_assert_cmpint (result->total_fen, ==, 3000000 * 100);
  g_assert_true (shenbao_policy_result_find (result, "8b")->dropped);
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  question = find_problem (problems, SHENBAO_PROBLEM_SAME_MATTER, "8b+8c");
  g_assert_nonnull (question);
  g_assert_cmpstr (question->page, ==, SHENBAO_PAGE_REVIEW);
  g_assert_false (shenbao_filing_is_ready (fixture->application));

  g_assert_true (shenbao_filing_set_same_matter (fixture->application, "8c", "8b",
                                                      SHENBAO_SAME_MATTER_DISTINCT, &error));
  g_assert_no_error (error);
  result = shenbao_filing_get_result (fixture->application);
  g_assert_cmpint (result->total_fen, ==, 5000000 * 100);
  g_assert_false (result->assumes_same);
  g_assert_false (shenbao_policy_result_find (result, "8b")->dropped);

  g_assert_true (shenbao_filing_set_same_matter (fixture->application, "8b", "8c",
                                                      SHENBAO_SAME_MATTER_SAME, &error));
  result = shenbao_filing_get_result (fixture->application);
  g_assert_cmpint (result->total_fen, ==, 3000000 * 100);
  g_assert_false (result->assumes_same);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  g_assert_null (find_problem (problems, SHENBAO_PROBLEM_SAME_MATTER, NULL));

  /* The answer is saved: reopened, the application still says "same". */
  {
    g_autoptr(ShenbaoFiling) reopened = shenbao_filing_load (fixture->storage, fixture->policies,
                                                                        shenbao_filing_get_id (fixture->application),
                                                                        &error);
    g_assert_no_error (error);
    g_assert_cmpint (shenbao_filing_get_same_matter (reopened, "8b", "8c"), ==, SHENBAO_SAME_MATTER_SAME);
  }
}

/* Shangyu 6a and 6b both pay on the same compute fees (compute_fees_paid): the text leaves no
 * doubt, so nothing is asked. 6a: 20 % × 8,000,000 = 1,600,000; 6b: 50 % × 8,000,000 =
 * 4,000,000; only 6b is paid: 4,000,000. */
static void
test_same_matter_certain (Fixture       *fixture,
                          gconstpointer  data)
{
  ShenbaoPolicyResult *result;
  g_autoptr(GPtrArray) problems = NULL;

  set (fixture, "registered_region", "330604");
  set (fixture, "tax_region", "330604");
  set (fixture, "compute_fees_paid", "800万");
  choose_policy (fixture, "shangyu-2025");
  claim (fixture, "shangyu-2025/6a");
  claim (fixture, "shangyu-2025/6b");
  set (fixture, "6b/vertical_model_deployed", "yes");

  result = shenbao_filing_get_result (fixture->application);
  g_assert_cmpuint (result->questions->len, ==, 1);
  g_assert_true (((ShenbaoSameMatterQuestion *) g_ptr_array_index (result->questions, 0))->certain);
  g_assert_false (result->assumes_same);
  g_assert_cmpint (result->total_fen, ==, 4000000 * 100);
  g_assert_cmpint (shenbao_policy_result_find (result, "6a")->award_fen, ==, 1600000 * 100);
  g_assert_true (shenbao_policy_result_find (result, "6a")->dropped);
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  g_assert_null (find_problem (problems, SHENBAO_PROBLEM_SAME_MATTER, NULL));
}

/* ------------------------------------------------------------------ honest readiness */

static void
test_empty_is_not_ready (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = shenbao_filing_list_problems (fixture->application, FALSE);
  const char *profile[] = { "company_name", "credit_code", "registered_address", "registered_region" };

  for (guint i = 0; i < G_N_ELEMENTS (profile); i++)
    {
      ShenbaoProblem *problem = find_problem (problems, SHENBAO_PROBLEM_FIELD, profile[i]);

      g_assert_nonnull (problem);
      g_assert_cmpstr (problem->page, ==, SHENBAO_PAGE_COMPANY);
    }
  g_assert_nonnull (find_problem (problems, SHENBAO_PROBLEM_NO_POLICY, NULL));
  g_assert_false (shenbao_filing_is_ready (fixture->application));
}

/* A Hangzhou application for a Suzhou company, nothing claimed, must not read "ready"; once a
 * clause is claimed it does not apply (the location), which is a problem too. */
static void
test_wrong_place_nothing_claimed (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;
  guint n_problems;

  fill_profile (fixture, "320505");
  choose_policy (fixture, "hangzhou-2024-66");
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  g_assert_nonnull (find_problem (problems, SHENBAO_PROBLEM_NOTHING_CLAIMED, NULL));
  g_assert_cmpuint (problems->len, ==, 1);
  summary = shenbao_storage_get_application (fixture->storage, shenbao_filing_get_id (fixture->application), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->state, ==, "problems:1");
  g_assert_true (shenbao_filing_parse_summary_state (summary->state, &n_problems));
  g_assert_cmpuint (n_problems, ==, 1);

  claim (fixture, "hangzhou-2024-66/2b");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  g_assert_nonnull (find_problem (problems, SHENBAO_PROBLEM_NOT_APPLICABLE, NULL));
  g_assert_false (shenbao_filing_is_ready (fixture->application));
}

/* Suzhou 8b complete: profile, fees of 15,000,000 (20 % = 3,000,000, capped at 2,000,000), and
 * its three attachments. Ready only once the last attachment is there. */
static void
test_complete_is_ready (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;

  fill_profile (fixture, "320505");
  choose_policy (fixture, "suzhou-2025");
  claim (fixture, "suzhou-2025/8b");
  set (fixture, "compute_fees_paid", "１５００万");
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  g_assert_nonnull (find_problem (problems, SHENBAO_PROBLEM_ATTACHMENT, "suzhou-2025/8b/attachment/compute_contract"));
  g_assert_false (shenbao_filing_is_ready (fixture->application));

  attach_all (fixture, "8b");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", ((ShenbaoProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (shenbao_filing_is_ready (fixture->application));
  g_assert_cmpint (shenbao_filing_get_result (fixture->application)->total_fen, ==, 2000000 * 100);
  summary = shenbao_storage_get_application (fixture->storage, shenbao_filing_get_id (fixture->application), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->state, ==, "ready");
  g_assert_cmpint (summary->total_fen, ==, 2000000 * 100);
}

/* ------------------------------------------------------------------ every clause can be completed */

/* Every input any shipped clause still needs, claimed alone with nothing entered, has an editor
 * on the page its problem leads to: the profile for company facts, the clause's own page for
 * its fields and the policy-level fields it computes with, the checklist for the others. */
static void
test_every_input_has_an_editor (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) policies = shenbao_policy_set_get_policies (fixture->policies);
  guint checked = 0;

  for (guint p = 0; p < policies->len; p++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (policies, p);
      GPtrArray *clauses = shenbao_policy_get_clauses (policy);

      choose_policy (fixture, shenbao_policy_get_id (policy));
      for (guint c = 0; c < clauses->len; c++)
        {
          ShenbaoClause *clause = g_ptr_array_index (clauses, c);
          const char *full_id = shenbao_clause_get_full_id (clause);
          g_autoptr(GPtrArray) problems = NULL;
          g_autoptr(GError) error = NULL;

          g_assert_true (shenbao_filing_set_clause_chosen (fixture->application, full_id, TRUE, &error));
          problems = shenbao_filing_list_problems (fixture->application, FALSE);
          for (guint i = 0; i < problems->len; i++)
            {
              ShenbaoProblem *problem = g_ptr_array_index (problems, i);

              if (problem->kind != SHENBAO_PROBLEM_FIELD)
                continue;
              checked++;
              if (g_str_equal (problem->page, SHENBAO_PAGE_COMPANY))
                g_assert_true (shenbao_policy_set_find_fact (fixture->policies, shenbao_field_get_id (problem->field))
                               == problem->field);
              else if (g_str_equal (problem->page, SHENBAO_PAGE_CLAUSES))
                g_assert_true (g_ptr_array_find (shenbao_policy_get_fields (policy), problem->field, NULL));
              else
                {
                  g_autofree char *expected = g_strconcat (SHENBAO_PAGE_CLAUSE_PREFIX, full_id, NULL);

                  g_assert_cmpstr (problem->page, ==, expected);
                  g_assert_true (shenbao_clause_page_shows_field (clause, fixture->policies, problem->field));
                }
            }
          g_assert_true (shenbao_filing_set_clause_chosen (fixture->application, full_id, FALSE, &error));
        }
    }
  /* 96 clauses, most with inputs of their own; the profile's four count once per clause. */
  g_assert_cmpuint (checked, >, 96 * 4);
}

/* Suzhou 9b needs the recognised first-set list, a policy-level field: its problem leads to
 * clause 9b's page, which shows the list. */
static void
test_first_set_list_on_clause_page (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  ShenbaoProblem *problem;
  ShenbaoClause *clause;

  choose_policy (fixture, "suzhou-2025");
  claim (fixture, "suzhou-2025/9b");
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  problem = find_problem (problems, SHENBAO_PROBLEM_FIELD, "suzhou-2025/first_set_products");
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->page, ==, "clause:suzhou-2025/9b");
  clause = shenbao_policy_find_clause (shenbao_filing_get_policy (fixture->application), "9b");
  g_assert_true (shenbao_clause_page_shows_field (clause, fixture->policies, problem->field));
}

/* A full disk: the file size limit stops SQLite from growing its log. What is typed stays in
 * the application, the error says so, and it is written with the next save that succeeds;
 * nothing saved before is lost. Run in a child process, which alone gets the limit. */
static void
test_full_disk_keeps_edits (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "shenbao.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  set (fixture, "company_name", "已保存的企业");
  {
    struct rlimit limit = { 0 };
    GStatBuf wal_stat, db_stat;
    ShenbaoField *field = shenbao_policy_set_find_fact (fixture->policies, "registered_address");
    g_autoptr(GError) error = NULL;
    g_autoptr(ShenbaoFiling) reopened = NULL;
    gboolean saved;

    g_assert_cmpint (g_stat (path, &db_stat), ==, 0);
    if (g_stat (wal, &wal_stat) != 0)
      wal_stat.st_size = 0;
    /* Writing past the limit fails with EFBIG instead of killing the process. */
    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
    limit.rlim_cur = MAX (wal_stat.st_size, db_stat.st_size);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

    saved = shenbao_filing_set_text (fixture->application, field, "苏州市虎丘区科技城 1 号，一个足够长的地址使日志必须增长",
                                          &error);
    g_assert_false (saved);
    g_assert_nonnull (error);
    g_test_message ("refused: %s", error->message);
    g_assert_cmpstr (shenbao_filing_get_text (fixture->application, "registered_address"), ==,
                     "苏州市虎丘区科技城 1 号，一个足够长的地址使日志必须增长");
    g_assert_true (shenbao_filing_has_unsaved (fixture->application));

    /* Room again: the next edit writes both. */
    limit.rlim_cur = limit.rlim_max;
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
    g_clear_error (&error);
    set (fixture, "company_name", "已保存的企业（新名称）");
    g_assert_false (shenbao_filing_has_unsaved (fixture->application));

    reopened = shenbao_filing_load (fixture->storage, fixture->policies,
                                         shenbao_filing_get_id (fixture->application), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (shenbao_filing_get_text (reopened, "company_name"), ==, "已保存的企业（新名称）");
    g_assert_cmpstr (shenbao_filing_get_text (reopened, "registered_address"), ==,
                     "苏州市虎丘区科技城 1 号，一个足够长的地址使日志必须增长");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/shenbao/application/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("defaults-not-saved", test_defaults_not_saved);
  ADD ("invalid-is-not-missing", test_invalid_is_not_missing);
  ADD ("total-counts-claimed-only", test_total_counts_claimed_only);
  ADD ("same-matter-asked", test_same_matter_asked);
  ADD ("same-matter-certain", test_same_matter_certain);
  ADD ("empty-is-not-ready", test_empty_is_not_ready);
  ADD ("wrong-place-nothing-claimed", test_wrong_place_nothing_claimed);
  ADD ("complete-is-ready", test_complete_is_ready);
  ADD ("every-input-has-an-editor", test_every_input_has_an_editor);
  ADD ("first-set-list-on-clause-page", test_first_set_list_on_clause_page);
  ADD ("full-disk-keeps-edits", test_full_disk_keeps_edits);
#undef ADD

  return g_test_run ();
}
