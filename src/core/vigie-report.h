/* vigie-report.h — the figures of a period, and the monthly accountability
 * report in PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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
} VigieReport;

/* "YYYY-MM" → [first day 00:00 UTC, first day of next month) */
gboolean     vigie_report_parse_month (const char  *month,
                                       gint64      *out_start,
                                       gint64      *out_end);

VigieReport *vigie_report_compute     (VigieStore  *store,
                                       gint64       start,
                                       gint64       end,
                                       GError     **error);
void         vigie_report_free        (VigieReport *report);

/* The count of @key1 × @key2 (@key2 NULL for one-key tables); 0 when absent */
gint64       vigie_report_lookup      (GPtrArray   *rows,
                                       const char  *key1,
                                       const char  *key2);

/* The monthly report, in the language of the locale (gettext) */
gboolean     vigie_report_write_pdf   (VigieReport *report,
                                       const char  *path,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieReport, vigie_report_free)

G_END_DECLS
