/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-decimal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "shenbao-decimal.h"

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

ShenbaoDecimal
shenbao_decimal_from_int (gint64 units)
{
  return (ShenbaoDecimal) { units * SHENBAO_DECIMAL_SCALE };
}

ShenbaoDecimal
shenbao_decimal_from_fen (gint64 fen)
{
  return (ShenbaoDecimal) { fen * MICROS_PER_FEN };
}

static gboolean
set_overflow (GError **error,
              const char *text)
{
  g_set_error (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_OVERFLOW,
               _("“%s” is too large"), text);
  return FALSE;
}

gboolean
shenbao_decimal_parse (const char     *text,
                       ShenbaoDecimal *out,
                       GError        **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  __int128 whole = 0;
  __int128 fraction = 0;
  int fraction_digits = 0;
  int whole_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  while (*p == ' ')
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  for (; *p != '\0'; p++)
    {
      if (*p == ',')
        continue;
      if (!g_ascii_isdigit (*p))
        break;
      whole = whole * 10 + (*p - '0');
      whole_digits++;
      if (whole > G_MAXINT64 / SHENBAO_DECIMAL_SCALE)
        return set_overflow (error, text);
    }

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

  while (*p == ' ')
    p++;

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

    if (!fits_gint64 (micros))
      return set_overflow (error, text);
    out->micros = (gint64) (negative ? -micros : micros);
  }

  return TRUE;
}

/* Finance users write 200万 or 1.5亿元 as often as plain yuan. */
gboolean
shenbao_decimal_parse_money (const char     *text,
                             ShenbaoDecimal *out,
                             GError        **error)
{
  static const struct { const char *suffix; gint64 factor; } suffixes[] = {
    { "万元", 10000 }, { "万", 10000 }, { "亿元", 100000000 }, { "亿", 100000000 }, { "元", 1 },
  };
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (trimmed, suffixes[i].suffix))
        {
          g_autofree char *number = g_strndup (trimmed, strlen (trimmed) - strlen (suffixes[i].suffix));
          ShenbaoDecimal value;

          if (!shenbao_decimal_parse (number, &value, error))
            return FALSE;
          if (!shenbao_decimal_mul (value, shenbao_decimal_from_int (suffixes[i].factor), out))
            return set_overflow (error, text);
          return TRUE;
        }
    }

  return shenbao_decimal_parse (trimmed, out, error);
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
