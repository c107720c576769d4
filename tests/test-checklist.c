/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "shenbao-filing.h"

/* The materials checklist as the user edits it: the policy's defaults (Suzhou: eight policy-wide
 * items, then 8b's three), renamed, moved, removed and added to, all kept when the application is
 * opened again; an unclaimed clause's items leave and come back with their files. */

typedef struct
{
  char               *directory;
  ShenbaoStorage     *storage;
  ShenbaoPolicySet   *policies;
  ShenbaoFiling *application;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->directory = g_dir_make_tmp ("shenbao-checklist-XXXXXX", &error);
  path = g_build_filename (fixture->directory, "shenbao.db", NULL);
  fixture->storage = shenbao_storage_open (path, &error);
  fixture->policies = shenbao_policy_set_new_default (&error);
  fixture->application = shenbao_filing_create (fixture->storage, fixture->policies, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shenbao_filing_set_policy (fixture->application, "suzhou-2025", &error));
  g_assert_true (shenbao_filing_set_clause_chosen (fixture->application, "suzhou-2025/8b", TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->application);
  g_clear_object (&fixture->storage);
  g_clear_object (&fixture->policies);
  dir = g_dir_open (fixture->directory, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->directory, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->directory);
  g_free (fixture->directory);
}

static char *
ids (ShenbaoFiling *application)
{
  GListModel *model = G_LIST_MODEL (shenbao_filing_get_checklist (application));
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShenbaoChecklistItem) item = g_list_model_get_item (model, i);
      g_string_append_printf (list, "%s%s", i > 0 ? " " : "", shenbao_checklist_item_get_id (item));
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static ShenbaoFiling *
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ShenbaoFiling *application = shenbao_filing_load (fixture->storage, fixture->policies,
                                                              shenbao_filing_get_id (fixture->application),
                                                              &error);
  g_assert_no_error (error);
  return application;
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *list = ids (fixture->application);

  g_assert_cmpstr (list, ==, "business_licence legal_representative_id audited_accounts tax_certificate "
                             "credit_report commitment_letter no_double_claim power_of_attorney "
                             "8b/compute_contract 8b/compute_invoices 8b/compute_payments");
}

static void
test_edits_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  ShenbaoChecklist *checklist = shenbao_filing_get_checklist (fixture->application);
  g_autoptr(ShenbaoFiling) reopened = NULL;
  g_autofree char *added = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (shenbao_checklist_rename (checklist, "tax_certificate", "2024 年度完税证明", &error));
  g_assert_true (shenbao_checklist_move (checklist, "8b/compute_contract", 0, &error));
  g_assert_true (shenbao_checklist_remove (checklist, "power_of_attorney", &error));
  added = shenbao_checklist_add (checklist, "项目备案证明", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, "user_1");
  g_assert_false (shenbao_checklist_rename (checklist, "no_such_item", "x", &error));
  g_assert_error (error, SHENBAO_CHECKLIST_ERROR, SHENBAO_CHECKLIST_ERROR_NO_ITEM);

  before = ids (fixture->application);
  g_assert_cmpstr (before, ==, "8b/compute_contract business_licence legal_representative_id audited_accounts "
                               "tax_certificate credit_report commitment_letter no_double_claim "
                               "8b/compute_invoices 8b/compute_payments user_1");
  reopened = reopen (fixture);
  after = ids (reopened);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (shenbao_checklist_item_get_label (shenbao_checklist_lookup (shenbao_filing_get_checklist (reopened),
                                                                               "tax_certificate"), TRUE),
                   ==, "2024 年度完税证明");
  /* The user's item is optional: it is no problem while empty. */
  g_assert_false (shenbao_checklist_item_get_required (shenbao_checklist_lookup (shenbao_filing_get_checklist (reopened),
                                                                                 "user_1")));
}

/* 8b unclaimed: its items go; claimed again, they come back with the file attached before. */
static void
test_follows_claim (Fixture       *fixture,
                    gconstpointer  data)
{
  ShenbaoChecklist *checklist = shenbao_filing_get_checklist (fixture->application);
  g_autofree char *scan = g_build_filename (fixture->directory, "合同.pdf", NULL);
  g_autofree char *without = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (scan, "%PDF-1.4\n/Type /Page\n", -1, NULL));
  g_assert_true (shenbao_checklist_attach (checklist, "8b/compute_contract", scan, &error));
  g_assert_no_error (error);
  g_assert_true (shenbao_filing_set_clause_chosen (fixture->application, "suzhou-2025/8b", FALSE, &error));
  without = ids (fixture->application);
  g_assert_cmpstr (without, ==, "business_licence legal_representative_id audited_accounts tax_certificate "
                                "credit_report commitment_letter no_double_claim power_of_attorney");
  g_assert_true (shenbao_filing_set_clause_chosen (fixture->application, "suzhou-2025/8b", TRUE, &error));
  g_assert_cmpstr (shenbao_checklist_item_get_path (shenbao_checklist_lookup (checklist, "8b/compute_contract")), ==, scan);
  /* "%PDF-1.4\n/Type /Page\n" is 21 bytes, its SHA-256 worked out with sha256sum. */
  g_assert_cmpint (shenbao_checklist_item_get_size (shenbao_checklist_lookup (checklist, "8b/compute_contract")), ==, 21);
  g_assert_cmpstr (shenbao_checklist_item_get_sha256 (shenbao_checklist_lookup (checklist, "8b/compute_contract")), ==,
                   "a9be4bce382810566d6df3d4da3abb198303d562be52b5b538cd7342039803f4");
  /* One "/Type /Page": one page. */
  g_assert_cmpint (shenbao_checklist_item_get_pages (shenbao_checklist_lookup (checklist, "8b/compute_contract")), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/shenbao/checklist/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("defaults", test_defaults);
  ADD ("edits-kept", test_edits_kept);
  ADD ("follows-claim", test_follows_claim);
#undef ADD

  return g_test_run ();
}
