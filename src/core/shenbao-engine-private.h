/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The award engine's parts share this: shenbao-engine.c (the public calls and results),
 * shenbao-engine-clause.c (one clause's conditions and steps), shenbao-engine-rules.c (pools,
 * same matter, combined caps, top-up, totals) and shenbao-engine-examples.c (worked examples).
 * The words of an explanation are in shenbao-worksheet.c alone. */

#include "shenbao-engine.h"
#include "shenbao-policy-private.h"

G_BEGIN_DECLS

/* Everything one clause's formulas can see while it is computed. */
typedef struct
{
  ShenbaoPolicySet *set;
  ShenbaoPolicy    *policy;
  ShenbaoClause    *clause;     /* NULL for policy-wide formulas */
  ShenbaoInputs    *inputs;
  GHashTable       *lets;       /* name → ShenbaoValue */
  GHashTable       *let_labels; /* name → ShenbaoStep (not owned) */
  gboolean          explain;
} Scope;

/* Who may apply (gates such as 一票否决, the location, the applicant conditions) is the same for
 * every clause, so it is judged once per policy into a result of its own, copied into each
 * clause's. */
typedef struct
{
  ShenbaoClauseResult *result;
  gboolean             unknown;
  gboolean             gates;
} ApplicantCheck;

G_GNUC_INTERNAL ShenbaoText         *text_new             (char                *zh,
                                                           char                *en);
G_GNUC_INTERNAL ShenbaoText         *text_copy            (const ShenbaoText   *source);
G_GNUC_INTERNAL void                 text_free            (ShenbaoText         *text);

G_GNUC_INTERNAL ShenbaoField        *scope_find_field     (Scope               *scope,
                                                           const char          *name);
G_GNUC_INTERNAL const ShenbaoValue  *scope_lookup         (const char          *name,
                                                           gpointer             user_data);

G_GNUC_INTERNAL ShenbaoClauseResult *clause_result_new    (ShenbaoClause       *clause,
                                                           gboolean             with_explanation);
G_GNUC_INTERNAL void                 clause_result_free   (ShenbaoClauseResult *result);
G_GNUC_INTERNAL ShenbaoWorkStep     *work_add             (GPtrArray           *work,
                                                           ShenbaoWorkKind      kind,
                                                           const ShenbaoText   *label);
G_GNUC_INTERNAL void                 work_step_free       (ShenbaoWorkStep     *step);

/* shenbao-engine-clause.c */
G_GNUC_INTERNAL void                 check_applicant      (Scope               *scope,
                                                           ApplicantCheck      *check);
G_GNUC_INTERNAL ShenbaoClauseResult *compute_clause       (Scope               *scope,
                                                           const ApplicantCheck *applicant);

/* shenbao-engine-rules.c */
G_GNUC_INTERNAL gboolean             pays                 (ShenbaoClauseResult *result);
G_GNUC_INTERNAL void                 question_free        (ShenbaoSameMatterQuestion *question);
G_GNUC_INTERNAL void                 apply_top_up         (Scope               *scope,
                                                           ShenbaoClauseResult *result);
G_GNUC_INTERNAL void                 apply_pools          (ShenbaoPolicyResult *policy_result,
                                                           Scope               *scope);
G_GNUC_INTERNAL void                 apply_same_matter    (ShenbaoPolicyResult *policy_result,
                                                           const ShenbaoClaim  *claim);
G_GNUC_INTERNAL void                 apply_combined_caps  (ShenbaoPolicyResult *policy_result,
                                                           Scope               *scope);
G_GNUC_INTERNAL void                 add_totals           (ShenbaoPolicyResult *policy_result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoText, text_free)

G_END_DECLS
