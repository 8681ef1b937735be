/* vigie-facebook-connector.h — moderation actions on Facebook
 *
 * Carries the outbox's actions to the Facebook API through a VigieHttp (see
 * vigie-connector.h for the contract: idempotent, a comment already gone
 * counts as removed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-connector.h"
#include "vigie-http.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_FACEBOOK_CONNECTOR (vigie_facebook_connector_get_type ())

G_DECLARE_FINAL_TYPE (VigieFacebookConnector, vigie_facebook_connector, VIGIE, FACEBOOK_CONNECTOR, GObject)

/* @account_external_id: the page, Instagram account or channel */
VigieFacebookConnector *vigie_facebook_connector_new      (VigieHttp  *http,
                                                           const char *account_external_id);
VigieHttp              *vigie_facebook_connector_get_http (VigieFacebookConnector *self);

G_END_DECLS
