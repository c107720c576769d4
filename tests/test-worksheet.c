/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "shenbao-engine.h"
#include "shenbao-policy-set.h"
#include "shenbao-worksheet.h"
#include "test-compute.h"

/* The worksheet lines of one clause of each shape, in both languages. Every figure is worked by
 * hand from the policy text and the domain guide's examples; the comment above each test shows
 * how. A line is compared whole: its words are what a finance team checks. */

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

/* Asserts the clause's worksheet (steps and other readings) is exactly these lines. */
static void
assert_lines (ShenbaoClauseResult *result,
              gboolean             chinese,
              const char * const  *expected)
{
  g_autoptr(GPtrArray) steps = shenbao_worksheet_step_lines (result, chinese, SHENBAO_WORKSHEET_DEFAULT);
  g_autoptr(GPtrArray) alternatives = shenbao_worksheet_alternative_lines (result, chinese);
  guint n = 0;

  for (guint i = 0; i < alternatives->len; i++)
    g_ptr_array_add (steps, g_strdup (g_ptr_array_index (alternatives, i)));
  for (; expected[n] != NULL; n++)
    {
      g_assert_cmpuint (n, <, steps->len);
      g_assert_cmpstr (g_ptr_array_index (steps, n), ==, expected[n]);
    }
  g_assert_cmpuint (n, ==, steps->len);
}

/* Rate with cap, Shangyu 5a: 50 % × 3,000,000 = 1,500,000, above the 1,000,000 cap. */
static void
test_rate_with_cap (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604", "equipment_investment_excl_tax=3000000",
             "5a/is_scenario_application_project=yes", NULL);
  const char *en[] = {
    "Equipment investment × 50%: 50% × Equipment investment completed this year, excluding tax 3,000,000.00 yuan = 1,500,000.00 yuan",
    "At most 1,000,000: the cap binds: 1,000,000.00 yuan",
    "Annual pool (50,000,000.00 yuan): factor 1, not reduced; paid pro rata if the district total exceeds it",
    NULL };
  const char *zh[] = {
    "设备投资额 × 50%：50% × 当年实际完成设备投入（不含税） 3,000,000.00 元 = 1,500,000.00 元（150万元）",
    "最高奖励100万元：超过上限，取上限 1,000,000.00 元（100万元）",
    "年度资金池（50,000,000.00 元（5000万元））：比例系数 1，未缩减；全区兑现总额超过资金上限时按比例兑现",
    NULL };

  g_assert_cmpint (clause (result, "5a")->award_fen, ==, G_GINT64_CONSTANT (100000000));
  assert_lines (clause (result, "5a"), FALSE, en);
  assert_lines (clause (result, "5a"), TRUE, zh);
}

/* Tiers with 晋级差额, Shangyu 3a (domain example 2C): revenue 50,000,000.01 is above 50m, so
 * 500,000; the next tier is above 100m at 1,000,000 (500,000 more); less the 300,000 tier
 * already received, 200,000. */
static void
test_tiers_promotion (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604",
             "embodied_ai_product_revenue=50000000.01", "3a/prior_tier_award_received=300000", NULL);
  const char *en[] = {
    "Revenue over 20m, 50m, 100m earns 300,000, 500,000, 1,000,000: Revenue from embodied-AI products this year 50,000,000.01 yuan, above 50,000,000.00 yuan: the tier pays 500,000.00 yuan",
    "Next tier: above 100,000,000.00 yuan, it pays 1,000,000.00 yuan (500,000.00 yuan more)",
    "Promotion difference: less the lower-tier award already received: 500,000.00 yuan − Lower-tier revenue award already received 300,000.00 yuan = 200,000.00 yuan",
    "Annual pool (50,000,000.00 yuan): factor 1, not reduced; paid pro rata if the district total exceeds it",
    NULL };
  const char *zh[] = {
    "营收超过2000万元、5000万元、1亿元的，分别奖励30万元、50万元、100万元：当年具身智能相关产品营收 50,000,000.01 元，超过 50,000,000.00 元（5000万元），该档奖励 500,000.00 元（50万元）",
    "下一档：超过 100,000,000.00 元（10000万元），奖励 1,000,000.00 元（100万元）（比本档多 500,000.00 元（50万元））",
    "晋级差额：扣除已获得的较低档奖励：500,000.00 元（50万元） − 已获得的较低档营收奖励 300,000.00 元 = 200,000.00 元（20万元）",
    "年度资金池（50,000,000.00 元（5000万元））：比例系数 1，未缩减；全区兑现总额超过资金上限时按比例兑现",
    NULL };

  g_assert_cmpint (clause (result, "3a")->award_fen, ==, G_GINT64_CONSTANT (20000000));
  assert_lines (clause (result, "3a"), FALSE, en);
  assert_lines (clause (result, "3a"), TRUE, zh);
}

/* Per-unit orders, Pudong 7 (domain example 3): 23 units a year (< 100), so only orders of 5 or
 * more count; O1 min(30 % × 6,400,000 = 1,920,000, 8 × 200,000 = 1,600,000) = 1,600,000; O2
 * min(900,000, 1,200,000) = 900,000; O3 (4 units) not counted; O4 min(900,000, 1,000,000) =
 * 900,000; total 3,400,000. */
static void
test_per_unit_orders (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("pudong-2024", "2025-06-01", "registered_region=310115", "tax_region=310115",
             "humanoid_business=whole_machine", "7/produced_in_pudong=yes",
             "7/orders=8,6400000;6,3000000;4,2800000;5,3000000", NULL);
  const char *en[] = {
    "Rate applied (at most 30 %): Reward rate approved 30%",
    "Units sold in the year: Complete humanoid robots sold by the company this year 0 units; total Units 23 units; the higher is 23 units",
    "Order 1: 30% × Contract amount 6,400,000.00 yuan = 1,920,000.00 yuan; 200,000.00 yuan/unit × Units 8 units = 1,600,000.00 yuan; the lower is 1,600,000.00 yuan",
    "Order 2: 30% × Contract amount 3,000,000.00 yuan = 900,000.00 yuan; 200,000.00 yuan/unit × Units 6 units = 1,200,000.00 yuan; the lower is 900,000.00 yuan",
    "Order 3: “Units sold in the year 23 units ≥ 100 or Units 4 units ≥ 5” is not met, not counted",
    "Order 4: 30% × Contract amount 3,000,000.00 yuan = 900,000.00 yuan; 200,000.00 yuan/unit × Units 5 units = 1,000,000.00 yuan; the lower is 900,000.00 yuan",
    "Sum over counted orders (each the lower of contract × rate and units × 200,000; all orders at 100 units a year, otherwise orders of 5 units or more): 1,600,000.00 yuan + 900,000.00 yuan + 0.00 yuan + 900,000.00 yuan = 3,400,000.00 yuan",
    "At most 50,000,000 per company per year: not reached",
    NULL };
  const char *zh[] = {
    "适用奖励比例（最高30%）：核定奖励比例 30%",
    "年销售总台数：企业本年度人形机器人整机销售总台数 0 台；台数合计 23 台，取较高者 23 台",
    "订单 1：30% × 合同金额 6,400,000.00 元 = 1,920,000.00 元；200,000.00 元/台 × 台数 8 台 = 1,600,000.00 元，取较低者 1,600,000.00 元",
    "订单 2：30% × 合同金额 3,000,000.00 元 = 900,000.00 元；200,000.00 元/台 × 台数 6 台 = 1,200,000.00 元，取较低者 900,000.00 元",
    "订单 3：未满足“年销售总台数 23 台 ≥ 100 或 台数 4 台 ≥ 5”，不计",
    "订单 4：30% × 合同金额 3,000,000.00 元 = 900,000.00 元；200,000.00 元/台 × 台数 5 台 = 1,000,000.00 元，取较低者 900,000.00 元",
    "各计奖订单奖励之和（每笔取合同金额 × 比例与台数 × 20万元的较低者；年销量达100台全部订单计奖，否则只计5台以上订单）：1,600,000.00 元 + 900,000.00 元 + 0.00 元 + 900,000.00 元 = 3,400,000.00 元（340万元）",
    "单个企业年度最高5000万元：未超过上限",
    NULL };

  g_assert_cmpint (clause (result, "7")->award_fen, ==, G_GINT64_CONSTANT (340000000));
  assert_lines (clause (result, "7"), FALSE, en);
  assert_lines (clause (result, "7"), TRUE, zh);
}

/* Matching with the all-level ceiling, Pudong 8b (domain example 8B): 50 % × 6,000,000 =
 * 3,000,000; ceiling min(50 % × 15,000,000 = 7,500,000, 50,000,000) = 7,500,000; headroom
 * 7,500,000 − 6,000,000 = 1,500,000, which binds. */
static void
test_matching_ceiling (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("pudong-2024", "2025-06-01", "registered_region=310115", "tax_region=310115",
             "8b/unstated_matching_project=yes", "8b/unstated_matching_accepted=yes",
             "8b/municipal_project_funds=6000000", "8b/company_total_investment=15000000", NULL);
  const char *en[] = {
    "Matching rate applied (at most 50 %): Matching rate agreed 50%",
    "All-level ceiling (50 % of total investment, at most 50,000,000): 50% × Company's total investment in the project 15,000,000.00 yuan = 7,500,000.00 yuan; 50,000,000.00 yuan; the lower is 7,500,000.00 yuan",
    "Government awards and grants already on the project (municipal funds included): Total Shanghai municipal project funds received by the company 6,000,000.00 yuan + Other government awards and grants on the project (excluding the municipal funds above) 0.00 yuan = 6,000,000.00 yuan",
    "Municipal project funds × matching rate: 50% × Total Shanghai municipal project funds received by the company 6,000,000.00 yuan = 3,000,000.00 yuan",
    "All government awards on the project at most 50 % of the total investment and 50,000,000: 7,500,000.00 yuan − 6,000,000.00 yuan = 1,500,000.00 yuan; the cap binds: 1,500,000.00 yuan",
    NULL };
  const char *zh[] = {
    "适用配套比例（最高50%）：协商确定的配套比例 50%",
    "各级政府奖励总额上限（总投入的50%，最高5000万元）：50% × 企业对该项目的总投入 15,000,000.00 元 = 7,500,000.00 元；50,000,000.00 元，取较低者 7,500,000.00 元（750万元）",
    "该项目已获各级政府奖励和资助（含市级资金）：企业获得的上海市级项目扶持资金总额 6,000,000.00 元 + 该项目已获其他政府奖励和资助（不含上述市级资金） 0.00 元 = 6,000,000.00 元（600万元）",
    "市级项目扶持资金 × 配套比例：50% × 企业获得的上海市级项目扶持资金总额 6,000,000.00 元 = 3,000,000.00 元（300万元）",
    "同一项目各级政府奖励和资助总额不超过企业总投入的50%，最高5000万元：7,500,000.00 元 − 6,000,000.00 元 = 1,500,000.00 元（150万元）；超过上限，取上限 1,500,000.00 元（150万元）",
    NULL };

  g_assert_cmpint (clause (result, "8b")->award_fen, ==, G_GINT64_CONSTANT (150000000));
  assert_lines (clause (result, "8b"), FALSE, en);
  assert_lines (clause (result, "8b"), TRUE, zh);
}

/* Pool factor, Shangyu 11 (domain example 10): 4 % × 30,864,197.25 = 1,234,567.89, below the
 * 2,000,000 cap; × 0.8 = 987,654.312, half-up to the fen 987,654.31. */
static void
test_pool_factor (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("shangyu-2025", "2025-06-01", "registered_region=330604", "pool_factor=0.8",
             "11/outside_investment_received=30864197.25", "11/investment_period_months=36", NULL);
  const char *en[] = {
    "Investment received × 4%: 4% × Investment actually received this year from venture-capital firms outside the district or listed companies 30,864,197.25 yuan = 1,234,567.89 yuan",
    "At most 2,000,000: not reached",
    "Annual pool paid pro rata: 1,234,567.89 yuan × 0.8 = 987,654.312 yuan, to the fen 987,654.31 yuan",
    NULL };
  const char *zh[] = {
    "实际投资额 × 4%：4% × 当年累计引入区外创投机构或上市企业的实际投资额 30,864,197.25 元 = 1,234,567.89 元（123.456789万元）",
    "最高不超过200万元：未超过上限",
    "年度资金池按比例兑现：1,234,567.89 元（123.456789万元） × 0.8 = 987,654.312 元，保留到分 987,654.31 元（98.765431万元）",
    NULL };

  g_assert_cmpint (clause (result, "11")->payout_fen, ==, G_GINT64_CONSTANT (98765431));
  assert_lines (clause (result, "11"), FALSE, en);
  assert_lines (clause (result, "11"), TRUE, zh);
}

/* Pudong 6 of 120,000,000: 60,000,000 by default; read with the all-level ceiling (A18),
 * min(60,000,000, 50,000,000) − 0 = 50,000,000. The line names the reading, not "A18". */
static void
test_other_reading (void)
{
  g_autoptr(ShenbaoPolicyResult) result =
    compute ("pudong-2024", "2025-06-01", "registered_region=310115", "tax_region=310115",
             "6/demo_project_recognised=yes", "6/scenario_application_party=yes",
             "6/scenario_project_investment=120000000", NULL);
  g_autoptr(GPtrArray) en = shenbao_worksheet_alternative_lines (clause (result, "6"), FALSE);
  g_autoptr(GPtrArray) zh = shenbao_worksheet_alternative_lines (clause (result, "6"), TRUE);

  g_assert_cmpint (clause (result, "6")->award_fen, ==, G_GINT64_CONSTANT (6000000000));
  g_assert_cmpuint (en->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (en, 0),
                                   "Under the other reading (the all-level ceiling applies to item 6 too: 50 % of the investment, at most 50,000,000, less higher-level awards): 50,000,000.00 yuan; 60,000,000.00 yuan under the default reading."));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (zh, 0),
                                   "另一种理解（各级总额上限同样适用于第6条：总投入的50%，最高5000万元，扣除上级已给奖励）：50,000,000.00 元（5000万元）；按默认理解为 60,000,000.00 元（6000万元）。"));
  g_assert_null (strstr (g_ptr_array_index (en, 0), "A18"));
  g_assert_null (strstr (g_ptr_array_index (zh, 0), "A18"));
}

/* 万元 from 10,000 yuan up, exact to the fen; never in English. */
static void
test_wan (void)
{
  struct { gint64 fen; const char *zh; const char *en; } cases[] = {
    { G_GINT64_CONSTANT (999999), "9,999.99 元", "9,999.99 yuan" },
    { G_GINT64_CONSTANT (1000000), "10,000.00 元（1万元）", "10,000.00 yuan" },
    { G_GINT64_CONSTANT (200000000), "2,000,000.00 元（200万元）", "2,000,000.00 yuan" },
    { G_GINT64_CONSTANT (162000000), "1,620,000.00 元（162万元）", "1,620,000.00 yuan" },
    { G_GINT64_CONSTANT (123456789), "1,234,567.89 元（123.456789万元）", "1,234,567.89 yuan" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *zh = shenbao_worksheet_amount (cases[i].fen, TRUE);
      g_autofree char *en = shenbao_worksheet_amount (cases[i].fen, FALSE);

      g_assert_cmpstr (zh, ==, cases[i].zh);
      g_assert_cmpstr (en, ==, cases[i].en);
    }
}

static void
test_gloss (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *first = shenbao_worksheet_gloss ("Matching of municipal 揭榜挂帅 funding", seen);
  g_autofree char *again = shenbao_worksheet_gloss ("More 揭榜挂帅 funding", seen);

  g_assert_cmpstr (first, ==, "Matching of municipal “open competition” (揭榜挂帅) funding");
  g_assert_cmpstr (again, ==, "More 揭榜挂帅 funding");
}

static const char *formula_syntax[] = { "min(", "max(", "sum(", "count(", "if(", "given(", NULL };
static const char *english_units[] = { " yuan", "m²", " months", " units", " years", "/month", "/unit", NULL };

static void
assert_plain (const char *line,
              gboolean    chinese,
              const char *where)
{
  for (guint i = 0; formula_syntax[i] != NULL; i++)
    if (strstr (line, formula_syntax[i]) != NULL)
      g_error ("%s: formula syntax “%s” in “%s”", where, formula_syntax[i], line);
  for (guint i = 0; chinese && english_units[i] != NULL; i++)
    if (strstr (line, english_units[i]) != NULL)
      g_error ("%s: English unit “%s” in Chinese “%s”", where, english_units[i], line);
}

static void
check_all_lines (ShenbaoPolicyResult *result,
                 const char          *where)
{
  for (int chinese = 0; chinese <= 1; chinese++)
    {
      g_autoptr(GPtrArray) notes = shenbao_worksheet_notes (result, chinese);

      for (guint i = 0; i < notes->len; i++)
        assert_plain (g_ptr_array_index (notes, i), chinese, where);
      for (guint c = 0; c < result->clauses->len; c++)
        {
          g_autoptr(GPtrArray) lines = shenbao_worksheet_clause_lines (g_ptr_array_index (result->clauses, c),
                                                                       chinese, SHENBAO_WORKSHEET_DEFAULT);
          for (guint i = 0; i < lines->len; i++)
            assert_plain (g_ptr_array_index (lines, i), chinese, where);
        }
    }
}

/* Every shipped clause's worked examples, computed and explained: no default line carries
 * formula syntax, and no Chinese line an English unit. */
static void
test_no_formula_syntax (void)
{
  GPtrArray *policies = shenbao_policy_set_get_policies (shared_set);
  guint checked = 0;

  for (guint p = 0; p < policies->len; p++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (policies, p);
      GPtrArray *clauses = shenbao_policy_get_clauses (policy);

      for (guint c = 0; c < clauses->len; c++)
        {
          ShenbaoClause *clause_def = g_ptr_array_index (clauses, c);
          GPtrArray *examples = shenbao_clause_get_examples (clause_def);

          for (guint e = 0; e < examples->len; e++)
            {
              ShenbaoExample *example = g_ptr_array_index (examples, e);
              g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
              g_autoptr(ShenbaoPolicyResult) result = NULL;
              g_autofree char *where = g_strdup_printf ("%s/%s example %s", shenbao_policy_get_id (policy),
                                                        shenbao_clause_get_id (clause_def), example->id);
              GDate as_of;

              for (guint s = 0; s < example->settings->len; s++)
                {
                  ShenbaoSetting *setting = g_ptr_array_index (example->settings, s);
                  g_autofree char *qualified = NULL;
                  g_autofree char *key = NULL;
                  ShenbaoField *field = NULL;
                  ShenbaoValue *value;

                  if (strchr (setting->name, '/') == NULL && shenbao_clause_find_field (clause_def, setting->name) != NULL)
                    qualified = g_strdup_printf ("%s/%s", shenbao_clause_get_id (clause_def), setting->name);
                  if (!shenbao_policy_set_resolve_name (shared_set, policy, qualified != NULL ? qualified : setting->name,
                                                        &key, &field, NULL))
                    continue;
                  value = shenbao_field_parse_value (field, setting->value != NULL ? setting->value : "", NULL);
                  if (value != NULL)
                    shenbao_inputs_take (inputs, key, value);
                }
              g_date_clear (&as_of, 1);
              g_date_set_dmy (&as_of, 1, G_DATE_JUNE, 2025);
              result = shenbao_engine_compute (shared_set, policy, inputs, &as_of);
              check_all_lines (result, where);
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >, 300);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  shared_set = shenbao_policy_set_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/shenbao/worksheet/rate-with-cap", test_rate_with_cap);
  g_test_add_func ("/shenbao/worksheet/tiers-promotion-difference", test_tiers_promotion);
  g_test_add_func ("/shenbao/worksheet/per-unit-orders", test_per_unit_orders);
  g_test_add_func ("/shenbao/worksheet/matching-all-level-ceiling", test_matching_ceiling);
  g_test_add_func ("/shenbao/worksheet/pool-factor", test_pool_factor);
  g_test_add_func ("/shenbao/worksheet/other-reading", test_other_reading);
  g_test_add_func ("/shenbao/worksheet/wan-yuan", test_wan);
  g_test_add_func ("/shenbao/worksheet/gloss", test_gloss);
  g_test_add_func ("/shenbao/worksheet/no-formula-syntax", test_no_formula_syntax);
  return g_test_run ();
}
