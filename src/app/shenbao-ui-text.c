/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-ui-text"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-decimal.h"
#include "shenbao-ui-text.h"
#include "shenbao-worksheet.h"

const char *
shenbao_ui_text (const ShenbaoText *text)
{
  return shenbao_text_get (text, shenbao_prefers_chinese ());
}

const char *
shenbao_ui_unit_label (const char *unit)
{
  if (unit == NULL)
    return NULL;
  if (g_str_equal (unit, "m2"))
    return _("m²");
  if (g_str_equal (unit, "month"))
    return _("months");
  if (g_str_equal (unit, "year"))
    return _("years");
  if (g_str_equal (unit, "set"))
    return _("sets");
  if (g_str_equal (unit, "yuan/m2/month"))
    return _("yuan/m²/month");
  return unit;
}

char *
shenbao_ui_format_yuan (gint64 fen)
{
  g_autofree char *amount = NULL;

  /* In Chinese, 10,000 yuan and more also in 万元, as the worksheet writes it: one rule for the
   * clause pages, the review, the chart and the start page. */
  if (shenbao_prefers_chinese ())
    return shenbao_worksheet_amount (fen, TRUE);
  amount = shenbao_fen_format (fen);
  /* Translators: an amount of money; %s is the number, e.g. 1,620,000.00 */
  return g_strdup_printf (_("%s yuan"), amount);
}

const char *
shenbao_ui_applies_label (ShenbaoApplicability applies)
{
  switch (applies)
    {
    case SHENBAO_APPLIES_YES:
      return _("Applies");
    case SHENBAO_APPLIES_NO:
      return _("Does not apply");
    case SHENBAO_APPLIES_INCOMPLETE:
    default:
      return _("Needs more information");
    }
}

/* "1,620,000.00 yuan", "up to 2,000,000.00 yuan", "decided on review, at most …" or "no amount". */
char *
shenbao_ui_clause_amount (ShenbaoClauseResult *result)
{
  g_autofree char *amount = shenbao_ui_format_yuan (result->payout_fen);
  g_autofree char *cap = result->has_cap ? shenbao_ui_format_yuan (result->cap_fen) : NULL;
  ShenbaoAwardKind kind = shenbao_clause_get_kind (result->clause);

  if (result->dropped)
    return g_strdup (_("Not paid: the same matter is paid by another clause"));
  if (kind == SHENBAO_AWARD_NONE)
    return g_strdup (_("Non-monetary support"));
  if (result->has_amount)
    return kind == SHENBAO_AWARD_UP_TO ? g_strdup_printf (_("Up to %s"), amount)
                                       : g_steal_pointer (&amount);
  if (kind == SHENBAO_AWARD_REVIEW)
    return cap != NULL ? g_strdup_printf (_("Decided on review, at most %s"), cap)
                       : g_strdup (_("Decided on review"));
  if (kind == SHENBAO_AWARD_OTHER_POLICY)
    return g_strdup (_("Set by another policy"));
  return g_strdup (_("Not computed yet"));
}

/* The clause's worksheet in the UI's language, from the core's one renderer; English gets a
 * gloss of each Chinese programme word the first time it appears. */
char *
shenbao_ui_explanation (ShenbaoClauseResult *result)
{
  gboolean chinese = shenbao_prefers_chinese ();
  g_autoptr(GPtrArray) lines = shenbao_worksheet_clause_lines (result, chinese, SHENBAO_WORKSHEET_DEFAULT);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *line = chinese ? g_strdup (g_ptr_array_index (lines, i))
                                      : shenbao_worksheet_gloss (g_ptr_array_index (lines, i), seen);

      g_string_append_printf (out, "%s%s", i > 0 ? "\n" : "", line);
    }
  return g_string_free (out, FALSE);
}

/* The formulas behind the worksheet, for the expander a policy author opens. */
char *
shenbao_ui_formulas (ShenbaoClauseResult *result)
{
  gboolean chinese = shenbao_prefers_chinese ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; result->work != NULL && i < result->work->len; i++)
    {
      ShenbaoWorkStep *step = g_ptr_array_index (result->work, i);
      g_autofree char *formula = shenbao_worksheet_formula (step, chinese);

      if (formula == NULL)
        continue;
      /* Chinese text takes the full-width colon, as the translations do. */
      g_string_append_printf (out, "%s%s%s%s", out->len > 0 ? "\n" : "",
                              step->label != NULL ? shenbao_text_get (step->label, chinese) : "",
                              chinese ? "：" : ": ", formula);
    }
  return g_string_free (out, FALSE);
}

/* A saved value as a person reads it: the label of a choice, yes or no in the UI's language. */
const char *
shenbao_ui_field_value (ShenbaoField *field,
                        const char   *text)
{
  GPtrArray *choices = shenbao_field_get_choices (field);

  if (shenbao_field_get_kind (field) == SHENBAO_FIELD_BOOL)
    return g_strcmp0 (text, "yes") == 0 ? _("Yes") : _("No");
  for (guint i = 0; shenbao_field_get_kind (field) == SHENBAO_FIELD_CHOICE && i < choices->len; i++)
    {
      ShenbaoChoice *choice = g_ptr_array_index (choices, i);

      if (g_strcmp0 (shenbao_choice_get_value (choice), text) == 0)
        return shenbao_ui_text (shenbao_choice_get_label (choice));
    }
  return text;
}
