/* test-outbox.c — the grace period and undo, retries, failed actions,
 * resuming after a restart, and a crash between pending and applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "vigie-audit.h"
#include "test-actions-common.h"

/* Undo within the grace period: the action never leaves the machine */
static void
test_undo_within_grace (Workspace     *w,
                        gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  g_autoptr(GError) error = NULL;
  gint64 id, reverse = -1;

  g_assert_cmpint (vigie_outbox_get_grace_period (w->outbox), ==, SECONDS (10));
  id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);
  g_assert_cmpint (vigie_outbox_get_next_due (w->outbox), ==, T0 + SECONDS (10));

  /* Five seconds later: not due yet */
  w->now = T0 + SECONDS (5);
  g_assert_cmpuint (process (w), ==, 0);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_PENDING);
  g_assert_cmpint (vigie_outbox_get_undo_kind (w->outbox, id), ==, VIGIE_UNDO_CANCEL);

  g_assert_true (vigie_outbox_undo (w->outbox, id, "Marie Côté", "delegate", &reverse, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reverse, ==, 0);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_CANCELLED);

  /* Long after: still nothing reaches the platform */
  w->now = T0 + SECONDS (60);
  g_assert_cmpuint (process (w), ==, 0);
  g_assert_cmpuint (vigie_sandbox_connector_get_n_executed (w->sandbox), ==, 0);
  {
    g_auto(VigieCommentState) state = comment_state (w, fb1);
    g_assert_false (state.hidden);
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_NEW);
    g_assert_null (state.resolution);
  }
  g_assert_cmpuint (count_events (w, id, "queued"), ==, 1);
  g_assert_cmpuint (count_events (w, id, "cancelled"), ==, 1);
  g_assert_cmpuint (count_events (w, id, "applied"), ==, 0);

  /* Nothing more to undo */
  g_assert_cmpint (vigie_outbox_get_undo_kind (w->outbox, id), ==, VIGIE_UNDO_NONE);
  g_assert_false (vigie_outbox_undo (w->outbox, id, NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE);
}

/* After the grace period, undo issues the reverse action */
static void
test_undo_after_grace (Workspace     *w,
                       gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieAction) reverse_action = NULL;
  g_autoptr(VigieAction) original = NULL;
  gint64 id, reverse = 0;

  id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);
  w->now = T0 + SECONDS (10);
  g_assert_cmpuint (process (w), ==, 1);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_APPLIED);
  {
    g_auto(VigieCommentState) state = comment_state (w, fb1);
    g_assert_true (state.hidden);
  }

  w->now = T0 + SECONDS (30);
  g_assert_cmpint (vigie_outbox_get_undo_kind (w->outbox, id), ==, VIGIE_UNDO_REVERSE);
  g_assert_true (vigie_outbox_undo (w->outbox, id, "Marie Côté", "delegate", &reverse, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reverse, >, id);
  reverse_action = vigie_outbox_get_action (w->outbox, reverse, &error);
  g_assert_cmpint (reverse_action->kind, ==, VIGIE_ACTION_UNHIDE);
  g_assert_cmpint (reverse_action->reverse_of, ==, id);
  /* No second grace period: the reverse is due now */
  g_assert_cmpint (reverse_action->next_attempt_us, ==, w->now);
  /* The comment is back in the queue at once */
  {
    g_auto(VigieCommentState) state = comment_state (w, fb1);
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_NEW);
  }

  g_assert_cmpuint (process (w), ==, 1);
  g_assert_cmpint (action_status (w, reverse), ==, VIGIE_ACTION_STATUS_APPLIED);
  {
    g_auto(VigieCommentState) state = comment_state (w, fb1);
    g_assert_false (state.hidden);
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_NEW);
  }
  original = vigie_outbox_get_action (w->outbox, id, &error);
  g_assert_cmpint (original->reversed_by, ==, reverse);

  /* Undone once only; an undo is not undone */
  g_assert_false (vigie_outbox_undo (w->outbox, id, NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE);
  g_clear_error (&error);
  g_assert_cmpint (vigie_outbox_get_undo_kind (w->outbox, reverse), ==, VIGIE_UNDO_NONE);
  g_assert_false (vigie_outbox_undo (w->outbox, reverse, NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_IRREVERSIBLE);
}

static void
test_undo_irreversible (Workspace     *w,
                        gconstpointer  data)
{
  gint64 yt1 = comment_id (w, VIGIE_PLATFORM_YOUTUBE, "yt1");
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  g_autoptr(GError) error = NULL;
  gint64 remove, ban;

  remove = enqueue (w, VIGIE_ACTION_REMOVE, fb1, NULL, NULL);
  ban = enqueue (w, VIGIE_ACTION_BAN, yt1, NULL, NULL);
  w->now += SECONDS (11);
  g_assert_cmpuint (process (w), ==, 2);

  /* A deleted comment cannot be restored; YouTube cannot unban */
  g_assert_cmpint (vigie_outbox_get_undo_kind (w->outbox, remove), ==, VIGIE_UNDO_NONE);
  g_assert_false (vigie_outbox_undo (w->outbox, remove, NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_IRREVERSIBLE);
  g_assert_nonnull (strstr (error->message, "Facebook"));
  g_clear_error (&error);
  g_assert_false (vigie_outbox_undo (w->outbox, ban, NULL, NULL, NULL, &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_IRREVERSIBLE);
  g_assert_nonnull (strstr (error->message, "YouTube"));
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM actions"), ==, 2);
}

static void
test_undo_reply (Workspace     *w,
                 gconstpointer  data)
{
  gint64 yt1 = comment_id (w, VIGIE_PLATFORM_YOUTUBE, "yt1");
  g_autoptr(VigieAction) reply = NULL;
  g_autoptr(VigieComment) posted = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, reverse = 0;

  id = enqueue (w, VIGIE_ACTION_REPLY, yt1, "Merci de votre message.", NULL);
  w->now += SECONDS (10);
  process (w);
  reply = vigie_outbox_get_action (w->outbox, id, &error);
  g_assert_cmpint (reply->status, ==, VIGIE_ACTION_STATUS_APPLIED);

  g_assert_true (vigie_outbox_undo (w->outbox, id, NULL, NULL, &reverse, &error));
  g_assert_no_error (error);
  process (w);
  g_assert_cmpint (action_status (w, reverse), ==, VIGIE_ACTION_STATUS_APPLIED);
  posted = vigie_store_find_comment (w->store, VIGIE_PLATFORM_YOUTUBE, reply->result_ref, &error);
  g_assert_no_error (error);
  {
    g_auto(VigieCommentState) state = comment_state (w, posted->id);
    g_assert_true (state.removed);
  }
}

static void
test_undo_keep (Workspace     *w,
                gconstpointer  data)
{
  gint64 ig1 = comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig1");
  g_autoptr(GError) error = NULL;
  gint64 id, reverse = 0;

  id = enqueue (w, VIGIE_ACTION_KEEP, ig1, NULL, "Une question légitime");
  w->now += SECONDS (10);
  process (w);
  g_assert_true (vigie_outbox_undo (w->outbox, id, NULL, NULL, &reverse, &error));
  g_assert_no_error (error);
  process (w);
  g_assert_cmpint (action_status (w, reverse), ==, VIGIE_ACTION_STATUS_APPLIED);
  {
    g_auto(VigieCommentState) state = comment_state (w, ig1);
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_NEW);
    g_assert_null (state.resolution_note);
  }
}

static void
test_grace_setting (Workspace     *w,
                    gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 id;

  vigie_outbox_set_grace_period (w->outbox, SECONDS (30));
  id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);
  w->now = T0 + SECONDS (29);
  g_assert_cmpuint (process (w), ==, 0);
  w->now = T0 + SECONDS (30);
  g_assert_cmpuint (process (w), ==, 1);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_APPLIED);
}

/* Retryable failures: exponential backoff, every attempt in the trail */
static void
test_retry_backoff (Workspace     *w,
                    gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  g_autoptr(VigieAction) action = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  vigie_outbox_set_grace_period (w->outbox, 0);
  vigie_outbox_set_retry_policy (w->outbox, 6, SECONDS (15), SECONDS (3600));
  vigie_sandbox_connector_inject_failure (w->sandbox, FALSE, VIGIE_ACTION_HIDE, 2,
                                          VIGIE_CONNECTOR_ERROR_TRANSIENT, "Network is down");
  id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);

  g_assert_cmpuint (process (w), ==, 1);
  action = vigie_outbox_get_action (w->outbox, id, &error);
  g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_PENDING);
  g_assert_cmpuint (action->attempts, ==, 1);
  g_assert_cmpstr (action->last_error, ==, "Network is down");
  g_assert_cmpint (action->next_attempt_us, ==, T0 + SECONDS (15));
  g_clear_pointer (&action, vigie_action_unref);

  w->now = T0 + SECONDS (14);
  g_assert_cmpuint (process (w), ==, 0);
  w->now = T0 + SECONDS (15);
  g_assert_cmpuint (process (w), ==, 1);
  action = vigie_outbox_get_action (w->outbox, id, &error);
  g_assert_cmpuint (action->attempts, ==, 2);
  /* Twice as long */
  g_assert_cmpint (action->next_attempt_us, ==, T0 + SECONDS (15 + 30));
  g_clear_pointer (&action, vigie_action_unref);

  w->now = T0 + SECONDS (45);
  g_assert_cmpuint (process (w), ==, 1);
  action = vigie_outbox_get_action (w->outbox, id, &error);
  g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_APPLIED);
  g_assert_cmpuint (action->attempts, ==, 3);
  g_assert_null (action->last_error);
  g_assert_cmpuint (count_events (w, id, "attempt-failed"), ==, 2);
  g_assert_cmpuint (count_events (w, id, "applied"), ==, 1);
}

static void
test_failed_retry_abandon (Workspace     *w,
                           gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 ig1 = comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig1");
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 transient, permanent;

  vigie_outbox_set_grace_period (w->outbox, 0);
  vigie_outbox_set_retry_policy (w->outbox, 2, SECONDS (1), SECONDS (1));
  vigie_sandbox_connector_inject_failure (w->sandbox, FALSE, VIGIE_ACTION_HIDE, 2,
                                          VIGIE_CONNECTOR_ERROR_RATE_LIMITED,
                                          "(#32) Page request limit reached");
  vigie_sandbox_connector_inject_failure (w->sandbox, FALSE, VIGIE_ACTION_REMOVE, 1,
                                          VIGIE_CONNECTOR_ERROR_PERMISSION,
                                          "(#200) Permissions error");
  transient = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);
  permanent = enqueue (w, VIGIE_ACTION_REMOVE, ig1, NULL, NULL);

  g_assert_cmpuint (process (w), ==, 2);
  /* A permission error is not retried */
  g_assert_cmpint (action_status (w, permanent), ==, VIGIE_ACTION_STATUS_FAILED);
  g_assert_cmpint (action_status (w, transient), ==, VIGIE_ACTION_STATUS_PENDING);
  w->now += SECONDS (1);
  g_assert_cmpuint (process (w), ==, 1);
  /* Two attempts, both failed: given up */
  g_assert_cmpint (action_status (w, transient), ==, VIGIE_ACTION_STATUS_FAILED);
  g_assert_cmpint (vigie_outbox_count (w->outbox, VIGIE_ACTION_STATUS_FAILED, NULL), ==, 2);

  /* The "Failed actions" view, with the platform's errors */
  failed = vigie_outbox_list (w->outbox, VIGIE_ACTION_STATUS_FAILED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, ==, 2);
  g_assert_cmpint (((VigieAction *) failed->pdata[0])->id, ==, permanent);
  g_assert_cmpstr (((VigieAction *) failed->pdata[0])->last_error, ==, "(#200) Permissions error");
  g_assert_cmpstr (((VigieAction *) failed->pdata[1])->last_error, ==,
                   "(#32) Page request limit reached");

  /* Retry: attempts start over, and this time it goes through */
  g_assert_true (vigie_outbox_retry (w->outbox, transient, "Marie Côté", "delegate", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (process (w), ==, 1);
  g_assert_cmpint (action_status (w, transient), ==, VIGIE_ACTION_STATUS_APPLIED);

  /* Abandon: the comment goes back to the queue */
  g_assert_true (vigie_outbox_abandon (w->outbox, permanent, "Marie Côté", "delegate", &error));
  g_assert_no_error (error);
  g_assert_cmpint (action_status (w, permanent), ==, VIGIE_ACTION_STATUS_ABANDONED);
  {
    g_auto(VigieCommentState) state = comment_state (w, ig1);
    g_assert_false (state.removed);
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_NEW);
  }
  g_assert_false (vigie_outbox_abandon (w->outbox, transient, NULL, NULL, &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE);
  g_assert_cmpuint (count_events (w, transient, "failed"), ==, 1);
  g_assert_cmpuint (count_events (w, transient, "retried"), ==, 1);
  g_assert_cmpuint (count_events (w, permanent, "abandoned"), ==, 1);
}

/* Many local actions: processed in batches, all of them */
static void
test_many_local (Workspace     *w,
                 gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  VigieActionRequest request = { .kind = VIGIE_ACTION_ESCALATE, .note = "Pour la directrice" };

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *id = g_strdup_printf ("many%u", i);
      gint64 row = add_comment_full (w->store, VIGIE_PLATFORM_FACEBOOK, id, "104758392011_1",
                                     NULL, NULL, NULL, "Texte", "fr");
      g_array_append_val (ids, row);
    }
  actions = vigie_outbox_enqueue_bulk (w->outbox, &request, (gint64 *) ids->data, ids->len,
                                       &error);
  g_assert_no_error (error);
  w->now += SECONDS (10);
  g_assert_cmpuint (process (w), ==, 150);
  g_assert_cmpint (vigie_outbox_count (w->outbox, VIGIE_ACTION_STATUS_APPLIED, NULL), ==, 150);
}

/* Escalated comments have a view of their own, until undone */
static void
test_escalated_view (Workspace     *w,
                     gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 ig1 = comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig1");
  VigieQuery escalated = { .view = VIGIE_VIEW_ESCALATED };
  VigieQuery handled = { .view = VIGIE_VIEW_HANDLED };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpint (vigie_store_count (w->store, &escalated, NULL), ==, 0);
  id = enqueue (w, VIGIE_ACTION_ESCALATE, fb1, NULL, NULL);
  enqueue (w, VIGIE_ACTION_HIDE, ig1, NULL, NULL);
  g_assert_cmpint (vigie_store_count (w->store, &handled, NULL), ==, 2);
  g_assert_cmpint (vigie_store_count (w->store, &escalated, NULL), ==, 1);
  ids = vigie_store_query_ids (w->store, &escalated, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, fb1);

  g_assert_true (vigie_outbox_undo (w->outbox, id, "Marie Côté", "delegate", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vigie_store_count (w->store, &escalated, NULL), ==, 0);
}

/* Pending actions survive the process and go out at the next start */
static void
test_resume (Workspace     *w,
             gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);

  workspace_close (w);
  workspace_open (w);
  w->now = T0 + SECONDS (3600);
  g_assert_cmpuint (process (w), ==, 1);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_APPLIED);
  {
    g_auto(VigieCommentState) state = comment_state (w, fb1);
    g_assert_true (state.hidden);
  }
}

static void
signal_count_cb (VigieOutbox *outbox,
                 gint64       id,
                 guint       *count)
{
  (*count)++;
}

static void
changed_cb (VigieOutbox       *outbox,
            gint64             id,
            VigieActionStatus  status,
            guint              attempts,
            GArray            *statuses)
{
  g_array_append_val (statuses, status);
}

static void
test_signals (Workspace     *w,
              gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (VigieActionStatus));
  guint added = 0, comment_changed = 0;
  gint64 id;

  g_signal_connect (w->outbox, "action-added", G_CALLBACK (signal_count_cb), &added);
  g_signal_connect (w->outbox, "comment-changed", G_CALLBACK (signal_count_cb), &comment_changed);
  g_signal_connect (w->outbox, "action-changed", G_CALLBACK (changed_cb), statuses);

  id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (comment_changed, ==, 1);
  w->now += SECONDS (10);
  process (w);
  g_assert_cmpuint (statuses->len, ==, 1);
  g_assert_cmpint (g_array_index (statuses, VigieActionStatus, 0), ==, VIGIE_ACTION_STATUS_APPLIED);
  g_assert_cmpuint (comment_changed, ==, 2);
  g_assert_true (vigie_outbox_undo (w->outbox, id, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (added, ==, 2);

  g_signal_handlers_disconnect_by_data (w->outbox, &added);
  g_signal_handlers_disconnect_by_data (w->outbox, &comment_changed);
  g_signal_handlers_disconnect_by_data (w->outbox, statuses);
}

/* Running on its own in the main loop: the timer wakes it when an action
 * is due. Real time, with a grace period of zero. */
static void
applied_cb (VigieOutbox       *outbox,
            gint64             id,
            VigieActionStatus  status,
            guint              attempts,
            GMainLoop         *loop)
{
  if (status == VIGIE_ACTION_STATUS_APPLIED)
    g_main_loop_quit (loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

static void
test_started (Workspace     *w,
              gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 id;
  guint guard;

  vigie_outbox_set_clock (w->outbox, NULL, NULL);
  vigie_outbox_set_grace_period (w->outbox, 0);
  vigie_outbox_start (w->outbox);
  id = enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);
  g_signal_connect (w->outbox, "action-changed", G_CALLBACK (applied_cb), loop);
  guard = g_timeout_add_seconds (30, timeout_cb, NULL);
  g_main_loop_run (loop);
  g_source_remove (guard);
  g_signal_handlers_disconnect_by_data (w->outbox, loop);
  vigie_outbox_stop (w->outbox);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_APPLIED);
}

/* A connector that answers when the test says so, as a live platform over
 * the network would: undo arrives while the action is in flight */

#define TEST_TYPE_SLOW_CONNECTOR (test_slow_connector_get_type ())
G_DECLARE_FINAL_TYPE (TestSlowConnector, test_slow_connector, TEST, SLOW_CONNECTOR, GObject)

struct _TestSlowConnector
{
  GObject  parent_instance;
  GTask   *waiting;
};

static void slow_connector_iface_init (VigieConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSlowConnector, test_slow_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VIGIE_TYPE_CONNECTOR,
                                                      slow_connector_iface_init))

static void
test_slow_connector_class_init (TestSlowConnectorClass *klass)
{
}

static void
test_slow_connector_init (TestSlowConnector *self)
{
}

static const char *
slow_get_name (VigieConnector *connector)
{
  return "Slow";
}

static void
slow_execute_async (VigieConnector      *connector,
                    VigieAction         *action,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  TestSlowConnector *self = TEST_SLOW_CONNECTOR (connector);

  g_assert_null (self->waiting);
  self->waiting = g_task_new (self, cancellable, callback, user_data);
}

static gboolean
slow_execute_finish (VigieConnector  *connector,
                     GAsyncResult    *result,
                     char           **out_result_ref,
                     GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
slow_connector_iface_init (VigieConnectorInterface *iface)
{
  iface->get_name = slow_get_name;
  iface->execute_async = slow_execute_async;
  iface->execute_finish = slow_execute_finish;
}

static void
process_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (vigie_outbox_process_finish (VIGIE_OUTBOX (source), result, NULL, NULL));
  *done = TRUE;
}

static void
test_undo_in_flight (Workspace     *w,
                     gconstpointer  data)
{
  g_autoptr(TestSlowConnector) slow = g_object_new (TEST_TYPE_SLOW_CONNECTOR, NULL);
  g_autoptr(VigieOutbox) outbox = vigie_outbox_new (w->store, VIGIE_CONNECTOR (slow));
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  VigieActionRequest request = { .kind = VIGIE_ACTION_HIDE, .comment_id = fb1 };
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  gint64 reverse = -1, id;

  vigie_outbox_set_clock (outbox, workspace_clock, w);
  vigie_outbox_set_grace_period (outbox, 0);
  id = vigie_outbox_enqueue (outbox, &request, &error);
  g_assert_no_error (error);

  vigie_outbox_process_async (outbox, NULL, process_done_cb, &done);
  while (slow->waiting == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The platform has not answered yet */
  g_assert_true (vigie_outbox_undo (outbox, id, "Marie Côté", "delegate", &reverse, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reverse, ==, 0);

  g_task_return_boolean (g_steal_pointer (&slow->waiting), TRUE);
  /* It was applied, so undo sends the reverse, which the outbox picks up
   * in the same run */
  while (slow->waiting == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_task_return_boolean (g_steal_pointer (&slow->waiting), TRUE);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  actions = vigie_outbox_list_for_comment (outbox, fb1, &error);
  g_assert_cmpuint (actions->len, ==, 2);
  g_assert_cmpint (((VigieAction *) actions->pdata[0])->status, ==, VIGIE_ACTION_STATUS_APPLIED);
  g_assert_cmpint (((VigieAction *) actions->pdata[1])->kind, ==, VIGIE_ACTION_UNHIDE);
  g_assert_cmpint (((VigieAction *) actions->pdata[1])->reverse_of, ==, id);
  g_assert_cmpint (((VigieAction *) actions->pdata[1])->status, ==, VIGIE_ACTION_STATUS_APPLIED);
  g_assert_cmpstr (((VigieAction *) actions->pdata[1])->actor_name, ==, "Marie Côté");
}

/* Killed between pending and applied: a child process queues a reply and
 * dies at the chosen point; the next start applies it exactly once. The
 * child finds the workspace through a link named after its parent's pid,
 * and asks for the crash through the outbox's environment hook. */

static char *
crash_link (pid_t parent)
{
  g_autofree char *name = g_strdup_printf ("vigie-outbox-crash-%d", (int) parent);

  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
crash_child (void)
{
  Workspace w = { 0 };
  gint64 comment;

  if (!g_test_subprocess ())
    {
      g_test_skip ("Run by /vigie/outbox/crash/… in a process of its own");
      return;
    }
  {
    g_autofree char *link = crash_link (getppid ());
    g_auto(GStrv) parts = g_strsplit (g_test_get_path (), "/", -1);

    w.path = g_build_filename (link, "workspace.vigie", NULL);
    /* "/vigie/outbox/crash/POINT/child" */
    g_setenv ("VIGIE_OUTBOX_CRASH_AT", parts[4], TRUE);
  }
  w.now = T0;
  workspace_open (&w);
  vigie_outbox_set_grace_period (w.outbox, 0);
  comment = comment_id (&w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  enqueue (&w, VIGIE_ACTION_REPLY, comment, "Nous vous répondons en privé.", NULL);
  process (&w);
  /* Not reached: VIGIE_OUTBOX_CRASH_AT ends the process first */
  exit (0);
}

static void
test_crash (Workspace     *w,
            gconstpointer  data)
{
  const char *point = data;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(VigieAuditVerification) verification = { 0 };
  g_autofree char *child_path = g_strdup_printf ("/vigie/outbox/crash/%s/child", point);
  VigieAction *action;
  gboolean effect_before_restart = g_str_equal (point, "after-execute");

  g_autofree char *link = crash_link (getpid ());

  workspace_close (w);
  g_unlink (link);
  g_assert_cmpint (symlink (w->dir, link), ==, 0);
  g_test_trap_subprocess (child_path, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unlink (link);
  g_test_trap_assert_failed ();

  /* The restart */
  workspace_open (w);
  pending = vigie_outbox_list (w->outbox, VIGIE_ACTION_STATUS_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  action = pending->pdata[0];
  /* The attempt was recorded before the connector ran */
  g_assert_cmpuint (action->attempts, ==, 1);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM comments WHERE author_name ="
                                      " 'CISSS de la Côte-Boréale'"),
                   ==, effect_before_restart ? 1 : 0);

  w->now = T0 + SECONDS (1);
  g_assert_cmpuint (process (w), ==, 1);
  g_assert_cmpint (action_status (w, action->id), ==, VIGIE_ACTION_STATUS_APPLIED);

  /* Applied exactly once: one reply, one "applied" in the trail, and the
   * second execution changed nothing when the first had gone through */
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM comments WHERE author_name ="
                                      " 'CISSS de la Côte-Boréale'"), ==, 1);
  g_assert_cmpuint (count_events (w, action->id, "applied"), ==, 1);
  g_assert_cmpuint (count_events (w, action->id, "queued"), ==, 1);
  g_assert_cmpuint (vigie_sandbox_connector_get_n_effects (w->sandbox), ==,
                    effect_before_restart ? 0 : 1);
  g_assert_cmpuint (process (w), ==, 0);

  g_assert_true (vigie_audit_verify (w->store, &verification, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (verification.intact);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Workspace, NULL, workspace_setup, func, workspace_teardown)

  ADD ("/vigie/outbox/undo/within-grace", test_undo_within_grace);
  ADD ("/vigie/outbox/undo/after-grace", test_undo_after_grace);
  ADD ("/vigie/outbox/undo/irreversible", test_undo_irreversible);
  ADD ("/vigie/outbox/undo/reply", test_undo_reply);
  ADD ("/vigie/outbox/undo/keep", test_undo_keep);
  ADD ("/vigie/outbox/undo/in-flight", test_undo_in_flight);
  ADD ("/vigie/outbox/grace-setting", test_grace_setting);
  ADD ("/vigie/outbox/retry/backoff", test_retry_backoff);
  ADD ("/vigie/outbox/retry/failed-retry-abandon", test_failed_retry_abandon);
  ADD ("/vigie/outbox/many-local", test_many_local);
  ADD ("/vigie/outbox/escalated-view", test_escalated_view);
  ADD ("/vigie/outbox/resume", test_resume);
  ADD ("/vigie/outbox/signals", test_signals);
  ADD ("/vigie/outbox/started", test_started);
  g_test_add ("/vigie/outbox/crash/before-execute", Workspace, "before-execute", workspace_setup,
              test_crash, workspace_teardown);
  g_test_add ("/vigie/outbox/crash/after-execute", Workspace, "after-execute", workspace_setup,
              test_crash, workspace_teardown);
  g_test_add_func ("/vigie/outbox/crash/before-execute/child", crash_child);
  g_test_add_func ("/vigie/outbox/crash/after-execute/child", crash_child);
#undef ADD

  return g_test_run ();
}
