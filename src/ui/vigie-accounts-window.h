/* vigie-accounts-window.h — the pages and channels the workspace syncs from
 *
 * Lists the accounts (platform, name, id, status, last sync, last error),
 * adds one (its token checked with a test call and kept in the keyring
 * only) and removes one with its token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ACCOUNTS_WINDOW (vigie_accounts_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieAccountsWindow, vigie_accounts_window, VIGIE, ACCOUNTS_WINDOW,
                      AdwWindow)

/* Signals: "accounts-changed" once an account was added or removed */
GtkWidget *vigie_accounts_window_new       (VigieStore          *store);
/* Reads the accounts again (after a sync) */
void       vigie_accounts_window_reload    (VigieAccountsWindow *self);
/* Is an account being added (keyring, test call)? */
gboolean   vigie_accounts_window_get_busy  (VigieAccountsWindow *self);
/* The number of account rows shown */
guint      vigie_accounts_window_get_n_accounts (VigieAccountsWindow *self);
/* The row of account @id, or NULL; its remove button is its
 * "remove-button" data */
GtkWidget *vigie_accounts_window_get_row   (VigieAccountsWindow *self,
                                            gint64               id);

G_END_DECLS
