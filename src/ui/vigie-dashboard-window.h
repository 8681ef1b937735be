/* vigie-dashboard-window.h — the figures of a period, drawn: comments
 * received, flagged per category, actions per type, what awaits the
 * director, response times against the target, per page and platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-report.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_DASHBOARD_WINDOW (vigie_dashboard_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieDashboardWindow, vigie_dashboard_window, VIGIE, DASHBOARD_WINDOW,
                      AdwWindow)

/* The response target and business hours are read from @settings (may be
 * NULL: no target, wall-clock hours) */
GtkWidget   *vigie_dashboard_window_new        (VigieStore           *store,
                                                GSettings            *settings);
void         vigie_dashboard_window_set_period (VigieDashboardWindow *self,
                                                VigieReportPeriod     period);
/* The days @first_day to @last_day, both whole, in local time, as the
 * Custom Period dialog sets them; FALSE, and nothing changed, when
 * @last_day is before @first_day */
gboolean     vigie_dashboard_window_set_custom_period (VigieDashboardWindow *self,
                                                       const GDate          *first_day,
                                                       const GDate          *last_day);
/* Computes the figures again */
void         vigie_dashboard_window_reload     (VigieDashboardWindow *self);
VigieReport *vigie_dashboard_window_get_report (VigieDashboardWindow *self);
/* What the charts say, as a screen reader reads them: "category",
 * "action", "response" */
const char  *vigie_dashboard_window_get_chart_description (VigieDashboardWindow *self,
                                                          const char           *chart);
/* The CSV export, as the Export button writes it */
gboolean     vigie_dashboard_window_export     (VigieDashboardWindow *self,
                                                GFile                *file,
                                                GError              **error);

G_END_DECLS
