/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The formula language's internals, shared by its four passes (parse, check, evaluate, render)
 * and the one table of built-in functions. Nothing outside shenbao-expr-*.c includes this. */

#include "shenbao-expr.h"

G_BEGIN_DECLS

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

static inline Node *
child (Node *node,
       guint index)
{
  return g_ptr_array_index (node->children, index);
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

G_GNUC_INTERNAL gboolean    expr_check_fail  (Checker               *checker,
                                              ShenbaoExprError       code,
                                              const char            *format,
                                              ...) G_GNUC_PRINTF (3, 4);
G_GNUC_INTERNAL const char *expr_type_name   (ShenbaoValueType       type);
G_GNUC_INTERNAL gboolean    expr_check_node  (Checker               *checker,
                                              Node                  *node,
                                              ShenbaoExprType       *type);
G_GNUC_INTERNAL gboolean    expr_expect_type (Checker               *checker,
                                              Node                  *node,
                                              ShenbaoValueType       expected,
                                              ShenbaoExprType       *type);
G_GNUC_INTERNAL gboolean    expr_unify_units (Checker               *checker,
                                              const ShenbaoExprType *a,
                                              const ShenbaoExprType *b,
                                              const char            *what,
                                              ShenbaoExprType       *out);
G_GNUC_INTERNAL gboolean    expr_check_call  (Checker               *checker,
                                              Node                  *node,
                                              ShenbaoExprType       *type);

/* ------------------------------------------------------------------ evaluation */

G_GNUC_INTERNAL ShenbaoValue        expr_number_value (ShenbaoDecimal      number,
                                                       ShenbaoUnit         unit);
G_GNUC_INTERNAL ShenbaoValue        expr_bool_value   (gboolean            b);
G_GNUC_INTERNAL gboolean            expr_overflow     (ShenbaoExpr        *expr,
                                                       GError            **error);
G_GNUC_INTERNAL void                expr_note_missing (ShenbaoEvalContext *context,
                                                       const char         *name);
G_GNUC_INTERNAL const ShenbaoValue *expr_lookup_name  (ShenbaoEvalContext *context,
                                                       const char         *name);
G_GNUC_INTERNAL gboolean            expr_eval_node    (ShenbaoExpr        *expr,
                                                       Node               *node,
                                                       ShenbaoEvalContext *context,
                                                       ShenbaoValue       *out,
                                                       GError            **error);
G_GNUC_INTERNAL gboolean            expr_eval_call    (ShenbaoExpr        *expr,
                                                       Node               *node,
                                                       ShenbaoEvalContext *context,
                                                       ShenbaoValue       *out,
                                                       GError            **error);

/* ------------------------------------------------------------------ rendering */

typedef struct
{
  ShenbaoLabelFunc    label;
  gpointer            user_data;
  ShenbaoEvalContext *context;   /* set: names show their values */
  ShenbaoExpr        *expr;
  gboolean            chinese;
} Renderer;

G_GNUC_INTERNAL extern const char *const expr_operator_symbols[];
G_GNUC_INTERNAL extern const char *const expr_operator_symbols_zh[];

G_GNUC_INTERNAL int  expr_precedence   (Node               *node);
G_GNUC_INTERNAL void expr_render_node  (Renderer           *renderer,
                                        Node               *node,
                                        GString            *out);
G_GNUC_INTERNAL void expr_render_value (const ShenbaoValue *value,
                                        GString            *out);

/* ------------------------------------------------------------------ built-in functions */

/* One row per function: how many arguments it takes, how its type is checked, how it is
 * evaluated, and how it shows with values filled in (NULL: as name(arguments)). */
typedef struct
{
  const char *name;
  guint       min_args;
  guint       max_args;
  const char *usage;        /* said when the arguments do not fit: "takes one name" */
  gboolean    binds_list;   /* the first argument is a list whose columns the second sees */
  gboolean  (*check)         (Checker            *checker,
                              Node               *node,
                              ShenbaoExprType    *type);
  gboolean  (*evaluate)      (ShenbaoExpr        *expr,
                              Node               *node,
                              ShenbaoEvalContext *context,
                              ShenbaoValue       *out,
                              GError            **error);
  void      (*render_values) (Renderer           *renderer,
                              Node               *node,
                              GString            *out);
} ShenbaoExprBuiltin;

G_GNUC_INTERNAL const ShenbaoExprBuiltin *shenbao_expr_builtin_find       (const char *name);
G_GNUC_INTERNAL gboolean                  shenbao_expr_builtin_binds_list (const char *name);

G_END_DECLS
