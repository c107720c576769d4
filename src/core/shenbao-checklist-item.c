/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-checklist-item"

#include "config.h"

#include <string.h>

#include "shenbao-checklist-item.h"

struct _ShenbaoChecklistItem
{
  GObject                 parent_instance;

  char                   *id;
  char                   *clause_id;     /* full id of its clause, or NULL if policy-wide/user */
  ShenbaoText             default_label; /* empty for an item the user added */
  char                   *label;         /* the user's own name for it, or NULL */
  gboolean                required;
  gboolean                added_by_user;
  char                   *path;
  gint64                  size;
  char                   *sha256;
  int                     pages;
  gint64                  attached_at;
  ShenbaoAttachmentState  state;
};

G_DEFINE_FINAL_TYPE (ShenbaoChecklistItem, shenbao_checklist_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_PATH,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
shenbao_checklist_item_finalize (GObject *object)
{
  ShenbaoChecklistItem *self = (ShenbaoChecklistItem *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->clause_id, g_free);
  shenbao_text_clear (&self->default_label);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->sha256, g_free);
  G_OBJECT_CLASS (shenbao_checklist_item_parent_class)->finalize (object);
}

static void
shenbao_checklist_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ShenbaoChecklistItem *self = SHENBAO_CHECKLIST_ITEM (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, shenbao_checklist_item_get_label (self, shenbao_prefers_chinese ()));
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_checklist_item_class_init (ShenbaoChecklistItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shenbao_checklist_item_finalize;
  object_class->get_property = shenbao_checklist_item_get_property;

  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL,
                                             SHENBAO_ATTACHMENT_MISSING, SHENBAO_ATTACHMENT_VANISHED,
                                             SHENBAO_ATTACHMENT_MISSING,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shenbao_checklist_item_init (ShenbaoChecklistItem *self)
{
}

/* default_label NULL: an item the user added, named by them. */
ShenbaoChecklistItem *
shenbao_checklist_item_new (const char        *id,
                            const char        *clause_id,
                            const ShenbaoText *default_label,
                            gboolean           required)
{
  ShenbaoChecklistItem *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (SHENBAO_TYPE_CHECKLIST_ITEM, NULL);
  self->id = g_strdup (id);
  self->clause_id = g_strdup (clause_id);
  self->required = required;
  if (default_label != NULL)
    {
      self->default_label.zh = g_strdup (default_label->zh);
      self->default_label.en = g_strdup (default_label->en);
    }
  else
    self->added_by_user = TRUE;
  return self;
}

const char *
shenbao_checklist_item_get_id (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), NULL);
  return self->id;
}

const char *
shenbao_checklist_item_get_clause_id (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), NULL);
  return self->clause_id;
}

const char *
shenbao_checklist_item_get_label (ShenbaoChecklistItem *self,
                                  gboolean              chinese)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), NULL);
  if (self->label != NULL)
    return self->label;
  return shenbao_text_get (&self->default_label, chinese);
}

gboolean
shenbao_checklist_item_is_default (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), FALSE);
  return !self->added_by_user;
}

gboolean
shenbao_checklist_item_get_required (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), FALSE);
  return self->required;
}

const char *
shenbao_checklist_item_get_path (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), NULL);
  return self->path;
}

gint64
shenbao_checklist_item_get_size (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), 0);
  return self->size;
}

const char *
shenbao_checklist_item_get_sha256 (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), NULL);
  return self->sha256;
}

int
shenbao_checklist_item_get_pages (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), 0);
  return self->pages;
}

gint64
shenbao_checklist_item_get_attached_at (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), 0);
  return self->attached_at;
}

ShenbaoAttachmentState
shenbao_checklist_item_get_state (ShenbaoChecklistItem *self)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), SHENBAO_ATTACHMENT_MISSING);
  return self->state;
}

void
shenbao_checklist_item_set_state (ShenbaoChecklistItem   *self,
                                  ShenbaoAttachmentState  state)
{
  g_return_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self));
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The key a problem about this item carries, as the clause page's attachment rows used to:
 * POLICY/CLAUSE/attachment/ID for a clause's item, POLICY/attachment/ID for the others. */
char *
shenbao_checklist_item_problem_key (ShenbaoChecklistItem *self,
                                    const char           *policy_id)
{
  const char *slash;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self), NULL);
  if (self->clause_id != NULL && (slash = strrchr (self->id, '/')) != NULL)
    return g_strdup_printf ("%s/attachment/%s", self->clause_id, slash + 1);
  return g_strdup_printf ("%s/attachment/%s", policy_id, self->id);
}

void
shenbao_checklist_item_apply_record (ShenbaoChecklistItem          *self,
                                     const ShenbaoAttachmentRecord *record)
{
  g_return_if_fail (SHENBAO_IS_CHECKLIST_ITEM (self));

  g_free (self->label);
  self->label = g_strdup (record->label);
  if (self->added_by_user)
    self->required = record->required;
  g_free (self->path);
  self->path = g_strdup (record->path);
  self->size = record->size;
  g_free (self->sha256);
  self->sha256 = g_strdup (record->sha256);
  self->pages = record->pages;
  self->attached_at = record->attached_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  shenbao_checklist_item_set_state (self, self->path != NULL ? SHENBAO_ATTACHMENT_ATTACHED
                                                             : SHENBAO_ATTACHMENT_MISSING);
}

ShenbaoAttachmentRecord *
shenbao_checklist_item_to_record (ShenbaoChecklistItem *self,
                                  int                   position)
{
  ShenbaoAttachmentRecord *record = g_new0 (ShenbaoAttachmentRecord, 1);

  record->item_id = g_strdup (self->id);
  record->label = g_strdup (self->label);
  record->position = position;
  record->required = self->required;
  record->added_by_user = self->added_by_user;
  record->path = g_strdup (self->path);
  record->size = self->size;
  record->sha256 = g_strdup (self->sha256);
  record->pages = self->pages;
  record->attached_at = self->attached_at;
  return record;
}
