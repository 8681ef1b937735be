/* test-secrets.c — tokens in the keyring
 *
 * Runs against the throw-away gnome-keyring of build-aux/test-session.sh.
 * Without a Secret Service the keyring tests skip, unless
 * VIGIE_REQUIRE_KEYRING is set: then they fail. Tokens are stored with a
 * scope attribute of their own, so real tokens are never touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "vigie-secrets.h"

static gboolean
require_keyring (void)
{
  g_autoptr(GError) error = NULL;

  if (vigie_secrets_check (NULL, &error))
    return TRUE;
  if (g_getenv ("VIGIE_REQUIRE_KEYRING") != NULL)
    g_test_fail_printf ("no usable keyring: %s", error->message);
  else
    g_test_skip_printf ("no usable keyring: %s", error->message);
  return FALSE;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *gone = NULL;

  if (!require_keyring ())
    return;

  g_assert_true (vigie_secrets_store_token ("facebook", "1234", "Vigie test", "tok-1", NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_true (vigie_secrets_store_token ("youtube", "1234", "Vigie test", "tok-2", NULL,
                                            &error));
  token = vigie_secrets_lookup_token ("facebook", "1234", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "tok-1");
  other = vigie_secrets_lookup_token ("youtube", "1234", NULL, &error);
  g_assert_cmpstr (other, ==, "tok-2");

  /* Replacing */
  g_assert_true (vigie_secrets_store_token ("facebook", "1234", "Vigie test", "tok-3", NULL,
                                            &error));
  g_clear_pointer (&token, g_free);
  token = vigie_secrets_lookup_token ("facebook", "1234", NULL, &error);
  g_assert_cmpstr (token, ==, "tok-3");

  g_assert_true (vigie_secrets_clear_token ("facebook", "1234", NULL, &error));
  g_assert_true (vigie_secrets_clear_token ("youtube", "1234", NULL, &error));
  g_assert_true (vigie_secrets_clear_token ("youtube", "1234", NULL, &error));
  g_assert_no_error (error);
  gone = vigie_secrets_lookup_token ("facebook", "1234", NULL, &error);
  g_assert_null (gone);
  g_assert_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_NOT_FOUND);
}

static void
test_scope (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *pid_scope = g_strdup_printf ("vigie-test-%d-b", (int) getpid ());

  if (!require_keyring ())
    return;

  g_assert_true (vigie_secrets_store_token ("instagram", "42", NULL, "scoped", NULL, &error));
  vigie_secrets_set_scope (pid_scope);
  token = vigie_secrets_lookup_token ("instagram", "42", NULL, &error);
  g_assert_null (token);
  g_assert_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  vigie_secrets_set_scope (NULL);
  {
    g_autofree char *s = g_strdup_printf ("vigie-test-%d", (int) getpid ());
    vigie_secrets_set_scope (s);
  }
  token = vigie_secrets_lookup_token ("instagram", "42", NULL, &error);
  g_assert_cmpstr (token, ==, "scoped");
  g_assert_true (vigie_secrets_clear_token ("instagram", "42", NULL, &error));
}

/* No session bus at all: a clear error at once, not a hang */
static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;
      gint64 start = g_get_monotonic_time ();

      token = vigie_secrets_lookup_token ("facebook", "1", NULL, &error);
      g_assert_null (token);
      g_assert_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "keyring"));
      g_clear_error (&error);
      g_assert_false (vigie_secrets_store_token ("facebook", "1", NULL, "x", NULL, &error));
      g_assert_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_UNAVAILABLE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      g_printerr ("%s\n", error->message);
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*No keyring is available*");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *scope = g_strdup_printf ("vigie-test-%d", (int) getpid ());

  /* The child of /vigie/secrets/no-service sees no bus; it must be set
   * before anything talks to D-Bus */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--GTestSubprocess"))
      {
        g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigie-no-bus", TRUE);
        g_unsetenv ("DISPLAY");
      }

  g_test_init (&argc, &argv, NULL);
  vigie_secrets_set_scope (scope);

  g_test_add_func ("/vigie/secrets/round-trip", test_round_trip);
  g_test_add_func ("/vigie/secrets/scope", test_scope);
  g_test_add_func ("/vigie/secrets/no-service", test_no_service);
  return g_test_run ();
}
