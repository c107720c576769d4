/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHENBAO_TYPE_REGION_CHOOSER (shenbao_region_chooser_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoRegionChooser, shenbao_region_chooser, SHENBAO, REGION_CHOOSER, GtkWidget)

GtkWidget  *shenbao_region_chooser_new        (void);
const char *shenbao_region_chooser_get_code   (ShenbaoRegionChooser *self);
void        shenbao_region_chooser_set_code   (ShenbaoRegionChooser *self,
                                               const char           *code);
const char *shenbao_region_chooser_get_title  (ShenbaoRegionChooser *self);
void        shenbao_region_chooser_set_title  (ShenbaoRegionChooser *self,
                                               const char           *title);
void        shenbao_region_chooser_popup      (ShenbaoRegionChooser *self);

G_END_DECLS
