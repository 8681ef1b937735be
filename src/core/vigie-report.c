/* vigie-report.c — the figures of a period, and the monthly accountability
 * report in PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "vigie-action.h"
#include "vigie-audit.h"
#include "vigie-classifier.h"
#include "vigie-model.h"
#include "vigie-pdf-private.h"
#include "vigie-policy.h"
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
times_free (gpointer data)
{
  VigieReportTimes *times = data;

  g_free (times->key1);
  g_free (times->key2);
  g_free (times);
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
  g_clear_pointer (&report->times_by_page, g_ptr_array_unref);
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

double
vigie_report_business_hours (gint64      from,
                             gint64      to,
                             guint       day_start_hour,
                             guint       day_end_hour,
                             GTimeZone  *time_zone)
{
  g_autoptr(GTimeZone) local = time_zone ? g_time_zone_ref (time_zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) day = NULL;
  double seconds = 0;

  if (to <= from || day_end_hour <= day_start_hour || day_end_hour > 24)
    return 0;
  t = g_date_time_new_from_unix_utc (from);
  {
    g_autoptr(GDateTime) in_zone = g_date_time_to_timezone (t, local);
    day = g_date_time_new (local, g_date_time_get_year (in_zone), g_date_time_get_month (in_zone),
                           g_date_time_get_day_of_month (in_zone), 0, 0, 0);
  }
  /* Day by day, the part of each weekday's business hours inside [from, to) */
  while (day != NULL && g_date_time_to_unix (day) < to)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);

      if (g_date_time_get_day_of_week (day) <= 5)
        {
          g_autoptr(GDateTime) open = g_date_time_add_hours (day, day_start_hour);
          g_autoptr(GDateTime) close = g_date_time_add_hours (day, day_end_hour);
          gint64 a = MAX (from, g_date_time_to_unix (open));
          gint64 b = MIN (to, g_date_time_to_unix (close));

          if (b > a)
            seconds += b - a;
        }
      g_clear_pointer (&day, g_date_time_unref);
      day = g_steal_pointer (&next);
    }
  return seconds / 3600.0;
}

void
vigie_report_period_get_range (VigieReportPeriod  period,
                               GDateTime         *now,
                               gint64            *out_start,
                               gint64            *out_end)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (local),
                                                      g_date_time_get_month (local),
                                                      g_date_time_get_day_of_month (local),
                                                      0, 0, 0);
  g_autoptr(GDateTime) month = g_date_time_new_local (g_date_time_get_year (local),
                                                      g_date_time_get_month (local), 1, 0, 0, 0);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  switch (period)
    {
    case VIGIE_REPORT_PERIOD_LAST_MONTH:
      start = g_date_time_add_months (month, -1);
      end = g_date_time_ref (month);
      break;
    case VIGIE_REPORT_PERIOD_LAST_7_DAYS:
      end = g_date_time_add_days (today, 1);
      start = g_date_time_add_days (end, -7);
      break;
    case VIGIE_REPORT_PERIOD_LAST_30_DAYS:
      end = g_date_time_add_days (today, 1);
      start = g_date_time_add_days (end, -30);
      break;
    case VIGIE_REPORT_PERIOD_THIS_MONTH:
    default:
      start = g_date_time_ref (month);
      end = g_date_time_add_months (month, 1);
      break;
    }
  *out_start = g_date_time_to_unix (start);
  *out_end = g_date_time_to_unix (end);
}

gboolean
vigie_report_days_get_range (const GDate *first,
                             const GDate *last,
                             GTimeZone   *time_zone,
                             gint64      *out_start,
                             gint64      *out_end)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) last_day = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  if (!g_date_valid (first) || !g_date_valid (last) || g_date_compare (last, first) < 0)
    return FALSE;
  zone = time_zone != NULL ? g_time_zone_ref (time_zone) : g_time_zone_new_local ();
  start = g_date_time_new (zone, g_date_get_year (first), g_date_get_month (first),
                           g_date_get_day (first), 0, 0, 0);
  last_day = g_date_time_new (zone, g_date_get_year (last), g_date_get_month (last),
                              g_date_get_day (last), 0, 0, 0);
  /* Adding a day keeps the wall-clock time: a day of 23 or 25 hours is whole */
  end = last_day != NULL ? g_date_time_add_days (last_day, 1) : NULL;
  if (start == NULL || end == NULL)
    return FALSE;
  *out_start = g_date_time_to_unix (start);
  *out_end = g_date_time_to_unix (end);
  return TRUE;
}

VigieReport *
vigie_report_compute (VigieStore  *store,
                      gint64       start,
                      gint64       end,
                      GError     **error)
{
  return vigie_report_compute_full (store, start, end, NULL, error);
}

typedef struct
{
  char   *platform;
  char   *page;
  GArray *hours;
} PageTimes;

static void
page_times_free (gpointer data)
{
  PageTimes *t = data;

  g_free (t->platform);
  g_free (t->page);
  g_array_unref (t->hours);
  g_free (t);
}

VigieReport *
vigie_report_compute_full (VigieStore               *store,
                           gint64                    start,
                           gint64                    end,
                           const VigieReportOptions *options,
                           GError                  **error)
{
  g_autoptr(VigieReport) report = g_new0 (VigieReport, 1);
  g_autoptr(GArray) hours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       page_times_free);
  g_autoptr(GPtrArray) page_order = g_ptr_array_new ();
  VigieReportOptions defaults = { 0 };
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  db = _vigie_store_get_db (store);
  report->start = start;
  report->end = end;
  report->business_hours = options->business_hours &&
                           options->day_end_hour > options->day_start_hour;
  report->target_hours = MAX (options->target_hours, 0);
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
                    report, &report->n_pending, error) ||
      !query_count (db, "SELECT COUNT(*) FROM actions a"
                        " WHERE a.approval = 'awaiting' AND a.created_us < ?4"
                        "   AND a.status NOT IN ('cancelled', 'abandoned')",
                    report, &report->n_awaiting, error))
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
   * (a reply is an action too) or to the page's first answer to it made on
   * the platform itself, for the comments of the period */
  stmt = prepare (db,
    "SELECT c.created, MIN (answer.time_us), c.platform, COALESCE (pg.name, pg.external_id, '')"
    " FROM comments c"
    " JOIN (SELECT au.comment_id AS comment_id, au.time_us AS time_us FROM audit au"
    "        WHERE au.event = 'applied'"
    "       UNION ALL"
    "       SELECT q.id, r.created * 1000000 FROM comments r"
    "         JOIN comments q ON q.platform = r.platform"
    "                        AND q.external_id = r.parent_external_id"
    "        WHERE r.resolution = 'page') answer ON answer.comment_id = c.id"
    " LEFT JOIN posts p ON p.id = c.post_id LEFT JOIN pages pg ON pg.id = p.page_id"
    " WHERE " IN_PERIOD " GROUP BY c.id", report, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 created = sqlite3_column_int64 (stmt, 0);
      gint64 answered = sqlite3_column_int64 (stmt, 1) / G_USEC_PER_SEC;
      const char *platform = vigie_platform_to_string (sqlite3_column_int (stmt, 2));
      const char *page = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *key = g_strconcat (platform, "\t", page ? page : "", NULL);
      PageTimes *times;
      double h;

      if (report->business_hours)
        h = vigie_report_business_hours (created, answered, options->day_start_hour,
                                         options->day_end_hour, options->time_zone);
      else
        h = ((double) sqlite3_column_int64 (stmt, 1) / G_USEC_PER_SEC - (double) created) /
            3600.0;
      h = MAX (h, 0.0);
      g_array_append_val (hours, h);
      if (report->target_hours > 0 && h <= report->target_hours)
        report->n_within_target++;

      times = g_hash_table_lookup (pages, key);
      if (times == NULL)
        {
          times = g_new0 (PageTimes, 1);
          times->platform = g_strdup (platform);
          times->page = g_strdup (page ? page : "");
          times->hours = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (pages, g_steal_pointer (&key), times);
          g_ptr_array_add (page_order, times);
        }
      g_array_append_val (times->hours, h);
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
  report->times_by_page = g_ptr_array_new_with_free_func (times_free);
  for (guint i = 0; i < page_order->len; i++)
    {
      PageTimes *t = g_ptr_array_index (page_order, i);
      VigieReportTimes *times = g_new0 (VigieReportTimes, 1);

      g_array_sort (t->hours, compare_double);
      times->key1 = g_strdup (t->platform);
      times->key2 = g_strdup (t->page);
      times->n = t->hours->len;
      times->median_hours = percentile (t->hours, 0.5);
      times->p90_hours = percentile (t->hours, 0.9);
      g_ptr_array_add (report->times_by_page, times);
    }

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

/* Labels */

const char *
vigie_report_category_label (const char *category)
{
  static VigiePolicy *policy;
  static gsize initialised;
  const VigieCategory *c;

  if (g_once_init_enter (&initialised))
    {
      policy = vigie_policy_new_default (NULL);
      g_once_init_leave (&initialised, 1);
    }
  c = policy != NULL && category != NULL ? vigie_policy_lookup_category (policy, category) : NULL;
  return c != NULL ? vigie_category_get_label (c, vigie_policy_get_interface_language ()) : category;
}

const char *
vigie_report_kind_label (const char *kind)
{
  VigieActionKind k;

  if (vigie_action_kind_from_string (kind, &k))
    return vigie_action_kind_get_label (k, VIGIE_PLATFORM_UNKNOWN);
  if (g_strcmp0 (kind, "none") == 0)
    return C_("action", "none");
  return kind;
}

const char *
vigie_report_platform_label (const char *platform)
{
  VigiePlatform p = vigie_platform_from_string (platform);

  return p != VIGIE_PLATFORM_UNKNOWN ? vigie_platform_get_display_name (p) : platform;
}

static const char *
status_label (const char *status)
{
  VigieActionStatus s;

  return vigie_action_status_from_string (status, &s) ? vigie_action_status_get_label (s)
                                                      : status;
}

/* CSV */

static void
csv_field (GString    *out,
           const char *value)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}

static void
csv_line (GString    *out,
          const char *section,
          const char *key,
          const char *subkey,
          const char *value)
{
  csv_field (out, section);
  g_string_append_c (out, ',');
  csv_field (out, key);
  g_string_append_c (out, ',');
  csv_field (out, subkey);
  g_string_append_c (out, ',');
  csv_field (out, value);
  g_string_append (out, "\r\n");
}

static void
csv_count (GString    *out,
           const char *section,
           const char *key,
           const char *subkey,
           gint64      value)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, value);
  csv_line (out, section, key, subkey, number);
}

static void
csv_hours (GString    *out,
           const char *section,
           const char *key,
           const char *subkey,
           double      value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    csv_line (out, section, key, subkey, "");
  else
    csv_line (out, section, key, subkey, g_ascii_formatd (number, sizeof number, "%.2f", value));
}

gboolean
vigie_report_write_csv (VigieReport    *report,
                        GOutputStream  *stream,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GString) out = g_string_new ("section,key,subkey,value\r\n");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  start = g_date_time_new_from_unix_utc (report->start);
  end = g_date_time_new_from_unix_utc (report->end);
  from = g_date_time_format_iso8601 (start);
  to = g_date_time_format_iso8601 (end);
  csv_line (out, "period", "start", NULL, from);
  csv_line (out, "period", "end", NULL, to);
  csv_count (out, "total", "comments_received", NULL, report->n_comments);
  csv_count (out, "total", "comments_flagged", NULL, report->n_flagged);
  csv_count (out, "total", "actions", NULL, report->n_actions);
  csv_count (out, "total", "actions_pending", NULL, report->n_pending);
  csv_count (out, "total", "awaiting_director", NULL, report->n_awaiting);
  for (guint i = 0; i < report->by_page->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_page, i);
      csv_count (out, "comments_by_page", row->key1, row->key2, row->count);
    }
  for (guint i = 0; i < report->by_category->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_category, i);
      csv_count (out, "flagged_by_category", row->key1, NULL, row->count);
    }
  for (guint i = 0; i < report->by_action->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_action, i);
      csv_count (out, "actions_by_kind", row->key1, row->key2, row->count);
    }
  for (guint i = 0; i < report->by_clause->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_clause, i);
      csv_count (out, "actions_by_clause", row->key1, row->key2, row->count);
    }
  csv_count (out, "response", "comments_answered", NULL, report->n_timed);
  csv_hours (out, "response", "median_hours", NULL, report->median_hours);
  csv_hours (out, "response", "p90_hours", NULL, report->p90_hours);
  csv_line (out, "response", "business_hours", NULL, report->business_hours ? "yes" : "no");
  if (report->target_hours > 0)
    {
      csv_hours (out, "response", "target_hours", NULL, report->target_hours);
      csv_count (out, "response", "within_target", NULL, report->n_within_target);
    }
  for (guint i = 0; i < report->times_by_page->len; i++)
    {
      VigieReportTimes *t = g_ptr_array_index (report->times_by_page, i);
      g_autofree char *key = g_strconcat (t->key1, " — ", t->key2, NULL);

      csv_count (out, "response_by_page", key, "comments_answered", t->n);
      csv_hours (out, "response_by_page", key, "median_hours", t->median_hours);
      csv_hours (out, "response_by_page", key, "p90_hours", t->p90_hours);
    }
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
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

/* The month and year in the report's language, whatever the locale's
 * time names: "novembre 2026" */
static char *
format_month (GDateTime *date)
{
  static const char *months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  int m = g_date_time_get_month (date);

  /* TRANSLATORS: a month and its year, "November 2026" */
  return g_strdup_printf (_("%s %d"), g_dpgettext2 (GETTEXT_PACKAGE, "month", months[m - 1]),
                          g_date_time_get_year (date));
}

static void
draw_report (Pen         *pen,
             VigieReport *report)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (report->start);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (report->end - 1);
  g_autofree char *month = format_month (start);
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
  pen_count (pen, 0, _("Awaiting the director"), report->n_awaiting);
  pen_line (pen, "Sans Bold 10", 0, _("Comments by platform and page"), NULL, 2);
  for (guint i = 0; i < report->by_page->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_page, i);
      g_autofree char *label = g_strdup_printf ("%s — %s", vigie_report_platform_label (row->key1),
                                                row->key2 && *row->key2 ? row->key2 : "?");
      pen_count (pen, 12, label, row->count);
    }
  pen_line (pen, "Sans Bold 10", 0, _("Comments flagged by category"), NULL, 2);
  if (report->by_category->len == 0)
    pen_line (pen, BODY, 12, _("None"), NULL, 2);
  for (guint i = 0; i < report->by_category->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_category, i);
      pen_count (pen, 12, vigie_report_category_label (row->key1), row->count);
    }

  pen_heading (pen, _("By policy clause"));
  if (report->by_clause->len == 0)
    pen_line (pen, BODY, 0, _("None"), NULL, 2);
  for (guint i = 0; i < report->by_clause->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_clause, i);
      g_autofree char *label = g_strdup_printf ("%s × %s",
                                                *row->key1 ? row->key1 : _("no clause"),
                                                vigie_report_kind_label (row->key2));
      pen_count (pen, 0, label, row->count);
    }

  pen_heading (pen, _("Actions"));
  if (report->by_action->len == 0)
    pen_line (pen, BODY, 0, _("None"), NULL, 2);
  for (guint i = 0; i < report->by_action->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_action, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", vigie_report_kind_label (row->key1),
                                                status_label (row->key2));
      pen_count (pen, 0, label, row->count);
    }

  pen_heading (pen, _("Response times"));
  pen_line (pen, BODY, 0, _("From the comment to the first action or reply applied"), NULL, 4);
  pen_count (pen, 0, _("Comments with a response"), report->n_timed);
  pen_line (pen, BODY, 0, _("Median"), median, 2);
  pen_line (pen, BODY, 0, _("90th percentile"), p90, 2);
  for (guint i = 0; i < report->times_by_page->len; i++)
    {
      VigieReportTimes *t = g_ptr_array_index (report->times_by_page, i);
      g_autofree char *t_median = format_hours (t->median_hours);
      g_autofree char *t_p90 = format_hours (t->p90_hours);
      /* TRANSLATORS: platform — page, then the median and 90th percentile */
      g_autofree char *label = g_strdup_printf (_("%s — %s: median, 90th percentile"),
                                                vigie_report_platform_label (t->key1),
                                                *t->key2 ? t->key2 : "?");
      g_autofree char *values = g_strdup_printf ("%s, %s", t_median, t_p90);

      pen_line (pen, BODY, 12, label, values, 2);
    }

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
                                               vigie_report_platform_label (incident->platform),
                                               vigie_report_category_label (incident->category),
                                               vigie_report_kind_label (incident->action));
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

/* The incident report */

static char *
format_time_us (gint64 time_us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);

  return g_date_time_format (t, "%Y-%m-%d %H:%M:%S UTC");
}

static const char *
json_member_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* A label and its value, the value wrapped under the label */
static void
pen_field (Pen        *pen,
           const char *label,
           const char *value)
{
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return;
  /* TRANSLATORS: a field of the incident report, "Author: Julie Tremblay" */
  line = g_strdup_printf (_("%s: %s"), label, value);
  pen_line (pen, BODY, 0, line, NULL, 2);
}

static const char *
approval_label (const char *approval)
{
  if (g_strcmp0 (approval, "awaiting") == 0)
    return _("awaiting the director");
  if (g_strcmp0 (approval, "approved") == 0)
    return _("approved");
  if (g_strcmp0 (approval, "rejected") == 0)
    return _("rejected");
  return approval;
}

static gboolean
draw_incident (Pen         *pen,
               VigieStore  *store,
               gint64       comment_id,
               GError     **error)
{
  sqlite3 *db = _vigie_store_get_db (store);
  g_autoptr(VigieComment) comment = NULL;
  g_autoptr(VigieClassification) classification = NULL;
  g_autoptr(VigiePolicy) policy = vigie_policy_new_default (NULL);
  g_autofree char *organisation = vigie_store_get_setting (store, "organisation.name");
  g_autofree char *ref = NULL;
  g_autofree char *created = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  VigieAuditQuery query = { 0 };
  sqlite3_stmt *stmt = NULL;
  guint n;
  int rc;

  comment = vigie_store_get_comment (store, comment_id, error);
  if (comment == NULL)
    return FALSE;
  classification = vigie_store_get_classification (store, comment_id, NULL);
  ref = vigie_comment_dup_stable_id (comment);
  created = format_time_us (comment->created * G_USEC_PER_SEC);
  generated = format_time_us (g_get_real_time ());

  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
  pen_line (pen, "Sans Bold 18", 0, _("Incident report"), NULL, 4);
  pen_line (pen, "Sans 12", 0, organisation && *organisation ? organisation
                                                             : _("(organisation not set)"),
            NULL, 2);
  /* TRANSLATORS: %s is the comment's id, then the date the report was made */
  subtitle = g_strdup_printf (_("Comment %s — report made %s"), ref, generated);
  pen_line (pen, "Sans 9", 0, subtitle, NULL, 8);

  /* The comment */
  pen_heading (pen, _("The comment"));
  pen_field (pen, _("Platform"), vigie_platform_get_display_name (comment->platform));
  pen_field (pen, _("Author"), comment->author_name);
  pen_field (pen, _("Posted"), created);
  pen_field (pen, _("Link"), comment->permalink);
  pen_line (pen, "Sans Italic 10", 12, comment->text, NULL, 6);

  /* Evidence */
  pen_heading (pen, _("Evidence"));
  pen_line (pen, "Sans 9", 0,
            _("The comment as it was before each action, kept unchanged in the workspace; the "
              "SHA-256 of each snapshot is checked again for this report."), NULL, 4);
  if (sqlite3_prepare_v2 (db, "SELECT captured_us, snapshot, sha256 FROM evidence"
                              " WHERE comment_id = ?1 ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (db, error);
  sqlite3_bind_int64 (stmt, 1, comment_id);
  n = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *snapshot = (const char *) sqlite3_column_text (stmt, 1);
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *computed = g_compute_checksum_for_string (G_CHECKSUM_SHA256, snapshot, -1);
      g_autofree char *captured = format_time_us (sqlite3_column_int64 (stmt, 0));
      g_autofree char *title = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root = NULL, *c = NULL, *post = NULL;

      if (json_parser_load_from_data (parser, snapshot, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          root = json_node_get_object (json_parser_get_root (parser));
          c = json_object_has_member (root, "comment") &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "comment"))
              ? json_object_get_object_member (root, "comment") : NULL;
          post = json_object_has_member (root, "post") &&
                 JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "post"))
                 ? json_object_get_object_member (root, "post") : NULL;
        }
      /* TRANSLATORS: "Snapshot 1, 2026-11-12 14:05:00 UTC" */
      title = g_strdup_printf (_("Snapshot %u, %s"), ++n, captured);
      pen_line (pen, "Sans Bold 10", 0, title, NULL, 2);
      {
        g_autofree char *hash_line = g_strconcat ("SHA-256: ", sha256, NULL);

        pen_line (pen, "Monospace 8", 0, hash_line, NULL, 2);
      }
      pen_line (pen, BODY, 12, g_strcmp0 (computed, sha256) == 0
                                 ? _("Checked: the snapshot is unchanged.")
                                 : _("ALTERED: the snapshot no longer matches its SHA-256."),
                NULL, 2);
      pen_field (pen, _("Author"), json_member_string (c, "author"));
      pen_field (pen, _("Text"), json_member_string (c, "text"));
      pen_field (pen, _("Page"), json_member_string (post, "page"));
      pen_field (pen, _("Post"), json_member_string (post, "permalink"));
      pen->y += 4;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (db, error);
  if (n == 0)
    pen_line (pen, BODY, 0, _("None: no action was taken on this comment."), NULL, 2);

  /* Flags and clauses */
  pen_heading (pen, _("Flags and policy clauses"));
  if (classification == NULL || classification->flags->len == 0)
    pen_line (pen, BODY, 0, _("None"), NULL, 2);
  for (guint i = 0; classification != NULL && i < classification->flags->len; i++)
    {
      const VigieFlag *f = &g_array_index (classification->flags, VigieFlag, i);
      const VigieCategory *category = policy ? vigie_policy_lookup_category (policy, f->category)
                                             : NULL;
      g_autofree char *line = NULL;

      /* TRANSLATORS: a flag: category, clause, score, "Threat — CISSS §10 (score 0.85)" */
      line = g_strdup_printf (_("%s — %s (score %.2f)"),
                              vigie_report_category_label (f->category),
                              f->clause ? f->clause : _("no clause"), f->score);
      pen_line (pen, "Sans Bold 10", 0, line, NULL, 2);
      for (guint j = 0; category != NULL && f->clause != NULL && j < category->n_clauses; j++)
        if (strstr (f->clause, category->clauses[j].ref) != NULL)
          {
            g_autofree char *quote = g_strdup_printf ("“%s” — %s, %s", category->clauses[j].text,
                                                      category->clauses[j].document,
                                                      category->clauses[j].section);
            pen_line (pen, "Sans Italic 9", 12, quote, NULL, 2);
          }
      pen->y += 2;
    }

  /* Actions and decisions */
  pen_heading (pen, _("Actions"));
  if (sqlite3_prepare_v2 (db, "SELECT id, kind, status, actor_name, actor_role, created_us,"
                              " updated_us, note, text, approval, decided_by, decided_role,"
                              " decision_note, decided_us, draft_text"
                              " FROM actions WHERE comment_id = ?1 ORDER BY id", -1, &stmt,
                          NULL) != SQLITE_OK)
    return sql_error (db, error);
  sqlite3_bind_int64 (stmt, 1, comment_id);
  n = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *status = (const char *) sqlite3_column_text (stmt, 2);
      const char *actor = (const char *) sqlite3_column_text (stmt, 3);
      const char *role = (const char *) sqlite3_column_text (stmt, 4);
      const char *approval = (const char *) sqlite3_column_text (stmt, 9);
      g_autofree char *when = format_time_us (sqlite3_column_int64 (stmt, 5));
      g_autofree char *title = NULL;
      g_autofree char *by = NULL;

      n++;
      /* TRANSLATORS: an action: number, kind, status, "#3 Hide — Applied" */
      title = g_strdup_printf (_("#%lld %s — %s"), (long long) sqlite3_column_int64 (stmt, 0),
                               vigie_report_kind_label (kind), status_label (status));
      pen_line (pen, "Sans Bold 10", 0, title, NULL, 2);
      /* TRANSLATORS: who and when: "Marie Côté (Delegate), 2026-11-12 14:05:00 UTC" */
      by = g_strdup_printf (_("%s (%s), %s"), actor ? actor : "?",
                            role ? vigie_role_get_label (role) : "?", when);
      pen_field (pen, _("By"), by);
      pen_field (pen, _("Note"), (const char *) sqlite3_column_text (stmt, 7));
      pen_field (pen, _("Text"), (const char *) sqlite3_column_text (stmt, 8));
      if (approval != NULL)
        {
          const char *decided_by = (const char *) sqlite3_column_text (stmt, 10);
          const char *decided_role = (const char *) sqlite3_column_text (stmt, 11);

          pen_field (pen, _("Director’s approval"), approval_label (approval));
          if (decided_by != NULL)
            {
              g_autofree char *decided_when = format_time_us (sqlite3_column_int64 (stmt, 13));
              g_autofree char *decided = g_strdup_printf (_("%s (%s), %s"), decided_by,
                                                          decided_role
                                                          ? vigie_role_get_label (decided_role)
                                                          : "?", decided_when);
              pen_field (pen, _("Decided by"), decided);
            }
          pen_field (pen, _("Director’s note"), (const char *) sqlite3_column_text (stmt, 12));
          pen_field (pen, _("Delegate’s draft"), (const char *) sqlite3_column_text (stmt, 14));
        }
      pen->y += 4;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (db, error);
  if (n == 0)
    pen_line (pen, BODY, 0, _("None"), NULL, 2);

  /* The audit trail */
  pen_heading (pen, _("Audit trail"));
  query.comment_id = comment_id;
  entries = vigie_audit_query (store, &query, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      VigieAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *when = format_time_us (e->time_us);
      /* TRANSLATORS: an audit entry: event, action, who (role) */
      g_autofree char *line = g_strdup_printf (_("%s — %s — %s (%s)"),
                                               vigie_audit_event_get_label (e->event),
                                               vigie_report_kind_label (e->kind),
                                               e->actor_name ? e->actor_name : "?",
                                               e->actor_role ? vigie_role_get_label (e->actor_role)
                                                             : "?");
      pen_line (pen, "Sans Bold 9", 0, when, NULL, 1);
      pen_line (pen, "Sans 9", 12, line, NULL, 1);
      if (e->note != NULL)
        pen_line (pen, "Sans Italic 9", 12, e->note, NULL, 1);
      pen->y += 3;
    }
  if (entries->len == 0)
    pen_line (pen, BODY, 0, _("None"), NULL, 2);
  return TRUE;
}

gboolean
vigie_report_write_incident_pdf (VigieStore  *store,
                                 gint64       comment_id,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Pen pen;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The comment first: no file for a comment that is not there */
  {
    g_autoptr(VigieComment) comment = vigie_store_get_comment (store, comment_id, error);

    if (comment == NULL)
      return FALSE;
  }

  _vigie_pdf_open (&pen, path, _("Incident report"));
  ok = cairo_status (pen.cr) != CAIRO_STATUS_SUCCESS ||
       draw_incident (&pen, store, comment_id, &local_error);
  if (!_vigie_pdf_close (&pen, path, error))
    return FALSE;
  if (!ok)
    {
      g_unlink (path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
