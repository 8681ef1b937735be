/* vigie-audit.c — who did what, when, and under which clause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "vigie-audit.h"
#include "vigie-action-private.h"
#include "vigie-classifier.h"
#include "vigie-store-private.h"

G_DEFINE_QUARK (vigie-audit-error-quark, vigie_audit_error)

/* The "previous hash" of the first entry */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* The settings key that remembers the last entry ("id:hash"), so that
 * removing entries from the end of the trail is noticed too */
#define HEAD_KEY "audit.head"

const char *
vigie_audit_event_get_label (const char *event)
{
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_QUEUED) == 0)
    return C_("audit event", "Requested");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_APPLIED) == 0)
    return C_("audit event", "Applied");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_ATTEMPT_FAILED) == 0)
    return C_("audit event", "Attempt failed");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_FAILED) == 0)
    return C_("audit event", "Failed");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_RETRIED) == 0)
    return C_("audit event", "Retried");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_ABANDONED) == 0)
    return C_("audit event", "Abandoned");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_CANCELLED) == 0)
    return C_("audit event", "Undone");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_PROPOSED) == 0)
    return C_("audit event", "Proposed to the director");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_EDITED) == 0)
    return C_("audit event", "Reply edited by the director");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_APPROVED) == 0)
    return C_("audit event", "Approved");
  if (g_strcmp0 (event, VIGIE_AUDIT_EVENT_REJECTED) == 0)
    return C_("audit event", "Rejected");
  return event;
}

/* Entries */

static void
entry_free_contents (VigieAuditEntry *entry)
{
  g_free (entry->event);
  g_free (entry->actor_name);
  g_free (entry->actor_role);
  g_free (entry->comment_ref);
  g_free (entry->kind);
  g_free (entry->status);
  g_strfreev (entry->categories);
  g_strfreev (entry->clauses);
  g_free (entry->template_id);
  g_free (entry->text);
  g_free (entry->note);
  g_free (entry->error);
  g_free (entry->evidence_sha256);
  g_free (entry->prev_hash);
  g_free (entry->hash);
}

VigieAuditEntry *
vigie_audit_entry_ref (VigieAuditEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return g_atomic_rc_box_acquire (entry);
}

void
vigie_audit_entry_unref (VigieAuditEntry *entry)
{
  g_return_if_fail (entry != NULL);
  g_atomic_rc_box_release_full (entry, (GDestroyNotify) entry_free_contents);
}

G_DEFINE_BOXED_TYPE (VigieAuditEntry, vigie_audit_entry, vigie_audit_entry_ref,
                     vigie_audit_entry_unref)

void
vigie_audit_verification_clear (VigieAuditVerification *verification)
{
  g_clear_pointer (&verification->reason, g_free);
}

/* The hash of an entry covers every field, each written as its name, its
 * length and its bytes (or "~" for none), so that no two different entries
 * serialise the same way; then the previous entry's hash. */

static void
hash_text (GChecksum  *checksum,
           const char *name,
           const char *value)
{
  char prefix[64];
  int n;

  if (value == NULL)
    n = g_snprintf (prefix, sizeof prefix, "%s~\n", name);
  else
    n = g_snprintf (prefix, sizeof prefix, "%s%zu:", name, strlen (value));
  g_checksum_update (checksum, (const guchar *) prefix, n);
  if (value != NULL)
    {
      g_checksum_update (checksum, (const guchar *) value, strlen (value));
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
}

static void
hash_int (GChecksum  *checksum,
          const char *name,
          gint64      value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  hash_text (checksum, name, text);
}

typedef struct
{
  gint64      id;
  gint64      time_us;
  const char *event;
  const char *actor_name;
  const char *actor_role;
  gint64      action_id;
  gint64      comment_id;
  const char *comment_ref;
  const char *kind;
  const char *status;
  const char *categories;   /* JSON */
  const char *clauses;      /* JSON */
  const char *template_id;
  const char *text;
  const char *note;
  const char *error;
  const char *evidence_sha256;
  gint64      reverse_of;
  const char *prev_hash;
} HashedFields;

static char *
compute_hash (const HashedFields *f)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  hash_text (checksum, "vigie-audit", "1");
  hash_int (checksum, "id", f->id);
  hash_int (checksum, "time", f->time_us);
  hash_text (checksum, "event", f->event);
  hash_text (checksum, "actor", f->actor_name);
  hash_text (checksum, "role", f->actor_role);
  hash_int (checksum, "action", f->action_id);
  hash_int (checksum, "comment", f->comment_id);
  hash_text (checksum, "comment_ref", f->comment_ref);
  hash_text (checksum, "kind", f->kind);
  hash_text (checksum, "status", f->status);
  hash_text (checksum, "categories", f->categories);
  hash_text (checksum, "clauses", f->clauses);
  hash_text (checksum, "template", f->template_id);
  hash_text (checksum, "text", f->text);
  hash_text (checksum, "note", f->note);
  hash_text (checksum, "error", f->error);
  hash_text (checksum, "evidence", f->evidence_sha256);
  hash_int (checksum, "reverse_of", f->reverse_of);
  hash_text (checksum, "prev", f->prev_hash);
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
step_error (VigieStore    *store,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  int rc = sqlite3_errcode (_vigie_store_get_db (store));

  sqlite3_reset (stmt);
  return _vigie_store_set_error (store, rc, error);
}

static gboolean
append_in_transaction (VigieStore              *store,
                       const VigieAuditRecord  *record,
                       gint64                  *out_id,
                       GError                 **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *categories = _vigie_strv_to_json (record->categories);
  g_autofree char *clauses = _vigie_strv_to_json (record->clauses);
  g_autofree char *head = NULL;
  HashedFields f = { 0 };
  sqlite3_stmt *stmt;
  gint64 prev_id = 0;
  int rc;

  /* The last entry, read inside the write transaction: no other writer can
   * append between this read and our insert */
  stmt = _vigie_store_get_statement (store, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
                                     error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      prev_id = sqlite3_column_int64 (stmt, 0);
      prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    return step_error (store, stmt, error);
  sqlite3_reset (stmt);
  if (prev_hash == NULL)
    prev_hash = g_strdup (GENESIS_HASH);

  f.id = prev_id + 1;
  f.time_us = record->time_us != 0 ? record->time_us : g_get_real_time ();
  f.event = record->event;
  f.actor_name = record->actor_name;
  f.actor_role = record->actor_role;
  f.action_id = record->action_id;
  f.comment_id = record->comment_id;
  f.comment_ref = record->comment_ref;
  f.kind = record->kind;
  f.status = record->status;
  f.categories = categories;
  f.clauses = clauses;
  f.template_id = record->template_id;
  f.text = record->text;
  f.note = record->note;
  f.error = record->error;
  f.evidence_sha256 = record->evidence_sha256;
  f.reverse_of = record->reverse_of;
  f.prev_hash = prev_hash;
  hash = compute_hash (&f);

  stmt = _vigie_store_get_statement (store,
                                     "INSERT INTO audit (id, time_us, event, actor_name,"
                                     "  actor_role, action_id, comment_id, comment_ref, kind,"
                                     "  status, categories, clauses, template_id, text, note,"
                                     "  error, evidence_sha256, reverse_of, prev_hash, hash)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                     "  ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f.id);
  sqlite3_bind_int64 (stmt, 2, f.time_us);
  sqlite3_bind_text (stmt, 3, f.event, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, f.actor_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, f.actor_role, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, f.action_id);
  sqlite3_bind_int64 (stmt, 7, f.comment_id);
  sqlite3_bind_text (stmt, 8, f.comment_ref, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, f.kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, f.status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, f.categories, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, f.clauses, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, f.template_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, f.text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, f.note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, f.error, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, f.evidence_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 18, f.reverse_of);
  sqlite3_bind_text (stmt, 19, f.prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 20, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return step_error (store, stmt, error);
  sqlite3_reset (stmt);

  head = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", f.id, hash);
  if (!vigie_store_set_setting (store, HEAD_KEY, head, error))
    return FALSE;

  if (out_id)
    *out_id = f.id;
  return TRUE;
}

gboolean
vigie_audit_append (VigieStore              *store,
                    const VigieAuditRecord  *record,
                    gint64                  *out_id,
                    GError                 **error)
{
  gboolean owned;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (record->event == NULL || record->event[0] == '\0')
    {
      g_set_error_literal (error, VIGIE_AUDIT_ERROR, VIGIE_AUDIT_ERROR_INVALID,
                           _("An audit entry needs an event."));
      return FALSE;
    }

  owned = !vigie_store_in_transaction (store);
  if (owned && !vigie_store_begin (store, error))
    return FALSE;
  if (!append_in_transaction (store, record, out_id, error))
    {
      if (owned)
        vigie_store_rollback (store);
      return FALSE;
    }
  return owned ? vigie_store_commit (store, error) : TRUE;
}

/* Reading */

#define ENTRY_COLUMNS \
  "id, time_us, event, actor_name, actor_role, action_id, comment_id, comment_ref, kind," \
  " status, categories, clauses, template_id, text, note, error, evidence_sha256," \
  " reverse_of, prev_hash, hash"

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

static VigieAuditEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  VigieAuditEntry *e = g_atomic_rc_box_new0 (VigieAuditEntry);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->time_us = sqlite3_column_int64 (stmt, 1);
  e->event = dup_text (stmt, 2);
  e->actor_name = dup_text (stmt, 3);
  e->actor_role = dup_text (stmt, 4);
  e->action_id = sqlite3_column_int64 (stmt, 5);
  e->comment_id = sqlite3_column_int64 (stmt, 6);
  e->comment_ref = dup_text (stmt, 7);
  e->kind = dup_text (stmt, 8);
  e->status = dup_text (stmt, 9);
  e->categories = _vigie_strv_from_json ((const char *) sqlite3_column_text (stmt, 10));
  e->clauses = _vigie_strv_from_json ((const char *) sqlite3_column_text (stmt, 11));
  e->template_id = dup_text (stmt, 12);
  e->text = dup_text (stmt, 13);
  e->note = dup_text (stmt, 14);
  e->error = dup_text (stmt, 15);
  e->evidence_sha256 = dup_text (stmt, 16);
  e->reverse_of = sqlite3_column_int64 (stmt, 17);
  e->prev_hash = dup_text (stmt, 18);
  e->hash = dup_text (stmt, 19);
  return e;
}

static sqlite3_stmt *
prepare_query (VigieStore             *store,
               const VigieAuditQuery  *query,
               const char             *what,
               gboolean                order,
               GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_string_append (sql, what);
  g_string_append (sql, " FROM audit WHERE 1");
  if (query->actor != NULL)
    g_string_append (sql, " AND actor_name = :actor");
  if (query->event != NULL)
    g_string_append (sql, " AND event = :event");
  if (query->kind != NULL)
    g_string_append (sql, " AND kind = :kind");
  if (query->category != NULL)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM json_each (audit.categories)"
                          " WHERE json_each.value = :category)");
  if (query->since_us != 0)
    g_string_append (sql, " AND time_us >= :since");
  if (query->until_us != 0)
    g_string_append (sql, " AND time_us < :until");
  if (query->comment_id != 0)
    g_string_append (sql, " AND comment_id = :comment");
  if (query->action_id != 0)
    g_string_append (sql, " AND action_id = :action");
  if (order)
    {
      g_string_append (sql, query->newest_first ? " ORDER BY id DESC" : " ORDER BY id");
      if (query->limit > 0)
        g_string_append_printf (sql, " LIMIT %u", query->limit);
      if (query->offset > 0)
        g_string_append_printf (sql, "%s OFFSET %u", query->limit > 0 ? "" : " LIMIT -1",
                                query->offset);
    }

  rc = sqlite3_prepare_v2 (_vigie_store_get_db (store), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _vigie_store_set_error (store, rc, error);
      return NULL;
    }
#define BIND_TEXT(name, value) \
  if ((value) != NULL) \
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), value, -1, SQLITE_TRANSIENT)
#define BIND_INT(name, value) \
  if ((value) != 0) \
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, name), value)
  BIND_TEXT (":actor", query->actor);
  BIND_TEXT (":event", query->event);
  BIND_TEXT (":kind", query->kind);
  BIND_TEXT (":category", query->category);
  BIND_INT (":since", query->since_us);
  BIND_INT (":until", query->until_us);
  BIND_INT (":comment", query->comment_id);
  BIND_INT (":action", query->action_id);
#undef BIND_TEXT
#undef BIND_INT
  return stmt;
}

GPtrArray *
vigie_audit_query (VigieStore             *store,
                   const VigieAuditQuery  *query,
                   GError                **error)
{
  static const VigieAuditQuery all = { 0 };
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  stmt = prepare_query (store, query ? query : &all, ENTRY_COLUMNS, TRUE, error);
  if (stmt == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_audit_entry_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _vigie_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gint64
vigie_audit_count (VigieStore             *store,
                   const VigieAuditQuery  *query,
                   GError                **error)
{
  static const VigieAuditQuery all = { 0 };
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (store), -1);

  stmt = prepare_query (store, query ? query : &all, "count(*)", FALSE, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _vigie_store_set_error (store, rc, error);
  sqlite3_finalize (stmt);
  return count;
}

GStrv
vigie_audit_list_actors (VigieStore  *store,
                         GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  stmt = _vigie_store_get_statement (store,
                                     "SELECT DISTINCT actor_name FROM audit"
                                     " WHERE actor_name IS NOT NULL ORDER BY actor_name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _vigie_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* CSV */

static void
append_csv_field (GString    *out,
                  const char *s,
                  gboolean    last)
{
  if (s != NULL)
    {
      if (strpbrk (s, ",\"\r\n") == NULL)
        g_string_append (out, s);
      else
        {
          g_string_append_c (out, '"');
          for (const char *p = s; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
    }
  g_string_append (out, last ? "\r\n" : ",");
}

static void
append_csv_int (GString *out,
                gint64   value)
{
  if (value != 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  g_string_append_c (out, ',');
}

static char *
format_time_us (gint64 time_us)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) dt = NULL;

  if (seconds == NULL)
    return NULL;
  dt = g_date_time_add (seconds, time_us % G_USEC_PER_SEC);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void
append_csv_entry (GString               *out,
                  const VigieAuditEntry *e)
{
  g_autofree char *time = format_time_us (e->time_us);
  g_autofree char *categories = g_strjoinv (" ", e->categories);
  g_autofree char *clauses = g_strjoinv ("; ", e->clauses);

  append_csv_int (out, e->id);
  append_csv_field (out, time, FALSE);
  append_csv_field (out, e->event, FALSE);
  append_csv_field (out, e->actor_name, FALSE);
  append_csv_field (out, e->actor_role, FALSE);
  append_csv_int (out, e->action_id);
  append_csv_field (out, e->comment_ref, FALSE);
  append_csv_field (out, e->kind, FALSE);
  append_csv_field (out, e->status, FALSE);
  append_csv_field (out, categories, FALSE);
  append_csv_field (out, clauses, FALSE);
  append_csv_field (out, e->template_id, FALSE);
  append_csv_field (out, e->text, FALSE);
  append_csv_field (out, e->note, FALSE);
  append_csv_field (out, e->error, FALSE);
  append_csv_field (out, e->evidence_sha256, FALSE);
  append_csv_int (out, e->reverse_of);
  append_csv_field (out, e->prev_hash, FALSE);
  append_csv_field (out, e->hash, TRUE);
}

gboolean
vigie_audit_write_csv (VigieStore             *store,
                       const VigieAuditQuery  *query,
                       GOutputStream          *stream,
                       GCancellable           *cancellable,
                       GError                **error)
{
  static const VigieAuditQuery all = { 0 };
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  stmt = prepare_query (store, query ? query : &all, ENTRY_COLUMNS, TRUE, error);
  if (stmt == NULL)
    return FALSE;

  g_string_append (out, "id,time,event,actor,role,action,comment,kind,status,categories,"
                        "clauses,template,text,note,error,evidence_sha256,reverse_of,"
                        "prev_hash,hash\r\n");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(VigieAuditEntry) e = entry_from_row (stmt);

      append_csv_entry (out, e);
      if (out->len >= (1 << 16))
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          g_string_truncate (out, 0);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _vigie_store_set_error (store, rc, error);
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

/* Verification */

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The hashes of the evidence rows whose content still matches; those
 * whose content does not go into @altered (hash → row id), and the first
 * of them is reported in @out */
static GHashTable *
check_evidence (VigieStore              *store,
                VigieAuditVerification  *out,
                GHashTable              *altered,
                GError                 **error)
{
  g_autoptr(GHashTable) valid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _vigie_store_get_statement (store, "SELECT id, snapshot, sha256 FROM evidence ORDER BY id",
                                     error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *computed = sha256_hex ((const char *) sqlite3_column_text (stmt, 1));
      const char *stored = (const char *) sqlite3_column_text (stmt, 2);

      if (g_strcmp0 (computed, stored) == 0)
        g_hash_table_add (valid, g_strdup (stored));
      else
        g_hash_table_insert (altered, g_strdup (stored),
                             GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
      if (g_strcmp0 (computed, stored) != 0 && out->reason == NULL)
        {
          out->intact = FALSE;
          out->reason = g_strdup_printf (_("Evidence snapshot %lld was altered: its content no "
                                           "longer matches its SHA-256."),
                                         (long long) sqlite3_column_int64 (stmt, 0));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _vigie_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&valid);
}

static void
broken (VigieAuditVerification *out,
        gint64                  id,
        char                   *reason)
{
  out->intact = FALSE;
  out->first_broken_id = id;
  g_free (out->reason);
  out->reason = reason;
}

gboolean
vigie_audit_verify (VigieStore              *store,
                    VigieAuditVerification  *out,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(GHashTable) evidence = NULL;
  g_autoptr(GHashTable) altered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *prev_hash = g_strdup (GENESIS_HASH);
  g_autofree char *head = NULL;
  g_autofree char *evidence_reason = NULL;
  gint64 prev_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->intact = TRUE;

  evidence = check_evidence (store, out, altered, error);
  if (evidence == NULL)
    return FALSE;
  /* A broken snapshot is reported unless the chain breaks first */
  evidence_reason = g_steal_pointer (&out->reason);

  stmt = _vigie_store_get_statement (store, "SELECT " ENTRY_COLUMNS " FROM audit ORDER BY id",
                                     error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *categories = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
      g_autofree char *clauses = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
      g_autoptr(VigieAuditEntry) e = entry_from_row (stmt);
      g_autofree char *computed = NULL;
      HashedFields f = {
        .id = e->id, .time_us = e->time_us, .event = e->event, .actor_name = e->actor_name,
        .actor_role = e->actor_role, .action_id = e->action_id, .comment_id = e->comment_id,
        .comment_ref = e->comment_ref, .kind = e->kind, .status = e->status,
        .categories = categories, .clauses = clauses, .template_id = e->template_id,
        .text = e->text, .note = e->note, .error = e->error,
        .evidence_sha256 = e->evidence_sha256, .reverse_of = e->reverse_of,
        .prev_hash = e->prev_hash,
      };

      out->n_entries++;
      if (e->id != prev_id + 1)
        {
          broken (out, e->id,
                  prev_id + 1 == e->id - 1
                  ? g_strdup_printf (_("Entry %lld is missing."), (long long) prev_id + 1)
                  : g_strdup_printf (_("Entries %lld to %lld are missing."),
                                     (long long) prev_id + 1, (long long) e->id - 1));
          break;
        }
      if (g_strcmp0 (e->prev_hash, prev_hash) != 0)
        {
          broken (out, e->id,
                  g_strdup_printf (_("Entry %lld does not follow from the entry before it: "
                                     "that entry was changed or replaced."), (long long) e->id));
          break;
        }
      computed = compute_hash (&f);
      if (g_strcmp0 (computed, e->hash) != 0)
        {
          broken (out, e->id,
                  g_strdup_printf (_("Entry %lld was changed after it was written."),
                                   (long long) e->id));
          break;
        }
      if (e->evidence_sha256 != NULL && !g_hash_table_contains (evidence, e->evidence_sha256))
        {
          gpointer snapshot_id;

          if (g_hash_table_lookup_extended (altered, e->evidence_sha256, NULL, &snapshot_id))
            broken (out, e->id,
                    g_strdup_printf (_("Evidence snapshot %lld, which entry %lld cites, was "
                                       "altered: its content no longer matches its SHA-256."),
                                     (long long) GPOINTER_TO_SIZE (snapshot_id),
                                     (long long) e->id));
          else
            broken (out, e->id,
                    g_strdup_printf (_("The evidence that entry %lld cites was changed or "
                                       "removed."), (long long) e->id));
          break;
        }
      prev_id = e->id;
      g_free (prev_hash);
      prev_hash = g_strdup (e->hash);

      if (out->n_entries % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _vigie_store_set_error (store, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (!out->intact)
    return TRUE;

  /* Entries removed from the end leave a shorter chain that is still
   * consistent: compare it with the last entry as recorded */
  head = vigie_store_get_setting (store, HEAD_KEY);
  if (prev_id > 0 || head != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", prev_id, prev_hash);

      if (g_strcmp0 (head, expected) != 0)
        {
          gint64 head_id = head != NULL ? g_ascii_strtoll (head, NULL, 10) : 0;

          if (head_id > prev_id)
            broken (out, prev_id + 1,
                    g_strdup_printf (_("The last entries of the trail were removed: it ends at "
                                       "entry %lld, it ended at entry %lld."),
                                     (long long) prev_id, (long long) head_id));
          else
            broken (out, MAX (prev_id, 1),
                    g_strdup (_("The record of the trail’s last entry does not match the "
                                "trail.")));
          return TRUE;
        }
    }

  if (evidence_reason != NULL)
    {
      out->intact = FALSE;
      out->reason = g_steal_pointer (&evidence_reason);
    }
  return TRUE;
}

/* Evidence */

static void
append_member (GString    *out,
               const char *name,
               const char *value,
               gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  vigie_append_json_string (out, name);
  g_string_append_c (out, ':');
  if (value != NULL)
    vigie_append_json_string (out, value);
  else
    g_string_append (out, "null");
}

static void
append_time_member (GString    *out,
                    const char *name,
                    gint64      unix_time)
{
  g_autofree char *text = unix_time != 0 ? vigie_format_timestamp (unix_time) : NULL;

  append_member (out, name, text, FALSE);
}

/* The snapshot, with its members always in the same order so that the same
 * content always has the same hash */
static char *
build_snapshot (VigieStore    *store,
                gint64         comment_id,
                GError       **error)
{
  g_autoptr(VigieComment) c = NULL;
  g_autoptr(VigiePost) post = NULL;
  g_autoptr(VigieComment) parent = NULL;
  g_autofree char *stable_id = NULL;
  GString *out;

  c = vigie_store_get_comment (store, comment_id, error);
  if (c == NULL)
    return NULL;
  if (c->post_id != 0)
    post = vigie_store_get_post (store, c->post_id, NULL);
  if (c->parent_id != 0)
    parent = vigie_store_get_comment (store, c->parent_id, NULL);
  stable_id = vigie_comment_dup_stable_id (c);

  out = g_string_new ("{\"format\":1,\"comment\":{");
  append_member (out, "id", stable_id, TRUE);
  append_member (out, "platform", vigie_platform_to_string (c->platform), FALSE);
  append_member (out, "external_id", c->external_id, FALSE);
  append_member (out, "author_id", c->author_external_id, FALSE);
  append_member (out, "author", c->author_name, FALSE);
  append_member (out, "text", c->text, FALSE);
  append_time_member (out, "created", c->created);
  append_member (out, "permalink", c->permalink, FALSE);
  append_member (out, "language", c->language, FALSE);
  g_string_append_printf (out, ",\"hidden\":%s}", c->hidden ? "true" : "false");

  g_string_append (out, ",\"post\":");
  if (post != NULL)
    {
      g_string_append_c (out, '{');
      append_member (out, "external_id", post->external_id, TRUE);
      append_member (out, "text", post->text, FALSE);
      append_time_member (out, "created", post->created);
      append_member (out, "permalink", post->permalink, FALSE);
      append_member (out, "page_id", post->page_external_id, FALSE);
      append_member (out, "page", post->page_name, FALSE);
      g_string_append_c (out, '}');
    }
  else
    g_string_append (out, "null");

  g_string_append (out, ",\"parent\":");
  if (parent != NULL)
    {
      g_string_append_c (out, '{');
      append_member (out, "external_id", parent->external_id, TRUE);
      append_member (out, "author", parent->author_name, FALSE);
      append_member (out, "text", parent->text, FALSE);
      append_time_member (out, "created", parent->created);
      g_string_append_c (out, '}');
    }
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

gboolean
vigie_audit_capture_evidence (VigieStore   *store,
                              gint64        comment_id,
                              gint64        time_us,
                              gint64       *out_id,
                              char        **out_sha256,
                              GError      **error)
{
  g_autofree char *snapshot = NULL;
  g_autofree char *sha256 = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);

  snapshot = build_snapshot (store, comment_id, error);
  if (snapshot == NULL)
    return FALSE;
  sha256 = sha256_hex (snapshot);

  stmt = _vigie_store_get_statement (store,
                                     "SELECT id FROM evidence WHERE comment_id = ?1 AND sha256 = ?2"
                                     " ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment_id);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return step_error (store, stmt, error);
  sqlite3_reset (stmt);

  if (id == 0)
    {
      stmt = _vigie_store_get_statement (store,
                                         "INSERT INTO evidence (comment_id, captured_us, snapshot,"
                                         "  sha256) VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, comment_id);
      sqlite3_bind_int64 (stmt, 2, time_us != 0 ? time_us : g_get_real_time ());
      sqlite3_bind_text (stmt, 3, snapshot, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, sha256, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return step_error (store, stmt, error);
      sqlite3_reset (stmt);
      id = sqlite3_last_insert_rowid (_vigie_store_get_db (store));
    }

  if (out_id)
    *out_id = id;
  if (out_sha256)
    *out_sha256 = g_steal_pointer (&sha256);
  return TRUE;
}

gboolean
vigie_audit_get_evidence (VigieStore   *store,
                          gint64        evidence_id,
                          char        **out_snapshot,
                          char        **out_sha256,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);

  stmt = _vigie_store_get_statement (store, "SELECT snapshot, sha256 FROM evidence WHERE id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_snapshot)
        *out_snapshot = dup_text (stmt, 0);
      if (out_sha256)
        *out_sha256 = dup_text (stmt, 1);
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return step_error (store, stmt, error);
  sqlite3_reset (stmt);
  g_set_error (error, VIGIE_AUDIT_ERROR, VIGIE_AUDIT_ERROR_NOT_FOUND,
               _("No evidence snapshot %lld in the workspace."), (long long) evidence_id);
  return FALSE;
}
