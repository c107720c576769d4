/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *shenbao_renderer_choose (const char *user_choice,
                                     const char *dri_directory);

G_END_DECLS
