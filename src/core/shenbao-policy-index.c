/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-policy-index"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "shenbao-policy-index.h"
#include "shenbao-policy-private.h"

/* One group per policy file, named by its path. A key file keeps the cache readable by a
 * person and cheap to parse: a thousand entries read in a few milliseconds. */
#define STAMP_GROUP "index"

/* Entries past this many are not believed: a cache is never the reason for a long start. */
#define MAX_ENTRIES 100000

struct _ShenbaoPolicyIndex
{
  char      *path;
  char      *program_stamp;
  GKeyFile  *keys;
  gboolean   dirty;
};

static void
reset (ShenbaoPolicyIndex *index)
{
  g_key_file_free (index->keys);
  index->keys = g_key_file_new ();
  g_key_file_set_string (index->keys, STAMP_GROUP, "program", index->program_stamp);
  index->dirty = TRUE;
}

/* program_stamp changes with the schema, the facts and the program: every entry made under
 * another stamp is stale, since what was valid then may not be now. */
ShenbaoPolicyIndex *
shenbao_policy_index_load (const char *path,
                           const char *program_stamp)
{
  ShenbaoPolicyIndex *index = g_new0 (ShenbaoPolicyIndex, 1);
  g_autofree char *stamp = NULL;
  gsize n_groups = 0;
  g_auto(GStrv) groups = NULL;
  GStatBuf info;

  index->path = g_strdup (path);
  index->program_stamp = g_strdup (program_stamp);
  index->keys = g_key_file_new ();

  /* Only a regular file of a sane size is read; anything else is a cache to rebuild. */
  if (path == NULL || g_stat (path, &info) != 0 || !S_ISREG (info.st_mode) || info.st_size > 64 * 1024 * 1024
      || !g_key_file_load_from_file (index->keys, path, G_KEY_FILE_NONE, NULL))
    {
      reset (index);
      return index;
    }
  stamp = g_key_file_get_string (index->keys, STAMP_GROUP, "program", NULL);
  groups = g_key_file_get_groups (index->keys, &n_groups);
  if (g_strcmp0 (stamp, program_stamp) != 0 || n_groups > MAX_ENTRIES)
    reset (index);
  return index;
}

void
shenbao_policy_index_free (ShenbaoPolicyIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->path);
  g_free (index->program_stamp);
  g_key_file_free (index->keys);
  g_free (index);
}

gboolean
shenbao_policy_index_is_dirty (ShenbaoPolicyIndex *index)
{
  return index->dirty;
}

/* Written whole to a temporary file and renamed: a crash leaves the old cache or the new one. */
gboolean
shenbao_policy_index_save (ShenbaoPolicyIndex *index,
                           GError            **error)
{
  g_autofree char *directory = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!index->dirty || index->path == NULL)
    return TRUE;
  directory = g_path_get_dirname (index->path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", directory,
                   g_strerror (saved_errno));
      return FALSE;
    }
  data = g_key_file_to_data (index->keys, &length, NULL);
  if (!g_file_set_contents (index->path, data, (gssize) length, error))
    return FALSE;
  index->dirty = FALSE;
  return TRUE;
}

/* Size and modification time: what tells a changed file without reading it. Only regular
 * files are policies. */
gboolean
shenbao_policy_index_stat (const char       *file,
                           ShenbaoFileStamp *stamp,
                           GError          **error)
{
  GStatBuf info;

  if (g_stat (file, &info) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", file,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not a regular file", file);
      return FALSE;
    }
  stamp->size = info.st_size;
  stamp->mtime_usec = (gint64) info.st_mtim.tv_sec * G_USEC_PER_SEC + info.st_mtim.tv_nsec / 1000;
  return TRUE;
}

static gboolean
stamp_matches (GKeyFile               *keys,
               const char             *file,
               const ShenbaoFileStamp *stamp)
{
  g_autoptr(GError) error = NULL;
  gint64 size = g_key_file_get_int64 (keys, file, "size", &error);
  gint64 mtime;

  if (error != NULL)
    return FALSE;
  mtime = g_key_file_get_int64 (keys, file, "mtime", &error);
  return error == NULL && size == stamp->size && mtime == stamp->mtime_usec;
}

static void
write_stamp (GKeyFile               *keys,
             const char             *file,
             const ShenbaoFileStamp *stamp)
{
  g_key_file_remove_group (keys, file, NULL);
  g_key_file_set_int64 (keys, file, "size", stamp->size);
  g_key_file_set_int64 (keys, file, "mtime", stamp->mtime_usec);
}

static void
set_text (GKeyFile          *keys,
          const char        *file,
          const char        *key,
          const ShenbaoText *text)
{
  g_autofree char *zh = g_strconcat (key, "_zh", NULL);
  g_autofree char *en = g_strconcat (key, "_en", NULL);

  g_key_file_set_string (keys, file, zh, text->zh != NULL ? text->zh : "");
  g_key_file_set_string (keys, file, en, text->en != NULL ? text->en : "");
}

static gboolean
get_text (GKeyFile    *keys,
          const char  *file,
          const char  *key,
          ShenbaoText *text)
{
  g_autofree char *zh = g_strconcat (key, "_zh", NULL);
  g_autofree char *en = g_strconcat (key, "_en", NULL);

  text->zh = g_key_file_get_string (keys, file, zh, NULL);
  text->en = g_key_file_get_string (keys, file, en, NULL);
  return text->zh != NULL && text->en != NULL;
}

static void
set_date (GKeyFile    *keys,
          const char  *file,
          const char  *key,
          const GDate *date)
{
  if (g_date_valid (date))
    g_key_file_set_uint64 (keys, file, key, g_date_get_julian (date));
}

static gboolean
get_date (GKeyFile   *keys,
          const char *file,
          const char *key,
          GDate      *date)
{
  g_autoptr(GError) error = NULL;
  guint64 julian;

  g_date_clear (date, 1);
  if (!g_key_file_has_key (keys, file, key, NULL))
    return TRUE;
  julian = g_key_file_get_uint64 (keys, file, key, &error);
  if (error != NULL || !g_date_valid_julian ((guint32) julian) || julian > G_MAXUINT32)
    return FALSE;
  g_date_set_julian (date, (guint32) julian);
  return TRUE;
}

void
shenbao_policy_index_store_policy (ShenbaoPolicyIndex     *index,
                                   const char             *file,
                                   const ShenbaoFileStamp *stamp,
                                   ShenbaoPolicy          *policy)
{
  g_autoptr(GPtrArray) prefixes = g_ptr_array_new ();
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names_zh = g_ptr_array_new ();
  g_autoptr(GPtrArray) names_en = g_ptr_array_new ();

  write_stamp (index->keys, file, stamp);
  g_key_file_set_boolean (index->keys, file, "valid", TRUE);
  g_key_file_set_string (index->keys, file, "id", policy->id);
  set_text (index->keys, file, "title", &policy->title);
  set_text (index->keys, file, "issuer", &policy->issuer);
  g_key_file_set_boolean (index->keys, file, "draft", policy->draft);
  set_date (index->keys, file, "effective", &policy->effective);
  set_date (index->keys, file, "expiry", &policy->expiry);
  if (policy->effective_as_written != NULL)
    g_key_file_set_string (index->keys, file, "effective_as_written", policy->effective_as_written);
  if (policy->expiry_as_written != NULL)
    g_key_file_set_string (index->keys, file, "expiry_as_written", policy->expiry_as_written);
  if (policy->document_number != NULL)
    g_key_file_set_string (index->keys, file, "document_number", policy->document_number);
  g_key_file_set_integer (index->keys, file, "clauses", (int) policy->clauses->len);
  for (guint i = 0; i < policy->areas->len; i++)
    {
      ShenbaoArea *area = g_ptr_array_index (policy->areas, i);

      g_ptr_array_add (prefixes, area->prefix);
      g_ptr_array_add (flags, g_strdup_printf ("%d%d%d", area->stated, area->registration_required,
                                               area->tax_required));
      g_ptr_array_add (names_zh, (gpointer) (area->name.zh != NULL ? area->name.zh : ""));
      g_ptr_array_add (names_en, (gpointer) (area->name.en != NULL ? area->name.en : ""));
    }
  g_key_file_set_string_list (index->keys, file, "area_prefixes", (const char * const *) prefixes->pdata, prefixes->len);
  g_key_file_set_string_list (index->keys, file, "area_flags", (const char * const *) flags->pdata, flags->len);
  g_key_file_set_string_list (index->keys, file, "area_names_zh", (const char * const *) names_zh->pdata, names_zh->len);
  g_key_file_set_string_list (index->keys, file, "area_names_en", (const char * const *) names_en->pdata, names_en->len);
  index->dirty = TRUE;
}

/* problems[first…] are this file's; kept so an invalid file is reported at every start
 * without being read again, as long as it is unchanged. */
void
shenbao_policy_index_store_problems (ShenbaoPolicyIndex     *index,
                                     const char             *file,
                                     const ShenbaoFileStamp *stamp,
                                     GPtrArray              *problems,
                                     guint                   first)
{
  write_stamp (index->keys, file, stamp);
  g_key_file_set_boolean (index->keys, file, "valid", FALSE);
  g_key_file_set_string_list (index->keys, file, "problems",
                              (const char * const *) problems->pdata + first, problems->len - first);
  index->dirty = TRUE;
}

static gboolean
read_areas (GKeyFile      *keys,
            const char    *file,
            ShenbaoPolicy *header)
{
  gsize n_prefixes = 0, n_flags = 0, n_zh = 0, n_en = 0;
  g_auto(GStrv) prefixes = g_key_file_get_string_list (keys, file, "area_prefixes", &n_prefixes, NULL);
  g_auto(GStrv) flags = g_key_file_get_string_list (keys, file, "area_flags", &n_flags, NULL);
  g_auto(GStrv) zh = g_key_file_get_string_list (keys, file, "area_names_zh", &n_zh, NULL);
  g_auto(GStrv) en = g_key_file_get_string_list (keys, file, "area_names_en", &n_en, NULL);

  /* An empty list reads back as absent: a policy with no area. */
  if (prefixes == NULL)
    return flags == NULL;
  if (n_flags != n_prefixes || n_zh != n_prefixes || n_en != n_prefixes)
    return FALSE;
  for (gsize i = 0; i < n_prefixes; i++)
    {
      ShenbaoArea *area = g_new0 (ShenbaoArea, 1);

      if (strlen (flags[i]) != 3)
        {
          g_free (area);
          return FALSE;
        }
      area->prefix = g_strdup (prefixes[i]);
      area->stated = flags[i][0] == '1';
      area->registration_required = flags[i][1] == '1';
      area->tax_required = flags[i][2] == '1';
      area->name.zh = g_strdup (zh[i]);
      area->name.en = g_strdup (en[i]);
      g_ptr_array_add (header->areas, area);
    }
  return TRUE;
}

static ShenbaoPolicy *
read_header (GKeyFile   *keys,
             const char *file)
{
  g_autoptr(ShenbaoPolicy) header = shenbao_policy_new ();
  g_autoptr(GError) error = NULL;
  int n_clauses;

  header->header_only = TRUE;
  header->path = g_strdup (file);
  header->id = g_key_file_get_string (keys, file, "id", NULL);
  header->draft = g_key_file_get_boolean (keys, file, "draft", &error);
  if (error != NULL)
    return NULL;
  n_clauses = g_key_file_get_integer (keys, file, "clauses", &error);
  if (error != NULL || n_clauses < 0)
    return NULL;
  header->n_clauses = (guint) n_clauses;
  header->effective_as_written = g_key_file_get_string (keys, file, "effective_as_written", NULL);
  header->expiry_as_written = g_key_file_get_string (keys, file, "expiry_as_written", NULL);
  header->document_number = g_key_file_get_string (keys, file, "document_number", NULL);
  if (header->id == NULL || !get_text (keys, file, "title", &header->title)
      || !get_text (keys, file, "issuer", &header->issuer)
      || !get_date (keys, file, "effective", &header->effective) || !get_date (keys, file, "expiry", &header->expiry)
      || !read_areas (keys, file, header))
    return NULL;
  return g_steal_pointer (&header);
}

/* TRUE when the index knows this file as it is now: then *header is its header (a policy
 * with no clauses loaded, header_only set), or NULL with its problems appended. FALSE: the
 * file must be read. */
gboolean
shenbao_policy_index_lookup (ShenbaoPolicyIndex     *index,
                             const char             *file,
                             const ShenbaoFileStamp *stamp,
                             ShenbaoPolicy         **header,
                             GPtrArray              *problems)
{
  g_autoptr(GError) error = NULL;
  gboolean valid;

  *header = NULL;
  if (!g_key_file_has_group (index->keys, file) || !stamp_matches (index->keys, file, stamp))
    return FALSE;
  valid = g_key_file_get_boolean (index->keys, file, "valid", &error);
  if (error != NULL)
    return FALSE;
  if (!valid)
    {
      gsize n = 0;
      g_auto(GStrv) known = g_key_file_get_string_list (index->keys, file, "problems", &n, NULL);

      if (known == NULL || n == 0)
        return FALSE;
      for (gsize i = 0; i < n; i++)
        g_ptr_array_add (problems, g_strdup (known[i]));
      return TRUE;
    }
  *header = read_header (index->keys, file);
  return *header != NULL;
}

/* Entries of files that are gone are dropped, so the cache does not grow forever. */
void
shenbao_policy_index_forget_missing (ShenbaoPolicyIndex *index,
                                     GHashTable         *seen_files)
{
  gsize n_groups = 0;
  g_auto(GStrv) groups = g_key_file_get_groups (index->keys, &n_groups);

  for (gsize i = 0; i < n_groups; i++)
    if (!g_str_equal (groups[i], STAMP_GROUP) && !g_hash_table_contains (seen_files, groups[i]))
      {
        g_key_file_remove_group (index->keys, groups[i], NULL);
        index->dirty = TRUE;
      }
}
