/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-claim"

#include "config.h"

#include <string.h>

#include "shenbao-claim.h"

struct _ShenbaoClaim
{
  GHashTable *clauses;   /* short clause id → itself; NULL: every clause is claimed */
  GHashTable *answers;   /* same-matter key → GINT_TO_POINTER (ShenbaoSameMatter) */
};

/* Nothing claimed yet: a new application starts here. */
ShenbaoClaim *
shenbao_claim_new (void)
{
  ShenbaoClaim *claim = shenbao_claim_new_all ();

  claim->clauses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return claim;
}

/* Every clause claimed: what the command line computes unless told otherwise, and what the
 * worked examples of the policy files assume. */
ShenbaoClaim *
shenbao_claim_new_all (void)
{
  ShenbaoClaim *claim = g_new0 (ShenbaoClaim, 1);

  claim->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return claim;
}

void
shenbao_claim_free (ShenbaoClaim *claim)
{
  if (claim == NULL)
    return;
  g_clear_pointer (&claim->clauses, g_hash_table_unref);
  g_clear_pointer (&claim->answers, g_hash_table_unref);
  g_free (claim);
}

/* A full id ("pudong-2024/8a") and a short one ("8a") name the same clause here. */
static const char *
short_id (const char *clause_id)
{
  const char *slash = strrchr (clause_id, '/');

  return slash != NULL ? slash + 1 : clause_id;
}

void
shenbao_claim_add_clause (ShenbaoClaim *claim,
                          const char   *clause_id)
{
  g_return_if_fail (claim != NULL && clause_id != NULL);

  if (claim->clauses == NULL)
    claim->clauses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (claim->clauses, g_strdup (short_id (clause_id)));
}

gboolean
shenbao_claim_is_claimed (const ShenbaoClaim *claim,
                          const char         *clause_id)
{
  if (claim == NULL || claim->clauses == NULL)
    return TRUE;
  return g_hash_table_contains (claim->clauses, short_id (clause_id));
}

gboolean
shenbao_claim_claims_all (const ShenbaoClaim *claim)
{
  return claim == NULL || claim->clauses == NULL;
}

/* The order of the two clauses does not matter: "8b+8c" either way. */
char *
shenbao_same_matter_key (const char *clause_a,
                         const char *clause_b)
{
  const char *a = short_id (clause_a);
  const char *b = short_id (clause_b);

  return strcmp (a, b) <= 0 ? g_strconcat (a, "+", b, NULL) : g_strconcat (b, "+", a, NULL);
}

gboolean
shenbao_same_matter_parse_key (const char  *key,
                               char       **clause_a,
                               char       **clause_b)
{
  const char *plus = strchr (key, '+');

  if (plus == NULL || plus == key || plus[1] == '\0' || strchr (plus + 1, '+') != NULL)
    return FALSE;
  *clause_a = g_strndup (key, plus - key);
  *clause_b = g_strdup (plus + 1);
  return TRUE;
}

void
shenbao_claim_set_same_matter (ShenbaoClaim      *claim,
                               const char        *clause_a,
                               const char        *clause_b,
                               ShenbaoSameMatter  answer)
{
  g_return_if_fail (claim != NULL && clause_a != NULL && clause_b != NULL);

  if (answer == SHENBAO_SAME_MATTER_UNANSWERED)
    g_hash_table_remove (claim->answers, shenbao_same_matter_key (clause_a, clause_b));
  else
    g_hash_table_replace (claim->answers, shenbao_same_matter_key (clause_a, clause_b), GINT_TO_POINTER (answer));
}

ShenbaoSameMatter
shenbao_claim_get_same_matter (const ShenbaoClaim *claim,
                               const char         *clause_a,
                               const char         *clause_b)
{
  g_autofree char *key = NULL;

  if (claim == NULL)
    return SHENBAO_SAME_MATTER_UNANSWERED;
  key = shenbao_same_matter_key (clause_a, clause_b);
  return GPOINTER_TO_INT (g_hash_table_lookup (claim->answers, key));
}

const char *
shenbao_same_matter_to_string (ShenbaoSameMatter answer)
{
  switch (answer)
    {
    case SHENBAO_SAME_MATTER_SAME: return "same";
    case SHENBAO_SAME_MATTER_DISTINCT: return "distinct";
    case SHENBAO_SAME_MATTER_UNANSWERED:
    default: return "unanswered";
    }
}

gboolean
shenbao_same_matter_from_string (const char        *text,
                                 ShenbaoSameMatter *answer)
{
  if (g_strcmp0 (text, "same") == 0)
    *answer = SHENBAO_SAME_MATTER_SAME;
  else if (g_strcmp0 (text, "distinct") == 0)
    *answer = SHENBAO_SAME_MATTER_DISTINCT;
  else
    return FALSE;
  return TRUE;
}
