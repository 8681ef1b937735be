/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "vigie-classifier.h"
#include "vigie-store.h"
#include "vigie-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vigie-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "workspace.vigie", NULL);
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
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
make_comment (VigieCommentRecord *r,
              const char         *id,
              const char         *post,
              const char         *parent,
              const char         *author,
              const char         *text,
              gint64              created)
{
  vigie_comment_record_init (r);
  r->platform = VIGIE_PLATFORM_FACEBOOK;
  r->external_id = g_strdup (id);
  r->post_external_id = g_strdup (post);
  r->parent_external_id = g_strdup (parent);
  r->author_id = author ? g_strdup (author) : NULL;
  r->author_name = author ? g_strdup_printf ("Name of %s", author) : NULL;
  r->text = g_strdup (text);
  r->created = created;
}

static void
add_comment (VigieStore *store,
             const char *id,
             const char *post,
             const char *parent,
             const char *author,
             const char *text,
             gint64      created)
{
  g_auto(VigieCommentRecord) r;
  g_autoptr(GError) error = NULL;
  VigieUpsertResult result;

  make_comment (&r, id, post, parent, author, text, created);
  g_assert_true (vigie_store_upsert_comment (store, &r, &result, &error));
  g_assert_no_error (error);
}

static gint64
count_all (VigieStore *store)
{
  VigieQuery q = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n = vigie_store_count (store, &q, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count_search (VigieStore *store,
              const char *search)
{
  VigieQuery q = { .search = search };
  g_autoptr(GError) error = NULL;
  gint64 n = vigie_store_count (store, &q, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_create_mode (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;

  /* Even with a permissive umask the workspace is private */
  mode_t old_umask = umask (0);
  store = vigie_store_open (f->path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  add_comment (store, "1_1", "1", NULL, "a", "Bonjour", 100);
  wal = g_strconcat (f->path, "-wal", NULL);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (vigie_store_get_schema_version (store), ==, VIGIE_STORE_SCHEMA_VERSION);
}

static void
test_create_wal (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (_vigie_store_get_db (store), "PRAGMA journal_mode", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
}

static void
test_migrate_v2_to_v3 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) old = NULL;
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(VigieComment) c = NULL;
  g_autoptr(VigieClassification) result = NULL;
  VigieFlag flag = { 0 };
  VigieSpan span = { 4, 9 };
  VigieQuery query = { 0 };

  /* A workspace written before classification results were stored */
  old = _vigie_store_open_at_version (f->path, 2, &error);
  g_assert_no_error (error);
  add_comment (old, "1_1", "1", NULL, "a", "Vous êtes des clowns", 100);
  g_clear_object (&old);

  store = vigie_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vigie_store_get_schema_version (store), ==, VIGIE_STORE_SCHEMA_VERSION);
  c = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "1_1", &error);
  g_assert_no_error (error);
  /* Not classified yet */
  g_assert_null (vigie_store_get_classification (store, c->id, &error));
  g_assert_no_error (error);
  query.category = "insult";
  g_assert_cmpint (vigie_store_count (store, &query, &error), ==, 0);

  result = vigie_classification_new ();
  flag.category = g_intern_static_string ("insult");
  flag.clause = g_intern_static_string ("CISSS §10");
  flag.rule = g_intern_static_string ("insult.addressed");
  flag.score = 0.8;
  flag.spans = g_array_new (FALSE, FALSE, sizeof (VigieSpan));
  g_array_append_val (flag.spans, span);
  g_array_append_val (result->flags, flag);
  result->action = g_intern_static_string ("hide");
  result->severity = 3;
  g_assert_true (vigie_store_save_classification (store, c->id, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vigie_store_count (store, &query, &error), ==, 1);
  g_clear_pointer (&result, vigie_classification_unref);
  result = vigie_store_get_classification (store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->action, ==, "hide");
  g_assert_cmpuint (result->flags->len, ==, 1);
  g_assert_cmpuint (g_array_index (g_array_index (result->flags, VigieFlag, 0).spans,
                                   VigieSpan, 0).end, ==, 9);
  /* Saving an unknown comment fails and changes nothing */
  g_assert_false (vigie_store_save_classification (store, 424242, result, &error));
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (vigie_store_count (store, &query, &error), ==, 1);
}

static void
test_migrate_v1_to_v2 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) old = NULL;
  g_autoptr(VigieStore) store = NULL;

  /* A workspace written before the search index existed */
  old = _vigie_store_open_at_version (f->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vigie_store_get_schema_version (old), ==, 1);
  add_comment (old, "1_1", "1", NULL, "a", "Les délais à l'Hôpital régional", 100);
  add_comment (old, "1_2", "1", NULL, "b", "Merci beaucoup", 200);
  g_clear_object (&old);

  store = vigie_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vigie_store_get_schema_version (store), ==, VIGIE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_all (store), ==, 2);
  /* The index was built over the rows already there */
  g_assert_cmpint (count_search (store, "hopital"), ==, 1);
  g_assert_cmpint (count_search (store, "merci"), ==, 1);
}

static void
test_migrate_newer_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autoptr(VigieStore) again = NULL;

  g_assert_no_error (error);
  add_comment (store, "1_1", "1", NULL, "a", "Bonjour", 100);
  g_assert_cmpint (sqlite3_exec (_vigie_store_get_db (store), "PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  again = vigie_store_open (f->path, &error);
  g_assert_null (again);
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "99"));
}

static void
test_open_not_a_workspace (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = NULL;
  g_autofree char *text_path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *other_db = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;

  /* A text file */
  g_assert_true (g_file_set_contents (text_path, "Ceci n'est pas une base de données.\n"
                                      "Just some notes, long enough to look like a header "
                                      "and more than a hundred bytes in all, to be sure.\n",
                                      -1, NULL));
  store = vigie_store_open (text_path, &error);
  g_assert_null (store);
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, text_path));
  g_clear_error (&error);
  /* and it was not modified */
  g_assert_true (g_file_get_contents (text_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "Ceci n'est pas"));

  /* Another program's SQLite database */
  g_assert_cmpint (sqlite3_open (other_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = vigie_store_open (other_db, &error);
  g_assert_null (store);
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_CORRUPT);
}

static void
test_upsert_idempotent (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_auto(VigieCommentRecord) r;
  g_autoptr(VigieComment) c = NULL;
  VigieUpsertResult result;

  g_assert_no_error (error);

  make_comment (&r, "10_1", "10", NULL, "u1", "Premier texte", 1000);
  r.like_count = 3;
  g_assert_true (vigie_store_upsert_comment (store, &r, &result, &error));
  g_assert_cmpint (result, ==, VIGIE_UPSERT_INSERTED);

  /* The same record again: nothing changes */
  g_assert_true (vigie_store_upsert_comment (store, &r, &result, &error));
  g_assert_cmpint (result, ==, VIGIE_UPSERT_UNCHANGED);
  g_assert_cmpint (count_all (store), ==, 1);

  /* Less known this time (no like count, no author name): still unchanged */
  r.like_count = -1;
  g_clear_pointer (&r.author_name, g_free);
  g_assert_true (vigie_store_upsert_comment (store, &r, &result, &error));
  g_assert_cmpint (result, ==, VIGIE_UPSERT_UNCHANGED);

  c = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "10_1", &error);
  g_assert_no_error (error);
  g_assert_true (vigie_store_set_comment_status (store, c->id, VIGIE_COMMENT_STATUS_HANDLED,
                                                 &error));
  g_clear_pointer (&c, vigie_comment_unref);

  /* Edited on the platform: updated in place, our status kept */
  g_free (r.text);
  r.text = g_strdup ("Texte modifié");
  r.hidden = TRUE;
  g_assert_true (vigie_store_upsert_comment (store, &r, &result, &error));
  g_assert_cmpint (result, ==, VIGIE_UPSERT_UPDATED);
  g_assert_cmpint (count_all (store), ==, 1);

  c = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "10_1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->text, ==, "Texte modifié");
  g_assert_true (c->hidden);
  g_assert_cmpint (c->like_count, ==, 3);
  g_assert_cmpstr (c->author_name, ==, "Name of u1");
  g_assert_cmpint (c->status, ==, VIGIE_COMMENT_STATUS_HANDLED);
  g_assert_cmpint (c->created, ==, 1000);

  /* The index follows the edit */
  g_assert_cmpint (count_search (store, "premier"), ==, 0);
  g_assert_cmpint (count_search (store, "modifie"), ==, 1);

  /* The same external id on another platform is another comment */
  r.platform = VIGIE_PLATFORM_INSTAGRAM;
  g_assert_true (vigie_store_upsert_comment (store, &r, &result, &error));
  g_assert_cmpint (result, ==, VIGIE_UPSERT_INSERTED);
  g_assert_cmpint (count_all (store), ==, 2);
}

static void
test_invalid_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_auto(VigieCommentRecord) r;

  make_comment (&r, "", "1", NULL, NULL, "Sans identifiant", 1);
  g_assert_false (vigie_store_upsert_comment (store, &r, NULL, &error));
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_free (r.external_id);
  r.external_id = g_strdup ("1_1");
  g_free (r.text);
  r.text = g_strdup ("caf\xe9");
  g_assert_false (vigie_store_upsert_comment (store, &r, NULL, &error));
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_INVALID);
  g_assert_cmpint (count_all (store), ==, 0);
}

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autoptr(GPtrArray) posts = NULL;
  VigiePostRecord post = { 0 };

  add_comment (store, "1_1", "1", NULL, "a", "Avant", 100);

  g_assert_true (vigie_store_begin (store, &error));
  g_assert_true (vigie_store_in_transaction (store));
  post.platform = VIGIE_PLATFORM_FACEBOOK;
  post.external_id = (char *) "2";
  post.page_id = (char *) "77";
  post.page_name = (char *) "Page";
  g_assert_true (vigie_store_upsert_post (store, &post, NULL, &error));
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("2_%d", i);
      add_comment (store, id, "2", NULL, "b", "Pendant", 200 + i);
    }
  g_assert_cmpint (count_all (store), ==, 101);
  vigie_store_rollback (store);
  g_assert_false (vigie_store_in_transaction (store));

  g_assert_cmpint (count_all (store), ==, 1);
  g_assert_cmpint (count_search (store, "pendant"), ==, 0);
  posts = vigie_store_list_posts (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 1);   /* the stub post of "1_1" only */

  /* The caches were dropped with the rows: the same ids work again */
  g_assert_true (vigie_store_begin (store, &error));
  add_comment (store, "2_0", "2", NULL, "b", "Après", 300);
  g_assert_true (vigie_store_commit (store, &error));
  g_assert_cmpint (count_all (store), ==, 2);
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autoptr(GString) long_text = g_string_new (NULL);
  gboolean failed = FALSE;

  add_comment (store, "1_1", "1", NULL, "a", "Déjà là", 100);
  g_assert_cmpint (count_all (store), ==, 1);

  /* A small page limit makes SQLite behave as on a full disk */
  g_assert_cmpint (sqlite3_exec (_vigie_store_get_db (store), "PRAGMA max_page_count = 60",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 200; i++)
    g_string_append (long_text, "Un commentaire assez long pour remplir les pages. ");

  g_assert_true (vigie_store_begin (store, &error));
  for (int i = 0; i < 1000 && !failed; i++)
    {
      g_auto(VigieCommentRecord) r;
      g_autofree char *id = g_strdup_printf ("2_%d", i);

      make_comment (&r, id, "2", NULL, "b", long_text->str, 200 + i);
      if (!vigie_store_upsert_comment (store, &r, NULL, &error))
        failed = TRUE;
    }
  g_assert_true (failed);
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, f->path));
  vigie_store_rollback (store);

  g_assert_cmpint (count_all (store), ==, 1);
  g_assert_cmpint (count_search (store, "deja"), ==, 1);
}

static void
test_search_accents (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);

  add_comment (store, "1_1", "1", NULL, "a", "L'HÔPITAL de Port-Boréal est débordé", 100);
  add_comment (store, "1_2", "1", NULL, "b", "hopital sans accent", 200);
  add_comment (store, "1_3", "1", NULL, "zoé", "Rien à voir: la clinique", 300);
  add_comment (store, "1_4", "1", NULL, "d", "Ça ne va pas, ÉLÈVE", 400);

  g_assert_cmpint (count_search (store, "hôpital"), ==, 2);
  g_assert_cmpint (count_search (store, "HOPITAL"), ==, 2);
  g_assert_cmpint (count_search (store, "hop"), ==, 2);              /* word starts */
  g_assert_cmpint (count_search (store, "deborde boreal"), ==, 1);   /* every word */
  g_assert_cmpint (count_search (store, "eleve"), ==, 1);
  g_assert_cmpint (count_search (store, "clinique hopital"), ==, 0);
  /* The author's name is searchable too */
  g_assert_cmpint (count_search (store, "ZOE"), ==, 1);
  /* Search syntax typed by a person is never an error */
  g_assert_cmpint (count_search (store, "\"hopital"), ==, 2);
  g_assert_cmpint (count_search (store, "hopital AND OR NOT"), ==, 0);
  g_assert_cmpint (count_search (store, "-hopital*"), ==, 2);
  g_assert_cmpint (count_search (store, "  ?!  "), ==, 4);           /* no words: no filter */
}

static void
test_build_match (void)
{
  g_autofree char *a = _vigie_store_build_match ("Hôpital  débordé");
  g_autofree char *b = _vigie_store_build_match ("say \"hi\"");
  g_autofree char *c = _vigie_store_build_match (" ... ");

  g_assert_cmpstr (a, ==, "\"Hôpital\"* \"débordé\"*");
  g_assert_cmpstr (b, ==, "\"say\"* \"\"\"hi\"\"\"*");
  g_assert_null (c);
}

static void
test_query_filters (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(VigieComment) c = NULL;
  VigiePostRecord post = { 0 };
  VigieQuery q = { 0 };
  gint64 post_a = 0, post_b = 0;

  post.platform = VIGIE_PLATFORM_FACEBOOK;
  post.page_id = (char *) "55";
  post.page_name = (char *) "CISSS de test";
  post.external_id = (char *) "55_1";
  post.text = (char *) "Clinique de vaccination";
  post.created = 50;
  g_assert_true (vigie_store_upsert_post (store, &post, &post_a, &error));
  post.external_id = (char *) "55_2";
  post.text = (char *) "Salon de l'emploi";
  post.created = 60;
  g_assert_true (vigie_store_upsert_post (store, &post, &post_b, &error));
  g_assert_no_error (error);

  add_comment (store, "1_1", "55_1", NULL, "alice", "un", 100);
  add_comment (store, "1_2", "55_1", NULL, "bob", "deux", 300);
  add_comment (store, "1_3", "55_2", NULL, "alice", "trois", 200);
  add_comment (store, "1_4", "55_2", "1_3", "carol", "quatre", 400);
  add_comment (store, "1_5", "99_9", NULL, "carol", "cinq", 500);   /* post not imported */

  ids = vigie_store_query_ids (store, &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 5);
  /* newest first */
  c = vigie_store_get_comment (store, g_array_index (ids, gint64, 0), &error);
  g_assert_cmpstr (c->text, ==, "cinq");
  g_clear_pointer (&c, vigie_comment_unref);
  g_clear_pointer (&ids, g_array_unref);

  q.sort = VIGIE_SORT_OLDEST;
  ids = vigie_store_query_ids (store, &q, NULL, &error);
  c = vigie_store_get_comment (store, g_array_index (ids, gint64, 0), &error);
  g_assert_cmpstr (c->text, ==, "un");
  g_clear_pointer (&c, vigie_comment_unref);
  g_clear_pointer (&ids, g_array_unref);

  q.post_id = post_a;
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 2);
  q.post_id = 0;

  pages = vigie_store_list_pages (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpstr (((VigiePage *) pages->pdata[0])->name, ==, "CISSS de test");
  g_assert_cmpuint (((VigiePage *) pages->pdata[0])->n_posts, ==, 2);
  g_assert_cmpuint (((VigiePage *) pages->pdata[0])->n_comments, ==, 4);
  q.page_id = ((VigiePage *) pages->pdata[0])->id;
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 4);
  q.page_id = 0;

  posts = vigie_store_list_posts (store, 0, &error);
  g_assert_cmpuint (posts->len, ==, 3);
  g_clear_pointer (&posts, g_ptr_array_unref);
  posts = vigie_store_list_posts (store, q.page_id = ((VigiePage *) pages->pdata[0])->id, &error);
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpstr (((VigiePost *) posts->pdata[0])->text, ==, "Salon de l'emploi");
  g_assert_cmpuint (((VigiePost *) posts->pdata[0])->n_comments, ==, 2);
  q.page_id = 0;

  c = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "1_1", &error);
  q.author_id = c->author_id;
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 2);
  q.author_id = 0;

  g_assert_true (vigie_store_set_comment_status (store, c->id, VIGIE_COMMENT_STATUS_HANDLED,
                                                 &error));
  q.view = VIGIE_VIEW_HANDLED;
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 1);
  q.view = VIGIE_VIEW_NEEDS_ACTION;
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 4);
  q.search = "quatre";
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 1);
  g_assert_no_error (error);

  g_assert_false (vigie_store_set_comment_status (store, 12345, VIGIE_COMMENT_STATUS_HANDLED,
                                                  &error));
  g_assert_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND);
}

static void
test_thread (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autoptr(VigieComment) middle = NULL;
  g_autoptr(GPtrArray) thread = NULL;

  /* A reply may arrive before its parent */
  add_comment (store, "1_3", "1", "1_2", "c", "réponse à la réponse", 300);
  add_comment (store, "1_1", "1", NULL, "a", "racine", 100);
  add_comment (store, "1_2", "1", "1_1", "b", "réponse", 200);
  add_comment (store, "1_4", "1", "1_2", "d", "autre réponse", 400);
  add_comment (store, "1_5", "1", NULL, "e", "autre racine", 500);

  middle = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "1_2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (middle->parent_id, !=, 0);
  thread = vigie_store_get_thread (store, middle->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 4);
  g_assert_cmpstr (((VigieComment *) thread->pdata[0])->text, ==, "racine");
  g_assert_cmpstr (((VigieComment *) thread->pdata[1])->text, ==, "réponse");
  g_assert_cmpstr (((VigieComment *) thread->pdata[2])->text, ==, "réponse à la réponse");
  g_assert_cmpstr (((VigieComment *) thread->pdata[3])->text, ==, "autre réponse");
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autofree char *name = NULL;
  g_autofree char *gone = NULL;

  g_assert_null (vigie_store_get_setting (store, "name"));
  g_assert_true (vigie_store_set_setting (store, "name", "Démo", &error));
  g_assert_true (vigie_store_set_setting (store, "name", "Démo Côte-Boréale", &error));
  g_clear_object (&store);
  store = vigie_store_open (f->path, &error);
  name = vigie_store_get_setting (store, "name");
  g_assert_cmpstr (name, ==, "Démo Côte-Boréale");
  g_assert_true (vigie_store_set_setting (store, "name", NULL, &error));
  gone = vigie_store_get_setting (store, "name");
  g_assert_null (gone);
}

static void
test_second_connection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autoptr(VigieStore) writer = vigie_store_open_connection (store, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (vigie_store_get_path (writer), ==, f->path);

  /* The reader keeps working while the writer holds a transaction */
  g_assert_true (vigie_store_begin (writer, &error));
  add_comment (writer, "1_1", "1", NULL, "a", "en cours", 100);
  g_assert_cmpint (count_all (store), ==, 0);
  g_assert_true (vigie_store_commit (writer, &error));
  g_assert_cmpint (count_all (store), ==, 1);
}

static void
test_author_by_name (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autoptr(VigieComment) c = NULL;
  VigieQuery q = { 0 };

  for (int i = 0; i < 3; i++)
    {
      g_auto(VigieCommentRecord) r;
      g_autofree char *id = g_strdup_printf ("csv_%d", i);

      make_comment (&r, id, "p", NULL, NULL, "texte", 10 * i);
      r.author_name = g_strdup (i < 2 ? "Jean Tremblay" : "Autre Personne");
      g_assert_true (vigie_store_upsert_comment (store, &r, NULL, &error));
    }
  c = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "csv_0", &error);
  g_assert_cmpint (c->author_id, !=, 0);
  g_assert_cmpstr (c->author_external_id, ==, "name:Jean Tremblay");
  q.author_id = c->author_id;
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 2);
}

/* The page's own replies, imported with the thread, are answers: handled from
 * the start and never flagged, while the same words by someone else are. */
static void
test_page_replies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieStore) store = vigie_store_open (f->path, &error);
  g_autoptr(GArray) ids = NULL;
  VigiePostRecord post = { 0 };
  VigieQuery q = { .view = VIGIE_VIEW_NEEDS_ACTION };
  gint64 post_id = 0;
  const char *authors[] = { "55", "alice" };

  post.platform = VIGIE_PLATFORM_FACEBOOK;
  post.page_id = (char *) "55";
  post.page_name = (char *) "CISSS de test";
  post.external_id = (char *) "55_1";
  post.text = (char *) "Clinique de vaccination";
  g_assert_true (vigie_store_upsert_post (store, &post, &post_id, &error));
  g_assert_no_error (error);

  add_comment (store, "1_1", "55_1", NULL, "alice", "Quelles sont les heures?", 100);
  add_comment (store, "1_2", "55_1", "1_1", "55", "Bonjour, de 8 h à 16 h. Fraude : ne cliquez pas ce lien.", 200);
  add_comment (store, "1_3", "55_1", "1_1", "alice", "Fraude : ne cliquez pas ce lien.", 300);

  for (guint i = 0; i < G_N_ELEMENTS (authors); i++)
    {
      g_autoptr(VigieClassification) result = vigie_classification_new ();
      g_autoptr(VigieComment) c = NULL;
      VigieFlag flag = { 0 };

      c = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, i == 0 ? "1_2" : "1_3", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (c->author_external_id, ==, authors[i]);
      flag.category = g_intern_string ("spam");
      flag.rule = g_intern_string ("test");
      flag.score = 0.9;
      flag.spans = g_array_new (FALSE, FALSE, sizeof (VigieSpan));
      g_array_append_val (result->flags, flag);
      result->action = g_intern_string ("hide");
      result->severity = 2;
      g_assert_true (vigie_store_save_classification (store, c->id, result, &error));
      g_assert_no_error (error);
    }

  /* alice's two comments need action; the page's reply does not */
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 2);
  q.view = VIGIE_VIEW_HANDLED;
  ids = vigie_store_query_ids (store, &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  q.view = VIGIE_VIEW_ALL;
  q.category = "spam";
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 1);
  g_assert_no_error (error);

  /* The posts the classifier reads: all of them, or those of some comments */
  {
    g_autoptr(GHashTable) all = NULL;
    g_autoptr(GHashTable) some = NULL;
    g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_comment_unref);
    VigiePost *p;

    add_comment (store, "2_1", "55_2", NULL, "bob", "Autre publication", 400);
    all = vigie_store_map_posts (store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (all), ==, 2);
    g_ptr_array_add (comments, vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "1_1", NULL));
    g_ptr_array_add (comments, vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "1_3", NULL));
    some = vigie_store_map_posts (store, comments, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (some), ==, 1);
    p = g_hash_table_lookup (some, &post_id);
    g_assert_nonnull (p);
    g_assert_cmpstr (p->text, ==, "Clinique de vaccination");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/vigie/store/create/mode-0600", test_create_mode);
  ADD ("/vigie/store/create/wal", test_create_wal);
  ADD ("/vigie/store/migrate/v1-to-v2", test_migrate_v1_to_v2);
  ADD ("/vigie/store/migrate/v2-to-v3", test_migrate_v2_to_v3);
  ADD ("/vigie/store/migrate/newer-refused", test_migrate_newer_refused);
  ADD ("/vigie/store/open/not-a-workspace", test_open_not_a_workspace);
  ADD ("/vigie/store/upsert/idempotent", test_upsert_idempotent);
  ADD ("/vigie/store/upsert/invalid", test_invalid_records);
  ADD ("/vigie/store/upsert/author-by-name", test_author_by_name);
  ADD ("/vigie/store/transaction/rollback", test_transaction_rollback);
  ADD ("/vigie/store/transaction/disk-full", test_disk_full);
  ADD ("/vigie/store/search/accents", test_search_accents);
  ADD ("/vigie/store/query/filters", test_query_filters);
  ADD ("/vigie/store/thread", test_thread);
  ADD ("/vigie/store/page-replies", test_page_replies);
  ADD ("/vigie/store/settings", test_settings);
  ADD ("/vigie/store/second-connection", test_second_connection);
  g_test_add_func ("/vigie/store/search/build-match", test_build_match);

  return g_test_run ();
}
