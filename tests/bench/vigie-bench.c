/* vigie-bench.c — import, search and window benchmarks that print figures
 *
 *   vigie-bench [--comments N] [--keep DIR] [--skip-window]
 *
 * Each phase runs in its own process so that its peak memory is its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "vigie-import.h"
#include "vigie-store.h"

#define COMMENTS_PER_FILE 1000

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* Synthetic but varied text: a few hundred words in Québec French and
 * English, so the search index has a realistic vocabulary. */
static const char *openers[] = {
  "Merci pour l'info", "Bonjour,", "Franchement", "Encore une fois", "Hello,", "Thanks,",
  "C'est inacceptable", "Bravo à l'équipe", "Est-ce que quelqu'un sait", "Pourquoi",
  "J'ai attendu", "Honestly", "Ma mère", "Mon voisin", "Depuis lundi", "Comme d'habitude",
};
static const char *subjects[] = {
  "l'urgence de Port-Boréal", "la clinique de vaccination", "le stationnement", "les infirmières",
  "le salon de l'emploi", "la nouvelle directrice", "les travaux sur la route 138",
  "le CLSC de Sainte-Aurore", "the emergency room", "the parking fees", "les soins à domicile",
  "la collecte de sang", "le rendez-vous en cardiologie", "la ligne Info-Santé", "the vaccine clinic",
  "l'Hôpital régional de Port-Boréal",
};
static const char *endings[] = {
  "c'est vraiment long.", "merci beaucoup!", "on attend encore.", "is it open on Sunday?",
  "bravo pour votre travail 👏", "ça n'a pas d'allure.", "quelle est l'adresse exacte?",
  "8 heures d'attente hier soir.", "great job everyone.", "je ne comprends pas la décision.",
  "vous faites une différence.", "c'est gratuit ou pas?", "where do I register?",
  "les horaires ont changé?", "continuez comme ça 🙏",
};

static void
append_json_escaped (GString    *out,
                     const char *s)
{
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *s);
    }
}

static gboolean
generate (const char  *dir,
          guint        n_comments,
          GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 20);
  GRand *rand = g_rand_new_with_seed (20261122);
  guint n_files = (n_comments + COMMENTS_PER_FILE - 1) / COMMENTS_PER_FILE;
  gint64 t0 = g_get_monotonic_time ();
  guint64 bytes = 0;

  for (guint f = 0; f < n_files; f++)
    {
      g_autofree char *name = g_strdup_printf ("comments-%05u.json", f);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guint post = f / 10;   /* ten pages of comments per post */

      g_string_truncate (out, 0);
      g_string_append (out, "{\"data\":[");
      for (guint i = 0; i < COMMENTS_PER_FILE && f * COMMENTS_PER_FILE + i < n_comments; i++)
        {
          guint n = f * COMMENTS_PER_FILE + i;
          guint author = g_rand_int_range (rand, 0, 80000);
          gint64 created = 1788000000 + (gint64) n * 7;
          g_autofree char *when = NULL;
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (created);

          when = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S+0000");
          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_printf (out,
                                  "{\"id\":\"9%05u_%u\",\"created_time\":\"%s\","
                                  "\"from\":{\"name\":\"Personne %u\",\"id\":\"50%08u\"},"
                                  "\"message\":\"",
                                  post, n, when, author, author);
          append_json_escaped (out, openers[g_rand_int_range (rand, 0, G_N_ELEMENTS (openers))]);
          g_string_append_c (out, ' ');
          append_json_escaped (out, subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))]);
          g_string_append_c (out, ' ');
          append_json_escaped (out, endings[g_rand_int_range (rand, 0, G_N_ELEMENTS (endings))]);
          g_string_append_printf (out, " #%u\",\"like_count\":%u,\"is_hidden\":false,"
                                  "\"permalink_url\":\"https://www.facebook.com/104758392011/"
                                  "posts/9%05u/?comment_id=%u\"}",
                                  n % 997, n % 13, post, n);
        }
      g_string_append_printf (out, "],\"paging\":{\"cursors\":{\"before\":\"b%u\",\"after\":\"a%u\"}"
                              "%s}}", f, f,
                              f + 1 < n_files ? ",\"next\":\"https://graph.facebook.com/v19.0/x/comments?after=a\"" : "");
      if (!g_file_set_contents (path, out->str, out->len, error))
        {
          g_rand_free (rand);
          return FALSE;
        }
      bytes += out->len;
    }
  g_rand_free (rand);
  printf ("generate: %u comments in %u Graph API page files, %.0f MB, %.1f s\n",
          n_comments, n_files, bytes / 1e6, (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}

static int
phase_import (const char *dir,
              const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (db, &error);
  const char *paths[] = { dir, NULL };
  VigieImportStats stats = { 0 };
  gint64 t0;
  double secs;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  t0 = g_get_monotonic_time ();
  if (!vigie_import_files (store, paths, NULL, NULL, NULL, &stats, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  secs = (g_get_monotonic_time () - t0) / 1e6;
  printf ("import: %" G_GUINT64_FORMAT " comments from %u files in %.2f s = %.0f comments/s "
          "(target ≥ 50000); peak RSS %.0f MB (target ≤ 500)\n",
          stats.n_comments, stats.n_files, secs, stats.n_comments / secs, peak_rss_mb ());

  /* Importing the same files again adds nothing */
  t0 = g_get_monotonic_time ();
  if (!vigie_import_files (store, paths, NULL, NULL, NULL, &stats, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  secs = (g_get_monotonic_time () - t0) / 1e6;
  printf ("re-import: %" G_GUINT64_FORMAT " new, %" G_GUINT64_FORMAT " unchanged in %.2f s "
          "= %.0f comments/s\n", stats.n_inserted, stats.n_unchanged, secs,
          stats.n_comments / secs);
  return stats.n_inserted == 0 ? 0 : 1;
}

static int
phase_search (const char *db)
{
  static const char *searches[] = {
    "cardiologie", "hopital", "stationnement gratuit", "Personne 4242", "parking", "#512",
    "urgence",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (db, &error);
  VigieQuery all = { 0 };
  gint64 t0;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  t0 = g_get_monotonic_time ();
  {
    g_autoptr(GArray) ids = vigie_store_query_ids (store, &all, NULL, &error);
    printf ("queue: all %u comment ids, newest first, in %.1f ms\n", ids ? ids->len : 0,
            (g_get_monotonic_time () - t0) / 1e3);
  }

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      VigieQuery q = { .search = searches[i] };
      g_autoptr(GArray) ids = NULL;
      double ms;

      /* Warm once, as a person typing the word letter by letter would
       * have; then measure */
      ids = vigie_store_query_ids (store, &q, NULL, &error);
      g_clear_pointer (&ids, g_array_unref);
      t0 = g_get_monotonic_time ();
      ids = vigie_store_query_ids (store, &q, NULL, &error);
      ms = (g_get_monotonic_time () - t0) / 1e3;
      if (ids == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("search: “%s” → %u comments in %.1f ms (target ≤ 100)\n", searches[i], ids->len, ms);
    }
  printf ("search: peak RSS %.0f MB\n", peak_rss_mb ());
  return 0;
}

static int
run_self (const char *self,
          const char *phase,
          const char *arg1,
          const char *arg2)
{
  const char *argv[] = { self, phase, arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &status, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static int
phase_window (const char *db)
{
  const char *build = g_getenv ("VIGIE_BUILD_DIR");
  g_autofree char *app = g_build_filename (build ? build : ".", "src", "ui", "vigie", NULL);
  const char *argv[] = { app, "--workspace", db, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (g_getenv ("DISPLAY") == NULL)
    {
      printf ("window: skipped (no display; `vigie-dev bench` runs it under Xvfb)\n");
      return 0;
    }
  env = g_environ_setenv (env, "VIGIE_BENCH_FIRST_ROWS", "1", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &status, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  int n_comments = 1000000;
  g_autofree char *keep = NULL;
  gboolean skip_window = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  g_autofree char *files = NULL;
  g_autofree char *db = NULL;
  int status = 0;
  const GOptionEntry entries[] = {
    { "comments", 'n', 0, G_OPTION_ARG_INT, &n_comments, "Number of comments", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Work in DIR and keep it", "DIR" },
    { "skip-window", 0, 0, G_OPTION_ARG_NONE, &skip_window, "Skip the window benchmark", NULL },
    { NULL }
  };

  /* Phases, run as child processes */
  if (argc == 4 && g_str_equal (argv[1], "import"))
    return phase_import (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "search"))
    return phase_search (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "window"))
    return phase_window (argv[2]);

  context = g_option_context_new ("— Vigie benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_comments <= 0)
    {
      g_printerr ("%s\n", error ? error->message : "--comments must be positive");
      return 2;
    }

  if (keep != NULL)
    {
      g_mkdir_with_parents (keep, 0700);
      work = g_strdup (keep);
    }
  else
    work = g_dir_make_tmp ("vigie-bench-XXXXXX", &error);
  if (work == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  files = g_build_filename (work, "graph", NULL);
  db = g_build_filename (work, "bench.vigie", NULL);
  g_mkdir_with_parents (files, 0700);

  printf ("Vigie benchmarks, %d comments\n", n_comments);
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      if (!generate (files, n_comments, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      status |= run_self (argv[0], "import", files, db);
    }
  status |= run_self (argv[0], "search", db, "-");
  if (!skip_window)
    status |= run_self (argv[0], "window", db, "-");

  if (keep == NULL)
    remove_tree (work);
  return status;
}
