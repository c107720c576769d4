/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shenbao-clause-page.h"
#include "shenbao-field-row.h"
#include "shenbao-page-util.h"
#include "shenbao-window-private.h"

G_DEFINE_FINAL_TYPE (ShenbaoWindow, shenbao_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORAGE,
  PROP_POLICIES,
  PROP_FILING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ------------------------------------------------------------------ the order of the pages */

GPtrArray *
shenbao_window_page_sequence (ShenbaoWindow *self)
{
  GPtrArray *names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) "company");
  g_ptr_array_add (names, (gpointer) "policies");
  g_ptr_array_add (names, (gpointer) "clauses");
  for (guint i = 0; i < self->clause_pages->len; i++)
    g_ptr_array_add (names, g_ptr_array_index (self->clause_pages, i));
  g_ptr_array_add (names, (gpointer) SHENBAO_PAGE_MATERIALS);
  g_ptr_array_add (names, (gpointer) "review");
  return names;
}

const char *
shenbao_window_get_page_name (ShenbaoWindow *self)
{
  g_return_val_if_fail (SHENBAO_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
shenbao_window_get_page (ShenbaoWindow *self,
                         const char    *name)
{
  g_return_val_if_fail (SHENBAO_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, name);
}

int
shenbao_window_page_index (ShenbaoWindow *self,
                           GPtrArray     *sequence)
{
  const char *current = shenbao_window_get_page_name (self);

  for (guint i = 0; i < sequence->len; i++)
    if (g_strcmp0 (g_ptr_array_index (sequence, i), current) == 0)
      return (int) i;
  return -1;
}

/* One page per chosen clause, rebuilt when the choice may have changed. */
void
shenbao_window_rebuild_clause_pages (ShenbaoWindow *self)
{
  g_autoptr(GPtrArray) chosen = NULL;

  for (guint i = 0; i < self->clause_pages->len; i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->stack, g_ptr_array_index (self->clause_pages, i));
      if (page != NULL)
        gtk_stack_remove (self->stack, page);
    }
  g_ptr_array_set_size (self->clause_pages, 0);
  if (self->filing == NULL)
    return;

  chosen = shenbao_filing_list_chosen (self->filing);
  for (guint i = 0; i < chosen->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (chosen, i);
      char *name = g_strconcat (CLAUSE_PAGE_PREFIX, shenbao_clause_get_full_id (clause), NULL);

      gtk_stack_add_named (self->stack, shenbao_clause_page_new (self->filing, clause), name);
      g_ptr_array_add (self->clause_pages, name);
    }
}

/* ------------------------------------------------------------------ what the window shows */

static void
mark_step (GtkLabel *label,
           gboolean  current)
{
  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (label), "current");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "current");
}

void
shenbao_window_update_steps (ShenbaoWindow *self)
{
  const char *page = shenbao_window_get_page_name (self);
  gboolean in_details = g_str_has_prefix (page, CLAUSE_PAGE_PREFIX);
  g_autofree char *details = NULL;

  mark_step (self->step_company, g_strcmp0 (page, "company") == 0);
  mark_step (self->step_policies, g_strcmp0 (page, "policies") == 0);
  mark_step (self->step_clauses, g_strcmp0 (page, "clauses") == 0);
  mark_step (self->step_details, in_details);
  mark_step (self->step_materials, g_strcmp0 (page, SHENBAO_PAGE_MATERIALS) == 0);
  mark_step (self->step_review, g_strcmp0 (page, "review") == 0);

  if (in_details)
    {
      guint position = 0;

      for (guint i = 0; i < self->clause_pages->len; i++)
        if (g_str_equal (g_ptr_array_index (self->clause_pages, i), page))
          position = i + 1;
      /* Translators: the fourth step, with the clause shown out of those claimed: "4 Details 2/3" */
      details = g_strdup_printf (_("4 Details %u/%u"), position, self->clause_pages->len);
    }
  gtk_label_set_text (self->step_details, details != NULL ? details : _("4 Details"));

  /* The short form, for a window too narrow for every step: counted from the bar itself. */
  {
    guint position = 0, total = 0;

    for (GtkWidget *step = gtk_widget_get_first_child (self->steps_box); step != NULL;
         step = gtk_widget_get_next_sibling (step))
      {
        total++;
        if (gtk_widget_has_css_class (step, "current"))
          position = total;
      }
    g_clear_pointer (&details, g_free);
    /* Translators: the step bar on a narrow window, e.g. "Step 3 of 5" */
    details = g_strdup_printf (_("Step %u of %u"), position, total);
    gtk_label_set_text (self->step_short_label, details);
  }
}

/* Which moves are possible depends on the page and on what is chosen; decided here only. */
static void
update_actions (ShenbaoWindow *self)
{
  g_autoptr(GPtrArray) sequence = shenbao_window_page_sequence (self);
  const char *page = shenbao_window_get_page_name (self);
  gboolean in_wizard = self->filing != NULL && g_strcmp0 (page, "start") != 0;
  int index = shenbao_window_page_index (self, sequence);
  gboolean can_next = in_wizard && index >= 0 && index + 1 < (int) sequence->len;

  if (g_strcmp0 (page, "policies") == 0)
    can_next = can_next && shenbao_filing_get_policy (self->filing) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next", can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-checked", can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", in_wizard && index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.home", g_strcmp0 (page, "start") != 0);
  gtk_widget_set_visible (self->action_bar, in_wizard);
  gtk_widget_set_visible (self->steps_squeezer, in_wizard);
}

static void
update_title (ShenbaoWindow *self)
{
  gboolean on_start = g_strcmp0 (shenbao_window_get_page_name (self), "start") == 0;
  const char *name = self->filing != NULL && !on_start
                     ? shenbao_filing_get_text (self->filing, "company_name") : NULL;

  adw_window_title_set_subtitle (self->window_title,
                                 name != NULL ? name : self->filing != NULL && !on_start ? _("New application") : "");
}

/* Each page follows the filing itself; the window updates only its own moves and title. */
static void
on_filing_changed (ShenbaoWindow *self)
{
  update_actions (self);
  update_title (self);
}

/* ------------------------------------------------------------------ the keyboard */

/* What keeps the page from being complete: a value invalid or still needed, no policy chosen,
 * no clause claimed. What only the review can settle (attachments, same-matter questions) does
 * not hold the user on a page. */
GPtrArray *
shenbao_window_list_page_problems (ShenbaoWindow *self,
                                   const char    *page)
{
  GPtrArray *problems = shenbao_filing_list_problems (self->filing, shenbao_prefers_chinese ());

  for (guint i = problems->len; i > 0; i--)
    {
      ShenbaoProblem *problem = g_ptr_array_index (problems, i - 1);
      gboolean blocking = problem->kind == SHENBAO_PROBLEM_FIELD || problem->kind == SHENBAO_PROBLEM_NO_POLICY
                          || problem->kind == SHENBAO_PROBLEM_NOTHING_CLAIMED;

      if (!blocking || g_strcmp0 (problem->page, page) != 0)
        g_ptr_array_remove_index (problems, i - 1);
    }
  return problems;
}

static GtkWidget *
find_first_field_row (GtkWidget *root)
{
  if (SHENBAO_IS_FIELD_ROW (root) && gtk_widget_get_visible (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gtk_widget_get_visible (child) ? find_first_field_row (child) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The chosen one of a page's radio buttons, else the first shown. Tab into a radio group goes
 * to the group's first button, which on the policies page need not be the first listed. */
static GtkWidget *
find_choice (GtkWidget *root,
             gboolean   active)
{
  if (GTK_IS_CHECK_BUTTON (root) && gtk_widget_get_visible (root)
      && (!active || gtk_check_button_get_active (GTK_CHECK_BUTTON (root))))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gtk_widget_get_visible (child) ? find_choice (child, active) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Where the keyboard starts on a page: at the first problem's field, else at the first field
 * (the checklist's first field is below its clauses: there the first clause), on the policies
 * page at the chosen policy or the first listed, else at the page's first control. Never on
 * the quoted policy text. */
static void
focus_page (ShenbaoWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  const char *name = shenbao_window_get_page_name (self);
  g_autoptr(GPtrArray) problems = NULL;
  GtkWidget *row;

  if (self->filing == NULL || g_strcmp0 (name, "start") == 0)
    return;
  problems = shenbao_window_list_page_problems (self, name);
  for (guint i = 0; i < problems->len; i++)
    if (shenbao_page_focus_field (page, ((ShenbaoProblem *) g_ptr_array_index (problems, i))->key))
      return;
  row = g_strcmp0 (name, "clauses") != 0 ? find_first_field_row (page) : NULL;
  if (row != NULL && gtk_widget_grab_focus (shenbao_field_row_get_input (SHENBAO_FIELD_ROW (row))))
    return;
  if (page == GTK_WIDGET (self->policies_page))
    {
      GtkWidget *choice = find_choice (page, TRUE);

      if (choice == NULL)
        choice = find_choice (page, FALSE);
      if (choice != NULL && gtk_widget_grab_focus (choice))
        return;
    }
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* Enter on a control that does not take it (the window's default action) is checked too. */
static void
shenbao_window_activate_default (GtkWindow *window)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (window);

  if (gtk_widget_get_visible (self->action_bar))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.next-checked", NULL);
  else
    g_signal_chain_from_overridden_handler (window);
}

/* GTK 4.8 has no getter for a check button's group: a grouped one draws a "radio" indicator. */
static gboolean
check_button_is_radio (GtkCheckButton *button)
{
  GtkWidget *indicator = gtk_widget_get_first_child (GTK_WIDGET (button));

  return indicator != NULL && g_strcmp0 (gtk_widget_get_css_name (indicator), "radio") == 0;
}

/* A check or radio button takes Enter as a click, so Enter there never reached the window:
 * on a radio it now picks that choice and then moves on as Enter does elsewhere (so a policy is
 * chosen and the wizard goes on in one key); on a check box it moves on, Space still ticking. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ShenbaoWindow         *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *button = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_CHECK_BUTTON) : NULL;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
      || (state & gtk_accelerator_get_default_mod_mask ()) != 0
      || button == NULL || !gtk_widget_get_visible (self->action_bar))
    return GDK_EVENT_PROPAGATE;
  if (check_button_is_radio (GTK_CHECK_BUTTON (button)))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.next-checked", NULL);
  return GDK_EVENT_STOP;
}

/* The clause pages are rebuilt where they can change: when the application is set, and when
 * the wizard leaves the checklist (step_action, in shenbao-window-actions.c). */
void
shenbao_window_go_to (ShenbaoWindow *self,
                      const char    *name)
{
  g_autoptr(GError) error = NULL;

  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    name = "clauses";

  gtk_stack_set_visible_child_name (self->stack, name);
  /* What Enter said was left to fix concerned the page left. */
  if (self->problem_toast != NULL)
    adw_toast_dismiss (self->problem_toast);
  if (self->filing != NULL && !g_str_equal (name, "start")
      && !shenbao_filing_set_page (self->filing, name, &error))
    shenbao_window_show_error (self, error->message);
  shenbao_window_update_steps (self);
  update_actions (self);
  update_title (self);
  /* The keyboard needs the page built, which it is when shown (see shenbao_window_map). */
  self->focus_when_mapped = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->focus_when_mapped)
    focus_page (self);
}

/* ------------------------------------------------------------------ opening applications */

/* libadwaita 1.2 gives a toast's close button an icon and no name: a screen reader said only
 * "button". Each toast shown gets one; a queued toast is shown when the one before it goes. */
static void
name_close_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0
          && gtk_widget_get_tooltip_text (child) == NULL)
        {
          gtk_widget_set_tooltip_text (child, _("Close"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
        }
      name_close_button (child);
    }
}

/* The toasts shown are the overlay's own children, beside its content: only they are searched,
 * not the whole window. Their type is private to libadwaita, known by name once one was shown. */
static void
name_close_buttons (GtkWidget *overlay)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  if (toast_type == 0)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, toast_type))
      name_close_button (child);
}

static gboolean
name_toast_buttons (gpointer data)
{
  ShenbaoWindow *self = data;

  if (self->toast_overlay != NULL)
    name_close_buttons (GTK_WIDGET (self->toast_overlay));
  return G_SOURCE_REMOVE;
}

static void
on_toast_dismissed (AdwToast      *toast,
                    ShenbaoWindow *self)
{
  /* Dismissed too as the window closes: the window is kept, and its overlay looked for then. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_toast_buttons, g_object_ref (self), g_object_unref);
}

/* Every toast goes through here. */
void
shenbao_window_add_toast (ShenbaoWindow *self,
                          AdwToast      *toast)
{
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  name_close_buttons (GTK_WIDGET (self->toast_overlay));
}

void
shenbao_window_show_error (ShenbaoWindow *self,
                           const char    *message)
{
  shenbao_window_add_toast (self, adw_toast_new (message));
}

gboolean
shenbao_window_open_application (ShenbaoWindow *self,
                                 gint64         application_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoFiling) application = NULL;
  const char *page;

  g_return_val_if_fail (SHENBAO_IS_WINDOW (self), FALSE);

  application = shenbao_filing_load (self->storage, self->policies, application_id, &error);
  if (application == NULL)
    {
      shenbao_window_show_error (self, error->message);
      return FALSE;
    }
  shenbao_window_set_filing (self, application);
  /* Resume exactly where the user stopped. */
  page = shenbao_filing_get_page (application);
  shenbao_window_go_to (self, page != NULL ? page : "company");
  return TRUE;
}

/* Reopens the application the user was working on, on the page where it was left. One that
 * is gone (deleted, or another data folder) is simply forgotten: there is nothing to tell. */
void
shenbao_window_resume (ShenbaoWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoFiling) application = NULL;
  gint64 last;

  g_return_if_fail (SHENBAO_IS_WINDOW (self));

  last = shenbao_settings_get_last_application (self->settings);
  if (last <= 0)
    return;
  application = shenbao_filing_load (self->storage, self->policies, last, &error);
  if (application == NULL)
    {
      if (g_error_matches (error, SHENBAO_STORAGE_ERROR, SHENBAO_STORAGE_ERROR_NOT_FOUND))
        shenbao_settings_set_last_application (self->settings, 0);
      else
        shenbao_window_show_error (self, error->message);
      return;
    }
  shenbao_window_set_filing (self, application);
  shenbao_window_go_to (self, shenbao_filing_get_page (application) != NULL ? shenbao_filing_get_page (application)
                                                                           : "company");
}

ShenbaoFiling *
shenbao_window_get_filing (ShenbaoWindow *self)
{
  g_return_val_if_fail (SHENBAO_IS_WINDOW (self), NULL);
  return self->filing;
}

/* The pages bound to "filing" follow; the clause pages are made for it here. */
void
shenbao_window_set_filing (ShenbaoWindow *self,
                           ShenbaoFiling *filing)
{
  g_return_if_fail (SHENBAO_IS_WINDOW (self));
  g_return_if_fail (filing == NULL || SHENBAO_IS_FILING (filing));

  if (self->filing == filing)
    return;
  if (self->filing != NULL)
    g_signal_handlers_disconnect_by_data (self->filing, self);
  g_set_object (&self->filing, filing);
  if (filing != NULL)
    g_signal_connect_object (filing, "changed", G_CALLBACK (on_filing_changed), self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILING]);
  shenbao_window_rebuild_clause_pages (self);
  if (filing != NULL)
    shenbao_settings_set_last_application (self->settings, shenbao_filing_get_id (filing));
}

GtkWidget *
shenbao_window_find_field (ShenbaoWindow *self,
                           const char    *input_key)
{
  GtkWidget *row;

  g_return_val_if_fail (SHENBAO_IS_WINDOW (self), NULL);
  /* A policy-level field has a row on the checklist and on the clause pages using it: the
   * one on the page shown is the one meant. */
  row = shenbao_page_find_field (gtk_stack_get_visible_child (self->stack), input_key);
  return row != NULL ? row : shenbao_page_find_field (GTK_WIDGET (self->stack), input_key);
}

/* ------------------------------------------------------------------ object */

static void
shenbao_window_dispose (GObject *object)
{
  ShenbaoWindow *self = (ShenbaoWindow *) object;

  if (self->filing != NULL)
    g_signal_handlers_disconnect_by_data (self->filing, self);
  /* Deletions still undoable when the window closes are carried out. */
  if (self->pending_deletes != NULL)
    {
      g_autoptr(GList) ids = g_hash_table_get_keys (self->pending_deletes);

      for (GList *l = ids; l != NULL; l = l->next)
        shenbao_storage_delete_application (self->storage, *(gint64 *) l->data, NULL);
      g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
    }
  if (self->problem_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->problem_toast), (gpointer *) &self->problem_toast);
  self->problem_toast = NULL;
  g_clear_object (&self->filing);
  g_clear_object (&self->storage);
  g_clear_object (&self->policies);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->clause_pages, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHENBAO_TYPE_WINDOW);
  G_OBJECT_CLASS (shenbao_window_parent_class)->dispose (object);
}

/* A page shown before the window is (an application resumed at start) builds itself as the
 * window maps: only then can the keyboard be placed on it. */
static void
shenbao_window_map (GtkWidget *widget)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);

  GTK_WIDGET_CLASS (shenbao_window_parent_class)->map (widget);
  if (self->focus_when_mapped)
    {
      self->focus_when_mapped = FALSE;
      focus_page (self);
    }
}

static void
shenbao_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILING:
      g_value_set_object (value, self->filing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORAGE:
      self->storage = g_value_dup_object (value);
      break;
    case PROP_POLICIES:
      self->policies = g_value_dup_object (value);
      break;
    case PROP_FILING:
      shenbao_window_set_filing (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A policy file that does not load is left out, and the user is told which and why; every other
 * policy works as usual. */
static void
report_policy_problems (ShenbaoWindow *self)
{
  GPtrArray *problems = shenbao_policy_set_get_problems (self->policies);
  g_autofree char *message = NULL;
  const char *first, *xml;
  AdwToast *toast;

  if (problems->len == 0)
    return;
  /* The directory is long and the same for all: the file name and line say where to look. */
  first = g_ptr_array_index (problems, 0);
  xml = strstr (first, ".xml:");
  for (const char *p = first; xml != NULL && p < xml; p++)
    if (*p == '/')
      first = p + 1;
  if (problems->len == 1)
    message = g_strdup_printf (_("A policy file has a problem and was left out: %s"), first);
  else
    message = g_strdup_printf (_("%u problems in policy files, each file left out; the first: %s"),
                               problems->len, first);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  shenbao_window_add_toast (self, toast);
}

static void
shenbao_window_constructed (GObject *object)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (object);

  G_OBJECT_CLASS (shenbao_window_parent_class)->constructed (object);

  self->settings = shenbao_settings_new ();
  shenbao_settings_bind_window (self->settings, object);
  shenbao_policies_page_set_storage (self->policies_page, self->storage);
  shenbao_start_page_reload (self->start_page, self->storage, self->policies, self->pending_deletes);
  shenbao_window_go_to (self, "start");
  report_policy_problems (self);
}

static void
shenbao_window_class_init (ShenbaoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_window_dispose;
  object_class->get_property = shenbao_window_get_property;
  object_class->set_property = shenbao_window_set_property;
  object_class->constructed = shenbao_window_constructed;
  widget_class->map = shenbao_window_map;

  properties[PROP_STORAGE] = g_param_spec_object ("storage", NULL, NULL, SHENBAO_TYPE_STORAGE,
                                                  G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICIES] = g_param_spec_object ("policies", NULL, NULL, SHENBAO_TYPE_POLICY_SET,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILING] = g_param_spec_object ("filing", NULL, NULL, SHENBAO_TYPE_FILING,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_signal_override_class_handler ("activate-default", SHENBAO_TYPE_WINDOW,
                                   G_CALLBACK (shenbao_window_activate_default));

  g_type_ensure (SHENBAO_TYPE_START_PAGE);
  g_type_ensure (SHENBAO_TYPE_COMPANY_PAGE);
  g_type_ensure (SHENBAO_TYPE_POLICIES_PAGE);
  g_type_ensure (SHENBAO_TYPE_CLAUSES_PAGE);
  g_type_ensure (SHENBAO_TYPE_MATERIALS_PAGE);
  g_type_ensure (SHENBAO_TYPE_REVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, steps_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, steps_box);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, step_short_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, step_company);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, step_policies);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, step_clauses);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, step_details);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, step_materials);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, step_review);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, action_bar);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, company_page);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, policies_page);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, clauses_page);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, materials_page);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoWindow, review_page);

  shenbao_window_install_actions (widget_class);
}

static void
shenbao_window_init (ShenbaoWindow *self)
{
  self->clause_pages = g_ptr_array_new_with_free_func (g_free);
  self->pending_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  /* Each page listens to the filing and refreshes itself; the window only hands it on. */
  g_object_bind_property (self, "filing", self->company_page, "filing", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "filing", self->policies_page, "filing", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "filing", self->clauses_page, "filing", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "filing", self->review_page, "filing", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "filing", self->materials_page, "filing", G_BINDING_SYNC_CREATE);
}

ShenbaoWindow *
shenbao_window_new (GtkApplication   *app,
                    ShenbaoStorage   *storage,
                    ShenbaoPolicySet *policies)
{
  return g_object_new (SHENBAO_TYPE_WINDOW,
                       "application", app,
                       "storage", storage,
                       "policies", policies,
                       NULL);
}
