/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-storage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "shenbao-parse.h"
#include "shenbao-storage-private.h"

/* The list of saved work: which applications a query shows and in what order, and their rows
 * read a page at a time. */

/* ------------------------------------------------------------------ querying the list */

/* One WHERE for every filter and search, its choices bound as parameters; only the order is
 * chosen among fixed statements, since ORDER BY cannot be bound. ?1 company-name key, ?2
 * credit-code key, ?3 search pattern or NULL, ?4 JSON array of policy ids matching the search,
 * ?5 JSON array of hidden ids, ?6 filter, ?7 today, ?8 today + 7 days. */
#define QUERY_FROM                                                                            \
  "  FROM applications AS a"                                                                  \
  "  LEFT JOIN company_values AS name ON name.company_id = a.company_id AND name.key = ?1"    \
  "  LEFT JOIN company_values AS code ON code.company_id = a.company_id AND code.key = ?2"    \
  "  LEFT JOIN policy_windows AS w ON w.policy_id = a.policy_id"                              \
  "  WHERE a.id NOT IN (SELECT value FROM json_each (?5))"                                    \
  "    AND (?3 IS NULL OR name.value LIKE ?3 ESCAPE '\\' OR code.value LIKE ?3 ESCAPE '\\'"   \
  "         OR a.policy_id LIKE ?3 ESCAPE '\\'"                                               \
  "         OR a.policy_id IN (SELECT value FROM json_each (?4)))"                            \
  "    AND (?6 = 0"                                                                           \
  "         OR (?6 = 1 AND a.state NOT IN ('ready', 'packaged'))"                             \
  "         OR (?6 = 2 AND a.state = 'ready')"                                                \
  "         OR (?6 = 3 AND a.state = 'packaged')"                                             \
  "         OR (?6 = 4 AND w.closes >= ?7 AND w.closes <= ?8))"

#define ORDER_CHANGED " ORDER BY a.updated DESC, a.id DESC"
#define ORDER_COMPANY " ORDER BY name.value IS NULL, name.value, a.id"
#define ORDER_DEADLINE " ORDER BY w.closes IS NULL, w.closes, a.updated DESC, a.id DESC"
#define ORDER_AMOUNT " ORDER BY a.total_up_to_fen DESC, a.id DESC"

static const char * const query_orders[] = {
  [SHENBAO_FILING_SORT_CHANGED] = "SELECT a.id, a.updated" QUERY_FROM ORDER_CHANGED,
  [SHENBAO_FILING_SORT_COMPANY] = "SELECT a.id, a.updated" QUERY_FROM ORDER_COMPANY,
  [SHENBAO_FILING_SORT_DEADLINE] = "SELECT a.id, a.updated" QUERY_FROM ORDER_DEADLINE,
  [SHENBAO_FILING_SORT_AMOUNT] = "SELECT a.id, a.updated" QUERY_FROM ORDER_AMOUNT,
};

/* The list as it opens (no search, no filter, by last change or amount) needs none of the joins:
 * a quarter of the time for thousands of applications. ?1 JSON array of hidden ids. */
#define PLAIN_FROM " FROM applications AS a WHERE a.id NOT IN (SELECT value FROM json_each (?1))"

static const char * const plain_orders[] = {
  [SHENBAO_FILING_SORT_CHANGED] = "SELECT a.id, a.updated" PLAIN_FROM ORDER_CHANGED,
  [SHENBAO_FILING_SORT_COMPANY] = NULL,
  [SHENBAO_FILING_SORT_DEADLINE] = NULL,
  [SHENBAO_FILING_SORT_AMOUNT] = "SELECT a.id, a.updated" PLAIN_FROM ORDER_AMOUNT,
};

static gboolean
is_plain (const ShenbaoFilingQuery *query)
{
  return (query->search == NULL || *query->search == '\0') && query->filter == SHENBAO_FILING_FILTER_ALL
         && plain_orders[query->sort] != NULL;
}

/* "%word%" with LIKE's own characters escaped, so a search for "50%" finds "50%". */
static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* A JSON array of ids, for json_each (): a list bound as one parameter. */
static char *
ids_json (const gint64 *ids,
          guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static char *
hidden_json (GHashTable *hidden)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  if (hidden != NULL)
    {
      g_hash_table_iter_init (&iter, hidden);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (ids, *(gint64 *) key);
    }
  return ids_json ((const gint64 *) ids->data, ids->len);
}

/* Policy ids are [a-z][a-z0-9-]*, checked by the schema; any other is left out rather than
 * quoted. */
static char *
policy_ids_json (GPtrArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (*id == '\0' || strspn (id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (id))
        continue;
      g_string_append_printf (json, "%s\"%s\"", json->len > 1 ? "," : "", id);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* The texts of a query are made here and freed before the statement runs: SQLite copies them. */
static gboolean
storage_bind_copy (ShenbaoStorage  *self,
           sqlite3_stmt    *stmt,
           int              index,
           const char      *text,
           const char      *doing,
           GError         **error)
{
  return storage_bind_text_kept (self, stmt, index, text, SQLITE_TRANSIENT, doing, error);
}

static gboolean
bind_query (ShenbaoStorage                *self,
            sqlite3_stmt                  *stmt,
            const ShenbaoFilingQuery *query,
            const char                    *doing,
            GError                       **error)
{
  g_autofree char *pattern = query->search != NULL && *query->search != '\0' ? like_pattern (query->search) : NULL;
  g_autofree char *policies = policy_ids_json (query->policy_ids);
  g_autofree char *hidden = hidden_json (query->hidden);
  g_autofree char *week_later = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, query->today != NULL ? query->today : "");
  if (g_date_valid (&date))
    {
      char text[16];

      g_date_add_days (&date, 7);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
      week_later = g_strdup (text);
    }
  return storage_bind_text (self, stmt, 1, COMPANY_NAME_KEY, doing, error)
         && storage_bind_text (self, stmt, 2, "credit_code", doing, error)
         && storage_bind_copy (self, stmt, 3, pattern, doing, error)
         && storage_bind_copy (self, stmt, 4, policies, doing, error)
         && storage_bind_copy (self, stmt, 5, hidden, doing, error)
         && storage_bind_int64 (self, stmt, 6, query->filter, doing, error)
         && storage_bind_copy (self, stmt, 7, query->today, doing, error)
         && storage_bind_copy (self, stmt, 8, week_later, doing, error);
}

/* The ids of the applications the query shows, in its order, each with the time of its last
 * change (so a list can tell which rows it must read again): an array of
 * ShenbaoFilingStamp. A few milliseconds for thousands: the rows themselves are read a page at
 * a time with shenbao_storage_load_applications (). */
GArray *
shenbao_storage_query_application_ids (ShenbaoStorage                *self,
                                       const ShenbaoFilingQuery *query,
                                       GError                       **error)
{
  const char *doing = "listing applications";
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autoptr(GArray) stamps = NULL;
  int rc;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (query != NULL && query->sort < G_N_ELEMENTS (query_orders), NULL);

  if (is_plain (query))
    {
      g_autofree char *hidden = hidden_json (query->hidden);

      stmt = storage_borrow_statement (self, plain_orders[query->sort], doing, error);
      if (stmt == NULL || !storage_bind_copy (self, stmt, 1, hidden, doing, error))
        return NULL;
    }
  else
    {
      stmt = storage_borrow_statement (self, query_orders[query->sort], doing, error);
      if (stmt == NULL || !bind_query (self, stmt, query, doing, error))
        return NULL;
    }

  stamps = g_array_new (FALSE, FALSE, sizeof (ShenbaoFilingStamp));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShenbaoFilingStamp stamp = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (stamps, stamp);
    }
  if (rc != SQLITE_DONE)
    {
      storage_set_error_from_db (self->db, SHENBAO_STORAGE_ERROR_SQL, doing, error);
      return NULL;
    }
  return g_steal_pointer (&stamps);
}

/* The summaries of these applications, in no particular order; an id that is gone is left out. */
GPtrArray *
shenbao_storage_load_applications (ShenbaoStorage *self,
                                   const gint64   *ids,
                                   guint           n_ids,
                                   GError        **error)
{
  const char *doing = "reading saved applications";
  g_autoptr(BorrowedStatement) stmt = NULL;
  g_autofree char *json = ids_json (ids, n_ids);

  g_return_val_if_fail (SHENBAO_IS_STORAGE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  stmt = storage_borrow_statement (self, SELECT_APPLICATION_SUMMARY " WHERE a.id IN (SELECT value FROM json_each (?2))",
                                   doing, error);
  if (stmt == NULL || !storage_bind_text (self, stmt, 1, COMPANY_NAME_KEY, doing, error)
      || !storage_bind_copy (self, stmt, 2, json, doing, error))
    return NULL;

  return storage_read_summaries (self, stmt, doing, error);
}
