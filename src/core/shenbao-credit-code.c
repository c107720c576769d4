/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-credit-code"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "shenbao-credit-code.h"
#include "shenbao-parse.h"

G_DEFINE_QUARK (shenbao-credit-code-error-quark, shenbao_credit_code_error)

/* GB 32100-2015: 31 characters, digits then capitals without I, O, Z, S, V. */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

/* GB 11714-1997 organization code (positions 9–17): weights and modulus 11, 10 written X. */
static const int organization_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

static int
code_value (char c)
{
  const char *found = c != '\0' ? strchr (alphabet, c) : NULL;

  return found ? (int) (found - alphabet) : -1;
}

char
shenbao_credit_code_check_char (const char *first17)
{
  int sum = 0;

  g_return_val_if_fail (first17 != NULL && strlen (first17) >= 17, '\0');

  for (int i = 0; i < 17; i++)
    {
      int v = code_value (first17[i]);

      if (v < 0)
        return '\0';
      sum += v * weights[i];
    }
  return alphabet[(31 - sum % 31) % 31];
}

static char
organization_check_char (const char *body8)
{
  int sum = 0;
  int check;

  for (int i = 0; i < 8; i++)
    {
      /* GB 11714 counts letters over the whole alphabet, A = 10 … Z = 35. */
      int v = g_ascii_isdigit (body8[i]) ? body8[i] - '0' : body8[i] - 'A' + 10;

      sum += v * organization_weights[i];
    }
  check = 11 - sum % 11;
  if (check == 10)
    return 'X';
  if (check == 11)
    return '0';
  return (char) ('0' + check);
}

/* Every message names the position (1-based) and what was expected there, so the user knows
 * which character to correct. */
/* Counts characters, not bytes, and names the first one outside ASCII: a user who typed an
 * 18-character code with one full-width or Chinese character in it must be told which, not
 * that "the code has 18 characters; it must have 18". */
static gboolean
check_length_and_script (const char *code,
                         GError    **error)
{
  glong length;

  if (!g_utf8_validate (code, -1, NULL))
    {
      g_set_error_literal (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_CHARACTER,
                           _("The code contains bytes that are not text"));
      return FALSE;
    }
  length = g_utf8_strlen (code, -1);
  if (length != 18)
    {
      g_set_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_LENGTH,
                   _("The code has %ld characters; it must have 18"), length);
      return FALSE;
    }
  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80)
      {
        g_autofree char *character = g_strndup (p, g_utf8_next_char (p) - p);

        g_set_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_CHARACTER,
                     _("Character %ld “%s” is not allowed (digits and capitals except I, O, S, V, Z)"),
                     g_utf8_pointer_to_offset (code, p) + 1, character);
        return FALSE;
      }
  return TRUE;
}

/* Every message names the position (1-based) and what was expected there, so the user knows
 * which character to correct. Full-width digits and capitals, which a Chinese input method
 * types, are read as the ASCII ones they stand for. */
gboolean
shenbao_credit_code_validate (const char *text,
                              GError    **error)
{
  g_autofree char *code = NULL;
  char expected;
  char organization_expected;

  g_return_val_if_fail (text != NULL, FALSE);

  code = shenbao_text_fold_width (text);
  if (!check_length_and_script (code, error))
    return FALSE;

  for (int i = 0; i < 18; i++)
    {
      if (code_value (code[i]) < 0)
        {
          g_set_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_CHARACTER,
                       _("Character %d “%c” is not allowed (digits and capitals except I, O, S, V, Z)"),
                       i + 1, code[i]);
          return FALSE;
        }
      if (i >= 2 && i <= 7 && !g_ascii_isdigit (code[i]))
        {
          g_set_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_CHARACTER,
                       _("Character %d “%c” must be a digit (characters 3–8 are the region code)"),
                       i + 1, code[i]);
          return FALSE;
        }
    }

  organization_expected = organization_check_char (code + 8);
  if (organization_expected != code[16])
    {
      g_set_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_ORGANIZATION_CHECK,
                   _("Character 17 “%c” does not match the organization code check (expected “%c”)"),
                   code[16], organization_expected);
      return FALSE;
    }

  expected = shenbao_credit_code_check_char (code);
  if (expected != code[17])
    {
      g_set_error (error, SHENBAO_CREDIT_CODE_ERROR, SHENBAO_CREDIT_CODE_ERROR_CHECK,
                   _("Character 18 “%c” is wrong: the check character should be “%c”"),
                   code[17], expected);
      return FALSE;
    }

  return TRUE;
}

char *
shenbao_credit_code_region (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  if (strlen (code) < 8)
    return NULL;
  return g_strndup (code + 2, 6);
}

/**
 * shenbao_credit_code_lookup_region:
 * @code: a credit code as typed; it need not be valid otherwise
 * @digits: (out) (optional) (transfer full): characters 3–8, the registration authority's
 *   division code, or %NULL if they are not six digits
 *
 * An authority code missing from the national table is worth a warning, not a refusal: the
 * table may lag behind a new division, and the checksum is what proves the code was copied right.
 *
 * Returns: (nullable) (transfer none): the division, or %NULL if the table does not know it.
 *   The table keeps older codes (310103 卢湾区), as codes issued before a merger still carry them.
 */
const ShenbaoRegion *
shenbao_credit_code_lookup_region (const char  *code,
                                   char       **digits)
{
  g_autofree char *region = NULL;

  g_return_val_if_fail (code != NULL, NULL);

  if (digits != NULL)
    *digits = NULL;
  if (strlen (code) < 8 || strspn (code + 2, "0123456789") < 6)
    return NULL;
  region = g_strndup (code + 2, 6);
  if (digits != NULL)
    *digits = g_strdup (region);
  return shenbao_regions_lookup (region);
}
