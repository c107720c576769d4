/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_FILING_XML_ERROR (shenbao_filing_xml_error_quark ())

typedef enum
{
  SHENBAO_FILING_XML_ERROR_PARSE,
  SHENBAO_FILING_XML_ERROR_SCHEMA,
} ShenbaoFilingXmlError;

#define SHENBAO_FILING_XML_NS "https://shenbao.github.io/ns/application/1"

GQuark                    shenbao_filing_xml_error_quark (void);
char                     *shenbao_filing_xml_write       (ShenbaoFiling *application,
                                                          GPtrArray     *attachments,
                                                          gsize         *length);
/* The attachment records' path holds the file's name in the package (附件/…), or NULL. */
ShenbaoFilingImport *shenbao_filing_xml_read        (const char  *data,
                                                     gsize        length,
                                                     const char  *name,
                                                     GError     **error);
void                      shenbao_filing_import_free     (ShenbaoFilingImport *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoFilingImport, shenbao_filing_import_free)

G_END_DECLS
