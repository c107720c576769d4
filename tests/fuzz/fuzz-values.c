/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: what a user types into a field — money with ￥/元/万/亿, numbers with
 * thousands separators, full-width forms, dates, credit codes, list text — through the same
 * readers the forms and the CLI use. The first byte picks the reader, the rest is the text. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "shenbao-credit-code.h"
#include "shenbao-inputs.h"
#include "shenbao-parse.h"
#include "shenbao-policy-set.h"

static ShenbaoPolicySet *set;
static GPtrArray *fields;   /* ShenbaoField *, borrowed from the set */

static void
add_field (const char *policy_id,
           const char *name)
{
  g_autofree char *key = NULL;
  ShenbaoField *field = NULL;
  ShenbaoPolicy *policy = policy_id != NULL ? shenbao_policy_set_lookup (set, policy_id) : NULL;

  g_assert (shenbao_policy_set_resolve_name (set, policy, name, &key, &field, NULL));
  g_ptr_array_add (fields, field);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *facts;

  fuzz_make_warnings_fatal ();
  g_setenv ("SHENBAO_POLICY_DIR", POLICIES_SOURCE_DIR, TRUE);
  set = shenbao_policy_set_new_default (&error);
  g_assert_no_error (error);
  fields = g_ptr_array_new ();
  /* Every company fact (money, bool, choice, region, credit code, text…), then an integer field
   * and a list field with a money column. */
  facts = shenbao_policy_set_get_facts (set);
  for (guint i = 0; i < facts->len; i++)
    g_ptr_array_add (fields, g_ptr_array_index (facts, i));
  add_field ("suzhou-2025", "8c/parameter_count");
  add_field ("pudong-2024", "7/orders");
  return 0;
}

/* A number the program writes must read back as the same number. */
static void
check_decimal_round_trip (ShenbaoDecimal value)
{
  g_autofree char *plain = shenbao_decimal_to_string (value);
  g_autofree char *grouped = shenbao_decimal_format (value);
  ShenbaoDecimal back;

  g_assert (shenbao_decimal_parse (plain, &back, NULL) && back.micros == value.micros);
  g_assert (shenbao_decimal_parse (grouped, &back, NULL) && back.micros == value.micros);
}

/* Joining what was split gives text that splits into the same cells. */
static void
check_list_round_trip (const char *text)
{
  g_autoptr(GPtrArray) rows = shenbao_list_text_split (text, NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *joined = NULL;

  if (rows == NULL)
    return;
  joined = shenbao_list_text_join (rows);
  again = shenbao_list_text_split (joined, NULL);
  g_assert (again != NULL);
  g_assert (again->len == rows->len);
  for (guint r = 0; r < rows->len; r++)
    g_assert (g_strv_equal (g_ptr_array_index (rows, r), g_ptr_array_index (again, r)));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        gsize         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  ShenbaoDecimal value;
  GDate date;
  guint8 choice;

  if (size == 0)
    return 0;
  choice = data[0];
  text = fuzz_text (data + 1, size - 1);

  switch (choice % 6)
    {
    case 0:
      if (shenbao_decimal_parse_money (text, &value, &error))
        check_decimal_round_trip (value);
      break;
    case 1:
      if (shenbao_decimal_parse_amount (text, &value, &error))
        check_decimal_round_trip (value);
      break;
    case 2:
      if (shenbao_decimal_parse (text, &value, &error))
        check_decimal_round_trip (value);
      break;
    case 3:
      if (shenbao_date_parse (text, &date, &error))
        g_assert (g_date_valid (&date) && g_date_get_year (&date) >= 1000 && g_date_get_year (&date) <= 9999);
      break;
    case 4:
      if (shenbao_credit_code_validate (text, &error))
        {
          g_autofree char *folded = shenbao_text_fold_width (text);
          g_assert (strlen (folded) == 18);
        }
      check_list_round_trip (text);
      break;
    default:
      {
        ShenbaoField *field = g_ptr_array_index (fields, (choice / 6) % fields->len);
        g_autoptr(ShenbaoValue) parsed = shenbao_field_parse_value (field, text, &error);

        if (parsed != NULL)
          {
            g_autofree char *shown = shenbao_value_format (parsed);
            g_autofree char *stored = shenbao_value_to_string (parsed);
          }
      }
      break;
    }
  /* Failure always says why. */
  g_assert (error == NULL || error->message != NULL);
  return 0;
}
