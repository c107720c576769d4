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
#define SHENBAO_TYPE_FILING (shenbao_filing_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoFiling, shenbao_filing, SHENBAO, FILING, GObject)

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

ShenbaoFiling   *shenbao_filing_create           (ShenbaoStorage    *storage,
                                                  ShenbaoPolicySet  *policies,
                                                  gint64             company_id,
                                                  GError           **error);
ShenbaoFiling   *shenbao_filing_load             (ShenbaoStorage    *storage,
                                                  ShenbaoPolicySet  *policies,
                                                  gint64             application_id,
                                                  GError           **error);
gint64                shenbao_filing_get_id           (ShenbaoFiling *self);
gint64                shenbao_filing_get_company_id   (ShenbaoFiling *self);
ShenbaoPolicySet     *shenbao_filing_get_policies     (ShenbaoFiling *self);
ShenbaoStorage       *shenbao_filing_get_storage      (ShenbaoFiling *self);
ShenbaoInputs        *shenbao_filing_get_inputs       (ShenbaoFiling *self);

const char           *shenbao_filing_get_text         (ShenbaoFiling *self,
                                                       const char    *key);
const char           *shenbao_filing_get_error        (ShenbaoFiling *self,
                                                       const char    *key);
gboolean              shenbao_filing_has_unsaved      (ShenbaoFiling *self);
gboolean              shenbao_filing_set_text         (ShenbaoFiling  *self,
                                                       ShenbaoField   *field,
                                                       const char     *text,
                                                       GError        **error);

ShenbaoChecklist     *shenbao_filing_get_checklist    (ShenbaoFiling *self);
GHashTable           *shenbao_filing_get_texts        (ShenbaoFiling *self);
gboolean              shenbao_filing_get_as_of        (ShenbaoFiling *self,
                                                       GDate         *as_of);
ShenbaoPolicy        *shenbao_filing_get_policy       (ShenbaoFiling *self);
gboolean              shenbao_filing_set_policy       (ShenbaoFiling  *self,
                                                       const char     *policy_id,
                                                       GError        **error);
gboolean              shenbao_filing_get_clause_chosen (ShenbaoFiling *self,
                                                        const char    *clause_id);
gboolean              shenbao_filing_set_clause_chosen (ShenbaoFiling  *self,
                                                        const char     *clause_id,
                                                        gboolean        chosen,
                                                        GError        **error);
GPtrArray            *shenbao_filing_list_chosen      (ShenbaoFiling *self);
ShenbaoSameMatter     shenbao_filing_get_same_matter  (ShenbaoFiling *self,
                                                       const char    *clause_a,
                                                       const char    *clause_b);
gboolean              shenbao_filing_set_same_matter  (ShenbaoFiling      *self,
                                                       const char         *clause_a,
                                                       const char         *clause_b,
                                                       ShenbaoSameMatter   answer,
                                                       GError            **error);
const char           *shenbao_filing_get_page         (ShenbaoFiling *self);
gboolean              shenbao_filing_set_page         (ShenbaoFiling  *self,
                                                       const char     *page,
                                                       GError        **error);

void                  shenbao_filing_set_as_of        (ShenbaoFiling *self,
                                                       const GDate   *as_of);
ShenbaoPolicyResult  *shenbao_filing_get_result       (ShenbaoFiling *self);
ShenbaoPolicyResult  *shenbao_filing_estimate         (ShenbaoFiling *self,
                                                       ShenbaoPolicy *policy);
GPtrArray            *shenbao_filing_list_problems    (ShenbaoFiling *self,
                                                       gboolean       chinese);
gboolean              shenbao_filing_is_ready         (ShenbaoFiling *self);
char                 *shenbao_filing_field_page       (ShenbaoFiling *self,
                                                       ShenbaoField  *field,
                                                       const char    *clause_id);
gboolean              shenbao_clause_page_shows_field      (ShenbaoClause      *clause,
                                                            ShenbaoPolicySet   *policies,
                                                            ShenbaoField       *field);

/* The summary state saved for the start page: "ready", or "problems:N". */
char                 *shenbao_filing_summary_state    (guint               n_problems);
gboolean              shenbao_filing_parse_summary_state (const char *state,
                                                          guint      *n_problems);

G_END_DECLS
