/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-expr"

#include "config.h"

#include <string.h>

#include "shenbao-expr-private.h"
#include "shenbao-parse.h"

G_DEFINE_QUARK (shenbao-expr-error-quark, shenbao_expr_error)

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
 * chain of 50,000 "+1" would expr_overflow the stack. Bounding the operands bounds the tree: no policy
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

  /* Messages quote the formula by characters; bytes that are not UTF-8 would be read past the
   * end (found by fuzz-expr). */
  if (!g_utf8_validate (source, -1, NULL))
    {
      g_set_error_literal (error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_SYNTAX, "the formula is not valid UTF-8 text");
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
                           && shenbao_expr_builtin_binds_list (node->text);

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
