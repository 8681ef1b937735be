/* vigie-activity-window.c — the audit trail, filtered by who, what, when
 * and category, with CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-activity-window"

#include "config.h"

#include "vigie-activity-window.h"

#include "vigie-action.h"
#include "vigie-audit.h"
#include "vigie-category-chip.h"
#include "vigie-format.h"

#include <glib/gi18n.h>
#include <string.h>

/* The newest entries; the export has them all */
#define MAX_ROWS 1000

static const VigieActionKind kinds[] = {
  VIGIE_ACTION_HIDE, VIGIE_ACTION_UNHIDE, VIGIE_ACTION_REMOVE, VIGIE_ACTION_BAN,
  VIGIE_ACTION_UNBAN, VIGIE_ACTION_REPLY, VIGIE_ACTION_PRIVATE_REPLY, VIGIE_ACTION_ESCALATE,
  VIGIE_ACTION_KEEP, VIGIE_ACTION_CORRECT_CLASSIFICATION, VIGIE_ACTION_RETRACT_REPLY,
  VIGIE_ACTION_REOPEN,
};

static const int since_days[] = { 0, 1, 7, 30, 365 };

struct _VigieActivityWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkDropDown          *who_dropdown;
  GtkDropDown          *what_dropdown;
  GtkDropDown          *when_dropdown;
  GtkDropDown          *category_dropdown;
  GtkLabel             *count_label;
  GtkListBox           *list;

  /* Owned */
  VigieStore           *store;
  VigiePolicy          *policy;
  GStrv                 actors;
  GPtrArray            *entries;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (VigieActivityWindow, vigie_activity_window, ADW_TYPE_WINDOW)

static void
get_query (VigieActivityWindow *self,
           VigieAuditQuery     *query)
{
  guint who = gtk_drop_down_get_selected (self->who_dropdown);
  guint what = gtk_drop_down_get_selected (self->what_dropdown);
  guint when = gtk_drop_down_get_selected (self->when_dropdown);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);

  memset (query, 0, sizeof *query);
  if (who > 0 && self->actors != NULL && who - 1 < g_strv_length (self->actors))
    query->actor = self->actors[who - 1];
  if (what > 0 && what - 1 < G_N_ELEMENTS (kinds))
    query->kind = vigie_action_kind_to_string (kinds[what - 1]);
  if (when > 0 && when < G_N_ELEMENTS (since_days))
    query->since_us = g_get_real_time () - (gint64) since_days[when] * G_USEC_PER_SEC * 86400;
  if (category > 0 && self->policy != NULL &&
      category - 1 < vigie_policy_get_n_categories (self->policy))
    query->category = vigie_policy_get_category (self->policy, category - 1)->id;
}

static GtkWidget *
entry_row_new (VigieActivityWindow   *self,
               const VigieAuditEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *time = vigie_format_full_time (entry->time_us / G_USEC_PER_SEC);
  g_autoptr(GString) categories = g_string_new (NULL);
  VigieActionKind kind;
  const char *kind_label = entry->kind;

  if (entry->kind != NULL && vigie_action_kind_from_string (entry->kind, &kind))
    kind_label = vigie_action_kind_get_label (kind, VIGIE_PLATFORM_UNKNOWN);
  for (guint i = 0; entry->categories != NULL && entry->categories[i] != NULL; i++)
    {
      if (categories->len > 0)
        g_string_append (categories, _(", "));
      g_string_append (categories, vigie_category_chip_label (self->policy,
                                                              entry->categories[i]));
    }

  /* Translators: an entry of the activity: "Hide — queued" */
  title = g_strdup_printf (_("%s — %s"), kind_label != NULL ? kind_label : "",
                           vigie_audit_event_get_label (entry->event));
  /* Translators: under an entry of the activity: time, who, role, comment,
   * categories */
  subtitle = g_strdup_printf (_("%s · %s (%s) · %s · %s"), time,
                              entry->actor_name != NULL ? entry->actor_name : "",
                              entry->actor_role != NULL ? vigie_role_get_label (entry->actor_role)
                                                        : "",
                              entry->comment_ref != NULL ? entry->comment_ref : "",
                              categories->str);
  /* The delegate's note to the director, and the director's back */
  if (entry->note != NULL && entry->event != NULL &&
      (g_str_equal (entry->event, VIGIE_AUDIT_EVENT_PROPOSED) ||
       g_str_equal (entry->event, VIGIE_AUDIT_EVENT_APPROVED) ||
       g_str_equal (entry->event, VIGIE_AUDIT_EVENT_REJECTED)))
    {
      char *with_note = g_strdup_printf (_("%s — %s"), subtitle, entry->note);

      g_free (subtitle);
      subtitle = with_note;
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (entry->note != NULL || entry->error != NULL || entry->text != NULL)
    gtk_widget_set_tooltip_text (row, entry->error != NULL ? entry->error
                                      : entry->note != NULL ? entry->note : entry->text);
  return row;
}

void
vigie_activity_window_reload (VigieActivityWindow *self)
{
  VigieAuditQuery query;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *number = NULL;
  GtkWidget *child;

  g_return_if_fail (VIGIE_IS_ACTIVITY_WINDOW (self));

  get_query (self, &query);
  query.newest_first = TRUE;
  query.limit = MAX_ROWS;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = vigie_audit_query (self->store, &query, &error);
  if (self->entries == NULL)
    {
      gtk_label_set_text (self->count_label, error->message);
      self->entries = g_ptr_array_new ();
      return;
    }
  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->list, entry_row_new (self, g_ptr_array_index (self->entries, i)));

  number = vigie_format_number (self->entries->len);
  count = g_strdup_printf (ngettext ("%s entry", "%s entries", self->entries->len), number);
  gtk_label_set_text (self->count_label, count);
}

static void
filter_changed_cb (VigieActivityWindow *self)
{
  if (self->store != NULL)
    vigie_activity_window_reload (self);
}

static void
chooser_response_cb (VigieActivityWindow  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  VigieAuditQuery query;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      get_query (self, &query);
      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
      if (stream == NULL ||
          !vigie_audit_write_csv (self->store, &query, G_OUTPUT_STREAM (stream), NULL, &error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Failed"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
export_clicked_cb (VigieActivityWindow *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Activity"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the file name offered for the activity export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("activity.csv"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
vigie_activity_window_dispose (GObject *object)
{
  VigieActivityWindow *self = VIGIE_ACTIVITY_WINDOW (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->actors, g_strfreev);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_activity_window_parent_class)->dispose (object);
}

static void
vigie_activity_window_class_init (VigieActivityWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_activity_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-activity-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieActivityWindow, who_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieActivityWindow, what_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieActivityWindow, when_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieActivityWindow, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VigieActivityWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, VigieActivityWindow, list);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_activity_window_init (VigieActivityWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_activity_window_new (VigieStore  *store,
                           VigiePolicy *policy)
{
  VigieActivityWindow *self;
  g_autoptr(GtkStringList) who = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) what = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) when = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) category = gtk_string_list_new (NULL);

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  self = g_object_new (VIGIE_TYPE_ACTIVITY_WINDOW, NULL);
  self->policy = policy != NULL ? g_object_ref (policy) : NULL;
  self->actors = vigie_audit_list_actors (store, NULL);

  gtk_string_list_append (who, _("Anyone"));
  for (guint i = 0; self->actors != NULL && self->actors[i] != NULL; i++)
    gtk_string_list_append (who, self->actors[i]);
  gtk_string_list_append (what, _("Any action"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (what, vigie_action_kind_get_label (kinds[i], VIGIE_PLATFORM_UNKNOWN));
  gtk_string_list_append (when, _("Any time"));
  gtk_string_list_append (when, _("Last 24 hours"));
  gtk_string_list_append (when, _("Last 7 days"));
  gtk_string_list_append (when, _("Last 30 days"));
  gtk_string_list_append (when, _("Last year"));
  gtk_string_list_append (category, _("Any category"));
  for (guint i = 0; policy != NULL && i < vigie_policy_get_n_categories (policy); i++)
    gtk_string_list_append (category, vigie_category_chip_label (
                                        policy, vigie_policy_get_category (policy, i)->id));

  gtk_drop_down_set_model (self->who_dropdown, G_LIST_MODEL (who));
  gtk_drop_down_set_model (self->what_dropdown, G_LIST_MODEL (what));
  gtk_drop_down_set_model (self->when_dropdown, G_LIST_MODEL (when));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (category));

  self->store = g_object_ref (store);
  vigie_activity_window_reload (self);
  return GTK_WIDGET (self);
}

GPtrArray *
vigie_activity_window_get_entries (VigieActivityWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_ACTIVITY_WINDOW (self), NULL);

  return self->entries;
}
