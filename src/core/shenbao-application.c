/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shenbao-application.h"

struct _ShenbaoApplication
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
  ShenbaoInputs       *inputs;
  GDate                as_of;
  ShenbaoPolicyResult *result;    /* cached until the next change */
};

G_DEFINE_FINAL_TYPE (ShenbaoApplication, shenbao_application, G_TYPE_OBJECT)

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
  g_free (problem->message);
  g_free (problem);
}

static void
shenbao_application_finalize (GObject *object)
{
  ShenbaoApplication *self = (ShenbaoApplication *) object;

  g_clear_object (&self->storage);
  g_clear_object (&self->policies);
  g_clear_pointer (&self->policy_id, g_free);
  g_clear_pointer (&self->page, g_free);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_object (&self->inputs);
  g_clear_pointer (&self->result, shenbao_policy_result_free);

  G_OBJECT_CLASS (shenbao_application_parent_class)->finalize (object);
}

static void
shenbao_application_class_init (ShenbaoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shenbao_application_finalize;

  /* Emitted after any input, choice or policy changed and was saved. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shenbao_application_init (ShenbaoApplication *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->inputs = shenbao_inputs_new ();
  g_date_clear (&self->as_of, 1);
  g_date_set_time_t (&self->as_of, time (NULL));
}

static ShenbaoField *
field_for_key (ShenbaoApplication *self,
               const char         *key)
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
absorb_text (ShenbaoApplication *self,
             ShenbaoField       *field,
             const char         *key,
             const char         *text)
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
absorb_all (ShenbaoApplication *self,
            GHashTable         *values)
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

static ShenbaoApplication *
application_new (ShenbaoStorage   *storage,
                 ShenbaoPolicySet *policies)
{
  ShenbaoApplication *self = g_object_new (SHENBAO_TYPE_APPLICATION, NULL);

  self->storage = g_object_ref (storage);
  self->policies = g_object_ref (policies);
  return self;
}

ShenbaoApplication *
shenbao_application_create (ShenbaoStorage   *storage,
                            ShenbaoPolicySet *policies,
                            gint64            company_id,
                            GError          **error)
{
  g_autoptr(ShenbaoApplication) self = NULL;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (storage), NULL);
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (policies), NULL);

  if (company_id == 0 && (company_id = shenbao_storage_create_company (storage, error)) == 0)
    return NULL;
  self = application_new (storage, policies);
  self->company_id = company_id;
  self->id = shenbao_storage_create_application (storage, company_id, NULL, error);
  if (self->id == 0)
    return NULL;

  /* A company's profile is entered once and reused by each of its applications. */
  {
    g_autoptr(GHashTable) company = shenbao_storage_load_company_values (storage, company_id, error);

    if (company == NULL)
      return NULL;
    absorb_all (self, company);
  }
  return g_steal_pointer (&self);
}

ShenbaoApplication *
shenbao_application_load (ShenbaoStorage   *storage,
                          ShenbaoPolicySet *policies,
                          gint64            application_id,
                          GError          **error)
{
  g_autoptr(ShenbaoApplication) self = NULL;
  g_autoptr(ShenbaoApplicationSummary) summary = NULL;
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
  return g_steal_pointer (&self);
}

gint64
shenbao_application_get_id (ShenbaoApplication *self)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), 0);
  return self->id;
}

gint64
shenbao_application_get_company_id (ShenbaoApplication *self)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), 0);
  return self->company_id;
}

ShenbaoPolicySet *
shenbao_application_get_policies (ShenbaoApplication *self)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), NULL);
  return self->policies;
}

ShenbaoInputs *
shenbao_application_get_inputs (ShenbaoApplication *self)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), NULL);
  return self->inputs;
}

const char *
shenbao_application_get_text (ShenbaoApplication *self,
                              const char         *key)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), NULL);
  return g_hash_table_lookup (self->texts, key);
}

const char *
shenbao_application_get_error (ShenbaoApplication *self,
                               const char         *key)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), NULL);
  return g_hash_table_lookup (self->errors, key);
}

static void
save_summary (ShenbaoApplication *self)
{
  ShenbaoPolicyResult *result = shenbao_application_get_result (self);
  g_autoptr(GPtrArray) problems = shenbao_application_list_problems (self, FALSE);
  const char *state = problems->len == 0 && self->policy_id != NULL ? "ready" : "draft";

  /* The summary only feeds the start page; failing to write it loses nothing typed. */
  shenbao_storage_set_application_summary (self->storage, self->id, state,
                                           result != NULL ? result->total_fen : 0,
                                           result != NULL ? result->total_up_to_fen : 0, NULL);
}

static void
changed (ShenbaoApplication *self)
{
  g_clear_pointer (&self->result, shenbao_policy_result_free);
  save_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Company facts belong to the company and are shared by all its applications; every other
 * field belongs to this application. */
static gboolean
is_company_fact (ShenbaoApplication *self,
                 ShenbaoField       *field)
{
  return shenbao_policy_set_find_fact (self->policies, field->id) == field;
}

gboolean
shenbao_application_set_text (ShenbaoApplication *self,
                              ShenbaoField       *field,
                              const char         *text,
                              GError            **error)
{
  const char *key;
  const char *stored = NULL;
  gboolean saved;

  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  key = field->input_key;
  if (text != NULL && *text == '\0')
    text = NULL;
  stored = g_hash_table_lookup (self->texts, key);
  if (g_strcmp0 (stored, text) == 0)
    return TRUE;

  if (is_company_fact (self, field))
    saved = shenbao_storage_set_company_value (self->storage, self->company_id, key, text, error);
  else
    saved = shenbao_storage_set_application_value (self->storage, self->id, key, text, error);
  if (!saved)
    return FALSE;

  if (text != NULL)
    g_hash_table_replace (self->texts, g_strdup (key), g_strdup (text));
  else
    g_hash_table_remove (self->texts, key);
  absorb_text (self, field, key, text);
  changed (self);
  return TRUE;
}

ShenbaoPolicy *
shenbao_application_get_policy (ShenbaoApplication *self)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), NULL);
  return self->policy_id != NULL ? shenbao_policy_set_lookup (self->policies, self->policy_id) : NULL;
}

gboolean
shenbao_application_set_policy (ShenbaoApplication *self,
                                const char         *policy_id,
                                GError            **error)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), FALSE);

  if (g_strcmp0 (self->policy_id, policy_id) == 0)
    return TRUE;
  if (!shenbao_storage_set_application_policy (self->storage, self->id, policy_id, error))
    return FALSE;
  g_free (self->policy_id);
  self->policy_id = g_strdup (policy_id);
  changed (self);
  return TRUE;
}

gboolean
shenbao_application_get_clause_chosen (ShenbaoApplication *self,
                                       const char         *clause_id)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), FALSE);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->chosen, clause_id));
}

gboolean
shenbao_application_set_clause_chosen (ShenbaoApplication *self,
                                       const char         *clause_id,
                                       gboolean            chosen,
                                       GError            **error)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), FALSE);

  if (shenbao_application_get_clause_chosen (self, clause_id) == chosen)
    return TRUE;
  if (!shenbao_storage_set_clause_chosen (self->storage, self->id, clause_id, chosen, error))
    return FALSE;
  g_hash_table_replace (self->chosen, g_strdup (clause_id), GINT_TO_POINTER (chosen));
  changed (self);
  return TRUE;
}

/* The chosen clauses of the current policy, in the document's order (ShenbaoClause, not owned). */
GPtrArray *
shenbao_application_list_chosen (ShenbaoApplication *self)
{
  GPtrArray *clauses = g_ptr_array_new ();
  ShenbaoPolicy *policy = shenbao_application_get_policy (self);

  for (guint i = 0; policy != NULL && i < policy->clauses->len; i++)
    {
      ShenbaoClause *clause = g_ptr_array_index (policy->clauses, i);

      if (shenbao_application_get_clause_chosen (self, clause->full_id))
        g_ptr_array_add (clauses, clause);
    }
  return clauses;
}

const char *
shenbao_application_get_page (ShenbaoApplication *self)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), NULL);
  return self->page;
}

gboolean
shenbao_application_set_page (ShenbaoApplication *self,
                              const char         *page,
                              GError            **error)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), FALSE);

  if (g_strcmp0 (self->page, page) == 0)
    return TRUE;
  if (!shenbao_storage_set_application_page (self->storage, self->id, page, error))
    return FALSE;
  g_free (self->page);
  self->page = g_strdup (page);
  return TRUE;
}

void
shenbao_application_set_as_of (ShenbaoApplication *self,
                               const GDate        *as_of)
{
  g_return_if_fail (SHENBAO_IS_APPLICATION (self));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  self->as_of = *as_of;
  g_clear_pointer (&self->result, shenbao_policy_result_free);
}

/* The current policy computed with everything entered so far, with its explanation; owned by
 * the application and valid until the next change. */
ShenbaoPolicyResult *
shenbao_application_get_result (ShenbaoApplication *self)
{
  ShenbaoPolicy *policy;

  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), NULL);

  policy = shenbao_application_get_policy (self);
  if (policy == NULL)
    return NULL;
  if (self->result == NULL)
    self->result = shenbao_engine_compute (self->policies, policy, self->inputs, &self->as_of);
  return self->result;
}

/* What the company could claim from another policy with the facts entered so far: amounts only,
 * for lists. The caller frees it. */
ShenbaoPolicyResult *
shenbao_application_estimate (ShenbaoApplication *self,
                              ShenbaoPolicy      *policy)
{
  g_return_val_if_fail (SHENBAO_IS_APPLICATION (self), NULL);
  return shenbao_engine_compute_full (self->policies, policy, self->inputs, &self->as_of,
                                      SHENBAO_COMPUTE_AMOUNTS_ONLY);
}

static void
add_problem (GPtrArray    *problems,
             ShenbaoField *field,
             const char   *clause_id,
             char         *message)
{
  ShenbaoProblem *problem = g_new0 (ShenbaoProblem, 1);

  problem->key = g_strdup (field->input_key);
  problem->field = field;
  problem->clause_id = g_strdup (clause_id);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* Every input that does not parse, and every required input a chosen clause still lacks, in
 * the order of the wizard's pages; each names the field it concerns so the list can jump there. */
GPtrArray *
shenbao_application_list_problems (ShenbaoApplication *self,
                                   gboolean            chinese)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_problem_free);
  GPtrArray *facts = shenbao_policy_set_get_facts (self->policies);
  g_autoptr(GPtrArray) chosen = shenbao_application_list_chosen (self);
  ShenbaoPolicyResult *result = chosen->len > 0 ? shenbao_application_get_result (self) : NULL;

  for (guint i = 0; i < facts->len; i++)
    {
      ShenbaoField *fact = g_ptr_array_index (facts, i);
      const char *error = g_hash_table_lookup (self->errors, fact->input_key);

      if (error != NULL)
        add_problem (problems, fact, NULL, g_strdup (error));
    }

  for (guint c = 0; c < chosen->len; c++)
    {
      ShenbaoClause *clause = g_ptr_array_index (chosen, c);
      ShenbaoClauseResult *clause_result = shenbao_policy_result_find (result, clause->id);

      for (guint i = 0; i < clause->fields->len; i++)
        {
          ShenbaoField *field = g_ptr_array_index (clause->fields, i);
          const char *error = g_hash_table_lookup (self->errors, field->input_key);

          if (error != NULL)
            add_problem (problems, field, clause->full_id, g_strdup (error));
        }
      for (guint i = 0; clause_result != NULL && i < clause_result->missing->len; i++)
        {
          ShenbaoField *field = g_ptr_array_index (clause_result->missing, i);

          if (g_hash_table_contains (self->errors, field->input_key))
            continue;
          add_problem (problems, field, clause->full_id,
                       g_strdup_printf (_("%s: required for clause %s"),
                                        shenbao_text_get (&field->label, chinese), clause->id));
        }
    }
  return problems;
}
