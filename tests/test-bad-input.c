/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shenbao-engine.h"
#include "shenbao-policy-set.h"

/* A small valid policy; each test breaks one thing in it. Line numbers below refer to it. */
#define POLICY_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                   /* 1 */ \
  "<policy xmlns=\"https://shenbao.github.io/ns/policy/1\" id=\"test-policy\">\n"                  /* 2 */ \
  "  <title xml:lang=\"zh\">测试政策</title><title xml:lang=\"en\">Test policy</title>\n"          /* 3 */ \
  "  <issuer><text xml:lang=\"zh\">无</text><text xml:lang=\"en\">None</text></issuer>\n"          /* 4 */ \
  "  <status>in-force</status>\n"                                                                  /* 5 */ \
  "  <effective>2025-01-01</effective>\n"                                                          /* 6 */ \
  "  <expiry>2026-12-31</expiry>\n"                                                                /* 7 */ \
  "  <applicants><area prefix=\"310115\" stated=\"true\"><name xml:lang=\"zh\">浦东新区</name>"     \
  "<name xml:lang=\"en\">Pudong</name></area></applicants>\n"                                      /* 8 */

#define CLAUSE_OPEN(id) \
  "  <clause id=\"" id "\" shape=\"rate_cap\">\n"                                                  \
  "    <title xml:lang=\"zh\">算力补贴</title><title xml:lang=\"en\">Compute subsidy</title>\n"    \
  "    <quote>按实际支付算力费用的20%给予补贴</quote>\n"                                           \
  "    <award kind=\"exact\">\n"

#define CLAUSE_CLOSE "    </award>\n  </clause>\n"

static const char *good_clause =
  CLAUSE_OPEN ("1")                                                                                /* 9–12 */
  "      <amount zh=\"补贴\" en=\"Subsidy\">0.2 * compute_fees_paid</amount>\n"                    /* 13 */
  "      <cap zh=\"上限\" en=\"Cap\">2000000</cap>\n"                                              /* 14 */
  CLAUSE_CLOSE;                                                                                    /* 15–16 */

static ShenbaoPolicySet *
policy_set (void)
{
  g_autoptr(GError) error = NULL;
  ShenbaoPolicySet *set = shenbao_policy_set_new (g_getenv ("SHENBAO_POLICY_DIR"), &error);

  g_assert_no_error (error);
  return set;
}

static char *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "shenbao-test-XXXXXX", NULL);
  char *path;

  g_assert_nonnull (g_mkdtemp (dir));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Reads the text as a policy file and returns its problems; asserts that each starts with the
 * file name and the expected line. */
static GPtrArray *
read_policy (const char *contents,
             int         expected_line)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autofree char *path = write_file ("policy.xml", contents);
  g_autofree char *prefix = g_strdup_printf ("%s:%d: ", path, expected_line);
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ShenbaoPolicy) policy = shenbao_policy_set_read_file (set, path, problems);

  if (expected_line < 0)
    {
      g_assert_nonnull (policy);
      g_assert_cmpuint (problems->len, ==, 0);
      return problems;
    }
  g_assert_null (policy);
  g_assert_cmpuint (problems->len, >, 0);
  if (!g_str_has_prefix (g_ptr_array_index (problems, 0), prefix))
    g_error ("“%s” does not start with “%s”", (char *) g_ptr_array_index (problems, 0), prefix);
  return problems;
}

static void
assert_mentions (GPtrArray  *problems,
                 const char *text)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), text) != NULL)
      return;
  g_error ("no problem mentions “%s”; first: %s", text, (char *) g_ptr_array_index (problems, 0));
}

static void
test_valid_baseline (void)
{
  g_autofree char *text = g_strconcat (POLICY_HEAD, good_clause, "</policy>\n", NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, -1);
}

static void
test_malformed (void)
{
  /* The </policy> end tag is missing: libxml2 reports it where the document ends. */
  g_autofree char *text = g_strconcat (POLICY_HEAD, good_clause, NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, 17);

  assert_mentions (problems, "policy");
}

static void
test_schema_violation (void)
{
  g_autofree char *text = g_strconcat (POLICY_HEAD,
                                       "  <clause id=\"1\" shape=\"rate_cap\">\n"
                                       "    <title xml:lang=\"zh\">算力</title><title xml:lang=\"en\">Compute</title>\n"
                                       "    <award kind=\"exact\"><amount zh=\"a\" en=\"a\">1</amount></award>\n"
                                       "  </clause>\n</policy>\n", NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, 11);

  /* The clause lacks its <quote>: libxml2 says so where <award> comes instead. */
  assert_mentions (problems, "Did not expect element award");
}

static void
test_unknown_reference (void)
{
  g_autofree char *text = g_strconcat (POLICY_HEAD, CLAUSE_OPEN ("1"),
                                       "      <amount zh=\"补贴\" en=\"Subsidy\">0.2 * compute_fee_paid</amount>\n",
                                       CLAUSE_CLOSE, "</policy>\n", NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, 13);

  assert_mentions (problems, "unknown name “compute_fee_paid”");
}

static void
test_formula_syntax (void)
{
  g_autofree char *text = g_strconcat (POLICY_HEAD, CLAUSE_OPEN ("1"),
                                       "      <amount zh=\"补贴\" en=\"Subsidy\">0.2 * (compute_fees_paid</amount>\n",
                                       CLAUSE_CLOSE, "</policy>\n", NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, 13);

  assert_mentions (problems, "expected “)”");
}

static void
test_unit_mismatch (void)
{
  g_autofree char *text = g_strconcat (POLICY_HEAD, CLAUSE_OPEN ("1"),
                                       "      <amount zh=\"补贴\" en=\"Subsidy\">0.2 * rented_factory_area</amount>\n",
                                       CLAUSE_CLOSE, "</policy>\n", NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, 13);

  assert_mentions (problems, "must be an amount in yuan; its unit is m2");
}

static void
test_duplicate_clause (void)
{
  g_autofree char *text = g_strconcat (POLICY_HEAD, good_clause, good_clause, "</policy>\n", NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, 17);

  assert_mentions (problems, "clause id 1 is used twice");
}

static void
test_unknown_member_and_flag (void)
{
  g_autofree char *text = g_strconcat (POLICY_HEAD,
                                       "  <rules>\n"
                                       "    <exclusive id=\"same\" resolution=\"higher\"><text xml:lang=\"zh\">同一事项</text>"
                                       "<text xml:lang=\"en\">Same matter</text><member clause=\"1\"/><member clause=\"9\"/></exclusive>\n"
                                       "  </rules>\n",
                                       good_clause, "</policy>\n", NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, 10);

  assert_mentions (problems, "names clause 9");
}

static void
test_billion_laughs (void)
{
  GString *text = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE policy [\n <!ENTITY lol \"lol\">\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *contents = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int i = 1; i <= 9; i++)
    {
      g_string_append_printf (text, " <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        {
          g_autofree char *previous = i == 1 ? g_strdup ("") : g_strdup_printf ("%d", i - 1);
          g_string_append_printf (text, "&lol%s;", previous);
        }
      g_string_append (text, "\">\n");
    }
  g_string_append (text, "]>\n<policy xmlns=\"https://shenbao.github.io/ns/policy/1\" id=\"x\">&lol9;</policy>\n");
  contents = g_string_free (text, FALSE);

  /* libxml2 stops at the nested entities before our own refusal of any DOCTYPE is reached. */
  problems = read_policy (contents, 1);
  assert_mentions (problems, "entity reference loop");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_external_entity (void)
{
  g_autoptr(GPtrArray) problems =
    read_policy ("<?xml version=\"1.0\"?>\n"
                 "<!DOCTYPE policy [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                 "<policy xmlns=\"https://shenbao.github.io/ns/policy/1\" id=\"x\">&secret;</policy>\n", 1);

  assert_mentions (problems, "not allowed");
  for (guint i = 0; i < problems->len; i++)
    g_assert_null (strstr (g_ptr_array_index (problems, i), "root:"));
}

static void
test_other_policies_still_load (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autofree char *good = g_strconcat (POLICY_HEAD, good_clause, "</policy>\n", NULL);
  g_autofree char *good_path = write_file ("a-good.xml", good);
  g_autofree char *dir = g_path_get_dirname (good_path);
  g_autofree char *bad_path = g_build_filename (dir, "b-bad.xml", NULL);
  GPtrArray *problems;

  g_assert_true (g_file_set_contents (bad_path, "<policy><unclosed></policy>", -1, NULL));
  shenbao_policy_set_load_directory (set, dir);

  g_assert_nonnull (shenbao_policy_set_lookup (set, "test-policy"));
  problems = shenbao_policy_set_get_problems (set);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), bad_path));
}

/* A policy whose formula is a chain of 52,000 terms is refused with file:line; the stack holds,
 * and a good policy beside it still loads. */
static void
test_long_formula (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autoptr(GString) formula = g_string_new ("compute_fees_paid");
  g_autofree char *text = NULL;
  g_autofree char *good = g_strconcat (POLICY_HEAD, good_clause, "</policy>\n", NULL);
  g_autofree char *good_path = write_file ("a-good.xml", good);
  g_autofree char *dir = g_path_get_dirname (good_path);
  g_autofree char *long_path = g_build_filename (dir, "b-long.xml", NULL);
  g_autofree char *prefix = g_strdup_printf ("%s:13: ", long_path);
  GPtrArray *problems;

  for (int i = 1; i < 52000; i++)
    g_string_append (formula, " + 1");
  text = g_strconcat (POLICY_HEAD, CLAUSE_OPEN ("1"),
                      "      <amount zh=\"补贴\" en=\"Subsidy\">", formula->str, "</amount>\n",
                      CLAUSE_CLOSE, "</policy>\n", NULL);
  /* Same policy id as the good file would be a duplicate: give it its own. */
  memcpy (strstr (text, "test-policy"), "long-policy", strlen ("long-policy"));
  g_assert_true (g_file_set_contents (long_path, text, -1, NULL));

  shenbao_policy_set_load_directory (set, dir);
  g_assert_nonnull (shenbao_policy_set_lookup (set, "test-policy"));
  g_assert_null (shenbao_policy_set_lookup (set, "long-policy"));
  problems = shenbao_policy_set_get_problems (set);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), prefix));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "the formula is too long"));
}

/* Two files with one policy id: the first by name is kept whatever order the directory lists
 * them in, and the problem names both files. */
static void
test_duplicate_policy_id (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autofree char *good = g_strconcat (POLICY_HEAD, good_clause, "</policy>\n", NULL);
  g_autofree char *first_path = write_file ("m-first.xml", good);
  g_autofree char *dir = g_path_get_dirname (first_path);
  g_autofree char *second_path = g_build_filename (dir, "a-second.xml", NULL);
  g_autofree char *second = g_strdup (good);
  g_autofree char *expected = NULL;
  GPtrArray *problems;
  ShenbaoPolicy *policy;

  /* The second file differs in its title, so the test can tell which was kept. */
  memcpy (strstr (second, "Test policy"), "Copy policy", strlen ("Copy policy"));
  g_assert_true (g_file_set_contents (second_path, second, -1, NULL));

  shenbao_policy_set_load_directory (set, dir);
  policy = shenbao_policy_set_lookup (set, "test-policy");
  g_assert_nonnull (policy);
  /* "a-second.xml" sorts before "m-first.xml", so it is the one kept. */
  g_assert_cmpstr (shenbao_policy_get_title (policy)->en, ==, "Copy policy");
  g_assert_cmpstr (shenbao_policy_get_path (policy), ==, second_path);
  problems = shenbao_policy_set_get_problems (set);
  g_assert_cmpuint (problems->len, ==, 1);
  expected = g_strdup_printf ("%s: policy id “test-policy” is already used by %s; this file is ignored",
                              first_path, second_path);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, expected);
}

/* Keys come back in name order; they once were sorted by the addresses of their pointers. */
static void
test_input_keys_sorted (void)
{
  static const char *keys[] = { "zeta", "alpha", "mu", "beta", "omega", "delta", "kappa", "eta" };
  static const char *sorted[] = { "alpha", "beta", "delta", "eta", "kappa", "mu", "omega", "zeta" };
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  g_autoptr(GPtrArray) listed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    shenbao_inputs_take (inputs, keys[i], shenbao_value_new (SHENBAO_VALUE_BOOL));
  listed = shenbao_inputs_list_keys (inputs);
  g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (g_ptr_array_index (listed, i), ==, sorted[i]);
}

/* A FIFO named like a policy once blocked the loader for ever, and a link to /dev/zero made it
 * read gigabytes. Both are refused by name at once, and the good policy beside them loads. */
static void
test_special_files (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autofree char *good = g_strconcat (POLICY_HEAD, good_clause, "</policy>\n", NULL);
  g_autofree char *good_path = write_file ("c-good.xml", good);
  g_autofree char *dir = g_path_get_dirname (good_path);
  g_autofree char *fifo_path = g_build_filename (dir, "a-fifo.xml", NULL);
  g_autofree char *zero_path = g_build_filename (dir, "b-zero.xml", NULL);
  g_autofree char *big_path = g_build_filename (dir, "d-big.xml", NULL);
  g_autofree char *big = g_malloc0 (4 * 1024 * 1024 + 1);
  gint64 start = g_get_monotonic_time ();
  GPtrArray *problems;

  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero_path), ==, 0);
  /* One byte over the 4 MiB limit. */
  memset (big, ' ', 4 * 1024 * 1024 + 1);
  g_assert_true (g_file_set_contents (big_path, big, 4 * 1024 * 1024 + 1, NULL));

  shenbao_policy_set_load_directory (set, dir);
  g_assert_nonnull (shenbao_policy_set_lookup (set, "test-policy"));
  problems = shenbao_policy_set_get_problems (set);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), fifo_path));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "not a regular file"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), zero_path));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "not a regular file"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 2), big_path));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 2), "larger than 4194304 bytes"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* The schema's xsd:date allows years of five digits and negative years; the loader does not. */
static void
test_impossible_policy_dates (void)
{
  static const struct { const char *expiry; const char *message; } cases[] = {
    { "67561-01-01", "<expiry>: “67561-01-01” is not a date: the year must have four digits" },
    { "-2025-01-01", "<expiry>: “-2025-01-01” is not a date: the year must have four digits" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *head = g_strdup (POLICY_HEAD);
      g_autofree char *expiry = g_strdup_printf ("<expiry>%s</expiry>", cases[i].expiry);
      g_auto(GStrv) parts = g_strsplit (head, "<expiry>2026-12-31</expiry>", 2);
      g_autofree char *text = g_strconcat (parts[0], expiry, parts[1], good_clause, "</policy>\n", NULL);
      g_autoptr(GPtrArray) problems = read_policy (text, 7);

      assert_mentions (problems, cases[i].message);
    }
}

/* fuzz-expr found that count() and sum() without arguments crashed the checker; in a policy
 * that was the loader. Now it is a file:line problem like any other. */
static void
test_call_without_arguments (void)
{
  g_autofree char *text = g_strconcat (POLICY_HEAD, CLAUSE_OPEN ("1"),
                                       "      <amount zh=\"补贴\" en=\"Subsidy\">count() * 1[yuan]</amount>\n",
                                       CLAUSE_CLOSE, "</policy>\n", NULL);
  g_autoptr(GPtrArray) problems = read_policy (text, 13);

  assert_mentions (problems, "count() takes a list field and a formula");
}

static void
assert_value_refused (ShenbaoField *field,
                      const char   *text,
                      const char   *mentions)
{
  g_autoptr(GError) error = NULL;
  ShenbaoValue *value = shenbao_field_parse_value (field, text, &error);

  g_assert_null (value);
  g_assert_nonnull (error);
  if (strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  /* The message names the field, so the user knows where to look. */
  g_assert_nonnull (strstr (error->message, shenbao_field_get_label (field)->en));
}

static void
test_bad_amounts (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  ShenbaoField *fees = shenbao_policy_set_find_fact (set, "compute_fees_paid");

  assert_value_refused (fees, "-5", "below the minimum 0");
  assert_value_refused (fees, "abc", "not a number");
  assert_value_refused (fees, "12.345", "fractions of a fen");
  assert_value_refused (fees, "99999999999999", "too large");
  assert_value_refused (fees, "9999999亿", "too large");
  assert_value_refused (shenbao_policy_set_find_fact (set, "registered_region"), "31011", "six-digit");
  assert_value_refused (shenbao_policy_set_find_fact (set, "credit_code"), "91310115MA1K3YJ663",
                        "Character 18 “3” is wrong: the check character should be “2”");
  assert_value_refused (shenbao_policy_set_find_fact (set, "segment"), "sideways", "not one of the choices");
  assert_value_refused (shenbao_policy_set_find_fact (set, "independent_legal_person"), "maybe", "yes or no");
}

/* An amount too large to compute exactly is an error on that clause; the others still compute. */
static void
test_overflow_in_compute (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autofree char *text = g_strconcat (POLICY_HEAD, good_clause, CLAUSE_OPEN ("2"),
                                       "      <amount zh=\"补贴\" en=\"Subsidy\">compute_fees_paid * 100000000</amount>\n",
                                       CLAUSE_CLOSE, "</policy>\n", NULL);
  g_autofree char *path = write_file ("overflow.xml", text);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ShenbaoPolicy) policy = shenbao_policy_set_read_file (set, path, problems);
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  g_autoptr(ShenbaoPolicyResult) result = NULL;
  ShenbaoClauseResult *first, *second;
  GDate as_of;

  g_assert_nonnull (policy);
  shenbao_inputs_take (inputs, "compute_fees_paid",
                       shenbao_field_parse_value (shenbao_policy_set_find_fact (set, "compute_fees_paid"),
                                                  "500000000", NULL));
  shenbao_inputs_take (inputs, "registered_region",
                       shenbao_field_parse_value (shenbao_policy_set_find_fact (set, "registered_region"),
                                                  "310115", NULL));
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, 6, 2025);
  result = shenbao_engine_compute (set, policy, inputs, &as_of);

  first = shenbao_policy_result_find (result, "1");
  second = shenbao_policy_result_find (result, "2");
  /* 20 % × 500,000,000 = 100,000,000, capped at 2,000,000. */
  g_assert_cmpint (first->payout_fen, ==, G_GINT64_CONSTANT (200000000));
  g_assert_nonnull (second->error);
  g_assert_nonnull (strstr (second->error->message, "too large"));
  g_assert_false (second->has_amount);
  g_assert_cmpint (result->total_fen, ==, G_GINT64_CONSTANT (200000000));
}

static ShenbaoPolicyResult *
compute_text (ShenbaoPolicySet *set,
              const char       *text,
              const char       *compute_fees)
{
  g_autofree char *path = write_file ("generated.xml", text);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ShenbaoPolicy) policy = shenbao_policy_set_read_file (set, path, problems);
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  GDate as_of;

  if (policy == NULL)
    g_error ("%s", (char *) g_ptr_array_index (problems, 0));
  shenbao_inputs_take (inputs, "compute_fees_paid",
                       shenbao_field_parse_value (shenbao_policy_set_find_fact (set, "compute_fees_paid"), compute_fees, NULL));
  shenbao_inputs_take (inputs, "registered_region",
                       shenbao_field_parse_value (shenbao_policy_set_find_fact (set, "registered_region"), "310115", NULL));
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, 6, 2025);
  return shenbao_engine_compute (set, policy, inputs, &as_of);
}

/* Clause k pays k thousandths of the compute fees: with fees of 1,000,000, k × 1,000 yuan. */
static void
append_clause (GString *text,
               guint    k)
{
  g_string_append_printf (text,
                          "  <clause id=\"%u\" shape=\"rate_cap\">\n"
                          "    <title xml:lang=\"zh\">条款</title><title xml:lang=\"en\">Clause</title>\n"
                          "    <quote>原文</quote>\n"
                          "    <award kind=\"exact\">\n"
                          "      <amount zh=\"补贴\" en=\"Subsidy\">0.001 * %u * compute_fees_paid</amount>\n"
                          "    </award>\n  </clause>\n", k, k);
}

/* 18 same-matter rules of two clauses each once took over a minute (every combination of 36
 * clauses); each linked pair is now weighed apart. Pair (2i−1, 2i) keeps 2i, paying 2,000 × i:
 * 2,000 × (1 + … + 18) = 2,000 × 171 = 342,000.00. */
static void
test_same_matter_many_groups (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autoptr(GString) text = g_string_new (POLICY_HEAD "  <rules>\n");
  g_autoptr(ShenbaoPolicyResult) result = NULL;
  gint64 start;
  guint dropped = 0;

  for (guint i = 1; i <= 18; i++)
    g_string_append_printf (text, "    <exclusive id=\"pair%u\" resolution=\"higher\" same=\"always\">"
                                  "<text xml:lang=\"zh\">同一事项</text><text xml:lang=\"en\">Same matter</text>"
                                  "<member clause=\"%u\"/><member clause=\"%u\"/></exclusive>\n", i, 2 * i - 1, 2 * i);
  g_string_append (text, "  </rules>\n");
  for (guint k = 1; k <= 36; k++)
    append_clause (text, k);
  g_string_append (text, "</policy>\n");

  start = g_get_monotonic_time ();
  result = compute_text (set, text->str, "1000000");
  g_test_message ("36 clauses in 18 same-matter pairs: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_no_error (result->error);
  g_assert_cmpint (result->total_fen, ==, G_GINT64_CONSTANT (34200000));
  for (guint i = 0; i < result->clauses->len; i++)
    dropped += ((ShenbaoClauseResult *) g_ptr_array_index (result->clauses, i))->dropped;
  g_assert_cmpuint (dropped, ==, 18);
}

/* One rule linking 22 clauses is past what is weighed whole: the highest is kept (clause 22,
 * 22,000.00), the others are dropped, and the result says the choice may not be the best;
 * one matter is never counted twice. */
static void
test_same_matter_too_many_linked (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autoptr(GString) text = g_string_new (POLICY_HEAD "  <rules>\n    <exclusive id=\"all\" resolution=\"higher\" same=\"always\">"
                                          "<text xml:lang=\"zh\">同一事项</text><text xml:lang=\"en\">Same matter</text>");
  g_autoptr(ShenbaoPolicyResult) result = NULL;

  for (guint k = 1; k <= 22; k++)
    g_string_append_printf (text, "<member clause=\"%u\"/>", k);
  g_string_append (text, "</exclusive>\n  </rules>\n");
  for (guint k = 1; k <= 22; k++)
    append_clause (text, k);
  g_string_append (text, "</policy>\n");

  result = compute_text (set, text->str, "1000000");
  g_assert_nonnull (result->error);
  g_assert_nonnull (strstr (result->error->message, "at most 20"));
  g_assert_cmpint (result->total_fen, ==, G_GINT64_CONSTANT (2200000));
  g_assert_false (shenbao_policy_result_find (result, "22")->dropped);
  g_assert_true (shenbao_policy_result_find (result, "21")->dropped);
}

/* A pool factor that would scale an amount past what 64 bits hold is an error, never a wrapped
 * amount: 9,000,000,000,000.00 × 10. */
static void
test_pool_overflow (void)
{
  g_autoptr(ShenbaoPolicySet) set = policy_set ();
  g_autoptr(GString) text = g_string_new (POLICY_HEAD "  <rules>\n"
                                          "    <field id=\"factor\" type=\"number\" min=\"0\" default=\"10\">"
                                          "<label xml:lang=\"zh\">系数</label><label xml:lang=\"en\">Factor</label></field>\n"
                                          "    <pool id=\"pool\" budget=\"1\" factor=\"factor\">"
                                          "<text xml:lang=\"zh\">资金池</text><text xml:lang=\"en\">Pool</text>"
                                          "<member clause=\"1000\"/></pool>\n  </rules>\n");
  g_autoptr(ShenbaoPolicyResult) result = NULL;
  ShenbaoClauseResult *clause;

  append_clause (text, 1000);
  g_string_append (text, "</policy>\n");
  /* 0.001 × 1000 × 9,000,000,000,000 = 9,000,000,000,000.00, itself within range. */
  result = compute_text (set, text->str, "9000000000000");
  clause = shenbao_policy_result_find (result, "1000");
  g_assert_cmpint (clause->award_fen, ==, G_GINT64_CONSTANT (900000000000000));
  g_assert_nonnull (result->error);
  g_assert_nonnull (strstr (result->error->message, "too large"));
  g_assert_cmpint (clause->payout_fen, ==, 0);
  g_assert_cmpint (result->total_fen, >=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shenbao/bad-input/valid-baseline", test_valid_baseline);
  g_test_add_func ("/shenbao/bad-input/same-matter-many-groups", test_same_matter_many_groups);
  g_test_add_func ("/shenbao/bad-input/same-matter-too-many-linked", test_same_matter_too_many_linked);
  g_test_add_func ("/shenbao/bad-input/pool-overflow", test_pool_overflow);
  g_test_add_func ("/shenbao/bad-input/malformed-xml", test_malformed);
  g_test_add_func ("/shenbao/bad-input/schema-violation", test_schema_violation);
  g_test_add_func ("/shenbao/bad-input/unknown-reference", test_unknown_reference);
  g_test_add_func ("/shenbao/bad-input/formula-syntax", test_formula_syntax);
  g_test_add_func ("/shenbao/bad-input/unit-mismatch", test_unit_mismatch);
  g_test_add_func ("/shenbao/bad-input/duplicate-clause", test_duplicate_clause);
  g_test_add_func ("/shenbao/bad-input/unknown-member", test_unknown_member_and_flag);
  g_test_add_func ("/shenbao/bad-input/billion-laughs", test_billion_laughs);
  g_test_add_func ("/shenbao/bad-input/external-entity", test_external_entity);
  g_test_add_func ("/shenbao/bad-input/other-policies-still-load", test_other_policies_still_load);
  g_test_add_func ("/shenbao/bad-input/long-formula", test_long_formula);
  g_test_add_func ("/shenbao/bad-input/duplicate-policy-id", test_duplicate_policy_id);
  g_test_add_func ("/shenbao/bad-input/input-keys-sorted", test_input_keys_sorted);
  g_test_add_func ("/shenbao/bad-input/special-files", test_special_files);
  g_test_add_func ("/shenbao/bad-input/impossible-policy-dates", test_impossible_policy_dates);
  g_test_add_func ("/shenbao/bad-input/call-without-arguments", test_call_without_arguments);
  g_test_add_func ("/shenbao/bad-input/bad-amounts", test_bad_amounts);
  g_test_add_func ("/shenbao/bad-input/overflow-in-compute", test_overflow_in_compute);

  return g_test_run ();
}
