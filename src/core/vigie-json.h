/* vigie-json.h — a small, fast JSON reader over a memory buffer
 *
 * The importers read files of hundreds of megabytes and must refuse hostile
 * input (a 200 MB string, 100 000 nested brackets) without running out of
 * memory or stack. This reader:
 *
 *  - scans a whole document once, validating syntax and UTF-8 and recording
 *    which paths exist ("data[].comments.data[].message"), without
 *    allocating (vigie_json_scan);
 *  - then streams the elements of one list ("data", "items"...) as small
 *    trees allocated in an arena that is reset between elements
 *    (vigie_json_reader_foreach), or reads a whole value as a tree.
 *
 * Strings without escapes point into the input; nothing is copied.
 * Errors are VIGIE_IMPORT_ERROR errors naming the file, line and column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VIGIE_JSON_NULL,
  VIGIE_JSON_FALSE,
  VIGIE_JSON_TRUE,
  VIGIE_JSON_NUMBER,
  VIGIE_JSON_STRING,
  VIGIE_JSON_ARRAY,
  VIGIE_JSON_OBJECT,
} VigieJsonType;

typedef struct _VigieJsonNode VigieJsonNode;

struct _VigieJsonNode
{
  VigieJsonType  type;
  guint32        len;     /* STRING, NUMBER: bytes; ARRAY: elements; OBJECT: members */
  gsize          offset;  /* where the value starts in the input */
  union
  {
    const char    *str;   /* STRING: decoded UTF-8, not NUL-terminated; NUMBER: as written */
    VigieJsonNode *items; /* ARRAY: @len nodes; OBJECT: 2 × @len nodes, name then value */
  } u;
};

/* Memory for trees, freed all at once */
typedef struct _VigieJsonArena VigieJsonArena;

VigieJsonArena *vigie_json_arena_new   (void);
void            vigie_json_arena_free  (VigieJsonArena *arena);
/* Forgets every tree allocated so far; keeps the memory for the next ones */
void            vigie_json_arena_reset (VigieJsonArena *arena);
gpointer        vigie_json_arena_alloc (VigieJsonArena *arena,
                                        gsize           size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieJsonArena, vigie_json_arena_free)

/* What a scan saw: the paths present and their types, and the first string
 * found at a few paths asked for beforehand. Paths are member names joined
 * by ".", with "[]" for the elements of an array: "" is the root,
 * "[].string_map_data" a member of the root array's elements,
 * "data[].comments.data[].message" a comment's text in a feed page. Only the
 * first levels are recorded (VIGIE_JSON_SHAPE_MAX_LEVEL). */
typedef struct _VigieJsonShape VigieJsonShape;

#define VIGIE_JSON_SHAPE_MAX_LEVEL 8

VigieJsonShape *vigie_json_shape_new        (void);
void            vigie_json_shape_free       (VigieJsonShape *shape);
/* Remember the first string at @path (up to 1 KB of it) */
void            vigie_json_shape_want       (VigieJsonShape *shape,
                                             const char     *path);
const char     *vigie_json_shape_get_string (const VigieJsonShape *shape,
                                             const char           *path);
/* The types seen at @path, as a mask of 1 << VigieJsonType; 0 if never seen */
guint           vigie_json_shape_get_types  (const VigieJsonShape *shape,
                                             const char           *path);
gboolean        vigie_json_shape_has        (const VigieJsonShape *shape,
                                             const char           *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieJsonShape, vigie_json_shape_free)

typedef struct
{
  /*< private >*/
  const char *display_name;
  const char *data;
  gsize       length;
  gsize       pos;
  GArray     *stack;      /* VigieJsonNode: members of the containers being built */
} VigieJsonReader;

/* @display_name names the file in error messages. A UTF-8 byte-order mark
 * at the start is skipped. */
void     vigie_json_reader_init    (VigieJsonReader  *reader,
                                    const char       *display_name,
                                    const char       *data,
                                    gsize             length);
void     vigie_json_reader_clear   (VigieJsonReader  *reader);

/* Validates the whole document, recording its paths in @shape (may be NULL) */
gboolean vigie_json_scan           (VigieJsonReader  *reader,
                                    VigieJsonShape   *shape,
                                    GError          **error);

/* Reads the whole document as one tree in @arena */
gboolean vigie_json_reader_read    (VigieJsonReader  *reader,
                                    VigieJsonArena   *arena,
                                    VigieJsonNode    *out_root,
                                    GError          **error);

typedef gboolean (*VigieJsonElementFunc) (const VigieJsonNode  *element,
                                          gpointer              user_data,
                                          GError              **error);

/* Streams a list: with @key NULL the root must be an array and @func gets
 * each of its elements; otherwise the root must be an object, and @func gets
 * each element of its array member(s) named @key (other members are
 * skipped, but validated). @arena is reset before each element. */
gboolean vigie_json_reader_foreach (VigieJsonReader       *reader,
                                    VigieJsonArena        *arena,
                                    const char            *key,
                                    VigieJsonElementFunc   func,
                                    gpointer               user_data,
                                    GError               **error);

/* Line and column (in characters), from 1, of byte @offset of @data */
void     vigie_json_locate         (const char  *data,
                                    gsize        length,
                                    gsize        offset,
                                    guint       *out_line,
                                    guint       *out_column);

/* Trees */
const VigieJsonNode *vigie_json_object_get     (const VigieJsonNode *object,
                                                const char          *name);
gboolean             vigie_json_node_equal     (const VigieJsonNode *node,
                                                const char          *str);
/* A NUL-terminated copy of a string; NULL for any other type */
char                *vigie_json_node_dup       (const VigieJsonNode *node);
/* An integer from a number or a string of digits; FALSE otherwise */
gboolean             vigie_json_node_get_int64 (const VigieJsonNode *node,
                                                gint64              *out_value);

G_END_DECLS
