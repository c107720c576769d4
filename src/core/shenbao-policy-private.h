/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The policy model's own parts (the loader, the index, the set, the engine) build and walk
 * these structs directly, as a policy is made of them; the program and the command line read
 * them only through the accessors in shenbao-policy.h, so the layout can change under them. */

#include "shenbao-policy.h"

G_BEGIN_DECLS

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
