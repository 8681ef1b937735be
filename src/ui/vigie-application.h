/* vigie-application.h — the Vigie application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_APPLICATION (vigie_application_get_type ())

G_DECLARE_FINAL_TYPE (VigieApplication, vigie_application, VIGIE, APPLICATION, AdwApplication)

VigieApplication *vigie_application_new             (void);
/* When the program started (g_get_monotonic_time()), for the time to the
 * first rows that the window benchmark measures */
void              vigie_application_mark_start_time (gint64 monotonic_time);
gint64            vigie_application_get_start_time  (void);

G_END_DECLS
