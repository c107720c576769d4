/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shenbao-inputs.h"
#include "shenbao-parse.h"
#include "shenbao-policy-private.h"
#include "shenbao-policy-set.h"

/* ------------------------------------------------------------------ dates */

static void
assert_date (const char *text,
             int         year,
             int         month,
             int         day)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (!shenbao_date_parse (text, &date, &error))
    g_error ("“%s” refused: %s", text, error->message);
  g_assert_cmpint (g_date_get_year (&date), ==, year);
  g_assert_cmpint (g_date_get_month (&date), ==, month);
  g_assert_cmpint (g_date_get_day (&date), ==, day);
}

static void
assert_not_date (const char *text,
                 const char *why)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_false (shenbao_date_parse (text, &date, &error));
  g_assert_error (error, SHENBAO_PARSE_ERROR, SHENBAO_PARSE_ERROR_INVALID);
  g_assert_false (g_date_valid (&date));
  if (strstr (error->message, why) == NULL)
    g_error ("“%s”: “%s” does not say “%s”", text, error->message, why);
}

/* What finance staff type, in ASCII and in full-width forms. */
static void
test_dates_accepted (void)
{
  assert_date ("2025-06-30", 2025, 6, 30);
  assert_date ("2025/06/30", 2025, 6, 30);
  assert_date ("2025.6.30", 2025, 6, 30);
  assert_date ("2025-6-3", 2025, 6, 3);
  assert_date ("2025年6月30日", 2025, 6, 30);
  assert_date ("2025年6月30", 2025, 6, 30);
  assert_date ("２０２５年６月３０日", 2025, 6, 30);
  assert_date ("２０２５－０６－３０", 2025, 6, 30);
  assert_date ("  2024-02-29 ", 2024, 2, 29);
  assert_date ("\u30002025/12/31\u3000", 2025, 12, 31);
}

/* Each of these was once stored: sscanf read the digits it could and GDate truncated them. */
static void
test_dates_refused (void)
{
  assert_not_date ("67561-01-01", "the year must have four digits");
  assert_not_date ("2025-01-257", "the year, month and day");
  assert_not_date ("2025-01--255", "the year, month and day");
  assert_not_date ("-2025-01-01", "the year must have four digits");
  assert_not_date ("4294969321-01-01", "the year must have four digits");
  assert_not_date ("25-01-01", "the year must have four digits");
  assert_not_date ("0999-01-01", "the year must have four digits");
  assert_not_date ("2025-13-01", "there is no month 13");
  assert_not_date ("2025-00-10", "there is no month 0");
  /* 2025 is not a leap year; 2024 was. */
  assert_not_date ("2025-02-29", "month 2 of 2025 has 28 days");
  assert_not_date ("2025-04-31", "month 4 of 2025 has 30 days");
  assert_not_date ("2025-06-00", "month 6 of 2025 has 30 days");
  assert_not_date ("2025-06/30", "the year, month and day");
  assert_not_date ("2025年6-30", "the year, month and day");
  assert_not_date ("2025-06-30x", "more text after the day");
  assert_not_date ("2025-06-30日", "more text after the day");
  assert_not_date ("", "the year must have four digits");
  assert_not_date ("tomorrow", "the year must have four digits");
}

/* A date field says which field, and why. */
static void
test_date_field (void)
{
  g_autoptr(GError) error = NULL;
  ShenbaoField field = { .type = SHENBAO_FIELD_DATE, .label = { (char *) "成立日期", (char *) "Founded" } };
  ShenbaoValue *value = shenbao_field_parse_value (&field, "2025年6月30日", &error);
  GDate expected;

  g_assert_no_error (error);
  g_date_clear (&expected, 1);
  g_date_set_dmy (&expected, 30, 6, 2025);
  g_assert_cmpint (value->julian_day, ==, (gint32) g_date_get_julian (&expected));
  shenbao_value_free (value);

  g_assert_null (shenbao_field_parse_value (&field, "2025-01-257", &error));
  g_assert_cmpstr (error->message, ==,
                   "Founded: “2025-01-257” is not a date: write the year, month and day, as in "
                   "2025-06-30 or 2025年6月30日");
}

static void
test_fold_width (void)
{
  g_autofree char *digits = shenbao_text_fold_width ("２０００万，１２．５％");
  g_autofree char *kept = shenbao_text_fold_width ("￥1,200元\u3000");

  g_assert_cmpstr (digits, ==, "2000万,12.5%");
  g_assert_cmpstr (kept, ==, "￥1,200元 ");
}

/* ------------------------------------------------------------------ numbers in fields */

static ShenbaoPolicySet *
policy_set (void)
{
  g_autoptr(GError) error = NULL;
  ShenbaoPolicySet *set = shenbao_policy_set_new_default (&error);

  g_assert_no_error (error);
  return set;
}

static ShenbaoField *
find_field (ShenbaoPolicySet *set,
            const char       *policy_id,
            const char       *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  ShenbaoField *field = NULL;

  g_assert_true (shenbao_policy_set_resolve_name (set, shenbao_policy_set_lookup (set, policy_id), name,
                                                  &key, &field, &error));
  g_assert_no_error (error);
  return field;
}

static gint64
field_micros (ShenbaoField *field,
              const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoValue) value = shenbao_field_parse_value (field, text, &error);
  gint64 micros;

  if (value == NULL)
    g_error ("“%s” refused: %s", text, error->message);
  micros = value->number.micros;
  return micros;
}

static void
assert_field_refuses (ShenbaoField *field,
                      const char   *text,
                      const char   *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (shenbao_field_parse_value (field, text, &error));
  g_assert_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

#define MICROS(units) (G_GINT64_CONSTANT (units) * SHENBAO_DECIMAL_SCALE)

/* The field hint reads "100亿（10000000000）": an integer field takes 亿 and 万 as money does. */
static void
test_integer_field (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  ShenbaoField *parameters = find_field (set, "suzhou-2025", "8c/parameter_count");

  g_assert_cmpint (field_micros (parameters, "120亿"), ==, MICROS (12000000000));
  g_assert_cmpint (field_micros (parameters, "１２０亿"), ==, MICROS (12000000000));
  g_assert_cmpint (field_micros (parameters, "12,000,000,000"), ==, MICROS (12000000000));
  g_assert_cmpint (field_micros (parameters, "1.5万"), ==, MICROS (15000));
  assert_field_refuses (parameters, "1.5", "Number of model parameters: “1.5” is not a whole number");
  assert_field_refuses (parameters, "1,5亿",
                        "Number of model parameters: “1,5亿” is not a number: a comma separates "
                        "thousands, so three digits follow each comma (1,200 or 12,000,000.50)");
  /* Money signs belong to money fields. */
  assert_field_refuses (parameters, "120亿元", "Number of model parameters: “120亿元” is not a number");
}

static void
test_money_field (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  ShenbaoField *fees = shenbao_policy_set_find_fact (set, "compute_fees_paid");

  g_assert_cmpint (field_micros (fees, "２０００万"), ==, MICROS (20000000));
  g_assert_cmpint (field_micros (fees, "１，２００"), ==, MICROS (1200));
  g_assert_cmpint (field_micros (fees, "１２００．５"), ==, MICROS (1200) + 500000);
  g_assert_cmpint (field_micros (fees, "￥1,200.50"), ==, MICROS (1200) + 500000);
  g_assert_cmpint (field_micros (fees, "¥ 1200元"), ==, MICROS (1200));
  g_assert_cmpint (field_micros (fees, "1.5亿元"), ==, MICROS (150000000));
  g_assert_cmpint (field_micros (fees, "12,000,000.50"), ==, MICROS (12000000) + 500000);
  assert_field_refuses (fees, "1,5万",
                        "AI compute fees actually paid this year: “1,5万” is not a number: a comma "
                        "separates thousands, so three digits follow each comma (1,200 or "
                        "12,000,000.50)");
  assert_field_refuses (fees, ",,8,,0,,0,,万",
                        "AI compute fees actually paid this year: “,,8,,0,,0,,万” is not a number: a "
                        "comma separates thousands, so three digits follow each comma (1,200 or "
                        "12,000,000.50)");
  assert_field_refuses (fees, "1234,567",
                        "AI compute fees actually paid this year: “1234,567” is not a number: a comma "
                        "separates thousands, so three digits follow each comma (1,200 or "
                        "12,000,000.50)");
  assert_field_refuses (fees, "1,200,00",
                        "AI compute fees actually paid this year: “1,200,00” is not a number: a comma "
                        "separates thousands, so three digits follow each comma (1,200 or "
                        "12,000,000.50)");
  assert_field_refuses (fees, "万", "AI compute fees actually paid this year: “万” is not a number");
  assert_field_refuses (fees, "200万万", "AI compute fees actually paid this year: “200万万” is not a number");
  assert_field_refuses (fees, "元200", "AI compute fees actually paid this year: “元200” is not a number");
}

/* ------------------------------------------------------------------ list text */

static GPtrArray *
rows_of (const char *first,
         ...)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_list args;

  va_start (args, first);
  for (const char *row = first; row != NULL; row = va_arg (args, const char *))
    {
      /* g_strsplit makes no cells of "", where a row of one empty cell is meant. */
      char **cells = *row == '\0' ? g_strsplit ("", "|", 2) : g_strsplit (row, "|", -1);

      if (cells[0] == NULL)
        {
          g_strfreev (cells);
          cells = g_new0 (char *, 2);
          cells[0] = g_strdup ("");
        }
      g_ptr_array_add (rows, cells);
    }
  va_end (args);
  return rows;
}

static void
assert_rows_equal (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint r = 0; r < a->len; r++)
    g_assert_true (g_strv_equal (g_ptr_array_index (a, r), g_ptr_array_index (b, r)));
}

/* Cells with commas, quotes and semicolons come back as they went in; cells without any are
 * written as before quoting existed. */
static void
test_list_text_round_trip (void)
{
  g_autoptr(GPtrArray) plain = rows_of ("8|6400000", "6|3000000", NULL);
  g_autoptr(GPtrArray) awkward = rows_of ("8|2,400,000", "say \"hi\"|a;b", " padded |", "", NULL);
  g_autofree char *plain_text = shenbao_list_text_join (plain);
  g_autofree char *awkward_text = shenbao_list_text_join (awkward);
  g_autoptr(GPtrArray) plain_back = NULL;
  g_autoptr(GPtrArray) awkward_back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (plain_text, ==, "8,6400000;6,3000000");
  g_assert_cmpstr (awkward_text, ==, "8,\"2,400,000\";\"say \"\"hi\"\"\",\"a;b\";\" padded \",;\"\"");

  plain_back = shenbao_list_text_split (plain_text, &error);
  g_assert_no_error (error);
  assert_rows_equal (plain_back, plain);
  awkward_back = shenbao_list_text_split (awkward_text, &error);
  g_assert_no_error (error);
  assert_rows_equal (awkward_back, awkward);
}

static void
assert_split_fails (const char *text,
                    const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (shenbao_list_text_split (text, &error));
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_list_text_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blank = shenbao_list_text_split (" ; ;", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (blank->len, ==, 0);
  assert_split_fails ("1,2;3,\"4", "row 2: a quoted value has no closing quote");
  assert_split_fails ("1,\"2\"x", "row 1: only “,” or “;” may follow a closing quote");
  assert_split_fails ("1,2\"3\"", "row 1: a quote may only begin a value: write the whole value in quotes");
}

/* Pudong's sales orders: units and contract amount per row. A table cell typed 2,400,000 once
 * became three cells; quoted it is one amount, and a bad cell names its row and column. */
static void
test_list_field (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  ShenbaoField *orders = find_field (set, "pudong-2024", "7/orders");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoValue) value = shenbao_field_parse_value (orders, "8,\"2,400,000\";6,3000000", &error);
  ShenbaoValue *amount;

  g_assert_no_error (error);
  g_assert_cmpuint (value->rows->len, ==, 2);
  amount = g_hash_table_lookup (g_ptr_array_index (value->rows, 0), "contract_amount");
  g_assert_cmpint (amount->number.micros, ==, MICROS (2400000));
  amount = g_hash_table_lookup (g_ptr_array_index (value->rows, 1), "contract_amount");
  g_assert_cmpint (amount->number.micros, ==, MICROS (3000000));

  assert_field_refuses (orders, "8,6400000;6,\"2,400,00\"",
                        "Sales orders delivered this year: row 2: Contract amount: “2,400,00” is not a "
                        "number: a comma separates thousands, so three digits follow each comma "
                        "(1,200 or 12,000,000.50)");
  assert_field_refuses (orders, "8,2,400,000",
                        "Sales orders delivered this year: row 1 has 4 values; expected 2 (a value "
                        "with commas goes in quotes, as in \"2,400,000\")");
  assert_field_refuses (orders, "8",
                        "Sales orders delivered this year: row 1 has 1 values; expected 2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shenbao/parse/dates-accepted", test_dates_accepted);
  g_test_add_func ("/shenbao/parse/dates-refused", test_dates_refused);
  g_test_add_func ("/shenbao/parse/date-field", test_date_field);
  g_test_add_func ("/shenbao/parse/fold-width", test_fold_width);
  g_test_add_func ("/shenbao/parse/integer-field", test_integer_field);
  g_test_add_func ("/shenbao/parse/money-field", test_money_field);
  g_test_add_func ("/shenbao/parse/list-text-round-trip", test_list_text_round_trip);
  g_test_add_func ("/shenbao/parse/list-text-malformed", test_list_text_malformed);
  g_test_add_func ("/shenbao/parse/list-field", test_list_field);
  return g_test_run ();
}
