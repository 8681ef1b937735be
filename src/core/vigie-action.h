/* vigie-action.h — what a person can do to a comment, and on which platform
 *
 * The kinds of moderation action, what each platform can do (a platform
 * that cannot do something is never offered it), which action takes back
 * which, and VigieAction, the stored record of one action as the outbox
 * (vigie-outbox.h) keeps it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vigie-model.h"

G_BEGIN_DECLS

#define VIGIE_ACTION_ERROR (vigie_action_error_quark ())

typedef enum
{
  VIGIE_ACTION_ERROR_UNSUPPORTED,   /* the platform cannot do it */
  VIGIE_ACTION_ERROR_INVALID,       /* a required reason, text or category is missing */
  VIGIE_ACTION_ERROR_TOO_LONG,      /* the text is longer than the platform allows */
  VIGIE_ACTION_ERROR_NOT_FOUND,     /* no such action or comment */
  VIGIE_ACTION_ERROR_STATE,         /* not possible in the action's present state */
  VIGIE_ACTION_ERROR_IRREVERSIBLE,  /* applied, and the platform cannot take it back */
  VIGIE_ACTION_ERROR_BUSY,          /* being sent right now; try again in a moment */
  VIGIE_ACTION_ERROR_PERMISSION,    /* the person's role does not allow it */
} VigieActionError;

GQuark vigie_action_error_quark (void);

typedef enum
{
  VIGIE_ACTION_HIDE,
  VIGIE_ACTION_UNHIDE,
  VIGIE_ACTION_REMOVE,
  VIGIE_ACTION_BAN,
  VIGIE_ACTION_UNBAN,
  VIGIE_ACTION_REPLY,
  VIGIE_ACTION_PRIVATE_REPLY,
  VIGIE_ACTION_ESCALATE,
  VIGIE_ACTION_KEEP,
  VIGIE_ACTION_CORRECT_CLASSIFICATION,
  /* Only ever issued by undo, as the reverse of another action */
  VIGIE_ACTION_RETRACT_REPLY,       /* deletes the page's own reply */
  VIGIE_ACTION_REOPEN,              /* puts the comment back in the queue */
} VigieActionKind;

#define VIGIE_ACTION_KIND_LAST VIGIE_ACTION_REOPEN

typedef enum
{
  VIGIE_ACTION_STATUS_PENDING,      /* stored, waiting for its grace period or a retry */
  VIGIE_ACTION_STATUS_APPLIED,
  VIGIE_ACTION_STATUS_FAILED,       /* retries exhausted or a permanent error */
  VIGIE_ACTION_STATUS_ABANDONED,    /* failed, and the user gave up on it */
  VIGIE_ACTION_STATUS_CANCELLED,    /* undone before it left the machine */
  VIGIE_ACTION_STATUS_PROPOSED,     /* a delegate's proposal: waits for the director */
} VigieActionStatus;

#define VIGIE_ACTION_STATUS_LAST VIGIE_ACTION_STATUS_PROPOSED

/* The director's part in an action */
typedef enum
{
  VIGIE_APPROVAL_NONE,              /* not needed */
  VIGIE_APPROVAL_AWAITING,          /* a proposal, an urgent action to confirm, an escalation */
  VIGIE_APPROVAL_APPROVED,
  VIGIE_APPROVAL_REJECTED,
} VigieApproval;

/* Roles, as Preferences stores them */
#define VIGIE_ROLE_DELEGATE "delegate"
#define VIGIE_ROLE_DIRECTOR "director"
#define VIGIE_ROLE_TRAINER  "trainer"

/* Only the director approves, rejects and acts without approval */
gboolean       vigie_role_is_director           (const char *role);
/* Translated: "Delegate", "Director", "Trainer"; @role itself when unknown */
const char    *vigie_role_get_label             (const char *role);

/* NULL, "awaiting", "approved", "rejected" */
const char    *vigie_approval_to_string         (VigieApproval  approval);
VigieApproval  vigie_approval_from_string       (const char    *str);

typedef enum
{
  VIGIE_CORRECTION_NONE,
  VIGIE_CORRECTION_WRONG,           /* flagged with a category it does not belong to */
  VIGIE_CORRECTION_MISSED,          /* belongs to a category it was not flagged with */
} VigieCorrection;

/* Unix time in microseconds, like g_get_real_time(); tests inject their own */
typedef gint64 (*VigieClockFunc) (gpointer user_data);

/* "hide", "unhide", "remove", "ban", "unban", "reply", "private_reply",
 * "escalate", "keep", "correct_classification", "retract_reply", "reopen":
 * stable, used in the store, the audit trail and on the command line */
const char    *vigie_action_kind_to_string      (VigieActionKind  kind);
gboolean       vigie_action_kind_from_string    (const char      *str,
                                                 VigieActionKind *out_kind);
/* Translated, for a button or menu ("Hide"); YouTube's words where they
 * differ ("Reject" for remove, "Hold for Review" for hide) */
const char    *vigie_action_kind_get_label      (VigieActionKind  kind,
                                                 VigiePlatform    platform);
/* Translated, for the toast after the action ("Comment hidden") */
const char    *vigie_action_kind_get_done_label (VigieActionKind  kind,
                                                 VigiePlatform    platform);

/* Actions that never leave the machine (escalate, keep, correct, reopen) */
gboolean       vigie_action_kind_is_local       (VigieActionKind  kind);
/* Can @platform do it to someone else's comment? Local actions are
 * supported everywhere; platform actions on VIGIE_PLATFORM_UNKNOWN never. */
gboolean       vigie_action_kind_is_supported   (VigiePlatform    platform,
                                                 VigieActionKind  kind);
/* The actions to offer for a comment on @platform, in display order (the
 * reverse-only kinds are not among them). Static; @n_kinds receives the count. */
const VigieActionKind *vigie_action_kinds_for_platform (VigiePlatform  platform,
                                                        guint         *n_kinds);
/* The action that takes @kind back once applied on @platform; FALSE when
 * there is none (a removed comment cannot be restored, a private message
 * cannot be unsent, YouTube has no unban) */
gboolean       vigie_action_kind_get_reverse    (VigiePlatform    platform,
                                                 VigieActionKind  kind,
                                                 VigieActionKind *out_reverse);
/* Needs a text (reply, private reply) */
gboolean       vigie_action_kind_needs_text     (VigieActionKind  kind);
/* Longest text, in characters, @platform accepts for @kind; 0 without text */
guint          vigie_action_get_text_limit      (VigiePlatform    platform,
                                                 VigieActionKind  kind);

/* "pending", "applied", "failed", "abandoned", "cancelled", "proposed" */
const char    *vigie_action_status_to_string    (VigieActionStatus  status);
gboolean       vigie_action_status_from_string  (const char        *str,
                                                 VigieActionStatus *out_status);
const char    *vigie_action_status_get_label    (VigieActionStatus  status);

/* "wrong", "missed"; NULL for none */
const char    *vigie_correction_to_string       (VigieCorrection  correction);
VigieCorrection vigie_correction_from_string    (const char      *str);

/* What a person asks for. Zero-initialise, then set what you need; strings
 * are borrowed. */
typedef struct
{
  VigieActionKind     kind;
  gint64              comment_id;   /* row id */
  /* Category ids and clause references cited; NULL = those of the
   * comment's flags */
  const char * const *categories;
  const char * const *clauses;
  const char         *actor_name;   /* from Preferences */
  const char         *actor_role;   /* "delegate", "director", "trainer"... */
  const char         *template_id;  /* the reply template used, if any */
  const char         *lang;         /* of the text: "fr" or "en" */
  const char         *text;         /* the final text of a reply */
  const char         *note;         /* the reason to keep (required), a note for the director... */
  VigieCorrection     correction;   /* correct_classification: with one category */
} VigieActionRequest;

/* One stored action: an immutable, reference-counted snapshot of its row */
typedef struct _VigieAction VigieAction;

struct _VigieAction
{
  gint64             id;
  VigieActionKind    kind;
  VigieActionStatus  status;
  guint              attempts;
  gint64             next_attempt_us;  /* not executed before this time (grace, backoff) */
  char              *last_error;       /* the platform's error, translated */
  char              *idempotency_key;

  /* The comment it acts on */
  gint64             comment_id;
  VigiePlatform      platform;
  char              *comment_ref;      /* "facebook:123_456", as vigie-scan prints it */
  char              *external_id;
  char              *post_external_id;
  char              *parent_external_id;
  char              *author_external_id;
  char              *page_external_id;

  char             **categories;
  char             **clauses;
  char              *actor_name;
  char              *actor_role;
  char              *template_id;
  char              *lang;
  char              *text;
  char              *note;
  VigieCorrection    correction;
  char              *target_ref;       /* retract_reply: the reply to delete */
  char              *result_ref;       /* reply: the id the platform gave the reply */
  gint64             reverse_of;       /* the action this one takes back, 0 for none */
  gint64             reversed_by;      /* the action that takes this one back, 0 for none */
  gint64             evidence_id;
  char              *evidence_sha256;
  gint64             created_us;
  gint64             updated_us;

  /* The director's decision */
  VigieApproval      approval;
  char              *decided_by;
  char              *decided_role;
  char              *decision_note;    /* the note back to the delegate */
  gint64             decided_us;
  char              *draft_text;       /* the delegate's reply, when the director edited it */
};

#define VIGIE_TYPE_ACTION (vigie_action_get_type ())

GType        vigie_action_get_type (void) G_GNUC_CONST;
VigieAction *vigie_action_new      (void);
VigieAction *vigie_action_ref      (VigieAction *action);
void         vigie_action_unref    (VigieAction *action);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieAction, vigie_action_unref)

G_END_DECLS
