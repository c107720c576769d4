/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-inputs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "shenbao-credit-code.h"
#include "shenbao-inputs.h"
#include "shenbao-parse.h"
#include "shenbao-policy-private.h"
#include "shenbao-regions.h"

G_DEFINE_QUARK (shenbao-input-error-quark, shenbao_input_error)

struct _ShenbaoInputs
{
  GObject     parent_instance;
  GHashTable *values;   /* key → ShenbaoValue */
};

G_DEFINE_FINAL_TYPE (ShenbaoInputs, shenbao_inputs, G_TYPE_OBJECT)

static void
shenbao_inputs_finalize (GObject *object)
{
  ShenbaoInputs *self = (ShenbaoInputs *) object;

  g_clear_pointer (&self->values, g_hash_table_unref);
  G_OBJECT_CLASS (shenbao_inputs_parent_class)->finalize (object);
}

static void
shenbao_inputs_class_init (ShenbaoInputsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shenbao_inputs_finalize;
}

static void
shenbao_inputs_init (ShenbaoInputs *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) shenbao_value_free);
}

ShenbaoInputs *
shenbao_inputs_new (void)
{
  return g_object_new (SHENBAO_TYPE_INPUTS, NULL);
}

void
shenbao_inputs_take (ShenbaoInputs *self,
                     const char    *key,
                     ShenbaoValue  *value)
{
  g_return_if_fail (SHENBAO_IS_INPUTS (self));
  g_return_if_fail (key != NULL && value != NULL);

  g_hash_table_replace (self->values, g_strdup (key), value);
}

void
shenbao_inputs_remove (ShenbaoInputs *self,
                       const char    *key)
{
  g_return_if_fail (SHENBAO_IS_INPUTS (self));
  g_hash_table_remove (self->values, key);
}

const ShenbaoValue *
shenbao_inputs_lookup (ShenbaoInputs *self,
                       const char    *key)
{
  g_return_val_if_fail (SHENBAO_IS_INPUTS (self), NULL);
  return g_hash_table_lookup (self->values, key);
}

/* g_ptr_array_sort passes pointers to the elements, not the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
shenbao_inputs_list_keys (ShenbaoInputs *self)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* The division a company is registered in: the registered region it gave, else the
 * registration authority's six digits in its credit code. NULL when neither is known. */
const char *
shenbao_inputs_get_registered_region (ShenbaoInputs *self)
{
  const ShenbaoValue *value, *code;

  g_return_val_if_fail (SHENBAO_IS_INPUTS (self), NULL);

  value = shenbao_inputs_lookup (self, "registered_region");
  if (value != NULL && value->type == SHENBAO_VALUE_STRING)
    return value->string;
  code = shenbao_inputs_lookup (self, "credit_code");
  if (code != NULL && code->type == SHENBAO_VALUE_STRING && strlen (code->string) == 18)
    return code->string + 2;
  return NULL;
}

/* ------------------------------------------------------------------ parsing what a user typed */

static const char *
field_name (const ShenbaoField *field)
{
  return shenbao_text_get (&field->label, shenbao_prefers_chinese ());
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char *yes[] = { "yes", "true", "1", "y", "是", "有" };
  static const char *no[] = { "no", "false", "0", "n", "否", "无" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        return (*out = TRUE);
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        return !(*out = FALSE);
    }
  return FALSE;
}

static gboolean
check_range (const ShenbaoField *field,
             ShenbaoDecimal      number,
             const char         *text,
             GError            **error)
{
  if (field->has_min && shenbao_decimal_compare (number, field->min) < 0)
    {
      g_autofree char *min = shenbao_decimal_format (field->min);
      g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_OUT_OF_RANGE,
                   _("%s: %s is below the minimum %s"), field_name (field), text, min);
      return FALSE;
    }
  if (field->has_max && shenbao_decimal_compare (number, field->max) > 0)
    {
      g_autofree char *max = shenbao_decimal_format (field->max);
      g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_OUT_OF_RANGE,
                   _("%s: %s is above the maximum %s"), field_name (field), text, max);
      return FALSE;
    }
  return TRUE;
}

static ShenbaoValue *
parse_number (const ShenbaoField *field,
              const char         *text,
              GError            **error)
{
  g_autoptr(ShenbaoValue) value = shenbao_value_new (SHENBAO_VALUE_NUMBER);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = g_strstrip (shenbao_text_fold_width (text));
  gboolean ok;

  /* Money takes ￥ and 元; counts and amounts take 万 and 亿 (a field may say "100亿"); a
   * percentage is a plain number with an optional % sign. */
  switch (field->type)
    {
    case SHENBAO_FIELD_MONEY:
      ok = shenbao_decimal_parse_money (text, &value->number, &local_error);
      break;
    case SHENBAO_FIELD_PERCENT:
      if (g_str_has_suffix (trimmed, "%"))
        trimmed[strlen (trimmed) - 1] = '\0';
      ok = shenbao_decimal_parse (trimmed, &value->number, &local_error);
      break;
    default:
      ok = shenbao_decimal_parse_amount (text, &value->number, &local_error);
      break;
    }
  if (!ok)
    {
      g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID, "%s: %s",
                   field_name (field), local_error->message);
      return NULL;
    }
  if (field->type == SHENBAO_FIELD_INTEGER && !shenbao_decimal_is_integer (value->number))
    {
      g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                   _("%s: “%s” is not a whole number"), field_name (field), text);
      return NULL;
    }
  if (field->type == SHENBAO_FIELD_MONEY && value->number.micros % 10000 != 0)
    {
      g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                   _("%s: “%s” has fractions of a fen"), field_name (field), text);
      return NULL;
    }
  if (field->type == SHENBAO_FIELD_PERCENT)
    {
      /* The user types 30 for 30 %; formulas see 0.30. Range limits are written in percent. */
      if (!check_range (field, value->number, text, error))
        return NULL;
      if (!shenbao_decimal_div (value->number, shenbao_decimal_from_int (100), &value->number, NULL))
        return NULL;
      value->percent = TRUE;
      return g_steal_pointer (&value);
    }
  if (!check_range (field, value->number, text, error))
    return NULL;
  value->unit = field->type == SHENBAO_FIELD_MONEY ? shenbao_unit_yuan () : field->unit;
  return g_steal_pointer (&value);
}

static ShenbaoValue *parse_list (const ShenbaoField *field, const char *text, GError **error);

ShenbaoValue *
shenbao_field_parse_value (const ShenbaoField *field,
                           const char         *text,
                           GError            **error)
{
  g_autofree char *trimmed = NULL;
  ShenbaoValue *value;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));

  switch (field->type)
    {
    case SHENBAO_FIELD_MONEY:
    case SHENBAO_FIELD_NUMBER:
    case SHENBAO_FIELD_INTEGER:
    case SHENBAO_FIELD_PERCENT:
      return parse_number (field, trimmed, error);

    case SHENBAO_FIELD_BOOL:
      value = shenbao_value_new (SHENBAO_VALUE_BOOL);
      if (!parse_bool (trimmed, &value->boolean))
        {
          shenbao_value_free (value);
          g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                       _("%s: “%s” is not yes or no"), field_name (field), text);
          return NULL;
        }
      return value;

    case SHENBAO_FIELD_CHOICE:
      for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
        {
          ShenbaoChoice *choice = g_ptr_array_index (field->choices, i);

          if (g_str_equal (choice->value, trimmed)
              || g_strcmp0 (choice->label.zh, trimmed) == 0
              || g_strcmp0 (choice->label.en, trimmed) == 0)
            {
              value = shenbao_value_new (SHENBAO_VALUE_STRING);
              value->string = g_strdup (choice->value);
              return value;
            }
        }
      {
        g_autoptr(GString) known = g_string_new (NULL);

        for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
          {
            ShenbaoChoice *choice = g_ptr_array_index (field->choices, i);
            g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", choice->value);
          }
        g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                     _("%s: “%s” is not one of the choices (%s)"), field_name (field), text, known->str);
        return NULL;
      }

    case SHENBAO_FIELD_DATE:
      {
        g_autoptr(GError) local_error = NULL;
        GDate date;

        if (!shenbao_date_parse (trimmed, &date, &local_error))
          {
            g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID, "%s: %s",
                         field_name (field), local_error->message);
            return NULL;
          }
        value = shenbao_value_new (SHENBAO_VALUE_DATE);
        value->julian_day = (gint32) g_date_get_julian (&date);
        return value;
      }

    case SHENBAO_FIELD_REGION:
      {
        /* A district's exact name stands for its code when no other district has that name. */
        g_autoptr(GPtrArray) named = shenbao_regions_find_named (trimmed, SHENBAO_REGION_COUNTY);

        if (named->len == 1)
          {
            g_free (trimmed);
            trimmed = g_strdup (((const ShenbaoRegion *) g_ptr_array_index (named, 0))->code);
          }
        else if (named->len > 1)
          {
            g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                         _("%s: %u districts are called “%s”; choose one or type its six-digit code"),
                         field_name (field), named->len, text);
            return NULL;
          }
        if (strlen (trimmed) != 6 || strspn (trimmed, "0123456789") != 6)
          {
            g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                         _("%s: “%s” is not a six-digit division code"), field_name (field), text);
            return NULL;
          }
        /* The table keeps older codes too, so a code from an old credit code is still accepted. */
        if (!shenbao_regions_is_known (trimmed))
          {
            g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                         _("%s: “%s” is not a known division code"), field_name (field), text);
            return NULL;
          }
        value = shenbao_value_new (SHENBAO_VALUE_STRING);
        value->string = g_steal_pointer (&trimmed);
        return value;
      }

    case SHENBAO_FIELD_TEXT:
      if (field->regex != NULL && !g_regex_match (field->regex, trimmed, 0, NULL))
        {
          g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                       _("%s: “%s” does not have the expected form"), field_name (field), text);
          return NULL;
        }
      value = shenbao_value_new (SHENBAO_VALUE_STRING);
      value->string = g_steal_pointer (&trimmed);
      return value;

    case SHENBAO_FIELD_LIST:
      /* Untrimmed: a quoted cell may keep its own spaces. */
      return parse_list (field, text, error);

    case SHENBAO_FIELD_CREDIT_CODE:
      {
        g_autoptr(GError) local_error = NULL;
        /* Full-width digits and letters are what a Chinese input method types; they are the
         * same characters to the registry. */
        g_autofree char *folded = g_strstrip (shenbao_text_fold_width (trimmed));
        g_autofree char *upper = g_ascii_strup (folded, -1);

        if (!shenbao_credit_code_validate (upper, &local_error))
          {
            g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID, "%s: %s",
                         field_name (field), local_error->message);
            return NULL;
          }
        value = shenbao_value_new (SHENBAO_VALUE_STRING);
        value->string = g_steal_pointer (&upper);
        return value;
      }

    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ list text
 *
 * A list field is stored as text: rows separated by “;”, the cells of a row by “,”, in the
 * order the policy declares the columns: "8,6400000;6,3000000". A cell that holds “,”, “;” or
 * “"”, or begins or ends with a space, is written in double quotes, with “"” inside it doubled:
 * 8,"2,400,000". Text written before quoting existed has no quotes and reads the same; a cell
 * typed with thousands separators but without quotes splits into too many values, which is
 * reported, never guessed at. */

static gboolean
list_error (GError    **error,
            guint       row,
            const char *why)
{
  g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID, _("row %u: %s"), row, why);
  return FALSE;
}

/* Reads one cell from *p up to the “,” or “;” that ends it (left at *p) or the end of text. */
static char *
read_list_cell (const char **p,
                guint        row,
                gboolean    *quoted,
                GError     **error)
{
  const char *start = *p;
  g_autoptr(GString) cell = NULL;

  while (**p == ' ' || **p == '\t')
    (*p)++;
  *quoted = **p == '"';
  if (!*quoted)
    {
      *p = start + strcspn (start, ",;\"");
      if (**p == '"')
        {
          list_error (error, row, _("a quote may only begin a value: write the whole value in quotes"));
          return NULL;
        }
      return g_strndup (start, *p - start);
    }

  cell = g_string_new (NULL);
  for ((*p)++;; (*p)++)
    {
      if (**p == '\0')
        {
          list_error (error, row, _("a quoted value has no closing quote"));
          return NULL;
        }
      if (**p == '"' && (*p)[1] == '"')
        {
          g_string_append_c (cell, '"');
          (*p)++;
        }
      else if (**p == '"')
        break;
      else
        g_string_append_c (cell, **p);
    }
  for ((*p)++; **p == ' ' || **p == '\t'; (*p)++)
    ;
  if (**p != '\0' && **p != ',' && **p != ';')
    {
      list_error (error, row, _("only “,” or “;” may follow a closing quote"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&cell), FALSE);
}

static gboolean
is_blank (const char *text)
{
  return text[strspn (text, " \t")] == '\0';
}

/**
 * shenbao_list_text_split:
 * @text: a list field's text
 * @error: where a malformed text is reported, naming its row
 *
 * Returns: (transfer full): the rows, each a %NULL-terminated array of cells; rows with nothing
 * in them are left out. %NULL on error.
 */
GPtrArray *
shenbao_list_text_split (const char *text,
                         GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p != '\0')
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      gboolean quoted = FALSE;

      for (;;)
        {
          gboolean cell_quoted;
          /* Rows are numbered as the table shows them, without the blank ones. */
          char *cell = read_list_cell (&p, rows->len + 1, &cell_quoted, error);

          if (cell == NULL)
            return NULL;
          quoted |= cell_quoted;
          g_ptr_array_add (cells, cell);
          if (*p != ',')
            break;
          p++;
        }
      if (*p == ';')
        p++;

      if (quoted || cells->len > 1 || !is_blank (g_ptr_array_index (cells, 0)))
        {
          g_ptr_array_add (cells, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (g_steal_pointer (&cells), FALSE));
        }
    }
  return g_steal_pointer (&rows);
}

static gboolean
needs_quotes (const char *cell)
{
  gsize length = strlen (cell);

  return strpbrk (cell, ",;\"") != NULL
         || (length > 0 && (g_ascii_isspace (cell[0]) || g_ascii_isspace (cell[length - 1])));
}

/**
 * shenbao_list_text_join:
 * @rows: (element-type GStrv): the rows, each a %NULL-terminated array of cells
 *
 * Returns: (transfer full): the text shenbao_list_text_split() reads back into the same cells.
 */
char *
shenbao_list_text_join (GPtrArray *rows)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (rows != NULL, NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      if (r > 0)
        g_string_append_c (text, ';');
      for (guint c = 0; cells[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append_c (text, ',');
          if (!needs_quotes (cells[c]))
            {
              g_string_append (text, cells[c]);
              continue;
            }
          g_string_append_c (text, '"');
          for (const char *q = cells[c]; *q != '\0'; q++)
            {
              if (*q == '"')
                g_string_append_c (text, '"');
              g_string_append_c (text, *q);
            }
          g_string_append_c (text, '"');
        }
      /* A row of one empty cell would read back as no row at all. */
      if (cells[0] != NULL && cells[1] == NULL && *cells[0] == '\0')
        g_string_append (text, "\"\"");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static ShenbaoValue *
parse_list (const ShenbaoField *field,
            const char         *text,
            GError            **error)
{
  g_autoptr(ShenbaoValue) value = shenbao_value_new (SHENBAO_VALUE_LIST);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) rows = shenbao_list_text_split (text, &local_error);

  if (rows == NULL)
    {
      g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID, "%s: %s",
                   field_name (field), local_error->message);
      return NULL;
    }

  value->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      guint n_cells = g_strv_length (cells);
      g_autoptr(GHashTable) row = NULL;

      if (field->columns == NULL || n_cells != field->columns->len)
        {
          guint expected = field->columns != NULL ? field->columns->len : 0;

          if (n_cells > expected)
            g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                         _("%s: row %u has %u values; expected %u (a value with commas goes in "
                           "quotes, as in \"2,400,000\")"), field_name (field), r + 1, n_cells, expected);
          else
            g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                         _("%s: row %u has %u values; expected %u"), field_name (field), r + 1, n_cells,
                         expected);
          return NULL;
        }
      row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) shenbao_value_free);
      for (guint c = 0; c < n_cells; c++)
        {
          ShenbaoField *column = g_ptr_array_index (field->columns, c);
          ShenbaoValue *cell = shenbao_field_parse_value (column, cells[c], &local_error);

          if (cell == NULL)
            {
              g_set_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID,
                           _("%s: row %u: %s"), field_name (field), r + 1, local_error->message);
              return NULL;
            }
          g_hash_table_insert (row, g_strdup (column->id), cell);
        }
      g_ptr_array_add (value->rows, g_steal_pointer (&row));
    }
  return g_steal_pointer (&value);
}
