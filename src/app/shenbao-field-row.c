/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-field-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "shenbao-field-row.h"
#include "shenbao-ui-text.h"

/* One input generated from a field of a policy or a company fact: the widget fits the type
 * (text entry with its unit, switch, choice), and every edit is saved at once. */
struct _ShenbaoFieldRow
{
  GtkBox              parent_instance;

  ShenbaoApplication *application;
  ShenbaoField       *field;
  gboolean            updating;

  AdwEntryRow        *entry_row;
  GtkLabel           *unit_label;
  AdwActionRow       *switch_row;
  GtkSwitch          *switch_;
  AdwComboRow        *combo_row;
  GtkLabel           *help_label;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (ShenbaoFieldRow, shenbao_field_row, GTK_TYPE_BOX)

static void
save_text (ShenbaoFieldRow *self,
           const char      *text)
{
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  if (!shenbao_application_set_text (self->application, self->field, text, &error))
    {
      /* Storage failed: say so at the field, keep what is typed on screen. */
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  shenbao_field_row_refresh (self);
}

static void
on_entry_changed (ShenbaoFieldRow *self)
{
  save_text (self, gtk_editable_get_text (GTK_EDITABLE (self->entry_row)));
}

static void
on_entry_activated (ShenbaoFieldRow *self)
{
  /* Enter moves the wizard on, as the Next button would. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.next", NULL);
}

static void
on_switch_toggled (ShenbaoFieldRow *self)
{
  save_text (self, gtk_switch_get_active (self->switch_) ? "yes" : "no");
}

static void
on_combo_selected (ShenbaoFieldRow *self)
{
  guint selected = adw_combo_row_get_selected (self->combo_row);
  ShenbaoChoice *choice;

  if (selected == GTK_INVALID_LIST_POSITION || self->field->choices == NULL
      || selected >= self->field->choices->len)
    return;
  choice = g_ptr_array_index (self->field->choices, selected);
  save_text (self, choice->value);
}

static void
shenbao_field_row_dispose (GObject *object)
{
  ShenbaoFieldRow *self = (ShenbaoFieldRow *) object;

  g_clear_object (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHENBAO_TYPE_FIELD_ROW);
  G_OBJECT_CLASS (shenbao_field_row_parent_class)->dispose (object);
}

static void
shenbao_field_row_class_init (ShenbaoFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_field_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, entry_row);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, unit_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, switch_row);
  gtk_widget_class_bind_template_child_full (widget_class, "switch", FALSE,
                                             G_STRUCT_OFFSET (ShenbaoFieldRow, switch_));
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, combo_row);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, help_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_selected);
}

static void
shenbao_field_row_init (ShenbaoFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static const char *
unit_text (ShenbaoField *field)
{
  switch (field->type)
    {
    case SHENBAO_FIELD_MONEY:
      return _("yuan");
    case SHENBAO_FIELD_PERCENT:
      return "%";
    case SHENBAO_FIELD_NUMBER:
    case SHENBAO_FIELD_INTEGER:
      return shenbao_ui_unit_label (field->unit_text);
    case SHENBAO_FIELD_DATE:
      return _("YYYY-MM-DD");
    case SHENBAO_FIELD_BOOL:
    case SHENBAO_FIELD_CHOICE:
    case SHENBAO_FIELD_TEXT:
    case SHENBAO_FIELD_REGION:
    case SHENBAO_FIELD_LIST:
    case SHENBAO_FIELD_CREDIT_CODE:
    default:
      return NULL;
    }
}

static void
set_up_choices (ShenbaoFieldRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->field->choices->len; i++)
    {
      ShenbaoChoice *choice = g_ptr_array_index (self->field->choices, i);
      gtk_string_list_append (labels, shenbao_ui_text (&choice->label));
    }
  adw_combo_row_set_model (self->combo_row, G_LIST_MODEL (labels));
}

static GtkWidget *
visible_row (ShenbaoFieldRow *self)
{
  switch (self->field->type)
    {
    case SHENBAO_FIELD_BOOL:
      return GTK_WIDGET (self->switch_row);
    case SHENBAO_FIELD_CHOICE:
      return GTK_WIDGET (self->combo_row);
    default:
      return GTK_WIDGET (self->entry_row);
    }
}

GtkWidget *
shenbao_field_row_new (ShenbaoApplication *application,
                       ShenbaoField       *field)
{
  ShenbaoFieldRow *self = g_object_new (SHENBAO_TYPE_FIELD_ROW, NULL);
  const char *label = shenbao_ui_text (&field->label);
  const char *help = shenbao_ui_text (&field->help);
  const char *unit = unit_text (field);
  g_autofree char *title = field->required ? g_strdup_printf ("%s *", label) : g_strdup (label);
  GtkWidget *row;

  self->application = g_object_ref (application);
  self->field = field;
  /* The input key names the widget, so a problem in the review list can find its field. */
  gtk_widget_set_name (GTK_WIDGET (self), field->input_key);

  row = visible_row (self);
  gtk_widget_set_visible (row, TRUE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (field->type == SHENBAO_FIELD_CHOICE)
    set_up_choices (self);
  if (unit != NULL)
    {
      gtk_label_set_text (self->unit_label, unit);
      gtk_widget_set_visible (GTK_WIDGET (self->unit_label), TRUE);
    }

  if (help != NULL && *help != '\0')
    {
      if (field->type == SHENBAO_FIELD_BOOL)
        adw_action_row_set_subtitle (self->switch_row, help);
      else
        {
          gtk_label_set_text (self->help_label, help);
          gtk_widget_set_visible (GTK_WIDGET (self->help_label), TRUE);
        }
    }
  if (field->type == SHENBAO_FIELD_LIST && field->columns != NULL)
    {
      g_autoptr(GString) columns = g_string_new (NULL);

      for (guint i = 0; i < field->columns->len; i++)
        g_string_append_printf (columns, "%s%s", i > 0 ? ", " : "",
                                shenbao_ui_text (&((ShenbaoField *) g_ptr_array_index (field->columns, i))->label));
      g_string_prepend (columns, _("One row per item, rows separated by “;”, values by “,”: "));
      gtk_label_set_text (self->help_label, columns->str);
      gtk_widget_set_visible (GTK_WIDGET (self->help_label), TRUE);
    }

  shenbao_field_row_refresh (self);
  return GTK_WIDGET (self);
}

ShenbaoField *
shenbao_field_row_get_field (ShenbaoFieldRow *self)
{
  g_return_val_if_fail (SHENBAO_IS_FIELD_ROW (self), NULL);
  return self->field;
}

/* The widget that takes the keyboard focus for this field. */
GtkWidget *
shenbao_field_row_get_input (ShenbaoFieldRow *self)
{
  g_return_val_if_fail (SHENBAO_IS_FIELD_ROW (self), NULL);
  return visible_row (self);
}

static void
show_value (ShenbaoFieldRow *self,
            const char      *text)
{
  const ShenbaoValue *fallback = self->field->default_value;

  switch (self->field->type)
    {
    case SHENBAO_FIELD_BOOL:
      gtk_switch_set_active (self->switch_, text != NULL ? g_str_equal (text, "yes")
                                            : fallback != NULL && fallback->boolean);
      break;
    case SHENBAO_FIELD_CHOICE:
      {
        const char *wanted = text != NULL ? text : fallback != NULL ? fallback->string : NULL;
        guint selected = GTK_INVALID_LIST_POSITION;

        for (guint i = 0; wanted != NULL && i < self->field->choices->len; i++)
          if (g_str_equal (((ShenbaoChoice *) g_ptr_array_index (self->field->choices, i))->value, wanted))
            selected = i;
        adw_combo_row_set_selected (self->combo_row, selected);
      }
      break;
    default:
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry_row)), text != NULL ? text : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->entry_row), text != NULL ? text : "");
      break;
    }
}

/* Shows the saved text and the field's error, if any, as the user types. */
void
shenbao_field_row_refresh (ShenbaoFieldRow *self)
{
  const char *key = self->field->input_key;
  const char *error = shenbao_application_get_error (self->application, key);

  self->updating = TRUE;
  show_value (self, shenbao_application_get_text (self->application, key));
  self->updating = FALSE;

  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (visible_row (self), "error");
  else
    gtk_widget_remove_css_class (visible_row (self), "error");
}
