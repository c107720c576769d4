/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-saved-application"

#include "config.h"

#include "shenbao-saved-application.h"

struct _ShenbaoSavedApplication
{
  GObject                    parent_instance;
  ShenbaoFilingSummary *summary;
};

G_DEFINE_FINAL_TYPE (ShenbaoSavedApplication, shenbao_saved_application, G_TYPE_OBJECT)

static void
shenbao_saved_application_finalize (GObject *object)
{
  ShenbaoSavedApplication *self = (ShenbaoSavedApplication *) object;

  g_clear_pointer (&self->summary, shenbao_filing_summary_free);
  G_OBJECT_CLASS (shenbao_saved_application_parent_class)->finalize (object);
}

static void
shenbao_saved_application_class_init (ShenbaoSavedApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shenbao_saved_application_finalize;
}

static void
shenbao_saved_application_init (ShenbaoSavedApplication *self)
{
}

/* Takes the summary. */
ShenbaoSavedApplication *
shenbao_saved_application_new (ShenbaoFilingSummary *summary)
{
  ShenbaoSavedApplication *self = g_object_new (SHENBAO_TYPE_SAVED_APPLICATION, NULL);

  g_return_val_if_fail (summary != NULL, NULL);
  self->summary = summary;
  return self;
}

const ShenbaoFilingSummary *
shenbao_saved_application_get_summary (ShenbaoSavedApplication *self)
{
  g_return_val_if_fail (SHENBAO_IS_SAVED_APPLICATION (self), NULL);
  return self->summary;
}

gint64
shenbao_saved_application_get_id (ShenbaoSavedApplication *self)
{
  g_return_val_if_fail (SHENBAO_IS_SAVED_APPLICATION (self), 0);
  return self->summary->id;
}
