/* vigie-import.c — reading comment files into a workspace
 *
 * A file is mapped, not read: a hostile 200 MB string is refused after its
 * first megabyte without the rest ever being loaded. Each JSON file is
 * scanned once whole (syntax, UTF-8, limits, and which fields it has, to
 * tell the formats apart), then its list of posts or comments is streamed
 * element by element, so memory stays small whatever the file size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-import"

#include "config.h"

#include "vigie-import.h"
#include "vigie-import-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vigie-csv.h"

G_DEFINE_QUARK (vigie-import-error-quark, vigie_import_error)

const char *
vigie_format_to_string (VigieFormat format)
{
  switch (format)
    {
    case VIGIE_FORMAT_FACEBOOK_GRAPH:
      return "facebook-graph";
    case VIGIE_FORMAT_INSTAGRAM_GRAPH:
      return "instagram-graph";
    case VIGIE_FORMAT_YOUTUBE_DATA:
      return "youtube-data";
    case VIGIE_FORMAT_CSV:
      return "csv";
    case VIGIE_FORMAT_FACEBOOK_EXPORT:
      return "facebook-export";
    case VIGIE_FORMAT_INSTAGRAM_EXPORT:
      return "instagram-export";
    case VIGIE_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}

const char *
vigie_format_get_display_name (VigieFormat format)
{
  switch (format)
    {
    case VIGIE_FORMAT_FACEBOOK_GRAPH:
      return _("Facebook (Graph API)");
    case VIGIE_FORMAT_INSTAGRAM_GRAPH:
      return _("Instagram (Graph API)");
    case VIGIE_FORMAT_YOUTUBE_DATA:
      return _("YouTube (Data API)");
    case VIGIE_FORMAT_CSV:
      return _("CSV export");
    case VIGIE_FORMAT_FACEBOOK_EXPORT:
      return _("Facebook (Download your information)");
    case VIGIE_FORMAT_INSTAGRAM_EXPORT:
      return _("Instagram (Download your information)");
    case VIGIE_FORMAT_UNKNOWN:
    default:
      return _("Unknown format");
    }
}

/* Helpers for the importers */

gboolean
_vigie_import_emit_post (VigieImportContext     *ctx,
                         const VigiePostRecord  *post,
                         GError                **error)
{
  if (ctx->sink == NULL || ctx->sink->post == NULL)
    return TRUE;
  return ctx->sink->post (ctx->user_data, post, error);
}

gboolean
_vigie_import_emit_comment (VigieImportContext        *ctx,
                            const VigieCommentRecord  *comment,
                            GError                   **error)
{
  if (ctx->sink == NULL || ctx->sink->comment == NULL)
    return TRUE;
  return ctx->sink->comment (ctx->user_data, comment, error);
}

gboolean
_vigie_import_error_at (VigieImportContext  *ctx,
                        GError             **error,
                        VigieImportError     code,
                        gsize                offset,
                        const char          *format,
                        ...)
{
  g_autofree char *detail = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  vigie_json_locate (ctx->data, ctx->length, offset, &line, &column);
  g_set_error (error, VIGIE_IMPORT_ERROR, code, _("%s, line %u, column %u: %s"),
               ctx->display_name, line, column, detail);
  return FALSE;
}

static gboolean
wrong_type (VigieImportContext   *ctx,
            const VigieJsonNode  *node,
            const char           *name,
            const char           *expected,
            GError              **error)
{
  /* TRANSLATORS: "“message” should be a text" */
  return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset,
                                 _("“%s” should be %s"), name, expected);
}

gboolean
_vigie_import_get_string (VigieImportContext   *ctx,
                          const VigieJsonNode  *object,
                          const char           *name,
                          char                **out,
                          GError              **error)
{
  const VigieJsonNode *node = vigie_json_object_get (object, name);

  *out = NULL;
  if (node == NULL || node->type == VIGIE_JSON_NULL)
    return TRUE;
  if (node->type == VIGIE_JSON_STRING)
    {
      *out = vigie_json_node_dup (node);
      return TRUE;
    }
  /* Ids written as numbers are still ids */
  if (node->type == VIGIE_JSON_NUMBER)
    {
      *out = g_strndup (node->u.str, node->len);
      return TRUE;
    }
  return wrong_type (ctx, node, name, _("a text"), error);
}

gboolean
_vigie_import_get_int (VigieImportContext   *ctx,
                       const VigieJsonNode  *object,
                       const char           *name,
                       gint64               *out,
                       GError              **error)
{
  const VigieJsonNode *node = vigie_json_object_get (object, name);

  if (node == NULL || node->type == VIGIE_JSON_NULL)
    return TRUE;
  if (!vigie_json_node_get_int64 (node, out))
    return wrong_type (ctx, node, name, _("a whole number"), error);
  return TRUE;
}

gboolean
_vigie_import_get_bool (VigieImportContext   *ctx,
                        const VigieJsonNode  *object,
                        const char           *name,
                        gboolean             *out,
                        GError              **error)
{
  const VigieJsonNode *node = vigie_json_object_get (object, name);

  if (node == NULL || node->type == VIGIE_JSON_NULL)
    return TRUE;
  if (node->type == VIGIE_JSON_TRUE || node->type == VIGIE_JSON_FALSE)
    {
      *out = node->type == VIGIE_JSON_TRUE;
      return TRUE;
    }
  return wrong_type (ctx, node, name, _("true or false"), error);
}

gboolean
_vigie_import_get_time (VigieImportContext   *ctx,
                        const VigieJsonNode  *object,
                        const char           *name,
                        gint64               *out,
                        GError              **error)
{
  const VigieJsonNode *node = vigie_json_object_get (object, name);

  if (node == NULL || node->type == VIGIE_JSON_NULL)
    return TRUE;
  if (node->type == VIGIE_JSON_NUMBER)
    {
      gint64 t;

      if (!vigie_json_node_get_int64 (node, &t) || t < 0)
        return wrong_type (ctx, node, name, _("a date"), error);
      /* Milliseconds, from tools that write JavaScript times */
      if (t > G_GINT64_CONSTANT (100000000000))
        t /= 1000;
      *out = t;
      return TRUE;
    }
  if (node->type == VIGIE_JSON_STRING)
    {
      g_autofree char *text = vigie_json_node_dup (node);

      if (text[0] == '\0')
        return TRUE;
      if (vigie_parse_timestamp (text, out))
        return TRUE;
      /* TRANSLATORS: "“created_time” is not a date: “yesterday”" */
      return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset,
                                     _("“%s” is not a date: “%.40s”"), name, text);
    }
  return wrong_type (ctx, node, name, _("a date"), error);
}

gboolean
_vigie_import_get_object (VigieImportContext   *ctx,
                          const VigieJsonNode  *object,
                          const char           *name,
                          const VigieJsonNode **out,
                          GError              **error)
{
  const VigieJsonNode *node = vigie_json_object_get (object, name);

  *out = NULL;
  if (node == NULL || node->type == VIGIE_JSON_NULL)
    return TRUE;
  if (node->type != VIGIE_JSON_OBJECT)
    return wrong_type (ctx, node, name, _("an object { }"), error);
  *out = node;
  return TRUE;
}

gboolean
_vigie_import_get_array (VigieImportContext   *ctx,
                         const VigieJsonNode  *object,
                         const char           *name,
                         const VigieJsonNode **out,
                         GError              **error)
{
  const VigieJsonNode *node = vigie_json_object_get (object, name);

  *out = NULL;
  if (node == NULL || node->type == VIGIE_JSON_NULL)
    return TRUE;
  if (node->type != VIGIE_JSON_ARRAY)
    return wrong_type (ctx, node, name, _("a list [ ]"), error);
  *out = node;
  return TRUE;
}

gboolean
_vigie_import_expect_object (VigieImportContext   *ctx,
                             const VigieJsonNode  *node,
                             const char           *what,
                             GError              **error)
{
  if (node->type == VIGIE_JSON_OBJECT)
    return TRUE;
  /* TRANSLATORS: "a comment should be an object { }" */
  return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset,
                                 _("%s should be an object { }"), _(what));
}

char *
_vigie_import_repair_mojibake (const char *text,
                               gssize      length)
{
  const guchar *p, *end;
  char *bytes, *o;
  gboolean high = FALSE;

  if (length < 0)
    length = strlen (text);
  p = (const guchar *) text;
  end = p + length;
  bytes = g_malloc (length + 1);
  o = bytes;

  /* Every code point must be ≤ U+00FF (in UTF-8: ASCII, or C2/C3 and one
   * continuation byte); each becomes one byte. */
  while (p < end)
    {
      if (*p < 0x80)
        *o++ = *p++;
      else if ((*p == 0xc2 || *p == 0xc3) && p + 1 < end)
        {
          *o++ = (char) (((p[0] & 0x03) << 6) | (p[1] & 0x3f));
          p += 2;
          high = TRUE;
        }
      else
        goto unchanged;
    }
  *o = '\0';
  /* Bytes that are not UTF-8 were genuine Latin-1 text such as "café" */
  if (!high || !g_utf8_validate (bytes, o - bytes, NULL))
    goto unchanged;
  return bytes;

unchanged:
  g_free (bytes);
  return g_strndup (text, length);
}

char *
_vigie_import_make_id (const char          *prefix,
                       const char * const  *parts,
                       guint                n_parts)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *digest;

  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i] != NULL)
        g_checksum_update (checksum, (const guchar *) parts[i], strlen (parts[i]));
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
    }
  digest = g_checksum_get_string (checksum);
  return g_strdup_printf ("%s%.24s", prefix, digest);
}

/* Detection */

static gboolean
shape_has (const VigieJsonShape *shape,
           const char           *prefix,
           const char           *path)
{
  g_autofree char *full = NULL;

  if (prefix[0] == '\0')
    return vigie_json_shape_has (shape, path);
  full = g_strconcat (prefix, ".", path, NULL);
  return vigie_json_shape_has (shape, full);
}

static guint
count_paths (const VigieJsonShape *shape,
             const char           *prefix,
             const char * const   *paths)
{
  guint n = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    if (shape_has (shape, prefix, paths[i]))
      n++;
  return n;
}

VigieFormat
_vigie_import_classify_json (const VigieJsonShape *shape)
{
  static const char * const facebook[] = {
    "message", "created_time", "from.name", "is_hidden", "permalink_url", "comment_count",
    "can_hide", "parent.id", "story", "full_picture", "status_type", "updated_time",
    "comments.data[].message", "comments.data[].created_time", "comments.data[].from",
    NULL
  };
  static const char * const instagram[] = {
    "text", "timestamp", "username", "hidden", "caption", "media_type", "media_url",
    "permalink", "comments_count", "media_product_type", "parent_id", "media.id",
    "replies.data", "comments.data[].text", "comments.data[].username",
    "comments.data[].timestamp",
    NULL
  };
  guint root = vigie_json_shape_get_types (shape, "");
  const char *prefix;
  const char *kind;
  guint fb, ig;

  if (root & (1u << VIGIE_JSON_OBJECT))
    {
      kind = vigie_json_shape_get_string (shape, "kind");
      if (kind != NULL && g_str_has_prefix (kind, "youtube#"))
        return VIGIE_FORMAT_YOUTUBE_DATA;
      if (vigie_json_shape_has (shape, "items[].snippet.topLevelComment") ||
          vigie_json_shape_has (shape, "items[].snippet.textOriginal") ||
          vigie_json_shape_has (shape, "items[].snippet.textDisplay") ||
          vigie_json_shape_has (shape, "snippet.topLevelComment") ||
          vigie_json_shape_has (shape, "snippet.textOriginal") ||
          vigie_json_shape_has (shape, "snippet.textDisplay") ||
          (vigie_json_shape_has (shape, "items[].snippet.title") &&
           vigie_json_shape_has (shape, "items[].snippet.channelId")))
        return VIGIE_FORMAT_YOUTUBE_DATA;

      if (vigie_json_shape_get_types (shape, "comments_v2") & (1u << VIGIE_JSON_ARRAY) ||
          vigie_json_shape_get_types (shape, "group_comments_v2") & (1u << VIGIE_JSON_ARRAY))
        return VIGIE_FORMAT_FACEBOOK_EXPORT;
      if ((vigie_json_shape_get_types (shape, "comments") & (1u << VIGIE_JSON_ARRAY)) &&
          (vigie_json_shape_has (shape, "comments[].data[].comment") ||
           vigie_json_shape_has (shape, "comments[].title")))
        return VIGIE_FORMAT_FACEBOOK_EXPORT;

      if ((vigie_json_shape_get_types (shape, "comments_media_comments") |
           vigie_json_shape_get_types (shape, "comments_reels_comments")) &
          (1u << VIGIE_JSON_ARRAY))
        return VIGIE_FORMAT_INSTAGRAM_EXPORT;

      if (vigie_json_shape_get_types (shape, "data") & (1u << VIGIE_JSON_ARRAY))
        {
          /* An empty page (the last one of a list can be) is a Graph page */
          if (!vigie_json_shape_has (shape, "data[]"))
            return vigie_json_shape_has (shape, "paging") ? VIGIE_FORMAT_FACEBOOK_GRAPH
                                                          : VIGIE_FORMAT_UNKNOWN;
          prefix = "data[]";
        }
      else
        prefix = "";
    }
  else if (root & (1u << VIGIE_JSON_ARRAY))
    {
      if (vigie_json_shape_has (shape, "[].string_map_data") ||
          vigie_json_shape_has (shape, "[].string_list_data"))
        return VIGIE_FORMAT_INSTAGRAM_EXPORT;
      prefix = "[]";
    }
  else
    return VIGIE_FORMAT_UNKNOWN;

  /* Graph API objects: Facebook writes "message" and "created_time",
   * Instagram "text", "timestamp" and "username" */
  fb = count_paths (shape, prefix, facebook);
  ig = count_paths (shape, prefix, instagram);
  if (fb >= 2 && fb > ig)
    return VIGIE_FORMAT_FACEBOOK_GRAPH;
  if (ig >= 2 && ig > fb)
    return VIGIE_FORMAT_INSTAGRAM_GRAPH;
  if (fb >= 2 && fb == ig)
    {
      if (shape_has (shape, prefix, "message"))
        return VIGIE_FORMAT_FACEBOOK_GRAPH;
      if (shape_has (shape, prefix, "text"))
        return VIGIE_FORMAT_INSTAGRAM_GRAPH;
    }
  return VIGIE_FORMAT_UNKNOWN;
}

static void
want_strings (VigieJsonShape *shape)
{
  vigie_json_shape_want (shape, "kind");
  vigie_json_shape_want (shape, "paging.next");
  vigie_json_shape_want (shape, "paging.previous");
  vigie_json_shape_want (shape, "data[].permalink_url");
  vigie_json_shape_want (shape, "permalink_url");
  vigie_json_shape_want (shape, "[].permalink_url");
  vigie_json_shape_want (shape, "error.message");
}

static gsize
skip_bom (const char *data,
          gsize       length)
{
  return length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

static gboolean
looks_binary (const char *data,
              gsize       length)
{
  gsize n = MIN (length, 8192);
  guint controls = 0;

  if (memchr (data, '\0', n) != NULL)
    return TRUE;
  for (gsize i = 0; i < n; i++)
    {
      guchar c = data[i];
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
        controls++;
    }
  return controls * 100 > n;
}

static gboolean
is_utf16 (const char *data,
          gsize       length)
{
  return length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                         ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff));
}

/* The offset of the first character that is not blank, or @length */
static gsize
first_content (const char *data,
               gsize       length)
{
  gsize i = skip_bom (data, length);

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i;
}

VigieFormat
vigie_import_detect (const char *data,
                     gsize       length)
{
  gsize start;

  g_return_val_if_fail (data != NULL || length == 0, VIGIE_FORMAT_UNKNOWN);

  start = first_content (data, length);
  if (start >= length || is_utf16 (data, length) || looks_binary (data, length))
    return VIGIE_FORMAT_UNKNOWN;

  if (data[start] == '{' || data[start] == '[')
    {
      VigieJsonReader reader;
      g_autoptr(VigieJsonShape) shape = vigie_json_shape_new ();
      gboolean ok;

      want_strings (shape);
      vigie_json_reader_init (&reader, "", data, length);
      ok = vigie_json_scan (&reader, shape, NULL);
      vigie_json_reader_clear (&reader);
      return ok ? _vigie_import_classify_json (shape) : VIGIE_FORMAT_UNKNOWN;
    }

  return _vigie_import_csv_detect (data, length) ? VIGIE_FORMAT_CSV : VIGIE_FORMAT_UNKNOWN;
}

gboolean
vigie_import_parse (const char             *display_name,
                    const char             *data,
                    gsize                   length,
                    const VigieImportSink  *sink,
                    gpointer                user_data,
                    VigieFormat            *out_format,
                    GError                **error)
{
  VigieImportContext ctx = { display_name, data, length, sink, user_data };
  VigieFormat format = VIGIE_FORMAT_UNKNOWN;
  gsize start;

  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_format != NULL)
    *out_format = VIGIE_FORMAT_UNKNOWN;

  if (is_utf16 (data, length))
    {
      g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_ENCODING,
                   _("%s: the file is in UTF-16; Vigie reads UTF-8 (save it again as UTF-8)"),
                   display_name);
      return FALSE;
    }
  start = first_content (data, length);
  if (start >= length)
    {
      g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_EMPTY,
                   _("%s: the file is empty"), display_name);
      return FALSE;
    }
  if (looks_binary (data, length))
    {
      g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("%s: not a text file (a picture, an archive, a spreadsheet?); "
                     "Vigie reads comments saved as JSON or CSV"), display_name);
      return FALSE;
    }

  if (data[start] == '{' || data[start] == '[')
    {
      VigieJsonReader reader;
      g_autoptr(VigieJsonShape) shape = vigie_json_shape_new ();
      gboolean ok;

      want_strings (shape);
      vigie_json_reader_init (&reader, display_name, data, length);
      ok = vigie_json_scan (&reader, shape, error);
      vigie_json_reader_clear (&reader);
      if (!ok)
        return FALSE;

      format = _vigie_import_classify_json (shape);
      if (out_format != NULL)
        *out_format = format;
      switch (format)
        {
        case VIGIE_FORMAT_FACEBOOK_GRAPH:
        case VIGIE_FORMAT_INSTAGRAM_GRAPH:
          return _vigie_import_graph (&ctx, format, shape, error);
        case VIGIE_FORMAT_YOUTUBE_DATA:
          return _vigie_import_youtube (&ctx, shape, error);
        case VIGIE_FORMAT_FACEBOOK_EXPORT:
        case VIGIE_FORMAT_INSTAGRAM_EXPORT:
          return _vigie_import_export (&ctx, format, shape, error);
        case VIGIE_FORMAT_CSV:
        case VIGIE_FORMAT_UNKNOWN:
        default:
          {
            const char *message = vigie_json_shape_get_string (shape, "error.message");

            if (message != NULL)
              return _vigie_import_error_at (&ctx, error, VIGIE_IMPORT_ERROR_UNKNOWN_FORMAT,
                                             start,
                                             _("an error response from the platform "
                                               "(“%.200s”), not comments"), message);
            return _vigie_import_error_at (&ctx, error, VIGIE_IMPORT_ERROR_UNKNOWN_FORMAT,
                                           start, "%s",
                                           _("JSON data, but not comments Vigie can read "
                                             "(Facebook, Instagram or YouTube API results, "
                                             "or “Download your information” files)"));
          }
        }
    }

  if (_vigie_import_csv_detect (data, length))
    {
      if (out_format != NULL)
        *out_format = VIGIE_FORMAT_CSV;
      return _vigie_import_csv (&ctx, error);
    }

  /* Text, but neither JSON nor CSV: say so, unless it is not even UTF-8 */
  {
    const char *end = memchr (data + start, '\n', length - start);
    gsize line_len = (end ? (gsize) (end - data) : length) - start;
    const char *bad;

    if (!g_utf8_validate_len (data + start, line_len, &bad))
      return _vigie_import_error_at (&ctx, error, VIGIE_IMPORT_ERROR_ENCODING, bad - data, "%s",
                                     _("invalid UTF-8; the file must be saved as UTF-8"));
  }
  g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_UNKNOWN_FORMAT,
               _("%s: not a format Vigie reads; it reads comments saved as JSON "
                 "(Facebook, Instagram, YouTube) or CSV"), display_name);
  return FALSE;
}

/* Importing files into a store */

typedef struct
{
  char    *path;
  char    *display_name;
  guint64  size;
} FileEntry;

static void
file_entry_free (FileEntry *entry)
{
  g_free (entry->path);
  g_free (entry->display_name);
  g_free (entry);
}

static void
add_file (GPtrArray  *files,
          const char *path,
          guint64     size)
{
  FileEntry *entry = g_new0 (FileEntry, 1);

  entry->path = g_strdup (path);
  entry->display_name = g_filename_display_basename (path);
  entry->size = size;
  g_ptr_array_add (files, entry);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
set_io_error (const char  *path,
              int          saved_errno,
              GError     **error)
{
  g_autofree char *display = g_filename_display_basename (path);

  /* TRANSLATORS: "Cannot read “feed.json”: No such file or directory" */
  g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_IO, _("Cannot read “%s”: %s"),
               display, g_strerror (saved_errno));
  return FALSE;
}

/* What a folder of saved comments also holds and is never comments: notes,
 * pages, pictures and media of "Download your information" archives.
 * Files named on their own are read whatever their name. */
static gboolean
is_companion_file (const char *name)
{
  static const char *suffixes[] = {
    ".md", ".txt", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic",
    ".mp4", ".mov", ".webm", ".zip", ".log",
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* A file, or a folder's files in name order (hidden files, sub-folders and
 * companion files are left out) */
static gboolean
collect_files (const char  *path,
               GPtrArray   *files,
               GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return set_io_error (path, errno, error);

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) local = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &local);
      const char *name;

      if (dir == NULL)
        {
          g_autofree char *display = g_filename_display_basename (path);
          g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_IO, _("Cannot read “%s”: %s"),
                       display, local->message);
          return FALSE;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.' && !is_companion_file (name))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
          GStatBuf child_st;

          if (g_stat (child, &child_st) != 0)
            return set_io_error (child, errno, error);
          if (S_ISREG (child_st.st_mode))
            add_file (files, child, child_st.st_size);
        }
      return TRUE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_basename (path);
      g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_IO,
                   _("“%s” is neither a file nor a folder"), display);
      return FALSE;
    }
  add_file (files, path, st.st_size);
  return TRUE;
}

#define CANCEL_CHECK_INTERVAL   1024
#define PROGRESS_INTERVAL       8192

typedef struct
{
  VigieStore              *store;
  GCancellable            *cancellable;
  VigieImportProgressFunc  progress;
  gpointer                 progress_data;
  VigieImportStats         stats;
  GHashTable              *posts_seen;     /* "platform:external_id" */
  const char              *display_name;   /* the file being read */
  guint                    files_done;
  guint                    files_total;
} ImportJob;

static gboolean
set_cancelled_error (ImportJob  *job,
                     GError    **error)
{
  g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_CANCELLED,
               _("%s: import cancelled; the workspace is unchanged"), job->display_name);
  return FALSE;
}

static gboolean
set_store_error (ImportJob  *job,
                 GError     *local,
                 GError    **error)
{
  /* TRANSLATORS: "feed.json: cannot store the comments: The disk is full…" */
  g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_STORE,
               _("%s: cannot store the comments: %s"), job->display_name, local->message);
  g_error_free (local);
  return FALSE;
}

static gboolean
job_post (gpointer                user_data,
          const VigiePostRecord  *post,
          GError                **error)
{
  ImportJob *job = user_data;
  GError *local = NULL;

  if (!vigie_store_upsert_post (job->store, post, NULL, &local))
    return set_store_error (job, local, error);
  if (g_hash_table_add (job->posts_seen,
                        g_strdup_printf ("%d:%s", (int) post->platform, post->external_id)))
    job->stats.n_posts++;
  return TRUE;
}

static gboolean
job_comment (gpointer                   user_data,
             const VigieCommentRecord  *comment,
             GError                   **error)
{
  ImportJob *job = user_data;
  VigieUpsertResult result;
  GError *local = NULL;

  if (job->stats.n_comments % CANCEL_CHECK_INTERVAL == 0 &&
      g_cancellable_is_cancelled (job->cancellable))
    return set_cancelled_error (job, error);

  if (!vigie_store_upsert_comment (job->store, comment, &result, &local))
    return set_store_error (job, local, error);
  job->stats.n_comments++;
  switch (result)
    {
    case VIGIE_UPSERT_INSERTED:
      job->stats.n_inserted++;
      break;
    case VIGIE_UPSERT_UPDATED:
      job->stats.n_updated++;
      break;
    case VIGIE_UPSERT_UNCHANGED:
    default:
      job->stats.n_unchanged++;
      break;
    }
  if (job->progress != NULL && job->stats.n_comments % PROGRESS_INTERVAL == 0)
    job->progress (job->files_done, job->files_total, job->stats.n_comments,
                   job->progress_data);
  return TRUE;
}

static gboolean
import_file (ImportJob        *job,
             const FileEntry  *file,
             GError          **error)
{
  static const VigieImportSink sink = { job_post, job_comment };
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local = NULL;

  job->display_name = file->display_name;
  if (g_cancellable_is_cancelled (job->cancellable))
    return set_cancelled_error (job, error);

  if (file->size == 0)
    return vigie_import_parse (file->display_name, "", 0, &sink, job, NULL, error);

  mapped = g_mapped_file_new (file->path, FALSE, &local);
  if (mapped == NULL)
    {
      g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_IO, _("Cannot read “%s”: %s"),
                   file->display_name, local->message);
      return FALSE;
    }
  return vigie_import_parse (file->display_name, g_mapped_file_get_contents (mapped),
                             g_mapped_file_get_length (mapped), &sink, job, NULL, error);
}

gboolean
vigie_import_files (VigieStore               *store,
                    const char * const       *paths,
                    GCancellable             *cancellable,
                    VigieImportProgressFunc   progress,
                    gpointer                  progress_data,
                    VigieImportStats         *out_stats,
                    GError                  **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_entry_free);
  g_autoptr(GHashTable) posts_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ImportJob job = { 0 };
  GError *local = NULL;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (!vigie_store_in_transaction (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_stats != NULL)
    memset (out_stats, 0, sizeof *out_stats);

  for (guint i = 0; paths[i] != NULL; i++)
    if (!collect_files (paths[i], files, error))
      return FALSE;

  /* Refuse oversized files before reading anything */
  for (guint i = 0; i < files->len; i++)
    {
      FileEntry *file = g_ptr_array_index (files, i);

      if (file->size > VIGIE_IMPORT_MAX_FILE_SIZE)
        {
          g_autofree char *size = g_format_size (file->size);
          g_autofree char *limit = g_format_size (VIGIE_IMPORT_MAX_FILE_SIZE);

          g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_TOO_LARGE,
                       _("%s: the file is too large (%s; the limit is %s)"),
                       file->display_name, size, limit);
          return FALSE;
        }
    }

  job.store = store;
  job.cancellable = cancellable;
  job.progress = progress;
  job.progress_data = progress_data;
  job.posts_seen = posts_seen;
  job.files_total = files->len;
  job.display_name = files->len > 0 ? ((FileEntry *) g_ptr_array_index (files, 0))->display_name
                                    : "";

  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled_error (&job, error);

  if (!vigie_store_begin (store, &local))
    return set_store_error (&job, local, error);

  if (progress != NULL)
    progress (0, job.files_total, 0, progress_data);

  for (guint i = 0; i < files->len; i++)
    {
      if (!import_file (&job, g_ptr_array_index (files, i), error))
        {
          vigie_store_rollback (store);
          return FALSE;
        }
      job.files_done++;
      job.stats.n_files++;
      if (progress != NULL)
        progress (job.files_done, job.files_total, job.stats.n_comments, progress_data);
    }

  /* The last chance to cancel: after the commit, everything is stored */
  if (g_cancellable_is_cancelled (cancellable))
    {
      vigie_store_rollback (store);
      return set_cancelled_error (&job, error);
    }
  if (!vigie_store_commit (store, &local))
    return set_store_error (&job, local, error);

  if (out_stats != NULL)
    *out_stats = job.stats;
  return TRUE;
}

/* In a thread */

typedef struct
{
  char                    *db_path;
  char                   **paths;
  VigieImportProgressFunc  progress;
  gpointer                 progress_data;
} ImportTaskData;

static void
import_task_data_free (ImportTaskData *data)
{
  g_free (data->db_path);
  g_strfreev (data->paths);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  g_autoptr(VigieStore) store = NULL;
  VigieImportStats stats = { 0 };
  GError *error = NULL;

  store = vigie_store_open (data->db_path, &error);
  if (store == NULL)
    {
      GError *wrapped = g_error_new (VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_STORE, "%s",
                                     error->message);
      g_error_free (error);
      g_task_return_error (task, wrapped);
      return;
    }
  if (!vigie_import_files (store, (const char * const *) data->paths, cancellable,
                           data->progress, data->progress_data, &stats, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&stats, sizeof stats), g_free);
}

void
vigie_import_files_async (VigieStore               *store,
                          const char * const       *paths,
                          GCancellable             *cancellable,
                          VigieImportProgressFunc   progress,
                          gpointer                  progress_data,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *data;

  g_return_if_fail (VIGIE_IS_STORE (store));
  g_return_if_fail (paths != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_import_files_async);
  /* Our own CANCELLED error, and only when nothing was stored: a
   * cancellation that comes after the commit must not report a failure */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (ImportTaskData, 1);
  data->db_path = g_strdup (vigie_store_get_path (store));
  data->paths = g_strdupv ((char **) paths);
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_data_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
vigie_import_files_finish (VigieStore        *store,
                           GAsyncResult      *result,
                           VigieImportStats  *out_stats,
                           GError           **error)
{
  g_autofree VigieImportStats *stats = NULL;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vigie_import_files_async,
                        FALSE);

  stats = g_task_propagate_pointer (G_TASK (result), error);
  if (out_stats != NULL)
    {
      if (stats != NULL)
        *out_stats = *stats;
      else
        memset (out_stats, 0, sizeof *out_stats);
    }
  return stats != NULL;
}
