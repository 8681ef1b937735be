/* vigie-preferences-window.h — who you are, the undo grace period, the style,
 * the classifier settings of the workspace and its reply templates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-policy.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_PREFERENCES_WINDOW (vigie_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (VigiePreferencesWindow, vigie_preferences_window, VIGIE,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *vigie_preferences_window_new           (GSettings              *settings);
/* Shows the "Policy" page: the classifier settings of the workspace in
 * @store, written to its "classifier.settings" as JSON on each change;
 * ::classifier-settings-changed then says so. Shows the "Replies" page
 * too: the workspace's copies of the reply templates, saved to @store
 * (checked for unknown placeholders) or reset to the shipped text. */
void       vigie_preferences_window_set_workspace (VigiePreferencesWindow *self,
                                                   VigieStore             *store,
                                                   VigiePolicy            *policy);

G_END_DECLS
