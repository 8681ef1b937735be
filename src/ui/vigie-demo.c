/* vigie-demo.c — the demo workspace embedded in the program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-demo"

#include "config.h"

#include "vigie-demo.h"

#include "vigie-templates.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

static char *
make_private_dir (GError **error)
{
  g_autofree char *template = NULL;
  const char *base;

  /* XDG_RUNTIME_DIR is private to the user and emptied at log-out;
   * g_get_user_runtime_dir() falls back to the cache folder without it,
   * where the temporary folder is the better place. */
  if (g_getenv ("XDG_RUNTIME_DIR") != NULL &&
      g_file_test (g_get_user_runtime_dir (), G_FILE_TEST_IS_DIR))
    base = g_get_user_runtime_dir ();
  else
    base = g_get_tmp_dir ();

  template = g_build_filename (base, "vigie-demo-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create a temporary folder for the demo in “%s”: %s"),
                   base, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&template);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

gboolean
vigie_demo_prepare (char    **out_dir,
                    char    **out_workspace,
                    char   ***out_files,
                    GError  **error)
{
  g_autofree char *dir = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (out_dir != NULL, FALSE);
  g_return_val_if_fail (out_workspace != NULL, FALSE);
  g_return_val_if_fail (out_files != NULL, FALSE);

  names = g_resources_enumerate_children (VIGIE_DEMO_RESOURCE_PATH "/",
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    {
      g_prefix_error (error, _("The demo workspace is missing from this build: "));
      return FALSE;
    }

  dir = make_private_dir (error);
  if (dir == NULL)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *resource = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gconstpointer data;
      gsize size;

      /* Sub-folders end in "/"; notes for developers are not demo data */
      if (g_str_has_suffix (names[i], "/") || g_str_has_suffix (names[i], ".md"))
        continue;

      resource = g_strconcat (VIGIE_DEMO_RESOURCE_PATH "/", names[i], NULL);
      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        goto fail;
      path = g_build_filename (dir, names[i], NULL);
      data = g_bytes_get_data (bytes, &size);
      if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_NONE, 0600, error))
        goto fail;
      g_ptr_array_add (files, g_steal_pointer (&path));
    }

  g_ptr_array_sort (files, compare_strings);
  g_ptr_array_add (files, NULL);

  *out_workspace = g_build_filename (dir, "demo.vigie", NULL);
  *out_dir = g_steal_pointer (&dir);
  *out_files = (char **) g_ptr_array_free (g_steal_pointer (&files), FALSE);
  return TRUE;

fail:
  vigie_demo_remove (dir);
  return FALSE;
}

void
vigie_demo_remove (const char *dir)
{
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  if (dir == NULL)
    return;

  gdir = g_dir_open (dir, 0, NULL);
  if (gdir != NULL)
    {
      while ((name = g_dir_read_name (gdir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            vigie_demo_remove (path);
          else if (g_unlink (path) != 0)
            g_debug ("Cannot remove %s: %s", path, g_strerror (errno));
        }
    }
  if (g_rmdir (dir) != 0)
    g_debug ("Cannot remove %s: %s", dir, g_strerror (errno));
}

gboolean
vigie_demo_set_up_workspace (VigieStore  *store,
                             GError     **error)
{
  return vigie_templates_set_example_organisation (store, error);
}
