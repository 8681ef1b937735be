/* vigie-presenter-window.c — scenarios on a projector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-presenter-window"

#include "config.h"

#include "vigie-presenter-window.h"

#include "vigie-category-chip.h"
#include "vigie-format.h"

#include <glib/gi18n.h>

struct _VigiePresenterWindow
{
  AdwWindow        parent_instance;

  GPtrArray       *scenarios;
  VigiePolicy     *policy;
  VigieTemplates  *templates;
  guint            position;
  gboolean         revealed;

  GtkLabel        *counter_label;
  GtkLabel        *where_label;
  GtkLabel        *post_label;
  GtkLabel        *context_label;
  GtkLabel        *author_label;
  GtkLabel        *text_label;
  GtkWidget       *answer_box;
  GtkLabel        *decision_label;
  GtkLabel        *clause_label;
  GtkLabel        *explanation_label;
  GtkLabel        *hint_label;
};

G_DEFINE_FINAL_TYPE (VigiePresenterWindow, vigie_presenter_window, ADW_TYPE_WINDOW)

static char *
describe_reference (VigiePresenterWindow *self,
                    VigieScenario        *s)
{
  const char *lang = vigie_policy_get_interface_language ();
  g_autoptr(GString) categories = g_string_new (NULL);
  const VigieTemplate *template = NULL;

  for (guint i = 0; s->reference.categories[i] != NULL; i++)
    {
      if (categories->len > 0)
        g_string_append (categories, _(", "));
      g_string_append (categories, vigie_category_chip_label (self->policy,
                                                              s->reference.categories[i]));
    }
  if (categories->len == 0)
    g_string_append (categories, _("No category of the policy"));
  if (s->reference.template_id != NULL && self->templates != NULL)
    template = vigie_templates_lookup (self->templates, s->reference.template_id);
  if (template != NULL)
    /* Translators: the reference decision: categories → action (template) */
    return g_strdup_printf (_("%s → %s (“%s”)"), categories->str,
                            vigie_training_action_get_label (s->reference.action),
                            vigie_template_get_title (template, lang));
  /* Translators: the reference decision: categories → action */
  return g_strdup_printf (_("%s → %s"), categories->str,
                          vigie_training_action_get_label (s->reference.action));
}

static void
show (VigiePresenterWindow *self)
{
  VigieScenario *s;
  const char *lang = vigie_policy_get_interface_language ();
  const char *context;
  const VigieClause *clause;
  g_autofree char *counter = NULL;
  g_autofree char *where = NULL;
  g_autofree char *decision = NULL;

  if (self->scenarios->len == 0)
    return;
  s = g_ptr_array_index (self->scenarios, self->position);

  /* Translators: in presenter mode, "Comment 3 of 37" */
  counter = g_strdup_printf (_("Comment %u of %u"), self->position + 1, self->scenarios->len);
  gtk_label_set_text (self->counter_label, counter);
  /* Translators: the platform and page of a comment, "Facebook · CISSS…" */
  where = g_strdup_printf (_("%s · %s"), vigie_platform_get_display_name (s->platform), s->page);
  gtk_label_set_text (self->where_label, where);
  if (s->post != NULL)
    {
      /* Translators: in presenter mode, the post the comment answers */
      g_autofree char *post = g_strdup_printf (_("On the post: “%s”"), s->post);
      gtk_label_set_text (self->post_label, post);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->post_label), s->post != NULL);
  context = vigie_scenario_get_context (s, lang);
  gtk_label_set_text (self->context_label, context ? context : "");
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), context != NULL);
  gtk_label_set_text (self->author_label, s->author);
  gtk_label_set_text (self->text_label, s->text);

  decision = describe_reference (self, s);
  gtk_label_set_text (self->decision_label, decision);
  clause = vigie_scenario_lookup_clause (s, self->policy);
  if (clause != NULL)
    {
      /* Translators: a clause quoted in presenter mode: reference, then « text » */
      g_autofree char *quoted = g_strdup_printf (_("%s: “%s”"), clause->ref, clause->text);
      gtk_label_set_text (self->clause_label, quoted);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->clause_label), clause != NULL);
  gtk_label_set_text (self->explanation_label, vigie_scenario_get_explanation (s, lang));
  gtk_widget_set_visible (self->answer_box, self->revealed);
  /* Smaller once the answer is under it, so that both fit */
  if (self->revealed)
    gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "revealed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->text_label), "revealed");
  gtk_label_set_text (self->hint_label,
                      self->revealed
                        ? _("→ next comment · ← previous · Space hides the answer · Esc closes")
                        : _("Space shows the answer · → next comment · ← previous · Esc closes"));
}

void
vigie_presenter_window_move (VigiePresenterWindow *self,
                             int                   delta)
{
  int position = (int) self->position + delta;

  g_return_if_fail (VIGIE_IS_PRESENTER_WINDOW (self));

  if (position < 0 || position >= (int) self->scenarios->len)
    return;
  self->position = position;
  self->revealed = FALSE;
  show (self);
}

void
vigie_presenter_window_toggle (VigiePresenterWindow *self)
{
  g_return_if_fail (VIGIE_IS_PRESENTER_WINDOW (self));

  self->revealed = !self->revealed;
  show (self);
}

guint
vigie_presenter_window_get_position (VigiePresenterWindow *self)
{
  return self->position;
}

gboolean
vigie_presenter_window_get_revealed (VigiePresenterWindow *self)
{
  return self->revealed;
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vigie_presenter_window_move (VIGIE_PRESENTER_WINDOW (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  vigie_presenter_window_move (VIGIE_PRESENTER_WINDOW (widget), -1);
}

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  vigie_presenter_window_toggle (VIGIE_PRESENTER_WINDOW (widget));
}

/* In the capture phase: GtkWindow's own bindings for these keys (moving
 * the focus, activating it) would otherwise come first */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VigiePresenterWindow  *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      return gtk_widget_activate_action (GTK_WIDGET (self), "presenter.next", NULL);
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      return gtk_widget_activate_action (GTK_WIDGET (self), "presenter.previous", NULL);
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      return gtk_widget_activate_action (GTK_WIDGET (self), "presenter.toggle", NULL);
    default:
      return FALSE;
    }
}

static GtkLabel *
add_label (GtkWidget  *box,
           const char *css_class)
{
  GtkWidget *label = vigie_wrapped_label_new (NULL, css_class);

  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
vigie_presenter_window_finalize (GObject *object)
{
  VigiePresenterWindow *self = VIGIE_PRESENTER_WINDOW (object);

  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  g_clear_object (&self->policy);
  g_clear_object (&self->templates);

  G_OBJECT_CLASS (vigie_presenter_window_parent_class)->finalize (object);
}

static void
vigie_presenter_window_class_init (VigiePresenterWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vigie_presenter_window_finalize;

  gtk_widget_class_install_action (widget_class, "presenter.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "presenter.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "presenter.toggle", NULL, toggle_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_presenter_window_init (VigiePresenterWindow *self)
{
  GtkWidget *scrolled, *clamp, *box, *top;
  GtkEventController *keys;

  gtk_window_set_title (GTK_WINDOW (self), _("Presenter Mode"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
  gtk_widget_add_css_class (GTK_WIDGET (self), "presenter");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (box, 32);
  gtk_widget_set_margin_bottom (box, 32);
  gtk_widget_set_margin_start (box, 48);
  gtk_widget_set_margin_end (box, 48);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  self->counter_label = add_label (top, "presenter-counter");
  self->where_label = add_label (top, "presenter-where");
  gtk_widget_set_hexpand (GTK_WIDGET (self->where_label), TRUE);
  gtk_label_set_xalign (self->where_label, 1);
  gtk_box_append (GTK_BOX (box), top);

  self->post_label = add_label (box, "presenter-post");
  self->context_label = add_label (box, "presenter-context");
  self->author_label = add_label (box, "presenter-author");
  self->text_label = add_label (box, "presenter-comment");
  gtk_label_set_selectable (self->text_label, FALSE);

  self->answer_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  gtk_widget_add_css_class (self->answer_box, "presenter-answer");
  self->decision_label = add_label (self->answer_box, "presenter-decision");
  self->clause_label = add_label (self->answer_box, "presenter-clause");
  self->explanation_label = add_label (self->answer_box, "presenter-explanation");
  gtk_box_append (GTK_BOX (box), self->answer_box);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1400);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  {
    GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (outer), scrolled);
    self->hint_label = add_label (outer, "presenter-hint");
    gtk_label_set_xalign (self->hint_label, 0.5);
    adw_window_set_content (ADW_WINDOW (self), outer);
  }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

VigiePresenterWindow *
vigie_presenter_window_new (GPtrArray      *scenarios,
                            VigiePolicy    *policy,
                            VigieTemplates *templates,
                            guint           position)
{
  VigiePresenterWindow *self = g_object_new (VIGIE_TYPE_PRESENTER_WINDOW, NULL);

  self->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_scenario_unref);
  for (guint i = 0; i < scenarios->len; i++)
    g_ptr_array_add (self->scenarios, vigie_scenario_ref (scenarios->pdata[i]));
  self->policy = policy ? g_object_ref (policy) : NULL;
  self->templates = templates ? g_object_ref (templates) : NULL;
  self->position = MIN (position, scenarios->len > 0 ? scenarios->len - 1 : 0);
  show (self);
  return self;
}
