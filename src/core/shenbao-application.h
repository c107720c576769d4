/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shenbao-engine.h"
#include "shenbao-policy-set.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

/* One subsidy application: a company's facts, the policy chosen, the clauses claimed and their
 * fields. Every change is written to the storage at once, as typed, so nothing is lost; what
 * parses feeds the engine, what does not carries its error for the field. */
#define SHENBAO_TYPE_APPLICATION (shenbao_application_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoApplication, shenbao_application, SHENBAO, APPLICATION, GObject)

typedef struct
{
  char         *key;       /* input key of the field */
  ShenbaoField *field;     /* not owned */
  char         *clause_id; /* the clause it belongs to, or NULL for a company fact */
  char         *message;   /* what is wrong, in the UI's language */
} ShenbaoProblem;

void                  shenbao_problem_free                 (ShenbaoProblem *problem);

ShenbaoApplication   *shenbao_application_create           (ShenbaoStorage     *storage,
                                                            ShenbaoPolicySet   *policies,
                                                            gint64              company_id,
                                                            GError            **error);
ShenbaoApplication   *shenbao_application_load             (ShenbaoStorage     *storage,
                                                            ShenbaoPolicySet   *policies,
                                                            gint64              application_id,
                                                            GError            **error);
gint64                shenbao_application_get_id           (ShenbaoApplication *self);
gint64                shenbao_application_get_company_id   (ShenbaoApplication *self);
ShenbaoPolicySet     *shenbao_application_get_policies     (ShenbaoApplication *self);
ShenbaoInputs        *shenbao_application_get_inputs       (ShenbaoApplication *self);

const char           *shenbao_application_get_text         (ShenbaoApplication *self,
                                                            const char         *key);
const char           *shenbao_application_get_error        (ShenbaoApplication *self,
                                                            const char         *key);
gboolean              shenbao_application_set_text         (ShenbaoApplication *self,
                                                            ShenbaoField       *field,
                                                            const char         *text,
                                                            GError            **error);

ShenbaoPolicy        *shenbao_application_get_policy       (ShenbaoApplication *self);
gboolean              shenbao_application_set_policy       (ShenbaoApplication *self,
                                                            const char         *policy_id,
                                                            GError            **error);
gboolean              shenbao_application_get_clause_chosen (ShenbaoApplication *self,
                                                            const char         *clause_id);
gboolean              shenbao_application_set_clause_chosen (ShenbaoApplication *self,
                                                            const char         *clause_id,
                                                            gboolean            chosen,
                                                            GError            **error);
GPtrArray            *shenbao_application_list_chosen      (ShenbaoApplication *self);
const char           *shenbao_application_get_page         (ShenbaoApplication *self);
gboolean              shenbao_application_set_page         (ShenbaoApplication *self,
                                                            const char         *page,
                                                            GError            **error);

void                  shenbao_application_set_as_of        (ShenbaoApplication *self,
                                                            const GDate        *as_of);
ShenbaoPolicyResult  *shenbao_application_get_result       (ShenbaoApplication *self);
ShenbaoPolicyResult  *shenbao_application_estimate         (ShenbaoApplication *self,
                                                            ShenbaoPolicy      *policy);
GPtrArray            *shenbao_application_list_problems    (ShenbaoApplication *self,
                                                            gboolean            chinese);

G_END_DECLS
