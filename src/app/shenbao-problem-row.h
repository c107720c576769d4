/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_PROBLEM_ROW (shenbao_problem_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoProblemRow, shenbao_problem_row, SHENBAO, PROBLEM_ROW, AdwActionRow)

GtkWidget *shenbao_problem_row_new (const ShenbaoProblem *problem);

G_END_DECLS
