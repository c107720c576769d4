/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-value.h"

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

typedef struct
{
  ShenbaoValueLookupFunc lookup;
  gpointer               user_data;
  GHashTable            *row;       /* the current row inside sum() and count() */
  GPtrArray             *missing;   /* names that had no value (no duplicates) */
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoExpr, shenbao_expr_free)

G_END_DECLS
