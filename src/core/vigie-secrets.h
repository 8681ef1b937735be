/* vigie-secrets.h — access tokens, kept only in the Secret Service
 *
 * Tokens live in the user's keyring (libsecret, schema
 * "io.github.vigie.Vigie.Token" with "platform" and "account" attributes),
 * never in the workspace, settings or logs. Every call first checks that a
 * Secret Service answers and that its default collection exists and is
 * unlocked, so a missing or locked keyring gives a clear error at once
 * instead of a hang, a prompt or a silent "not found".
 *
 * Tests can switch the process to an in-memory store, or to a "scope" of
 * their own in the real keyring so they never touch real tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIGIE_SECRETS_ERROR (vigie_secrets_error_quark ())

typedef enum
{
  VIGIE_SECRETS_ERROR_UNAVAILABLE,   /* no Secret Service on the session bus */
  VIGIE_SECRETS_ERROR_NO_KEYRING,    /* no default keyring yet */
  VIGIE_SECRETS_ERROR_LOCKED,        /* the default keyring is locked */
  VIGIE_SECRETS_ERROR_NOT_FOUND,     /* no token stored for this account */
  VIGIE_SECRETS_ERROR_FAILED,
} VigieSecretsError;

GQuark   vigie_secrets_error_quark (void);

/* Is the keyring there and unlocked? Never prompts. */
gboolean vigie_secrets_check       (GCancellable  *cancellable,
                                    GError       **error);
gboolean vigie_secrets_store_token (const char    *platform,
                                    const char    *account,
                                    const char    *label,
                                    const char    *token,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* NULL with VIGIE_SECRETS_ERROR_NOT_FOUND when there is none */
char    *vigie_secrets_lookup_token (const char   *platform,
                                     const char   *account,
                                     GCancellable *cancellable,
                                     GError      **error);
/* Removing a token that is not there succeeds */
gboolean vigie_secrets_clear_token (const char    *platform,
                                    const char    *account,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* For tests: keep tokens in this process's memory instead */
void     vigie_secrets_use_memory  (gboolean       use_memory);
/* For tests: a value of the "scope" attribute other than the default
 * "vigie", so that test tokens never meet real ones */
void     vigie_secrets_set_scope   (const char    *scope);

G_END_DECLS
