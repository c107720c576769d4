/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-clauses-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-clause-row.h"
#include "shenbao-clauses-page.h"
#include "shenbao-field-row.h"
#include "shenbao-note-row.h"
#include "shenbao-page-util.h"
#include "shenbao-ui-text.h"

/* The chosen policy's clauses as a checklist: whether each applies from the facts so far and
 * its estimated amount, with the original text and the open questions one click away. */
struct _ShenbaoClausesPage
{
  ShenbaoPage          parent_instance;

  ShenbaoFiling       *filing;        /* ShenbaoPage's, borrowed */
  ShenbaoPolicy       *policy;        /* the policy the rows were built for */
  AdwPreferencesGroup *notes_group;
  AdwPreferencesGroup *clauses_group;
  AdwPreferencesGroup *policy_fields_group;
  GPtrArray           *rows;          /* ShenbaoClauseRow */
  GPtrArray           *field_rows;
  GPtrArray           *note_rows;
};

G_DEFINE_FINAL_TYPE (ShenbaoClausesPage, shenbao_clauses_page, SHENBAO_TYPE_PAGE)

static void shenbao_clauses_page_refresh (ShenbaoPage *page);

/* Built when shown (see shenbao_clauses_page_refresh ()). */
static void
filing_set (ShenbaoPage *page)
{
  ShenbaoClausesPage *self = SHENBAO_CLAUSES_PAGE (page);

  self->filing = shenbao_page_get_filing (page);
  self->policy = NULL;
}

static void
shenbao_clauses_page_dispose (GObject *object)
{
  ShenbaoClausesPage *self = (ShenbaoClausesPage *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->note_rows, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_CLAUSES_PAGE);
  G_OBJECT_CLASS (shenbao_clauses_page_parent_class)->dispose (object);
}

static void
shenbao_clauses_page_class_init (ShenbaoClausesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ShenbaoPageClass *page_class = SHENBAO_PAGE_CLASS (klass);

  object_class->dispose = shenbao_clauses_page_dispose;
  /* Whether each clause applies follows every change of the facts, while the page is shown. */
  page_class->refresh = shenbao_clauses_page_refresh;
  page_class->filing_set = filing_set;
  page_class->follows_changes = TRUE;


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-clauses-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausesPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausesPage, clauses_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoClausesPage, policy_fields_group);
}

static void
shenbao_clauses_page_init (ShenbaoClausesPage *self)
{
  self->rows = g_ptr_array_new ();
  self->note_rows = g_ptr_array_new ();
  self->field_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
build_notes (ShenbaoClausesPage *self)
{
  shenbao_page_remove_rows (self->note_rows);
  for (guint i = 0; i < shenbao_policy_get_rules (self->policy)->len; i++)
    {
      ShenbaoRule *rule = g_ptr_array_index (shenbao_policy_get_rules (self->policy), i);
      const ShenbaoFlag *flag = shenbao_rule_get_flag (rule) != NULL
                                ? shenbao_policy_find_flag (self->policy, shenbao_rule_get_flag (rule)) : NULL;
      g_autofree char *text = flag != NULL
                              ? g_strdup_printf ("%s\n⚑ %s", shenbao_ui_text (shenbao_rule_get_text (rule)),
                                                 shenbao_ui_text (shenbao_flag_get_text (flag)))
                              : g_strdup (shenbao_ui_text (shenbao_rule_get_text (rule)));
      GtkWidget *row = shenbao_note_row_new (text, flag != NULL);

      adw_preferences_group_add (self->notes_group, row);
      g_ptr_array_add (self->note_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), self->note_rows->len > 0);
}

/* Every policy-level field has an editor here, whichever clause or rule reads it. */
static void
build_policy_fields (ShenbaoClausesPage *self)
{
  shenbao_page_remove_rows (self->field_rows);
  for (guint i = 0; self->policy != NULL && i < shenbao_policy_get_fields (self->policy)->len; i++)
    {
      GtkWidget *row = shenbao_field_row_new (self->filing,
                                              g_ptr_array_index (shenbao_policy_get_fields (self->policy), i));

      adw_preferences_group_add (self->policy_fields_group, row);
      g_ptr_array_add (self->field_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->policy_fields_group), self->field_rows->len > 0);
}

static void
rebuild (ShenbaoClausesPage *self)
{
  shenbao_page_remove_rows (self->rows);
  build_policy_fields (self);
  if (self->policy == NULL)
    return;
  {
    /* The group title is one line; the policy's full title goes in the description. */
    g_autofree char *description = g_strdup_printf ("%s\n%s",
                                                    shenbao_ui_text (shenbao_policy_get_title (self->policy)),
                                                    _("Tick the clauses to claim; each gets its own page. Expand a clause to read the document’s words and any point the text leaves open."));
    adw_preferences_group_set_description (self->clauses_group, description);
  }
  build_notes (self);
  for (guint i = 0; i < shenbao_policy_get_clauses (self->policy)->len; i++)
    {
      GtkWidget *row = shenbao_clause_row_new (self->filing,
                                               g_ptr_array_index (shenbao_policy_get_clauses (self->policy), i));

      adw_preferences_group_add (self->clauses_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* Updates whether each clause applies and its amount after any change of the facts. */
static void
shenbao_clauses_page_refresh (ShenbaoPage *page)
{
  ShenbaoClausesPage *self = SHENBAO_CLAUSES_PAGE (page);
  ShenbaoPolicy *policy = shenbao_filing_get_policy (self->filing);
  ShenbaoPolicyResult *result;

  if (policy != self->policy)
    {
      self->policy = policy;
      rebuild (self);
    }
  result = shenbao_filing_get_result (self->filing);
  for (guint i = 0; result != NULL && i < self->rows->len; i++)
    {
      ShenbaoClauseRow *row = g_ptr_array_index (self->rows, i);
      ShenbaoClause *clause = shenbao_clause_row_get_clause (row);

      shenbao_clause_row_set_result (row, shenbao_policy_result_find (result, shenbao_clause_get_id (clause)));
    }
  shenbao_page_refresh_rows (self->field_rows);
}
