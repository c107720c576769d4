/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-package"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shenbao-filing-xml.h"
#include "shenbao-forms.h"
#include "shenbao-package.h"

#define BLOCK_SIZE (1 << 20)

/* One file in the zip: bytes made here, or a file of the user's copied with its recorded hash. */
typedef struct
{
  char   *name;
  GBytes *bytes;       /* or NULL: read from path */
  char   *path;
  char   *label;       /* the checklist item, for messages */
  gint64  size;
  char   *sha256;      /* as recorded when attached */
} Entry;

struct _ShenbaoPackage
{
  GObject    parent_instance;

  GPtrArray *entries;  /* Entry, in the order written; the manifest is added when writing */
  GBytes    *form;
  GBytes    *xml;
};

G_DEFINE_FINAL_TYPE (ShenbaoPackage, shenbao_package, G_TYPE_OBJECT)

G_DEFINE_QUARK (shenbao-package-error-quark, shenbao_package_error)

static void
entry_free (Entry *entry)
{
  g_free (entry->name);
  g_clear_pointer (&entry->bytes, g_bytes_unref);
  g_free (entry->path);
  g_free (entry->label);
  g_free (entry->sha256);
  g_free (entry);
}

static void
shenbao_package_finalize (GObject *object)
{
  ShenbaoPackage *self = (ShenbaoPackage *) object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->form, g_bytes_unref);
  g_clear_pointer (&self->xml, g_bytes_unref);
  G_OBJECT_CLASS (shenbao_package_parent_class)->finalize (object);
}

static void
shenbao_package_class_init (ShenbaoPackageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shenbao_package_finalize;
}

static void
shenbao_package_init (ShenbaoPackage *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
}

static void
add_bytes (ShenbaoPackage *self,
           const char     *name,
           GBytes         *bytes)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->name = g_strdup (name);
  entry->bytes = g_bytes_ref (bytes);
  entry->size = g_bytes_get_size (bytes);
  g_ptr_array_add (self->entries, entry);
}

/* ------------------------------------------------------------------ making */

static gboolean
check_problems (ShenbaoFiling  *application,
                gboolean        chinese,
                GError        **error)
{
  g_autoptr(GPtrArray) problems = shenbao_filing_list_problems (application, chinese);
  g_autoptr(GString) list = NULL;

  if (problems->len == 0)
    return TRUE;
  list = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (list, "\n• %s", ((ShenbaoProblem *) g_ptr_array_index (problems, i))->message);
  g_set_error (error, SHENBAO_PACKAGE_ERROR, SHENBAO_PACKAGE_ERROR_BLOCKED,
               g_dngettext (GETTEXT_PACKAGE, "The package cannot be made while %u problem remains:%s",
                            "The package cannot be made while %u problems remain:%s", problems->len),
               problems->len, list->str);
  return FALSE;
}

/* Everything but the writing, on the thread that owns the application. Blocking problems
 * refuse the package unless it is a draft, whose PDFs then say so on every page. */
ShenbaoPackage *
shenbao_package_new (ShenbaoFiling  *application,
                     gboolean        chinese,
                     gboolean        draft,
                     const GDate    *date,
                     GError        **error)
{
  g_autoptr(ShenbaoPackage) self = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(ShenbaoDocument) form = NULL;
  g_autoptr(ShenbaoDocument) commitment = NULL;
  g_autoptr(GBytes) commitment_pdf = NULL;
  g_autofree char *xml = NULL;
  gsize xml_length;

  g_return_val_if_fail (SHENBAO_IS_FILING (application), NULL);

  if (shenbao_filing_get_policy (application) == NULL)
    {
      g_set_error (error, SHENBAO_PACKAGE_ERROR, SHENBAO_PACKAGE_ERROR_BLOCKED,
                   _("The package cannot be made before a policy is chosen"));
      return NULL;
    }
  if (!draft && !check_problems (application, chinese, error))
    return NULL;

  self = g_object_new (SHENBAO_TYPE_PACKAGE, NULL);
  attachments = shenbao_forms_number_attachments (shenbao_filing_get_checklist (application));
  form = shenbao_forms_application (application, attachments, chinese, draft, date);
  self->form = shenbao_document_to_pdf (form, chinese ? "申报书" : "Application form", error);
  if (self->form == NULL)
    return NULL;
  commitment = shenbao_forms_commitment (application, chinese, draft, date);
  commitment_pdf = shenbao_document_to_pdf (commitment, chinese ? "信用承诺书" : "Credit commitment letter", error);
  if (commitment_pdf == NULL)
    return NULL;
  add_bytes (self, SHENBAO_PACKAGE_FORM_NAME, self->form);
  add_bytes (self, SHENBAO_PACKAGE_COMMITMENT_NAME, commitment_pdf);

  for (guint i = 0; i < attachments->len; i++)
    {
      ShenbaoNumberedAttachment *attachment = g_ptr_array_index (attachments, i);
      Entry *entry = g_new0 (Entry, 1);

      entry->name = g_strdup (attachment->entry_name);
      entry->path = g_strdup (shenbao_checklist_item_get_path (attachment->item));
      entry->label = g_strdup (shenbao_checklist_item_get_label (attachment->item, chinese));
      entry->size = shenbao_checklist_item_get_size (attachment->item);
      entry->sha256 = g_strdup (shenbao_checklist_item_get_sha256 (attachment->item));
      g_ptr_array_add (self->entries, entry);
    }

  xml = shenbao_filing_xml_write (application, attachments, &xml_length);
  self->xml = g_bytes_new_take (g_steal_pointer (&xml), xml_length);
  add_bytes (self, SHENBAO_PACKAGE_XML_NAME, self->xml);
  return g_steal_pointer (&self);
}

/* 申报材料-{company}-{policy}-{date}.zip, with what a file name cannot hold replaced. */
char *
shenbao_package_default_name (ShenbaoFiling *application,
                              const GDate   *date)
{
  const char *company = shenbao_filing_get_text (application, "company_name");
  ShenbaoPolicy *policy = shenbao_filing_get_policy (application);
  char when[16];
  g_autofree char *name = NULL;

  g_date_strftime (when, sizeof when, "%Y%m%d", date);
  name = g_strdup_printf ("申报材料-%s-%s-%s.zip", company != NULL && *company != '\0' ? company : "未命名",
                          policy != NULL ? shenbao_policy_get_title (policy)->zh : "", when);
  for (char *p = name; *p != '\0'; p++)
    if (strchr ("/\\:*?\"<>|", *p) != NULL)
      *p = '-';
  return g_steal_pointer (&name);
}

GBytes *
shenbao_package_get_form (ShenbaoPackage *self)
{
  g_return_val_if_fail (SHENBAO_IS_PACKAGE (self), NULL);
  return self->form;
}

GBytes *
shenbao_package_get_xml (ShenbaoPackage *self)
{
  g_return_val_if_fail (SHENBAO_IS_PACKAGE (self), NULL);
  return self->xml;
}

/* The bytes to be written, for progress. */
guint64
shenbao_package_get_size (ShenbaoPackage *self)
{
  guint64 total = 0;

  g_return_val_if_fail (SHENBAO_IS_PACKAGE (self), 0);
  for (guint i = 0; i < self->entries->len; i++)
    total += ((Entry *) g_ptr_array_index (self->entries, i))->size;
  return total;
}

/* ------------------------------------------------------------------ writing */

typedef struct
{
  struct archive         *archive;
  GString                *manifest;
  guint64                 done;
  guint64                 total;
  ShenbaoPackageProgress  progress;
  gpointer                progress_data;
  GCancellable           *cancellable;
} Writer;

static gboolean
archive_failed (Writer      *writer,
                const char  *name,
                GError     **error)
{
  g_set_error (error, SHENBAO_PACKAGE_ERROR, SHENBAO_PACKAGE_ERROR_WRITE,
               _("Writing “%s” into the package: %s"), name, archive_error_string (writer->archive));
  return FALSE;
}

/* Already-compressed formats are stored: deflating them again costs time and saves nothing. */
static gboolean
is_compressed (const char *name)
{
  static const char * const suffixes[] = { ".pdf", ".jpg", ".jpeg", ".png", ".zip", ".rar", ".7z",
                                           ".gz", ".ofd", ".docx", ".xlsx", ".heic", ".webp" };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
write_header (Writer      *writer,
              const char  *name,
              gint64       size,
              GError     **error)
{
  struct archive_entry *entry = archive_entry_new ();
  int status;

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_size (entry, size);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, g_get_real_time () / G_USEC_PER_SEC, 0);
  if (is_compressed (name))
    archive_write_zip_set_compression_store (writer->archive);
  else
    archive_write_zip_set_compression_deflate (writer->archive);
  status = archive_write_header (writer->archive, entry);
  archive_entry_free (entry);
  if (status != ARCHIVE_OK)
    return archive_failed (writer, name, error);
  return TRUE;
}

static gboolean
write_data (Writer      *writer,
            const char  *name,
            const void  *data,
            gsize        length,
            GError     **error)
{
  if (g_cancellable_set_error_if_cancelled (writer->cancellable, error))
    return FALSE;
  if (length > 0 && archive_write_data (writer->archive, data, length) != (la_ssize_t) length)
    return archive_failed (writer, name, error);
  writer->done += length;
  if (writer->progress != NULL)
    writer->progress (writer->done, writer->total, writer->progress_data);
  return TRUE;
}

static void
note_in_manifest (Writer     *writer,
                  const char *name,
                  gint64      size,
                  const char *sha256)
{
  g_string_append_printf (writer->manifest, "%s  %" G_GINT64_FORMAT "  %s\n", sha256, size, name);
}

static gboolean
write_bytes (Writer      *writer,
             const char  *name,
             GBytes      *bytes,
             GError     **error)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);

  if (!write_header (writer, name, length, error) || !write_data (writer, name, data, length, error))
    return FALSE;
  note_in_manifest (writer, name, length, sha256);
  return TRUE;
}

static gboolean
changed_error (const Entry  *entry,
               GError      **error)
{
  g_set_error (error, SHENBAO_PACKAGE_ERROR, SHENBAO_PACKAGE_ERROR_CHANGED,
               _("“%s” (%s) is not the file that was attached: it changed since. Attach it again."),
               entry->path, entry->label);
  return FALSE;
}

/* Copied block by block, hashed on the way: a file that is not the one attached (another size
 * or content) stops the package, which is then discarded. */
static gboolean
write_file (Writer       *writer,
            const Entry  *entry,
            GError      **error)
{
  g_autofree char *buffer = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  struct stat st;
  int fd;
  gboolean ok = TRUE;

  fd = g_open (entry->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHENBAO_PACKAGE_ERROR, SHENBAO_PACKAGE_ERROR_CHANGED,
                   _("“%s” (%s) cannot be read: %s"), entry->path, entry->label, g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size != entry->size)
    {
      close (fd);
      return changed_error (entry, error);
    }
  if (!write_header (writer, entry->name, entry->size, error))
    {
      close (fd);
      return FALSE;
    }
  buffer = g_malloc (BLOCK_SIZE);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  for (gint64 left = entry->size; ok && left > 0;)
    {
      gssize n = read (fd, buffer, MIN (left, BLOCK_SIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          ok = changed_error (entry, error);
          break;
        }
      g_checksum_update (checksum, (const guchar *) buffer, n);
      ok = write_data (writer, entry->name, buffer, n, error);
      left -= n;
    }
  close (fd);
  if (!ok)
    return FALSE;
  if (g_strcmp0 (g_checksum_get_string (checksum), entry->sha256) != 0)
    return changed_error (entry, error);
  note_in_manifest (writer, entry->name, entry->size, entry->sha256);
  return TRUE;
}

static gboolean
write_entries (ShenbaoPackage  *self,
               Writer          *writer,
               GError         **error)
{
  g_autoptr(GBytes) manifest = NULL;

  g_string_append (writer->manifest, "# Shenbao package manifest 1: SHA-256, size in bytes, path\n");
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (!(entry->bytes != NULL ? write_bytes (writer, entry->name, entry->bytes, error)
                                 : write_file (writer, entry, error)))
        return FALSE;
    }
  manifest = g_bytes_new (writer->manifest->str, writer->manifest->len);
  if (!write_header (writer, SHENBAO_PACKAGE_MANIFEST_NAME, g_bytes_get_size (manifest), error)
      || !write_data (writer, SHENBAO_PACKAGE_MANIFEST_NAME, g_bytes_get_data (manifest, NULL),
                      g_bytes_get_size (manifest), error))
    return FALSE;
  if (archive_write_close (writer->archive) != ARCHIVE_OK)
    return archive_failed (writer, SHENBAO_PACKAGE_MANIFEST_NAME, error);
  return TRUE;
}

static gboolean
write_to_fd (ShenbaoPackage          *self,
             int                      fd,
             ShenbaoPackageProgress   progress,
             gpointer                 progress_data,
             GCancellable            *cancellable,
             GError                 **error)
{
  g_autoptr(GString) manifest = g_string_new (NULL);
  Writer writer = { archive_write_new (), manifest, 0, shenbao_package_get_size (self), progress,
                    progress_data, cancellable };
  gboolean ok;

  /* UTF-8 names must be asked for before the archive is opened, or they are not flagged as such
   * and unzip shows them garbled. */
  if (archive_write_set_format_zip (writer.archive) != ARCHIVE_OK
      || archive_write_set_options (writer.archive, "zip:hdrcharset=UTF-8") != ARCHIVE_OK
      || archive_write_open_fd (writer.archive, fd) != ARCHIVE_OK)
    ok = archive_failed (&writer, "", error);
  else
    ok = write_entries (self, &writer, error);
  archive_write_free (writer.archive);
  return ok;
}

/* creating: the temporary file could not be made in the folder path; else path could not be
 * written. */
static gboolean
file_error (const char  *path,
            gboolean     creating,
            int          saved_errno,
            GError     **error)
{
  if (creating)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("A file cannot be created in “%s”: %s"), path, g_strerror (saved_errno));
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Writing “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Written to a temporary file beside the target, synced, then renamed over it: the target is
 * either the whole package or what it was before, never part of one. An existing file is only
 * replaced when replace is set (the user confirmed). */
gboolean
shenbao_package_write (ShenbaoPackage          *self,
                       const char              *path,
                       gboolean                 replace,
                       ShenbaoPackageProgress   progress,
                       gpointer                 user_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *temporary = NULL;
  int fd;

  g_return_val_if_fail (SHENBAO_IS_PACKAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” exists already"), path);
      return FALSE;
    }
  folder = g_path_get_dirname (path);
  temporary = g_build_filename (folder, ".shenbao-package-XXXXXX.part", NULL);
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    return file_error (folder, TRUE, errno, error);

  if (!write_to_fd (self, fd, progress, user_data, cancellable, error))
    {
      close (fd);
      g_unlink (temporary);
      return FALSE;
    }
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (temporary);
      return file_error (path, FALSE, saved_errno, error);
    }
  close (fd);
  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temporary);
      return file_error (path, FALSE, saved_errno, error);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ off the main thread */

typedef struct
{
  char                   *path;
  gboolean                replace;
  ShenbaoPackageProgress  progress;
  gpointer                progress_data;
  GMainContext           *context;
  guint64                 last_reported;
} AsyncWrite;

static void
async_write_free (AsyncWrite *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  ShenbaoPackageProgress progress;
  gpointer               data;
  guint64                done;
  guint64                total;
} ProgressReport;

static gboolean
report_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress (report->done, report->total, report->data);
  return G_SOURCE_REMOVE;
}

/* On the worker: passed to the caller's main context every 4 MiB, and at the end. */
static void
progress_to_main (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  AsyncWrite *data = user_data;
  ProgressReport *report;

  if (data->progress == NULL || (done - data->last_reported < (4 << 20) && done != total))
    return;
  data->last_reported = done;
  report = g_new (ProgressReport, 1);
  *report = (ProgressReport) { data->progress, data->progress_data, done, total };
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, report_progress, report, g_free);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AsyncWrite *data = task_data;
  GError *error = NULL;

  if (shenbao_package_write (source, data->path, data->replace, progress_to_main, data,
                             cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
shenbao_package_write_async (ShenbaoPackage         *self,
                             const char             *path,
                             gboolean                replace,
                             ShenbaoPackageProgress  progress,
                             gpointer                progress_data,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  AsyncWrite *data = g_new0 (AsyncWrite, 1);

  data->path = g_strdup (path);
  data->replace = replace;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, shenbao_package_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) async_write_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
shenbao_package_write_finish (ShenbaoPackage  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
