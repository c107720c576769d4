/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-clause-row"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-clause-row.h"
#include "shenbao-note-row.h"
#include "shenbao-ui-text.h"

/* One clause of the checklist: ticked to claim it, whether it applies and its amount, and,
 * expanded, the document's words and every point they leave open. */
struct _ShenbaoClauseRow
{
  AdwExpanderRow  parent_instance;

  ShenbaoFiling  *filing;
  ShenbaoClause  *clause;   /* owned by the filing's policy */

  GtkCheckButton *check_button;
  ShenbaoNoteRow *quote_row;
};

G_DEFINE_FINAL_TYPE (ShenbaoClauseRow, shenbao_clause_row, ADW_TYPE_EXPANDER_ROW)

static void
on_check_toggled (ShenbaoClauseRow *self,
                  GtkCheckButton   *button)
{
  const char *full_id = shenbao_clause_get_full_id (self->clause);
  gboolean chosen = gtk_check_button_get_active (button);
  g_autoptr(GError) error = NULL;

  /* Set from the filing as the row is made: nothing to save. */
  if (chosen == shenbao_filing_get_clause_chosen (self->filing, full_id))
    return;
  if (!shenbao_filing_set_clause_chosen (self->filing, full_id, chosen, &error))
    g_warning ("Cannot save the choice of clause %s: %s", full_id, error->message);
}

static void
shenbao_clause_row_dispose (GObject *object)
{
  ShenbaoClauseRow *self = (ShenbaoClauseRow *) object;

  g_clear_object (&self->filing);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_CLAUSE_ROW);
  G_OBJECT_CLASS (shenbao_clause_row_parent_class)->dispose (object);
}

static void
shenbao_clause_row_class_init (ShenbaoClauseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_clause_row_dispose;

  g_type_ensure (SHENBAO_TYPE_NOTE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-clause-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClauseRow, check_button);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClauseRow, quote_row);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);
}

static void
shenbao_clause_row_init (ShenbaoClauseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The open questions of the clause, each under its quote. */
static void
add_flags (ShenbaoClauseRow *self)
{
  GPtrArray *flags = shenbao_clause_get_flags (self->clause);

  for (guint i = 0; i < flags->len; i++)
    {
      const ShenbaoFlag *flag = shenbao_policy_find_flag (shenbao_clause_get_policy (self->clause),
                                                          g_ptr_array_index (flags, i));
      g_autofree char *text = g_strdup_printf (_("⚑ Open question (%s): %s"), shenbao_flag_get_id (flag),
                                               shenbao_ui_text (shenbao_flag_get_text (flag)));

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), shenbao_note_row_new (text, TRUE));
    }
}

/* The row is named after the clause's full id, by which "go to field" and the tests find it. */
GtkWidget *
shenbao_clause_row_new (ShenbaoFiling *filing,
                        ShenbaoClause *clause)
{
  ShenbaoClauseRow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (SHENBAO_IS_FILING (filing), NULL);
  g_return_val_if_fail (clause != NULL, NULL);

  self = g_object_new (SHENBAO_TYPE_CLAUSE_ROW, NULL);
  self->filing = g_object_ref (filing);
  self->clause = clause;
  title = g_strdup_printf ("%s · %s", shenbao_clause_get_id (clause),
                           shenbao_ui_text (shenbao_clause_get_title (clause)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_widget_set_name (GTK_WIDGET (self), shenbao_clause_get_full_id (clause));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_check_button_set_active (self->check_button,
                               shenbao_filing_get_clause_chosen (filing, shenbao_clause_get_full_id (clause)));
  shenbao_note_row_set_text (self->quote_row, shenbao_clause_get_quote (clause));
  add_flags (self);
  return GTK_WIDGET (self);
}

ShenbaoClause *
shenbao_clause_row_get_clause (ShenbaoClauseRow *self)
{
  g_return_val_if_fail (SHENBAO_IS_CLAUSE_ROW (self), NULL);
  return self->clause;
}

/* Whether the clause applies with the facts so far, and its estimated amount. */
void
shenbao_clause_row_set_result (ShenbaoClauseRow    *self,
                               ShenbaoClauseResult *result)
{
  g_autofree char *amount = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (SHENBAO_IS_CLAUSE_ROW (self));
  g_return_if_fail (result != NULL);

  amount = shenbao_ui_clause_amount (result);
  subtitle = g_strdup_printf ("%s · %s", shenbao_ui_applies_label (result->applies), amount);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}
