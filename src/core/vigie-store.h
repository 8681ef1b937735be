/* vigie-store.h — one SQLite file per workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-classifier.h"
#include "vigie-model.h"

G_BEGIN_DECLS

#define VIGIE_STORE_ERROR (vigie_store_error_quark ())

typedef enum
{
  VIGIE_STORE_ERROR_OPEN,        /* cannot open or create the file */
  VIGIE_STORE_ERROR_VERSION,     /* written by a newer Vigie */
  VIGIE_STORE_ERROR_CORRUPT,     /* not a Vigie workspace, or damaged */
  VIGIE_STORE_ERROR_FULL,        /* disk full */
  VIGIE_STORE_ERROR_READ_ONLY,
  VIGIE_STORE_ERROR_BUSY,
  VIGIE_STORE_ERROR_NOT_FOUND,
  VIGIE_STORE_ERROR_INVALID,     /* a record that cannot be stored (missing id...) */
  VIGIE_STORE_ERROR_FAILED,
} VigieStoreError;

GQuark vigie_store_error_quark (void);

#define VIGIE_STORE_SCHEMA_VERSION 6

typedef enum
{
  VIGIE_VIEW_ALL,
  VIGIE_VIEW_NEEDS_ACTION,
  VIGIE_VIEW_HANDLED,
  VIGIE_VIEW_ESCALATED,    /* handled by escalating it to the director */
} VigieView;

typedef enum
{
  VIGIE_SORT_NEWEST,
  VIGIE_SORT_OLDEST,
  VIGIE_SORT_PRIORITY,   /* urgent first, then by severity, then newest */
} VigieSort;

/* A filter over the comments. Zero-initialise, then set what you need. */
typedef struct
{
  VigieView   view;
  gint64      page_id;     /* 0 = any */
  gint64      post_id;     /* 0 = any */
  gint64      author_id;   /* 0 = any */
  const char *search;      /* words to find (case and accents ignored); NULL or "" = none */
  VigieSort   sort;
  const char *category;    /* flagged with this category id (vigie-policy.h); NULL = any */
} VigieQuery;

typedef enum
{
  VIGIE_UPSERT_INSERTED,
  VIGIE_UPSERT_UPDATED,
  VIGIE_UPSERT_UNCHANGED,
} VigieUpsertResult;

#define VIGIE_TYPE_STORE (vigie_store_get_type ())

G_DECLARE_FINAL_TYPE (VigieStore, vigie_store, VIGIE, STORE, GObject)

/* Opens (or creates, mode 0600) the workspace at @path and migrates it to the
 * current schema. */
VigieStore   *vigie_store_open                 (const char   *path,
                                                GError      **error);
/* A second connection to the same file, for another thread. */
VigieStore   *vigie_store_open_connection      (VigieStore   *self,
                                                GError      **error);
const char   *vigie_store_get_path             (VigieStore   *self);
int           vigie_store_get_schema_version   (VigieStore   *self);

/* Writing. Imports run between begin and commit; rollback discards everything
 * since begin. */
gboolean      vigie_store_begin                (VigieStore   *self,
                                                GError      **error);
gboolean      vigie_store_commit               (VigieStore   *self,
                                                GError      **error);
void          vigie_store_rollback             (VigieStore   *self);
gboolean      vigie_store_in_transaction       (VigieStore   *self);

gboolean      vigie_store_upsert_post          (VigieStore              *self,
                                                const VigiePostRecord   *post,
                                                gint64                  *out_id,
                                                GError                 **error);
gboolean      vigie_store_upsert_comment       (VigieStore              *self,
                                                const VigieCommentRecord *comment,
                                                VigieUpsertResult       *out_result,
                                                GError                 **error);
gboolean      vigie_store_set_comment_status   (VigieStore         *self,
                                                gint64              comment_id,
                                                VigieCommentStatus  status,
                                                GError            **error);

/* Workspace settings (name, organisation...) as text */
char         *vigie_store_get_setting          (VigieStore   *self,
                                                const char   *key);
gboolean      vigie_store_set_setting          (VigieStore   *self,
                                                const char   *key,
                                                const char   *value,
                                                GError      **error);

/* Reading */
GArray       *vigie_store_query_ids            (VigieStore        *self,
                                                const VigieQuery  *query,
                                                GCancellable      *cancellable,
                                                GError           **error);
gint64        vigie_store_count                (VigieStore        *self,
                                                const VigieQuery  *query,
                                                GError           **error);
VigieComment *vigie_store_get_comment          (VigieStore   *self,
                                                gint64        id,
                                                GError      **error);
VigieComment *vigie_store_find_comment         (VigieStore    *self,
                                                VigiePlatform  platform,
                                                const char    *external_id,
                                                GError       **error);
/* The comments with these ids, in the same order (ids not found are skipped) */
GPtrArray    *vigie_store_get_comments         (VigieStore   *self,
                                                const gint64 *ids,
                                                guint         n_ids,
                                                GError      **error);
/* The comment's thread: its ancestors from the top-level comment down, the
 * comment itself, then its direct replies, oldest first. */
GPtrArray    *vigie_store_get_thread           (VigieStore   *self,
                                                gint64        comment_id,
                                                GError      **error);
VigiePost    *vigie_store_get_post             (VigieStore   *self,
                                                gint64        id,
                                                GError      **error);
GPtrArray    *vigie_store_list_pages           (VigieStore   *self,
                                                GError      **error);
GPtrArray    *vigie_store_list_posts           (VigieStore   *self,
                                                gint64        page_id,
                                                GError      **error);
/* The posts by row id (gint64* → VigiePost*), as the classifier takes
 * them: those of @comments (VigieComment*), or all of them when @comments
 * is NULL */
GHashTable   *vigie_store_map_posts            (VigieStore   *self,
                                                GPtrArray    *comments,
                                                GError      **error);

/* Classification results (vigie-classifier.h): saving replaces the
 * comment's previous results. Editing a comment's text drops them. */
gboolean             vigie_store_save_classification  (VigieStore                *self,
                                                       gint64                     comment_id,
                                                       const VigieClassification *result,
                                                       GError                   **error);
/* @comments: VigieComment*, @results: VigieClassification*, in the same order */
gboolean             vigie_store_save_classifications (VigieStore                *self,
                                                       GPtrArray                 *comments,
                                                       GPtrArray                 *results,
                                                       GError                   **error);
/* NULL without error when the comment was never classified */
VigieClassification *vigie_store_get_classification   (VigieStore                *self,
                                                       gint64                     comment_id,
                                                       GError                   **error);
/* Interned category id → number of comments (GINT_TO_POINTER) among those
 * @query selects, its category filter aside */
GHashTable          *vigie_store_count_categories     (VigieStore                *self,
                                                       const VigieQuery          *query,
                                                       GError                   **error);

G_END_DECLS
