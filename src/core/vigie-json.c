/* vigie-json.c — a small, fast JSON reader over a memory buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-json"

#include "config.h"

#include "vigie-json.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-import.h"

/* Arena */

#define ARENA_BLOCK_SIZE (64 * 1024)

typedef struct
{
  char  *data;
  gsize  size;
} ArenaBlock;

struct _VigieJsonArena
{
  GArray *blocks;     /* ArenaBlock */
  guint   current;    /* the block being filled */
  gsize   used;       /* bytes used in it */
};

VigieJsonArena *
vigie_json_arena_new (void)
{
  VigieJsonArena *arena = g_new0 (VigieJsonArena, 1);

  arena->blocks = g_array_new (FALSE, FALSE, sizeof (ArenaBlock));
  return arena;
}

void
vigie_json_arena_free (VigieJsonArena *arena)
{
  if (arena == NULL)
    return;
  for (guint i = 0; i < arena->blocks->len; i++)
    g_free (g_array_index (arena->blocks, ArenaBlock, i).data);
  g_array_unref (arena->blocks);
  g_free (arena);
}

void
vigie_json_arena_reset (VigieJsonArena *arena)
{
  arena->current = 0;
  arena->used = 0;
}

gpointer
vigie_json_arena_alloc (VigieJsonArena *arena,
                        gsize           size)
{
  ArenaBlock block;

  size = (size + 7) & ~(gsize) 7;
  while (arena->current < arena->blocks->len)
    {
      ArenaBlock *b = &g_array_index (arena->blocks, ArenaBlock, arena->current);

      if (b->size - arena->used >= size)
        {
          gpointer p = b->data + arena->used;
          arena->used += size;
          return p;
        }
      arena->current++;
      arena->used = 0;
    }

  block.size = MAX (ARENA_BLOCK_SIZE, size);
  block.data = g_malloc (block.size);
  g_array_append_val (arena->blocks, block);
  arena->current = arena->blocks->len - 1;
  arena->used = size;
  return block.data;
}

/* Shapes: a small open-addressing set of path hashes */

#define SHAPE_MAX_PATHS   8192
#define SHAPE_MAX_WANTED  8
#define SHAPE_STRING_MAX  1024

#define PATH_ROOT  G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME  G_GUINT64_CONSTANT (0x100000001b3)

typedef struct
{
  guint64 hash;
  guint   types;
} ShapeEntry;

struct _VigieJsonShape
{
  ShapeEntry *table;
  guint       size;       /* a power of two */
  guint       used;
  struct
  {
    guint64  hash;
    char    *value;
  } wanted[SHAPE_MAX_WANTED];
  guint       n_wanted;
};

static inline guint64
path_member (guint64     hash,
             const char *name,
             gsize       len)
{
  hash = (hash ^ '.') * FNV_PRIME;
  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar) name[i]) * FNV_PRIME;
  return hash;
}

static inline guint64
path_element (guint64 hash)
{
  return (((hash ^ '[') * FNV_PRIME) ^ ']') * FNV_PRIME;
}

static guint64
path_hash (const char *path)
{
  guint64 hash = PATH_ROOT;
  const char *p = path;

  while (*p != '\0')
    {
      const char *end = p;

      while (*end != '\0' && *end != '.' && *end != '[')
        end++;
      if (end > p)
        hash = path_member (hash, p, end - p);
      p = end;
      while (p[0] == '[' && p[1] == ']')
        {
          hash = path_element (hash);
          p += 2;
        }
      if (*p == '.')
        p++;
    }
  return hash;
}

VigieJsonShape *
vigie_json_shape_new (void)
{
  VigieJsonShape *shape = g_new0 (VigieJsonShape, 1);

  shape->size = 256;
  shape->table = g_new0 (ShapeEntry, shape->size);
  return shape;
}

void
vigie_json_shape_free (VigieJsonShape *shape)
{
  if (shape == NULL)
    return;
  for (guint i = 0; i < shape->n_wanted; i++)
    g_free (shape->wanted[i].value);
  g_free (shape->table);
  g_free (shape);
}

void
vigie_json_shape_want (VigieJsonShape *shape,
                       const char     *path)
{
  g_return_if_fail (shape->n_wanted < SHAPE_MAX_WANTED);
  shape->wanted[shape->n_wanted].hash = path_hash (path);
  shape->wanted[shape->n_wanted].value = NULL;
  shape->n_wanted++;
}

static ShapeEntry *
shape_lookup (const VigieJsonShape *shape,
              guint64               hash)
{
  guint mask = shape->size - 1;
  guint i = (guint) (hash ^ (hash >> 29)) & mask;

  while (shape->table[i].hash != 0 && shape->table[i].hash != hash)
    i = (i + 1) & mask;
  return &shape->table[i];
}

static void
shape_record (VigieJsonShape *shape,
              guint64         hash,
              VigieJsonType   type)
{
  ShapeEntry *entry = shape_lookup (shape, hash);

  if (entry->hash == 0)
    {
      if (shape->used >= SHAPE_MAX_PATHS)
        return;
      if ((shape->used + 1) * 2 > shape->size)
        {
          ShapeEntry *old = shape->table;
          guint old_size = shape->size;

          shape->size *= 2;
          shape->table = g_new0 (ShapeEntry, shape->size);
          for (guint i = 0; i < old_size; i++)
            if (old[i].hash != 0)
              *shape_lookup (shape, old[i].hash) = old[i];
          g_free (old);
          entry = shape_lookup (shape, hash);
        }
      entry->hash = hash;
      shape->used++;
    }
  entry->types |= 1u << type;
}

guint
vigie_json_shape_get_types (const VigieJsonShape *shape,
                            const char           *path)
{
  return shape_lookup (shape, path_hash (path))->types;
}

gboolean
vigie_json_shape_has (const VigieJsonShape *shape,
                      const char           *path)
{
  return vigie_json_shape_get_types (shape, path) != 0;
}

const char *
vigie_json_shape_get_string (const VigieJsonShape *shape,
                             const char           *path)
{
  guint64 hash = path_hash (path);

  for (guint i = 0; i < shape->n_wanted; i++)
    if (shape->wanted[i].hash == hash)
      return shape->wanted[i].value;
  return NULL;
}

/* Locations and errors */

void
vigie_json_locate (const char *data,
                   gsize       length,
                   gsize       offset,
                   guint      *out_line,
                   guint      *out_column)
{
  const char *end = data + MIN (offset, length);
  const char *p = data;
  const char *line_start = data;
  const char *nl;
  guint line = 1;
  guint column = 1;

  while (p < end && (nl = memchr (p, '\n', end - p)) != NULL)
    {
      line++;
      p = nl + 1;
      line_start = p;
    }
  /* Characters, not bytes: "é" is one column */
  for (const char *q = line_start; q < end; q++)
    if (((guchar) *q & 0xc0) != 0x80)
      column++;
  /* A byte-order mark is invisible in editors */
  if (line_start == data && end - data >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    column--;
  *out_line = line;
  *out_column = column;
}

static gboolean G_GNUC_PRINTF (5, 6)
set_error (VigieJsonReader  *r,
           GError          **error,
           int               code,
           gsize             offset,
           const char       *format,
           ...)
{
  g_autofree char *detail = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  vigie_json_locate (r->data, r->length, offset, &line, &column);
  /* TRANSLATORS: "feed.json, line 3, column 17: a text is not closed" */
  g_set_error (error, VIGIE_IMPORT_ERROR, code, _("%s, line %u, column %u: %s"),
               r->display_name, line, column, detail);
  return FALSE;
}

static gboolean
error_end (VigieJsonReader  *r,
           GError          **error)
{
  return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, r->length, "%s",
                    _("the file ends too early, in the middle of the data (is it truncated?)"));
}

static gboolean
error_unexpected (VigieJsonReader  *r,
                  GError          **error,
                  const char       *expected)
{
  guchar c = r->data[r->pos];

  if (c >= 0x21 && c < 0x7f)
    /* TRANSLATORS: "unexpected “x” where “,” or “]” was expected" */
    return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, r->pos,
                      _("unexpected “%c” where %s was expected"), c, expected);
  return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, r->pos,
                    _("unexpected character where %s was expected"), expected);
}

/* Scanning */

enum
{
  CLASS_PLAIN = 0,
  CLASS_QUOTE,
  CLASS_BACKSLASH,
  CLASS_CONTROL,
  CLASS_HIGH,
};

static guint8 string_class[256];

static void
init_tables (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint c = 0; c < 256; c++)
        {
          if (c < 0x20)
            string_class[c] = CLASS_CONTROL;
          else if (c == '"')
            string_class[c] = CLASS_QUOTE;
          else if (c == '\\')
            string_class[c] = CLASS_BACKSLASH;
          else if (c >= 0x80)
            string_class[c] = CLASS_HIGH;
          else
            string_class[c] = CLASS_PLAIN;
        }
      g_once_init_leave (&initialized, 1);
    }
}

void
vigie_json_reader_init (VigieJsonReader *reader,
                        const char      *display_name,
                        const char      *data,
                        gsize            length)
{
  init_tables ();
  memset (reader, 0, sizeof *reader);
  reader->display_name = display_name;
  reader->data = data;
  reader->length = length;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    reader->pos = 3;
  reader->stack = g_array_new (FALSE, FALSE, sizeof (VigieJsonNode));
}

void
vigie_json_reader_clear (VigieJsonReader *reader)
{
  g_clear_pointer (&reader->stack, g_array_unref);
}

static inline void
skip_blank (VigieJsonReader *r)
{
  const char *data = r->data;
  gsize pos = r->pos, length = r->length;

  while (pos < length &&
         (data[pos] == ' ' || data[pos] == '\n' || data[pos] == '\r' || data[pos] == '\t'))
    pos++;
  r->pos = pos;
}

/* Length of the valid UTF-8 sequence at @s, 0 if invalid */
static inline gsize
utf8_sequence (const guchar *s,
               gsize         avail)
{
  guchar c = s[0];

  if (c < 0xc2)
    return 0;
  if (c < 0xe0)
    return avail >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
  if (c < 0xf0)
    {
      if (avail < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
        return 0;
      if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0))
        return 0;   /* overlong, or a surrogate */
      return 3;
    }
  if (c < 0xf5)
    {
      if (avail < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
          (s[3] & 0xc0) != 0x80)
        return 0;
      if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
        return 0;
      return 4;
    }
  return 0;
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The code unit of "\uXXXX" at @s (which starts with the backslash), or -1 */
static inline int
read_u_escape (const guchar *s,
               gsize         avail)
{
  int v = 0;

  if (avail < 6 || s[0] != '\\' || s[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int h = hex_value (s[i]);
      if (h < 0)
        return -1;
      v = (v << 4) | h;
    }
  return v;
}

static inline gsize
utf8_length_of (gunichar c)
{
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* The string whose opening quote is at r->pos: validated, and measured.
 * Leaves r->pos after the closing quote. Unpaired surrogates and "\u0000"
 * become U+FFFD: one broken emoji must not stop an import. */
static gboolean
scan_string (VigieJsonReader  *r,
             gsize            *out_start,
             gsize            *out_raw_len,
             gsize            *out_decoded_len,
             gboolean         *out_escaped,
             GError          **error)
{
  const guchar *data = (const guchar *) r->data;
  gsize start = r->pos + 1;
  gsize p = start;
  gsize end = r->length;
  gsize saved = 0;       /* bytes the escapes save: raw length − decoded length */
  gboolean escaped = FALSE;

  for (;;)
    {
      gsize stop = MIN (end, start + saved + VIGIE_IMPORT_MAX_TEXT_SIZE + 1);

      while (p < stop && string_class[data[p]] == CLASS_PLAIN)
        p++;
      if (p - start - saved > VIGIE_IMPORT_MAX_TEXT_SIZE)
        {
          g_autofree char *size = g_format_size (VIGIE_IMPORT_MAX_TEXT_SIZE);
          return set_error (r, error, VIGIE_IMPORT_ERROR_TOO_LARGE, r->pos,
                            _("a text longer than %s, the limit"), size);
        }
      if (p >= end)
        return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, r->pos, "%s",
                          _("a text in quotes is not closed before the end of the file "
                            "(is it truncated?)"));

      switch (string_class[data[p]])
        {
        case CLASS_QUOTE:
          *out_start = start;
          *out_raw_len = p - start;
          *out_decoded_len = p - start - saved;
          *out_escaped = escaped;
          r->pos = p + 1;
          return TRUE;

        case CLASS_BACKSLASH:
          escaped = TRUE;
          if (p + 1 >= end)
            break;   /* the end-of-file error above, next round */
          switch (data[p + 1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              p += 2;
              saved += 1;
              break;
            case 'u':
              {
                int unit = read_u_escape (data + p, end - p);

                if (unit < 0)
                  return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, p, "%s",
                                    _("invalid “\\u” escape: four hexadecimal digits expected"));
                if (unit >= 0xd800 && unit <= 0xdbff)
                  {
                    int low = read_u_escape (data + p + 6, end - p - 6);

                    if (low >= 0xdc00 && low <= 0xdfff)
                      {
                        p += 12;
                        saved += 12 - 4;
                        break;
                      }
                    unit = 0xfffd;
                  }
                else if ((unit >= 0xdc00 && unit <= 0xdfff) || unit == 0)
                  unit = 0xfffd;
                p += 6;
                saved += 6 - utf8_length_of (unit);
              }
              break;
            default:
              return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, p,
                                _("invalid escape “\\%c” in a text"),
                                g_ascii_isprint (data[p + 1]) ? data[p + 1] : '?');
            }
          break;

        case CLASS_CONTROL:
          return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, p, "%s",
                            data[p] == '\n'
                            ? _("a line break inside a text in quotes (is a quote missing?)")
                            : _("a control character inside a text in quotes"));

        case CLASS_HIGH:
          {
            gsize n = utf8_sequence (data + p, end - p);

            if (n == 0)
              return set_error (r, error, VIGIE_IMPORT_ERROR_ENCODING, p, "%s",
                                _("invalid UTF-8; the file must be saved as UTF-8"));
            p += n;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Decodes a validated string body (see scan_string) into @out; returns the
 * number of bytes written */
static gsize
decode_string (const guchar *raw,
               gsize         raw_len,
               char         *out)
{
  const guchar *p = raw, *end = raw + raw_len;
  char *o = out;

  while (p < end)
    {
      const guchar *q = p;

      while (q < end && *q != '\\')
        q++;
      memcpy (o, p, q - p);
      o += q - p;
      p = q;
      if (p >= end)
        break;

      switch (p[1])
        {
        case '"': *o++ = '"'; p += 2; break;
        case '\\': *o++ = '\\'; p += 2; break;
        case '/': *o++ = '/'; p += 2; break;
        case 'b': *o++ = '\b'; p += 2; break;
        case 'f': *o++ = '\f'; p += 2; break;
        case 'n': *o++ = '\n'; p += 2; break;
        case 'r': *o++ = '\r'; p += 2; break;
        case 't': *o++ = '\t'; p += 2; break;
        case 'u':
          {
            gunichar c = read_u_escape (p, end - p);

            p += 6;
            if (c >= 0xd800 && c <= 0xdbff)
              {
                int low = read_u_escape (p, end - p);

                if (low >= 0xdc00 && low <= 0xdfff)
                  {
                    c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                    p += 6;
                  }
                else
                  c = 0xfffd;
              }
            else if ((c >= 0xdc00 && c <= 0xdfff) || c == 0)
              c = 0xfffd;
            o += g_unichar_to_utf8 (c, o);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return o - out;
}

static gboolean
scan_number (VigieJsonReader  *r,
             GError          **error)
{
  const char *data = r->data;
  gsize start = r->pos, p = r->pos, end = r->length;

  if (p < end && data[p] == '-')
    p++;
  if (p < end && data[p] == '0')
    p++;
  else if (p < end && data[p] >= '1' && data[p] <= '9')
    while (p < end && g_ascii_isdigit (data[p]))
      p++;
  else
    goto invalid;
  if (p < end && data[p] == '.')
    {
      p++;
      if (p >= end || !g_ascii_isdigit (data[p]))
        goto invalid;
      while (p < end && g_ascii_isdigit (data[p]))
        p++;
    }
  if (p < end && (data[p] == 'e' || data[p] == 'E'))
    {
      p++;
      if (p < end && (data[p] == '+' || data[p] == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (data[p]))
        goto invalid;
      while (p < end && g_ascii_isdigit (data[p]))
        p++;
    }
  if (p - start > VIGIE_IMPORT_MAX_TEXT_SIZE)
    return set_error (r, error, VIGIE_IMPORT_ERROR_TOO_LARGE, start, "%s",
                      _("a number too long to be real data"));
  r->pos = p;
  return TRUE;

invalid:
  return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, start, "%s", _("invalid number"));
}

typedef struct
{
  VigieJsonArena *arena;   /* NULL: validate only */
  VigieJsonShape *shape;   /* NULL: record nothing */
} ParseMode;

static void
shape_capture (VigieJsonShape *shape,
               guint64         hash,
               const char     *data,
               gsize           start,
               gsize           raw_len,
               gsize           decoded_len,
               gboolean        escaped)
{
  for (guint i = 0; i < shape->n_wanted; i++)
    if (shape->wanted[i].hash == hash && shape->wanted[i].value == NULL)
      {
        if (escaped)
          {
            char *value = g_malloc (decoded_len + 1);
            value[decode_string ((const guchar *) data + start, raw_len, value)] = '\0';
            shape->wanted[i].value = value;
          }
        else
          shape->wanted[i].value = g_strndup (data + start, MIN (raw_len, SHAPE_STRING_MAX));
        if (strlen (shape->wanted[i].value) > SHAPE_STRING_MAX)
          shape->wanted[i].value[SHAPE_STRING_MAX] = '\0';
      }
}

static void
make_string_node (VigieJsonReader *r,
                  VigieJsonArena  *arena,
                  VigieJsonNode   *node,
                  gsize            start,
                  gsize            raw_len,
                  gsize            decoded_len,
                  gboolean         escaped)
{
  node->type = VIGIE_JSON_STRING;
  node->offset = start - 1;
  if (escaped)
    {
      char *buf = vigie_json_arena_alloc (arena, decoded_len + 1);
      gsize n = decode_string ((const guchar *) r->data + start, raw_len, buf);

      buf[n] = '\0';
      node->u.str = buf;
      node->len = n;
    }
  else
    {
      node->u.str = r->data + start;
      node->len = raw_len;
    }
}

/* Parses the value at r->pos. @level is the number of containers around it;
 * @path its path hash (when recording a shape). Recursion is bounded by
 * VIGIE_IMPORT_MAX_DEPTH. */
static gboolean
parse_value (VigieJsonReader  *r,
             const ParseMode  *mode,
             guint64           path,
             guint             level,
             VigieJsonNode    *out,
             GError          **error)
{
  const char *data = r->data;
  gboolean record = mode->shape != NULL && level <= VIGIE_JSON_SHAPE_MAX_LEVEL;
  gsize offset;

  skip_blank (r);
  if (r->pos >= r->length)
    return error_end (r, error);
  offset = r->pos;

  switch (data[offset])
    {
    case '{':
    case '[':
      {
        gboolean is_object = data[offset] == '{';
        char close = is_object ? '}' : ']';
        guint base = mode->arena ? r->stack->len : 0;
        guint64 element_path = record ? path_element (path) : 0;
        guint n = 0;

        if (level >= VIGIE_IMPORT_MAX_DEPTH)
          return set_error (r, error, VIGIE_IMPORT_ERROR_TOO_DEEP, offset,
                            _("the data is nested more than %d levels deep"),
                            VIGIE_IMPORT_MAX_DEPTH);
        if (record)
          shape_record (mode->shape, path, is_object ? VIGIE_JSON_OBJECT : VIGIE_JSON_ARRAY);
        r->pos++;
        skip_blank (r);
        if (r->pos < r->length && data[r->pos] == close)
          r->pos++;
        else
          for (;;)
            {
              VigieJsonNode child;
              guint64 child_path = element_path;

              if (is_object)
                {
                  gsize start, raw_len, decoded_len;
                  gboolean escaped;

                  skip_blank (r);
                  if (r->pos >= r->length)
                    return error_end (r, error);
                  if (data[r->pos] != '"')
                    return error_unexpected (r, error, _("a name in quotes"));
                  if (!scan_string (r, &start, &raw_len, &decoded_len, &escaped, error))
                    return FALSE;
                  if (record)
                    child_path = path_member (path, data + start, raw_len);
                  if (mode->arena)
                    {
                      make_string_node (r, mode->arena, &child, start, raw_len, decoded_len,
                                        escaped);
                      g_array_append_val (r->stack, child);
                    }
                  skip_blank (r);
                  if (r->pos >= r->length)
                    return error_end (r, error);
                  if (data[r->pos] != ':')
                    return error_unexpected (r, error, "“:”");
                  r->pos++;
                }
              if (!parse_value (r, mode, child_path, level + 1, mode->arena ? &child : NULL,
                                error))
                return FALSE;
              if (mode->arena)
                g_array_append_val (r->stack, child);
              n++;

              skip_blank (r);
              if (r->pos >= r->length)
                return error_end (r, error);
              if (data[r->pos] == ',')
                r->pos++;
              else if (data[r->pos] == close)
                {
                  r->pos++;
                  break;
                }
              else
                return error_unexpected (r, error, is_object ? "“,” or “}”" : "“,” or “]”");
            }

        if (out != NULL)
          {
            guint count = r->stack->len - base;

            out->type = is_object ? VIGIE_JSON_OBJECT : VIGIE_JSON_ARRAY;
            out->offset = offset;
            out->len = n;
            out->u.items = NULL;
            if (count > 0)
              {
                out->u.items = vigie_json_arena_alloc (mode->arena, count * sizeof (VigieJsonNode));
                memcpy (out->u.items, &g_array_index (r->stack, VigieJsonNode, base),
                        count * sizeof (VigieJsonNode));
              }
            g_array_set_size (r->stack, base);
          }
        return TRUE;
      }

    case '"':
      {
        gsize start, raw_len, decoded_len;
        gboolean escaped;

        if (!scan_string (r, &start, &raw_len, &decoded_len, &escaped, error))
          return FALSE;
        if (record)
          {
            shape_record (mode->shape, path, VIGIE_JSON_STRING);
            if (mode->shape->n_wanted > 0)
              shape_capture (mode->shape, path, data, start, raw_len, decoded_len, escaped);
          }
        if (out != NULL)
          make_string_node (r, mode->arena, out, start, raw_len, decoded_len, escaped);
        return TRUE;
      }

    case 't':
    case 'f':
    case 'n':
      {
        static const char *words[] = { "null", "false", "true" };
        static const VigieJsonType types[] = { VIGIE_JSON_NULL, VIGIE_JSON_FALSE, VIGIE_JSON_TRUE };
        guint i = data[offset] == 'n' ? 0 : data[offset] == 'f' ? 1 : 2;
        gsize len = strlen (words[i]);

        if (r->length - offset < len || memcmp (data + offset, words[i], len) != 0)
          return error_unexpected (r, error, _("a value"));
        r->pos += len;
        if (record)
          shape_record (mode->shape, path, types[i]);
        if (out != NULL)
          {
            out->type = types[i];
            out->offset = offset;
            out->len = 0;
            out->u.str = NULL;
          }
        return TRUE;
      }

    default:
      if (data[offset] != '-' && !g_ascii_isdigit (data[offset]))
        {
          if ((guchar) data[offset] >= 0x80 && utf8_sequence ((const guchar *) data + offset,
                                                              r->length - offset) == 0)
            return set_error (r, error, VIGIE_IMPORT_ERROR_ENCODING, offset, "%s",
                              _("invalid UTF-8; the file must be saved as UTF-8"));
          return error_unexpected (r, error, _("a value"));
        }
      if (!scan_number (r, error))
        return FALSE;
      if (record)
        shape_record (mode->shape, path, VIGIE_JSON_NUMBER);
      if (out != NULL)
        {
          out->type = VIGIE_JSON_NUMBER;
          out->offset = offset;
          out->len = r->pos - offset;
          out->u.str = data + offset;
        }
      return TRUE;
    }
}

static gboolean
expect_end (VigieJsonReader  *r,
            GError          **error)
{
  skip_blank (r);
  if (r->pos < r->length)
    return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, r->pos, "%s",
                      _("unexpected data after the end of the JSON document"));
  return TRUE;
}

gboolean
vigie_json_scan (VigieJsonReader  *reader,
                 VigieJsonShape   *shape,
                 GError          **error)
{
  ParseMode mode = { NULL, shape };

  return parse_value (reader, &mode, PATH_ROOT, 0, NULL, error) && expect_end (reader, error);
}

gboolean
vigie_json_reader_read (VigieJsonReader  *reader,
                        VigieJsonArena   *arena,
                        VigieJsonNode    *out_root,
                        GError          **error)
{
  ParseMode mode = { arena, NULL };

  return parse_value (reader, &mode, 0, 0, out_root, error) && expect_end (reader, error);
}

/* Streams the elements of the array at r->pos (its "[" is at @level) */
static gboolean
foreach_element (VigieJsonReader       *r,
                 VigieJsonArena        *arena,
                 guint                  level,
                 VigieJsonElementFunc   func,
                 gpointer               user_data,
                 GError               **error)
{
  ParseMode mode = { arena, NULL };

  r->pos++;   /* "[" */
  skip_blank (r);
  if (r->pos < r->length && r->data[r->pos] == ']')
    {
      r->pos++;
      return TRUE;
    }
  for (;;)
    {
      VigieJsonNode element;

      vigie_json_arena_reset (arena);
      if (!parse_value (r, &mode, 0, level + 1, &element, error) ||
          !func (&element, user_data, error))
        return FALSE;
      skip_blank (r);
      if (r->pos >= r->length)
        return error_end (r, error);
      if (r->data[r->pos] == ',')
        r->pos++;
      else if (r->data[r->pos] == ']')
        {
          r->pos++;
          return TRUE;
        }
      else
        return error_unexpected (r, error, "“,” or “]”");
    }
}

gboolean
vigie_json_reader_foreach (VigieJsonReader       *reader,
                           VigieJsonArena        *arena,
                           const char            *key,
                           VigieJsonElementFunc   func,
                           gpointer               user_data,
                           GError               **error)
{
  VigieJsonReader *r = reader;
  ParseMode skip = { NULL, NULL };
  gsize key_len;

  skip_blank (r);
  if (r->pos >= r->length)
    return error_end (r, error);

  if (key == NULL)
    {
      if (r->data[r->pos] != '[')
        return error_unexpected (r, error, "“[”");
      return foreach_element (r, arena, 0, func, user_data, error) && expect_end (r, error);
    }

  if (r->data[r->pos] != '{')
    return error_unexpected (r, error, "“{”");
  key_len = strlen (key);
  r->pos++;
  skip_blank (r);
  if (r->pos < r->length && r->data[r->pos] == '}')
    {
      r->pos++;
      return expect_end (r, error);
    }
  for (;;)
    {
      gsize start, raw_len, decoded_len;
      gboolean escaped, match;

      skip_blank (r);
      if (r->pos >= r->length)
        return error_end (r, error);
      if (r->data[r->pos] != '"')
        return error_unexpected (r, error, _("a name in quotes"));
      if (!scan_string (r, &start, &raw_len, &decoded_len, &escaped, error))
        return FALSE;
      if (escaped)
        {
          g_autofree char *name = g_malloc (decoded_len + 1);
          gsize n = decode_string ((const guchar *) r->data + start, raw_len, name);
          match = n == key_len && memcmp (name, key, n) == 0;
        }
      else
        match = raw_len == key_len && memcmp (r->data + start, key, key_len) == 0;

      skip_blank (r);
      if (r->pos >= r->length)
        return error_end (r, error);
      if (r->data[r->pos] != ':')
        return error_unexpected (r, error, "“:”");
      r->pos++;
      skip_blank (r);
      if (r->pos >= r->length)
        return error_end (r, error);

      if (match && r->data[r->pos] == '[')
        {
          if (!foreach_element (r, arena, 1, func, user_data, error))
            return FALSE;
        }
      else if (!parse_value (r, &skip, 0, 1, NULL, error))
        return FALSE;

      skip_blank (r);
      if (r->pos >= r->length)
        return error_end (r, error);
      if (r->data[r->pos] == ',')
        r->pos++;
      else if (r->data[r->pos] == '}')
        {
          r->pos++;
          return expect_end (r, error);
        }
      else
        return error_unexpected (r, error, "“,” or “}”");
    }
}

/* Trees */

const VigieJsonNode *
vigie_json_object_get (const VigieJsonNode *object,
                       const char          *name)
{
  gsize len;

  if (object == NULL || object->type != VIGIE_JSON_OBJECT)
    return NULL;
  len = strlen (name);
  for (guint i = 0; i < object->len; i++)
    {
      const VigieJsonNode *key = &object->u.items[2 * i];

      if (key->len == len && memcmp (key->u.str, name, len) == 0)
        return &object->u.items[2 * i + 1];
    }
  return NULL;
}

gboolean
vigie_json_node_equal (const VigieJsonNode *node,
                       const char          *str)
{
  gsize len = strlen (str);

  return node != NULL && node->type == VIGIE_JSON_STRING && node->len == len &&
         memcmp (node->u.str, str, len) == 0;
}

char *
vigie_json_node_dup (const VigieJsonNode *node)
{
  if (node == NULL || node->type != VIGIE_JSON_STRING)
    return NULL;
  return g_strndup (node->u.str, node->len);
}

gboolean
vigie_json_node_get_int64 (const VigieJsonNode *node,
                           gint64              *out_value)
{
  const char *p, *end;
  gboolean negative = FALSE;
  guint64 v = 0;

  if (node == NULL || (node->type != VIGIE_JSON_NUMBER && node->type != VIGIE_JSON_STRING))
    return FALSE;
  p = node->u.str;
  end = p + node->len;
  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  while (p < end && g_ascii_isdigit (*p))
    {
      if (v > (guint64) G_MAXINT64 / 10)
        return FALSE;
      v = v * 10 + (*p++ - '0');
    }
  if (v > (guint64) G_MAXINT64)
    return FALSE;
  /* "12.0" or "1.2e3" from a tool that writes every number as a double */
  if (p < end)
    {
      if (node->type != VIGIE_JSON_NUMBER)
        return FALSE;
      {
        g_autofree char *copy = g_strndup (node->u.str, node->len);
        double d = g_ascii_strtod (copy, NULL);

        if (d != d || d > (double) G_MAXINT64 || d < (double) G_MININT64)
          return FALSE;
        *out_value = (gint64) d;
        return TRUE;
      }
    }
  *out_value = negative ? -(gint64) v : (gint64) v;
  return TRUE;
}
