/* vigie-policy-dialog.c — the policy's categories and clauses, and a box
 * to test a sentence against them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-policy-dialog"

#include "config.h"

#include "vigie-policy-dialog.h"

#include "vigie-category-chip.h"

#include <glib/gi18n.h>

struct _VigiePolicyDialog
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesPage   *page;
  AdwEntryRow          *test_entry;
  GtkLabel             *result_label;
  GtkBox               *result_chips;
  GtkLabel             *result_details;

  /* Owned */
  VigieClassifier      *classifier;
  VigieClassification  *result;
};

G_DEFINE_FINAL_TYPE (VigiePolicyDialog, vigie_policy_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_result (VigiePolicyDialog *self,
             const char        *text)
{
  VigiePolicy *policy = vigie_classifier_get_policy (self->classifier);
  g_autoptr(GString) details = g_string_new (NULL);
  guint n;

  g_clear_pointer (&self->result, vigie_classification_unref);
  if (text == NULL || text[0] == '\0')
    {
      gtk_label_set_text (self->result_label, _("No sentence to test yet."));
      vigie_category_chip_fill_box (self->result_chips, policy, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->result_chips), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->result_details), FALSE);
      return;
    }

  self->result = vigie_classifier_classify (self->classifier, text, -1, NULL);
  n = vigie_category_chip_fill_box (self->result_chips, policy, self->result);
  gtk_widget_set_visible (GTK_WIDGET (self->result_chips), n > 0);
  if (n == 0)
    {
      gtk_label_set_text (self->result_label, _("No flag: this sentence breaks no clause."));
      gtk_widget_set_visible (GTK_WIDGET (self->result_details), FALSE);
      return;
    }

  {
    g_autofree char *summary = NULL;

    /* Translators: in "Test a sentence", then the recommended action */
    summary = g_strdup_printf (ngettext ("%u flag. Recommended action: %s",
                                         "%u flags. Recommended action: %s", n),
                               n, vigie_category_chip_action_label (self->result->action));
    gtk_label_set_text (self->result_label, summary);
  }
  for (guint i = 0; i < self->result->flags->len; i++)
    {
      const VigieFlag *flag = &g_array_index (self->result->flags, VigieFlag, i);

      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* Translators: one flag in "Test a sentence": category, clause,
       * rule, score */
      g_string_append_printf (details, _("%s — %s — %s (score %.2f)"),
                              vigie_category_chip_label (policy, flag->category),
                              flag->clause, flag->rule, flag->score);
    }
  gtk_label_set_text (self->result_details, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->result_details), TRUE);
}

static void
test_changed_cb (VigiePolicyDialog *self)
{
  show_result (self, gtk_editable_get_text (GTK_EDITABLE (self->test_entry)));
}

static void
add_categories (VigiePolicyDialog *self)
{
  VigiePolicy *policy = vigie_classifier_get_policy (self->classifier);
  const char *lang = vigie_policy_get_interface_language ();
  AdwPreferencesGroup *group;
  g_autofree char *title = NULL;

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  /* Translators: the heading of the categories, with the policy's name */
  title = g_strdup_printf (_("Categories of “%s”"), vigie_policy_get_name (policy, lang));
  adw_preferences_group_set_title (group, title);

  for (guint i = 0; i < vigie_policy_get_n_categories (policy); i++)
    {
      const VigieCategory *category = vigie_policy_get_category (policy, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *severity = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     vigie_category_get_label (category, lang));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                     vigie_category_get_description (category, lang));
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                   vigie_category_chip_new (policy, category->id));
      /* Translators: in the policy view, "Severity 4 of 5 · Hide" */
      severity = g_strdup_printf (_("Severity %d of 5 · %s"), category->severity,
                                  vigie_category_chip_action_label (category->action));
      {
        GtkWidget *label = gtk_label_new (severity);

        gtk_widget_add_css_class (label, "dim-label");
        gtk_widget_add_css_class (label, "caption");
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);
      }

      for (guint j = 0; j < category->n_clauses; j++)
        {
          const VigieClause *clause = &category->clauses[j];
          GtkWidget *clause_row = adw_action_row_new ();
          g_autofree char *source = NULL;
          g_autofree char *quoted = NULL;

          source = g_strdup_printf ("%s — %s, %s", clause->ref, clause->document,
                                    clause->section);
          quoted = g_strdup_printf (_("“%s”"), clause->text);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (clause_row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (clause_row), source);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (clause_row), quoted);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), clause_row);
        }
      adw_preferences_group_add (group, row);
    }
  adw_preferences_page_add (self->page, group);
}

static void
vigie_policy_dialog_dispose (GObject *object)
{
  VigiePolicyDialog *self = VIGIE_POLICY_DIALOG (object);

  g_clear_object (&self->classifier);
  g_clear_pointer (&self->result, vigie_classification_unref);

  G_OBJECT_CLASS (vigie_policy_dialog_parent_class)->dispose (object);
}

static void
vigie_policy_dialog_class_init (VigiePolicyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_policy_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-policy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VigiePolicyDialog, page);
  gtk_widget_class_bind_template_child (widget_class, VigiePolicyDialog, test_entry);
  gtk_widget_class_bind_template_child (widget_class, VigiePolicyDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, VigiePolicyDialog, result_chips);
  gtk_widget_class_bind_template_child (widget_class, VigiePolicyDialog, result_details);
  gtk_widget_class_bind_template_callback (widget_class, test_changed_cb);
}

static void
vigie_policy_dialog_init (VigiePolicyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_policy_dialog_new (VigieClassifier *classifier)
{
  VigiePolicyDialog *self;

  g_return_val_if_fail (VIGIE_IS_CLASSIFIER (classifier), NULL);

  self = g_object_new (VIGIE_TYPE_POLICY_DIALOG, "modal", FALSE, NULL);
  self->classifier = g_object_ref (classifier);
  add_categories (self);
  return GTK_WIDGET (self);
}

void
vigie_policy_dialog_test (VigiePolicyDialog *self,
                          const char        *text)
{
  g_return_if_fail (VIGIE_IS_POLICY_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->test_entry), text);
}

VigieClassification *
vigie_policy_dialog_get_result (VigiePolicyDialog *self)
{
  g_return_val_if_fail (VIGIE_IS_POLICY_DIALOG (self), NULL);

  return self->result;
}
