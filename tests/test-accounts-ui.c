/* test-accounts-ui.c — the Accounts window and Sync Now, against the fake
 * Graph server (needs a display and the throw-away keyring)
 *
 * Runs under build-aux/test-session.sh. Without a display or a keyring the
 * test is skipped, unless VIGIE_REQUIRE_DISPLAY / VIGIE_REQUIRE_KEYRING is
 * set: then it fails. Tokens go to a keyring scope of this process, so they
 * never meet real ones. With VIGIE_SCREENSHOT set to a file name, the
 * Accounts window after the sync is saved there as PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fake-platform.h"
#include "vigie-account.h"
#include "vigie-accounts-window.h"
#include "vigie-queue-model.h"
#include "vigie-secrets.h"
#include "vigie-store.h"
#include "vigie-window.h"

#include "test-ui-common.h"

#define TOKEN "EAAui-test-secret-token-7c6a180b36896a0a"

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
fill_form (GtkWidget  *accounts,
           const char *api_base,
           const char *token)
{
  GType type = VIGIE_TYPE_ACCOUNTS_WINDOW;

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (accounts, type, "platform_row")), 0);
  gtk_editable_set_text (GTK_EDITABLE (child (accounts, type, "id_row")), "1234");
  gtk_editable_set_text (GTK_EDITABLE (child (accounts, type, "name_row")), "Mairie de Test");
  gtk_editable_set_text (GTK_EDITABLE (child (accounts, type, "api_base_row")), api_base);
  gtk_editable_set_text (GTK_EDITABLE (child (accounts, type, "token_entry")), token);
}

static void
test_add_sync_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *token = NULL;
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(VigieAccount) account = NULL;
  FakePlatform *fake;
  VigieWindow *window;
  GtkWidget *accounts_window;
  GtkWidget *sync_button;
  GtkWidget *add_button;
  GtkWidget *result_label;
  GtkWidget *row;
  GtkWidget *dialog;
  VigieQueueModel *queue;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *subtitle;

  if (!require_display_and_keyring ())
    return;

  scope = g_strdup_printf ("vigie-test-accounts-ui-%d", (int) getpid ());
  vigie_secrets_set_scope (scope);

  dir = g_dir_make_tmp ("vigie-accounts-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "w.vigie", NULL);
  store = vigie_store_open (path, &error);
  g_assert_no_error (error);

  fake = fake_platform_new (TOKEN);
  fake_platform_add_post (fake, "facebook", "1234", "1234_1", "Horaires des fêtes", now - 3600);
  fake_platform_add_comment (fake, "facebook", "1234", "1234_1", "1_c1", NULL, "u1", "Alice",
                             "Merci pour l’info!", now - 3000);
  fake_platform_add_comment (fake, "facebook", "1234", "1234_1", "1_c2", "1_c1", "u2", "Bob",
                             "Vous êtes des imbéciles et des incompétents", now - 2900);
  fake_platform_add_comment (fake, "facebook", "1234", "1234_1", "1_c3", NULL, "u3", "Carl",
                             "Quand ouvre la clinique?", now - 2800);

  window = vigie_window_new (NULL, store, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  queue = vigie_window_get_queue_model (window);
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_strcmp0 (vigie_window_get_queue_state (window), "loading") != 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);

  /* No accounts: no Sync Now */
  sync_button = child (window, VIGIE_TYPE_WINDOW, "sync_button");
  g_assert_false (gtk_widget_get_visible (sync_button));

  /* The Accounts window, from the main menu's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-accounts", NULL));
  accounts_window = find_toplevel (VIGIE_TYPE_ACCOUNTS_WINDOW);
  g_assert_nonnull (accounts_window);
  g_assert_cmpuint (vigie_accounts_window_get_n_accounts (VIGIE_ACCOUNTS_WINDOW (accounts_window)),
                    ==, 0);
  add_button = child (accounts_window, VIGIE_TYPE_ACCOUNTS_WINDOW, "add_button");
  result_label = child (accounts_window, VIGIE_TYPE_ACCOUNTS_WINDOW, "result_label");
  g_assert_false (gtk_widget_get_sensitive (add_button));

  /* A token the platform refuses: said inline, nothing added or kept */
  fill_form (accounts_window, fake_platform_get_url (fake), "EAAwrong-token");
  g_assert_true (gtk_widget_get_sensitive (add_button));
  g_signal_emit_by_name (add_button, "clicked");
  g_assert_true (vigie_accounts_window_get_busy (VIGIE_ACCOUNTS_WINDOW (accounts_window)));
  WAIT_FOR (!vigie_accounts_window_get_busy (VIGIE_ACCOUNTS_WINDOW (accounts_window)));
  g_assert_true (gtk_widget_get_visible (result_label));
  g_assert_true (gtk_widget_has_css_class (result_label, "error"));
  g_test_message ("refused: %s", gtk_label_get_text (GTK_LABEL (result_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (result_label)), "test call"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (result_label)), "EAAwrong"));
  g_assert_cmpuint (vigie_accounts_window_get_n_accounts (VIGIE_ACCOUNTS_WINDOW (accounts_window)),
                    ==, 0);
  token = vigie_secrets_lookup_token ("facebook", "1234", NULL, &error);
  g_assert_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_NOT_FOUND);
  g_assert_null (token);
  g_clear_error (&error);

  /* A plain http:// URL that is not loopback is refused before anything */
  fill_form (accounts_window, "http://graph.example.com", TOKEN);
  g_signal_emit_by_name (add_button, "clicked");
  g_assert_false (vigie_accounts_window_get_busy (VIGIE_ACCOUNTS_WINDOW (accounts_window)));
  g_assert_true (gtk_widget_has_css_class (result_label, "error"));

  /* The right token: test call, kept in the keyring, the account listed */
  fill_form (accounts_window, fake_platform_get_url (fake), TOKEN);
  g_signal_emit_by_name (add_button, "clicked");
  WAIT_FOR (!vigie_accounts_window_get_busy (VIGIE_ACCOUNTS_WINDOW (accounts_window)));
  g_test_message ("added: %s", gtk_label_get_text (GTK_LABEL (result_label)));
  g_assert_true (gtk_widget_has_css_class (result_label, "success"));
  g_assert_cmpuint (vigie_accounts_window_get_n_accounts (VIGIE_ACCOUNTS_WINDOW (accounts_window)),
                    ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (accounts_window,
                                                               VIGIE_TYPE_ACCOUNTS_WINDOW,
                                                               "token_entry"))), ==, "");
  token = vigie_secrets_lookup_token ("facebook", "1234", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);
  g_clear_pointer (&token, g_free);
  accounts = vigie_account_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  account = vigie_account_get (store, 0, VIGIE_PLATFORM_FACEBOOK, "1234", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->name, ==, "Mairie de Test");
  g_assert_cmpint (account->last_sync, ==, 0);

  /* Sync Now appears, and brings the fake page's comments into the queue */
  g_assert_true (gtk_widget_get_visible (sync_button));
  g_assert_true (gtk_widget_get_sensitive (sync_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  g_assert_true (vigie_window_get_syncing (window));
  g_assert_false (gtk_widget_get_sensitive (sync_button));
  WAIT_FOR (!vigie_window_get_syncing (window));
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_list_model_get_n_items (G_LIST_MODEL (queue)) == 3);
  g_assert_cmpstr (vigie_window_get_queue_state (window), ==, "list");
  g_assert_true (gtk_widget_get_sensitive (sync_button));

  g_clear_pointer (&account, vigie_account_free);
  account = vigie_account_get (store, 0, VIGIE_PLATFORM_FACEBOOK, "1234", &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->last_sync, >, 0);
  g_assert_cmpint (account->status, ==, VIGIE_ACCOUNT_STATUS_OK);

  /* The Accounts window shows the last sync */
  row = vigie_accounts_window_get_row (VIGIE_ACCOUNTS_WINDOW (accounts_window), account->id);
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("row: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, "Last sync"));
  g_assert_null (strstr (subtitle, "Never synced"));

  if (g_getenv ("VIGIE_SCREENSHOT") != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (accounts_window), 640, 720);
      for (int i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (save_png (accounts_window, g_getenv ("VIGIE_SCREENSHOT")));
    }

  /* The token is in the keyring, never in the workspace */
  g_assert_false (file_contains (path, TOKEN));

  /* Remove: confirmed, the account and its token go; no Sync Now */
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (row), "remove-button"), "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  WAIT_FOR (vigie_accounts_window_get_n_accounts (VIGIE_ACCOUNTS_WINDOW (accounts_window)) == 0);
  token = vigie_secrets_lookup_token ("facebook", "1234", NULL, &error);
  g_assert_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gtk_widget_get_visible (sync_button));
  g_clear_pointer (&accounts, g_ptr_array_unref);
  accounts = vigie_account_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 0);
  /* The comments stay */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 3);

  gtk_window_destroy (GTK_WINDOW (accounts_window));
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_FOR (window == NULL);
  fake_platform_free (fake);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/vigie/accounts-ui/add-sync-remove", test_add_sync_remove);

  return g_test_run ();
}
