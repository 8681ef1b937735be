/* vigie-decision-editor.c — a training decision to choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-decision-editor"

#include "config.h"

#include "vigie-decision-editor.h"

#include "vigie-category-chip.h"
#include "vigie-format.h"

#include <glib/gi18n.h>

struct _VigieDecisionEditor
{
  GtkWidget       parent_instance;

  VigiePolicy    *policy;
  VigieTemplates *templates;
  GtkWidget      *box;
  GPtrArray      *category_buttons;  /* GtkToggleButton, data "category" */
  GPtrArray      *action_buttons;    /* GtkToggleButton, grouped, data "action" */
  GPtrArray      *template_ids;      /* those offered, in the drop-down's order */
  GtkWidget      *template_row;
  GtkDropDown    *template_dropdown;
  gboolean        setting;           /* in set_decision: one "changed" at the end */
};

G_DEFINE_FINAL_TYPE (VigieDecisionEditor, vigie_decision_editor, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static GtkWidget *
choice_flow (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  return flow;
}

/* Once laid out, the template row that just appeared is scrolled into
 * sight, when the editor is in a scrolled window (the dialogs) */
static gboolean
show_template_row (gpointer data)
{
  g_autoptr(VigieDecisionEditor) self = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (self->template_row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t bottom;

  if (scrolled == NULL || !gtk_widget_get_visible (self->template_row) ||
      !gtk_widget_compute_point (self->template_row, scrolled,
                                 &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (self->template_row)),
                                 &bottom))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (bottom.y > gtk_adjustment_get_page_size (adjustment))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bottom.y -
                                          gtk_adjustment_get_page_size (adjustment) + 12);
  return G_SOURCE_REMOVE;
}

static void
choice_changed_cb (VigieDecisionEditor *self)
{
  gboolean reply = g_strcmp0 (vigie_decision_editor_get_action (self), "reply") == 0;
  gboolean appears = reply && !gtk_widget_get_visible (self->template_row);

  gtk_widget_set_visible (self->template_row, reply);
  if (!self->setting)
    {
      if (appears)
        g_timeout_add (100, show_template_row, g_object_ref (self));
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static GtkWidget *
category_group (VigieDecisionEditor *self,
                gboolean             triage,
                const char          *title)
{
  GtkWidget *flow = choice_flow ();

  for (guint i = 0; i < vigie_policy_get_n_categories (self->policy); i++)
    {
      const VigieCategory *category = vigie_policy_get_category (self->policy, i);
      GtkWidget *button;

      if (category->triage != triage)
        continue;
      /* Toggle buttons: they can be pressed through the accessibility bus */
      button = gtk_toggle_button_new_with_label (vigie_category_get_label (category, lang ()));
      gtk_widget_add_css_class (button, "exercise-choice");
      gtk_widget_set_tooltip_text (button, vigie_category_get_description (category, lang ()));
      g_object_set_data_full (G_OBJECT (button), "category", g_strdup (category->id), g_free);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (choice_changed_cb), self);
      g_ptr_array_add (self->category_buttons, button);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (self->box), vigie_wrapped_label_new (title, "caption-heading"));
  gtk_box_append (GTK_BOX (self->box), flow);
  return flow;
}

static void
build (VigieDecisionEditor *self,
       const char          *categories_heading,
       const char          *action_heading)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkWidget *flow, *label, *group = NULL;

  gtk_box_append (GTK_BOX (self->box), heading (categories_heading));
  category_group (self, FALSE, _("Litigious content"));
  category_group (self, TRUE, _("Triage signals"));

  gtk_box_append (GTK_BOX (self->box), heading (action_heading));
  flow = choice_flow ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Action"), -1);
  for (guint i = 0; vigie_training_actions[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (
        vigie_training_action_get_label (vigie_training_actions[i]));

      gtk_widget_add_css_class (button, "exercise-choice");
      g_object_set_data (G_OBJECT (button), "action", (gpointer) vigie_training_actions[i]);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      else
        group = button;
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (choice_changed_cb), self);
      g_ptr_array_add (self->action_buttons, button);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
    }
  gtk_box_append (GTK_BOX (self->box), flow);

  for (guint i = 0; i < vigie_templates_get_n_templates (self->templates); i++)
    {
      const VigieTemplate *template = vigie_templates_get_template (self->templates, i);

      if (!vigie_template_supports_kind (template, VIGIE_ACTION_REPLY))
        continue;
      g_ptr_array_add (self->template_ids, g_strdup (vigie_template_get_id (template)));
      gtk_string_list_append (titles, vigie_template_get_title (template, lang ()));
    }
  self->template_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("Reply template"));
  gtk_box_append (GTK_BOX (self->template_row), label);
  self->template_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (titles)),
                                                              NULL));
  gtk_drop_down_set_selected (self->template_dropdown, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_hexpand (GTK_WIDGET (self->template_dropdown), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->template_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reply template"), -1);
  g_signal_connect_swapped (self->template_dropdown, "notify::selected",
                            G_CALLBACK (choice_changed_cb), self);
  gtk_box_append (GTK_BOX (self->template_row), GTK_WIDGET (self->template_dropdown));
  gtk_widget_set_visible (self->template_row, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->template_row);
}

GtkWidget *
vigie_decision_editor_new (VigiePolicy    *policy,
                           VigieTemplates *templates,
                           const char     *categories_heading,
                           const char     *action_heading)
{
  VigieDecisionEditor *self;

  g_return_val_if_fail (VIGIE_IS_POLICY (policy), NULL);
  g_return_val_if_fail (VIGIE_IS_TEMPLATES (templates), NULL);

  self = g_object_new (VIGIE_TYPE_DECISION_EDITOR, NULL);
  self->policy = g_object_ref (policy);
  self->templates = g_object_ref (templates);
  build (self, categories_heading, action_heading);
  return GTK_WIDGET (self);
}

void
vigie_decision_editor_set_decision (VigieDecisionEditor *self,
                                    const char * const  *categories,
                                    const char          *action,
                                    const char          *template_id)
{
  guint selected = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (VIGIE_IS_DECISION_EDITOR (self));

  self->setting = TRUE;
  for (guint i = 0; i < self->category_buttons->len; i++)
    {
      const char *id = g_object_get_data (self->category_buttons->pdata[i], "category");

      gtk_toggle_button_set_active (self->category_buttons->pdata[i],
                                    categories != NULL && g_strv_contains (categories, id));
    }
  for (guint i = 0; i < self->action_buttons->len; i++)
    {
      GtkToggleButton *button = self->action_buttons->pdata[i];

      /* The new one first: the group always keeps one pressed */
      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "action"), action) == 0)
        gtk_toggle_button_set_active (button, TRUE);
    }
  if (action == NULL)
    for (guint i = 0; i < self->action_buttons->len; i++)
      gtk_toggle_button_set_active (self->action_buttons->pdata[i], FALSE);
  for (guint i = 0; template_id != NULL && i < self->template_ids->len; i++)
    if (g_str_equal (self->template_ids->pdata[i], template_id))
      selected = i;
  gtk_drop_down_set_selected (self->template_dropdown, selected);
  self->setting = FALSE;
  choice_changed_cb (self);
}

void
vigie_decision_editor_reset (VigieDecisionEditor *self)
{
  vigie_decision_editor_set_decision (self, NULL, NULL, NULL);
}

const char *
vigie_decision_editor_get_action (VigieDecisionEditor *self)
{
  g_return_val_if_fail (VIGIE_IS_DECISION_EDITOR (self), NULL);

  for (guint i = 0; i < self->action_buttons->len; i++)
    if (gtk_toggle_button_get_active (self->action_buttons->pdata[i]))
      return g_object_get_data (self->action_buttons->pdata[i], "action");
  return NULL;
}

const char *
vigie_decision_editor_get_template (VigieDecisionEditor *self)
{
  guint selected;

  g_return_val_if_fail (VIGIE_IS_DECISION_EDITOR (self), NULL);

  if (g_strcmp0 (vigie_decision_editor_get_action (self), "reply") != 0)
    return NULL;
  selected = gtk_drop_down_get_selected (self->template_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->template_ids->len)
    return NULL;
  return g_ptr_array_index (self->template_ids, selected);
}

char **
vigie_decision_editor_dup_categories (VigieDecisionEditor *self)
{
  GPtrArray *categories = g_ptr_array_new ();

  g_return_val_if_fail (VIGIE_IS_DECISION_EDITOR (self), NULL);

  /* The buttons come in the policy's order */
  for (guint i = 0; i < self->category_buttons->len; i++)
    if (gtk_toggle_button_get_active (self->category_buttons->pdata[i]))
      g_ptr_array_add (categories,
                       g_strdup (g_object_get_data (self->category_buttons->pdata[i],
                                                    "category")));
  g_ptr_array_add (categories, NULL);
  return (char **) g_ptr_array_free (categories, FALSE);
}

gboolean
vigie_decision_editor_is_complete (VigieDecisionEditor *self)
{
  const char *action = vigie_decision_editor_get_action (self);

  return action != NULL &&
         (!g_str_equal (action, "reply") || vigie_decision_editor_get_template (self) != NULL);
}

gboolean
vigie_decision_editor_get_decision (VigieDecisionEditor   *self,
                                    VigieTrainingDecision *decision)
{
  g_auto(GStrv) categories = NULL;

  g_return_val_if_fail (VIGIE_IS_DECISION_EDITOR (self), FALSE);

  if (!vigie_decision_editor_is_complete (self))
    return FALSE;
  categories = vigie_decision_editor_dup_categories (self);
  vigie_training_decision_set (decision, (const char * const *) categories,
                               vigie_decision_editor_get_action (self),
                               vigie_decision_editor_get_template (self));
  return TRUE;
}

static void
vigie_decision_editor_dispose (GObject *object)
{
  VigieDecisionEditor *self = VIGIE_DECISION_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (vigie_decision_editor_parent_class)->dispose (object);
}

static void
vigie_decision_editor_finalize (GObject *object)
{
  VigieDecisionEditor *self = VIGIE_DECISION_EDITOR (object);

  g_clear_object (&self->policy);
  g_clear_object (&self->templates);
  g_clear_pointer (&self->category_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->action_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->template_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (vigie_decision_editor_parent_class)->finalize (object);
}

static void
vigie_decision_editor_class_init (VigieDecisionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_decision_editor_dispose;
  object_class->finalize = vigie_decision_editor_finalize;

  /* Any choice changed */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_decision_editor_init (VigieDecisionEditor *self)
{
  self->category_buttons = g_ptr_array_new ();
  self->action_buttons = g_ptr_array_new ();
  self->template_ids = g_ptr_array_new_with_free_func (g_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}
