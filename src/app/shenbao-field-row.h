/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_FIELD_ROW (shenbao_field_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoFieldRow, shenbao_field_row, SHENBAO, FIELD_ROW, AdwActionRow)

GtkWidget    *shenbao_field_row_new        (ShenbaoFiling *application,
                                            ShenbaoField  *field);
ShenbaoField *shenbao_field_row_get_field  (ShenbaoFieldRow    *self);
GtkWidget    *shenbao_field_row_get_input  (ShenbaoFieldRow    *self);
void          shenbao_field_row_refresh    (ShenbaoFieldRow    *self);

G_END_DECLS
