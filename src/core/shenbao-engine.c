/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-engine"

#include "config.h"

#include <string.h>

#include "shenbao-engine-private.h"

/* The award engine's public calls: a policy's result, clause by clause, then the policy-wide
 * rules over the claimed clauses (shenbao-engine-rules.c). A clause is worked out in
 * shenbao-engine-clause.c; the worksheet's words are in shenbao-worksheet.c. */

/* ------------------------------------------------------------------ texts */

ShenbaoText *
text_new (char *zh,
          char *en)
{
  ShenbaoText *text = g_new0 (ShenbaoText, 1);

  text->zh = zh;
  text->en = en;
  return text;
}

ShenbaoText *
text_copy (const ShenbaoText *source)
{
  return text_new (g_strdup (source->zh), g_strdup (source->en));
}

void
text_free (ShenbaoText *text)
{
  shenbao_text_clear (text);
  g_free (text);
}

/* ------------------------------------------------------------------ results */

ShenbaoClauseResult *
clause_result_new (ShenbaoClause *clause,
                   gboolean       with_explanation)
{
  ShenbaoClauseResult *result = g_new0 (ShenbaoClauseResult, 1);

  result->clause = clause;
  result->unmet = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);
  result->missing = g_ptr_array_new ();
  if (with_explanation)
    result->work = g_ptr_array_new_with_free_func ((GDestroyNotify) work_step_free);
  return result;
}

void
clause_result_free (ShenbaoClauseResult *result)
{
  g_ptr_array_unref (result->unmet);
  g_ptr_array_unref (result->missing);
  g_clear_pointer (&result->work, g_ptr_array_unref);
  g_clear_pointer (&result->alternatives, g_ptr_array_unref);
  shenbao_text_clear (&result->dropped_reason);
  g_clear_error (&result->error);
  g_free (result);
}

void
shenbao_policy_result_free (ShenbaoPolicyResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->questions, g_ptr_array_unref);
  g_ptr_array_unref (result->clauses);
  g_ptr_array_unref (result->notes);
  g_clear_error (&result->error);
  g_clear_object (&result->policy);
  g_free (result);
}

ShenbaoClauseResult *
shenbao_policy_result_find (ShenbaoPolicyResult *result,
                            const char          *clause_id)
{
  for (guint i = 0; i < result->clauses->len; i++)
    {
      ShenbaoClauseResult *clause_result = g_ptr_array_index (result->clauses, i);

      if (g_strcmp0 (clause_result->clause->id, clause_id) == 0
          || g_strcmp0 (clause_result->clause->full_id, clause_id) == 0)
        return clause_result;
    }
  return NULL;
}

const char *
shenbao_applicability_to_string (ShenbaoApplicability applies)
{
  switch (applies)
    {
    case SHENBAO_APPLIES_YES: return "yes";
    case SHENBAO_APPLIES_NO: return "no";
    case SHENBAO_APPLIES_INCOMPLETE: return "incomplete";
    default: g_assert_not_reached ();
    }
}

void
work_step_free (ShenbaoWorkStep *step)
{
  g_clear_pointer (&step->trace, shenbao_trace_free);
  g_free (step);
}

/* work is NULL when the caller asked for amounts only; so is the step returned. */
ShenbaoWorkStep *
work_add (GPtrArray         *work,
          ShenbaoWorkKind    kind,
          const ShenbaoText *label)
{
  ShenbaoWorkStep *step;

  if (work == NULL)
    return NULL;
  step = g_new0 (ShenbaoWorkStep, 1);
  step->kind = kind;
  step->label = label;
  step->tier = -1;
  g_ptr_array_add (work, step);
  return step;
}

ShenbaoPolicyResult *
shenbao_engine_compute (ShenbaoPolicySet *set,
                        ShenbaoPolicy    *policy,
                        ShenbaoInputs    *inputs,
                        const GDate      *as_of)
{
  return shenbao_engine_compute_full (set, policy, inputs, as_of, SHENBAO_COMPUTE_EXPLAIN);
}

/* Every clause claimed, no same-matter question answered. Without SHENBAO_COMPUTE_EXPLAIN every
 * clause's lines are NULL: for estimates shown in lists, where only the amounts are read. */
ShenbaoPolicyResult *
shenbao_engine_compute_full (ShenbaoPolicySet   *set,
                             ShenbaoPolicy      *policy,
                             ShenbaoInputs      *inputs,
                             const GDate        *as_of,
                             ShenbaoComputeFlags flags)
{
  return shenbao_engine_compute_claim (set, policy, inputs, as_of, NULL, flags);
}

/* Each clause is computed on its own whether claimed or not (the review offers the unclaimed
 * ones that would pay); pools, same matter, combined caps and totals count claimed clauses
 * only. A NULL claim claims every clause. */
ShenbaoPolicyResult *
shenbao_engine_compute_claim (ShenbaoPolicySet   *set,
                              ShenbaoPolicy      *policy,
                              ShenbaoInputs      *inputs,
                              const GDate        *as_of,
                              const ShenbaoClaim *claim,
                              ShenbaoComputeFlags flags)
{
  ShenbaoPolicyResult *result;
  Scope scope = { set, policy, NULL, inputs, NULL, NULL, (flags & SHENBAO_COMPUTE_EXPLAIN) != 0 };
  ApplicantCheck applicant;

  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (set), NULL);
  g_return_val_if_fail (SHENBAO_IS_POLICY (policy), NULL);
  /* A header from the index has no clauses: computing it would show nothing as if it paid
   * nothing. */
  g_return_val_if_fail (!policy->header_only, NULL);
  g_return_val_if_fail (SHENBAO_IS_INPUTS (inputs), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  result = g_new0 (ShenbaoPolicyResult, 1);
  result->policy = g_object_ref (policy);
  result->clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) clause_result_free);
  result->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) work_step_free);
  result->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  result->validity = shenbao_policy_get_validity (policy, as_of, &result->days_to_expiry);
  result->location_fits = shenbao_policy_area_matches (policy, shenbao_inputs_get_registered_region (inputs));
  result->as_of = *as_of;

  check_applicant (&scope, &applicant);
  for (guint i = 0; i < policy->clauses->len; i++)
    {
      scope.clause = g_ptr_array_index (policy->clauses, i);
      scope.lets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) shenbao_value_free);
      scope.let_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_ptr_array_add (result->clauses, compute_clause (&scope, &applicant));
      ((ShenbaoClauseResult *) g_ptr_array_index (result->clauses, i))->claimed
        = shenbao_claim_is_claimed (claim, scope.clause->id);
      g_clear_pointer (&scope.lets, g_hash_table_unref);
      g_clear_pointer (&scope.let_labels, g_hash_table_unref);
    }
  scope.clause = NULL;
  clause_result_free (applicant.result);

  apply_pools (result, &scope);
  apply_same_matter (result, claim);
  apply_combined_caps (result, &scope);
  add_totals (result);
  return result;
}

