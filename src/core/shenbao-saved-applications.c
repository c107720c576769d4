/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-saved-applications"

#include "config.h"

#include <string.h>

#include "shenbao-saved-applications.h"

struct _ShenbaoSavedApplications
{
  GObject                   parent_instance;

  ShenbaoStorage           *storage;
  ShenbaoPolicySet         *policies;
  char                     *search;
  GPtrArray                *policy_ids;  /* policies whose titles hold the search */
  GHashTable               *hidden;      /* gint64 → itself; not owned */
  ShenbaoFilingSort    sort;
  ShenbaoFilingFilter  filter;
  char                      today[16];
  GArray                   *stamps;      /* ShenbaoFilingStamp: the rows, in order */
  GHashTable               *items;       /* gint64 id → ShenbaoSavedApplication read so far */
  guint                     pages_read;
  GError                   *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShenbaoSavedApplications, shenbao_saved_applications, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
shenbao_saved_applications_finalize (GObject *object)
{
  ShenbaoSavedApplications *self = (ShenbaoSavedApplications *) object;

  g_clear_object (&self->storage);
  g_clear_object (&self->policies);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->policy_ids, g_ptr_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->stamps, g_array_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (shenbao_saved_applications_parent_class)->finalize (object);
}

static void
shenbao_saved_applications_class_init (ShenbaoSavedApplicationsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shenbao_saved_applications_finalize;
}

static void
shenbao_saved_applications_init (ShenbaoSavedApplications *self)
{
  GDate today;

  self->stamps = g_array_new (FALSE, FALSE, sizeof (ShenbaoFilingStamp));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  g_date_strftime (self->today, sizeof self->today, "%Y-%m-%d", &today);
}

static void
fill_query (ShenbaoSavedApplications *self,
            ShenbaoFilingQuery  *query)
{
  query->search = self->search;
  query->policy_ids = self->policy_ids;
  query->hidden = self->hidden;
  query->sort = self->sort;
  query->filter = self->filter;
  query->today = self->today;
}

/* The rows of one page that were not read yet, in one query. */
static void
read_page (ShenbaoSavedApplications *self,
           guint                     page)
{
  guint first = page * SHENBAO_SAVED_APPLICATIONS_PAGE;
  guint last = MIN (first + SHENBAO_SAVED_APPLICATIONS_PAGE, self->stamps->len);
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) summaries = NULL;

  for (guint i = first; i < last; i++)
    {
      gint64 id = g_array_index (self->stamps, ShenbaoFilingStamp, i).id;

      if (!g_hash_table_contains (self->items, &id))
        g_array_append_val (wanted, id);
    }
  g_clear_error (&self->error);
  summaries = shenbao_storage_load_applications (self->storage, (const gint64 *) wanted->data, wanted->len,
                                                 &self->error);
  self->pages_read++;
  if (summaries == NULL)
    return;
  /* The items take the summaries over; each is keyed by the id inside it. */
  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    {
      ShenbaoFilingSummary *summary = g_ptr_array_index (summaries, i);

      g_hash_table_replace (self->items, &summary->id, shenbao_saved_application_new (summary));
    }
}

static GType
get_item_type (GListModel *model)
{
  return SHENBAO_TYPE_SAVED_APPLICATION;
}

static guint
get_n_items (GListModel *model)
{
  return SHENBAO_SAVED_APPLICATIONS (model)->stamps->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ShenbaoSavedApplications *self = SHENBAO_SAVED_APPLICATIONS (model);
  ShenbaoSavedApplication *item;
  gint64 id;

  if (position >= self->stamps->len)
    return NULL;
  id = g_array_index (self->stamps, ShenbaoFilingStamp, position).id;
  if ((item = g_hash_table_lookup (self->items, &id)) == NULL)
    {
      read_page (self, position / SHENBAO_SAVED_APPLICATIONS_PAGE);
      item = g_hash_table_lookup (self->items, &id);
    }
  /* Deleted by another Shenbao since it was counted: no item rather than a wrong one. */
  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

ShenbaoSavedApplications *
shenbao_saved_applications_new (ShenbaoStorage   *storage,
                                ShenbaoPolicySet *policies,
                                GHashTable       *hidden)
{
  ShenbaoSavedApplications *self = g_object_new (SHENBAO_TYPE_SAVED_APPLICATIONS, NULL);

  g_return_val_if_fail (SHENBAO_IS_STORAGE (storage), NULL);
  self->storage = g_object_ref (storage);
  self->policies = policies != NULL ? g_object_ref (policies) : NULL;
  self->hidden = hidden != NULL ? g_hash_table_ref (hidden) : NULL;
  shenbao_saved_applications_reload (self);
  return self;
}

static gboolean
same_stamp (GArray *a,
            guint   i,
            GArray *b,
            guint   j)
{
  return g_array_index (a, ShenbaoFilingStamp, i).id == g_array_index (b, ShenbaoFilingStamp, j).id;
}

static void
forget (ShenbaoSavedApplications *self,
        gint64                    id)
{
  g_hash_table_remove (self->items, &id);
}

/* Reads the list's ids again and tells the view only what changed: one row deleted or undone is
 * one row removed or added, the others keep their widgets. A row whose application changed
 * since it was read is read again. */
void
shenbao_saved_applications_reload (ShenbaoSavedApplications *self)
{
  ShenbaoFilingQuery query = { 0 };
  g_autoptr(GArray) old = NULL;
  GArray *fresh;
  guint prefix = 0, suffix = 0;

  g_return_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self));

  fill_query (self, &query);
  g_clear_error (&self->error);
  fresh = shenbao_storage_query_application_ids (self->storage, &query, &self->error);
  if (fresh == NULL)
    fresh = g_array_new (FALSE, FALSE, sizeof (ShenbaoFilingStamp));

  while (prefix < self->stamps->len && prefix < fresh->len && same_stamp (self->stamps, prefix, fresh, prefix))
    prefix++;
  while (suffix < self->stamps->len - prefix && suffix < fresh->len - prefix
         && same_stamp (self->stamps, self->stamps->len - 1 - suffix, fresh, fresh->len - 1 - suffix))
    suffix++;

  old = self->stamps;
  self->stamps = fresh;
  for (guint i = prefix; i < old->len - suffix; i++)
    forget (self, g_array_index (old, ShenbaoFilingStamp, i).id);
  if (old->len - prefix - suffix > 0 || fresh->len - prefix - suffix > 0)
    {
      guint removed = old->len - prefix - suffix;
      guint added = fresh->len - prefix - suffix;

      /* A whole new order (another sort, a search) is told as all removed, then all added:
       * told of one big replacement, a list view looks for its rows' old items among the new
       * ones, reading every page. */
      if (removed > SHENBAO_SAVED_APPLICATIONS_PAGE && added > SHENBAO_SAVED_APPLICATIONS_PAGE)
        {
          g_autoptr(GArray) kept = self->stamps;

          g_hash_table_remove_all (self->items);
          self->stamps = g_array_new (FALSE, FALSE, sizeof (ShenbaoFilingStamp));
          g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, 0);
          self->stamps = g_steal_pointer (&kept);
          g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->stamps->len);
          return;
        }
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }

  /* Rows kept in place whose application was saved since: read again. */
  for (guint i = 0; i < prefix + suffix; i++)
    {
      guint position = i < prefix ? i : fresh->len - (prefix + suffix - i);
      guint old_position = i < prefix ? i : old->len - (prefix + suffix - i);
      const ShenbaoFilingStamp *now = &g_array_index (fresh, ShenbaoFilingStamp, position);

      if (now->updated != g_array_index (old, ShenbaoFilingStamp, old_position).updated)
        {
          forget (self, now->id);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
    }
}

/* Policy titles live in the policy files, not the database: the ids of those whose titles hold
 * the search go into the query. */
static GPtrArray *
policies_titled (ShenbaoPolicySet *policies,
                 const char       *search)
{
  g_autoptr(GPtrArray) headers = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = NULL;

  if (policies == NULL || search == NULL || *search == '\0')
    return ids;
  folded = g_utf8_casefold (search, -1);
  headers = shenbao_policy_set_list_headers (policies);
  for (guint i = 0; i < headers->len; i++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (headers, i);
      const ShenbaoText *title = shenbao_policy_get_title (policy);
      g_autofree char *zh = g_utf8_casefold (title->zh != NULL ? title->zh : "", -1);
      g_autofree char *en = g_utf8_casefold (title->en != NULL ? title->en : "", -1);

      if (strstr (zh, folded) != NULL || strstr (en, folded) != NULL)
        g_ptr_array_add (ids, g_strdup (shenbao_policy_get_id (policy)));
    }
  return ids;
}

void
shenbao_saved_applications_set_search (ShenbaoSavedApplications *self,
                                       const char               *search)
{
  g_autofree char *stripped = g_strstrip (g_strdup (search != NULL ? search : ""));

  g_return_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self));
  if (g_strcmp0 (self->search, stripped) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  g_clear_pointer (&self->policy_ids, g_ptr_array_unref);
  self->policy_ids = policies_titled (self->policies, self->search);
  shenbao_saved_applications_reload (self);
}

void
shenbao_saved_applications_set_sort (ShenbaoSavedApplications *self,
                                     ShenbaoFilingSort    sort)
{
  g_return_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self));
  if (self->sort == sort)
    return;
  self->sort = sort;
  shenbao_saved_applications_reload (self);
}

void
shenbao_saved_applications_set_filter (ShenbaoSavedApplications *self,
                                       ShenbaoFilingFilter  filter)
{
  g_return_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self));
  if (self->filter == filter)
    return;
  self->filter = filter;
  shenbao_saved_applications_reload (self);
}

/* The ids of applications deleted but still undoable; the table is shared, not copied. */
void
shenbao_saved_applications_set_hidden (ShenbaoSavedApplications *self,
                                       GHashTable               *hidden)
{
  g_return_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self));
  if (hidden != self->hidden)
    {
      g_clear_pointer (&self->hidden, g_hash_table_unref);
      self->hidden = hidden != NULL ? g_hash_table_ref (hidden) : NULL;
    }
  shenbao_saved_applications_reload (self);
}

void
shenbao_saved_applications_set_today (ShenbaoSavedApplications *self,
                                      const GDate              *today)
{
  g_return_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self));
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_date_strftime (self->today, sizeof self->today, "%Y-%m-%d", today);
  shenbao_saved_applications_reload (self);
}

/* How many pages were read from the database: a list that shows 20 rows of 2,500 reads one. */
guint
shenbao_saved_applications_get_pages_read (ShenbaoSavedApplications *self)
{
  g_return_val_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self), 0);
  return self->pages_read;
}

const GError *
shenbao_saved_applications_get_error (ShenbaoSavedApplications *self)
{
  g_return_val_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self), NULL);
  return self->error;
}
