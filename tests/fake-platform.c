/* fake-platform.c — fake Graph (Facebook, Instagram) and YouTube servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fake-platform.h"
#include "vigie-classifier.h"   /* vigie_append_json_string */

/* Replies that come with a YouTube comment thread; comments.list has the rest */
#define FAKE_THREAD_REPLIES 5

typedef struct
{
  char   *platform;
  char   *account;
  char   *post;
  char   *id;
  char   *parent;
  char   *author_id;
  char   *author_name;
  char   *text;
  gint64  created;
  char   *state;
  gboolean removed;
} FakeItem;

typedef struct
{
  char        *path_part;
  FakeFailure  failure;
  int          code;
  guint        times;
} Failure;

struct _FakePlatform
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  char         *token;

  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  GPtrArray    *posts;      /* FakeItem* */
  GPtrArray    *comments;   /* FakeItem*, in creation order */
  GHashTable   *by_id;      /* id → FakeItem* */
  GHashTable   *banned;
  GPtrArray    *requests;
  GList        *failures;   /* Failure* */
  gboolean      expired;
  guint         n_requests;
  guint         next_id;
  char         *tasks;      /* JSON array */
  guint         delay_ms;
  guint         in_flight;
  guint         max_in_flight;
};

static void
fake_item_free (FakeItem *item)
{
  g_free (item->platform);
  g_free (item->account);
  g_free (item->post);
  g_free (item->id);
  g_free (item->parent);
  g_free (item->author_id);
  g_free (item->author_name);
  g_free (item->text);
  g_free (item->state);
  g_free (item);
}

static char *
graph_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S+0000");
}

static char *
google_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                      strlen (body));
}

static void
graph_error (SoupServerMessage *msg,
             guint              status,
             int                code,
             int                subcode,
             const char        *message)
{
  g_autofree char *body = g_strdup_printf (
    "{\"error\":{\"message\":\"%s\",\"type\":\"OAuthException\",\"code\":%d%s%s,"
    "\"fbtrace_id\":\"Fake123\"}}", message, code,
    subcode ? ",\"error_subcode\":" : "", subcode ? (subcode == 33 ? "33" : "463") : "");
  respond (msg, status, body);
}

static void
google_error (SoupServerMessage *msg,
              guint              status,
              const char        *reason,
              const char        *message)
{
  g_autofree char *body = g_strdup_printf (
    "{\"error\":{\"code\":%u,\"message\":\"%s\",\"errors\":[{\"message\":\"%s\","
    "\"domain\":\"youtube.quota\",\"reason\":\"%s\"}]}}", status, message, message, reason);
  respond (msg, status, body);
}

/* Content as JSON */

static void
append_fb_comment (GString  *out,
                   FakeItem *c)
{
  g_autofree char *t = graph_time (c->created);

  g_string_append (out, "{\"id\":");
  vigie_append_json_string (out, c->id);
  g_string_append (out, ",\"message\":");
  vigie_append_json_string (out, c->text);
  g_string_append_printf (out, ",\"created_time\":\"%s\",\"from\":{\"id\":", t);
  vigie_append_json_string (out, c->author_id);
  g_string_append (out, ",\"name\":");
  vigie_append_json_string (out, c->author_name);
  g_string_append_printf (out, "},\"is_hidden\":%s,\"like_count\":0",
                          g_strcmp0 (c->state, "hidden") == 0 ? "true" : "false");
  if (c->parent != NULL)
    g_string_append_printf (out, ",\"parent\":{\"id\":\"%s\"}", c->parent);
  g_string_append (out, "}");
}

static void
append_ig_comment (GString      *out,
                   FakeItem     *c,
                   FakePlatform *self)
{
  g_autofree char *t = graph_time (c->created);
  gboolean first = TRUE;

  g_string_append (out, "{\"id\":");
  vigie_append_json_string (out, c->id);
  g_string_append (out, ",\"text\":");
  vigie_append_json_string (out, c->text);
  g_string_append_printf (out, ",\"timestamp\":\"%s\",\"username\":", t);
  vigie_append_json_string (out, c->author_name);
  g_string_append_printf (out, ",\"hidden\":%s,\"like_count\":1,\"from\":{\"id\":",
                          g_strcmp0 (c->state, "hidden") == 0 ? "true" : "false");
  vigie_append_json_string (out, c->author_id);
  g_string_append (out, ",\"username\":");
  vigie_append_json_string (out, c->author_name);
  g_string_append (out, "}");
  if (c->parent == NULL)
    {
      g_string_append (out, ",\"replies\":{\"data\":[");
      for (guint i = 0; i < self->comments->len; i++)
        {
          FakeItem *r = g_ptr_array_index (self->comments, i);

          if (r->removed || g_strcmp0 (r->parent, c->id) != 0)
            continue;
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          append_ig_comment (out, r, self);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "}");
}

static void
append_yt_comment (GString  *out,
                   FakeItem *c)
{
  g_autofree char *t = google_time (c->created);

  g_string_append (out, "{\"kind\":\"youtube#comment\",\"etag\":\"e\",\"id\":");
  vigie_append_json_string (out, c->id);
  g_string_append (out, ",\"snippet\":{\"authorDisplayName\":");
  vigie_append_json_string (out, c->author_name);
  g_string_append (out, ",\"authorChannelId\":{\"value\":");
  vigie_append_json_string (out, c->author_id);
  g_string_append (out, "},\"channelId\":");
  vigie_append_json_string (out, c->account);
  g_string_append (out, ",\"videoId\":");
  vigie_append_json_string (out, c->post);
  g_string_append (out, ",\"textDisplay\":");
  vigie_append_json_string (out, c->text);
  g_string_append (out, ",\"textOriginal\":");
  vigie_append_json_string (out, c->text);
  if (c->parent != NULL)
    g_string_append_printf (out, ",\"parentId\":\"%s\"", c->parent);
  g_string_append_printf (out, ",\"canRate\":true,\"viewerRating\":\"none\",\"likeCount\":0,"
                          "\"publishedAt\":\"%s\",\"updatedAt\":\"%s\"}}", t, t);
}

/* Paging: the cursor is the index of the next item */

static char *
next_link (FakePlatform *self,
           const char   *path,
           GHashTable   *query,
           guint         next)
{
  GString *url = g_string_new (self->url);
  GHashTableIter iter;
  gpointer key, value;

  g_string_append_printf (url, "%s?", path);
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_str_equal (key, "after") && !g_str_equal (key, "access_token"))
      {
        g_autofree char *v = g_uri_escape_string (value, NULL, FALSE);
        g_string_append_printf (url, "%s=%s&", (char *) key, v);
      }
  /* As the Graph API does: the token is in the link */
  g_string_append_printf (url, "access_token=%s&after=%u", self->token, next);
  return g_string_free (url, FALSE);
}

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *v = query ? g_hash_table_lookup (query, name) : NULL;
  return v ? (guint) g_ascii_strtoull (v, NULL, 10) : fallback;
}

static gint64
query_int64 (GHashTable *query,
             const char *name)
{
  const char *v = query ? g_hash_table_lookup (query, name) : NULL;
  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

/* A Graph list page of @items from the cursor */
static void
graph_list (FakePlatform      *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            GPtrArray         *items,
            void             (*append) (GString *, FakeItem *, FakePlatform *))
{
  guint after = query_uint (query, "after", 0);
  guint limit = query_uint (query, "limit", 25);
  GString *out = g_string_new ("{\"data\":[");
  g_autofree char *body = NULL;

  for (guint i = after; i < items->len && i < after + limit; i++)
    {
      if (i > after)
        g_string_append_c (out, ',');
      append (out, g_ptr_array_index (items, i), self);
    }
  g_string_append_printf (out, "],\"paging\":{\"cursors\":{\"before\":\"%u\",\"after\":\"%u\"}",
                          after, MIN (after + limit, items->len));
  if (after + limit < items->len)
    {
      g_autofree char *next = next_link (self, path, query, after + limit);
      g_string_append (out, ",\"next\":");
      vigie_append_json_string (out, next);
    }
  g_string_append (out, "}}");
  body = g_string_free (out, FALSE);
  respond (msg, 200, body);
}

static void
append_fb_post (GString      *out,
                FakeItem     *p,
                FakePlatform *self)
{
  g_autofree char *t = graph_time (p->created);

  g_string_append (out, "{\"id\":");
  vigie_append_json_string (out, p->id);
  g_string_append (out, ",\"message\":");
  vigie_append_json_string (out, p->text);
  g_string_append_printf (out, ",\"created_time\":\"%s\",\"updated_time\":\"%s\","
                          "\"permalink_url\":\"https://www.facebook.com/%s/posts/%s/\","
                          "\"from\":{\"id\":\"%s\",\"name\":\"Page\"}}",
                          t, t, p->account, p->id, p->account);
}

static void
append_ig_media (GString      *out,
                 FakeItem     *p,
                 FakePlatform *self)
{
  g_autofree char *t = graph_time (p->created);

  g_string_append (out, "{\"id\":");
  vigie_append_json_string (out, p->id);
  g_string_append (out, ",\"caption\":");
  vigie_append_json_string (out, p->text);
  g_string_append_printf (out, ",\"timestamp\":\"%s\",\"username\":\"page\","
                          "\"owner\":{\"id\":\"%s\"}}", t, p->account);
}

static void
append_fb_comment_cb (GString *out, FakeItem *c, FakePlatform *self)
{
  append_fb_comment (out, c);
}

static void
append_ig_comment_cb (GString *out, FakeItem *c, FakePlatform *self)
{
  append_ig_comment (out, c, self);
}

static gboolean
handle_graph (FakePlatform      *self,
              SoupServerMessage *msg,
              const char        *method,
              const char        *full_path,
              char             **seg,
              GHashTable        *query,
              GHashTable        *form)
{
  guint n = g_strv_length (seg);
  GHashTable *params = form ? form : query;

  if (g_str_equal (method, "GET") && n == 2 &&
      (g_str_equal (seg[1], "published_posts") || g_str_equal (seg[1], "media")))
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      gint64 since = query_int64 (query, "since");
      const char *platform = g_str_equal (seg[1], "media") ? "instagram" : "facebook";

      for (guint i = 0; i < self->posts->len; i++)
        {
          FakeItem *p = g_ptr_array_index (self->posts, i);
          if (g_str_equal (p->platform, platform) && g_str_equal (p->account, seg[0]) &&
              p->created >= since)
            g_ptr_array_add (list, p);
        }
      graph_list (self, msg, full_path, query, list,
                  g_str_equal (platform, "facebook") ? append_fb_post : append_ig_media);
      return TRUE;
    }
  if (g_str_equal (method, "GET") && n == 2 && g_str_equal (seg[1], "comments"))
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      gint64 since = query_int64 (query, "since");
      gboolean instagram = FALSE;

      for (guint i = 0; i < self->comments->len; i++)
        {
          FakeItem *c = g_ptr_array_index (self->comments, i);

          if (c->removed || !g_str_equal (c->post, seg[0]) || c->created < since)
            continue;
          instagram = g_str_equal (c->platform, "instagram");
          if (instagram && c->parent != NULL)
            continue;
          g_ptr_array_add (list, c);
        }
      graph_list (self, msg, full_path, query, list,
                  instagram ? append_ig_comment_cb : append_fb_comment_cb);
      return TRUE;
    }
  if (g_str_equal (method, "POST") && n == 2 &&
      (g_str_equal (seg[1], "comments") || g_str_equal (seg[1], "replies")))
    {
      FakeItem *parent = g_hash_table_lookup (self->by_id, seg[0]);
      FakeItem *c;
      g_autofree char *body = NULL;

      if (parent == NULL || parent->removed)
        {
          graph_error (msg, 400, 100, 33, "Unsupported post request. Object does not exist");
          return TRUE;
        }
      c = g_new0 (FakeItem, 1);
      c->platform = g_strdup (parent->platform);
      c->account = g_strdup (parent->account);
      c->post = g_strdup (parent->post);
      c->id = g_strdup_printf ("%s_r%u", parent->post, ++self->next_id);
      c->parent = g_strdup (parent->id);
      c->author_id = g_strdup (parent->account);
      c->author_name = g_strdup ("Page");
      c->text = g_strdup (g_hash_table_lookup (params, "message"));
      c->created = g_get_real_time () / G_USEC_PER_SEC;
      g_ptr_array_add (self->comments, c);
      g_hash_table_insert (self->by_id, c->id, c);
      body = g_strdup_printf ("{\"id\":\"%s\"}", c->id);
      respond (msg, 200, body);
      return TRUE;
    }
  if (n == 2 && g_str_equal (seg[1], "blocked"))
    {
      const char *user = g_hash_table_lookup (params ? params : query, "user");
      g_autofree char *body = NULL;

      if (g_str_equal (method, "POST"))
        {
          g_hash_table_add (self->banned, g_strdup (user));
          body = g_strdup_printf ("{\"%s\":true}", user);
        }
      else
        {
          g_hash_table_remove (self->banned, user);
          body = g_strdup ("{\"success\":true}");
        }
      respond (msg, 200, body);
      return TRUE;
    }
  if (g_str_equal (method, "POST") && n == 2 && g_str_equal (seg[1], "messages"))
    {
      respond (msg, 200, "{\"recipient_id\":\"u1\",\"message_id\":\"m_fake1\"}");
      return TRUE;
    }
  if (g_str_equal (method, "GET") && n == 1 &&
      strstr (g_hash_table_lookup (query, "fields") ? g_hash_table_lookup (query, "fields") : "",
              "tasks") != NULL)
    {
      /* The Page's tasks for this token; with a Page token, /me is the Page */
      g_autofree char *body = g_strdup_printf ("{\"id\":\"%s\",\"tasks\":%s}", seg[0],
                                               self->tasks);
      respond (msg, 200, body);
      return TRUE;
    }
  if (n == 1)
    {
      FakeItem *c = g_hash_table_lookup (self->by_id, seg[0]);

      if (c == NULL || c->removed)
        {
          graph_error (msg, 400, 100, 33, "Unsupported request. Object does not exist");
          return TRUE;
        }
      if (g_str_equal (method, "DELETE"))
        c->removed = TRUE;
      else if (g_str_equal (method, "POST"))
        {
          const char *v = g_hash_table_lookup (params, "is_hidden");

          if (v == NULL)
            v = g_hash_table_lookup (params, "hide");
          g_free (c->state);
          c->state = g_strdup (g_strcmp0 (v, "true") == 0 ? "hidden" : "published");
        }
      respond (msg, 200, "{\"success\":true}");
      return TRUE;
    }
  return FALSE;
}

static gboolean
handle_youtube (FakePlatform      *self,
                SoupServerMessage *msg,
                const char        *method,
                const char        *path,
                GHashTable        *query)
{
  if (g_str_equal (method, "GET") && g_str_equal (path, "/commentThreads"))
    {
      const char *channel = g_hash_table_lookup (query, "allThreadsRelatedToChannelId");
      guint start = query_uint (query, "pageToken", 0);
      guint max = query_uint (query, "maxResults", 20);
      g_autoptr(GPtrArray) threads = g_ptr_array_new ();
      GString *out = g_string_new ("{\"kind\":\"youtube#commentThreadListResponse\","
                                   "\"etag\":\"e\",");
      g_autofree char *body = NULL;

      /* Newest first */
      for (guint i = self->comments->len; i > 0; i--)
        {
          FakeItem *c = g_ptr_array_index (self->comments, i - 1);
          if (!c->removed && c->parent == NULL && g_str_equal (c->platform, "youtube") &&
              g_strcmp0 (c->account, channel) == 0 && g_strcmp0 (c->state, "rejected") != 0)
            g_ptr_array_add (threads, c);
        }
      if (start + max < threads->len)
        g_string_append_printf (out, "\"nextPageToken\":\"%u\",", start + max);
      g_string_append_printf (out, "\"pageInfo\":{\"totalResults\":%u,\"resultsPerPage\":%u},"
                              "\"items\":[", threads->len, max);
      for (guint i = start; i < threads->len && i < start + max; i++)
        {
          FakeItem *top = g_ptr_array_index (threads, i);
          guint n_replies = 0, total = 0;

          for (guint j = 0; j < self->comments->len; j++)
            {
              FakeItem *r = g_ptr_array_index (self->comments, j);
              if (!r->removed && g_strcmp0 (r->parent, top->id) == 0)
                total++;
            }
          if (i > start)
            g_string_append_c (out, ',');
          g_string_append_printf (out, "{\"kind\":\"youtube#commentThread\",\"id\":\"%s\","
                                  "\"snippet\":{\"channelId\":\"%s\",\"videoId\":\"%s\","
                                  "\"topLevelComment\":", top->id, top->account, top->post);
          append_yt_comment (out, top);
          g_string_append_printf (out, ",\"canReply\":true,\"totalReplyCount\":%u,"
                                  "\"isPublic\":true},\"replies\":{\"comments\":[", total);
          /* As YouTube does: only some of the replies come with the thread */
          for (guint j = 0; j < self->comments->len && n_replies < FAKE_THREAD_REPLIES; j++)
            {
              FakeItem *r = g_ptr_array_index (self->comments, j);
              if (r->removed || g_strcmp0 (r->parent, top->id) != 0)
                continue;
              if (n_replies++ > 0)
                g_string_append_c (out, ',');
              append_yt_comment (out, r);
            }
          g_string_append (out, "]}}");
        }
      g_string_append (out, "]}");
      body = g_string_free (out, FALSE);
      respond (msg, 200, body);
      return TRUE;
    }
  if (g_str_equal (method, "GET") && g_str_equal (path, "/comments") &&
      g_hash_table_contains (query, "parentId"))
    {
      /* comments.list?parentId=: the replies of a thread, oldest first */
      const char *parent = g_hash_table_lookup (query, "parentId");
      guint start = query_uint (query, "pageToken", 0);
      guint max = query_uint (query, "maxResults", 20);
      g_autoptr(GPtrArray) replies = g_ptr_array_new ();
      GString *out = g_string_new ("{\"kind\":\"youtube#commentListResponse\",\"etag\":\"e\",");
      g_autofree char *body = NULL;

      for (guint i = 0; i < self->comments->len; i++)
        {
          FakeItem *r = g_ptr_array_index (self->comments, i);
          if (!r->removed && g_strcmp0 (r->parent, parent) == 0)
            g_ptr_array_add (replies, r);
        }
      if (start + max < replies->len)
        g_string_append_printf (out, "\"nextPageToken\":\"%u\",", start + max);
      g_string_append_printf (out, "\"pageInfo\":{\"totalResults\":%u,\"resultsPerPage\":%u},"
                              "\"items\":[", replies->len, max);
      for (guint i = start; i < replies->len && i < start + max; i++)
        {
          if (i > start)
            g_string_append_c (out, ',');
          append_yt_comment (out, g_ptr_array_index (replies, i));
        }
      g_string_append (out, "]}");
      body = g_string_free (out, FALSE);
      respond (msg, 200, body);
      return TRUE;
    }
  if (g_str_equal (method, "POST") && g_str_equal (path, "/comments/setModerationStatus"))
    {
      FakeItem *c = g_hash_table_lookup (self->by_id, g_hash_table_lookup (query, "id"));
      const char *status = g_hash_table_lookup (query, "moderationStatus");

      if (c == NULL || c->removed)
        {
          google_error (msg, 404, "commentNotFound", "The comment could not be found.");
          return TRUE;
        }
      g_free (c->state);
      c->state = g_strdup (status);
      if (g_strcmp0 (g_hash_table_lookup (query, "banAuthor"), "true") == 0)
        g_hash_table_add (self->banned, g_strdup (c->author_id));
      soup_server_message_set_status (msg, 204, NULL);
      return TRUE;
    }
  if (g_str_equal (method, "POST") && g_str_equal (path, "/comments"))
    {
      SoupMessageBody *req = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (req);
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *parent_id = NULL, *text = NULL;
      FakeItem *parent, *c;
      GString *out;
      g_autofree char *body = NULL;

      if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL))
        {
          JsonObject *snippet = json_object_get_object_member (
            json_node_get_object (json_parser_get_root (parser)), "snippet");
          parent_id = json_object_get_string_member (snippet, "parentId");
          text = json_object_get_string_member (snippet, "textOriginal");
        }
      parent = parent_id ? g_hash_table_lookup (self->by_id, parent_id) : NULL;
      if (parent == NULL)
        {
          google_error (msg, 404, "commentNotFound", "The parent comment could not be found.");
          return TRUE;
        }
      c = g_new0 (FakeItem, 1);
      c->platform = g_strdup ("youtube");
      c->account = g_strdup (parent->account);
      c->post = g_strdup (parent->post);
      c->id = g_strdup_printf ("%s.r%u", parent->id, ++self->next_id);
      c->parent = g_strdup (parent->id);
      c->author_id = g_strdup (parent->account);
      c->author_name = g_strdup ("Channel");
      c->text = g_strdup (text);
      c->created = g_get_real_time () / G_USEC_PER_SEC;
      g_ptr_array_add (self->comments, c);
      g_hash_table_insert (self->by_id, c->id, c);
      out = g_string_new (NULL);
      append_yt_comment (out, c);
      body = g_string_free (out, FALSE);
      respond (msg, 200, body);
      return TRUE;
    }
  if (g_str_equal (method, "DELETE") && g_str_equal (path, "/comments"))
    {
      FakeItem *c = g_hash_table_lookup (self->by_id, g_hash_table_lookup (query, "id"));

      if (c == NULL || c->removed)
        {
          google_error (msg, 404, "commentNotFound", "The comment could not be found.");
          return TRUE;
        }
      c->removed = TRUE;
      soup_server_message_set_status (msg, 204, NULL);
      return TRUE;
    }
  return FALSE;
}

typedef struct
{
  SoupServerMessage *msg;
  FakePlatform      *self;
} Slow;

static gboolean
slow_done_cb (gpointer user_data)
{
  Slow *slow = user_data;

  respond (slow->msg, 200, "{\"data\":[]}");
  soup_server_message_unpause (slow->msg);
  g_object_unref (slow->msg);
  g_free (slow);
  return G_SOURCE_REMOVE;
}

static gboolean
delayed_cb (gpointer user_data)
{
  Slow *delayed = user_data;

  g_mutex_lock (&delayed->self->mutex);
  delayed->self->in_flight--;
  g_mutex_unlock (&delayed->self->mutex);
  soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static Failure *
take_failure (FakePlatform *self,
              const char   *path)
{
  for (GList *l = self->failures; l != NULL; l = l->next)
    {
      Failure *f = l->data;

      if (f->times > 0 && (f->path_part == NULL || strstr (path, f->path_part) != NULL))
        {
          f->times--;
          return f;
        }
    }
  return NULL;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  FakePlatform *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  gboolean youtube = g_str_has_prefix (path, "/youtube/v3");
  g_autofree char *expected = g_strconcat ("Bearer ", self->token, NULL);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GHashTable) empty = NULL;
  g_autofree char *line = NULL;
  const char *rest;
  Failure *failure;

  if (query == NULL)
    query = empty = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_str_equal (method, "POST"))
    {
      SoupMessageBody *req = soup_server_message_get_request_body (msg);
      const char *type = soup_message_headers_get_content_type (
                           soup_server_message_get_request_headers (msg), NULL);

      if (type != NULL && g_str_equal (type, "application/x-www-form-urlencoded"))
        {
          g_autoptr(GBytes) bytes = soup_message_body_flatten (req);
          g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes));
          form = soup_form_decode (text);
        }
    }

  g_mutex_lock (&self->mutex);
  self->n_requests++;
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);
  {
    g_autofree char *q = soup_form_encode_hash (query);
    g_autofree char *f = form ? soup_form_encode_hash (form) : NULL;
    line = g_strdup_printf ("%s %s?%s%s%s", method, path, q, f ? " " : "", f ? f : "");
    g_ptr_array_add (self->requests, g_strdup (line));
  }

  /* The token belongs in the Authorization header, never in the URL */
  if (g_hash_table_contains (query, "access_token") || g_strcmp0 (auth, expected) != 0 ||
      self->expired)
    {
      if (youtube)
        google_error (msg, 401, "authError", "Invalid Credentials");
      else
        graph_error (msg, 400, 190, 463, "Error validating access token: Session has expired");
      goto out;
    }

  failure = take_failure (self, path);
  if (failure != NULL)
    {
      switch (failure->failure)
        {
        case FAKE_FAIL_SERVER_ERROR:
          respond (msg, 500, youtube ? "{\"error\":{\"code\":500,\"message\":\"Backend Error\","
                                       "\"errors\":[{\"reason\":\"backendError\"}]}}"
                                     : "{\"error\":{\"message\":\"An unknown error occurred\","
                                       "\"type\":\"OAuthException\",\"code\":1,"
                                       "\"is_transient\":true}}");
          goto out;
        case FAKE_FAIL_THROTTLE:
          {
            g_autofree char *usage = g_strdup_printf (
              "{\"%s\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":20,"
              "\"total_time\":30,\"estimated_time_to_regain_access\":1}]}", "1234");
            soup_message_headers_replace (response_headers, "X-Business-Use-Case-Usage",
                                          usage);
            soup_message_headers_replace (response_headers, "X-App-Usage",
                                          "{\"call_count\":100,\"total_cputime\":10,"
                                          "\"total_time\":10}");
            graph_error (msg, 400, failure->code, 0, "(#4) Application request limit reached");
          }
          goto out;
        case FAKE_FAIL_QUOTA:
          google_error (msg, 403, "quotaExceeded",
                        "The request cannot be completed because you have exceeded your "
                        "<a href=/youtube/v3/getting-started#quota>quota</a>.");
          goto out;
        case FAKE_FAIL_TOKEN_EXPIRED:
          if (youtube)
            google_error (msg, 401, "authError", "Invalid Credentials");
          else
            graph_error (msg, 400, 190, 463,
                         "Error validating access token: Session has expired");
          goto out;
        case FAKE_FAIL_MALFORMED:
          respond (msg, 200, "{\"data\":[{\"id\":\"1\",\"message\":");
          goto out;
        case FAKE_FAIL_SLOW:
          {
            Slow *slow = g_new0 (Slow, 1);
            GSource *source = g_timeout_source_new (3000);

            slow->msg = g_object_ref (msg);
            slow->self = self;
            soup_server_message_pause (msg);
            g_source_set_callback (source, slow_done_cb, slow, NULL);
            g_source_attach (source, self->context);
            g_source_unref (source);
            self->in_flight--;
          }
          g_mutex_unlock (&self->mutex);
          return;
        case FAKE_FAIL_USAGE_HIGH:
          soup_message_headers_replace (response_headers, "X-App-Usage",
                                        "{\"call_count\":95,\"total_cputime\":10,"
                                        "\"total_time\":10}");
          break;
        default:
          break;
        }
    }

  if (youtube)
    {
      rest = path + strlen ("/youtube/v3");
      if (!handle_youtube (self, msg, method, rest, query))
        google_error (msg, 404, "notFound", "Not found");
    }
  else
    {
      g_auto(GStrv) seg = NULL;

      /* "/v25.0/…" */
      rest = path;
      if (rest[0] == '/' && rest[1] == 'v')
        rest = strchr (rest + 1, '/') ? strchr (rest + 1, '/') : "";
      seg = g_strsplit (rest[0] == '/' ? rest + 1 : rest, "/", -1);
      if (!handle_graph (self, msg, method, path, seg, query, form))
        graph_error (msg, 400, 100, 0, "Unknown path components");
    }

out:
  if (self->delay_ms > 0)
    {
      /* Answered later: in flight until then */
      Slow *delayed = g_new0 (Slow, 1);
      GSource *source = g_timeout_source_new (self->delay_ms);

      delayed->msg = g_object_ref (msg);
      delayed->self = self;
      soup_server_message_pause (msg);
      g_source_set_callback (source, delayed_cb, delayed, NULL);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
  else
    self->in_flight--;
  g_mutex_unlock (&self->mutex);
}

static gpointer
server_thread (gpointer data)
{
  FakePlatform *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("server-header", "fake-platform ", NULL);
  soup_server_add_handler (self->server, NULL, handler, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("fake platform: %s", error->message);
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->mutex);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_main_loop_run (self->loop);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

FakePlatform *
fake_platform_new (const char *token)
{
  FakePlatform *self = g_new0 (FakePlatform, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->token = g_strdup (token);
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_item_free);
  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_item_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->banned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->tasks = g_strdup ("[\"ANALYZE\",\"ADVERTISE\",\"MODERATE\",\"CREATE_CONTENT\"]");
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("fake-platform", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
failure_free (Failure *f)
{
  g_free (f->path_part);
  g_free (f);
}

void
fake_platform_free (FakePlatform *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->posts);
  g_ptr_array_unref (self->comments);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->banned);
  g_ptr_array_unref (self->requests);
  g_list_free_full (self->failures, (GDestroyNotify) failure_free);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self->url);
  g_free (self->token);
  g_free (self->tasks);
  g_free (self);
}

const char *
fake_platform_get_url (FakePlatform *self)
{
  return self->url;
}

guint
fake_platform_get_n_requests (FakePlatform *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->n_requests;
  g_mutex_unlock (&self->mutex);
  return n;
}

GPtrArray *
fake_platform_get_requests (FakePlatform *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->requests, i)));
  g_mutex_unlock (&self->mutex);
  return copy;
}

void
fake_platform_clear_requests (FakePlatform *self)
{
  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->requests, 0);
  g_mutex_unlock (&self->mutex);
}

void
fake_platform_fail (FakePlatform *self,
                    const char   *path_part,
                    FakeFailure   failure,
                    int           code,
                    guint         times)
{
  Failure *f = g_new0 (Failure, 1);

  f->path_part = g_strdup (path_part);
  f->failure = failure;
  f->code = code;
  f->times = times;
  g_mutex_lock (&self->mutex);
  self->failures = g_list_append (self->failures, f);
  g_mutex_unlock (&self->mutex);
}

void
fake_platform_set_tasks (FakePlatform *self,
                         const char   *tasks_json)
{
  g_mutex_lock (&self->mutex);
  g_free (self->tasks);
  self->tasks = g_strdup (tasks_json);
  g_mutex_unlock (&self->mutex);
}

void
fake_platform_set_delay (FakePlatform *self,
                         guint         ms)
{
  g_mutex_lock (&self->mutex);
  self->delay_ms = ms;
  g_mutex_unlock (&self->mutex);
}

guint
fake_platform_get_max_concurrent (FakePlatform *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->max_in_flight;
  g_mutex_unlock (&self->mutex);
  return n;
}

void
fake_platform_reset_max_concurrent (FakePlatform *self)
{
  g_mutex_lock (&self->mutex);
  self->max_in_flight = self->in_flight;
  g_mutex_unlock (&self->mutex);
}

void
fake_platform_expire_token (FakePlatform *self)
{
  g_mutex_lock (&self->mutex);
  self->expired = TRUE;
  g_mutex_unlock (&self->mutex);
}

void
fake_platform_add_post (FakePlatform *self,
                        const char   *platform,
                        const char   *account_id,
                        const char   *post_id,
                        const char   *text,
                        gint64        created)
{
  FakeItem *p = g_new0 (FakeItem, 1);

  p->platform = g_strdup (platform);
  p->account = g_strdup (account_id);
  p->id = g_strdup (post_id);
  p->text = g_strdup (text);
  p->created = created;
  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->posts, p);
  g_mutex_unlock (&self->mutex);
}

void
fake_platform_add_comment (FakePlatform *self,
                           const char   *platform,
                           const char   *account_id,
                           const char   *post_id,
                           const char   *comment_id,
                           const char   *parent_id,
                           const char   *author_id,
                           const char   *author_name,
                           const char   *text,
                           gint64        created)
{
  FakeItem *c = g_new0 (FakeItem, 1);

  c->platform = g_strdup (platform);
  c->account = g_strdup (account_id);
  c->post = g_strdup (post_id);
  c->id = g_strdup (comment_id);
  c->parent = g_strdup (parent_id);
  c->author_id = g_strdup (author_id);
  c->author_name = g_strdup (author_name);
  c->text = g_strdup (text);
  c->created = created;
  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->comments, c);
  g_hash_table_insert (self->by_id, c->id, c);
  g_mutex_unlock (&self->mutex);
}

void
fake_platform_add_many (FakePlatform *self,
                        const char   *platform,
                        const char   *account_id,
                        const char   *post_id,
                        guint         n,
                        gint64        created)
{
  static const char * const texts[] = {
    "Merci pour l’information, très utile.",
    "Quand est-ce que la clinique ouvre le samedi?",
    "Vous êtes des incompétents, honte à vous",
    "Bonne journée à toute l’équipe!",
    "Allez voir mon site pour gagner de l’argent http://spam.example",
  };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s_c%05u", post_id, i);
      g_autofree char *author = g_strdup_printf ("u%u", i % 97);
      g_autofree char *name = g_strdup_printf ("Personne %u", i % 97);
      g_autofree char *text = g_strdup_printf ("%s (%u)", texts[i % G_N_ELEMENTS (texts)], i);

      fake_platform_add_comment (self, platform, account_id, post_id, id, NULL, author, name,
                                 text, created + i);
    }
}

gboolean
fake_platform_has_comment (FakePlatform *self,
                           const char   *comment_id)
{
  FakeItem *c;
  gboolean has;

  g_mutex_lock (&self->mutex);
  c = g_hash_table_lookup (self->by_id, comment_id);
  has = c != NULL && !c->removed;
  g_mutex_unlock (&self->mutex);
  return has;
}

char *
fake_platform_get_state (FakePlatform *self,
                         const char   *comment_id)
{
  FakeItem *c;
  char *state;

  g_mutex_lock (&self->mutex);
  c = g_hash_table_lookup (self->by_id, comment_id);
  state = g_strdup (c ? c->state : NULL);
  g_mutex_unlock (&self->mutex);
  return state;
}

gboolean
fake_platform_is_banned (FakePlatform *self,
                         const char   *author_id)
{
  gboolean banned;

  g_mutex_lock (&self->mutex);
  banned = g_hash_table_contains (self->banned, author_id);
  g_mutex_unlock (&self->mutex);
  return banned;
}
