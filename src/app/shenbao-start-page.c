/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-start-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "shenbao-application.h"
#include "shenbao-deadline.h"
#include "shenbao-start-page.h"
#include "shenbao-ui-text.h"

/* The saved applications, newest first, to resume; an explained empty state otherwise. */
struct _ShenbaoStartPage
{
  GtkBox          parent_instance;

  AdwStatusPage  *empty_status;
  GtkWidget      *list_view;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (ShenbaoStartPage, shenbao_start_page, GTK_TYPE_BOX)

static void
on_row_activated (ShenbaoStartPage *self,
                  GtkListBoxRow    *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "application-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-application", "x", id);
}

static void
shenbao_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_START_PAGE);
  G_OBJECT_CLASS (shenbao_start_page_parent_class)->dispose (object);
}

static void
shenbao_start_page_class_init (ShenbaoStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_start_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
shenbao_start_page_init (ShenbaoStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A flat icon button on a saved application's row, acting on one application or company. */
static GtkWidget *
row_button (const char *icon_name,
            const char *label,
            const char *action_name,
            gint64      target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", target);
  return button;
}

/* "Ready to file" only when nothing stands in the way; otherwise how much does. */
static char *
describe_state (const char *state)
{
  guint n_problems;

  if (!shenbao_application_parse_summary_state (state, &n_problems))
    return g_strdup (_("In progress"));
  if (n_problems == 0)
    return g_strdup (_("Ready to file"));
  return g_strdup_printf (ngettext ("%u problem", "%u problems", n_problems), n_problems);
}

/* The policy's status and its application window with the days left, as a second line. */
static char *
describe_deadlines (ShenbaoPolicy  *policy,
                    ShenbaoStorage *storage)
{
  gboolean chinese = shenbao_prefers_chinese ();
  g_autoptr(ShenbaoPolicyWindow) window = shenbao_storage_get_policy_window (storage, policy->id, NULL);
  g_autofree char *status = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  status = shenbao_policy_status_text (policy, &today, chinese);
  if (window == NULL)
    return g_steal_pointer (&status);
  {
    g_autofree char *window_text = shenbao_window_text (window, &today, chinese);
    /* Translators: policy status · application window */
    return g_strdup_printf (_("%s · %s"), status, window_text);
  }
}

static char *
describe (ShenbaoApplicationSummary *summary,
          ShenbaoPolicySet          *policies)
{
  ShenbaoPolicy *policy = summary->policy_id != NULL ? shenbao_policy_set_lookup (policies, summary->policy_id) : NULL;
  g_autoptr(GDateTime) updated = g_date_time_new_from_unix_local (summary->updated);
  g_autofree char *when = g_date_time_format (updated, "%Y-%m-%d %H:%M");
  g_autofree char *amount = shenbao_ui_format_yuan (summary->total_up_to_fen);
  /* Translators: the expected total of the claimed clauses, e.g. "up to 2,000,000.00 yuan" */
  g_autofree char *total = summary->total_up_to_fen > 0 ? g_strdup_printf (_("up to %s"), amount)
                                                         : g_strdup (_("no amount yet"));
  g_autofree char *state = describe_state (summary->state);

  /* Translators: policy · last change · expected total · state */
  return g_strdup_printf (_("%s · changed %s · %s · %s"),
                          policy != NULL ? shenbao_ui_text (&policy->title) : _("No policy chosen yet"),
                          when, total, state);
}

/* hidden: ids (gint64 keys) of applications being deleted, still undoable; may be NULL. */
void
shenbao_start_page_reload (ShenbaoStartPage *self,
                           ShenbaoStorage   *storage,
                           ShenbaoPolicySet *policies,
                           GHashTable       *hidden)
{
  guint shown = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = shenbao_storage_list_applications (storage, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; applications != NULL && i < applications->len; i++)
    {
      ShenbaoApplicationSummary *summary = g_ptr_array_index (applications, i);
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      if (hidden != NULL && g_hash_table_contains (hidden, &summary->id))
        continue;
      row = adw_action_row_new ();
      subtitle = describe (summary, policies);
      if (summary->policy_id != NULL && shenbao_policy_set_lookup (policies, summary->policy_id) != NULL)
        {
          g_autofree char *deadlines = describe_deadlines (shenbao_policy_set_lookup (policies, summary->policy_id),
                                                           storage);
          char *both = g_strdup_printf ("%s\n%s", subtitle, deadlines);

          g_free (subtitle);
          subtitle = both;
        }
      shown++;
      const char *name = summary->company_name != NULL && *summary->company_name != '\0'
                         ? summary->company_name : _("Unnamed company");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* A company's profile is entered once: another application for it starts from there. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("document-new-symbolic", _("New Application for This Company"),
                                             "win.new-application-for-company", summary->company_id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("user-trash-symbolic", _("Delete Application"),
                                             "win.delete-application", summary->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "application-id", GSIZE_TO_POINTER ((gsize) summary->id));
      gtk_list_box_append (self->list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_status), shown == 0);
  gtk_widget_set_visible (self->list_view, shown > 0);
  if (error != NULL)
    adw_status_page_set_description (self->empty_status, error->message);
}
