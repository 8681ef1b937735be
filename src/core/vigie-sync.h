/* vigie-sync.h — bringing the comments of the accounts into the workspace
 *
 * Syncs one account or all: Facebook posts and their comments (all levels,
 * since the last sync), Instagram media, comments and replies, YouTube
 * comment threads of the channel. Each page of results is stored, with
 * the cursor to the next one, in one transaction, and what arrived is
 * classified in that transaction too: a sync that is cancelled, crashes or
 * is throttled resumes where it stopped, with nothing lost or duplicated.
 *
 * An expired token marks the account "needs reconnecting"; a throttled
 * account waits when the wait is short, else stops and says until when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-classifier.h"
#include "vigie-http.h"
#include "vigie-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint   n_accounts;     /* accounts synced */
  guint   n_failed;       /* accounts whose sync failed */
  guint   n_requests;     /* HTTP requests made */
  guint64 n_posts;        /* posts and videos read */
  guint64 n_comments;     /* comments read */
  guint64 n_inserted;     /* new in the workspace */
  guint64 n_updated;      /* changed since the last sync */
  guint64 n_flagged;      /* new or changed comments flagged by the classifier */
  guint64 n_urgent;       /* of which urgent */
} VigieSyncStats;

#define VIGIE_TYPE_SYNC (vigie_sync_get_type ())

G_DECLARE_FINAL_TYPE (VigieSync, vigie_sync, VIGIE, SYNC, GObject)

/* Lets tests (and the bench) tune each account's HTTP client */
typedef void (*VigieSyncHttpSetupFunc) (VigieHttp *http,
                                        gpointer   user_data);

/* @classifier: NULL to store without classifying.
 *
 * Signals, emitted in the thread (main context) that started the sync:
 * - "progress" (gint64 account_id, guint64 comments_read, guint requests)
 * - "throttled" (gint64 account_id, gint64 resume_at): the platform asked
 *   to wait; resume_at is Unix time in seconds
 * - "account-finished" (gint64 account_id, const char *error): error is
 *   NULL on success, else translated */
VigieSync *vigie_sync_new            (VigieStore              *store,
                                      VigieClassifier         *classifier);
void       vigie_sync_set_http_setup (VigieSync               *self,
                                      VigieSyncHttpSetupFunc   func,
                                      gpointer                 user_data);
/* Items asked for per request (default 100, the platforms' maximum) */
void       vigie_sync_set_page_size  (VigieSync               *self,
                                      guint                    page_size);

/* Syncs @account_id (0 = every account) on the store's thread. FALSE when
 * an account failed or on cancellation (@error says the first failure);
 * @out_stats is filled either way. */
gboolean   vigie_sync_run            (VigieSync               *self,
                                      gint64                   account_id,
                                      GCancellable            *cancellable,
                                      VigieSyncStats          *out_stats,
                                      GError                 **error);
/* The same in a worker thread with its own connection to the workspace */
void       vigie_sync_run_async      (VigieSync               *self,
                                      gint64                   account_id,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
gboolean   vigie_sync_run_finish     (VigieSync               *self,
                                      GAsyncResult            *result,
                                      VigieSyncStats          *out_stats,
                                      GError                 **error);

G_END_DECLS
