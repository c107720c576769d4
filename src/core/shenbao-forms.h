/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-filing.h"
#include "shenbao-document.h"

G_BEGIN_DECLS

/* An attached file in the package: its checklist item, its number (03, 04, … after the form
 * and the commitment letter) and its name in the zip. */
typedef struct
{
  ShenbaoChecklistItem *item;
  guint                 number;
  char                 *entry_name;
} ShenbaoNumberedAttachment;

void             shenbao_numbered_attachment_free (ShenbaoNumberedAttachment *attachment);
GPtrArray       *shenbao_forms_number_attachments (ShenbaoChecklist   *checklist);
char            *shenbao_forms_format_amount      (gint64              fen,
                                                   gboolean            chinese);
char            *shenbao_forms_format_date        (const GDate        *date,
                                                   gboolean            chinese);

/* 申报书 and 信用承诺书, in Chinese or English (the clause texts stay in Chinese). */
ShenbaoDocument *shenbao_forms_application        (ShenbaoFiling *application,
                                                   GPtrArray     *attachments,
                                                   gboolean       chinese,
                                                   gboolean       draft,
                                                   const GDate   *date);
ShenbaoDocument *shenbao_forms_commitment         (ShenbaoFiling *application,
                                                   gboolean       chinese,
                                                   gboolean       draft,
                                                   const GDate   *date);

G_END_DECLS
