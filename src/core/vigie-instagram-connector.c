/* vigie-instagram-connector.c — moderation actions on Instagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-instagram-connector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-instagram-connector.h"
#include "vigie-connector-private.h"

static gboolean
apply (VigieHttp     *http,
       const char    *account_id,
       VigieAction   *action,
       GCancellable  *cancellable,
       char         **out_ref,
       GError       **error)
{
  g_autofree char *path = NULL;

  if (vigie_action_kind_is_local (action->kind))
    return TRUE;

  switch (action->kind)
    {
    case VIGIE_ACTION_HIDE:
    case VIGIE_ACTION_UNHIDE:
      {
        const char *params[] = {
          "hide", action->kind == VIGIE_ACTION_HIDE ? "true" : "false", NULL
        };
        path = g_strconcat ("/", action->external_id, NULL);
        return _vigie_connector_call (http, "POST", path, params, NULL, cancellable, NULL,
                                      error);
      }

    case VIGIE_ACTION_REMOVE:
      path = g_strconcat ("/", action->external_id, NULL);
      return _vigie_connector_gone_is_done (_vigie_connector_call (http, "DELETE", path, NULL,
                                                                   NULL, cancellable, NULL, error),
                                            error);

    case VIGIE_ACTION_RETRACT_REPLY:
      if (action->target_ref == NULL)
        return TRUE;
      path = g_strconcat ("/", action->target_ref, NULL);
      return _vigie_connector_gone_is_done (_vigie_connector_call (http, "DELETE", path, NULL,
                                                                   NULL, cancellable, NULL, error),
                                            error);

    case VIGIE_ACTION_REPLY:
      {
        const char *params[] = { "message", action->text ? action->text : "", NULL };
        path = g_strconcat ("/", action->parent_external_id ? action->parent_external_id
                                                            : action->external_id,
                            "/replies", NULL);
        return _vigie_connector_call (http, "POST", path, params, NULL, cancellable, out_ref,
                                      error);
      }

    default:
      /* No ban and no private reply on Instagram */
      return _vigie_connector_unsupported (VIGIE_PLATFORM_INSTAGRAM, action, error);
    }
}

VigieConnector *
vigie_instagram_connector_new (VigieHttp  *http,
                                  const char *account_external_id)
{
  return _vigie_api_connector_new (VIGIE_PLATFORM_INSTAGRAM, http, account_external_id, apply);
}
