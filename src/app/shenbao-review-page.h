/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "shenbao-filing.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_REVIEW_PAGE (shenbao_review_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoReviewPage, shenbao_review_page, SHENBAO, REVIEW_PAGE, AdwBin)

ShenbaoFiling *shenbao_review_page_get_filing (ShenbaoReviewPage *self);
void           shenbao_review_page_set_filing (ShenbaoReviewPage *self,
                                               ShenbaoFiling     *filing);

G_END_DECLS
