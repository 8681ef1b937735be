/* test-ui-common.h — what the tests of windows share: the display check,
 * waiting on the main loop, finding a window, saving a PNG
 *
 * Without a display every test is skipped, unless VIGIE_REQUIRE_DISPLAY is
 * set: then they fail. Include after <adwaita.h>; call test_ui_init() in
 * place of g_test_init().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-window.h"
#include "vigie-secrets.h"

#ifndef TIMEOUT_MS
#define TIMEOUT_MS 20000
#endif

static gboolean have_display;

/* g_test_init(), then GTK and libadwaita when there is a display;
 * gtk_test_init() would abort without one */
static G_GNUC_UNUSED void
test_ui_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, NULL);
  have_display = gtk_init_check ();
  if (have_display)
    {
      adw_init ();
      g_type_ensure (VIGIE_TYPE_WINDOW);
    }
}

/* FALSE, with the test skipped (or failed under VIGIE_REQUIRE_DISPLAY),
 * when there is no display */
static G_GNUC_UNUSED gboolean
require_display (void)
{
  if (have_display)
    return TRUE;
  if (g_getenv ("VIGIE_REQUIRE_DISPLAY") != NULL)
    g_test_fail_printf ("no display (DISPLAY=%s) and VIGIE_REQUIRE_DISPLAY is set",
                        g_getenv ("DISPLAY"));
  else
    g_test_skip ("no display; run under xvfb-run");
  return FALSE;
}

/* As require_display(), and a usable keyring too (VIGIE_REQUIRE_KEYRING
 * turns the skip into a failure) */
static G_GNUC_UNUSED gboolean
require_display_and_keyring (void)
{
  g_autoptr(GError) error = NULL;

  if (!require_display ())
    return FALSE;
  if (!vigie_secrets_check (NULL, &error))
    {
      if (g_getenv ("VIGIE_REQUIRE_KEYRING") != NULL)
        g_test_fail_printf ("no usable keyring: %s", error->message);
      else
        g_test_skip_printf ("no usable keyring: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static G_GNUC_UNUSED gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until @cond holds, or fails after TIMEOUT_MS */
#define WAIT_FOR(cond)                                                     \
  G_STMT_START {                                                           \
    gboolean timed_out_ = FALSE;                                           \
    guint timeout_id_ = g_timeout_add (TIMEOUT_MS, timed_out_cb, &timed_out_); \
    while (!(cond) && !timed_out_)                                         \
      g_main_context_iteration (NULL, TRUE);                               \
    if (!timed_out_)                                                       \
      g_source_remove (timeout_id_);                                       \
    if (!(cond))                                                           \
      g_error ("Timed out waiting for: %s", #cond);                        \
  } G_STMT_END

/* Spins the main loop for @ms milliseconds */
static G_GNUC_UNUSED void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The first visible toplevel window of @type, NULL for none */
static G_GNUC_UNUSED GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* @widget as drawn now, saved as a PNG image at @path; FALSE when there
 * was nothing to draw or the file could not be written */
static G_GNUC_UNUSED gboolean
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
