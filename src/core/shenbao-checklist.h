/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shenbao-checklist-item.h"
#include "shenbao-policy.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

#define SHENBAO_CHECKLIST_ERROR (shenbao_checklist_error_quark ())

typedef enum
{
  SHENBAO_CHECKLIST_ERROR_NO_ITEM,
  SHENBAO_CHECKLIST_ERROR_NOT_A_FILE,
  SHENBAO_CHECKLIST_ERROR_DEFAULT_ITEM,
} ShenbaoChecklistError;

/* An application's materials checklist, as a list model of ShenbaoChecklistItem in the order
 * the attachments are numbered in the package: the policy's default materials, then each
 * claimed clause's, with the user's renames, moves, removals and additions saved on top. Files
 * stay where the user keeps them; only their path, size, SHA-256 and page count are stored. */
#define SHENBAO_TYPE_CHECKLIST (shenbao_checklist_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoChecklist, shenbao_checklist, SHENBAO, CHECKLIST, GObject)

GQuark                shenbao_checklist_error_quark (void);
ShenbaoChecklist     *shenbao_checklist_new         (ShenbaoStorage    *storage,
                                                     gint64             application_id);
gboolean              shenbao_checklist_rebuild     (ShenbaoChecklist  *self,
                                                     ShenbaoPolicy     *policy,
                                                     GPtrArray         *claimed,
                                                     GError           **error);
ShenbaoChecklistItem *shenbao_checklist_lookup      (ShenbaoChecklist  *self,
                                                     const char        *item_id);
gboolean              shenbao_checklist_attach      (ShenbaoChecklist  *self,
                                                     const char        *item_id,
                                                     const char        *path,
                                                     GError           **error);
gboolean              shenbao_checklist_detach      (ShenbaoChecklist  *self,
                                                     const char        *item_id,
                                                     GError           **error);
gboolean              shenbao_checklist_rename      (ShenbaoChecklist  *self,
                                                     const char        *item_id,
                                                     const char        *label,
                                                     GError           **error);
gboolean              shenbao_checklist_move        (ShenbaoChecklist  *self,
                                                     const char        *item_id,
                                                     guint              position,
                                                     GError           **error);
gboolean              shenbao_checklist_remove      (ShenbaoChecklist  *self,
                                                     const char        *item_id,
                                                     GError           **error);
char                 *shenbao_checklist_add         (ShenbaoChecklist  *self,
                                                     const char        *label,
                                                     GError           **error);
guint                 shenbao_checklist_check_files (ShenbaoChecklist  *self);

/* SHA-256 (lower-case hex), size and, for a PDF, its page count (0 when unknown). */
char                 *shenbao_file_digest           (const char        *path,
                                                     gint64            *size,
                                                     int               *pages,
                                                     GError           **error);

G_END_DECLS
