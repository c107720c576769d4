/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-problem-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shenbao-problem-row.h"

/* A problem left before filing: what is wrong, and the page where it is fixed. Activated, it
 * goes there, to the field at fault ("win.go-to-field", the row's action). */
struct _ShenbaoProblemRow
{
  AdwActionRow parent_instance;
};

G_DEFINE_FINAL_TYPE (ShenbaoProblemRow, shenbao_problem_row, ADW_TYPE_ACTION_ROW)

static void
shenbao_problem_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_PROBLEM_ROW);
  G_OBJECT_CLASS (shenbao_problem_row_parent_class)->dispose (object);
}

static void
shenbao_problem_row_class_init (ShenbaoProblemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_problem_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-problem-row.ui");
}

static void
shenbao_problem_row_init (ShenbaoProblemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The page a problem leads to, as the step bar names it. */
static char *
page_title (const char *page)
{
  if (g_str_has_prefix (page, SHENBAO_PAGE_CLAUSE_PREFIX))
    {
      const char *short_id = strrchr (page, '/');
      return g_strdup_printf (_("Clause %s"), short_id != NULL ? short_id + 1 : page);
    }
  if (g_str_equal (page, SHENBAO_PAGE_COMPANY))
    return g_strdup (_("Company profile"));
  if (g_str_equal (page, SHENBAO_PAGE_POLICIES))
    return g_strdup (_("Policy"));
  if (g_str_equal (page, SHENBAO_PAGE_CLAUSES))
    return g_strdup (_("Clauses"));
  if (g_str_equal (page, SHENBAO_PAGE_MATERIALS))
    return g_strdup (_("Materials"));
  return g_strdup (_("Review"));
}

/* The row copies what it needs: the problem belongs to a list the next change frees. */
GtkWidget *
shenbao_problem_row_new (const ShenbaoProblem *problem)
{
  GtkWidget *self;
  g_autofree char *where = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  where = page_title (problem->page);
  self = g_object_new (SHENBAO_TYPE_PROBLEM_ROW,
                       "title", problem->message,
                       "subtitle", where,
                       NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "(ss)", problem->page,
                                    problem->key != NULL ? problem->key : "");
  return self;
}
