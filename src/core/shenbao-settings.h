/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SHENBAO_TYPE_SETTINGS (shenbao_settings_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoSettings, shenbao_settings, SHENBAO, SETTINGS, GObject)

ShenbaoSettings *shenbao_settings_new                  (void);
gint64           shenbao_settings_get_last_application (ShenbaoSettings *self);
void             shenbao_settings_set_last_application (ShenbaoSettings *self,
                                                        gint64           application_id);
char            *shenbao_settings_dup_database_path    (ShenbaoSettings *self);
void             shenbao_settings_set_database_path    (ShenbaoSettings *self,
                                                        const char      *path);
void             shenbao_settings_bind_window          (ShenbaoSettings *self,
                                                        GObject         *window);

G_END_DECLS
