/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <utime.h>

#include <sqlite3.h>

#include "shenbao-policy-set.h"

/* The policy index: a file unchanged since the last start is not read again, a changed or new one
 * is, and neither a stale nor a damaged cache lets a wrong or invalid policy through. The user's
 * policy folder and the cache live in a temporary home made for this run. */

static char *home;
static char *user_dir;
static char *index_path;

static char *
shipped_path (const char *name)
{
  return g_build_filename (g_getenv ("SHENBAO_POLICY_DIR"), name, NULL);
}

/* A copy of Pudong's policy under another id, so it adds to the shipped five. */
static char *
write_user_policy (const char *id,
                   const char *title_en)
{
  g_autofree char *source = shipped_path ("pudong-2024.xml");
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (user_dir, "mine.xml", NULL);
  g_autoptr(GString) copy = NULL;

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  copy = g_string_new (contents);
  g_string_replace (copy, "id=\"pudong-2024\"", id, 1);
  if (title_en != NULL)
    g_assert_cmpuint (g_string_replace (copy, "Pudong New Area Operating Rules", title_en, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, copy->str, -1, NULL));
  return g_steal_pointer (&path);
}

/* Moves the file's modification time, as an editor saving it would. */
static void
touch_later (const char *path,
             int         seconds)
{
  GStatBuf info;
  struct utimbuf times;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  times.actime = info.st_atime;
  times.modtime = info.st_mtime + seconds;
  g_assert_cmpint (utime (path, &times), ==, 0);
}

static ShenbaoPolicySet *
open_set (void)
{
  g_autoptr(GError) error = NULL;
  ShenbaoPolicySet *set = shenbao_policy_set_new_default (&error);

  g_assert_no_error (error);
  return set;
}

static gboolean
has_problem_about (ShenbaoPolicySet *set,
                   const char       *text)
{
  GPtrArray *problems = shenbao_policy_set_get_problems (set);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *text)
{
  gsize text_length = strlen (text);

  for (gsize i = 0; i + text_length <= length; i++)
    if (memcmp (data + i, text, text_length) == 0)
      return TRUE;
  return FALSE;
}

static void
clean (void)
{
  g_autofree char *mine = g_build_filename (user_dir, "mine.xml", NULL);

  g_unlink (mine);
  g_unlink (index_path);
}

/* The first start reads every file and writes the index; the next reads none of them. */
static void
test_second_start_reads_nothing (void)
{
  g_autoptr(ShenbaoPolicySet) first = NULL;
  g_autoptr(ShenbaoPolicySet) second = NULL;
  g_autofree char *path = write_user_policy ("id=\"mine\"", NULL);
  ShenbaoPolicy *header;
  GPtrArray *areas;

  first = open_set ();
  g_assert_false (shenbao_policy_is_header_only (shenbao_policy_set_lookup_header (first, "mine")));
  g_assert_true (g_file_test (index_path, G_FILE_TEST_IS_REGULAR));

  second = open_set ();
  header = shenbao_policy_set_lookup_header (second, "mine");
  g_assert_nonnull (header);
  g_assert_true (shenbao_policy_is_header_only (header));
  g_assert_cmpuint (shenbao_policy_get_n_clauses (header), ==, 10);
  g_assert_cmpuint (shenbao_policy_get_clauses (header)->len, ==, 0);
  areas = shenbao_policy_get_areas (header);
  g_assert_cmpstr (areas->len > 0 ? shenbao_area_get_prefix (g_ptr_array_index (areas, 0)) : NULL, ==, "310115");
  /* The file's SHA-256, kept in the index, computed here from the file itself. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autofree char *expected = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *row = NULL;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    g_assert_cmpint (sqlite3_open_v2 (index_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sha256 FROM entries WHERE path = ?", -1, &row, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (row, 1, path, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (row), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (row, 0), ==, expected);
    sqlite3_finalize (row);
    sqlite3_close (db);
  }
  /* Needed, it is read whole: its ten clauses. */
  g_assert_cmpuint (shenbao_policy_get_clauses (shenbao_policy_set_lookup (second, "mine"))->len, ==, 10);
  {
    g_autoptr(GPtrArray) headers = shenbao_policy_set_list_headers (second);
    g_assert_cmpuint (headers->len, ==, 6);
  }
  clean ();
}

/* A file edited since (new content, new modification time) is read again. */
static void
test_changed_file_read_again (void)
{
  g_autofree char *path = write_user_policy ("id=\"mine\"", NULL);
  g_autoptr(ShenbaoPolicySet) second = NULL;

  g_object_unref (open_set ());
  g_free (write_user_policy ("id=\"mine\"", "Edited Rules"));
  touch_later (path, 10);
  second = open_set ();
  g_assert_false (shenbao_policy_is_header_only (shenbao_policy_set_lookup_header (second, "mine")));
  g_assert_nonnull (strstr (shenbao_policy_get_title (shenbao_policy_set_lookup_header (second, "mine"))->en,
                            "Edited Rules"));
  clean ();
}

/* A file removed since is gone from the list. */
static void
test_removed_file_gone (void)
{
  g_autofree char *path = write_user_policy ("id=\"mine\"", NULL);
  g_autoptr(ShenbaoPolicySet) second = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_object_unref (open_set ());
  g_assert_cmpint (g_unlink (path), ==, 0);
  second = open_set ();
  g_assert_null (shenbao_policy_set_lookup_header (second, "mine"));
  {
    g_autoptr(GPtrArray) headers = shenbao_policy_set_list_headers (second);
    g_assert_cmpuint (headers->len, ==, 5);
  }
  /* The index is a database: searched whole, not up to its first NUL. */
  g_assert_true (g_file_get_contents (index_path, &contents, &length, NULL));
  g_assert_false (contains_bytes (contents, length, "mine.xml"));
  clean ();
}

/* A damaged, truncated or deleted cache is rebuilt without a word. */
static void
test_damaged_cache_rebuilt (void)
{
  g_autofree char *path = write_user_policy ("id=\"mine\"", NULL);
  g_autoptr(ShenbaoPolicySet) damaged = NULL;
  g_autoptr(ShenbaoPolicySet) deleted = NULL;

  g_object_unref (open_set ());
  g_assert_true (g_file_set_contents (index_path, "[not\x01 a key file\n\xff\xfe", -1, NULL));
  damaged = open_set ();
  g_assert_nonnull (shenbao_policy_set_lookup (damaged, "mine"));
  g_assert_cmpuint (shenbao_policy_set_get_problems (damaged)->len, ==, 0);

  /* Cut in half: a database SQLite cannot read, rebuilt. */
  {
    g_autoptr(ShenbaoPolicySet) rebuilt = open_set ();
    g_autoptr(ShenbaoPolicySet) truncated = NULL;
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (index_path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (index_path, contents, (gssize) length / 2, NULL));
    truncated = open_set ();
    g_assert_nonnull (shenbao_policy_set_lookup (truncated, "mine"));
    g_assert_cmpuint (shenbao_policy_get_clauses (shenbao_policy_set_lookup (truncated, "mine"))->len, ==, 10);
    g_assert_cmpuint (shenbao_policy_set_get_problems (truncated)->len, ==, 0);
  }

  /* The key file of earlier versions is removed when the database is written. */
  {
    g_autofree char *legacy = g_build_filename (home, "shenbao", "policy-index.ini", NULL);
    g_autoptr(ShenbaoPolicySet) upgraded = NULL;

    g_assert_true (g_file_set_contents (legacy, "[index]\nprogram=old\n", -1, NULL));
    g_assert_cmpint (g_unlink (index_path), ==, 0);
    upgraded = open_set ();
    g_assert_false (g_file_test (legacy, G_FILE_TEST_EXISTS));
  }

  g_assert_cmpint (g_unlink (index_path), ==, 0);
  deleted = open_set ();
  g_assert_nonnull (shenbao_policy_set_lookup (deleted, "mine"));
  g_assert_true (g_file_test (index_path, G_FILE_TEST_IS_REGULAR));
  clean ();
}

/* A file that became invalid is reported, at this start and the next, and never used. */
static void
test_file_became_invalid (void)
{
  g_autofree char *path = write_user_policy ("id=\"mine\"", NULL);
  g_autoptr(ShenbaoPolicySet) broken = NULL;
  g_autoptr(ShenbaoPolicySet) again = NULL;

  g_object_unref (open_set ());
  g_assert_true (g_file_set_contents (path, "<policy xmlns=\"https://shenbao.github.io/ns/policy/1\" id=\"mine\">",
                                      -1, NULL));
  touch_later (path, 20);
  broken = open_set ();
  g_assert_null (shenbao_policy_set_lookup (broken, "mine"));
  g_assert_true (has_problem_about (broken, "mine.xml"));

  again = open_set ();
  g_assert_null (shenbao_policy_set_lookup_header (again, "mine"));
  g_assert_true (has_problem_about (again, "mine.xml"));
  clean ();
}

/* A cache that lies (its entry says valid for a file now broken, size and time made to match)
 * still lets nothing invalid through: a policy is checked against the schema when read whole. */
static void
test_lying_cache_lets_nothing_through (void)
{
  g_autofree char *path = write_user_policy ("id=\"mine\"", NULL);
  g_autoptr(ShenbaoPolicySet) set = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  struct stat before;
  struct timespec times[2];

  g_object_unref (open_set ());
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (stat (path, &before), ==, 0);
  /* Same length, same time, broken content: an element the schema does not know. */
  {
    char *at = strstr (contents, "<clause ");

    g_assert_nonnull (at);
    memcpy (at, "<cla_se ", 8);
  }
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  times[0] = before.st_atim;
  times[1] = before.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);

  set = open_set ();
  g_assert_nonnull (shenbao_policy_set_lookup_header (set, "mine"));
  g_assert_null (shenbao_policy_set_lookup (set, "mine"));
  g_assert_true (has_problem_about (set, "mine.xml"));
  clean ();
}

/* An entry with the right stamp but values no policy has (a date that is no day, a checksum
 * that is no checksum, no id): the file is read again, whole, and is what it says. */
static void
test_hostile_entry_read_again (void)
{
  const char *lies[] = {
    "UPDATE entries SET effective = -5 WHERE path LIKE '%mine.xml'",
    "UPDATE entries SET expiry = 99999999999 WHERE path LIKE '%mine.xml'",
    "UPDATE entries SET sha256 = 'not a checksum' WHERE path LIKE '%mine.xml'",
    "UPDATE entries SET id = NULL WHERE path LIKE '%mine.xml'",
    "UPDATE entries SET clauses = -1 WHERE path LIKE '%mine.xml'",
  };
  g_autofree char *path = write_user_policy ("id=\"mine\"", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lies); i++)
    {
      g_autoptr(ShenbaoPolicySet) set = NULL;
      sqlite3 *db = NULL;

      g_object_unref (open_set ());
      g_assert_cmpint (sqlite3_open (index_path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, lies[i], NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_changes (db), ==, 1);
      sqlite3_close (db);

      set = open_set ();
      g_assert_false (shenbao_policy_is_header_only (shenbao_policy_set_lookup_header (set, "mine")));
      g_assert_cmpuint (shenbao_policy_get_n_clauses (shenbao_policy_set_lookup_header (set, "mine")), ==, 10);
      g_assert_cmpuint (shenbao_policy_set_get_problems (set)->len, ==, 0);
    }
  clean ();
}

static char *
copy_shipped (const char *dir,
              const char *name)
{
  g_autofree char *source = shipped_path (name);
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* policy.rng is parsed as a schema only when a policy is read whole, so a start from the index
 * does not; the policy read then is still checked against it. A missing one stops the set at
 * once, as before. */
static void
test_schema_read_when_needed (void)
{
  g_autofree char *dir = g_build_filename (home, "schema", NULL);
  g_autofree char *policy = shipped_path ("pudong-2024.xml");
  g_autofree char *broken = NULL;
  g_autoptr(ShenbaoPolicySet) set = NULL;
  g_autoptr(ShenbaoPolicy) read = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_free (copy_shipped (dir, "facts.rng"));
  g_free (copy_shipped (dir, "facts.xml"));
  g_assert_null (shenbao_policy_set_new (dir, &error));
  g_assert_error (error, SHENBAO_POLICY_SET_ERROR, SHENBAO_POLICY_SET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "policy.rng"));
  g_clear_error (&error);

  g_free (copy_shipped (dir, "policy.rng"));
  set = shenbao_policy_set_new (dir, &error);
  g_assert_no_error (error);
  read = shenbao_policy_set_read_file (set, policy, problems);
  g_assert_nonnull (read);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Checked against it: an element the schema does not know. */
  g_assert_true (g_file_get_contents (policy, &contents, NULL, NULL));
  broken = g_build_filename (dir, "broken.xml", NULL);
  g_assert_nonnull (strstr (contents, "<clause "));
  memcpy (strstr (contents, "<clause "), "<cla_se ", 8);
  g_assert_true (g_file_set_contents (broken, contents, -1, NULL));
  g_assert_null (shenbao_policy_set_read_file (set, broken, problems));
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "broken.xml"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  home = g_dir_make_tmp ("shenbao-index-XXXXXX", &error);
  g_assert_no_error (error);
  /* Before anything asks GLib for these folders: it remembers the first answer. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  user_dir = g_build_filename (home, "shenbao", "policies", NULL);
  index_path = g_build_filename (home, "shenbao", "policy-index.db", NULL);
  g_assert_cmpint (g_mkdir_with_parents (user_dir, 0755), ==, 0);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shenbao/policy-index/second-start-reads-nothing", test_second_start_reads_nothing);
  g_test_add_func ("/shenbao/policy-index/changed-file-read-again", test_changed_file_read_again);
  g_test_add_func ("/shenbao/policy-index/removed-file-gone", test_removed_file_gone);
  g_test_add_func ("/shenbao/policy-index/damaged-cache-rebuilt", test_damaged_cache_rebuilt);
  g_test_add_func ("/shenbao/policy-index/file-became-invalid", test_file_became_invalid);
  g_test_add_func ("/shenbao/policy-index/lying-cache-lets-nothing-through", test_lying_cache_lets_nothing_through);
  g_test_add_func ("/shenbao/policy-index/hostile-entry-read-again", test_hostile_entry_read_again);
  g_test_add_func ("/shenbao/policy-index/schema-read-when-needed", test_schema_read_when_needed);
  status = g_test_run ();

  clean ();
  g_rmdir (user_dir);
  {
    g_autofree char *shenbao = g_build_filename (home, "shenbao", NULL);
    g_rmdir (shenbao);
  }
  g_rmdir (home);
  return status;
}
