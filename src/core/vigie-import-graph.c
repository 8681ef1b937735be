/* vigie-import-graph.c — Facebook and Instagram Graph API results saved as JSON
 *
 * Facebook: /{page}/feed or /posts pages (posts with their comments edge,
 * replies nested or flat with "parent"), /{post}/comments pages, and a
 * single comment or post. Instagram: /{ig-user}/media pages (media with
 * comments and replies), /{media}/comments pages, and a single comment.
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
  VigieFormat         format;
  gboolean            posts;    /* the list holds posts or media, not comments */
} Graph;

static gboolean
has_any (const VigieJsonShape *shape,
         const char           *prefix,
         const char * const   *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = prefix[0] ? g_strconcat (prefix, ".", names[i], NULL)
                                        : g_strdup (names[i]);
      if (vigie_json_shape_has (shape, path))
        return TRUE;
    }
  return FALSE;
}

/* The edge a paging URL reads: "https://graph.facebook.com/v19.0/123/feed?after=…" → "feed" */
static char *
paging_edge (const char *url)
{
  const char *end, *slash;

  if (url == NULL)
    return NULL;
  end = url + strcspn (url, "?#");
  slash = end;
  while (slash > url && slash[-1] != '/')
    slash--;
  return g_strndup (slash, end - slash);
}

/* Does a Facebook list (or single object) hold posts rather than comments?
 * The request saved with the page tells best; then the links; then the
 * fields only one of the two has. */
static gboolean
facebook_holds_posts (const VigieJsonShape *shape,
                      const char           *prefix)
{
  static const char * const post_edges[] = {
    "feed", "posts", "published_posts", "visitor_posts", "tagged", "promotable_posts", NULL
  };
  static const char * const comment_fields[] = {
    "parent", "comment_count", "like_count", "can_hide", "can_remove", "can_like",
    "can_reply_privately", "is_private", "message_tags", "attachment", "object", "user_likes",
    NULL
  };
  static const char * const post_fields[] = {
    "comments", "story", "full_picture", "status_type", "attachments", "updated_time", "shares",
    "is_published", "privacy", "picture", "properties", "reactions", "likes", NULL
  };
  const char *urls[] = {
    vigie_json_shape_get_string (shape, "paging.next"),
    vigie_json_shape_get_string (shape, "paging.previous"),
  };
  const char *permalink;

  if (g_str_equal (prefix, "data[]"))
    for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
      {
        g_autofree char *edge = paging_edge (urls[i]);

        if (edge == NULL)
          continue;
        if (g_str_equal (edge, "comments"))
          return FALSE;
        if (g_strv_contains (post_edges, edge))
          return TRUE;
      }

  permalink = vigie_json_shape_get_string (shape, g_str_equal (prefix, "data[]")
                                                  ? "data[].permalink_url"
                                                  : g_str_equal (prefix, "[]")
                                                  ? "[].permalink_url" : "permalink_url");
  if (permalink != NULL)
    {
      if (strstr (permalink, "comment_id=") != NULL)
        return FALSE;
      if (strstr (permalink, "/posts/") || strstr (permalink, "/videos/") ||
          strstr (permalink, "/photos/") || strstr (permalink, "story_fbid="))
        return TRUE;
    }

  if (has_any (shape, prefix, comment_fields))
    return FALSE;
  return has_any (shape, prefix, post_fields);
}

static gboolean
instagram_holds_media (const VigieJsonShape *shape,
                       const char           *prefix)
{
  static const char * const media_fields[] = {
    "caption", "media_type", "media_url", "permalink", "comments_count", "comments",
    "media_product_type", "thumbnail_url", "owner", "is_comment_enabled", "shortcode",
    "children", NULL
  };

  return has_any (shape, prefix, media_fields);
}

/* Facebook links */

typedef struct
{
  char *page;       /* numeric page id, or NULL */
  char *post;       /* numeric post id, or NULL */
  char *comment;    /* comment_id */
  char *reply;      /* reply_comment_id */
} FacebookLink;

static void
facebook_link_clear (FacebookLink *link)
{
  g_free (link->page);
  g_free (link->post);
  g_free (link->comment);
  g_free (link->reply);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FacebookLink, facebook_link_clear)

static gboolean
all_digits (const char *s,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static char *
query_param (const char *query,
             const char *name)
{
  gsize name_len = strlen (name);
  const char *p = query;

  while (p != NULL && *p != '\0' && *p != '#')
    {
      gsize len = strcspn (p, "&#");

      if (len > name_len && strncmp (p, name, name_len) == 0 && p[name_len] == '=' &&
          all_digits (p + name_len + 1, len - name_len - 1))
        return g_strndup (p + name_len + 1, len - name_len - 1);
      p += len;
      if (*p == '&')
        p++;
    }
  return NULL;
}

/* "https://www.facebook.com/{page}/posts/{post}/?comment_id={c}&reply_comment_id={r}",
 * or permalink.php?story_fbid={post}&id={page}&comment_id=… */
static void
parse_facebook_link (const char   *url,
                     FacebookLink *link)
{
  const char *path, *query;
  g_auto(GStrv) segments = NULL;
  g_autofree char *path_part = NULL;

  memset (link, 0, sizeof *link);
  if (url == NULL || (path = strstr (url, "facebook.com/")) == NULL)
    return;
  path += strlen ("facebook.com/");
  query = strchr (path, '?');
  path_part = g_strndup (path, query ? (gsize) (query - path) : strcspn (path, "#"));
  if (query != NULL)
    {
      query++;
      link->comment = query_param (query, "comment_id");
      link->reply = query_param (query, "reply_comment_id");
    }

  segments = g_strsplit (path_part, "/", -1);
  if (g_strv_length (segments) >= 3 &&
      (g_str_equal (segments[1], "posts") || g_str_equal (segments[1], "videos")) &&
      all_digits (segments[2], strlen (segments[2])))
    {
      link->post = g_strdup (segments[2]);
      if (all_digits (segments[0], strlen (segments[0])))
        link->page = g_strdup (segments[0]);
    }
  else if (query != NULL && g_str_equal (path_part, "permalink.php"))
    {
      link->post = query_param (query, "story_fbid");
      link->page = query_param (query, "id");
    }
}

/* Facebook */

static gboolean facebook_comment (Graph                *g,
                                  const VigieJsonNode  *node,
                                  const char           *post_id,
                                  const char           *parent_id,
                                  GError              **error);

/* The "data" list of an edge ({"data": [...], "paging": {...}}) */
static gboolean
edge_list (Graph                *g,
           const VigieJsonNode  *object,
           const char           *name,
           const VigieJsonNode **out,
           GError              **error)
{
  const VigieJsonNode *edge;

  *out = NULL;
  if (!_vigie_import_get_object (g->ctx, object, name, &edge, error))
    return FALSE;
  return edge == NULL || _vigie_import_get_array (g->ctx, edge, "data", out, error);
}

static gboolean
facebook_comment (Graph                *g,
                  const VigieJsonNode  *node,
                  const char           *post_id,
                  const char           *parent_id,
                  GError              **error)
{
  VigieImportContext *ctx = g->ctx;
  g_auto(VigieCommentRecord) c;
  g_auto(FacebookLink) link;
  g_autofree char *explicit_parent = NULL;
  g_autofree char *object_id = NULL;
  const VigieJsonNode *from, *parent, *object, *replies;

  vigie_comment_record_init (&c);
  memset (&link, 0, sizeof link);
  c.platform = VIGIE_PLATFORM_FACEBOOK;

  if (!_vigie_import_expect_object (ctx, node, N_("a comment"), error) ||
      !_vigie_import_get_string (ctx, node, "id", &c.external_id, error) ||
      !_vigie_import_get_string (ctx, node, "message", &c.text, error) ||
      !_vigie_import_get_time (ctx, node, "created_time", &c.created, error) ||
      !_vigie_import_get_string (ctx, node, "permalink_url", &c.permalink, error) ||
      !_vigie_import_get_bool (ctx, node, "is_hidden", &c.hidden, error) ||
      !_vigie_import_get_int (ctx, node, "like_count", &c.like_count, error) ||
      !_vigie_import_get_object (ctx, node, "from", &from, error) ||
      !_vigie_import_get_object (ctx, node, "parent", &parent, error) ||
      !_vigie_import_get_object (ctx, node, "object", &object, error) ||
      !edge_list (g, node, "comments", &replies, error))
    return FALSE;
  if ((from != NULL &&
       (!_vigie_import_get_string (ctx, from, "id", &c.author_id, error) ||
        !_vigie_import_get_string (ctx, from, "name", &c.author_name, error))) ||
      (parent != NULL && !_vigie_import_get_string (ctx, parent, "id", &explicit_parent, error)) ||
      (object != NULL && !_vigie_import_get_string (ctx, object, "id", &object_id, error)))
    return FALSE;

  /* Without the MODERATE task the Graph API leaves "id" out; the link
   * still says which comment (and which post) it is */
  if (c.permalink != NULL && (c.external_id == NULL || (object_id == NULL && post_id == NULL) ||
                              (explicit_parent == NULL && parent_id == NULL)))
    parse_facebook_link (c.permalink, &link);

  if (c.external_id == NULL && link.post != NULL && link.comment != NULL)
    c.external_id = g_strdup_printf ("%s_%s", link.post,
                                     link.reply != NULL ? link.reply : link.comment);

  if (object_id != NULL)
    c.post_external_id = g_steal_pointer (&object_id);
  else if (post_id != NULL)
    c.post_external_id = g_strdup (post_id);
  else if (link.page != NULL && link.post != NULL)
    c.post_external_id = g_strdup_printf ("%s_%s", link.page, link.post);

  if (explicit_parent != NULL)
    c.parent_external_id = g_steal_pointer (&explicit_parent);
  else if (parent_id != NULL)
    c.parent_external_id = g_strdup (parent_id);
  else if (link.reply != NULL && link.comment != NULL && link.post != NULL &&
           !g_str_equal (link.reply, link.comment))
    c.parent_external_id = g_strdup_printf ("%s_%s", link.post, link.comment);

  /* A sticker or a picture alone has no text */
  if (c.text == NULL)
    c.text = g_strdup ("");

  if (c.external_id == NULL)
    {
      g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, c.created);
      const char *parts[] = {
        c.post_external_id, c.parent_external_id,
        c.author_id ? c.author_id : c.author_name, created, c.text
      };
      c.external_id = _vigie_import_make_id ("h-", parts, G_N_ELEMENTS (parts));
    }

  if (!_vigie_import_emit_comment (ctx, &c, error))
    return FALSE;

  /* Replies nested in their comment (fields=comments{comments{…}}) */
  for (guint i = 0; replies != NULL && i < replies->len; i++)
    if (!facebook_comment (g, &replies->u.items[i], c.post_external_id, c.external_id, error))
      return FALSE;
  return TRUE;
}

static gboolean
facebook_post (Graph                *g,
               const VigieJsonNode  *node,
               GError              **error)
{
  VigieImportContext *ctx = g->ctx;
  g_auto(VigiePostRecord) post = { 0 };
  g_autofree char *from_id = NULL;
  g_autofree char *from_name = NULL;
  const VigieJsonNode *from, *comments;
  const char *underscore;

  post.platform = VIGIE_PLATFORM_FACEBOOK;
  if (!_vigie_import_expect_object (ctx, node, N_("a post"), error) ||
      !_vigie_import_get_string (ctx, node, "id", &post.external_id, error) ||
      !_vigie_import_get_string (ctx, node, "message", &post.text, error) ||
      !_vigie_import_get_time (ctx, node, "created_time", &post.created, error) ||
      !_vigie_import_get_string (ctx, node, "permalink_url", &post.permalink, error) ||
      !_vigie_import_get_object (ctx, node, "from", &from, error) ||
      !edge_list (g, node, "comments", &comments, error))
    return FALSE;
  if (from != NULL &&
      (!_vigie_import_get_string (ctx, from, "id", &from_id, error) ||
       !_vigie_import_get_string (ctx, from, "name", &from_name, error)))
    return FALSE;
  if (post.external_id == NULL || post.external_id[0] == '\0')
    return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset, "%s",
                                   _("a post has no “id”"));
  if (post.text == NULL && !_vigie_import_get_string (ctx, node, "story", &post.text, error))
    return FALSE;

  /* "{page-id}_{post-id}": the page the post is on, even when a visitor
   * wrote it; its name is known when the page wrote it */
  underscore = strchr (post.external_id, '_');
  if (underscore != NULL)
    post.page_id = g_strndup (post.external_id, underscore - post.external_id);
  else if (from_id != NULL)
    post.page_id = g_strdup (from_id);
  if (post.page_id != NULL && g_strcmp0 (post.page_id, from_id) == 0)
    post.page_name = g_steal_pointer (&from_name);

  if (!_vigie_import_emit_post (ctx, &post, error))
    return FALSE;

  for (guint i = 0; comments != NULL && i < comments->len; i++)
    if (!facebook_comment (g, &comments->u.items[i], post.external_id, NULL, error))
      return FALSE;
  return TRUE;
}

/* Instagram */

static gboolean
instagram_comment (Graph                *g,
                   const VigieJsonNode  *node,
                   const char           *post_id,
                   const char           *parent_id,
                   GError              **error)
{
  VigieImportContext *ctx = g->ctx;
  g_auto(VigieCommentRecord) c;
  g_autofree char *from_name = NULL;
  g_autofree char *media_id = NULL;
  const VigieJsonNode *from, *user, *media, *replies;

  vigie_comment_record_init (&c);
  c.platform = VIGIE_PLATFORM_INSTAGRAM;

  if (!_vigie_import_expect_object (ctx, node, N_("a comment"), error) ||
      !_vigie_import_get_string (ctx, node, "id", &c.external_id, error) ||
      !_vigie_import_get_string (ctx, node, "text", &c.text, error) ||
      !_vigie_import_get_time (ctx, node, "timestamp", &c.created, error) ||
      !_vigie_import_get_string (ctx, node, "username", &c.author_name, error) ||
      !_vigie_import_get_bool (ctx, node, "hidden", &c.hidden, error) ||
      !_vigie_import_get_int (ctx, node, "like_count", &c.like_count, error) ||
      !_vigie_import_get_string (ctx, node, "parent_id", &c.parent_external_id, error) ||
      !_vigie_import_get_object (ctx, node, "from", &from, error) ||
      !_vigie_import_get_object (ctx, node, "user", &user, error) ||
      !_vigie_import_get_object (ctx, node, "media", &media, error) ||
      !edge_list (g, node, "replies", &replies, error))
    return FALSE;
  if ((from != NULL &&
       (!_vigie_import_get_string (ctx, from, "id", &c.author_id, error) ||
        !_vigie_import_get_string (ctx, from, "username", &from_name, error))) ||
      (c.author_id == NULL && user != NULL &&
       !_vigie_import_get_string (ctx, user, "id", &c.author_id, error)) ||
      (media != NULL && !_vigie_import_get_string (ctx, media, "id", &media_id, error)))
    return FALSE;

  if (c.author_name == NULL)
    c.author_name = g_steal_pointer (&from_name);
  c.post_external_id = media_id != NULL ? g_steal_pointer (&media_id) : g_strdup (post_id);
  if (c.parent_external_id == NULL)
    c.parent_external_id = g_strdup (parent_id);
  if (c.text == NULL)
    c.text = g_strdup ("");

  if (c.external_id == NULL)
    {
      g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, c.created);
      const char *parts[] = {
        c.post_external_id, c.parent_external_id,
        c.author_id ? c.author_id : c.author_name, created, c.text
      };
      c.external_id = _vigie_import_make_id ("h-", parts, G_N_ELEMENTS (parts));
    }

  if (!_vigie_import_emit_comment (ctx, &c, error))
    return FALSE;

  for (guint i = 0; replies != NULL && i < replies->len; i++)
    if (!instagram_comment (g, &replies->u.items[i], c.post_external_id, c.external_id, error))
      return FALSE;
  return TRUE;
}

static gboolean
instagram_media (Graph                *g,
                 const VigieJsonNode  *node,
                 GError              **error)
{
  VigieImportContext *ctx = g->ctx;
  g_auto(VigiePostRecord) post = { 0 };
  const VigieJsonNode *owner, *comments;

  post.platform = VIGIE_PLATFORM_INSTAGRAM;
  if (!_vigie_import_expect_object (ctx, node, N_("a post"), error) ||
      !_vigie_import_get_string (ctx, node, "id", &post.external_id, error) ||
      !_vigie_import_get_string (ctx, node, "caption", &post.text, error) ||
      !_vigie_import_get_time (ctx, node, "timestamp", &post.created, error) ||
      !_vigie_import_get_string (ctx, node, "permalink", &post.permalink, error) ||
      !_vigie_import_get_string (ctx, node, "username", &post.page_name, error) ||
      !_vigie_import_get_object (ctx, node, "owner", &owner, error) ||
      !edge_list (g, node, "comments", &comments, error))
    return FALSE;
  if (owner != NULL && !_vigie_import_get_string (ctx, owner, "id", &post.page_id, error))
    return FALSE;
  if (post.external_id == NULL || post.external_id[0] == '\0')
    return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset, "%s",
                                   _("a post has no “id”"));
  /* The account: its id when the request asked for the owner, else its name */
  if (post.page_id == NULL)
    post.page_id = g_strdup (post.page_name);

  if (!_vigie_import_emit_post (ctx, &post, error))
    return FALSE;

  for (guint i = 0; comments != NULL && i < comments->len; i++)
    if (!instagram_comment (g, &comments->u.items[i], post.external_id, NULL, error))
      return FALSE;
  return TRUE;
}

static gboolean
graph_element (const VigieJsonNode  *element,
               gpointer              user_data,
               GError              **error)
{
  Graph *g = user_data;

  if (g->format == VIGIE_FORMAT_FACEBOOK_GRAPH)
    return g->posts ? facebook_post (g, element, error)
                    : facebook_comment (g, element, NULL, NULL, error);
  return g->posts ? instagram_media (g, element, error)
                  : instagram_comment (g, element, NULL, NULL, error);
}

gboolean
_vigie_import_graph (VigieImportContext    *ctx,
                     VigieFormat            format,
                     const VigieJsonShape  *shape,
                     GError               **error)
{
  g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
  VigieJsonReader reader;
  Graph g = { ctx, format, FALSE };
  guint root = vigie_json_shape_get_types (shape, "");
  const char *prefix;
  gboolean ok;

  if ((root & (1u << VIGIE_JSON_OBJECT)) &&
      (vigie_json_shape_get_types (shape, "data") & (1u << VIGIE_JSON_ARRAY)))
    prefix = "data[]";
  else if (root & (1u << VIGIE_JSON_ARRAY))
    prefix = "[]";
  else
    prefix = "";

  g.posts = format == VIGIE_FORMAT_FACEBOOK_GRAPH ? facebook_holds_posts (shape, prefix)
                                                  : instagram_holds_media (shape, prefix);

  vigie_json_reader_init (&reader, ctx->display_name, ctx->data, ctx->length);
  if (prefix[0] == '\0')
    {
      VigieJsonNode node;

      ok = vigie_json_reader_read (&reader, arena, &node, error) &&
           graph_element (&node, &g, error);
    }
  else
    ok = vigie_json_reader_foreach (&reader, arena, g_str_equal (prefix, "[]") ? NULL : "data",
                                    graph_element, &g, error);
  vigie_json_reader_clear (&reader);
  return ok;
}
