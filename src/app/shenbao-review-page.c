/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-review-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shenbao-award-chart.h"
#include "shenbao-page-util.h"
#include "shenbao-review-page.h"
#include "shenbao-ui-text.h"

/* Everything claimed, its total, what no-duplication dropped and why, and every problem left,
 * each of which leads to its field. */
struct _ShenbaoReviewPage
{
  AdwBin               parent_instance;

  ShenbaoApplication  *application;
  GPtrArray           *rows;

  GtkLabel            *total_label;
  GtkLabel            *total_detail_label;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problems_list;
  ShenbaoAwardChart   *chart;
  AdwPreferencesGroup *clauses_group;
  AdwPreferencesGroup *dropped_group;
};

G_DEFINE_FINAL_TYPE (ShenbaoReviewPage, shenbao_review_page, ADW_TYPE_BIN)

static void
on_problem_activated (ShenbaoReviewPage *self,
                      GtkListBoxRow     *row)
{
  const char *key = g_object_get_data (G_OBJECT (row), "input-key");
  const char *clause_id = g_object_get_data (G_OBJECT (row), "clause-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.go-to-field", "(ss)",
                              clause_id != NULL ? clause_id : "", key);
}

static void
shenbao_review_page_dispose (GObject *object)
{
  ShenbaoReviewPage *self = (ShenbaoReviewPage *) object;

  g_clear_object (&self->application);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_REVIEW_PAGE);
  G_OBJECT_CLASS (shenbao_review_page_parent_class)->dispose (object);
}

static void
shenbao_review_page_class_init (ShenbaoReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_review_page_dispose;

  g_type_ensure (SHENBAO_TYPE_AWARD_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, total_detail_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, chart);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, clauses_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, dropped_group);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
}

static void
shenbao_review_page_init (ShenbaoReviewPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
add_row (ShenbaoReviewPage   *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
show_problems (ShenbaoReviewPage *self)
{
  g_autoptr(GPtrArray) problems = shenbao_application_list_problems (self->application, shenbao_prefers_chinese ());
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  for (guint i = 0; i < problems->len; i++)
    {
      ShenbaoProblem *problem = g_ptr_array_index (problems, i);
      const char *short_id = problem->clause_id != NULL ? strchr (problem->clause_id, '/') : NULL;
      g_autofree char *where = short_id != NULL
                               ? g_strdup_printf (_("Clause %s"), short_id + 1)
                               : g_strdup (_("Company profile"));
      GtkWidget *row = text_row (problem->message, where);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "input-key", g_strdup (problem->key), g_free);
      g_object_set_data_full (G_OBJECT (row), "clause-id", g_strdup (problem->clause_id), g_free);
      gtk_list_box_append (self->problems_list, row);
    }
  adw_preferences_group_set_description (self->problems_group,
                                         problems->len == 0 ? _("No problems: every input is valid and complete.")
                                                            : _("Activate a problem to go to its field."));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), problems->len > 0);
}

static char *
fields_summary (ShenbaoReviewPage *self,
                ShenbaoClause     *clause)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < clause->fields->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (clause->fields, i);
      const char *text = shenbao_application_get_text (self->application, field->input_key);

      if (text != NULL)
        g_string_append_printf (out, "%s%s: %s", out->len > 0 ? "\n" : "", shenbao_ui_text (&field->label),
                                shenbao_ui_field_value (field, text));
    }
  return g_string_free (out, FALSE);
}

void
shenbao_review_page_refresh (ShenbaoReviewPage *self)
{
  ShenbaoPolicyResult *result = shenbao_application_get_result (self->application);
  g_autoptr(GPtrArray) chosen = shenbao_application_list_chosen (self->application);
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();
  g_autofree char *total = NULL, *exact = NULL, *detail = NULL;
  guint dropped = 0;

  shenbao_page_remove_rows (self->rows);
  show_problems (self);
  if (result == NULL)
    return;

  total = shenbao_ui_format_yuan (result->total_up_to_fen);
  exact = shenbao_ui_format_yuan (result->total_fen);
  gtk_label_set_text (self->total_label, total);
  /* Translators: %s is an amount such as "1,000,000.00 yuan" */
  detail = g_strdup_printf (_("Of which %s is computed exactly; the rest are “up to” maxima decided on review."), exact);
  gtk_label_set_text (self->total_detail_label, detail);

  for (guint i = 0; i < chosen->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (chosen, i);
      ShenbaoClauseResult *clause_result = shenbao_policy_result_find (result, clause->id);
      g_autofree char *title = g_strdup_printf ("%s · %s", clause->id, shenbao_ui_text (&clause->title));
      g_autofree char *amount = shenbao_ui_clause_amount (clause_result);
      g_autofree char *fields = fields_summary (self, clause);
      g_autofree char *subtitle = *fields != '\0' ? g_strdup_printf ("%s\n%s", amount, fields) : g_strdup (amount);

      add_row (self, self->clauses_group, text_row (title, subtitle));
      g_ptr_array_add (bars, clause_result);
      if (clause_result->dropped)
        {
          add_row (self, self->dropped_group,
                   text_row (title, shenbao_ui_text (&clause_result->dropped_reason)));
          dropped++;
        }
    }
  shenbao_award_chart_set_bars (self->chart, bars);
  gtk_widget_set_visible (GTK_WIDGET (self->dropped_group), dropped > 0);
}

void
shenbao_review_page_set_application (ShenbaoReviewPage  *self,
                                     ShenbaoApplication *application)
{
  g_set_object (&self->application, application);
  shenbao_review_page_refresh (self);
}
