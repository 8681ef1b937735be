/* vigie-store.c — one SQLite file per workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "vigie-store.h"
#include "vigie-store-private.h"
#include "vigie-classifier.h"

/* "VIGI" in the SQLite header: tells a workspace from any other database */
#define VIGIE_APPLICATION_ID 0x56494749

struct _VigieStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;     /* const char *sql → sqlite3_stmt* */
  int         schema_version;
  gboolean    in_transaction;
  gint64      first_unindexed_id;  /* comments from this id on are not in the FTS index yet */

  /* Caches of external id → row id, valid inside one transaction */
  GHashTable *page_ids;
  GHashTable *post_ids;
  GHashTable *author_ids;
};

G_DEFINE_FINAL_TYPE (VigieStore, vigie_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (vigie-store-error-quark, vigie_store_error)

/* Forward migrations: migrations[i] takes the schema from version i to i + 1.
 * Never edit a released step; add a new one. */
static const char *migrations[] = {
  /* 0 → 1: the model */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE pages ("
  "  id INTEGER PRIMARY KEY,"
  "  platform INTEGER NOT NULL,"
  "  external_id TEXT NOT NULL,"
  "  name TEXT,"
  "  UNIQUE (platform, external_id)"
  ");"
  "CREATE TABLE posts ("
  "  id INTEGER PRIMARY KEY,"
  "  platform INTEGER NOT NULL,"
  "  external_id TEXT NOT NULL,"
  "  page_id INTEGER REFERENCES pages (id),"
  "  text TEXT,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  permalink TEXT,"
  "  UNIQUE (platform, external_id)"
  ");"
  "CREATE INDEX posts_page ON posts (page_id, created);"
  "CREATE TABLE authors ("
  "  id INTEGER PRIMARY KEY,"
  "  platform INTEGER NOT NULL,"
  "  external_id TEXT NOT NULL,"
  "  name TEXT,"
  "  UNIQUE (platform, external_id)"
  ");"
  "CREATE TABLE comments ("
  "  id INTEGER PRIMARY KEY,"
  "  platform INTEGER NOT NULL,"
  "  external_id TEXT NOT NULL,"
  "  post_id INTEGER REFERENCES posts (id),"
  "  parent_external_id TEXT,"
  "  author_id INTEGER REFERENCES authors (id),"
  "  author_name TEXT,"
  "  text TEXT NOT NULL,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  permalink TEXT,"
  "  language TEXT,"
  "  hidden INTEGER NOT NULL DEFAULT 0,"
  "  like_count INTEGER NOT NULL DEFAULT -1,"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  imported INTEGER NOT NULL,"
  "  UNIQUE (platform, external_id)"
  ");"
  "CREATE INDEX comments_created ON comments (created, id);"
  "CREATE INDEX comments_post ON comments (post_id, created);"
  "CREATE INDEX comments_author ON comments (author_id, created);"
  "CREATE INDEX comments_status ON comments (status, created);"
  "CREATE INDEX comments_parent ON comments (platform, parent_external_id)"
  "  WHERE parent_external_id IS NOT NULL;",

  /* 1 → 2: full-text search over the comments, ignoring case and accents */
  "CREATE VIRTUAL TABLE comments_fts USING fts5 ("
  "  text, author_name,"
  "  content = 'comments', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  /* Inserts and edits are indexed by the store itself, in one statement per
   * transaction (see index_new_comments): a per-row trigger makes FTS5 flush
   * its pending terms at every statement and is ten times slower. */
  "CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN"
  "  INSERT INTO comments_fts (comments_fts, rowid, text, author_name)"
  "    VALUES ('delete', old.id, old.text, old.author_name);"
  "END;"
  "INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');",

  /* 2 → 3: classification results; an edited text drops its old results */
  "CREATE TABLE flags ("
  "  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,"
  "  category TEXT NOT NULL,"
  "  clause TEXT,"
  "  rule TEXT,"
  "  score REAL NOT NULL,"
  "  spans TEXT NOT NULL DEFAULT '[]'"
  ");"
  "CREATE INDEX flags_comment ON flags (comment_id);"
  "CREATE INDEX flags_category ON flags (category, comment_id);"
  "ALTER TABLE comments ADD COLUMN action TEXT;"
  "ALTER TABLE comments ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE comments ADD COLUMN severity INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE comments ADD COLUMN detected_language TEXT;"
  "ALTER TABLE comments ADD COLUMN classified INTEGER NOT NULL DEFAULT 0;"
  "CREATE TRIGGER comments_text_changed AFTER UPDATE OF text ON comments"
  "  WHEN old.text IS NOT new.text BEGIN"
  "  DELETE FROM flags WHERE comment_id = new.id;"
  "  UPDATE comments SET classified = 0, action = NULL, urgent = 0, severity = 0"
  "    WHERE id = new.id;"
  "END;",

  /* 3 → 4: moderation actions (the outbox), evidence snapshots and the audit
   * trail. Times here are Unix microseconds. Evidence and audit rows are
   * append-only; each audit row holds the SHA-256 of the one before it. */
  "ALTER TABLE comments ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE comments ADD COLUMN resolution TEXT;"
  "ALTER TABLE comments ADD COLUMN resolution_note TEXT;"
  "ALTER TABLE comments ADD COLUMN resolution_action INTEGER;"
  "ALTER TABLE authors ADD COLUMN banned INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE evidence ("
  "  id INTEGER PRIMARY KEY,"
  "  comment_id INTEGER NOT NULL REFERENCES comments (id),"
  "  captured_us INTEGER NOT NULL,"
  "  snapshot TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL"
  ");"
  "CREATE INDEX evidence_comment ON evidence (comment_id, sha256);"
  "CREATE TABLE actions ("
  "  id INTEGER PRIMARY KEY,"
  "  comment_id INTEGER NOT NULL REFERENCES comments (id),"
  "  kind TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN"
  "    ('pending', 'applied', 'failed', 'abandoned', 'cancelled')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_us INTEGER NOT NULL,"
  "  last_error TEXT,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  categories TEXT NOT NULL DEFAULT '[]',"
  "  clauses TEXT NOT NULL DEFAULT '[]',"
  "  actor_name TEXT,"
  "  actor_role TEXT,"
  "  template_id TEXT,"
  "  lang TEXT,"
  "  text TEXT,"
  "  note TEXT,"
  "  correction TEXT,"
  "  target_ref TEXT,"
  "  result_ref TEXT,"
  "  reverse_of INTEGER REFERENCES actions (id),"
  "  evidence_id INTEGER REFERENCES evidence (id),"
  "  prev_status INTEGER,"
  "  prev_resolution TEXT,"
  "  prev_resolution_note TEXT,"
  "  prev_resolution_action INTEGER,"
  "  created_us INTEGER NOT NULL,"
  "  updated_us INTEGER NOT NULL"
  ");"
  "CREATE INDEX actions_due ON actions (status, next_attempt_us, id);"
  "CREATE INDEX actions_comment ON actions (comment_id, id);"
  "CREATE INDEX actions_reverse ON actions (reverse_of) WHERE reverse_of IS NOT NULL;"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  time_us INTEGER NOT NULL,"
  "  event TEXT NOT NULL,"
  "  actor_name TEXT,"
  "  actor_role TEXT,"
  "  action_id INTEGER,"
  "  comment_id INTEGER,"
  "  comment_ref TEXT,"
  "  kind TEXT,"
  "  status TEXT,"
  "  categories TEXT NOT NULL DEFAULT '[]',"
  "  clauses TEXT NOT NULL DEFAULT '[]',"
  "  template_id TEXT,"
  "  text TEXT,"
  "  note TEXT,"
  "  error TEXT,"
  "  evidence_sha256 TEXT,"
  "  reverse_of INTEGER,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_time ON audit (time_us);"
  "CREATE INDEX audit_action ON audit (action_id);"
  "CREATE INDEX audit_comment ON audit (comment_id);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail is append-only');"
  "END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail is append-only');"
  "END;"
  "CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence BEGIN"
  "  SELECT RAISE (ABORT, 'evidence is append-only');"
  "END;"
  "CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence BEGIN"
  "  SELECT RAISE (ABORT, 'evidence is append-only');"
  "END;",
  /* 4 → 5: live accounts (vigie-account.h) and their sync cursors; tokens
   * stay in the keyring */
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  platform TEXT NOT NULL,"
  "  external_id TEXT NOT NULL,"
  "  name TEXT,"
  "  api_base TEXT,"
  "  api_version TEXT,"
  "  status TEXT NOT NULL DEFAULT 'ok',"
  "  last_error TEXT,"
  "  last_sync INTEGER NOT NULL DEFAULT 0,"
  "  run_started INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  UNIQUE (platform, external_id)"
  ");"
  "CREATE TABLE sync_cursors ("
  "  account_id INTEGER NOT NULL,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, key)"
  ");",

  /* 5 → 6: the director's approvals (vigie-outbox.h). A delegate's action
   * that needs approval is *proposed*: never executed until approved.
   * approval: NULL (none needed), 'awaiting', 'approved' or 'rejected';
   * draft_text keeps the delegate's reply when the director edited it.
   * SQLite cannot change a CHECK constraint: the table is rebuilt (its
   * reference to itself follows the rename to "actions"). */
  "PRAGMA defer_foreign_keys = ON;"
  "CREATE TABLE actions_v6 ("
  "  id INTEGER PRIMARY KEY,"
  "  comment_id INTEGER NOT NULL REFERENCES comments (id),"
  "  kind TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN"
  "    ('pending', 'applied', 'failed', 'abandoned', 'cancelled', 'proposed')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_us INTEGER NOT NULL,"
  "  last_error TEXT,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  categories TEXT NOT NULL DEFAULT '[]',"
  "  clauses TEXT NOT NULL DEFAULT '[]',"
  "  actor_name TEXT,"
  "  actor_role TEXT,"
  "  template_id TEXT,"
  "  lang TEXT,"
  "  text TEXT,"
  "  note TEXT,"
  "  correction TEXT,"
  "  target_ref TEXT,"
  "  result_ref TEXT,"
  "  reverse_of INTEGER REFERENCES actions_v6 (id),"
  "  evidence_id INTEGER REFERENCES evidence (id),"
  "  prev_status INTEGER,"
  "  prev_resolution TEXT,"
  "  prev_resolution_note TEXT,"
  "  prev_resolution_action INTEGER,"
  "  created_us INTEGER NOT NULL,"
  "  updated_us INTEGER NOT NULL,"
  "  approval TEXT CHECK (approval IN ('awaiting', 'approved', 'rejected')),"
  "  decided_by TEXT,"
  "  decided_role TEXT,"
  "  decision_note TEXT,"
  "  decided_us INTEGER NOT NULL DEFAULT 0,"
  "  draft_text TEXT"
  ");"
  "INSERT INTO actions_v6 (id, comment_id, kind, status, attempts, next_attempt_us, last_error,"
  "  idempotency_key, categories, clauses, actor_name, actor_role, template_id, lang, text, note,"
  "  correction, target_ref, result_ref, reverse_of, evidence_id, prev_status, prev_resolution,"
  "  prev_resolution_note, prev_resolution_action, created_us, updated_us)"
  " SELECT id, comment_id, kind, status, attempts, next_attempt_us, last_error,"
  "  idempotency_key, categories, clauses, actor_name, actor_role, template_id, lang, text, note,"
  "  correction, target_ref, result_ref, reverse_of, evidence_id, prev_status, prev_resolution,"
  "  prev_resolution_note, prev_resolution_action, created_us, updated_us FROM actions;"
  "DROP TABLE actions;"
  "ALTER TABLE actions_v6 RENAME TO actions;"
  "CREATE INDEX actions_due ON actions (status, next_attempt_us, id);"
  "CREATE INDEX actions_comment ON actions (comment_id, id);"
  "CREATE INDEX actions_reverse ON actions (reverse_of) WHERE reverse_of IS NOT NULL;"
  "CREATE INDEX actions_approval ON actions (approval) WHERE approval = 'awaiting';",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == VIGIE_STORE_SCHEMA_VERSION);

/* Errors */

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return VIGIE_STORE_ERROR_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return VIGIE_STORE_ERROR_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return VIGIE_STORE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return VIGIE_STORE_ERROR_BUSY;
    case SQLITE_CANTOPEN:
      return VIGIE_STORE_ERROR_OPEN;
    default:
      return VIGIE_STORE_ERROR_FAILED;
    }
}

static gboolean
set_sqlite_error (VigieStore  *self,
                  int          rc,
                  GError     **error)
{
  int code = error_code_for_sqlite (rc);
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (code)
    {
    case VIGIE_STORE_ERROR_FULL:
      g_set_error (error, VIGIE_STORE_ERROR, code,
                   _("The disk is full: cannot write to the workspace “%s”. Nothing was changed."),
                   self->path);
      break;
    case VIGIE_STORE_ERROR_CORRUPT:
      g_set_error (error, VIGIE_STORE_ERROR, code,
                   _("The workspace “%s” is damaged or is not a Vigie workspace (%s)."),
                   self->path, detail);
      break;
    case VIGIE_STORE_ERROR_READ_ONLY:
      g_set_error (error, VIGIE_STORE_ERROR, code,
                   _("The workspace “%s” cannot be written to (%s)."), self->path, detail);
      break;
    case VIGIE_STORE_ERROR_BUSY:
      g_set_error (error, VIGIE_STORE_ERROR, code,
                   _("The workspace “%s” is busy in another program; try again."), self->path);
      break;
    default:
      g_set_error (error, VIGIE_STORE_ERROR, code,
                   _("Workspace “%s”: %s"), self->path, detail);
      break;
    }
  return FALSE;
}

static gboolean
exec (VigieStore  *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Prepared statements are kept for the life of the connection, keyed by
 * their SQL text (always a string literal or an interned string). */
static sqlite3_stmt *
get_statement (VigieStore  *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
step_done (VigieStore    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* Object */

static void
clear_caches (VigieStore *self)
{
  g_hash_table_remove_all (self->page_ids);
  g_hash_table_remove_all (self->post_ids);
  g_hash_table_remove_all (self->author_ids);
}

static void
vigie_store_finalize (GObject *object)
{
  VigieStore *self = VIGIE_STORE (object);

  if (self->in_transaction)
    vigie_store_rollback (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->page_ids, g_hash_table_unref);
  g_clear_pointer (&self->post_ids, g_hash_table_unref);
  g_clear_pointer (&self->author_ids, g_hash_table_unref);
  g_free (self->path);

  G_OBJECT_CLASS (vigie_store_parent_class)->finalize (object);
}

static void
vigie_store_class_init (VigieStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
vigie_store_init (VigieStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->page_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->post_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->author_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Opening */

static int
pragma_int (VigieStore *self,
            const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The file is created with mode 0600 before SQLite opens it; SQLite gives
 * its -wal and -shm files the same mode. */
static gboolean
ensure_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      if (saved_errno == EACCES || saved_errno == EROFS)
        {
          /* Maybe readable only: let SQLite report what it can do */
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            return TRUE;
        }
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_OPEN,
                   _("Cannot open the workspace “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
migrate (VigieStore  *self,
         int          target,
         GError     **error)
{
  int version = pragma_int (self, "user_version");
  int app_id = pragma_int (self, "application_id");

  if (version < 0)
    return set_sqlite_error (self, sqlite3_errcode (self->db), error);

  if (version == 0)
    {
      /* A new file, or another program's database */
      int n_tables = -1;
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &stmt,
                              NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        n_tables = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      if (n_tables != 0)
        {
          g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_CORRUPT,
                       _("“%s” is not a Vigie workspace."), self->path);
          return FALSE;
        }
    }
  else if (app_id != VIGIE_APPLICATION_ID)
    {
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Vigie workspace."), self->path);
      return FALSE;
    }

  if (version > VIGIE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_VERSION,
                   _("The workspace “%s” was written by a newer version of Vigie (format %d; "
                     "this version reads up to %d). Update Vigie to open it."),
                   self->path, version, VIGIE_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  while (version < target)
    {
      g_autofree char *set_version = NULL;

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                     version + 1, VIGIE_APPLICATION_ID);
      if (!exec (self, migrations[version], error) ||
          !exec (self, set_version, error) ||
          !exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _("Cannot update the workspace to format %d: "), version + 1);
          return FALSE;
        }
      version++;
    }

  self->schema_version = version;
  return TRUE;
}

VigieStore *
_vigie_store_open_at_version (const char  *path,
                              int          version,
                              GError     **error)
{
  g_autoptr(VigieStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= VIGIE_STORE_SCHEMA_VERSION, NULL);

  self = g_object_new (VIGIE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!ensure_file (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* WAL: readers never block the importing thread. NORMAL synchronisation is
   * durable across application crashes, which is what we guard against. */
  if (!exec (self, "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = NORMAL;"
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA temp_store = MEMORY;"
                   "PRAGMA cache_size = -32768;", error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

VigieStore *
vigie_store_open (const char  *path,
                  GError     **error)
{
  return _vigie_store_open_at_version (path, VIGIE_STORE_SCHEMA_VERSION, error);
}

VigieStore *
vigie_store_open_connection (VigieStore  *self,
                             GError     **error)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  return vigie_store_open (self->path, error);
}

const char *
vigie_store_get_path (VigieStore *self)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);
  return self->path;
}

int
vigie_store_get_schema_version (VigieStore *self)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), -1);
  return self->schema_version;
}

sqlite3 *
_vigie_store_get_db (VigieStore *self)
{
  return self->db;
}

sqlite3_stmt *
_vigie_store_get_statement (VigieStore  *self,
                            const char  *sql,
                            GError     **error)
{
  return get_statement (self, sql, error);
}

gboolean
_vigie_store_set_error (VigieStore  *self,
                        int          rc,
                        GError     **error)
{
  return set_sqlite_error (self, rc, error);
}

/* Transactions */

gboolean
vigie_store_begin (VigieStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  clear_caches (self);
  self->first_unindexed_id = G_MAXINT64;
  if (self->schema_version >= 2)
    {
      sqlite3_stmt *stmt = get_statement (self, "SELECT coalesce (max (id), 0) + 1 FROM comments",
                                          error);
      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
        {
          if (stmt != NULL)
            set_sqlite_error (self, sqlite3_errcode (self->db), error);
          vigie_store_rollback (self);
          return FALSE;
        }
      self->first_unindexed_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Adds the comments inserted in this transaction to the search index, all
 * at once. */
static gboolean
index_new_comments (VigieStore  *self,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  if (self->schema_version < 2)
    return TRUE;
  stmt = get_statement (self,
                        "INSERT INTO comments_fts (rowid, text, author_name)"
                        "  SELECT id, text, author_name FROM comments WHERE id >= ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->first_unindexed_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_errcode (self->db);
      sqlite3_reset (stmt);
      return set_sqlite_error (self, rc, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* An edited comment already in the index: its old terms out, new ones in */
static gboolean
reindex_comment (VigieStore  *self,
                 gint64       id,
                 gboolean     before_update,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (self->schema_version < 2 || id >= self->first_unindexed_id)
    return TRUE;
  if (before_update)
    stmt = get_statement (self,
                          "INSERT INTO comments_fts (comments_fts, rowid, text, author_name)"
                          "  SELECT 'delete', id, text, author_name FROM comments WHERE id = ?1",
                          error);
  else
    stmt = get_statement (self,
                          "INSERT INTO comments_fts (rowid, text, author_name)"
                          "  SELECT id, text, author_name FROM comments WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (self, stmt, error);
}

gboolean
vigie_store_commit (VigieStore  *self,
                    GError     **error)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!index_new_comments (self, error) || !exec (self, "COMMIT", error))
    {
      vigie_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  clear_caches (self);
  return TRUE;
}

void
vigie_store_rollback (VigieStore *self)
{
  g_return_if_fail (VIGIE_IS_STORE (self));

  if (!self->in_transaction)
    return;
  /* Statements left mid-step would keep the transaction open */
  {
    GHashTableIter iter;
    gpointer stmt;

    g_hash_table_iter_init (&iter, self->statements);
    while (g_hash_table_iter_next (&iter, NULL, &stmt))
      sqlite3_reset (stmt);
  }
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  clear_caches (self);
}

gboolean
vigie_store_in_transaction (VigieStore *self)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);
  return self->in_transaction;
}

/* Writing. Outside an explicit transaction each write is its own. */

typedef struct
{
  VigieStore *store;
  gboolean    owned;
} AutoTransaction;

static gboolean
auto_begin (VigieStore       *self,
            AutoTransaction  *tx,
            GError          **error)
{
  tx->store = self;
  tx->owned = !self->in_transaction;
  return tx->owned ? vigie_store_begin (self, error) : TRUE;
}

static gboolean
auto_end (AutoTransaction  *tx,
          gboolean          ok,
          GError          **error)
{
  if (!tx->owned)
    return ok;
  if (!ok)
    {
      vigie_store_rollback (tx->store);
      return FALSE;
    }
  return vigie_store_commit (tx->store, error);
}

static char *
cache_key (VigiePlatform  platform,
           const char    *external_id)
{
  return g_strdup_printf ("%d:%s", (int) platform, external_id);
}

static gboolean
lookup_cached (GHashTable    *cache,
               VigiePlatform  platform,
               const char    *external_id,
               gint64        *out_id)
{
  g_autofree char *key = cache_key (platform, external_id);
  gpointer value;

  if (g_hash_table_lookup_extended (cache, key, NULL, &value))
    {
      *out_id = GPOINTER_TO_SIZE (value);
      return TRUE;
    }
  return FALSE;
}

static void
remember (GHashTable    *cache,
          VigiePlatform  platform,
          const char    *external_id,
          gint64         id)
{
  /* Row ids stay far below 2^32 here; a gsize holds them on 64-bit too */
  g_hash_table_insert (cache, cache_key (platform, external_id), GSIZE_TO_POINTER ((gsize) id));
}

static gboolean
upsert_page (VigieStore     *self,
             VigiePlatform   platform,
             const char     *external_id,
             const char     *name,
             gint64         *out_id,
             GError        **error)
{
  sqlite3_stmt *stmt;

  if (lookup_cached (self->page_ids, platform, external_id, out_id) && name == NULL)
    return TRUE;

  stmt = get_statement (self,
                        "INSERT INTO pages (platform, external_id, name) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (platform, external_id) DO UPDATE SET "
                        "  name = coalesce (excluded.name, name) "
                        "  WHERE excluded.name IS NOT NULL AND excluded.name IS NOT name "
                        "RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, platform);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, name);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      *out_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      break;
    case SQLITE_DONE:
      /* Nothing changed: RETURNING gives no row, look the id up */
      sqlite3_reset (stmt);
      stmt = get_statement (self, "SELECT id FROM pages WHERE platform = ?1 AND external_id = ?2",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, platform);
      sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          int rc = sqlite3_errcode (self->db);
          sqlite3_reset (stmt);
          return set_sqlite_error (self, rc, error);
        }
      *out_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      break;
    default:
      {
        int rc = sqlite3_errcode (self->db);
        sqlite3_reset (stmt);
        return set_sqlite_error (self, rc, error);
      }
    }
  remember (self->page_ids, platform, external_id, *out_id);
  return TRUE;
}

/* Finds or creates the row of (platform, external_id) in @table with only
 * those two columns set. */
static gboolean
ensure_row (VigieStore     *self,
            GHashTable     *cache,
            const char     *select_sql,
            const char     *insert_sql,
            VigiePlatform   platform,
            const char     *external_id,
            gint64         *out_id,
            gboolean       *out_created,
            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (out_created)
    *out_created = FALSE;
  if (lookup_cached (cache, platform, external_id, out_id))
    return TRUE;

  stmt = get_statement (self, select_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, platform);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      remember (cache, platform, external_id, *out_id);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);

  stmt = get_statement (self, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, platform);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (self->db);
  if (out_created)
    *out_created = TRUE;
  remember (cache, platform, external_id, *out_id);
  return TRUE;
}

static gboolean
ensure_post (VigieStore     *self,
             VigiePlatform   platform,
             const char     *external_id,
             gint64         *out_id,
             GError        **error)
{
  return ensure_row (self, self->post_ids,
                     "SELECT id FROM posts WHERE platform = ?1 AND external_id = ?2",
                     "INSERT INTO posts (platform, external_id) VALUES (?1, ?2)",
                     platform, external_id, out_id, NULL, error);
}

static gboolean
ensure_author (VigieStore     *self,
               VigiePlatform   platform,
               const char     *external_id,
               const char     *name,
               gint64         *out_id,
               GError        **error)
{
  gboolean created;

  if (!ensure_row (self, self->author_ids,
                   "SELECT id FROM authors WHERE platform = ?1 AND external_id = ?2",
                   "INSERT INTO authors (platform, external_id) VALUES (?1, ?2)",
                   platform, external_id, out_id, &created, error))
    return FALSE;

  /* Keep the latest display name; cheap no-op when it did not change */
  if (name != NULL)
    {
      sqlite3_stmt *stmt = get_statement (self,
                                          "UPDATE authors SET name = ?2 "
                                          "WHERE id = ?1 AND name IS NOT ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *out_id);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* @what is untranslated (N_()): translated only when reporting */
static gboolean
check_record_string (VigieStore  *self,
                     const char  *what,
                     const char  *value,
                     gboolean     required,
                     GError     **error)
{
  if (value == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_INVALID,
                   _("A record without %s cannot be stored."), _(what));
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_INVALID,
                   _("A record with invalid UTF-8 in %s cannot be stored."), _(what));
      return FALSE;
    }
  return TRUE;
}

gboolean
vigie_store_upsert_post (VigieStore             *self,
                         const VigiePostRecord  *post,
                         gint64                 *out_id,
                         GError                **error)
{
  AutoTransaction tx;
  gint64 page_id = 0, post_id = 0;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);
  g_return_val_if_fail (post != NULL, FALSE);

  if (!check_record_string (self, N_("an id"), post->external_id, TRUE, error) ||
      (post->external_id[0] == '\0' &&
       !check_record_string (self, N_("an id"), NULL, TRUE, error)) ||
      !check_record_string (self, N_("its text"), post->text, FALSE, error) ||
      !check_record_string (self, N_("its page"), post->page_id, FALSE, error) ||
      !check_record_string (self, N_("its page name"), post->page_name, FALSE, error) ||
      !check_record_string (self, N_("its link"), post->permalink, FALSE, error))
    return FALSE;

  if (!auto_begin (self, &tx, error))
    return FALSE;

  if (post->page_id != NULL && post->page_id[0] != '\0' &&
      !upsert_page (self, post->platform, post->page_id, post->page_name, &page_id, error))
    goto out;

  if (!ensure_post (self, post->platform, post->external_id, &post_id, error))
    goto out;

  /* Known values replace unknown ones; a later import of the same post
   * updates text and link in place. */
  stmt = get_statement (self,
                        "UPDATE posts SET"
                        "  page_id = coalesce (?2, page_id),"
                        "  text = coalesce (?3, text),"
                        "  created = CASE WHEN ?4 != 0 THEN ?4 ELSE created END,"
                        "  permalink = coalesce (?5, permalink) "
                        "WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, post_id);
  if (page_id != 0)
    sqlite3_bind_int64 (stmt, 2, page_id);
  else
    sqlite3_bind_null (stmt, 2);
  bind_text_or_null (stmt, 3, post->text);
  sqlite3_bind_int64 (stmt, 4, post->created);
  bind_text_or_null (stmt, 5, post->permalink);
  if (!step_done (self, stmt, error))
    goto out;

  if (out_id)
    *out_id = post_id;
  ok = TRUE;

out:
  return auto_end (&tx, ok, error);
}

gboolean
vigie_store_upsert_comment (VigieStore                *self,
                            const VigieCommentRecord  *c,
                            VigieUpsertResult         *out_result,
                            GError                   **error)
{
  AutoTransaction tx;
  gint64 post_id = 0, author_id = 0, existing_id = 0;
  g_autofree char *author_key = NULL;
  VigieUpsertResult result = VIGIE_UPSERT_UNCHANGED;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);
  g_return_val_if_fail (c != NULL, FALSE);

  if (!check_record_string (self, N_("an id"), c->external_id, TRUE, error) ||
      (c->external_id[0] == '\0' && !check_record_string (self, N_("an id"), NULL, TRUE, error)) ||
      !check_record_string (self, N_("its text"), c->text, TRUE, error) ||
      !check_record_string (self, N_("its post"), c->post_external_id, FALSE, error) ||
      !check_record_string (self, N_("its parent"), c->parent_external_id, FALSE, error) ||
      !check_record_string (self, N_("its author"), c->author_id, FALSE, error) ||
      !check_record_string (self, N_("its author’s name"), c->author_name, FALSE, error) ||
      !check_record_string (self, N_("its link"), c->permalink, FALSE, error) ||
      !check_record_string (self, N_("its language"), c->language, FALSE, error))
    return FALSE;

  if (!auto_begin (self, &tx, error))
    return FALSE;

  if (c->post_external_id != NULL && c->post_external_id[0] != '\0' &&
      !ensure_post (self, c->platform, c->post_external_id, &post_id, error))
    goto out;

  /* An author known only by name (saved files) is keyed by that name, so
   * "the author's other comments" still works. */
  if (c->author_id != NULL && c->author_id[0] != '\0')
    author_key = g_strdup (c->author_id);
  else if (c->author_name != NULL && c->author_name[0] != '\0')
    author_key = g_strconcat ("name:", c->author_name, NULL);
  if (author_key != NULL &&
      !ensure_author (self, c->platform, author_key, c->author_name, &author_id, error))
    goto out;

  stmt = get_statement (self,
                        "SELECT id,"
                        "  post_id IS coalesce (?3, post_id)"
                        "  AND parent_external_id IS coalesce (?4, parent_external_id)"
                        "  AND author_id IS coalesce (?5, author_id)"
                        "  AND author_name IS coalesce (?6, author_name) AND text = ?7 AND (created = ?8 OR ?8 = 0)"
                        "  AND permalink IS coalesce (?9, permalink)"
                        "  AND language IS coalesce (?10, language)"
                        "  AND hidden = ?11 AND (like_count = ?12 OR ?12 < 0) "
                        "FROM comments WHERE platform = ?1 AND external_id = ?2", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int (stmt, 1, c->platform);
  sqlite3_bind_text (stmt, 2, c->external_id, -1, SQLITE_STATIC);
  if (post_id)
    sqlite3_bind_int64 (stmt, 3, post_id);
  else
    sqlite3_bind_null (stmt, 3);
  bind_text_or_null (stmt, 4, c->parent_external_id);
  if (author_id)
    sqlite3_bind_int64 (stmt, 5, author_id);
  else
    sqlite3_bind_null (stmt, 5);
  bind_text_or_null (stmt, 6, c->author_name);
  sqlite3_bind_text (stmt, 7, c->text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, c->created);
  bind_text_or_null (stmt, 9, c->permalink);
  bind_text_or_null (stmt, 10, c->language);
  sqlite3_bind_int (stmt, 11, c->hidden ? 1 : 0);
  sqlite3_bind_int64 (stmt, 12, c->like_count);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      existing_id = sqlite3_column_int64 (stmt, 0);
      result = sqlite3_column_int (stmt, 1) ? VIGIE_UPSERT_UNCHANGED : VIGIE_UPSERT_UPDATED;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      goto out;
    }

  if (existing_id == 0)
    {
      stmt = get_statement (self,
                            "INSERT INTO comments (platform, external_id, post_id,"
                            "  parent_external_id, author_id, author_name, text, created,"
                            "  permalink, language, hidden, like_count, imported)"
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                            "  CAST (strftime ('%s', 'now') AS INTEGER))", error);
      result = VIGIE_UPSERT_INSERTED;
    }
  else if (result == VIGIE_UPSERT_UPDATED)
    {
      /* Edited on the platform, or known better now. Our own status stays. */
      stmt = get_statement (self,
                            "UPDATE comments SET"
                            "  post_id = coalesce (?3, post_id),"
                            "  parent_external_id = coalesce (?4, parent_external_id),"
                            "  author_id = coalesce (?5, author_id),"
                            "  author_name = coalesce (?6, author_name),"
                            "  text = ?7,"
                            "  created = CASE WHEN ?8 != 0 THEN ?8 ELSE created END,"
                            "  permalink = coalesce (?9, permalink),"
                            "  language = coalesce (?10, language),"
                            "  hidden = ?11,"
                            "  like_count = CASE WHEN ?12 >= 0 THEN ?12 ELSE like_count END "
                            "WHERE platform = ?1 AND external_id = ?2", error);
    }
  else
    stmt = NULL;

  if (result == VIGIE_UPSERT_UPDATED && !reindex_comment (self, existing_id, TRUE, error))
    goto out;

  if (result != VIGIE_UPSERT_UNCHANGED)
    {
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int (stmt, 1, c->platform);
      sqlite3_bind_text (stmt, 2, c->external_id, -1, SQLITE_STATIC);
      if (post_id)
        sqlite3_bind_int64 (stmt, 3, post_id);
      else
        sqlite3_bind_null (stmt, 3);
      bind_text_or_null (stmt, 4, c->parent_external_id);
      if (author_id)
        sqlite3_bind_int64 (stmt, 5, author_id);
      else
        sqlite3_bind_null (stmt, 5);
      bind_text_or_null (stmt, 6, c->author_name);
      sqlite3_bind_text (stmt, 7, c->text, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, c->created);
      bind_text_or_null (stmt, 9, c->permalink);
      bind_text_or_null (stmt, 10, c->language);
      sqlite3_bind_int (stmt, 11, c->hidden ? 1 : 0);
      sqlite3_bind_int64 (stmt, 12, c->like_count);
      if (!step_done (self, stmt, error))
        goto out;
      if (result == VIGIE_UPSERT_UPDATED && !reindex_comment (self, existing_id, FALSE, error))
        goto out;
    }

  if (out_result)
    *out_result = result;
  ok = TRUE;

out:
  return auto_end (&tx, ok, error);
}

gboolean
vigie_store_set_comment_status (VigieStore          *self,
                                gint64               comment_id,
                                VigieCommentStatus   status,
                                GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);

  stmt = get_statement (self, "UPDATE comments SET status = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  sqlite3_bind_int (stmt, 2, status);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND,
                   _("No comment %lld in the workspace."), (long long) comment_id);
      return FALSE;
    }
  return TRUE;
}

char *
vigie_store_get_setting (VigieStore *self,
                         const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  stmt = get_statement (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = dup_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
vigie_store_set_setting (VigieStore  *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);

  if (value == NULL)
    stmt = get_statement (self, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = get_statement (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/* Reading */

/* Turns what a person typed into an FTS5 query: every word must appear,
 * as a word or the start of one. Quoting each word keeps FTS5 operators
 * and punctuation from being interpreted. */
char *
_vigie_store_build_match (const char *search)
{
  GString *match = g_string_new (NULL);
  const char *p = search;

  while (*p)
    {
      const char *start;
      gboolean has_word_char = FALSE;

      while (*p && (g_unichar_isspace (g_utf8_get_char (p))))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          if (g_unichar_isalnum (g_utf8_get_char (p)))
            has_word_char = TRUE;
          p = g_utf8_next_char (p);
        }
      if (p > start && has_word_char)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_c (match, '"');
          for (const char *q = start; q < p; q++)
            {
              if (*q == '"')
                g_string_append_c (match, '"');
              g_string_append_c (match, *q);
            }
          g_string_append (match, "\"*");
        }
    }

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }
  return g_string_free (match, FALSE);
}

static char *
build_query_sql (const VigieQuery *query,
                 const char       *what,
                 const char       *match,
                 gboolean          order)
{
  GString *sql = g_string_new ("SELECT ");

  g_string_append (sql, what);
  g_string_append (sql, " FROM comments c WHERE 1");
  switch (query->view)
    {
    case VIGIE_VIEW_NEEDS_ACTION:
      g_string_append (sql, " AND c.status = 0");
      break;
    case VIGIE_VIEW_HANDLED:
      g_string_append (sql, " AND c.status = 1");
      break;
    case VIGIE_VIEW_ESCALATED:
      g_string_append (sql, " AND c.status = 1 AND c.resolution = 'escalate'");
      break;
    case VIGIE_VIEW_ALL:
    default:
      break;
    }
  if (query->post_id > 0)
    g_string_append (sql, " AND c.post_id = :post");
  else if (query->page_id > 0)
    g_string_append (sql, " AND c.post_id IN (SELECT id FROM posts WHERE page_id = :page)");
  if (query->author_id > 0)
    g_string_append (sql, " AND c.author_id = :author");
  if (query->category != NULL)
    g_string_append (sql, " AND c.id IN (SELECT comment_id FROM flags WHERE category = :category)");
  if (match != NULL)
    g_string_append (sql, " AND c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH :match)");
  if (order)
    {
      if (query->sort == VIGIE_SORT_OLDEST)
        g_string_append (sql, " ORDER BY c.created, c.id");
      else if (query->sort == VIGIE_SORT_PRIORITY)
        g_string_append (sql, " ORDER BY c.urgent DESC, c.severity DESC, c.created DESC, c.id DESC");
      else
        g_string_append (sql, " ORDER BY c.created DESC, c.id DESC");
    }
  return g_string_free (sql, FALSE);
}

static sqlite3_stmt *
prepare_query (VigieStore        *self,
               const VigieQuery  *query,
               const char        *what,
               gboolean           order,
               GError           **error)
{
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (query->search != NULL && query->search[0] != '\0')
    match = _vigie_store_build_match (query->search);
  sql = build_query_sql (query, what, match, order);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (query->post_id > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":post"), query->post_id);
  else if (query->page_id > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":page"), query->page_id);
  if (query->author_id > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":author"), query->author_id);
  if (query->category != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":category"), query->category,
                       -1, SQLITE_TRANSIENT);
  if (match != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":match"), match, -1,
                       SQLITE_TRANSIENT);
  return stmt;
}

GArray *
vigie_store_query_ids (VigieStore        *self,
                       const VigieQuery  *query,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = prepare_query (self, query, "c.id", TRUE, error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
      if (++n % 65536 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&ids);
}

gint64
vigie_store_count (VigieStore        *self,
                   const VigieQuery  *query,
                   GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  stmt = prepare_query (self, query, "count(*)", FALSE, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    set_sqlite_error (self, rc, error);
  sqlite3_finalize (stmt);
  return count;
}

#define COMMENT_COLUMNS \
  "c.id, c.platform, c.external_id, c.post_id, p.external_id, par.id, c.parent_external_id," \
  " c.author_id, a.external_id, coalesce (c.author_name, a.name), c.text, c.created," \
  " c.permalink, c.language, c.hidden, c.like_count, c.status, c.imported" \
  " FROM comments c" \
  " LEFT JOIN posts p ON p.id = c.post_id" \
  " LEFT JOIN authors a ON a.id = c.author_id" \
  " LEFT JOIN comments par ON par.platform = c.platform" \
  "   AND par.external_id = c.parent_external_id"

static VigieComment *
comment_from_row (sqlite3_stmt *stmt)
{
  VigieComment *c = vigie_comment_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->platform = sqlite3_column_int (stmt, 1);
  c->external_id = dup_column_text (stmt, 2);
  c->post_id = sqlite3_column_int64 (stmt, 3);
  c->post_external_id = dup_column_text (stmt, 4);
  c->parent_id = sqlite3_column_int64 (stmt, 5);
  c->parent_external_id = dup_column_text (stmt, 6);
  c->author_id = sqlite3_column_int64 (stmt, 7);
  c->author_external_id = dup_column_text (stmt, 8);
  c->author_name = dup_column_text (stmt, 9);
  c->text = dup_column_text (stmt, 10);
  c->created = sqlite3_column_int64 (stmt, 11);
  c->permalink = dup_column_text (stmt, 12);
  c->language = dup_column_text (stmt, 13);
  c->hidden = sqlite3_column_int (stmt, 14) != 0;
  c->like_count = sqlite3_column_int64 (stmt, 15);
  c->status = sqlite3_column_int (stmt, 16);
  c->imported = sqlite3_column_int64 (stmt, 17);
  if (c->text == NULL)
    c->text = g_strdup ("");
  return c;
}

static VigieComment *
get_one_comment (VigieStore    *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  VigieComment *c = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    c = comment_from_row (stmt);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return c;
}

VigieComment *
vigie_store_get_comment (VigieStore  *self,
                         gint64       id,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  GError *local_error = NULL;
  VigieComment *c;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  stmt = get_statement (self, "SELECT " COMMENT_COLUMNS " WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  c = get_one_comment (self, stmt, &local_error);
  if (c == NULL && local_error == NULL)
    g_set_error (&local_error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND,
                 _("No comment %lld in the workspace."), (long long) id);
  if (local_error)
    g_propagate_error (error, local_error);
  return c;
}

VigieComment *
vigie_store_find_comment (VigieStore     *self,
                          VigiePlatform   platform,
                          const char     *external_id,
                          GError        **error)
{
  sqlite3_stmt *stmt;
  GError *local_error = NULL;
  VigieComment *c;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);
  g_return_val_if_fail (external_id != NULL, NULL);

  stmt = get_statement (self,
                        "SELECT " COMMENT_COLUMNS " WHERE c.platform = ?1 AND c.external_id = ?2",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, platform);
  sqlite3_bind_text (stmt, 2, external_id, -1, SQLITE_STATIC);
  c = get_one_comment (self, stmt, &local_error);
  if (c == NULL && local_error == NULL)
    g_set_error (&local_error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND,
                 _("No comment “%s” in the workspace."), external_id);
  if (local_error)
    g_propagate_error (error, local_error);
  return c;
}

GPtrArray *
vigie_store_get_comments (VigieStore    *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_autoptr(GPtrArray) comments = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  stmt = get_statement (self, "SELECT " COMMENT_COLUMNS " WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  comments = g_ptr_array_new_full (n_ids, (GDestroyNotify) vigie_comment_unref);
  for (guint i = 0; i < n_ids; i++)
    {
      GError *local_error = NULL;
      VigieComment *c;

      sqlite3_bind_int64 (stmt, 1, ids[i]);
      c = get_one_comment (self, stmt, &local_error);
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (c)
        g_ptr_array_add (comments, c);
    }
  return g_steal_pointer (&comments);
}

GPtrArray *
vigie_store_get_thread (VigieStore  *self,
                        gint64       comment_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) ancestors = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_comment_unref);
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(VigieComment) comment = NULL;
  sqlite3_stmt *stmt;
  gint64 parent;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  comment = vigie_store_get_comment (self, comment_id, error);
  if (comment == NULL)
    return NULL;

  /* Walk up; the depth guard protects against a cycle in bad data */
  parent = comment->parent_id;
  for (guint depth = 0; parent != 0 && depth < 32; depth++)
    {
      VigieComment *p = vigie_store_get_comment (self, parent, error);
      if (p == NULL)
        return NULL;
      g_ptr_array_insert (ancestors, 0, p);
      parent = p->parent_id;
    }

  thread = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_comment_unref);
  for (guint i = 0; i < ancestors->len; i++)
    g_ptr_array_add (thread, vigie_comment_ref (g_ptr_array_index (ancestors, i)));
  g_ptr_array_add (thread, vigie_comment_ref (comment));

  stmt = get_statement (self,
                        "SELECT " COMMENT_COLUMNS
                        " WHERE c.platform = ?1 AND c.parent_external_id = ?2"
                        " ORDER BY c.created, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, comment->platform);
  sqlite3_bind_text (stmt, 2, comment->external_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (thread, comment_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&thread);
}

#define POST_COLUMNS \
  "p.id, p.platform, p.external_id, p.page_id, pg.external_id, pg.name, p.text, p.created," \
  " p.permalink, (SELECT count(*) FROM comments c WHERE c.post_id = p.id)" \
  " FROM posts p LEFT JOIN pages pg ON pg.id = p.page_id"

static VigiePost *
post_from_row (sqlite3_stmt *stmt)
{
  VigiePost *p = vigie_post_new ();

  p->id = sqlite3_column_int64 (stmt, 0);
  p->platform = sqlite3_column_int (stmt, 1);
  p->external_id = dup_column_text (stmt, 2);
  p->page_id = sqlite3_column_int64 (stmt, 3);
  p->page_external_id = dup_column_text (stmt, 4);
  p->page_name = dup_column_text (stmt, 5);
  p->text = dup_column_text (stmt, 6);
  p->created = sqlite3_column_int64 (stmt, 7);
  p->permalink = dup_column_text (stmt, 8);
  p->n_comments = sqlite3_column_int (stmt, 9);
  return p;
}

VigiePost *
vigie_store_get_post (VigieStore  *self,
                      gint64       id,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  VigiePost *post = NULL;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  stmt = get_statement (self, "SELECT " POST_COLUMNS " WHERE p.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    post = post_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND,
                 _("No post %lld in the workspace."), (long long) id);
  else
    set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return post;
}

GHashTable *
vigie_store_map_posts (VigieStore  *self,
                       GPtrArray   *comments,
                       GError     **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) vigie_post_unref);
  g_autoptr(GPtrArray) posts = NULL;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  if (comments == NULL)
    {
      posts = vigie_store_list_posts (self, 0, error);
      if (posts == NULL)
        return NULL;
      for (guint i = 0; i < posts->len; i++)
        {
          VigiePost *post = g_ptr_array_index (posts, i);
          g_hash_table_insert (by_id, &post->id, vigie_post_ref (post));
        }
      return g_steal_pointer (&by_id);
    }

  for (guint i = 0; i < comments->len; i++)
    {
      const VigieComment *comment = g_ptr_array_index (comments, i);
      VigiePost *post;

      if (comment->post_id == 0 || g_hash_table_contains (by_id, &comment->post_id))
        continue;
      post = vigie_store_get_post (self, comment->post_id, error);
      if (post == NULL)
        return NULL;
      g_hash_table_insert (by_id, &post->id, post);
    }
  return g_steal_pointer (&by_id);
}

GPtrArray *
vigie_store_list_pages (VigieStore  *self,
                        GError     **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_page_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT pg.id, pg.platform, pg.external_id, pg.name,"
                        "  (SELECT count(*) FROM posts p WHERE p.page_id = pg.id),"
                        "  (SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id"
                        "     WHERE p.page_id = pg.id) "
                        "FROM pages pg ORDER BY pg.platform, pg.name COLLATE NOCASE, pg.id",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VigiePage *page = vigie_page_new ();

      page->id = sqlite3_column_int64 (stmt, 0);
      page->platform = sqlite3_column_int (stmt, 1);
      page->external_id = dup_column_text (stmt, 2);
      page->name = dup_column_text (stmt, 3);
      page->n_posts = sqlite3_column_int (stmt, 4);
      page->n_comments = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (pages, page);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&pages);
}

GPtrArray *
vigie_store_list_posts (VigieStore  *self,
                        gint64       page_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_post_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  if (page_id > 0)
    stmt = get_statement (self, "SELECT " POST_COLUMNS
                          " WHERE p.page_id = ?1 ORDER BY p.created DESC, p.id DESC", error);
  else
    stmt = get_statement (self, "SELECT " POST_COLUMNS
                          " ORDER BY p.created DESC, p.id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (page_id > 0)
    sqlite3_bind_int64 (stmt, 1, page_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (posts, post_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&posts);
}

/* Classification results */

static gboolean
save_one_classification (VigieStore                *self,
                         gint64                     comment_id,
                         const VigieClassification *result,
                         GError                   **error)
{
  sqlite3_stmt *stmt;

  /* The comment first: an unknown id is reported as such */
  stmt = get_statement (self,
                        "UPDATE comments SET action = ?2, urgent = ?3, severity = ?4,"
                        "  detected_language = ?5, classified = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  bind_text_or_null (stmt, 2, result->action);
  sqlite3_bind_int (stmt, 3, result->urgent ? 1 : 0);
  sqlite3_bind_int (stmt, 4, result->severity);
  bind_text_or_null (stmt, 5, result->lang);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND,
                   _("No comment %lld in the workspace."), (long long) comment_id);
      return FALSE;
    }

  stmt = get_statement (self, "DELETE FROM flags WHERE comment_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  if (!step_done (self, stmt, error))
    return FALSE;

  /* The page's own replies are answers, not comments to moderate: handled
   * from the start, and never flagged. */
  if (self->schema_version < 4)
    goto flags;
  stmt = get_statement (self,
                        "UPDATE comments SET status = 1, resolution = 'page',"
                        "  action = NULL, urgent = 0, severity = 0"
                        "  WHERE id = ?1 AND status = 0 AND author_id IN"
                        "  (SELECT au.id FROM posts p JOIN pages pg ON pg.id = p.page_id"
                        "     JOIN authors au ON au.platform = pg.platform"
                        "       AND (au.external_id = pg.external_id"
                        /* an Instagram account is known by its user name */
                        "            OR (au.platform = ?2 AND au.name = pg.external_id))"
                        "   WHERE p.id = comments.post_id)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  sqlite3_bind_int (stmt, 2, VIGIE_PLATFORM_INSTAGRAM);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

flags:
  for (guint i = 0; i < result->flags->len; i++)
    {
      const VigieFlag *f = &g_array_index (result->flags, VigieFlag, i);
      g_autofree char *spans = vigie_spans_to_json (f->spans);

      stmt = get_statement (self,
                            "INSERT INTO flags (comment_id, category, clause, rule, score, spans)"
                            "  VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, comment_id);
      sqlite3_bind_text (stmt, 2, f->category, -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 3, f->clause);
      bind_text_or_null (stmt, 4, f->rule);
      sqlite3_bind_double (stmt, 5, f->score);
      sqlite3_bind_text (stmt, 6, spans, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
vigie_store_save_classification (VigieStore                *self,
                                 gint64                     comment_id,
                                 const VigieClassification *result,
                                 GError                   **error)
{
  AutoTransaction tx;

  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!auto_begin (self, &tx, error))
    return FALSE;
  return auto_end (&tx, save_one_classification (self, comment_id, result, error), error);
}

gboolean
vigie_store_save_classifications (VigieStore  *self,
                                  GPtrArray   *comments,
                                  GPtrArray   *results,
                                  GError     **error)
{
  AutoTransaction tx;
  gboolean ok = TRUE;

  g_return_val_if_fail (VIGIE_IS_STORE (self), FALSE);
  g_return_val_if_fail (comments != NULL && results != NULL, FALSE);
  g_return_val_if_fail (comments->len == results->len, FALSE);

  if (!auto_begin (self, &tx, error))
    return FALSE;
  for (guint i = 0; i < comments->len && ok; i++)
    {
      const VigieComment *c = g_ptr_array_index (comments, i);
      ok = save_one_classification (self, c->id, g_ptr_array_index (results, i), error);
    }
  return auto_end (&tx, ok, error);
}

VigieClassification *
vigie_store_get_classification (VigieStore  *self,
                                gint64       comment_id,
                                GError     **error)
{
  g_autoptr(VigieClassification) result = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT classified, action, urgent, severity, detected_language"
                        "  FROM comments WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, VIGIE_STORE_ERROR, VIGIE_STORE_ERROR_NOT_FOUND,
                     _("No comment %lld in the workspace."), (long long) comment_id);
      else
        set_sqlite_error (self, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      /* Not classified yet: no error, no result */
      sqlite3_reset (stmt);
      return NULL;
    }
  result = vigie_classification_new ();
  if (sqlite3_column_text (stmt, 1) != NULL)
    result->action = g_intern_string ((const char *) sqlite3_column_text (stmt, 1));
  result->urgent = sqlite3_column_int (stmt, 2) != 0;
  result->severity = sqlite3_column_int (stmt, 3);
  if (sqlite3_column_text (stmt, 4) != NULL)
    result->lang = g_intern_string ((const char *) sqlite3_column_text (stmt, 4));
  sqlite3_reset (stmt);

  stmt = get_statement (self,
                        "SELECT category, clause, rule, score, spans FROM flags"
                        "  WHERE comment_id = ?1 ORDER BY rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VigieFlag f = { 0 };
      const char *clause = (const char *) sqlite3_column_text (stmt, 1);
      const char *rule = (const char *) sqlite3_column_text (stmt, 2);

      f.category = g_intern_string ((const char *) sqlite3_column_text (stmt, 0));
      f.clause = clause ? g_intern_string (clause) : NULL;
      f.rule = rule ? g_intern_string (rule) : NULL;
      f.score = sqlite3_column_double (stmt, 3);
      f.spans = vigie_spans_from_json ((const char *) sqlite3_column_text (stmt, 4));
      g_array_append_val (result->flags, f);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

GHashTable *
vigie_store_count_categories (VigieStore        *self,
                              const VigieQuery  *query,
                              GError           **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  VigieQuery q;
  g_autofree char *ids_sql = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  /* The same filter, without the category itself */
  q = *query;
  q.category = NULL;
  stmt = prepare_query (self, &q, "c.id", FALSE, error);
  if (stmt == NULL)
    return NULL;
  ids_sql = g_strdup (sqlite3_sql (stmt));
  sqlite3_finalize (stmt);
  sql = g_strdup_printf ("SELECT category, count(DISTINCT comment_id) FROM flags"
                         "  WHERE comment_id IN (%s) GROUP BY category", ids_sql);
  /* Re-bind through prepare_query's logic: rebuild with the same parameters */
  {
    g_autofree char *match = NULL;
    if (q.search != NULL && q.search[0] != '\0')
      match = _vigie_store_build_match (q.search);
    rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
      {
        set_sqlite_error (self, rc, error);
        return NULL;
      }
    if (q.post_id > 0)
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":post"), q.post_id);
    else if (q.page_id > 0)
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":page"), q.page_id);
    if (q.author_id > 0)
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":author"), q.author_id);
    if (match != NULL)
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":match"), match, -1,
                         SQLITE_TRANSIENT);
  }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, (gpointer) g_intern_string ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}
