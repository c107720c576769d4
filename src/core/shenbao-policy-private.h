/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shenbao-policy.h"

G_BEGIN_DECLS

void shenbao_choice_free     (ShenbaoChoice     *choice);
void shenbao_condition_free  (ShenbaoCondition  *condition);
void shenbao_step_free       (ShenbaoStep       *step);
void shenbao_attachment_free (ShenbaoAttachment *attachment);
void shenbao_setting_free    (ShenbaoSetting    *setting);
void shenbao_rule_free       (ShenbaoRule       *rule);
void shenbao_area_free       (ShenbaoArea       *area);
void shenbao_flag_free       (ShenbaoFlag       *flag);

G_END_DECLS
