/* vigie-window-private.h — for the tests of the live sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-sync.h"
#include "vigie-window.h"

G_BEGIN_DECLS

/* One "minute" of sync-interval-minutes lasts @ms milliseconds (default
 * 60000), so the periodic sync can be seen without waiting; the timer is
 * set up again at once */
void        _vigie_window_set_sync_minute_ms  (VigieWindow            *self,
                                               guint                   ms);
/* Tunes the HTTP clients of the window's syncs (e.g. a shorter platform
 * second for throttling waits); NULL for none */
void        _vigie_window_set_sync_http_setup (VigieWindow            *self,
                                               VigieSyncHttpSetupFunc  func,
                                               gpointer                user_data);
/* The desktop notifications the window composed after syncs (sent when it
 * has an application): how many, and the last one's title and body (NULL
 * before the first) */
guint       _vigie_window_get_n_notifications (VigieWindow            *self);
const char *_vigie_window_get_notification_title (VigieWindow         *self);
const char *_vigie_window_get_notification_body  (VigieWindow         *self);

/* The toast that says the last sync failed, while it is shown or queued;
 * NULL otherwise */
AdwToast   *_vigie_window_get_sync_error_toast   (VigieWindow         *self);

G_END_DECLS
