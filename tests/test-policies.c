/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shenbao-engine.h"
#include "shenbao-policy-set.h"

/* The clause ids of the five seed documents, as the domain guide lists them (§11). */
static const struct { const char *policy; const char *clauses; } expected_ids[] = {
  { "hangzhou-2024-66", "1 2a 2b 2c 2d 2e 3a 3b 4a 4b 4c 5a 5b 5c 6 7 8 9 10" },
  { "minhang-2025-draft", "1a 1b 2a 2b 3a 3b 4a 4b 5 6a 6b 7 8 9 10 11 12 13a 13b 14" },
  { "pudong-2024", "1 2 3 4 5 6 7 8a 8b 8c" },
  { "shangyu-2025", "1a 1b 2 3a 3b 4 5a 5b 6a 6b 7a 7b 7c 7d 8a 8b 8c 9 10 11" },
  { "suzhou-2025", "1 2 3a 3b 3c 3d 3e 3f 3g 4a 4b 5 6a 6b 6c 6d 7 8a 8b 8c 9a 9b 9c 10 11 12a 12b" },
};

static ShenbaoPolicySet *
load (void)
{
  g_autoptr(GError) error = NULL;
  ShenbaoPolicySet *set = shenbao_policy_set_new_default (&error);
  GPtrArray *problems;

  g_assert_no_error (error);
  problems = shenbao_policy_set_get_problems (set);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  return set;
}

static void
test_all_load (void)
{
  g_autoptr(ShenbaoPolicySet) set = load ();
  g_autoptr(GPtrArray) policies = shenbao_policy_set_get_policies (set);

  g_assert_cmpuint (policies->len, ==, G_N_ELEMENTS (expected_ids));
}

static void
test_every_clause_encoded (void)
{
  g_autoptr(ShenbaoPolicySet) set = load ();
  guint total = 0;

  for (guint p = 0; p < G_N_ELEMENTS (expected_ids); p++)
    {
      ShenbaoPolicy *policy = shenbao_policy_set_lookup (set, expected_ids[p].policy);
      g_auto(GStrv) ids = g_strsplit (expected_ids[p].clauses, " ", -1);

      g_assert_nonnull (policy);
      g_assert_cmpuint (shenbao_policy_get_clauses (policy)->len, ==, g_strv_length (ids));
      for (guint i = 0; ids[i] != NULL; i++)
        {
          ShenbaoClause *clause = g_ptr_array_index (shenbao_policy_get_clauses (policy), i);
          const ShenbaoText *title = shenbao_clause_get_title (clause);
          const char *quote = shenbao_clause_get_quote (clause);

          /* In the document's order, with both titles and the original words. */
          g_assert_cmpstr (shenbao_clause_get_id (clause), ==, ids[i]);
          g_assert_true (title->zh != NULL && *title->zh != '\0');
          g_assert_true (title->en != NULL && *title->en != '\0');
          g_assert_true (quote != NULL && g_utf8_strlen (quote, -1) > 8);
          total++;
        }
    }
  g_assert_cmpuint (total, ==, 96);
}

/* Every clause that computes an amount proves itself with at least one worked example. */
static void
test_computable_clauses_have_examples (void)
{
  g_autoptr(ShenbaoPolicySet) set = load ();
  g_autoptr(GPtrArray) policies = shenbao_policy_set_get_policies (set);

  for (guint p = 0; p < policies->len; p++)
    {
      GPtrArray *clauses = shenbao_policy_get_clauses (g_ptr_array_index (policies, p));

      for (guint c = 0; c < clauses->len; c++)
        {
          ShenbaoClause *clause = g_ptr_array_index (clauses, c);
          ShenbaoAwardKind kind = shenbao_clause_get_kind (clause);
          GPtrArray *examples = shenbao_clause_get_examples (clause);

          if (kind != SHENBAO_AWARD_EXACT && kind != SHENBAO_AWARD_UP_TO)
            continue;
          if (examples->len < 2)
            g_error ("%s computes an amount but has %u worked example(s); it needs a case and a boundary",
                     shenbao_clause_get_full_id (clause), examples->len);
        }
    }
}

static void
test_worked_examples (void)
{
  g_autoptr(ShenbaoPolicySet) set = load ();
  g_autoptr(GPtrArray) policies = shenbao_policy_set_get_policies (set);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint examples = 0;

  for (guint p = 0; p < policies->len; p++)
    {
      guint checked = 0;

      shenbao_engine_check_examples (set, g_ptr_array_index (policies, p), problems, &checked);
      examples += checked;
    }
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  g_test_message ("%u worked examples correct", examples);
  g_assert_cmpuint (examples, >=, 200);
}

/* A clause without a computable amount is still there and never carries an invented number. */
/* What the applicant is told on review or by another policy (an amount, a ratio set in the
 * call): an optional clause field without a default. Leaving these out, no amount may appear. */
static gboolean
is_told_amount (ShenbaoClause *clause,
                const char    *name)
{
  const char *slash = strrchr (name, '/');
  const char *id = slash != NULL ? slash + 1 : name;
  ShenbaoField *field = shenbao_clause_find_field (clause, id);

  if (field == NULL)
    field = shenbao_policy_find_field (shenbao_clause_get_policy (clause), id);

  return field != NULL && !shenbao_field_is_required (field)
         && shenbao_field_get_default_value (field) == NULL;
}

static void
apply_example (ShenbaoPolicySet *set,
               ShenbaoClause    *clause,
               ShenbaoExample   *example,
               ShenbaoInputs    *inputs)
{
  for (guint i = 0; i < example->settings->len; i++)
    {
      ShenbaoSetting *setting = g_ptr_array_index (example->settings, i);
      g_autofree char *name = NULL;
      g_autofree char *key = NULL;
      ShenbaoField *field = NULL;
      ShenbaoValue *value;

      if (is_told_amount (clause, setting->name))
        continue;
      name = strchr (setting->name, '/') == NULL && shenbao_clause_find_field (clause, setting->name) != NULL
             ? g_strdup_printf ("%s/%s", shenbao_clause_get_id (clause), setting->name)
             : g_strdup (setting->name);
      g_assert_true (shenbao_policy_set_resolve_name (set, shenbao_clause_get_policy (clause), name, &key, &field,
                                                      NULL));
      value = shenbao_field_parse_value (field, setting->value != NULL ? setting->value : "", NULL);
      if (value != NULL)
        shenbao_inputs_take (inputs, key, value);
    }
}

/* A clause the document gives no computable amount for never shows one it invented: fed the
 * inputs of its own worked examples, which make it apply, minus any amount the applicant was
 * told, it computes nothing. Without the kind filter below this fails, as computable clauses
 * then do pay. */
static void
test_no_invented_amounts (void)
{
  g_autoptr(ShenbaoPolicySet) set = load ();
  g_autoptr(GPtrArray) policies = shenbao_policy_set_get_policies (set);
  guint applying = 0;
  GDate as_of;

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, 7, 2025);
  for (guint p = 0; p < policies->len; p++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (policies, p);
      GPtrArray *clauses = shenbao_policy_get_clauses (policy);

      for (guint c = 0; c < clauses->len; c++)
        {
          ShenbaoClause *clause = g_ptr_array_index (clauses, c);
          ShenbaoAwardKind kind = shenbao_clause_get_kind (clause);
          GPtrArray *examples = shenbao_clause_get_examples (clause);

          if (kind != SHENBAO_AWARD_NONE && kind != SHENBAO_AWARD_REVIEW && kind != SHENBAO_AWARD_OTHER_POLICY)
            continue;
          for (guint e = 0; e < examples->len; e++)
            {
              g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
              g_autoptr(ShenbaoPolicyResult) result = NULL;
              ShenbaoClauseResult *clause_result;

              apply_example (set, clause, g_ptr_array_index (examples, e), inputs);
              result = shenbao_engine_compute (set, policy, inputs, &as_of);
              clause_result = shenbao_policy_result_find (result, shenbao_clause_get_id (clause));
              if (clause_result->has_amount || clause_result->payout_fen != 0)
                g_error ("%s example %u: an amount nobody entered: %" G_GINT64_FORMAT,
                         shenbao_clause_get_full_id (clause), e, clause_result->payout_fen);
              applying += clause_result->applies == SHENBAO_APPLIES_YES;
            }
        }
    }
  /* The examples do make these clauses apply: the check above is not vacuous. */
  g_test_message ("%u review, other-policy or non-monetary examples apply", applying);
  g_assert_cmpuint (applying, >=, 10);
}

static void
test_flags_shown (void)
{
  g_autoptr(ShenbaoPolicySet) set = load ();
  ShenbaoPolicy *shangyu = shenbao_policy_set_lookup (set, "shangyu-2025");
  ShenbaoClause *financing = shenbao_policy_find_clause (shangyu, "11");
  GPtrArray *flags;
  gboolean has_a7 = FALSE;

  /* The register's A7 (超过2年以上) concerns clause 11 and must reach the user with it. */
  flags = shenbao_clause_get_flags (financing);
  for (guint i = 0; i < flags->len; i++)
    has_a7 |= g_str_equal (g_ptr_array_index (flags, i), "A7");
  g_assert_true (has_a7);
  g_assert_nonnull (strstr (shenbao_flag_get_text (shenbao_policy_find_flag (shangyu, "A7"))->zh, "超过2年以上"));
}

static void
test_facts_shared (void)
{
  g_autoptr(ShenbaoPolicySet) set = load ();
  g_autoptr(GPtrArray) policies = shenbao_policy_set_get_policies (set);
  guint readers = 0;

  /* Compute fees are entered once and read by clauses of several policies. */
  for (guint p = 0; p < policies->len; p++)
    {
      GPtrArray *clauses = shenbao_policy_get_clauses (g_ptr_array_index (policies, p));

      for (guint c = 0; c < clauses->len; c++)
        {
          GPtrArray *facts_used = shenbao_clause_get_facts_used (g_ptr_array_index (clauses, c));

          for (guint f = 0; f < facts_used->len; f++)
            readers += g_str_equal (g_ptr_array_index (facts_used, f), "compute_fees_paid");
        }
    }
  g_assert_cmpuint (readers, >=, 4);
}

/* The user's data directory is set up in main(), before GLib caches it. */
static char *test_home;

static void
test_user_policy_replaces_shipped (void)
{
  g_autofree char *dir = g_build_filename (test_home, "shenbao", "policies", NULL);
  g_autofree char *shipped = g_build_filename (g_getenv ("SHENBAO_POLICY_DIR"), "pudong-2024.xml", NULL);
  g_autofree char *copy = g_build_filename (dir, "pudong-2024.xml", NULL);
  g_autofree char *source = NULL;
  g_autofree char *changed = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(ShenbaoPolicySet) set = NULL;
  ShenbaoPolicy *policy;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (shipped, &source, NULL, NULL));
  parts = g_strsplit (source, "2026-12-28</expiry>", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strjoinv ("2030-12-31</expiry>", parts);
  g_assert_true (g_file_set_contents (copy, changed, -1, NULL));

  set = load ();
  policy = shenbao_policy_set_lookup (set, "pudong-2024");
  g_assert_cmpint (g_date_get_year (shenbao_policy_get_expiry (policy)), ==, 2030);
  g_assert_cmpstr (shenbao_policy_get_path (policy), ==, copy);
  g_assert_cmpint (g_unlink (copy), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  test_home = g_build_filename (g_get_tmp_dir (), "shenbao-home-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (test_home));
  g_setenv ("XDG_DATA_HOME", test_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shenbao/policies/all-load", test_all_load);
  g_test_add_func ("/shenbao/policies/every-clause-encoded", test_every_clause_encoded);
  g_test_add_func ("/shenbao/policies/computable-clauses-have-examples", test_computable_clauses_have_examples);
  g_test_add_func ("/shenbao/policies/worked-examples", test_worked_examples);
  g_test_add_func ("/shenbao/policies/no-invented-amounts", test_no_invented_amounts);
  g_test_add_func ("/shenbao/policies/flags-shown", test_flags_shown);
  g_test_add_func ("/shenbao/policies/facts-shared", test_facts_shared);
  g_test_add_func ("/shenbao/policies/user-policy-replaces-shipped", test_user_policy_replaces_shipped);

  return g_test_run ();
}
