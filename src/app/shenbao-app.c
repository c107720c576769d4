/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-app"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-app.h"
#include "shenbao-policy-set.h"
#include "shenbao-settings.h"
#include "shenbao-storage.h"
#include "shenbao-window.h"

struct _ShenbaoApp
{
  AdwApplication    parent_instance;

  ShenbaoStorage   *storage;
  ShenbaoPolicySet *policies;
  char             *startup_error;
};

G_DEFINE_FINAL_TYPE (ShenbaoApp, shenbao_app, ADW_TYPE_APPLICATION)

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Shenbao developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Shenbao"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Prepare applications for industrial subsidy policies"),
                         NULL);
}

/* The user guide as HTML, in the first of the user's languages it exists in: installed beside the
 * policies, or in the build tree when the program runs uninstalled. */
static char *
find_html_help (void)
{
  const char * const *languages = g_get_language_names ();
  const char *roots[] = { PKGDATADIR "/help", HELP_BUILD_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    for (guint j = 0; languages[j] != NULL; j++)
      {
        g_autofree char *path = g_build_filename (roots[i], languages[j], "index.html", NULL);

        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return g_filename_to_uri (path, NULL, NULL);
      }
  return NULL;
}

/* Whether the Mallard pages are installed where a help browser looks for help:shenbao. */
static gboolean
mallard_help_installed (void)
{
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *path = g_build_filename (DATADIR, "help", "C", "shenbao", "index.page", NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *other = g_build_filename (dirs[i], "help", "C", "shenbao", "index.page", NULL);

      if (g_file_test (other, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

/* Something that failed and why, with a Close button. */
static void
show_alert (GtkWindow  *parent,
            const char *heading,
            const char *reason)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, reason);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_help_failed (GtkWindow  *parent,
                  const char *reason)
{
  show_alert (parent, _("Cannot Show Help"), reason);
}

static void
on_html_help_shown (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (parent, result, &error))
    show_help_failed (parent, error->message);
}

static void
show_html_help (GtkWindow *parent)
{
  g_autofree char *uri = find_html_help ();

  if (uri == NULL)
    show_help_failed (parent, _("The user guide is not installed."));
  else
    gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, on_html_help_shown, g_object_ref (parent));
}

/* No help browser took help:shenbao (Yelp is not installed, say): the HTML guide opens instead. */
static void
on_help_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (parent, result, &error))
    {
      g_debug ("Cannot open help:shenbao: %s", error->message);
      show_html_help (parent);
    }
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (parent == NULL)
    return;
  if (mallard_help_installed ())
    gtk_show_uri_full (parent, "help:shenbao", GDK_CURRENT_TIME, NULL, on_help_shown, g_object_ref (parent));
  else
    show_html_help (parent);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
};

/* Without its policies or its database the program cannot work: it says why, in a dialog and
 * on the terminal, and quits when the user has read it. Nothing on disk is touched. */
static void
report_startup_error (ShenbaoApp *self,
                      const char *message)
{
  g_printerr ("shenbao: %s\n", message);
  if (self->startup_error == NULL)
    self->startup_error = g_strdup (message);
}

static void
on_error_response (AdwMessageDialog *dialog,
                   const char       *response,
                   GApplication     *application)
{
  g_application_release (application);
}

static void
show_startup_error (ShenbaoApp *self)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Shenbao Cannot Start"), self->startup_error);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response), self);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Our style sheet, which AdwApplication would load from a resource base path. Without one,
 * GtkApplication adds no icon path of its own to the icon theme: added after GTK's thread
 * had loaded the theme, it made the theme load again on the main thread at the first icon
 * drawn, in one start out of several (some 20 ms). */
static void
add_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/shenbao/Shenbao/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
shenbao_app_startup (GApplication *application)
{
  ShenbaoApp *self = SHENBAO_APP (application);
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  G_APPLICATION_CLASS (shenbao_app_parent_class)->startup (application);
  add_style ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.home", (const char *[]) { "<Alt>Home", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-application", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.next", (const char *[]) { "<Alt>Right", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.back", (const char *[]) { "<Alt>Left", NULL });

  self->policies = shenbao_policy_set_new_default (&error);
  if (self->policies == NULL)
    {
      report_startup_error (self, error->message);
      return;
    }
  /* A broken policy file is reported; every other policy still loads. */
  problems = shenbao_policy_set_get_problems (self->policies);
  for (guint i = 0; i < problems->len; i++)
    g_warning ("%s", (char *) g_ptr_array_index (problems, i));

  {
    g_autoptr(ShenbaoSettings) settings = shenbao_settings_new ();
    g_autofree char *chosen = shenbao_settings_dup_database_path (settings);

    self->storage = chosen != NULL ? shenbao_storage_open (chosen, &error) : shenbao_storage_open_default (&error);
  }
  if (self->storage == NULL)
    report_startup_error (self, error->message);
}

static void
quit_after_paint (GdkFrameClock *clock,
                  GApplication  *application)
{
  g_application_quit (application);
}

/* For the start-up benchmark: quit once the first frame is painted. */
static void
on_window_mapped (GtkWidget    *window,
                  GApplication *application)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (quit_after_paint), application, 0);
}

static GtkWindow *open_window (ShenbaoApp *self);

/* The copy chosen: work goes on there, now and at the next start. */
static void
on_copy_chosen (GtkNativeDialog *chooser,
                int              response,
                ShenbaoApp      *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoStorage) copy = NULL;
  g_autoptr(ShenbaoSettings) settings = NULL;
  GtkWindow *old = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL || !shenbao_storage_save_copy (self->storage, path, &error)
      || (copy = shenbao_storage_open (path, &error)) == NULL)
    {
      show_alert (old, _("The Copy Could Not Be Saved"), error != NULL ? error->message : _("Choose a local file."));
      return;
    }
  settings = shenbao_settings_new ();
  shenbao_settings_set_database_path (settings, path);
  g_set_object (&self->storage, copy);
  gtk_window_present (open_window (self));
  if (old != NULL)
    gtk_window_destroy (old);
}

static void
on_read_only_response (AdwMessageDialog *dialog,
                       const char       *response,
                       ShenbaoApp       *self)
{
  GtkFileChooserNative *chooser;

  if (!g_str_equal (response, "copy"))
    return;
  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Saved Applications"),
                                         gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "shenbao.db");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_copy_chosen), self, 0);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Said at once, not at the first save that fails: the applications can be looked at, and
 * kept working on in a copy the user puts elsewhere. */
static void
warn_read_only (ShenbaoApp *self,
                GtkWindow  *window)
{
  GtkWidget *dialog;

  if (!shenbao_storage_is_read_only (self->storage))
    return;
  dialog = adw_message_dialog_new (window, _("Saved Applications Are Read-Only"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s cannot be written: nothing you change now could be saved. You can look "
                                    "at the saved applications, or save a copy in another folder and keep working "
                                    "there."), shenbao_storage_get_path (self->storage));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "look", _("_Only Look"),
                                    "copy", _("Save a _Copy…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_read_only_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
open_window (ShenbaoApp *self)
{
  GtkWindow *window = GTK_WINDOW (shenbao_window_new (GTK_APPLICATION (self), self->storage, self->policies));

  shenbao_window_resume (SHENBAO_WINDOW (window));
  if (g_getenv ("SHENBAO_QUIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), self);
  return window;
}

static void
shenbao_app_activate (GApplication *application)
{
  ShenbaoApp *self = SHENBAO_APP (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      if (self->startup_error != NULL)
        {
          show_startup_error (self);
          return;
        }
      window = open_window (self);
      gtk_window_present (window);
      warn_read_only (self, window);
      return;
    }
  gtk_window_present (window);
}

/* `shenbao FILE.zip` or a package opened from the file manager: each becomes a saved
 * application (see shenbao_window_import ()). */
static void
shenbao_app_open (GApplication  *application,
                  GFile        **files,
                  int            n_files,
                  const char    *hint)
{
  GtkWindow *window;

  shenbao_app_activate (application);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  for (int i = 0; SHENBAO_IS_WINDOW (window) && i < n_files; i++)
    shenbao_window_import (SHENBAO_WINDOW (window), files[i]);
}

static void
shenbao_app_dispose (GObject *object)
{
  ShenbaoApp *self = (ShenbaoApp *) object;

  g_clear_object (&self->storage);
  g_clear_object (&self->policies);
  g_clear_pointer (&self->startup_error, g_free);
  G_OBJECT_CLASS (shenbao_app_parent_class)->dispose (object);
}

static void
shenbao_app_class_init (ShenbaoAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = shenbao_app_dispose;
  app_class->startup = shenbao_app_startup;
  app_class->activate = shenbao_app_activate;
  app_class->open = shenbao_app_open;
}

static void
shenbao_app_init (ShenbaoApp *self)
{
}

ShenbaoApp *
shenbao_app_new (void)
{
  return g_object_new (SHENBAO_TYPE_APP,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* None: see add_style (). */
                       "resource-base-path", NULL,
                       NULL);
}
