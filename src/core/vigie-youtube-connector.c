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

struct _VigieYouTubeConnector
{
  GObject    parent_instance;

  VigieHttp *http;
  char      *account_id;
};

static void connector_iface_init (VigieConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieYouTubeConnector, vigie_youtube_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VIGIE_TYPE_CONNECTOR, connector_iface_init))

static void
vigie_youtube_connector_finalize (GObject *object)
{
  VigieYouTubeConnector *self = VIGIE_YOUTUBE_CONNECTOR (object);

  g_clear_object (&self->http);
  g_free (self->account_id);
  G_OBJECT_CLASS (vigie_youtube_connector_parent_class)->finalize (object);
}

static void
vigie_youtube_connector_class_init (VigieYouTubeConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_youtube_connector_finalize;
}

static void
vigie_youtube_connector_init (VigieYouTubeConnector *self)
{
}

VigieYouTubeConnector *
vigie_youtube_connector_new (VigieHttp  *http,
                          const char *account_external_id)
{
  VigieYouTubeConnector *self = g_object_new (VIGIE_TYPE_YOUTUBE_CONNECTOR, NULL);

  self->http = g_object_ref (http);
  self->account_id = g_strdup (account_external_id);
  return self;
}

VigieHttp *
vigie_youtube_connector_get_http (VigieYouTubeConnector *self)
{
  g_return_val_if_fail (VIGIE_IS_YOUTUBE_CONNECTOR (self), NULL);
  return self->http;
}

static const char *
get_name (VigieConnector *connector)
{
  return vigie_platform_get_display_name (VIGIE_PLATFORM_YOUTUBE);
}

static gboolean
is_live (VigieConnector *connector)
{
  return TRUE;
}

static gboolean apply (VigieYouTubeConnector  *self,
                       VigieAction          *action,
                       GCancellable         *cancellable,
                       char                **out_ref,
                       GError              **error);

static void
execute_async (VigieConnector      *connector,
               VigieAction         *action,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  _vigie_connector_run_in_thread (connector, action, (VigieConnectorApplyFunc) apply,
                                  cancellable, callback, user_data);
}

static void
connector_iface_init (VigieConnectorInterface *iface)
{
  iface->get_name = get_name;
  iface->is_live = is_live;
  iface->execute_async = execute_async;
  iface->execute_finish = _vigie_connector_task_finish;
}

static gboolean
set_moderation_status (VigieYouTubeConnector  *self,
                       const char             *id,
                       const char             *status,
                       gboolean                ban,
                       GCancellable           *cancellable,
                       GError                **error)
{
  const char *params[] = {
    "id", id, "moderationStatus", status, ban ? "banAuthor" : NULL, "true", NULL
  };
  gboolean ok = _vigie_connector_call (self->http, "POST", "/comments/setModerationStatus", params,
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
apply (VigieYouTubeConnector  *self,
       VigieAction            *action,
       GCancellable           *cancellable,
       char                  **out_ref,
       GError                **error)
{
  if (vigie_action_kind_is_local (action->kind))
    return TRUE;

  switch (action->kind)
    {
    case VIGIE_ACTION_HIDE:
      return set_moderation_status (self, action->external_id, "heldForReview", FALSE,
                                    cancellable, error);
    case VIGIE_ACTION_UNHIDE:
      return set_moderation_status (self, action->external_id, "published", FALSE,
                                    cancellable, error);
    case VIGIE_ACTION_REMOVE:
      return set_moderation_status (self, action->external_id, "rejected", FALSE,
                                    cancellable, error);
    case VIGIE_ACTION_BAN:
      return set_moderation_status (self, action->external_id, "rejected", TRUE,
                                    cancellable, error);

    case VIGIE_ACTION_RETRACT_REPLY:
      {
        /* comments.delete works on the channel's own comments */
        const char *params[] = { "id", action->target_ref, NULL };

        if (action->target_ref == NULL)
          return TRUE;
        return _vigie_connector_gone_is_done (_vigie_connector_call (self->http, "DELETE",
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
        return _vigie_connector_call (self->http, "POST", "/comments", params, body, cancellable,
                                      out_ref, error);
      }

    default:
      /* No unban and no private reply on YouTube */
      return _vigie_connector_unsupported (VIGIE_PLATFORM_YOUTUBE, action, error);
    }
}
