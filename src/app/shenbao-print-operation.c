/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-print-operation"

#include "config.h"

#include "shenbao-print-operation.h"

/* Prints a document with the same drawing code as the PDF in the package: the pages are cut
 * for the printer's page and drawn by ShenbaoDocument, so what is printed is what is filed. */
struct _ShenbaoPrintOperation
{
  GtkPrintOperation  parent_instance;

  ShenbaoDocument   *document;
};

G_DEFINE_FINAL_TYPE (ShenbaoPrintOperation, shenbao_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
shenbao_print_operation_begin_print (GtkPrintOperation *operation,
                                     GtkPrintContext   *context)
{
  ShenbaoPrintOperation *self = SHENBAO_PRINT_OPERATION (operation);
  guint n_pages = shenbao_document_paginate (self->document, gtk_print_context_get_cairo_context (context),
                                             gtk_print_context_get_width (context),
                                             gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
shenbao_print_operation_draw_page (GtkPrintOperation *operation,
                                   GtkPrintContext   *context,
                                   int                page_nr)
{
  ShenbaoPrintOperation *self = SHENBAO_PRINT_OPERATION (operation);

  shenbao_document_draw_page (self->document, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
shenbao_print_operation_dispose (GObject *object)
{
  ShenbaoPrintOperation *self = (ShenbaoPrintOperation *) object;

  g_clear_object (&self->document);
  G_OBJECT_CLASS (shenbao_print_operation_parent_class)->dispose (object);
}

static void
shenbao_print_operation_class_init (ShenbaoPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = shenbao_print_operation_dispose;
  operation_class->begin_print = shenbao_print_operation_begin_print;
  operation_class->draw_page = shenbao_print_operation_draw_page;
}

static void
shenbao_print_operation_init (ShenbaoPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  /* The document lays out its own margins; the page is the whole sheet. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

ShenbaoPrintOperation *
shenbao_print_operation_new (ShenbaoDocument *document,
                             const char      *job_name)
{
  ShenbaoPrintOperation *self = g_object_new (SHENBAO_TYPE_PRINT_OPERATION, NULL);

  self->document = g_object_ref (document);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);
  return self;
}
