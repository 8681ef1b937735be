/* vigie-connector-private.h — what the connectors share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-action.h"
#include "vigie-connector.h"
#include "vigie-http.h"

G_BEGIN_DECLS

/* Carries out @action on @connector's platform, in a worker thread; the
 * reference it gives back (a reply's id...) may be NULL */
typedef gboolean (*VigieConnectorApplyFunc) (gpointer       connector,
                                             VigieAction   *action,
                                             GCancellable  *cancellable,
                                             char         **out_ref,
                                             GError       **error);

/* execute_async() that runs @apply in a worker thread */
void     _vigie_connector_run_in_thread  (VigieConnector          *connector,
                                          VigieAction             *action,
                                          VigieConnectorApplyFunc  apply,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data);
/* execute_finish() for a GTask that returns the reference as a string */
gboolean _vigie_connector_task_finish    (VigieConnector          *connector,
                                          GAsyncResult            *result,
                                          char                   **out_result_ref,
                                          GError                 **error);

/* An UNSUPPORTED error naming @platform and the action */
gboolean _vigie_connector_unsupported    (VigiePlatform            platform,
                                          VigieAction             *action,
                                          GError                 **error);
/* Removing what is already gone is done: turns a NOT_FOUND failure into
 * success */
gboolean _vigie_connector_gone_is_done   (gboolean                 ok,
                                          GError                 **error);
/* One API call; @out_id receives the "id" of the answer when there is one */
gboolean _vigie_connector_call           (VigieHttp               *http,
                                          const char              *method,
                                          const char              *path,
                                          const char * const      *params,
                                          const char              *json_body,
                                          GCancellable            *cancellable,
                                          char                   **out_id,
                                          GError                 **error);

/* What a platform's API connector does with one action, in a worker thread:
 * @account_id is the page, Instagram account or channel it acts for */
typedef gboolean (*VigieApiApplyFunc) (VigieHttp     *http,
                                       const char    *account_id,
                                       VigieAction   *action,
                                       GCancellable  *cancellable,
                                       char         **out_ref,
                                       GError       **error);

/* A live connector for @platform's API: @apply carries each action out
 * through @http, in a worker thread */
VigieConnector *_vigie_api_connector_new (VigiePlatform      platform,
                                          VigieHttp         *http,
                                          const char        *account_id,
                                          VigieApiApplyFunc  apply);

G_END_DECLS
