/* vigie-youtube-connector.c — moderation actions on YouTube
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-youtube-connector"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-youtube-connector.h"
#include "vigie-connector-private.h"

static gboolean
set_moderation_status (VigieHttp              *http,
                       const char             *id,
                       const char             *status,
                       gboolean                ban,
                       GCancellable           *cancellable,
                       GError                **error)
{
  const char *params[] = {
    "id", id, "moderationStatus", status, ban ? "banAuthor" : NULL, "true", NULL
  };
  gboolean ok = _vigie_connector_call (http, "POST", "/comments/setModerationStatus", params,
                                       "{}", cancellable, NULL, error);

  /* A rejected comment that is already gone is done; YouTube answers
   * processingFailure for a deleted one */
  if (!ok && g_str_equal (status, "rejected") && error != NULL && *error != NULL &&
      (g_error_matches (*error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_NOT_FOUND) ||
       strstr ((*error)->message, "processingFailure") != NULL))
    {
      g_clear_error (error);
      return TRUE;
    }
  return ok;
}

static gboolean
apply (VigieHttp     *http,
       const char    *account_id,
       VigieAction   *action,
       GCancellable  *cancellable,
       char         **out_ref,
       GError       **error)
{
  if (vigie_action_kind_is_local (action->kind))
    return TRUE;

  switch (action->kind)
    {
    case VIGIE_ACTION_HIDE:
      return set_moderation_status (http, action->external_id, "heldForReview", FALSE,
                                    cancellable, error);
    case VIGIE_ACTION_UNHIDE:
      return set_moderation_status (http, action->external_id, "published", FALSE,
                                    cancellable, error);
    case VIGIE_ACTION_REMOVE:
      return set_moderation_status (http, action->external_id, "rejected", FALSE,
                                    cancellable, error);
    case VIGIE_ACTION_BAN:
      return set_moderation_status (http, action->external_id, "rejected", TRUE,
                                    cancellable, error);

    case VIGIE_ACTION_RETRACT_REPLY:
      {
        /* comments.delete works on the channel's own comments */
        const char *params[] = { "id", action->target_ref, NULL };

        if (action->target_ref == NULL)
          return TRUE;
        return _vigie_connector_gone_is_done (_vigie_connector_call (http, "DELETE",
                                                                     "/comments", params, NULL,
                                                                     cancellable, NULL, error),
                                              error);
      }

    case VIGIE_ACTION_REPLY:
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();
        g_autoptr(JsonGenerator) gen = json_generator_new ();
        g_autoptr(JsonNode) root = NULL;
        g_autofree char *body = NULL;
        const char *params[] = { "part", "snippet", NULL };

        /* Replies hang off the top-level comment */
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "snippet");
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "parentId");
        json_builder_add_string_value (b, action->parent_external_id ? action->parent_external_id
                                                                     : action->external_id);
        json_builder_set_member_name (b, "textOriginal");
        json_builder_add_string_value (b, action->text ? action->text : "");
        json_builder_end_object (b);
        json_builder_end_object (b);
        root = json_builder_get_root (b);
        json_generator_set_root (gen, root);
        body = json_generator_to_data (gen, NULL);
        return _vigie_connector_call (http, "POST", "/comments", params, body, cancellable,
                                      out_ref, error);
      }

    default:
      /* No unban and no private reply on YouTube */
      return _vigie_connector_unsupported (VIGIE_PLATFORM_YOUTUBE, action, error);
    }
}

VigieConnector *
vigie_youtube_connector_new (VigieHttp  *http,
                                const char *account_external_id)
{
  return _vigie_api_connector_new (VIGIE_PLATFORM_YOUTUBE, http, account_external_id, apply);
}
