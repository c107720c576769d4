/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-start-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "shenbao-filing-row.h"
#include "shenbao-saved-applications.h"
#include "shenbao-start-page.h"

/* The saved applications to resume, searchable, sorted and filtered; an explained empty state
 * when there are none. The list is a view on a model read from the database a page at a time,
 * so a consultant's thousands of applications open as fast as a few. */
struct _ShenbaoStartPage
{
  GtkBox                    parent_instance;

  ShenbaoSavedApplications *model;
  GtkSliceListModel        *shown;      /* the first rows at once, the rest frame by frame */
  guint                     grow_id;
  GHashTable               *deadlines;  /* policy id → its status and window, as rows show them */
  gboolean                  narrow;     /* rows' second line wraps rather than ellipsizes */
  guint                     narrow_id;
  ShenbaoPolicySet         *policies;
  ShenbaoStorage           *storage;

  GtkWidget                *empty_status;
  GtkLabel                 *empty_description;
  GtkWidget                *list_view;
  GtkListView              *list;
  GtkOrientable            *toolbar;
  GtkSearchEntry           *search_entry;
  GtkDropDown              *sort_dropdown;
  GtkDropDown              *filter_dropdown;
  GtkWidget                *no_match_label;
};

G_DEFINE_FINAL_TYPE (ShenbaoStartPage, shenbao_start_page, GTK_TYPE_BOX)

static void
on_row_activated (ShenbaoStartPage *self,
                  guint             position)
{
  g_autoptr(ShenbaoSavedApplication) item = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-application", "x",
                                shenbao_saved_application_get_id (item));
}

/* The empty state when nothing is saved at all; a line when only the search finds nothing. */
static void
update_visibility (ShenbaoStartPage *self)
{
  guint shown = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  gboolean narrowed = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0'
                      || gtk_drop_down_get_selected (self->filter_dropdown) != 0;
  const GError *error = self->model != NULL ? shenbao_saved_applications_get_error (self->model) : NULL;

  gtk_widget_set_visible (self->empty_status, shown == 0 && !narrowed);
  gtk_widget_set_visible (self->list_view, shown > 0 || narrowed);
  gtk_widget_set_visible (self->no_match_label, shown == 0 && narrowed);
  if (error != NULL)
    gtk_label_set_text (self->empty_description, error->message);
}

static void
on_search_changed (ShenbaoStartPage *self)
{
  if (self->model == NULL)
    return;
  shenbao_saved_applications_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_visibility (self);
}

static void
on_sort_changed (ShenbaoStartPage *self)
{
  if (self->model == NULL)
    return;
  shenbao_saved_applications_set_sort (self->model, gtk_drop_down_get_selected (self->sort_dropdown));
  update_visibility (self);
}

static void
on_filter_changed (ShenbaoStartPage *self)
{
  if (self->model == NULL)
    return;
  shenbao_saved_applications_set_filter (self->model, gtk_drop_down_get_selected (self->filter_dropdown));
  update_visibility (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ShenbaoStartPage         *self)
{
  gtk_list_item_set_child (list_item, shenbao_filing_row_new ());
}

static const char *
deadlines_of (ShenbaoStartPage        *self,
              ShenbaoSavedApplication *item)
{
  const ShenbaoFilingSummary *summary = shenbao_saved_application_get_summary (item);
  const char *text;

  if (!g_hash_table_lookup_extended (self->deadlines, summary->policy_id != NULL ? summary->policy_id : "", NULL,
                                     (gpointer *) &text))
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      text = shenbao_filing_row_describe_deadlines (summary, self->policies, self->storage, &today);
      g_hash_table_insert (self->deadlines, g_strdup (summary->policy_id != NULL ? summary->policy_id : ""),
                           (gpointer) text);
    }
  return text;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          ShenbaoStartPage         *self)
{
  ShenbaoSavedApplication *item = gtk_list_item_get_item (list_item);

  ShenbaoFilingRow *row = SHENBAO_FILING_ROW (gtk_list_item_get_child (list_item));

  shenbao_filing_row_set_item (row, item, deadlines_of (self, item));
  shenbao_filing_row_set_wrap (row, self->narrow);
}

/* On a phone-sized window the search takes a line of its own, so the drop-downs are not cut,
 * and rows wrap their second line. Wider, a row's line is not wrapped: a wrapping label is
 * measured at many widths, which made each row several times dearer to show. The window's
 * width is what is watched: a box's allocation is its layout manager's. */
#define NARROW_WIDTH 600

static gboolean
apply_narrow (gpointer data)
{
  ShenbaoStartPage *self = data;

  self->narrow_id = 0;
  gtk_orientable_set_orientation (self->toolbar, self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && SHENBAO_IS_FILING_ROW (row))
        shenbao_filing_row_set_wrap (SHENBAO_FILING_ROW (row), self->narrow);
    }
  return G_SOURCE_REMOVE;
}

/* Rows change after the resize is handled, not while GTK lays the window out. */
static void
on_window_width (ShenbaoStartPage *self,
                 GParamSpec       *pspec,
                 GtkWindow        *window)
{
  int width = 0, height = 0;
  gboolean narrow;

  /* GTK 4.8 writes both sizes: neither may be NULL. */
  gtk_window_get_default_size (window, &width, &height);
  narrow = width > 0 && width < NARROW_WIDTH;
  if (narrow == self->narrow)
    return;
  self->narrow = narrow;
  if (self->narrow_id == 0)
    self->narrow_id = g_idle_add (apply_narrow, self);
}

static void
shenbao_start_page_root (GtkWidget *widget)
{
  ShenbaoStartPage *self = SHENBAO_START_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (shenbao_start_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;
  g_signal_connect_object (root, "notify::default-width", G_CALLBACK (on_window_width), self, G_CONNECT_SWAPPED);
  on_window_width (self, NULL, GTK_WINDOW (root));
}

static void
shenbao_start_page_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, on_window_width, widget);
  GTK_WIDGET_CLASS (shenbao_start_page_parent_class)->unroot (widget);
}

static void
shenbao_start_page_dispose (GObject *object)
{
  ShenbaoStartPage *self = SHENBAO_START_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_START_PAGE);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->deadlines, g_hash_table_unref);
  g_clear_object (&self->model);
  g_clear_object (&self->policies);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (shenbao_start_page_parent_class)->dispose (object);
}

static void
shenbao_start_page_class_init (ShenbaoStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_start_page_dispose;
  widget_class->root = shenbao_start_page_root;
  widget_class->unroot = shenbao_start_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, empty_description);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, list);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoStartPage, no_match_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
}

static void
shenbao_start_page_init (ShenbaoStartPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->deadlines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  /* No "unbind": a row keeps its item until it gets another, so a rebind to the same one
   * costs nothing (shenbao_filing_row_set_item ()). */
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
}

/* A list view of GTK 4.8 makes some two hundred rows whatever it shows: the first window's
 * worth is shown at once, for a quick first frame, and the list grows by as many each frame. */
#define ROWS_AT_ONCE 10

/* What a window of this height shows of the list, the header, toolbar and margins around it
 * (190 pixels) taken off, at the height of a row (76 pixels with its three lines and the
 * separator): no row is made before the first frame that it would not show. */
static guint
rows_at_first (ShenbaoStartPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0;

  if (!GTK_IS_WINDOW (root))
    return ROWS_AT_ONCE;
  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= 0)
    return ROWS_AT_ONCE;
  return CLAMP ((height - 190 + 75) / 76, 3, 3 * ROWS_AT_ONCE);
}

static gboolean
grow_shown (gpointer data)
{
  ShenbaoStartPage *self = data;
  guint size = gtk_slice_list_model_get_size (self->shown);

  if (size >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    {
      gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->shown, size + ROWS_AT_ONCE);
  return G_SOURCE_CONTINUE;
}

/* The rest of the list grows only once the first frame is on screen. */
static void
on_first_paint (GdkFrameClock    *clock,
                ShenbaoStartPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  if (self->grow_id == 0 && self->shown != NULL && gtk_slice_list_model_get_size (self->shown) != G_MAXUINT)
    self->grow_id = g_timeout_add (16, grow_shown, self);
}

static void
on_map (ShenbaoStartPage *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_paint), self, 0);
}

/* hidden: ids (gint64 keys) of applications being deleted, still undoable; may be NULL. The
 * model is made once and then only asked to count again: rows are made for what is visible. */
void
shenbao_start_page_reload (ShenbaoStartPage *self,
                           ShenbaoStorage   *storage,
                           ShenbaoPolicySet *policies,
                           GHashTable       *hidden)
{
  g_return_if_fail (SHENBAO_IS_START_PAGE (self));

  if (self->model == NULL)
    {
      g_autoptr(GtkNoSelection) selection = NULL;

      g_set_object (&self->policies, policies);
      g_set_object (&self->storage, storage);
      self->model = shenbao_saved_applications_new (storage, policies, hidden);
      self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0, rows_at_first (self));
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
      g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
      gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
    }
  else
    {
      /* Statuses and windows may have changed since: worked out again as rows are shown. */
      g_hash_table_remove_all (self->deadlines);
      shenbao_saved_applications_set_hidden (self->model, hidden);
    }
  update_visibility (self);
}

/* The list's model, for tests and benchmarks. */
GListModel *
shenbao_start_page_get_model (ShenbaoStartPage *self)
{
  g_return_val_if_fail (SHENBAO_IS_START_PAGE (self), NULL);
  return self->model != NULL ? G_LIST_MODEL (self->model) : NULL;
}
