/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shenbao-credit-code.h"

/* Valid codes: the GB 32100-2015 sample, and codes whose two check characters were worked out
 * by hand from the standard's weights (organization code: GB 11714 weights 3 7 9 10 5 8 4 2,
 * modulus 11; credit code: weights 3^i mod 31, modulus 31). */
static const char *valid_codes[] = {
  "91350100M000100Y43",
  "91310115MA1K3YJ662",   /* Pudong 310115 */
  "91330604MA2BDKQ87W",   /* Shangyu 330604 */
  "91310112MA1FL5T215",   /* Minhang 310112 */
  "91320505MA1MXB3LX1",   /* Suzhou 320505, organization check X */
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_codes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (shenbao_credit_code_validate (valid_codes[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_check_character (void)
{
  g_assert_cmpint (shenbao_credit_code_check_char ("91350100M000100Y4"), ==, '3');
  g_assert_cmpint (shenbao_credit_code_check_char ("91330604MA2BDKQ87"), ==, 'W');
}

static void
test_wrong_check_names_character (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shenbao_credit_code_validate ("91350100M000100Y44", &error));
  g_assert_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_CHECK);
  g_assert_nonnull (strstr (error->message, "Character 18"));
  g_assert_nonnull (strstr (error->message, "“3”"));
}

static void
test_wrong_organization_check (void)
{
  g_autoptr(GError) error = NULL;

  /* The organization code MA1K3YJ6 has check 6; 4 is wrong. */
  g_assert_false (shenbao_credit_code_validate ("91310115MA1K3YJ64A", &error));
  g_assert_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_ORGANIZATION_CHECK);
  g_assert_nonnull (strstr (error->message, "Character 17"));
}

static void
test_bad_shapes (void)
{
  struct { const char *code; int error; const char *mentions; } cases[] = {
    { "9135010", SHENBAO_CREDIT_CODE_ERROR_LENGTH, "7 characters" },
    { "91350100M000100Y433", SHENBAO_CREDIT_CODE_ERROR_LENGTH, "19" },
    { "91350100I000100Y43", SHENBAO_CREDIT_CODE_ERROR_CHARACTER, "Character 9" },
    { "9135A100M000100Y43", SHENBAO_CREDIT_CODE_ERROR_CHARACTER, "Character 5" },
    { "91350100m000100Y43", SHENBAO_CREDIT_CODE_ERROR_CHARACTER, "Character 9" },
    { "９１350100M000100Y4", SHENBAO_CREDIT_CODE_ERROR_LENGTH, "18" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (shenbao_credit_code_validate (cases[i].code, &error));
      g_assert_error (error, SHENBAO_CREDIT_CODE_ERROR, cases[i].error);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }
}

static void
test_region (void)
{
  g_autofree char *region = shenbao_credit_code_region ("91310115MA1K3YJ662");

  g_assert_cmpstr (region, ==, "310115");
}

/* A code typed with a Chinese input method: full-width digits and capitals read as ASCII. */
static void
test_full_width (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shenbao_credit_code_validate ("９１３１０１１５ＭＡ１Ｋ３ＹＪ６６２", &error));
  g_assert_no_error (error);
  g_assert_true (shenbao_credit_code_validate ("9131011５MA1K3YJ662", &error));
  g_assert_no_error (error);
}

/* 18 characters with one Chinese character among them: the message names it and its place,
 * where it once said "The code has 18 characters; it must have 18". */
static void
test_non_ascii_named (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shenbao_credit_code_validate ("91310115MA1K3Y号662", &error));
  g_assert_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_CHARACTER);
  g_assert_cmpstr (error->message, ==,
                   "Character 15 “号” is not allowed (digits and capitals except I, O, S, V, Z)");
  g_clear_error (&error);

  g_assert_false (shenbao_credit_code_validate ("91310115MA1K3YJ66", &error));
  g_assert_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_LENGTH);
  g_assert_cmpstr (error->message, ==, "The code has 17 characters; it must have 18");
  g_clear_error (&error);

  g_assert_false (shenbao_credit_code_validate ("91310115MA1K3YJ66\xff", &error));
  g_assert_cmpstr (error->message, ==, "The code contains bytes that are not text");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shenbao/credit-code/valid", test_valid);
  g_test_add_func ("/shenbao/credit-code/check-character", test_check_character);
  g_test_add_func ("/shenbao/credit-code/wrong-check", test_wrong_check_names_character);
  g_test_add_func ("/shenbao/credit-code/wrong-organization-check", test_wrong_organization_check);
  g_test_add_func ("/shenbao/credit-code/bad-shapes", test_bad_shapes);
  g_test_add_func ("/shenbao/credit-code/region", test_region);

  g_test_add_func ("/shenbao/credit-code/full-width", test_full_width);
  g_test_add_func ("/shenbao/credit-code/non-ascii-named", test_non_ascii_named);
  return g_test_run ();
}
