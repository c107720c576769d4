/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "shenbao-app.h"
#include "shenbao-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShenbaoApp) app = NULL;
  const char *localedir = g_getenv ("SHENBAO_LOCALEDIR");
  const char *renderer = shenbao_renderer_choose (g_getenv ("GSK_RENDERER"), "/dev/dri");

  /* Before GTK or any thread starts: g_setenv () is not thread-safe. */
  if (renderer != NULL)
    g_setenv ("GSK_RENDERER", renderer, TRUE);

  /* SHENBAO_LOCALEDIR lets the uninstalled program and its tests use the translations just built. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = shenbao_app_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
