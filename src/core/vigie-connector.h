/* vigie-connector.h — what carries an action to a platform
 *
 * The outbox (vigie-outbox.h) hands each action to a connector once its
 * grace period is over. A connector applies it on the platform and says
 * whether it was applied. The contract:
 *
 * - Applied: execute_finish() returns TRUE. An action already in effect
 *   ("already deleted", "already hidden", an author already banned, a reply
 *   with this idempotency key already posted) counts as applied.
 * - Not applied: FALSE with a VIGIE_CONNECTOR_ERROR; the code says whether
 *   to retry (vigie_connector_error_is_retryable()).
 * - Idempotent: the outbox may execute the same action again after a crash
 *   between the platform's answer and the store's record of it. The same
 *   idempotency key must never take effect twice.
 *
 * The sandbox connector (vigie-sandbox-connector.h) applies actions to the
 * workspace itself; live platforms plug in through the same interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-action.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_CONNECTOR_ERROR (vigie_connector_error_quark ())

typedef enum
{
  VIGIE_CONNECTOR_ERROR_TRANSIENT,     /* network down, server error: try again */
  VIGIE_CONNECTOR_ERROR_RATE_LIMITED,  /* too many calls: try again later */
  VIGIE_CONNECTOR_ERROR_AUTH,          /* the access token expired or was revoked */
  VIGIE_CONNECTOR_ERROR_PERMISSION,    /* the account may not do this on the page */
  VIGIE_CONNECTOR_ERROR_NOT_FOUND,     /* the comment or author no longer exists */
  VIGIE_CONNECTOR_ERROR_UNSUPPORTED,   /* the platform cannot do this */
  VIGIE_CONNECTOR_ERROR_REJECTED,      /* the platform refused it (invalid, duplicate...) */
} VigieConnectorError;

GQuark   vigie_connector_error_quark        (void);
/* Transient and rate-limit errors are worth retrying; others are not */
gboolean vigie_connector_error_is_retryable (const GError *error);

#define VIGIE_TYPE_CONNECTOR (vigie_connector_get_type ())

G_DECLARE_INTERFACE (VigieConnector, vigie_connector, VIGIE, CONNECTOR, GObject)

struct _VigieConnectorInterface
{
  GTypeInterface parent_iface;

  /* Translated, for messages: "Sandbox", "Facebook"... */
  const char * (*get_name)       (VigieConnector       *self);
  /* Does this connector reach a real platform? */
  gboolean     (*is_live)        (VigieConnector       *self);
  void         (*execute_async)  (VigieConnector       *self,
                                  VigieAction          *action,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
  /* @out_result_ref: what the platform created (a reply's id), or NULL */
  gboolean     (*execute_finish) (VigieConnector       *self,
                                  GAsyncResult         *result,
                                  char                **out_result_ref,
                                  GError              **error);
};

const char *vigie_connector_get_name       (VigieConnector       *self);
gboolean    vigie_connector_is_live        (VigieConnector       *self);
void        vigie_connector_execute_async  (VigieConnector       *self,
                                            VigieAction          *action,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    vigie_connector_execute_finish (VigieConnector       *self,
                                            GAsyncResult         *result,
                                            char                **out_result_ref,
                                            GError              **error);
/* Runs execute_async() to completion in a private main context */
gboolean    vigie_connector_execute_sync   (VigieConnector       *self,
                                            VigieAction          *action,
                                            GCancellable         *cancellable,
                                            char                **out_result_ref,
                                            GError              **error);

/* The connector of the workspace: its "connector" setting names it. A
 * workspace with accounts (vigie-account.h; no setting, or "live") gets the
 * live connector (vigie-live-connector.h), which acts on the platforms; a
 * workspace made of saved files only, or with the setting "sandbox", gets
 * the sandbox connector. */
VigieConnector *vigie_connector_new_for_store (VigieStore  *store,
                                               GError     **error);

G_END_DECLS
