/* vigie-action.c — what a person can do to a comment, and on which platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-action"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-action.h"
#include "vigie-action-private.h"
#include "vigie-classifier.h"

G_DEFINE_QUARK (vigie-action-error-quark, vigie_action_error)

static const char * const kind_names[] = {
  [VIGIE_ACTION_HIDE] = "hide",
  [VIGIE_ACTION_UNHIDE] = "unhide",
  [VIGIE_ACTION_REMOVE] = "remove",
  [VIGIE_ACTION_BAN] = "ban",
  [VIGIE_ACTION_UNBAN] = "unban",
  [VIGIE_ACTION_REPLY] = "reply",
  [VIGIE_ACTION_PRIVATE_REPLY] = "private_reply",
  [VIGIE_ACTION_ESCALATE] = "escalate",
  [VIGIE_ACTION_KEEP] = "keep",
  [VIGIE_ACTION_CORRECT_CLASSIFICATION] = "correct_classification",
  [VIGIE_ACTION_RETRACT_REPLY] = "retract_reply",
  [VIGIE_ACTION_REOPEN] = "reopen",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == VIGIE_ACTION_KIND_LAST + 1);

static const char * const status_names[] = {
  [VIGIE_ACTION_STATUS_PENDING] = "pending",
  [VIGIE_ACTION_STATUS_APPLIED] = "applied",
  [VIGIE_ACTION_STATUS_FAILED] = "failed",
  [VIGIE_ACTION_STATUS_ABANDONED] = "abandoned",
  [VIGIE_ACTION_STATUS_CANCELLED] = "cancelled",
  [VIGIE_ACTION_STATUS_PROPOSED] = "proposed",
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == VIGIE_ACTION_STATUS_LAST + 1);

const char *
vigie_action_kind_to_string (VigieActionKind kind)
{
  g_return_val_if_fail (kind <= VIGIE_ACTION_KIND_LAST, NULL);
  return kind_names[kind];
}

gboolean
vigie_action_kind_from_string (const char      *str,
                               VigieActionKind *out_kind)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (str, kind_names[i]) == 0)
      {
        if (out_kind)
          *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
vigie_action_kind_get_label (VigieActionKind kind,
                             VigiePlatform   platform)
{
  /* YouTube's moderation words: the API holds a comment for review and
   * rejects it; it cannot delete someone else's comment. */
  if (platform == VIGIE_PLATFORM_YOUTUBE)
    switch (kind)
      {
      case VIGIE_ACTION_HIDE:
        /* Translators: YouTube's own words for its moderation actions */
        return _("Hold for Review");
      case VIGIE_ACTION_UNHIDE:
        return _("Publish");
      case VIGIE_ACTION_REMOVE:
        return _("Reject");
      case VIGIE_ACTION_BAN:
        return _("Reject and Ban Author");
      default:
        break;
      }

  switch (kind)
    {
    case VIGIE_ACTION_HIDE:
      return _("Hide");
    case VIGIE_ACTION_UNHIDE:
      return _("Unhide");
    case VIGIE_ACTION_REMOVE:
      return _("Remove");
    case VIGIE_ACTION_BAN:
      return _("Ban Author");
    case VIGIE_ACTION_UNBAN:
      return _("Unban Author");
    case VIGIE_ACTION_REPLY:
      return _("Reply");
    case VIGIE_ACTION_PRIVATE_REPLY:
      return _("Reply Privately");
    case VIGIE_ACTION_ESCALATE:
      return _("Escalate to the Director");
    case VIGIE_ACTION_KEEP:
      return _("Keep");
    case VIGIE_ACTION_CORRECT_CLASSIFICATION:
      return _("Correct the Classification");
    case VIGIE_ACTION_RETRACT_REPLY:
      return _("Delete the Reply");
    case VIGIE_ACTION_REOPEN:
      return _("Reopen");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
vigie_action_kind_get_done_label (VigieActionKind kind,
                                  VigiePlatform   platform)
{
  if (platform == VIGIE_PLATFORM_YOUTUBE)
    switch (kind)
      {
      case VIGIE_ACTION_HIDE:
        return _("Comment held for review");
      case VIGIE_ACTION_UNHIDE:
        return _("Comment published");
      case VIGIE_ACTION_REMOVE:
        return _("Comment rejected");
      case VIGIE_ACTION_BAN:
        return _("Comment rejected and author banned");
      default:
        break;
      }

  switch (kind)
    {
    case VIGIE_ACTION_HIDE:
      return _("Comment hidden");
    case VIGIE_ACTION_UNHIDE:
      return _("Comment unhidden");
    case VIGIE_ACTION_REMOVE:
      return _("Comment removed");
    case VIGIE_ACTION_BAN:
      return _("Author banned");
    case VIGIE_ACTION_UNBAN:
      return _("Author unbanned");
    case VIGIE_ACTION_REPLY:
      return _("Reply posted");
    case VIGIE_ACTION_PRIVATE_REPLY:
      return _("Private reply sent");
    case VIGIE_ACTION_ESCALATE:
      return _("Comment escalated to the director");
    case VIGIE_ACTION_KEEP:
      return _("Comment kept");
    case VIGIE_ACTION_CORRECT_CLASSIFICATION:
      return _("Classification corrected");
    case VIGIE_ACTION_RETRACT_REPLY:
      return _("Reply deleted");
    case VIGIE_ACTION_REOPEN:
      return _("Comment back in the queue");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
vigie_action_kind_is_local (VigieActionKind kind)
{
  return kind == VIGIE_ACTION_ESCALATE ||
         kind == VIGIE_ACTION_KEEP ||
         kind == VIGIE_ACTION_CORRECT_CLASSIFICATION ||
         kind == VIGIE_ACTION_REOPEN;
}

/* What each platform's API can do to another person's comment, from
 * ../shared/reference/platform-apis.md:
 * - Facebook: hide/unhide (is_hidden), delete, reply, private reply
 *   (Messenger, once per comment), ban and unban (/{page-id}/blocked).
 * - Instagram: hide/unhide, delete, reply; no ban endpoint.
 * - YouTube: comments.setModerationStatus only: heldForReview (hide),
 *   published (unhide), rejected (remove; cannot be published again),
 *   rejected with banAuthor (ban); there is no unban and no private reply.
 *   comments.delete works on the channel's own replies only. */
typedef struct
{
  guint facebook : 1;
  guint instagram : 1;
  guint youtube : 1;
} Capability;

static const Capability capabilities[] = {
  [VIGIE_ACTION_HIDE] = { 1, 1, 1 },
  [VIGIE_ACTION_UNHIDE] = { 1, 1, 1 },
  [VIGIE_ACTION_REMOVE] = { 1, 1, 1 },
  [VIGIE_ACTION_BAN] = { 1, 0, 1 },
  [VIGIE_ACTION_UNBAN] = { 1, 0, 0 },
  [VIGIE_ACTION_REPLY] = { 1, 1, 1 },
  [VIGIE_ACTION_PRIVATE_REPLY] = { 1, 0, 0 },
  [VIGIE_ACTION_ESCALATE] = { 1, 1, 1 },
  [VIGIE_ACTION_KEEP] = { 1, 1, 1 },
  [VIGIE_ACTION_CORRECT_CLASSIFICATION] = { 1, 1, 1 },
  [VIGIE_ACTION_RETRACT_REPLY] = { 1, 1, 1 },
  [VIGIE_ACTION_REOPEN] = { 1, 1, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (capabilities) == VIGIE_ACTION_KIND_LAST + 1);

gboolean
vigie_action_kind_is_supported (VigiePlatform   platform,
                                VigieActionKind kind)
{
  g_return_val_if_fail (kind <= VIGIE_ACTION_KIND_LAST, FALSE);

  if (vigie_action_kind_is_local (kind))
    return TRUE;
  switch (platform)
    {
    case VIGIE_PLATFORM_FACEBOOK:
      return capabilities[kind].facebook;
    case VIGIE_PLATFORM_INSTAGRAM:
      return capabilities[kind].instagram;
    case VIGIE_PLATFORM_YOUTUBE:
      return capabilities[kind].youtube;
    case VIGIE_PLATFORM_UNKNOWN:
    default:
      return FALSE;
    }
}

static const VigieActionKind offered_order[] = {
  VIGIE_ACTION_HIDE,
  VIGIE_ACTION_REMOVE,
  VIGIE_ACTION_BAN,
  VIGIE_ACTION_REPLY,
  VIGIE_ACTION_PRIVATE_REPLY,
  VIGIE_ACTION_ESCALATE,
  VIGIE_ACTION_KEEP,
  VIGIE_ACTION_UNHIDE,
  VIGIE_ACTION_UNBAN,
  VIGIE_ACTION_CORRECT_CLASSIFICATION,
};

const VigieActionKind *
vigie_action_kinds_for_platform (VigiePlatform  platform,
                                 guint         *n_kinds)
{
  /* One filtered copy of offered_order per platform, built once */
  static VigieActionKind offered[VIGIE_PLATFORM_LAST + 1][G_N_ELEMENTS (offered_order)];
  static guint n_offered[VIGIE_PLATFORM_LAST + 1];
  static gsize initialised = 0;

  g_return_val_if_fail (platform <= VIGIE_PLATFORM_LAST, NULL);

  if (g_once_init_enter (&initialised))
    {
      for (guint p = 0; p <= VIGIE_PLATFORM_LAST; p++)
        for (guint i = 0; i < G_N_ELEMENTS (offered_order); i++)
          if (vigie_action_kind_is_supported (p, offered_order[i]))
            offered[p][n_offered[p]++] = offered_order[i];
      g_once_init_leave (&initialised, 1);
    }

  if (n_kinds)
    *n_kinds = n_offered[platform];
  return offered[platform];
}

gboolean
vigie_action_kind_get_reverse (VigiePlatform    platform,
                               VigieActionKind  kind,
                               VigieActionKind *out_reverse)
{
  VigieActionKind reverse;

  switch (kind)
    {
    case VIGIE_ACTION_HIDE:
      reverse = VIGIE_ACTION_UNHIDE;
      break;
    case VIGIE_ACTION_UNHIDE:
      reverse = VIGIE_ACTION_HIDE;
      break;
    case VIGIE_ACTION_BAN:
      reverse = VIGIE_ACTION_UNBAN;
      break;
    case VIGIE_ACTION_UNBAN:
      reverse = VIGIE_ACTION_BAN;
      break;
    case VIGIE_ACTION_REPLY:
      reverse = VIGIE_ACTION_RETRACT_REPLY;
      break;
    case VIGIE_ACTION_ESCALATE:
    case VIGIE_ACTION_KEEP:
      reverse = VIGIE_ACTION_REOPEN;
      break;
    case VIGIE_ACTION_REMOVE:
    case VIGIE_ACTION_PRIVATE_REPLY:
    case VIGIE_ACTION_CORRECT_CLASSIFICATION:
    case VIGIE_ACTION_RETRACT_REPLY:
    case VIGIE_ACTION_REOPEN:
    default:
      return FALSE;
    }

  if (!vigie_action_kind_is_supported (platform, reverse))
    return FALSE;
  if (out_reverse)
    *out_reverse = reverse;
  return TRUE;
}

gboolean
vigie_action_kind_needs_text (VigieActionKind kind)
{
  return kind == VIGIE_ACTION_REPLY || kind == VIGIE_ACTION_PRIVATE_REPLY;
}

guint
vigie_action_get_text_limit (VigiePlatform   platform,
                             VigieActionKind kind)
{
  /* The platforms' published limits, in characters: Facebook comments
   * 8,000, Messenger messages 2,000, Instagram comments 2,200, YouTube
   * comments 10,000. */
  if (!vigie_action_kind_needs_text (kind) || !vigie_action_kind_is_supported (platform, kind))
    return 0;
  switch (platform)
    {
    case VIGIE_PLATFORM_FACEBOOK:
      return kind == VIGIE_ACTION_PRIVATE_REPLY ? 2000 : 8000;
    case VIGIE_PLATFORM_INSTAGRAM:
      return 2200;
    case VIGIE_PLATFORM_YOUTUBE:
      return 10000;
    case VIGIE_PLATFORM_UNKNOWN:
    default:
      return 0;
    }
}

const char *
vigie_action_status_to_string (VigieActionStatus status)
{
  g_return_val_if_fail (status <= VIGIE_ACTION_STATUS_LAST, NULL);
  return status_names[status];
}

gboolean
vigie_action_status_from_string (const char        *str,
                                 VigieActionStatus *out_status)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (str, status_names[i]) == 0)
      {
        if (out_status)
          *out_status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
vigie_action_status_get_label (VigieActionStatus status)
{
  switch (status)
    {
    case VIGIE_ACTION_STATUS_PENDING:
      return C_("action status", "Pending");
    case VIGIE_ACTION_STATUS_APPLIED:
      return C_("action status", "Applied");
    case VIGIE_ACTION_STATUS_FAILED:
      return C_("action status", "Failed");
    case VIGIE_ACTION_STATUS_ABANDONED:
      return C_("action status", "Abandoned");
    case VIGIE_ACTION_STATUS_CANCELLED:
      return C_("action status", "Cancelled");
    case VIGIE_ACTION_STATUS_PROPOSED:
      return C_("action status", "Awaiting Approval");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
vigie_role_is_director (const char *role)
{
  return g_strcmp0 (role, VIGIE_ROLE_DIRECTOR) == 0;
}

const char *
vigie_role_get_label (const char *role)
{
  if (g_strcmp0 (role, VIGIE_ROLE_DELEGATE) == 0)
    return C_("role", "Delegate");
  if (g_strcmp0 (role, VIGIE_ROLE_DIRECTOR) == 0)
    return C_("role", "Director");
  if (g_strcmp0 (role, VIGIE_ROLE_TRAINER) == 0)
    return C_("role", "Trainer");
  return role;
}

const char *
vigie_approval_to_string (VigieApproval approval)
{
  switch (approval)
    {
    case VIGIE_APPROVAL_AWAITING:
      return "awaiting";
    case VIGIE_APPROVAL_APPROVED:
      return "approved";
    case VIGIE_APPROVAL_REJECTED:
      return "rejected";
    case VIGIE_APPROVAL_NONE:
    default:
      return NULL;
    }
}

VigieApproval
vigie_approval_from_string (const char *str)
{
  if (g_strcmp0 (str, "awaiting") == 0)
    return VIGIE_APPROVAL_AWAITING;
  if (g_strcmp0 (str, "approved") == 0)
    return VIGIE_APPROVAL_APPROVED;
  if (g_strcmp0 (str, "rejected") == 0)
    return VIGIE_APPROVAL_REJECTED;
  return VIGIE_APPROVAL_NONE;
}

const char *
vigie_correction_to_string (VigieCorrection correction)
{
  switch (correction)
    {
    case VIGIE_CORRECTION_WRONG:
      return "wrong";
    case VIGIE_CORRECTION_MISSED:
      return "missed";
    case VIGIE_CORRECTION_NONE:
    default:
      return NULL;
    }
}

VigieCorrection
vigie_correction_from_string (const char *str)
{
  if (g_strcmp0 (str, "wrong") == 0)
    return VIGIE_CORRECTION_WRONG;
  if (g_strcmp0 (str, "missed") == 0)
    return VIGIE_CORRECTION_MISSED;
  return VIGIE_CORRECTION_NONE;
}

/* VigieAction: atomic reference counting through g_atomic_rc_box, like
 * the model's snapshots */

static void
action_free_contents (VigieAction *action)
{
  g_free (action->last_error);
  g_free (action->idempotency_key);
  g_free (action->comment_ref);
  g_free (action->external_id);
  g_free (action->post_external_id);
  g_free (action->parent_external_id);
  g_free (action->author_external_id);
  g_free (action->page_external_id);
  g_strfreev (action->categories);
  g_strfreev (action->clauses);
  g_free (action->actor_name);
  g_free (action->actor_role);
  g_free (action->template_id);
  g_free (action->lang);
  g_free (action->text);
  g_free (action->note);
  g_free (action->target_ref);
  g_free (action->result_ref);
  g_free (action->evidence_sha256);
  g_free (action->decided_by);
  g_free (action->decided_role);
  g_free (action->decision_note);
  g_free (action->draft_text);
}

VigieAction *
vigie_action_new (void)
{
  return g_atomic_rc_box_new0 (VigieAction);
}

VigieAction *
vigie_action_ref (VigieAction *action)
{
  g_return_val_if_fail (action != NULL, NULL);
  return g_atomic_rc_box_acquire (action);
}

void
vigie_action_unref (VigieAction *action)
{
  g_return_if_fail (action != NULL);
  g_atomic_rc_box_release_full (action, (GDestroyNotify) action_free_contents);
}

G_DEFINE_BOXED_TYPE (VigieAction, vigie_action, vigie_action_ref, vigie_action_unref)

/* Lists as JSON */

char *
_vigie_strv_to_json (const char * const *strv)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      vigie_append_json_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

char **
_vigie_strv_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
    }
  return g_strv_builder_end (builder);
}
