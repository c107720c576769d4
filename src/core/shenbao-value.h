/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-decimal.h"

G_BEGIN_DECLS

/* Dimensions a formula's numbers can carry; a unit is the exponent of each. */
typedef enum
{
  SHENBAO_DIMENSION_YUAN,
  SHENBAO_DIMENSION_M2,
  SHENBAO_DIMENSION_MONTH,
  SHENBAO_DIMENSION_YEAR,
  SHENBAO_DIMENSION_SET,
  SHENBAO_N_DIMENSIONS
} ShenbaoDimension;

typedef struct
{
  gint8 exponents[SHENBAO_N_DIMENSIONS];
} ShenbaoUnit;

typedef enum
{
  SHENBAO_VALUE_MISSING,
  SHENBAO_VALUE_NUMBER,
  SHENBAO_VALUE_BOOL,
  SHENBAO_VALUE_STRING,
  SHENBAO_VALUE_DATE,
  SHENBAO_VALUE_LIST,
} ShenbaoValueType;

/* A value of a fact, a field or a formula. Values owned by inputs own their string and rows;
 * values produced while evaluating borrow them. */
typedef struct
{
  ShenbaoValueType type;
  ShenbaoDecimal   number;
  ShenbaoUnit      unit;
  gboolean         percent;
  gboolean         boolean;
  char            *string;
  gint32           julian_day;
  GPtrArray       *rows;     /* of GHashTable: column id → ShenbaoValue */
} ShenbaoValue;

ShenbaoValue *shenbao_value_new           (ShenbaoValueType    type);
ShenbaoValue *shenbao_value_copy          (const ShenbaoValue *value);
void          shenbao_value_free          (ShenbaoValue       *value);
char         *shenbao_value_format        (const ShenbaoValue *value);
char         *shenbao_value_to_string     (const ShenbaoValue *value);

gboolean      shenbao_unit_parse          (const char         *text,
                                           ShenbaoUnit        *unit,
                                           GError            **error);
gboolean      shenbao_unit_equal          (const ShenbaoUnit  *a,
                                           const ShenbaoUnit  *b);
gboolean      shenbao_unit_is_none        (const ShenbaoUnit  *unit);
gboolean      shenbao_unit_is_yuan        (const ShenbaoUnit  *unit);
ShenbaoUnit   shenbao_unit_yuan           (void);
ShenbaoUnit   shenbao_unit_combine        (const ShenbaoUnit  *a,
                                           const ShenbaoUnit  *b,
                                           int                 sign);
char         *shenbao_unit_to_string      (const ShenbaoUnit  *unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoValue, shenbao_value_free)

G_END_DECLS
