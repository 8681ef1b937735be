/* vigie-comment-row.h — one comment in the queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vigie-comment-item.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_COMMENT_ROW (vigie_comment_row_get_type ())

G_DECLARE_FINAL_TYPE (VigieCommentRow, vigie_comment_row, VIGIE, COMMENT_ROW, GtkWidget)

GtkWidget        *vigie_comment_row_new      (void);
VigieCommentItem *vigie_comment_row_get_item (VigieCommentRow  *self);
/* @now is the Unix time the relative time is counted from */
void              vigie_comment_row_set_item (VigieCommentRow  *self,
                                              VigieCommentItem *item,
                                              gint64            now);

G_END_DECLS
