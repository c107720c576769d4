/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SHENBAO_STORAGE_ERROR (shenbao_storage_error_quark ())

typedef enum
{
  SHENBAO_STORAGE_ERROR_OPEN,
  SHENBAO_STORAGE_ERROR_SQL,
  SHENBAO_STORAGE_ERROR_NOT_FOUND,
  SHENBAO_STORAGE_ERROR_TOO_NEW,
  SHENBAO_STORAGE_ERROR_DAMAGED,
  SHENBAO_STORAGE_ERROR_DISK_FULL,
  SHENBAO_STORAGE_ERROR_READ_ONLY,
  SHENBAO_STORAGE_ERROR_INVALID,
} ShenbaoStorageError;

#define SHENBAO_STORAGE_SCHEMA_VERSION 3

/* One row of a list of saved work. For an application every field is set; in the list of
 * companies only id (== company_id), company_name and updated are. */
typedef struct
{
  gint64  id;
  gint64  company_id;
  char   *company_name;      /* company value "company_name", or NULL */
  char   *policy_id;
  char   *page;
  char   *state;
  gint64  total_fen;
  gint64  total_up_to_fen;
  gint64  updated;           /* unix seconds */
} ShenbaoFilingSummary;

void shenbao_filing_summary_free (ShenbaoFilingSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoFilingSummary, shenbao_filing_summary_free)

/* The application window of a policy's current call, as the user recorded it from the annual
 * guide; a date not given is invalid (g_date_valid). */
typedef struct
{
  char   *policy_id;
  GDate   opens;
  GDate   closes;
  char   *where_to_file;   /* portal address or office, or NULL */
  gint64  updated;
} ShenbaoPolicyWindow;

void shenbao_policy_window_free (ShenbaoPolicyWindow *window);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoPolicyWindow, shenbao_policy_window_free)

#define SHENBAO_TYPE_STORAGE (shenbao_storage_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoStorage, shenbao_storage, SHENBAO, STORAGE, GObject)

GQuark          shenbao_storage_error_quark             (void);
ShenbaoStorage *shenbao_storage_open                    (const char      *path,
                                                         GError         **error);
ShenbaoStorage *shenbao_storage_open_default            (GError         **error);
int             shenbao_storage_get_schema_version      (ShenbaoStorage  *self);
const char     *shenbao_storage_get_path                (ShenbaoStorage  *self);
void            shenbao_storage_set_busy_timeout        (ShenbaoStorage  *self,
                                                         int              milliseconds);
gboolean        shenbao_storage_is_read_only            (ShenbaoStorage  *self);
gboolean        shenbao_storage_check_writable          (ShenbaoStorage  *self,
                                                         GError         **error);

gint64          shenbao_storage_create_company          (ShenbaoStorage  *self,
                                                         GError         **error);
gboolean        shenbao_storage_set_company_value       (ShenbaoStorage  *self,
                                                         gint64           company_id,
                                                         const char      *key,
                                                         const char      *text,
                                                         GError         **error);
GHashTable     *shenbao_storage_load_company_values     (ShenbaoStorage  *self,
                                                         gint64           company_id,
                                                         GError         **error);
GPtrArray      *shenbao_storage_list_companies          (ShenbaoStorage  *self,
                                                         GError         **error);

gint64          shenbao_storage_create_application      (ShenbaoStorage  *self,
                                                         gint64           company_id,
                                                         const char      *policy_id,
                                                         GError         **error);
gboolean        shenbao_storage_set_application_policy  (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         const char      *policy_id,
                                                         GError         **error);
gboolean        shenbao_storage_set_application_value   (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         const char      *key,
                                                         const char      *text,
                                                         GError         **error);
GHashTable     *shenbao_storage_load_application_values (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         GError         **error);
gboolean        shenbao_storage_set_clause_chosen       (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         const char      *clause_id,
                                                         gboolean         chosen,
                                                         GError         **error);
GHashTable     *shenbao_storage_load_clause_choices     (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         GError         **error);
gboolean        shenbao_storage_set_application_page    (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         const char      *page,
                                                         GError         **error);
gboolean        shenbao_storage_set_application_summary (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         const char      *state,
                                                         gint64           total_fen,
                                                         gint64           total_up_to_fen,
                                                         GError         **error);
ShenbaoFilingSummary *shenbao_storage_get_application (ShenbaoStorage  *self,
                                                       gint64           application_id,
                                                       GError         **error);
GPtrArray      *shenbao_storage_list_applications       (ShenbaoStorage  *self,
                                                         GError         **error);

typedef enum
{
  SHENBAO_FILING_SORT_CHANGED,   /* last change first */
  SHENBAO_FILING_SORT_COMPANY,
  SHENBAO_FILING_SORT_DEADLINE,  /* the policy's application window closing soonest first */
  SHENBAO_FILING_SORT_AMOUNT,    /* largest total first */
} ShenbaoFilingSort;

typedef enum
{
  SHENBAO_FILING_FILTER_ALL,
  SHENBAO_FILING_FILTER_IN_PROGRESS,
  SHENBAO_FILING_FILTER_READY,
  SHENBAO_FILING_FILTER_PACKAGED,
  SHENBAO_FILING_FILTER_WINDOW_CLOSING,  /* its policy's window closes within 7 days */
} ShenbaoFilingFilter;

/* Which saved applications a list shows, in what order. */
typedef struct
{
  const char               *search;      /* words found in the company name, credit code or
                                          * policy id; NULL or "" for all */
  GPtrArray                *policy_ids;  /* char *: policies whose titles match the search */
  GHashTable               *hidden;      /* gint64 ids left out (deleted, still undoable) */
  ShenbaoFilingSort    sort;
  ShenbaoFilingFilter  filter;
  const char               *today;       /* YYYY-MM-DD, for the window filter */
} ShenbaoFilingQuery;

typedef struct
{
  gint64 id;
  gint64 updated;
} ShenbaoFilingStamp;

GArray         *shenbao_storage_query_application_ids   (ShenbaoStorage                *self,
                                                         const ShenbaoFilingQuery *query,
                                                         GError                       **error);
GPtrArray      *shenbao_storage_load_applications       (ShenbaoStorage                *self,
                                                         const gint64                  *ids,
                                                         guint                          n_ids,
                                                         GError                       **error);
gboolean        shenbao_storage_delete_application      (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         GError         **error);

/* One item of an application's materials checklist as stored: the policy's default items appear
 * only once the user has changed them (renamed, moved, removed, attached a file). */
typedef struct
{
  char    *item_id;
  char    *label;        /* NULL: the policy's own label */
  int      position;
  gboolean required;
  gboolean added_by_user;
  gboolean removed;
  char    *path;         /* NULL: nothing attached */
  gint64   size;
  char    *sha256;
  int      pages;        /* 0 when not known */
  gint64   attached_at;  /* unix seconds */
} ShenbaoAttachmentRecord;

void shenbao_attachment_record_free (ShenbaoAttachmentRecord *record);
ShenbaoAttachmentRecord *shenbao_attachment_record_copy (const ShenbaoAttachmentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoAttachmentRecord, shenbao_attachment_record_free)

GPtrArray      *shenbao_storage_load_attachments        (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         GError         **error);
gboolean        shenbao_storage_save_attachment         (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         const ShenbaoAttachmentRecord *record,
                                                         GError         **error);
gboolean        shenbao_storage_delete_attachment       (ShenbaoStorage  *self,
                                                         gint64           application_id,
                                                         const char      *item_id,
                                                         GError         **error);

/* A whole application brought in from elsewhere (a package), in one transaction. */
typedef struct
{
  GHashTable *company_values;     /* key → text */
  char       *policy_id;
  GHashTable *application_values; /* key → text */
  GHashTable *clause_choices;     /* clause id → GINT_TO_POINTER (chosen) */
  GPtrArray  *attachments;        /* ShenbaoAttachmentRecord */
} ShenbaoFilingImport;

gint64          shenbao_storage_import_application      (ShenbaoStorage  *self,
                                                         const ShenbaoFilingImport *import,
                                                         GError         **error);

gboolean        shenbao_storage_set_policy_window       (ShenbaoStorage  *self,
                                                         const char      *policy_id,
                                                         const char      *opens,
                                                         const char      *closes,
                                                         const char      *where_to_file,
                                                         GError         **error);
ShenbaoPolicyWindow *shenbao_storage_get_policy_window  (ShenbaoStorage  *self,
                                                         const char      *policy_id,
                                                         GError         **error);
GPtrArray      *shenbao_storage_list_policy_windows     (ShenbaoStorage  *self,
                                                         GError         **error);
gboolean        shenbao_storage_delete_policy_window    (ShenbaoStorage  *self,
                                                         const char      *policy_id,
                                                         GError         **error);
gboolean        shenbao_storage_save_copy               (ShenbaoStorage  *self,
                                                         const char      *path,
                                                         GError         **error);
gboolean        shenbao_storage_integrity_check         (ShenbaoStorage  *self,
                                                         char           **result,
                                                         GError         **error);

G_END_DECLS
