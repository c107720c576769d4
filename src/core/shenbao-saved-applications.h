/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shenbao-policy-set.h"
#include "shenbao-saved-application.h"
#include "shenbao-storage.h"

G_BEGIN_DECLS

/* The saved applications as a GListModel read from the database a page at a time: a list view
 * asks only for the rows it shows, so 2,500 applications open as fast as ten. */
#define SHENBAO_TYPE_SAVED_APPLICATIONS (shenbao_saved_applications_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoSavedApplications, shenbao_saved_applications, SHENBAO, SAVED_APPLICATIONS, GObject)

#define SHENBAO_SAVED_APPLICATIONS_PAGE 64

ShenbaoSavedApplications *shenbao_saved_applications_new        (ShenbaoStorage           *storage,
                                                                 ShenbaoPolicySet         *policies,
                                                                 GHashTable               *hidden);
void                      shenbao_saved_applications_set_search (ShenbaoSavedApplications *self,
                                                                 const char               *search);
void                      shenbao_saved_applications_set_sort   (ShenbaoSavedApplications *self,
                                                                 ShenbaoFilingSort    sort);
void                      shenbao_saved_applications_set_filter (ShenbaoSavedApplications *self,
                                                                 ShenbaoFilingFilter  filter);
void                      shenbao_saved_applications_set_hidden (ShenbaoSavedApplications *self,
                                                                 GHashTable               *hidden);
void                      shenbao_saved_applications_set_today  (ShenbaoSavedApplications *self,
                                                                 const GDate              *today);
void                      shenbao_saved_applications_reload     (ShenbaoSavedApplications *self);
guint                     shenbao_saved_applications_get_pages_read (ShenbaoSavedApplications *self);
const GError             *shenbao_saved_applications_get_error  (ShenbaoSavedApplications *self);

G_END_DECLS
