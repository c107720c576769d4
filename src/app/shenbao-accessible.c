/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-accessible"

#include "config.h"

#include "shenbao-accessible.h"

/* The input's name is its visible label, once: AdwActionRow also points the input at the row's
 * title, and GTK 4.8 would read both, and the required-field star with them. A drop-down's
 * own button is named too, as it is what a screen reader lands on. */
void
shenbao_accessible_set_label (GtkWidget  *input,
                              const char *label)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (input); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
