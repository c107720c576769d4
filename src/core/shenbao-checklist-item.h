/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shenbao-policy.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

typedef enum
{
  SHENBAO_ATTACHMENT_MISSING,  /* nothing attached */
  SHENBAO_ATTACHMENT_ATTACHED, /* attached, and the file is as it was then */
  SHENBAO_ATTACHMENT_CHANGED,  /* the file's content is not what was attached */
  SHENBAO_ATTACHMENT_VANISHED, /* the file is no longer there */
} ShenbaoAttachmentState;

/* One line of an application's materials checklist: a default item of the policy (policy-wide
 * or of a claimed clause) or one the user added, and the file attached to it. */
#define SHENBAO_TYPE_CHECKLIST_ITEM (shenbao_checklist_item_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoChecklistItem, shenbao_checklist_item, SHENBAO, CHECKLIST_ITEM, GObject)

ShenbaoChecklistItem   *shenbao_checklist_item_new           (const char           *id,
                                                              const char           *clause_id,
                                                              const ShenbaoText    *default_label,
                                                              gboolean              required);
const char             *shenbao_checklist_item_get_id        (ShenbaoChecklistItem *self);
const char             *shenbao_checklist_item_get_clause_id (ShenbaoChecklistItem *self);
const char             *shenbao_checklist_item_get_label     (ShenbaoChecklistItem *self,
                                                              gboolean              chinese);
gboolean                shenbao_checklist_item_is_default    (ShenbaoChecklistItem *self);
gboolean                shenbao_checklist_item_get_required  (ShenbaoChecklistItem *self);
const char             *shenbao_checklist_item_get_path      (ShenbaoChecklistItem *self);
gint64                  shenbao_checklist_item_get_size      (ShenbaoChecklistItem *self);
const char             *shenbao_checklist_item_get_sha256    (ShenbaoChecklistItem *self);
int                     shenbao_checklist_item_get_pages     (ShenbaoChecklistItem *self);
ShenbaoAttachmentState  shenbao_checklist_item_get_state     (ShenbaoChecklistItem *self);
char                   *shenbao_checklist_item_problem_key   (ShenbaoChecklistItem *self,
                                                              const char           *policy_id);

/* For the checklist: the stored record is the item's state. */
void                    shenbao_checklist_item_apply_record  (ShenbaoChecklistItem *self,
                                                              const ShenbaoAttachmentRecord *record);
ShenbaoAttachmentRecord *shenbao_checklist_item_to_record    (ShenbaoChecklistItem *self,
                                                              int                   position);
void                    shenbao_checklist_item_set_state     (ShenbaoChecklistItem *self,
                                                              ShenbaoAttachmentState state);
gint64                  shenbao_checklist_item_get_attached_at (ShenbaoChecklistItem *self);

G_END_DECLS
