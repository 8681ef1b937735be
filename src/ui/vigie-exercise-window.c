/* vigie-exercise-window.c — a training exercise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-exercise-window"

#include "config.h"

#include "vigie-exercise-window.h"

#include "vigie-category-chip.h"
#include "vigie-comment-detail.h"
#include "vigie-decision-editor.h"
#include "vigie-format.h"
#include "vigie-presenter-window.h"

#include <glib/gi18n.h>

struct _VigieExerciseWindow
{
  AdwWindow             parent_instance;

  VigieExercise        *exercise;
  VigiePolicy          *policy;
  VigieTemplates       *templates;
  VigieClassifier      *classifier;
  char                 *summary;
  guint                 n_flag_cards;
  GtkFileChooserNative *chooser;
  GtkWidget            *presenter;        /* weak */

  AdwWindowTitle       *title;
  GtkStack             *stack;
  GtkScrolledWindow    *item_scroll;
  GtkLabel             *where_label;
  GtkLabel             *post_label;
  GtkLabel             *context_label;
  GtkLabel             *author_label;
  GtkLabel             *text_label;
  GtkWidget            *answer_box;
  VigieDecisionEditor  *editor;
  GtkButton            *check_button;
  GtkWidget            *result_box;
  GtkLabel             *verdict_label;
  GtkLabel             *your_answer_label;
  GtkBox               *reference_chips;
  GtkLabel             *reference_label;
  GtkLabel             *clause_label;
  GtkLabel             *clause_source_label;
  GtkLabel             *explanation_label;
  GtkBox               *flags_box;
  GtkButton            *next_button;

  GtkLabel             *summary_label;
  GtkBox               *score_box;
};

G_DEFINE_FINAL_TYPE (VigieExerciseWindow, vigie_exercise_window, ADW_TYPE_WINDOW)

static const char *
lang (void)
{
  return vigie_policy_get_interface_language ();
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = vigie_wrapped_label_new (text, "heading");

  gtk_widget_set_margin_top (label, 6);
  return label;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* The answer being given */

static void
update_check (VigieExerciseWindow *self)
{
  guint position = vigie_exercise_get_position (self->exercise);
  gboolean answered = vigie_exercise_is_answered (self->exercise, position);

  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button),
                            !answered && vigie_decision_editor_is_complete (self->editor));
}

static void
answer_changed_cb (VigieExerciseWindow *self)
{
  update_check (self);
}

/* One item */

static void
show_item (VigieExerciseWindow *self)
{
  VigieScenario *s = vigie_exercise_get_current (self->exercise);
  guint position = vigie_exercise_get_position (self->exercise);
  g_autofree char *subtitle = NULL;
  g_autofree char *where = NULL;
  const char *context;

  if (s == NULL)
    return;

  /* Translators: the exercise's progress, "Comment 2 of 3" */
  subtitle = g_strdup_printf (_("Comment %u of %u"), position + 1,
                              vigie_exercise_get_n_items (self->exercise));
  adw_window_title_set_subtitle (self->title, subtitle);

  where = g_strdup_printf (_("%s · %s"), vigie_platform_get_display_name (s->platform), s->page);
  gtk_label_set_text (self->where_label, where);
  gtk_label_set_text (self->post_label, s->post ? s->post : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->post_label)), s->post != NULL);
  context = vigie_scenario_get_context (s, lang ());
  gtk_label_set_text (self->context_label, context ? context : "");
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), context != NULL);
  gtk_label_set_text (self->author_label, s->author);
  /* Without Vigie's flags until the answer is given */
  gtk_label_set_text (self->text_label, s->text);
  gtk_label_set_attributes (self->text_label, NULL);

  vigie_decision_editor_reset (self->editor);
  gtk_widget_set_visible (self->answer_box, TRUE);
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), FALSE);
  update_check (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->item_scroll), 0);
  gtk_stack_set_visible_child_name (self->stack, "item");
}

static char *
describe_decision (VigieExerciseWindow         *self,
                   const VigieTrainingDecision *decision)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; decision->categories[i] != NULL; i++)
    {
      if (out->len > 0)
        g_string_append (out, _(", "));
      g_string_append (out, vigie_category_chip_label (self->policy, decision->categories[i]));
    }
  if (out->len == 0)
    g_string_append (out, _("No category of the policy"));
  g_string_append (out, " → ");
  g_string_append (out, vigie_training_action_get_label (decision->action));
  if (decision->template_id != NULL)
    {
      const VigieTemplate *template = vigie_templates_lookup (self->templates,
                                                              decision->template_id);

      g_string_append_printf (out, " (“%s”)",
                              template ? vigie_template_get_title (template, lang ())
                                       : decision->template_id);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_mistakes (VigieMistakeKind kinds)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (kinds & VIGIE_MISTAKE_MISSED_CATEGORY)
    g_ptr_array_add (parts, _("a category was missed"));
  if (kinds & VIGIE_MISTAKE_EXTRA_CATEGORY)
    g_ptr_array_add (parts, _("a category does not apply"));
  if (kinds & VIGIE_MISTAKE_ACTION)
    g_ptr_array_add (parts, _("another action was expected"));
  if (kinds & VIGIE_MISTAKE_TEMPLATE)
    g_ptr_array_add (parts, _("another template was expected"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
show_result (VigieExerciseWindow *self)
{
  guint position = vigie_exercise_get_position (self->exercise);
  VigieScenario *s = vigie_exercise_get_current (self->exercise);
  const VigieTrainingDecision *answer = vigie_exercise_get_answer (self->exercise, position);
  VigieMistakeKind kinds = vigie_training_compare (&s->reference, answer);
  const VigieClause *clause = vigie_scenario_lookup_clause (s, self->policy);
  g_autofree char *answered = describe_decision (self, answer);
  g_autofree char *yours = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *verdict = NULL;
  g_autoptr(VigieClassification) classification = NULL;
  PangoAttrList *attrs;
  gboolean last = position + 1 >= vigie_exercise_get_n_items (self->exercise);

  if (kinds == VIGIE_MISTAKE_NONE)
    verdict = g_strdup (_("Correct: this is the reference decision"));
  else
    {
      g_autofree char *what = describe_mistakes (kinds);
      /* Translators: %s says what was wrong */
      verdict = g_strdup_printf (_("Not quite: %s"), what);
    }
  gtk_label_set_text (self->verdict_label, verdict);
  /* Translators: the trainee's answer, "Insult → Hide" */
  yours = g_strdup_printf (_("Your answer: %s"), answered);
  gtk_label_set_text (self->your_answer_label, yours);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label),
                            kinds == VIGIE_MISTAKE_NONE ? "success" : "warning");

  clear_box (self->reference_chips);
  for (guint i = 0; s->reference.categories[i] != NULL; i++)
    gtk_box_append (self->reference_chips,
                    vigie_category_chip_new (self->policy, s->reference.categories[i]));
  if (s->reference.categories[0] == NULL)
    gtk_box_append (self->reference_chips, vigie_wrapped_label_new (_("No category of the policy"), NULL));
  if (s->reference.template_id != NULL)
    {
      const VigieTemplate *template = vigie_templates_lookup (self->templates,
                                                              s->reference.template_id);

      /* Translators: the reference action, then the reply template's title */
      reference = g_strdup_printf (_("Action: %s, with the template “%s”"),
                                   vigie_training_action_get_label (s->reference.action),
                                   template ? vigie_template_get_title (template, lang ())
                                            : s->reference.template_id);
    }
  else
    /* Translators: the reference action */
    reference = g_strdup_printf (_("Action: %s"),
                                 vigie_training_action_get_label (s->reference.action));
  gtk_label_set_text (self->reference_label, reference);

  if (clause != NULL)
    {
      g_autofree char *quoted = g_strdup_printf (_("%s: “%s”"), clause->ref, clause->text);
      g_autofree char *source = g_strdup_printf (_("— %s, %s"), clause->document, clause->section);

      gtk_label_set_text (self->clause_label, quoted);
      gtk_label_set_text (self->clause_source_label, source);
    }
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->clause_label)), clause != NULL);
  gtk_label_set_text (self->explanation_label, vigie_scenario_get_explanation (s, lang ()));

  /* Vigie's own flags, now: spans in the text and the cards */
  clear_box (self->flags_box);
  self->n_flag_cards = 0;
  if (self->classifier != NULL)
    {
      VigieClassifyContext context = { s->post, FALSE };

      classification = vigie_classifier_classify (self->classifier, s->text, -1, &context);
    }
  attrs = vigie_highlight_spans_new (classification, s->text);
  gtk_label_set_attributes (self->text_label, attrs);
  if (attrs != NULL)
    pango_attr_list_unref (attrs);
  if (classification != NULL && classification->flags->len > 0)
    {
      for (guint i = 0; i < classification->flags->len; i++)
        {
          gtk_box_append (self->flags_box,
                          vigie_flag_card_new (self->policy,
                                               &g_array_index (classification->flags,
                                                               VigieFlag, i), s->text));
          self->n_flag_cards++;
        }
    }
  else
    gtk_box_append (self->flags_box,
                    vigie_wrapped_label_new (self->classifier ? _("Vigie raised no flag on this comment.")
                                                 : _("Vigie’s flags are not available."),
                                "dim-label"));

  /* The answer shows in one line: the reference comes right under the
   * comment */
  gtk_widget_set_visible (self->answer_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), FALSE);
  gtk_button_set_label (self->next_button, last ? _("See the _Score") : _("_Next Comment"));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), TRUE);
  gtk_widget_set_visible (self->result_box, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

/* The score */

static char *
format_percent (double value)
{
  if (value < 0)
    return g_strdup ("—");
  return g_strdup_printf (_("%.0f%%"), value * 100);
}

static GtkWidget *
score_row (const char *title,
           const char *subtitle,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      label = gtk_label_new (value);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
show_score (VigieExerciseWindow *self)
{
  g_autoptr(VigieTrainingScore) score = vigie_exercise_compute_score (self->exercise);
  GtkWidget *group;

  g_free (self->summary);
  /* Translators: the score at the end of an exercise */
  self->summary = g_strdup_printf (_("%u of %u correct"), score->n_correct, score->n_items);
  gtk_label_set_text (self->summary_label, self->summary);
  adw_window_title_set_subtitle (self->title, _("Score"));
  clear_box (self->score_box);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("By Category"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _("Precision: of the comments where you chose the category, the share that have it. "
      "Recall: of the comments that have it, the share you found."));
  for (guint i = 0; i < score->categories->len; i++)
    {
      VigieCategoryScore *row = g_ptr_array_index (score->categories, i);
      g_autofree char *precision = format_percent (row->precision);
      g_autofree char *recall = format_percent (row->recall);
      /* Translators: a category's score: precision, recall */
      g_autofree char *value = g_strdup_printf (_("precision %s, recall %s"), precision, recall);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 score_row (vigie_category_chip_label (self->policy,
                                                                       row->category),
                                            NULL, value));
    }
  gtk_box_append (self->score_box, group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("By Action"));
  for (guint i = 0; i < score->actions->len; i++)
    {
      VigieActionScore *row = g_ptr_array_index (score->actions, i);
      /* Translators: an action's score, "2 of 3" */
      g_autofree char *value = g_strdup_printf (_("%u of %u"), row->n_correct, row->n_items);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 score_row (vigie_training_action_get_label (row->action),
                                            NULL, value));
    }
  gtk_box_append (self->score_box, group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("To Review"));
  if (score->mistakes->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("No mistake: every answer is the reference."));
  for (guint i = 0; i < score->mistakes->len; i++)
    {
      VigieTrainingMistake *m = g_ptr_array_index (score->mistakes, i);
      g_autofree char *expected = describe_decision (self, &m->scenario->reference);
      g_autofree char *answered = describe_decision (self, &m->answer);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      /* Translators: a mistake to review: the reference, then the answer */
      subtitle = g_strdup_printf (_("Reference: %s\nYour answer: %s"), expected, answered);
      title = g_strdup_printf (_("%u. %s"), m->index + 1, m->scenario->text);
      row = score_row (title, subtitle, NULL);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->score_box, group);

  gtk_stack_set_visible_child_name (self->stack, "score");
}

/* Buttons */

gboolean
vigie_exercise_window_check (VigieExerciseWindow *self)
{
  g_auto(VigieTrainingDecision) answer = { 0 };

  g_return_val_if_fail (VIGIE_IS_EXERCISE_WINDOW (self), FALSE);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->check_button)) ||
      !vigie_decision_editor_get_decision (self->editor, &answer))
    return FALSE;
  if (!vigie_exercise_answer (self->exercise, &answer))
    return FALSE;
  show_result (self);
  return TRUE;
}

gboolean
vigie_exercise_window_next (VigieExerciseWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_EXERCISE_WINDOW (self), FALSE);

  if (!vigie_exercise_next (self->exercise))
    return FALSE;
  if (vigie_exercise_is_finished (self->exercise))
    show_score (self);
  else
    show_item (self);
  return TRUE;
}

static void
check_clicked_cb (VigieExerciseWindow *self)
{
  vigie_exercise_window_check (self);
}

static void
next_clicked_cb (VigieExerciseWindow *self)
{
  vigie_exercise_window_next (self);
}

static void
restart_clicked_cb (VigieExerciseWindow *self)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new ();

  for (guint i = 0; i < vigie_exercise_get_n_items (self->exercise); i++)
    g_ptr_array_add (scenarios, vigie_exercise_get_item (self->exercise, i));
  {
    VigieExercise *exercise = vigie_exercise_new (scenarios);

    vigie_exercise_free (self->exercise);
    self->exercise = exercise;
  }
  show_item (self);
}

static void
export_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    VigieExerciseWindow *self)
{
  g_autofree char *path = vigie_file_chooser_dup_path (chooser, response);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieTrainingScore) score = NULL;
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));
  gboolean ok;

  if (path == NULL)
    goto out;
  score = vigie_exercise_compute_score (self->exercise);
  if (pdf)
    ok = vigie_training_score_write_pdf (score, self->policy, lang (), NULL, path, &error);
  else
    ok = vigie_training_score_write_csv (score, self->exercise, self->policy, lang (), path,
                                         &error);
  if (!ok)
    vigie_show_error_dialog (GTK_WINDOW (self), _("Cannot Export the Results"), error);

out:
  g_clear_object (&self->chooser);
}

static void
export (VigieExerciseWindow *self,
        gboolean             pdf)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (pdf ? _("Export the Results as PDF")
                                                   : _("Export the Results as CSV"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV files"));
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     pdf ? _("training-results.pdf") : _("training-results.csv"));
  g_object_set_data (G_OBJECT (self->chooser), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_pdf_cb (VigieExerciseWindow *self)
{
  export (self, TRUE);
}

static void
export_csv_cb (VigieExerciseWindow *self)
{
  export (self, FALSE);
}

GtkWindow *
vigie_exercise_window_open_presenter (VigieExerciseWindow *self)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new ();
  guint position = vigie_exercise_get_position (self->exercise);

  if (self->presenter != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->presenter));
      return GTK_WINDOW (self->presenter);
    }
  for (guint i = 0; i < vigie_exercise_get_n_items (self->exercise); i++)
    g_ptr_array_add (scenarios, vigie_exercise_get_item (self->exercise, i));
  if (scenarios->len == 0)
    return NULL;
  self->presenter = GTK_WIDGET (vigie_presenter_window_new (scenarios, self->policy,
                                                            self->templates,
                                                            MIN (position, scenarios->len - 1)));
  g_object_add_weak_pointer (G_OBJECT (self->presenter), (gpointer *) &self->presenter);
  gtk_window_set_transient_for (GTK_WINDOW (self->presenter), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self->presenter), TRUE);
  gtk_window_fullscreen (GTK_WINDOW (self->presenter));
  gtk_window_present (GTK_WINDOW (self->presenter));
  return GTK_WINDOW (self->presenter);
}

static void
presenter_clicked_cb (VigieExerciseWindow *self)
{
  vigie_exercise_window_open_presenter (self);
}

/* Building */

static GtkWidget *
pill_button (const char *label,
             gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
build_item_page (VigieExerciseWindow *self)
{
  GtkWidget *box, *card, *clamp;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* The comment, as the delegate would see it, without flags */
  self->where_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "dim-label"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->where_label));
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "post-card");
  gtk_box_append (GTK_BOX (card), vigie_wrapped_label_new (_("Post"), "caption-heading"));
  self->post_label = GTK_LABEL (vigie_wrapped_label_new (NULL, NULL));
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->post_label));
  gtk_box_append (GTK_BOX (box), card);
  self->context_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "training-context"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->context_label));

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "exercise-comment");
  self->author_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "heading"));
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->author_label));
  self->text_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "comment-text"));
  gtk_label_set_selectable (self->text_label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("The comment"), -1);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->text_label));
  gtk_box_append (GTK_BOX (box), card);

  /* The answer */
  self->answer_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->editor = VIGIE_DECISION_EDITOR (
    vigie_decision_editor_new (self->policy, self->templates,
                               _("Which categories of the policy apply?"),
                               _("What do you do?")));
  g_signal_connect_swapped (self->editor, "changed", G_CALLBACK (answer_changed_cb), self);
  gtk_box_append (GTK_BOX (self->answer_box), GTK_WIDGET (self->editor));
  gtk_box_append (GTK_BOX (box), self->answer_box);

  self->check_button = GTK_BUTTON (pill_button (_("_Check Answer"), TRUE));
  gtk_widget_set_margin_top (GTK_WIDGET (self->check_button), 6);
  g_signal_connect_swapped (self->check_button, "clicked", G_CALLBACK (check_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->check_button));

  /* The reference, after the answer */
  self->result_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->verdict_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "title-4"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Verdict"), -1);
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->verdict_label));
  self->your_answer_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "dim-label"));
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->your_answer_label));
  gtk_box_append (GTK_BOX (self->result_box), heading (_("Reference decision")));
  self->reference_chips = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->reference_chips));
  self->reference_label = GTK_LABEL (vigie_wrapped_label_new (NULL, NULL));
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->reference_label));
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "flag-card");
  self->clause_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "flag-clause"));
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->clause_label));
  self->clause_source_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "caption"));
  gtk_widget_add_css_class (GTK_WIDGET (self->clause_source_label), "dim-label");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->clause_source_label));
  gtk_box_append (GTK_BOX (self->result_box), card);
  gtk_box_append (GTK_BOX (self->result_box), heading (_("Why")));
  self->explanation_label = GTK_LABEL (vigie_wrapped_label_new (NULL, "training-explanation"));
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->explanation_label));
  gtk_box_append (GTK_BOX (self->result_box), heading (_("What Vigie flagged")));
  self->flags_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->flags_box));
  gtk_box_append (GTK_BOX (box), self->result_box);

  self->next_button = GTK_BUTTON (pill_button (_("_Next Comment"), TRUE));
  gtk_widget_set_margin_top (GTK_WIDGET (self->next_button), 6);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->next_button));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->item_scroll = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->item_scroll, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->item_scroll, clamp);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->item_scroll), "item");
}

static void
build_score_page (VigieExerciseWindow *self)
{
  GtkWidget *box, *clamp, *scrolled, *buttons, *button;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Score"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary_label));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  button = pill_button (_("Export as _PDF…"), FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (export_pdf_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = pill_button (_("Export as CS_V…"), FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (export_csv_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = pill_button (_("_Start Again"), FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (restart_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);

  self->score_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->score_box));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "score");
}

static void
vigie_exercise_window_dispose (GObject *object)
{
  VigieExerciseWindow *self = VIGIE_EXERCISE_WINDOW (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->presenter != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->presenter), (gpointer *) &self->presenter);
      self->presenter = NULL;
    }

  G_OBJECT_CLASS (vigie_exercise_window_parent_class)->dispose (object);
}

static void
vigie_exercise_window_finalize (GObject *object)
{
  VigieExerciseWindow *self = VIGIE_EXERCISE_WINDOW (object);

  g_clear_pointer (&self->exercise, vigie_exercise_free);
  g_clear_object (&self->policy);
  g_clear_object (&self->templates);
  g_clear_object (&self->classifier);
  g_free (self->summary);

  G_OBJECT_CLASS (vigie_exercise_window_parent_class)->finalize (object);
}

static void
vigie_exercise_window_class_init (VigieExerciseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_exercise_window_dispose;
  object_class->finalize = vigie_exercise_window_finalize;
}

static void
vigie_exercise_window_init (VigieExerciseWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Training Exercise"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 860);
}

VigieExerciseWindow *
vigie_exercise_window_new (GPtrArray       *scenarios,
                           VigiePolicy     *policy,
                           VigieTemplates  *templates,
                           VigieClassifier *classifier)
{
  VigieExerciseWindow *self = g_object_new (VIGIE_TYPE_EXERCISE_WINDOW, NULL);
  GtkWidget *box, *header, *button;

  g_return_val_if_fail (VIGIE_IS_POLICY (policy), NULL);
  g_return_val_if_fail (VIGIE_IS_TEMPLATES (templates), NULL);

  self->exercise = vigie_exercise_new (scenarios);
  self->policy = g_object_ref (policy);
  self->templates = g_object_ref (templates);
  self->classifier = classifier ? g_object_ref (classifier) : NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Training Exercise"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  button = gtk_button_new_from_icon_name ("video-display-symbolic");
  gtk_widget_set_tooltip_text (button, _("Presenter Mode: large text for a projector"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Presenter mode"), -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (presenter_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);

  /* The training mode shows here too */
  {
    GtkWidget *banner = gtk_label_new (_("Training mode — nothing here reaches a real page"));

    gtk_widget_add_css_class (banner, "training-banner");
    gtk_box_append (GTK_BOX (box), banner);
  }

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);

  build_item_page (self);
  build_score_page (self);
  if (vigie_exercise_get_n_items (self->exercise) > 0)
    show_item (self);
  else
    show_score (self);
  return self;
}

VigieExercise *
vigie_exercise_window_get_exercise (VigieExerciseWindow *self)
{
  return self->exercise;
}

const char *
vigie_exercise_window_get_page (VigieExerciseWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

void
vigie_exercise_window_choose (VigieExerciseWindow *self,
                              const char * const  *categories,
                              const char          *action,
                              const char          *template_id)
{
  g_return_if_fail (VIGIE_IS_EXERCISE_WINDOW (self));

  vigie_decision_editor_set_decision (self->editor, categories, action, template_id);
}

const char *
vigie_exercise_window_get_summary (VigieExerciseWindow *self)
{
  return self->summary;
}

GtkLabel *
vigie_exercise_window_get_text_label (VigieExerciseWindow *self)
{
  return self->text_label;
}

guint
vigie_exercise_window_get_n_flag_cards (VigieExerciseWindow *self)
{
  return self->n_flag_cards;
}
