/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-filing-row"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-filing.h"
#include "shenbao-filing-row.h"
#include "shenbao-deadline.h"
#include "shenbao-ui-text.h"

/* One saved application on the start page: its company, policy, last change, claimed total and
 * whether it is ready to file; it opens on activation, and its buttons start another
 * application for the company or delete this one. Made only while visible. */
struct _ShenbaoFilingRow
{
  GtkBox                   parent_instance;

  ShenbaoSavedApplication *item;
  GtkLabel                *title_label;
  GtkLabel                *subtitle_label;
  GtkLabel                *deadline_label;
  GtkButton               *new_button;
  GtkButton               *delete_button;
};

G_DEFINE_FINAL_TYPE (ShenbaoFilingRow, shenbao_filing_row, GTK_TYPE_BOX)

static void
shenbao_filing_row_dispose (GObject *object)
{
  ShenbaoFilingRow *self = (ShenbaoFilingRow *) object;

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHENBAO_TYPE_FILING_ROW);
  G_OBJECT_CLASS (shenbao_filing_row_parent_class)->dispose (object);
}

static void
shenbao_filing_row_class_init (ShenbaoFilingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_filing_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-filing-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFilingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFilingRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFilingRow, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFilingRow, new_button);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoFilingRow, delete_button);
}

static void
shenbao_filing_row_init (ShenbaoFilingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
shenbao_filing_row_new (void)
{
  return g_object_new (SHENBAO_TYPE_FILING_ROW, NULL);
}

/* "Ready to file" only when nothing stands in the way; otherwise how much does. */
static char *
describe_state (const char *state)
{
  guint n_problems;

  if (g_strcmp0 (state, "packaged") == 0)
    return g_strdup (_("Packaged"));
  if (!shenbao_filing_parse_summary_state (state, &n_problems))
    return g_strdup (_("In progress"));
  if (n_problems == 0)
    return g_strdup (_("Ready to file"));
  return g_strdup_printf (ngettext ("%u problem", "%u problems", n_problems), n_problems);
}

char *
shenbao_filing_row_describe (const ShenbaoFilingSummary *summary)
{
  g_autoptr(GDateTime) updated = g_date_time_new_from_unix_local (summary->updated);
  g_autofree char *when = g_date_time_format (updated, "%Y-%m-%d %H:%M");
  g_autofree char *amount = shenbao_ui_format_yuan (summary->total_up_to_fen);
  /* Translators: the expected total of the claimed clauses, e.g. "up to 2,000,000.00 yuan" */
  g_autofree char *total = summary->total_up_to_fen > 0 ? g_strdup_printf (_("up to %s"), amount)
                                                         : g_strdup (_("no amount yet"));
  g_autofree char *state = describe_state (summary->state);

  /* What a consultant scans for first, before the long policy title on the next line.
   * Translators: state · expected total · last change */
  return g_strdup_printf (_("%s · %s · changed %s"), state, total, when);
}

/* The policy's status, its application window with the days left and its title, as a third line. */
char *
shenbao_filing_row_describe_deadlines (const ShenbaoFilingSummary *summary,
                                       ShenbaoPolicySet           *policies,
                                       ShenbaoStorage             *storage,
                                       const GDate                *today)
{
  ShenbaoPolicy *policy = shenbao_policy_set_lookup_header (policies, summary->policy_id);
  gboolean chinese = shenbao_prefers_chinese ();
  g_autoptr(ShenbaoPolicyWindow) window = NULL;
  g_autofree char *status = NULL;
  g_autofree char *window_text = NULL;

  if (policy == NULL)
    return g_strdup (_("No policy chosen yet"));
  status = shenbao_policy_status_text (policy, today, chinese);
  if (storage != NULL)
    window = shenbao_storage_get_policy_window (storage, shenbao_policy_get_id (policy), NULL);
  /* The status and the window first: a long title is cut at the row's end, and the days
   * left are what a consultant scans the list for. */
  if (window == NULL)
    /* Translators: policy status · policy title */
    return g_strdup_printf (_("%s · %s"), status, shenbao_ui_text (shenbao_policy_get_title (policy)));
  window_text = shenbao_window_text (window, today, chinese);
  /* Translators: policy status · application window · policy title */
  return g_strdup_printf (_("%s · %s · %s"), status, window_text,
                          shenbao_ui_text (shenbao_policy_get_title (policy)));
}

/* deadlines: the policy's status and window (shenbao_filing_row_describe_deadlines ()),
 * the same for every row of a policy, so the list works it out once per policy. */
void
shenbao_filing_row_set_item (ShenbaoFilingRow        *self,
                             ShenbaoSavedApplication *item,
                             const char              *deadlines)
{
  const ShenbaoFilingSummary *summary;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (SHENBAO_IS_FILING_ROW (self));

  /* GTK 4.8's list view binds every row again when a row above is deleted or undone: a row
   * given back the item it shows changes nothing, so nothing is laid out again. An item
   * changed since is another object (see ShenbaoSavedApplications). */
  if (item != NULL && item == self->item
      && g_strcmp0 (deadlines != NULL ? deadlines : "", gtk_label_get_text (self->deadline_label)) == 0)
    return;
  g_set_object (&self->item, item);
  if (item == NULL)
    return;
  summary = shenbao_saved_application_get_summary (item);
  subtitle = shenbao_filing_row_describe (summary);
  gtk_label_set_text (self->title_label, summary->company_name != NULL && *summary->company_name != '\0'
                                         ? summary->company_name : _("Unnamed company"));
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), subtitle);
  gtk_label_set_text (self->deadline_label, deadlines != NULL ? deadlines : "");
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadlines != NULL);
  /* The target first, then the action: an action without its target would be refused. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->new_button), "x", summary->company_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button), "win.new-application-for-company");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", summary->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "win.delete-application");
}

/* On a narrow window the second line wraps to three lines instead of being cut; the tooltip
 * has it all either way. */
void
shenbao_filing_row_set_wrap (ShenbaoFilingRow *self,
                             gboolean          wrap)
{
  g_return_if_fail (SHENBAO_IS_FILING_ROW (self));

  if (gtk_label_get_wrap (self->subtitle_label) == wrap)
    return;
  gtk_label_set_wrap (self->subtitle_label, wrap);
  gtk_label_set_lines (self->subtitle_label, wrap ? 3 : -1);
}

ShenbaoSavedApplication *
shenbao_filing_row_get_item (ShenbaoFilingRow *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING_ROW (self), NULL);
  return self->item;
}
