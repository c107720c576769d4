/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-policy.h"
#include "shenbao-value.h"

G_BEGIN_DECLS

char *shenbao_display_value (const ShenbaoField *field,
                             const ShenbaoValue *value,
                             gboolean            chinese);

G_END_DECLS
