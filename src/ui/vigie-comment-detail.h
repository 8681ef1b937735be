/* vigie-comment-detail.h — one comment with its post, its thread and its
 * author's other comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vigie-action.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_COMMENT_DETAIL (vigie_comment_detail_get_type ())

G_DECLARE_FINAL_TYPE (VigieCommentDetail, vigie_comment_detail, VIGIE, COMMENT_DETAIL, GtkWidget)

GtkWidget    *vigie_comment_detail_new         (void);
VigieStore   *vigie_comment_detail_get_store   (VigieCommentDetail *self);
void          vigie_comment_detail_set_store   (VigieCommentDetail *self,
                                                VigieStore         *store);
/* Shows @comment (NULL: "No comment selected"); its context is read from
 * the store */
void          vigie_comment_detail_set_comment (VigieCommentDetail *self,
                                                VigieComment       *comment);
VigieComment *vigie_comment_detail_get_comment (VigieCommentDetail *self);
/* The policy that names the categories and quotes the clauses of the
 * comment's flags */
void          vigie_comment_detail_set_policy  (VigieCommentDetail *self,
                                                VigiePolicy        *policy);
/* The flags shown, NULL when the comment was never classified */
VigieClassification *vigie_comment_detail_get_classification (VigieCommentDetail *self);
/* Buttons for @kinds (VigieActionKind) on the comment shown, activating
 * "win.moderate" with the kind's name; NULL or empty: none */
void          vigie_comment_detail_set_actions (VigieCommentDetail *self,
                                                GArray             *kinds);
/* The text's Pango attributes: the matched spans are highlighted */
GtkLabel     *vigie_comment_detail_get_text_label (VigieCommentDetail *self);

/* The director's decisions on the comment's actions (VigieAction*; NULL
 * for none): awaiting, approved by whom, rejected by whom and why */
void          vigie_comment_detail_set_decisions (VigieCommentDetail *self,
                                                  GPtrArray          *actions);

/* What the detail shows of a flag, for other views (the training
 * exercise): a card with its category, clause, quoted text, rule and
 * matched words */
GtkWidget     *vigie_flag_card_new        (VigiePolicy               *policy,
                                           const VigieFlag           *flag,
                                           const char                *text);
/* The spans of @classification's flags in @text, highlighted and
 * underlined; NULL without flags */
PangoAttrList *vigie_highlight_spans_new  (const VigieClassification *classification,
                                           const char                *text);

G_END_DECLS
