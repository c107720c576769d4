/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-policy-set.h"

G_BEGIN_DECLS

/* What `shenbao-cli package`, `verify` and `applications` are given. */
typedef struct
{
  GDate        as_of;
  gboolean     chinese;
  GPtrArray   *positional;   /* char * */
  GPtrArray   *settings;     /* char *: NAME=VALUE */
  GPtrArray   *claims;       /* char *: ID,ID… */
  GPtrArray   *same;
  GPtrArray   *distinct;
  GPtrArray   *attachments;  /* char *: ITEM=FILE */
  const char  *output;
  const char  *application;  /* an id from `applications` */
  const char  *from;         /* an application.xml */
  gboolean     draft;
  gboolean     force;
} ShenbaoCliPackageOptions;

int shenbao_cli_package      (ShenbaoPolicySet               *set,
                              const ShenbaoCliPackageOptions *options);
int shenbao_cli_verify       (const ShenbaoCliPackageOptions *options);
int shenbao_cli_applications (ShenbaoPolicySet               *set,
                              const ShenbaoCliPackageOptions *options);

G_END_DECLS
