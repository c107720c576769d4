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

/* One line of a worksheet, as the engine worked it out; shenbao-worksheet.c puts it in words. */
typedef enum
{
  SHENBAO_WORK_FIGURE,        /* a value worked out from the inputs: trace, result */
  SHENBAO_WORK_TIERS,         /* base (trace, result), the tier reached (or none), the next */
  SHENBAO_WORK_LESS,          /* before − operand = after, never below 0 (晋级差额, amounts paid) */
  SHENBAO_WORK_SCALE,         /* before × operand = after */
  SHENBAO_WORK_CAP,           /* a cap (operand); bound or not; before → after */
  SHENBAO_WORK_ROUND,         /* before (exact) → after, half-up to the fen */
  SHENBAO_WORK_TOP_UP,        /* higher level first: before − operand (paid) = after */
  SHENBAO_WORK_POOL,          /* annual pool: before × operand (factor) = exact → after; budget */
  SHENBAO_WORK_COMBINED_CAP,  /* several clauses' cap (operand): cut by before (bound) or a warning */
  SHENBAO_WORK_SAME_MATTER,   /* dropped for rival: before (own) vs operand (rival's) */
  SHENBAO_WORK_REVIEW,        /* amount on review; operand the maximum when has_operand */
  SHENBAO_WORK_OTHER_POLICY,  /* amount set by another policy */
  SHENBAO_WORK_NON_MONETARY,
  SHENBAO_WORK_ALTERNATIVE,   /* flag: after is the amount under the other reading */
} ShenbaoWorkKind;

typedef enum
{
  SHENBAO_SAME_MATTER_BY_TEXT,      /* the policy text makes them one matter */
  SHENBAO_SAME_MATTER_BY_ANSWER,    /* the user said so */
  SHENBAO_SAME_MATTER_BY_ASSUMPTION /* not answered: estimated as one matter */
} ShenbaoSameMatterWhy;

typedef struct
{
  ShenbaoWorkKind      kind;
  const ShenbaoText   *label;       /* the step's label, or the rule's text (policy wording) */
  ShenbaoTrace        *trace;       /* how the step's formula was worked out, or NULL */
  ShenbaoExpr         *expr;        /* the formula, for policy authors (not owned) */
  ShenbaoValue         result;      /* FIGURE, TIERS: the value worked out (number) */
  ShenbaoDecimal       before;
  ShenbaoDecimal       operand;
  ShenbaoDecimal       after;
  ShenbaoDecimal       exact;       /* POOL: before rounding */
  gboolean             has_before;  /* CAP: there was an amount to hold against it */
  gboolean             has_operand; /* REVIEW: a maximum is known */
  gboolean             bound;       /* CAP, COMBINED_CAP: the amount was reduced; POOL: scaled */
  gboolean             strict;      /* TIERS: 超过 (>) rather than 达到 (≥) */
  int                  tier;        /* TIERS: the tier reached, −1 for none */
  const GArray        *tiers;       /* TIERS: ShenbaoTier, not owned */
  const char          *rival;       /* SAME_MATTER: the clause kept (id) */
  ShenbaoSameMatterWhy why;
  const ShenbaoFlag   *flag;        /* ALTERNATIVE: the ambiguity */
} ShenbaoWorkStep;

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
  GPtrArray            *work;          /* ShenbaoWorkStep: the worksheet, step by step, put in
                                        * words by shenbao-worksheet.h; NULL when computed
                                        * without SHENBAO_COMPUTE_EXPLAIN */
  GPtrArray            *alternatives;  /* ShenbaoWorkStep (ALTERNATIVE): the amount under the
                                        * other reading of each flag that has one */
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
  GDate            as_of;              /* the date the result was computed for */
  gboolean         location_fits;
  GPtrArray       *clauses;            /* ShenbaoClauseResult */
  GPtrArray       *notes;              /* ShenbaoWorkStep: policy-wide lines (soft caps) */
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
