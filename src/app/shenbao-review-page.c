/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-award-chart.h"
#include "shenbao-display.h"
#include "shenbao-page-util.h"
#include "shenbao-problem-row.h"
#include "shenbao-question-row.h"
#include "shenbao-review-page.h"
#include "shenbao-text-row.h"
#include "shenbao-ui-text.h"
#include "shenbao-worksheet.h"

/* Everything claimed, its total, what no-duplication dropped and why, and every problem left,
 * each of which leads to its field. */
struct _ShenbaoReviewPage
{
  ShenbaoPage          parent_instance;

  ShenbaoFiling        *filing;  /* ShenbaoPage's, borrowed */
  GPtrArray           *rows;

  GtkLabel            *total_label;
  GtkLabel            *total_detail_label;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problems_list;
  ShenbaoAwardChart   *chart;
  AdwPreferencesGroup *clauses_group;
  AdwPreferencesGroup *dropped_group;
  AdwPreferencesGroup *questions_group;
  AdwPreferencesGroup *could_claim_group;
  GHashTable          *glossed;   /* programme words already glossed on the page */
};

G_DEFINE_FINAL_TYPE (ShenbaoReviewPage, shenbao_review_page, SHENBAO_TYPE_PAGE)

static void shenbao_review_page_refresh (ShenbaoPage *page);

static void
filing_set (ShenbaoPage *page)
{
  SHENBAO_REVIEW_PAGE (page)->filing = shenbao_page_get_filing (page);
}

static void
shenbao_review_page_dispose (GObject *object)
{
  ShenbaoReviewPage *self = (ShenbaoReviewPage *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->glossed, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_REVIEW_PAGE);
  G_OBJECT_CLASS (shenbao_review_page_parent_class)->dispose (object);
}

static void
shenbao_review_page_class_init (ShenbaoReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ShenbaoPageClass *page_class = SHENBAO_PAGE_CLASS (klass);

  object_class->dispose = shenbao_review_page_dispose;
  /* The total and the problems follow every change, while the page is shown. */
  page_class->refresh = shenbao_review_page_refresh;
  page_class->filing_set = filing_set;
  page_class->follows_changes = TRUE;


  g_type_ensure (SHENBAO_TYPE_AWARD_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, total_detail_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, chart);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, clauses_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, dropped_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, questions_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoReviewPage, could_claim_group);
}

static void
shenbao_review_page_init (ShenbaoReviewPage *self)
{
  self->rows = g_ptr_array_new ();
  self->glossed = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* In the English UI, a word of a Chinese programme (揭榜挂帅, 规上…) gets its gloss the first time
 * on the page. Returns a new string. */
static char *
gloss (ShenbaoReviewPage *self,
       const char        *text)
{
  if (shenbao_prefers_chinese () || text == NULL)
    return g_strdup (text);
  return shenbao_worksheet_gloss (text, self->glossed);
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
  g_autoptr(GPtrArray) problems = shenbao_filing_list_problems (self->filing, shenbao_prefers_chinese ());
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  for (guint i = 0; i < problems->len; i++)
    {
      gtk_list_box_append (self->problems_list, shenbao_problem_row_new (g_ptr_array_index (problems, i)));
    }
  adw_preferences_group_set_description (self->problems_group,
                                         problems->len == 0 ? _("Ready to file: the profile is complete, every claimed clause applies and is complete.")
                                                            : _("Not ready to file. Activate a problem to go to where it is fixed."));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), problems->len > 0);
}

static char *
fields_summary (ShenbaoReviewPage *self,
                ShenbaoClause     *clause)
{
  GString *out = g_string_new (NULL);

  ShenbaoInputs *inputs = shenbao_filing_get_inputs (self->filing);
  gboolean chinese = shenbao_prefers_chinese ();

  for (guint i = 0; i < shenbao_clause_get_fields (clause)->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (shenbao_clause_get_fields (clause), i);
      const ShenbaoValue *value = shenbao_inputs_lookup (inputs, shenbao_field_get_input_key (field));
      g_autofree char *shown = NULL;

      /* Only what the user gave, as a person reads it; a value that does not parse is a
       * problem above, not an answer here. */
      if (value == NULL)
        continue;
      shown = shenbao_display_value (field, value, chinese);
      g_string_append_printf (out, "%s%s%s%s%s", out->len > 0 ? "\n" : "",
                              shenbao_ui_text (shenbao_field_get_label (field)),
                              chinese ? "：" : ": ", shenbao_field_get_kind (field) == SHENBAO_FIELD_LIST ? "\n" : "",
                              shown);
    }
  return g_string_free (out, FALSE);
}

static void
show_questions (ShenbaoReviewPage   *self,
                ShenbaoPolicyResult *result)
{
  guint shown = 0;

  for (guint i = 0; i < result->questions->len; i++)
    {
      ShenbaoSameMatterQuestion *question = g_ptr_array_index (result->questions, i);
      g_autofree char *rule = NULL;

      /* Where the policy text settles it, the dropped clause says why; nothing to ask. */
      if (question->certain)
        continue;
      rule = gloss (self, shenbao_ui_text (shenbao_rule_get_text (question->rule)));
      add_row (self, self->questions_group, shenbao_question_row_new (self->filing, question, rule));
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->questions_group), shown > 0);
}

/* Unclaimed clauses that would pay on their own with what is entered: one action claims one. */
static void
show_could_claim (ShenbaoReviewPage   *self,
                  ShenbaoPolicyResult *result)
{
  guint shown = 0;

  for (guint i = 0; i < result->clauses->len; i++)
    {
      ShenbaoClauseResult *clause_result = g_ptr_array_index (result->clauses, i);
      ShenbaoClause *clause = clause_result->clause;
      g_autofree char *title = NULL, *glossed_title = NULL, *amount = NULL;
      GtkWidget *row;

      if (clause_result->claimed || clause_result->applies != SHENBAO_APPLIES_YES || !clause_result->has_amount
          || clause_result->award_fen <= 0)
        continue;
      title = g_strdup_printf ("%s · %s", shenbao_clause_get_id (clause),
                               shenbao_ui_text (shenbao_clause_get_title (clause)));
      amount = shenbao_ui_clause_amount (clause_result);
      glossed_title = gloss (self, title);
      row = shenbao_text_row_new (glossed_title, amount);
      shenbao_text_row_offer_claim (SHENBAO_TEXT_ROW (row), shenbao_clause_get_full_id (clause));
      add_row (self, self->could_claim_group, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->could_claim_group), shown > 0);
}

static void
shenbao_review_page_refresh (ShenbaoPage *page)
{
  ShenbaoReviewPage *self = SHENBAO_REVIEW_PAGE (page);
  ShenbaoPolicyResult *result = shenbao_filing_get_result (self->filing);
  g_autoptr(GPtrArray) chosen = shenbao_filing_list_chosen (self->filing);
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();
  g_autofree char *total = NULL, *exact = NULL, *detail = NULL;
  guint dropped = 0;

  shenbao_page_remove_rows (self->rows);
  g_hash_table_remove_all (self->glossed);
  show_problems (self);
  gtk_widget_set_visible (GTK_WIDGET (self->questions_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->could_claim_group), FALSE);
  if (result == NULL)
    return;
  show_questions (self, result);
  show_could_claim (self, result);

  total = shenbao_ui_format_yuan (result->total_up_to_fen);
  exact = shenbao_ui_format_yuan (result->total_fen);
  gtk_label_set_text (self->total_label, total);
  /* Translators: %s is an amount such as "1,000,000.00 yuan" */
  if (chosen->len == 0)
    detail = g_strdup (_("No clause is claimed yet: the total counts claimed clauses only."));
  else if (result->assumes_same)
    /* Translators: %s is an amount such as "1,000,000.00 yuan" */
    detail = g_strdup_printf (_("Of which %s is computed exactly. Where you have not said whether two clauses are the same matter, only the higher is counted."), exact);
  else
    detail = g_strdup_printf (_("Of which %s is computed exactly; the rest are “up to” maxima decided on review."), exact);
  gtk_label_set_text (self->total_detail_label, detail);

  for (guint i = 0; i < chosen->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (chosen, i);
      ShenbaoClauseResult *clause_result = shenbao_policy_result_find (result, shenbao_clause_get_id (clause));
      g_autofree char *title = g_strdup_printf ("%s · %s", shenbao_clause_get_id (clause),
                                                shenbao_ui_text (shenbao_clause_get_title (clause)));
      g_autofree char *amount = shenbao_ui_clause_amount (clause_result);
      g_autofree char *fields = fields_summary (self, clause);
      g_autofree char *subtitle = *fields != '\0' ? g_strdup_printf ("%s\n%s", amount, fields) : g_strdup (amount);

      {
        g_autofree char *shown = gloss (self, title);
        add_row (self, self->clauses_group, shenbao_text_row_new (shown, subtitle));
      }
      g_ptr_array_add (bars, clause_result);
      if (clause_result->dropped)
        {
          g_autofree char *glossed_reason = gloss (self, shenbao_ui_text (&clause_result->dropped_reason));

          add_row (self, self->dropped_group, shenbao_text_row_new (title, glossed_reason));
          dropped++;
        }
    }
  shenbao_award_chart_set_bars (self->chart, bars);
  gtk_widget_set_visible (GTK_WIDGET (self->dropped_group), dropped > 0);
}
