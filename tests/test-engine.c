/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "shenbao-engine.h"
#include "shenbao-worksheet.h"
#include "shenbao-policy-set.h"
#include "test-compute.h"

/* Each expected amount below is worked by hand from the policy text; the comment shows how. */

static ShenbaoPolicySet *shared_set;

static ShenbaoPolicyResult *
compute (const char *policy_id,
         const char *as_of_text,
         ...)
{
  ShenbaoPolicyResult *result;
  va_list args;

  va_start (args, as_of_text);
  result = test_compute_valist (shared_set, policy_id, as_of_text, args);
  va_end (args);
  return result;
}

static ShenbaoClauseResult *
clause (ShenbaoPolicyResult *result,
        const char          *id)
{
  return test_clause (result, id);
}

static gboolean
strings_mention (GPtrArray  *lines,
                 const char *text)
{
  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The clause's worksheet in either language, as the one renderer writes it. */
static gboolean
clause_mentions (ShenbaoClauseResult *result,
                 const char          *text)
{
  g_autoptr(GPtrArray) en = shenbao_worksheet_clause_lines (result, FALSE, SHENBAO_WORKSHEET_DEFAULT);
  g_autoptr(GPtrArray) zh = shenbao_worksheet_clause_lines (result, TRUE, SHENBAO_WORKSHEET_DEFAULT);

  if (strings_mention (en, text) || strings_mention (zh, text))
    return TRUE;
  for (guint i = 0; i < en->len; i++)
    g_printerr ("  en: %s\n", (char *) g_ptr_array_index (en, i));
  for (guint i = 0; i < zh->len; i++)
    g_printerr ("  zh: %s\n", (char *) g_ptr_array_index (zh, i));
  return FALSE;
}

static gboolean
notes_mention (ShenbaoPolicyResult *result,
               const char          *text)
{
  g_autoptr(GPtrArray) en = shenbao_worksheet_notes (result, FALSE);
  g_autoptr(GPtrArray) zh = shenbao_worksheet_notes (result, TRUE);

  return strings_mention (en, text) || strings_mention (zh, text);
}

#define assert_mentions(clause_result, text) \
  G_STMT_START { if (!clause_mentions ((clause_result), (text))) g_error ("no line mentions “%s”", (text)); } G_STMT_END
#define assert_notes_mention(result, text) \
  G_STMT_START { if (!notes_mention ((result), (text))) g_error ("no note mentions “%s”", (text)); } G_STMT_END

/* Domain guide example 1B: 9,000 m² × 20 yuan × 12 months = 2,160,000, capped at 2,000,000. */
static void
test_rent_cap_binds (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604", "rented_factory_area=9000",
             "1a/factory_rent_months=12", NULL);
  ShenbaoClauseResult *rent = clause (result, "1a");

  g_assert_cmpint (rent->applies, ==, SHENBAO_APPLIES_YES);
  g_assert_cmpint (rent->award_fen, ==, G_GINT64_CONSTANT (200000000));
  assert_mentions (rent, "20.00 yuan/m²/month × Rented factory area 9,000 m² × 12 months = 2,160,000.00 yuan");
  assert_mentions (rent, "At most 2,000,000 per company per year: the cap binds: 2,000,000.00 yuan");
  /* 1a is an "up to" clause (每平方米每月最高20元): counted in the total with maxima only. */
  g_assert_cmpint (result->total_fen, ==, 0);
  g_assert_cmpint (result->total_up_to_fen, ==, G_GINT64_CONSTANT (200000000));
}

/* Example 1A: 9 months, 1,620,000, the cap does not bind. */
static void
test_rent_cap_not_binding (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604", "rented_factory_area=9000",
             "1a/factory_rent_months=9", NULL);
  ShenbaoClauseResult *rent = clause (result, "1a");

  g_assert_cmpint (rent->award_fen, ==, G_GINT64_CONSTANT (162000000));
  assert_mentions (rent, "At most 2,000,000 per company per year: not reached");
}

/* Example 2C: revenue 50,000,000.01 is 超过 50m, tier 500,000, less 300,000 already received. */
static void
test_tier_promotion_difference (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604",
             "embodied_ai_product_revenue=50000000.01", "3a/prior_tier_award_received=300000", NULL);
  ShenbaoClauseResult *tier = clause (result, "3a");

  g_assert_cmpint (tier->award_fen, ==, G_GINT64_CONSTANT (20000000));
  assert_mentions (tier, "50,000,000.01 yuan, above 50,000,000.00 yuan: the tier pays 500,000.00 yuan");
  /* The next tier and what reaching it would pay. */
  assert_mentions (tier, "Next tier: above 100,000,000.00 yuan, it pays 1,000,000.00 yuan (500,000.00 yuan more)");
  assert_mentions (tier, "500,000.00 yuan − Lower-tier revenue award already received 300,000.00 yuan = 200,000.00 yuan");
}

/* 超过 is strict: exactly 50,000,000 stays in the 300,000 tier (example 2B). */
static void
test_tier_edge (void)
{
  g_autoptr(ShenbaoPolicyResult) at = compute ("shangyu-2025", "2025-06-01", "registered_region=330604",
                                               "embodied_ai_product_revenue=50000000", NULL);
  g_autoptr(ShenbaoPolicyResult) at_lowest = compute ("shangyu-2025", "2025-06-01", "registered_region=330604",
                                                      "embodied_ai_product_revenue=20000000", NULL);

  g_assert_cmpint (clause (at, "3a")->award_fen, ==, G_GINT64_CONSTANT (30000000));
  /* Example 2A: 20,000,000 is not 超过 20,000,000: nothing. */
  g_assert_cmpint (clause (at_lowest, "3a")->award_fen, ==, 0);
  g_assert_cmpint (clause (at_lowest, "3a")->payout_fen, ==, 0);
}

/* Example 10: pool factor 0.8, rounded per clause to the fen.
 * 5a: min(50 % × 1,000,000, 1,000,000) = 500,000 → 400,000.00
 * 11: min(4 % × 30,864,197.25, 2,000,000) = 1,234,567.89 → 987,654.312 → 987,654.31
 * 1a: 9,000 × 20 × 9 = 1,620,000 → 1,296,000.00 */
static void
test_pool_pro_rata (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604", "pool_factor=0.8",
             "equipment_investment_excl_tax=1000000", "5a/is_scenario_application_project=yes",
             "11/outside_investment_received=30864197.25", "11/investment_period_months=36",
             "rented_factory_area=9000", "1a/factory_rent_months=9", NULL);

  g_assert_cmpint (clause (result, "5a")->payout_fen, ==, G_GINT64_CONSTANT (40000000));
  g_assert_cmpint (clause (result, "11")->award_fen, ==, G_GINT64_CONSTANT (123456789));
  g_assert_cmpint (clause (result, "11")->payout_fen, ==, G_GINT64_CONSTANT (98765431));
  g_assert_cmpint (clause (result, "1a")->payout_fen, ==, G_GINT64_CONSTANT (129600000));
  assert_mentions (clause (result, "11"), "1,234,567.89 yuan × 0.8 = 987,654.312 yuan, to the fen 987,654.31 yuan");
  g_assert_cmpint (result->total_up_to_fen, ==, G_GINT64_CONSTANT (268365431));
}

/* Example 7B: same compute fees under 6a (20 %) and 6b (50 %): 6b's 4,000,000 is kept. */
static void
test_no_duplication_keeps_higher (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604", "compute_fees_paid=8000000",
             "6b/vertical_model_deployed=yes", NULL);
  ShenbaoClauseResult *low = clause (result, "6a");
  ShenbaoClauseResult *high = clause (result, "6b");

  g_assert_true (low->dropped);
  g_assert_cmpint (low->payout_fen, ==, 0);
  g_assert_cmpint (low->award_fen, ==, G_GINT64_CONSTANT (160000000));
  g_assert_nonnull (strstr (low->dropped_reason.en, "clause 6b pays 4,000,000.00 yuan, more than 1,600,000.00 yuan"));
  g_assert_false (high->dropped);
  g_assert_cmpint (high->payout_fen, ==, G_GINT64_CONSTANT (400000000));
  g_assert_cmpint (result->total_fen, ==, G_GINT64_CONSTANT (400000000));
}

/* Every unmet condition is listed, not only the first (example 7A's edges: exactly 10 billion
 * parameters is not 超百亿, 4 scenarios is fewer than 5, 3 years already used the maximum). */
static void
test_all_unmet_conditions_listed (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("suzhou-2025", "2025-07-01", "registered_region=320505", "compute_fees_paid=5000000",
             "8c/parameter_count=10000000000", "8c/typical_scenarios=4", "8c/years_already_supported=3",
             "8c/is_model_builder=yes", "8c/project_compute_cost=5000000", NULL);
  ShenbaoClauseResult *model = clause (result, "8c");

  g_assert_cmpint (model->applies, ==, SHENBAO_APPLIES_NO);
  g_assert_cmpuint (model->unmet->len, ==, 3);
  /* 8b still pays: min(20 % × 5,000,000, 2,000,000) = 1,000,000. */
  g_assert_cmpint (clause (result, "8b")->payout_fen, ==, G_GINT64_CONSTANT (100000000));
  g_assert_cmpint (result->total_fen, ==, G_GINT64_CONSTANT (100000000));
}

static void
assert_validity (const char      *policy_id,
                 const char      *as_of,
                 ShenbaoValidity  expected,
                 int              days)
{
  g_autoptr(ShenbaoPolicyResult) result = compute (policy_id, as_of, NULL);

  g_assert_cmpint (result->validity, ==, expected);
  if (days >= 0)
    g_assert_cmpint (result->days_to_expiry, ==, days);
}

/* Hangzhou: 自2025年1月22日起施行，有效期至2027年12月31日. */
static void
test_validity (void)
{
  assert_validity ("hangzhou-2024-66", "2025-01-21", SHENBAO_VALIDITY_NOT_YET, -1);
  assert_validity ("hangzhou-2024-66", "2025-01-22", SHENBAO_VALIDITY_IN_FORCE, -1);
  assert_validity ("hangzhou-2024-66", "2027-12-31", SHENBAO_VALIDITY_IN_FORCE, 0);
  assert_validity ("hangzhou-2024-66", "2026-11-23", SHENBAO_VALIDITY_IN_FORCE, 403);
  assert_validity ("hangzhou-2024-66", "2028-01-01", SHENBAO_VALIDITY_EXPIRED, -1);
  /* Drafts are never asserted to be in force, dates or not. */
  assert_validity ("minhang-2025-draft", "2026-01-01", SHENBAO_VALIDITY_DRAFT, -1);
  assert_validity ("pudong-2024", "2025-06-01", SHENBAO_VALIDITY_DRAFT, -1);
}

static void
test_draft_said_plainly (void)
{
  g_autoptr(ShenbaoPolicyResult) result = compute ("minhang-2025-draft", "2026-01-01", NULL);

  assert_notes_mention (result, "draft for comment, not in force on 2026-01-01");
}

/* Example 9B: Pudong maximum min(50 % × 12,000,000, 20,000,000) = 6,000,000; the municipal
 * scheme paid 4,000,000 first; the district tops up 2,000,000. */
static void
test_top_up (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("pudong-2024", "2025-06-01", "registered_region=310115", "tax_region=310115",
             "1/benchmark_project=yes", "1/project_total_investment=12000000", "1/higher_level_award=4000000",
             NULL);
  ShenbaoClauseResult *benchmark = clause (result, "1");

  g_assert_cmpint (benchmark->applies, ==, SHENBAO_APPLIES_YES);
  g_assert_cmpint (benchmark->award_fen, ==, G_GINT64_CONSTANT (200000000));
  assert_mentions (benchmark, "6,000,000.00 yuan − 4,000,000.00 yuan paid by the higher level = 2,000,000.00 yuan");
}

/* Pudong: 工商注册地和税收户管地均在浦东新区. A company taxed in Minhang does not qualify. */
static void
test_location_both_required (void)
{
  g_autoptr(ShenbaoPolicyResult) elsewhere =
    compute ("pudong-2024", "2025-06-01", "registered_region=310115", "tax_region=310112",
             "1/benchmark_project=yes", "1/project_total_investment=12000000", NULL);
  g_autoptr(ShenbaoPolicyResult) unknown =
    compute ("pudong-2024", "2025-06-01", "credit_code=91310115MA1K3YJ662",
             "1/benchmark_project=yes", "1/project_total_investment=12000000", NULL);

  g_assert_cmpint (clause (elsewhere, "1")->applies, ==, SHENBAO_APPLIES_NO);
  assert_mentions (clause (elsewhere, "1"), "Tax administration must be in");
  g_assert_cmpint (elsewhere->total_up_to_fen, ==, 0);
  /* Registration read from the credit code's region digits; the tax district is still needed. */
  g_assert_true (unknown->location_fits);
  g_assert_cmpint (clause (unknown, "1")->applies, ==, SHENBAO_APPLIES_INCOMPLETE);
  g_assert_cmpuint (clause (unknown, "1")->missing->len, ==, 1);
  g_assert_cmpstr (shenbao_field_get_id (g_ptr_array_index (clause (unknown, "1")->missing, 0)), ==, "tax_region");
}

/* Example 3: orders of 8 × 800,000, 6 × 500,000, 4 × 700,000 and 5 × 600,000; 30 units a year.
 * O1 min(1,920,000, 8 × 200,000) = 1,600,000; O2 min(900,000, 1,200,000) = 900,000; O3 has
 * fewer than 5 units; O4 min(900,000, 1,000,000) = 900,000. Total 3,400,000.
 * Route B (100 units a year) counts O3 too: min(840,000, 800,000) = 800,000 → 4,200,000. */
static void
test_per_unit_cap_orders (void)
{
  const char *orders = "7/orders=8,6400000;6,3000000;4,2800000;5,3000000";
  g_autoptr(ShenbaoPolicyResult) route_a =
    compute ("pudong-2024", "2025-06-01", "registered_region=310115", "tax_region=310115",
             "7/produced_in_pudong=yes", "humanoid_business=whole_machine", orders, "7/annual_units_sold=30", NULL);
  g_autoptr(ShenbaoPolicyResult) route_b =
    compute ("pudong-2024", "2025-06-01", "registered_region=310115", "tax_region=310115",
             "7/produced_in_pudong=yes", "humanoid_business=whole_machine", orders, "7/annual_units_sold=100", NULL);

  g_assert_cmpint (clause (route_a, "7")->award_fen, ==, G_GINT64_CONSTANT (340000000));
  g_assert_cmpint (clause (route_b, "7")->award_fen, ==, G_GINT64_CONSTANT (420000000));
}

/* A clause missing a required input shows no amount, and names what is missing. */
static void
test_incomplete_shows_no_amount (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604", "rented_factory_area=9000", NULL);
  ShenbaoClauseResult *rent = clause (result, "1a");

  g_assert_cmpint (rent->applies, ==, SHENBAO_APPLIES_INCOMPLETE);
  g_assert_false (rent->has_amount);
  g_assert_cmpint (rent->payout_fen, ==, 0);
  g_assert_cmpuint (rent->missing->len, ==, 1);
  g_assert_cmpstr (shenbao_field_get_input_key (g_ptr_array_index (rent->missing, 0)), ==,
                   "shangyu-2025/1a/factory_rent_months");
}

/* A review clause shows its maximum and computes nothing (Suzhou 3a: 最高2亿元). */
static void
test_review_shows_cap_only (void)
{
  g_autoptr(ShenbaoPolicyResult) result = compute ("suzhou-2025", "2025-07-01", "registered_region=320505", NULL);
  ShenbaoClauseResult *institute = clause (result, "3a");

  g_assert_false (institute->has_amount);
  g_assert_true (institute->has_cap);
  g_assert_cmpint (institute->cap_fen, ==, G_GINT64_CONSTANT (20000000000));
  assert_mentions (institute, "Amount determined on review, at most 200,000,000.00 yuan");
}

/* 一票否决: a company so listed gets nothing from Shangyu that year (7B would pay 4,000,000). */
static void
test_gate (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604", "veto_or_serious_dishonesty=yes",
             "compute_fees_paid=8000000", "6b/vertical_model_deployed=yes", NULL);

  g_assert_cmpint (clause (result, "6b")->applies, ==, SHENBAO_APPLIES_NO);
  g_assert_cmpint (result->total_fen, ==, 0);
  g_assert_cmpint (result->total_up_to_fen, ==, 0);
}

/* A hard combined cap: the members together get at most 1,000,000, cut from the last one.
 * Fees 2,000,000: clause 1 pays 20 % = 400,000, clause 2 pays 50 % = 1,000,000; together
 * 1,400,000, so clause 2 is cut by 400,000 to 600,000. */
static void
test_hard_combined_cap (void)
{
  const char *text =
    "<policy xmlns=\"https://shenbao.github.io/ns/policy/1\" id=\"combined\">\n"
    " <title xml:lang=\"zh\">合计</title><title xml:lang=\"en\">Combined</title>\n"
    " <issuer><text xml:lang=\"zh\">无</text><text xml:lang=\"en\">None</text></issuer>\n"
    " <status>in-force</status><effective>2025-01-01</effective><expiry>unknown</expiry>\n"
    " <applicants><area prefix=\"31\" stated=\"true\"><name xml:lang=\"zh\">上海</name>"
    "<name xml:lang=\"en\">Shanghai</name></area></applicants>\n"
    " <rules><combined-cap id=\"both\" cap=\"1000000\" binding=\"hard\"><text xml:lang=\"zh\">合计不超过100万元</text>"
    "<text xml:lang=\"en\">together at most 1,000,000</text><member clause=\"1\"/><member clause=\"2\"/></combined-cap></rules>\n"
    " <clause id=\"1\" shape=\"rate_cap\"><title xml:lang=\"zh\">甲</title><title xml:lang=\"en\">A</title><quote>甲</quote>"
    "<award kind=\"exact\"><amount zh=\"甲\" en=\"A\">0.2 * compute_fees_paid</amount></award></clause>\n"
    " <clause id=\"2\" shape=\"rate_cap\"><title xml:lang=\"zh\">乙</title><title xml:lang=\"en\">B</title><quote>乙</quote>"
    "<award kind=\"exact\"><amount zh=\"乙\" en=\"B\">0.5 * compute_fees_paid</amount></award></clause>\n"
    "</policy>\n";
  g_autofree char *dir = g_dir_make_tmp ("shenbao-engine-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "combined.xml", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ShenbaoPolicy) policy = NULL;
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  g_autoptr(ShenbaoPolicyResult) result = NULL;
  GDate as_of;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  policy = shenbao_policy_set_read_file (shared_set, path, problems);
  g_assert_cmpuint (problems->len, ==, 0);
  shenbao_inputs_take (inputs, "compute_fees_paid",
                       shenbao_field_parse_value (shenbao_policy_set_find_fact (shared_set, "compute_fees_paid"),
                                                  "2000000", NULL));
  shenbao_inputs_take (inputs, "registered_region",
                       shenbao_field_parse_value (shenbao_policy_set_find_fact (shared_set, "registered_region"),
                                                  "310115", NULL));
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, 6, 2025);
  result = shenbao_engine_compute (shared_set, policy, inputs, &as_of);

  g_assert_cmpint (clause (result, "1")->payout_fen, ==, G_GINT64_CONSTANT (40000000));
  g_assert_cmpint (clause (result, "2")->payout_fen, ==, G_GINT64_CONSTANT (60000000));
  assert_mentions (clause (result, "2"), "reduced by 400,000.00 yuan");
  g_assert_cmpint (result->total_fen, ==, G_GINT64_CONSTANT (100000000));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  shared_set = shenbao_policy_set_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/shenbao/engine/rent-cap-binds", test_rent_cap_binds);
  g_test_add_func ("/shenbao/engine/rent-cap-not-binding", test_rent_cap_not_binding);
  g_test_add_func ("/shenbao/engine/tier-promotion-difference", test_tier_promotion_difference);
  g_test_add_func ("/shenbao/engine/tier-edge", test_tier_edge);
  g_test_add_func ("/shenbao/engine/pool-pro-rata", test_pool_pro_rata);
  g_test_add_func ("/shenbao/engine/no-duplication-keeps-higher", test_no_duplication_keeps_higher);
  g_test_add_func ("/shenbao/engine/all-unmet-conditions-listed", test_all_unmet_conditions_listed);
  g_test_add_func ("/shenbao/engine/validity", test_validity);
  g_test_add_func ("/shenbao/engine/draft-said-plainly", test_draft_said_plainly);
  g_test_add_func ("/shenbao/engine/top-up", test_top_up);
  g_test_add_func ("/shenbao/engine/location-both-required", test_location_both_required);
  g_test_add_func ("/shenbao/engine/per-unit-cap-orders", test_per_unit_cap_orders);
  g_test_add_func ("/shenbao/engine/incomplete-shows-no-amount", test_incomplete_shows_no_amount);
  g_test_add_func ("/shenbao/engine/review-shows-cap-only", test_review_shows_cap_only);
  g_test_add_func ("/shenbao/engine/gate", test_gate);
  g_test_add_func ("/shenbao/engine/hard-combined-cap", test_hard_combined_cap);

  status = g_test_run ();
  g_clear_object (&shared_set);
  return status;
}
