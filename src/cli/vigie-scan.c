/* vigie-scan.c — Vigie without a window: import, print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-scan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "vigie-classifier.h"
#include "vigie-import.h"
#include "vigie-store.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILURE_OTHER = 1,
  EXIT_BAD_INPUT = 2,
};

typedef enum
{
  OUTPUT_TEXT,
  OUTPUT_JSONL,
  OUTPUT_CSV,
} OutputFormat;

/* JSON string escaping, by hand: it runs once per field of every comment */
static void
append_json_string (GString    *out,
                    const char *s)
{
  static const char hex[] = "0123456789abcdef";

  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[*p >> 4]);
              g_string_append_c (out, hex[*p & 0xf]);
            }
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_csv_field (GString    *out,
                  const char *s)
{
  if (s == NULL)
    return;
  if (strpbrk (s, ",\"\r\n") == NULL)
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
prefixed_id (VigiePlatform  platform,
             const char    *external_id)
{
  if (external_id == NULL)
    return NULL;
  return g_strconcat (vigie_platform_to_string (platform), ":", external_id, NULL);
}

static void
write_comment (GString                   *out,
               OutputFormat               format,
               const VigieComment        *c,
               const VigieClassification *classification)
{
  g_autofree char *id = vigie_comment_dup_stable_id (c);
  g_autofree char *post_id = prefixed_id (c->platform, c->post_external_id);
  g_autofree char *parent_id = prefixed_id (c->platform, c->parent_external_id);
  g_autofree char *author_id = prefixed_id (c->platform, c->author_external_id);
  g_autofree char *created = c->created ? vigie_format_timestamp (c->created) : NULL;

  switch (format)
    {
    case OUTPUT_JSONL:
      g_string_append (out, "{\"id\":");
      append_json_string (out, id);
      g_string_append (out, ",\"platform\":");
      append_json_string (out, vigie_platform_to_string (c->platform));
      g_string_append (out, ",\"external_id\":");
      append_json_string (out, c->external_id);
      g_string_append (out, ",\"post_id\":");
      append_json_string (out, post_id);
      g_string_append (out, ",\"parent_id\":");
      append_json_string (out, parent_id);
      g_string_append (out, ",\"author_id\":");
      append_json_string (out, author_id);
      g_string_append (out, ",\"author\":");
      append_json_string (out, c->author_name);
      g_string_append (out, ",\"created\":");
      append_json_string (out, created);
      g_string_append (out, ",\"text\":");
      append_json_string (out, c->text);
      g_string_append (out, ",\"permalink\":");
      append_json_string (out, c->permalink);
      g_string_append (out, ",\"lang\":");
      append_json_string (out, c->language);
      g_string_append_printf (out, ",\"hidden\":%s", c->hidden ? "true" : "false");
      if (c->like_count >= 0)
        g_string_append_printf (out, ",\"likes\":%" G_GINT64_FORMAT, c->like_count);
      if (classification != NULL)
        vigie_classification_append_json (classification, out, FALSE);
      g_string_append (out, "}\n");
      break;

    case OUTPUT_CSV:
      append_csv_field (out, id);
      g_string_append_c (out, ',');
      append_csv_field (out, vigie_platform_to_string (c->platform));
      g_string_append_c (out, ',');
      append_csv_field (out, post_id);
      g_string_append_c (out, ',');
      append_csv_field (out, parent_id);
      g_string_append_c (out, ',');
      append_csv_field (out, author_id);
      g_string_append_c (out, ',');
      append_csv_field (out, c->author_name);
      g_string_append_c (out, ',');
      append_csv_field (out, created);
      g_string_append_c (out, ',');
      append_csv_field (out, c->text);
      g_string_append_c (out, ',');
      append_csv_field (out, c->permalink);
      g_string_append (out, "\r\n");
      break;

    case OUTPUT_TEXT:
    default:
      g_string_append_printf (out, "%s  %s  %s%s\n",
                              created ? created : "-",
                              vigie_platform_get_display_name (c->platform),
                              c->author_name ? c->author_name : _("(unknown author)"),
                              c->parent_external_id ? _(" (reply)") : "");
      {
        /* Indent every line of the text */
        g_auto(GStrv) lines = g_strsplit (c->text, "\n", -1);
        for (guint i = 0; lines[i]; i++)
          g_string_append_printf (out, "    %s\n", lines[i]);
      }
      g_string_append_printf (out, "    [%s]\n\n", id);
      break;
    }
}

/* The posts by row id: their text helps tell off-topic comments, their
 * page the organisation's own replies */
static GHashTable *
load_posts (VigieStore  *store,
            GError     **error)
{
  g_autoptr(GPtrArray) posts = vigie_store_list_posts (store, 0, error);
  GHashTable *by_id;

  if (posts == NULL)
    return NULL;
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                 (GDestroyNotify) vigie_post_unref);
  for (guint i = 0; i < posts->len; i++)
    {
      VigiePost *p = g_ptr_array_index (posts, i);
      g_hash_table_insert (by_id, &p->id, vigie_post_ref (p));
    }
  return by_id;
}

/* Comments are classified in windows of this many, so near-duplicates are
 * found across a whole import of ordinary size without holding a huge
 * workspace in memory */
#define CLASSIFY_WINDOW 16384

static gboolean
print_comments (VigieStore       *store,
                OutputFormat      format,
                VigieClassifier  *classifier,
                GError          **error)
{
  VigieQuery query = { .sort = VIGIE_SORT_OLDEST };
  g_autoptr(GArray) ids = vigie_store_query_ids (store, &query, NULL, error);
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  g_autoptr(GHashTable) posts = NULL;
  guint window = classifier != NULL ? CLASSIFY_WINDOW : 256;

  if (ids == NULL)
    return FALSE;
  if (classifier != NULL)
    {
      posts = load_posts (store, error);
      if (posts == NULL)
        return FALSE;
    }

  if (format == OUTPUT_CSV)
    fputs ("id,platform,post_id,parent_id,author_id,author,created,text,permalink\r\n", stdout);

  for (guint i = 0; i < ids->len; i += window)
    {
      guint n = MIN (window, ids->len - i);
      g_autoptr(GPtrArray) comments = vigie_store_get_comments (store,
                                                                &g_array_index (ids, gint64, i),
                                                                n, error);
      g_autoptr(GPtrArray) results = NULL;

      if (comments == NULL)
        return FALSE;
      if (classifier != NULL)
        {
          results = vigie_classifier_classify_comments (classifier, comments, posts, NULL,
                                                        error);
          if (results == NULL || !vigie_store_save_classifications (store, comments, results,
                                                                    error))
            return FALSE;
        }
      for (guint j = 0; j < comments->len; j++)
        {
          write_comment (out, format, g_ptr_array_index (comments, j),
                         results ? g_ptr_array_index (results, j) : NULL);
          if (out->len >= (1 << 16) || j + 1 == comments->len)
            {
              if (fwrite (out->str, 1, out->len, stdout) != out->len)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the output"));
                  return FALSE;
                }
              g_string_truncate (out, 0);
            }
        }
    }
  return fflush (stdout) == 0;
}

static VigieClassifier *
load_classifier (const char  *policy_path,
                 GError     **error)
{
  g_autoptr(VigiePolicy) policy = NULL;

  if (policy_path != NULL)
    policy = vigie_policy_new_from_file (policy_path, error);
  else
    policy = vigie_policy_new_default (error);
  if (policy == NULL)
    return NULL;
  return vigie_classifier_new (policy, NULL, error);
}

static gboolean
flush_output (GString *out)
{
  if (out->len > 0 && fwrite (out->str, 1, out->len, stdout) != out->len)
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

static void
classify_line (VigieClassifier *classifier,
               GString         *out,
               guint64          number,
               char            *line,
               gsize            len)
{
  if (len > 0 && line[len - 1] == '\r')
    line[--len] = '\0';

  g_string_append_printf (out, "{\"line\":%" G_GUINT64_FORMAT ",\"text\":", number);
  if (!g_utf8_validate_len (line, len, NULL) || memchr (line, '\0', len) != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (line, len);
      /* Translators: %llu is a line number of the input */
      g_printerr (_("vigie-scan: line %llu: not valid UTF-8\n"), (unsigned long long) number);
      append_json_string (out, valid);
      g_string_append (out, ",\"error\":");
      append_json_string (out, "invalid UTF-8");
      g_string_append (out, ",\"lang\":null,\"flags\":[],\"action\":\"none\",\"urgent\":false}\n");
      return;
    }
  {
    g_autoptr(VigieClassification) result = NULL;
    append_json_string (out, line);
    result = vigie_classifier_classify (classifier, line, len, NULL);
    vigie_classification_append_json (result, out, TRUE);
    g_string_append (out, "}\n");
  }
}

/* --lines: one comment a line on standard input, one JSON object a line out */
static int
scan_lines (const char *policy_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieClassifier) classifier = load_classifier (policy_path, &error);
  g_autoptr(GString) out = NULL;
  g_autoptr(GByteArray) pending = NULL;
  g_autofree char *buffer = NULL;
  guint64 number = 0;
  gsize n;

  if (classifier == NULL)
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  out = g_string_sized_new (1 << 17);
  pending = g_byte_array_new ();
  buffer = g_malloc (1 << 16);
  while ((n = fread (buffer, 1, 1 << 16, stdin)) > 0)
    {
      char *p = buffer, *end = buffer + n;
      while (p < end)
        {
          char *nl = memchr (p, '\n', end - p);
          if (nl == NULL)
            {
              g_byte_array_append (pending, (guint8 *) p, end - p);
              break;
            }
          number++;
          if (pending->len > 0)
            {
              g_byte_array_append (pending, (guint8 *) p, nl - p);
              g_byte_array_append (pending, (guint8 *) "", 1);
              classify_line (classifier, out, number, (char *) pending->data, pending->len - 1);
              g_byte_array_set_size (pending, 0);
            }
          else
            {
              *nl = '\0';
              classify_line (classifier, out, number, p, nl - p);
            }
          p = nl + 1;
          if (out->len >= (1 << 16) && !flush_output (out))
            {
              g_printerr ("vigie-scan: %s\n", _("Cannot write the output"));
              return EXIT_FAILURE_OTHER;
            }
        }
    }
  if (ferror (stdin))
    {
      g_printerr ("vigie-scan: %s\n", _("Cannot read the standard input"));
      return EXIT_FAILURE_OTHER;
    }
  if (pending->len > 0)
    {
      number++;
      g_byte_array_append (pending, (guint8 *) "", 1);
      classify_line (classifier, out, number, (char *) pending->data, pending->len - 1);
    }
  if (!flush_output (out) || fflush (stdout) != 0)
    {
      g_printerr ("vigie-scan: %s\n", _("Cannot write the output"));
      return EXIT_FAILURE_OTHER;
    }
  return EXIT_OK;
}

static void
remove_temporary_workspace (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *policy_path = NULL;
  g_autoptr(VigieClassifier) classifier = NULL;
  g_auto(GStrv) files = NULL;
  gboolean lines = FALSE;
  gboolean version = FALSE;
  gboolean quiet = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = NULL;
  VigieImportStats stats = { 0 };
  OutputFormat format = OUTPUT_TEXT;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Workspace file to import into (default: a temporary one)"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
      N_("Output format: text, jsonl or csv"), N_("FORMAT") },
    { "lines", 0, 0, G_OPTION_ARG_NONE, &lines,
      N_("Classify standard input, one comment a line, and print one JSON object a line"), NULL },
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &policy_path,
      N_("Moderation policy file (default: the built-in CISSS and IUCPQ policy)"), N_("FILE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print no summary on standard error"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE|FOLDER…") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("FILE|FOLDER… — import comment files and print the comments"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Reads Facebook, Instagram and YouTube API responses saved as JSON, CSV exports and "
      "“Download your information” files, stores them in a workspace, and prints every "
      "comment of the workspace.\n\n"
      "Exit status: 0 on success, 2 on bad input (the error on standard error)."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  if (version)
    {
      g_print ("vigie-scan %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (output == NULL || g_str_equal (output, "text"))
    format = OUTPUT_TEXT;
  else if (g_str_equal (output, "jsonl"))
    format = OUTPUT_JSONL;
  else if (g_str_equal (output, "csv"))
    format = OUTPUT_CSV;
  else
    {
      g_printerr ("vigie-scan: %s\n", _("--output must be text, jsonl or csv"));
      return EXIT_BAD_INPUT;
    }

  if (lines)
    {
      if (format != OUTPUT_JSONL && output != NULL)
        {
          g_printerr ("vigie-scan: %s\n", _("--lines writes jsonl only"));
          return EXIT_BAD_INPUT;
        }
      if (files != NULL && files[0] != NULL)
        {
          g_printerr ("vigie-scan: %s\n", _("--lines reads standard input, not files"));
          return EXIT_BAD_INPUT;
        }
      return scan_lines (policy_path);
    }

  if (format == OUTPUT_JSONL)
    {
      classifier = load_classifier (policy_path, &error);
      if (classifier == NULL)
        {
          g_printerr ("vigie-scan: %s\n", error->message);
          return EXIT_BAD_INPUT;
        }
    }

  if (db_path == NULL && (files == NULL || files[0] == NULL))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return EXIT_BAD_INPUT;
    }

  if (db_path == NULL)
    {
      temp_dir = g_dir_make_tmp ("vigie-scan-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          g_printerr ("vigie-scan: %s\n", error->message);
          return EXIT_FAILURE_OTHER;
        }
      db_path = g_build_filename (temp_dir, "workspace.vigie", NULL);
    }

  store = vigie_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      status = EXIT_BAD_INPUT;
      goto out;
    }

  if (files != NULL && files[0] != NULL)
    {
      if (!vigie_import_files (store, (const char * const *) files, NULL, NULL, NULL, &stats,
                               &error))
        {
          g_printerr ("vigie-scan: %s\n", error->message);
          status = g_error_matches (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_STORE)
                   ? EXIT_FAILURE_OTHER : EXIT_BAD_INPUT;
          goto out;
        }
      if (!quiet)
        {
          g_autofree char *n_files = g_strdup_printf (ngettext ("%u file", "%u files",
                                                                stats.n_files),
                                                      stats.n_files);
          /* Translators: the first %s is "3 files" */
          g_printerr (_("%s: %llu comments read, %llu new, %llu updated, %llu unchanged\n"),
                      n_files, (unsigned long long) stats.n_comments,
                      (unsigned long long) stats.n_inserted, (unsigned long long) stats.n_updated,
                      (unsigned long long) stats.n_unchanged);
        }
    }

  if (!print_comments (store, format, classifier, &error))
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      status = EXIT_FAILURE_OTHER;
    }

out:
  g_clear_object (&store);
  if (temp_dir != NULL)
    remove_temporary_workspace (temp_dir);
  return status;
}
