/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-company-page"

#include "config.h"

#include "shenbao-company-page.h"
#include "shenbao-field-row.h"
#include "shenbao-page-util.h"

/* The company profile: the shared company facts of the policy files, one row each. */
struct _ShenbaoCompanyPage
{
  ShenbaoPage           parent_instance;

  AdwPreferencesGroup  *identity_group;
  AdwPreferencesGroup  *figures_group;
  GPtrArray            *rows;
  ShenbaoFiling        *filing;  /* ShenbaoPage's, borrowed */
};

G_DEFINE_FINAL_TYPE (ShenbaoCompanyPage, shenbao_company_page, SHENBAO_TYPE_PAGE)

/* A fact edited on a clause page shows here when this page is shown: refreshed on arrival, and
 * at each change while it is on screen. */
static void
shenbao_company_page_refresh (ShenbaoPage *page)
{
  shenbao_page_refresh_rows (SHENBAO_COMPANY_PAGE (page)->rows);
}

static void shenbao_company_page_filing_set (ShenbaoPage *page);

static void
shenbao_company_page_dispose (GObject *object)
{
  ShenbaoCompanyPage *self = (ShenbaoCompanyPage *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_COMPANY_PAGE);
  G_OBJECT_CLASS (shenbao_company_page_parent_class)->dispose (object);
}

static void
shenbao_company_page_class_init (ShenbaoCompanyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ShenbaoPageClass *page_class = SHENBAO_PAGE_CLASS (klass);

  object_class->dispose = shenbao_company_page_dispose;
  page_class->refresh = shenbao_company_page_refresh;
  page_class->filing_set = shenbao_company_page_filing_set;
  page_class->follows_changes = TRUE;

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

static gboolean
is_figure (ShenbaoField *fact)
{
  ShenbaoFieldType kind = shenbao_field_get_kind (fact);

  return kind == SHENBAO_FIELD_MONEY || kind == SHENBAO_FIELD_NUMBER
         || kind == SHENBAO_FIELD_INTEGER || kind == SHENBAO_FIELD_PERCENT;
}

/* One row per company fact, editing this filing's values. */
static void
shenbao_company_page_filing_set (ShenbaoPage *page)
{
  ShenbaoCompanyPage *self = SHENBAO_COMPANY_PAGE (page);
  GPtrArray *facts;

  self->filing = shenbao_page_get_filing (page);
  shenbao_page_remove_rows (self->rows);
  if (self->filing == NULL)
    return;
  facts = shenbao_policy_set_get_facts (shenbao_filing_get_policies (self->filing));
  for (guint i = 0; i < facts->len; i++)
    {
      ShenbaoField *fact = g_ptr_array_index (facts, i);
      GtkWidget *row = shenbao_field_row_new (self->filing, fact);

      adw_preferences_group_add (is_figure (fact) ? self->figures_group : self->identity_group, row);
      g_ptr_array_add (self->rows, row);
    }
}
