/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "shenbao-storage.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* What a version-1 file looks like, written as version 1 of Shenbao wrote it: the fixture for
 * the upgrade to version 2. */
#define SCHEMA_VERSION_1                                                                      \
  "CREATE TABLE companies (id INTEGER PRIMARY KEY, created INTEGER, updated INTEGER);"        \
  "CREATE TABLE company_values (company_id INTEGER REFERENCES companies(id) ON DELETE CASCADE," \
  "  key TEXT, value TEXT, PRIMARY KEY (company_id, key));"                                   \
  "CREATE TABLE applications (id INTEGER PRIMARY KEY,"                                        \
  "  company_id INTEGER REFERENCES companies(id) ON DELETE CASCADE,"                          \
  "  policy_id TEXT, page TEXT, created INTEGER, updated INTEGER);"                           \
  "CREATE TABLE application_values ("                                                         \
  "  application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE,"                   \
  "  key TEXT, value TEXT, PRIMARY KEY (application_id, key));"                               \
  "INSERT INTO companies VALUES (7, 100, 200);"                                               \
  "INSERT INTO company_values VALUES (7, 'company_name', '上海某某机器人有限公司'),"          \
  "  (7, 'revenue', '200万'), (7, 'employees', '12a');"                                       \
  "INSERT INTO applications VALUES (3, 7, 'shanghai-pudong-2024', 'facts', 300, 400);"        \
  "INSERT INTO application_values VALUES (3, 'equipment', '8,6400000;6,3000000');"            \
  "PRAGMA user_version = 1;"

/* Values of every field type as a user types them, including one that does not parse yet. */
static const struct
{
  const char *key;
  const char *text;
} typed[] = {
  { "revenue", "1234567.89" },
  { "rd_spend", "200万" },
  { "share_percent", "30" },
  { "high_tech", "yes" },
  { "industry_stage", "midstream" },
  { "founded", "2025-06-01" },
  { "company_name", "上海某某机器人有限公司" },
  { "region", "310115" },
  { "credit_code", "91310115MA1K3YJ662" },
  { "equipment", "8,6400000;6,3000000" },
  { "employees", "12a" },
  { "contact", "  张三 (ext. 12) " },
  { "remarks", "" },
};

typedef struct
{
  char *directory;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("shenbao-storage-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "shenbao.db", NULL);
}

static void
remove_directory (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_directory (path);
      else
        g_assert_no_errno (g_unlink (path));
    }
  g_assert_no_errno (g_rmdir (directory));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_directory (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->path);
}

static ShenbaoStorage *
open_storage (const char *path)
{
  g_autoptr(GError) error = NULL;
  ShenbaoStorage *storage = shenbao_storage_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (storage);
  g_assert_cmpint (shenbao_storage_get_schema_version (storage), ==,
                   SHENBAO_STORAGE_SCHEMA_VERSION);
  g_assert_cmpstr (shenbao_storage_get_path (storage), ==, path);
  return storage;
}

/* The connection closes with the last reference, so nothing may still hold one. */
static void
close_storage (ShenbaoStorage *storage)
{
  g_assert_finalize_object (storage);
}

/* ------------------------------------------------------------------ a second, raw connection */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

/* sql has one parameter, ?1, bound to id. */
static void
raw_exec_with_id (sqlite3    *db,
                  const char *sql,
                  gint64      id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_bind_int64 (stmt, 1, id), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
raw_query_text (sqlite3    *db,
                const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
raw_script (const char *path,
            const char *sql)
{
  g_autoptr(sqlite3) db = raw_open (path);

  raw_exec (db, sql);
}

static void
assert_no_file (const char *path,
                const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  g_assert_false (g_file_test (name, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------ saving and loading */

static void
assert_typed_values (GHashTable *values,
                     const char *left_out)
{
  guint expected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      if (g_strcmp0 (typed[i].key, left_out) == 0)
        {
          g_assert_false (g_hash_table_contains (values, typed[i].key));
          continue;
        }
      g_assert_cmpstr (g_hash_table_lookup (values, typed[i].key), ==, typed[i].text);
      expected++;
    }
  g_assert_cmpuint (g_hash_table_size (values), ==, expected);
}

static void
assert_choice (GHashTable *choices,
               const char *clause_id,
               gboolean    chosen)
{
  gpointer value;

  g_assert_true (g_hash_table_lookup_extended (choices, clause_id, NULL, &value));
  g_assert_cmpint (GPOINTER_TO_INT (value), ==, chosen);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GHashTable) choices = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  gint64 company_id, application_id;

  company_id = shenbao_storage_create_company (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpint (company_id, >, 0);
  application_id = shenbao_storage_create_application (storage, company_id, "shangyu-2025", &error);
  g_assert_no_error (error);
  g_assert_cmpint (application_id, >, 0);

  /* An earlier entry is overwritten, not kept beside the new one. */
  g_assert_true (shenbao_storage_set_company_value (storage, company_id, "revenue", "1", &error));
  g_assert_true (shenbao_storage_set_application_value (storage, application_id, "revenue", "1",
                                                        &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_assert_true (shenbao_storage_set_company_value (storage, company_id, typed[i].key,
                                                        typed[i].text, &error));
      g_assert_no_error (error);
      g_assert_true (shenbao_storage_set_application_value (storage, application_id, typed[i].key,
                                                            typed[i].text, &error));
      g_assert_no_error (error);
    }
  /* Deleting what was never there is no error. */
  g_assert_true (shenbao_storage_set_company_value (storage, company_id, "never-set", NULL,
                                                    &error));
  g_assert_true (shenbao_storage_set_company_value (storage, company_id, "contact", NULL, &error));
  g_assert_true (shenbao_storage_set_application_value (storage, application_id, "employees", NULL,
                                                        &error));
  g_assert_no_error (error);

  g_assert_true (shenbao_storage_set_clause_chosen (storage, application_id, "1a", TRUE, &error));
  g_assert_true (shenbao_storage_set_clause_chosen (storage, application_id, "2b", FALSE, &error));
  g_assert_true (shenbao_storage_set_clause_chosen (storage, application_id, "3", TRUE, &error));
  g_assert_true (shenbao_storage_set_clause_chosen (storage, application_id, "3", FALSE, &error));
  g_assert_true (shenbao_storage_set_application_policy (storage, application_id,
                                                         "shanghai-pudong-2024", &error));
  g_assert_true (shenbao_storage_set_application_page (storage, application_id, "clauses", &error));
  g_assert_true (shenbao_storage_set_application_summary (storage, application_id, "complete",
                                                          G_GINT64_CONSTANT (268365431),
                                                          G_GINT64_CONSTANT (300000000), &error));
  g_assert_no_error (error);
  close_storage (storage);

  storage = open_storage (fixture->path);

  values = shenbao_storage_load_company_values (storage, company_id, &error);
  g_assert_no_error (error);
  assert_typed_values (values, "contact");
  g_clear_pointer (&values, g_hash_table_unref);

  values = shenbao_storage_load_application_values (storage, application_id, &error);
  g_assert_no_error (error);
  assert_typed_values (values, "employees");

  choices = shenbao_storage_load_clause_choices (storage, application_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (choices), ==, 3);
  assert_choice (choices, "1a", TRUE);
  assert_choice (choices, "2b", FALSE);
  assert_choice (choices, "3", FALSE);

  summary = shenbao_storage_get_application (storage, application_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->id, ==, application_id);
  g_assert_cmpint (summary->company_id, ==, company_id);
  g_assert_cmpstr (summary->company_name, ==, "上海某某机器人有限公司");
  g_assert_cmpstr (summary->policy_id, ==, "shanghai-pudong-2024");
  g_assert_cmpstr (summary->page, ==, "clauses");
  g_assert_cmpstr (summary->state, ==, "complete");
  g_assert_cmpint (summary->total_fen, ==, G_GINT64_CONSTANT (268365431));
  g_assert_cmpint (summary->total_up_to_fen, ==, G_GINT64_CONSTANT (300000000));

  close_storage (storage);
}

static void
assert_updated_since (gint64 updated,
                      gint64 since)
{
  g_assert_cmpint (updated, >=, since);
  g_assert_cmpint (updated, <=, g_get_real_time () / G_USEC_PER_SEC);
}

static void
test_newest_first (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(sqlite3) raw = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  gint64 start = g_get_real_time () / G_USEC_PER_SEC;
  gint64 named, unnamed, first, second;
  ShenbaoFilingSummary *row;

  named = shenbao_storage_create_company (storage, &error);
  unnamed = shenbao_storage_create_company (storage, &error);
  g_assert_true (shenbao_storage_set_company_value (storage, named, "company_name",
                                                    "上海某某机器人有限公司", &error));
  first = shenbao_storage_create_application (storage, named, "shangyu-2025", &error);
  second = shenbao_storage_create_application (storage, unnamed, NULL, &error);
  g_assert_no_error (error);

  /* Clock time has a resolution of a second: set times far apart, then let a save move one. */
  raw = raw_open (fixture->path);
  raw_exec_with_id (raw, "UPDATE applications SET updated = 1000 WHERE id = ?1", first);
  raw_exec_with_id (raw, "UPDATE applications SET updated = 2000 WHERE id = ?1", second);
  raw_exec_with_id (raw, "UPDATE companies SET updated = 1000 WHERE id = ?1", named);
  raw_exec_with_id (raw, "UPDATE companies SET updated = 2000 WHERE id = ?1", unnamed);

  list = shenbao_storage_list_applications (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  row = g_ptr_array_index (list, 0);
  g_assert_cmpint (row->id, ==, second);
  g_assert_cmpint (row->company_id, ==, unnamed);
  g_assert_null (row->company_name);
  g_assert_null (row->policy_id);
  g_assert_null (row->page);
  g_assert_cmpstr (row->state, ==, "draft");
  g_assert_cmpint (row->total_fen, ==, 0);
  g_assert_cmpint (row->updated, ==, 2000);
  row = g_ptr_array_index (list, 1);
  g_assert_cmpint (row->id, ==, first);
  g_assert_cmpstr (row->company_name, ==, "上海某某机器人有限公司");
  g_assert_cmpstr (row->policy_id, ==, "shangyu-2025");
  g_assert_cmpint (row->updated, ==, 1000);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = shenbao_storage_list_companies (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  row = g_ptr_array_index (list, 0);
  g_assert_cmpint (row->id, ==, unnamed);
  g_assert_cmpint (row->company_id, ==, unnamed);
  g_assert_null (row->company_name);
  row = g_ptr_array_index (list, 1);
  g_assert_cmpint (row->id, ==, named);
  g_assert_cmpstr (row->company_name, ==, "上海某某机器人有限公司");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Any save counts as an update, a value as much as the page or the summary. */
  g_assert_true (shenbao_storage_set_application_value (storage, first, "revenue", "12a", &error));
  g_assert_true (shenbao_storage_set_company_value (storage, named, "revenue", "200万", &error));
  g_assert_no_error (error);

  list = shenbao_storage_list_applications (storage, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (list, 0);
  g_assert_cmpint (row->id, ==, first);
  assert_updated_since (row->updated, start);
  g_assert_cmpint (((ShenbaoFilingSummary *) g_ptr_array_index (list, 1))->id, ==, second);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = shenbao_storage_list_companies (storage, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (list, 0);
  g_assert_cmpint (row->id, ==, named);
  assert_updated_since (row->updated, start);
  g_clear_pointer (&list, g_ptr_array_unref);

  raw_exec_with_id (raw, "UPDATE applications SET updated = 3000 WHERE id = ?1", first);
  g_assert_true (shenbao_storage_set_clause_chosen (storage, second, "1a", TRUE, &error));
  g_assert_no_error (error);
  list = shenbao_storage_list_applications (storage, &error);
  g_assert_cmpint (((ShenbaoFilingSummary *) g_ptr_array_index (list, 0))->id, ==, second);
  g_clear_pointer (&list, g_ptr_array_unref);

  raw_exec_with_id (raw, "UPDATE applications SET updated = 3000 WHERE id = ?1", second);
  g_assert_true (shenbao_storage_set_application_summary (storage, first, "incomplete", 1, 2,
                                                          &error));
  g_assert_no_error (error);
  list = shenbao_storage_list_applications (storage, &error);
  g_assert_cmpint (((ShenbaoFilingSummary *) g_ptr_array_index (list, 0))->id, ==, first);

  close_storage (storage);
}

static void
test_delete_application (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(sqlite3) raw = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  gint64 company_id, doomed, kept;

  company_id = shenbao_storage_create_company (storage, &error);
  doomed = shenbao_storage_create_application (storage, company_id, "shangyu-2025", &error);
  kept = shenbao_storage_create_application (storage, company_id, "shangyu-2025", &error);
  g_assert_true (shenbao_storage_set_application_value (storage, doomed, "revenue", "1", &error));
  g_assert_true (shenbao_storage_set_clause_chosen (storage, doomed, "1a", TRUE, &error));
  g_assert_true (shenbao_storage_set_application_value (storage, kept, "revenue", "2", &error));
  g_assert_no_error (error);

  g_assert_true (shenbao_storage_delete_application (storage, doomed, &error));
  g_assert_no_error (error);

  summary = shenbao_storage_get_application (storage, doomed, &error);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_assert_null (summary);
  g_clear_error (&error);
  g_assert_false (shenbao_storage_delete_application (storage, doomed, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Its values and choices went with it; the other application and the company stay. */
  raw = raw_open (fixture->path);
  g_assert_cmpint (raw_query_int (raw, "SELECT count(*) FROM application_values"), ==, 1);
  g_assert_cmpint (raw_query_int (raw, "SELECT count(*) FROM application_clauses"), ==, 0);
  list = shenbao_storage_list_applications (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((ShenbaoFilingSummary *) g_ptr_array_index (list, 0))->id, ==, kept);
  values = shenbao_storage_load_application_values (storage, kept, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (values, "revenue"), ==, "2");

  close_storage (storage);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  gint64 company_id, application_id;

  company_id = shenbao_storage_create_company (storage, &error);
  application_id = shenbao_storage_create_application (storage, company_id, NULL, &error);
  g_assert_no_error (error);

  /* Existing but empty is not the same as missing. */
  values = shenbao_storage_load_company_values (storage, company_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (values), ==, 0);
  g_clear_pointer (&values, g_hash_table_unref);
  values = shenbao_storage_load_clause_choices (storage, application_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (values), ==, 0);
  g_clear_pointer (&values, g_hash_table_unref);

  g_assert_false (shenbao_storage_set_company_value (storage, 999, "revenue", "1", &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "saving company value “revenue”: there is no company 999");
  g_clear_error (&error);
  g_assert_null (shenbao_storage_load_company_values (storage, 999, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (shenbao_storage_create_application (storage, 999, "shangyu-2025", &error), ==,
                   0);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (shenbao_storage_set_application_value (storage, 999, "revenue", "1", &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (shenbao_storage_load_application_values (storage, 999, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (shenbao_storage_set_clause_chosen (storage, 999, "1a", TRUE, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (shenbao_storage_load_clause_choices (storage, 999, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (shenbao_storage_set_application_policy (storage, 999, "shangyu-2025", &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (shenbao_storage_set_application_page (storage, 999, "facts", &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (shenbao_storage_set_application_summary (storage, 999, "draft", 0, 0, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  summary = shenbao_storage_get_application (storage, 999, &error);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
  g_assert_null (summary);
  g_clear_error (&error);

  /* A failed save leaves no transaction open behind it: the next one works. */
  g_assert_true (shenbao_storage_set_company_value (storage, company_id, "revenue", "1", &error));
  g_assert_no_error (error);

  close_storage (storage);
}

/* The error names what was being saved and what SQLite said. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(sqlite3) raw = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  gint64 company_id = shenbao_storage_create_company (storage, &error);

  g_assert_true (shenbao_storage_set_company_value (storage, company_id, "revenue", "1", &error));
  g_assert_no_error (error);

  raw = raw_open (fixture->path);
  raw_exec (raw, "BEGIN IMMEDIATE");
  g_assert_false (shenbao_storage_set_company_value (storage, company_id, "revenue", "2", &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_SQL);
  g_assert_cmpstr (error->message, ==, "saving company value “revenue”: database is locked");
  g_clear_error (&error);

  /* Readers do not wait for the writer. */
  values = shenbao_storage_load_company_values (storage, company_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (values, "revenue"), ==, "1");

  raw_exec (raw, "ROLLBACK");
  g_assert_true (shenbao_storage_set_company_value (storage, company_id, "revenue", "2", &error));
  g_assert_no_error (error);

  close_storage (storage);
}

static void
test_open_default (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  ShenbaoStorage *storage;
  GStatBuf info;

  /* GLib reads XDG_DATA_HOME once per process, so the test runs in a process of its own that
   * points it at the test's directory before anything reads it. (G_TEST_OPTION_ISOLATE_DIRS
   * would do the same, but GLib 2.74 leaks the directories it replaces, failing LeakSanitizer.) */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_true (g_setenv ("XDG_DATA_HOME", fixture->directory, TRUE));
  directory = g_build_filename (fixture->directory, "shenbao", NULL);
  path = g_build_filename (directory, "shenbao.db", NULL);
  g_assert_cmpstr (g_get_user_data_dir (), ==, fixture->directory);

  storage = shenbao_storage_open_default (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (shenbao_storage_get_path (storage), ==, path);
  g_assert_cmpint (shenbao_storage_create_company (storage, &error), >, 0);
  g_assert_no_error (error);
  close_storage (storage);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_no_errno (g_stat (directory, &info));
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
}

/* ------------------------------------------------------------------ upgrading */

static void
assert_current_schema (const char *path)
{
  g_autoptr(sqlite3) raw = raw_open (path);
  g_autofree char *journal_mode = raw_query_text (raw, "PRAGMA journal_mode");

  g_assert_cmpint (raw_query_int (raw, "PRAGMA user_version"), ==, SHENBAO_STORAGE_SCHEMA_VERSION);
  g_assert_cmpstr (journal_mode, ==, "wal");
  /* Made at the first writable open: the list by last change is read in this index's order. */
  g_assert_cmpint (raw_query_int (raw, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                       " AND name = 'applications_by_change'"), ==, 1);
}

/* Everything the current version stores works in an upgraded file. */
static void
assert_usable (ShenbaoStorage *storage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) choices = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;
  gint64 company_id, application_id;

  company_id = shenbao_storage_create_company (storage, &error);
  g_assert_no_error (error);
  application_id = shenbao_storage_create_application (storage, company_id, "shangyu-2025", &error);
  g_assert_no_error (error);
  g_assert_true (shenbao_storage_set_application_value (storage, application_id, "revenue",
                                                        "200万", &error));
  g_assert_true (shenbao_storage_set_clause_chosen (storage, application_id, "1a", TRUE, &error));
  g_assert_true (shenbao_storage_set_application_summary (storage, application_id, "complete", 5,
                                                          6, &error));
  g_assert_no_error (error);
  choices = shenbao_storage_load_clause_choices (storage, application_id, &error);
  g_assert_no_error (error);
  assert_choice (choices, "1a", TRUE);
  summary = shenbao_storage_get_application (storage, application_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->state, ==, "complete");
  g_assert_cmpint (summary->total_fen, ==, 5);
  g_assert_cmpint (summary->total_up_to_fen, ==, 6);
}

static void
test_migrate_from_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  ShenbaoStorage *storage;

  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  storage = open_storage (fixture->path);
  assert_usable (storage);
  close_storage (storage);
  assert_current_schema (fixture->path);

  /* Opening the current version again changes nothing and loses nothing. */
  storage = open_storage (fixture->path);
  list = shenbao_storage_list_applications (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  close_storage (storage);
}

static void
test_migrate_from_0 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShenbaoStorage *storage;

  /* An empty file is a database of version 0. */
  g_file_set_contents (fixture->path, "", 0, &error);
  g_assert_no_error (error);
  storage = open_storage (fixture->path);
  assert_usable (storage);
  close_storage (storage);
  assert_current_schema (fixture->path);
}

static void
test_migrate_from_1 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GHashTable) choices = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  ShenbaoFilingSummary *company;
  ShenbaoStorage *storage;

  raw_script (fixture->path, SCHEMA_VERSION_1);
  storage = open_storage (fixture->path);

  /* The old data is intact, times included: an upgrade is not an edit. */
  summary = shenbao_storage_get_application (storage, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->company_id, ==, 7);
  g_assert_cmpstr (summary->company_name, ==, "上海某某机器人有限公司");
  g_assert_cmpstr (summary->policy_id, ==, "shanghai-pudong-2024");
  g_assert_cmpstr (summary->page, ==, "facts");
  g_assert_cmpint (summary->updated, ==, 400);
  /* The new columns have their defaults. */
  g_assert_cmpstr (summary->state, ==, "draft");
  g_assert_cmpint (summary->total_fen, ==, 0);
  g_assert_cmpint (summary->total_up_to_fen, ==, 0);

  values = shenbao_storage_load_company_values (storage, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (values), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (values, "company_name"), ==, "上海某某机器人有限公司");
  g_assert_cmpstr (g_hash_table_lookup (values, "revenue"), ==, "200万");
  g_assert_cmpstr (g_hash_table_lookup (values, "employees"), ==, "12a");
  g_clear_pointer (&values, g_hash_table_unref);
  values = shenbao_storage_load_application_values (storage, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (values), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (values, "equipment"), ==, "8,6400000;6,3000000");

  companies = shenbao_storage_list_companies (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (companies->len, ==, 1);
  company = g_ptr_array_index (companies, 0);
  g_assert_cmpint (company->id, ==, 7);
  g_assert_cmpint (company->updated, ==, 200);

  /* The table version 2 added works, on the old application too. */
  choices = shenbao_storage_load_clause_choices (storage, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (choices), ==, 0);
  g_clear_pointer (&choices, g_hash_table_unref);
  g_assert_true (shenbao_storage_set_clause_chosen (storage, 3, "1a", TRUE, &error));
  g_assert_no_error (error);
  choices = shenbao_storage_load_clause_choices (storage, 3, &error);
  assert_choice (choices, "1a", TRUE);

  assert_usable (storage);
  close_storage (storage);
  assert_current_schema (fixture->path);
}

/* A migration that fails part-way leaves the file at its old version, not half upgraded. */
static void
test_migrate_failure (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* In the way of the last step of version 2, after its columns were added. */
  raw_script (fixture->path, SCHEMA_VERSION_1 "CREATE TABLE application_clauses (x);");
  storage = shenbao_storage_open (fixture->path, &error);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_SQL);
  g_assert_null (storage);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "from version 1 to 2"));
  g_assert_nonnull (strstr (error->message, "already exists"));

  raw = raw_open (fixture->path);
  g_assert_cmpint (raw_query_int (raw, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT state FROM applications", -1, &stmt, NULL),
                   ==, SQLITE_ERROR);
  g_assert_cmpint (raw_query_int (raw, "SELECT count(*) FROM company_values"), ==, 3);
}

/* ------------------------------------------------------------------ files it must not touch */

static void
assert_file_unchanged (const char *path,
                       const char *contents,
                       gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  gsize now_length;

  g_file_get_contents (path, &now, &now_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (now, now_length, contents, length);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *before = NULL;
  gsize length;

  raw_script (fixture->path,
              "CREATE TABLE future (x); INSERT INTO future VALUES ('from the future');"
              "PRAGMA user_version = 99;");
  g_file_get_contents (fixture->path, &before, &length, &error);
  g_assert_no_error (error);

  storage = shenbao_storage_open (fixture->path, &error);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_TOO_NEW);
  g_assert_null (storage);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "version 99"));
  g_assert_nonnull (strstr (error->message, "up to 3"));

  assert_file_unchanged (fixture->path, before, length);
  assert_no_file (fixture->path, "-wal");
  assert_no_file (fixture->path, "-shm");
  assert_no_file (fixture->path, "-journal");
  raw = raw_open (fixture->path);
  g_assert_cmpint (raw_query_int (raw, "PRAGMA user_version"), ==, 99);
}

static void
assert_not_a_database (const char *path,
                       const char *contents,
                       gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  storage = shenbao_storage_open (path, &error);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_OPEN);
  g_assert_null (storage);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "not a database"));
  assert_file_unchanged (path, contents, length);
  assert_no_file (path, "-wal");
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250601);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = NULL;
  guint8 noise[3000];

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (notes, "%u. 申报材料清单: revenue 1234567.89, 研发费用 200万\n", i);
  assert_not_a_database (fixture->path, notes->str, notes->len);

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  assert_not_a_database (fixture->path, (const char *) noise, sizeof noise);

  /* Short enough to be less than one page. */
  assert_not_a_database (fixture->path, "shenbao", 7);

  storage = shenbao_storage_open (fixture->directory, &error);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, fixture->directory));
}

static guint
page_size_of (const char *contents)
{
  guint size = ((guint8) contents[16] << 8) | (guint8) contents[17];

  return size == 1 ? 65536 : size;
}

/* Damage inside a real database: no crash, and the damage is reported, never passed off as an
 * empty company. */
static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  gint64 company_id = shenbao_storage_create_company (storage, &error);
  gsize length;
  guint page_size;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    g_assert_true (shenbao_storage_set_company_value (storage, company_id, typed[i].key,
                                                      typed[i].text, &error));
  g_assert_no_error (error);
  close_storage (storage);

  /* Closing checkpointed the WAL into the file, so every table is in it. */
  assert_no_file (fixture->path, "-wal");
  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  page_size = page_size_of (contents);
  g_assert_cmpuint (length, >, page_size);

  /* Every page but the first, where the header and the list of tables are. */
  memset (contents + page_size, 0x55, length - page_size);
  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);

  storage = shenbao_storage_open (fixture->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GHashTable) values = NULL;
    g_autofree char *result = NULL;

    values = shenbao_storage_load_company_values (storage, company_id, &error);
    g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_SQL);
    g_assert_null (values);
    g_assert_nonnull (strstr (error->message, "malformed"));
    g_clear_error (&error);

    if (shenbao_storage_integrity_check (storage, &result, &error))
      g_assert_cmpstr (result, !=, "ok");
    else
      g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_SQL);
    g_clear_error (&error);
  }
  close_storage (storage);

  /* Now the list of tables too, past the 100-byte header: nothing can be read at all. */
  memset (contents + 100, 0x55, page_size - 100);
  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);

  storage = shenbao_storage_open (fixture->path, &error);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_OPEN);
  g_assert_null (storage);
  g_assert_nonnull (strstr (error->message, fixture->path));
}

/* ------------------------------------------------------------------ interrupted saves */

static gint64
save_revenue (const char *path,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  ShenbaoStorage *storage = open_storage (path);
  gint64 company_id = shenbao_storage_create_company (storage, &error);

  g_assert_true (shenbao_storage_set_company_value (storage, company_id, "revenue", text, &error));
  g_assert_no_error (error);
  close_storage (storage);
  return company_id;
}

static void
assert_only_revenue (const char *path,
                     gint64      company_id,
                     const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *result = NULL;
  ShenbaoStorage *storage = open_storage (path);

  g_assert_true (shenbao_storage_integrity_check (storage, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "ok");
  values = shenbao_storage_load_company_values (storage, company_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (values), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (values, "revenue"), ==, text);
  close_storage (storage);
}

/* Another connection changes the value and goes away without committing. */
static void
test_interrupted_rollback (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  gint64 company_id = save_revenue (fixture->path, "1234567.89");
  ShenbaoStorage *storage = open_storage (fixture->path);
  sqlite3 *raw = raw_open (fixture->path);

  raw_exec (raw, "BEGIN");
  raw_exec_with_id (raw, "UPDATE company_values SET value = '999' WHERE company_id = ?1",
                    company_id);
  raw_exec_with_id (raw, "INSERT INTO company_values VALUES (?1, 'extra', 'x')", company_id);

  values = shenbao_storage_load_company_values (storage, company_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (values, "revenue"), ==, "1234567.89");
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  close_storage (storage);

  assert_only_revenue (fixture->path, company_id, "1234567.89");
}

/* A process dies in the middle of a large transaction, after SQLite has had to spill the
 * uncommitted pages into the WAL. */
static void
test_interrupted_exit (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 company_id = save_revenue (fixture->path, "1234567.89");
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  GStatBuf info;
  int status;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *raw = NULL;
      sqlite3_stmt *stmt = NULL;
      char filler[2000];

      /* Nothing here may assert: a failure must reach the parent as an exit status, not run the
       * test framework a second time. */
      memset (filler, 'x', sizeof filler);
      if (sqlite3_open (fixture->path, &raw) != SQLITE_OK
          || sqlite3_exec (raw, "PRAGMA cache_size = 10; BEGIN;"
                                "UPDATE company_values SET value = '999';",
                           NULL, NULL, NULL) != SQLITE_OK
          || sqlite3_prepare_v2 (raw, "INSERT INTO company_values VALUES (?1, ?2, ?3)", -1,
                                 &stmt, NULL) != SQLITE_OK)
        _exit (1);
      for (int i = 0; i < 500; i++)
        {
          char key[32];

          g_snprintf (key, sizeof key, "filler%d", i);
          sqlite3_bind_int64 (stmt, 1, company_id);
          sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, filler, sizeof filler, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            _exit (2);
          sqlite3_reset (stmt);
        }
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* The uncommitted frames are really there for the next opening to ignore. */
  g_assert_no_errno (g_stat (wal, &info));
  g_assert_cmpint (info.st_size, >, 500 * 1000);

  assert_only_revenue (fixture->path, company_id, "1234567.89");
}

/* ------------------------------------------------------------------ kill -9 while saving */

#define N_KEYS 1000
#define N_REPEATS 40

/* The number n written N_REPEATS times, so that a value torn between pages would show. */
static char *
text_for_number (guint64 n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < N_REPEATS; i++)
    g_string_append_printf (text, "%s%" G_GUINT64_FORMAT, i > 0 ? ":" : "", n);
  return g_string_free (text, FALSE);
}

static guint64
number_of_text (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint64 n = 0;

  g_assert_cmpuint (g_strv_length (parts), ==, N_REPEATS);
  for (guint i = 0; i < N_REPEATS; i++)
    {
      guint64 part;
      g_autoptr(GError) error = NULL;

      g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT64, &part, &error);
      g_assert_no_error (error);
      if (i > 0)
        g_assert_cmpuint (part, ==, n);
      n = part;
    }
  return n;
}

/* In the child: never returns, it is killed. Nothing here may assert (see above). */
static void
save_forever (const char *path,
              gint64      company_id,
              int         ready_fd)
{
  ShenbaoStorage *storage = shenbao_storage_open (path, NULL);

  if (storage == NULL)
    _exit (1);
  for (guint64 n = 0;; n++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", (guint) (n % N_KEYS));
      g_autofree char *text = text_for_number (n);

      if (!shenbao_storage_set_company_value (storage, company_id, key, text, NULL))
        _exit (2);
      if (n == 0 && write (ready_fd, "!", 1) != 1)
        _exit (3);
    }
}

static void
test_kill_while_saving (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *result = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  gint64 company_id = shenbao_storage_create_company (storage, &error);
  GHashTableIter iter;
  gpointer key, value;
  guint64 last = 0;
  int ready[2];
  int status;
  char byte;
  pid_t pid;

  g_assert_no_error (error);
  /* No connection may cross the fork. */
  close_storage (storage);

  g_assert_no_errno (pipe (ready));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (ready[0]);
      save_forever (fixture->path, company_id, ready[1]);
      _exit (0);
    }
  close (ready[1]);

  /* Kill it once it is well into saving, not while it is still opening the file. */
  if (read (ready[0], &byte, 1) != 1)
    {
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_error ("the saving process ended before its first save (status %d)", status);
    }
  close (ready[0]);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_assert_no_errno (kill (pid, SIGKILL));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  storage = open_storage (fixture->path);
  g_assert_true (shenbao_storage_integrity_check (storage, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "ok");

  values = shenbao_storage_load_company_values (storage, company_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (values), >, 0);
  g_assert_cmpuint (g_hash_table_size (values), <=, N_KEYS);

  /* Every value is whole and one the child wrote under that key... */
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 n = number_of_text (value);
      g_autofree char *expected_key = g_strdup_printf ("k%u", (guint) (n % N_KEYS));

      g_assert_cmpstr (key, ==, expected_key);
      last = MAX (last, n);
    }
  g_test_message ("%" G_GUINT64_FORMAT " saves before the kill", last + 1);

  /* ...and no save committed before the last one was lost. */
  g_assert_cmpuint (g_hash_table_size (values), ==, MIN (last + 1, N_KEYS));
  for (guint i = 0; i < N_KEYS && i <= last; i++)
    {
      g_autofree char *name = g_strdup_printf ("k%u", i);
      guint64 latest = last - (last - i) % N_KEYS;

      g_assert_cmpuint (number_of_text (g_hash_table_lookup (values, name)), ==, latest);
    }

  close_storage (storage);
}

/* ------------------------------------------------------------------ disk trouble */

/* PRAGMA user_version −1 was reported as "saved by a newer Shenbao"; it is damage. */
static void
test_negative_version (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = NULL;
  g_autofree char *expected = g_strdup_printf ("“%s” is damaged: its version number -1 is not one "
                                               "Shenbao writes. Open a backup of it, or start a new "
                                               "file.", fixture->path);

  raw_script (fixture->path, "CREATE TABLE t (x); PRAGMA user_version = -1;");
  storage = shenbao_storage_open (fixture->path, &error);
  g_assert_null (storage);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_DAMAGED);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Runs the rest of a test in a child as an ordinary user: root writes to any file, so a
 * read-only file or folder can only be tried without root's privileges. Returns TRUE in the child.
 * Nothing in the child may assert; it reports through its exit status. */
static gboolean
fork_as_ordinary_user (pid_t *pid)
{
  *pid = fork ();
  g_assert_cmpint (*pid, >=, 0);
  if (*pid != 0)
    return FALSE;
  if (getuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
    _exit (90);
  return TRUE;
}

static void
assert_child_exit (pid_t pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("the child failed: %s %d", WIFEXITED (status) ? "exit" : "signal",
             WIFEXITED (status) ? WEXITSTATUS (status) : WTERMSIG (status));
}

/* In the child: the file opens read-only, shows what it holds, and a save fails with a
 * READ_ONLY error whose message says whose fault it is. */
static int
try_saving_read_only (const char *path,
                      const char *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  ShenbaoFilingSummary *company;
  ShenbaoStorage *storage = shenbao_storage_open (path, &error);

  if (storage == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 10;
    }
  if (!shenbao_storage_is_read_only (storage))
    return 11;
  companies = shenbao_storage_list_companies (storage, &error);
  if (companies == NULL || companies->len != 1)
    return 12;
  company = g_ptr_array_index (companies, 0);
  values = shenbao_storage_load_company_values (storage, company->id, &error);
  if (values == NULL || g_strcmp0 (g_hash_table_lookup (values, "revenue"), "1234567.89") != 0)
    return 13;
  if (shenbao_storage_set_company_value (storage, company->id, "revenue", "1", &error)
      || !g_error_matches (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_READ_ONLY)
      || strstr (error->message, mentions) == NULL)
    return 14;
  g_clear_error (&error);
  if (shenbao_storage_check_writable (storage, &error)
      || !g_error_matches (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_READ_ONLY)
      || strstr (error->message, mentions) == NULL)
    return 15;
  g_object_unref (storage);
  return 0;
}

/* A read-only file opens, says so at once, and refuses to save in words a user understands;
 * what it held is still there afterwards. It is a file from before the index by last change,
 * which opening it read-only cannot add and need not: opened writable again, it has it. */
static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 company_id = save_revenue (fixture->path, "1234567.89");
  g_autofree char *mentions = g_strdup_printf ("the file “%s” is read-only", fixture->path);
  pid_t pid;

  raw_script (fixture->path, "DROP INDEX applications_by_change;");
  g_assert_no_errno (g_chmod (fixture->directory, 0777));
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  if (fork_as_ordinary_user (&pid))
    _exit (try_saving_read_only (fixture->path, mentions));
  assert_child_exit (pid);

  g_assert_no_errno (g_chmod (fixture->path, 0644));
  assert_only_revenue (fixture->path, company_id, "1234567.89");
  assert_current_schema (fixture->path);
}

/* The folder is read-only: the journal cannot be made beside the file, which opens for reading
 * only; the message blames the folder. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 company_id = save_revenue (fixture->path, "1234567.89");
  g_autofree char *mentions = g_strdup_printf ("the folder “%s” is read-only", fixture->directory);
  pid_t pid;

  g_assert_no_errno (g_chmod (fixture->path, 0666));
  g_assert_no_errno (g_chmod (fixture->directory, 0555));
  if (fork_as_ordinary_user (&pid))
    _exit (try_saving_read_only (fixture->path, mentions));
  assert_child_exit (pid);

  g_assert_no_errno (g_chmod (fixture->directory, 0700));
  assert_only_revenue (fixture->path, company_id, "1234567.89");
}

/* A disk that fills up during a save, made with RLIMIT_FSIZE in a child: the save fails with
 * DISK_FULL and "the disk is full", and the value saved before survives in the file. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 company_id = save_revenue (fixture->path, "1234567.89");
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *big = g_malloc (1024 * 1024 + 1);
      struct rlimit limit = { 0 };
      ShenbaoStorage *storage;

      /* Beyond the limit write() fails with EFBIG instead of killing the process. */
      signal (SIGXFSZ, SIG_IGN);
      storage = shenbao_storage_open (fixture->path, &error);
      if (storage == NULL)
        _exit (10);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 128 * 1024;
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (11);
      memset (big, 'x', 1024 * 1024);
      big[1024 * 1024] = '\0';
      if (shenbao_storage_set_company_value (storage, company_id, "remarks", big, &error)
          || !g_error_matches (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_DISK_FULL)
          || strstr (error->message, "the disk is full") == NULL)
        {
          g_printerr ("%s\n", error != NULL ? error->message : "saved");
          _exit (12);
        }
      g_object_unref (storage);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* Reopened without the limit: the earlier value is there, the failed one is not. */
  assert_only_revenue (fixture->path, company_id, "1234567.89");
}

/* ------------------------------------------------------------------ application windows */

/* A window is kept per policy, dates as the strict parser reads them (full-width and Chinese
 * forms included), replaced on a second save, listed by policy and removed. */
static void
test_policy_windows (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  g_autoptr(ShenbaoPolicyWindow) window = NULL;
  g_autoptr(ShenbaoPolicyWindow) none = NULL;
  g_autoptr(GPtrArray) windows = NULL;

  g_assert_true (shenbao_storage_set_policy_window (storage, "suzhou-2025", "2026-12-01", "2026年12月15日",
                                                    "https://example.gov.cn/apply", &error));
  g_assert_no_error (error);
  g_assert_true (shenbao_storage_set_policy_window (storage, "pudong-2024", NULL, "2026-12-09", "区科经委 3 楼窗口",
                                                    &error));
  g_assert_no_error (error);
  /* A second save replaces the first. */
  g_assert_true (shenbao_storage_set_policy_window (storage, "suzhou-2025", "2026-12-01", "2026-12-20", NULL, &error));
  g_assert_no_error (error);
  close_storage (storage);

  storage = open_storage (fixture->path);
  window = shenbao_storage_get_policy_window (storage, "suzhou-2025", &error);
  g_assert_no_error (error);
  g_assert_nonnull (window);
  g_assert_cmpint (g_date_get_day (&window->opens), ==, 1);
  g_assert_cmpint (g_date_get_day (&window->closes), ==, 20);
  g_assert_cmpint (g_date_get_month (&window->closes), ==, 12);
  g_assert_null (window->where_to_file);

  windows = shenbao_storage_list_policy_windows (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (windows->len, ==, 2);
  g_assert_cmpstr (((ShenbaoPolicyWindow *) g_ptr_array_index (windows, 0))->policy_id, ==, "pudong-2024");
  g_assert_false (g_date_valid (&((ShenbaoPolicyWindow *) g_ptr_array_index (windows, 0))->opens));
  g_assert_cmpstr (((ShenbaoPolicyWindow *) g_ptr_array_index (windows, 0))->where_to_file, ==, "区科经委 3 楼窗口");

  g_assert_true (shenbao_storage_delete_policy_window (storage, "suzhou-2025", &error));
  g_assert_no_error (error);
  none = shenbao_storage_get_policy_window (storage, "suzhou-2025", &error);
  g_assert_no_error (error);
  g_assert_null (none);
  close_storage (storage);
}

/* Dates that do not parse, and a window that closes before it opens, are refused and leave
 * the stored window as it was. */
static void
test_policy_window_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShenbaoStorage *storage = open_storage (fixture->path);
  g_autoptr(ShenbaoPolicyWindow) window = NULL;

  g_assert_true (shenbao_storage_set_policy_window (storage, "hangzhou-2024-66", "2026-03-01", "2026-03-15", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (shenbao_storage_set_policy_window (storage, "hangzhou-2024-66", NULL, "2026-02-30", NULL, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shenbao_storage_set_policy_window (storage, "hangzhou-2024-66", "2026-03-15", "2026-03-01", NULL, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_INVALID);
  g_clear_error (&error);

  window = shenbao_storage_get_policy_window (storage, "hangzhou-2024-66", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (&window->closes), ==, 15);
  close_storage (storage);
}

/* The checklist rows: saved in any order, listed by position; an upsert replaces the whole row;
 * a delete removes just that item; the application's delete takes them with it. */
static void
test_attachments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = shenbao_storage_open (fixture->path, &error);
  ShenbaoAttachmentRecord licence = { (char *) "business_licence", NULL, 0, TRUE, FALSE, FALSE,
                                      (char *) "/home/张三/营业执照.pdf", 123456,
                                      (char *) "ab12", 2, 1700000000 };
  ShenbaoAttachmentRecord extra = { (char *) "user_1", (char *) "补充说明", 1, FALSE, TRUE, FALSE,
                                    NULL, 0, NULL, 0, 0 };
  g_autoptr(GPtrArray) records = NULL;
  ShenbaoAttachmentRecord *first, *second;
  gint64 company_id, application_id;

  g_assert_no_error (error);
  company_id = shenbao_storage_create_company (storage, &error);
  application_id = shenbao_storage_create_application (storage, company_id, "suzhou-2025", &error);
  g_assert_no_error (error);

  /* Saved second first: the list follows position, not the order of saving. */
  g_assert_true (shenbao_storage_save_attachment (storage, application_id, &extra, &error));
  g_assert_true (shenbao_storage_save_attachment (storage, application_id, &licence, &error));
  g_assert_no_error (error);
  records = shenbao_storage_load_attachments (storage, application_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  first = g_ptr_array_index (records, 0);
  second = g_ptr_array_index (records, 1);
  g_assert_cmpstr (first->item_id, ==, "business_licence");
  g_assert_null (first->label);
  g_assert_cmpstr (first->path, ==, "/home/张三/营业执照.pdf");
  g_assert_cmpint (first->size, ==, 123456);
  g_assert_cmpstr (first->sha256, ==, "ab12");
  g_assert_cmpint (first->pages, ==, 2);
  g_assert_cmpint (first->attached_at, ==, 1700000000);
  g_assert_true (first->required);
  g_assert_false (first->added_by_user);
  g_assert_cmpstr (second->label, ==, "补充说明");
  g_assert_true (second->added_by_user);
  g_assert_null (second->path);

  /* Moved to the end and its file taken away: the same row, replaced. */
  licence.position = 5;
  licence.path = NULL;
  licence.sha256 = NULL;
  licence.removed = TRUE;
  g_assert_true (shenbao_storage_save_attachment (storage, application_id, &licence, &error));
  g_clear_pointer (&records, g_ptr_array_unref);
  records = shenbao_storage_load_attachments (storage, application_id, &error);
  g_assert_cmpuint (records->len, ==, 2);
  first = g_ptr_array_index (records, 0);
  second = g_ptr_array_index (records, 1);
  g_assert_cmpstr (first->item_id, ==, "user_1");
  g_assert_cmpstr (second->item_id, ==, "business_licence");
  g_assert_null (second->path);
  g_assert_true (second->removed);

  g_assert_true (shenbao_storage_delete_attachment (storage, application_id, "user_1", &error));
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = shenbao_storage_load_attachments (storage, application_id, &error);
  g_assert_cmpuint (records->len, ==, 1);

  g_assert_true (shenbao_storage_delete_application (storage, application_id, &error));
  g_clear_pointer (&records, g_ptr_array_unref);
  records = shenbao_storage_load_attachments (storage, application_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);

  /* A checklist item of an application that does not exist is refused. */
  g_assert_false (shenbao_storage_save_attachment (storage, 999, &extra, &error));
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND);
}

/* An import is one transaction: with a clause choice that breaks the primary key half-way
 * nothing at all is left; done right, every part is there. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = shenbao_storage_open (fixture->path, &error);
  g_autoptr(GHashTable) company = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) attachments = g_ptr_array_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) loaded = NULL;
  ShenbaoAttachmentRecord record = { (char *) "business_licence", NULL, 0, TRUE, FALSE, FALSE,
                                     (char *) "/tmp/a.pdf", 3, (char *) "cafe", 1, 5 };
  ShenbaoFilingImport import = { company, (char *) "suzhou-2025", values, choices, attachments };
  gint64 id;

  g_hash_table_insert (company, (char *) "company_name", (char *) "苏州某某机器人有限公司");
  g_hash_table_insert (values, (char *) "suzhou-2025/compute_fees_paid", (char *) "1500万");
  g_hash_table_insert (choices, (char *) "suzhou-2025/8b", GINT_TO_POINTER (TRUE));
  g_ptr_array_add (attachments, &record);
  g_ptr_array_add (attachments, &record);   /* twice: the second is an upsert, not a failure */

  id = shenbao_storage_import_application (storage, &import, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  loaded = shenbao_storage_load_application_values (storage, id, &error);
  g_assert_cmpstr (g_hash_table_lookup (loaded, "suzhou-2025/compute_fees_paid"), ==, "1500万");
  listed = shenbao_storage_list_applications (storage, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((ShenbaoFilingSummary *) g_ptr_array_index (listed, 0))->company_name, ==,
                   "苏州某某机器人有限公司");

  /* A clause row that already exists cannot be inserted again: force that failure by importing
   * into a table that refuses it, then check nothing of the second import stayed. */
  g_hash_table_insert (company, (char *) "company_name", (char *) "第二家公司");
  {
    g_autoptr(sqlite3) db = NULL;
    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON application_clauses"
                                       " BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (shenbao_storage_import_application (storage, &import, &error), ==, 0);
  g_assert_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_SQL);
  g_clear_pointer (&listed, g_ptr_array_unref);
  g_clear_error (&error);
  listed = shenbao_storage_list_applications (storage, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = shenbao_storage_list_companies (storage, &error);
  g_assert_cmpuint (listed->len, ==, 1);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

/* A copy saved elsewhere (where work goes on when the usual file is read-only) holds everything,
 * and never overwrites a file that is there. */
static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) storage = shenbao_storage_open (fixture->path, &error);
  g_autoptr(ShenbaoStorage) copy = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->directory, "copy.db", NULL);
  gint64 company;

  g_assert_no_error (error);
  company = shenbao_storage_create_company (storage, &error);
  g_assert_true (shenbao_storage_set_company_value (storage, company, "company_name", "复制测试企业", &error));
  g_assert_true (shenbao_storage_save_copy (storage, copy_path, &error));
  g_assert_no_error (error);
  g_assert_false (shenbao_storage_save_copy (storage, copy_path, &error));
  g_assert_nonnull (strstr (error->message, "exists"));
  g_clear_error (&error);

  copy = shenbao_storage_open (copy_path, &error);
  g_assert_no_error (error);
  values = shenbao_storage_load_company_values (copy, company, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (values, "company_name"), ==, "复制测试企业");
  g_clear_object (&copy);

}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/shenbao/storage/round-trip", test_round_trip);
  add_test ("/shenbao/storage/newest-first", test_newest_first);
  add_test ("/shenbao/storage/delete-application", test_delete_application);
  add_test ("/shenbao/storage/not-found", test_not_found);
  add_test ("/shenbao/storage/locked", test_locked);
  add_test ("/shenbao/storage/open-default", test_open_default);
  add_test ("/shenbao/storage/migration/from-nothing", test_migrate_from_nothing);
  add_test ("/shenbao/storage/migration/from-0", test_migrate_from_0);
  add_test ("/shenbao/storage/migration/from-1", test_migrate_from_1);
  add_test ("/shenbao/storage/migration/failure-rolls-back", test_migrate_failure);
  add_test ("/shenbao/storage/too-new", test_too_new);
  add_test ("/shenbao/storage/not-a-database", test_not_a_database);
  add_test ("/shenbao/storage/corrupt", test_corrupt);
  add_test ("/shenbao/storage/interrupted-write/rollback", test_interrupted_rollback);
  add_test ("/shenbao/storage/interrupted-write/exit", test_interrupted_exit);
  add_test ("/shenbao/storage/kill-while-saving", test_kill_while_saving);
  add_test ("/shenbao/storage/negative-version", test_negative_version);
  add_test ("/shenbao/storage/read-only-file", test_read_only_file);
  add_test ("/shenbao/storage/read-only-folder", test_read_only_folder);
  add_test ("/shenbao/storage/disk-full", test_disk_full);
  add_test ("/shenbao/storage/policy-windows", test_policy_windows);
  add_test ("/shenbao/storage/policy-window-refused", test_policy_window_refused);
  add_test ("/shenbao/storage/save-copy", test_save_copy);

  add_test ("/shenbao/storage/attachments", test_attachments);
  add_test ("/shenbao/storage/import-all-or-nothing", test_import);

  return g_test_run ();
}
