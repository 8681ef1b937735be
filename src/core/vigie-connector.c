/* vigie-connector.c — what carries an action to a platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-connector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-account.h"
#include "vigie-connector.h"
#include "vigie-live-connector.h"
#include "vigie-sandbox-connector.h"

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
