/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-award-chart"

#include "config.h"

#include <adwaita.h>

#include "shenbao-award-chart.h"
#include "shenbao-ui-text.h"

/* One bar per claimed clause: the award against its cap, so a reviewer sees at a glance which
 * clause is capped and how much room is left. The clause's name is written above its bar and
 * the amount below, each wrapped to the width given: nothing is cut, at any width. */
#define BAR_HEIGHT 18
#define GAP 3
#define ROW_SPACING 12
#define MIN_WIDTH 120
#define NATURAL_WIDTH 480

typedef struct
{
  char   *label;
  char   *amount;
  gint64  award_fen;
  gint64  cap_fen;   /* 0 when the clause has no cap */
} Bar;

struct _ShenbaoAwardChart
{
  GtkWidget  parent_instance;
  GArray    *bars;
};

G_DEFINE_FINAL_TYPE (ShenbaoAwardChart, shenbao_award_chart, GTK_TYPE_WIDGET)

static void
bar_clear (Bar *bar)
{
  g_free (bar->label);
  g_free (bar->amount);
}

static PangoLayout *
text_layout (GtkWidget  *widget,
             const char *text,
             int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_set_width (layout, MAX (1, width) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static int
text_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* The height of every bar with its two texts, at the given width. */
static int
chart_height (ShenbaoAwardChart *self,
              int                width)
{
  int height = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) label = text_layout (GTK_WIDGET (self), bar->label, width);
      g_autoptr(PangoLayout) amount = text_layout (GTK_WIDGET (self), bar->amount, width);

      height += (i > 0 ? ROW_SPACING : 0) + text_height (label) + GAP + BAR_HEIGHT + GAP + text_height (amount);
    }
  return MAX (1, height);
}

static GtkSizeRequestMode
shenbao_award_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
shenbao_award_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ShenbaoAwardChart *self = SHENBAO_AWARD_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    *minimum = *natural = chart_height (self, for_size >= 0 ? for_size : MIN_WIDTH);
}

static void
shenbao_award_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  ShenbaoAwardChart *self = SHENBAO_AWARD_CHART (widget);
  int width = gtk_widget_get_width (widget);
  gint64 largest = 1;
  double top = 0;
  GdkRGBA foreground;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &foreground);
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      largest = MAX (largest, MAX (bar->award_fen, bar->cap_fen));
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, gtk_widget_get_height (widget)));
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) label = text_layout (widget, bar->label, width);
      g_autoptr(PangoLayout) amount = text_layout (widget, bar->amount, width);
      /* Shares of the largest amount, in whole pixels: drawing only, never money. */
      int award_px = (int) (bar->award_fen * width / largest);
      int cap_px = (int) (bar->cap_fen * width / largest);

      gdk_cairo_set_source_rgba (cr, &foreground);
      cairo_move_to (cr, 0, top);
      pango_cairo_show_layout (cr, label);
      top += text_height (label) + GAP;
      if (cap_px > 0)
        {
          cairo_set_source_rgba (cr, foreground.red, foreground.green, foreground.blue, 0.15);
          cairo_rectangle (cr, 0, top, cap_px, BAR_HEIGHT);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, 0, top, MAX (award_px, 1), BAR_HEIGHT);
      cairo_fill (cr);
      top += BAR_HEIGHT + GAP;
      cairo_set_source_rgba (cr, foreground.red, foreground.green, foreground.blue, 0.7);
      cairo_move_to (cr, 0, top);
      pango_cairo_show_layout (cr, amount);
      top += text_height (amount) + ROW_SPACING;
    }
  cairo_destroy (cr);
}

static void
shenbao_award_chart_finalize (GObject *object)
{
  ShenbaoAwardChart *self = (ShenbaoAwardChart *) object;

  g_clear_pointer (&self->bars, g_array_unref);
  G_OBJECT_CLASS (shenbao_award_chart_parent_class)->finalize (object);
}

static void
shenbao_award_chart_class_init (ShenbaoAwardChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shenbao_award_chart_finalize;
  widget_class->get_request_mode = shenbao_award_chart_get_request_mode;
  widget_class->measure = shenbao_award_chart_measure;
  widget_class->snapshot = shenbao_award_chart_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
shenbao_award_chart_init (ShenbaoAwardChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, (GDestroyNotify) bar_clear);
}

GtkWidget *
shenbao_award_chart_new (void)
{
  return g_object_new (SHENBAO_TYPE_AWARD_CHART, NULL);
}

/* clause_results: the ShenbaoClauseResult of each claimed clause. */
void
shenbao_award_chart_set_bars (ShenbaoAwardChart *self,
                              GPtrArray         *clause_results)
{
  g_autoptr(GString) description = g_string_new (NULL);
  gboolean chinese = shenbao_prefers_chinese ();

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < clause_results->len; i++)
    {
      ShenbaoClauseResult *result = g_ptr_array_index (clause_results, i);
      g_autofree char *amount = shenbao_ui_clause_amount (result);
      g_autofree char *cap = result->has_cap ? shenbao_ui_format_yuan (result->cap_fen) : NULL;
      Bar bar = { 0 };

      bar.label = g_strdup_printf ("%s %s", shenbao_clause_get_id (result->clause),
                                   shenbao_ui_text (shenbao_clause_get_title (result->clause)));
      bar.amount = cap != NULL ? g_strdup_printf ("%s / %s", amount, cap) : g_strdup (amount);
      bar.award_fen = result->payout_fen;
      bar.cap_fen = result->has_cap ? result->cap_fen : 0;
      g_string_append_printf (description, chinese ? "%s：%s。" : "%s: %s. ", bar.label, bar.amount);
      g_array_append_val (self->bars, bar);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
