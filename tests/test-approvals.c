/* test-approvals.c — the director's approvals: the rules from the policy
 * file, roles enforced in the core, proposals through the outbox (never
 * executed until approved, executed once with the director's text, never
 * when rejected), urgent safety actions applied at once and confirmed
 * later, escalations, the audit trail, the v5 → v6 workspace and vigie-scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-audit.h"
#include "vigie-policy.h"
#include "test-actions-common.h"
#include "test-scan-common.h"

#define DELEGATE "Marie Côté"
#define DIRECTOR "Hélène Bouchard"

static void
assert_audit_intact (Workspace *w)
{
  g_auto(VigieAuditVerification) v = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_audit_verify (w->store, &v, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (v.intact);
  g_assert_cmpint (v.n_entries, >, 0);
}

/* The workspace of test-actions-common.h with more comments, and the
 * outbox following the default policy's approval rules */
static void
approvals_setup (Workspace     *w,
                 gconstpointer  data)
{
  g_autoptr(VigiePolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  workspace_setup (w, data);
  policy = vigie_policy_new_default (&error);
  g_assert_no_error (error);
  vigie_outbox_set_policy (w->outbox, policy);

  id = add_comment_full (w->store, VIGIE_PLATFORM_FACEBOOK, "fb-complaint-named",
                         "104758392011_1", NULL, "5010003", "Luc Fortin",
                         "Très déçu: l'infirmière Julie Gagnon m'a mal reçu à l'urgence.", "fr");
  add_flag (w->store, id, "complaint", "IUCPQ — Plaintes");
  id = add_comment_full (w->store, VIGIE_PLATFORM_FACEBOOK, "fb-complaint",
                         "104758392011_1", NULL, "5010004", "Rita Noël",
                         "Six heures d'attente à l'urgence, c'est inacceptable.", "fr");
  add_flag (w->store, id, "complaint", "IUCPQ — Plaintes");
  id = add_comment_full (w->store, VIGIE_PLATFORM_FACEBOOK, "fb-threat", "104758392011_1", NULL,
                         "5010005", "Anonyme", "Vous allez le regretter, je sais où vous êtes.",
                         "fr");
  add_flag (w->store, id, "threat", "CISSS §10");
  id = add_comment_full (w->store, VIGIE_PLATFORM_FACEBOOK, "fb-reputation", "104758392011_1",
                         NULL, "5010006", "Guy Roy", "Cet hôpital cache des erreurs graves.",
                         "fr");
  add_flag (w->store, id, "reputation", "CISSS §9");
}

/* Approval rules */

static void
assert_rule (VigiePolicy       *policy,
             const char        *action,
             const char        *category,
             const char        *text,
             VigieApprovalRule  expected)
{
  const char *categories[] = { category, NULL };

  if (vigie_policy_get_approval_rule (policy, action, categories, text) != expected)
    g_error ("%s on %s (“%s”): expected rule %d", action, category, text ? text : "", expected);
}

static void
test_rules_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigiePolicy) policy = vigie_policy_new_default (&error);
  const char *named = "L'infirmière Julie Gagnon m'a mal reçu.";
  const char *anonymous = "Six heures d'attente, c'est inacceptable.";

  g_assert_no_error (error);
  /* Bans, always */
  for (guint i = 0; vigie_category_ids[i] != NULL; i++)
    assert_rule (policy, "ban", vigie_category_ids[i], NULL, VIGIE_APPROVAL_RULE_REQUIRED);
  /* Anything on reputation, threat, illegal, harassment */
  {
    const char *categories[] = { "reputation", "threat", "illegal", "harassment" };
    const char *actions[] = { "keep", "reply", "remove" };

    for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
      for (guint j = 0; j < G_N_ELEMENTS (actions); j++)
        assert_rule (policy, actions[j], categories[i], anonymous, VIGIE_APPROVAL_RULE_REQUIRED);
  }
  assert_rule (policy, "hide", "reputation", NULL, VIGIE_APPROVAL_RULE_REQUIRED);
  assert_rule (policy, "hide", "harassment", NULL, VIGIE_APPROVAL_RULE_REQUIRED);
  /* Hiding a threat or personal information: at once, then confirmed */
  assert_rule (policy, "hide", "threat", NULL, VIGIE_APPROVAL_RULE_IMMEDIATE);
  assert_rule (policy, "hide", "privacy", NULL, VIGIE_APPROVAL_RULE_IMMEDIATE);
  /* Replies on a complaint only when it names someone */
  assert_rule (policy, "reply", "complaint", named, VIGIE_APPROVAL_RULE_REQUIRED);
  assert_rule (policy, "reply", "complaint", "Le Dr Tremblay ne rappelle jamais.",
               VIGIE_APPROVAL_RULE_REQUIRED);
  assert_rule (policy, "reply", "complaint", anonymous, VIGIE_APPROVAL_RULE_NONE);
  /* A capitalised word after an ordinary one is not a name */
  assert_rule (policy, "reply", "complaint", "Merci Urgence Santé pour rien.",
               VIGIE_APPROVAL_RULE_NONE);
  /* The rest is the delegate's to do */
  assert_rule (policy, "hide", "insult", NULL, VIGIE_APPROVAL_RULE_NONE);
  assert_rule (policy, "remove", "spam", NULL, VIGIE_APPROVAL_RULE_NONE);
  assert_rule (policy, "reply", "distress", anonymous, VIGIE_APPROVAL_RULE_NONE);
  /* Several categories: the strictest */
  {
    const char *both[] = { "insult", "reputation", NULL };
    g_assert_cmpint (vigie_policy_get_approval_rule (policy, "hide", both, NULL), ==,
                     VIGIE_APPROVAL_RULE_REQUIRED);
  }
  g_assert_true (vigie_policy_text_names_person (policy, named));
  g_assert_false (vigie_policy_text_names_person (policy, anonymous));
}

/* An organisation's own file: its rules, and a clear error on a bad one */
static void
test_rules_from_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-approvals-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "ours.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(VigiePolicy) policy = NULL;
  g_autoptr(VigiePolicy) bad = NULL;
  g_autofree char *json = NULL;
  JsonArray *categories;

  bytes = g_resources_lookup_data (VIGIE_POLICY_DEFAULT_RESOURCE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  categories = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                             "categories");
  /* No approval on every comment */
  json_object_set_array_member (json_node_get_object (json_parser_get_root (parser)), "approval",
                                json_array_new ());
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonObject *c = json_array_get_object_element (categories, i);
      const char *id = json_object_get_string_member (c, "id");

      /* Insults: hiding needs approval; reputation: nothing does */
      if (g_str_equal (id, "insult"))
        {
          JsonArray *approval = json_array_new ();
          json_array_add_string_element (approval, "hide");
          json_object_set_array_member (c, "approval", approval);
        }
      else if (g_str_equal (id, "reputation"))
        json_object_set_array_member (c, "approval", json_array_new ());
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json = json_generator_to_data (generator, NULL);
  g_assert_true (g_file_set_contents (path, json, -1, &error));

  policy = vigie_policy_new_from_file (path, &error);
  g_assert_no_error (error);
  assert_rule (policy, "hide", "insult", NULL, VIGIE_APPROVAL_RULE_REQUIRED);
  assert_rule (policy, "ban", "insult", NULL, VIGIE_APPROVAL_RULE_NONE);
  assert_rule (policy, "hide", "reputation", NULL, VIGIE_APPROVAL_RULE_NONE);
  assert_rule (policy, "ban", "reputation", NULL, VIGIE_APPROVAL_RULE_NONE);

  /* An unknown condition is refused, naming the place */
  {
    g_autofree char *bad_json = NULL;
    JsonObject *c = json_array_get_object_element (categories, 0);
    JsonArray *approval = json_array_new ();

    json_array_add_string_element (approval, "reply:sometimes");
    json_object_set_array_member (c, "approval", approval);
    bad_json = json_generator_to_data (generator, NULL);
    g_assert_true (g_file_set_contents (bad_path, bad_json, -1, &error));
  }
  bad = vigie_policy_new_from_file (bad_path, &error);
  g_assert_null (bad);
  g_assert_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_nonnull (strstr (error->message, "categories[0]"));
  g_assert_nonnull (strstr (error->message, "reply:sometimes"));

  g_unlink (path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* Roles */

static gint64
enqueue_as (Workspace       *w,
            VigieActionKind  kind,
            gint64           comment,
            const char      *role,
            const char      *text)
{
  return enqueue_full (w, kind, comment, g_strcmp0 (role, "director") == 0 ? DIRECTOR : DELEGATE,
                       role, text, "Auteur récidiviste, troisième insulte cette semaine");
}

static void
test_roles (Workspace     *w,
            gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  const char *not_directors[] = { "delegate", "trainer", "", NULL };
  gint64 id;

  id = enqueue_as (w, VIGIE_ACTION_BAN, fb1, "delegate", NULL);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_PROPOSED);

  for (guint i = 0; i < G_N_ELEMENTS (not_directors); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (vigie_outbox_approve (w->outbox, id, NULL, NULL, DELEGATE,
                                            not_directors[i], &error));
      g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_PERMISSION);
      g_assert_nonnull (strstr (error->message, "Only the director"));
      g_clear_error (&error);
      g_assert_false (vigie_outbox_reject (w->outbox, id, "Non", DELEGATE, not_directors[i],
                                           &error));
      g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_PERMISSION);
    }
  /* Nothing changed, nothing recorded */
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_PROPOSED);
  g_assert_cmpuint (count_events (w, id, "approved"), ==, 0);
  g_assert_cmpuint (count_events (w, id, "rejected"), ==, 0);

  /* A trainer's ban is a proposal too; the director's own is not */
  g_assert_cmpint (action_status (w, enqueue_as (w, VIGIE_ACTION_BAN,
                                                 comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb3"),
                                                 "trainer", NULL)),
                   ==, VIGIE_ACTION_STATUS_PROPOSED);
  {
    g_autoptr(VigieAction) own = get_action (w, enqueue_as (w, VIGIE_ACTION_BAN,
                                                            comment_id (w, VIGIE_PLATFORM_YOUTUBE,
                                                                        "yt1"),
                                                            "director", NULL));
    g_assert_cmpint (own->status, ==, VIGIE_ACTION_STATUS_PENDING);
    g_assert_cmpint (own->approval, ==, VIGIE_APPROVAL_NONE);
  }
}

/* A proposal is never executed; approved, it is executed once */
static void
test_proposal_approved (Workspace     *w,
                        gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = enqueue_as (w, VIGIE_ACTION_BAN, fb1, "delegate", NULL);
  {
    g_autoptr(VigieAction) a = get_action (w, id);
    g_assert_cmpint (a->status, ==, VIGIE_ACTION_STATUS_PROPOSED);
    g_assert_cmpint (a->approval, ==, VIGIE_APPROVAL_AWAITING);
    g_assert_cmpstr (a->note, ==, "Auteur récidiviste, troisième insulte cette semaine");
  }
  g_assert_cmpint (vigie_outbox_count_awaiting (w->outbox, NULL), ==, 1);
  g_assert_cmpint (vigie_outbox_get_next_due (w->outbox), ==, 0);

  /* An hour later, still nothing left the machine */
  w->now = T0 + SECONDS (3600);
  g_assert_cmpuint (process (w), ==, 0);
  g_assert_cmpuint (vigie_sandbox_connector_get_n_executed (w->sandbox), ==, 0);
  {
    g_auto(VigieCommentState) state = comment_state (w, fb1);
    g_assert_false (state.author_banned);
    /* Out of the delegate's queue while the director decides */
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_HANDLED);
  }

  g_assert_true (vigie_outbox_approve (w->outbox, id, NULL, "D'accord", DIRECTOR, "director",
                                       &error));
  g_assert_no_error (error);
  {
    g_autoptr(VigieAction) a = get_action (w, id);
    g_assert_cmpint (a->status, ==, VIGIE_ACTION_STATUS_PENDING);
    g_assert_cmpint (a->approval, ==, VIGIE_APPROVAL_APPROVED);
    g_assert_cmpstr (a->decided_by, ==, DIRECTOR);
    g_assert_cmpstr (a->decided_role, ==, "director");
    g_assert_cmpstr (a->decision_note, ==, "D'accord");
    g_assert_cmpint (a->decided_us, ==, w->now);
    /* Through the outbox: the grace period, then the platform */
    g_assert_cmpint (a->next_attempt_us, ==, w->now + SECONDS (10));
  }
  g_assert_cmpint (vigie_outbox_count_awaiting (w->outbox, NULL), ==, 0);
  g_assert_cmpuint (process (w), ==, 0);
  w->now += SECONDS (10);
  g_assert_cmpuint (process (w), ==, 1);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_APPLIED);
  w->now += SECONDS (60);
  g_assert_cmpuint (process (w), ==, 0);
  g_assert_cmpuint (vigie_sandbox_connector_get_n_executed (w->sandbox), ==, 1);
  {
    g_auto(VigieCommentState) state = comment_state (w, fb1);
    g_assert_true (state.author_banned);
  }

  /* Decided once */
  g_assert_false (vigie_outbox_approve (w->outbox, id, NULL, NULL, DIRECTOR, "director", &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE);

  g_assert_cmpuint (count_events (w, id, "proposed"), ==, 1);
  g_assert_cmpuint (count_events (w, id, "queued"), ==, 0);
  g_assert_cmpuint (count_events (w, id, "approved"), ==, 1);
  g_assert_cmpuint (count_events (w, id, "applied"), ==, 1);
  assert_audit_intact (w);
}

/* The director edits the reply, then approves: the edited text goes out */
static void
test_proposal_edited (Workspace     *w,
                      gconstpointer  data)
{
  gint64 named = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb-complaint-named");
  gint64 anonymous = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb-complaint");
  const char *draft = "Merci, nous en parlerons à Julie.";
  const char *edited = "Nous sommes désolés. Écrivez au commissaire aux plaintes, qui "
                       "examinera votre expérience.";
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 id, plain;

  id = enqueue_as (w, VIGIE_ACTION_REPLY, named, "delegate", draft);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_PROPOSED);
  /* A complaint that names no one: the delegate replies alone */
  plain = enqueue_as (w, VIGIE_ACTION_REPLY, anonymous, "delegate", "Merci de votre message.");
  g_assert_cmpint (action_status (w, plain), ==, VIGIE_ACTION_STATUS_PENDING);

  /* The edited text is checked like any reply */
  g_assert_false (vigie_outbox_approve (w->outbox, id, "   ", NULL, DIRECTOR, "director",
                                        &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_PROPOSED);

  g_assert_true (vigie_outbox_approve (w->outbox, id, edited, NULL, DIRECTOR, "director",
                                       &error));
  g_assert_no_error (error);
  {
    g_autoptr(VigieAction) a = get_action (w, id);
    g_assert_cmpstr (a->text, ==, edited);
    g_assert_cmpstr (a->draft_text, ==, draft);
  }
  w->now += SECONDS (10);
  g_assert_cmpuint (process (w), ==, 2);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_APPLIED);
  w->now += SECONDS (60);
  g_assert_cmpuint (process (w), ==, 0);

  /* The page's reply on the platform is the director's text, once */
  sql = g_strdup_printf ("SELECT count(*) FROM comments WHERE text = '%s'", edited);
  g_assert_cmpint (sql_int (w->store, sql), ==, 1);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM comments WHERE text LIKE "
                                      "'Merci, nous en parlerons%'"), ==, 0);

  g_assert_cmpuint (count_events (w, id, "proposed"), ==, 1);
  g_assert_cmpuint (count_events (w, id, "edited"), ==, 1);
  g_assert_cmpuint (count_events (w, id, "approved"), ==, 1);
  g_assert_cmpuint (count_events (w, id, "applied"), ==, 1);
  {
    VigieAuditQuery query = { .action_id = id, .event = "edited" };
    g_autoptr(GPtrArray) entries = vigie_audit_query (w->store, &query, &error);
    VigieAuditEntry *e = g_ptr_array_index (entries, 0);

    g_assert_cmpstr (e->text, ==, edited);
    g_assert_cmpstr (e->actor_name, ==, DIRECTOR);
    g_assert_cmpstr (e->actor_role, ==, "director");
  }
  assert_audit_intact (w);
}

/* Rejected with a note: never executed, the note kept for the delegate */
static void
test_proposal_rejected (Workspace     *w,
                        gconstpointer  data)
{
  gint64 reputation = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb-reputation");
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = enqueue_as (w, VIGIE_ACTION_REMOVE, reputation, "delegate", NULL);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_PROPOSED);

  g_assert_false (vigie_outbox_reject (w->outbox, id, " ", DIRECTOR, "director", &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (vigie_outbox_reject (w->outbox, id, "Critique légitime : répondre plutôt",
                                      DIRECTOR, "director", &error));
  g_assert_no_error (error);
  {
    g_autoptr(VigieAction) a = get_action (w, id);
    g_assert_cmpint (a->status, ==, VIGIE_ACTION_STATUS_CANCELLED);
    g_assert_cmpint (a->approval, ==, VIGIE_APPROVAL_REJECTED);
    g_assert_cmpstr (a->decided_by, ==, DIRECTOR);
    g_assert_cmpstr (a->decision_note, ==, "Critique légitime : répondre plutôt");
  }
  /* Back in the delegate's queue */
  {
    g_auto(VigieCommentState) state = comment_state (w, reputation);
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_NEW);
    g_assert_false (state.removed);
  }
  w->now = T0 + SECONDS (3600);
  g_assert_cmpuint (process (w), ==, 0);
  g_assert_cmpuint (vigie_sandbox_connector_get_n_executed (w->sandbox), ==, 0);
  g_assert_cmpint (vigie_outbox_count_awaiting (w->outbox, NULL), ==, 0);

  /* Not approvable afterwards */
  g_assert_false (vigie_outbox_approve (w->outbox, id, NULL, NULL, DIRECTOR, "director", &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE);

  g_assert_cmpuint (count_events (w, id, "rejected"), ==, 1);
  g_assert_cmpuint (count_events (w, id, "applied"), ==, 0);
  {
    VigieAuditQuery query = { .action_id = id, .event = "rejected" };
    g_autoptr(GPtrArray) entries = vigie_audit_query (w->store, &query, NULL);
    VigieAuditEntry *e = g_ptr_array_index (entries, 0);

    g_assert_cmpstr (e->note, ==, "Critique légitime : répondre plutôt");
    g_assert_cmpstr (e->status, ==, "cancelled");
  }
  assert_audit_intact (w);
}

/* A delegate withdraws a proposal with undo */
static void
test_proposal_withdrawn (Workspace     *w,
                         gconstpointer  data)
{
  gint64 fb1 = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1");
  g_autoptr(GError) error = NULL;
  gint64 id = enqueue_as (w, VIGIE_ACTION_BAN, fb1, "delegate", NULL);

  g_assert_cmpint (vigie_outbox_get_undo_kind (w->outbox, id), ==, VIGIE_UNDO_CANCEL);
  g_assert_true (vigie_outbox_undo (w->outbox, id, DELEGATE, "delegate", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_CANCELLED);
  g_assert_cmpint (vigie_outbox_count_awaiting (w->outbox, NULL), ==, 0);
  g_assert_false (vigie_outbox_approve (w->outbox, id, NULL, NULL, DIRECTOR, "director", &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_STATE);
}

/* Hiding a threat: at once, and on the director's list until confirmed */
static void
test_urgent_hide (Workspace     *w,
                  gconstpointer  data)
{
  gint64 threat = comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb-threat");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) awaiting = NULL;
  gint64 id, second;

  id = enqueue_as (w, VIGIE_ACTION_HIDE, threat, "delegate", NULL);
  {
    g_autoptr(VigieAction) a = get_action (w, id);
    g_assert_cmpint (a->status, ==, VIGIE_ACTION_STATUS_PENDING);
    g_assert_cmpint (a->approval, ==, VIGIE_APPROVAL_AWAITING);
  }
  w->now += SECONDS (10);
  g_assert_cmpuint (process (w), ==, 1);
  g_assert_cmpint (action_status (w, id), ==, VIGIE_ACTION_STATUS_APPLIED);
  {
    g_auto(VigieCommentState) state = comment_state (w, threat);
    g_assert_true (state.hidden);
  }
  awaiting = vigie_outbox_list_awaiting (w->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (awaiting->len, ==, 1);
  g_assert_cmpint (((VigieAction *) g_ptr_array_index (awaiting, 0))->id, ==, id);
  g_assert_cmpuint (count_events (w, id, "queued"), ==, 1);

  /* Confirmed: nothing is executed again */
  g_assert_true (vigie_outbox_approve (w->outbox, id, NULL, NULL, DIRECTOR, "director", &error));
  g_assert_no_error (error);
  {
    g_autoptr(VigieAction) a = get_action (w, id);
    g_assert_cmpint (a->status, ==, VIGIE_ACTION_STATUS_APPLIED);
    g_assert_cmpint (a->approval, ==, VIGIE_APPROVAL_APPROVED);
  }
  w->now += SECONDS (60);
  g_assert_cmpuint (process (w), ==, 0);
  g_assert_cmpuint (vigie_sandbox_connector_get_n_executed (w->sandbox), ==, 1);

  /* Another one, that the director does not confirm: it is taken back */
  second = enqueue_as (w, VIGIE_ACTION_HIDE, comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb3"),
                       "delegate", NULL);
  g_assert_cmpint (action_status (w, second), ==, VIGIE_ACTION_STATUS_PENDING);
  {
    g_autoptr(VigieAction) a = get_action (w, second);
    /* fb3 is not flagged: an ordinary hide */
    g_assert_cmpint (a->approval, ==, VIGIE_APPROVAL_NONE);
  }
  add_flag (w->store, comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb2"), "privacy", "CISSS §10");
  second = enqueue_as (w, VIGIE_ACTION_HIDE, comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb2"),
                       "delegate", NULL);
  w->now += SECONDS (10);
  g_assert_cmpuint (process (w), ==, 2);
  g_assert_cmpint (action_status (w, second), ==, VIGIE_ACTION_STATUS_APPLIED);
  g_assert_true (vigie_outbox_reject (w->outbox, second, "Ce n'est pas un renseignement "
                                      "personnel", DIRECTOR, "director", &error));
  g_assert_no_error (error);
  {
    g_autoptr(VigieAction) a = get_action (w, second);
    g_assert_cmpint (a->approval, ==, VIGIE_APPROVAL_REJECTED);
    g_assert_cmpint (a->reversed_by, >, 0);
  }
  g_assert_cmpuint (process (w), ==, 1);
  {
    g_auto(VigieCommentState) state = comment_state (w, comment_id (w, VIGIE_PLATFORM_FACEBOOK,
                                                                    "fb2"));
    g_assert_false (state.hidden);
  }
  assert_audit_intact (w);
}

/* Escalations: in the same list, the most urgent first, decided the same way */
static void
test_escalations (Workspace     *w,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) awaiting = NULL;
  gint64 plain, urgent, ban;

  /* Make the threat urgent, as the classifier would */
  g_assert_cmpint (sqlite3_exec (_vigie_store_get_db (w->store),
                                 "UPDATE comments SET urgent = 1, severity = 5"
                                 " WHERE external_id = 'fb-threat'", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  plain = enqueue_as (w, VIGIE_ACTION_ESCALATE, comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb2"),
                      "delegate", NULL);
  ban = enqueue_as (w, VIGIE_ACTION_BAN, comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb1"),
                    "delegate", NULL);
  urgent = enqueue_as (w, VIGIE_ACTION_ESCALATE,
                       comment_id (w, VIGIE_PLATFORM_FACEBOOK, "fb-threat"), "delegate", NULL);
  w->now += SECONDS (10);
  g_assert_cmpuint (process (w), ==, 2);

  awaiting = vigie_outbox_list_awaiting (w->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (awaiting->len, ==, 3);
  g_assert_cmpint (((VigieAction *) g_ptr_array_index (awaiting, 0))->id, ==, urgent);
  /* fb1 (an insult, severity 3) before fb2 (not flagged) */
  g_assert_cmpint (((VigieAction *) g_ptr_array_index (awaiting, 1))->id, ==, ban);
  g_assert_cmpint (((VigieAction *) g_ptr_array_index (awaiting, 2))->id, ==, plain);

  g_assert_true (vigie_outbox_approve (w->outbox, urgent, NULL, "Police avisée", DIRECTOR,
                                       "director", &error));
  g_assert_no_error (error);
  /* Sent back to the delegate: the comment returns to the queue */
  g_assert_true (vigie_outbox_reject (w->outbox, plain, "Répondez avec le gabarit d'horaire",
                                      DIRECTOR, "director", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (process (w), ==, 1);
  {
    g_auto(VigieCommentState) state = comment_state (w, comment_id (w, VIGIE_PLATFORM_FACEBOOK,
                                                                    "fb2"));
    g_assert_cmpint (state.status, ==, VIGIE_COMMENT_STATUS_NEW);
  }
  {
    g_autoptr(VigieAction) a = get_action (w, urgent);
    g_assert_cmpint (a->approval, ==, VIGIE_APPROVAL_APPROVED);
    g_assert_cmpstr (a->decision_note, ==, "Police avisée");
  }
  g_assert_cmpint (vigie_outbox_count_awaiting (w->outbox, NULL), ==, 1);
  assert_audit_intact (w);
}

/* A workspace of format 5 with actions becomes format 6, losing nothing */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-approvals-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "workspace.vigie", NULL);
  g_autoptr(VigieStore) old = NULL;
  g_autoptr(VigieStore) store = NULL;
  const char *names[] = { "", "-wal", "-shm" };

  old = _vigie_store_open_at_version (path, 5, &error);
  g_assert_no_error (error);
  populate (old);
  g_assert_cmpint (sqlite3_exec (_vigie_store_get_db (old),
                                 "INSERT INTO actions (id, comment_id, kind, status,"
                                 "  next_attempt_us, idempotency_key, created_us, updated_us)"
                                 " VALUES (1, 1, 'hide', 'applied', 0, 'k1', 10, 10);"
                                 "INSERT INTO actions (id, comment_id, kind, status,"
                                 "  next_attempt_us, idempotency_key, reverse_of, created_us,"
                                 "  updated_us)"
                                 " VALUES (2, 1, 'unhide', 'pending', 0, 'k2', 1, 20, 20);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&old);

  store = vigie_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vigie_store_get_schema_version (store), ==, 6);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM actions"), ==, 2);
  g_assert_cmpint (sql_int (store, "SELECT reverse_of FROM actions WHERE id = 2"), ==, 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM actions WHERE approval IS NULL"), ==, 2);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  /* The new status is allowed, an unknown one still is not */
  g_assert_cmpint (sqlite3_exec (_vigie_store_get_db (store),
                                 "UPDATE actions SET status = 'proposed' WHERE id = 2", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (_vigie_store_get_db (store),
                                 "UPDATE actions SET status = 'maybe' WHERE id = 2", NULL,
                                 NULL, NULL), !=, SQLITE_OK);
  g_clear_object (&store);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strconcat (path, names[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

/* vigie-scan --apply, --list-proposals, --approve, --reject */

static JsonObject *
parse_line (JsonParser *parser,
            const char *line)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_scan (Workspace     *w,
           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = NULL;
  JsonObject *o;

  workspace_close (w);
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", w->path, "--apply", "ban", "--comment", "facebook:fb1",
                           "--actor", DELEGATE, "--role", "delegate", "--note", "Récidiviste",
                           NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
    o = parse_line (parser, out);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "proposed");
    g_assert_cmpstr (json_object_get_string_member (o, "approval"), ==, "awaiting");
    g_assert_nonnull (strstr (err, "became a proposal"));
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (o, "action"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", w->path, "--list-proposals", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
    o = parse_line (parser, out);
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "ban");
    g_assert_cmpstr (json_object_get_string_member (o, "actor"), ==, DELEGATE);
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "Récidiviste");
  }
  {
    /* A delegate cannot approve */
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", w->path, "--approve", id, "--actor", DELEGATE, "--role",
                           "delegate", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "Only the director"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", w->path, "--approve", id, "--actor", DIRECTOR, "--role",
                           "director", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
    o = parse_line (parser, out);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "applied");
    g_assert_cmpstr (json_object_get_string_member (o, "approval"), ==, "approved");
    g_assert_cmpstr (json_object_get_string_member (o, "decided_by"), ==, DIRECTOR);
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", w->path, "--apply", "ban", "--comment", "facebook:fb3",
                           "--role", "delegate", NULL };
    g_autofree char *second = NULL;
    g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
    o = parse_line (parser, out);
    second = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (o, "action"));
    {
      g_autofree char *out2 = NULL, *err2 = NULL;
      const char *reject[] = { "--db", w->path, "--reject", second, "--role", "director", NULL };
      g_assert_cmpint (run_scan (reject, &out2, &err2), ==, 2);
      g_assert_nonnull (strstr (err2, "needs a note"));
    }
    {
      g_autofree char *out2 = NULL, *err2 = NULL;
      const char *reject[] = { "--db", w->path, "--reject", second, "--role", "director",
                               "--note", "Premier avertissement d'abord", NULL };
      g_assert_cmpint (run_scan (reject, &out2, &err2), ==, 0);
      o = parse_line (parser, out2);
      g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "cancelled");
      g_assert_cmpstr (json_object_get_string_member (o, "decision_note"), ==,
                       "Premier avertissement d'abord");
    }
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", w->path, "--approve", "abc", "--role", "director", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "not an action number"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", w->path, "--verify-audit", NULL };
    g_assert_cmpint (run_scan (args, &out, &err), ==, 0);
  }
  workspace_open (w);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM audit WHERE event = 'proposed'"),
                   ==, 2);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM audit WHERE event = 'approved'"),
                   ==, 1);
  g_assert_cmpint (sql_int (w->store, "SELECT count(*) FROM audit WHERE event = 'rejected'"),
                   ==, 1);
}

static void
add (const char *path,
     void      (*func) (Workspace *, gconstpointer))
{
  g_test_add (path, Workspace, NULL, approvals_setup, func, workspace_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/approvals/rules/default", test_rules_default);
  g_test_add_func ("/vigie/approvals/rules/from-file", test_rules_from_file);
  add ("/vigie/approvals/roles", test_roles);
  add ("/vigie/approvals/proposal/approved", test_proposal_approved);
  add ("/vigie/approvals/proposal/edited", test_proposal_edited);
  add ("/vigie/approvals/proposal/rejected", test_proposal_rejected);
  add ("/vigie/approvals/proposal/withdrawn", test_proposal_withdrawn);
  add ("/vigie/approvals/urgent-hide", test_urgent_hide);
  add ("/vigie/approvals/escalations", test_escalations);
  g_test_add_func ("/vigie/approvals/migration", test_migration);
  add ("/vigie/approvals/scan", test_scan);

  return g_test_run ();
}
