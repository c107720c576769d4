/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-policy.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

/* What a user can act on in time: a policy's status with its stated period, and the
 * application window of the current call with the days left. */

typedef enum
{
  SHENBAO_WINDOW_UNKNOWN,      /* no closing date recorded */
  SHENBAO_WINDOW_NOT_OPEN,     /* opens later */
  SHENBAO_WINDOW_OPEN,         /* more than 7 days left */
  SHENBAO_WINDOW_CLOSING,      /* 7 days or fewer */
  SHENBAO_WINDOW_LAST_DAY,     /* closes today or tomorrow */
  SHENBAO_WINDOW_CLOSED,
} ShenbaoWindowState;

gboolean           shenbao_policy_period_ended  (ShenbaoPolicy             *policy,
                                                 const GDate               *as_of);
char              *shenbao_policy_status_text   (ShenbaoPolicy             *policy,
                                                 const GDate               *as_of,
                                                 gboolean                   chinese);
int                shenbao_policy_compare_by_status (ShenbaoPolicy         *a,
                                                 ShenbaoPolicy             *b,
                                                 const GDate               *as_of);
ShenbaoWindowState shenbao_window_state         (const ShenbaoPolicyWindow *window,
                                                 const GDate               *as_of,
                                                 int                       *days_left);
char              *shenbao_window_text          (const ShenbaoPolicyWindow *window,
                                                 const GDate               *as_of,
                                                 gboolean                   chinese);

G_END_DECLS
