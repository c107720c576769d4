/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-document"

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "shenbao-document.h"

/* The one family that has every character a form can hold; naming the SC family keeps
 * Japanese glyph shapes out of Chinese text. */
#define FONT_FAMILY "Noto Sans CJK SC"

#define MARGIN_SIDE   56.0
#define MARGIN_TOP    68.0
#define MARGIN_BOTTOM 64.0
#define CELL_PADDING  4.0

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_QUOTE,
  BLOCK_ROW,
  BLOCK_BOX,
  BLOCK_SPACE,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  guint    n_columns;
  double  *widths;      /* fractions of the text width */
  char   **header;      /* NULL: no header row */
} Table;

typedef struct
{
  BlockKind  kind;
  char      *text;
  char     **cells;
  Table     *table;     /* owned by the document's tables */
  gboolean   is_header;
  double     points;    /* BOX and SPACE */
} Block;

typedef struct
{
  Block   *block;
  guint    page;
  double   y;
  double   height;
} Placed;

struct _ShenbaoDocument
{
  GObject       parent_instance;

  char         *running_header;
  char         *watermark;
  gboolean      chinese;
  GPtrArray    *blocks;   /* Block */
  GPtrArray    *tables;   /* Table */
  Table        *open_table;
  GArray       *placed;   /* Placed, after paginate () */
  guint         n_pages;
  double        width;
  double        height;
  PangoContext *context;
};

G_DEFINE_FINAL_TYPE (ShenbaoDocument, shenbao_document, G_TYPE_OBJECT)

static void
block_free (Block *block)
{
  g_free (block->text);
  g_strfreev (block->cells);
  g_free (block);
}

static void
table_free (Table *table)
{
  g_free (table->widths);
  g_strfreev (table->header);
  g_free (table);
}

static void
shenbao_document_finalize (GObject *object)
{
  ShenbaoDocument *self = (ShenbaoDocument *) object;

  g_clear_pointer (&self->running_header, g_free);
  g_clear_pointer (&self->watermark, g_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->placed, g_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (shenbao_document_parent_class)->finalize (object);
}

static void
shenbao_document_class_init (ShenbaoDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shenbao_document_finalize;
}

static void
shenbao_document_init (ShenbaoDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  self->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
}

ShenbaoDocument *
shenbao_document_new (const char *running_header,
                      gboolean    chinese)
{
  ShenbaoDocument *self = g_object_new (SHENBAO_TYPE_DOCUMENT, NULL);

  self->running_header = g_strdup (running_header);
  self->chinese = chinese;
  return self;
}

/* ------------------------------------------------------------------ building */

static Block *
add_block (ShenbaoDocument *self,
           BlockKind        kind,
           const char      *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (self->blocks, block);
  return block;
}

/* Across every page, as 草稿 / DRAFT on a package made with problems left. */
void
shenbao_document_set_watermark (ShenbaoDocument *self,
                                const char      *text)
{
  g_return_if_fail (SHENBAO_IS_DOCUMENT (self));
  g_free (self->watermark);
  self->watermark = g_strdup (text);
}

void
shenbao_document_add_title (ShenbaoDocument *self,
                            const char      *text)
{
  add_block (self, BLOCK_TITLE, text);
}

void
shenbao_document_add_heading (ShenbaoDocument *self,
                              const char      *text)
{
  add_block (self, BLOCK_HEADING, text);
}

void
shenbao_document_add_paragraph (ShenbaoDocument *self,
                                const char      *text)
{
  add_block (self, BLOCK_PARAGRAPH, text);
}

/* The policy's own words, set off from what the applicant wrote. */
void
shenbao_document_add_quote (ShenbaoDocument *self,
                            const char      *text)
{
  add_block (self, BLOCK_QUOTE, text);
}

/* widths are fractions of the text width, one per column. */
void
shenbao_document_begin_table (ShenbaoDocument    *self,
                              guint               n_columns,
                              const double       *widths,
                              const char * const *header)
{
  Table *table = g_new0 (Table, 1);

  g_return_if_fail (SHENBAO_IS_DOCUMENT (self));
  g_return_if_fail (n_columns > 0);

  table->n_columns = n_columns;
  table->widths = g_memdup2 (widths, n_columns * sizeof (double));
  table->header = header != NULL ? g_strdupv ((char **) header) : NULL;
  g_ptr_array_add (self->tables, table);
  self->open_table = table;
  if (header != NULL)
    {
      Block *block = add_block (self, BLOCK_ROW, NULL);

      block->cells = g_strdupv ((char **) header);
      block->table = table;
      block->is_header = TRUE;
    }
}

void
shenbao_document_add_row (ShenbaoDocument    *self,
                          const char * const *cells)
{
  Block *block;

  g_return_if_fail (SHENBAO_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table != NULL);

  block = add_block (self, BLOCK_ROW, NULL);
  block->cells = g_strdupv ((char **) cells);
  block->table = self->open_table;
}

void
shenbao_document_end_table (ShenbaoDocument *self)
{
  g_return_if_fail (SHENBAO_IS_DOCUMENT (self));
  self->open_table = NULL;
  shenbao_document_add_space (self, 8);
}

/* A framed, empty box with its label in the corner: for a signature, a seal or an opinion. */
void
shenbao_document_add_box (ShenbaoDocument *self,
                          const char      *label,
                          double           height)
{
  add_block (self, BLOCK_BOX, label)->points = height;
}

void
shenbao_document_add_space (ShenbaoDocument *self,
                            double           points)
{
  add_block (self, BLOCK_SPACE, NULL)->points = points;
}

void
shenbao_document_add_page_break (ShenbaoDocument *self)
{
  add_block (self, BLOCK_PAGE_BREAK, NULL);
}

/* ------------------------------------------------------------------ layout */

/* cairo 1.16's CFF subsetter (Debian 12) writes a broken outline for the simplified-Chinese
 * glyph of 如 (U+5982) in Noto Sans CJK SC Regular when the subset is small: poppler and MuPDF
 * draw nothing ("cannot render glyph"), though the text layer has it. Scanning all 6,763
 * characters of GB 2312 in subsets of 40 finds no other. The Japanese form of the same character,
 * from the same font, subsets correctly and differs only in a stroke's end, so it is drawn
 * instead; the text still reads 如. */
#define BROKEN_SUBSET_CHARACTER "\xe5\xa6\x82"   /* 如 */

static void
avoid_broken_glyphs (PangoLayout *layout,
                     const char  *text)
{
  PangoAttrList *attributes = NULL;

  for (const char *p = text; p != NULL && (p = strstr (p, BROKEN_SUBSET_CHARACTER)) != NULL; p += 3)
    {
      PangoAttribute *language = pango_attr_language_new (pango_language_from_string ("ja"));

      if (attributes == NULL)
        attributes = pango_attr_list_new ();
      language->start_index = p - text;
      language->end_index = p - text + 3;
      pango_attr_list_insert (attributes, language);
    }
  if (attributes != NULL)
    {
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
    }
}

static PangoLayout *
make_layout (ShenbaoDocument *self,
             const char      *text,
             double           size,
             gboolean         bold,
             double           width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  avoid_broken_glyphs (layout, text);
  return layout;
}

static double
text_width (ShenbaoDocument *self)
{
  return self->width - 2 * MARGIN_SIDE;
}

static PangoLayout *
block_layout (ShenbaoDocument *self,
              Block           *block)
{
  double width = text_width (self);

  switch (block->kind)
    {
    case BLOCK_TITLE:
      {
        PangoLayout *layout = make_layout (self, block->text, 20, TRUE, width);
        pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
        return layout;
      }
    case BLOCK_HEADING:
      return make_layout (self, block->text, 13, TRUE, width);
    case BLOCK_PARAGRAPH:
      return make_layout (self, block->text, 10.5, FALSE, width);
    case BLOCK_QUOTE:
      return make_layout (self, block->text, 9.5, FALSE, width - 14);
    default:
      return NULL;
    }
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
cell_width (ShenbaoDocument *self,
            Table           *table,
            guint            column)
{
  return table->widths[column] * text_width (self);
}

static double
row_height (ShenbaoDocument *self,
            Block           *block)
{
  double tallest = 0;

  for (guint i = 0; i < block->table->n_columns && block->cells[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, block->cells[i], 9.5, block->is_header,
                                                   cell_width (self, block->table, i) - 2 * CELL_PADDING);
      tallest = MAX (tallest, layout_height (layout));
    }
  return tallest + 2 * CELL_PADDING;
}

/* Space after a block, so that text does not touch what follows. */
static double
gap_after (Block *block)
{
  switch (block->kind)
    {
    case BLOCK_TITLE:
      return 14;
    case BLOCK_HEADING:
      return 6;
    case BLOCK_PARAGRAPH:
    case BLOCK_QUOTE:
      return 6;
    case BLOCK_BOX:
      return 10;
    default:
      return 0;
    }
}

static double
block_height (ShenbaoDocument *self,
              Block           *block)
{
  g_autoptr(PangoLayout) layout = NULL;

  switch (block->kind)
    {
    case BLOCK_ROW:
      return row_height (self, block);
    case BLOCK_BOX:
    case BLOCK_SPACE:
      return block->points;
    case BLOCK_PAGE_BREAK:
      return 0;
    default:
      layout = block_layout (self, block);
      return layout_height (layout) + (block->kind == BLOCK_HEADING ? 8 : 0);
    }
}

static void
place (ShenbaoDocument *self,
       Block           *block,
       guint            page,
       double           y,
       double           height)
{
  Placed placed = { block, page, y, height };

  g_array_append_val (self->placed, placed);
}

static void
prepare_context (ShenbaoDocument *self,
                 cairo_t         *cr)
{
  if (self->context == NULL)
    {
      self->context = pango_cairo_create_context (cr);
      /* Chinese glyph forms for the shared Han characters, in the English form too. */
      pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
    }
  else
    pango_cairo_update_context (cr, self->context);
}

/* Cuts the flow into pages of width × height points. A table row is never split: a row that
 * does not fit starts the next page, under its table's header again; a heading is kept with
 * what follows it. Returns the number of pages. */
guint
shenbao_document_paginate (ShenbaoDocument *self,
                           cairo_t         *cr,
                           double           width,
                           double           height)
{
  double bottom = height - MARGIN_BOTTOM;
  double y = MARGIN_TOP;
  guint page = 0;

  g_return_val_if_fail (SHENBAO_IS_DOCUMENT (self), 0);

  self->width = width;
  self->height = height;
  prepare_context (self, cr);
  g_array_set_size (self->placed, 0);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double h = block_height (self, block);
      double needed = h;

      if (block->kind == BLOCK_PAGE_BREAK)
        {
          page++;
          y = MARGIN_TOP;
          continue;
        }
      /* A heading or a table's header with no room for the next block goes to the next page. */
      if ((block->kind == BLOCK_HEADING || block->is_header) && i + 1 < self->blocks->len)
        needed += block_height (self, g_ptr_array_index (self->blocks, i + 1));
      if (y + needed > bottom && y > MARGIN_TOP)
        {
          page++;
          y = MARGIN_TOP;
          if (block->kind == BLOCK_ROW && !block->is_header && block->table->header != NULL)
            {
              Block *header = NULL;

              for (guint j = i; j-- > 0;)
                {
                  Block *before = g_ptr_array_index (self->blocks, j);
                  if (before->table == block->table && before->is_header)
                    {
                      header = before;
                      break;
                    }
                }
              if (header != NULL)
                {
                  double header_height = block_height (self, header);

                  place (self, header, page, y, header_height);
                  y += header_height;
                }
            }
        }
      if (block->kind == BLOCK_SPACE && y == MARGIN_TOP)
        continue;
      place (self, block, page, y, h);
      y += h + gap_after (block);
    }
  self->n_pages = page + 1;
  return self->n_pages;
}

/* ------------------------------------------------------------------ drawing */

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row (ShenbaoDocument *self,
          cairo_t         *cr,
          const Placed    *placed)
{
  Block *block = placed->block;
  double x = MARGIN_SIDE;

  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; i < block->table->n_columns && block->cells[i] != NULL; i++)
    {
      double w = cell_width (self, block->table, i);
      g_autoptr(PangoLayout) layout = make_layout (self, block->cells[i], 9.5, block->is_header,
                                                   w - 2 * CELL_PADDING);

      if (block->is_header)
        {
          cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
          cairo_rectangle (cr, x, placed->y, w, placed->height);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_rectangle (cr, x, placed->y, w, placed->height);
      cairo_stroke (cr);
      show_layout_at (cr, layout, x + CELL_PADDING, placed->y + CELL_PADDING);
      x += w;
    }
}

static void
draw_block (ShenbaoDocument *self,
            cairo_t         *cr,
            const Placed    *placed)
{
  Block *block = placed->block;
  g_autoptr(PangoLayout) layout = NULL;

  cairo_set_source_rgb (cr, 0, 0, 0);
  switch (block->kind)
    {
    case BLOCK_ROW:
      draw_row (self, cr, placed);
      break;
    case BLOCK_BOX:
      layout = make_layout (self, block->text, 9.5, FALSE, text_width (self) - 2 * CELL_PADDING);
      cairo_set_line_width (cr, 0.8);
      cairo_rectangle (cr, MARGIN_SIDE, placed->y, text_width (self), placed->height);
      cairo_stroke (cr);
      show_layout_at (cr, layout, MARGIN_SIDE + CELL_PADDING, placed->y + CELL_PADDING);
      break;
    case BLOCK_QUOTE:
      layout = block_layout (self, block);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_rectangle (cr, MARGIN_SIDE, placed->y, 3, placed->height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      show_layout_at (cr, layout, MARGIN_SIDE + 14, placed->y);
      break;
    case BLOCK_HEADING:
      layout = block_layout (self, block);
      show_layout_at (cr, layout, MARGIN_SIDE, placed->y + 4);
      break;
    case BLOCK_TITLE:
    case BLOCK_PARAGRAPH:
      layout = block_layout (self, block);
      show_layout_at (cr, layout, MARGIN_SIDE, placed->y);
      break;
    default:
      break;
    }
}

static void
draw_furniture (ShenbaoDocument *self,
                cairo_t         *cr,
                guint            page)
{
  g_autofree char *number = self->chinese
                            ? g_strdup_printf ("第 %u 页 共 %u 页", page + 1, self->n_pages)
                            : g_strdup_printf ("Page %u of %u", page + 1, self->n_pages);
  g_autoptr(PangoLayout) header = make_layout (self, self->running_header, 8, FALSE, text_width (self));
  g_autoptr(PangoLayout) footer = make_layout (self, number, 8, FALSE, text_width (self));

  /* One line, however long the company and policy names: it must not run into the rule. */
  pango_layout_set_ellipsize (header, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (header, PANGO_WRAP_CHAR);
  pango_layout_set_height (header, -1);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  show_layout_at (cr, header, MARGIN_SIDE, 34);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_SIDE, 50);
  cairo_line_to (cr, self->width - MARGIN_SIDE, 50);
  cairo_stroke (cr);
  pango_layout_set_alignment (footer, PANGO_ALIGN_CENTER);
  show_layout_at (cr, footer, MARGIN_SIDE, self->height - 44);
}

static void
draw_watermark (ShenbaoDocument *self,
                cairo_t         *cr)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w;

  if (self->watermark == NULL)
    return;
  layout = make_layout (self, self->watermark, 60, TRUE, -1);
  pango_layout_set_width (layout, -1);
  w = layout_height (layout);
  cairo_save (cr);
  cairo_translate (cr, self->width / 2, self->height / 2);
  cairo_rotate (cr, -G_PI / 6);
  {
    int lw;
    pango_layout_get_size (layout, &lw, NULL);
    cairo_move_to (cr, -(double) lw / PANGO_SCALE / 2, -w / 2);
  }
  cairo_set_source_rgba (cr, 0.8, 0.1, 0.1, 0.18);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* Draws one page (from 0) as cut by the last paginate (); cr's origin is the page's corner. */
void
shenbao_document_draw_page (ShenbaoDocument *self,
                            cairo_t         *cr,
                            guint            page)
{
  g_return_if_fail (SHENBAO_IS_DOCUMENT (self));
  g_return_if_fail (self->context != NULL);

  pango_cairo_update_context (cr, self->context);
  draw_watermark (self, cr);
  draw_furniture (self, cr, page);
  for (guint i = 0; i < self->placed->len; i++)
    {
      const Placed *placed = &g_array_index (self->placed, Placed, i);

      if (placed->page == page)
        draw_block (self, cr, placed);
    }
}

/* ------------------------------------------------------------------ PDF */

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A4, fonts embedded as subsets by cairo. */
GBytes *
shenbao_document_to_pdf (ShenbaoDocument  *self,
                         const char       *title,
                         GError          **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (SHENBAO_IS_DOCUMENT (self), NULL);

  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf, SHENBAO_A4_WIDTH, SHENBAO_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Shenbao " PACKAGE_VERSION);
  cr = cairo_create (surface);
  /* Layout and drawing on the same context: a new context would reset the font options. */
  g_clear_object (&self->context);
  n_pages = shenbao_document_paginate (self, cr, SHENBAO_A4_WIDTH, SHENBAO_A4_HEIGHT);
  for (guint page = 0; page < n_pages; page++)
    {
      shenbao_document_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Drawing “%s”: %s"), title,
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}
