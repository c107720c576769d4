/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "shenbao-storage.h"

G_BEGIN_DECLS

/* What the parts of the storage share: the object, its statement cache and the helpers each
 * save and query goes through. Not for use outside src/core/shenbao-storage*.c. */

#define COMPANY_NAME_KEY "company_name"

#define SELECT_APPLICATION_SUMMARY                                                            \
  "SELECT a.id, a.company_id, name.value, a.policy_id, a.page, a.state, a.total_fen,"        \
  "       a.total_up_to_fen, a.updated"                                                      \
  "  FROM applications AS a"                                                                 \
  "  LEFT JOIN company_values AS name ON name.company_id = a.company_id AND name.key = ?1"

struct _ShenbaoStorage
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  int         schema_version;
  gboolean    read_only;
  GHashTable *statements;   /* SQL text (static) → sqlite3_stmt */
};

/* A statement borrowed from the cache. It is reset when it leaves scope: a statement left
 * part-way through its rows keeps a read transaction open, which holds back WAL checkpoints,
 * and its bindings point at the caller's strings. */
typedef sqlite3_stmt BorrowedStatement;

void storage_borrowed_statement_return (BorrowedStatement *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BorrowedStatement, storage_borrowed_statement_return)

ShenbaoFilingSummary *storage_application_summary_from_row (sqlite3_stmt *stmt);
GPtrArray         *storage_read_summaries    (ShenbaoStorage *self,
                                              sqlite3_stmt   *stmt,
                                              const char     *doing,
                                              GError        **error);
BorrowedStatement *storage_borrow_statement  (ShenbaoStorage *self,
                                              const char     *sql,
                                              const char     *doing,
                                              GError        **error);
gboolean           storage_begin_write       (ShenbaoStorage *self,
                                              const char     *doing,
                                              GError        **error);
gboolean           storage_commit            (ShenbaoStorage *self,
                                              const char     *doing,
                                              GError        **error);
void               storage_rollback          (ShenbaoStorage *self);
gboolean           storage_bind_int64        (ShenbaoStorage *self,
                                              sqlite3_stmt   *stmt,
                                              int             index,
                                              gint64          value,
                                              const char     *doing,
                                              GError        **error);
gboolean           storage_bind_text_kept    (ShenbaoStorage *self,
                                              sqlite3_stmt   *stmt,
                                              int             index,
                                              const char     *text,
                                              sqlite3_destructor_type keep,
                                              const char     *doing,
                                              GError        **error);
gboolean           storage_bind_text         (ShenbaoStorage *self,
                                              sqlite3_stmt   *stmt,
                                              int             index,
                                              const char     *text,
                                              const char     *doing,
                                              GError        **error);
gboolean           storage_step_done         (ShenbaoStorage *self,
                                              sqlite3_stmt   *stmt,
                                              const char     *doing,
                                              GError        **error);
gboolean           storage_touch             (ShenbaoStorage *self,
                                              const char     *sql,
                                              const char     *what,
                                              gint64          id,
                                              const char     *doing,
                                              GError        **error);
gboolean           storage_check_row_changed (ShenbaoStorage *self,
                                              const char     *what,
                                              gint64          id,
                                              const char     *doing,
                                              GError        **error);
char              *storage_column_strdup     (sqlite3_stmt   *stmt,
                                              int             column);
gint64             storage_now_seconds       (void);
gboolean           storage_set_error_from_db (sqlite3        *db,
                                              int             code,
                                              const char     *doing,
                                              GError        **error);

G_END_DECLS
