/* vigie-pdf-private.h — drawing text documents into a PDF with cairo and
 * pango: what the monthly report and the training score share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define VIGIE_PDF_PAGE_WIDTH  595.28   /* A4, in points */
#define VIGIE_PDF_PAGE_HEIGHT 841.89
#define VIGIE_PDF_MARGIN      56.0
#define VIGIE_PDF_BODY        "Sans 10"

/* Where the next line goes */
typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           y;
} VigiePdfPen;

/* A new A4 document at @path titled @title. Errors are reported by
 * _vigie_pdf_close(). */
void     _vigie_pdf_open    (VigiePdfPen  *pen,
                             const char   *path,
                             const char   *title);
/* A line of text, wrapped; @right, when given, right-aligned on the same
 * line */
void     _vigie_pdf_line    (VigiePdfPen  *pen,
                             const char   *font,
                             double        indent,
                             const char   *left,
                             const char   *right,
                             double        space_after);
/* A section title with a rule under it */
void     _vigie_pdf_heading (VigiePdfPen  *pen,
                             const char   *text);
void     _vigie_pdf_count   (VigiePdfPen  *pen,
                             double        indent,
                             const char   *label,
                             gint64        count);
/* Starts a new page unless @height fits on this one */
void     _vigie_pdf_make_room (VigiePdfPen *pen,
                               double       height);
/* Finishes the document; an error names @path */
gboolean _vigie_pdf_close   (VigiePdfPen  *pen,
                             const char   *path,
                             GError      **error);

G_END_DECLS
