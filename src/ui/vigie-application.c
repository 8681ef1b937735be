/* vigie-application.c — the Vigie application
 *
 * The application owns the workspace (the store) and the settings, and
 * hands them to its window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-application"

#include "config.h"

#include "vigie-application.h"

#include "vigie-demo.h"
#include "vigie-store.h"
#include "vigie-training.h"
#include "vigie-training-ui.h"
#include "vigie-window.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

struct _VigieApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;     /* NULL when the schema is not installed */
  VigieStore     *store;
  char           *demo_dir;     /* removed at shutdown */
  VigieTrainingContext *training;   /* the training workspace's scenarios; NULL otherwise */
  char           *training_dir; /* --scenarios: a temporary workspace, removed at shutdown */
};

G_DEFINE_FINAL_TYPE (VigieApplication, vigie_application, ADW_TYPE_APPLICATION)

static gint64 start_time;

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a demonstration workspace (a temporary copy, deleted on quit)"), NULL },
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the workspace FILE (created if it does not exist)"), N_("FILE") },
  { "training", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the training workspace: invented comments, and nothing reaches a real page"),
    NULL },
  { "scenarios", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Train on the scenarios of FILE only, in a temporary training workspace"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

void
vigie_application_mark_start_time (gint64 monotonic_time)
{
  start_time = monotonic_time;
}

gint64
vigie_application_get_start_time (void)
{
  return start_time;
}

/* Resident memory in MB, from /proc/self/status */
static double
get_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static gpointer
ref_window (gconstpointer window,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) window);
}

static void
quit_all (VigieApplication *self)
{
  GList *windows;

  /* Closed rather than destroyed, so that they save their size; they
   * cancel their imports on the way */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              ref_window, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
  g_application_quit (G_APPLICATION (self));
}

/* VIGIE_BENCH_FIRST_ROWS: print the time to the first rows and quit */
static void
first_rows_drawn_cb (VigieWindow      *window,
                     VigieApplication *self)
{
  double ms = (g_get_monotonic_time () - start_time) / 1000.0;

  printf ("window: first rows drawn in %.0f ms (target ≤ 1000); RSS %.0f MB (target ≤ 300)\n",
          ms, get_rss_mb ());
  fflush (stdout);
  quit_all (self);
}

static gboolean
bench_timeout_cb (gpointer user_data)
{
  VigieApplication *self = user_data;

  printf ("window: no rows drawn after 60 s\n");
  fflush (stdout);
  quit_all (self);
  return G_SOURCE_REMOVE;
}

/* Ctrl+C in a terminal, or a session that ends: quit properly, so that a
 * demo's temporary copy is removed */
static gboolean
quit_signal_cb (gpointer user_data)
{
  quit_all (VIGIE_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  quit_all (VIGIE_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VigieApplication *self = VIGIE_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Vigie developers"), NULL };

  adw_show_about_window (window,
                         "application-name", _("Vigie"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Vigie developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Moderate the comments left on your organisation’s "
                                       "Facebook, Instagram and YouTube pages, following its "
                                       "social media policy."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* The training workspace from another workspace: a process of its own,
 * since a process has one workspace */
static void
training_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  VigieApplication *self = VIGIE_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->training != NULL)
    {
      if (window != NULL)
        gtk_window_present (window);
      return;
    }
  program = g_file_read_link ("/proc/self/exe", &error);
  if (program == NULL ||
      !g_spawn_async (NULL, (char *[]) { program, (char *) "--training", NULL }, NULL,
                      G_SPAWN_DEFAULT, NULL, NULL, NULL, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("Cannot Open the Training Workspace"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
color_scheme_changed_cb (VigieApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_PREFER_LIGHT);
}

static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without GSETTINGS_SCHEMA_DIR: no settings,
   * rather than an abort */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s not found: settings are not kept", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
vigie_application_startup (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);
  static const GActionEntry actions[] = {
    { "quit", quit_action },
    { "about", about_action },
    { "training", training_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *import_folder_accels[] = { "<Control><Shift>o", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };

  G_APPLICATION_CLASS (vigie_application_parent_class)->startup (application);

  g_unix_signal_add (SIGINT, quit_signal_cb, self);
  g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  g_unix_signal_add (SIGHUP, quit_signal_cb, self);

  g_set_application_name (_("Vigie"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import-folder",
                                         import_folder_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);

  self->settings = open_settings ();
  if (self->settings != NULL)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, "color-scheme");

      g_action_map_add_action (G_ACTION_MAP (self), action);
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
      color_scheme_changed_cb (self);
    }
}

static char *
default_workspace_path (VigieApplication *self,
                        GError          **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vigie", NULL);

  if (self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-workspace");

      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&last);
    }

  /* The workspace holds other people's comments: private to the user */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  return g_build_filename (dir, "workspace.vigie", NULL);
}

static char *
workspace_name (VigieApplication *self,
                const char       *path,
                gboolean          is_default)
{
  g_autofree char *name = vigie_store_get_setting (self->store, "name");
  g_autofree char *basename = NULL;
  char *dot;

  if (name != NULL && name[0] != '\0')
    return g_steal_pointer (&name);
  if (self->demo_dir != NULL)
    return g_strdup (_("Demo Workspace"));
  if (self->training != NULL)
    return g_strdup (_("Training Workspace"));
  if (is_default)
    return g_strdup (_("My Workspace"));

  basename = g_filename_display_basename (path);
  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename)
    *dot = '\0';
  return g_steal_pointer (&basename);
}

static void reset_training_cb (VigieWindow *window,
                               gpointer     user_data);

static VigieWindow *
open_window (VigieApplication *self,
             const char       *path,
             gboolean          is_default)
{
  VigieWindow *window = vigie_window_new (GTK_APPLICATION (self), self->store, self->settings);
  g_autofree char *name = workspace_name (self, path, is_default);

  vigie_window_set_workspace_name (window, name);
  vigie_training_ui_install (window);
  if (self->training != NULL)
    vigie_training_ui_set_up_window (window, self->training, reset_training_cb, self);
  return window;
}

/* Reset: a new workspace built from the scenarios, in a new window */
static void
reset_training_cb (VigieWindow *window,
                   gpointer     user_data)
{
  VigieApplication *self = VIGIE_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = NULL;
  g_autofree char *path = NULL;
  VigieWindow *new_window;

  if (self->training_dir != NULL)
    {
      /* A temporary workspace: a new file next to it */
      g_autofree char *name = g_strdup_printf ("training-%" G_GINT64_FORMAT ".vigie",
                                               g_get_real_time ());
      path = g_build_filename (self->training_dir, name, NULL);
      store = vigie_training_create_workspace (
        path, vigie_training_context_get_sets (self->training), NULL, &error);
    }
  else
    store = vigie_training_new_workspace (vigie_training_context_get_sets (self->training), NULL,
                                          &error);
  if (store == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                                  _("Cannot Reset the Training Workspace"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_set_object (&self->store, store);
  new_window = open_window (self, vigie_store_get_path (store), FALSE);
  gtk_window_present (GTK_WINDOW (new_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static int
vigie_application_command_line (GApplication            *application,
                                GApplicationCommandLine *command_line)
{
  VigieApplication *self = VIGIE_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) demo_files = NULL;
  g_auto(GStrv) arguments = NULL;
  g_autoptr(GPtrArray) import_paths = NULL;
  int n_arguments = 0;
  const char *workspace_arg = NULL;
  gboolean demo = g_variant_dict_contains (options, "demo");
  const char *scenarios_arg = NULL;
  gboolean training = g_variant_dict_contains (options, "training");
  gboolean is_default = FALSE;
  VigieWindow *window;

  /* One workspace per process; a second launch of the same process (not
   * possible with NON_UNIQUE, but harmless) shows its window */
  if (self->store != NULL)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
      if (active != NULL)
        gtk_window_present (active);
      return 0;
    }

  g_variant_dict_lookup (options, "workspace", "^&ay", &workspace_arg);
  g_variant_dict_lookup (options, "scenarios", "^&ay", &scenarios_arg);
  training = training || scenarios_arg != NULL;
  if (training && (demo || workspace_arg != NULL))
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("--training opens its own workspace: it cannot be "
                                             "used with --demo or --workspace"));
      return 2;
    }
  if (demo && workspace_arg != NULL)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("--demo and --workspace cannot be used together"));
      return 2;
    }

  /* What is left are files and folders to import */
  arguments = g_application_command_line_get_arguments (command_line, &n_arguments);
  import_paths = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; i < n_arguments; i++)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                               arguments[i]);
      char *file_path = g_file_get_path (file);

      if (file_path == NULL)
        {
          g_application_command_line_printerr (command_line, _("Not a local file: %s\n"),
                                               arguments[i]);
          return 2;
        }
      g_ptr_array_add (import_paths, file_path);
    }
  if (training && import_paths->len > 0)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("--training opens its own files: give files to "
                                             "import with --workspace"));
      return 2;
    }
  if (demo && import_paths->len > 0)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("--demo opens its own files: give files to "
                                             "import with --workspace"));
      return 2;
    }
  g_ptr_array_add (import_paths, NULL);

  if (demo)
    {
      g_autofree char *demo_dir = NULL;

      if (!vigie_demo_prepare (&demo_dir, &path, &demo_files, &error))
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 1;
        }
      self->demo_dir = g_steal_pointer (&demo_dir);
    }
  else if (training)
    {
      g_autoptr(GFile) file = NULL;
      g_autofree char *scenarios = NULL;

      if (scenarios_arg != NULL)
        {
          file = g_application_command_line_create_file_for_arg (command_line, scenarios_arg);
          scenarios = g_file_get_path (file);
        }
      self->training = vigie_training_context_new (scenarios, &error);
      if (self->training == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 2;
        }
      for (guint i = 0; i < vigie_training_context_get_errors (self->training)->len; i++)
        {
          GError *bad = g_ptr_array_index (vigie_training_context_get_errors (self->training), i);
          g_application_command_line_printerr (command_line, "%s\n", bad->message);
        }
      if (scenarios != NULL)
        {
          self->training_dir = g_dir_make_tmp ("vigie-training-XXXXXX", &error);
          if (self->training_dir == NULL)
            {
              g_application_command_line_printerr (command_line, "%s\n", error->message);
              return 1;
            }
          path = g_build_filename (self->training_dir, "training.vigie", NULL);
          self->store = vigie_training_create_workspace (
            path, vigie_training_context_get_sets (self->training), NULL, &error);
        }
      else
        {
          path = vigie_training_find_workspace ();
          if (path != NULL)
            self->store = vigie_store_open (path, &error);
          /* One that is not a training workspace is never used as one */
          if (self->store == NULL || !vigie_training_is_workspace (self->store))
            {
              g_clear_object (&self->store);
              g_clear_error (&error);
              self->store = vigie_training_new_workspace (
                vigie_training_context_get_sets (self->training), NULL, &error);
            }
        }
      if (self->store == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 1;
        }
    }
  else if (workspace_arg != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                               workspace_arg);
      path = g_file_get_path (file);
    }
  else
    {
      path = default_workspace_path (self, &error);
      is_default = TRUE;
      if (path == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 1;
        }
    }

  if (self->store == NULL)
    self->store = vigie_store_open (path, &error);
  if (self->store == NULL)
    {
      g_application_command_line_printerr (command_line, "%s\n", error->message);
      return 1;
    }
  if (demo && !vigie_demo_set_up_workspace (self->store, &error))
    {
      g_application_command_line_printerr (command_line, "%s\n", error->message);
      return 1;
    }
  if (!demo && !training && self->settings != NULL)
    g_settings_set_string (self->settings, "last-workspace", path);

  window = open_window (self, path, is_default);

  if (g_getenv ("VIGIE_BENCH_FIRST_ROWS") != NULL)
    {
      g_signal_connect_object (window, "first-rows-drawn", G_CALLBACK (first_rows_drawn_cb),
                               self, 0);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 60, bench_timeout_cb,
                                  g_object_ref (self), g_object_unref);
    }

  gtk_window_present (GTK_WINDOW (window));

  if (demo_files != NULL)
    vigie_window_import (window, (const char * const *) demo_files);
  else if (import_paths->len > 1)
    vigie_window_import (window, (const char * const *) import_paths->pdata);

  return 0;
}

static int
vigie_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      printf ("vigie %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
vigie_application_shutdown (GApplication *application)
{
  VigieApplication *self = VIGIE_APPLICATION (application);

  G_APPLICATION_CLASS (vigie_application_parent_class)->shutdown (application);

  g_clear_object (&self->store);
  if (self->demo_dir != NULL)
    {
      vigie_demo_remove (self->demo_dir);
      g_clear_pointer (&self->demo_dir, g_free);
    }
  if (self->training_dir != NULL)
    {
      vigie_demo_remove (self->training_dir);
      g_clear_pointer (&self->training_dir, g_free);
    }
}

static void
vigie_application_dispose (GObject *object)
{
  VigieApplication *self = VIGIE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->training, vigie_training_context_unref);

  G_OBJECT_CLASS (vigie_application_parent_class)->dispose (object);
}

static void
vigie_application_finalize (GObject *object)
{
  VigieApplication *self = VIGIE_APPLICATION (object);

  /* Quit without a shutdown (a failed start): the demo goes anyway */
  if (self->demo_dir != NULL)
    vigie_demo_remove (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);
  if (self->training_dir != NULL)
    vigie_demo_remove (self->training_dir);
  g_clear_pointer (&self->training_dir, g_free);

  G_OBJECT_CLASS (vigie_application_parent_class)->finalize (object);
}

static void
vigie_application_class_init (VigieApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = vigie_application_dispose;
  object_class->finalize = vigie_application_finalize;

  app_class->startup = vigie_application_startup;
  app_class->command_line = vigie_application_command_line;
  app_class->handle_local_options = vigie_application_handle_local_options;
  app_class->shutdown = vigie_application_shutdown;
}

static void
vigie_application_init (VigieApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  /* Translators: in "vigie --help", after the options */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (
    G_APPLICATION (self),
    _("Moderate the comments on your organisation’s pages.\n"
      "Files and folders given are imported into the workspace."));
}

VigieApplication *
vigie_application_new (void)
{
  /* Not unique: each process has its own workspace open, and the window
   * benchmark and the tests must not hand their command line over to a
   * Vigie the person already has open */
  return g_object_new (VIGIE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/vigie/Vigie",
                       NULL);
}
