/* vigie-bench-outbox.c — queued moderation actions through the sandbox
 * connector: time, and whether each was applied exactly once
 *
 *   vigie-bench-outbox [--actions N] [--kill-after-ms MS] [--keep DIR]
 *
 * Two runs on fresh workspaces of N comments:
 * 1. N actions queued one by one (one transaction each, as keystrokes
 *    would), then executed;
 * 2. the same, executed by a child process that is killed (SIGKILL) part
 *    way through, then resumed by a new process, as after a crash.
 * Each run checks every action: applied, one "applied" audit entry, its
 * effect in the workspace exactly once (one reply per reply action...),
 * and the audit chain intact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "vigie-audit.h"
#include "vigie-outbox.h"
#include "vigie-sandbox-connector.h"
#include "vigie-store.h"
#include "vigie-store-private.h"

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static double
seconds_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* hide ×4, reply ×3, remove ×2, ban ×1 in every ten */
static VigieActionKind
kind_for (guint i)
{
  switch (i % 10)
    {
    case 0: case 1: case 2: case 3:
      return VIGIE_ACTION_HIDE;
    case 4: case 5: case 6:
      return VIGIE_ACTION_REPLY;
    case 7: case 8:
      return VIGIE_ACTION_REMOVE;
    default:
      return VIGIE_ACTION_BAN;
    }
}

static gboolean
populate (VigieStore  *store,
          guint        n,
          GError     **error)
{
  VigiePostRecord post = { 0 };

  if (!vigie_store_begin (store, error))
    return FALSE;
  post.platform = VIGIE_PLATFORM_FACEBOOK;
  post.page_id = "104758392011";
  post.page_name = "CISSS de la Côte-Boréale";
  for (guint p = 0; p < n / 100 + 1; p++)
    {
      g_autofree char *id = g_strdup_printf ("104758392011_%u", p);
      post.external_id = id;
      post.text = "Avis de froid extrême";
      if (!vigie_store_upsert_post (store, &post, NULL, error))
        goto fail;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *post_id = g_strdup_printf ("104758392011_%u", i / 100);
      g_autofree char *author = g_strdup_printf ("5010%06u", i);
      g_autofree char *name = g_strdup_printf ("Personne %u", i);
      VigieCommentRecord c = { 0 };

      c.platform = VIGIE_PLATFORM_FACEBOOK;
      c.external_id = id;
      c.post_external_id = post_id;
      c.author_id = author;
      c.author_name = name;
      c.text = "Franchement, le stationnement de l'urgence de Port-Boréal, c'est n'importe quoi.";
      c.created = 1795006800 - i;
      c.like_count = -1;
      if (!vigie_store_upsert_comment (store, &c, NULL, error))
        goto fail;
    }
  return vigie_store_commit (store, error);

fail:
  vigie_store_rollback (store);
  return FALSE;
}

static VigieOutbox *
new_outbox (VigieStore *store)
{
  g_autoptr(VigieSandboxConnector) sandbox = vigie_sandbox_connector_new (store);
  VigieOutbox *outbox = vigie_outbox_new (store, VIGIE_CONNECTOR (sandbox));

  vigie_outbox_set_grace_period (outbox, 0);
  return outbox;
}

static gboolean
enqueue_all (VigieStore  *store,
             guint        n,
             GError     **error)
{
  g_autoptr(VigieOutbox) outbox = new_outbox (store);
  gint64 t0 = g_get_monotonic_time ();
  double secs;

  for (guint i = 0; i < n; i++)
    {
      VigieActionRequest request = { 0 };
      g_autoptr(VigieComment) comment = NULL;
      g_autofree char *id = g_strdup_printf ("c%u", i);

      comment = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, id, error);
      if (comment == NULL)
        return FALSE;
      request.kind = kind_for (i);
      request.comment_id = comment->id;
      request.actor_name = "Marie Côté";
      request.actor_role = "delegate";
      if (request.kind == VIGIE_ACTION_REPLY)
        {
          request.text = "Bonjour, merci de votre message. Afin de protéger vos renseignements "
                         "personnels, écrivez-nous en privé. — CISSS de la Côte-Boréale";
          request.lang = "fr";
          request.template_id = "private_channel";
        }
      if (vigie_outbox_enqueue (outbox, &request, error) == 0)
        return FALSE;
    }
  secs = seconds_since (t0);
  printf ("outbox: %u actions queued one by one (pending, evidence, audit entry, one "
          "transaction each) in %.2f s = %.0f actions/s\n", n, secs, n / secs);
  return TRUE;
}

static gboolean
process_all (VigieStore  *store,
             const char  *what,
             GError     **error)
{
  g_autoptr(VigieOutbox) outbox = new_outbox (store);
  gint64 t0 = g_get_monotonic_time ();
  guint n = 0;
  double secs;

  if (!vigie_outbox_process_sync (outbox, NULL, &n, error))
    return FALSE;
  secs = seconds_since (t0);
  printf ("outbox: %u actions %s through the sandbox connector in %.2f s = %.0f actions/s; "
          "peak RSS %.0f MB\n", n, what, secs, secs > 0 ? n / secs : 0.0, peak_rss_mb ());
  return TRUE;
}

static gint64
sql_int (VigieStore *store,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (_vigie_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Exactly once, action by action */
static gboolean
check (VigieStore *store,
       guint       n)
{
  guint expected[VIGIE_ACTION_KIND_LAST + 1] = { 0 };
  g_auto(VigieAuditVerification) verification = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 applied, once, replies, reply_actions, hidden, removed, banned, pending, failed;
  gint64 t0;
  double secs;
  gboolean ok;

  for (guint i = 0; i < n; i++)
    expected[kind_for (i)]++;

  applied = sql_int (store, "SELECT count(*) FROM actions WHERE status = 'applied'");
  pending = sql_int (store, "SELECT count(*) FROM actions WHERE status = 'pending'");
  failed = sql_int (store, "SELECT count(*) FROM actions WHERE status = 'failed'");
  /* One "applied" entry in the trail for each action, never two */
  once = sql_int (store, "SELECT count(*) FROM (SELECT action_id FROM audit"
                         " WHERE event = 'applied' GROUP BY action_id HAVING count(*) = 1)");
  /* One reply comment per reply action, the one it names */
  replies = sql_int (store, "SELECT count(*) FROM comments"
                            " WHERE external_id LIKE 'sandbox-reply-%'");
  reply_actions = sql_int (store, "SELECT count(*) FROM actions a JOIN comments c"
                                  " ON c.external_id = a.result_ref WHERE a.kind = 'reply'");
  hidden = sql_int (store, "SELECT count(*) FROM comments WHERE hidden = 1");
  removed = sql_int (store, "SELECT count(*) FROM comments WHERE removed = 1");
  banned = sql_int (store, "SELECT count(*) FROM authors WHERE banned = 1");

  ok = applied == n && once == n && pending == 0 && failed == 0 &&
       replies == expected[VIGIE_ACTION_REPLY] && reply_actions == expected[VIGIE_ACTION_REPLY] &&
       hidden == expected[VIGIE_ACTION_HIDE] && removed == expected[VIGIE_ACTION_REMOVE] &&
       banned == expected[VIGIE_ACTION_BAN];
  printf ("outbox: applied exactly once: %s — %" G_GINT64_FORMAT "/%u applied, %" G_GINT64_FORMAT
          " with exactly one “applied” audit entry, %" G_GINT64_FORMAT " pending, %"
          G_GINT64_FORMAT " failed; %" G_GINT64_FORMAT " replies for %u reply actions, %"
          G_GINT64_FORMAT " hidden / %u, %" G_GINT64_FORMAT " removed / %u, %" G_GINT64_FORMAT
          " authors banned / %u\n",
          ok ? "yes" : "NO", applied, n, once, pending, failed, replies,
          expected[VIGIE_ACTION_REPLY], hidden, expected[VIGIE_ACTION_HIDE], removed,
          expected[VIGIE_ACTION_REMOVE], banned, expected[VIGIE_ACTION_BAN]);

  t0 = g_get_monotonic_time ();
  if (!vigie_audit_verify (store, &verification, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  secs = seconds_since (t0);
  printf ("audit: %" G_GINT64_FORMAT " entries and %" G_GINT64_FORMAT " evidence snapshots "
          "verified in %.2f s: %s\n", verification.n_entries,
          sql_int (store, "SELECT count(*) FROM evidence"), secs,
          verification.intact ? "intact" : verification.reason);
  return ok && verification.intact;
}

static VigieStore *
fresh_workspace (const char  *dir,
                 const char  *name,
                 guint        n,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(VigieStore) store = vigie_store_open (path, error);

  if (store == NULL || !populate (store, n, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* The child of run 2: executes what is pending until it is killed */
static int
phase_process (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (path, &error);

  if (store == NULL || !process_all (store, "executed before the kill", &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static gboolean
run_killed (const char  *self,
            const char  *dir,
            guint        n,
            guint        kill_after_ms,
            GError     **error)
{
  g_autoptr(VigieStore) store = fresh_workspace (dir, "killed.vigie", n, error);
  g_autofree char *path = NULL;
  const char *argv[] = { self, "process", NULL, NULL };
  GPid child;
  int status = 0;
  gint64 applied_before;

  if (store == NULL || !enqueue_all (store, n, error))
    return FALSE;
  path = g_strdup (vigie_store_get_path (store));
  g_clear_object (&store);

  argv[2] = path;
  fflush (stdout);
  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &child,
                      error))
    return FALSE;
  g_usleep (kill_after_ms * 1000);
  kill (child, SIGKILL);
  waitpid (child, &status, 0);
  g_spawn_close_pid (child);

  store = vigie_store_open (path, error);
  if (store == NULL)
    return FALSE;
  applied_before = sql_int (store, "SELECT count(*) FROM actions WHERE status = 'applied'");
  printf ("outbox: child process %s after %u ms with %" G_GINT64_FORMAT " of %u actions applied"
          " and %" G_GINT64_FORMAT " attempted\n",
          WIFSIGNALED (status) ? "killed (SIGKILL)" : "had already finished", kill_after_ms,
          applied_before, n,
          sql_int (store, "SELECT count(*) FROM actions WHERE attempts > 0"));
  if (!process_all (store, "resumed by a new process", error))
    return FALSE;
  return check (store, n);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  int n = 10000;
  int kill_after_ms = 1000;
  g_autofree char *keep = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = NULL;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "actions", 'n', 0, G_OPTION_ARG_INT, &n, "Number of actions", "N" },
    { "kill-after-ms", 0, 0, G_OPTION_ARG_INT, &kill_after_ms,
      "Kill the executing process after MS milliseconds", "MS" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Work in DIR and keep it", "DIR" },
    { NULL }
  };

  if (argc == 3 && g_str_equal (argv[1], "process"))
    return phase_process (argv[2]);

  context = g_option_context_new ("— queued actions through the sandbox connector");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n <= 0 || kill_after_ms < 0)
    {
      g_printerr ("%s\n", error ? error->message : "--actions must be positive");
      return 2;
    }
  if (keep != NULL)
    {
      g_mkdir_with_parents (keep, 0700);
      dir = g_strdup (keep);
    }
  else
    dir = g_dir_make_tmp ("vigie-bench-outbox-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("run 1: %d actions queued, then executed\n", n);
  store = fresh_workspace (dir, "clean.vigie", n, &error);
  ok = store != NULL && enqueue_all (store, n, &error) &&
       process_all (store, "executed", &error);
  ok = ok && check (store, n);
  g_clear_object (&store);

  if (ok)
    {
      printf ("run 2: %d actions queued, the executing process killed after %d ms, then "
              "resumed\n", n, kill_after_ms);
      ok = run_killed (argv[0], dir, n, kill_after_ms, &error);
    }
  if (error != NULL)
    g_printerr ("%s\n", error->message);

  if (keep == NULL)
    remove_tree (dir);
  return ok ? 0 : 1;
}
