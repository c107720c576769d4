/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shenbao-policy.h"

G_BEGIN_DECLS

#define SHENBAO_POLICY_SET_ERROR (shenbao_policy_set_error_quark ())

typedef enum
{
  SHENBAO_POLICY_SET_ERROR_NOT_FOUND,
  SHENBAO_POLICY_SET_ERROR_UNKNOWN_NAME,
  SHENBAO_POLICY_SET_ERROR_INVALID,
} ShenbaoPolicySetError;

#define SHENBAO_TYPE_POLICY_SET (shenbao_policy_set_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoPolicySet, shenbao_policy_set, SHENBAO, POLICY_SET, GObject)

GQuark            shenbao_policy_set_error_quark        (void);
ShenbaoPolicySet *shenbao_policy_set_new                (const char        *schema_dir,
                                                         GError           **error);
ShenbaoPolicySet *shenbao_policy_set_new_default        (GError           **error);
void              shenbao_policy_set_load_directory     (ShenbaoPolicySet  *self,
                                                         const char        *directory);
ShenbaoPolicy    *shenbao_policy_set_read_file          (ShenbaoPolicySet  *self,
                                                         const char        *path,
                                                         GPtrArray         *problems);
GPtrArray        *shenbao_policy_set_read_facts_file    (ShenbaoPolicySet  *self,
                                                         const char        *path,
                                                         GPtrArray         *problems);
void              shenbao_policy_set_replace_facts      (ShenbaoPolicySet  *self,
                                                         GPtrArray         *facts);
gboolean          shenbao_policy_set_is_facts_file      (const char        *path);
GPtrArray        *shenbao_policy_set_get_policies       (ShenbaoPolicySet  *self);
GPtrArray        *shenbao_policy_set_list_headers       (ShenbaoPolicySet  *self);
ShenbaoPolicy    *shenbao_policy_set_lookup_header      (ShenbaoPolicySet  *self,
                                                         const char        *policy_id);
ShenbaoPolicy    *shenbao_policy_set_lookup             (ShenbaoPolicySet  *self,
                                                         const char        *policy_id);
GPtrArray        *shenbao_policy_set_get_facts          (ShenbaoPolicySet  *self);
ShenbaoField     *shenbao_policy_set_find_fact          (ShenbaoPolicySet  *self,
                                                         const char        *fact_id);
GPtrArray        *shenbao_policy_set_get_problems       (ShenbaoPolicySet  *self);
gboolean          shenbao_policy_set_resolve_name       (ShenbaoPolicySet  *self,
                                                         ShenbaoPolicy     *policy,
                                                         const char        *name,
                                                         char             **key,
                                                         ShenbaoField     **field,
                                                         GError           **error);

G_END_DECLS
