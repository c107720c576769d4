/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shenbao-policy-set.h"
#include "shenbao-saved-application.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_FILING_ROW (shenbao_filing_row_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoFilingRow, shenbao_filing_row, SHENBAO, FILING_ROW, GtkBox)

GtkWidget               *shenbao_filing_row_new      (void);
void                     shenbao_filing_row_set_item (ShenbaoFilingRow        *self,
                                                      ShenbaoSavedApplication *item,
                                                      const char              *deadlines);
void                     shenbao_filing_row_set_wrap (ShenbaoFilingRow *self,
                                                      gboolean          wrap);
ShenbaoSavedApplication *shenbao_filing_row_get_item (ShenbaoFilingRow *self);
char                    *shenbao_filing_row_describe (const ShenbaoFilingSummary *summary);

char                    *shenbao_filing_row_describe_deadlines (const ShenbaoFilingSummary *summary,
                                                                ShenbaoPolicySet           *policies,
                                                                ShenbaoStorage             *storage,
                                                                const GDate                *today);

G_END_DECLS
