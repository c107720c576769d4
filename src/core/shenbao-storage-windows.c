/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-storage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "shenbao-parse.h"
#include "shenbao-storage-private.h"

/* The application window of each policy's current call, as the user recorded it. */

/* ------------------------------------------------------------------ application windows */

/* The window of the current call (申报窗口 from the annual guide) the user recorded for a
 * policy. Dates are checked with the one strict parser before they are stored, so what is read
 * back always parses; an empty date is an unknown one. */

void
shenbao_policy_window_free (ShenbaoPolicyWindow *window)
{
  if (window == NULL)
    return;
  g_free (window->policy_id);
  g_free (window->where_to_file);
  g_free (window);
}

static gboolean
check_window_date (const char  *text,
                   GDate       *date,
                   const char  *which,
                   GError     **error)
{
  g_autoptr(GError) parse_error = NULL;

  g_date_clear (date, 1);
  if (text == NULL || *text == '\0')
    return TRUE;
  if (shenbao_date_parse (text, date, &parse_error))
    return TRUE;
  g_set_error (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_INVALID,
               "the window’s %s date: %s", which, parse_error->message);
  return FALSE;
}

static char *
date_text (const GDate *date)
{
  if (!g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* opens and closes as typed (YYYY-MM-DD, 2026年1月5日…) or NULL; where_to_file the portal address
 * or office. A window that closes before it opens is refused. */
gboolean
shenbao_storage_set_policy_window (ShenbaoStorage  *self,
                                   const char      *policy_id,
                                   const char      *opens,
                                   const char      *closes,
                                   const char      *where_to_file,
                                   GError         **error)
{
  const char *doing = "saving the application window";
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autofree char *opens_text = NULL, *closes_text = NULL;
  GDate opens_date, closes_date;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (policy_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_window_date (opens, &opens_date, "opening", error)
      || !check_window_date (closes, &closes_date, "closing", error))
    return FALSE;
  if (g_date_valid (&opens_date) && g_date_valid (&closes_date) && g_date_compare (&closes_date, &opens_date) < 0)
    {
      g_set_error_literal (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_INVALID,
                           "the window closes before it opens");
      return FALSE;
    }
  if (!shenbao_storage_check_writable (self, error))
    return FALSE;
  opens_text = date_text (&opens_date);
  closes_text = date_text (&closes_date);

  stmt = storage_borrow_statement (self,
                           "INSERT INTO policy_windows (policy_id, opens, closes, where_to_file, updated)"
                           "  VALUES (?1, ?2, ?3, ?4, ?5)"
                           "  ON CONFLICT (policy_id) DO UPDATE SET opens = excluded.opens,"
                           "    closes = excluded.closes, where_to_file = excluded.where_to_file,"
                           "    updated = excluded.updated",
                           doing, error);
  if (stmt == NULL
      || !storage_bind_text (self, stmt, 1, policy_id, doing, error)
      || !storage_bind_text (self, stmt, 2, opens_text, doing, error)
      || !storage_bind_text (self, stmt, 3, closes_text, doing, error)
      || !storage_bind_text (self, stmt, 4, where_to_file != NULL && *where_to_file != '\0' ? where_to_file : NULL, doing, error)
      || !storage_bind_int64 (self, stmt, 5, storage_now_seconds (), doing, error))
    return FALSE;
  return storage_step_done (self, stmt, doing, error);
}

static ShenbaoPolicyWindow *
policy_window_from_row (sqlite3_stmt *stmt)
{
  ShenbaoPolicyWindow *window = g_new0 (ShenbaoPolicyWindow, 1);

  window->policy_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_date_clear (&window->opens, 1);
  g_date_clear (&window->closes, 1);
  if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
    shenbao_date_parse ((const char *) sqlite3_column_text (stmt, 1), &window->opens, NULL);
  if (sqlite3_column_type (stmt, 2) == SQLITE_TEXT)
    shenbao_date_parse ((const char *) sqlite3_column_text (stmt, 2), &window->closes, NULL);
  window->where_to_file = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  window->updated = sqlite3_column_int64 (stmt, 4);
  return window;
}

/* NULL without an error when none was recorded. */
ShenbaoPolicyWindow *
shenbao_storage_get_policy_window (ShenbaoStorage  *self,
                                   const char      *policy_id,
                                   GError         **error)
{
  const char *doing = "loading the application window";
  g_autoptr(BorrowedStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (policy_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = storage_borrow_statement (self,
                           "SELECT policy_id, opens, closes, where_to_file, updated FROM policy_windows"
                           "  WHERE policy_id = ?1",
                           doing, error);
  if (stmt == NULL || !storage_bind_text (self, stmt, 1, policy_id, doing, error))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return policy_window_from_row (stmt);
  if (rc != SQLITE_DONE)
    storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
  return NULL;
}

/* Every recorded window (ShenbaoPolicyWindow), by policy id. */
GPtrArray *
shenbao_storage_list_policy_windows (ShenbaoStorage  *self,
                                     GError         **error)
{
  const char *doing = "listing the application windows";
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_policy_window_free);
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = storage_borrow_statement (self,
                           "SELECT policy_id, opens, closes, where_to_file, updated FROM policy_windows"
                           "  ORDER BY policy_id",
                           doing, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (windows, policy_window_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      return NULL;
    }
  return g_steal_pointer (&windows);
}

gboolean
shenbao_storage_delete_policy_window (ShenbaoStorage  *self,
                                      const char      *policy_id,
                                      GError         **error)
{
  const char *doing = "removing the application window";
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (policy_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!shenbao_storage_check_writable (self, error))
    return FALSE;
  stmt = storage_borrow_statement (self, "DELETE FROM policy_windows WHERE policy_id = ?1", doing, error);
  return stmt != NULL
         && storage_bind_text (self, stmt, 1, policy_id, doing, error)
         && storage_step_done (self, stmt, doing, error);
}
