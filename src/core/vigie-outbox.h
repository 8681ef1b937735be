/* vigie-outbox.h — moderation actions, from the keystroke to the platform
 *
 * Every action is written to the workspace as *pending* before anything
 * else happens, with an evidence snapshot of the comment and an audit
 * entry. It waits for its grace period (10 s unless set otherwise): undo
 * within it cancels the action, which never leaves the machine. Then the
 * connector executes it; it becomes *applied*, or is retried with
 * exponential backoff, or becomes *failed* with the platform's error,
 * where a person can retry or abandon it. Undo after the grace period
 * issues the reverse action where the platform has one.
 *
 * A crash, `kill -9` or a closed laptop loses nothing: pending actions are
 * executed at the next start. None is executed twice: the attempt is
 * recorded before the connector runs, and connectors are idempotent.
 *
 * The outbox uses its store's connection: use it on that store's thread
 * (the main thread in the application). Connectors run asynchronously.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-action.h"
#include "vigie-connector.h"
#include "vigie-policy.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_OUTBOX_DEFAULT_GRACE_PERIOD (10 * G_TIME_SPAN_SECOND)

/* What happened to a comment through its actions */
typedef struct
{
  gboolean            hidden;
  gboolean            removed;
  gboolean            author_banned;
  VigieCommentStatus  status;
  char               *resolution;        /* the kind of the action that handled it, "page" for
                                          * the page's own replies; NULL while in the queue */
  char               *resolution_note;   /* the reason it was kept... */
} VigieCommentState;

void vigie_comment_state_clear (VigieCommentState *state);

#define VIGIE_TYPE_OUTBOX (vigie_outbox_get_type ())

G_DECLARE_FINAL_TYPE (VigieOutbox, vigie_outbox, VIGIE, OUTBOX, GObject)

/* Signals:
 * ::action-added (gint64 id)          an action was queued
 * ::action-changed (gint64 id, VigieActionStatus status, guint attempts)
 *                                      its status or attempts changed
 * ::comment-changed (gint64 comment_id)
 *                                      an action changed the comment (its
 *                                      state, its status) or added a reply
 *                                      to it: reload it
 * ::process-error (GError *error)     executing in the background failed
 *                                      (the store), or a deferred undo
 *                                      proved impossible */

VigieOutbox    *vigie_outbox_new                 (VigieStore        *store,
                                                  VigieConnector    *connector);
VigieStore     *vigie_outbox_get_store           (VigieOutbox       *self);
VigieConnector *vigie_outbox_get_connector       (VigieOutbox       *self);

/* The approval rules come from @policy (vigie_policy_get_approval_rule):
 * a delegate's action that needs the director's approval is queued as
 * VIGIE_ACTION_STATUS_PROPOSED and never executed until approved; an
 * `immediate` one (hiding a threat) is executed as usual and awaits the
 * director's confirmation. Without a policy only escalations await the
 * director. The director's own actions never need approval. */
void            vigie_outbox_set_policy          (VigieOutbox       *self,
                                                  VigiePolicy       *policy);
VigiePolicy    *vigie_outbox_get_policy          (VigieOutbox       *self);

/* Settings (the application reads them from GSettings) */
void            vigie_outbox_set_grace_period    (VigieOutbox       *self,
                                                  GTimeSpan          grace_period);
GTimeSpan       vigie_outbox_get_grace_period    (VigieOutbox       *self);
/* A retryable failure is tried again after @first_delay, then twice as
 * long each time up to @max_delay; after @max_attempts attempts the action
 * is failed. Defaults: 6 attempts, 15 s, 1 h. */
void            vigie_outbox_set_retry_policy    (VigieOutbox       *self,
                                                  guint              max_attempts,
                                                  GTimeSpan          first_delay,
                                                  GTimeSpan          max_delay);
/* The clock, for tests; NULL for g_get_real_time() */
void            vigie_outbox_set_clock           (VigieOutbox       *self,
                                                  VigieClockFunc     func,
                                                  gpointer           user_data);
gint64          vigie_outbox_now                 (VigieOutbox       *self);

/* Queuing. Checks the request (the platform can do it, a reason to keep,
 * the text of a reply and its length), snapshots the comment, writes the
 * pending action and its audit entry in one transaction, and marks the
 * comment handled (undo puts it back). Returns the action's id, 0 on
 * error. */
gint64          vigie_outbox_enqueue             (VigieOutbox              *self,
                                                  const VigieActionRequest *request,
                                                  GError                  **error);
/* The same request for each of @comment_ids, each a separate action with
 * its own evidence and audit entries, all queued or none. With NULL
 * categories and clauses in @request, each comment cites its own flags.
 * Returns the ids (gint64) in the same order. */
GArray         *vigie_outbox_enqueue_bulk        (VigieOutbox              *self,
                                                  const VigieActionRequest *request,
                                                  const gint64             *comment_ids,
                                                  guint                     n_comment_ids,
                                                  GError                  **error);

typedef enum
{
  VIGIE_UNDO_NONE,       /* nothing to undo */
  VIGIE_UNDO_CANCEL,     /* not sent yet: undo cancels it */
  VIGIE_UNDO_REVERSE,    /* applied: undo issues the reverse action */
} VigieUndoKind;

/* What undo would do now; VIGIE_UNDO_NONE when it cannot */
VigieUndoKind   vigie_outbox_get_undo_kind       (VigieOutbox       *self,
                                                  gint64             action_id);
/* Cancels the action when it has not left the machine; otherwise queues its
 * reverse (executed without a grace period; its id in @out_reverse_id).
 * When the connector is sending the action at that very moment, undo
 * follows as soon as it returns (::action-changed, ::action-added; an
 * undo that then proves impossible is reported by ::process-error) and
 * @out_reverse_id is 0. Errors: VIGIE_ACTION_ERROR_IRREVERSIBLE, _STATE,
 * _NOT_FOUND. */
gboolean        vigie_outbox_undo                (VigieOutbox       *self,
                                                  gint64             action_id,
                                                  const char        *actor_name,
                                                  const char        *actor_role,
                                                  gint64            *out_reverse_id,
                                                  GError           **error);
/* A failed action: try again now (attempts start over), or give up on it
 * (the comment goes back to the queue) */
gboolean        vigie_outbox_retry               (VigieOutbox       *self,
                                                  gint64             action_id,
                                                  const char        *actor_name,
                                                  const char        *actor_role,
                                                  GError           **error);
gboolean        vigie_outbox_abandon             (VigieOutbox       *self,
                                                  gint64             action_id,
                                                  const char        *actor_name,
                                                  const char        *actor_role,
                                                  GError           **error);

/* Reading */
VigieAction    *vigie_outbox_get_action          (VigieOutbox       *self,
                                                  gint64             action_id,
                                                  GError           **error);
/* VigieAction* with @status, newest first (the "Failed actions" view) */
GPtrArray      *vigie_outbox_list                (VigieOutbox       *self,
                                                  VigieActionStatus  status,
                                                  GError           **error);
/* VigieAction* on the comment, oldest first */
GPtrArray      *vigie_outbox_list_for_comment    (VigieOutbox       *self,
                                                  gint64             comment_id,
                                                  GError           **error);
gint64          vigie_outbox_count               (VigieOutbox       *self,
                                                  VigieActionStatus  status,
                                                  GError           **error);
/* The actions to offer for this comment now: those its platform can do,
 * less those that make no sense in its state (unhide a visible comment,
 * unban an author who is not banned, ban an unknown author, a second
 * private reply...). A GArray of VigieActionKind. */
GArray         *vigie_outbox_list_available_kinds (VigieOutbox      *self,
                                                   gint64            comment_id,
                                                   GError          **error);
gboolean        vigie_outbox_get_comment_state   (VigieOutbox       *self,
                                                  gint64             comment_id,
                                                  VigieCommentState *out_state,
                                                  GError           **error);

/* Executing */

/* When the next pending action is due (Unix µs), 0 when none is pending */
gint64          vigie_outbox_get_next_due        (VigieOutbox       *self);
/* Executes every pending action that is due now, one after the other, and
 * returns when they are done; @out_n_executed counts them. Used by
 * vigie-scan and the tests; the application uses vigie_outbox_start(). */
gboolean        vigie_outbox_process_sync        (VigieOutbox       *self,
                                                  GCancellable      *cancellable,
                                                  guint             *out_n_executed,
                                                  GError           **error);
void            vigie_outbox_process_async       (VigieOutbox         *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        vigie_outbox_process_finish      (VigieOutbox         *self,
                                                  GAsyncResult        *result,
                                                  guint               *out_n_executed,
                                                  GError             **error);
/* The director's decisions on actions awaiting them (proposals, urgent
 * actions to confirm, escalations). Only a director's profile may decide
 * (VIGIE_ACTION_ERROR_PERMISSION otherwise). Every decision is in the
 * audit trail ("approved", "edited", "rejected").
 *
 * Approve: a proposal becomes pending and goes through the outbox (with
 * the grace period); @text, when not NULL, replaces the reply's text (the
 * delegate's draft is kept in draft_text); @note is optional. */
gboolean        vigie_outbox_approve             (VigieOutbox       *self,
                                                  gint64             action_id,
                                                  const char        *text,
                                                  const char        *note,
                                                  const char        *actor_name,
                                                  const char        *actor_role,
                                                  GError           **error);
/* Reject, with a note for the delegate (required): a proposal is never
 * executed and its comment goes back to the queue; an action already
 * applied (an urgent hide, an escalation) is taken back when the platform
 * can (its reverse is queued). */
gboolean        vigie_outbox_reject              (VigieOutbox       *self,
                                                  gint64             action_id,
                                                  const char        *note,
                                                  const char        *actor_name,
                                                  const char        *actor_role,
                                                  GError           **error);
/* VigieAction* awaiting the director, the most urgent first (urgent
 * comments, then by severity, then oldest) */
GPtrArray      *vigie_outbox_list_awaiting       (VigieOutbox       *self,
                                                  GError           **error);
gint64          vigie_outbox_count_awaiting      (VigieOutbox       *self,
                                                  GError           **error);

/* Executes due actions in the thread-default main context from now on,
 * waking when the next one is due (pending actions left by a previous run
 * included); stop() cancels the work under way. Errors of the store are
 * reported by the ::process-error signal (GError*). */
void            vigie_outbox_start               (VigieOutbox       *self);
void            vigie_outbox_stop                (VigieOutbox       *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigieCommentState, vigie_comment_state_clear)

G_END_DECLS
