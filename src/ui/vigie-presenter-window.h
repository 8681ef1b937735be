/* vigie-presenter-window.h — scenarios on a projector: full screen, large
 * text, high contrast, one comment at a time; → or Page Down next, ← or
 * Page Up previous, Space shows or hides the reference decision, Escape
 * closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-training.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_PRESENTER_WINDOW (vigie_presenter_window_get_type ())

G_DECLARE_FINAL_TYPE (VigiePresenterWindow, vigie_presenter_window, VIGIE, PRESENTER_WINDOW,
                      AdwWindow)

VigiePresenterWindow *vigie_presenter_window_new          (GPtrArray     *scenarios,
                                                           VigiePolicy   *policy,
                                                           VigieTemplates *templates,
                                                           guint          position);
guint                 vigie_presenter_window_get_position (VigiePresenterWindow *self);
gboolean              vigie_presenter_window_get_revealed (VigiePresenterWindow *self);
/* What the keys do */
void                  vigie_presenter_window_move         (VigiePresenterWindow *self,
                                                           int                   delta);
void                  vigie_presenter_window_toggle       (VigiePresenterWindow *self);

G_END_DECLS
