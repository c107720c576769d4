/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-engine"

#include "config.h"

#include <string.h>

#include "shenbao-engine-private.h"

/* One clause: who may apply, its conditions, and its award steps, each recorded as a step of
 * the worksheet when asked. */

/* ------------------------------------------------------------------ name lookup */

ShenbaoField *
scope_find_field (Scope      *scope,
                  const char *name)
{
  ShenbaoField *field = NULL;

  if (scope->clause != NULL && (field = shenbao_clause_find_field (scope->clause, name)) != NULL)
    return field;
  if ((field = shenbao_policy_find_field (scope->policy, name)) != NULL)
    return field;
  return shenbao_policy_set_find_fact (scope->set, name);
}

const ShenbaoValue *
scope_lookup (const char *name,
              gpointer    user_data)
{
  Scope *scope = user_data;
  ShenbaoField *field;
  const ShenbaoValue *value;

  if (scope->lets != NULL && (value = g_hash_table_lookup (scope->lets, name)) != NULL)
    return value;

  field = scope_find_field (scope, name);
  if (field == NULL)
    return NULL;
  value = shenbao_inputs_lookup (scope->inputs, field->input_key);
  return value != NULL ? value : field->default_value;
}

typedef struct
{
  Scope    *scope;
  gboolean  chinese;
} LabelContext;

static char *
label_for (const char *name,
           gpointer    user_data)
{
  LabelContext *context = user_data;
  ShenbaoStep *let = context->scope->let_labels != NULL
                     ? g_hash_table_lookup (context->scope->let_labels, name) : NULL;
  ShenbaoField *field;

  if (let != NULL)
    return g_strdup (shenbao_text_get (&let->label, context->chinese));
  field = scope_find_field (context->scope, name);
  if (field != NULL)
    return g_strdup (shenbao_text_get (&field->label, context->chinese));
  /* A column of one of the clause's lists, named inside sum() or count(). */
  for (guint i = 0; context->scope->clause != NULL && i < context->scope->clause->fields->len; i++)
    {
      ShenbaoField *list = g_ptr_array_index (context->scope->clause->fields, i);

      for (guint c = 0; list->columns != NULL && c < list->columns->len; c++)
        {
          ShenbaoField *column = g_ptr_array_index (list->columns, c);

          if (g_str_equal (column->id, name))
            return g_strdup (shenbao_text_get (&column->label, context->chinese));
        }
    }
  return NULL;
}

/* A missing value makes the clause incomplete unless it is an optional clause field with no
 * default: those record something the applicant may not know yet (an amount told on review). */
static gboolean
is_let (Scope      *scope,
        const char *name)
{
  for (guint i = 0; scope->clause != NULL && i < scope->clause->steps->len; i++)
    {
      ShenbaoStep *step = g_ptr_array_index (scope->clause->steps, i);

      if (step->kind == SHENBAO_STEP_LET && g_strcmp0 (step->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_needed (Scope      *scope,
           const char *name)
{
  ShenbaoField *field = scope->clause != NULL ? shenbao_clause_find_field (scope->clause, name) : NULL;

  /* A value worked out in an earlier step is missing only because its own inputs are; those
   * were already named, and the user cannot type the intermediate value anyway. */
  if (is_let (scope, name))
    return FALSE;

  return field == NULL || field->required || field->default_value != NULL;
}

static void
add_missing (ShenbaoClauseResult *result,
             ShenbaoField        *field)
{
  if (field != NULL && !g_ptr_array_find (result->missing, field, NULL))
    g_ptr_array_add (result->missing, field);
}

static void
note_missing_names (ShenbaoClauseResult *result,
                    Scope               *scope,
                    GPtrArray           *names,
                    gboolean            *needed)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (!is_needed (scope, name))
        continue;
      *needed = TRUE;
      add_missing (result, scope_find_field (scope, name));
    }
}


/* ------------------------------------------------------------------ conditions */

typedef enum
{
  TEST_TRUE,
  TEST_FALSE,
  TEST_UNKNOWN,
} TestOutcome;

static TestOutcome
run_test (ShenbaoExpr         *test,
          Scope               *scope,
          ShenbaoClauseResult *result)
{
  ShenbaoEvalContext context = { scope_lookup, scope, NULL, NULL };
  g_autoptr(GPtrArray) missing = NULL;
  ShenbaoValue value;
  gboolean needed = FALSE;

  if (!shenbao_expr_evaluate (test, &context, &value, NULL))
    return TEST_UNKNOWN;
  if (value.type == SHENBAO_VALUE_BOOL)
    return value.boolean ? TEST_TRUE : TEST_FALSE;

  /* Only an undecided test is evaluated again, to learn which inputs it still needs. */
  context.missing = missing = g_ptr_array_new_with_free_func (g_free);
  shenbao_expr_evaluate (test, &context, &value, NULL);
  note_missing_names (result, scope, missing, &needed);
  return TEST_UNKNOWN;
}

static void
check_conditions (GPtrArray           *conditions,
                  Scope               *scope,
                  ShenbaoClauseResult *result,
                  gboolean            *unknown)
{
  for (guint i = 0; i < conditions->len; i++)
    {
      ShenbaoCondition *condition = g_ptr_array_index (conditions, i);

      switch (run_test (condition->test, scope, result))
        {
        case TEST_FALSE:
          g_ptr_array_add (result->unmet, text_copy (&condition->text));
          break;
        case TEST_UNKNOWN:
          *unknown = TRUE;
          break;
        case TEST_TRUE:
        default:
          break;
        }
    }
}

/* The division the company's tax is administered in, when the user gave it; the registered one
 * comes from shenbao_inputs_get_registered_region (), which falls back on the credit code. */
static const char *
tax_region (Scope *scope)
{
  const ShenbaoValue *value = shenbao_inputs_lookup (scope->inputs, "tax_region");

  return value != NULL && value->type == SHENBAO_VALUE_STRING ? value->string : NULL;
}

static gboolean
region_in_area (const char  *region,
                ShenbaoArea *area)
{
  return region != NULL && strncmp (region, area->prefix, strlen (area->prefix)) == 0;
}

static void
check_one_location (Scope               *scope,
                    ShenbaoArea         *area,
                    const char          *region,
                    gboolean             tax,
                    ShenbaoClauseResult *result)
{
  const char *what_zh = tax ? "税收户管地" : "工商注册地";
  const char *what_en = tax ? "Tax administration" : "Registration";

  if (region == NULL)
    {
      if (area->stated)
        add_missing (result, shenbao_policy_set_find_fact (scope->set, tax ? "tax_region" : "registered_region"));
      return;
    }
  if (!region_in_area (region, area))
    g_ptr_array_add (result->unmet,
                     text_new (g_strdup_printf ("%s须在%s（%s）；企业为 %.6s%s", what_zh, area->name.zh,
                                                area->prefix, region,
                                                area->stated ? "" : "（文件未明示地域要求，按本地企业推定）"),
                               g_strdup_printf ("%s must be in %s (%s); the company's is %.6s%s", what_en,
                                                area->name.en, area->prefix, region,
                                                area->stated ? "" : " (the document states no location; local presumed)")));
}

static void
check_location (Scope               *scope,
                ShenbaoClauseResult *result)
{
  ShenbaoPolicy *policy = scope->policy;
  const char *registered = shenbao_inputs_get_registered_region (scope->inputs);
  const char *taxed = tax_region (scope);
  ShenbaoArea *area;

  if (policy->areas->len == 0)
    return;
  /* A company matches the first area its registration lies in, or is judged against the first. */
  area = g_ptr_array_index (policy->areas, 0);
  for (guint i = 0; i < policy->areas->len; i++)
    if (region_in_area (registered, g_ptr_array_index (policy->areas, i)))
      area = g_ptr_array_index (policy->areas, i);

  check_one_location (scope, area, registered, FALSE, result);
  if (area->tax_required)
    check_one_location (scope, area, taxed, TRUE, result);
}

static gboolean
gates_pass (Scope               *scope,
            ShenbaoClauseResult *result)
{
  gboolean pass = TRUE;

  for (guint i = 0; i < scope->policy->rules->len; i++)
    {
      ShenbaoRule *rule = g_ptr_array_index (scope->policy->rules, i);

      if (rule->kind == SHENBAO_RULE_GATE && rule->expr != NULL
          && run_test (rule->expr, scope, result) == TEST_FALSE)
        {
          g_ptr_array_add (result->unmet, text_copy (&rule->text));
          pass = FALSE;
        }
    }
  return pass;
}

void
check_applicant (Scope          *scope,
                 ApplicantCheck *check)
{
  check->result = clause_result_new (NULL, FALSE);
  check->unknown = FALSE;
  check->gates = gates_pass (scope, check->result);
  check_location (scope, check->result);
  check_conditions (scope->policy->applicant_conditions, scope, check->result, &check->unknown);
  check->unknown |= check->result->missing->len > 0;
}

static void
apply_applicant (const ApplicantCheck *check,
                 ShenbaoClauseResult  *result,
                 gboolean             *unknown)
{
  for (guint i = 0; i < check->result->unmet->len; i++)
    g_ptr_array_add (result->unmet, text_copy (g_ptr_array_index (check->result->unmet, i)));
  for (guint i = 0; i < check->result->missing->len; i++)
    add_missing (result, g_ptr_array_index (check->result->missing, i));
  *unknown |= check->unknown;
}

/* ------------------------------------------------------------------ award steps */

typedef struct
{
  Scope               *scope;
  ShenbaoClauseResult *result;
  ShenbaoDecimal       current;
  gboolean             have_current;
  gboolean             stopped;      /* a value was missing: the rest cannot be computed */
  gboolean             needed;       /* …and it was one the clause cannot do without */
  gboolean             have_cap;
  ShenbaoDecimal       cap;
} Computation;

/* Every name in a trace gets the words a person reads for it; a value worked out in an earlier
 * step is marked, so the worksheet shows its value without repeating where it came from. */
static void
label_trace (Scope        *scope,
             ShenbaoTrace *trace)
{
  if (trace->kind == SHENBAO_TRACE_NAME && trace->name != NULL)
    {
      LabelContext zh = { scope, TRUE };
      LabelContext en = { scope, FALSE };
      char *label_zh = label_for (trace->name, &zh);

      if (label_zh != NULL)
        trace->label = text_new (label_zh, label_for (trace->name, &en));
      trace->derived = scope->let_labels != NULL && g_hash_table_contains (scope->let_labels, trace->name);
    }
  for (guint i = 0; i < trace->children->len; i++)
    label_trace (scope, g_ptr_array_index (trace->children, i));
}

static gboolean
evaluate_step (Computation  *computation,
               ShenbaoStep  *step,
               ShenbaoValue *value,
               ShenbaoTrace **trace)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  ShenbaoEvalContext context = { scope_lookup, computation->scope, NULL, missing, NULL, 0 };
  GError *error = NULL;
  gboolean ok;

  *trace = NULL;
  if (computation->result->work != NULL)
    {
      *trace = shenbao_expr_trace (step->expr, &context, value, &error);
      ok = *trace != NULL;
    }
  else
    ok = shenbao_expr_evaluate (step->expr, &context, value, &error);

  if (!ok)
    {
      if (computation->result->error == NULL)
        computation->result->error = error;
      else
        g_error_free (error);
      computation->stopped = TRUE;
      computation->needed = TRUE;
      return FALSE;
    }
  if (value->type == SHENBAO_VALUE_MISSING)
    {
      note_missing_names (computation->result, computation->scope, missing, &computation->needed);
      computation->stopped = TRUE;
      g_clear_pointer (trace, shenbao_trace_free);
      return FALSE;
    }
  if (*trace != NULL)
    label_trace (computation->scope, *trace);
  return TRUE;
}

/* A step of the worksheet for a formula just worked out; it takes the trace. */
static ShenbaoWorkStep *
work_for_step (Computation     *computation,
               ShenbaoWorkKind  kind,
               ShenbaoStep     *step,
               ShenbaoTrace    *trace)
{
  ShenbaoWorkStep *work = work_add (computation->result->work, kind, &step->label);

  if (work == NULL)
    {
      g_clear_pointer (&trace, shenbao_trace_free);
      return NULL;
    }
  /* The formula in words is written only when asked (shenbao_worksheet_formula), from the
   * labels the trace carries: a third of the time of a worksheet was spent on it. */
  work->trace = trace;
  work->expr = step->expr;
  if (trace != NULL)
    {
      work->result = trace->value;
      work->result.string = NULL;
      /* An amount or a cap written as a bare number is in yuan: "500,000.00 元", not "500,000". */
      if ((step->kind == SHENBAO_STEP_AMOUNT || step->kind == SHENBAO_STEP_CAP)
          && work->result.type == SHENBAO_VALUE_NUMBER && shenbao_unit_is_none (&work->result.unit)
          && !work->result.percent)
        {
          work->result.unit = trace->value.unit = shenbao_unit_yuan ();
        }
    }
  return work;
}

static void
run_let (Computation *computation,
         ShenbaoStep *step)
{
  ShenbaoValue value;
  ShenbaoTrace *trace;

  if (!evaluate_step (computation, step, &value, &trace))
    return;
  work_for_step (computation, SHENBAO_WORK_FIGURE, step, trace);
  g_hash_table_replace (computation->scope->lets, g_strdup (step->name), shenbao_value_copy (&value));
  g_hash_table_replace (computation->scope->let_labels, g_strdup (step->name), step);
}

static void
run_tiers (Computation *computation,
           ShenbaoStep *step)
{
  ShenbaoValue base;
  ShenbaoTrace *trace;
  ShenbaoWorkStep *work;
  ShenbaoDecimal reached = { 0 };
  int reached_index = -1;

  if (!evaluate_step (computation, step, &base, &trace))
    return;

  for (guint i = 0; i < step->tiers->len; i++)
    {
      ShenbaoTier *tier = &g_array_index (step->tiers, ShenbaoTier, i);
      int cmp = shenbao_decimal_compare (base.number, tier->threshold);

      if (step->strict ? cmp > 0 : cmp >= 0)
        {
          reached = tier->amount;
          reached_index = (int) i;
        }
    }

  if ((work = work_for_step (computation, SHENBAO_WORK_TIERS, step, trace)) != NULL)
    {
      work->result = base;
      work->result.string = NULL;
      work->result.rows = NULL;
      work->strict = step->strict;
      work->tier = reached_index;
      work->tiers = step->tiers;
      work->after = reached;
    }
  computation->current = reached;
  computation->have_current = TRUE;
}

static void
run_amount_step (Computation *computation,
                 ShenbaoStep *step)
{
  ShenbaoValue value;
  ShenbaoTrace *trace;
  ShenbaoWorkStep *work;
  ShenbaoDecimal result;

  if (!evaluate_step (computation, step, &value, &trace))
    return;

  switch (step->kind)
    {
    case SHENBAO_STEP_AMOUNT:
      computation->current = value.number;
      computation->have_current = TRUE;
      work_for_step (computation, SHENBAO_WORK_FIGURE, step, trace);
      return;

    case SHENBAO_STEP_LESS:
      if (!computation->have_current || !shenbao_decimal_sub (computation->current, value.number, &result))
        {
          if (computation->have_current)
            computation->stopped = computation->needed = TRUE;
          g_clear_pointer (&trace, shenbao_trace_free);
          return;
        }
      if (result.micros < 0)
        result.micros = 0;
      if ((work = work_for_step (computation, SHENBAO_WORK_LESS, step, trace)) != NULL)
        {
          work->before = computation->current;
          work->operand = value.number;
          work->after = result;
        }
      computation->current = result;
      return;

    case SHENBAO_STEP_SCALE:
      if (!computation->have_current)
        {
          g_clear_pointer (&trace, shenbao_trace_free);
          return;
        }
      if (!shenbao_decimal_mul (computation->current, value.number, &result))
        {
          computation->stopped = computation->needed = TRUE;
          g_set_error (&computation->result->error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
                       "the amount is too large to compute exactly");
          g_clear_pointer (&trace, shenbao_trace_free);
          return;
        }
      if ((work = work_for_step (computation, SHENBAO_WORK_SCALE, step, trace)) != NULL)
        {
          work->before = computation->current;
          work->operand = value.number;
          work->after = result;
        }
      computation->current = result;
      return;

    case SHENBAO_STEP_LET:
    case SHENBAO_STEP_TIERS:
    case SHENBAO_STEP_CAP:
    default:
      g_assert_not_reached ();
    }
}

static void
run_cap (Computation *computation,
         ShenbaoStep *step)
{
  ShenbaoValue value;
  ShenbaoTrace *trace;
  ShenbaoWorkStep *work;
  gboolean was_stopped = computation->stopped;

  /* A cap is evaluated even when the amount is unknown, so a review clause can show its maximum. */
  computation->stopped = FALSE;
  if (!evaluate_step (computation, step, &value, &trace))
    {
      computation->stopped = TRUE;
      return;
    }
  computation->stopped = was_stopped;

  if (value.number.micros < 0)
    value.number.micros = 0;
  if (!computation->have_cap || shenbao_decimal_compare (value.number, computation->cap) < 0)
    computation->cap = value.number;
  computation->have_cap = TRUE;

  work = work_for_step (computation, SHENBAO_WORK_CAP, step, trace);
  if (work != NULL)
    {
      work->operand = value.number;
      work->has_before = computation->have_current && !computation->stopped;
      work->before = computation->current;
    }
  if (!computation->have_current || computation->stopped)
    return;

  if (shenbao_decimal_compare (computation->current, value.number) > 0)
    {
      computation->current = value.number;
      if (work != NULL)
        work->bound = TRUE;
    }
  if (work != NULL)
    work->after = computation->current;
}

static void
run_steps (Computation *computation)
{
  GPtrArray *steps = computation->scope->clause->steps;

  for (guint i = 0; i < steps->len; i++)
    {
      ShenbaoStep *step = g_ptr_array_index (steps, i);

      if (computation->stopped && step->kind != SHENBAO_STEP_CAP)
        continue;
      switch (step->kind)
        {
        case SHENBAO_STEP_LET:
          run_let (computation, step);
          break;
        case SHENBAO_STEP_TIERS:
          run_tiers (computation, step);
          break;
        case SHENBAO_STEP_CAP:
          run_cap (computation, step);
          break;
        case SHENBAO_STEP_AMOUNT:
        case SHENBAO_STEP_LESS:
        case SHENBAO_STEP_SCALE:
        default:
          run_amount_step (computation, step);
          break;
        }
    }
}

/* The clause's amount under the other reading of each flag that gives one: the alternative
 * formula sees the clause's values and "award", the amount under the default reading. */
static void
compute_alternatives (Scope               *scope,
                      ShenbaoClauseResult *result,
                      ShenbaoDecimal       award)
{
  for (guint i = 0; i < scope->policy->flags->len; i++)
    {
      ShenbaoFlag *flag = g_ptr_array_index (scope->policy->flags, i);
      ShenbaoEvalContext context = { scope_lookup, scope, NULL, NULL, NULL, 0 };
      ShenbaoValue award_value = { 0 };
      ShenbaoValue value;
      ShenbaoWorkStep *work;

      if (flag->alternative == NULL || g_strcmp0 (flag->alternative_clause, scope->clause->id) != 0)
        continue;
      award_value.type = SHENBAO_VALUE_NUMBER;
      award_value.number = award;
      award_value.unit = shenbao_unit_yuan ();
      g_hash_table_replace (scope->lets, g_strdup ("award"), shenbao_value_copy (&award_value));
      if (!shenbao_expr_evaluate (flag->alternative, &context, &value, NULL)
          || value.type != SHENBAO_VALUE_NUMBER)
        continue;
      if (value.number.micros < 0)
        value.number.micros = 0;
      if (result->alternatives == NULL)
        result->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) work_step_free);
      work = work_add (result->alternatives, SHENBAO_WORK_ALTERNATIVE, &flag->text);
      work->flag = flag;
      work->expr = flag->alternative;
      work->before = shenbao_decimal_from_fen (shenbao_decimal_round_to_fen (award));
      work->after = shenbao_decimal_from_fen (shenbao_decimal_round_to_fen (value.number));
    }
}

static void
compute_amount (Scope               *scope,
                ShenbaoClauseResult *result)
{
  Computation computation = { scope, result, { 0 }, FALSE, FALSE, FALSE, FALSE, { 0 } };
  ShenbaoWorkStep *work;

  run_steps (&computation);

  if (computation.have_cap)
    {
      result->has_cap = TRUE;
      result->cap_fen = shenbao_decimal_round_to_fen (computation.cap);
    }
  if (computation.needed && result->applies == SHENBAO_APPLIES_YES)
    result->applies = SHENBAO_APPLIES_INCOMPLETE;
  if (computation.stopped || !computation.have_current)
    return;

  result->has_amount = TRUE;
  result->award_fen = shenbao_decimal_round_to_fen (computation.current);
  if (computation.current.micros % 10000 != 0
      && (work = work_add (result->work, SHENBAO_WORK_ROUND, NULL)) != NULL)
    {
      work->before = computation.current;
      work->after = shenbao_decimal_from_fen (result->award_fen);
    }
  apply_top_up (scope, result);
  compute_alternatives (scope, result, shenbao_decimal_from_fen (result->award_fen));
}

static void
explain_review (ShenbaoClauseResult *result)
{
  ShenbaoWorkStep *work;

  switch (result->clause->kind)
    {
    case SHENBAO_AWARD_REVIEW:
      if (!result->has_amount && (work = work_add (result->work, SHENBAO_WORK_REVIEW, NULL)) != NULL)
        {
          work->has_operand = result->has_cap;
          work->operand = shenbao_decimal_from_fen (result->cap_fen);
        }
      break;
    case SHENBAO_AWARD_OTHER_POLICY:
      if (!result->has_amount)
        work_add (result->work, SHENBAO_WORK_OTHER_POLICY, NULL);
      break;
    case SHENBAO_AWARD_NONE:
      work_add (result->work, SHENBAO_WORK_NON_MONETARY, NULL);
      break;
    case SHENBAO_AWARD_EXACT:
    case SHENBAO_AWARD_UP_TO:
    default:
      break;
    }
}

/* A required field counts even when no formula reads it: the document asks for it (e.g. which
 * sales a figure covers), so the application is not complete without it. */
static void
check_required_fields (Scope               *scope,
                       ShenbaoClauseResult *result,
                       gboolean            *unknown)
{
  for (guint i = 0; i < scope->clause->fields->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (scope->clause->fields, i);
      const ShenbaoValue *value;

      if (!field->required)
        continue;
      value = scope_lookup (field->id, scope);
      if (value == NULL || value->type == SHENBAO_VALUE_MISSING)
        {
          add_missing (result, field);
          *unknown = TRUE;
        }
    }
}

ShenbaoClauseResult *
compute_clause (Scope                *scope,
                const ApplicantCheck *applicant)
{
  ShenbaoClauseResult *result = clause_result_new (scope->clause, scope->explain);
  gboolean unknown = FALSE;

  check_required_fields (scope, result, &unknown);
  apply_applicant (applicant, result, &unknown);
  check_conditions (scope->clause->conditions, scope, result, &unknown);

  if (!applicant->gates || result->unmet->len > 0)
    result->applies = SHENBAO_APPLIES_NO;
  else if (unknown)
    result->applies = SHENBAO_APPLIES_INCOMPLETE;
  else
    result->applies = SHENBAO_APPLIES_YES;

  /* An amount is worked out only where the conditions allow it: showing 50 % of an investment
   * that misses the threshold would read as a promise. */
  if (result->applies != SHENBAO_APPLIES_NO)
    compute_amount (scope, result);
  /* Nor is an amount shown while the clause still lacks inputs: it could read as a promise. */
  if (result->applies == SHENBAO_APPLIES_INCOMPLETE)
    {
      result->has_amount = FALSE;
      result->award_fen = 0;
    }
  if (result->applies == SHENBAO_APPLIES_NO)
    {
      result->has_amount = scope->clause->kind != SHENBAO_AWARD_NONE && scope->clause->kind != SHENBAO_AWARD_REVIEW
                           && scope->clause->kind != SHENBAO_AWARD_OTHER_POLICY;
      result->award_fen = 0;
    }
  explain_review (result);
  result->payout_fen = result->award_fen;
  return result;
}

