/* vigie-classify-task.c — classifies a workspace in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-classify-task"

#include "config.h"

#include "vigie-classify-task.h"

/* Near-duplicates are found within a window: as vigie-scan does */
#define CLASSIFY_WINDOW 4096

typedef struct
{
  char                      *path;
  VigieClassifier           *classifier;
  gboolean                   only_missing;
  VigieClassifyProgressFunc  progress;
  gpointer                   progress_data;
  guint64                    n_classified;
} ClassifyData;

static void
classify_data_free (gpointer data)
{
  ClassifyData *cd = data;

  g_free (cd->path);
  g_clear_object (&cd->classifier);
  g_free (cd);
}

static gboolean
classify_window (VigieStore       *store,
                 ClassifyData     *cd,
                 const gint64     *ids,
                 guint             n_ids,
                 GHashTable       *posts,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_autoptr(GPtrArray) comments = vigie_store_get_comments (store, ids, n_ids, error);
  g_autoptr(GPtrArray) results = NULL;

  if (comments == NULL)
    return FALSE;

  if (cd->only_missing)
    {
      for (guint i = comments->len; i > 0; i--)
        {
          VigieComment *comment = g_ptr_array_index (comments, i - 1);
          g_autoptr(VigieClassification) old = NULL;

          old = vigie_store_get_classification (store, comment->id, NULL);
          if (old != NULL)
            g_ptr_array_remove_index (comments, i - 1);
        }
    }
  if (comments->len == 0)
    return TRUE;

  results = vigie_classifier_classify_comments (cd->classifier, comments, posts, cancellable,
                                                error);
  if (results == NULL ||
      !vigie_store_save_classifications (store, comments, results, error))
    return FALSE;
  cd->n_classified += comments->len;
  return TRUE;
}

static void
classify_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ClassifyData *cd = task_data;
  VigieQuery query = { .sort = VIGIE_SORT_OLDEST };
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(GHashTable) posts = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  /* Connections are not shared between threads */
  store = vigie_store_open (cd->path, &error);
  if (store == NULL ||
      (ids = vigie_store_query_ids (store, &query, cancellable, &error)) == NULL ||
      (posts = vigie_store_map_posts (store, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < ids->len; i += CLASSIFY_WINDOW)
    {
      guint n = MIN (CLASSIFY_WINDOW, ids->len - i);

      if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
          !classify_window (store, cd, &g_array_index (ids, gint64, i), n, posts,
                            cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (cd->progress != NULL)
        cd->progress (i + n, ids->len, cd->progress_data);
    }

  g_task_return_boolean (task, TRUE);
}

void
vigie_classify_workspace_async (VigieStore                *store,
                                VigieClassifier           *classifier,
                                gboolean                   only_missing,
                                GCancellable              *cancellable,
                                VigieClassifyProgressFunc  progress,
                                gpointer                   progress_data,
                                GAsyncReadyCallback        callback,
                                gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  ClassifyData *cd;

  g_return_if_fail (VIGIE_IS_STORE (store));
  g_return_if_fail (VIGIE_IS_CLASSIFIER (classifier));

  cd = g_new0 (ClassifyData, 1);
  cd->path = g_strdup (vigie_store_get_path (store));
  cd->classifier = g_object_ref (classifier);
  cd->only_missing = only_missing;
  cd->progress = progress;
  cd->progress_data = progress_data;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_classify_workspace_async);
  g_task_set_task_data (task, cd, classify_data_free);
  g_task_run_in_thread (task, classify_thread);
}

gboolean
vigie_classify_workspace_finish (VigieStore    *store,
                                 GAsyncResult  *result,
                                 guint64       *out_n_classified,
                                 GError       **error)
{
  ClassifyData *cd;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  cd = g_task_get_task_data (G_TASK (result));
  if (out_n_classified != NULL)
    *out_n_classified = cd->n_classified;
  return g_task_propagate_boolean (G_TASK (result), error);
}

VigieClassifier *
vigie_classifier_new_for_store (VigieStore  *store,
                                GError     **error)
{
  g_autoptr(VigiePolicy) policy = vigie_policy_new_default (error);
  g_autoptr(VigieClassifierSettings) settings = NULL;
  g_autofree char *json = NULL;

  if (policy == NULL)
    return NULL;
  json = vigie_store_get_setting (store, "classifier.settings");
  if (json != NULL && json[0] != '\0')
    settings = vigie_classifier_settings_new_from_json (json, error);
  else
    settings = vigie_classifier_settings_new ();
  if (settings == NULL)
    return NULL;
  return vigie_classifier_new (policy, settings, error);
}
