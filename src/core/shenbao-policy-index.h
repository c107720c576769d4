/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shenbao-policy.h"

G_BEGIN_DECLS

/* What is known of each policy file without reading it again: its header (id, titles, status,
 * dates, areas, clause count) or the problems that kept it out, and the SHA-256 it had when
 * indexed, keyed by path and valid while the file's size and modification time, and the
 * program's schema and facts, are unchanged.
 * Kept in the user's cache folder; a damaged or stale cache is simply rebuilt. */
typedef struct _ShenbaoPolicyIndex ShenbaoPolicyIndex;

typedef struct
{
  gint64  size;
  gint64  mtime_usec;
} ShenbaoFileStamp;

ShenbaoPolicyIndex *shenbao_policy_index_load         (const char          *path,
                                                       const char          *program_stamp);
void                shenbao_policy_index_free         (ShenbaoPolicyIndex  *index);
gboolean            shenbao_policy_index_save         (ShenbaoPolicyIndex  *index,
                                                       GError             **error);
gboolean            shenbao_policy_index_is_dirty     (ShenbaoPolicyIndex  *index);
gboolean            shenbao_policy_index_stat         (const char          *file,
                                                       ShenbaoFileStamp    *stamp,
                                                       GError             **error);
gboolean            shenbao_policy_index_lookup       (ShenbaoPolicyIndex  *index,
                                                       const char          *file,
                                                       const ShenbaoFileStamp *stamp,
                                                       ShenbaoPolicy      **header,
                                                       GPtrArray           *problems);
void                shenbao_policy_index_store_policy (ShenbaoPolicyIndex  *index,
                                                       const char          *file,
                                                       const ShenbaoFileStamp *stamp,
                                                       ShenbaoPolicy       *policy);
void                shenbao_policy_index_store_problems (ShenbaoPolicyIndex *index,
                                                       const char          *file,
                                                       const ShenbaoFileStamp *stamp,
                                                       GPtrArray           *problems,
                                                       guint                first);
void                shenbao_policy_index_forget_missing (ShenbaoPolicyIndex *index,
                                                       GHashTable          *seen_files);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShenbaoPolicyIndex, shenbao_policy_index_free)

G_END_DECLS
