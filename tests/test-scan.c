/* test-scan.c — vigie-scan as a script would use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-scan-common.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "scan", name, NULL);
}

static GPtrArray *
parse_jsonl (const char *text)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (lines[i][0] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      g_ptr_array_add (objects, json_node_copy (json_parser_get_root (parser)));
    }
  return g_steal_pointer (&objects);
}

static JsonObject *
find_by_id (GPtrArray  *objects,
            const char *id)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (objects, i));
      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  return NULL;
}

static void
test_jsonl (void)
{
  g_autofree char *feed = fixture ("feed.json");
  const char *args[] = { "--output", "jsonl", feed, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  JsonObject *reply, *question, *parking;

  g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
  objects = parse_jsonl (out);
  g_assert_cmpuint (objects->len, ==, 3);

  question = find_by_id (objects, "facebook:900000000000101_910000000000201");
  reply = find_by_id (objects, "facebook:900000000000101_910000000000202");
  parking = find_by_id (objects, "facebook:900000000000101_910000000000203");
  g_assert_nonnull (question);
  g_assert_nonnull (reply);
  g_assert_nonnull (parking);

  g_assert_cmpstr (json_object_get_string_member (question, "platform"), ==, "facebook");
  g_assert_cmpstr (json_object_get_string_member (question, "post_id"), ==,
                   "facebook:104758392011_900000000000101");
  g_assert_true (json_object_get_null_member (question, "parent_id"));
  g_assert_cmpstr (json_object_get_string_member (question, "author_id"), ==,
                   "facebook:5010000000000201");
  g_assert_cmpstr (json_object_get_string_member (question, "author"), ==, "Josée Lavoie");
  g_assert_cmpstr (json_object_get_string_member (question, "created"), ==,
                   "2026-10-05T14:10:00Z");
  g_assert_cmpstr (json_object_get_string_member (question, "permalink"), ==,
                   "https://www.facebook.com/104758392011/posts/900000000000101/"
                   "?comment_id=910000000000201");

  /* Replies point at their parent's id; text keeps its newline */
  g_assert_cmpstr (json_object_get_string_member (reply, "parent_id"), ==,
                   "facebook:900000000000101_910000000000201");
  g_assert_cmpstr (json_object_get_string_member (reply, "text"), ==,
                   "Bonjour Mme Lavoie, sans rendez-vous de 9 h à 16 h.\nMerci!");

  g_assert_cmpstr (json_object_get_string_member (parking, "text"), ==,
                   "Parking at the \"new\" lot is $12 a day, really?");
  g_assert_true (json_object_get_boolean_member (parking, "hidden"));

  /* Oldest first */
  g_assert_true (json_node_get_object (g_ptr_array_index (objects, 0)) == question);

  /* The summary goes to standard error */
  g_assert_nonnull (strstr (err, "3 new"));
}

static void
test_stable_ids (void)
{
  g_autofree char *feed = fixture ("feed.json");
  g_autofree char *dir = g_dir_make_tmp ("vigie-scan-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "w.vigie", NULL);
  const char *temp_args[] = { "--output", "jsonl", "-q", feed, NULL };
  const char *db_args[] = { "--db", db, "--output", "jsonl", feed, NULL };
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *fourth = NULL;
  g_autofree char *err = NULL, *err2 = NULL;

  /* Two temporary workspaces, and twice the same workspace file: the same
   * output, and nothing twice */
  g_assert_cmpint (run_scan (temp_args, &first, NULL), ==, 0);
  g_assert_cmpint (run_scan (temp_args, &second, NULL), ==, 0);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (run_scan (db_args, &third, &err), ==, 0);
  g_assert_cmpint (run_scan (db_args, &fourth, &err2), ==, 0);
  g_assert_cmpstr (first, ==, third);
  g_assert_cmpstr (third, ==, fourth);
  g_assert_nonnull (strstr (err2, "0 new"));
  g_assert_nonnull (strstr (err2, "3 unchanged"));

  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

static void
test_csv_output (void)
{
  g_autofree char *feed = fixture ("feed.json");
  const char *args[] = { "--output", "csv", "-q", feed, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_scan (args, &out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "id,platform,post_id,parent_id,author_id,author,created,"
                                   "text,permalink\r\n"));
  /* Quotes doubled, the field quoted; the newline stays inside its field */
  g_assert_nonnull (strstr (out, "\"Parking at the \"\"new\"\" lot is $12 a day, really?\""));
  g_assert_nonnull (strstr (out, "\"Bonjour Mme Lavoie, sans rendez-vous de 9 h à 16 h.\nMerci!\""));
  lines = g_strsplit (out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* header, 3 rows, and the empty tail */
}

static void
test_text_output (void)
{
  g_autofree char *feed = fixture ("feed.json");
  const char *args[] = { "-q", feed, NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_scan (args, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Josée Lavoie"));
  g_assert_nonnull (strstr (out, "    Merci!\n"));
  g_assert_nonnull (strstr (out, "[facebook:900000000000101_910000000000203]"));
}

static void
test_bad_input (void)
{
  g_autofree char *truncated = fixture ("truncated.json");
  g_autofree char *feed = fixture ("feed.json");
  g_autofree char *dir = g_dir_make_tmp ("vigie-scan-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "w.vigie", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere.json", NULL);
  const char *good_args[] = { "--db", db, "-q", "--output", "jsonl", feed, NULL };
  const char *bad_args[] = { "--db", db, "--output", "jsonl", truncated, NULL };
  const char *list_args[] = { "--db", db, "--output", "jsonl", NULL };
  const char *missing_args[] = { missing, NULL };
  const char *format_args[] = { "--output", "xml", feed, NULL };
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *after = NULL;

  g_assert_cmpint (run_scan (good_args, &out, NULL), ==, 0);

  /* Bad input: status 2, the file and the place on stderr, nothing printed,
   * and the workspace unchanged */
  g_assert_cmpint (run_scan (bad_args, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "truncated.json"));
  g_assert_nonnull (strstr (err2, "line 1"));
  g_assert_cmpstr (out2, ==, "");
  g_assert_cmpint (run_scan (list_args, &after, NULL), ==, 0);
  g_assert_cmpstr (after, ==, out);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_scan (missing_args, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "nowhere.json"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_scan (format_args, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--output"));
}

/* Removes @dir and the files in it */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* --set gives a workspace the organisation settings its replies need */
static void
test_set_settings (void)
{
  g_autofree char *feed = fixture ("feed.json");
  g_autofree char *dir = g_dir_make_tmp ("vigie-scan-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "w.vigie", NULL);
  const char *import_args[] = { "--db", db, "-q", feed, NULL };
  const char *bad_key[] = { "--db", db, "--set", "actions.grace=0", NULL };
  const char *no_db[] = { "--set", "organisation.name=X", NULL };
  g_autofree char *out = NULL, *err = NULL, *err2 = NULL, *err3 = NULL, *jsonl = NULL;
  g_autofree char *comment_id = NULL;
  g_autoptr(GPtrArray) objects = NULL;

  g_autofree char *ignored = NULL, *ignored_err = NULL;

  g_assert_cmpint (run_scan (import_args, &ignored, NULL), ==, 0);
  {
    const char *list_args[] = { "--db", db, "--output", "jsonl", NULL };
    g_assert_cmpint (run_scan (list_args, &jsonl, NULL), ==, 0);
  }
  objects = parse_jsonl (jsonl);
  comment_id = g_strdup (json_object_get_string_member (
    json_node_get_object (g_ptr_array_index (objects, 0)), "id"));

  /* Without the settings, a template reply names what is missing */
  {
    const char *reply[] = { "--db", db, "--apply", "reply", "--comment", comment_id,
                            "--template", "complaint", NULL };
    g_assert_cmpint (run_scan (reply, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "{"));
  }
  /* With them, it goes out and cites the organisation */
  {
    const char *reply[] = { "--db", db,
                            "--set", "organisation.name=CIUSSS du Haut-Fleuve",
                            "--set", "organisation.complaints_office=Commissariat aux plaintes",
                            "--set", "organisation.phone=418 555-0100",
                            "--set", "organisation.url=https://haut-fleuve.example",
                            "--set", "organisation.email=plaintes@haut-fleuve.example",
                            "--set", "organisation.policy_url=https://haut-fleuve.example/nétiquette",
                            "--apply", "reply", "--comment", comment_id,
                            "--template", "complaint", NULL };
    g_assert_cmpint (run_scan (reply, &out, &err2), ==, 0);
    g_assert_nonnull (strstr (out, "\"status\":\"applied\""));
  }
  g_clear_pointer (&jsonl, g_free);
  {
    const char *list_args[] = { "--db", db, "--output", "jsonl", NULL };
    g_assert_cmpint (run_scan (list_args, &jsonl, NULL), ==, 0);
    g_assert_nonnull (strstr (jsonl, "Commissariat aux plaintes"));
  }

  /* Only organisation settings, and only on a workspace */
  g_assert_cmpint (run_scan (bad_key, NULL, &err3), ==, 2);
  g_assert_nonnull (strstr (err3, "actions.grace=0"));
  g_assert_cmpint (run_scan (no_db, NULL, &ignored_err), ==, 2);
  g_assert_nonnull (strstr (ignored_err, "--db"));

  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/scan/jsonl", test_jsonl);
  g_test_add_func ("/vigie/scan/stable-ids", test_stable_ids);
  g_test_add_func ("/vigie/scan/csv", test_csv_output);
  g_test_add_func ("/vigie/scan/text", test_text_output);
  g_test_add_func ("/vigie/scan/bad-input", test_bad_input);
  g_test_add_func ("/vigie/scan/set-settings", test_set_settings);
  return g_test_run ();
}
