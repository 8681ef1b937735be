/* vigie-sync.c — bringing the comments of the accounts into the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-account.h"
#include "vigie-connector.h"
#include "vigie-import.h"
#include "vigie-live-connector.h"
#include "vigie-sync.h"

/* A later sync reads again what changed shortly before the last one ended */
#define OVERLAP_S         300
/* Facebook and Instagram: the posts whose comments an incremental sync reads */
#define POST_WINDOW_S     (30 * 24 * 3600)
#define CURSOR_DONE       "done"

struct _VigieSync
{
  GObject                 parent_instance;

  VigieStore             *store;
  VigieClassifier        *classifier;
  VigieSyncHttpSetupFunc  http_setup;
  gpointer                http_setup_data;
  guint                   page_size;
  GMainContext           *signal_context;   /* where signals go during run_async */
};

enum
{
  SIGNAL_PROGRESS,
  SIGNAL_THROTTLED,
  SIGNAL_ACCOUNT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieSync, vigie_sync, G_TYPE_OBJECT)

static void
vigie_sync_dispose (GObject *object)
{
  VigieSync *self = VIGIE_SYNC (object);

  g_clear_object (&self->store);
  g_clear_object (&self->classifier);
  g_clear_pointer (&self->signal_context, g_main_context_unref);
  G_OBJECT_CLASS (vigie_sync_parent_class)->dispose (object);
}

static void
vigie_sync_class_init (VigieSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vigie_sync_dispose;

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT64, G_TYPE_UINT);
  signals[SIGNAL_THROTTLED] =
    g_signal_new ("throttled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[SIGNAL_ACCOUNT_FINISHED] =
    g_signal_new ("account-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
vigie_sync_init (VigieSync *self)
{
  self->page_size = 100;
}

VigieSync *
vigie_sync_new (VigieStore      *store,
                VigieClassifier *classifier)
{
  VigieSync *self = g_object_new (VIGIE_TYPE_SYNC, NULL);

  self->store = g_object_ref (store);
  self->classifier = classifier ? g_object_ref (classifier) : NULL;
  return self;
}

void
vigie_sync_set_http_setup (VigieSync              *self,
                           VigieSyncHttpSetupFunc  func,
                           gpointer                user_data)
{
  self->http_setup = func;
  self->http_setup_data = user_data;
}

void
vigie_sync_set_page_size (VigieSync *self,
                          guint      page_size)
{
  self->page_size = CLAMP (page_size, 1, 100);
}

/* Signals, in the thread that started the sync */

typedef struct
{
  VigieSync *self;
  guint      signal;
  gint64     account_id;
  guint64    a;
  guint      b;
  char      *message;
} Emission;

static gboolean
emit_cb (gpointer user_data)
{
  Emission *e = user_data;

  switch (e->signal)
    {
    case SIGNAL_PROGRESS:
      g_signal_emit (e->self, signals[SIGNAL_PROGRESS], 0, e->account_id, e->a, e->b);
      break;
    case SIGNAL_THROTTLED:
      g_signal_emit (e->self, signals[SIGNAL_THROTTLED], 0, e->account_id, (gint64) e->a);
      break;
    case SIGNAL_ACCOUNT_FINISHED:
    default:
      g_signal_emit (e->self, signals[SIGNAL_ACCOUNT_FINISHED], 0, e->account_id, e->message);
      break;
    }
  g_object_unref (e->self);
  g_free (e->message);
  g_free (e);
  return G_SOURCE_REMOVE;
}

static void
emit (VigieSync  *self,
      guint       signal,
      gint64      account_id,
      guint64     a,
      guint       b,
      const char *message)
{
  Emission *e = g_new0 (Emission, 1);

  e->self = g_object_ref (self);
  e->signal = signal;
  e->account_id = account_id;
  e->a = a;
  e->b = b;
  e->message = g_strdup (message);
  if (self->signal_context != NULL)
    g_main_context_invoke (self->signal_context, emit_cb, e);
  else
    emit_cb (e);
}

/* One account's run */

typedef struct
{
  VigieSync      *self;
  VigieStore     *store;
  VigieAccount   *account;
  VigieHttp      *http;
  GCancellable   *cancellable;
  VigieSyncStats *stats;
  gint64          since;          /* read what changed after this; 0 = everything */
  guint           requests_before;

  /* The page being stored */
  const char     *post_id;        /* the post whose comments these are */
  GPtrArray      *changed;        /* external ids of new or changed comments */

  /* While comments are read concurrently: the run's thread, where what
   * the workers report goes */
  GThread        *owner;
  GAsyncQueue    *queue;
} Run;

/* What a worker reading one post's comments reports to the run's thread */
typedef enum
{
  EDGE_PAGE,
  EDGE_ERROR,
  EDGE_THROTTLED,
  EDGE_FINISHED,
} EdgeMessageKind;

typedef struct
{
  EdgeMessageKind  kind;
  struct EdgeJob  *job;
  JsonNode        *page;
  char            *next;
  GError          *error;
  gint64           resume_at;
} EdgeMessage;

static void
emit_throttled (Run    *run,
                gint64  resume_at)
{
  emit (run->self, SIGNAL_THROTTLED, run->account->id, resume_at, 0, NULL);
}

static void
throttled_cb (VigieHttp *http,
              gint64     resume_at,
              gpointer   user_data)
{
  Run *run = user_data;

  /* From a worker: the run's thread emits it */
  if (run->queue != NULL && g_thread_self () != run->owner)
    {
      EdgeMessage *m = g_new0 (EdgeMessage, 1);

      m->kind = EDGE_THROTTLED;
      m->resume_at = resume_at;
      g_async_queue_push (run->queue, m);
      return;
    }
  emit_throttled (run, resume_at);
}

static void
report_progress (Run *run)
{
  emit (run->self, SIGNAL_PROGRESS, run->account->id, run->stats->n_comments,
        vigie_http_get_n_requests (run->http) - run->requests_before, NULL);
}

static gboolean
sink_post (gpointer                user_data,
           const VigiePostRecord  *post,
           GError                **error)
{
  Run *run = user_data;
  VigiePostRecord copy = *post;

  /* The account is the page, even where the answer does not say so */
  if (copy.page_id == NULL || run->account->platform != VIGIE_PLATFORM_FACEBOOK)
    copy.page_id = run->account->external_id;
  if (copy.page_name == NULL)
    copy.page_name = run->account->name;
  run->stats->n_posts++;
  return vigie_store_upsert_post (run->store, &copy, NULL, error);
}

static gboolean
sink_comment (gpointer                   user_data,
              const VigieCommentRecord  *comment,
              GError                   **error)
{
  Run *run = user_data;
  VigieCommentRecord copy = *comment;
  VigieUpsertResult result;

  if (copy.post_external_id == NULL)
    copy.post_external_id = (char *) run->post_id;
  if (!vigie_store_upsert_comment (run->store, &copy, &result, error))
    return FALSE;
  run->stats->n_comments++;
  if (result == VIGIE_UPSERT_INSERTED)
    run->stats->n_inserted++;
  else if (result == VIGIE_UPSERT_UPDATED)
    run->stats->n_updated++;
  if (result != VIGIE_UPSERT_UNCHANGED)
    g_ptr_array_add (run->changed, g_strdup (copy.external_id));
  return TRUE;
}

/* Classifies what the page brought, in its transaction */
static gboolean
classify_changed (Run     *run,
                  GError **error)
{
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GHashTable) posts = NULL;

  if (run->self->classifier == NULL || run->changed->len == 0)
    return TRUE;
  comments = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_comment_unref);
  for (guint i = 0; i < run->changed->len; i++)
    {
      VigieComment *c = vigie_store_find_comment (run->store, run->account->platform,
                                                  g_ptr_array_index (run->changed, i), error);
      if (c == NULL)
        return FALSE;
      g_ptr_array_add (comments, c);
    }
  posts = vigie_store_map_posts (run->store, comments, error);
  if (posts == NULL)
    return FALSE;
  results = vigie_classifier_classify_comments (run->self->classifier, comments, posts,
                                                run->cancellable, error);
  if (results == NULL ||
      !vigie_store_save_classifications (run->store, comments, results, error))
    return FALSE;
  for (guint i = 0; i < results->len; i++)
    {
      VigieClassification *r = g_ptr_array_index (results, i);

      if (r->flags->len > 0)
        run->stats->n_flagged++;
      if (r->urgent)
        run->stats->n_urgent++;
    }
  return TRUE;
}

/* Stores one page of results and the cursor to the next, atomically
 * (@cursor_key NULL: no cursor moves) */
static gboolean
store_page (Run          *run,
            JsonNode     *page,
            const char   *post_id,
            const char   *cursor_key,
            const char   *next_cursor,
            GError      **error)
{
  const VigieImportSink sink = { sink_post, sink_comment };
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (page) ? json_node_get_object (page) : NULL;
  JsonNode *items = NULL;
  gboolean empty;

  if (object != NULL)
    items = json_object_get_member (object, json_object_has_member (object, "items") ? "items"
                                                                                      : "data");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                   _("%s sent an answer Vigie does not understand (no list of results)"),
                   vigie_platform_get_display_name (run->account->platform));
      return FALSE;
    }
  empty = json_array_get_length (json_node_get_array (items)) == 0;

  if (!vigie_store_begin (run->store, error))
    return FALSE;
  run->post_id = post_id;
  run->changed = changed;
  if (!empty)
    {
      text = json_to_string (page, FALSE);
      if (!vigie_import_parse (vigie_platform_get_display_name (run->account->platform), text,
                               strlen (text), &sink, run, NULL, &local_error))
        goto fail;
    }
  if (!classify_changed (run, &local_error) ||
      (cursor_key != NULL &&
       !vigie_account_set_cursor (run->store, run->account->id, cursor_key,
                                  next_cursor ? next_cursor : CURSOR_DONE, &local_error)) ||
      !vigie_store_commit (run->store, &local_error))
    goto fail;
  run->changed = NULL;
  report_progress (run);
  return TRUE;

fail:
  run->changed = NULL;
  vigie_store_rollback (run->store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The object member @name, or NULL when it is missing or not an object */
static JsonObject *
object_member (JsonObject *o,
               const char *name,
               gpointer    unused)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
graph_next (JsonNode *page)
{
  JsonObject *o = json_node_get_object (page);
  JsonObject *paging = object_member (o, "paging", NULL);

  return paging ? json_object_get_string_member_with_default (paging, "next", NULL) : NULL;
}

/* Reads an edge page by page from its cursor (or @first_path) until its
 * end; each page is stored with the cursor to the next */
static gboolean
sync_graph_edge (Run                 *run,
                 const char          *cursor_key,
                 const char          *first_path,
                 const char * const  *first_params,
                 const char          *post_id,
                 GError             **error)
{
  g_autofree char *cursor = vigie_account_get_cursor (run->store, run->account->id, cursor_key,
                                                      error);

  if (cursor != NULL && g_str_equal (cursor, CURSOR_DONE))
    return TRUE;
  for (;;)
    {
      g_autoptr(JsonNode) page = NULL;
      const char *next;

      page = cursor != NULL
             ? vigie_http_call (run->http, "GET", cursor, NULL, NULL, run->cancellable, error)
             : vigie_http_call (run->http, "GET", first_path, first_params, NULL,
                                run->cancellable, error);
      if (page == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (page))
        {
          g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                       _("%s sent an answer Vigie does not understand (no list of results)"),
                       vigie_platform_get_display_name (run->account->platform));
          return FALSE;
        }
      next = graph_next (page);
      if (!store_page (run, page, post_id, cursor_key, next, error))
        return FALSE;
      if (next == NULL)
        return TRUE;
      g_free (cursor);
      cursor = g_strdup (next);
    }
}

/* The comments of several posts at once: one worker per post, up to the
 * HTTP client's limit of requests in flight, reads its pages in order;
 * the run's thread stores each page with its cursor, as they come, so a
 * cancelled or failed run resumes with nothing lost or read twice. */

typedef struct EdgeJob
{
  char *post_id;
  char *key;
  char *path;
  char *cursor;       /* where to resume, NULL: from the start */
} EdgeJob;

typedef struct
{
  Run                *run;
  const char * const *params;
  GCancellable       *cancellable;   /* the run's, and cancelled on a failure */
  gint                stop;          /* atomic: read no further pages */
} Edges;

static void
edge_job_free (EdgeJob *job)
{
  g_free (job->post_id);
  g_free (job->key);
  g_free (job->path);
  g_free (job->cursor);
  g_free (job);
}

static void
edge_push (Edges           *edges,
           EdgeMessageKind  kind,
           EdgeJob         *job,
           JsonNode        *page,
           const char      *next,
           GError          *error)
{
  EdgeMessage *m = g_new0 (EdgeMessage, 1);

  m->kind = kind;
  m->job = job;
  m->page = page;
  m->next = g_strdup (next);
  m->error = error;
  g_async_queue_push (edges->run->queue, m);
}

static void
edge_worker (gpointer data,
             gpointer user_data)
{
  EdgeJob *job = data;
  Edges *edges = user_data;
  g_autofree char *cursor = g_strdup (job->cursor);

  while (!g_atomic_int_get (&edges->stop))
    {
      GError *error = NULL;
      JsonNode *page;
      const char *next = NULL;

      page = cursor != NULL
             ? vigie_http_call (edges->run->http, "GET", cursor, NULL, NULL, edges->cancellable,
                                &error)
             : vigie_http_call (edges->run->http, "GET", job->path, edges->params, NULL,
                                edges->cancellable, &error);
      if (page == NULL)
        {
          edge_push (edges, EDGE_ERROR, job, NULL, NULL, error);
          break;
        }
      if (JSON_NODE_HOLDS_OBJECT (page))
        next = graph_next (page);
      g_free (cursor);
      cursor = g_strdup (next);
      edge_push (edges, EDGE_PAGE, job, page, next, NULL);
      if (cursor == NULL)
        break;
    }
  edge_push (edges, EDGE_FINISHED, job, NULL, NULL, NULL);
}

static void
edges_cancel_cb (GCancellable *cancellable,
                 Edges        *edges)
{
  g_cancellable_cancel (edges->cancellable);
}

static gboolean
sync_comment_edges (Run                 *run,
                    GPtrArray           *posts,
                    const char * const  *params,
                    GError             **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_job_free);
  g_autoptr(GError) first_error = NULL;
  Edges edges = { run, params, NULL, 0 };
  GThreadPool *pool;
  gulong handler = 0;
  guint pending;

  for (guint i = 0; i < posts->len; i++)
    {
      const char *post = g_ptr_array_index (posts, i);
      g_autofree char *key = g_strconcat ("comments:", post, NULL);
      g_autofree char *cursor = NULL;
      EdgeJob *job;

      cursor = vigie_account_get_cursor (run->store, run->account->id, key, &first_error);
      if (first_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&first_error));
          return FALSE;
        }
      if (cursor != NULL && g_str_equal (cursor, CURSOR_DONE))
        continue;
      job = g_new0 (EdgeJob, 1);
      job->post_id = g_strdup (post);
      job->key = g_steal_pointer (&key);
      job->path = g_strconcat ("/", post, "/comments", NULL);
      job->cursor = g_steal_pointer (&cursor);
      g_ptr_array_add (jobs, job);
    }
  if (jobs->len == 0)
    return TRUE;

  edges.cancellable = g_cancellable_new ();
  if (run->cancellable != NULL)
    handler = g_cancellable_connect (run->cancellable, G_CALLBACK (edges_cancel_cb), &edges,
                                     NULL);
  run->owner = g_thread_self ();
  run->queue = g_async_queue_new ();
  pool = g_thread_pool_new (edge_worker, &edges,
                            MIN (vigie_http_get_max_concurrent (run->http), jobs->len), FALSE,
                            NULL);
  for (guint i = 0; i < jobs->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (jobs, i), NULL);

  for (pending = jobs->len; pending > 0;)
    {
      EdgeMessage *m = g_async_queue_pop (run->queue);

      switch (m->kind)
        {
        case EDGE_FINISHED:
          pending--;
          break;
        case EDGE_THROTTLED:
          emit_throttled (run, m->resume_at);
          break;
        case EDGE_ERROR:
          /* The other posts' pages are still stored, unless it is the
           * token, the platform's limits or a cancellation */
          if (first_error == NULL)
            first_error = g_steal_pointer (&m->error);
          if (g_error_matches (first_error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH) ||
              g_error_matches (first_error, VIGIE_CONNECTOR_ERROR,
                               VIGIE_CONNECTOR_ERROR_RATE_LIMITED) ||
              g_error_matches (first_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_atomic_int_set (&edges.stop, 1);
          break;
        case EDGE_PAGE:
        default:
          if (g_atomic_int_get (&edges.stop))
            break;
          if (g_cancellable_is_cancelled (run->cancellable))
            {
              g_atomic_int_set (&edges.stop, 1);
              g_cancellable_cancel (edges.cancellable);
              if (first_error == NULL)
                g_cancellable_set_error_if_cancelled (run->cancellable, &first_error);
              break;
            }
          if (!JSON_NODE_HOLDS_OBJECT (m->page) ||
              !store_page (run, m->page, m->job->post_id, m->job->key, m->next,
                           first_error == NULL ? &first_error : NULL))
            {
              if (first_error == NULL)
                g_set_error (&first_error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                             _("%s sent an answer Vigie does not understand (no list of results)"),
                             vigie_platform_get_display_name (run->account->platform));
              g_atomic_int_set (&edges.stop, 1);
              g_cancellable_cancel (edges.cancellable);
            }
          break;
        }
      g_clear_pointer (&m->page, json_node_unref);
      g_clear_error (&m->error);
      g_free (m->next);
      g_free (m);
    }

  g_thread_pool_free (pool, FALSE, TRUE);
  g_cancellable_disconnect (run->cancellable, handler);
  g_clear_object (&edges.cancellable);
  /* Throttling reported after the last message */
  {
    EdgeMessage *m;

    while ((m = g_async_queue_try_pop (run->queue)) != NULL)
      {
        if (m->kind == EDGE_THROTTLED)
          emit_throttled (run, m->resume_at);
        g_clear_pointer (&m->page, json_node_unref);
        g_clear_error (&m->error);
        g_free (m->next);
        g_free (m);
      }
  }
  g_clear_pointer (&run->queue, g_async_queue_unref);
  run->owner = NULL;
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

static int
compare_posts (gconstpointer a,
               gconstpointer b)
{
  const VigiePost *pa = *(VigiePost * const *) a;
  const VigiePost *pb = *(VigiePost * const *) b;

  if (pa->created != pb->created)
    return pa->created < pb->created ? -1 : 1;
  return g_strcmp0 (pa->external_id, pb->external_id);
}

/* The posts of the account a run reads the comments of */
static GPtrArray *
run_posts (Run     *run,
           GError **error)
{
  g_autoptr(GPtrArray) posts = vigie_store_list_posts (run->store, 0, error);
  GPtrArray *ids;
  gint64 window_start = run->since > 0 ? run->since - POST_WINDOW_S : 0;

  if (posts == NULL)
    return NULL;
  /* Oldest first, so a run always reads them in the same order */
  g_ptr_array_sort (posts, compare_posts);
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < posts->len; i++)
    {
      VigiePost *p = g_ptr_array_index (posts, i);

      if (p->platform == run->account->platform &&
          g_strcmp0 (p->page_external_id, run->account->external_id) == 0 &&
          (p->created == 0 || p->created >= window_start))
        g_ptr_array_add (ids, g_strdup (p->external_id));
    }
  return ids;
}

static gboolean
sync_facebook (Run     *run,
               GError **error)
{
  g_autofree char *limit = g_strdup_printf ("%u", run->self->page_size);
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            run->since > 0 ? run->since - POST_WINDOW_S : 0);
  g_autofree char *comments_since = g_strdup_printf ("%" G_GINT64_FORMAT, run->since);
  g_autofree char *posts_path = g_strdup_printf ("/%s/published_posts",
                                                 run->account->external_id);
  const char *post_params[] = {
    "fields", "id,message,created_time,updated_time,permalink_url,from",
    "limit", limit,
    run->since > 0 ? "since" : NULL, since,
    NULL
  };
  g_autoptr(GPtrArray) posts = NULL;

  if (!sync_graph_edge (run, "posts", posts_path, post_params, NULL, error))
    return FALSE;
  posts = run_posts (run, error);
  if (posts == NULL)
    return FALSE;
  {
    const char *params[] = {
      "fields", "id,message,created_time,from,parent{id},is_hidden,like_count,permalink_url",
      "filter", "stream",
      "order", "chronological",
      "limit", limit,
      run->since > 0 ? "since" : NULL, comments_since,
      NULL
    };

    return sync_comment_edges (run, posts, params, error);
  }
}

static gboolean
sync_instagram (Run     *run,
                GError **error)
{
  g_autofree char *limit = g_strdup_printf ("%u", run->self->page_size);
  g_autofree char *media_path = g_strdup_printf ("/%s/media", run->account->external_id);
  const char *media_params[] = {
    "fields", "id,caption,timestamp,permalink,username,owner{id}",
    "limit", limit,
    NULL
  };
  g_autoptr(GPtrArray) media = NULL;

  if (!sync_graph_edge (run, "media", media_path, media_params, NULL, error))
    return FALSE;
  media = run_posts (run, error);
  if (media == NULL)
    return FALSE;
  {
    const char *params[] = {
      "fields", "id,text,timestamp,username,hidden,like_count,from{id,username},"
                "replies{id,text,timestamp,username,hidden,like_count,from{id,username}}",
      "limit", limit,
      NULL
    };

    return sync_comment_edges (run, media, params, error);
  }
}

/* Is every thread of a YouTube page (newest first) older than @since? */
static gboolean
youtube_page_is_old (JsonNode *page,
                     gint64    since)
{
  JsonArray *items = json_object_get_array_member (json_node_get_object (page), "items");

  if (since <= 0 || json_array_get_length (items) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *snippet, *top, *top_snippet;
      const char *updated;
      g_autoptr(GDateTime) dt = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (snippet = object_member (json_node_get_object (node),
                                                                 "snippet", NULL)) == NULL ||
          (top = object_member (snippet, "topLevelComment",
                                                             NULL)) == NULL ||
          (top_snippet = object_member (top, "snippet",
                                                                     NULL)) == NULL)
        return FALSE;
      updated = json_object_get_string_member_with_default (top_snippet, "updatedAt", NULL);
      if (updated == NULL)
        updated = json_object_get_string_member_with_default (top_snippet, "publishedAt", NULL);
      dt = updated ? g_date_time_new_from_iso8601 (updated, NULL) : NULL;
      if (dt == NULL || g_date_time_to_unix (dt) >= since)
        return FALSE;
    }
  return TRUE;
}

/* The replies of a thread that did not all come with it, from
 * comments.list?parentId=, each page stored with its cursor */
static gboolean
sync_youtube_replies (Run         *run,
                      const char  *thread_id,
                      const char  *video_id,
                      GError     **error)
{
  g_autofree char *limit = g_strdup_printf ("%u", run->self->page_size);
  g_autofree char *key = g_strconcat ("replies:", thread_id, NULL);
  g_autofree char *cursor = vigie_account_get_cursor (run->store, run->account->id, key, error);

  if (cursor != NULL && g_str_equal (cursor, CURSOR_DONE))
    return TRUE;
  for (;;)
    {
      const char *params[] = {
        "part", "snippet",
        "parentId", thread_id,
        "maxResults", limit,
        "textFormat", "plainText",
        cursor ? "pageToken" : NULL, cursor,
        NULL
      };
      g_autoptr(JsonNode) page = vigie_http_call (run->http, "GET", "/comments", params, NULL,
                                                  run->cancellable, error);
      const char *next = NULL;

      if (page == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_OBJECT (page))
        next = json_object_get_string_member_with_default (json_node_get_object (page),
                                                           "nextPageToken", NULL);
      if (!store_page (run, page, video_id, key, next, error))
        return FALSE;
      if (next == NULL)
        return TRUE;
      g_free (cursor);
      cursor = g_strdup (next);
    }
}

/* Threads of @page with more replies than came with them */
static gboolean
sync_youtube_page_replies (Run       *run,
                           JsonNode  *page,
                           GError   **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (page) ? json_node_get_object (page) : NULL;
  JsonNode *items = o ? json_object_get_member (o, "items") : NULL;
  JsonArray *array;

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return TRUE;
  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *thread = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *snippet = object_member (thread, "snippet", NULL);
      JsonObject *replies = object_member (thread, "replies", NULL);
      JsonNode *list = replies ? json_object_get_member (replies, "comments") : NULL;
      const char *id = thread ? json_object_get_string_member_with_default (thread, "id", NULL)
                              : NULL;
      gint64 total = snippet ? json_object_get_int_member_with_default (snippet,
                                                                       "totalReplyCount", 0)
                             : 0;
      gint64 included = list && JSON_NODE_HOLDS_ARRAY (list)
                        ? json_array_get_length (json_node_get_array (list)) : 0;

      if (id == NULL || total <= included)
        continue;
      if (!sync_youtube_replies (run, id,
                                 json_object_get_string_member_with_default (snippet, "videoId",
                                                                             NULL),
                                 error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sync_youtube (Run     *run,
              GError **error)
{
  g_autofree char *limit = g_strdup_printf ("%u", run->self->page_size);
  g_autofree char *cursor = vigie_account_get_cursor (run->store, run->account->id, "threads",
                                                      error);

  if (cursor != NULL && g_str_equal (cursor, CURSOR_DONE))
    return TRUE;
  for (;;)
    {
      const char *params[] = {
        "part", "snippet,replies",
        "allThreadsRelatedToChannelId", run->account->external_id,
        "maxResults", limit,
        "order", "time",
        "textFormat", "plainText",
        cursor ? "pageToken" : NULL, cursor,
        NULL
      };
      g_autoptr(JsonNode) page = vigie_http_call (run->http, "GET", "/commentThreads", params,
                                                  NULL, run->cancellable, error);
      const char *next = NULL;

      if (page == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_OBJECT (page))
        next = json_object_get_string_member_with_default (json_node_get_object (page),
                                                           "nextPageToken", NULL);
      /* The page first, then the replies that did not come with it, then
       * the cursor: a resumed sync reads the page again */
      if (!store_page (run, page, NULL, NULL, NULL, error) ||
          !sync_youtube_page_replies (run, page, error) ||
          !vigie_account_set_cursor (run->store, run->account->id, "threads",
                                     next ? next : CURSOR_DONE, error))
        return FALSE;
      /* Newest first: the rest was read by an earlier sync */
      if (next == NULL || youtube_page_is_old (page, run->since))
        return vigie_account_set_cursor (run->store, run->account->id, "threads", CURSOR_DONE,
                                         error);
      g_free (cursor);
      cursor = g_strdup (next);
    }
}

static gboolean
sync_account (VigieSync      *self,
              VigieStore     *store,
              VigieAccount   *account,
              GCancellable   *cancellable,
              VigieSyncStats *stats,
              GError        **error)
{
  g_autoptr(VigieHttp) http = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 started = account->run_started;
  Run run = { 0 };
  gboolean ok;

  http = vigie_account_create_http (account, cancellable, &local_error);
  if (http == NULL)
    goto failed;
  if (self->http_setup != NULL)
    self->http_setup (http, self->http_setup_data);

  /* An interrupted sync resumes with the same starting point, so what
   * changed meanwhile is read too */
  if (started == 0)
    {
      started = g_get_real_time () / G_USEC_PER_SEC;
      if (!vigie_account_set_sync_times (store, account->id, account->last_sync, started,
                                         &local_error))
        goto failed;
    }

  run.self = self;
  run.store = store;
  run.account = account;
  run.http = http;
  run.cancellable = cancellable;
  run.stats = stats;
  run.since = account->last_sync > 0 ? account->last_sync - OVERLAP_S : 0;
  vigie_http_set_throttled_func (http, throttled_cb, &run);

  switch (account->platform)
    {
    case VIGIE_PLATFORM_FACEBOOK:
      ok = sync_facebook (&run, &local_error);
      break;
    case VIGIE_PLATFORM_INSTAGRAM:
      ok = sync_instagram (&run, &local_error);
      break;
    case VIGIE_PLATFORM_YOUTUBE:
      ok = sync_youtube (&run, &local_error);
      break;
    case VIGIE_PLATFORM_UNKNOWN:
    default:
      ok = FALSE;
      g_set_error (&local_error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_UNSUPPORTED, "%s",
                   _("The account’s platform is unknown"));
      break;
    }
  stats->n_requests += vigie_http_get_n_requests (http);
  vigie_http_set_throttled_func (http, NULL, NULL);
  if (!ok)
    goto failed;

  if (!vigie_account_clear_cursors (store, account->id, &local_error) ||
      !vigie_account_set_sync_times (store, account->id, started, 0, &local_error) ||
      !vigie_account_set_status (store, account->id, VIGIE_ACCOUNT_STATUS_OK, NULL,
                                 &local_error))
    goto failed;
  emit (self, SIGNAL_ACCOUNT_FINISHED, account->id, 0, 0, NULL);
  return TRUE;

failed:
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      VigieAccountStatus status = VIGIE_ACCOUNT_STATUS_ERROR;

      if (g_error_matches (local_error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH))
        status = VIGIE_ACCOUNT_STATUS_NEEDS_RECONNECT;
      else if (g_error_matches (local_error, VIGIE_CONNECTOR_ERROR,
                                VIGIE_CONNECTOR_ERROR_RATE_LIMITED))
        status = VIGIE_ACCOUNT_STATUS_THROTTLED;
      vigie_account_set_status (store, account->id, status, local_error->message, NULL);
    }
  emit (self, SIGNAL_ACCOUNT_FINISHED, account->id, 0, 0, local_error->message);
  g_prefix_error (&local_error, "%s “%s”: ", vigie_platform_get_display_name (account->platform),
                  account->name ? account->name : account->external_id);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
run_in_store (VigieSync       *self,
              VigieStore      *store,
              gint64           account_id,
              GCancellable    *cancellable,
              VigieSyncStats  *out_stats,
              GError         **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) first_error = NULL;
  VigieSyncStats stats = { 0 };

  if (account_id != 0)
    {
      VigieAccount *a = vigie_account_get (store, account_id, VIGIE_PLATFORM_UNKNOWN, NULL,
                                           error);
      if (a == NULL)
        return FALSE;
      accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_account_free);
      g_ptr_array_add (accounts, a);
    }
  else if ((accounts = vigie_account_list (store, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < accounts->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      stats.n_accounts++;
      if (!sync_account (self, store, g_ptr_array_index (accounts, i), cancellable, &stats,
                         &local_error))
        {
          stats.n_failed++;
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }
  if (out_stats != NULL)
    *out_stats = stats;
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
vigie_sync_run (VigieSync       *self,
                gint64           account_id,
                GCancellable    *cancellable,
                VigieSyncStats  *out_stats,
                GError         **error)
{
  g_return_val_if_fail (VIGIE_IS_SYNC (self), FALSE);
  return run_in_store (self, self->store, account_id, cancellable, out_stats, error);
}

typedef struct
{
  gint64         account_id;
  VigieSyncStats stats;
} AsyncData;

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  VigieSync *self = source;
  AsyncData *d = task_data;
  g_autoptr(VigieStore) store = NULL;
  GError *error = NULL;

  store = vigie_store_open_connection (self->store, &error);
  if (store == NULL || !run_in_store (self, store, d->account_id, cancellable, &d->stats, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
vigie_sync_run_async (VigieSync           *self,
                      gint64               account_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  AsyncData *d = g_new0 (AsyncData, 1);

  g_return_if_fail (VIGIE_IS_SYNC (self));

  d->account_id = account_id;
  g_clear_pointer (&self->signal_context, g_main_context_unref);
  self->signal_context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, vigie_sync_run_async);
  g_task_set_task_data (task, d, g_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
vigie_sync_run_finish (VigieSync       *self,
                       GAsyncResult    *result,
                       VigieSyncStats  *out_stats,
                       GError         **error)
{
  AsyncData *d;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  d = g_task_get_task_data (G_TASK (result));
  if (out_stats != NULL)
    *out_stats = d->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}
