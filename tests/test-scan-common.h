/* test-scan-common.h — running the built vigie-scan from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/wait.h>

/* Runs vigie-scan with @args, in English whatever the machine's language;
 * returns its exit status. Its output goes to @out, or nowhere when @out
 * is NULL; its messages to @err */
static G_GNUC_UNUSED int
run_scan (const char * const  *args,
          char               **out,
          char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *localedir = g_build_filename (g_getenv ("VIGIE_BUILD_DIR"), "po", NULL);
  int status = 0;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("VIGIE_BUILD_DIR"), "src", "cli",
                                           "vigie-scan", NULL));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  /* the translations of the build tree, for --lang */
  env = g_environ_setenv (env, "VIGIE_LOCALEDIR", localedir, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env,
                               out != NULL ? G_SPAWN_DEFAULT : G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}
