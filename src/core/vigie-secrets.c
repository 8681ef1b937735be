/* vigie-secrets.c — access tokens, kept only in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "vigie-secrets.h"

G_DEFINE_QUARK (vigie-secrets-error-quark, vigie_secrets_error)

static const SecretSchema token_schema = {
  "io.github.vigie.Vigie.Token", SECRET_SCHEMA_NONE,
  {
    { "platform", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "scope", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

static GMutex lock;
static gboolean use_memory;
static GHashTable *memory;   /* "platform\naccount" → token */
static char *scope;

void
vigie_secrets_use_memory (gboolean value)
{
  g_mutex_lock (&lock);
  use_memory = value;
  if (memory == NULL)
    memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_unlock (&lock);
}

void
vigie_secrets_set_scope (const char *value)
{
  g_mutex_lock (&lock);
  g_free (scope);
  scope = g_strdup (value);
  g_mutex_unlock (&lock);
}

static char *
get_scope (void)
{
  char *s;

  g_mutex_lock (&lock);
  /* VIGIE_SECRETS_SCOPE: for tests of the programs, like vigie_secrets_set_scope() */
  if (scope == NULL && g_getenv ("VIGIE_SECRETS_SCOPE") != NULL)
    scope = g_strdup (g_getenv ("VIGIE_SECRETS_SCOPE"));
  s = g_strdup (scope != NULL ? scope : "vigie");
  g_mutex_unlock (&lock);
  return s;
}

static gboolean
memory_mode (void)
{
  gboolean value;

  g_mutex_lock (&lock);
  value = use_memory;
  g_mutex_unlock (&lock);
  return value;
}

gboolean
vigie_secrets_check (GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) local_error = NULL;

  if (memory_mode ())
    return TRUE;

  /* Without a session bus this fails at once instead of autolaunching */
  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, &local_error);
  if (service == NULL)
    {
      g_set_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_UNAVAILABLE,
                   _("No keyring is available (no Secret Service on the session bus: %s). "
                     "Start a desktop session with GNOME Keyring or KeePassXC, then try again."),
                   local_error->message);
      return FALSE;
    }
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, cancellable,
                                                 &local_error);
  if (collection == NULL)
    {
      g_set_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_NO_KEYRING,
                   _("The keyring has no default collection yet: open “Passwords and Keys” "
                     "to create the login keyring, then try again."));
      return FALSE;
    }
  if (secret_collection_get_locked (collection))
    {
      g_set_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_LOCKED,
                   _("The default keyring is locked: unlock it (log in again or open "
                     "“Passwords and Keys”), then try again."));
      return FALSE;
    }
  return TRUE;
}

static void
set_failed (GError     **error,
            GError      *cause)
{
  g_set_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_FAILED,
               _("The keyring refused the request: %s"), cause->message);
}

gboolean
vigie_secrets_store_token (const char    *platform,
                           const char    *account,
                           const char    *label,
                           const char    *token,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *s = NULL;

  g_return_val_if_fail (platform != NULL && account != NULL && token != NULL, FALSE);

  if (memory_mode ())
    {
      g_mutex_lock (&lock);
      g_hash_table_replace (memory, g_strconcat (platform, "\n", account, NULL),
                            g_strdup (token));
      g_mutex_unlock (&lock);
      return TRUE;
    }
  if (!vigie_secrets_check (cancellable, error))
    return FALSE;
  s = get_scope ();
  if (!secret_password_store_sync (&token_schema, SECRET_COLLECTION_DEFAULT,
                                   label ? label : "Vigie", token, cancellable, &local_error,
                                   "platform", platform, "account", account, "scope", s,
                                   NULL))
    {
      set_failed (error, local_error);
      return FALSE;
    }
  return TRUE;
}

char *
vigie_secrets_lookup_token (const char    *platform,
                            const char    *account,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *s = NULL;
  char *password, *token = NULL;

  g_return_val_if_fail (platform != NULL && account != NULL, NULL);

  if (memory_mode ())
    {
      g_autofree char *key = g_strconcat (platform, "\n", account, NULL);

      g_mutex_lock (&lock);
      token = g_strdup (g_hash_table_lookup (memory, key));
      g_mutex_unlock (&lock);
    }
  else
    {
      if (!vigie_secrets_check (cancellable, error))
        return NULL;
      s = get_scope ();
      password = secret_password_lookup_sync (&token_schema, cancellable, &local_error,
                                              "platform", platform, "account", account,
                                              "scope", s, NULL);
      if (local_error != NULL)
        {
          set_failed (error, local_error);
          return NULL;
        }
      token = g_strdup (password);
      secret_password_free (password);
    }

  if (token == NULL)
    g_set_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_NOT_FOUND,
                 _("No access token is stored for the %s account “%s”: add the account again"),
                 platform, account);
  return token;
}

gboolean
vigie_secrets_clear_token (const char    *platform,
                           const char    *account,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *s = NULL;

  if (memory_mode ())
    {
      g_autofree char *key = g_strconcat (platform, "\n", account, NULL);

      g_mutex_lock (&lock);
      g_hash_table_remove (memory, key);
      g_mutex_unlock (&lock);
      return TRUE;
    }
  if (!vigie_secrets_check (cancellable, error))
    return FALSE;
  s = get_scope ();
  secret_password_clear_sync (&token_schema, cancellable, &local_error, "platform", platform,
                              "account", account, "scope", s, NULL);
  if (local_error != NULL)
    {
      set_failed (error, local_error);
      return FALSE;
    }
  return TRUE;
}
