/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: a policy file through the loader — XML parsing, the RELAX NG schema and the
 * semantic pass over names, formulas and units — with the shipped schema and facts. */
#include "config.h"

#include <unistd.h>

#include "fuzz-common.h"
#include "shenbao-policy-set.h"

static ShenbaoPolicySet *set;
static char *path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("shenbao-fuzz-policy-%d.xml", (int) getpid ());

  fuzz_make_warnings_fatal ();
  set = shenbao_policy_set_new (POLICIES_SOURCE_DIR, &error);
  g_assert_no_error (error);
  /* The loader reads paths, as the program does; a file in the temporary folder keeps it so. */
  path = g_build_filename (g_get_tmp_dir (), name, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        gsize         size)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ShenbaoPolicy) policy = NULL;

  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  policy = shenbao_policy_set_read_file (set, path, problems);

  /* Either a policy or at least one "file:line: message", never both nor neither. */
  g_assert ((policy != NULL) == (problems->len == 0));
  for (guint i = 0; i < problems->len; i++)
    g_assert (g_str_has_prefix (g_ptr_array_index (problems, i), path));
  return 0;
}
