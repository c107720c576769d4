/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-deadline"

#include "config.h"

#include "shenbao-deadline.h"

/* As the worksheet, these words exist in both languages whatever the locale: the CLI prints
 * either, and the application form's cover is Chinese. */

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* The stated period is over: for a draft too, whose text says when its awards end. */
gboolean
shenbao_policy_period_ended (ShenbaoPolicy *policy,
                             const GDate   *as_of)
{
  const GDate *expiry;

  g_return_val_if_fail (SHENBAO_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), FALSE);

  expiry = shenbao_policy_get_expiry (policy);
  return g_date_valid (expiry) && g_date_compare (as_of, expiry) > 0;
}

static char *
period_text (ShenbaoPolicy *policy,
             const GDate   *as_of,
             gboolean       chinese)
{
  const GDate *ends = shenbao_policy_get_expiry (policy);
  g_autofree char *expiry = NULL;
  int days;

  if (!g_date_valid (ends))
    return NULL;
  expiry = format_date (ends);
  days = g_date_days_between (as_of, ends);
  if (days < 0)
    return g_strdup_printf (chinese ? "所述执行期已于 %s 结束" : "its stated period ended %s", expiry);
  if (days == 0)
    return g_strdup_printf (chinese ? "所述执行期今天（%s）结束" : "its stated period ends today (%s)", expiry);
  return g_strdup_printf (chinese ? "所述执行期还剩 %d 天（至 %s）" : "stated period ends in %d days (%s)", days, expiry);
}

/* "draft; its stated period ended 2025-12-31", "draft; stated period ends in 26 days (…)",
 * "in force; stated period ends in 391 days (…)", "expired 2025-12-31". */
char *
shenbao_policy_status_text (ShenbaoPolicy *policy,
                            const GDate   *as_of,
                            gboolean       chinese)
{
  g_autofree char *period = NULL;
  g_autofree char *effective = NULL;

  g_return_val_if_fail (SHENBAO_IS_POLICY (policy), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  period = period_text (policy, as_of, chinese);
  switch (shenbao_policy_get_validity (policy, as_of, NULL))
    {
    case SHENBAO_VALIDITY_DRAFT:
      if (period == NULL)
        return g_strdup (chinese ? "征求意见稿；施行日期未定" : "draft; dates not fixed");
      return g_strdup_printf (chinese ? "征求意见稿；%s" : "draft; %s", period);
    case SHENBAO_VALIDITY_NOT_YET:
      effective = format_date (shenbao_policy_get_effective (policy));
      return g_strdup_printf (chinese ? "尚未施行，自 %s 起施行" : "not yet in force; in force from %s", effective);
    case SHENBAO_VALIDITY_EXPIRED:
      return g_strdup_printf (chinese ? "已失效；%s" : "expired; %s", period);
    case SHENBAO_VALIDITY_IN_FORCE:
    default:
      if (period == NULL)
        return g_strdup (chinese ? "有效" : "in force");
      return g_strdup_printf (chinese ? "有效；%s" : "in force; %s", period);
    }
}

/* For lists: a policy whose stated period has ended goes last; otherwise the order is kept. */
int
shenbao_policy_compare_by_status (ShenbaoPolicy *a,
                                  ShenbaoPolicy *b,
                                  const GDate   *as_of)
{
  return shenbao_policy_period_ended (a, as_of) - shenbao_policy_period_ended (b, as_of);
}

ShenbaoWindowState
shenbao_window_state (const ShenbaoPolicyWindow *window,
                      const GDate               *as_of,
                      int                       *days_left)
{
  int days;

  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), SHENBAO_WINDOW_UNKNOWN);

  if (days_left != NULL)
    *days_left = -1;
  if (window == NULL)
    return SHENBAO_WINDOW_UNKNOWN;
  if (g_date_valid (&window->opens) && g_date_compare (as_of, &window->opens) < 0)
    {
      if (days_left != NULL && g_date_valid (&window->closes))
        *days_left = g_date_days_between (as_of, &window->closes);
      return SHENBAO_WINDOW_NOT_OPEN;
    }
  if (!g_date_valid (&window->closes))
    return SHENBAO_WINDOW_UNKNOWN;
  /* The closing day is the last day to file. */
  days = g_date_days_between (as_of, &window->closes);
  if (days_left != NULL)
    *days_left = MAX (days, 0);
  if (days < 0)
    return SHENBAO_WINDOW_CLOSED;
  if (days <= 1)
    return SHENBAO_WINDOW_LAST_DAY;
  if (days <= 7)
    return SHENBAO_WINDOW_CLOSING;
  return SHENBAO_WINDOW_OPEN;
}

/* "申报窗口还剩 5 天（2026-12-07 截止）；在 … 申报", with the warning the state calls for. */
char *
shenbao_window_text (const ShenbaoPolicyWindow *window,
                     const GDate               *as_of,
                     gboolean                   chinese)
{
  g_autofree char *closes = NULL;
  g_autofree char *opens = NULL;
  g_autofree char *when = NULL;
  int days;

  if (window == NULL)
    return g_strdup (chinese ? "未记录申报窗口" : "No application window recorded");
  closes = g_date_valid (&window->closes) ? format_date (&window->closes) : NULL;
  opens = g_date_valid (&window->opens) ? format_date (&window->opens) : NULL;

  switch (shenbao_window_state (window, as_of, &days))
    {
    case SHENBAO_WINDOW_NOT_OPEN:
      when = closes != NULL
             ? g_strdup_printf (chinese ? "申报窗口 %s 开启，%s 截止" : "The application window opens %s and closes %s", opens, closes)
             : g_strdup_printf (chinese ? "申报窗口 %s 开启" : "The application window opens %s", opens);
      break;
    case SHENBAO_WINDOW_OPEN:
      when = g_strdup_printf (chinese ? "申报窗口还剩 %d 天（%s 截止）" : "%d days left to apply (closes %s)", days, closes);
      break;
    case SHENBAO_WINDOW_CLOSING:
      when = g_strdup_printf (chinese ? "注意：申报窗口仅剩 %d 天（%s 截止）" : "Closing soon: %d days left to apply (closes %s)",
                              days, closes);
      break;
    case SHENBAO_WINDOW_LAST_DAY:
      when = days == 0
             ? g_strdup_printf (chinese ? "注意：申报窗口今天（%s）截止" : "Last day: the application window closes today (%s)", closes)
             : g_strdup_printf (chinese ? "注意：申报窗口明天（%s）截止" : "Last day tomorrow: the application window closes %s", closes);
      break;
    case SHENBAO_WINDOW_CLOSED:
      when = g_strdup_printf (chinese ? "申报窗口已于 %s 关闭" : "The application window closed on %s", closes);
      break;
    case SHENBAO_WINDOW_UNKNOWN:
    default:
      when = g_strdup (chinese ? "申报窗口截止日期未记录" : "The window’s closing date is not recorded");
      break;
    }
  if (window->where_to_file != NULL)
    return g_strdup_printf (chinese ? "%s；申报地点：%s" : "%s; file at %s", when, window->where_to_file);
  return g_steal_pointer (&when);
}
