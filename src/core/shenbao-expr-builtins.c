/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-expr"

#include "config.h"

#include <string.h>

#include "shenbao-expr-private.h"
#include "shenbao-parse.h"

/* The formula language's functions, one table: the checker, the evaluator, the renderer and
 * the name collector look a call up here, so adding a function is adding a row. */

/* ------------------------------------------------------------------ min, max */

static gboolean
check_extremum (Checker         *checker,
                Node            *node,
                ShenbaoExprType *type)
{
  if (!expr_expect_type (checker, child (node, 0), SHENBAO_VALUE_NUMBER, type))
    return FALSE;
  for (guint i = 1; i < node->children->len; i++)
    {
      ShenbaoExprType other, merged;

      if (!expr_expect_type (checker, child (node, i), SHENBAO_VALUE_NUMBER, &other)
          || !expr_unify_units (checker, type, &other, node->text, &merged))
        return FALSE;
      *type = merged;
    }
  return TRUE;
}

static gboolean
eval_extremum (ShenbaoExpr        *expr,
               Node               *node,
               ShenbaoEvalContext *context,
               ShenbaoValue       *out,
               GError            **error)
{
  gboolean want_max = g_str_equal (node->text, "max");
  gboolean missing = FALSE;

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < node->children->len; i++)
    {
      ShenbaoValue value;

      if (!expr_eval_node (expr, child (node, i), context, &value, error))
        return FALSE;
      if (value.type == SHENBAO_VALUE_MISSING)
        {
          missing = TRUE;
          continue;
        }
      if (out->type == SHENBAO_VALUE_MISSING
          || (want_max ? shenbao_decimal_compare (value.number, out->number) > 0
                       : shenbao_decimal_compare (value.number, out->number) < 0))
        {
          ShenbaoUnit kept = out->type == SHENBAO_VALUE_MISSING || shenbao_unit_is_none (&out->unit)
                             ? value.unit : out->unit;
          gboolean percent = out->type != SHENBAO_VALUE_MISSING && out->percent;

          *out = value;
          out->unit = kept;
          /* min(rate, 30 %) is a rate: it reads as one whether the field or the literal won. */
          out->percent = value.percent || percent;
        }
      else
        {
          if (shenbao_unit_is_none (&out->unit))
            out->unit = value.unit;
          out->percent |= value.percent;
        }
    }
  if (missing)
    out->type = SHENBAO_VALUE_MISSING;
  return TRUE;
}
/* ------------------------------------------------------------------ if */

static gboolean
check_if (Checker         *checker,
          Node            *node,
          ShenbaoExprType *type)
{
  ShenbaoExprType condition, when_true, when_false;

  if (!expr_expect_type (checker, child (node, 0), SHENBAO_VALUE_BOOL, &condition)
      || !expr_check_node (checker, child (node, 1), &when_true)
      || !expr_check_node (checker, child (node, 2), &when_false))
    return FALSE;
  if (when_true.type != when_false.type)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "the two values of if() are %s and %s",
                            expr_type_name (when_true.type), expr_type_name (when_false.type));
  return expr_unify_units (checker, &when_true, &when_false, "if()", type);
}

static gboolean
eval_if (ShenbaoExpr        *expr,
         Node               *node,
         ShenbaoEvalContext *context,
         ShenbaoValue       *out,
         GError            **error)
{
  ShenbaoValue condition;

  if (!expr_eval_node (expr, child (node, 0), context, &condition, error))
    return FALSE;
  if (condition.type == SHENBAO_VALUE_MISSING)
    {
      memset (out, 0, sizeof *out);
      return TRUE;
    }
  return expr_eval_node (expr, child (node, condition.boolean ? 1 : 2), context, out, error);
}

/* ------------------------------------------------------------------ sum, count */

static gboolean
check_list_call (Checker         *checker,
                 Node            *node,
                 ShenbaoExprType *type)
{
  Node *list = child (node, 0);
  ShenbaoExprType list_type, body_type;
  const char *saved_scope = checker->list_scope;
  gboolean is_sum = g_str_equal (node->text, "sum");
  gboolean ok;

  if (list->kind != NODE_NAME)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "%s() takes a list field and a formula",
                            node->text);
  if (!expr_expect_type (checker, list, SHENBAO_VALUE_LIST, &list_type))
    return FALSE;

  checker->list_scope = list->text;
  ok = expr_expect_type (checker, child (node, 1), is_sum ? SHENBAO_VALUE_NUMBER : SHENBAO_VALUE_BOOL,
                         &body_type);
  checker->list_scope = saved_scope;
  if (!ok)
    return FALSE;

  if (is_sum)
    *type = body_type;
  else
    *type = (ShenbaoExprType) { SHENBAO_VALUE_NUMBER, { { 0 } }, FALSE };
  return TRUE;
}

static gboolean
eval_list (ShenbaoExpr        *expr,
           Node               *node,
           ShenbaoEvalContext *context,
           ShenbaoValue       *out,
           GError            **error)
{
  gboolean is_sum = g_str_equal (node->text, "sum");
  const ShenbaoValue *list = expr_lookup_name (context, child (node, 0)->text);
  GHashTable *saved_row = context->row;
  guint saved_trace_row = context->trace_row;
  ShenbaoDecimal total = { 0 };
  ShenbaoUnit unit = { { 0 } };
  gboolean missing = FALSE;

  memset (out, 0, sizeof *out);
  if (context->trace != NULL)
    {
      ShenbaoValue recorded;

      /* The list itself, first in the record, so a worksheet can name it and its rows. */
      expr_eval_node (expr, child (node, 0), context, &recorded, NULL);
      memset (out, 0, sizeof *out);
    }
  if (list == NULL || list->type != SHENBAO_VALUE_LIST)
    {
      expr_note_missing (context, child (node, 0)->text);
      return TRUE;
    }

  for (guint i = 0; list->rows != NULL && i < list->rows->len; i++)
    {
      ShenbaoValue value;
      gboolean ok;

      context->row = g_ptr_array_index (list->rows, i);
      context->trace_row = i + 1;
      ok = expr_eval_node (expr, child (node, 1), context, &value, error);
      context->row = saved_row;
      context->trace_row = saved_trace_row;
      if (!ok)
        return FALSE;

      if (value.type == SHENBAO_VALUE_MISSING)
        missing = TRUE;
      else if (is_sum)
        {
          if (!shenbao_decimal_add (total, value.number, &total))
            return expr_overflow (expr, error);
          if (!shenbao_unit_is_none (&value.unit))
            unit = value.unit;
        }
      else if (value.boolean)
        total.micros += SHENBAO_DECIMAL_SCALE;
    }

  if (!missing)
    *out = expr_number_value (total, unit);
  return TRUE;
}
static void
render_list_values (Renderer *renderer,
                         Node     *node,
                         GString  *out)
{
  const ShenbaoValue *list = expr_lookup_name (renderer->context, child (node, 0)->text);
  GHashTable *saved_row = renderer->context->row;
  gboolean is_sum = g_str_equal (node->text, "sum");

  if (list == NULL || list->type != SHENBAO_VALUE_LIST || list->rows == NULL || list->rows->len == 0)
    {
      g_string_append (out, "0");
      return;
    }

  g_string_append (out, is_sum ? "(" : "count(");
  for (guint i = 0; i < list->rows->len; i++)
    {
      ShenbaoValue value;

      renderer->context->row = g_ptr_array_index (list->rows, i);
      if (i > 0)
        g_string_append (out, is_sum ? " + " : ", ");
      if (expr_eval_node (renderer->expr, child (node, 1), renderer->context, &value, NULL))
        expr_render_value (&value, out);
      else
        g_string_append (out, "?");
    }
  renderer->context->row = saved_row;
  g_string_append (out, ")");
}

/* ------------------------------------------------------------------ given */

static gboolean
check_given (Checker         *checker,
             Node            *node,
             ShenbaoExprType *type)
{
  ShenbaoExprType ignored;

  if (child (node, 0)->kind != NODE_NAME)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "given() takes one name");
  if (!expr_check_node (checker, child (node, 0), &ignored))
    return FALSE;
  *type = (ShenbaoExprType) { SHENBAO_VALUE_BOOL, { { 0 } }, FALSE };
  return TRUE;
}

static gboolean
eval_given (ShenbaoExpr        *expr,
            Node               *node,
            ShenbaoEvalContext *context,
            ShenbaoValue       *out,
            GError            **error)
{
  const ShenbaoValue *value = expr_lookup_name (context, child (node, 0)->text);

  *out = expr_bool_value (value != NULL && value->type != SHENBAO_VALUE_MISSING);
  return TRUE;
}

static void
render_given_values (Renderer *renderer,
                     Node     *node,
                     GString  *out)
{
  ShenbaoValue value;

  if (eval_given (renderer->expr, node, renderer->context, &value, NULL))
    expr_render_value (&value, out);
}

/* ------------------------------------------------------------------ date */

static gboolean
check_date (Checker         *checker,
            Node            *node,
            ShenbaoExprType *type)
{
  GDate date;
  g_autoptr(GError) date_error = NULL;

  if (child (node, 0)->kind != NODE_STRING)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "date() takes a text such as \"2024-01-01\"");
  /* The same strict reader as for fields: g_date_set_parse guesses, and by the locale. */
  if (!shenbao_date_parse (child (node, 0)->text, &date, &date_error))
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "%s", date_error->message);
  *type = (ShenbaoExprType) { SHENBAO_VALUE_DATE, { { 0 } }, FALSE };
  return TRUE;
}

static gboolean
eval_date (ShenbaoExpr        *expr,
           Node               *node,
           ShenbaoEvalContext *context,
           ShenbaoValue       *out,
           GError            **error)
{
  GDate date;

  if (node->children->len != 1 || child (node, 0)->kind != NODE_STRING
      || !shenbao_date_parse (child (node, 0)->text, &date, error))
    return FALSE;
  memset (out, 0, sizeof *out);
  out->type = SHENBAO_VALUE_DATE;
  out->julian_day = (gint32) g_date_get_julian (&date);
  return TRUE;
}

/* ------------------------------------------------------------------ the table */

static const ShenbaoExprBuiltin builtins[] = {
  { "min",   1, G_MAXUINT, "needs at least one value", FALSE, check_extremum, eval_extremum, NULL },
  { "max",   1, G_MAXUINT, "needs at least one value", FALSE, check_extremum, eval_extremum, NULL },
  { "if",    3, 3, "takes a condition and two values", FALSE, check_if, eval_if, NULL },
  { "sum",   2, 2, "takes a list field and a formula", TRUE, check_list_call, eval_list, render_list_values },
  { "count", 2, 2, "takes a list field and a formula", TRUE, check_list_call, eval_list, render_list_values },
  { "given", 1, 1, "takes one name", FALSE, check_given, eval_given, render_given_values },
  { "date",  1, 1, "takes a text such as \"2024-01-01\"", FALSE, check_date, eval_date, NULL },
};

const ShenbaoExprBuiltin *
shenbao_expr_builtin_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (g_str_equal (builtins[i].name, name))
      return &builtins[i];
  return NULL;
}

gboolean
shenbao_expr_builtin_binds_list (const char *name)
{
  const ShenbaoExprBuiltin *builtin = shenbao_expr_builtin_find (name);

  return builtin != NULL && builtin->binds_list;
}

/* The arity first: "count()" has no first argument to look at (found by fuzz-expr). */
gboolean
expr_check_call (Checker         *checker,
                 Node            *node,
                 ShenbaoExprType *type)
{
  const ShenbaoExprBuiltin *builtin = shenbao_expr_builtin_find (node->text);
  guint n = node->children->len;

  if (builtin == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
        g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", builtins[i].name);
      return expr_check_fail (checker, SHENBAO_EXPR_ERROR_UNKNOWN_NAME, "unknown function “%s” (known: %s)",
                              node->text, known->str);
    }
  if (n < builtin->min_args || n > builtin->max_args)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "%s() %s", builtin->name, builtin->usage);
  return builtin->check (checker, node, type);
}

gboolean
expr_eval_call (ShenbaoExpr        *expr,
                Node               *node,
                ShenbaoEvalContext *context,
                ShenbaoValue       *out,
                GError            **error)
{
  const ShenbaoExprBuiltin *builtin = shenbao_expr_builtin_find (node->text);

  if (builtin == NULL || node->children->len < builtin->min_args || node->children->len > builtin->max_args)
    {
      g_set_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_UNKNOWN_NAME,
                   "formula “%s”: unknown function “%s”", expr->source, node->text);
      return FALSE;
    }
  return builtin->evaluate (expr, node, context, out, error);
}
