/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: a formula through the parser, the checker, the evaluator and both renderers,
 * against a small world of names of every type the policies use. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "shenbao-expr.h"

typedef struct
{
  const char      *name;
  ShenbaoValueType type;
  const char      *unit;
  const char      *number;
} WorldName;

static const WorldName world[] = {
  { "area", SHENBAO_VALUE_NUMBER, "m2", "9000" },
  { "rate", SHENBAO_VALUE_NUMBER, "yuan/m2/month", "20" },
  { "months", SHENBAO_VALUE_NUMBER, "month", "9" },
  { "amount", SHENBAO_VALUE_NUMBER, "yuan", "2160000.50" },
  { "big", SHENBAO_VALUE_NUMBER, "yuan", "9000000000000" },
  { "ratio", SHENBAO_VALUE_NUMBER, "", "0.35" },
  { "flag", SHENBAO_VALUE_BOOL, "", NULL },
  { "kind", SHENBAO_VALUE_STRING, "", NULL },
  { "founded", SHENBAO_VALUE_DATE, "", NULL },
  { "missing_amount", SHENBAO_VALUE_NUMBER, "yuan", NULL },
};

static GHashTable *values;

static const WorldName *
find_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (world); i++)
    if (g_str_equal (world[i].name, name))
      return &world[i];
  return NULL;
}

static gboolean
world_type (const char      *name,
            const char      *list_scope,
            ShenbaoExprType *type,
            gpointer         user_data)
{
  const WorldName *known = find_name (name);

  if (known == NULL)
    return FALSE;
  memset (type, 0, sizeof *type);
  type->type = known->type;
  return shenbao_unit_parse (known->unit, &type->unit, NULL);
}

static const ShenbaoValue *
world_lookup (const char *name,
              gpointer    user_data)
{
  return g_hash_table_lookup (values, name);
}

static void
add_values (void)
{
  values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) shenbao_value_free);
  for (guint i = 0; i < G_N_ELEMENTS (world); i++)
    {
      ShenbaoValue *value;

      if (world[i].type == SHENBAO_VALUE_NUMBER && world[i].number == NULL)
        continue;
      value = shenbao_value_new (world[i].type);
      if (world[i].number != NULL)
        {
          g_assert (shenbao_decimal_parse (world[i].number, &value->number, NULL));
          g_assert (shenbao_unit_parse (world[i].unit, &value->unit, NULL));
        }
      if (world[i].type == SHENBAO_VALUE_STRING)
        value->string = g_strdup ("enterprise");
      if (world[i].type == SHENBAO_VALUE_DATE)
        value->julian_day = 739000;
      g_hash_table_insert (values, (gpointer) world[i].name, value);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  add_values ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        gsize         size)
{
  g_autofree char *source = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoExpr) expr = shenbao_expr_parse (source, &error);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  ShenbaoEvalContext context = { world_lookup, NULL, NULL, missing };
  g_autofree char *rendered = NULL;
  g_autofree char *rendered_zh = NULL;
  g_autofree char *rendered_values = NULL;
  ShenbaoExprType type;
  ShenbaoValue result;

  if (expr == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  shenbao_expr_collect_names (expr, names);
  rendered = shenbao_expr_render (expr, NULL, NULL);
  rendered_zh = shenbao_expr_render_in (expr, NULL, NULL, TRUE);
  g_assert (rendered != NULL && rendered_zh != NULL);

  /* Only a formula the checker accepts is ever evaluated by the program. */
  if (!shenbao_expr_check (expr, world_type, NULL, &type, &error))
    {
      g_assert (error != NULL);
      return 0;
    }
  if (shenbao_expr_evaluate (expr, &context, &result, &error))
    g_assert (error == NULL);
  else
    g_assert (error != NULL);
  rendered_values = shenbao_expr_render_values (expr, &context);
  return 0;
}
