/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "shenbao-saved-applications.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

/* The start page's list at a consultant's scale: 2,500 applications for 1,250 companies, made
 * through the storage API. Application n (from 0) is for company n / 2, named "企业 NNNN",
 * files policy n % 5 of the list below, is ready when n % 7 == 0 and totals (n % 50) × 10,000. */

#define N_APPLICATIONS 2500

static const char *policies[] = { "pudong-2024", "suzhou-2025", "shangyu-2025", "hangzhou-2024-66",
                                  "minhang-2025-draft" };

static char *directory;
static char *database;
static ShenbaoStorage *storage;
static ShenbaoPolicySet *policy_set;
static GArray *ids;   /* gint64, by n */

static void
make_applications (void)
{
  g_autoptr(GError) error = NULL;
  gint64 company = 0;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint n = 0; n < N_APPLICATIONS; n++)
    {
      gint64 id;

      if (n % 2 == 0)
        {
          g_autofree char *name = g_strdup_printf ("企业 %04u", n / 2);

          company = shenbao_storage_create_company (storage, &error);
          g_assert_no_error (error);
          g_assert_true (shenbao_storage_set_company_value (storage, company, "company_name", name, &error));
          /* Company 7 alone has this credit code. */
          g_assert_true (shenbao_storage_set_company_value (storage, company, "credit_code",
                                                            n / 2 == 7 ? "91320505MA7ABCDE12" : "91310115MA1K3YJ662",
                                                            &error));
        }
      id = shenbao_storage_create_application (storage, company, policies[n % 5], &error);
      g_assert_no_error (error);
      g_assert_true (shenbao_storage_set_application_summary (storage, id, n % 7 == 0 ? "ready" : "problems:2",
                                                              (gint64) (n % 50) * 1000000,
                                                              (gint64) (n % 50) * 1000000, &error));
      g_array_append_val (ids, id);
    }
}

static const ShenbaoFilingSummary *
summary_at (ShenbaoSavedApplications *model,
            guint                     position)
{
  g_autoptr(ShenbaoSavedApplication) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  /* The model keeps its pages: the summary outlives this reference. */
  return shenbao_saved_application_get_summary (item);
}

static void
test_opens_reading_one_page (void)
{
  g_autoptr(ShenbaoSavedApplications) model = shenbao_saved_applications_new (storage, policy_set, NULL);
  gint64 start = g_get_monotonic_time ();

  shenbao_saved_applications_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_APPLICATIONS);
  /* What a window shows at first: some twenty rows, one page. */
  for (guint i = 0; i < 20; i++)
    g_assert_nonnull (summary_at (model, i));
  g_test_message ("count and first 20 rows of %u: %.1f ms", N_APPLICATIONS,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (shenbao_saved_applications_get_pages_read (model), ==, 1);
  /* Newest first: the last one made. */
  g_assert_cmpint (summary_at (model, 0)->id, ==, g_array_index (ids, gint64, N_APPLICATIONS - 1));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_APPLICATIONS));
}

static void
test_sorts (void)
{
  g_autoptr(ShenbaoSavedApplications) model = shenbao_saved_applications_new (storage, policy_set, NULL);

  shenbao_saved_applications_set_sort (model, SHENBAO_FILING_SORT_COMPANY);
  g_assert_cmpstr (summary_at (model, 0)->company_name, ==, "企业 0000");
  g_assert_cmpstr (summary_at (model, 2)->company_name, ==, "企业 0001");
  g_assert_cmpstr (summary_at (model, N_APPLICATIONS - 1)->company_name, ==, "企业 1249");

  /* The largest total is 49 × 1,000,000 fen, for every n with n % 50 == 49. */
  shenbao_saved_applications_set_sort (model, SHENBAO_FILING_SORT_AMOUNT);
  g_assert_cmpint (summary_at (model, 0)->total_up_to_fen, ==, 49 * 1000000);
  g_assert_cmpint (summary_at (model, N_APPLICATIONS - 1)->total_up_to_fen, ==, 0);
}

static void
test_searches (void)
{
  g_autoptr(ShenbaoSavedApplications) model = shenbao_saved_applications_new (storage, policy_set, NULL);

  /* Company 42's two applications. */
  shenbao_saved_applications_set_search (model, "企业 0042");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  /* By credit code: company 7's two. */
  shenbao_saved_applications_set_search (model, "MA7ABCDE");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpstr (summary_at (model, 0)->company_name, ==, "企业 0007");
  /* By a word of the policy's title: Pudong's, every fifth application. */
  shenbao_saved_applications_set_search (model, "浦东新区");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_APPLICATIONS / 5);
  /* LIKE's own characters are searched for as typed: nothing has "50%". */
  shenbao_saved_applications_set_search (model, "50%");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  shenbao_saved_applications_set_search (model, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_APPLICATIONS);
}

static void
test_filters (void)
{
  g_autoptr(ShenbaoSavedApplications) model = shenbao_saved_applications_new (storage, policy_set, NULL);
  g_autoptr(sqlite3) raw = NULL;
  GDate today;

  /* n % 7 == 0 for n in 0…2499: 0, 7, …, 2492, that is 357 + 1 = 358. */
  shenbao_saved_applications_set_filter (model, SHENBAO_FILING_FILTER_READY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 358);
  shenbao_saved_applications_set_filter (model, SHENBAO_FILING_FILTER_IN_PROGRESS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_APPLICATIONS - 358);

  /* Suzhou's window closes on 2026-12-05; on 2026-12-01 that is within 7 days, on 2026-11-20 not. */
  g_assert_cmpint (sqlite3_open (database, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO policy_windows (policy_id, opens, closes) "
                                      "VALUES ('suzhou-2025', '2026-11-20', '2026-12-05')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_DECEMBER, 2026);
  shenbao_saved_applications_set_today (model, &today);
  shenbao_saved_applications_set_filter (model, SHENBAO_FILING_FILTER_WINDOW_CLOSING);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_APPLICATIONS / 5);
  g_assert_cmpstr (summary_at (model, 0)->policy_id, ==, "suzhou-2025");
  g_date_set_dmy (&today, 20, G_DATE_NOVEMBER, 2026);
  shenbao_saved_applications_set_today (model, &today);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* By deadline, Suzhou's (the one with a window) come first. */
  shenbao_saved_applications_set_filter (model, SHENBAO_FILING_FILTER_ALL);
  shenbao_saved_applications_set_sort (model, SHENBAO_FILING_SORT_DEADLINE);
  g_assert_cmpstr (summary_at (model, 0)->policy_id, ==, "suzhou-2025");
  g_assert_cmpstr (summary_at (model, N_APPLICATIONS / 5)->policy_id, !=, "suzhou-2025");
  g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM policy_windows", NULL, NULL, NULL), ==, SQLITE_OK);
}

typedef struct
{
  guint calls;
  guint position, removed, added;
} Changes;

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Changes    *changes)
{
  changes->calls++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

/* Deleting hides the row at once (undoable) and is quick at this size; undo brings it back. */
static void
test_delete_and_undo (void)
{
  g_autoptr(ShenbaoSavedApplications) model = shenbao_saved_applications_new (storage, policy_set, NULL);
  g_autoptr(GHashTable) hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 first = summary_at (model, 0)->id;
  Changes changes = { 0 };
  guint pages_before;
  gint64 start;

  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes), &changes);
  pages_before = shenbao_saved_applications_get_pages_read (model);
  start = g_get_monotonic_time ();
  g_hash_table_add (hidden, g_memdup2 (&first, sizeof first));
  shenbao_saved_applications_set_hidden (model, hidden);
  g_assert_nonnull (summary_at (model, 0));
  g_test_message ("hide one of %u and show the first row again: %.1f ms", N_APPLICATIONS,
                  (g_get_monotonic_time () - start) / 1000.0);
  /* One row removed, at the top; the rows below keep what was read. */
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (shenbao_saved_applications_get_pages_read (model), ==, pages_before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_APPLICATIONS - 1);
  g_assert_cmpint (summary_at (model, 0)->id, !=, first);

  g_hash_table_remove_all (hidden);
  shenbao_saved_applications_set_hidden (model, hidden);
  g_assert_cmpuint (changes.calls, ==, 2);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_APPLICATIONS);
  g_assert_cmpint (summary_at (model, 0)->id, ==, first);
}

/* Back on the start page after editing an application: its row moves to the top with what was
 * saved, and the list reads only that row again. */
static void
test_edited_row_read_again (void)
{
  g_autoptr(ShenbaoSavedApplications) model = shenbao_saved_applications_new (storage, policy_set, NULL);
  gint64 oldest = g_array_index (ids, gint64, 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (summary_at (model, 0)->id, !=, oldest);
  /* A second later, so its last change is the newest. */
  g_usleep (G_USEC_PER_SEC);
  g_assert_true (shenbao_storage_set_application_summary (storage, oldest, "ready", 123400, 123400, &error));
  g_assert_no_error (error);
  shenbao_saved_applications_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_APPLICATIONS);
  g_assert_cmpint (summary_at (model, 0)->id, ==, oldest);
  g_assert_cmpint (summary_at (model, 0)->total_up_to_fen, ==, 123400);
  g_assert_cmpstr (summary_at (model, 0)->state, ==, "ready");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  directory = g_dir_make_tmp ("shenbao-saved-XXXXXX", &error);
  g_assert_no_error (error);
  database = g_build_filename (directory, "shenbao.db", NULL);
  storage = shenbao_storage_open (database, &error);
  g_assert_no_error (error);
  policy_set = shenbao_policy_set_new_default (&error);
  g_assert_no_error (error);
  make_applications ();

  g_test_add_func ("/shenbao/saved-applications/opens-reading-one-page", test_opens_reading_one_page);
  g_test_add_func ("/shenbao/saved-applications/sorts", test_sorts);
  g_test_add_func ("/shenbao/saved-applications/searches", test_searches);
  g_test_add_func ("/shenbao/saved-applications/filters", test_filters);
  g_test_add_func ("/shenbao/saved-applications/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/shenbao/saved-applications/edited-row-read-again", test_edited_row_read_again);
  status = g_test_run ();

  g_clear_object (&storage);
  g_clear_object (&policy_set);
  g_array_unref (ids);
  {
    g_autofree char *wal = g_strconcat (database, "-wal", NULL);
    g_autofree char *shm = g_strconcat (database, "-shm", NULL);

    g_unlink (database);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (directory);
  g_free (database);
  g_free (directory);
  return status;
}
