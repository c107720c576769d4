/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHENBAO_TYPE_NOTE_ROW (shenbao_note_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoNoteRow, shenbao_note_row, SHENBAO, NOTE_ROW, AdwPreferencesRow)

GtkWidget  *shenbao_note_row_new         (const char     *text,
                                          gboolean        flagged);
const char *shenbao_note_row_get_text    (ShenbaoNoteRow *self);
void        shenbao_note_row_set_text    (ShenbaoNoteRow *self,
                                          const char     *text);
gboolean    shenbao_note_row_get_flagged (ShenbaoNoteRow *self);
void        shenbao_note_row_set_flagged (ShenbaoNoteRow *self,
                                          gboolean        flagged);

G_END_DECLS
