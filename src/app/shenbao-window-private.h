/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-clauses-page.h"
#include "shenbao-company-page.h"
#include "shenbao-materials-page.h"
#include "shenbao-policies-page.h"
#include "shenbao-review-page.h"
#include "shenbao-settings.h"
#include "shenbao-start-page.h"
#include "shenbao-window.h"

G_BEGIN_DECLS

/* What shenbao-window.c (the wizard's frame: its pages, moving between them, the keyboard) and
 * shenbao-window-actions.c (what the window's actions do) share. */

#define CLAUSE_PAGE_PREFIX "clause:"

struct _ShenbaoWindow
{
  AdwApplicationWindow  parent_instance;

  ShenbaoStorage       *storage;
  ShenbaoPolicySet     *policies;
  ShenbaoFiling        *filing;
  ShenbaoSettings      *settings;
  GPtrArray            *clause_pages;   /* page names of the chosen clauses, in order */
  GHashTable           *pending_deletes; /* gint64 id deleted but still undoable → its toast */
  AdwToast             *problem_toast;   /* what Enter said is left to fix, while shown */
  gboolean              focus_when_mapped; /* a page went up before the window did */

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *steps_squeezer;
  GtkWidget            *steps_box;
  GtkLabel             *step_short_label;
  GtkLabel             *step_company;
  GtkLabel             *step_policies;
  GtkLabel             *step_clauses;
  GtkLabel             *step_details;
  GtkLabel             *step_materials;
  GtkLabel             *step_review;
  GtkStack             *stack;
  GtkWidget            *action_bar;
  GtkWidget            *next_button;
  ShenbaoStartPage     *start_page;
  ShenbaoCompanyPage   *company_page;
  ShenbaoPoliciesPage  *policies_page;
  ShenbaoClausesPage   *clauses_page;
  ShenbaoMaterialsPage *materials_page;
  ShenbaoReviewPage    *review_page;
};

void        shenbao_window_install_actions      (GtkWidgetClass *widget_class);

void        shenbao_window_go_to                (ShenbaoWindow  *self,
                                                 const char     *name);
GPtrArray  *shenbao_window_page_sequence        (ShenbaoWindow  *self);
int         shenbao_window_page_index           (ShenbaoWindow  *self,
                                                 GPtrArray      *sequence);
void        shenbao_window_rebuild_clause_pages (ShenbaoWindow  *self);
void        shenbao_window_update_steps         (ShenbaoWindow  *self);
GPtrArray  *shenbao_window_list_page_problems   (ShenbaoWindow  *self,
                                                 const char     *page);
void        shenbao_window_add_toast            (ShenbaoWindow  *self,
                                                 AdwToast       *toast);
void        shenbao_window_show_error           (ShenbaoWindow  *self,
                                                 const char     *message);

G_END_DECLS
