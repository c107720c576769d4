/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-engine.h"
#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_QUESTION_ROW (shenbao_question_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoQuestionRow, shenbao_question_row, SHENBAO, QUESTION_ROW, AdwActionRow)

GtkWidget *shenbao_question_row_new (ShenbaoFiling             *filing,
                                     ShenbaoSameMatterQuestion *question,
                                     const char                *rule_text);

G_END_DECLS
