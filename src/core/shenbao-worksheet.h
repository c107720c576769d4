/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-engine.h"

G_BEGIN_DECLS

/* The one place where the engine's steps become words: the CLI, the app and the package's
 * calculation statement (测算说明) all print what these return. Both languages are always
 * available, whatever the UI's locale: a Chinese statement is filed from an English desktop. */

typedef enum
{
  SHENBAO_WORKSHEET_DEFAULT  = 0,
  SHENBAO_WORKSHEET_FORMULAS = 1 << 0,  /* each step's formula too, for policy authors */
} ShenbaoWorksheetFlags;

char      *shenbao_worksheet_amount       (gint64                     fen,
                                           gboolean                   chinese);
char      *shenbao_worksheet_decimal      (ShenbaoDecimal             amount,
                                           gboolean                   chinese);
char      *shenbao_worksheet_value        (const ShenbaoValue        *value,
                                           gboolean                   chinese);
char      *shenbao_worksheet_unit         (const ShenbaoUnit         *unit,
                                           gboolean                   chinese);
char      *shenbao_worksheet_formula      (const ShenbaoWorkStep     *step,
                                           gboolean                   chinese);
char      *shenbao_worksheet_step_text    (const ShenbaoWorkStep     *step,
                                           gboolean                   chinese,
                                           ShenbaoWorksheetFlags      flags);
GPtrArray *shenbao_worksheet_clause_lines (const ShenbaoClauseResult *result,
                                           gboolean                   chinese,
                                           ShenbaoWorksheetFlags      flags);
GPtrArray *shenbao_worksheet_step_lines   (const ShenbaoClauseResult *result,
                                           gboolean                   chinese,
                                           ShenbaoWorksheetFlags      flags);
GPtrArray *shenbao_worksheet_alternative_lines (const ShenbaoClauseResult *result,
                                           gboolean                   chinese);
GPtrArray *shenbao_worksheet_notes        (const ShenbaoPolicyResult *result,
                                           gboolean                   chinese);
char      *shenbao_worksheet_policy_text  (ShenbaoPolicyResult       *result,
                                           gboolean                   chinese,
                                           ShenbaoWorksheetFlags      flags);
char      *shenbao_worksheet_gloss        (const char                *english,
                                           GHashTable                *seen);

G_END_DECLS
