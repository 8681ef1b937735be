/* vigie-demo.h — the demo workspace embedded in the program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_DEMO_RESOURCE_PATH "/io/github/vigie/Vigie/data/demo"

/* Makes a private temporary folder (in the user's runtime folder when there
 * is one), writes the demo files into it and returns their paths, sorted.
 * A new, empty workspace file goes into the same folder: a demo never
 * touches the user's own data. Remove it all with vigie_demo_remove(). */
gboolean vigie_demo_prepare (char    **out_dir,
                             char    **out_workspace,
                             char   ***out_files,
                             GError  **error);
/* Gives the demo workspace its organisation (name, complaints office,
 * phone, addresses) so that the reply templates can be filled */
gboolean vigie_demo_set_up_workspace (VigieStore  *store,
                                      GError     **error);

/* Removes @dir and everything in it */
void     vigie_demo_remove  (const char *dir);

G_END_DECLS
