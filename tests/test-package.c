/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "shenbao-filing-xml.h"
#include "shenbao-document.h"
#include "shenbao-package.h"
#include "shenbao-package-reader.h"

/* The submission package as an office receives it, checked with the tools an office has:
 * unzip, bsdtar, Python's zipfile, pdftotext and pdffonts. Every name and amount expected is
 * worked by hand from the policy text and the checklist in data/policies/suzhou-2025.xml.
 *
 * The application: Suzhou 8b, compute fees of 15,000,000 at 20 % = 3,000,000, capped at
 * 2,000,000 a year, so 2,000,000.00 元 (200.00 万元); Suzhou 5, a service platform told
 * 350,000, under its cap of 2,000,000, so 350,000.00 元 (35.00 万元); total 2,350,000.00 元
 * (235.00 万元). */

typedef struct
{
  char               *directory;
  ShenbaoStorage     *storage;
  ShenbaoPolicySet   *policies;
  ShenbaoFiling *application;
  GDate               date;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->directory, name, NULL);
}

static void
set (Fixture    *fixture,
     const char *name,
     const char *text)
{
  g_autofree char *key = NULL;
  ShenbaoField *field = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (shenbao_policy_set_resolve_name (fixture->policies,
                                                  shenbao_filing_get_policy (fixture->application),
                                                  name, &key, &field, &error));
  g_assert_true (shenbao_filing_set_text (fixture->application, field, text, &error));
  g_assert_no_error (error);
}

/* A scan of its own for each item, named as a user names files, with two pages each. */
static void
attach_everything (Fixture *fixture)
{
  ShenbaoChecklist *checklist = shenbao_filing_get_checklist (fixture->application);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (checklist)); i++)
    {
      g_autoptr(ShenbaoChecklistItem) item = g_list_model_get_item (G_LIST_MODEL (checklist), i);
      g_autofree char *name = g_strdup_printf ("扫描件 %u.pdf", i + 1);
      g_autofree char *path = fixture_path (fixture, name);
      g_autofree char *content = g_strdup_printf ("%%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n"
                                                  "2 0 obj << /Type /Page >> endobj\n"
                                                  "3 0 obj << /Type /Pages >> endobj\n%% item %u\n", i);
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, content, -1, NULL));
      g_assert_true (shenbao_checklist_attach (checklist, shenbao_checklist_item_get_id (item), path, &error));
      g_assert_no_error (error);
      /* Two /Type /Page objects; the /Pages tree is not a page. */
      g_assert_cmpint (shenbao_checklist_item_get_pages (item), ==, 2);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->directory = g_dir_make_tmp ("shenbao-package-XXXXXX", &error);
  g_assert_no_error (error);
  path = fixture_path (fixture, "shenbao.db");
  fixture->storage = shenbao_storage_open (path, &error);
  fixture->policies = shenbao_policy_set_new_default (&error);
  fixture->application = shenbao_filing_create (fixture->storage, fixture->policies, 0, &error);
  g_assert_no_error (error);
  g_date_clear (&fixture->date, 1);
  g_date_set_dmy (&fixture->date, 1, G_DATE_JULY, 2025);
  shenbao_filing_set_as_of (fixture->application, &fixture->date);

  g_assert_true (shenbao_filing_set_policy (fixture->application, "suzhou-2025", &error));
  set (fixture, "company_name", "苏州灵巧机器人有限公司");
  set (fixture, "credit_code", "91310115MA1K3YJ662");
  set (fixture, "registered_region", "320505");
  set (fixture, "tax_region", "320505");
  set (fixture, "registered_address", "苏州市虎丘区科技城 1 号");
  set (fixture, "legal_representative", "张三");
  g_assert_true (shenbao_filing_set_clause_chosen (fixture->application, "suzhou-2025/8b", TRUE, &error));
  g_assert_true (shenbao_filing_set_clause_chosen (fixture->application, "suzhou-2025/5", TRUE, &error));
  set (fixture, "compute_fees_paid", "1500万");
  set (fixture, "is_service_platform_5", "yes");
  set (fixture, "prior_year_services_5", "yes");
  set (fixture, "amount_told_5", "350000");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->application);
  g_clear_object (&fixture->storage);
  g_clear_object (&fixture->policies);
  remove_tree (fixture->directory);
  g_free (fixture->directory);
}

/* Runs a tool; its standard output, or NULL when it could not run. */
static char *
run (int        *status,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     status, &error))
    {
      g_test_message ("%s: %s", first, error->message);
      return NULL;
    }
  return out;
}

static char *
make_package (Fixture    *fixture,
              const char *name,
              gboolean    chinese)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoPackage) package = shenbao_package_new (fixture->application, chinese, FALSE,
                                                           &fixture->date, &error);
  char *path = fixture_path (fixture, name);

  g_assert_no_error (error);
  g_assert_true (shenbao_package_write (package, path, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The entries in checklist order: the eight policy-wide items (the agent's power of attorney
 * included, as a file is attached to it), then the claimed clauses', numbered from 03. */
static const char * const expected_entries[] = {
  "01-申报书.pdf",
  "02-信用承诺书.pdf",
  "附件/03-营业执照复印件（加盖公章）.pdf",
  "附件/04-法定代表人身份证明.pdf",
  "附件/05-上年度财务审计报告（资产负债表、利润表、现金流量表）.pdf",
  "附件/06-纳税（完税）证明.pdf",
  "附件/07-国家企业信用信息公示系统打印件（近一个月内）.pdf",
  "附件/08-信用承诺书（法定代表人签字并加盖公章）.pdf",
  "附件/09-同一事项不重复申报的声明.pdf",
  "附件/10-授权委托书及经办人身份证（由代理人申报时）.pdf",
  "application.xml",
  "manifest.txt",
};

static void
assert_lists_entries (const char *listing,
                      const char *tool)
{
  g_assert_nonnull (listing);
  for (guint i = 0; i < G_N_ELEMENTS (expected_entries); i++)
    if (strstr (listing, expected_entries[i]) == NULL)
      g_error ("%s does not list “%s”:\n%s", tool, expected_entries[i], listing);
}

static void
test_listing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *zip = NULL;
  g_autofree char *unzip = NULL;
  g_autofree char *bsdtar = NULL;
  g_autofree char *python = NULL;
  int status;

  attach_everything (fixture);
  zip = make_package (fixture, "申报材料.zip", TRUE);
  unzip = run (&status, "unzip", "-l", zip, NULL);
  assert_lists_entries (unzip, "unzip -l");
  bsdtar = run (&status, "bsdtar", "-tf", zip, NULL);
  assert_lists_entries (bsdtar, "bsdtar -tf");
  python = run (&status, "/usr/bin/python3", "-c",
                "import sys, zipfile\n"
                "for info in zipfile.ZipFile(sys.argv[1]).infolist():\n"
                "    assert info.flag_bits & 0x800 or info.filename.isascii(), info.filename\n"
                "    print(info.filename)\n", zip, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  assert_lists_entries (python, "Python's zipfile");
  /* The claimed clauses' items follow in the document's order: 5's two, then 8b's three. */
  g_assert_nonnull (strstr (python, "附件/11-平台认定文件.pdf"));
  g_assert_nonnull (strstr (python, "附件/12-上一年度服务活动情况报告及证明（服务合同、发票、服务对象名单）.pdf"));
  g_assert_nonnull (strstr (python, "附件/13-与非关联方签订的算力服务合同.pdf"));
  g_assert_nonnull (strstr (python, "附件/15-付款凭证.pdf"));
  g_assert_null (strstr (python, "附件/16-"));
}

/* Every line of the manifest checked by Python, independently of our reader: the file is in
 * the zip, its size and SHA-256 match, and nothing but the manifest is left out. */
static void
test_manifest (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *zip = NULL;
  g_autofree char *out = NULL;
  int status;

  attach_everything (fixture);
  zip = make_package (fixture, "package.zip", TRUE);
  out = run (&status, "/usr/bin/python3", "-c",
             "import hashlib, sys, zipfile\n"
             "z = zipfile.ZipFile(sys.argv[1])\n"
             "listed = set()\n"
             "for line in z.read('manifest.txt').decode().splitlines():\n"
             "    if not line or line.startswith('#'): continue\n"
             "    sha, size, name = line.split('  ', 2)\n"
             "    data = z.read(name)\n"
             "    assert hashlib.sha256(data).hexdigest() == sha, name\n"
             "    assert len(data) == int(size), name\n"
             "    listed.add(name)\n"
             "assert listed == set(z.namelist()) - {'manifest.txt'}, listed\n"
             "print(len(listed))\n", zip, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* 2 PDFs + 8 policy-wide items + 2 of clause 5 + 3 of 8b + application.xml */
  g_assert_cmpint (atoi (out), ==, 16);
}

static char *
extract_text (Fixture    *fixture,
              const char *zip,
              const char *entry)
{
  g_autofree char *pdf = fixture_path (fixture, "extracted.pdf");
  g_autofree char *bytes = NULL;
  int status;

  bytes = run (&status, "/usr/bin/python3", "-c",
               "import sys, zipfile\n"
               "open(sys.argv[3], 'wb').write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))\n",
               zip, entry, pdf, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return run (&status, "pdftotext", "-layout", pdf, "-", NULL);
}

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '\n')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* pdftotext puts spaces between Chinese characters where it likes and drops them where it
 * likes: both sides are compared without spaces or line breaks. */
static void
assert_contains (const char *text,
                 const char *part)
{
  g_autofree char *squeezed_text = without_spaces (text);
  g_autofree char *squeezed_part = without_spaces (part);

  if (strstr (squeezed_text, squeezed_part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

static void
test_form_text (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *zip = NULL;
  g_autofree char *form = NULL;
  g_autofree char *letter = NULL;

  attach_everything (fixture);
  zip = make_package (fixture, "package.zip", TRUE);
  form = extract_text (fixture, zip, "01-申报书.pdf");
  assert_contains (form, "苏州灵巧机器人有限公司");
  assert_contains (form, "91310115MA1K3YJ662");
  assert_contains (form, "人工智能算力使用方补贴");
  assert_contains (form, "中小企业公共服务平台");
  assert_contains (form, "2,000,000.00 元（200.00 万元）");
  assert_contains (form, "350,000.00 元（35.00 万元）");
  assert_contains (form, "2,350,000.00 元（235.00 万元）");
  assert_contains (form, "15,000,000.00");
  assert_contains (form, "测算说明");
  assert_contains (form, "推荐单位意见");
  assert_contains (form, "第 1 页 共");
  g_assert_null (strstr (form, "草稿"));

  letter = extract_text (fixture, zip, "02-信用承诺书.pdf");
  assert_contains (letter, "信用承诺书");
  assert_contains (letter, "苏州灵巧机器人有限公司");
  assert_contains (letter, "91310115MA1K3YJ662");
  assert_contains (letter, "张三");
  assert_contains (letter, "2025年7月1日");
}

/* In English: English headings and amounts, the clause texts in the original Chinese. */
static void
test_form_english (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *zip = NULL;
  g_autofree char *form = NULL;

  attach_everything (fixture);
  zip = make_package (fixture, "package.zip", FALSE);
  form = extract_text (fixture, zip, "01-申报书.pdf");
  assert_contains (form, "Application Form");
  assert_contains (form, "2,350,000.00 yuan");
  assert_contains (form, "对符合条件的人工智能算力使用方");
  assert_contains (form, "Page 1 of");
}

static void
test_fonts (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *zip = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdf = fixture_path (fixture, "form.pdf");
  g_autofree char *fonts = NULL;
  g_autoptr(ShenbaoPackage) package = NULL;
  GBytes *form;
  int status;

  attach_everything (fixture);
  package = shenbao_package_new (fixture->application, TRUE, FALSE, &fixture->date, NULL);
  form = shenbao_package_get_form (package);
  g_assert_true (g_file_set_contents (pdf, g_bytes_get_data (form, NULL), g_bytes_get_size (form), NULL));
  fonts = run (&status, "pdffonts", pdf, NULL);
  g_assert_nonnull (fonts);
  /* "NotoSansCJKsc-Regular … yes yes yes": embedded, as a subset, with a Unicode map. */
  {
    g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
    gboolean embedded = FALSE;

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "NotoSansCJKsc") != NULL && strstr (lines[i], "yes yes yes") != NULL
          && lines[i][6] == '+')
        embedded = TRUE;
    if (!embedded)
      g_error ("the CJK font is not embedded as a subset:\n%s", fonts);
  }
}

/* package → reopen → package: the same application.xml, byte for byte. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *zip = NULL;
  g_autofree char *attachments = fixture_path (fixture, "attachments");
  g_autoptr(ShenbaoFiling) reopened = NULL;
  g_autoptr(ShenbaoPackage) first = NULL;
  g_autoptr(ShenbaoPackage) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  attach_everything (fixture);
  /* A default item the user removed stays removed on the other desktop. */
  g_assert_nonnull (shenbao_checklist_lookup (shenbao_filing_get_checklist (fixture->application),
                                              "power_of_attorney"));
  g_assert_true (shenbao_checklist_remove (shenbao_filing_get_checklist (fixture->application),
                                           "power_of_attorney", &error));
  g_assert_no_error (error);
  zip = make_package (fixture, "package.zip", TRUE);
  first = shenbao_package_new (fixture->application, TRUE, FALSE, &fixture->date, &error);
  id = shenbao_package_import (fixture->storage, fixture->policies, zip, attachments, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, shenbao_filing_get_id (fixture->application));
  reopened = shenbao_filing_load (fixture->storage, fixture->policies, id, &error);
  g_assert_no_error (error);
  shenbao_filing_set_as_of (reopened, &fixture->date);
  g_assert_true (shenbao_filing_is_ready (reopened));
  second = shenbao_package_new (reopened, TRUE, FALSE, &fixture->date, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (shenbao_package_get_xml (first), shenbao_package_get_xml (second)));
  g_assert_null (shenbao_checklist_lookup (shenbao_filing_get_checklist (reopened), "power_of_attorney"));
  /* The attachments now live in the user's data folder, not where they were. */
  g_assert_true (g_str_has_prefix (shenbao_checklist_item_get_path (
                   shenbao_checklist_lookup (shenbao_filing_get_checklist (reopened), "business_licence")),
                   attachments));
}

static int
count_applications (Fixture *fixture)
{
  g_autoptr(GPtrArray) all = shenbao_storage_list_applications (fixture->storage, NULL);
  return all->len;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Rewrites the package with Python: script gets z (the good zip) and out (a ZipFile to fill). */
static char *
craft (Fixture    *fixture,
       const char *good,
       const char *name,
       const char *script)
{
  g_autofree char *program = g_strconcat ("import sys, zipfile, hashlib\n"
                                          "z = zipfile.ZipFile(sys.argv[1])\n"
                                          "out = zipfile.ZipFile(sys.argv[2], 'w')\n",
                                          script, "\nout.close()\n", NULL);
  char *path = fixture_path (fixture, name);
  g_autofree char *output = NULL;
  int status;

  output = run (&status, "/usr/bin/python3", "-c", program, good, path, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return path;
}

static void
assert_refused (Fixture    *fixture,
                const char *zip,
                const char *named)
{
  g_autofree char *attachments = fixture_path (fixture, "attachments");
  g_autoptr(GError) error = NULL;
  int before = count_applications (fixture);

  g_assert_false (shenbao_package_verify (zip, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (strstr (error->message, named) == NULL)
    g_error ("the refusal does not name “%s”: %s", named, error->message);
  g_clear_error (&error);
  g_assert_cmpint (shenbao_package_import (fixture->storage, fixture->policies, zip, attachments, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpint (count_applications (fixture), ==, before);
  /* Nothing extracted stays behind. */
  g_assert_cmpuint (count_files (attachments), ==, 0);
}

static void
test_zip_slip (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *slip = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *drive = NULL;
  g_autofree char *link = NULL;

  attach_everything (fixture);
  good = make_package (fixture, "good.zip", TRUE);
  slip = craft (fixture, good, "slip.zip",
                "for n in z.namelist(): out.writestr(n, z.read(n))\n"
                "out.writestr('附件/../../evil.txt', b'owned')");
  assert_refused (fixture, slip, "附件/../../evil.txt");
  absolute = craft (fixture, good, "absolute.zip",
                    "for n in z.namelist(): out.writestr(n, z.read(n))\n"
                    "out.writestr(zipfile.ZipInfo('/tmp/evil.txt'), b'owned')");
  assert_refused (fixture, absolute, "/tmp/evil.txt");
  drive = craft (fixture, good, "drive.zip",
                 "for n in z.namelist(): out.writestr(n, z.read(n))\n"
                 "out.writestr('C:/evil.txt', b'owned')");
  assert_refused (fixture, drive, "C:/evil.txt");
  link = craft (fixture, good, "link.zip",
                "for n in z.namelist(): out.writestr(n, z.read(n))\n"
                "info = zipfile.ZipInfo('附件/99-link.pdf')\n"
                "info.create_system = 3\n"
                "info.external_attr = 0o120777 << 16\n"
                "out.writestr(info, '/etc/passwd')");
  assert_refused (fixture, link, "附件/99-link.pdf");
}

/* An attachment swapped for other bytes of the same length, the manifest left as it was. */
static void
test_lying_manifest (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *lying = NULL;
  g_autofree char *unlisted = NULL;
  g_autofree char *bad_xml = NULL;
  g_autoptr(GError) error = NULL;

  attach_everything (fixture);
  good = make_package (fixture, "good.zip", TRUE);
  g_assert_true (shenbao_package_verify (good, &error));
  g_assert_no_error (error);
  lying = craft (fixture, good, "lying.zip",
                 "for n in z.namelist():\n"
                 "    data = z.read(n)\n"
                 "    if n.startswith('附件/04-'): data = data.replace(b'item', b'ITEM')\n"
                 "    out.writestr(n, data)");
  assert_refused (fixture, lying, "附件/04-法定代表人身份证明.pdf");
  unlisted = craft (fixture, good, "unlisted.zip",
                    "for n in z.namelist(): out.writestr(n, z.read(n))\n"
                    "out.writestr('附件/99-extra.pdf', b'%PDF-1.4')");
  assert_refused (fixture, unlisted, "附件/99-extra.pdf");
  /* application.xml against its schema: a hash that is not one; the manifest made to agree. */
  bad_xml = craft (fixture, good, "bad-xml.zip",
                   "lines = []\n"
                   "for n in z.namelist():\n"
                   "    if n == 'manifest.txt': continue\n"
                   "    data = z.read(n)\n"
                   "    if n == 'application.xml': data = data.replace(b'pages=\"2\"', b'pages=\"two\"', 1)\n"
                   "    out.writestr(n, data)\n"
                   "    lines.append('%s  %d  %s' % (hashlib.sha256(data).hexdigest(), len(data), n))\n"
                   "out.writestr('manifest.txt', '\\n'.join(lines) + '\\n')");
  assert_refused (fixture, bad_xml, "application.xml");
}

/* Changed after it was attached: flagged on the checklist and as a problem leading to the
 * materials page; the package is refused, and a draft, which allows problems, refuses the file
 * itself while copying it. */
static void
test_changed_attachment (Fixture       *fixture,
                         gconstpointer  data)
{
  ShenbaoChecklist *checklist = shenbao_filing_get_checklist (fixture->application);
  ShenbaoChecklistItem *item;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(ShenbaoPackage) package = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = fixture_path (fixture, "draft.zip");
  ShenbaoProblem *problem = NULL;

  attach_everything (fixture);
  g_assert_true (shenbao_filing_is_ready (fixture->application));
  item = shenbao_checklist_lookup (checklist, "tax_certificate");
  /* Same length, other content: only the hash can tell. */
  g_assert_true (g_file_set_contents (shenbao_checklist_item_get_path (item),
                                      "%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n"
                                      "2 0 obj << /Type /Page >> endobj\n"
                                      "3 0 obj << /Type /Pages >> endobj\n% ITEM 3\n", -1, NULL));
  problems = shenbao_filing_list_problems (fixture->application, FALSE);
  for (guint i = 0; i < problems->len; i++)
    if (((ShenbaoProblem *) g_ptr_array_index (problems, i))->kind == SHENBAO_PROBLEM_ATTACHMENT)
      problem = g_ptr_array_index (problems, i);
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->page, ==, SHENBAO_PAGE_MATERIALS);
  g_assert_cmpstr (problem->key, ==, "suzhou-2025/attachment/tax_certificate");
  g_assert_cmpint (shenbao_checklist_item_get_state (item), ==, SHENBAO_ATTACHMENT_CHANGED);

  g_assert_null (shenbao_package_new (fixture->application, TRUE, FALSE, &fixture->date, &error));
  g_assert_error (error, SHENBAO_PACKAGE_ERROR, SHENBAO_PACKAGE_ERROR_BLOCKED);
  g_assert_nonnull (strstr (error->message, "纳税（完税）证明"));
  g_clear_error (&error);

  package = shenbao_package_new (fixture->application, TRUE, TRUE, &fixture->date, &error);
  g_assert_no_error (error);
  g_assert_false (shenbao_package_write (package, target, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, SHENBAO_PACKAGE_ERROR, SHENBAO_PACKAGE_ERROR_CHANGED);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  /* Vanished: flagged as such. */
  g_unlink (shenbao_checklist_item_get_path (shenbao_checklist_lookup (checklist, "credit_report")));
  shenbao_checklist_check_files (checklist);
  g_assert_cmpint (shenbao_checklist_item_get_state (shenbao_checklist_lookup (checklist, "credit_report")), ==,
                   SHENBAO_ATTACHMENT_VANISHED);
}

/* Nothing attached: refused with the list; as a draft it is made, and says so on every page. */
static void
test_draft (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ShenbaoPackage) package = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = fixture_path (fixture, "draft.zip");
  g_autofree char *text = NULL;
  g_autofree char *pdf = fixture_path (fixture, "draft.pdf");
  GBytes *form;
  int status;

  g_assert_null (shenbao_package_new (fixture->application, TRUE, FALSE, &fixture->date, &error));
  g_assert_error (error, SHENBAO_PACKAGE_ERROR, SHENBAO_PACKAGE_ERROR_BLOCKED);
  g_clear_error (&error);
  package = shenbao_package_new (fixture->application, TRUE, TRUE, &fixture->date, &error);
  g_assert_no_error (error);
  g_assert_true (shenbao_package_write (package, target, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  form = shenbao_package_get_form (package);
  g_assert_true (g_file_set_contents (pdf, g_bytes_get_data (form, NULL), g_bytes_get_size (form), NULL));
  for (int page = 1; page <= 2; page++)
    {
      g_autofree char *number = g_strdup_printf ("%d", page);
      g_autofree char *page_text = run (&status, "pdftotext", "-raw", "-f", number, "-l", number, pdf, "-", NULL);

      /* -raw: the rotated watermark is left out of the reading-order text otherwise. */
      assert_contains (page_text, "草稿");
    }
}

/* An existing file is kept unless replacing was confirmed; a cancelled package leaves no file,
 * not even the temporary one. */
static void
test_replace_and_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ShenbaoPackage) package = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = fixture_path (fixture, "out");
  g_autofree char *target = g_build_filename (folder, "申报材料.zip", NULL);
  g_autofree char *contents = NULL;

  attach_everything (fixture);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "earlier", -1, NULL));
  package = shenbao_package_new (fixture->application, TRUE, FALSE, &fixture->date, &error);
  g_assert_false (shenbao_package_write (package, target, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");

  g_cancellable_cancel (cancellable);
  g_assert_false (shenbao_package_write (package, target, TRUE, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
  g_assert_cmpuint (count_files (folder), ==, 1);

  g_assert_true (shenbao_package_write (package, target, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shenbao_package_verify (target, &error));
  g_assert_cmpuint (count_files (folder), ==, 1);
}

/* The command line: refused with exit 2 and the problems; verify exits 1 naming each mismatch. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *cli = g_getenv ("SHENBAO_CLI");
  g_autofree char *good = NULL;
  g_autofree char *lying = NULL;
  g_autofree char *out = NULL;
  g_autofree char *target = fixture_path (fixture, "cli.zip");
  int status;

  out = run (&status, cli, "package", "suzhou-2025", "--set", "company_name=苏州灵巧机器人有限公司",
             "--claim", "8b", "--lang", "zh", "-o", target, NULL);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  out = run (&status, cli, "package", "suzhou-2025", "--set", "company_name=苏州灵巧机器人有限公司",
             "--claim", "8b", "--lang", "zh", "--draft", "-o", target, NULL);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_clear_pointer (&out, g_free);
  out = run (&status, cli, "verify", target, NULL);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  attach_everything (fixture);
  good = make_package (fixture, "good.zip", TRUE);
  lying = craft (fixture, good, "lying.zip",
                 "for n in z.namelist():\n"
                 "    data = z.read(n)\n"
                 "    if n.startswith('附件/04-') or n.startswith('附件/06-'): data = data.replace(b'item', b'ITEM')\n"
                 "    out.writestr(n, data)");
  g_clear_pointer (&out, g_free);
  out = run (&status, cli, "verify", lying, NULL);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  assert_contains (out, "附件/04-法定代表人身份证明.pdf");
  assert_contains (out, "附件/06-纳税（完税）证明.pdf");
}

/* Dark pixels of the first page of a PDF drawn at 150 dpi in grey. */
static guint
count_dark_pixels (GBytes     *pdf,
                   const char *directory)
{
  g_autofree char *path = g_build_filename (directory, "glyph.pdf", NULL);
  g_autofree char *prefix = g_build_filename (directory, "glyph", NULL);
  g_autofree char *pgm_path = g_strconcat (prefix, ".pgm", NULL);
  g_autofree char *pgm = NULL;
  g_autofree char *out = NULL;
  gsize length;
  guint width, height, dark = 0;
  const char *pixels;
  int status;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  out = run (&status, "pdftoppm", "-gray", "-r", "150", "-singlefile", path, prefix, NULL);
  g_assert_true (g_file_get_contents (pgm_path, &pgm, &length, NULL));
  /* "P5\nW H\n255\n" then one byte a pixel. */
  g_assert_cmpint (sscanf (pgm, "P5 %u %u 255", &width, &height), ==, 2);
  pixels = pgm + length - (gsize) width * height;
  for (gsize i = 0; i < (gsize) width * height; i++)
    if ((guchar) pixels[i] < 128)
      dark++;
  return dark;
}

/* Every character drawn, 如 included: cairo 1.16 subsets its simplified-Chinese glyph badly
 * (see shenbao-document.c), and a page that says "并　实提供" is no commitment. */
static void
test_glyphs_drawn (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ShenbaoDocument) blank = shenbao_document_new ("", TRUE);
  g_autoptr(ShenbaoDocument) with_character = shenbao_document_new ("", TRUE);
  g_autoptr(GBytes) blank_pdf = NULL;
  g_autoptr(GBytes) character_pdf = NULL;
  guint without, with;

  shenbao_document_add_paragraph (blank, "　");
  shenbao_document_add_paragraph (with_character, "如");
  blank_pdf = shenbao_document_to_pdf (blank, "blank", NULL);
  character_pdf = shenbao_document_to_pdf (with_character, "如", NULL);
  without = count_dark_pixels (blank_pdf, fixture->directory);
  with = count_dark_pixels (character_pdf, fixture->directory);
  g_test_message ("dark pixels: %u without, %u with 如", without, with);
  /* A 10.5 pt character (the regular weight of paragraphs) at 150 dpi covers some 22 × 22
   * pixels, a good part of them ink. */
  g_assert_cmpuint (with, >, without + 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/shenbao/package/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("listing", test_listing);
  ADD ("manifest", test_manifest);
  ADD ("form-text", test_form_text);
  ADD ("form-english", test_form_english);
  ADD ("fonts", test_fonts);
  ADD ("round-trip", test_round_trip);
  ADD ("zip-slip", test_zip_slip);
  ADD ("lying-manifest", test_lying_manifest);
  ADD ("changed-attachment", test_changed_attachment);
  ADD ("draft", test_draft);
  ADD ("replace-and-cancel", test_replace_and_cancel);
  ADD ("cli", test_cli);
  ADD ("glyphs-drawn", test_glyphs_drawn);
#undef ADD

  return g_test_run ();
}
