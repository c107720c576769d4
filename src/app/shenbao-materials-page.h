/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-page.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_MATERIALS_PAGE (shenbao_materials_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoMaterialsPage, shenbao_materials_page, SHENBAO, MATERIALS_PAGE, ShenbaoPage)

gboolean       shenbao_materials_page_focus_item  (ShenbaoMaterialsPage *self,
                                                   const char           *problem_key);

G_END_DECLS
