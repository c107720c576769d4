/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shenbao-checklist.h"
#include "shenbao-engine.h"
#include "shenbao-policy-set.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

/* One subsidy application: a company's facts, the policy chosen, the clauses claimed and their
 * fields. Every change is written to the storage at once, as typed, so nothing is lost; what
 * parses feeds the engine, what does not carries its error for the field. */
#define SHENBAO_TYPE_APPLICATION (shenbao_application_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoApplication, shenbao_application, SHENBAO, APPLICATION, GObject)

typedef enum
{
  SHENBAO_PROBLEM_FIELD,          /* a value invalid or still needed: key and field are set */
  SHENBAO_PROBLEM_NO_POLICY,
  SHENBAO_PROBLEM_NOTHING_CLAIMED,
  SHENBAO_PROBLEM_NOT_APPLICABLE, /* a claimed clause whose conditions are not met */
  SHENBAO_PROBLEM_SAME_MATTER,    /* a same-matter question not yet answered */
  SHENBAO_PROBLEM_ATTACHMENT,     /* a required attachment missing, changed or gone: key is set */
  SHENBAO_PROBLEM_COMPUTATION,    /* an amount that could not be computed exactly */
} ShenbaoProblemKind;

/* Where a problem is fixed: the names of the wizard's pages. */
#define SHENBAO_PAGE_COMPANY  "company"
#define SHENBAO_PAGE_POLICIES "policies"
#define SHENBAO_PAGE_CLAUSES  "clauses"
#define SHENBAO_PAGE_MATERIALS "materials"
#define SHENBAO_PAGE_REVIEW   "review"
#define SHENBAO_PAGE_CLAUSE_PREFIX "clause:"

typedef struct
{
  ShenbaoProblemKind  kind;
  char               *key;       /* input key of the field, or NULL */
  ShenbaoField       *field;     /* not owned, or NULL */
  char               *clause_id; /* full id of the clause it concerns, or NULL */
  char               *page;      /* the page where it is fixed */
  char               *message;   /* what is wrong, in the UI's language */
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
ShenbaoStorage       *shenbao_application_get_storage      (ShenbaoApplication *self);
ShenbaoInputs        *shenbao_application_get_inputs       (ShenbaoApplication *self);

const char           *shenbao_application_get_text         (ShenbaoApplication *self,
                                                            const char         *key);
const char           *shenbao_application_get_error        (ShenbaoApplication *self,
                                                            const char         *key);
gboolean              shenbao_application_has_unsaved      (ShenbaoApplication *self);
gboolean              shenbao_application_set_text         (ShenbaoApplication *self,
                                                            ShenbaoField       *field,
                                                            const char         *text,
                                                            GError            **error);

ShenbaoChecklist     *shenbao_application_get_checklist    (ShenbaoApplication *self);
GHashTable           *shenbao_application_get_texts        (ShenbaoApplication *self);
gboolean              shenbao_application_get_as_of        (ShenbaoApplication *self,
                                                            GDate              *as_of);
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
ShenbaoSameMatter     shenbao_application_get_same_matter  (ShenbaoApplication *self,
                                                            const char         *clause_a,
                                                            const char         *clause_b);
gboolean              shenbao_application_set_same_matter  (ShenbaoApplication *self,
                                                            const char         *clause_a,
                                                            const char         *clause_b,
                                                            ShenbaoSameMatter   answer,
                                                            GError            **error);
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
gboolean              shenbao_application_is_ready         (ShenbaoApplication *self);
char                 *shenbao_application_field_page       (ShenbaoApplication *self,
                                                            ShenbaoField       *field,
                                                            const char         *clause_id);
gboolean              shenbao_clause_page_shows_field      (ShenbaoClause      *clause,
                                                            ShenbaoPolicySet   *policies,
                                                            ShenbaoField       *field);

/* The summary state saved for the start page: "ready", or "problems:N". */
char                 *shenbao_application_summary_state    (guint               n_problems);
gboolean              shenbao_application_parse_summary_state (const char      *state,
                                                            guint              *n_problems);

G_END_DECLS
