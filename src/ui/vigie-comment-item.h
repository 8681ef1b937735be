/* vigie-comment-item.h — one comment of the queue, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vigie-classifier.h"
#include "vigie-model.h"
#include "vigie-policy.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_COMMENT_ITEM (vigie_comment_item_get_type ())

G_DECLARE_FINAL_TYPE (VigieCommentItem, vigie_comment_item, VIGIE, COMMENT_ITEM, GObject)

VigieCommentItem   *vigie_comment_item_new              (VigieComment     *comment,
                                                         const char       *post_excerpt);
VigieComment       *vigie_comment_item_get_comment      (VigieCommentItem *self);
gint64              vigie_comment_item_get_id           (VigieCommentItem *self);
const char         *vigie_comment_item_get_post_excerpt (VigieCommentItem *self);
/* The comment's flags, NULL when it was never classified; the policy
 * names their categories */
void                 vigie_comment_item_set_classification (VigieCommentItem    *self,
                                                            VigieClassification *classification,
                                                            VigiePolicy         *policy);
VigieClassification *vigie_comment_item_get_classification (VigieCommentItem    *self);
VigiePolicy         *vigie_comment_item_get_policy         (VigieCommentItem    *self);

G_END_DECLS
