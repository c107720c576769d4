/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-expr"

#include "config.h"

#include <string.h>

#include "shenbao-expr-private.h"

const char *const expr_operator_symbols[] = {
  "+", "−", "×", "÷", "<", "≤", ">", "≥", "=", "≠", "and", "or", "not", "−",
};

/* The same operators as a Chinese explanation writes them. */
const char *const expr_operator_symbols_zh[] = {
  "+", "−", "×", "÷", "<", "≤", ">", "≥", "=", "≠", "且", "或", "非", "−",
};

/* ------------------------------------------------------------------ rendering */

int
expr_precedence (Node *node)
{
  if (node->kind == NODE_BINARY)
    switch (node->op)
      {
      case OP_OR: return 1;
      case OP_AND: return 2;
      case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE: return 4;
      case OP_ADD: case OP_SUB: return 5;
      case OP_MUL: case OP_DIV: return 6;
      case OP_NOT: case OP_NEG: default: return 7;
      }
  if (node->kind == NODE_UNARY)
    return node->op == OP_NOT ? 3 : 7;
  return 8;
}

static void
render_operand (Renderer *renderer,
                Node     *operand,
                int       parent_precedence,
                gboolean  right_side,
                GString  *out)
{
  int own = expr_precedence (operand);
  gboolean parens = own < parent_precedence || (right_side && own == parent_precedence);

  if (parens)
    g_string_append_c (out, '(');
  expr_render_node (renderer, operand, out);
  if (parens)
    g_string_append_c (out, ')');
}

void
expr_render_value (const ShenbaoValue *value,
              GString            *out)
{
  g_autofree char *text = shenbao_value_format (value);

  if (value->type == SHENBAO_VALUE_STRING)
    g_string_append_printf (out, "“%s”", text);
  else
    g_string_append (out, text);
}


void
expr_render_node (Renderer *renderer,
             Node     *node,
             GString  *out)
{
  const ShenbaoExprBuiltin *builtin;

  switch (node->kind)
    {
    case NODE_NUMBER:
      {
        g_autofree char *number = shenbao_decimal_format (node->number);

        g_string_append (out, number);
        if (node->has_unit)
          {
            g_autofree char *unit = shenbao_unit_to_string (&node->unit);
            g_auto(GStrv) parts = g_strsplit (unit, "m2", -1);
            g_autofree char *pretty = g_strjoinv ("m²", parts);

            g_string_append_printf (out, " %s", pretty);
          }
      }
      break;
    case NODE_STRING:
      g_string_append_printf (out, "“%s”", node->text);
      break;
    case NODE_BOOL:
      g_string_append (out, renderer->chinese ? (node->boolean ? "是" : "否") : (node->boolean ? "yes" : "no"));
      break;
    case NODE_NAME:
      if (renderer->context != NULL)
        {
          const ShenbaoValue *value = expr_lookup_name (renderer->context, node->text);
          if (value != NULL)
            expr_render_value (value, out);
          else
            g_string_append (out, "?");
        }
      else
        {
          g_autofree char *label = renderer->label != NULL
                                   ? renderer->label (node->text, renderer->user_data) : NULL;
          g_string_append (out, label != NULL ? label : node->text);
        }
      break;
    case NODE_UNARY:
      g_string_append (out, node->op != OP_NOT ? "−" : renderer->chinese ? "非" : "not ");
      render_operand (renderer, child (node, 0), expr_precedence (node), FALSE, out);
      break;
    case NODE_BINARY:
      render_operand (renderer, child (node, 0), expr_precedence (node), FALSE, out);
      g_string_append_printf (out, " %s ", (renderer->chinese ? expr_operator_symbols_zh : expr_operator_symbols)[node->op]);
      render_operand (renderer, child (node, 1), expr_precedence (node), TRUE, out);
      break;
    case NODE_CALL:
      builtin = shenbao_expr_builtin_find (node->text);
      if (renderer->context != NULL && builtin != NULL && builtin->render_values != NULL)
        {
          builtin->render_values (renderer, node, out);
          break;
        }
      g_string_append_printf (out, "%s(", node->text);
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          expr_render_node (renderer, child (node, i), out);
        }
      g_string_append_c (out, ')');
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The formula as a person reads it, with labels for names: "Rate × Rented factory area". */
char *
shenbao_expr_render (ShenbaoExpr     *expr,
                     ShenbaoLabelFunc label,
                     gpointer         user_data)
{
  return shenbao_expr_render_in (expr, label, user_data, FALSE);
}

/* As shenbao_expr_render(), with the logical words in Chinese when asked. */
char *
shenbao_expr_render_in (ShenbaoExpr     *expr,
                        ShenbaoLabelFunc label,
                        gpointer         user_data,
                        gboolean         chinese)
{
  Renderer renderer = { label, user_data, NULL, expr, chinese };
  GString *out = g_string_new (NULL);

  expr_render_node (&renderer, expr->root, out);
  return g_string_free (out, FALSE);
}

/* The same formula with every name replaced by its value: "20 × 9,000 × 9". */
char *
shenbao_expr_render_values (ShenbaoExpr        *expr,
                            ShenbaoEvalContext *context)
{
  Renderer renderer = { NULL, NULL, context, expr, FALSE };
  GString *out = g_string_new (NULL);

  expr_render_node (&renderer, expr->root, out);
  return g_string_free (out, FALSE);
}
