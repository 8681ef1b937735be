/* vigie-training-ui.c — the training workspace in the main window, and
 * "Add to Training"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-training-ui"

#include "config.h"

#include "vigie-training-ui.h"

#include "vigie-category-chip.h"
#include "vigie-exercise-window.h"
#include "vigie-format.h"
#include "vigie-presenter-window.h"

#include <glib/gi18n.h>

struct _VigieTrainingContext
{
  gatomicrefcount  ref;
  char            *scenarios_path;   /* only this file; NULL: built-in and the user's */
  VigiePolicy     *policy;
  VigieTemplates  *templates;
  GPtrArray       *sets;
  GPtrArray       *errors;
};

static gboolean
load_sets (VigieTrainingContext  *self,
           GError               **error)
{
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GPtrArray) errors = NULL;

  if (self->scenarios_path != NULL)
    {
      VigieScenarioSet *set = vigie_scenario_set_new_from_file (self->scenarios_path,
                                                                self->policy, self->templates,
                                                                error);
      if (set == NULL)
        return FALSE;
      sets = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_scenario_set_unref);
      g_ptr_array_add (sets, set);
      errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
    }
  else
    {
      g_autoptr(GPtrArray) user = NULL;

      sets = vigie_scenario_set_list_builtin (self->policy, self->templates, error);
      if (sets == NULL)
        return FALSE;
      user = vigie_training_list_user_sets (self->policy, self->templates, &errors, error);
      if (user == NULL)
        return FALSE;
      for (guint i = 0; i < user->len; i++)
        g_ptr_array_add (sets, vigie_scenario_set_ref (user->pdata[i]));
    }
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  self->sets = g_steal_pointer (&sets);
  self->errors = g_steal_pointer (&errors);
  return TRUE;
}

VigieTrainingContext *
vigie_training_context_new (const char  *scenarios_path,
                            GError     **error)
{
  g_autoptr(VigieTrainingContext) self = g_new0 (VigieTrainingContext, 1);

  g_atomic_ref_count_init (&self->ref);
  self->scenarios_path = g_strdup (scenarios_path);
  self->policy = vigie_policy_new_default (error);
  if (self->policy == NULL)
    return NULL;
  self->templates = vigie_templates_new_default (error);
  if (self->templates == NULL)
    return NULL;
  if (!load_sets (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

VigieTrainingContext *
vigie_training_context_ref (VigieTrainingContext *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
vigie_training_context_unref (VigieTrainingContext *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->scenarios_path);
  g_clear_object (&self->policy);
  g_clear_object (&self->templates);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_free (self);
}

VigiePolicy *
vigie_training_context_get_policy (VigieTrainingContext *self)
{
  return self->policy;
}

VigieTemplates *
vigie_training_context_get_templates (VigieTrainingContext *self)
{
  return self->templates;
}

GPtrArray *
vigie_training_context_get_sets (VigieTrainingContext *self)
{
  return self->sets;
}

GPtrArray *
vigie_training_context_get_errors (VigieTrainingContext *self)
{
  return self->errors;
}

GPtrArray *
vigie_training_context_list_scenarios (VigieTrainingContext *self)
{
  GPtrArray *scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_scenario_unref);

  for (guint i = 0; i < self->sets->len; i++)
    {
      VigieScenarioSet *set = g_ptr_array_index (self->sets, i);

      for (guint j = 0; j < set->scenarios->len; j++)
        g_ptr_array_add (scenarios, vigie_scenario_ref (set->scenarios->pdata[j]));
    }
  return scenarios;
}

gboolean
vigie_training_context_reload (VigieTrainingContext  *self,
                               GError               **error)
{
  return load_sets (self, error);
}

/* The training window's own data, on the window */
typedef struct
{
  VigieWindow            *window;    /* weak: the data lives on it */
  VigieTrainingContext   *context;
  VigieTrainingResetFunc  reset;
  gpointer                reset_data;
  GtkWidget              *banner;
  GtkFileChooserNative   *chooser;
  GtkWidget              *exercise;  /* weak */
} TrainingWindow;

/* Add to Training */

typedef struct
{
  VigieWindow   *window;
  VigieScenario *scenario;
  GtkTextBuffer *french;
  GtkTextBuffer *english;
} AddData;

static void
add_data_free (AddData *data)
{
  g_object_unref (data->window);
  vigie_scenario_unref (data->scenario);
  g_object_unref (data->french);
  g_object_unref (data->english);
  g_free (data);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

static void
add_text_changed_cb (GtkTextBuffer   *buffer,
                     AdwMessageDialog *dialog)
{
  AddData *data = g_object_get_data (G_OBJECT (dialog), "add-data");
  g_autofree char *french = buffer_text (data->french);
  g_autofree char *english = buffer_text (data->english);

  adw_message_dialog_set_response_enabled (dialog, "add", *french != '\0' || *english != '\0');
}

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AddData          *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *french = NULL;
  g_autofree char *english = NULL;
  g_autofree char *path = NULL;

  if (!g_str_equal (response, "add"))
    return;
  french = buffer_text (data->french);
  english = buffer_text (data->english);
  /* One language is enough: the other shows the same text */
  g_free (data->scenario->explanation_fr);
  g_free (data->scenario->explanation_en);
  data->scenario->explanation_fr = g_strdup (*french ? french : english);
  data->scenario->explanation_en = g_strdup (*english ? english : french);
  path = vigie_training_add_scenario (data->scenario, &error);
  if (path == NULL)
    {
      vigie_show_error_dialog (GTK_WINDOW (data->window), _("Cannot Add the Comment to Training"), error);
      return;
    }
  /* In the training workspace, the next exercise asks it */
  {
    TrainingWindow *tw = g_object_get_data (G_OBJECT (data->window), "vigie-training");

    if (tw != NULL)
      vigie_training_context_reload (tw->context, NULL);
  }
  vigie_window_add_toast (data->window,
                          _("Added to your training scenarios; a reset of the training "
                            "workspace brings it in"));
}

static GtkWidget *
explanation_view (const char     *label_text,
                  GtkTextBuffer **out_buffer,
                  GtkWidget      *box)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, 360, 72);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  *out_buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  return view;
}

static void
add_to_training_activate (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  VigieWindow *window = VIGIE_WINDOW (user_data);
  VigieCommentDetail *detail = vigie_window_get_detail (window);
  VigieComment *comment = vigie_comment_detail_get_comment (detail);
  VigieClassifier *classifier = vigie_window_get_classifier (window);
  VigiePolicy *policy = classifier ? vigie_classifier_get_policy (classifier) : NULL;
  g_autoptr(VigieTemplates) templates = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(VigieCommentState) state = { 0 };
  g_autoptr(VigieScenario) scenario = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog, *box;
  AddData *data;
  const char *done = NULL;

  if (comment == NULL)
    {
      vigie_window_add_toast (window, _("Select a comment to add it to training"));
      return;
    }
  templates = vigie_templates_new_default (&error);
  if (templates == NULL)
    {
      vigie_show_error_dialog (GTK_WINDOW (window), _("Cannot Add the Comment to Training"), error);
      return;
    }
  /* What the delegate did with it is the reference, if anything */
  if (vigie_window_get_outbox (window) != NULL &&
      vigie_outbox_get_comment_state (vigie_window_get_outbox (window), comment->id, &state,
                                      NULL))
    done = state.resolution;
  scenario = vigie_scenario_new_from_comment (vigie_window_get_store (window), comment->id,
                                              vigie_comment_detail_get_classification (detail),
                                              done, policy, templates, &error);
  if (scenario == NULL)
    {
      vigie_show_error_dialog (GTK_WINDOW (window), _("Cannot Add the Comment to Training"), error);
      return;
    }

  g_string_append (body, _("The comment becomes a scenario of your own training set, without "
                           "its author’s name. Reference decision:"));
  g_string_append (body, "\n");
  for (guint i = 0; scenario->reference.categories[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (body, _(", "));
      g_string_append (body, vigie_category_chip_label (policy, scenario->reference.categories[i]));
    }
  if (scenario->reference.categories[0] == NULL)
    g_string_append (body, _("No category of the policy"));
  g_string_append_printf (body, " → %s", vigie_training_action_get_label (scenario->reference.action));
  if (scenario->clause != NULL)
    g_string_append_printf (body, " (%s)", scenario->clause);

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Add to Training"), body->str);
  vigie_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "add", _("_Add"),
                                   ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  data = g_new0 (AddData, 1);
  data->window = g_object_ref (window);
  data->scenario = g_steal_pointer (&scenario);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  explanation_view (_("Explanation for the trainee, in _French"), &data->french, box);
  explanation_view (_("Explanation for the trainee, in _English"), &data->english, box);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data_full (G_OBJECT (dialog), "add-data", data, (GDestroyNotify) add_data_free);
  g_signal_connect_object (data->french, "changed", G_CALLBACK (add_text_changed_cb), dialog, 0);
  g_signal_connect_object (data->english, "changed", G_CALLBACK (add_text_changed_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (add_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
vigie_training_ui_install (VigieWindow *window)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("add-to-training", NULL);

  g_return_if_fail (VIGIE_IS_WINDOW (window));

  g_signal_connect_object (action, "activate", G_CALLBACK (add_to_training_activate), window, 0);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
}

/* The training window */


static void
training_window_free (TrainingWindow *tw)
{
  if (tw->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (tw->chooser));
  g_clear_object (&tw->chooser);
  if (tw->exercise != NULL)
    g_object_remove_weak_pointer (G_OBJECT (tw->exercise), (gpointer *) &tw->exercise);
  vigie_training_context_unref (tw->context);
  g_free (tw);
}

static void
exercise_activate (GSimpleAction  *action,
                   GVariant       *parameter,
                   TrainingWindow *tw)
{
  g_autoptr(GPtrArray) scenarios = vigie_training_context_list_scenarios (tw->context);
  VigieExerciseWindow *exercise;

  if (tw->exercise != NULL)
    {
      gtk_window_present (GTK_WINDOW (tw->exercise));
      return;
    }
  exercise = vigie_exercise_window_new (scenarios, vigie_training_context_get_policy (tw->context),
                                        vigie_training_context_get_templates (tw->context),
                                        vigie_window_get_classifier (tw->window));
  tw->exercise = GTK_WIDGET (exercise);
  g_object_add_weak_pointer (G_OBJECT (exercise), (gpointer *) &tw->exercise);
  gtk_window_set_transient_for (GTK_WINDOW (exercise), GTK_WINDOW (tw->window));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (exercise), TRUE);
  gtk_window_present (GTK_WINDOW (exercise));
}

static void
presenter_activate (GSimpleAction  *action,
                    GVariant       *parameter,
                    TrainingWindow *tw)
{
  g_autoptr(GPtrArray) scenarios = vigie_training_context_list_scenarios (tw->context);
  VigiePresenterWindow *presenter;

  if (scenarios->len == 0)
    return;
  presenter = vigie_presenter_window_new (scenarios,
                                          vigie_training_context_get_policy (tw->context),
                                          vigie_training_context_get_templates (tw->context), 0);
  gtk_window_set_transient_for (GTK_WINDOW (presenter), GTK_WINDOW (tw->window));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (presenter), TRUE);
  gtk_window_fullscreen (GTK_WINDOW (presenter));
  gtk_window_present (GTK_WINDOW (presenter));
}

/* Once the dialog is gone: the reset replaces the window */
static gboolean
reset_idle_cb (gpointer user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(VigieWindow) window = g_weak_ref_get (weak);
  TrainingWindow *tw = window ? g_object_get_data (G_OBJECT (window), "vigie-training") : NULL;

  if (tw != NULL && tw->reset != NULL)
    tw->reset (window, tw->reset_data);
  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
reset_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TrainingWindow   *tw)
{
  GWeakRef *weak;

  if (!g_str_equal (response, "reset"))
    return;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, tw->window);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reset_idle_cb, weak, free_weak_ref);
}

static void
reset_activate (GSimpleAction  *action,
                GVariant       *parameter,
                TrainingWindow *tw)
{
  GtkWidget *dialog = adw_message_dialog_new (
    GTK_WINDOW (tw->window), _("Reset the Training Workspace?"),
    _("Everything done in it is undone: the comments come back as they were, from the "
      "scenarios, with your own scenarios added since."));

  vigie_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "reset", _("_Reset"),
                                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (reset_response_cb), tw);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    TrainingWindow  *tw)
{
  g_autofree char *path = vigie_file_chooser_dup_path (chooser, response);
  g_autofree char *dest = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&tw->chooser);
  if (path == NULL)
    return;
  dest = vigie_training_import_file (path, vigie_training_context_get_policy (tw->context),
                                     vigie_training_context_get_templates (tw->context), &error);
  if (dest == NULL || !vigie_training_context_reload (tw->context, &error))
    {
      vigie_show_error_dialog (GTK_WINDOW (tw->window), _("Cannot Import the Scenarios"), error);
      return;
    }
  vigie_window_add_toast (tw->window, _("Scenarios imported: the next exercise asks them, and a "
                                        "reset brings them into the workspace"));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    TrainingWindow  *tw)
{
  g_autofree char *path = vigie_file_chooser_dup_path (chooser, response);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieScenarioSet) set = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;

  g_clear_object (&tw->chooser);
  if (path == NULL)
    return;
  /* Every scenario of the workspace, in one file */
  set = vigie_scenario_set_new ("formation", "Scénarios de formation", "Training scenarios");
  scenarios = vigie_training_context_list_scenarios (tw->context);
  for (guint i = 0; i < scenarios->len; i++)
    {
      VigieScenario *s = g_ptr_array_index (scenarios, i);
      gboolean used = FALSE;

      /* Ids must be unique in a file: the first of each is kept */
      for (guint j = 0; j < set->scenarios->len && !used; j++)
        used = g_str_equal (((VigieScenario *) set->scenarios->pdata[j])->id, s->id);
      if (!used)
        g_ptr_array_add (set->scenarios, vigie_scenario_ref (s));
    }
  if (!vigie_scenario_set_write (set, path, &error))
    vigie_show_error_dialog (GTK_WINDOW (tw->window), _("Cannot Export the Scenarios"), error);
}

static void
choose_file (TrainingWindow *tw,
             gboolean        save)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (tw->chooser != NULL)
    return;
  tw->chooser = gtk_file_chooser_native_new (save ? _("Export the Scenarios")
                                                  : _("Import Scenarios"),
                                             GTK_WINDOW (tw->window),
                                             save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                  : GTK_FILE_CHOOSER_ACTION_OPEN,
                                             save ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Scenario files (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (tw->chooser), filter);
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (tw->chooser),
                                       _("training-scenarios.json"));
  g_signal_connect (tw->chooser, "response",
                    save ? G_CALLBACK (export_response_cb) : G_CALLBACK (import_response_cb), tw);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (tw->chooser));
}

static void
import_activate (GSimpleAction  *action,
                 GVariant       *parameter,
                 TrainingWindow *tw)
{
  choose_file (tw, FALSE);
}

static void
export_activate (GSimpleAction  *action,
                 GVariant       *parameter,
                 TrainingWindow *tw)
{
  choose_file (tw, TRUE);
}

static GtkWidget *
banner_new (void)
{
  GtkWidget *banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("applications-science-symbolic");
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (_("Training mode"));
  GtkWidget *subtitle = gtk_label_new (_("Invented comments, sandbox only: nothing done here "
                                         "reaches a real page."));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button, *menu_button;
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_widget_add_css_class (banner, "training-banner");
  gtk_accessible_update_property (GTK_ACCESSIBLE (banner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Training mode"), -1);
  gtk_box_append (GTK_BOX (banner), icon);
  gtk_widget_add_css_class (title, "training-banner-title");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (banner), labels);

  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  button = gtk_button_new_with_mnemonic (_("Start _Exercise"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.training-exercise");
  gtk_widget_set_tooltip_text (button, _("One comment at a time: choose the categories and the "
                                         "action, then compare with the reference"));
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Presenter"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.training-presenter");
  gtk_widget_set_tooltip_text (button, _("Full screen, large text, for a projector"));
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Reset…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.training-reset");
  gtk_widget_set_tooltip_text (button, _("Put the training workspace back as it was"));
  gtk_box_append (GTK_BOX (buttons), button);

  g_menu_append (menu, _("_Import Scenarios…"), "win.training-import");
  g_menu_append (menu, _("E_xport Scenarios…"), "win.training-export");
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("Scenario Files"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scenario files"), -1);
  gtk_box_append (GTK_BOX (buttons), menu_button);
  gtk_box_append (GTK_BOX (banner), buttons);
  return banner;
}

void
vigie_training_ui_set_up_window (VigieWindow            *window,
                                 VigieTrainingContext   *context,
                                 VigieTrainingResetFunc  reset,
                                 gpointer                user_data)
{
  TrainingWindow *tw;
  GtkWidget *content, *box;
  const GActionEntry entries[] = {
    { "training-exercise", (gpointer) exercise_activate },
    { "training-presenter", (gpointer) presenter_activate },
    { "training-reset", (gpointer) reset_activate },
    { "training-import", (gpointer) import_activate },
    { "training-export", (gpointer) export_activate },
  };

  g_return_if_fail (VIGIE_IS_WINDOW (window));
  g_return_if_fail (context != NULL);

  tw = g_new0 (TrainingWindow, 1);
  tw->window = window;
  tw->context = vigie_training_context_ref (context);
  tw->reset = reset;
  tw->reset_data = user_data;
  g_object_set_data_full (G_OBJECT (window), "vigie-training", tw,
                          (GDestroyNotify) training_window_free);
  g_action_map_add_action_entries (G_ACTION_MAP (window), entries, G_N_ELEMENTS (entries), tw);

  /* No accounts in a training workspace (the core refuses them too) */
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.show-accounts", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.sync", FALSE);

  /* The banner above everything, the window's content under it */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_object_ref (content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  tw->banner = banner_new ();
  gtk_box_append (GTK_BOX (box), tw->banner);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);
  g_object_unref (content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_widget_add_css_class (GTK_WIDGET (window), "training-workspace");
}

GtkWidget *
vigie_training_ui_get_banner (VigieWindow *window)
{
  TrainingWindow *tw = g_object_get_data (G_OBJECT (window), "vigie-training");

  return tw != NULL ? tw->banner : NULL;
}
