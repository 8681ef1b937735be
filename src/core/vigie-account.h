/* vigie-account.h — the pages and channels a workspace syncs from
 *
 * An account is a Facebook Page, an Instagram professional account or a
 * YouTube channel: its platform, external id, name, API base URL and
 * version (settings, so tests point them at a loopback server), status and
 * the time of its last complete sync. Its access token is in the keyring
 * (vigie-secrets.h), never here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vigie-model.h"
#include "vigie-store.h"

G_BEGIN_DECLS

typedef enum
{
  VIGIE_ACCOUNT_STATUS_OK,
  VIGIE_ACCOUNT_STATUS_NEEDS_RECONNECT,  /* the token expired or was revoked */
  VIGIE_ACCOUNT_STATUS_THROTTLED,        /* the platform asked to wait */
  VIGIE_ACCOUNT_STATUS_ERROR,            /* the last sync failed */
} VigieAccountStatus;

typedef struct
{
  gint64             id;
  VigiePlatform      platform;
  char              *external_id;   /* page id, Instagram user id or channel id */
  char              *name;
  char              *api_base;      /* NULL for the platform's */
  char              *api_version;   /* NULL for the platform's */
  VigieAccountStatus status;
  char              *last_error;    /* translated, or NULL */
  gint64             last_sync;     /* Unix time of the last complete sync, 0 for never */
  gint64             run_started;   /* an interrupted sync's start, 0 for none */
} VigieAccount;

void          vigie_account_free              (VigieAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieAccount, vigie_account_free)

/* "ok", "needs-reconnect", "throttled", "error" */
const char   *vigie_account_status_to_string  (VigieAccountStatus status);
/* Translated, for the Accounts view */
const char   *vigie_account_status_get_label  (VigieAccountStatus status);
/* The keyring's name of the account: "facebook:123" */
char         *vigie_account_get_secret_key    (const VigieAccount *account);

/* Adds an account (or updates the one with this platform and id) */
VigieAccount *vigie_account_add               (VigieStore    *store,
                                               VigiePlatform  platform,
                                               const char    *external_id,
                                               const char    *name,
                                               const char    *api_base,
                                               const char    *api_version,
                                               GError       **error);
/* VigieAccount*, oldest first */
GPtrArray    *vigie_account_list              (VigieStore    *store,
                                               GError       **error);
/* By row id, or by external id when @id is 0 (@platform may be UNKNOWN);
 * NULL with VIGIE_STORE_ERROR_NOT_FOUND when there is none */
VigieAccount *vigie_account_get               (VigieStore    *store,
                                               gint64         id,
                                               VigiePlatform  platform,
                                               const char    *external_id,
                                               GError       **error);
/* Removes the account and its cursors (not its comments) */
gboolean      vigie_account_remove            (VigieStore    *store,
                                               gint64         id,
                                               GError       **error);
gboolean      vigie_account_set_status        (VigieStore         *store,
                                               gint64              id,
                                               VigieAccountStatus  status,
                                               const char         *message,
                                               GError            **error);
/* @run_started: 0 once a sync completes, with @last_sync its start */
gboolean      vigie_account_set_sync_times    (VigieStore    *store,
                                               gint64         id,
                                               gint64         last_sync,
                                               gint64         run_started,
                                               GError       **error);
gboolean      vigie_account_count             (VigieStore    *store,
                                               guint         *out_count,
                                               GError       **error);

/* Sync cursors: where an interrupted sync resumes. NULL when none. */
char         *vigie_account_get_cursor        (VigieStore    *store,
                                               gint64         id,
                                               const char    *key,
                                               GError       **error);
/* @value NULL removes it */
gboolean      vigie_account_set_cursor        (VigieStore    *store,
                                               gint64         id,
                                               const char    *key,
                                               const char    *value,
                                               GError       **error);
gboolean      vigie_account_clear_cursors     (VigieStore    *store,
                                               gint64         id,
                                               GError       **error);

G_END_DECLS
