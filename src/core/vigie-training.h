/* vigie-training.h — scenarios, the training workspace and exercises
 *
 * A scenario is a comment written for teaching (or taken from a workspace
 * with "Add to training") with the reference decision a delegate should
 * take on it: the categories of the policy it falls under, the clause,
 * the action and, for a reply, the template; and a short explanation for
 * the trainee, in French and English. Scenarios come in files
 * (data/training/README.md describes the format).
 *
 * The training workspace is built from scenarios. It is marked as such in
 * its settings, and the core refuses to give it anything that reaches a
 * platform: vigie_connector_new_for_store() gives it the sandbox, the live
 * connector and accounts refuse it.
 *
 * An exercise takes a trainee through scenarios one at a time and scores
 * the answers (vigie_exercise_compute_score() says how).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-classifier.h"
#include "vigie-policy.h"
#include "vigie-store.h"
#include "vigie-templates.h"

G_BEGIN_DECLS

#define VIGIE_TRAINING_ERROR (vigie_training_error_quark ())

typedef enum
{
  VIGIE_TRAINING_ERROR_READ,      /* the file cannot be read or written */
  VIGIE_TRAINING_ERROR_PARSE,     /* not JSON */
  VIGIE_TRAINING_ERROR_INVALID,   /* JSON, but a missing or wrong field */
  VIGIE_TRAINING_ERROR_LIVE,      /* a training workspace may not reach a platform */
} VigieTrainingError;

GQuark vigie_training_error_quark (void);

#define VIGIE_TRAINING_RESOURCE_PATH "/io/github/vigie/Vigie/data/training"
/* The setting that marks a training workspace ("true") */
#define VIGIE_SETTING_TRAINING "workspace.training"

/* The actions a trainee chooses from, in the order they are offered */
extern const char * const vigie_training_actions[];
gboolean    vigie_training_action_is_valid (const char *action);

typedef struct
{
  char  **categories;       /* NULL-terminated, in the policy's order; never NULL once set */
  char   *action;           /* one of vigie_training_actions */
  char   *template_id;      /* for a reply; NULL otherwise */
} VigieTrainingDecision;

void vigie_training_decision_clear (VigieTrainingDecision *decision);
void vigie_training_decision_copy  (const VigieTrainingDecision *src,
                                    VigieTrainingDecision       *dest);
/* @categories: NULL-terminated; sorted in the policy's order, duplicates
 * dropped */
void vigie_training_decision_set   (VigieTrainingDecision *decision,
                                    const char * const    *categories,
                                    const char            *action,
                                    const char            *template_id);
gboolean vigie_training_decision_has_category (const VigieTrainingDecision *decision,
                                               const char                  *category);

typedef struct
{
  gatomicrefcount        ref;
  char                  *id;            /* unique in its file */
  char                  *difficulty;    /* "easy" or "hard" */
  VigiePlatform          platform;
  char                  *page;          /* the page's name */
  char                  *post;          /* the post the comment answers; may be NULL */
  char                  *author;        /* an invented name */
  char                  *language;      /* "fr" or "en" */
  char                  *text;
  VigieTrainingDecision  reference;
  char                  *clause;        /* the clause's short reference, "CISSS §10"; NULL
                                         * when no category applies */
  char                  *explanation_fr;
  char                  *explanation_en;
  char                  *context_fr;    /* what the trainee must know that the comment does not
                                         * show (it was posted 14 times...); may be NULL */
  char                  *context_en;
} VigieScenario;

VigieScenario *vigie_scenario_new   (void);
VigieScenario *vigie_scenario_ref   (VigieScenario *scenario);
void           vigie_scenario_unref (VigieScenario *scenario);
/* @lang "fr" or "en"; the other language when that one is missing */
const char    *vigie_scenario_get_explanation (const VigieScenario *scenario,
                                               const char          *lang);
const char    *vigie_scenario_get_context     (const VigieScenario *scenario,
                                               const char          *lang);
/* The clause of the reference in @policy: the first of the reference's
 * categories that has a clause with this short reference; NULL when none */
const VigieClause *vigie_scenario_lookup_clause (const VigieScenario *scenario,
                                                 VigiePolicy         *policy);

/* Sets the reference decision (as vigie_training_decision_set() does) and
 * its clause from @policy: the scenario's clause when it still belongs to
 * one of the categories, else the first clause of the first category that
 * has one; none without a category. Without @policy the clause is kept,
 * or dropped when there is no category. */
void           vigie_scenario_set_reference   (VigieScenario       *scenario,
                                               const char * const  *categories,
                                               const char          *action,
                                               const char          *template_id,
                                               VigiePolicy         *policy);

/* Checks @scenario by the rules of a scenario file, with the same code
 * that reads one: whatever passes here reads back from a file. Errors name
 * @origin, the scenario and the field. @policy and @templates as for
 * vigie_scenario_set_new_from_data() (may be NULL). */
gboolean       vigie_scenario_validate        (VigieScenario       *scenario,
                                               const char          *origin,
                                               VigiePolicy         *policy,
                                               VigieTemplates      *templates,
                                               GError             **error);

/* A file of scenarios */
typedef struct
{
  gatomicrefcount  ref;
  char            *id;
  char            *title_fr;
  char            *title_en;
  GPtrArray       *scenarios;   /* VigieScenario* */
} VigieScenarioSet;

VigieScenarioSet *vigie_scenario_set_new   (const char       *id,
                                            const char       *title_fr,
                                            const char       *title_en);
VigieScenarioSet *vigie_scenario_set_ref   (VigieScenarioSet *set);
void              vigie_scenario_set_unref (VigieScenarioSet *set);

/* Reads and checks a scenario file. Errors name @origin (the file), the
 * scenario (its number from 1 and its id) and the field. With @policy,
 * categories and clauses are checked against it; with @templates, the
 * template ids. */
VigieScenarioSet *vigie_scenario_set_new_from_data (const char      *data,
                                                    gssize           len,
                                                    const char      *origin,
                                                    VigiePolicy     *policy,
                                                    VigieTemplates  *templates,
                                                    GError         **error);
VigieScenarioSet *vigie_scenario_set_new_from_file (const char      *path,
                                                    VigiePolicy     *policy,
                                                    VigieTemplates  *templates,
                                                    GError         **error);
/* The sets built into the program (data/training/), in file-name order */
GPtrArray        *vigie_scenario_set_list_builtin  (VigiePolicy     *policy,
                                                    VigieTemplates  *templates,
                                                    GError         **error);
char             *vigie_scenario_set_to_json       (VigieScenarioSet *set);
/* Writes atomically, mode 0600 */
gboolean          vigie_scenario_set_write         (VigieScenarioSet *set,
                                                    const char       *path,
                                                    GError          **error);

/* "Add to training": a scenario from a stored comment, its text and post,
 * with the reference taken from what was done with it (@action, NULL when
 * nothing was) or else from Vigie's @classification (may be NULL). The
 * author's name is left out; the explanation is the trainer's to write. */
VigieScenario    *vigie_scenario_new_from_comment  (VigieStore                *store,
                                                    gint64                     comment_id,
                                                    const VigieClassification *classification,
                                                    const char                *action,
                                                    VigiePolicy               *policy,
                                                    VigieTemplates            *templates,
                                                    GError                   **error);

/* The training workspace */

/* The user's own scenario files: $XDG_DATA_HOME/vigie/training */
char             *vigie_training_get_user_dir      (void);
/* The user's scenario files, sorted by name; files that fail to load are
 * reported in @out_errors (may be NULL) and skipped */
GPtrArray        *vigie_training_list_user_sets    (VigiePolicy     *policy,
                                                    VigieTemplates  *templates,
                                                    GPtrArray      **out_errors,
                                                    GError         **error);
/* Appends @scenario to the user's file of added scenarios (its id made
 * unique) once vigie_scenario_validate() accepts it with @policy and
 * @templates (may be NULL); returns the file's path. Nothing is written
 * when it is invalid. */
char             *vigie_training_add_scenario      (VigieScenario   *scenario,
                                                    VigiePolicy     *policy,
                                                    VigieTemplates  *templates,
                                                    GError         **error);
/* Validates @path and copies it into the user's folder */
char             *vigie_training_import_file       (const char      *path,
                                                    VigiePolicy     *policy,
                                                    VigieTemplates  *templates,
                                                    GError         **error);

gboolean          vigie_training_is_workspace      (VigieStore      *store);
/* Fills an empty workspace with the scenarios of @sets (a post per page
 * and post text, a comment per scenario, external ids
 * "training-<set>-<scenario>"), classifies them with @classifier (may be
 * NULL) and marks it as a training workspace with the sandbox connector. */
gboolean          vigie_training_fill_workspace    (VigieStore      *store,
                                                    GPtrArray       *sets,
                                                    VigieClassifier *classifier,
                                                    GError         **error);
/* Deletes the workspace file at @path (with its journal) and builds it
 * again from @sets: everything done in it is gone. The caller must have
 * closed it. */
VigieStore       *vigie_training_create_workspace  (const char      *path,
                                                    GPtrArray       *sets,
                                                    VigieClassifier *classifier,
                                                    GError         **error);
/* The application's training workspace lives in
 * $XDG_DATA_HOME/vigie/training-workspace/, one file per build: a reset
 * builds a new file while the old one may still be open (by a worker
 * thread), then deletes the old one. The newest file, NULL when there is
 * none. */
char             *vigie_training_find_workspace    (void);
/* Builds a new training workspace file there and deletes the older ones */
VigieStore       *vigie_training_new_workspace     (GPtrArray       *sets,
                                                    VigieClassifier *classifier,
                                                    GError         **error);

/* Exercises */

typedef struct _VigieExercise VigieExercise;

/* @scenarios: VigieScenario*, in the order they are asked */
VigieExercise       *vigie_exercise_new              (GPtrArray     *scenarios);
void                 vigie_exercise_free             (VigieExercise *exercise);
guint                vigie_exercise_get_n_items      (VigieExercise *exercise);
VigieScenario       *vigie_exercise_get_item         (VigieExercise *exercise,
                                                      guint          index);
/* The item being asked; n_items when finished */
guint                vigie_exercise_get_position     (VigieExercise *exercise);
VigieScenario       *vigie_exercise_get_current      (VigieExercise *exercise);
gboolean             vigie_exercise_is_finished      (VigieExercise *exercise);
/* Records the trainee's answer to the current item (once); FALSE when
 * finished or already answered */
gboolean             vigie_exercise_answer           (VigieExercise               *exercise,
                                                      const VigieTrainingDecision *answer);
gboolean             vigie_exercise_is_answered      (VigieExercise *exercise,
                                                      guint          index);
const VigieTrainingDecision *vigie_exercise_get_answer (VigieExercise *exercise,
                                                        guint          index);
/* Moves to the next item once the current one is answered */
gboolean             vigie_exercise_next             (VigieExercise *exercise);

/* What went wrong with one item */
typedef enum
{
  VIGIE_MISTAKE_NONE             = 0,
  VIGIE_MISTAKE_MISSED_CATEGORY  = 1 << 0,   /* a reference category not chosen */
  VIGIE_MISTAKE_EXTRA_CATEGORY   = 1 << 1,   /* a category chosen that does not apply */
  VIGIE_MISTAKE_ACTION           = 1 << 2,
  VIGIE_MISTAKE_TEMPLATE         = 1 << 3,   /* the right action, reply, another template */
} VigieMistakeKind;

VigieMistakeKind vigie_training_compare (const VigieTrainingDecision *reference,
                                         const VigieTrainingDecision *answer);

typedef struct
{
  char   *category;
  guint   n_reference;   /* items whose reference has it */
  guint   n_chosen;      /* items where the trainee chose it */
  guint   n_both;        /* both: true positives */
  double  precision;     /* n_both / n_chosen; -1 when n_chosen is 0 */
  double  recall;        /* n_both / n_reference; -1 when n_reference is 0 */
} VigieCategoryScore;

typedef struct
{
  char   *action;
  guint   n_items;       /* items whose reference is this action */
  guint   n_correct;     /* of those, the trainee chose it */
} VigieActionScore;

typedef struct
{
  guint             index;     /* the item */
  VigieScenario    *scenario;
  VigieTrainingDecision answer;
  VigieMistakeKind  kinds;
} VigieTrainingMistake;

typedef struct
{
  guint      n_items;      /* items answered */
  guint      n_correct;    /* with no mistake */
  GPtrArray *categories;   /* VigieCategoryScore, in the policy's order, those that appear in
                            * a reference or an answer */
  GPtrArray *actions;      /* VigieActionScore, in vigie_training_actions order, those that
                            * appear in a reference */
  GPtrArray *mistakes;     /* VigieTrainingMistake, in the order asked */
} VigieTrainingScore;

/* Over the items answered:
 * - an item is correct when the categories chosen are exactly the
 *   reference's, the action is the reference's, and for a reply the
 *   template too;
 * - per category: precision (of the items where the trainee chose it, how
 *   many have it in the reference) and recall (of the items whose
 *   reference has it, how many the trainee chose it for);
 * - per action: of the items whose reference is this action, how many the
 *   trainee answered with it. */
VigieTrainingScore  *vigie_exercise_compute_score    (VigieExercise *exercise);
void                 vigie_training_score_free       (VigieTrainingScore *score);
const VigieCategoryScore *vigie_training_score_get_category (VigieTrainingScore *score,
                                                             const char         *category);
const VigieActionScore   *vigie_training_score_get_action   (VigieTrainingScore *score,
                                                             const char         *action);

/* The translated name of an action ("hide" → "Hide") */
const char          *vigie_training_action_get_label (const char *action);

/* For the trainer: one line per item (scenario id, text, reference and
 * answer, correct or not, what was wrong), then the scores. Labels in
 * @policy's language @lang. */
gboolean             vigie_training_score_write_csv  (VigieTrainingScore *score,
                                                      VigieExercise      *exercise,
                                                      VigiePolicy        *policy,
                                                      const char         *lang,
                                                      const char         *path,
                                                      GError            **error);
gboolean             vigie_training_score_write_pdf  (VigieTrainingScore *score,
                                                      VigiePolicy        *policy,
                                                      const char         *lang,
                                                      const char         *trainee,
                                                      const char         *path,
                                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieScenario, vigie_scenario_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieScenarioSet, vigie_scenario_set_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieExercise, vigie_exercise_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieTrainingScore, vigie_training_score_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigieTrainingDecision, vigie_training_decision_clear)

G_END_DECLS
