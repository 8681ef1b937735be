/* test-actions-common.h — a small workspace on the three platforms, for the
 * tests of actions, outbox, audit and templates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "vigie-audit.h"
#include "vigie-classifier.h"
#include "vigie-outbox.h"
#include "vigie-sandbox-connector.h"
#include "vigie-store.h"
#include "vigie-store-private.h"

typedef struct
{
  char                  *dir;
  char                  *path;
  VigieStore            *store;
  VigieSandboxConnector *sandbox;
  VigieOutbox           *outbox;
  gint64                 now;      /* the injected clock, Unix µs */
} Workspace;

#define SECONDS(n) ((n) * G_TIME_SPAN_SECOND)

/* 2026-11-18 13:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1795006800000000)

static G_GNUC_UNUSED gint64
workspace_clock (gpointer user_data)
{
  Workspace *w = user_data;

  return w->now;
}

static G_GNUC_UNUSED void
add_post (VigieStore    *store,
          VigiePlatform  platform,
          const char    *page_id,
          const char    *page_name,
          const char    *id,
          const char    *text)
{
  VigiePostRecord p = { 0 };
  g_autoptr(GError) error = NULL;

  p.platform = platform;
  p.page_id = g_strdup (page_id);
  p.page_name = g_strdup (page_name);
  p.external_id = g_strdup (id);
  p.text = g_strdup (text);
  p.created = T0 / G_USEC_PER_SEC - 3600;
  p.permalink = g_strdup_printf ("https://example.org/%s", id);
  g_assert_true (vigie_store_upsert_post (store, &p, NULL, &error));
  g_assert_no_error (error);
  vigie_post_record_clear (&p);
}

static G_GNUC_UNUSED gint64
add_comment_full (VigieStore    *store,
                  VigiePlatform  platform,
                  const char    *id,
                  const char    *post,
                  const char    *parent,
                  const char    *author_id,
                  const char    *author_name,
                  const char    *text,
                  const char    *language)
{
  g_auto(VigieCommentRecord) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) c = NULL;

  vigie_comment_record_init (&r);
  r.platform = platform;
  r.external_id = g_strdup (id);
  r.post_external_id = g_strdup (post);
  r.parent_external_id = g_strdup (parent);
  r.author_id = g_strdup (author_id);
  r.author_name = g_strdup (author_name);
  r.text = g_strdup (text);
  r.created = T0 / G_USEC_PER_SEC - 600;
  r.permalink = g_strdup_printf ("https://example.org/%s", id);
  r.language = g_strdup (language);
  g_assert_true (vigie_store_upsert_comment (store, &r, NULL, &error));
  g_assert_no_error (error);
  c = vigie_store_find_comment (store, platform, id, &error);
  g_assert_no_error (error);
  return c->id;
}

/* Flags @comment_id with @category under @clause */
static G_GNUC_UNUSED void
add_flag (VigieStore *store,
          gint64      comment_id,
          const char *category,
          const char *clause)
{
  g_autoptr(VigieClassification) result = vigie_classification_new ();
  g_autoptr(GError) error = NULL;
  VigieFlag f = { 0 };

  f.category = g_intern_string (category);
  f.clause = g_intern_string (clause);
  f.rule = g_intern_string ("test");
  f.score = 0.9;
  f.spans = g_array_new (FALSE, FALSE, sizeof (VigieSpan));
  g_array_append_val (result->flags, f);
  result->action = g_intern_string ("hide");
  result->severity = 3;
  result->lang = g_intern_string ("fr");
  g_assert_true (vigie_store_save_classification (store, comment_id, result, &error));
  g_assert_no_error (error);
}

static G_GNUC_UNUSED void
set_organisation (VigieStore *store)
{
  struct { const char *key, *value; } settings[] = {
    { "organisation.name", "CISSS de la Côte-Boréale" },
    { "organisation.name.en", "Côte-Boréale Integrated Health and Social Services Centre" },
    { "organisation.complaints_office",
      "Commissariat aux plaintes et à la qualité des services du CISSS de la Côte-Boréale" },
    { "organisation.complaints_office.en",
      "Office of the Service Quality and Complaints Commissioner" },
    { "organisation.phone", "418 555-0100" },
    { "organisation.url", "https://cisss-cote-boreale.example/plaintes" },
    { "organisation.email", "plaintes@cisss-cote-boreale.example" },
    { "organisation.policy_url", "https://cisss-cote-boreale.example/medias-sociaux" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (vigie_store_set_setting (store, settings[i].key, settings[i].value, &error));
      g_assert_no_error (error);
    }
}

/* The comments the tests act on, by their external ids:
 * facebook fb1 (flagged insult), fb2 (author unknown), fb3 (reply to fb1);
 * instagram ig1, ig2 (reply to ig1); youtube yt1, yt2 (reply to yt1);
 * unknown u1 */
static G_GNUC_UNUSED void
populate (VigieStore *store)
{
  gint64 fb1;

  add_post (store, VIGIE_PLATFORM_FACEBOOK, "104758392011", "CISSS de la Côte-Boréale",
            "104758392011_1", "Avis de froid extrême");
  add_post (store, VIGIE_PLATFORM_INSTAGRAM, "178414", "cisss.coteboreale", "ig_media_1",
            "Clinique de vaccination");
  add_post (store, VIGIE_PLATFORM_YOUTUBE, "UCcoteboreale", "CISSS Côte-Boréale", "yt_video_1",
            "Visite de l'urgence");
  add_post (store, VIGIE_PLATFORM_UNKNOWN, NULL, NULL, "u_post", "Publication");

  fb1 = add_comment_full (store, VIGIE_PLATFORM_FACEBOOK, "fb1", "104758392011_1", NULL,
                          "5010001", "Julie Tremblay", "Vous êtes une bande d'incompétents", "fr");
  add_flag (store, fb1, "insult", "CISSS §10");
  add_comment_full (store, VIGIE_PLATFORM_FACEBOOK, "fb2", "104758392011_1", NULL, NULL, NULL,
                    "Quand ouvre la halte-chaleur?", "fr");
  add_comment_full (store, VIGIE_PLATFORM_FACEBOOK, "fb3", "104758392011_1", "fb1", "5010002",
                    "Marc Gagnon", "Tout à fait d'accord", "fr");
  add_comment_full (store, VIGIE_PLATFORM_INSTAGRAM, "ig1", "ig_media_1", NULL, "ig_user_1",
                    "sam.b", "Where is the clinic?", "en");
  add_comment_full (store, VIGIE_PLATFORM_INSTAGRAM, "ig2", "ig_media_1", "ig1", "ig_user_2",
                    "lea_v", "Same question", "en");
  add_comment_full (store, VIGIE_PLATFORM_YOUTUBE, "yt1", "yt_video_1", NULL, "UCuser1",
                    "Paul Roy", "Buy cheap pills at pills.example", "en");
  add_comment_full (store, VIGIE_PLATFORM_YOUTUBE, "yt2", "yt_video_1", "yt1", "UCuser2",
                    "Anne Roy", "Spam again", "en");
  add_comment_full (store, VIGIE_PLATFORM_UNKNOWN, "u1", "u_post", NULL, "u_author", "Someone",
                    "Un commentaire", "fr");
}

static G_GNUC_UNUSED void
workspace_open (Workspace *w)
{
  g_autoptr(GError) error = NULL;

  w->store = vigie_store_open (w->path, &error);
  g_assert_no_error (error);
  w->sandbox = vigie_sandbox_connector_new (w->store);
  w->outbox = vigie_outbox_new (w->store, VIGIE_CONNECTOR (w->sandbox));
  vigie_outbox_set_clock (w->outbox, workspace_clock, w);
}

static G_GNUC_UNUSED void
workspace_close (Workspace *w)
{
  g_clear_object (&w->outbox);
  g_clear_object (&w->sandbox);
  g_clear_object (&w->store);
}

static G_GNUC_UNUSED void
workspace_setup (Workspace     *w,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  w->dir = g_dir_make_tmp ("vigie-actions-XXXXXX", &error);
  g_assert_no_error (error);
  w->path = g_build_filename (w->dir, "workspace.vigie", NULL);
  w->now = T0;
  workspace_open (w);
  populate (w->store);
  set_organisation (w->store);
}

static G_GNUC_UNUSED void
workspace_teardown (Workspace     *w,
                    gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  workspace_close (w);
  dir = g_dir_open (w->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (w->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (w->dir);
  g_free (w->dir);
  g_free (w->path);
}

static G_GNUC_UNUSED gint64
comment_id (Workspace     *w,
            VigiePlatform  platform,
            const char    *external_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieComment) c = vigie_store_find_comment (w->store, platform, external_id, &error);

  g_assert_no_error (error);
  return c->id;
}

static G_GNUC_UNUSED VigieCommentState
comment_state (Workspace *w,
               gint64     id)
{
  VigieCommentState state = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_outbox_get_comment_state (w->outbox, id, &state, &error));
  g_assert_no_error (error);
  return state;
}

/* Queues @kind on @comment as @actor_name in @actor_role; asserts success */
static G_GNUC_UNUSED gint64
enqueue_full (Workspace       *w,
              VigieActionKind  kind,
              gint64           comment,
              const char      *actor_name,
              const char      *actor_role,
              const char      *text,
              const char      *note)
{
  VigieActionRequest request = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  request.kind = kind;
  request.comment_id = comment;
  request.actor_name = actor_name;
  request.actor_role = actor_role;
  request.text = text;
  request.lang = text ? "fr" : NULL;
  request.note = note;
  id = vigie_outbox_enqueue (w->outbox, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Queues @kind on @comment as the delegate; asserts success */
static G_GNUC_UNUSED gint64
enqueue (Workspace       *w,
         VigieActionKind  kind,
         gint64           comment,
         const char      *text,
         const char      *note)
{
  return enqueue_full (w, kind, comment, "Marie Côté", "delegate", text, note);
}

static G_GNUC_UNUSED guint
process (Workspace *w)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (vigie_outbox_process_sync (w->outbox, NULL, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* Action @id as stored now; asserts it is there */
static G_GNUC_UNUSED VigieAction *
get_action (Workspace *w,
            gint64     id)
{
  g_autoptr(GError) error = NULL;
  VigieAction *action = vigie_outbox_get_action (w->outbox, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (action);
  return action;
}

static G_GNUC_UNUSED VigieActionStatus
action_status (Workspace *w,
               gint64     id)
{
  g_autoptr(VigieAction) action = get_action (w, id);

  return action->status;
}

/* One SQL value as an integer, through the store's connection */
static G_GNUC_UNUSED gint64
sql_int (VigieStore *store,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_vigie_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The audit entries of @action_id with @event */
static G_GNUC_UNUSED guint
count_events (Workspace  *w,
              gint64      action_id,
              const char *event)
{
  VigieAuditQuery query = { .action_id = action_id, .event = event };
  g_autoptr(GError) error = NULL;
  gint64 n = vigie_audit_count (w->store, &query, &error);

  g_assert_no_error (error);
  return (guint) n;
}
