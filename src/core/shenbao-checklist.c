/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-checklist"
#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shenbao-checklist.h"

struct _ShenbaoChecklist
{
  GObject         parent_instance;

  ShenbaoStorage *storage;
  gint64          application_id;
  GPtrArray      *items;    /* ShenbaoChecklistItem, in order */
};

static void shenbao_checklist_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShenbaoChecklist, shenbao_checklist, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      shenbao_checklist_list_model_init))

G_DEFINE_QUARK (shenbao-checklist-error-quark, shenbao_checklist_error)

static GType
shenbao_checklist_get_item_type (GListModel *model)
{
  return SHENBAO_TYPE_CHECKLIST_ITEM;
}

static guint
shenbao_checklist_get_n_items (GListModel *model)
{
  return SHENBAO_CHECKLIST (model)->items->len;
}

static gpointer
shenbao_checklist_get_item (GListModel *model,
                            guint       position)
{
  ShenbaoChecklist *self = SHENBAO_CHECKLIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
shenbao_checklist_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = shenbao_checklist_get_item_type;
  iface->get_n_items = shenbao_checklist_get_n_items;
  iface->get_item = shenbao_checklist_get_item;
}

static void
shenbao_checklist_dispose (GObject *object)
{
  ShenbaoChecklist *self = (ShenbaoChecklist *) object;

  g_clear_object (&self->storage);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (shenbao_checklist_parent_class)->dispose (object);
}

static void
shenbao_checklist_class_init (ShenbaoChecklistClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shenbao_checklist_dispose;
}

static void
shenbao_checklist_init (ShenbaoChecklist *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

ShenbaoChecklist *
shenbao_checklist_new (ShenbaoStorage *storage,
                       gint64          application_id)
{
  ShenbaoChecklist *self;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (storage), NULL);

  self = g_object_new (SHENBAO_TYPE_CHECKLIST, NULL);
  self->storage = g_object_ref (storage);
  self->application_id = application_id;
  return self;
}

/* ------------------------------------------------------------------ files */

/* "/Type /Page" (and "/Type/Page") but not "/Type /Pages": the page objects of a PDF, counted
 * where they start before limit. A count from the bytes is good enough to show; a PDF that hides
 * its pages in object streams gives 0, shown as "pages unknown". */
static int
count_pdf_pages (const char *data,
                 gsize       length,
                 gsize       limit)
{
  const char *end = data + length;
  int pages = 0;

  for (const char *p = data; p < data + limit && (p = memmem (p, end - p, "/Type", 5)) != NULL
       && p < data + limit; p += 5)
    {
      const char *q = p + 5;

      while (q < end && (*q == ' ' || *q == '\r' || *q == '\n'))
        q++;
      if (end - q >= 6 && memcmp (q, "/Page", 5) == 0 && !g_ascii_isalnum (q[5]))
        pages++;
    }
  return pages;
}

#define DIGEST_BLOCK (1 << 20)
#define DIGEST_OVERLAP 16

char *
shenbao_file_digest (const char  *path,
                     gint64      *size,
                     int         *pages,
                     GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  /* The last bytes of the previous block come first, so a marker split across two reads is
   * still counted, once. */
  g_autofree char *buffer = g_malloc (DIGEST_OVERLAP + DIGEST_BLOCK);
  char *block = buffer + DIGEST_OVERLAP;
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gboolean is_pdf = g_str_has_suffix (lower, ".pdf");
  gsize carried = 0;
  struct stat st;
  gint64 total = 0;
  int page_count = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, SHENBAO_CHECKLIST_ERROR, SHENBAO_CHECKLIST_ERROR_NOT_A_FILE,
                   _("“%s” cannot be attached: %s"), path,
                   fd >= 0 ? _("it is not a regular file") : g_strerror (saved_errno));
      return NULL;
    }

  for (;;)
    {
      gssize n = read (fd, block, DIGEST_BLOCK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Reading “%s”: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, (const guchar *) block, n);
      total += n;
      if (is_pdf)
        {
          char *window = block - carried;
          gsize length = carried + n;
          gsize keep = MIN (length, DIGEST_OVERLAP);

          page_count += count_pdf_pages (window, length, length - keep);
          memmove (buffer + DIGEST_OVERLAP - keep, window + length - keep, keep);
          carried = keep;
        }
    }
  close (fd);
  if (is_pdf)
    page_count += count_pdf_pages (block - carried, carried, carried);

  if (size != NULL)
    *size = total;
  if (pages != NULL)
    *pages = is_pdf ? page_count
             : (g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg")
                || g_str_has_suffix (lower, ".png")) ? 1 : 0;
  return g_strdup (g_checksum_get_string (checksum));
}

/* ------------------------------------------------------------------ building */

static ShenbaoAttachmentRecord *
take_record (GHashTable *records,
             const char *item_id)
{
  gpointer record = NULL;

  g_hash_table_steal_extended (records, item_id, NULL, &record);
  return record;
}

static void
add_default (GPtrArray         *items,
             GHashTable        *records,
             GArray            *positions,
             const char        *item_id,
             const char        *clause_id,
             ShenbaoAttachment *attachment)
{
  g_autoptr(ShenbaoAttachmentRecord) record = take_record (records, item_id);
  ShenbaoChecklistItem *item;
  int position = items->len;

  if (record != NULL && record->removed)
    return;
  item = shenbao_checklist_item_new (item_id, clause_id, shenbao_attachment_get_label (attachment),
                                     shenbao_attachment_is_required (attachment));
  if (record != NULL)
    {
      shenbao_checklist_item_apply_record (item, record);
      position = record->position;
    }
  g_ptr_array_add (items, item);
  g_array_append_val (positions, position);
}

typedef struct
{
  ShenbaoChecklistItem *item;
  int                   position;
  guint                 index;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Defaults in the policy's order unless the user moved them; items of clauses no longer claimed
 * drop out (their saved state stays for when the clause is claimed again). */
gboolean
shenbao_checklist_rebuild (ShenbaoChecklist  *self,
                           ShenbaoPolicy     *policy,
                           GPtrArray         *claimed,
                           GError           **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GHashTable) records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) shenbao_attachment_record_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_attachment_record_free);
  GPtrArray *materials;
  guint old_length = self->items->len;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), FALSE);

  stored = self->application_id > 0
           ? shenbao_storage_load_attachments (self->storage, self->application_id, error)
           : g_ptr_array_new ();
  if (stored == NULL)
    return FALSE;
  /* The user's own items apart, the policy's by id: each default takes its record out. */
  g_ptr_array_set_free_func (stored, NULL);
  for (guint i = 0; i < stored->len; i++)
    {
      ShenbaoAttachmentRecord *record = g_ptr_array_index (stored, i);

      if (record->added_by_user)
        g_ptr_array_add (users, record);
      else
        g_hash_table_replace (records, record->item_id, record);
    }

  materials = policy != NULL ? shenbao_policy_get_materials (policy) : NULL;
  for (guint i = 0; materials != NULL && i < materials->len; i++)
    {
      ShenbaoAttachment *attachment = g_ptr_array_index (materials, i);
      add_default (items, records, positions, shenbao_attachment_get_id (attachment), NULL, attachment);
    }
  for (guint c = 0; claimed != NULL && c < claimed->len; c++)
    {
      ShenbaoClause *clause = g_ptr_array_index (claimed, c);
      GPtrArray *attachments = shenbao_clause_get_attachments (clause);

      for (guint i = 0; i < attachments->len; i++)
        {
          ShenbaoAttachment *attachment = g_ptr_array_index (attachments, i);
          g_autofree char *item_id = g_strdup_printf ("%s/%s", shenbao_clause_get_id (clause),
                                                      shenbao_attachment_get_id (attachment));

          add_default (items, records, positions, item_id, shenbao_clause_get_full_id (clause), attachment);
        }
    }
  for (guint i = 0; i < users->len; i++)
    {
      ShenbaoAttachmentRecord *record = g_ptr_array_index (users, i);
      ShenbaoChecklistItem *item;

      if (record->removed)
        continue;
      item = shenbao_checklist_item_new (record->item_id, NULL, NULL, record->required);
      shenbao_checklist_item_apply_record (item, record);
      g_ptr_array_add (items, item);
      g_array_append_val (positions, record->position);
    }

  for (guint i = 0; i < items->len; i++)
    {
      Placed entry = { g_ptr_array_index (items, i), g_array_index (positions, int, i), i };
      g_array_append_val (placed, entry);
    }
  g_array_sort (placed, compare_placed);

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < placed->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_array_index (placed, Placed, i).item));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_length, self->items->len);
  return TRUE;
}

/* ------------------------------------------------------------------ editing */

ShenbaoChecklistItem *
shenbao_checklist_lookup (ShenbaoChecklist *self,
                          const char       *item_id)
{
  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (shenbao_checklist_item_get_id (g_ptr_array_index (self->items, i)), item_id) == 0)
      return g_ptr_array_index (self->items, i);
  return NULL;
}

static ShenbaoChecklistItem *
find_item (ShenbaoChecklist  *self,
           const char        *item_id,
           guint             *index,
           GError           **error)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (shenbao_checklist_item_get_id (g_ptr_array_index (self->items, i)), item_id) == 0)
      {
        if (index != NULL)
          *index = i;
        return g_ptr_array_index (self->items, i);
      }
  g_set_error (error, SHENBAO_CHECKLIST_ERROR, SHENBAO_CHECKLIST_ERROR_NO_ITEM,
               _("The checklist has no item “%s”"), item_id);
  return NULL;
}

/* Positions are saved for the item in its place in the list. */
static gboolean
save_record (ShenbaoChecklist        *self,
             ShenbaoAttachmentRecord *record,
             GError                 **error)
{
  g_autoptr(ShenbaoAttachmentRecord) owned = record;

  if (self->application_id <= 0)
    return TRUE;
  return shenbao_storage_save_attachment (self->storage, self->application_id, owned, error);
}

static gboolean
save_item (ShenbaoChecklist      *self,
           ShenbaoChecklistItem  *item,
           guint                  index,
           GError               **error)
{
  return save_record (self, shenbao_checklist_item_to_record (item, index), error);
}

static void
item_changed (ShenbaoChecklist *self,
              guint             index)
{
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 1);
}

/* Saves an item's changed record, then shows it: what the list shows is what is saved. */
static gboolean
update_item (ShenbaoChecklist         *self,
             ShenbaoChecklistItem     *item,
             guint                     index,
             ShenbaoAttachmentRecord  *record,
             GError                  **error)
{
  if (!save_record (self, shenbao_attachment_record_copy (record), error))
    return FALSE;
  shenbao_checklist_item_apply_record (item, record);
  item_changed (self, index);
  return TRUE;
}

gboolean
shenbao_checklist_attach (ShenbaoChecklist  *self,
                          const char        *item_id,
                          const char        *path,
                          GError           **error)
{
  g_autoptr(ShenbaoAttachmentRecord) record = NULL;
  g_autofree char *absolute = NULL;
  ShenbaoChecklistItem *item;
  guint index;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((item = find_item (self, item_id, &index, error)) == NULL)
    return FALSE;
  absolute = g_canonicalize_filename (path, NULL);
  record = shenbao_checklist_item_to_record (item, index);
  g_free (record->sha256);
  record->sha256 = shenbao_file_digest (absolute, &record->size, &record->pages, error);
  if (record->sha256 == NULL)
    return FALSE;
  g_free (record->path);
  record->path = g_steal_pointer (&absolute);
  record->attached_at = g_get_real_time () / G_USEC_PER_SEC;
  return update_item (self, item, index, record, error);
}

gboolean
shenbao_checklist_detach (ShenbaoChecklist  *self,
                          const char        *item_id,
                          GError           **error)
{
  g_autoptr(ShenbaoAttachmentRecord) record = NULL;
  ShenbaoChecklistItem *item;
  guint index;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), FALSE);

  if ((item = find_item (self, item_id, &index, error)) == NULL)
    return FALSE;
  record = shenbao_checklist_item_to_record (item, index);
  g_clear_pointer (&record->path, g_free);
  g_clear_pointer (&record->sha256, g_free);
  record->size = 0;
  record->pages = 0;
  record->attached_at = 0;
  return update_item (self, item, index, record, error);
}

/* An empty or NULL label goes back to the policy's own. */
gboolean
shenbao_checklist_rename (ShenbaoChecklist  *self,
                          const char        *item_id,
                          const char        *label,
                          GError           **error)
{
  g_autoptr(ShenbaoAttachmentRecord) record = NULL;
  ShenbaoChecklistItem *item;
  guint index;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), FALSE);

  if ((item = find_item (self, item_id, &index, error)) == NULL)
    return FALSE;
  record = shenbao_checklist_item_to_record (item, index);
  g_free (record->label);
  record->label = label != NULL && *label != '\0' ? g_strstrip (g_strdup (label)) : NULL;
  return update_item (self, item, index, record, error);
}

/* Every item's place is saved, so the order survives whatever the policy's default order. */
static gboolean
save_positions (ShenbaoChecklist  *self,
                GError           **error)
{
  for (guint i = 0; i < self->items->len; i++)
    if (!save_item (self, g_ptr_array_index (self->items, i), i, error))
      return FALSE;
  return TRUE;
}

gboolean
shenbao_checklist_move (ShenbaoChecklist  *self,
                        const char        *item_id,
                        guint              position,
                        GError           **error)
{
  ShenbaoChecklistItem *item;
  guint index;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), FALSE);

  if ((item = find_item (self, item_id, &index, error)) == NULL)
    return FALSE;
  position = MIN (position, self->items->len - 1);
  if (position == index)
    return TRUE;
  g_object_ref (item);
  g_ptr_array_remove_index (self->items, index);
  g_ptr_array_insert (self->items, position, item);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (index, position),
                              ABS ((int) index - (int) position) + 1,
                              ABS ((int) index - (int) position) + 1);
  return save_positions (self, error);
}

/* The default items the user removed (ShenbaoAttachmentRecord), so that a package carries them
 * and a reopened application does not get them back. */
GPtrArray *
shenbao_checklist_list_removed (ShenbaoChecklist *self)
{
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *removed = g_ptr_array_new_with_free_func ((GDestroyNotify) shenbao_attachment_record_free);

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), removed);

  if (self->application_id <= 0
      || (records = shenbao_storage_load_attachments (self->storage, self->application_id, NULL)) == NULL)
    return removed;
  for (guint i = 0; i < records->len; i++)
    {
      ShenbaoAttachmentRecord *record = g_ptr_array_index (records, i);

      if (record->removed)
        g_ptr_array_add (removed, shenbao_attachment_record_copy (record));
    }
  return removed;
}

/* A default item is remembered as removed, so that it does not come back with the policy's
 * list; one the user added is forgotten. */
gboolean
shenbao_checklist_remove (ShenbaoChecklist  *self,
                          const char        *item_id,
                          GError           **error)
{
  g_autoptr(ShenbaoAttachmentRecord) record = NULL;
  ShenbaoChecklistItem *item;
  guint index;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), FALSE);

  if ((item = find_item (self, item_id, &index, error)) == NULL)
    return FALSE;
  if (shenbao_checklist_item_is_default (item))
    {
      record = shenbao_checklist_item_to_record (item, index);
      record->removed = TRUE;
      if (!save_record (self, g_steal_pointer (&record), error))
        return FALSE;
    }
  else if (self->application_id > 0
           && !shenbao_storage_delete_attachment (self->storage, self->application_id, item_id, error))
    return FALSE;
  g_ptr_array_remove_index (self->items, index);
  /* The items after it move up one place: their rows show their place, so they change too. */
  g_list_model_items_changed (G_LIST_MODEL (self), index, self->items->len - index + 1,
                              self->items->len - index);
  return TRUE;
}

/* Returns the new item's id (user_1, user_2, …); it goes at the end and is optional. */
char *
shenbao_checklist_add (ShenbaoChecklist  *self,
                       const char        *label,
                       GError           **error)
{
  g_autoptr(ShenbaoChecklistItem) item = NULL;
  g_autoptr(ShenbaoAttachmentRecord) record = NULL;
  g_autofree char *item_id = NULL;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), NULL);
  g_return_val_if_fail (label != NULL && *label != '\0', NULL);

  for (guint n = 1; item_id == NULL || shenbao_checklist_lookup (self, item_id) != NULL; n++)
    {
      g_free (item_id);
      item_id = g_strdup_printf ("user_%u", n);
    }
  item = shenbao_checklist_item_new (item_id, NULL, NULL, FALSE);
  record = shenbao_checklist_item_to_record (item, self->items->len);
  record->label = g_strdup (label);
  if (!save_record (self, shenbao_attachment_record_copy (record), error))
    return NULL;
  shenbao_checklist_item_apply_record (item, record);
  g_ptr_array_add (self->items, g_steal_pointer (&item));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  return g_steal_pointer (&item_id);
}

/* Looks at every attached file again: a file that is gone, or whose size or content (hashed
 * again only when it was modified since it was attached) differs, is flagged. Returns how many
 * items are flagged. */
guint
shenbao_checklist_check_files (ShenbaoChecklist *self)
{
  guint flagged = 0;

  g_return_val_if_fail (SHENBAO_IS_CHECKLIST (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      ShenbaoChecklistItem *item = g_ptr_array_index (self->items, i);
      const char *path = shenbao_checklist_item_get_path (item);
      ShenbaoAttachmentState state = SHENBAO_ATTACHMENT_ATTACHED;
      GStatBuf st;

      if (path == NULL)
        continue;
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        state = SHENBAO_ATTACHMENT_VANISHED;
      else if (st.st_size != shenbao_checklist_item_get_size (item))
        state = SHENBAO_ATTACHMENT_CHANGED;
      else if (st.st_mtime >= shenbao_checklist_item_get_attached_at (item))
        {
          g_autofree char *sha256 = shenbao_file_digest (path, NULL, NULL, NULL);

          if (g_strcmp0 (sha256, shenbao_checklist_item_get_sha256 (item)) != 0)
            state = SHENBAO_ATTACHMENT_CHANGED;
        }
      if (state != SHENBAO_ATTACHMENT_ATTACHED)
        flagged++;
      if (state != shenbao_checklist_item_get_state (item))
        {
          shenbao_checklist_item_set_state (item, state);
          item_changed (self, i);
        }
    }
  return flagged;
}
