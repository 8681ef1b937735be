/* vigie-classify-task.h — classifies a workspace in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-classifier.h"
#include "vigie-store.h"

G_BEGIN_DECLS

/* Called in the worker thread: @done of @total comments looked at */
typedef void (*VigieClassifyProgressFunc) (guint64  done,
                                           guint64  total,
                                           gpointer user_data);

/* Classifies the comments of @store (through a connection of its own) with
 * @classifier and saves the results. With @only_missing, the comments
 * already classified are left as they are (after an import); without it,
 * every comment is classified again (the policy or the settings changed). */
void     vigie_classify_workspace_async  (VigieStore                *store,
                                          VigieClassifier           *classifier,
                                          gboolean                   only_missing,
                                          GCancellable              *cancellable,
                                          VigieClassifyProgressFunc  progress,
                                          gpointer                   progress_data,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data);
/* @out_n_classified: how many comments were (re)classified */
gboolean vigie_classify_workspace_finish (VigieStore                *store,
                                          GAsyncResult              *result,
                                          guint64                   *out_n_classified,
                                          GError                   **error);

/* The classifier for @store: the default policy with the workspace's
 * "classifier.settings" (JSON) when set */
VigieClassifier *vigie_classifier_new_for_store (VigieStore  *store,
                                                 GError     **error);

G_END_DECLS
