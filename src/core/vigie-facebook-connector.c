/* vigie-facebook-connector.c — moderation actions on Facebook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-facebook-connector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-facebook-connector.h"
#include "vigie-connector-private.h"

struct _VigieFacebookConnector
{
  GObject    parent_instance;

  VigieHttp *http;
  char      *account_id;
};

static void connector_iface_init (VigieConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieFacebookConnector, vigie_facebook_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VIGIE_TYPE_CONNECTOR, connector_iface_init))

static void
vigie_facebook_connector_finalize (GObject *object)
{
  VigieFacebookConnector *self = VIGIE_FACEBOOK_CONNECTOR (object);

  g_clear_object (&self->http);
  g_free (self->account_id);
  G_OBJECT_CLASS (vigie_facebook_connector_parent_class)->finalize (object);
}

static void
vigie_facebook_connector_class_init (VigieFacebookConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_facebook_connector_finalize;
}

static void
vigie_facebook_connector_init (VigieFacebookConnector *self)
{
}

VigieFacebookConnector *
vigie_facebook_connector_new (VigieHttp  *http,
                          const char *account_external_id)
{
  VigieFacebookConnector *self = g_object_new (VIGIE_TYPE_FACEBOOK_CONNECTOR, NULL);

  self->http = g_object_ref (http);
  self->account_id = g_strdup (account_external_id);
  return self;
}

VigieHttp *
vigie_facebook_connector_get_http (VigieFacebookConnector *self)
{
  g_return_val_if_fail (VIGIE_IS_FACEBOOK_CONNECTOR (self), NULL);
  return self->http;
}

static const char *
get_name (VigieConnector *connector)
{
  return vigie_platform_get_display_name (VIGIE_PLATFORM_FACEBOOK);
}

static gboolean
is_live (VigieConnector *connector)
{
  return TRUE;
}

static gboolean apply (VigieFacebookConnector  *self,
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
apply (VigieFacebookConnector  *self,
       VigieAction             *action,
       GCancellable            *cancellable,
       char                   **out_ref,
       GError                 **error)
{
  const char *page = action->page_external_id ? action->page_external_id : self->account_id;
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
        return _vigie_connector_call (self->http, "POST", path, params, NULL, cancellable, NULL,
                                      error);
      }

    case VIGIE_ACTION_REMOVE:
      path = g_strconcat ("/", action->external_id, NULL);
      return _vigie_connector_gone_is_done (_vigie_connector_call (self->http, "DELETE", path, NULL,
                                                                   NULL, cancellable, NULL, error),
                                            error);

    case VIGIE_ACTION_RETRACT_REPLY:
      if (action->target_ref == NULL)
        return TRUE;
      path = g_strconcat ("/", action->target_ref, NULL);
      return _vigie_connector_gone_is_done (_vigie_connector_call (self->http, "DELETE", path, NULL,
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
        return _vigie_connector_call (self->http, "POST", path, params, NULL, cancellable, out_ref,
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
        return _vigie_connector_call (self->http, "POST", path, NULL, body, cancellable, out_ref,
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
          return _vigie_connector_call (self->http, "POST", path, params, NULL, cancellable, NULL,
                                        error);
        return _vigie_connector_gone_is_done (_vigie_connector_call (self->http, "DELETE", path,
                                                                     params, NULL, cancellable,
                                                                     NULL, error),
                                              error);
      }

    default:
      return _vigie_connector_unsupported (VIGIE_PLATFORM_FACEBOOK, action, error);
    }
}
