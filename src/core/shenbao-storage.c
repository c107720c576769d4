/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-storage"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "shenbao-parse.h"
#include "shenbao-sqlite-private.h"
#include "shenbao-storage-private.h"

G_DEFINE_QUARK (shenbao-storage-error-quark, shenbao_storage_error)

/* Long enough to wait out a save by a second Shenbao (the CLI, another window) on the same file;
 * short enough that the user is told, rather than left with a frozen window. */
#define BUSY_TIMEOUT_MS 5000


/* Each entry brings the schema from version i to i + 1 and ends by recording i + 1. A migration
 * that has shipped is never edited: a change to the schema is a new entry. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE companies ("
  "  id      INTEGER PRIMARY KEY,"
  "  created INTEGER,"
  "  updated INTEGER"
  ");"
  "CREATE TABLE company_values ("
  "  company_id INTEGER REFERENCES companies (id) ON DELETE CASCADE,"
  "  key        TEXT,"
  "  value      TEXT,"
  "  PRIMARY KEY (company_id, key)"
  ");"
  "CREATE TABLE applications ("
  "  id         INTEGER PRIMARY KEY,"
  "  company_id INTEGER REFERENCES companies (id) ON DELETE CASCADE,"
  "  policy_id  TEXT,"
  "  page       TEXT,"
  "  created    INTEGER,"
  "  updated    INTEGER"
  ");"
  "CREATE TABLE application_values ("
  "  application_id INTEGER REFERENCES applications (id) ON DELETE CASCADE,"
  "  key            TEXT,"
  "  value          TEXT,"
  "  PRIMARY KEY (application_id, key)"
  ");"
  "PRAGMA user_version = 1;",

  /* 1 → 2: which clauses the user chose, and the state and totals the list of saved work shows
   * without recomputing every application. */
  "ALTER TABLE applications ADD COLUMN state TEXT NOT NULL DEFAULT 'draft';"
  "ALTER TABLE applications ADD COLUMN total_fen INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE applications ADD COLUMN total_up_to_fen INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE application_clauses ("
  "  application_id INTEGER REFERENCES applications (id) ON DELETE CASCADE,"
  "  clause_id      TEXT,"
  "  chosen         INTEGER NOT NULL,"
  "  PRIMARY KEY (application_id, clause_id)"
  ");"
  "PRAGMA user_version = 2;",

  /* 2 → 3: the materials checklist of each application (items from the policy file, renamed,
   * reordered, removed or added by the user, and the file attached to each: where it stays,
   * its size and SHA-256 when attached), and the application window of the current call of
   * each policy, recorded by the user from the annual guide. */
  "CREATE TABLE attachments ("
  "  application_id INTEGER REFERENCES applications (id) ON DELETE CASCADE,"
  "  item_id        TEXT NOT NULL,"
  "  label          TEXT,"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  required       INTEGER NOT NULL DEFAULT 0,"
  "  added_by_user  INTEGER NOT NULL DEFAULT 0,"
  "  removed        INTEGER NOT NULL DEFAULT 0,"
  "  path           TEXT,"
  "  size           INTEGER,"
  "  sha256         TEXT,"
  "  pages          INTEGER,"
  "  attached_at    INTEGER,"
  "  PRIMARY KEY (application_id, item_id)"
  ");"
  "CREATE TABLE policy_windows ("
  "  policy_id      TEXT PRIMARY KEY,"
  "  opens          TEXT,"
  "  closes         TEXT,"
  "  where_to_file  TEXT,"
  "  updated        INTEGER"
  ");"
  "PRAGMA user_version = 3;",
};

/* The list of saved work as it opens (by last change) is read in this index's order, not sorted
 * at every start. It changes no data, so it is no new version: a file from before it still
 * opens read-only, and gets the index the first time it is opened for writing. */
#define CREATE_INDEXES "CREATE INDEX IF NOT EXISTS applications_by_change ON applications (updated DESC, id DESC);"

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SHENBAO_STORAGE_SCHEMA_VERSION);


G_DEFINE_FINAL_TYPE (ShenbaoStorage, shenbao_storage, G_TYPE_OBJECT)


void
storage_borrowed_statement_return (BorrowedStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
shenbao_storage_finalize (GObject *object)
{
  ShenbaoStorage *self = (ShenbaoStorage *) object;

  /* Statements first: a connection with live statements refuses to close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_warning ("Closing “%s”: %s", self->path, sqlite3_errmsg (self->db));
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (shenbao_storage_parent_class)->finalize (object);
}

static void
shenbao_storage_class_init (ShenbaoStorageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shenbao_storage_finalize;
}

static void
shenbao_storage_init (ShenbaoStorage *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

/* ------------------------------------------------------------------ helpers */

gint64
storage_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Whose fault a file that cannot be written is: the folder's (no journal can be made beside
 * the file, or the whole disk is mounted read-only) or the file's own permissions. */
static gboolean
set_read_only_error (const char  *path,
                     const char  *doing,
                     GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (access (folder, W_OK) != 0)
    g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_READ_ONLY,
                 _("%s: the folder “%s” is read-only, so nothing can be saved there. Save to "
                   "another folder; what was saved before is kept."), doing, folder);
  else
    g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_READ_ONLY,
                 _("%s: the file “%s” is read-only, so nothing can be saved to it. Save to "
                   "another file; what was saved before is kept."), doing, path);
  return FALSE;
}

typedef enum
{
  FAILURE_OTHER,
  FAILURE_DISK_FULL,
  FAILURE_READ_ONLY,
} FailureKind;

/* saved_errno is errno read right after the failing call: SQLite forgets the errno of a failed
 * write once it has rolled back (it reports 0), but the thread's errno still holds it. */
static FailureKind
classify_failure (sqlite3 *db,
                  int      saved_errno)
{
  int primary = sqlite3_extended_errcode (db) & 0xff;
  int system_errno = sqlite3_system_errno (db);

  if (system_errno == 0)
    system_errno = saved_errno;
  if (primary == SQLITE_FULL
      || (primary == SQLITE_IOERR
          && (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT)))
    return FAILURE_DISK_FULL;
  if (primary == SQLITE_READONLY
      || ((primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_PERM)
          && (system_errno == EACCES || system_errno == EROFS || system_errno == EPERM)))
    return FAILURE_READ_ONLY;
  return FAILURE_OTHER;
}

/* Call right after the failing SQLite call: sqlite3_errmsg () describes only the latest one.
 * A full disk and a read-only file or folder are said in words a user acts on; SQLite's own
 * "database or disk is full" and "attempt to write a readonly database" are not. */
gboolean
storage_set_error_from_db (sqlite3     *db,
                   int          code,
                   const char  *doing,
                   GError     **error)
{
  FailureKind kind = classify_failure (db, errno);
  const char *path = sqlite3_db_filename (db, "main");

  if (kind == FAILURE_DISK_FULL)
    {
      g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_DISK_FULL,
                   _("%s: the disk is full. Free some space and save again; what was saved "
                     "before is kept."), doing);
      return FALSE;
    }
  if (kind == FAILURE_READ_ONLY && path != NULL && *path != '\0')
    return set_read_only_error (path, doing, error);

  g_set_error (error, SHENBAO_STORAGE_ERROR, code, "%s: %s", doing, sqlite3_errmsg (db));
  return FALSE;
}

/* For the fixed texts of the schema and its pragmas, which may hold several statements and bind
 * nothing. */
static gboolean
exec_script (sqlite3     *db,
             const char  *script,
             int          code,
             const char  *doing,
             GError     **error)
{
  const char *next = script;

  while (*next != '\0')
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (db, next, -1, &stmt, &next) != SQLITE_OK)
        return storage_set_error_from_db (db, code, doing, error);
      if (stmt == NULL)   /* only white space was left */
        continue;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      if (rc != SQLITE_DONE)
        return storage_set_error_from_db (db, code, doing, error);
    }
  return TRUE;
}

/* The first column of the first row, for pragmas. */
static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value,
           int          code,
           const char  *doing,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return storage_set_error_from_db (db, code, doing, error);
  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static char *
query_text (sqlite3     *db,
            const char  *sql,
            int          code,
            const char  *doing,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      storage_set_error_from_db (db, code, doing, error);
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The same few statements run on every value the user saves, so each is prepared once. */
BorrowedStatement *
storage_borrow_statement (ShenbaoStorage  *self,
                  const char      *sql,
                  const char      *doing,
                  GError         **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  return stmt;
}

gboolean
storage_bind_int64 (ShenbaoStorage  *self,
            sqlite3_stmt    *stmt,
            int              index,
            gint64           value,
            const char      *doing,
            GError         **error)
{
  if (sqlite3_bind_int64 (stmt, index, value) != SQLITE_OK)
    return storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
  return TRUE;
}

/* NULL binds NULL. */
gboolean
storage_bind_text_kept (ShenbaoStorage       *self,
                sqlite3_stmt         *stmt,
                int                   index,
                const char           *text,
                sqlite3_destructor_type keep,
                const char           *doing,
                GError              **error)
{
  if (sqlite3_bind_text (stmt, index, text, -1, keep) != SQLITE_OK)
    return storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
  return TRUE;
}

/* SQLITE_STATIC is safe because every statement is reset and its bindings cleared before the
 * public function that bound the caller's text returns. */
gboolean
storage_bind_text (ShenbaoStorage  *self,
           sqlite3_stmt    *stmt,
           int              index,
           const char      *text,
           const char      *doing,
           GError         **error)
{
  return storage_bind_text_kept (self, stmt, index, text, SQLITE_STATIC, doing, error);
}

/* For statements that return no rows. */
gboolean
storage_step_done (ShenbaoStorage  *self,
           sqlite3_stmt    *stmt,
           const char      *doing,
           GError         **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
  return TRUE;
}

static gboolean
run_borrowed (ShenbaoStorage  *self,
              const char      *sql,
              const char      *doing,
              GError         **error)
{
  g_autoptr(BorrowedStatement) stmt = storage_borrow_statement (self, sql, doing, error);

  return stmt != NULL && storage_step_done (self, stmt, doing, error);
}

/* IMMEDIATE takes the write lock at the start, so a writer that has to wait does so in the busy
 * handler here; a deferred transaction that later cannot upgrade its read lock fails at once. */
gboolean
storage_begin_write (ShenbaoStorage  *self,
             const char      *doing,
             GError         **error)
{
  return run_borrowed (self, "BEGIN IMMEDIATE", doing, error);
}

gboolean
storage_commit (ShenbaoStorage  *self,
        const char      *doing,
        GError         **error)
{
  return run_borrowed (self, "COMMIT", doing, error);
}

/* After an error has been reported: SQLite may already have rolled back by itself. */
void
storage_rollback (ShenbaoStorage *self)
{
  if (!sqlite3_get_autocommit (self->db))
    run_borrowed (self, "ROLLBACK", "rolling back", NULL);
}

/* After an UPDATE or DELETE by id: no row means no such company or application. */
gboolean
storage_check_row_changed (ShenbaoStorage  *self,
                   const char      *what,
                   gint64           id,
                   const char      *doing,
                   GError         **error)
{
  if (sqlite3_changes (self->db) > 0)
    return TRUE;
  g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND,
               "%s: there is no %s %" G_GINT64_FORMAT, doing, what, id);
  return FALSE;
}

/* Marks a company or application as changed now; sql sets updated = ?2 where id = ?1. */
gboolean
storage_touch (ShenbaoStorage  *self,
       const char      *sql,
       const char      *what,
       gint64           id,
       const char      *doing,
       GError         **error)
{
  g_autoptr(BorrowedStatement) stmt = storage_borrow_statement (self, sql, doing, error);

  return stmt != NULL
         && storage_bind_int64 (self, stmt, 1, id, doing, error)
         && storage_bind_int64 (self, stmt, 2, storage_now_seconds (), doing, error)
         && storage_step_done (self, stmt, doing, error)
         && storage_check_row_changed (self, what, id, doing, error);
}

/* One value and the owner's updated time change together or not at all. */
static gboolean
save_value (ShenbaoStorage  *self,
            const char      *touch_sql,
            const char      *save_sql,
            const char      *delete_sql,
            const char      *what,
            gint64           owner_id,
            const char      *key,
            const char      *text,
            const char      *doing,
            GError         **error)
{
  g_autoptr(BorrowedStatement) stmt = NULL;

  if (!storage_begin_write (self, doing, error))
    return FALSE;

  if (!storage_touch (self, touch_sql, what, owner_id, doing, error))
    goto failed;

  stmt = storage_borrow_statement (self, text != NULL ? save_sql : delete_sql, doing, error);
  if (stmt == NULL
      || !storage_bind_int64 (self, stmt, 1, owner_id, doing, error)
      || !storage_bind_text (self, stmt, 2, key, doing, error)
      || (text != NULL && !storage_bind_text (self, stmt, 3, text, doing, error))
      || !storage_step_done (self, stmt, doing, error)
      || !storage_commit (self, doing, error))
    goto failed;

  return TRUE;

failed:
  storage_rollback (self);
  return FALSE;
}

/* sql joins the owner to its values, so that no row at all means no such owner and one row with
 * a NULL key means an owner without values. */
static GHashTable *
load_values (ShenbaoStorage  *self,
             const char      *sql,
             const char      *what,
             gint64           owner_id,
             const char      *doing,
             GError         **error)
{
  g_autoptr(BorrowedStatement) stmt = storage_borrow_statement (self, sql, doing, error);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean found = FALSE;
  int rc;

  if (stmt == NULL || !storage_bind_int64 (self, stmt, 1, owner_id, doing, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      found = TRUE;
      if (key != NULL && value != NULL)
        g_hash_table_insert (values, g_strdup (key), g_strdup (value));
    }
  if (rc != SQLITE_DONE)
    {
      storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      return NULL;
    }
  if (!found)
    {
      g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND,
                   "%s: there is no %s %" G_GINT64_FORMAT, doing, what, owner_id);
      return NULL;
    }
  return g_steal_pointer (&values);
}

char *
storage_column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The row of SELECT_APPLICATION_SUMMARY. */
ShenbaoFilingSummary *
storage_application_summary_from_row (sqlite3_stmt *stmt)
{
  ShenbaoFilingSummary *summary = g_new0 (ShenbaoFilingSummary, 1);

  summary->id = sqlite3_column_int64 (stmt, 0);
  summary->company_id = sqlite3_column_int64 (stmt, 1);
  summary->company_name = storage_column_strdup (stmt, 2);
  summary->policy_id = storage_column_strdup (stmt, 3);
  summary->page = storage_column_strdup (stmt, 4);
  summary->state = storage_column_strdup (stmt, 5);
  summary->total_fen = sqlite3_column_int64 (stmt, 6);
  summary->total_up_to_fen = sqlite3_column_int64 (stmt, 7);
  summary->updated = sqlite3_column_int64 (stmt, 8);
  return summary;
}

/* Every row of a statement selecting SELECT_APPLICATION_SUMMARY, bound and ready to step. */
GPtrArray *
storage_read_summaries (ShenbaoStorage  *self,
                        sqlite3_stmt    *stmt,
                        const char      *doing,
                        GError         **error)
{
  g_autoptr(GPtrArray) applications = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_filing_summary_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (applications, storage_application_summary_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      return NULL;
    }
  return g_steal_pointer (&applications);
}

void
shenbao_filing_summary_free (ShenbaoFilingSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->company_name);
  g_free (summary->policy_id);
  g_free (summary->page);
  g_free (summary->state);
  g_free (summary);
}

/* ------------------------------------------------------------------ opening and upgrading */

/* PRAGMA user_version is only ever written by the migrations, as 0, 1, 2…: a negative one means
 * the header was damaged or written by something else, not by a newer Shenbao. */
static void
set_damaged_error (const char  *path,
                   int          version,
                   GError     **error)
{
  g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_DAMAGED,
               _("“%s” is damaged: its version number %d is not one Shenbao writes. Open a backup "
                 "of it, or start a new file."), path, version);
}

static void
set_too_new_error (const char  *path,
                   int          version,
                   GError     **error)
{
  g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_TOO_NEW,
               "“%s” was saved by a newer Shenbao (database version %d; this version understands "
               "up to %d)", path, version, SHENBAO_STORAGE_SCHEMA_VERSION);
}

/* All steps share one transaction: a file is either fully upgraded or left as it was. */
static gboolean
migrate (ShenbaoStorage  *self,
         GError         **error)
{
  g_autofree char *doing = g_strdup_printf ("upgrading “%s”", self->path);
  int version;

  if (!exec_script (self->db, "BEGIN IMMEDIATE", SHENBAO_STORAGE_ERROR_SQL, doing, error))
    return FALSE;

  /* Read again under the write lock: another Shenbao opening the same file may have upgraded it
   * in the meantime. */
  if (!query_int (self->db, "PRAGMA user_version", &version, SHENBAO_STORAGE_ERROR_SQL, doing,
                  error))
    goto failed;
  if (version > SHENBAO_STORAGE_SCHEMA_VERSION)
    {
      set_too_new_error (self->path, version, error);
      goto failed;
    }

  for (; version < SHENBAO_STORAGE_SCHEMA_VERSION; version++)
    {
      g_autofree char *step = g_strdup_printf ("upgrading “%s” from version %d to %d",
                                               self->path, version, version + 1);

      if (!exec_script (self->db, migrations[version], SHENBAO_STORAGE_ERROR_SQL, step, error))
        goto failed;
    }

  if (!exec_script (self->db, "COMMIT", SHENBAO_STORAGE_ERROR_SQL, doing, error))
    goto failed;
  return TRUE;

failed:
  if (!sqlite3_get_autocommit (self->db))
    exec_script (self->db, "ROLLBACK", SHENBAO_STORAGE_ERROR_SQL, doing, NULL);
  return FALSE;
}

/* In a read-only folder no -shm can be made, which SQLite needs to read a WAL database. With no
 * -wal beside the file (none can have been made there since the folder became read-only) every
 * committed change is in the file itself, and it can be read as immutable: without the -shm and
 * without locks. Nobody can write through this connection. */
static sqlite3 *
open_read_only_folder (const char  *path,
                       const char  *doing,
                       GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GString) uri = g_string_new ("file:");
  g_autoptr(sqlite3) db = NULL;

  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      set_read_only_error (path, doing, error);
      return NULL;
    }
  for (const char *p = path; *p != '\0'; p++)
    if (*p == '%' || *p == '?' || *p == '#')
      g_string_append_printf (uri, "%%%02X", (guchar) *p);
    else
      g_string_append_c (uri, *p);
  g_string_append (uri, "?immutable=1");

  if (sqlite3_open_v2 (uri->str, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      storage_set_error_from_db (db, SHENBAO_STORAGE_ERROR_OPEN, doing, error);
      return NULL;
    }
  return g_steal_pointer (&db);
}

/* SQLite opens a file it may not write read-only without saying so; a WAL file in a folder where
 * its -shm cannot be made does not open for writing at all, and is then opened read-only. Either
 * way the caller learns it through *read_only, at once rather than at the first save. */
static sqlite3 *
open_connection (const char  *path,
                 const char  *doing,
                 gboolean    *read_only,
                 GError     **error)
{
  g_autoptr(sqlite3) db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      storage_set_error_from_db (db, SHENBAO_STORAGE_ERROR_OPEN, doing, error);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  *read_only = sqlite3_db_readonly (db, "main") == 1;

  /* Reading the schema opens the -shm of a WAL file, which a read-only folder refuses. */
  if (!*read_only)
    {
      g_autoptr(sqlite3_stmt) probe = NULL;
      FailureKind kind = FAILURE_OTHER;

      if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master", -1, &probe, NULL) != SQLITE_OK
          || sqlite3_step (probe) != SQLITE_ROW)
        kind = classify_failure (db, errno);
      g_clear_pointer (&probe, sqlite3_finalize);
      if (kind == FAILURE_READ_ONLY)
        {
          g_clear_pointer (&db, sqlite3_close);
          db = open_read_only_folder (path, doing, error);
          if (db == NULL)
            return NULL;
          *read_only = TRUE;
        }
    }
  return g_steal_pointer (&db);
}

/* A file that is not a database, or is damaged beyond reading its header and schema, gives
 * SHENBAO_STORAGE_ERROR_OPEN; one written by a newer Shenbao gives
 * SHENBAO_STORAGE_ERROR_TOO_NEW and is left untouched. */
ShenbaoStorage *
shenbao_storage_open (const char  *path,
                      GError     **error)
{
  g_autoptr(ShenbaoStorage) self = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *doing = NULL;
  g_autofree char *journal_mode = NULL;
  gboolean read_only = FALSE;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doing = g_strdup_printf ("opening “%s”", path);
  db = open_connection (path, doing, &read_only, error);
  if (db == NULL)
    return NULL;

  /* The version comes first, before anything writes to the file (switching to WAL rewrites the
   * header): a file from a newer Shenbao must be left exactly as it was. Reading it is also what
   * finds out that a file is not a database at all. */
  if (!query_int (db, "PRAGMA user_version", &version, SHENBAO_STORAGE_ERROR_OPEN, doing, error))
    return NULL;
  if (version < 0)
    {
      set_damaged_error (path, version, error);
      return NULL;
    }
  if (version > SHENBAO_STORAGE_SCHEMA_VERSION)
    {
      set_too_new_error (path, version, error);
      return NULL;
    }
  /* A read-only file opens for reading, so the user sees their work and can save it elsewhere;
   * one that would need upgrading cannot be read by this version at all. */
  if (read_only && version < SHENBAO_STORAGE_SCHEMA_VERSION)
    {
      g_autofree char *upgrading = g_strdup_printf ("upgrading “%s”", path);
      set_read_only_error (path, upgrading, error);
      return NULL;
    }

  /* WAL with synchronous=NORMAL: a crash of the program loses no committed value and a power
   * cut at most the last few, never the file; readers do not wait for a writer. */
  if (!exec_script (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                    SHENBAO_STORAGE_ERROR_OPEN, doing, error))
    return NULL;
  if (!read_only)
    {
      journal_mode = query_text (db, "PRAGMA journal_mode = WAL", SHENBAO_STORAGE_ERROR_OPEN, doing,
                                 error);
      if (journal_mode == NULL)
        return NULL;
      if (g_ascii_strcasecmp (journal_mode, "wal") != 0)
        g_debug ("“%s” stays in journal mode %s", path, journal_mode);
    }

  self = g_object_new (SHENBAO_TYPE_STORAGE, NULL);
  self->db = g_steal_pointer (&db);
  self->path = g_strdup (path);
  self->read_only = read_only;

  if (version < SHENBAO_STORAGE_SCHEMA_VERSION && !migrate (self, error))
    return NULL;
  /* The index only saves time: a full disk or a busy file is no reason not to open. */
  if (!read_only)
    {
      g_autoptr(GError) index_error = NULL;

      if (!exec_script (self->db, CREATE_INDEXES, SHENBAO_STORAGE_ERROR_SQL, doing, &index_error))
        g_debug ("“%s” has no index by last change: %s", path, index_error->message);
    }
  self->schema_version = SHENBAO_STORAGE_SCHEMA_VERSION;

  return g_steal_pointer (&self);
}

/* $XDG_DATA_HOME/shenbao/shenbao.db */
ShenbaoStorage *
shenbao_storage_open_default (GError **error)
{
  g_autofree char *directory = g_build_filename (g_get_user_data_dir (), "shenbao", NULL);
  g_autofree char *path = g_build_filename (directory, "shenbao.db", NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Private: the file holds a company's figures. */
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_OPEN,
                   "creating “%s”: %s", directory, g_strerror (saved_errno));
      return NULL;
    }
  return shenbao_storage_open (path, error);
}

/* TRUE when the file opened for reading only (its own permissions, its folder's, or a
 * read-only disk): the app should offer to save the work elsewhere before the user types more. */
gboolean
shenbao_storage_is_read_only (ShenbaoStorage *self)
{
  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  return self->read_only;
}

/* The message to show for a read-only file, as a save would give it, or TRUE when saving can
 * work. */
gboolean
shenbao_storage_check_writable (ShenbaoStorage  *self,
                                GError         **error)
{
  g_autofree char *doing = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  if (!self->read_only)
    return TRUE;
  doing = g_strdup_printf (_("saving to “%s”"), self->path);
  return set_read_only_error (self->path, doing, error);
}

int
shenbao_storage_get_schema_version (ShenbaoStorage *self)
{
  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), 0);
  return self->schema_version;
}

/* How long a save waits for another Shenbao holding the file (the window, while the command line
 * packages from the same database) before it gives up with a message. */
void
shenbao_storage_set_busy_timeout (ShenbaoStorage *self,
                                  int             milliseconds)
{
  g_return_if_fail (SHENBAO_IS_STORAGE (self));
  sqlite3_busy_timeout (self->db, milliseconds);
}

const char *
shenbao_storage_get_path (ShenbaoStorage *self)
{
  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  return self->path;
}

/* ------------------------------------------------------------------ companies */

gint64
shenbao_storage_create_company (ShenbaoStorage  *self,
                                GError         **error)
{
  const char *doing = "creating a company";
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = storage_borrow_statement (self, "INSERT INTO companies (created, updated) VALUES (?1, ?1)",
                           doing, error);
  if (stmt == NULL
      || !storage_bind_int64 (self, stmt, 1, storage_now_seconds (), doing, error)
      || !storage_step_done (self, stmt, doing, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* The text is stored exactly as typed, whether or not it parses yet; NULL deletes the value. */
gboolean
shenbao_storage_set_company_value (ShenbaoStorage  *self,
                                   gint64           company_id,
                                   const char      *key,
                                   const char      *text,
                                   GError         **error)
{
  g_autofree char *doing = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (company_id > 0, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doing = g_strdup_printf (text != NULL ? "saving company value “%s”"
                                        : "deleting company value “%s”", key);
  return save_value (self,
                     "UPDATE companies SET updated = ?2 WHERE id = ?1",
                     "INSERT INTO company_values (company_id, key, value) VALUES (?1, ?2, ?3)"
                     "  ON CONFLICT (company_id, key) DO UPDATE SET value = excluded.value",
                     "DELETE FROM company_values WHERE company_id = ?1 AND key = ?2",
                     "company", company_id, key, text, doing, error);
}

/* key → text, both owned by the table. */
GHashTable *
shenbao_storage_load_company_values (ShenbaoStorage  *self,
                                     gint64           company_id,
                                     GError         **error)
{
  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (company_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_values (self,
                      "SELECT v.key, v.value FROM companies AS c"
                      "  LEFT JOIN company_values AS v ON v.company_id = c.id"
                      "  WHERE c.id = ?1",
                      "company", company_id, "loading company values", error);
}

/* Most recently updated first; in each summary only id (== company_id), company_name and updated
 * are set. */
GPtrArray *
shenbao_storage_list_companies (ShenbaoStorage  *self,
                                GError         **error)
{
  const char *doing = "listing companies";
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = storage_borrow_statement (self,
                           "SELECT c.id, name.value, c.updated FROM companies AS c"
                           "  LEFT JOIN company_values AS name"
                           "    ON name.company_id = c.id AND name.key = ?1"
                           "  ORDER BY c.updated DESC, c.id DESC",
                           doing, error);
  if (stmt == NULL || !storage_bind_text (self, stmt, 1, COMPANY_NAME_KEY, doing, error))
    return NULL;

  companies = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_filing_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShenbaoFilingSummary *summary = g_new0 (ShenbaoFilingSummary, 1);

      summary->id = summary->company_id = sqlite3_column_int64 (stmt, 0);
      summary->company_name = storage_column_strdup (stmt, 1);
      summary->updated = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (companies, summary);
    }
  if (rc != SQLITE_DONE)
    {
      storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      return NULL;
    }
  return g_steal_pointer (&companies);
}

/* ------------------------------------------------------------------ applications */

/* policy_id may be NULL while the user has not chosen one yet. */
gint64
shenbao_storage_create_application (ShenbaoStorage  *self,
                                    gint64           company_id,
                                    const char      *policy_id,
                                    GError         **error)
{
  const char *doing = "creating an application";
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), 0);
  g_return_val_if_fail (company_id > 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  /* Selecting the company makes a missing one insert nothing, which tells it apart from a failed
   * write without a transaction around two statements. */
  stmt = storage_borrow_statement (self,
                           "INSERT INTO applications (company_id, policy_id, created, updated)"
                           "  SELECT id, ?2, ?3, ?3 FROM companies WHERE id = ?1",
                           doing, error);
  if (stmt == NULL
      || !storage_bind_int64 (self, stmt, 1, company_id, doing, error)
      || !storage_bind_text (self, stmt, 2, policy_id, doing, error)
      || !storage_bind_int64 (self, stmt, 3, storage_now_seconds (), doing, error)
      || !storage_step_done (self, stmt, doing, error)
      || !storage_check_row_changed (self, "company", company_id, doing, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* For the single-statement updates of one application: ?1 is its id, ?2 the time. */
static gboolean
update_application (ShenbaoStorage  *self,
                    sqlite3_stmt    *stmt,
                    gint64           application_id,
                    const char      *doing,
                    GError         **error)
{
  return storage_bind_int64 (self, stmt, 1, application_id, doing, error)
         && storage_bind_int64 (self, stmt, 2, storage_now_seconds (), doing, error)
         && storage_step_done (self, stmt, doing, error)
         && storage_check_row_changed (self, "application", application_id, doing, error);
}

/* Sets one text column of an application: its policy or its page. */
static gboolean
update_application_text (ShenbaoStorage  *self,
                         gint64           application_id,
                         const char      *sql,
                         const char      *text,
                         const char      *doing,
                         GError         **error)
{
  g_autoptr(BorrowedStatement) stmt = storage_borrow_statement (self, sql, doing, error);

  return stmt != NULL
         && storage_bind_text (self, stmt, 3, text, doing, error)
         && update_application (self, stmt, application_id, doing, error);
}

gboolean
shenbao_storage_set_application_policy (ShenbaoStorage  *self,
                                        gint64           application_id,
                                        const char      *policy_id,
                                        GError         **error)
{
  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (application_id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_application_text (self, application_id,
                                  "UPDATE applications SET policy_id = ?3, updated = ?2 WHERE id = ?1",
                                  policy_id, "saving the application’s policy", error);
}

/* The text is stored exactly as typed, whether or not it parses yet; NULL deletes the value. */
gboolean
shenbao_storage_set_application_value (ShenbaoStorage  *self,
                                       gint64           application_id,
                                       const char      *key,
                                       const char      *text,
                                       GError         **error)
{
  g_autofree char *doing = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (application_id > 0, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doing = g_strdup_printf (text != NULL ? "saving application value “%s”"
                                        : "deleting application value “%s”", key);
  return save_value (self,
                     "UPDATE applications SET updated = ?2 WHERE id = ?1",
                     "INSERT INTO application_values (application_id, key, value)"
                     "  VALUES (?1, ?2, ?3)"
                     "  ON CONFLICT (application_id, key) DO UPDATE SET value = excluded.value",
                     "DELETE FROM application_values WHERE application_id = ?1 AND key = ?2",
                     "application", application_id, key, text, doing, error);
}

/* key → text, both owned by the table. */
GHashTable *
shenbao_storage_load_application_values (ShenbaoStorage  *self,
                                         gint64           application_id,
                                         GError         **error)
{
  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (application_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_values (self,
                      "SELECT v.key, v.value FROM applications AS a"
                      "  LEFT JOIN application_values AS v ON v.application_id = a.id"
                      "  WHERE a.id = ?1",
                      "application", application_id, "loading application values", error);
}

gboolean
shenbao_storage_set_clause_chosen (ShenbaoStorage  *self,
                                   gint64           application_id,
                                   const char      *clause_id,
                                   gboolean         chosen,
                                   GError         **error)
{
  g_autofree char *doing = NULL;
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (application_id > 0, FALSE);
  g_return_val_if_fail (clause_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doing = g_strdup_printf ("saving the choice of clause “%s”", clause_id);
  if (!storage_begin_write (self, doing, error))
    return FALSE;

  if (!storage_touch (self, "UPDATE applications SET updated = ?2 WHERE id = ?1", "application",
              application_id, doing, error))
    goto failed;

  stmt = storage_borrow_statement (self,
                           "INSERT INTO application_clauses (application_id, clause_id, chosen)"
                           "  VALUES (?1, ?2, ?3)"
                           "  ON CONFLICT (application_id, clause_id)"
                           "    DO UPDATE SET chosen = excluded.chosen",
                           doing, error);
  if (stmt == NULL
      || !storage_bind_int64 (self, stmt, 1, application_id, doing, error)
      || !storage_bind_text (self, stmt, 2, clause_id, doing, error)
      || !storage_bind_int64 (self, stmt, 3, chosen ? 1 : 0, doing, error)
      || !storage_step_done (self, stmt, doing, error)
      || !storage_commit (self, doing, error))
    goto failed;

  return TRUE;

failed:
  storage_rollback (self);
  return FALSE;
}

/* clause id → GINT_TO_POINTER (chosen); a clause the user never decided on is absent, so use
 * g_hash_table_lookup_extended () to tell it from one left unchosen. */
GHashTable *
shenbao_storage_load_clause_choices (ShenbaoStorage  *self,
                                     gint64           application_id,
                                     GError         **error)
{
  const char *doing = "loading clause choices";
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GHashTable) choices = NULL;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (application_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = storage_borrow_statement (self,
                           "SELECT c.clause_id, c.chosen FROM applications AS a"
                           "  LEFT JOIN application_clauses AS c ON c.application_id = a.id"
                           "  WHERE a.id = ?1",
                           doing, error);
  if (stmt == NULL || !storage_bind_int64 (self, stmt, 1, application_id, doing, error))
    return NULL;

  choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *clause_id = (const char *) sqlite3_column_text (stmt, 0);

      found = TRUE;
      if (clause_id != NULL)
        g_hash_table_insert (choices, g_strdup (clause_id),
                             GINT_TO_POINTER (sqlite3_column_int (stmt, 1) != 0));
    }
  if (rc != SQLITE_DONE)
    {
      storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      return NULL;
    }
  if (!found)
    {
      g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND,
                   "%s: there is no application %" G_GINT64_FORMAT, doing, application_id);
      return NULL;
    }
  return g_steal_pointer (&choices);
}

/* The page the user was on, so that reopening the application returns there. */
gboolean
shenbao_storage_set_application_page (ShenbaoStorage  *self,
                                      gint64           application_id,
                                      const char      *page,
                                      GError         **error)
{
  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (application_id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_application_text (self, application_id,
                                  "UPDATE applications SET page = ?3, updated = ?2 WHERE id = ?1",
                                  page, "saving the application’s page", error);
}

/* What the list of saved work shows, stored so that listing does not recompute every
 * application. */
gboolean
shenbao_storage_set_application_summary (ShenbaoStorage  *self,
                                         gint64           application_id,
                                         const char      *state,
                                         gint64           total_fen,
                                         gint64           total_up_to_fen,
                                         GError         **error)
{
  const char *doing = "saving the application’s summary";
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (application_id > 0, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = storage_borrow_statement (self,
                           "UPDATE applications"
                           "  SET state = ?3, total_fen = ?4, total_up_to_fen = ?5, updated = ?2"
                           "  WHERE id = ?1",
                           doing, error);
  return stmt != NULL
         && storage_bind_text (self, stmt, 3, state, doing, error)
         && storage_bind_int64 (self, stmt, 4, total_fen, doing, error)
         && storage_bind_int64 (self, stmt, 5, total_up_to_fen, doing, error)
         && update_application (self, stmt, application_id, doing, error);
}

ShenbaoFilingSummary *
shenbao_storage_get_application (ShenbaoStorage  *self,
                                 gint64           application_id,
                                 GError         **error)
{
  const char *doing = "loading an application";
  g_autoptr(BorrowedStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (application_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = storage_borrow_statement (self, SELECT_APPLICATION_SUMMARY " WHERE a.id = ?2", doing, error);
  if (stmt == NULL
      || !storage_bind_text (self, stmt, 1, COMPANY_NAME_KEY, doing, error)
      || !storage_bind_int64 (self, stmt, 2, application_id, doing, error))
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return storage_application_summary_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND,
                 "%s: there is no application %" G_GINT64_FORMAT, doing, application_id);
  else
    storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
  return NULL;
}

/* Most recently updated first. */
GPtrArray *
shenbao_storage_list_applications (ShenbaoStorage  *self,
                                   GError         **error)
{
  const char *doing = "listing applications";
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = storage_borrow_statement (self, SELECT_APPLICATION_SUMMARY " ORDER BY a.updated DESC, a.id DESC",
                                   doing, error);
  if (stmt == NULL || !storage_bind_text (self, stmt, 1, COMPANY_NAME_KEY, doing, error))
    return NULL;

  return storage_read_summaries (self, stmt, doing, error);
}

/* Its values and clause choices go with it (ON DELETE CASCADE). */
gboolean
shenbao_storage_delete_application (ShenbaoStorage  *self,
                                    gint64           application_id,
                                    GError         **error)
{
  const char *doing = "deleting an application";
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (application_id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = storage_borrow_statement (self, "DELETE FROM applications WHERE id = ?1", doing, error);
  return stmt != NULL
         && storage_bind_int64 (self, stmt, 1, application_id, doing, error)
         && storage_step_done (self, stmt, doing, error)
         && storage_check_row_changed (self, "application", application_id, doing, error);
}

/* Everything saved, copied whole into a new database file at path (which must not exist yet):
 * where the user keeps working when this one cannot be written. SQLite's backup copies a
 * consistent state even while the file is in use. */
gboolean
shenbao_storage_save_copy (ShenbaoStorage  *self,
                           const char      *path,
                           GError         **error)
{
  g_autofree char *doing = g_strdup_printf ("copying the saved applications to %s", path);
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_OPEN, "%s: the file exists already", path);
      return FALSE;
    }
  rc = sqlite3_open_v2 (path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      storage_set_error_from_db (copy, SHENBAO_STORAGE_ERROR_OPEN, doing, error);
      sqlite3_close (copy);
      return FALSE;
    }
  backup = sqlite3_backup_init (copy, "main", self->db, "main");
  if (backup == NULL)
    {
      storage_set_error_from_db (copy, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      sqlite3_close (copy);
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      storage_set_error_from_db (copy, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      sqlite3_close (copy);
      return FALSE;
    }
  sqlite3_close (copy);
  return TRUE;
}

/* TRUE when the check could run; *result is then "ok" or SQLite's list of problems, one a line.
 * A file damaged badly enough may make the check itself fail, with an error. */
gboolean
shenbao_storage_integrity_check (ShenbaoStorage  *self,
                                 char           **result,
                                 GError         **error)
{
  const char *doing = "checking the database";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) problems = NULL;
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *result = NULL;
  /* Not borrowed from the cache: it runs rarely, and keeping it would hold memory for nothing. */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    return storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);

  problems = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append (problems, (const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    return storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);

  *result = g_string_free (g_steal_pointer (&problems), FALSE);
  return TRUE;
}
