/* vigie-preferences-window.c — who you are, the undo grace period, the style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-preferences-window"

#include "config.h"

#include "vigie-preferences-window.h"

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

  /* Owned */
  GSettings            *settings;
};

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

static void
vigie_preferences_window_dispose (GObject *object)
{
  VigiePreferencesWindow *self = VIGIE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

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
}

static void
vigie_preferences_window_init (VigiePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
