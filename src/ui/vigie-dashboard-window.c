/* vigie-dashboard-window.c — the figures of a period, drawn
 *
 * The figures are vigie-report.c's (the monthly PDF's): computed once, drawn
 * with cairo in GtkDrawingAreas in the colours of the theme (the text's
 * colour, the accent). The numbers are drawn on the bars and are, as text,
 * each chart's accessible label; only what the bars do not show (the
 * target, an empty period) is also written under them.
 *
 * The period is a preset (this month…) or days chosen in the Custom Period
 * dialog, whole days in local time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-dashboard-window"

#include "config.h"

#include "vigie-dashboard-window.h"

#include "vigie-format.h"

#include <glib/gi18n.h>
#include <math.h>

#define BAR_HEIGHT 26
#define BAR_GAP    6

/* The dropdown's last item, after the presets of VigieReportPeriod */
#define CUSTOM_PERIOD (VIGIE_REPORT_PERIOD_LAST_30_DAYS + 1)

typedef struct
{
  char   *label;
  double  value;
  char   *value_text;
} Bar;

typedef struct
{
  GPtrArray *bars;     /* Bar */
  double     target;   /* a vertical line at this value; < 0 for none */
} Chart;

typedef struct
{
  GtkWidget *area;
  GtkLabel  *numbers;
  char      *description;
} ChartView;

struct _VigieDashboardWindow
{
  AdwWindow             parent_instance;

  GtkDropDown          *period_dropdown;
  GtkLabel             *period_label;
  GtkWidget            *change_button;
  GtkLabel             *received_label;
  GtkLabel             *flagged_label;
  GtkLabel             *actions_label;
  GtkLabel             *awaiting_label;
  GtkLabel             *response_label;
  GtkListBox           *pages_list;
  ChartView             category;
  ChartView             action;
  ChartView             response;
  AdwToastOverlay      *toast_overlay;

  /* Owned */
  VigieStore           *store;
  GSettings            *settings;
  VigieReport          *report;
  GtkFileChooserNative *chooser;

  /* The period shown: a VigieReportPeriod or CUSTOM_PERIOD, then the days */
  guint                 period;
  GDate                 first_day;
  GDate                 last_day;
  gboolean              setting_period;
  AdwMessageDialog     *custom_dialog;  /* weak */
};

G_DEFINE_FINAL_TYPE (VigieDashboardWindow, vigie_dashboard_window, ADW_TYPE_WINDOW)

static void
bar_free (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->value_text);
  g_free (bar);
}

static void
chart_free (gpointer data)
{
  Chart *chart = data;

  g_ptr_array_unref (chart->bars);
  g_free (chart);
}

static char *
format_hours (double hours)
{
  if (hours < 0)
    return g_strdup ("—");
  if (hours < 1)
    /* Translators: a duration in minutes, "45 min" */
    return g_strdup_printf (_("%.0f min"), hours * 60);
  /* Translators: a duration in hours, "3.5 h" */
  return g_strdup_printf (_("%.1f h"), hours);
}

static char *
format_day (GDateTime *day)
{
  /* Translators: a day of the dashboard's period, "3 November 2026", for
   * g_date_time_format(): %-d the day without padding, %B the month's name,
   * %Y the year. Keep the month in letters; French: "%-d %B %Y" */
  return g_date_time_format (day, _("%-d %B %Y"));
}

static GDateTime *
date_time_new_from_date (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 0, 0, 0);
}

static void
date_set_from_date_time (GDate     *date,
                         GDateTime *time)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                  g_date_time_get_year (time));
}

/* Drawing */

static gboolean
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  GtkWidget *widget = GTK_WIDGET (area);
  Chart *chart = g_object_get_data (G_OBJECT (area), "vigie-chart");
  GdkRGBA fg, accent, target_color;
  double max = 0, label_width = 0, value_width = 0, x0, bar_space;

  if (chart == NULL || chart->bars->len == 0)
    return;

  /* The theme's colours: readable in light and dark styles */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (!lookup_color (widget, "accent_bg_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  if (!lookup_color (widget, "warning_color", &target_color))
    target_color = (GdkRGBA) { 0.8, 0.5, 0, 1 };

  for (guint i = 0; i < chart->bars->len; i++)
    {
      Bar *bar = g_ptr_array_index (chart->bars, i);
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, bar->label);
      g_autoptr(PangoLayout) value = gtk_widget_create_pango_layout (widget, bar->value_text);
      int w, h;

      max = MAX (max, bar->value);
      pango_layout_get_pixel_size (label, &w, &h);
      label_width = MAX (label_width, w);
      pango_layout_get_pixel_size (value, &w, &h);
      value_width = MAX (value_width, w);
    }
  if (chart->target > 0)
    max = MAX (max, chart->target);
  if (max <= 0)
    max = 1;
  label_width = MIN (label_width, width * 0.45);
  x0 = label_width + 12;
  bar_space = MAX (width - x0 - value_width - 12, 10);

  for (guint i = 0; i < chart->bars->len; i++)
    {
      Bar *bar = g_ptr_array_index (chart->bars, i);
      double y = i * (BAR_HEIGHT + BAR_GAP);
      double w = bar_space * bar->value / max;
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, bar->label);
      g_autoptr(PangoLayout) value = gtk_widget_create_pango_layout (widget, bar->value_text);
      int lw, lh;

      pango_layout_set_width (label, (int) (label_width * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &lw, &lh);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y + (BAR_HEIGHT - lh) / 2.0);
      pango_cairo_show_layout (cr, label);

      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, x0, y + 3, MAX (w, bar->value > 0 ? 2 : 0), BAR_HEIGHT - 6);
      cairo_fill (cr);

      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, x0 + w + 6, y + (BAR_HEIGHT - lh) / 2.0);
      pango_cairo_show_layout (cr, value);
    }

  if (chart->target > 0)
    {
      double x = x0 + bar_space * chart->target / max;
      double dash[] = { 4, 3 };

      gdk_cairo_set_source_rgba (cr, &target_color);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);
    }
}

static void
chart_view_set (ChartView  *view,
                const char *title,
                Chart      *chart,
                const char *extra)
{
  g_autoptr(GString) numbers = g_string_new (NULL);

  for (guint i = 0; i < chart->bars->len; i++)
    {
      Bar *bar = g_ptr_array_index (chart->bars, i);

      if (numbers->len > 0)
        g_string_append_c (numbers, '\n');
      /* Translators: a chart's figure as text, "Insult: 25" */
      g_string_append_printf (numbers, _("%s: %s"), bar->label, bar->value_text);
    }
  if (extra != NULL)
    {
      if (numbers->len > 0)
        g_string_append_c (numbers, '\n');
      g_string_append (numbers, extra);
    }
  if (numbers->len == 0)
    g_string_append (numbers, _("None in this period"));

  /* The bars show their numbers: as text, only what they do not show */
  if (extra != NULL)
    gtk_label_set_text (view->numbers, extra);
  else if (chart->bars->len == 0)
    gtk_label_set_text (view->numbers, numbers->str);
  else
    gtk_label_set_text (view->numbers, "");
  gtk_widget_set_visible (GTK_WIDGET (view->numbers),
                          *gtk_label_get_text (view->numbers) != '\0');
  g_free (view->description);
  /* Translators: what a screen reader says of a chart: its title, then its
   * figures */
  view->description = g_strdup_printf (_("%s. %s"), title, numbers->str);
  g_strdelimit (view->description, "\n", ';');
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  view->description, -1);
  /* Empty, it takes no room: the label under it says so */
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (view->area),
                                       chart->bars->len * (BAR_HEIGHT + BAR_GAP));
  g_object_set_data_full (G_OBJECT (view->area), "vigie-chart", chart, chart_free);
  gtk_widget_queue_draw (view->area);
}

static Chart *
chart_new (void)
{
  Chart *chart = g_new0 (Chart, 1);

  chart->bars = g_ptr_array_new_with_free_func (bar_free);
  chart->target = -1;
  return chart;
}

static void
chart_add (Chart      *chart,
           const char *label,
           double      value,
           char       *value_text)
{
  Bar *bar = g_new0 (Bar, 1);

  bar->label = g_strdup (label);
  bar->value = value;
  bar->value_text = value_text;
  g_ptr_array_add (chart->bars, bar);
}

/* Figures */

static double
target_hours (VigieDashboardWindow *self)
{
  return self->settings != NULL
         ? g_settings_get_uint (self->settings, "response-target-minutes") / 60.0 : 0;
}

static void
set_number (GtkLabel *label,
            gint64    n)
{
  g_autofree char *text = vigie_format_number (MAX (n, 0));

  gtk_label_set_text (label, text);
}

static void
show_report (VigieDashboardWindow *self)
{
  VigieReport *report = self->report;
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (report->start);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (report->end - 1);
  g_autofree char *from = format_day (start);
  g_autofree char *to = format_day (last);
  g_autofree char *period = NULL;
  g_autofree char *median = format_hours (report->median_hours);
  g_autofree char *p90 = format_hours (report->p90_hours);
  g_autofree char *target = NULL;
  g_autofree char *response_text = NULL;
  g_autofree char *within = NULL;
  Chart *chart;
  GtkWidget *child;

  /* Translators: the period of the dashboard, "From 1 November 2026 to 30
   * November 2026" */
  period = g_strdup_printf (_("From %s to %s"), from, to);
  gtk_label_set_text (self->period_label, period);
  set_number (self->received_label, report->n_comments);
  set_number (self->flagged_label, report->n_flagged);
  set_number (self->actions_label, report->n_actions);
  set_number (self->awaiting_label, report->n_awaiting);

  /* Flagged, per category */
  chart = chart_new ();
  for (guint i = 0; i < report->by_category->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_category, i);

      chart_add (chart, vigie_report_category_label (row->key1), row->count,
                 vigie_format_number (row->count));
    }
  chart_view_set (&self->category, _("Comments flagged per category"), chart, NULL);

  /* Actions, per type (every status together) */
  chart = chart_new ();
  {
    g_autoptr(GHashTable) totals = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) order = g_ptr_array_new ();

    for (guint i = 0; i < report->by_action->len; i++)
      {
        VigieReportRow *row = g_ptr_array_index (report->by_action, i);
        gpointer total;

        if (!g_hash_table_lookup_extended (totals, row->key1, NULL, &total))
          {
            total = GINT_TO_POINTER (0);
            g_ptr_array_add (order, row->key1);
          }
        g_hash_table_insert (totals, row->key1,
                             GINT_TO_POINTER (GPOINTER_TO_INT (total) + (int) row->count));
      }
    for (guint i = 0; i < order->len; i++)
      {
        int n = GPOINTER_TO_INT (g_hash_table_lookup (totals, order->pdata[i]));

        chart_add (chart, vigie_report_kind_label (order->pdata[i]), n, vigie_format_number (n));
      }
  }
  chart_view_set (&self->action, _("Actions per type"), chart, NULL);

  /* Response times against the target */
  chart = chart_new ();
  if (report->n_timed > 0)
    {
      chart_add (chart, _("Median"), report->median_hours, g_strdup (median));
      chart_add (chart, _("90th percentile"), report->p90_hours, g_strdup (p90));
    }
  if (report->target_hours > 0)
    {
      chart->target = report->target_hours;
      target = format_hours (report->target_hours);
      if (report->n_timed > 0)
        /* Translators: "Target: 4.0 h; 12 of 15 comments answered within it" */
        within = g_strdup_printf (_("Target: %s; %u of %u comments answered within it"), target,
                                  report->n_within_target, report->n_timed);
      else
        within = g_strdup_printf (_("Target: %s"), target);
    }
  chart_view_set (&self->response, _("Time from a comment to its first action or reply"), chart,
                  within);
  if (report->business_hours)
    response_text = g_strdup (_("In business hours, weekdays only; the target is the dashed "
                                "line."));
  else
    response_text = g_strdup (report->target_hours > 0
                              ? _("In hours, nights and weekends included; the target is the "
                                  "dashed line.")
                              : _("In hours, nights and weekends included. Set a target in "
                                  "Preferences."));
  gtk_label_set_text (self->response_label, response_text);

  /* Per page and platform */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_list))) != NULL)
    gtk_list_box_remove (self->pages_list, child);
  for (guint i = 0; i < report->by_page->len; i++)
    {
      VigieReportRow *row = g_ptr_array_index (report->by_page, i);
      GtkWidget *list_row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *count = vigie_format_number (row->count);
      VigieReportTimes *times = NULL;

      for (guint j = 0; j < report->times_by_page->len; j++)
        {
          VigieReportTimes *t = g_ptr_array_index (report->times_by_page, j);

          if (g_strcmp0 (t->key1, row->key1) == 0 && g_strcmp0 (t->key2, row->key2) == 0)
            times = t;
        }
      /* Translators: "Facebook — CISSS de la Côte-Nord" */
      title = g_strdup_printf (_("%s — %s"), vigie_report_platform_label (row->key1),
                               row->key2 && *row->key2 ? row->key2 : "?");
      if (times != NULL)
        {
          g_autofree char *m = format_hours (times->median_hours);
          g_autofree char *p = format_hours (times->p90_hours);

          /* Translators: "120 comments; response: median 2.0 h, 90th percentile 7.5 h" */
          subtitle = g_strdup_printf (ngettext ("%s comment; response: median %s, 90th "
                                                "percentile %s",
                                                "%s comments; response: median %s, 90th "
                                                "percentile %s", (gulong) row->count),
                                      count, m, p);
        }
      else
        subtitle = g_strdup_printf (ngettext ("%s comment; none answered yet",
                                              "%s comments; none answered yet",
                                              (gulong) row->count), count);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (list_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (list_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (list_row), subtitle);
      gtk_list_box_append (self->pages_list, list_row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pages_list), report->by_page->len > 0);
}

void
vigie_dashboard_window_reload (VigieDashboardWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  VigieReportOptions options = { 0 };
  VigieReport *report;
  gint64 start, end;

  g_return_if_fail (VIGIE_IS_DASHBOARD_WINDOW (self));

  if (self->period == CUSTOM_PERIOD)
    {
      if (!vigie_report_days_get_range (&self->first_day, &self->last_day, NULL, &start, &end))
        g_return_if_reached ();
    }
  else
    vigie_report_period_get_range (self->period, now, &start, &end);
  options.target_hours = target_hours (self);
  if (self->settings != NULL)
    {
      options.business_hours = g_settings_get_boolean (self->settings, "business-hours");
      options.day_start_hour = g_settings_get_uint (self->settings, "business-hours-start");
      options.day_end_hour = g_settings_get_uint (self->settings, "business-hours-end");
    }
  report = vigie_report_compute_full (self->store, start, end, &options, &error);
  if (report == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot compute the figures: %s"),
                                               error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  g_clear_pointer (&self->report, vigie_report_free);
  self->report = report;
  show_report (self);
}

/* The dropdown, without opening the Custom Period dialog */
static void
show_period (VigieDashboardWindow *self,
             guint                 period)
{
  self->setting_period = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, period);
  self->setting_period = FALSE;
}

static void
select_period (VigieDashboardWindow *self,
               guint                 period)
{
  show_period (self, period);
  self->period = period;
  gtk_widget_set_visible (self->change_button, period == CUSTOM_PERIOD);
  vigie_dashboard_window_reload (self);
}

void
vigie_dashboard_window_set_period (VigieDashboardWindow *self,
                                   VigieReportPeriod     period)
{
  g_return_if_fail (VIGIE_IS_DASHBOARD_WINDOW (self));
  g_return_if_fail (period < CUSTOM_PERIOD);

  select_period (self, period);
}

gboolean
vigie_dashboard_window_set_custom_period (VigieDashboardWindow *self,
                                          const GDate          *first_day,
                                          const GDate          *last_day)
{
  gint64 start, end;

  g_return_val_if_fail (VIGIE_IS_DASHBOARD_WINDOW (self), FALSE);
  g_return_val_if_fail (first_day != NULL && last_day != NULL, FALSE);

  if (!vigie_report_days_get_range (first_day, last_day, NULL, &start, &end))
    return FALSE;
  self->first_day = *first_day;
  self->last_day = *last_day;
  select_period (self, CUSTOM_PERIOD);
  return TRUE;
}

/* The Custom Period dialog: two days, each a button showing it with a
 * calendar in its popover */

typedef struct
{
  VigieDashboardWindow *self;
  GtkCalendar          *first;
  GtkCalendar          *last;
  GtkMenuButton        *first_button;
  GtkMenuButton        *last_button;
  GtkWidget            *error;
} CustomDialog;

static void
custom_dialog_update (AdwMessageDialog *dialog)
{
  CustomDialog *data = g_object_get_data (G_OBJECT (dialog), "vigie-custom");
  g_autoptr(GDateTime) first = gtk_calendar_get_date (data->first);
  g_autoptr(GDateTime) last = gtk_calendar_get_date (data->last);
  g_autofree char *first_text = format_day (first);
  g_autofree char *last_text = format_day (last);
  GDate first_day, last_day;
  gboolean valid;

  date_set_from_date_time (&first_day, first);
  date_set_from_date_time (&last_day, last);
  valid = g_date_compare (&last_day, &first_day) >= 0;
  gtk_menu_button_set_label (data->first_button, first_text);
  gtk_menu_button_set_label (data->last_button, last_text);
  gtk_widget_set_visible (data->error, !valid);
  adw_message_dialog_set_response_enabled (dialog, "apply", valid);
}

static void
custom_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CustomDialog     *data)
{
  VigieDashboardWindow *self = data->self;

  if (g_strcmp0 (response, "apply") == 0)
    {
      g_autoptr(GDateTime) first = gtk_calendar_get_date (data->first);
      g_autoptr(GDateTime) last = gtk_calendar_get_date (data->last);
      GDate first_day, last_day;

      date_set_from_date_time (&first_day, first);
      date_set_from_date_time (&last_day, last);
      if (vigie_dashboard_window_set_custom_period (self, &first_day, &last_day))
        return;
    }
  /* Cancelled: the dropdown shows the period shown again */
  show_period (self, self->period);
}

static GtkWidget *
day_row (const char     *title,
         const char     *name,
         GDateTime      *day,
         GtkCalendar   **out_calendar,
         GtkMenuButton **out_button)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  g_autofree char *calendar_name = g_strconcat (name, "-calendar", NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  gtk_widget_set_name (calendar, calendar_name);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  *out_calendar = GTK_CALENDAR (calendar);
  *out_button = GTK_MENU_BUTTON (button);
  return row;
}

static void
open_custom_dialog (VigieDashboardWindow *self)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  CustomDialog *data;
  GtkWidget *dialog, *box, *list;

  if (self->custom_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->custom_dialog));
      return;
    }
  /* The days shown so far */
  if (self->period == CUSTOM_PERIOD)
    {
      first = date_time_new_from_date (&self->first_day);
      last = date_time_new_from_date (&self->last_day);
    }
  else if (self->report != NULL)
    {
      first = g_date_time_new_from_unix_local (self->report->start);
      last = g_date_time_new_from_unix_local (self->report->end - 1);
    }
  else
    {
      first = g_date_time_new_now_local ();
      last = g_date_time_ref (first);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Custom Period"),
                                   _("From the start of the first day to the end of the last "
                                     "day, in local time."));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  data = g_new0 (CustomDialog, 1);
  data->self = self;
  g_object_set_data_full (G_OBJECT (dialog), "vigie-custom", data, g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list),
                       day_row (_("_First day"), "first-day", first, &data->first,
                                &data->first_button));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       day_row (_("_Last day"), "last-day", last, &data->last,
                                &data->last_button));
  gtk_box_append (GTK_BOX (box), list);
  /* Both buttons as wide, whatever the months' names */
  {
    g_autoptr(GtkSizeGroup) group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

    gtk_size_group_add_widget (group, GTK_WIDGET (data->first_button));
    gtk_size_group_add_widget (group, GTK_WIDGET (data->last_button));
  }
  data->error = gtk_label_new (_("The last day is before the first day."));
  gtk_widget_set_name (data->error, "period-error");
  gtk_label_set_wrap (GTK_LABEL (data->error), TRUE);
  gtk_widget_add_css_class (data->error, "error");
  gtk_box_append (GTK_BOX (box), data->error);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (data->first, "day-selected", G_CALLBACK (custom_dialog_update),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (data->last, "day-selected", G_CALLBACK (custom_dialog_update),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (custom_response_cb), data);
  custom_dialog_update (ADW_MESSAGE_DIALOG (dialog));

  self->custom_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->custom_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
period_selected_cb (VigieDashboardWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->setting_period)
    return;
  if (selected == CUSTOM_PERIOD)
    open_custom_dialog (self);
  else if (selected != GTK_INVALID_LIST_POSITION)
    select_period (self, selected);
}

VigieReport *
vigie_dashboard_window_get_report (VigieDashboardWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_DASHBOARD_WINDOW (self), NULL);
  return self->report;
}

const char *
vigie_dashboard_window_get_chart_description (VigieDashboardWindow *self,
                                              const char           *chart)
{
  g_return_val_if_fail (VIGIE_IS_DASHBOARD_WINDOW (self), NULL);

  if (g_strcmp0 (chart, "category") == 0)
    return self->category.description;
  if (g_strcmp0 (chart, "action") == 0)
    return self->action.description;
  if (g_strcmp0 (chart, "response") == 0)
    return self->response.description;
  return NULL;
}

/* Export */

gboolean
vigie_dashboard_window_export (VigieDashboardWindow  *self,
                               GFile                 *file,
                               GError               **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;

  g_return_val_if_fail (VIGIE_IS_DASHBOARD_WINDOW (self), FALSE);

  if (self->report == NULL)
    return TRUE;
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL ||
      !vigie_report_write_csv (self->report, G_OUTPUT_STREAM (stream), NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_prefix_error (error, _("Cannot export to “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog      *chooser,
                     int                   response,
                     VigieDashboardWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!vigie_dashboard_window_export (self, file, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  else
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The figures were exported")));
}

static void
export_clicked_cb (VigieDashboardWindow *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Figures"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  /* Translators: the file name offered for the dashboard's export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("dashboard.csv"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Building */

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
figure_card (const char  *caption,
             GtkLabel   **out_value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *value = label_new ("—", "title-1");
  GtkWidget *text = label_new (caption, "caption");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_margin_start (value, 12);
  gtk_widget_set_margin_top (value, 12);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_bottom (text, 12);
  gtk_widget_add_css_class (value, "numeric");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), text);
  /* Read as "Comments received: 120" */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  text, NULL, -1);
  *out_value = GTK_LABEL (value);
  return box;
}

static GtkWidget *
chart_section (ChartView  *view,
               const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_box_append (GTK_BOX (box), label_new (title, "heading"));
  view->area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (view->area, TRUE);
  gtk_widget_set_valign (view->area, GTK_ALIGN_START);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (view->area), BAR_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (view->area), draw_chart, NULL, NULL);
  g_object_set (view->area, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  /* What the bars do not show; the rest is in the chart's accessible label */
  view->numbers = GTK_LABEL (label_new ("", "dim-label"));
  gtk_widget_set_visible (GTK_WIDGET (view->numbers), FALSE);
  gtk_box_append (GTK_BOX (box), view->area);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view->numbers));
  return box;
}

static void
settings_changed_cb (VigieDashboardWindow *self,
                     const char           *key)
{
  if (g_strcmp0 (key, "response-target-minutes") == 0 ||
      g_str_has_prefix (key, "business-hours"))
    vigie_dashboard_window_reload (self);
}

static void
vigie_dashboard_window_dispose (GObject *object)
{
  VigieDashboardWindow *self = VIGIE_DASHBOARD_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->custom_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->custom_dialog),
                                    (gpointer *) &self->custom_dialog);
      g_signal_handlers_disconnect_by_func (self->custom_dialog, custom_response_cb,
                                            g_object_get_data (G_OBJECT (self->custom_dialog),
                                                               "vigie-custom"));
      gtk_window_destroy (GTK_WINDOW (self->custom_dialog));
      self->custom_dialog = NULL;
    }
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->report, vigie_report_free);
  g_clear_pointer (&self->category.description, g_free);
  g_clear_pointer (&self->action.description, g_free);
  g_clear_pointer (&self->response.description, g_free);

  G_OBJECT_CLASS (vigie_dashboard_window_parent_class)->dispose (object);
}

static void
vigie_dashboard_window_class_init (VigieDashboardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_dashboard_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_dashboard_window_init (VigieDashboardWindow *self)
{
  /* In the order of VigieReportPeriod, then CUSTOM_PERIOD */
  const char *periods[] = { N_("This Month"), N_("Last Month"), N_("Last 7 Days"),
                            N_("Last 30 Days"), N_("Custom Period…"), NULL };
  g_autoptr(GtkStringList) period_model = gtk_string_list_new (NULL);
  GtkWidget *content, *header, *export, *scrolled, *clamp, *page, *cards, *group;

  gtk_window_set_title (GTK_WINDOW (self), _("Dashboard"));
  gtk_window_set_default_size (GTK_WINDOW (self), 980, 780);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  for (guint i = 0; periods[i] != NULL; i++)
    gtk_string_list_append (period_model, _(periods[i]));
  self->period_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&period_model)), NULL));
  gtk_widget_set_name (GTK_WIDGET (self->period_dropdown), "period");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->period_dropdown));
  export = gtk_button_new_with_mnemonic (_("_Export CSV…"));
  gtk_widget_set_tooltip_text (export, _("Export the figures of the period as CSV"));
  g_signal_connect_object (export, "clicked", G_CALLBACK (export_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  gtk_box_append (GTK_BOX (content), header);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);

  {
    GtkWidget *period_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    self->period_label = GTK_LABEL (label_new ("", "dim-label"));
    gtk_widget_set_name (GTK_WIDGET (self->period_label), "period-label");
    gtk_widget_set_hexpand (GTK_WIDGET (self->period_label), TRUE);
    gtk_box_append (GTK_BOX (period_row), GTK_WIDGET (self->period_label));
    self->change_button = gtk_button_new_with_mnemonic (_("_Change the Days…"));
    gtk_widget_set_name (self->change_button, "change-period");
    gtk_widget_set_valign (self->change_button, GTK_ALIGN_CENTER);
    gtk_widget_set_visible (self->change_button, FALSE);
    g_signal_connect_object (self->change_button, "clicked", G_CALLBACK (open_custom_dialog),
                             self, G_CONNECT_SWAPPED);
    gtk_box_append (GTK_BOX (period_row), self->change_button);
    gtk_box_append (GTK_BOX (page), period_row);
  }

  cards = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (cards), TRUE);
  gtk_box_append (GTK_BOX (cards), figure_card (_("Comments received"), &self->received_label));
  gtk_box_append (GTK_BOX (cards), figure_card (_("Comments flagged"), &self->flagged_label));
  gtk_box_append (GTK_BOX (cards), figure_card (_("Moderation actions"), &self->actions_label));
  gtk_box_append (GTK_BOX (cards), figure_card (_("Awaiting the director"),
                                                &self->awaiting_label));
  gtk_box_append (GTK_BOX (page), cards);

  gtk_box_append (GTK_BOX (page), chart_section (&self->category,
                                                 _("Comments flagged per category")));
  gtk_box_append (GTK_BOX (page), chart_section (&self->action, _("Actions per type")));
  group = chart_section (&self->response, _("Time from a comment to its first action or reply"));
  self->response_label = GTK_LABEL (label_new ("", "caption"));
  gtk_box_append (GTK_BOX (group), GTK_WIDGET (self->response_label));
  gtk_box_append (GTK_BOX (page), group);

  gtk_box_append (GTK_BOX (page), label_new (_("Per page and platform"), "heading"));
  self->pages_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->pages_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->pages_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pages_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Per page and platform"), -1);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->pages_list));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 940);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (content), scrolled);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, content);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

GtkWidget *
vigie_dashboard_window_new (VigieStore *store,
                            GSettings  *settings)
{
  VigieDashboardWindow *self;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  self = g_object_new (VIGIE_TYPE_DASHBOARD_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  if (settings != NULL)
    g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (period_selected_cb), self, G_CONNECT_SWAPPED);
  vigie_dashboard_window_reload (self);
  return GTK_WIDGET (self);
}
