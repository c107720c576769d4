/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shenbao-expr.h"

/* A tiny world of names: area in m², rate in yuan/m²/month, months, amount in yuan, flag. */
typedef struct
{
  GHashTable *values;
} World;

static gboolean
world_type (const char      *name,
            const char      *list_scope,
            ShenbaoExprType *type,
            gpointer         user_data)
{
  memset (type, 0, sizeof *type);
  type->type = SHENBAO_VALUE_NUMBER;
  if (g_str_equal (name, "area"))
    return shenbao_unit_parse ("m2", &type->unit, NULL);
  if (g_str_equal (name, "rate"))
    return shenbao_unit_parse ("yuan/m2/month", &type->unit, NULL);
  if (g_str_equal (name, "months"))
    return shenbao_unit_parse ("month", &type->unit, NULL);
  if (g_str_equal (name, "amount") || g_str_equal (name, "unknown_amount"))
    return shenbao_unit_parse ("yuan", &type->unit, NULL);
  if (g_str_equal (name, "flag"))
    {
      type->type = SHENBAO_VALUE_BOOL;
      return TRUE;
    }
  return FALSE;
}

static const ShenbaoValue *
world_lookup (const char *name,
              gpointer    user_data)
{
  World *world = user_data;

  return g_hash_table_lookup (world->values, name);
}

static void
world_set (World      *world,
           const char *name,
           const char *number,
           const char *unit)
{
  ShenbaoValue *value = shenbao_value_new (SHENBAO_VALUE_NUMBER);

  g_assert_true (shenbao_decimal_parse (number, &value->number, NULL));
  g_assert_true (shenbao_unit_parse (unit, &value->unit, NULL));
  g_hash_table_replace (world->values, g_strdup (name), value);
}

static World *
world_new (void)
{
  World *world = g_new0 (World, 1);
  ShenbaoValue *flag = shenbao_value_new (SHENBAO_VALUE_BOOL);

  world->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) shenbao_value_free);
  world_set (world, "area", "9000", "m2");
  world_set (world, "rate", "20", "yuan/m2/month");
  world_set (world, "months", "9", "month");
  world_set (world, "amount", "2160000", "yuan");
  flag->boolean = FALSE;
  g_hash_table_replace (world->values, g_strdup ("flag"), flag);
  return world;
}

static void
world_free (World *world)
{
  g_hash_table_unref (world->values);
  g_free (world);
}

static ShenbaoValue
evaluate (World      *world,
          const char *source,
          GPtrArray  *missing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoExpr) expr = shenbao_expr_parse (source, &error);
  ShenbaoEvalContext context = { world_lookup, world, NULL, missing };
  ShenbaoValue value;

  g_assert_no_error (error);
  g_assert_true (shenbao_expr_check (expr, world_type, world, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shenbao_expr_evaluate (expr, &context, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
test_arithmetic (void)
{
  World *world = world_new ();
  ShenbaoValue value;

  /* Domain guide example 1A: 9,000 m² × 20 yuan × 9 months = 1,620,000. */
  value = evaluate (world, "rate * area * months", NULL);
  g_assert_cmpint (value.type, ==, SHENBAO_VALUE_NUMBER);
  g_assert_cmpint (value.number.micros, ==, G_GINT64_CONSTANT (1620000000000));
  g_assert_true (shenbao_unit_is_yuan (&value.unit));

  value = evaluate (world, "min(amount, 2000000)", NULL);
  g_assert_cmpint (value.number.micros, ==, G_GINT64_CONSTANT (2000000000000));
  value = evaluate (world, "max(0, 100 - amount)", NULL);
  g_assert_cmpint (value.number.micros, ==, 0);
  value = evaluate (world, "-(3 - 5) * 2 + 10 / 4", NULL);
  g_assert_cmpint (value.number.micros, ==, 6500000);
  value = evaluate (world, "if(area >= 9000, 1, 2)", NULL);
  g_assert_cmpint (value.number.micros, ==, 1000000);
  value = evaluate (world, "20[yuan/m2/month] * area * months", NULL);
  g_assert_cmpint (value.number.micros, ==, G_GINT64_CONSTANT (1620000000000));

  world_free (world);
}

static void
test_comparisons (void)
{
  World *world = world_new ();

  /* 超过 is strict, 及以上 is not: at the threshold itself they differ. */
  g_assert_false (evaluate (world, "area > 9000", NULL).boolean);
  g_assert_true (evaluate (world, "area >= 9000", NULL).boolean);
  g_assert_true (evaluate (world, "not flag and area == 9000", NULL).boolean);
  g_assert_true (evaluate (world, "flag or months < 12", NULL).boolean);
  g_assert_true (evaluate (world, "date(\"2024-01-01\") <= date(\"2025-12-31\")", NULL).boolean);

  world_free (world);
}

/* "no and unknown" is no: an unmet condition is reported even while other inputs are empty. */
static void
test_missing_values (void)
{
  World *world = world_new ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  ShenbaoValue value;

  value = evaluate (world, "flag and unknown_amount > 0", missing);
  g_assert_cmpint (value.type, ==, SHENBAO_VALUE_BOOL);
  g_assert_false (value.boolean);

  value = evaluate (world, "unknown_amount * 0.5", missing);
  g_assert_cmpint (value.type, ==, SHENBAO_VALUE_MISSING);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "unknown_amount");

  value = evaluate (world, "given(unknown_amount)", NULL);
  g_assert_false (value.boolean);
  value = evaluate (world, "given(amount)", NULL);
  g_assert_true (value.boolean);

  world_free (world);
}

static void
assert_check_fails (const char *source,
                    int         code,
                    const char *mentions)
{
  World *world = world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoExpr) expr = shenbao_expr_parse (source, &error);

  if (expr != NULL)
    g_assert_false (shenbao_expr_check (expr, world_type, world, NULL, &error));
  g_assert_error (error, SHENBAO_EXPR_ERROR, code);
  if (strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  world_free (world);
}

static void
test_errors (void)
{
  assert_check_fails ("area *", SHENBAO_EXPR_ERROR_SYNTAX, "ends too early");
  assert_check_fails ("min(area, 3", SHENBAO_EXPR_ERROR_SYNTAX, "expected");
  assert_check_fails ("area $ 2", SHENBAO_EXPR_ERROR_SYNTAX, "column 6");
  assert_check_fails ("", SHENBAO_EXPR_ERROR_SYNTAX, "empty");
  assert_check_fails ("1.2.3", SHENBAO_EXPR_ERROR_SYNTAX, "not a number");
  assert_check_fails ("revenue * 0.2", SHENBAO_EXPR_ERROR_UNKNOWN_NAME, "revenue");
  assert_check_fails ("frobnicate(area)", SHENBAO_EXPR_ERROR_UNKNOWN_NAME, "frobnicate");
  assert_check_fails ("area + amount", SHENBAO_EXPR_ERROR_UNIT, "m2 and yuan");
  assert_check_fails ("min(area * months, amount)", SHENBAO_EXPR_ERROR_UNIT, "m2·month");
  assert_check_fails ("flag + 1", SHENBAO_EXPR_ERROR_TYPE, "yes/no");
  assert_check_fails ("20[furlong] * area", SHENBAO_EXPR_ERROR_SYNTAX, "furlong");
  assert_check_fails ("date(\"2024-02-30\") > date(\"2024-01-01\")", SHENBAO_EXPR_ERROR_SYNTAX, "not a date");
}

/* Inputs fuzz-expr found; each once crashed the checker. */
static void
test_fuzz_findings (void)
{
  /* count() and sum() without arguments read a first argument that was not there. */
  assert_check_fails ("count()", SHENBAO_EXPR_ERROR_SYNTAX, "count() takes a list field and a formula");
  assert_check_fails ("sum()", SHENBAO_EXPR_ERROR_SYNTAX, "sum() takes a list field and a formula");
  /* A long formula with a byte that is not UTF-8: quoting its start for the message read past
   * the end of the text. */
  assert_check_fails ("2/-0222/-01/-08/-162/-01/-0222/-01/-08/-161/-08/-162/-01/-\xf4" "22",
                      SHENBAO_EXPR_ERROR_SYNTAX, "not valid UTF-8");
  assert_check_fails ("area \xe5", SHENBAO_EXPR_ERROR_SYNTAX, "not valid UTF-8");
}

static void
test_nesting_limit (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoExpr) expr = NULL;

  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, '(');
  g_string_append_c (deep, '1');
  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, ')');

  expr = shenbao_expr_parse (deep->str, &error);
  g_assert_null (expr);
  g_assert_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
}

/* A chain of 52,000 terms used to overflow the stack in the checker, evaluator and renderer.
 * 1000 terms is the limit: 1000 ones add up to 1000 and render back as written. */
static void
test_long_chain (void)
{
  World *world = world_new ();
  g_autoptr(GString) chain = g_string_new ("1");
  g_autoptr(GString) longest = g_string_new ("1");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoExpr) expr = NULL;
  g_autofree char *rendered = NULL;
  ShenbaoValue value;

  for (int i = 1; i < 52000; i++)
    g_string_append (chain, "+1");
  expr = shenbao_expr_parse (chain->str, &error);
  g_assert_null (expr);
  g_assert_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "too long (more than 1000 terms)"));
  /* Only the start of the formula is quoted: 60 characters and an ellipsis. */
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_clear_error (&error);

  for (int i = 1; i < 1000; i++)
    g_string_append (longest, "+1");
  value = evaluate (world, longest->str, NULL);
  g_assert_cmpint (value.number.micros, ==, G_GINT64_CONSTANT (1000) * SHENBAO_DECIMAL_SCALE);
  expr = shenbao_expr_parse (longest->str, &error);
  g_assert_no_error (error);
  rendered = shenbao_expr_render (expr, NULL, NULL);
  /* "1 + 1 + …": 1000 ones and 999 " + ". */
  g_assert_cmpuint (strlen (rendered), ==, 1000 + 999 * 3);

  g_string_append (longest, "+1");
  g_clear_pointer (&expr, shenbao_expr_free);
  expr = shenbao_expr_parse (longest->str, &error);
  g_assert_null (expr);
  g_assert_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_SYNTAX);
  world_free (world);
}

static void
test_overflow (void)
{
  World *world = world_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoExpr) expr = shenbao_expr_parse ("amount * amount * amount", &error);
  ShenbaoEvalContext context = { world_lookup, world, NULL, NULL };
  ShenbaoValue value;

  g_assert_false (shenbao_expr_evaluate (expr, &context, &value, &error));
  g_assert_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW);
  g_assert_nonnull (strstr (error->message, "too large"));
  world_free (world);
}

static char *
label (const char *name,
       gpointer    user_data)
{
  if (g_str_equal (name, "area"))
    return g_strdup ("Rented area");
  return NULL;
}

static void
test_render (void)
{
  World *world = world_new ();
  g_autoptr(ShenbaoExpr) expr = shenbao_expr_parse ("min(rate * area * months, 2000000)", NULL);
  g_autoptr(ShenbaoExpr) grouped = shenbao_expr_parse ("(area - 1) * (months + 1) - (2 - 1)", NULL);
  ShenbaoEvalContext context = { world_lookup, world, NULL, NULL };
  g_autofree char *labelled = shenbao_expr_render (expr, label, NULL);
  g_autofree char *values = shenbao_expr_render_values (expr, &context);
  g_autofree char *parens = shenbao_expr_render (grouped, NULL, NULL);
  g_autoptr(ShenbaoExpr) logic = shenbao_expr_parse ("not flag and (area >= 1 or months < 2)", NULL);
  g_autofree char *logic_zh = shenbao_expr_render_in (logic, NULL, NULL, TRUE);
  g_autofree char *logic_en = shenbao_expr_render (logic, NULL, NULL);

  g_assert_cmpstr (labelled, ==, "min(rate × Rented area × months, 2,000,000)");
  g_assert_cmpstr (values, ==, "min(20 × 9,000 × 9, 2,000,000)");
  g_assert_cmpstr (parens, ==, "(area − 1) × (months + 1) − (2 − 1)");
  g_assert_cmpstr (logic_zh, ==, "非flag 且 (area ≥ 1 或 months < 2)");
  g_assert_cmpstr (logic_en, ==, "not flag and (area ≥ 1 or months < 2)");
  world_free (world);
}

/* Bytes that are not UTF-8 are refused before any message quotes the formula (fuzz-expr found
 * an error message reading past the end of such a formula). */
static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoExpr) expr = shenbao_expr_parse ("sum(orders, if(r\xdf\x61 o-r u3b * boo99*9+9t*h o9\xd0", &error);

  g_assert_null (expr);
  g_assert_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "not valid UTF-8"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shenbao/expr/arithmetic", test_arithmetic);
  g_test_add_func ("/shenbao/expr/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/shenbao/expr/comparisons", test_comparisons);
  g_test_add_func ("/shenbao/expr/missing-values", test_missing_values);
  g_test_add_func ("/shenbao/expr/errors", test_errors);
  g_test_add_func ("/shenbao/expr/fuzz-findings", test_fuzz_findings);
  g_test_add_func ("/shenbao/expr/nesting-limit", test_nesting_limit);
  g_test_add_func ("/shenbao/expr/long-chain", test_long_chain);
  g_test_add_func ("/shenbao/expr/overflow", test_overflow);
  g_test_add_func ("/shenbao/expr/render", test_render);

  return g_test_run ();
}
