/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/wait.h>

/* Runs shenbao-cli with the arguments and returns its exit status, stdout and stderr. */
static int
run_cli (char  **out,
         char  **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SHENBAO_CLI"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                               &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_list (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "list", "--as-of", "2026-11-23", NULL), ==, 0);
  /* Hangzhou runs 2025-01-22 to 2027-12-31: on 2026-11-23 that is 403 days before expiry. */
  g_assert_nonnull (strstr (out, "hangzhou-2024-66"));
  g_assert_nonnull (strstr (out, "in force; stated period ends in 403 days (2027-12-31)"));
  g_assert_nonnull (strstr (out, "minhang-2025-draft   draft"));
  g_assert_nonnull (strstr (out, " 27 clauses"));
  g_assert_cmpstr (err, ==, "");
}

/* A draft says its stated period; the one whose period has ended is listed last. */
static void
test_list_drafts (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "list", "--as-of", "2026-12-02", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "shangyu-2025         draft; its stated period ended 2025-12-31"));
  g_assert_nonnull (strstr (out, "pudong-2024          draft; stated period ends in 26 days (2026-12-28)"));
  g_assert_true (strstr (out, "shangyu-2025") > strstr (out, "suzhou-2025"));
  g_assert_true (strstr (out, "shangyu-2025") > strstr (out, "pudong-2024"));
}

static void
test_list_expired (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "list", "--as-of", "2028-01-01", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "suzhou-2025          expired; its stated period ended 2027-12-31"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The day before Suzhou takes effect (2025-06-01). */
  g_assert_cmpint (run_cli (&out, &err, "list", "--as-of", "2025-05-31", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "suzhou-2025          not yet in force"));
}

/* --as-of reads what finance staff type, and refuses an impossible date with the reason. */
static void
test_as_of_dates (void)
{
  g_autofree char *out = NULL, *err = NULL;

  /* 2025年5月31日 is the day before Suzhou takes effect. */
  g_assert_cmpint (run_cli (&out, &err, "list", "--as-of", "２０２５年５月３１日", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "suzhou-2025          not yet in force"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "list", "--as-of", "2025-01-257", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "shenbao-cli: --as-of: “2025-01-257” is not a date: write the year, month "
                            "and day, as in 2025-06-30 or 2025年6月30日\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "list", "--as-of", "4294969321-01-01", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "the year must have four digits"));
}

/* Domain guide example 7A: a 12-billion-parameter model in 5 scenarios, compute cost 5,000,000.
 * 8b: 20 % × 5,000,000 = 1,000,000; 8c: 50 % × 5,000,000 = 2,500,000; 就高不重复 keeps 8c. */
static void
test_compute_json (void)
{
  g_autofree char *out = NULL, *err = NULL;
  int status = run_cli (&out, &err, "compute", "suzhou-2025", "--as-of", "2025-07-01", "--json",
                        "--set", "registered_region=320505",
                        "--set", "compute_fees_paid=500万",
                        "--set", "8c/parameter_count=12000000000",
                        "--set", "8c/typical_scenarios=5",
                        "--set", "8c/project_compute_cost=5000000",
                        "--set", "8c/is_model_builder=yes",
                        NULL);

  if (status != 0)
    g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\"policy\" : \"suzhou-2025\""));
  g_assert_nonnull (strstr (out, "\"status\" : \"in-force\""));
  g_assert_nonnull (strstr (out, "\"award\" : \"2500000.00\""));
  g_assert_nonnull (strstr (out, "\"id\" : \"suzhou-2025/8b\""));
  g_assert_nonnull (strstr (out, "\"total\" : \"2500000.00\""));
  g_assert_nonnull (strstr (out, "\"total_up_to\""));
  g_assert_nonnull (strstr (out, "\"explanation\""));
}

static void
test_bad_value (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "compute", "suzhou-2025", "--set", "compute_fees_paid=lots", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "compute_fees_paid"));
  g_assert_nonnull (strstr (err, "not a number"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "compute", "suzhou-2025", "--set", "compute_fees_paid=-1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "below the minimum"));
}

static void
test_unknown_name_and_policy (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "compute", "suzhou-2025", "--set", "turnover=5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown name “turnover”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "compute", "atlantis-2030", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no policy “atlantis-2030”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "compute", "suzhou-2025", "--as-of", "2025-02-30", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not a date"));
}

static void
test_validate (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *good = g_build_filename (g_getenv ("SHENBAO_POLICY_DIR"), "pudong-2024.xml", NULL);
  g_autofree char *bad = g_build_filename (g_get_tmp_dir (), "shenbao-cli-bad.xml", NULL);

  g_assert_cmpint (run_cli (&out, &err, "validate", good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "worked examples correct"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (bad, "<?xml version=\"1.0\"?>\n<policy>\n<oops>\n</policy>\n", -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "validate", bad, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, bad));
  g_assert_nonnull (strstr (out, ":4: "));
  g_unlink (bad);
}

/* validate with every shipped file, as `validate data/policies/…xml` gives them: facts.xml is
 * recognised and checked against facts.rng, not refused as "the root element must be <policy …>". */
static void
test_validate_facts (void)
{
  const char *dir = g_getenv ("SHENBAO_POLICY_DIR");
  static const char *files[] = { "facts.xml", "hangzhou-2024-66.xml", "minhang-2025-draft.xml",
                                 "pudong-2024.xml", "shangyu-2025.xml", "suzhou-2025.xml" };
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *argv_text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, g_strdup (g_getenv ("SHENBAO_CLI")));
  g_ptr_array_add (argv, g_strdup ("validate"));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_ptr_array_add (argv, g_build_filename (dir, files[i], NULL));
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_str_has_prefix (out, "6 files valid, "));
}

/* An edited facts.xml without compute_fees_paid: Minhang's clause 1b still names it (its
 * condition on line 265, after the default materials list), and validate says so; a fact without its type breaks facts.rng. */
static void
test_validate_edited_facts (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *shipped = g_build_filename (g_getenv ("SHENBAO_POLICY_DIR"), "facts.xml", NULL);
  g_autofree char *minhang = g_build_filename (g_getenv ("SHENBAO_POLICY_DIR"), "minhang-2025-draft.xml", NULL);
  g_autofree char *dir = g_dir_make_tmp ("shenbao-cli-facts-XXXXXX", NULL);
  g_autofree char *edited = g_build_filename (dir, "facts.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = g_strdup_printf ("%s:265: ", minhang);
  char *start, *end;

  g_assert_true (g_file_get_contents (shipped, &contents, NULL, NULL));
  start = strstr (contents, "  <fact id=\"compute_fees_paid\"");
  g_assert_nonnull (start);
  end = strstr (start, "</fact>\n") + strlen ("</fact>\n");
  memmove (start, end, strlen (end) + 1);
  g_assert_true (g_file_set_contents (edited, contents, -1, NULL));

  g_assert_cmpint (run_cli (&out, &err, "validate", edited, minhang, NULL), ==, 1);
  g_assert_nonnull (strstr (out, expected));
  g_assert_nonnull (strstr (out, "unknown name “compute_fees_paid”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Line 5 of the shipped facts.xml is <fact id="company_name" type="text">. */
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (shipped, &contents, NULL, NULL));
  memcpy (strstr (contents, " type=\"text\""), "           ", strlen (" type=\"text\""));
  g_assert_true (g_file_set_contents (edited, contents, -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "validate", edited, NULL), ==, 1);
  g_free (expected);
  expected = g_strdup_printf ("%s:5: ", edited);
  g_assert_true (g_str_has_prefix (out, expected));

  g_unlink (edited);
  g_rmdir (dir);
}

/* The consultant's question: what can this client claim? Only policies its location fits. */
static void
test_compute_all (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "compute", "--all", "--as-of", "2025-07-01",
                            "--set", "credit_code=91310115MA1K3YJ662",
                            "--set", "tax_region=310115", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "pudong-2024"));
  g_assert_null (strstr (out, "suzhou-2025"));
  g_assert_null (strstr (out, "shangyu-2025"));
}

static void
test_show_and_facts (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "show", "shangyu-2025", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "shangyu-2025/11"));
  g_assert_nonnull (strstr (out, "A7"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "facts", "pudong-2024", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "compute_fees_paid"));
  g_assert_nonnull (strstr (out, "pudong-2024/7/"));
}

static gpointer
hold_database (gpointer path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_usleep (1500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return NULL;
}

/* While the window holds the database (a save under way), the command line neither fails nor
 * reads half a change: it reads what was last committed, and would wait for a lock it needs
 * (its busy timeout is a minute). */
static void
test_waits_on_lock (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("XDG_DATA_HOME"), "shenbao", "shenbao.db", NULL);
  GThread *holder;
  gint64 start;

  /* The first run makes the database. */
  g_assert_cmpint (run_cli (&out, &err, "applications", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  holder = g_thread_new ("holder", hold_database, path);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  start = g_get_monotonic_time ();
  g_assert_cmpint (run_cli (&out, &err, "applications", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * G_TIME_SPAN_MILLISECOND);
  g_thread_join (holder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shenbao/cli/list", test_list);
  g_test_add_func ("/shenbao/cli/list-drafts", test_list_drafts);
  g_test_add_func ("/shenbao/cli/list-expired", test_list_expired);
  g_test_add_func ("/shenbao/cli/compute-json", test_compute_json);
  g_test_add_func ("/shenbao/cli/bad-value", test_bad_value);
  g_test_add_func ("/shenbao/cli/unknown-name-and-policy", test_unknown_name_and_policy);
  g_test_add_func ("/shenbao/cli/validate", test_validate);
  g_test_add_func ("/shenbao/cli/validate-facts", test_validate_facts);
  g_test_add_func ("/shenbao/cli/validate-edited-facts", test_validate_edited_facts);
  g_test_add_func ("/shenbao/cli/compute-all", test_compute_all);
  g_test_add_func ("/shenbao/cli/show-and-facts", test_show_and_facts);
  g_test_add_func ("/shenbao/cli/as-of-dates", test_as_of_dates);

  g_test_add_func ("/shenbao/cli/waits-on-lock", test_waits_on_lock);
  return g_test_run ();
}
