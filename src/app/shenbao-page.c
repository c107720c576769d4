/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-page"

#include "config.h"

#include "shenbao-page.h"

typedef struct
{
  ShenbaoFiling *filing;
} ShenbaoPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ShenbaoPage, shenbao_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FILING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
refresh_if_shown (ShenbaoPage *self)
{
  ShenbaoPagePrivate *priv = shenbao_page_get_instance_private (self);
  ShenbaoPageClass *klass = SHENBAO_PAGE_GET_CLASS (self);

  if (priv->filing != NULL && klass->refresh != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    klass->refresh (self);
}

static void
shenbao_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (shenbao_page_parent_class)->map (widget);
  refresh_if_shown (SHENBAO_PAGE (widget));
}

static void
shenbao_page_dispose (GObject *object)
{
  ShenbaoPagePrivate *priv = shenbao_page_get_instance_private (SHENBAO_PAGE (object));

  if (priv->filing != NULL)
    g_signal_handlers_disconnect_by_data (priv->filing, object);
  g_clear_object (&priv->filing);
  G_OBJECT_CLASS (shenbao_page_parent_class)->dispose (object);
}

static void
shenbao_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FILING:
      g_value_set_object (value, shenbao_page_get_filing (SHENBAO_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FILING:
      shenbao_page_set_filing (SHENBAO_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shenbao_page_class_init (ShenbaoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_page_dispose;
  object_class->get_property = shenbao_page_get_property;
  object_class->set_property = shenbao_page_set_property;
  widget_class->map = shenbao_page_map;

  properties[PROP_FILING] = g_param_spec_object ("filing", NULL, NULL, SHENBAO_TYPE_FILING,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shenbao_page_init (ShenbaoPage *self)
{
}

ShenbaoFiling *
shenbao_page_get_filing (ShenbaoPage *self)
{
  ShenbaoPagePrivate *priv;

  g_return_val_if_fail (SHENBAO_IS_PAGE (self), NULL);
  priv = shenbao_page_get_instance_private (self);
  return priv->filing;
}

/* A page not shown is brought up to date when it is (see shenbao_page_map ()). */
void
shenbao_page_set_filing (ShenbaoPage   *self,
                         ShenbaoFiling *filing)
{
  ShenbaoPagePrivate *priv;
  ShenbaoPageClass *klass;

  g_return_if_fail (SHENBAO_IS_PAGE (self));
  g_return_if_fail (filing == NULL || SHENBAO_IS_FILING (filing));

  priv = shenbao_page_get_instance_private (self);
  klass = SHENBAO_PAGE_GET_CLASS (self);
  if (priv->filing == filing)
    return;
  if (priv->filing != NULL)
    g_signal_handlers_disconnect_by_data (priv->filing, self);
  g_set_object (&priv->filing, filing);
  if (filing != NULL && klass->follows_changes)
    g_signal_connect_object (filing, "changed", G_CALLBACK (refresh_if_shown), self, G_CONNECT_SWAPPED);
  if (klass->filing_set != NULL)
    klass->filing_set (self);
  refresh_if_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILING]);
}
