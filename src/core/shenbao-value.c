/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-value"

#include "config.h"

#include <string.h>

#include "shenbao-expr.h"
#include "shenbao-value.h"

static const char *dimension_names[SHENBAO_N_DIMENSIONS] = { "yuan", "m2", "month", "year", "set" };

ShenbaoValue *
shenbao_value_new (ShenbaoValueType type)
{
  ShenbaoValue *value = g_new0 (ShenbaoValue, 1);

  value->type = type;
  return value;
}

static GHashTable *
copy_row (GHashTable *row)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) shenbao_value_free);
  GHashTableIter iter;
  gpointer key, val;

  g_hash_table_iter_init (&iter, row);
  while (g_hash_table_iter_next (&iter, &key, &val))
    g_hash_table_insert (copy, g_strdup (key), shenbao_value_copy (val));
  return copy;
}

ShenbaoValue *
shenbao_value_copy (const ShenbaoValue *value)
{
  ShenbaoValue *copy;

  g_return_val_if_fail (value != NULL, NULL);

  copy = g_memdup2 (value, sizeof *value);
  copy->string = g_strdup (value->string);
  if (value->rows != NULL)
    {
      copy->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
      for (guint i = 0; i < value->rows->len; i++)
        g_ptr_array_add (copy->rows, copy_row (g_ptr_array_index (value->rows, i)));
    }
  return copy;
}

void
shenbao_value_free (ShenbaoValue *value)
{
  if (value == NULL)
    return;
  g_free (value->string);
  g_clear_pointer (&value->rows, g_ptr_array_unref);
  g_free (value);
}

static char *
format_date (gint32 julian_day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian_day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static char *
format_number (const ShenbaoValue *value,
               gboolean            grouped)
{
  if (value->percent)
    {
      ShenbaoDecimal hundredfold;
      g_autofree char *text = NULL;

      if (!shenbao_decimal_mul (value->number, shenbao_decimal_from_int (100), &hundredfold))
        hundredfold = value->number;
      text = shenbao_decimal_to_string (hundredfold);
      return g_strdup_printf ("%s%%", text);
    }

  /* Amounts in yuan are always shown to the fen so a column of them lines up by hand. */
  if (shenbao_unit_is_yuan (&value->unit) && value->number.micros % 10000 == 0)
    {
      gint64 fen = shenbao_decimal_round_to_fen (value->number);
      return grouped ? shenbao_fen_format (fen) : shenbao_fen_to_string (fen);
    }

  return grouped ? shenbao_decimal_format (value->number) : shenbao_decimal_to_string (value->number);
}

static char *
format_value (const ShenbaoValue *value,
              gboolean            grouped)
{
  switch (value->type)
    {
    case SHENBAO_VALUE_MISSING:
      return g_strdup ("?");
    case SHENBAO_VALUE_NUMBER:
      return format_number (value, grouped);
    case SHENBAO_VALUE_BOOL:
      return g_strdup (value->boolean ? "yes" : "no");
    case SHENBAO_VALUE_STRING:
      return g_strdup (value->string != NULL ? value->string : "");
    case SHENBAO_VALUE_DATE:
      return format_date (value->julian_day);
    case SHENBAO_VALUE_LIST:
      return g_strdup_printf ("%u rows", value->rows != NULL ? value->rows->len : 0);
    default:
      g_assert_not_reached ();
    }
}

char *
shenbao_value_format (const ShenbaoValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);
  return format_value (value, TRUE);
}

char *
shenbao_value_to_string (const ShenbaoValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);
  return format_value (value, FALSE);
}

static int
dimension_from_name (const char *name)
{
  for (int i = 0; i < SHENBAO_N_DIMENSIONS; i++)
    if (g_strcmp0 (name, dimension_names[i]) == 0)
      return i;
  return -1;
}

/* "yuan/m2/month": the first part is the numerator, every later one a denominator. */
gboolean
shenbao_unit_parse (const char  *text,
                    ShenbaoUnit *unit,
                    GError     **error)
{
  g_auto(GStrv) parts = NULL;

  memset (unit, 0, sizeof *unit);
  if (text == NULL || *text == '\0')
    return TRUE;

  parts = g_strsplit (text, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      int dimension;

      if (i == 0 && g_strcmp0 (parts[i], "1") == 0)
        continue;
      dimension = dimension_from_name (parts[i]);
      if (dimension < 0)
        {
          g_set_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_UNIT,
                       "unknown unit “%s” (known: yuan, m2, month, year, set)", parts[i]);
          return FALSE;
        }
      unit->exponents[dimension] += i == 0 ? 1 : -1;
    }
  return TRUE;
}

gboolean
shenbao_unit_equal (const ShenbaoUnit *a,
                    const ShenbaoUnit *b)
{
  return memcmp (a->exponents, b->exponents, sizeof a->exponents) == 0;
}

gboolean
shenbao_unit_is_none (const ShenbaoUnit *unit)
{
  ShenbaoUnit none = { { 0 } };

  return shenbao_unit_equal (unit, &none);
}

ShenbaoUnit
shenbao_unit_yuan (void)
{
  ShenbaoUnit yuan = { { 0 } };

  yuan.exponents[SHENBAO_DIMENSION_YUAN] = 1;
  return yuan;
}

gboolean
shenbao_unit_is_yuan (const ShenbaoUnit *unit)
{
  ShenbaoUnit yuan = shenbao_unit_yuan ();

  return shenbao_unit_equal (unit, &yuan);
}

ShenbaoUnit
shenbao_unit_combine (const ShenbaoUnit *a,
                      const ShenbaoUnit *b,
                      int                sign)
{
  ShenbaoUnit result;

  for (int i = 0; i < SHENBAO_N_DIMENSIONS; i++)
    result.exponents[i] = (gint8) (a->exponents[i] + sign * b->exponents[i]);
  return result;
}

char *
shenbao_unit_to_string (const ShenbaoUnit *unit)
{
  GString *out = g_string_new (NULL);
  gboolean numerator = FALSE;

  for (int i = 0; i < SHENBAO_N_DIMENSIONS; i++)
    for (int n = 0; n < unit->exponents[i]; n++)
      {
        g_string_append_printf (out, "%s%s", numerator ? "·" : "", dimension_names[i]);
        numerator = TRUE;
      }
  if (!numerator)
    g_string_append (out, shenbao_unit_is_none (unit) ? "no unit" : "1");
  for (int i = 0; i < SHENBAO_N_DIMENSIONS; i++)
    for (int n = 0; n < -unit->exponents[i]; n++)
      g_string_append_printf (out, "/%s", dimension_names[i]);
  return g_string_free (out, FALSE);
}
