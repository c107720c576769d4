/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-package-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-package.h"
#include "shenbao-package-dialog.h"

/* "Create submission package": problems first (each leads to its field on the review; a draft
 * can still be made), then where to save it, a confirmation before replacing a file, and the
 * packaging itself off the main thread, with its bytes shown and a Cancel that leaves no file. */
struct _ShenbaoPackageDialog
{
  AdwMessageDialog    parent_instance;

  GtkWindow          *parent;
  ShenbaoFiling *filing;
  char               *path;
  gboolean            draft;
  gboolean            replace;
  GCancellable       *cancellable;
  ShenbaoPackage     *package;

  GtkProgressBar     *progress_bar;
};

G_DEFINE_FINAL_TYPE (ShenbaoPackageDialog, shenbao_package_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void choose_path (ShenbaoPackageDialog *self);
static void confirm_replace (ShenbaoPackageDialog *self);

static void
tell (ShenbaoPackageDialog *self,
      const char           *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.show-message", "s", message);
}

static void
on_response (ShenbaoPackageDialog *self,
             const char           *response)
{
  /* The dialog stays until the worker has stopped: it is what owns the package being written. */
  g_cancellable_cancel (self->cancellable);
}

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  ShenbaoPackageDialog *self = user_data;
  g_autofree char *done_text = g_format_size (done);
  g_autofree char *total_text = g_format_size (total);
  /* Translators: bytes written of the whole, as "12.3 MB of 100.0 MB" */
  g_autofree char *text = g_strdup_printf (_("%s of %s"), done_text, total_text);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ShenbaoPackageDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (shenbao_package_write_finish (SHENBAO_PACKAGE (source), result, &error))
    {
      g_autofree char *name = g_path_get_basename (self->path);
      /* Translators: a file name */
      g_autofree char *message = g_strdup_printf (_("Submission package saved: %s"), name);

      tell (self, message);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tell (self, error->message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_writing (ShenbaoPackageDialog *self)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  self->package = shenbao_package_new (self->filing, shenbao_prefers_chinese (), self->draft, &today, &error);
  if (self->package == NULL)
    {
      tell (self, error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  on_progress (0, shenbao_package_get_size (self->package), self);
  gtk_window_present (GTK_WINDOW (self));
  shenbao_package_write_async (self->package, self->path, self->replace, on_progress, self,
                               self->cancellable, on_written, g_object_ref (self));
}

static void
on_replace_response (AdwMessageDialog     *dialog,
                     const char           *response,
                     ShenbaoPackageDialog *self)
{
  if (g_str_equal (response, "replace"))
    {
      self->replace = TRUE;
      start_writing (self);
    }
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirm_replace (ShenbaoPackageDialog *self)
{
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      start_writing (self);
      return;
    }
  name = g_path_get_basename (self->path);
  /* Translators: a file name */
  dialog = adw_message_dialog_new (self->parent, _("Replace the Existing File?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” exists already. Replacing it overwrites it with the new package."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_path_chosen (GtkNativeDialog      *chooser,
                int                   response,
                ShenbaoPackageDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      self->path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  if (self->path != NULL)
    confirm_replace (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
choose_path (ShenbaoPackageDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save the Submission Package"), self->parent,
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  g_autofree char *name = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  name = shenbao_package_default_name (self->filing, &today);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_path_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
next_after_problems (ShenbaoPackageDialog *self)
{
  if (self->path == NULL)
    choose_path (self);
  else
    confirm_replace (self);
}

static void
on_problems_response (AdwMessageDialog     *dialog,
                      const char           *response,
                      ShenbaoPackageDialog *self)
{
  if (g_str_equal (response, "draft"))
    {
      self->draft = TRUE;
      next_after_problems (self);
    }
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The problems are listed on the review, each leading to its field: here they are counted and
 * the first few named, with the choice of a draft marked as such on every page. */
static gboolean
ask_about_problems (ShenbaoPackageDialog *self)
{
  g_autoptr(GPtrArray) problems = shenbao_filing_list_problems (self->filing, shenbao_prefers_chinese ());
  g_autoptr(GString) body = NULL;
  GtkWidget *dialog;

  if (problems->len == 0)
    return FALSE;
  body = g_string_new (NULL);
  g_string_append_printf (body, ngettext ("%u problem is left. Fix it first (the review lists it and leads to it), or make a draft, marked as such on every page.",
                                          "%u problems are left. Fix them first (the review lists them and leads to each), or make a draft, marked as such on every page.",
                                          problems->len), problems->len);
  for (guint i = 0; i < MIN (problems->len, 6); i++)
    g_string_append_printf (body, "\n• %s", ((ShenbaoProblem *) g_ptr_array_index (problems, i))->message);
  dialog = adw_message_dialog_new (self->parent, _("Problems Left"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Fix Them First"), "draft", _("Make a _Draft"), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_problems_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
shenbao_package_dialog_dispose (GObject *object)
{
  ShenbaoPackageDialog *self = (ShenbaoPackageDialog *) object;

  g_clear_object (&self->filing);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->package);
  g_clear_pointer (&self->path, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_PACKAGE_DIALOG);
  G_OBJECT_CLASS (shenbao_package_dialog_parent_class)->dispose (object);
}

static void
shenbao_package_dialog_class_init (ShenbaoPackageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_package_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-package-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoPackageDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
shenbao_package_dialog_init (ShenbaoPackageDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* path NULL: the user chooses where, with the default name. */
void
shenbao_package_dialog_create (GtkWindow          *parent,
                               ShenbaoFiling *application,
                               const char         *path)
{
  ShenbaoPackageDialog *self;

  g_return_if_fail (SHENBAO_IS_FILING (application));

  self = g_object_new (SHENBAO_TYPE_PACKAGE_DIALOG, "transient-for", parent, NULL);
  self->parent = parent;
  self->filing = g_object_ref (application);
  self->path = g_strdup (path);
  if (!ask_about_problems (self))
    next_after_problems (self);
}
