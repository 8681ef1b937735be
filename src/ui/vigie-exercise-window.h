/* vigie-exercise-window.h — a training exercise: one comment at a time
 * without Vigie's flags, the trainee's answer, then the reference decision,
 * Vigie's flags and the explanation; at the end the score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-training.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_EXERCISE_WINDOW (vigie_exercise_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieExerciseWindow, vigie_exercise_window, VIGIE, EXERCISE_WINDOW,
                      AdwWindow)

/* @scenarios: VigieScenario*, asked in this order; @classifier gives
 * Vigie's own flags, shown after each answer */
VigieExerciseWindow *vigie_exercise_window_new          (GPtrArray       *scenarios,
                                                         VigiePolicy     *policy,
                                                         VigieTemplates  *templates,
                                                         VigieClassifier *classifier);
VigieExercise       *vigie_exercise_window_get_exercise (VigieExerciseWindow *self);
/* "item" or "score" */
const char          *vigie_exercise_window_get_page     (VigieExerciseWindow *self);
/* Sets the answer's widgets as a trainee would */
void                 vigie_exercise_window_choose       (VigieExerciseWindow *self,
                                                         const char * const  *categories,
                                                         const char          *action,
                                                         const char          *template_id);
/* Check Answer, then Next */
gboolean             vigie_exercise_window_check        (VigieExerciseWindow *self);
gboolean             vigie_exercise_window_next         (VigieExerciseWindow *self);
/* The text of the score's summary ("2 of 3 correct") */
const char          *vigie_exercise_window_get_summary  (VigieExerciseWindow *self);
/* The comment's label, with Vigie's spans highlighted once answered */
GtkLabel            *vigie_exercise_window_get_text_label (VigieExerciseWindow *self);
/* The flag cards shown after the answer */
guint                vigie_exercise_window_get_n_flag_cards (VigieExerciseWindow *self);
/* The presenter window it opened, or NULL */
GtkWindow           *vigie_exercise_window_open_presenter (VigieExerciseWindow *self);

G_END_DECLS
