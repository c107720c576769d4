/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shenbao-credit-code.h"
#include "shenbao-inputs.h"
#include "shenbao-policy-set.h"
#include "shenbao-regions.h"

/* The GB/T 2260 table compiled in from python-stdnum's loc.dat, checked against that file read
 * here on its own (SHENBAO_STDNUM_LOC_DAT, the path meson found), so a conversion that drops or
 * doubles lines shows. */

/* Counts the county lines ("330604 county=…") and the distinct two-digit province prefixes. */
static void
count_source_lines (guint *counties,
                    guint *provinces)
{
  const char *path = g_getenv ("SHENBAO_STDNUM_LOC_DAT");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (path);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  *counties = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (strlen (line) > 7 && strspn (line, "0123456789") == 6 && line[6] == ' ')
        {
          (*counties)++;
          g_hash_table_add (prefixes, g_strndup (line, 2));
        }
    }
  *provinces = g_hash_table_size (prefixes);
}

static gpointer
look_up_in_thread (gpointer data)
{
  return (gpointer) shenbao_regions_lookup ("330604");
}

/* The first lookups race to load the table; g_once makes them all see the same one. */
static void
test_first_load_from_threads (void)
{
  GThread *threads[4];
  gpointer found[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lookup", look_up_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    found[i] = g_thread_join (threads[i]);
  g_assert_nonnull (found[0]);
  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (found[i] == found[0]);
}

static void
test_counts (void)
{
  guint counties, provinces;

  count_source_lines (&counties, &provinces);
  g_test_message ("loc.dat: %u county-level codes in %u provinces; %s", counties, provinces,
                  shenbao_regions_get_source ());
  /* 3,377 in python3-stdnum 1.18 (Debian 12). */
  g_assert_cmpuint (counties, >, 3000);
  g_assert_cmpuint (shenbao_regions_count (SHENBAO_REGION_COUNTY), ==, counties);
  g_assert_cmpuint (shenbao_regions_count (SHENBAO_REGION_PROVINCE), ==, provinces);
  g_assert_nonnull (strstr (shenbao_regions_get_source (), "GB2260"));
}

static void
test_lookup_district (void)
{
  const ShenbaoRegion *shangyu = shenbao_regions_lookup ("330604");
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;

  g_assert_nonnull (shangyu);
  g_assert_cmpint (shangyu->level, ==, SHENBAO_REGION_COUNTY);
  g_assert_cmpstr (shangyu->name, ==, "上虞区");
  g_assert_cmpstr (shenbao_region_get_ancestor (shangyu, SHENBAO_REGION_PREFECTURE)->name, ==, "绍兴市");
  g_assert_cmpstr (shenbao_region_get_ancestor (shangyu, SHENBAO_REGION_PREFECTURE)->code, ==, "330600");
  g_assert_cmpstr (shenbao_region_get_ancestor (shangyu, SHENBAO_REGION_PROVINCE)->name, ==, "浙江省");
  g_assert_cmpstr (shenbao_region_get_ancestor (shangyu, SHENBAO_REGION_PROVINCE)->code, ==, "330000");
  path = shenbao_region_dup_path (shangyu, TRUE);
  g_assert_cmpstr (path, ==, "浙江省 绍兴市 上虞区");
  label = shenbao_region_dup_label (shangyu);
  g_assert_cmpstr (label, ==, "浙江省 绍兴市 上虞区 (330604)");
}

/* 卢湾区 was merged into 黄浦区 in 2011, yet credit codes issued before carry 310103. The
 * municipality's 市辖区 grouping row is left out of the name. */
static void
test_older_code_known (void)
{
  const ShenbaoRegion *luwan = shenbao_regions_lookup ("310103");
  g_autofree char *label = NULL;

  g_assert_nonnull (luwan);
  g_assert_true (shenbao_regions_is_known ("310103"));
  g_assert_cmpstr (luwan->name, ==, "卢湾区");
  g_assert_true (shenbao_region_is_grouping (luwan->parent));
  label = shenbao_region_dup_label (luwan);
  g_assert_cmpstr (label, ==, "上海市 卢湾区 (310103)");
}

static void
test_unknown_codes (void)
{
  g_assert_false (shenbao_regions_is_known ("999999"));
  g_assert_false (shenbao_regions_is_known ("310199"));
  g_assert_false (shenbao_regions_is_known ("31011"));
  g_assert_false (shenbao_regions_is_known ("3101155"));
  g_assert_false (shenbao_regions_is_known ("abcdef"));
  g_assert_false (shenbao_regions_is_known (""));
}

/* Province and prefecture entries exist though loc.dat lists counties only. */
static void
test_derived_levels (void)
{
  const ShenbaoRegion *shanghai = shenbao_regions_lookup ("310000");
  const ShenbaoRegion *shaoxing = shenbao_regions_lookup ("330600");
  g_autoptr(GPtrArray) provinces = shenbao_regions_list_children (NULL);
  g_autoptr(GPtrArray) districts = shenbao_regions_list_children ("330600");
  g_autoptr(GPtrArray) none = shenbao_regions_list_children ("330604");
  g_autofree char *path = NULL;

  g_assert_nonnull (shanghai);
  g_assert_cmpint (shanghai->level, ==, SHENBAO_REGION_PROVINCE);
  g_assert_cmpstr (shanghai->name, ==, "上海市");
  g_assert_null (shanghai->parent);
  g_assert_nonnull (shaoxing);
  g_assert_cmpint (shaoxing->level, ==, SHENBAO_REGION_PREFECTURE);
  g_assert_cmpstr (shaoxing->name, ==, "绍兴市");
  g_assert_cmpstr (shaoxing->parent->code, ==, "330000");
  path = shenbao_region_dup_path (shaoxing, TRUE);
  g_assert_cmpstr (path, ==, "浙江省 绍兴市");

  g_assert_cmpuint (provinces->len, ==, shenbao_regions_count (SHENBAO_REGION_PROVINCE));
  g_assert_cmpstr (((ShenbaoRegion *) g_ptr_array_index (provinces, 0))->code, ==, "110000");
  g_assert_cmpuint (districts->len, ==, shaoxing->n_children);
  for (guint i = 0; i < districts->len; i++)
    {
      const ShenbaoRegion *district = g_ptr_array_index (districts, i);

      g_assert_true (district->parent == shaoxing);
      if (i > 0)
        g_assert_cmpstr (((ShenbaoRegion *) g_ptr_array_index (districts, i - 1))->code, <, district->code);
    }
  g_assert_true (g_ptr_array_find (districts, shenbao_regions_lookup ("330604"), NULL));
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_null (shenbao_regions_list_children ("999999"));
}

static void
assert_in_code_order (GPtrArray *regions)
{
  for (guint i = 1; i < regions->len; i++)
    g_assert_cmpstr (((ShenbaoRegion *) g_ptr_array_index (regions, i - 1))->code, <,
                     ((ShenbaoRegion *) g_ptr_array_index (regions, i))->code);
}

static void
test_search (void)
{
  g_autoptr(GPtrArray) shangyu = shenbao_regions_search ("上虞", 50);
  g_autoptr(GPtrArray) by_code = shenbao_regions_search ("3306", 50);
  g_autoptr(GPtrArray) bounded = shenbao_regions_search ("区", 5);
  g_autoptr(GPtrArray) changchun = shenbao_regions_search ("长春　朝阳", 50);
  g_autoptr(GPtrArray) nothing = shenbao_regions_search ("  ", 50);

  g_assert_true (g_ptr_array_find (shangyu, shenbao_regions_lookup ("330604"), NULL));
  /* The older 上虞市 is found too: both are in the table. */
  g_assert_true (g_ptr_array_find (shangyu, shenbao_regions_lookup ("330682"), NULL));
  assert_in_code_order (shangyu);

  g_assert_cmpuint (by_code->len, ==, 1 + shenbao_regions_lookup ("330600")->n_children);
  g_assert_cmpstr (((ShenbaoRegion *) g_ptr_array_index (by_code, 0))->code, ==, "330600");
  assert_in_code_order (by_code);

  g_assert_cmpuint (bounded->len, ==, 5);
  assert_in_code_order (bounded);

  /* Beijing's 朝阳区 is left out: the ideographic space separates the words. */
  g_assert_cmpuint (changchun->len, ==, 1);
  g_assert_cmpstr (((ShenbaoRegion *) g_ptr_array_index (changchun, 0))->code, ==, "220104");
  g_assert_cmpuint (nothing->len, ==, 0);
}

static void
assert_refused (ShenbaoField *field,
                const char   *text,
                const char   *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoValue) value = shenbao_field_parse_value (field, text, &error);

  g_assert_null (value);
  g_assert_error (error, SHENBAO_INPUT_ERROR, SHENBAO_INPUT_ERROR_INVALID);
  g_test_message ("%s → %s", text, error->message);
  g_assert_true (g_str_has_prefix (error->message,
                                   shenbao_text_get (shenbao_field_get_label (field), shenbao_prefers_chinese ())));
  g_assert_nonnull (strstr (error->message, message));
}

static void
assert_parsed (ShenbaoField *field,
               const char   *text,
               const char   *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoValue) value = shenbao_field_parse_value (field, text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (value->type, ==, SHENBAO_VALUE_STRING);
  g_assert_cmpstr (value->string, ==, code);
}

static void
test_field_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoPolicySet) set = shenbao_policy_set_new (g_getenv ("SHENBAO_POLICY_DIR"), &error);
  ShenbaoField *field;

  g_assert_no_error (error);
  field = shenbao_policy_set_find_fact (set, "registered_region");
  g_assert_nonnull (field);

  assert_parsed (field, "310115", "310115");
  assert_parsed (field, " 310103 ", "310103");
  assert_parsed (field, "330000", "330000");
  assert_parsed (field, "上虞区", "330604");
  assert_refused (field, "999999", "is not a known division code");
  assert_refused (field, "31011", "six-digit");
  assert_refused (field, "朝阳区", "districts are called");
}

/* Characters 3–8 of a credit code name the registration authority's division. */
static void
test_credit_code_region (void)
{
  g_autofree char *digits = NULL;
  g_autofree char *unknown_digits = NULL;
  g_autofree char *short_digits = NULL;
  const ShenbaoRegion *pudong = shenbao_credit_code_lookup_region ("91310115MA1K3YJ662", &digits);

  g_assert_nonnull (pudong);
  g_assert_cmpstr (pudong->name, ==, "浦东新区");
  g_assert_cmpstr (digits, ==, "310115");

  g_assert_nonnull (shenbao_credit_code_lookup_region ("91310103MA1K3YJ662", NULL));
  /* Unknown is a warning for the page to show; the digits still come back to show with it. */
  g_assert_null (shenbao_credit_code_lookup_region ("91999999MA1K3YJ662", &unknown_digits));
  g_assert_cmpstr (unknown_digits, ==, "999999");
  g_assert_null (shenbao_credit_code_lookup_region ("913101", &short_digits));
  g_assert_null (short_digits);
}

/* Every area a shipped policy is limited to names a division in the table. */
static void
test_policy_areas_known (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShenbaoPolicySet) set = shenbao_policy_set_new_default (&error);
  g_autoptr(GPtrArray) policies = NULL;
  guint checked = 0;

  g_assert_no_error (error);
  policies = shenbao_policy_set_get_policies (set);
  for (guint p = 0; p < policies->len; p++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (policies, p);
      GPtrArray *areas = shenbao_policy_get_areas (policy);

      for (guint a = 0; areas != NULL && a < areas->len; a++)
        {
          const char *prefix = shenbao_area_get_prefix (g_ptr_array_index (areas, a));
          g_autofree char *code = g_strdup_printf ("%s%.*s", prefix, (int) (6 - MIN (strlen (prefix), 6)), "000000");

          if (!shenbao_regions_is_known (code))
            g_error ("%s: area %s (%s) is not in the division table", shenbao_policy_get_id (policy),
                     prefix, code);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* First, while the table is not loaded yet. */
  g_test_add_func ("/shenbao/regions/first-load-from-threads", test_first_load_from_threads);
  g_test_add_func ("/shenbao/regions/counts", test_counts);
  g_test_add_func ("/shenbao/regions/lookup-district", test_lookup_district);
  g_test_add_func ("/shenbao/regions/older-code-known", test_older_code_known);
  g_test_add_func ("/shenbao/regions/unknown-codes", test_unknown_codes);
  g_test_add_func ("/shenbao/regions/derived-levels", test_derived_levels);
  g_test_add_func ("/shenbao/regions/search", test_search);
  g_test_add_func ("/shenbao/regions/field-parse", test_field_parse);
  g_test_add_func ("/shenbao/regions/credit-code-region", test_credit_code_region);
  g_test_add_func ("/shenbao/regions/policy-areas-known", test_policy_areas_known);
  return g_test_run ();
}
