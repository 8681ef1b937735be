/* vigie-queue-model-private.h — for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-queue-model.h"

G_BEGIN_DECLS

/* Rows are read from the store this many at a time... */
#define VIGIE_QUEUE_MODEL_CHUNK_SIZE 64
/* ...and at most this many items are kept, least recently used dropped first */
#define VIGIE_QUEUE_MODEL_CACHE_SIZE 1024

guint _vigie_queue_model_get_n_cached (VigieQueueModel *self);

G_END_DECLS
