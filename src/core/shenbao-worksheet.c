/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-worksheet"

#include "config.h"

#include <string.h>

#include "shenbao-worksheet.h"

/* A worksheet says what was taken, from which input, and what it came to, as a finance person
 * checks it: "订单 1：合同金额 6,400,000.00 元 × 30% = 1,920,000.00 元；…，取较低者". The formula
 * language stays out of the words (no min(, sum(, if(); formulas are shown only when asked.
 *
 * The wording is kept here as Chinese/English pairs rather than through gettext: the Chinese
 * statement goes into a package filed with the authority whatever language the desktop speaks,
 * and the CLI prints either language on request. The app's own words stay with gettext. */

typedef struct
{
  gboolean             chinese;
  const ShenbaoClause *clause;   /* for the names of a list's rows; may be NULL */
  gboolean             in_test;  /* a condition names even values worked out before */
} Writer;

#define W(writer, zh, en) ((writer)->chinese ? (zh) : (en))

/* ------------------------------------------------------------------ units and amounts */

static const struct
{
  const char *zh;
  const char *en_count;   /* "9 months" */
  const char *en_per;     /* "yuan/m²/month" */
} dimension_words[SHENBAO_N_DIMENSIONS] = {
  [SHENBAO_DIMENSION_YUAN] = { "元", "yuan", "yuan" },
  [SHENBAO_DIMENSION_M2] = { "平方米", "m²", "m²" },
  [SHENBAO_DIMENSION_MONTH] = { "个月", "months", "month" },
  [SHENBAO_DIMENSION_YEAR] = { "年", "years", "year" },
  [SHENBAO_DIMENSION_SET] = { "台", "units", "unit" },
};

/* "元/平方米/月", "yuan/m²/month", "台"; NULL for a plain number. */
char *
shenbao_worksheet_unit (const ShenbaoUnit *unit,
                        gboolean           chinese)
{
  GString *out = g_string_new (NULL);
  gboolean per = FALSE;

  for (int d = 0; d < SHENBAO_N_DIMENSIONS; d++)
    if (unit->exponents[d] < 0)
      per = TRUE;

  for (int d = 0; d < SHENBAO_N_DIMENSIONS; d++)
    for (int e = 0; e < unit->exponents[d]; e++)
      g_string_append_printf (out, "%s%s", out->len > 0 ? "·" : "",
                              chinese ? (per && d == SHENBAO_DIMENSION_MONTH ? "月" : dimension_words[d].zh)
                                      : per ? dimension_words[d].en_per : dimension_words[d].en_count);
  for (int d = 0; d < SHENBAO_N_DIMENSIONS; d++)
    for (int e = 0; e > unit->exponents[d]; e--)
      g_string_append_printf (out, "%s%s", out->len > 0 ? "/" : "1/",
                              chinese ? (d == SHENBAO_DIMENSION_MONTH ? "月" : dimension_words[d].zh)
                                      : dimension_words[d].en_per);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* 万元 as exact as the fen: 1,620,000.00 is 162, 1,234,567.89 is 123.456789. */
static char *
wan_text (gint64 fen)
{
  gint64 whole = fen / 1000000;
  gint64 rest = ABS (fen % 1000000);
  char digits[8];
  int end;

  if (rest == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  g_snprintf (digits, sizeof digits, "%06" G_GINT64_FORMAT, rest);
  for (end = 6; end > 0 && digits[end - 1] == '0'; end--)
    digits[end - 1] = '\0';
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%s", whole, digits);
}

/* "2,000,000.00 元（200万元）" in Chinese from 10,000 yuan up; "2,000,000.00 yuan" in English. */
char *
shenbao_worksheet_amount (gint64   fen,
                          gboolean chinese)
{
  g_autofree char *number = shenbao_fen_format (fen);

  if (!chinese)
    return g_strdup_printf ("%s yuan", number);
  if (ABS (fen) >= 1000000)
    {
      g_autofree char *wan = wan_text (fen);
      return g_strdup_printf ("%s 元（%s万元）", number, wan);
    }
  return g_strdup_printf ("%s 元", number);
}

/* An amount that may hold more than the fen (before rounding) keeps every digit. */
char *
shenbao_worksheet_decimal (ShenbaoDecimal amount,
                           gboolean       chinese)
{
  g_autofree char *number = NULL;

  if (amount.micros % 10000 == 0)
    return shenbao_worksheet_amount (shenbao_decimal_round_to_fen (amount), chinese);
  number = shenbao_decimal_format (amount);
  return g_strdup_printf ("%s %s", number, chinese ? "元" : "yuan");
}

static char *
plain_amount (ShenbaoDecimal amount,
              gboolean       chinese)
{
  g_autofree char *number = NULL;

  if (amount.micros % 10000 == 0)
    number = shenbao_fen_format (shenbao_decimal_round_to_fen (amount));
  else
    number = shenbao_decimal_format (amount);
  return g_strdup_printf ("%s %s", number, chinese ? "元" : "yuan");
}

/* A value with its unit in words: "6,400,000.00 元", "30%", "9,000 平方米", "20 元/平方米/月". */
char *
shenbao_worksheet_value (const ShenbaoValue *value,
                         gboolean            chinese)
{
  g_autofree char *number = NULL;
  g_autofree char *unit = NULL;

  switch (value->type)
    {
    case SHENBAO_VALUE_NUMBER:
      if (shenbao_unit_is_yuan (&value->unit) && !value->percent)
        return plain_amount (value->number, chinese);
      /* 200,000.00 元/台: an amount per something is shown to the fen like any amount. */
      if (!value->percent && value->unit.exponents[SHENBAO_DIMENSION_YUAN] == 1
          && value->number.micros % 10000 == 0)
        number = shenbao_fen_format (shenbao_decimal_round_to_fen (value->number));
      else
        number = shenbao_value_format (value);
      unit = value->percent ? NULL : shenbao_worksheet_unit (&value->unit, chinese);
      return unit != NULL ? g_strdup_printf ("%s %s", number, unit) : g_steal_pointer (&number);
    case SHENBAO_VALUE_BOOL:
      return g_strdup (value->boolean ? (chinese ? "是" : "yes") : (chinese ? "否" : "no"));
    case SHENBAO_VALUE_STRING:
      return g_strdup_printf (chinese ? "“%s”" : "“%s”", value->string != NULL ? value->string : "");
    case SHENBAO_VALUE_MISSING:
      return g_strdup ("?");
    case SHENBAO_VALUE_DATE:
    case SHENBAO_VALUE_LIST:
    default:
      return shenbao_value_format (value);
    }
}

/* A step's result: amounts with 万元 in Chinese. */
static char *
result_text (const ShenbaoValue *value,
             gboolean            chinese)
{
  if (value->type == SHENBAO_VALUE_NUMBER && shenbao_unit_is_yuan (&value->unit) && !value->percent)
    return shenbao_worksheet_decimal (value->number, chinese);
  return shenbao_worksheet_value (value, chinese);
}

/* ------------------------------------------------------------------ a formula as worked out */

static gboolean write_trace (Writer *writer, const ShenbaoTrace *trace, GString *out, gboolean as_percent);

static const char *
trace_label (Writer             *writer,
             const ShenbaoTrace *trace)
{
  if (trace->label == NULL)
    return NULL;
  return shenbao_text_get (trace->label, writer->chinese);
}

static gboolean
trace_is_call (const ShenbaoTrace *trace,
               const char         *name)
{
  return trace->kind == SHENBAO_TRACE_CALL && g_strcmp0 (trace->name, name) == 0;
}

static gboolean
is_simple (const ShenbaoTrace *trace)
{
  return trace->kind == SHENBAO_TRACE_LITERAL || trace->kind == SHENBAO_TRACE_NAME;
}

static void
write_value (Writer             *writer,
             const ShenbaoValue *value,
             gboolean            as_percent,
             GString            *out)
{
  ShenbaoValue shown = *value;
  g_autofree char *text = NULL;

  /* A bare 0.3 beside a rate is a rate: "30%", never "0.3". */
  if (as_percent && shown.type == SHENBAO_VALUE_NUMBER && shenbao_unit_is_none (&shown.unit))
    shown.percent = TRUE;
  text = shenbao_worksheet_value (&shown, writer->chinese);
  g_string_append (out, text);
}

static void
write_operand (Writer             *writer,
               const ShenbaoTrace *operand,
               int                 parent_precedence,
               gboolean            right_side,
               GString            *out)
{
  gboolean parens = operand->kind == SHENBAO_TRACE_BINARY
                    && (operand->precedence < parent_precedence
                        || (right_side && operand->precedence == parent_precedence));

  if (parens)
    g_string_append_c (out, '(');
  write_trace (writer, operand, out, FALSE);
  if (parens)
    g_string_append_c (out, ')');
}

/* min() and max(): equal operands show once (a rate at its maximum is just the rate); simple
 * ones read "30% 与 25% 取较低者 25%"; worked ones each show their arithmetic. */
static gboolean
write_extremum (Writer             *writer,
                const ShenbaoTrace *trace,
                GString            *out)
{
  gboolean lower = g_str_equal (trace->name, "min");
  gboolean all_equal = TRUE, all_simple = TRUE;
  g_autofree char *result = NULL;

  for (guint i = 0; i < trace->children->len; i++)
    {
      const ShenbaoTrace *operand = g_ptr_array_index (trace->children, i);
      const ShenbaoTrace *first = g_ptr_array_index (trace->children, 0);

      if (operand->value.type != SHENBAO_VALUE_NUMBER
          || shenbao_decimal_compare (operand->value.number, first->value.number) != 0)
        all_equal = FALSE;
      if (!is_simple (operand))
        all_simple = FALSE;
    }

  if (all_equal)
    {
      /* The one with a name says more than a bare limit. */
      const ShenbaoTrace *shown = g_ptr_array_index (trace->children, 0);

      for (guint i = 0; i < trace->children->len; i++)
        if (((ShenbaoTrace *) g_ptr_array_index (trace->children, i))->kind == SHENBAO_TRACE_NAME)
          shown = g_ptr_array_index (trace->children, i);
      return write_trace (writer, shown, out, trace->value.percent);
    }

  result = shenbao_worksheet_value (&trace->value, writer->chinese);
  for (guint i = 0; i < trace->children->len; i++)
    {
      const ShenbaoTrace *operand = g_ptr_array_index (trace->children, i);
      gboolean last = i + 1 == trace->children->len;

      if (i > 0)
        g_string_append (out, all_simple ? (last ? W (writer, " 与 ", " and ") : W (writer, "、", ", "))
                                         : W (writer, "；", "; "));
      if (all_simple && operand->kind == SHENBAO_TRACE_LITERAL && shenbao_unit_is_none (&operand->value.unit))
        {
          /* A bare limit beside an amount is an amount: "50,000,000.00 元", not "50,000,000". */
          ShenbaoValue shown = operand->value;

          shown.unit = trace->value.unit;
          write_value (writer, &shown, trace->value.percent, out);
        }
      else if (all_simple)
        write_trace (writer, operand, out, trace->value.percent);
      else if (operand->kind == SHENBAO_TRACE_LITERAL && shenbao_unit_is_none (&operand->value.unit))
        {
          ShenbaoValue shown = operand->value;

          shown.unit = trace->value.unit;
          write_value (writer, &shown, trace->value.percent, out);
        }
      else if (!write_trace (writer, operand, out, trace->value.percent))
        {
          g_autofree char *value = NULL;
          ShenbaoValue shown = operand->value;

          shown.percent |= trace->value.percent && shenbao_unit_is_none (&shown.unit);
          value = shenbao_worksheet_value (&shown, writer->chinese);
          g_string_append_printf (out, " = %s", value);
        }
    }
  if (all_simple)
    g_string_append_printf (out, writer->chinese ? " 取%s者 %s" : ", the %s: %s",
                            writer->chinese ? (lower ? "较低" : "较高") : (lower ? "lower" : "higher"), result);
  else
    g_string_append_printf (out, writer->chinese ? "，取%s者 %s" : "; the %s is %s",
                            writer->chinese ? (lower ? "较低" : "较高") : (lower ? "lower" : "higher"), result);
  return TRUE;
}

static const char *
list_label (Writer             *writer,
            const ShenbaoTrace *call)
{
  const ShenbaoTrace *list = call->children->len > 0 ? g_ptr_array_index (call->children, 0) : NULL;
  const char *label = list != NULL ? trace_label (writer, list) : NULL;

  return label != NULL ? label : W (writer, "清单", "the list");
}

/* A list inside a larger formula reads as its total: "台数合计 30 台". */
static gboolean
write_list_total (Writer             *writer,
                  const ShenbaoTrace *trace,
                  GString            *out)
{
  g_autofree char *value = shenbao_worksheet_value (&trace->value, writer->chinese);
  const ShenbaoTrace *body = trace->children->len > 1 ? g_ptr_array_index (trace->children, 1) : NULL;
  const char *column = body != NULL && body->kind == SHENBAO_TRACE_NAME ? trace_label (writer, body) : NULL;

  if (trace_is_call (trace, "count"))
    g_string_append_printf (out, writer->chinese ? "%s中符合条件的 %s 行" : "%s rows of %s that qualify",
                            writer->chinese ? list_label (writer, trace) : value,
                            writer->chinese ? value : list_label (writer, trace));
  else if (column != NULL)
    g_string_append_printf (out, writer->chinese ? "%s合计 %s" : "total %s %s", column, value);
  else
    g_string_append_printf (out, writer->chinese ? "%s合计 %s" : "%s in total %s", list_label (writer, trace), value);
  return TRUE;
}

/* A test as a person states it, with the values read: "年销售总台数 30 台 ≥ 100 或 台数 4 台 ≥ 5". */
static void
write_test (Writer             *writer,
            const ShenbaoTrace *test,
            GString            *out)
{
  gboolean saved = writer->in_test;

  writer->in_test = TRUE;
  write_trace (writer, test, out, FALSE);
  writer->in_test = saved;
}

static gboolean
is_zero_literal (const ShenbaoTrace *trace)
{
  return trace->kind == SHENBAO_TRACE_LITERAL && trace->value.type == SHENBAO_VALUE_NUMBER
         && shenbao_decimal_is_zero (trace->value.number);
}

static gboolean
is_rate_literal (const ShenbaoTrace *trace)
{
  return trace->kind == SHENBAO_TRACE_LITERAL && trace->value.type == SHENBAO_VALUE_NUMBER
         && shenbao_unit_is_none (&trace->value.unit) && trace->value.number.micros > 0
         && trace->value.number.micros < SHENBAO_DECIMAL_SCALE;
}

/* Writes the worked-out form of trace; TRUE when what was written already ends in its value. */
static gboolean
write_trace (Writer             *writer,
             const ShenbaoTrace *trace,
             GString            *out,
             gboolean            as_percent)
{
  const char *label;

  switch (trace->kind)
    {
    case SHENBAO_TRACE_LITERAL:
      write_value (writer, &trace->value, as_percent, out);
      return TRUE;

    case SHENBAO_TRACE_NAME:
      label = trace_label (writer, trace);
      if (label != NULL && (!trace->derived || writer->in_test))
        g_string_append_printf (out, "%s ", label);
      write_value (writer, &trace->value, as_percent, out);
      return TRUE;

    case SHENBAO_TRACE_UNARY:
      g_string_append (out, trace->test ? W (writer, "非", "not ") : "−");
      write_operand (writer, g_ptr_array_index (trace->children, 0), 7, FALSE, out);
      return FALSE;

    case SHENBAO_TRACE_BINARY:
      {
        const ShenbaoTrace *left = g_ptr_array_index (trace->children, 0);
        const ShenbaoTrace *right = g_ptr_array_index (trace->children, 1);

        /* In a product a bare fraction is a rate: "50% × 设备投入", as the document says it. */
        if (g_strcmp0 (trace->symbol_en, "×") == 0 && is_rate_literal (left))
          write_trace (writer, left, out, TRUE);
        else
          write_operand (writer, left, trace->precedence, FALSE, out);
        g_string_append_printf (out, " %s ", writer->chinese ? trace->symbol_zh : trace->symbol_en);
        if (g_strcmp0 (trace->symbol_en, "×") == 0 && is_rate_literal (right))
          write_trace (writer, right, out, TRUE);
        else
          write_operand (writer, right, trace->precedence, TRUE, out);
        return FALSE;
      }

    case SHENBAO_TRACE_CALL:
      if (trace_is_call (trace, "min") || trace_is_call (trace, "max"))
        return write_extremum (writer, trace, out);
      if (trace_is_call (trace, "sum") || trace_is_call (trace, "count"))
        return write_list_total (writer, trace, out);
      if (trace_is_call (trace, "if") && trace->children->len == 2)
        {
          const ShenbaoTrace *test = g_ptr_array_index (trace->children, 0);
          const ShenbaoTrace *taken = g_ptr_array_index (trace->children, 1);

          if (test->value.type == SHENBAO_VALUE_BOOL && !test->value.boolean && is_zero_literal (taken))
            {
              g_string_append (out, W (writer, "未满足“", "“"));
              write_test (writer, test, out);
              g_string_append (out, W (writer, "”，不计", "” is not met, not counted"));
              return TRUE;
            }
          return write_trace (writer, taken, out, as_percent);
        }
      write_value (writer, &trace->value, as_percent, out);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* The arithmetic of a figure, ending in its result: "20 元/平方米/月 × … = 1,620,000.00 元". */
static void
write_figure (Writer             *writer,
              const ShenbaoTrace *trace,
              const ShenbaoValue *result,
              gboolean            final,
              GString            *out)
{
  gsize start = out->len;
  g_autofree char *shown = final ? result_text (result, writer->chinese)
                                 : shenbao_worksheet_value (result, writer->chinese);
  g_autofree char *plain = shenbao_worksheet_value (result, writer->chinese);
  gboolean ends_in_value = write_trace (writer, trace, out, result->percent);

  /* "Rate: 30%" needs no "= 30%"; a worked line ends in its result, with 万元 when final. */
  if (g_str_equal (out->str + start, plain) || g_str_has_suffix (out->str + start, plain))
    {
      if (!g_str_equal (shown, plain))
        {
          g_string_truncate (out, out->len - strlen (plain));
          g_string_append (out, shown);
        }
      return;
    }
  if (!ends_in_value)
    g_string_append_printf (out, " = %s", shown);
}

static const char *
row_word (Writer             *writer,
          const ShenbaoTrace *call)
{
  const ShenbaoTrace *list = call->children->len > 0 ? g_ptr_array_index (call->children, 0) : NULL;
  ShenbaoField *field = NULL;
  const ShenbaoText *row_label;

  if (writer->clause != NULL && list != NULL && list->name != NULL)
    field = shenbao_clause_find_field ((ShenbaoClause *) writer->clause, list->name);
  row_label = field != NULL ? shenbao_field_get_row_label (field) : NULL;
  if (row_label != NULL && row_label->zh != NULL)
    return shenbao_text_get (row_label, writer->chinese);
  return NULL;
}

/* A sum over a list's rows: one line per row, then the total. */
static void
write_rows (Writer                *writer,
            const char            *label,
            const ShenbaoTrace    *trace,
            const ShenbaoValue    *result,
            GPtrArray             *lines)
{
  const char *word = row_word (writer, trace);
  g_autoptr(GString) total = g_string_new (NULL);
  g_autofree char *result_shown = result_text (result, writer->chinese);
  guint n_rows = 0;

  for (guint i = 1; i < trace->children->len; i++)
    {
      const ShenbaoTrace *body = g_ptr_array_index (trace->children, i);
      GString *line = g_string_new (NULL);
      ShenbaoValue row_value = body->value;
      g_autofree char *value = NULL;

      /* An order that does not count is 0 of the same money as the others. */
      if (row_value.type == SHENBAO_VALUE_NUMBER && shenbao_unit_is_none (&row_value.unit) && !row_value.percent)
        row_value.unit = result->unit;
      value = shenbao_worksheet_value (&row_value, writer->chinese);

      if (word != NULL)
        g_string_append_printf (line, writer->chinese ? "%s %d：" : "%s %d: ", word, body->row + 1);
      else
        g_string_append_printf (line, writer->chinese ? "第 %d 行：" : "Row %d: ", body->row + 1);
      write_figure (writer, body, &row_value, FALSE, line);
      g_ptr_array_add (lines, g_string_free (line, FALSE));
      g_string_append_printf (total, "%s%s", n_rows > 0 ? " + " : "", value);
      n_rows++;
    }
  if (n_rows == 0)
    g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "%s：%s无记录，%s" : "%s: %s has no rows, %s",
                                             label, list_label (writer, trace), result_shown));
  else if (n_rows == 1)
    g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "%s：%s" : "%s: %s", label, result_shown));
  else
    g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "%s：%s = %s" : "%s: %s = %s", label,
                                             total->str, result_shown));
}

/* ------------------------------------------------------------------ steps */

static const char *
step_label (Writer                *writer,
            const ShenbaoWorkStep *step)
{
  return step->label != NULL ? shenbao_text_get (step->label, writer->chinese) : "";
}

static void
write_tiers (Writer                *writer,
             const ShenbaoWorkStep *step,
             GPtrArray             *lines)
{
  GString *line = g_string_new (NULL);
  const char *passes = step->strict ? W (writer, "超过", "above") : W (writer, "达到", "at least");
  g_autofree char *after = shenbao_worksheet_decimal (step->after, writer->chinese);

  g_string_append_printf (line, writer->chinese ? "%s：" : "%s: ", step_label (writer, step));
  write_figure (writer, step->trace, &step->result, FALSE, line);
  if (step->tier < 0)
    {
      const ShenbaoTier *lowest = &g_array_index (step->tiers, ShenbaoTier, 0);
      g_autofree char *threshold = shenbao_worksheet_decimal (lowest->threshold, writer->chinese);

      g_string_append_printf (line, writer->chinese ? "，未%s最低档 %s，不予奖励" : ", not %s the lowest tier of %s: no award",
                              passes, threshold);
    }
  else
    {
      const ShenbaoTier *tier = &g_array_index (step->tiers, ShenbaoTier, step->tier);
      g_autofree char *threshold = shenbao_worksheet_decimal (tier->threshold, writer->chinese);

      g_string_append_printf (line, writer->chinese ? "，%s %s，该档奖励 %s" : ", %s %s: the tier pays %s",
                              passes, threshold, after);
    }
  g_ptr_array_add (lines, g_string_free (line, FALSE));

  if ((guint) (step->tier + 1) < step->tiers->len)
    {
      const ShenbaoTier *next = &g_array_index (step->tiers, ShenbaoTier, step->tier + 1);
      g_autofree char *threshold = shenbao_worksheet_decimal (next->threshold, writer->chinese);
      g_autofree char *amount = shenbao_worksheet_decimal (next->amount, writer->chinese);
      ShenbaoDecimal extra;
      g_autofree char *extra_text = NULL;

      if (shenbao_decimal_sub (next->amount, step->after, &extra))
        {
          extra_text = shenbao_worksheet_decimal (extra, writer->chinese);
          g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "下一档：%s %s，奖励 %s（比本档多 %s）"
                                                                   : "Next tier: %s %s, it pays %s (%s more)",
                                                   passes, threshold, amount, extra_text));
        }
    }
}

static void
write_operand_step (Writer                *writer,
                    const ShenbaoWorkStep *step,
                    const char            *symbol,
                    GPtrArray             *lines)
{
  GString *line = g_string_new (NULL);
  g_autofree char *before = shenbao_worksheet_decimal (step->before, writer->chinese);
  g_autofree char *after = shenbao_worksheet_decimal (step->after, writer->chinese);
  ShenbaoDecimal unclipped;

  g_string_append_printf (line, writer->chinese ? "%s：%s %s " : "%s: %s %s ", step_label (writer, step), before, symbol);
  if (step->trace != NULL && step->trace->kind != SHENBAO_TRACE_LITERAL)
    {
      gboolean parens = !is_simple (step->trace) && step->trace->kind != SHENBAO_TRACE_CALL;

      if (parens)
        g_string_append_c (line, '(');
      write_trace (writer, step->trace, line, step->trace->value.percent);
      if (parens)
        g_string_append_c (line, ')');
    }
  else
    {
      g_autofree char *operand = shenbao_worksheet_value (&step->result, writer->chinese);
      g_string_append (line, operand);
    }
  g_string_append_printf (line, " = %s", after);
  if (step->kind == SHENBAO_WORK_LESS && shenbao_decimal_sub (step->before, step->operand, &unclipped)
      && unclipped.micros < 0)
    g_string_append (line, W (writer, "（不低于 0）", " (never below 0)"));
  g_ptr_array_add (lines, g_string_free (line, FALSE));
}

static void
write_cap (Writer                *writer,
           const ShenbaoWorkStep *step,
           GPtrArray             *lines)
{
  GString *line = g_string_new (NULL);
  g_autofree char *cap = shenbao_worksheet_decimal (step->operand, writer->chinese);

  g_string_append_printf (line, writer->chinese ? "%s：" : "%s: ", step_label (writer, step));
  /* A cap worked out from inputs shows how; a fixed one is in its label already. */
  if (step->trace != NULL && step->trace->kind != SHENBAO_TRACE_LITERAL)
    {
      ShenbaoValue value = step->trace->value;

      value.number = step->operand;
      write_figure (writer, step->trace, &value, TRUE, line);
      g_string_append (line, W (writer, "；", "; "));
    }
  if (!step->has_before)
    {
      if (step->trace == NULL || step->trace->kind == SHENBAO_TRACE_LITERAL)
        g_string_append_printf (line, writer->chinese ? "最高 %s" : "at most %s", cap);
      else
        g_string_truncate (line, line->len - strlen (W (writer, "；", "; ")));
    }
  else if (step->bound)
    g_string_append_printf (line, writer->chinese ? "超过上限，取上限 %s" : "the cap binds: %s", cap);
  else
    g_string_append (line, W (writer, "未超过上限", "not reached"));
  g_ptr_array_add (lines, g_string_free (line, FALSE));
}

static void
write_step (Writer                *writer,
            const ShenbaoWorkStep *step,
            ShenbaoWorksheetFlags  flags,
            GPtrArray             *lines)
{
  g_autofree char *before = shenbao_worksheet_decimal (step->before, writer->chinese);
  g_autofree char *after = shenbao_worksheet_decimal (step->after, writer->chinese);
  g_autofree char *operand = shenbao_worksheet_decimal (step->operand, writer->chinese);
  const char *label = step_label (writer, step);

  switch (step->kind)
    {
    case SHENBAO_WORK_FIGURE:
      if (step->trace == NULL)
        break;
      if (trace_is_call (step->trace, "sum") && step->trace->children->len > 0)
        write_rows (writer, label, step->trace, &step->result, lines);
      else
        {
          GString *line = g_string_new (NULL);

          g_string_append_printf (line, writer->chinese ? "%s：" : "%s: ", label);
          write_figure (writer, step->trace, &step->result, TRUE, line);
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      break;
    case SHENBAO_WORK_TIERS:
      write_tiers (writer, step, lines);
      break;
    case SHENBAO_WORK_LESS:
      write_operand_step (writer, step, "−", lines);
      break;
    case SHENBAO_WORK_SCALE:
      write_operand_step (writer, step, "×", lines);
      break;
    case SHENBAO_WORK_CAP:
      write_cap (writer, step, lines);
      break;
    case SHENBAO_WORK_ROUND:
      g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "四舍五入保留到分：%s → %s"
                                                               : "Rounded half-up to the fen: %s → %s",
                                               before, after));
      break;
    case SHENBAO_WORK_TOP_UP:
      {
        g_autofree char *paid = plain_amount (step->operand, writer->chinese);

        g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "先执行上级规定，区级补足差额：%s − 已获上级 %s = %s（%s）"
                                                                 : "Higher level first, the district tops up: %s − %s paid by the higher level = %s (%s)",
                                                 before, paid, after, label));
      }
      break;
    case SHENBAO_WORK_POOL:
      {
        ShenbaoValue factor = { 0 };
        g_autofree char *factor_text = NULL;
        g_autofree char *budget = shenbao_worksheet_decimal (step->exact, writer->chinese);
        g_autofree char *exact = plain_amount (step->exact, writer->chinese);

        factor.type = SHENBAO_VALUE_NUMBER;
        factor.number = step->operand;
        factor_text = shenbao_value_format (&factor);
        if (!step->bound)
          g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "年度资金池（%s）：比例系数 1，未缩减；全区兑现总额超过资金上限时按比例兑现"
                                                                   : "Annual pool (%s): factor 1, not reduced; paid pro rata if the district total exceeds it",
                                                   budget));
        else if (step->exact.micros % 10000 == 0)
          g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "年度资金池按比例兑现：%s × %s = %s"
                                                                   : "Annual pool paid pro rata: %s × %s = %s",
                                                   before, factor_text, after));
        else
          g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "年度资金池按比例兑现：%s × %s = %s，保留到分 %s"
                                                                   : "Annual pool paid pro rata: %s × %s = %s, to the fen %s",
                                                   before, factor_text, exact, after));
      }
      break;
    case SHENBAO_WORK_COMBINED_CAP:
      if (step->bound)
        {
          ShenbaoDecimal cut;
          g_autofree char *cut_text = NULL;

          if (!shenbao_decimal_sub (step->before, step->after, &cut))
            cut = step->before;
          cut_text = shenbao_worksheet_decimal (cut, writer->chinese);
          g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "合计上限 %s（%s）：本项核减 %s，为 %s"
                                                                   : "Combined cap of %s (%s): this clause is reduced by %s to %s",
                                                   operand, label, cut_text, after));
        }
      else
        g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "提示：相关条款合计 %s，超过 %s（%s），可能被核减"
                                                                 : "Warning: the clauses together claim %s, more than %s (%s); they may be reduced",
                                                 before, operand, label));
      break;
    case SHENBAO_WORK_SAME_MATTER:
      {
        const char *why = step->why == SHENBAO_SAME_MATTER_BY_TEXT
                          ? W (writer, "政策文件表明两者为同一事项", "the policy text makes them one matter")
                          : step->why == SHENBAO_SAME_MATTER_BY_ANSWER
                          ? W (writer, "您已确认两者为同一事项", "you said they are the same matter")
                          : W (writer, "尚未确认是否同一事项，暂按同一事项估算",
                               "not yet answered whether they are the same matter, so this estimate assumes they are");

        g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "与第 %s 项可能属同一事项（%s）：%s；第 %s 项 %s 高于本项 %s，不重复享受，取高者"
                                                                 : "Same matter as clause %s (%s): %s; clause %s pays %s, more than %s here, so only the higher is counted",
                                                 step->rival, label, why, step->rival, operand, before));
      }
      break;
    case SHENBAO_WORK_REVIEW:
      if (step->has_operand)
        g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "金额经审核确定，最高 %s" : "Amount determined on review, at most %s",
                                                 operand));
      else
        g_ptr_array_add (lines, g_strdup (W (writer, "金额经审核确定，文件未给出上限",
                                             "Amount determined on review; the document gives no maximum")));
      break;
    case SHENBAO_WORK_OTHER_POLICY:
      g_ptr_array_add (lines, g_strdup (W (writer, "金额按其他政策确定：请填写该政策给出的金额",
                                           "The amount is set by another policy: enter the figure it gives")));
      break;
    case SHENBAO_WORK_NON_MONETARY:
      g_ptr_array_add (lines, g_strdup (W (writer, "非资金支持（无金额）", "Non-monetary support (no amount)")));
      break;
    case SHENBAO_WORK_ALTERNATIVE:
      {
        const ShenbaoText *other = step->flag != NULL ? shenbao_flag_get_alternative_label (step->flag) : NULL;
        const ShenbaoText *reading = other != NULL && other->zh != NULL ? other : NULL;

        g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "另一种理解（%s）：%s；按默认理解为 %s。%s"
                                                                 : "Under the other reading (%s): %s; %s under the default reading. %s",
                                                 reading != NULL ? shenbao_text_get (reading, writer->chinese) : "",
                                                 after, before, label));
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if ((flags & SHENBAO_WORKSHEET_FORMULAS) != 0 && step->expr != NULL)
    {
      g_autofree char *formula = shenbao_worksheet_formula (step, writer->chinese);

      g_ptr_array_add (lines, g_strdup_printf (writer->chinese ? "　公式：%s" : "  Formula: %s", formula));
    }
}

typedef struct
{
  const ShenbaoTrace *trace;
  gboolean            chinese;
} FormulaLabels;

static const ShenbaoTrace *
find_name (const ShenbaoTrace *trace,
           const char         *name)
{
  if (trace->kind == SHENBAO_TRACE_NAME && g_strcmp0 (trace->name, name) == 0 && trace->label != NULL)
    return trace;
  for (guint i = 0; i < trace->children->len; i++)
    {
      const ShenbaoTrace *found = find_name (g_ptr_array_index (trace->children, i), name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
formula_label (const char *name,
               gpointer    user_data)
{
  FormulaLabels *labels = user_data;
  const ShenbaoTrace *found = labels->trace != NULL ? find_name (labels->trace, name) : NULL;

  return found != NULL ? g_strdup (shenbao_text_get (found->label, labels->chinese)) : NULL;
}

/* The step's formula for policy authors, names read as labels where the step read them. */
char *
shenbao_worksheet_formula (const ShenbaoWorkStep *step,
                           gboolean               chinese)
{
  FormulaLabels labels = { step->trace, chinese };

  g_return_val_if_fail (step != NULL, NULL);

  if (step->expr == NULL)
    return NULL;
  return shenbao_expr_render_in (step->expr, formula_label, &labels, chinese);
}

/* One step alone, as lines joined by newlines (a sum gives one line per row). */
char *
shenbao_worksheet_step_text (const ShenbaoWorkStep *step,
                             gboolean               chinese,
                             ShenbaoWorksheetFlags  flags)
{
  Writer writer = { chinese, NULL, FALSE };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (step != NULL, NULL);

  write_step (&writer, step, flags, lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The clause's worksheet: its steps in order, then what the other readings would give. */
GPtrArray *
shenbao_worksheet_step_lines (const ShenbaoClauseResult *result,
                              gboolean                   chinese,
                              ShenbaoWorksheetFlags      flags)
{
  Writer writer = { chinese, result->clause, FALSE };
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; result->work != NULL && i < result->work->len; i++)
    write_step (&writer, g_ptr_array_index (result->work, i), flags, lines);
  return lines;
}

GPtrArray *
shenbao_worksheet_alternative_lines (const ShenbaoClauseResult *result,
                                     gboolean                   chinese)
{
  Writer writer = { chinese, result->clause, FALSE };
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  /* Only where the reading changes the amount is there something at stake. */
  for (guint i = 0; result->alternatives != NULL && i < result->alternatives->len; i++)
    {
      ShenbaoWorkStep *step = g_ptr_array_index (result->alternatives, i);

      if (result->has_amount && result->applies == SHENBAO_APPLIES_YES
          && shenbao_decimal_compare (step->before, step->after) != 0)
        write_step (&writer, step, SHENBAO_WORKSHEET_DEFAULT, lines);
    }
  return lines;
}

/* Everything a clause page says under the amount: what is not met, what is still needed, the
 * steps, and the amount under another reading. */
GPtrArray *
shenbao_worksheet_clause_lines (const ShenbaoClauseResult *result,
                                gboolean                   chinese,
                                ShenbaoWorksheetFlags      flags)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) alternatives = NULL;

  g_return_val_if_fail (result != NULL, lines);

  for (guint i = 0; i < result->unmet->len; i++)
    g_ptr_array_add (lines, g_strdup_printf (chinese ? "未满足：%s" : "Not met: %s",
                                             shenbao_text_get (g_ptr_array_index (result->unmet, i), chinese)));
  for (guint i = 0; i < result->missing->len; i++)
    g_ptr_array_add (lines, g_strdup_printf (chinese ? "尚需填写：%s" : "Still needed: %s",
                                             shenbao_text_get (shenbao_field_get_label (g_ptr_array_index (result->missing, i)),
                                                               chinese)));
  steps = shenbao_worksheet_step_lines (result, chinese, flags);
  for (guint i = 0; i < steps->len; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (steps, i)));
  alternatives = shenbao_worksheet_alternative_lines (result, chinese);
  for (guint i = 0; i < alternatives->len; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (alternatives, i)));
  if (result->error != NULL)
    g_ptr_array_add (lines, g_strdup_printf (chinese ? "错误：%s" : "Error: %s", result->error->message));
  return lines;
}

/* Policy-wide lines: whether the policy is in force on the day, and the warnings of soft caps. */
GPtrArray *
shenbao_worksheet_notes (const ShenbaoPolicyResult *result,
                         gboolean                   chinese)
{
  Writer writer = { chinese, NULL, FALSE };
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  char date[32] = "";

  if (g_date_valid (&result->as_of))
    g_date_strftime (date, sizeof date, "%Y-%m-%d", &result->as_of);
  switch (result->validity)
    {
    case SHENBAO_VALIDITY_DRAFT:
      g_ptr_array_add (lines, g_strdup_printf (chinese ? "注意：本政策为征求意见稿，%s 尚未生效，金额仅供参考"
                                                       : "Note: this policy is a draft for comment, not in force on %s; amounts are indicative",
                                               date));
      break;
    case SHENBAO_VALIDITY_NOT_YET:
      g_ptr_array_add (lines, g_strdup_printf (chinese ? "注意：本政策在 %s 尚未施行" : "Note: this policy is not yet in force on %s",
                                               date));
      break;
    case SHENBAO_VALIDITY_EXPIRED:
      g_ptr_array_add (lines, g_strdup_printf (chinese ? "注意：本政策在 %s 已失效" : "Note: this policy has expired by %s", date));
      break;
    case SHENBAO_VALIDITY_IN_FORCE:
    default:
      break;
    }
  for (guint i = 0; i < result->notes->len; i++)
    write_step (&writer, g_ptr_array_index (result->notes, i), SHENBAO_WORKSHEET_DEFAULT, lines);
  return lines;
}

static void
append_lines (GString   *out,
              GPtrArray *lines,
              const char *indent)
{
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s%s\n", indent, (const char *) g_ptr_array_index (lines, i));
}

/* The whole policy as plain text, for the CLI. */
char *
shenbao_worksheet_policy_text (ShenbaoPolicyResult  *result,
                               gboolean              chinese,
                               ShenbaoWorksheetFlags flags)
{
  static const char *kind_zh[] = { "确定金额", "最高金额", "经审核确定", "按其他政策", "非资金" };
  static const char *kind_en[] = { "exact", "up to", "on review", "by another policy", "non-monetary" };
  static const char *applies_zh[] = { "适用", "不适用", "待补充" };
  static const char *applies_en[] = { "applies", "does not apply", "incomplete" };
  GString *out = g_string_new (NULL);
  g_autofree char *total = shenbao_worksheet_amount (result->total_fen, chinese);
  g_autofree char *total_up_to = shenbao_worksheet_amount (result->total_up_to_fen, chinese);
  g_autoptr(GPtrArray) notes = shenbao_worksheet_notes (result, chinese);

  g_string_append_printf (out, "%s (%s)\n", shenbao_text_get (shenbao_policy_get_title (result->policy), chinese),
                          shenbao_policy_get_id (result->policy));
  append_lines (out, notes, "  ");
  for (guint i = 0; i < result->clauses->len; i++)
    {
      ShenbaoClauseResult *clause_result = g_ptr_array_index (result->clauses, i);
      const ShenbaoClause *clause = clause_result->clause;
      g_autofree char *award = shenbao_worksheet_amount (clause_result->payout_fen, chinese);
      g_autoptr(GPtrArray) lines = shenbao_worksheet_clause_lines (clause_result, chinese, flags);

      g_string_append_printf (out, "\n%s %s [%s, %s%s]%s%s\n", shenbao_clause_get_id (clause),
                              shenbao_text_get (shenbao_clause_get_title (clause), chinese),
                              (chinese ? kind_zh : kind_en)[shenbao_clause_get_kind (clause)],
                              (chinese ? applies_zh : applies_en)[clause_result->applies],
                              clause_result->claimed ? "" : chinese ? "，未申报，不计入合计" : ", not claimed, not in the total",
                              clause_result->has_amount ? " " : "",
                              clause_result->has_amount ? award : "");
      append_lines (out, lines, "  ");
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
      g_string_append_printf (out, "  %s + %s: %s (%s)\n", shenbao_clause_get_id (question->a->clause),
                              shenbao_clause_get_id (question->b->clause),
                              chinese ? answer_zh : answer_en, shenbao_text_get (shenbao_rule_get_text (question->rule), chinese));
    }
  if (result->error != NULL)
    g_string_append_printf (out, "%s %s\n", chinese ? "错误：" : "Error:", result->error->message);
  g_string_append_printf (out, "\n%s %s\n%s %s\n", chinese ? "合计（确定金额）：" : "Total (exact):", total,
                          chinese ? "合计（含“最高”金额）：" : "Total (with “up to” maxima):", total_up_to);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ glosses */

static const struct
{
  const char *word;
  const char *gloss;
} glossary[] = {
  { "揭榜挂帅", "open competition" },
  { "规上", "above designated size" },
  { "万元", "10,000 yuan" },
  { "首台（套）", "first set" },
  { "首台套", "first set" },
  { "晋级差额", "promotion difference" },
  { "专精特新", "specialised and innovative" },
  { "小巨人", "little giant" },
  { "面上", "general policy" },
  { "一票否决", "one-vote veto" },
  { "申报窗口", "application window" },
};

/* English text that carries a Chinese programme word gets its gloss the first time on a page:
 * "“open competition” (揭榜挂帅)". seen holds the words already glossed on the page. */
char *
shenbao_worksheet_gloss (const char *english,
                         GHashTable *seen)
{
  GString *out = g_string_new (english);

  for (guint i = 0; i < G_N_ELEMENTS (glossary); i++)
    {
      const char *at = strstr (out->str, glossary[i].word);
      g_autofree char *glossed = NULL;
      gsize offset;

      if (at == NULL || (seen != NULL && g_hash_table_contains (seen, glossary[i].word)))
        continue;
      /* Already glossed by the author: "(揭榜挂帅)" after an English phrase. */
      offset = at - out->str;
      if (offset > 0 && out->str[offset - 1] == '(')
        {
          if (seen != NULL)
            g_hash_table_add (seen, (gpointer) glossary[i].word);
          continue;
        }
      glossed = g_strdup_printf ("“%s” (%s)", glossary[i].gloss, glossary[i].word);
      g_string_erase (out, offset, strlen (glossary[i].word));
      g_string_insert (out, offset, glossed);
      if (seen != NULL)
        g_hash_table_add (seen, (gpointer) glossary[i].word);
    }
  return g_string_free (out, FALSE);
}
