/* vigie-outbox.c — moderation actions, from the keystroke to the platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "vigie-outbox.h"
#include "vigie-action-private.h"
#include "vigie-audit.h"
#include "vigie-policy.h"
#include "vigie-store-private.h"

/* Test hook: VIGIE_OUTBOX_CRASH_AT=before-execute or after-execute makes the
 * process _exit() right after the attempt is recorded, or right after the
 * connector applied the action and before the outbox records it, as a
 * crash or `kill -9` would. */
typedef enum
{
  CRASH_NEVER,
  CRASH_BEFORE_EXECUTE,
  CRASH_AFTER_EXECUTE,
} CrashPoint;

#define CRASH_EXIT_STATUS 86

struct _VigieOutbox
{
  GObject         parent_instance;

  VigieStore     *store;
  VigieConnector *connector;
  VigiePolicy    *policy;         /* its approval rules; NULL: none */

  GTimeSpan       grace_period;
  guint           max_attempts;
  GTimeSpan       first_delay;
  GTimeSpan       max_delay;
  VigieClockFunc  clock;
  gpointer        clock_data;
  CrashPoint      crash_point;

  gint64          in_flight;      /* the action the connector is executing, 0 for none */
  /* Undo asked for while that action was in flight: done when it returns */
  gint64          undo_when_done;
  char           *undo_actor_name;
  char           *undo_actor_role;
  gboolean        processing;

  /* vigie_outbox_start() */
  gboolean        started;
  GMainContext   *context;
  GSource        *timer;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (VigieOutbox, vigie_outbox, G_TYPE_OBJECT)

enum
{
  ACTION_ADDED,
  ACTION_CHANGED,
  COMMENT_CHANGED,
  PROCESS_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (VigieOutbox *self);

void
vigie_comment_state_clear (VigieCommentState *state)
{
  g_clear_pointer (&state->resolution, g_free);
  g_clear_pointer (&state->resolution_note, g_free);
}

/* Object */

static void
vigie_outbox_dispose (GObject *object)
{
  VigieOutbox *self = VIGIE_OUTBOX (object);

  vigie_outbox_stop (self);
  g_clear_pointer (&self->undo_actor_name, g_free);
  g_clear_pointer (&self->undo_actor_role, g_free);
  g_clear_object (&self->connector);
  g_clear_object (&self->policy);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vigie_outbox_parent_class)->dispose (object);
}

static void
vigie_outbox_class_init (VigieOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_outbox_dispose;

  signals[ACTION_ADDED] =
    g_signal_new ("action-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ACTION_CHANGED] =
    g_signal_new ("action-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT);
  signals[COMMENT_CHANGED] =
    g_signal_new ("comment-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[PROCESS_ERROR] =
    g_signal_new ("process-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
vigie_outbox_init (VigieOutbox *self)
{
  const char *crash = g_getenv ("VIGIE_OUTBOX_CRASH_AT");

  self->grace_period = VIGIE_OUTBOX_DEFAULT_GRACE_PERIOD;
  self->max_attempts = 6;
  self->first_delay = 15 * G_TIME_SPAN_SECOND;
  self->max_delay = G_TIME_SPAN_HOUR;
  if (g_strcmp0 (crash, "before-execute") == 0)
    self->crash_point = CRASH_BEFORE_EXECUTE;
  else if (g_strcmp0 (crash, "after-execute") == 0)
    self->crash_point = CRASH_AFTER_EXECUTE;
}

VigieOutbox *
vigie_outbox_new (VigieStore     *store,
                  VigieConnector *connector)
{
  VigieOutbox *self;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);
  g_return_val_if_fail (VIGIE_IS_CONNECTOR (connector), NULL);

  self = g_object_new (VIGIE_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  self->connector = g_object_ref (connector);
  return self;
}

VigieStore *
vigie_outbox_get_store (VigieOutbox *self)
{
  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);
  return self->store;
}

VigieConnector *
vigie_outbox_get_connector (VigieOutbox *self)
{
  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);
  return self->connector;
}

void
vigie_outbox_set_policy (VigieOutbox *self,
                         VigiePolicy *policy)
{
  g_return_if_fail (VIGIE_IS_OUTBOX (self));
  g_return_if_fail (policy == NULL || VIGIE_IS_POLICY (policy));
  g_set_object (&self->policy, policy);
}

VigiePolicy *
vigie_outbox_get_policy (VigieOutbox *self)
{
  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);
  return self->policy;
}

void
vigie_outbox_set_grace_period (VigieOutbox *self,
                               GTimeSpan    grace_period)
{
  g_return_if_fail (VIGIE_IS_OUTBOX (self));
  self->grace_period = MAX (grace_period, 0);
}

GTimeSpan
vigie_outbox_get_grace_period (VigieOutbox *self)
{
  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), 0);
  return self->grace_period;
}

void
vigie_outbox_set_retry_policy (VigieOutbox *self,
                               guint        max_attempts,
                               GTimeSpan    first_delay,
                               GTimeSpan    max_delay)
{
  g_return_if_fail (VIGIE_IS_OUTBOX (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->first_delay = MAX (first_delay, 0);
  self->max_delay = MAX (max_delay, self->first_delay);
}

void
vigie_outbox_set_clock (VigieOutbox    *self,
                        VigieClockFunc  func,
                        gpointer        user_data)
{
  g_return_if_fail (VIGIE_IS_OUTBOX (self));
  self->clock = func;
  self->clock_data = user_data;
}

gint64
vigie_outbox_now (VigieOutbox *self)
{
  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), 0);
  return self->clock ? self->clock (self->clock_data) : g_get_real_time ();
}

/* Store helpers */

static gboolean
step_error (VigieOutbox   *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  int rc = sqlite3_errcode (_vigie_store_get_db (self->store));

  sqlite3_reset (stmt);
  return _vigie_store_set_error (self->store, rc, error);
}

static gboolean
step_done (VigieOutbox   *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return step_error (self, stmt, error);
  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

static gboolean
begin (VigieOutbox  *self,
       GError      **error)
{
  g_return_val_if_fail (!vigie_store_in_transaction (self->store), FALSE);
  return vigie_store_begin (self->store, error);
}

static gboolean
end (VigieOutbox  *self,
     gboolean      ok,
     GError      **error)
{
  if (!ok)
    {
      vigie_store_rollback (self->store);
      return FALSE;
    }
  return vigie_store_commit (self->store, error);
}

/* Reading actions */

#define ACTION_COLUMNS \
  "a.id, a.kind, a.status, a.attempts, a.next_attempt_us, a.last_error, a.idempotency_key," \
  " a.comment_id, c.platform, c.external_id, p.external_id, c.parent_external_id," \
  " au.external_id, pg.external_id, a.categories, a.clauses, a.actor_name, a.actor_role," \
  " a.template_id, a.lang, a.text, a.note, a.correction, a.target_ref, a.result_ref," \
  " coalesce (a.reverse_of, 0)," \
  " coalesce ((SELECT r.id FROM actions r WHERE r.reverse_of = a.id" \
  "   AND r.status NOT IN ('cancelled', 'abandoned') ORDER BY r.id DESC LIMIT 1), 0)," \
  " coalesce (a.evidence_id, 0), e.sha256, a.created_us, a.updated_us," \
  " a.approval, a.decided_by, a.decided_role, a.decision_note, a.decided_us, a.draft_text" \
  " FROM actions a JOIN comments c ON c.id = a.comment_id" \
  " LEFT JOIN posts p ON p.id = c.post_id" \
  " LEFT JOIN pages pg ON pg.id = p.page_id" \
  " LEFT JOIN authors au ON au.id = c.author_id" \
  " LEFT JOIN evidence e ON e.id = a.evidence_id"

static VigieAction *
action_from_row (sqlite3_stmt *stmt)
{
  VigieAction *a = vigie_action_new ();
  const char *kind = (const char *) sqlite3_column_text (stmt, 1);
  const char *status = (const char *) sqlite3_column_text (stmt, 2);

  a->id = sqlite3_column_int64 (stmt, 0);
  if (!vigie_action_kind_from_string (kind, &a->kind))
    g_warning ("Unknown action kind “%s” in action %" G_GINT64_FORMAT, kind, a->id);
  vigie_action_status_from_string (status, &a->status);
  a->attempts = sqlite3_column_int (stmt, 3);
  a->next_attempt_us = sqlite3_column_int64 (stmt, 4);
  a->last_error = dup_text (stmt, 5);
  a->idempotency_key = dup_text (stmt, 6);
  a->comment_id = sqlite3_column_int64 (stmt, 7);
  a->platform = sqlite3_column_int (stmt, 8);
  a->external_id = dup_text (stmt, 9);
  a->comment_ref = g_strconcat (vigie_platform_to_string (a->platform), ":", a->external_id, NULL);
  a->post_external_id = dup_text (stmt, 10);
  a->parent_external_id = dup_text (stmt, 11);
  a->author_external_id = dup_text (stmt, 12);
  a->page_external_id = dup_text (stmt, 13);
  a->categories = _vigie_strv_from_json ((const char *) sqlite3_column_text (stmt, 14));
  a->clauses = _vigie_strv_from_json ((const char *) sqlite3_column_text (stmt, 15));
  a->actor_name = dup_text (stmt, 16);
  a->actor_role = dup_text (stmt, 17);
  a->template_id = dup_text (stmt, 18);
  a->lang = dup_text (stmt, 19);
  a->text = dup_text (stmt, 20);
  a->note = dup_text (stmt, 21);
  a->correction = vigie_correction_from_string ((const char *) sqlite3_column_text (stmt, 22));
  a->target_ref = dup_text (stmt, 23);
  a->result_ref = dup_text (stmt, 24);
  a->reverse_of = sqlite3_column_int64 (stmt, 25);
  a->reversed_by = sqlite3_column_int64 (stmt, 26);
  a->evidence_id = sqlite3_column_int64 (stmt, 27);
  a->evidence_sha256 = dup_text (stmt, 28);
  a->created_us = sqlite3_column_int64 (stmt, 29);
  a->updated_us = sqlite3_column_int64 (stmt, 30);
  a->approval = vigie_approval_from_string ((const char *) sqlite3_column_text (stmt, 31));
  a->decided_by = dup_text (stmt, 32);
  a->decided_role = dup_text (stmt, 33);
  a->decision_note = dup_text (stmt, 34);
  a->decided_us = sqlite3_column_int64 (stmt, 35);
  a->draft_text = dup_text (stmt, 36);
  return a;
}

VigieAction *
vigie_outbox_get_action (VigieOutbox  *self,
                         gint64        action_id,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  VigieAction *action = NULL;
  int rc;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);

  stmt = _vigie_store_get_statement (self->store, "SELECT " ACTION_COLUMNS " WHERE a.id = ?1",
                                     error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, action_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    action = action_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_NOT_FOUND,
                 _("No action %lld in the workspace."), (long long) action_id);
  else
    {
      step_error (self, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return action;
}

static GPtrArray *
collect_actions (VigieOutbox   *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  int rc;

  actions = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_action_unref);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (actions, action_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      step_error (self, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&actions);
}

GPtrArray *
vigie_outbox_list (VigieOutbox        *self,
                   VigieActionStatus   status,
                   GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT " ACTION_COLUMNS
                                     " WHERE a.status = ?1 ORDER BY a.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, vigie_action_status_to_string (status), -1, SQLITE_STATIC);
  return collect_actions (self, stmt, error);
}

GPtrArray *
vigie_outbox_list_for_comment (VigieOutbox  *self,
                               gint64        comment_id,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT " ACTION_COLUMNS
                                     " WHERE a.comment_id = ?1 ORDER BY a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  return collect_actions (self, stmt, error);
}

/* Runs a "SELECT count(*)" statement: -1 with an error on failure */
static gint64
step_count (VigieOutbox   *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  gint64 count;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      step_error (self, stmt, error);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

gint64
vigie_outbox_count (VigieOutbox        *self,
                    VigieActionStatus   status,
                    GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), -1);

  stmt = _vigie_store_get_statement (self->store, "SELECT count(*) FROM actions WHERE status = ?1",
                                     error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, vigie_action_status_to_string (status), -1, SQLITE_STATIC);
  return step_count (self, stmt, error);
}

/* Comments */

typedef struct
{
  VigieCommentState state;
  gint64            resolution_action;
  gint64            author_id;
} CommentRow;

static void
comment_row_clear (CommentRow *row)
{
  vigie_comment_state_clear (&row->state);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CommentRow, comment_row_clear)

static gboolean
load_comment_row (VigieOutbox  *self,
                  gint64        comment_id,
                  CommentRow   *out,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT c.hidden, c.removed, coalesce (au.banned, 0),"
                                     "  c.status, c.resolution, c.resolution_note,"
                                     "  coalesce (c.resolution_action, 0), coalesce (c.author_id, 0)"
                                     " FROM comments c LEFT JOIN authors au ON au.id = c.author_id"
                                     " WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_NOT_FOUND,
                   _("No comment %lld in the workspace."), (long long) comment_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return step_error (self, stmt, error);
  out->state.hidden = sqlite3_column_int (stmt, 0) != 0;
  out->state.removed = sqlite3_column_int (stmt, 1) != 0;
  out->state.author_banned = sqlite3_column_int (stmt, 2) != 0;
  out->state.status = sqlite3_column_int (stmt, 3);
  out->state.resolution = dup_text (stmt, 4);
  out->state.resolution_note = dup_text (stmt, 5);
  out->resolution_action = sqlite3_column_int64 (stmt, 6);
  out->author_id = sqlite3_column_int64 (stmt, 7);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
vigie_outbox_get_comment_state (VigieOutbox        *self,
                                gint64              comment_id,
                                VigieCommentState  *out_state,
                                GError            **error)
{
  g_auto(CommentRow) row = { { 0 } };

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (out_state != NULL, FALSE);

  if (!load_comment_row (self, comment_id, &row, error))
    return FALSE;
  *out_state = row.state;
  memset (&row.state, 0, sizeof row.state);
  return TRUE;
}

static gboolean
set_comment_resolution (VigieOutbox        *self,
                        gint64              comment_id,
                        VigieCommentStatus  status,
                        const char         *resolution,
                        const char         *note,
                        gint64              action_id,
                        GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE comments SET status = ?2, resolution = ?3,"
                                     "  resolution_note = ?4, resolution_action = nullif (?5, 0)"
                                     " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  sqlite3_bind_int (stmt, 2, status);
  bind_text_or_null (stmt, 3, resolution);
  bind_text_or_null (stmt, 4, note);
  sqlite3_bind_int64 (stmt, 5, action_id);
  return step_done (self, stmt, error);
}

static gboolean
set_resolution_action (VigieOutbox  *self,
                       gint64        comment_id,
                       gint64        action_id,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE comments SET resolution_action = ?2 WHERE id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  sqlite3_bind_int64 (stmt, 2, action_id);
  return step_done (self, stmt, error);
}

/* Puts the comment back as it was before @action_id, if that action is the
 * one that last decided its status */
static gboolean
restore_comment (VigieOutbox  *self,
                 gint64        action_id,
                 GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE comments SET status = coalesce (a.prev_status, 0),"
                                     "  resolution = a.prev_resolution,"
                                     "  resolution_note = a.prev_resolution_note,"
                                     "  resolution_action = a.prev_resolution_action"
                                     " FROM actions a"
                                     " WHERE a.id = ?1 AND comments.id = a.comment_id"
                                     "   AND comments.resolution_action = a.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action_id);
  return step_done (self, stmt, error);
}

static gboolean
has_private_reply (VigieOutbox  *self,
                   gint64        comment_id,
                   gboolean     *out_has,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT 1 FROM actions WHERE comment_id = ?1"
                                     "  AND kind = 'private_reply'"
                                     "  AND status IN ('pending', 'applied', 'failed')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return step_error (self, stmt, error);
  *out_has = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

GArray *
vigie_outbox_list_available_kinds (VigieOutbox  *self,
                                   gint64        comment_id,
                                   GError      **error)
{
  g_autoptr(VigieComment) comment = NULL;
  g_auto(CommentRow) row = { { 0 } };
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (VigieActionKind));
  const VigieActionKind *offered;
  gboolean private_reply = FALSE;
  guint n;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);

  comment = vigie_store_get_comment (self->store, comment_id, error);
  if (comment == NULL || !load_comment_row (self, comment_id, &row, error) ||
      !has_private_reply (self, comment_id, &private_reply, error))
    return NULL;

  offered = vigie_action_kinds_for_platform (comment->platform, &n);
  for (guint i = 0; i < n; i++)
    {
      VigieActionKind kind = offered[i];
      gboolean on_comment = kind == VIGIE_ACTION_HIDE || kind == VIGIE_ACTION_UNHIDE ||
                            kind == VIGIE_ACTION_REMOVE || kind == VIGIE_ACTION_REPLY ||
                            kind == VIGIE_ACTION_PRIVATE_REPLY;

      if (row.state.removed && on_comment)
        continue;
      if ((kind == VIGIE_ACTION_HIDE && row.state.hidden) ||
          (kind == VIGIE_ACTION_UNHIDE && !row.state.hidden))
        continue;
      if ((kind == VIGIE_ACTION_BAN || kind == VIGIE_ACTION_UNBAN) && row.author_id == 0)
        continue;
      if ((kind == VIGIE_ACTION_BAN && row.state.author_banned) ||
          (kind == VIGIE_ACTION_UNBAN && !row.state.author_banned))
        continue;
      if (kind == VIGIE_ACTION_PRIVATE_REPLY && private_reply)
        continue;
      g_array_append_val (kinds, kind);
    }
  return g_steal_pointer (&kinds);
}

/* Queuing */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_text (VigieActionKind   kind,
            VigiePlatform     platform,
            const char       *stable_id,
            const char       *text,
            GError          **error)
{
  guint limit = vigie_action_get_text_limit (platform, kind);
  glong length;

  if (is_blank (text) || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                   _("Comment %s: the reply has no text."), stable_id);
      return FALSE;
    }
  length = g_utf8_strlen (text, -1);
  if (limit > 0 && (gulong) length > limit)
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_TOO_LONG,
                   _("Comment %s: the reply is %ld characters long; %s accepts at most %u."),
                   stable_id, length, vigie_platform_get_display_name (platform), limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_request (VigieOutbox               *self,
               const VigieActionRequest  *request,
               const VigieComment        *comment,
               const CommentRow          *row,
               gboolean                   is_reverse,
               GError                   **error)
{
  VigieActionKind kind = request->kind;
  const char *platform = vigie_platform_get_display_name (comment->platform);
  g_autofree char *stable_id = vigie_comment_dup_stable_id (comment);

  if (kind > VIGIE_ACTION_KIND_LAST)
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                   _("Unknown action %d."), (int) kind);
      return FALSE;
    }
  if (!is_reverse && (kind == VIGIE_ACTION_RETRACT_REPLY || kind == VIGIE_ACTION_REOPEN))
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                   _("“%s” is only done by undoing another action."),
                   vigie_action_kind_get_label (kind, comment->platform));
      return FALSE;
    }
  if (!vigie_action_kind_is_supported (comment->platform, kind))
    {
      if (comment->platform == VIGIE_PLATFORM_UNKNOWN)
        g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_UNSUPPORTED,
                     _("Comment %s: its platform is not known, so Vigie cannot act on it there "
                       "(“%s”)."), stable_id,
                     vigie_action_kind_get_label (kind, comment->platform));
      else
        g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_UNSUPPORTED,
                     _("Comment %s: %s cannot do this: %s."), stable_id, platform,
                     vigie_action_kind_get_label (kind, comment->platform));
      return FALSE;
    }

  if (row->state.removed && !is_reverse &&
      (kind == VIGIE_ACTION_HIDE || kind == VIGIE_ACTION_UNHIDE || kind == VIGIE_ACTION_REMOVE ||
       kind == VIGIE_ACTION_REPLY || kind == VIGIE_ACTION_PRIVATE_REPLY))
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE,
                   _("Comment %s was removed from %s."), stable_id, platform);
      return FALSE;
    }

  if ((kind == VIGIE_ACTION_BAN || kind == VIGIE_ACTION_UNBAN) && row->author_id == 0)
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                   _("Comment %s: its author is not known, so they cannot be banned or "
                     "unbanned."), stable_id);
      return FALSE;
    }

  if (kind == VIGIE_ACTION_KEEP && is_blank (request->note))
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                   _("Comment %s: keeping a comment needs a reason: a public body must be able "
                     "to justify leaving it up."), stable_id);
      return FALSE;
    }

  if (vigie_action_kind_needs_text (kind) &&
      !check_text (kind, comment->platform, stable_id, request->text, error))
    return FALSE;

  if (kind == VIGIE_ACTION_CORRECT_CLASSIFICATION)
    {
      if (request->correction == VIGIE_CORRECTION_NONE || request->categories == NULL ||
          request->categories[0] == NULL || request->categories[1] != NULL)
        {
          g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                       _("Comment %s: a correction names one category, wrongly flagged or "
                         "missed."), stable_id);
          return FALSE;
        }
      if (!vigie_category_id_is_valid (request->categories[0]))
        {
          g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                       _("Comment %s: “%s” is not a category of the policy."), stable_id,
                       request->categories[0]);
          return FALSE;
        }
    }

  if (kind == VIGIE_ACTION_PRIVATE_REPLY)
    {
      gboolean has = FALSE;

      if (!has_private_reply (self, comment->id, &has, error))
        return FALSE;
      if (has)
        {
          g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE,
                       _("Comment %s already has a private reply; %s allows only one."),
                       stable_id, platform);
          return FALSE;
        }
    }
  return TRUE;
}

/* The categories and clauses of the comment's flags */
static gboolean
cited_by_flags (VigieOutbox         *self,
                gint64               comment_id,
                const char * const  *only_categories,
                GStrv               *out_categories,
                GStrv               *out_clauses,
                GError             **error)
{
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) clauses = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT category, clause FROM flags WHERE comment_id = ?1"
                                     " ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *category = (const char *) sqlite3_column_text (stmt, 0);
      const char *clause = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *category_key = g_strconcat ("c:", category, NULL);

      if (only_categories != NULL && !g_strv_contains (only_categories, category))
        continue;
      if (category != NULL && g_hash_table_add (seen, g_steal_pointer (&category_key)))
        g_strv_builder_add (categories, category);
      if (clause != NULL)
        {
          /* A flag may cite several clauses, separated by ";" */
          g_auto(GStrv) parts = g_strsplit (clause, ";", -1);
          for (guint i = 0; parts[i]; i++)
            {
              char *part = g_strstrip (parts[i]);
              if (part[0] != '\0' && g_hash_table_add (seen, g_strconcat ("k:", part, NULL)))
                g_strv_builder_add (clauses, part);
            }
        }
    }
  if (rc != SQLITE_DONE)
    return step_error (self, stmt, error);
  sqlite3_reset (stmt);
  if (out_categories)
    *out_categories = g_strv_builder_end (categories);
  if (out_clauses)
    *out_clauses = g_strv_builder_end (clauses);
  return TRUE;
}

static char *
audit_note (VigieCorrection  correction,
            const char      *note)
{
  const char *what = vigie_correction_to_string (correction);

  if (what == NULL)
    return g_strdup (note);
  if (note == NULL || note[0] == '\0')
    return g_strdup (what);
  return g_strconcat (what, ": ", note, NULL);
}

/* The action as the policy's "approval" lists name it; NULL for those the
 * director never has to approve */
static const char *
policy_action_for_kind (VigieActionKind kind)
{
  switch (kind)
    {
    case VIGIE_ACTION_HIDE:
      return "hide";
    case VIGIE_ACTION_REMOVE:
      return "remove";
    case VIGIE_ACTION_BAN:
      return "ban";
    case VIGIE_ACTION_REPLY:
    case VIGIE_ACTION_PRIVATE_REPLY:
      return "reply";
    case VIGIE_ACTION_KEEP:
      return "keep";
    default:
      return NULL;
    }
}

static gboolean
kind_handles_comment (VigieActionKind kind)
{
  return kind != VIGIE_ACTION_UNBAN && kind != VIGIE_ACTION_CORRECT_CLASSIFICATION;
}

/* Inside a transaction. @reverse_of: the action this one takes back, or
 * NULL; @target_ref: retract_reply's reply. */
static gint64
enqueue_one (VigieOutbox               *self,
             const VigieActionRequest  *request,
             gint64                     now,
             const VigieAction         *reverse_of,
             const char                *target_ref,
             GError                   **error)
{
  g_autoptr(VigieComment) comment = NULL;
  g_auto(CommentRow) row = { { 0 } };
  g_auto(GStrv) flag_categories = NULL;
  g_auto(GStrv) flag_clauses = NULL;
  g_autofree char *categories_json = NULL;
  g_autofree char *clauses_json = NULL;
  g_autofree char *evidence_sha256 = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stable_id = NULL;
  g_autofree char *note = NULL;
  const char * const *categories = request->categories;
  const char * const *clauses = request->clauses;
  VigieAuditRecord record = { 0 };
  gint64 evidence_id = 0, action_id;
  GTimeSpan delay = reverse_of != NULL ? 0 : self->grace_period;
  VigieActionStatus status = VIGIE_ACTION_STATUS_PENDING;
  VigieApproval approval = VIGIE_APPROVAL_NONE;
  sqlite3_stmt *stmt;

  comment = vigie_store_get_comment (self->store, request->comment_id, NULL);
  if (comment == NULL)
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_NOT_FOUND,
                   _("No comment %lld in the workspace."), (long long) request->comment_id);
      return 0;
    }
  if (!load_comment_row (self, comment->id, &row, error) ||
      !check_request (self, request, comment, &row, reverse_of != NULL, error))
    return 0;

  /* Cite the flags unless told otherwise */
  if (categories == NULL || clauses == NULL)
    {
      if (!cited_by_flags (self, comment->id, categories, &flag_categories, &flag_clauses, error))
        return 0;
      if (categories == NULL)
        categories = (const char * const *) flag_categories;
      if (clauses == NULL)
        clauses = (const char * const *) flag_clauses;
    }
  categories_json = _vigie_strv_to_json (categories);
  clauses_json = _vigie_strv_to_json (clauses);

  /* What the director has to say about it */
  if (reverse_of == NULL && !vigie_role_is_director (request->actor_role))
    {
      const char *policy_action = policy_action_for_kind (request->kind);

      if (request->kind == VIGIE_ACTION_ESCALATE)
        approval = VIGIE_APPROVAL_AWAITING;
      else if (self->policy != NULL && policy_action != NULL)
        switch (vigie_policy_get_approval_rule (self->policy, policy_action, categories,
                                                comment->text))
          {
          case VIGIE_APPROVAL_RULE_REQUIRED:
            approval = VIGIE_APPROVAL_AWAITING;
            status = VIGIE_ACTION_STATUS_PROPOSED;
            break;
          case VIGIE_APPROVAL_RULE_IMMEDIATE:
            /* Carried out as usual, and on the director's list to confirm */
            approval = VIGIE_APPROVAL_AWAITING;
            break;
          case VIGIE_APPROVAL_RULE_NONE:
          default:
            break;
          }
    }

  /* Before anything that changes the comment, the comment as it is */
  if (!vigie_audit_capture_evidence (self->store, comment->id, now, &evidence_id,
                                     &evidence_sha256, error))
    return 0;

  key = g_uuid_string_random ();
  stmt = _vigie_store_get_statement (self->store,
                                     "INSERT INTO actions (comment_id, kind, status, attempts,"
                                     "  next_attempt_us, idempotency_key, categories, clauses,"
                                     "  actor_name, actor_role, template_id, lang, text, note,"
                                     "  correction, target_ref, reverse_of, evidence_id,"
                                     "  prev_status, prev_resolution, prev_resolution_note,"
                                     "  prev_resolution_action, created_us, updated_us, approval)"
                                     " VALUES (?1, ?2, ?22, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                                     "  ?10, ?11, ?12, ?13, ?14, nullif (?15, 0), ?16, ?17, ?18,"
                                     "  ?19, nullif (?20, 0), ?21, ?21, ?23)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, comment->id);
  sqlite3_bind_text (stmt, 2, vigie_action_kind_to_string (request->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now + delay);
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, categories_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, clauses_json, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 7, request->actor_name);
  bind_text_or_null (stmt, 8, request->actor_role);
  bind_text_or_null (stmt, 9, request->template_id);
  bind_text_or_null (stmt, 10, request->lang);
  bind_text_or_null (stmt, 11, request->text);
  bind_text_or_null (stmt, 12, request->note);
  bind_text_or_null (stmt, 13, vigie_correction_to_string (request->correction));
  bind_text_or_null (stmt, 14, target_ref);
  sqlite3_bind_int64 (stmt, 15, reverse_of ? reverse_of->id : 0);
  sqlite3_bind_int64 (stmt, 16, evidence_id);
  sqlite3_bind_int (stmt, 17, row.state.status);
  bind_text_or_null (stmt, 18, row.state.resolution);
  bind_text_or_null (stmt, 19, row.state.resolution_note);
  sqlite3_bind_int64 (stmt, 20, row.resolution_action);
  sqlite3_bind_int64 (stmt, 21, now);
  sqlite3_bind_text (stmt, 22, vigie_action_status_to_string (status), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 23, vigie_approval_to_string (approval));
  if (!step_done (self, stmt, error))
    return 0;
  action_id = sqlite3_last_insert_rowid (_vigie_store_get_db (self->store));

  /* The comment leaves the queue at once; undo puts it back */
  if (reverse_of != NULL)
    {
      /* As it was before the action taken back; abandoning this reverse
       * (if it fails) puts back the state it found */
      if (!restore_comment (self, reverse_of->id, error) ||
          !set_resolution_action (self, comment->id, action_id, error))
        return 0;
    }
  else if (kind_handles_comment (request->kind))
    {
      if (!set_comment_resolution (self, comment->id, VIGIE_COMMENT_STATUS_HANDLED,
                                   vigie_action_kind_to_string (request->kind), request->note,
                                   action_id, error))
        return 0;
    }

  stable_id = vigie_comment_dup_stable_id (comment);
  note = audit_note (request->correction, request->note);
  record.time_us = now;
  record.event = status == VIGIE_ACTION_STATUS_PROPOSED ? VIGIE_AUDIT_EVENT_PROPOSED
                                                        : VIGIE_AUDIT_EVENT_QUEUED;
  record.actor_name = request->actor_name;
  record.actor_role = request->actor_role;
  record.action_id = action_id;
  record.comment_id = comment->id;
  record.comment_ref = stable_id;
  record.kind = vigie_action_kind_to_string (request->kind);
  record.status = vigie_action_status_to_string (status);
  record.categories = categories;
  record.clauses = clauses;
  record.template_id = request->template_id;
  record.text = request->text;
  record.note = note;
  record.evidence_sha256 = evidence_sha256;
  record.reverse_of = reverse_of ? reverse_of->id : 0;
  if (!vigie_audit_append (self->store, &record, NULL, error))
    return 0;

  return action_id;
}

gint64
vigie_outbox_enqueue (VigieOutbox               *self,
                      const VigieActionRequest  *request,
                      GError                   **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), 0);
  g_return_val_if_fail (request != NULL, 0);

  ids = vigie_outbox_enqueue_bulk (self, request, &request->comment_id, 1, error);
  return ids != NULL ? g_array_index (ids, gint64, 0) : 0;
}

GArray *
vigie_outbox_enqueue_bulk (VigieOutbox               *self,
                           const VigieActionRequest  *request,
                           const gint64              *comment_ids,
                           guint                      n_comment_ids,
                           GError                   **error)
{
  g_autoptr(GArray) ids = NULL;
  gint64 now;
  gboolean ok = TRUE;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (comment_ids != NULL || n_comment_ids == 0, NULL);

  now = vigie_outbox_now (self);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_comment_ids);
  if (!begin (self, error))
    return NULL;
  for (guint i = 0; i < n_comment_ids && ok; i++)
    {
      VigieActionRequest one = *request;
      gint64 id;

      one.comment_id = comment_ids[i];
      id = enqueue_one (self, &one, now, NULL, NULL, error);
      ok = id != 0;
      g_array_append_val (ids, id);
    }
  if (!end (self, ok, error))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      g_signal_emit (self, signals[ACTION_ADDED], 0, g_array_index (ids, gint64, i));
      g_signal_emit (self, signals[COMMENT_CHANGED], 0, comment_ids[i]);
    }
  schedule (self);
  return g_steal_pointer (&ids);
}

/* Status changes */

/* The fields every audit record about @action shares; the caller adds
 * what is particular to the event */
static void
audit_record_init (VigieAuditRecord   *record,
                   const VigieAction  *action,
                   const char         *event,
                   VigieActionStatus   status,
                   const char         *actor_name,
                   const char         *actor_role,
                   gint64              now)
{
  *record = (VigieAuditRecord) { 0 };
  record->time_us = now;
  record->event = event;
  record->actor_name = actor_name;
  record->actor_role = actor_role;
  record->action_id = action->id;
  record->comment_id = action->comment_id;
  record->comment_ref = action->comment_ref;
  record->kind = vigie_action_kind_to_string (action->kind);
  record->status = vigie_action_status_to_string (status);
  record->categories = (const char * const *) action->categories;
  record->clauses = (const char * const *) action->clauses;
}

static gboolean
audit_status (VigieOutbox        *self,
              const VigieAction  *action,
              const char         *event,
              VigieActionStatus   status,
              const char         *actor_name,
              const char         *actor_role,
              const char         *error_text,
              gint64              now,
              GError            **error)
{
  VigieAuditRecord record;

  audit_record_init (&record, action, event, status, actor_name, actor_role, now);
  record.error = error_text;
  record.reverse_of = action->reverse_of;
  return vigie_audit_append (self->store, &record, NULL, error);
}

/* Moves @action from @from to @to; FALSE without error when it was no
 * longer in @from (another process got there first) */
static gboolean
set_status (VigieOutbox        *self,
            const VigieAction  *action,
            VigieActionStatus   from,
            VigieActionStatus   to,
            gint64              now,
            gboolean           *out_changed,
            GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE actions SET status = ?3, updated_us = ?4"
                                     " WHERE id = ?1 AND status = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action->id);
  sqlite3_bind_text (stmt, 2, vigie_action_status_to_string (from), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, vigie_action_status_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!step_done (self, stmt, error))
    return FALSE;
  *out_changed = sqlite3_changes (_vigie_store_get_db (self->store)) > 0;
  return TRUE;
}

static void
emit_changed (VigieOutbox *self,
              gint64       action_id)
{
  g_autoptr(VigieAction) action = vigie_outbox_get_action (self, action_id, NULL);

  if (action != NULL)
    {
      g_signal_emit (self, signals[ACTION_CHANGED], 0, action->id, (guint) action->status,
                     action->attempts);
      g_signal_emit (self, signals[COMMENT_CHANGED], 0, action->comment_id);
    }
}

static gboolean
state_error (const VigieAction  *action,
             GError            **error)
{
  g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE,
               _("Action %lld is %s."), (long long) action->id,
               vigie_action_status_get_label (action->status));
  return FALSE;
}

/* Undo */

VigieUndoKind
vigie_outbox_get_undo_kind (VigieOutbox *self,
                            gint64       action_id)
{
  g_autoptr(VigieAction) action = NULL;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), VIGIE_UNDO_NONE);

  action = vigie_outbox_get_action (self, action_id, NULL);
  if (action == NULL)
    return VIGIE_UNDO_NONE;
  switch (action->status)
    {
    case VIGIE_ACTION_STATUS_PENDING:
    case VIGIE_ACTION_STATUS_FAILED:
    case VIGIE_ACTION_STATUS_PROPOSED:
      return VIGIE_UNDO_CANCEL;
    case VIGIE_ACTION_STATUS_APPLIED:
      if (action->reversed_by == 0 && action->reverse_of == 0 &&
          vigie_action_kind_get_reverse (action->platform, action->kind, NULL))
        return VIGIE_UNDO_REVERSE;
      return VIGIE_UNDO_NONE;
    case VIGIE_ACTION_STATUS_ABANDONED:
    case VIGIE_ACTION_STATUS_CANCELLED:
    default:
      return VIGIE_UNDO_NONE;
    }
}

/* FALSE with an error while @action is on its way to the platform */
static gboolean
check_not_in_flight (VigieOutbox        *self,
                     const VigieAction  *action,
                     GError            **error)
{
  if (action->id != self->in_flight)
    return TRUE;
  g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_BUSY,
               _("The action is being sent to %s; try again in a moment."),
               vigie_platform_get_display_name (action->platform));
  return FALSE;
}

static gboolean
cancel (VigieOutbox        *self,
        const VigieAction  *action,
        VigieActionStatus   to,
        const char         *event,
        const char         *actor_name,
        const char         *actor_role,
        GError            **error)
{
  gint64 now = vigie_outbox_now (self);
  gboolean changed = FALSE;
  gboolean ok;

  if (!check_not_in_flight (self, action, error))
    return FALSE;
  if (!begin (self, error))
    return FALSE;
  ok = set_status (self, action, action->status, to, now, &changed, error) &&
       (!changed ||
        (restore_comment (self, action->id, error) &&
         audit_status (self, action, event, to, actor_name, actor_role, NULL, now, error)));
  if (!end (self, ok, error))
    return FALSE;
  if (!changed)
    {
      g_autoptr(VigieAction) now_action = vigie_outbox_get_action (self, action->id, error);
      return now_action != NULL ? state_error (now_action, error) : FALSE;
    }
  emit_changed (self, action->id);
  schedule (self);
  return TRUE;
}

gboolean
vigie_outbox_undo (VigieOutbox  *self,
                   gint64        action_id,
                   const char   *actor_name,
                   const char   *actor_role,
                   gint64       *out_reverse_id,
                   GError      **error)
{
  g_autoptr(VigieAction) action = NULL;
  VigieActionRequest request = { 0 };
  VigieActionKind reverse;
  gint64 reverse_id;
  gboolean ok;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), FALSE);

  if (out_reverse_id)
    *out_reverse_id = 0;
  action = vigie_outbox_get_action (self, action_id, error);
  if (action == NULL)
    return FALSE;

  if (action->id == self->in_flight)
    {
      /* On its way: whatever the platform answers, undo follows */
      self->undo_when_done = action->id;
      g_free (self->undo_actor_name);
      g_free (self->undo_actor_role);
      self->undo_actor_name = g_strdup (actor_name);
      self->undo_actor_role = g_strdup (actor_role);
      return TRUE;
    }

  switch (action->status)
    {
    case VIGIE_ACTION_STATUS_PENDING:
    case VIGIE_ACTION_STATUS_FAILED:
    case VIGIE_ACTION_STATUS_PROPOSED:
      /* It has not left the machine */
      return cancel (self, action, VIGIE_ACTION_STATUS_CANCELLED, VIGIE_AUDIT_EVENT_CANCELLED,
                     actor_name, actor_role, error);

    case VIGIE_ACTION_STATUS_APPLIED:
      break;

    case VIGIE_ACTION_STATUS_ABANDONED:
    case VIGIE_ACTION_STATUS_CANCELLED:
    default:
      return state_error (action, error);
    }

  if (action->reversed_by != 0)
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE,
                   _("Action %lld was already undone."), (long long) action->id);
      return FALSE;
    }
  if (action->reverse_of != 0 ||
      !vigie_action_kind_get_reverse (action->platform, action->kind, &reverse))
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_IRREVERSIBLE,
                   _("“%s” cannot be undone on %s once applied."),
                   vigie_action_kind_get_label (action->kind, action->platform),
                   vigie_platform_get_display_name (action->platform));
      return FALSE;
    }

  request.kind = reverse;
  request.comment_id = action->comment_id;
  request.categories = (const char * const *) action->categories;
  request.clauses = (const char * const *) action->clauses;
  request.actor_name = actor_name;
  request.actor_role = actor_role;
  request.lang = action->lang;
  if (!begin (self, error))
    return FALSE;
  reverse_id = enqueue_one (self, &request, vigie_outbox_now (self), action,
                            reverse == VIGIE_ACTION_RETRACT_REPLY ? action->result_ref : NULL,
                            error);
  ok = reverse_id != 0;
  if (!end (self, ok, error))
    return FALSE;

  if (out_reverse_id)
    *out_reverse_id = reverse_id;
  g_signal_emit (self, signals[ACTION_ADDED], 0, reverse_id);
  g_signal_emit (self, signals[COMMENT_CHANGED], 0, action->comment_id);
  schedule (self);
  return TRUE;
}

/* @action_id when it failed for good; NULL with an error otherwise */
static VigieAction *
get_failed (VigieOutbox  *self,
            gint64        action_id,
            GError      **error)
{
  g_autoptr(VigieAction) action = vigie_outbox_get_action (self, action_id, error);

  if (action == NULL)
    return NULL;
  if (action->status != VIGIE_ACTION_STATUS_FAILED)
    {
      state_error (action, error);
      return NULL;
    }
  return g_steal_pointer (&action);
}

gboolean
vigie_outbox_retry (VigieOutbox  *self,
                    gint64        action_id,
                    const char   *actor_name,
                    const char   *actor_role,
                    GError      **error)
{
  g_autoptr(VigieAction) action = NULL;
  gint64 now = vigie_outbox_now (self);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), FALSE);

  action = get_failed (self, action_id, error);
  if (action == NULL)
    return FALSE;

  if (!begin (self, error))
    return FALSE;
  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE actions SET status = 'pending', attempts = 0,"
                                     "  next_attempt_us = ?2, updated_us = ?2"
                                     " WHERE id = ?1 AND status = 'failed'", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, action->id);
      sqlite3_bind_int64 (stmt, 2, now);
      ok = step_done (self, stmt, error) &&
           audit_status (self, action, VIGIE_AUDIT_EVENT_RETRIED, VIGIE_ACTION_STATUS_PENDING,
                         actor_name, actor_role, NULL, now, error);
    }
  if (!end (self, ok, error))
    return FALSE;
  emit_changed (self, action->id);
  schedule (self);
  return TRUE;
}

gboolean
vigie_outbox_abandon (VigieOutbox  *self,
                      gint64        action_id,
                      const char   *actor_name,
                      const char   *actor_role,
                      GError      **error)
{
  g_autoptr(VigieAction) action = NULL;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), FALSE);

  action = get_failed (self, action_id, error);
  if (action == NULL)
    return FALSE;
  return cancel (self, action, VIGIE_ACTION_STATUS_ABANDONED, VIGIE_AUDIT_EVENT_ABANDONED,
                 actor_name, actor_role, error);
}

/* The director's decisions */

static gboolean
check_director (const char  *actor_role,
                GError     **error)
{
  if (vigie_role_is_director (actor_role))
    return TRUE;
  g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_PERMISSION,
               _("Only the director can approve or reject an action; this profile’s role is "
                 "“%s”. The role is set in Preferences."),
               actor_role ? vigie_role_get_label (actor_role) : C_("role", "none"));
  return FALSE;
}

/* @action_id when it awaits a decision and @actor_role may make it; NULL
 * with an error otherwise */
static VigieAction *
get_awaiting (VigieOutbox  *self,
              gint64        action_id,
              const char   *actor_role,
              GError      **error)
{
  g_autoptr(VigieAction) action = NULL;

  if (!check_director (actor_role, error))
    return NULL;
  action = vigie_outbox_get_action (self, action_id, error);
  if (action == NULL)
    return NULL;
  if (action->approval != VIGIE_APPROVAL_AWAITING ||
      action->status == VIGIE_ACTION_STATUS_CANCELLED ||
      action->status == VIGIE_ACTION_STATUS_ABANDONED)
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE,
                   _("Action %lld is not awaiting the director’s decision."),
                   (long long) action->id);
      return NULL;
    }
  if (!check_not_in_flight (self, action, error))
    return NULL;
  return g_steal_pointer (&action);
}

static gboolean
audit_decision (VigieOutbox        *self,
                const VigieAction  *action,
                const char         *event,
                VigieActionStatus   status,
                const char         *actor_name,
                const char         *actor_role,
                const char         *text,
                const char         *note,
                gint64              now,
                GError            **error)
{
  VigieAuditRecord record;

  audit_record_init (&record, action, event, status, actor_name, actor_role, now);
  record.template_id = action->template_id;
  record.text = text;
  record.note = note;
  record.evidence_sha256 = action->evidence_sha256;
  return vigie_audit_append (self->store, &record, NULL, error);
}

static gboolean
record_decision (VigieOutbox        *self,
                 const VigieAction  *action,
                 VigieApproval       decision,
                 const char         *actor_name,
                 const char         *actor_role,
                 const char         *note,
                 gint64              now,
                 GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE actions SET approval = ?2, decided_by = ?3,"
                                     "  decided_role = ?4, decision_note = ?5, decided_us = ?6,"
                                     "  updated_us = ?6"
                                     " WHERE id = ?1 AND approval = 'awaiting'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action->id);
  sqlite3_bind_text (stmt, 2, vigie_approval_to_string (decision), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, actor_name);
  bind_text_or_null (stmt, 4, actor_role);
  bind_text_or_null (stmt, 5, is_blank (note) ? NULL : note);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_vigie_store_get_db (self->store)) == 0)
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE,
                   _("Action %lld is not awaiting the director’s decision."),
                   (long long) action->id);
      return FALSE;
    }
  return TRUE;
}

gboolean
vigie_outbox_approve (VigieOutbox  *self,
                      gint64        action_id,
                      const char   *text,
                      const char   *note,
                      const char   *actor_name,
                      const char   *actor_role,
                      GError      **error)
{
  g_autoptr(VigieAction) action = NULL;
  gboolean proposed, edited = FALSE;
  VigieActionStatus status;
  gint64 now = vigie_outbox_now (self);
  gboolean ok;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), FALSE);

  action = get_awaiting (self, action_id, actor_role, error);
  if (action == NULL)
    return FALSE;
  proposed = action->status == VIGIE_ACTION_STATUS_PROPOSED;

  if (text != NULL && g_strcmp0 (text, action->text) != 0)
    {
      if (!vigie_action_kind_needs_text (action->kind))
        {
          g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                       _("Action %lld (“%s”) has no text to edit."), (long long) action->id,
                       vigie_action_kind_get_label (action->kind, action->platform));
          return FALSE;
        }
      if (!proposed)
        {
          g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE,
                       _("Action %lld was already sent: its text can no longer be edited."),
                       (long long) action->id);
          return FALSE;
        }
      if (!check_text (action->kind, action->platform, action->comment_ref, text, error))
        return FALSE;
      edited = TRUE;
    }

  /* A proposal goes to the outbox, with its grace period for undo */
  status = proposed ? VIGIE_ACTION_STATUS_PENDING : action->status;
  if (!begin (self, error))
    return FALSE;
  ok = record_decision (self, action, VIGIE_APPROVAL_APPROVED, actor_name, actor_role, note, now,
                        error);
  if (ok && proposed)
    {
      sqlite3_stmt *stmt =
        _vigie_store_get_statement (self->store,
                                    "UPDATE actions SET status = 'pending', next_attempt_us = ?2,"
                                    "  draft_text = CASE WHEN ?3 THEN text END,"
                                    "  text = CASE WHEN ?3 THEN ?4 ELSE text END"
                                    " WHERE id = ?1 AND status = 'proposed'", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, action->id);
          sqlite3_bind_int64 (stmt, 2, now + self->grace_period);
          sqlite3_bind_int (stmt, 3, edited);
          bind_text_or_null (stmt, 4, text);
          ok = step_done (self, stmt, error);
        }
    }
  if (ok && edited)
    ok = audit_decision (self, action, VIGIE_AUDIT_EVENT_EDITED, action->status, actor_name,
                         actor_role, text, NULL, now, error);
  if (ok)
    ok = audit_decision (self, action, VIGIE_AUDIT_EVENT_APPROVED, status, actor_name,
                         actor_role, edited ? text : action->text, note, now, error);
  if (!end (self, ok, error))
    return FALSE;

  emit_changed (self, action->id);
  schedule (self);
  return TRUE;
}

gboolean
vigie_outbox_reject (VigieOutbox  *self,
                     gint64        action_id,
                     const char   *note,
                     const char   *actor_name,
                     const char   *actor_role,
                     GError      **error)
{
  g_autoptr(VigieAction) action = NULL;
  gboolean applied, changed = FALSE;
  gint64 now = vigie_outbox_now (self);
  gboolean ok;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), FALSE);

  action = get_awaiting (self, action_id, actor_role, error);
  if (action == NULL)
    return FALSE;
  if (is_blank (note))
    {
      g_set_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID,
                   _("Action %lld: a rejection needs a note for the delegate."),
                   (long long) action->id);
      return FALSE;
    }

  applied = action->status == VIGIE_ACTION_STATUS_APPLIED;
  if (!begin (self, error))
    return FALSE;
  ok = record_decision (self, action, VIGIE_APPROVAL_REJECTED, actor_name, actor_role, note, now,
                        error);
  /* Not sent yet: it never will be, and the comment is back in the queue */
  if (ok && !applied)
    ok = set_status (self, action, action->status, VIGIE_ACTION_STATUS_CANCELLED, now, &changed,
                     error) &&
         (!changed || restore_comment (self, action->id, error));
  if (ok)
    ok = audit_decision (self, action, VIGIE_AUDIT_EVENT_REJECTED,
                         applied ? action->status : VIGIE_ACTION_STATUS_CANCELLED, actor_name,
                         actor_role, NULL, note, now, error);
  if (!end (self, ok, error))
    return FALSE;
  emit_changed (self, action->id);

  /* Already applied (an urgent hide, an escalation): taken back where the
   * platform can */
  if (applied && action->reversed_by == 0 &&
      vigie_action_kind_get_reverse (action->platform, action->kind, NULL))
    {
      g_autoptr(GError) undo_error = NULL;

      if (!vigie_outbox_undo (self, action->id, actor_name, actor_role, NULL, &undo_error))
        g_signal_emit (self, signals[PROCESS_ERROR], 0, undo_error);
    }
  schedule (self);
  return TRUE;
}

GPtrArray *
vigie_outbox_list_awaiting (VigieOutbox  *self,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), NULL);

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT " ACTION_COLUMNS
                                     " WHERE a.approval = 'awaiting'"
                                     "   AND a.status NOT IN ('cancelled', 'abandoned')"
                                     " ORDER BY c.urgent DESC, c.severity DESC, a.id", error);
  if (stmt == NULL)
    return NULL;
  return collect_actions (self, stmt, error);
}

gint64
vigie_outbox_count_awaiting (VigieOutbox  *self,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), -1);

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT count(*) FROM actions WHERE approval = 'awaiting'"
                                     "  AND status NOT IN ('cancelled', 'abandoned')", error);
  if (stmt == NULL)
    return -1;
  return step_count (self, stmt, error);
}

/* Executing */

gint64
vigie_outbox_get_next_due (VigieOutbox *self)
{
  sqlite3_stmt *stmt;
  gint64 due = 0;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), 0);

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT next_attempt_us FROM actions WHERE status = 'pending'"
                                     " ORDER BY next_attempt_us, id LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    due = MAX (sqlite3_column_int64 (stmt, 0), 1);
  sqlite3_reset (stmt);
  return due;
}

/* The first pending action due at @now, 0 for none */
static gboolean
next_due (VigieOutbox  *self,
          gint64        now,
          gint64       *out_id,
          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT id FROM actions WHERE status = 'pending'"
                                     "  AND next_attempt_us <= ?1"
                                     " ORDER BY next_attempt_us, id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return step_error (self, stmt, error);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Recorded before the connector runs: after a crash the attempt counts,
 * and the connector's idempotence makes executing it again harmless */
static gboolean
begin_attempt (VigieOutbox        *self,
               const VigieAction  *action,
               gint64              now,
               gboolean           *out_claimed,
               GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!begin (self, error))
    return FALSE;
  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE actions SET attempts = attempts + 1, updated_us = ?2"
                                     " WHERE id = ?1 AND status = 'pending'", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, action->id);
      sqlite3_bind_int64 (stmt, 2, now);
      ok = step_done (self, stmt, error);
      *out_claimed = ok && sqlite3_changes (_vigie_store_get_db (self->store)) > 0;
    }
  return end (self, ok, error);
}

static gboolean
mark_applied (VigieOutbox        *self,
              const VigieAction  *action,
              const char         *result_ref,
              gint64              now,
              GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean changed;

  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE actions SET status = 'applied', result_ref = ?2,"
                                     "  last_error = NULL, updated_us = ?3"
                                     " WHERE id = ?1 AND status = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action->id);
  bind_text_or_null (stmt, 2, result_ref);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!step_done (self, stmt, error))
    return FALSE;
  changed = sqlite3_changes (_vigie_store_get_db (self->store)) > 0;
  /* Recorded once, whoever executed it */
  if (!changed)
    return TRUE;
  return audit_status (self, action, VIGIE_AUDIT_EVENT_APPLIED, VIGIE_ACTION_STATUS_APPLIED,
                       action->actor_name, action->actor_role, NULL, now, error);
}

static GTimeSpan
backoff (VigieOutbox *self,
         guint        attempts)
{
  GTimeSpan delay = self->first_delay;

  for (guint i = 1; i < attempts && delay < self->max_delay; i++)
    delay *= 2;
  return MIN (delay, self->max_delay);
}

static gboolean
record_failure (VigieOutbox        *self,
                const VigieAction  *action,
                const GError       *failure,
                gint64              now,
                GError            **error)
{
  guint attempts = action->attempts + 1;   /* @action was read before begin_attempt */
  gboolean retry = vigie_connector_error_is_retryable (failure) && attempts < self->max_attempts;
  VigieActionStatus status = retry ? VIGIE_ACTION_STATUS_PENDING : VIGIE_ACTION_STATUS_FAILED;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!begin (self, error))
    return FALSE;
  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE actions SET status = ?2, last_error = ?3,"
                                     "  next_attempt_us = ?4, updated_us = ?5"
                                     " WHERE id = ?1 AND status = 'pending'", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, action->id);
      sqlite3_bind_text (stmt, 2, vigie_action_status_to_string (status), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, failure->message, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4,
                          retry ? now + backoff (self, attempts) : action->next_attempt_us);
      sqlite3_bind_int64 (stmt, 5, now);
      ok = step_done (self, stmt, error);
      if (ok && sqlite3_changes (_vigie_store_get_db (self->store)) > 0)
        ok = audit_status (self, action,
                           retry ? VIGIE_AUDIT_EVENT_ATTEMPT_FAILED : VIGIE_AUDIT_EVENT_FAILED,
                           status, action->actor_name, action->actor_role, failure->message, now,
                           error);
    }
  return end (self, ok, error);
}

static gboolean
apply_correction (VigieOutbox        *self,
                  const VigieAction  *action,
                  GError            **error)
{
  const char *category = action->categories ? action->categories[0] : NULL;
  sqlite3_stmt *stmt;

  if (category == NULL)
    return TRUE;
  if (action->correction == VIGIE_CORRECTION_WRONG)
    stmt = _vigie_store_get_statement (self->store,
                                       "DELETE FROM flags WHERE comment_id = ?1 AND category = ?2",
                                       error);
  else
    stmt = _vigie_store_get_statement (self->store,
                                       "INSERT INTO flags (comment_id, category, clause, rule,"
                                       "  score) SELECT ?1, ?2, ?3, 'correction', 1.0"
                                       " WHERE NOT EXISTS (SELECT 1 FROM flags"
                                       "   WHERE comment_id = ?1 AND category = ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action->comment_id);
  sqlite3_bind_text (stmt, 2, category, -1, SQLITE_STATIC);
  if (action->correction != VIGIE_CORRECTION_WRONG)
    bind_text_or_null (stmt, 3, action->clauses ? action->clauses[0] : NULL);
  return step_done (self, stmt, error);
}

/* Local actions never leave the machine: applied in one transaction */
static gboolean
apply_local (VigieOutbox        *self,
             const VigieAction  *action,
             gint64              now,
             GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!begin (self, error))
    return FALSE;
  stmt = _vigie_store_get_statement (self->store,
                                     "UPDATE actions SET attempts = attempts + 1 WHERE id = ?1",
                                     error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, action->id);
      ok = step_done (self, stmt, error);
    }
  if (ok && action->kind == VIGIE_ACTION_CORRECT_CLASSIFICATION)
    ok = apply_correction (self, action, error);
  ok = ok && mark_applied (self, action, NULL, now, error);
  return end (self, ok, error);
}

static void
crash_if (VigieOutbox *self,
          CrashPoint   point)
{
  if (self->crash_point == point)
    _exit (CRASH_EXIT_STATUS);
}

typedef struct
{
  guint        n_executed;
  VigieAction *action;    /* the one the connector is executing */
} ProcessData;

static void
process_data_free (ProcessData *data)
{
  g_clear_pointer (&data->action, vigie_action_unref);
  g_free (data);
}

static void process_next (GTask *task);

static void
finish_processing (GTask  *task,
                   GError *error)
{
  VigieOutbox *self = g_task_get_source_object (task);
  ProcessData *data = g_task_get_task_data (task);

  self->processing = FALSE;
  self->in_flight = 0;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, data->n_executed);
}

static void
execute_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieOutbox *self = g_task_get_source_object (task);
  ProcessData *data = g_task_get_task_data (task);
  g_autoptr(VigieAction) action = g_steal_pointer (&data->action);
  g_autoptr(GError) failure = NULL;
  g_autofree char *result_ref = NULL;
  GError *error = NULL;
  gboolean applied, ok;
  gint64 now;

  applied = vigie_connector_execute_finish (VIGIE_CONNECTOR (source), result, &result_ref,
                                            &failure);
  crash_if (self, CRASH_AFTER_EXECUTE);
  self->in_flight = 0;
  now = vigie_outbox_now (self);

  if (applied)
    {
      ok = begin (self, &error);
      if (ok)
        ok = end (self, mark_applied (self, action, result_ref, now, &error), &error);
    }
  else if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped: the action stays pending, its attempt counted */
      finish_processing (task, g_steal_pointer (&failure));
      return;
    }
  else
    ok = record_failure (self, action, failure, now, &error);

  if (!ok)
    {
      finish_processing (task, error);
      return;
    }
  data->n_executed++;
  emit_changed (self, action->id);

  if (self->undo_when_done == action->id)
    {
      g_autofree char *actor_name = g_steal_pointer (&self->undo_actor_name);
      g_autofree char *actor_role = g_steal_pointer (&self->undo_actor_role);
      g_autoptr(GError) undo_error = NULL;

      self->undo_when_done = 0;
      if (!vigie_outbox_undo (self, action->id, actor_name, actor_role, NULL, &undo_error))
        g_signal_emit (self, signals[PROCESS_ERROR], 0, undo_error);
    }
  process_next (g_steal_pointer (&task));
}

/* Local actions run without a connector, hence without returning to the
 * main loop: let it breathe after this many */
#define LOCAL_BATCH 64

static gboolean
continue_cb (gpointer user_data)
{
  process_next (g_object_ref (G_TASK (user_data)));
  return G_SOURCE_REMOVE;
}

/* Consumes a reference to @task */
static void
process_next (GTask *task)
{
  VigieOutbox *self = g_task_get_source_object (task);
  ProcessData *data = g_task_get_task_data (task);
  GError *error = NULL;
  guint n_local = 0;

  for (;;)
    {
      g_autoptr(VigieAction) action = NULL;
      gint64 now = vigie_outbox_now (self);
      gint64 id = 0;
      gboolean claimed = FALSE;

      if (g_task_return_error_if_cancelled (task))
        {
          self->processing = FALSE;
          g_object_unref (task);
          return;
        }
      if (!next_due (self, now, &id, &error))
        break;
      if (id == 0)
        {
          finish_processing (task, NULL);
          g_object_unref (task);
          return;
        }
      action = vigie_outbox_get_action (self, id, &error);
      if (action == NULL)
        break;

      if (vigie_action_kind_is_local (action->kind))
        {
          if (!apply_local (self, action, now, &error))
            break;
          data->n_executed++;
          emit_changed (self, action->id);
          if (++n_local == LOCAL_BATCH)
            {
              g_autoptr(GSource) idle = g_idle_source_new ();

              g_task_attach_source (task, idle, continue_cb);
              g_object_unref (task);
              return;
            }
          continue;
        }

      if (!begin_attempt (self, action, now, &claimed, &error))
        break;
      if (!claimed)
        continue;
      crash_if (self, CRASH_BEFORE_EXECUTE);

      self->in_flight = action->id;
      data->action = g_steal_pointer (&action);
      vigie_connector_execute_async (self->connector, data->action,
                                     g_task_get_cancellable (task), execute_cb, task);
      return;
    }

  finish_processing (task, error);
  g_object_unref (task);
}

void
vigie_outbox_process_async (VigieOutbox         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_outbox_process_async);
  g_task_set_task_data (task, g_new0 (ProcessData, 1), (GDestroyNotify) process_data_free);

  if (self->processing)
    {
      g_task_return_new_error (task, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_BUSY,
                               _("The outbox is already sending actions."));
      return;
    }
  self->processing = TRUE;
  process_next (g_steal_pointer (&task));
}

gboolean
vigie_outbox_process_finish (VigieOutbox   *self,
                             GAsyncResult  *result,
                             guint         *out_n_executed,
                             GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (out_n_executed)
    *out_n_executed = n > 0 ? n : 0;
  return n >= 0;
}

static void
sync_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

gboolean
vigie_outbox_process_sync (VigieOutbox   *self,
                           GCancellable  *cancellable,
                           guint         *out_n_executed,
                           GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (self), FALSE);

  g_main_context_push_thread_default (context);
  vigie_outbox_process_async (self, cancellable, sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return vigie_outbox_process_finish (self, result, out_n_executed, error);
}

/* Running in the background */

static void
process_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VigieOutbox *self = VIGIE_OUTBOX (source);
  g_autoptr(GError) error = NULL;

  if (!vigie_outbox_process_finish (self, result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_signal_emit (self, signals[PROCESS_ERROR], 0, error);
    }
  schedule (self);
}

static gboolean
timer_cb (gpointer user_data)
{
  VigieOutbox *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  if (!self->processing)
    vigie_outbox_process_async (self, self->cancellable, process_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule (VigieOutbox *self)
{
  gint64 due, delay_ms;

  if (!self->started || self->processing)
    return;
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  due = vigie_outbox_get_next_due (self);
  if (due == 0)
    return;
  delay_ms = MAX (due - vigie_outbox_now (self), 0) / 1000;
  /* Never sleep longer than a minute: the clock may jump (suspend) */
  self->timer = g_timeout_source_new ((guint) MIN (delay_ms, 60000));
  g_source_set_callback (self->timer, timer_cb, self, NULL);
  g_source_set_static_name (self->timer, "[vigie] outbox");
  g_source_attach (self->timer, self->context);
}

void
vigie_outbox_start (VigieOutbox *self)
{
  g_return_if_fail (VIGIE_IS_OUTBOX (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  schedule (self);
}

void
vigie_outbox_stop (VigieOutbox *self)
{
  g_return_if_fail (VIGIE_IS_OUTBOX (self));

  if (!self->started)
    return;
  self->started = FALSE;
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
}
