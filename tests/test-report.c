/* test-report.c — the figures of a month on a small workspace, expected
 * numbers derived by hand, and the monthly report in PDF (through the API
 * and vigie-scan --report), read back with pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "vigie-import.h"
#include "vigie-report.h"
#include "test-actions-common.h"
#include "test-scan-common.h"

/* The workspace, by hand (tests/fixtures/report/fb-feed.json), one Facebook
 * post of the page "CISSS de la Côte-Boréale", comments at 10:00 UTC:
 *
 *   901  2026-10-20  insult  CISSS §10   hide, applied 1 h later (October: outside)
 *   902  2026-11-03  insult  CISSS §10   hide, applied 2 h later
 *   903  2026-11-04  threat  CISSS §12   urgent; hide, applied 4 h later
 *   904  2026-11-05  —                   reply, applied 1 h later
 *   905  2026-11-06  spam    CISSS §14   remove, applied 10 h later
 *   906  2026-11-07  insult  CISSS §10   hide, queued 1 h later, still pending
 *   907  2026-11-08  —                   nothing
 *
 * November: 6 comments, 4 flagged (insult 2, threat 1, spam 1); 5 actions:
 * hide applied 2, hide pending 1, reply applied 1, remove applied 1; by
 * clause: §10 × hide 2, §12 × hide 1, §14 × remove 1, no clause × reply 1;
 * response times 1, 2, 4, 10 h: median (2 + 4) / 2 = 3.0 h, 90th percentile
 * at rank 0.9 × 3 = 2.7: 4 + 0.7 × (10 − 4) = 8.2 h; 1 pending; 1 notable
 * incident (903, threat, hide). */

static gint64
at (int month,
    int day,
    int hour)
{
  g_autoptr(GDateTime) t = g_date_time_new_utc (2026, month, day, hour, 0, 0);

  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

static gint64
fb (Workspace  *w,
    const char *n)
{
  g_autofree char *id = g_strdup_printf ("900000000000001_%s", n);

  return comment_id (w, VIGIE_PLATFORM_FACEBOOK, id);
}

static void
flag (Workspace  *w,
      const char *n,
      const char *category,
      const char *clause,
      gboolean    urgent)
{
  g_autoptr(VigieClassification) result = vigie_classification_new ();
  g_autoptr(GError) error = NULL;
  VigieFlag f = { 0 };

  f.category = g_intern_string (category);
  f.clause = g_intern_string (clause);
  f.rule = g_intern_string ("test");
  f.score = 0.9;
  f.spans = g_array_new (FALSE, FALSE, sizeof (VigieSpan));
  g_array_append_val (result->flags, f);
  result->action = g_intern_string ("hide");
  result->urgent = urgent;
  result->severity = 3;
  result->lang = g_intern_string ("fr");
  g_assert_true (vigie_store_save_classification (w->store, fb (w, n), result, &error));
  g_assert_no_error (error);
}

/* @kind on comment @n at @now; applied at once unless @leave_pending */
static void
act (Workspace       *w,
     const char      *n,
     VigieActionKind  kind,
     gint64           now,
     gboolean         leave_pending)
{
  w->now = now;
  enqueue (w, kind, fb (w, n), kind == VIGIE_ACTION_REPLY ? "Bonjour, voici l’adresse." : NULL,
           NULL);
  if (!leave_pending)
    g_assert_cmpuint (process (w), ==, 1);
}

static void
report_setup (Workspace     *w,
              gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "report",
                                                    "fb-feed.json", NULL);
  const char *paths[] = { fixture, NULL };
  g_autoptr(GError) error = NULL;

  w->dir = g_dir_make_tmp ("vigie-report-XXXXXX", &error);
  g_assert_no_error (error);
  w->path = g_build_filename (w->dir, "workspace.vigie", NULL);
  w->now = at (10, 20, 11);
  workspace_open (w);
  vigie_outbox_set_grace_period (w->outbox, 0);
  set_organisation (w->store);
  g_assert_true (vigie_import_files (w->store, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  flag (w, "901", "insult", "CISSS §10", FALSE);
  flag (w, "902", "insult", "CISSS §10", FALSE);
  flag (w, "903", "threat", "CISSS §12", TRUE);
  flag (w, "905", "spam", "CISSS §14", FALSE);
  flag (w, "906", "insult", "CISSS §10", FALSE);

  act (w, "901", VIGIE_ACTION_HIDE, at (10, 20, 11), FALSE);
  act (w, "902", VIGIE_ACTION_HIDE, at (11, 3, 12), FALSE);
  act (w, "903", VIGIE_ACTION_HIDE, at (11, 4, 14), FALSE);
  act (w, "904", VIGIE_ACTION_REPLY, at (11, 5, 11), FALSE);
  act (w, "905", VIGIE_ACTION_REMOVE, at (11, 6, 20), FALSE);
  act (w, "906", VIGIE_ACTION_HIDE, at (11, 7, 11), TRUE);
}

static VigieReport *
november (Workspace *w)
{
  g_autoptr(GError) error = NULL;
  VigieReport *report;
  gint64 start, end;

  g_assert_true (vigie_report_parse_month ("2026-11", &start, &end));
  report = vigie_report_compute (w->store, start, end, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_month (void)
{
  gint64 start = 0, end = 0;

  g_assert_true (vigie_report_parse_month ("2026-11", &start, &end));
  g_assert_cmpint (start, ==, at (11, 1, 0) / G_USEC_PER_SEC);
  g_assert_cmpint (end, ==, at (12, 1, 0) / G_USEC_PER_SEC);
  g_assert_true (vigie_report_parse_month ("2026-12", &start, &end));
  g_assert_cmpint (end - start, ==, 31 * 24 * 3600);
  g_assert_false (vigie_report_parse_month ("2026-13", &start, &end));
  g_assert_false (vigie_report_parse_month ("2026-1", &start, &end));
  g_assert_false (vigie_report_parse_month ("november", &start, &end));
  g_assert_false (vigie_report_parse_month ("", &start, &end));
}

static void
test_figures (Workspace     *w,
              gconstpointer  data)
{
  g_autoptr(VigieReport) report = november (w);
  VigieReportIncident *incident;

  g_assert_cmpstr (report->organisation, ==, "CISSS de la Côte-Boréale");
  g_assert_cmpint (report->n_comments, ==, 6);
  g_assert_cmpint (report->n_flagged, ==, 4);
  g_assert_cmpint (report->n_actions, ==, 5);
  g_assert_cmpint (report->n_pending, ==, 1);

  g_assert_cmpuint (report->by_page->len, ==, 1);
  g_assert_cmpint (((VigieReportRow *) report->by_page->pdata[0])->count, ==, 6);
  g_assert_cmpstr (((VigieReportRow *) report->by_page->pdata[0])->key1, ==, "facebook");

  g_assert_cmpuint (report->by_category->len, ==, 3);
  g_assert_cmpint (vigie_report_lookup (report->by_category, "insult", NULL), ==, 2);
  g_assert_cmpint (vigie_report_lookup (report->by_category, "threat", NULL), ==, 1);
  g_assert_cmpint (vigie_report_lookup (report->by_category, "spam", NULL), ==, 1);

  g_assert_cmpuint (report->by_action->len, ==, 4);
  g_assert_cmpint (vigie_report_lookup (report->by_action, "hide", "applied"), ==, 2);
  g_assert_cmpint (vigie_report_lookup (report->by_action, "hide", "pending"), ==, 1);
  g_assert_cmpint (vigie_report_lookup (report->by_action, "reply", "applied"), ==, 1);
  g_assert_cmpint (vigie_report_lookup (report->by_action, "remove", "applied"), ==, 1);

  g_assert_cmpuint (report->by_clause->len, ==, 4);
  g_assert_cmpint (vigie_report_lookup (report->by_clause, "CISSS §10", "hide"), ==, 2);
  g_assert_cmpint (vigie_report_lookup (report->by_clause, "CISSS §12", "hide"), ==, 1);
  g_assert_cmpint (vigie_report_lookup (report->by_clause, "CISSS §14", "remove"), ==, 1);
  g_assert_cmpint (vigie_report_lookup (report->by_clause, "", "reply"), ==, 1);

  g_assert_cmpuint (report->n_timed, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->median_hours, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->p90_hours, 8.2, 1e-9);

  g_assert_cmpuint (report->incidents->len, ==, 1);
  incident = report->incidents->pdata[0];
  g_assert_cmpint (incident->comment_id, ==, fb (w, "903"));
  g_assert_cmpint (incident->created, ==, at (11, 4, 10) / G_USEC_PER_SEC);
  g_assert_cmpstr (incident->category, ==, "threat");
  g_assert_cmpstr (incident->action, ==, "hide");

  /* October: only 901 (1 h), and 906's hide still pending at report time is
   * not counted before it was queued */
  {
    g_autoptr(VigieReport) october = NULL;
    g_autoptr(GError) error = NULL;
    gint64 start, end;

    g_assert_true (vigie_report_parse_month ("2026-10", &start, &end));
    october = vigie_report_compute (w->store, start, end, &error);
    g_assert_no_error (error);
    g_assert_cmpint (october->n_comments, ==, 1);
    g_assert_cmpint (october->n_actions, ==, 1);
    g_assert_cmpint (october->n_pending, ==, 0);
    g_assert_cmpfloat_with_epsilon (october->median_hours, 1.0, 1e-9);
    g_assert_cmpuint (october->incidents->len, ==, 0);
  }
}

/* Business hours, by hand: weekdays 8:00–17:00 UTC */
static void
test_business_hours (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  /* Friday 16:00 → Monday 10:00: 1 h on Friday, 2 h on Monday */
  g_assert_cmpfloat_with_epsilon (vigie_report_business_hours (at (11, 6, 16) / G_USEC_PER_SEC,
                                                               at (11, 9, 10) / G_USEC_PER_SEC,
                                                               8, 17, utc), 3.0, 1e-9);
  /* Within one morning */
  g_assert_cmpfloat_with_epsilon (vigie_report_business_hours (at (11, 3, 9) / G_USEC_PER_SEC,
                                                               at (11, 3, 11) / G_USEC_PER_SEC +
                                                               1800, 8, 17, utc), 2.5, 1e-9);
  /* A weekend, a night */
  g_assert_cmpfloat_with_epsilon (vigie_report_business_hours (at (11, 7, 9) / G_USEC_PER_SEC,
                                                               at (11, 8, 20) / G_USEC_PER_SEC,
                                                               8, 17, utc), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (vigie_report_business_hours (at (11, 3, 18) / G_USEC_PER_SEC,
                                                               at (11, 4, 7) / G_USEC_PER_SEC,
                                                               8, 17, utc), 0.0, 1e-9);
  /* Nonsense gives 0 */
  g_assert_cmpfloat_with_epsilon (vigie_report_business_hours (at (11, 4, 9) / G_USEC_PER_SEC,
                                                               at (11, 3, 9) / G_USEC_PER_SEC,
                                                               8, 17, utc), 0.0, 1e-9);
}

/* A chosen period: whole days in the time zone, the last one included,
 * even when daylight saving time ends (1 November 2026 in Toronto: 25 h) */
static void
test_days (void)
{
  g_autoptr(GTimeZone) toronto = g_time_zone_new_identifier ("America/Toronto");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) first_midnight = NULL;
  g_autoptr(GDateTime) after_last = NULL;
  GDate first, last, bad;
  gint64 start = -1, end = -1;

  if (toronto == NULL)
    {
      g_test_skip ("No America/Toronto in the time zone database");
      return;
    }
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_clear (&bad, 1);

  /* One day, in UTC: 24 h from its midnight */
  g_date_set_dmy (&first, 3, G_DATE_NOVEMBER, 2026);
  g_assert_true (vigie_report_days_get_range (&first, &first, utc, &start, &end));
  g_assert_cmpint (start, ==, at (11, 3, 0) / G_USEC_PER_SEC);
  g_assert_cmpint (end - start, ==, 24 * 3600);

  /* 31 October to 1 November in Toronto: 24 h + 25 h, from 00:00 EDT (04:00
   * UTC) to 00:00 EST on 2 November (05:00 UTC) */
  g_date_set_dmy (&first, 31, G_DATE_OCTOBER, 2026);
  g_date_set_dmy (&last, 1, G_DATE_NOVEMBER, 2026);
  g_assert_true (vigie_report_days_get_range (&first, &last, toronto, &start, &end));
  first_midnight = g_date_time_new_utc (2026, 10, 31, 4, 0, 0);
  after_last = g_date_time_new_utc (2026, 11, 2, 5, 0, 0);
  g_assert_cmpint (start, ==, g_date_time_to_unix (first_midnight));
  g_assert_cmpint (end, ==, g_date_time_to_unix (after_last));
  g_assert_cmpint (end - start, ==, 49 * 3600);

  /* The last day before the first, or an invalid date: refused, untouched */
  start = end = -1;
  g_assert_false (vigie_report_days_get_range (&last, &first, toronto, &start, &end));
  g_assert_false (vigie_report_days_get_range (&bad, &last, toronto, &start, &end));
  g_assert_cmpint (start, ==, -1);
  g_assert_cmpint (end, ==, -1);
}

/* The dashboard's figures: response times in business hours against a
 * target, by page, what awaits the director, and the CSV export.
 * In business hours (weekdays 8–17 UTC) the November responses are:
 * 902 Tue 10→12 h: 2 h; 903 Wed 10→14 h: 4 h; 904 Thu 10→11 h: 1 h;
 * 905 Fri 10→20 h: 7 h (17 h closes). Sorted 1, 2, 4, 7: median 3.0 h,
 * 90th percentile 4 + 0.7 × (7 − 4) = 6.1 h; within a 3 h target: 2. */
static void
test_options (Workspace     *w,
              gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  VigieReportOptions options = { TRUE, 8, 17, utc, 3.0 };
  g_autoptr(VigieReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autofree char *csv = NULL;
  VigieReportTimes *times;
  gint64 start, end;

  /* An escalation awaits the director */
  w->now = at (11, 8, 12);
  enqueue (w, VIGIE_ACTION_ESCALATE, fb (w, "907"), NULL, "Menace voilée?");

  g_assert_true (vigie_report_parse_month ("2026-11", &start, &end));
  report = vigie_report_compute_full (w->store, start, end, &options, &error);
  g_assert_no_error (error);
  g_assert_true (report->business_hours);
  g_assert_cmpuint (report->n_timed, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->median_hours, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->p90_hours, 6.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->target_hours, 3.0, 1e-9);
  g_assert_cmpuint (report->n_within_target, ==, 2);
  g_assert_cmpint (report->n_awaiting, ==, 1);
  g_assert_cmpuint (report->times_by_page->len, ==, 1);
  times = report->times_by_page->pdata[0];
  g_assert_cmpstr (times->key1, ==, "facebook");
  g_assert_cmpstr (times->key2, ==, "CISSS de la Côte-Boréale");
  g_assert_cmpuint (times->n, ==, 4);
  g_assert_cmpfloat_with_epsilon (times->median_hours, 3.0, 1e-9);

  g_assert_true (vigie_report_write_csv (report, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  csv = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  {
    const char *expected[] = {
      "section,key,subkey,value\r\n",
      "period,start,,2026-11-01T00:00:00Z\r\n",
      "total,comments_received,,6\r\n",
      "total,comments_flagged,,4\r\n",
      "total,actions,,6\r\n",
      "total,awaiting_director,,1\r\n",
      "comments_by_page,facebook,CISSS de la Côte-Boréale,6\r\n",
      "flagged_by_category,insult,,2\r\n",
      "actions_by_kind,hide,applied,2\r\n",
      "actions_by_kind,escalate,pending,1\r\n",
      "actions_by_clause,CISSS §10,hide,2\r\n",
      "response,median_hours,,3.00\r\n",
      "response,p90_hours,,6.10\r\n",
      "response,within_target,,2\r\n",
      "response_by_page,facebook — CISSS de la Côte-Boréale,median_hours,3.00\r\n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (strstr (csv, expected[i]) == NULL)
        g_error ("“%s” is not in the CSV:\n%s", expected[i], csv);
  }
}

/* pdftotext's text of @pdf; NULL (test skipped) without pdftotext, unless
 * VIGIE_REQUIRE_DISPLAY is set */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { NULL, "-layout", "-enc", "UTF-8", pdf, "-", NULL };

  if (tool == NULL)
    {
      g_assert_null (g_getenv ("VIGIE_REQUIRE_DISPLAY"));
      g_test_skip ("pdftotext is missing");
      return NULL;
    }
  argv[0] = tool;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
check_pdf (const char *pdf)
{
  g_autofree char *text = pdf_text (pdf);
  const char *expected[] = {
    "Monthly moderation report", "November 2026",
    "CISSS de la Côte-Boréale",
    "Summary", "By policy clause", "Actions", "Response times", "Notable incidents",
    "Comments received", "Actions still pending",
    "CISSS §10 × Hide", "CISSS §12 × Hide", "CISSS §14 × Remove", "no clause × Reply",
    "Hide (Applied)", "Hide (Pending)", "Remove (Applied)", "Reply (Applied)",
    "3.0 h", "8.2 h", "Awaiting the director",
    /* Labels, not codes: the policy's category names, the platform's */
    "Insult", "Threat", "Spam and advertising", "Facebook — CISSS de la Côte-Boréale",
    "2026-11-04 — Facebook — Threat — action: Hide",
  };

  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in the report:\n%s", expected[i], text);
  /* no author names, no comment text */
  g_assert_null (strstr (text, "Bruno"));
  g_assert_null (strstr (text, "régler"));
  g_assert_null (strstr (text, "Octave"));
}

static void
test_pdf (Workspace     *w,
          gconstpointer  data)
{
  g_autoptr(VigieReport) report = november (w);
  g_autofree char *pdf = g_build_filename (w->dir, "report.pdf", NULL);
  g_autofree char *bad = g_build_filename (w->dir, "no-such-dir", "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  check_pdf (pdf);

  g_assert_false (vigie_report_write_pdf (report, bad, &error));
  g_assert_nonnull (error);
  g_unlink (pdf);
}

static void
test_scan (Workspace     *w,
           gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (w->dir, "scan.pdf", NULL);
  g_autofree char *bad = g_build_filename (w->dir, "no-such-dir", "scan.pdf", NULL);
  g_autofree char *missing = g_build_filename (w->dir, "missing.vigie", NULL);
  const char *ok[] = { "--report", "month=2026-11", "--db", w->path, "--output", pdf, NULL };
  const char *french[] = { "--report", "month=2026-11", "--db", w->path, "--output", pdf,
                           "--lang", "fr", NULL };
  const char *bad_lang[] = { "--report", "month=2026-11", "--db", w->path, "--output", bad,
                             "--lang", "de", NULL };
  const char *bad_month[] = { "--report", "month=2026-13", "--db", w->path, "--output", pdf,
                              NULL };
  const char *bad_spec[] = { "--report", "2026-11", "--db", w->path, "--output", pdf, NULL };
  const char *no_db[] = { "--report", "month=2026-11", "--db", missing, "--output", pdf, NULL };
  const char *no_output[] = { "--report", "month=2026-11", "--db", w->path, NULL };
  const char *unwritable[] = { "--report", "month=2026-11", "--db", w->path, "--output", bad,
                               NULL };
  char *err = NULL;

  workspace_close (w);

  g_assert_cmpint (run_scan (ok, NULL, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  check_pdf (pdf);
  if (g_getenv ("VIGIE_KEEP_REPORT") != NULL)
    {
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (g_getenv ("VIGIE_KEEP_REPORT"), contents, len, NULL));
    }
  g_unlink (pdf);

  /* In French whatever the locale: the report's words, the month, the labels */
  g_assert_cmpint (run_scan (french, NULL, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *text = pdf_text (pdf);

    if (text != NULL)
      {
        g_assert_nonnull (strstr (text, "Rapport mensuel de modération"));
        g_assert_nonnull (strstr (text, "novembre 2026"));
        g_assert_nonnull (strstr (text, "Menace"));
        g_assert_null (strstr (text, "Summary"));
      }
  }
  g_unlink (pdf);
  g_assert_cmpint (run_scan (bad_lang, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--lang must be fr or en"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_scan (bad_month, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "month=YYYY-MM"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_scan (bad_spec, NULL, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_scan (no_db, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no workspace"));
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_scan (no_output, NULL, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_scan (unwritable, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Cannot write the report"));
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  workspace_open (w);
}

/* The incident report of 903 (a threat): the delegate proposed a ban, the
 * director approved it with a note; through the API and vigie-scan
 * --incident, in English and in French */
static void
test_incident (Workspace     *w,
               gconstpointer  data)
{
  g_autoptr(VigiePolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (w->dir, "incident.pdf", NULL);
  g_autofree char *pdf_fr = g_build_filename (w->dir, "incident-fr.pdf", NULL);
  g_autofree char *missing_pdf = g_build_filename (w->dir, "none.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *hash_line = NULL;
  VigieActionRequest request = { 0 };
  gint64 id;

  policy = vigie_policy_new_default (&error);
  g_assert_no_error (error);
  vigie_outbox_set_policy (w->outbox, policy);
  w->now = at (11, 4, 11);
  request.kind = VIGIE_ACTION_BAN;
  request.comment_id = fb (w, "903");
  request.actor_name = "Marie Côté";
  request.actor_role = "delegate";
  request.note = "Menace explicite";
  id = vigie_outbox_enqueue (w->outbox, &request, &error);
  g_assert_no_error (error);
  w->now = at (11, 4, 12);
  g_assert_true (vigie_outbox_approve (w->outbox, id, NULL, "Police avisée", "Hélène Bouchard",
                                       "director", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (process (w), ==, 1);
  {
    g_autoptr(VigieAction) action = vigie_outbox_get_action (w->outbox, id, &error);
    sha256 = g_strdup (action->evidence_sha256);
  }
  hash_line = g_strconcat ("SHA-256: ", sha256, NULL);

  /* Through the API */
  g_assert_true (vigie_report_write_incident_pdf (w->store, fb (w, "903"), pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text == NULL)
    return;
  {
    const char *expected[] = {
      "Incident report", "CISSS de la Côte-Boréale",
      "The comment", "Platform: Facebook", "Evidence", "Flags and policy clauses", "Actions",
      "Audit trail",
      hash_line, "Checked: the snapshot is unchanged.",
      "Threat — CISSS §12 (score 0.90)",
      "Hide — Applied", "Ban Author — Applied",
      "By: Marie Côté (Delegate), 2026-11-04 11:00:00 UTC",
      "Note: Menace explicite",
      "Director’s approval: approved",
      "Decided by: Hélène Bouchard (Director), 2026-11-04 12:00:00 UTC",
      "Director’s note: Police avisée",
      "Proposed to the director — Ban Author — Marie Côté (Delegate)",
      "Approved — Ban Author — Hélène Bouchard (Director)",
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (strstr (text, expected[i]) == NULL)
        g_error ("“%s” is not in the incident report:\n%s", expected[i], text);
  }
  /* Not another comment's */
  g_assert_null (strstr (text, "Spam"));

  /* No report for a comment that is not there, and no file either */
  g_assert_false (vigie_report_write_incident_pdf (w->store, 999999, missing_pdf, &error));
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing_pdf, G_FILE_TEST_EXISTS));

  /* vigie-scan --incident, in French: the policy's French labels */
  workspace_close (w);
  {
    const char *args[] = { "--incident", "facebook:900000000000001_903", "--db", w->path,
                           "--output", pdf_fr, "--lang", "fr", NULL };
    const char *unknown[] = { "--incident", "facebook:nope", "--db", w->path, "--output",
                              missing_pdf, NULL };
    const char *bad_lang[] = { "--incident", "facebook:900000000000001_903", "--db", w->path,
                               "--output", missing_pdf, "--lang", "de", NULL };
    g_autofree char *fr = NULL;
    char *err = NULL;

    g_assert_cmpint (run_scan (args, NULL, &err), ==, 0);
    g_clear_pointer (&err, g_free);
    fr = pdf_text (pdf_fr);
    g_assert_nonnull (strstr (fr, "Menace — CISSS §12"));
    /* the report's own words too, whatever the locale */
    g_assert_nonnull (strstr (fr, "Rapport d’incident"));
    g_assert_nonnull (strstr (fr, hash_line));

    g_assert_cmpint (run_scan (unknown, NULL, &err), ==, 2);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_scan (bad_lang, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--lang must be fr or en"));
    g_clear_pointer (&err, g_free);
    g_assert_false (g_file_test (missing_pdf, G_FILE_TEST_EXISTS));
  }
  workspace_open (w);
  g_unlink (pdf);
  g_unlink (pdf_fr);
}

/* The page's own answers on the platform count as replies: by hand
 * (tests/fixtures/report/fb-page-replies.json), comments at 10:00 UTC:
 *
 *   911  2026-11-10  the page answers at 13:00                     3 h
 *   913  2026-11-11  hidden at 11:00, the page answers at 16:00    1 h
 *   915  2026-11-12  no answer
 *
 * 3 comments received (the page's 2 answers are not), 2 timed: median
 * (1 + 3) / 2 = 2.0 h, 90th percentile 1 + 0.9 × (3 − 1) = 2.8 h. */
static void
test_page_replies (Workspace     *w,
                   gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "report",
                                                    "fb-page-replies.json", NULL);
  const char *paths[] = { fixture, NULL };
  const char *ids[] = { "911", "912", "913", "914", "915" };
  g_autoptr(VigieReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  w->dir = g_dir_make_tmp ("vigie-report-XXXXXX", &error);
  g_assert_no_error (error);
  w->path = g_build_filename (w->dir, "workspace.vigie", NULL);
  w->now = at (11, 11, 11);
  workspace_open (w);
  vigie_outbox_set_grace_period (w->outbox, 0);
  g_assert_true (vigie_import_files (w->store, paths, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Classified, as after every import: the page's answers are set apart */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(VigieClassification) result = vigie_classification_new ();
      g_autofree char *id = g_strdup_printf ("900000000000002_%s", ids[i]);

      g_assert_true (vigie_store_save_classification (w->store,
                                                      comment_id (w, VIGIE_PLATFORM_FACEBOOK, id),
                                                      result, &error));
      g_assert_no_error (error);
    }
  enqueue (w, VIGIE_ACTION_HIDE, comment_id (w, VIGIE_PLATFORM_FACEBOOK, "900000000000002_913"),
           NULL, NULL);
  g_assert_cmpuint (process (w), ==, 1);

  g_assert_true (vigie_report_parse_month ("2026-11", &start, &end));
  report = vigie_report_compute (w->store, start, end, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->n_comments, ==, 3);
  g_assert_cmpuint (report->n_timed, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->median_hours, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->p90_hours, 2.8, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/month", test_month);
  g_test_add ("/report/figures", Workspace, NULL, report_setup, test_figures,
              workspace_teardown);
  g_test_add ("/report/pdf", Workspace, NULL, report_setup, test_pdf, workspace_teardown);
  g_test_add_func ("/report/business-hours", test_business_hours);
  g_test_add_func ("/report/days", test_days);
  g_test_add ("/report/incident", Workspace, NULL, report_setup, test_incident,
              workspace_teardown);
  g_test_add ("/report/options", Workspace, NULL, report_setup, test_options, workspace_teardown);
  g_test_add ("/report/scan", Workspace, NULL, report_setup, test_scan, workspace_teardown);
  g_test_add ("/report/page-replies", Workspace, NULL, NULL, test_page_replies,
              workspace_teardown);

  return g_test_run ();
}
