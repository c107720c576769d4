/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-engine.h"
#include "shenbao-policy.h"

G_BEGIN_DECLS

const char *shenbao_ui_text               (const ShenbaoText *text);
const char *shenbao_ui_unit_label         (const char        *unit);
char       *shenbao_ui_format_yuan        (gint64             fen);
const char *shenbao_ui_applies_label      (ShenbaoApplicability applies);
char       *shenbao_ui_clause_amount      (ShenbaoClauseResult *result);
char       *shenbao_ui_explanation        (ShenbaoClauseResult *result);
char       *shenbao_ui_formulas           (ShenbaoClauseResult *result);
const char *shenbao_ui_field_value        (ShenbaoField      *field,
                                           const char        *text);

G_END_DECLS
