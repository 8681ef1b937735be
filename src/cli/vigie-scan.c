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
write_comment (GString            *out,
               OutputFormat        format,
               const VigieComment *c)
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

static gboolean
print_comments (VigieStore    *store,
                OutputFormat   format,
                GError       **error)
{
  VigieQuery query = { .sort = VIGIE_SORT_OLDEST };
  g_autoptr(GArray) ids = vigie_store_query_ids (store, &query, NULL, error);
  g_autoptr(GString) out = g_string_sized_new (1 << 16);

  if (ids == NULL)
    return FALSE;

  if (format == OUTPUT_CSV)
    fputs ("id,platform,post_id,parent_id,author_id,author,created,text,permalink\r\n", stdout);

  for (guint i = 0; i < ids->len; i += 256)
    {
      guint n = MIN (256, ids->len - i);
      g_autoptr(GPtrArray) comments = vigie_store_get_comments (store,
                                                                &g_array_index (ids, gint64, i),
                                                                n, error);
      if (comments == NULL)
        return FALSE;
      for (guint j = 0; j < comments->len; j++)
        write_comment (out, format, g_ptr_array_index (comments, j));
      if (fwrite (out->str, 1, out->len, stdout) != out->len)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the output"));
          return FALSE;
        }
      g_string_truncate (out, 0);
    }
  return fflush (stdout) == 0;
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
  g_auto(GStrv) files = NULL;
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

  if (!print_comments (store, format, &error))
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
