/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-clause-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-clause-page.h"
#include "shenbao-field-row.h"
#include "shenbao-page-util.h"
#include "shenbao-ui-text.h"

/* One claimed clause: its words, a form generated from its fields, the company figures it
 * reads, its attachments, and the award recomputed at every keystroke with its arithmetic. */
struct _ShenbaoClausePage
{
  AdwBin               parent_instance;

  ShenbaoApplication  *application;
  ShenbaoClause       *clause;
  GPtrArray           *rows;

  AdwPreferencesGroup *text_group;
  GtkLabel            *title_label;
  GtkLabel            *quote_label;
  GtkLabel            *flags_label;
  GtkLabel            *amount_label;
  GtkLabel            *explanation_label;
  GtkExpander         *formulas_expander;
  GtkLabel            *formulas_label;
  AdwPreferencesGroup *inputs_group;
  AdwPreferencesGroup *facts_group;
  AdwPreferencesGroup *attachments_group;
};

G_DEFINE_FINAL_TYPE (ShenbaoClausePage, shenbao_clause_page, ADW_TYPE_BIN)

static void
shenbao_clause_page_dispose (GObject *object)
{
  ShenbaoClausePage *self = (ShenbaoClausePage *) object;

  g_clear_object (&self->application);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_CLAUSE_PAGE);
  G_OBJECT_CLASS (shenbao_clause_page_parent_class)->dispose (object);
}

static void
shenbao_clause_page_class_init (ShenbaoClausePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_clause_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-clause-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, text_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, quote_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, flags_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, amount_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, formulas_expander);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, formulas_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, inputs_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, facts_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausePage, attachments_group);
}

static void
shenbao_clause_page_init (ShenbaoClausePage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                GtkWidget       *row)
{
  ShenbaoClausePage *self = SHENBAO_CLAUSE_PAGE (gtk_widget_get_ancestor (row, SHENBAO_TYPE_CLAUSE_PAGE));
  ShenbaoField *field = g_object_get_data (G_OBJECT (row), "field");

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!shenbao_application_set_text (self->application, field, path, &error))
        g_warning ("Cannot save the attachment: %s", error->message);
      shenbao_clause_page_refresh (self);
    }
  g_object_unref (dialog);
}

static void
on_choose_file (GtkButton *button,
                GtkWidget *row)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (button));
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Choose the Attachment"),
                                                              GTK_WINDOW (native),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Attach"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), row);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Attachments are stored like fields, under a key of their own, so they are saved as typed too. */
static ShenbaoField *
attachment_field (ShenbaoClause     *clause,
                  ShenbaoAttachment *attachment)
{
  ShenbaoField *field = g_new0 (ShenbaoField, 1);

  field->id = g_strdup (attachment->id);
  field->type = SHENBAO_FIELD_TEXT;
  field->input_key = g_strdup_printf ("%s/attachment/%s", clause->full_id, attachment->id);
  field->label.zh = g_strdup (attachment->label.zh);
  field->label.en = g_strdup (attachment->label.en);
  return field;
}

static void
add_attachments (ShenbaoClausePage *self)
{
  for (guint i = 0; i < self->clause->attachments->len; i++)
    {
      ShenbaoAttachment *attachment = g_ptr_array_index (self->clause->attachments, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Choose File…"));
      ShenbaoField *field = attachment_field (self->clause, attachment);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, shenbao_ui_text (&attachment->label));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (on_choose_file), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data_full (G_OBJECT (row), "field", field, (GDestroyNotify) shenbao_field_free);
      gtk_widget_set_name (row, field->input_key);
      adw_preferences_group_add (self->attachments_group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_group), self->clause->attachments->len > 0);
}

static void
add_field_rows (ShenbaoClausePage   *self,
                AdwPreferencesGroup *group,
                GPtrArray           *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      GtkWidget *row = shenbao_field_row_new (self->application, g_ptr_array_index (fields, i));

      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (group), fields->len > 0);
}

static void
show_text (ShenbaoClausePage *self)
{
  g_autoptr(GString) flags = g_string_new (NULL);
  g_autofree char *title = g_strdup_printf ("%s · %s", self->clause->id, shenbao_ui_text (&self->clause->title));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->quote_label, self->clause->quote);
  for (guint i = 0; i < self->clause->flags->len; i++)
    {
      const ShenbaoFlag *flag = shenbao_policy_find_flag (self->clause->policy, g_ptr_array_index (self->clause->flags, i));

      g_string_append_printf (flags, "%s⚑ %s", flags->len > 0 ? "\n" : "", shenbao_ui_text (&flag->text));
    }
  gtk_label_set_text (self->flags_label, flags->str);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label), flags->len > 0);
}

GtkWidget *
shenbao_clause_page_new (ShenbaoApplication *application,
                         ShenbaoClause      *clause)
{
  ShenbaoClausePage *self = g_object_new (SHENBAO_TYPE_CLAUSE_PAGE, NULL);
  g_autoptr(GPtrArray) facts = g_ptr_array_new ();
  ShenbaoPolicySet *policies = shenbao_application_get_policies (application);

  self->application = g_object_ref (application);
  self->clause = clause;
  show_text (self);
  /* A policy-level field the clause computes with (e.g. Suzhou's first-set list, shared by 9a
   * and 9b) is edited here too, so every input the clause needs has its place on its page. */
  {
    g_autoptr(GPtrArray) inputs = g_ptr_array_new ();

    for (guint i = 0; i < clause->fields->len; i++)
      g_ptr_array_add (inputs, g_ptr_array_index (clause->fields, i));

    for (guint i = 0; i < clause->policy_fields_used->len; i++)
      g_ptr_array_add (inputs, shenbao_policy_find_field (clause->policy,
                                                          g_ptr_array_index (clause->policy_fields_used, i)));
    add_field_rows (self, self->inputs_group, inputs);
  }
  for (guint i = 0; i < clause->facts_used->len; i++)
    g_ptr_array_add (facts, shenbao_policy_set_find_fact (policies, g_ptr_array_index (clause->facts_used, i)));
  add_field_rows (self, self->facts_group, facts);
  add_attachments (self);
  shenbao_clause_page_refresh (self);
  return GTK_WIDGET (self);
}

ShenbaoClause *
shenbao_clause_page_get_clause (ShenbaoClausePage *self)
{
  g_return_val_if_fail (SHENBAO_IS_CLAUSE_PAGE (self), NULL);
  return self->clause;
}

static void
refresh_attachments (ShenbaoClausePage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      ShenbaoField *field = ADW_IS_ACTION_ROW (row) ? g_object_get_data (G_OBJECT (row), "field") : NULL;
      const char *path;

      if (field == NULL)
        continue;
      path = shenbao_application_get_text (self->application, field->input_key);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path != NULL ? path : _("Not attached yet"));
    }
}

/* The award and its arithmetic, recomputed from everything entered so far. */
void
shenbao_clause_page_refresh (ShenbaoClausePage *self)
{
  ShenbaoPolicyResult *result = shenbao_application_get_result (self->application);
  ShenbaoClauseResult *clause_result = result != NULL ? shenbao_policy_result_find (result, self->clause->id) : NULL;
  g_autofree char *amount = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *formulas = NULL;

  shenbao_page_refresh_rows (self->rows);
  refresh_attachments (self);
  if (clause_result == NULL)
    return;
  amount = shenbao_ui_clause_amount (clause_result);
  explanation = shenbao_ui_explanation (clause_result);
  gtk_label_set_text (self->amount_label, amount);
  gtk_label_set_text (self->explanation_label, explanation);
  formulas = shenbao_ui_formulas (clause_result);
  gtk_label_set_text (self->formulas_label, formulas);
  gtk_widget_set_visible (GTK_WIDGET (self->formulas_expander), *formulas != '\0');
}
