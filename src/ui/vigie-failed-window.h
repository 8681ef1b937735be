/* vigie-failed-window.h — the actions that failed, to retry or abandon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-outbox.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_FAILED_WINDOW (vigie_failed_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieFailedWindow, vigie_failed_window, VIGIE, FAILED_WINDOW, AdwWindow)

GtkWidget *vigie_failed_window_new    (VigieOutbox       *outbox,
                                       const char        *actor_name,
                                       const char        *actor_role);
void       vigie_failed_window_reload (VigieFailedWindow *self);
guint      vigie_failed_window_get_n_failed (VigieFailedWindow *self);

G_END_DECLS
