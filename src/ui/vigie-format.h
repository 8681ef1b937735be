/* vigie-format.h — how times, texts and errors are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "3 h ago", "yesterday", "Mar 12": short, for rows. @now is Unix time. */
char *vigie_format_relative_time (gint64      unix_time,
                                  gint64      now);
/* "Thursday, November 12, 2026 at 14:05", local time: for tooltips and details */
char *vigie_format_full_time     (gint64      unix_time);
/* The first @max_chars characters of @text on one line, with "…" when cut */
char *vigie_format_excerpt       (const char *text,
                                  guint       max_chars);
/* @n with the locale's digit grouping: "1,234", « 1 234 » */
char *vigie_format_number        (guint64     n);

/* Widgets and dialogs the windows share */

/* A label that wraps at words (or characters), aligned at the start, with
 * @css_class unless NULL */
GtkWidget *vigie_wrapped_label_new     (const char      *text,
                                        const char      *css_class);
/* A message dialog over @parent: @heading, @error's message and Close */
void       vigie_show_error_dialog     (GtkWindow       *parent,
                                        const char      *heading,
                                        const GError    *error);
/* Adds Cancel (also the close response) and @response, shown as @label
 * with @appearance, to @dialog */
void       vigie_message_dialog_add_choice (AdwMessageDialog      *dialog,
                                            const char            *response,
                                            const char            *label,
                                            AdwResponseAppearance  appearance);
/* The local path chosen in @chooser when @response accepts it, NULL when
 * cancelled or not a local file */
char      *vigie_file_chooser_dup_path (GtkNativeDialog *chooser,
                                        int              response);

G_END_DECLS
