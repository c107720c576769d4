/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "test-compute.h"

ShenbaoPolicyResult *
test_compute_valist (ShenbaoPolicySet *set,
                     const char       *policy_id,
                     const char       *as_of_text,
                     va_list           args)
{
  ShenbaoPolicy *policy = shenbao_policy_set_lookup (set, policy_id);
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  const char *setting;
  GDate as_of;
  int y, m, d;

  g_assert_nonnull (policy);
  while ((setting = va_arg (args, const char *)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (setting, "=", 2);
      g_autofree char *key = NULL;
      g_autoptr(GError) error = NULL;
      ShenbaoField *field = NULL;
      ShenbaoValue *value;

      g_assert_true (shenbao_policy_set_resolve_name (set, policy, parts[0], &key, &field, &error));
      g_assert_no_error (error);
      value = shenbao_field_parse_value (field, parts[1], &error);
      g_assert_no_error (error);
      shenbao_inputs_take (inputs, key, value);
    }

  g_assert_cmpint (sscanf (as_of_text, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, d, m, y);
  return shenbao_engine_compute (set, policy, inputs, &as_of);
}

ShenbaoPolicyResult *
test_compute (ShenbaoPolicySet *set,
              const char       *policy_id,
              const char       *as_of_text,
              ...)
{
  ShenbaoPolicyResult *result;
  va_list args;

  va_start (args, as_of_text);
  result = test_compute_valist (set, policy_id, as_of_text, args);
  va_end (args);
  return result;
}

ShenbaoClauseResult *
test_clause (ShenbaoPolicyResult *result,
             const char          *id)
{
  ShenbaoClauseResult *found = shenbao_policy_result_find (result, id);

  g_assert_nonnull (found);
  return found;
}
