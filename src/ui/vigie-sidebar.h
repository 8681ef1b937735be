/* vigie-sidebar.h — the workspace, its saved filters, pages and posts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_SIDEBAR (vigie_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (VigieSidebar, vigie_sidebar, VIGIE, SIDEBAR, GtkWidget)

GtkWidget  *vigie_sidebar_new                (void);
VigieStore *vigie_sidebar_get_store          (VigieSidebar *self);
void        vigie_sidebar_set_store          (VigieSidebar *self,
                                              VigieStore   *store);
void        vigie_sidebar_set_workspace_name (VigieSidebar *self,
                                              const char   *name);
/* Reads the counts, pages and posts again (in a worker thread) */
void        vigie_sidebar_reload             (VigieSidebar *self);
gboolean    vigie_sidebar_get_loading        (VigieSidebar *self);
/* Sets the view, page, post and category of @query from the selected row */
void        vigie_sidebar_get_filter         (VigieSidebar *self,
                                              VigieQuery   *query);
/* The selected row's title, "Needs action" */
const char *vigie_sidebar_get_title          (VigieSidebar *self);
/* Selects a saved filter (All, Needs action, Handled, Escalated) */
void        vigie_sidebar_select_view        (VigieSidebar *self,
                                              VigieView     view);

/* The "Failed Actions" row shows @count, and only when it is above 0 */
void        vigie_sidebar_set_failed_count   (VigieSidebar *self,
                                              gint64        count);
gint64      vigie_sidebar_get_failed_count   (VigieSidebar *self);
/* The "To Approve" row shows @count: the actions awaiting the director */
void        vigie_sidebar_set_awaiting_count (VigieSidebar *self,
                                              gint64        count);
gint64      vigie_sidebar_get_awaiting_count (VigieSidebar *self);

G_END_DECLS
