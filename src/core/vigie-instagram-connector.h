/* vigie-instagram-connector.h — moderation actions on Instagram
 *
 * Carries the outbox's actions to the Instagram API through a VigieHttp (see
 * vigie-connector.h for the contract: idempotent, a comment already gone
 * counts as removed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-connector.h"
#include "vigie-http.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_INSTAGRAM_CONNECTOR (vigie_instagram_connector_get_type ())

G_DECLARE_FINAL_TYPE (VigieInstagramConnector, vigie_instagram_connector, VIGIE, INSTAGRAM_CONNECTOR, GObject)

/* @account_external_id: the page, Instagram account or channel */
VigieInstagramConnector *vigie_instagram_connector_new      (VigieHttp  *http,
                                                             const char *account_external_id);
VigieHttp               *vigie_instagram_connector_get_http (VigieInstagramConnector *self);

G_END_DECLS
