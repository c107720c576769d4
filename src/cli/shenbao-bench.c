/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-bench"

#include "config.h"

#include "shenbao-engine.h"
#include "shenbao-policy-set.h"
#include "shenbao-worksheet.h"

/* Loads and validates every shipped policy, then computes each whole policy many times, and
 * prints the median of each. Run it with: build/src/cli/shenbao-bench */
#define LOAD_RUNS 21
#define COMPUTE_RUNS 201
#define BATCH 20

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (GArray *samples)
{
  g_array_sort (samples, compare_int64);
  return g_array_index (samples, gint64, samples->len / 2);
}

static gboolean
set_value (ShenbaoPolicySet *set,
           ShenbaoInputs    *inputs,
           const char       *name,
           const char       *text)
{
  g_autofree char *key = NULL;
  ShenbaoField *field = NULL;

  if (!shenbao_policy_set_resolve_name (set, NULL, name, &key, &field, NULL))
    return FALSE;
  shenbao_inputs_take (inputs, key, shenbao_field_parse_value (field, text, NULL));
  return TRUE;
}

static double
time_compute (ShenbaoPolicySet   *set,
              ShenbaoPolicy      *policy,
              ShenbaoInputs      *inputs,
              const GDate        *as_of,
              ShenbaoComputeFlags flags,
              gboolean            rendered)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int run = 0; run < COMPUTE_RUNS; run++)
    {
      /* Each run is timed over a batch, as one run is near the clock's resolution. */
      gint64 start = g_get_monotonic_time ();

      for (int i = 0; i < BATCH; i++)
        {
          ShenbaoPolicyResult *result = shenbao_engine_compute_full (set, policy, inputs, as_of, flags);

          /* With the worksheet put in words, in both languages, as the package prints it. */
          if (rendered)
            {
              g_free (shenbao_worksheet_policy_text (result, TRUE, SHENBAO_WORKSHEET_DEFAULT));
              g_free (shenbao_worksheet_policy_text (result, FALSE, SHENBAO_WORKSHEET_DEFAULT));
            }
          shenbao_policy_result_free (result);
        }
      g_array_append_val (times, (gint64) { g_get_monotonic_time () - start });
    }
  return median (times) / (double) BATCH;
}

int
main (void)
{
  g_autoptr(GArray) load_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ShenbaoPolicySet) set = NULL;
  g_autoptr(ShenbaoInputs) inputs = shenbao_inputs_new ();
  g_autoptr(GPtrArray) policies = NULL;
  GDate as_of;

  for (int run = 0; run < LOAD_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&set);
      set = shenbao_policy_set_new_default (NULL);
      if (set == NULL)
        return 1;
      g_array_append_val (load_times, (gint64) { g_get_monotonic_time () - start });
    }
  policies = shenbao_policy_set_get_policies (set);
  g_print ("load and validate %u policies: %.2f ms (median of %d)\n", policies->len,
           median (load_times) / 1000.0, LOAD_RUNS);

  set_value (set, inputs, "registered_region", "330604");
  set_value (set, inputs, "revenue", "80000000");
  set_value (set, inputs, "embodied_ai_product_revenue", "60000000");
  set_value (set, inputs, "compute_fees_paid", "8000000");
  set_value (set, inputs, "equipment_investment_excl_tax", "5000000");
  set_value (set, inputs, "rented_factory_area", "9000");
  set_value (set, inputs, "rd_investment", "12000000");
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, G_DATE_JUNE, 2025);

  g_print ("compute one whole policy (median of %d runs; with explanation steps / amounts only /"
           " steps and both languages' text):\n", COMPUTE_RUNS);
  for (guint p = 0; p < policies->len; p++)
    {
      ShenbaoPolicy *policy = g_ptr_array_index (policies, p);

      g_print ("  %-20s %2u clauses  %5.1f us / %5.1f us / %6.1f us\n", shenbao_policy_get_id (policy),
               shenbao_policy_get_clauses (policy)->len,
               time_compute (set, policy, inputs, &as_of, SHENBAO_COMPUTE_EXPLAIN, FALSE),
               time_compute (set, policy, inputs, &as_of, SHENBAO_COMPUTE_AMOUNTS_ONLY, FALSE),
               time_compute (set, policy, inputs, &as_of, SHENBAO_COMPUTE_EXPLAIN, TRUE));
    }
  return 0;
}
