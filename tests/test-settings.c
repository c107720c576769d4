/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shenbao-settings.h"

/* With the schema (compiled into the build tree) the last application is kept in GSettings, so a
 * second settings object, as at the next start, reads what the first one wrote. */
static void
test_last_application_kept (void)
{
  g_autoptr(ShenbaoSettings) first = shenbao_settings_new ();
  g_autoptr(ShenbaoSettings) second = NULL;

  g_assert_cmpint (shenbao_settings_get_last_application (first), ==, 0);
  shenbao_settings_set_last_application (first, 42);
  second = shenbao_settings_new ();
  g_assert_cmpint (shenbao_settings_get_last_application (second), ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shenbao/settings/last-application-kept", test_last_application_kept);

  return g_test_run ();
}
