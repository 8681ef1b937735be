/* vigie-live-connector.h — the connector of a workspace with accounts
 *
 * Routes each action to the connector of the account that holds the
 * comment's page or channel (vigie-facebook-connector.h,
 * vigie-instagram-connector.h, vigie-youtube-connector.h); comments that
 * came from files, on pages with no account, go to the sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-account.h"
#include "vigie-connector.h"
#include "vigie-http.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_LIVE_CONNECTOR (vigie_live_connector_get_type ())

G_DECLARE_FINAL_TYPE (VigieLiveConnector, vigie_live_connector, VIGIE, LIVE_CONNECTOR, GObject)

/* Reads the accounts of @store and their tokens from the keyring */
VigieLiveConnector *vigie_live_connector_new        (VigieStore          *store,
                                                     GError             **error);

/* The HTTP client of @account with its token from the keyring */
VigieHttp          *vigie_account_create_http       (const VigieAccount  *account,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
/* What a token is allowed to do on the page or account */
typedef enum
{
  VIGIE_CAPABILITY_READ   = 1 << 0,
  VIGIE_CAPABILITY_HIDE   = 1 << 1,
  VIGIE_CAPABILITY_DELETE = 1 << 2,
  VIGIE_CAPABILITY_REPLY  = 1 << 3,
  VIGIE_CAPABILITY_BAN    = 1 << 4,
} VigieCapabilities;

/* Facebook and Instagram: asks the Page's tasks for the token
 * (GET /{page-id}?fields=tasks, or /me?fields=tasks for Instagram, whose
 * Facebook Login token is the linked Page's) and maps them: MODERATE and
 * MANAGE allow everything, CREATE_CONTENT replying, any task reading.
 * Instagram has no ban. YouTube: not asked, FALSE with
 * VIGIE_CONNECTOR_ERROR_UNSUPPORTED. */
gboolean            vigie_account_get_capabilities  (VigieHttp           *http,
                                                     VigiePlatform        platform,
                                                     const char          *external_id,
                                                     VigieCapabilities   *out_capabilities,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
/* "read, hide, delete, reply, ban", translated; "none" when empty */
char               *vigie_capabilities_to_string    (VigieCapabilities    capabilities);

/* The platform connector of @account over @http */
VigieConnector     *vigie_account_create_connector  (const VigieAccount  *account,
                                                     VigieHttp           *http);

G_END_DECLS
