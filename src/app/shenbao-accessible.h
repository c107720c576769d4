/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void shenbao_accessible_set_label (GtkWidget  *input,
                                   const char *label);

G_END_DECLS
