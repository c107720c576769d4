/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_MATERIALS_PAGE (shenbao_materials_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoMaterialsPage, shenbao_materials_page, SHENBAO, MATERIALS_PAGE, AdwBin)

ShenbaoFiling *shenbao_materials_page_get_filing  (ShenbaoMaterialsPage *self);
void           shenbao_materials_page_set_filing  (ShenbaoMaterialsPage *self,
                                                   ShenbaoFiling        *filing);
gboolean       shenbao_materials_page_focus_item  (ShenbaoMaterialsPage *self,
                                                   const char           *problem_key);

G_END_DECLS
