/* vigie-bench-classify.c — classification throughput of vigie-scan --lines
 *
 *   vigie-bench-classify [--lines N] [--scan PATH]
 *
 * Writes N comments of about 100 bytes (French and English, written from
 * fragments below, one in twelve or so with something to flag), pipes them
 * through `vigie-scan --lines --output jsonl` and prints comments per second
 * and the peak memory of vigie-scan. Figures, never assertions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char * const openings[] = {
  "Bonjour, ", "Merci à l'équipe, ", "Franchement, ", "Allô, ", "Hello, ", "Encore une fois, ",
  "Petite question : ", "Thanks, ", "Bonsoir tout le monde, ", "", "", "",
};

static const char * const bodies[] = {
  "j'ai attendu six heures à l'urgence hier avec ma mère de 82 ans",
  "est-ce que la clinique de vaccination est ouverte le samedi matin",
  "le stationnement coûte trop cher pour les familles qui visitent",
  "les infirmières du 3e étage ont été vraiment gentilles avec mon père",
  "I waited three hours for a blood test, is that normal these days",
  "where can I get the flu shot for my kids near Port-Boréal",
  "mon rendez-vous de suivi a été déplacé deux fois ce mois-ci",
  "bravo pour la nouvelle salle d'attente, c'est beaucoup plus calme",
  "the parking lot was not cleared this morning, someone could fall",
  "est-ce qu'on peut prendre rendez-vous en ligne pour une prise de sang",
  "ça fait trois semaines que j'attends un appel pour mes résultats",
  "le CLSC devrait ouvrir plus tard le jeudi pour les travailleurs",
};

static const char * const spices[] = {
  "t'es vraiment un gros cave", "appelez-moi au 418-555-0199", "ostie que c'est long",
  "voir www.promo-boreale.com", "les immigrants sont des parasites", "bande d'incompétents",
  "je vais te régler ton compte", "le calvaire des urgences", "c0nn@rd",
};

static const char * const closings[] = {
  ".", "!", " ?", " merci.", " 🙏", " 😡", ", bonne journée.", ". Thanks!", "...",
};

static char *
make_input (guint   n_lines,
            gsize  *out_bytes,
            GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261001);
  g_autoptr(GString) line = g_string_sized_new (256);
  g_autofree char *path = NULL;
  FILE *f;
  int fd;
  gsize bytes = 0;

  fd = g_file_open_tmp ("vigie-bench-XXXXXX.txt", &path, error);
  if (fd < 0)
    return NULL;
  f = fdopen (fd, "w");
  for (guint i = 0; i < n_lines; i++)
    {
      g_string_truncate (line, 0);
      g_string_append (line, openings[g_rand_int_range (rand, 0, G_N_ELEMENTS (openings))]);
      while (line->len < 85)
        {
          if (line->len > 0 && line->str[line->len - 1] != ' ')
            g_string_append (line, ", ");
          g_string_append (line, bodies[g_rand_int_range (rand, 0, G_N_ELEMENTS (bodies))]);
        }
      if (g_rand_int_range (rand, 0, 12) == 0)
        {
          g_string_append (line, ", ");
          g_string_append (line, spices[g_rand_int_range (rand, 0, G_N_ELEMENTS (spices))]);
        }
      if (line->len > 110)
        {
          /* Cut at a word boundary near 100 bytes, on a character boundary */
          gsize cut = 100;
          while (cut > 60 && line->str[cut] != ' ')
            cut--;
          g_string_truncate (line, cut);
        }
      g_string_append (line, closings[g_rand_int_range (rand, 0, G_N_ELEMENTS (closings))]);
      g_string_append_c (line, '\n');
      bytes += line->len;
      fwrite (line->str, 1, line->len, f);
    }
  if (fclose (f) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot write %s", path);
      return NULL;
    }
  *out_bytes = bytes;
  return g_steal_pointer (&path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— vigie-scan --lines throughput");
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = NULL;
  g_autofree char *input = NULL;
  int n_lines = 1000000;
  const GOptionEntry entries[] = {
    { "lines", 0, 0, G_OPTION_ARG_INT, &n_lines, "Number of comments (default 1000000)", "N" },
    { "scan", 0, 0, G_OPTION_ARG_FILENAME, &scan, "The vigie-scan binary", "PATH" },
    { NULL }
  };
  posix_spawn_file_actions_t actions;
  char *args[] = { NULL, "--lines", "--output", "jsonl", NULL };
  int pipe_fds[2];
  pid_t pid;
  int status = 0;
  struct rusage usage;
  gint64 start, end;
  gsize in_bytes = 0;
  guint64 out_lines = 0;
  char buffer[1 << 16];
  ssize_t n;
  double seconds, cpu;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (scan == NULL)
    {
      const char *build = g_getenv ("VIGIE_BUILD_DIR");
      scan = g_build_filename (build ? build : ".", "src", "cli", "vigie-scan", NULL);
    }
  if (!g_file_test (scan, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("vigie-bench-classify: no vigie-scan at %s (set VIGIE_BUILD_DIR or --scan)\n",
                  scan);
      return 2;
    }

  input = make_input (n_lines, &in_bytes, &error);
  if (input == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (pipe (pipe_fds) != 0)
    return 1;
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 0, input, O_RDONLY, 0);
  posix_spawn_file_actions_adddup2 (&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose (&actions, pipe_fds[0]);
  posix_spawn_file_actions_addclose (&actions, pipe_fds[1]);
  args[0] = scan;

  start = g_get_monotonic_time ();
  if (posix_spawn (&pid, scan, &actions, NULL, args, environ) != 0)
    {
      g_printerr ("vigie-bench-classify: cannot start %s\n", scan);
      return 1;
    }
  close (pipe_fds[1]);
  while ((n = read (pipe_fds[0], buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    for (ssize_t i = 0; i < n; i++)
      if (buffer[i] == '\n')
        out_lines++;
  close (pipe_fds[0]);
  if (wait4 (pid, &status, 0, &usage) < 0)
    return 1;
  end = g_get_monotonic_time ();
  posix_spawn_file_actions_destroy (&actions);
  g_unlink (input);

  seconds = (end - start) / 1e6;
  cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
        usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  g_print ("vigie-scan --lines: %d comments (%.1f MB in, %" G_GUINT64_FORMAT " objects out)\n",
           n_lines, in_bytes / 1e6, out_lines);
  g_print ("  wall %.2f s, CPU %.2f s: %.0f comments/s (%.0f per CPU second)\n", seconds, cpu,
           n_lines / seconds, n_lines / cpu);
  g_print ("  peak RSS of vigie-scan: %.1f MB\n", usage.ru_maxrss / 1024.0);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || out_lines != (guint64) n_lines)
    {
      g_printerr ("vigie-bench-classify: vigie-scan failed or lost lines\n");
      return 1;
    }
  return 0;
}
