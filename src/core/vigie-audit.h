/* vigie-audit.h — who did what, when, and under which clause
 *
 * The audit trail is an append-only table of the workspace: every action
 * and every change of an action's status, each entry holding the SHA-256
 * of the entry before it (a hash chain). SQLite triggers refuse to change
 * or delete an entry; anyone who goes around them breaks the chain, and
 * vigie_audit_verify() finds the first broken entry.
 *
 * Evidence snapshots (the comment as it was before an action) are kept
 * the same way, each with the SHA-256 of its content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_AUDIT_ERROR (vigie_audit_error_quark ())

typedef enum
{
  VIGIE_AUDIT_ERROR_INVALID,     /* an entry without an event */
  VIGIE_AUDIT_ERROR_NOT_FOUND,
} VigieAuditError;

GQuark vigie_audit_error_quark (void);

/* The events, stable in the store and in exported files */
#define VIGIE_AUDIT_EVENT_QUEUED         "queued"          /* an action was asked for */
#define VIGIE_AUDIT_EVENT_APPLIED        "applied"
#define VIGIE_AUDIT_EVENT_ATTEMPT_FAILED "attempt-failed"  /* will be retried */
#define VIGIE_AUDIT_EVENT_FAILED         "failed"
#define VIGIE_AUDIT_EVENT_RETRIED        "retried"         /* a person asked to try again */
#define VIGIE_AUDIT_EVENT_ABANDONED      "abandoned"
#define VIGIE_AUDIT_EVENT_CANCELLED      "cancelled"       /* undone within the grace period */
#define VIGIE_AUDIT_EVENT_PROPOSED       "proposed"        /* a delegate's action awaits the director */
#define VIGIE_AUDIT_EVENT_EDITED         "edited"          /* the director edited the reply */
#define VIGIE_AUDIT_EVENT_APPROVED       "approved"        /* the director approved or confirmed it */
#define VIGIE_AUDIT_EVENT_REJECTED       "rejected"        /* the director rejected it, with a note */

/* Translated, for display; the event itself when unknown */
const char *vigie_audit_event_get_label (const char *event);

/* What to append. Zero-initialise; strings are borrowed. */
typedef struct
{
  gint64              time_us;        /* 0: now */
  const char         *event;          /* required */
  const char         *actor_name;
  const char         *actor_role;
  gint64              action_id;
  gint64              comment_id;
  const char         *comment_ref;    /* "facebook:123_456" */
  const char         *kind;           /* "hide"... */
  const char         *status;         /* the action's status after the event */
  const char * const *categories;
  const char * const *clauses;
  const char         *template_id;
  const char         *text;
  const char         *note;
  const char         *error;
  const char         *evidence_sha256;
  gint64              reverse_of;
} VigieAuditRecord;

/* A stored entry: an immutable, reference-counted snapshot */
typedef struct
{
  gint64  id;
  gint64  time_us;
  char   *event;
  char   *actor_name;
  char   *actor_role;
  gint64  action_id;
  gint64  comment_id;
  char   *comment_ref;
  char   *kind;
  char   *status;
  char  **categories;
  char  **clauses;
  char   *template_id;
  char   *text;
  char   *note;
  char   *error;
  char   *evidence_sha256;
  gint64  reverse_of;
  char   *prev_hash;
  char   *hash;
} VigieAuditEntry;

#define VIGIE_TYPE_AUDIT_ENTRY (vigie_audit_entry_get_type ())

GType            vigie_audit_entry_get_type (void) G_GNUC_CONST;
VigieAuditEntry *vigie_audit_entry_ref      (VigieAuditEntry *entry);
void             vigie_audit_entry_unref    (VigieAuditEntry *entry);

/* Appends one entry, chained to the last one. Inside the store's current
 * transaction when there is one (so the entry and what it records are
 * written together), in a transaction of its own otherwise. */
gboolean   vigie_audit_append   (VigieStore              *store,
                                 const VigieAuditRecord  *record,
                                 gint64                  *out_id,
                                 GError                 **error);

/* A filter over the trail. Zero-initialise, then set what you need. */
typedef struct
{
  const char *actor;        /* who: the actor's name, exactly; NULL = anyone */
  const char *event;        /* what happened: an event; NULL = any */
  const char *kind;         /* what: an action kind ("hide"); NULL = any */
  const char *category;     /* cited this category id; NULL = any */
  gint64      since_us;     /* when: from this time on; 0 = the beginning */
  gint64      until_us;     /* before this time; 0 = now */
  gint64      comment_id;   /* 0 = any */
  gint64      action_id;    /* 0 = any */
  gboolean    newest_first;
  guint       offset;
  guint       limit;        /* 0 = no limit */
} VigieAuditQuery;

/* VigieAuditEntry*, oldest first unless @query asks otherwise */
GPtrArray *vigie_audit_query     (VigieStore              *store,
                                  const VigieAuditQuery   *query,
                                  GError                 **error);
gint64     vigie_audit_count     (VigieStore              *store,
                                  const VigieAuditQuery   *query,
                                  GError                 **error);
/* The distinct actor names in the trail, for a filter's choices */
GStrv      vigie_audit_list_actors (VigieStore            *store,
                                    GError               **error);
/* CSV (RFC 4180, UTF-8, a header line), oldest first: id, time (ISO 8601
 * UTC), event, actor, role, action, comment, kind, status, categories,
 * clauses, template, text, note, error, evidence_sha256, reverse_of,
 * prev_hash, hash */
gboolean   vigie_audit_write_csv (VigieStore              *store,
                                  const VigieAuditQuery   *query,
                                  GOutputStream           *stream,
                                  GCancellable            *cancellable,
                                  GError                 **error);

typedef struct
{
  gboolean  intact;
  gint64    n_entries;        /* entries checked */
  gint64    first_broken_id;  /* 0 when intact */
  char     *reason;           /* translated; NULL when intact */
} VigieAuditVerification;

void       vigie_audit_verification_clear (VigieAuditVerification *verification);

/* Recomputes the chain and the evidence hashes. Returns FALSE only when the
 * check could not run (@error set); whether the trail is intact is in
 * @out. */
gboolean   vigie_audit_verify    (VigieStore              *store,
                                  VigieAuditVerification  *out,
                                  GCancellable            *cancellable,
                                  GError                 **error);

/* Evidence */

/* Records the comment, its author, link, times, post and page, and its
 * parent as they are now, with the SHA-256 of that snapshot. A snapshot
 * identical to one already kept for the comment is not stored twice. */
gboolean   vigie_audit_capture_evidence (VigieStore   *store,
                                         gint64        comment_id,
                                         gint64        time_us,
                                         gint64       *out_id,
                                         char        **out_sha256,
                                         GError      **error);
/* The snapshot as JSON, and its SHA-256 */
gboolean   vigie_audit_get_evidence     (VigieStore   *store,
                                         gint64        evidence_id,
                                         char        **out_snapshot,
                                         char        **out_sha256,
                                         GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieAuditEntry, vigie_audit_entry_unref)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigieAuditVerification, vigie_audit_verification_clear)

G_END_DECLS
