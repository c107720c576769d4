/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_PACKAGE_DIALOG (shenbao_package_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoPackageDialog, shenbao_package_dialog, SHENBAO, PACKAGE_DIALOG, AdwMessageDialog)

void shenbao_package_dialog_create (GtkWindow          *parent,
                                    ShenbaoFiling *application,
                                    const char         *path);

G_END_DECLS
