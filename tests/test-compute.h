/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-engine.h"

G_BEGIN_DECLS

/* For tests that compute a policy from settings written as a user would: each NAME=VALUE is a
 * company fact or CLAUSE/FIELD, as with shenbao-cli --set; the list ends with NULL. */
ShenbaoPolicyResult *test_compute        (ShenbaoPolicySet    *set,
                                          const char          *policy_id,
                                          const char          *as_of_text,
                                          ...) G_GNUC_NULL_TERMINATED;
ShenbaoPolicyResult *test_compute_valist (ShenbaoPolicySet    *set,
                                          const char          *policy_id,
                                          const char          *as_of_text,
                                          va_list              args);
ShenbaoClauseResult *test_clause         (ShenbaoPolicyResult *result,
                                          const char          *id);

G_END_DECLS
