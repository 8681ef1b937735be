/* test-window.c — the main window on the demo workspace (needs a display)
 *
 * Runs under Xvfb (`xvfb-run -a meson test --suite ui`). Without a display
 * every test is skipped, unless VIGIE_REQUIRE_DISPLAY is set: then they fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vigie-category-chip.h"
#include "vigie-classifier.h"
#include "vigie-comment-detail.h"
#include "vigie-comment-item.h"
#include "vigie-comment-item-private.h"
#include "vigie-comment-row.h"
#include "vigie-activity-window.h"
#include "vigie-approvals-window.h"
#include "vigie-dashboard-window.h"
#include "vigie-report.h"
#include "vigie-audit.h"
#include "vigie-failed-window.h"
#include "vigie-preferences-window.h"
#include "vigie-outbox.h"
#include "vigie-policy-dialog.h"
#include "vigie-reply-dialog.h"
#include "vigie-sandbox-connector.h"
#include "vigie-demo.h"
#include "vigie-import.h"
#include "vigie-policy.h"
#include "vigie-queue-model-private.h"
#include "vigie-sidebar.h"
#include "vigie-store.h"
#include "vigie-store-private.h"
#include "vigie-window.h"

#include <sqlite3.h>

#include "test-ui-common.h"

typedef struct
{
  char        *demo_dir;
  VigieStore  *store;
  VigieWindow *window;
  gboolean     rows_drawn;
} Fixture;

static void
rows_drawn_cb (VigieWindow *window,
               Fixture     *fixture)
{
  fixture->rows_drawn = TRUE;
}

static gboolean
queue_ready (Fixture *fixture)
{
  VigieQueueModel *queue = vigie_window_get_queue_model (fixture->window);

  return !vigie_queue_model_get_loading (queue) &&
         g_strcmp0 (vigie_window_get_queue_state (fixture->window), "loading") != 0;
}

static void
open_window (Fixture *fixture)
{
  fixture->window = vigie_window_new (NULL, fixture->store, NULL);
  g_signal_connect (fixture->window, "first-rows-drawn", G_CALLBACK (rows_drawn_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* The window classifies what is not classified yet, then reloads */
  WAIT_FOR (!vigie_window_get_classifying (fixture->window) && queue_ready (fixture));
}

static void
fixture_set_up_demo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;
  g_auto(GStrv) files = NULL;
  VigieImportStats stats = { 0 };

  if (!have_display)
    return;

  g_assert_true (vigie_demo_prepare (&fixture->demo_dir, &workspace, &files, &error));
  g_assert_no_error (error);
  fixture->store = vigie_store_open (workspace, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_import_files (fixture->store, (const char * const *) files, NULL, NULL, NULL,
                                     &stats, &error));
  g_assert_no_error (error);
  g_assert_true (vigie_demo_set_up_workspace (fixture->store, &error));
  g_assert_no_error (error);
  open_window (fixture);
}

/* The demo, run through the classifier as vigie-scan does */
static void
fixture_set_up_classified (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(VigiePolicy) policy = NULL;
  g_autoptr(VigieClassifier) classifier = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) results = NULL;
  VigieQuery query = { .view = VIGIE_VIEW_ALL };

  if (!have_display)
    return;

  g_assert_true (vigie_demo_prepare (&fixture->demo_dir, &workspace, &files, &error));
  fixture->store = vigie_store_open (workspace, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_import_files (fixture->store, (const char * const *) files, NULL, NULL, NULL,
                                     NULL, &error));
  g_assert_no_error (error);

  policy = vigie_policy_new_default (&error);
  g_assert_no_error (error);
  classifier = vigie_classifier_new (policy, NULL, &error);
  g_assert_no_error (error);
  ids = vigie_store_query_ids (fixture->store, &query, NULL, &error);
  g_assert_no_error (error);
  comments = vigie_store_get_comments (fixture->store, (const gint64 *) (gpointer) ids->data,
                                       ids->len, &error);
  g_assert_no_error (error);
  results = vigie_classifier_classify_comments (classifier, comments, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_store_save_classifications (fixture->store, comments, results, &error));
  g_assert_no_error (error);

  open_window (fixture);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;

  if (!have_display)
    return;

  fixture->demo_dir = g_dir_make_tmp ("vigie-test-XXXXXX", &error);
  g_assert_no_error (error);
  workspace = g_build_filename (fixture->demo_dir, "empty.vigie", NULL);
  fixture->store = vigie_store_open (workspace, &error);
  g_assert_no_error (error);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Let worker threads return before the workspace goes */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  vigie_demo_remove (fixture->demo_dir);
  g_clear_pointer (&fixture->demo_dir, g_free);
}

static gint64
count (VigieStore *store,
       const char *search)
{
  g_autoptr(GError) error = NULL;
  VigieQuery query = { .view = VIGIE_VIEW_ALL, .search = search };
  gint64 n = vigie_store_count (store, &query, &error);

  g_assert_no_error (error);
  return n;
}

static GtkWidget *
detail_child (VigieWindow *window,
              const char  *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (vigie_window_get_detail (window)),
                                                  VIGIE_TYPE_COMMENT_DETAIL, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static const char *
detail_page (VigieWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (detail_child (window, "stack")));
}

static const char *
detail_label (VigieWindow *window,
              const char  *name)
{
  return gtk_label_get_text (GTK_LABEL (detail_child (window, name)));
}

static guint
n_queued (VigieWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (vigie_window_get_queue_model (window)));
}

static const char *
queue_search (VigieWindow *window)
{
  return vigie_queue_model_get_query (vigie_window_get_queue_model (window))->search;
}

static GtkWidget *
window_child (VigieWindow *window,
              const char  *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), VIGIE_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static void
test_queue (Fixture       *fixture,
            gconstpointer  data)
{
  VigieQueueModel *queue;
  gint64 total;

  if (!require_display ())
    return;

  queue = vigie_window_get_queue_model (fixture->window);
  total = count (fixture->store, NULL);
  g_assert_cmpint (total, ==, 457);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, total);
  g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "list");

  /* The rows on screen are drawn from items made on demand: GtkListView
   * asks for at most a couple of hundred, never one per comment */
  WAIT_FOR (fixture->rows_drawn);
  g_assert_cmpuint (_vigie_queue_model_get_n_cached (queue), >, 0);
  g_assert_cmpuint (_vigie_queue_model_get_n_cached (queue), <, total);
  g_assert_cmpuint (_vigie_comment_item_get_n_live (), <, total);

  /* Read again (after an import): the rows are made again for what is on
   * screen, GtkListView does not walk the whole queue looking for its old
   * items among the new ones */
  vigie_queue_model_reload (queue);
  g_assert_true (vigie_queue_model_get_loading (queue));
  WAIT_FOR (!vigie_queue_model_get_loading (queue));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, total);
  g_assert_cmpuint (_vigie_queue_model_get_n_cached (queue), <, total);

  /* Newest first, as the store orders them */
  {
    g_autoptr(VigieCommentItem) first = g_list_model_get_item (G_LIST_MODEL (queue), 0);
    g_autoptr(VigieCommentItem) last = g_list_model_get_item (G_LIST_MODEL (queue), total - 1);

    g_assert_cmpint (vigie_comment_item_get_comment (first)->created, >=,
                     vigie_comment_item_get_comment (last)->created);
  }

  /* Nothing selected yet: the detail says so */
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (detail_page (fixture->window), ==, "empty");
}

static void
test_detail (Fixture       *fixture,
             gconstpointer  data)
{
  VigieQueueModel *queue;
  g_autoptr(VigieCommentItem) item = NULL;
  VigieComment *comment = NULL;
  VigieCommentDetail *detail;
  guint n;

  if (!require_display ())
    return;

  queue = vigie_window_get_queue_model (fixture->window);
  detail = vigie_window_get_detail (fixture->window);
  n = g_list_model_get_n_items (G_LIST_MODEL (queue));
  g_assert_cmpuint (n, >, 0);

  /* Every one of a few positions, the last one included */
  for (guint position = 0; position < n; position += n / 5)
    {
      vigie_window_select (fixture->window, position);
      g_clear_object (&item);
      item = g_list_model_get_item (G_LIST_MODEL (queue), position);
      comment = vigie_comment_item_get_comment (item);

      WAIT_FOR (vigie_comment_detail_get_comment (detail) != NULL &&
                vigie_comment_detail_get_comment (detail)->id == comment->id);
      g_assert_cmpstr (detail_page (fixture->window), ==, "comment");
      g_assert_cmpstr (detail_label (fixture->window, "text_label"), ==, comment->text);
      g_assert_nonnull (comment->author_name);
      g_assert_cmpstr (detail_label (fixture->window, "author_label"), ==, comment->author_name);
    }

  /* A reply shows its conversation: the parent is in the thread list */
  for (guint position = 0; position < n; position++)
    {
      g_clear_object (&item);
      item = g_list_model_get_item (G_LIST_MODEL (queue), position);
      comment = vigie_comment_item_get_comment (item);
      if (comment->parent_id != 0)
        break;
      comment = NULL;
    }
  g_assert_nonnull (comment);
  vigie_window_select (fixture->window, vigie_queue_model_find (queue, comment->id));
  WAIT_FOR (vigie_comment_detail_get_comment (detail)->id == comment->id);
  g_assert_true (gtk_widget_get_visible (detail_child (fixture->window, "thread_box")));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (detail_child (fixture->window,
                                                                              "thread_list")),
                                                   1));

  /* Unselecting goes back to "No comment selected" */
  vigie_window_select (fixture->window, GTK_INVALID_LIST_POSITION);
  WAIT_FOR (vigie_comment_detail_get_comment (detail) == NULL);
  g_assert_cmpstr (detail_page (fixture->window), ==, "empty");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  VigieQueueModel *queue;
  GtkEditable *entry;
  gint64 total, expected, accented;

  if (!require_display ())
    return;

  queue = vigie_window_get_queue_model (fixture->window);
  entry = GTK_EDITABLE (window_child (fixture->window, "search_entry"));
  total = count (fixture->store, NULL);

  /* "hôpital" typed without its accent finds the same comments */
  expected = count (fixture->store, "hopital");
  accented = count (fixture->store, "hôpital");
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (expected, <, total);
  g_assert_cmpint (expected, ==, accented);

  gtk_editable_set_text (entry, "hopital");
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_list_model_get_n_items (G_LIST_MODEL (queue)) == (guint) expected);
  g_assert_cmpstr (vigie_queue_model_get_query (queue)->search, ==, "hopital");
  g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "list");

  /* "search-changed" with the same text: the ids are not read again */
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_false (vigie_queue_model_get_loading (queue));

  /* Two words: both must be there */
  expected = count (fixture->store, "urgence attente");
  g_assert_cmpint (expected, <, total);
  gtk_editable_set_text (entry, "urgence attente");
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_strcmp0 (vigie_queue_model_get_query (queue)->search, "urgence attente") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, expected);

  /* Nothing matches: the "no results" page */
  gtk_editable_set_text (entry, "zzyzxqw");
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_list_model_get_n_items (G_LIST_MODEL (queue)) == 0);
  g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "no-results");

  /* Cleared: everything again */
  gtk_editable_set_text (entry, "");
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_list_model_get_n_items (G_LIST_MODEL (queue)) == (guint) total);
  g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "list");
}

static void
test_selection_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  VigieQueueModel *queue;
  GtkEditable *entry;
  g_autoptr(VigieCommentItem) item = NULL;
  gint64 id;
  guint position = GTK_INVALID_LIST_POSITION;

  if (!require_display ())
    return;

  queue = vigie_window_get_queue_model (fixture->window);
  entry = GTK_EDITABLE (window_child (fixture->window, "search_entry"));

  /* A comment that mentions the hospital, deep in the queue */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (queue)); i > 0; i--)
    {
      g_clear_object (&item);
      item = g_list_model_get_item (G_LIST_MODEL (queue), i - 1);
      if (strstr (vigie_comment_item_get_comment (item)->text, "hôpital") != NULL)
        {
          position = i - 1;
          break;
        }
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  id = vigie_comment_item_get_id (item);
  vigie_window_select (fixture->window, position);

  /* Still selected, at its new place, after the search */
  gtk_editable_set_text (entry, "hopital");
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_strcmp0 (vigie_queue_model_get_query (queue)->search, "hopital") == 0);
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==,
                    vigie_queue_model_find (queue, id));
  g_assert_cmpint (vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id,
                   ==, id);
}

static void
test_sidebar (Fixture       *fixture,
              gconstpointer  data)
{
  VigieSidebar *sidebar;
  VigieQueueModel *queue;
  GtkListBox *list;
  AdwWindowTitle *title;
  VigieQuery query = { 0 };
  gint64 expected;

  if (!require_display ())
    return;

  sidebar = VIGIE_SIDEBAR (window_child (fixture->window, "sidebar"));
  queue = vigie_window_get_queue_model (fixture->window);
  title = ADW_WINDOW_TITLE (window_child (fixture->window, "window_title"));
  /* The sidebar reads its counts once the first rows are on screen */
  WAIT_FOR (vigie_sidebar_get_store (sidebar) != NULL && !vigie_sidebar_get_loading (sidebar));
  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (sidebar), VIGIE_TYPE_SIDEBAR,
                                                      "list_box"));

  /* The rows: the saved filters, the categories (the window classifies
   * the workspace when it opens), then the pages and their posts */
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, i));
      vigie_sidebar_get_filter (sidebar, &query);
      if (query.post_id > 0)
        break;
    }
  g_assert_null (query.category);
  g_assert_cmpint (query.post_id, >, 0);

  /* A post: its comments only */
  expected = vigie_store_count (fixture->store, &query, NULL);
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (expected, <, count (fixture->store, NULL));
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            vigie_queue_model_get_query (queue)->post_id == query.post_id);
  g_assert_cmpuint (n_queued (fixture->window), ==, expected);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, vigie_sidebar_get_title (sidebar));
  for (guint i = 0; i < n_queued (fixture->window); i++)
    {
      g_autoptr(VigieCommentItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      g_assert_cmpint (vigie_comment_item_get_comment (item)->post_id, ==, query.post_id);
    }

  /* A saved filter: everything that needs action, which is all of it
   * until comments are handled */
  vigie_sidebar_select_view (sidebar, VIGIE_VIEW_NEEDS_ACTION);
  query = (VigieQuery) { .view = VIGIE_VIEW_NEEDS_ACTION };
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            vigie_queue_model_get_query (queue)->view == VIGIE_VIEW_NEEDS_ACTION &&
            vigie_queue_model_get_query (queue)->post_id == 0);
  g_assert_cmpuint (n_queued (fixture->window), ==,
                    vigie_store_count (fixture->store, &query, NULL));

  /* Handled: before anyone acts, only the page's own replies */
  vigie_sidebar_select_view (sidebar, VIGIE_VIEW_HANDLED);
  query = (VigieQuery) { .view = VIGIE_VIEW_HANDLED };
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            vigie_queue_model_get_query (queue)->view == VIGIE_VIEW_HANDLED);
  expected = vigie_store_count (fixture->store, &query, NULL);
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpuint (n_queued (fixture->window), ==, expected);
  for (guint i = 0; i < n_queued (fixture->window); i++)
    {
      g_autoptr(VigieCommentItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      const VigieComment *c = vigie_comment_item_get_comment (item);
      g_autoptr(VigiePost) post = vigie_store_get_post (fixture->store, c->post_id, NULL);

      g_assert_nonnull (post);
      /* an Instagram account is known by its user name */
      g_assert_true (g_strcmp0 (c->author_external_id, post->page_external_id) == 0 ||
                     (c->platform == VIGIE_PLATFORM_INSTAGRAM &&
                      g_strcmp0 (c->author_name, post->page_external_id) == 0));
    }

  /* Escalated: the comments escalated to the director, and only those */
  vigie_sidebar_select_view (sidebar, VIGIE_VIEW_ALL);
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            vigie_queue_model_get_query (queue)->view == VIGIE_VIEW_ALL);
  vigie_window_select (fixture->window, 0);
  expected = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.moderate", "s",
                                             "escalate"));
  vigie_window_select (fixture->window, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.moderate", "s",
                                             "hide"));
  vigie_sidebar_select_view (sidebar, VIGIE_VIEW_ESCALATED);
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            vigie_queue_model_get_query (queue)->view == VIGIE_VIEW_ESCALATED);
  g_assert_cmpuint (n_queued (fixture->window), ==, 1);
  g_assert_cmpint (vigie_queue_model_get_id (queue, 0), ==, expected);
  g_assert_cmpstr (vigie_sidebar_get_title (sidebar), ==, "Escalated");
}

static void
test_flagged (Fixture       *fixture,
              gconstpointer  data)
{
  VigieSidebar *sidebar;
  VigieQueueModel *queue;
  GtkListBox *list;
  VigieQuery query = { 0 };
  gint64 expected;
  guint n_categories = 0;

  if (!require_display ())
    return;

  sidebar = VIGIE_SIDEBAR (window_child (fixture->window, "sidebar"));
  queue = vigie_window_get_queue_model (fixture->window);
  /* The sidebar reads its counts once the first rows are on screen */
  WAIT_FOR (vigie_sidebar_get_store (sidebar) != NULL && !vigie_sidebar_get_loading (sidebar));
  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (sidebar), VIGIE_TYPE_SIDEBAR,
                                                      "list_box"));

  /* Flagged comments: a row per category, each filtering the queue */
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, i));
      vigie_sidebar_get_filter (sidebar, &query);
      if (query.category == NULL)
        continue;
      n_categories++;

      expected = vigie_store_count (fixture->store, &query, NULL);
      g_assert_cmpint (expected, >, 0);
      WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
                vigie_queue_model_get_query (queue)->category == query.category);
      g_assert_cmpuint (n_queued (fixture->window), ==, expected);
      g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "list");
    }
  /* The demo has comments of every category */
  g_assert_cmpuint (n_categories, >=, 10);
}

static guint
count_chips (GtkWidget  *box,
             const char *label)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "category-chip") &&
        (label == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), label) == 0))
      n++;
  return n;
}

/* The demo, classified by the window itself: chips with the category's
 * name on the rows, the matched spans highlighted in the detail, a card
 * per flag with its clause, urgent comments first in Needs action */
static void
test_chips_and_spans (Fixture       *fixture,
                      gconstpointer  data)
{
  VigieQueueModel *queue;
  VigieCommentDetail *detail;
  g_autoptr(VigieCommentItem) item = NULL;
  VigieClassification *classification = NULL;
  VigiePolicy *policy;
  GtkWidget *row;
  GtkWidget *chips;
  GtkWidget *flag_list;
  PangoAttrList *attrs;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n_cards = 0;
  const VigieFlag *flag;
  const char *label;

  if (!require_display ())
    return;

  queue = vigie_window_get_queue_model (fixture->window);
  detail = vigie_window_get_detail (fixture->window);
  policy = vigie_classifier_get_policy (vigie_window_get_classifier (fixture->window));

  /* The first comment with a span */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_clear_object (&item);
      item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      classification = vigie_comment_item_get_classification (item);
      g_assert_nonnull (classification);   /* every comment is classified */
      if (classification->flags->len > 0 &&
          g_array_index (classification->flags, VigieFlag, 0).spans != NULL &&
          g_array_index (classification->flags, VigieFlag, 0).spans->len > 0)
        {
          position = i;
          break;
        }
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  flag = &g_array_index (classification->flags, VigieFlag, 0);
  label = vigie_category_get_label (vigie_policy_lookup_category (policy, flag->category),
                                    g_str_has_prefix (g_get_language_names ()[0], "fr")
                                    ? "fr" : "en");

  /* The row: a chip per flag, with its name */
  row = g_object_ref_sink (vigie_comment_row_new ());
  vigie_comment_row_set_item (VIGIE_COMMENT_ROW (row), item, g_get_real_time () / G_USEC_PER_SEC);
  chips = (GtkWidget *) gtk_widget_get_template_child (row, VIGIE_TYPE_COMMENT_ROW, "chips_box");
  g_assert_true (gtk_widget_get_visible (chips));
  g_assert_cmpuint (count_chips (chips, NULL), ==, classification->flags->len);
  g_assert_cmpuint (count_chips (chips, label), ==, 1);
  g_object_unref (row);

  /* The detail: the spans highlighted, a card per flag */
  vigie_window_select (fixture->window, position);
  g_assert_nonnull (vigie_comment_detail_get_classification (detail));
  attrs = gtk_label_get_attributes (vigie_comment_detail_get_text_label (detail));
  g_assert_nonnull (attrs);
  {
    g_autoptr(GSList) list = pango_attr_list_get_attributes (attrs);
    gboolean found = FALSE;

    for (GSList *l = list; l != NULL; l = l->next)
      {
        PangoAttribute *attr = l->data;

        if (attr->klass->type == PANGO_ATTR_BACKGROUND &&
            attr->start_index == g_array_index (flag->spans, VigieSpan, 0).start &&
            attr->end_index == g_array_index (flag->spans, VigieSpan, 0).end)
          found = TRUE;
      }
    g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
    g_assert_true (found);
  }
  flag_list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (detail), VIGIE_TYPE_COMMENT_DETAIL,
                                             "flag_list");
  for (GtkWidget *child = gtk_widget_get_first_child (flag_list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_cards++;
  g_assert_cmpuint (n_cards, ==, classification->flags->len);
}

/* Needs action is sorted urgent first */
static void
test_priority (Fixture       *fixture,
               gconstpointer  data)
{
  VigieQueueModel *queue;
  VigieSidebar *sidebar;
  GtkListBox *list;
  VigieQuery query = { 0 };
  gboolean was_urgent = TRUE;

  if (!require_display ())
    return;
  queue = vigie_window_get_queue_model (fixture->window);
  sidebar = VIGIE_SIDEBAR (window_child (fixture->window, "sidebar"));

  WAIT_FOR (vigie_sidebar_get_store (sidebar) != NULL && !vigie_sidebar_get_loading (sidebar));
  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (sidebar), VIGIE_TYPE_SIDEBAR,
                                                      "list_box"));
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, i));
      vigie_sidebar_get_filter (sidebar, &query);
      if (query.view == VIGIE_VIEW_NEEDS_ACTION && query.category == NULL &&
          query.page_id == 0 && query.post_id == 0)
        break;
    }
  g_assert_cmpint (query.view, ==, VIGIE_VIEW_NEEDS_ACTION);
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            vigie_queue_model_get_query (queue)->view == VIGIE_VIEW_NEEDS_ACTION);
  g_assert_cmpint (vigie_queue_model_get_query (queue)->sort, ==, VIGIE_SORT_PRIORITY);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr(VigieCommentItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      VigieClassification *c = vigie_comment_item_get_classification (item);
      gboolean urgent = c != NULL && c->urgent;

      /* No urgent comment after one that is not */
      g_assert_true (was_urgent || !urgent);
      was_urgent = urgent;
    }
}

/* "Test a sentence" in the policy view */
static void
test_policy_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *dialog;
  VigieClassification *result;

  if (!require_display ())
    return;

  dialog = vigie_policy_dialog_new (vigie_window_get_classifier (fixture->window));
  gtk_window_present (GTK_WINDOW (dialog));
  vigie_policy_dialog_test (VIGIE_POLICY_DIALOG (dialog), "Je vais te tuer, espèce d'idiot");
  result = vigie_policy_dialog_get_result (VIGIE_POLICY_DIALOG (dialog));
  g_assert_nonnull (result);
  g_assert_nonnull (vigie_classification_get_flag (result, "threat"));
  vigie_policy_dialog_test (VIGIE_POLICY_DIALOG (dialog), "Merci pour l'information");
  result = vigie_policy_dialog_get_result (VIGIE_POLICY_DIALOG (dialog));
  g_assert_cmpuint (result->flags->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkShortcut *find_key_shortcut (GtkWidget *widget,
                                       guint      keyval);
static gboolean press (GtkWidget *widget,
                       guint      keyval);

/* A flagged Facebook comment in the queue: its position */
static guint
find_flagged (Fixture    *fixture,
              const char *category)
{
  VigieQueueModel *queue = vigie_window_get_queue_model (fixture->window);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr(VigieCommentItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      VigieClassification *c = vigie_comment_item_get_classification (item);

      if (c != NULL && vigie_classification_get_flag (c, category) != NULL &&
          vigie_comment_item_get_comment (item)->platform == VIGIE_PLATFORM_FACEBOOK &&
          vigie_comment_item_get_comment (item)->status == VIGIE_COMMENT_STATUS_NEW)
        return i;
    }
  g_assert_not_reached ();
}

static guint
count_detail_buttons (Fixture *fixture)
{
  GtkWidget *box = (GtkWidget *) gtk_widget_get_template_child (
    GTK_WIDGET (vigie_window_get_detail (fixture->window)), VIGIE_TYPE_COMMENT_DETAIL,
    "actions_box");
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return gtk_widget_get_visible (box) ? n : 0;
}

/* h hides the selected comment, the toast's Undo (within the grace
 * period) cancels it: nothing left the machine, both are in the audit */
static void
test_hide_undo (Fixture       *fixture,
                gconstpointer  data)
{
  VigieOutbox *outbox;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  VigieAuditQuery query = { 0 };
  VigieAction *action;
  guint position;
  gint64 id;

  if (!require_display ())
    return;

  outbox = vigie_window_get_outbox (fixture->window);
  g_assert_nonnull (outbox);
  position = find_flagged (fixture, "insult");
  vigie_window_select (fixture->window, position);
  id = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;
  /* Buttons for what Facebook can do */
  g_assert_cmpuint (count_detail_buttons (fixture), >=, 5);

  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_h));
  actions = vigie_outbox_list_for_comment (outbox, id, NULL);
  g_assert_cmpuint (actions->len, ==, 1);
  action = g_ptr_array_index (actions, 0);
  g_assert_cmpint (action->kind, ==, VIGIE_ACTION_HIDE);
  g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_PENDING);
  g_assert_cmpint (vigie_outbox_get_undo_kind (outbox, action->id), ==, VIGIE_UNDO_CANCEL);

  /* The toast's button */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", "x",
                                             action->id));
  {
    g_autoptr(VigieAction) after = vigie_outbox_get_action (outbox, action->id, NULL);

    g_assert_cmpint (after->status, ==, VIGIE_ACTION_STATUS_CANCELLED);
  }
  {
    g_autoptr(VigieComment) comment = vigie_store_get_comment (fixture->store, id, NULL);

    g_assert_false (comment->hidden);
    g_assert_cmpint (comment->status, ==, VIGIE_COMMENT_STATUS_NEW);
  }

  query.comment_id = id;
  entries = vigie_audit_query (fixture->store, &query, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((VigieAuditEntry *) g_ptr_array_index (entries, 0))->event, ==,
                   VIGIE_AUDIT_EVENT_QUEUED);
  g_assert_cmpstr (((VigieAuditEntry *) g_ptr_array_index (entries, 1))->event, ==,
                   VIGIE_AUDIT_EVENT_CANCELLED);

  /* Both in the Activity view, and filtered by what */
  {
    GtkWidget *activity = vigie_activity_window_new (fixture->store, NULL);
    GtkDropDown *what = GTK_DROP_DOWN (gtk_widget_get_template_child (
      activity, VIGIE_TYPE_ACTIVITY_WINDOW, "what_dropdown"));

    g_assert_cmpuint (vigie_activity_window_get_entries (VIGIE_ACTIVITY_WINDOW (activity))->len,
                      ==, 2);
    gtk_drop_down_set_selected (what, 6);   /* "Reply": none */
    g_assert_cmpuint (vigie_activity_window_get_entries (VIGIE_ACTIVITY_WINDOW (activity))->len,
                      ==, 0);
    gtk_drop_down_set_selected (what, 1);   /* "Hide" */
    g_assert_cmpuint (vigie_activity_window_get_entries (VIGIE_ACTIVITY_WINDOW (activity))->len,
                      ==, 2);
    gtk_window_destroy (GTK_WINDOW (activity));
  }

  /* Nothing failed */
  {
    GtkWidget *failed = vigie_failed_window_new (outbox, "Test", "delegate");

    g_assert_cmpuint (vigie_failed_window_get_n_failed (VIGIE_FAILED_WINDOW (failed)), ==, 0);
    gtk_window_destroy (GTK_WINDOW (failed));
  }
}

/* The sidebar's row titled @title, or NULL */
static GtkListBoxRow *
sidebar_row (Fixture    *fixture,
             const char *title)
{
  VigieSidebar *sidebar = VIGIE_SIDEBAR (window_child (fixture->window, "sidebar"));
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (sidebar),
                                                                  VIGIE_TYPE_SIDEBAR,
                                                                  "list_box"));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);

      /* icon, then the title and subtitle */
      for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_BOX (child) && GTK_IS_LABEL (gtk_widget_get_first_child (child)) &&
            g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (child))),
                       title) == 0)
          return row;
    }
  return NULL;
}

/* The count at the end of a sidebar row */
static const char *
sidebar_row_count (GtkListBoxRow *row)
{
  GtkWidget *last = gtk_widget_get_last_child (gtk_list_box_row_get_child (row));

  return GTK_IS_LABEL (last) ? gtk_label_get_text (GTK_LABEL (last)) : NULL;
}

/* "Activity" opens its view; "Failed Actions" shows up with a count when
 * an action fails, opens its view, and goes once nothing is left failed */
static void
test_sidebar_views (Fixture       *fixture,
                    gconstpointer  data)
{
  VigieSidebar *sidebar;
  VigieOutbox *outbox;
  VigieConnector *connector;
  GtkListBoxRow *row;
  g_autoptr(GPtrArray) actions = NULL;
  gint64 id;

  if (!require_display ())
    return;

  sidebar = VIGIE_SIDEBAR (window_child (fixture->window, "sidebar"));
  WAIT_FOR (vigie_sidebar_get_store (sidebar) != NULL && !vigie_sidebar_get_loading (sidebar));
  outbox = vigie_window_get_outbox (fixture->window);
  connector = vigie_outbox_get_connector (outbox);
  g_assert_true (VIGIE_IS_SANDBOX_CONNECTOR (connector));

  /* Activity: always there, opens the view without changing the queue */
  row = sidebar_row (fixture, "Activity");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_false (gtk_list_box_row_get_selectable (row));
  g_assert_null (find_toplevel (VIGIE_TYPE_ACTIVITY_WINDOW));
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_nonnull (find_toplevel (VIGIE_TYPE_ACTIVITY_WINDOW));
  gtk_window_destroy (GTK_WINDOW (find_toplevel (VIGIE_TYPE_ACTIVITY_WINDOW)));
  g_assert_cmpstr (vigie_sidebar_get_title (sidebar), ==, "All Comments");

  /* Failed Actions: hidden while nothing failed */
  row = sidebar_row (fixture, "Failed Actions");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));

  /* A hide the platform refuses */
  vigie_sandbox_connector_inject_failure (VIGIE_SANDBOX_CONNECTOR (connector), FALSE,
                                          VIGIE_ACTION_HIDE, 1, VIGIE_CONNECTOR_ERROR_PERMISSION,
                                          "(#200) Permissions error");
  vigie_outbox_set_grace_period (outbox, 0);
  vigie_window_select (fixture->window, 0);
  id = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_h));
  WAIT_FOR (vigie_sidebar_get_failed_count (sidebar) == 1);
  row = sidebar_row (fixture, "Failed Actions");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (sidebar_row_count (row), ==, "1");

  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_nonnull (find_toplevel (VIGIE_TYPE_FAILED_WINDOW));
  g_assert_cmpuint (vigie_failed_window_get_n_failed (
                      VIGIE_FAILED_WINDOW (find_toplevel (VIGIE_TYPE_FAILED_WINDOW))), ==, 1);
  gtk_window_destroy (GTK_WINDOW (find_toplevel (VIGIE_TYPE_FAILED_WINDOW)));

  /* Given up on: the row goes */
  actions = vigie_outbox_list_for_comment (outbox, id, NULL);
  g_assert_cmpuint (actions->len, ==, 1);
  g_assert_true (vigie_outbox_abandon (outbox, ((VigieAction *) actions->pdata[0])->id,
                                       "Test", "delegate", NULL));
  WAIT_FOR (vigie_sidebar_get_failed_count (sidebar) == 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sidebar_row (fixture, "Failed Actions"))));
}

/* Shift+click or Shift+arrows, then Ctrl+click pick several comments; h
 * hides each of them (one action, one audit trail each) and the one toast's
 * Undo takes them all back */
static void
test_bulk (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *queue_view;
  GtkSelectionModel *selection;
  VigieQueueModel *queue;
  VigieOutbox *outbox;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) hideable = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) proposed = NULL;
  g_autoptr(GArray) action_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GVariant *target;

  if (!require_display ())
    return;

  queue_view = window_child (fixture->window, "queue_view");
  selection = vigie_window_get_selection (fixture->window);
  queue = vigie_window_get_queue_model (fixture->window);
  outbox = vigie_window_get_outbox (fixture->window);
  g_assert_true (GTK_IS_MULTI_SELECTION (selection));

  /* A click on 0, Shift+click on 11: a range; Ctrl+click on 13 adds it */
  vigie_window_select (fixture->window, 0);
  g_assert_true (gtk_widget_activate_action (queue_view, "list.select-item", "(ubb)",
                                             11, FALSE, TRUE));
  g_assert_true (gtk_widget_activate_action (queue_view, "list.select-item", "(ubb)",
                                             13, TRUE, FALSE));
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 13);
  g_assert_false (gtk_bitset_contains (selected, 12));
  /* The detail shows the last one picked */
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, 13);
  g_assert_cmpint (vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id,
                   ==, vigie_queue_model_get_id (queue, 13));

  /* The queue's title says how many */
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (
                              ADW_WINDOW_TITLE (window_child (fixture->window, "window_title"))),
                            "13 selected"));

  /* The page's own replies cannot be hidden: left out */
  for (guint i = 0; i <= 13; i++)
    {
      g_autoptr(GArray) kinds = NULL;
      gint64 id = vigie_queue_model_get_id (queue, i);

      if (i == 12)
        continue;
      kinds = vigie_outbox_list_available_kinds (outbox, id, NULL);
      for (guint k = 0; k < kinds->len; k++)
        if (g_array_index (kinds, VigieActionKind, k) == VIGIE_ACTION_HIDE)
          g_array_append_val (hideable, id);
    }
  g_assert_cmpuint (hideable->len, >=, 5);

  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_h));
  pending = vigie_outbox_list (outbox, VIGIE_ACTION_STATUS_PENDING, NULL);
  /* Hiding what the policy reserves to the director is only proposed */
  proposed = vigie_outbox_list (outbox, VIGIE_ACTION_STATUS_PROPOSED, NULL);
  g_assert_cmpuint (pending->len + proposed->len, ==, hideable->len);
  for (guint i = 0; i < hideable->len; i++)
    {
      gint64 id = g_array_index (hideable, gint64, i);
      g_autoptr(GPtrArray) actions = vigie_outbox_list_for_comment (outbox, id, NULL);
      g_autoptr(GPtrArray) entries = NULL;
      VigieAuditQuery query = { .comment_id = id };
      VigieAction *action;

      g_assert_cmpuint (actions->len, ==, 1);
      action = g_ptr_array_index (actions, 0);
      g_assert_cmpint (action->kind, ==, VIGIE_ACTION_HIDE);
      g_array_append_val (action_ids, action->id);
      entries = vigie_audit_query (fixture->store, &query, NULL);
      g_assert_cmpuint (entries->len, ==, 1);
    }

  /* The toast's Undo: every one of them */
  target = g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, action_ids->data, action_ids->len,
                                      sizeof (gint64));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), "win.undo-all",
                                                     target));
  for (guint i = 0; i < action_ids->len; i++)
    {
      g_autoptr(VigieAction) action = vigie_outbox_get_action (
        outbox, g_array_index (action_ids, gint64, i), NULL);

      g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_CANCELLED);
    }
  g_assert_cmpint (vigie_outbox_count (outbox, VIGIE_ACTION_STATUS_PENDING, NULL), ==, 0);

  /* Keep: one reason, for each of them */
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_d));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_autoptr(GPtrArray) kept = NULL;

    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                           "Legitimate criticism");
    adw_message_dialog_response (dialog, "keep");
    gtk_window_destroy (GTK_WINDOW (dialog));
    kept = vigie_outbox_list (outbox, VIGIE_ACTION_STATUS_PENDING, NULL);
    g_assert_cmpuint (kept->len, >=, 2);
    for (guint i = 0; i < kept->len; i++)
      {
        g_assert_cmpint (((VigieAction *) kept->pdata[i])->kind, ==, VIGIE_ACTION_KEEP);
        g_assert_cmpstr (((VigieAction *) kept->pdata[i])->note, ==, "Legitimate criticism");
      }
    for (guint i = 0; i < kept->len; i++)
      g_assert_true (vigie_outbox_undo (outbox, ((VigieAction *) kept->pdata[i])->id, "Test",
                                        "delegate", NULL, NULL));
  }

  /* A reply speaks to one person: not in bulk */
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_p));
  g_assert_cmpint (vigie_outbox_count (outbox, VIGIE_ACTION_STATUS_PENDING, NULL), ==, 0);
  g_assert_null (find_toplevel (VIGIE_TYPE_REPLY_DIALOG));
}

static guint
find_string (GListModel *model,
             const char *string)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), string) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
has_flag (VigieStore *store,
          gint64      comment_id,
          const char *category)
{
  g_autoptr(VigieClassification) classification = vigie_store_get_classification (store,
                                                                                  comment_id,
                                                                                  NULL);

  return classification != NULL && vigie_classification_get_flag (classification, category);
}

/* The correction dialog: a wrong flag goes, a missed category comes, each
 * through the outbox */
static void
test_correction (Fixture       *fixture,
                 gconstpointer  data)
{
  VigieOutbox *outbox;
  VigiePolicy *policy;
  AdwMessageDialog *dialog;
  GtkWidget *wrong, *missed, *dropdown, *entry;
  GListModel *categories;
  g_autoptr(GPtrArray) actions = NULL;
  VigieAction *action;
  guint position;
  gint64 id;

  if (!require_display ())
    return;

  outbox = vigie_window_get_outbox (fixture->window);
  vigie_outbox_set_grace_period (outbox, 0);
  policy = vigie_classifier_get_policy (vigie_window_get_classifier (fixture->window));
  position = find_flagged (fixture, "insult");
  vigie_window_select (fixture->window, position);
  id = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;
  g_assert_true (has_flag (fixture->store, id, "insult"));
  g_assert_false (has_flag (fixture->store, id, "spam"));

  /* Wrong: among the comment's own categories */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.moderate", "s",
                                             "correct_classification"));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  wrong = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  missed = gtk_widget_get_next_sibling (wrong);
  dropdown = gtk_widget_get_next_sibling (missed);
  entry = gtk_widget_get_next_sibling (dropdown);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (wrong)));
  categories = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  g_assert_cmpuint (find_string (categories, vigie_category_chip_label (policy, "insult")), !=,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (find_string (categories, vigie_category_chip_label (policy, "spam")), ==,
                    GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              find_string (categories, vigie_category_chip_label (policy,
                                                                                  "insult")));
  gtk_editable_set_text (GTK_EDITABLE (entry), "A quotation, not an insult");
  adw_message_dialog_response (dialog, "correct");
  gtk_window_destroy (GTK_WINDOW (dialog));

  actions = vigie_outbox_list_for_comment (outbox, id, NULL);
  g_assert_cmpuint (actions->len, ==, 1);
  action = g_ptr_array_index (actions, 0);
  g_assert_cmpint (action->kind, ==, VIGIE_ACTION_CORRECT_CLASSIFICATION);
  g_assert_cmpint (action->correction, ==, VIGIE_CORRECTION_WRONG);
  g_assert_cmpstr (action->categories[0], ==, "insult");
  g_assert_cmpstr (action->note, ==, "A quotation, not an insult");
  WAIT_FOR (!has_flag (fixture->store, id, "insult"));

  /* Missed: among the others */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.moderate", "s",
                                             "correct_classification"));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wrong = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  missed = gtk_widget_get_next_sibling (wrong);
  dropdown = gtk_widget_get_next_sibling (missed);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (missed), TRUE);
  categories = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  g_assert_cmpuint (find_string (categories, vigie_category_chip_label (policy, "insult")), !=,
                    GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              find_string (categories, vigie_category_chip_label (policy,
                                                                                  "spam")));
  adw_message_dialog_response (dialog, "correct");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (has_flag (fixture->store, id, "spam"));
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A word of @text of at least 7 ASCII letters, or NULL */
static char *
long_word (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("[^A-Za-z]+", text, 0, 0);

  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) >= 7)
      return g_strdup (words[i]);
  return NULL;
}

/* Preferences, Policy page: an extra term for a category flags the
 * comments that contain it, at once */
static void
test_classifier_settings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *word = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  VigieQueueModel *queue;
  GtkWindow *preferences;
  GtkWidget *row;
  gint64 id = 0;

  if (!require_display ())
    return;

  /* Preferences need the settings */
  settings = g_settings_new ("io.github.vigie.Vigie");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = vigie_window_new (NULL, fixture->store, settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_FOR (!vigie_window_get_classifying (fixture->window) && queue_ready (fixture));
  queue = vigie_window_get_queue_model (fixture->window);

  /* A comment nothing flags, by someone other than the page (whose
   * replies are never flagged) */
  posts = vigie_store_list_posts (fixture->store, 0, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)) && id == 0; i++)
    {
      g_autoptr(VigieCommentItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      VigieComment *comment = vigie_comment_item_get_comment (item);
      VigieClassification *c = vigie_comment_item_get_classification (item);
      const char *page = NULL;

      if (c != NULL && c->flags->len > 0)
        continue;
      for (guint p = 0; p < posts->len; p++)
        if (((VigiePost *) posts->pdata[p])->id == comment->post_id)
          page = ((VigiePost *) posts->pdata[p])->page_external_id;
      if (comment->author_external_id == NULL ||
          g_strcmp0 (comment->author_external_id, page) == 0)
        continue;
      word = long_word (comment->text);
      if (word != NULL)
        id = comment->id;
    }
  g_assert_cmpint (id, >, 0);
  g_assert_false (has_flag (fixture->store, id, "insult"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  preferences = GTK_WINDOW (find_toplevel (VIGIE_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  row = find_named (GTK_WIDGET (preferences), "terms-insult");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), word);
  g_signal_emit_by_name (row, "apply");

  json = vigie_store_get_setting (fixture->store, "classifier.settings");
  g_assert_nonnull (json);
  g_assert_nonnull (strstr (json, word));
  WAIT_FOR (has_flag (fixture->store, id, "insult"));
  gtk_window_destroy (preferences);

  /* Kept for the next time Preferences open */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  preferences = GTK_WINDOW (find_toplevel (VIGIE_TYPE_PREFERENCES_WINDOW));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (GTK_WIDGET (preferences),
                                                                    "terms-insult"))),
                   ==, word);
  gtk_window_destroy (preferences);
}

/* Preferences write the settings the outbox and the audit read */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = NULL;
  GtkWidget *window;
  GtkSpinButton *spin;
  g_autofree char *name = NULL;

  if (!require_display ())
    return;

  settings = g_settings_new ("io.github.vigie.Vigie");
  window = vigie_preferences_window_new (settings);
  spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (window, VIGIE_TYPE_PREFERENCES_WINDOW,
                                                         "grace_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);
  gtk_spin_button_set_value (spin, 4);
  g_assert_cmpuint (g_settings_get_uint (settings, "undo-grace-seconds"), ==, 4);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (
    window, VIGIE_TYPE_PREFERENCES_WINDOW, "name_row")), "Marie Gagnon");
  name = g_settings_get_string (settings, "actor-name");
  g_assert_cmpstr (name, ==, "Marie Gagnon");

  /* The response time target and business hours, for the dashboard: the
   * hours are only editable with business hours on */
  spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (window, VIGIE_TYPE_PREFERENCES_WINDOW,
                                                         "target_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 240);
  gtk_spin_button_set_value (spin, 90);
  g_assert_cmpuint (g_settings_get_uint (settings, "response-target-minutes"), ==, 90);
  {
    GtkSwitch *business = GTK_SWITCH (gtk_widget_get_template_child (
      window, VIGIE_TYPE_PREFERENCES_WINDOW, "business_switch"));
    GtkWidget *start_row = GTK_WIDGET (gtk_widget_get_template_child (
      window, VIGIE_TYPE_PREFERENCES_WINDOW, "day_start_row"));

    g_assert_false (gtk_widget_get_sensitive (start_row));
    gtk_switch_set_active (business, TRUE);
    g_assert_true (g_settings_get_boolean (settings, "business-hours"));
    g_assert_true (gtk_widget_get_sensitive (start_row));
    spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (window, VIGIE_TYPE_PREFERENCES_WINDOW,
                                                           "day_end_spin"));
    gtk_spin_button_set_value (spin, 16);
    g_assert_cmpuint (g_settings_get_uint (settings, "business-hours-end"), ==, 16);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "undo-grace-seconds");
  g_settings_reset (settings, "actor-name");
  g_settings_reset (settings, "response-target-minutes");
  g_settings_reset (settings, "business-hours");
  g_settings_reset (settings, "business-hours-end");
}

static void
reply_sent_cb (VigieReplyDialog *dialog,
               gboolean         *sent)
{
  *sent = TRUE;
}

/* p opens the reply dialog on the suggested template; another template in
 * English fills the organisation's values; an unknown placeholder is an
 * error; Send queues the reply with its template */
static void
test_reply (Fixture       *fixture,
            gconstpointer  data)
{
  VigieOutbox *outbox;
  GtkWidget *dialog = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GList) toplevels = NULL;
  GtkTextBuffer *buffer;
  VigieAction *action;
  gboolean sent = FALSE;
  gint64 id;

  if (!require_display ())
    return;

  outbox = vigie_window_get_outbox (fixture->window);
  vigie_window_select (fixture->window,
                                     find_flagged (fixture, "complaint"));
  id = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;

  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_p));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (VIGIE_IS_REPLY_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "send", G_CALLBACK (reply_sent_cb), &sent);

  /* The suggested template, filled */
  g_assert_nonnull (vigie_reply_dialog_get_template_id (VIGIE_REPLY_DIALOG (dialog)));
  g_assert_null (vigie_reply_dialog_get_error (VIGIE_REPLY_DIALOG (dialog)));

  g_assert_true (vigie_reply_dialog_select (VIGIE_REPLY_DIALOG (dialog), "complaint", "en"));
  g_assert_null (vigie_reply_dialog_get_error (VIGIE_REPLY_DIALOG (dialog)));
  text = vigie_reply_dialog_dup_text (VIGIE_REPLY_DIALOG (dialog));
  g_assert_nonnull (strstr (text, "418 555-0100"));
  g_assert_null (strchr (text, '{'));

  /* An unknown placeholder typed in: an error, and no sending */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_widget_get_template_child (
    dialog, VIGIE_TYPE_REPLY_DIALOG, "text_view")));
  gtk_text_buffer_set_text (buffer, "Bonjour {sender}", -1);
  g_assert_nonnull (vigie_reply_dialog_get_error (VIGIE_REPLY_DIALOG (dialog)));
  g_assert_false (vigie_reply_dialog_send (VIGIE_REPLY_DIALOG (dialog)));
  gtk_text_buffer_set_text (buffer, "", -1);
  g_assert_nonnull (vigie_reply_dialog_get_error (VIGIE_REPLY_DIALOG (dialog)));
  g_assert_false (vigie_reply_dialog_send (VIGIE_REPLY_DIALOG (dialog)));
  g_assert_false (sent);

  g_assert_true (vigie_reply_dialog_select (VIGIE_REPLY_DIALOG (dialog), "complaint", "en"));
  g_assert_true (vigie_reply_dialog_send (VIGIE_REPLY_DIALOG (dialog)));
  g_assert_true (sent);

  actions = vigie_outbox_list_for_comment (outbox, id, NULL);
  g_assert_cmpuint (actions->len, ==, 1);
  action = g_ptr_array_index (actions, 0);
  g_assert_cmpint (action->kind, ==, VIGIE_ACTION_REPLY);
  g_assert_cmpstr (action->template_id, ==, "complaint");
  g_assert_cmpstr (action->lang, ==, "en");
  g_assert_cmpstr (action->text, ==, text);
}

static void
set_view_text (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static char *
dup_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Preferences, Replies page: the workspace's copy of a template is what
 * the reply dialog fills; an unknown placeholder is shown and not saved;
 * Reset to Default brings the shipped text back */
static void
test_reply_templates (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *edited = "Bonjour {author}, écrivez au {complaints_office}, {phone}.";
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(VigieTemplates) shipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  GtkWindow *preferences;
  GtkWidget *dialog;
  GtkWidget *fr, *en, *save, *reset, *error_label;
  const char *default_fr;

  if (!require_display ())
    return;

  shipped = vigie_templates_new_default (&error);
  g_assert_no_error (error);
  default_fr = vigie_template_get_default_text (vigie_templates_lookup (shipped, "complaint"),
                                                "fr");

  settings = g_settings_new ("io.github.vigie.Vigie");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = vigie_window_new (NULL, fixture->store, settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_FOR (!vigie_window_get_classifying (fixture->window) && queue_ready (fixture));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  preferences = GTK_WINDOW (find_toplevel (VIGIE_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (preferences), VIGIE_TYPE_PREFERENCES_WINDOW, "replies_page"))));
  fr = find_named (GTK_WIDGET (preferences), "template-complaint-fr");
  en = find_named (GTK_WIDGET (preferences), "template-complaint-en");
  save = find_named (GTK_WIDGET (preferences), "template-complaint-save");
  reset = find_named (GTK_WIDGET (preferences), "template-complaint-reset");
  error_label = find_named (GTK_WIDGET (preferences), "template-complaint-error");
  g_assert_nonnull (fr);
  g_assert_nonnull (en);
  g_assert_nonnull (save);
  g_assert_nonnull (reset);
  g_assert_nonnull (error_label);

  /* The shipped text, nothing to reset */
  text = dup_view_text (fr);
  g_assert_cmpstr (text, ==, default_fr);
  g_assert_false (gtk_widget_get_sensitive (reset));

  /* A valid edit: kept in the workspace, and used by the next reply */
  set_view_text (fr, edited);
  g_signal_emit_by_name (save, "clicked");
  g_assert_false (gtk_widget_get_visible (error_label));
  stored = vigie_store_get_setting (fixture->store, "template.complaint.fr");
  g_assert_cmpstr (stored, ==, edited);
  g_clear_pointer (&stored, g_free);
  g_assert_null (vigie_store_get_setting (fixture->store, "template.complaint.en"));
  g_assert_true (gtk_widget_get_sensitive (reset));

  vigie_window_select (fixture->window, find_flagged (fixture, "complaint"));
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_p));
  dialog = GTK_WIDGET (find_toplevel (VIGIE_TYPE_REPLY_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (vigie_reply_dialog_select (VIGIE_REPLY_DIALOG (dialog), "complaint", "fr"));
  g_assert_null (vigie_reply_dialog_get_error (VIGIE_REPLY_DIALOG (dialog)));
  g_clear_pointer (&text, g_free);
  text = vigie_reply_dialog_dup_text (VIGIE_REPLY_DIALOG (dialog));
  g_assert_true (g_str_has_prefix (text, "Bonjour "));
  g_assert_nonnull (strstr (text, ", écrivez au "));
  g_assert_true (g_str_has_suffix (text, ", 418 555-0100."));
  g_assert_null (strchr (text, '{'));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* An unknown placeholder: shown, and the saved copy stays */
  set_view_text (fr, "Bonjour {sender}");
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "{sender}"));
  stored = vigie_store_get_setting (fixture->store, "template.complaint.fr");
  g_assert_cmpstr (stored, ==, edited);
  g_clear_pointer (&stored, g_free);

  /* Reset to Default: the shipped text, in the store and on screen */
  g_signal_emit_by_name (reset, "clicked");
  g_assert_null (vigie_store_get_setting (fixture->store, "template.complaint.fr"));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_get_sensitive (reset));
  shown = dup_view_text (fr);
  g_assert_cmpstr (shown, ==, default_fr);
  gtk_window_destroy (preferences);

  /* The next reply has the shipped text again */
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_p));
  dialog = GTK_WIDGET (find_toplevel (VIGIE_TYPE_REPLY_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (vigie_reply_dialog_select (VIGIE_REPLY_DIALOG (dialog), "complaint", "fr"));
  g_clear_pointer (&text, g_free);
  text = vigie_reply_dialog_dup_text (VIGIE_REPLY_DIALOG (dialog));
  g_assert_null (strstr (text, ", écrivez au "));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The window's j/k shortcut, found among its controllers as a person's
 * key press would find it */
static GtkShortcut *
find_key_shortcut (GtkWidget *widget,
                   guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

static gboolean
press (GtkWidget *widget,
       guint      keyval)
{
  g_autoptr(GtkShortcut) shortcut = find_key_shortcut (widget, keyval);

  g_assert_nonnull (shortcut);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                       GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                       gtk_shortcut_get_arguments (shortcut));
}

static void
test_keynav (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window;
  VigieCommentDetail *detail;
  guint n;

  if (!require_display ())
    return;

  window = GTK_WIDGET (fixture->window);
  detail = vigie_window_get_detail (fixture->window);
  n = g_list_model_get_n_items (G_LIST_MODEL (vigie_window_get_queue_model (fixture->window)));
  g_assert_cmpuint (n, >, 3);

  gtk_widget_grab_focus (window_child (fixture->window, "queue_view"));

  /* j from nothing selected: the first comment */
  g_assert_true (press (window, GDK_KEY_j));
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, 0);
  g_assert_true (press (window, GDK_KEY_j));
  g_assert_true (press (window, GDK_KEY_j));
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, 2);
  g_assert_cmpint (vigie_comment_detail_get_comment (detail)->id, ==,
                   vigie_queue_model_get_id (vigie_window_get_queue_model (fixture->window), 2));
  g_assert_true (press (window, GDK_KEY_k));
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, 1);
  g_assert_true (press (window, GDK_KEY_k));
  g_assert_true (press (window, GDK_KEY_k));
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, 0);

  /* The same moves as actions (menus, the shortcuts window) */
  gtk_widget_activate_action (window, "win.next-comment", NULL);
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, 1);
  gtk_widget_activate_action (window, "win.previous-comment", NULL);
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, 0);

  /* The last comment stays the last one */
  vigie_window_select (fixture->window, n - 1);
  g_assert_true (press (window, GDK_KEY_j));
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, n - 1);

  /* Typing in the search entry: j and k are letters, not moves */
  gtk_widget_activate_action (window, "win.search", NULL);
  WAIT_FOR (gtk_root_get_focus (GTK_ROOT (window)) != NULL &&
            gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                    window_child (fixture->window, "search_entry")));
  g_assert_false (press (window, GDK_KEY_k));
  g_assert_cmpuint (vigie_window_get_selected (fixture->window), ==, n - 1);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *button;

  if (!require_display ())
    return;

  g_assert_cmpuint (n_queued (fixture->window), ==, 0);
  g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "empty");
  page = window_child (fixture->window, "empty_page");
  WAIT_FOR (gtk_widget_get_mapped (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), !=, "");
  /* It says what to do: a button that imports */
  g_assert_true (gtk_widget_get_mapped (window_child (fixture->window, "empty_import_button")));
  button = window_child (fixture->window, "empty_import_button");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.import");

  /* A search in an empty workspace is still an empty workspace problem */
  gtk_editable_set_text (GTK_EDITABLE (window_child (fixture->window, "search_entry")), "merci");
  WAIT_FOR (!vigie_queue_model_get_loading (vigie_window_get_queue_model (fixture->window)) &&
            g_strcmp0 (queue_search (fixture->window), "merci") == 0);
  g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "no-results");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_workspace = NULL;
  g_autofree char *demo_dir = NULL;
  g_auto(GStrv) files = NULL;
  VigieQueueModel *queue;

  if (!require_display ())
    return;

  queue = vigie_window_get_queue_model (fixture->window);
  g_assert_true (vigie_demo_prepare (&demo_dir, &demo_workspace, &files, &error));
  g_assert_no_error (error);

  /* The window's own import: the bar shows, then the queue fills */
  vigie_window_import (fixture->window, (const char * const *) files);
  g_assert_true (vigie_window_get_importing (fixture->window));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (window_child (fixture->window,
                                                                            "import_revealer"))));
  g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "importing");
  WAIT_FOR (!vigie_window_get_importing (fixture->window));
  WAIT_FOR (!vigie_queue_model_get_loading (queue) &&
            g_list_model_get_n_items (G_LIST_MODEL (queue)) == 457);
  g_assert_cmpstr (vigie_window_get_queue_state (fixture->window), ==, "list");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (window_child (fixture->window,
                                                                             "import_revealer"))));

  /* A file that is not comments: the import fails, nothing changes, and a
   * dialog gives the core's message, which names the file */
  {
    g_autofree char *bad = g_build_filename (fixture->demo_dir, "notes.json", NULL);
    const char *paths[] = { bad, NULL };
    AdwMessageDialog *dialog;

    g_assert_true (g_file_set_contents (bad, "{\"hello\": \"world\"}", -1, &error));
    vigie_window_import (fixture->window, paths);
    WAIT_FOR (!vigie_window_get_importing (fixture->window));
    g_assert_cmpint (count (fixture->store, NULL), ==, 457);

    WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                   GTK_WINDOW (fixture->window));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes.json"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  vigie_demo_remove (demo_dir);
}

/* The queue model on its own (no display needed): more comments than its
 * cache holds, read from first to last */
static void
test_model_bounded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(VigieQueueModel) queue = NULL;
  g_autoptr(GArray) ids = NULL;
  VigieQuery query = { .view = VIGIE_VIEW_ALL, .sort = VIGIE_SORT_NEWEST };
  const guint n = 3 * VIGIE_QUEUE_MODEL_CACHE_SIZE;

  dir = g_dir_make_tmp ("vigie-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.vigie", NULL);
  store = vigie_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (vigie_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_auto(VigieCommentRecord) record = { 0 };

      vigie_comment_record_init (&record);
      record.platform = VIGIE_PLATFORM_FACEBOOK;
      record.external_id = g_strdup_printf ("c%u", i);
      record.post_external_id = g_strdup ("p1");
      record.author_name = g_strdup_printf ("Personne %u", i % 97);
      record.text = g_strdup_printf ("Commentaire numéro %u", i);
      record.created = 1790000000 + (gint64) (i * 37 % n) * 60;
      g_assert_true (vigie_store_upsert_comment (store, &record, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (vigie_store_commit (store, &error));

  queue = vigie_queue_model_new (store);
  vigie_queue_model_set_query (queue, &query);
  g_assert_true (vigie_queue_model_get_loading (queue));
  WAIT_FOR (!vigie_queue_model_get_loading (queue));
  g_assert_null (vigie_queue_model_get_error (queue));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, n);

  /* Item by item, in the store's order, with a bounded number alive */
  ids = vigie_store_query_ids (store, &query, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieCommentItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);

      g_assert_nonnull (item);
      g_assert_cmpint (vigie_comment_item_get_id (item), ==, g_array_index (ids, gint64, i));
      g_assert_cmpint (vigie_queue_model_get_id (queue, i), ==, g_array_index (ids, gint64, i));
      g_assert_cmpuint (_vigie_queue_model_get_n_cached (queue), <=, VIGIE_QUEUE_MODEL_CACHE_SIZE);
    }
  g_assert_cmpuint (_vigie_comment_item_get_n_live (), <=, VIGIE_QUEUE_MODEL_CACHE_SIZE);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (queue), n));
  g_assert_cmpuint (vigie_queue_model_find (queue, g_array_index (ids, gint64, n - 1)), ==, n - 1);
  g_assert_cmpuint (vigie_queue_model_find (queue, -1), ==, GTK_INVALID_LIST_POSITION);

  /* A search replaces the ids */
  query.search = "numéro 1234";
  vigie_queue_model_set_query (queue, &query);
  WAIT_FOR (!vigie_queue_model_get_loading (queue));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==,
                    vigie_store_count (store, &query, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), <, n);

  g_clear_object (&queue);
  g_clear_object (&store);
  vigie_demo_remove (dir);
}

/* A comment of @category in the queue that has no action yet, or
 * G_MAXUINT */
static guint
find_untouched (Fixture    *fixture,
                const char *category)
{
  VigieQueueModel *queue = vigie_window_get_queue_model (fixture->window);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr(VigieCommentItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      VigieClassification *c = vigie_comment_item_get_classification (item);
      VigieComment *comment = vigie_comment_item_get_comment (item);

      g_autoptr(GPtrArray) actions = NULL;

      if (c == NULL || vigie_classification_get_flag (c, category) == NULL ||
          comment->platform != VIGIE_PLATFORM_FACEBOOK ||
          comment->status != VIGIE_COMMENT_STATUS_NEW || comment->author_id == 0)
        continue;
      /* The queue may not have reloaded yet */
      actions = vigie_outbox_list_for_comment (vigie_window_get_outbox (fixture->window),
                                               comment->id, NULL);
      if (actions->len == 0)
        return i;
    }
  return G_MAXUINT;
}

static const char *
first_decision (Fixture *fixture)
{
  GtkWidget *box = (GtkWidget *) gtk_widget_get_template_child (
    GTK_WIDGET (vigie_window_get_detail (fixture->window)), VIGIE_TYPE_COMMENT_DETAIL,
    "decisions_box");
  GtkWidget *label = gtk_widget_get_first_child (box);

  return gtk_widget_get_visible (box) && GTK_IS_LABEL (label)
         ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
show_comment (Fixture *fixture,
              gint64   id)
{
  guint position = vigie_queue_model_find (vigie_window_get_queue_model (fixture->window), id);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  vigie_window_select (fixture->window, position);
  g_assert_cmpint (vigie_comment_detail_get_comment (
                     vigie_window_get_detail (fixture->window))->id, ==, id);
}

/* The row of To Approve showing @action_id */
static GtkWidget *
desk_row (VigieApprovalsWindow *desk,
          gint64                action_id)
{
  GtkListBox *list = GTK_LIST_BOX (find_named (GTK_WIDGET (desk), "approvals-list"));
  GPtrArray *actions = vigie_approvals_window_get_actions (desk);

  for (guint i = 0; i < actions->len; i++)
    if (((VigieAction *) actions->pdata[i])->id == action_id)
      return GTK_WIDGET (gtk_list_box_get_row_at_index (list, (int) i));
  return NULL;
}

/* A delegate's b is only a proposal; To Approve lists it for every role
 * but only the director's profile can decide; approve, edit the reply then
 * approve, reject with a note; the delegate sees the decision and the
 * activity has it all */
static void
test_approvals (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  VigieSidebar *sidebar;
  VigieOutbox *outbox;
  GtkListBoxRow *row;
  VigieApprovalsWindow *desk;
  GtkWidget *button;
  g_autoptr(GError) error = NULL;
  gint64 banned, rejected, replied, escalated, ban_id, reject_id, reply_id, escalate_id;
  guint position;

  if (!require_display ())
    return;

  settings = g_settings_new ("io.github.vigie.Vigie");
  g_settings_set_string (settings, "actor-name", "Marie Côté");
  g_settings_set_string (settings, "actor-role", "delegate");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = vigie_window_new (NULL, fixture->store, settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_FOR (!vigie_window_get_classifying (fixture->window) && queue_ready (fixture));
  sidebar = VIGIE_SIDEBAR (window_child (fixture->window, "sidebar"));
  WAIT_FOR (vigie_sidebar_get_store (sidebar) != NULL && !vigie_sidebar_get_loading (sidebar));
  outbox = vigie_window_get_outbox (fixture->window);
  g_assert_nonnull (vigie_outbox_get_policy (outbox));

  /* There for everyone, with nothing in it yet */
  row = sidebar_row (fixture, "To Approve");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (sidebar_row_count (row), ==, "0");

  /* The delegate bans two authors: proposals, nothing executed */
  position = find_untouched (fixture, "insult");
  g_assert_cmpuint (position, !=, G_MAXUINT);
  vigie_window_select (fixture->window, position);
  banned = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_b));
  position = find_untouched (fixture, "insult");
  g_assert_cmpuint (position, !=, G_MAXUINT);
  vigie_window_select (fixture->window, position);
  rejected = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;
  g_assert_cmpint (rejected, !=, banned);
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_b));
  {
    g_autoptr(GPtrArray) a = vigie_outbox_list_for_comment (outbox, banned, NULL);
    g_autoptr(GPtrArray) b = vigie_outbox_list_for_comment (outbox, rejected, NULL);

    g_assert_cmpuint (a->len, ==, 1);
    g_assert_cmpuint (b->len, ==, 1);
    ban_id = ((VigieAction *) a->pdata[0])->id;
    reject_id = ((VigieAction *) b->pdata[0])->id;
    g_assert_cmpint (((VigieAction *) a->pdata[0])->kind, ==, VIGIE_ACTION_BAN);
    g_assert_cmpint (((VigieAction *) a->pdata[0])->status, ==, VIGIE_ACTION_STATUS_PROPOSED);
  }
  /* an escalation (e) */
  position = find_untouched (fixture, "insult");
  g_assert_cmpuint (position, !=, G_MAXUINT);
  vigie_window_select (fixture->window, position);
  escalated = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_e));
  {
    g_autoptr(GPtrArray) a = vigie_outbox_list_for_comment (outbox, escalated, NULL);

    g_assert_cmpuint (a->len, ==, 1);
    escalate_id = ((VigieAction *) a->pdata[0])->id;
    g_assert_cmpint (((VigieAction *) a->pdata[0])->kind, ==, VIGIE_ACTION_ESCALATE);
    g_assert_cmpint (((VigieAction *) a->pdata[0])->approval, ==, VIGIE_APPROVAL_AWAITING);
  }
  /* and a reply to a comment the policy reserves to the director */
  {
    VigieActionRequest request = { 0 };
    g_autoptr(VigieAction) action = NULL;

    position = find_untouched (fixture, "reputation");
    if (position == G_MAXUINT)
      position = find_untouched (fixture, "harassment");
    if (position == G_MAXUINT)
      position = find_untouched (fixture, "threat");
    g_assert_cmpuint (position, !=, G_MAXUINT);
    replied = vigie_queue_model_get_id (vigie_window_get_queue_model (fixture->window), position);
    request.kind = VIGIE_ACTION_REPLY;
    request.comment_id = replied;
    request.actor_name = "Marie Côté";
    request.actor_role = "delegate";
    request.lang = "fr";
    request.text = "Merci, nous regardons.";
    reply_id = vigie_outbox_enqueue (outbox, &request, &error);
    g_assert_no_error (error);
    action = vigie_outbox_get_action (outbox, reply_id, NULL);
    g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_PROPOSED);
  }
  WAIT_FOR (vigie_sidebar_get_awaiting_count (sidebar) == 4);
  g_assert_cmpstr (sidebar_row_count (sidebar_row (fixture, "To Approve")), ==, "4");
  show_comment (fixture, banned);
  g_assert_nonnull (first_decision (fixture));
  g_assert_nonnull (strstr (first_decision (fixture), "awaiting the director’s approval"));

  /* The delegate sees the list, cannot decide, and the core refuses anyway */
  gtk_widget_activate (GTK_WIDGET (sidebar_row (fixture, "To Approve")));
  desk = VIGIE_APPROVALS_WINDOW (find_toplevel (VIGIE_TYPE_APPROVALS_WINDOW));
  g_assert_nonnull (desk);
  g_assert_cmpuint (vigie_approvals_window_get_actions (desk)->len, ==, 4);
  button = find_named (desk_row (desk, ban_id), "approve-button");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_false (vigie_approvals_window_approve (desk, ban_id, NULL, NULL, &error));
  g_assert_error (error, VIGIE_ACTION_ERROR, VIGIE_ACTION_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The director's profile: Approve */
  g_settings_set_string (settings, "actor-name", "Hélène Bouchard");
  g_settings_set_string (settings, "actor-role", "director");
  button = find_named (desk_row (desk, ban_id), "approve-button");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  {
    g_autoptr(VigieAction) action = vigie_outbox_get_action (outbox, ban_id, NULL);

    g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_PENDING);
    g_assert_cmpint (action->approval, ==, VIGIE_APPROVAL_APPROVED);
    g_assert_cmpstr (action->decided_by, ==, "Hélène Bouchard");
  }
  WAIT_FOR (vigie_sidebar_get_awaiting_count (sidebar) == 3);
  g_assert_cmpuint (vigie_approvals_window_get_actions (desk)->len, ==, 3);

  /* Edit the reply, then approve */
  {
    AdwMessageDialog *dialog;
    GtkTextBuffer *buffer;

    g_assert_nonnull (desk_row (desk, reply_id));
    g_signal_emit_by_name (find_named (desk_row (desk, reply_id), "edit-button"), "clicked");
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_named (
      adw_message_dialog_get_extra_child (dialog), "reply-text")));
    gtk_text_buffer_set_text (buffer, "Merci de votre message. Écrivez-nous en privé.", -1);
    adw_message_dialog_response (dialog, "approve");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  {
    g_autoptr(VigieAction) action = vigie_outbox_get_action (outbox, reply_id, NULL);

    g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_PENDING);
    g_assert_cmpstr (action->text, ==, "Merci de votre message. Écrivez-nous en privé.");
    g_assert_cmpstr (action->draft_text, ==, "Merci, nous regardons.");
  }

  /* Reject, with a note */
  {
    AdwMessageDialog *dialog;

    g_assert_cmpuint (vigie_approvals_window_get_actions (desk)->len, ==, 2);
    g_signal_emit_by_name (find_named (desk_row (desk, reject_id), "reject-button"), "clicked");
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    /* Not without a note */
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reject"));
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                           "Un avertissement d'abord");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reject"));
    adw_message_dialog_response (dialog, "reject");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  WAIT_FOR (vigie_sidebar_get_awaiting_count (sidebar) == 1);
  {
    g_autoptr(VigieAction) action = vigie_outbox_get_action (outbox, reject_id, NULL);

    g_assert_cmpint (action->status, ==, VIGIE_ACTION_STATUS_CANCELLED);
    g_assert_cmpint (action->approval, ==, VIGIE_APPROVAL_REJECTED);
  }

  /* The escalation: acknowledged, with a decision for the delegate */
  {
    AdwMessageDialog *dialog;

    g_signal_emit_by_name (find_named (desk_row (desk, escalate_id), "approve-button"),
                           "clicked");
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                           "Laissez-le, je m'en occupe");
    adw_message_dialog_response (dialog, "acknowledge");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  WAIT_FOR (vigie_sidebar_get_awaiting_count (sidebar) == 0);
  {
    g_autoptr(VigieAction) action = vigie_outbox_get_action (outbox, escalate_id, NULL);

    g_assert_cmpint (action->approval, ==, VIGIE_APPROVAL_APPROVED);
    g_assert_cmpstr (action->decision_note, ==, "Laissez-le, je m'en occupe");
  }
  g_assert_cmpuint (vigie_approvals_window_get_actions (desk)->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (desk));

  /* The delegate sees the decisions */
  show_comment (fixture, rejected);
  g_assert_cmpstr (first_decision (fixture), ==,
                   "Ban Author: rejected by Hélène Bouchard: Un avertissement d'abord");
  show_comment (fixture, banned);
  g_assert_cmpstr (first_decision (fixture), ==, "Ban Author: approved by Hélène Bouchard");
  show_comment (fixture, escalated);
  g_assert_cmpstr (first_decision (fixture), ==,
                   "Escalate to the Director: acknowledged by Hélène Bouchard: Laissez-le, je m'en "
                   "occupe");

  /* and the activity has the proposals and the decisions */
  {
    GtkWidget *activity = vigie_activity_window_new (fixture->store, NULL);
    GPtrArray *entries = vigie_activity_window_get_entries (VIGIE_ACTIVITY_WINDOW (activity));
    guint proposed = 0, approved = 0, rejected_n = 0, edited = 0;

    for (guint i = 0; i < entries->len; i++)
      {
        VigieAuditEntry *e = g_ptr_array_index (entries, i);

        proposed += g_strcmp0 (e->event, VIGIE_AUDIT_EVENT_PROPOSED) == 0;
        approved += g_strcmp0 (e->event, VIGIE_AUDIT_EVENT_APPROVED) == 0;
        rejected_n += g_strcmp0 (e->event, VIGIE_AUDIT_EVENT_REJECTED) == 0;
        edited += g_strcmp0 (e->event, VIGIE_AUDIT_EVENT_EDITED) == 0;
      }
    g_assert_cmpuint (proposed, ==, 3);
    g_assert_cmpuint (approved, ==, 3);
    g_assert_cmpuint (rejected_n, ==, 1);
    g_assert_cmpuint (edited, ==, 1);
    gtk_window_destroy (GTK_WINDOW (activity));
  }
  g_settings_reset (settings, "actor-name");
  g_settings_reset (settings, "actor-role");
}

/* The dashboard: the report's figures for the period chosen, as charts
 * whose numbers a screen reader gets, and as CSV */
static void
test_dashboard (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(VigieReport) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  VigieDashboardWindow *dashboard;
  VigieReport *report;
  VigieOutbox *outbox;
  VigieReportRow *top;
  g_autofree char *top_text = NULL;
  gint64 start, end;
  guint position;

  if (!require_display ())
    return;

  settings = g_settings_new ("io.github.vigie.Vigie");
  g_settings_set_uint (settings, "response-target-minutes", 90);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = vigie_window_new (NULL, fixture->store, settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_FOR (!vigie_window_get_classifying (fixture->window) && queue_ready (fixture));

  /* Two hides, applied */
  outbox = vigie_window_get_outbox (fixture->window);
  vigie_outbox_set_grace_period (outbox, 0);
  position = find_untouched (fixture, "insult");
  vigie_window_select (fixture->window, position);
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_h));
  position = find_untouched (fixture, "spam");
  vigie_window_select (fixture->window, position);
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_h));
  WAIT_FOR (vigie_outbox_count (outbox, VIGIE_ACTION_STATUS_APPLIED, NULL) == 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-dashboard",
                                             NULL));
  dashboard = VIGIE_DASHBOARD_WINDOW (find_toplevel (VIGIE_TYPE_DASHBOARD_WINDOW));
  g_assert_nonnull (dashboard);

  /* The last 30 days: the same figures as the report's */
  vigie_dashboard_window_set_period (dashboard, VIGIE_REPORT_PERIOD_LAST_30_DAYS);
  report = vigie_dashboard_window_get_report (dashboard);
  vigie_report_period_get_range (VIGIE_REPORT_PERIOD_LAST_30_DAYS, now, &start, &end);
  g_assert_cmpint (report->start, ==, start);
  g_assert_cmpint (report->end, ==, end);
  expected = vigie_report_compute (fixture->store, start, end, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->n_comments, ==, expected->n_comments);
  g_assert_cmpint (report->n_flagged, ==, expected->n_flagged);
  g_assert_cmpint (report->n_actions, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->target_hours, 1.5, 1e-9);

  /* The charts' numbers, as text */
  g_assert_cmpuint (report->by_category->len, >, 0);
  top = g_ptr_array_index (report->by_category, 0);
  top_text = g_strdup_printf ("%s: %" G_GINT64_FORMAT, vigie_report_category_label (top->key1),
                              top->count);
  g_assert_nonnull (strstr (vigie_dashboard_window_get_chart_description (dashboard, "category"),
                            top_text));
  g_assert_nonnull (strstr (vigie_dashboard_window_get_chart_description (dashboard, "action"),
                            "Hide: 2"));
  g_assert_nonnull (strstr (vigie_dashboard_window_get_chart_description (dashboard, "response"),
                            "Median"));
  g_assert_nonnull (strstr (vigie_dashboard_window_get_chart_description (dashboard, "response"),
                            "Target: 1.5 h"));

  /* The target follows Preferences */
  g_settings_set_uint (settings, "response-target-minutes", 120);
  report = vigie_dashboard_window_get_report (dashboard);
  g_assert_cmpfloat_with_epsilon (report->target_hours, 2.0, 1e-9);

  /* Last month: another period */
  vigie_dashboard_window_set_period (dashboard, VIGIE_REPORT_PERIOD_LAST_MONTH);
  vigie_report_period_get_range (VIGIE_REPORT_PERIOD_LAST_MONTH, now, &start, &end);
  g_assert_cmpint (vigie_dashboard_window_get_report (dashboard)->start, ==, start);
  vigie_dashboard_window_set_period (dashboard, VIGIE_REPORT_PERIOD_LAST_30_DAYS);

  /* CSV */
  dir = g_dir_make_tmp ("vigie-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "dashboard.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (vigie_dashboard_window_export (dashboard, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  {
    g_autofree char *line = g_strdup_printf ("total,comments_received,,%" G_GINT64_FORMAT "\r\n",
                                             expected->n_comments);
    g_assert_nonnull (strstr (csv, line));
    g_assert_nonnull (strstr (csv, "actions_by_kind,hide,applied,2\r\n"));
    g_assert_nonnull (strstr (csv, "response,target_hours,,2.00\r\n"));
  }
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (dashboard));
  g_settings_reset (settings, "response-target-minutes");
}

/* One number from the workspace's database: @sql with ?1, ?2 bound */
static gint64
sql_count (VigieStore *store,
           const char *sql,
           gint64      a,
           gint64      b)
{
  sqlite3 *db = _vigie_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
date_from_unix_local (GDate  *date,
                      gint64  time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static GDateTime *
local_midnight (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 0, 0, 0);
}

static char *
format_day (const GDate *date)
{
  g_autoptr(GDateTime) day = local_midnight (date);

  return g_date_time_format (day, "%-d %B %Y");
}

/* Custom Period…: two days chosen in a dialog, the last one whole; Apply
 * only when the last is not before the first; the figures, the period's
 * label and the CSV follow */
static void
test_dashboard_custom (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *in_period = "SELECT COUNT(*) FROM comments "
                          "WHERE created >= ?1 AND created < ?2 AND resolution IS NOT 'page'";
  g_autoptr(GDateTime) first_midnight = NULL;
  g_autoptr(GDateTime) last_midnight = NULL;
  g_autoptr(GDateTime) after_last = NULL;
  g_autoptr(GDateTime) first_time = NULL;
  g_autoptr(GDateTime) last_time = NULL;
  g_autoptr(GDateTime) start_utc = NULL;
  g_autoptr(VigieReport) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *start_line = NULL;
  g_autoptr(GFile) file = NULL;
  VigieDashboardWindow *dashboard;
  AdwMessageDialog *dialog;
  GtkDropDown *dropdown;
  GtkWidget *first_calendar, *last_calendar, *error_label, *change;
  VigieReport *report;
  GDate first, last;
  gint64 earliest, last_day_comment, start, end, n_expected, n_total, thirty_days;

  if (!require_display ())
    return;

  /* From the day of the first comment to the day of the first comment at
   * least five days later: comments on the last day too */
  earliest = sql_count (fixture->store, "SELECT MIN(created) FROM comments "
                        "WHERE resolution IS NOT 'page'", 0, 0);
  last_day_comment = sql_count (fixture->store, "SELECT MIN(created) FROM comments "
                                "WHERE created >= ?1 AND resolution IS NOT 'page'",
                                earliest + 5 * 24 * 3600, 0);
  g_assert_cmpint (last_day_comment, >, earliest);
  date_from_unix_local (&first, earliest);
  date_from_unix_local (&last, last_day_comment);
  first_midnight = local_midnight (&first);
  last_midnight = local_midnight (&last);
  after_last = g_date_time_add_days (last_midnight, 1);
  start = g_date_time_to_unix (first_midnight);
  end = g_date_time_to_unix (after_last);
  n_expected = sql_count (fixture->store, in_period, start, end);
  n_total = sql_count (fixture->store, in_period, 0, G_MAXINT64);
  /* The period cuts the workspace, and its last day counts */
  g_assert_cmpint (n_expected, >, 0);
  g_assert_cmpint (n_expected, <, n_total);
  g_assert_cmpint (sql_count (fixture->store, in_period, g_date_time_to_unix (last_midnight),
                              end), >, 0);
  g_assert_cmpint (sql_count (fixture->store, in_period, start,
                              g_date_time_to_unix (last_midnight)), <, n_expected);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-dashboard",
                                             NULL));
  dashboard = VIGIE_DASHBOARD_WINDOW (find_toplevel (VIGIE_TYPE_DASHBOARD_WINDOW));
  g_assert_nonnull (dashboard);
  vigie_dashboard_window_set_period (dashboard, VIGIE_REPORT_PERIOD_LAST_30_DAYS);
  report = vigie_dashboard_window_get_report (dashboard);
  g_assert_cmpint (report->start, !=, start);
  thirty_days = report->start;

  /* Custom Period… opens the dialog; cancelled, the last 30 days stay */
  dropdown = GTK_DROP_DOWN (find_named (GTK_WIDGET (dashboard), "period"));
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (dropdown,
                              g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) - 1);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  /* As Escape does */
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, VIGIE_REPORT_PERIOD_LAST_30_DAYS);
  g_assert_cmpint (vigie_dashboard_window_get_report (dashboard)->start, ==, thirty_days);

  /* Again: the last day before the first cannot be applied, and says so */
  gtk_drop_down_set_selected (dropdown,
                              g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) - 1);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  first_calendar = find_named (GTK_WIDGET (dialog), "first-day-calendar");
  last_calendar = find_named (GTK_WIDGET (dialog), "last-day-calendar");
  error_label = find_named (GTK_WIDGET (dialog), "period-error");
  g_assert_true (GTK_IS_CALENDAR (first_calendar));
  g_assert_true (GTK_IS_CALENDAR (last_calendar));
  g_assert_true (GTK_IS_LABEL (error_label));
  first_time = g_date_time_add_hours (first_midnight, 12);
  last_time = g_date_time_add_hours (last_midnight, 12);
  gtk_calendar_select_day (GTK_CALENDAR (first_calendar), last_time);
  gtk_calendar_select_day (GTK_CALENDAR (last_calendar), first_time);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  g_assert_true (gtk_widget_get_visible (error_label));

  /* The right way round: the buttons show the days, Apply applies */
  gtk_calendar_select_day (GTK_CALENDAR (first_calendar), first_time);
  gtk_calendar_select_day (GTK_CALENDAR (last_calendar), last_time);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  g_assert_false (gtk_widget_get_visible (error_label));
  first_text = format_day (&first);
  last_text = format_day (&last);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (find_named (GTK_WIDGET (dialog),
                                                                           "first-day"))),
                   ==, first_text);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (find_named (GTK_WIDGET (dialog),
                                                                           "last-day"))),
                   ==, last_text);
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The figures of those days, the last one whole */
  report = vigie_dashboard_window_get_report (dashboard);
  g_assert_cmpint (report->start, ==, start);
  g_assert_cmpint (report->end, ==, end);
  g_assert_cmpint (report->n_comments, ==, n_expected);
  expected = vigie_report_compute (fixture->store, start, end, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->n_flagged, ==, expected->n_flagged);
  g_assert_cmpint (report->n_flagged, >, 0);
  g_assert_cmpuint (report->by_category->len, ==, expected->by_category->len);
  /* Nothing was done on those days: the chart says so */
  g_assert_cmpint (report->n_actions, ==, 0);
  g_assert_nonnull (strstr (vigie_dashboard_window_get_chart_description (dashboard, "action"),
                            "None in this period"));

  /* The period, as days without ambiguity */
  period_text = g_strdup_printf ("From %s to %s", first_text, last_text);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (dashboard),
                                                              "period-label"))),
                   ==, period_text);
  g_assert_null (strchr (period_text, '/'));

  /* Change the Days… opens the dialog on those days; cancelled, nothing
   * changes */
  change = find_named (GTK_WIDGET (dashboard), "change-period");
  g_assert_true (gtk_widget_get_visible (change));
  g_signal_emit_by_name (change, "clicked");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (find_named (GTK_WIDGET (dialog),
                                                                                 "last-day-calendar")));

    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, g_date_get_day (&last));
    g_assert_cmpint (g_date_time_get_month (shown), ==, g_date_get_month (&last));
  }
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (vigie_dashboard_window_get_report (dashboard)->end, ==, end);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==,
                    g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) - 1);

  /* The setter refuses the wrong way round and keeps the period */
  g_assert_false (vigie_dashboard_window_set_custom_period (dashboard, &last, &first));
  g_assert_cmpint (vigie_dashboard_window_get_report (dashboard)->start, ==, start);
  /* One day: that day whole */
  g_assert_true (vigie_dashboard_window_set_custom_period (dashboard, &last, &last));
  report = vigie_dashboard_window_get_report (dashboard);
  g_assert_cmpint (report->start, ==, g_date_time_to_unix (last_midnight));
  g_assert_cmpint (report->n_comments, ==, sql_count (fixture->store, in_period,
                                                      g_date_time_to_unix (last_midnight), end));
  g_assert_true (vigie_dashboard_window_set_custom_period (dashboard, &first, &last));

  /* The CSV follows the period */
  start_utc = g_date_time_new_from_unix_utc (start);
  {
    g_autofree char *iso = g_date_time_format (start_utc, "%Y-%m-%dT%H:%M:%SZ");

    start_line = g_strdup_printf ("period,start,,%s\r\n", iso);
  }
  dir = g_dir_make_tmp ("vigie-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "dashboard.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (vigie_dashboard_window_export (dashboard, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, start_line));
  {
    g_autofree char *line = g_strdup_printf ("total,comments_received,,%lld\r\n",
                                             (long long) n_expected);

    g_assert_nonnull (strstr (csv, line));
  }
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (dashboard));
}

/* Incident Report… in the comment's menu saves its PDF */
static void
test_incident_report (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  GtkMenuButton *menu_button;
  GMenuModel *menu;
  g_autofree char *action = NULL;
  gsize length = 0;
  gint64 id;

  if (!require_display ())
    return;

  vigie_window_select (fixture->window, find_flagged (fixture, "insult"));
  id = vigie_comment_detail_get_comment (vigie_window_get_detail (fixture->window))->id;
  g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_h));

  menu_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (
    GTK_WIDGET (vigie_window_get_detail (fixture->window)), VIGIE_TYPE_COMMENT_DETAIL,
    "comment_menu_button"));
  menu = gtk_menu_button_get_menu_model (menu_button);
  g_assert_nonnull (menu);
  menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.incident-report");
  g_object_unref (menu);

  dir = g_dir_make_tmp ("vigie-incident-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "incident.pdf", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (vigie_window_save_incident_report (fixture->window, id, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_unlink (path);

  /* A comment that is not there: an error, and no file */
  g_assert_false (vigie_window_save_incident_report (fixture->window, 99999999, file, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, where the
   * icon theme is. The workspaces go to temporary folders. */
  test_ui_init (&argc, &argv);

  g_test_add_func ("/vigie/queue-model/bounded", test_model_bounded);
  g_test_add ("/vigie/window/queue", Fixture, NULL,
              fixture_set_up_demo, test_queue, fixture_tear_down);
  g_test_add ("/vigie/window/detail", Fixture, NULL,
              fixture_set_up_demo, test_detail, fixture_tear_down);
  g_test_add ("/vigie/window/search", Fixture, NULL,
              fixture_set_up_demo, test_search, fixture_tear_down);
  g_test_add ("/vigie/window/search-keeps-selection", Fixture, NULL,
              fixture_set_up_demo, test_selection_kept, fixture_tear_down);
  g_test_add ("/vigie/window/sidebar", Fixture, NULL,
              fixture_set_up_demo, test_sidebar, fixture_tear_down);
  g_test_add ("/vigie/window/flagged", Fixture, NULL,
              fixture_set_up_classified, test_flagged, fixture_tear_down);
  g_test_add ("/vigie/window/chips-and-spans", Fixture, NULL,
              fixture_set_up_demo, test_chips_and_spans, fixture_tear_down);
  g_test_add ("/vigie/window/priority", Fixture, NULL,
              fixture_set_up_demo, test_priority, fixture_tear_down);
  g_test_add ("/vigie/window/policy-dialog", Fixture, NULL,
              fixture_set_up_demo, test_policy_dialog, fixture_tear_down);
  g_test_add ("/vigie/window/hide-undo", Fixture, NULL,
              fixture_set_up_demo, test_hide_undo, fixture_tear_down);
  g_test_add ("/vigie/window/sidebar-views", Fixture, NULL,
              fixture_set_up_demo, test_sidebar_views, fixture_tear_down);
  g_test_add ("/vigie/window/approvals", Fixture, NULL,
              fixture_set_up_demo, test_approvals, fixture_tear_down);
  g_test_add ("/vigie/window/dashboard", Fixture, NULL,
              fixture_set_up_demo, test_dashboard, fixture_tear_down);
  g_test_add ("/vigie/window/dashboard/custom", Fixture, NULL,
              fixture_set_up_demo, test_dashboard_custom, fixture_tear_down);
  g_test_add ("/vigie/window/incident-report", Fixture, NULL,
              fixture_set_up_demo, test_incident_report, fixture_tear_down);
  g_test_add ("/vigie/window/bulk", Fixture, NULL,
              fixture_set_up_demo, test_bulk, fixture_tear_down);
  g_test_add ("/vigie/window/correction", Fixture, NULL,
              fixture_set_up_demo, test_correction, fixture_tear_down);
  g_test_add ("/vigie/window/classifier-settings", Fixture, NULL,
              fixture_set_up_demo, test_classifier_settings, fixture_tear_down);
  g_test_add_func ("/vigie/window/preferences", test_preferences);
  g_test_add ("/vigie/window/reply", Fixture, NULL,
              fixture_set_up_demo, test_reply, fixture_tear_down);
  g_test_add ("/vigie/window/reply-templates", Fixture, NULL,
              fixture_set_up_demo, test_reply_templates, fixture_tear_down);
  g_test_add ("/vigie/window/keynav", Fixture, NULL,
              fixture_set_up_demo, test_keynav, fixture_tear_down);
  g_test_add ("/vigie/window/empty", Fixture, NULL,
              fixture_set_up_empty, test_empty, fixture_tear_down);
  g_test_add ("/vigie/window/import", Fixture, NULL,
              fixture_set_up_empty, test_import, fixture_tear_down);

  return g_test_run ();
}
