/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_COMPANY_PAGE (shenbao_company_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoCompanyPage, shenbao_company_page, SHENBAO, COMPANY_PAGE, AdwBin)

ShenbaoFiling *shenbao_company_page_get_filing (ShenbaoCompanyPage *self);
void           shenbao_company_page_set_filing (ShenbaoCompanyPage *self,
                                                ShenbaoFiling      *filing);

G_END_DECLS
