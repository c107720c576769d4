/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shenbao-deadline.h"
#include "shenbao-policy-set.h"

/* Status and windows on fixed dates; days counted by hand on the calendar. */

static ShenbaoPolicySet *shared_set;

static void
set_date (GDate      *date,
          int         year,
          GDateMonth  month,
          int         day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* On 2026-12-02: Shangyu's stated period ended 2025-12-31; Pudong's ends 2026-12-28, 26 days
 * later (2 Dec → 28 Dec); Minhang gives no dates; Suzhou runs to 2027-12-31, 394 days (29 days
 * left in December 2026 + 365 in 2027). */
static void
test_status (void)
{
  GDate as_of;
  struct { const char *policy, *en, *zh; } cases[] = {
    { "shangyu-2025", "draft; its stated period ended 2025-12-31", "征求意见稿；所述执行期已于 2025-12-31 结束" },
    { "pudong-2024", "draft; stated period ends in 26 days (2026-12-28)", "征求意见稿；所述执行期还剩 26 天（至 2026-12-28）" },
    { "minhang-2025-draft", "draft; dates not fixed", "征求意见稿；施行日期未定" },
    { "suzhou-2025", "in force; stated period ends in 394 days (2027-12-31)", "有效；所述执行期还剩 394 天（至 2027-12-31）" },
  };

  set_date (&as_of, 2026, G_DATE_DECEMBER, 2);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ShenbaoPolicy *policy = shenbao_policy_set_lookup (shared_set, cases[i].policy);
      g_autofree char *en = shenbao_policy_status_text (policy, &as_of, FALSE);
      g_autofree char *zh = shenbao_policy_status_text (policy, &as_of, TRUE);

      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (zh, ==, cases[i].zh);
    }
  g_assert_true (shenbao_policy_period_ended (shenbao_policy_set_lookup (shared_set, "shangyu-2025"), &as_of));
  g_assert_false (shenbao_policy_period_ended (shenbao_policy_set_lookup (shared_set, "pudong-2024"), &as_of));
  /* The ended one sorts after the others. */
  g_assert_cmpint (shenbao_policy_compare_by_status (shenbao_policy_set_lookup (shared_set, "shangyu-2025"),
                                                     shenbao_policy_set_lookup (shared_set, "pudong-2024"), &as_of), >, 0);
}

/* A window closing 2026-12-09, seen from several days. */
static void
test_window (void)
{
  ShenbaoPolicyWindow window = { (char *) "pudong-2024", { 0 }, { 0 }, (char *) "区科经委", 0 };
  struct { int day; GDateMonth month; ShenbaoWindowState state; int days; const char *en; const char *zh; } cases[] = {
    { 25, G_DATE_NOVEMBER, SHENBAO_WINDOW_NOT_OPEN, 14, "The application window opens 2026-11-30 and closes 2026-12-09; file at 区科经委",
      "申报窗口 2026-11-30 开启，2026-12-09 截止；申报地点：区科经委" },
    { 1, G_DATE_DECEMBER, SHENBAO_WINDOW_OPEN, 8, "8 days left to apply (closes 2026-12-09); file at 区科经委",
      "申报窗口还剩 8 天（2026-12-09 截止）；申报地点：区科经委" },
    { 2, G_DATE_DECEMBER, SHENBAO_WINDOW_CLOSING, 7, "Closing soon: 7 days left to apply (closes 2026-12-09); file at 区科经委",
      "注意：申报窗口仅剩 7 天（2026-12-09 截止）；申报地点：区科经委" },
    { 8, G_DATE_DECEMBER, SHENBAO_WINDOW_LAST_DAY, 1, "Last day tomorrow: the application window closes 2026-12-09; file at 区科经委",
      "注意：申报窗口明天（2026-12-09）截止；申报地点：区科经委" },
    { 9, G_DATE_DECEMBER, SHENBAO_WINDOW_LAST_DAY, 0, "Last day: the application window closes today (2026-12-09); file at 区科经委",
      "注意：申报窗口今天（2026-12-09）截止；申报地点：区科经委" },
    { 10, G_DATE_DECEMBER, SHENBAO_WINDOW_CLOSED, 0, "The application window closed on 2026-12-09; file at 区科经委",
      "申报窗口已于 2026-12-09 关闭；申报地点：区科经委" },
  };

  set_date (&window.opens, 2026, G_DATE_NOVEMBER, 30);
  set_date (&window.closes, 2026, G_DATE_DECEMBER, 9);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate as_of;
      int days;
      g_autofree char *en = NULL, *zh = NULL;

      set_date (&as_of, 2026, cases[i].month, cases[i].day);
      g_assert_cmpint (shenbao_window_state (&window, &as_of, &days), ==, cases[i].state);
      g_assert_cmpint (days, ==, cases[i].days);
      en = shenbao_window_text (&window, &as_of, FALSE);
      zh = shenbao_window_text (&window, &as_of, TRUE);
      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (zh, ==, cases[i].zh);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  shared_set = shenbao_policy_set_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/shenbao/deadline/status", test_status);
  g_test_add_func ("/shenbao/deadline/window", test_window);
  return g_test_run ();
}
