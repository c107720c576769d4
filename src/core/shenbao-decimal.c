/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-decimal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "shenbao-decimal.h"
#include "shenbao-parse.h"

G_DEFINE_QUARK (shenbao-decimal-error-quark, shenbao_decimal_error)

#define FRACTION_DIGITS 6
#define MICROS_PER_FEN G_GINT64_CONSTANT (10000)

static gboolean
fits_gint64 (__int128 value)
{
  return value >= G_MININT64 && value <= G_MAXINT64;
}

/* Half-up means half away from zero, the rule a finance user applies by hand: 0.005 → 0.01
 * and −0.005 → −0.01. It is the one rounding rule of the program. */
static __int128
divide_rounding_half_up (__int128 numerator,
                         __int128 denominator)
{
  gboolean negative = (numerator < 0) != (denominator < 0);
  __int128 n = numerator < 0 ? -numerator : numerator;
  __int128 d = denominator < 0 ? -denominator : denominator;
  __int128 q = n / d;

  if ((n % d) * 2 >= d)
    q += 1;

  return negative ? -q : q;
}

/* Saturates where the value cannot be held, so a later checked operation reports overflow
 * instead of computing with a wrapped number of the wrong sign. Callers that can meet such
 * values use the _checked forms. */
static ShenbaoDecimal
saturate (__int128 micros)
{
  if (micros > G_MAXINT64)
    return (ShenbaoDecimal) { G_MAXINT64 };
  if (micros < G_MININT64)
    return (ShenbaoDecimal) { G_MININT64 };
  return (ShenbaoDecimal) { (gint64) micros };
}

ShenbaoDecimal
shenbao_decimal_from_int (gint64 units)
{
  return saturate ((__int128) units * SHENBAO_DECIMAL_SCALE);
}

ShenbaoDecimal
shenbao_decimal_from_fen (gint64 fen)
{
  return saturate ((__int128) fen * MICROS_PER_FEN);
}

gboolean
shenbao_decimal_from_int_checked (gint64          units,
                                  ShenbaoDecimal *out)
{
  return !__builtin_mul_overflow (units, SHENBAO_DECIMAL_SCALE, &out->micros);
}

gboolean
shenbao_decimal_from_fen_checked (gint64          fen,
                                  ShenbaoDecimal *out)
{
  return !__builtin_mul_overflow (fen, MICROS_PER_FEN, &out->micros);
}

/* A payout in fen times a factor (a pool's scaling), rounded half-up to the fen. Computed in
 * 128 bits straight from the fen, so no intermediate in millionths can overflow first. */
gboolean
shenbao_fen_scale (gint64          fen,
                   ShenbaoDecimal  factor,
                   gint64         *out_fen)
{
  __int128 scaled = divide_rounding_half_up ((__int128) fen * factor.micros, SHENBAO_DECIMAL_SCALE);

  if (!fits_gint64 (scaled))
    return FALSE;
  *out_fen = (gint64) scaled;
  return TRUE;
}

gboolean
shenbao_fen_add (gint64  a,
                 gint64  b,
                 gint64 *out_fen)
{
  return !__builtin_add_overflow (a, b, out_fen);
}

static gboolean
set_overflow (GError **error,
              const char *text)
{
  g_set_error (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_OVERFLOW,
               _("“%s” is too large"), text);
  return FALSE;
}

static gboolean
set_syntax (GError    **error,
            const char *why)
{
  g_set_error_literal (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_SYNTAX, why);
  return FALSE;
}

/* The whole part: digits, or digits grouped by thousands. A comma is read only as a thousands
 * separator, so every group after one has exactly three digits ("1,200", "12,000,000");
 * "1,5" would otherwise silently become 15 where the user meant 1.5. */
static gboolean
parse_whole (const char **p,
             const char  *text,
             __int128    *whole,
             int         *digits,
             GError     **error)
{
  int group = 0;
  gboolean grouped = FALSE;

  for (;; (*p)++)
    {
      if (**p == ',')
        {
          if (group == 0 || (grouped && group != 3) || (!grouped && group > 3))
            break;
          grouped = TRUE;
          group = 0;
          continue;
        }
      if (!g_ascii_isdigit (**p))
        break;
      *whole = *whole * 10 + (**p - '0');
      (*digits)++;
      group++;
      /* Far enough past the largest gint64 to stop; the exact bound is checked at the end. */
      if (*whole > G_MAXINT64 / SHENBAO_DECIMAL_SCALE + 1)
        return set_overflow (error, text);
    }

  if (**p == ',' || (grouped && group != 3))
    {
      g_autofree char *why = g_strdup_printf (_("“%s” is not a number: a comma separates thousands, "
                                                "so three digits follow each comma (1,200 or "
                                                "12,000,000.50)"), text);
      return set_syntax (error, why);
    }
  return TRUE;
}

/* A plain number as a person writes it: optional sign, digits grouped or not, a decimal point,
 * up to six decimals, full-width forms read as ASCII. Nothing else: text that is not such a
 * number is an error, never a number read from part of it. Messages quote `text`, what the
 * user typed, which may be more than the `number` part read here. */
static gboolean
parse_plain (const char     *text,
             const char     *number,
             ShenbaoDecimal *out,
             GError        **error)
{
  g_autofree char *folded = NULL;
  const char *p;
  gboolean negative = FALSE;
  __int128 whole = 0;
  __int128 fraction = 0;
  int fraction_digits = 0;
  int whole_digits = 0;

  folded = g_strstrip (shenbao_text_fold_width (number));
  p = folded;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  if (!parse_whole (&p, text, &whole, &whole_digits, error))
    return FALSE;

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          if (fraction_digits == FRACTION_DIGITS)
            {
              g_set_error (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_SYNTAX,
                           _("“%s” has more than %d decimal places"), text, FRACTION_DIGITS);
              return FALSE;
            }
          fraction = fraction * 10 + (*p - '0');
          fraction_digits++;
        }
    }

  if (*p != '\0' || (whole_digits == 0 && fraction_digits == 0))
    {
      g_set_error (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_SYNTAX,
                   _("“%s” is not a number"), text);
      return FALSE;
    }

  for (int i = fraction_digits; i < FRACTION_DIGITS; i++)
    fraction *= 10;

  {
    __int128 micros = whole * SHENBAO_DECIMAL_SCALE + fraction;

    if (negative)
      micros = -micros;
    if (!fits_gint64 (micros))
      return set_overflow (error, text);
    out->micros = (gint64) micros;
  }

  return TRUE;
}

static gboolean
strip_suffix (char       *text,
              const char *suffix)
{
  gsize length = strlen (text);
  gsize suffix_length = strlen (suffix);

  if (length < suffix_length || strcmp (text + length - suffix_length, suffix) != 0)
    return FALSE;
  text[length - suffix_length] = '\0';
  g_strchomp (text);
  return TRUE;
}

gboolean
shenbao_decimal_parse (const char     *text,
                       ShenbaoDecimal *out,
                       GError        **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return parse_plain (text, text, out, error);
}

/* The number before an optional 万 (ten thousand) or 亿 (hundred million). */
static gboolean
parse_with_multiplier (const char     *text,
                       char           *number,
                       ShenbaoDecimal *out,
                       GError        **error)
{
  gint64 factor = 1;
  ShenbaoDecimal value;

  if (strip_suffix (number, "万"))
    factor = 10000;
  else if (strip_suffix (number, "亿"))
    factor = 100000000;

  if (!parse_plain (text, number, &value, error))
    return FALSE;
  if (!shenbao_decimal_mul (value, shenbao_decimal_from_int (factor), out))
    return set_overflow (error, text);
  return TRUE;
}

/* A count or quantity as finance staff write it: 120亿, 1.5万, 12,000, full-width or not. */
gboolean
shenbao_decimal_parse_amount (const char     *text,
                              ShenbaoDecimal *out,
                              GError        **error)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  folded = g_strstrip (shenbao_text_fold_width (text));
  return parse_with_multiplier (text, folded, out, error);
}

/* Money as finance staff write it: ￥1,200.50, 200万, 1.5亿元, ２０００万. The currency sign
 * comes first, 元 last, the multiplier just before 元. */
gboolean
shenbao_decimal_parse_money (const char     *text,
                             ShenbaoDecimal *out,
                             GError        **error)
{
  g_autofree char *folded = NULL;
  char *number;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  folded = g_strstrip (shenbao_text_fold_width (text));
  number = folded;
  if (g_str_has_prefix (number, "￥"))
    number += strlen ("￥");
  else if (g_str_has_prefix (number, "¥"))
    number += strlen ("¥");
  number = g_strchug (number);
  strip_suffix (number, "元");
  return parse_with_multiplier (text, number, out, error);
}

gboolean
shenbao_decimal_add (ShenbaoDecimal  a,
                     ShenbaoDecimal  b,
                     ShenbaoDecimal *out)
{
  return !__builtin_add_overflow (a.micros, b.micros, &out->micros);
}

gboolean
shenbao_decimal_sub (ShenbaoDecimal  a,
                     ShenbaoDecimal  b,
                     ShenbaoDecimal *out)
{
  return !__builtin_sub_overflow (a.micros, b.micros, &out->micros);
}

/* The product of two millionths has twelve fractional digits; it is brought back to six by
 * rounding half-up. Policy rates have at most four decimals and amounts two, so for every
 * formula the documents contain the product is exact. */
gboolean
shenbao_decimal_mul (ShenbaoDecimal  a,
                     ShenbaoDecimal  b,
                     ShenbaoDecimal *out)
{
  __int128 product = (__int128) a.micros * (__int128) b.micros;
  __int128 scaled = divide_rounding_half_up (product, SHENBAO_DECIMAL_SCALE);

  if (!fits_gint64 (scaled))
    return FALSE;
  out->micros = (gint64) scaled;
  return TRUE;
}

gboolean
shenbao_decimal_div (ShenbaoDecimal  a,
                     ShenbaoDecimal  b,
                     ShenbaoDecimal *out,
                     GError        **error)
{
  __int128 quotient;

  if (b.micros == 0)
    {
      g_set_error_literal (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_DIVISION_BY_ZERO,
                           "division by zero");
      return FALSE;
    }

  quotient = divide_rounding_half_up ((__int128) a.micros * SHENBAO_DECIMAL_SCALE, b.micros);
  if (!fits_gint64 (quotient))
    {
      g_set_error_literal (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_OVERFLOW,
                           "the quotient is too large");
      return FALSE;
    }
  out->micros = (gint64) quotient;
  return TRUE;
}

int
shenbao_decimal_compare (ShenbaoDecimal a,
                         ShenbaoDecimal b)
{
  return (a.micros > b.micros) - (a.micros < b.micros);
}

gboolean
shenbao_decimal_is_zero (ShenbaoDecimal a)
{
  return a.micros == 0;
}

gboolean
shenbao_decimal_is_integer (ShenbaoDecimal a)
{
  return a.micros % SHENBAO_DECIMAL_SCALE == 0;
}

/* The rounding rule for money: once, at the end of each sub-item, half-up to the fen. */
gint64
shenbao_decimal_round_to_fen (ShenbaoDecimal a)
{
  return (gint64) divide_rounding_half_up (a.micros, MICROS_PER_FEN);
}

/* Writes the magnitude with its fraction digits, grouping the whole part by thousands when
 * asked; hand-rolled because explanations format many numbers and printf dominated the cost. */
static char *
format_scaled (gint64   value,
               gint64   scale,
               int      min_fraction_digits,
               int      max_fraction_digits,
               gboolean grouped)
{
  char buffer[64];
  char *end = buffer + sizeof buffer - 1;
  char *p = end;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  guint64 whole = magnitude / (guint64) scale;
  guint64 fraction = magnitude % (guint64) scale;
  int digits = 0;
  int kept;
  int group = 0;

  for (gint64 s = scale; s > 1; s /= 10)
    digits++;

  /* Drop trailing zeros of the fraction, down to the minimum the caller wants. */
  kept = MIN (digits, max_fraction_digits);
  for (int i = kept; i < digits; i++)
    fraction /= 10;
  while (kept > min_fraction_digits && fraction % 10 == 0)
    {
      fraction /= 10;
      kept--;
    }

  *p = '\0';
  for (int i = 0; i < kept; i++)
    {
      *--p = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
  if (kept > 0)
    *--p = '.';
  do
    {
      if (grouped && group == 3)
        {
          *--p = ',';
          group = 0;
        }
      *--p = (char) ('0' + whole % 10);
      whole /= 10;
      group++;
    }
  while (whole > 0);
  if (value < 0)
    *--p = '-';

  return g_strndup (p, end - p);
}

/* Plain form for data: "1234567.89", "0.3". */
char *
shenbao_decimal_to_string (ShenbaoDecimal a)
{
  return format_scaled (a.micros, SHENBAO_DECIMAL_SCALE, 0, FRACTION_DIGITS, FALSE);
}

/* Form for people: "1,234,567.89", "0.3". */
char *
shenbao_decimal_format (ShenbaoDecimal a)
{
  return format_scaled (a.micros, SHENBAO_DECIMAL_SCALE, 0, FRACTION_DIGITS, TRUE);
}

char *
shenbao_fen_to_string (gint64 fen)
{
  return format_scaled (fen, 100, 2, 2, FALSE);
}

char *
shenbao_fen_format (gint64 fen)
{
  return format_scaled (fen, 100, 2, 2, TRUE);
}
