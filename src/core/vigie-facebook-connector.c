/* vigie-facebook-connector.c — moderation actions on Facebook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-facebook-connector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-facebook-connector.h"
#include "vigie-connector-private.h"

static gboolean
apply (VigieHttp     *http,
       const char    *account_id,
       VigieAction   *action,
       GCancellable  *cancellable,
       char         **out_ref,
       GError       **error)
{
  const char *page = action->page_external_id ? action->page_external_id : account_id;
  g_autofree char *path = NULL;

  if (vigie_action_kind_is_local (action->kind))
    return TRUE;

  switch (action->kind)
    {
    case VIGIE_ACTION_HIDE:
    case VIGIE_ACTION_UNHIDE:
      {
        const char *params[] = {
          "is_hidden", action->kind == VIGIE_ACTION_HIDE ? "true" : "false", NULL
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
        /* Facebook threads are one level deep: a reply to a reply goes to
         * its top-level comment */
        const char *params[] = { "message", action->text ? action->text : "", NULL };
        path = g_strconcat ("/", action->parent_external_id ? action->parent_external_id
                                                            : action->external_id,
                            "/comments", NULL);
        return _vigie_connector_call (http, "POST", path, params, NULL, cancellable, out_ref,
                                      error);
      }

    case VIGIE_ACTION_PRIVATE_REPLY:
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();
        g_autoptr(JsonGenerator) gen = json_generator_new ();
        g_autoptr(JsonNode) root = NULL;
        g_autofree char *body = NULL;

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "recipient");
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "comment_id");
        json_builder_add_string_value (b, action->external_id);
        json_builder_end_object (b);
        json_builder_set_member_name (b, "message");
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "text");
        json_builder_add_string_value (b, action->text ? action->text : "");
        json_builder_end_object (b);
        json_builder_end_object (b);
        root = json_builder_get_root (b);
        json_generator_set_root (gen, root);
        body = json_generator_to_data (gen, NULL);
        path = g_strconcat ("/", page, "/messages", NULL);
        return _vigie_connector_call (http, "POST", path, NULL, body, cancellable, out_ref,
                                      error);
      }

    case VIGIE_ACTION_BAN:
    case VIGIE_ACTION_UNBAN:
      {
        const char *params[] = { "user", action->author_external_id, NULL };

        if (action->author_external_id == NULL || page == NULL)
          {
            g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED, "%s",
                         _("Facebook did not say who wrote this comment: the author cannot be "
                           "banned"));
            return FALSE;
          }
        path = g_strconcat ("/", page, "/blocked", NULL);
        if (action->kind == VIGIE_ACTION_BAN)
          return _vigie_connector_call (http, "POST", path, params, NULL, cancellable, NULL,
                                        error);
        return _vigie_connector_gone_is_done (_vigie_connector_call (http, "DELETE", path,
                                                                     params, NULL, cancellable,
                                                                     NULL, error),
                                              error);
      }

    default:
      return _vigie_connector_unsupported (VIGIE_PLATFORM_FACEBOOK, action, error);
    }
}

VigieConnector *
vigie_facebook_connector_new (VigieHttp  *http,
                                 const char *account_external_id)
{
  return _vigie_api_connector_new (VIGIE_PLATFORM_FACEBOOK, http, account_external_id, apply);
}
