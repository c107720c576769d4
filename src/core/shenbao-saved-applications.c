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
  ShenbaoApplicationSort    sort;
  ShenbaoApplicationFilter  filter;
  char                      today[16];
  guint                     n_items;
  GHashTable               *pages;       /* page number → GPtrArray of ShenbaoSavedApplication */
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
  g_clear_pointer (&self->pages, g_hash_table_unref);
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

  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  g_date_strftime (self->today, sizeof self->today, "%Y-%m-%d", &today);
}

static void
fill_query (ShenbaoSavedApplications *self,
            ShenbaoApplicationQuery  *query)
{
  query->search = self->search;
  query->policy_ids = self->policy_ids;
  query->hidden = self->hidden;
  query->sort = self->sort;
  query->filter = self->filter;
  query->today = self->today;
}

static GPtrArray *
read_page (ShenbaoSavedApplications *self,
           guint                     page)
{
  ShenbaoApplicationQuery query = { 0 };
  g_autoptr(GPtrArray) summaries = NULL;
  GPtrArray *items;

  fill_query (self, &query);
  g_clear_error (&self->error);
  summaries = shenbao_storage_query_applications (self->storage, &query, page * SHENBAO_SAVED_APPLICATIONS_PAGE,
                                                  SHENBAO_SAVED_APPLICATIONS_PAGE, &self->error);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages_read++;
  if (summaries == NULL)
    return items;
  /* The items take the summaries over. */
  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (items, shenbao_saved_application_new (g_ptr_array_index (summaries, i)));
  return items;
}

static GType
get_item_type (GListModel *model)
{
  return SHENBAO_TYPE_SAVED_APPLICATION;
}

static guint
get_n_items (GListModel *model)
{
  return SHENBAO_SAVED_APPLICATIONS (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ShenbaoSavedApplications *self = SHENBAO_SAVED_APPLICATIONS (model);
  guint page = position / SHENBAO_SAVED_APPLICATIONS_PAGE;
  guint index = position % SHENBAO_SAVED_APPLICATIONS_PAGE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = read_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
    }
  /* The database changed under the count (another Shenbao saved): no item rather than a wrong one. */
  return index < items->len ? g_object_ref (g_ptr_array_index (items, index)) : NULL;
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
                                ShenbaoPolicySet *policies)
{
  ShenbaoSavedApplications *self = g_object_new (SHENBAO_TYPE_SAVED_APPLICATIONS, NULL);

  g_return_val_if_fail (SHENBAO_IS_STORAGE (storage), NULL);
  self->storage = g_object_ref (storage);
  self->policies = policies != NULL ? g_object_ref (policies) : NULL;
  shenbao_saved_applications_reload (self);
  return self;
}

/* Counts again and forgets the pages read: the list view asks again for what it shows. */
void
shenbao_saved_applications_reload (ShenbaoSavedApplications *self)
{
  ShenbaoApplicationQuery query = { 0 };
  guint before;
  gint64 count;

  g_return_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self));

  before = self->n_items;
  fill_query (self, &query);
  g_clear_error (&self->error);
  count = shenbao_storage_count_applications (self->storage, &query, &self->error);
  g_hash_table_remove_all (self->pages);
  /* All removed, then all added, in two signals, the count true at each: told of one
   * replacement, a list view looks for its rows' old items among every new one, reading every
   * page. */
  self->n_items = 0;
  if (before > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before, 0);
  self->n_items = count > 0 ? (guint) MIN (count, G_MAXUINT) : 0;
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
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
      g_autofree char *zh = g_utf8_casefold (policy->title.zh != NULL ? policy->title.zh : "", -1);
      g_autofree char *en = g_utf8_casefold (policy->title.en != NULL ? policy->title.en : "", -1);

      if (strstr (zh, folded) != NULL || strstr (en, folded) != NULL)
        g_ptr_array_add (ids, g_strdup (policy->id));
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
                                     ShenbaoApplicationSort    sort)
{
  g_return_if_fail (SHENBAO_IS_SAVED_APPLICATIONS (self));
  if (self->sort == sort)
    return;
  self->sort = sort;
  shenbao_saved_applications_reload (self);
}

void
shenbao_saved_applications_set_filter (ShenbaoSavedApplications *self,
                                       ShenbaoApplicationFilter  filter)
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
