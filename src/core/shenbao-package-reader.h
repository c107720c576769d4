/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shenbao-policy-set.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

#define SHENBAO_PACKAGE_READER_ERROR (shenbao_package_reader_error_quark ())

typedef enum
{
  SHENBAO_PACKAGE_READER_ERROR_READ,
  SHENBAO_PACKAGE_READER_ERROR_UNSAFE,    /* a name that escapes, a link, an entry too large */
  SHENBAO_PACKAGE_READER_ERROR_MISMATCH,  /* the manifest or application.xml does not match */
  SHENBAO_PACKAGE_READER_ERROR_SCHEMA,
  SHENBAO_PACKAGE_READER_ERROR_POLICY,    /* a policy this Shenbao does not have */
} ShenbaoPackageReaderError;

/* The largest entry and the largest package taken in; a submission is tens of megabytes. */
#define SHENBAO_PACKAGE_MAX_ENTRY_SIZE (G_GINT64_CONSTANT (512) << 20)
#define SHENBAO_PACKAGE_MAX_TOTAL_SIZE (G_GINT64_CONSTANT (2) << 30)
#define SHENBAO_PACKAGE_MAX_ENTRIES    2000

GQuark   shenbao_package_reader_error_quark (void);
gboolean shenbao_package_verify             (const char        *path,
                                             GError           **error);
gint64   shenbao_package_import             (ShenbaoStorage    *storage,
                                             ShenbaoPolicySet  *policies,
                                             const char        *path,
                                             const char        *attachments_folder,
                                             GError           **error);
char    *shenbao_package_attachments_folder (void);

G_END_DECLS
