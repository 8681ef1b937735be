/* test-import.c — the JSON and CSV readers, every importer, batches, bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "vigie-csv.h"
#include "vigie-import.h"
#include "vigie-import-private.h"
#include "vigie-json.h"
#include "vigie-store.h"

typedef struct
{
  char       *dir;
  char       *path;
  VigieStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vigie-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "workspace.vigie", NULL);
  f->store = vigie_store_open (f->path, &error);
  g_assert_no_error (error);
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

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Helpers */

static char *
fixture_path (const char *name)
{
  if (g_path_is_absolute (name))
    return g_strdup (name);
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static char *
read_fixture (const char *name,
              gsize      *out_length)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Imports fixtures (names relative to tests/fixtures/import, or absolute
 * paths) as one batch */
static gboolean G_GNUC_NULL_TERMINATED
import (Fixture           *f,
        VigieImportStats  *stats,
        GError           **error,
        const char        *first,
        ...)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  VigieImportStats local = { 0 };
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (paths, fixture_path (name));
  va_end (args);
  g_ptr_array_add (paths, NULL);

  return vigie_import_files (f->store, (const char * const *) paths->pdata, NULL, NULL, NULL,
                             stats ? stats : &local, error);
}

static gint64
ts (const char *iso)
{
  gint64 t = 0;

  g_assert_true (vigie_parse_timestamp (iso, &t));
  return t;
}

static gint64
count_comments (Fixture *f)
{
  VigieQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n = vigie_store_count (f->store, &query, &error);

  g_assert_no_error (error);
  return n;
}

static VigieComment *
find (Fixture       *f,
      VigiePlatform  platform,
      const char    *external_id)
{
  g_autoptr(GError) error = NULL;
  VigieComment *c = vigie_store_find_comment (f->store, platform, external_id, &error);

  if (c == NULL)
    g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND);
  return c;
}

static VigiePost *
find_post (Fixture       *f,
           VigiePlatform  platform,
           const char    *external_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = vigie_store_list_posts (f->store, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < posts->len; i++)
    {
      VigiePost *p = g_ptr_array_index (posts, i);
      if (p->platform == platform && g_strcmp0 (p->external_id, external_id) == 0)
        return vigie_post_ref (p);
    }
  return NULL;
}

/* Everything the workspace holds, as text: equal snapshots mean an
 * unchanged workspace */
static char *
snapshot (Fixture *f)
{
  VigieQuery query = { .sort = VIGIE_SORT_OLDEST };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = vigie_store_query_ids (f->store, &query, NULL, &error);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  comments = vigie_store_get_comments (f->store, (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < comments->len; i++)
    {
      VigieComment *c = g_ptr_array_index (comments, i);
      g_string_append_printf (out, "C %d|%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT "|%s|%d|%"
                              G_GINT64_FORMAT "|%d\n", c->platform, c->external_id,
                              c->post_external_id, c->parent_external_id, c->author_external_id,
                              c->author_name, c->text, c->created, c->permalink, c->hidden,
                              c->like_count, c->status);
    }
  posts = vigie_store_list_posts (f->store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < posts->len; i++)
    {
      VigiePost *p = g_ptr_array_index (posts, i);
      g_string_append_printf (out, "P %d|%s|%s|%s|%" G_GINT64_FORMAT "|%s|%u\n", p->platform,
                              p->external_id, p->page_external_id, p->text, p->created,
                              p->permalink, p->n_comments);
    }
  pages = vigie_store_list_pages (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pages->len; i++)
    {
      VigiePage *p = g_ptr_array_index (pages, i);
      g_string_append_printf (out, "G %d|%s|%s\n", p->platform, p->external_id, p->name);
    }
  return g_string_free (out, FALSE);
}

/* The JSON reader */

static gboolean
read_json (const char      *text,
           VigieJsonArena  *arena,
           VigieJsonNode   *root,
           GError         **error)
{
  VigieJsonReader reader;
  gboolean ok;

  vigie_json_reader_init (&reader, "t.json", text, strlen (text));
  ok = vigie_json_reader_read (&reader, arena, root, error);
  vigie_json_reader_clear (&reader);
  return ok;
}

static void
assert_json_error (const char *text,
                   int         code,
                   const char *place)
{
  g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
  g_autoptr(GError) error = NULL;
  VigieJsonNode root;

  g_assert_false (read_json (text, arena, &root, &error));
  g_assert_error (error, VIGIE_IMPORT_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "t.json, "));
  if (strstr (error->message, place) == NULL)
    g_error ("“%s” is not in “%s”", place, error->message);
}

static void
test_json_values (void)
{
  g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
  g_autoptr(GError) error = NULL;
  VigieJsonNode root;
  const VigieJsonNode *b;
  gint64 v;
  g_autofree char *a = NULL, *c = NULL, *d = NULL, *e = NULL, *k = NULL;

  g_assert_true (read_json ("\xef\xbb\xbf { \"a\": \"caf\\u00e9 \\ud83d\\ude00\\n\\t\\\"\\\\\\/\","
                            " \"b\": [1, -2.5e3, true, false, null, 12345678901234, \"42\"],"
                            " \"c\": \"\\ud83d seul\", \"d\": \"\\u0000\", \"e\": \"déjà 🍁\","
                            " \"k\\u00e9\": {} }", arena, &root, &error));
  g_assert_no_error (error);
  g_assert_cmpint (root.type, ==, VIGIE_JSON_OBJECT);
  g_assert_cmpuint (root.len, ==, 6);

  a = vigie_json_node_dup (vigie_json_object_get (&root, "a"));
  g_assert_cmpstr (a, ==, "café 😀\n\t\"\\/");
  /* An unpaired surrogate and NUL become U+FFFD */
  c = vigie_json_node_dup (vigie_json_object_get (&root, "c"));
  g_assert_cmpstr (c, ==, "\xef\xbf\xbd seul");
  d = vigie_json_node_dup (vigie_json_object_get (&root, "d"));
  g_assert_cmpstr (d, ==, "\xef\xbf\xbd");
  e = vigie_json_node_dup (vigie_json_object_get (&root, "e"));
  g_assert_cmpstr (e, ==, "déjà 🍁");
  /* Escaped names are decoded too */
  g_assert_nonnull (vigie_json_object_get (&root, "ké"));
  k = vigie_json_node_dup (vigie_json_object_get (&root, "ké"));
  g_assert_null (k);

  b = vigie_json_object_get (&root, "b");
  g_assert_cmpint (b->type, ==, VIGIE_JSON_ARRAY);
  g_assert_cmpuint (b->len, ==, 7);
  g_assert_true (vigie_json_node_get_int64 (&b->u.items[0], &v));
  g_assert_cmpint (v, ==, 1);
  g_assert_true (vigie_json_node_get_int64 (&b->u.items[1], &v));
  g_assert_cmpint (v, ==, -2500);
  g_assert_cmpint (b->u.items[2].type, ==, VIGIE_JSON_TRUE);
  g_assert_cmpint (b->u.items[3].type, ==, VIGIE_JSON_FALSE);
  g_assert_cmpint (b->u.items[4].type, ==, VIGIE_JSON_NULL);
  g_assert_true (vigie_json_node_get_int64 (&b->u.items[5], &v));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (12345678901234));
  g_assert_true (vigie_json_node_get_int64 (&b->u.items[6], &v));
  g_assert_cmpint (v, ==, 42);
  g_assert_false (vigie_json_node_get_int64 (&b->u.items[2], &v));

  /* Where values start */
  g_assert_cmpuint (vigie_json_object_get (&root, "a")->offset, ==,
                    strlen ("\xef\xbb\xbf { \"a\": "));
}

static void
test_json_errors (void)
{
  g_autofree char *open64 = g_strnfill (64, '[');
  g_autofree char *close64 = g_strnfill (64, ']');
  char *deep;

  assert_json_error ("{\"a\" 1}", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 6");
  /* Columns count characters, not bytes */
  assert_json_error ("{\n  \"é\": tru }", VIGIE_IMPORT_ERROR_SYNTAX, "line 2, column 8");
  assert_json_error ("[1, 2,]", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 7");
  assert_json_error ("[1] [2]", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 5");
  assert_json_error ("[01]", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 3");
  assert_json_error ("[\"\\x\"]", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 3");
  assert_json_error ("[\"\\u12g4\"]", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 3");
  assert_json_error ("[\"deux\nlignes\"]", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 7");
  assert_json_error ("{\"a\": [1, 2", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 12");
  assert_json_error ("", VIGIE_IMPORT_ERROR_SYNTAX, "line 1, column 1");
  /* Overlong, a surrogate written in UTF-8, a lone continuation byte */
  assert_json_error ("[\"\xc0\xaf\"]", VIGIE_IMPORT_ERROR_ENCODING, "line 1, column 3");
  assert_json_error ("[\"a\xed\xa0\x80\"]", VIGIE_IMPORT_ERROR_ENCODING, "line 1, column 4");
  assert_json_error ("\n\n [\xa9]", VIGIE_IMPORT_ERROR_ENCODING, "line 3, column 3");

  /* 64 levels are fine, 65 are not */
  deep = g_strconcat (open64, close64, NULL);
  {
    g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
    g_autoptr(GError) error = NULL;
    VigieJsonNode root;

    g_assert_true (read_json (deep, arena, &root, &error));
    g_assert_no_error (error);
  }
  g_free (deep);
  deep = g_strnfill (100000, '[');
  assert_json_error (deep, VIGIE_IMPORT_ERROR_TOO_DEEP, "line 1, column 65");
  g_free (deep);
}

static void
test_json_limits (void)
{
  gsize max = VIGIE_IMPORT_MAX_TEXT_SIZE;
  GString *text = g_string_sized_new (6 * max + 64);
  g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
  g_autoptr(GError) error = NULL;
  VigieJsonNode root;

  /* Exactly the limit is fine */
  g_string_append (text, "[\"");
  for (gsize i = 0; i < max; i++)
    g_string_append_c (text, 'a');
  g_string_append (text, "\"]");
  g_assert_true (read_json (text->str, arena, &root, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (root.u.items[0].len, ==, max);

  /* One byte more is not */
  g_string_insert_c (text, 2, 'b');
  assert_json_error (text->str, VIGIE_IMPORT_ERROR_TOO_LARGE, "line 1, column 2");

  /* The limit is on the decoded text: escapes that shrink are fine */
  g_string_truncate (text, 0);
  g_string_append (text, "[\"");
  for (gsize i = 0; i < max; i++)
    g_string_append (text, "\\u0041");
  g_string_append (text, "\"]");
  vigie_json_arena_reset (arena);
  g_assert_true (read_json (text->str, arena, &root, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (root.u.items[0].len, ==, max);
  g_string_insert (text, 2, "\\u00e9");
  assert_json_error (text->str, VIGIE_IMPORT_ERROR_TOO_LARGE, "line 1, column 2");

  g_string_free (text, TRUE);
}

static gboolean
collect_element (const VigieJsonNode  *element,
                 gpointer              user_data,
                 GError              **error)
{
  GPtrArray *ids = user_data;

  g_ptr_array_add (ids, vigie_json_node_dup (vigie_json_object_get (element, "id")));
  return TRUE;
}

static void
test_json_stream_and_shape (void)
{
  const char *text = "{\"paging\": {\"next\": \"https://x.example/comments?after=1\"},"
                     " \"data\": [{\"id\": \"1\", \"from\": {\"name\": \"A\"}}, {\"id\": \"2\"}],"
                     " \"data2\": [{\"id\": \"x\"}], \"empty\": []}";
  g_autoptr(VigieJsonShape) shape = vigie_json_shape_new ();
  g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  VigieJsonReader reader;

  vigie_json_shape_want (shape, "paging.next");
  vigie_json_reader_init (&reader, "t.json", text, strlen (text));
  g_assert_true (vigie_json_scan (&reader, shape, &error));
  g_assert_no_error (error);
  vigie_json_reader_clear (&reader);

  g_assert_cmpuint (vigie_json_shape_get_types (shape, ""), ==, 1u << VIGIE_JSON_OBJECT);
  g_assert_cmpuint (vigie_json_shape_get_types (shape, "data"), ==, 1u << VIGIE_JSON_ARRAY);
  g_assert_cmpuint (vigie_json_shape_get_types (shape, "empty"), ==, 1u << VIGIE_JSON_ARRAY);
  g_assert_false (vigie_json_shape_has (shape, "empty[]"));
  g_assert_true (vigie_json_shape_has (shape, "data[]"));
  g_assert_true (vigie_json_shape_has (shape, "data[].from.name"));
  g_assert_false (vigie_json_shape_has (shape, "data[].name"));
  g_assert_false (vigie_json_shape_has (shape, "from.name"));
  g_assert_cmpstr (vigie_json_shape_get_string (shape, "paging.next"), ==,
                   "https://x.example/comments?after=1");

  /* Only the elements of "data" */
  vigie_json_reader_init (&reader, "t.json", text, strlen (text));
  g_assert_true (vigie_json_reader_foreach (&reader, arena, "data", collect_element, ids, &error));
  g_assert_no_error (error);
  vigie_json_reader_clear (&reader);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "1");
  g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, "2");
}

/* The CSV reader */

static void
assert_fields (VigieCsvReader *r,
               guint           record,
               guint           line,
               ...)
{
  g_autoptr(GError) error = NULL;
  gboolean has = FALSE;
  va_list args;
  guint i = 0;

  g_assert_true (vigie_csv_reader_next (r, &has, &error));
  g_assert_no_error (error);
  g_assert_true (has);
  g_assert_cmpuint (r->record, ==, record);
  g_assert_cmpuint (r->line, ==, line);
  va_start (args, line);
  for (const char *s = va_arg (args, const char *); s != NULL; s = va_arg (args, const char *))
    {
      g_assert_cmpuint (i, <, r->fields->len);
      g_assert_cmpstr (g_ptr_array_index (r->fields, i), ==, s);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (i, ==, r->fields->len);
}

static void
test_csv_reader (void)
{
  const char *text = "\xef\xbb\xbf" "a;b;c\r\n"
                     "1;\"x;y\";\"il a dit \"\"oui\"\"\"\r\n"
                     "\r\n"
                     "2;\"deux\r\nlignes\";\n"
                     "3;;é";
  VigieCsvReader r;
  g_autoptr(GError) error = NULL;
  gboolean has = TRUE;

  vigie_csv_reader_init (&r, "t.csv", text, strlen (text));
  g_assert_cmpint (r.delimiter, ==, ';');
  assert_fields (&r, 0, 1, "a", "b", "c", NULL);
  assert_fields (&r, 1, 2, "1", "x;y", "il a dit \"oui\"", NULL);
  assert_fields (&r, 2, 4, "2", "deux\r\nlignes", "", NULL);
  assert_fields (&r, 3, 6, "3", "", "é", NULL);
  g_assert_true (vigie_csv_reader_next (&r, &has, &error));
  g_assert_false (has);
  vigie_csv_reader_clear (&r);

  g_assert_cmpint (vigie_csv_detect_delimiter ("a,b;c\n", 6), ==, ',');
  g_assert_cmpint (vigie_csv_detect_delimiter ("a;b;c,d\n", 8), ==, ';');
  g_assert_cmpint (vigie_csv_detect_delimiter ("a\tb\n", 4), ==, '\t');
  g_assert_cmpint (vigie_csv_detect_delimiter ("\"a,b\";c\n", 8), ==, ';');
  g_assert_cmpint (vigie_csv_detect_delimiter ("texte seul\na,b", 14), ==, 0);

  /* A quote never closed, then text after a closing quote */
  text = "a,b\nx,\"jamais fermé\ny,z\n";
  vigie_csv_reader_init (&r, "t.csv", text, strlen (text));
  assert_fields (&r, 0, 1, "a", "b", NULL);
  g_assert_false (vigie_csv_reader_next (&r, &has, &error));
  g_assert_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "t.csv, record 1 (line 2): "));
  vigie_csv_reader_clear (&r);
  g_clear_error (&error);

  text = "a,b\n\"ok\",\"ok\"\n\"ok\"x,y\n";
  vigie_csv_reader_init (&r, "t.csv", text, strlen (text));
  assert_fields (&r, 0, 1, "a", "b", NULL);
  assert_fields (&r, 1, 2, "ok", "ok", NULL);
  g_assert_false (vigie_csv_reader_next (&r, &has, &error));
  g_assert_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "t.csv, record 2 (line 3): "));
  vigie_csv_reader_clear (&r);
}

/* Mojibake */

static void
assert_repair (const char *in,
               const char *expected)
{
  g_autofree char *out = _vigie_import_repair_mojibake (in, -1);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_mojibake (void)
{
  /* Repaired: each UTF-8 byte had become its own character */
  assert_repair ("T\xc3\x83\xc2\x98S", "TØS");
  assert_repair ("Rados\xc3\x85\xc2\x82" "aw", "Radosław");
  assert_repair ("Ca f\xc3\x83\xc2\xa9te \xc3\xb0\xc2\x9f\xc2\x8e\xc2\x89", "Ca féte 🎉");
  assert_repair ("l\xc3\xa2\xc2\x80\xc2\x99\xc3\x83\xc2\xa9quipe", "l’équipe");
  /* Left alone: ASCII, genuine Latin-1 text, text with characters above U+00FF */
  assert_repair ("Bonjour", "Bonjour");
  assert_repair ("café à l'entrée", "café à l'entrée");
  assert_repair ("Ã© and €", "Ã© and €");
  assert_repair ("déjà 🍁", "déjà 🍁");
  assert_repair ("", "");
}

/* Each format */

static void
test_facebook_feed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) question = NULL, answer = NULL, hidden = NULL, sticker = NULL;
  g_autoptr(VigieComment) nested = NULL, quotes = NULL;
  g_autoptr(VigiePost) post = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "fb-feed.json", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_files, ==, 1);
  g_assert_cmpuint (stats.n_posts, ==, 2);
  g_assert_cmpuint (stats.n_comments, ==, 7);
  g_assert_cmpuint (stats.n_inserted, ==, 7);

  question = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000001_781000000000001");
  g_assert_nonnull (question);
  g_assert_cmpstr (question->post_external_id, ==, "305000000001_780000000000001");
  g_assert_null (question->parent_external_id);
  g_assert_cmpstr (question->author_external_id, ==, "6020000000000001");
  g_assert_cmpstr (question->author_name, ==, "Ginette Bouchard");
  g_assert_cmpstr (question->text, ==, "Est-ce que le stationnement des visiteurs reste ouvert? "
                   "Ma mère a ses traitements là trois fois par semaine 🙏");
  g_assert_cmpint (question->created, ==, ts ("2026-11-02T12:14:05Z"));
  g_assert_cmpint (question->like_count, ==, 4);
  g_assert_false (question->hidden);
  g_assert_cmpstr (question->permalink, ==, "https://www.facebook.com/305000000001/posts/"
                   "780000000000001/?comment_id=781000000000001");

  /* A reply given flat, with "parent" */
  answer = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000001_781000000000002");
  g_assert_cmpstr (answer->parent_external_id, ==, "780000000000001_781000000000001");
  g_assert_cmpstr (answer->author_name, ==, "CIUSSS du Haut-Fleuve");
  g_assert_true (g_str_has_suffix (answer->text, "par la rue des Érables."));

  hidden = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000001_781000000000003");
  g_assert_true (hidden->hidden);
  g_assert_cmpint (hidden->like_count, ==, 0);

  /* A sticker alone: no text */
  sticker = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000001_781000000000004");
  g_assert_cmpstr (sticker->text, ==, "");
  g_assert_cmpstr (sticker->author_name, ==, "Maëlle Côté");

  /* A reply nested in its comment's own comments edge */
  nested = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000001_781000000000006");
  g_assert_cmpstr (nested->parent_external_id, ==, "780000000000001_781000000000005");
  g_assert_cmpstr (nested->post_external_id, ==, "305000000001_780000000000001");
  g_assert_cmpstr (nested->text, ==, "Yes — the emergency room stays open 24/7. "
                   "Use the temporary entrance on boulevard Champlain.");

  quotes = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000002_781000000000011");
  g_assert_cmpstr (quotes->text, ==, "Merci! On peut amener les \"petits\"?\nIls ont 4 et 7 ans.");
  g_assert_cmpstr (quotes->post_external_id, ==, "305000000001_780000000000002");

  post = find_post (f, VIGIE_PLATFORM_FACEBOOK, "305000000001_780000000000001");
  g_assert_nonnull (post);
  g_assert_cmpstr (post->page_external_id, ==, "305000000001");
  g_assert_cmpstr (post->page_name, ==, "CIUSSS du Haut-Fleuve");
  g_assert_true (g_str_has_suffix (post->text, "jusqu’au 15 décembre 🚧"));
  g_assert_cmpint (post->created, ==, ts ("2026-11-02T12:00:00Z"));
  g_assert_cmpstr (post->permalink, ==,
                   "https://www.facebook.com/305000000001/posts/780000000000001/");
  g_assert_cmpuint (post->n_comments, ==, 6);

  pages = vigie_store_list_pages (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
}

static void
test_facebook_comments (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) top = NULL, reply = NULL, single = NULL;
  VigieImportStats stats = { 0 };

  /* Read without the MODERATE task: no "id", no "from"; the links say
   * which comment, which parent and which post */
  g_assert_true (import (f, &stats, &error, "fb-comments-noid.json", "fb-comment.json", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, 3);
  g_assert_cmpuint (stats.n_posts, ==, 0);

  top = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000004_781000000000041");
  g_assert_nonnull (top);
  g_assert_cmpstr (top->post_external_id, ==, "305000000001_780000000000004");
  g_assert_null (top->parent_external_id);
  g_assert_null (top->author_name);
  g_assert_cmpint (top->like_count, ==, 2);

  reply = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000004_781000000000042");
  g_assert_nonnull (reply);
  g_assert_cmpstr (reply->parent_external_id, ==, "780000000000004_781000000000041");
  g_assert_cmpstr (reply->text, ==, "Oui, de 11 h à 20 h depuis le 1er novembre.");

  /* One comment object on its own */
  single = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000001_781000000000009");
  g_assert_nonnull (single);
  g_assert_cmpstr (single->post_external_id, ==, "305000000001_780000000000001");
  g_assert_cmpstr (single->author_name, ==, "Denis Lévesque");
  g_assert_cmpint (single->like_count, ==, 6);
  g_assert_cmpint (single->created, ==, ts ("2026-11-02T18:05:00Z"));
}

static void
test_instagram (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) top = NULL, reply = NULL, hidden = NULL, page_c = NULL, bare = NULL;
  g_autoptr(VigieComment) single = NULL, single_reply = NULL;
  g_autoptr(VigiePost) media = NULL;
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "ig-media.json", "ig-comments.json", "ig-comment.json",
                         NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_posts, ==, 2);
  g_assert_cmpuint (stats.n_comments, ==, 3 + 2 + 2);

  top = find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000101");
  g_assert_cmpstr (top->text, ==, "Enfin!! Ça fait dix ans qu’on attend ça 😍");
  g_assert_cmpstr (top->author_name, ==, "marie.lapointe");
  g_assert_cmpstr (top->author_external_id, ==, "17841400000000101");
  g_assert_cmpstr (top->post_external_id, ==, "17900000000000101");
  g_assert_cmpint (top->created, ==, ts ("2026-11-06T14:05:00Z"));
  g_assert_cmpint (top->like_count, ==, 12);
  g_assert_false (top->hidden);

  reply = find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000102");
  g_assert_cmpstr (reply->parent_external_id, ==, "17910000000000101");
  g_assert_cmpstr (reply->post_external_id, ==, "17900000000000101");

  hidden = find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000103");
  g_assert_true (hidden->hidden);

  media = find_post (f, VIGIE_PLATFORM_INSTAGRAM, "17900000000000101");
  g_assert_nonnull (media);
  g_assert_cmpstr (media->page_external_id, ==, "17841400000000001");
  g_assert_cmpstr (media->page_name, ==, "ciusss_hautfleuve");
  g_assert_cmpstr (media->permalink, ==, "https://www.instagram.com/p/HautFleuve01/");
  g_assert_true (g_str_has_prefix (media->text, "Nouvelle maison de naissance"));

  /* /{media}/comments: the media when the page gives it; "user" for the author */
  page_c = find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000111");
  g_assert_cmpstr (page_c->post_external_id, ==, "17900000000000101");
  g_assert_cmpstr (page_c->author_external_id, ==, "17841400000000111");
  bare = find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000112");
  g_assert_null (bare->post_external_id);
  g_assert_cmpstr (bare->author_name, ==, "emily.r.ward");

  /* One comment with its replies */
  single = find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000121");
  g_assert_cmpstr (single->post_external_id, ==, "17900000000000102");
  single_reply = find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000122");
  g_assert_cmpstr (single_reply->parent_external_id, ==, "17910000000000121");
  g_assert_cmpstr (single_reply->post_external_id, ==, "17900000000000102");
}

static void
test_youtube (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) top = NULL, reply = NULL, html = NULL, held = NULL, later = NULL;
  g_autoptr(VigiePost) video = NULL;
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "yt-threads.json", "yt-comments.json", "yt-videos.json",
                         NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, 5 + 1);
  g_assert_cmpuint (stats.n_posts, ==, 1);

  top = find (f, VIGIE_PLATFORM_YOUTUBE, "UgzHautFleuve001AaABAg");
  g_assert_cmpstr (top->post_external_id, ==, "hFleuve2026");
  g_assert_null (top->parent_external_id);
  g_assert_cmpstr (top->author_name, ==, "@sylvie.harvey");
  g_assert_cmpstr (top->author_external_id, ==, "UCauthorHF0000000000001");
  g_assert_cmpint (top->created, ==, ts ("2026-11-08T14:00:00Z"));
  g_assert_cmpint (top->like_count, ==, 5);
  g_assert_cmpstr (top->permalink, ==,
                   "https://www.youtube.com/watch?v=hFleuve2026&lc=UgzHautFleuve001AaABAg");

  reply = find (f, VIGIE_PLATFORM_YOUTUBE, "UgzHautFleuve001AaABAg.AHautFleuve01");
  g_assert_cmpstr (reply->parent_external_id, ==, "UgzHautFleuve001AaABAg");
  g_assert_cmpstr (reply->post_external_id, ==, "hFleuve2026");

  /* textOriginal, not the HTML of textDisplay */
  html = find (f, VIGIE_PLATFORM_YOUTUBE, "UgzHautFleuve002AaABAg");
  g_assert_cmpstr (html->text, ==, "Great video & music 🎶\nWorking there since 2019, best team.");

  held = find (f, VIGIE_PLATFORM_YOUTUBE, "UgzHautFleuve003AaABAg");
  g_assert_true (held->hidden);

  /* comments.list of replies: no videoId, the parent says where */
  later = find (f, VIGIE_PLATFORM_YOUTUBE, "UgzHautFleuve001AaABAg.AHautFleuve03");
  g_assert_cmpstr (later->parent_external_id, ==, "UgzHautFleuve001AaABAg");
  g_assert_cmpstr (later->text, ==, "Je confirme, j’ai postulé la semaine passée");

  video = find_post (f, VIGIE_PLATFORM_YOUTUBE, "hFleuve2026");
  g_assert_nonnull (video);
  g_assert_cmpstr (video->page_external_id, ==, "UChautFleuve000000000001");
  g_assert_cmpstr (video->page_name, ==, "CIUSSS du Haut-Fleuve");
  g_assert_cmpstr (video->text, ==, "Travailler au CIUSSS du Haut-Fleuve | Work with us\n\n"
                   "Découvrez nos équipes de Saint-Aubin-des-Caps et de Rivière-aux-Hérons.");
  g_assert_cmpint (video->created, ==, ts ("2026-11-08T13:00:00Z"));
  g_assert_cmpuint (video->n_comments, ==, 5);
}

static VigieComment *
find_by_text (Fixture    *f,
              const char *prefix)
{
  VigieQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = vigie_store_query_ids (f->store, &query, NULL, &error);
  g_autoptr(GPtrArray) comments = NULL;

  g_assert_no_error (error);
  comments = vigie_store_get_comments (f->store, (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < comments->len; i++)
    {
      VigieComment *c = g_ptr_array_index (comments, i);
      if (g_str_has_prefix (c->text, prefix))
        return vigie_comment_ref (c);
    }
  return NULL;
}

static void
test_csv_french (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) merci = NULL, lavoie = NULL;
  g_autofree char *first_id = NULL;
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "export-fr.csv", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, 3);

  merci = find_by_text (f, "Merci pour l'info");
  g_assert_nonnull (merci);
  g_assert_cmpint (merci->platform, ==, VIGIE_PLATFORM_FACEBOOK);
  g_assert_cmpstr (merci->text, ==, "Merci pour l'info; je vais le dire à ma sœur 😊");
  g_assert_cmpstr (merci->author_name, ==, "Ginette Bouchard");
  g_assert_cmpstr (merci->author_external_id, ==, "https://www.facebook.com/ginette.bouchard.98");
  /* Day first in a French file */
  g_assert_cmpint (merci->created, ==, ts ("2026-11-05T14:10:00Z"));
  g_assert_cmpint (merci->like_count, ==, 3);
  /* The post's link becomes the Graph API id of the post */
  g_assert_cmpstr (merci->post_external_id, ==, "305000000001_780000000000001");
  /* No id column: an id made from the content */
  g_assert_true (g_str_has_prefix (merci->external_id, "csv-"));
  first_id = g_strdup (merci->external_id);

  /* Quotes doubled, a delimiter and a CRLF inside quotes, "1 024" */
  lavoie = find_by_text (f, "Au téléphone");
  g_assert_nonnull (lavoie);
  g_assert_cmpstr (lavoie->author_name, ==, "Lavoie, Réjean");
  g_assert_cmpstr (lavoie->text, ==,
                   "Au téléphone on m'a dit \"pas avant janvier\"…\r\nC'est-tu vrai?");
  g_assert_cmpint (lavoie->created, ==, ts ("2026-11-06T09:05:30Z"));
  g_assert_cmpint (lavoie->like_count, ==, 1024);

  /* The made-up ids are stable: a second import changes nothing */
  g_assert_true (import (f, &stats, &error, "export-fr.csv", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 0);
  g_assert_cmpuint (stats.n_unchanged, ==, 3);
  g_clear_pointer (&merci, vigie_comment_unref);
  merci = find_by_text (f, "Merci pour l'info");
  g_assert_cmpstr (merci->external_id, ==, first_id);
}

static void
test_csv_english (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) bravo = NULL, spam = NULL;
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "export-en.csv", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, 2);

  bravo = find (f, VIGIE_PLATFORM_INSTAGRAM, "ig-5501");
  g_assert_nonnull (bravo);
  g_assert_cmpstr (bravo->text, ==, "Bravo à l'équipe de la maternité! 👏");
  g_assert_cmpstr (bravo->post_external_id, ==, "17900000000000101");
  g_assert_cmpstr (bravo->author_external_id, ==, "17841400000009001");
  g_assert_cmpstr (bravo->author_name, ==, "paul.ouellet");
  g_assert_cmpint (bravo->created, ==, ts ("2026-11-06T15:00:00Z"));
  g_assert_cmpint (bravo->like_count, ==, 7);
  g_assert_false (bravo->hidden);
  g_assert_cmpstr (bravo->permalink, ==, "https://www.instagram.com/p/HautFleuve01/");

  spam = find (f, VIGIE_PLATFORM_INSTAGRAM, "ig-5502");
  g_assert_nonnull (spam);
  g_assert_true (spam->hidden);
  g_assert_cmpint (spam->created, ==, ts ("2026-11-06T15:30:00Z"));
}

static void
test_csv_takeout (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) mine = NULL, reply = NULL, old = NULL;
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "takeout-comments.csv", "takeout-old.csv", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, 3);

  /* Segments joined; a raw line break inside a segment kept */
  mine = find (f, VIGIE_PLATFORM_YOUTUBE, "UgzTakeout0001AaABAg");
  g_assert_nonnull (mine);
  g_assert_cmpstr (mine->text, ==, "Je travaille là depuis 2021 \net je recommande! 💙");
  g_assert_cmpstr (mine->post_external_id, ==, "hFleuve2026");
  g_assert_cmpstr (mine->author_external_id, ==, "UCmyOwnChannel00000000001");
  g_assert_cmpint (mine->created, ==, ts ("2026-11-08T18:00:00Z"));
  g_assert_null (mine->parent_external_id);

  reply = find (f, VIGIE_PLATFORM_YOUTUBE, "UgzHautFleuve001AaABAg.ATakeout0002");
  g_assert_cmpstr (reply->parent_external_id, ==, "UgzHautFleuve001AaABAg");
  g_assert_cmpstr (reply->text, ==, "@sylvie.harvey bonne chance!");

  old = find (f, VIGIE_PLATFORM_YOUTUBE, "UgzTakeoutOld1AaABAg");
  g_assert_cmpstr (old->text, ==, "Les horaires sont ici : haut-fleuve.example/horaires");
  g_assert_cmpstr (old->post_external_id, ==, "oldVideo2024");
}

static void
test_export_facebook (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) repaired = NULL, apostrophe = NULL, latin1 = NULL, gif = NULL;
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "fb-dyi-comments.json", NULL));
  g_assert_no_error (error);
  /* Five entries; one kept no text */
  g_assert_cmpuint (stats.n_comments, ==, 4);

  repaired = find_by_text (f, "Très bonne nouvelle");
  g_assert_nonnull (repaired);
  g_assert_cmpint (repaired->platform, ==, VIGIE_PLATFORM_FACEBOOK);
  g_assert_cmpstr (repaired->text, ==, "Très bonne nouvelle, ça va aider les familles 👍");
  g_assert_cmpstr (repaired->author_name, ==, "Luc Tremblay");
  g_assert_cmpint (repaired->created, ==, 1793900000);
  g_assert_true (g_str_has_prefix (repaired->external_id, "dyi-"));

  apostrophe = find_by_text (f, "Ginette, c");
  g_assert_cmpstr (apostrophe->text, ==, "Ginette, c’est le P2 qu’il faut prendre.");

  /* Correctly escaped Latin-1 text is not "repaired" */
  latin1 = find_by_text (f, "Le caf");
  g_assert_cmpstr (latin1->text, ==, "Le café est offert à l'entrée");

  gif = find_by_text (f, "https://");
  g_assert_cmpstr (gif->text, ==, "https://media.tenor.example/bravo.gif");

  /* Stable ids */
  g_assert_true (import (f, &stats, &error, "fb-dyi-comments.json", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 0);
  g_assert_cmpuint (stats.n_unchanged, ==, 4);
}

static void
test_export_instagram (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) english = NULL, french = NULL, old = NULL;
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "ig-dyi-post_comments_1.json", "ig-dyi-old.json",
                         NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, 3);

  english = find_by_text (f, "Félicitations");
  g_assert_nonnull (english);
  g_assert_cmpint (english->platform, ==, VIGIE_PLATFORM_INSTAGRAM);
  g_assert_cmpstr (english->text, ==, "Félicitations à toute l’équipe 🎉");
  g_assert_cmpint (english->created, ==, 1793910000);

  /* French names, mojibake themselves */
  french = find_by_text (f, "Hâte");
  g_assert_nonnull (french);
  g_assert_cmpstr (french->text, ==, "Hâte de voir ça!");
  g_assert_cmpint (french->created, ==, 1793911000);

  old = find_by_text (f, "Très beau");
  g_assert_nonnull (old);
  g_assert_cmpstr (old->text, ==, "Très beau projet, bravo");
  g_assert_cmpint (old->created, ==, 1793912000);
}

/* Batches */

static void
test_folder (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) reply = NULL;
  VigieImportStats stats = { 0 };

  /* Three pages in name order; the hidden ".page-0.json" (not JSON) and the
   * notes in README.txt are left out; page 2 repeats the last comment of
   * page 1 */
  g_assert_true (import (f, &stats, &error, "fb-paged", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_files, ==, 3);
  g_assert_cmpuint (stats.n_comments, ==, 8);
  g_assert_cmpuint (stats.n_inserted, ==, 7);
  g_assert_cmpuint (stats.n_unchanged, ==, 1);
  g_assert_cmpint (count_comments (f), ==, 7);

  reply = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000003_782000000000005");
  g_assert_cmpstr (reply->parent_external_id, ==, "780000000000003_782000000000004");
  g_assert_cmpstr (reply->post_external_id, ==, "305000000001_780000000000003");
  g_assert_cmpstr (reply->author_name, ==, "Amélie Fortin");
}

static void
test_idempotent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  VigieImportStats stats = { 0 };
  guint64 n;

  g_assert_true (import (f, &stats, &error, "fb-feed.json", "fb-paged", "ig-media.json",
                         "yt-threads.json", "export-fr.csv", "fb-dyi-comments.json", NULL));
  g_assert_no_error (error);
  n = stats.n_comments;
  g_assert_cmpuint (stats.n_inserted, ==, n - 1);   /* one overlap */
  before = snapshot (f);

  g_assert_true (import (f, &stats, &error, "fb-feed.json", "fb-paged", "ig-media.json",
                         "yt-threads.json", "export-fr.csv", "fb-dyi-comments.json", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, n);
  g_assert_cmpuint (stats.n_inserted, ==, 0);
  g_assert_cmpuint (stats.n_updated, ==, 0);
  g_assert_cmpuint (stats.n_unchanged, ==, n);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* A page saved again later, where the page hid a comment and someone
 * edited theirs: updated in place */
static void
test_overlap_update (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) edited = NULL;
  g_autofree char *page = NULL;
  g_autofree char *later = g_build_filename (f->dir, "page-2-later.json", NULL);
  VigieImportStats stats = { 0 };
  GString *text;
  gsize len;

  g_assert_true (import (f, &stats, &error, "fb-paged/page-1.json", "fb-paged/page-2.json", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 5);

  page = read_fixture ("fb-paged/page-2.json", &len);
  text = g_string_new_len (page, len);
  g_string_replace (text, "répond jamais", "répond toujours pas", 1);
  g_string_replace (text, "\"is_hidden\": false", "\"is_hidden\": true", 1);
  g_assert_true (g_file_set_contents (later, text->str, text->len, NULL));
  g_string_free (text, TRUE);

  g_assert_true (import (f, &stats, &error, "fb-paged/page-2.json", later, "fb-paged/page-3.json",
                         NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, 3 + 3 + 2);
  g_assert_cmpuint (stats.n_inserted, ==, 2);
  g_assert_cmpuint (stats.n_updated, ==, 2);
  g_assert_cmpuint (stats.n_unchanged, ==, 4);
  g_assert_cmpint (count_comments (f), ==, 7);

  edited = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000003_782000000000004");
  g_assert_cmpstr (edited->text, ==,
                   "Le numéro de téléphone ne répond toujours pas, j’ai essayé 5 fois aujourd’hui");
}

/* Detection looks at the content only */
static void
test_detect (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    const char  *name;
    VigieFormat  format;
  } cases[] = {
    { "fb-feed.json", VIGIE_FORMAT_FACEBOOK_GRAPH },
    { "fb-paged/page-3.json", VIGIE_FORMAT_FACEBOOK_GRAPH },
    { "fb-comments-noid.json", VIGIE_FORMAT_FACEBOOK_GRAPH },
    { "fb-comment.json", VIGIE_FORMAT_FACEBOOK_GRAPH },
    { "ig-media.json", VIGIE_FORMAT_INSTAGRAM_GRAPH },
    { "ig-comments.json", VIGIE_FORMAT_INSTAGRAM_GRAPH },
    { "ig-comment.json", VIGIE_FORMAT_INSTAGRAM_GRAPH },
    { "yt-threads.json", VIGIE_FORMAT_YOUTUBE_DATA },
    { "yt-comments.json", VIGIE_FORMAT_YOUTUBE_DATA },
    { "yt-videos.json", VIGIE_FORMAT_YOUTUBE_DATA },
    { "export-fr.csv", VIGIE_FORMAT_CSV },
    { "export-en.csv", VIGIE_FORMAT_CSV },
    { "takeout-comments.csv", VIGIE_FORMAT_CSV },
    { "fb-dyi-comments.json", VIGIE_FORMAT_FACEBOOK_EXPORT },
    { "ig-dyi-post_comments_1.json", VIGIE_FORMAT_INSTAGRAM_EXPORT },
    { "ig-dyi-old.json", VIGIE_FORMAT_INSTAGRAM_EXPORT },
    { "bad/other-shape.json", VIGIE_FORMAT_UNKNOWN },
    { "bad/truncated.json", VIGIE_FORMAT_UNKNOWN },
    { "bad/binary.png", VIGIE_FORMAT_UNKNOWN },
  };
  static const struct
  {
    const char    *from;
    const char    *as;
    const char    *id;
    VigiePlatform  platform;
  } misnamed[] = {
    { "fb-feed.json", "comments.csv", "780000000000001_781000000000001", VIGIE_PLATFORM_FACEBOOK },
    { "export-en.csv", "feed.json", "ig-5501", VIGIE_PLATFORM_INSTAGRAM },
    { "yt-threads.json", "instagram-media.json", "UgzHautFleuve002AaABAg", VIGIE_PLATFORM_YOUTUBE },
    { "ig-media.json", "facebook-feed.json", "17910000000000103", VIGIE_PLATFORM_INSTAGRAM },
    { "fb-dyi-comments.json", "youtube.txt", NULL, VIGIE_PLATFORM_FACEBOOK },
  };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  VigieImportStats stats = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len;
      g_autofree char *contents = read_fixture (cases[i].name, &len);
      VigieFormat format = vigie_import_detect (contents, len);

      if (format != cases[i].format)
        g_error ("%s: detected as %s, not %s", cases[i].name, vigie_format_to_string (format),
                 vigie_format_to_string (cases[i].format));
    }
  g_assert_cmpint (vigie_import_detect ("", 0), ==, VIGIE_FORMAT_UNKNOWN);

  /* Names that lie */
  for (guint i = 0; i < G_N_ELEMENTS (misnamed); i++)
    {
      gsize len;
      g_autofree char *contents = read_fixture (misnamed[i].from, &len);
      char *path = g_build_filename (f->dir, misnamed[i].as, NULL);

      g_assert_true (g_file_set_contents (path, contents, len, NULL));
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  g_assert_true (vigie_import_files (f->store, (const char * const *) paths->pdata, NULL, NULL,
                                     NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_comments, ==, 7 + 2 + 5 + 3 + 4);
  for (guint i = 0; i < G_N_ELEMENTS (misnamed); i++)
    if (misnamed[i].id != NULL)
      {
        g_autoptr(VigieComment) c = find (f, misnamed[i].platform, misnamed[i].id);
        g_assert_nonnull (c);
      }
}

static void
test_formats (void)
{
  static const VigieFormat formats[] = {
    VIGIE_FORMAT_UNKNOWN, VIGIE_FORMAT_FACEBOOK_GRAPH, VIGIE_FORMAT_INSTAGRAM_GRAPH,
    VIGIE_FORMAT_YOUTUBE_DATA, VIGIE_FORMAT_CSV, VIGIE_FORMAT_FACEBOOK_EXPORT,
    VIGIE_FORMAT_INSTAGRAM_EXPORT,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (vigie_format_to_string (VIGIE_FORMAT_FACEBOOK_GRAPH), ==, "facebook-graph");
  g_assert_cmpstr (vigie_format_to_string (VIGIE_FORMAT_CSV), ==, "csv");
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *name = vigie_format_to_string (formats[i]);
      const char *display = vigie_format_get_display_name (formats[i]);

      g_assert_true (g_hash_table_add (seen, (gpointer) name));
      g_assert_nonnull (display);
      g_assert_cmpstr (display, !=, "");
    }
}

typedef struct
{
  GPtrArray *posts;
  GPtrArray *comments;
  guint      fail_at;    /* the sink fails on this comment (from 1); 0 never */
} Collector;

static gboolean
collect_post (gpointer                user_data,
              const VigiePostRecord  *post,
              GError                **error)
{
  Collector *c = user_data;

  g_ptr_array_add (c->posts, g_strdup (post->external_id));
  return TRUE;
}

static gboolean
collect_comment (gpointer                   user_data,
                 const VigieCommentRecord  *comment,
                 GError                   **error)
{
  Collector *c = user_data;

  g_ptr_array_add (c->comments, g_strdup (comment->external_id));
  if (c->fail_at != 0 && c->comments->len == c->fail_at)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "full");
      return FALSE;
    }
  return TRUE;
}

/* vigie_import_parse on its own: the sink sees each record, and stops the
 * parse when it fails */
static void
test_parse_sink (void)
{
  static const VigieImportSink sink = { collect_post, collect_comment };
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (g_free);
  Collector c = { posts, comments, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  VigieFormat format;
  gsize len;

  contents = read_fixture ("fb-feed.json", &len);
  g_assert_true (vigie_import_parse ("fb-feed.json", contents, len, &sink, &c, &format, &error));
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, VIGIE_FORMAT_FACEBOOK_GRAPH);
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpuint (comments->len, ==, 7);
  /* In file order, each reply after its comment */
  g_assert_cmpstr (g_ptr_array_index (comments, 4), ==, "780000000000001_781000000000005");
  g_assert_cmpstr (g_ptr_array_index (comments, 5), ==, "780000000000001_781000000000006");

  g_ptr_array_set_size (comments, 0);
  c.fail_at = 2;
  g_assert_false (vigie_import_parse ("fb-feed.json", contents, len, &sink, &c, &format, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (comments->len, ==, 2);

  /* A sink without callbacks only validates */
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  contents = read_fixture ("export-fr.csv", &len);
  g_assert_true (vigie_import_parse ("export-fr.csv", contents, len, NULL, NULL, &format, &error));
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, VIGIE_FORMAT_CSV);
}

/* The demo workspace */

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  const char *source = g_getenv ("VIGIE_SOURCE_DIR");
  g_autofree char *dir = source ? g_build_filename (source, "data", "demo", NULL)
                                : g_test_build_filename (G_TEST_DIST, "..", "data", "demo", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(VigieComment) reply = NULL, ig_reply = NULL, yt = NULL;
  g_autoptr(VigiePost) video = NULL;
  VigieImportStats stats = { 0 };
  const char *folder[] = { NULL, NULL };
  const char *name;

  gdir = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_assert_cmpuint (paths->len, ==, 7);

  /* The folder as a whole: its README.md and ANSWERS.md are left out */
  folder[0] = dir;
  g_assert_true (vigie_import_files (f->store, folder, NULL, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_files, ==, 7);
  g_assert_cmpuint (stats.n_posts, ==, 16);
  g_assert_cmpuint (stats.n_comments, ==, 457);
  g_assert_cmpuint (stats.n_inserted, ==, 457);
  g_assert_cmpint (count_comments (f), ==, 457);

  posts = vigie_store_list_posts (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 16);

  reply = find (f, VIGIE_PLATFORM_FACEBOOK, "900000000000013_910000000000368");
  g_assert_nonnull (reply);
  g_assert_cmpstr (reply->parent_external_id, ==, "900000000000013_910000000000367");
  g_assert_cmpstr (reply->post_external_id, ==, "104758392011_900000000000013");

  ig_reply = find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000015");
  g_assert_nonnull (ig_reply);
  g_assert_cmpstr (ig_reply->parent_external_id, ==, "17910000000000002");
  g_assert_cmpstr (ig_reply->post_external_id, ==, "17900000000000002");

  yt = find (f, VIGIE_PLATFORM_YOUTUBE, "UgxDemo020Kb7rQ2AaABAg");
  g_assert_nonnull (yt);
  g_assert_cmpstr (yt->post_external_id, ==, "cBoreal2026a");
  video = find_post (f, VIGIE_PLATFORM_YOUTUBE, "cBoreal2026a");
  g_assert_nonnull (video);
  g_assert_true (g_str_has_prefix (video->text, "Travailler au CISSS de la Côte-Boréale"));
  g_assert_cmpstr (video->page_name, ==, "CISSS de la Côte-Boréale");

  g_assert_true (vigie_import_files (f->store, folder, NULL, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_inserted, ==, 0);
  g_assert_cmpuint (stats.n_unchanged, ==, 457);
}

/* Bad input: the error names the file and the place, and the workspace is
 * exactly as it was, though good files came first in the batch */

typedef struct
{
  const char       *test;
  const char       *fixture;                 /* a committed bad file, or NULL */
  gboolean        (*make) (const char *path); /* else, writes it; FALSE to skip */
  const char       *file_name;
  int               code;
  const char       *place;                   /* in the message; NULL when none applies */
} BadCase;

static gboolean
make_empty (const char *path)
{
  return g_file_set_contents (path, "", 0, NULL);
}

static gboolean
make_blank (const char *path)
{
  return g_file_set_contents (path, " \r\n\t\n", -1, NULL);
}

static gboolean
make_deep (const char *path)
{
  g_autofree char *text = g_strnfill (100000, '[');

  return g_file_set_contents (path, text, -1, NULL);
}

/* A Graph page whose comment is a 200 MB string, written in chunks */
static gboolean
make_huge_string (const char *path)
{
  FILE *out = fopen (path, "w");
  g_autofree char *chunk = g_strnfill (1024 * 1024, 'a');

  g_assert_nonnull (out);
  fputs ("{\"data\":[{\"id\":\"1_2\",\"message\":\"", out);
  for (guint i = 0; i < 200; i++)
    g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, out), ==, 1024 * 1024);
  fputs ("\"}]}", out);
  return fclose (out) == 0;
}

/* Over the file size limit, without the disk space: a sparse file */
static gboolean
make_oversized (const char *path)
{
  int fd = open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  gboolean ok;

  g_assert_cmpint (fd, >=, 0);
  ok = ftruncate (fd, VIGIE_IMPORT_MAX_FILE_SIZE + 1) == 0;
  close (fd);
  return ok;
}

static gboolean
make_nothing (const char *path)
{
  return TRUE;
}

static const BadCase bad_cases[] = {
  { "empty", NULL, make_empty, "empty.json", VIGIE_IMPORT_ERROR_EMPTY, NULL },
  { "blank", NULL, make_blank, "blank.csv", VIGIE_IMPORT_ERROR_EMPTY, NULL },
  { "truncated", "bad/truncated.json", NULL, "truncated.json", VIGIE_IMPORT_ERROR_SYNTAX,
    "line 7, column 46" },
  { "other-shape", "bad/other-shape.json", NULL, "other-shape.json",
    VIGIE_IMPORT_ERROR_UNKNOWN_FORMAT, "line 1, column 1" },
  { "missing-comment-column", "bad/missing-comment.csv", NULL, "missing-comment.csv",
    VIGIE_IMPORT_ERROR_SHAPE, "line 1" },
  { "broken-quote", "bad/broken-quote.csv", NULL, "broken-quote.csv", VIGIE_IMPORT_ERROR_SYNTAX,
    "record 2 (line 4)" },
  { "invalid-utf8-json", "bad/latin1.json", NULL, "latin1.json", VIGIE_IMPORT_ERROR_ENCODING,
    "line 4, column 20" },
  { "invalid-utf8-csv", "bad/latin1.csv", NULL, "latin1.csv", VIGIE_IMPORT_ERROR_ENCODING,
    "record 2 (line 3)" },
  { "utf16", "bad/utf16.csv", NULL, "utf16.csv", VIGIE_IMPORT_ERROR_ENCODING, NULL },
  { "binary", "bad/binary.png", NULL, "binary.png", VIGIE_IMPORT_ERROR_UNKNOWN_FORMAT, NULL },
  { "wrong-type", "bad/wrong-type.json", NULL, "wrong-type.json", VIGIE_IMPORT_ERROR_SHAPE,
    "line 3, column 55" },
  { "bad-date-json", "bad/bad-date.json", NULL, "bad-date.json", VIGIE_IMPORT_ERROR_SHAPE,
    "line 4, column 19" },
  { "bad-date-csv", "bad/bad-date.csv", NULL, "bad-date.csv", VIGIE_IMPORT_ERROR_SHAPE,
    "record 2 (line 3)" },
  { "youtube-search", "bad/youtube-search.json", NULL, "youtube-search.json",
    VIGIE_IMPORT_ERROR_SHAPE, "line 3, column 3" },
  { "huge-string", NULL, make_huge_string, "huge.json", VIGIE_IMPORT_ERROR_TOO_LARGE,
    "line 1, column 32" },
  { "deep-nesting", NULL, make_deep, "deep.json", VIGIE_IMPORT_ERROR_TOO_DEEP,
    "line 1, column 65" },
  { "oversized-file", NULL, make_oversized, "oversized.json", VIGIE_IMPORT_ERROR_TOO_LARGE, NULL },
  { "missing-file", NULL, make_nothing, "nowhere.json", VIGIE_IMPORT_ERROR_IO, NULL },
};

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *later = g_build_filename (f->dir, "page-1-later.json", NULL);
  g_autofree char *page = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(VigieComment) unchanged = NULL;
  VigieImportStats stats = { 0 };
  gint64 count;
  double rss;
  GString *text;
  gsize len;

  /* What the workspace holds before */
  g_assert_true (import (f, &stats, &error, "fb-feed.json", "fb-paged/page-1.json", NULL));
  g_assert_no_error (error);
  count = count_comments (f);
  before = snapshot (f);

  if (bad->fixture != NULL)
    bad_path = fixture_path (bad->fixture);
  else
    {
      bad_path = g_build_filename (f->dir, bad->file_name, NULL);
      if (!bad->make (bad_path))
        {
          g_test_skip ("Cannot write the bad file here (no sparse files?)");
          return;
        }
    }

  /* A good page that changes stored comments, new comments, then the bad file */
  page = read_fixture ("fb-paged/page-1.json", &len);
  text = g_string_new_len (page, len);
  g_assert_cmpuint (g_string_replace (text, "\"is_hidden\": false", "\"is_hidden\": true", 0),
                    ==, 3);
  g_assert_true (g_file_set_contents (later, text->str, text->len, NULL));
  g_string_free (text, TRUE);

  rss = peak_rss_mb ();
  g_assert_false (import (f, &stats, &error, later, "ig-media.json", "yt-threads.json",
                          bad_path, "export-en.csv", NULL));
  g_assert_error (error, VIGIE_IMPORT_ERROR, bad->code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, bad->file_name) == NULL)
    g_error ("The file name “%s” is not in “%s”", bad->file_name, error->message);
  if (bad->place != NULL)
    {
      g_autofree char *where = g_strconcat (bad->file_name, ", ", bad->place, ":", NULL);
      if (strstr (error->message, where) == NULL)
        g_error ("“%s” is not in “%s”", where, error->message);
    }
  /* A 200 MB file is refused without being read */
  g_assert_cmpfloat (peak_rss_mb () - rss, <, 64);

  g_assert_cmpint (count_comments (f), ==, count);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  unchanged = find (f, VIGIE_PLATFORM_FACEBOOK, "780000000000003_782000000000001");
  g_assert_false (unchanged->hidden);
  g_assert_null (find (f, VIGIE_PLATFORM_INSTAGRAM, "17910000000000101"));

  /* The workspace still takes a good batch */
  g_clear_error (&error);
  g_assert_true (import (f, &stats, &error, later, "ig-media.json", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_updated, ==, 3);
  g_assert_cmpuint (stats.n_inserted, ==, 3);
  if (bad->fixture == NULL)
    g_unlink (bad_path);
}

/* Cancellation */

typedef struct
{
  GCancellable *cancellable;
  guint         at_files;       /* cancel once this many files are done */
  guint64       at_comments;    /* or once this many comments are read */
  guint         calls;
  guint         last_files_done;
  guint         files_total;
} ProgressData;

static void
progress_cb (guint     files_done,
             guint     files_total,
             guint64   comments_read,
             gpointer  user_data)
{
  ProgressData *p = user_data;

  p->calls++;
  g_assert_cmpuint (files_done, >=, p->last_files_done);
  p->last_files_done = files_done;
  p->files_total = files_total;
  if ((p->at_files > 0 && files_done >= p->at_files) ||
      (p->at_comments > 0 && comments_read >= p->at_comments))
    g_cancellable_cancel (p->cancellable);
}

/* A /{post}/comments page of @n comments */
static void
write_big_page (const char *path,
                guint       n)
{
  GString *out = g_string_new ("{\"data\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s{\"id\":\"780000000000005_79%09u\",\"message\":\"Commentaire "
                            "numéro %u\",\"created_time\":\"2026-11-10T10:00:00+0000\","
                            "\"from\":{\"name\":\"Personne %u\",\"id\":\"70%08u\"},"
                            "\"permalink_url\":\"https://www.facebook.com/305000000001/posts/"
                            "780000000000005/?comment_id=79%09u\"}",
                            i ? "," : "", i, i, i % 50, i % 50, i);
  g_string_append (out, "]}");
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
  g_string_free (out, TRUE);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_build_filename (f->dir, "big.json", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *feed = fixture_path ("fb-feed.json");
  g_autofree char *ig = fixture_path ("ig-media.json");
  g_autofree char *yt = fixture_path ("yt-threads.json");
  const char *paths[] = { feed, ig, yt, NULL };
  const char *big_paths[] = { ig, big, yt, NULL };
  ProgressData p = { cancellable, 0, 0, 0, 0, 0 };
  VigieImportStats stats = { 0 };

  g_assert_true (import (f, &stats, &error, "fb-paged", NULL));
  g_assert_no_error (error);
  before = snapshot (f);

  /* Cancelled before it starts */
  g_cancellable_cancel (cancellable);
  g_assert_false (vigie_import_files (f->store, paths, cancellable, NULL, NULL, &stats, &error));
  g_assert_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "fb-feed.json"));
  g_clear_error (&error);

  /* Cancelled between two files: the first one is not kept either */
  g_cancellable_reset (cancellable);
  p.at_files = 1;
  g_assert_false (vigie_import_files (f->store, paths, cancellable, progress_cb, &p, &stats,
                                      &error));
  g_assert_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "ig-media.json"));
  g_assert_cmpuint (p.files_total, ==, 3);
  g_clear_error (&error);

  /* Cancelled in the middle of a large file */
  write_big_page (big, 20000);
  g_cancellable_reset (cancellable);
  p.at_files = 0;
  p.at_comments = 8192;
  p.last_files_done = 0;
  g_assert_false (vigie_import_files (f->store, big_paths, cancellable, progress_cb, &p, &stats,
                                      &error));
  g_assert_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "big.json"));

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* Not cancelled: progress reaches the end */
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  p.at_comments = 0;
  p.calls = 0;
  p.last_files_done = 0;
  g_assert_true (vigie_import_files (f->store, big_paths, cancellable, progress_cb, &p, &stats,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.last_files_done, ==, 3);
  g_assert_cmpuint (p.calls, >=, 4);
  g_assert_cmpuint (stats.n_comments, ==, 3 + 20000 + 5);
}

/* In a thread */

typedef struct
{
  gboolean          done;
  gboolean          ok;
  GError           *error;
  VigieImportStats  stats;
} AsyncResult;

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = vigie_import_files_finish (VIGIE_STORE (source), result, &r->stats, &r->error);
  r->done = TRUE;
}

static void
thread_progress_cb (guint     files_done,
                    guint     files_total,
                    guint64   comments_read,
                    gpointer  user_data)
{
  g_atomic_int_inc ((int *) user_data);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *feed = fixture_path ("fb-feed.json");
  g_autofree char *folder = fixture_path ("fb-paged");
  g_autofree char *bad = fixture_path ("bad/truncated.json");
  const char *paths[] = { feed, folder, NULL };
  const char *bad_paths[] = { feed, bad, NULL };
  AsyncResult r = { 0 };
  int calls = 0;

  vigie_import_files_async (f->store, paths, NULL, thread_progress_cb, &calls, import_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.stats.n_files, ==, 4);
  g_assert_cmpuint (r.stats.n_inserted, ==, 14);
  g_assert_cmpint (g_atomic_int_get (&calls), >=, 5);
  /* Written through the thread's own connection, seen through ours */
  g_assert_cmpint (count_comments (f), ==, 14);

  /* A failure, then a cancellation */
  memset (&r, 0, sizeof r);
  vigie_import_files_async (f->store, bad_paths, NULL, NULL, NULL, import_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (r.ok);
  g_assert_error (r.error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_SYNTAX);
  g_clear_error (&r.error);

  memset (&r, 0, sizeof r);
  g_cancellable_cancel (cancellable);
  vigie_import_files_async (f->store, paths, cancellable, NULL, NULL, import_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (r.ok);
  g_assert_error (r.error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_CANCELLED);
  g_clear_error (&r.error);
  g_assert_cmpint (count_comments (f), ==, 14);
}

int
main (int argc, char **argv)
{
  /* English messages, whatever the machine's language */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/vigie/import/json/values", test_json_values);
  g_test_add_func ("/vigie/import/json/errors", test_json_errors);
  g_test_add_func ("/vigie/import/json/limits", test_json_limits);
  g_test_add_func ("/vigie/import/json/stream-and-shape", test_json_stream_and_shape);
  g_test_add_func ("/vigie/import/csv/reader", test_csv_reader);
  g_test_add_func ("/vigie/import/export/mojibake", test_mojibake);
  g_test_add_func ("/vigie/import/formats", test_formats);
  g_test_add_func ("/vigie/import/parse/sink", test_parse_sink);
  ADD ("/vigie/import/graph/facebook-feed", test_facebook_feed);
  ADD ("/vigie/import/graph/facebook-comments", test_facebook_comments);
  ADD ("/vigie/import/graph/instagram", test_instagram);
  ADD ("/vigie/import/youtube", test_youtube);
  ADD ("/vigie/import/csv/french", test_csv_french);
  ADD ("/vigie/import/csv/english", test_csv_english);
  ADD ("/vigie/import/csv/takeout", test_csv_takeout);
  ADD ("/vigie/import/export/facebook", test_export_facebook);
  ADD ("/vigie/import/export/instagram", test_export_instagram);
  ADD ("/vigie/import/files/folder", test_folder);
  ADD ("/vigie/import/files/idempotent", test_idempotent);
  ADD ("/vigie/import/files/overlap-update", test_overlap_update);
  ADD ("/vigie/import/detect", test_detect);
  ADD ("/vigie/import/demo", test_demo);
  ADD ("/vigie/import/files/cancel", test_cancel);
  ADD ("/vigie/import/files/async", test_async);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/vigie/import/bad/", bad_cases[i].test, NULL);
      g_test_add (path, Fixture, &bad_cases[i], fixture_setup, test_bad_input, fixture_teardown);
    }

  return g_test_run ();
}
