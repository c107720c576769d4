/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shenbao-policy-set.h"
#include "shenbao-saved-application.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_APPLICATION_ROW (shenbao_application_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoApplicationRow, shenbao_application_row, SHENBAO, APPLICATION_ROW, GtkBox)

GtkWidget               *shenbao_application_row_new      (void);
void                     shenbao_application_row_set_item (ShenbaoApplicationRow   *self,
                                                           ShenbaoSavedApplication *item,
                                                           ShenbaoPolicySet        *policies,
                                                           const char              *deadlines);
ShenbaoSavedApplication *shenbao_application_row_get_item (ShenbaoApplicationRow   *self);
char                    *shenbao_application_row_describe (const ShenbaoApplicationSummary *summary,
                                                           ShenbaoPolicySet                *policies);

char                    *shenbao_application_row_describe_deadlines (const ShenbaoApplicationSummary *summary,
                                                                     ShenbaoPolicySet                *policies,
                                                                     ShenbaoStorage                  *storage,
                                                                     const GDate                     *today);

G_END_DECLS
