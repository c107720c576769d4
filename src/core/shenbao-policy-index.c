/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-policy-index"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shenbao-policy-index.h"
#include "shenbao-policy-private.h"
#include "shenbao-sqlite-private.h"

/* The index is a small SQLite database, read whole at start into memory and written whole, to
 * a new file renamed over the old, when something changed. A thousand entries read in a few
 * million instructions; a key file, as it was, took some 100 M (35 ms), and GVariant, tried
 * next, more still. The file is untrusted: an entry that cannot be a header is not used (the
 * policy file is read instead), and a database SQLite cannot read is rebuilt. */

/* Entries past this many are not believed: a cache is never the reason for a long start. */
#define MAX_ENTRIES 100000
#define MAX_INDEX_SIZE (64 * 1024 * 1024)

#define SCHEMA \
  "CREATE TABLE stamp (program TEXT NOT NULL);" \
  "CREATE TABLE entries (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL," \
  " valid INTEGER NOT NULL, id TEXT, title_zh TEXT, title_en TEXT, issuer_zh TEXT, issuer_en TEXT," \
  " draft INTEGER, effective INTEGER, expiry INTEGER, effective_as_written TEXT," \
  " expiry_as_written TEXT, document_number TEXT, clauses INTEGER, sha256 TEXT);" \
  "CREATE TABLE areas (path TEXT NOT NULL, position INTEGER NOT NULL, prefix TEXT NOT NULL," \
  " stated INTEGER NOT NULL, registration INTEGER NOT NULL, tax INTEGER NOT NULL," \
  " name_zh TEXT NOT NULL, name_en TEXT NOT NULL, PRIMARY KEY (path, position));" \
  "CREATE TABLE problems (path TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL," \
  " PRIMARY KEY (path, position));"

/* What is known of one file: its stamp, and its header or its problems. */
typedef struct
{
  ShenbaoFileStamp  stamp;
  char             *sha256;      /* of the file when it was indexed, lower-case hex */
  ShenbaoPolicy    *header;      /* valid: a header-only policy, or the policy read whole */
  GPtrArray        *problems;    /* invalid: char * */
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->sha256);
  g_clear_object (&entry->header);
  g_clear_pointer (&entry->problems, g_ptr_array_unref);
  g_free (entry);
}

struct _ShenbaoPolicyIndex
{
  char       *path;
  char       *program_stamp;
  GHashTable *entries;         /* path → Entry */
  gboolean    dirty;
};

static const char *
column_text (sqlite3_stmt *statement,
             int           column)
{
  return (const char *) sqlite3_column_text (statement, column);
}

static char *
dup_column (sqlite3_stmt *statement,
            int           column)
{
  return g_strdup (column_text (statement, column));
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

static gboolean
read_date (sqlite3_stmt *statement,
           int           column,
           GDate        *date)
{
  sqlite3_int64 julian = sqlite3_column_int64 (statement, column);

  g_date_clear (date, 1);
  if (julian == 0)
    return TRUE;
  if (julian < 0 || julian > G_MAXUINT32 || !g_date_valid_julian ((guint32) julian))
    return FALSE;
  g_date_set_julian (date, (guint32) julian);
  return TRUE;
}

/* NULL when the row cannot be a policy's header: no id, no title, a date that is no date. */
static ShenbaoPolicy *
read_header (sqlite3_stmt *row,
             const char   *file)
{
  g_autoptr(ShenbaoPolicy) header = shenbao_policy_new ();
  const char *id = column_text (row, 4);
  sqlite3_int64 clauses = sqlite3_column_int64 (row, 15);

  if (id == NULL || *id == '\0' || clauses < 0 || clauses > G_MAXUINT
      || column_text (row, 5) == NULL || column_text (row, 6) == NULL || column_text (row, 7) == NULL
      || column_text (row, 8) == NULL || !read_date (row, 10, &header->effective)
      || !read_date (row, 11, &header->expiry))
    return NULL;
  header->header_only = TRUE;
  header->path = g_strdup (file);
  header->id = g_strdup (id);
  header->title.zh = dup_column (row, 5);
  header->title.en = dup_column (row, 6);
  header->issuer.zh = dup_column (row, 7);
  header->issuer.en = dup_column (row, 8);
  header->draft = sqlite3_column_int (row, 9) != 0;
  header->effective_as_written = dup_column (row, 12);
  header->expiry_as_written = dup_column (row, 13);
  header->document_number = dup_column (row, 14);
  header->n_clauses = (guint) clauses;
  return g_steal_pointer (&header);
}

static gboolean
read_entries (ShenbaoPolicyIndex *index,
              sqlite3            *db)
{
  g_autoptr(sqlite3_stmt) row = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT path, size, mtime, valid, id, title_zh, title_en, issuer_zh, issuer_en,"
                              " draft, effective, expiry, effective_as_written, expiry_as_written,"
                              " document_number, clauses, sha256 FROM entries", -1, &row, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      const char *file = column_text (row, 0);
      Entry *entry;

      if (file == NULL)
        continue;
      if (g_hash_table_size (index->entries) >= MAX_ENTRIES)
        return FALSE;
      entry = g_new0 (Entry, 1);
      entry->stamp.size = sqlite3_column_int64 (row, 1);
      entry->stamp.mtime_usec = sqlite3_column_int64 (row, 2);
      entry->sha256 = dup_column (row, 16);
      if (sqlite3_column_int (row, 3) == 0)
        entry->problems = g_ptr_array_new_with_free_func (g_free);
      else if (is_sha256 (entry->sha256))
        entry->header = read_header (row, file);
      /* Valid but no header could be made of it: the file is read again. */
      if (entry->header == NULL && entry->problems == NULL)
        entry_free (entry);
      else
        g_hash_table_replace (index->entries, g_strdup (file), entry);
    }
  return rc == SQLITE_DONE;
}

/* The entry of the file a row of areas or problems names (its first column), if it was read. */
static Entry *
entry_of_row (ShenbaoPolicyIndex *index,
              sqlite3_stmt       *row)
{
  const char *file = column_text (row, 0);

  return file != NULL ? g_hash_table_lookup (index->entries, file) : NULL;
}

static gboolean
read_areas (ShenbaoPolicyIndex *index,
            sqlite3            *db)
{
  g_autoptr(sqlite3_stmt) row = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT path, prefix, stated, registration, tax, name_zh, name_en FROM areas"
                              " ORDER BY path, position", -1, &row, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      Entry *entry = entry_of_row (index, row);
      ShenbaoArea *area;

      if (entry == NULL || entry->header == NULL || column_text (row, 1) == NULL || column_text (row, 5) == NULL
          || column_text (row, 6) == NULL)
        continue;
      area = g_new0 (ShenbaoArea, 1);
      area->prefix = dup_column (row, 1);
      area->stated = sqlite3_column_int (row, 2) != 0;
      area->registration_required = sqlite3_column_int (row, 3) != 0;
      area->tax_required = sqlite3_column_int (row, 4) != 0;
      area->name.zh = dup_column (row, 5);
      area->name.en = dup_column (row, 6);
      g_ptr_array_add (entry->header->areas, area);
    }
  return rc == SQLITE_DONE;
}

static gboolean
read_problems (ShenbaoPolicyIndex *index,
               sqlite3            *db)
{
  g_autoptr(sqlite3_stmt) row = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT path, text FROM problems ORDER BY path, position", -1, &row, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      Entry *entry = entry_of_row (index, row);

      if (entry != NULL && entry->problems != NULL && column_text (row, 1) != NULL)
        g_ptr_array_add (entry->problems, dup_column (row, 1));
    }
  return rc == SQLITE_DONE;
}

static gboolean
stamp_matches (sqlite3    *db,
               const char *program_stamp)
{
  g_autoptr(sqlite3_stmt) row = NULL;

  return sqlite3_prepare_v2 (db, "SELECT program FROM stamp", -1, &row, NULL) == SQLITE_OK
         && sqlite3_step (row) == SQLITE_ROW && g_strcmp0 (column_text (row, 0), program_stamp) == 0;
}

/* Only a regular file of a sane size is opened, read-only; anything else is a cache to
 * rebuild. */
static gboolean
read_index (ShenbaoPolicyIndex *index)
{
  g_autoptr(sqlite3) db = NULL;
  GStatBuf info;

  if (index->path == NULL || g_stat (index->path, &info) != 0 || !S_ISREG (info.st_mode)
      || info.st_size > MAX_INDEX_SIZE
      || sqlite3_open_v2 (index->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  return stamp_matches (db, index->program_stamp) && read_entries (index, db) && read_areas (index, db)
         && read_problems (index, db);
}

/* program_stamp changes with the schema, the facts and the program: every entry made under
 * another stamp is stale, since what was valid then may not be now. */
ShenbaoPolicyIndex *
shenbao_policy_index_load (const char *path,
                           const char *program_stamp)
{
  ShenbaoPolicyIndex *index = g_new0 (ShenbaoPolicyIndex, 1);

  index->path = g_strdup (path);
  index->program_stamp = g_strdup (program_stamp);
  index->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  if (!read_index (index))
    {
      g_hash_table_remove_all (index->entries);
      index->dirty = TRUE;
    }
  return index;
}

void
shenbao_policy_index_free (ShenbaoPolicyIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->path);
  g_free (index->program_stamp);
  g_hash_table_unref (index->entries);
  g_free (index);
}

gboolean
shenbao_policy_index_is_dirty (ShenbaoPolicyIndex *index)
{
  return index->dirty;
}

static gboolean
check (sqlite3  *db,
       int       rc,
       GError  **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "policy index: %s", sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
write_entry (sqlite3      *db,
             sqlite3_stmt *insert_entry,
             sqlite3_stmt *insert_area,
             sqlite3_stmt *insert_problem,
             const char   *file,
             Entry        *entry,
             GError      **error)
{
  ShenbaoPolicy *policy = entry->header;

  sqlite3_reset (insert_entry);
  sqlite3_clear_bindings (insert_entry);
  sqlite3_bind_text (insert_entry, 1, file, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert_entry, 2, entry->stamp.size);
  sqlite3_bind_int64 (insert_entry, 3, entry->stamp.mtime_usec);
  sqlite3_bind_int (insert_entry, 4, policy != NULL);
  if (policy != NULL)
    {
      sqlite3_bind_text (insert_entry, 5, policy->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_entry, 6, policy->title.zh != NULL ? policy->title.zh : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_entry, 7, policy->title.en != NULL ? policy->title.en : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_entry, 8, policy->issuer.zh != NULL ? policy->issuer.zh : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_entry, 9, policy->issuer.en != NULL ? policy->issuer.en : "", -1, SQLITE_STATIC);
      sqlite3_bind_int (insert_entry, 10, policy->draft);
      sqlite3_bind_int64 (insert_entry, 11, g_date_valid (&policy->effective) ? g_date_get_julian (&policy->effective) : 0);
      sqlite3_bind_int64 (insert_entry, 12, g_date_valid (&policy->expiry) ? g_date_get_julian (&policy->expiry) : 0);
      sqlite3_bind_text (insert_entry, 13, policy->effective_as_written, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_entry, 14, policy->expiry_as_written, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_entry, 15, policy->document_number, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert_entry, 16, shenbao_policy_get_n_clauses (policy));
      sqlite3_bind_text (insert_entry, 17, entry->sha256, -1, SQLITE_STATIC);
    }
  if (!check (db, sqlite3_step (insert_entry), error))
    return FALSE;

  for (guint i = 0; policy != NULL && i < policy->areas->len; i++)
    {
      ShenbaoArea *area = g_ptr_array_index (policy->areas, i);

      sqlite3_reset (insert_area);
      sqlite3_bind_text (insert_area, 1, file, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert_area, 2, (int) i);
      sqlite3_bind_text (insert_area, 3, area->prefix, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert_area, 4, area->stated);
      sqlite3_bind_int (insert_area, 5, area->registration_required);
      sqlite3_bind_int (insert_area, 6, area->tax_required);
      sqlite3_bind_text (insert_area, 7, area->name.zh != NULL ? area->name.zh : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_area, 8, area->name.en != NULL ? area->name.en : "", -1, SQLITE_STATIC);
      if (!check (db, sqlite3_step (insert_area), error))
        return FALSE;
    }
  for (guint i = 0; entry->problems != NULL && i < entry->problems->len; i++)
    {
      sqlite3_reset (insert_problem);
      sqlite3_bind_text (insert_problem, 1, file, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert_problem, 2, (int) i);
      sqlite3_bind_text (insert_problem, 3, g_ptr_array_index (entry->problems, i), -1, SQLITE_STATIC);
      if (!check (db, sqlite3_step (insert_problem), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_index (ShenbaoPolicyIndex *index,
             const char         *path,
             GError            **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) insert_stamp = NULL;
  g_autoptr(sqlite3_stmt) insert_entry = NULL;
  g_autoptr(sqlite3_stmt) insert_area = NULL;
  g_autoptr(sqlite3_stmt) insert_problem = NULL;
  GHashTableIter iter;
  gpointer file, entry;

  if (!check (db, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), error)
      || !check (db, sqlite3_exec (db, "PRAGMA journal_mode = OFF; BEGIN;" SCHEMA, NULL, NULL, NULL), error)
      || !check (db, sqlite3_prepare_v2 (db, "INSERT INTO stamp VALUES (?)", -1, &insert_stamp, NULL), error)
      || !check (db, sqlite3_prepare_v2 (db, "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                         -1, &insert_entry, NULL), error)
      || !check (db, sqlite3_prepare_v2 (db, "INSERT INTO areas VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &insert_area, NULL), error)
      || !check (db, sqlite3_prepare_v2 (db, "INSERT INTO problems VALUES (?, ?, ?)", -1, &insert_problem, NULL), error))
    return FALSE;
  sqlite3_bind_text (insert_stamp, 1, index->program_stamp, -1, SQLITE_STATIC);
  if (!check (db, sqlite3_step (insert_stamp), error))
    return FALSE;
  g_hash_table_iter_init (&iter, index->entries);
  while (g_hash_table_iter_next (&iter, &file, &entry))
    if (!write_entry (db, insert_entry, insert_area, insert_problem, file, entry, error))
      return FALSE;
  return check (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), error);
}

/* Written whole to a new file and renamed: a crash leaves the old cache or the new one. */
gboolean
shenbao_policy_index_save (ShenbaoPolicyIndex *index,
                           GError            **error)
{
  g_autofree char *directory = NULL;
  g_autofree char *temporary = NULL;

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
  temporary = g_strdup_printf ("%s.%d.new", index->path, (int) getpid ());
  g_unlink (temporary);
  if (!write_index (index, temporary, error))
    {
      g_unlink (temporary);
      return FALSE;
    }
  if (g_rename (temporary, index->path) != 0)
    {
      int saved_errno = errno;
      g_unlink (temporary);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", index->path,
                   g_strerror (saved_errno));
      return FALSE;
    }
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

/* The SHA-256 of the file as it is now, read in blocks, never more than MAX_INDEX_SIZE; NULL
 * if it cannot be read. Only a new or changed file is checksummed: read once, when indexed. */
static char *
checksum_file (const char *file)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar block[65536];
  gsize total = 0;
  gssize got;
  int fd = open (file, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  struct stat info;

  if (fd < 0)
    return NULL;
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      close (fd);
      return NULL;
    }
  while (total <= MAX_INDEX_SIZE && ((got = read (fd, block, sizeof block)) > 0 || (got < 0 && errno == EINTR)))
    if (got > 0)
      {
        g_checksum_update (checksum, block, got);
        total += (gsize) got;
      }
  close (fd);
  if (got < 0 || total > MAX_INDEX_SIZE)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

static void
store (ShenbaoPolicyIndex     *index,
       const char             *file,
       const ShenbaoFileStamp *stamp,
       ShenbaoPolicy          *policy,
       GPtrArray              *problems)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->stamp = *stamp;
  entry->sha256 = policy != NULL ? checksum_file (file) : NULL;
  entry->header = policy != NULL ? g_object_ref (policy) : NULL;
  entry->problems = problems;
  g_hash_table_replace (index->entries, g_strdup (file), entry);
  index->dirty = TRUE;
}

void
shenbao_policy_index_store_policy (ShenbaoPolicyIndex     *index,
                                   const char             *file,
                                   const ShenbaoFileStamp *stamp,
                                   ShenbaoPolicy          *policy)
{
  store (index, file, stamp, policy, NULL);
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
  GPtrArray *own = g_ptr_array_new_with_free_func (g_free);

  for (guint i = first; i < problems->len; i++)
    g_ptr_array_add (own, g_strdup (g_ptr_array_index (problems, i)));
  store (index, file, stamp, NULL, own);
}

/* TRUE when the index knows this file as it is now: then *header is its header (a policy
 * with no clauses loaded, header_only set, or the policy itself if it was read whole since the
 * index was loaded), or NULL with its problems appended. FALSE: the file must be read. */
gboolean
shenbao_policy_index_lookup (ShenbaoPolicyIndex     *index,
                             const char             *file,
                             const ShenbaoFileStamp *stamp,
                             ShenbaoPolicy         **header,
                             GPtrArray              *problems)
{
  Entry *entry = g_hash_table_lookup (index->entries, file);

  *header = NULL;
  if (entry == NULL || entry->stamp.size != stamp->size || entry->stamp.mtime_usec != stamp->mtime_usec)
    return FALSE;
  if (entry->header != NULL)
    {
      *header = g_object_ref (entry->header);
      return TRUE;
    }
  if (entry->problems->len == 0)
    return FALSE;
  for (guint i = 0; i < entry->problems->len; i++)
    g_ptr_array_add (problems, g_strdup (g_ptr_array_index (entry->problems, i)));
  return TRUE;
}

/* Entries of files that are gone are dropped, so the cache does not grow forever. */
void
shenbao_policy_index_forget_missing (ShenbaoPolicyIndex *index,
                                     GHashTable         *seen_files)
{
  GHashTableIter iter;
  gpointer file;

  g_hash_table_iter_init (&iter, index->entries);
  while (g_hash_table_iter_next (&iter, &file, NULL))
    if (!g_hash_table_contains (seen_files, file))
      {
        g_hash_table_iter_remove (&iter);
        index->dirty = TRUE;
      }
}
