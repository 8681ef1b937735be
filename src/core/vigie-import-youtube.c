/* vigie-import-youtube.c — YouTube Data API v3 results saved as JSON
 *
 * commentThreads.list (top-level comments and the replies that come with
 * them), comments.list (replies, or comments by id), videos.list (the posts),
 * and a single commentThread, comment or video resource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-import-private.h"

typedef struct
{
  VigieImportContext *ctx;
  GHashTable         *videos;   /* video ids already given as posts */
} YouTube;

/* textDisplay is HTML when the request did not ask for plainText; used
 * only when textOriginal is missing */
static char *
html_to_text (const char *html)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
    { "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" },
  };
  GString *out = g_string_sized_new (strlen (html));
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *close = strchr (p, '>');

          if (close == NULL)
            {
              g_string_append (out, p);
              break;
            }
          if (g_ascii_strncasecmp (p, "<br", 3) == 0)
            g_string_append_c (out, '\n');
          p = close + 1;
          continue;
        }
      if (*p == '&')
        {
          gboolean replaced = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
            if (g_str_has_prefix (p, entities[i].entity))
              {
                g_string_append (out, entities[i].text);
                p += strlen (entities[i].entity);
                replaced = TRUE;
                break;
              }
          if (replaced)
            continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static gboolean
emit_video (YouTube     *yt,
            const char  *video_id,
            const char  *channel_id,
            GError     **error)
{
  VigiePostRecord post = { 0 };

  if (video_id == NULL || g_hash_table_contains (yt->videos, video_id))
    return TRUE;
  g_hash_table_add (yt->videos, g_strdup (video_id));

  post.platform = VIGIE_PLATFORM_YOUTUBE;
  post.external_id = (char *) video_id;
  post.page_id = (char *) channel_id;
  post.permalink = g_strdup_printf ("https://www.youtube.com/watch?v=%s", video_id);
  {
    gboolean ok = _vigie_import_emit_post (yt->ctx, &post, error);
    g_free (post.permalink);
    return ok;
  }
}

static gboolean
youtube_comment (YouTube              *yt,
                 const VigieJsonNode  *node,
                 const char           *video_id,
                 const char           *parent_id,
                 char                **out_id,
                 GError              **error)
{
  VigieImportContext *ctx = yt->ctx;
  g_auto(VigieCommentRecord) c;
  g_autofree char *display = NULL;
  g_autofree char *status = NULL;
  const VigieJsonNode *snippet, *channel;

  vigie_comment_record_init (&c);
  c.platform = VIGIE_PLATFORM_YOUTUBE;

  if (!_vigie_import_expect_object (ctx, node, N_("a comment"), error) ||
      !_vigie_import_get_string (ctx, node, "id", &c.external_id, error) ||
      !_vigie_import_get_object (ctx, node, "snippet", &snippet, error))
    return FALSE;
  if (snippet == NULL)
    return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset, "%s",
                                   _("a comment has no “snippet”"));
  if (!_vigie_import_get_string (ctx, snippet, "textOriginal", &c.text, error) ||
      !_vigie_import_get_string (ctx, snippet, "textDisplay", &display, error) ||
      !_vigie_import_get_string (ctx, snippet, "authorDisplayName", &c.author_name, error) ||
      !_vigie_import_get_object (ctx, snippet, "authorChannelId", &channel, error) ||
      !_vigie_import_get_string (ctx, snippet, "videoId", &c.post_external_id, error) ||
      !_vigie_import_get_string (ctx, snippet, "parentId", &c.parent_external_id, error) ||
      !_vigie_import_get_int (ctx, snippet, "likeCount", &c.like_count, error) ||
      !_vigie_import_get_time (ctx, snippet, "publishedAt", &c.created, error) ||
      !_vigie_import_get_string (ctx, snippet, "moderationStatus", &status, error) ||
      (channel != NULL && !_vigie_import_get_string (ctx, channel, "value", &c.author_id, error)))
    return FALSE;

  if (c.text == NULL)
    c.text = display != NULL ? html_to_text (display) : g_strdup ("");
  if (c.post_external_id == NULL)
    c.post_external_id = g_strdup (video_id);
  if (c.parent_external_id == NULL)
    c.parent_external_id = g_strdup (parent_id);
  /* Held for review or rejected: not visible on the video */
  c.hidden = g_strcmp0 (status, "heldForReview") == 0 || g_strcmp0 (status, "likelySpam") == 0 ||
             g_strcmp0 (status, "rejected") == 0;

  if (c.external_id == NULL)
    {
      g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, c.created);
      const char *parts[] = {
        c.post_external_id, c.parent_external_id,
        c.author_id ? c.author_id : c.author_name, created, c.text
      };
      c.external_id = _vigie_import_make_id ("h-", parts, G_N_ELEMENTS (parts));
    }
  if (c.post_external_id != NULL)
    c.permalink = g_strdup_printf ("https://www.youtube.com/watch?v=%s&lc=%s",
                                   c.post_external_id, c.external_id);

  if (!_vigie_import_emit_comment (ctx, &c, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&c.external_id);
  return TRUE;
}

static gboolean
youtube_thread (YouTube              *yt,
                const VigieJsonNode  *node,
                GError              **error)
{
  VigieImportContext *ctx = yt->ctx;
  g_autofree char *video_id = NULL;
  g_autofree char *channel_id = NULL;
  g_autofree char *thread_id = NULL;
  g_autofree char *top_id = NULL;
  const VigieJsonNode *snippet, *top, *replies, *list = NULL;

  if (!_vigie_import_get_string (ctx, node, "id", &thread_id, error) ||
      !_vigie_import_get_object (ctx, node, "snippet", &snippet, error) ||
      !_vigie_import_get_object (ctx, node, "replies", &replies, error) ||
      !_vigie_import_get_string (ctx, snippet, "videoId", &video_id, error) ||
      !_vigie_import_get_string (ctx, snippet, "channelId", &channel_id, error) ||
      !_vigie_import_get_object (ctx, snippet, "topLevelComment", &top, error) ||
      (replies != NULL && !_vigie_import_get_array (ctx, replies, "comments", &list, error)))
    return FALSE;
  if (top == NULL)
    return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset, "%s",
                                   _("a comment thread has no “topLevelComment”"));

  if (!emit_video (yt, video_id, channel_id, error) ||
      !youtube_comment (yt, top, video_id, NULL, &top_id, error))
    return FALSE;
  /* Replies answer the top-level comment, whose id is the thread's */
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (!youtube_comment (yt, &list->u.items[i], video_id, top_id ? top_id : thread_id, NULL,
                          error))
      return FALSE;
  return TRUE;
}

static gboolean
youtube_video (YouTube              *yt,
               const VigieJsonNode  *node,
               GError              **error)
{
  VigieImportContext *ctx = yt->ctx;
  g_auto(VigiePostRecord) post = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  const VigieJsonNode *snippet;

  post.platform = VIGIE_PLATFORM_YOUTUBE;
  if (!_vigie_import_get_string (ctx, node, "id", &post.external_id, error) ||
      !_vigie_import_get_object (ctx, node, "snippet", &snippet, error) ||
      !_vigie_import_get_string (ctx, snippet, "title", &title, error) ||
      !_vigie_import_get_string (ctx, snippet, "description", &description, error) ||
      !_vigie_import_get_time (ctx, snippet, "publishedAt", &post.created, error) ||
      !_vigie_import_get_string (ctx, snippet, "channelId", &post.page_id, error) ||
      !_vigie_import_get_string (ctx, snippet, "channelTitle", &post.page_name, error))
    return FALSE;
  if (post.external_id == NULL || post.external_id[0] == '\0')
    return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset, "%s",
                                   _("a video has no “id”"));

  /* The title, then the description, as a post's text reads */
  if (title != NULL && description != NULL && description[0] != '\0')
    post.text = g_strconcat (title, "\n\n", description, NULL);
  else
    post.text = g_strdup (title != NULL ? title : description);
  post.permalink = g_strdup_printf ("https://www.youtube.com/watch?v=%s", post.external_id);

  g_hash_table_add (yt->videos, g_strdup (post.external_id));
  return _vigie_import_emit_post (ctx, &post, error);
}

static gboolean
youtube_item (const VigieJsonNode  *node,
              gpointer              user_data,
              GError              **error)
{
  YouTube *yt = user_data;
  VigieImportContext *ctx = yt->ctx;
  const VigieJsonNode *kind, *snippet;

  if (!_vigie_import_expect_object (ctx, node, N_("an item"), error))
    return FALSE;
  kind = vigie_json_object_get (node, "kind");
  snippet = vigie_json_object_get (node, "snippet");

  if (vigie_json_node_equal (kind, "youtube#commentThread") ||
      (kind == NULL && vigie_json_object_get (snippet, "topLevelComment") != NULL))
    return youtube_thread (yt, node, error);
  if (vigie_json_node_equal (kind, "youtube#comment") ||
      (kind == NULL && (vigie_json_object_get (snippet, "textOriginal") != NULL ||
                        vigie_json_object_get (snippet, "textDisplay") != NULL)))
    return youtube_comment (yt, node, NULL, NULL, NULL, error);
  if (vigie_json_node_equal (kind, "youtube#video") ||
      (kind == NULL && vigie_json_object_get (snippet, "title") != NULL))
    return youtube_video (yt, node, error);

  if (kind != NULL && kind->type == VIGIE_JSON_STRING)
    {
      g_autofree char *text = vigie_json_node_dup (kind);
      /* TRANSLATORS: "“youtube#searchResult” items are not comments or videos" */
      return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset,
                                     _("“%.60s” items are not comments or videos"), text);
    }
  return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset, "%s",
                                 _("an item that is neither a comment thread, a comment "
                                   "nor a video"));
}

gboolean
_vigie_import_youtube (VigieImportContext    *ctx,
                       const VigieJsonShape  *shape,
                       GError               **error)
{
  g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
  g_autoptr(GHashTable) videos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  YouTube yt = { ctx, videos };
  VigieJsonReader reader;
  gboolean ok;

  vigie_json_reader_init (&reader, ctx->display_name, ctx->data, ctx->length);
  if (vigie_json_shape_get_types (shape, "items") & (1u << VIGIE_JSON_ARRAY))
    ok = vigie_json_reader_foreach (&reader, arena, "items", youtube_item, &yt, error);
  else
    {
      VigieJsonNode root;

      ok = vigie_json_reader_read (&reader, arena, &root, error) &&
           youtube_item (&root, &yt, error);
    }
  vigie_json_reader_clear (&reader);
  return ok;
}
