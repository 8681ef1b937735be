/* main.c — the vigie program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vigie-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(VigieApplication) app = NULL;
  const char *localedir;

  /* Taken first, for the window benchmark (time to the first rows) */
  vigie_application_mark_start_time (g_get_monotonic_time ());

  setlocale (LC_ALL, "");
  /* Translations from the build tree, for running uninstalled */
  localedir = g_getenv ("VIGIE_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = vigie_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
