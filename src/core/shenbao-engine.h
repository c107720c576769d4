/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-claim.h"
#include "shenbao-inputs.h"
#include "shenbao-policy.h"
#include "shenbao-policy-set.h"

G_BEGIN_DECLS

typedef enum
{
  SHENBAO_APPLIES_YES,
  SHENBAO_APPLIES_NO,
  SHENBAO_APPLIES_INCOMPLETE,
} ShenbaoApplicability;

typedef struct
{
  ShenbaoClause        *clause;
  ShenbaoApplicability  applies;
  gboolean              claimed;       /* policy-wide rules and totals count claimed clauses only */
  gboolean              has_amount;    /* an amount was computed (or entered, for review) */
  gint64                award_fen;     /* the clause on its own, after top-up */
  gint64                payout_fen;    /* after pools, no-duplication and combined caps */
  gboolean              has_cap;
  gint64                cap_fen;       /* the known maximum, shown for review clauses */
  gboolean              dropped;
  ShenbaoText           dropped_reason;
  GPtrArray            *unmet;         /* ShenbaoText: every condition not met */
  GPtrArray            *missing;       /* ShenbaoField (not owned): inputs still needed */
  GPtrArray            *lines;         /* ShenbaoText: the explanation, step by step; NULL
                                        * when computed without SHENBAO_COMPUTE_EXPLAIN */
  GError               *error;         /* an amount that could not be computed exactly */
} ShenbaoClauseResult;

/* Two claimed clauses that a no-duplication rule may treat as one matter. */
typedef struct
{
  ShenbaoRule         *rule;           /* not owned */
  ShenbaoClauseResult *a;              /* the earlier in the document */
  ShenbaoClauseResult *b;
  ShenbaoSameMatter    answer;         /* SAME when certain */
  gboolean             certain;        /* the policy text leaves no doubt: not asked */
} ShenbaoSameMatterQuestion;

typedef struct
{
  ShenbaoPolicy   *policy;
  ShenbaoValidity  validity;
  int              days_to_expiry;
  gboolean         location_fits;
  GPtrArray       *clauses;            /* ShenbaoClauseResult */
  GPtrArray       *notes;              /* ShenbaoText: policy-wide lines */
  gint64           total_fen;          /* exact amounts */
  gint64           total_up_to_fen;    /* adding the "up to" maxima and amounts told on review */
  GPtrArray       *questions;          /* ShenbaoSameMatterQuestion, over claimed clauses */
  gboolean         assumes_same;       /* an unanswered question was resolved as one matter */
  GError          *error;              /* a total or a rule that could not be computed exactly */
} ShenbaoPolicyResult;

typedef enum
{
  SHENBAO_COMPUTE_AMOUNTS_ONLY = 0,
  SHENBAO_COMPUTE_EXPLAIN      = 1 << 0,
} ShenbaoComputeFlags;

ShenbaoPolicyResult *shenbao_engine_compute           (ShenbaoPolicySet    *set,
                                                       ShenbaoPolicy       *policy,
                                                       ShenbaoInputs       *inputs,
                                                       const GDate         *as_of);
ShenbaoPolicyResult *shenbao_engine_compute_full      (ShenbaoPolicySet    *set,
                                                       ShenbaoPolicy       *policy,
                                                       ShenbaoInputs       *inputs,
                                                       const GDate         *as_of,
                                                       ShenbaoComputeFlags  flags);
ShenbaoPolicyResult *shenbao_engine_compute_claim     (ShenbaoPolicySet    *set,
                                                       ShenbaoPolicy       *policy,
                                                       ShenbaoInputs       *inputs,
                                                       const GDate         *as_of,
                                                       const ShenbaoClaim  *claim,
                                                       ShenbaoComputeFlags  flags);
void                 shenbao_policy_result_free       (ShenbaoPolicyResult *result);
ShenbaoClauseResult *shenbao_policy_result_find       (ShenbaoPolicyResult *result,
                                                       const char          *clause_id);
char                *shenbao_policy_result_explain    (ShenbaoPolicyResult *result,
                                                       gboolean             chinese);
gboolean             shenbao_engine_check_examples    (ShenbaoPolicySet    *set,
                                                       ShenbaoPolicy       *policy,
                                                       GPtrArray           *problems,
                                                       guint               *n_checked);
const char          *shenbao_applicability_to_string  (ShenbaoApplicability applies);

/* The most claimed clauses one chain of same-matter rules may link; beyond it the best choice
 * is not searched for and the result carries an error instead. */
#define SHENBAO_SAME_MATTER_MAX_LINKED 20

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoPolicyResult, shenbao_policy_result_free)

G_END_DECLS
