/* vigie-comment-item.c — one comment of the queue, as a list item
 *
 * The queue model creates these on demand for the rows on screen and keeps
 * a bounded number of them: never one per stored comment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-comment-item"

#include "config.h"

#include "vigie-comment-item.h"
#include "vigie-comment-item-private.h"

struct _VigieCommentItem
{
  GObject       parent_instance;

  VigieComment *comment;
  char         *post_excerpt;
  VigieClassification *classification;
  VigiePolicy  *policy;
};

G_DEFINE_FINAL_TYPE (VigieCommentItem, vigie_comment_item, G_TYPE_OBJECT)

static guint n_live;

static void
vigie_comment_item_finalize (GObject *object)
{
  VigieCommentItem *self = VIGIE_COMMENT_ITEM (object);

  g_clear_pointer (&self->comment, vigie_comment_unref);
  g_clear_pointer (&self->post_excerpt, g_free);
  g_clear_pointer (&self->classification, vigie_classification_unref);
  g_clear_object (&self->policy);
  (void) g_atomic_int_dec_and_test (&n_live);

  G_OBJECT_CLASS (vigie_comment_item_parent_class)->finalize (object);
}

static void
vigie_comment_item_class_init (VigieCommentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_comment_item_finalize;
}

static void
vigie_comment_item_init (VigieCommentItem *self)
{
  g_atomic_int_inc (&n_live);
}

VigieCommentItem *
vigie_comment_item_new (VigieComment *comment,
                        const char   *post_excerpt)
{
  VigieCommentItem *self;

  g_return_val_if_fail (comment != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_COMMENT_ITEM, NULL);
  self->comment = vigie_comment_ref (comment);
  self->post_excerpt = g_strdup (post_excerpt);
  return self;
}

VigieComment *
vigie_comment_item_get_comment (VigieCommentItem *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_ITEM (self), NULL);
  return self->comment;
}

gint64
vigie_comment_item_get_id (VigieCommentItem *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_ITEM (self), 0);
  return self->comment->id;
}

const char *
vigie_comment_item_get_post_excerpt (VigieCommentItem *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_ITEM (self), NULL);
  return self->post_excerpt;
}

void
vigie_comment_item_set_classification (VigieCommentItem    *self,
                                       VigieClassification *classification,
                                       VigiePolicy         *policy)
{
  g_return_if_fail (VIGIE_IS_COMMENT_ITEM (self));

  if (classification != NULL)
    vigie_classification_ref (classification);
  g_clear_pointer (&self->classification, vigie_classification_unref);
  self->classification = classification;
  g_set_object (&self->policy, policy);
}

VigieClassification *
vigie_comment_item_get_classification (VigieCommentItem *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_ITEM (self), NULL);

  return self->classification;
}

VigiePolicy *
vigie_comment_item_get_policy (VigieCommentItem *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_ITEM (self), NULL);

  return self->policy;
}

guint
_vigie_comment_item_get_n_live (void)
{
  return g_atomic_int_get (&n_live);
}
