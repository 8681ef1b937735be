/* vigie-queue-model.c — the comments of a query, as a list model that pages
 * from the store
 *
 * The model holds only the row ids of the matching comments (8 bytes each,
 * read in a worker thread with its own connection). Items are made on
 * demand, a chunk of rows at a time, for the positions GTK asks for, and at
 * most VIGIE_QUEUE_MODEL_CACHE_SIZE of them are kept: a million-comment
 * workspace costs 8 MB of ids, not a million GObjects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-queue-model"

#include "config.h"

#include "vigie-queue-model.h"
#include "vigie-queue-model-private.h"

#include "vigie-comment-item.h"
#include "vigie-format.h"

#define POST_EXCERPT_CHARS 80
#define POST_CACHE_SIZE    1024

typedef struct
{
  guint             position;
  VigieCommentItem *item;
} CacheEntry;

struct _VigieQueueModel
{
  GObject       parent_instance;

  /* Owned */
  VigieStore   *store;
  GArray       *ids;            /* gint64 row ids, in queue order */
  GHashTable   *cache;          /* position → GList link in @lru */
  GQueue        lru;            /* CacheEntry, most recently used first */
  GHashTable   *post_excerpts;  /* post row id → excerpt */
  VigiePolicy  *policy;         /* names the categories of the flags */
  GCancellable *cancellable;
  GError       *error;

  /* The query and the strings it points to */
  VigieQuery    query;
  char         *search;

  guint         generation;
  guint         loading : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieQueueModel, vigie_queue_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->item);
  g_free (entry);
}

static void
clear_cache (VigieQueueModel *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, cache_entry_free);
}

static void
evict (VigieQueueModel *self)
{
  while (self->lru.length > VIGIE_QUEUE_MODEL_CACHE_SIZE)
    {
      CacheEntry *entry = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->cache, GUINT_TO_POINTER (entry->position));
      cache_entry_free (entry);
    }
}

static const char *
lookup_post_excerpt (VigieQueueModel *self,
                     gint64           post_id)
{
  g_autoptr(VigiePost) post = NULL;
  const char *excerpt;

  if (post_id <= 0)
    return NULL;
  if (g_hash_table_lookup_extended (self->post_excerpts, &post_id, NULL, (gpointer *) &excerpt))
    return excerpt;

  /* Posts are few next to comments, but a workspace can hold many: keep
   * the cache bounded as well */
  if (g_hash_table_size (self->post_excerpts) >= POST_CACHE_SIZE)
    g_hash_table_remove_all (self->post_excerpts);

  post = vigie_store_get_post (self->store, post_id, NULL);
  if (post != NULL && post->text != NULL && post->text[0] != '\0')
    {
      gint64 *key = g_memdup2 (&post_id, sizeof post_id);
      char *value = vigie_format_excerpt (post->text, POST_EXCERPT_CHARS);

      g_hash_table_insert (self->post_excerpts, key, value);
      return value;
    }
  g_hash_table_insert (self->post_excerpts, g_memdup2 (&post_id, sizeof post_id), NULL);
  return NULL;
}

/* Reads the chunk that holds @position and caches the items of the rows
 * that are not cached yet. */
static void
fetch_chunk (VigieQueueModel *self,
             guint            position)
{
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  guint start = position - position % VIGIE_QUEUE_MODEL_CHUNK_SIZE;
  guint end = MIN (start + VIGIE_QUEUE_MODEL_CHUNK_SIZE, self->ids->len);
  guint j = 0;

  comments = vigie_store_get_comments (self->store,
                                       &g_array_index (self->ids, gint64, start),
                                       end - start, &error);
  if (comments == NULL)
    {
      g_debug ("Cannot read comments %u to %u: %s", start, end, error->message);
      comments = g_ptr_array_new ();
    }

  /* Comments deleted since the ids were read are skipped by the store:
   * walk both lists in step and give those positions an empty comment, a
   * list model has an item at every position */
  for (guint pos = start; pos < end; pos++)
    {
      gint64 id = g_array_index (self->ids, gint64, pos);
      g_autoptr(VigieComment) comment = NULL;
      CacheEntry *entry;

      if (j < comments->len && ((VigieComment *) g_ptr_array_index (comments, j))->id == id)
        comment = vigie_comment_ref (g_ptr_array_index (comments, j++));
      else
        {
          comment = vigie_comment_new ();
          comment->id = id;
          comment->text = g_strdup ("");
        }

      if (g_hash_table_contains (self->cache, GUINT_TO_POINTER (pos)))
        continue;

      entry = g_new0 (CacheEntry, 1);
      entry->position = pos;
      entry->item = vigie_comment_item_new (comment, lookup_post_excerpt (self, comment->post_id));
      if (comment->id > 0)
        {
          g_autoptr(VigieClassification) classification = NULL;

          classification = vigie_store_get_classification (self->store, comment->id, NULL);
          vigie_comment_item_set_classification (entry->item, classification, self->policy);
        }
      g_queue_push_head (&self->lru, entry);
      g_hash_table_insert (self->cache, GUINT_TO_POINTER (pos), self->lru.head);
    }
}

static GType
vigie_queue_model_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_COMMENT_ITEM;
}

static guint
vigie_queue_model_get_n_items (GListModel *model)
{
  VigieQueueModel *self = VIGIE_QUEUE_MODEL (model);

  return self->ids->len;
}

static gpointer
vigie_queue_model_get_item (GListModel *model,
                            guint       position)
{
  VigieQueueModel *self = VIGIE_QUEUE_MODEL (model);
  GList *link;
  CacheEntry *entry;
  VigieCommentItem *item;

  if (position >= self->ids->len)
    return NULL;

  link = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position));
  if (link == NULL)
    {
      fetch_chunk (self, position);
      link = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position));
      g_assert (link != NULL);
    }

  entry = link->data;
  item = g_object_ref (entry->item);
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  evict (self);
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_queue_model_get_item_type;
  iface->get_n_items = vigie_queue_model_get_n_items;
  iface->get_item = vigie_queue_model_get_item;
}

/* Loading */

typedef struct
{
  char       *path;
  VigieQuery  query;
  char       *search;
  guint       generation;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->path);
  g_free (load->search);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  /* Connections are not shared between threads */
  store = vigie_store_open (load->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ids = vigie_store_query_ids (store, &load->query, cancellable, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
set_loading (VigieQueueModel *self,
             gboolean         loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VigieQueueModel *self = VIGIE_QUEUE_MODEL (object);
  LoadData *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint old_n, new_n;

  ids = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer query replaced this one, or the model is being disposed */
  if (load->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  if (ids == NULL)
    {
      g_debug ("Cannot load the queue: %s", error->message);
      self->error = g_steal_pointer (&error);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  old_n = self->ids->len;
  new_n = ids->len;
  clear_cache (self);
  g_hash_table_remove_all (self->post_excerpts);

  /* Still "loading" while the items change, so that a selection dropped
   * by the change can be told from one the person cleared.
   *
   * Removed, then added, in two steps: told that N items replace M,
   * GtkListView looks for its rows' items among the N new ones to keep
   * their widgets, and that walks the whole list (seconds for a million
   * comments). Nothing to look for, nothing to walk. */
  g_array_set_size (self->ids, 0);
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  if (new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
  set_loading (self, FALSE);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
start_load (VigieQueueModel *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  load = g_new0 (LoadData, 1);
  load->path = g_strdup (vigie_store_get_path (self->store));
  load->query = self->query;
  load->search = g_strdup (self->search);
  load->query.search = load->search;
  load->generation = ++self->generation;

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);

  set_loading (self, TRUE);
}

/* GObject */

static void
vigie_queue_model_dispose (GObject *object)
{
  VigieQueueModel *self = VIGIE_QUEUE_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_cache (self);
  g_clear_object (&self->store);
  g_clear_object (&self->policy);

  G_OBJECT_CLASS (vigie_queue_model_parent_class)->dispose (object);
}

static void
vigie_queue_model_finalize (GObject *object)
{
  VigieQueueModel *self = VIGIE_QUEUE_MODEL (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->post_excerpts, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (vigie_queue_model_parent_class)->finalize (object);
}

static void
vigie_queue_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VigieQueueModel *self = VIGIE_QUEUE_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_queue_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VigieQueueModel *self = VIGIE_QUEUE_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_queue_model_class_init (VigieQueueModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_queue_model_dispose;
  object_class->finalize = vigie_queue_model_finalize;
  object_class->get_property = vigie_queue_model_get_property;
  object_class->set_property = vigie_queue_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         VIGIE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieQueueModel::loaded:
   *
   * The ids of the current query are there (or the load failed, see
   * vigie_queue_model_get_error()).
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
vigie_queue_model_init (VigieQueueModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new (NULL, NULL);
  self->post_excerpts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_queue_init (&self->lru);
}

VigieQueueModel *
vigie_queue_model_new (VigieStore *store)
{
  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  return g_object_new (VIGIE_TYPE_QUEUE_MODEL,
                       "store", store,
                       NULL);
}

VigieStore *
vigie_queue_model_get_store (VigieQueueModel *self)
{
  g_return_val_if_fail (VIGIE_IS_QUEUE_MODEL (self), NULL);

  return self->store;
}

void
vigie_queue_model_set_query (VigieQueueModel  *self,
                             const VigieQuery *query)
{
  g_return_if_fail (VIGIE_IS_QUEUE_MODEL (self));
  g_return_if_fail (query != NULL);

  g_free (self->search);
  self->search = NULL;
  if (query->search != NULL && query->search[0] != '\0')
    self->search = g_strdup (query->search);
  self->query = *query;
  self->query.search = self->search;

  start_load (self);
}

const VigieQuery *
vigie_queue_model_get_query (VigieQueueModel *self)
{
  g_return_val_if_fail (VIGIE_IS_QUEUE_MODEL (self), NULL);

  return &self->query;
}

void
vigie_queue_model_set_policy (VigieQueueModel *self,
                              VigiePolicy     *policy)
{
  g_return_if_fail (VIGIE_IS_QUEUE_MODEL (self));
  g_return_if_fail (policy == NULL || VIGIE_IS_POLICY (policy));

  g_set_object (&self->policy, policy);
}

void
vigie_queue_model_reload (VigieQueueModel *self)
{
  g_return_if_fail (VIGIE_IS_QUEUE_MODEL (self));

  start_load (self);
}

gboolean
vigie_queue_model_get_loading (VigieQueueModel *self)
{
  g_return_val_if_fail (VIGIE_IS_QUEUE_MODEL (self), FALSE);

  return self->loading;
}

const GError *
vigie_queue_model_get_error (VigieQueueModel *self)
{
  g_return_val_if_fail (VIGIE_IS_QUEUE_MODEL (self), NULL);

  return self->error;
}

gint64
vigie_queue_model_get_id (VigieQueueModel *self,
                          guint            position)
{
  g_return_val_if_fail (VIGIE_IS_QUEUE_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

guint
vigie_queue_model_find (VigieQueueModel *self,
                        gint64           id)
{
  const gint64 *ids;

  g_return_val_if_fail (VIGIE_IS_QUEUE_MODEL (self), G_MAXUINT);

  ids = (const gint64 *) (gpointer) self->ids->data;
  for (guint i = 0; i < self->ids->len; i++)
    if (ids[i] == id)
      return i;
  return G_MAXUINT;
}

guint
_vigie_queue_model_get_n_cached (VigieQueueModel *self)
{
  g_return_val_if_fail (VIGIE_IS_QUEUE_MODEL (self), 0);

  return g_hash_table_size (self->cache);
}
