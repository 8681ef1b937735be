/* vigie-instagram-connector.c — moderation actions on Instagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-instagram-connector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-instagram-connector.h"
#include "vigie-connector-private.h"

struct _VigieInstagramConnector
{
  GObject    parent_instance;

  VigieHttp *http;
  char      *account_id;
};

static void connector_iface_init (VigieConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieInstagramConnector, vigie_instagram_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VIGIE_TYPE_CONNECTOR, connector_iface_init))

static void
vigie_instagram_connector_finalize (GObject *object)
{
  VigieInstagramConnector *self = VIGIE_INSTAGRAM_CONNECTOR (object);

  g_clear_object (&self->http);
  g_free (self->account_id);
  G_OBJECT_CLASS (vigie_instagram_connector_parent_class)->finalize (object);
}

static void
vigie_instagram_connector_class_init (VigieInstagramConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_instagram_connector_finalize;
}

static void
vigie_instagram_connector_init (VigieInstagramConnector *self)
{
}

VigieInstagramConnector *
vigie_instagram_connector_new (VigieHttp  *http,
                          const char *account_external_id)
{
  VigieInstagramConnector *self = g_object_new (VIGIE_TYPE_INSTAGRAM_CONNECTOR, NULL);

  self->http = g_object_ref (http);
  self->account_id = g_strdup (account_external_id);
  return self;
}

VigieHttp *
vigie_instagram_connector_get_http (VigieInstagramConnector *self)
{
  g_return_val_if_fail (VIGIE_IS_INSTAGRAM_CONNECTOR (self), NULL);
  return self->http;
}

static const char *
get_name (VigieConnector *connector)
{
  return vigie_platform_get_display_name (VIGIE_PLATFORM_INSTAGRAM);
}

static gboolean
is_live (VigieConnector *connector)
{
  return TRUE;
}

static gboolean apply (VigieInstagramConnector  *self,
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
apply (VigieInstagramConnector  *self,
       VigieAction              *action,
       GCancellable             *cancellable,
       char                    **out_ref,
       GError                  **error)
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
        const char *params[] = { "message", action->text ? action->text : "", NULL };
        path = g_strconcat ("/", action->parent_external_id ? action->parent_external_id
                                                            : action->external_id,
                            "/replies", NULL);
        return _vigie_connector_call (self->http, "POST", path, params, NULL, cancellable, out_ref,
                                      error);
      }

    default:
      /* No ban and no private reply on Instagram */
      return _vigie_connector_unsupported (VIGIE_PLATFORM_INSTAGRAM, action, error);
    }
}
