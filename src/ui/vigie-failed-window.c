/* vigie-failed-window.c — the actions that failed, to retry or abandon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-failed-window"

#include "config.h"

#include "vigie-failed-window.h"

#include <glib/gi18n.h>

struct _VigieFailedWindow
{
  AdwWindow    parent_instance;

  /* Template widgets */
  GtkStack    *stack;
  GtkListBox  *list;

  /* Owned */
  VigieOutbox *outbox;
  char        *actor_name;
  char        *actor_role;
  guint        n_failed;
};

G_DEFINE_FINAL_TYPE (VigieFailedWindow, vigie_failed_window, ADW_TYPE_WINDOW)

static void
button_clicked_cb (GtkButton         *button,
                   VigieFailedWindow *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "vigie-action-id");
  gboolean retry = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "vigie-retry"));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (retry)
    ok = vigie_outbox_retry (self->outbox, *id, self->actor_name, self->actor_role, &error);
  else
    ok = vigie_outbox_abandon (self->outbox, *id, self->actor_name, self->actor_role, &error);
  if (!ok)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  retry ? _("Cannot Retry") : _("Cannot Abandon"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  vigie_failed_window_reload (self);
}

static GtkWidget *
make_button (VigieFailedWindow *self,
             const char        *label,
             const char        *accessible,
             gint64             id,
             gboolean           retry)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "vigie-action-id",
                          g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data (G_OBJECT (button), "vigie-retry", GINT_TO_POINTER (retry));
  g_signal_connect_object (button, "clicked", G_CALLBACK (button_clicked_cb), self, 0);
  return button;
}

void
vigie_failed_window_reload (VigieFailedWindow *self)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (VIGIE_IS_FAILED_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  actions = vigie_outbox_list (self->outbox, VIGIE_ACTION_STATUS_FAILED, &error);
  self->n_failed = actions != NULL ? actions->len : 0;
  for (guint i = 0; i < self->n_failed; i++)
    {
      VigieAction *action = g_ptr_array_index (actions, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *retry = NULL;
      g_autofree char *abandon = NULL;
      const char *label = vigie_action_kind_get_label (action->kind, action->platform);

      /* Translators: a failed action, "Hide facebook:123_456" */
      title = g_strdup_printf (_("%s %s"), label, action->comment_ref);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   action->last_error != NULL ? action->last_error : "");
      /* Translators: for a screen reader, "Retry Hide facebook:123" */
      retry = g_strdup_printf (_("Retry %s"), title);
      abandon = g_strdup_printf (_("Abandon %s"), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_button (self, _("_Retry"), retry, action->id, TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_button (self, _("_Abandon"), abandon, action->id, FALSE));
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_failed > 0 ? "list" : "empty");
}

static void
vigie_failed_window_dispose (GObject *object)
{
  VigieFailedWindow *self = VIGIE_FAILED_WINDOW (object);

  g_clear_object (&self->outbox);
  g_clear_pointer (&self->actor_name, g_free);
  g_clear_pointer (&self->actor_role, g_free);

  G_OBJECT_CLASS (vigie_failed_window_parent_class)->dispose (object);
}

static void
vigie_failed_window_class_init (VigieFailedWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_failed_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-failed-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieFailedWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieFailedWindow, list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_failed_window_init (VigieFailedWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_failed_window_new (VigieOutbox *outbox,
                         const char  *actor_name,
                         const char  *actor_role)
{
  VigieFailedWindow *self;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (outbox), NULL);

  self = g_object_new (VIGIE_TYPE_FAILED_WINDOW, NULL);
  self->outbox = g_object_ref (outbox);
  self->actor_name = g_strdup (actor_name);
  self->actor_role = g_strdup (actor_role);
  vigie_failed_window_reload (self);
  return GTK_WIDGET (self);
}

guint
vigie_failed_window_get_n_failed (VigieFailedWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_FAILED_WINDOW (self), 0);

  return self->n_failed;
}
