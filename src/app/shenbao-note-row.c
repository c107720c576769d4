/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-note-row"

#include "config.h"

#include "shenbao-note-row.h"

/* A passage of the policy to read in a boxed list: a clause's own words, a rule of the whole
 * policy, a point the text leaves open (flagged). A preferences row, so a group lists it in its
 * boxed list; read, not activated, so it is no Tab stop. */
struct _ShenbaoNoteRow
{
  AdwPreferencesRow parent_instance;

  GtkLabel         *label;
};

G_DEFINE_FINAL_TYPE (ShenbaoNoteRow, shenbao_note_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_FLAGGED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
shenbao_note_row_dispose (GObject *object)
{
  /* The row lets go of its label first: disposing the template unparents it behind the row's
   * back, and the row's own dispose would then unparent it a second time. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_NOTE_ROW);
  G_OBJECT_CLASS (shenbao_note_row_parent_class)->dispose (object);
}

static void
shenbao_note_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShenbaoNoteRow *self = SHENBAO_NOTE_ROW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, shenbao_note_row_get_text (self));
      break;
    case PROP_FLAGGED:
      g_value_set_boolean (value, shenbao_note_row_get_flagged (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_note_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShenbaoNoteRow *self = SHENBAO_NOTE_ROW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      shenbao_note_row_set_text (self, g_value_get_string (value));
      break;
    case PROP_FLAGGED:
      shenbao_note_row_set_flagged (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_note_row_class_init (ShenbaoNoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_note_row_dispose;
  object_class->get_property = shenbao_note_row_get_property;
  object_class->set_property = shenbao_note_row_set_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLAGGED] = g_param_spec_boolean ("flagged", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-note-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoNoteRow, label);
}

static void
shenbao_note_row_init (ShenbaoNoteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* flagged: the text is a point the policy leaves open, shown as a warning. */
GtkWidget *
shenbao_note_row_new (const char *text,
                      gboolean    flagged)
{
  return g_object_new (SHENBAO_TYPE_NOTE_ROW, "text", text, "flagged", flagged, NULL);
}

const char *
shenbao_note_row_get_text (ShenbaoNoteRow *self)
{
  g_return_val_if_fail (SHENBAO_IS_NOTE_ROW (self), NULL);
  return gtk_label_get_text (self->label);
}

void
shenbao_note_row_set_text (ShenbaoNoteRow *self,
                           const char     *text)
{
  g_return_if_fail (SHENBAO_IS_NOTE_ROW (self));

  if (g_strcmp0 (gtk_label_get_text (self->label), text != NULL ? text : "") == 0)
    return;
  gtk_label_set_text (self->label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

gboolean
shenbao_note_row_get_flagged (ShenbaoNoteRow *self)
{
  g_return_val_if_fail (SHENBAO_IS_NOTE_ROW (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self->label), "warning");
}

void
shenbao_note_row_set_flagged (ShenbaoNoteRow *self,
                              gboolean        flagged)
{
  g_return_if_fail (SHENBAO_IS_NOTE_ROW (self));

  flagged = !!flagged;
  if (shenbao_note_row_get_flagged (self) == flagged)
    return;
  if (flagged)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "warning");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FLAGGED]);
}
