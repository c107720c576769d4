/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-expr"

#include "config.h"

#include <string.h>

#include "shenbao-expr-private.h"
#include "shenbao-policy.h"

/* ------------------------------------------------------------------ evaluation */

ShenbaoValue
expr_number_value (ShenbaoDecimal number,
              ShenbaoUnit    unit)
{
  ShenbaoValue value = { 0 };

  value.type = SHENBAO_VALUE_NUMBER;
  value.number = number;
  value.unit = unit;
  return value;
}

ShenbaoValue
expr_bool_value (gboolean b)
{
  ShenbaoValue value = { 0 };

  value.type = SHENBAO_VALUE_BOOL;
  value.boolean = b;
  return value;
}

gboolean
expr_overflow (ShenbaoExpr *expr,
          GError     **error)
{
  g_set_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
               "formula “%s”: the amount is too large to compute exactly", expr->source);
  return FALSE;
}

void
expr_note_missing (ShenbaoEvalContext *context,
              const char         *name)
{
  if (context->missing == NULL)
    return;
  for (guint i = 0; i < context->missing->len; i++)
    if (g_str_equal (g_ptr_array_index (context->missing, i), name))
      return;
  g_ptr_array_add (context->missing, g_strdup (name));
}

const ShenbaoValue *
expr_lookup_name (ShenbaoEvalContext *context,
             const char         *name)
{
  if (context->row != NULL)
    {
      const ShenbaoValue *column = g_hash_table_lookup (context->row, name);

      if (column != NULL)
        return column;
    }
  return context->lookup (name, context->user_data);
}

static int
compare_values (const ShenbaoValue *a,
                const ShenbaoValue *b)
{
  switch (a->type)
    {
    case SHENBAO_VALUE_NUMBER:
      return shenbao_decimal_compare (a->number, b->number);
    case SHENBAO_VALUE_DATE:
      return (a->julian_day > b->julian_day) - (a->julian_day < b->julian_day);
    case SHENBAO_VALUE_STRING:
      return g_strcmp0 (a->string, b->string);
    case SHENBAO_VALUE_BOOL:
      return (a->boolean != 0) - (b->boolean != 0);
    case SHENBAO_VALUE_MISSING:
    case SHENBAO_VALUE_LIST:
    default:
      return 0;
    }
}

static gboolean
eval_logic (ShenbaoExpr        *expr,
            Node               *node,
            ShenbaoEvalContext *context,
            ShenbaoValue       *out,
            GError            **error)
{
  ShenbaoValue left, right;
  gboolean deciding = node->op == OP_OR;

  /* Three-valued: "no and unknown" is no, so every unmet condition shows even when other
   * inputs are still empty. */
  if (!expr_eval_node (expr, child (node, 0), context, &left, error)
      || !expr_eval_node (expr, child (node, 1), context, &right, error))
    return FALSE;
  if ((left.type == SHENBAO_VALUE_BOOL && left.boolean == deciding)
      || (right.type == SHENBAO_VALUE_BOOL && right.boolean == deciding))
    *out = expr_bool_value (deciding);
  else if (left.type == SHENBAO_VALUE_MISSING || right.type == SHENBAO_VALUE_MISSING)
    out->type = SHENBAO_VALUE_MISSING;
  else
    *out = expr_bool_value (!deciding);
  return TRUE;
}

static gboolean
eval_binary (ShenbaoExpr        *expr,
             Node               *node,
             ShenbaoEvalContext *context,
             ShenbaoValue       *out,
             GError            **error)
{
  ShenbaoValue left, right;
  ShenbaoDecimal result;
  ShenbaoUnit unit;
  int cmp;

  if (node->op == OP_AND || node->op == OP_OR)
    return eval_logic (expr, node, context, out, error);

  if (!expr_eval_node (expr, child (node, 0), context, &left, error)
      || !expr_eval_node (expr, child (node, 1), context, &right, error))
    return FALSE;

  memset (out, 0, sizeof *out);
  if (left.type == SHENBAO_VALUE_MISSING || right.type == SHENBAO_VALUE_MISSING)
    return TRUE;

  /* A bare literal takes the unit of the other side, as in checking. */
  unit = shenbao_unit_is_none (&left.unit) ? right.unit : left.unit;

  switch (node->op)
    {
    case OP_ADD:
      if (!shenbao_decimal_add (left.number, right.number, &result))
        return expr_overflow (expr, error);
      *out = expr_number_value (result, unit);
      return TRUE;
    case OP_SUB:
      if (!shenbao_decimal_sub (left.number, right.number, &result))
        return expr_overflow (expr, error);
      *out = expr_number_value (result, unit);
      return TRUE;
    case OP_MUL:
      if (!shenbao_decimal_mul (left.number, right.number, &result))
        return expr_overflow (expr, error);
      *out = expr_number_value (result, shenbao_unit_combine (&left.unit, &right.unit, 1));
      return TRUE;
    case OP_DIV:
      {
        g_autoptr(GError) local_error = NULL;

        if (!shenbao_decimal_div (left.number, right.number, &result, &local_error))
          {
            g_set_error (error, SHENBAO_EXPR_ERROR,
                         shenbao_decimal_is_zero (right.number) ? SHENBAO_EXPR_ERROR_DIVISION_BY_ZERO
                                                                : SHENBAO_EXPR_ERROR_OVERFLOW,
                         "formula “%s”: %s", expr->source, local_error->message);
            return FALSE;
          }
        *out = expr_number_value (result, shenbao_unit_combine (&left.unit, &right.unit, -1));
        return TRUE;
      }
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
      cmp = compare_values (&left, &right);
      *out = expr_bool_value (node->op == OP_LT ? cmp < 0
                         : node->op == OP_LE ? cmp <= 0
                         : node->op == OP_GT ? cmp > 0
                         : node->op == OP_GE ? cmp >= 0
                         : node->op == OP_EQ ? cmp == 0
                         : cmp != 0);
      return TRUE;
    case OP_AND: case OP_OR: case OP_NOT: case OP_NEG:
    default:
      g_assert_not_reached ();
    }
}




static gboolean
eval_node_plain (ShenbaoExpr        *expr,
           Node               *node,
           ShenbaoEvalContext *context,
           ShenbaoValue       *out,
           GError            **error)
{
  memset (out, 0, sizeof *out);

  switch (node->kind)
    {
    case NODE_NUMBER:
      *out = expr_number_value (node->number, node->unit);
      return TRUE;
    case NODE_STRING:
      out->type = SHENBAO_VALUE_STRING;
      out->string = node->text;
      return TRUE;
    case NODE_BOOL:
      *out = expr_bool_value (node->boolean);
      return TRUE;
    case NODE_NAME:
      {
        const ShenbaoValue *value = expr_lookup_name (context, node->text);

        if (value == NULL || value->type == SHENBAO_VALUE_MISSING)
          {
            expr_note_missing (context, node->text);
            return TRUE;
          }
        *out = *value;
        return TRUE;
      }
    case NODE_UNARY:
      if (!expr_eval_node (expr, child (node, 0), context, out, error))
        return FALSE;
      if (out->type == SHENBAO_VALUE_BOOL)
        out->boolean = !out->boolean;
      else if (out->type == SHENBAO_VALUE_NUMBER)
        {
          if (out->number.micros == G_MININT64)
            return expr_overflow (expr, error);
          out->number.micros = -out->number.micros;
        }
      return TRUE;
    case NODE_BINARY:
      return eval_binary (expr, node, context, out, error);
    case NODE_CALL:
      return expr_eval_call (expr, node, context, out, error);
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ tracing */

void
shenbao_trace_free (ShenbaoTrace *trace)
{
  if (trace == NULL)
    return;
  if (trace->value.type == SHENBAO_VALUE_STRING)
    g_free (trace->value.string);
  if (trace->label != NULL)
    {
      shenbao_text_clear (trace->label);
      g_free (trace->label);
    }
  g_clear_pointer (&trace->children, g_ptr_array_unref);
  g_free (trace);
}

static ShenbaoTrace *
trace_new (Node               *node,
           ShenbaoEvalContext *context)
{
  ShenbaoTrace *trace = g_new0 (ShenbaoTrace, 1);

  trace->kind = (ShenbaoTraceKind) (node->kind == NODE_NUMBER || node->kind == NODE_STRING
                                    || node->kind == NODE_BOOL ? SHENBAO_TRACE_LITERAL
                                    : node->kind == NODE_NAME ? SHENBAO_TRACE_NAME
                                    : node->kind == NODE_UNARY ? SHENBAO_TRACE_UNARY
                                    : node->kind == NODE_BINARY ? SHENBAO_TRACE_BINARY
                                    : SHENBAO_TRACE_CALL);
  trace->name = node->text;
  if (node->kind == NODE_UNARY || node->kind == NODE_BINARY)
    {
      trace->symbol_zh = expr_operator_symbols_zh[node->op];
      trace->symbol_en = expr_operator_symbols[node->op];
      trace->test = node->op >= OP_LT && node->op <= OP_NOT;
    }
  trace->precedence = expr_precedence (node);
  trace->row = (int) context->trace_row - 1;
  trace->children = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_trace_free);
  return trace;
}

/* Evaluation with, when asked, a record of every part worked out: the one evaluator serves
 * both, so a worksheet can never show other arithmetic than the amount's. */
gboolean
expr_eval_node (ShenbaoExpr        *expr,
                Node               *node,
                ShenbaoEvalContext *context,
                ShenbaoValue       *out,
                GError            **error)
{
  ShenbaoTrace *parent = context->trace;
  ShenbaoTrace *trace;
  gboolean ok;

  if (parent == NULL)
    return eval_node_plain (expr, node, context, out, error);

  trace = trace_new (node, context);
  g_ptr_array_add (parent->children, trace);
  context->trace = trace;
  ok = eval_node_plain (expr, node, context, out, error);
  context->trace = parent;
  if (ok)
    {
      trace->value = *out;
      trace->value.rows = NULL;
      if (out->type == SHENBAO_VALUE_LIST)
        trace->n_rows = out->rows != NULL ? out->rows->len : 0;
      if (out->type == SHENBAO_VALUE_STRING)
        trace->value.string = g_strdup (out->string);
    }
  return ok;
}

/* As shenbao_expr_evaluate(), returning how the value was worked out; NULL on an error. */
ShenbaoTrace *
shenbao_expr_trace (ShenbaoExpr        *expr,
                    ShenbaoEvalContext *context,
                    ShenbaoValue       *result,
                    GError            **error)
{
  ShenbaoTrace holder = { 0 };
  ShenbaoTrace *saved = context->trace;
  ShenbaoTrace *root;
  gboolean ok;

  g_return_val_if_fail (expr != NULL && context != NULL && result != NULL, NULL);

  holder.children = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_trace_free);
  context->trace = &holder;
  ok = expr_eval_node (expr, expr->root, context, result, error);
  context->trace = saved;
  root = ok ? g_ptr_array_steal_index (holder.children, 0) : NULL;
  g_ptr_array_unref (holder.children);
  return root;
}

gboolean
shenbao_expr_evaluate (ShenbaoExpr        *expr,
                       ShenbaoEvalContext *context,
                       ShenbaoValue       *result,
                       GError            **error)
{
  g_return_val_if_fail (expr != NULL, FALSE);
  g_return_val_if_fail (context != NULL && context->lookup != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return expr_eval_node (expr, expr->root, context, result, error);
}
