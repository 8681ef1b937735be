/* vigie-csv.h — an RFC 4180 reader over a memory buffer
 *
 * Quoted fields with doubled quotes and line breaks, CRLF or LF, a UTF-8
 * byte-order mark, and "," ";" or tab as the delimiter (whichever the header
 * line uses). Blank lines are skipped. Errors are VIGIE_IMPORT_ERROR errors
 * naming the file, the record and its line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  /*< private >*/
  const char *display_name;
  const char *data;
  gsize       length;
  gsize       pos;
  guint       pos_line;     /* line of @pos */
  /*< public, read-only >*/
  char        delimiter;
  guint       record;       /* the last record read: 0 for the header line, then 1, 2... */
  guint       line;         /* the line where it starts */
  GPtrArray  *fields;       /* char *: its fields, valid UTF-8 */
} VigieCsvReader;

/* The delimiter the first line uses (outside quotes), 0 if none */
char     vigie_csv_detect_delimiter (const char  *data,
                                     gsize        length);

void     vigie_csv_reader_init      (VigieCsvReader  *reader,
                                     const char      *display_name,
                                     const char      *data,
                                     gsize            length);
void     vigie_csv_reader_clear     (VigieCsvReader  *reader);

/* Reads the next record into reader->fields; *out_has_record is FALSE at the
 * end of the file */
gboolean vigie_csv_reader_next      (VigieCsvReader  *reader,
                                     gboolean        *out_has_record,
                                     GError         **error);

/* An error at the last record read: "export.csv, record 12 (line 14): …" */
gboolean vigie_csv_reader_set_error (VigieCsvReader  *reader,
                                     GError         **error,
                                     int              code,
                                     const char      *format,
                                     ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
