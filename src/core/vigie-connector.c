/* vigie-connector.c — what carries an action to a platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-connector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-account.h"
#include "vigie-connector.h"
#include "vigie-connector-private.h"
#include "vigie-live-connector.h"
#include "vigie-sandbox-connector.h"
#include "vigie-training.h"

G_DEFINE_QUARK (vigie-connector-error-quark, vigie_connector_error)

G_DEFINE_INTERFACE (VigieConnector, vigie_connector, G_TYPE_OBJECT)

static gboolean
vigie_connector_real_is_live (VigieConnector *self)
{
  return FALSE;
}

static void
vigie_connector_default_init (VigieConnectorInterface *iface)
{
  iface->is_live = vigie_connector_real_is_live;
}

gboolean
vigie_connector_error_is_retryable (const GError *error)
{
  return error != NULL && error->domain == VIGIE_CONNECTOR_ERROR &&
         (error->code == VIGIE_CONNECTOR_ERROR_TRANSIENT ||
          error->code == VIGIE_CONNECTOR_ERROR_RATE_LIMITED);
}

const char *
vigie_connector_get_name (VigieConnector *self)
{
  g_return_val_if_fail (VIGIE_IS_CONNECTOR (self), NULL);
  return VIGIE_CONNECTOR_GET_IFACE (self)->get_name (self);
}

gboolean
vigie_connector_is_live (VigieConnector *self)
{
  g_return_val_if_fail (VIGIE_IS_CONNECTOR (self), FALSE);
  return VIGIE_CONNECTOR_GET_IFACE (self)->is_live (self);
}

void
vigie_connector_execute_async (VigieConnector      *self,
                               VigieAction         *action,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (VIGIE_IS_CONNECTOR (self));
  g_return_if_fail (action != NULL);

  VIGIE_CONNECTOR_GET_IFACE (self)->execute_async (self, action, cancellable, callback,
                                                    user_data);
}

gboolean
vigie_connector_execute_finish (VigieConnector  *self,
                                GAsyncResult    *result,
                                char           **out_result_ref,
                                GError         **error)
{
  g_return_val_if_fail (VIGIE_IS_CONNECTOR (self), FALSE);

  if (out_result_ref)
    *out_result_ref = NULL;
  return VIGIE_CONNECTOR_GET_IFACE (self)->execute_finish (self, result, out_result_ref, error);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

gboolean
vigie_connector_execute_sync (VigieConnector  *self,
                              VigieAction     *action,
                              GCancellable    *cancellable,
                              char           **out_result_ref,
                              GError         **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (VIGIE_IS_CONNECTOR (self), FALSE);

  g_main_context_push_thread_default (context);
  vigie_connector_execute_async (self, action, cancellable, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return vigie_connector_execute_finish (self, result, out_result_ref, error);
}

VigieConnector *
vigie_connector_new_for_store (VigieStore  *store,
                               GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  /* A training workspace acts on itself only, whatever its settings say */
  if (vigie_training_is_workspace (store))
    return VIGIE_CONNECTOR (vigie_sandbox_connector_new (store));

  name = vigie_store_get_setting (store, "connector");
  if (name != NULL && g_str_equal (name, "sandbox"))
    return VIGIE_CONNECTOR (vigie_sandbox_connector_new (store));
  if (name == NULL || g_str_equal (name, "live"))
    {
      guint n_accounts = 0;

      if (!vigie_account_count (store, &n_accounts, error))
        return NULL;
      if (n_accounts == 0)
        return VIGIE_CONNECTOR (vigie_sandbox_connector_new (store));
      return VIGIE_CONNECTOR (vigie_live_connector_new (store, error));
    }

  g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_UNSUPPORTED,
               _("The workspace uses the connector “%s”, which this version of Vigie does "
                 "not have."), name);
  return NULL;
}

/* What the connectors share (vigie-connector-private.h) */

typedef struct
{
  VigieAction             *action;
  VigieConnectorApplyFunc  apply;
} RunData;

static void
run_data_free (RunData *data)
{
  vigie_action_unref (data->action);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autofree char *ref = NULL;
  GError *error = NULL;

  if (data->apply (source, data->action, cancellable, &ref, &error))
    g_task_return_pointer (task, g_steal_pointer (&ref), g_free);
  else
    g_task_return_error (task, error);
}

void
_vigie_connector_run_in_thread (VigieConnector          *connector,
                                VigieAction             *action,
                                VigieConnectorApplyFunc  apply,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (connector, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  data->action = vigie_action_ref (action);
  data->apply = apply;
  g_task_set_source_tag (task, _vigie_connector_run_in_thread);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
_vigie_connector_task_finish (VigieConnector  *connector,
                              GAsyncResult    *result,
                              char           **out_result_ref,
                              GError         **error)
{
  GError *local_error = NULL;
  char *ref;

  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);

  ref = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (out_result_ref != NULL)
    *out_result_ref = ref;
  else
    g_free (ref);
  return TRUE;
}

gboolean
_vigie_connector_unsupported (VigiePlatform   platform,
                              VigieAction    *action,
                              GError        **error)
{
  g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_UNSUPPORTED,
               _("%s cannot do “%s”"), vigie_platform_get_display_name (platform),
               vigie_action_kind_get_label (action->kind, platform));
  return FALSE;
}

gboolean
_vigie_connector_gone_is_done (gboolean   ok,
                               GError   **error)
{
  if (!ok && error != NULL && g_error_matches (*error, VIGIE_CONNECTOR_ERROR,
                                               VIGIE_CONNECTOR_ERROR_NOT_FOUND))
    {
      g_clear_error (error);
      return TRUE;
    }
  return ok;
}

gboolean
_vigie_connector_call (VigieHttp           *http,
                       const char          *method,
                       const char          *path,
                       const char * const  *params,
                       const char          *json_body,
                       GCancellable        *cancellable,
                       char               **out_id,
                       GError             **error)
{
  g_autoptr(JsonNode) node = vigie_http_call (http, method, path, params, json_body,
                                              cancellable, error);

  if (node == NULL)
    return FALSE;
  if (out_id != NULL && JSON_NODE_HOLDS_OBJECT (node))
    *out_id = g_strdup (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                   "id", NULL));
  return TRUE;
}

/* The platforms' API connectors: one type, the platform's apply function
 * says what each action is on its API */

#define VIGIE_TYPE_API_CONNECTOR (vigie_api_connector_get_type ())
G_DECLARE_FINAL_TYPE (VigieApiConnector, vigie_api_connector, VIGIE, API_CONNECTOR, GObject)

struct _VigieApiConnector
{
  GObject            parent_instance;

  VigiePlatform      platform;
  VigieHttp         *http;
  char              *account_id;
  VigieApiApplyFunc  apply;
};

static void api_connector_iface_init (VigieConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieApiConnector, vigie_api_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VIGIE_TYPE_CONNECTOR,
                                                      api_connector_iface_init))

static void
vigie_api_connector_finalize (GObject *object)
{
  VigieApiConnector *self = VIGIE_API_CONNECTOR (object);

  g_clear_object (&self->http);
  g_free (self->account_id);
  G_OBJECT_CLASS (vigie_api_connector_parent_class)->finalize (object);
}

static void
vigie_api_connector_class_init (VigieApiConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_api_connector_finalize;
}

static void
vigie_api_connector_init (VigieApiConnector *self)
{
}

static const char *
api_connector_get_name (VigieConnector *connector)
{
  return vigie_platform_get_display_name (VIGIE_API_CONNECTOR (connector)->platform);
}

static gboolean
api_connector_is_live (VigieConnector *connector)
{
  return TRUE;
}

/* In the worker thread */
static gboolean
api_connector_apply (gpointer       connector,
                     VigieAction   *action,
                     GCancellable  *cancellable,
                     char         **out_ref,
                     GError       **error)
{
  VigieApiConnector *self = connector;

  return self->apply (self->http, self->account_id, action, cancellable, out_ref, error);
}

static void
api_connector_execute_async (VigieConnector      *connector,
                             VigieAction         *action,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  _vigie_connector_run_in_thread (connector, action, api_connector_apply, cancellable, callback,
                                  user_data);
}

static void
api_connector_iface_init (VigieConnectorInterface *iface)
{
  iface->get_name = api_connector_get_name;
  iface->is_live = api_connector_is_live;
  iface->execute_async = api_connector_execute_async;
  iface->execute_finish = _vigie_connector_task_finish;
}

VigieConnector *
_vigie_api_connector_new (VigiePlatform      platform,
                          VigieHttp         *http,
                          const char        *account_id,
                          VigieApiApplyFunc  apply)
{
  VigieApiConnector *self;

  g_return_val_if_fail (VIGIE_IS_HTTP (http), NULL);
  g_return_val_if_fail (apply != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_API_CONNECTOR, NULL);
  self->platform = platform;
  self->http = g_object_ref (http);
  self->account_id = g_strdup (account_id);
  self->apply = apply;
  return VIGIE_CONNECTOR (self);
}
