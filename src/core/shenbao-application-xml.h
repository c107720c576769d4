/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-application.h"

G_BEGIN_DECLS

#define SHENBAO_APPLICATION_XML_ERROR (shenbao_application_xml_error_quark ())

typedef enum
{
  SHENBAO_APPLICATION_XML_ERROR_PARSE,
  SHENBAO_APPLICATION_XML_ERROR_SCHEMA,
} ShenbaoApplicationXmlError;

#define SHENBAO_APPLICATION_XML_NS "https://shenbao.github.io/ns/application/1"

GQuark                    shenbao_application_xml_error_quark (void);
char                     *shenbao_application_xml_write       (ShenbaoApplication *application,
                                                               GPtrArray          *attachments,
                                                               gsize              *length);
/* The attachment records' path holds the file's name in the package (附件/…), or NULL. */
ShenbaoApplicationImport *shenbao_application_xml_read        (const char         *data,
                                                               gsize               length,
                                                               const char         *name,
                                                               GError            **error);
void                      shenbao_application_import_free     (ShenbaoApplicationImport *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoApplicationImport, shenbao_application_import_free)

G_END_DECLS
