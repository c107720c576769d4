/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-display"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shenbao-display.h"

/* Values as a finance person reads them on the review and in print: amounts grouped to the
 * fen with their unit, percentages with the sign, the label of a choice, a list as numbered
 * rows; never the text as stored. */

static const char *
unit_word (const char *unit,
           gboolean    chinese)
{
  static const struct { const char *id, *zh, *en; } units[] = {
    { "m2", "平方米", "m²" },
    { "month", "个月", "months" },
    { "year", "年", "years" },
    { "set", "台（套）", "sets" },
    { "yuan/m2/month", "元/平方米/月", "yuan/m²/month" },
  };

  for (guint i = 0; unit != NULL && i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (unit, units[i].id))
      return chinese ? units[i].zh : units[i].en;
  return unit;
}

static const char *
choice_label (const ShenbaoField *field,
              const char         *value,
              gboolean            chinese)
{
  GPtrArray *choices = shenbao_field_get_choices (field);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      ShenbaoChoice *choice = g_ptr_array_index (choices, i);

      if (g_strcmp0 (shenbao_choice_get_value (choice), value) == 0)
        return shenbao_text_get (shenbao_choice_get_label (choice), chinese);
    }
  return value;
}

static char *
display_number (const ShenbaoField *field,
                const ShenbaoValue *value,
                gboolean            chinese)
{
  g_autofree char *number = shenbao_value_format (value);
  ShenbaoFieldType kind = shenbao_field_get_kind (field);
  const char *unit;

  if (kind == SHENBAO_FIELD_MONEY)
    return g_strdup_printf ("%s %s", number, chinese ? "元" : "yuan");
  if (kind == SHENBAO_FIELD_PERCENT)
    return g_steal_pointer (&number);
  unit = unit_word (shenbao_field_get_unit_text (field), chinese);
  return unit != NULL ? g_strdup_printf ("%s %s", number, unit) : g_steal_pointer (&number);
}

static char *
display_list (const ShenbaoField *field,
              const ShenbaoValue *value,
              gboolean            chinese)
{
  GString *out = g_string_new (NULL);
  GPtrArray *columns = shenbao_field_get_columns (field);

  for (guint r = 0; value->rows != NULL && r < value->rows->len; r++)
    {
      GHashTable *row = g_ptr_array_index (value->rows, r);

      g_string_append_printf (out, "%s%u. ", r > 0 ? "\n" : "", r + 1);
      for (guint c = 0; columns != NULL && c < columns->len; c++)
        {
          ShenbaoField *column = g_ptr_array_index (columns, c);
          const ShenbaoValue *cell = g_hash_table_lookup (row, shenbao_field_get_id (column));
          g_autofree char *text = cell != NULL ? shenbao_display_value (column, cell, chinese) : g_strdup ("—");

          g_string_append_printf (out, "%s%s%s%s", c > 0 ? (chinese ? "；" : "; ") : "",
                                  shenbao_text_get (shenbao_field_get_label (column), chinese),
                                  chinese ? "：" : ": ", text);
        }
    }
  if (out->len == 0)
    g_string_append (out, chinese ? "（无）" : "(none)");
  return g_string_free (out, FALSE);
}

char *
shenbao_display_value (const ShenbaoField *field,
                       const ShenbaoValue *value,
                       gboolean            chinese)
{
  g_return_val_if_fail (field != NULL && value != NULL, NULL);

  switch (value->type)
    {
    case SHENBAO_VALUE_NUMBER:
      return display_number (field, value, chinese);
    case SHENBAO_VALUE_BOOL:
      return g_strdup (value->boolean ? (chinese ? "是" : "yes") : (chinese ? "否" : "no"));
    case SHENBAO_VALUE_STRING:
      return g_strdup (shenbao_field_get_kind (field) == SHENBAO_FIELD_CHOICE
                       ? choice_label (field, value->string, chinese)
                       : value->string);
    case SHENBAO_VALUE_LIST:
      return display_list (field, value, chinese);
    case SHENBAO_VALUE_DATE:
    case SHENBAO_VALUE_MISSING:
    default:
      return shenbao_value_format (value);
    }
}
