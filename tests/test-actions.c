/* test-actions.c — every action through the sandbox connector, what each
 * platform can do, bulk actions, and vigie-scan --apply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "vigie-action.h"
#include "vigie-audit.h"
#include "test-actions-common.h"
#include "test-scan-common.h"

/* Capabilities */

static gboolean
offered (VigiePlatform   platform,
         VigieActionKind kind)
{
  guint n;
  const VigieActionKind *kinds = vigie_action_kinds_for_platform (platform, &n);

  for (guint i = 0; i < n; i++)
    if (kinds[i] == kind)
      return TRUE;
  return FALSE;
}

static void
test_kind_strings (void)
{
  for (VigieActionKind k = 0; k <= VIGIE_ACTION_KIND_LAST; k++)
    {
      VigieActionKind back;
      g_assert_true (vigie_action_kind_from_string (vigie_action_kind_to_string (k), &back));
      g_assert_cmpint (back, ==, k);
      g_assert_nonnull (vigie_action_kind_get_label (k, VIGIE_PLATFORM_FACEBOOK));
      g_assert_nonnull (vigie_action_kind_get_done_label (k, VIGIE_PLATFORM_YOUTUBE));
    }
  for (VigieActionStatus s = 0; s <= VIGIE_ACTION_STATUS_LAST; s++)
    {
      VigieActionStatus back;
      g_assert_true (vigie_action_status_from_string (vigie_action_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
  g_assert_false (vigie_action_kind_from_string ("delete", NULL));
  g_assert_false (vigie_action_kind_from_string (NULL, NULL));
  g_assert_cmpstr (vigie_action_kind_to_string (VIGIE_ACTION_PRIVATE_REPLY), ==, "private_reply");
}

static void
test_capabilities (void)
{
  static const VigieActionKind everyone[] = {
    VIGIE_ACTION_HIDE, VIGIE_ACTION_UNHIDE, VIGIE_ACTION_REMOVE, VIGIE_ACTION_REPLY,
    VIGIE_ACTION_ESCALATE, VIGIE_ACTION_KEEP, VIGIE_ACTION_CORRECT_CLASSIFICATION,
  };
  VigieActionKind reverse;
  guint n;

  for (VigiePlatform p = VIGIE_PLATFORM_FACEBOOK; p <= VIGIE_PLATFORM_LAST; p++)
    for (guint i = 0; i < G_N_ELEMENTS (everyone); i++)
      g_assert_true (offered (p, everyone[i]));

  /* Facebook can do everything */
  vigie_action_kinds_for_platform (VIGIE_PLATFORM_FACEBOOK, &n);
  g_assert_cmpuint (n, ==, 10);
  g_assert_true (offered (VIGIE_PLATFORM_FACEBOOK, VIGIE_ACTION_BAN));
  g_assert_true (offered (VIGIE_PLATFORM_FACEBOOK, VIGIE_ACTION_UNBAN));
  g_assert_true (offered (VIGIE_PLATFORM_FACEBOOK, VIGIE_ACTION_PRIVATE_REPLY));

  /* Instagram has no ban and no private reply */
  g_assert_false (offered (VIGIE_PLATFORM_INSTAGRAM, VIGIE_ACTION_BAN));
  g_assert_false (offered (VIGIE_PLATFORM_INSTAGRAM, VIGIE_ACTION_UNBAN));
  g_assert_false (offered (VIGIE_PLATFORM_INSTAGRAM, VIGIE_ACTION_PRIVATE_REPLY));
  g_assert_false (vigie_action_kind_is_supported (VIGIE_PLATFORM_INSTAGRAM, VIGIE_ACTION_BAN));

  /* YouTube bans by rejecting, cannot unban, has no private reply; its
   * words for hide and remove */
  g_assert_true (offered (VIGIE_PLATFORM_YOUTUBE, VIGIE_ACTION_BAN));
  g_assert_false (offered (VIGIE_PLATFORM_YOUTUBE, VIGIE_ACTION_UNBAN));
  g_assert_false (offered (VIGIE_PLATFORM_YOUTUBE, VIGIE_ACTION_PRIVATE_REPLY));
  g_assert_cmpstr (vigie_action_kind_get_label (VIGIE_ACTION_REMOVE, VIGIE_PLATFORM_YOUTUBE), ==,
                   "Reject");
  g_assert_cmpstr (vigie_action_kind_get_label (VIGIE_ACTION_REMOVE, VIGIE_PLATFORM_FACEBOOK), ==,
                   "Remove");

  /* A comment of unknown origin: only what stays on the machine */
  vigie_action_kinds_for_platform (VIGIE_PLATFORM_UNKNOWN, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (offered (VIGIE_PLATFORM_UNKNOWN, VIGIE_ACTION_KEEP));
  g_assert_false (offered (VIGIE_PLATFORM_UNKNOWN, VIGIE_ACTION_HIDE));

  /* The reverse-only kinds are never offered */
  for (VigiePlatform p = 0; p <= VIGIE_PLATFORM_LAST; p++)
    {
      g_assert_false (offered (p, VIGIE_ACTION_RETRACT_REPLY));
      g_assert_false (offered (p, VIGIE_ACTION_REOPEN));
    }

  /* Reverses */
  g_assert_true (vigie_action_kind_get_reverse (VIGIE_PLATFORM_FACEBOOK, VIGIE_ACTION_HIDE,
                                                &reverse));
  g_assert_cmpint (reverse, ==, VIGIE_ACTION_UNHIDE);
  g_assert_true (vigie_action_kind_get_reverse (VIGIE_PLATFORM_FACEBOOK, VIGIE_ACTION_BAN,
                                                &reverse));
  g_assert_cmpint (reverse, ==, VIGIE_ACTION_UNBAN);
  g_assert_false (vigie_action_kind_get_reverse (VIGIE_PLATFORM_YOUTUBE, VIGIE_ACTION_BAN, NULL));
  g_assert_true (vigie_action_kind_get_reverse (VIGIE_PLATFORM_YOUTUBE, VIGIE_ACTION_REPLY,
                                                &reverse));
  g_assert_cmpint (reverse, ==, VIGIE_ACTION_RETRACT_REPLY);
  g_assert_true (vigie_action_kind_get_reverse (VIGIE_PLATFORM_INSTAGRAM, VIGIE_ACTION_KEEP,
                                                &reverse));
  g_assert_cmpint (reverse, ==, VIGIE_ACTION_REOPEN);
  for (VigiePlatform p = 0; p <= VIGIE_PLATFORM_LAST; p++)
    {
      g_assert_false (vigie_action_kind_get_reverse (p, VIGIE_ACTION_REMOVE, NULL));
      g_assert_false (vigie_action_kind_get_reverse (p, VIGIE_ACTION_PRIVATE_REPLY, NULL));
    }

  /* Text limits */
  g_assert_cmpuint (vigie_action_get_text_limit (VIGIE_PLATFORM_INSTAGRAM, VIGIE_ACTION_REPLY),
                    ==, 2200);
  g_assert_cmpuint (vigie_action_get_text_limit (VIGIE_PLATFORM_FACEBOOK,
                                                 VIGIE_ACTION_PRIVATE_REPLY), ==, 2000);
  g_assert_cmpuint (vigie_action_get_text_limit (VIGIE_PLATFORM_FACEBOOK, VIGIE_ACTION_HIDE),
                    ==, 0);
}

/* Every action through the sandbox */

static void
run_now (Workspace *w,
         gint64     id)
{
  process (w);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_APPLIED);
}

static void
test_sandbox_hide_unhide (Workspace     *w,
                          gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  g_auto(VigieCommentState) hidden = { 0 };
  g_auto(VigieCommentState) shown = { 0 };
  gint64 id;

  vigie_outbox_set_grace_period (w->outbox, 0);
  id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);
  run_now (w, id);
  hidden = comment_state (w, fb1);
  g_assert_true (hidden.hidden);
  g_assert_false (hidden.removed);
  g_assert_cmpint (hidden.status, ==, VIGIE_COMMENT_STATUS_HANDLED);
  g_assert_cmpstr (hidden.resolution, ==, "hide");

  id = enqueue (w, VIGIE_ACTION_UNHIDE, fb1, NULL, NULL);
  run_now (w, id);
  shown = comment_state (w, fb1);
  g_assert_false (shown.hidden);
  g_assert_cmpstr (shown.resolution, ==, "unhide");
  g_assert_cmpuint (vigie_sandbox_connector_get_n_effects (w->sandbox), ==, 2);
}

static void
test_sandbox_remove (Workspace     *w,
                     gconstpointer  data)
{
  gint64 ig1 = comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig1");
  g_auto(VigieCommentState) state = { 0 };
  VigieActionRequest request = { .kind = VIGIE_ACTION_HIDE, .comment_id = ig1 };
  g_autoptr(GError) error = NULL;

  vigie_outbox_set_grace_period (w->outbox, 0);
  run_now (w, enqueue (w, VIGIE_ACTION_REMOVE, ig1, NULL, NULL));
  state = comment_state (w, ig1);
  g_assert_true (state.removed);

  /* Nothing more to do to a removed comment */
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE);
}

static void
test_sandbox_remove_already_gone (Workspace     *w,
                                  gconstpointer  data)
{
  gint64 fb3 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb3");
  gint64 first, second;

  /* Two removals queued before either ran: the second finds the comment
   * gone, which counts as done */
  first = enqueue (w, VIGIE_ACTION_REMOVE, fb3, NULL, NULL);
  second = enqueue (w, VIGIE_ACTION_REMOVE, fb3, NULL, NULL);
  w->now += 11 * G_TIME_SPAN_SECOND;
  g_assert_cmpuint (process (w), ==, 2);
  g_assert_cmpint (action_status (w, first), ==, VIGIE_ACTION_STATUS_APPLIED);
  g_assert_cmpint (action_status (w, second), ==, VIGIE_ACTION_STATUS_APPLIED);
  g_assert_cmpuint (vigie_sandbox_connector_get_n_executed (w->sandbox), ==, 2);
  g_assert_cmpuint (vigie_sandbox_connector_get_n_effects (w->sandbox), ==, 1);
}

static void
test_sandbox_ban (Workspace     *w,
                  gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 yt1 = comment_id (w, VIGIE_PLATFORM_YOUTUBE, "yt1");
  g_auto(VigieCommentState) fb_banned = { 0 };
  g_auto(VigieCommentState) fb_unbanned = { 0 };
  g_auto(VigieCommentState) yt_banned = { 0 };

  vigie_outbox_set_grace_period (w->outbox, 0);
  run_now (w, enqueue (w, VIGIE_ACTION_BAN, fb1, NULL, NULL));
  fb_banned = comment_state (w, fb1);
  g_assert_true (fb_banned.author_banned);
  /* Facebook bans the author and leaves the comment */
  g_assert_false (fb_banned.removed);

  run_now (w, enqueue (w, VIGIE_ACTION_UNBAN, fb1, NULL, NULL));
  fb_unbanned = comment_state (w, fb1);
  g_assert_false (fb_unbanned.author_banned);

  /* YouTube bans by rejecting the comment */
  run_now (w, enqueue (w, VIGIE_ACTION_BAN, yt1, NULL, NULL));
  yt_banned = comment_state (w, yt1);
  g_assert_true (yt_banned.author_banned);
  g_assert_true (yt_banned.removed);
  g_assert_cmpint (sql_int (w->store, "SELECT banned FROM authors WHERE external_id = 'UCuser1'"),
                   ==, 1);
}

static void
test_sandbox_ban_unknown_author (Workspace     *w,
                                 gconstpointer  data)
{
  VigieActionRequest request = {
    .kind = VIGIE_ACTION_BAN,
    .comment_id = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb2"),
  };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "facebook:fb2"));
}

static void
test_sandbox_reply (Workspace     *w,
                    gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 ig2 = comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig2");
  g_autoptr(VigieAction) action = NULL;
  g_autoptr(VigieAction) ig_action = NULL;
  g_autoptr(VigieComment) reply = NULL;
  g_autoptr(VigieComment) ig_reply = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(GError) error = NULL;
  VigieQuery needs_action = { .view = VIGIE_VIEW_NEEDS_ACTION };
  gint64 before, id;

  vigie_outbox_set_grace_period (w->outbox, 0);
  before = vigie_store_count (w->store, &needs_action, NULL);
  id = enqueue (w, VIGIE_ACTION_REPLY, fb1, "Merci de rester respectueux.", NULL);
  run_now (w, id);

  action = vigie_outbox_get_action (w->outbox, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (action->result_ref);
  reply = vigie_store_find_comment (w->store, VIGIE_PLATFORM_FACEBOOK, action->result_ref, &error);
  g_assert_no_error (error);
  /* A comment by the page, under the comment, not in the queue */
  g_assert_cmpstr (reply->text, ==, "Merci de rester respectueux.");
  g_assert_cmpstr (reply->parent_external_id, ==, "fb1");
  g_assert_cmpstr (reply->author_name, ==, "CISSS de la Côte-Boréale");
  g_assert_cmpstr (reply->author_external_id, ==, "104758392011");
  g_assert_cmpint (reply->status, ==, VIGIE_COMMENT_STATUS_HANDLED);
  g_assert_cmpint (vigie_store_count (w->store, &needs_action, NULL), ==, before - 1);
  thread = vigie_store_get_thread (w->store, fb1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 3);   /* fb1, fb3, the reply */

  /* Instagram has one level of replies: an answer to a reply goes under
   * the top-level comment */
  id = enqueue (w, VIGIE_ACTION_REPLY, ig2, "Thank you for your question.", NULL);
  run_now (w, id);
  ig_action = vigie_outbox_get_action (w->outbox, id, &error);
  ig_reply = vigie_store_find_comment (w->store, VIGIE_PLATFORM_INSTAGRAM, ig_action->result_ref,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ig_reply->parent_external_id, ==, "ig1");
  g_assert_cmpstr (ig_reply->author_name, ==, "cisss.coteboreale");
}

static void
test_sandbox_reply_checks (Workspace     *w,
                           gconstpointer  data)
{
  VigieActionRequest request = {
    .kind = VIGIE_ACTION_REPLY,
    .comment_id = comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig1"),
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (2201, 'a');
  g_autofree char *just_fits = NULL;

  /* No text */
  request.text = "  \n ";
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID);
  g_clear_error (&error);

  /* Longer than Instagram accepts, counted in characters */
  request.text = long_text;
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "2201"));
  g_assert_nonnull (strstr (error->message, "2200"));
  g_clear_error (&error);

  {
    GString *s = g_string_new (NULL);
    for (guint i = 0; i < 2200; i++)
      g_string_append (s, "é");
    just_fits = g_string_free (s, FALSE);
  }
  request.text = just_fits;
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_sandbox_private_reply (Workspace     *w,
                            gconstpointer  data)
{
  gint64 fb2 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb2");
  VigieActionRequest request = {
    .kind = VIGIE_ACTION_PRIVATE_REPLY,
    .comment_id = fb2,
    .text = "Bonjour, nous vous écrivons en privé.",
  };
  g_autoptr(VigieAction) action = NULL;
  g_autoptr(GArray) kinds = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean has_private = FALSE;

  vigie_outbox_set_grace_period (w->outbox, 0);
  id = enqueue (w, VIGIE_ACTION_PRIVATE_REPLY, fb2, request.text, NULL);
  run_now (w, id);
  action = vigie_outbox_get_action (w->outbox, id, &error);
  g_assert_nonnull (action->result_ref);
  g_assert_true (g_str_has_prefix (action->result_ref, "sandbox-message-"));
  /* Not a public comment */
  g_assert_cmpint (sql_int (w->store,
                            "SELECT count(*) FROM comments WHERE parent_external_id = 'fb2'"),
                   ==, 0);

  /* Facebook allows one private reply per comment */
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE);
  g_clear_error (&error);
  kinds = vigie_outbox_list_available_kinds (w->outbox, fb2, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < kinds->len; i++)
    if (g_array_index (kinds, VigieActionKind, i) == VIGIE_ACTION_PRIVATE_REPLY)
      has_private = TRUE;
  g_assert_false (has_private);
}

static void
test_sandbox_local (Workspace     *w,
                    gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 fb2 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb2");
  gint64 u1 = comment_id (w, VIGIE_PLATFORM_UNKNOWN, "u1");
  g_auto(VigieCommentState) kept = { 0 };
  g_auto(VigieCommentState) escalated = { 0 };
  g_autoptr(VigieClassification) after_wrong = NULL;
  g_autoptr(VigieClassification) after_missed = NULL;
  g_autoptr(GError) error = NULL;
  const char *insult[] = { "insult", NULL };
  const char *privacy[] = { "privacy", NULL };
  VigieActionRequest request = { 0 };
  gint64 id;

  vigie_outbox_set_grace_period (w->outbox, 0);

  /* Keep needs a reason */
  request.kind = VIGIE_ACTION_KEEP;
  request.comment_id = fb1;
  request.note = "   ";
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID);
  g_clear_error (&error);

  run_now (w, enqueue (w, VIGIE_ACTION_KEEP, u1, NULL, "Critique légitime du service"));
  kept = comment_state (w, u1);
  g_assert_cmpint (kept.status, ==, VIGIE_COMMENT_STATUS_HANDLED);
  g_assert_cmpstr (kept.resolution, ==, "keep");
  g_assert_cmpstr (kept.resolution_note, ==, "Critique légitime du service");

  run_now (w, enqueue (w, VIGIE_ACTION_ESCALATE, fb2, NULL, "À voir par la directrice"));
  escalated = comment_state (w, fb2);
  g_assert_cmpstr (escalated.resolution, ==, "escalate");

  /* Local actions never reach the connector */
  g_assert_cmpuint (vigie_sandbox_connector_get_n_executed (w->sandbox), ==, 0);

  /* Corrections: a wrong flag goes, a missed one comes; the comment stays
   * in the queue */
  request = (VigieActionRequest) { 0 };
  request.kind = VIGIE_ACTION_CORRECT_CLASSIFICATION;
  request.comment_id = fb1;
  request.categories = insult;
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID);
  g_clear_error (&error);
  request.correction = VIGIE_CORRECTION_WRONG;
  id = vigie_outbox_enqueue (w->outbox, &request, &error);
  g_assert_no_error (error);
  run_now (w, id);
  after_wrong = vigie_store_get_classification (w->store, fb1, &error);
  g_assert_null (vigie_classification_get_flag (after_wrong, "insult"));

  request.categories = privacy;
  request.correction = VIGIE_CORRECTION_MISSED;
  run_now (w, vigie_outbox_enqueue (w->outbox, &request, &error));
  g_assert_no_error (error);
  after_missed = vigie_store_get_classification (w->store, fb1, &error);
  g_assert_nonnull (vigie_classification_get_flag (after_missed, "privacy"));

  {
    g_auto(VigieCommentState) state = comment_state (w, fb1);
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_NEW);
  }

  /* Not a category of the policy */
  privacy[0] = "rudeness";
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID);
}

static void
test_unsupported (Workspace     *w,
                  gconstpointer  data)
{
  struct { VigiePlatform platform; const char *id; VigieActionKind kind; } cases[] = {
    { VIGIE_PLATFORM_INSTAGRAM, "ig1", VIGIE_ACTION_BAN },
    { VIGIE_PLATFORM_INSTAGRAM, "ig1", VIGIE_ACTION_PRIVATE_REPLY },
    { VIGIE_PLATFORM_YOUTUBE, "yt1", VIGIE_ACTION_UNBAN },
    { VIGIE_PLATFORM_YOUTUBE, "yt1", VIGIE_ACTION_PRIVATE_REPLY },
    { VIGIE_PLATFORM_UNKNOWN, "u1", VIGIE_ACTION_HIDE },
    { VIGIE_PLATFORM_FACEBOOK, "fb1", VIGIE_ACTION_REOPEN },
    { VIGIE_PLATFORM_FACEBOOK, "fb1", VIGIE_ACTION_RETRACT_REPLY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VigieActionRequest request = {
        .kind = cases[i].kind,
        .comment_id = comment_id (w, cases[i].platform, cases[i].id),
        .text = "Texte",
      };
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), ==, 0);
      g_assert_nonnull (error);
      g_assert_true (error->domain == VIGIE_ACTION_ERROR);
    }
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM actions"), ==, 0);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM audit"), ==, 0);
}

static void
test_available_kinds (Workspace     *w,
                      gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 fb2 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb2");
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) anonymous = NULL;
  g_autoptr(GError) error = NULL;

#define HAS(array, k) ({ gboolean _found = FALSE; \
    for (guint _i = 0; _i < (array)->len; _i++) \
      _found |= g_array_index ((array), VigieActionKind, _i) == (k); \
    _found; })

  before = vigie_outbox_list_available_kinds (w->outbox, fb1, &error);
  g_assert_no_error (error);
  g_assert_true (HAS (before, VIGIE_ACTION_HIDE));
  g_assert_false (HAS (before, VIGIE_ACTION_UNHIDE));
  g_assert_true (HAS (before, VIGIE_ACTION_BAN));
  g_assert_false (HAS (before, VIGIE_ACTION_UNBAN));

  vigie_outbox_set_grace_period (w->outbox, 0);
  run_now (w, enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL));
  run_now (w, enqueue (w, VIGIE_ACTION_BAN, fb1, NULL, NULL));
  after = vigie_outbox_list_available_kinds (w->outbox, fb1, &error);
  g_assert_false (HAS (after, VIGIE_ACTION_HIDE));
  g_assert_true (HAS (after, VIGIE_ACTION_UNHIDE));
  g_assert_false (HAS (after, VIGIE_ACTION_BAN));
  g_assert_true (HAS (after, VIGIE_ACTION_UNBAN));

  anonymous = vigie_outbox_list_available_kinds (w->outbox, fb2, &error);
  g_assert_false (HAS (anonymous, VIGIE_ACTION_BAN));
  g_assert_true (HAS (anonymous, VIGIE_ACTION_REPLY));
#undef HAS
}

static void
test_evidence (Workspace     *w,
               gconstpointer  data)
{
  gint64 fb3 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb3");
  g_autoptr(VigieAction) action = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *computed = NULL;
  JsonObject *root, *comment, *post, *parent;
  gint64 first, second;

  first = enqueue (w, VIGIE_ACTION_REMOVE, fb3, NULL, NULL);
  action = vigie_outbox_get_action (w->outbox, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (action->evidence_id, >, 0);
  g_assert_true (vigie_audit_get_evidence (w->store, action->evidence_id, &snapshot, &sha256,
                                           &error));
  g_assert_no_error (error);
  computed = g_compute_checksum_for_string (G_CHECKSUM_SHA256, snapshot, -1);
  g_assert_cmpstr (computed, ==, sha256);
  g_assert_cmpstr (action->evidence_sha256, ==, sha256);

  g_assert_true (json_parser_load_from_data (parser, snapshot, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  comment = json_object_get_object_member (root, "comment");
  g_assert_cmpstr (json_object_get_string_member (comment, "id"), ==, "facebook:fb3");
  g_assert_cmpstr (json_object_get_string_member (comment, "text"), ==, "Tout à fait d'accord");
  g_assert_cmpstr (json_object_get_string_member (comment, "author"), ==, "Marc Gagnon");
  g_assert_cmpstr (json_object_get_string_member (comment, "author_id"), ==, "5010002");
  g_assert_cmpstr (json_object_get_string_member (comment, "permalink"), ==,
                   "https://example.org/fb3");
  g_assert_cmpstr (json_object_get_string_member (comment, "created"), ==, "2026-11-18T12:50:00Z");
  post = json_object_get_object_member (root, "post");
  g_assert_cmpstr (json_object_get_string_member (post, "text"), ==, "Avis de froid extrême");
  g_assert_cmpstr (json_object_get_string_member (post, "page"), ==, "CISSS de la Côte-Boréale");
  parent = json_object_get_object_member (root, "parent");
  g_assert_cmpstr (json_object_get_string_member (parent, "external_id"), ==, "fb1");

  /* The same content is kept once */
  second = enqueue (w, VIGIE_ACTION_ESCALATE, fb3, NULL, NULL);
  {
    g_autoptr(VigieAction) again = vigie_outbox_get_action (w->outbox, second, &error);
    g_assert_cmpint (again->evidence_id, ==, action->evidence_id);
  }
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM evidence"), ==, 1);
}

static void
test_bulk (Workspace     *w,
           gconstpointer  data)
{
  gint64 ids[] = {
    comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1"),
    comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig1"),
    comment_id (w, VIGIE_PLATFORM_YOUTUBE, "yt1"),
  };
  VigieActionRequest request = {
    .kind = VIGIE_ACTION_HIDE,
    .actor_name = "Marie Côté",
    .actor_role = "delegate",
  };
  g_autoptr(GArray) actions = NULL;
  g_autoptr(GError) error = NULL;

  actions = vigie_outbox_enqueue_bulk (w->outbox, &request, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 3);
  w->now += 10 * G_TIME_SPAN_SECOND;
  g_assert_cmpuint (process (w), ==, 3);

  for (guint i = 0; i < actions->len; i++)
    {
      gint64 id = g_array_index (actions, gint64, i);
      VigieAuditQuery query = { .action_id = id };
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(VigieAction) action = vigie_outbox_get_action (w->outbox, id, &error);
      g_auto(VigieCommentState) state = comment_state (w, ids[i]);

      g_assert_cmpint (action->comment_id, ==, ids[i]);
      g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_APPLIED);
      g_assert_true (state.hidden);
      g_assert_cmpint (action->evidence_id, >, 0);
      entries = vigie_audit_query (w->store, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, 2);
      g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[0])->event, ==, "queued");
      g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[1])->event, ==, "applied");
      g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[1])->actor_name, ==, "Marie Côté");
    }
  /* Each comment cites its own flags */
  {
    g_autoptr(VigieAction) fb = vigie_outbox_get_action (w->outbox,
                                                         g_array_index (actions, gint64, 0), NULL);
    g_autoptr(VigieAction) ig = vigie_outbox_get_action (w->outbox,
                                                         g_array_index (actions, gint64, 1), NULL);
    g_assert_cmpstr (fb->categories[0], ==, "insult");
    g_assert_cmpstr (fb->clauses[0], ==, "CISSS §10");
    g_assert_null (ig->categories[0]);
  }
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM evidence"), ==, 3);
}

static void
test_bulk_all_or_nothing (Workspace     *w,
                          gconstpointer  data)
{
  gint64 ids[] = {
    comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1"),
    comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig1"),   /* Instagram cannot ban */
  };
  VigieActionRequest request = { .kind = VIGIE_ACTION_BAN };
  g_autoptr(GArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  VigieQuery needs_action = { .view = VIGIE_VIEW_NEEDS_ACTION };
  gint64 before = vigie_store_count (w->store, &needs_action, NULL);

  actions = vigie_outbox_enqueue_bulk (w->outbox, &request, ids, G_N_ELEMENTS (ids), &error);
  g_assert_null (actions);
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "instagram:ig1"));
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM actions"), ==, 0);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM audit"), ==, 0);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM evidence"), ==, 0);
  g_assert_cmpint (vigie_store_count (w->store, &needs_action, NULL), ==, before);
}

static void
test_queue_views (Workspace     *w,
                  gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  VigieQuery needs_action = { .view = VIGIE_VIEW_NEEDS_ACTION };
  VigieQuery handled = { .view = VIGIE_VIEW_HANDLED };
  gint64 n_new = vigie_store_count (w->store, &needs_action, NULL);
  gint64 n_handled = vigie_store_count (w->store, &handled, NULL);
  gint64 id;

  /* The comment leaves the queue the moment the action is asked for */
  id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);
  g_assert_cmpint (vigie_store_count (w->store, &needs_action, NULL), ==, n_new - 1);
  g_assert_cmpint (vigie_store_count (w->store, &handled, NULL), ==, n_handled + 1);

  /* and comes back when it is undone */
  g_assert_true (vigie_outbox_undo (w->outbox, id, "Marie Côté", "delegate", NULL, NULL));
  g_assert_cmpint (vigie_store_count (w->store, &needs_action, NULL), ==, n_new);
  g_assert_cmpint (vigie_store_count (w->store, &handled, NULL), ==, n_handled);
}

/* vigie-scan --apply */

static void
test_scan_apply (Workspace     *w,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *row_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb3"));
  JsonObject *o;

  /* The CLI writes through its own connection */
  workspace_close (w);

  {
    const char *args[] = { "--db", w->path, "--apply", "hide", "--comment", "facebook:fb1",
                           "--actor", "IT script", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    o = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "applied");
    g_assert_cmpstr (json_object_get_string_member (o, "comment"), ==, "facebook:fb1");
    g_assert_cmpint (strlen (json_object_get_string_member (o, "evidence_sha256")), ==, 64);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    /* A reply from a template, the comment given by its row number */
    const char *args[] = { "--db", w->path, "--apply", "reply", "--comment", row_id,
                           "--template", "private_channel", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    /* Instagram cannot ban: a clear error, exit status 2 */
    const char *args[] = { "--db", w->path, "--apply", "ban", "--comment", "instagram:ig1", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "Instagram cannot do this"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--db", w->path, "--apply", "keep", "--comment", "youtube:yt2", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "needs a reason"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--db", w->path, "--apply", "obliterate", "--comment", "youtube:yt2",
                           NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "unknown action"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--db", w->path, "--apply", "hide", "--comment", "facebook:nope", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "nope"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--db", w->path, "--apply", "reply", "--comment", "youtube:yt2",
                           "--template", "no-such-template", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "no-such-template"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--db", w->path, "--verify-audit", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (err, "intact: 4 entries"));
  }

  /* Exactly as the application would have done it */
  workspace_open (w);
  {
    g_auto(VigieCommentState) state = comment_state (w, comment_id (w, VIGIE_PLATFORM_FACEBOOK,
                                                                    "fb1"));
    VigieAuditQuery query = { .actor = "IT script" };
    g_autoptr(GPtrArray) entries = vigie_audit_query (w->store, &query, &error);

    g_assert_true (state.hidden);
    g_assert_cmpuint (entries->len, ==, 2);
    g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[0])->clauses[0], ==, "CISSS §10");
  }
  g_assert_cmpint (sql_int (w->store,
                            "SELECT count(*) FROM comments WHERE parent_external_id = 'fb3'"
                            " AND text LIKE 'Bonjour Marc Gagnon, %message privé%'"),
                   ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Workspace, NULL, workspace_setup, func, workspace_teardown)

  g_test_add_func ("/vigie/action/kind-strings", test_kind_strings);
  g_test_add_func ("/vigie/action/capabilities", test_capabilities);
  ADD ("/vigie/action/sandbox/hide-unhide", test_sandbox_hide_unhide);
  ADD ("/vigie/action/sandbox/remove", test_sandbox_remove);
  ADD ("/vigie/action/sandbox/remove-already-gone", test_sandbox_remove_already_gone);
  ADD ("/vigie/action/sandbox/ban-unban", test_sandbox_ban);
  ADD ("/vigie/action/sandbox/ban-unknown-author", test_sandbox_ban_unknown_author);
  ADD ("/vigie/action/sandbox/reply", test_sandbox_reply);
  ADD ("/vigie/action/sandbox/reply-checks", test_sandbox_reply_checks);
  ADD ("/vigie/action/sandbox/private-reply", test_sandbox_private_reply);
  ADD ("/vigie/action/sandbox/local", test_sandbox_local);
  ADD ("/vigie/action/unsupported", test_unsupported);
  ADD ("/vigie/action/available-kinds", test_available_kinds);
  ADD ("/vigie/action/evidence", test_evidence);
  ADD ("/vigie/action/bulk", test_bulk);
  ADD ("/vigie/action/bulk-all-or-nothing", test_bulk_all_or_nothing);
  ADD ("/vigie/action/queue-views", test_queue_views);
  ADD ("/vigie/action/scan-apply", test_scan_apply);
#undef ADD

  return g_test_run ();
}
