/* vigie-import-private.h — shared by the importers, for the core and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-import.h"
#include "vigie-json.h"

G_BEGIN_DECLS

/* One file being parsed */
typedef struct
{
  const char            *display_name;
  const char            *data;
  gsize                  length;
  const VigieImportSink *sink;
  gpointer               user_data;
} VigieImportContext;

/* Hands a record to the sink */
gboolean _vigie_import_emit_post    (VigieImportContext        *ctx,
                                     const VigiePostRecord     *post,
                                     GError                   **error);
gboolean _vigie_import_emit_comment (VigieImportContext        *ctx,
                                     const VigieCommentRecord  *comment,
                                     GError                   **error);

/* "feed.json, line 3, column 17: …" for the value at byte @offset */
gboolean _vigie_import_error_at     (VigieImportContext  *ctx,
                                     GError             **error,
                                     VigieImportError     code,
                                     gsize                offset,
                                     const char          *format,
                                     ...) G_GNUC_PRINTF (5, 6);

/* Members of a JSON object, checked: an absent member or null leaves the
 * output alone (strings: NULL) and returns TRUE; a member of another type is
 * a SHAPE error at its place. */
gboolean _vigie_import_get_string   (VigieImportContext   *ctx,
                                     const VigieJsonNode  *object,
                                     const char           *name,
                                     char                **out,
                                     GError              **error);
gboolean _vigie_import_get_int      (VigieImportContext   *ctx,
                                     const VigieJsonNode  *object,
                                     const char           *name,
                                     gint64               *out,
                                     GError              **error);
gboolean _vigie_import_get_bool     (VigieImportContext   *ctx,
                                     const VigieJsonNode  *object,
                                     const char           *name,
                                     gboolean             *out,
                                     GError              **error);
/* An ISO 8601 string or a Unix time in seconds */
gboolean _vigie_import_get_time     (VigieImportContext   *ctx,
                                     const VigieJsonNode  *object,
                                     const char           *name,
                                     gint64               *out,
                                     GError              **error);
/* An object member (NULL when absent or null); other types are SHAPE errors */
gboolean _vigie_import_get_object   (VigieImportContext   *ctx,
                                     const VigieJsonNode  *object,
                                     const char           *name,
                                     const VigieJsonNode **out,
                                     GError              **error);
gboolean _vigie_import_get_array    (VigieImportContext   *ctx,
                                     const VigieJsonNode  *object,
                                     const char           *name,
                                     const VigieJsonNode **out,
                                     GError              **error);
/* A SHAPE error unless @node is an object; @what is untranslated (N_()),
 * translated only when the error is raised */
gboolean _vigie_import_expect_object (VigieImportContext   *ctx,
                                      const VigieJsonNode  *node,
                                      const char           *what,
                                      GError              **error);

/* Facebook and Instagram "Download your information" files write each UTF-8
 * byte of a text as its own "\u00XX" escape. Returns the repaired text, or
 * a copy of @text when it is not such mojibake. */
char    *_vigie_import_repair_mojibake (const char *text,
                                        gssize      length);

/* A stable id for a record whose source has none: @prefix followed by a
 * hash of the parts (NULL parts count as empty). */
char    *_vigie_import_make_id      (const char          *prefix,
                                     const char * const  *parts,
                                     guint                n_parts);

/* Detection */
VigieFormat _vigie_import_classify_json (const VigieJsonShape *shape);
gboolean    _vigie_import_csv_detect    (const char           *data,
                                         gsize                 length);

/* The importers, one per family; the shape is the scan of the whole file */
gboolean _vigie_import_graph        (VigieImportContext    *ctx,
                                     VigieFormat            format,
                                     const VigieJsonShape  *shape,
                                     GError               **error);
gboolean _vigie_import_youtube      (VigieImportContext    *ctx,
                                     const VigieJsonShape  *shape,
                                     GError               **error);
gboolean _vigie_import_export       (VigieImportContext    *ctx,
                                     VigieFormat            format,
                                     const VigieJsonShape  *shape,
                                     GError               **error);
gboolean _vigie_import_csv          (VigieImportContext    *ctx,
                                     GError               **error);

G_END_DECLS
