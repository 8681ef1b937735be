/* vigie-format.c — how times, texts and errors are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-format"

#include "config.h"

#include "vigie-format.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

char *
vigie_format_relative_time (gint64 unix_time,
                            gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  gint64 delta;

  if (unix_time <= 0)
    return g_strdup ("");

  delta = now - unix_time;
  /* A little clock skew between the platform and this computer is "now" */
  if (delta < 60 && delta > -300)
    return g_strdup (_("just now"));
  if (delta > 0 && delta < 3600)
    {
      int minutes = delta / 60;
      /* Translators: a short relative time, "5 min ago" */
      return g_strdup_printf (ngettext ("%d min ago", "%d min ago", minutes), minutes);
    }
  if (delta > 0 && delta < 24 * 3600)
    {
      int hours = delta / 3600;
      /* Translators: a short relative time, "3 h ago" */
      return g_strdup_printf (ngettext ("%d h ago", "%d h ago", hours), hours);
    }
  if (delta > 0 && delta < 7 * 24 * 3600)
    {
      int days = delta / (24 * 3600);
      if (days == 1)
        return g_strdup (_("yesterday"));
      /* Translators: a short relative time, "4 days ago" */
      return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
    }

  then = g_date_time_new_from_unix_local (unix_time);
  today = g_date_time_new_from_unix_local (now);
  if (then == NULL || today == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (then) == g_date_time_get_year (today))
    /* Translators: a date in this year, for g_date_time_format() ("%-e" is
     * the day without padding); French: "%-e %b" */
    return g_date_time_format (then, _("%b %-e"));
  /* Translators: a date in another year, for g_date_time_format(); French: "%-e %b %Y" */
  return g_date_time_format (then, _("%b %-e, %Y"));
}

char *
vigie_format_full_time (gint64 unix_time)
{
  g_autoptr(GDateTime) then = NULL;
  g_autofree char *text = NULL;

  if (unix_time <= 0)
    return g_strdup (_("Unknown date"));
  then = g_date_time_new_from_unix_local (unix_time);
  if (then == NULL)
    return g_strdup (_("Unknown date"));
  /* Translators: a full date and time, for g_date_time_format() ("%-e" is
   * the day without padding); French: "%A %-e %B %Y à %H h %M" */
  text = g_date_time_format (then, _("%A, %B %-e, %Y at %H:%M"));
  return g_steal_pointer (&text);
}

char *
vigie_format_excerpt (const char *text,
                      guint       max_chars)
{
  GString *out;
  guint n = 0;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (MIN (strlen (text), max_chars * 4) + 4);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Line breaks and runs of spaces become one space */
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (n >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n++;
    }
  return g_string_free (out, FALSE);
}

char *
vigie_format_number (guint64 n)
{
  /* The ' flag groups digits as LC_NUMERIC says */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

GtkWidget *
vigie_wrapped_label_new (const char *text,
                         const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

void
vigie_show_error_dialog (GtkWindow    *parent,
                         const char   *heading,
                         const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

char *
vigie_file_chooser_dup_path (GtkNativeDialog *chooser,
                             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  return file != NULL ? g_file_get_path (file) : NULL;
}

void
vigie_message_dialog_add_choice (AdwMessageDialog      *dialog,
                                 const char            *response,
                                 const char            *label,
                                 AdwResponseAppearance  appearance)
{
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_close_response (dialog, "cancel");
}
