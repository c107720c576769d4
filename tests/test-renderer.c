/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "shenbao-renderer.h"

/* A /dev/dri of our own: a temporary directory holding the device names given. */
static char *
make_dri (const char * const *names)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("shenbao-dri-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_assert_true (g_file_set_contents (path, "", 0, &error));
    }
  return dir;
}

static void
remove_dri (const char         *dir,
            const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A GPU's render node: GTK chooses, as it would without us. */
static void
test_render_node_leaves_gtk_choice (void)
{
  const char *names[] = { "card0", "renderD128", NULL };
  g_autofree char *dir = make_dri (names);

  g_assert_null (shenbao_renderer_choose (NULL, dir));
  remove_dri (dir, names);
}

/* No render node: a display-only device (simpledrm's card0), an empty directory, none at
 * all. The software rasteriser would draw, so cairo does. */
static void
test_no_render_node_chooses_cairo (void)
{
  const char *card_only[] = { "card0", NULL };
  const char *none[] = { NULL };
  g_autofree char *card_dir = make_dri (card_only);
  g_autofree char *empty_dir = make_dri (none);
  g_autofree char *missing = g_build_filename (empty_dir, "no-such-directory", NULL);

  g_assert_cmpstr (shenbao_renderer_choose (NULL, card_dir), ==, "cairo");
  g_assert_cmpstr (shenbao_renderer_choose ("", card_dir), ==, "cairo");
  g_assert_cmpstr (shenbao_renderer_choose (NULL, empty_dir), ==, "cairo");
  g_assert_cmpstr (shenbao_renderer_choose (NULL, missing), ==, "cairo");
  remove_dri (card_dir, card_only);
  remove_dri (empty_dir, none);
}

/* The user's GSK_RENDERER wins, with or without a GPU. */
static void
test_user_choice_kept (void)
{
  const char *card_only[] = { "card0", NULL };
  g_autofree char *dir = make_dri (card_only);

  g_assert_null (shenbao_renderer_choose ("gl", dir));
  g_assert_null (shenbao_renderer_choose ("vulkan", dir));
  remove_dri (dir, card_only);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shenbao/renderer/render-node-leaves-gtk-choice", test_render_node_leaves_gtk_choice);
  g_test_add_func ("/shenbao/renderer/no-render-node-chooses-cairo", test_no_render_node_chooses_cairo);
  g_test_add_func ("/shenbao/renderer/user-choice-kept", test_user_choice_kept);

  return g_test_run ();
}
