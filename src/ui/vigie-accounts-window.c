/* vigie-accounts-window.c — the pages and channels the workspace syncs from
 *
 * Adding an account: the keyring is checked first (a missing or locked one
 * says so at once), then the token makes a test call, and only a token
 * that works is stored, in the keyring alone. The token is never shown,
 * logged, or written to the workspace or the settings; the copy this
 * window holds is wiped once used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-accounts"

#include "config.h"

#include "vigie-accounts-window.h"

#include "vigie-account.h"
#include "vigie-connector.h"
#include "vigie-format.h"
#include "vigie-http.h"
#include "vigie-live-connector.h"
#include "vigie-secrets.h"

#include <glib/gi18n.h>
#include <string.h>

struct _VigieAccountsWindow
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkListBox      *accounts_list;
  AdwComboRow     *platform_row;
  AdwEntryRow     *id_row;
  AdwEntryRow     *name_row;
  AdwEntryRow     *api_base_row;
  GtkPasswordEntry *token_entry;
  GtkLabel        *result_label;
  GtkSpinner      *add_spinner;
  GtkButton       *add_button;

  /* Owned */
  VigieStore      *store;
  GCancellable    *cancellable;
  guint            n_accounts;
  gboolean         busy;
};

enum {
  ACCOUNTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieAccountsWindow, vigie_accounts_window, ADW_TYPE_WINDOW)

/* In the order of the platform drop-down */
static const VigiePlatform platforms[] = {
  VIGIE_PLATFORM_FACEBOOK,
  VIGIE_PLATFORM_INSTAGRAM,
  VIGIE_PLATFORM_YOUTUBE,
};

/* Adding an account, in a worker thread */
typedef struct
{
  VigiePlatform  platform;
  char          *external_id;
  char          *name;
  char          *api_base;
  char          *token;
  char          *label;
  char          *summary;   /* what the test call showed */
} AddJob;

static void
wipe_string (char *s)
{
  if (s == NULL)
    return;
  /* Through a volatile pointer, so that the compiler keeps the wipe */
  for (volatile char *p = s; *p != '\0'; p++)
    *p = '\0';
  g_free (s);
}

static void
add_job_free (AddJob *job)
{
  g_free (job->external_id);
  g_free (job->name);
  g_free (job->api_base);
  wipe_string (job->token);
  g_free (job->label);
  g_free (job->summary);
  g_free (job);
}

static void
show_result (VigieAccountsWindow *self,
             const char          *text,
             gboolean             is_error)
{
  gtk_label_set_text (self->result_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), text != NULL);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "success");
    }
  /* Said at once to screen readers too */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                  -1);
}

static void
set_busy (VigieAccountsWindow *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->add_spinner), busy);
  gtk_spinner_set_spinning (self->add_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->platform_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->id_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_base_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_entry), !busy);
  if (busy)
    gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
}

static gboolean
form_complete (VigieAccountsWindow *self)
{
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_row))));
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_entry));

  return id[0] != '\0' && token[0] != '\0';
}

static void
form_changed_cb (VigieAccountsWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !self->busy && form_complete (self));
}

/* Rows */

static void
remove_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    VigieAccountsWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "vigie-account-id"));
  g_autoptr(VigieAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) token_error = NULL;
  g_autofree char *key = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  account = vigie_account_get (self->store, id, VIGIE_PLATFORM_UNKNOWN, NULL, &error);
  if (account == NULL)
    {
      vigie_accounts_window_reload (self);
      return;
    }
  key = vigie_account_get_secret_key (account);
  /* The account goes even when the keyring cannot be reached: it says so */
  if (!vigie_secrets_clear_token (vigie_platform_to_string (account->platform), key, NULL,
                                  &token_error))
    g_message ("The token of account %" G_GINT64_FORMAT " stays in the keyring: %s", id,
               token_error->message);
  if (!vigie_account_remove (self->store, id, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason */
      text = g_strdup_printf (_("The account cannot be removed: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }

  {
    g_autofree char *text = NULL;

    if (token_error != NULL)
      /* Translators: %s is the keyring's error */
      text = g_strdup_printf (_("Account removed, but its token could not be removed from the "
                                "keyring: %s"), token_error->message);
    else
      text = g_strdup (_("Account and token removed"));
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  }
  vigie_accounts_window_reload (self);
  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
}

static void
remove_clicked_cb (GtkButton           *button,
                   VigieAccountsWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "vigie-account-id"));
  const char *name = g_object_get_data (G_OBJECT (button), "vigie-account-name");
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  /* Translators: %s is the name of a page or channel */
  heading = g_strdup_printf (_("Remove “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Its access token is removed from the keyring and it is no "
                                     "longer synced. The comments already in the workspace stay."));
  vigie_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "remove", _("_Remove"),
                                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "vigie-account-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (VigieAccountsWindow *self,
            const VigieAccount  *account,
            gint64               now)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *accessible = NULL;
  const char *name = account->name != NULL && account->name[0] != '\0' ? account->name
                                                                      : account->external_id;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);

  /* Translators: an account's platform and id: "Facebook · id 1234" */
  g_string_append_printf (subtitle, _("%s · id %s"),
                          vigie_platform_get_display_name (account->platform),
                          account->external_id);
  g_string_append_c (subtitle, '\n');
  g_string_append (subtitle, vigie_account_status_get_label (account->status));
  g_string_append (subtitle, " · ");
  if (account->last_sync > 0)
    {
      g_autofree char *when = vigie_format_relative_time (account->last_sync, now);
      /* Translators: %s is a relative time, "5 min ago" */
      g_string_append_printf (subtitle, _("Last sync %s"), when);
    }
  else
    g_string_append (subtitle, _("Never synced"));
  if (account->last_error != NULL && account->last_error[0] != '\0')
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: %s is the error of an account's last sync */
      g_string_append_printf (subtitle, _("Last error: %s"), account->last_error);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (account->status != VIGIE_ACCOUNT_STATUS_OK)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("dialog-warning-symbolic"));

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Account"));
  gtk_widget_add_css_class (button, "flat");
  /* Translators: the accessible name of a button; %s is a page or channel */
  accessible = g_strdup_printf (_("Remove the account %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (button), "vigie-account-id",
                     GSIZE_TO_POINTER ((gsize) account->id));
  g_object_set_data_full (G_OBJECT (button), "vigie-account-name", g_strdup (name), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  g_object_set_data (G_OBJECT (row), "vigie-account-id", GSIZE_TO_POINTER ((gsize) account->id));
  g_object_set_data (G_OBJECT (row), "remove-button", button);
  return row;
}

void
vigie_accounts_window_reload (VigieAccountsWindow *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (VIGIE_IS_ACCOUNTS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);
  self->n_accounts = 0;

  accounts = vigie_account_list (self->store, &error);
  if (accounts == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason */
      text = g_strdup_printf (_("The accounts cannot be read: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      gtk_list_box_append (self->accounts_list,
                           create_row (self, g_ptr_array_index (accounts, i), now));
      self->n_accounts++;
    }
}

/* Adding */

static char *
test_call (AddJob        *job,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(VigieHttp) http = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = NULL;
  const char *list_member = "data";

  http = vigie_http_new (job->platform, job->api_base, NULL, error);
  if (http == NULL)
    return NULL;
  vigie_http_set_token (http, job->token);
  vigie_http_set_timeout (http, 30);
  vigie_http_set_retries (http, 1, 500);
  vigie_http_set_max_wait (http, 0);

  switch (job->platform)
    {
    case VIGIE_PLATFORM_FACEBOOK:
      {
        const char *params[] = { "fields", "id", "limit", "1", NULL };

        path = g_strdup_printf ("/%s/published_posts", job->external_id);
        answer = vigie_http_call (http, "GET", path, params, NULL, cancellable, error);
      }
      break;

    case VIGIE_PLATFORM_INSTAGRAM:
      {
        const char *params[] = { "fields", "id", "limit", "1", NULL };

        path = g_strdup_printf ("/%s/media", job->external_id);
        answer = vigie_http_call (http, "GET", path, params, NULL, cancellable, error);
      }
      break;

    case VIGIE_PLATFORM_YOUTUBE:
    default:
      {
        const char *params[] = {
          "part", "id",
          "allThreadsRelatedToChannelId", job->external_id,
          "maxResults", "1",
          NULL
        };

        list_member = "items";
        answer = vigie_http_call (http, "GET", "/commentThreads", params, NULL, cancellable,
                                  error);
      }
      break;
    }
  if (answer == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (answer) ||
      !json_object_has_member (json_node_get_object (answer), list_member))
    {
      g_set_error_literal (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                           _("The platform’s answer is not what Vigie expects"));
      return NULL;
    }

  switch (job->platform)
    {
    case VIGIE_PLATFORM_FACEBOOK:
    case VIGIE_PLATFORM_INSTAGRAM:
      {
        g_autoptr(GError) caps_error = NULL;
        g_autofree char *list = NULL;
        VigieCapabilities caps = 0;
        const char *works = job->platform == VIGIE_PLATFORM_FACEBOOK
                            ? _("The token works: it can read the page’s posts.")
                            : _("The token works: it can read the account’s media and comments.");

        /* Then what it is allowed to do, from the Page's tasks */
        if (!vigie_account_get_capabilities (http, job->platform, job->external_id, &caps,
                                             cancellable, &caps_error))
          /* Translators: %s is the platform's error */
          return g_strdup_printf (_("%s What it is allowed to do is not known: %s"), works,
                                  caps_error->message);
        list = vigie_capabilities_to_string (caps);
        /* Translators: the second %s lists moderation actions: "read, hide, delete, reply, ban" */
        return g_strdup_printf (_("%s Allowed: %s."), works, list);
      }
    case VIGIE_PLATFORM_YOUTUBE:
    default:
      return g_strdup (_("The token works: it can read the channel’s comments."));
    }
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) call_error = NULL;

  /* The keyring first: a missing or locked one says so before anything */
  if (!vigie_secrets_check (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Then the test call, so that only a token that works is kept */
  job->summary = test_call (job, cancellable, &call_error);
  if (job->summary == NULL)
    {
      /* Translators: %s is the platform's error */
      g_task_return_new_error (task, call_error->domain, call_error->code,
                               _("The account was not added. The test call failed: %s"),
                               call_error->message);
      return;
    }

  if (!vigie_secrets_store_token (vigie_platform_to_string (job->platform), job->external_id,
                                  job->label, job->token, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
add_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  VigieAccountsWindow *self = VIGIE_ACCOUNTS_WINDOW (object);
  AddJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = NULL;
  g_autofree char *text = NULL;

  set_busy (self, FALSE);
  form_changed_cb (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_result (self, error->message, TRUE);
      return;
    }

  account = vigie_account_add (self->store, job->platform, job->external_id,
                               job->name[0] != '\0' ? job->name : NULL,
                               job->api_base, NULL, &error);
  if (account == NULL)
    {
      g_autoptr(GError) clear_error = NULL;

      /* Not kept without its account */
      vigie_secrets_clear_token (vigie_platform_to_string (job->platform), job->external_id,
                                 NULL, &clear_error);
      /* Translators: %s is the reason */
      text = g_strdup_printf (_("The account cannot be added: %s"), error->message);
      show_result (self, text, TRUE);
      return;
    }

  /* Translators: %s is the name of a page or channel, then what the test
   * call showed */
  text = g_strdup_printf (_("“%s” added. %s"),
                          account->name != NULL ? account->name : account->external_id,
                          job->summary);
  show_result (self, text, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->token_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->api_base_row), "");

  vigie_accounts_window_reload (self);
  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
}

static void
add_clicked_cb (VigieAccountsWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_base = NULL;
  AddJob *job;
  guint selected;

  if (self->busy || !form_complete (self))
    return;

  api_base = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_base_row))));
  if (api_base[0] != '\0' && !vigie_http_check_base_url (api_base, &error))
    {
      show_result (self, error->message, TRUE);
      return;
    }

  selected = adw_combo_row_get_selected (self->platform_row);
  job = g_new0 (AddJob, 1);
  job->platform = platforms[MIN (selected, G_N_ELEMENTS (platforms) - 1)];
  job->external_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_row))));
  job->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  job->api_base = api_base[0] != '\0' ? g_steal_pointer (&api_base) : NULL;
  job->token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_entry))));
  /* Translators: the label of a token in the keyring: "Vigie: Facebook 1234" */
  job->label = g_strdup_printf (_("Vigie: %s %s"), vigie_platform_get_display_name (job->platform),
                                job->external_id);

  set_busy (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);

  task = g_task_new (self, self->cancellable, add_done_cb, NULL);
  g_task_set_source_tag (task, add_clicked_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (task, add_thread);
}

/* Object */

static void
vigie_accounts_window_dispose (GObject *object)
{
  VigieAccountsWindow *self = VIGIE_ACCOUNTS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_ACCOUNTS_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vigie_accounts_window_parent_class)->dispose (object);
}

static void
vigie_accounts_window_class_init (VigieAccountsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_accounts_window_dispose;

  /**
   * VigieAccountsWindow::accounts-changed:
   *
   * Emitted once an account was added or removed.
   */
  signals[ACCOUNTS_CHANGED] =
    g_signal_new ("accounts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-accounts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, platform_row);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, id_row);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, api_base_row);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, token_entry);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, add_spinner);
  gtk_widget_class_bind_template_child (widget_class, VigieAccountsWindow, add_button);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_accounts_window_init (VigieAccountsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
vigie_accounts_window_new (VigieStore *store)
{
  VigieAccountsWindow *self;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  self = g_object_new (VIGIE_TYPE_ACCOUNTS_WINDOW, NULL);
  self->store = g_object_ref (store);
  vigie_accounts_window_reload (self);
  return GTK_WIDGET (self);
}

gboolean
vigie_accounts_window_get_busy (VigieAccountsWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_ACCOUNTS_WINDOW (self), FALSE);

  return self->busy;
}

guint
vigie_accounts_window_get_n_accounts (VigieAccountsWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_ACCOUNTS_WINDOW (self), 0);

  return self->n_accounts;
}

GtkWidget *
vigie_accounts_window_get_row (VigieAccountsWindow *self,
                               gint64               id)
{
  g_return_val_if_fail (VIGIE_IS_ACCOUNTS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "vigie-account-id")) == id)
      return child;
  return NULL;
}
