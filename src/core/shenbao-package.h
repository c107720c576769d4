/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_PACKAGE_ERROR (shenbao_package_error_quark ())

typedef enum
{
  SHENBAO_PACKAGE_ERROR_BLOCKED,   /* blocking problems and no draft asked for */
  SHENBAO_PACKAGE_ERROR_CHANGED,   /* an attachment is not the file that was attached */
  SHENBAO_PACKAGE_ERROR_WRITE,
} ShenbaoPackageError;

#define SHENBAO_PACKAGE_FORM_NAME       "01-申报书.pdf"
#define SHENBAO_PACKAGE_COMMITMENT_NAME "02-信用承诺书.pdf"
#define SHENBAO_PACKAGE_XML_NAME        "application.xml"
#define SHENBAO_PACKAGE_MANIFEST_NAME   "manifest.txt"

typedef void (*ShenbaoPackageProgress) (guint64  done,
                                        guint64  total,
                                        gpointer user_data);

/* A submission package ready to be written: made on the main thread from the application (its
 * problems checked, the PDFs drawn, application.xml written, the attachments listed with the
 * SHA-256 recorded when each was attached), then written by any thread, as it touches only
 * files. */
#define SHENBAO_TYPE_PACKAGE (shenbao_package_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoPackage, shenbao_package, SHENBAO, PACKAGE, GObject)

GQuark          shenbao_package_error_quark   (void);
ShenbaoPackage *shenbao_package_new           (ShenbaoFiling  *application,
                                               gboolean        chinese,
                                               gboolean        draft,
                                               const GDate    *date,
                                               GError        **error);
char           *shenbao_package_default_name  (ShenbaoFiling *application,
                                               const GDate   *date);
GBytes         *shenbao_package_get_form      (ShenbaoPackage         *self);
GBytes         *shenbao_package_get_xml       (ShenbaoPackage         *self);
guint64         shenbao_package_get_size      (ShenbaoPackage         *self);
gboolean        shenbao_package_write         (ShenbaoPackage         *self,
                                               const char             *path,
                                               gboolean                replace,
                                               ShenbaoPackageProgress  progress,
                                               gpointer                user_data,
                                               GCancellable           *cancellable,
                                               GError                **error);
void            shenbao_package_write_async   (ShenbaoPackage         *self,
                                               const char             *path,
                                               gboolean                replace,
                                               ShenbaoPackageProgress  progress,
                                               gpointer                progress_data,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gboolean        shenbao_package_write_finish  (ShenbaoPackage         *self,
                                               GAsyncResult           *result,
                                               GError                **error);

G_END_DECLS
