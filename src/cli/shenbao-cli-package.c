/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "shenbao-filing.h"
#include "shenbao-decimal.h"
#include "shenbao-package.h"
#include "shenbao-package-reader.h"
#include "shenbao-cli-package.h"

/* A consultant's script waits for the window to finish its save rather than failing: a minute. */
#define CLI_BUSY_TIMEOUT_MS 60000

#define EXIT_MISMATCH 1
#define EXIT_REFUSED 2

/* An application made only for this package, in a database of its own that is removed after:
 * packaging straight from facts leaves nothing in the user's saved work. */
typedef struct
{
  char           *folder;
  ShenbaoStorage *storage;
} Scratch;

static void
scratch_clear (Scratch *scratch)
{
  g_clear_object (&scratch->storage);
  if (scratch->folder != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (scratch->folder, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (scratch->folder, name, NULL);
          g_unlink (path);
        }
      g_rmdir (scratch->folder);
      g_clear_pointer (&scratch->folder, g_free);
    }
}

static gboolean
scratch_open (Scratch  *scratch,
              GError  **error)
{
  g_autofree char *path = NULL;

  scratch->folder = g_dir_make_tmp ("shenbao-cli-XXXXXX", error);
  if (scratch->folder == NULL)
    return FALSE;
  path = g_build_filename (scratch->folder, "package.db", NULL);
  scratch->storage = shenbao_storage_open (path, error);
  return scratch->storage != NULL;
}

static gboolean
fail (const char *what,
      GError     *error)
{
  g_printerr ("shenbao-cli: %s%s%s\n", what != NULL ? what : "", what != NULL ? ": " : "", error->message);
  return FALSE;
}

static gboolean
apply_sets (ShenbaoFiling                  *application,
            ShenbaoPolicySet               *set,
            ShenbaoPolicy                  *policy,
            const ShenbaoCliPackageOptions *options)
{
  for (guint i = 0; i < options->settings->len; i++)
    {
      const char *setting = g_ptr_array_index (options->settings, i);
      const char *equals = strchr (setting, '=');
      g_autofree char *name = NULL;
      g_autofree char *key = NULL;
      g_autoptr(GError) error = NULL;
      ShenbaoField *field;

      if (equals == NULL)
        {
          g_printerr ("shenbao-cli: --set “%s”: expected NAME=VALUE\n", setting);
          return FALSE;
        }
      name = g_strndup (setting, equals - setting);
      if (!shenbao_policy_set_resolve_name (set, policy, name, &key, &field, &error)
          || !shenbao_filing_set_text (application, field, equals + 1, &error))
        return fail (name, error);
      if (shenbao_filing_get_error (application, shenbao_field_get_input_key (field)) != NULL)
        {
          g_printerr ("shenbao-cli: --set %s: %s\n", name,
                      shenbao_filing_get_error (application, shenbao_field_get_input_key (field)));
          return FALSE;
        }
    }
  return TRUE;
}

static GPtrArray *
split_clauses (ShenbaoPolicy *policy,
               const char    *option,
               const char    *list)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *id = g_strstrip (parts[i]);
      ShenbaoClause *clause;

      if (*id == '\0')
        continue;
      if ((clause = shenbao_policy_find_clause (policy, id)) == NULL)
        {
          g_printerr ("shenbao-cli: %s: policy %s has no clause “%s”\n", option,
                      shenbao_policy_get_id (policy), id);
          return NULL;
        }
      g_ptr_array_add (clauses, clause);
    }
  return g_steal_pointer (&clauses);
}

static gboolean
apply_answers (ShenbaoFiling     *application,
               ShenbaoPolicy     *policy,
               const char        *option,
               GPtrArray         *lists,
               ShenbaoSameMatter  answer)
{
  for (guint l = 0; l < lists->len; l++)
    {
      g_autoptr(GPtrArray) clauses = split_clauses (policy, option, g_ptr_array_index (lists, l));
      g_autoptr(GError) error = NULL;

      if (clauses == NULL)
        return FALSE;
      for (guint i = 0; i < clauses->len; i++)
        for (guint j = i + 1; j < clauses->len; j++)
          if (!shenbao_filing_set_same_matter (application,
                                                    shenbao_clause_get_id (g_ptr_array_index (clauses, i)),
                                                    shenbao_clause_get_id (g_ptr_array_index (clauses, j)),
                                                    answer, &error))
            return fail (option, error);
    }
  return TRUE;
}

static gboolean
apply_claims (ShenbaoFiling                  *application,
              ShenbaoPolicy                  *policy,
              const ShenbaoCliPackageOptions *options)
{
  for (guint l = 0; l < options->claims->len; l++)
    {
      g_autoptr(GPtrArray) clauses = split_clauses (policy, "--claim", g_ptr_array_index (options->claims, l));
      g_autoptr(GError) error = NULL;

      if (clauses == NULL)
        return FALSE;
      for (guint i = 0; i < clauses->len; i++)
        if (!shenbao_filing_set_clause_chosen (application,
                                                    shenbao_clause_get_full_id (g_ptr_array_index (clauses, i)),
                                                    TRUE, &error))
          return fail ("--claim", error);
    }
  return apply_answers (application, policy, "--same", options->same, SHENBAO_SAME_MATTER_SAME)
         && apply_answers (application, policy, "--distinct", options->distinct, SHENBAO_SAME_MATTER_DISTINCT);
}

/* --attach ITEM=FILE, ITEM as `shenbao-cli show POLICY` lists the checklist. */
static gboolean
apply_attachments (ShenbaoFiling                  *application,
                   const ShenbaoCliPackageOptions *options)
{
  for (guint i = 0; i < options->attachments->len; i++)
    {
      const char *attachment = g_ptr_array_index (options->attachments, i);
      const char *equals = strchr (attachment, '=');
      g_autofree char *item = NULL;
      g_autoptr(GError) error = NULL;

      if (equals == NULL)
        {
          g_printerr ("shenbao-cli: --attach “%s”: expected ITEM=FILE\n", attachment);
          return FALSE;
        }
      item = g_strndup (attachment, equals - attachment);
      if (!shenbao_checklist_attach (shenbao_filing_get_checklist (application), item, equals + 1, &error))
        return fail ("--attach", error);
    }
  return TRUE;
}

static ShenbaoFiling *
application_from_facts (ShenbaoPolicySet               *set,
                        Scratch                        *scratch,
                        const ShenbaoCliPackageOptions *options)
{
  g_autoptr(ShenbaoFiling) application = NULL;
  g_autoptr(GError) error = NULL;
  ShenbaoPolicy *policy;

  if (options->positional->len != 1)
    {
      g_printerr ("shenbao-cli: package: name one POLICY, or give --application ID or --from FILE\n");
      return NULL;
    }
  policy = shenbao_policy_set_lookup (set, g_ptr_array_index (options->positional, 0));
  if (policy == NULL)
    {
      g_printerr ("shenbao-cli: no policy “%s”\n", (char *) g_ptr_array_index (options->positional, 0));
      return NULL;
    }
  if (!scratch_open (scratch, &error)
      || (application = shenbao_filing_create (scratch->storage, set, 0, &error)) == NULL
      || !shenbao_filing_set_policy (application, shenbao_policy_get_id (policy), &error))
    {
      fail (NULL, error);
      return NULL;
    }
  shenbao_filing_set_as_of (application, &options->as_of);
  if (!apply_sets (application, set, policy, options) || !apply_claims (application, policy, options)
      || !apply_attachments (application, options))
    return NULL;
  return g_steal_pointer (&application);
}

static ShenbaoFiling *
application_from_xml (ShenbaoPolicySet               *set,
                      Scratch                        *scratch,
                      const ShenbaoCliPackageOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  ShenbaoFiling *application;
  gint64 id;

  if (!scratch_open (scratch, &error))
    {
      fail (NULL, error);
      return NULL;
    }
  folder = g_build_filename (scratch->folder, "attachments", NULL);
  id = shenbao_package_import (scratch->storage, set, options->from, folder, &error);
  if (id == 0 || (application = shenbao_filing_load (scratch->storage, set, id, &error)) == NULL)
    {
      fail (options->from, error);
      return NULL;
    }
  shenbao_filing_set_as_of (application, &options->as_of);
  return application;
}

/* The user's own database, as the app writes it; a save by the app in progress is waited for
 * (the storage's busy timeout), never broken into. */
static ShenbaoFiling *
application_saved (ShenbaoPolicySet               *set,
                   Scratch                        *scratch,
                   const ShenbaoCliPackageOptions *options)
{
  g_autoptr(GError) error = NULL;
  ShenbaoFiling *application;
  gint64 id = g_ascii_strtoll (options->application, NULL, 10);

  if (id <= 0)
    {
      g_printerr ("shenbao-cli: --application “%s”: expected an id from `shenbao-cli applications`\n", options->application);
      return NULL;
    }
  scratch->storage = shenbao_storage_open_default (&error);
  if (scratch->storage != NULL)
    shenbao_storage_set_busy_timeout (scratch->storage, CLI_BUSY_TIMEOUT_MS);
  if (scratch->storage == NULL
      || (application = shenbao_filing_load (scratch->storage, set, id, &error)) == NULL)
    {
      fail ("--application", error);
      return NULL;
    }
  shenbao_filing_set_as_of (application, &options->as_of);
  return application;
}

static void
print_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  /* Quiet unless on a terminal: scripts read only the result. */
  if (GPOINTER_TO_INT (user_data) && total > 0)
    g_printerr ("\r%3u %%", (guint) (done * 100 / total));
}

int
shenbao_cli_package (ShenbaoPolicySet               *set,
                     const ShenbaoCliPackageOptions *options)
{
  g_autoptr(ShenbaoFiling) application = NULL;
  g_autoptr(ShenbaoPackage) package = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  Scratch scratch = { 0 };
  int status = 0;

  if (options->from != NULL)
    application = application_from_xml (set, &scratch, options);
  else if (options->application != NULL)
    application = application_saved (set, &scratch, options);
  else
    application = application_from_facts (set, &scratch, options);
  if (application == NULL)
    {
      scratch_clear (&scratch);
      return EXIT_REFUSED;
    }

  output = options->output != NULL ? g_strdup (options->output)
                                   : shenbao_package_default_name (application, &options->as_of);
  package = shenbao_package_new (application, options->chinese, options->draft, &options->as_of, &error);
  if (package == NULL
      || !shenbao_package_write (package, output, options->force, print_progress,
                                 GINT_TO_POINTER (isatty (fileno (stderr))), NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_printerr ("shenbao-cli: %s; give --force to replace it\n", error->message);
      else
        g_printerr ("shenbao-cli: %s\n", error->message);
      status = EXIT_REFUSED;
    }
  else
    g_print ("%s\n", output);
  g_clear_object (&application);
  scratch_clear (&scratch);
  return status;
}

int
shenbao_cli_verify (const ShenbaoCliPackageOptions *options)
{
  int status = 0;

  if (options->positional->len == 0)
    {
      g_printerr ("shenbao-cli: verify: name a package, as in shenbao-cli verify 申报材料.zip\n");
      return EXIT_REFUSED;
    }
  for (guint i = 0; i < options->positional->len; i++)
    {
      const char *path = g_ptr_array_index (options->positional, i);
      g_autoptr(GError) error = NULL;

      if (shenbao_package_verify (path, &error))
        g_print ("%s: OK\n", path);
      else
        {
          g_print ("%s\n", error->message);
          status = EXIT_MISMATCH;
        }
    }
  return status;
}

int
shenbao_cli_applications (ShenbaoPolicySet               *set,
                          const ShenbaoCliPackageOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = shenbao_storage_open_default (&error);
  g_autoptr(GPtrArray) applications = NULL;

  if (storage != NULL)
    shenbao_storage_set_busy_timeout (storage, CLI_BUSY_TIMEOUT_MS);

  if (storage == NULL || (applications = shenbao_storage_list_applications (storage, &error)) == NULL)
    {
      fail (NULL, error);
      return EXIT_REFUSED;
    }
  for (guint i = 0; i < applications->len; i++)
    {
      ShenbaoFilingSummary *summary = g_ptr_array_index (applications, i);
      g_autoptr(GDateTime) updated = g_date_time_new_from_unix_local (summary->updated);
      g_autofree char *when = g_date_time_format (updated, "%Y-%m-%d %H:%M");
      g_autofree char *total = shenbao_fen_format (summary->total_fen);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", summary->id,
               summary->company_name != NULL ? summary->company_name : "—",
               summary->policy_id != NULL ? summary->policy_id : "—", summary->state, total, when);
    }
  return 0;
}
