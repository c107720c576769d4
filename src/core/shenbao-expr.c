/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-expr"

#include "config.h"

#include <string.h>

#include "shenbao-expr.h"
#include "shenbao-parse.h"

G_DEFINE_QUARK (shenbao-expr-error-quark, shenbao_expr_error)

typedef enum
{
  NODE_NUMBER,
  NODE_STRING,
  NODE_BOOL,
  NODE_NAME,
  NODE_UNARY,
  NODE_BINARY,
  NODE_CALL,
} NodeKind;

typedef enum
{
  OP_ADD, OP_SUB, OP_MUL, OP_DIV,
  OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
  OP_AND, OP_OR, OP_NOT, OP_NEG,
} Operator;

typedef struct _Node Node;
struct _Node
{
  NodeKind        kind;
  Operator        op;
  char           *text;      /* name, string, function, or the literal as written */
  ShenbaoDecimal  number;
  ShenbaoUnit     unit;
  gboolean        has_unit;
  gboolean        boolean;
  GPtrArray      *children;
};

struct _ShenbaoExpr
{
  char *source;
  Node *root;
};

static const char *operator_symbols[] = {
  "+", "−", "×", "÷", "<", "≤", ">", "≥", "=", "≠", "and", "or", "not", "−",
};

/* The same operators as a Chinese explanation writes them. */
static const char *operator_symbols_zh[] = {
  "+", "−", "×", "÷", "<", "≤", ">", "≥", "=", "≠", "且", "或", "非", "−",
};

/* ------------------------------------------------------------------ nodes */

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  g_free (node->text);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
node_new (NodeKind kind)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  return node;
}

static Node *
child (Node *node,
       guint index)
{
  return g_ptr_array_index (node->children, index);
}

/* ------------------------------------------------------------------ parser */

typedef struct
{
  const char *source;
  const char *p;
  GError    **error;
  int         depth;
  guint       operands;
} Parser;

#define MAX_DEPTH 64

/* Every pass over the tree (check, evaluate, render, free) recurses along binary chains, so a
 * chain of 50,000 "+1" would overflow the stack. Bounding the operands bounds the tree: no policy
 * formula comes near a thousand terms, and the recursion stays a few hundred kilobytes deep. */
#define MAX_OPERANDS 1000

/* Only the start of a long formula is quoted in a message, so the message stays readable. */
#define QUOTED_SOURCE_CHARS 60

static gboolean
fail (Parser     *parser,
      const char *message)
{
  if (parser->error != NULL && *parser->error == NULL)
    {
      g_autofree char *quoted = NULL;

      if (g_utf8_strlen (parser->source, -1) > QUOTED_SOURCE_CHARS)
        {
          g_autofree char *start = g_utf8_substring (parser->source, 0, QUOTED_SOURCE_CHARS);
          quoted = g_strconcat (start, "…", NULL);
        }
      else
        quoted = g_strdup (parser->source);
      g_set_error (parser->error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_SYNTAX,
                   "formula “%s”, column %d: %s", quoted,
                   (int) g_utf8_pointer_to_offset (parser->source, parser->p) + 1, message);
    }
  return FALSE;
}

static void
skip_space (Parser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

static gboolean
accept (Parser     *parser,
        const char *token)
{
  gsize len = strlen (token);

  skip_space (parser);
  if (strncmp (parser->p, token, len) != 0)
    return FALSE;
  /* A word operator must not be the start of a longer name: "order" is not "or". */
  if (g_ascii_isalpha (token[0]) && (g_ascii_isalnum (parser->p[len]) || parser->p[len] == '_'))
    return FALSE;
  parser->p += len;
  return TRUE;
}

static Node *parse_or (Parser *parser);

static Node *
binary (Operator op,
        Node    *left,
        Node    *right)
{
  Node *node = node_new (NODE_BINARY);

  node->op = op;
  g_ptr_array_add (node->children, left);
  g_ptr_array_add (node->children, right);
  return node;
}

static char *
parse_identifier (Parser *parser)
{
  const char *start;

  skip_space (parser);
  start = parser->p;
  if (!g_ascii_isalpha (*parser->p) && *parser->p != '_')
    return NULL;
  while (g_ascii_isalnum (*parser->p) || *parser->p == '_')
    parser->p++;
  return g_strndup (start, parser->p - start);
}

static Node *
parse_number (Parser *parser)
{
  const char *start = parser->p;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  Node *node;

  while (g_ascii_isdigit (*parser->p) || *parser->p == '.')
    parser->p++;
  text = g_strndup (start, parser->p - start);

  node = node_new (NODE_NUMBER);
  node->text = g_steal_pointer (&text);
  if (!shenbao_decimal_parse (node->text, &node->number, &local_error))
    {
      fail (parser, local_error->message);
      node_free (node);
      return NULL;
    }

  if (*parser->p == '[')
    {
      const char *unit_start = ++parser->p;
      g_autofree char *unit_text = NULL;

      while (*parser->p != '\0' && *parser->p != ']')
        parser->p++;
      if (*parser->p != ']')
        {
          fail (parser, "the unit has no closing “]”");
          node_free (node);
          return NULL;
        }
      unit_text = g_strndup (unit_start, parser->p - unit_start);
      parser->p++;
      if (!shenbao_unit_parse (unit_text, &node->unit, &local_error))
        {
          fail (parser, local_error->message);
          node_free (node);
          return NULL;
        }
      node->has_unit = TRUE;
    }
  return node;
}

static Node *
parse_string (Parser *parser)
{
  const char *start = ++parser->p;
  Node *node;

  while (*parser->p != '\0' && *parser->p != '"')
    parser->p++;
  if (*parser->p != '"')
    {
      fail (parser, "the string has no closing quote");
      return NULL;
    }
  node = node_new (NODE_STRING);
  node->text = g_strndup (start, parser->p - start);
  parser->p++;
  return node;
}

static Node *
parse_call_or_name (Parser *parser)
{
  g_autofree char *name = parse_identifier (parser);
  Node *node;

  if (name == NULL)
    {
      fail (parser, *parser->p == '\0' ? "the formula ends too early" : "unexpected character");
      return NULL;
    }

  if (g_str_equal (name, "true") || g_str_equal (name, "false"))
    {
      node = node_new (NODE_BOOL);
      node->boolean = g_str_equal (name, "true");
      return node;
    }

  if (!accept (parser, "("))
    {
      node = node_new (NODE_NAME);
      node->text = g_steal_pointer (&name);
      return node;
    }

  node = node_new (NODE_CALL);
  node->text = g_steal_pointer (&name);
  if (accept (parser, ")"))
    return node;
  do
    {
      Node *argument = parse_or (parser);

      if (argument == NULL)
        {
          node_free (node);
          return NULL;
        }
      g_ptr_array_add (node->children, argument);
    }
  while (accept (parser, ","));

  if (!accept (parser, ")"))
    {
      fail (parser, "expected “,” or “)”");
      node_free (node);
      return NULL;
    }
  return node;
}

static Node *
parse_primary (Parser *parser)
{
  skip_space (parser);

  if (g_ascii_isdigit (*parser->p))
    return parse_number (parser);
  if (*parser->p == '"')
    return parse_string (parser);
  if (accept (parser, "("))
    {
      Node *inner = parse_or (parser);

      if (inner != NULL && !accept (parser, ")"))
        {
          fail (parser, "expected “)”");
          node_free (inner);
          return NULL;
        }
      return inner;
    }
  return parse_call_or_name (parser);
}

static Node *
parse_unary (Parser *parser)
{
  if (++parser->depth > MAX_DEPTH)
    {
      fail (parser, "the formula is nested too deeply");
      return NULL;
    }
  if (++parser->operands > MAX_OPERANDS)
    {
      g_autofree char *message = g_strdup_printf ("the formula is too long (more than %d terms)",
                                                  MAX_OPERANDS);
      fail (parser, message);
      return NULL;
    }

  if (accept (parser, "-"))
    {
      Node *operand = parse_unary (parser);
      Node *node;

      if (operand == NULL)
        return NULL;
      node = node_new (NODE_UNARY);
      node->op = OP_NEG;
      g_ptr_array_add (node->children, operand);
      parser->depth--;
      return node;
    }

  {
    Node *node = parse_primary (parser);
    parser->depth--;
    return node;
  }
}

typedef Node *(*ParseFunc) (Parser *parser);

typedef struct
{
  const char *token;
  Operator    op;
} OperatorToken;

/* One level of left-associative binary operators: operand (op operand)*. */
static Node *
parse_left_associative (Parser              *parser,
                        ParseFunc            operand,
                        const OperatorToken *tokens,
                        guint                n_tokens)
{
  Node *left = operand (parser);

  while (left != NULL)
    {
      guint i = 0;
      Node *right;

      while (i < n_tokens && !accept (parser, tokens[i].token))
        i++;
      if (i == n_tokens)
        break;
      right = operand (parser);
      if (right == NULL)
        {
          node_free (left);
          return NULL;
        }
      left = binary (tokens[i].op, left, right);
    }
  return left;
}

static Node *
parse_product (Parser *parser)
{
  static const OperatorToken tokens[] = { { "*", OP_MUL }, { "/", OP_DIV } };

  return parse_left_associative (parser, parse_unary, tokens, G_N_ELEMENTS (tokens));
}

static Node *
parse_sum (Parser *parser)
{
  static const OperatorToken tokens[] = { { "+", OP_ADD }, { "-", OP_SUB } };

  return parse_left_associative (parser, parse_product, tokens, G_N_ELEMENTS (tokens));
}

static Node *
parse_comparison (Parser *parser)
{
  static const struct { const char *token; Operator op; } comparisons[] = {
    { "<=", OP_LE }, { ">=", OP_GE }, { "==", OP_EQ }, { "!=", OP_NE }, { "<", OP_LT }, { ">", OP_GT },
  };
  Node *left = parse_sum (parser);

  if (left == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
    {
      if (accept (parser, comparisons[i].token))
        {
          Node *right = parse_sum (parser);

          if (right == NULL)
            {
              node_free (left);
              return NULL;
            }
          return binary (comparisons[i].op, left, right);
        }
    }
  return left;
}

static Node *
parse_not (Parser *parser)
{
  if (accept (parser, "not"))
    {
      Node *operand;
      Node *node;

      if (++parser->depth > MAX_DEPTH)
        {
          fail (parser, "the formula is nested too deeply");
          return NULL;
        }
      operand = parse_not (parser);
      parser->depth--;
      if (operand == NULL)
        return NULL;
      node = node_new (NODE_UNARY);
      node->op = OP_NOT;
      g_ptr_array_add (node->children, operand);
      return node;
    }
  return parse_comparison (parser);
}

static Node *
parse_and (Parser *parser)
{
  static const OperatorToken tokens[] = { { "and", OP_AND } };

  return parse_left_associative (parser, parse_not, tokens, G_N_ELEMENTS (tokens));
}

static Node *
parse_or (Parser *parser)
{
  static const OperatorToken tokens[] = { { "or", OP_OR } };
  Node *node;

  if (++parser->depth > MAX_DEPTH)
    {
      fail (parser, "the formula is nested too deeply");
      return NULL;
    }
  node = parse_left_associative (parser, parse_and, tokens, G_N_ELEMENTS (tokens));
  parser->depth--;
  return node;
}

ShenbaoExpr *
shenbao_expr_parse (const char *source,
                    GError    **error)
{
  Parser parser = { source, source, error, 0, 0 };
  g_autofree char *trimmed = NULL;
  Node *root;
  ShenbaoExpr *expr;

  g_return_val_if_fail (source != NULL, NULL);

  /* Columns in messages count characters, which only UTF-8 text has (found by fuzz-expr: the
   * quoting of a long formula read past the end of one that was not). */
  if (!g_utf8_validate (source, -1, NULL))
    {
      g_set_error_literal (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_SYNTAX,
                           "the formula is not UTF-8 text");
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (source));
  parser.source = parser.p = trimmed;
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_SYNTAX, "the formula is empty");
      return NULL;
    }

  root = parse_or (&parser);
  if (root == NULL)
    return NULL;

  skip_space (&parser);
  if (*parser.p != '\0')
    {
      fail (&parser, "unexpected text after the end of the formula");
      node_free (root);
      return NULL;
    }

  expr = g_new0 (ShenbaoExpr, 1);
  expr->source = g_steal_pointer (&trimmed);
  expr->root = root;
  return expr;
}

void
shenbao_expr_free (ShenbaoExpr *expr)
{
  if (expr == NULL)
    return;
  node_free (expr->root);
  g_free (expr->source);
  g_free (expr);
}

const char *
shenbao_expr_get_source (ShenbaoExpr *expr)
{
  return expr->source;
}

gboolean
shenbao_expr_is_literal (ShenbaoExpr *expr)
{
  return expr->root->kind == NODE_NUMBER;
}

/* ------------------------------------------------------------------ checking */

typedef struct
{
  ShenbaoTypeLookupFunc lookup;
  gpointer              user_data;
  const char           *list_scope;
  const char           *source;
  GError              **error;
} Checker;

static gboolean
check_fail (Checker         *checker,
            ShenbaoExprError code,
            const char      *format,
            ...) G_GNUC_PRINTF (3, 4);

static gboolean
check_fail (Checker         *checker,
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

static const char *
type_name (ShenbaoValueType type)
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

static gboolean check_node (Checker *checker, Node *node, ShenbaoExprType *type);

static gboolean
expect_type (Checker          *checker,
             Node             *node,
             ShenbaoValueType  expected,
             ShenbaoExprType  *type)
{
  if (!check_node (checker, node, type))
    return FALSE;
  if (type->type != expected)
    return check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "expected %s, found %s",
                       type_name (expected), type_name (type->type));
  return TRUE;
}

/* Addition, comparison, min and max need the same unit on both sides, unless one is a bare
 * literal, which takes the other's. */
static gboolean
unify_units (Checker               *checker,
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

      return check_fail (checker, SHENBAO_EXPR_ERROR_UNIT, "units do not match in %s: %s and %s",
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

  if (!check_node (checker, child (node, 0), &left) || !check_node (checker, child (node, 1), &right))
    return FALSE;
  if (left.type != right.type)
    return check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "cannot compare %s with %s",
                       type_name (left.type), type_name (right.type));
  if (left.type == SHENBAO_VALUE_LIST)
    return check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "a list cannot be compared");
  if ((left.type == SHENBAO_VALUE_STRING || left.type == SHENBAO_VALUE_BOOL)
      && node->op != OP_EQ && node->op != OP_NE)
    return check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "%s can only be compared with == or !=",
                       type_name (left.type));
  if (!unify_units (checker, &left, &right, "a comparison", &unified))
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
      if (!expect_type (checker, child (node, 0), SHENBAO_VALUE_BOOL, &left)
          || !expect_type (checker, child (node, 1), SHENBAO_VALUE_BOOL, &right))
        return FALSE;
      *type = left;
      return TRUE;

    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
      return check_comparable (checker, node, type);

    case OP_ADD:
    case OP_SUB:
      if (!expect_type (checker, child (node, 0), SHENBAO_VALUE_NUMBER, &left)
          || !expect_type (checker, child (node, 1), SHENBAO_VALUE_NUMBER, &right))
        return FALSE;
      return unify_units (checker, &left, &right, node->op == OP_ADD ? "a sum" : "a difference", type);

    case OP_MUL:
    case OP_DIV:
      if (!expect_type (checker, child (node, 0), SHENBAO_VALUE_NUMBER, &left)
          || !expect_type (checker, child (node, 1), SHENBAO_VALUE_NUMBER, &right))
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

static gboolean
check_list_call (Checker         *checker,
                 Node            *node,
                 ShenbaoExprType *type)
{
  Node *list;
  ShenbaoExprType list_type, body_type;
  const char *saved_scope = checker->list_scope;
  gboolean is_sum = g_str_equal (node->text, "sum");
  gboolean ok;

  /* The count first: "count()" has no first argument to look at (found by fuzz-expr). */
  if (node->children->len != 2 || (list = child (node, 0))->kind != NODE_NAME)
    return check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "%s() takes a list field and a formula",
                       node->text);
  if (!expect_type (checker, list, SHENBAO_VALUE_LIST, &list_type))
    return FALSE;

  checker->list_scope = list->text;
  ok = expect_type (checker, child (node, 1), is_sum ? SHENBAO_VALUE_NUMBER : SHENBAO_VALUE_BOOL,
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
check_call (Checker         *checker,
            Node            *node,
            ShenbaoExprType *type)
{
  const char *name = node->text;
  guint n = node->children->len;

  if (g_str_equal (name, "min") || g_str_equal (name, "max"))
    {
      if (n < 1)
        return check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "%s() needs at least one value", name);
      if (!expect_type (checker, child (node, 0), SHENBAO_VALUE_NUMBER, type))
        return FALSE;
      for (guint i = 1; i < n; i++)
        {
          ShenbaoExprType other, merged;

          if (!expect_type (checker, child (node, i), SHENBAO_VALUE_NUMBER, &other)
              || !unify_units (checker, type, &other, name, &merged))
            return FALSE;
          *type = merged;
        }
      return TRUE;
    }

  if (g_str_equal (name, "if"))
    {
      ShenbaoExprType condition, when_true, when_false;

      if (n != 3)
        return check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "if() takes a condition and two values");
      if (!expect_type (checker, child (node, 0), SHENBAO_VALUE_BOOL, &condition)
          || !check_node (checker, child (node, 1), &when_true)
          || !check_node (checker, child (node, 2), &when_false))
        return FALSE;
      if (when_true.type != when_false.type)
        return check_fail (checker, SHENBAO_EXPR_ERROR_TYPE, "the two values of if() are %s and %s",
                           type_name (when_true.type), type_name (when_false.type));
      return unify_units (checker, &when_true, &when_false, "if()", type);
    }

  if (g_str_equal (name, "sum") || g_str_equal (name, "count"))
    return check_list_call (checker, node, type);

  if (g_str_equal (name, "given"))
    {
      ShenbaoExprType ignored;

      if (n != 1 || child (node, 0)->kind != NODE_NAME)
        return check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "given() takes one name");
      if (!check_node (checker, child (node, 0), &ignored))
        return FALSE;
      *type = (ShenbaoExprType) { SHENBAO_VALUE_BOOL, { { 0 } }, FALSE };
      return TRUE;
    }

  if (g_str_equal (name, "date"))
    {
      GDate date;
      g_autoptr(GError) date_error = NULL;

      if (n != 1 || child (node, 0)->kind != NODE_STRING)
        return check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "date() takes a text such as \"2024-01-01\"");
      /* The same strict reader as for fields: g_date_set_parse guesses, and by the locale. */
      if (!shenbao_date_parse (child (node, 0)->text, &date, &date_error))
        return check_fail (checker, SHENBAO_EXPR_ERROR_SYNTAX, "%s", date_error->message);
      *type = (ShenbaoExprType) { SHENBAO_VALUE_DATE, { { 0 } }, FALSE };
      return TRUE;
    }

  return check_fail (checker, SHENBAO_EXPR_ERROR_UNKNOWN_NAME,
                     "unknown function “%s” (known: min, max, if, sum, count, given, date)", name);
}

static gboolean
check_node (Checker         *checker,
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
        return check_fail (checker, SHENBAO_EXPR_ERROR_UNKNOWN_NAME, "unknown name “%s”", node->text);
      type->free_unit = FALSE;
      return TRUE;
    case NODE_UNARY:
      if (node->op == OP_NOT)
        return expect_type (checker, child (node, 0), SHENBAO_VALUE_BOOL, type);
      return expect_type (checker, child (node, 0), SHENBAO_VALUE_NUMBER, type);
    case NODE_BINARY:
      return check_binary (checker, node, type);
    case NODE_CALL:
      return check_call (checker, node, type);
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

  return check_node (&checker, expr->root, type != NULL ? type : &ignored);
}

static void
collect_names (Node      *node,
               GPtrArray *names,
               gboolean   in_list)
{
  if (node->kind == NODE_NAME && !in_list)
    {
      for (guint i = 0; i < names->len; i++)
        if (g_str_equal (g_ptr_array_index (names, i), node->text))
          return;
      g_ptr_array_add (names, g_strdup (node->text));
      return;
    }

  for (guint i = 0; i < node->children->len; i++)
    {
      gboolean list_body = node->kind == NODE_CALL && i == 1
                           && (g_str_equal (node->text, "sum") || g_str_equal (node->text, "count"));

      collect_names (child (node, i), names, in_list || list_body);
    }
}

/* The names a formula reads, outside the bodies of sum() and count() where column names are in
 * scope. The caller owns the array and its strings. */
void
shenbao_expr_collect_names (ShenbaoExpr *expr,
                            GPtrArray   *names)
{
  collect_names (expr->root, names, FALSE);
}

/* ------------------------------------------------------------------ evaluation */

static ShenbaoValue
number_value (ShenbaoDecimal number,
              ShenbaoUnit    unit)
{
  ShenbaoValue value = { 0 };

  value.type = SHENBAO_VALUE_NUMBER;
  value.number = number;
  value.unit = unit;
  return value;
}

static ShenbaoValue
bool_value (gboolean b)
{
  ShenbaoValue value = { 0 };

  value.type = SHENBAO_VALUE_BOOL;
  value.boolean = b;
  return value;
}

static gboolean
overflow (ShenbaoExpr *expr,
          GError     **error)
{
  g_set_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
               "formula “%s”: the amount is too large to compute exactly", expr->source);
  return FALSE;
}

static void
note_missing (ShenbaoEvalContext *context,
              const char         *name)
{
  if (context->missing == NULL)
    return;
  for (guint i = 0; i < context->missing->len; i++)
    if (g_str_equal (g_ptr_array_index (context->missing, i), name))
      return;
  g_ptr_array_add (context->missing, g_strdup (name));
}

static gboolean eval_node (ShenbaoExpr *expr, Node *node, ShenbaoEvalContext *context,
                           ShenbaoValue *out, GError **error);

static const ShenbaoValue *
lookup_name (ShenbaoEvalContext *context,
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
  if (!eval_node (expr, child (node, 0), context, &left, error)
      || !eval_node (expr, child (node, 1), context, &right, error))
    return FALSE;
  if ((left.type == SHENBAO_VALUE_BOOL && left.boolean == deciding)
      || (right.type == SHENBAO_VALUE_BOOL && right.boolean == deciding))
    *out = bool_value (deciding);
  else if (left.type == SHENBAO_VALUE_MISSING || right.type == SHENBAO_VALUE_MISSING)
    out->type = SHENBAO_VALUE_MISSING;
  else
    *out = bool_value (!deciding);
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

  if (!eval_node (expr, child (node, 0), context, &left, error)
      || !eval_node (expr, child (node, 1), context, &right, error))
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
        return overflow (expr, error);
      *out = number_value (result, unit);
      return TRUE;
    case OP_SUB:
      if (!shenbao_decimal_sub (left.number, right.number, &result))
        return overflow (expr, error);
      *out = number_value (result, unit);
      return TRUE;
    case OP_MUL:
      if (!shenbao_decimal_mul (left.number, right.number, &result))
        return overflow (expr, error);
      *out = number_value (result, shenbao_unit_combine (&left.unit, &right.unit, 1));
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
        *out = number_value (result, shenbao_unit_combine (&left.unit, &right.unit, -1));
        return TRUE;
      }
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
      cmp = compare_values (&left, &right);
      *out = bool_value (node->op == OP_LT ? cmp < 0
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

      if (!eval_node (expr, child (node, i), context, &value, error))
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
          *out = value;
          out->unit = kept;
          out->percent = FALSE;
        }
      else if (shenbao_unit_is_none (&out->unit))
        out->unit = value.unit;
    }
  if (missing)
    out->type = SHENBAO_VALUE_MISSING;
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
  const ShenbaoValue *list = lookup_name (context, child (node, 0)->text);
  GHashTable *saved_row = context->row;
  ShenbaoDecimal total = { 0 };
  ShenbaoUnit unit = { { 0 } };
  gboolean missing = FALSE;

  memset (out, 0, sizeof *out);
  if (list == NULL || list->type != SHENBAO_VALUE_LIST)
    {
      note_missing (context, child (node, 0)->text);
      return TRUE;
    }

  for (guint i = 0; list->rows != NULL && i < list->rows->len; i++)
    {
      ShenbaoValue value;
      gboolean ok;

      context->row = g_ptr_array_index (list->rows, i);
      ok = eval_node (expr, child (node, 1), context, &value, error);
      context->row = saved_row;
      if (!ok)
        return FALSE;

      if (value.type == SHENBAO_VALUE_MISSING)
        missing = TRUE;
      else if (is_sum)
        {
          if (!shenbao_decimal_add (total, value.number, &total))
            return overflow (expr, error);
          if (!shenbao_unit_is_none (&value.unit))
            unit = value.unit;
        }
      else if (value.boolean)
        total.micros += SHENBAO_DECIMAL_SCALE;
    }

  if (!missing)
    *out = number_value (total, unit);
  return TRUE;
}

static gboolean
eval_call (ShenbaoExpr        *expr,
           Node               *node,
           ShenbaoEvalContext *context,
           ShenbaoValue       *out,
           GError            **error)
{
  const char *name = node->text;

  if (g_str_equal (name, "min") || g_str_equal (name, "max"))
    return eval_extremum (expr, node, context, out, error);

  if (g_str_equal (name, "if"))
    {
      ShenbaoValue condition;

      if (!eval_node (expr, child (node, 0), context, &condition, error))
        return FALSE;
      if (condition.type == SHENBAO_VALUE_MISSING)
        {
          memset (out, 0, sizeof *out);
          return TRUE;
        }
      return eval_node (expr, child (node, condition.boolean ? 1 : 2), context, out, error);
    }

  if (g_str_equal (name, "sum") || g_str_equal (name, "count"))
    return eval_list (expr, node, context, out, error);

  if (g_str_equal (name, "given"))
    {
      const ShenbaoValue *value = lookup_name (context, child (node, 0)->text);

      *out = bool_value (value != NULL && value->type != SHENBAO_VALUE_MISSING);
      return TRUE;
    }

  if (g_str_equal (name, "date"))
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

  g_set_error (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_UNKNOWN_NAME,
               "formula “%s”: unknown function “%s”", expr->source, name);
  return FALSE;
}

static gboolean
eval_node (ShenbaoExpr        *expr,
           Node               *node,
           ShenbaoEvalContext *context,
           ShenbaoValue       *out,
           GError            **error)
{
  memset (out, 0, sizeof *out);

  switch (node->kind)
    {
    case NODE_NUMBER:
      *out = number_value (node->number, node->unit);
      return TRUE;
    case NODE_STRING:
      out->type = SHENBAO_VALUE_STRING;
      out->string = node->text;
      return TRUE;
    case NODE_BOOL:
      *out = bool_value (node->boolean);
      return TRUE;
    case NODE_NAME:
      {
        const ShenbaoValue *value = lookup_name (context, node->text);

        if (value == NULL || value->type == SHENBAO_VALUE_MISSING)
          {
            note_missing (context, node->text);
            return TRUE;
          }
        *out = *value;
        return TRUE;
      }
    case NODE_UNARY:
      if (!eval_node (expr, child (node, 0), context, out, error))
        return FALSE;
      if (out->type == SHENBAO_VALUE_BOOL)
        out->boolean = !out->boolean;
      else if (out->type == SHENBAO_VALUE_NUMBER)
        {
          if (out->number.micros == G_MININT64)
            return overflow (expr, error);
          out->number.micros = -out->number.micros;
        }
      return TRUE;
    case NODE_BINARY:
      return eval_binary (expr, node, context, out, error);
    case NODE_CALL:
      return eval_call (expr, node, context, out, error);
    default:
      g_assert_not_reached ();
    }
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

  return eval_node (expr, expr->root, context, result, error);
}

/* ------------------------------------------------------------------ rendering */

typedef struct
{
  ShenbaoLabelFunc    label;
  gpointer            user_data;
  ShenbaoEvalContext *context;   /* set: names show their values */
  ShenbaoExpr        *expr;
  gboolean            chinese;
} Renderer;

static int
precedence (Node *node)
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

static void render_node (Renderer *renderer, Node *node, GString *out);

static void
render_operand (Renderer *renderer,
                Node     *operand,
                int       parent_precedence,
                gboolean  right_side,
                GString  *out)
{
  int own = precedence (operand);
  gboolean parens = own < parent_precedence || (right_side && own == parent_precedence);

  if (parens)
    g_string_append_c (out, '(');
  render_node (renderer, operand, out);
  if (parens)
    g_string_append_c (out, ')');
}

static void
render_value (const ShenbaoValue *value,
              GString            *out)
{
  g_autofree char *text = shenbao_value_format (value);

  if (value->type == SHENBAO_VALUE_STRING)
    g_string_append_printf (out, "“%s”", text);
  else
    g_string_append (out, text);
}

static void
render_list_call_values (Renderer *renderer,
                         Node     *node,
                         GString  *out)
{
  const ShenbaoValue *list = lookup_name (renderer->context, child (node, 0)->text);
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
      if (eval_node (renderer->expr, child (node, 1), renderer->context, &value, NULL))
        render_value (&value, out);
      else
        g_string_append (out, "?");
    }
  renderer->context->row = saved_row;
  g_string_append (out, ")");
}

static void
render_node (Renderer *renderer,
             Node     *node,
             GString  *out)
{
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
          const ShenbaoValue *value = lookup_name (renderer->context, node->text);
          if (value != NULL)
            render_value (value, out);
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
      render_operand (renderer, child (node, 0), precedence (node), FALSE, out);
      break;
    case NODE_BINARY:
      render_operand (renderer, child (node, 0), precedence (node), FALSE, out);
      g_string_append_printf (out, " %s ", (renderer->chinese ? operator_symbols_zh : operator_symbols)[node->op]);
      render_operand (renderer, child (node, 1), precedence (node), TRUE, out);
      break;
    case NODE_CALL:
      if (renderer->context != NULL
          && (g_str_equal (node->text, "sum") || g_str_equal (node->text, "count")))
        {
          render_list_call_values (renderer, node, out);
          break;
        }
      if (renderer->context != NULL && g_str_equal (node->text, "given"))
        {
          ShenbaoValue value;
          if (eval_node (renderer->expr, node, renderer->context, &value, NULL))
            render_value (&value, out);
          break;
        }
      g_string_append_printf (out, "%s(", node->text);
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          render_node (renderer, child (node, i), out);
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

  render_node (&renderer, expr->root, out);
  return g_string_free (out, FALSE);
}

/* The same formula with every name replaced by its value: "20 × 9,000 × 9". */
char *
shenbao_expr_render_values (ShenbaoExpr        *expr,
                            ShenbaoEvalContext *context)
{
  Renderer renderer = { NULL, NULL, context, expr, FALSE };
  GString *out = g_string_new (NULL);

  render_node (&renderer, expr->root, out);
  return g_string_free (out, FALSE);
}
