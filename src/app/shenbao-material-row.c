/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-material-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shenbao-material-row.h"

/* One item of the materials checklist: its place in the list, its name, the file attached
 * (name, size, pages) or what is wrong with it, and what can be done to it. A file dropped on
 * the row is attached to it. */
struct _ShenbaoMaterialRow
{
  AdwActionRow          parent_instance;

  ShenbaoChecklist     *checklist;
  ShenbaoChecklistItem *item;
  guint                 position;  /* from 0, in the checklist */

  GtkImage             *state_icon;
  GtkWidget            *attach_button;
};

G_DEFINE_FINAL_TYPE (ShenbaoMaterialRow, shenbao_material_row, ADW_TYPE_ACTION_ROW)

static void
report (ShenbaoMaterialRow *self,
        GError             *error)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
}

static void
attach_file (ShenbaoMaterialRow *self,
             GFile              *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  if (!shenbao_checklist_attach (self->checklist, shenbao_checklist_item_get_id (self->item), path, &error))
    report (self, error);
}

static void
on_file_chosen (GtkNativeDialog    *dialog,
                int                 response,
                ShenbaoMaterialRow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      attach_file (self, file);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShenbaoMaterialRow *self = SHENBAO_MATERIAL_ROW (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Attach a File"), GTK_WINDOW (native),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Attach"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
on_drop (GtkDropTarget      *target,
         const GValue       *value,
         double              x,
         double              y,
         ShenbaoMaterialRow *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;
  attach_file (self, files->data);
  return TRUE;
}

static void
detach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShenbaoMaterialRow *self = SHENBAO_MATERIAL_ROW (widget);
  g_autoptr(GError) error = NULL;

  if (!shenbao_checklist_detach (self->checklist, shenbao_checklist_item_get_id (self->item), &error))
    report (self, error);
}

static void
move (ShenbaoMaterialRow *self,
      int                 step)
{
  g_autoptr(GError) error = NULL;
  int position = (int) self->position + step;

  if (position < 0)
    return;
  if (!shenbao_checklist_move (self->checklist, shenbao_checklist_item_get_id (self->item), position, &error))
    report (self, error);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move (SHENBAO_MATERIAL_ROW (widget), g_str_equal (action_name, "row.move-up") ? -1 : 1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShenbaoMaterialRow *self = SHENBAO_MATERIAL_ROW (widget);
  g_autoptr(GError) error = NULL;

  if (!shenbao_checklist_remove (self->checklist, shenbao_checklist_item_get_id (self->item), &error))
    report (self, error);
}

static void
on_rename_response (AdwMessageDialog   *dialog,
                    const char         *response,
                    ShenbaoMaterialRow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "rename")
      && !shenbao_checklist_rename (self->checklist, shenbao_checklist_item_get_id (self->item),
                                    gtk_editable_get_text (entry), &error))
    report (self, error);
  g_object_unref (self);
}

/* An empty name goes back to the policy's own. */
static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShenbaoMaterialRow *self = SHENBAO_MATERIAL_ROW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_native (widget)),
                                              _("Rename the Item"),
                                              _("The name is used for the file in the package. Leave it empty for the policy’s own name."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), shenbao_checklist_item_get_label (self->item, shenbao_prefers_chinese ()));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
shenbao_material_row_dispose (GObject *object)
{
  ShenbaoMaterialRow *self = (ShenbaoMaterialRow *) object;

  g_clear_object (&self->checklist);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_MATERIAL_ROW);
  G_OBJECT_CLASS (shenbao_material_row_parent_class)->dispose (object);
}

static void
shenbao_material_row_class_init (ShenbaoMaterialRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_material_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-material-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoMaterialRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoMaterialRow, attach_button);

  gtk_widget_class_install_action (widget_class, "row.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "row.detach", NULL, detach_action);
  gtk_widget_class_install_action (widget_class, "row.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "row.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "row.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, remove_action);
}

static void
shenbao_material_row_init (ShenbaoMaterialRow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static char *
describe_file (ShenbaoChecklistItem *item)
{
  g_autofree char *name = g_path_get_basename (shenbao_checklist_item_get_path (item));
  g_autofree char *size = g_format_size (shenbao_checklist_item_get_size (item));
  int pages = shenbao_checklist_item_get_pages (item);

  switch (shenbao_checklist_item_get_state (item))
    {
    case SHENBAO_ATTACHMENT_CHANGED:
      /* Translators: a file name */
      return g_strdup_printf (_("%s changed since it was attached: attach it again"), name);
    case SHENBAO_ATTACHMENT_VANISHED:
      /* Translators: a file name */
      return g_strdup_printf (_("%s is no longer there: attach it again"), name);
    default:
      if (pages > 0)
        /* Translators: file name, size, number of pages */
        return g_strdup_printf (ngettext ("%s · %s · %d page", "%s · %s · %d pages", pages), name, size, pages);
      return g_strdup_printf ("%s · %s", name, size);
    }
}

static void
update (ShenbaoMaterialRow *self)
{
  ShenbaoAttachmentState state = shenbao_checklist_item_get_state (self->item);
  const char *label = shenbao_checklist_item_get_label (self->item, shenbao_prefers_chinese ());
  g_autofree char *title = g_strdup_printf ("%u. %s", self->position + 1, label);
  g_autofree char *subtitle = NULL;
  static const char * const icons[] = { "list-add-symbolic", "object-select-symbolic",
                                        "dialog-warning-symbolic", "dialog-warning-symbolic" };

  if (state == SHENBAO_ATTACHMENT_MISSING)
    subtitle = g_strdup (shenbao_checklist_item_get_required (self->item) ? _("Required · not attached yet")
                                                                           : _("Optional · not attached"));
  else
    subtitle = describe_file (self->item);
  if (shenbao_checklist_item_get_clause_id (self->item) != NULL)
    {
      const char *clause = strrchr (shenbao_checklist_item_get_clause_id (self->item), '/') + 1;
      /* Translators: a clause id (as 8b), then what is attached to its item */
      g_autofree char *with_clause = g_strdup_printf (_("Clause %s · %s"), clause, subtitle);
      g_free (g_steal_pointer (&subtitle));
      subtitle = g_steal_pointer (&with_clause);
    }
  if (!shenbao_checklist_item_is_default (self->item))
    {
      g_autofree char *added = g_strdup_printf (_("%s · added by you"), subtitle);
      g_free (g_steal_pointer (&subtitle));
      subtitle = g_steal_pointer (&added);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_image_set_from_icon_name (self->state_icon, icons[state]);
  if (state == SHENBAO_ATTACHMENT_CHANGED || state == SHENBAO_ATTACHMENT_VANISHED)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "warning");
  else if (state == SHENBAO_ATTACHMENT_ATTACHED)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attach_button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.detach", state != SHENBAO_ATTACHMENT_MISSING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-up", self->position > 0);
}

/* position: the item's place in the checklist, from 0; problem_key: the key a problem about it
 * carries, so that "go to field" finds the row. */
GtkWidget *
shenbao_material_row_new (ShenbaoChecklist     *checklist,
                          ShenbaoChecklistItem *item,
                          guint                 position,
                          const char           *problem_key)
{
  ShenbaoMaterialRow *self = g_object_new (SHENBAO_TYPE_MATERIAL_ROW, NULL);

  self->checklist = g_object_ref (checklist);
  self->item = g_object_ref (item);
  self->position = position;
  gtk_widget_set_name (GTK_WIDGET (self), problem_key);
  update (self);
  return GTK_WIDGET (self);
}

ShenbaoChecklistItem *
shenbao_material_row_get_item (ShenbaoMaterialRow *self)
{
  g_return_val_if_fail (SHENBAO_IS_MATERIAL_ROW (self), NULL);
  return self->item;
}
