/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-page.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_CLAUSE_PAGE (shenbao_clause_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoClausePage, shenbao_clause_page, SHENBAO, CLAUSE_PAGE, ShenbaoPage)

GtkWidget     *shenbao_clause_page_new        (ShenbaoFiling *filing,
                                               ShenbaoClause *clause);
ShenbaoClause *shenbao_clause_page_get_clause (ShenbaoClausePage *self);

G_END_DECLS
