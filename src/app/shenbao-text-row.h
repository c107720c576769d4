/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHENBAO_TYPE_TEXT_ROW (shenbao_text_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoTextRow, shenbao_text_row, SHENBAO, TEXT_ROW, AdwActionRow)

GtkWidget *shenbao_text_row_new         (const char     *title,
                                         const char     *subtitle);
void       shenbao_text_row_offer_claim (ShenbaoTextRow *self,
                                         const char     *clause_full_id);

G_END_DECLS
