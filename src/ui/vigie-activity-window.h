/* vigie-activity-window.h — the audit trail, filtered by who, what, when
 * and category, with CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-policy.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ACTIVITY_WINDOW (vigie_activity_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieActivityWindow, vigie_activity_window, VIGIE, ACTIVITY_WINDOW,
                      AdwWindow)

GtkWidget *vigie_activity_window_new        (VigieStore          *store,
                                             VigiePolicy         *policy);
/* Reads the trail again with the current filters */
void       vigie_activity_window_reload     (VigieActivityWindow *self);
/* The entries shown (VigieAuditEntry*) */
GPtrArray *vigie_activity_window_get_entries (VigieActivityWindow *self);

G_END_DECLS
