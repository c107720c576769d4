/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_CLAUSES_PAGE (shenbao_clauses_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoClausesPage, shenbao_clauses_page, SHENBAO, CLAUSES_PAGE, AdwBin)

ShenbaoFiling *shenbao_clauses_page_get_filing (ShenbaoClausesPage *self);
void           shenbao_clauses_page_set_filing (ShenbaoClausesPage *self,
                                                ShenbaoFiling      *filing);

G_END_DECLS
