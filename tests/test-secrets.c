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

#include <glib/gstdio.h>

#include "fake-platform.h"
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

/* vigie-scan: a command, its standard input, its exit status */
static int
scan (const char  *scope,
      const char  *input,
      char       **out_stdout,
      char       **out_stderr,
      ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *build = g_getenv ("VIGIE_BUILD_DIR");
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, g_build_filename (build ? build : ".", "src", "cli", "vigie-scan",
                                           NULL));
  va_start (ap, out_stderr);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "VIGIE_SECRETS_SCOPE", scope, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, out_stdout, out_stderr,
                                 &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

#define TOKEN "EAAcli-token-9f86d081884c7d659a2feaa0"

static void
test_cli_accounts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "w.vigie", NULL);
  g_autofree char *scope = g_strdup_printf ("vigie-test-%d-cli", (int) getpid ());
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *token = NULL;
  FakePlatform *fake;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize length;

  if (!require_keyring ())
    return;
  fake = fake_platform_new (TOKEN);
  fake_platform_add_post (fake, "facebook", "1234", "1234_1", "Publication", now - 100);
  fake_platform_add_comment (fake, "facebook", "1234", "1234_1", "c1", NULL, "u1", "A",
                             "Merci beaucoup", now - 50);
  fake_platform_add_comment (fake, "facebook", "1234", "1234_1", "c2", NULL, "u2", "B",
                             "Bande d'incompétents et d'imbéciles", now - 40);

  /* Bad input: exit status 2 with a message */
  g_assert_cmpint (scan (scope, "", &out, &err, "--db", db, "--add-account", "facebook",
                         "--account-id", "1234", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "standard input"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (scan (scope, TOKEN "\n", &out, &err, "--db", db, "--add-account", "facebook",
                         "--account-id", "1234", "--api-base", "http://example.com", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "https://"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (scan (scope, TOKEN "\n", &out, &err, "--db", db, "--add-account", "facebook",
                         "--account-id", "1234", "--account-name", "CISSS test",
                         "--api-base", fake_platform_get_url (fake), NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  vigie_secrets_set_scope (scope);
  token = vigie_secrets_lookup_token ("facebook", "1234", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);

  g_assert_cmpint (scan (scope, NULL, &out, &err, "--db", db, "--list-accounts", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "facebook\t1234\tCISSS test\tnever\tok"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (scan (scope, NULL, &out, &err, "--db", db, "--sync", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "1 account synced: 2 comments read, 2 new, 0 updated, 1 flagged"));
  g_assert_null (strstr (err, TOKEN));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  /* No token in the workspace */
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  for (gsize i = 0; i + strlen (TOKEN) <= length; i++)
    g_assert_true (memcmp (contents + i, TOKEN, strlen (TOKEN)) != 0);

  /* An expired token: exit status 2 and the account needs reconnecting */
  fake_platform_expire_token (fake);
  g_assert_cmpint (scan (scope, NULL, &out, &err, "--db", db, "--sync=1234", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "reconnect"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (scan (scope, NULL, &out, &err, "--db", db, "--list-accounts", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "needs-reconnect"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (scan (scope, NULL, &out, &err, "--db", db, "--remove-account", "1234", NULL),
                   ==, 0);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&token, g_free);
  token = vigie_secrets_lookup_token ("facebook", "1234", NULL, &error);
  g_assert_null (token);
  g_assert_error (error, VIGIE_SECRETS_ERROR, VIGIE_SECRETS_ERROR_NOT_FOUND);
  g_assert_cmpint (scan (scope, NULL, &out, &err, "--db", db, "--remove-account", "1234", NULL),
                   ==, 2);
  {
    g_autofree char *s = g_strdup_printf ("vigie-test-%d", (int) getpid ());
    vigie_secrets_set_scope (s);
  }

  fake_platform_free (fake);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (db);
  g_rmdir (dir);
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
  g_test_add_func ("/vigie/secrets/cli-accounts", test_cli_accounts);
  return g_test_run ();
}
