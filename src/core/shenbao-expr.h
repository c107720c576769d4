/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-value.h"

/* ShenbaoText is defined in shenbao-policy.h, which includes this header. */
typedef struct _ShenbaoText ShenbaoText;

G_BEGIN_DECLS

#define SHENBAO_EXPR_ERROR (shenbao_expr_error_quark ())

typedef enum
{
  SHENBAO_EXPR_ERROR_SYNTAX,
  SHENBAO_EXPR_ERROR_UNKNOWN_NAME,
  SHENBAO_EXPR_ERROR_TYPE,
  SHENBAO_EXPR_ERROR_UNIT,
  SHENBAO_EXPR_ERROR_OVERFLOW,
  SHENBAO_EXPR_ERROR_DIVISION_BY_ZERO,
} ShenbaoExprError;

typedef struct _ShenbaoExpr ShenbaoExpr;

/* What the checker knows of a name or a sub-formula. A bare literal has a free unit: it takes
 * the unit of what it is added to or compared with. */
typedef struct
{
  ShenbaoValueType type;
  ShenbaoUnit      unit;
  gboolean         free_unit;
} ShenbaoExprType;

/* list_scope is the list field whose rows are in scope (inside sum() or count()), or NULL. */
typedef gboolean (*ShenbaoTypeLookupFunc) (const char      *name,
                                           const char      *list_scope,
                                           ShenbaoExprType *type,
                                           gpointer         user_data);

typedef const ShenbaoValue *(*ShenbaoValueLookupFunc) (const char *name,
                                                       gpointer    user_data);

/* How a name reads to a person in an explanation, or NULL to show the name itself. */
typedef char *(*ShenbaoLabelFunc) (const char *name,
                                   gpointer    user_data);

typedef enum
{
  SHENBAO_TRACE_LITERAL,
  SHENBAO_TRACE_NAME,
  SHENBAO_TRACE_UNARY,
  SHENBAO_TRACE_BINARY,
  SHENBAO_TRACE_CALL,
} ShenbaoTraceKind;

/* How one part of a formula was worked out: what it read and what it came to. A worksheet is
 * written from it (shenbao-worksheet.c); the formula language stays out of the words. */
typedef struct _ShenbaoTrace ShenbaoTrace;
struct _ShenbaoTrace
{
  ShenbaoTraceKind  kind;
  const char       *name;        /* a name or a function, borrowed from the formula */
  const char       *symbol_zh;   /* an operator as written in Chinese and in English */
  const char       *symbol_en;
  int               precedence;  /* of an operator, for brackets */
  gboolean          test;        /* a comparison or a logical operator */
  ShenbaoValue      value;       /* what it came to; a string is owned, list rows are not kept */
  guint             n_rows;      /* a list: its rows */
  int               row;         /* inside sum() or count(): the row, from 0; otherwise −1 */
  ShenbaoText      *label;       /* a name: how a person reads it, set by the caller (owned) */
  gboolean          derived;     /* a name: a value worked out in an earlier step */
  GPtrArray        *children;    /* ShenbaoTrace, in the order they were worked out */
};

typedef struct
{
  ShenbaoValueLookupFunc lookup;
  gpointer               user_data;
  GHashTable            *row;       /* the current row inside sum() and count() */
  GPtrArray             *missing;   /* names that had no value (no duplicates) */
  ShenbaoTrace          *trace;     /* set: each part worked out is recorded under it */
  guint                  trace_row; /* the row being worked out inside sum() and count(), from 1 */
} ShenbaoEvalContext;

GQuark       shenbao_expr_error_quark     (void);
ShenbaoExpr *shenbao_expr_parse           (const char            *source,
                                           GError               **error);
void         shenbao_expr_free            (ShenbaoExpr           *expr);
const char  *shenbao_expr_get_source      (ShenbaoExpr           *expr);
gboolean     shenbao_expr_check           (ShenbaoExpr           *expr,
                                           ShenbaoTypeLookupFunc  lookup,
                                           gpointer               user_data,
                                           ShenbaoExprType       *type,
                                           GError               **error);
void         shenbao_expr_collect_names   (ShenbaoExpr           *expr,
                                           GPtrArray             *names);
gboolean     shenbao_expr_evaluate        (ShenbaoExpr           *expr,
                                           ShenbaoEvalContext    *context,
                                           ShenbaoValue          *result,
                                           GError               **error);
char        *shenbao_expr_render          (ShenbaoExpr           *expr,
                                           ShenbaoLabelFunc       label,
                                           gpointer               user_data);
char        *shenbao_expr_render_in       (ShenbaoExpr           *expr,
                                           ShenbaoLabelFunc       label,
                                           gpointer               user_data,
                                           gboolean               chinese);
char        *shenbao_expr_render_values   (ShenbaoExpr           *expr,
                                           ShenbaoEvalContext    *context);
gboolean     shenbao_expr_is_literal      (ShenbaoExpr           *expr);
ShenbaoTrace *shenbao_expr_trace          (ShenbaoExpr           *expr,
                                           ShenbaoEvalContext    *context,
                                           ShenbaoValue          *result,
                                           GError               **error);
void         shenbao_trace_free           (ShenbaoTrace          *trace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoExpr, shenbao_expr_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoTrace, shenbao_trace_free)

G_END_DECLS
