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

#include "vigie-account.h"
#include "vigie-action-private.h"
#include "vigie-audit.h"
#include "vigie-classifier.h"
#include "vigie-http.h"
#include "vigie-import.h"
#include "vigie-outbox.h"
#include "vigie-report.h"
#include "vigie-secrets.h"
#include "vigie-store.h"
#include "vigie-sync.h"
#include "vigie-templates.h"

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
      vigie_append_json_string (out, id);
      g_string_append (out, ",\"platform\":");
      vigie_append_json_string (out, vigie_platform_to_string (c->platform));
      g_string_append (out, ",\"external_id\":");
      vigie_append_json_string (out, c->external_id);
      g_string_append (out, ",\"post_id\":");
      vigie_append_json_string (out, post_id);
      g_string_append (out, ",\"parent_id\":");
      vigie_append_json_string (out, parent_id);
      g_string_append (out, ",\"author_id\":");
      vigie_append_json_string (out, author_id);
      g_string_append (out, ",\"author\":");
      vigie_append_json_string (out, c->author_name);
      g_string_append (out, ",\"created\":");
      vigie_append_json_string (out, created);
      g_string_append (out, ",\"text\":");
      vigie_append_json_string (out, c->text);
      g_string_append (out, ",\"permalink\":");
      vigie_append_json_string (out, c->permalink);
      g_string_append (out, ",\"lang\":");
      vigie_append_json_string (out, c->language);
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
      posts = vigie_store_map_posts (store, NULL, error);
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

/* g_utf8_validate_len(), the ASCII at the start skipped eight bytes at a
 * time (a byte with its high bit set or a NUL stops the skip) */
static gboolean
utf8_valid (const char *line,
            gsize       len)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 x;
      memcpy (&x, line + i, 8);
      if (((x | ((x - ones) & ~x)) & (ones * 0x80)) != 0)
        break;
    }
  return g_utf8_validate_len (line + i, len - i, NULL);
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

  {
    /* Decimal digits without printf(): once per comment */
    char digits[20];
    guint n = 0;
    guint64 v = number;
    do
      {
        digits[sizeof digits - ++n] = '0' + v % 10;
        v /= 10;
      }
    while (v != 0);
    vigie_string_put (out, "{\"line\":", 8);
    vigie_string_put (out, digits + sizeof digits - n, n);
    vigie_string_put (out, ",\"text\":", 8);
  }
  if (!utf8_valid (line, len) || memchr (line, '\0', len) != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (line, len);
      /* Translators: %llu is a line number of the input */
      g_printerr (_("vigie-scan: line %llu: not valid UTF-8\n"), (unsigned long long) number);
      vigie_append_json_string (out, valid);
      g_string_append (out, ",\"error\":");
      vigie_append_json_string (out, "invalid UTF-8");
      g_string_append (out, ",\"lang\":null,\"flags\":[],\"action\":\"none\",\"urgent\":false}\n");
      return;
    }
  {
    g_autoptr(VigieClassification) result = NULL;
    vigie_append_json_string_len (out, line, line + len);
    result = vigie_classifier_classify (classifier, line, len, NULL);
    vigie_classification_append_json (result, out, TRUE);
    vigie_string_put (out, "}\n", 2);
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

/* --apply: one action through the workspace's connector, as the
 * application does it (outbox, evidence, audit), without a grace period */
typedef struct
{
  const char  *kind;
  const char  *comment;
  const char  *template_id;
  const char  *note;
  const char  *text;
  const char  *lang;
  const char  *actor;
  const char  *role;
  const char  *correction;
  char       **categories;
} ApplyOptions;

/* "platform:external_id" as printed by --output jsonl, or a row id */
static VigieComment *
find_comment (VigieStore  *store,
              const char  *id,
              GError     **error)
{
  const char *colon = strchr (id, ':');
  char *end = NULL;
  gint64 row_id;

  if (colon != NULL)
    {
      g_autofree char *platform_name = g_strndup (id, colon - id);
      VigiePlatform platform = vigie_platform_from_string (platform_name);

      if (platform == VIGIE_PLATFORM_UNKNOWN && !g_str_equal (platform_name, "unknown"))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a comment id: expected platform:id, such as "
                         "facebook:123_456, or a row number."), id);
          return NULL;
        }
      return vigie_store_find_comment (store, platform, colon + 1, error);
    }
  row_id = g_ascii_strtoll (id, &end, 10);
  if (end == id || *end != '\0' || row_id <= 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a comment id: expected platform:id, such as "
                     "facebook:123_456, or a row number."), id);
      return NULL;
    }
  return vigie_store_get_comment (store, row_id, error);
}

static char *
fill_template (VigieStore          *store,
               const VigieComment  *comment,
               const ApplyOptions  *o,
               const char          *lang,
               GError             **error)
{
  g_autoptr(VigieTemplates) templates = vigie_templates_new_default (error);
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(VigieClassification) classification = NULL;
  g_autoptr(GStrvBuilder) clauses = g_strv_builder_new ();
  g_auto(GStrv) clause_list = NULL;

  if (templates == NULL || !vigie_templates_load_overrides (templates, store, error))
    return NULL;
  classification = vigie_store_get_classification (store, comment->id, NULL);
  for (guint i = 0; classification != NULL && i < classification->flags->len; i++)
    {
      const VigieFlag *f = &g_array_index (classification->flags, VigieFlag, i);
      if (f->clause != NULL && (o->categories == NULL ||
                                g_strv_contains ((const char * const *) o->categories,
                                                 f->category)))
        g_strv_builder_add (clauses, f->clause);
    }
  clause_list = g_strv_builder_end (clauses);
  values = vigie_templates_collect_values (store, comment, (const char * const *) clause_list,
                                           lang);
  if (o->note != NULL)
    g_hash_table_insert (values, g_strdup ("details"), g_strdup (o->note));
  return vigie_templates_fill (templates, o->template_id, lang, values, error);
}

static void
print_action (const VigieAction *action)
{
  g_autoptr(GString) out = g_string_new ("{\"action\":");

  g_string_append_printf (out, "%" G_GINT64_FORMAT ",\"kind\":", action->id);
  vigie_append_json_string (out, vigie_action_kind_to_string (action->kind));
  g_string_append (out, ",\"comment\":");
  vigie_append_json_string (out, action->comment_ref);
  g_string_append (out, ",\"status\":");
  vigie_append_json_string (out, vigie_action_status_to_string (action->status));
  g_string_append (out, ",\"result\":");
  vigie_append_json_string (out, action->result_ref);
  g_string_append (out, ",\"evidence_sha256\":");
  vigie_append_json_string (out, action->evidence_sha256);
  if (action->approval != VIGIE_APPROVAL_NONE)
    {
      g_string_append (out, ",\"approval\":");
      vigie_append_json_string (out, vigie_approval_to_string (action->approval));
      g_string_append (out, ",\"actor\":");
      vigie_append_json_string (out, action->actor_name);
      g_string_append (out, ",\"role\":");
      vigie_append_json_string (out, action->actor_role);
      g_string_append (out, ",\"categories\":");
      {
        g_autofree char *json = _vigie_strv_to_json ((const char * const *) action->categories);
        g_string_append (out, json);
      }
      g_string_append (out, ",\"text\":");
      vigie_append_json_string (out, action->text);
      g_string_append (out, ",\"note\":");
      vigie_append_json_string (out, action->note);
      g_string_append (out, ",\"decided_by\":");
      vigie_append_json_string (out, action->decided_by);
      g_string_append (out, ",\"decision_note\":");
      vigie_append_json_string (out, action->decision_note);
    }
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
}

static char *
default_actor (const char *actor)
{
  /* GLib says "Unknown" when the account has no real name */
  if (actor != NULL)
    return g_strdup (actor);
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    return g_strdup (g_get_real_name ());
  return g_strdup (g_get_user_name ());
}

static VigieOutbox *
open_outbox (VigieStore  *store,
             const char  *policy_path,
             GError     **error)
{
  g_autoptr(VigieConnector) connector = NULL;
  g_autoptr(VigiePolicy) policy = NULL;
  VigieOutbox *outbox;

  policy = policy_path ? vigie_policy_new_from_file (policy_path, error)
                       : vigie_policy_new_default (error);
  if (policy == NULL)
    return NULL;
  connector = vigie_connector_new_for_store (store, error);
  if (connector == NULL)
    return NULL;
  outbox = vigie_outbox_new (store, connector);
  vigie_outbox_set_policy (outbox, policy);
  /* A script's decision is final: no grace period */
  vigie_outbox_set_grace_period (outbox, 0);
  return outbox;
}

/* --approve ID [--text …] [--note …], --reject ID --note …, --list-proposals */
typedef struct
{
  const char *approve;
  const char *reject;
  gboolean    list;
  const char *text;
  const char *note;
  const char *actor;
  const char *role;
} DecideOptions;

/* Sends what is due in the outbox, then reads action @id as it is now;
 * NULL once the error is printed */
static VigieAction *
process_and_get (VigieOutbox *outbox,
                 gint64       id)
{
  g_autoptr(GError) error = NULL;
  VigieAction *action;

  if (!vigie_outbox_process_sync (outbox, NULL, NULL, &error))
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return NULL;
    }
  action = vigie_outbox_get_action (outbox, id, &error);
  if (action == NULL)
    g_printerr ("vigie-scan: %s\n", error->message);
  return action;
}

/* Opens the workspace @db_path, which must pass @test; NULL once the
 * error is printed */
static VigieStore *
open_workspace (const char *db_path,
                GFileTest   test)
{
  g_autoptr(GError) error = NULL;
  VigieStore *store;

  if (!g_file_test (db_path, test))
    {
      g_printerr (_("vigie-scan: no workspace “%s”\n"), db_path);
      return NULL;
    }
  store = vigie_store_open (db_path, &error);
  if (store == NULL)
    g_printerr ("vigie-scan: %s\n", error->message);
  return store;
}

static int
decide_command (VigieStore          *store,
                const DecideOptions *o,
                const char          *policy_path,
                gboolean             quiet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieOutbox) outbox = open_outbox (store, policy_path, &error);
  g_autoptr(VigieAction) action = NULL;
  g_autofree char *actor = default_actor (o->actor);
  const char *spec = o->approve ? o->approve : o->reject;
  gint64 id;
  char *end = NULL;
  gboolean ok;

  if (outbox == NULL)
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  if (o->list)
    {
      g_autoptr(GPtrArray) awaiting = vigie_outbox_list_awaiting (outbox, &error);

      if (awaiting == NULL)
        {
          g_printerr ("vigie-scan: %s\n", error->message);
          return EXIT_FAILURE_OTHER;
        }
      for (guint i = 0; i < awaiting->len; i++)
        print_action (g_ptr_array_index (awaiting, i));
      if (!quiet)
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u action awaits the director\n",
                                 "%u actions await the director\n", awaiting->len),
                    awaiting->len);
      return EXIT_OK;
    }

  id = g_ascii_strtoll (spec, &end, 10);
  if (end == spec || *end != '\0' || id <= 0)
    {
      g_printerr (_("vigie-scan: “%s” is not an action number (see --list-proposals)\n"), spec);
      return EXIT_BAD_INPUT;
    }
  if (o->approve != NULL)
    ok = vigie_outbox_approve (outbox, id, o->text, o->note, actor, o->role, &error);
  else
    ok = vigie_outbox_reject (outbox, id, o->note, actor, o->role, &error);
  if (!ok)
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  /* An approved proposal goes out now, with what else is due */
  action = process_and_get (outbox, id);
  if (action == NULL)
    return EXIT_FAILURE_OTHER;
  print_action (action);
  if (!quiet)
    {
      if (o->approve != NULL)
        g_printerr (_("vigie-scan: action %lld (%s) approved: %s\n"), (long long) action->id,
                    vigie_action_kind_to_string (action->kind),
                    vigie_action_status_get_label (action->status));
      else
        g_printerr (_("vigie-scan: action %lld (%s) rejected\n"), (long long) action->id,
                    vigie_action_kind_to_string (action->kind));
    }
  return EXIT_OK;
}

static int
apply_action (VigieStore         *store,
              const ApplyOptions *o,
              const char         *policy_path,
              gboolean            quiet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) comment = NULL;
  g_autoptr(VigieOutbox) outbox = NULL;
  g_autoptr(VigieAction) action = NULL;
  g_autoptr(VigieClassification) classification = NULL;
  g_autofree char *text = NULL;
  g_autofree char *actor = NULL;
  VigieActionRequest request = { 0 };
  VigieActionKind kind;

  if (!vigie_action_kind_from_string (o->kind, &kind) || kind == VIGIE_ACTION_RETRACT_REPLY ||
      kind == VIGIE_ACTION_REOPEN)
    {
      g_printerr (_("vigie-scan: unknown action “%s”; the actions are hide, unhide, remove, "
                    "ban, unban, reply, private_reply, escalate, keep and "
                    "correct_classification\n"), o->kind);
      return EXIT_BAD_INPUT;
    }
  if (o->comment == NULL)
    {
      g_printerr ("vigie-scan: %s\n", _("--apply needs --comment ID"));
      return EXIT_BAD_INPUT;
    }
  comment = find_comment (store, o->comment, &error);
  if (comment == NULL)
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  request.kind = kind;
  request.comment_id = comment->id;
  request.categories = (const char * const *) o->categories;
  actor = default_actor (o->actor);
  request.actor_name = actor;
  request.actor_role = o->role;
  request.note = o->note;
  request.correction = vigie_correction_from_string (o->correction);
  if (o->correction != NULL && request.correction == VIGIE_CORRECTION_NONE)
    {
      g_printerr ("vigie-scan: %s\n", _("--correction must be wrong or missed"));
      return EXIT_BAD_INPUT;
    }
  if (o->lang != NULL && g_strcmp0 (o->lang, "fr") != 0 && g_strcmp0 (o->lang, "en") != 0)
    {
      g_printerr ("vigie-scan: %s\n", _("--lang must be fr or en"));
      return EXIT_BAD_INPUT;
    }

  if (vigie_action_kind_needs_text (kind))
    {
      classification = vigie_store_get_classification (store, comment->id, NULL);
      request.lang = o->lang ? o->lang
                     : vigie_template_pick_language (comment->language,
                                                     classification ? classification->lang : NULL);
      if (o->text != NULL)
        text = g_strdup (o->text);
      else if (o->template_id != NULL)
        {
          text = fill_template (store, comment, o, request.lang, &error);
          if (text == NULL)
            {
              g_printerr ("vigie-scan: %s\n", error->message);
              return EXIT_BAD_INPUT;
            }
          /* The note filled {details}; it is not a note of the action */
          request.note = NULL;
        }
      else
        {
          g_printerr ("vigie-scan: %s\n", _("a reply needs --template NAME or --text TEXT"));
          return EXIT_BAD_INPUT;
        }
      request.template_id = o->template_id;
      request.text = text;
    }
  else if (o->template_id != NULL || o->text != NULL)
    {
      g_printerr ("vigie-scan: %s\n", _("--template and --text go with reply and private_reply"));
      return EXIT_BAD_INPUT;
    }

  outbox = open_outbox (store, policy_path, &error);
  if (outbox == NULL)
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  request.comment_id = comment->id;
  {
    gint64 id = vigie_outbox_enqueue (outbox, &request, &error);

    if (id == 0)
      {
        g_printerr ("vigie-scan: %s\n", error->message);
        return EXIT_BAD_INPUT;
      }
    /* Actions left pending by an earlier run go out too, as at the
     * application's start */
    action = process_and_get (outbox, id);
    if (action == NULL)
      return EXIT_FAILURE_OTHER;
  }

  print_action (action);
  if (action->status == VIGIE_ACTION_STATUS_PROPOSED)
    {
      if (!quiet)
        g_printerr (_("vigie-scan: action %lld (%s) needs the director’s approval: it became a "
                      "proposal, executed once approved (vigie-scan --approve %lld --role "
                      "director)\n"),
                    (long long) action->id, vigie_action_kind_to_string (action->kind),
                    (long long) action->id);
      return EXIT_OK;
    }
  if (action->status == VIGIE_ACTION_STATUS_APPLIED)
    {
      if (!quiet)
        g_printerr ("%s: %s\n", vigie_action_kind_get_done_label (action->kind, action->platform),
                    action->comment_ref);
      return EXIT_OK;
    }
  if (action->status == VIGIE_ACTION_STATUS_PENDING)
    /* Translators: %lld is an action number, the last %s the platform's error */
    g_printerr (_("vigie-scan: action %lld (%s) is not applied yet: %s; it stays in the outbox "
                  "and will be tried again.\n"),
                (long long) action->id, vigie_action_kind_to_string (action->kind),
                action->last_error ? action->last_error : "");
  else
    g_printerr (_("vigie-scan: action %lld (%s) failed: %s\n"), (long long) action->id,
                vigie_action_kind_to_string (action->kind),
                action->last_error ? action->last_error : "");
  return EXIT_BAD_INPUT;
}

/* --set organisation.name=…: the settings the reply templates read */
static gboolean
set_settings (const char         *db_path,
              const char * const *values)
{
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (db_path == NULL)
    {
      g_printerr ("vigie-scan: %s\n", _("--set changes a workspace: give --db FILE"));
      return FALSE;
    }
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *eq = strchr (values[i], '=');
      g_autofree char *key = eq ? g_strndup (values[i], eq - values[i]) : NULL;

      if (key == NULL || !g_str_has_prefix (key, "organisation.") || key[13] == '\0' ||
          strspn (key, "abcdefghijklmnopqrstuvwxyz_.") != strlen (key))
        {
          g_printerr (_("vigie-scan: “%s” is not an organisation setting: write "
                        "organisation.name=VALUE\n"), values[i]);
          return FALSE;
        }
      if (!g_utf8_validate (eq + 1, -1, NULL))
        {
          g_printerr (_("vigie-scan: the value of “%s” is not valid UTF-8\n"), key);
          return FALSE;
        }
      if (store == NULL && (store = vigie_store_open (db_path, &error)) == NULL)
        {
          g_printerr ("vigie-scan: %s\n", error->message);
          return FALSE;
        }
      if (!vigie_store_set_setting (store, key, eq + 1, &error))
        {
          g_printerr ("vigie-scan: %s\n", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static int
verify_audit (VigieStore *store,
              gboolean    quiet)
{
  g_auto(VigieAuditVerification) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (!vigie_audit_verify (store, &result, NULL, &error))
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_FAILURE_OTHER;
    }
  if (!result.intact)
    {
      if (result.first_broken_id > 0)
        /* Translators: %lld is the number of an entry of the audit trail */
        g_printerr (_("vigie-scan: the audit trail was tampered with; first broken entry: %lld. "
                      "%s\n"), (long long) result.first_broken_id, result.reason);
      else
        g_printerr (_("vigie-scan: the audit trail was tampered with: %s\n"), result.reason);
      return EXIT_BAD_INPUT;
    }
  if (!quiet)
    g_printerr (ngettext ("The audit trail is intact: %lld entry checked.\n",
                          "The audit trail is intact: %lld entries checked.\n",
                          (gulong) result.n_entries),
                (long long) result.n_entries);
  return EXIT_OK;
}

/* Accounts and sync */

typedef struct
{
  char     *add_platform;
  char     *account_id;
  char     *account_name;
  char     *api_base;
  gboolean  list;
  char     *remove_id;
  gboolean  sync;
  char     *sync_id;
} AccountOptions;

static gboolean
sync_option_cb (const char  *name,
                const char  *value,
                gpointer     data,
                GError     **error)
{
  AccountOptions *o = data;

  o->sync = TRUE;
  g_free (o->sync_id);
  o->sync_id = g_strdup (value);
  return TRUE;
}

/* The token, from standard input: never from the command line, where
 * other users and the shell history would see it */
static char *
read_token (GError **error)
{
  g_autoptr(GString) token = g_string_new (NULL);
  char buffer[4096];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_string_append_len (token, buffer, n);
      if (token->len > 64 * 1024)
        break;
    }
  g_strstrip (token->str);
  token->len = strlen (token->str);
  if (token->len == 0 || token->len > 64 * 1024 || strpbrk (token->str, " \t\r\n") != NULL)
    {
      memset (token->str, 0, token->len);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                   _("Give the account’s access token on standard input, alone on one line"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&token), FALSE);
}

static VigieAccount *
find_account (VigieStore  *store,
              const char  *id,
              GError     **error)
{
  return vigie_account_get (store, 0, VIGIE_PLATFORM_UNKNOWN, id, error);
}

static char *
format_unix_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0)
    return g_strdup (_("never"));
  dt = g_date_time_new_from_unix_local (t);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static int
accounts_command (const char     *db_path,
                  AccountOptions *o,
                  const char     *policy_path,
                  gboolean        quiet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = NULL;

  if (db_path == NULL)
    {
      g_printerr ("vigie-scan: %s\n",
                  _("--add-account, --list-accounts, --remove-account and --sync work on a "
                    "workspace: give --db FILE"));
      return EXIT_BAD_INPUT;
    }
  if (o->add_platform == NULL && !g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("vigie-scan: no workspace “%s”\n"), db_path);
      return EXIT_BAD_INPUT;
    }
  store = vigie_store_open (db_path, &error);
  if (store == NULL)
    goto fail;

  if (o->add_platform != NULL)
    {
      VigiePlatform platform = vigie_platform_from_string (o->add_platform);
      g_autoptr(VigieAccount) account = NULL;
      g_autofree char *token = NULL;
      g_autofree char *label = NULL;

      if (platform == VIGIE_PLATFORM_UNKNOWN || o->account_id == NULL ||
          o->account_id[0] == '\0')
        {
          g_printerr ("vigie-scan: %s\n",
                      _("--add-account needs facebook, instagram or youtube, and --account-id "
                        "with the id of the page, Instagram account or channel"));
          return EXIT_BAD_INPUT;
        }
      if ((o->api_base != NULL && !vigie_http_check_base_url (o->api_base, &error)) ||
          !vigie_secrets_check (NULL, &error) ||
          (token = read_token (&error)) == NULL)
        goto fail;
      label = g_strdup_printf (_("Vigie: %s access token for %s"),
                               vigie_platform_get_display_name (platform), o->account_id);
      if (!vigie_secrets_store_token (vigie_platform_to_string (platform), o->account_id, label,
                                      token, NULL, &error))
        {
          memset (token, 0, strlen (token));
          goto fail;
        }
      memset (token, 0, strlen (token));
      account = vigie_account_add (store, platform, o->account_id, o->account_name, o->api_base,
                                   NULL, &error);
      if (account == NULL)
        goto fail;
      if (!quiet)
        g_printerr (_("Account added: %s %s\n"), vigie_platform_get_display_name (platform),
                    account->external_id);
    }

  if (o->remove_id != NULL)
    {
      g_autoptr(VigieAccount) account = find_account (store, o->remove_id, &error);

      if (account == NULL)
        goto fail;
      /* The token first: an account the workspace forgot must not leave it behind */
      if (!vigie_secrets_clear_token (vigie_platform_to_string (account->platform),
                                      account->external_id, NULL, &error) ||
          !vigie_account_remove (store, account->id, &error))
        goto fail;
      if (!quiet)
        g_printerr (_("Account removed: %s %s\n"),
                    vigie_platform_get_display_name (account->platform), account->external_id);
    }

  if (o->list)
    {
      g_autoptr(GPtrArray) accounts = vigie_account_list (store, &error);

      if (accounts == NULL)
        goto fail;
      for (guint i = 0; i < accounts->len; i++)
        {
          VigieAccount *a = g_ptr_array_index (accounts, i);
          g_autofree char *last = format_unix_time (a->last_sync);

          g_print ("%s\t%s\t%s\t%s\t%s%s%s\n", vigie_platform_to_string (a->platform),
                   a->external_id, a->name ? a->name : "", last,
                   vigie_account_status_to_string (a->status), a->last_error ? "\t" : "",
                   a->last_error ? a->last_error : "");
        }
    }

  if (o->sync)
    {
      g_autoptr(VigieClassifier) classifier = load_classifier (policy_path, &error);
      g_autoptr(VigieSync) sync = NULL;
      g_autoptr(VigieAccount) account = NULL;
      VigieSyncStats stats = { 0 };
      gboolean ok;

      if (classifier == NULL)
        goto fail;
      if (o->sync_id != NULL && (account = find_account (store, o->sync_id, &error)) == NULL)
        goto fail;
      sync = vigie_sync_new (store, classifier);
      ok = vigie_sync_run (sync, account ? account->id : 0, NULL, &stats, &error);
      if (!quiet)
        {
          g_autofree char *accounts = g_strdup_printf (ngettext ("%u account", "%u accounts",
                                                                 stats.n_accounts),
                                                       stats.n_accounts);
          /* Translators: the first %s is "2 accounts" */
          g_printerr (_("%s synced: %llu comments read, %llu new, %llu updated, %llu flagged "
                        "(%llu urgent), %u requests\n"),
                      accounts, (unsigned long long) stats.n_comments,
                      (unsigned long long) stats.n_inserted,
                      (unsigned long long) stats.n_updated,
                      (unsigned long long) stats.n_flagged,
                      (unsigned long long) stats.n_urgent, stats.n_requests);
        }
      if (!ok)
        goto fail;
    }
  return EXIT_OK;

fail:
  g_printerr ("vigie-scan: %s\n", error->message);
  return EXIT_BAD_INPUT;
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

/* --lang of the reports: fr, en, or NULL for the locale's */
static gboolean
check_report_language (const char *lang)
{
  if (lang != NULL && g_strcmp0 (lang, "fr") != 0 && g_strcmp0 (lang, "en") != 0)
    {
      g_printerr ("vigie-scan: %s\n", _("--lang must be fr or en"));
      return FALSE;
    }
  return TRUE;
}

/* The language of a report (--report or --incident with --lang fr|en),
 * whatever the locale's. Set before the first translated string: GLib decides
 * once, at the first one, whether to translate at all. */
static void
use_report_language (int    argc,
                     char **argv)
{
  const char *lang = NULL;
  gboolean report = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_has_prefix (argv[i], "--report") || g_str_has_prefix (argv[i], "--incident"))
        report = TRUE;
      else if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        lang = argv[i + 1];
      else if (g_str_has_prefix (argv[i], "--lang="))
        lang = argv[i] + strlen ("--lang=");
    }
  if (!report || lang == NULL || (!g_str_equal (lang, "fr") && !g_str_equal (lang, "en")))
    return;
  g_setenv ("LANGUAGE", g_str_equal (lang, "fr") ? "fr_CA:fr" : "en", TRUE);
  /* gettext ignores LANGUAGE in the plain C locale */
  setlocale (LC_ALL, "");
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0 ||
      g_strcmp0 (setlocale (LC_MESSAGES, NULL), "POSIX") == 0)
    setlocale (LC_MESSAGES, "C.UTF-8");
}

/* --incident COMMENT --db FILE --output FILE.pdf [--lang fr|en] */
static int
incident_command (const char *comment_spec,
                  const char *db_path,
                  const char *output,
                  const char *lang,
                  gboolean    other_commands,
                  gboolean    quiet)
{
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(VigieComment) comment = NULL;
  g_autoptr(GError) error = NULL;

  if (other_commands)
    {
      g_printerr ("vigie-scan: %s\n",
                  _("--incident takes no files to import, --lines, --apply or --report"));
      return EXIT_BAD_INPUT;
    }
  if (db_path == NULL || output == NULL)
    {
      g_printerr ("vigie-scan: %s\n",
                  _("--incident needs the workspace (--db FILE) and the PDF to write "
                    "(--output FILE.pdf)"));
      return EXIT_BAD_INPUT;
    }
  if (!check_report_language (lang))
    return EXIT_BAD_INPUT;
  store = open_workspace (db_path, G_FILE_TEST_IS_REGULAR);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  comment = find_comment (store, comment_spec, &error);
  if (comment == NULL)
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (!vigie_report_write_incident_pdf (store, comment->id, output, &error))
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (!quiet)
    g_printerr (_("vigie-scan: report written to %s\n"), output);
  return EXIT_OK;
}

/* --report month=YYYY-MM --db FILE --output FILE.pdf [--lang fr|en] */
static int
report_command (const char *spec,
                const char *db_path,
                const char *output,
                const char *lang,
                gboolean    other_commands,
                gboolean    quiet)
{
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(VigieReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  if (other_commands)
    {
      g_printerr ("vigie-scan: %s\n",
                  _("--report takes no files to import, --lines or --apply"));
      return EXIT_BAD_INPUT;
    }
  if (!g_str_has_prefix (spec, "month=") ||
      !vigie_report_parse_month (spec + strlen ("month="), &start, &end))
    {
      g_printerr ("vigie-scan: %s\n", _("--report must be month=YYYY-MM, such as month=2026-11"));
      return EXIT_BAD_INPUT;
    }
  if (db_path == NULL || output == NULL)
    {
      g_printerr ("vigie-scan: %s\n",
                  _("--report needs the workspace (--db FILE) and the PDF to write "
                    "(--output FILE.pdf)"));
      return EXIT_BAD_INPUT;
    }
  if (!check_report_language (lang))
    return EXIT_BAD_INPUT;
  store = open_workspace (db_path, G_FILE_TEST_IS_REGULAR);
  if (store == NULL)
    return EXIT_BAD_INPUT;
  report = vigie_report_compute (store, start, end, &error);
  if (report == NULL || !vigie_report_write_pdf (report, output, &error))
    {
      g_printerr ("vigie-scan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (!quiet)
    g_printerr (_("vigie-scan: report written to %s\n"), output);
  return EXIT_OK;
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
  gboolean verify = FALSE;
  g_autofree char *apply_kind = NULL;
  g_autofree char *report_spec = NULL;
  g_autofree char *incident_spec = NULL;
  g_autofree char *apply_comment = NULL;
  g_autofree char *apply_template = NULL;
  g_autofree char *apply_note = NULL;
  g_autofree char *apply_text = NULL;
  g_autofree char *apply_lang = NULL;
  g_autofree char *apply_actor = NULL;
  g_autofree char *apply_role = NULL;
  g_autofree char *apply_correction = NULL;
  g_autofree char *approve_id = NULL;
  g_autofree char *reject_id = NULL;
  gboolean list_proposals = FALSE;
  g_auto(GStrv) apply_categories = NULL;
  gboolean version = FALSE;
  gboolean quiet = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = NULL;
  VigieImportStats stats = { 0 };
  OutputFormat format = OUTPUT_TEXT;
  int status = EXIT_OK;
  g_auto(GStrv) set_values = NULL;
  AccountOptions accounts = { 0 };
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
    { "apply", 0, 0, G_OPTION_ARG_STRING, &apply_kind,
      N_("Apply a moderation action to the comment given by --comment, through the workspace’s "
         "connector (hide, unhide, remove, ban, unban, reply, private_reply, escalate, keep, "
         "correct_classification)"), N_("ACTION") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &apply_comment,
      N_("The comment to act on: its id as --output jsonl prints it (facebook:123_456), or its "
         "row number"), N_("ID") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &apply_template,
      N_("Reply with this template (removed, private_channel, complaint, correction, distress, "
         "thanks, offtopic, spam)"), N_("NAME") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &apply_text,
      N_("Reply with this text instead of a template"), N_("TEXT") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &apply_lang,
      N_("Language of the reply, or of the report: fr or en (default: the comment’s, or the "
         "locale’s)"), N_("LANG") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &apply_note,
      N_("The reason to keep a comment, a note for the director, or the {details} of a "
         "template"), N_("TEXT") },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &apply_categories,
      N_("A category the action cites (default: the comment’s flags); repeat for several"),
      N_("ID") },
    { "correction", 0, 0, G_OPTION_ARG_STRING, &apply_correction,
      N_("With correct_classification: wrong (flagged by mistake) or missed"), N_("KIND") },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &apply_actor,
      N_("Who acts, for the audit trail (default: your name)"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &apply_role,
      N_("The actor’s role, for the audit trail and the approvals: delegate, director or "
         "trainer"), N_("ROLE") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set_values,
      N_("Set an organisation setting of the workspace that replies use, such as "
         "organisation.name=VALUE (name, complaints_office, phone, url, email, policy_url; "
         "a .en suffix for English); repeat for several"), N_("KEY=VALUE") },
    { "add-account", 0, 0, G_OPTION_ARG_STRING, &accounts.add_platform,
      N_("Add a live account to the workspace (facebook, instagram or youtube); its access "
         "token is read from standard input and kept in the keyring"), N_("PLATFORM") },
    { "account-id", 0, 0, G_OPTION_ARG_STRING, &accounts.account_id,
      N_("With --add-account: the id of the Facebook Page, Instagram account or YouTube "
         "channel"), N_("ID") },
    { "account-name", 0, 0, G_OPTION_ARG_STRING, &accounts.account_name,
      N_("With --add-account: a name to show for the account"), N_("NAME") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &accounts.api_base,
      N_("With --add-account: the API address (default: the platform’s; https only)"),
      N_("URL") },
    { "list-accounts", 0, 0, G_OPTION_ARG_NONE, &accounts.list,
      N_("List the workspace’s accounts: platform, id, name, last sync, status"), NULL },
    { "remove-account", 0, 0, G_OPTION_ARG_STRING, &accounts.remove_id,
      N_("Remove an account and its token (its comments stay)"), N_("ID") },
    { "sync", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, sync_option_cb,
      N_("Fetch the new comments of one account, or of all, classify them and say what "
         "arrived and what was flagged"), N_("[ID]") },
    { "approve", 0, 0, G_OPTION_ARG_STRING, &approve_id,
      N_("As the director (--role director): approve the proposal or confirm the action "
         "ACTION (with --text, its edited reply; --note, a note)"), N_("ACTION") },
    { "reject", 0, 0, G_OPTION_ARG_STRING, &reject_id,
      N_("As the director: reject the proposal ACTION with --note, the reason given to the "
         "delegate"), N_("ACTION") },
    { "list-proposals", 0, 0, G_OPTION_ARG_NONE, &list_proposals,
      N_("List the actions awaiting the director, the most urgent first"), NULL },
    { "verify-audit", 0, 0, G_OPTION_ARG_NONE, &verify,
      N_("Check the workspace’s audit trail and report its first broken entry"), NULL },
    { "report", 0, 0, G_OPTION_ARG_STRING, &report_spec,
      N_("Write the monthly accountability report of the workspace given by --db, as PDF, "
         "to the file given by --output, in --lang fr or en"), N_("month=YYYY-MM") },
    { "incident", 0, 0, G_OPTION_ARG_STRING, &incident_spec,
      N_("Write the incident report of COMMENT (platform:id or row number) as PDF, to --output, "
         "in --lang fr or en"), N_("COMMENT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE|FOLDER…") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  use_report_language (argc, argv);
  /* Translations from the build tree, for running uninstalled */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VIGIE_LOCALEDIR") && *g_getenv ("VIGIE_LOCALEDIR")
                                   ? g_getenv ("VIGIE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("FILE|FOLDER… — import comment files and print the comments"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  {
    GOptionGroup *group = g_option_group_new ("vigie-scan", NULL, NULL, &accounts, NULL);

    g_option_group_add_entries (group, entries);
    g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
    g_option_context_set_main_group (context, group);
  }
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

  if (set_values != NULL && !set_settings (db_path, (const char * const *) set_values))
    return EXIT_BAD_INPUT;

  if (incident_spec != NULL)
    return incident_command (incident_spec, db_path, output, apply_lang,
                             (files != NULL && files[0] != NULL) || lines || apply_kind != NULL ||
                             report_spec != NULL, quiet);

  if (report_spec != NULL)
    return report_command (report_spec, db_path, output, apply_lang,
                           (files != NULL && files[0] != NULL) || lines || apply_kind != NULL,
                           quiet);

  if (accounts.add_platform != NULL || accounts.list || accounts.remove_id != NULL ||
      accounts.sync)
    {
      int account_status;

      if ((files != NULL && files[0] != NULL) || lines || apply_kind != NULL)
        {
          g_printerr ("vigie-scan: %s\n",
                      _("The account commands take no files to import, --lines or --apply"));
          return EXIT_BAD_INPUT;
        }
      account_status = accounts_command (db_path, &accounts, policy_path, quiet);
      g_free (accounts.add_platform);
      g_free (accounts.account_id);
      g_free (accounts.account_name);
      g_free (accounts.api_base);
      g_free (accounts.remove_id);
      g_free (accounts.sync_id);
      return account_status;
    }

  if (approve_id != NULL || reject_id != NULL || list_proposals)
    {
      DecideOptions decide = {
        .approve = approve_id, .reject = reject_id, .list = list_proposals, .text = apply_text,
        .note = apply_note, .actor = apply_actor, .role = apply_role,
      };

      if (db_path == NULL || (files != NULL && files[0] != NULL) || lines ||
          apply_kind != NULL || (approve_id != NULL) + (reject_id != NULL) + list_proposals > 1)
        {
          g_printerr ("vigie-scan: %s\n",
                      _("--approve, --reject and --list-proposals work on a workspace, one at a "
                        "time: give --db FILE, and no files to import or --apply"));
          return EXIT_BAD_INPUT;
        }
      store = open_workspace (db_path, G_FILE_TEST_EXISTS);
      if (store == NULL)
        return EXIT_BAD_INPUT;
      return decide_command (store, &decide, policy_path, quiet);
    }

  if (apply_kind != NULL || verify)
    {
      ApplyOptions apply = {
        .kind = apply_kind, .comment = apply_comment, .template_id = apply_template,
        .note = apply_note, .text = apply_text, .lang = apply_lang, .actor = apply_actor,
        .role = apply_role, .correction = apply_correction, .categories = apply_categories,
      };

      if (db_path == NULL || (files != NULL && files[0] != NULL) || lines)
        {
          g_printerr ("vigie-scan: %s\n",
                      _("--apply and --verify-audit work on a workspace: give --db FILE and no "
                        "files to import"));
          return EXIT_BAD_INPUT;
        }
      store = open_workspace (db_path, G_FILE_TEST_EXISTS);
      if (store == NULL)
        return EXIT_BAD_INPUT;
      if (verify)
        {
          status = verify_audit (store, quiet);
          if (status != EXIT_OK || apply_kind == NULL)
            return status;
        }
      return apply_action (store, &apply, policy_path, quiet);
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
