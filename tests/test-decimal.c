/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shenbao-decimal.h"

static ShenbaoDecimal
parse (const char *text)
{
  ShenbaoDecimal value = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (shenbao_decimal_parse_money (text, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_fen (ShenbaoDecimal value,
            const char    *expected)
{
  g_autofree char *text = shenbao_fen_to_string (shenbao_decimal_round_to_fen (value));
  g_assert_cmpstr (text, ==, expected);
}

static void
test_parse (void)
{
  g_assert_cmpint (parse ("1234567.89").micros, ==, G_GINT64_CONSTANT (1234567890000));
  g_assert_cmpint (parse ("200万").micros, ==, G_GINT64_CONSTANT (2000000000000));
  g_assert_cmpint (parse ("200万元").micros, ==, G_GINT64_CONSTANT (2000000000000));
  g_assert_cmpint (parse ("1.5亿").micros, ==, G_GINT64_CONSTANT (150000000000000));
  g_assert_cmpint (parse ("12.5万").micros, ==, G_GINT64_CONSTANT (125000000000));
  g_assert_cmpint (parse ("1,000,000").micros, ==, G_GINT64_CONSTANT (1000000000000));
  g_assert_cmpint (parse ("-0.01").micros, ==, -10000);
}

static void
test_parse_errors (void)
{
  const char *bad[] = { "", "abc", "12x", "1.2.3", "万", "0.1234567", "--1" };
  ShenbaoDecimal value;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (shenbao_decimal_parse_money (bad[i], &value, &error));
      g_assert_error (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_SYNTAX);
    }
}

static void
test_overflow (void)
{
  ShenbaoDecimal value, big, product;
  g_autoptr(GError) error = NULL;

  /* 9.2 × 10^12 yuan is the largest amount; one more digit must be refused, not wrapped. */
  g_assert_false (shenbao_decimal_parse ("99999999999999", &value, &error));
  g_assert_error (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (shenbao_decimal_parse_money ("9999999亿", &value, &error));
  g_assert_error (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_OVERFLOW);

  big = parse ("9000000000000");
  g_assert_false (shenbao_decimal_mul (big, shenbao_decimal_from_int (2), &product));
  g_assert_false (shenbao_decimal_add (big, big, &product));
  g_assert_true (shenbao_decimal_mul (big, parse ("0.5"), &product));
  assert_fen (product, "4500000000000.00");
}

/* Conversions and the pool scaling helper refuse what a gint64 of millionths or fen cannot
 * hold, instead of wrapping round to a negative amount. */
static void
test_overflow_helpers (void)
{
  ShenbaoDecimal value;
  gint64 fen;

  /* G_MAXINT64 = 9,223,372,036,854,775,807: as yuan that is 9,223,372,036,854 whole yuan in
   * millionths, as fen 922,337,203,685,477 whole fen in millionths. */
  g_assert_true (shenbao_decimal_from_int_checked (G_GINT64_CONSTANT (9223372036854), &value));
  g_assert_cmpint (value.micros, ==, G_GINT64_CONSTANT (9223372036854000000));
  g_assert_false (shenbao_decimal_from_int_checked (G_GINT64_CONSTANT (9223372036855), &value));
  g_assert_true (shenbao_decimal_from_fen_checked (G_GINT64_CONSTANT (922337203685477), &value));
  g_assert_cmpint (value.micros, ==, G_GINT64_CONSTANT (9223372036854770000));
  g_assert_false (shenbao_decimal_from_fen_checked (G_GINT64_CONSTANT (922337203685478), &value));
  g_assert_false (shenbao_decimal_from_fen_checked (G_MININT64, &value));

  /* The unchecked forms saturate, so the next checked step reports the overflow. */
  g_assert_cmpint (shenbao_decimal_from_fen (G_GINT64_CONSTANT (1) << 60).micros, ==, G_MAXINT64);
  g_assert_cmpint (shenbao_decimal_from_int (G_MININT64).micros, ==, G_MININT64);
  g_assert_false (shenbao_decimal_add (shenbao_decimal_from_fen (G_MAXINT64), shenbao_decimal_from_int (1),
                                       &value));

  /* Pool scaling: 1,000.01 yuan × 0.5 = 500.005 → 500.01 (half away from zero). */
  g_assert_true (shenbao_fen_scale (100001, parse ("0.5"), &fen));
  g_assert_cmpint (fen, ==, 50001);
  g_assert_true (shenbao_fen_scale (-100001, parse ("0.5"), &fen));
  g_assert_cmpint (fen, ==, -50001);
  /* A payout beyond what millionths could hold still scales exactly in fen: 10^17 fen × 0.25. */
  g_assert_true (shenbao_fen_scale (G_GINT64_CONSTANT (100000000000000000), parse ("0.25"), &fen));
  g_assert_cmpint (fen, ==, G_GINT64_CONSTANT (25000000000000000));
  g_assert_false (shenbao_fen_scale (G_MAXINT64, parse ("2"), &fen));
  g_assert_false (shenbao_fen_scale (G_MININT64, parse ("1.5"), &fen));

  g_assert_true (shenbao_fen_add (G_MAXINT64 - 1, 1, &fen));
  g_assert_cmpint (fen, ==, G_MAXINT64);
  g_assert_false (shenbao_fen_add (G_MAXINT64, 1, &fen));
  g_assert_false (shenbao_fen_add (G_MININT64, -1, &fen));
}

/* The rounding rule: once per sub-item, half-up (away from zero) to the fen. */
static void
test_round_half_up (void)
{
  ShenbaoDecimal product;

  assert_fen (parse ("0.005"), "0.01");
  assert_fen (parse ("0.004999"), "0.00");
  assert_fen (parse ("-0.005"), "-0.01");
  assert_fen (parse ("2.675"), "2.68");

  /* Domain guide example 10: 1,234,567.89 × 0.8 = 987,654.312 → 987,654.31. */
  g_assert_true (shenbao_decimal_mul (parse ("1234567.89"), parse ("0.8"), &product));
  g_assert_cmpint (product.micros, ==, G_GINT64_CONSTANT (987654312000));
  assert_fen (product, "987654.31");

  /* Example 5D: 1.20 × 833,333.33 = 999,999.996 → 1,000,000.00. */
  g_assert_true (shenbao_decimal_mul (parse ("833333.33"), parse ("1.2"), &product));
  assert_fen (product, "1000000.00");

  /* Example 4C: 0.5 × 123,456.78 = 61,728.39 exactly. */
  g_assert_true (shenbao_decimal_mul (parse ("123456.78"), parse ("0.5"), &product));
  assert_fen (product, "61728.39");

  /* 0.5 × 0.01 = 0.005 → 0.01 (half-up, not to even). */
  g_assert_true (shenbao_decimal_mul (parse ("0.01"), parse ("0.5"), &product));
  assert_fen (product, "0.01");
}

static void
test_products_exact (void)
{
  ShenbaoDecimal product;

  /* 0.04 × 30,864,197.25 = 1,234,567.89 (example 10, clause 11). */
  g_assert_true (shenbao_decimal_mul (parse ("30864197.25"), parse ("0.04"), &product));
  g_assert_cmpint (product.micros, ==, G_GINT64_CONSTANT (1234567890000));
  /* 0.1 + 0.2 is 0.3 exactly, as it must be for money. */
  g_assert_true (shenbao_decimal_add (parse ("0.1"), parse ("0.2"), &product));
  g_assert_cmpint (product.micros, ==, 300000);
}

static void
test_division (void)
{
  ShenbaoDecimal quotient;
  g_autoptr(GError) error = NULL;

  g_assert_true (shenbao_decimal_div (parse ("50000000"), parse ("62500000"), &quotient, NULL));
  g_assert_cmpint (quotient.micros, ==, 800000);
  g_assert_false (shenbao_decimal_div (parse ("1"), parse ("0"), &quotient, &error));
  g_assert_error (error, SHENBAO_DECIMAL_ERROR, SHENBAO_DECIMAL_ERROR_DIVISION_BY_ZERO);
}

static void
test_format (void)
{
  g_autofree char *grouped = shenbao_fen_format (G_GINT64_CONSTANT (268365431));
  g_autofree char *plain = shenbao_fen_to_string (G_GINT64_CONSTANT (268365431));
  g_autofree char *small = shenbao_fen_format (5);
  g_autofree char *ratio = shenbao_decimal_format (parse ("0.30"));
  g_autofree char *negative = shenbao_fen_format (-123456);

  g_assert_cmpstr (grouped, ==, "2,683,654.31");
  g_assert_cmpstr (plain, ==, "2683654.31");
  g_assert_cmpstr (small, ==, "0.05");
  g_assert_cmpstr (ratio, ==, "0.3");
  g_assert_cmpstr (negative, ==, "-1,234.56");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shenbao/decimal/parse", test_parse);
  g_test_add_func ("/shenbao/decimal/parse-errors", test_parse_errors);
  g_test_add_func ("/shenbao/decimal/overflow", test_overflow);
  g_test_add_func ("/shenbao/decimal/overflow-helpers", test_overflow_helpers);
  g_test_add_func ("/shenbao/decimal/round-half-up", test_round_half_up);
  g_test_add_func ("/shenbao/decimal/products-exact", test_products_exact);
  g_test_add_func ("/shenbao/decimal/division", test_division);
  g_test_add_func ("/shenbao/decimal/format", test_format);

  return g_test_run ();
}
