/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-checklist.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_MATERIAL_ROW (shenbao_material_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoMaterialRow, shenbao_material_row, SHENBAO, MATERIAL_ROW, AdwActionRow)

GtkWidget            *shenbao_material_row_new      (ShenbaoChecklist     *checklist,
                                                     ShenbaoChecklistItem *item,
                                                     guint                 position,
                                                     const char           *problem_key);
ShenbaoChecklistItem *shenbao_material_row_get_item (ShenbaoMaterialRow   *self);

G_END_DECLS
