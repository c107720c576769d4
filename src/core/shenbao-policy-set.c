/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-policy-set"

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "shenbao-policy-index.h"
#include "shenbao-policy-loader.h"
#include "shenbao-policy-private.h"
#include "shenbao-policy-set.h"

G_DEFINE_QUARK (shenbao-policy-set-error-quark, shenbao_policy_set_error)

struct _ShenbaoPolicySet
{
  GObject     parent_instance;
  xmlRelaxNG *schema;       /* read when the first policy is read whole */
  char       *schema_path;
  xmlRelaxNG *facts_schema;
  GPtrArray  *facts;      /* ShenbaoField */
  GHashTable *policies;   /* id → ShenbaoPolicy: a header from the index, or the whole policy */
  GHashTable *loaded;     /* id → ShenbaoPolicy read whole, checked against the schema */
  GPtrArray  *problems;   /* char *: "file:line: message" */
  ShenbaoPolicyIndex *index;  /* NULL: every file is read whole at once */
  GHashTable *seen_files; /* paths met while loading, for pruning the index */
};

G_DEFINE_FINAL_TYPE (ShenbaoPolicySet, shenbao_policy_set, G_TYPE_OBJECT)

static void
shenbao_policy_set_finalize (GObject *object)
{
  ShenbaoPolicySet *self = (ShenbaoPolicySet *) object;

  g_clear_pointer (&self->schema, xmlRelaxNGFree);
  g_clear_pointer (&self->schema_path, g_free);
  g_clear_pointer (&self->facts_schema, xmlRelaxNGFree);
  g_clear_pointer (&self->facts, g_ptr_array_unref);
  g_clear_pointer (&self->policies, g_hash_table_unref);
  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->index, shenbao_policy_index_free);
  g_clear_pointer (&self->seen_files, g_hash_table_unref);
  G_OBJECT_CLASS (shenbao_policy_set_parent_class)->finalize (object);
}

static void
shenbao_policy_set_class_init (ShenbaoPolicySetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shenbao_policy_set_finalize;
}

static void
shenbao_policy_set_init (ShenbaoPolicySet *self)
{
  self->policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->seen_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

/* schema_dir holds policy.rng, facts.rng and facts.xml: the shipped policies directory. */
ShenbaoPolicySet *
shenbao_policy_set_new (const char *schema_dir,
                        GError    **error)
{
  g_autoptr(ShenbaoPolicySet) self = g_object_new (SHENBAO_TYPE_POLICY_SET, NULL);
  g_autofree char *facts_schema_path = g_build_filename (schema_dir, "facts.rng", NULL);
  g_autofree char *facts_path = g_build_filename (schema_dir, "facts.xml", NULL);

  /* A start that reads every policy from the index does not need the policy schema compiled:
   * that waits for the first policy read whole (about 4 M instructions before the first frame).
   * facts.rng includes policy.rng, so the file itself is still read below. */
  self->schema_path = g_build_filename (schema_dir, "policy.rng", NULL);
  if (!g_file_test (self->schema_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SHENBAO_POLICY_SET_ERROR, SHENBAO_POLICY_SET_ERROR_NOT_FOUND, "%s: cannot read the policy schema", self->schema_path);
      return NULL;
    }
  self->facts_schema = shenbao_policy_schema_load (facts_schema_path, error);
  if (self->facts_schema == NULL)
    return NULL;

  self->facts = shenbao_facts_loader_read (facts_path, self->facts_schema, self->problems);
  if (self->facts == NULL)
    {
      g_set_error (error, SHENBAO_POLICY_SET_ERROR, SHENBAO_POLICY_SET_ERROR_INVALID, "%s",
                   self->problems->len > 0 ? (char *) g_ptr_array_index (self->problems, 0) : facts_path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static const char *
shipped_policy_dir (void)
{
  const char *override = g_getenv ("SHENBAO_POLICY_DIR");

  if (override != NULL && *override != '\0')
    return override;
  /* Running from the build tree: read the policies being edited, not an older installed copy. */
  if (g_file_test (POLICIES_SOURCE_DIR "/policy.rng", G_FILE_TEST_EXISTS))
    return POLICIES_SOURCE_DIR;
  return PKGDATADIR "/policies";
}

/* What a policy was checked against: the schema, the facts and the program. A cache entry made
 * under another stamp is not believed. */
static char *
program_stamp (const char *schema_dir)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *files[] = { "policy.rng", "facts.xml", "facts.rng" };

  g_checksum_update (checksum, (const guchar *) PACKAGE_VERSION, -1);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (schema_dir, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_checksum_update (checksum, (const guchar *) contents, (gssize) length);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* The shipped policies, then the user's own in $XDG_DATA_HOME/shenbao/policies, which replace a
 * shipped policy with the same id. */
ShenbaoPolicySet *
shenbao_policy_set_new_default (GError **error)
{
  const char *shipped = shipped_policy_dir ();
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "shenbao", "policies", NULL);
  ShenbaoPolicySet *self = shenbao_policy_set_new (shipped, error);
  g_autofree char *index_path = NULL;
  g_autofree char *stamp = NULL;

  if (self == NULL)
    return NULL;
  index_path = g_build_filename (g_get_user_cache_dir (), "shenbao", "policy-index.db", NULL);
  stamp = program_stamp (shipped);
  self->index = shenbao_policy_index_load (index_path, stamp);
  shenbao_policy_set_load_directory (self, shipped);
  if (g_file_test (user_dir, G_FILE_TEST_IS_DIR))
    shenbao_policy_set_load_directory (self, user_dir);
  shenbao_policy_index_forget_missing (self->index, self->seen_files);
  /* The key file that versions before the database kept, read by nothing now: gone once the
   * database is written in its place. */
  if (shenbao_policy_index_is_dirty (self->index))
    {
      g_autofree char *legacy = g_build_filename (g_get_user_cache_dir (), "shenbao", "policy-index.ini", NULL);

      g_unlink (legacy);
    }
  /* The cache only saves time: failing to write it is no reason to stop. */
  shenbao_policy_index_save (self->index, NULL);
  return self;
}

ShenbaoPolicy *
shenbao_policy_set_read_file (ShenbaoPolicySet *self,
                              const char       *path,
                              GPtrArray        *problems)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), NULL);
  if (self->schema == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->schema = shenbao_policy_schema_load (self->schema_path, &error);
      if (self->schema == NULL)
        {
          g_ptr_array_add (problems, g_strdup (error->message));
          return NULL;
        }
    }
  return shenbao_policy_loader_read (path, self->schema, self->facts, problems);
}

/* A facts file checked against facts.rng and read as the set's facts are; NULL with the
 * problems appended when it has any. */
GPtrArray *
shenbao_policy_set_read_facts_file (ShenbaoPolicySet *self,
                                    const char       *path,
                                    GPtrArray        *problems)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), NULL);
  return shenbao_facts_loader_read (path, self->facts_schema, problems);
}

/* Policies read from now on are checked against these facts (validate with an edited
 * facts.xml); takes the array. */
void
shenbao_policy_set_replace_facts (ShenbaoPolicySet *self,
                                  GPtrArray        *facts)
{
  g_return_if_fail (SHENBAO_IS_POLICY_SET (self));
  g_return_if_fail (facts != NULL);
  g_clear_pointer (&self->facts, g_ptr_array_unref);
  self->facts = facts;
}

gboolean
shenbao_policy_set_is_facts_file (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return shenbao_policy_loader_is_facts_file (path);
}

/* g_ptr_array_sort passes pointers to the elements, not the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static ShenbaoPolicy *
read_whole (ShenbaoPolicySet *self,
            const char       *path)
{
  ShenbaoPolicy *policy = shenbao_policy_set_read_file (self, path, self->problems);

  if (policy != NULL)
    policy->n_clauses = policy->clauses->len;
  return policy;
}

/* A file the index knows as it is now is not read: its header stands for it until the policy
 * is needed. A new or changed file is read whole and checked, and the index learns it. */
static ShenbaoPolicy *
index_or_read (ShenbaoPolicySet *self,
               const char       *path)
{
  g_autoptr(GError) error = NULL;
  ShenbaoFileStamp stamp;
  ShenbaoPolicy *policy = NULL;
  guint before = self->problems->len;

  if (self->index == NULL)
    return read_whole (self, path);
  if (!shenbao_policy_index_stat (path, &stamp, &error))
    {
      g_ptr_array_add (self->problems, g_strdup (error->message));
      return NULL;
    }
  g_hash_table_add (self->seen_files, g_strdup (path));
  if (shenbao_policy_index_lookup (self->index, path, &stamp, &policy, self->problems))
    return policy;

  policy = read_whole (self, path);
  if (policy != NULL)
    shenbao_policy_index_store_policy (self->index, path, &stamp, policy);
  else if (self->problems->len > before)
    shenbao_policy_index_store_problems (self->index, path, &stamp, self->problems, before);
  return policy;
}

/* A broken file is reported and skipped; every other policy still loads. Files are read in the
 * order of their names, so what loads never depends on the order the directory lists them in.
 * Two files of one directory with the same policy id are an error naming both: the first by name
 * is kept, since silently letting either win would hide a copy the user forgot about. */
void
shenbao_policy_set_load_directory (ShenbaoPolicySet *self,
                                   const char       *directory)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  g_return_if_fail (SHENBAO_IS_POLICY_SET (self));

  dir = g_dir_open (directory, 0, &error);
  if (dir == NULL)
    {
      g_ptr_array_add (self->problems, g_strdup_printf ("%s: %s", directory, error->message));
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") && !g_str_equal (name, "facts.xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);
      ShenbaoPolicy *policy = index_or_read (self, path);
      const char *first_path;

      if (policy == NULL)
        continue;
      first_path = g_hash_table_lookup (seen, policy->id);
      if (first_path != NULL)
        {
          g_ptr_array_add (self->problems,
                           g_strdup_printf ("%s: policy id “%s” is already used by %s; this file is ignored",
                                            path, policy->id, first_path));
          g_object_unref (policy);
          continue;
        }
      g_hash_table_insert (seen, g_strdup (policy->id), g_strdup (path));
      /* A user's file replaces a shipped one of the same id, whole or not yet read. */
      g_hash_table_remove (self->loaded, policy->id);
      if (!policy->header_only)
        g_hash_table_replace (self->loaded, g_strdup (policy->id), g_object_ref (policy));
      g_hash_table_replace (self->policies, g_strdup (policy->id), policy);
    }
}

static int
compare_policies (gconstpointer a,
                  gconstpointer b)
{
  ShenbaoPolicy *pa = *(ShenbaoPolicy **) a;
  ShenbaoPolicy *pb = *(ShenbaoPolicy **) b;

  return g_strcmp0 (pa->id, pb->id);
}

static GPtrArray *
sorted_values (GHashTable *table)
{
  GPtrArray *policies = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (policies, value);
  g_ptr_array_sort (policies, compare_policies);
  return policies;
}

/* Every policy, read whole: for validating and for tests. Sorted by id; the caller owns the
 * array, not the policies. A list of titles wants shenbao_policy_set_list_headers (). */
GPtrArray *
shenbao_policy_set_get_policies (ShenbaoPolicySet *self)
{
  g_autoptr(GPtrArray) headers = NULL;
  GPtrArray *policies = g_ptr_array_new ();

  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), NULL);

  headers = sorted_values (self->policies);
  for (guint i = 0; i < headers->len; i++)
    {
      ShenbaoPolicy *policy = shenbao_policy_set_lookup (self, ((ShenbaoPolicy *) g_ptr_array_index (headers, i))->id);

      if (policy != NULL)
        g_ptr_array_add (policies, policy);
    }
  return policies;
}

/* Every policy by its header (id, titles, issuer, status, dates, areas, n_clauses), without
 * reading any file: some may be whole policies, none should be computed with. Sorted by id;
 * valid as long as the set. */
GPtrArray *
shenbao_policy_set_list_headers (ShenbaoPolicySet *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), NULL);
  return sorted_values (self->policies);
}

ShenbaoPolicy *
shenbao_policy_set_lookup_header (ShenbaoPolicySet *self,
                                  const char       *policy_id)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), NULL);
  return policy_id != NULL ? g_hash_table_lookup (self->policies, policy_id) : NULL;
}

/* The whole policy, read and checked against the schema the first time it is needed; NULL
 * when there is none, or when its file no longer reads (the problems say why). */
ShenbaoPolicy *
shenbao_policy_set_lookup (ShenbaoPolicySet *self,
                           const char       *policy_id)
{
  ShenbaoPolicy *header, *policy;

  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), NULL);

  if (policy_id == NULL)
    return NULL;
  if ((policy = g_hash_table_lookup (self->loaded, policy_id)) != NULL)
    return policy;
  header = g_hash_table_lookup (self->policies, policy_id);
  if (header == NULL)
    return NULL;

  policy = read_whole (self, header->path);
  if (policy == NULL)
    return NULL;
  if (!g_str_equal (policy->id, policy_id))
    {
      g_ptr_array_add (self->problems, g_strdup_printf ("%s: the file now holds policy “%s”, not “%s”",
                                                        header->path, policy->id, policy_id));
      g_object_unref (policy);
      return NULL;
    }
  g_hash_table_replace (self->loaded, g_strdup (policy_id), policy);
  return policy;
}

GPtrArray *
shenbao_policy_set_get_facts (ShenbaoPolicySet *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), NULL);
  return self->facts;
}

ShenbaoField *
shenbao_policy_set_find_fact (ShenbaoPolicySet *self,
                              const char       *fact_id)
{
  for (guint i = 0; i < self->facts->len; i++)
    {
      ShenbaoField *fact = g_ptr_array_index (self->facts, i);

      if (g_strcmp0 (fact->id, fact_id) == 0)
        return fact;
    }
  return NULL;
}

GPtrArray *
shenbao_policy_set_get_problems (ShenbaoPolicySet *self)
{
  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), NULL);
  return self->problems;
}

static gboolean
resolve_in_policy (ShenbaoPolicy *policy,
                   const char    *name,
                   char         **key,
                   ShenbaoField **field)
{
  const char *slash = strrchr (name, '/');

  if (slash == NULL)
    {
      ShenbaoClause *owner = NULL;

      *field = shenbao_policy_find_field (policy, name);
      if (*field != NULL)
        {
          *key = g_strdup ((*field)->input_key);
          return TRUE;
        }
      /* A bare field name is enough when exactly one clause has a field of that name. */
      for (guint i = 0; i < policy->clauses->len; i++)
        {
          ShenbaoClause *clause = g_ptr_array_index (policy->clauses, i);

          if (shenbao_clause_find_field (clause, name) == NULL)
            continue;
          if (owner != NULL)
            return FALSE;
          owner = clause;
        }
      if (owner == NULL)
        return FALSE;
      *field = shenbao_clause_find_field (owner, name);
      *key = g_strdup ((*field)->input_key);
      return TRUE;
    }
  else
    {
      g_autofree char *clause_id = g_strndup (name, slash - name);
      ShenbaoClause *clause = shenbao_policy_find_clause (policy, clause_id);

      if (clause == NULL)
        return FALSE;
      *field = shenbao_clause_find_field (clause, slash + 1);
      if (*field != NULL)
        *key = g_strdup ((*field)->input_key);
      return *field != NULL;
    }
}

/* Names as a user writes them: a company fact ("revenue"), a policy-level field
 * ("pool_factor"), a field name that only one clause has, or CLAUSE/FIELD, either short ("1a/months_in_year", with a policy given) or
 * with the policy id in front ("shangyu-2025/1a/months_in_year"). */
gboolean
shenbao_policy_set_resolve_name (ShenbaoPolicySet *self,
                                 ShenbaoPolicy    *policy,
                                 const char       *name,
                                 char            **key,
                                 ShenbaoField    **field,
                                 GError          **error)
{
  ShenbaoField *fact;
  const char *slash;

  g_return_val_if_fail (SHENBAO_IS_POLICY_SET (self), FALSE);

  *key = NULL;
  *field = NULL;

  fact = shenbao_policy_set_find_fact (self, name);
  if (fact != NULL)
    {
      *key = g_strdup (name);
      *field = fact;
      return TRUE;
    }

  if (policy != NULL && resolve_in_policy (policy, name, key, field))
    return TRUE;

  slash = strchr (name, '/');
  if (slash != NULL)
    {
      g_autofree char *policy_id = g_strndup (name, slash - name);
      ShenbaoPolicy *named = shenbao_policy_set_lookup (self, policy_id);

      if (named != NULL && resolve_in_policy (named, slash + 1, key, field))
        return TRUE;
    }

  g_set_error (error, SHENBAO_POLICY_SET_ERROR, SHENBAO_POLICY_SET_ERROR_UNKNOWN_NAME,
               "unknown name “%s”: not a company fact nor a CLAUSE/FIELD of %s", name,
               policy != NULL ? policy->id : "any policy");
  return FALSE;
}
