/* vigie-reply-dialog.h — a reply from an institutional template: choice,
 * language, preview, length against the platform's limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vigie-classifier.h"
#include "vigie-templates.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_REPLY_DIALOG (vigie_reply_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VigieReplyDialog, vigie_reply_dialog, VIGIE, REPLY_DIALOG, AdwWindow)

/* Signals: ::send — the person sent the reply; read it with the getters */

/* @kind: VIGIE_ACTION_REPLY or VIGIE_ACTION_PRIVATE_REPLY. The template
 * suggested for @classification's categories is chosen first. The
 * workspace's copies of the templates are read again from @store. */
GtkWidget   *vigie_reply_dialog_new             (VigieTemplates            *templates,
                                                 VigieStore                *store,
                                                 VigieComment              *comment,
                                                 const VigieClassification *classification,
                                                 VigieActionKind            kind);
VigieActionKind vigie_reply_dialog_get_kind     (VigieReplyDialog *self);
gint64       vigie_reply_dialog_get_comment_id  (VigieReplyDialog *self);
/* NULL when the text was written by hand */
const char  *vigie_reply_dialog_get_template_id (VigieReplyDialog *self);
const char  *vigie_reply_dialog_get_language    (VigieReplyDialog *self);
/* The final text, NULL while it cannot be sent (an error is shown) */
char        *vigie_reply_dialog_dup_text        (VigieReplyDialog *self);
/* The error shown, NULL when none */
const char  *vigie_reply_dialog_get_error       (VigieReplyDialog *self);
/* Chooses template @id and language @lang, as the person would */
gboolean     vigie_reply_dialog_select          (VigieReplyDialog *self,
                                                 const char       *id,
                                                 const char       *lang);
/* Sends, as the Send button does; FALSE when it cannot */
gboolean     vigie_reply_dialog_send            (VigieReplyDialog *self);

G_END_DECLS
