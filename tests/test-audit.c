/* test-audit.c — the hash chain, tampering, queries, CSV export and
 * vigie-scan --verify-audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vigie-audit.h"
#include "vigie-csv.h"
#include "test-actions-common.h"
#include "test-scan-common.h"

/* A few actions, as a delegate and a director would leave them */
static void
record_a_morning (Workspace *w)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  gint64 ig1 = comment_id (w, VIGIE_PLATFORM_INSTAGRAM, "ig1");
  gint64 yt1 = comment_id (w, VIGIE_PLATFORM_YOUTUBE, "yt1");
  VigieActionRequest request = { 0 };
  g_autoptr(GError) error = NULL;

  vigie_outbox_set_grace_period (w->outbox, 0);
  enqueue (w, VIGIE_ACTION_HIDE, fb1, NULL, NULL);   /* Marie Côté, delegate */
  process (w);
  w->now += SECONDS (3600);
  enqueue (w, VIGIE_ACTION_REPLY, ig1, "Bonjour, \"merci\",\nà bientôt", NULL);
  process (w);

  w->now += SECONDS (3600);
  request.kind = VIGIE_ACTION_REMOVE;
  request.comment_id = yt1;
  request.actor_name = "Hélène Bouchard";
  request.actor_role = "director";
  g_assert_cmpint (vigie_outbox_enqueue (w->outbox, &request, &error), >, 0);
  g_assert_no_error (error);
  process (w);
}

static void
verify (Workspace              *w,
        VigieAuditVerification *out)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_audit_verify (w->store, out, NULL, &error));
  g_assert_no_error (error);
}

static void
test_chain (Workspace     *w,
            gconstpointer  data)
{
  g_auto(VigieAuditVerification) empty = { 0 };
  g_auto(VigieAuditVerification) result = { 0 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  VigieAuditRecord record = { .event = "queued", .actor_name = "Test" };

  verify (w, &empty);
  g_assert_true (empty.intact);
  g_assert_cmpint (empty.n_entries, ==, 0);

  record_a_morning (w);
  verify (w, &result);
  g_assert_true (result.intact);
  g_assert_cmpint (result.n_entries, ==, 6);
  g_assert_cmpint (result.first_broken_id, ==, 0);
  g_assert_null (result.reason);

  entries = vigie_audit_query (w->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 6);
  g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[0])->prev_hash, ==,
                   "0000000000000000000000000000000000000000000000000000000000000000");
  for (guint i = 1; i < entries->len; i++)
    {
      VigieAuditEntry *e = entries->pdata[i];
      VigieAuditEntry *prev = entries->pdata[i - 1];

      g_assert_cmpint (e->id, ==, prev->id + 1);
      g_assert_cmpstr (e->prev_hash, ==, prev->hash);
      g_assert_cmpuint (strlen (e->hash), ==, 64);
    }

  /* An entry needs an event */
  record.event = NULL;
  g_assert_false (vigie_audit_append (w->store, &record, NULL, &error));
  g_assert_error (error, VIGIE_AUDIT_ERROR, VIGIE_AUDIT_ERROR_INVALID);
}

/* Through SQL, without going around the triggers: refused */
static void
test_append_only (Workspace     *w,
                  gconstpointer  data)
{
  sqlite3 *db;
  char *message = NULL;

  record_a_morning (w);
  db = _vigie_store_get_db (w->store);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor_name = 'Nobody'", NULL, NULL,
                                 &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE id = 2", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE evidence SET snapshot = '{}'", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM evidence", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM audit"), ==, 6);
}

/* Someone with the file and sqlite3: drops the trigger and edits */
static void
tamper (Workspace  *w,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  workspace_close (w);
  g_assert_cmpint (sqlite3_open (w->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
  workspace_open (w);
}

static void
test_tampered_entry (Workspace     *w,
                     gconstpointer  data)
{
  g_auto(VigieAuditVerification) result = { 0 };

  record_a_morning (w);
  /* "It was the director who removed it" */
  tamper (w, "DROP TRIGGER audit_no_update;"
             "UPDATE audit SET actor_name = 'Marie Côté', actor_role = 'delegate' WHERE id = 5;");
  verify (w, &result);
  g_assert_false (result.intact);
  g_assert_cmpint (result.first_broken_id, ==, 5);
  g_assert_nonnull (strstr (result.reason, "5"));
}

static void
test_tampered_hash (Workspace     *w,
                    gconstpointer  data)
{
  g_auto(VigieAuditVerification) result = { 0 };

  record_a_morning (w);
  tamper (w, "DROP TRIGGER audit_no_update;"
             "UPDATE audit SET hash = '" "0123456789abcdef0123456789abcdef"
             "0123456789abcdef0123456789abcdef' WHERE id = 3;");
  verify (w, &result);
  g_assert_false (result.intact);
  g_assert_cmpint (result.first_broken_id, ==, 3);
}

static void
test_deleted_entry (Workspace     *w,
                    gconstpointer  data)
{
  g_auto(VigieAuditVerification) middle = { 0 };
  g_auto(VigieAuditVerification) end = { 0 };

  record_a_morning (w);
  tamper (w, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2;");
  verify (w, &middle);
  g_assert_false (middle.intact);
  g_assert_cmpint (middle.first_broken_id, ==, 3);
  g_assert_nonnull (strstr (middle.reason, "Entry 2 is missing"));
}

static void
test_truncated (Workspace     *w,
                gconstpointer  data)
{
  g_auto(VigieAuditVerification) result = { 0 };

  record_a_morning (w);
  /* The last entries are gone; what is left is a consistent chain */
  tamper (w, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id >= 5;");
  verify (w, &result);
  g_assert_false (result.intact);
  g_assert_cmpint (result.first_broken_id, ==, 5);
  g_assert_nonnull (strstr (result.reason, "ended at entry 6"));
}

static void
test_tampered_evidence (Workspace     *w,
                        gconstpointer  data)
{
  g_auto(VigieAuditVerification) content = { 0 };
  g_auto(VigieAuditVerification) rehashed = { 0 };
  g_autofree char *sql = NULL;

  record_a_morning (w);
  /* The comment as it was, softened */
  tamper (w, "DROP TRIGGER evidence_no_update;"
             "UPDATE evidence SET snapshot = replace (snapshot, 'incompétents', 'gens')"
             " WHERE id = 1;");
  verify (w, &content);
  g_assert_false (content.intact);
  g_assert_cmpint (content.first_broken_id, ==, 1);
  g_assert_nonnull (strstr (content.reason, "Evidence snapshot 1, which entry 1 cites"));

  /* With its hash recomputed, the audit entry citing the old hash breaks */
  tamper (w, "UPDATE evidence SET sha256 = 'x' WHERE id = 1;");
  {
    g_autofree char *snapshot = NULL;
    g_autofree char *sha = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (vigie_audit_get_evidence (w->store, 1, &snapshot, &sha, &error));
    g_free (sha);
    sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, snapshot, -1);
    sql = g_strdup_printf ("UPDATE evidence SET sha256 = '%s' WHERE id = 1;", sha);
  }
  tamper (w, sql);
  verify (w, &rehashed);
  g_assert_false (rehashed.intact);
  g_assert_cmpint (rehashed.first_broken_id, ==, 1);
  g_assert_nonnull (strstr (rehashed.reason, "The evidence that entry 1 cites"));
}

static void
test_query (Workspace     *w,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) actors = NULL;

  record_a_morning (w);

  {
    VigieAuditQuery who = { .actor = "Hélène Bouchard" };
    g_autoptr(GPtrArray) entries = vigie_audit_query (w->store, &who, &error);
    g_assert_cmpuint (entries->len, ==, 2);
    g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[0])->actor_role, ==, "director");
    g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[0])->kind, ==, "remove");
  }
  {
    VigieAuditQuery what = { .kind = "reply", .event = "applied" };
    g_autoptr(GPtrArray) entries = vigie_audit_query (w->store, &what, &error);
    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[0])->comment_ref, ==, "instagram:ig1");
  }
  {
    /* fb1 is flagged insult: its hide cites it */
    VigieAuditQuery category = { .category = "insult" };
    g_autoptr(GPtrArray) entries = vigie_audit_query (w->store, &category, &error);
    g_assert_cmpuint (entries->len, ==, 2);
    g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[0])->kind, ==, "hide");
    g_assert_cmpstr (((VigieAuditEntry *) entries->pdata[0])->clauses[0], ==, "CISSS §10");
  }
  {
    /* The second hour only */
    VigieAuditQuery when = { .since_us = T0 + SECONDS (3600), .until_us = T0 + SECONDS (7200) };
    g_autoptr(GPtrArray) entries = vigie_audit_query (w->store, &when, &error);
    g_assert_cmpuint (entries->len, ==, 2);
    g_assert_cmpint (vigie_audit_count (w->store, &when, &error), ==, 2);
  }
  {
    VigieAuditQuery page = { .newest_first = TRUE, .limit = 2, .offset = 1 };
    g_autoptr(GPtrArray) entries = vigie_audit_query (w->store, &page, &error);
    g_assert_cmpuint (entries->len, ==, 2);
    g_assert_cmpint (((VigieAuditEntry *) entries->pdata[0])->id, ==, 5);
    g_assert_cmpint (((VigieAuditEntry *) entries->pdata[1])->id, ==, 4);
  }
  {
    VigieAuditQuery nobody = { .actor = "Nobody" };
    g_assert_cmpint (vigie_audit_count (w->store, &nobody, &error), ==, 0);
  }
  g_assert_no_error (error);

  actors = vigie_audit_list_actors (w->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (actors), ==, 2);
  g_assert_cmpstr (actors[0], ==, "Hélène Bouchard");
  g_assert_cmpstr (actors[1], ==, "Marie Côté");
  g_assert_cmpstr (vigie_audit_event_get_label ("cancelled"), ==, "Undone");
}

static void
test_csv (Workspace     *w,
          gconstpointer  data)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  VigieCsvReader reader;
  gboolean has_record;
  const char *csv;
  gsize length;
  guint n = 0;
  VigieAuditQuery query = { .kind = "reply" };

  record_a_morning (w);
  g_assert_true (vigie_audit_write_csv (w->store, &query, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  csv = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
  length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));

  vigie_csv_reader_init (&reader, "audit.csv", csv, length);
  g_assert_true (vigie_csv_reader_next (&reader, &has_record, &error));
  g_assert_true (has_record);
  g_assert_cmpuint (reader.fields->len, ==, 19);
  g_assert_cmpstr (g_ptr_array_index (reader.fields, 1), ==, "time");
  g_assert_cmpstr (g_ptr_array_index (reader.fields, 18), ==, "hash");
  while (vigie_csv_reader_next (&reader, &has_record, &error) && has_record)
    {
      g_assert_cmpuint (reader.fields->len, ==, 19);
      g_assert_cmpstr (g_ptr_array_index (reader.fields, 3), ==, "Marie Côté");
      g_assert_cmpstr (g_ptr_array_index (reader.fields, 7), ==, "reply");
      g_assert_cmpstr (g_ptr_array_index (reader.fields, 1), ==,
                       "2026-11-18T14:00:00.000000Z");
      if (n == 0)
        /* Quotes, a comma and a line break, intact */
        g_assert_cmpstr (g_ptr_array_index (reader.fields, 12), ==,
                         "Bonjour, \"merci\",\nà bientôt");
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  vigie_csv_reader_clear (&reader);
}

/* Workspaces of format 3 gain the new tables and keep their comments */
static void
test_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-audit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "workspace.vigie", NULL);
  g_autoptr(VigieStore) old = NULL;
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(VigieComment) comment = NULL;

  old = _vigie_store_open_at_version (path, 3, &error);
  g_assert_no_error (error);
  populate (old);
  g_clear_object (&old);

  store = vigie_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vigie_store_get_schema_version (store), ==, VIGIE_STORE_SCHEMA_VERSION);
  comment = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "fb1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM comments WHERE removed = 0"), ==, 8);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM audit"), ==, 0);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM authors WHERE banned = 0"), >, 0);
  g_clear_object (&store);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* vigie-scan --verify-audit */

static void
test_scan_verify (Workspace     *w,
                  gconstpointer  data)
{
  const char *args[] = { "--db", w->path, "--verify-audit", NULL };
  g_autofree char *err = NULL;

  record_a_morning (w);
  workspace_close (w);
  g_assert_cmpint (run_scan (args, NULL, &err), ==, 0);
  g_assert_nonnull (strstr (err, "intact: 6 entries"));
  g_clear_pointer (&err, g_free);

  workspace_open (w);
  tamper (w, "DROP TRIGGER audit_no_update; UPDATE audit SET text = 'Rien' WHERE id = 3;");
  workspace_close (w);
  g_assert_cmpint (run_scan (args, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "first broken entry: 3"));
  g_clear_pointer (&err, g_free);

  {
    const char *missing[] = { "--db", "/nonexistent/workspace.vigie", "--verify-audit", NULL };
    g_assert_cmpint (run_scan (missing, NULL, &err), ==, 2);
  }
  workspace_open (w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Workspace, NULL, workspace_setup, func, workspace_teardown)

  ADD ("/vigie/audit/chain", test_chain);
  ADD ("/vigie/audit/append-only", test_append_only);
  ADD ("/vigie/audit/tampered/entry", test_tampered_entry);
  ADD ("/vigie/audit/tampered/hash", test_tampered_hash);
  ADD ("/vigie/audit/tampered/deleted", test_deleted_entry);
  ADD ("/vigie/audit/tampered/truncated", test_truncated);
  ADD ("/vigie/audit/tampered/evidence", test_tampered_evidence);
  ADD ("/vigie/audit/query", test_query);
  ADD ("/vigie/audit/csv", test_csv);
  ADD ("/vigie/audit/scan-verify", test_scan_verify);
  g_test_add_func ("/vigie/audit/migrate/v3-to-v4", test_migrate);
#undef ADD

  return g_test_run ();
}
