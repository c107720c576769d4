/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shenbao-text-row"

#include "config.h"

#include "shenbao-text-row.h"

/* A line of the review read as written: a title, taken literally, over a subtitle of as many
 * lines as it needs (a clause and its answers, a reason). A clause that could be claimed offers
 * a Claim button. */
struct _ShenbaoTextRow
{
  AdwActionRow  parent_instance;

  GtkButton    *claim_button;
};

G_DEFINE_FINAL_TYPE (ShenbaoTextRow, shenbao_text_row, ADW_TYPE_ACTION_ROW)

static void
shenbao_text_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SHENBAO_TYPE_TEXT_ROW);
  G_OBJECT_CLASS (shenbao_text_row_parent_class)->dispose (object);
}

static void
shenbao_text_row_class_init (ShenbaoTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shenbao_text_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/ui/shenbao-text-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShenbaoTextRow, claim_button);
}

static void
shenbao_text_row_init (ShenbaoTextRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
shenbao_text_row_new (const char *title,
                      const char *subtitle)
{
  return g_object_new (SHENBAO_TYPE_TEXT_ROW, "title", title, "subtitle", subtitle, NULL);
}

/* Shows the Claim button, which claims the clause ("win.claim-clause"). */
void
shenbao_text_row_offer_claim (ShenbaoTextRow *self,
                              const char     *clause_full_id)
{
  g_return_if_fail (SHENBAO_IS_TEXT_ROW (self));
  g_return_if_fail (clause_full_id != NULL);

  /* Named with its target: an action that takes a clause, named with none, would not match. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->claim_button), "s", clause_full_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->claim_button), "win.claim-clause");
  gtk_widget_set_visible (GTK_WIDGET (self->claim_button), TRUE);
}
