/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-settings"

#include "config.h"

#include "shenbao-settings.h"

/* The program's GSettings in one place. Without the installed schema (a test, a build tree not
 * set up for it) the settings live in memory for the session, and nothing else has to care. */
struct _ShenbaoSettings
{
  GObject    parent_instance;
  GSettings *settings;        /* NULL without the schema */
  gint64     last_application;
  char      *database_path;
};

G_DEFINE_FINAL_TYPE (ShenbaoSettings, shenbao_settings, G_TYPE_OBJECT)

static void
shenbao_settings_finalize (GObject *object)
{
  ShenbaoSettings *self = (ShenbaoSettings *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  G_OBJECT_CLASS (shenbao_settings_parent_class)->finalize (object);
}

static void
shenbao_settings_class_init (ShenbaoSettingsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shenbao_settings_finalize;
}

static void
shenbao_settings_init (ShenbaoSettings *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APPLICATION_ID);
}

ShenbaoSettings *
shenbao_settings_new (void)
{
  return g_object_new (SHENBAO_TYPE_SETTINGS, NULL);
}

gint64
shenbao_settings_get_last_application (ShenbaoSettings *self)
{
  g_return_val_if_fail (SHENBAO_IS_SETTINGS (self), 0);

  if (self->settings != NULL)
    return g_settings_get_int64 (self->settings, "last-application");
  return self->last_application;
}

void
shenbao_settings_set_last_application (ShenbaoSettings *self,
                                       gint64           application_id)
{
  g_return_if_fail (SHENBAO_IS_SETTINGS (self));

  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "last-application", application_id);
  self->last_application = application_id;
}

/* The database chosen instead of the usual one (a copy saved elsewhere when the usual one was
 * read-only), or NULL for the usual one. */
char *
shenbao_settings_dup_database_path (ShenbaoSettings *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SHENBAO_IS_SETTINGS (self), NULL);

  path = self->settings != NULL ? g_settings_get_string (self->settings, "database-path")
                                : g_strdup (self->database_path);
  return path != NULL && *path != '\0' ? g_steal_pointer (&path) : NULL;
}

void
shenbao_settings_set_database_path (ShenbaoSettings *self,
                                    const char      *path)
{
  g_return_if_fail (SHENBAO_IS_SETTINGS (self));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "database-path", path != NULL ? path : "");
  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

/* Keeps the window's size and maximized state across sessions. */
void
shenbao_settings_bind_window (ShenbaoSettings *self,
                              GObject         *window)
{
  g_return_if_fail (SHENBAO_IS_SETTINGS (self));
  g_return_if_fail (G_IS_OBJECT (window));

  if (self->settings == NULL)
    return;
  g_settings_bind (self->settings, "window-width", window, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", window, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", window, "maximized", G_SETTINGS_BIND_DEFAULT);
}
