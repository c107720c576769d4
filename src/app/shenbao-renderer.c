/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shenbao-renderer.h"

/* Enough for every GPU a desktop has; a directory longer than that is not read to its end. */
#define MAX_DRI_ENTRIES 256

static gboolean
has_render_node (const char *dri_directory)
{
  g_autoptr(GDir) dir = g_dir_open (dri_directory, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  for (guint i = 0; i < MAX_DRI_ENTRIES && (name = g_dir_read_name (dir)) != NULL; i++)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/* The renderer to ask GTK for before it starts, or NULL to leave GTK's own choice.
 *
 * A GPU shows as a render node in dri_directory (/dev/dri). Without one (a virtual desktop,
 * a virtual machine, a sandbox without the device) GTK's GL renderer runs on Mesa's software
 * rasteriser, whose set-up and shader compilation cost a start some 250 ms on our test
 * machine, and the cairo renderer draws the same window without them. A renderer the user
 * chose (GSK_RENDERER) is theirs. */
const char *
shenbao_renderer_choose (const char *user_choice,
                         const char *dri_directory)
{
  g_return_val_if_fail (dri_directory != NULL, NULL);

  if (user_choice != NULL && *user_choice != '\0')
    return NULL;
  return has_render_node (dri_directory) ? NULL : "cairo";
}
