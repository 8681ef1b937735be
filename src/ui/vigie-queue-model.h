/* vigie-queue-model.h — the comments of a query, as a list model that pages
 * from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-policy.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_QUEUE_MODEL (vigie_queue_model_get_type ())

G_DECLARE_FINAL_TYPE (VigieQueueModel, vigie_queue_model, VIGIE, QUEUE_MODEL, GObject)

VigieQueueModel  *vigie_queue_model_new         (VigieStore        *store);
VigieStore       *vigie_queue_model_get_store   (VigieQueueModel   *self);
/* Copies @query and loads its ids in a worker thread; "loading" is TRUE
 * until they are there, then "loaded" is emitted. */
void              vigie_queue_model_set_query   (VigieQueueModel   *self,
                                                 const VigieQuery  *query);
/* The query; its strings belong to the model */
const VigieQuery *vigie_queue_model_get_query   (VigieQueueModel   *self);
/* The policy that names the categories of the items' flags */
void              vigie_queue_model_set_policy  (VigieQueueModel   *self,
                                                 VigiePolicy       *policy);
/* Loads the current query again (after an import) */
void              vigie_queue_model_reload      (VigieQueueModel   *self);
gboolean          vigie_queue_model_get_loading (VigieQueueModel   *self);
/* Why the last load failed, or NULL */
const GError     *vigie_queue_model_get_error   (VigieQueueModel   *self);
/* The comment row id at @position, 0 when out of range */
gint64            vigie_queue_model_get_id      (VigieQueueModel   *self,
                                                 guint              position);
/* The position of the comment @id, or GTK_INVALID_LIST_POSITION (G_MAXUINT) */
guint             vigie_queue_model_find        (VigieQueueModel   *self,
                                                 gint64             id);

G_END_DECLS
