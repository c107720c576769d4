/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-field-row.h"
#include "shenbao-forms.h"
#include "shenbao-package-dialog.h"
#include "shenbao-package-reader.h"
#include "shenbao-page-util.h"
#include "shenbao-policy-window-dialog.h"
#include "shenbao-print-operation.h"
#include "shenbao-ui-text.h"
#include "shenbao-window-private.h"

/* The window's actions, as Text Editor keeps its window's in editor-window-actions.c. Whether
 * each is enabled is decided in one place, update_actions () in shenbao-window.c. */

/* ------------------------------------------------------------------ moving through the wizard */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  g_autoptr(GPtrArray) sequence = NULL;
  int index;
  int step = g_str_equal (action_name, "win.next") ? 1 : -1;

  if (g_strcmp0 (shenbao_window_get_page_name (self), "clauses") == 0)
    shenbao_window_rebuild_clause_pages (self);
  sequence = shenbao_window_page_sequence (self);
  index = shenbao_window_page_index (self, sequence);
  if (index < 0 || index + step < 0 || index + step >= (int) sequence->len)
    return;
  shenbao_window_go_to (self, g_ptr_array_index (sequence, index + step));
}

/* Enter: moves on as Next does, but only from a page with nothing left to fix there; else the
 * keyboard goes to the first problem and a toast says what it is. Next itself still skips
 * ahead, the review listing what was left. */
static void
next_checked_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *message = NULL;
  ShenbaoProblem *first;

  if (self->filing == NULL)
    return;
  problems = shenbao_window_list_page_problems (self, shenbao_window_get_page_name (self));
  if (problems->len == 0)
    {
      gtk_widget_activate_action (widget, "win.next", NULL);
      return;
    }
  first = g_ptr_array_index (problems, 0);
  shenbao_page_focus_field (gtk_stack_get_visible_child (self->stack), first->key);
  if (problems->len == 1)
    message = g_strdup (first->message);
  else
    /* Translators: %s is the first problem on the page, %u how many more there are */
    message = g_strdup_printf (ngettext ("%s (and %u more to fix on this page)",
                                         "%s (and %u more to fix on this page)", problems->len - 1),
                               first->message, problems->len - 1);
  if (self->problem_toast != NULL)
    adw_toast_dismiss (self->problem_toast);
  self->problem_toast = adw_toast_new (message);
  g_object_add_weak_pointer (G_OBJECT (self->problem_toast), (gpointer *) &self->problem_toast);
  shenbao_window_add_toast (self, self->problem_toast);
}

static void
home_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);

  shenbao_start_page_reload (self->start_page, self->storage, self->policies, self->pending_deletes);
  shenbao_window_go_to (self, "start");
}

/* (page, input key): a problem leads to the page that fixes it, and to its field there. */
static void
go_to_field_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  const char *page, *key;
  GtkWidget *row;

  g_variant_get (parameter, "(&s&s)", &page, &key);
  if (gtk_stack_get_child_by_name (self->stack, page) == NULL && g_str_has_prefix (page, CLAUSE_PAGE_PREFIX))
    shenbao_window_rebuild_clause_pages (self);
  shenbao_window_go_to (self, page);
  if (*key == '\0')
    return;
  row = shenbao_page_find_field (gtk_stack_get_visible_child (self->stack), key);
  if (row != NULL && SHENBAO_IS_FIELD_ROW (row))
    gtk_widget_grab_focus (shenbao_field_row_get_input (SHENBAO_FIELD_ROW (row)));
  else if (row != NULL)
    gtk_widget_grab_focus (row);
  else if (g_str_equal (page, SHENBAO_PAGE_MATERIALS))
    shenbao_materials_page_focus_item (self->materials_page, key);
}

/* ------------------------------------------------------------------ new, open, delete, undo */

/* Without a parameter the application is for a new company; with one, for that company. */
static void
new_application_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoFiling) application = NULL;
  gint64 company_id = parameter != NULL ? g_variant_get_int64 (parameter) : 0;

  application = shenbao_filing_create (self->storage, self->policies, company_id, &error);
  if (application == NULL)
    {
      shenbao_window_show_error (self, error->message);
      return;
    }
  shenbao_window_set_filing (self, application);
  shenbao_window_go_to (self, "company");
}

static void
open_application_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  shenbao_window_open_application (SHENBAO_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* Deleting is undoable: the application disappears from the list at once, and is removed from
 * the database only when its toast goes away without Undo (or the window closes). */
static void
finish_delete (ShenbaoWindow *self,
               gint64         application_id,
               AdwToast      *toast)
{
  g_autoptr(GError) error = NULL;

  /* Only the toast of the latest deletion carries it out: deleted, undone and deleted again,
   * the first toast going away (as the second replaces it) must not delete what the second
   * can still undo. */
  if (self->pending_deletes == NULL || g_hash_table_lookup (self->pending_deletes, &application_id) != toast)
    return;
  g_hash_table_remove (self->pending_deletes, &application_id);
  if (!shenbao_storage_delete_application (self->storage, application_id, &error))
    shenbao_window_show_error (self, error->message);
  if (self->settings != NULL && shenbao_settings_get_last_application (self->settings) == application_id)
    shenbao_settings_set_last_application (self->settings, 0);
}

static void
on_delete_toast_dismissed (AdwToast      *toast,
                           ShenbaoWindow *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), "application-id");

  finish_delete (self, *id, toast);
}

/* The toast's Undo: the application is listed again, as it was. */
static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (self->pending_deletes == NULL || !g_hash_table_remove (self->pending_deletes, &id))
    return;
  shenbao_start_page_reload (self->start_page, self->storage, self->policies, self->pending_deletes);
}

static void
delete_application_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  gint64 *id = g_new (gint64, 1);
  AdwToast *toast = adw_toast_new (_("Application deleted"));

  *id = g_variant_get_int64 (parameter);
  g_hash_table_replace (self->pending_deletes, g_memdup2 (id, sizeof *id), toast);
  shenbao_start_page_reload (self->start_page, self->storage, self->policies, self->pending_deletes);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target (toast, "x", *id);
  g_object_set_data_full (G_OBJECT (toast), "application-id", id, g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  shenbao_window_add_toast (self, toast);
}

/* ------------------------------------------------------------------ import, package and print */

/* A package (or a bare application.xml) becomes a saved application, opened where it was left.
 * It is checked whole before anything is kept; a refusal names the entry at fault. */
gboolean
shenbao_window_import (ShenbaoWindow *self,
                       GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder = shenbao_package_attachments_folder ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_return_val_if_fail (SHENBAO_IS_WINDOW (self), FALSE);

  if (path == NULL)
    return FALSE;
  id = shenbao_package_import (self->storage, self->policies, path, folder, &error);
  if (id == 0)
    {
      shenbao_window_show_error (self, error->message);
      return FALSE;
    }
  shenbao_start_page_reload (self->start_page, self->storage, self->policies, self->pending_deletes);
  return shenbao_window_open_application (self, id);
}

static void
on_import_chosen (GtkNativeDialog *chooser,
                  int              response,
                  ShenbaoWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      shenbao_window_import (self, file);
    }
  g_object_unref (chooser);
}

static void
import_package_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Open a Submission Package"), GTK_WINDOW (widget),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Submission packages and application.xml"));
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chosen), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* No parameter: the user chooses where. With a path (tests, scripts): saved there. */
static void
create_package_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);

  if (self->filing != NULL)
    shenbao_package_dialog_create (GTK_WINDOW (self), self->filing,
                                   parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  gboolean chinese = shenbao_prefers_chinese ();
  gboolean letter = g_str_equal (action_name, "win.print-letter");
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(ShenbaoDocument) document = NULL;
  g_autoptr(ShenbaoPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  gboolean draft;
  GDate today;

  if (self->filing == NULL || shenbao_filing_get_policy (self->filing) == NULL)
    return;
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  draft = !shenbao_filing_is_ready (self->filing);
  attachments = shenbao_forms_number_attachments (shenbao_filing_get_checklist (self->filing));
  document = letter ? shenbao_forms_commitment (self->filing, chinese, draft, &today)
                    : shenbao_forms_application (self->filing, attachments, chinese, draft, &today);
  operation = shenbao_print_operation_new (document, letter ? _("Credit commitment letter") : _("Application form"));
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    shenbao_window_show_error (self, error->message);
}

/* ------------------------------------------------------------------ asked for by the pages */

/* From the review's "you could also claim": the clause joins the claim and gets its page. */
static void
claim_clause_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->filing == NULL)
    return;
  if (!shenbao_filing_set_clause_chosen (self->filing, g_variant_get_string (parameter, NULL), TRUE, &error))
    {
      shenbao_window_show_error (self, error->message);
      return;
    }
  shenbao_window_rebuild_clause_pages (self);
  shenbao_window_update_steps (self);
}

static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  shenbao_window_show_error (SHENBAO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
edit_policy_window_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);
  const char *policy_id = g_variant_get_string (parameter, NULL);
  ShenbaoPolicy *policy = shenbao_policy_set_lookup_header (self->policies, policy_id);

  if (policy == NULL)
    return;
  gtk_window_present (GTK_WINDOW (shenbao_policy_window_dialog_new (GTK_WINDOW (self), self->storage, policy_id,
                                                                     shenbao_ui_text (shenbao_policy_get_title (policy)))));
}

/* A window recorded or cleared: days left change on the policies and start pages. */
static void
policy_window_changed_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ShenbaoWindow *self = SHENBAO_WINDOW (widget);

  shenbao_start_page_reload (self->start_page, self->storage, self->policies, self->pending_deletes);
  if (self->filing != NULL)
    shenbao_policies_page_refresh (self->policies_page);
}

/* ------------------------------------------------------------------ installed on the class */

/* The shortcuts window is built when asked for: GtkApplication would build it with every
 * window, which cost the first frame some 5 ms. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/shenbao/Shenbao/ui/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

void
shenbao_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-application", NULL, new_application_action);
  gtk_widget_class_install_action (widget_class, "win.new-application-for-company", "x", new_application_action);
  gtk_widget_class_install_action (widget_class, "win.open-application", "x", open_application_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.next-checked", NULL, next_checked_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.home", NULL, home_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-field", "(ss)", go_to_field_action);
  gtk_widget_class_install_action (widget_class, "win.claim-clause", "s", claim_clause_action);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_action);
  gtk_widget_class_install_action (widget_class, "win.delete-application", "x", delete_application_action);
  gtk_widget_class_install_action (widget_class, "win.create-package", NULL, create_package_action);
  gtk_widget_class_install_action (widget_class, "win.save-package", "s", create_package_action);
  gtk_widget_class_install_action (widget_class, "win.print-form", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.print-letter", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.import-package", NULL, import_package_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.edit-policy-window", "s", edit_policy_window_action);
  gtk_widget_class_install_action (widget_class, "win.policy-window-changed", NULL, policy_window_changed_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-application", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
}
