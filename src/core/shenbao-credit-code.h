/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-regions.h"

G_BEGIN_DECLS

#define SHENBAO_CREDIT_CODE_ERROR (shenbao_credit_code_error_quark ())

typedef enum
{
  SHENBAO_CREDIT_CODE_ERROR_LENGTH,
  SHENBAO_CREDIT_CODE_ERROR_CHARACTER,
  SHENBAO_CREDIT_CODE_ERROR_ORGANIZATION_CHECK,
  SHENBAO_CREDIT_CODE_ERROR_CHECK,
} ShenbaoCreditCodeError;

GQuark    shenbao_credit_code_error_quark (void);
gboolean  shenbao_credit_code_validate    (const char *code,
                                           GError    **error);
char      shenbao_credit_code_check_char  (const char *first17);
char     *shenbao_credit_code_region      (const char *code);

const ShenbaoRegion *shenbao_credit_code_lookup_region (const char  *code,
                                                        char       **digits);

G_END_DECLS
