/* vigie-import-bar.h — the progress of an import, with Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_IMPORT_BAR (vigie_import_bar_get_type ())

G_DECLARE_FINAL_TYPE (VigieImportBar, vigie_import_bar, VIGIE, IMPORT_BAR, GtkWidget)

GtkWidget *vigie_import_bar_new          (void);
/* Back to "Preparing the import…" before a new import */
void       vigie_import_bar_reset        (VigieImportBar *self);
void       vigie_import_bar_set_progress (VigieImportBar *self,
                                          guint           files_done,
                                          guint           files_total,
                                          guint64         comments_read);

G_END_DECLS
