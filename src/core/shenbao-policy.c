/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-policy"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shenbao-policy-private.h"

G_DEFINE_FINAL_TYPE (ShenbaoPolicy, shenbao_policy, G_TYPE_OBJECT)

void
shenbao_text_clear (ShenbaoText *text)
{
  g_clear_pointer (&text->zh, g_free);
  g_clear_pointer (&text->en, g_free);
}

/* Policy texts come in both languages from the XML; which one to show follows the language
 * gettext picked for the program, so a Chinese UI never shows English policy text. */
gboolean
shenbao_prefers_chinese (void)
{
  static int chinese = -1;

  if (chinese < 0)
    {
      /* Translators: write "zh" here; the policy texts shown follow this language. */
      const char *language = _("en");
      chinese = g_str_has_prefix (language, "zh");
    }
  return chinese;
}

const char *
shenbao_text_get (const ShenbaoText *text,
                  gboolean           chinese)
{
  const char *preferred = chinese ? text->zh : text->en;

  if (preferred != NULL && *preferred != '\0')
    return preferred;
  return chinese ? (text->en ? text->en : "") : (text->zh ? text->zh : "");
}

void
shenbao_choice_free (ShenbaoChoice *choice)
{
  g_free (choice->value);
  shenbao_text_clear (&choice->label);
  g_free (choice);
}

void
shenbao_field_free (ShenbaoField *field)
{
  if (field == NULL)
    return;
  g_free (field->id);
  g_free (field->input_key);
  g_free (field->unit_text);
  g_free (field->default_text);
  g_clear_pointer (&field->default_value, shenbao_value_free);
  g_free (field->pattern);
  g_clear_pointer (&field->regex, g_regex_unref);
  shenbao_text_clear (&field->label);
  shenbao_text_clear (&field->help);
  shenbao_text_clear (&field->row_label);
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_clear_pointer (&field->columns, g_ptr_array_unref);
  g_free (field);
}

void
shenbao_condition_free (ShenbaoCondition *condition)
{
  g_clear_pointer (&condition->test, shenbao_expr_free);
  shenbao_text_clear (&condition->text);
  g_free (condition->flag);
  g_free (condition);
}

void
shenbao_step_free (ShenbaoStep *step)
{
  g_free (step->name);
  shenbao_text_clear (&step->label);
  g_clear_pointer (&step->expr, shenbao_expr_free);
  g_clear_pointer (&step->tiers, g_array_unref);
  g_free (step);
}

void
shenbao_attachment_free (ShenbaoAttachment *attachment)
{
  g_free (attachment->id);
  shenbao_text_clear (&attachment->label);
  g_free (attachment);
}

void
shenbao_setting_free (ShenbaoSetting *setting)
{
  g_free (setting->name);
  g_free (setting->value);
  g_free (setting);
}

void
shenbao_example_free (ShenbaoExample *example)
{
  if (example == NULL)
    return;
  g_free (example->id);
  g_free (example->note);
  g_clear_pointer (&example->settings, g_ptr_array_unref);
  g_free (example->applies);
  g_free (example->award);
  g_free (example->award_alternative);
  g_free (example->total);
  g_free (example->total_up_to);
  g_free (example->dropped);
  g_clear_pointer (&example->payouts, g_ptr_array_unref);
  g_free (example);
}

void
shenbao_clause_free (ShenbaoClause *clause)
{
  if (clause == NULL)
    return;
  g_free (clause->id);
  g_free (clause->full_id);
  g_free (clause->shape);
  shenbao_text_clear (&clause->title);
  g_free (clause->quote);
  g_clear_pointer (&clause->fields, g_ptr_array_unref);
  g_clear_pointer (&clause->conditions, g_ptr_array_unref);
  g_free (clause->payment);
  g_free (clause->period);
  g_clear_pointer (&clause->steps, g_ptr_array_unref);
  g_clear_pointer (&clause->attachments, g_ptr_array_unref);
  g_clear_pointer (&clause->flags, g_ptr_array_unref);
  g_clear_pointer (&clause->examples, g_ptr_array_unref);
  g_clear_pointer (&clause->facts_used, g_ptr_array_unref);
  g_clear_pointer (&clause->policy_fields_used, g_ptr_array_unref);
  g_free (clause);
}

void
shenbao_rule_free (ShenbaoRule *rule)
{
  g_free (rule->id);
  shenbao_text_clear (&rule->text);
  g_free (rule->quote);
  g_free (rule->flag);
  g_clear_pointer (&rule->expr, shenbao_expr_free);
  g_free (rule->field);
  g_clear_pointer (&rule->members, g_ptr_array_unref);
  g_free (rule);
}

void
shenbao_area_free (ShenbaoArea *area)
{
  g_free (area->prefix);
  shenbao_text_clear (&area->name);
  g_free (area);
}

void
shenbao_flag_free (ShenbaoFlag *flag)
{
  g_free (flag->id);
  shenbao_text_clear (&flag->text);
  g_free (flag->alternative_clause);
  g_free (flag->alternative_source);
  g_clear_pointer (&flag->alternative, shenbao_expr_free);
  shenbao_text_clear (&flag->alternative_label);
  g_free (flag);
}

static void
shenbao_policy_finalize (GObject *object)
{
  ShenbaoPolicy *self = (ShenbaoPolicy *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->path, g_free);
  shenbao_text_clear (&self->title);
  shenbao_text_clear (&self->issuer);
  g_clear_pointer (&self->document_number, g_free);
  g_clear_pointer (&self->effective_as_written, g_free);
  g_clear_pointer (&self->expiry_as_written, g_free);
  g_clear_pointer (&self->source_file, g_free);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->applicant_conditions, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_clear_pointer (&self->clauses, g_ptr_array_unref);
  g_clear_pointer (&self->examples, g_ptr_array_unref);
  g_clear_pointer (&self->materials, g_ptr_array_unref);

  G_OBJECT_CLASS (shenbao_policy_parent_class)->finalize (object);
}

static void
shenbao_policy_class_init (ShenbaoPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shenbao_policy_finalize;
}

static void
shenbao_policy_init (ShenbaoPolicy *self)
{
  g_date_clear (&self->effective, 1);
  g_date_clear (&self->expiry, 1);
  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_area_free);
  self->applicant_conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_condition_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_rule_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_field_free);
  self->flags = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_flag_free);
  self->clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_clause_free);
  self->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_example_free);
  self->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_attachment_free);
}

ShenbaoPolicy *
shenbao_policy_new (void)
{
  return g_object_new (SHENBAO_TYPE_POLICY, NULL);
}

const char *
shenbao_policy_get_id (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return self->id;
}

/* The file it was loaded from, or NULL for a policy built in memory. */
const char *
shenbao_policy_get_path (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return self->path;
}

const ShenbaoText *
shenbao_policy_get_title (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return &self->title;
}

const ShenbaoText *
shenbao_policy_get_issuer (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return &self->issuer;
}

/* The issuer's 文号, or NULL where the document has none. */
const char *
shenbao_policy_get_document_number (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return self->document_number;
}

/* Invalid (g_date_valid () is FALSE) when the document leaves the date open. */
const GDate *
shenbao_policy_get_effective (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return &self->effective;
}

/* Invalid (g_date_valid () is FALSE) when the document leaves the date open. */
const GDate *
shenbao_policy_get_expiry (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return &self->expiry;
}

/* A header comes from the index: id, titles, status, dates and areas, but no clauses, rules or
 * fields until the set loads the whole file. */
gboolean
shenbao_policy_is_header_only (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), FALSE);
  return self->header_only;
}

/* Known for a header too, whose clauses are not loaded. */
guint
shenbao_policy_get_n_clauses (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), 0);
  return self->n_clauses;
}

/* ShenbaoClause, in the document's order (transfer none). */
GPtrArray *
shenbao_policy_get_clauses (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return self->clauses;
}

/* ShenbaoField: the policy-level fields that clauses share (transfer none). */
GPtrArray *
shenbao_policy_get_fields (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return self->fields;
}

/* ShenbaoRule (transfer none). */
GPtrArray *
shenbao_policy_get_rules (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return self->rules;
}

/* ShenbaoArea: where the policy applies (transfer none). */
GPtrArray *
shenbao_policy_get_areas (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return self->areas;
}

/* ShenbaoAttachment: the default policy-wide checklist (transfer none). */
GPtrArray *
shenbao_policy_get_materials (ShenbaoPolicy *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);
  return self->materials;
}

ShenbaoClause *
shenbao_policy_find_clause (ShenbaoPolicy *self,
                            const char    *clause_id)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), NULL);

  for (guint i = 0; i < self->clauses->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (self->clauses, i);

      if (g_strcmp0 (clause->id, clause_id) == 0 || g_strcmp0 (clause->full_id, clause_id) == 0)
        return clause;
    }
  return NULL;
}

const ShenbaoFlag *
shenbao_policy_find_flag (ShenbaoPolicy *self,
                          const char    *flag_id)
{
  for (guint i = 0; i < self->flags->len; i++)
    {
      ShenbaoFlag *flag = g_ptr_array_index (self->flags, i);

      if (g_strcmp0 (flag->id, flag_id) == 0)
        return flag;
    }
  return NULL;
}

static ShenbaoField *
find_field_in (GPtrArray  *fields,
               const char *field_id)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (fields, i);

      if (g_strcmp0 (field->id, field_id) == 0)
        return field;
    }
  return NULL;
}

ShenbaoField *
shenbao_policy_find_field (ShenbaoPolicy *self,
                           const char    *field_id)
{
  return find_field_in (self->fields, field_id);
}

ShenbaoField *
shenbao_clause_find_field (ShenbaoClause *clause,
                           const char    *field_id)
{
  return find_field_in (clause->fields, field_id);
}

/* The number the document gives it, such as "3" or "12a": unique within its policy only. */
const char *
shenbao_clause_get_id (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->id;
}

/* Unique across policies: the policy id, a slash, the clause id. */
const char *
shenbao_clause_get_full_id (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->full_id;
}

/* The policy it belongs to (transfer none): a clause lives only as long as it. */
ShenbaoPolicy *
shenbao_clause_get_policy (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->policy;
}

const ShenbaoText *
shenbao_clause_get_title (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return &clause->title;
}

/* The document's own words, in Chinese; empty where the file quotes none. */
const char *
shenbao_clause_get_quote (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->quote;
}

const char *
shenbao_clause_get_shape (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->shape;
}

ShenbaoAwardKind
shenbao_clause_get_kind (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, SHENBAO_AWARD_NONE);
  return clause->kind;
}

const char *
shenbao_clause_get_payment (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->payment;
}

/* ShenbaoField: what the applicant enters for this clause alone (transfer none). */
GPtrArray *
shenbao_clause_get_fields (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->fields;
}

/* ShenbaoCondition (transfer none). */
GPtrArray *
shenbao_clause_get_conditions (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->conditions;
}

/* ShenbaoStep: how the amount is computed, in order (transfer none). */
GPtrArray *
shenbao_clause_get_steps (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->steps;
}

/* ShenbaoAttachment: the clause's own items of the checklist (transfer none). */
GPtrArray *
shenbao_clause_get_attachments (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->attachments;
}

/* char *: the ids of the open questions that touch it (transfer none). */
GPtrArray *
shenbao_clause_get_flags (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->flags;
}

/* char *: the company facts its formulas read (transfer none). */
GPtrArray *
shenbao_clause_get_facts_used (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->facts_used;
}

/* char *: the policy-level fields its formulas read (transfer none). */
GPtrArray *
shenbao_clause_get_policy_fields_used (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->policy_fields_used;
}

/* ShenbaoExample: the worked examples the file checks itself with (transfer none). */
GPtrArray *
shenbao_clause_get_examples (const ShenbaoClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return clause->examples;
}

const char *
shenbao_field_get_id (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->id;
}

/* Not "get_type", which would read as a GType. */
ShenbaoFieldType
shenbao_field_get_kind (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, SHENBAO_FIELD_TEXT);
  return field->type;
}

/* Where its value is kept in ShenbaoInputs and in a saved application. */
const char *
shenbao_field_get_input_key (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->input_key;
}

const ShenbaoText *
shenbao_field_get_label (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return &field->label;
}

const ShenbaoText *
shenbao_field_get_help (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return &field->help;
}

/* A list's row as a worksheet names it: 订单 / Order. */
const ShenbaoText *
shenbao_field_get_row_label (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return &field->row_label;
}

/* The unit as the policy writes it, or NULL. */
const char *
shenbao_field_get_unit_text (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->unit_text;
}

gboolean
shenbao_field_is_required (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return field->required;
}

/* The default as the policy writes it, or NULL. */
const char *
shenbao_field_get_default_text (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->default_text;
}

/* The default parsed, or NULL. */
const ShenbaoValue *
shenbao_field_get_default_value (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->default_value;
}

/* ShenbaoChoice, or NULL for a field without <choice> children (transfer none). */
GPtrArray *
shenbao_field_get_choices (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->choices;
}

/* ShenbaoField: a list's columns, or NULL for any other field (transfer none). */
GPtrArray *
shenbao_field_get_columns (const ShenbaoField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->columns;
}

/* What is saved and what formulas compare with, whatever the label says. */
const char *
shenbao_choice_get_value (const ShenbaoChoice *choice)
{
  g_return_val_if_fail (choice != NULL, NULL);
  return choice->value;
}

const ShenbaoText *
shenbao_choice_get_label (const ShenbaoChoice *choice)
{
  g_return_val_if_fail (choice != NULL, NULL);
  return &choice->label;
}

const ShenbaoText *
shenbao_condition_get_text (const ShenbaoCondition *condition)
{
  g_return_val_if_fail (condition != NULL, NULL);
  return &condition->text;
}

const ShenbaoText *
shenbao_step_get_label (const ShenbaoStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return &step->label;
}

/* For tiers, the base the thresholds are compared with. */
ShenbaoExpr *
shenbao_step_get_expr (const ShenbaoStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return step->expr;
}

const char *
shenbao_attachment_get_id (const ShenbaoAttachment *attachment)
{
  g_return_val_if_fail (attachment != NULL, NULL);
  return attachment->id;
}

const ShenbaoText *
shenbao_attachment_get_label (const ShenbaoAttachment *attachment)
{
  g_return_val_if_fail (attachment != NULL, NULL);
  return &attachment->label;
}

gboolean
shenbao_attachment_is_required (const ShenbaoAttachment *attachment)
{
  g_return_val_if_fail (attachment != NULL, FALSE);
  return attachment->required;
}

ShenbaoRuleKind
shenbao_rule_get_kind (const ShenbaoRule *rule)
{
  g_return_val_if_fail (rule != NULL, SHENBAO_RULE_NOTE);
  return rule->kind;
}

const char *
shenbao_rule_get_id (const ShenbaoRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->id;
}

const ShenbaoText *
shenbao_rule_get_text (const ShenbaoRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return &rule->text;
}

/* The id of the open question the rule raises, or NULL. */
const char *
shenbao_rule_get_flag (const ShenbaoRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->flag;
}

/* char *: the ids of the clauses it binds, or NULL for a rule that names none (transfer none). */
GPtrArray *
shenbao_rule_get_members (const ShenbaoRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->members;
}

/* The leading digits of the division codes it covers. */
const char *
shenbao_area_get_prefix (const ShenbaoArea *area)
{
  g_return_val_if_fail (area != NULL, NULL);
  return area->prefix;
}

const ShenbaoText *
shenbao_area_get_name (const ShenbaoArea *area)
{
  g_return_val_if_fail (area != NULL, NULL);
  return &area->name;
}

/* FALSE where the text leaves the area unsaid and the file presumes it. */
gboolean
shenbao_area_is_stated (const ShenbaoArea *area)
{
  g_return_val_if_fail (area != NULL, FALSE);
  return area->stated;
}

const char *
shenbao_flag_get_id (const ShenbaoFlag *flag)
{
  g_return_val_if_fail (flag != NULL, NULL);
  return flag->id;
}

const ShenbaoText *
shenbao_flag_get_text (const ShenbaoFlag *flag)
{
  g_return_val_if_fail (flag != NULL, NULL);
  return &flag->text;
}

/* How the other reading is named where it changes an amount. */
const ShenbaoText *
shenbao_flag_get_alternative_label (const ShenbaoFlag *flag)
{
  g_return_val_if_fail (flag != NULL, NULL);
  return &flag->alternative_label;
}

/* A draft is never asserted to be in force, whatever its dates say: the final text may differ. */
ShenbaoValidity
shenbao_policy_get_validity (ShenbaoPolicy *self,
                             const GDate   *as_of,
                             int           *days_to_expiry)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY (self), SHENBAO_VALIDITY_DRAFT);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), SHENBAO_VALIDITY_DRAFT);

  if (days_to_expiry != NULL)
    *days_to_expiry = g_date_valid (&self->expiry) ? g_date_days_between (as_of, &self->expiry) : -1;

  if (self->draft)
    return SHENBAO_VALIDITY_DRAFT;
  if (g_date_valid (&self->effective) && g_date_compare (as_of, &self->effective) < 0)
    return SHENBAO_VALIDITY_NOT_YET;
  if (g_date_valid (&self->expiry) && g_date_compare (as_of, &self->expiry) > 0)
    return SHENBAO_VALIDITY_EXPIRED;
  return SHENBAO_VALIDITY_IN_FORCE;
}

gboolean
shenbao_policy_area_matches (ShenbaoPolicy *self,
                             const char    *region_code)
{
  if (region_code == NULL)
    return FALSE;
  for (guint i = 0; i < self->areas->len; i++)
    {
      ShenbaoArea *area = g_ptr_array_index (self->areas, i);

      if (g_str_has_prefix (region_code, area->prefix))
        return TRUE;
    }
  return FALSE;
}

const char *
shenbao_validity_to_string (ShenbaoValidity validity)
{
  switch (validity)
    {
    case SHENBAO_VALIDITY_IN_FORCE: return "in-force";
    case SHENBAO_VALIDITY_NOT_YET: return "not-yet-in-force";
    case SHENBAO_VALIDITY_EXPIRED: return "expired";
    case SHENBAO_VALIDITY_DRAFT: return "draft";
    default: g_assert_not_reached ();
    }
}

const char *
shenbao_award_kind_to_string (ShenbaoAwardKind kind)
{
  switch (kind)
    {
    case SHENBAO_AWARD_EXACT: return "exact";
    case SHENBAO_AWARD_UP_TO: return "up-to";
    case SHENBAO_AWARD_REVIEW: return "review";
    case SHENBAO_AWARD_OTHER_POLICY: return "other-policy";
    case SHENBAO_AWARD_NONE: return "none";
    default: g_assert_not_reached ();
    }
}

const char *
shenbao_field_type_to_string (ShenbaoFieldType type)
{
  static const char *names[] = {
    "money", "number", "integer", "percent", "bool", "choice", "date", "text", "region", "list",
    "credit-code",
  };

  g_return_val_if_fail (type <= SHENBAO_FIELD_CREDIT_CODE, "text");
  return names[type];
}
