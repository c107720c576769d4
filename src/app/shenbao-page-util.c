/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-page-util"

#include "config.h"

#include <adwaita.h>

#include "shenbao-field-row.h"
#include "shenbao-page-util.h"

/* Rows generated from policy data live in preferences groups; they are removed from whichever
 * group holds them when the application changes. */
void
shenbao_page_remove_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
}

void
shenbao_page_refresh_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    if (SHENBAO_IS_FIELD_ROW (g_ptr_array_index (rows, i)))
      shenbao_field_row_refresh (g_ptr_array_index (rows, i));
}

/* The field row named after an input key, anywhere below root. */
GtkWidget *
shenbao_page_find_field (GtkWidget  *root,
                         const char *input_key)
{
  if (SHENBAO_IS_FIELD_ROW (root) && g_strcmp0 (gtk_widget_get_name (root), input_key) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shenbao_page_find_field (child, input_key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The keyboard to the input of the field named after an input key, anywhere on the page. */
gboolean
shenbao_page_focus_field (GtkWidget  *page,
                          const char *input_key)
{
  GtkWidget *row = input_key != NULL ? shenbao_page_find_field (page, input_key) : NULL;

  return row != NULL && gtk_widget_grab_focus (shenbao_field_row_get_input (SHENBAO_FIELD_ROW (row)));
}
