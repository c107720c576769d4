/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-policy-loader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <gio/gio.h>

#include "shenbao-policy-loader.h"
#include "shenbao-policy-private.h"
#include "shenbao-inputs.h"
#include "shenbao-parse.h"

#define POLICY_NS "https://shenbao.github.io/ns/policy/1"
#define MAX_POLICY_FILE_SIZE (4 * 1024 * 1024)

typedef struct
{
  const char *path;
  GPtrArray  *problems;
  GPtrArray  *facts;
  ShenbaoPolicy *policy;
  ShenbaoClause *clause;       /* the clause whose formulas are being checked */
  GPtrArray  *lets;            /* char *: let names defined so far in the award */
} Loader;

static void problem (Loader *loader, int line, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
problem (Loader     *loader,
         int         line,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (loader->problems, g_strdup_printf ("%s:%d: %s", loader->path, line, message));
}

/* libxml2 reports through a callback; each report becomes one "file:line: message". */
static void
collect_xml_error (void        *user_data,
                   const xmlError *error)
{
  Loader *loader = user_data;
  g_autofree char *message = g_strstrip (g_strdup (error->message != NULL ? error->message : "error"));

  problem (loader, error->line, "%s", message);
}

/* ------------------------------------------------------------------ tree helpers */

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
boolean_attribute (xmlNode    *node,
                   const char *name,
                   gboolean    fallback)
{
  g_autofree char *value = attribute (node, name);

  if (value == NULL)
    return fallback;
  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

static char *
text_content (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strstrip (g_strdup (content != NULL ? (const char *) content : ""));

  xmlFree (content);
  return copy;
}

static int
line_of (xmlNode *node)
{
  return (int) xmlGetLineNo (node);
}

/* Reads <NAME xml:lang="zh"> and <NAME xml:lang="en"> children into a text. */
static void
read_bilingual (xmlNode     *parent,
                const char  *name,
                ShenbaoText *text)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      xmlChar *lang;

      if (!shenbao_xml_is_element (node, name))
        continue;
      lang = xmlNodeGetLang (node);
      if (lang != NULL && xmlStrEqual (lang, (const xmlChar *) "zh") && text->zh == NULL)
        text->zh = text_content (node);
      else if (lang != NULL && xmlStrEqual (lang, (const xmlChar *) "en") && text->en == NULL)
        text->en = text_content (node);
      xmlFree (lang);
    }
}

/* A policy's dates: "unknown" leaves the date open; anything else must be a real date. The
 * schema's xsd:date alone would let 67561-01-01 and -2025-01-01 through. */
static void
read_date (Loader     *loader,
           xmlNode    *node,
           GDate      *date)
{
  g_autofree char *text = text_content (node);
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  if (text == NULL || g_str_equal (g_strstrip (text), "unknown"))
    return;
  if (!shenbao_date_parse (text, date, &error))
    problem (loader, line_of (node), "<%s>: %s", (const char *) node->name, error->message);
}

/* ------------------------------------------------------------------ names and types */

static ShenbaoField *
find_fact (GPtrArray  *facts,
           const char *id)
{
  for (guint i = 0; facts != NULL && i < facts->len; i++)
    {
      ShenbaoField *fact = g_ptr_array_index (facts, i);

      if (g_str_equal (fact->id, id))
        return fact;
    }
  return NULL;
}

static void
field_expr_type (const ShenbaoField *field,
                 ShenbaoExprType    *type)
{
  memset (type, 0, sizeof *type);
  switch (field->type)
    {
    case SHENBAO_FIELD_MONEY:
      type->type = SHENBAO_VALUE_NUMBER;
      type->unit = shenbao_unit_yuan ();
      break;
    case SHENBAO_FIELD_NUMBER:
    case SHENBAO_FIELD_INTEGER:
      type->type = SHENBAO_VALUE_NUMBER;
      type->unit = field->unit;
      break;
    case SHENBAO_FIELD_PERCENT:
      type->type = SHENBAO_VALUE_NUMBER;
      break;
    case SHENBAO_FIELD_BOOL:
      type->type = SHENBAO_VALUE_BOOL;
      break;
    case SHENBAO_FIELD_CHOICE:
    case SHENBAO_FIELD_TEXT:
    case SHENBAO_FIELD_REGION:
    case SHENBAO_FIELD_CREDIT_CODE:
      type->type = SHENBAO_VALUE_STRING;
      break;
    case SHENBAO_FIELD_DATE:
      type->type = SHENBAO_VALUE_DATE;
      break;
    case SHENBAO_FIELD_LIST:
      type->type = SHENBAO_VALUE_LIST;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Let names carry the type of their formula; kept alongside the name. */
typedef struct
{
  char            *name;
  ShenbaoExprType  type;
} LetType;

static void
let_type_free (LetType *let)
{
  g_free (let->name);
  g_free (let);
}

static gboolean
lookup_type (const char      *name,
             const char      *list_scope,
             ShenbaoExprType *type,
             gpointer         user_data)
{
  Loader *loader = user_data;
  ShenbaoField *field = NULL;

  if (list_scope != NULL)
    {
      ShenbaoField *list = NULL;

      if (loader->clause != NULL)
        list = shenbao_clause_find_field (loader->clause, list_scope);
      if (list == NULL && loader->policy != NULL)
        list = shenbao_policy_find_field (loader->policy, list_scope);
      for (guint i = 0; list != NULL && list->columns != NULL && i < list->columns->len; i++)
        {
          ShenbaoField *column = g_ptr_array_index (list->columns, i);

          if (g_str_equal (column->id, name))
            {
              field_expr_type (column, type);
              return TRUE;
            }
        }
    }

  for (guint i = 0; loader->lets != NULL && i < loader->lets->len; i++)
    {
      LetType *let = g_ptr_array_index (loader->lets, i);

      if (g_str_equal (let->name, name))
        {
          *type = let->type;
          return TRUE;
        }
    }

  if (loader->clause != NULL)
    field = shenbao_clause_find_field (loader->clause, name);
  if (field == NULL && loader->policy != NULL)
    field = shenbao_policy_find_field (loader->policy, name);
  if (field == NULL)
    field = find_fact (loader->facts, name);
  if (field == NULL)
    return FALSE;

  field_expr_type (field, type);
  return TRUE;
}

typedef enum
{
  EXPECT_BOOL,
  EXPECT_MONEY,
  EXPECT_RATIO,
  EXPECT_NUMBER,
  EXPECT_ANY,
} Expectation;

static ShenbaoExpr *
read_formula (Loader          *loader,
              const char      *source,
              int              line,
              Expectation      expectation,
              ShenbaoExprType *type_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoExpr) expr = NULL;
  ShenbaoExprType type;

  if (source == NULL)
    {
      problem (loader, line, "a formula is missing");
      return NULL;
    }

  expr = shenbao_expr_parse (source, &error);
  if (expr == NULL || !shenbao_expr_check (expr, lookup_type, loader, &type, &error))
    {
      problem (loader, line, "%s", error->message);
      return NULL;
    }

  switch (expectation)
    {
    case EXPECT_BOOL:
      if (type.type != SHENBAO_VALUE_BOOL)
        {
          problem (loader, line, "formula “%s” must be a yes/no condition", source);
          return NULL;
        }
      break;
    case EXPECT_MONEY:
      if (type.type != SHENBAO_VALUE_NUMBER || (!type.free_unit && !shenbao_unit_is_yuan (&type.unit)))
        {
          g_autofree char *unit = shenbao_unit_to_string (&type.unit);
          problem (loader, line, "formula “%s” must be an amount in yuan; its unit is %s", source,
                   type.type == SHENBAO_VALUE_NUMBER ? unit : "not a number");
          return NULL;
        }
      break;
    case EXPECT_RATIO:
      if (type.type != SHENBAO_VALUE_NUMBER || !shenbao_unit_is_none (&type.unit))
        {
          problem (loader, line, "formula “%s” must be a plain ratio without a unit", source);
          return NULL;
        }
      break;
    case EXPECT_NUMBER:
      if (type.type != SHENBAO_VALUE_NUMBER)
        {
          problem (loader, line, "formula “%s” must be a number", source);
          return NULL;
        }
      break;
    case EXPECT_ANY:
    default:
      break;
    }

  if (type_out != NULL)
    *type_out = type;
  return g_steal_pointer (&expr);
}

/* ------------------------------------------------------------------ fields */

static ShenbaoFieldType
field_type_from_string (const char *text)
{
  for (ShenbaoFieldType t = SHENBAO_FIELD_MONEY; t <= SHENBAO_FIELD_CREDIT_CODE; t++)
    if (g_strcmp0 (shenbao_field_type_to_string (t), text) == 0)
      return t;
  return SHENBAO_FIELD_TEXT;
}

static gboolean
read_limit (Loader         *loader,
            xmlNode        *node,
            const char     *name,
            ShenbaoDecimal *value)
{
  g_autofree char *text = attribute (node, name);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return FALSE;
  if (!shenbao_decimal_parse (text, value, &error))
    {
      problem (loader, line_of (node), "%s: %s", name, error->message);
      return FALSE;
    }
  return TRUE;
}

static ShenbaoField *
read_field (Loader  *loader,
            xmlNode *node)
{
  ShenbaoField *field = g_new0 (ShenbaoField, 1);
  g_autofree char *type = attribute (node, "type");
  g_autoptr(GError) error = NULL;

  field->id = attribute (node, "id");
  field->type = field_type_from_string (type);
  field->line = line_of (node);
  field->unit_text = attribute (node, "unit");
  field->required = boolean_attribute (node, "required", FALSE);
  field->default_text = attribute (node, "default");
  field->pattern = attribute (node, "pattern");
  field->has_min = read_limit (loader, node, "min", &field->min);
  field->has_max = read_limit (loader, node, "max", &field->max);
  read_bilingual (node, "label", &field->label);
  read_bilingual (node, "help", &field->help);
  field->row_label.zh = attribute (node, "row-zh");
  field->row_label.en = attribute (node, "row-en");

  if (field->type == SHENBAO_FIELD_MONEY && field->unit_text != NULL && !g_str_equal (field->unit_text, "yuan"))
    problem (loader, field->line, "field “%s”: a money field is always in yuan, not “%s”",
             field->id, field->unit_text);
  if (!shenbao_unit_parse (field->unit_text, &field->unit, &error))
    {
      problem (loader, field->line, "field “%s”: %s", field->id, error->message);
      g_clear_error (&error);
    }
  if (field->pattern != NULL)
    {
      g_autofree char *anchored = g_strdup_printf ("^(?:%s)$", field->pattern);

      field->regex = g_regex_new (anchored, G_REGEX_OPTIMIZE, 0, &error);
      if (field->regex == NULL)
        {
          problem (loader, field->line, "field “%s”: pattern: %s", field->id, error->message);
          g_clear_error (&error);
        }
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (shenbao_xml_is_element (child, "choice"))
        {
          ShenbaoChoice *choice = g_new0 (ShenbaoChoice, 1);

          choice->value = attribute (child, "value");
          read_bilingual (child, "label", &choice->label);
          if (field->choices == NULL)
            field->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_choice_free);
          g_ptr_array_add (field->choices, choice);
        }
      else if (shenbao_xml_is_element (child, "column"))
        {
          if (field->columns == NULL)
            field->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_field_free);
          g_ptr_array_add (field->columns, read_field (loader, child));
        }
    }

  if (field->type == SHENBAO_FIELD_CHOICE && field->choices == NULL)
    problem (loader, field->line, "field “%s”: a choice field needs <choice> children", field->id);
  if (field->type == SHENBAO_FIELD_LIST && field->columns == NULL)
    problem (loader, field->line, "field “%s”: a list field needs <column> children", field->id);

  if (field->default_text != NULL)
    {
      field->default_value = shenbao_field_parse_value (field, field->default_text, &error);
      if (field->default_value == NULL)
        problem (loader, field->line, "field “%s”: default: %s", field->id, error->message);
    }

  return field;
}

static void
read_fields_into (Loader    *loader,
                  xmlNode   *parent,
                  GPtrArray *fields)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      ShenbaoField *field;

      if (!shenbao_xml_is_element (node, "field"))
        continue;
      field = read_field (loader, node);
      for (guint i = 0; i < fields->len; i++)
        if (g_str_equal (((ShenbaoField *) g_ptr_array_index (fields, i))->id, field->id))
          problem (loader, field->line, "field “%s” is defined twice", field->id);
      if (find_fact (loader->facts, field->id) != NULL)
        problem (loader, field->line, "field “%s” has the name of a company fact; use the fact instead",
                 field->id);
      g_ptr_array_add (fields, field);
    }
}

/* ------------------------------------------------------------------ clauses */

static ShenbaoCondition *
read_condition (Loader  *loader,
                xmlNode *node)
{
  ShenbaoCondition *condition = g_new0 (ShenbaoCondition, 1);
  g_autofree char *test = attribute (node, "test");

  condition->line = line_of (node);
  condition->flag = attribute (node, "flag");
  condition->test = read_formula (loader, test, condition->line, EXPECT_BOOL, NULL);
  read_bilingual (node, "text", &condition->text);
  return condition;
}

static void
read_step_labels (xmlNode     *node,
                  ShenbaoStep *step)
{
  step->label.zh = attribute (node, "zh");
  step->label.en = attribute (node, "en");
}

static ShenbaoStep *
read_tiers (Loader  *loader,
            xmlNode *node)
{
  ShenbaoStep *step = g_new0 (ShenbaoStep, 1);
  g_autofree char *base = attribute (node, "base");
  g_autofree char *compare = attribute (node, "compare");

  step->kind = SHENBAO_STEP_TIERS;
  step->line = line_of (node);
  step->strict = g_strcmp0 (compare, "gt") == 0;
  step->expr = read_formula (loader, base, step->line, EXPECT_NUMBER, NULL);
  step->tiers = g_array_new (FALSE, TRUE, sizeof (ShenbaoTier));
  read_step_labels (node, step);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      ShenbaoTier tier;

      if (!shenbao_xml_is_element (child, "tier"))
        continue;
      if (!read_limit (loader, child, "threshold", &tier.threshold)
          || !read_limit (loader, child, "amount", &tier.amount))
        continue;
      if (step->tiers->len > 0
          && shenbao_decimal_compare (tier.threshold,
                                      g_array_index (step->tiers, ShenbaoTier, step->tiers->len - 1).threshold) <= 0)
        problem (loader, line_of (child), "tier thresholds must rise from one tier to the next");
      g_array_append_val (step->tiers, tier);
    }
  return step;
}

static ShenbaoStep *
read_step (Loader  *loader,
           xmlNode *node)
{
  static const struct { const char *element; ShenbaoStepKind kind; Expectation expectation; } kinds[] = {
    { "let", SHENBAO_STEP_LET, EXPECT_ANY },
    { "amount", SHENBAO_STEP_AMOUNT, EXPECT_MONEY },
    { "less", SHENBAO_STEP_LESS, EXPECT_MONEY },
    { "cap", SHENBAO_STEP_CAP, EXPECT_MONEY },
    { "scale", SHENBAO_STEP_SCALE, EXPECT_RATIO },
  };

  if (shenbao_xml_is_element (node, "tiers"))
    return read_tiers (loader, node);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (shenbao_xml_is_element (node, kinds[i].element))
        {
          ShenbaoStep *step = g_new0 (ShenbaoStep, 1);
          g_autofree char *source = text_content (node);
          ShenbaoExprType type;

          step->kind = kinds[i].kind;
          step->line = line_of (node);
          step->name = attribute (node, "name");
          read_step_labels (node, step);
          step->expr = read_formula (loader, source, step->line, kinds[i].expectation, &type);
          if (step->kind == SHENBAO_STEP_LET && step->name != NULL)
            {
              LetType *let = g_new0 (LetType, 1);

              if (shenbao_clause_find_field (loader->clause, step->name) != NULL
                  || find_fact (loader->facts, step->name) != NULL)
                problem (loader, step->line, "let “%s” hides a field or fact of the same name", step->name);
              let->name = g_strdup (step->name);
              /* A let that failed to check is still declared, so later steps report their own
               * problems rather than an unknown name. */
              let->type = step->expr != NULL ? type : (ShenbaoExprType) { SHENBAO_VALUE_NUMBER, { { 0 } }, TRUE };
              g_ptr_array_add (loader->lets, let);
            }
          return step;
        }
    }
  return NULL;
}

static ShenbaoAwardKind
award_kind_from_string (const char *text)
{
  for (ShenbaoAwardKind k = SHENBAO_AWARD_EXACT; k <= SHENBAO_AWARD_NONE; k++)
    if (g_strcmp0 (shenbao_award_kind_to_string (k), text) == 0)
      return k;
  return SHENBAO_AWARD_NONE;
}

/* A flag's other reading is a formula over this clause's values and "award", the amount under
 * the default reading; it is checked here, where the clause's names are in scope. */
static void
read_alternatives (Loader        *loader,
                   ShenbaoClause *clause)
{
  for (guint i = 0; i < loader->policy->flags->len; i++)
    {
      ShenbaoFlag *flag = g_ptr_array_index (loader->policy->flags, i);
      LetType *award;
      g_autofree char *source = NULL;

      if (flag->alternative_source == NULL || g_strcmp0 (flag->alternative_clause, clause->id) != 0)
        continue;
      award = g_new0 (LetType, 1);
      award->name = g_strdup ("award");
      award->type.type = SHENBAO_VALUE_NUMBER;
      award->type.unit = shenbao_unit_yuan ();
      g_ptr_array_add (loader->lets, award);
      source = g_steal_pointer (&flag->alternative_source);
      flag->alternative = read_formula (loader, source, flag->alternative_line, EXPECT_MONEY, NULL);
      g_ptr_array_remove (loader->lets, award);
    }
}

static void
read_award (Loader        *loader,
            xmlNode       *node,
            ShenbaoClause *clause)
{
  g_autofree char *kind = attribute (node, "kind");
  gboolean has_amount = FALSE;

  clause->kind = award_kind_from_string (kind);
  clause->payment = attribute (node, "payment");
  clause->period = attribute (node, "period");
  if (clause->payment == NULL)
    clause->payment = g_strdup ("cash");

  loader->lets = g_ptr_array_new_with_free_func ((GDestroyNotify) let_type_free);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      ShenbaoStep *step;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      step = read_step (loader, child);
      if (step == NULL)
        continue;
      if (step->kind == SHENBAO_STEP_AMOUNT || step->kind == SHENBAO_STEP_TIERS)
        has_amount = TRUE;
      else if (!has_amount && step->kind != SHENBAO_STEP_LET && step->kind != SHENBAO_STEP_CAP)
        problem (loader, step->line, "a <less> or <scale> step needs an <amount> or <tiers> before it");
      g_ptr_array_add (clause->steps, step);
    }
  read_alternatives (loader, clause);
  g_clear_pointer (&loader->lets, g_ptr_array_unref);

  if (clause->kind == SHENBAO_AWARD_NONE && has_amount)
    problem (loader, line_of (node), "clause %s: a non-monetary award (kind none) has no amount", clause->id);
  if ((clause->kind == SHENBAO_AWARD_EXACT || clause->kind == SHENBAO_AWARD_UP_TO) && !has_amount)
    problem (loader, line_of (node), "clause %s: an %s award needs an <amount> or <tiers>", clause->id,
             shenbao_award_kind_to_string (clause->kind));
}

static ShenbaoExample *
read_example (Loader  *loader,
              xmlNode *node)
{
  ShenbaoExample *example = g_new0 (ShenbaoExample, 1);
  xmlNode *expect;

  example->id = attribute (node, "id");
  example->note = attribute (node, "note");
  example->line = line_of (node);
  example->settings = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_setting_free);
  example->payouts = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_setting_free);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (shenbao_xml_is_element (child, "set"))
        {
          ShenbaoSetting *setting = g_new0 (ShenbaoSetting, 1);

          setting->name = attribute (child, "name");
          setting->value = attribute (child, "value");
          g_ptr_array_add (example->settings, setting);
        }
    }

  expect = shenbao_xml_first_child (node, "expect");
  if (expect != NULL)
    {
      example->applies = attribute (expect, "applies");
      example->award = attribute (expect, "award");
      example->award_alternative = attribute (expect, "award-other-reading");
      example->total = attribute (expect, "total");
      example->total_up_to = attribute (expect, "total-up-to");
      example->dropped = attribute (expect, "dropped");
      for (xmlNode *child = expect->children; child != NULL; child = child->next)
        {
          if (shenbao_xml_is_element (child, "payout"))
            {
              ShenbaoSetting *payout = g_new0 (ShenbaoSetting, 1);

              payout->name = attribute (child, "clause");
              payout->value = attribute (child, "award");
              g_ptr_array_add (example->payouts, payout);
            }
        }
    }
  return example;
}

static void
collect_clause_facts (Loader        *loader,
                      ShenbaoClause *clause)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < clause->conditions->len; i++)
    {
      ShenbaoCondition *condition = g_ptr_array_index (clause->conditions, i);
      if (condition->test != NULL)
        shenbao_expr_collect_names (condition->test, names);
    }
  for (guint i = 0; i < clause->steps->len; i++)
    {
      ShenbaoStep *step = g_ptr_array_index (clause->steps, i);
      if (step->expr != NULL)
        shenbao_expr_collect_names (step->expr, names);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (shenbao_clause_find_field (clause, name) != NULL)
        continue;
      if (shenbao_policy_find_field (loader->policy, name) != NULL)
        {
          if (!g_ptr_array_find_with_equal_func (clause->policy_fields_used, name, g_str_equal, NULL))
            g_ptr_array_add (clause->policy_fields_used, g_strdup (name));
        }
      else if (find_fact (loader->facts, name) != NULL)
        g_ptr_array_add (clause->facts_used, g_strdup (name));
    }
}

static ShenbaoAttachment *
read_attachment (xmlNode *node)
{
  ShenbaoAttachment *attachment = g_new0 (ShenbaoAttachment, 1);

  attachment->id = attribute (node, "id");
  attachment->required = boolean_attribute (node, "required", TRUE);
  read_bilingual (node, "label", &attachment->label);
  return attachment;
}

/* The materials every call of the policy asks for (domain §12.1), as a default checklist the
 * user edits per application. */
static void
read_materials (xmlNode       *materials,
                ShenbaoPolicy *policy)
{
  for (xmlNode *child = materials->children; child != NULL; child = child->next)
    if (shenbao_xml_is_element (child, "attachment"))
      g_ptr_array_add (policy->materials, read_attachment (child));
}

static ShenbaoClause *
read_clause (Loader  *loader,
             xmlNode *node)
{
  ShenbaoClause *clause = g_new0 (ShenbaoClause, 1);
  xmlNode *quote = shenbao_xml_first_child (node, "quote");
  xmlNode *award = shenbao_xml_first_child (node, "award");

  clause->policy = loader->policy;
  clause->id = attribute (node, "id");
  clause->full_id = g_strdup_printf ("%s/%s", loader->policy->id, clause->id);
  clause->shape = attribute (node, "shape");
  clause->line = line_of (node);
  clause->quote = quote != NULL ? text_content (quote) : g_strdup ("");
  clause->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_field_free);
  clause->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_condition_free);
  clause->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_step_free);
  clause->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_attachment_free);
  clause->flags = g_ptr_array_new_with_free_func (g_free);
  clause->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_example_free);
  clause->facts_used = g_ptr_array_new_with_free_func (g_free);
  clause->policy_fields_used = g_ptr_array_new_with_free_func (g_free);
  read_bilingual (node, "title", &clause->title);

  loader->clause = clause;
  read_fields_into (loader, node, clause->fields);
  for (guint i = 0; i < clause->fields->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (clause->fields, i);

      field->input_key = g_strdup_printf ("%s/%s", clause->full_id, field->id);
      if (shenbao_policy_find_field (loader->policy, field->id) != NULL)
        problem (loader, field->line, "field “%s” has the name of a policy-level field", field->id);
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (shenbao_xml_is_element (child, "condition"))
        g_ptr_array_add (clause->conditions, read_condition (loader, child));
      else if (shenbao_xml_is_element (child, "attachment"))
        g_ptr_array_add (clause->attachments, read_attachment (child));
      else if (shenbao_xml_is_element (child, "flag"))
        {
          char *ref = attribute (child, "ref");

          if (shenbao_policy_find_flag (loader->policy, ref) == NULL)
            problem (loader, line_of (child), "clause %s refers to flag %s, which <flags> does not define",
                     clause->id, ref);
          g_ptr_array_add (clause->flags, ref);
        }
      else if (shenbao_xml_is_element (child, "example"))
        g_ptr_array_add (clause->examples, read_example (loader, child));
    }

  if (award != NULL)
    read_award (loader, award, clause);
  collect_clause_facts (loader, clause);
  loader->clause = NULL;
  return clause;
}

/* ------------------------------------------------------------------ policy */

static void
read_members (Loader      *loader,
              xmlNode     *node,
              ShenbaoRule *rule)
{
  rule->members = g_ptr_array_new_with_free_func (g_free);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (shenbao_xml_is_element (child, "member"))
      g_ptr_array_add (rule->members, attribute (child, "clause"));
}

static void
check_flag_reference (Loader     *loader,
                      const char *flag,
                      int         line)
{
  if (flag != NULL && shenbao_policy_find_flag (loader->policy, flag) == NULL)
    problem (loader, line, "flag %s is not defined in <flags>", flag);
}

static ShenbaoRule *
read_rule (Loader  *loader,
           xmlNode *node)
{
  ShenbaoRule *rule = g_new0 (ShenbaoRule, 1);
  xmlNode *quote = shenbao_xml_first_child (node, "quote");

  rule->line = line_of (node);
  rule->id = attribute (node, "id");
  rule->flag = attribute (node, "flag");
  rule->quote = quote != NULL ? text_content (quote) : NULL;
  read_bilingual (node, "text", &rule->text);
  check_flag_reference (loader, rule->flag, rule->line);

  if (shenbao_xml_is_element (node, "gate"))
    {
      g_autofree char *test = attribute (node, "test");

      rule->kind = SHENBAO_RULE_GATE;
      rule->expr = read_formula (loader, test, rule->line, EXPECT_BOOL, NULL);
    }
  else if (shenbao_xml_is_element (node, "exclusive"))
    {
      g_autofree char *same = attribute (node, "same");

      rule->kind = SHENBAO_RULE_EXCLUSIVE;
      /* "always": the text leaves no doubt that the members are one matter (the same fees, one
       * route of two), so the applicant is not asked. */
      rule->certain = g_strcmp0 (same, "always") == 0;
      read_members (loader, node, rule);
    }
  else if (shenbao_xml_is_element (node, "pool"))
    {
      rule->kind = SHENBAO_RULE_POOL;
      rule->field = attribute (node, "factor");
      read_limit (loader, node, "budget", &rule->budget);
      read_members (loader, node, rule);
      if (shenbao_policy_find_field (loader->policy, rule->field) == NULL)
        problem (loader, rule->line, "pool factor “%s” must be a policy-level <field> in <rules>", rule->field);
    }
  else if (shenbao_xml_is_element (node, "combined-cap"))
    {
      g_autofree char *cap = attribute (node, "cap");
      g_autofree char *binding = attribute (node, "binding");

      rule->kind = SHENBAO_RULE_COMBINED_CAP;
      rule->soft = g_strcmp0 (binding, "soft") == 0;
      rule->expr = read_formula (loader, cap, rule->line, EXPECT_MONEY, NULL);
      read_members (loader, node, rule);
    }
  else if (shenbao_xml_is_element (node, "top-up"))
    {
      rule->kind = SHENBAO_RULE_TOP_UP;
      rule->field = attribute (node, "field");
    }
  else
    rule->kind = SHENBAO_RULE_NOTE;

  return rule;
}

static void
check_rule_members (Loader      *loader,
                    ShenbaoRule *rule)
{
  for (guint i = 0; rule->members != NULL && i < rule->members->len; i++)
    {
      const char *member = g_ptr_array_index (rule->members, i);

      if (shenbao_policy_find_clause (loader->policy, member) == NULL)
        problem (loader, rule->line, "rule “%s” names clause %s, which the policy does not have",
                 rule->id != NULL ? rule->id : "", member);
    }

  if (rule->kind == SHENBAO_RULE_TOP_UP)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < loader->policy->clauses->len; i++)
        used |= shenbao_clause_find_field (g_ptr_array_index (loader->policy->clauses, i), rule->field) != NULL;
      if (!used)
        problem (loader, rule->line, "top-up field “%s” is not a field of any clause", rule->field);
    }
}

static void
read_header (Loader        *loader,
             xmlNode       *root,
             ShenbaoPolicy *policy)
{
  xmlNode *node;

  policy->id = attribute (root, "id");
  read_bilingual (root, "title", &policy->title);
  if ((node = shenbao_xml_first_child (root, "issuer")) != NULL)
    read_bilingual (node, "text", &policy->issuer);
  if ((node = shenbao_xml_first_child (root, "document-number")) != NULL)
    policy->document_number = text_content (node);
  if ((node = shenbao_xml_first_child (root, "status")) != NULL)
    {
      g_autofree char *status = text_content (node);
      policy->draft = g_str_equal (status, "draft");
    }
  if ((node = shenbao_xml_first_child (root, "effective")) != NULL)
    {
      policy->effective_as_written = attribute (node, "as-written");
      read_date (loader, node, &policy->effective);
    }
  if ((node = shenbao_xml_first_child (root, "expiry")) != NULL)
    {
      policy->expiry_as_written = attribute (node, "as-written");
      read_date (loader, node, &policy->expiry);
    }
  if ((node = shenbao_xml_first_child (root, "source")) != NULL)
    policy->source_file = attribute (node, "file");
  if ((node = shenbao_xml_first_child (root, "flags")) != NULL)
    for (xmlNode *child = node->children; child != NULL; child = child->next)
      if (shenbao_xml_is_element (child, "flag"))
        {
          ShenbaoFlag *flag = g_new0 (ShenbaoFlag, 1);

          flag->id = attribute (child, "id");
          read_bilingual (child, "text", &flag->text);
          for (xmlNode *other = child->children; other != NULL; other = other->next)
            if (shenbao_xml_is_element (other, "alternative"))
              {
                flag->alternative_clause = attribute (other, "clause");
                flag->alternative_label.zh = attribute (other, "zh");
                flag->alternative_label.en = attribute (other, "en");
                flag->alternative_source = text_content (other);
                flag->alternative_line = line_of (other);
              }
          if (shenbao_policy_find_flag (policy, flag->id) != NULL)
            problem (loader, line_of (child), "flag %s is defined twice", flag->id);
          g_ptr_array_add (policy->flags, flag);
        }
}

static void
read_applicants (Loader        *loader,
                 xmlNode       *node,
                 ShenbaoPolicy *policy)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (shenbao_xml_is_element (child, "area"))
        {
          ShenbaoArea *area = g_new0 (ShenbaoArea, 1);
          g_autofree char *registration = attribute (child, "registration");
          g_autofree char *tax = attribute (child, "tax");

          area->prefix = attribute (child, "prefix");
          area->stated = boolean_attribute (child, "stated", FALSE);
          area->registration_required = g_strcmp0 (registration, "required") == 0;
          area->tax_required = g_strcmp0 (tax, "required") == 0;
          read_bilingual (child, "name", &area->name);
          g_ptr_array_add (policy->areas, area);
        }
      else if (shenbao_xml_is_element (child, "condition"))
        g_ptr_array_add (policy->applicant_conditions, read_condition (loader, child));
    }
}

static void
build_policy (Loader  *loader,
              xmlNode *root)
{
  ShenbaoPolicy *policy = loader->policy;
  xmlNode *rules = shenbao_xml_first_child (root, "rules");
  xmlNode *applicants = shenbao_xml_first_child (root, "applicants");
  g_autoptr(GHashTable) clause_ids = g_hash_table_new (g_str_hash, g_str_equal);

  read_header (loader, root, policy);
  if (rules != NULL)
    read_fields_into (loader, rules, policy->fields);
  for (guint i = 0; i < policy->fields->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (policy->fields, i);
      field->input_key = g_strdup_printf ("%s/%s", policy->id, field->id);
    }
  if (applicants != NULL)
    read_applicants (loader, applicants, policy);
  if (shenbao_xml_first_child (root, "materials") != NULL)
    read_materials (shenbao_xml_first_child (root, "materials"), policy);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (shenbao_xml_is_element (node, "clause"))
        {
          ShenbaoClause *clause = read_clause (loader, node);

          if (!g_hash_table_add (clause_ids, clause->id))
            problem (loader, clause->line, "clause id %s is used twice", clause->id);
          g_ptr_array_add (policy->clauses, clause);
        }
      else if (shenbao_xml_is_element (node, "example"))
        g_ptr_array_add (policy->examples, read_example (loader, node));
    }

  if (rules != NULL)
    for (xmlNode *node = rules->children; node != NULL; node = node->next)
      if (node->type == XML_ELEMENT_NODE && !shenbao_xml_is_element (node, "field"))
        {
          ShenbaoRule *rule = read_rule (loader, node);

          check_rule_members (loader, rule);
          g_ptr_array_add (policy->rules, rule);
        }
}

/* ------------------------------------------------------------------ documents */

/* Anything may lie in the user's policy folder under a .xml name. A FIFO would block open() and
 * read() forever and a link to /dev/zero would be read until memory runs out, so the file is
 * opened without blocking, must be a regular file, and no more than the limit (plus one byte, to
 * tell "exactly the limit" from "larger") is ever read. */
static char *
read_policy_file (Loader *loader,
                  gsize  *length)
{
  g_autofree char *contents = NULL;
  struct stat info;
  gsize filled = 0;
  gsize capacity;
  int fd;

  fd = open (loader->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      int saved = errno;
      problem (loader, 0, "cannot open the file: %s", g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      close (fd);
      problem (loader, 0, "not a regular file (a folder, device or pipe cannot be a policy)");
      return NULL;
    }

  /* Sized by what fstat says, grown if the file grows while it is read, never past the limit. */
  capacity = (gsize) MIN (info.st_size, (off_t) MAX_POLICY_FILE_SIZE) + 1;
  contents = g_malloc (capacity + 1);
  while (filled < MAX_POLICY_FILE_SIZE + 1)
    {
      gssize got;

      if (filled == capacity)
        {
          capacity = MIN (capacity * 2, (gsize) MAX_POLICY_FILE_SIZE + 1);
          contents = g_realloc (contents, capacity + 1);
        }
      got = read (fd, contents + filled, capacity - filled);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          close (fd);
          problem (loader, 0, "cannot read the file: %s", g_strerror (saved));
          return NULL;
        }
      if (got == 0)
        break;
      filled += (gsize) got;
    }
  close (fd);

  if (filled > MAX_POLICY_FILE_SIZE)
    {
      problem (loader, 0, "the file is larger than %d bytes", MAX_POLICY_FILE_SIZE);
      return NULL;
    }
  contents[filled] = '\0';
  *length = filled;
  return g_steal_pointer (&contents);
}

static xmlDoc *
read_document (Loader     *loader,
               xmlRelaxNG *schema)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(xmlDoc) doc = NULL;
  gboolean valid = TRUE;

  contents = read_policy_file (loader, &length);
  if (contents == NULL)
    return NULL;

  /* Untrusted input: no network, no entity substitution, no DTD loading, default size limits.
   * Billion-laughs expansion then stops with "entity reference loop" or is never substituted. */
  xmlSetStructuredErrorFunc (loader, (xmlStructuredErrorFunc) collect_xml_error);
  doc = xmlReadMemory (contents, (int) length, loader->path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL)
    {
      if (loader->problems->len == 0)
        problem (loader, 0, "not a well-formed XML document");
      return NULL;
    }

  /* An internal DTD subset is the only way entities get in; policies never need one. */
  if (doc->intSubset != NULL)
    {
      problem (loader, 1, "document type declarations (<!DOCTYPE …>) are not allowed in policy files");
      return NULL;
    }

  if (schema != NULL)
    {
      xmlRelaxNGValidCtxtPtr context = xmlRelaxNGNewValidCtxt (schema);

      xmlRelaxNGSetValidStructuredErrors (context, (xmlStructuredErrorFunc) collect_xml_error, loader);
      valid = xmlRelaxNGValidateDoc (context, doc) == 0;
      xmlRelaxNGFreeValidCtxt (context);
    }

  return valid ? g_steal_pointer (&doc) : NULL;
}

xmlRelaxNG *
shenbao_policy_schema_load (const char *schema_path,
                            GError    **error)
{
  xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt (schema_path);
  xmlRelaxNG *schema = NULL;

  if (parser != NULL)
    {
      schema = xmlRelaxNGParse (parser);
      xmlRelaxNGFreeParserCtxt (parser);
    }
  if (schema == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: cannot read the policy schema", schema_path);
  return schema;
}

ShenbaoPolicy *
shenbao_policy_loader_read (const char *path,
                            xmlRelaxNG *schema,
                            GPtrArray  *facts,
                            GPtrArray  *problems)
{
  g_autoptr(ShenbaoPolicy) policy = shenbao_policy_new ();
  Loader loader = { path, problems, facts, policy, NULL, NULL };
  guint problems_before = problems->len;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  doc = read_document (&loader, schema);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !shenbao_xml_is_element (root, "policy") || root->ns == NULL
      || !xmlStrEqual (root->ns->href, (const xmlChar *) POLICY_NS))
    {
      problem (&loader, root != NULL ? line_of (root) : 1,
               "the root element must be <policy xmlns=\"%s\">", POLICY_NS);
      return NULL;
    }

  policy->path = g_strdup (path);
  build_policy (&loader, root);
  if (problems->len > problems_before)
    return NULL;
  return g_steal_pointer (&policy);
}

/* Whether the file's root element is <facts>: the one file of a policy folder that is not a
 * policy. A file that cannot be read or parsed is not; reading it as a policy reports why. */
gboolean
shenbao_policy_loader_is_facts_file (const char *path)
{
  g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);
  Loader loader = { path, ignored, NULL, NULL, NULL, NULL };
  g_autoptr(xmlDoc) doc = read_document (&loader, NULL);
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  return root != NULL && shenbao_xml_is_element (root, "facts");
}

GPtrArray *
shenbao_facts_loader_read (const char *path,
                           xmlRelaxNG *schema,
                           GPtrArray  *problems)
{
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_field_free);
  Loader loader = { path, problems, NULL, NULL, NULL, NULL };
  guint problems_before = problems->len;
  g_autoptr(xmlDoc) doc = read_document (&loader, schema);
  xmlNode *root;

  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !shenbao_xml_is_element (root, "facts"))
    {
      problem (&loader, 1, "the root element must be <facts>");
      return NULL;
    }

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      ShenbaoField *fact;

      if (!shenbao_xml_is_element (node, "fact"))
        continue;
      fact = read_field (&loader, node);
      fact->input_key = g_strdup (fact->id);
      g_ptr_array_add (facts, fact);
    }
  if (problems->len > problems_before)
    return NULL;
  return g_steal_pointer (&facts);
}
