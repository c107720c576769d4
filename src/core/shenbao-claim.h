/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the user answered about two claimed clauses that a policy's no-duplication rule may
 * treat as one matter. */
typedef enum
{
  SHENBAO_SAME_MATTER_UNANSWERED,
  SHENBAO_SAME_MATTER_SAME,
  SHENBAO_SAME_MATTER_DISTINCT,
} ShenbaoSameMatter;

/* The clauses an applicant claims and its answers to same-matter questions: totals, pools,
 * combined caps and no-duplication run over these clauses only. */
typedef struct _ShenbaoClaim ShenbaoClaim;

ShenbaoClaim      *shenbao_claim_new              (void);
ShenbaoClaim      *shenbao_claim_new_all          (void);
void               shenbao_claim_free             (ShenbaoClaim      *claim);
void               shenbao_claim_add_clause       (ShenbaoClaim      *claim,
                                                   const char        *clause_id);
gboolean           shenbao_claim_is_claimed       (const ShenbaoClaim *claim,
                                                   const char        *clause_id);
gboolean           shenbao_claim_claims_all       (const ShenbaoClaim *claim);
void               shenbao_claim_set_same_matter  (ShenbaoClaim      *claim,
                                                   const char        *clause_a,
                                                   const char        *clause_b,
                                                   ShenbaoSameMatter  answer);
ShenbaoSameMatter  shenbao_claim_get_same_matter  (const ShenbaoClaim *claim,
                                                   const char        *clause_a,
                                                   const char        *clause_b);
char              *shenbao_same_matter_key        (const char        *clause_a,
                                                   const char        *clause_b);
gboolean           shenbao_same_matter_parse_key  (const char        *key,
                                                   char             **clause_a,
                                                   char             **clause_b);
const char        *shenbao_same_matter_to_string  (ShenbaoSameMatter  answer);
gboolean           shenbao_same_matter_from_string (const char       *text,
                                                    ShenbaoSameMatter *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoClaim, shenbao_claim_free)

G_END_DECLS
