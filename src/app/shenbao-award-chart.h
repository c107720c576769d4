/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shenbao-engine.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_AWARD_CHART (shenbao_award_chart_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoAwardChart, shenbao_award_chart, SHENBAO, AWARD_CHART, GtkWidget)

GtkWidget *shenbao_award_chart_new      (void);
void       shenbao_award_chart_set_bars (ShenbaoAwardChart *self,
                                         GPtrArray         *clause_results);

G_END_DECLS
