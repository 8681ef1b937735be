/* vigie-bench-sync.c — a page with many comments synced from the fake
 * Graph server: time, requests made, peak RSS
 *
 *   vigie-bench-sync [--comments N] [--page-size N] [--no-classify]
 *
 * One Facebook post with N comments on the loopback fake server
 * (tests/fake-platform.c), synced into a fresh workspace with the
 * classifier on, as vigie-scan --sync does; then synced again (nothing
 * new: the incremental run), then a run cancelled half way and resumed,
 * checking that nothing was lost or duplicated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "../fake-platform.h"
#include "vigie-account.h"
#include "vigie-policy.h"
#include "vigie-secrets.h"
#include "vigie-sync.h"

#define TOKEN "EAAbench-token"

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

typedef struct
{
  GCancellable *cancellable;
  guint64       cancel_at;
} Cancel;

static void
progress_cb (VigieSync *sync,
             gint64     account_id,
             guint64    n_comments,
             guint      n_requests,
             Cancel    *c)
{
  if (c->cancellable != NULL && n_comments >= c->cancel_at)
    g_cancellable_cancel (c->cancellable);
}

static VigieStore *
fresh_store (const char *dir,
             const char *name,
             const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  VigieStore *store = vigie_store_open (path, &error);
  g_autoptr(VigieAccount) account = NULL;

  if (store == NULL)
    g_error ("%s", error->message);
  account = vigie_account_add (store, VIGIE_PLATFORM_FACEBOOK, "1234", "Bench", url, "v25.0",
                               &error);
  if (account == NULL)
    g_error ("%s", error->message);
  return store;
}

static void
remove_store (const char *dir,
              const char *name)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (dir, "/", name, suffixes[i], NULL);
      g_unlink (path);
    }
}

int
main (int    argc,
      char **argv)
{
  int n_comments = 10000;
  int page_size = 100;
  gboolean no_classify = FALSE;
  const GOptionEntry entries[] = {
    { "comments", 0, 0, G_OPTION_ARG_INT, &n_comments, "Comments on the page", "N" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Comments per request (max 100)", "N" },
    { "no-classify", 0, 0, G_OPTION_ARG_NONE, &no_classify, "Store without classifying", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— sync benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(VigieClassifier) classifier = NULL;
  g_autoptr(VigiePolicy) policy = NULL;
  FakePlatform *fake;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 t0;
  double full_s, again_s, resumed_s;
  VigieSyncStats full, again, first, second;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  vigie_secrets_use_memory (TRUE);
  vigie_secrets_store_token ("facebook", "1234", NULL, TOKEN, NULL, NULL);
  if (!no_classify)
    {
      policy = vigie_policy_new_default (&error);
      classifier = policy ? vigie_classifier_new (policy, NULL, &error) : NULL;
      if (classifier == NULL)
        g_error ("%s", error->message);
    }

  dir = g_dir_make_tmp ("vigie-bench-sync-XXXXXX", &error);
  fake = fake_platform_new (TOKEN);
  fake_platform_add_post (fake, "facebook", "1234", "1234_1", "Une publication très commentée",
                          now - 2 * n_comments - 100);
  fake_platform_add_many (fake, "facebook", "1234", "1234_1", n_comments,
                          now - 2 * n_comments);

  /* 1. Full sync, then an incremental one */
  {
    g_autoptr(VigieStore) store = fresh_store (dir, "full.vigie", fake_platform_get_url (fake));
    g_autoptr(VigieSync) sync = vigie_sync_new (store, classifier);

    vigie_sync_set_page_size (sync, page_size);
    t0 = g_get_monotonic_time ();
    if (!vigie_sync_run (sync, 0, NULL, &full, &error))
      g_error ("%s", error->message);
    full_s = seconds_since (t0);
    t0 = g_get_monotonic_time ();
    if (!vigie_sync_run (sync, 0, NULL, &again, &error))
      g_error ("%s", error->message);
    again_s = seconds_since (t0);
  }
  remove_store (dir, "full.vigie");

  /* 2. Cancelled half way, then resumed */
  {
    g_autoptr(VigieStore) store = fresh_store (dir, "resume.vigie",
                                               fake_platform_get_url (fake));
    g_autoptr(VigieSync) sync = vigie_sync_new (store, classifier);
    Cancel cancel = { g_cancellable_new (), n_comments / 2 };
    VigieQuery q = { 0 };

    vigie_sync_set_page_size (sync, page_size);
    g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), &cancel);
    vigie_sync_run (sync, 0, cancel.cancellable, &first, NULL);
    g_clear_object (&cancel.cancellable);
    t0 = g_get_monotonic_time ();
    if (!vigie_sync_run (sync, 0, NULL, &second, &error))
      g_error ("%s", error->message);
    resumed_s = seconds_since (t0);
    if (first.n_inserted + second.n_inserted != (guint64) n_comments ||
        vigie_store_count (store, &q, NULL) != n_comments)
      {
        g_printerr ("FAILED: %" G_GUINT64_FORMAT " + %" G_GUINT64_FORMAT " comments stored "
                    "across the cancelled and the resumed run, %d expected\n",
                    first.n_inserted, second.n_inserted, n_comments);
        status = 1;
      }
  }
  remove_store (dir, "resume.vigie");
  fake_platform_free (fake);
  g_rmdir (dir);

  printf ("sync of one Facebook post with %d comments from the loopback fake Graph server "
          "(page size %d, classifier %s):\n", n_comments, page_size, no_classify ? "off" : "on");
  printf ("  full sync:        %.2f s, %u requests, %" G_GUINT64_FORMAT " comments stored, "
          "%" G_GUINT64_FORMAT " flagged (%" G_GUINT64_FORMAT " urgent), %.0f comments/s\n",
          full_s, full.n_requests, full.n_inserted, full.n_flagged, full.n_urgent,
          full.n_inserted / MAX (full_s, 1e-6));
  printf ("  incremental sync: %.2f s, %u requests, %" G_GUINT64_FORMAT " new\n",
          again_s, again.n_requests, again.n_inserted);
  printf ("  cancelled at %" G_GUINT64_FORMAT " comments, resumed: %.2f s, %u requests, "
          "%" G_GUINT64_FORMAT " + %" G_GUINT64_FORMAT " = %" G_GUINT64_FORMAT " stored (%s)\n",
          first.n_inserted, resumed_s, second.n_requests, first.n_inserted, second.n_inserted,
          first.n_inserted + second.n_inserted, status == 0 ? "none lost or duplicated"
                                                            : "MISMATCH");
  printf ("  peak RSS: %.1f MB\n", peak_rss_mb ());
  return status;
}
