/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shenbao-storage.h"

G_BEGIN_DECLS

/* One row of the list of saved work, as an item of a GListModel. */
#define SHENBAO_TYPE_SAVED_APPLICATION (shenbao_saved_application_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoSavedApplication, shenbao_saved_application, SHENBAO, SAVED_APPLICATION, GObject)

ShenbaoSavedApplication         *shenbao_saved_application_new         (ShenbaoFilingSummary *summary);
const ShenbaoFilingSummary *shenbao_saved_application_get_summary (ShenbaoSavedApplication   *self);
gint64                           shenbao_saved_application_get_id      (ShenbaoSavedApplication   *self);

G_END_DECLS
