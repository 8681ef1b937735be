/* vigie-approvals-window.h — the director's desk: the proposals of the
 * delegates, the urgent actions to confirm and the escalations, the most
 * urgent first, to approve (after editing the reply) or reject with a note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-outbox.h"
#include "vigie-policy.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_APPROVALS_WINDOW (vigie_approvals_window_get_type ())

G_DECLARE_FINAL_TYPE (VigieApprovalsWindow, vigie_approvals_window, VIGIE, APPROVALS_WINDOW,
                      AdwWindow)

/* The name and role of the person deciding are read from @settings
 * ("actor-name", "actor-role") at each decision; every role sees the list,
 * only the director's profile can decide (and the core refuses the others) */
GtkWidget *vigie_approvals_window_new          (VigieOutbox          *outbox,
                                                VigiePolicy          *policy,
                                                GSettings            *settings);
void       vigie_approvals_window_reload       (VigieApprovalsWindow *self);
/* The actions listed (VigieAction*), in their order */
GPtrArray *vigie_approvals_window_get_actions  (VigieApprovalsWindow *self);

/* Decisions as the buttons and dialogs make them; FALSE with @error when
 * the core refuses */
gboolean   vigie_approvals_window_approve      (VigieApprovalsWindow *self,
                                                gint64                action_id,
                                                const char           *text,
                                                const char           *note,
                                                GError              **error);
gboolean   vigie_approvals_window_reject       (VigieApprovalsWindow *self,
                                                gint64                action_id,
                                                const char           *note,
                                                GError              **error);

G_END_DECLS
