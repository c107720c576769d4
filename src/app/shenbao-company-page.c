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

enum {
  PROP_0,
  PROP_FILING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* A fact edited on a clause page shows here when this page is shown: refreshed on arrival, and
 * at each change while it is on screen. */
static void
on_filing_changed (ShenbaoCompanyPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    shenbao_page_refresh_rows (self->rows);
}

static void
shenbao_company_page_map (GtkWidget *widget)
{
  ShenbaoCompanyPage *self = SHENBAO_COMPANY_PAGE (widget);

  GTK_WIDGET_CLASS (shenbao_company_page_parent_class)->map (widget);
  shenbao_page_refresh_rows (self->rows);
}

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
shenbao_company_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ShenbaoCompanyPage *self = SHENBAO_COMPANY_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILING:
      g_value_set_object (value, self->filing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_company_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ShenbaoCompanyPage *self = SHENBAO_COMPANY_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILING:
      shenbao_company_page_set_filing (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_company_page_class_init (ShenbaoCompanyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_company_page_dispose;
  object_class->get_property = shenbao_company_page_get_property;
  object_class->set_property = shenbao_company_page_set_property;
  widget_class->map = shenbao_company_page_map;

  properties[PROP_FILING] = g_param_spec_object ("filing", NULL, NULL, SHENBAO_TYPE_FILING,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

ShenbaoFiling *
shenbao_company_page_get_filing (ShenbaoCompanyPage *self)
{
  g_return_val_if_fail (SHENBAO_IS_COMPANY_PAGE (self), NULL);
  return self->filing;
}

void
shenbao_company_page_set_filing (ShenbaoCompanyPage *self,
                                 ShenbaoFiling      *filing)
{
  GPtrArray *facts;

  g_return_if_fail (SHENBAO_IS_COMPANY_PAGE (self));
  g_return_if_fail (filing == NULL || SHENBAO_IS_FILING (filing));

  if (self->filing == filing)
    return;
  if (self->filing != NULL)
    g_signal_handlers_disconnect_by_data (self->filing, self);
  g_set_object (&self->filing, filing);
  shenbao_page_remove_rows (self->rows);
  if (filing != NULL)
    {
      g_signal_connect_object (filing, "changed", G_CALLBACK (on_filing_changed), self, G_CONNECT_SWAPPED);
      facts = shenbao_policy_set_get_facts (shenbao_filing_get_policies (filing));
      for (guint i = 0; i < facts->len; i++)
        {
          ShenbaoField *fact = g_ptr_array_index (facts, i);
          GtkWidget *row = shenbao_field_row_new (filing, fact);

          adw_preferences_group_add (is_figure (fact) ? self->figures_group : self->identity_group, row);
          g_ptr_array_add (self->rows, row);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILING]);
}
