/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-forms"

#include "config.h"

#include <string.h>

#include "shenbao-display.h"
#include "shenbao-forms.h"
#include "shenbao-regions.h"
#include "shenbao-worksheet.h"

/* The documents' own words, in both languages side by side. They are not gettext strings: the
 * language of a package is chosen for each package (a consultant on an English desktop files
 * in Chinese, `shenbao-cli package --lang zh`), not by the UI's locale, and the Chinese is the
 * wording offices expect, as in the policy files. */
#define PICK(chinese, zh, en) ((chinese) ? (zh) : (en))

void
shenbao_numbered_attachment_free (ShenbaoNumberedAttachment *attachment)
{
  g_clear_object (&attachment->item);
  g_free (attachment->entry_name);
  g_free (attachment);
}

/* A label as a file name: no folder separators or characters Windows refuses. */
static char *
file_name_from_label (const char *label)
{
  g_autoptr(GString) name = g_string_new (NULL);
  glong length = 0;

  for (const char *p = label; *p != '\0' && length < 60; p = g_utf8_next_char (p), length++)
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("/\\:*?\"<>|", (int) c) != NULL && c < 128)
        g_string_append_c (name, '-');
      else if (g_unichar_iscntrl (c))
        continue;
      else
        g_string_append_unichar (name, c);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&name), FALSE));
}

/* Attached items in checklist order, numbered from 03 (01 is the form, 02 the letter), named
 * after their item (the Chinese label, as the office reads it) with the file's extension. */
GPtrArray *
shenbao_forms_number_attachments (ShenbaoChecklist *checklist)
{
  GPtrArray *numbered = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_numbered_attachment_free);
  GListModel *model = G_LIST_MODEL (checklist);
  guint number = 3;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShenbaoChecklistItem) item = g_list_model_get_item (model, i);
      const char *path = shenbao_checklist_item_get_path (item);
      g_autofree char *base = NULL;
      g_autofree char *name = NULL;
      const char *dot;
      ShenbaoNumberedAttachment *attachment;

      if (path == NULL)
        continue;
      base = g_path_get_basename (path);
      dot = strrchr (base, '.');
      name = file_name_from_label (shenbao_checklist_item_get_label (item, TRUE));
      attachment = g_new0 (ShenbaoNumberedAttachment, 1);
      attachment->item = g_steal_pointer (&item);
      attachment->number = number++;
      attachment->entry_name = g_strdup_printf ("附件/%02u-%s%s", attachment->number, name,
                                                dot != NULL && dot != base ? dot : "");
      g_ptr_array_add (numbered, attachment);
    }
  return numbered;
}

/* 2,000,000.00 元（200.00 万元）: the fen exactly, the 万元 to the yuan, at least two places. */
char *
shenbao_forms_format_amount (gint64   fen,
                             gboolean chinese)
{
  g_autofree char *yuan = shenbao_fen_format (fen);
  gboolean negative = fen < 0;
  guint64 whole_yuan = ((negative ? -(guint64) fen : (guint64) fen) + 50) / 100;
  g_autofree char *wan = g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%04u", negative ? "-" : "",
                                          whole_yuan / 10000, (guint) (whole_yuan % 10000));
  gsize length = strlen (wan);

  while (length > 0 && wan[length - 1] == '0' && wan[length - 3] != '.')
    wan[--length] = '\0';
  return chinese ? g_strdup_printf ("%s 元（%s 万元）", yuan, wan)
                 : g_strdup_printf ("%s yuan (%s × 10,000 yuan)", yuan, wan);
}

char *
shenbao_forms_format_date (const GDate *date,
                           gboolean     chinese)
{
  char text[64];

  if (chinese)
    return g_strdup_printf ("%u年%u月%u日", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* ------------------------------------------------------------------ helpers */

static const char *
text_or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static char *
field_display (ShenbaoFiling *application,
               ShenbaoField  *field,
               gboolean       chinese)
{
  const char *key = shenbao_field_get_input_key (field);
  const ShenbaoValue *value = shenbao_inputs_lookup (shenbao_filing_get_inputs (application), key);
  const char *text = shenbao_filing_get_text (application, key);

  /* A division by its name, as the office reads it, not by its code alone. */
  if (shenbao_field_get_kind (field) == SHENBAO_FIELD_REGION && text != NULL && shenbao_regions_lookup (text) != NULL)
    return shenbao_region_dup_label (shenbao_regions_lookup (text));
  if (value != NULL)
    return shenbao_display_value (field, value, chinese);
  return g_strdup (text_or_dash (shenbao_filing_get_text (application, key)));
}

static char *
clause_heading (ShenbaoClause *clause,
                gboolean       chinese)
{
  const ShenbaoText *title = shenbao_clause_get_title (clause);

  return chinese ? g_strdup_printf ("第 %s 条　%s", shenbao_clause_get_id (clause), title->zh)
                 : g_strdup_printf ("Clause %s: %s", shenbao_clause_get_id (clause), title->en);
}

static void
add_fields_table (ShenbaoDocument    *document,
                  ShenbaoFiling *application,
                  GPtrArray          *fields,
                  gboolean            chinese)
{
  static const double widths[] = { 0.42, 0.58 };
  const char *header[] = { PICK (chinese, "项目", "Item"), PICK (chinese, "填报内容", "As entered"), NULL };
  gboolean any = FALSE;

  for (guint i = 0; i < fields->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (fields, i);
      g_autofree char *shown = NULL;
      const char *label;

      if (field == NULL || shenbao_filing_get_text (application, shenbao_field_get_input_key (field)) == NULL)
        continue;
      if (!any)
        shenbao_document_begin_table (document, 2, widths, header);
      any = TRUE;
      shown = field_display (application, field, chinese);
      label = shenbao_text_get (shenbao_field_get_label (field), chinese);
      shenbao_document_add_row (document, (const char *[]) { label, shown, NULL });
    }
  if (any)
    shenbao_document_end_table (document);
}

/* ------------------------------------------------------------------ the application form */

/* The window of the current call as the user recorded it, for the cover: "2026年12月1日 至
 * 2026年12月28日；浦东新区专项资金服务平台". NULL when none is recorded. */
static char *
window_text (ShenbaoFiling *application,
             ShenbaoPolicy *policy,
             gboolean       chinese)
{
  g_autoptr(ShenbaoPolicyWindow) window = shenbao_storage_get_policy_window (shenbao_filing_get_storage (application),
                                                                             shenbao_policy_get_id (policy), NULL);
  g_autofree char *opens = NULL, *closes = NULL;

  if (window == NULL)
    return NULL;
  opens = g_date_valid (&window->opens) ? shenbao_forms_format_date (&window->opens, chinese) : g_strdup ("—");
  closes = g_date_valid (&window->closes) ? shenbao_forms_format_date (&window->closes, chinese) : g_strdup ("—");
  return g_strdup_printf (chinese ? "%s 至 %s%s%s" : "%s to %s%s%s", opens, closes,
                          window->where_to_file != NULL ? (chinese ? "；" : "; ") : "",
                          window->where_to_file != NULL ? window->where_to_file : "");
}

static void
add_cover (ShenbaoDocument    *document,
           ShenbaoFiling *application,
           GPtrArray          *claimed,
           gboolean            chinese,
           const GDate        *date)
{
  static const double widths[] = { 0.3, 0.7 };
  ShenbaoPolicy *policy = shenbao_filing_get_policy (application);
  g_autoptr(GString) clauses = g_string_new (NULL);
  g_autofree char *when = shenbao_forms_format_date (date, chinese);
  g_autofree char *contact = g_strdup_printf ("%s　%s",
                                              text_or_dash (shenbao_filing_get_text (application, "contact_person")),
                                              text_or_dash (shenbao_filing_get_text (application, "contact_phone")));

  for (guint i = 0; i < claimed->len; i++)
    {
      g_autofree char *heading = clause_heading (g_ptr_array_index (claimed, i), chinese);
      g_string_append_printf (clauses, "%s%s", i > 0 ? "\n" : "", heading);
    }

  shenbao_document_add_space (document, 60);
  shenbao_document_add_title (document, PICK (chinese, "专项资金申报书", "Application Form"));
  shenbao_document_add_title (document, shenbao_text_get (shenbao_policy_get_title (policy), chinese));
  shenbao_document_add_space (document, 40);
  shenbao_document_begin_table (document, 2, widths, NULL);
  shenbao_document_add_row (document, (const char *[]) { PICK (chinese, "申报条款", "Clauses claimed"), clauses->str, NULL });
  shenbao_document_add_row (document, (const char *[]) { PICK (chinese, "申报单位（盖章）", "Applicant (seal)"),
                                                         text_or_dash (shenbao_filing_get_text (application, "company_name")), NULL });
  shenbao_document_add_row (document, (const char *[]) { PICK (chinese, "统一社会信用代码", "Unified social credit code"),
                                                         text_or_dash (shenbao_filing_get_text (application, "credit_code")), NULL });
  shenbao_document_add_row (document, (const char *[]) { PICK (chinese, "联系人及电话", "Contact and phone"), contact, NULL });
  shenbao_document_add_row (document, (const char *[]) { PICK (chinese, "注册地址", "Registered address"),
                                                         text_or_dash (shenbao_filing_get_text (application, "registered_address")), NULL });
  shenbao_document_add_row (document, (const char *[]) { PICK (chinese, "申报日期", "Date"), when, NULL });
  {
    g_autofree char *window = window_text (application, policy, chinese);

    if (window != NULL)
      shenbao_document_add_row (document, (const char *[]) { PICK (chinese, "申报窗口", "Application window"),
                                                             window, NULL });
  }
  shenbao_document_end_table (document);
  shenbao_document_add_box (document, PICK (chinese, "申报单位盖章", "Seal of the applicant"), 110);
  shenbao_document_add_page_break (document);
}

static void
add_notes (ShenbaoDocument *document,
           gboolean         chinese)
{
  shenbao_document_add_heading (document, PICK (chinese, "填报说明", "Notes on filling in"));
  shenbao_document_add_paragraph (document,
                                  PICK (chinese,
                                        "一、金额单位为元，括号内折算为万元。二、申报单位对所填内容及所附材料的真实性、准确性、完整性负责。三、各条款测算说明依政策原文逐步列示。",
                                        "1. Amounts in yuan, with 10,000 yuan (万元) in brackets. 2. The applicant answers for the truth, accuracy and completeness of what is entered and attached. 3. The calculation statement of each clause follows the policy text step by step; the clause texts are quoted in the original Chinese."));
}

static void
add_basics (ShenbaoDocument    *document,
            ShenbaoFiling *application,
            gboolean            chinese)
{
  GPtrArray *facts = shenbao_policy_set_get_facts (shenbao_filing_get_policies (application));

  shenbao_document_add_heading (document, PICK (chinese, "一、申报单位基本情况", "1. The applicant"));
  add_fields_table (document, application, facts, chinese);
}

/* The worksheet as the core words it (shenbao-worksheet.c), the same lines as the clause page. */
static void
add_explanation (ShenbaoDocument     *document,
                 ShenbaoClauseResult *result,
                 gboolean             chinese)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *text = NULL;

  if (result == NULL)
    return;
  lines = shenbao_worksheet_step_lines (result, chinese, SHENBAO_WORKSHEET_DEFAULT);
  if (lines->len == 0)
    return;
  g_ptr_array_add (lines, NULL);
  text = g_strjoinv ("\n", (char **) lines->pdata);
  shenbao_document_add_paragraph (document, PICK (chinese, "测算说明：", "Calculation statement (测算说明):"));
  shenbao_document_add_quote (document, text);
}

static void
add_clause (ShenbaoDocument     *document,
            ShenbaoFiling  *application,
            ShenbaoClause       *clause,
            ShenbaoPolicyResult *result,
            guint                number,
            gboolean             chinese)
{
  ShenbaoClauseResult *clause_result = result != NULL
                                       ? shenbao_policy_result_find (result, shenbao_clause_get_id (clause))
                                       : NULL;
  const char *quote = shenbao_clause_get_quote (clause);
  GPtrArray *policy_fields_used = shenbao_clause_get_policy_fields_used (clause);
  GPtrArray *facts_used = shenbao_clause_get_facts_used (clause);
  g_autofree char *title = clause_heading (clause, chinese);
  g_autofree char *heading = g_strdup_printf ("%u. %s", number, title);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *award = NULL;

  shenbao_document_add_heading (document, heading);
  if (quote != NULL)
    {
      shenbao_document_add_paragraph (document, PICK (chinese, "政策原文：", "Clause text (original):"));
      shenbao_document_add_quote (document, quote);
    }
  g_ptr_array_extend (fields, shenbao_clause_get_fields (clause), NULL, NULL);
  for (guint i = 0; i < policy_fields_used->len; i++)
    g_ptr_array_add (fields, shenbao_policy_find_field (shenbao_clause_get_policy (clause),
                                                        g_ptr_array_index (policy_fields_used, i)));
  for (guint i = 0; i < facts_used->len; i++)
    g_ptr_array_add (fields, shenbao_policy_set_find_fact (shenbao_filing_get_policies (application),
                                                           g_ptr_array_index (facts_used, i)));
  add_fields_table (document, application, fields, chinese);

  if (clause_result != NULL && clause_result->has_amount)
    {
      g_autofree char *amount = shenbao_forms_format_amount (clause_result->payout_fen, chinese);
      award = g_strdup_printf ("%s%s", PICK (chinese, "预计资助金额：", "Expected award: "), amount);
    }
  else
    award = g_strdup (PICK (chinese, "预计资助金额：以审核认定为准", "Expected award: as set on review"));
  shenbao_document_add_paragraph (document, award);
  if (clause_result != NULL && clause_result->dropped)
    {
      g_autofree char *dropped = g_strdup_printf ("%s%s", PICK (chinese, "不予叠加：", "Not added: "),
                                                  shenbao_text_get (&clause_result->dropped_reason, chinese));
      shenbao_document_add_paragraph (document, dropped);
    }
  add_explanation (document, clause_result, chinese);
}

static void
add_total (ShenbaoDocument     *document,
           ShenbaoFiling  *application,
           GPtrArray           *claimed,
           ShenbaoPolicyResult *result,
           gboolean             chinese)
{
  static const double widths[] = { 0.5, 0.5 };
  const char *header[] = { PICK (chinese, "条款", "Clause"), PICK (chinese, "预计资助金额", "Expected award"), NULL };
  ShenbaoPolicy *policy = shenbao_filing_get_policy (application);
  g_autofree char *total = NULL;

  shenbao_document_add_heading (document, PICK (chinese, "三、资助金额合计", "3. Total"));
  if (result == NULL)
    return;
  shenbao_document_begin_table (document, 2, widths, header);
  for (guint i = 0; i < claimed->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (claimed, i);
      ShenbaoClauseResult *clause_result = shenbao_policy_result_find (result, shenbao_clause_get_id (clause));
      g_autofree char *title = clause_heading (clause, chinese);
      g_autofree char *amount = clause_result != NULL && clause_result->has_amount
                                ? shenbao_forms_format_amount (clause_result->payout_fen, chinese)
                                : g_strdup (PICK (chinese, "以审核认定为准", "as set on review"));

      shenbao_document_add_row (document, (const char *[]) { title, amount, NULL });
    }
  total = shenbao_forms_format_amount (result->total_fen, chinese);
  shenbao_document_add_row (document, (const char *[]) { PICK (chinese, "合计", "Total"), total, NULL });
  shenbao_document_end_table (document);

  for (guint i = 0; result->questions != NULL && i < result->questions->len; i++)
    {
      ShenbaoSameMatterQuestion *question = g_ptr_array_index (result->questions, i);
      g_autofree char *line = NULL;
      const char *answer = question->answer == SHENBAO_SAME_MATTER_SAME
                           ? PICK (chinese, "属同一事项，不重复享受", "the same matter, not paid twice")
                           : question->answer == SHENBAO_SAME_MATTER_DISTINCT
                           ? PICK (chinese, "属不同事项", "different matters")
                           : PICK (chinese, "未作答，按同一事项计", "not answered, counted as one matter");

      line = g_strdup_printf (PICK (chinese, "同一事项：第 %s 条与第 %s 条，%s。", "Same matter: clauses %s and %s, %s."),
                              shenbao_clause_get_id (question->a->clause), shenbao_clause_get_id (question->b->clause),
                              answer);
      shenbao_document_add_paragraph (document, line);
    }
  for (guint i = 0; i < claimed->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (claimed, i);
      GPtrArray *flags = shenbao_clause_get_flags (clause);

      for (guint f = 0; f < flags->len; f++)
        {
          const ShenbaoFlag *flag = shenbao_policy_find_flag (policy, g_ptr_array_index (flags, f));
          g_autofree char *line = NULL;

          if (flag == NULL)
            continue;
          line = g_strdup_printf (PICK (chinese, "提示（第 %s 条）：%s", "Note (clause %s): %s"),
                                  shenbao_clause_get_id (clause), shenbao_text_get (shenbao_flag_get_text (flag), chinese));
          shenbao_document_add_paragraph (document, line);
        }
    }
}

static void
add_attachment_list (ShenbaoDocument *document,
                     GPtrArray       *attachments,
                     gboolean         chinese)
{
  static const double widths[] = { 0.1, 0.75, 0.15 };
  const char *header[] = { PICK (chinese, "序号", "No."), PICK (chinese, "材料名称", "Document"),
                           PICK (chinese, "页数", "Pages"), NULL };

  shenbao_document_add_heading (document, PICK (chinese, "四、附件清单", "4. List of attachments"));
  shenbao_document_begin_table (document, 3, widths, header);
  shenbao_document_add_row (document, (const char *[]) { "01", PICK (chinese, "申报书", "Application form (申报书)"), "—", NULL });
  shenbao_document_add_row (document, (const char *[]) { "02", PICK (chinese, "信用承诺书", "Credit commitment letter (信用承诺书)"), "—", NULL });
  for (guint i = 0; i < attachments->len; i++)
    {
      ShenbaoNumberedAttachment *attachment = g_ptr_array_index (attachments, i);
      int pages = shenbao_checklist_item_get_pages (attachment->item);
      g_autofree char *number = g_strdup_printf ("%02u", attachment->number);
      g_autofree char *page_text = pages > 0 ? g_strdup_printf ("%d", pages) : g_strdup ("—");

      shenbao_document_add_row (document, (const char *[]) { number, shenbao_checklist_item_get_label (attachment->item, chinese),
                                                             page_text, NULL });
    }
  shenbao_document_end_table (document);
}

static void
add_signatures (ShenbaoDocument *document,
                gboolean         chinese)
{
  shenbao_document_add_heading (document, PICK (chinese, "五、申报单位承诺及推荐意见", "5. Signatures and opinion"));
  shenbao_document_add_paragraph (document, PICK (chinese, "本单位承诺所填内容及所附材料真实、准确、完整。",
                                                  "We declare that what is entered and attached is true, accurate and complete."));
  shenbao_document_add_box (document, PICK (chinese, "法定代表人（签字）：", "Legal representative (signature):"), 56);
  shenbao_document_add_box (document, PICK (chinese, "申报单位（盖章）：　　　　　　　　日期：", "Applicant (seal):                    Date:"), 90);
  shenbao_document_add_box (document, PICK (chinese, "推荐单位意见（盖章）：", "Opinion of the recommending office (seal):"), 110);
}

static char *
running_header (ShenbaoFiling *application,
                const char    *document_name)
{
  return g_strdup_printf ("%s · %s · %s", document_name,
                          text_or_dash (shenbao_filing_get_text (application, "company_name")),
                          shenbao_policy_get_title (shenbao_filing_get_policy (application))->zh);
}

ShenbaoDocument *
shenbao_forms_application (ShenbaoFiling *application,
                           GPtrArray     *attachments,
                           gboolean       chinese,
                           gboolean       draft,
                           const GDate   *date)
{
  g_autoptr(GPtrArray) claimed = NULL;
  g_autofree char *header = NULL;
  ShenbaoPolicyResult *result;
  ShenbaoDocument *document;

  g_return_val_if_fail (SHENBAO_IS_FILING (application), NULL);
  g_return_val_if_fail (shenbao_filing_get_policy (application) != NULL, NULL);

  claimed = shenbao_filing_list_chosen (application);
  result = shenbao_filing_get_result (application);
  header = running_header (application, PICK (chinese, "申报书", "Application form"));
  document = shenbao_document_new (header, chinese);
  if (draft)
    shenbao_document_set_watermark (document, PICK (chinese, "草稿", "DRAFT"));

  add_cover (document, application, claimed, chinese, date);
  add_notes (document, chinese);
  add_basics (document, application, chinese);
  shenbao_document_add_heading (document, PICK (chinese, "二、申报条款及测算说明", "2. Clauses claimed and calculation statements"));
  for (guint i = 0; i < claimed->len; i++)
    add_clause (document, application, g_ptr_array_index (claimed, i), result, i + 1, chinese);
  add_total (document, application, claimed, result, chinese);
  add_attachment_list (document, attachments, chinese);
  add_signatures (document, chinese);
  return document;
}

/* ------------------------------------------------------------------ the commitment letter */

ShenbaoDocument *
shenbao_forms_commitment (ShenbaoFiling *application,
                          gboolean       chinese,
                          gboolean       draft,
                          const GDate   *date)
{
  const char *company = text_or_dash (shenbao_filing_get_text (application, "company_name"));
  const char *credit_code = text_or_dash (shenbao_filing_get_text (application, "credit_code"));
  const char *given = shenbao_filing_get_text (application, "legal_representative");
  /* Left blank to be written in by hand, rather than a dash in the middle of a sentence. */
  const char *representative = given != NULL && *given != '\0' ? given : "__________";
  ShenbaoPolicy *policy = shenbao_filing_get_policy (application);
  g_autofree char *header = running_header (application, PICK (chinese, "信用承诺书", "Credit commitment letter"));
  g_autofree char *opening = NULL;
  g_autofree char *when = shenbao_forms_format_date (date, chinese);
  g_autofree char *signed_line = NULL;
  ShenbaoDocument *document = shenbao_document_new (header, chinese);
  static const char * const promises_zh[] = {
    "一、所提交的全部申报材料合法、真实、准确、完整，不存在虚报、瞒报、伪造、篡改等情形；",
    "二、近三年内无严重违法失信记录，未被列入严重失信主体名单；",
    "三、同一事项未重复申报，未重复享受各级财政资金支持；",
    "四、自愿接受有关部门的监督检查、审计和绩效评价，并如实提供相关资料；",
    "五、如有违反上述承诺，自愿退回已获得的资金，同意将失信行为记入信用记录，并接受限制申报等处理；",
    "六、同意本承诺书向社会公开。",
  };
  static const char * const promises_en[] = {
    "1. Everything submitted is lawful, true, accurate and complete; nothing is overstated, concealed, forged or altered.",
    "2. In the last three years the company has no serious illegal or dishonest record and is not listed as a seriously dishonest entity.",
    "3. The same matter is not applied for twice and is not funded twice by public money at any level.",
    "4. The company accepts inspection, audit and performance evaluation by the authorities and provides the documents they ask for.",
    "5. On any breach of these promises the company returns the funds received, agrees that the breach is recorded in the credit system, and accepts limits on future applications.",
    "6. The company agrees that this letter may be made public.",
  };

  if (draft)
    shenbao_document_set_watermark (document, PICK (chinese, "草稿", "DRAFT"));
  opening = chinese
            ? g_strdup_printf ("本单位 %s（统一社会信用代码：%s）申报《%s》专项资金，法定代表人 %s 代表本单位郑重承诺：",
                               company, credit_code, shenbao_policy_get_title (policy)->zh, representative)
            : g_strdup_printf ("%s (unified social credit code %s), applying for funds under “%s”, by its legal representative %s, solemnly promises:",
                               company, credit_code, shenbao_policy_get_title (policy)->en, representative);
  shenbao_document_add_space (document, 20);
  shenbao_document_add_title (document, PICK (chinese, "信用承诺书", "Credit Commitment Letter"));
  shenbao_document_add_paragraph (document, opening);
  for (guint i = 0; i < G_N_ELEMENTS (promises_zh); i++)
    shenbao_document_add_paragraph (document, chinese ? promises_zh[i] : promises_en[i]);
  shenbao_document_add_space (document, 16);
  signed_line = g_strdup_printf (PICK (chinese, "承诺单位：%s", "Company: %s"), company);
  shenbao_document_add_paragraph (document, signed_line);
  shenbao_document_add_box (document, PICK (chinese, "法定代表人（签字）：", "Legal representative (signature):"), 56);
  shenbao_document_add_box (document, PICK (chinese, "单位（盖章）：", "Company seal:"), 100);
  g_free (signed_line);
  signed_line = g_strdup_printf (PICK (chinese, "日期：%s", "Date: %s"), when);
  shenbao_document_add_box (document, signed_line, 40);
  return document;
}
