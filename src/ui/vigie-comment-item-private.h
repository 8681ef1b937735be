/* vigie-comment-item-private.h — for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-comment-item.h"

G_BEGIN_DECLS

/* How many VigieCommentItem objects are alive right now */
guint _vigie_comment_item_get_n_live (void);

G_END_DECLS
