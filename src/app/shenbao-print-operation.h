/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shenbao-document.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_PRINT_OPERATION (shenbao_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoPrintOperation, shenbao_print_operation, SHENBAO, PRINT_OPERATION, GtkPrintOperation)

ShenbaoPrintOperation *shenbao_print_operation_new (ShenbaoDocument *document,
                                                    const char      *job_name);

G_END_DECLS
