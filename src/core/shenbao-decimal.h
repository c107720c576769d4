/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exact decimal with six fractional digits, held as an integer count of millionths.
 * Money never goes through binary floating point: products are formed in 128-bit integers
 * and every operation that cannot be represented reports overflow instead of wrapping. */
typedef struct
{
  gint64 micros;
} ShenbaoDecimal;

#define SHENBAO_DECIMAL_SCALE G_GINT64_CONSTANT (1000000)
#define SHENBAO_DECIMAL_ERROR (shenbao_decimal_error_quark ())

typedef enum
{
  SHENBAO_DECIMAL_ERROR_SYNTAX,
  SHENBAO_DECIMAL_ERROR_OVERFLOW,
  SHENBAO_DECIMAL_ERROR_DIVISION_BY_ZERO,
} ShenbaoDecimalError;

GQuark         shenbao_decimal_error_quark   (void);

ShenbaoDecimal shenbao_decimal_from_int      (gint64          units);
ShenbaoDecimal shenbao_decimal_from_fen      (gint64          fen);
gboolean       shenbao_decimal_from_int_checked (gint64        units,
                                                 ShenbaoDecimal *out);
gboolean       shenbao_decimal_from_fen_checked (gint64        fen,
                                                 ShenbaoDecimal *out);
gboolean       shenbao_fen_scale             (gint64          fen,
                                              ShenbaoDecimal  factor,
                                              gint64         *out_fen);
gboolean       shenbao_fen_add               (gint64          a,
                                              gint64          b,
                                              gint64         *out_fen);
gboolean       shenbao_decimal_parse         (const char     *text,
                                              ShenbaoDecimal *out,
                                              GError        **error);
gboolean       shenbao_decimal_parse_amount  (const char     *text,
                                              ShenbaoDecimal *out,
                                              GError        **error);
gboolean       shenbao_decimal_parse_money   (const char     *text,
                                              ShenbaoDecimal *out,
                                              GError        **error);
gboolean       shenbao_decimal_add           (ShenbaoDecimal  a,
                                              ShenbaoDecimal  b,
                                              ShenbaoDecimal *out);
gboolean       shenbao_decimal_sub           (ShenbaoDecimal  a,
                                              ShenbaoDecimal  b,
                                              ShenbaoDecimal *out);
gboolean       shenbao_decimal_mul           (ShenbaoDecimal  a,
                                              ShenbaoDecimal  b,
                                              ShenbaoDecimal *out);
gboolean       shenbao_decimal_div           (ShenbaoDecimal  a,
                                              ShenbaoDecimal  b,
                                              ShenbaoDecimal *out,
                                              GError        **error);
int            shenbao_decimal_compare       (ShenbaoDecimal  a,
                                              ShenbaoDecimal  b);
gboolean       shenbao_decimal_is_zero       (ShenbaoDecimal  a);
gboolean       shenbao_decimal_is_integer    (ShenbaoDecimal  a);
gint64         shenbao_decimal_round_to_fen  (ShenbaoDecimal  a);
char          *shenbao_decimal_to_string     (ShenbaoDecimal  a);
char          *shenbao_decimal_format        (ShenbaoDecimal  a);
char          *shenbao_fen_to_string         (gint64          fen);
char          *shenbao_fen_format            (gint64          fen);

G_END_DECLS
