/* vigie-approvals-window.c — the director's desk: what awaits the director
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-approvals-window"

#include "config.h"

#include "vigie-approvals-window.h"

#include "vigie-category-chip.h"
#include "vigie-format.h"

#include <glib/gi18n.h>

struct _VigieApprovalsWindow
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list;
  GtkLabel        *role_label;

  /* Owned */
  VigieOutbox     *outbox;
  VigiePolicy     *policy;
  GSettings       *settings;
  GPtrArray       *actions;
};

G_DEFINE_FINAL_TYPE (VigieApprovalsWindow, vigie_approvals_window, ADW_TYPE_WINDOW)

static char *
dup_setting (VigieApprovalsWindow *self,
             const char           *key,
             const char           *fallback)
{
  g_autofree char *value = NULL;

  if (self->settings != NULL)
    value = g_settings_get_string (self->settings, key);
  if (value != NULL && value[0] != '\0')
    return g_steal_pointer (&value);
  return g_strdup (fallback);
}

static char *
dup_actor_name (VigieApprovalsWindow *self)
{
  const char *fallback = g_get_real_name ();

  if (g_strcmp0 (fallback, "Unknown") == 0 || fallback[0] == '\0')
    fallback = g_get_user_name ();
  return dup_setting (self, "actor-name", fallback);
}

static gboolean
is_director (VigieApprovalsWindow *self)
{
  g_autofree char *role = dup_setting (self, "actor-role", VIGIE_ROLE_DELEGATE);

  return vigie_role_is_director (role);
}

static void
toast (VigieApprovalsWindow *self,
       const char           *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Approves (with @text, when edited) or rejects @action_id as the profile
 * of these settings; the list shows what is left to decide */
static gboolean
decide (VigieApprovalsWindow  *self,
        gint64                 action_id,
        gboolean               approve,
        const char            *text,
        const char            *note,
        GError               **error)
{
  g_autofree char *name = dup_actor_name (self);
  g_autofree char *role = dup_setting (self, "actor-role", VIGIE_ROLE_DELEGATE);
  gboolean ok;

  if (approve)
    ok = vigie_outbox_approve (self->outbox, action_id, text, note, name, role, error);
  else
    ok = vigie_outbox_reject (self->outbox, action_id, note, name, role, error);
  if (ok)
    vigie_approvals_window_reload (self);
  return ok;
}

gboolean
vigie_approvals_window_approve (VigieApprovalsWindow  *self,
                                gint64                 action_id,
                                const char            *text,
                                const char            *note,
                                GError               **error)
{
  g_return_val_if_fail (VIGIE_IS_APPROVALS_WINDOW (self), FALSE);

  return decide (self, action_id, TRUE, text, note, error);
}

gboolean
vigie_approvals_window_reject (VigieApprovalsWindow  *self,
                               gint64                 action_id,
                               const char            *note,
                               GError               **error)
{
  g_return_val_if_fail (VIGIE_IS_APPROVALS_WINDOW (self), FALSE);

  return decide (self, action_id, FALSE, NULL, note, error);
}

static VigieAction *
button_action (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "vigie-action");
}

static void
approve_clicked_cb (GtkButton            *button,
                    VigieApprovalsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!vigie_approvals_window_approve (self, button_action (GTK_WIDGET (button))->id, NULL, NULL,
                                       &error))
    vigie_show_error_dialog (GTK_WINDOW (self), _("Cannot Approve"), error);
  else
    toast (self, _("Approved: the action is on its way"));
}

static void
edit_response_cb (AdwMessageDialog     *dialog,
                  const char           *response,
                  VigieApprovalsWindow *self)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "vigie-buffer");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "vigie-action-id"));
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;

  if (g_strcmp0 (response, "approve") != 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!vigie_approvals_window_approve (self, id, text, NULL, &error))
    vigie_show_error_dialog (GTK_WINDOW (self), _("Cannot Approve"), error);
  else
    toast (self, _("Approved with your reply: it is on its way"));
}

static void
edit_clicked_cb (GtkButton            *button,
                 VigieApprovalsWindow *self)
{
  VigieAction *action = button_action (GTK_WIDGET (button));
  GtkWidget *dialog, *scrolled, *view;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Edit the Reply"),
                                   _("The reply goes out as you leave it once you approve it. "
                                     "The delegate’s draft stays in the audit trail."));
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            action->text != NULL ? action->text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reply"), -1);
  gtk_widget_set_name (view, "reply-text");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  vigie_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "approve", _("_Approve"),
                                   ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "approve");
  g_object_set_data (G_OBJECT (dialog), "vigie-buffer",
                     gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  g_object_set_data (G_OBJECT (dialog), "vigie-action-id", GSIZE_TO_POINTER (action->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
acknowledge_response_cb (AdwMessageDialog     *dialog,
                         const char           *response,
                         VigieApprovalsWindow *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "vigie-entry");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "vigie-action-id"));
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "acknowledge") != 0)
    return;
  if (!vigie_approvals_window_approve (self, id, NULL, note[0] != '\0' ? note : NULL, &error))
    vigie_show_error_dialog (GTK_WINDOW (self), _("Cannot Acknowledge"), error);
  else
    toast (self, _("Acknowledged: the delegate will see your decision"));
}

static void
acknowledge_activate_cb (GtkEntry         *entry,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "acknowledge");
}

/* A dialog asking a note for the delegate about @action, whose @response
 * calls @response_cb; the entry comes back in @out_entry */
static GtkWidget *
note_dialog_new (VigieApprovalsWindow  *self,
                 const VigieAction     *action,
                 const char            *heading,
                 const char            *body,
                 const char            *placeholder,
                 const char            *entry_label,
                 const char            *response,
                 const char            *response_label,
                 AdwResponseAppearance  appearance,
                 GCallback              response_cb,
                 GtkWidget            **out_entry)
{
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry_label, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  vigie_message_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), response, response_label,
                                   appearance);
  g_object_set_data (G_OBJECT (dialog), "vigie-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "vigie-action-id", GSIZE_TO_POINTER (action->id));
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  *out_entry = entry;
  return dialog;
}

/* An escalation: the director's decision, in a note for the delegate */
static void
acknowledge_clicked_cb (GtkButton            *button,
                        VigieApprovalsWindow *self)
{
  VigieAction *action = button_action (GTK_WIDGET (button));
  GtkWidget *dialog, *entry;

  dialog = note_dialog_new (self, action, _("Acknowledge the Escalation"),
                            _("The comment stays out of the queue. Your decision, if you "
                              "write one, is shown to the delegate."),
                            _("Decision for the delegate (optional)"),
                            _("Decision for the delegate"),
                            "acknowledge", _("_Acknowledge"), ADW_RESPONSE_SUGGESTED,
                            G_CALLBACK (acknowledge_response_cb), &entry);
  g_signal_connect_object (entry, "activate", G_CALLBACK (acknowledge_activate_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
note_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "reject", note[0] != '\0');
}

static void
reject_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    VigieApprovalsWindow *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "vigie-entry");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "vigie-action-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reject") != 0)
    return;
  if (!vigie_approvals_window_reject (self, id, gtk_editable_get_text (entry), &error))
    vigie_show_error_dialog (GTK_WINDOW (self), _("Cannot Reject"), error);
  else
    toast (self, _("Rejected: the delegate will see your note"));
}

static void
reject_activate_cb (GtkEntry         *entry,
                    AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "reject"))
    adw_message_dialog_response (dialog, "reject");
}

static void
reject_clicked_cb (GtkButton            *button,
                   VigieApprovalsWindow *self)
{
  VigieAction *action = button_action (GTK_WIDGET (button));
  GtkWidget *dialog, *entry;

  dialog = note_dialog_new (self, action, _("Reject"),
                            action->status == VIGIE_ACTION_STATUS_APPLIED
                            ? _("The action is taken back where the platform allows it. "
                                "Tell the delegate why: they will see your note.")
                            : _("The action will never be carried out. Tell the delegate "
                                "why: they will see your note."),
                            _("Note for the delegate"), _("Note for the delegate"),
                            "reject", _("_Reject"), ADW_RESPONSE_DESTRUCTIVE,
                            G_CALLBACK (reject_response_cb), &entry);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reject", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (note_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (reject_activate_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static GtkWidget *
decision_button (VigieApprovalsWindow *self,
                 VigieAction          *action,
                 const char           *label,
                 const char           *accessible,
                 const char           *name,
                 const char           *css_class,
                 GCallback             callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  g_object_set_data_full (G_OBJECT (button), "vigie-action", vigie_action_ref (action),
                          (GDestroyNotify) vigie_action_unref);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  gtk_widget_set_sensitive (button, is_director (self));
  if (!is_director (self))
    gtk_widget_set_tooltip_text (button, _("Only the director can decide"));
  return button;
}

/* What the director is asked: approve a proposal, confirm an urgent action
 * already applied, decide on an escalation */
static const char *
state_label (const VigieAction *action)
{
  if (action->kind == VIGIE_ACTION_ESCALATE)
    return _("Escalated to the director");
  if (action->status == VIGIE_ACTION_STATUS_PROPOSED)
    return _("Proposed, not carried out");
  if (action->status == VIGIE_ACTION_STATUS_APPLIED)
    return _("Urgent: already carried out, to confirm");
  return _("Urgent: being carried out, to confirm");
}

static GtkWidget *
action_row_new (VigieApprovalsWindow *self,
                VigieAction          *action)
{
  VigieStore *store = vigie_outbox_get_store (self->outbox);
  g_autoptr(VigieComment) comment = vigie_store_get_comment (store, action->comment_id, NULL);
  g_autofree char *title = NULL;
  g_autofree char *who = NULL;
  g_autofree char *time = vigie_format_full_time (action->created_us / G_USEC_PER_SEC);
  g_autofree char *author = NULL;
  g_autofree char *clauses = NULL;
  const char *kind_label = vigie_action_kind_get_label (action->kind, action->platform);
  GtkWidget *row, *box, *header, *chips, *buttons;
  g_autoptr(VigieClassification) classification =
    vigie_store_get_classification (store, action->comment_id, NULL);
  gboolean urgent = classification != NULL && classification->urgent;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a proposal's title: "Ban Author — Proposed, not carried out" */
  title = g_strdup_printf (_("%s — %s"), kind_label, state_label (action));
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (header), vigie_wrapped_label_new (title, "heading"));
  if (urgent)
    {
      GtkWidget *tag = gtk_label_new (_("Urgent"));
      gtk_widget_add_css_class (tag, "error");
      gtk_widget_add_css_class (tag, "caption-heading");
      gtk_box_append (GTK_BOX (header), tag);
    }
  gtk_box_append (GTK_BOX (box), header);

  /* The comment */
  if (comment != NULL)
    {
      /* Translators: "Julie Tremblay on Facebook · facebook:123_456" */
      author = g_strdup_printf (_("%s on %s · %s"),
                                comment->author_name != NULL ? comment->author_name
                                                             : _("Unknown author"),
                                vigie_platform_get_display_name (comment->platform),
                                action->comment_ref);
      gtk_box_append (GTK_BOX (box), vigie_wrapped_label_new (author, "dim-label"));
      {
        GtkWidget *text = vigie_wrapped_label_new (comment->text, "comment-text");
        gtk_label_set_selectable (GTK_LABEL (text), TRUE);
        gtk_box_append (GTK_BOX (box), text);
      }
    }

  /* Its flags and the clauses cited */
  if (action->categories != NULL && action->categories[0] != NULL)
    {
      chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      for (guint i = 0; action->categories[i] != NULL; i++)
        gtk_box_append (GTK_BOX (chips), vigie_category_chip_new (self->policy,
                                                                  action->categories[i]));
      gtk_box_append (GTK_BOX (box), chips);
    }
  if (action->clauses != NULL && action->clauses[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (_(", "), action->clauses);
      /* Translators: the clauses of the policy an action cites */
      clauses = g_strdup_printf (_("Clauses: %s"), list);
      gtk_box_append (GTK_BOX (box), vigie_wrapped_label_new (clauses, "caption"));
    }

  /* The delegate's note and draft */
  /* Translators: "Proposed by Marie Côté (Delegate), Monday … at 14:05" */
  who = g_strdup_printf (_("By %s (%s), %s"),
                         action->actor_name != NULL ? action->actor_name : "",
                         action->actor_role != NULL ? vigie_role_get_label (action->actor_role)
                                                    : "",
                         time);
  gtk_box_append (GTK_BOX (box), vigie_wrapped_label_new (who, "caption"));
  if (action->note != NULL && action->note[0] != '\0')
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), action->note);
      gtk_box_append (GTK_BOX (box), vigie_wrapped_label_new (note, NULL));
    }
  if (action->text != NULL)
    {
      g_autofree char *draft = g_strdup_printf (_("Reply draft: %s"), action->text);
      gtk_box_append (GTK_BOX (box), vigie_wrapped_label_new (draft, NULL));
    }

  /* The decision */
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  {
    g_autofree char *approve = NULL;
    g_autofree char *edit = NULL;
    g_autofree char *reject = NULL;
    const char *approve_label = action->status == VIGIE_ACTION_STATUS_PROPOSED ? _("_Approve")
                                : action->kind == VIGIE_ACTION_ESCALATE ? _("_Acknowledge…")
                                : _("_Confirm");

    /* Translators: for a screen reader: "Approve Ban Author facebook:123_456" */
    if (action->status == VIGIE_ACTION_STATUS_PROPOSED)
      approve = g_strdup_printf (_("Approve %s %s"), kind_label, action->comment_ref);
    else if (action->kind == VIGIE_ACTION_ESCALATE)
      approve = g_strdup_printf (_("Acknowledge %s %s"), kind_label, action->comment_ref);
    else
      approve = g_strdup_printf (_("Confirm %s %s"), kind_label, action->comment_ref);
    reject = g_strdup_printf (_("Reject %s %s"), kind_label, action->comment_ref);
    gtk_box_append (GTK_BOX (buttons),
                    decision_button (self, action, _("_Reject…"), reject, "reject-button",
                                     "destructive-action", G_CALLBACK (reject_clicked_cb)));
    if (vigie_action_kind_needs_text (action->kind) &&
        action->status == VIGIE_ACTION_STATUS_PROPOSED)
      {
        edit = g_strdup_printf (_("Edit Reply and Approve %s"), action->comment_ref);
        gtk_box_append (GTK_BOX (buttons),
                        decision_button (self, action, _("_Edit Reply and Approve…"), edit,
                                         "edit-button", NULL, G_CALLBACK (edit_clicked_cb)));
      }
    gtk_box_append (GTK_BOX (buttons),
                    decision_button (self, action, approve_label, approve, "approve-button",
                                     "suggested-action",
                                     action->kind == VIGIE_ACTION_ESCALATE
                                     && action->status != VIGIE_ACTION_STATUS_PROPOSED
                                     ? G_CALLBACK (acknowledge_clicked_cb)
                                     : G_CALLBACK (approve_clicked_cb)));
  }
  gtk_box_append (GTK_BOX (box), buttons);
  return row;
}

void
vigie_approvals_window_reload (VigieApprovalsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  GtkWidget *child;

  g_return_if_fail (VIGIE_IS_APPROVALS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->actions, g_ptr_array_unref);

  self->actions = vigie_outbox_list_awaiting (self->outbox, &error);
  if (self->actions == NULL)
    {
      g_warning ("Cannot list what awaits the director: %s", error->message);
      self->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_action_unref);
    }
  for (guint i = 0; i < self->actions->len; i++)
    gtk_list_box_append (self->list, action_row_new (self, g_ptr_array_index (self->actions, i)));
  gtk_stack_set_visible_child_name (self->stack, self->actions->len > 0 ? "list" : "empty");

  role = dup_setting (self, "actor-role", VIGIE_ROLE_DELEGATE);
  if (!vigie_role_is_director (role))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the role chosen in Preferences */
      text = g_strdup_printf (_("Only the director can approve or reject. Your role in "
                                "Preferences is “%s”."), vigie_role_get_label (role));
      gtk_label_set_text (self->role_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->role_label), !vigie_role_is_director (role));
}

GPtrArray *
vigie_approvals_window_get_actions (VigieApprovalsWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_APPROVALS_WINDOW (self), NULL);
  return self->actions;
}

/* Rebuilt only when what awaits the director changed: an action sent in
 * the meantime must not take away the button being pressed */
static void
outbox_changed_cb (VigieApprovalsWindow *self)
{
  g_autoptr(GPtrArray) now = vigie_outbox_list_awaiting (self->outbox, NULL);
  gboolean same = now != NULL && self->actions != NULL && now->len == self->actions->len;

  for (guint i = 0; same && i < now->len; i++)
    {
      VigieAction *a = g_ptr_array_index (now, i);
      VigieAction *b = g_ptr_array_index (self->actions, i);

      same = a->id == b->id && a->status == b->status;
    }
  if (!same)
    vigie_approvals_window_reload (self);
}

static void
role_changed_cb (VigieApprovalsWindow *self)
{
  vigie_approvals_window_reload (self);
}

static void
vigie_approvals_window_dispose (GObject *object)
{
  VigieApprovalsWindow *self = VIGIE_APPROVALS_WINDOW (object);

  g_clear_object (&self->outbox);
  g_clear_object (&self->policy);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->actions, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_approvals_window_parent_class)->dispose (object);
}

static void
vigie_approvals_window_class_init (VigieApprovalsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_approvals_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_approvals_window_init (VigieApprovalsWindow *self)
{
  GtkWidget *content, *scrolled, *clamp, *inner, *empty;

  gtk_window_set_title (GTK_WINDOW (self), _("To Approve"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 640);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());

  self->role_label = GTK_LABEL (vigie_wrapped_label_new ("", NULL));
  gtk_label_set_xalign (self->role_label, 0.5);
  gtk_label_set_justify (self->role_label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (GTK_WIDGET (self->role_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->role_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->role_label), "warning");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->role_label));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "object-select-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing to Approve"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("The delegates’ proposals, the urgent actions to confirm "
                                     "and the escalations appear here."));
  gtk_stack_add_named (self->stack, empty, "empty");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_name (GTK_WIDGET (self->list), "approvals-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("To approve"), -1);
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->list));
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, content);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

GtkWidget *
vigie_approvals_window_new (VigieOutbox *outbox,
                            VigiePolicy *policy,
                            GSettings   *settings)
{
  VigieApprovalsWindow *self;

  g_return_val_if_fail (VIGIE_IS_OUTBOX (outbox), NULL);

  self = g_object_new (VIGIE_TYPE_APPROVALS_WINDOW, NULL);
  self->outbox = g_object_ref (outbox);
  self->policy = policy != NULL ? g_object_ref (policy) : NULL;
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  g_signal_connect_object (outbox, "action-added", G_CALLBACK (outbox_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "action-changed", G_CALLBACK (outbox_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::actor-role", G_CALLBACK (role_changed_cb),
                             self, G_CONNECT_SWAPPED);
  vigie_approvals_window_reload (self);
  return GTK_WIDGET (self);
}
