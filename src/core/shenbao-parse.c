/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-parse"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "shenbao-parse.h"

G_DEFINE_QUARK (shenbao-parse-error-quark, shenbao_parse_error)

/* A Chinese input method types digits and punctuation in their full-width forms (２０２５，．／)
 * as often as in ASCII; they mean the same, so they are read as ASCII. U+FF01–U+FF5E mirror
 * ASCII 0x21–0x7E one for one, and U+3000 is the ideographic space. Every other character,
 * including ￥ and 年月日, is kept as it is. */
char *
shenbao_text_fold_width (const char *text)
{
  GString *folded;

  g_return_val_if_fail (text != NULL, NULL);

  /* Text that is not UTF-8 is left alone, for the caller's own check to report. */
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  folded = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (folded, (char) (c - 0xFF01 + 0x21));
      else if (c == 0x3000)
        g_string_append_c (folded, ' ');
      else
        g_string_append_len (folded, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (folded, FALSE);
}

static gboolean
date_error (GError    **error,
            const char *text,
            const char *why)
{
  g_set_error (error, SHENBAO_PARSE_ERROR, SHENBAO_PARSE_ERROR_INVALID,
               _("“%s” is not a date: %s"), text, why);
  return FALSE;
}

/* Reads up to max_digits digits; returns how many there were (more than max_digits means too
 * many, and the number is then not used). */
static int
read_digits (const char **p,
             int          max_digits,
             int         *value)
{
  int count = 0;

  *value = 0;
  for (; g_ascii_isdigit (**p); (*p)++, count++)
    if (count < max_digits)
      *value = *value * 10 + (**p - '0');
  return count;
}

/* The one date reader for fields, --as-of and a policy's dates. Finance staff write
 * 2025-06-30, 2025/06/30, 2025.6.30 or 2025年6月30日 (the 日 may be left off), in ASCII or
 * full-width digits. Only real calendar dates with a four-digit year are accepted: sscanf once
 * took 67561-01-01 and 2025-01-257, and GDate would have stored them truncated. */
gboolean
shenbao_date_parse (const char  *text,
                    GDate       *date,
                    GError     **error)
{
  g_autofree char *folded = NULL;
  const char *p;
  const char *month_separator;
  const char *day_end = NULL;
  int year, month, day;
  int n;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  folded = g_strstrip (shenbao_text_fold_width (text));
  p = folded;

  n = read_digits (&p, 4, &year);
  if (n != 4 || year < 1000)
    return date_error (error, text, _("the year must have four digits, as in 2025-06-30"));

  if (g_str_has_prefix (p, "年"))
    {
      p += strlen ("年");
      month_separator = "月";
      day_end = "日";
    }
  else if (*p == '-' || *p == '/' || *p == '.')
    {
      /* The same separator twice: 2025-06/30 is more likely a typing slip than a date. */
      month_separator = *p == '-' ? "-" : *p == '/' ? "/" : ".";
      p++;
    }
  else
    return date_error (error, text, _("write the year, month and day, as in 2025-06-30 or 2025年6月30日"));

  n = read_digits (&p, 2, &month);
  if (n < 1 || n > 2 || !g_str_has_prefix (p, month_separator))
    return date_error (error, text, _("write the year, month and day, as in 2025-06-30 or 2025年6月30日"));
  p += strlen (month_separator);

  n = read_digits (&p, 2, &day);
  if (n < 1 || n > 2)
    return date_error (error, text, _("write the year, month and day, as in 2025-06-30 or 2025年6月30日"));
  if (day_end != NULL && g_str_has_prefix (p, day_end))
    p += strlen (day_end);
  if (*p != '\0')
    return date_error (error, text, _("there is more text after the day"));

  if (month < 1 || month > 12)
    {
      g_autofree char *why = g_strdup_printf (_("there is no month %d"), month);
      return date_error (error, text, why);
    }
  if (day < 1 || day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    {
      g_autofree char *why = g_strdup_printf (_("month %d of %d has %d days"), month, year,
                                              g_date_get_days_in_month ((GDateMonth) month,
                                                                        (GDateYear) year));
      return date_error (error, text, why);
    }

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}
