/* vigie-training-ui.h — the training workspace in the main window: its
 * banner, its menu, Reset, the exercise and presenter mode; and "Add to
 * Training" in every workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-training.h"
#include "vigie-window.h"

G_BEGIN_DECLS

/* What the training views share: the policy, the reply templates, the
 * scenario sets (built-in and the user's, or one file) */
typedef struct _VigieTrainingContext VigieTrainingContext;

/* @scenarios_path: only this file; NULL: the built-in sets and the user's */
VigieTrainingContext *vigie_training_context_new        (const char           *scenarios_path,
                                                         GError              **error);
VigieTrainingContext *vigie_training_context_ref        (VigieTrainingContext *self);
void                  vigie_training_context_unref      (VigieTrainingContext *self);
VigiePolicy          *vigie_training_context_get_policy (VigieTrainingContext *self);
VigieTemplates       *vigie_training_context_get_templates (VigieTrainingContext *self);
/* VigieScenarioSet* */
GPtrArray            *vigie_training_context_get_sets   (VigieTrainingContext *self);
/* GError*: the user's files that could not be read */
GPtrArray            *vigie_training_context_get_errors (VigieTrainingContext *self);
/* Every scenario of the sets, in order (VigieScenario*) */
GPtrArray            *vigie_training_context_list_scenarios (VigieTrainingContext *self);
/* Reads the user's files again (after an import) */
gboolean              vigie_training_context_reload     (VigieTrainingContext *self,
                                                         GError              **error);

typedef void (*VigieTrainingResetFunc) (VigieWindow *window,
                                        gpointer     user_data);

/* win.add-to-training: the comment shown becomes a scenario of the
 * user's own set, with an explanation the trainer writes */
void vigie_training_ui_install         (VigieWindow            *window);
/* The training workspace's window: the banner (Training mode, Exercise,
 * Presenter, scenarios, Reset), no accounts. @reset builds the workspace
 * again after the trainer confirmed. */
void vigie_training_ui_set_up_window   (VigieWindow            *window,
                                        VigieTrainingContext   *context,
                                        VigieTrainingResetFunc  reset,
                                        gpointer                user_data);
/* The banner of a training window, NULL for another window */
GtkWidget *vigie_training_ui_get_banner (VigieWindow           *window);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieTrainingContext, vigie_training_context_unref)

G_END_DECLS
