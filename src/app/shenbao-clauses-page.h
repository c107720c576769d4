/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-page.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_CLAUSES_PAGE (shenbao_clauses_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoClausesPage, shenbao_clauses_page, SHENBAO, CLAUSES_PAGE, ShenbaoPage)

G_END_DECLS
