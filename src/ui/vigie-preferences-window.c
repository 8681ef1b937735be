/* vigie-preferences-window.c — who you are, the undo grace period, the style,
 * the classifier settings of the workspace and its reply templates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-preferences-window"

#include "config.h"

#include "vigie-preferences-window.h"

#include "vigie-category-chip.h"
#include "vigie-classifier.h"
#include "vigie-templates.h"

#include <glib/gi18n.h>

static const char *roles[] = { "delegate", "director", "trainer" };
static const char *schemes[] = { "default", "light", "dark" };

struct _VigiePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwComboRow          *role_row;
  GtkSpinButton        *grace_spin;
  GtkSpinButton        *sync_interval_spin;
  GtkSpinButton        *target_spin;
  GtkSwitch            *business_switch;
  GtkWidget            *day_start_row;
  GtkWidget            *day_end_row;
  GtkSpinButton        *day_start_spin;
  GtkSpinButton        *day_end_spin;
  AdwComboRow          *style_row;
  AdwPreferencesPage   *policy_page;
  AdwComboRow          *sensitivity_row;
  AdwEntryRow          *domains_row;
  AdwEntryRow          *allowed_terms_row;
  AdwPreferencesGroup  *terms_group;
  AdwPreferencesPage   *replies_page;
  AdwPreferencesGroup  *templates_group;
  AdwPreferencesGroup  *placeholders_group;

  /* Owned */
  GSettings            *settings;
  VigieStore           *store;
  VigiePolicy          *policy;
  GPtrArray            *term_rows;   /* AdwEntryRow*, one per category of the policy */
  VigieTemplates       *templates;
  GPtrArray            *editors;     /* TemplateEditor*, one per template */
  gboolean              filling;
};

enum {
  CLASSIFIER_SETTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigiePreferencesWindow, vigie_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static guint
index_of (const char **values,
          guint        n,
          const char  *value)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static void
name_changed_cb (VigiePreferencesWindow *self)
{
  g_settings_set_string (self->settings, "actor-name",
                         gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
}

static void
role_changed_cb (VigiePreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->role_row);

  if (i < G_N_ELEMENTS (roles))
    g_settings_set_string (self->settings, "actor-role", roles[i]);
}

static void
style_changed_cb (VigiePreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->style_row);

  if (i < G_N_ELEMENTS (schemes))
    g_settings_set_string (self->settings, "color-scheme", schemes[i]);
}

/* Classifier settings */

/* "a, b,, c " → a b c */
static void
split_list (const char *text,
            void      (*add) (VigieClassifierSettings *, const char *),
            VigieClassifierSettings *settings)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        add (settings, items[i]);
    }
}

static char *
join_list (const char * const *items)
{
  return items != NULL ? g_strjoinv (", ", (char **) items) : g_strdup ("");
}

static void
save_classifier_settings (VigiePreferencesWindow *self)
{
  g_autoptr(VigieClassifierSettings) settings = vigie_classifier_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint sensitivity = adw_combo_row_get_selected (self->sensitivity_row);

  if (self->filling || self->store == NULL)
    return;

  vigie_classifier_settings_set_sensitivity (settings,
                                             sensitivity == 0 ? VIGIE_SENSITIVITY_LOW
                                             : sensitivity == 2 ? VIGIE_SENSITIVITY_HIGH
                                             : VIGIE_SENSITIVITY_NORMAL);
  split_list (gtk_editable_get_text (GTK_EDITABLE (self->domains_row)),
              vigie_classifier_settings_allow_domain, settings);
  split_list (gtk_editable_get_text (GTK_EDITABLE (self->allowed_terms_row)),
              vigie_classifier_settings_allow_term, settings);
  for (guint i = 0; i < self->term_rows->len; i++)
    {
      GtkEditable *row = g_ptr_array_index (self->term_rows, i);
      const char *category = g_object_get_data (G_OBJECT (row), "vigie-category");
      g_auto(GStrv) terms = g_strsplit (gtk_editable_get_text (row), ",", -1);

      for (guint t = 0; terms[t] != NULL; t++)
        {
          g_strstrip (terms[t]);
          if (terms[t][0] != '\0')
            vigie_classifier_settings_add_term (settings, category, terms[t]);
        }
    }

  json = vigie_classifier_settings_to_json (settings);
  if (!vigie_store_set_setting (self->store, "classifier.settings", json, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason */
      text = g_strdup_printf (_("The settings were not saved: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
      return;
    }
  g_signal_emit (self, signals[CLASSIFIER_SETTINGS_CHANGED], 0);
}

static void
fill_classifier_settings (VigiePreferencesWindow *self)
{
  g_autofree char *json = vigie_store_get_setting (self->store, "classifier.settings");
  g_autoptr(VigieClassifierSettings) settings = NULL;
  g_autofree char *domains = NULL;
  g_autofree char *allowed = NULL;
  VigieSensitivity sensitivity;

  if (json != NULL && json[0] != '\0')
    settings = vigie_classifier_settings_new_from_json (json, NULL);
  if (settings == NULL)
    settings = vigie_classifier_settings_new ();

  self->filling = TRUE;
  sensitivity = vigie_classifier_settings_get_sensitivity (settings);
  adw_combo_row_set_selected (self->sensitivity_row,
                              sensitivity == VIGIE_SENSITIVITY_LOW ? 0
                              : sensitivity == VIGIE_SENSITIVITY_HIGH ? 2 : 1);
  domains = join_list (vigie_classifier_settings_get_allowed_domains (settings));
  allowed = join_list (vigie_classifier_settings_get_allowed_terms (settings));
  gtk_editable_set_text (GTK_EDITABLE (self->domains_row), domains);
  gtk_editable_set_text (GTK_EDITABLE (self->allowed_terms_row), allowed);

  for (guint i = 0; i < vigie_policy_get_n_categories (self->policy); i++)
    {
      const VigieCategory *category = vigie_policy_get_category (self->policy, i);
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *terms = join_list (vigie_classifier_settings_get_terms (settings,
                                                                             category->id));
      g_autofree char *name = g_strconcat ("terms-", category->id, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     vigie_category_chip_label (self->policy, category->id));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), terms);
      gtk_widget_set_name (row, name);
      g_object_set_data_full (G_OBJECT (row), "vigie-category", g_strdup (category->id), g_free);
      g_signal_connect_object (row, "apply", G_CALLBACK (save_classifier_settings), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->terms_group, row);
      g_ptr_array_add (self->term_rows, row);
    }
  self->filling = FALSE;
}

/* Reply templates */

static const char *template_langs[] = { "fr", "en" };

typedef struct
{
  VigiePreferencesWindow *self;     /* unowned */
  char                   *id;
  AdwExpanderRow         *row;
  GtkTextView            *views[G_N_ELEMENTS (template_langs)];
  GtkLabel               *error_label;
  GtkWidget              *reset_button;
} TemplateEditor;

static void
template_editor_free (TemplateEditor *editor)
{
  g_free (editor->id);
  g_free (editor);
}

static char *
view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
lang_name (const char *lang)
{
  return g_str_equal (lang, "en") ? _("English") : _("French");
}

static void
template_editor_set_error (TemplateEditor *editor,
                           const char     *message)
{
  gtk_label_set_text (editor->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (editor->error_label), message != NULL);
}

/* The texts in use, and whether there is anything to reset */
static void
template_editor_update (TemplateEditor *editor,
                        gboolean        texts)
{
  const VigieTemplate *template = vigie_templates_lookup (editor->self->templates, editor->id);
  gboolean overridden = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (template_langs); i++)
    {
      if (texts)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor->views[i]),
                                  vigie_template_get_text (template, template_langs[i]), -1);
      overridden |= vigie_template_is_overridden (template, template_langs[i]);
    }
  gtk_widget_set_sensitive (editor->reset_button, overridden);
  adw_expander_row_set_subtitle (editor->row, overridden ? _("Edited in this workspace") : "");
}

static void
template_save_cb (TemplateEditor *editor)
{
  VigiePreferencesWindow *self = editor->self;
  const VigieTemplate *template;
  g_autofree char *texts[G_N_ELEMENTS (template_langs)] = { NULL, };
  g_autoptr(GError) error = NULL;

  if (self->templates == NULL)
    return;
  template = vigie_templates_lookup (self->templates, editor->id);

  /* Both languages are checked before either is saved */
  for (guint i = 0; i < G_N_ELEMENTS (template_langs); i++)
    {
      g_autofree char *message = NULL;

      texts[i] = view_get_text (editor->views[i]);
      g_strstrip (texts[i]);
      if (texts[i][0] == '\0')
        /* Translators: %s is a language, “French” or “English” */
        message = g_strdup_printf (_("The %s text is empty."), lang_name (template_langs[i]));
      else if (!vigie_template_check (texts[i], &error))
        /* Translators: the first %s is a language, “French” or “English”;
         * the second, the reason */
        message = g_strdup_printf (_("%s text: %s"), lang_name (template_langs[i]),
                                   error->message);
      if (message != NULL)
        {
          template_editor_set_error (editor, message);
          gtk_widget_grab_focus (GTK_WIDGET (editor->views[i]));
          return;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (template_langs); i++)
    {
      const char *lang = template_langs[i];
      gboolean ok = TRUE;

      if (g_strcmp0 (texts[i], vigie_template_get_text (template, lang)) == 0)
        continue;
      /* Back to the shipped text: no copy to keep */
      if (g_strcmp0 (texts[i], vigie_template_get_default_text (template, lang)) == 0)
        ok = vigie_templates_reset (self->templates, self->store, editor->id, lang, &error);
      else
        ok = vigie_templates_set_override (self->templates, self->store, editor->id, lang,
                                           texts[i], &error);
      if (!ok)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the reason */
          message = g_strdup_printf (_("The template was not saved: %s"), error->message);
          template_editor_set_error (editor, message);
          template_editor_update (editor, FALSE);
          return;
        }
    }
  template_editor_set_error (editor, NULL);
  template_editor_update (editor, TRUE);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Template saved")));
}

static void
template_reset_cb (TemplateEditor *editor)
{
  VigiePreferencesWindow *self = editor->self;
  g_autoptr(GError) error = NULL;

  if (self->templates == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (template_langs); i++)
    if (!vigie_templates_reset (self->templates, self->store, editor->id, template_langs[i],
                                &error))
      {
        g_autofree char *message = NULL;

        /* Translators: %s is the reason */
        message = g_strdup_printf (_("The template was not reset: %s"), error->message);
        template_editor_set_error (editor, message);
        template_editor_update (editor, FALSE);
        return;
      }
  template_editor_set_error (editor, NULL);
  template_editor_update (editor, TRUE);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Template reset to the shipped text")));
}

static GtkWidget *
template_editor_build (VigiePreferencesWindow *self,
                       const VigieTemplate    *template)
{
  TemplateEditor *editor = g_new0 (TemplateEditor, 1);
  const char *ui_lang = vigie_policy_get_interface_language ();
  const char *title = vigie_template_get_title (template, ui_lang);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *hint;
  GtkWidget *save;
  g_autofree char *known = NULL;
  g_autofree char *hint_text = NULL;
  g_autofree char *save_name = NULL;
  g_autofree char *reset_name = NULL;
  g_autofree char *widget_name = NULL;
  g_autofree char *error_name = NULL;
  g_autofree char *reset_label = NULL;
  g_autofree char *save_label = NULL;
  g_auto(GStrv) braced = NULL;
  const char * const *placeholders = vigie_template_get_placeholders ();

  editor->self = self;
  editor->id = g_strdup (vigie_template_get_id (template));
  editor->row = ADW_EXPANDER_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  widget_name = g_strconcat ("template-", editor->id, NULL);
  gtk_widget_set_name (row, widget_name);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  for (guint i = 0; i < G_N_ELEMENTS (template_langs); i++)
    {
      const char *lang = template_langs[i];
      GtkWidget *label = gtk_label_new_with_mnemonic (g_str_equal (lang, "en") ? _("_English")
                                                                               : _("_French"));
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();
      g_autofree char *name = g_strconcat ("template-", editor->id, "-", lang, NULL);
      g_autofree char *accessible = NULL;

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
      gtk_widget_set_name (view, name);
      /* Translators: the first %s is a language, “French” or “English”;
       * the second, the template's title */
      accessible = g_strdup_printf (_("%s text of “%s”"), lang_name (lang), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                      -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 110);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_widget_add_css_class (scrolled, "card");
      gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), scrolled);
      editor->views[i] = GTK_TEXT_VIEW (view);
    }

  braced = g_new0 (char *, g_strv_length ((char **) placeholders) + 1);
  for (guint i = 0; placeholders[i] != NULL; i++)
    braced[i] = g_strconcat ("{", placeholders[i], "}", NULL);
  known = g_strjoinv (", ", braced);
  /* Translators: %s is the list of placeholders, such as {author}, {page} */
  hint_text = g_strdup_printf (_("Placeholders: %s"), known);
  hint = gtk_label_new (hint_text);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_selectable (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), hint);

  editor->error_label = GTK_LABEL (gtk_label_new (NULL));
  error_name = g_strconcat ("template-", editor->id, "-error", NULL);
  gtk_widget_set_name (GTK_WIDGET (editor->error_label), error_name);
  gtk_label_set_wrap (editor->error_label, TRUE);
  gtk_label_set_xalign (editor->error_label, 0);
  gtk_label_set_selectable (editor->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (editor->error_label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template error"), -1);
  gtk_widget_set_visible (GTK_WIDGET (editor->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (editor->error_label));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  editor->reset_button = gtk_button_new_with_mnemonic (_("_Reset to Default"));
  reset_name = g_strconcat ("template-", editor->id, "-reset", NULL);
  gtk_widget_set_name (editor->reset_button, reset_name);
  gtk_widget_add_css_class (editor->reset_button, "destructive-action");
  /* Translators: %s is the template's title */
  reset_label = g_strdup_printf (_("Reset “%s” to Default"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->reset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reset_label, -1);
  save = gtk_button_new_with_mnemonic (_("_Save"));
  save_name = g_strconcat ("template-", editor->id, "-save", NULL);
  gtk_widget_set_name (save, save_name);
  gtk_widget_add_css_class (save, "suggested-action");
  /* Translators: %s is the template's title */
  save_label = g_strdup_printf (_("Save “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (save),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, save_label, -1);
  gtk_box_append (GTK_BOX (buttons), editor->reset_button);
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_box_append (GTK_BOX (box), buttons);

  g_signal_connect_swapped (save, "clicked", G_CALLBACK (template_save_cb), editor);
  g_signal_connect_swapped (editor->reset_button, "clicked", G_CALLBACK (template_reset_cb),
                            editor);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
  g_ptr_array_add (self->editors, editor);
  template_editor_update (editor, TRUE);
  return row;
}

static void
fill_templates (VigiePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char * const *placeholders = vigie_template_get_placeholders ();

  self->templates = vigie_templates_new_default (&error);
  if (self->templates == NULL ||
      !vigie_templates_load_overrides (self->templates, self->store, &error))
    {
      g_warning ("The reply templates cannot be edited: %s", error->message);
      g_clear_object (&self->templates);
      return;
    }

  for (guint i = 0; i < vigie_templates_get_n_templates (self->templates); i++)
    adw_preferences_group_add (self->templates_group,
                               template_editor_build (self,
                                                      vigie_templates_get_template (self->templates,
                                                                                    i)));

  for (guint i = 0; placeholders[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strconcat ("{", placeholders[i], "}", NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   vigie_template_describe_placeholder (placeholders[i]));
      adw_preferences_group_add (self->placeholders_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->replies_page), TRUE);
}

static void
vigie_preferences_window_dispose (GObject *object)
{
  VigiePreferencesWindow *self = VIGIE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->term_rows, g_ptr_array_unref);
  g_clear_object (&self->templates);

  G_OBJECT_CLASS (vigie_preferences_window_parent_class)->dispose (object);
}

static void
vigie_preferences_window_finalize (GObject *object)
{
  VigiePreferencesWindow *self = VIGIE_PREFERENCES_WINDOW (object);

  /* The editors' buttons may still be clicked while the window goes */
  g_clear_pointer (&self->editors, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_preferences_window_parent_class)->finalize (object);
}

static void
vigie_preferences_window_class_init (VigiePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_preferences_window_dispose;
  object_class->finalize = vigie_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/vigie/Vigie/ui/vigie-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, grace_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, target_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, business_switch);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, day_start_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, day_end_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, day_start_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, day_end_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, policy_page);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, sensitivity_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, domains_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, allowed_terms_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, terms_group);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, replies_page);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, templates_group);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, placeholders_group);

  /**
   * VigiePreferencesWindow::classifier-settings-changed:
   *
   * The workspace's classifier settings were saved: classify again.
   */
  signals[CLASSIFIER_SETTINGS_CHANGED] =
    g_signal_new ("classifier-settings-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
vigie_preferences_window_init (VigiePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->term_rows = g_ptr_array_new ();
  self->editors = g_ptr_array_new_with_free_func ((GDestroyNotify) template_editor_free);
}

GtkWidget *
vigie_preferences_window_new (GSettings *settings)
{
  VigiePreferencesWindow *self;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VIGIE_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  name = g_settings_get_string (settings, "actor-name");
  role = g_settings_get_string (settings, "actor-role");
  scheme = g_settings_get_string (settings, "color-scheme");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  adw_combo_row_set_selected (self->role_row, index_of (roles, G_N_ELEMENTS (roles), role));
  adw_combo_row_set_selected (self->style_row,
                              index_of (schemes, G_N_ELEMENTS (schemes), scheme));
  g_settings_bind (settings, "undo-grace-seconds",
                   gtk_spin_button_get_adjustment (self->grace_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-interval-minutes",
                   gtk_spin_button_get_adjustment (self->sync_interval_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "response-target-minutes",
                   gtk_spin_button_get_adjustment (self->target_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "business-hours", self->business_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "business-hours-start",
                   gtk_spin_button_get_adjustment (self->day_start_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "business-hours-end",
                   gtk_spin_button_get_adjustment (self->day_end_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->business_switch, "active", self->day_start_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->business_switch, "active", self->day_end_row, "sensitive",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->role_row, "notify::selected", G_CALLBACK (role_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->style_row, "notify::selected", G_CALLBACK (style_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
vigie_preferences_window_set_workspace (VigiePreferencesWindow *self,
                                        VigieStore             *store,
                                        VigiePolicy            *policy)
{
  g_return_if_fail (VIGIE_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (VIGIE_IS_STORE (store));
  g_return_if_fail (VIGIE_IS_POLICY (policy));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->policy = g_object_ref (policy);
  fill_classifier_settings (self);
  fill_templates (self);
  gtk_widget_set_visible (GTK_WIDGET (self->policy_page), TRUE);

  g_signal_connect_object (self->sensitivity_row, "notify::selected",
                           G_CALLBACK (save_classifier_settings), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->domains_row, "apply", G_CALLBACK (save_classifier_settings),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->allowed_terms_row, "apply",
                           G_CALLBACK (save_classifier_settings), self, G_CONNECT_SWAPPED);
}
