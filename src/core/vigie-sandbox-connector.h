/* vigie-sandbox-connector.h — a platform that is the workspace itself
 *
 * Applies actions to the workspace's own copy of the comments, as the
 * platform would: hide sets the comment hidden, remove marks it removed,
 * ban records its author as banned (on YouTube it also rejects the
 * comment), a reply is stored as a comment by the page. Used by the demo
 * and training workspaces, by workspaces made of saved files only, and by
 * the tests. Idempotent, like a well-behaved platform.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vigie-connector.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_SANDBOX_CONNECTOR (vigie_sandbox_connector_get_type ())

G_DECLARE_FINAL_TYPE (VigieSandboxConnector, vigie_sandbox_connector, VIGIE, SANDBOX_CONNECTOR,
                      GObject)

/* Uses @store's connection: run it on the store's thread */
VigieSandboxConnector *vigie_sandbox_connector_new            (VigieStore            *store);

/* For tests: the next @times executions of @kind (or of any kind when
 * @any_kind) fail with @code and @message, without touching the workspace */
void                   vigie_sandbox_connector_inject_failure (VigieSandboxConnector *self,
                                                               gboolean               any_kind,
                                                               VigieActionKind        kind,
                                                               guint                  times,
                                                               VigieConnectorError    code,
                                                               const char            *message);
/* How many times execute was called, and how many of those changed the
 * workspace (an action executed again after a crash changes nothing) */
guint                  vigie_sandbox_connector_get_n_executed (VigieSandboxConnector *self);
guint                  vigie_sandbox_connector_get_n_effects  (VigieSandboxConnector *self);

G_END_DECLS
