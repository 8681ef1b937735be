/* vigie-category-chip.h — a category as a coloured chip with its name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vigie-classifier.h"
#include "vigie-policy.h"

G_BEGIN_DECLS

/* The category's label in that language; its id when the policy lacks it */
const char *vigie_category_chip_label      (VigiePolicy *policy,
                                            const char  *category_id);
/* A label with the category's name, styled by CSS classes after its
 * severity ("category-chip severity-4", "triage"): the colour is never
 * the only cue */
GtkWidget  *vigie_category_chip_new        (VigiePolicy *policy,
                                            const char  *category_id);
/* Removes @box's children and adds the chips of @classification, an
 * "Urgent" marker first when it is urgent. Returns the number of chips. */
guint       vigie_category_chip_fill_box   (GtkBox                    *box,
                                            VigiePolicy               *policy,
                                            const VigieClassification *classification);
/* The translated name of a recommended action ("hide" → "Hide") */
const char *vigie_category_chip_action_label (const char *action);

G_END_DECLS
