/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* GB/T 2260 administrative divisions, from python-stdnum's table (stdnum/cn/loc.dat, compiled in
 * at build time). The table lists county-level codes; the province (xx0000) and prefecture
 * (xxxx00) entries are derived from them, so a user can pick any of the three levels.
 *
 * The table mixes current and older codes: it still carries divisions that were merged or
 * renamed (310103 卢湾区, merged into 黄浦区 in 2011), because older credit codes carry them, and
 * nothing in it says which codes are still in use. "Known" therefore means "in the national
 * table, possibly an older code", never "currently valid". */

typedef enum
{
  SHENBAO_REGION_PROVINCE,
  SHENBAO_REGION_PREFECTURE,
  SHENBAO_REGION_COUNTY,
} ShenbaoRegionLevel;

typedef struct _ShenbaoRegion ShenbaoRegion;

/* Entries belong to the table and live as long as the program: never free them. */
struct _ShenbaoRegion
{
  char                 code[7];
  ShenbaoRegionLevel   level;
  const char          *name;        /* its own name as in the table: 浙江省, 绍兴市, 上虞区 */
  const ShenbaoRegion *parent;      /* NULL for a province */
  guint                n_children;
};

const ShenbaoRegion *shenbao_regions_lookup          (const char          *code);
gboolean             shenbao_regions_is_known        (const char          *code);
guint                shenbao_regions_count           (ShenbaoRegionLevel   level);
const char          *shenbao_regions_get_source      (void);
GPtrArray           *shenbao_regions_list_children   (const char          *code);
GPtrArray           *shenbao_regions_search          (const char          *query,
                                                      guint                max_results);
GPtrArray           *shenbao_regions_find_named      (const char          *name,
                                                      ShenbaoRegionLevel   level);

gboolean             shenbao_region_matches          (const ShenbaoRegion *region,
                                                      const char          *query);
gboolean             shenbao_region_is_grouping      (const ShenbaoRegion *region);
const ShenbaoRegion *shenbao_region_get_ancestor     (const ShenbaoRegion *region,
                                                      ShenbaoRegionLevel   level);
char                *shenbao_region_dup_path         (const ShenbaoRegion *region,
                                                      gboolean             include_self);
char                *shenbao_region_dup_label        (const ShenbaoRegion *region);

G_END_DECLS
