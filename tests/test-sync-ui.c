/* test-sync-ui.c — the window's live sync against the fake Graph server:
 * the sync every N minutes, the wait when the platform throttles, the
 * desktop notification of flagged comments (needs a display and the
 * throw-away keyring)
 *
 * Runs under build-aux/test-session.sh. Without a display or a keyring the
 * test is skipped, unless VIGIE_REQUIRE_DISPLAY / VIGIE_REQUIRE_KEYRING is
 * set: then it fails. Tokens go to a keyring scope of this process. A
 * "minute" of sync-interval-minutes lasts MINUTE_MS here
 * (vigie-window-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fake-platform.h"
#include "vigie-account.h"
#include "vigie-http.h"
#include "vigie-secrets.h"
#include "vigie-store.h"
#include "vigie-window-private.h"

#include "test-ui-common.h"

#define TOKEN "EAAsyncui-test-secret-token-4f1d2a9e"
#define MINUTE_MS 150

typedef struct
{
  char         *dir;
  char         *path;
  VigieStore   *store;
  FakePlatform *fake;
  GSettings    *settings;
  VigieWindow  *window;
  gint64        account_id;
  guint         ms_per_second;  /* of the platform's waits */
  gint64        now;
} Fixture;

static void
http_setup (VigieHttp *http,
            gpointer   user_data)
{
  Fixture *f = user_data;

  vigie_http_set_time_scale (http, f->ms_per_second);
  vigie_http_set_retries (http, 3, 5);
}

/* Comments that arrive after a sync are written now, as on a real page */
static gint64
real_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
count_comments (Fixture *f)
{
  VigieQuery q = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n = vigie_store_count (f->store, &q, &error);

  g_assert_no_error (error);
  return n;
}

static guint
count_requests (Fixture    *f,
                const char *part)
{
  g_autoptr(GPtrArray) requests = fake_platform_get_requests (f->fake);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    if (strstr (g_ptr_array_index (requests, i), part) != NULL)
      n++;
  return n;
}

static GtkWidget *
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), VIGIE_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* A workspace with a Facebook page on the fake server, its token in the
 * keyring, one harmless comment on the server, and the window open with
 * no periodic sync */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  VigieAccount *account;

  if (!require_display_and_keyring ())
    return;

  scope = g_strdup_printf ("vigie-test-sync-ui-%d", (int) getpid ());
  vigie_secrets_set_scope (scope);

  f->now = g_get_real_time () / G_USEC_PER_SEC;
  f->ms_per_second = 1;
  f->dir = g_dir_make_tmp ("vigie-sync-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "w.vigie", NULL);
  f->store = vigie_store_open (f->path, &error);
  g_assert_no_error (error);

  f->fake = fake_platform_new (TOKEN);
  fake_platform_add_post (f->fake, "facebook", "1234", "1234_1", "Horaires des fêtes",
                          f->now - 3600);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c1", NULL, "u1", "Alice",
                             "Merci pour l’info!", f->now - 3000);

  account = vigie_account_add (f->store, VIGIE_PLATFORM_FACEBOOK, "1234", "Mairie de Test",
                               fake_platform_get_url (f->fake), "v25.0", &error);
  g_assert_no_error (error);
  f->account_id = account->id;
  vigie_account_free (account);
  vigie_secrets_store_token ("facebook", "1234", NULL, TOKEN, NULL, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new ("io.github.vigie.Vigie");
  g_settings_set_uint (f->settings, "sync-interval-minutes", 0);

  f->window = vigie_window_new (NULL, f->store, f->settings);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  _vigie_window_set_sync_minute_ms (f->window, MINUTE_MS);
  _vigie_window_set_sync_http_setup (f->window, http_setup, f);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_FOR (!vigie_queue_model_get_loading (vigie_window_get_queue_model (f->window)) &&
            g_strcmp0 (vigie_window_get_queue_state (f->window), "loading") != 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      WAIT_FOR (f->window == NULL);
    }
  if (f->settings != NULL)
    g_settings_reset (f->settings, "sync-interval-minutes");
  vigie_secrets_clear_token ("facebook", "1234", NULL, NULL);
  g_clear_object (&f->settings);
  g_clear_pointer (&f->fake, fake_platform_free);
  g_clear_object (&f->store);
  if (f->path != NULL)
    {
      g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (f->path);
      g_rmdir (f->dir);
    }
  g_free (f->path);
  g_free (f->dir);
}

/* Lets a sync that was running end, then checks that nothing more comes
 * for several "minutes" */
static void
assert_no_sync_for (Fixture *f,
                    guint    minutes)
{
  guint requests;
  gint64 n;

  WAIT_FOR (!vigie_window_get_syncing (f->window));
  requests = fake_platform_get_n_requests (f->fake);
  n = count_comments (f);
  spin (minutes * MINUTE_MS);
  g_assert_false (vigie_window_get_syncing (f->window));
  g_assert_cmpuint (fake_platform_get_n_requests (f->fake), ==, requests);
  g_assert_cmpint (count_comments (f), ==, n);
}

static void
test_periodic (Fixture       *f,
               gconstpointer  data)
{
  VigieQueueModel *queue;
  g_autoptr(VigieAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  if (f->window == NULL)
    return;
  queue = vigie_window_get_queue_model (f->window);

  /* Interval 0: only on demand */
  assert_no_sync_for (f, 5);
  g_assert_cmpint (count_comments (f), ==, 0);
  g_assert_cmpuint (fake_platform_get_n_requests (f->fake), ==, 0);

  /* Every minute: the first sync comes by itself, without Sync Now */
  g_settings_set_uint (f->settings, "sync-interval-minutes", 1);
  WAIT_FOR (count_comments (f) == 1);
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_list_model_get_n_items (G_LIST_MODEL (queue)) == 1);
  account = vigie_account_get (f->store, f->account_id, VIGIE_PLATFORM_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->last_sync, >, 0);

  /* New comments on the page arrive at the next one */
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c2", NULL, "u2", "Bob",
                             "Quand ouvre la clinique?", real_now ());
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c3", "1_c1", "u3", "Carl",
                             "Moi aussi je me demandais", real_now ());
  WAIT_FOR (count_comments (f) == 3);
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_list_model_get_n_items (G_LIST_MODEL (queue)) == 3);

  /* A longer interval: no sync before it is up, one after (set between
   * two syncs, so none of the old interval can come in between) */
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  g_settings_set_uint (f->settings, "sync-interval-minutes", 30);
  assert_no_sync_for (f, 10);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c4", NULL, "u4", "Dana",
                             "Bonne nouvelle", real_now ());
  WAIT_FOR (count_comments (f) == 4);

  /* Back to 0: the timer stops, what the page gets now waits for Sync Now */
  g_settings_set_uint (f->settings, "sync-interval-minutes", 0);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c5", NULL, "u5", "Eve",
                             "Merci!", real_now ());
  assert_no_sync_for (f, 30);
  g_assert_cmpint (count_comments (f), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  g_assert_cmpint (count_comments (f), ==, 5);
}

static gboolean
label_has (GtkWidget  *label,
           const char *needle)
{
  return strstr (gtk_label_get_text (GTK_LABEL (label)), needle) != NULL;
}

static void
test_throttled (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *title;
  GtkWidget *detail;
  GtkWidget *revealer;
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VigieAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  gint64 start;

  if (f->window == NULL)
    return;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("1_t%u", i);

      fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", id, NULL, "u9", "Gil",
                                 "Merci", f->now - 1000 + i);
    }
  /* The fake asks to wait a minute (estimated_time_to_regain_access): a
   * platform second lasts 50 ms, so the wait is 3 s */
  f->ms_per_second = 50;
  fake_platform_fail (f->fake, "/comments", FAKE_FAIL_THROTTLE, 4, 1);

  title = child (f->window, "sync_title_label");
  detail = child (f->window, "sync_detail_label");
  revealer = child (f->window, "sync_revealer");

  start = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  g_assert_true (vigie_window_get_syncing (f->window));
  WAIT_FOR (label_has (title, "Waiting"));
  g_test_message ("throttled: %s — %s", gtk_label_get_text (GTK_LABEL (title)),
                  gtk_label_get_text (GTK_LABEL (detail)));
  g_assert_true (vigie_window_get_syncing (f->window));
  g_assert_true (gtk_widget_get_visible (revealer));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (detail)), ==, "Mairie de Test");

  /* The time to wait for, as the clock shows it: a minute from now */
  for (gint64 t = start + 55; t <= g_get_real_time () / G_USEC_PER_SEC + 65; t++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (t);

      g_ptr_array_add (times, g_date_time_format (when, "%H:%M"));
    }
  for (guint i = 0; i < times->len; i++)
    if (label_has (title, g_ptr_array_index (times, i)))
      found = TRUE;
  g_assert_true (found);
  /* The label is what assistive technologies read: its text is its name */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (title)), ==,
                   GTK_ACCESSIBLE_ROLE_LABEL);

  /* Not an error: nothing stored is lost, the sync waits then resumes */
  g_assert_cmpint (count_comments (f), <, 5);
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  g_assert_false (label_has (title, "Waiting"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpint (count_comments (f), ==, 5);
  /* The throttled request was sent again after the wait */
  g_assert_cmpuint (count_requests (f, "/comments"), >=, 2);
  g_assert_cmpint (g_get_real_time () / G_USEC_PER_SEC - start, >=, 2);
  account = vigie_account_get (f->store, f->account_id, VIGIE_PLATFORM_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->status, ==, VIGIE_ACCOUNT_STATUS_OK);
}

static void
test_notification (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window == NULL)
    return;

  /* A periodic sync with nothing flagged: no notification */
  g_settings_set_uint (f->settings, "sync-interval-minutes", 1);
  WAIT_FOR (count_comments (f) == 1);
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  g_assert_cmpuint (_vigie_window_get_n_notifications (f->window), ==, 0);
  g_assert_null (_vigie_window_get_notification_body (f->window));

  /* An insult arrives: one notification, with the number flagged */
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c2", "1_c1", "u2", "Bob",
                             "Vous êtes des imbéciles et des incompétents", real_now ());
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c3", NULL, "u3", "Carl",
                             "Quand ouvre la clinique?", real_now ());
  WAIT_FOR (count_comments (f) == 3);
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  g_test_message ("notification: %s — %s", _vigie_window_get_notification_title (f->window),
                  _vigie_window_get_notification_body (f->window));
  g_assert_cmpuint (_vigie_window_get_n_notifications (f->window), ==, 1);
  g_assert_cmpstr (_vigie_window_get_notification_title (f->window), ==,
                   "New Comments to Moderate");
  g_assert_true (g_str_has_prefix (_vigie_window_get_notification_body (f->window),
                                   "1 comment flagged"));

  /* Two more: the number follows */
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c4", NULL, "u4", "Dan",
                             "Bande d’imbéciles, vous êtes des incompétents", real_now ());
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c5", NULL, "u5", "Eli",
                             "Des imbéciles et des incompétents, tous", real_now ());
  WAIT_FOR (count_comments (f) == 5);
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  g_test_message ("notification: %s", _vigie_window_get_notification_body (f->window));
  g_assert_cmpuint (_vigie_window_get_n_notifications (f->window), ==, 2);
  g_assert_true (g_str_has_prefix (_vigie_window_get_notification_body (f->window),
                                   "2 comments flagged"));

  /* Harmless comments only: no new notification */
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c6", NULL, "u6", "Fay",
                             "Merci beaucoup, bonne journée", real_now ());
  WAIT_FOR (count_comments (f) == 6);
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  /* And syncs that bring nothing */
  spin (3 * MINUTE_MS);
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  g_assert_cmpuint (_vigie_window_get_n_notifications (f->window), ==, 2);
  g_assert_true (g_str_has_prefix (_vigie_window_get_notification_body (f->window),
                                   "2 comments flagged"));
  g_settings_set_uint (f->settings, "sync-interval-minutes", 0);
}

/* A sync that fails says so until dismissed, but one failure at a time:
 * the next failure takes the place of the previous one's text, and a sync
 * that works dismisses it */
static void
test_failure_toast (Fixture       *f,
                    gconstpointer  data)
{
  AdwToast *toast = NULL;

  if (f->window == NULL)
    return;

  fake_platform_fail (f->fake, "/comments", FAKE_FAIL_TOKEN_EXPIRED, 190, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  g_assert_nonnull (_vigie_window_get_sync_error_toast (f->window));
  g_assert_nonnull (strstr (adw_toast_get_title (_vigie_window_get_sync_error_toast (f->window)),
                            "Mairie de Test"));
  g_set_weak_pointer (&toast, _vigie_window_get_sync_error_toast (f->window));
  /* the failure is shown, as it would be between two syncs */
  spin (500);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  /* the same toast, not a second one piled under it */
  g_assert_true (_vigie_window_get_sync_error_toast (f->window) == toast);
  g_assert_nonnull (toast);
  spin (500);

  /* The token works again: the failure gives way */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  WAIT_FOR (!vigie_window_get_syncing (f->window));
  WAIT_FOR (toast == NULL);
  g_assert_null (_vigie_window_get_sync_error_toast (f->window));
  g_assert_cmpint (count_comments (f), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/vigie/sync-ui/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("periodic", test_periodic);
  ADD ("throttled", test_throttled);
  ADD ("notification", test_notification);
  ADD ("failure-toast", test_failure_toast);
#undef ADD

  return g_test_run ();
}
