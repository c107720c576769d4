/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"
#include "shenbao-policy-set.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_WINDOW (shenbao_window_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoWindow, shenbao_window, SHENBAO, WINDOW, AdwApplicationWindow)

ShenbaoWindow      *shenbao_window_new                  (GtkApplication   *app,
                                                         ShenbaoStorage   *storage,
                                                         ShenbaoPolicySet *policies);
void                shenbao_window_resume           (ShenbaoWindow      *self);
gboolean            shenbao_window_open_application     (ShenbaoWindow    *self,
                                                         gint64            application_id);
ShenbaoFiling *shenbao_window_get_filing      (ShenbaoWindow    *self);
void           shenbao_window_set_filing      (ShenbaoWindow *self,
                                               ShenbaoFiling *filing);
const char         *shenbao_window_get_page_name        (ShenbaoWindow    *self);
GtkWidget          *shenbao_window_get_page             (ShenbaoWindow    *self,
                                                         const char       *name);
GtkWidget          *shenbao_window_find_field           (ShenbaoWindow    *self,
                                                         const char       *input_key);
gboolean            shenbao_window_import               (ShenbaoWindow    *self,
                                                         GFile            *file);

G_END_DECLS
