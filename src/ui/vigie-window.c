/* vigie-window.c — the main window: sidebar, queue and detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-window"

#include "config.h"

#include "vigie-window.h"
#include "vigie-window-private.h"

#include "vigie-category-chip.h"
#include "vigie-classify-task.h"
#include "vigie-comment-item.h"
#include "vigie-comment-row.h"
#include "vigie-format.h"
#include "vigie-import.h"
#include "vigie-import-bar.h"
#include "vigie-accounts-window.h"
#include "vigie-account.h"
#include "vigie-activity-window.h"
#include "vigie-audit.h"
#include "vigie-failed-window.h"
#include "vigie-preferences-window.h"
#include "vigie-outbox.h"
#include "vigie-approvals-window.h"
#include "vigie-dashboard-window.h"
#include "vigie-report.h"
#include "vigie-policy-dialog.h"
#include "vigie-reply-dialog.h"
#include "vigie-templates.h"
#include "vigie-sidebar.h"
#include "vigie-sync.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

/* A classification in its worker thread, and the progress it reports */
typedef struct
{
  gatomicrefcount  ref;
  GMutex           mutex;
  GWeakRef         window;
  GCancellable    *cancellable;
  guint64          done;
  guint64          total;
} ClassifyJob;

/* An import in its worker thread, and the progress it reports */
typedef struct
{
  gatomicrefcount  ref;
  GMutex           mutex;
  GWeakRef         window;
  VigieStore      *store;
  GCancellable    *cancellable;
  guint            files_done;
  guint            files_total;
  guint64          comments_read;
} ImportJob;

struct _VigieWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *drop_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  AdwSplitButton       *import_button;
  VigieSidebar         *sidebar;
  GtkWidget            *content_box;
  AdwWindowTitle       *window_title;
  GtkRevealer          *import_revealer;
  VigieImportBar       *import_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *queue_stack;
  GtkSpinner           *loading_spinner;
  GtkListView          *queue_view;
  AdwStatusPage        *empty_page;
  GtkButton            *empty_import_button;
  AdwStatusPage        *no_results_page;
  AdwStatusPage        *error_page;
  VigieCommentDetail   *detail;
  GtkRevealer          *classify_revealer;
  GtkLabel             *classify_label;
  GtkProgressBar       *classify_progress;
  GtkButton            *sync_button;
  GtkRevealer          *sync_revealer;
  GtkLabel             *sync_title_label;
  GtkLabel             *sync_detail_label;
  GtkProgressBar       *sync_progress;

  /* Owned */
  VigieOutbox          *outbox;
  VigieTemplates       *templates;
  GtkWidget            *row_menu;
  VigieClassifier      *classifier;
  ClassifyJob          *classify_job;
  guint                 classify_progress_id;
  guint                 classify_again : 1;       /* once the job is done */
  guint                 classify_again_all : 1;   /* the same, every comment */
  VigieStore           *store;
  GSettings            *settings;
  VigieQueueModel      *queue;
  GtkMultiSelection    *selection;
  guint                 current_position; /* the one in the detail, of those selected */
  GtkFileChooserNative *chooser;
  ImportJob            *import_job;
  guint                 progress_id;
  guint                 sidebar_timeout_id;
  guint                 trim_id;
  char                 *workspace_name;

  /* Syncing the accounts */
  VigieSync            *sync;
  GCancellable         *sync_cancellable;
  GHashTable           *sync_names;       /* account id → name */
  GString              *sync_errors;
  AdwToast             *sync_error_toast;   /* weak: the last sync's failure, until dismissed */
  guint                 sync_timer_id;
  guint                 sync_automatic : 1;
  guint                 sync_minute_ms;   /* 60000, but for tests */
  VigieSyncHttpSetupFunc sync_http_setup; /* tests */
  gpointer              sync_http_setup_data;
  guint                 n_notifications;  /* tests: composed after syncs */
  char                 *notification_title;
  char                 *notification_body;
  guint                 has_accounts : 1;
  GtkWidget            *accounts_window;  /* weak */

  gint64                selected_id;      /* kept across reloads */
  guint                 acted_position;   /* where the comment acted on was */
  gulong                after_paint_id;
  GdkFrameClock        *after_paint_clock;

  guint                 first_load_done : 1;
  guint                 first_rows_hooked : 1;
  guint                 queue_had_items : 1;
  guint                 query_set : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_IMPORTING,
  PROP_CLASSIFYING,
  N_PROPS
};

enum {
  FIRST_ROWS_DRAWN,
  CLASSIFIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieWindow, vigie_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_queue_state (VigieWindow *self);
static void update_title (VigieWindow *self);
static void classify (VigieWindow *self,
                      gboolean     only_missing);
static void show_toast (VigieWindow *self,
                        const char  *text);
static void update_actions (VigieWindow *self);
static void start_outbox (VigieWindow *self);
static void schedule_sync (VigieWindow *self);
static void update_accounts (VigieWindow *self);
static void row_pressed_cb (GtkGestureClick *gesture,
                            int              n_press,
                            double           x,
                            double           y,
                            VigieWindow     *self);

/* Classification */

static ClassifyJob *
classify_job_ref (ClassifyJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
classify_job_unref (ClassifyJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_mutex_clear (&job->mutex);
  g_weak_ref_clear (&job->window);
  g_clear_object (&job->cancellable);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClassifyJob, classify_job_unref)

/* Called in the classifying thread */
static void
classify_progress_cb (guint64  done,
                      guint64  total,
                      gpointer user_data)
{
  ClassifyJob *job = user_data;

  g_mutex_lock (&job->mutex);
  job->done = done;
  job->total = total;
  g_mutex_unlock (&job->mutex);
}

static gboolean
classify_progress_timeout_cb (gpointer user_data)
{
  VigieWindow *self = user_data;
  ClassifyJob *job = self->classify_job;
  guint64 done, total;

  g_mutex_lock (&job->mutex);
  done = job->done;
  total = job->total;
  g_mutex_unlock (&job->mutex);

  if (total > 0)
    {
      g_autofree char *n_done = vigie_format_number (done);
      g_autofree char *n_total = vigie_format_number (total);
      g_autofree char *text = NULL;

      /* Translators: progress of the classification, "1,234 of 5,000" */
      text = g_strdup_printf (_("Classifying comments… %s of %s"), n_done, n_total);
      gtk_label_set_text (self->classify_label, text);
      gtk_progress_bar_set_fraction (self->classify_progress, (double) done / total);
    }
  else
    gtk_progress_bar_pulse (self->classify_progress);
  return G_SOURCE_CONTINUE;
}

static void
set_classifying (VigieWindow *self,
                 ClassifyJob *job)
{
  g_clear_handle_id (&self->classify_progress_id, g_source_remove);
  g_clear_pointer (&self->classify_job, classify_job_unref);
  if (job != NULL)
    {
      self->classify_job = classify_job_ref (job);
      self->classify_progress_id = g_timeout_add (100, classify_progress_timeout_cb, self);
      gtk_label_set_text (self->classify_label, _("Classifying comments…"));
      gtk_progress_bar_set_fraction (self->classify_progress, 0);
    }
  gtk_revealer_set_reveal_child (self->classify_revealer, job != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSIFYING]);
}

static void
classify_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ClassifyJob) job = user_data;
  g_autoptr(VigieWindow) self = g_weak_ref_get (&job->window);
  g_autoptr(GError) error = NULL;
  guint64 n = 0;
  gboolean ok;

  ok = vigie_classify_workspace_finish (VIGIE_STORE (object), result, &n, &error);

  if (self == NULL || self->classify_job != job)
    return;
  set_classifying (self, NULL);

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason */
      text = g_strdup_printf (_("The comments could not be classified: %s"), error->message);
      show_toast (self, text);
    }
  if (n > 0)
    {
      vigie_queue_model_reload (self->queue);
      vigie_sidebar_reload (self->sidebar);
    }
  if (self->classify_again)
    {
      gboolean all = self->classify_again_all;

      self->classify_again = self->classify_again_all = FALSE;
      classify (self, !all);
      return;
    }
  g_signal_emit (self, signals[CLASSIFIED], 0);
}

/* Classifies the comments not classified yet, or all of them again */
static void
classify (VigieWindow *self,
          gboolean     only_missing)
{
  g_autoptr(ClassifyJob) job = NULL;

  if (self->classifier == NULL)
    return;
  if (self->classify_job != NULL)
    {
      /* A second run after this one sees what this one missed */
      if (!only_missing)
        {
          g_cancellable_cancel (self->classify_job->cancellable);
          self->classify_again_all = TRUE;
        }
      self->classify_again = TRUE;
      return;
    }

  job = g_new0 (ClassifyJob, 1);
  g_atomic_ref_count_init (&job->ref);
  g_mutex_init (&job->mutex);
  g_weak_ref_init (&job->window, self);
  job->cancellable = g_cancellable_new ();
  set_classifying (self, job);

  vigie_classify_workspace_async (self->store, self->classifier, only_missing,
                                  job->cancellable, classify_progress_cb, job,
                                  classify_done_cb, classify_job_ref (job));
}

/* Import jobs */

static ImportJob *
import_job_ref (ImportJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
import_job_unref (ImportJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_mutex_clear (&job->mutex);
  g_weak_ref_clear (&job->window);
  g_clear_object (&job->store);
  g_clear_object (&job->cancellable);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_unref)

static ImportJob *
import_job_new (VigieWindow *self)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  g_atomic_ref_count_init (&job->ref);
  g_mutex_init (&job->mutex);
  g_weak_ref_init (&job->window, self);
  job->store = g_object_ref (self->store);
  job->cancellable = g_cancellable_new ();
  return job;
}

/* Shows the latest progress ten times a second: a redraw per file would
 * take the CPU the import needs */
static gboolean
import_progress_timeout_cb (gpointer user_data)
{
  VigieWindow *self = user_data;
  ImportJob *job = self->import_job;
  guint files_done, files_total;
  guint64 comments_read;

  g_mutex_lock (&job->mutex);
  files_done = job->files_done;
  files_total = job->files_total;
  comments_read = job->comments_read;
  g_mutex_unlock (&job->mutex);

  if (!g_cancellable_is_cancelled (job->cancellable))
    vigie_import_bar_set_progress (self->import_bar, files_done, files_total, comments_read);

  return G_SOURCE_CONTINUE;
}

/* Called in the importing thread */
static void
import_progress_cb (guint    files_done,
                    guint    files_total,
                    guint64  comments_read,
                    gpointer user_data)
{
  ImportJob *job = user_data;

  g_mutex_lock (&job->mutex);
  job->files_done = files_done;
  job->files_total = files_total;
  job->comments_read = comments_read;
  g_mutex_unlock (&job->mutex);
}

static void
show_toast (VigieWindow *self,
            const char  *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_import_error (VigieWindow  *self,
                   const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Failed"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
describe_import (const VigieImportStats *stats)
{
  g_autofree char *inserted = vigie_format_number (stats->n_inserted);
  g_autofree char *updated = vigie_format_number (stats->n_updated);
  g_autofree char *unchanged = vigie_format_number (stats->n_unchanged);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (stats->n_inserted == 0 && stats->n_updated == 0)
    {
      if (stats->n_unchanged == 0)
        return g_strdup (_("No comments found in these files"));
      /* Translators: after an import that brought nothing new */
      return g_strdup_printf (ngettext ("No new comments: %s already in the workspace",
                                        "No new comments: %s already in the workspace",
                                        (gulong) MIN (stats->n_unchanged, G_MAXULONG)),
                              unchanged);
    }

  /* Translators: after an import, "312 comments imported" */
  first = g_strdup_printf (ngettext ("%s comment imported", "%s comments imported",
                                     (gulong) MIN (stats->n_inserted, G_MAXULONG)),
                           inserted);
  if (stats->n_updated == 0)
    return g_steal_pointer (&first);

  /* Translators: after an import, comments already there that changed */
  second = g_strdup_printf (ngettext ("%s updated", "%s updated",
                                      (gulong) MIN (stats->n_updated, G_MAXULONG)),
                            updated);
  /* Translators: joins the two halves of "312 comments imported, 4 updated" */
  return g_strdup_printf (_("%s, %s"), first, second);
}

static void
set_importing (VigieWindow *self,
               ImportJob   *job)
{
  gboolean importing = job != NULL;

  if (self->import_job == job)
    return;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->import_job, import_job_unref);
  if (job != NULL)
    {
      self->import_job = import_job_ref (job);
      self->progress_id = g_timeout_add (100, import_progress_timeout_cb, self);
    }

  /* Hidden once folded away, so that screen readers skip it too */
  if (importing)
    gtk_widget_set_visible (GTK_WIDGET (self->import_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->import_revealer, importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", !importing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
  update_queue_state (self);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ImportJob) job = user_data;
  g_autoptr(VigieWindow) self = g_weak_ref_get (&job->window);
  g_autoptr(GError) error = NULL;
  VigieImportStats stats = { 0 };
  gboolean ok;

  ok = vigie_import_files_finish (job->store, result, &stats, &error);

  if (self == NULL || self->import_job != job)
    return;

  set_importing (self, NULL);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_CANCELLED))
        show_toast (self, _("Import cancelled: nothing was added"));
      else
        show_import_error (self, error);
      return;
    }

  {
    g_autofree char *text = describe_import (&stats);
    show_toast (self, text);
  }

  vigie_queue_model_reload (self->queue);
  vigie_sidebar_reload (self->sidebar);
  classify (self, TRUE);
}

static void
import_revealed_cb (VigieWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->import_revealer) &&
      !gtk_revealer_get_child_revealed (self->import_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->import_revealer), FALSE);
}

static void
import_cancel_cb (VigieWindow *self)
{
  if (self->import_job != NULL)
    g_cancellable_cancel (self->import_job->cancellable);
}

void
vigie_window_import (VigieWindow        *self,
                     const char * const *paths)
{
  g_autoptr(ImportJob) job = NULL;

  g_return_if_fail (VIGIE_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (paths[0] == NULL)
    return;
  if (self->import_job != NULL)
    {
      show_toast (self, _("An import is already running: wait for it to finish"));
      return;
    }

  job = import_job_new (self);
  vigie_import_bar_reset (self->import_bar);
  set_importing (self, job);

  vigie_import_files_async (self->store, paths, job->cancellable,
                            import_progress_cb, job,
                            import_done_cb, import_job_ref (job));
}

static void
import_files (VigieWindow *self,
              GListModel  *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n_remote = 0;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
      else
        n_remote++;
    }
  g_ptr_array_add (paths, NULL);

  if (n_remote > 0)
    show_toast (self, _("Only files on this computer can be imported"));
  vigie_window_import (self, (const char * const *) paths->pdata);
}

/* File chooser */

static void
chooser_response_cb (VigieWindow          *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GFile) first = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      first = g_list_model_get_item (files, 0);

      /* Remember where the files come from, for the next import */
      if (first != NULL && self->settings != NULL)
        {
          g_autoptr(GFile) folder = NULL;
          g_autofree char *path = NULL;

          if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) ==
              GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
            folder = g_object_ref (first);
          else
            folder = g_file_get_parent (first);
          if (folder != NULL && (path = g_file_get_path (folder)) != NULL)
            g_settings_set_string (self->settings, "last-import-folder", path);
        }
      import_files (self, files);
    }

  if (self->chooser == chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
      g_clear_object (&self->chooser);
    }
}

static void
open_chooser (VigieWindow *self,
              gboolean     folder)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) comments = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder") : _("Import Files"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (!folder)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

      comments = gtk_file_filter_new ();
      gtk_file_filter_set_name (comments, _("Saved comments (JSON, CSV)"));
      gtk_file_filter_add_mime_type (comments, "application/json");
      gtk_file_filter_add_mime_type (comments, "text/csv");
      gtk_file_filter_add_suffix (comments, "json");
      gtk_file_filter_add_suffix (comments, "csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), comments);

      all = gtk_file_filter_new ();
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }

  if (self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-import-folder");

      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) file = g_file_new_for_path (last);
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL);
        }
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (VIGIE_WINDOW (widget), FALSE);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (VIGIE_WINDOW (widget), TRUE);
}

/* Drag and drop */

static GdkDragAction
drop_enter_cb (VigieWindow   *self,
               double         x,
               double         y,
               GtkDropTarget *target)
{
  gtk_widget_set_visible (GTK_WIDGET (self->drop_overlay), TRUE);
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (VigieWindow   *self,
               GtkDropTarget *target)
{
  gtk_widget_set_visible (GTK_WIDGET (self->drop_overlay), FALSE);
}

static gboolean
drop_cb (VigieWindow   *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GdkFileList *list;

  gtk_widget_set_visible (GTK_WIDGET (self->drop_overlay), FALSE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = gdk_file_list_get_files (list); l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    {
      show_toast (self, _("Only files on this computer can be imported"));
      return FALSE;
    }
  g_ptr_array_add (paths, NULL);
  vigie_window_import (self, (const char * const *) paths->pdata);
  return TRUE;
}

/* Queue */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              VigieWindow              *self)
{
  GtkWidget *row = vigie_comment_row_new ();
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (row_pressed_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));
  gtk_list_item_set_child (list_item, row);
}

static void
unhook_after_paint (VigieWindow *self)
{
  if (self->after_paint_clock == NULL)
    return;
  /* An unrealized window's frame clock is disposed with its handlers */
  if (g_signal_handler_is_connected (self->after_paint_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->after_paint_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->after_paint_clock);
}

/* Worker threads read big workspaces with connections of their own, whose
 * page caches glibc keeps in the threads' arenas once freed: give that
 * memory back when the loads are done */
static gboolean
trim_memory_cb (gpointer user_data)
{
  VigieWindow *self = user_data;

  self->trim_id = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
schedule_trim (VigieWindow *self)
{
  if (self->trim_id == 0)
    self->trim_id = g_timeout_add_full (G_PRIORITY_LOW, 500, trim_memory_cb, self, NULL);
}

static void
sidebar_loaded_cb (VigieWindow *self)
{
  schedule_trim (self);
}

/* The sidebar's counts scan the whole workspace: on a big one they would
 * take the CPU the first rows need, so they wait for them */
static void
start_sidebar (VigieWindow *self)
{
  g_clear_handle_id (&self->sidebar_timeout_id, g_source_remove);
  if (vigie_sidebar_get_store (self->sidebar) == NULL)
    vigie_sidebar_set_store (self->sidebar, self->store);
}

static gboolean
start_sidebar_timeout_cb (gpointer user_data)
{
  VigieWindow *self = user_data;

  self->sidebar_timeout_id = 0;
  start_sidebar (self);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                VigieWindow   *self)
{
  unhook_after_paint (self);
  start_sidebar (self);
  g_signal_emit (self, signals[FIRST_ROWS_DRAWN], 0);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             VigieWindow              *self)
{
  VigieCommentRow *row = VIGIE_COMMENT_ROW (gtk_list_item_get_child (list_item));
  VigieCommentItem *item = gtk_list_item_get_item (list_item);

  vigie_comment_row_set_item (row, item, g_get_real_time () / G_USEC_PER_SEC);

  /* Rows are bound while the frame is laid out: the end of the same
   * frame's paint is when they are on screen (the window benchmark) */
  if (!self->first_rows_hooked)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        {
          self->first_rows_hooked = TRUE;
          self->after_paint_clock = g_object_ref (clock);
          self->after_paint_id = g_signal_connect (clock, "after-paint",
                                                   G_CALLBACK (after_paint_cb), self);
        }
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               VigieWindow              *self)
{
  vigie_comment_row_set_item (VIGIE_COMMENT_ROW (gtk_list_item_get_child (list_item)), NULL, 0);
}

static gboolean
focus_in_queue (VigieWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == GTK_WIDGET (self->queue_view) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->queue_view)));
}

/* Moves the keyboard focus to the row at @position when it is on screen,
 * so that the arrow keys go on from there */
static void
focus_row (VigieWindow *self,
           guint        position)
{
  gint64 id = vigie_queue_model_get_id (self->queue, position);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->queue_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      VigieCommentItem *item;

      if (!VIGIE_IS_COMMENT_ROW (row))
        continue;
      item = vigie_comment_row_get_item (VIGIE_COMMENT_ROW (row));
      if (item != NULL && vigie_comment_item_get_id (item) == id)
        {
          gtk_widget_grab_focus (child);
          return;
        }
    }
}

/* The comment the detail shows: the last one picked of those selected */
static guint
get_current (VigieWindow *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = NULL;

  if (self->current_position != GTK_INVALID_LIST_POSITION &&
      gtk_selection_model_is_selected (model, self->current_position))
    return self->current_position;
  selected = gtk_selection_model_get_selection (model);
  if (gtk_bitset_is_empty (selected))
    return GTK_INVALID_LIST_POSITION;
  return gtk_bitset_get_minimum (selected);
}

/* That comment alone, or none */
static void
set_selected (VigieWindow *self,
              guint        position)
{
  self->current_position = position;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

static guint
n_selected (VigieWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
    GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

static void
select_position (VigieWindow *self,
                 guint        position)
{
  gboolean had_focus = focus_in_queue (self);

  set_selected (self, position);
  gtk_widget_activate_action (GTK_WIDGET (self->queue_view), "list.scroll-to-item", "u", position);
  if (had_focus)
    focus_row (self, position);
}

static void
move_selection (VigieWindow *self,
                int          delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  guint position;

  if (n == 0)
    return;

  position = get_current (self);
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (delta > 0)
    position = MIN (position + 1, n - 1);
  else if (position > 0)
    position--;

  select_position (self, position);
}

static void
next_comment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_selection (VIGIE_WINDOW (widget), 1);
}

static void
previous_comment_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  move_selection (VIGIE_WINDOW (widget), -1);
}

/* j and k, unless the person is typing */
static gboolean
queue_key_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int delta;

  if (focus != NULL &&
      (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL))
    return FALSE;

  g_variant_get (args, "i", &delta);
  move_selection (self, delta);
  return TRUE;
}

static void
selection_changed_cb (VigieWindow *self,
                      guint        position,
                      guint        n_items)
{
  g_autoptr(VigieCommentItem) item = NULL;
  guint current;

  /* One more picked (Ctrl+click, Shift+arrow): the detail shows it */
  if (n_items == 1 &&
      gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    self->current_position = position;
  current = get_current (self);
  self->current_position = current;
  update_title (self);
  if (current != GTK_INVALID_LIST_POSITION)
    item = g_list_model_get_item (G_LIST_MODEL (self->selection), current);

  if (item != NULL)
    {
      self->selected_id = vigie_comment_item_get_id (item);
      vigie_comment_detail_set_comment (self->detail, vigie_comment_item_get_comment (item));
      update_actions (self);
    }
  else if (!vigie_queue_model_get_loading (self->queue))
    {
      self->selected_id = 0;
      vigie_comment_detail_set_comment (self->detail, NULL);
    }
}

static void
queue_activate_cb (VigieWindow *self,
                   guint        position)
{
  /* Enter on one of several selected keeps them selected */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    set_selected (self, position);
}

static void
update_title (VigieWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  g_autofree char *number = vigie_format_number (n);
  g_autofree char *subtitle = NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  adw_window_title_set_title (self->window_title, vigie_sidebar_get_title (self->sidebar));

  if (vigie_queue_model_get_loading (self->queue) && !self->first_load_done)
    subtitle = g_strdup ("");
  else if (search[0] != '\0')
    /* Translators: under the queue's title while searching */
    subtitle = g_strdup_printf (ngettext ("%s matching comment", "%s matching comments", n),
                                number);
  else
    subtitle = g_strdup_printf (ngettext ("%s comment", "%s comments", n), number);

  /* Actions go to each of several selected comments: say how many */
  if (n_selected (self) > 1)
    {
      g_autofree char *n_text = vigie_format_number (n_selected (self));
      g_autofree char *with_selection = NULL;

      /* Translators: the queue's subtitle, then how many comments are
       * selected: "457 comments · 12 selected" */
      with_selection = g_strdup_printf (_("%s · %s selected"), subtitle, n_text);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_selection);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_queue_state (VigieWindow *self)
{
  const VigieQuery *query = vigie_queue_model_get_query (self->queue);
  const GError *error = vigie_queue_model_get_error (self->queue);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  const char *page;

  if (!self->first_load_done)
    page = "loading";
  else if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      page = "error";
    }
  else if (n > 0)
    page = "list";
  else if (query->search != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is what the person searched for */
      description = g_strdup_printf (_("No comment here contains “%s”. The search ignores case "
                                       "and accents and finds the beginnings of words: try "
                                       "fewer or shorter words."),
                                     query->search);
      adw_status_page_set_icon_name (self->no_results_page, "edit-find-symbolic");
      adw_status_page_set_title (self->no_results_page, _("No Results"));
      adw_status_page_set_description (self->no_results_page, description);
      page = "no-results";
    }
  else if (query->view == VIGIE_VIEW_ALL && query->page_id == 0 && query->post_id == 0 &&
           query->category == NULL)
    page = self->import_job != NULL ? "importing" : "empty";
  else
    {
      const char *description;

      if (query->category != NULL)
        description = _("No comment is flagged in this category any more.");
      else if (query->post_id > 0 || query->page_id > 0)
        description = _("No comments here yet.");
      else if (query->view == VIGIE_VIEW_NEEDS_ACTION)
        description = _("Every comment has been handled.");
      else if (query->view == VIGIE_VIEW_ESCALATED)
        description = _("No comment has been escalated to the director.");
      else
        description = _("No comment has been handled yet.");
      adw_status_page_set_icon_name (self->no_results_page, "object-select-symbolic");
      adw_status_page_set_title (self->no_results_page, _("Nothing Here"));
      adw_status_page_set_description (self->no_results_page, description);
      page = "no-results";
    }

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->queue_stack, page);
}

static void
queue_loaded_cb (VigieWindow *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  self->first_load_done = TRUE;
  update_queue_state (self);
  update_title (self);
  schedule_trim (self);

  /* No rows to wait for; or rows that do not come (a hidden window) */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->queue)) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_sidebar (self);
  else if (vigie_sidebar_get_store (self->sidebar) == NULL && self->sidebar_timeout_id == 0)
    self->sidebar_timeout_id = g_timeout_add (1000, start_sidebar_timeout_cb, self);

  /* The same comment stays selected when it is still in the queue */
  if (self->selected_id != 0)
    position = vigie_queue_model_find (self->queue, self->selected_id);
  if (position == GTK_INVALID_LIST_POSITION && self->acted_position != GTK_INVALID_LIST_POSITION &&
      g_list_model_get_n_items (G_LIST_MODEL (self->queue)) > 0)
    position = MIN (self->acted_position, g_list_model_get_n_items (G_LIST_MODEL (self->queue)) - 1);
  self->acted_position = GTK_INVALID_LIST_POSITION;
  if (position != GTK_INVALID_LIST_POSITION)
    select_position (self, position);
  else
    {
      self->selected_id = 0;
      set_selected (self, GTK_INVALID_LIST_POSITION);
      vigie_comment_detail_set_comment (self->detail, NULL);
    }

  /* The first time there are comments, the keyboard goes to the queue,
   * unless the person is already typing a search */
  if (!self->queue_had_items && g_list_model_get_n_items (G_LIST_MODEL (self->queue)) > 0)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      self->queue_had_items = TRUE;
      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry)))
        gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
    }
}

static gboolean
same_query (const VigieQuery *a,
            const VigieQuery *b)
{
  return a->view == b->view && a->page_id == b->page_id && a->post_id == b->post_id &&
         a->author_id == b->author_id && a->category == b->category && a->sort == b->sort &&
         g_strcmp0 (a->search != NULL && a->search[0] != '\0' ? a->search : NULL,
                    b->search != NULL && b->search[0] != '\0' ? b->search : NULL) == 0;
}

static void
update_query (VigieWindow *self)
{
  VigieQuery query = { 0 };

  vigie_sidebar_get_filter (self->sidebar, &query);
  query.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* What needs action comes urgent first, then by severity */
  query.sort = query.view == VIGIE_VIEW_NEEDS_ACTION ? VIGIE_SORT_PRIORITY : VIGIE_SORT_NEWEST;

  /* GtkSearchEntry also says "changed" when nothing did; a million ids
   * are not read again for that */
  if (self->query_set && same_query (&query, vigie_queue_model_get_query (self->queue)))
    return;
  self->query_set = TRUE;

  vigie_queue_model_set_query (self->queue, &query);
  update_title (self);
}

static void
search_changed_cb (VigieWindow *self)
{
  update_query (self);
}

static void
stop_search_cb (VigieWindow *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

static void
search_activate_cb (VigieWindow *self)
{
  /* Enter: on to the results */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->queue)) > 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
      if (get_current (self) == GTK_INVALID_LIST_POSITION)
        select_position (self, 0);
    }
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Sidebar, leaflet, detail */

static void
sidebar_filter_changed_cb (VigieWindow *self)
{
  update_query (self);
}

static void
sidebar_activated_cb (VigieWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
back_clicked_cb (VigieWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
leaflet_folded_cb (VigieWindow *self)
{
  /* Folded, the window opens on the queue */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
detail_comment_activated_cb (VigieWindow *self,
                             gint64       id)
{
  guint position = vigie_queue_model_find (self->queue, id);

  if (position != GTK_INVALID_LIST_POSITION)
    select_position (self, position);
  else
    {
      /* Not in this view of the queue (another filter, or a search): show
       * it without selecting anything */
      g_autoptr(VigieComment) comment = vigie_store_get_comment (self->store, id, NULL);

      if (comment != NULL)
        {
          self->selected_id = 0;
          set_selected (self, GTK_INVALID_LIST_POSITION);
          vigie_comment_detail_set_comment (self->detail, comment);
        }
    }
}

/* Moderation */

static char *
dup_actor_name (VigieWindow *self)
{
  g_autofree char *name = NULL;

  if (self->settings != NULL)
    name = g_settings_get_string (self->settings, "actor-name");
  if (name != NULL && name[0] != '\0')
    return g_steal_pointer (&name);
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0 && g_get_real_name ()[0] != '\0')
    return g_strdup (g_get_real_name ());
  return g_strdup (g_get_user_name ());
}

static char *
dup_actor_role (VigieWindow *self)
{
  if (self->settings != NULL)
    return g_settings_get_string (self->settings, "actor-role");
  return g_strdup ("delegate");
}

static void
grace_changed_cb (VigieWindow *self)
{
  guint seconds;

  if (self->outbox == NULL)
    return;
  seconds = g_settings_get_uint (self->settings, "undo-grace-seconds");

  vigie_outbox_set_grace_period (self->outbox, seconds * G_TIME_SPAN_SECOND);
}

static VigieComment *
current_comment (VigieWindow *self)
{
  return vigie_comment_detail_get_comment (self->detail);
}

static gboolean
kind_available (VigieWindow     *self,
                gint64           comment_id,
                VigieActionKind  kind)
{
  g_autoptr(GArray) kinds = vigie_outbox_list_available_kinds (self->outbox, comment_id, NULL);

  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    if (g_array_index (kinds, VigieActionKind, i) == kind)
      return TRUE;
  return FALSE;
}

static void
update_actions (VigieWindow *self)
{
  VigieComment *comment = current_comment (self);
  g_autoptr(GArray) kinds = NULL;

  g_autoptr(GPtrArray) actions = NULL;

  if (comment != NULL && comment->id > 0 && self->outbox != NULL)
    {
      kinds = vigie_outbox_list_available_kinds (self->outbox, comment->id, NULL);
      actions = vigie_outbox_list_for_comment (self->outbox, comment->id, NULL);
    }
  vigie_comment_detail_set_actions (self->detail, kinds);
  vigie_comment_detail_set_decisions (self->detail, actions);
}

static void
show_action_error (VigieWindow  *self,
                   const GError *error)
{
  g_autofree char *text = NULL;

  /* Translators: %s is the reason */
  text = g_strdup_printf (_("The action was not taken: %s"), error->message);
  show_toast (self, text);
}

/* Queues the action; a toast offers to undo it during the grace period */
static gint64
enqueue (VigieWindow              *self,
         VigieActionRequest       *request,
         VigieComment             *comment)
{
  g_autofree char *actor = dup_actor_name (self);
  g_autofree char *role = dup_actor_role (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *target = NULL;
  AdwToast *toast;
  GTimeSpan grace;
  gint64 id;
  guint position = get_current (self);

  request->actor_name = actor;
  request->actor_role = role;
  id = vigie_outbox_enqueue (self->outbox, request, &error);
  if (id == 0)
    {
      show_action_error (self, error);
      return 0;
    }

  /* The queue moves on to the next comment */
  if (position != GTK_INVALID_LIST_POSITION &&
      vigie_queue_model_get_id (self->queue, position) == comment->id)
    self->acted_position = position;

  grace = vigie_outbox_get_grace_period (self->outbox);
  {
    g_autoptr(VigieAction) action = vigie_outbox_get_action (self->outbox, id, NULL);

    if (action != NULL && action->status == VIGIE_ACTION_STATUS_PROPOSED)
      /* Undo withdraws the proposal */
      title = g_strdup (_("Sent to the director for approval"));
    else
      /* Translators: the toast after an action, "Comment hidden — Undo" */
      title = g_strdup_printf (_("%s"), vigie_action_kind_get_done_label (request->kind,
                                                                           comment->platform));
  }
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_set_timeout (toast, MAX (3, (guint) (grace / G_TIME_SPAN_SECOND)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return id;
}

/* The ids of the selected comments, in the queue's order */
static GArray *
dup_selected_ids (VigieWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
    GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = vigie_queue_model_get_id (self->queue, position);

      if (id > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

/* "12 comments hidden", for the toast after a bulk action */
static char *
bulk_done_title (VigieActionKind kind,
                 guint           n)
{
  g_autofree char *number = vigie_format_number (n);

  switch (kind)
    {
    case VIGIE_ACTION_HIDE:
      return g_strdup_printf (ngettext ("%s comment hidden", "%s comments hidden", n), number);
    case VIGIE_ACTION_UNHIDE:
      return g_strdup_printf (ngettext ("%s comment shown again", "%s comments shown again", n),
                              number);
    case VIGIE_ACTION_REMOVE:
      return g_strdup_printf (ngettext ("%s comment removed", "%s comments removed", n), number);
    case VIGIE_ACTION_BAN:
      return g_strdup_printf (ngettext ("Authors of %s comment banned",
                                        "Authors of %s comments banned", n), number);
    case VIGIE_ACTION_UNBAN:
      return g_strdup_printf (ngettext ("Authors of %s comment unbanned",
                                        "Authors of %s comments unbanned", n), number);
    case VIGIE_ACTION_ESCALATE:
      return g_strdup_printf (ngettext ("%s comment escalated to the director",
                                        "%s comments escalated to the director", n), number);
    case VIGIE_ACTION_KEEP:
      return g_strdup_printf (ngettext ("%s comment kept", "%s comments kept", n), number);
    default:
      return g_strdup_printf (ngettext ("%s action queued", "%s actions queued", n), number);
    }
}

/* One action per comment, each recorded on its own; one toast undoes them
 * all. Returns how many were queued. */
static guint
enqueue_bulk (VigieWindow        *self,
              VigieActionRequest *request,
              GArray             *comment_ids)
{
  g_autofree char *actor = dup_actor_name (self);
  g_autofree char *role = dup_actor_role (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *title = NULL;
  GVariant *target;
  AdwToast *toast;
  GTimeSpan grace;
  guint position = get_current (self);

  request->actor_name = actor;
  request->actor_role = role;
  ids = vigie_outbox_enqueue_bulk (self->outbox, request, (const gint64 *) (gpointer) comment_ids->data,
                                   comment_ids->len, &error);
  if (ids == NULL)
    {
      show_action_error (self, error);
      return 0;
    }

  /* The queue moves on from where the person was */
  if (position != GTK_INVALID_LIST_POSITION)
    self->acted_position = position;

  grace = vigie_outbox_get_grace_period (self->outbox);
  {
    guint n_proposed = 0;

    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(VigieAction) action = vigie_outbox_get_action (
          self->outbox, g_array_index (ids, gint64, i), NULL);

        n_proposed += action != NULL && action->status == VIGIE_ACTION_STATUS_PROPOSED;
      }
    if (n_proposed == ids->len)
      title = g_strdup_printf (ngettext ("%u sent to the director for approval",
                                         "%u sent to the director for approval", n_proposed),
                               n_proposed);
    else if (n_proposed > 0)
      {
        g_autofree char *done = bulk_done_title (request->kind, ids->len - n_proposed);

        /* Translators: "10 comments hidden; 2 sent to the director for approval" */
        title = g_strdup_printf (ngettext ("%s; %u sent to the director for approval",
                                           "%s; %u sent to the director for approval",
                                           n_proposed), done, n_proposed);
      }
    else
      title = bulk_done_title (request->kind, ids->len);
  }
  target = g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-all");
  adw_toast_set_action_target_value (toast, target);
  adw_toast_set_timeout (toast, MAX (3, (guint) (grace / G_TIME_SPAN_SECOND)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return ids->len;
}

static void
reply_send_cb (VigieReplyDialog *dialog,
               VigieWindow      *self)
{
  g_autofree char *text = vigie_reply_dialog_dup_text (dialog);
  g_autoptr(VigieComment) comment = NULL;
  VigieActionRequest request = { 0 };

  if (text == NULL)
    return;
  comment = vigie_store_get_comment (self->store, vigie_reply_dialog_get_comment_id (dialog),
                                     NULL);
  if (comment == NULL)
    return;
  request.kind = vigie_reply_dialog_get_kind (dialog);
  request.comment_id = comment->id;
  request.template_id = vigie_reply_dialog_get_template_id (dialog);
  request.lang = vigie_reply_dialog_get_language (dialog);
  request.text = text;
  if (enqueue (self, &request, comment) != 0)
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
open_reply (VigieWindow     *self,
            VigieComment    *comment,
            VigieActionKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieClassification) classification = NULL;
  GtkWidget *dialog;

  if (self->templates == NULL)
    {
      self->templates = vigie_templates_new_default (&error);
      if (self->templates == NULL)
        {
          show_action_error (self, error);
          return;
        }
      vigie_templates_load_overrides (self->templates, self->store, NULL);
    }

  classification = vigie_store_get_classification (self->store, comment->id, NULL);
  dialog = vigie_reply_dialog_new (self->templates, self->store, comment, classification, kind);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "send", G_CALLBACK (reply_send_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
keep_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "keep",
                                            gtk_editable_get_text (entry)[0] != '\0');
}

static void
keep_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  VigieWindow      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 *comment_id = g_object_get_data (G_OBJECT (dialog), "vigie-comment-id");
  GArray *comment_ids = g_object_get_data (G_OBJECT (dialog), "vigie-comment-ids");
  g_autoptr(VigieComment) comment = NULL;
  VigieActionRequest request = { 0 };

  if (g_str_equal (response, "keep") && comment_ids != NULL)
    {
      request.kind = VIGIE_ACTION_KEEP;
      request.note = gtk_editable_get_text (entry);
      enqueue_bulk (self, &request, comment_ids);
      return;
    }
  if (!g_str_equal (response, "keep") || comment_id == NULL)
    return;
  comment = vigie_store_get_comment (self->store, *comment_id, NULL);
  if (comment == NULL)
    return;
  request.kind = VIGIE_ACTION_KEEP;
  request.comment_id = comment->id;
  request.note = gtk_editable_get_text (entry);
  enqueue (self, &request, comment);
}

/* A public body must be able to say why it left a comment up */
static void
open_keep (VigieWindow  *self,
           VigieComment *comment,
           GArray       *comment_ids)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  if (comment_ids != NULL)
    {
      g_autofree char *number = vigie_format_number (comment_ids->len);
      g_autofree char *heading = NULL;

      heading = g_strdup_printf (ngettext ("Keep %s Comment?", "Keep %s Comments?",
                                           comment_ids->len), number);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                       _("Say why the comments stay up: the reason is kept in "
                                         "the audit trail with each of them."));
      g_object_set_data_full (G_OBJECT (dialog), "vigie-comment-ids",
                              g_array_ref (comment_ids), (GDestroyNotify) g_array_unref);
    }
  else
    dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Keep This Comment?"),
                                     _("Say why the comment stays up: the reason is kept in the "
                                       "audit trail."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason to keep the comment"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  vigie_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep"),
                                   ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "keep", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  if (comment_ids == NULL)
    g_object_set_data_full (G_OBJECT (dialog), "vigie-comment-id",
                            g_memdup2 (&comment->id, sizeof comment->id), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (keep_entry_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (keep_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* One bulk action checks and records each comment on the main thread:
 * more than this at once would freeze the window */
#define MAX_BULK 1000

/* The action on every selected comment that can take it */
static void
moderate_selected (VigieWindow     *self,
                   VigieActionKind  kind)
{
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  VigieActionRequest request = { 0 };
  guint skipped;

  if (n_selected (self) > MAX_BULK)
    {
      g_autofree char *number = vigie_format_number (MAX_BULK);
      g_autofree char *text = NULL;

      /* Translators: %s is a number, 1,000 */
      text = g_strdup_printf (_("Act on at most %s comments at a time: filter the queue to "
                                "select fewer"), number);
      show_toast (self, text);
      return;
    }
  selected = dup_selected_ids (self);

  if (vigie_action_kind_needs_text (kind))
    {
      /* A reply speaks to one person */
      show_toast (self, _("Replies are written one comment at a time: select only one"));
      return;
    }
  if (kind == VIGIE_ACTION_CORRECT_CLASSIFICATION)
    {
      show_toast (self, _("Classifications are corrected one comment at a time: select only "
                          "one"));
      return;
    }
  for (guint i = 0; i < selected->len; i++)
    if (kind_available (self, g_array_index (selected, gint64, i), kind))
      g_array_append_val (ids, g_array_index (selected, gint64, i));
  skipped = selected->len - ids->len;
  if (ids->len == 0)
    {
      show_toast (self, _("This action is not possible on the selected comments"));
      return;
    }
  if (skipped > 0)
    {
      g_autofree char *number = vigie_format_number (skipped);
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("%s selected comment left out: the action is not "
                                        "possible on it",
                                        "%s selected comments left out: the action is not "
                                        "possible on them", skipped), number);
      show_toast (self, text);
    }

  if (kind == VIGIE_ACTION_KEEP)
    open_keep (self, NULL, ids);
  else
    {
      request.kind = kind;
      enqueue_bulk (self, &request, ids);
    }
}

/* Correcting the classifier: a flag that is wrong, or a category missed */

typedef struct
{
  gint64        comment_id;
  VigiePolicy  *policy;
  GStrv         flagged;       /* the comment's categories */
  GPtrArray    *shown;         /* the ids in the drop-down, in its order */
  GtkCheckButton *wrong_button;
  GtkDropDown  *category_dropdown;
  GtkEditable  *note_entry;
} Correction;

static void
correction_free (gpointer data)
{
  Correction *correction = data;

  g_clear_object (&correction->policy);
  g_strfreev (correction->flagged);
  g_ptr_array_unref (correction->shown);
  g_free (correction);
}

/* Wrong: the categories it was flagged with; missed: the others */
static void
correction_fill (AdwMessageDialog *dialog)
{
  Correction *correction = g_object_get_data (G_OBJECT (dialog), "vigie-correction");
  gboolean wrong = gtk_check_button_get_active (correction->wrong_button);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (correction->shown, 0);
  for (guint i = 0; i < vigie_policy_get_n_categories (correction->policy); i++)
    {
      const VigieCategory *category = vigie_policy_get_category (correction->policy, i);

      if (g_strv_contains ((const char * const *) correction->flagged, category->id) != wrong)
        continue;
      g_ptr_array_add (correction->shown, category->id);
      gtk_string_list_append (labels, vigie_category_chip_label (correction->policy,
                                                                 category->id));
    }
  gtk_drop_down_set_model (correction->category_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (correction->category_dropdown, 0);
  adw_message_dialog_set_response_enabled (dialog, "correct", correction->shown->len > 0);
}

static void
correction_kind_toggled_cb (GtkCheckButton   *button,
                            AdwMessageDialog *dialog)
{
  if (gtk_check_button_get_active (button))
    correction_fill (dialog);
}

static void
correction_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        VigieWindow      *self)
{
  Correction *correction = g_object_get_data (G_OBJECT (dialog), "vigie-correction");
  g_autoptr(VigieComment) comment = NULL;
  VigieActionRequest request = { 0 };
  const VigieCategory *category;
  const char *categories[2] = { NULL, NULL };
  const char *clauses[2] = { NULL, NULL };
  guint selected;
  const char *note;

  if (!g_str_equal (response, "correct"))
    return;
  selected = gtk_drop_down_get_selected (correction->category_dropdown);
  if (selected >= correction->shown->len)
    return;
  comment = vigie_store_get_comment (self->store, correction->comment_id, NULL);
  if (comment == NULL)
    return;
  categories[0] = g_ptr_array_index (correction->shown, selected);
  category = vigie_policy_lookup_category (correction->policy, categories[0]);
  if (category != NULL && category->n_clauses > 0)
    clauses[0] = category->clauses[0].ref;
  note = gtk_editable_get_text (correction->note_entry);

  request.kind = VIGIE_ACTION_CORRECT_CLASSIFICATION;
  request.comment_id = comment->id;
  request.correction = gtk_check_button_get_active (correction->wrong_button)
                       ? VIGIE_CORRECTION_WRONG : VIGIE_CORRECTION_MISSED;
  request.categories = categories;
  request.clauses = clauses[0] != NULL ? clauses : NULL;
  request.note = note[0] != '\0' ? note : NULL;
  enqueue (self, &request, comment);
}

static void
open_correction (VigieWindow  *self,
                 VigieComment *comment)
{
  g_autoptr(VigieClassification) classification = NULL;
  g_autoptr(GStrvBuilder) flagged = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  Correction *correction;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *wrong;
  GtkWidget *missed;
  GtkWidget *dropdown;
  GtkWidget *entry;

  correction = g_new0 (Correction, 1);
  correction->comment_id = comment->id;
  correction->shown = g_ptr_array_new ();
  if (self->classifier != NULL)
    correction->policy = g_object_ref (vigie_classifier_get_policy (self->classifier));
  else
    correction->policy = vigie_policy_new_default (&error);
  if (correction->policy == NULL)
    {
      show_action_error (self, error);
      correction_free (correction);
      return;
    }
  classification = vigie_store_get_classification (self->store, comment->id, NULL);
  for (guint i = 0; classification != NULL && i < classification->flags->len; i++)
    g_strv_builder_add (flagged, g_array_index (classification->flags, VigieFlag, i).category);
  correction->flagged = g_strv_builder_end (flagged);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Correct the Classification"),
                                   _("Tell Vigie what it got wrong about this comment. The "
                                     "comment's flags change, and the correction is kept in "
                                     "the audit trail."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  wrong = gtk_check_button_new_with_mnemonic (_("A flag is _wrong: remove it"));
  missed = gtk_check_button_new_with_mnemonic (_("A category was _missed: add it"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (missed), GTK_CHECK_BUTTON (wrong));
  dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Category"), -1);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Note (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note about the correction"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), wrong);
  gtk_box_append (GTK_BOX (box), missed);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  vigie_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "correct", _("C_orrect"),
                                   ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "correct");

  correction->wrong_button = GTK_CHECK_BUTTON (wrong);
  correction->category_dropdown = GTK_DROP_DOWN (dropdown);
  correction->note_entry = GTK_EDITABLE (entry);
  g_object_set_data_full (G_OBJECT (dialog), "vigie-correction", correction, correction_free);

  /* Nothing flagged: only a missed category makes sense */
  gtk_widget_set_sensitive (wrong, correction->flagged[0] != NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (correction->flagged[0] != NULL ? wrong : missed),
                               TRUE);
  correction_fill (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (wrong, "toggled", G_CALLBACK (correction_kind_toggled_cb), dialog);
  g_signal_connect (missed, "toggled", G_CALLBACK (correction_kind_toggled_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (correction_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (gtk_check_button_get_active (GTK_CHECK_BUTTON (wrong)) ? wrong : missed);
}

static void
moderate (VigieWindow     *self,
          VigieActionKind  kind)
{
  VigieComment *comment = current_comment (self);
  VigieActionRequest request = { 0 };

  if (n_selected (self) > 1)
    {
      moderate_selected (self, kind);
      return;
    }
  if (comment == NULL || comment->id <= 0)
    {
      show_toast (self, _("Select a comment first"));
      return;
    }
  if (!kind_available (self, comment->id, kind))
    {
      show_toast (self, _("This action is not possible on this comment"));
      return;
    }

  if (vigie_action_kind_needs_text (kind))
    open_reply (self, comment, kind);
  else if (kind == VIGIE_ACTION_KEEP)
    open_keep (self, comment, NULL);
  else if (kind == VIGIE_ACTION_CORRECT_CLASSIFICATION)
    open_correction (self, comment);
  else
    {
      request.kind = kind;
      request.comment_id = comment->id;
      enqueue (self, &request, comment);
    }
}

static void
moderate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VigieActionKind kind;

  if (vigie_action_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    moderate (VIGIE_WINDOW (widget), kind);
}

/* h, r, b, p, e, d, unless the person is typing */
static gboolean
moderate_key_cb (GtkWidget *widget,
                 GVariant   *args,
                 gpointer    user_data)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  VigieActionKind kind;

  if (focus != NULL &&
      (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus) ||
       gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL))
    return FALSE;
  if (!vigie_action_kind_from_string (g_variant_get_string (args, NULL), &kind))
    return FALSE;
  moderate (self, kind);
  return TRUE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  g_autofree char *actor = dup_actor_name (self);
  g_autofree char *role = dup_actor_role (self);
  g_autoptr(GError) error = NULL;
  gint64 reverse = 0;

  if (!vigie_outbox_undo (self->outbox, g_variant_get_int64 (parameter), actor, role, &reverse,
                          &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason */
      text = g_strdup_printf (_("Cannot undo: %s"), error->message);
      show_toast (self, text);
      return;
    }
  show_toast (self, reverse != 0 ? _("Undone: the reverse action is on its way")
                                 : _("Undone"));
}

/* The toast of a bulk action: undoes each of its actions */
static void
undo_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  g_autofree char *actor = dup_actor_name (self);
  g_autofree char *role = dup_actor_role (self);
  g_autofree char *first_error = NULL;
  gsize n_ids = 0;
  const gint64 *ids = g_variant_get_fixed_array (parameter, &n_ids, sizeof (gint64));
  guint failed = 0;
  guint reversed = 0;

  for (gsize i = 0; i < n_ids; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 reverse = 0;

      if (!vigie_outbox_undo (self->outbox, ids[i], actor, role, &reverse, &error))
        {
          failed++;
          if (first_error == NULL)
            first_error = g_strdup (error->message);
        }
      else if (reverse != 0)
        reversed++;
    }

  if (failed > 0)
    {
      g_autofree char *number = vigie_format_number (failed);
      g_autofree char *text = NULL;

      /* Translators: %s is a number, then the first reason */
      text = g_strdup_printf (ngettext ("Cannot undo %s action: %s",
                                        "Cannot undo %s actions: %s", failed),
                              number, first_error);
      show_toast (self, text);
    }
  else
    show_toast (self, reversed > 0 ? _("Undone: the reverse actions are on their way")
                                   : _("Undone"));
}

static void
outbox_comment_changed_cb (VigieWindow *self,
                           gint64       comment_id)
{
  VigieComment *comment = current_comment (self);

  vigie_queue_model_reload (self->queue);
  vigie_sidebar_reload (self->sidebar);
  if (comment != NULL && comment->id == comment_id)
    {
      g_autoptr(VigieComment) fresh = vigie_store_get_comment (self->store, comment_id, NULL);

      if (fresh != NULL)
        vigie_comment_detail_set_comment (self->detail, fresh);
      update_actions (self);
    }
}

/* The counts of Failed Actions and To Approve */
static void
update_failed_count (VigieWindow *self)
{
  if (self->outbox == NULL)
    return;
  vigie_sidebar_set_failed_count (self->sidebar,
                                  vigie_outbox_count (self->outbox, VIGIE_ACTION_STATUS_FAILED,
                                                      NULL));
  vigie_sidebar_set_awaiting_count (self->sidebar,
                                    vigie_outbox_count_awaiting (self->outbox, NULL));
}

static void
outbox_action_changed_cb (VigieWindow       *self,
                          gint64             id,
                          VigieActionStatus  status,
                          guint              attempts)
{
  AdwToast *toast;

  /* Retried, abandoned or failed: the sidebar counts what is left */
  update_failed_count (self);
  if (status != VIGIE_ACTION_STATUS_FAILED)
    return;
  toast = adw_toast_new (_("An action failed"));
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-failed");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
outbox_process_error_cb (VigieWindow  *self,
                         const GError *error)
{
  show_action_error (self, error);
}

/* Right click on a row: the actions for its comment */
static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                VigieWindow     *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  VigieCommentItem *item = vigie_comment_row_get_item (VIGIE_COMMENT_ROW (row));
  VigieComment *comment;
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GArray) kinds = NULL;
  guint position;
  double qx, qy;

  if (item == NULL)
    return;
  comment = vigie_comment_item_get_comment (item);
  position = vigie_queue_model_find (self->queue, comment->id);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      /* Inside the selection, the menu acts on all of it */
      if (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position) &&
          n_selected (self) > 1)
        {
          self->current_position = position;
          selection_changed_cb (self, position, 0);
        }
      else
        set_selected (self, position);
    }

  kinds = vigie_outbox_list_available_kinds (self->outbox, comment->id, NULL);
  if (kinds == NULL || kinds->len == 0)
    return;
  menu = g_menu_new ();
  for (guint i = 0; i < kinds->len; i++)
    {
      VigieActionKind kind = g_array_index (kinds, VigieActionKind, i);
      g_autoptr(GMenuItem) menu_item = NULL;

      menu_item = g_menu_item_new (vigie_action_kind_get_label (kind, comment->platform), NULL);
      g_menu_item_set_action_and_target_value (menu_item, "win.moderate",
                                               g_variant_new_string (
                                                 vigie_action_kind_to_string (kind)));
      g_menu_append_item (menu, menu_item);
    }
  {
    g_autoptr(GMenu) section = g_menu_new ();

    g_menu_append (section, _("Add to _Training…"), "win.add-to-training");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), G_MENU_MODEL (menu));
  if (!gtk_widget_translate_coordinates (row, GTK_WIDGET (self->queue_view), x, y, &qx, &qy))
    qx = qy = 0;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu),
                               &(GdkRectangle) { (int) qx, (int) qy, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
check_audit (VigieWindow *self)
{
  g_auto(VigieAuditVerification) verification = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (!vigie_audit_verify (self->store, &verification, NULL, &error))
    {
      g_debug ("Cannot check the audit trail: %s", error->message);
      return;
    }
  if (verification.intact)
    return;

  /* Translators: %lld is the number of the first broken entry, %s why */
  body = g_strdup_printf (_("The audit trail of this workspace was altered outside Vigie: entry "
                            "%lld is not what was recorded (%s). Actions taken before it can no "
                            "longer be proved. Keep a copy of the workspace file and tell your "
                            "IT department."),
                          (long long) verification.first_broken_id,
                          verification.reason != NULL ? verification.reason : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Audit Trail Tampered With"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
check_audit_idle_cb (gpointer user_data)
{
  check_audit (VIGIE_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
show_activity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  GtkWindow *window;

  window = GTK_WINDOW (vigie_activity_window_new (
    self->store, self->classifier != NULL ? vigie_classifier_get_policy (self->classifier)
                                          : NULL));
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_present (window);
}

gboolean
vigie_window_save_incident_report (VigieWindow  *self,
                                   gint64        comment_id,
                                   GFile        *file,
                                   GError      **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (VIGIE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The report can only be saved to a folder of this computer."));
      return FALSE;
    }
  return vigie_report_write_incident_pdf (self->store, comment_id, path, error);
}

static void
incident_chooser_response_cb (GtkNativeDialog *chooser,
                              int              response,
                              VigieWindow     *self)
{
  gint64 comment_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser),
                                                           "vigie-comment-id"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;
  if (!vigie_window_save_incident_report (self, comment_id, file, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The incident report was not saved: %s"),
                                               error->message);
      show_toast (self, text);
    }
  else
    show_toast (self, _("Incident report saved"));
}

static void
incident_report_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  VigieComment *comment = current_comment (self);
  GtkFileChooserNative *chooser;
  g_autofree char *stable_id = NULL;
  g_autofree char *name = NULL;

  if (comment == NULL || comment->id <= 0)
    {
      show_toast (self, _("Select a comment first"));
      return;
    }
  stable_id = vigie_comment_dup_stable_id (comment);
  g_strdelimit (stable_id, ":/", '-');
  /* Translators: the file name offered for an incident report */
  name = g_strdup_printf (_("incident-%s.pdf"), stable_id);
  chooser = gtk_file_chooser_native_new (_("Save the Incident Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "vigie-comment-id", GSIZE_TO_POINTER (comment->id));
  g_signal_connect_object (chooser, "response", G_CALLBACK (incident_chooser_response_cb), self,
                           0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_dashboard_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  GtkWindow *window;

  window = GTK_WINDOW (vigie_dashboard_window_new (self->store, self->settings));
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_present (window);
}

static void
show_approvals_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  GtkWindow *window;

  if (self->outbox == NULL)
    return;
  window = GTK_WINDOW (vigie_approvals_window_new (
    self->outbox, self->classifier != NULL ? vigie_classifier_get_policy (self->classifier)
                                           : NULL,
    self->settings));
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_present (window);
}

static void
show_failed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  g_autofree char *actor = dup_actor_name (self);
  g_autofree char *role = dup_actor_role (self);
  GtkWindow *window;

  if (self->outbox == NULL)
    return;
  window = GTK_WINDOW (vigie_failed_window_new (self->outbox, actor, role));
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_present (window);
}

/* Saved in Preferences: a classifier with them, and the workspace
 * classified again */
static void
classifier_settings_changed_cb (VigieWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieClassifier) classifier = vigie_classifier_new_for_store (self->store, &error);

  if (classifier == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason */
      text = g_strdup_printf (_("The classifier settings cannot be used: %s"), error->message);
      show_toast (self, text);
      return;
    }
  vigie_window_set_classifier (self, classifier);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  GtkWindow *window;

  if (self->settings == NULL)
    {
      show_toast (self, _("Preferences cannot be kept: the settings schema is not installed"));
      return;
    }
  window = GTK_WINDOW (vigie_preferences_window_new (self->settings));
  if (self->classifier != NULL)
    {
      vigie_preferences_window_set_workspace (VIGIE_PREFERENCES_WINDOW (window), self->store,
                                              vigie_classifier_get_policy (self->classifier));
      g_signal_connect_object (window, "classifier-settings-changed",
                               G_CALLBACK (classifier_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_present (window);
}

static void
show_policy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  GtkWindow *dialog;

  if (self->classifier == NULL)
    return;
  dialog = GTK_WINDOW (vigie_policy_dialog_new (self->classifier));
  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_present (dialog);
}

/* The outbox, with the connector of the workspace: the live one once it
 * has accounts, the sandbox before */
static void
start_outbox (VigieWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieConnector) connector = vigie_connector_new_for_store (self->store, &error);

  if (connector == NULL)
    {
      g_message ("No connector: %s", error->message);
      return;
    }
  if (self->outbox != NULL)
    {
      /* The live connector reads the accounts and tokens when made */
      if (!vigie_connector_is_live (vigie_outbox_get_connector (self->outbox)) &&
          !vigie_connector_is_live (connector))
        return;
      vigie_outbox_stop (self->outbox);
      g_signal_handlers_disconnect_by_data (self->outbox, self);
      g_clear_object (&self->outbox);
    }

  self->outbox = vigie_outbox_new (self->store, connector);
  if (self->classifier != NULL)
    vigie_outbox_set_policy (self->outbox, vigie_classifier_get_policy (self->classifier));
  if (self->settings != NULL)
    grace_changed_cb (self);
  g_signal_connect_object (self->outbox, "action-added",
                           G_CALLBACK (update_failed_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outbox, "comment-changed",
                           G_CALLBACK (outbox_comment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outbox, "action-changed",
                           G_CALLBACK (outbox_action_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outbox, "process-error",
                           G_CALLBACK (outbox_process_error_cb), self, G_CONNECT_SWAPPED);
  /* Actions left pending by an earlier run go out now */
  vigie_outbox_start (self->outbox);
  update_failed_count (self);
}

/* Sync */

static gboolean
sync_timer_cb (gpointer user_data)
{
  VigieWindow *self = user_data;

  if (self->sync_cancellable == NULL && self->import_job == NULL)
    {
      self->sync_automatic = TRUE;
      vigie_window_sync (self);
      /* Not started (the accounts could not be read): the next sync, maybe
       * Sync Now, is not this one */
      if (self->sync_cancellable == NULL)
        self->sync_automatic = FALSE;
    }
  return G_SOURCE_CONTINUE;
}

static void
schedule_sync (VigieWindow *self)
{
  guint minutes;

  g_clear_handle_id (&self->sync_timer_id, g_source_remove);
  if (self->settings == NULL || !self->has_accounts)
    return;
  minutes = g_settings_get_uint (self->settings, "sync-interval-minutes");
  if (minutes == 0)
    return;
  if (self->sync_minute_ms == 60000)
    self->sync_timer_id = g_timeout_add_seconds (minutes * 60, sync_timer_cb, self);
  else
    self->sync_timer_id = g_timeout_add (minutes * self->sync_minute_ms, sync_timer_cb, self);
}

void
_vigie_window_set_sync_minute_ms (VigieWindow *self,
                                  guint        ms)
{
  g_return_if_fail (VIGIE_IS_WINDOW (self));
  g_return_if_fail (ms > 0);

  self->sync_minute_ms = ms;
  schedule_sync (self);
}

void
_vigie_window_set_sync_http_setup (VigieWindow            *self,
                                   VigieSyncHttpSetupFunc  func,
                                   gpointer                user_data)
{
  g_return_if_fail (VIGIE_IS_WINDOW (self));

  self->sync_http_setup = func;
  self->sync_http_setup_data = user_data;
}

AdwToast *
_vigie_window_get_sync_error_toast (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->sync_error_toast;
}

guint
_vigie_window_get_n_notifications (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), 0);

  return self->n_notifications;
}

const char *
_vigie_window_get_notification_title (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->notification_title;
}

const char *
_vigie_window_get_notification_body (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->notification_body;
}

static void
update_sync_action (VigieWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), self->has_accounts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync",
                                 self->has_accounts && self->sync_cancellable == NULL);
}

/* After an account was added or removed */
static void
update_accounts (VigieWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!vigie_account_count (self->store, &n, &error))
    g_message ("Cannot count the accounts: %s", error->message);
  self->has_accounts = n > 0;
  update_sync_action (self);
  schedule_sync (self);
  start_outbox (self);
}

static const char *
sync_account_name (VigieWindow *self,
                   gint64       account_id)
{
  const char *name = NULL;

  if (self->sync_names != NULL)
    name = g_hash_table_lookup (self->sync_names, &account_id);
  return name != NULL ? name : _("An account");
}

static void
sync_progress_cb (VigieSync   *sync,
                  gint64       account_id,
                  guint64      n_comments,
                  guint        n_requests,
                  VigieWindow *self)
{
  g_autofree char *number = vigie_format_number (n_comments);
  g_autofree char *detail = NULL;

  /* Translators: the sync bar: a page's name, then "120 comments read" */
  detail = g_strdup_printf (ngettext ("%s: %s comment read", "%s: %s comments read",
                                      (gulong) MIN (n_comments, G_MAXULONG)),
                            sync_account_name (self, account_id), number);
  gtk_label_set_text (self->sync_title_label, _("Syncing comments…"));
  gtk_label_set_text (self->sync_detail_label, detail);
  gtk_progress_bar_pulse (self->sync_progress);
}

static void
sync_throttled_cb (VigieSync   *sync,
                   gint64       account_id,
                   gint64       resume_at,
                   VigieWindow *self)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (resume_at);
  g_autofree char *time = when != NULL ? g_date_time_format (when, "%H:%M") : g_strdup ("");
  g_autofree char *title = NULL;

  /* Translators: %s is a time, "14:05" */
  title = g_strdup_printf (_("Waiting for the platform’s limit until %s"), time);
  gtk_label_set_text (self->sync_title_label, title);
  gtk_label_set_text (self->sync_detail_label, sync_account_name (self, account_id));
}

static void
sync_account_finished_cb (VigieSync   *sync,
                          gint64       account_id,
                          const char  *error,
                          VigieWindow *self)
{
  if (error != NULL)
    {
      if (self->sync_errors->len > 0)
        g_string_append (self->sync_errors, "; ");
      /* Translators: an account's name and its sync error */
      g_string_append_printf (self->sync_errors, _("%s: %s"),
                              sync_account_name (self, account_id), error);
    }
  if (self->accounts_window != NULL)
    vigie_accounts_window_reload (VIGIE_ACCOUNTS_WINDOW (self->accounts_window));
}

static void
set_syncing (VigieWindow *self,
             gboolean     syncing)
{
  if (syncing)
    {
      gtk_label_set_text (self->sync_title_label, _("Syncing comments…"));
      gtk_label_set_text (self->sync_detail_label, "");
      gtk_progress_bar_set_fraction (self->sync_progress, 0);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_revealer), TRUE);
    }
  gtk_revealer_set_reveal_child (self->sync_revealer, syncing);
  update_sync_action (self);
}

static void
sync_revealed_cb (VigieWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->sync_revealer) &&
      !gtk_revealer_get_child_revealed (self->sync_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->sync_revealer), FALSE);
}

static void
sync_cancel_cb (VigieWindow *self)
{
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
}

static char *
describe_sync (const VigieSyncStats *stats)
{
  g_autofree char *inserted = vigie_format_number (stats->n_inserted);
  g_autofree char *flagged = vigie_format_number (stats->n_flagged);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (stats->n_inserted == 0 && stats->n_updated == 0)
    return g_strdup (_("Sync finished: no new comments"));

  /* Translators: after a sync, "Sync finished: 12 new comments" */
  first = g_strdup_printf (ngettext ("Sync finished: %s new comment",
                                     "Sync finished: %s new comments",
                                     (gulong) MIN (stats->n_inserted, G_MAXULONG)),
                           inserted);
  if (stats->n_flagged == 0)
    return g_steal_pointer (&first);
  /* Translators: after a sync, comments the classifier flagged */
  second = g_strdup_printf (ngettext ("%s flagged", "%s flagged",
                                      (gulong) MIN (stats->n_flagged, G_MAXULONG)),
                            flagged);
  /* Translators: joins "Sync finished: 12 new comments" and "3 flagged" */
  return g_strdup_printf (_("%s, %s"), first, second);
}

static void
notify_flagged (VigieWindow          *self,
                const VigieSyncStats *stats)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *flagged = NULL;
  g_autofree char *body = NULL;
  const char *title;

  if (stats->n_flagged == 0 && stats->n_urgent == 0)
    return;

  flagged = vigie_format_number (stats->n_flagged);
  if (stats->n_urgent > 0)
    {
      g_autofree char *urgent = vigie_format_number (stats->n_urgent);

      /* Translators: a desktop notification after a sync */
      body = g_strdup_printf (ngettext ("%s comment flagged, %s of them urgent",
                                        "%s comments flagged, %s of them urgent",
                                        (gulong) MIN (stats->n_flagged, G_MAXULONG)),
                              flagged, urgent);
    }
  else
    /* Translators: a desktop notification after a sync */
    body = g_strdup_printf (ngettext ("%s comment flagged", "%s comments flagged",
                                      (gulong) MIN (stats->n_flagged, G_MAXULONG)),
                            flagged);

  title = _("New Comments to Moderate");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, stats->n_urgent > 0 ? G_NOTIFICATION_PRIORITY_URGENT
                                                                 : G_NOTIFICATION_PRIORITY_HIGH);
  /* Kept for the tests (vigie-window-private.h) */
  self->n_notifications++;
  g_free (self->notification_title);
  self->notification_title = g_strdup (title);
  g_free (self->notification_body);
  self->notification_body = g_strdup (body);
  if (application != NULL)
    g_application_send_notification (G_APPLICATION (application), "sync-flagged", notification);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(VigieWindow) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  VigieSyncStats stats = { 0 };
  gboolean automatic;
  gboolean cancelled;

  vigie_sync_run_finish (VIGIE_SYNC (object), result, &stats, &error);
  g_weak_ref_clear (weak);
  g_free (weak);

  if (self == NULL || self->sync != VIGIE_SYNC (object))
    return;

  cancelled = g_cancellable_is_cancelled (self->sync_cancellable);
  automatic = self->sync_automatic;
  self->sync_automatic = FALSE;
  g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->sync_cancellable);
  g_clear_pointer (&self->sync_names, g_hash_table_unref);
  errors = g_string_free (g_steal_pointer (&self->sync_errors), FALSE);
  set_syncing (self, FALSE);
  /* A failure stays in sight until dismissed, but one at a time: a new
   * failure takes the place of the previous one's text, a success or a
   * cancel dismisses it */
  if (self->sync_error_toast != NULL && (cancelled || (errors[0] == '\0' && error == NULL)))
    adw_toast_dismiss (self->sync_error_toast);

  if (cancelled)
    show_toast (self, _("Sync cancelled: what arrived is kept, the next sync resumes there"));
  else if (errors[0] != '\0' || error != NULL)
    {
      g_autofree char *text = NULL;
      AdwToast *toast;

      /* Translators: %s is the accounts' errors, "Page: token expired" */
      text = g_strdup_printf (_("Sync failed for some accounts — %s"),
                              errors[0] != '\0' ? errors : error->message);
      if (self->sync_error_toast != NULL)
        adw_toast_set_title (self->sync_error_toast, text);
      else
        {
          toast = adw_toast_new (text);
          adw_toast_set_timeout (toast, 0);
          adw_toast_set_button_label (toast, _("_Accounts"));
          adw_toast_set_action_name (toast, "win.show-accounts");
          g_set_weak_pointer (&self->sync_error_toast, toast);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }
  else
    {
      g_autofree char *text = describe_sync (&stats);
      show_toast (self, text);
    }

  if (stats.n_inserted > 0 || stats.n_updated > 0)
    {
      vigie_queue_model_reload (self->queue);
      vigie_sidebar_reload (self->sidebar);
      classify (self, TRUE);
      if (automatic || !gtk_window_is_active (GTK_WINDOW (self)))
        notify_flagged (self, &stats);
    }
  if (self->accounts_window != NULL)
    vigie_accounts_window_reload (VIGIE_ACCOUNTS_WINDOW (self->accounts_window));
}

void
vigie_window_sync (VigieWindow *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  GWeakRef *weak;

  g_return_if_fail (VIGIE_IS_WINDOW (self));

  if (self->sync_cancellable != NULL || !self->has_accounts)
    return;

  accounts = vigie_account_list (self->store, &error);
  if (accounts == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason */
      text = g_strdup_printf (_("Cannot sync: %s"), error->message);
      show_toast (self, text);
      return;
    }
  self->sync_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < accounts->len; i++)
    {
      VigieAccount *account = g_ptr_array_index (accounts, i);

      g_hash_table_insert (self->sync_names, g_memdup2 (&account->id, sizeof account->id),
                           g_strdup (account->name != NULL && account->name[0] != '\0'
                                       ? account->name : account->external_id));
    }

  self->sync = vigie_sync_new (self->store, self->classifier);
  if (self->sync_http_setup != NULL)
    vigie_sync_set_http_setup (self->sync, self->sync_http_setup, self->sync_http_setup_data);
  self->sync_cancellable = g_cancellable_new ();
  self->sync_errors = g_string_new (NULL);
  g_signal_connect_object (self->sync, "progress", G_CALLBACK (sync_progress_cb), self, 0);
  g_signal_connect_object (self->sync, "throttled", G_CALLBACK (sync_throttled_cb), self, 0);
  g_signal_connect_object (self->sync, "account-finished",
                           G_CALLBACK (sync_account_finished_cb), self, 0);
  set_syncing (self, TRUE);

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  vigie_sync_run_async (self->sync, 0, self->sync_cancellable, sync_done_cb, weak);
}

void
vigie_window_add_toast (VigieWindow *self,
                        const char  *text)
{
  g_return_if_fail (VIGIE_IS_WINDOW (self));

  show_toast (self, text);
}

gboolean
vigie_window_get_syncing (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), FALSE);

  return self->sync_cancellable != NULL;
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vigie_window_sync (VIGIE_WINDOW (widget));
}

static void
show_accounts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  if (self->accounts_window == NULL)
    {
      self->accounts_window = vigie_accounts_window_new (self->store);
      g_object_add_weak_pointer (G_OBJECT (self->accounts_window),
                                 (gpointer *) &self->accounts_window);
      gtk_window_set_transient_for (GTK_WINDOW (self->accounts_window), GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->accounts_window), TRUE);
      g_signal_connect_object (self->accounts_window, "accounts-changed",
                               G_CALLBACK (update_accounts), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->accounts_window));
}

/* Window state */

static gboolean
vigie_window_close_request (GtkWindow *window)
{
  VigieWindow *self = VIGIE_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (vigie_window_parent_class)->close_request (window);
}

static void
vigie_window_constructed (GObject *object)
{
  VigieWindow *self = VIGIE_WINDOW (object);
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (vigie_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);

  self->queue = vigie_queue_model_new (self->store);
  g_signal_connect_object (self->queue, "loaded", G_CALLBACK (queue_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  /* Ctrl+click, Shift+click and Shift+arrows pick several for bulk actions */
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->queue)));
  self->current_position = GTK_INVALID_LIST_POSITION;
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);
  gtk_list_view_set_factory (self->queue_view, factory);
  gtk_list_view_set_model (self->queue_view, GTK_SELECTION_MODEL (self->selection));

  vigie_comment_detail_set_store (self->detail, self->store);

  {
    g_autoptr(GError) error = NULL;

    self->classifier = vigie_classifier_new_for_store (self->store, &error);
    if (self->classifier == NULL)
      g_message ("No classifier: %s", error->message);
    else
      {
        VigiePolicy *policy = vigie_classifier_get_policy (self->classifier);

        vigie_queue_model_set_policy (self->queue, policy);
        vigie_comment_detail_set_policy (self->detail, policy);
        /* The director's approvals follow the policy */
        if (self->outbox != NULL)
          vigie_outbox_set_policy (self->outbox, policy);
      }
  }

  update_query (self);
  update_queue_state (self);

  /* Comments left unclassified by an earlier run, or by an older Vigie */
  classify (self, TRUE);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::undo-grace-seconds",
                             G_CALLBACK (grace_changed_cb), self, G_CONNECT_SWAPPED);

  /* Accounts: the outbox's connector, the Sync Now button, and a sync every N minutes */
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::sync-interval-minutes",
                             G_CALLBACK (schedule_sync), self, G_CONNECT_SWAPPED);
  update_accounts (self);
  g_idle_add_full (G_PRIORITY_LOW, check_audit_idle_cb, g_object_ref (self), g_object_unref);
}

static void
vigie_window_dispose (GObject *object)
{
  VigieWindow *self = VIGIE_WINDOW (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->classify_progress_id, g_source_remove);
  if (self->classify_job != NULL)
    {
      g_cancellable_cancel (self->classify_job->cancellable);
      g_weak_ref_set (&self->classify_job->window, NULL);
      g_clear_pointer (&self->classify_job, classify_job_unref);
    }
  g_clear_handle_id (&self->sidebar_timeout_id, g_source_remove);
  g_clear_handle_id (&self->trim_id, g_source_remove);
  g_clear_handle_id (&self->sync_timer_id, g_source_remove);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->sync_cancellable);
  g_clear_pointer (&self->sync_names, g_hash_table_unref);
  if (self->sync_errors != NULL)
    g_string_free (g_steal_pointer (&self->sync_errors), TRUE);
  g_clear_weak_pointer (&self->sync_error_toast);
  if (self->accounts_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->accounts_window),
                                    (gpointer *) &self->accounts_window);
      g_signal_handlers_disconnect_by_data (self->accounts_window, self);
      self->accounts_window = NULL;
    }
  if (self->import_job != NULL)
    {
      g_cancellable_cancel (self->import_job->cancellable);
      g_weak_ref_set (&self->import_job->window, NULL);
      g_clear_pointer (&self->import_job, import_job_unref);
    }
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  unhook_after_paint (self);

  /* The model may outlive the window for a moment, in a loading thread */
  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->queue_view != NULL)
    gtk_list_view_set_model (self->queue_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->queue);
  g_clear_object (&self->classifier);
  if (self->outbox != NULL)
    {
      vigie_outbox_stop (self->outbox);
      g_signal_handlers_disconnect_by_data (self->outbox, self);
    }
  g_clear_object (&self->outbox);
  g_clear_object (&self->templates);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vigie_window_parent_class)->dispose (object);
}

static void
vigie_window_finalize (GObject *object)
{
  VigieWindow *self = VIGIE_WINDOW (object);

  g_clear_pointer (&self->workspace_name, g_free);
  g_clear_pointer (&self->notification_title, g_free);
  g_clear_pointer (&self->notification_body, g_free);

  G_OBJECT_CLASS (vigie_window_parent_class)->finalize (object);
}

static void
vigie_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VigieWindow *self = VIGIE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_IMPORTING:
      g_value_set_boolean (value, self->import_job != NULL);
      break;

    case PROP_CLASSIFYING:
      g_value_set_boolean (value, self->classify_job != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VigieWindow *self = VIGIE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_window_class_init (VigieWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vigie_window_constructed;
  object_class->dispose = vigie_window_dispose;
  object_class->finalize = vigie_window_finalize;
  object_class->get_property = vigie_window_get_property;
  object_class->set_property = vigie_window_set_property;

  window_class->close_request = vigie_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         VIGIE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLASSIFYING] =
    g_param_spec_boolean ("classifying", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieWindow::classified:
   *
   * Emitted when a classification of the workspace is over.
   */
  signals[CLASSIFIED] =
    g_signal_new ("classified",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * VigieWindow::first-rows-drawn:
   *
   * Emitted once, after the first frame that shows rows of the queue.
   */
  signals[FIRST_ROWS_DRAWN] =
    g_signal_new ("first-rows-drawn",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (VIGIE_TYPE_SIDEBAR);
  g_type_ensure (VIGIE_TYPE_IMPORT_BAR);
  g_type_ensure (VIGIE_TYPE_COMMENT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, import_bar);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, queue_view);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, detail);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, classify_revealer);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, classify_label);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, classify_progress);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sync_title_label);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sync_detail_label);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sync_progress);
  gtk_widget_class_bind_template_callback (widget_class, sync_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, queue_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_loaded_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_comment_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-policy", NULL, show_policy_action);
  gtk_widget_class_install_action (widget_class, "win.moderate", "s", moderate_action);
  gtk_widget_class_install_action (widget_class, "win.show-activity", NULL, show_activity_action);
  gtk_widget_class_install_action (widget_class, "win.show-failed", NULL, show_failed_action);
  gtk_widget_class_install_action (widget_class, "win.show-approvals", NULL,
                                   show_approvals_action);
  gtk_widget_class_install_action (widget_class, "win.show-dashboard", NULL,
                                   show_dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.incident-report", NULL,
                                   incident_report_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.show-accounts", NULL, show_accounts_action);
  gtk_widget_class_install_action (widget_class, "win.undo", "x", undo_action);
  gtk_widget_class_install_action (widget_class, "win.undo-all", "ax", undo_all_action);
  gtk_widget_class_install_action (widget_class, "win.next-comment", NULL, next_comment_action);
  gtk_widget_class_install_action (widget_class, "win.previous-comment", NULL,
                                   previous_comment_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.import-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.sync", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_j, 0, queue_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_k, 0, queue_key_cb, "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_h, 0, moderate_key_cb, "s", "hide");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, 0, moderate_key_cb, "s", "remove");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_b, 0, moderate_key_cb, "s", "ban");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_p, 0, moderate_key_cb, "s", "reply");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_e, 0, moderate_key_cb, "s", "escalate");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_d, 0, moderate_key_cb, "s", "keep");
}

static void
vigie_window_init (VigieWindow *self)
{
  GtkDropTarget *target;
  GtkWidget *dropdown;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->sync_minute_ms = 60000;

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  gtk_search_entry_set_search_delay (self->search_entry, 250);
  self->acted_position = GTK_INVALID_LIST_POSITION;
  self->row_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
  gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self->queue_view));

  /* The split button's arrow is a menu button of its own */
  dropdown = gtk_widget_get_last_child (GTK_WIDGET (self->import_button));
  if (GTK_IS_MENU_BUTTON (dropdown))
    gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("More ways to import"),
                                    -1);
}

VigieWindow *
vigie_window_new (GtkApplication *application,
                  VigieStore     *store,
                  GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (VIGIE_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "settings", settings,
                       NULL);
}

VigieStore *
vigie_window_get_store (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->store;
}

void
vigie_window_set_workspace_name (VigieWindow *self,
                                 const char  *name)
{
  g_autofree char *title = NULL;

  g_return_if_fail (VIGIE_IS_WINDOW (self));

  g_free (self->workspace_name);
  self->workspace_name = g_strdup (name);
  vigie_sidebar_set_workspace_name (self->sidebar, name);

  /* Translators: the window's title, with the workspace's name */
  title = name != NULL ? g_strdup_printf (_("%s — Vigie"), name) : g_strdup (_("Vigie"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

gboolean
vigie_window_get_importing (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), FALSE);

  return self->import_job != NULL;
}

VigieQueueModel *
vigie_window_get_queue_model (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->queue;
}

GtkSelectionModel *
vigie_window_get_selection (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

/* The comment in the detail, of those selected */
guint
vigie_window_get_selected (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), GTK_INVALID_LIST_POSITION);

  return get_current (self);
}

/* That comment alone, or none with GTK_INVALID_LIST_POSITION */
void
vigie_window_select (VigieWindow *self,
                     guint        position)
{
  g_return_if_fail (VIGIE_IS_WINDOW (self));

  set_selected (self, position);
}

VigieCommentDetail *
vigie_window_get_detail (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->detail;
}

const char *
vigie_window_get_queue_state (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->queue_stack);
}

gboolean
vigie_window_get_classifying (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), FALSE);

  return self->classify_job != NULL;
}

VigieClassifier *
vigie_window_get_classifier (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->classifier;
}

void
vigie_window_set_classifier (VigieWindow     *self,
                             VigieClassifier *classifier)
{
  VigiePolicy *policy;

  g_return_if_fail (VIGIE_IS_WINDOW (self));
  g_return_if_fail (VIGIE_IS_CLASSIFIER (classifier));

  if (!g_set_object (&self->classifier, classifier))
    return;
  policy = vigie_classifier_get_policy (classifier);
  vigie_queue_model_set_policy (self->queue, policy);
  vigie_comment_detail_set_policy (self->detail, policy);
  if (self->outbox != NULL)
    vigie_outbox_set_policy (self->outbox, policy);
  classify (self, FALSE);
}

VigieOutbox *
vigie_window_get_outbox (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->outbox;
}
