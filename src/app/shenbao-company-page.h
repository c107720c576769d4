/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-page.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_COMPANY_PAGE (shenbao_company_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoCompanyPage, shenbao_company_page, SHENBAO, COMPANY_PAGE, ShenbaoPage)

G_END_DECLS
