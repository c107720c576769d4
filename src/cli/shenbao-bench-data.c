/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "shenbao-policy-set.h"
#include "shenbao-storage.h"

/* Makes the data sets a consultant's desk grows to, for build-aux/bench.sh:
 *   shenbao-bench-data policies DIR N       N copies of the shipped policies with new ids; the
 *                                            first 100 keep their areas (so 20 are Pudong's,
 *                                            310115), the others are moved to Shenzhen (4403);
 *   shenbao-bench-data applications DB N    N saved applications written through the storage
 *                                            API, for N / 2 companies, with their values. */

#define KEPT_AREAS 100

static GPtrArray *
shipped_files (void)
{
  g_autoptr(ShenbaoPolicySet) set = shenbao_policy_set_new_default (NULL);
  g_autoptr(GPtrArray) policies = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  if (set == NULL)
    return paths;
  policies = shenbao_policy_set_list_headers (set);
  for (guint i = 0; i < policies->len; i++)
    g_ptr_array_add (paths, g_strdup (shenbao_policy_get_path (g_ptr_array_index (policies, i))));
  return paths;
}

static char *
copy_with_new_id (const char *contents,
                  const char *old_id,
                  const char *new_id,
                  gboolean    move_area)
{
  g_autofree char *from = g_strdup_printf ("id=\"%s\"", old_id);
  g_autofree char *to = g_strdup_printf ("id=\"%s\"", new_id);
  g_autoptr(GString) copy = g_string_new (contents);
  g_autoptr(GRegex) prefix = NULL;

  /* The policy's id is the first id="…" of the file: the root element's. */
  g_string_replace (copy, from, to, 1);
  if (!move_area)
    return g_string_free (g_steal_pointer (&copy), FALSE);
  prefix = g_regex_new ("prefix=\"[0-9]+\"", 0, 0, NULL);
  return g_regex_replace_literal (prefix, copy->str, -1, 0, "prefix=\"4403\"", 0, NULL);
}

static int
make_policies (const char *directory,
               guint       count)
{
  g_autoptr(GPtrArray) files = shipped_files ();

  if (files->len == 0 || g_mkdir_with_parents (directory, 0755) != 0)
    return 1;
  for (guint i = 0; i < count; i++)
    {
      const char *source = g_ptr_array_index (files, i % files->len);
      g_autofree char *contents = NULL;
      g_autofree char *base = g_path_get_basename (source);
      g_autofree char *old_id = g_strndup (base, strlen (base) - strlen (".xml"));
      g_autofree char *new_id = g_strdup_printf ("%s-copy-%04u", old_id, i);
      g_autofree char *name = g_strdup_printf ("%s.xml", new_id);
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autofree char *copy = NULL;

      if (!g_file_get_contents (source, &contents, NULL, NULL))
        return 1;
      copy = copy_with_new_id (contents, old_id, new_id, i >= KEPT_AREAS);
      if (!g_file_set_contents (path, copy, -1, NULL))
        return 1;
    }
  return 0;
}

static gboolean
fill_application (ShenbaoStorage *storage,
                  gint64          company_id,
                  guint           n,
                  GError        **error)
{
  static const char *policies[] = { "pudong-2024", "suzhou-2025", "shangyu-2025", "hangzhou-2024-66",
                                    "minhang-2025-draft" };
  static const char *clauses[] = { "1", "8b", "3a", "2b", "1a" };
  const char *policy = policies[n % G_N_ELEMENTS (policies)];
  g_autofree char *clause = g_strdup_printf ("%s/%s", policy, clauses[n % G_N_ELEMENTS (clauses)]);
  g_autofree char *key = g_strdup_printf ("%s/notes", clause);
  g_autofree char *state = g_strdup_printf ("problems:%u", n % 7);
  gint64 id = shenbao_storage_create_application (storage, company_id, policy, error);

  return id != 0
         && shenbao_storage_set_clause_chosen (storage, id, clause, TRUE, error)
         && shenbao_storage_set_application_value (storage, id, key, "generated for the benchmark", error)
         && shenbao_storage_set_application_page (storage, id, "review", error)
         && shenbao_storage_set_application_summary (storage, id, n % 7 == 0 ? "ready" : state,
                                                     (gint64) (n % 50) * 10000000, (gint64) (n % 50) * 20000000,
                                                     error);
}

static int
make_applications (const char *database,
                   guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = shenbao_storage_open (database, &error);
  gint64 company_id = 0;

  for (guint n = 0; storage != NULL && n < count; n++)
    {
      /* Two applications per company, as a consultant files one company under two policies. */
      if (n % 2 == 0)
        {
          g_autofree char *name = g_strdup_printf ("基准测试企业 %04u 有限公司", n / 2);

          company_id = shenbao_storage_create_company (storage, &error);
          if (company_id == 0 || !shenbao_storage_set_company_value (storage, company_id, "company_name", name, &error)
              || !shenbao_storage_set_company_value (storage, company_id, "credit_code", "91310115MA1K3YJ662", &error))
            break;
        }
      if (!fill_application (storage, company_id, n, &error))
        break;
    }
  if (error != NULL)
    {
      g_printerr ("shenbao-bench-data: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  guint64 count = 0;

  if (argc != 4 || !g_ascii_string_to_unsigned (argv[3], 10, 0, 100000, &count, NULL))
    {
      g_printerr ("Usage: shenbao-bench-data policies DIR N | applications DATABASE N\n");
      return 2;
    }
  if (g_str_equal (argv[1], "policies"))
    return make_policies (argv[2], (guint) count);
  if (g_str_equal (argv[1], "applications"))
    return make_applications (argv[2], (guint) count);
  return 2;
}
