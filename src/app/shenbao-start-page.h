/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shenbao-policy-set.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_START_PAGE (shenbao_start_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoStartPage, shenbao_start_page, SHENBAO, START_PAGE, GtkBox)

void shenbao_start_page_reload (ShenbaoStartPage *self,
                                ShenbaoStorage   *storage,
                                ShenbaoPolicySet *policies,
                                GHashTable       *hidden);
GListModel *shenbao_start_page_get_model (ShenbaoStartPage *self);

G_END_DECLS
