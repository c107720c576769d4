/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shenbao-expr.h"
#include "shenbao-value.h"

G_BEGIN_DECLS

/* Every text a user reads exists in Chinese (the documents' language) and English. */
struct _ShenbaoText
{
  char *zh;
  char *en;
};

typedef enum
{
  SHENBAO_FIELD_MONEY,
  SHENBAO_FIELD_NUMBER,
  SHENBAO_FIELD_INTEGER,
  SHENBAO_FIELD_PERCENT,
  SHENBAO_FIELD_BOOL,
  SHENBAO_FIELD_CHOICE,
  SHENBAO_FIELD_DATE,
  SHENBAO_FIELD_TEXT,
  SHENBAO_FIELD_REGION,
  SHENBAO_FIELD_LIST,
  SHENBAO_FIELD_CREDIT_CODE,
} ShenbaoFieldType;

typedef enum
{
  SHENBAO_STEP_LET,
  SHENBAO_STEP_AMOUNT,
  SHENBAO_STEP_TIERS,
  SHENBAO_STEP_LESS,
  SHENBAO_STEP_CAP,
  SHENBAO_STEP_SCALE,
} ShenbaoStepKind;

typedef enum
{
  SHENBAO_AWARD_EXACT,
  SHENBAO_AWARD_UP_TO,
  SHENBAO_AWARD_REVIEW,
  SHENBAO_AWARD_OTHER_POLICY,
  SHENBAO_AWARD_NONE,
} ShenbaoAwardKind;

typedef enum
{
  SHENBAO_RULE_GATE,
  SHENBAO_RULE_EXCLUSIVE,
  SHENBAO_RULE_POOL,
  SHENBAO_RULE_COMBINED_CAP,
  SHENBAO_RULE_TOP_UP,
  SHENBAO_RULE_NOTE,
} ShenbaoRuleKind;

typedef enum
{
  SHENBAO_VALIDITY_IN_FORCE,
  SHENBAO_VALIDITY_NOT_YET,
  SHENBAO_VALIDITY_EXPIRED,
  SHENBAO_VALIDITY_DRAFT,
} ShenbaoValidity;

/* The parts of a policy are read through the accessors below; only the policy model's own
 * code (shenbao-policy-private.h) builds them, so their layout can change without the program
 * and the command line noticing. */
typedef struct _ShenbaoPolicy     ShenbaoPolicy;
typedef struct _ShenbaoClause     ShenbaoClause;
typedef struct _ShenbaoField      ShenbaoField;
typedef struct _ShenbaoChoice     ShenbaoChoice;
typedef struct _ShenbaoCondition  ShenbaoCondition;
typedef struct _ShenbaoStep       ShenbaoStep;
typedef struct _ShenbaoAttachment ShenbaoAttachment;
typedef struct _ShenbaoRule       ShenbaoRule;
typedef struct _ShenbaoArea       ShenbaoArea;
typedef struct _ShenbaoFlag       ShenbaoFlag;

/* A tier of a TIERS step: plain values, which an explanation (ShenbaoWorkStep) hands out. */
typedef struct
{
  ShenbaoDecimal threshold;
  ShenbaoDecimal amount;
} ShenbaoTier;

/* A worked example is test data the file carries: the engine's self-check and the tests read
 * it, the program never does. */
typedef struct
{
  char *name;
  char *value;
} ShenbaoSetting;

typedef struct
{
  char      *id;
  char      *note;
  GPtrArray *settings;   /* ShenbaoSetting */
  char      *applies;
  char      *award;
  char      *award_alternative; /* the amount under the other reading of the clause's flag */
  char      *total;
  char      *total_up_to;
  char      *dropped;
  GPtrArray *payouts;    /* ShenbaoSetting: clause id → award */
  int        line;
} ShenbaoExample;

#define SHENBAO_TYPE_POLICY (shenbao_policy_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoPolicy, shenbao_policy, SHENBAO, POLICY, GObject)

ShenbaoPolicy      *shenbao_policy_new                    (void);
const char         *shenbao_policy_get_id                 (ShenbaoPolicy *self);
const char         *shenbao_policy_get_path               (ShenbaoPolicy *self);
const ShenbaoText  *shenbao_policy_get_title              (ShenbaoPolicy *self);
const ShenbaoText  *shenbao_policy_get_issuer             (ShenbaoPolicy *self);
const char         *shenbao_policy_get_document_number    (ShenbaoPolicy *self);
const GDate        *shenbao_policy_get_effective          (ShenbaoPolicy *self);
const GDate        *shenbao_policy_get_expiry             (ShenbaoPolicy *self);
gboolean            shenbao_policy_is_header_only         (ShenbaoPolicy *self);
guint               shenbao_policy_get_n_clauses          (ShenbaoPolicy *self);
GPtrArray          *shenbao_policy_get_clauses            (ShenbaoPolicy *self);
GPtrArray          *shenbao_policy_get_fields             (ShenbaoPolicy *self);
GPtrArray          *shenbao_policy_get_rules              (ShenbaoPolicy *self);
GPtrArray          *shenbao_policy_get_areas              (ShenbaoPolicy *self);
GPtrArray          *shenbao_policy_get_materials          (ShenbaoPolicy *self);
ShenbaoClause      *shenbao_policy_find_clause            (ShenbaoPolicy *self,
                                                           const char    *clause_id);
const ShenbaoFlag  *shenbao_policy_find_flag              (ShenbaoPolicy *self,
                                                           const char    *flag_id);
ShenbaoField       *shenbao_policy_find_field             (ShenbaoPolicy *self,
                                                           const char    *field_id);
ShenbaoValidity     shenbao_policy_get_validity           (ShenbaoPolicy *self,
                                                           const GDate   *as_of,
                                                           int           *days_to_expiry);
gboolean            shenbao_policy_area_matches           (ShenbaoPolicy *self,
                                                           const char    *region_code);

const char         *shenbao_clause_get_id                 (const ShenbaoClause *clause);
const char         *shenbao_clause_get_full_id            (const ShenbaoClause *clause);
ShenbaoPolicy      *shenbao_clause_get_policy             (const ShenbaoClause *clause);
const ShenbaoText  *shenbao_clause_get_title              (const ShenbaoClause *clause);
const char         *shenbao_clause_get_quote              (const ShenbaoClause *clause);
const char         *shenbao_clause_get_shape              (const ShenbaoClause *clause);
ShenbaoAwardKind    shenbao_clause_get_kind               (const ShenbaoClause *clause);
const char         *shenbao_clause_get_payment            (const ShenbaoClause *clause);
GPtrArray          *shenbao_clause_get_fields             (const ShenbaoClause *clause);
GPtrArray          *shenbao_clause_get_conditions         (const ShenbaoClause *clause);
GPtrArray          *shenbao_clause_get_steps              (const ShenbaoClause *clause);
GPtrArray          *shenbao_clause_get_attachments        (const ShenbaoClause *clause);
GPtrArray          *shenbao_clause_get_flags              (const ShenbaoClause *clause);
GPtrArray          *shenbao_clause_get_facts_used         (const ShenbaoClause *clause);
GPtrArray          *shenbao_clause_get_policy_fields_used (const ShenbaoClause *clause);
GPtrArray          *shenbao_clause_get_examples           (const ShenbaoClause *clause);
ShenbaoField       *shenbao_clause_find_field             (ShenbaoClause       *clause,
                                                           const char          *field_id);

const char         *shenbao_field_get_id                  (const ShenbaoField *field);
ShenbaoFieldType    shenbao_field_get_kind                (const ShenbaoField *field);
const char         *shenbao_field_get_input_key           (const ShenbaoField *field);
const ShenbaoText  *shenbao_field_get_label               (const ShenbaoField *field);
const ShenbaoText  *shenbao_field_get_help                (const ShenbaoField *field);
const ShenbaoText  *shenbao_field_get_row_label           (const ShenbaoField *field);
const char         *shenbao_field_get_unit_text           (const ShenbaoField *field);
gboolean            shenbao_field_is_required             (const ShenbaoField *field);
const char         *shenbao_field_get_default_text        (const ShenbaoField *field);
const ShenbaoValue *shenbao_field_get_default_value       (const ShenbaoField *field);
GPtrArray          *shenbao_field_get_choices             (const ShenbaoField *field);
GPtrArray          *shenbao_field_get_columns             (const ShenbaoField *field);

const char         *shenbao_choice_get_value              (const ShenbaoChoice *choice);
const ShenbaoText  *shenbao_choice_get_label              (const ShenbaoChoice *choice);

const ShenbaoText  *shenbao_condition_get_text            (const ShenbaoCondition *condition);

const ShenbaoText  *shenbao_step_get_label                (const ShenbaoStep *step);
ShenbaoExpr        *shenbao_step_get_expr                 (const ShenbaoStep *step);

const char         *shenbao_attachment_get_id             (const ShenbaoAttachment *attachment);
const ShenbaoText  *shenbao_attachment_get_label          (const ShenbaoAttachment *attachment);
gboolean            shenbao_attachment_is_required        (const ShenbaoAttachment *attachment);

ShenbaoRuleKind     shenbao_rule_get_kind                 (const ShenbaoRule *rule);
const char         *shenbao_rule_get_id                   (const ShenbaoRule *rule);
const ShenbaoText  *shenbao_rule_get_text                 (const ShenbaoRule *rule);
const char         *shenbao_rule_get_flag                 (const ShenbaoRule *rule);
GPtrArray          *shenbao_rule_get_members              (const ShenbaoRule *rule);

const char         *shenbao_area_get_prefix               (const ShenbaoArea *area);
const ShenbaoText  *shenbao_area_get_name                 (const ShenbaoArea *area);
gboolean            shenbao_area_is_stated                (const ShenbaoArea *area);

const char         *shenbao_flag_get_id                   (const ShenbaoFlag *flag);
const ShenbaoText  *shenbao_flag_get_text                 (const ShenbaoFlag *flag);
const ShenbaoText  *shenbao_flag_get_alternative_label    (const ShenbaoFlag *flag);

const char         *shenbao_validity_to_string            (ShenbaoValidity validity);
const char         *shenbao_award_kind_to_string          (ShenbaoAwardKind kind);
const char         *shenbao_field_type_to_string          (ShenbaoFieldType type);
gboolean            shenbao_prefers_chinese               (void);
const char         *shenbao_text_get                      (const ShenbaoText *text,
                                                           gboolean           chinese);

void                shenbao_field_free                    (ShenbaoField   *field);
void                shenbao_clause_free                   (ShenbaoClause  *clause);
void                shenbao_example_free                  (ShenbaoExample *example);
void                shenbao_text_clear                    (ShenbaoText    *text);

G_END_DECLS
