/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* A critical or warning from GLib is a bug the fuzzer should stop at, as G_DEBUG=fatal-warnings
 * makes it in the tests. */
static inline void
fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The fuzzer's bytes as a NUL-terminated string, cut at the first NUL. */
static inline char *
fuzz_text (const guint8 *data,
           gsize         size)
{
  return g_strndup ((const char *) data, size);
}

int LLVMFuzzerTestOneInput (const guint8 *data, gsize size);
int LLVMFuzzerInitialize (int *argc, char ***argv);
