/* vigie-sandbox-connector.c — a platform that is the workspace itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-sandbox-connector"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "vigie-sandbox-connector.h"
#include "vigie-connector-private.h"
#include "vigie-store-private.h"

typedef struct
{
  gboolean            any_kind;
  VigieActionKind     kind;
  guint               times;
  VigieConnectorError code;
  char               *message;
} InjectedFailure;

struct _VigieSandboxConnector
{
  GObject     parent_instance;

  VigieStore *store;
  GQueue      failures;     /* InjectedFailure* */
  guint       n_executed;
  guint       n_effects;
};

static void connector_iface_init (VigieConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieSandboxConnector, vigie_sandbox_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VIGIE_TYPE_CONNECTOR, connector_iface_init))

static void
injected_failure_free (InjectedFailure *failure)
{
  g_free (failure->message);
  g_free (failure);
}

static void
vigie_sandbox_connector_finalize (GObject *object)
{
  VigieSandboxConnector *self = VIGIE_SANDBOX_CONNECTOR (object);

  g_queue_clear_full (&self->failures, (GDestroyNotify) injected_failure_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vigie_sandbox_connector_parent_class)->finalize (object);
}

static void
vigie_sandbox_connector_class_init (VigieSandboxConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_sandbox_connector_finalize;
}

static void
vigie_sandbox_connector_init (VigieSandboxConnector *self)
{
  g_queue_init (&self->failures);
}

VigieSandboxConnector *
vigie_sandbox_connector_new (VigieStore *store)
{
  VigieSandboxConnector *self;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  self = g_object_new (VIGIE_TYPE_SANDBOX_CONNECTOR, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
vigie_sandbox_connector_inject_failure (VigieSandboxConnector *self,
                                        gboolean               any_kind,
                                        VigieActionKind        kind,
                                        guint                  times,
                                        VigieConnectorError    code,
                                        const char            *message)
{
  InjectedFailure *failure;

  g_return_if_fail (VIGIE_IS_SANDBOX_CONNECTOR (self));

  failure = g_new0 (InjectedFailure, 1);
  failure->any_kind = any_kind;
  failure->kind = kind;
  failure->times = times;
  failure->code = code;
  failure->message = g_strdup (message);
  g_queue_push_tail (&self->failures, failure);
}

guint
vigie_sandbox_connector_get_n_executed (VigieSandboxConnector *self)
{
  g_return_val_if_fail (VIGIE_IS_SANDBOX_CONNECTOR (self), 0);
  return self->n_executed;
}

guint
vigie_sandbox_connector_get_n_effects (VigieSandboxConnector *self)
{
  g_return_val_if_fail (VIGIE_IS_SANDBOX_CONNECTOR (self), 0);
  return self->n_effects;
}

static gboolean
take_injected_failure (VigieSandboxConnector  *self,
                       VigieActionKind         kind,
                       GError                **error)
{
  for (GList *l = self->failures.head; l != NULL; l = l->next)
    {
      InjectedFailure *failure = l->data;

      if (!failure->any_kind && failure->kind != kind)
        continue;
      g_set_error_literal (error, VIGIE_CONNECTOR_ERROR, failure->code, failure->message);
      if (--failure->times == 0)
        {
          g_queue_delete_link (&self->failures, l);
          injected_failure_free (failure);
        }
      return TRUE;
    }
  return FALSE;
}

/* Platform work */

typedef struct
{
  gint64   id;
  gboolean hidden;
  gboolean removed;
  gint64   author_id;
  char    *page_external_id;
  char    *page_name;
} Target;

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->page_external_id, g_free);
  g_clear_pointer (&target->page_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static gboolean
not_found (VigiePlatform   platform,
           GError        **error)
{
  g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_NOT_FOUND,
               _("The comment no longer exists on %s."),
               vigie_platform_get_display_name (platform));
  return FALSE;
}

/* FALSE with an error when not found */
static gboolean
find_target (VigieSandboxConnector  *self,
             VigiePlatform           platform,
             const char             *external_id,
             Target                 *out,
             GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT c.id, c.hidden, c.removed, coalesce (c.author_id, 0),"
                                     "  pg.external_id, pg.name"
                                     " FROM comments c"
                                     " LEFT JOIN posts p ON p.id = c.post_id"
                                     " LEFT JOIN pages pg ON pg.id = p.page_id"
                                     " WHERE c.platform = ?1 AND c.external_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, platform);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *page_id = (const char *) sqlite3_column_text (stmt, 4);
      const char *page_name = (const char *) sqlite3_column_text (stmt, 5);

      out->id = sqlite3_column_int64 (stmt, 0);
      out->hidden = sqlite3_column_int (stmt, 1) != 0;
      out->removed = sqlite3_column_int (stmt, 2) != 0;
      out->author_id = sqlite3_column_int64 (stmt, 3);
      out->page_external_id = g_strdup (page_id);
      out->page_name = g_strdup (page_name);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return _vigie_store_set_error (self->store, rc, error);
  return not_found (platform, error);
}

/* Runs @sql with (?1 = @id, ?2 = @value); adds to the effects when a row changed */
static gboolean
update_row (VigieSandboxConnector  *self,
            const char             *sql,
            gint64                  id,
            int                     value,
            GError                **error)
{
  sqlite3_stmt *stmt = _vigie_store_get_statement (self->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, value);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _vigie_store_set_error (self->store, rc, error);
  if (sqlite3_changes (_vigie_store_get_db (self->store)) > 0)
    self->n_effects++;
  return TRUE;
}

static gboolean
set_hidden (VigieSandboxConnector  *self,
            gint64                  comment_id,
            gboolean                hidden,
            GError                **error)
{
  return update_row (self, "UPDATE comments SET hidden = ?2 WHERE id = ?1 AND hidden != ?2",
                     comment_id, hidden, error);
}

static gboolean
set_removed (VigieSandboxConnector  *self,
             gint64                  comment_id,
             GError                **error)
{
  return update_row (self, "UPDATE comments SET removed = ?2 WHERE id = ?1 AND removed != ?2",
                     comment_id, 1, error);
}

static gboolean
set_banned (VigieSandboxConnector  *self,
            gint64                  author_id,
            gboolean                banned,
            GError                **error)
{
  return update_row (self, "UPDATE authors SET banned = ?2 WHERE id = ?1 AND banned != ?2",
                     author_id, banned, error);
}

static gboolean
comment_exists (VigieSandboxConnector  *self,
                VigiePlatform           platform,
                const char             *external_id,
                gboolean               *out_exists,
                GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT 1 FROM comments"
                                     " WHERE platform = ?1 AND external_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, platform);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _vigie_store_set_error (self->store, rc, error);
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The reply is a comment by the page, its id derived from the action's
 * idempotency key: executing the action again finds it already there. */
static gboolean
post_reply (VigieSandboxConnector  *self,
            VigieAction            *action,
            const Target           *target,
            char                  **out_ref,
            GError                **error)
{
  g_auto(VigieCommentRecord) reply = { 0 };
  g_autofree char *external_id = g_strconcat ("sandbox-reply-", action->idempotency_key, NULL);
  VigieUpsertResult result;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;

  if (!comment_exists (self, action->platform, external_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      vigie_comment_record_init (&reply);
      reply.platform = action->platform;
      reply.external_id = g_strdup (external_id);
      reply.post_external_id = g_strdup (action->post_external_id);
      /* Instagram and YouTube have one level of replies: an answer to a
       * reply goes under the top-level comment. Facebook nests. */
      if (action->platform != VIGIE_PLATFORM_FACEBOOK && action->parent_external_id != NULL)
        reply.parent_external_id = g_strdup (action->parent_external_id);
      else
        reply.parent_external_id = g_strdup (action->external_id);
      reply.author_id = g_strdup (target->page_external_id);
      /* A page known only by its id signs with the organisation's name */
      reply.author_name = target->page_name != NULL
                          ? g_strdup (target->page_name)
                          : vigie_store_get_setting (self->store, "organisation.name");
      reply.text = g_strdup (action->text);
      reply.created = g_get_real_time () / G_USEC_PER_SEC;
      reply.language = g_strdup (action->lang);
      if (!vigie_store_upsert_comment (self->store, &reply, &result, error))
        return FALSE;

      /* The page's own words are not for the moderation queue */
      stmt = _vigie_store_get_statement (self->store,
                                         "UPDATE comments SET status = 1, resolution = 'page'"
                                         " WHERE platform = ?1 AND external_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, action->platform);
      sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          int rc = sqlite3_errcode (_vigie_store_get_db (self->store));
          sqlite3_reset (stmt);
          return _vigie_store_set_error (self->store, rc, error);
        }
      sqlite3_reset (stmt);
      self->n_effects++;
    }
  *out_ref = g_steal_pointer (&external_id);
  return TRUE;
}

/* Facebook sends one private reply per comment */
static gboolean
send_private_reply (VigieSandboxConnector  *self,
                    VigieAction            *action,
                    const Target           *target,
                    char                  **out_ref,
                    GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (self->store,
                                     "SELECT idempotency_key = ?2 FROM actions"
                                     " WHERE comment_id = ?1 AND kind = 'private_reply'"
                                     "   AND status = 'applied' ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target->id);
  sqlite3_bind_text (stmt, 2, action->idempotency_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                           _("This comment has already received a private reply; Facebook "
                             "allows only one."));
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _vigie_store_set_error (self->store, rc, error);
  if (rc == SQLITE_DONE)
    self->n_effects++;
  *out_ref = g_strconcat ("sandbox-message-", action->idempotency_key, NULL);
  return TRUE;
}

static gboolean
retract_reply (VigieSandboxConnector  *self,
               VigieAction            *action,
               GError                **error)
{
  g_auto(Target) reply = { 0 };
  g_autoptr(GError) local_error = NULL;

  if (action->target_ref == NULL)
    {
      g_set_error_literal (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                           _("The reply to delete is not known."));
      return FALSE;
    }
  /* Already deleted counts as done */
  if (!find_target (self, action->platform, action->target_ref, &reply, &local_error))
    {
      if (g_error_matches (local_error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return set_removed (self, reply.id, error);
}

static gboolean
apply (VigieSandboxConnector  *self,
       VigieAction            *action,
       char                  **out_ref,
       GError                **error)
{
  g_auto(Target) target = { 0 };

  if (!vigie_action_kind_is_supported (action->platform, action->kind) ||
      vigie_action_kind_is_local (action->kind))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_UNSUPPORTED,
                   _("%s cannot do this: %s."), vigie_platform_get_display_name (action->platform),
                   vigie_action_kind_get_label (action->kind, action->platform));
      return FALSE;
    }

  if (action->kind == VIGIE_ACTION_RETRACT_REPLY)
    return retract_reply (self, action, error);

  if (!find_target (self, action->platform, action->external_id, &target, error))
    return FALSE;

  switch (action->kind)
    {
    case VIGIE_ACTION_HIDE:
      if (target.removed)
        return not_found (action->platform, error);
      return set_hidden (self, target.id, TRUE, error);

    case VIGIE_ACTION_UNHIDE:
      if (target.removed)
        {
          if (action->platform == VIGIE_PLATFORM_YOUTUBE)
            {
              g_set_error_literal (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                                   _("YouTube cannot publish a rejected comment again."));
              return FALSE;
            }
          return not_found (action->platform, error);
        }
      return set_hidden (self, target.id, FALSE, error);

    case VIGIE_ACTION_REMOVE:
      /* Already deleted counts as done */
      return set_removed (self, target.id, error);

    case VIGIE_ACTION_BAN:
    case VIGIE_ACTION_UNBAN:
      if (target.author_id == 0)
        {
          g_set_error_literal (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_NOT_FOUND,
                               _("The author of this comment is not known."));
          return FALSE;
        }
      /* YouTube bans by rejecting the comment with banAuthor */
      if (action->kind == VIGIE_ACTION_BAN && action->platform == VIGIE_PLATFORM_YOUTUBE &&
          !set_removed (self, target.id, error))
        return FALSE;
      return set_banned (self, target.author_id, action->kind == VIGIE_ACTION_BAN, error);

    case VIGIE_ACTION_REPLY:
      if (target.removed)
        return not_found (action->platform, error);
      return post_reply (self, action, &target, out_ref, error);

    case VIGIE_ACTION_PRIVATE_REPLY:
      if (target.removed)
        return not_found (action->platform, error);
      return send_private_reply (self, action, &target, out_ref, error);

    default:
      g_assert_not_reached ();
    }
}

static const char *
vigie_sandbox_connector_get_name (VigieConnector *connector)
{
  return _("Sandbox");
}

static void
vigie_sandbox_connector_execute_async (VigieConnector      *connector,
                                       VigieAction         *action,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  VigieSandboxConnector *self = VIGIE_SANDBOX_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = NULL;
  gboolean owned = FALSE;

  g_task_set_source_tag (task, vigie_sandbox_connector_execute_async);
  self->n_executed++;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (take_injected_failure (self, action->kind, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Like a platform, the sandbox commits its change on its own: the outbox
   * records the result in a transaction of its own afterwards. */
  if (!vigie_store_in_transaction (self->store))
    {
      if (!vigie_store_begin (self->store, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      owned = TRUE;
    }
  if (!apply (self, action, &ref, &error))
    {
      if (owned)
        vigie_store_rollback (self->store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (owned && !vigie_store_commit (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&ref), g_free);
}

static void
connector_iface_init (VigieConnectorInterface *iface)
{
  iface->get_name = vigie_sandbox_connector_get_name;
  iface->execute_async = vigie_sandbox_connector_execute_async;
  iface->execute_finish = _vigie_connector_task_finish;
}
