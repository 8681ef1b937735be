/* vigie-csv.c — an RFC 4180 reader over a memory buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-csv"

#include "config.h"

#include "vigie-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-import.h"

#define DETECT_LIMIT (64 * 1024)

static gsize
skip_bom (const char *data,
          gsize       length)
{
  return length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

char
vigie_csv_detect_delimiter (const char *data,
                            gsize       length)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;
  gsize end = MIN (length, DETECT_LIMIT);

  for (gsize i = skip_bom (data, length); i < end; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }
  if (commas == 0 && semicolons == 0 && tabs == 0)
    return 0;
  if (commas >= semicolons && commas >= tabs)
    return ',';
  return semicolons >= tabs ? ';' : '\t';
}

void
vigie_csv_reader_init (VigieCsvReader *reader,
                       const char     *display_name,
                       const char     *data,
                       gsize           length)
{
  memset (reader, 0, sizeof *reader);
  reader->display_name = display_name;
  reader->data = data;
  reader->length = length;
  reader->pos = skip_bom (data, length);
  reader->pos_line = 1;
  reader->delimiter = vigie_csv_detect_delimiter (data, length);
  if (reader->delimiter == 0)
    reader->delimiter = ',';
  reader->record = G_MAXUINT;   /* the header will be record 0 */
  reader->fields = g_ptr_array_new_with_free_func (g_free);
}

void
vigie_csv_reader_clear (VigieCsvReader *reader)
{
  g_clear_pointer (&reader->fields, g_ptr_array_unref);
}

static gboolean G_GNUC_PRINTF (5, 6)
set_error (VigieCsvReader  *r,
           GError         **error,
           int              code,
           guint            line,
           const char      *format,
           ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  if (r->record == 0)
    /* TRANSLATORS: "export.csv, line 1: …" */
    g_set_error (error, VIGIE_IMPORT_ERROR, code, _("%s, line %u: %s"),
                 r->display_name, line, detail);
  else
    /* TRANSLATORS: "export.csv, record 12 (line 14): …" */
    g_set_error (error, VIGIE_IMPORT_ERROR, code, _("%s, record %u (line %u): %s"),
                 r->display_name, r->record, line, detail);
  return FALSE;
}

gboolean
vigie_csv_reader_set_error (VigieCsvReader  *reader,
                            GError         **error,
                            int              code,
                            const char      *format,
                            ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  return set_error (reader, error, code, reader->line, "%s", detail);
}

static guint
count_lines (const char *p,
             gsize       len)
{
  const char *end = p + len;
  guint n = 0;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

static gboolean
add_field (VigieCsvReader  *r,
           const char      *text,
           gsize            len,
           guint            line,
           GError         **error)
{
  const char *bad;

  if (len > VIGIE_IMPORT_MAX_TEXT_SIZE)
    {
      g_autofree char *size = g_format_size (VIGIE_IMPORT_MAX_TEXT_SIZE);
      return set_error (r, error, VIGIE_IMPORT_ERROR_TOO_LARGE, line,
                        _("a field longer than %s, the limit"), size);
    }
  if (!g_utf8_validate_len (text, len, &bad))
    return set_error (r, error, VIGIE_IMPORT_ERROR_ENCODING, line + count_lines (text, bad - text),
                      "%s", _("invalid UTF-8; the file must be saved as UTF-8 "
                              "(in a spreadsheet: “CSV UTF-8”)"));
  g_ptr_array_add (r->fields, g_strndup (text, len));
  return TRUE;
}

gboolean
vigie_csv_reader_next (VigieCsvReader  *reader,
                       gboolean        *out_has_record,
                       GError         **error)
{
  VigieCsvReader *r = reader;
  const char *data = r->data;
  gsize length = r->length;
  char delimiter = r->delimiter;

  g_ptr_array_set_size (r->fields, 0);
  *out_has_record = FALSE;

  /* Blank lines between records (Takeout files end with several) */
  while (r->pos < length && (data[r->pos] == '\n' || data[r->pos] == '\r'))
    {
      if (data[r->pos] == '\n' || r->pos + 1 >= length || data[r->pos + 1] != '\n')
        r->pos_line++;
      r->pos++;
    }
  if (r->pos >= length)
    return TRUE;

  r->record++;
  r->line = r->pos_line;

  for (;;)
    {
      guint field_line = r->pos_line;

      if (r->pos < length && data[r->pos] == '"')
        {
          g_autoptr(GString) buf = g_string_new (NULL);

          r->pos++;
          for (;;)
            {
              const char *quote = memchr (data + r->pos, '"', length - r->pos);
              gsize n;

              if (quote == NULL)
                return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, field_line, "%s",
                                  _("a field opens a quote that is never closed"));
              n = quote - (data + r->pos);
              if (buf->len + n > VIGIE_IMPORT_MAX_TEXT_SIZE)
                {
                  g_autofree char *size = g_format_size (VIGIE_IMPORT_MAX_TEXT_SIZE);
                  return set_error (r, error, VIGIE_IMPORT_ERROR_TOO_LARGE, field_line,
                                    _("a field longer than %s, the limit"), size);
                }
              g_string_append_len (buf, data + r->pos, n);
              r->pos_line += count_lines (data + r->pos, n);
              r->pos += n + 1;
              if (r->pos < length && data[r->pos] == '"')
                {
                  g_string_append_c (buf, '"');
                  r->pos++;
                  continue;
                }
              break;
            }
          if (r->pos < length && data[r->pos] != delimiter && data[r->pos] != '\r' &&
              data[r->pos] != '\n')
            {
              guchar c = data[r->pos];

              if (c >= 0x21 && c < 0x7f)
                return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, r->pos_line,
                                  _("unexpected “%c” after the closing quote of a field "
                                    "(a quote inside a field must be doubled: \"\")"), c);
              return set_error (r, error, VIGIE_IMPORT_ERROR_SYNTAX, r->pos_line, "%s",
                                _("unexpected text after the closing quote of a field "
                                  "(a quote inside a field must be doubled: \"\")"));
            }
          if (!add_field (r, buf->str, buf->len, field_line, error))
            return FALSE;
        }
      else
        {
          gsize start = r->pos;

          while (r->pos < length && data[r->pos] != delimiter && data[r->pos] != '\n' &&
                 data[r->pos] != '\r')
            r->pos++;
          if (!add_field (r, data + start, r->pos - start, field_line, error))
            return FALSE;
        }

      if (r->pos >= length)
        break;
      if (data[r->pos] == delimiter)
        {
          r->pos++;
          continue;
        }
      if (data[r->pos] == '\r')
        r->pos++;
      if (r->pos < length && data[r->pos] == '\n')
        r->pos++;
      r->pos_line++;
      break;
    }

  *out_has_record = TRUE;
  return TRUE;
}
