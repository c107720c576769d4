/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-field-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "shenbao-accessible.h"
#include "shenbao-credit-code.h"
#include "shenbao-field-row.h"
#include "shenbao-parse.h"
#include "shenbao-region-chooser.h"
#include "shenbao-ui-text.h"

/* One input generated from a field of a policy or a company fact: the widget fits the type
 * (text entry with its unit, a choice for yes/no and lists of values), and every edit is saved
 * at once. */
struct _ShenbaoFieldRow
{
  AdwActionRow        parent_instance;

  ShenbaoFiling *filing;
  ShenbaoField       *field;
  char               *help;
  gboolean            updating;

  GtkEntry           *entry;
  GtkLabel           *unit_label;
  GtkWidget          *calendar_button;
  GtkWidget          *table_button;
  GtkGrid            *table_grid;
  guint               table_rows;
  GtkPopover         *calendar_popover;
  GtkCalendar        *calendar;
  GtkDropDown        *dropdown;
  ShenbaoRegionChooser *region_chooser;
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
  if (!shenbao_filing_set_text (self->filing, self->field, text, &error))
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

/* ------------------------------------------------------------------ list fields as a table */

/* The table is another way to type the list: it writes the same "a,b;c,d" text into the entry,
 * which stays the one thing saved. The core joins the cells, quoting one that holds a comma
 * ("2,400,000"), so the text reads back into the same cells. */
static void
table_to_entry (ShenbaoFieldRow *self)
{
  guint n_columns = shenbao_field_get_columns (self->field)->len;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *text = NULL;

  for (guint r = 1; r <= self->table_rows; r++)
    {
      char **cells;
      gboolean empty = TRUE;

      if (gtk_grid_get_child_at (self->table_grid, 0, r) == NULL)
        continue;
      cells = g_new0 (char *, n_columns + 1);
      for (guint c = 0; c < n_columns; c++)
        {
          const char *cell = gtk_editable_get_text (GTK_EDITABLE (gtk_grid_get_child_at (self->table_grid, c, r)));

          empty &= *cell == '\0';
          cells[c] = g_strdup (cell);
        }
      if (empty)
        g_strfreev (cells);
      else
        g_ptr_array_add (rows, cells);
    }
  text = shenbao_list_text_join (rows);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

static void
on_cell_changed (ShenbaoFieldRow *self)
{
  if (!self->updating)
    table_to_entry (self);
}

static void
on_remove_row (GtkButton       *button,
               ShenbaoFieldRow *self)
{
  int row = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "row"));

  for (guint c = 0; c <= shenbao_field_get_columns (self->field)->len; c++)
    {
      GtkWidget *cell = gtk_grid_get_child_at (self->table_grid, c, row);
      if (cell != NULL)
        gtk_grid_remove (self->table_grid, cell);
    }
  table_to_entry (self);
}

static void
append_table_row (ShenbaoFieldRow  *self,
                  const char      **cells)
{
  GPtrArray *columns = shenbao_field_get_columns (self->field);
  guint n_columns = columns->len;
  int row = (int) ++self->table_rows;
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  for (guint c = 0; c < n_columns; c++)
    {
      ShenbaoField *column = g_ptr_array_index (columns, c);
      GtkWidget *cell = gtk_entry_new ();

      gtk_editable_set_width_chars (GTK_EDITABLE (cell), 12);
      gtk_editable_set_text (GTK_EDITABLE (cell), cells != NULL && cells[c] != NULL ? cells[c] : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      shenbao_ui_text (shenbao_field_get_label (column)), -1);
      g_signal_connect_swapped (cell, "changed", G_CALLBACK (on_cell_changed), self);
      gtk_grid_attach (self->table_grid, cell, (int) c, row, 1, 1);
    }
  gtk_widget_add_css_class (remove, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Row"), -1);
  gtk_widget_set_tooltip_text (remove, _("Remove Row"));
  g_object_set_data (G_OBJECT (remove), "row", GINT_TO_POINTER (row));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_row), self);
  gtk_grid_attach (self->table_grid, remove, (int) n_columns, row, 1, 1);
}

/* Each time the table opens it shows what the entry holds now. */
static void
on_table_shown (ShenbaoFieldRow *self)
{
  /* Text the core cannot split (an unclosed quote) opens as an empty table; the entry keeps the
   * text and the review shows why it is wrong. */
  g_autoptr(GPtrArray) rows = shenbao_list_text_split (gtk_editable_get_text (GTK_EDITABLE (self->entry)), NULL);
  GPtrArray *columns = shenbao_field_get_columns (self->field);
  guint n_columns = columns->len;
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);
  self->table_rows = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      ShenbaoField *column = g_ptr_array_index (columns, c);
      GtkWidget *header = gtk_label_new (shenbao_ui_text (shenbao_field_get_label (column)));

      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_label_set_wrap (GTK_LABEL (header), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (header), 14);
      gtk_widget_add_css_class (header, "caption-heading");
      gtk_grid_attach (self->table_grid, header, (int) c, 0, 1, 1);
    }
  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      /* A row typed with fewer values than columns is padded: the table reads one per column. */
      char **cells = g_ptr_array_index (rows, r);
      g_autofree const char **padded = g_new0 (const char *, n_columns + 1);

      for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
        padded[c] = cells[c];
      append_table_row (self, padded);
    }
  if (self->table_rows == 0)
    append_table_row (self, NULL);
  self->updating = FALSE;
}

static void
on_add_row (ShenbaoFieldRow *self)
{
  append_table_row (self, NULL);
}

/* A date picked on the calendar is written into the entry as the user would type it. */
static void
on_day_selected (ShenbaoFieldRow *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_popover_popdown (self->calendar_popover);
}

/* The calendar opens at the date entered, as the core reads it; at today when there is none. */
static void
on_calendar_shown (ShenbaoFieldRow *self)
{
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (shenbao_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &date, NULL) && g_date_valid (&date))
    day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  else
    day = g_date_time_new_now_local ();
  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->updating = FALSE;
}

static void
on_entry_activated (ShenbaoFieldRow *self)
{
  /* Enter moves the wizard on when the page is complete, else shows what is left. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.next-checked", NULL);
}

/* The values a dropdown offers after its first item, which leaves the field unset. */
static const char *
choice_value (ShenbaoFieldRow *self,
              guint            index)
{
  static const char *yes_no[] = { "yes", "no" };
  GPtrArray *choices;

  if (shenbao_field_get_kind (self->field) == SHENBAO_FIELD_BOOL)
    return index < G_N_ELEMENTS (yes_no) ? yes_no[index] : NULL;
  choices = shenbao_field_get_choices (self->field);
  if (choices == NULL || index >= choices->len)
    return NULL;
  return shenbao_choice_get_value (g_ptr_array_index (choices, index));
}

static void
on_dropdown_selected (ShenbaoFieldRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  /* The first item is "Choose…" (or the policy's default, not yet confirmed): unset. */
  save_text (self, selected == 0 ? NULL : choice_value (self, selected - 1));
}

/* The chooser holds a six-digit code, saved as if typed. */
static void
on_region_chosen (ShenbaoFieldRow *self)
{
  const char *code = shenbao_region_chooser_get_code (self->region_chooser);

  save_text (self, code != NULL ? code : "");
}

static void
shenbao_field_row_dispose (GObject *object)
{
  ShenbaoFieldRow *self = (ShenbaoFieldRow *) object;

  g_clear_object (&self->filing);
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

  g_type_ensure (SHENBAO_TYPE_REGION_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, entry);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, unit_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, table_button);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, table_grid);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFieldRow, region_chooser);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_table_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_region_chosen);
}

static void
shenbao_field_row_init (ShenbaoFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static const char *
unit_text (ShenbaoField *field)
{
  switch (shenbao_field_get_kind (field))
    {
    case SHENBAO_FIELD_MONEY:
      return _("yuan");
    case SHENBAO_FIELD_PERCENT:
      return "%";
    case SHENBAO_FIELD_NUMBER:
    case SHENBAO_FIELD_INTEGER:
      return shenbao_ui_unit_label (shenbao_field_get_unit_text (field));
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

static const char *
choice_label (ShenbaoFieldRow *self,
              const char      *value)
{
  if (shenbao_field_get_kind (self->field) == SHENBAO_FIELD_BOOL)
    return g_strcmp0 (value, "yes") == 0 ? _("Yes") : _("No");
  return shenbao_ui_field_value (self->field, value);
}

/* A choice is unset until the user picks one: the first item says so, or shows the policy's
 * default as a default, which is saved only when the user picks it. */
static char *
unset_label (ShenbaoFieldRow *self)
{
  const ShenbaoValue *fallback = shenbao_field_get_default_value (self->field);

  if (fallback == NULL)
    return g_strdup (_("Choose…"));
  /* Translators: %s is the label of a choice, e.g. "Default: Enterprise" */
  return g_strdup_printf (_("Default: %s"),
                          choice_label (self, fallback->type == SHENBAO_VALUE_BOOL
                                              ? (fallback->boolean ? "yes" : "no") : fallback->string));
}

static void
set_up_choices (ShenbaoFieldRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *unset = unset_label (self);
  const char *value;

  gtk_string_list_append (labels, unset);
  for (guint i = 0; (value = choice_value (self, i)) != NULL; i++)
    gtk_string_list_append (labels, choice_label (self, value));
  self->updating = TRUE;
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (labels));
  self->updating = FALSE;
}

static GtkWidget *
input_widget (ShenbaoFieldRow *self)
{
  switch (shenbao_field_get_kind (self->field))
    {
    case SHENBAO_FIELD_BOOL:
    case SHENBAO_FIELD_CHOICE:
      return GTK_WIDGET (self->dropdown);
    case SHENBAO_FIELD_REGION:
      return GTK_WIDGET (self->region_chooser);
    default:
      return GTK_WIDGET (self->entry);
    }
}

static char *
list_help (ShenbaoField *field)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  GPtrArray *list_columns = shenbao_field_get_columns (field);

  for (guint i = 0; list_columns != NULL && i < list_columns->len; i++)
    g_string_append_printf (columns, "%s%s", i > 0 ? ", " : "",
                            shenbao_ui_text (shenbao_field_get_label (g_ptr_array_index (list_columns, i))));
  g_string_prepend (columns, _("One row per item, rows separated by “;”, values by “,”: "));
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

GtkWidget *
shenbao_field_row_new (ShenbaoFiling *application,
                       ShenbaoField  *field)
{
  ShenbaoFieldRow *self = g_object_new (SHENBAO_TYPE_FIELD_ROW, NULL);
  ShenbaoFieldType kind = shenbao_field_get_kind (field);
  const char *label = shenbao_ui_text (shenbao_field_get_label (field));
  const char *unit = unit_text (field);
  g_autofree char *title = shenbao_field_is_required (field) ? g_strdup_printf ("%s *", label)
                                                             : g_strdup (label);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  GtkWidget *input;

  self->filing = g_object_ref (application);
  self->field = field;
  /* The input key names the widget, so a problem in the review list can find its field. */
  gtk_widget_set_name (GTK_WIDGET (self), shenbao_field_get_input_key (field));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped);

  input = input_widget (self);
  gtk_widget_set_visible (input, TRUE);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), input);
  shenbao_accessible_set_label (input, label);
  if (kind == SHENBAO_FIELD_CHOICE || kind == SHENBAO_FIELD_BOOL)
    set_up_choices (self);
  if (kind == SHENBAO_FIELD_REGION)
    shenbao_region_chooser_set_title (self->region_chooser, label);
  /* A credit code is read whole: its 18 characters fit, on a phone too. */
  if (kind == SHENBAO_FIELD_CREDIT_CODE)
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 18);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 18);
    }
  gtk_widget_set_visible (self->calendar_button, kind == SHENBAO_FIELD_DATE);
  gtk_widget_set_visible (self->table_button,
                          kind == SHENBAO_FIELD_LIST && shenbao_field_get_columns (field) != NULL);
  if (unit != NULL)
    {
      gtk_label_set_text (self->unit_label, unit);
      gtk_widget_set_visible (GTK_WIDGET (self->unit_label), TRUE);
    }

  self->help = kind == SHENBAO_FIELD_LIST ? list_help (field)
                                          : g_strdup (shenbao_ui_text (shenbao_field_get_help (field)));
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
  switch (shenbao_field_get_kind (self->field))
    {
    case SHENBAO_FIELD_BOOL:
    case SHENBAO_FIELD_CHOICE:
      {
        guint selected = 0;
        const char *value;

        for (guint i = 0; text != NULL && (value = choice_value (self, i)) != NULL; i++)
          if (g_str_equal (value, text))
            selected = i + 1;
        gtk_drop_down_set_selected (self->dropdown, selected);
      }
      break;
    case SHENBAO_FIELD_REGION:
      shenbao_region_chooser_set_code (self->region_chooser, text);
      break;
    default:
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text != NULL ? text : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
      break;
    }
}

/* Under a valid credit code, the registration authority its characters 3–8 name. A code the
 * division table lacks is only noted: the check characters already proved it was copied right,
 * and the table may lag behind a new division. */
static char *
credit_code_authority (ShenbaoFieldRow *self)
{
  const char *text = shenbao_filing_get_text (self->filing, shenbao_field_get_input_key (self->field));
  g_autofree char *digits = NULL;
  g_autofree char *label = NULL;
  const ShenbaoRegion *region;

  if (shenbao_field_get_kind (self->field) != SHENBAO_FIELD_CREDIT_CODE || text == NULL || *text == '\0')
    return NULL;
  region = shenbao_credit_code_lookup_region (text, &digits);
  if (digits == NULL)
    return NULL;
  if (region == NULL)
    return g_strdup_printf (_("Registration authority: %s is not in the national division table"), digits);
  label = shenbao_region_dup_label (region);
  return g_strdup_printf (_("Registration authority: %s"), label);
}

/* The field's help, with what the value tells beyond it. */
static char *
help_text (ShenbaoFieldRow *self)
{
  g_autofree char *authority = credit_code_authority (self);

  if (authority == NULL)
    return g_strdup (self->help);
  if (self->help == NULL || *self->help == '\0')
    return g_steal_pointer (&authority);
  return g_strdup_printf ("%s\n%s", self->help, authority);
}

/* The subtitle carries the help, or the error in its place while there is one. */
static void
show_error (ShenbaoFieldRow *self,
            const char      *error)
{
  g_autofree char *markup = NULL;
  g_autofree char *help = error == NULL ? help_text (self) : NULL;

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error, -1);
      markup = g_strdup_printf ("<span foreground=\"#c01c28\">%s</span>", escaped);
      gtk_widget_add_css_class (input_widget (self), "error");
    }
  else
    {
      markup = g_markup_escape_text (help != NULL ? help : "", -1);
      gtk_widget_remove_css_class (input_widget (self), "error");
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (input_widget (self)), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error != NULL ? error : (help != NULL ? help : ""), -1);
}

/* Shows the saved text and the field's error, if any, as the user types. */
void
shenbao_field_row_refresh (ShenbaoFieldRow *self)
{
  const char *key = shenbao_field_get_input_key (self->field);

  self->updating = TRUE;
  show_value (self, shenbao_filing_get_text (self->filing, key));
  self->updating = FALSE;
  show_error (self, shenbao_filing_get_error (self->filing, key));
}
