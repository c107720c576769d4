/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-clause-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-clause-page.h"
#include "shenbao-field-row.h"
#include "shenbao-page-util.h"
#include "shenbao-ui-text.h"

/* One claimed clause: its words, a form generated from its fields, the company figures it
 * reads, and the award recomputed at every keystroke with its arithmetic. */
struct _ShenbaoClausePage
{
  ShenbaoPage          parent_instance;

  ShenbaoFiling       *filing;  /* ShenbaoPage's, borrowed */
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
};

G_DEFINE_FINAL_TYPE (ShenbaoClausePage, shenbao_clause_page, SHENBAO_TYPE_PAGE)

static void shenbao_clause_page_refresh (ShenbaoPage *page);
static void shenbao_clause_page_filing_set (ShenbaoPage *page);

static void
shenbao_clause_page_dispose (GObject *object)
{
  ShenbaoClausePage *self = (ShenbaoClausePage *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_CLAUSE_PAGE);
  G_OBJECT_CLASS (shenbao_clause_page_parent_class)->dispose (object);
}

static void
shenbao_clause_page_class_init (ShenbaoClausePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ShenbaoPageClass *page_class = SHENBAO_PAGE_CLASS (klass);

  object_class->dispose = shenbao_clause_page_dispose;
  /* The award follows every keystroke while the page is shown, and is brought up to date when
   * it is shown again; a hidden page computes nothing. */
  page_class->refresh = shenbao_clause_page_refresh;
  page_class->filing_set = shenbao_clause_page_filing_set;
  page_class->follows_changes = TRUE;


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
}

static void
shenbao_clause_page_init (ShenbaoClausePage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
add_field_rows (ShenbaoClausePage   *self,
                AdwPreferencesGroup *group,
                GPtrArray           *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      GtkWidget *row = shenbao_field_row_new (self->filing, g_ptr_array_index (fields, i));

      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (group), fields->len > 0);
}

static void
show_text (ShenbaoClausePage *self)
{
  g_autoptr(GString) flags = g_string_new (NULL);
  g_autofree char *title = g_strdup_printf ("%s · %s", shenbao_clause_get_id (self->clause),
                                            shenbao_ui_text (shenbao_clause_get_title (self->clause)));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->quote_label, shenbao_clause_get_quote (self->clause));
  for (guint i = 0; i < shenbao_clause_get_flags (self->clause)->len; i++)
    {
      const ShenbaoFlag *flag = shenbao_policy_find_flag (shenbao_clause_get_policy (self->clause),
                                                          g_ptr_array_index (shenbao_clause_get_flags (self->clause), i));

      g_string_append_printf (flags, "%s⚑ %s", flags->len > 0 ? "\n" : "",
                              shenbao_ui_text (shenbao_flag_get_text (flag)));
    }
  gtk_label_set_text (self->flags_label, flags->str);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label), flags->len > 0);
}

/* The rows edit the filing's values: made again for another filing. */
static void
add_rows (ShenbaoClausePage *self)
{
  ShenbaoClause *clause = self->clause;
  g_autoptr(GPtrArray) facts = g_ptr_array_new ();
  ShenbaoPolicySet *policies = shenbao_filing_get_policies (self->filing);

  /* A policy-level field the clause computes with (e.g. Suzhou's first-set list, shared by 9a
   * and 9b) is edited here too, so every input the clause needs has its place on its page. */
  {
    g_autoptr(GPtrArray) inputs = g_ptr_array_new ();

    for (guint i = 0; i < shenbao_clause_get_fields (clause)->len; i++)
      g_ptr_array_add (inputs, g_ptr_array_index (shenbao_clause_get_fields (clause), i));

    for (guint i = 0; i < shenbao_clause_get_policy_fields_used (clause)->len; i++)
      g_ptr_array_add (inputs,
                       shenbao_policy_find_field (shenbao_clause_get_policy (clause),
                                                  g_ptr_array_index (shenbao_clause_get_policy_fields_used (clause), i)));
    add_field_rows (self, self->inputs_group, inputs);
  }
  for (guint i = 0; i < shenbao_clause_get_facts_used (clause)->len; i++)
    g_ptr_array_add (facts, shenbao_policy_set_find_fact (policies,
                                                          g_ptr_array_index (shenbao_clause_get_facts_used (clause), i)));
  add_field_rows (self, self->facts_group, facts);
}

GtkWidget *
shenbao_clause_page_new (ShenbaoFiling *filing,
                         ShenbaoClause *clause)
{
  ShenbaoClausePage *self = g_object_new (SHENBAO_TYPE_CLAUSE_PAGE, NULL);

  self->clause = clause;
  show_text (self);
  shenbao_page_set_filing (SHENBAO_PAGE (self), filing);
  return GTK_WIDGET (self);
}

static void
shenbao_clause_page_filing_set (ShenbaoPage *page)
{
  ShenbaoClausePage *self = SHENBAO_CLAUSE_PAGE (page);

  self->filing = shenbao_page_get_filing (page);
  shenbao_page_remove_rows (self->rows);
  if (self->filing != NULL && self->clause != NULL)
    add_rows (self);
}

ShenbaoClause *
shenbao_clause_page_get_clause (ShenbaoClausePage *self)
{
  g_return_val_if_fail (SHENBAO_IS_CLAUSE_PAGE (self), NULL);
  return self->clause;
}

/* The award and its arithmetic, recomputed from everything entered so far. */
static void
shenbao_clause_page_refresh (ShenbaoPage *page)
{
  ShenbaoClausePage *self = SHENBAO_CLAUSE_PAGE (page);
  ShenbaoPolicyResult *result = self->clause != NULL ? shenbao_filing_get_result (self->filing) : NULL;
  ShenbaoClauseResult *clause_result = result != NULL
                                       ? shenbao_policy_result_find (result, shenbao_clause_get_id (self->clause))
                                       : NULL;
  g_autofree char *amount = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *formulas = NULL;

  shenbao_page_refresh_rows (self->rows);
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
