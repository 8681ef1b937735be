/* vigie-report.h — the figures of a period, and the monthly accountability
 * report in PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-store.h"

G_BEGIN_DECLS

/* One count under one or two keys */
typedef struct
{
  char   *key1;    /* platform, category, action kind, clause ("" without one) */
  char   *key2;    /* page name, action status, action kind; NULL when unused */
  gint64  count;
} VigieReportRow;

/* An urgent, threatening or illegal comment: no author, no text */
typedef struct
{
  gint64  comment_id;
  gint64  created;     /* Unix seconds */
  char   *platform;
  char   *category;    /* "threat", "illegal", or the first flag of an urgent comment */
  char   *action;      /* the first action taken on it, "none" without one */
} VigieReportIncident;

/* Response times of one platform × page */
typedef struct
{
  char   *key1;        /* platform */
  char   *key2;        /* page name */
  guint   n;           /* comments with a response */
  double  median_hours;
  double  p90_hours;
} VigieReportTimes;

/* How to count response times. Zero-initialise: wall-clock hours, no target. */
typedef struct
{
  gboolean   business_hours;    /* count only weekdays, from day_start_hour to day_end_hour */
  guint      day_start_hour;    /* 0–23, local time of @time_zone */
  guint      day_end_hour;      /* 1–24, after day_start_hour */
  GTimeZone *time_zone;         /* NULL: local time */
  double     target_hours;      /* the response time aimed at; 0 for none */
} VigieReportOptions;

typedef struct
{
  gint64     start;             /* [start, end), Unix seconds */
  gint64     end;
  char      *organisation;      /* setting organisation.name; may be NULL */
  gint64     n_comments;        /* received in the period */
  gint64     n_flagged;         /* of those, with at least one flag */
  gint64     n_actions;         /* queued in the period */
  gint64     n_pending;         /* actions still pending, queued before the end */
  GPtrArray *by_page;           /* VigieReportRow: platform × page */
  GPtrArray *by_category;       /* VigieReportRow: category (comments flagged with it) */
  GPtrArray *by_action;         /* VigieReportRow: kind × status */
  GPtrArray *by_clause;         /* VigieReportRow: clause × kind */
  guint      n_timed;           /* comments of the period with an applied action */
  double     median_hours;      /* comment creation → first applied action; -1 without any */
  double     p90_hours;         /* linear interpolation between closest ranks */
  GPtrArray *incidents;         /* VigieReportIncident, by date */
  gint64     n_awaiting;        /* actions queued before the end still awaiting the director
                                 * (proposals, urgent actions to confirm, escalations) */
  GPtrArray *times_by_page;     /* VigieReportTimes: platform × page */
  gboolean   business_hours;    /* the times are in business hours */
  double     target_hours;      /* 0 without a target */
  guint      n_within_target;   /* comments answered within the target */
} VigieReport;

/* "YYYY-MM" → [first day 00:00 UTC, first day of next month) */
gboolean     vigie_report_parse_month (const char  *month,
                                       gint64      *out_start,
                                       gint64      *out_end);

VigieReport *vigie_report_compute     (VigieStore  *store,
                                       gint64       start,
                                       gint64       end,
                                       GError     **error);
/* The same, with response times counted as @options says (NULL: wall-clock
 * hours, no target) */
VigieReport *vigie_report_compute_full (VigieStore               *store,
                                        gint64                    start,
                                        gint64                    end,
                                        const VigieReportOptions *options,
                                        GError                  **error);
void         vigie_report_free        (VigieReport *report);

/* Hours between @from and @to (Unix seconds) that fall on a weekday
 * between @day_start_hour and @day_end_hour in @time_zone (NULL: local) */
double       vigie_report_business_hours (gint64      from,
                                          gint64      to,
                                          guint       day_start_hour,
                                          guint       day_end_hour,
                                          GTimeZone  *time_zone);

/* "This month", "last month", "the last 7 days"… as [start, end) in Unix
 * seconds, local time, around @now */
typedef enum
{
  VIGIE_REPORT_PERIOD_THIS_MONTH,
  VIGIE_REPORT_PERIOD_LAST_MONTH,
  VIGIE_REPORT_PERIOD_LAST_7_DAYS,
  VIGIE_REPORT_PERIOD_LAST_30_DAYS,
} VigieReportPeriod;

void         vigie_report_period_get_range (VigieReportPeriod  period,
                                            GDateTime         *now,
                                            gint64            *out_start,
                                            gint64            *out_end);

/* The days @first to @last, both whole, as [start, end) in Unix seconds:
 * from midnight of @first to midnight after @last in @time_zone (NULL:
 * local time), whatever the length of the days (daylight saving time).
 * FALSE, and nothing set, when a date is invalid or @last is before @first */
gboolean     vigie_report_days_get_range (const GDate  *first,
                                          const GDate  *last,
                                          GTimeZone    *time_zone,
                                          gint64       *out_start,
                                          gint64       *out_end);

/* The figures as CSV (RFC 4180, UTF-8, a header line): section, key,
 * subkey, value; stable codes (categories, action kinds, platforms) */
gboolean     vigie_report_write_csv   (VigieReport    *report,
                                       GOutputStream  *stream,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* Translated labels for the report: a category in the language of the
 * interface (the default policy's label), an action kind, a platform */
const char  *vigie_report_category_label (const char *category);
const char  *vigie_report_kind_label     (const char *kind);
const char  *vigie_report_platform_label (const char *platform);

/* The count of @key1 × @key2 (@key2 NULL for one-key tables); 0 when absent */
gint64       vigie_report_lookup      (GPtrArray   *rows,
                                       const char  *key1,
                                       const char  *key2);

/* The monthly report, in the language of the locale (gettext) */
gboolean     vigie_report_write_pdf   (VigieReport *report,
                                       const char  *path,
                                       GError     **error);

/* The incident report ("signalement") of one comment, in the language of
 * the locale: the comment, each evidence snapshot with its SHA-256 (checked
 * again), its flags and the clauses they cite, every action with who did it
 * and when, the director's decisions, and the audit trail's entries */
gboolean     vigie_report_write_incident_pdf (VigieStore  *store,
                                              gint64       comment_id,
                                              const char  *path,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieReport, vigie_report_free)

G_END_DECLS
