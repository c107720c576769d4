/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-engine.h"
#include "shenbao-filing.h"
#include "shenbao-policy.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_CLAUSE_ROW (shenbao_clause_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoClauseRow, shenbao_clause_row, SHENBAO, CLAUSE_ROW, AdwExpanderRow)

GtkWidget     *shenbao_clause_row_new        (ShenbaoFiling       *filing,
                                              ShenbaoClause       *clause);
ShenbaoClause *shenbao_clause_row_get_clause (ShenbaoClauseRow    *self);
void           shenbao_clause_row_set_result (ShenbaoClauseRow    *self,
                                              ShenbaoClauseResult *result);

G_END_DECLS
