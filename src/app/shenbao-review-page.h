/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-page.h"

G_BEGIN_DECLS

#define SHENBAO_TYPE_REVIEW_PAGE (shenbao_review_page_get_type ())
G_DECLARE_FINAL_TYPE (ShenbaoReviewPage, shenbao_review_page, SHENBAO, REVIEW_PAGE, ShenbaoPage)

G_END_DECLS
