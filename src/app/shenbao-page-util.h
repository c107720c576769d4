/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       shenbao_page_remove_rows  (GPtrArray *rows);
GtkWidget *shenbao_page_find_field   (GtkWidget  *root,
                                      const char *input_key);
gboolean   shenbao_page_focus_field  (GtkWidget  *page,
                                      const char *input_key);
void       shenbao_page_refresh_rows (GPtrArray *rows);

G_END_DECLS
