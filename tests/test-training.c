/* test-training.c — scenario files (the built-in ones, bad ones and their
 * messages, export and import), the training workspace (never live, reset),
 * "Add to training", and the score of an exercise derived by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "vigie-account.h"
#include "vigie-connector.h"
#include "vigie-live-connector.h"
#include "vigie-outbox.h"
#include "vigie-training.h"

static VigiePolicy *
policy (void)
{
  static VigiePolicy *policy;

  if (policy == NULL)
    {
      g_autoptr(GError) error = NULL;

      policy = vigie_policy_new_default (&error);
      g_assert_no_error (error);
    }
  return policy;
}

static VigieTemplates *
templates (void)
{
  static VigieTemplates *templates;

  if (templates == NULL)
    {
      g_autoptr(GError) error = NULL;

      templates = vigie_templates_new_default (&error);
      g_assert_no_error (error);
    }
  return templates;
}

static VigieClassifier *
classifier (void)
{
  static VigieClassifier *classifier;

  if (classifier == NULL)
    {
      g_autoptr(GError) error = NULL;

      classifier = vigie_classifier_new (policy (), NULL, &error);
      g_assert_no_error (error);
    }
  return classifier;
}

/* The built-in scenarios: valid against the policy and the templates,
 * enough of them, every category and triage signal, easy and hard ones */
static void
test_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = vigie_scenario_set_list_builtin (policy (), templates (), &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0, n_easy = 0, n_hard = 0, n_en = 0;

  g_assert_no_error (error);
  g_assert_nonnull (sets);
  g_assert_cmpuint (sets->len, >=, 1);
  for (guint i = 0; i < sets->len; i++)
    {
      VigieScenarioSet *set = g_ptr_array_index (sets, i);

      for (guint j = 0; j < set->scenarios->len; j++, n++)
        {
          VigieScenario *s = g_ptr_array_index (set->scenarios, j);

          for (guint k = 0; s->reference.categories[k] != NULL; k++)
            g_hash_table_add (seen, s->reference.categories[k]);
          n_easy += g_str_equal (s->difficulty, "easy");
          n_hard += g_str_equal (s->difficulty, "hard");
          n_en += g_str_equal (s->language, "en");
          g_assert_nonnull (s->explanation_fr);
          g_assert_nonnull (s->explanation_en);
          /* The clause is found in the policy, with its text */
          if (s->reference.categories[0] != NULL)
            g_assert_nonnull (vigie_scenario_lookup_clause (s, policy ()));
          if (g_str_equal (s->reference.action, "reply"))
            g_assert_nonnull (vigie_templates_lookup (templates (), s->reference.template_id));
        }
    }
  g_assert_cmpuint (n, >=, 30);
  g_assert_cmpuint (n, <=, 40);
  g_assert_cmpuint (n_easy, >, 0);
  g_assert_cmpuint (n_hard, >, 0);
  g_assert_cmpuint (n_en, >, 0);
  for (guint i = 0; vigie_category_ids[i] != NULL; i++)
    if (!g_hash_table_contains (seen, vigie_category_ids[i]))
      g_error ("no scenario for the category %s", vigie_category_ids[i]);
}

/* A minimal valid scenario, with @member replaced */
#define SCENARIO(id, extra) \
  "{\"id\": \"" id "\", \"page\": \"P\", \"author\": \"A\", \"language\": \"fr\"," \
  " \"text\": \"Bonjour\", \"explanation\": {\"fr\": \"f\", \"en\": \"e\"}" extra "}"
#define REF(categories, clause, action, template) \
  ", \"reference\": {\"categories\": [" categories "], \"clause\": " clause ", " \
  "\"action\": " action ", \"template\": " template "}"
#define OK_REF REF ("\"insult\"", "\"CISSS §10\"", "\"hide\"", "null")
#define FILE_OF(scenarios) \
  "{\"format\": 1, \"id\": \"t\", \"title\": {\"fr\": \"T\", \"en\": \"T\"}, " \
  "\"scenarios\": [" scenarios "]}"

static void
check_bad (const char *data,
           int         code,
           const char *expected1,
           const char *expected2,
           gboolean    with_policy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieScenarioSet) set = NULL;

  set = vigie_scenario_set_new_from_data (data, -1, "mine.json",
                                          with_policy ? policy () : NULL,
                                          with_policy ? templates () : NULL, &error);
  g_assert_null (set);
  g_assert_error (error, VIGIE_TRAINING_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "mine.json: "));
  if (strstr (error->message, expected1) == NULL ||
      (expected2 != NULL && strstr (error->message, expected2) == NULL))
    g_error ("“%s” does not say “%s” and “%s”", error->message, expected1,
             expected2 ? expected2 : "");
}

static void
test_bad_files (void)
{
  /* The good one first, so that each bad one differs by one thing */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VigieScenarioSet) set = vigie_scenario_set_new_from_data (
      FILE_OF (SCENARIO ("a", OK_REF)), -1, "mine.json", policy (), templates (), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (set->scenarios->len, ==, 1);
  }

  check_bad ("{\"format\": 1, \"scenarios\": [", VIGIE_TRAINING_ERROR_PARSE,
             "not a valid scenario file", NULL, FALSE);
  check_bad ("[1, 2]", VIGIE_TRAINING_ERROR_INVALID, "top level", "JSON object", FALSE);
  check_bad ("{\"format\": 2, \"id\": \"t\", \"title\": {\"fr\": \"T\", \"en\": \"T\"}, "
             "\"scenarios\": []}", VIGIE_TRAINING_ERROR_INVALID, "top level", "“format”", FALSE);
  check_bad ("{\"format\": 1, \"id\": \"t\", \"title\": {\"fr\": \"T\", \"en\": \"T\"}, "
             "\"scenarios\": []}", VIGIE_TRAINING_ERROR_INVALID, "top level", "“scenarios”",
             FALSE);
  check_bad ("{\"format\": 1, \"id\": \"t\", \"title\": {\"fr\": \"T\"}, \"scenarios\": []}",
             VIGIE_TRAINING_ERROR_INVALID, "top level", "“title.en” is missing", FALSE);

  /* In the second scenario: its number and id, and the field */
  check_bad (FILE_OF (SCENARIO ("a", OK_REF) ", "
                      SCENARIO ("b", REF ("\"insult\"", "\"CISSS §10\"", "null", "null"))),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 2 (“b”)", "“reference.action” is missing",
             FALSE);
  check_bad (FILE_OF (SCENARIO ("a", OK_REF) ", "
                      SCENARIO ("b", REF ("\"insult\"", "\"CISSS §10\"", "\"delete\"", "null"))),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 2 (“b”)", "not “delete”", FALSE);
  check_bad (FILE_OF (SCENARIO ("a", REF ("\"insulte\"", "\"CISSS §10\"", "\"hide\"", "null"))),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 1 (“a”)",
             "“reference.categories”: unknown category “insulte”", FALSE);
  check_bad (FILE_OF (SCENARIO ("a", REF ("\"complaint\"", "\"CISSS §9\"", "\"reply\"", "null"))),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 1 (“a”)", "“reference.template” is missing",
             FALSE);
  check_bad (FILE_OF (SCENARIO ("a", REF ("\"complaint\"", "\"CISSS §9\"", "\"hide\"",
                                          "\"complaint\""))),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 1 (“a”)", "“reference.template” is only",
             FALSE);
  check_bad (FILE_OF (SCENARIO ("a", OK_REF) ", " SCENARIO ("a", OK_REF)),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 2 (“a”)", "already used by scenario 1",
             FALSE);
  check_bad (FILE_OF (SCENARIO ("a", OK_REF) ", " SCENARIO ("b", OK_REF) ", 42"),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 3: ", "JSON object", FALSE);
  check_bad (FILE_OF (SCENARIO ("a", REF ("\"insult\"", "null", "\"hide\"", "null"))),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 1 (“a”)", "“reference.clause” is missing",
             FALSE);
  check_bad (FILE_OF ("{\"id\": \"a\", \"page\": \"P\", \"author\": \"A\", \"language\": \"fr\","
                      " \"text\": \"Bonjour\", \"explanation\": {\"fr\": \"f\"}" OK_REF "}"),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 1 (“a”)", "“explanation.en” is missing",
             FALSE);
  check_bad (FILE_OF ("{\"id\": \"a\", \"page\": \"P\", \"author\": \"A\", \"language\": \"de\","
                      " \"text\": \"Hallo\", \"explanation\": {\"fr\": \"f\", \"en\": \"e\"}"
                      OK_REF "}"),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 1 (“a”)", "“language”", FALSE);

  /* Against the policy and the templates */
  check_bad (FILE_OF (SCENARIO ("a", REF ("\"insult\"", "\"CISSS §9\"", "\"hide\"", "null"))),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 1 (“a”)",
             "“reference.clause”: the clause “CISSS §9”", TRUE);
  check_bad (FILE_OF (SCENARIO ("a", REF ("\"complaint\"", "\"CISSS §9\"", "\"reply\"",
                                          "\"apology\""))),
             VIGIE_TRAINING_ERROR_INVALID, "scenario 1 (“a”)",
             "unknown reply template “apology”", TRUE);

  /* A file that is not there */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VigieScenarioSet) set = vigie_scenario_set_new_from_file ("/nonexistent/x.json",
                                                                        NULL, NULL, &error);

    g_assert_null (set);
    g_assert_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_READ);
    g_assert_nonnull (strstr (error->message, "/nonexistent/x.json"));
  }
}

static void
assert_same_scenario (VigieScenario *a,
                      VigieScenario *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->difficulty, ==, b->difficulty);
  g_assert_cmpint (a->platform, ==, b->platform);
  g_assert_cmpstr (a->page, ==, b->page);
  g_assert_cmpstr (a->post, ==, b->post);
  g_assert_cmpstr (a->author, ==, b->author);
  g_assert_cmpstr (a->language, ==, b->language);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_cmpstrv (a->reference.categories, b->reference.categories);
  g_assert_cmpstr (a->reference.action, ==, b->reference.action);
  g_assert_cmpstr (a->reference.template_id, ==, b->reference.template_id);
  g_assert_cmpstr (a->clause, ==, b->clause);
  g_assert_cmpstr (a->explanation_fr, ==, b->explanation_fr);
  g_assert_cmpstr (a->explanation_en, ==, b->explanation_en);
  g_assert_cmpstr (a->context_fr, ==, b->context_fr);
  g_assert_cmpstr (a->context_en, ==, b->context_en);
}

/* Export then import gives back the same scenarios; an imported file goes
 * into the user's folder and is listed from there */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = vigie_scenario_set_list_builtin (policy (), templates (), &error);
  VigieScenarioSet *set;
  g_autoptr(VigieScenarioSet) back = NULL;
  g_autoptr(GPtrArray) user = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-training-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "export.json", NULL);
  g_autofree char *imported = NULL;
  g_autofree char *imported2 = NULL;

  g_assert_no_error (error);
  set = g_ptr_array_index (sets, 0);
  g_assert_true (vigie_scenario_set_write (set, path, &error));
  g_assert_no_error (error);
  back = vigie_scenario_set_new_from_file (path, policy (), templates (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->id, ==, set->id);
  g_assert_cmpstr (back->title_fr, ==, set->title_fr);
  g_assert_cmpstr (back->title_en, ==, set->title_en);
  g_assert_cmpuint (back->scenarios->len, ==, set->scenarios->len);
  for (guint i = 0; i < set->scenarios->len; i++)
    assert_same_scenario (set->scenarios->pdata[i], back->scenarios->pdata[i]);

  /* Imported twice: two files, both listed */
  imported = vigie_training_import_file (path, policy (), templates (), &error);
  g_assert_no_error (error);
  imported2 = vigie_training_import_file (path, policy (), templates (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (imported, !=, imported2);
  g_assert_true (g_str_has_prefix (imported, g_get_user_data_dir ()));
  user = vigie_training_list_user_sets (policy (), templates (), &errors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (user->len, ==, 2);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (((VigieScenarioSet *) user->pdata[0])->scenarios->len, ==,
                    set->scenarios->len);

  /* A bad file is refused and not copied */
  g_assert_true (g_file_set_contents (path, "{\"format\": 1}", -1, NULL));
  g_assert_null (vigie_training_import_file (path, policy (), templates (), &error));
  g_assert_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&user, g_ptr_array_unref);
  g_clear_pointer (&errors, g_ptr_array_unref);
  user = vigie_training_list_user_sets (policy (), templates (), &errors, &error);
  g_assert_cmpuint (user->len, ==, 2);

  g_unlink (imported);
  g_unlink (imported2);
  g_unlink (path);
  g_rmdir (dir);
}

/* The fixture exercise, five items:
 *
 *  #  reference                               answer                                 mistakes
 *  1  insult          hide                    insult             hide                 —
 *  2  insult, obscene hide                    insult             hide                 missed
 *  3  complaint       reply complaint         complaint          reply private_chan.  template
 *  4  —               keep                    insult             hide                 extra, action
 *  5  spam            remove                  spam               remove               —
 *
 * Correct: 1 and 5, so 2 of 5.
 * insult:    reference 1, 2 (2); chosen 1, 2, 4 (3); both 2 → precision 2/3, recall 1
 * obscene:   reference 2 (1); chosen none → precision −1 (undefined), recall 0
 * complaint: reference 3; chosen 3 → 1, 1
 * spam:      reference 5; chosen 5 → 1, 1
 * hide:   reference 1, 2 (2), answered hide on both → 2/2
 * reply:  reference 3, answered reply → 1/1 (the template is a mistake of the item, not of
 *         the action)
 * keep:   reference 4, answered hide → 0/1
 * remove: reference 5 → 1/1 */
static VigieScenario *
fixture_scenario (const char         *id,
                  const char * const *categories,
                  const char         *action,
                  const char         *template_id)
{
  VigieScenario *s = vigie_scenario_new ();

  s->id = g_strdup (id);
  s->difficulty = g_strdup ("easy");
  s->page = g_strdup ("Page");
  s->author = g_strdup ("Auteur");
  s->language = g_strdup ("fr");
  s->text = g_strdup_printf ("Commentaire %s", id);
  s->explanation_fr = g_strdup ("Explication");
  s->explanation_en = g_strdup ("Explanation");
  if (categories[0] != NULL)
    s->clause = g_strdup (g_str_equal (categories[0], "complaint") ? "CISSS §9" : "CISSS §10");
  vigie_training_decision_set (&s->reference, categories, action, template_id);
  return s;
}

static VigieExercise *
fixture_exercise (void)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func (
    (GDestroyNotify) vigie_scenario_unref);
  const char *insult[] = { "insult", NULL };
  const char *insult_obscene[] = { "obscene", "insult", NULL };  /* sorted when set */
  const char *complaint[] = { "complaint", NULL };
  const char *none[] = { NULL };
  const char *spam[] = { "spam", NULL };
  struct { const char * const *categories; const char *action, *template_id; } answers[] = {
    { insult, "hide", NULL },
    { insult, "hide", NULL },
    { complaint, "reply", "private_channel" },
    { insult, "hide", "complaint" },   /* a template without a reply is dropped */
    { spam, "remove", NULL },
  };
  VigieExercise *exercise;

  g_ptr_array_add (scenarios, fixture_scenario ("1", insult, "hide", NULL));
  g_ptr_array_add (scenarios, fixture_scenario ("2", insult_obscene, "hide", NULL));
  g_ptr_array_add (scenarios, fixture_scenario ("3", complaint, "reply", "complaint"));
  g_ptr_array_add (scenarios, fixture_scenario ("4", none, "keep", NULL));
  g_ptr_array_add (scenarios, fixture_scenario ("5", spam, "remove", NULL));
  exercise = vigie_exercise_new (scenarios);

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_auto(VigieTrainingDecision) answer = { 0 };

      g_assert_cmpuint (vigie_exercise_get_position (exercise), ==, i);
      g_assert_false (vigie_exercise_next (exercise));   /* not answered yet */
      vigie_training_decision_set (&answer, answers[i].categories, answers[i].action,
                                   answers[i].template_id);
      g_assert_true (vigie_exercise_answer (exercise, &answer));
      g_assert_false (vigie_exercise_answer (exercise, &answer));   /* once */
      g_assert_true (vigie_exercise_next (exercise));
    }
  g_assert_true (vigie_exercise_is_finished (exercise));
  g_assert_null (vigie_exercise_get_current (exercise));
  return exercise;
}

static void
test_score (void)
{
  g_autoptr(VigieExercise) exercise = fixture_exercise ();
  g_autoptr(VigieTrainingScore) score = vigie_exercise_compute_score (exercise);
  const VigieCategoryScore *c;
  const VigieActionScore *a;
  VigieTrainingMistake *m;

  g_assert_cmpuint (score->n_items, ==, 5);
  g_assert_cmpuint (score->n_correct, ==, 2);

  g_assert_cmpuint (score->categories->len, ==, 4);
  c = vigie_training_score_get_category (score, "insult");
  g_assert_cmpuint (c->n_reference, ==, 2);
  g_assert_cmpuint (c->n_chosen, ==, 3);
  g_assert_cmpuint (c->n_both, ==, 2);
  g_assert_cmpfloat_with_epsilon (c->precision, 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->recall, 1.0, 1e-9);
  c = vigie_training_score_get_category (score, "obscene");
  g_assert_cmpuint (c->n_reference, ==, 1);
  g_assert_cmpuint (c->n_chosen, ==, 0);
  g_assert_cmpfloat (c->precision, <, 0);
  g_assert_cmpfloat_with_epsilon (c->recall, 0.0, 1e-9);
  c = vigie_training_score_get_category (score, "complaint");
  g_assert_cmpfloat_with_epsilon (c->precision, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->recall, 1.0, 1e-9);
  c = vigie_training_score_get_category (score, "spam");
  g_assert_cmpuint (c->n_both, ==, 1);
  g_assert_null (vigie_training_score_get_category (score, "threat"));
  /* In the policy's order */
  g_assert_cmpstr (((VigieCategoryScore *) score->categories->pdata[0])->category, ==, "insult");
  g_assert_cmpstr (((VigieCategoryScore *) score->categories->pdata[3])->category, ==,
                   "complaint");

  g_assert_cmpuint (score->actions->len, ==, 4);
  a = vigie_training_score_get_action (score, "hide");
  g_assert_cmpuint (a->n_items, ==, 2);
  g_assert_cmpuint (a->n_correct, ==, 2);
  a = vigie_training_score_get_action (score, "reply");
  g_assert_cmpuint (a->n_items, ==, 1);
  g_assert_cmpuint (a->n_correct, ==, 1);
  a = vigie_training_score_get_action (score, "keep");
  g_assert_cmpuint (a->n_items, ==, 1);
  g_assert_cmpuint (a->n_correct, ==, 0);
  a = vigie_training_score_get_action (score, "remove");
  g_assert_cmpuint (a->n_correct, ==, 1);
  g_assert_null (vigie_training_score_get_action (score, "ban"));

  g_assert_cmpuint (score->mistakes->len, ==, 3);
  m = g_ptr_array_index (score->mistakes, 0);
  g_assert_cmpuint (m->index, ==, 1);
  g_assert_cmpint (m->kinds, ==, VIGIE_MISTAKE_MISSED_CATEGORY);
  m = g_ptr_array_index (score->mistakes, 1);
  g_assert_cmpuint (m->index, ==, 2);
  g_assert_cmpint (m->kinds, ==, VIGIE_MISTAKE_TEMPLATE);
  m = g_ptr_array_index (score->mistakes, 2);
  g_assert_cmpuint (m->index, ==, 3);
  g_assert_cmpint (m->kinds, ==, VIGIE_MISTAKE_EXTRA_CATEGORY | VIGIE_MISTAKE_ACTION);
  g_assert_null (m->answer.template_id);
}

/* Only what was answered counts: half an exercise */
static void
test_score_partial (void)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func (
    (GDestroyNotify) vigie_scenario_unref);
  const char *insult[] = { "insult", NULL };
  const char *none[] = { NULL };
  g_autoptr(VigieExercise) exercise = NULL;
  g_autoptr(VigieTrainingScore) score = NULL;
  g_auto(VigieTrainingDecision) answer = { 0 };

  g_ptr_array_add (scenarios, fixture_scenario ("1", insult, "hide", NULL));
  g_ptr_array_add (scenarios, fixture_scenario ("2", insult, "remove", NULL));
  exercise = vigie_exercise_new (scenarios);
  vigie_training_decision_set (&answer, none, "keep", NULL);
  g_assert_true (vigie_exercise_answer (exercise, &answer));
  score = vigie_exercise_compute_score (exercise);
  g_assert_cmpuint (score->n_items, ==, 1);
  g_assert_cmpuint (score->n_correct, ==, 0);
  g_assert_cmpuint (vigie_training_score_get_category (score, "insult")->n_reference, ==, 1);
  g_assert_null (vigie_training_score_get_action (score, "remove"));
}

static char *
read_text (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&data);
}

static void
test_export (void)
{
  g_autoptr(VigieExercise) exercise = fixture_exercise ();
  g_autoptr(VigieTrainingScore) score = vigie_exercise_compute_score (exercise);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-training-XXXXXX", &error);
  g_autofree char *csv_path = g_build_filename (dir, "score.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "score.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *pdf = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;

  g_assert_true (vigie_training_score_write_csv (score, exercise, policy (), "fr", csv_path,
                                                 &error));
  g_assert_no_error (error);
  csv = read_text (csv_path);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "item,scenario,difficulty,text,"));
  g_assert_cmpstr (lines[1], ==, "1,1,easy,Commentaire 1,insult,CISSS §10,hide,,insult,hide,,yes,");
  g_assert_cmpstr (lines[2], ==, "2,2,easy,Commentaire 2,insult obscene,CISSS §10,hide,,insult,"
                                 "hide,,no,missed_category");
  g_assert_cmpstr (lines[3], ==, "3,3,easy,Commentaire 3,complaint,CISSS §9,reply,complaint,"
                                 "complaint,reply,private_channel,no,template");
  g_assert_cmpstr (lines[4], ==, "4,4,easy,Commentaire 4,,,keep,,insult,hide,,no,"
                                 "extra_category action");
  g_assert_cmpstr (lines[6], ==, "");
  g_assert_cmpstr (lines[7], ==, "category,label,reference,chosen,both,precision,recall");
  g_assert_cmpstr (lines[8], ==, "insult,Insulte,2,3,2,0.67,1.00");
  g_assert_cmpstr (lines[9], ==, "obscene,Obscénité,1,0,0,,0.00");
  g_assert_nonnull (strstr (csv, "\r\nkeep,Keep,1,0\r\n"));

  g_assert_true (vigie_training_score_write_pdf (score, policy (), "fr", "Stagiaire Tremblay",
                                                 pdf_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));

  /* Read back when pdftotext is there */
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autofree char *out = NULL;
    int status;

    if (pdftotext != NULL)
      {
        const char *argv[] = { pdftotext, "-layout", pdf_path, "-", NULL };

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     &out, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_nonnull (strstr (out, "Training results"));
        g_assert_nonnull (strstr (out, "Stagiaire Tremblay"));
        g_assert_nonnull (strstr (out, "2 of 5 comments"));
        g_assert_nonnull (strstr (out, "Insulte"));
        g_assert_nonnull (strstr (out, "67%"));
        g_assert_nonnull (strstr (out, "Commentaire 4"));
      }
  }

  /* An unwritable place: an error naming it */
  g_assert_false (vigie_training_score_write_csv (score, exercise, policy (), "fr",
                                                  "/nonexistent/score.csv", &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/score.csv"));
  g_clear_error (&error);
  g_assert_false (vigie_training_score_write_pdf (score, policy (), "fr", NULL,
                                                  "/nonexistent/score.pdf", &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/score.pdf"));

  g_unlink (csv_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
}

static GPtrArray *
builtin_sets (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sets = vigie_scenario_set_list_builtin (policy (), templates (), &error);

  g_assert_no_error (error);
  return sets;
}

/* The training workspace gets the sandbox whatever its settings say, and
 * refuses accounts and the live connector */
static void
test_no_live (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-training-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "training.vigie", NULL);
  g_autofree char *other = g_build_filename (dir, "other.vigie", NULL);
  g_autoptr(GPtrArray) sets = builtin_sets ();
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(VigieStore) marked = NULL;
  g_autoptr(VigieConnector) connector = NULL;
  g_autoptr(VigieLiveConnector) live = NULL;
  g_autoptr(VigieAccount) account = NULL;
  guint n_accounts = 99;

  store = vigie_training_create_workspace (path, sets, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_training_is_workspace (store));

  /* Even when told to use the live connector */
  g_assert_true (vigie_store_set_setting (store, "connector", "live", &error));
  connector = vigie_connector_new_for_store (store, &error);
  g_assert_no_error (error);
  g_assert_false (vigie_connector_is_live (connector));

  account = vigie_account_add (store, VIGIE_PLATFORM_FACEBOOK, "104758392011", "Page", NULL,
                               NULL, &error);
  g_assert_null (account);
  g_assert_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_LIVE);
  g_clear_error (&error);
  g_assert_true (vigie_account_count (store, &n_accounts, &error));
  g_assert_cmpuint (n_accounts, ==, 0);

  live = vigie_live_connector_new (store, &error);
  g_assert_null (live);
  g_assert_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_LIVE);
  g_clear_error (&error);

  /* A workspace that had an account before being marked */
  marked = vigie_store_open (other, &error);
  g_assert_no_error (error);
  account = vigie_account_add (marked, VIGIE_PLATFORM_FACEBOOK, "104758392011", "Page", NULL,
                               NULL, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_store_set_setting (marked, VIGIE_SETTING_TRAINING, "true", &error));
  g_clear_object (&connector);
  connector = vigie_connector_new_for_store (marked, &error);
  g_assert_no_error (error);
  g_assert_false (vigie_connector_is_live (connector));

  g_clear_object (&store);
  g_clear_object (&marked);
  g_unlink (path);
  g_unlink (other);
  g_rmdir (dir);
}

/* Everything a test can see of a workspace, as text */
static char *
snapshot (VigieStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  VigieQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(VigieConnector) connector = vigie_connector_new_for_store (store, &error);
  g_autoptr(VigieOutbox) outbox = vigie_outbox_new (store, connector);

  query.sort = VIGIE_SORT_OLDEST;
  ids = vigie_store_query_ids (store, &query, NULL, &error);
  g_assert_no_error (error);
  comments = vigie_store_get_comments (store, (gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < comments->len; i++)
    {
      VigieComment *c = g_ptr_array_index (comments, i);
      g_autoptr(VigieClassification) result = vigie_store_get_classification (store, c->id, NULL);
      g_auto(VigieCommentState) state = { 0 };

      g_assert_true (vigie_outbox_get_comment_state (outbox, c->id, &state, &error));
      g_string_append_printf (out, "%s|%s|%s|%lld|%d|%d|%d|%d|%s", c->external_id,
                              c->author_name, c->text, (long long) c->created, c->status,
                              state.hidden, state.removed, state.author_banned,
                              state.resolution ? state.resolution : "-");
      if (result != NULL)
        vigie_classification_append_json (result, out, TRUE);
      g_string_append_c (out, '\n');
    }
  for (int s = 0; s <= VIGIE_ACTION_STATUS_LAST; s++)
    g_string_append_printf (out, "actions %d: %lld\n", s,
                            (long long) vigie_outbox_count (outbox, s, NULL));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_reset (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-training-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "training.vigie", NULL);
  g_autoptr(GPtrArray) sets = builtin_sets ();
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(VigieConnector) connector = NULL;
  g_autoptr(VigieOutbox) outbox = NULL;
  g_autofree char *original = NULL;
  g_autofree char *acted = NULL;
  g_autofree char *after = NULL;
  VigieQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  VigieActionRequest request = { 0 };
  guint n = 0;
  gint64 n_flagged = 0;

  store = vigie_training_create_workspace (path, sets, classifier (), &error);
  g_assert_no_error (error);
  original = snapshot (store);
  g_assert_cmpint (vigie_store_count (store, &query, NULL), ==,
                   ((VigieScenarioSet *) sets->pdata[0])->scenarios->len);
  /* Classified: Vigie's flags are there for the exercise's answers */
  query.view = VIGIE_VIEW_NEEDS_ACTION;
  n_flagged = vigie_store_count (store, &query, NULL);
  g_assert_cmpint (n_flagged, >, 0);

  /* Act on three comments through the sandbox */
  connector = vigie_connector_new_for_store (store, &error);
  outbox = vigie_outbox_new (store, connector);
  vigie_outbox_set_grace_period (outbox, 0);
  query.view = VIGIE_VIEW_ALL;
  ids = vigie_store_query_ids (store, &query, NULL, &error);
  request.actor_name = "Stagiaire";
  request.actor_role = "trainee";
  request.kind = VIGIE_ACTION_HIDE;
  request.comment_id = g_array_index (ids, gint64, 0);
  g_assert_cmpint (vigie_outbox_enqueue (outbox, &request, &error), >, 0);
  g_assert_no_error (error);
  request.kind = VIGIE_ACTION_REMOVE;
  request.comment_id = g_array_index (ids, gint64, 1);
  g_assert_cmpint (vigie_outbox_enqueue (outbox, &request, &error), >, 0);
  request.kind = VIGIE_ACTION_KEEP;
  request.note = "Critique légitime";
  request.comment_id = g_array_index (ids, gint64, 2);
  g_assert_cmpint (vigie_outbox_enqueue (outbox, &request, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (vigie_outbox_process_sync (outbox, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 2);
  acted = snapshot (store);
  g_assert_cmpstr (acted, !=, original);
  g_clear_object (&outbox);
  g_clear_object (&connector);
  g_clear_object (&store);

  /* Reset: built again, exactly as it was */
  store = vigie_training_create_workspace (path, sets, classifier (), &error);
  g_assert_no_error (error);
  after = snapshot (store);
  g_assert_cmpstr (after, ==, original);
  g_assert_true (vigie_training_is_workspace (store));

  g_clear_object (&store);
  vigie_training_create_workspace (path, sets, NULL, NULL);
  g_unlink (path);
  g_rmdir (dir);
}

/* The application's workspace: a new file each time, the older ones gone,
 * the newest found */
static void
test_new_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = builtin_sets ();
  g_autoptr(VigieStore) first = NULL;
  g_autoptr(VigieStore) second = NULL;
  g_autofree char *path1 = NULL;
  g_autofree char *path2 = NULL;
  g_autofree char *found = NULL;

  g_assert_null (vigie_training_find_workspace ());
  first = vigie_training_new_workspace (sets, NULL, &error);
  g_assert_no_error (error);
  path1 = g_strdup (vigie_store_get_path (first));
  g_assert_true (g_str_has_prefix (path1, g_get_user_data_dir ()));
  found = vigie_training_find_workspace ();
  g_assert_cmpstr (found, ==, path1);

  /* While the first is still open */
  second = vigie_training_new_workspace (sets, NULL, &error);
  g_assert_no_error (error);
  path2 = g_strdup (vigie_store_get_path (second));
  g_assert_cmpstr (path1, !=, path2);
  g_assert_false (g_file_test (path1, G_FILE_TEST_EXISTS));
  g_clear_pointer (&found, g_free);
  found = vigie_training_find_workspace ();
  g_assert_cmpstr (found, ==, path2);
  g_assert_true (vigie_training_is_workspace (second));

  g_clear_object (&first);
  g_assert_true (g_file_test (path2, G_FILE_TEST_EXISTS));
  g_clear_object (&second);

  /* The same set twice (a file imported twice): every scenario is there
   * twice */
  g_ptr_array_add (sets, vigie_scenario_set_ref (sets->pdata[0]));
  second = vigie_training_new_workspace (sets, NULL, &error);
  g_assert_no_error (error);
  {
    VigieQuery query = { 0 };

    g_assert_cmpint (vigie_store_count (second, &query, NULL), ==,
                     2 * ((VigieScenarioSet *) sets->pdata[0])->scenarios->len);
  }
}

/* Add to training: the comment's text and post, the reference from what was
 * done or from Vigie's flags, no author; saved in the user's file with a
 * unique id, and read back */
static void
test_add (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-training-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "w.vigie", NULL);
  g_autoptr(GPtrArray) sets = builtin_sets ();
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(VigieComment) comment = NULL;
  g_autoptr(VigieClassification) result = NULL;
  g_autoptr(VigieScenario) s = NULL;
  g_autoptr(VigieScenario) s2 = NULL;
  g_autoptr(VigieScenario) s3 = NULL;
  g_autoptr(GPtrArray) user = NULL;
  g_autofree char *file = NULL;
  g_autofree char *file2 = NULL;
  VigieScenarioSet *added;

  store = vigie_training_create_workspace (path, sets, classifier (), &error);
  g_assert_no_error (error);
  comment = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK,
                                      "training-cisss-base-menace-urgence", &error);
  g_assert_no_error (error);
  result = vigie_store_get_classification (store, comment->id, &error);
  g_assert_nonnull (result);

  s = vigie_scenario_new_from_comment (store, comment->id, result, NULL, policy (), templates (),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->text, ==, comment->text);
  g_assert_nonnull (s->post);
  g_assert_cmpstr (s->page, ==, "CISSS de la Côte-Boréale");
  g_assert_cmpstr (s->author, !=, comment->author_name);
  g_assert_cmpstr (s->reference.action, ==, result->action);
  g_assert_true (vigie_training_decision_has_category (&s->reference, "threat"));
  g_assert_nonnull (s->clause);

  /* The explanation is the trainer's: without it, nothing is written */
  file = vigie_training_add_scenario (s, policy (), templates (), &error);
  g_assert_null (file);
  g_assert_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "explanation"));
  g_clear_error (&error);
  s->explanation_fr = g_strdup ("Une menace : retirer et escalader.");
  s->explanation_en = g_strdup ("A threat: remove and escalate.");
  file = vigie_training_add_scenario (s, policy (), templates (), &error);
  g_assert_no_error (error);

  /* What was done with it wins over the recommendation; twice, two ids */
  s2 = vigie_scenario_new_from_comment (store, comment->id, result, "private_reply", policy (),
                                        templates (), &error);
  g_assert_cmpstr (s2->reference.action, ==, "reply");
  g_assert_nonnull (s2->reference.template_id);
  s2->explanation_fr = g_strdup ("f");
  s2->explanation_en = g_strdup ("e");
  file2 = vigie_training_add_scenario (s2, policy (), templates (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file, ==, file2);
  g_assert_cmpstr (s->id, !=, s2->id);

  /* A comment never classified: keep, no category */
  s3 = vigie_scenario_new_from_comment (store, comment->id, NULL, NULL, policy (), templates (),
                                        &error);
  g_assert_cmpstr (s3->reference.action, ==, "keep");
  g_assert_null (s3->reference.categories[0]);
  g_assert_null (s3->clause);

  user = vigie_training_list_user_sets (policy (), templates (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (user->len, ==, 1);
  added = g_ptr_array_index (user, 0);
  g_assert_cmpuint (added->scenarios->len, ==, 2);
  assert_same_scenario (added->scenarios->pdata[0], s);
  assert_same_scenario (added->scenarios->pdata[1], s2);

  g_clear_object (&store);
  g_unlink (file);
  vigie_training_create_workspace (path, sets, NULL, NULL);
  g_unlink (path);
  g_rmdir (dir);
}

/* The trainer's reference: the clause follows the categories, and the
 * rules are those of a file, through the same code */
static void
test_add_reference (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieScenario) s = vigie_scenario_new ();
  g_autoptr(VigieScenarioSet) set = vigie_scenario_set_new ("t", "T", "T");
  g_autoptr(VigieScenarioSet) back = NULL;
  g_autoptr(GPtrArray) user = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-training-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "one.json", NULL);
  g_autofree char *added = g_build_filename (g_get_user_data_dir (), "vigie", "training",
                                             "added.json", NULL);
  g_autofree char *file = NULL;
  const VigieCategory *insult = vigie_policy_lookup_category (policy (), "insult");
  const VigieCategory *threat = vigie_policy_lookup_category (policy (), "threat");
  const VigieCategory *complaint = vigie_policy_lookup_category (policy (), "complaint");
  const char *threat_insult[] = { "threat", "insult", "threat", NULL };
  const char *insult_threat[] = { "insult", "threat", NULL };
  const char *threat_only[] = { "threat", NULL };
  const char *complaint_only[] = { "complaint", NULL };

  s->id = g_strdup ("ajout");
  s->difficulty = g_strdup ("easy");
  s->platform = VIGIE_PLATFORM_FACEBOOK;
  s->page = g_strdup ("Une page");
  s->author = g_strdup ("Une personne");
  s->language = g_strdup ("fr");
  s->text = g_strdup ("Un commentaire.");
  s->explanation_fr = g_strdup ("Pourquoi.");
  s->explanation_en = g_strdup ("Why.");

  /* Sorted in the policy's order, once each; the first category's clause */
  vigie_scenario_set_reference (s, threat_insult, "remove", NULL, policy ());
  g_assert_cmpstrv (s->reference.categories, insult_threat);
  g_assert_cmpstr (s->reference.action, ==, "remove");
  g_assert_null (s->reference.template_id);
  g_assert_cmpstr (s->clause, ==, insult->clauses[0].ref);
  /* A clause one of the categories still has is kept */
  g_free (s->clause);
  s->clause = g_strdup (threat->clauses[threat->n_clauses - 1].ref);
  vigie_scenario_set_reference (s, threat_only, "escalate", NULL, policy ());
  g_assert_cmpstr (s->clause, ==, threat->clauses[threat->n_clauses - 1].ref);
  g_assert_true (vigie_scenario_validate (s, "here", policy (), templates (), &error));
  g_assert_no_error (error);
  /* ... and replaced when none has it; none without a category */
  vigie_scenario_set_reference (s, complaint_only, "reply", "complaint", policy ());
  g_assert_cmpstr (s->clause, ==, complaint->clauses[0].ref);
  g_assert_cmpstr (s->reference.template_id, ==, "complaint");
  g_assert_true (vigie_scenario_validate (s, "here", policy (), templates (), &error));
  g_assert_no_error (error);

  /* What passes reads back from a file, the same */
  g_ptr_array_add (set->scenarios, vigie_scenario_ref (s));
  g_assert_true (vigie_scenario_set_write (set, path, &error));
  g_assert_no_error (error);
  back = vigie_scenario_set_new_from_file (path, policy (), templates (), &error);
  g_assert_no_error (error);
  assert_same_scenario (back->scenarios->pdata[0], s);

  /* A reply needs its template, a known one; a template is only for a reply */
  vigie_scenario_set_reference (s, complaint_only, "reply", NULL, policy ());
  g_assert_false (vigie_scenario_validate (s, "here", policy (), templates (), &error));
  g_assert_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "here: "));
  g_assert_nonnull (strstr (error->message, "reference.template"));
  g_clear_error (&error);
  vigie_scenario_set_reference (s, complaint_only, "reply", "no-such-template", policy ());
  g_assert_false (vigie_scenario_validate (s, "here", policy (), templates (), &error));
  g_assert_nonnull (strstr (error->message, "no-such-template"));
  g_clear_error (&error);
  vigie_scenario_set_reference (s, complaint_only, "hide", "complaint", policy ());
  g_assert_false (vigie_scenario_validate (s, "here", policy (), templates (), &error));
  g_assert_nonnull (strstr (error->message, "reference.template"));
  g_clear_error (&error);
  vigie_scenario_set_reference (s, complaint_only, "shout", NULL, policy ());
  g_assert_false (vigie_scenario_validate (s, "here", policy (), templates (), &error));
  g_assert_nonnull (strstr (error->message, "reference.action"));
  g_clear_error (&error);

  /* Nothing invalid is added */
  vigie_scenario_set_reference (s, complaint_only, "reply", NULL, policy ());
  file = vigie_training_add_scenario (s, policy (), templates (), &error);
  g_assert_null (file);
  g_assert_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (added, G_FILE_TEST_EXISTS));

  /* No category: no clause, and valid */
  vigie_scenario_set_reference (s, NULL, "keep", NULL, policy ());
  g_assert_null (s->reference.categories[0]);
  g_assert_null (s->clause);
  file = vigie_training_add_scenario (s, policy (), templates (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file, ==, added);
  user = vigie_training_list_user_sets (policy (), templates (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (user->len, ==, 1);
  assert_same_scenario (((VigieScenarioSet *) user->pdata[0])->scenarios->pdata[0], s);

  g_unlink (added);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/vigie/training/scenarios/builtin", test_builtin);
  g_test_add_func ("/vigie/training/scenarios/bad-files", test_bad_files);
  g_test_add_func ("/vigie/training/scenarios/round-trip", test_round_trip);
  g_test_add_func ("/vigie/training/exercise/score", test_score);
  g_test_add_func ("/vigie/training/exercise/score-partial", test_score_partial);
  g_test_add_func ("/vigie/training/exercise/export", test_export);
  g_test_add_func ("/vigie/training/workspace/no-live", test_no_live);
  g_test_add_func ("/vigie/training/workspace/reset", test_reset);
  g_test_add_func ("/vigie/training/workspace/new", test_new_workspace);
  g_test_add_func ("/vigie/training/add", test_add);
  g_test_add_func ("/vigie/training/add/reference", test_add_reference);

  return g_test_run ();
}
