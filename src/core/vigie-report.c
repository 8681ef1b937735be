/* vigie-report.c — the figures of a period, and the monthly accountability
 * report in PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "vigie-model.h"
#include "vigie-pdf-private.h"
#include "vigie-report.h"
#include "vigie-store-private.h"

static void
row_free (gpointer data)
{
  VigieReportRow *row = data;

  g_free (row->key1);
  g_free (row->key2);
  g_free (row);
}

static void
incident_free (gpointer data)
{
  VigieReportIncident *incident = data;

  g_free (incident->platform);
  g_free (incident->category);
  g_free (incident->action);
  g_free (incident);
}

void
vigie_report_free (VigieReport *report)
{
  if (report == NULL)
    return;
  g_free (report->organisation);
  g_clear_pointer (&report->by_page, g_ptr_array_unref);
  g_clear_pointer (&report->by_category, g_ptr_array_unref);
  g_clear_pointer (&report->by_action, g_ptr_array_unref);
  g_clear_pointer (&report->by_clause, g_ptr_array_unref);
  g_clear_pointer (&report->incidents, g_ptr_array_unref);
  g_free (report);
}

gboolean
vigie_report_parse_month (const char *month,
                          gint64     *out_start,
                          gint64     *out_end)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  int year, mon;

  if (month == NULL || strlen (month) != 7 || month[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (month[i]))
      return FALSE;
  year = atoi (month);
  mon = atoi (month + 5);
  if (year < 1970 || mon < 1 || mon > 12)
    return FALSE;
  start = g_date_time_new_utc (year, mon, 1, 0, 0, 0);
  if (start == NULL)
    return FALSE;
  end = g_date_time_add_months (start, 1);
  *out_start = g_date_time_to_unix (start);
  *out_end = g_date_time_to_unix (end);
  return TRUE;
}

gint64
vigie_report_lookup (GPtrArray  *rows,
                     const char *key1,
                     const char *key2)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->key1, key1) == 0 && g_strcmp0 (row->key2, key2) == 0)
        return row->count;
    }
  return 0;
}

static gboolean
sql_error (sqlite3  *db,
           GError  **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         VigieReport *report,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sql_error (db, error);
      return NULL;
    }
  /* ?1, ?2: the period in seconds; ?3, ?4: in microseconds */
  for (int i = 1; i <= sqlite3_bind_parameter_count (stmt); i++)
    {
      const char *name = sqlite3_bind_parameter_name (stmt, i);

      if (g_strcmp0 (name, "?1") == 0)
        sqlite3_bind_int64 (stmt, i, report->start);
      else if (g_strcmp0 (name, "?2") == 0)
        sqlite3_bind_int64 (stmt, i, report->end);
      else if (g_strcmp0 (name, "?3") == 0)
        sqlite3_bind_int64 (stmt, i, report->start * G_USEC_PER_SEC);
      else if (g_strcmp0 (name, "?4") == 0)
        sqlite3_bind_int64 (stmt, i, report->end * G_USEC_PER_SEC);
    }
  return stmt;
}

static gboolean
query_count (sqlite3     *db,
             const char  *sql,
             VigieReport *report,
             gint64      *out,
             GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, sql, report, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return sql_error (db, error);
  return TRUE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Rows of (key1, key2, count); key1 an integer platform when @platform_key */
static GPtrArray *
query_rows (sqlite3     *db,
            const char  *sql,
            VigieReport *report,
            gboolean     platform_key,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  sqlite3_stmt *stmt = prepare (db, sql, report, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VigieReportRow *row = g_new0 (VigieReportRow, 1);

      if (platform_key)
        row->key1 = g_strdup (vigie_platform_to_string (sqlite3_column_int (stmt, 0)));
      else
        row->key1 = column_text (stmt, 0);
      if (row->key1 == NULL)
        row->key1 = g_strdup ("");
      row->key2 = column_text (stmt, 1);
      row->count = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Linear interpolation between the closest ranks, on sorted @values */
static double
percentile (GArray *values,
            double  p)
{
  double pos, frac;
  guint lo;

  if (values->len == 0)
    return -1;
  pos = p * (values->len - 1);
  lo = (guint) floor (pos);
  frac = pos - lo;
  if (lo + 1 >= values->len)
    return g_array_index (values, double, values->len - 1);
  return g_array_index (values, double, lo) * (1 - frac) +
         g_array_index (values, double, lo + 1) * frac;
}

/* The page's own replies are not comments received */
#define IN_PERIOD "c.created >= ?1 AND c.created < ?2 AND c.resolution IS NOT 'page'"
#define ACTION_IN_PERIOD "a.created_us >= ?3 AND a.created_us < ?4"

VigieReport *
vigie_report_compute (VigieStore  *store,
                      gint64       start,
                      gint64       end,
                      GError     **error)
{
  g_autoptr(VigieReport) report = g_new0 (VigieReport, 1);
  g_autoptr(GArray) hours = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  db = _vigie_store_get_db (store);
  report->start = start;
  report->end = end;
  report->organisation = vigie_store_get_setting (store, "organisation.name");

  if (!query_count (db, "SELECT COUNT(*) FROM comments c WHERE " IN_PERIOD,
                    report, &report->n_comments, error) ||
      !query_count (db, "SELECT COUNT(DISTINCT c.id) FROM comments c"
                        " JOIN flags f ON f.comment_id = c.id WHERE " IN_PERIOD,
                    report, &report->n_flagged, error) ||
      !query_count (db, "SELECT COUNT(*) FROM actions a WHERE " ACTION_IN_PERIOD,
                    report, &report->n_actions, error) ||
      !query_count (db, "SELECT COUNT(*) FROM actions a"
                        " WHERE a.status = 'pending' AND a.created_us < ?4",
                    report, &report->n_pending, error))
    return NULL;

  report->by_page = query_rows (db,
    "SELECT c.platform, COALESCE (pg.name, pg.external_id, ''), COUNT(*) FROM comments c"
    " LEFT JOIN posts p ON p.id = c.post_id LEFT JOIN pages pg ON pg.id = p.page_id"
    " WHERE " IN_PERIOD " GROUP BY 1, 2 ORDER BY 1, 2", report, TRUE, error);
  if (report->by_page == NULL)
    return NULL;
  report->by_category = query_rows (db,
    "SELECT f.category, NULL, COUNT(DISTINCT c.id) FROM comments c"
    " JOIN flags f ON f.comment_id = c.id WHERE " IN_PERIOD
    " GROUP BY 1 ORDER BY 3 DESC, 1", report, FALSE, error);
  if (report->by_category == NULL)
    return NULL;
  report->by_action = query_rows (db,
    "SELECT a.kind, a.status, COUNT(*) FROM actions a WHERE " ACTION_IN_PERIOD
    " GROUP BY 1, 2 ORDER BY 1, 2", report, FALSE, error);
  if (report->by_action == NULL)
    return NULL;
  /* Cancelled actions never happened; an action citing no clause counts under "" */
  report->by_clause = query_rows (db,
    "SELECT COALESCE (j.value, ''), a.kind, COUNT(*) FROM actions a"
    " LEFT JOIN json_each (a.clauses) AS j"
    " WHERE " ACTION_IN_PERIOD " AND a.status != 'cancelled'"
    " GROUP BY 1, 2 ORDER BY 1, 2", report, FALSE, error);
  if (report->by_clause == NULL)
    return NULL;

  /* Response times: from the comment to the first action applied on it
   * (a reply is an action too), for the comments of the period */
  stmt = prepare (db,
    "SELECT c.created, MIN (au.time_us) FROM comments c"
    " JOIN audit au ON au.comment_id = c.id AND au.event = 'applied'"
    " WHERE " IN_PERIOD " GROUP BY c.id", report, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double h = ((double) sqlite3_column_int64 (stmt, 1) / G_USEC_PER_SEC -
                  (double) sqlite3_column_int64 (stmt, 0)) / 3600.0;

      h = MAX (h, 0.0);
      g_array_append_val (hours, h);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (db, error);
      return NULL;
    }
  g_array_sort (hours, compare_double);
  report->n_timed = hours->len;
  report->median_hours = percentile (hours, 0.5);
  report->p90_hours = percentile (hours, 0.9);

  /* Notable incidents: urgent, threatening or illegal comments */
  report->incidents = g_ptr_array_new_with_free_func (incident_free);
  stmt = prepare (db,
    "SELECT c.id, c.created, c.platform,"
    " COALESCE ((SELECT f.category FROM flags f WHERE f.comment_id = c.id"
    "            AND f.category IN ('threat', 'illegal') ORDER BY f.rowid LIMIT 1),"
    "           (SELECT f.category FROM flags f WHERE f.comment_id = c.id"
    "            ORDER BY f.rowid LIMIT 1), 'urgent'),"
    " (SELECT a.kind FROM actions a WHERE a.comment_id = c.id AND a.status != 'cancelled'"
    "  ORDER BY a.id LIMIT 1)"
    " FROM comments c WHERE " IN_PERIOD
    " AND (c.urgent != 0 OR EXISTS (SELECT 1 FROM flags f WHERE f.comment_id = c.id"
    "      AND f.category IN ('threat', 'illegal')))"
    " ORDER BY c.created, c.id", report, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VigieReportIncident *incident = g_new0 (VigieReportIncident, 1);

      incident->comment_id = sqlite3_column_int64 (stmt, 0);
      incident->created = sqlite3_column_int64 (stmt, 1);
      incident->platform = g_strdup (vigie_platform_to_string (sqlite3_column_int (stmt, 2)));
      incident->category = column_text (stmt, 3);
      incident->action = column_text (stmt, 4);
      if (incident->action == NULL)
        incident->action = g_strdup ("none");
      g_ptr_array_add (report->incidents, incident);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&report);
}

/* PDF */

typedef VigiePdfPen Pen;

#define pen_line    _vigie_pdf_line
#define pen_heading _vigie_pdf_heading
#define pen_count   _vigie_pdf_count
#define BODY        VIGIE_PDF_BODY

static char *
format_hours (double hours)
{
  if (hours < 0)
    return g_strdup ("—");
  /* TRANSLATORS: a duration in hours, "3.5 h" */
  return g_strdup_printf (_("%.1f h"), hours);
}

static void
draw_report (Pen         *pen,
             VigieReport *report)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (report->start);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (report->end - 1);
  g_autofree char *month = g_date_time_format (start, "%B %Y");
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (last, "%Y-%m-%d");
  g_autofree char *median = format_hours (report->median_hours);
  g_autofree char *p90 = format_hours (report->p90_hours);

  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);

  /* TRANSLATORS: the report's title; %s is a month and year, "November 2026" */
  title = g_strdup_printf (_("Monthly moderation report — %s"), month);
  pen_line (pen, "Sans Bold 18", 0, title, NULL, 4);
  pen_line (pen, "Sans 12", 0,
            report->organisation && *report->organisation
              ? report->organisation : _("(organisation not set)"), NULL, 2);
  /* TRANSLATORS: %s are dates, "2026-11-01" and "2026-11-30" */
  period = g_strdup_printf (_("Period: %s to %s (UTC)"), from, to);
  pen_line (pen, "Sans 9", 0, period, NULL, 8);

  pen_heading (pen, _("Summary"));
  pen_count (pen, 0, _("Comments received"), report->n_comments);
  pen_count (pen, 0, _("Comments flagged"), report->n_flagged);
  pen_count (pen, 0, _("Moderation actions"), report->n_actions);
  pen_count (pen, 0, _("Actions still pending"), report->n_pending);
  pen_line (pen, "Sans Bold 10", 0, _("Comments by platform and page"), NULL, 2);
  for (guint i = 0; i < report->by_page->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_page, i);
      g_autofree char *label = g_strdup_printf ("%s — %s", row->key1,
                                                row->key2 && *row->key2 ? row->key2 : "?");
      pen_count (pen, 12, label, row->count);
    }
  pen_line (pen, "Sans Bold 10", 0, _("Comments flagged by category"), NULL, 2);
  if (report->by_category->len == 0)
    pen_line (pen, BODY, 12, _("None"), NULL, 2);
  for (guint i = 0; i < report->by_category->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_category, i);
      pen_count (pen, 12, row->key1, row->count);
    }

  pen_heading (pen, _("By policy clause"));
  if (report->by_clause->len == 0)
    pen_line (pen, BODY, 0, _("None"), NULL, 2);
  for (guint i = 0; i < report->by_clause->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_clause, i);
      g_autofree char *label = g_strdup_printf ("%s × %s",
                                                *row->key1 ? row->key1 : _("no clause"),
                                                row->key2);
      pen_count (pen, 0, label, row->count);
    }

  pen_heading (pen, _("Actions"));
  if (report->by_action->len == 0)
    pen_line (pen, BODY, 0, _("None"), NULL, 2);
  for (guint i = 0; i < report->by_action->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_action, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", row->key1, row->key2);
      pen_count (pen, 0, label, row->count);
    }

  pen_heading (pen, _("Response times"));
  pen_line (pen, BODY, 0, _("From the comment to the first action or reply applied"), NULL, 4);
  pen_count (pen, 0, _("Comments with a response"), report->n_timed);
  pen_line (pen, BODY, 0, _("Median"), median, 2);
  pen_line (pen, BODY, 0, _("90th percentile"), p90, 2);

  pen_heading (pen, _("Notable incidents"));
  pen_line (pen, "Sans 9", 0,
            _("Urgent, threatening or illegal comments; authors and texts are left out"),
            NULL, 4);
  if (report->incidents->len == 0)
    pen_line (pen, BODY, 0, _("None"), NULL, 2);
  for (guint i = 0; i < report->incidents->len; i++)
    {
      VigieReportIncident *incident = g_ptr_array_index (report->incidents, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (incident->created);
      g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
      /* TRANSLATORS: date, platform, category, then the action taken */
      g_autofree char *line = g_strdup_printf (_("%s — %s — %s — action: %s"), date,
                                               incident->platform, incident->category,
                                               incident->action);
      pen_line (pen, BODY, 0, line, NULL, 2);
    }
}

gboolean
vigie_report_write_pdf (VigieReport *report,
                        const char  *path,
                        GError     **error)
{
  Pen pen;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  _vigie_pdf_open (&pen, path, _("Monthly moderation report"));
  draw_report (&pen, report);
  return _vigie_pdf_close (&pen, path, error);
}
