/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-storage.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_POLICY_WINDOW_DIALOG (shenbao_policy_window_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoPolicyWindowDialog, shenbao_policy_window_dialog, SHENBAO, POLICY_WINDOW_DIALOG,
                      AdwMessageDialog)

GtkWidget *shenbao_policy_window_dialog_new (GtkWindow      *parent,
                                             ShenbaoStorage *storage,
                                             const char     *policy_id,
                                             const char     *policy_title);

G_END_DECLS
