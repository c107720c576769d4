/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHENBAO_PARSE_ERROR (shenbao_parse_error_quark ())

typedef enum
{
  SHENBAO_PARSE_ERROR_INVALID,
} ShenbaoParseError;

GQuark    shenbao_parse_error_quark  (void);
char     *shenbao_text_fold_width    (const char  *text);
gboolean  shenbao_date_parse         (const char  *text,
                                      GDate       *date,
                                      GError     **error);

G_END_DECLS
