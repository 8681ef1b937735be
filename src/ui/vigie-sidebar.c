/* vigie-sidebar.c — the workspace, its saved filters, pages and posts
 *
 * The counts come from the store in a worker thread with its own
 * connection: on a big workspace they take a moment, and the queue must
 * not wait for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-sidebar"

#include "config.h"

#include "vigie-sidebar.h"

#include "vigie-format.h"
#include "vigie-policy.h"

#include <glib/gi18n.h>

/* A page with thousands of posts would make a long, slow list: the most
 * recent ones are shown, the queue filters by page for the rest */
#define MAX_POSTS_PER_PAGE 50
#define POST_TITLE_CHARS   48

typedef enum
{
  ENTRY_VIEW,
  ENTRY_PAGE,
  ENTRY_POST,
  ENTRY_CATEGORY,
  ENTRY_MORE,
  ENTRY_ACTION,            /* opens a view of its own (Activity, Failed actions) */
} EntryKind;

typedef struct
{
  EntryKind  kind;
  VigieView  view;
  gint64     page_id;
  gint64     post_id;
  const char *category;    /* interned category id */
  const char *action;      /* ENTRY_ACTION: the window's action to activate */
  char      *title;
  char      *section;      /* the heading above the row's group, or NULL */
} Entry;

typedef struct
{
  const char *category;    /* interned */
  gint64      count;
} FlagCount;

typedef struct
{
  gint64       counts[VIGIE_VIEW_ESCALATED + 1];  /* by VigieView */
  GPtrArray   *pages;
  GPtrArray   *posts;
  GArray      *flags;      /* FlagCount, in the policy's order; empty without flags */
  VigiePolicy *policy;     /* for the categories' names, when there are flags */
} SidebarData;

struct _VigieSidebar
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkLabel     *workspace_label;
  GtkLabel     *workspace_count_label;
  GtkListBox   *list_box;

  /* Owned */
  VigieStore   *store;
  VigiePolicy  *policy;     /* loaded the first time comments are flagged */
  GCancellable *cancellable;
  char         *workspace_name;

  /* What the selected row filters */
  Entry         current;

  gint64        n_failed;
  GtkWidget    *failed_row;  /* unowned, in list_box */
  gint64        n_awaiting;
  GtkWidget    *awaiting_row;  /* unowned, in list_box */

  guint         rebuilding : 1;
  guint         loading : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

enum {
  FILTER_CHANGED,
  ACTIVATED,
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieSidebar, vigie_sidebar, GTK_TYPE_WIDGET)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->title);
  g_free (entry->section);
  g_free (entry);
}

static gboolean
entry_same_filter (const Entry *a,
                   const Entry *b)
{
  return a->kind == b->kind && a->view == b->view &&
         a->page_id == b->page_id && a->post_id == b->post_id &&
         a->category == b->category;
}

static Entry *
row_get_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "vigie-entry");
}

static void
sidebar_data_free (gpointer data)
{
  SidebarData *sd = data;

  g_clear_pointer (&sd->pages, g_ptr_array_unref);
  g_clear_pointer (&sd->posts, g_ptr_array_unref);
  g_clear_pointer (&sd->flags, g_array_unref);
  g_clear_object (&sd->policy);
  g_free (sd);
}

static const char *
view_title (VigieView view)
{
  switch (view)
    {
    case VIGIE_VIEW_NEEDS_ACTION:
      return _("Needs Action");
    case VIGIE_VIEW_HANDLED:
      return _("Handled");
    case VIGIE_VIEW_ESCALATED:
      return _("Escalated");
    case VIGIE_VIEW_ALL:
    default:
      return _("All Comments");
    }
}

static const char *
view_icon (VigieView view)
{
  switch (view)
    {
    case VIGIE_VIEW_NEEDS_ACTION:
      return "mail-unread-symbolic";
    case VIGIE_VIEW_HANDLED:
      return "object-select-symbolic";
    case VIGIE_VIEW_ESCALATED:
      return "mail-forward-symbolic";
    case VIGIE_VIEW_ALL:
    default:
      return "view-list-bullet-symbolic";
    }
}

static char *
post_title (const VigiePost *post)
{
  if (post->text != NULL && post->text[0] != '\0')
    return vigie_format_excerpt (post->text, POST_TITLE_CHARS);
  if (post->created > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (post->created);
      /* Translators: a post without text in the sidebar; %x is the
       * date, for g_date_time_format() */
      return g_date_time_format (dt, _("Post of %x"));
    }
  if (post->external_id != NULL)
    /* Translators: a post known only by its id, in the sidebar */
    return g_strdup_printf (_("Post %s"), post->external_id);
  return g_strdup (_("Untitled post"));
}

static GtkWidget *make_row (Entry      *entry,
                            const char *icon_name,
                            const char *subtitle,
                            gint64      count);

/* Row widgets */

static GtkWidget *
make_row (Entry      *entry,
          const char *icon_name,
          const char *subtitle,
          gint64      count)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *labels;
  GtkWidget *label;
  g_autofree char *accessible = NULL;
  g_autofree char *number = NULL;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), "vigie-entry", entry, entry_free);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  if (entry->kind == ENTRY_POST || entry->kind == ENTRY_MORE)
    gtk_widget_set_margin_start (box, 26);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (icon_name != NULL)
    {
      GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                       "icon-name", icon_name,
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                       NULL);
      gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), image);
    }

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), labels);

  label = gtk_label_new (entry->title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (entry->kind == ENTRY_MORE)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (labels), label);

  if (subtitle != NULL)
    {
      label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (labels), label);
    }

  if (count >= 0)
    {
      number = vigie_format_number (count);
      label = gtk_label_new (number);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "sidebar-count");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);

      g_object_set_data (G_OBJECT (row), "vigie-count-label", label);
      if (entry->kind == ENTRY_ACTION)
        /* Translators: how a screen reader reads a sidebar row, "Failed
         * Actions, 2 actions" */
        accessible = g_strdup_printf (ngettext ("%s, %s action", "%s, %s actions", (gulong) count),
                                      entry->title, number);
      else
        /* Translators: how a screen reader reads a sidebar row, "Needs
         * Action, 12 comments" */
        accessible = g_strdup_printf (ngettext ("%s, %s comment", "%s, %s comments",
                                                (gulong) count),
                                      entry->title, number);
    }
  else
    accessible = g_strdup (entry->title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  if (subtitle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                    -1);
  if (entry->kind == ENTRY_MORE)
    {
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  if (entry->kind == ENTRY_ACTION)
    {
      /* Opens its view; the queue keeps its filter */
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), entry->action);
    }
  return row;
}

static GtkWidget *
make_failed_row (VigieSidebar *self)
{
  Entry *entry = g_new0 (Entry, 1);
  GtkWidget *row;

  entry->kind = ENTRY_ACTION;
  entry->action = "win.show-failed";
  entry->title = g_strdup (_("Failed Actions"));
  entry->section = g_strdup (_("Moderation"));
  row = make_row (entry, "dialog-error-symbolic", NULL, MAX (self->n_failed, 0));
  gtk_widget_set_visible (row, self->n_failed > 0);
  return row;
}

/* "To Approve": the director's desk, for every role, with its count */
static GtkWidget *
make_awaiting_row (VigieSidebar *self)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->kind = ENTRY_ACTION;
  entry->action = "win.show-approvals";
  entry->title = g_strdup (_("To Approve"));
  entry->section = g_strdup (_("Moderation"));
  return make_row (entry, "emblem-default-symbolic", NULL, MAX (self->n_awaiting, 0));
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  Entry *entry = row_get_entry (row);
  Entry *prev = before != NULL ? row_get_entry (before) : NULL;
  GtkWidget *header = NULL;

  if (entry->section != NULL && (prev == NULL || g_strcmp0 (prev->section, entry->section) != 0))
    {
      header = gtk_label_new (entry->section);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "sidebar-heading");
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
    }
  gtk_list_box_row_set_header (row, header);
}

static void
remove_rows (VigieSidebar *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
}

static void
add_posts (VigieSidebar *self,
           GPtrArray    *posts,
           gint64        page_id,
           gboolean      orphans,
           GHashTable   *page_ids,
           const char   *section)
{
  guint n = 0;
  guint more = 0;

  for (guint i = 0; i < posts->len; i++)
    {
      VigiePost *post = g_ptr_array_index (posts, i);
      Entry *entry;
      g_autofree char *subtitle = NULL;

      if (orphans ? g_hash_table_contains (page_ids, &post->page_id) : post->page_id != page_id)
        continue;
      if (n >= MAX_POSTS_PER_PAGE)
        {
          more++;
          continue;
        }
      n++;

      entry = g_new0 (Entry, 1);
      entry->kind = ENTRY_POST;
      entry->page_id = post->page_id;
      entry->post_id = post->id;
      entry->title = post_title (post);
      entry->section = g_strdup (section);
      if (post->created > 0)
        subtitle = vigie_format_relative_time (post->created, g_get_real_time () / G_USEC_PER_SEC);
      gtk_list_box_append (self->list_box, make_row (entry, NULL, subtitle, post->n_comments));
    }

  if (more > 0)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->kind = ENTRY_MORE;
      /* Translators: at the end of a page's posts in the sidebar */
      entry->title = g_strdup_printf (ngettext ("%u older post", "%u older posts", more), more);
      entry->section = g_strdup (section);
      gtk_list_box_append (self->list_box, make_row (entry, NULL, NULL, -1));
    }
}

static void
rebuild (VigieSidebar *self,
         SidebarData  *data)
{
  g_autoptr(GHashTable) page_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *total = NULL;
  g_autofree char *count_text = NULL;
  GtkListBoxRow *selected = NULL;
  GtkListBoxRow *all_row = NULL;
  static const VigieView views[] = { VIGIE_VIEW_ALL, VIGIE_VIEW_NEEDS_ACTION, VIGIE_VIEW_HANDLED,
                                     VIGIE_VIEW_ESCALATED };

  self->rebuilding = TRUE;
  remove_rows (self);

  total = vigie_format_number (MAX (data->counts[VIGIE_VIEW_ALL], 0));
  count_text = g_strdup_printf (ngettext ("%s comment", "%s comments",
                                          (gulong) MAX (data->counts[VIGIE_VIEW_ALL], 0)),
                                total);
  gtk_label_set_text (self->workspace_count_label, count_text);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->kind = ENTRY_VIEW;
      entry->view = views[i];
      entry->title = g_strdup (view_title (views[i]));
      gtk_list_box_append (self->list_box,
                           make_row (entry, view_icon (views[i]), NULL, data->counts[views[i]]));
    }

  /* Views of their own: what awaits the director, the activity, and the
   * failed actions when any */
  {
    Entry *entry = g_new0 (Entry, 1);

    self->awaiting_row = make_awaiting_row (self);
    gtk_list_box_append (self->list_box, self->awaiting_row);

    entry->kind = ENTRY_ACTION;
    entry->action = "win.show-activity";
    entry->title = g_strdup (_("Activity"));
    entry->section = g_strdup (_("Moderation"));
    gtk_list_box_append (self->list_box,
                         make_row (entry, "document-open-recent-symbolic", NULL, -1));
    self->failed_row = make_failed_row (self);
    gtk_list_box_append (self->list_box, self->failed_row);
  }

  /* Flagged, by category: only once the classifier has flagged comments */
  if (data->policy != NULL && self->policy == NULL)
    self->policy = g_object_ref (data->policy);
  for (guint i = 0; i < data->flags->len && self->policy != NULL; i++)
    {
      const FlagCount *flag = &g_array_index (data->flags, FlagCount, i);
      const VigieCategory *category = vigie_policy_lookup_category (self->policy, flag->category);
      gboolean urgent = category != NULL && category->urgent;
      Entry *entry = g_new0 (Entry, 1);

      entry->kind = ENTRY_CATEGORY;
      entry->category = flag->category;
      if (category != NULL)
        entry->title = g_strdup (vigie_category_get_label (category, vigie_policy_get_interface_language ()));
      else
        entry->title = g_strdup (flag->category);
      entry->section = g_strdup (_("Flagged"));
      gtk_list_box_append (self->list_box,
                           make_row (entry,
                                     urgent ? "dialog-warning-symbolic" : "emoji-flags-symbolic",
                                     NULL, flag->count));
    }

  for (guint i = 0; i < data->pages->len; i++)
    {
      VigiePage *page = g_ptr_array_index (data->pages, i);
      Entry *entry = g_new0 (Entry, 1);

      g_hash_table_add (page_ids, &page->id);
      entry->kind = ENTRY_PAGE;
      entry->page_id = page->id;
      entry->title = g_strdup (page->name != NULL && page->name[0] != '\0'
                               ? page->name : page->external_id);
      entry->section = g_strdup (_("Pages"));
      gtk_list_box_append (self->list_box,
                           make_row (entry, "system-users-symbolic",
                                     vigie_platform_get_display_name (page->platform),
                                     page->n_comments));
      add_posts (self, data->posts, page->id, FALSE, NULL, _("Pages"));
    }
  /* Posts whose page is not known (a file of one post's comments) */
  add_posts (self, data->posts, 0, TRUE, page_ids, _("Other Posts"));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);
      Entry *entry;

      if (row == NULL)
        break;
      entry = row_get_entry (row);
      if (entry->kind == ENTRY_VIEW && entry->view == VIGIE_VIEW_ALL)
        all_row = row;
      if (entry_same_filter (entry, &self->current))
        {
          selected = row;
          break;
        }
    }
  self->rebuilding = FALSE;

  /* The page or post shown before is gone: back to everything */
  gtk_list_box_select_row (self->list_box, selected != NULL ? selected : all_row);
}

typedef struct
{
  char        *path;
  VigiePolicy *policy;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->path);
  g_clear_object (&load->policy);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(VigieStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SidebarData *data;

  store = vigie_store_open (load->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SidebarData, 1);
  for (VigieView view = VIGIE_VIEW_ALL; view <= VIGIE_VIEW_ESCALATED; view++)
    {
      VigieQuery query = { .view = view };

      data->counts[view] = vigie_store_count (store, &query, NULL);
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (!g_cancellable_is_cancelled (cancellable))
    data->pages = vigie_store_list_pages (store, NULL);
  if (!g_cancellable_is_cancelled (cancellable))
    data->posts = vigie_store_list_posts (store, 0, NULL);

  data->flags = g_array_new (FALSE, FALSE, sizeof (FlagCount));
  if (!g_cancellable_is_cancelled (cancellable))
    {
      VigieQuery query = { .view = VIGIE_VIEW_ALL };
      g_autoptr(GHashTable) counts = vigie_store_count_categories (store, &query, NULL);

      if (counts != NULL && g_hash_table_size (counts) > 0)
        {
          guint n;

          /* Loaded once; after that only read, here and in the main thread */
          data->policy = load->policy != NULL ? g_object_ref (load->policy)
                                              : vigie_policy_new_default (NULL);
          n = data->policy != NULL ? vigie_policy_get_n_categories (data->policy) : 0;
          for (guint i = 0; i < n; i++)
            {
              const VigieCategory *category = vigie_policy_get_category (data->policy, i);
              FlagCount flag = { g_intern_string (category->id), 0 };

              flag.count = GPOINTER_TO_INT (g_hash_table_lookup (counts, flag.category));
              if (flag.count > 0)
                g_array_append_val (data->flags, flag);
            }
        }
    }
  if (data->pages == NULL)
    data->pages = g_ptr_array_new ();
  if (data->posts == NULL)
    data->posts = g_ptr_array_new ();

  g_task_return_pointer (task, data, sidebar_data_free);
}

static void
set_loading (VigieSidebar *self,
             gboolean      loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VigieSidebar *self = VIGIE_SIDEBAR (object);
  g_autoptr(GError) error = NULL;
  SidebarData *data;

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Cannot read the sidebar: %s", error->message);
          set_loading (self, FALSE);
        }
      return;
    }

  rebuild (self, data);
  sidebar_data_free (data);
  set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
row_selected_cb (VigieSidebar  *self,
                 GtkListBoxRow *row)
{
  Entry *entry;

  if (self->rebuilding || row == NULL)
    return;

  entry = row_get_entry (row);
  if (entry_same_filter (entry, &self->current))
    {
      /* Same filter, maybe a new title (a renamed page) */
      g_free (self->current.title);
      self->current.title = g_strdup (entry->title);
      return;
    }

  self->current.kind = entry->kind;
  self->current.view = entry->view;
  self->current.page_id = entry->page_id;
  self->current.post_id = entry->post_id;
  self->current.category = entry->category;
  g_free (self->current.title);
  self->current.title = g_strdup (entry->title);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
row_activated_cb (VigieSidebar  *self,
                  GtkListBoxRow *row)
{
  /* Those open a window: the queue stays where it is */
  if (row_get_entry (row)->kind == ENTRY_ACTION)
    return;
  g_signal_emit (self, signals[ACTIVATED], 0);
}

/* GObject */

static void
vigie_sidebar_dispose (GObject *object)
{
  VigieSidebar *self = VIGIE_SIDEBAR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_SIDEBAR);
  /* Template children without an id are not disposed with the template */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->policy);

  G_OBJECT_CLASS (vigie_sidebar_parent_class)->dispose (object);
}

static void
vigie_sidebar_finalize (GObject *object)
{
  VigieSidebar *self = VIGIE_SIDEBAR (object);

  g_clear_pointer (&self->workspace_name, g_free);
  g_clear_pointer (&self->current.title, g_free);

  G_OBJECT_CLASS (vigie_sidebar_parent_class)->finalize (object);
}

static void
vigie_sidebar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VigieSidebar *self = VIGIE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_sidebar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VigieSidebar *self = VIGIE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      vigie_sidebar_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_sidebar_class_init (VigieSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_sidebar_dispose;
  object_class->finalize = vigie_sidebar_finalize;
  object_class->get_property = vigie_sidebar_get_property;
  object_class->set_property = vigie_sidebar_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         VIGIE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieSidebar::filter-changed:
   *
   * Another row was selected: read it with vigie_sidebar_get_filter().
   */
  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * VigieSidebar::activated:
   *
   * A row was activated (clicked, Enter): the window shows the queue when
   * it is too narrow for both.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * VigieSidebar::loaded:
   *
   * The counts, pages and posts are there.
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieSidebar, workspace_label);
  gtk_widget_class_bind_template_child (widget_class, VigieSidebar, workspace_count_label);
  gtk_widget_class_bind_template_child (widget_class, VigieSidebar, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigiesidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_sidebar_init (VigieSidebar *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->current.kind = ENTRY_VIEW;
  self->current.view = VIGIE_VIEW_ALL;
  self->current.title = g_strdup (view_title (VIGIE_VIEW_ALL));

  gtk_list_box_set_header_func (self->list_box, header_func, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workspace"),
                                  -1);
}

GtkWidget *
vigie_sidebar_new (void)
{
  return g_object_new (VIGIE_TYPE_SIDEBAR, NULL);
}

VigieStore *
vigie_sidebar_get_store (VigieSidebar *self)
{
  g_return_val_if_fail (VIGIE_IS_SIDEBAR (self), NULL);

  return self->store;
}

void
vigie_sidebar_set_store (VigieSidebar *self,
                         VigieStore   *store)
{
  g_return_if_fail (VIGIE_IS_SIDEBAR (self));
  g_return_if_fail (store == NULL || VIGIE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  self->rebuilding = TRUE;
  remove_rows (self);
  self->failed_row = NULL;
  self->awaiting_row = NULL;
  self->rebuilding = FALSE;
  if (store != NULL)
    vigie_sidebar_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
vigie_sidebar_set_workspace_name (VigieSidebar *self,
                                  const char   *name)
{
  g_return_if_fail (VIGIE_IS_SIDEBAR (self));

  g_free (self->workspace_name);
  self->workspace_name = g_strdup (name);
  gtk_label_set_text (self->workspace_label, name != NULL ? name : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->workspace_label), name);
}

void
vigie_sidebar_reload (VigieSidebar *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (VIGIE_IS_SIDEBAR (self));

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, vigie_sidebar_reload);
  load = g_new0 (LoadData, 1);
  load->path = g_strdup (vigie_store_get_path (self->store));
  load->policy = self->policy != NULL ? g_object_ref (self->policy) : NULL;
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
  set_loading (self, TRUE);
}

gboolean
vigie_sidebar_get_loading (VigieSidebar *self)
{
  g_return_val_if_fail (VIGIE_IS_SIDEBAR (self), FALSE);

  return self->loading;
}

void
vigie_sidebar_get_filter (VigieSidebar *self,
                          VigieQuery   *query)
{
  g_return_if_fail (VIGIE_IS_SIDEBAR (self));
  g_return_if_fail (query != NULL);

  query->view = self->current.kind == ENTRY_VIEW ? self->current.view : VIGIE_VIEW_ALL;
  query->page_id = self->current.kind == ENTRY_PAGE ? self->current.page_id : 0;
  query->post_id = self->current.kind == ENTRY_POST ? self->current.post_id : 0;
  query->category = self->current.kind == ENTRY_CATEGORY ? self->current.category : NULL;
}

const char *
vigie_sidebar_get_title (VigieSidebar *self)
{
  g_return_val_if_fail (VIGIE_IS_SIDEBAR (self), NULL);

  return self->current.title;
}

void
vigie_sidebar_select_view (VigieSidebar *self,
                           VigieView     view)
{
  g_return_if_fail (VIGIE_IS_SIDEBAR (self));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);
      Entry *entry;

      if (row == NULL)
        break;
      entry = row_get_entry (row);
      if (entry->kind == ENTRY_VIEW && entry->view == view)
        {
          gtk_list_box_select_row (self->list_box, row);
          return;
        }
    }

  /* Not loaded yet: the rows will select it when they are */
  if (self->current.kind != ENTRY_VIEW || self->current.view != view)
    {
      self->current.kind = ENTRY_VIEW;
      self->current.view = view;
      self->current.page_id = 0;
      self->current.post_id = 0;
      self->current.category = NULL;
      g_free (self->current.title);
      self->current.title = g_strdup (view_title (view));
      g_signal_emit (self, signals[FILTER_CHANGED], 0);
    }
}

/* Shows the "Failed Actions" row with its count, or hides it at 0 */
void
vigie_sidebar_set_failed_count (VigieSidebar *self,
                                gint64        count)
{
  GtkWidget *row;
  int index;

  g_return_if_fail (VIGIE_IS_SIDEBAR (self));

  count = MAX (count, 0);
  if (self->n_failed == count)
    return;
  self->n_failed = count;
  if (self->failed_row == NULL)
    return;
  /* The count and what a screen reader says of it are made with the row */
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->failed_row));
  self->rebuilding = TRUE;
  gtk_list_box_remove (self->list_box, self->failed_row);
  row = make_failed_row (self);
  gtk_list_box_insert (self->list_box, row, index);
  self->failed_row = row;
  self->rebuilding = FALSE;
}

void
vigie_sidebar_set_awaiting_count (VigieSidebar *self,
                                  gint64        count)
{
  GtkWidget *row;
  int index;

  g_return_if_fail (VIGIE_IS_SIDEBAR (self));

  count = MAX (count, 0);
  if (self->n_awaiting == count)
    return;
  self->n_awaiting = count;
  if (self->awaiting_row == NULL)
    return;
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->awaiting_row));
  self->rebuilding = TRUE;
  gtk_list_box_remove (self->list_box, self->awaiting_row);
  row = make_awaiting_row (self);
  gtk_list_box_insert (self->list_box, row, index);
  self->awaiting_row = row;
  self->rebuilding = FALSE;
}

gint64
vigie_sidebar_get_awaiting_count (VigieSidebar *self)
{
  g_return_val_if_fail (VIGIE_IS_SIDEBAR (self), 0);

  return self->n_awaiting;
}

gint64
vigie_sidebar_get_failed_count (VigieSidebar *self)
{
  g_return_val_if_fail (VIGIE_IS_SIDEBAR (self), 0);

  return self->n_failed;
}
