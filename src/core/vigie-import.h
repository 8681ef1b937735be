/* vigie-import.h — reading comment files into a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-model.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_IMPORT_ERROR (vigie_import_error_quark ())

typedef enum
{
  VIGIE_IMPORT_ERROR_IO,             /* cannot read the file or folder */
  VIGIE_IMPORT_ERROR_EMPTY,          /* empty file */
  VIGIE_IMPORT_ERROR_UNKNOWN_FORMAT, /* not a format Vigie reads (binary, other JSON...) */
  VIGIE_IMPORT_ERROR_ENCODING,       /* invalid UTF-8 */
  VIGIE_IMPORT_ERROR_SYNTAX,         /* malformed JSON or CSV */
  VIGIE_IMPORT_ERROR_SHAPE,          /* valid JSON/CSV but not the expected fields */
  VIGIE_IMPORT_ERROR_TOO_LARGE,      /* a file, field or string over the limits */
  VIGIE_IMPORT_ERROR_TOO_DEEP,       /* JSON nested deeper than the limit */
  VIGIE_IMPORT_ERROR_STORE,          /* the workspace refused the data (disk full...) */
  VIGIE_IMPORT_ERROR_CANCELLED,
} VigieImportError;

GQuark vigie_import_error_quark (void);

typedef enum
{
  VIGIE_FORMAT_UNKNOWN = 0,
  VIGIE_FORMAT_FACEBOOK_GRAPH,       /* /{page}/feed, /{page}/posts, /{post}/comments, one comment */
  VIGIE_FORMAT_INSTAGRAM_GRAPH,      /* /{ig-user}/media, /{media}/comments, one comment */
  VIGIE_FORMAT_YOUTUBE_DATA,         /* commentThreads.list, comments.list, videos.list */
  VIGIE_FORMAT_CSV,                  /* comment-export tools, YouTube Takeout comments.csv */
  VIGIE_FORMAT_FACEBOOK_EXPORT,      /* "Download your information" comments JSON */
  VIGIE_FORMAT_INSTAGRAM_EXPORT,     /* "Download your information" post_comments JSON */
} VigieFormat;

/* Limits: bigger input is refused with VIGIE_IMPORT_ERROR_TOO_LARGE / _TOO_DEEP */
#define VIGIE_IMPORT_MAX_FILE_SIZE   (G_GUINT64_CONSTANT (1) << 30)   /* 1 GiB */
#define VIGIE_IMPORT_MAX_TEXT_SIZE   (1024 * 1024)                     /* one text field, bytes */
#define VIGIE_IMPORT_MAX_DEPTH       64                                /* JSON nesting */

const char  *vigie_format_to_string       (VigieFormat format);  /* stable: "facebook-graph"... */
const char  *vigie_format_get_display_name (VigieFormat format); /* translated */

/* Decides the format from the content only (never the file name). */
VigieFormat  vigie_import_detect          (const char *data,
                                           gsize       length);

/* Where parsed records go. Each callback returns FALSE with @error set to
 * stop the import. */
typedef struct
{
  gboolean (*post)    (gpointer                   user_data,
                       const VigiePostRecord     *post,
                       GError                   **error);
  gboolean (*comment) (gpointer                   user_data,
                       const VigieCommentRecord  *comment,
                       GError                   **error);
} VigieImportSink;

/* Parses one file's content. @display_name names the file in error messages,
 * which also give the place: "line 3, column 17" or "record 12". */
gboolean     vigie_import_parse           (const char            *display_name,
                                           const char            *data,
                                           gsize                  length,
                                           const VigieImportSink *sink,
                                           gpointer               user_data,
                                           VigieFormat           *out_format,
                                           GError               **error);

typedef struct
{
  guint   n_files;
  guint64 n_posts;
  guint64 n_comments;          /* comments read from the files */
  guint64 n_inserted;          /* new in the workspace */
  guint64 n_updated;           /* already there, changed in place */
  guint64 n_unchanged;         /* already there, identical */
} VigieImportStats;

/* Called from the importing thread */
typedef void (*VigieImportProgressFunc) (guint     files_done,
                                         guint     files_total,
                                         guint64   comments_read,
                                         gpointer  user_data);

/* Imports files and folders (a folder's files in name order) as ONE
 * transaction: on any error or cancellation nothing is stored. */
gboolean     vigie_import_files           (VigieStore              *store,
                                           const char * const      *paths,
                                           GCancellable            *cancellable,
                                           VigieImportProgressFunc  progress,
                                           gpointer                 progress_data,
                                           VigieImportStats        *out_stats,
                                           GError                 **error);

/* The same in a worker thread with its own connection to @store's file. */
void         vigie_import_files_async     (VigieStore              *store,
                                           const char * const      *paths,
                                           GCancellable            *cancellable,
                                           VigieImportProgressFunc  progress,
                                           gpointer                 progress_data,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
gboolean     vigie_import_files_finish    (VigieStore              *store,
                                           GAsyncResult            *result,
                                           VigieImportStats        *out_stats,
                                           GError                 **error);

G_END_DECLS
