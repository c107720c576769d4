/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-materials-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-material-row.h"
#include "shenbao-materials-page.h"

/* The materials checklist step, before the review. The checklist is short (a dozen or two
 * items), so a boxed GtkListBox bound to the model suffices: rows follow the model's changes. */
struct _ShenbaoMaterialsPage
{
  ShenbaoPage    parent_instance;

  ShenbaoFiling *filing;  /* ShenbaoPage's, borrowed */
  GtkListBox    *list;
  AdwEntryRow   *add_row;
};

G_DEFINE_FINAL_TYPE (ShenbaoMaterialsPage, shenbao_materials_page, SHENBAO_TYPE_PAGE)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ShenbaoMaterialsPage *self = user_data;
  ShenbaoChecklist *checklist = shenbao_filing_get_checklist (self->filing);
  ShenbaoPolicy *policy = shenbao_filing_get_policy (self->filing);
  g_autofree char *key = shenbao_checklist_item_problem_key (item,
                                                             policy != NULL ? shenbao_policy_get_id (policy) : "");
  guint position = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (checklist)); i++)
    {
      g_autoptr(ShenbaoChecklistItem) other = g_list_model_get_item (G_LIST_MODEL (checklist), i);

      if (other == item)
        position = i;
    }
  return shenbao_material_row_new (checklist, item, position, key);
}

static void
on_add_applied (ShenbaoMaterialsPage *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (*label == '\0')
    return;
  id = shenbao_checklist_add (shenbao_filing_get_checklist (self->filing), label, &error);
  if (id == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

/* Files are looked at again on arrival and at each change while the page is shown: they may
 * have changed on disk since. */
static void
refresh_page (ShenbaoPage *page)
{
  shenbao_checklist_check_files (shenbao_filing_get_checklist (shenbao_page_get_filing (page)));
}

/* The checklist's items, as rows. */
static void
filing_set (ShenbaoPage *page)
{
  ShenbaoMaterialsPage *self = SHENBAO_MATERIALS_PAGE (page);

  self->filing = shenbao_page_get_filing (page);
  gtk_list_box_bind_model (self->list,
                           self->filing != NULL ? G_LIST_MODEL (shenbao_filing_get_checklist (self->filing)) : NULL,
                           create_row, self, NULL);
}

static void
shenbao_materials_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_MATERIALS_PAGE);
  G_OBJECT_CLASS (shenbao_materials_page_parent_class)->dispose (object);
}

static void
shenbao_materials_page_class_init (ShenbaoMaterialsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ShenbaoPageClass *page_class = SHENBAO_PAGE_CLASS (klass);

  object_class->dispose = shenbao_materials_page_dispose;
  page_class->refresh = refresh_page;
  page_class->filing_set = filing_set;
  page_class->follows_changes = TRUE;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-materials-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoMaterialsPage, list);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoMaterialsPage, add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_applied);
}

static void
shenbao_materials_page_init (ShenbaoMaterialsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* From a problem on the review: its row gets the focus. */
gboolean
shenbao_materials_page_focus_item (ShenbaoMaterialsPage *self,
                                   const char           *problem_key)
{
  g_return_val_if_fail (SHENBAO_IS_MATERIALS_PAGE (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), problem_key) == 0)
      return gtk_widget_grab_focus (row);
  return FALSE;
}
