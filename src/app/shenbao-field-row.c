/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-field-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "shenbao-field-row.h"
#include "shenbao-page-util.h"
#include "shenbao-ui-text.h"

/* One input generated from a field of a policy or a company fact: the widget fits the type
 * (text entry with its unit, switch, choice), and every edit is saved at once. */
struct _ShenbaoFieldRow
{
  AdwActionRow        parent_instance;

  ShenbaoApplication *application;
  ShenbaoField       *field;
  char               *help;
  gboolean            updating;

  GtkEntry           *entry;
  GtkLabel           *unit_label;
  GtkWidget          *calendar_button;
  GtkPopover         *calendar_popover;
  GtkCalendar        *calendar;
  GtkSwitch          *switch_;
  GtkDropDown        *dropdown;
};

G_DEFINE_FINAL_TYPE (ShenbaoFieldRow, shenbao_field_row, ADW_TYPE_ACTION_ROW)

static void show_error (ShenbaoFieldRow *self, const char *error);

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
      show_error (self, error->message);
      return;
    }
  shenbao_field_row_refresh (self);
}

static void
on_entry_changed (ShenbaoFieldRow *self)
{
  save_text (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

/* A date picked on the calendar is written into the entry as the user would type it. */
static void
on_day_selected (ShenbaoFieldRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_popover_popdown (self->calendar_popover);
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
on_dropdown_selected (ShenbaoFieldRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);
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
  g_clear_pointer (&self->help, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, entry);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, unit_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, calendar);
  gtk_widget_class_bind_template_child_full (widget_class, "switch", FALSE,
                                             G_STRUCT_OFFSET (ShenbaoFieldRow, switch_));
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_selected);
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
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (labels));
}

static GtkWidget *
input_widget (ShenbaoFieldRow *self)
{
  switch (self->field->type)
    {
    case SHENBAO_FIELD_BOOL:
      return GTK_WIDGET (self->switch_);
    case SHENBAO_FIELD_CHOICE:
      return GTK_WIDGET (self->dropdown);
    default:
      return GTK_WIDGET (self->entry);
    }
}

static char *
list_help (ShenbaoField *field)
{
  g_autoptr(GString) columns = g_string_new (NULL);

  for (guint i = 0; field->columns != NULL && i < field->columns->len; i++)
    g_string_append_printf (columns, "%s%s", i > 0 ? ", " : "",
                            shenbao_ui_text (&((ShenbaoField *) g_ptr_array_index (field->columns, i))->label));
  g_string_prepend (columns, _("One row per item, rows separated by “;”, values by “,”: "));
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

GtkWidget *
shenbao_field_row_new (ShenbaoApplication *application,
                       ShenbaoField       *field)
{
  ShenbaoFieldRow *self = g_object_new (SHENBAO_TYPE_FIELD_ROW, NULL);
  const char *label = shenbao_ui_text (&field->label);
  const char *unit = unit_text (field);
  g_autofree char *title = field->required ? g_strdup_printf ("%s *", label) : g_strdup (label);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  GtkWidget *input;

  self->application = g_object_ref (application);
  self->field = field;
  /* The input key names the widget, so a problem in the review list can find its field. */
  gtk_widget_set_name (GTK_WIDGET (self), field->input_key);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped);

  input = input_widget (self);
  gtk_widget_set_visible (input, TRUE);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), input);
  shenbao_accessible_set_label (input, label);
  if (field->type == SHENBAO_FIELD_CHOICE)
    set_up_choices (self);
  if (field->type == SHENBAO_FIELD_TEXT || field->type == SHENBAO_FIELD_LIST)
    gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 30);
  gtk_widget_set_visible (self->calendar_button, field->type == SHENBAO_FIELD_DATE);
  if (unit != NULL)
    {
      gtk_label_set_text (self->unit_label, unit);
      gtk_widget_set_visible (GTK_WIDGET (self->unit_label), TRUE);
    }

  self->help = field->type == SHENBAO_FIELD_LIST ? list_help (field) : g_strdup (shenbao_ui_text (&field->help));
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
  return input_widget (self);
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
        gtk_drop_down_set_selected (self->dropdown, selected);
      }
      break;
    default:
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text != NULL ? text : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
      break;
    }
}

/* The subtitle carries the help, or the error in its place while there is one. */
static void
show_error (ShenbaoFieldRow *self,
            const char      *error)
{
  g_autofree char *markup = NULL;

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error, -1);
      markup = g_strdup_printf ("<span foreground=\"#c01c28\">%s</span>", escaped);
      gtk_widget_add_css_class (input_widget (self), "error");
    }
  else
    {
      markup = g_markup_escape_text (self->help != NULL ? self->help : "", -1);
      gtk_widget_remove_css_class (input_widget (self), "error");
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (input_widget (self)), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error != NULL ? error : (self->help != NULL ? self->help : ""), -1);
}

/* Shows the saved text and the field's error, if any, as the user types. */
void
shenbao_field_row_refresh (ShenbaoFieldRow *self)
{
  const char *key = self->field->input_key;

  self->updating = TRUE;
  show_value (self, shenbao_application_get_text (self->application, key));
  self->updating = FALSE;
  show_error (self, shenbao_application_get_error (self->application, key));
}
