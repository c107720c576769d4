/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The policy model's own parts (the loader, the index, the set, the engine) build and walk
 * these structs directly, as a policy is made of them; the program and the command line read
 * them only through the accessors in shenbao-policy.h, so the layout can change under them. */

#include "shenbao-policy.h"

G_BEGIN_DECLS

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
