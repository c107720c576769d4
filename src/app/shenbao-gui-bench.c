/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <adwaita.h>

#include "shenbao-filing.h"
#include "shenbao-saved-application.h"
#include "shenbao-start-page.h"
#include "shenbao-window.h"

/* Two measurements behind build-aux/bench.sh:
 *   shenbao-gui-bench bare       an empty libadwaita window that quits after its first frame,
 *                                the yardstick for the program's start-up;
 *   shenbao-gui-bench keystroke  the time from one keystroke in a field to the whole
 *                                application saved and recomputed, with its explanation;
 *   shenbao-gui-bench delete     with the saved applications of $XDG_DATA_HOME/shenbao, the
 *                                time from deleting the first one on the start page, and from
 *                                undoing it, to the next frame drawn. */

static void
quit_after_paint (GdkFrameClock *clock,
                  GApplication  *app)
{
  g_application_quit (app);
}

static void
on_map (GtkWidget    *window,
        GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (quit_after_paint), app);
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), adw_header_bar_new ());
  g_signal_connect (window, "map", G_CALLBACK (on_map), app);
  gtk_window_present (GTK_WINDOW (window));
}

static int
bare_window (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.shenbao.BareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
type_into (ShenbaoFiling *application,
           const char    *name,
           const char    *text)
{
  g_autofree char *key = NULL;
  ShenbaoField *field = NULL;

  g_assert (shenbao_policy_set_resolve_name (shenbao_filing_get_policies (application), NULL, name, &key, &field, NULL));
  g_assert (shenbao_filing_set_text (application, field, text, NULL));
}

static int
keystroke (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shenbao-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shenbao.db", NULL);
  g_autoptr(ShenbaoPolicySet) policies = shenbao_policy_set_new_default (NULL);
  g_autoptr(ShenbaoStorage) storage = shenbao_storage_open (path, NULL);
  g_autoptr(ShenbaoFiling) application = shenbao_filing_create (storage, policies, 0, NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *clauses = shenbao_policy_get_clauses (shenbao_policy_set_lookup (policies, "shangyu-2025"));
  const int runs = 501;

  /* A Shangyu company with most clauses claimed: the heaviest policy to recompute. */
  shenbao_filing_set_policy (application, "shangyu-2025", NULL);
  for (guint i = 0; i < clauses->len; i++)
    shenbao_filing_set_clause_chosen (application,
                                      shenbao_clause_get_full_id (g_ptr_array_index (clauses, i)),
                                           TRUE, NULL);
  type_into (application, "registered_region", "330604");
  type_into (application, "compute_fees_paid", "8000000");
  type_into (application, "rented_factory_area", "9000");
  type_into (application, "shangyu-2025/1a/factory_rent_months", "12");
  type_into (application, "embodied_ai_product_revenue", "60000000");

  for (int run = 0; run < runs; run++)
    {
      g_autofree char *text = g_strdup_printf ("%d", 1000000 + run);
      gint64 start = g_get_monotonic_time ();

      /* One keystroke: the text is saved, parsed, the policy recomputed and its problems listed,
       * as the clause page and the review do after every change. */
      type_into (application, "equipment_investment_excl_tax", text);
      g_assert (shenbao_filing_get_result (application) != NULL);
      g_ptr_array_unref (shenbao_filing_list_problems (application, FALSE));
      g_array_append_val (times, (gint64) { g_get_monotonic_time () - start });
    }
  g_array_sort (times, compare_int64);
  printf ("recompute after one keystroke (save + parse + whole policy with explanation): "
          "median %" G_GINT64_FORMAT " us, 95th percentile %" G_GINT64_FORMAT " us (%d runs)\n",
          g_array_index (times, gint64, runs / 2), g_array_index (times, gint64, runs * 95 / 100), runs);
  return 0;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* From an action to the frame that shows its result. */
static gint64
until_next_frame (GtkWidget  *window,
                  const char *action,
                  gint64      id)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gint64 start = g_get_monotonic_time ();

  gtk_widget_activate_action (window, action, "x", id);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  return g_get_monotonic_time () - start;
}

static int
delete_and_undo (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "shenbao", "shenbao.db", NULL);
  g_autoptr(ShenbaoPolicySet) policies = NULL;
  g_autoptr(ShenbaoStorage) storage = NULL;
  g_autoptr(GArray) deletes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) undos = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *window;
  GListModel *model;
  const int runs = 21;

  adw_init ();
  policies = shenbao_policy_set_new_default (NULL);
  storage = shenbao_storage_open (path, NULL);
  if (policies == NULL || storage == NULL)
    return 1;
  window = GTK_WIDGET (shenbao_window_new (NULL, storage, policies));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  model = shenbao_start_page_get_model (SHENBAO_START_PAGE (shenbao_window_get_page (SHENBAO_WINDOW (window), "start")));

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(ShenbaoSavedApplication) first = g_list_model_get_item (model, 0);
      gint64 id = shenbao_saved_application_get_id (first);

      g_array_append_val (deletes, (gint64) { until_next_frame (window, "win.delete-application", id) });
      g_array_append_val (undos, (gint64) { until_next_frame (window, "win.undo-delete", id) });
    }
  g_array_sort (deletes, compare_int64);
  g_array_sort (undos, compare_int64);
  printf ("with %u saved applications: delete to next frame %.1f ms, undo to next frame %.1f ms (median of %d)\n",
          g_list_model_get_n_items (model), g_array_index (deletes, gint64, runs / 2) / 1000.0,
          g_array_index (undos, gint64, runs / 2) / 1000.0, runs);
  /* Undone every time: nothing was deleted from the database. */
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && g_str_equal (argv[1], "bare"))
    return bare_window ();
  if (argc == 2 && g_str_equal (argv[1], "keystroke"))
    return keystroke ();
  if (argc == 2 && g_str_equal (argv[1], "delete") && gtk_init_check ())
    return delete_and_undo ();
  fprintf (stderr, "Usage: shenbao-gui-bench bare|keystroke|delete\n");
  return 2;
}
