/* test-sync.c — syncing accounts from the fake platforms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fake-platform.h"
#include "vigie-account.h"
#include "vigie-connector.h"
#include "vigie-policy.h"
#include "vigie-secrets.h"
#include "vigie-store-private.h"
#include "vigie-sync.h"

#define TOKEN "EAAtest-secret-token-5d41402abc4b2a76"

static GString *log_text;

static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}
static GMutex log_lock;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_mutex_lock (&log_lock);
  g_string_append_printf (log_text, "%s\n", line);
  g_mutex_unlock (&log_lock);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

typedef struct
{
  char            *dir;
  char            *path;
  VigieStore      *store;
  FakePlatform    *fake;
  VigieClassifier *classifier;
  VigieSync       *sync;
  guint            n_throttled;
  guint            n_progress;
  GCancellable    *cancel_after;
  guint            cancel_at;
} Fixture;

static void
http_setup (VigieHttp *http,
            gpointer   user_data)
{
  /* A platform second lasts a millisecond; timeouts stay real */
  vigie_http_set_time_scale (http, 1);
  vigie_http_set_retries (http, 3, 5);
  vigie_http_set_timeout (http, 1);
}

static void
throttled_cb (VigieSync *sync,
              gint64     account_id,
              gint64     resume_at,
              Fixture   *f)
{
  g_assert_cmpint (resume_at, >, g_get_real_time () / G_USEC_PER_SEC - 5);
  f->n_throttled++;
}

static void
progress_cb (VigieSync *sync,
             gint64     account_id,
             guint64    n_comments,
             guint      n_requests,
             Fixture   *f)
{
  f->n_progress++;
  if (f->cancel_after != NULL && f->n_progress == f->cancel_at)
    g_cancellable_cancel (f->cancel_after);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigiePolicy) policy = NULL;

  f->dir = g_dir_make_tmp ("vigie-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "w.vigie", NULL);
  f->store = vigie_store_open (f->path, &error);
  g_assert_no_error (error);
  f->fake = fake_platform_new (TOKEN);
  policy = vigie_policy_new_default (&error);
  g_assert_no_error (error);
  f->classifier = vigie_classifier_new (policy, NULL, &error);
  g_assert_no_error (error);
  f->sync = vigie_sync_new (f->store, f->classifier);
  vigie_sync_set_http_setup (f->sync, http_setup, f);
  g_signal_connect (f->sync, "throttled", G_CALLBACK (throttled_cb), f);
  g_signal_connect (f->sync, "progress", G_CALLBACK (progress_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->sync);
  g_clear_object (&f->classifier);
  g_clear_object (&f->store);
  g_clear_object (&f->cancel_after);
  fake_platform_free (f->fake);
  g_unlink (f->path);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static VigieAccount *
add_account (Fixture    *f,
             VigiePlatform platform,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  VigieAccount *a;
  const char *version = platform == VIGIE_PLATFORM_YOUTUBE ? "youtube/v3" : "v25.0";

  a = vigie_account_add (f->store, platform, id, "Test page", fake_platform_get_url (f->fake),
                         version, &error);
  g_assert_no_error (error);
  vigie_secrets_store_token (vigie_platform_to_string (platform), id, NULL, TOKEN, NULL, &error);
  g_assert_no_error (error);
  return a;
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

static VigieAccountStatus
account_status (Fixture *f,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) a = vigie_account_get (f->store, id, VIGIE_PLATFORM_UNKNOWN, NULL,
                                                 &error);
  g_assert_no_error (error);
  return a->status;
}

static void
add_facebook_page (Fixture *f,
                   gint64   now)
{
  fake_platform_add_post (f->fake, "facebook", "1234", "1234_1", "Horaires des fêtes",
                          now - 3600);
  fake_platform_add_post (f->fake, "facebook", "1234", "1234_2", "Vaccination", now - 1800);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c1", NULL, "u1",
                             "Alice", "Merci pour l’info!", now - 3000);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c2", "1_c1", "u2", "Bob",
                             "Vous êtes des imbéciles et des incompétents", now - 2900);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_c3", NULL, "u3", "Carl",
                             "Quand ouvre la clinique?", now - 2800);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_2", "2_c1", NULL, "u4", "Dana",
                             "Je veux mourir, je n’en peux plus", now - 1000);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_2", "2_c2", NULL, "u5", "Eve",
                             "Bonne journée", now - 900);
}

static void
test_facebook_end_to_end (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  g_autoptr(VigieComment) reply = NULL;
  g_autoptr(VigieAccount) after = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  add_facebook_page (f, now);
  vigie_sync_set_page_size (f->sync, 2);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (stats.n_accounts, ==, 1);
  g_assert_cmpuint (stats.n_failed, ==, 0);
  g_assert_cmpuint (stats.n_comments, ==, 5);
  g_assert_cmpuint (stats.n_inserted, ==, 5);
  g_assert_cmpuint (stats.n_posts, ==, 2);
  g_assert_cmpuint (stats.n_flagged, >=, 2);
  g_assert_cmpuint (stats.n_urgent, >=, 1);
  /* posts: 1 page; post 1: 2 pages; post 2: 1 page */
  g_assert_cmpuint (stats.n_requests, ==, 4);
  g_assert_cmpint (count_comments (f), ==, 5);

  reply = vigie_store_find_comment (f->store, VIGIE_PLATFORM_FACEBOOK, "1_c2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply->parent_external_id, ==, "1_c1");
  g_assert_cmpstr (reply->post_external_id, ==, "1234_1");
  g_assert_cmpstr (reply->author_name, ==, "Bob");
  g_assert_nonnull (vigie_store_get_classification (f->store, reply->id, NULL));

  after = vigie_account_get (f->store, account->id, VIGIE_PLATFORM_UNKNOWN, NULL, &error);
  g_assert_cmpint (after->last_sync, >=, now);
  g_assert_cmpint (after->run_started, ==, 0);
  g_assert_cmpint (after->status, ==, VIGIE_ACCOUNT_STATUS_OK);
  g_assert_cmpuint (f->n_progress, ==, 4);
}

static void
test_facebook_incremental (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  g_autoptr(GPtrArray) requests = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;
  gboolean saw_since = FALSE;

  /* An old comment the second sync must not read again */
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_1", "1_old", NULL, "u9", "Old",
                             "Vieux commentaire", now - 20 * 24 * 3600);
  add_facebook_page (f, now);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 6);

  fake_platform_clear_requests (f->fake);
  fake_platform_add_comment (f->fake, "facebook", "1234", "1234_2", "2_c3", NULL, "u6", "Fay",
                             "Nouveau commentaire", now + 5);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 1);
  /* The overlap reads the recent comments again, unchanged; not the old one */
  g_assert_cmpuint (stats.n_updated, ==, 0);
  g_assert_cmpuint (stats.n_comments, <, 7);
  g_assert_cmpint (count_comments (f), ==, 7);

  requests = fake_platform_get_requests (f->fake);
  for (guint i = 0; i < requests->len; i++)
    if (strstr (g_ptr_array_index (requests, i), "/comments?") &&
        strstr (g_ptr_array_index (requests, i), "since="))
      saw_since = TRUE;
  g_assert_true (saw_since);
}

static void
test_instagram_end_to_end (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_INSTAGRAM, "1784");
  g_autoptr(VigieComment) reply = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  fake_platform_add_post (f->fake, "instagram", "1784", "m1", "Nouvelle clinique", now - 100);
  fake_platform_add_comment (f->fake, "instagram", "1784", "m1", "ig1", NULL, "iu1", "ana",
                             "Super nouvelle", now - 90);
  fake_platform_add_comment (f->fake, "instagram", "1784", "m1", "ig2", "ig1", "iu2", "ben",
                             "Oui, enfin!", now - 80);
  fake_platform_add_comment (f->fake, "instagram", "1784", "m1", "ig3", NULL, "iu3", "cal",
                             "Gang de voleurs", now - 70);
  g_assert_true (vigie_sync_run (f->sync, account->id, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 3);
  reply = vigie_store_find_comment (f->store, VIGIE_PLATFORM_INSTAGRAM, "ig2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply->parent_external_id, ==, "ig1");
  g_assert_cmpstr (reply->post_external_id, ==, "m1");

  /* Again: nothing new, nothing duplicated */
  g_assert_true (vigie_sync_run (f->sync, account->id, NULL, &stats, &error));
  g_assert_cmpuint (stats.n_inserted, ==, 0);
  g_assert_cmpint (count_comments (f), ==, 3);
}

static void
test_youtube_end_to_end (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_YOUTUBE, "UCchan");
  g_autoptr(VigieComment) reply = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("Ugx%u", i);
      fake_platform_add_comment (f->fake, "youtube", "UCchan", "vid1", id, NULL, "UCa", "Ann",
                                 "Belle vidéo", now - 40 * 24 * 3600 + i);
    }
  fake_platform_add_comment (f->fake, "youtube", "UCchan", "vid1", "Ugx0.r1", "Ugx0", "UCb",
                             "Bo", "Merci", now - 30);
  vigie_sync_set_page_size (f->sync, 2);
  g_assert_true (vigie_sync_run (f->sync, account->id, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 6);
  g_assert_cmpuint (stats.n_requests, ==, 3);
  reply = vigie_store_find_comment (f->store, VIGIE_PLATFORM_YOUTUBE, "Ugx0.r1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply->parent_external_id, ==, "Ugx0");
  g_assert_cmpstr (reply->post_external_id, ==, "vid1");

  /* Incremental: the newest page holds only old threads, so it stops there */
  fake_platform_add_comment (f->fake, "youtube", "UCchan", "vid1", "Ugnew", NULL, "UCc", "Cy",
                             "Nouveau", now + 5);
  g_assert_true (vigie_sync_run (f->sync, account->id, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 1);
  g_assert_cmpuint (stats.n_requests, ==, 2);
  g_assert_cmpint (count_comments (f), ==, 7);
}

/* A thread with more replies than come with it: the rest from
 * comments.list?parentId=, paged, and resumed after a failure */
static void
test_youtube_more_replies (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_YOUTUBE, "UCchan");
  g_autoptr(GPtrArray) requests = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;
  guint n_parent = 0;

  fake_platform_add_comment (f->fake, "youtube", "UCchan", "vid1", "Ugt", NULL, "UCa", "Ann",
                             "Belle vidéo", now - 100);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("Ugt.r%02u", i);
      fake_platform_add_comment (f->fake, "youtube", "UCchan", "vid1", id, "Ugt", "UCb", "Bo",
                                 "Merci", now - 90 + i);
    }
  vigie_sync_set_page_size (f->sync, 5);

  g_assert_true (vigie_sync_run (f->sync, account->id, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_comments (f), ==, 13);
  g_assert_cmpuint (stats.n_inserted, ==, 13);
  requests = fake_platform_get_requests (f->fake);
  for (guint i = 0; i < requests->len; i++)
    if (strstr (g_ptr_array_index (requests, i), "parentId=Ugt") != NULL)
      n_parent++;
  /* 12 replies, 5 a page */
  g_assert_cmpuint (n_parent, ==, 3);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("Ugt.r%02u", i);
      g_autoptr(VigieComment) c = vigie_store_find_comment (f->store, VIGIE_PLATFORM_YOUTUBE,
                                                            id, &error);
      g_assert_no_error (error);
      g_assert_nonnull (c);
      g_assert_cmpstr (c->parent_external_id, ==, "Ugt");
      g_assert_cmpstr (c->post_external_id, ==, "vid1");
    }
}

static void
test_youtube_replies_resume (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_YOUTUBE, "UCchan");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  fake_platform_add_comment (f->fake, "youtube", "UCchan", "vid1", "Ugt", NULL, "UCa", "Ann",
                             "Belle vidéo", now - 100);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("Ugt.r%02u", i);
      fake_platform_add_comment (f->fake, "youtube", "UCchan", "vid1", id, "Ugt", "UCb", "Bo",
                                 "Merci", now - 90 + i);
    }
  vigie_sync_set_page_size (f->sync, 5);

  /* The first page of replies arrives (the 5 that came with the thread),
   * the second is malformed: the sync fails with those stored */
  fake_platform_fail (f->fake, "/comments", FAKE_FAIL_USAGE_HIGH, 0, 1);
  fake_platform_fail (f->fake, "/comments", FAKE_FAIL_MALFORMED, 0, 1);
  g_assert_false (vigie_sync_run (f->sync, account->id, NULL, &stats, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_comments (f), ==, 1 + 5);

  /* Resumed: the rest, nothing twice */
  fake_platform_clear_requests (f->fake);
  g_assert_true (vigie_sync_run (f->sync, account->id, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_comments (f), ==, 13);
  g_assert_cmpuint (stats.n_inserted, ==, 7);
  {
    g_autoptr(GPtrArray) requests = fake_platform_get_requests (f->fake);
    guint n_parent = 0;

    for (guint i = 0; i < requests->len; i++)
      if (strstr (g_ptr_array_index (requests, i), "parentId=Ugt") != NULL)
        n_parent++;
    /* From the page that failed on */
    g_assert_cmpuint (n_parent, ==, 2);
  }
}

static void
test_throttling (Fixture       *f,
                 gconstpointer  data)
{
  static const int codes[] = { 4, 17, 32, 613 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  add_facebook_page (f, now);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    fake_platform_fail (f->fake, "/comments", FAKE_FAIL_THROTTLE, codes[i], 1);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  /* Each throttle waited (estimated_time_to_regain_access) and resumed */
  g_assert_cmpuint (f->n_throttled, >=, 4);
  g_assert_cmpuint (stats.n_inserted, ==, 5);
  g_assert_cmpint (account_status (f, account->id), ==, VIGIE_ACCOUNT_STATUS_OK);
}

static void
quota_setup (VigieHttp *http,
             gpointer   user_data)
{
  http_setup (http, user_data);
  /* The quota resets at midnight, Pacific time: far too long to wait */
  vigie_http_set_max_wait (http, 60);
}

static void
test_youtube_quota (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_YOUTUBE, "UCchan");
  g_autoptr(VigieAccount) after = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("Ugq%u", i);
      fake_platform_add_comment (f->fake, "youtube", "UCchan", "vid1", id, NULL, "UCa", "Ann",
                                 "Bonjour", now - 100 + i);
    }
  vigie_sync_set_page_size (f->sync, 2);
  vigie_sync_set_http_setup (f->sync, quota_setup, f);
  fake_platform_fail (f->fake, "/commentThreads", FAKE_FAIL_QUOTA, 0, 1);
  g_assert_false (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "resume after"));
  g_assert_cmpint (account_status (f, account->id), ==, VIGIE_ACCOUNT_STATUS_THROTTLED);
  after = vigie_account_get (f->store, account->id, VIGIE_PLATFORM_UNKNOWN, NULL, NULL);
  g_assert_cmpint (after->run_started, >, 0);
  g_clear_error (&error);

  /* Quota back: the sync resumes and completes */
  vigie_sync_set_http_setup (f->sync, http_setup, f);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_comments (f), ==, 6);
  g_assert_cmpint (account_status (f, account->id), ==, VIGIE_ACCOUNT_STATUS_OK);
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  add_facebook_page (f, now);
  fake_platform_fail (f->fake, "/published_posts", FAKE_FAIL_SERVER_ERROR, 0, 2);
  fake_platform_fail (f->fake, "/comments", FAKE_FAIL_SLOW, 0, 1);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 5);
  /* 2 server errors + 1 timeout retried */
  g_assert_cmpuint (stats.n_requests, ==, 3 + 3);

  /* More errors than retries: the sync fails and says why */
  fake_platform_fail (f->fake, "/published_posts", FAKE_FAIL_SERVER_ERROR, 0, 10);
  g_assert_false (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT);
  g_assert_cmpint (account_status (f, account->id), ==, VIGIE_ACCOUNT_STATUS_ERROR);
}

static void
test_token_expired (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  g_autoptr(VigieAccount) after = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  add_facebook_page (f, now);
  fake_platform_expire_token (f->fake);
  g_assert_false (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "reconnect"));
  /* Never retried blindly */
  g_assert_cmpuint (fake_platform_get_n_requests (f->fake), ==, 1);
  after = vigie_account_get (f->store, account->id, VIGIE_PLATFORM_UNKNOWN, NULL, NULL);
  g_assert_cmpint (after->status, ==, VIGIE_ACCOUNT_STATUS_NEEDS_RECONNECT);
  g_assert_nonnull (after->last_error);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  add_facebook_page (f, now);
  fake_platform_fail (f->fake, "1234_2/comments", FAKE_FAIL_MALFORMED, 0, 1);
  g_assert_false (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT);
  g_assert_nonnull (strstr (error->message, "JSON"));
  g_assert_cmpint (account_status (f, account->id), ==, VIGIE_ACCOUNT_STATUS_ERROR);
  /* What came before the bad answer is kept */
  g_assert_cmpint (count_comments (f), ==, 3);
  g_clear_error (&error);

  fake_platform_clear_requests (f->fake);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_comments (f), ==, 5);
  /* Resumed: post 1's comments were not read again */
  g_assert_cmpuint (stats.n_comments, ==, 2);
}

static void
test_usage_headers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats stats;

  add_facebook_page (f, now);
  fake_platform_fail (f->fake, "/published_posts", FAKE_FAIL_USAGE_HIGH, 0, 1);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  /* 95 % of the app's calls: slowed down before the platform said no */
  g_assert_cmpuint (f->n_throttled, ==, 1);
  g_assert_cmpuint (stats.n_requests, ==, 3);
}

static void
test_cancel_resume (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  g_autoptr(VigieAccount) after = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats first, second;

  fake_platform_add_post (f->fake, "facebook", "1234", "1234_9", "Grosse publication", now - 10);
  fake_platform_add_many (f->fake, "facebook", "1234", "1234_9", 1000, now - 5000);
  vigie_sync_set_page_size (f->sync, 50);
  f->cancel_after = g_cancellable_new ();
  f->cancel_at = 6;   /* the posts, then 5 pages of comments */
  g_assert_false (vigie_sync_run (f->sync, 0, f->cancel_after, &first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (first.n_inserted, ==, 250);
  g_assert_cmpint (count_comments (f), ==, 250);
  after = vigie_account_get (f->store, account->id, VIGIE_PLATFORM_UNKNOWN, NULL, NULL);
  g_assert_cmpint (after->last_sync, ==, 0);
  g_assert_cmpint (after->status, ==, VIGIE_ACCOUNT_STATUS_OK);

  g_clear_object (&f->cancel_after);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &second, &error));
  g_assert_no_error (error);
  /* Nothing lost, nothing read twice */
  g_assert_cmpuint (first.n_inserted + second.n_inserted, ==, 1000);
  g_assert_cmpuint (second.n_comments, ==, 750);
  g_assert_cmpint (count_comments (f), ==, 1000);
}

static void
sequential_setup (VigieHttp *http,
                  gpointer   user_data)
{
  http_setup (http, user_data);
  vigie_http_set_max_concurrent (http, 1);
}

/* The comments of several posts are read at once, and the result is the
 * same as one request at a time */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  g_autofree char *path2 = g_build_filename (f->dir, "sequential.vigie", NULL);
  g_autoptr(VigieStore) store2 = NULL;
  g_autoptr(VigieSync) sync2 = NULL;
  g_autoptr(VigieAccount) account2 = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieSyncStats concurrent, sequential;
  VigieQuery q = { 0 };

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *post = g_strdup_printf ("1234_%u", i);
      fake_platform_add_post (f->fake, "facebook", "1234", post, "Publication", now - 100 + i);
      fake_platform_add_many (f->fake, "facebook", "1234", post, 25 + i, now - 5000);
    }
  fake_platform_set_delay (f->fake, 20);
  vigie_sync_set_page_size (f->sync, 10);
  fake_platform_reset_max_concurrent (f->fake);
  g_assert_true (vigie_sync_run (f->sync, account->id, NULL, &concurrent, &error));
  g_assert_no_error (error);
  /* Several requests were in flight, never more than the default limit */
  g_assert_cmpuint (fake_platform_get_max_concurrent (f->fake), >, 1);
  g_assert_cmpuint (fake_platform_get_max_concurrent (f->fake), <=, 4);

  /* The same, one request at a time, into another workspace */
  store2 = vigie_store_open (path2, &error);
  g_assert_no_error (error);
  account2 = vigie_account_add (store2, VIGIE_PLATFORM_FACEBOOK, "1234", "Test page",
                                fake_platform_get_url (f->fake), "v25.0", &error);
  g_assert_no_error (error);
  sync2 = vigie_sync_new (store2, f->classifier);
  vigie_sync_set_http_setup (sync2, sequential_setup, f);
  vigie_sync_set_page_size (sync2, 10);
  fake_platform_reset_max_concurrent (f->fake);
  g_assert_true (vigie_sync_run (sync2, account2->id, NULL, &sequential, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_platform_get_max_concurrent (f->fake), ==, 1);

  g_assert_cmpuint (concurrent.n_posts, ==, sequential.n_posts);
  g_assert_cmpuint (concurrent.n_comments, ==, sequential.n_comments);
  g_assert_cmpuint (concurrent.n_inserted, ==, sequential.n_inserted);
  g_assert_cmpuint (concurrent.n_flagged, ==, sequential.n_flagged);
  g_assert_cmpuint (concurrent.n_urgent, ==, sequential.n_urgent);
  g_assert_cmpuint (concurrent.n_requests, ==, sequential.n_requests);
  g_assert_cmpuint (concurrent.n_inserted, ==, 8 * 25 + 28);
  g_assert_cmpint (count_comments (f), ==, vigie_store_count (store2, &q, NULL));

  g_clear_object (&sync2);
  g_clear_object (&store2);
  g_unlink (path2);
  {
    g_autofree char *wal = g_strconcat (path2, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path2, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  VigieSyncStats stats;

  g_assert_true (vigie_sync_run_finish (VIGIE_SYNC (source), result, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 5);
  *done = TRUE;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  gboolean done = FALSE;

  add_facebook_page (f, g_get_real_time () / G_USEC_PER_SEC);
  vigie_sync_run_async (f->sync, 0, NULL, async_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  /* Progress came to this thread */
  g_assert_cmpuint (f->n_progress, >=, 3);
  g_assert_cmpint (count_comments (f), ==, 5);
}

static void
test_no_token_leak (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) account = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  g_autofree char *contents = NULL;
  g_autofree char *wal_path = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *wal = NULL;
  gsize length = 0, wal_length = 0;
  VigieSyncStats stats;

  add_facebook_page (f, g_get_real_time () / G_USEC_PER_SEC);
  vigie_sync_set_page_size (f->sync, 1);
  g_mutex_lock (&log_lock);
  g_string_truncate (log_text, 0);
  g_mutex_unlock (&log_lock);
  g_assert_true (vigie_sync_run (f->sync, 0, NULL, &stats, &error));
  g_assert_no_error (error);
  g_clear_object (&f->sync);
  g_clear_object (&f->store);

  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  g_assert_false (bytes_contain (contents, length, TOKEN));
  if (g_file_get_contents (wal_path, &wal, &wal_length, NULL))
    g_assert_false (bytes_contain (wal, wal_length, TOKEN));

  /* Debug logs were on, and said something, without the token */
  g_mutex_lock (&log_lock);
  g_assert_nonnull (strstr (log_text->str, "/comments"));
  g_assert_null (strstr (log_text->str, TOKEN));
  g_mutex_unlock (&log_lock);
}

static void
test_redact (void)
{
  g_autofree char *a = vigie_http_redact ("GET https://x/v1/1?access_token=SECRET&after=2");
  g_autofree char *b = vigie_http_redact ("Authorization: Bearer SECRET\nnext");
  g_autofree char *c = vigie_http_redact ("{\"access_token\":\"SECRET\",\"x\":1}");

  g_assert_cmpstr (a, ==, "GET https://x/v1/1?access_token=[redacted]&after=2");
  g_assert_cmpstr (b, ==, "Authorization: [redacted]\nnext");
  g_assert_cmpstr (c, ==, "{\"access_token\":\"[redacted]\",\"x\":1}");
}

static void
test_base_url (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_http_check_base_url ("https://graph.facebook.com", NULL));
  g_assert_true (vigie_http_check_base_url ("http://127.0.0.1:8080", NULL));
  g_assert_true (vigie_http_check_base_url ("http://localhost:1", NULL));
  g_assert_false (vigie_http_check_base_url ("http://graph.facebook.com", &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED);
  g_assert_false (vigie_http_check_base_url ("ftp://x", NULL));
  g_assert_false (vigie_http_check_base_url ("not a url", NULL));
}

static void
test_accounts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAccount) a = add_account (f, VIGIE_PLATFORM_FACEBOOK, "1234");
  g_autoptr(VigieAccount) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(VigieConnector) connector = NULL;
  g_autofree char *cursor = NULL;
  guint n = 0;

  again = vigie_account_add (f->store, VIGIE_PLATFORM_FACEBOOK, "1234", "Renamed", NULL, NULL,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, a->id);
  g_assert_cmpstr (again->name, ==, "Renamed");
  list = vigie_account_list (f->store, &error);
  g_assert_cmpuint (list->len, ==, 1);

  /* A workspace with accounts gets the live connector */
  connector = vigie_connector_new_for_store (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_connector_is_live (connector));

  g_assert_true (vigie_account_set_cursor (f->store, a->id, "k", "v", &error));
  cursor = vigie_account_get_cursor (f->store, a->id, "k", &error);
  g_assert_cmpstr (cursor, ==, "v");
  g_assert_true (vigie_account_remove (f->store, a->id, &error));
  g_assert_true (vigie_account_count (f->store, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_clear_pointer (&cursor, g_free);
  cursor = vigie_account_get_cursor (f->store, a->id, "k", &error);
  g_assert_null (cursor);
  g_assert_null (vigie_account_add (f->store, VIGIE_PLATFORM_UNKNOWN, "x", NULL, NULL, NULL,
                                    NULL));
}

int
main (int    argc,
      char **argv)
{
  log_text = g_string_new (NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  vigie_secrets_use_memory (TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/vigie/http/redact", test_redact);
  g_test_add_func ("/vigie/http/base-url", test_base_url);
  ADD ("/vigie/sync/accounts", test_accounts);
  ADD ("/vigie/sync/facebook/end-to-end", test_facebook_end_to_end);
  ADD ("/vigie/sync/facebook/incremental", test_facebook_incremental);
  ADD ("/vigie/sync/instagram/end-to-end", test_instagram_end_to_end);
  ADD ("/vigie/sync/youtube/end-to-end", test_youtube_end_to_end);
  ADD ("/vigie/sync/youtube/more-replies", test_youtube_more_replies);
  ADD ("/vigie/sync/youtube/replies-resume", test_youtube_replies_resume);
  ADD ("/vigie/sync/throttle/graph", test_throttling);
  ADD ("/vigie/sync/throttle/youtube-quota", test_youtube_quota);
  ADD ("/vigie/sync/throttle/usage-headers", test_usage_headers);
  ADD ("/vigie/sync/server-errors", test_server_errors);
  ADD ("/vigie/sync/token-expired", test_token_expired);
  ADD ("/vigie/sync/malformed", test_malformed);
  ADD ("/vigie/sync/cancel-resume", test_cancel_resume);
  ADD ("/vigie/sync/concurrent", test_concurrent);
  ADD ("/vigie/sync/async", test_async);
  ADD ("/vigie/sync/no-token-leak", test_no_token_leak);
  return g_test_run ();
}
