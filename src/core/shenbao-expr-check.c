/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-expr"

#include "config.h"

#include <string.h>

#include "shenbao-expr-private.h"

/* ------------------------------------------------------------------ checking */

gboolean
expr_check_fail (Checker         *checker,
            ShenbaoExprError code,
            const char      *format,
            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (checker->error, SHENBAO_EXPR_ERROR, code, "formula “%s”: %s", checker->source, message);
  return FALSE;
}

const char *
expr_type_name (ShenbaoValueType type)
{
  switch (type)
    {
    case SHENBAO_VALUE_NUMBER: return "a number";
    case SHENBAO_VALUE_BOOL: return "yes/no";
    case SHENBAO_VALUE_STRING: return "a text";
    case SHENBAO_VALUE_DATE: return "a date";
    case SHENBAO_VALUE_LIST: return "a list";
    case SHENBAO_VALUE_MISSING:
    default: return "nothing";
    }
}

gboolean
expr_expect_type (Checker          *checker,
             Node             *node,
             ShenbaoValueType  expected,
             ShenbaoExprType  *type)
{
  if (!expr_check_node (checker, node, type))
    return FALSE;
  if (type->type != expected)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "expected %s, found %s",
                       expr_type_name (expected), expr_type_name (type->type));
  return TRUE;
}

/* Addition, comparison, min and max need the same unit on both sides, unless one is a bare
 * literal, which takes the other's. */
gboolean
expr_unify_units (Checker               *checker,
             const ShenbaoExprType *a,
             const ShenbaoExprType *b,
             const char            *what,
             ShenbaoExprType       *out)
{
  *out = *a;
  if (a->type != SHENBAO_VALUE_NUMBER)
    return TRUE;
  if (a->free_unit)
    {
      *out = *b;
      return TRUE;
    }
  if (b->free_unit)
    return TRUE;
  if (!shenbao_unit_equal (&a->unit, &b->unit))
    {
      g_autofree char *left = shenbao_unit_to_string (&a->unit);
      g_autofree char *right = shenbao_unit_to_string (&b->unit);

      return expr_check_fail (checker, SHENBAO_EXPR_ERROR_UNIT, "units do not match in %s: %s and %s",
                         what, left, right);
    }
  return TRUE;
}

static gboolean
check_comparable (Checker         *checker,
                  Node            *node,
                  ShenbaoExprType *type)
{
  ShenbaoExprType left, right, unified;

  if (!expr_check_node (checker, child (node, 0), &left) || !expr_check_node (checker, child (node, 1), &right))
    return FALSE;
  if (left.type != right.type)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "cannot compare %s with %s",
                       expr_type_name (left.type), expr_type_name (right.type));
  if (left.type == SHENBAO_VALUE_LIST)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "a list cannot be compared");
  if ((left.type == SHENBAO_VALUE_STRING || left.type == SHENBAO_VALUE_BOOL)
      && node->op != OP_EQ && node->op != OP_NE)
    return expr_check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "%s can only be compared with == or !=",
                       expr_type_name (left.type));
  if (!expr_unify_units (checker, &left, &right, "a comparison", &unified))
    return FALSE;
  *type = (ShenbaoExprType) { SHENBAO_VALUE_BOOL, { { 0 } }, FALSE };
  return TRUE;
}

static gboolean
check_binary (Checker         *checker,
              Node            *node,
              ShenbaoExprType *type)
{
  ShenbaoExprType left, right;

  switch (node->op)
    {
    case OP_AND:
    case OP_OR:
      if (!expr_expect_type (checker, child (node, 0), SHENBAO_VALUE_BOOL, &left)
          || !expr_expect_type (checker, child (node, 1), SHENBAO_VALUE_BOOL, &right))
        return FALSE;
      *type = left;
      return TRUE;

    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
      return check_comparable (checker, node, type);

    case OP_ADD:
    case OP_SUB:
      if (!expr_expect_type (checker, child (node, 0), SHENBAO_VALUE_NUMBER, &left)
          || !expr_expect_type (checker, child (node, 1), SHENBAO_VALUE_NUMBER, &right))
        return FALSE;
      return expr_unify_units (checker, &left, &right, node->op == OP_ADD ? "a sum" : "a difference", type);

    case OP_MUL:
    case OP_DIV:
      if (!expr_expect_type (checker, child (node, 0), SHENBAO_VALUE_NUMBER, &left)
          || !expr_expect_type (checker, child (node, 1), SHENBAO_VALUE_NUMBER, &right))
        return FALSE;
      /* In a product a bare number is a plain ratio: 0.5 × yuan is yuan. */
      type->type = SHENBAO_VALUE_NUMBER;
      type->unit = shenbao_unit_combine (&left.unit, &right.unit, node->op == OP_MUL ? 1 : -1);
      type->free_unit = left.free_unit && right.free_unit;
      return TRUE;

    case OP_NOT:
    case OP_NEG:
    default:
      g_assert_not_reached ();
    }
}



gboolean
expr_check_node (Checker         *checker,
            Node            *node,
            ShenbaoExprType *type)
{
  switch (node->kind)
    {
    case NODE_NUMBER:
      *type = (ShenbaoExprType) { SHENBAO_VALUE_NUMBER, node->unit, !node->has_unit };
      return TRUE;
    case NODE_STRING:
      *type = (ShenbaoExprType) { SHENBAO_VALUE_STRING, { { 0 } }, FALSE };
      return TRUE;
    case NODE_BOOL:
      *type = (ShenbaoExprType) { SHENBAO_VALUE_BOOL, { { 0 } }, FALSE };
      return TRUE;
    case NODE_NAME:
      if (!checker->lookup (node->text, checker->list_scope, type, checker->user_data))
        return expr_check_fail (checker, SHENBAO_EXPR_ERROR_UNKNOWN_NAME, "unknown name “%s”", node->text);
      type->free_unit = FALSE;
      return TRUE;
    case NODE_UNARY:
      if (node->op == OP_NOT)
        return expr_expect_type (checker, child (node, 0), SHENBAO_VALUE_BOOL, type);
      return expr_expect_type (checker, child (node, 0), SHENBAO_VALUE_NUMBER, type);
    case NODE_BINARY:
      return check_binary (checker, node, type);
    case NODE_CALL:
      return expr_check_call (checker, node, type);
    default:
      g_assert_not_reached ();
    }
}

gboolean
shenbao_expr_check (ShenbaoExpr          *expr,
                    ShenbaoTypeLookupFunc lookup,
                    gpointer              user_data,
                    ShenbaoExprType      *type,
                    GError              **error)
{
  Checker checker = { lookup, user_data, NULL, expr->source, error };
  ShenbaoExprType ignored;

  return expr_check_node (&checker, expr->root, type != NULL ? type : &ignored);
}