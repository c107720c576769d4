/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-question-row"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-question-row.h"

/* Two claimed clauses a no-duplication rule may count as one matter, the rule's words, and the
 * user's answer: the same matter or different. Unanswered, the row is a warning. */
struct _ShenbaoQuestionRow
{
  AdwActionRow       parent_instance;

  ShenbaoFiling     *filing;
  /* The question belongs to a result the next change frees: the row keeps the ids. */
  char              *clause_a;
  char              *clause_b;
  ShenbaoSameMatter  answer;

  GtkToggleButton   *same_button;
  GtkToggleButton   *distinct_button;
};

G_DEFINE_FINAL_TYPE (ShenbaoQuestionRow, shenbao_question_row, ADW_TYPE_ACTION_ROW)

static void
on_answer_toggled (ShenbaoQuestionRow *self,
                   GtkToggleButton    *button)
{
  ShenbaoSameMatter answer = button == self->same_button ? SHENBAO_SAME_MATTER_SAME : SHENBAO_SAME_MATTER_DISTINCT;
  /* The change below rebuilds the review, this row included: it stays alive until the end. */
  g_autoptr(ShenbaoQuestionRow) hold = NULL;
  g_autoptr(GError) error = NULL;

  /* The other button of the pair letting go, or the answer as the row was made. */
  if (!gtk_toggle_button_get_active (button) || answer == self->answer)
    return;
  hold = g_object_ref (self);
  if (shenbao_filing_set_same_matter (self->filing, self->clause_a, self->clause_b, answer, &error))
    self->answer = answer;
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
}

static void
shenbao_question_row_dispose (GObject *object)
{
  ShenbaoQuestionRow *self = (ShenbaoQuestionRow *) object;

  g_clear_object (&self->filing);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_QUESTION_ROW);
  G_OBJECT_CLASS (shenbao_question_row_parent_class)->dispose (object);
}

static void
shenbao_question_row_finalize (GObject *object)
{
  ShenbaoQuestionRow *self = (ShenbaoQuestionRow *) object;

  g_free (self->clause_a);
  g_free (self->clause_b);
  G_OBJECT_CLASS (shenbao_question_row_parent_class)->finalize (object);
}

static void
shenbao_question_row_class_init (ShenbaoQuestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_question_row_dispose;
  object_class->finalize = shenbao_question_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-question-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoQuestionRow, same_button);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoQuestionRow, distinct_button);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_toggled);
}

static void
shenbao_question_row_init (ShenbaoQuestionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* rule_text: the words of the rule that asks, as the page shows them. The row is named after
 * the pair's key, as the answer is saved. */
GtkWidget *
shenbao_question_row_new (ShenbaoFiling             *filing,
                          ShenbaoSameMatterQuestion *question,
                          const char                *rule_text)
{
  ShenbaoQuestionRow *self;
  g_autofree char *title = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SHENBAO_IS_FILING (filing), NULL);
  g_return_val_if_fail (question != NULL, NULL);

  self = g_object_new (SHENBAO_TYPE_QUESTION_ROW, NULL);
  self->filing = g_object_ref (filing);
  self->clause_a = g_strdup (shenbao_clause_get_id (question->a->clause));
  self->clause_b = g_strdup (shenbao_clause_get_id (question->b->clause));
  self->answer = question->answer;
  /* Translators: two clause ids */
  title = g_strdup_printf (_("Clauses %s and %s: the same matter?"), self->clause_a, self->clause_b);
  key = shenbao_same_matter_key (self->clause_a, self->clause_b);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), rule_text);
  gtk_widget_set_name (GTK_WIDGET (self), key);
  gtk_toggle_button_set_active (self->same_button, question->answer == SHENBAO_SAME_MATTER_SAME);
  gtk_toggle_button_set_active (self->distinct_button, question->answer == SHENBAO_SAME_MATTER_DISTINCT);
  if (question->answer == SHENBAO_SAME_MATTER_UNANSWERED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
  return GTK_WIDGET (self);
}
