/* vigie-reply-dialog.c — a reply from an institutional template: choice,
 * language, preview, length against the platform's limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-reply-dialog"

#include "config.h"

#include "vigie-reply-dialog.h"

#include "vigie-format.h"

#include <glib/gi18n.h>

static const char *languages[] = { "fr", "en" };

struct _VigieReplyDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkButton       *send_button;
  AdwComboRow     *template_row;
  AdwComboRow     *language_row;
  GtkTextView     *text_view;
  GtkLabel        *length_label;
  GtkLabel        *error_label;

  /* Owned */
  VigieTemplates  *templates;
  VigieStore      *store;
  VigieComment    *comment;
  GStrv            clauses;
  GPtrArray       *template_ids;   /* char*, in the order of template_row */
  char            *error;
  VigieActionKind  kind;
  gboolean         filling;
  gboolean         edited;
};

enum {
  SEND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VigieReplyDialog, vigie_reply_dialog, ADW_TYPE_WINDOW)

static char *
get_text (VigieReplyDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_error (VigieReplyDialog *self,
           const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), message == NULL);
}

/* The length against the limit, and the errors of the text itself */
static void
check_text (VigieReplyDialog *self)
{
  g_autofree char *text = get_text (self);
  guint limit = vigie_action_get_text_limit (self->comment->platform, self->kind);
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *n_length = vigie_format_number (length);
  g_autofree char *n_limit = vigie_format_number (limit);
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) placeholders = NULL;

  /* Translators: the reply's length against the platform's limit */
  label = g_strdup_printf (_("%s of %s characters"), n_length, n_limit);
  gtk_label_set_text (self->length_label, label);

  if (text[0] == '\0')
    set_error (self, _("The reply is empty."));
  /* Braces typed into the preview: a placeholder nobody will fill */
  else if ((placeholders = vigie_template_list_placeholders (text, &error)) == NULL)
    set_error (self, error->message);
  else if (placeholders[0] != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a placeholder such as {author} */
      message = g_strdup_printf (_("“{%s}” is left in the text: write the value itself."),
                                 placeholders[0]);
      set_error (self, message);
    }
  else if (!vigie_template_check_length (text, self->comment->platform, self->kind, &error))
    set_error (self, error->message);
  else
    set_error (self, NULL);
}

static void
fill (VigieReplyDialog *self)
{
  guint index = adw_combo_row_get_selected (self->template_row);
  const char *lang = vigie_reply_dialog_get_language (self);
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (index >= self->template_ids->len)
    return;

  values = vigie_templates_collect_values (self->store, self->comment,
                                           (const char * const *) self->clauses, lang);
  text = vigie_templates_fill (self->templates, g_ptr_array_index (self->template_ids, index),
                               lang, values, &error);
  self->filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            text != NULL ? text : "", -1);
  self->filling = FALSE;
  self->edited = FALSE;
  if (text == NULL)
    {
      gtk_label_set_text (self->length_label, "");
      set_error (self, error->message);
    }
  else
    check_text (self);
}

static void
choice_changed_cb (VigieReplyDialog *self)
{
  if (self->template_ids != NULL && self->comment != NULL)
    fill (self);
}

static void
text_changed_cb (VigieReplyDialog *self)
{
  if (self->filling)
    return;
  self->edited = TRUE;
  check_text (self);
}

static void
send_clicked_cb (VigieReplyDialog *self)
{
  vigie_reply_dialog_send (self);
}

static void
vigie_reply_dialog_dispose (GObject *object)
{
  VigieReplyDialog *self = VIGIE_REPLY_DIALOG (object);

  g_clear_object (&self->templates);
  g_clear_object (&self->store);
  g_clear_pointer (&self->comment, vigie_comment_unref);
  g_clear_pointer (&self->clauses, g_strfreev);
  g_clear_pointer (&self->template_ids, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (vigie_reply_dialog_parent_class)->dispose (object);
}

static void
vigie_reply_dialog_class_init (VigieReplyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_reply_dialog_dispose;

  signals[SEND] =
    g_signal_new ("send",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/ui/vigie-reply-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieReplyDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, VigieReplyDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, VigieReplyDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, VigieReplyDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, VigieReplyDialog, length_label);
  gtk_widget_class_bind_template_child (widget_class, VigieReplyDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vigie_reply_dialog_init (VigieReplyDialog *self)
{
  g_autoptr(GtkStringList) names = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("French"));
  gtk_string_list_append (names, _("English"));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
vigie_reply_dialog_new (VigieTemplates            *templates,
                        VigieStore                *store,
                        VigieComment              *comment,
                        const VigieClassification *classification,
                        VigieActionKind            kind)
{
  VigieReplyDialog *self;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  const VigieTemplate *suggested;
  const char *lang;
  guint selected = 0;

  g_return_val_if_fail (VIGIE_IS_TEMPLATES (templates), NULL);
  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);
  g_return_val_if_fail (comment != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_REPLY_DIALOG, NULL);
  self->templates = g_object_ref (templates);
  self->store = g_object_ref (store);
  /* The workspace's copies as they are now: Preferences may have changed
   * them since @templates was made */
  vigie_templates_load_overrides (self->templates, self->store, NULL);
  self->comment = vigie_comment_ref (comment);
  self->kind = kind;
  if (kind == VIGIE_ACTION_PRIVATE_REPLY)
    gtk_window_set_title (GTK_WINDOW (self), _("Private Reply"));

  for (guint i = 0; classification != NULL && i < classification->flags->len; i++)
    {
      const VigieFlag *flag = &g_array_index (classification->flags, VigieFlag, i);

      g_ptr_array_add (categories, (gpointer) flag->category);
      g_ptr_array_add (clauses, g_strdup (flag->clause));
    }
  g_ptr_array_add (categories, NULL);
  g_ptr_array_add (clauses, NULL);
  self->clauses = (GStrv) g_ptr_array_steal (clauses, NULL);

  lang = vigie_template_pick_language (comment->language,
                                       classification != NULL ? classification->lang : NULL);
  suggested = vigie_templates_suggest (templates, (const char * const *) categories->pdata, kind);

  self->template_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < vigie_templates_get_n_templates (templates); i++)
    {
      const VigieTemplate *template = vigie_templates_get_template (templates, i);

      if (!vigie_template_supports_kind (template, kind))
        continue;
      if (template == suggested)
        selected = self->template_ids->len;
      g_ptr_array_add (self->template_ids, g_strdup (vigie_template_get_id (template)));
      gtk_string_list_append (titles, vigie_template_get_title (template, lang));
    }

  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->language_row, g_str_equal (lang, "en") ? 1 : 0);
  adw_combo_row_set_selected (self->template_row, selected);
  fill (self);
  return GTK_WIDGET (self);
}

VigieActionKind
vigie_reply_dialog_get_kind (VigieReplyDialog *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLY_DIALOG (self), VIGIE_ACTION_REPLY);

  return self->kind;
}

gint64
vigie_reply_dialog_get_comment_id (VigieReplyDialog *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLY_DIALOG (self), 0);

  return self->comment->id;
}

const char *
vigie_reply_dialog_get_template_id (VigieReplyDialog *self)
{
  guint index;

  g_return_val_if_fail (VIGIE_IS_REPLY_DIALOG (self), NULL);

  index = adw_combo_row_get_selected (self->template_row);
  if (self->template_ids == NULL || index >= self->template_ids->len)
    return NULL;
  return g_ptr_array_index (self->template_ids, index);
}

const char *
vigie_reply_dialog_get_language (VigieReplyDialog *self)
{
  guint index;

  g_return_val_if_fail (VIGIE_IS_REPLY_DIALOG (self), "fr");

  index = adw_combo_row_get_selected (self->language_row);
  return languages[index < G_N_ELEMENTS (languages) ? index : 0];
}

char *
vigie_reply_dialog_dup_text (VigieReplyDialog *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLY_DIALOG (self), NULL);

  if (self->error != NULL)
    return NULL;
  return get_text (self);
}

const char *
vigie_reply_dialog_get_error (VigieReplyDialog *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLY_DIALOG (self), NULL);

  return self->error;
}

gboolean
vigie_reply_dialog_select (VigieReplyDialog *self,
                           const char       *id,
                           const char       *lang)
{
  g_return_val_if_fail (VIGIE_IS_REPLY_DIALOG (self), FALSE);

  for (guint i = 0; i < self->template_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->template_ids, i), id) == 0)
      {
        adw_combo_row_set_selected (self->language_row, g_strcmp0 (lang, "en") == 0 ? 1 : 0);
        adw_combo_row_set_selected (self->template_row, i);
        fill (self);
        return TRUE;
      }
  return FALSE;
}

gboolean
vigie_reply_dialog_send (VigieReplyDialog *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLY_DIALOG (self), FALSE);

  if (self->error != NULL)
    return FALSE;
  g_signal_emit (self, signals[SEND], 0);
  return TRUE;
}
