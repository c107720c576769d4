/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-filing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "shenbao-filing.h"

struct _ShenbaoFiling
{
  GObject              parent_instance;

  ShenbaoStorage      *storage;
  ShenbaoPolicySet    *policies;
  gint64               id;
  gint64               company_id;
  char                *policy_id;
  char                *page;
  GHashTable          *texts;     /* key → text as typed */
  GHashTable          *errors;    /* key → message */
  GHashTable          *chosen;    /* clause id → GINT_TO_POINTER (chosen) */
  GHashTable          *unsaved;   /* key → ShenbaoField: typed, kept, not yet written */
  ShenbaoInputs       *inputs;
  GDate                as_of;
  ShenbaoPolicyResult *result;    /* cached until the next change */
  ShenbaoChecklist    *checklist;
  gboolean             rebuilding; /* checklist changes that are not the user's: not announced */
};

G_DEFINE_FINAL_TYPE (ShenbaoFiling, shenbao_filing, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
shenbao_problem_free (ShenbaoProblem *problem)
{
  g_free (problem->key);
  g_free (problem->clause_id);
  g_free (problem->page);
  g_free (problem->message);
  g_free (problem);
}

static void
shenbao_filing_finalize (GObject *object)
{
  ShenbaoFiling *self = (ShenbaoFiling *) object;

  g_clear_object (&self->storage);
  g_clear_object (&self->policies);
  g_clear_pointer (&self->policy_id, g_free);
  g_clear_pointer (&self->page, g_free);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->unsaved, g_hash_table_unref);
  g_clear_object (&self->inputs);
  g_clear_pointer (&self->result, shenbao_policy_result_free);
  g_clear_object (&self->checklist);

  G_OBJECT_CLASS (shenbao_filing_parent_class)->finalize (object);
}

static void
shenbao_filing_class_init (ShenbaoFilingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shenbao_filing_finalize;

  /* Emitted after any input, choice or policy changed and was saved. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shenbao_filing_init (ShenbaoFiling *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unsaved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->inputs = shenbao_inputs_new ();
  g_date_clear (&self->as_of, 1);
  g_date_set_time_t (&self->as_of, time (NULL));
}

static ShenbaoField *
field_for_key (ShenbaoFiling *self,
               const char    *key)
{
  g_autofree char *resolved = NULL;
  ShenbaoField *field = NULL;

  if (!shenbao_policy_set_resolve_name (self->policies, NULL, key, &resolved, &field, NULL))
    return NULL;
  return field;
}

/* Parses what was typed; a value that parses feeds the engine, one that does not keeps its
 * message for the field and leaves the engine without it. */
static void
absorb_text (ShenbaoFiling *self,
             ShenbaoField  *field,
             const char    *key,
             const char    *text)
{
  g_autoptr(GError) error = NULL;
  ShenbaoValue *value = NULL;

  g_hash_table_remove (self->errors, key);
  if (text == NULL || *text == '\0' || field == NULL)
    {
      shenbao_inputs_remove (self->inputs, key);
      return;
    }

  value = shenbao_field_parse_value (field, text, &error);
  if (value == NULL)
    {
      shenbao_inputs_remove (self->inputs, key);
      g_hash_table_replace (self->errors, g_strdup (key), g_strdup (error->message));
      return;
    }
  shenbao_inputs_take (self->inputs, key, value);
}

static void
absorb_all (ShenbaoFiling *self,
            GHashTable    *values)
{
  GHashTableIter iter;
  gpointer key, text;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &text))
    {
      g_hash_table_replace (self->texts, g_strdup (key), g_strdup (text));
      absorb_text (self, field_for_key (self, key), key, text);
    }
}

static ShenbaoFiling *
application_new (ShenbaoStorage   *storage,
                 ShenbaoPolicySet *policies)
{
  ShenbaoFiling *self = g_object_new (SHENBAO_TYPE_FILING, NULL);

  self->storage = g_object_ref (storage);
  self->policies = g_object_ref (policies);
  return self;
}

static gboolean rebuild_checklist (ShenbaoFiling *self, GError **error);
static void     watch_checklist   (ShenbaoFiling *self);

ShenbaoFiling *
shenbao_filing_create (ShenbaoStorage    *storage,
                       ShenbaoPolicySet  *policies,
                       gint64             company_id,
                       GError           **error)
{
  g_autoptr(ShenbaoFiling) self = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (storage), NULL);
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (policies), NULL);

  if (company_id == 0 && (company_id = shenbao_storage_create_company (storage, error)) == 0)
    return NULL;
  self = application_new (storage, policies);
  self->company_id = company_id;
  self->id = shenbao_storage_create_application (storage, company_id, NULL, error);
  if (self->id == 0)
    return NULL;
  self->checklist = shenbao_checklist_new (storage, self->id);
  watch_checklist (self);

  /* A company's profile is entered once and reused by each of its applications. */
  {
    g_autoptr(GHashTable) company = shenbao_storage_load_company_values (storage, company_id, error);

    if (company == NULL)
      return NULL;
    absorb_all (self, company);
  }
  return g_steal_pointer (&self);
}

ShenbaoFiling *
shenbao_filing_load (ShenbaoStorage    *storage,
                     ShenbaoPolicySet  *policies,
                     gint64             application_id,
                     GError           **error)
{
  g_autoptr(ShenbaoFiling) self = NULL;
  g_autoptr(ShenbaoFilingSummary) summary = NULL;
  g_autoptr(GHashTable) company = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GHashTable) choices = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (storage), NULL);
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (policies), NULL);

  summary = shenbao_storage_get_application (storage, application_id, error);
  if (summary == NULL)
    return NULL;
  company = shenbao_storage_load_company_values (storage, summary->company_id, error);
  if (company == NULL)
    return NULL;
  values = shenbao_storage_load_application_values (storage, application_id, error);
  if (values == NULL)
    return NULL;
  choices = shenbao_storage_load_clause_choices (storage, application_id, error);
  if (choices == NULL)
    return NULL;

  self = application_new (storage, policies);
  self->id = application_id;
  self->company_id = summary->company_id;
  self->policy_id = g_strdup (summary->policy_id);
  self->page = g_strdup (summary->page);
  absorb_all (self, company);
  absorb_all (self, values);
  {
    GHashTableIter iter;
    gpointer key, chosen;

    g_hash_table_iter_init (&iter, choices);
    while (g_hash_table_iter_next (&iter, &key, &chosen))
      g_hash_table_replace (self->chosen, g_strdup (key), chosen);
  }
  self->checklist = shenbao_checklist_new (storage, application_id);
  if (!rebuild_checklist (self, error))
    return NULL;
  watch_checklist (self);
  return g_steal_pointer (&self);
}

gint64
shenbao_filing_get_id (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), 0);
  return self->id;
}

gint64
shenbao_filing_get_company_id (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), 0);
  return self->company_id;
}

ShenbaoPolicySet *
shenbao_filing_get_policies (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return self->policies;
}

ShenbaoStorage *
shenbao_filing_get_storage (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return self->storage;
}

ShenbaoInputs *
shenbao_filing_get_inputs (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return self->inputs;
}

const char *
shenbao_filing_get_text (ShenbaoFiling *self,
                         const char    *key)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return g_hash_table_lookup (self->texts, key);
}

const char *
shenbao_filing_get_error (ShenbaoFiling *self,
                          const char    *key)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return g_hash_table_lookup (self->errors, key);
}

char *
shenbao_filing_summary_state (guint n_problems)
{
  return n_problems == 0 ? g_strdup ("ready") : g_strdup_printf ("problems:%u", n_problems);
}

/* Summaries saved before problems were counted say "draft": unknown, but not ready. */
gboolean
shenbao_filing_parse_summary_state (const char *state,
                                    guint      *n_problems)
{
  guint64 count = 0;

  *n_problems = 0;
  if (g_strcmp0 (state, "ready") == 0)
    return TRUE;
  if (state != NULL && g_str_has_prefix (state, "problems:")
      && g_ascii_string_to_unsigned (state + strlen ("problems:"), 10, 1, G_MAXUINT, &count, NULL))
    {
      *n_problems = (guint) count;
      return TRUE;
    }
  return FALSE;
}

static void
save_summary (ShenbaoFiling *self)
{
  ShenbaoPolicyResult *result = shenbao_filing_get_result (self);
  g_autoptr(GPtrArray) problems = shenbao_filing_list_problems (self, FALSE);
  g_autofree char *state = shenbao_filing_summary_state (problems->len);

  /* The summary only feeds the start page; failing to write it loses nothing typed. The
   * totals are those of the claimed clauses. */
  shenbao_storage_set_application_summary (self->storage, self->id, state,
                                           result != NULL ? result->total_fen : 0,
                                           result != NULL ? result->total_up_to_fen : 0, NULL);
}

static void
changed (ShenbaoFiling *self)
{
  g_clear_pointer (&self->result, shenbao_policy_result_free);
  save_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Company facts belong to the company and are shared by all its applications; every other
 * field belongs to this application. */
static gboolean
is_company_fact (ShenbaoFiling *self,
                 ShenbaoField  *field)
{
  return shenbao_policy_set_find_fact (self->policies, shenbao_field_get_id (field)) == field;
}

static gboolean
write_text (ShenbaoFiling  *self,
            ShenbaoField   *field,
            const char     *text,
            GError        **error)
{
  const char *key = shenbao_field_get_input_key (field);

  if (is_company_fact (self, field))
    return shenbao_storage_set_company_value (self->storage, self->company_id, key, text, error);
  return shenbao_storage_set_application_value (self->storage, self->id, key, text, error);
}

/* Edits a full or read-only disk refused are written as soon as a save succeeds again. */
static gboolean
write_unsaved (ShenbaoFiling  *self,
               GError        **error)
{
  GHashTableIter iter;
  gpointer key, field;

  g_hash_table_iter_init (&iter, self->unsaved);
  while (g_hash_table_iter_next (&iter, &key, &field))
    {
      if (!write_text (self, field, g_hash_table_lookup (self->texts, key), error))
        return FALSE;
      g_hash_table_iter_remove (&iter);
    }
  return TRUE;
}

gboolean
shenbao_filing_has_unsaved (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), FALSE);
  return g_hash_table_size (self->unsaved) > 0;
}

/* What is typed is kept even when the disk refuses it (the error says so), and written with
 * the next save that succeeds: nothing typed is lost. */
gboolean
shenbao_filing_set_text (ShenbaoFiling  *self,
                         ShenbaoField   *field,
                         const char     *text,
                         GError        **error)
{
  const char *key;
  const char *stored = NULL;
  gboolean saved;

  g_return_val_if_fail (SHENBAO_IS_FILING (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  key = shenbao_field_get_input_key (field);
  if (text != NULL && *text == '\0')
    text = NULL;
  stored = g_hash_table_lookup (self->texts, key);
  if (g_strcmp0 (stored, text) == 0)
    return TRUE;

  g_hash_table_remove (self->unsaved, key);
  saved = write_text (self, field, text, error) && write_unsaved (self, error);
  if (!saved)
    g_hash_table_replace (self->unsaved, g_strdup (key), field);

  if (text != NULL)
    g_hash_table_replace (self->texts, g_strdup (key), g_strdup (text));
  else
    g_hash_table_remove (self->texts, key);
  absorb_text (self, field, key, text);
  changed (self);
  return saved;
}

/* ------------------------------------------------------------------ materials checklist */

/* The checklist follows the policy and the claimed clauses; a failure to read it back is only
 * logged here, as the choice that caused the rebuild has been saved. */
static gboolean
rebuild_checklist (ShenbaoFiling  *self,
                   GError        **error)
{
  g_autoptr(GPtrArray) claimed = shenbao_filing_list_chosen (self);
  g_autoptr(GError) local_error = NULL;

  gboolean done;

  self->rebuilding = TRUE;
  done = shenbao_checklist_rebuild (self->checklist, shenbao_filing_get_policy (self), claimed,
                                    &local_error);
  self->rebuilding = FALSE;
  if (done)
    return TRUE;
  if (error == NULL)
    g_warning ("Reading the materials checklist: %s", local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A file attached, an item renamed or moved: the saved summary and the problems follow. */
static void
on_checklist_items_changed (ShenbaoFiling *self)
{
  if (!self->rebuilding)
    changed (self);
}

static void
watch_checklist (ShenbaoFiling *self)
{
  g_signal_connect_object (self->checklist, "items-changed",
                           G_CALLBACK (on_checklist_items_changed), self, G_CONNECT_SWAPPED);
}

/* key → text as typed, company facts and the application's own values alike (borrowed): what
 * an export writes. */
GHashTable *
shenbao_filing_get_texts (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return self->texts;
}

gboolean
shenbao_filing_get_as_of (ShenbaoFiling *self,
                          GDate         *as_of)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), FALSE);
  *as_of = self->as_of;
  return g_date_valid (as_of);
}

ShenbaoChecklist *
shenbao_filing_get_checklist (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return self->checklist;
}

ShenbaoPolicy *
shenbao_filing_get_policy (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return self->policy_id != NULL ? shenbao_policy_set_lookup (self->policies, self->policy_id) : NULL;
}

gboolean
shenbao_filing_set_policy (ShenbaoFiling  *self,
                           const char     *policy_id,
                           GError        **error)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), FALSE);

  if (g_strcmp0 (self->policy_id, policy_id) == 0)
    return TRUE;
  if (!shenbao_storage_set_application_policy (self->storage, self->id, policy_id, error))
    return FALSE;
  g_free (self->policy_id);
  self->policy_id = g_strdup (policy_id);
  rebuild_checklist (self, NULL);
  changed (self);
  return TRUE;
}

gboolean
shenbao_filing_get_clause_chosen (ShenbaoFiling *self,
                                  const char    *clause_id)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), FALSE);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->chosen, clause_id));
}

gboolean
shenbao_filing_set_clause_chosen (ShenbaoFiling  *self,
                                  const char     *clause_id,
                                  gboolean        chosen,
                                  GError        **error)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), FALSE);

  if (shenbao_filing_get_clause_chosen (self, clause_id) == chosen)
    return TRUE;
  if (!shenbao_storage_set_clause_chosen (self->storage, self->id, clause_id, chosen, error))
    return FALSE;
  g_hash_table_replace (self->chosen, g_strdup (clause_id), GINT_TO_POINTER (chosen));
  rebuild_checklist (self, NULL);
  changed (self);
  return TRUE;
}

/* The chosen clauses of the current policy, in the document's order (ShenbaoClause, not owned). */
GPtrArray *
shenbao_filing_list_chosen (ShenbaoFiling *self)
{
  GPtrArray *chosen = g_ptr_array_new ();
  ShenbaoPolicy *policy = shenbao_filing_get_policy (self);
  GPtrArray *clauses = policy != NULL ? shenbao_policy_get_clauses (policy) : NULL;

  for (guint i = 0; clauses != NULL && i < clauses->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (clauses, i);

      if (shenbao_filing_get_clause_chosen (self, shenbao_clause_get_full_id (clause)))
        g_ptr_array_add (chosen, clause);
    }
  return chosen;
}

/* Answers are kept with the application's other values, under a key no field can have. */
static char *
same_matter_storage_key (ShenbaoFiling *self,
                         const char    *clause_a,
                         const char    *clause_b)
{
  g_autofree char *pair = shenbao_same_matter_key (clause_a, clause_b);

  return g_strdup_printf ("same-matter:%s/%s", self->policy_id != NULL ? self->policy_id : "", pair);
}

ShenbaoSameMatter
shenbao_filing_get_same_matter (ShenbaoFiling *self,
                                const char    *clause_a,
                                const char    *clause_b)
{
  g_autofree char *key = NULL;
  ShenbaoSameMatter answer = SHENBAO_SAME_MATTER_UNANSWERED;

  g_return_val_if_fail (SHENBAO_IS_FILING (self), SHENBAO_SAME_MATTER_UNANSWERED);
  key = same_matter_storage_key (self, clause_a, clause_b);
  shenbao_same_matter_from_string (g_hash_table_lookup (self->texts, key), &answer);
  return answer;
}

gboolean
shenbao_filing_set_same_matter (ShenbaoFiling      *self,
                                const char         *clause_a,
                                const char         *clause_b,
                                ShenbaoSameMatter   answer,
                                GError            **error)
{
  g_autofree char *key = NULL;
  const char *text;

  g_return_val_if_fail (SHENBAO_IS_FILING (self), FALSE);

  if (shenbao_filing_get_same_matter (self, clause_a, clause_b) == answer)
    return TRUE;
  key = same_matter_storage_key (self, clause_a, clause_b);
  text = answer == SHENBAO_SAME_MATTER_UNANSWERED ? NULL : shenbao_same_matter_to_string (answer);
  if (!shenbao_storage_set_application_value (self->storage, self->id, key, text, error))
    return FALSE;
  if (text != NULL)
    g_hash_table_replace (self->texts, g_steal_pointer (&key), g_strdup (text));
  else
    g_hash_table_remove (self->texts, key);
  changed (self);
  return TRUE;
}

/* The clauses ticked on the checklist and the answers given about them. */
static ShenbaoClaim *
build_claim (ShenbaoFiling *self,
             ShenbaoPolicy *policy)
{
  ShenbaoClaim *claim = shenbao_claim_new ();
  g_autofree char *prefix = g_strdup_printf ("same-matter:%s/", shenbao_policy_get_id (policy));
  GPtrArray *clauses = shenbao_policy_get_clauses (policy);
  GHashTableIter iter;
  gpointer key, text;

  for (guint i = 0; i < clauses->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (clauses, i);

      if (shenbao_filing_get_clause_chosen (self, shenbao_clause_get_full_id (clause)))
        shenbao_claim_add_clause (claim, shenbao_clause_get_id (clause));
    }
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, &key, &text))
    {
      g_autofree char *a = NULL, *b = NULL;
      ShenbaoSameMatter answer;

      if (g_str_has_prefix (key, prefix) && shenbao_same_matter_from_string (text, &answer)
          && shenbao_same_matter_parse_key ((const char *) key + strlen (prefix), &a, &b))
        shenbao_claim_set_same_matter (claim, a, b, answer);
    }
  return claim;
}

const char *
shenbao_filing_get_page (ShenbaoFiling *self)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return self->page;
}

gboolean
shenbao_filing_set_page (ShenbaoFiling  *self,
                         const char     *page,
                         GError        **error)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), FALSE);

  if (g_strcmp0 (self->page, page) == 0)
    return TRUE;
  if (!shenbao_storage_set_application_page (self->storage, self->id, page, error))
    return FALSE;
  g_free (self->page);
  self->page = g_strdup (page);
  return TRUE;
}

void
shenbao_filing_set_as_of (ShenbaoFiling *self,
                          const GDate   *as_of)
{
  g_return_if_fail (SHENBAO_IS_FILING (self));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  self->as_of = *as_of;
  g_clear_pointer (&self->result, shenbao_policy_result_free);
}

/* The current policy computed with everything entered so far, with its explanation; owned by
 * the application and valid until the next change. */
ShenbaoPolicyResult *
shenbao_filing_get_result (ShenbaoFiling *self)
{
  ShenbaoPolicy *policy;

  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);

  policy = shenbao_filing_get_policy (self);
  if (policy == NULL)
    return NULL;
  if (self->result == NULL)
    {
      g_autoptr(ShenbaoClaim) claim = build_claim (self, policy);

      self->result = shenbao_engine_compute_claim (self->policies, policy, self->inputs, &self->as_of, claim,
                                                   SHENBAO_COMPUTE_EXPLAIN);
    }
  return self->result;
}

/* What the company could claim from another policy with the facts entered so far: amounts only,
 * for lists. The caller frees it. */
ShenbaoPolicyResult *
shenbao_filing_estimate (ShenbaoFiling *self,
                         ShenbaoPolicy *policy)
{
  g_return_val_if_fail (SHENBAO_IS_FILING (self), NULL);
  return shenbao_engine_compute_full (self->policies, policy, self->inputs, &self->as_of,
                                      SHENBAO_COMPUTE_AMOUNTS_ONLY);
}

/* ------------------------------------------------------------------ problems */

gboolean
shenbao_clause_page_shows_field (ShenbaoClause    *clause,
                                 ShenbaoPolicySet *policies,
                                 ShenbaoField     *field)
{
  ShenbaoPolicy *policy = shenbao_clause_get_policy (clause);
  GPtrArray *policy_fields_used = shenbao_clause_get_policy_fields_used (clause);
  GPtrArray *facts_used = shenbao_clause_get_facts_used (clause);

  if (g_ptr_array_find (shenbao_clause_get_fields (clause), field, NULL))
    return TRUE;
  for (guint i = 0; i < policy_fields_used->len; i++)
    if (shenbao_policy_find_field (policy, g_ptr_array_index (policy_fields_used, i)) == field)
      return TRUE;
  for (guint i = 0; i < facts_used->len; i++)
    if (shenbao_policy_set_find_fact (policies, g_ptr_array_index (facts_used, i)) == field)
      return TRUE;
  return FALSE;
}

/* The page where a field can be edited: the clause's own page where it shows there, the
 * profile for company facts, else the first claimed clause page that shows a policy-level field,
 * else the checklist, which lists every policy-level field. */
char *
shenbao_filing_field_page (ShenbaoFiling *self,
                           ShenbaoField  *field,
                           const char    *clause_id)
{
  ShenbaoPolicy *policy = shenbao_filing_get_policy (self);
  ShenbaoClause *clause = policy != NULL && clause_id != NULL ? shenbao_policy_find_clause (policy, clause_id) : NULL;
  g_autoptr(GPtrArray) chosen = NULL;

  if (clause != NULL && shenbao_clause_page_shows_field (clause, self->policies, field))
    return g_strconcat (SHENBAO_PAGE_CLAUSE_PREFIX, shenbao_clause_get_full_id (clause), NULL);
  if (is_company_fact (self, field))
    return g_strdup (SHENBAO_PAGE_COMPANY);
  chosen = shenbao_filing_list_chosen (self);
  for (guint i = 0; i < chosen->len; i++)
    {
      ShenbaoClause *other = g_ptr_array_index (chosen, i);

      if (shenbao_clause_page_shows_field (other, self->policies, field))
        return g_strconcat (SHENBAO_PAGE_CLAUSE_PREFIX, shenbao_clause_get_full_id (other), NULL);
    }
  return g_strdup (SHENBAO_PAGE_CLAUSES);
}

static gboolean
has_problem (GPtrArray          *problems,
             ShenbaoProblemKind  kind,
             const char         *key)
{
  for (guint i = 0; i < problems->len; i++)
    {
      ShenbaoProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == kind && g_strcmp0 (problem->key, key) == 0)
        return TRUE;
    }
  return FALSE;
}

static ShenbaoProblem *
add_problem (GPtrArray          *problems,
             ShenbaoProblemKind  kind,
             const char         *page,
             const char         *clause_id,
             char               *message)
{
  ShenbaoProblem *problem = g_new0 (ShenbaoProblem, 1);

  problem->kind = kind;
  problem->page = g_strdup (page);
  problem->clause_id = g_strdup (clause_id);
  problem->message = message;
  g_ptr_array_add (problems, problem);
  return problem;
}

/* One problem per field, however many clauses need it: the first clause that does leads there. */
static void
add_field_problem (ShenbaoFiling *self,
                   GPtrArray     *problems,
                   ShenbaoField  *field,
                   const char    *clause_id,
                   char          *message)
{
  g_autofree char *page = NULL;
  ShenbaoProblem *problem;

  if (has_problem (problems, SHENBAO_PROBLEM_FIELD, shenbao_field_get_input_key (field)))
    {
      g_free (message);
      return;
    }
  page = shenbao_filing_field_page (self, field, clause_id);
  problem = add_problem (problems, SHENBAO_PROBLEM_FIELD, page, clause_id, message);
  problem->key = g_strdup (shenbao_field_get_input_key (field));
  problem->field = field;
}

static void
add_invalid_fields (ShenbaoFiling *self,
                    GPtrArray     *problems,
                    GPtrArray     *fields,
                    const char    *clause_id)
{
  for (guint i = 0; i < fields->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (fields, i);
      const char *error = g_hash_table_lookup (self->errors, shenbao_field_get_input_key (field));

      if (error != NULL)
        add_field_problem (self, problems, field, clause_id, g_strdup (error));
    }
}

static char *
still_needed (ShenbaoField *field,
              gboolean      chinese)
{
  /* Translators: %s is the label of a field, e.g. "Company name: still needed" */
  return g_strdup_printf (_("%s: still needed"),
                          shenbao_text_get (shenbao_field_get_label (field), chinese));
}

/* The profile every application needs: name, credit code, registered region and address. */
static void
add_profile_problems (ShenbaoFiling *self,
                      GPtrArray     *problems,
                      gboolean       chinese)
{
  GPtrArray *facts = shenbao_policy_set_get_facts (self->policies);

  add_invalid_fields (self, problems, facts, NULL);
  for (guint i = 0; i < facts->len; i++)
    {
      ShenbaoField *fact = g_ptr_array_index (facts, i);

      if (shenbao_field_is_required (fact)
          && !g_hash_table_contains (self->texts, shenbao_field_get_input_key (fact)))
        add_field_problem (self, problems, fact, NULL, still_needed (fact, chinese));
    }
}

static void
add_unmet (GPtrArray           *problems,
           ShenbaoClause       *clause,
           ShenbaoClauseResult *clause_result,
           gboolean             chinese)
{
  const char *full_id = shenbao_clause_get_full_id (clause);
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autofree char *page = g_strconcat (SHENBAO_PAGE_CLAUSE_PREFIX, full_id, NULL);

  for (guint i = 0; i < clause_result->unmet->len; i++)
    g_string_append_printf (reasons, "%s%s", i > 0 ? (chinese ? "；" : "; ") : "",
                            shenbao_text_get (g_ptr_array_index (clause_result->unmet, i), chinese));
  add_problem (problems, SHENBAO_PROBLEM_NOT_APPLICABLE, page, full_id,
               /* Translators: clause id, then the conditions not met */
               g_strdup_printf (_("Clause %s does not apply: %s"), shenbao_clause_get_id (clause), reasons->str));
}

static void
add_clause_problems (ShenbaoFiling       *self,
                     GPtrArray           *problems,
                     ShenbaoClause       *clause,
                     ShenbaoPolicyResult *result,
                     gboolean             chinese)
{
  const char *id = shenbao_clause_get_id (clause);
  const char *full_id = shenbao_clause_get_full_id (clause);
  GPtrArray *policy_fields_used = shenbao_clause_get_policy_fields_used (clause);
  ShenbaoClauseResult *clause_result = shenbao_policy_result_find (result, id);
  g_autoptr(GPtrArray) policy_fields = g_ptr_array_new ();

  add_invalid_fields (self, problems, shenbao_clause_get_fields (clause), full_id);
  for (guint i = 0; i < policy_fields_used->len; i++)
    g_ptr_array_add (policy_fields, shenbao_policy_find_field (shenbao_clause_get_policy (clause),
                                                               g_ptr_array_index (policy_fields_used, i)));
  add_invalid_fields (self, problems, policy_fields, full_id);

  if (clause_result->applies == SHENBAO_APPLIES_NO)
    add_unmet (problems, clause, clause_result, chinese);
  for (guint i = 0; i < clause_result->missing->len; i++)
    {
      ShenbaoField *field = g_ptr_array_index (clause_result->missing, i);

      /* An invalid value is reported as invalid, not as still needed. */
      if (g_hash_table_contains (self->errors, shenbao_field_get_input_key (field)))
        continue;
      add_field_problem (self, problems, field, full_id,
                         /* Translators: a field's label, then a clause id */
                         g_strdup_printf (_("%s: still needed for clause %s"),
                                          shenbao_text_get (shenbao_field_get_label (field), chinese), id));
    }
  if (clause_result->error != NULL)
    {
      g_autofree char *page = g_strconcat (SHENBAO_PAGE_CLAUSE_PREFIX, full_id, NULL);
      add_problem (problems, SHENBAO_PROBLEM_COMPUTATION, page, full_id,
                   g_strdup_printf (_("Clause %s cannot be computed exactly: %s"), id,
                                    clause_result->error->message));
    }
}

static void
add_same_matter_problems (GPtrArray           *problems,
                          ShenbaoPolicyResult *result,
                          gboolean             chinese)
{
  for (guint i = 0; i < result->questions->len; i++)
    {
      ShenbaoSameMatterQuestion *question = g_ptr_array_index (result->questions, i);
      const char *a = shenbao_clause_get_id (question->a->clause);
      const char *b = shenbao_clause_get_id (question->b->clause);
      ShenbaoProblem *problem;

      if (question->certain || question->answer != SHENBAO_SAME_MATTER_UNANSWERED)
        continue;
      problem = add_problem (problems, SHENBAO_PROBLEM_SAME_MATTER, SHENBAO_PAGE_REVIEW, NULL,
                             /* Translators: two clause ids, then the policy's rule */
                             g_strdup_printf (_("Do clauses %s and %s concern the same matter? %s"),
                                              a, b, shenbao_text_get (shenbao_rule_get_text (question->rule), chinese)));
      problem->key = shenbao_same_matter_key (a, b);
    }
}

/* Each required item with nothing attached, and each attached file that changed or vanished
 * since, is one problem leading to its row on the materials page. */
static void
add_checklist_problems (ShenbaoFiling *self,
                        GPtrArray     *problems,
                        gboolean       chinese)
{
  GListModel *model = G_LIST_MODEL (self->checklist);

  /* A file found changed updates its row, but is not a change of the application: announcing
   * one here would recompute, and free, the result the caller is reading. */
  self->rebuilding = TRUE;
  shenbao_checklist_check_files (self->checklist);
  self->rebuilding = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShenbaoChecklistItem) item = g_list_model_get_item (model, i);
      const char *label = shenbao_checklist_item_get_label (item, chinese);
      ShenbaoProblem *problem;
      char *message;

      switch (shenbao_checklist_item_get_state (item))
        {
        case SHENBAO_ATTACHMENT_MISSING:
          if (!shenbao_checklist_item_get_required (item))
            continue;
          /* Translators: %s is the name of a document to attach */
          message = g_strdup_printf (_("Attachment not yet attached: %s"), label);
          break;
        case SHENBAO_ATTACHMENT_CHANGED:
          /* Translators: %s is the name of an attached document */
          message = g_strdup_printf (_("Attachment changed on disk since it was attached: %s"), label);
          break;
        case SHENBAO_ATTACHMENT_VANISHED:
          /* Translators: %s is the name of an attached document */
          message = g_strdup_printf (_("Attached file no longer found: %s"), label);
          break;
        case SHENBAO_ATTACHMENT_ATTACHED:
        default:
          continue;
        }
      problem = add_problem (problems, SHENBAO_PROBLEM_ATTACHMENT, SHENBAO_PAGE_MATERIALS,
                             shenbao_checklist_item_get_clause_id (item), message);
      problem->key = shenbao_checklist_item_problem_key (item, self->policy_id);
    }
}

/* Everything that stands between the application and "ready to file", in the order of the
 * wizard's pages; each names the page, and the field where there is one, that fixes it. */
GPtrArray *
shenbao_filing_list_problems (ShenbaoFiling *self,
                              gboolean       chinese)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_problem_free);
  ShenbaoPolicy *policy = shenbao_filing_get_policy (self);
  g_autoptr(GPtrArray) chosen = shenbao_filing_list_chosen (self);
  ShenbaoPolicyResult *result;

  g_return_val_if_fail (SHENBAO_IS_FILING (self), problems);

  add_profile_problems (self, problems, chinese);
  if (policy == NULL)
    {
      add_problem (problems, SHENBAO_PROBLEM_NO_POLICY, SHENBAO_PAGE_POLICIES, NULL,
                   g_strdup (_("No policy chosen yet")));
      return problems;
    }
  add_invalid_fields (self, problems, shenbao_policy_get_fields (policy), NULL);
  if (chosen->len == 0)
    {
      add_problem (problems, SHENBAO_PROBLEM_NOTHING_CLAIMED, SHENBAO_PAGE_CLAUSES, NULL,
                   g_strdup (_("No clause claimed yet")));
      return problems;
    }

  result = shenbao_filing_get_result (self);
  for (guint c = 0; c < chosen->len; c++)
    add_clause_problems (self, problems, g_ptr_array_index (chosen, c), result, chinese);
  add_same_matter_problems (problems, result, chinese);
  add_checklist_problems (self, problems, chinese);
  if (result->error != NULL)
    add_problem (problems, SHENBAO_PROBLEM_COMPUTATION, SHENBAO_PAGE_REVIEW, NULL,
                 g_strdup_printf (_("The total cannot be computed exactly: %s"), result->error->message));
  return problems;
}

/* Ready to file: the profile complete and valid, a policy, at least one claimed clause, every
 * claimed clause applying and complete with its required attachments, every question answered. */
gboolean
shenbao_filing_is_ready (ShenbaoFiling *self)
{
  g_autoptr(GPtrArray) problems = shenbao_filing_list_problems (self, FALSE);

  return problems->len == 0;
}
