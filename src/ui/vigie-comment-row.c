/* vigie-comment-row.c — one comment in the queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-comment-row"

#include "config.h"

#include "vigie-comment-row.h"

#include "vigie-category-chip.h"
#include "vigie-format.h"

#include <glib/gi18n.h>

#define EXCERPT_CHARS 200

struct _VigieCommentRow
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkLabel         *author_label;
  GtkLabel         *platform_label;
  GtkImage         *reply_image;
  GtkLabel         *hidden_label;
  GtkLabel         *time_label;
  GtkLabel         *excerpt_label;
  GtkLabel         *post_label;
  GtkBox           *chips_box;

  /* Owned */
  VigieCommentItem *item;
};

G_DEFINE_FINAL_TYPE (VigieCommentRow, vigie_comment_row, GTK_TYPE_WIDGET)

static const char *platform_classes[] = {
  "platform-unknown", "platform-facebook", "platform-instagram", "platform-youtube",
};

static void
vigie_comment_row_dispose (GObject *object)
{
  VigieCommentRow *self = VIGIE_COMMENT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_COMMENT_ROW);
  /* Template children without an id are not disposed with the template */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (vigie_comment_row_parent_class)->dispose (object);
}

static void
vigie_comment_row_class_init (VigieCommentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_comment_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-comment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieCommentRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentRow, platform_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentRow, reply_image);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentRow, hidden_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentRow, excerpt_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentRow, post_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentRow, chips_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigiecommentrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_comment_row_init (VigieCommentRow *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 3);
}

GtkWidget *
vigie_comment_row_new (void)
{
  return g_object_new (VIGIE_TYPE_COMMENT_ROW, NULL);
}

VigieCommentItem *
vigie_comment_row_get_item (VigieCommentRow *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_ROW (self), NULL);

  return self->item;
}

void
vigie_comment_row_set_item (VigieCommentRow  *self,
                            VigieCommentItem *item,
                            gint64            now)
{
  VigieComment *comment;
  g_autofree char *time = NULL;
  g_autofree char *full_time = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *post = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GString) flags = NULL;
  VigieClassification *classification;
  VigiePolicy *policy;
  const char *author;
  const char *platform;
  const char *post_excerpt;

  g_return_if_fail (VIGIE_IS_COMMENT_ROW (self));
  g_return_if_fail (item == NULL || VIGIE_IS_COMMENT_ITEM (item));

  for (guint i = 0; i < G_N_ELEMENTS (platform_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->platform_label), platform_classes[i]);

  g_set_object (&self->item, item);
  if (item == NULL)
    {
      gtk_label_set_text (self->author_label, "");
      gtk_label_set_text (self->platform_label, "");
      gtk_label_set_text (self->excerpt_label, "");
      gtk_label_set_text (self->time_label, "");
      vigie_category_chip_fill_box (self->chips_box, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->chips_box), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  comment = vigie_comment_item_get_comment (item);

  author = comment->author_name != NULL && comment->author_name[0] != '\0'
         ? comment->author_name : _("Unknown author");
  gtk_label_set_text (self->author_label, author);

  platform = vigie_platform_get_display_name (comment->platform);
  gtk_label_set_text (self->platform_label, platform);
  if ((guint) comment->platform < G_N_ELEMENTS (platform_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->platform_label),
                              platform_classes[comment->platform]);

  gtk_widget_set_visible (GTK_WIDGET (self->reply_image), comment->parent_external_id != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->hidden_label), comment->hidden);

  time = vigie_format_relative_time (comment->created, now);
  full_time = vigie_format_full_time (comment->created);
  gtk_label_set_text (self->time_label, time);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), full_time);

  excerpt = vigie_format_excerpt (comment->text, EXCERPT_CHARS);
  gtk_label_set_text (self->excerpt_label, excerpt);

  post_excerpt = vigie_comment_item_get_post_excerpt (item);
  if (post_excerpt != NULL)
    {
      /* Translators: under a comment in the queue, the post it was left
       * on; French: « sur « %s » » */
      post = g_strdup_printf (_("on “%s”"), post_excerpt);
      gtk_label_set_text (self->post_label, post);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->post_label), post_excerpt != NULL);

  classification = vigie_comment_item_get_classification (item);
  policy = vigie_comment_item_get_policy (item);
  gtk_widget_set_visible (GTK_WIDGET (self->chips_box),
                          vigie_category_chip_fill_box (self->chips_box, policy,
                                                        classification) > 0);
  flags = g_string_new (NULL);
  if (classification != NULL && classification->flags != NULL)
    {
      if (classification->urgent)
        g_string_append (flags, C_("badge", "Urgent"));
      for (guint i = 0; i < classification->flags->len; i++)
        {
          const VigieFlag *flag = &g_array_index (classification->flags, VigieFlag, i);

          if (flags->len > 0)
            /* Translators: between the categories a screen reader reads */
            g_string_append (flags, _(", "));
          g_string_append (flags, vigie_category_chip_label (policy, flag->category));
        }
    }

  /* What a screen reader says for the row: the labels' text in one go */
  if (comment->parent_external_id != NULL)
    /* Translators: how a screen reader reads a reply in the queue:
     * author, platform, time, text */
    description = g_strdup_printf (_("Reply by %s on %s, %s: %s"),
                                   author, platform, full_time, excerpt);
  else
    /* Translators: how a screen reader reads a comment in the queue:
     * author, platform, time, text */
    description = g_strdup_printf (_("Comment by %s on %s, %s: %s"),
                                   author, platform, full_time, excerpt);
  if (flags->len > 0)
    {
      g_autofree char *with_flags = NULL;

      /* Translators: a comment in the queue for a screen reader, then the
       * categories it is flagged with */
      with_flags = g_strdup_printf (_("%s. Flagged: %s"), description, flags->str);
      g_free (description);
      description = g_steal_pointer (&with_flags);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}
