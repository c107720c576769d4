/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shenbao-policy.h"

G_BEGIN_DECLS

#define SHENBAO_INPUT_ERROR (shenbao_input_error_quark ())

typedef enum
{
  SHENBAO_INPUT_ERROR_INVALID,
  SHENBAO_INPUT_ERROR_OUT_OF_RANGE,
  SHENBAO_INPUT_ERROR_UNKNOWN_NAME,
} ShenbaoInputError;

#define SHENBAO_TYPE_INPUTS (shenbao_inputs_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoInputs, shenbao_inputs, SHENBAO, INPUTS, GObject)

GQuark               shenbao_input_error_quark   (void);
ShenbaoInputs       *shenbao_inputs_new          (void);
void                 shenbao_inputs_take         (ShenbaoInputs      *self,
                                                  const char         *key,
                                                  ShenbaoValue       *value);
void                 shenbao_inputs_remove       (ShenbaoInputs      *self,
                                                  const char         *key);
const ShenbaoValue  *shenbao_inputs_lookup       (ShenbaoInputs      *self,
                                                  const char         *key);
GPtrArray           *shenbao_inputs_list_keys    (ShenbaoInputs      *self);
const char          *shenbao_inputs_get_registered_region (ShenbaoInputs *self);

ShenbaoValue        *shenbao_field_parse_value   (const ShenbaoField *field,
                                                  const char         *text,
                                                  GError            **error);

GPtrArray           *shenbao_list_text_split     (const char         *text,
                                                  GError            **error);
char                *shenbao_list_text_join      (GPtrArray          *rows);

G_END_DECLS
