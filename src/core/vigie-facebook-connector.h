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

/* @account_external_id: the page, Instagram account or channel */
VigieConnector *vigie_facebook_connector_new (VigieHttp  *http,
                                        const char *account_external_id);

G_END_DECLS
