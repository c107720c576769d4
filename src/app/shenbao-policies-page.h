/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-page.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_POLICIES_PAGE (shenbao_policies_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoPoliciesPage, shenbao_policies_page, SHENBAO, POLICIES_PAGE, ShenbaoPage)

void           shenbao_policies_page_refresh     (ShenbaoPoliciesPage *self);
void           shenbao_policies_page_set_storage (ShenbaoPoliciesPage *self,
                                                  ShenbaoStorage      *storage);

G_END_DECLS
