/* vigie-comment-detail.c — one comment with its post, its thread and its
 * author's other comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-comment-detail"

#include "config.h"

#include "vigie-comment-detail.h"

#include "vigie-category-chip.h"
#include "vigie-format.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

/* The thread and the author's comments are context, not a second queue */
#define MAX_THREAD_ROWS        100
#define MAX_AUTHOR_ROWS        10
#define CONTEXT_EXCERPT_CHARS  280
#define POST_EXCERPT_CHARS     400

struct _VigieCommentDetail
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkLabel          *author_label;
  GtkLabel          *platform_label;
  GtkLabel          *time_label;
  GtkLabel          *reply_label;
  GtkLabel          *hidden_label;
  GtkLabel          *likes_label;
  GtkLabel          *text_label;
  GtkButton         *permalink_button;
  AdwButtonContent  *permalink_content;
  GtkLabel          *language_label;
  GtkWidget         *post_box;
  GtkLabel          *post_page_label;
  GtkLabel          *post_text_label;
  GtkLabel          *post_time_label;
  GtkButton         *post_link_button;
  GtkWidget         *thread_box;
  GtkListBox        *thread_list;
  GtkWidget         *author_box;
  GtkLabel          *author_heading;
  GtkListBox        *author_list;
  GtkLabel          *author_more_label;
  GtkBox            *chips_box;
  GtkFlowBox        *actions_box;
  GtkBox            *decisions_box;
  GtkMenuButton     *comment_menu_button;
  GtkWidget         *flags_box;
  GtkLabel          *recommendation_label;
  GtkBox            *flag_list;

  /* Owned */
  VigieStore        *store;
  VigiePolicy       *policy;
  VigieComment      *comment;
  VigieClassification *classification;
  char              *post_permalink;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  COMMENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieCommentDetail, vigie_comment_detail, GTK_TYPE_WIDGET)

static const char *platform_classes[] = {
  "platform-unknown", "platform-facebook", "platform-instagram", "platform-youtube",
};

static const char *
author_or_unknown (const VigieComment *comment)
{
  if (comment->author_name != NULL && comment->author_name[0] != '\0')
    return comment->author_name;
  return _("Unknown author");
}

static void
open_uri (VigieCommentDetail *self,
          const char         *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (uri == NULL)
    return;
  /* GtkUriLauncher is GTK 4.10 */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
permalink_clicked_cb (VigieCommentDetail *self)
{
  if (self->comment != NULL)
    open_uri (self, self->comment->permalink);
}

static void
post_link_clicked_cb (VigieCommentDetail *self)
{
  open_uri (self, self->post_permalink);
}

static void
context_row_activated_cb (VigieCommentDetail *self,
                          GtkListBoxRow      *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "vigie-comment-id");

  if (id != NULL && (self->comment == NULL || *id != self->comment->id))
    g_signal_emit (self, signals[COMMENT_ACTIVATED], 0, *id);
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* A comment of the thread or of the author, in a boxed list */
static GtkWidget *
make_context_row (VigieComment *comment,
                  gboolean      current,
                  guint         depth,
                  gint64        now)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *top;
  GtkWidget *label;
  g_autofree char *time = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *accessible = NULL;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), "vigie-comment-id",
                          g_memdup2 (&comment->id, sizeof comment->id), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !current);
  if (current)
    gtk_widget_add_css_class (row, "current-comment");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12 + 18 * MIN (depth, 4));
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (box), top);

  label = gtk_label_new (author_or_unknown (comment));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (top), label);

  if (current)
    {
      label = gtk_label_new (C_("badge", "This comment"));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "current-badge");
      gtk_box_append (GTK_BOX (top), label);
    }
  if (comment->hidden)
    {
      label = gtk_label_new (C_("badge", "Hidden"));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "hidden-badge");
      gtk_box_append (GTK_BOX (top), label);
    }

  time = vigie_format_relative_time (comment->created, now);
  label = gtk_label_new (time);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (top), label);

  excerpt = vigie_format_excerpt (comment->text, CONTEXT_EXCERPT_CHARS);
  label = gtk_label_new (excerpt);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), label);

  /* Translators: how a screen reader reads a comment of the conversation,
   * "Marie Tremblay, 3 h ago: Merci!" */
  accessible = g_strdup_printf (_("%s, %s: %s"), author_or_unknown (comment), time, excerpt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

/* The start of a post as written, line breaks and all */
static char *
cut_text (const char *text,
          glong       max_chars)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strstrip (g_strdup (text));
  start = g_utf8_substring (text, 0, max_chars);
  return g_strconcat (g_strchomp (start), "…", NULL);
}

static void
show_post (VigieCommentDetail *self,
           VigieComment       *comment)
{
  g_autoptr(VigiePost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *time = NULL;

  g_clear_pointer (&self->post_permalink, g_free);
  if (comment->post_id > 0)
    post = vigie_store_get_post (self->store, comment->post_id, &error);
  if (post == NULL)
    {
      if (error != NULL)
        g_debug ("Cannot read post %" G_GINT64_FORMAT ": %s", comment->post_id, error->message);
      gtk_widget_set_visible (self->post_box, FALSE);
      return;
    }

  gtk_widget_set_visible (self->post_box, TRUE);
  gtk_label_set_text (self->post_page_label,
                      post->page_name != NULL ? post->page_name
                                              : vigie_platform_get_display_name (post->platform));
  if (post->text != NULL && post->text[0] != '\0')
    text = cut_text (post->text, POST_EXCERPT_CHARS);
  else
    text = g_strdup (_("This post has no text (a photo or a video)."));
  gtk_label_set_text (self->post_text_label, text);

  time = vigie_format_full_time (post->created);
  if (post->n_comments > 0)
    {
      g_autofree char *number = vigie_format_number (post->n_comments);
      g_autofree char *line = NULL;

      /* Translators: under the post in the detail, "Wednesday… · 42 comments" */
      line = g_strdup_printf (ngettext ("%s · %s comment", "%s · %s comments", post->n_comments),
                              time, number);
      gtk_label_set_text (self->post_time_label, line);
    }
  else
    gtk_label_set_text (self->post_time_label, time);

  self->post_permalink = g_strdup (post->permalink);
  gtk_widget_set_visible (GTK_WIDGET (self->post_link_button), post->permalink != NULL);
}

static void
show_thread (VigieCommentDetail *self,
             VigieComment       *comment,
             gint64              now)
{
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(GError) error = NULL;
  guint current = 0;

  clear_list (self->thread_list);

  thread = vigie_store_get_thread (self->store, comment->id, &error);
  if (thread == NULL)
    {
      g_debug ("Cannot read the thread of %" G_GINT64_FORMAT ": %s", comment->id, error->message);
      gtk_widget_set_visible (self->thread_box, FALSE);
      return;
    }
  /* A comment alone is not a conversation */
  if (thread->len < 2)
    {
      gtk_widget_set_visible (self->thread_box, FALSE);
      return;
    }

  for (guint i = 0; i < thread->len; i++)
    if (((VigieComment *) g_ptr_array_index (thread, i))->id == comment->id)
      {
        current = i;
        break;
      }

  /* Ancestors from the top down, each one level deeper, this comment, then
   * its replies one level under it */
  for (guint i = 0; i < thread->len && i < MAX_THREAD_ROWS; i++)
    gtk_list_box_append (self->thread_list,
                         make_context_row (g_ptr_array_index (thread, i), i == current,
                                           i <= current ? i : current + 1, now));
  gtk_widget_set_visible (self->thread_box, TRUE);
}

static void
show_author_comments (VigieCommentDetail *self,
                      VigieComment       *comment,
                      gint64              now)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  gint64 others[MAX_AUTHOR_ROWS];
  guint n_others = 0;
  guint n_total_others;
  VigieQuery query = { .view = VIGIE_VIEW_ALL, .author_id = comment->author_id };

  clear_list (self->author_list);
  gtk_widget_set_visible (GTK_WIDGET (self->author_more_label), FALSE);

  if (comment->author_id <= 0)
    {
      gtk_widget_set_visible (self->author_box, FALSE);
      return;
    }

  ids = vigie_store_query_ids (self->store, &query, NULL, &error);
  if (ids == NULL)
    {
      g_debug ("Cannot read the author's comments: %s", error->message);
      gtk_widget_set_visible (self->author_box, FALSE);
      return;
    }

  n_total_others = ids->len > 0 ? ids->len - 1 : 0;
  for (guint i = 0; i < ids->len && n_others < MAX_AUTHOR_ROWS; i++)
    if (g_array_index (ids, gint64, i) != comment->id)
      others[n_others++] = g_array_index (ids, gint64, i);

  /* Translators: heading in the detail, with the author's name */
  heading = g_strdup_printf (_("Other Comments by %s"), author_or_unknown (comment));
  gtk_label_set_text (self->author_heading, heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->author_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);

  if (n_others == 0)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (_("None in this workspace."));

      gtk_widget_set_margin_top (label, 10);
      gtk_widget_set_margin_bottom (label, 10);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->author_list, row);
      gtk_widget_set_visible (self->author_box, TRUE);
      return;
    }

  comments = vigie_store_get_comments (self->store, others, n_others, &error);
  if (comments == NULL)
    {
      g_debug ("Cannot read the author's comments: %s", error->message);
      gtk_widget_set_visible (self->author_box, FALSE);
      return;
    }
  for (guint i = 0; i < comments->len; i++)
    gtk_list_box_append (self->author_list,
                         make_context_row (g_ptr_array_index (comments, i), FALSE, 0, now));

  if (n_total_others > n_others)
    {
      g_autofree char *more = NULL;
      guint rest = n_total_others - n_others;

      /* Translators: under the author's latest comments in the detail */
      more = g_strdup_printf (ngettext ("And %u older comment.", "And %u older comments.", rest),
                              rest);
      gtk_label_set_text (self->author_more_label, more);
      gtk_widget_set_visible (GTK_WIDGET (self->author_more_label), TRUE);
    }
  gtk_widget_set_visible (self->author_box, TRUE);
}

/* The matched spans, highlighted and underlined (never colour alone) */
PangoAttrList *
vigie_highlight_spans_new (const VigieClassification *classification,
                           const char                *text)
{
  PangoAttrList *attrs = NULL;
  gsize len = strlen (text);

  if (classification != NULL && classification->flags != NULL)
    {
      attrs = pango_attr_list_new ();
      for (guint i = 0; i < classification->flags->len; i++)
        {
          const VigieFlag *flag = &g_array_index (classification->flags, VigieFlag, i);

          for (guint j = 0; flag->spans != NULL && j < flag->spans->len; j++)
            {
              const VigieSpan *span = &g_array_index (flag->spans, VigieSpan, j);
              PangoAttribute *attr;

              if (span->start >= span->end || span->end > len)
                continue;
              attr = pango_attr_background_new (0xffff, 0xd000, 0x2000);
              attr->start_index = span->start;
              attr->end_index = span->end;
              pango_attr_list_insert (attrs, attr);
              attr = pango_attr_background_alpha_new (0x7000);
              attr->start_index = span->start;
              attr->end_index = span->end;
              pango_attr_list_insert (attrs, attr);
              attr = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
              attr->start_index = span->start;
              attr->end_index = span->end;
              pango_attr_list_insert (attrs, attr);
            }
        }
    }
  return attrs;
}

static void
highlight_spans (VigieCommentDetail *self,
                 const char         *text)
{
  PangoAttrList *attrs = vigie_highlight_spans_new (self->classification, text);

  gtk_label_set_attributes (self->text_label, attrs);
  if (attrs != NULL)
    pango_attr_list_unref (attrs);
}

GtkWidget *
vigie_flag_card_new (VigiePolicy     *policy,
                     const VigieFlag *flag,
                     const char      *text)
{
  const VigieCategory *category = NULL;
  const VigieClause *clause = NULL;
  GtkWidget *card, *header, *label;
  g_autofree char *score = NULL;
  g_autofree char *rule = NULL;
  g_autoptr(GString) matched = g_string_new (NULL);
  gsize len = strlen (text);

  if (policy != NULL)
    category = vigie_policy_lookup_category (policy, flag->category);
  for (guint i = 0; category != NULL && i < category->n_clauses; i++)
    if (g_strcmp0 (category->clauses[i].ref, flag->clause) == 0)
      clause = &category->clauses[i];
  if (clause == NULL && category != NULL && category->n_clauses > 0)
    clause = &category->clauses[0];

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "flag-card");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (header), vigie_category_chip_new (policy, flag->category));
  label = gtk_label_new (flag->clause);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (header), label);
  /* Translators: how sure the classifier is, "score 0.91" */
  score = g_strdup_printf (_("score %.2f"), flag->score);
  label = gtk_label_new (score);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (card), header);

  if (clause != NULL)
    {
      g_autofree char *source = NULL;
      g_autofree char *quoted = NULL;

      /* Translators: a clause quoted from the policy, in quotation marks;
       * French: « %s » */
      quoted = g_strdup_printf (_("“%s”"), clause->text);
      label = gtk_label_new (quoted);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "flag-clause");
      gtk_box_append (GTK_BOX (card), label);

      /* Translators: where a clause comes from: document, section */
      source = g_strdup_printf (_("— %s, %s"), clause->document, clause->section);
      label = gtk_label_new (source);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (card), label);
    }

  for (guint j = 0; flag->spans != NULL && j < flag->spans->len; j++)
    {
      const VigieSpan *span = &g_array_index (flag->spans, VigieSpan, j);

      if (span->start >= span->end || span->end > len)
        continue;
      if (matched->len > 0)
        g_string_append (matched, _(", "));
      g_string_append (matched, "“");
      g_string_append_len (matched, text + span->start, span->end - span->start);
      g_string_append (matched, "”");
    }
  if (matched->len > 0)
    /* Translators: the rule that found a flag, then the words it matched */
    rule = g_strdup_printf (_("Rule: %s — matched %s"), flag->rule, matched->str);
  else
    /* Translators: the rule that found a flag */
    rule = g_strdup_printf (_("Rule: %s"), flag->rule);
  label = gtk_label_new (rule);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (card), label);

  if (category != NULL)
    {
      g_autofree char *action = NULL;

      /* Translators: the category's default recommendation */
      action = g_strdup_printf (_("Recommended for this category: %s"),
                                vigie_category_chip_action_label (category->action));
      label = gtk_label_new (action);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (card), label);
    }

  {
    g_autofree char *accessible = NULL;

    /* Translators: a flag for a screen reader: category, clause */
    accessible = g_strdup_printf (_("%s, %s"), vigie_category_chip_label (policy,
                                                                           flag->category),
                                  flag->clause);
    gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible, -1);
  }
  return card;
}

static void
show_flags (VigieCommentDetail *self,
            const char         *text)
{
  GtkWidget *child;
  VigieClassification *c = self->classification;
  gboolean flagged = c != NULL && c->flags != NULL && c->flags->len > 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flag_list))) != NULL)
    gtk_box_remove (self->flag_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box),
                          vigie_category_chip_fill_box (self->chips_box, self->policy, c) > 0);
  highlight_spans (self, text);
  gtk_widget_set_visible (self->flags_box, flagged);
  if (!flagged)
    return;

  {
    g_autofree char *recommendation = NULL;

    /* Translators: the action the classifier recommends for the comment */
    recommendation = g_strdup_printf (_("Recommended action: %s"),
                                      vigie_category_chip_action_label (c->action));
    gtk_label_set_text (self->recommendation_label, recommendation);
  }
  for (guint i = 0; i < c->flags->len; i++)
    gtk_box_append (self->flag_list,
                    vigie_flag_card_new (self->policy, &g_array_index (c->flags, VigieFlag, i), text));
}

static void
show_comment (VigieCommentDetail *self)
{
  VigieComment *comment = self->comment;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *platform;
  g_autofree char *time = NULL;
  g_autofree char *open_label = NULL;
  g_autofree char *accessible = NULL;
  GtkAdjustment *adjustment;

  g_clear_pointer (&self->classification, vigie_classification_unref);
  if (comment == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      clear_list (self->thread_list);
      clear_list (self->author_list);
      return;
    }

  gtk_label_set_text (self->author_label, author_or_unknown (comment));

  platform = vigie_platform_get_display_name (comment->platform);
  gtk_label_set_text (self->platform_label, platform);
  for (guint i = 0; i < G_N_ELEMENTS (platform_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->platform_label), platform_classes[i]);
  if ((guint) comment->platform < G_N_ELEMENTS (platform_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->platform_label),
                              platform_classes[comment->platform]);

  time = vigie_format_full_time (comment->created);
  gtk_label_set_text (self->time_label, time);
  gtk_widget_set_visible (GTK_WIDGET (self->reply_label), comment->parent_external_id != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->hidden_label), comment->hidden);

  if (comment->like_count > 0)
    {
      g_autofree char *likes = NULL;

      /* Translators: reactions to a comment */
      likes = g_strdup_printf (ngettext ("%lld like", "%lld likes",
                                         (unsigned long) MIN (comment->like_count, G_MAXLONG)),
                               (long long) comment->like_count);
      gtk_label_set_text (self->likes_label, likes);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->likes_label), comment->like_count > 0);

  gtk_label_set_text (self->text_label, comment->text != NULL ? comment->text : "");
  if (self->store != NULL && comment->id > 0)
    self->classification = vigie_store_get_classification (self->store, comment->id, NULL);
  show_flags (self, comment->text != NULL ? comment->text : "");

  if (g_strcmp0 (comment->language, "fr") == 0)
    gtk_label_set_text (self->language_label, _("In French"));
  else if (g_strcmp0 (comment->language, "en") == 0)
    gtk_label_set_text (self->language_label, _("In English"));
  gtk_widget_set_visible (GTK_WIDGET (self->language_label),
                          g_strcmp0 (comment->language, "fr") == 0 ||
                          g_strcmp0 (comment->language, "en") == 0);

  /* Translators: the button that opens the comment in a web browser,
   * "Open on Facebook" */
  open_label = g_strdup_printf (_("_Open on %s"), platform);
  adw_button_content_set_label (self->permalink_content, open_label);
  accessible = g_strdup_printf (_("Open on %s"), platform);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->permalink_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->permalink_button), comment->permalink);
  gtk_widget_set_visible (GTK_WIDGET (self->permalink_button), comment->permalink != NULL);

  if (self->store != NULL)
    {
      show_post (self, comment);
      show_thread (self, comment, now);
      show_author_comments (self, comment, now);
    }
  else
    {
      gtk_widget_set_visible (self->post_box, FALSE);
      gtk_widget_set_visible (self->thread_box, FALSE);
      gtk_widget_set_visible (self->author_box, FALSE);
    }

  /* Each comment is read from its start */
  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));

  gtk_stack_set_visible_child_name (self->stack, "comment");
}

/* GObject */

static void
vigie_comment_detail_dispose (GObject *object)
{
  VigieCommentDetail *self = VIGIE_COMMENT_DETAIL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_COMMENT_DETAIL);
  /* Template children without an id are not disposed with the template */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->comment, vigie_comment_unref);
  g_clear_pointer (&self->classification, vigie_classification_unref);

  G_OBJECT_CLASS (vigie_comment_detail_parent_class)->dispose (object);
}

static void
vigie_comment_detail_finalize (GObject *object)
{
  VigieCommentDetail *self = VIGIE_COMMENT_DETAIL (object);

  g_clear_pointer (&self->post_permalink, g_free);

  G_OBJECT_CLASS (vigie_comment_detail_parent_class)->finalize (object);
}

static void
vigie_comment_detail_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VigieCommentDetail *self = VIGIE_COMMENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_comment_detail_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VigieCommentDetail *self = VIGIE_COMMENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      vigie_comment_detail_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_comment_detail_class_init (VigieCommentDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_comment_detail_dispose;
  object_class->finalize = vigie_comment_detail_finalize;
  object_class->get_property = vigie_comment_detail_get_property;
  object_class->set_property = vigie_comment_detail_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         VIGIE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieCommentDetail::comment-activated:
   * @id: the comment's row id
   *
   * A comment of the conversation or of the author was activated.
   */
  signals[COMMENT_ACTIVATED] =
    g_signal_new ("comment-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-comment-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, author_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, platform_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, time_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, reply_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, hidden_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, likes_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, text_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, permalink_button);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, permalink_content);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, language_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, post_box);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, post_page_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, post_text_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, post_time_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, post_link_button);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, thread_box);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, thread_list);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, author_box);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, author_heading);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, author_list);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, author_more_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, chips_box);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, actions_box);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, decisions_box);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, comment_menu_button);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, flags_box);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, recommendation_label);
  gtk_widget_class_bind_template_child (widget_class, VigieCommentDetail, flag_list);
  gtk_widget_class_bind_template_callback (widget_class, permalink_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, post_link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, context_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigiecommentdetail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_comment_detail_init (VigieCommentDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment detail"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->permalink_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open the comment in a web browser"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->author_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The author’s other comments"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->post_link_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open the post in a web browser"),
                                  -1);
}

GtkWidget *
vigie_comment_detail_new (void)
{
  return g_object_new (VIGIE_TYPE_COMMENT_DETAIL, NULL);
}

VigieStore *
vigie_comment_detail_get_store (VigieCommentDetail *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_DETAIL (self), NULL);

  return self->store;
}

void
vigie_comment_detail_set_store (VigieCommentDetail *self,
                                VigieStore         *store)
{
  g_return_if_fail (VIGIE_IS_COMMENT_DETAIL (self));
  g_return_if_fail (store == NULL || VIGIE_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      vigie_comment_detail_set_comment (self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

void
vigie_comment_detail_set_comment (VigieCommentDetail *self,
                                  VigieComment       *comment)
{
  g_return_if_fail (VIGIE_IS_COMMENT_DETAIL (self));

  if (comment != NULL)
    vigie_comment_ref (comment);
  g_clear_pointer (&self->comment, vigie_comment_unref);
  self->comment = comment;
  show_comment (self);
}

VigieComment *
vigie_comment_detail_get_comment (VigieCommentDetail *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_DETAIL (self), NULL);

  return self->comment;
}

void
vigie_comment_detail_set_policy (VigieCommentDetail *self,
                                 VigiePolicy        *policy)
{
  g_return_if_fail (VIGIE_IS_COMMENT_DETAIL (self));

  if (g_set_object (&self->policy, policy) && self->comment != NULL)
    show_comment (self);
}

VigieClassification *
vigie_comment_detail_get_classification (VigieCommentDetail *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_DETAIL (self), NULL);

  return self->classification;
}

GtkLabel *
vigie_comment_detail_get_text_label (VigieCommentDetail *self)
{
  g_return_val_if_fail (VIGIE_IS_COMMENT_DETAIL (self), NULL);

  return self->text_label;
}

/* The single key of each action, as the window binds them */
static const char *
action_key (VigieActionKind kind)
{
  switch (kind)
    {
    case VIGIE_ACTION_HIDE:
      return "h";
    case VIGIE_ACTION_REMOVE:
      return "r";
    case VIGIE_ACTION_BAN:
      return "b";
    case VIGIE_ACTION_REPLY:
      return "p";
    case VIGIE_ACTION_ESCALATE:
      return "e";
    case VIGIE_ACTION_KEEP:
      return "d";
    default:
      return NULL;
    }
}

void
vigie_comment_detail_set_actions (VigieCommentDetail *self,
                                  GArray             *kinds)
{
  GtkWidget *child;

  g_return_if_fail (VIGIE_IS_COMMENT_DETAIL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_flow_box_remove (self->actions_box, child);

  for (guint i = 0; kinds != NULL && self->comment != NULL && i < kinds->len; i++)
    {
      VigieActionKind kind = g_array_index (kinds, VigieActionKind, i);
      const char *label = vigie_action_kind_get_label (kind, self->comment->platform);
      const char *key = action_key (kind);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.moderate");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        vigie_action_kind_to_string (kind));
      if (key != NULL)
        {
          g_autofree char *tooltip = NULL;

          /* Translators: an action button's tooltip, "Hide (h)" */
          tooltip = g_strdup_printf (_("%s (%s)"), label, key);
          gtk_widget_set_tooltip_text (button, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, key, -1);
        }
      if (kind == VIGIE_ACTION_REMOVE || kind == VIGIE_ACTION_BAN)
        gtk_widget_add_css_class (button, "destructive-action");
      gtk_flow_box_append (self->actions_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actions_box),
                          kinds != NULL && kinds->len > 0 && self->comment != NULL);
}

/* What the director decided, or is asked to decide, about the comment's
 * actions: "Ban Author: rejected by Hélène Bouchard: …" */
void
vigie_comment_detail_set_decisions (VigieCommentDetail *self,
                                    GPtrArray          *actions)
{
  GtkWidget *child;
  guint n = 0;

  g_return_if_fail (VIGIE_IS_COMMENT_DETAIL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->decisions_box))) != NULL)
    gtk_box_remove (self->decisions_box, child);

  for (guint i = 0; actions != NULL && self->comment != NULL && i < actions->len; i++)
    {
      VigieAction *action = g_ptr_array_index (actions, i);
      const char *kind = vigie_action_kind_get_label (action->kind, action->platform);
      g_autofree char *text = NULL;
      const char *style = NULL;
      GtkWidget *label;

      switch (action->approval)
        {
        case VIGIE_APPROVAL_AWAITING:
          /* Withdrawn by the delegate */
          if (action->status == VIGIE_ACTION_STATUS_CANCELLED ||
              action->status == VIGIE_ACTION_STATUS_ABANDONED)
            continue;
          if (action->kind == VIGIE_ACTION_ESCALATE)
            /* Translators: %s is an action, "Escalate to the Director" */
            text = g_strdup_printf (_("%s: awaiting the director’s decision"), kind);
          else if (action->status == VIGIE_ACTION_STATUS_PROPOSED)
            text = g_strdup_printf (_("%s: awaiting the director’s approval"), kind);
          else
            text = g_strdup_printf (_("%s: carried out, awaiting the director’s confirmation"),
                                    kind);
          style = "warning";
          break;
        case VIGIE_APPROVAL_APPROVED:
          if (action->kind == VIGIE_ACTION_ESCALATE)
            /* Translators: "Escalate to the Director: acknowledged by Hélène Bouchard: note" */
            text = action->decision_note != NULL
                   ? g_strdup_printf (_("%s: acknowledged by %s: %s"), kind,
                                      action->decided_by ? action->decided_by : "",
                                      action->decision_note)
                   : g_strdup_printf (_("%s: acknowledged by %s"), kind,
                                      action->decided_by ? action->decided_by : "");
          else if (action->decision_note != NULL)
            /* Translators: "Ban Author: approved by Hélène Bouchard: note" */
            text = g_strdup_printf (_("%s: approved by %s: %s"), kind,
                                    action->decided_by ? action->decided_by : "",
                                    action->decision_note);
          else
            text = g_strdup_printf (_("%s: approved by %s"), kind,
                                    action->decided_by ? action->decided_by : "");
          style = "success";
          break;
        case VIGIE_APPROVAL_REJECTED:
          /* Translators: "Ban Author: rejected by Hélène Bouchard: note" */
          text = g_strdup_printf (_("%s: rejected by %s: %s"), kind,
                                  action->decided_by ? action->decided_by : "",
                                  action->decision_note ? action->decision_note : "");
          style = "error";
          break;
        case VIGIE_APPROVAL_NONE:
        default:
          continue;
        }
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, style);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (self->decisions_box, label);
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->decisions_box), n > 0);
}
