/* vigie-import-bar.c — the progress of an import, with Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-import-bar"

#include "config.h"

#include "vigie-import-bar.h"

#include "vigie-format.h"

#include <glib/gi18n.h>

struct _VigieImportBar
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkLabel       *detail_label;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_button;

  guint           pulse_id;
};

enum {
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieImportBar, vigie_import_bar, GTK_TYPE_WIDGET)

static gboolean
pulse_cb (gpointer user_data)
{
  VigieImportBar *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
cancel_clicked_cb (VigieImportBar *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_label_set_text (self->title_label, _("Cancelling the import…"));
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
vigie_import_bar_unmap (GtkWidget *widget)
{
  VigieImportBar *self = VIGIE_IMPORT_BAR (widget);

  g_clear_handle_id (&self->pulse_id, g_source_remove);

  GTK_WIDGET_CLASS (vigie_import_bar_parent_class)->unmap (widget);
}

static void
vigie_import_bar_dispose (GObject *object)
{
  VigieImportBar *self = VIGIE_IMPORT_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_IMPORT_BAR);
  /* Template children without an id are not disposed with the template */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vigie_import_bar_parent_class)->dispose (object);
}

static void
vigie_import_bar_class_init (VigieImportBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_import_bar_dispose;
  widget_class->unmap = vigie_import_bar_unmap;

  /**
   * VigieImportBar::cancel:
   *
   * The person asked to stop the import.
   */
  signals[CANCEL] =
    g_signal_new ("cancel",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-import-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieImportBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, VigieImportBar, detail_label);
  gtk_widget_class_bind_template_child (widget_class, VigieImportBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VigieImportBar, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigieimportbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_import_bar_init (VigieImportBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import"),
                                  -1);
}

GtkWidget *
vigie_import_bar_new (void)
{
  return g_object_new (VIGIE_TYPE_IMPORT_BAR, NULL);
}

void
vigie_import_bar_reset (VigieImportBar *self)
{
  g_return_if_fail (VIGIE_IS_IMPORT_BAR (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_label_set_text (self->title_label, _("Importing comments…"));
  gtk_label_set_text (self->detail_label, _("Preparing"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  /* Until the importer knows how many files there are */
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (150, pulse_cb, self);
}

void
vigie_import_bar_set_progress (VigieImportBar *self,
                               guint           files_done,
                               guint           files_total,
                               guint64         comments_read)
{
  g_autofree char *files = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *number = NULL;

  g_return_if_fail (VIGIE_IS_IMPORT_BAR (self));

  if (files_total == 0)
    return;

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) files_done / files_total));

  /* Translators: import progress, "3 of 7 files" */
  files = g_strdup_printf (ngettext ("%u of %u file", "%u of %u files", files_total),
                           files_done, files_total);
  number = vigie_format_number (comments_read);
  /* Translators: import progress, comments read so far; %s is a number */
  comments = g_strdup_printf (ngettext ("%s comment", "%s comments",
                                        (gulong) MIN (comments_read, G_MAXULONG)),
                              number);
  /* Translators: import progress, "3 of 7 files, 1,234 comments" */
  detail = g_strdup_printf (_("%s, %s"), files, comments);
  gtk_label_set_text (self->detail_label, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, detail,
                                  -1);
}
