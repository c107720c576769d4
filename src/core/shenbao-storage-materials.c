/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-storage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "shenbao-parse.h"
#include "shenbao-storage-private.h"

/* Each application's materials checklist, and importing an application whole. */

/* ------------------------------------------------------------------ materials checklist */

void
shenbao_attachment_record_free (ShenbaoAttachmentRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->item_id);
  g_free (record->label);
  g_free (record->path);
  g_free (record->sha256);
  g_free (record);
}

ShenbaoAttachmentRecord *
shenbao_attachment_record_copy (const ShenbaoAttachmentRecord *record)
{
  ShenbaoAttachmentRecord *copy = g_memdup2 (record, sizeof *record);

  copy->item_id = g_strdup (record->item_id);
  copy->label = g_strdup (record->label);
  copy->path = g_strdup (record->path);
  copy->sha256 = g_strdup (record->sha256);
  return copy;
}

static ShenbaoAttachmentRecord *
attachment_record_from_row (sqlite3_stmt *stmt)
{
  ShenbaoAttachmentRecord *record = g_new0 (ShenbaoAttachmentRecord, 1);

  record->item_id = storage_column_strdup (stmt, 0);
  record->label = storage_column_strdup (stmt, 1);
  record->position = sqlite3_column_int (stmt, 2);
  record->required = sqlite3_column_int (stmt, 3) != 0;
  record->added_by_user = sqlite3_column_int (stmt, 4) != 0;
  record->removed = sqlite3_column_int (stmt, 5) != 0;
  record->path = storage_column_strdup (stmt, 6);
  record->size = sqlite3_column_int64 (stmt, 7);
  record->sha256 = storage_column_strdup (stmt, 8);
  record->pages = sqlite3_column_int (stmt, 9);
  record->attached_at = sqlite3_column_int64 (stmt, 10);
  return record;
}

/* In checklist order. */
GPtrArray *
shenbao_storage_load_attachments (ShenbaoStorage  *self,
                                  gint64           application_id,
                                  GError         **error)
{
  const char *doing = "loading the materials checklist";
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (application_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = storage_borrow_statement (self,
                           "SELECT item_id, label, position, required, added_by_user, removed,"
                           "       path, size, sha256, pages, attached_at"
                           "  FROM attachments WHERE application_id = ?1"
                           "  ORDER BY position, item_id",
                           doing, error);
  if (stmt == NULL || !storage_bind_int64 (self, stmt, 1, application_id, doing, error))
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_attachment_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, attachment_record_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

#define UPSERT_ATTACHMENT                                                                       \
  "INSERT INTO attachments (application_id, item_id, label, position, required, added_by_user," \
  "                         removed, path, size, sha256, pages, attached_at)"                  \
  "  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"                               \
  "  ON CONFLICT (application_id, item_id) DO UPDATE SET"                                      \
  "    label = excluded.label, position = excluded.position, required = excluded.required,"   \
  "    added_by_user = excluded.added_by_user, removed = excluded.removed,"                    \
  "    path = excluded.path, size = excluded.size, sha256 = excluded.sha256,"                  \
  "    pages = excluded.pages, attached_at = excluded.attached_at"

static gboolean
upsert_attachment (ShenbaoStorage                *self,
                   gint64                         application_id,
                   const ShenbaoAttachmentRecord *record,
                   const char                    *doing,
                   GError                       **error)
{
  g_autoptr(BorrowedStatement) stmt = storage_borrow_statement (self, UPSERT_ATTACHMENT, doing, error);

  return stmt != NULL
         && storage_bind_int64 (self, stmt, 1, application_id, doing, error)
         && storage_bind_text (self, stmt, 2, record->item_id, doing, error)
         && storage_bind_text (self, stmt, 3, record->label, doing, error)
         && storage_bind_int64 (self, stmt, 4, record->position, doing, error)
         && storage_bind_int64 (self, stmt, 5, record->required ? 1 : 0, doing, error)
         && storage_bind_int64 (self, stmt, 6, record->added_by_user ? 1 : 0, doing, error)
         && storage_bind_int64 (self, stmt, 7, record->removed ? 1 : 0, doing, error)
         && storage_bind_text (self, stmt, 8, record->path, doing, error)
         && storage_bind_int64 (self, stmt, 9, record->size, doing, error)
         && storage_bind_text (self, stmt, 10, record->sha256, doing, error)
         && storage_bind_int64 (self, stmt, 11, record->pages, doing, error)
         && storage_bind_int64 (self, stmt, 12, record->attached_at, doing, error)
         && storage_step_done (self, stmt, doing, error);
}

/* Inserts or replaces one item, and marks the application changed, together. */
gboolean
shenbao_storage_save_attachment (ShenbaoStorage                *self,
                                 gint64                         application_id,
                                 const ShenbaoAttachmentRecord *record,
                                 GError                       **error)
{
  g_autofree char *doing = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (application_id > 0, FALSE);
  g_return_val_if_fail (record != NULL && record->item_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doing = g_strdup_printf ("saving checklist item “%s”", record->item_id);
  if (!storage_begin_write (self, doing, error))
    return FALSE;
  if (!storage_touch (self, "UPDATE applications SET updated = ?2 WHERE id = ?1", "application",
              application_id, doing, error)
      || !upsert_attachment (self, application_id, record, doing, error)
      || !storage_commit (self, doing, error))
    {
      storage_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* For items the user added: a default item is kept with removed set, so it does not come back. */
gboolean
shenbao_storage_delete_attachment (ShenbaoStorage  *self,
                                   gint64           application_id,
                                   const char      *item_id,
                                   GError         **error)
{
  const char *doing = "deleting a checklist item";
  g_autoptr(BorrowedStatement) stmt = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (application_id > 0, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = storage_borrow_statement (self, "DELETE FROM attachments WHERE application_id = ?1 AND item_id = ?2",
                           doing, error);
  return stmt != NULL
         && storage_bind_int64 (self, stmt, 1, application_id, doing, error)
         && storage_bind_text (self, stmt, 2, item_id, doing, error)
         && storage_step_done (self, stmt, doing, error);
}

/* ------------------------------------------------------------------ import */

static gboolean
insert_values (ShenbaoStorage  *self,
               const char      *sql,
               gint64           owner_id,
               GHashTable      *values,
               const char      *doing,
               GError         **error)
{
  GHashTableIter iter;
  gpointer key, text;

  if (values == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &text))
    {
      g_autoptr(BorrowedStatement) stmt = storage_borrow_statement (self, sql, doing, error);

      if (stmt == NULL
          || !storage_bind_int64 (self, stmt, 1, owner_id, doing, error)
          || !storage_bind_text (self, stmt, 2, key, doing, error)
          || !storage_bind_text (self, stmt, 3, text, doing, error)
          || !storage_step_done (self, stmt, doing, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_choices (ShenbaoStorage  *self,
                gint64           application_id,
                GHashTable      *choices,
                const char      *doing,
                GError         **error)
{
  GHashTableIter iter;
  gpointer clause_id, chosen;

  if (choices == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, choices);
  while (g_hash_table_iter_next (&iter, &clause_id, &chosen))
    {
      g_autoptr(BorrowedStatement) stmt =
        storage_borrow_statement (self, "INSERT INTO application_clauses (application_id, clause_id, chosen)"
                                "  VALUES (?1, ?2, ?3)", doing, error);

      if (stmt == NULL
          || !storage_bind_int64 (self, stmt, 1, application_id, doing, error)
          || !storage_bind_text (self, stmt, 2, clause_id, doing, error)
          || !storage_bind_int64 (self, stmt, 3, GPOINTER_TO_INT (chosen) ? 1 : 0, doing, error)
          || !storage_step_done (self, stmt, doing, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_rows (ShenbaoStorage                 *self,
             const ShenbaoFilingImport *import,
             gint64                         *application_id,
             const char                     *doing,
             GError                        **error)
{
  gint64 company_id = shenbao_storage_create_company (self, error);

  if (company_id <= 0
      || !insert_values (self, "INSERT INTO company_values (company_id, key, value) VALUES (?1, ?2, ?3)",
                         company_id, import->company_values, doing, error))
    return FALSE;
  *application_id = shenbao_storage_create_application (self, company_id, import->policy_id, error);
  if (*application_id <= 0
      || !insert_values (self, "INSERT INTO application_values (application_id, key, value)"
                               "  VALUES (?1, ?2, ?3)",
                         *application_id, import->application_values, doing, error)
      || !insert_choices (self, *application_id, import->clause_choices, doing, error))
    return FALSE;
  for (guint i = 0; import->attachments != NULL && i < import->attachments->len; i++)
    if (!upsert_attachment (self, *application_id, g_ptr_array_index (import->attachments, i),
                            doing, error))
      return FALSE;
  return TRUE;
}

/* Either the whole application is there afterwards, or nothing of it. */
gint64
shenbao_storage_import_application (ShenbaoStorage                 *self,
                                    const ShenbaoFilingImport *import,
                                    GError                        **error)
{
  const char *doing = "importing an application";
  gint64 application_id = 0;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), 0);
  g_return_val_if_fail (import != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!storage_begin_write (self, doing, error))
    return 0;
  if (!import_rows (self, import, &application_id, doing, error) || !storage_commit (self, doing, error))
    {
      storage_rollback (self);
      return 0;
    }
  return application_id;
}
