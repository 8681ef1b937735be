/* vigie-window.h — the main window: sidebar, queue and detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-classifier.h"
#include "vigie-comment-detail.h"
#include "vigie-outbox.h"
#include "vigie-queue-model.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_WINDOW (vigie_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieWindow, vigie_window, VIGIE, WINDOW, AdwApplicationWindow)

/* @application and @settings may be NULL (tests) */
VigieWindow        *vigie_window_new                (GtkApplication     *application,
                                                     VigieStore         *store,
                                                     GSettings          *settings);
VigieStore         *vigie_window_get_store          (VigieWindow        *self);
void                vigie_window_set_workspace_name (VigieWindow        *self,
                                                     const char         *name);
/* Imports files and folders in a worker thread, with the import bar */
void                vigie_window_import             (VigieWindow        *self,
                                                     const char * const *paths);
gboolean            vigie_window_get_importing      (VigieWindow        *self);
/* Syncs the workspace's accounts (win.sync, F5) with the sync bar; a toast
 * and the queue reloaded at the end. Does nothing without accounts or
 * while a sync runs. The Accounts window is win.show-accounts. */
void                vigie_window_sync               (VigieWindow        *self);
gboolean            vigie_window_get_syncing        (VigieWindow        *self);
/* Classification runs after each import, at start for the comments not
 * classified yet, and over everything when the classifier changes */
gboolean            vigie_window_get_classifying    (VigieWindow        *self);
VigieClassifier    *vigie_window_get_classifier     (VigieWindow        *self);
void                vigie_window_set_classifier     (VigieWindow        *self,
                                                     VigieClassifier    *classifier);
/* Moderation actions: win.moderate (the kind's name), win.undo (an action
 * id); keys h r b p e d */
VigieOutbox        *vigie_window_get_outbox         (VigieWindow        *self);
VigieQueueModel    *vigie_window_get_queue_model    (VigieWindow        *self);
/* Several comments can be selected (Ctrl+click, Shift+click, Shift+arrows):
 * actions then apply to each of them, win.undo-all (their ids) undoes
 * them. The detail shows the last one picked. */
GtkSelectionModel  *vigie_window_get_selection      (VigieWindow        *self);
guint               vigie_window_get_selected       (VigieWindow        *self);
void                vigie_window_select             (VigieWindow        *self,
                                                     guint               position);
VigieCommentDetail *vigie_window_get_detail         (VigieWindow        *self);
/* The queue's visible page: "loading", "list", "empty", "importing",
 * "no-results" or "error" */
const char         *vigie_window_get_queue_state    (VigieWindow        *self);

/* The incident report of the comment, as "Incident Report…" saves it */
gboolean            vigie_window_save_incident_report (VigieWindow  *self,
                                                       gint64        comment_id,
                                                       GFile        *file,
                                                       GError      **error);

/* A toast over the window, for the views other files add to it */
void                vigie_window_add_toast          (VigieWindow        *self,
                                                     const char         *text);

G_END_DECLS
