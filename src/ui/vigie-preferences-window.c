/* vigie-preferences-window.c — who you are, the undo grace period, the style,
 * and the classifier settings of the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-preferences-window"

#include "config.h"

#include "vigie-preferences-window.h"

#include "vigie-category-chip.h"
#include "vigie-classifier.h"

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
  AdwComboRow          *style_row;
  AdwPreferencesPage   *policy_page;
  AdwComboRow          *sensitivity_row;
  AdwEntryRow          *domains_row;
  AdwEntryRow          *allowed_terms_row;
  AdwPreferencesGroup  *terms_group;

  /* Owned */
  GSettings            *settings;
  VigieStore           *store;
  VigiePolicy          *policy;
  GPtrArray            *term_rows;   /* AdwEntryRow*, one per category of the policy */
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

static void
vigie_preferences_window_dispose (GObject *object)
{
  VigiePreferencesWindow *self = VIGIE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->term_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_preferences_window_parent_class)->dispose (object);
}

static void
vigie_preferences_window_class_init (VigiePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/vigie/Vigie/ui/vigie-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, grace_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, policy_page);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, sensitivity_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, domains_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, allowed_terms_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, terms_group);

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
  gtk_widget_set_visible (GTK_WIDGET (self->policy_page), TRUE);

  g_signal_connect_object (self->sensitivity_row, "notify::selected",
                           G_CALLBACK (save_classifier_settings), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->domains_row, "apply", G_CALLBACK (save_classifier_settings),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->allowed_terms_row, "apply",
                           G_CALLBACK (save_classifier_settings), self, G_CONNECT_SWAPPED);
}
