/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-package-reader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shenbao-filing-xml.h"
#include "shenbao-package.h"
#include "shenbao-package-reader.h"

G_DEFINE_QUARK (shenbao-package-reader-error-quark, shenbao_package_reader_error)

#define ATTACHMENTS_PREFIX "附件/"
#define MAX_TEXT_SIZE (16 << 20)

/* What was found in the package for one entry. */
typedef struct
{
  gint64  size;
  char   *sha256;
  char   *extracted;  /* the file written for it, or NULL */
} Found;

static void
found_free (Found *found)
{
  g_free (found->sha256);
  g_free (found->extracted);
  g_free (found);
}

typedef struct
{
  GHashTable *found;        /* entry name → Found */
  GPtrArray  *order;        /* entry names, as met */
  GBytes     *xml;
  GBytes     *manifest;
  const char *extract_to;   /* folder for the attachments, or NULL */
  GString    *mismatches;
} Reading;

static void
reading_clear (Reading *reading)
{
  g_clear_pointer (&reading->found, g_hash_table_unref);
  g_clear_pointer (&reading->order, g_ptr_array_unref);
  g_clear_pointer (&reading->xml, g_bytes_unref);
  g_clear_pointer (&reading->manifest, g_bytes_unref);
  if (reading->mismatches != NULL)
    g_string_free (g_steal_pointer (&reading->mismatches), TRUE);
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SHENBAO_PACKAGE_READER_ERROR, code, message);
  return FALSE;
}

/* Names that would land outside the folder they are extracted to, on any system: absolute,
 * with a drive letter, with "..", or with a backslash that Windows reads as a separator. */
static gboolean
name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  if (name[0] == '/' || strchr (name, '\\') != NULL || strchr (name, ':') != NULL)
    return FALSE;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], "..") || g_str_equal (parts[i], ".")
        || (parts[i][0] == '\0' && parts[i + 1] != NULL))
      return FALSE;
  return TRUE;
}

static int
open_extracted (Reading     *reading,
                const char  *name,
                char       **path,
                GError     **error)
{
  int fd;

  *path = g_build_filename (reading->extract_to, name + strlen (ATTACHMENTS_PREFIX), NULL);
  fd = g_open (*path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      refuse (error, SHENBAO_PACKAGE_READER_ERROR_READ, _("Extracting “%s”: %s"), name,
              g_strerror (saved_errno));
    }
  return fd;
}

/* Reads one entry's data: hashed, counted against the limit (whatever its header claims),
 * kept in memory for application.xml and the manifest, written out for an attachment. */
static gboolean
read_entry_data (struct archive  *archive,
                 Reading         *reading,
                 const char      *name,
                 Found           *found,
                 GError         **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gboolean keep = g_str_equal (name, SHENBAO_PACKAGE_XML_NAME) || g_str_equal (name, SHENBAO_PACKAGE_MANIFEST_NAME);
  gboolean extract = reading->extract_to != NULL && g_str_has_prefix (name, ATTACHMENTS_PREFIX)
                     && strchr (name + strlen (ATTACHMENTS_PREFIX), '/') == NULL;
  g_autoptr(GByteArray) kept = keep ? g_byte_array_new () : NULL;
  g_autofree char *buffer = g_malloc (1 << 16);
  int fd = -1;
  la_ssize_t n;

  if (extract && (fd = open_extracted (reading, name, &found->extracted, error)) < 0)
    return FALSE;
  while ((n = archive_read_data (archive, buffer, 1 << 16)) > 0)
    {
      found->size += n;
      if (found->size > SHENBAO_PACKAGE_MAX_ENTRY_SIZE || (keep && found->size > MAX_TEXT_SIZE))
        {
          if (fd >= 0)
            close (fd);
          return refuse (error, SHENBAO_PACKAGE_READER_ERROR_UNSAFE,
                         _("The package entry “%s” is larger than Shenbao takes in"), name);
        }
      g_checksum_update (checksum, (const guchar *) buffer, n);
      if (kept != NULL)
        g_byte_array_append (kept, (const guint8 *) buffer, n);
      if (fd >= 0 && write (fd, buffer, n) != n)
        {
          int saved_errno = errno;
          close (fd);
          return refuse (error, SHENBAO_PACKAGE_READER_ERROR_READ, _("Extracting “%s”: %s"), name,
                         g_strerror (saved_errno));
        }
    }
  if (fd >= 0)
    close (fd);
  if (n < 0)
    return refuse (error, SHENBAO_PACKAGE_READER_ERROR_READ, _("Reading the package entry “%s”: %s"),
                   name, archive_error_string (archive));
  found->sha256 = g_strdup (g_checksum_get_string (checksum));
  if (g_str_equal (name, SHENBAO_PACKAGE_XML_NAME))
    reading->xml = g_byte_array_free_to_bytes (g_steal_pointer (&kept));
  else if (kept != NULL)
    reading->manifest = g_byte_array_free_to_bytes (g_steal_pointer (&kept));
  return TRUE;
}

static gboolean
check_entry (struct archive_entry  *entry,
             const char            *name,
             GError               **error)
{
  if (!name_is_safe (name))
    return refuse (error, SHENBAO_PACKAGE_READER_ERROR_UNSAFE,
                   _("The package entry “%s” points outside the package folder"), name != NULL ? name : "?");
  if (archive_entry_filetype (entry) == AE_IFDIR)
    return TRUE;
  if (archive_entry_filetype (entry) != AE_IFREG || archive_entry_symlink (entry) != NULL
      || archive_entry_hardlink (entry) != NULL)
    return refuse (error, SHENBAO_PACKAGE_READER_ERROR_UNSAFE,
                   _("The package entry “%s” is a link or a special file, not a document"), name);
  if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > SHENBAO_PACKAGE_MAX_ENTRY_SIZE)
    return refuse (error, SHENBAO_PACKAGE_READER_ERROR_UNSAFE,
                   _("The package entry “%s” is larger than Shenbao takes in"), name);
  return TRUE;
}

static gboolean read_entries_in_locale (const char *path, Reading *reading, GError **error);

/* libarchive converts entry names to the locale's character set; in the C locale (a test, a
 * script) Chinese names cannot be, and come back empty. This thread reads in UTF-8 whatever the
 * process's locale, which uselocale () changes for this thread only. */
static gboolean
read_entries (const char  *path,
              Reading     *reading,
              GError     **error)
{
  locale_t utf8 = newlocale (LC_CTYPE_MASK, "C.UTF-8", (locale_t) 0);
  locale_t previous = utf8 != (locale_t) 0 ? uselocale (utf8) : (locale_t) 0;
  gboolean ok = read_entries_in_locale (path, reading, error);

  if (utf8 != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (utf8);
    }
  return ok;
}

static gboolean
read_entries_in_locale (const char  *path,
                        Reading     *reading,
                        GError     **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gint64 total = 0;
  gboolean ok = TRUE;
  int status;

  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, path, 1 << 16) != ARCHIVE_OK)
    {
      refuse (error, SHENBAO_PACKAGE_READER_ERROR_READ, _("“%s” cannot be read as a zip: %s"), path,
              archive_error_string (archive));
      archive_read_free (archive);
      return FALSE;
    }
  /* A warning is libarchive failing to convert a name to a non-UTF-8 locale (the C locale of a
   * test, say): the UTF-8 name read below is still right. */
  while (ok && ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN))
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      Found *found;

      if (!(ok = check_entry (entry, name, error)) || archive_entry_filetype (entry) == AE_IFDIR)
        continue;
      if (g_hash_table_contains (reading->found, name) || reading->order->len >= SHENBAO_PACKAGE_MAX_ENTRIES)
        {
          ok = refuse (error, SHENBAO_PACKAGE_READER_ERROR_UNSAFE,
                       _("The package entry “%s” appears twice, or the package has too many entries"), name);
          break;
        }
      found = g_new0 (Found, 1);
      g_hash_table_insert (reading->found, g_strdup (name), found);
      g_ptr_array_add (reading->order, g_strdup (name));
      ok = read_entry_data (archive, reading, name, found, error);
      total += found->size;
      if (ok && total > SHENBAO_PACKAGE_MAX_TOTAL_SIZE)
        ok = refuse (error, SHENBAO_PACKAGE_READER_ERROR_UNSAFE,
                     _("The package is larger than Shenbao takes in (at “%s”)"), name);
    }
  if (ok && status != ARCHIVE_EOF)
    ok = refuse (error, SHENBAO_PACKAGE_READER_ERROR_READ, _("“%s” is damaged: %s"), path,
                 archive_error_string (archive));
  archive_read_free (archive);
  return ok;
}

static void
mismatch (Reading    *reading,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
mismatch (Reading    *reading,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  if (reading->mismatches->len > 0)
    g_string_append_c (reading->mismatches, '\n');
  g_string_append_vprintf (reading->mismatches, format, args);
  va_end (args);
}

/* Every line names a file that is there with that size and hash; every file but the manifest
 * is named once. */
static void
check_manifest (Reading *reading)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (reading->manifest == NULL)
    {
      mismatch (reading, _("%s: missing"), SHENBAO_PACKAGE_MANIFEST_NAME);
      return;
    }
  text = g_strndup (g_bytes_get_data (reading->manifest, NULL), g_bytes_get_size (reading->manifest));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      Found *found;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      parts = g_strsplit (lines[i], "  ", 3);
      if (g_strv_length (parts) != 3)
        {
          mismatch (reading, _("%s line %u: not “SHA-256  size  path”"), SHENBAO_PACKAGE_MANIFEST_NAME, i + 1);
          continue;
        }
      if (!g_hash_table_add (listed, g_strdup (parts[2])))
        mismatch (reading, _("%s: listed twice in the manifest"), parts[2]);
      found = g_hash_table_lookup (reading->found, parts[2]);
      if (found == NULL)
        mismatch (reading, _("%s: listed in the manifest but not in the package"), parts[2]);
      else if (g_ascii_strtoll (parts[1], NULL, 10) != found->size)
        {
          g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, found->size);
          mismatch (reading, _("%s: %s bytes, the manifest says %s"), parts[2], size, parts[1]);
        }
      else if (g_ascii_strcasecmp (parts[0], found->sha256) != 0)
        mismatch (reading, _("%s: its SHA-256 is not the one in the manifest"), parts[2]);
    }
  for (guint i = 0; i < reading->order->len; i++)
    {
      const char *name = g_ptr_array_index (reading->order, i);

      if (!g_str_equal (name, SHENBAO_PACKAGE_MANIFEST_NAME) && !g_hash_table_contains (listed, name))
        mismatch (reading, _("%s: in the package but not in the manifest"), name);
    }
}

/* What application.xml says of each attached file holds for the file in the package. */
static void
check_attachments (Reading                  *reading,
                   ShenbaoFilingImport *import)
{
  for (guint i = 0; i < import->attachments->len; i++)
    {
      ShenbaoAttachmentRecord *record = g_ptr_array_index (import->attachments, i);
      Found *found;

      if (record->path == NULL)
        continue;
      found = g_hash_table_lookup (reading->found, record->path);
      if (found == NULL)
        mismatch (reading, _("%s: named in application.xml but not in the package"), record->path);
      else if (found->size != record->size || g_strcmp0 (found->sha256, record->sha256) != 0)
        mismatch (reading, _("%s: not the file application.xml describes"), record->path);
    }
}

/* Reads the whole package, then checks it; TRUE with *import set when it is sound. */
static gboolean
read_package (const char                *path,
              Reading                   *reading,
              ShenbaoFilingImport **import,
              GError                   **error)
{
  g_autoptr(GError) xml_error = NULL;

  reading->found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) found_free);
  reading->order = g_ptr_array_new_with_free_func (g_free);
  reading->mismatches = g_string_new (NULL);

  if (!read_entries (path, reading, error))
    return FALSE;
  check_manifest (reading);
  if (reading->xml == NULL)
    mismatch (reading, _("%s: missing"), SHENBAO_PACKAGE_XML_NAME);
  else
    {
      *import = shenbao_filing_xml_read (g_bytes_get_data (reading->xml, NULL),
                                              g_bytes_get_size (reading->xml),
                                              SHENBAO_PACKAGE_XML_NAME, &xml_error);
      if (*import == NULL)
        mismatch (reading, "%s", xml_error->message);
      else
        check_attachments (reading, *import);
    }
  if (reading->mismatches->len > 0)
    return refuse (error, xml_error != NULL && reading->mismatches->len == strlen (xml_error->message)
                          ? SHENBAO_PACKAGE_READER_ERROR_SCHEMA : SHENBAO_PACKAGE_READER_ERROR_MISMATCH,
                   _("“%s” does not check out:\n%s"), path, reading->mismatches->str);
  return TRUE;
}

/* Manifest, hashes and application.xml's schema; the error names every mismatch, a line each. */
gboolean
shenbao_package_verify (const char  *path,
                        GError     **error)
{
  g_autoptr(ShenbaoFilingImport) import = NULL;
  Reading reading = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  ok = read_package (path, &reading, &import, error);
  reading_clear (&reading);
  return ok;
}

/* ------------------------------------------------------------------ import */

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

char *
shenbao_package_attachments_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "shenbao", "attachments", NULL);
}

static gboolean
is_bare_xml (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".xml");
}

static ShenbaoFilingImport *
read_bare_xml (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  ShenbaoFilingImport *import;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  import = shenbao_filing_xml_read (contents, length, path, error);
  if (import == NULL)
    return NULL;
  /* No files came with it: the items stay, to be attached again. */
  for (guint i = 0; i < import->attachments->len; i++)
    {
      ShenbaoAttachmentRecord *record = g_ptr_array_index (import->attachments, i);

      g_clear_pointer (&record->path, g_free);
      g_clear_pointer (&record->sha256, g_free);
      record->size = 0;
      record->pages = 0;
    }
  return import;
}

static void
point_at_extracted (Reading                  *reading,
                    ShenbaoFilingImport *import)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < import->attachments->len; i++)
    {
      ShenbaoAttachmentRecord *record = g_ptr_array_index (import->attachments, i);
      Found *found;

      if (record->path == NULL)
        continue;
      found = g_hash_table_lookup (reading->found, record->path);
      g_free (record->path);
      record->path = g_strdup (found->extracted);
      record->attached_at = now;
    }
}

/* A package (or a bare application.xml) becomes a saved application: its attachments are
 * extracted into a folder of their own under attachments_folder, and the application is
 * written in one transaction. On any failure nothing stays: neither rows nor files. */
gint64
shenbao_package_import (ShenbaoStorage    *storage,
                        ShenbaoPolicySet  *policies,
                        const char        *path,
                        const char        *attachments_folder,
                        GError           **error)
{
  g_autoptr(ShenbaoFilingImport) import = NULL;
  g_autofree char *folder = NULL;
  Reading reading = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (SHENBAO_IS_STORAGE (storage), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (is_bare_xml (path))
    import = read_bare_xml (path, error);
  else
    {
      if (g_mkdir_with_parents (attachments_folder, 0700) != 0)
        {
          refuse (error, SHENBAO_PACKAGE_READER_ERROR_READ, _("Creating “%s”: %s"), attachments_folder,
                  g_strerror (errno));
          return 0;
        }
      folder = g_build_filename (attachments_folder, "package-XXXXXX", NULL);
      if (g_mkdtemp_full (folder, 0700) == NULL)
        {
          refuse (error, SHENBAO_PACKAGE_READER_ERROR_READ, _("Creating “%s”: %s"), folder, g_strerror (errno));
          return 0;
        }
      reading.extract_to = folder;
      if (read_package (path, &reading, &import, error))
        point_at_extracted (&reading, import);
      else
        g_clear_pointer (&import, shenbao_filing_import_free);
    }

  if (import != NULL && shenbao_policy_set_lookup (policies, import->policy_id) == NULL)
    {
      refuse (error, SHENBAO_PACKAGE_READER_ERROR_POLICY,
              _("The application is for the policy “%s”, which this Shenbao does not have"), import->policy_id);
      g_clear_pointer (&import, shenbao_filing_import_free);
    }
  if (import != NULL)
    id = shenbao_storage_import_application (storage, import, error);
  if (id == 0 && folder != NULL)
    remove_folder (folder);
  reading_clear (&reading);
  return id;
}
