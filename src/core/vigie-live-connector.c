/* vigie-live-connector.c — the connector of a workspace with accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-live-connector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-facebook-connector.h"
#include "vigie-instagram-connector.h"
#include "vigie-live-connector.h"
#include "vigie-connector-private.h"
#include "vigie-sandbox-connector.h"
#include "vigie-secrets.h"
#include "vigie-training.h"
#include "vigie-youtube-connector.h"

struct _VigieLiveConnector
{
  GObject         parent_instance;

  VigieConnector *sandbox;
  GHashTable     *by_page;      /* "platform:page id" → VigieConnector */
  GHashTable     *by_platform;  /* platform name → the first account's VigieConnector */
  GHashTable     *errors;       /* "platform:page id" → why it has no connector */
};

static void connector_iface_init (VigieConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieLiveConnector, vigie_live_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VIGIE_TYPE_CONNECTOR, connector_iface_init))

static void
vigie_live_connector_finalize (GObject *object)
{
  VigieLiveConnector *self = VIGIE_LIVE_CONNECTOR (object);

  g_clear_object (&self->sandbox);
  g_clear_pointer (&self->by_page, g_hash_table_unref);
  g_clear_pointer (&self->by_platform, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  G_OBJECT_CLASS (vigie_live_connector_parent_class)->finalize (object);
}

static void
vigie_live_connector_class_init (VigieLiveConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_live_connector_finalize;
}

static void
vigie_live_connector_init (VigieLiveConnector *self)
{
  self->by_page = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->by_platform = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

VigieHttp *
vigie_account_create_http (const VigieAccount  *account,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(VigieHttp) http = NULL;
  g_autofree char *token = NULL;

  http = vigie_http_new (account->platform, account->api_base, account->api_version, error);
  if (http == NULL)
    return NULL;
  token = vigie_secrets_lookup_token (vigie_platform_to_string (account->platform),
                                      account->external_id, cancellable, error);
  if (token == NULL)
    return NULL;
  vigie_http_set_token (http, token);
  return g_steal_pointer (&http);
}

VigieConnector *
vigie_account_create_connector (const VigieAccount *account,
                                VigieHttp          *http)
{
  switch (account->platform)
    {
    case VIGIE_PLATFORM_FACEBOOK:
      return VIGIE_CONNECTOR (vigie_facebook_connector_new (http, account->external_id));
    case VIGIE_PLATFORM_INSTAGRAM:
      return VIGIE_CONNECTOR (vigie_instagram_connector_new (http, account->external_id));
    case VIGIE_PLATFORM_YOUTUBE:
      return VIGIE_CONNECTOR (vigie_youtube_connector_new (http, account->external_id));
    case VIGIE_PLATFORM_UNKNOWN:
    default:
      return NULL;
    }
}

VigieLiveConnector *
vigie_live_connector_new (VigieStore  *store,
                          GError     **error)
{
  g_autoptr(VigieLiveConnector) self = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  if (vigie_training_is_workspace (store))
    {
      g_set_error_literal (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_LIVE,
                           _("A training workspace never acts on a real page"));
      return NULL;
    }
  self = g_object_new (VIGIE_TYPE_LIVE_CONNECTOR, NULL);
  accounts = vigie_account_list (store, error);
  if (accounts == NULL)
    return NULL;
  self->sandbox = VIGIE_CONNECTOR (vigie_sandbox_connector_new (store));
  for (guint i = 0; i < accounts->len; i++)
    {
      VigieAccount *a = g_ptr_array_index (accounts, i);
      g_autofree char *key = g_strdup_printf ("%s:%s", vigie_platform_to_string (a->platform),
                                              a->external_id);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(VigieHttp) http = vigie_account_create_http (a, NULL, &local_error);
      VigieConnector *connector;

      if (http == NULL)
        {
          /* Reported when an action needs this account */
          g_hash_table_insert (self->errors, g_steal_pointer (&key),
                               g_strdup (local_error->message));
          continue;
        }
      connector = vigie_account_create_connector (a, http);
      if (connector == NULL)
        continue;
      if (!g_hash_table_contains (self->by_platform, vigie_platform_to_string (a->platform)))
        g_hash_table_insert (self->by_platform, (gpointer) vigie_platform_to_string (a->platform),
                             g_object_ref (connector));
      g_hash_table_insert (self->by_page, g_steal_pointer (&key), connector);
    }
  return g_steal_pointer (&self);
}

static const char *
get_name (VigieConnector *connector)
{
  return _("Live platforms");
}

static gboolean
is_live (VigieConnector *connector)
{
  return TRUE;
}

/* The connector for @action; NULL with @error when its account cannot act */
static VigieConnector *
route (VigieLiveConnector  *self,
       VigieAction         *action,
       GError             **error)
{
  const char *platform = vigie_platform_to_string (action->platform);
  g_autofree char *key = g_strdup_printf ("%s:%s", platform,
                                          action->page_external_id ? action->page_external_id
                                                                   : "");
  VigieConnector *connector;
  const char *message;

  if (vigie_action_kind_is_local (action->kind))
    return self->sandbox;
  connector = g_hash_table_lookup (self->by_page, key);
  if (connector != NULL)
    return connector;
  message = g_hash_table_lookup (self->errors, key);
  if (message != NULL)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH, "%s", message);
      return NULL;
    }
  /* Instagram and YouTube comments imported from files name the account
   * by its user name; the account of that platform acts for them */
  if (action->page_external_id == NULL || action->platform != VIGIE_PLATFORM_FACEBOOK)
    {
      connector = g_hash_table_lookup (self->by_platform, platform);
      if (connector != NULL)
        return connector;
    }
  return self->sandbox;
}

static void
target_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *ref = NULL;
  GError *error = NULL;

  if (vigie_connector_execute_finish (VIGIE_CONNECTOR (source), result, &ref, &error))
    g_task_return_pointer (task, g_steal_pointer (&ref), g_free);
  else
    g_task_return_error (task, error);
}

static void
execute_async (VigieConnector      *connector,
               VigieAction         *action,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  VigieLiveConnector *self = VIGIE_LIVE_CONNECTOR (connector);
  g_autoptr(GError) error = NULL;
  VigieConnector *target = route (self, action, &error);
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, execute_async);
  if (target == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  vigie_connector_execute_async (target, action, cancellable, target_done_cb, task);
}

static void
connector_iface_init (VigieConnectorInterface *iface)
{
  iface->get_name = get_name;
  iface->is_live = is_live;
  iface->execute_async = execute_async;
  iface->execute_finish = _vigie_connector_task_finish;
}

gboolean
vigie_account_get_capabilities (VigieHttp          *http,
                                VigiePlatform       platform,
                                const char         *external_id,
                                VigieCapabilities  *out_capabilities,
                                GCancellable       *cancellable,
                                GError            **error)
{
  const char *params[] = { "fields", "id,tasks", NULL };
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonNode *tasks;
  VigieCapabilities caps = 0;

  g_return_val_if_fail (VIGIE_IS_HTTP (http), FALSE);

  if (platform != VIGIE_PLATFORM_FACEBOOK && platform != VIGIE_PLATFORM_INSTAGRAM)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_UNSUPPORTED,
                   _("%s does not say what a token is allowed to do"),
                   vigie_platform_get_display_name (platform));
      return FALSE;
    }
  path = platform == VIGIE_PLATFORM_FACEBOOK ? g_strconcat ("/", external_id, NULL)
                                             : g_strdup ("/me");
  answer = vigie_http_call (http, "GET", path, params, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;
  tasks = JSON_NODE_HOLDS_OBJECT (answer)
          ? json_object_get_member (json_node_get_object (answer), "tasks") : NULL;
  if (tasks == NULL || !JSON_NODE_HOLDS_ARRAY (tasks))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                   _("%s did not say what the token is allowed to do"),
                   vigie_platform_get_display_name (platform));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (tasks)); i++)
    {
      const char *task = json_array_get_string_element (json_node_get_array (tasks), i);

      if (task == NULL)
        continue;
      caps |= VIGIE_CAPABILITY_READ;
      if (g_str_equal (task, "MODERATE") || g_str_equal (task, "MANAGE"))
        caps |= VIGIE_CAPABILITY_HIDE | VIGIE_CAPABILITY_DELETE | VIGIE_CAPABILITY_REPLY |
                VIGIE_CAPABILITY_BAN;
      else if (g_str_equal (task, "CREATE_CONTENT"))
        caps |= VIGIE_CAPABILITY_REPLY;
    }
  /* No ban on Instagram */
  if (platform == VIGIE_PLATFORM_INSTAGRAM)
    caps &= ~VIGIE_CAPABILITY_BAN;
  *out_capabilities = caps;
  return TRUE;
}

char *
vigie_capabilities_to_string (VigieCapabilities capabilities)
{
  const struct { VigieCapabilities flag; const char *label; } names[] = {
    /* Translators: what a token allows, listed with commas */
    { VIGIE_CAPABILITY_READ, N_("read") },
    { VIGIE_CAPABILITY_HIDE, N_("hide") },
    { VIGIE_CAPABILITY_DELETE, N_("delete") },
    { VIGIE_CAPABILITY_REPLY, N_("reply") },
    { VIGIE_CAPABILITY_BAN, N_("ban") },
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (capabilities & names[i].flag)
      {
        if (out->len > 0)
          /* Translators: between the items of a list */
          g_string_append (out, _(", "));
        g_string_append (out, _(names[i].label));
      }
  if (out->len == 0)
    /* Translators: a token allows nothing */
    g_string_append (out, _("none"));
  return g_string_free (out, FALSE);
}
