/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The policy model's own parts build and walk these structs directly: the loader, the index
 * and the set make a policy of them, the engine computes over them and shenbao-inputs.c checks a
 * value against a field's bounds and pattern. Everything else, the program and the command line
 * first, reads them through the accessors in shenbao-policy.h, so the layout can change under
 * them. */

#include "shenbao-policy.h"

G_BEGIN_DECLS

struct _ShenbaoChoice
{
  char        *value;
  ShenbaoText  label;
};

struct _ShenbaoCondition
{
  ShenbaoExpr *test;
  ShenbaoText  text;
  char        *flag;
  int          line;
};

struct _ShenbaoStep
{
  ShenbaoStepKind  kind;
  char            *name;
  ShenbaoText      label;
  ShenbaoExpr     *expr;       /* for tiers: the base */
  gboolean         strict;     /* tiers: 超过 (>) rather than 及以上 (>=) */
  GArray          *tiers;      /* ShenbaoTier, ascending */
  int              line;
};

struct _ShenbaoAttachment
{
  char        *id;
  ShenbaoText  label;
  gboolean     required;
};

struct _ShenbaoRule
{
  ShenbaoRuleKind  kind;
  char            *id;
  ShenbaoText      text;
  char            *quote;
  char            *flag;
  ShenbaoExpr     *expr;       /* gate test or combined cap */
  ShenbaoDecimal   budget;
  char            *field;      /* pool factor or top-up field */
  gboolean         soft;
  gboolean         certain;    /* exclusive: one matter for sure, the applicant is not asked */
  GPtrArray       *members;    /* char *: clause ids */
  int              line;
};

struct _ShenbaoArea
{
  char        *prefix;
  gboolean     stated;
  gboolean     registration_required;
  gboolean     tax_required;
  ShenbaoText  name;
};

struct _ShenbaoFlag
{
  char        *id;
  ShenbaoText  text;
  /* How the other reading computes, where it changes an amount: a formula over the clause's
   * values and "award" (the default reading's amount), and its words. */
  char        *alternative_clause;
  ShenbaoExpr *alternative;
  ShenbaoText  alternative_label;
  int          alternative_line;
  char        *alternative_source; /* while loading */
};

struct _ShenbaoField
{
  char             *id;
  ShenbaoFieldType  type;
  char             *unit_text;
  ShenbaoUnit       unit;
  gboolean          required;
  gboolean          has_min;
  gboolean          has_max;
  ShenbaoDecimal    min;
  ShenbaoDecimal    max;
  char             *default_text;
  ShenbaoValue     *default_value;
  char             *pattern;
  GRegex           *regex;
  ShenbaoText       label;
  ShenbaoText       help;
  GPtrArray        *choices;   /* ShenbaoChoice */
  GPtrArray        *columns;   /* ShenbaoField, for lists */
  ShenbaoText       row_label; /* a list's row as a worksheet names it: 订单 / Order */
  char             *input_key; /* where its value is kept in ShenbaoInputs */
  int               line;
};

struct _ShenbaoClause
{
  ShenbaoPolicy    *policy;     /* not owned */
  char             *id;
  char             *full_id;
  char             *shape;
  ShenbaoText       title;
  char             *quote;
  GPtrArray        *fields;     /* ShenbaoField */
  GPtrArray        *conditions; /* ShenbaoCondition */
  ShenbaoAwardKind  kind;
  char             *payment;
  char             *period;
  GPtrArray        *steps;      /* ShenbaoStep */
  GPtrArray        *attachments;
  GPtrArray        *flags;      /* char *: ambiguity register ids */
  GPtrArray        *examples;   /* ShenbaoExample */
  GPtrArray        *facts_used; /* char *: company facts its formulas read */
  GPtrArray        *policy_fields_used; /* char *: policy-level fields its formulas read */
  int               line;
};

struct _ShenbaoPolicy
{
  GObject      parent_instance;

  char        *id;
  char        *path;
  ShenbaoText  title;
  ShenbaoText  issuer;
  char        *document_number;
  gboolean     draft;
  GDate        effective;          /* invalid when the document leaves it open */
  GDate        expiry;
  char        *effective_as_written;
  char        *expiry_as_written;
  char        *source_file;
  GPtrArray   *areas;              /* ShenbaoArea */
  GPtrArray   *applicant_conditions;
  GPtrArray   *rules;              /* ShenbaoRule */
  GPtrArray   *fields;             /* policy-level ShenbaoField */
  GPtrArray   *flags;              /* ShenbaoFlag */
  GPtrArray   *clauses;            /* ShenbaoClause */
  GPtrArray   *examples;           /* ShenbaoExample */
  GPtrArray   *materials;          /* ShenbaoAttachment: the default policy-wide checklist */
  guint        n_clauses;
  gboolean     header_only;        /* from the index: id, titles, status, dates, areas only */
};

void shenbao_choice_free     (ShenbaoChoice     *choice);
void shenbao_condition_free  (ShenbaoCondition  *condition);
void shenbao_step_free       (ShenbaoStep       *step);
void shenbao_attachment_free (ShenbaoAttachment *attachment);
void shenbao_setting_free    (ShenbaoSetting    *setting);
void shenbao_rule_free       (ShenbaoRule       *rule);
void shenbao_area_free       (ShenbaoArea       *area);
void shenbao_flag_free       (ShenbaoFlag       *flag);

G_END_DECLS
