/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-package-bench"

#include "config.h"

#include <glib/gstdio.h>

#include "shenbao-forms.h"
#include "shenbao-package.h"

/* Speed of the submission package, for build-aux/bench.sh:
 *   shenbao-package-bench form          the application form of a 10-clause application, drawn
 *                                       to PDF (median of 11 runs after one warm-up);
 *   shenbao-package-bench package DIR OUT.zip
 *                                       every file in DIR attached and packaged (one run). */

static ShenbaoFiling *
make_application (ShenbaoStorage   *storage,
                  ShenbaoPolicySet *policies)
{
  g_autoptr(ShenbaoFiling) application = shenbao_filing_create (storage, policies, 0, NULL);
  ShenbaoPolicy *policy;
  GPtrArray *clauses;
  guint claimed = 0;

  shenbao_filing_set_policy (application, "hangzhou-2024-66", NULL);
  policy = shenbao_filing_get_policy (application);
  clauses = shenbao_policy_get_clauses (policy);
  for (guint i = 0; i < clauses->len && claimed < 10; i++, claimed++)
    shenbao_filing_set_clause_chosen (application, shenbao_clause_get_full_id (g_ptr_array_index (clauses, i)),
                                           TRUE, NULL);
  {
    g_autofree char *key = NULL;
    ShenbaoField *field = NULL;

    if (shenbao_policy_set_resolve_name (policies, policy, "company_name", &key, &field, NULL))
      shenbao_filing_set_text (application, field, "杭州某某智能装备有限公司", NULL);
  }
  return g_steal_pointer (&application);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static int
bench_form (ShenbaoFiling *application)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) attachments = shenbao_forms_number_attachments (shenbao_filing_get_checklist (application));
  g_autoptr(GPtrArray) claimed = shenbao_filing_list_chosen (application);
  gsize size = 0;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  for (int run = 0; run < 12; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(ShenbaoDocument) document = shenbao_forms_application (application, attachments, TRUE, TRUE, &today);
      g_autoptr(GBytes) pdf = shenbao_document_to_pdf (document, "申报书", NULL);
      gint64 elapsed = g_get_monotonic_time () - start;

      size = g_bytes_get_size (pdf);
      if (run > 0)   /* the first run loads the fonts */
        g_array_append_val (times, elapsed);
    }
  g_array_sort (times, compare_int64);
  g_print ("application form of %u clauses: %.1f ms (median of 11; first run excluded), %" G_GSIZE_FORMAT " bytes\n",
           claimed->len, g_array_index (times, gint64, times->len / 2) / 1000.0, size);
  return 0;
}

static int
bench_package (ShenbaoFiling *application,
               const char    *folder,
               const char    *output)
{
  ShenbaoChecklist *checklist = shenbao_filing_get_checklist (application);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(ShenbaoPackage) package = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 start;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *id = shenbao_checklist_add (checklist, name, NULL);

      /* Attaching hashes each file, as the user's attach does; not part of the packaging time. */
      if (id == NULL || !shenbao_checklist_attach (checklist, id, path, &error))
        {
          g_printerr ("%s: %s\n", path, error != NULL ? error->message : "cannot add");
          return 1;
        }
    }
  start = g_get_monotonic_time ();
  package = shenbao_package_new (application, TRUE, TRUE, &today, &error);
  if (package == NULL || !shenbao_package_write (package, output, TRUE, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%.3f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("shenbao-package-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "bench.db", NULL);
  g_autoptr(ShenbaoStorage) storage = shenbao_storage_open (path, &error);
  g_autoptr(ShenbaoPolicySet) policies = shenbao_policy_set_new_default (&error);
  g_autoptr(ShenbaoFiling) application = NULL;
  int status = 2;

  if (storage == NULL || policies == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  application = make_application (storage, policies);
  if (argc == 2 && g_str_equal (argv[1], "form"))
    status = bench_form (application);
  else if (argc == 4 && g_str_equal (argv[1], "package"))
    status = bench_package (application, argv[2], argv[3]);
  else
    g_printerr ("Usage: shenbao-package-bench form | package DIR OUT.zip\n");
  g_clear_object (&application);
  g_clear_object (&storage);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (folder);
  }
  return status;
}
