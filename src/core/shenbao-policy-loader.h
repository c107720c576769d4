/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-policy.h"
#include "shenbao-xml.h"

G_BEGIN_DECLS

/* Reads a policy file or the facts file. Each problem is appended to problems as
 * "file:line: message"; the result is NULL when there was any. */
xmlRelaxNG    *shenbao_policy_schema_load     (const char  *schema_path,
                                               GError     **error);
ShenbaoPolicy *shenbao_policy_loader_read     (const char  *path,
                                               xmlRelaxNG  *schema,
                                               GPtrArray   *facts,
                                               GPtrArray   *problems);
GPtrArray     *shenbao_facts_loader_read      (const char  *path,
                                               xmlRelaxNG  *schema,
                                               GPtrArray   *problems);

gboolean       shenbao_policy_loader_is_facts_file (const char *path);

G_END_DECLS
