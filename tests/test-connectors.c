/* test-connectors.c — moderation actions on the fake platforms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fake-platform.h"
#include "vigie-account.h"
#include "vigie-facebook-connector.h"
#include "vigie-instagram-connector.h"
#include "vigie-live-connector.h"
#include "vigie-secrets.h"
#include "vigie-youtube-connector.h"

#define TOKEN "EAAconnector-token-0123456789"

typedef struct
{
  FakePlatform   *fake;
  VigieHttp      *http;
  VigieConnector *connector;
} Fixture;

static void
setup (Fixture       *f,
       VigiePlatform  platform)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name = vigie_platform_to_string (platform);
  const char *account = platform == VIGIE_PLATFORM_YOUTUBE ? "UCchan" : "1234";

  f->fake = fake_platform_new (TOKEN);
  f->http = vigie_http_new (platform, fake_platform_get_url (f->fake),
                            platform == VIGIE_PLATFORM_YOUTUBE ? "youtube/v3" : "v25.0", &error);
  g_assert_no_error (error);
  vigie_http_set_token (f->http, TOKEN);
  vigie_http_set_time_scale (f->http, 1);
  vigie_http_set_retries (f->http, 2, 5);
  switch (platform)
    {
    case VIGIE_PLATFORM_FACEBOOK:
      f->connector = VIGIE_CONNECTOR (vigie_facebook_connector_new (f->http, account));
      break;
    case VIGIE_PLATFORM_INSTAGRAM:
      f->connector = VIGIE_CONNECTOR (vigie_instagram_connector_new (f->http, account));
      break;
    default:
      f->connector = VIGIE_CONNECTOR (vigie_youtube_connector_new (f->http, account));
      break;
    }
  fake_platform_add_post (f->fake, name, account, "p1", "Publication", now - 100);
  fake_platform_add_comment (f->fake, name, account, "p1", "c1", NULL, "u1", "Alice",
                             "Commentaire", now - 50);
  fake_platform_add_comment (f->fake, name, account, "p1", "c2", "c1", "u2", "Bob", "Réponse",
                             now - 40);
}

static void
teardown (Fixture *f)
{
  g_clear_object (&f->connector);
  g_clear_object (&f->http);
  fake_platform_free (f->fake);
}

static VigieAction *
make_action (VigiePlatform    platform,
             VigieActionKind  kind,
             const char      *comment,
             const char      *parent,
             const char      *text)
{
  VigieAction *a = vigie_action_new ();

  a->kind = kind;
  a->platform = platform;
  a->external_id = g_strdup (comment);
  a->parent_external_id = g_strdup (parent);
  a->post_external_id = g_strdup ("p1");
  a->author_external_id = g_strdup (g_str_equal (comment, "c1") ? "u1" : "u2");
  a->page_external_id = g_strdup (platform == VIGIE_PLATFORM_YOUTUBE ? "UCchan" : "1234");
  a->text = g_strdup (text);
  a->idempotency_key = g_strdup ("k1");
  return a;
}

static gboolean
run (Fixture         *f,
     VigieActionKind  kind,
     const char      *comment,
     const char      *parent,
     const char      *text,
     char           **out_ref,
     GError         **error)
{
  g_autoptr(VigieAction) a = make_action (vigie_http_get_platform (f->http), kind, comment,
                                          parent, text);

  return vigie_connector_execute_sync (f->connector, a, NULL, out_ref, error);
}

static void
assert_state (Fixture    *f,
              const char *id,
              const char *expected)
{
  g_autofree char *state = fake_platform_get_state (f->fake, id);
  g_assert_cmpstr (state, ==, expected);
}

static void
test_facebook (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *private_ref = NULL;

  setup (&f, VIGIE_PLATFORM_FACEBOOK);
  g_assert_true (vigie_connector_is_live (f.connector));

  g_assert_true (run (&f, VIGIE_ACTION_HIDE, "c1", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_state (&f, "c1", "hidden");
  g_assert_true (run (&f, VIGIE_ACTION_UNHIDE, "c1", NULL, NULL, NULL, &error));
  assert_state (&f, "c1", "published");

  /* A reply to a reply goes to the top-level comment */
  g_assert_true (run (&f, VIGIE_ACTION_REPLY, "c2", "c1", "Merci de votre message", &reply,
                      &error));
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_true (fake_platform_has_comment (f.fake, reply));

  g_assert_true (run (&f, VIGIE_ACTION_PRIVATE_REPLY, "c1", NULL, "Écrivez-nous", &private_ref,
                      &error));
  g_assert_no_error (error);
  g_assert_cmpstr (private_ref, ==, NULL);

  g_assert_true (run (&f, VIGIE_ACTION_BAN, "c1", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (fake_platform_is_banned (f.fake, "u1"));
  g_assert_true (run (&f, VIGIE_ACTION_UNBAN, "c1", NULL, NULL, NULL, &error));
  g_assert_false (fake_platform_is_banned (f.fake, "u1"));

  /* Retracting the reply, then removing: twice, as after a crash */
  {
    g_autoptr(VigieAction) a = make_action (VIGIE_PLATFORM_FACEBOOK, VIGIE_ACTION_RETRACT_REPLY,
                                            "c2", "c1", NULL);
    a->target_ref = g_strdup (reply);
    g_assert_true (vigie_connector_execute_sync (f.connector, a, NULL, NULL, &error));
    g_assert_false (fake_platform_has_comment (f.fake, reply));
    g_assert_true (vigie_connector_execute_sync (f.connector, a, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (run (&f, VIGIE_ACTION_REMOVE, "c2", NULL, NULL, NULL, &error));
  g_assert_false (fake_platform_has_comment (f.fake, "c2"));
  g_assert_true (run (&f, VIGIE_ACTION_REMOVE, "c2", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Hiding what is gone is an error: nothing to hide */
  g_assert_false (run (&f, VIGIE_ACTION_HIDE, "c2", NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Throttled: the outbox is told to retry later */
  vigie_http_set_max_wait (f.http, 10);
  fake_platform_fail (f.fake, NULL, FAKE_FAIL_THROTTLE, 32, 1);
  g_assert_false (run (&f, VIGIE_ACTION_HIDE, "c1", NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_RATE_LIMITED);
  g_assert_true (vigie_connector_error_is_retryable (error));
  g_assert_cmpint (vigie_http_get_throttled_until (f.http), >, g_get_real_time () / G_USEC_PER_SEC);
  g_clear_error (&error);

  teardown (&f);
}

static void
test_facebook_errors (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;

  setup (&f, VIGIE_PLATFORM_FACEBOOK);
  fake_platform_fail (f.fake, NULL, FAKE_FAIL_SERVER_ERROR, 0, 1);
  g_assert_true (run (&f, VIGIE_ACTION_HIDE, "c1", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_platform_get_n_requests (f.fake), ==, 2);

  fake_platform_fail (f.fake, NULL, FAKE_FAIL_TOKEN_EXPIRED, 0, 1);
  g_assert_false (run (&f, VIGIE_ACTION_HIDE, "c1", NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH);
  g_assert_false (vigie_connector_error_is_retryable (error));
  g_assert_cmpuint (fake_platform_get_n_requests (f.fake), ==, 3);
  g_clear_error (&error);

  fake_platform_fail (f.fake, NULL, FAKE_FAIL_MALFORMED, 0, 1);
  g_assert_false (run (&f, VIGIE_ACTION_HIDE, "c1", NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT);
  g_clear_error (&error);
  teardown (&f);
}

static void
test_instagram (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;

  setup (&f, VIGIE_PLATFORM_INSTAGRAM);
  g_assert_true (run (&f, VIGIE_ACTION_HIDE, "c1", NULL, NULL, NULL, &error));
  assert_state (&f, "c1", "hidden");
  g_assert_true (run (&f, VIGIE_ACTION_UNHIDE, "c1", NULL, NULL, NULL, &error));
  assert_state (&f, "c1", "published");
  g_assert_true (run (&f, VIGIE_ACTION_REPLY, "c1", NULL, "Merci!", &reply, &error));
  g_assert_no_error (error);
  g_assert_true (fake_platform_has_comment (f.fake, reply));
  g_assert_true (run (&f, VIGIE_ACTION_REMOVE, "c1", NULL, NULL, NULL, &error));
  g_assert_true (run (&f, VIGIE_ACTION_REMOVE, "c1", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (fake_platform_has_comment (f.fake, "c1"));

  g_assert_false (run (&f, VIGIE_ACTION_BAN, "c2", NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_UNSUPPORTED);
  teardown (&f);
}

static void
test_youtube (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  setup (&f, VIGIE_PLATFORM_YOUTUBE);
  g_assert_true (run (&f, VIGIE_ACTION_HIDE, "c1", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_state (&f, "c1", "heldForReview");
  g_assert_true (run (&f, VIGIE_ACTION_UNHIDE, "c1", NULL, NULL, NULL, &error));
  assert_state (&f, "c1", "published");
  g_assert_true (run (&f, VIGIE_ACTION_REPLY, "c2", "c1", "Merci", &reply, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (reply, "c1."));
  g_assert_true (run (&f, VIGIE_ACTION_REMOVE, "c2", NULL, NULL, NULL, &error));
  assert_state (&f, "c2", "rejected");
  g_assert_false (fake_platform_is_banned (f.fake, "u2"));
  g_assert_true (run (&f, VIGIE_ACTION_BAN, "c1", NULL, NULL, NULL, &error));
  assert_state (&f, "c1", "rejected");
  g_assert_true (fake_platform_is_banned (f.fake, "u1"));

  /* Retracting the channel's reply deletes it */
  {
    g_autoptr(VigieAction) a = make_action (VIGIE_PLATFORM_YOUTUBE, VIGIE_ACTION_RETRACT_REPLY,
                                            "c1", NULL, NULL);
    a->target_ref = g_strdup (reply);
    g_assert_true (vigie_connector_execute_sync (f.connector, a, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (fake_platform_has_comment (f.fake, reply));
  }
  /* Rejecting a comment that is gone is done */
  g_assert_true (run (&f, VIGIE_ACTION_REMOVE, "nope", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (run (&f, VIGIE_ACTION_UNBAN, "c1", NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  requests = fake_platform_get_requests (f.fake);
  g_assert_nonnull (strstr (g_ptr_array_index (requests, 0),
                            "/youtube/v3/comments/setModerationStatus"));

  /* Quota: rate limited, retryable */
  vigie_http_set_max_wait (f.http, 10);
  fake_platform_fail (f.fake, NULL, FAKE_FAIL_QUOTA, 0, 1);
  g_assert_false (run (&f, VIGIE_ACTION_HIDE, "c1", NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "resume after"));
  teardown (&f);
}

static void
test_live_routing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-conn-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.vigie", NULL);
  g_autoptr(VigieStore) store = vigie_store_open (path, &error);
  g_autoptr(VigieConnector) sandbox = NULL;
  g_autoptr(VigieConnector) live = NULL;
  g_autoptr(VigieAccount) account = NULL;
  g_autoptr(VigieAction) a = NULL;
  FakePlatform *fake = fake_platform_new (TOKEN);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  /* Files only: the sandbox */
  sandbox = vigie_connector_new_for_store (store, &error);
  g_assert_no_error (error);
  g_assert_false (vigie_connector_is_live (sandbox));

  account = vigie_account_add (store, VIGIE_PLATFORM_FACEBOOK, "1234", "Page",
                               fake_platform_get_url (fake), "v25.0", &error);
  g_assert_no_error (error);
  g_assert_true (vigie_secrets_store_token ("facebook", "1234", NULL, TOKEN, NULL, &error));
  live = vigie_connector_new_for_store (store, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_connector_is_live (live));

  fake_platform_add_comment (fake, "facebook", "1234", "1234_1", "1234_1_9", NULL, "u1", "A",
                             "Texte", now);
  a = make_action (VIGIE_PLATFORM_FACEBOOK, VIGIE_ACTION_HIDE, "1234_1_9", NULL, NULL);
  g_assert_true (vigie_connector_execute_sync (live, a, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *state = fake_platform_get_state (fake, "1234_1_9");
    g_assert_cmpstr (state, ==, "hidden");
  }

  /* Without its token the account's actions fail clearly */
  g_assert_true (vigie_secrets_clear_token ("facebook", "1234", NULL, &error));
  g_clear_object (&live);
  live = vigie_connector_new_for_store (store, &error);
  g_assert_no_error (error);
  g_assert_false (vigie_connector_execute_sync (live, a, NULL, NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH);

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

/* What the token is allowed to do, from the Page's tasks */
static void
test_capabilities (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *text = NULL;
  VigieCapabilities caps = 0;

  setup (&f, VIGIE_PLATFORM_FACEBOOK);
  /* The default tasks: ANALYZE, ADVERTISE, MODERATE, CREATE_CONTENT */
  g_assert_true (vigie_account_get_capabilities (f.http, VIGIE_PLATFORM_FACEBOOK, "1234", &caps,
                                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (caps, ==, VIGIE_CAPABILITY_READ | VIGIE_CAPABILITY_HIDE |
                             VIGIE_CAPABILITY_DELETE | VIGIE_CAPABILITY_REPLY |
                             VIGIE_CAPABILITY_BAN);
  text = vigie_capabilities_to_string (caps);
  g_assert_cmpstr (text, ==, "read, hide, delete, reply, ban");
  requests = fake_platform_get_requests (f.fake);
  g_assert_nonnull (strstr (g_ptr_array_index (requests, 0), "GET /v25.0/1234?"));
  g_assert_nonnull (strstr (g_ptr_array_index (requests, 0), "tasks"));

  /* An editor without MODERATE: reading and replying only */
  fake_platform_set_tasks (f.fake, "[\"ANALYZE\",\"CREATE_CONTENT\"]");
  g_assert_true (vigie_account_get_capabilities (f.http, VIGIE_PLATFORM_FACEBOOK, "1234", &caps,
                                                 NULL, &error));
  g_assert_cmpint (caps, ==, VIGIE_CAPABILITY_READ | VIGIE_CAPABILITY_REPLY);
  g_clear_pointer (&text, g_free);
  text = vigie_capabilities_to_string (caps);
  g_assert_cmpstr (text, ==, "read, reply");

  /* No task at all */
  fake_platform_set_tasks (f.fake, "[]");
  g_assert_true (vigie_account_get_capabilities (f.http, VIGIE_PLATFORM_FACEBOOK, "1234", &caps,
                                                 NULL, &error));
  g_assert_cmpint (caps, ==, 0);
  g_clear_pointer (&text, g_free);
  text = vigie_capabilities_to_string (caps);
  g_assert_cmpstr (text, ==, "none");

  /* An answer without tasks is an error, never a guess */
  fake_platform_set_tasks (f.fake, "null");
  g_assert_false (vigie_account_get_capabilities (f.http, VIGIE_PLATFORM_FACEBOOK, "1234", &caps,
                                                  NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED);
  g_clear_error (&error);

  /* An expired token says so */
  fake_platform_expire_token (f.fake);
  g_assert_false (vigie_account_get_capabilities (f.http, VIGIE_PLATFORM_FACEBOOK, "1234", &caps,
                                                  NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH);
  g_clear_error (&error);
  teardown (&f);

  /* Instagram: the linked Page's token, /me; no ban there */
  setup (&f, VIGIE_PLATFORM_INSTAGRAM);
  g_assert_true (vigie_account_get_capabilities (f.http, VIGIE_PLATFORM_INSTAGRAM, "1234", &caps,
                                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (caps, ==, VIGIE_CAPABILITY_READ | VIGIE_CAPABILITY_HIDE |
                             VIGIE_CAPABILITY_DELETE | VIGIE_CAPABILITY_REPLY);
  g_clear_pointer (&requests, g_ptr_array_unref);
  requests = fake_platform_get_requests (f.fake);
  g_assert_nonnull (strstr (g_ptr_array_index (requests, 0), "GET /v25.0/me?"));
  teardown (&f);

  /* YouTube does not say */
  setup (&f, VIGIE_PLATFORM_YOUTUBE);
  g_assert_false (vigie_account_get_capabilities (f.http, VIGIE_PLATFORM_YOUTUBE, "UCchan", &caps,
                                                  NULL, &error));
  g_assert_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_UNSUPPORTED);
  teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vigie_secrets_use_memory (TRUE);

  g_test_add_func ("/vigie/connectors/facebook/actions", test_facebook);
  g_test_add_func ("/vigie/connectors/facebook/errors", test_facebook_errors);
  g_test_add_func ("/vigie/connectors/instagram/actions", test_instagram);
  g_test_add_func ("/vigie/connectors/youtube/actions", test_youtube);
  g_test_add_func ("/vigie/connectors/live/routing", test_live_routing);
  g_test_add_func ("/vigie/connectors/capabilities", test_capabilities);
  return g_test_run ();
}
