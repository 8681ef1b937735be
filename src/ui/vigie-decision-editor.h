/* vigie-decision-editor.h — a training decision to choose: the categories
 * of the policy (litigious content, then triage signals), the action and,
 * for a reply, the template. The trainee's answer in an exercise, the
 * trainer's reference in "Add to Training".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vigie-training.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_DECISION_EDITOR (vigie_decision_editor_get_type ())

G_DECLARE_FINAL_TYPE (VigieDecisionEditor, vigie_decision_editor, VIGIE, DECISION_EDITOR,
                      GtkWidget)

/* @categories_heading and @action_heading: the questions above the
 * categories and the actions. Emits "changed" whenever a choice changes. */
GtkWidget  *vigie_decision_editor_new            (VigiePolicy         *policy,
                                                  VigieTemplates      *templates,
                                                  const char          *categories_heading,
                                                  const char          *action_heading);
/* Sets the widgets as a person would: @categories (may be NULL), @action
 * (NULL: none chosen), @template_id (NULL: none chosen; ignored unless it is
 * one of the reply templates) */
void        vigie_decision_editor_set_decision   (VigieDecisionEditor *self,
                                                  const char * const  *categories,
                                                  const char          *action,
                                                  const char          *template_id);
/* Nothing chosen */
void        vigie_decision_editor_reset          (VigieDecisionEditor *self);
/* NULL when no action is chosen */
const char *vigie_decision_editor_get_action     (VigieDecisionEditor *self);
/* The template chosen when the action is reply; NULL otherwise */
const char *vigie_decision_editor_get_template   (VigieDecisionEditor *self);
/* The categories chosen, NULL-terminated, in the policy's order */
char      **vigie_decision_editor_dup_categories (VigieDecisionEditor *self);
/* An action is chosen and, for a reply, its template */
gboolean    vigie_decision_editor_is_complete    (VigieDecisionEditor *self);
/* The decision chosen; FALSE (and @decision untouched) when it is not
 * complete */
gboolean    vigie_decision_editor_get_decision   (VigieDecisionEditor   *self,
                                                  VigieTrainingDecision *decision);

G_END_DECLS
