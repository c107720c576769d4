/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-policies-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-accessible.h"
#include "shenbao-page-util.h"
#include "shenbao-deadline.h"
#include "shenbao-policies-page.h"
#include "shenbao-ui-text.h"

/* Every policy, those that fit the company's location first, with its status and a live
 * estimate of what the company could claim. */
struct _ShenbaoPoliciesPage
{
  ShenbaoPage          parent_instance;

  ShenbaoFiling       *filing;         /* ShenbaoPage's, borrowed */
  ShenbaoStorage      *storage;        /* the application windows the user recorded */
  AdwPreferencesGroup *fitting_group;
  AdwPreferencesGroup *other_group;
  GPtrArray           *rows;
  GtkCheckButton      *radio_group;
  gboolean             updating;
  gboolean             all_others;     /* every other policy listed, not only the first */
};

/* Policies elsewhere listed before "Show all": a library of a thousand would be a long list to
 * build and to scroll past. */
#define OTHERS_AT_FIRST 10

G_DEFINE_FINAL_TYPE (ShenbaoPoliciesPage, shenbao_policies_page, SHENBAO_TYPE_PAGE)

static void
refresh_page (ShenbaoPage *page)
{
  shenbao_policies_page_refresh (SHENBAO_POLICIES_PAGE (page));
}

/* Built when shown (see refresh_page): opening an application should not read every policy
 * that fits its company. */
static void
filing_set (ShenbaoPage *page)
{
  ShenbaoPoliciesPage *self = SHENBAO_POLICIES_PAGE (page);

  self->filing = shenbao_page_get_filing (page);
  self->all_others = FALSE;
}

static void
shenbao_policies_page_dispose (GObject *object)
{
  ShenbaoPoliciesPage *self = (ShenbaoPoliciesPage *) object;

  g_clear_object (&self->storage);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_POLICIES_PAGE);
  G_OBJECT_CLASS (shenbao_policies_page_parent_class)->dispose (object);
}

static void
shenbao_policies_page_class_init (ShenbaoPoliciesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ShenbaoPageClass *page_class = SHENBAO_PAGE_CLASS (klass);

  object_class->dispose = shenbao_policies_page_dispose;
  page_class->refresh = refresh_page;
  page_class->filing_set = filing_set;
  /* The list is rebuilt on arrival only, never at a change of the filing: rebuilding it under
   * the pointer would lose the row being clicked. */
  page_class->follows_changes = FALSE;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-policies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoPoliciesPage, fitting_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoPoliciesPage, other_group);
}

static void
shenbao_policies_page_init (ShenbaoPoliciesPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
on_policy_toggled (GtkCheckButton      *button,
                   ShenbaoPoliciesPage *self)
{
  ShenbaoPolicy *policy = g_object_get_data (G_OBJECT (button), "policy");
  g_autoptr(GError) error = NULL;

  if (self->updating || !gtk_check_button_get_active (button))
    return;
  if (!shenbao_filing_set_policy (self->filing, shenbao_policy_get_id (policy), &error))
    g_warning ("Cannot save the chosen policy: %s", error->message);
}

/* A policy whose area holds the company is read and estimated; any other is described by its
 * header alone, never read: a library of a thousand policies lists as fast as five. The status
 * says the stated period ("draft; its stated period ended 2025-12-31"), so a policy whose
 * period is over says so before an application is started for it; then the window of the
 * current call with the days left, and the estimate. */
static char *
describe (ShenbaoPoliciesPage *self,
          ShenbaoPolicy       *header,
          gboolean            *fits)
{
  ShenbaoPolicySet *policies = shenbao_filing_get_policies (self->filing);
  const char *region = shenbao_inputs_get_registered_region (shenbao_filing_get_inputs (self->filing));
  gboolean chinese = shenbao_prefers_chinese ();
  ShenbaoPolicy *policy = NULL;
  g_autoptr(ShenbaoPolicyResult) estimate = NULL;
  g_autofree char *status = NULL, *total = NULL, *exact = NULL, *window_text = NULL;
  g_autoptr(ShenbaoPolicyWindow) window = self->storage != NULL
                                          ? shenbao_storage_get_policy_window (self->storage,
                                                                               shenbao_policy_get_id (header), NULL)
                                          : NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  *fits = shenbao_policy_area_matches (header, region);
  if (*fits)
    policy = shenbao_policy_set_lookup (policies, shenbao_policy_get_id (header));
  if (window != NULL)
    window_text = shenbao_window_text (window, &today, chinese);
  if (policy == NULL)
    {
      *fits = FALSE;
      status = shenbao_policy_status_text (header, &today, chinese);
      if (window_text != NULL)
        /* Translators: status · application window */
        return g_strdup_printf (_("%s · %s"), status, window_text);
      return g_steal_pointer (&status);
    }
  estimate = shenbao_filing_estimate (self->filing, policy);
  status = shenbao_policy_status_text (policy, &estimate->as_of, chinese);
  total = shenbao_ui_format_yuan (estimate->total_up_to_fen);
  exact = shenbao_ui_format_yuan (estimate->total_fen);

  *fits = estimate->location_fits;
  if (window_text != NULL)
    /* Translators: status · application window · estimate */
    return g_strdup_printf (_("%s · %s · estimate up to %s (exact %s)"), status, window_text, total, exact);
  /* Translators: status · estimate; e.g. "in force; stated period ends in 403 days (2027-12-31) · estimate up to 1,600,000.00 yuan (exact 0.00 yuan)" */
  return g_strdup_printf (_("%s · estimate up to %s (exact %s)"), status, total, exact);
}

static gint
compare_for_page (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return shenbao_policy_compare_by_status (*(ShenbaoPolicy **) a, *(ShenbaoPolicy **) b, user_data);
}

static void
on_show_all_others (ShenbaoPoliciesPage *self)
{
  self->all_others = TRUE;
  shenbao_policies_page_refresh (self);
}

/* Opens the dialog that records the policy's application window. */
static GtkWidget *
window_button (ShenbaoPolicy *policy)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("x-office-calendar-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Application Window…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Application Window…"), -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", shenbao_policy_get_id (policy));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.edit-policy-window");
  return button;
}

/* Rebuilds the rows: the order depends on the location, which the company page may change. */
void
shenbao_policies_page_refresh (ShenbaoPoliciesPage *self)
{
  ShenbaoPolicySet *policies = shenbao_filing_get_policies (self->filing);
  g_autoptr(GPtrArray) all = shenbao_policy_set_list_headers (policies);
  ShenbaoPolicy *chosen = shenbao_filing_get_policy (self->filing);
  const char *region = shenbao_inputs_get_registered_region (shenbao_filing_get_inputs (self->filing));
  guint others = 0, hidden = 0, n_fitting = 0;
  GDate today;

  /* A policy whose stated period has ended goes last. */
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  g_ptr_array_sort_with_data (all, compare_for_page, &today);

  self->updating = TRUE;
  shenbao_page_remove_rows (self->rows);
  self->radio_group = NULL;
  for (guint i = 0; i < all->len; i++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (all, i);
      GtkWidget *row, *radio;
      gboolean fits = FALSE;
      g_autofree char *subtitle = NULL;

      if (!self->all_others && others >= OTHERS_AT_FIRST
          && (chosen == NULL || !g_str_equal (shenbao_policy_get_id (policy), shenbao_policy_get_id (chosen)))
          && !shenbao_policy_area_matches (policy, region))
        {
          hidden++;
          continue;
        }
      row = adw_action_row_new ();
      radio = gtk_check_button_new ();
      subtitle = describe (self, policy, &fits);
      others += !fits;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shenbao_ui_text (shenbao_policy_get_title (policy)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* The whole title, wrapped: on a narrow window two lines cut it. */
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (radio, GTK_ALIGN_CENTER);

      if (self->radio_group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), self->radio_group);
      else
        self->radio_group = GTK_CHECK_BUTTON (radio);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (radio),
                                   chosen != NULL
                                   && g_str_equal (shenbao_policy_get_id (policy), shenbao_policy_get_id (chosen)));
      g_object_set_data (G_OBJECT (radio), "policy", policy);
      g_signal_connect (radio, "toggled", G_CALLBACK (on_policy_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), radio);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), window_button (policy));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), radio);
      /* The radio takes the focus, the row not too: one Tab stop per policy. */
      gtk_widget_set_focusable (row, FALSE);
      shenbao_accessible_set_label (radio, shenbao_ui_text (shenbao_policy_get_title (policy)));
      gtk_widget_set_name (row, shenbao_policy_get_id (policy));

      adw_preferences_group_add (fits ? self->fitting_group : self->other_group, row);
      g_ptr_array_add (self->rows, row);
      n_fitting += fits ? 1 : 0;
    }
  if (hidden > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (ngettext ("Show %u More Policy", "Show %u More Policies", hidden),
                                                hidden);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect_swapped (row, "activated", G_CALLBACK (on_show_all_others), self);
      adw_preferences_group_add (self->other_group, row);
      g_ptr_array_add (self->rows, row);
    }
  /* A heading shows only with something under it. */
  gtk_widget_set_visible (GTK_WIDGET (self->fitting_group), n_fitting > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->other_group), others > 0 || hidden > 0);
  self->updating = FALSE;
}

void
shenbao_policies_page_set_storage (ShenbaoPoliciesPage *self,
                                   ShenbaoStorage      *storage)
{
  g_set_object (&self->storage, storage);
}
