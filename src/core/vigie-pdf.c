/* vigie-pdf.c — drawing text documents into a PDF with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "vigie-pdf-private.h"

#define PAGE_WIDTH  VIGIE_PDF_PAGE_WIDTH
#define PAGE_HEIGHT VIGIE_PDF_PAGE_HEIGHT
#define MARGIN      VIGIE_PDF_MARGIN

void
_vigie_pdf_open (VigiePdfPen *pen,
                 const char  *path,
                 const char  *title)
{
  pen->surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  if (cairo_surface_status (pen->surface) == CAIRO_STATUS_SUCCESS && title != NULL)
    cairo_pdf_surface_set_metadata (pen->surface, CAIRO_PDF_METADATA_TITLE, title);
  pen->cr = cairo_create (pen->surface);
  pen->y = MARGIN;
  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
}

static PangoLayout *
pen_layout (VigiePdfPen *pen,
            const char  *font,
            const char  *text,
            double       width)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
_vigie_pdf_make_room (VigiePdfPen *pen,
                      double       height)
{
  if (pen->y + height > PAGE_HEIGHT - MARGIN)
    {
      cairo_show_page (pen->cr);
      pen->y = MARGIN;
    }
}

void
_vigie_pdf_line (VigiePdfPen *pen,
                 const char  *font,
                 double       indent,
                 const char  *left,
                 const char  *right,
                 double       space_after)
{
  double width = PAGE_WIDTH - 2 * MARGIN - indent - (right ? 100 : 0);
  g_autoptr(PangoLayout) layout = pen_layout (pen, font, left, width);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  _vigie_pdf_make_room (pen, (double) h / PANGO_SCALE);
  cairo_move_to (pen->cr, MARGIN + indent, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  if (right != NULL)
    {
      g_autoptr(PangoLayout) r = pen_layout (pen, font, right, 100);

      pango_layout_set_alignment (r, PANGO_ALIGN_RIGHT);
      cairo_move_to (pen->cr, PAGE_WIDTH - MARGIN - 100, pen->y);
      pango_cairo_show_layout (pen->cr, r);
    }
  pen->y += (double) h / PANGO_SCALE + space_after;
}

void
_vigie_pdf_heading (VigiePdfPen *pen,
                    const char  *text)
{
  _vigie_pdf_make_room (pen, 60);
  pen->y += 10;
  _vigie_pdf_line (pen, "Sans Bold 13", 0, text, NULL, 2);
  cairo_set_line_width (pen->cr, 0.5);
  cairo_move_to (pen->cr, MARGIN, pen->y);
  cairo_line_to (pen->cr, PAGE_WIDTH - MARGIN, pen->y);
  cairo_stroke (pen->cr);
  pen->y += 6;
}

void
_vigie_pdf_count (VigiePdfPen *pen,
                  double       indent,
                  const char  *label,
                  gint64       count)
{
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  _vigie_pdf_line (pen, VIGIE_PDF_BODY, indent, label, n, 2);
}

gboolean
_vigie_pdf_close (VigiePdfPen *pen,
                  const char  *path,
                  GError     **error)
{
  cairo_status_t status = cairo_surface_status (pen->surface);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_show_page (pen->cr);
      status = cairo_status (pen->cr);
    }
  cairo_destroy (pen->cr);
  cairo_surface_finish (pen->surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pen->surface);
  cairo_surface_destroy (pen->surface);
  pen->cr = NULL;
  pen->surface = NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write the report “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
