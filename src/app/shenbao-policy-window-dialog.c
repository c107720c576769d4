/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-policy-window-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-parse.h"
#include "shenbao-policy-window-dialog.h"

/* Records the application window of a policy's current call: opens, closes and where to file.
 * Dates are read as finance staff type them; Save stays off while one cannot be read, and the
 * dialog says why. Saved in the database with the rest, for every application of the policy. */
struct _ShenbaoPolicyWindowDialog
{
  AdwMessageDialog  parent_instance;

  ShenbaoStorage   *storage;
  char             *policy_id;
  AdwEntryRow      *opens_row;
  AdwEntryRow      *closes_row;
  AdwEntryRow      *where_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (ShenbaoPolicyWindowDialog, shenbao_policy_window_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* A date typed is read; an empty one is "not known". */
static gboolean
check_date (AdwEntryRow *row,
            GString     *errors)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (*text == '\0' || shenbao_date_parse (text, &date, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      return TRUE;
    }
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  g_string_append_printf (errors, "%s%s: %s", errors->len > 0 ? "\n" : "",
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), error->message);
  return FALSE;
}

static void
on_changed (ShenbaoPolicyWindowDialog *self)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  gboolean valid = check_date (self->opens_row, errors) & check_date (self->closes_row, errors);

  gtk_label_set_text (self->error_label, errors->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !valid);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", valid);
}

static const char *
text_or_null (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return *text != '\0' ? text : NULL;
}

static void
on_response (ShenbaoPolicyWindowDialog *self,
             const char                *response)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = TRUE;

  if (g_str_equal (response, "save"))
    saved = shenbao_storage_set_policy_window (self->storage, self->policy_id, text_or_null (self->opens_row),
                                               text_or_null (self->closes_row), text_or_null (self->where_row),
                                               &error);
  else if (g_str_equal (response, "clear"))
    saved = shenbao_storage_delete_policy_window (self->storage, self->policy_id, &error);
  /* The dialog is gone by now: a refusal (closes before it opens, a read-only disk) is told in
   * the window that opened it. */
  if (!saved)
    gtk_widget_activate_action (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))), "win.show-message",
                                "s", error->message);
  else if (!g_str_equal (response, "cancel"))
    gtk_widget_activate_action (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))),
                                "win.policy-window-changed", NULL);
}

static void
shenbao_policy_window_dialog_dispose (GObject *object)
{
  ShenbaoPolicyWindowDialog *self = (ShenbaoPolicyWindowDialog *) object;

  g_clear_object (&self->storage);
  g_clear_pointer (&self->policy_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHENBAO_TYPE_POLICY_WINDOW_DIALOG);
  G_OBJECT_CLASS (shenbao_policy_window_dialog_parent_class)->dispose (object);
}

static void
shenbao_policy_window_dialog_class_init (ShenbaoPolicyWindowDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_policy_window_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shenbao/Shenbao/ui/shenbao-policy-window-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoPolicyWindowDialog, opens_row);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoPolicyWindowDialog, closes_row);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoPolicyWindowDialog, where_row);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoPolicyWindowDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
shenbao_policy_window_dialog_init (ShenbaoPolicyWindowDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

static void
show_date (AdwEntryRow *row,
           const GDate *date)
{
  char text[16];

  if (!g_date_valid (date))
    return;
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

GtkWidget *
shenbao_policy_window_dialog_new (GtkWindow      *parent,
                                  ShenbaoStorage *storage,
                                  const char     *policy_id,
                                  const char     *policy_title)
{
  ShenbaoPolicyWindowDialog *self = g_object_new (SHENBAO_TYPE_POLICY_WINDOW_DIALOG, "transient-for", parent,
                                                  "modal", TRUE, NULL);
  g_autoptr(ShenbaoPolicyWindow) window = shenbao_storage_get_policy_window (storage, policy_id, NULL);

  self->storage = g_object_ref (storage);
  self->policy_id = g_strdup (policy_id);
  {
    /* Translators: a policy's title, then what the dialog is for */
    g_autofree char *body = g_strdup_printf (_("%s\n\nWhen this year’s call opens and closes, and where to file, as the "
                                               "annual guide (申报指南) says. Shenbao counts the days left and warns as "
                                               "it closes."), policy_title);
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "clear", window != NULL);
  if (window != NULL)
    {
      show_date (self->opens_row, &window->opens);
      show_date (self->closes_row, &window->closes);
      if (window->where_to_file != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->where_row), window->where_to_file);
    }
  return GTK_WIDGET (self);
}
