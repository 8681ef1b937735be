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

#include "vigie-comment-detail.h"
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

static AdwMessageDialog *
find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Add to Training on a comment of an ordinary workspace: a dialog for the
 * explanation, then the scenario in the user's own file, without the
 * author's name */
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
  AdwMessageDialog *dialog;
  VigieWindow *window;

  if (!require_display ())
    return;

  context = three_context ();
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

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-to-training", NULL));
  WAIT_FOR ((dialog = find_dialog ()) != NULL);
  /* Nothing to add without an explanation */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  collect_text_views (GTK_WIDGET (dialog), views);
  g_assert_cmpuint (views->len, ==, 2);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (views->pdata[0]),
                            "Une explication pour la formation.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  screenshot (GTK_WIDGET (dialog), "add-to-training");
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));

  added = g_build_filename (g_get_user_data_dir (), "vigie", "training", "added.json", NULL);
  g_assert_true (g_file_test (added, G_FILE_TEST_EXISTS));
  sets = vigie_training_list_user_sets (vigie_training_context_get_policy (context),
                                        vigie_training_context_get_templates (context), NULL,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, 1);
  set = g_ptr_array_index (sets, 0);
  g_assert_cmpuint (set->scenarios->len, ==, 1);
  s = g_ptr_array_index (set->scenarios, 0);
  g_assert_cmpstr (s->text, ==, comment->text);
  g_assert_cmpstr (s->author, !=, comment->author_name);
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
