/* vigie-policy-dialog.h — the policy's categories and clauses, and a box
 * to test a sentence against them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-classifier.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_POLICY_DIALOG (vigie_policy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VigiePolicyDialog, vigie_policy_dialog, VIGIE, POLICY_DIALOG,
                      AdwPreferencesWindow)

GtkWidget *vigie_policy_dialog_new          (VigieClassifier   *classifier);
/* Classifies @text as if typed in "Test a sentence" */
void       vigie_policy_dialog_test         (VigiePolicyDialog *self,
                                             const char        *text);
/* The flags the test found, NULL before any */
VigieClassification *vigie_policy_dialog_get_result (VigiePolicyDialog *self);

G_END_DECLS
