/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_CLAUSE_PAGE (shenbao_clause_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoClausePage, shenbao_clause_page, SHENBAO, CLAUSE_PAGE, AdwBin)

GtkWidget     *shenbao_clause_page_new        (ShenbaoFiling     *filing,
                                               ShenbaoClause     *clause);
ShenbaoFiling *shenbao_clause_page_get_filing (ShenbaoClausePage *self);
void           shenbao_clause_page_set_filing (ShenbaoClausePage *self,
                                               ShenbaoFiling     *filing);
ShenbaoClause *shenbao_clause_page_get_clause (ShenbaoClausePage *self);

G_END_DECLS
