/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-engine"

#include "config.h"

#include <string.h>

#include "shenbao-engine-private.h"

/* A policy file's worked examples, each computed and held against the amount its author worked
 * out by hand: `shenbao-cli validate` fails on any that differ. */

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
  if (!expect_amount (example->award, clause_result->award_fen, "award", failure))
    return FALSE;
  if (example->award_alternative != NULL)
    {
      ShenbaoWorkStep *alternative = clause_result->alternatives != NULL && clause_result->alternatives->len > 0
                                     ? g_ptr_array_index (clause_result->alternatives, 0) : NULL;

      if (alternative == NULL)
        {
          g_string_append_printf (failure, "expected %s under the other reading, but no flag gives one",
                                  example->award_alternative);
          return FALSE;
        }
      return expect_amount (example->award_alternative, shenbao_decimal_round_to_fen (alternative->after),
                            "award under the other reading", failure);
    }
  return TRUE;
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
