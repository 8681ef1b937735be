/* vigie-templates.c — the institutional replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-templates"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-templates.h"

G_DEFINE_QUARK (vigie-templates-error-quark, vigie_templates_error)

#define OVERRIDE_PREFIX "template."

typedef enum
{
  SOURCE_SETTING,   /* the organisation's settings */
  SOURCE_COMMENT,   /* the comment, its page, the clauses cited */
  SOURCE_PERSON,    /* typed by the person replying */
} Source;

typedef struct
{
  const char *name;
  Source      source;
  const char *setting;       /* SOURCE_SETTING */
  const char *description;   /* N_() */
} Placeholder;

static const Placeholder placeholders[] = {
  { "author", SOURCE_COMMENT, NULL, N_("the name of the comment’s author") },
  { "organisation", SOURCE_SETTING, VIGIE_SETTING_ORGANISATION_NAME,
    N_("the organisation’s name") },
  { "page", SOURCE_COMMENT, NULL, N_("the name of the page") },
  { "clause", SOURCE_COMMENT, NULL, N_("the policy clause cited") },
  { "complaints_office", SOURCE_SETTING, VIGIE_SETTING_COMPLAINTS_OFFICE,
    N_("the name of the complaints commissioner’s office") },
  { "phone", SOURCE_SETTING, VIGIE_SETTING_ORGANISATION_PHONE,
    N_("the organisation’s phone number") },
  { "url", SOURCE_SETTING, VIGIE_SETTING_ORGANISATION_URL, N_("the organisation’s web site") },
  { "email", SOURCE_SETTING, VIGIE_SETTING_ORGANISATION_EMAIL,
    N_("the organisation’s email address") },
  { "policy_url", SOURCE_SETTING, VIGIE_SETTING_POLICY_URL,
    N_("the address of the social media policy") },
  { "details", SOURCE_PERSON, NULL, N_("the details to give") },
};

static const Placeholder *
find_placeholder (const char *name,
                  gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (strlen (placeholders[i].name) == length &&
        strncmp (placeholders[i].name, name, length) == 0)
      return &placeholders[i];
  return NULL;
}

const char * const *
vigie_template_get_placeholders (void)
{
  static const char *names[G_N_ELEMENTS (placeholders) + 1];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        names[i] = placeholders[i].name;
      g_once_init_leave (&initialised, 1);
    }
  return names;
}

const char *
vigie_template_describe_placeholder (const char *name)
{
  const Placeholder *p = name ? find_placeholder (name, strlen (name)) : NULL;

  return p ? _(p->description) : NULL;
}

const char *
vigie_template_get_setting_key (const char *name)
{
  const Placeholder *p = name ? find_placeholder (name, strlen (name)) : NULL;

  return p ? p->setting : NULL;
}

/* Parsing "{name}", "{{" and "}}". Calls @func for each placeholder;
 * appends the literal text to @out when not NULL. */
typedef gboolean (*PlaceholderFunc) (const Placeholder  *placeholder,
                                     gpointer            user_data,
                                     GError            **error);

static gboolean
scan (const char       *text,
      GString          *out,
      PlaceholderFunc   func,
      gpointer          user_data,
      GError          **error)
{
  const char *p = text;

  g_return_val_if_fail (text != NULL, FALSE);

  while (*p)
    {
      const char *open = strpbrk (p, "{}");
      const char *name, *close;
      const Placeholder *placeholder;

      if (open == NULL)
        {
          if (out)
            g_string_append (out, p);
          break;
        }
      if (out)
        g_string_append_len (out, p, open - p);
      if (open[0] == open[1])
        {
          /* "{{" or "}}": the brace itself */
          if (out)
            g_string_append_c (out, open[0]);
          p = open + 2;
          continue;
        }
      if (open[0] == '}')
        {
          /* Translators: %ld is a position in the text, counted in characters */
          g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_UNKNOWN_PLACEHOLDER,
                       _("The “}” at character %ld of the reply closes no placeholder; write "
                         "“}}” for the brace itself."),
                       g_utf8_pointer_to_offset (text, open) + 1);
          return FALSE;
        }
      name = open + 1;
      close = name;
      while (g_ascii_islower (*close) || *close == '_' || g_ascii_isdigit (*close))
        close++;
      if (*close != '}' || close == name)
        {
          g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_UNKNOWN_PLACEHOLDER,
                       _("The “{” at character %ld of the reply starts no placeholder; write "
                         "“{{” for the brace itself."),
                       g_utf8_pointer_to_offset (text, open) + 1);
          return FALSE;
        }
      placeholder = find_placeholder (name, close - name);
      if (placeholder == NULL)
        {
          g_autofree char *unknown = g_strndup (name, close - name);
          g_autofree char *known = g_strjoinv (", ", (char **) vigie_template_get_placeholders ());

          /* Translators: “{%s}” is what the person typed; the list is of
           * placeholder names, which stay in English */
          g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_UNKNOWN_PLACEHOLDER,
                       _("The reply uses an unknown placeholder, “{%s}”. Known placeholders: "
                         "%s."), unknown, known);
          return FALSE;
        }
      if (func != NULL && !func (placeholder, user_data, error))
        return FALSE;
      p = close + 1;
    }
  return TRUE;
}

gboolean
vigie_template_check (const char  *text,
                      GError     **error)
{
  return scan (text, NULL, NULL, NULL, error);
}

static gboolean
list_cb (const Placeholder  *placeholder,
         gpointer            user_data,
         GError            **error)
{
  GPtrArray *names = user_data;

  if (!g_ptr_array_find_with_equal_func (names, placeholder->name, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (placeholder->name));
  return TRUE;
}

GStrv
vigie_template_list_placeholders (const char  *text,
                                  GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!scan (text, NULL, list_cb, names, error))
    return NULL;
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

typedef struct
{
  GHashTable *values;
  GString    *out;
} ExpandData;

static gboolean
expand_cb (const Placeholder  *placeholder,
           gpointer            user_data,
           GError            **error)
{
  ExpandData *data = user_data;
  const char *value = data->values ? g_hash_table_lookup (data->values, placeholder->name) : NULL;

  if (value == NULL || value[0] == '\0')
    {
      switch (placeholder->source)
        {
        case SOURCE_SETTING:
          /* Translators: {%s} is a placeholder name, kept as is ("{phone}"); the
           * second %s says what it stands for ("the organisation’s phone number") */
          g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_MISSING_VALUE,
                       _("The reply needs {%s}, %s: set it in the workspace’s preferences."),
                       placeholder->name, _(placeholder->description));
          break;
        case SOURCE_COMMENT:
          g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_MISSING_VALUE,
                       _("The reply needs {%s}, %s, which is not known for this comment."),
                       placeholder->name, _(placeholder->description));
          break;
        case SOURCE_PERSON:
        default:
          g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_MISSING_VALUE,
                       _("The reply needs {%s}, %s: write it before sending."),
                       placeholder->name, _(placeholder->description));
          break;
        }
      return FALSE;
    }
  g_string_append (data->out, value);
  return TRUE;
}

char *
vigie_template_expand (const char  *text,
                       GHashTable  *values,
                       GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  ExpandData data = { values, out };

  g_return_val_if_fail (text != NULL, NULL);

  /* Values are appended by expand_cb, the literal text by scan */
  if (!scan (text, out, expand_cb, &data, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
vigie_template_check_length (const char       *text,
                             VigiePlatform     platform,
                             VigieActionKind   kind,
                             GError          **error)
{
  guint limit = vigie_action_get_text_limit (platform, kind);
  glong length = g_utf8_strlen (text, -1);

  if (limit > 0 && (gulong) length > limit)
    {
      g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_TOO_LONG,
                   _("The reply is %ld characters long; %s accepts at most %u."), length,
                   vigie_platform_get_display_name (platform), limit);
      return FALSE;
    }
  return TRUE;
}

const char *
vigie_template_pick_language (const char *comment_language,
                              const char *detected_language)
{
  if (g_strcmp0 (comment_language, "fr") == 0 || g_strcmp0 (comment_language, "en") == 0)
    return g_intern_string (comment_language);
  if (g_strcmp0 (detected_language, "en") == 0)
    return "en";
  return "fr";
}

/* Templates */

struct _VigieTemplate
{
  char  *id;
  char  *title_fr;
  char  *title_en;
  char  *text_fr;
  char  *text_en;
  char  *override_fr;
  char  *override_en;
  GStrv  categories;
  guint  kinds;          /* 1 << VigieActionKind */
};

static void
template_free (VigieTemplate *t)
{
  g_free (t->id);
  g_free (t->title_fr);
  g_free (t->title_en);
  g_free (t->text_fr);
  g_free (t->text_en);
  g_free (t->override_fr);
  g_free (t->override_en);
  g_strfreev (t->categories);
  g_free (t);
}

static gboolean
is_english (const char *lang)
{
  return g_strcmp0 (lang, "en") == 0;
}

const char *
vigie_template_get_id (const VigieTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
vigie_template_get_title (const VigieTemplate *self,
                          const char          *lang)
{
  g_return_val_if_fail (self != NULL, NULL);
  return is_english (lang) ? self->title_en : self->title_fr;
}

const char *
vigie_template_get_default_text (const VigieTemplate *self,
                                 const char          *lang)
{
  g_return_val_if_fail (self != NULL, NULL);
  return is_english (lang) ? self->text_en : self->text_fr;
}

const char *
vigie_template_get_text (const VigieTemplate *self,
                         const char          *lang)
{
  const char *override;

  g_return_val_if_fail (self != NULL, NULL);
  override = is_english (lang) ? self->override_en : self->override_fr;
  return override ? override : vigie_template_get_default_text (self, lang);
}

gboolean
vigie_template_is_overridden (const VigieTemplate *self,
                              const char          *lang)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return (is_english (lang) ? self->override_en : self->override_fr) != NULL;
}

const char * const *
vigie_template_get_categories (const VigieTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->categories;
}

gboolean
vigie_template_supports_kind (const VigieTemplate *self,
                              VigieActionKind      kind)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return (self->kinds & (1u << kind)) != 0;
}

struct _VigieTemplates
{
  GObject    parent_instance;

  GPtrArray *templates;   /* VigieTemplate* */
};

G_DEFINE_FINAL_TYPE (VigieTemplates, vigie_templates, G_TYPE_OBJECT)

static void
vigie_templates_finalize (GObject *object)
{
  VigieTemplates *self = VIGIE_TEMPLATES (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_templates_parent_class)->finalize (object);
}

static void
vigie_templates_class_init (VigieTemplatesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_templates_finalize;
}

static void
vigie_templates_init (VigieTemplates *self)
{
  self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify) template_free);
}

static gboolean
parse_error (GError     **error,
             const char  *origin,
             guint        index,
             const char  *what)
{
  g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_PARSE,
               _("%s, template %u: %s"), origin, index + 1, what);
  return FALSE;
}

static char *
dup_member_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static JsonObject *
get_member_object (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static GStrv
get_member_strv (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_template (VigieTemplates  *self,
                JsonNode        *node,
                const char      *origin,
                guint            index,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *object, *title, *text;
  VigieTemplate *t;
  g_auto(GStrv) kinds = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return parse_error (error, origin, index, _("not an object"));
  object = json_node_get_object (node);

  t = g_new0 (VigieTemplate, 1);
  g_ptr_array_add (self->templates, t);
  t->id = dup_member_string (object, "id");
  if (t->id == NULL || t->id[0] == '\0')
    return parse_error (error, origin, index, _("no “id”"));
  for (guint i = 0; i + 1 < self->templates->len; i++)
    if (g_str_equal (((VigieTemplate *) g_ptr_array_index (self->templates, i))->id, t->id))
      return parse_error (error, origin, index, _("the same “id” as another template"));

  title = get_member_object (object, "title");
  text = get_member_object (object, "text");
  t->title_fr = dup_member_string (title, "fr");
  t->title_en = dup_member_string (title, "en");
  t->text_fr = dup_member_string (text, "fr");
  t->text_en = dup_member_string (text, "en");
  if (t->title_fr == NULL || t->title_en == NULL)
    return parse_error (error, origin, index, _("“title” needs “fr” and “en”"));
  if (t->text_fr == NULL || t->text_en == NULL)
    return parse_error (error, origin, index, _("“text” needs “fr” and “en”"));
  if (!vigie_template_check (t->text_fr, &local_error) ||
      !vigie_template_check (t->text_en, &local_error))
    return parse_error (error, origin, index, local_error->message);

  t->categories = get_member_strv (object, "categories");
  if (t->categories == NULL)
    t->categories = g_new0 (char *, 1);

  kinds = get_member_strv (object, "kinds");
  if (kinds == NULL || kinds[0] == NULL)
    return parse_error (error, origin, index, _("“kinds” needs a list of actions"));
  for (guint i = 0; kinds[i]; i++)
    {
      VigieActionKind kind;

      if (!vigie_action_kind_from_string (kinds[i], &kind) || !vigie_action_kind_needs_text (kind))
        return parse_error (error, origin, index, _("“kinds” may list only “reply” and "
                                                    "“private_reply”"));
      t->kinds |= 1u << kind;
    }
  return TRUE;
}

VigieTemplates *
vigie_templates_new_from_data (const char  *data,
                               gssize       length,
                               const char  *origin,
                               GError     **error)
{
  g_autoptr(VigieTemplates) self = g_object_new (VIGIE_TYPE_TEMPLATES, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *list;
  JsonArray *array;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_PARSE,
                   _("%s is not valid JSON: %s"), origin, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  list = root && JSON_NODE_HOLDS_OBJECT (root)
         ? json_object_get_member (json_node_get_object (root), "templates") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_PARSE,
                   _("%s has no list of “templates”."), origin);
      return NULL;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_template (self, json_array_get_element (array, i), origin, i, error))
      return NULL;
  return g_steal_pointer (&self);
}

VigieTemplates *
vigie_templates_new_from_file (const char  *path,
                               GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return vigie_templates_new_from_data (data, length, path, error);
}

VigieTemplates *
vigie_templates_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (VIGIE_TEMPLATES_DEFAULT_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  gsize length;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return vigie_templates_new_from_data (data, length, "templates.json", error);
}

guint
vigie_templates_get_n_templates (VigieTemplates *self)
{
  g_return_val_if_fail (VIGIE_IS_TEMPLATES (self), 0);
  return self->templates->len;
}

const VigieTemplate *
vigie_templates_get_template (VigieTemplates *self,
                              guint           index)
{
  g_return_val_if_fail (VIGIE_IS_TEMPLATES (self), NULL);
  g_return_val_if_fail (index < self->templates->len, NULL);
  return g_ptr_array_index (self->templates, index);
}

const VigieTemplate *
vigie_templates_lookup (VigieTemplates *self,
                        const char     *id)
{
  g_return_val_if_fail (VIGIE_IS_TEMPLATES (self), NULL);

  for (guint i = 0; id != NULL && i < self->templates->len; i++)
    {
      VigieTemplate *t = g_ptr_array_index (self->templates, i);
      if (g_str_equal (t->id, id))
        return t;
    }
  return NULL;
}

const VigieTemplate *
vigie_templates_suggest (VigieTemplates     *self,
                         const char * const *categories,
                         VigieActionKind     kind)
{
  g_return_val_if_fail (VIGIE_IS_TEMPLATES (self), NULL);

  /* The categories in their order of importance, then the templates */
  for (guint c = 0; categories != NULL && categories[c] != NULL; c++)
    for (guint i = 0; i < self->templates->len; i++)
      {
        VigieTemplate *t = g_ptr_array_index (self->templates, i);
        if (vigie_template_supports_kind (t, kind) &&
            g_strv_contains ((const char * const *) t->categories, categories[c]))
          return t;
      }
  return NULL;
}

/* Overrides */

static char *
override_key (const char *id,
              const char *lang)
{
  return g_strconcat (OVERRIDE_PREFIX, id, ".", is_english (lang) ? "en" : "fr", NULL);
}

static gboolean
check_lang (const char  *lang,
            GError     **error)
{
  if (g_strcmp0 (lang, "fr") == 0 || g_strcmp0 (lang, "en") == 0)
    return TRUE;
  g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_NOT_FOUND,
               _("Templates are in French (fr) and English (en), not “%s”."),
               lang ? lang : "");
  return FALSE;
}

static VigieTemplate *
lookup_or_error (VigieTemplates  *self,
                 const char      *id,
                 GError         **error)
{
  VigieTemplate *t = (VigieTemplate *) vigie_templates_lookup (self, id);

  if (t == NULL)
    g_set_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_NOT_FOUND,
                 _("There is no reply template “%s”."), id ? id : "");
  return t;
}

gboolean
vigie_templates_load_overrides (VigieTemplates  *self,
                                VigieStore      *store,
                                GError         **error)
{
  g_return_val_if_fail (VIGIE_IS_TEMPLATES (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);

  for (guint i = 0; i < self->templates->len; i++)
    {
      VigieTemplate *t = g_ptr_array_index (self->templates, i);
      g_autofree char *key_fr = override_key (t->id, "fr");
      g_autofree char *key_en = override_key (t->id, "en");

      g_free (t->override_fr);
      g_free (t->override_en);
      t->override_fr = vigie_store_get_setting (store, key_fr);
      t->override_en = vigie_store_get_setting (store, key_en);
    }
  return TRUE;
}

gboolean
vigie_templates_set_override (VigieTemplates  *self,
                              VigieStore      *store,
                              const char      *id,
                              const char      *lang,
                              const char      *text,
                              GError         **error)
{
  g_autofree char *key = NULL;
  VigieTemplate *t;
  char **slot;

  g_return_val_if_fail (VIGIE_IS_TEMPLATES (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  t = lookup_or_error (self, id, error);
  if (t == NULL || !check_lang (lang, error) || !vigie_template_check (text, error))
    return FALSE;

  key = override_key (id, lang);
  if (!vigie_store_set_setting (store, key, text, error))
    return FALSE;
  slot = is_english (lang) ? &t->override_en : &t->override_fr;
  g_free (*slot);
  *slot = g_strdup (text);
  return TRUE;
}

gboolean
vigie_templates_reset (VigieTemplates  *self,
                       VigieStore      *store,
                       const char      *id,
                       const char      *lang,
                       GError         **error)
{
  g_autofree char *key = NULL;
  VigieTemplate *t;

  g_return_val_if_fail (VIGIE_IS_TEMPLATES (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);

  t = lookup_or_error (self, id, error);
  if (t == NULL || !check_lang (lang, error))
    return FALSE;

  key = override_key (id, lang);
  if (!vigie_store_set_setting (store, key, NULL, error))
    return FALSE;
  g_clear_pointer (is_english (lang) ? &t->override_en : &t->override_fr, g_free);
  return TRUE;
}

/* Filling */

static char *
get_setting_for_lang (VigieStore *store,
                      const char *key,
                      const char *lang)
{
  g_autofree char *localised_key = g_strconcat (key, ".", lang, NULL);
  char *value = vigie_store_get_setting (store, localised_key);

  return value ? value : vigie_store_get_setting (store, key);
}

GHashTable *
vigie_templates_collect_values (VigieStore          *store,
                                const VigieComment  *comment,
                                const char * const  *clauses,
                                const char          *lang)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (VIGIE_IS_STORE (store), values);

  lang = is_english (lang) ? "en" : "fr";
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (placeholders[i].source == SOURCE_SETTING)
      {
        char *value = get_setting_for_lang (store, placeholders[i].setting, lang);
        if (value != NULL)
          g_hash_table_insert (values, g_strdup (placeholders[i].name), value);
      }

  if (comment != NULL)
    {
      if (comment->author_name != NULL && comment->author_name[0] != '\0')
        g_hash_table_insert (values, g_strdup ("author"), g_strdup (comment->author_name));
      if (comment->post_id != 0)
        {
          g_autoptr(VigiePost) post = vigie_store_get_post (store, comment->post_id, NULL);
          if (post != NULL && post->page_name != NULL)
            g_hash_table_insert (values, g_strdup ("page"), g_strdup (post->page_name));
        }
    }
  if (clauses != NULL && clauses[0] != NULL)
    g_hash_table_insert (values, g_strdup ("clause"), g_strjoinv (", ", (char **) clauses));
  return values;
}

char *
vigie_templates_fill (VigieTemplates  *self,
                      const char      *id,
                      const char      *lang,
                      GHashTable      *values,
                      GError         **error)
{
  VigieTemplate *t;

  g_return_val_if_fail (VIGIE_IS_TEMPLATES (self), NULL);

  t = lookup_or_error (self, id, error);
  if (t == NULL || !check_lang (lang, error))
    return NULL;
  return vigie_template_expand (vigie_template_get_text (t, lang), values, error);
}

gboolean
vigie_templates_set_example_organisation (VigieStore  *store,
                                          GError     **error)
{
  /* Invented, like everything in the demo (.example domains, 555 numbers) */
  static const struct { const char *key, *value; } settings[] = {
    { VIGIE_SETTING_ORGANISATION_NAME, "CISSS de la Côte-Boréale" },
    { VIGIE_SETTING_ORGANISATION_NAME ".en",
      "Côte-Boréale Integrated Health and Social Services Centre" },
    { VIGIE_SETTING_COMPLAINTS_OFFICE,
      "Commissariat aux plaintes et à la qualité des services du CISSS de la Côte-Boréale" },
    { VIGIE_SETTING_COMPLAINTS_OFFICE ".en",
      "Office of the Service Quality and Complaints Commissioner" },
    { VIGIE_SETTING_ORGANISATION_PHONE, "418 555-0100" },
    { VIGIE_SETTING_ORGANISATION_URL, "https://cisss-cote-boreale.example/plaintes" },
    { VIGIE_SETTING_ORGANISATION_EMAIL, "plaintes@cisss-cote-boreale.example" },
    { VIGIE_SETTING_POLICY_URL, "https://cisss-cote-boreale.example/medias-sociaux" },
    { "connector", "sandbox" },
  };

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (!vigie_store_set_setting (store, settings[i].key, settings[i].value, error))
      return FALSE;
  return TRUE;
}
