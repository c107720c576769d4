/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-region-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "shenbao-region-chooser.h"
#include "shenbao-regions.h"

/* Picks a GB/T 2260 division by name or code. The button shows the choice, "浙江省 绍兴市 上虞区
 * (330604)"; its popover lists the provinces, then a province's cities, then a city's districts,
 * or, as soon as something is typed, every division whose name or code matches. The list is one
 * GListModel of all the codes, filtered: rows are made only for what is visible. */
struct _ShenbaoRegionChooser
{
  GtkWidget             parent_instance;

  char                 *code;
  char                 *title;
  const ShenbaoRegion  *browsed;       /* whose children the list shows; NULL: the provinces */

  GtkMenuButton        *button;
  GtkLabel             *button_label;
  GtkPopover           *popover;
  GtkSearchEntry       *search_entry;
  GtkWidget            *browse_bar;
  GtkLabel             *browse_label;
  GtkListView          *list_view;
  GtkFilterListModel   *filter_model;
  GtkWidget            *empty_label;
};

G_DEFINE_FINAL_TYPE (ShenbaoRegionChooser, shenbao_region_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CODE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ------------------------------------------------------------------ row text, from the code */

static char *
region_name (GtkListItem *item,
             const char  *code)
{
  const ShenbaoRegion *region = code != NULL ? shenbao_regions_lookup (code) : NULL;

  return g_strdup (region != NULL ? region->name : "");
}

/* Where the division is and its code: "浙江省 绍兴市 · 330604". */
static char *
region_context (GtkListItem *item,
                const char  *code)
{
  const ShenbaoRegion *region = code != NULL ? shenbao_regions_lookup (code) : NULL;
  g_autofree char *path = NULL;

  if (region == NULL)
    return g_strdup ("");
  path = shenbao_region_dup_path (region, FALSE);
  return *path != '\0' ? g_strdup_printf ("%s · %s", path, region->code) : g_strdup (region->code);
}

static gboolean
region_has_children (GtkListItem *item,
                     const char  *code)
{
  const ShenbaoRegion *region = code != NULL ? shenbao_regions_lookup (code) : NULL;

  return region != NULL && region->n_children > 0;
}

/* ------------------------------------------------------------------ browsing and searching */

static gboolean
filter_region (gpointer item,
               gpointer user_data)
{
  ShenbaoRegionChooser *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const ShenbaoRegion *region = shenbao_regions_lookup (gtk_string_object_get_string (item));

  if (region == NULL)
    return FALSE;
  if (*query != '\0')
    return shenbao_region_matches (region, query);
  return region->parent == self->browsed;
}

/* The list keeps its scroll position across filters; a new list starts from its top. */
static void
refilter (ShenbaoRegionChooser *self)
{
  gboolean searching = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

  /* The bar leads up from the area being browsed; a search looks everywhere, so it hides. */
  gtk_widget_set_visible (self->browse_bar, !searching && self->browsed != NULL);
  if (self->browsed != NULL)
    {
      g_autofree char *label = shenbao_region_dup_label (self->browsed);
      gtk_label_set_text (self->browse_label, label);
    }
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->filter_model), GTK_FILTER_CHANGE_DIFFERENT);
  /* Setting the adjustment is not enough: the view keeps its anchor item in place. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
browse (ShenbaoRegionChooser *self,
        const ShenbaoRegion  *region)
{
  self->browsed = region;
  /* Clearing the search shows the browsed level again; refilter either way. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refilter (self);
}

static void
choose (ShenbaoRegionChooser *self,
        const ShenbaoRegion  *region)
{
  shenbao_region_chooser_set_code (self, region->code);
  gtk_popover_popdown (self->popover);
}

/* A division with divisions below opens them; one without is chosen. A whole province or city
 * is chosen with the bar's button once it is open. */
static void
activate_region (ShenbaoRegionChooser *self,
                 const ShenbaoRegion  *region)
{
  if (region->n_children > 0)
    browse (self, region);
  else
    choose (self, region);
}

static const ShenbaoRegion *
region_at (ShenbaoRegionChooser *self,
           guint                 position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  return item != NULL ? shenbao_regions_lookup (gtk_string_object_get_string (item)) : NULL;
}

static void
on_row_activated (ShenbaoRegionChooser *self,
                  guint                 position)
{
  const ShenbaoRegion *region = region_at (self, position);

  if (region != NULL)
    activate_region (self, region);
}

static void
on_search_changed (ShenbaoRegionChooser *self)
{
  refilter (self);
}

/* Enter takes the first match, so typing a code or a unique name and Enter is enough. */
static void
on_search_activate (ShenbaoRegionChooser *self)
{
  const ShenbaoRegion *region;

  /* The entry waits a moment before it reports a change; the list must match what is typed. */
  refilter (self);
  region = region_at (self, 0);
  if (region != NULL)
    activate_region (self, region);
}

static void
on_stop_search (ShenbaoRegionChooser *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_popover_popdown (self->popover);
}

static void
on_up_clicked (ShenbaoRegionChooser *self)
{
  if (self->browsed != NULL)
    browse (self, self->browsed->parent);
}

static void
on_choose_parent_clicked (ShenbaoRegionChooser *self)
{
  if (self->browsed != NULL)
    choose (self, self->browsed);
}

static void
on_items_changed (ShenbaoRegionChooser *self)
{
  gtk_widget_set_visible (self->empty_label, g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0);
}

/* The popover opens beside the current choice: among its siblings, or at the provinces. */
static void
on_popover_show (ShenbaoRegionChooser *self)
{
  const ShenbaoRegion *chosen = self->code != NULL ? shenbao_regions_lookup (self->code) : NULL;

  browse (self, chosen != NULL ? chosen->parent : NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ------------------------------------------------------------------ the button */

static void
update_button (ShenbaoRegionChooser *self)
{
  const ShenbaoRegion *region = self->code != NULL ? shenbao_regions_lookup (self->code) : NULL;
  g_autofree char *label = NULL;

  if (region != NULL)
    label = shenbao_region_dup_label (region);
  else if (self->code != NULL && *self->code != '\0')
    label = g_strdup (self->code);   /* not in the table: the field's error says why */
  else
    label = g_strdup (_("Choose…"));
  gtk_label_set_text (self->button_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), region != NULL ? label : NULL);
  /* The button is named after the field; what is chosen is its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
}

static gboolean
shenbao_region_chooser_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (SHENBAO_REGION_CHOOSER (widget)->button));
}

/* AdwActionRow activates its widget through the mnemonic: open the list, as a click would. */
static gboolean
shenbao_region_chooser_mnemonic_activate (GtkWidget *widget,
                                          gboolean   group_cycling)
{
  shenbao_region_chooser_popup (SHENBAO_REGION_CHOOSER (widget));
  return TRUE;
}

static void
shenbao_region_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_REGION_CHOOSER);
  G_OBJECT_CLASS (shenbao_region_chooser_parent_class)->dispose (object);
}

static void
shenbao_region_chooser_finalize (GObject *object)
{
  ShenbaoRegionChooser *self = (ShenbaoRegionChooser *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->title, g_free);
  G_OBJECT_CLASS (shenbao_region_chooser_parent_class)->finalize (object);
}

static void
shenbao_region_chooser_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ShenbaoRegionChooser *self = SHENBAO_REGION_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_region_chooser_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ShenbaoRegionChooser *self = SHENBAO_REGION_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CODE:
      shenbao_region_chooser_set_code (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      shenbao_region_chooser_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_region_chooser_class_init (ShenbaoRegionChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_region_chooser_dispose;
  object_class->finalize = shenbao_region_chooser_finalize;
  object_class->get_property = shenbao_region_chooser_get_property;
  object_class->set_property = shenbao_region_chooser_set_property;
  widget_class->grab_focus = shenbao_region_chooser_grab_focus;
  widget_class->mnemonic_activate = shenbao_region_chooser_mnemonic_activate;

  /**
   * ShenbaoRegionChooser:code:
   *
   * The chosen division's six-digit code, or %NULL. A code not in the table is kept and shown
   * as it is, so nothing the user saved is lost.
   */
  properties [PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The field's visible label: the button's accessible name. */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-region-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, button);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, button_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, popover);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, browse_bar);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, browse_label);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, filter_model);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoRegionChooser, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_parent_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_items_changed);
}

/* Every code in the table, provinces, cities and districts, in code order. */
static GListModel *
all_codes (void)
{
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) provinces = shenbao_regions_list_children (NULL);

  for (guint p = 0; p < provinces->len; p++)
    {
      const ShenbaoRegion *province = g_ptr_array_index (provinces, p);
      g_autoptr(GPtrArray) cities = shenbao_regions_list_children (province->code);

      gtk_string_list_append (codes, province->code);
      for (guint c = 0; c < cities->len; c++)
        {
          const ShenbaoRegion *city = g_ptr_array_index (cities, c);
          g_autoptr(GPtrArray) districts = shenbao_regions_list_children (city->code);

          gtk_string_list_append (codes, city->code);
          for (guint d = 0; d < districts->len; d++)
            gtk_string_list_append (codes, ((const ShenbaoRegion *) g_ptr_array_index (districts, d))->code);
        }
    }
  return G_LIST_MODEL (g_steal_pointer (&codes));
}

static void
shenbao_region_chooser_init (ShenbaoRegionChooser *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkCustomFilter) filter = NULL;
  g_autoptr(GListModel) codes = all_codes ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "region_name", G_CALLBACK (region_name),
                                           "region_context", G_CALLBACK (region_context),
                                           "region_has_children", G_CALLBACK (region_has_children),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/io/github/shenbao/Shenbao/ui/shenbao-region-chooser-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);

  /* The filter holds the chooser without a reference: the chooser owns the model it sits in. */
  filter = gtk_custom_filter_new (filter_region, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (filter));
  gtk_filter_list_model_set_model (self->filter_model, codes);
  update_button (self);
}

GtkWidget *
shenbao_region_chooser_new (void)
{
  return g_object_new (SHENBAO_TYPE_REGION_CHOOSER, NULL);
}

const char *
shenbao_region_chooser_get_code (ShenbaoRegionChooser *self)
{
  g_return_val_if_fail (SHENBAO_IS_REGION_CHOOSER (self), NULL);
  return self->code;
}

void
shenbao_region_chooser_set_code (ShenbaoRegionChooser *self,
                                 const char           *code)
{
  g_return_if_fail (SHENBAO_IS_REGION_CHOOSER (self));

  if (code != NULL && *code == '\0')
    code = NULL;
  if (g_strcmp0 (self->code, code) == 0)
    return;
  g_free (self->code);
  self->code = g_strdup (code);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CODE]);
}

const char *
shenbao_region_chooser_get_title (ShenbaoRegionChooser *self)
{
  g_return_val_if_fail (SHENBAO_IS_REGION_CHOOSER (self), NULL);
  return self->title;
}

void
shenbao_region_chooser_set_title (ShenbaoRegionChooser *self,
                                  const char           *title)
{
  g_return_if_fail (SHENBAO_IS_REGION_CHOOSER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  /* GTK 4.8 names the menu button's inner toggle after the menu button itself: naming both
   * would make a screen reader say the title twice. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

void
shenbao_region_chooser_popup (ShenbaoRegionChooser *self)
{
  g_return_if_fail (SHENBAO_IS_REGION_CHOOSER (self));
  gtk_menu_button_popup (self->button);
}
