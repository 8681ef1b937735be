/* test-training-ui.c — the training workspace's window, the exercise and
 * presenter mode (needs a display)
 *
 * Runs under Xvfb. Without a display every test is skipped, unless
 * VIGIE_REQUIRE_DISPLAY is set: then they fail. With
 * VIGIE_TEST_SCREENSHOTS=DIR, the windows are saved there as PNG images.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vigie-category-chip.h"
#include "vigie-comment-detail.h"
#include "vigie-decision-editor.h"
#include "vigie-exercise-window.h"
#include "vigie-presenter-window.h"
#include "vigie-training-ui.h"
#include "vigie-window.h"

#include "test-ui-common.h"

/* VIGIE_TEST_SCREENSHOTS: the window as a PNG, to look at */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("VIGIE_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  spin (300);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  save_png (widget, path);
}

static char *
fixture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "training", "three.json", NULL);
}

static VigieTrainingContext *
three_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ();
  VigieTrainingContext *context = vigie_training_context_new (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (vigie_training_context_get_sets (context)->len, ==, 1);
  return context;
}

static VigieClassifier *
classifier (VigieTrainingContext *context)
{
  g_autoptr(GError) error = NULL;
  VigieClassifier *classifier = vigie_classifier_new (vigie_training_context_get_policy (context),
                                                      NULL, &error);

  g_assert_no_error (error);
  return classifier;
}

static gboolean reset_called;

static void
reset_cb (VigieWindow *window,
          gpointer     user_data)
{
  reset_called = TRUE;
}

/* The window of the training workspace: the banner on top, no accounts,
 * no live connector; Reset asks first */
static void
test_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieTrainingContext) context = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VigieStore) store = NULL;
  VigieWindow *window;
  GtkWidget *banner, *content;

  if (!require_display ())
    return;

  context = three_context ();
  dir = g_dir_make_tmp ("vigie-training-ui-XXXXXX", &error);
  path = g_build_filename (dir, "training.vigie", NULL);
  store = vigie_training_create_workspace (path, vigie_training_context_get_sets (context), NULL,
                                           &error);
  g_assert_no_error (error);

  window = vigie_window_new (NULL, store, NULL);
  vigie_training_ui_install (window);
  g_assert_null (vigie_training_ui_get_banner (window));
  vigie_training_ui_set_up_window (window, context, reset_cb, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (!vigie_window_get_classifying (window) &&
            g_strcmp0 (vigie_window_get_queue_state (window), "list") == 0);

  /* The banner is the first thing in the window, and shown */
  banner = vigie_training_ui_get_banner (window);
  g_assert_nonnull (banner);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_assert_true (gtk_widget_get_first_child (content) == banner);
  WAIT_FOR (gtk_widget_get_mapped (banner) && gtk_widget_get_height (banner) > 20);
  g_assert_true (gtk_widget_has_css_class (banner, "training-banner"));

  /* Sandbox only */
  {
    guint n = g_list_model_get_n_items (gtk_window_get_toplevels ());

    /* Disabled: nothing opens */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-accounts", NULL);
    spin (200);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n);
  }
  g_assert_nonnull (vigie_window_get_outbox (window));
  g_assert_false (vigie_connector_is_live (
    vigie_outbox_get_connector (vigie_window_get_outbox (window))));

  /* Reset asks; cancel does nothing, Reset calls back */
  reset_called = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.training-reset", NULL));
  {
    GtkWindow *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (gtk_window_get_toplevels (), i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          dialog = w;
      }
    g_assert_nonnull (dialog);
    screenshot (GTK_WIDGET (window), "training-window");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    g_assert_false (reset_called);
    gtk_window_destroy (dialog);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.training-reset", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        {
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (w), "reset");
          gtk_window_destroy (w);
          break;
        }
    }
  WAIT_FOR (reset_called);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  vigie_training_create_workspace (path, vigie_training_context_get_sets (context), NULL, NULL);
  g_unlink (path);
  g_rmdir (dir);
}

static void
collect_text_views (GtkWidget *root,
                    GPtrArray *views)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TEXT_VIEW (child))
        g_ptr_array_add (views, child);
      collect_text_views (child, views);
    }
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_widget (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The toggle button labelled @label under @root */
static GtkToggleButton *
find_toggle (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found;

      if (GTK_IS_TOGGLE_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return GTK_TOGGLE_BUTTON (child);
      if ((found = find_toggle (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* A click, as the trainer's (activating a button clicks it after a short
 * press) */
static void
click (GtkToggleButton *button)
{
  gboolean was_active;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  was_active = gtk_toggle_button_get_active (button);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (button)));
  WAIT_FOR (gtk_toggle_button_get_active (button) != was_active);
}

static AdwMessageDialog *
find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Add to Training on a comment of an ordinary workspace: a dialog for the
 * reference decision (pre-filled with Vigie's guess, changed by the
 * trainer) and the explanation, then the scenario in the user's own file,
 * without the author's name */
static void
test_add_to_training (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieTrainingContext) context = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *added = NULL;
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) sets = NULL;
  VigieScenarioSet *set;
  VigieScenario *s;
  g_autoptr(VigieComment) comment = NULL;
  g_autoptr(VigieScenario) guess = NULL;
  AdwMessageDialog *dialog;
  VigieDecisionEditor *editor;
  GtkDropDown *dropdown;
  VigieWindow *window;
  VigiePolicy *policy;
  VigieTemplates *templates;
  const char *spam_complaint[] = { "spam", "complaint", NULL };

  if (!require_display ())
    return;

  context = three_context ();
  policy = vigie_training_context_get_policy (context);
  templates = vigie_training_context_get_templates (context);
  dir = g_dir_make_tmp ("vigie-training-ui-XXXXXX", &error);
  path = g_build_filename (dir, "w.vigie", NULL);
  store = vigie_training_create_workspace (path, vigie_training_context_get_sets (context), NULL,
                                           &error);
  g_assert_no_error (error);
  /* An ordinary workspace for this test */
  g_assert_true (vigie_store_set_setting (store, VIGIE_SETTING_TRAINING, "false", &error));

  window = vigie_window_new (NULL, store, NULL);
  vigie_training_ui_install (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (!vigie_window_get_classifying (window) &&
            g_strcmp0 (vigie_window_get_queue_state (window), "list") == 0);
  vigie_window_select (window, 0);
  WAIT_FOR (vigie_comment_detail_get_comment (vigie_window_get_detail (window)) != NULL &&
            vigie_comment_detail_get_classification (vigie_window_get_detail (window)) != NULL);
  /* Kept: the detail may load it again while the dialog is open */
  comment = vigie_comment_ref (vigie_comment_detail_get_comment (vigie_window_get_detail (window)));

  /* The first guess: Vigie's flags, nothing having been done with it */
  guess = vigie_scenario_new_from_comment (store, comment->id,
                                           vigie_comment_detail_get_classification (
                                             vigie_window_get_detail (window)),
                                           NULL, policy, templates, &error);
  g_assert_no_error (error);
  /* The fixture's comment is not a reply: the template is chosen below */
  g_assert_cmpstr (guess->reference.action, !=, "reply");
  g_assert_nonnull (guess->reference.categories[0]);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-to-training", NULL));
  WAIT_FOR ((dialog = find_dialog ()) != NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  editor = VIGIE_DECISION_EDITOR (find_widget (GTK_WIDGET (dialog),
                                               VIGIE_TYPE_DECISION_EDITOR));
  g_assert_nonnull (editor);
  /* Pre-filled with the guess */
  {
    g_auto(GStrv) chosen = vigie_decision_editor_dup_categories (editor);

    g_assert_cmpstrv (chosen, guess->reference.categories);
    g_assert_cmpstr (vigie_decision_editor_get_action (editor), ==, guess->reference.action);
    g_assert_true (gtk_toggle_button_get_active (
      find_toggle (GTK_WIDGET (dialog),
                   vigie_category_chip_label (policy, guess->reference.categories[0]))));
  }
  /* Nothing to add without an explanation */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  collect_text_views (GTK_WIDGET (dialog), views);
  g_assert_cmpuint (views->len, ==, 2);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (views->pdata[0]),
                            "Une explication pour la formation.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));

  /* The trainer's own reference: the guessed categories off, spam (litigious
   * content) and complaint (a triage signal) on */
  for (guint i = 0; guess->reference.categories[i] != NULL; i++)
    click (find_toggle (GTK_WIDGET (dialog),
                        vigie_category_chip_label (policy, guess->reference.categories[i])));
  click (find_toggle (GTK_WIDGET (dialog), vigie_category_chip_label (policy, "complaint")));
  click (find_toggle (GTK_WIDGET (dialog), vigie_category_chip_label (policy, "spam")));
  g_assert_true (vigie_policy_lookup_category (policy, "complaint")->triage);
  g_assert_false (vigie_policy_lookup_category (policy, "spam")->triage);

  /* A reply without its template cannot be added */
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dropdown)) &&
                  gtk_widget_get_mapped (GTK_WIDGET (dropdown)));
  click (find_toggle (GTK_WIDGET (dialog), vigie_training_action_get_label ("reply")));
  g_assert_cmpstr (vigie_decision_editor_get_action (editor), ==, "reply");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  screenshot (GTK_WIDGET (dialog), "add-to-training-no-template");
  /* ... nor when the explanation is wiped, whatever the template */
  {
    GListModel *titles = gtk_drop_down_get_model (dropdown);
    const char *wanted = vigie_template_get_title (vigie_templates_lookup (templates, "complaint"),
                                                   vigie_policy_get_interface_language ());
    guint position = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (titles, i);

        if (g_str_equal (gtk_string_object_get_string (item), wanted))
          position = i;
      }
    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (dropdown, position);
  }
  g_assert_cmpstr (vigie_decision_editor_get_template (editor), ==, "complaint");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (views->pdata[0]), "  ", -1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (views->pdata[0]),
                            "Une explication pour la formation.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  screenshot (GTK_WIDGET (dialog), "add-to-training");
  if (g_getenv ("VIGIE_TEST_SCREENSHOTS") != NULL)
    {
      /* Its lower part, with the explanations */
      GtkScrolledWindow *scrolled =
        GTK_SCROLLED_WINDOW (find_widget (GTK_WIDGET (dialog), GTK_TYPE_SCROLLED_WINDOW));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      screenshot (GTK_WIDGET (dialog), "add-to-training-explanation");
    }
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));

  added = g_build_filename (g_get_user_data_dir (), "vigie", "training", "added.json", NULL);
  g_assert_true (g_file_test (added, G_FILE_TEST_EXISTS));
  sets = vigie_training_list_user_sets (policy, templates, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, 1);
  set = g_ptr_array_index (sets, 0);
  g_assert_cmpuint (set->scenarios->len, ==, 1);
  s = g_ptr_array_index (set->scenarios, 0);
  g_assert_cmpstr (s->text, ==, comment->text);
  g_assert_cmpstr (s->author, !=, comment->author_name);
  /* The reference is the trainer's, in the policy's order, with a clause of
   * its categories */
  g_assert_cmpstrv (s->reference.categories, spam_complaint);
  g_assert_cmpstr (s->reference.action, ==, "reply");
  g_assert_cmpstr (s->reference.template_id, ==, "complaint");
  {
    const VigieCategory *spam = vigie_policy_lookup_category (policy, "spam");
    const VigieCategory *complaint = vigie_policy_lookup_category (policy, "complaint");
    const char *expected = spam->clauses[0].ref;

    /* The guess's clause if spam or complaint has it, else spam's first */
    for (guint i = 0; guess->clause != NULL && i < spam->n_clauses; i++)
      if (g_str_equal (spam->clauses[i].ref, guess->clause))
        expected = guess->clause;
    for (guint i = 0; guess->clause != NULL && i < complaint->n_clauses; i++)
      if (g_str_equal (complaint->clauses[i].ref, guess->clause))
        expected = guess->clause;
    g_assert_cmpstr (s->clause, ==, expected);
  }
  /* One language given: both show it */
  g_assert_cmpstr (s->explanation_fr, ==, "Une explication pour la formation.");
  g_assert_cmpstr (s->explanation_en, ==, "Une explication pour la formation.");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (added);
  g_clear_object (&store);
  vigie_training_create_workspace (path, vigie_training_context_get_sets (context), NULL, NULL);
  g_unlink (path);
  g_rmdir (dir);
}

/* Three comments: the flags are hidden until the answer, then the
 * reference, Vigie's flags with their spans and the explanation; then the
 * score */
static void
test_exercise (void)
{
  g_autoptr(VigieTrainingContext) context = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(VigieClassifier) vigie = NULL;
  VigieExerciseWindow *window;
  const char *insult[] = { "insult", NULL };
  const char *complaint[] = { "complaint", NULL };
  const char *spam[] = { "spam", NULL };
  VigieExercise *exercise;
  g_autoptr(VigieTrainingScore) score = NULL;

  if (!require_display ())
    return;

  context = three_context ();
  scenarios = vigie_training_context_list_scenarios (context);
  vigie = classifier (context);
  window = vigie_exercise_window_new (scenarios, vigie_training_context_get_policy (context),
                                      vigie_training_context_get_templates (context), vigie);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  exercise = vigie_exercise_window_get_exercise (window);
  g_assert_cmpstr (vigie_exercise_window_get_page (window), ==, "item");

  /* 1: no flag before the answer; nothing to check without an action */
  g_assert_null (gtk_label_get_attributes (vigie_exercise_window_get_text_label (window)));
  g_assert_cmpuint (vigie_exercise_window_get_n_flag_cards (window), ==, 0);
  g_assert_false (vigie_exercise_window_check (window));
  vigie_exercise_window_choose (window, insult, "hide", NULL);
  screenshot (GTK_WIDGET (window), "exercise-question");
  g_assert_true (vigie_exercise_window_check (window));
  g_assert_false (vigie_exercise_window_check (window));   /* once */
  /* Vigie flags "caves": highlighted, and a card */
  g_assert_nonnull (gtk_label_get_attributes (vigie_exercise_window_get_text_label (window)));
  g_assert_cmpuint (vigie_exercise_window_get_n_flag_cards (window), >, 0);
  screenshot (GTK_WIDGET (window), "exercise-answer");
  g_assert_true (vigie_exercise_window_next (window));
  g_assert_null (gtk_label_get_attributes (vigie_exercise_window_get_text_label (window)));

  /* 2: a reply needs its template before it can be checked */
  vigie_exercise_window_choose (window, complaint, "reply", NULL);
  g_assert_false (vigie_exercise_window_check (window));
  vigie_exercise_window_choose (window, complaint, "reply", "private_channel");
  g_assert_true (vigie_exercise_window_check (window));
  screenshot (GTK_WIDGET (window), "exercise-mistake");
  g_assert_true (vigie_exercise_window_next (window));

  /* 3 */
  vigie_exercise_window_choose (window, spam, "remove", NULL);
  g_assert_true (vigie_exercise_window_check (window));
  g_assert_true (vigie_exercise_window_next (window));

  g_assert_cmpstr (vigie_exercise_window_get_page (window), ==, "score");
  g_assert_cmpstr (vigie_exercise_window_get_summary (window), ==, "2 of 3 correct");
  score = vigie_exercise_compute_score (exercise);
  g_assert_cmpuint (score->mistakes->len, ==, 1);
  g_assert_cmpint (((VigieTrainingMistake *) score->mistakes->pdata[0])->kinds, ==,
                   VIGIE_MISTAKE_TEMPLATE);
  screenshot (GTK_WIDGET (window), "exercise-score");

  /* Presenter mode from there */
  {
    GtkWindow *presenter = vigie_exercise_window_open_presenter (window);

    g_assert_nonnull (presenter);
    WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (presenter)));
    gtk_window_destroy (presenter);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the arrow keys and Space run (the keys themselves are pressed in
 * atspi-training.py) */
static void
press (GtkWidget  *widget,
       const char *action)
{
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
}

/* Presenter mode: one comment at a time, the answer on demand, the ends
 * of the list respected */
static void
test_presenter (void)
{
  g_autoptr(VigieTrainingContext) context = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  VigiePresenterWindow *presenter;

  if (!require_display ())
    return;

  context = three_context ();
  scenarios = vigie_training_context_list_scenarios (context);
  presenter = vigie_presenter_window_new (scenarios, vigie_training_context_get_policy (context),
                                          vigie_training_context_get_templates (context), 0);
  gtk_window_set_default_size (GTK_WINDOW (presenter), 1280, 800);
  gtk_window_present (GTK_WINDOW (presenter));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (presenter)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (presenter), "presenter"));
  g_assert_cmpuint (vigie_presenter_window_get_position (presenter), ==, 0);
  g_assert_false (vigie_presenter_window_get_revealed (presenter));
  screenshot (GTK_WIDGET (presenter), "presenter-question");

  press (GTK_WIDGET (presenter), "presenter.previous");
  g_assert_cmpuint (vigie_presenter_window_get_position (presenter), ==, 0);
  press (GTK_WIDGET (presenter), "presenter.toggle");
  g_assert_true (vigie_presenter_window_get_revealed (presenter));
  screenshot (GTK_WIDGET (presenter), "presenter-answer");
  press (GTK_WIDGET (presenter), "presenter.next");
  g_assert_cmpuint (vigie_presenter_window_get_position (presenter), ==, 1);
  g_assert_false (vigie_presenter_window_get_revealed (presenter));
  press (GTK_WIDGET (presenter), "presenter.next");
  press (GTK_WIDGET (presenter), "presenter.next");
  g_assert_cmpuint (vigie_presenter_window_get_position (presenter), ==, 2);
  press (GTK_WIDGET (presenter), "presenter.previous");
  g_assert_cmpuint (vigie_presenter_window_get_position (presenter), ==, 1);

  gtk_window_destroy (GTK_WINDOW (presenter));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("vigie-training-ui-data-XXXXXX", NULL);
  int status;

  /* The user's own scenarios go to a private folder */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  test_ui_init (&argc, &argv);
  if (have_display)
    {
      /* The application's style, as the program has it */
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (css, "/io/github/vigie/Vigie/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  g_test_add_func ("/vigie/training-ui/window", test_window);
  g_test_add_func ("/vigie/training-ui/exercise", test_exercise);
  g_test_add_func ("/vigie/training-ui/presenter", test_presenter);
  g_test_add_func ("/vigie/training-ui/add-to-training", test_add_to_training);

  status = g_test_run ();
  g_rmdir (data_home);
  return status;
}
