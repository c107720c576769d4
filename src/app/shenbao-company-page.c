/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-company-page"

#include "config.h"

#include "shenbao-company-page.h"
#include "shenbao-field-row.h"
#include "shenbao-page-util.h"

/* The company profile: the shared company facts of the policy files, one row each. */
struct _ShenbaoCompanyPage
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *identity_group;
  AdwPreferencesGroup  *figures_group;
  GPtrArray            *rows;
  ShenbaoFiling   *filing;
};

G_DEFINE_FINAL_TYPE (ShenbaoCompanyPage, shenbao_company_page, ADW_TYPE_BIN)

static void
shenbao_company_page_dispose (GObject *object)
{
  ShenbaoCompanyPage *self = (ShenbaoCompanyPage *) object;

  if (self->filing != NULL)
    g_signal_handlers_disconnect_by_data (self->filing, self);
  g_clear_object (&self->filing);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_COMPANY_PAGE);
  G_OBJECT_CLASS (shenbao_company_page_parent_class)->dispose (object);
}

static void
shenbao_company_page_class_init (ShenbaoCompanyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_company_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-company-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoCompanyPage, identity_group);
  gtk_widget_class_bind_template_child (widget_class, ShenbaoCompanyPage, figures_group);
}

static void
shenbao_company_page_init (ShenbaoCompanyPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
on_application_changed (ShenbaoCompanyPage *self)
{
  shenbao_page_refresh_rows (self->rows);
}

static gboolean
is_figure (ShenbaoField *fact)
{
  ShenbaoFieldType kind = shenbao_field_get_kind (fact);

  return kind == SHENBAO_FIELD_MONEY || kind == SHENBAO_FIELD_NUMBER
         || kind == SHENBAO_FIELD_INTEGER || kind == SHENBAO_FIELD_PERCENT;
}

void
shenbao_company_page_set_filing (ShenbaoCompanyPage *self,
                                      ShenbaoFiling *application)
{
  GPtrArray *facts = shenbao_policy_set_get_facts (shenbao_filing_get_policies (application));

  if (self->filing != NULL)
    g_signal_handlers_disconnect_by_data (self->filing, self);
  g_set_object (&self->filing, application);
  /* A fact edited on a clause page shows here at once, not after a restart. */
  g_signal_connect_swapped (application, "changed", G_CALLBACK (on_application_changed), self);
  shenbao_page_remove_rows (self->rows);
  for (guint i = 0; i < facts->len; i++)
    {
      ShenbaoField *fact = g_ptr_array_index (facts, i);
      GtkWidget *row = shenbao_field_row_new (application, fact);

      adw_preferences_group_add (is_figure (fact) ? self->figures_group : self->identity_group, row);
      g_ptr_array_add (self->rows, row);
    }
}
