/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-engine"

#include "config.h"

#include <string.h>

#include "shenbao-credit-code.h"
#include "shenbao-engine.h"

/* Everything one clause's formulas can see while it is computed. */
typedef struct
{
  ShenbaoPolicySet *set;
  ShenbaoPolicy    *policy;
  ShenbaoClause    *clause;     /* NULL for policy-wide formulas */
  ShenbaoInputs    *inputs;
  GHashTable       *lets;       /* name → ShenbaoValue */
  GHashTable       *let_labels; /* name → ShenbaoStep (not owned) */
  gboolean          explain;
} Scope;

static ShenbaoText *
text_new (char *zh,
          char *en)
{
  ShenbaoText *text = g_new0 (ShenbaoText, 1);

  text->zh = zh;
  text->en = en;
  return text;
}

static ShenbaoText *
text_copy (const ShenbaoText *source)
{
  return text_new (g_strdup (source->zh), g_strdup (source->en));
}

static void
text_free (ShenbaoText *text)
{
  shenbao_text_clear (text);
  g_free (text);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoText, text_free)

/* ------------------------------------------------------------------ name lookup */

static ShenbaoField *
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

static const ShenbaoValue *
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

/* ------------------------------------------------------------------ results */

static ShenbaoClauseResult *
clause_result_new (ShenbaoClause *clause,
                   gboolean       with_explanation)
{
  ShenbaoClauseResult *result = g_new0 (ShenbaoClauseResult, 1);

  result->clause = clause;
  result->unmet = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);
  result->missing = g_ptr_array_new ();
  if (with_explanation)
    result->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);
  return result;
}

static void
clause_result_free (ShenbaoClauseResult *result)
{
  g_ptr_array_unref (result->unmet);
  g_ptr_array_unref (result->missing);
  g_clear_pointer (&result->lines, g_ptr_array_unref);
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

/* lines is NULL when the caller asked for amounts only. */
static void
explain (GPtrArray *lines,
         char      *zh,
         char      *en)
{
  if (lines == NULL)
    {
      g_free (zh);
      g_free (en);
      return;
    }
  g_ptr_array_add (lines, text_new (zh, en));
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

static const char *
company_region (Scope      *scope,
                const char *fact)
{
  const ShenbaoValue *value = shenbao_inputs_lookup (scope->inputs, fact);
  const ShenbaoValue *code;

  if (value != NULL && value->type == SHENBAO_VALUE_STRING)
    return value->string;
  /* Without an explicit division, the registration authority's digits in the credit code. */
  code = shenbao_inputs_lookup (scope->inputs, "credit_code");
  if (g_str_equal (fact, "registered_region") && code != NULL && code->type == SHENBAO_VALUE_STRING
      && strlen (code->string) == 18)
    return code->string + 2;
  return NULL;
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
  const char *registered = company_region (scope, "registered_region");
  const char *taxed = company_region (scope, "tax_region");
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

/* Who may apply (gates such as 一票否决, the location, the applicant conditions) is the same for
 * every clause, so it is judged once per policy into a result of its own, copied into each
 * clause's. */
typedef struct
{
  ShenbaoClauseResult *result;
  gboolean             unknown;
  gboolean             gates;
} ApplicantCheck;

static void
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

static char *
format_amount (ShenbaoDecimal amount)
{
  ShenbaoValue value = { 0 };

  value.type = SHENBAO_VALUE_NUMBER;
  value.number = amount;
  value.unit = shenbao_unit_yuan ();
  return shenbao_value_format (&value);
}

static gboolean
evaluate_step (Computation  *computation,
               ShenbaoStep  *step,
               ShenbaoValue *value,
               char        **formula_zh,
               char        **formula_en,
               char        **values)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  ShenbaoEvalContext context = { scope_lookup, computation->scope, NULL, missing };
  LabelContext zh = { computation->scope, TRUE };
  LabelContext en = { computation->scope, FALSE };
  GError *error = NULL;

  if (!shenbao_expr_evaluate (step->expr, &context, value, &error))
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
      return FALSE;
    }

  if (computation->result->lines != NULL)
    {
      *formula_zh = shenbao_expr_render_in (step->expr, label_for, &zh, TRUE);
      *formula_en = shenbao_expr_render (step->expr, label_for, &en);
      *values = shenbao_expr_render_values (step->expr, &context);
    }
  return TRUE;
}

/* "Subsidy: Rate × Area × Months = 20 × 9,000 × 9 = 1,620,000.00", leaving out a middle part
 * that would only repeat the one before it. */
static void
explain_step (Computation *computation,
              ShenbaoStep *step,
              const char  *formula_zh,
              const char  *formula_en,
              const char  *values,
              const char  *result_text)
{
  gboolean show_values, show_formula_en, show_formula_zh;

  if (computation->result->lines == NULL)
    return;
  show_values = g_strcmp0 (values, result_text) != 0 && g_strcmp0 (values, formula_en) != 0;
  show_formula_en = g_strcmp0 (formula_en, result_text) != 0;
  show_formula_zh = g_strcmp0 (formula_zh, result_text) != 0;

  explain (computation->result->lines,
           g_strdup_printf ("%s：%s%s%s%s%s", step->label.zh,
                            show_formula_zh ? formula_zh : "", show_formula_zh ? " = " : "",
                            show_values ? values : "", show_values ? " = " : "", result_text),
           g_strdup_printf ("%s: %s%s%s%s%s", step->label.en,
                            show_formula_en ? formula_en : "", show_formula_en ? " = " : "",
                            show_values ? values : "", show_values ? " = " : "", result_text));
}

static void
run_let (Computation *computation,
         ShenbaoStep *step)
{
  ShenbaoValue value;
  g_autofree char *formula_zh = NULL, *formula_en = NULL, *values = NULL, *result_text = NULL;

  if (!evaluate_step (computation, step, &value, &formula_zh, &formula_en, &values))
    return;
  result_text = shenbao_value_format (&value);
  explain_step (computation, step, formula_zh, formula_en, values, result_text);
  g_hash_table_replace (computation->scope->lets, g_strdup (step->name), shenbao_value_copy (&value));
  g_hash_table_replace (computation->scope->let_labels, g_strdup (step->name), step);
}

static void
explain_next_tier (Computation       *computation,
                   ShenbaoStep       *step,
                   const ShenbaoTier *next,
                   ShenbaoDecimal     reached_amount)
{
  g_autofree char *threshold = format_amount (next->threshold);
  g_autofree char *amount = format_amount (next->amount);
  ShenbaoDecimal extra;
  g_autofree char *extra_text = NULL;

  if (!shenbao_decimal_sub (next->amount, reached_amount, &extra))
    return;
  extra_text = format_amount (extra);
  explain (computation->result->lines,
           g_strdup_printf ("下一档：%s %s 时该档奖励 %s（比已达到的档多 %s）",
                            step->strict ? "超过" : "达到", threshold, amount, extra_text),
           g_strdup_printf ("Next tier: %s %s, the tier pays %s (%s more than the tier reached)",
                            step->strict ? "above" : "at least", threshold, amount, extra_text));
}

static void
run_tiers (Computation *computation,
           ShenbaoStep *step)
{
  ShenbaoValue base;
  g_autofree char *formula_zh = NULL, *formula_en = NULL, *values = NULL, *base_text = NULL;
  ShenbaoDecimal reached = { 0 };
  int reached_index = -1;

  if (!evaluate_step (computation, step, &base, &formula_zh, &formula_en, &values))
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

  base_text = shenbao_value_format (&base);
  explain (computation->result->lines,
           g_strdup_printf ("%s：%s = %s", step->label.zh, formula_zh, base_text),
           g_strdup_printf ("%s: %s = %s", step->label.en, formula_en, base_text));
  if (reached_index < 0)
    {
      g_autofree char *lowest = format_amount (g_array_index (step->tiers, ShenbaoTier, 0).threshold);
      explain (computation->result->lines,
               g_strdup_printf ("%s 未%s最低档 %s：不予奖励", base_text, step->strict ? "超过" : "达到", lowest),
               g_strdup_printf ("%s is not %s the lowest tier, %s: no award", base_text,
                                step->strict ? "above" : "at or above", lowest));
    }
  else
    {
      ShenbaoTier *tier = &g_array_index (step->tiers, ShenbaoTier, reached_index);
      g_autofree char *threshold = format_amount (tier->threshold);
      g_autofree char *amount = format_amount (tier->amount);

      explain (computation->result->lines,
               g_strdup_printf ("%s %s %s：该档奖励 %s", base_text, step->strict ? "超过" : "达到", threshold, amount),
               g_strdup_printf ("%s is %s %s: the tier pays %s", base_text,
                                step->strict ? "above" : "at or above", threshold, amount));
    }
  if ((guint) (reached_index + 1) < step->tiers->len)
    explain_next_tier (computation, step, &g_array_index (step->tiers, ShenbaoTier, reached_index + 1), reached);

  computation->current = reached;
  computation->have_current = TRUE;
}

static void
run_amount_step (Computation *computation,
                 ShenbaoStep *step)
{
  ShenbaoValue value;
  g_autofree char *formula_zh = NULL, *formula_en = NULL, *values = NULL;
  g_autofree char *before = NULL, *after = NULL, *operand = NULL;
  ShenbaoDecimal result;

  if (!evaluate_step (computation, step, &value, &formula_zh, &formula_en, &values))
    return;

  operand = shenbao_value_format (&value);
  switch (step->kind)
    {
    case SHENBAO_STEP_AMOUNT:
      computation->current = value.number;
      computation->have_current = TRUE;
      explain_step (computation, step, formula_zh, formula_en, values, operand);
      return;

    case SHENBAO_STEP_LESS:
      if (!computation->have_current)
        return;
      if (!shenbao_decimal_sub (computation->current, value.number, &result))
        {
          computation->stopped = computation->needed = TRUE;
          return;
        }
      if (result.micros < 0)
        result.micros = 0;
      before = format_amount (computation->current);
      after = format_amount (result);
      explain (computation->result->lines,
               g_strdup_printf ("%s：%s − %s = %s（不低于 0）", step->label.zh, before, operand, after),
               g_strdup_printf ("%s: %s − %s = %s (never below 0)", step->label.en, before, operand, after));
      computation->current = result;
      return;

    case SHENBAO_STEP_SCALE:
      if (!computation->have_current)
        return;
      if (!shenbao_decimal_mul (computation->current, value.number, &result))
        {
          computation->stopped = computation->needed = TRUE;
          g_set_error (&computation->result->error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
                       "the amount is too large to compute exactly");
          return;
        }
      before = format_amount (computation->current);
      after = format_amount (result);
      explain (computation->result->lines,
               g_strdup_printf ("%s：%s × %s = %s", step->label.zh, before, operand, after),
               g_strdup_printf ("%s: %s × %s = %s", step->label.en, before, operand, after));
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
  g_autofree char *formula_zh = NULL, *formula_en = NULL, *values = NULL, *cap_text = NULL;
  g_autofree char *current_text = NULL;
  gboolean was_stopped = computation->stopped;

  /* A cap is evaluated even when the amount is unknown, so a review clause can show its maximum. */
  computation->stopped = FALSE;
  if (!evaluate_step (computation, step, &value, &formula_zh, &formula_en, &values))
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
  cap_text = format_amount (value.number);

  if (!computation->have_current || computation->stopped)
    {
      explain_step (computation, step, formula_zh, formula_en, values, cap_text);
      return;
    }

  current_text = format_amount (computation->current);
  if (shenbao_decimal_compare (computation->current, value.number) > 0)
    {
      explain (computation->result->lines,
               g_strdup_printf ("%s：上限 %s 起作用，%s 减为 %s", step->label.zh, cap_text, current_text, cap_text),
               g_strdup_printf ("%s: the cap of %s binds, %s becomes %s", step->label.en, cap_text,
                                current_text, cap_text));
      computation->current = value.number;
    }
  else
    explain (computation->result->lines,
             g_strdup_printf ("%s：上限 %s，未超过（%s）", step->label.zh, cap_text, current_text),
             g_strdup_printf ("%s: cap %s, not reached (%s)", step->label.en, cap_text, current_text));
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

static void
apply_top_up (Scope               *scope,
              ShenbaoClauseResult *result)
{
  for (guint i = 0; i < scope->policy->rules->len; i++)
    {
      ShenbaoRule *rule = g_ptr_array_index (scope->policy->rules, i);
      const ShenbaoValue *paid;
      g_autofree char *paid_text = NULL, *before = NULL, *after = NULL;
      gint64 remaining;

      if (rule->kind != SHENBAO_RULE_TOP_UP || shenbao_clause_find_field (scope->clause, rule->field) == NULL)
        continue;
      paid = scope_lookup (rule->field, scope);
      if (paid == NULL || paid->type != SHENBAO_VALUE_NUMBER || shenbao_decimal_is_zero (paid->number))
        continue;

      remaining = MAX (0, result->award_fen - shenbao_decimal_round_to_fen (paid->number));
      paid_text = shenbao_value_format (paid);
      before = shenbao_fen_format (result->award_fen);
      after = shenbao_fen_format (remaining);
      explain (result->lines,
               g_strdup_printf ("先执行上级规定，区级补足差额：%s − %s = %s（%s）", before, paid_text, after, rule->text.zh),
               g_strdup_printf ("Higher level first, the district tops up: %s − %s = %s (%s)", before, paid_text,
                                after, rule->text.en));
      result->award_fen = remaining;
    }
}

static void
compute_amount (Scope               *scope,
                ShenbaoClauseResult *result)
{
  Computation computation = { scope, result, { 0 }, FALSE, FALSE, FALSE, FALSE, { 0 } };

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
  if (computation.current.micros % 10000 != 0)
    {
      g_autofree char *exact = shenbao_decimal_format (computation.current);
      g_autofree char *rounded = shenbao_fen_format (result->award_fen);
      explain (result->lines,
               g_strdup_printf ("按四舍五入保留到分：%s → %s", exact, rounded),
               g_strdup_printf ("Rounded half-up to the fen: %s → %s", exact, rounded));
    }
  apply_top_up (scope, result);
}

static void
explain_review (ShenbaoClauseResult *result)
{
  g_autofree char *cap = result->has_cap ? shenbao_fen_format (result->cap_fen) : NULL;

  switch (result->clause->kind)
    {
    case SHENBAO_AWARD_REVIEW:
      if (!result->has_amount)
        explain (result->lines,
                 cap != NULL ? g_strdup_printf ("金额经审核确定，最高 %s", cap) : g_strdup ("金额经审核确定，文件未给出上限"),
                 cap != NULL ? g_strdup_printf ("Amount determined on review, at most %s", cap)
                             : g_strdup ("Amount determined on review; the document gives no maximum"));
      break;
    case SHENBAO_AWARD_OTHER_POLICY:
      if (!result->has_amount)
        explain (result->lines,
                 g_strdup ("金额按其他政策确定：请填写该政策给出的金额"),
                 g_strdup ("The amount is set by another policy: enter the figure it gives"));
      break;
    case SHENBAO_AWARD_NONE:
      explain (result->lines, g_strdup ("非资金支持（无金额）"), g_strdup ("Non-monetary support (no amount)"));
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

static ShenbaoClauseResult *
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

/* ------------------------------------------------------------------ policy-wide rules */

static gboolean
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

static void
apply_pools (ShenbaoPolicyResult *policy_result,
             Scope               *scope)
{
  for (guint r = 0; r < scope->policy->rules->len; r++)
    {
      ShenbaoRule *rule = g_ptr_array_index (scope->policy->rules, r);
      const ShenbaoValue *factor;
      g_autofree char *factor_text = NULL;

      if (rule->kind != SHENBAO_RULE_POOL)
        continue;
      factor = scope_lookup (rule->field, scope);
      if (factor == NULL || factor->type != SHENBAO_VALUE_NUMBER)
        continue;
      factor_text = shenbao_decimal_format (factor->number);

      for (guint i = 0; i < policy_result->clauses->len; i++)
        {
          ShenbaoClauseResult *result = g_ptr_array_index (policy_result->clauses, i);
          ShenbaoDecimal scaled, payout;
          g_autofree char *before = NULL, *after = NULL, *exact = NULL;

          if (!pays (result) || !rule_has_member (rule, result->clause->id))
            continue;
          if (shenbao_decimal_compare (factor->number, shenbao_decimal_from_int (1)) == 0)
            {
              g_autofree char *budget = format_amount (rule->budget);

              explain (result->lines,
                       g_strdup_printf ("年度资金池（%s）：比例系数 1，未缩减；全区兑现总额超过预算时按比例兑现", budget),
                       g_strdup_printf ("Annual pool (%s): factor 1, not reduced; paid pro rata if the district "
                                        "total exceeds the budget", budget));
              continue;
            }
          if (!shenbao_decimal_from_fen_checked (result->payout_fen, &payout)
              || !shenbao_decimal_mul (payout, factor->number, &scaled))
            {
              if (policy_result->error == NULL)
                g_set_error_literal (&policy_result->error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
                                     "the pool factor makes an amount too large to compute exactly");
              result->payout_fen = 0;
              continue;
            }
          before = shenbao_fen_format (result->payout_fen);
          exact = shenbao_decimal_format (scaled);
          result->payout_fen = shenbao_decimal_round_to_fen (scaled);
          after = shenbao_fen_format (result->payout_fen);
          explain (result->lines,
                   g_strdup_printf ("年度资金池按比例兑现：%s × %s = %s，保留到分 %s", before, factor_text, exact, after),
                   g_strdup_printf ("Annual pool paid pro rata: %s × %s = %s, to the fen %s", before,
                                    factor_text, exact, after));
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

static void
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
  g_autofree char *own = shenbao_fen_format (result->payout_fen);
  g_autofree char *theirs = rival != NULL ? shenbao_fen_format (rival->payout_fen) : g_strdup ("0.00");
  const char *rival_id = rival != NULL ? rival->clause->id : "?";
  const ShenbaoText *rule_text = question != NULL ? &question->rule->text : NULL;
  const char *why_zh, *why_en;

  if (question != NULL && question->certain)
    {
      why_zh = "政策文件表明两者为同一事项";
      why_en = "the policy text makes them one matter";
    }
  else if (question != NULL && question->answer == SHENBAO_SAME_MATTER_SAME)
    {
      why_zh = "您已确认两者为同一事项";
      why_en = "you said they are the same matter";
    }
  else
    {
      why_zh = "尚未确认是否同一事项，暂按同一事项估算";
      why_en = "not yet answered whether they are the same matter, so this estimate assumes they are";
    }

  result->dropped = TRUE;
  result->dropped_reason.zh = g_strdup_printf ("与第 %s 项可能属同一事项（%s）：%s；第 %s 项 %s 高于本项 %s，不重复享受，取高者",
                                               rival_id, rule_text != NULL ? rule_text->zh : "", why_zh,
                                               rival_id, theirs, own);
  result->dropped_reason.en = g_strdup_printf ("Same matter as clause %s (%s): %s; clause %s pays %s, more than %s here, "
                                               "so only the higher is counted",
                                               rival_id, rule_text != NULL ? rule_text->en : "", why_en,
                                               rival_id, theirs, own);
  explain (result->lines, g_strdup (result->dropped_reason.zh), g_strdup (result->dropped_reason.en));
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
resolve_linked_group (ShenbaoPolicyResult *policy_result,
                      GPtrArray           *members)
{
  SameMatterSearch search = { policy_result, members, NULL, NULL, -1 };

  if (members->len < 2)
    return;
  if (members->len > SHENBAO_SAME_MATTER_MAX_LINKED)
    {
      if (policy_result->error == NULL)
        g_set_error (&policy_result->error, SHENBAO_EXPR_ERROR, SHENBAO_EXPR_ERROR_OVERFLOW,
                     "%u claimed clauses are linked by same-matter rules; at most %d can be weighed",
                     members->len, SHENBAO_SAME_MATTER_MAX_LINKED);
      return;
    }
  search.chosen = g_new0 (gboolean, members->len);
  search.best = g_new0 (gboolean, members->len);
  search_same_matter (&search, 0, 0);

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
static void
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

static void
apply_combined_caps (ShenbaoPolicyResult *policy_result,
                     Scope               *scope)
{
  for (guint r = 0; r < scope->policy->rules->len; r++)
    {
      ShenbaoRule *rule = g_ptr_array_index (scope->policy->rules, r);
      ShenbaoEvalContext context = { scope_lookup, scope, NULL, NULL };
      ShenbaoValue cap;
      gint64 cap_fen, sum = 0;
      g_autofree char *cap_text = NULL, *sum_text = NULL;

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

      cap_text = shenbao_fen_format (cap_fen);
      sum_text = shenbao_fen_format (sum);
      if (rule->soft)
        {
          explain (policy_result->notes,
                   g_strdup_printf ("提示：相关条款合计 %s 超过 %s（%s），可能被核减", sum_text, cap_text, rule->text.zh),
                   g_strdup_printf ("Warning: the clauses together claim %s, more than %s (%s); they may be reduced",
                                    sum_text, cap_text, rule->text.en));
          continue;
        }

      /* A hard cap cuts from the last member claimed, leaving the earlier clauses whole. */
      for (guint i = policy_result->clauses->len; i-- > 0 && sum > cap_fen;)
        {
          ShenbaoClauseResult *result = g_ptr_array_index (policy_result->clauses, i);
          gint64 cut;

          if (!pays (result) || !rule_has_member (rule, result->clause->id))
            continue;
          g_autofree char *cut_text = NULL;

          cut = MIN (result->payout_fen, sum - cap_fen);
          result->payout_fen -= cut;
          sum -= cut;
          cut_text = shenbao_fen_format (cut);
          explain (result->lines,
                   g_strdup_printf ("合计上限 %s（%s）：本项核减 %s", cap_text, rule->text.zh, cut_text),
                   g_strdup_printf ("Combined cap %s (%s): this clause reduced by %s", cap_text, rule->text.en,
                                    cut_text));
        }
    }
}

static void
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

static void
explain_validity (ShenbaoPolicyResult *result,
                  const GDate         *as_of)
{
  char date[32];

  g_date_strftime (date, sizeof date, "%Y-%m-%d", as_of);
  switch (result->validity)
    {
    case SHENBAO_VALIDITY_DRAFT:
      explain (result->notes, g_strdup_printf ("注意：本政策为征求意见稿，%s 尚未生效，金额仅供参考", date),
               g_strdup_printf ("Note: this policy is a draft for comment, not in force on %s; amounts are indicative", date));
      break;
    case SHENBAO_VALIDITY_NOT_YET:
      explain (result->notes, g_strdup_printf ("注意：本政策在 %s 尚未施行", date),
               g_strdup_printf ("Note: this policy is not yet in force on %s", date));
      break;
    case SHENBAO_VALIDITY_EXPIRED:
      explain (result->notes, g_strdup_printf ("注意：本政策在 %s 已失效", date),
               g_strdup_printf ("Note: this policy has expired by %s", date));
      break;
    case SHENBAO_VALIDITY_IN_FORCE:
    default:
      break;
    }
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
  result->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);
  result->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  result->validity = shenbao_policy_get_validity (policy, as_of, &result->days_to_expiry);
  result->location_fits = shenbao_policy_area_matches (policy, company_region (&scope, "registered_region"));
  explain_validity (result, as_of);

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

/* ------------------------------------------------------------------ plain-text explanation */

static void
append_lines (GString   *out,
              GPtrArray *lines,
              gboolean   chinese,
              const char *indent)
{
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    g_string_append_printf (out, "%s%s\n", indent, shenbao_text_get (g_ptr_array_index (lines, i), chinese));
}

char *
shenbao_policy_result_explain (ShenbaoPolicyResult *result,
                               gboolean             chinese)
{
  static const char *kind_zh[] = { "确定金额", "最高金额", "经审核确定", "按其他政策", "非资金" };
  static const char *applies_zh[] = { "适用", "不适用", "待补充" };
  GString *out = g_string_new (NULL);
  g_autofree char *total = shenbao_fen_format (result->total_fen);
  g_autofree char *total_up_to = shenbao_fen_format (result->total_up_to_fen);

  g_string_append_printf (out, "%s (%s)\n", shenbao_text_get (&result->policy->title, chinese), result->policy->id);
  append_lines (out, result->notes, chinese, "  ");
  for (guint i = 0; i < result->clauses->len; i++)
    {
      ShenbaoClauseResult *clause_result = g_ptr_array_index (result->clauses, i);
      g_autofree char *award = shenbao_fen_format (clause_result->payout_fen);

      g_string_append_printf (out, "\n%s %s [%s, %s%s]%s%s\n", clause_result->clause->id,
                              shenbao_text_get (&clause_result->clause->title, chinese),
                              chinese ? kind_zh[clause_result->clause->kind]
                                      : shenbao_award_kind_to_string (clause_result->clause->kind),
                              chinese ? applies_zh[clause_result->applies]
                                      : shenbao_applicability_to_string (clause_result->applies),
                              clause_result->claimed ? "" : chinese ? "，未申报，不计入合计" : ", not claimed, not in the total",
                              clause_result->has_amount ? " " : "",
                              clause_result->has_amount ? award : "");
      for (guint j = 0; j < clause_result->unmet->len; j++)
        g_string_append_printf (out, "  %s %s\n", chinese ? "未满足：" : "Not met:",
                                shenbao_text_get (g_ptr_array_index (clause_result->unmet, j), chinese));
      for (guint j = 0; j < clause_result->missing->len; j++)
        {
          ShenbaoField *field = g_ptr_array_index (clause_result->missing, j);
          g_string_append_printf (out, "  %s %s (%s)\n", chinese ? "尚需填写：" : "Still needed:",
                                  shenbao_text_get (&field->label, chinese), field->input_key);
        }
      append_lines (out, clause_result->lines, chinese, "  ");
      if (clause_result->error != NULL)
        g_string_append_printf (out, "  %s %s\n", chinese ? "错误：" : "Error:", clause_result->error->message);
    }
  for (guint i = 0; i < result->questions->len; i++)
    {
      ShenbaoSameMatterQuestion *question = g_ptr_array_index (result->questions, i);
      const char *answer_zh = question->certain ? "政策文件表明属同一事项"
                              : question->answer == SHENBAO_SAME_MATTER_SAME ? "已确认属同一事项"
                              : question->answer == SHENBAO_SAME_MATTER_DISTINCT ? "已确认为不同事项"
                              : "尚未回答，暂按同一事项估算（--same 或 --distinct）";
      const char *answer_en = question->certain ? "one matter, as the policy text says"
                              : question->answer == SHENBAO_SAME_MATTER_SAME ? "you said the same matter"
                              : question->answer == SHENBAO_SAME_MATTER_DISTINCT ? "you said different matters"
                              : "not answered; estimated as the same matter (--same or --distinct)";

      if (i == 0)
        g_string_append (out, chinese ? "\n是否同一事项：\n" : "\nSame matter?\n");
      g_string_append_printf (out, "  %s + %s: %s (%s)\n", question->a->clause->id, question->b->clause->id,
                              chinese ? answer_zh : answer_en, shenbao_text_get (&question->rule->text, chinese));
    }
  if (result->error != NULL)
    g_string_append_printf (out, "%s %s\n", chinese ? "错误：" : "Error:", result->error->message);
  g_string_append_printf (out, "\n%s %s\n%s %s\n", chinese ? "合计（确定金额）：" : "Total (exact):", total,
                          chinese ? "合计（含“最高”金额）：" : "Total (with “up to” maxima):", total_up_to);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ worked examples */

static gboolean
apply_settings (ShenbaoPolicySet *set,
                ShenbaoPolicy    *policy,
                ShenbaoClause    *clause,
                ShenbaoExample   *example,
                ShenbaoInputs    *inputs,
                GString          *failure)
{
  for (guint i = 0; i < example->settings->len; i++)
    {
      ShenbaoSetting *setting = g_ptr_array_index (example->settings, i);
      g_autofree char *key = NULL;
      g_autofree char *qualified = NULL;
      ShenbaoField *field = NULL;
      g_autoptr(GError) error = NULL;
      ShenbaoValue *value;

      /* In a clause's example a bare field name means that clause's field. */
      if (clause != NULL && strchr (setting->name, '/') == NULL
          && shenbao_clause_find_field (clause, setting->name) != NULL)
        qualified = g_strdup_printf ("%s/%s", clause->id, setting->name);

      if (!shenbao_policy_set_resolve_name (set, policy, qualified != NULL ? qualified : setting->name,
                                            &key, &field, &error))
        {
          g_string_append (failure, error->message);
          return FALSE;
        }
      value = shenbao_field_parse_value (field, setting->value != NULL ? setting->value : "", &error);
      if (value == NULL)
        {
          g_string_append (failure, error->message);
          return FALSE;
        }
      shenbao_inputs_take (inputs, key, value);
    }
  return TRUE;
}

static gboolean
expect_amount (const char *expected_text,
               gint64      actual_fen,
               const char *what,
               GString    *failure)
{
  ShenbaoDecimal expected;
  g_autofree char *actual = NULL;

  if (expected_text == NULL)
    return TRUE;
  if (!shenbao_decimal_parse (expected_text, &expected, NULL))
    {
      g_string_append_printf (failure, "%s: “%s” is not an amount", what, expected_text);
      return FALSE;
    }
  if (shenbao_decimal_round_to_fen (expected) == actual_fen && expected.micros % 10000 == 0)
    return TRUE;
  actual = shenbao_fen_format (actual_fen);
  g_string_append_printf (failure, "%s: expected %s, computed %s", what, expected_text, actual);
  return FALSE;
}

static void
example_as_of (ShenbaoPolicy *policy,
               GDate         *as_of)
{
  /* Examples check amounts, which do not depend on the date; a fixed date keeps them stable. */
  if (g_date_valid (&policy->effective))
    *as_of = policy->effective;
  else
    g_date_set_dmy (as_of, 1, G_DATE_JUNE, 2025);
}

static gboolean
check_clause_example (ShenbaoPolicySet *set,
                      ShenbaoClause    *clause,
                      ShenbaoExample   *example,
                      GString          *failure)
{
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  g_autoptr(ShenbaoPolicyResult) result = NULL;
  ShenbaoClauseResult *clause_result;
  GDate as_of;

  g_date_clear (&as_of, 1);
  example_as_of (clause->policy, &as_of);
  if (!apply_settings (set, clause->policy, clause, example, inputs, failure))
    return FALSE;

  result = shenbao_engine_compute (set, clause->policy, inputs, &as_of);
  clause_result = shenbao_policy_result_find (result, clause->id);
  if (clause_result->error != NULL)
    {
      g_string_append (failure, clause_result->error->message);
      return FALSE;
    }
  if (example->applies != NULL
      && !g_str_equal (example->applies, shenbao_applicability_to_string (clause_result->applies)))
    {
      g_string_append_printf (failure, "expected applies=%s, computed %s", example->applies,
                              shenbao_applicability_to_string (clause_result->applies));
      for (guint i = 0; i < clause_result->unmet->len; i++)
        g_string_append_printf (failure, "; not met: %s", ((ShenbaoText *) g_ptr_array_index (clause_result->unmet, i))->en);
      for (guint i = 0; i < clause_result->missing->len; i++)
        g_string_append_printf (failure, "; missing: %s",
                                ((ShenbaoField *) g_ptr_array_index (clause_result->missing, i))->input_key);
      return FALSE;
    }
  if (example->award != NULL && !clause_result->has_amount)
    {
      g_string_append_printf (failure, "expected award %s, but no amount was computed", example->award);
      return FALSE;
    }
  return expect_amount (example->award, clause_result->award_fen, "award", failure);
}

static gboolean
check_dropped (ShenbaoPolicyResult *result,
               const char          *expected,
               GString             *failure)
{
  g_auto(GStrv) expected_ids = g_strsplit_set (expected != NULL ? expected : "", " ,", -1);
  g_autoptr(GString) actual = g_string_new (NULL);
  g_autoptr(GString) wanted = g_string_new (NULL);

  for (guint i = 0; i < result->clauses->len; i++)
    {
      ShenbaoClauseResult *clause_result = g_ptr_array_index (result->clauses, i);
      if (clause_result->dropped)
        g_string_append_printf (actual, "%s%s", actual->len > 0 ? " " : "", clause_result->clause->id);
    }
  for (guint i = 0; expected_ids[i] != NULL; i++)
    if (*expected_ids[i] != '\0')
      g_string_append_printf (wanted, "%s%s", wanted->len > 0 ? " " : "", expected_ids[i]);

  if (g_str_equal (actual->str, wanted->str))
    return TRUE;
  g_string_append_printf (failure, "dropped: expected “%s”, computed “%s”", wanted->str, actual->str);
  return FALSE;
}

static gboolean
check_policy_example (ShenbaoPolicySet *set,
                      ShenbaoPolicy    *policy,
                      ShenbaoExample   *example,
                      GString          *failure)
{
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  g_autoptr(ShenbaoPolicyResult) result = NULL;
  GDate as_of;

  g_date_clear (&as_of, 1);
  example_as_of (policy, &as_of);
  if (!apply_settings (set, policy, NULL, example, inputs, failure))
    return FALSE;
  result = shenbao_engine_compute (set, policy, inputs, &as_of);

  if (!expect_amount (example->total, result->total_fen, "total", failure)
      || !expect_amount (example->total_up_to, result->total_up_to_fen, "total-up-to", failure)
      || !check_dropped (result, example->dropped, failure))
    return FALSE;

  for (guint i = 0; i < example->payouts->len; i++)
    {
      ShenbaoSetting *payout = g_ptr_array_index (example->payouts, i);
      ShenbaoClauseResult *clause_result = shenbao_policy_result_find (result, payout->name);
      g_autofree char *what = g_strdup_printf ("payout of %s", payout->name);

      if (clause_result == NULL)
        {
          g_string_append_printf (failure, "no clause %s", payout->name);
          return FALSE;
        }
      if (!expect_amount (payout->value, clause_result->payout_fen, what, failure))
        return FALSE;
    }
  return TRUE;
}

/* Runs every worked example of the policy; each mismatch becomes "file:line: example ID: …". */
gboolean
shenbao_engine_check_examples (ShenbaoPolicySet *set,
                               ShenbaoPolicy    *policy,
                               GPtrArray        *problems,
                               guint            *n_checked)
{
  guint before = problems->len;
  guint checked = 0;

  for (guint c = 0; c < policy->clauses->len; c++)
    {
      ShenbaoClause *clause = g_ptr_array_index (policy->clauses, c);

      for (guint e = 0; e < clause->examples->len; e++)
        {
          ShenbaoExample *example = g_ptr_array_index (clause->examples, e);
          g_autoptr(GString) failure = g_string_new (NULL);

          checked++;
          if (!check_clause_example (set, clause, example, failure))
            g_ptr_array_add (problems, g_strdup_printf ("%s:%d: clause %s, example %s: %s", policy->path,
                                                        example->line, clause->id, example->id, failure->str));
        }
    }

  for (guint e = 0; e < policy->examples->len; e++)
    {
      ShenbaoExample *example = g_ptr_array_index (policy->examples, e);
      g_autoptr(GString) failure = g_string_new (NULL);

      checked++;
      if (!check_policy_example (set, policy, example, failure))
        g_ptr_array_add (problems, g_strdup_printf ("%s:%d: policy example %s: %s", policy->path, example->line,
                                                    example->id, failure->str));
    }

  if (n_checked != NULL)
    *n_checked = checked;
  return problems->len == before;
}
