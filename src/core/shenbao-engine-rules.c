/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-engine"

#include "config.h"

#include <string.h>

#include "shenbao-engine-private.h"
#include "shenbao-worksheet.h"

/* Rules over a policy's claimed clauses: the district tops up what a higher level paid, an annual
 * pool is paid pro rata, one matter is paid once, several clauses share a cap, and the totals. */

/* ------------------------------------------------------------------ top-up */

void
apply_top_up (Scope               *scope,
              ShenbaoClauseResult *result)
{
  for (guint i = 0; i < scope->policy->rules->len; i++)
    {
      ShenbaoRule *rule = g_ptr_array_index (scope->policy->rules, i);
      const ShenbaoValue *paid;
      ShenbaoWorkStep *work;
      gint64 remaining;

      if (rule->kind != SHENBAO_RULE_TOP_UP || shenbao_clause_find_field (scope->clause, rule->field) == NULL)
        continue;
      paid = scope_lookup (rule->field, scope);
      if (paid == NULL || paid->type != SHENBAO_VALUE_NUMBER || shenbao_decimal_is_zero (paid->number))
        continue;

      remaining = MAX (0, result->award_fen - shenbao_decimal_round_to_fen (paid->number));
      if ((work = work_add (result->work, SHENBAO_WORK_TOP_UP, &rule->text)) != NULL)
        {
          work->before = shenbao_decimal_from_fen (result->award_fen);
          work->operand = paid->number;
          work->after = shenbao_decimal_from_fen (remaining);
        }
      result->award_fen = remaining;
    }
}

/* ------------------------------------------------------------------ policy-wide rules */

gboolean
pays (ShenbaoClauseResult *result)
{
  return result->claimed && result->applies == SHENBAO_APPLIES_YES && result->has_amount && !result->dropped
         && result->payout_fen > 0;
}

static gboolean
rule_has_member (ShenbaoRule *rule,
                 const char  *clause_id)
{
  for (guint i = 0; rule->members != NULL && i < rule->members->len; i++)
    if (g_str_equal (g_ptr_array_index (rule->members, i), clause_id))
      return TRUE;
  return FALSE;
}

void
apply_pools (ShenbaoPolicyResult *policy_result,
             Scope               *scope)
{
  for (guint r = 0; r < scope->policy->rules->len; r++)
    {
      ShenbaoRule *rule = g_ptr_array_index (scope->policy->rules, r);
      const ShenbaoValue *factor;

      if (rule->kind != SHENBAO_RULE_POOL)
        continue;
      factor = scope_lookup (rule->field, scope);
      if (factor == NULL || factor->type != SHENBAO_VALUE_NUMBER)
        continue;

      for (guint i = 0; i < policy_result->clauses->len; i++)
        {
          ShenbaoClauseResult *result = g_ptr_array_index (policy_result->clauses, i);
          ShenbaoDecimal scaled, payout;
          ShenbaoWorkStep *work;

          if (!pays (result) || !rule_has_member (rule, result->clause->id))
            continue;
          if (shenbao_decimal_compare (factor->number, shenbao_decimal_from_int (1)) == 0)
            {
              if ((work = work_add (result->work, SHENBAO_WORK_POOL, &rule->text)) != NULL)
                {
                  work->exact = rule->budget;
                  work->operand = factor->number;
                  work->before = work->after = shenbao_decimal_from_fen (result->payout_fen);
                }
              continue;
            }
          /* The checked conversion: an amount past the range is an error, not a saturated value. */
          if (!shenbao_decimal_from_fen_checked (result->payout_fen, &payout)
              || !shenbao_decimal_mul (payout, factor->number, &scaled))
            {
              if (policy_result->error == NULL)
                g_set_error_literal (&policy_result->error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
                                     "the pool factor makes an amount too large to compute exactly");
              result->payout_fen = 0;
              continue;
            }
          if ((work = work_add (result->work, SHENBAO_WORK_POOL, &rule->text)) != NULL)
            {
              work->bound = TRUE;
              work->before = shenbao_decimal_from_fen (result->payout_fen);
              work->operand = factor->number;
              work->exact = scaled;
            }
          result->payout_fen = shenbao_decimal_round_to_fen (scaled);
          if (work != NULL)
            work->after = shenbao_decimal_from_fen (result->payout_fen);
        }
    }
}

/* Sums of amounts are checked: a hostile policy file or input must give an error, never a
 * wrapped total. */
static gboolean
add_fen (gint64              *sum,
         gint64               amount,
         ShenbaoPolicyResult *policy_result)
{
  if (!__builtin_add_overflow (*sum, amount, sum))
    return TRUE;
  if (policy_result->error == NULL)
    g_set_error_literal (&policy_result->error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
                         "the total is too large to compute exactly");
  return FALSE;
}

/* ------------------------------------------------------------------ same matter */

void
question_free (ShenbaoSameMatterQuestion *question)
{
  g_free (question);
}

static gboolean
may_apply (ShenbaoClauseResult *result)
{
  return result->claimed && result->applies != SHENBAO_APPLIES_NO;
}

static ShenbaoSameMatterQuestion *
find_question (ShenbaoPolicyResult *policy_result,
               ShenbaoClauseResult *a,
               ShenbaoClauseResult *b)
{
  for (guint i = 0; i < policy_result->questions->len; i++)
    {
      ShenbaoSameMatterQuestion *question = g_ptr_array_index (policy_result->questions, i);

      if ((question->a == a && question->b == b) || (question->a == b && question->b == a))
        return question;
    }
  return NULL;
}

/* One question per pair of claimed clauses that share a no-duplication rule, whatever the
 * number of rules they share; a rule whose text leaves no doubt answers it for the user. */
static void
ask_same_matter (ShenbaoPolicyResult *policy_result,
                 ShenbaoRule         *rule,
                 const ShenbaoClaim  *claim)
{
  GPtrArray *clauses = policy_result->clauses;

  for (guint i = 0; i < clauses->len; i++)
    for (guint j = i + 1; j < clauses->len; j++)
      {
        ShenbaoClauseResult *a = g_ptr_array_index (clauses, i);
        ShenbaoClauseResult *b = g_ptr_array_index (clauses, j);
        ShenbaoSameMatterQuestion *question;

        if (!may_apply (a) || !may_apply (b) || !rule_has_member (rule, a->clause->id)
            || !rule_has_member (rule, b->clause->id))
          continue;
        question = find_question (policy_result, a, b);
        if (question == NULL)
          {
            question = g_new0 (ShenbaoSameMatterQuestion, 1);
            question->rule = rule;
            question->a = a;
            question->b = b;
            question->answer = shenbao_claim_get_same_matter (claim, a->clause->id, b->clause->id);
            g_ptr_array_add (policy_result->questions, question);
          }
        if (rule->certain && !question->certain)
          {
            question->rule = rule;
            question->certain = TRUE;
            question->answer = SHENBAO_SAME_MATTER_SAME;
          }
      }
}

static gboolean
linked (ShenbaoPolicyResult *policy_result,
        ShenbaoClauseResult *a,
        ShenbaoClauseResult *b)
{
  ShenbaoSameMatterQuestion *question = find_question (policy_result, a, b);

  /* Until the user answers, two clauses are taken as one matter: an estimate must never count
   * one matter twice. */
  return question != NULL && question->answer != SHENBAO_SAME_MATTER_DISTINCT;
}

typedef struct
{
  ShenbaoPolicyResult *policy_result;
  GPtrArray           *members;     /* ShenbaoClauseResult linked to one another */
  gboolean            *chosen;
  gboolean            *best;
  gint64               best_total;
} SameMatterSearch;

static gboolean
conflicts_with_chosen (SameMatterSearch *search,
                       guint             index)
{
  ShenbaoClauseResult *candidate = g_ptr_array_index (search->members, index);

  for (guint i = 0; i < index; i++)
    if (search->chosen[i] && linked (search->policy_result, candidate, g_ptr_array_index (search->members, i)))
      return TRUE;
  return FALSE;
}

/* Every combination without two linked clauses; the first met with the highest total wins, so
 * on a tie the clause earlier in the document is kept. The depth is the number of members,
 * bounded by SHENBAO_SAME_MATTER_MAX_LINKED. */
static void
search_same_matter (SameMatterSearch *search,
                    guint             index,
                    gint64            total)
{
  if (index == search->members->len)
    {
      if (total > search->best_total)
        {
          search->best_total = total;
          memcpy (search->best, search->chosen, sizeof (gboolean) * search->members->len);
        }
      return;
    }

  if (!conflicts_with_chosen (search, index))
    {
      ShenbaoClauseResult *member = g_ptr_array_index (search->members, index);

      /* Payouts are capped far below G_MAXINT64 / SHENBAO_SAME_MATTER_MAX_LINKED by the
       * totals check; the sum of one chain cannot wrap. */
      search->chosen[index] = TRUE;
      search_same_matter (search, index + 1, total + member->payout_fen);
      search->chosen[index] = FALSE;
    }
  search_same_matter (search, index + 1, total);
}

static ShenbaoSameMatterQuestion *
kept_rival (SameMatterSearch    *search,
            ShenbaoClauseResult *dropped,
            ShenbaoClauseResult **rival)
{
  for (guint i = 0; i < search->members->len; i++)
    {
      ShenbaoClauseResult *other = g_ptr_array_index (search->members, i);

      if (search->best[i] && linked (search->policy_result, dropped, other))
        {
          *rival = other;
          return find_question (search->policy_result, dropped, other);
        }
    }
  *rival = NULL;
  return NULL;
}

static void
drop_clause (ShenbaoClauseResult       *result,
             ShenbaoClauseResult       *rival,
             ShenbaoSameMatterQuestion *question)
{
  ShenbaoWorkStep step = { 0 };
  ShenbaoWorkStep *work;

  step.kind = SHENBAO_WORK_SAME_MATTER;
  step.label = question != NULL ? &question->rule->text : NULL;
  step.rival = rival != NULL ? rival->clause->id : "?";
  step.before = shenbao_decimal_from_fen (result->payout_fen);
  step.operand = shenbao_decimal_from_fen (rival != NULL ? rival->payout_fen : 0);
  step.why = question != NULL && question->certain ? SHENBAO_SAME_MATTER_BY_TEXT
             : question != NULL && question->answer == SHENBAO_SAME_MATTER_SAME ? SHENBAO_SAME_MATTER_BY_ANSWER
             : SHENBAO_SAME_MATTER_BY_ASSUMPTION;

  result->dropped = TRUE;
  /* Kept in words as well: the review and the package show the reason without the steps. */
  result->dropped_reason.zh = shenbao_worksheet_step_text (&step, TRUE, SHENBAO_WORKSHEET_DEFAULT);
  result->dropped_reason.en = shenbao_worksheet_step_text (&step, FALSE, SHENBAO_WORKSHEET_DEFAULT);
  if ((work = work_add (result->work, SHENBAO_WORK_SAME_MATTER, step.label)) != NULL)
    {
      work->rival = step.rival;
      work->before = step.before;
      work->operand = step.operand;
      work->why = step.why;
    }
  result->payout_fen = 0;
}

/* The claimed clauses that pay and are linked, directly or through others, to seed, in the
 * document's order (for the tie rule). */
static GPtrArray *
linked_group (ShenbaoPolicyResult *policy_result,
              ShenbaoClauseResult *seed,
              GHashTable          *visited)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();
  g_autoptr(GHashTable) group = g_hash_table_new (NULL, NULL);
  GPtrArray *members = g_ptr_array_new ();

  g_ptr_array_add (queue, seed);
  g_hash_table_add (group, seed);
  for (guint m = 0; m < queue->len; m++)
    for (guint i = 0; i < policy_result->clauses->len; i++)
      {
        ShenbaoClauseResult *other = g_ptr_array_index (policy_result->clauses, i);

        if (pays (other) && !g_hash_table_contains (group, other)
            && linked (policy_result, g_ptr_array_index (queue, m), other))
          {
            g_hash_table_add (group, other);
            g_ptr_array_add (queue, other);
          }
      }
  for (guint i = 0; i < policy_result->clauses->len; i++)
    {
      ShenbaoClauseResult *result = g_ptr_array_index (policy_result->clauses, i);

      if (g_hash_table_contains (group, result))
        {
          g_hash_table_add (visited, result);
          g_ptr_array_add (members, result);
        }
    }
  return members;
}

static void
keep_greedily (SameMatterSearch *search)
{
  for (;;)
    {
      int pick = -1;

      for (guint i = 0; i < search->members->len; i++)
        {
          ShenbaoClauseResult *member = g_ptr_array_index (search->members, i);

          if (search->best[i] || search->chosen[i])
            continue;
          if (pick < 0 || member->payout_fen > ((ShenbaoClauseResult *) g_ptr_array_index (search->members, pick))->payout_fen)
            pick = (int) i;
        }
      if (pick < 0)
        return;
      search->best[pick] = TRUE;
      /* chosen marks the members ruled out, so none is looked at twice. */
      for (guint i = 0; i < search->members->len; i++)
        if (!search->best[i] && linked (search->policy_result, g_ptr_array_index (search->members, pick),
                                        g_ptr_array_index (search->members, i)))
          search->chosen[i] = TRUE;
    }
}

static void
resolve_linked_group (ShenbaoPolicyResult *policy_result,
                      GPtrArray           *members)
{
  SameMatterSearch search = { policy_result, members, NULL, NULL, -1 };

  if (members->len < 2)
    return;
  search.chosen = g_new0 (gboolean, members->len);
  search.best = g_new0 (gboolean, members->len);
  if (members->len <= SHENBAO_SAME_MATTER_MAX_LINKED)
    search_same_matter (&search, 0, 0);
  else
    {
      /* Too many to weigh every combination: the best-paying first, each dropping what it is
       * linked to. One matter is still never counted twice; the result says it may not be
       * the best choice. */
      if (policy_result->error == NULL)
        g_set_error (&policy_result->error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
                     "%u claimed clauses are linked by same-matter rules; at most %d can be weighed, "
                     "so the higher awards were kept one by one and the total may not be the best",
                     members->len, SHENBAO_SAME_MATTER_MAX_LINKED);
      keep_greedily (&search);
    }

  for (guint i = 0; i < members->len; i++)
    if (!search.best[i])
      {
        ShenbaoClauseResult *dropped = g_ptr_array_index (members, i);
        ShenbaoClauseResult *rival = NULL;
        ShenbaoSameMatterQuestion *question = kept_rival (&search, dropped, &rival);

        if (question != NULL && !question->certain && question->answer == SHENBAO_SAME_MATTER_UNANSWERED)
          policy_result->assumes_same = TRUE;
        drop_clause (dropped, rival, question);
      }
  g_free (search.chosen);
  g_free (search.best);
}

/* Same-matter rules link pairs of claimed clauses; each group of linked clauses keeps the
 * combination that pays most. Groups are searched apart, so many small rules stay cheap. */
void
apply_same_matter (ShenbaoPolicyResult *policy_result,
                   const ShenbaoClaim  *claim)
{
  GPtrArray *rules = policy_result->policy->rules;
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);

  for (guint r = 0; r < rules->len; r++)
    {
      ShenbaoRule *rule = g_ptr_array_index (rules, r);

      if (rule->kind == SHENBAO_RULE_EXCLUSIVE)
        ask_same_matter (policy_result, rule, claim);
    }
  if (policy_result->questions->len == 0)
    return;

  for (guint i = 0; i < policy_result->clauses->len; i++)
    {
      ShenbaoClauseResult *result = g_ptr_array_index (policy_result->clauses, i);
      g_autoptr(GPtrArray) members = NULL;

      if (!pays (result) || g_hash_table_contains (visited, result))
        continue;
      members = linked_group (policy_result, result, visited);
      resolve_linked_group (policy_result, members);
    }
}

void
apply_combined_caps (ShenbaoPolicyResult *policy_result,
                     Scope               *scope)
{
  for (guint r = 0; r < scope->policy->rules->len; r++)
    {
      ShenbaoRule *rule = g_ptr_array_index (scope->policy->rules, r);
      ShenbaoEvalContext context = { scope_lookup, scope, NULL, NULL, NULL, 0 };
      ShenbaoValue cap;
      gint64 cap_fen, sum = 0;
      ShenbaoWorkStep *work;

      if (rule->kind != SHENBAO_RULE_COMBINED_CAP || rule->expr == NULL)
        continue;
      if (!shenbao_expr_evaluate (rule->expr, &context, &cap, NULL) || cap.type != SHENBAO_VALUE_NUMBER)
        continue;
      cap_fen = MAX (0, shenbao_decimal_round_to_fen (cap.number));

      for (guint i = 0; i < policy_result->clauses->len; i++)
        {
          ShenbaoClauseResult *result = g_ptr_array_index (policy_result->clauses, i);
          if (pays (result) && rule_has_member (rule, result->clause->id)
              && !add_fen (&sum, result->payout_fen, policy_result))
            return;
        }
      if (sum <= cap_fen)
        continue;

      if (rule->soft)
        {
          work = work_add (policy_result->notes, SHENBAO_WORK_COMBINED_CAP, &rule->text);
          work->operand = shenbao_decimal_from_fen (cap_fen);
          work->before = shenbao_decimal_from_fen (sum);
          continue;
        }

      /* A hard cap cuts from the last member claimed, leaving the earlier clauses whole. */
      for (guint i = policy_result->clauses->len; i-- > 0 && sum > cap_fen;)
        {
          ShenbaoClauseResult *result = g_ptr_array_index (policy_result->clauses, i);
          gint64 cut;

          if (!pays (result) || !rule_has_member (rule, result->clause->id))
            continue;
          cut = MIN (result->payout_fen, sum - cap_fen);
          if ((work = work_add (result->work, SHENBAO_WORK_COMBINED_CAP, &rule->text)) != NULL)
            {
              work->bound = TRUE;
              work->operand = shenbao_decimal_from_fen (cap_fen);
              work->before = shenbao_decimal_from_fen (result->payout_fen);
              work->after = shenbao_decimal_from_fen (result->payout_fen - cut);
            }
          result->payout_fen -= cut;
          sum -= cut;
        }
    }
}

void
add_totals (ShenbaoPolicyResult *policy_result)
{
  for (guint i = 0; i < policy_result->clauses->len; i++)
    {
      ShenbaoClauseResult *result = g_ptr_array_index (policy_result->clauses, i);
      gboolean ok = TRUE;

      if (!pays (result))
        continue;
      switch (result->clause->kind)
        {
        /* An amount the applicant entered for a review or other-policy clause is a figure it
         * holds, so it counts as exact; an "up to" maximum is only a ceiling. */
        case SHENBAO_AWARD_EXACT:
        case SHENBAO_AWARD_OTHER_POLICY:
        case SHENBAO_AWARD_REVIEW:
          ok = add_fen (&policy_result->total_fen, result->payout_fen, policy_result)
               && add_fen (&policy_result->total_up_to_fen, result->payout_fen, policy_result);
          break;
        case SHENBAO_AWARD_UP_TO:
          ok = add_fen (&policy_result->total_up_to_fen, result->payout_fen, policy_result);
          break;
        case SHENBAO_AWARD_NONE:
        default:
          break;
        }
      if (!ok)
        {
          policy_result->total_fen = policy_result->total_up_to_fen = 0;
          return;
        }
    }
}

