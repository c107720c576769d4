/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_POLICIES_PAGE (shenbao_policies_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoPoliciesPage, shenbao_policies_page, SHENBAO, POLICIES_PAGE, AdwBin)

ShenbaoFiling *shenbao_policies_page_get_filing  (ShenbaoPoliciesPage *self);
void           shenbao_policies_page_set_filing  (ShenbaoPoliciesPage *self,
                                                  ShenbaoFiling       *filing);
void           shenbao_policies_page_refresh     (ShenbaoPoliciesPage *self);
void           shenbao_policies_page_set_storage (ShenbaoPoliciesPage *self,
                                                  ShenbaoStorage      *storage);

G_END_DECLS
