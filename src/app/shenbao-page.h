/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

/* A page of the wizard: it holds the filing it shows and brings itself up to date, when it is
 * shown and, if it follows changes, on each change while it is shown. */
#define SHENBAO_TYPE_PAGE (shenbao_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (ShenbaoPage, shenbao_page, SHENBAO, PAGE, AdwBin)

struct _ShenbaoPageClass
{
  AdwBinClass parent_class;

  /* Shows the filing as it is now; only called with a filing. */
  void     (*refresh)         (ShenbaoPage *self);
  /* Another filing (or none) was set: what was made for the old one goes. */
  void     (*filing_set)      (ShenbaoPage *self);
  /* Refreshed on every change while shown, not only on arrival. */
  gboolean follows_changes;
};

ShenbaoFiling *shenbao_page_get_filing (ShenbaoPage   *self);
void           shenbao_page_set_filing (ShenbaoPage   *self,
                                        ShenbaoFiling *filing);

G_END_DECLS
