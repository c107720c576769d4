/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* A printed document as a flow of blocks (headings, paragraphs, table rows, boxes to sign or
 * stamp in) that is cut into pages for a given page size, then drawn page by page on any cairo
 * context: the PDF surface of the package and the print dialog's context alike, so what is
 * printed is what is packaged. Text goes through Pango with "Noto Sans CJK SC". */
#define SHENBAO_TYPE_DOCUMENT (shenbao_document_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoDocument, shenbao_document, SHENBAO, DOCUMENT, GObject)

#define SHENBAO_A4_WIDTH  595.276
#define SHENBAO_A4_HEIGHT 841.890

ShenbaoDocument *shenbao_document_new            (const char      *running_header,
                                                  gboolean         chinese);
void             shenbao_document_set_watermark  (ShenbaoDocument *self,
                                                  const char      *text);
void             shenbao_document_add_title      (ShenbaoDocument *self,
                                                  const char      *text);
void             shenbao_document_add_heading    (ShenbaoDocument *self,
                                                  const char      *text);
void             shenbao_document_add_paragraph  (ShenbaoDocument *self,
                                                  const char      *text);
void             shenbao_document_add_quote      (ShenbaoDocument *self,
                                                  const char      *text);
void             shenbao_document_begin_table    (ShenbaoDocument *self,
                                                  guint            n_columns,
                                                  const double    *widths,
                                                  const char * const *header);
void             shenbao_document_add_row        (ShenbaoDocument *self,
                                                  const char * const *cells);
void             shenbao_document_end_table      (ShenbaoDocument *self);
void             shenbao_document_add_box        (ShenbaoDocument *self,
                                                  const char      *label,
                                                  double           height);
void             shenbao_document_add_space      (ShenbaoDocument *self,
                                                  double           points);
void             shenbao_document_add_page_break (ShenbaoDocument *self);

guint            shenbao_document_paginate       (ShenbaoDocument *self,
                                                  cairo_t         *cr,
                                                  double           width,
                                                  double           height);
void             shenbao_document_draw_page      (ShenbaoDocument *self,
                                                  cairo_t         *cr,
                                                  guint            page);
GBytes          *shenbao_document_to_pdf         (ShenbaoDocument *self,
                                                  const char      *title,
                                                  GError         **error);

G_END_DECLS
