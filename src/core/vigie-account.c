/* vigie-account.c — the pages and channels a workspace syncs from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-account"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "vigie-account.h"
#include "vigie-store-private.h"
#include "vigie-training.h"

#define ACCOUNT_COLUMNS \
  "id, platform, external_id, name, api_base, api_version, status, last_error, last_sync, " \
  "run_started"

void
vigie_account_free (VigieAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->external_id);
  g_free (account->name);
  g_free (account->api_base);
  g_free (account->api_version);
  g_free (account->last_error);
  g_free (account);
}

static const char * const status_names[] = { "ok", "needs-reconnect", "throttled", "error" };

const char *
vigie_account_status_to_string (VigieAccountStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

static VigieAccountStatus
status_from_string (const char *s)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (s, status_names[i]))
      return i;
  return VIGIE_ACCOUNT_STATUS_OK;
}

const char *
vigie_account_status_get_label (VigieAccountStatus status)
{
  switch (status)
    {
    case VIGIE_ACCOUNT_STATUS_OK:
      return _("Connected");
    case VIGIE_ACCOUNT_STATUS_NEEDS_RECONNECT:
      return _("Needs reconnecting");
    case VIGIE_ACCOUNT_STATUS_THROTTLED:
      return _("Waiting for the platform’s limit");
    case VIGIE_ACCOUNT_STATUS_ERROR:
    default:
      return _("Sync failed");
    }
}

char *
vigie_account_get_secret_key (const VigieAccount *account)
{
  return g_strdup (account->external_id);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static VigieAccount *
read_account (sqlite3_stmt *stmt)
{
  VigieAccount *a = g_new0 (VigieAccount, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->platform = vigie_platform_from_string ((const char *) sqlite3_column_text (stmt, 1));
  a->external_id = column_text (stmt, 2);
  a->name = column_text (stmt, 3);
  a->api_base = column_text (stmt, 4);
  a->api_version = column_text (stmt, 5);
  a->status = status_from_string ((const char *) sqlite3_column_text (stmt, 6));
  a->last_error = column_text (stmt, 7);
  a->last_sync = sqlite3_column_int64 (stmt, 8);
  a->run_started = sqlite3_column_int64 (stmt, 9);
  return a;
}

static gboolean
step_done (VigieStore    *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _vigie_store_set_error (store, rc, error);
  return TRUE;
}

VigieAccount *
vigie_account_add (VigieStore    *store,
                   VigiePlatform  platform,
                   const char    *external_id,
                   const char    *name,
                   const char    *api_base,
                   const char    *api_version,
                   GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  if (platform == VIGIE_PLATFORM_UNKNOWN || external_id == NULL || external_id[0] == '\0')
    {
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_INVALID, "%s",
                   _("An account needs a platform (facebook, instagram or youtube) and the id "
                     "of its page or channel"));
      return NULL;
    }
  if (vigie_training_is_workspace (store))
    {
      g_set_error_literal (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_LIVE,
                           _("A training workspace cannot be connected to a real page"));
      return NULL;
    }
  stmt = _vigie_store_get_statement (store,
    "INSERT INTO accounts (platform, external_id, name, api_base, api_version, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (platform, external_id) DO UPDATE SET name = coalesce (?3, name), "
    "api_base = ?4, api_version = ?5, status = 'ok', last_error = NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, vigie_platform_to_string (platform), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, api_base, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, api_version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (store, stmt, error))
    return NULL;
  return vigie_account_get (store, 0, platform, external_id, error);
}

GPtrArray *
vigie_account_list (VigieStore  *store,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_account_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (store,
                                     "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY id",
                                     error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_account (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _vigie_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

VigieAccount *
vigie_account_get (VigieStore    *store,
                   gint64         id,
                   VigiePlatform  platform,
                   const char    *external_id,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  VigieAccount *account = NULL;
  int rc;

  stmt = _vigie_store_get_statement (store,
    "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE (?1 != 0 AND id = ?1) OR "
    "(?1 = 0 AND external_id = ?2 AND (?3 IS NULL OR platform = ?3)) ORDER BY id LIMIT 1",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_TRANSIENT);
  if (platform != VIGIE_PLATFORM_UNKNOWN)
    sqlite3_bind_text (stmt, 3, vigie_platform_to_string (platform), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    account = read_account (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _vigie_store_set_error (store, rc, error);
  else if (account == NULL)
    g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND,
                 _("The workspace has no account “%s”"),
                 external_id ? external_id : "");
  return account;
}

gboolean
vigie_account_remove (VigieStore  *store,
                      gint64       id,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (!vigie_account_clear_cursors (store, id, error))
    return FALSE;
  stmt = _vigie_store_get_statement (store, "DELETE FROM accounts WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (store, stmt, error);
}

gboolean
vigie_account_set_status (VigieStore         *store,
                          gint64              id,
                          VigieAccountStatus  status,
                          const char         *message,
                          GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = _vigie_store_get_statement (store,
    "UPDATE accounts SET status = ?2, last_error = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, vigie_account_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, message, -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, error);
}

gboolean
vigie_account_set_sync_times (VigieStore  *store,
                              gint64       id,
                              gint64       last_sync,
                              gint64       run_started,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _vigie_store_get_statement (store,
    "UPDATE accounts SET last_sync = ?2, run_started = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, last_sync);
  sqlite3_bind_int64 (stmt, 3, run_started);
  return step_done (store, stmt, error);
}

gboolean
vigie_account_count (VigieStore  *store,
                     guint       *out_count,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_count = 0;
  stmt = _vigie_store_get_statement (store, "SELECT count(*) FROM accounts", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _vigie_store_set_error (store, rc, error);
  return TRUE;
}

char *
vigie_account_get_cursor (VigieStore  *store,
                          gint64       id,
                          const char  *key,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  stmt = _vigie_store_get_statement (store,
    "SELECT value FROM sync_cursors WHERE account_id = ?1 AND key = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = column_text (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _vigie_store_set_error (store, rc, error);
  return value;
}

gboolean
vigie_account_set_cursor (VigieStore  *store,
                          gint64       id,
                          const char  *key,
                          const char  *value,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    stmt = _vigie_store_get_statement (store,
      "DELETE FROM sync_cursors WHERE account_id = ?1 AND key = ?2", error);
  else
    stmt = _vigie_store_get_statement (store,
      "INSERT OR REPLACE INTO sync_cursors (account_id, key, value) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, error);
}

gboolean
vigie_account_clear_cursors (VigieStore  *store,
                             gint64       id,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _vigie_store_get_statement (store, "DELETE FROM sync_cursors WHERE account_id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (store, stmt, error);
}
