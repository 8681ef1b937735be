/* vigie-policy.c — the organisation's moderation policy, as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-policy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-policy.h"
#include "vigie-policy-private.h"
#include "vigie-normalize.h"

#define RESOURCE_DATA RESOURCE_BASE "/data/"

const char * const vigie_category_ids[] = {
  "privacy", "confidential", "discrimination", "insult", "threat", "harassment", "obscene",
  "spam", "repetitive", "offtopic", "illegal", "propaganda", "reputation",
  "distress", "private_request", "complaint",
  NULL
};

static const char * const actions[] = {
  "keep", "reply", "hide", "remove", "ban", "escalate", NULL
};

static const char * const detectors[] = {
  "phone", "email", "link", "ramq", "ohip", "sin", "postal_code", "money", "near_duplicate",
  "offtopic", "repeated_targeting", NULL
};

struct _VigiePolicy
{
  GObject          parent_instance;

  char            *id;
  char            *name_fr;
  char            *name_en;
  GPtrArray       *categories;   /* VigieCategory* */
  GHashTable      *classes;      /* name → VigieLexClass */
  GPtrArray       *rules;        /* VigieRule* */
  GStrv            allowed_domains;
  GStrv            approval;     /* actions that need approval on any comment */
  VigieThresholds  thresholds;
  char            *contrast_report;
  char            *contrast_counter;
  char            *contrast_negation;
  char            *contrast_negation_cancel;
  char            *contrast_report_cancel;
  char            *contrast_self;
  char            *contrast_self_after;
  guint            contrast_window;
  JsonNode        *root;         /* kept: rules point into it */
};

G_DEFINE_FINAL_TYPE (VigiePolicy, vigie_policy, G_TYPE_OBJECT)

G_DEFINE_QUARK (vigie-policy-error-quark, vigie_policy_error)

gboolean
vigie_category_id_is_valid (const char *id)
{
  return id != NULL && g_strv_contains (vigie_category_ids, id);
}

static void
category_free (VigieCategory *c)
{
  g_free (c->id);
  g_free (c->label_fr);
  g_free (c->label_en);
  g_free (c->description_fr);
  g_free (c->description_en);
  g_free (c->action);
  g_strfreev (c->approval);
  g_strfreev (c->immediate);
  for (guint i = 0; i < c->n_clauses; i++)
    {
      g_free (c->clauses[i].ref);
      g_free (c->clauses[i].document);
      g_free (c->clauses[i].section);
      g_free (c->clauses[i].text);
    }
  g_free (c->clauses);
  g_free (c);
}

void
_vigie_pattern_free (VigiePattern *p)
{
  if (p == NULL)
    return;
  for (guint i = 0; i < p->elems->len; i++)
    {
      VigiePatElem *e = &g_array_index (p->elems, VigiePatElem, i);
      g_clear_pointer (&e->alts, g_ptr_array_unref);
    }
  g_array_unref (p->elems);
  g_free (p->source);
  g_free (p);
}

static void
rule_free (VigieRule *r)
{
  g_free (r->id);
  g_strfreev (r->also);
  g_free (r->clause);
  g_free (r->lexicon_class);
  g_clear_pointer (&r->patterns, g_ptr_array_unref);
  g_free (r->detector);
  g_clear_pointer (&r->params, json_object_unref);
  g_strfreev (r->requires);
  g_strfreev (r->unless);
  g_free (r);
}

static void
lex_term_free (VigieLexTerm *t)
{
  g_free (t->source);
  g_free (t->file);
  g_free (t);
}

void
_vigie_lex_class_free (VigieLexClass *klass)
{
  g_free (klass->name);
  g_ptr_array_unref (klass->terms);
  g_free (klass);
}

static void
vigie_policy_finalize (GObject *object)
{
  VigiePolicy *self = VIGIE_POLICY (object);

  g_free (self->id);
  g_free (self->name_fr);
  g_free (self->name_en);
  g_ptr_array_unref (self->categories);
  g_hash_table_unref (self->classes);
  g_ptr_array_unref (self->rules);
  g_strfreev (self->allowed_domains);
  g_strfreev (self->approval);
  g_free (self->contrast_report);
  g_free (self->contrast_counter);
  g_free (self->contrast_negation);
  g_free (self->contrast_negation_cancel);
  g_free (self->contrast_report_cancel);
  g_free (self->contrast_self);
  g_free (self->contrast_self_after);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (vigie_policy_parent_class)->finalize (object);
}

static void
vigie_policy_class_init (VigiePolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_policy_finalize;
}

static void
vigie_policy_init (VigiePolicy *self)
{
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
  self->classes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) _vigie_lex_class_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->thresholds.flag = 0.5;
  self->thresholds.low = 0.7;
  self->thresholds.high = 0.35;
  self->contrast_window = 4;
}

/* Reading JSON with errors that say where */

static gboolean
invalid (GError     **error,
         const char  *origin,
         const char  *where,
         const char  *message)
{
  g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_INVALID,
               "%s: %s: %s", origin, where, message);
  return FALSE;
}

static const char *
get_string (JsonObject  *obj,
            const char  *member,
            gboolean     required,
            const char  *origin,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  const char *s;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is missing"), member);
          invalid (error, origin, where, msg);
        }
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be a string"), member);
      invalid (error, origin, where, msg);
      return NULL;
    }
  s = json_node_get_string (node);
  if (required && (s == NULL || *s == '\0'))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is empty"), member);
      invalid (error, origin, where, msg);
      return NULL;
    }
  return s;
}

static gboolean
get_number (JsonObject  *obj,
            const char  *member,
            gboolean     required,
            double       min,
            double       max,
            double      *out,
            const char  *origin,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  double v;

  if (node == NULL)
    {
      if (required)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is missing"), member);
          return invalid (error, origin, where, msg);
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be a number"), member);
      return invalid (error, origin, where, msg);
    }
  v = json_node_get_double (node);
  if (v < min || v > max)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be between %g and %g"), member, min, max);
      return invalid (error, origin, where, msg);
    }
  *out = v;
  return TRUE;
}

static gboolean
get_bool (JsonObject  *obj,
          const char  *member,
          gboolean    *out,
          const char  *origin,
          const char  *where,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be true or false"), member);
      return invalid (error, origin, where, msg);
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An array of strings; a missing member gives an empty array when optional */
static gboolean
get_strv (JsonObject  *obj,
          const char  *member,
          gboolean     required,
          GStrv       *out,
          const char  *origin,
          const char  *where,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    {
      if (required)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is missing"), member);
          return invalid (error, origin, where, msg);
        }
      *out = g_strv_builder_end (builder);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be a list of strings"), member);
      return invalid (error, origin, where, msg);
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s”[%u] must be a string"), member, i);
          return invalid (error, origin, where, msg);
        }
      g_strv_builder_add (builder, json_node_get_string (e));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static JsonObject *
get_object (JsonObject  *obj,
            const char  *member,
            const char  *origin,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *msg = node == NULL
        ? g_strdup_printf (_("“%s” is missing"), member)
        : g_strdup_printf (_("“%s” must be an object"), member);
      invalid (error, origin, where, msg);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject  *obj,
           const char  *member,
           gboolean     non_empty,
           const char  *origin,
           const char  *where,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *msg = node == NULL
        ? g_strdup_printf (_("“%s” is missing"), member)
        : g_strdup_printf (_("“%s” must be a list"), member);
      invalid (error, origin, where, msg);
      return NULL;
    }
  if (non_empty && json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is empty"), member);
      invalid (error, origin, where, msg);
      return NULL;
    }
  return json_node_get_array (node);
}

/* Bilingual text: {"fr": "...", "en": "..."} */
static gboolean
get_bilingual (JsonObject  *obj,
               const char  *member,
               char       **out_fr,
               char       **out_en,
               const char  *origin,
               const char  *where,
               GError     **error)
{
  JsonObject *o = get_object (obj, member, origin, where, error);
  g_autofree char *place = NULL;
  const char *fr, *en;

  if (o == NULL)
    return FALSE;
  place = g_strdup_printf ("%s.%s", where, member);
  fr = get_string (o, "fr", TRUE, origin, place, error);
  if (fr == NULL)
    return FALSE;
  en = get_string (o, "en", TRUE, origin, place, error);
  if (en == NULL)
    return FALSE;
  *out_fr = g_strdup (fr);
  *out_en = g_strdup (en);
  return TRUE;
}

/* Patterns */

static gboolean
pattern_error (GError     **error,
               const char  *where,
               const char  *source,
               const char  *message)
{
  g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_INVALID,
               _("%s: pattern “%s”: %s"), where, source, message);
  return FALSE;
}

VigiePattern *
_vigie_pattern_parse (const char  *source,
                      const char  *where,
                      GError     **error)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_auto(GStrv) words = g_strsplit_set (source, " \t", -1);
  VigiePattern *p = g_new0 (VigiePattern, 1);
  gboolean ok = TRUE;

  p->source = g_strdup (source);
  p->elems = g_array_new (FALSE, TRUE, sizeof (VigiePatElem));

  for (guint i = 0; words[i] && ok; i++)
    {
      const char *w = words[i];
      VigiePatElem e = { 0 };
      gsize wl = strlen (w);
      g_auto(GStrv) alts = NULL;

      if (wl == 0)
        continue;
      if (g_str_equal (w, "^"))
        {
          if (p->elems->len > 0)
            ok = pattern_error (error, where, source, _("“^” must come first"));
          p->anchor_start = TRUE;
          continue;
        }
      if (g_str_equal (w, "$"))
        {
          if (words[i + 1] != NULL && words[i + 1][0] != '\0')
            ok = pattern_error (error, where, source, _("“$” must come last"));
          p->anchor_end = TRUE;
          continue;
        }
      if (w[0] == '~')
        {
          char *end = NULL;
          guint64 n = g_ascii_strtoull (w + 1, &end, 10);
          if (end == w + 1 || *end != '\0' || n == 0 || n > 20)
            {
              ok = pattern_error (error, where, source,
                                  _("a gap is written “~N”, N from 1 to 20"));
              break;
            }
          e.kind = VIGIE_PAT_GAP;
          e.max_gap = n;
          g_array_append_val (p->elems, e);
          continue;
        }

      e.kind = VIGIE_PAT_ALT;
      if (w[0] == '!')
        {
          e.kind = VIGIE_PAT_NOT;
          w++;
          wl--;
        }
      if (wl > 1 && w[wl - 1] == '?')
        {
          e.optional = TRUE;
          wl--;
        }
      {
        g_autofree char *body = g_strndup (w, wl);
        alts = g_strsplit (body, "|", -1);
      }
      e.alts = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; alts[k] && ok; k++)
        {
          const char *a = alts[k];
          if (a[0] == '\0')
            ok = pattern_error (error, where, source, _("an empty alternative"));
          else if (a[0] == '@' || a[0] == '#')
            {
              if (a[1] == '\0')
                ok = pattern_error (error, where, source, _("a class name is missing after “@”"));
              else
                g_ptr_array_add (e.alts, g_strdup (a));
            }
          else
            {
              gsize al = strlen (a);
              gboolean prefix = al > 1 && a[al - 1] == '*';
              g_autofree char *body = g_strndup (a, prefix ? al - 1 : al);
              g_autofree char *skel = vigie_normalize_term (body, NULL);
              if (skel == NULL || strchr (skel, ' ') != NULL)
                {
                  g_autofree char *msg =
                    g_strdup_printf (_("“%s” is not a single word"), a);
                  ok = pattern_error (error, where, source, msg);
                }
              else
                g_ptr_array_add (e.alts, prefix ? g_strconcat (skel, "*", NULL)
                                                : g_steal_pointer (&skel));
            }
        }
      g_array_append_val (p->elems, e);
    }

  if (ok)
    {
      /* The first and last elements must find something */
      VigiePatElem *first = p->elems->len ? &g_array_index (p->elems, VigiePatElem, 0) : NULL;
      VigiePatElem *last = p->elems->len
        ? &g_array_index (p->elems, VigiePatElem, p->elems->len - 1) : NULL;
      if (first == NULL)
        ok = pattern_error (error, where, source, _("the pattern is empty"));
      else if (first->kind != VIGIE_PAT_ALT || first->optional)
        ok = pattern_error (error, where, source,
                            _("the first element must be a word or a class, not optional"));
      else if (last->kind == VIGIE_PAT_GAP)
        ok = pattern_error (error, where, source, _("a gap cannot come last"));
    }
  (void) parts;

  if (!ok)
    {
      _vigie_pattern_free (p);
      return NULL;
    }
  return p;
}

/* Lexicons: "[class options]" headers, then one term a line */

gboolean
_vigie_lexicon_parse (GHashTable  *classes,
                      const char  *text,
                      gsize        len,
                      const char  *file,
                      GError     **error)
{
  g_autofree char *copy = g_strndup (text, len);
  g_auto(GStrv) lines = NULL;
  VigieLexClass *current = NULL;

  if (!g_utf8_validate (copy, -1, NULL))
    {
      g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON,
                   _("%s: not valid UTF-8 text"), file);
      return FALSE;
    }
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = lines[i];
      char *hash = strstr (line, " #");
      VigieLexTerm *term;
      gsize l;
      char *bar;

      if (line[0] == '#')
        continue;
      if (hash != NULL)
        *hash = '\0';
      g_strstrip (line);
      if (line[0] == '\0')
        continue;

      if (line[0] == '[')
        {
          char *close = strchr (line, ']');
          g_auto(GStrv) parts = NULL;

          if (close == NULL || close[1] != '\0')
            {
              g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON,
                           _("%s:%u: a section header is written “[class]”"), file, i + 1);
              return FALSE;
            }
          *close = '\0';
          parts = g_strsplit_set (line + 1, " \t", -1);
          if (parts[0] == NULL || parts[0][0] == '\0')
            {
              g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON,
                           _("%s:%u: the class name is missing"), file, i + 1);
              return FALSE;
            }
          current = g_hash_table_lookup (classes, parts[0]);
          if (current == NULL)
            {
              current = g_new0 (VigieLexClass, 1);
              current->name = g_strdup (parts[0]);
              current->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) lex_term_free);
              g_hash_table_insert (classes, current->name, current);
            }
          for (guint k = 1; parts[k]; k++)
            {
              if (g_str_equal (parts[k], "glue"))
                current->glue = TRUE;
              else if (g_str_equal (parts[k], "mask"))
                current->mask = TRUE;
              else if (g_str_equal (parts[k], "fuzzy"))
                current->fuzzy = TRUE;
              else if (g_str_equal (parts[k], "guard"))
                current->guard = TRUE;
              else if (parts[k][0] != '\0')
                {
                  g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON,
                               _("%s:%u: unknown class option “%s”"), file, i + 1, parts[k]);
                  return FALSE;
                }
            }
          continue;
        }

      if (current == NULL)
        {
          g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON,
                       _("%s:%u: a term before any “[class]” header"), file, i + 1);
          return FALSE;
        }

      term = g_new0 (VigieLexTerm, 1);
      term->weight = 1.0;
      term->file = g_strdup (file);
      term->line = i + 1;
      bar = strchr (line, '|');
      if (bar != NULL)
        {
          char *end = NULL;
          double w = g_ascii_strtod (bar + 1, &end);
          if (end == bar + 1 || *end != '\0' || w <= 0 || w > 1)
            {
              g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON,
                           _("%s:%u: the weight after “|” must be a number in (0, 1]"),
                           file, i + 1);
              lex_term_free (term);
              return FALSE;
            }
          term->weight = w;
          *bar = '\0';
          g_strstrip (line);
        }
      l = strlen (line);
      term->mode = VIGIE_TERM_WORD;
      if (line[0] == '=')
        {
          term->mode = VIGIE_TERM_EXACT;
          line++;
          l--;
        }
      else if (l > 2 && line[0] == '*' && line[l - 1] == '*')
        {
          term->mode = VIGIE_TERM_INFIX;
          line[l - 1] = '\0';
          line++;
          l -= 2;
        }
      else if (l > 1 && line[0] == '*')
        {
          term->mode = VIGIE_TERM_SUFFIX;
          line++;
          l--;
        }
      else if (l > 1 && line[l - 1] == '*')
        {
          term->mode = VIGIE_TERM_PREFIX;
          line[--l] = '\0';
        }
      else if (l > 1 && line[l - 1] == '+')
        {
          term->inflect = TRUE;
          line[--l] = '\0';
        }
      g_strstrip (line);
      {
        g_autofree char *skel = vigie_normalize_term (line, NULL);
        if (skel == NULL)
          {
            g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON,
                         _("%s:%u: “%s” has no letter or digit"), file, i + 1, line);
            lex_term_free (term);
            return FALSE;
          }
      }
      term->source = g_strdup (line);
      g_ptr_array_add (current->terms, term);
    }
  return TRUE;
}

static GBytes *
load_data_file (const char  *path,
                const char  *base_dir,
                GError     **error)
{
  g_autofree char *resource = NULL;
  GBytes *bytes;

  if (base_dir != NULL && !g_path_is_absolute (path))
    {
      g_autofree char *full = g_build_filename (base_dir, path, NULL);
      char *contents = NULL;
      gsize len = 0;
      if (g_file_get_contents (full, &contents, &len, NULL))
        return g_bytes_new_take (contents, len);
    }
  else if (g_path_is_absolute (path))
    {
      char *contents = NULL;
      gsize len = 0;
      GError *local_error = NULL;
      if (g_file_get_contents (path, &contents, &len, &local_error))
        return g_bytes_new_take (contents, len);
      g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_NOT_FOUND, "%s",
                   local_error->message);
      g_error_free (local_error);
      return NULL;
    }

  resource = g_strconcat (RESOURCE_DATA, path, NULL);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes != NULL)
    return bytes;

  g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_NOT_FOUND,
               _("Cannot find the lexicon “%s”"), path);
  return NULL;
}

/* Class names used by patterns and rules must exist */
static gboolean
check_class (VigiePolicy  *self,
             const char   *name,
             const char   *origin,
             const char   *where,
             GError      **error)
{
  static const char * const flags[] = {
    "#num", "#num4", "#cap", "#link", "#email", "#mention", "#emoji", "#any", "#quoted",
    "#caps", "#comma", NULL
  };

  if (name[0] == '#')
    {
      if (!g_strv_contains (flags, name))
        {
          g_autofree char *msg = g_strdup_printf (_("unknown token class “%s”"), name);
          return invalid (error, origin, where, msg);
        }
      return TRUE;
    }
  if (name[0] == '@')
    name++;
  if (!g_hash_table_contains (self->classes, name))
    {
      g_autofree char *msg = g_strdup_printf (_("no lexicon has the class “%s”"), name);
      return invalid (error, origin, where, msg);
    }
  return TRUE;
}

static gboolean
parse_category (VigiePolicy  *self,
                JsonObject   *docs,
                JsonObject   *obj,
                guint         index,
                const char   *origin,
                GError      **error)
{
  g_autoptr(GString) where = g_string_new (NULL);
  VigieCategory *c = g_new0 (VigieCategory, 1);
  JsonArray *clauses;
  const char *s;
  double severity = 0;

  g_ptr_array_add (self->categories, c);
  g_string_printf (where, "categories[%u]", index);

  s = get_string (obj, "id", TRUE, origin, where->str, error);
  if (s == NULL)
    return FALSE;
  if (!vigie_category_id_is_valid (s))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) vigie_category_ids);
      g_autofree char *msg = g_strdup_printf (_("unknown category id “%s” (the ids are: %s)"),
                                              s, list);
      return invalid (error, origin, where->str, msg);
    }
  if (vigie_policy_lookup_category (self, s) != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("the category “%s” is defined twice"), s);
      return invalid (error, origin, where->str, msg);
    }
  c->id = g_strdup (s);
  g_string_append_printf (where, " (“%s”)", s);

  if (!get_bool (obj, "triage", &c->triage, origin, where->str, error) ||
      !get_bilingual (obj, "label", &c->label_fr, &c->label_en, origin, where->str, error) ||
      !get_bilingual (obj, "description", &c->description_fr, &c->description_en, origin,
                      where->str, error) ||
      !get_number (obj, "severity", TRUE, 1, 5, &severity, origin, where->str, error) ||
      !get_bool (obj, "escalate", &c->escalate, origin, where->str, error) ||
      !get_bool (obj, "urgent", &c->urgent, origin, where->str, error) ||
      !get_strv (obj, "approval", FALSE, &c->approval, origin, where->str, error) ||
      !get_strv (obj, "immediate", FALSE, &c->immediate, origin, where->str, error))
    return FALSE;
  if (severity != (int) severity)
    return invalid (error, origin, where->str, _("“severity” must be a whole number"));
  c->severity = severity;

  s = get_string (obj, "action", TRUE, origin, where->str, error);
  if (s == NULL)
    return FALSE;
  if (!g_strv_contains (actions, s))
    {
      g_autofree char *msg = g_strdup_printf (_("unknown action “%s”"), s);
      return invalid (error, origin, where->str, msg);
    }
  c->action = g_strdup (s);
  for (guint i = 0; c->approval[i]; i++)
    {
      /* "reply:named": only when the comment names a person */
      const char *colon = strchr (c->approval[i], ':');
      g_autofree char *action = g_strndup (c->approval[i],
                                           colon ? (gsize) (colon - c->approval[i]) : strlen (c->approval[i]));

      if (!g_strv_contains (actions, action) ||
          (colon != NULL && strcmp (colon + 1, "named") != 0))
        {
          g_autofree char *msg = g_strdup_printf (_("unknown action “%s” in “approval”"),
                                                  c->approval[i]);
          return invalid (error, origin, where->str, msg);
        }
    }
  for (guint i = 0; c->immediate[i]; i++)
    if (!g_strv_contains (actions, c->immediate[i]))
      {
        g_autofree char *msg = g_strdup_printf (_("unknown action “%s” in “immediate”"),
                                                c->immediate[i]);
        return invalid (error, origin, where->str, msg);
      }

  clauses = get_array (obj, "clauses", TRUE, origin, where->str, error);
  if (clauses == NULL)
    return FALSE;
  c->n_clauses = json_array_get_length (clauses);
  c->clauses = g_new0 (VigieClause, c->n_clauses);
  for (guint i = 0; i < c->n_clauses; i++)
    {
      JsonNode *node = json_array_get_element (clauses, i);
      g_autofree char *place = g_strdup_printf ("%s.clauses[%u]", where->str, i);
      JsonObject *co;
      JsonObject *doc;
      const char *ref, *document, *section, *text, *title;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, origin, place, _("a clause must be an object"));
      co = json_node_get_object (node);
      if ((ref = get_string (co, "ref", TRUE, origin, place, error)) == NULL ||
          (document = get_string (co, "document", TRUE, origin, place, error)) == NULL ||
          (section = get_string (co, "section", TRUE, origin, place, error)) == NULL ||
          (text = get_string (co, "text", TRUE, origin, place, error)) == NULL)
        return FALSE;
      doc = docs ? json_object_get_object_member (docs, document) : NULL;
      if (doc == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("the document “%s” is not in “documents”"),
                                                  document);
          return invalid (error, origin, place, msg);
        }
      title = json_object_get_string_member_with_default (doc, "title", document);
      c->clauses[i].ref = g_strdup (ref);
      c->clauses[i].document = g_strdup (title);
      c->clauses[i].section = g_strdup (section);
      c->clauses[i].text = g_strdup (text);
    }
  return TRUE;
}

static gboolean
parse_rule (VigiePolicy  *self,
            JsonObject   *obj,
            guint         index,
            GHashTable   *rule_ids,
            const char   *origin,
            GError      **error)
{
  g_autoptr(GString) where = g_string_new (NULL);
  VigieRule *r = g_new0 (VigieRule, 1);
  g_auto(GStrv) contrast = NULL;
  const char *s;

  g_ptr_array_add (self->rules, r);
  r->params = json_object_ref (obj);
  g_string_printf (where, "rules[%u]", index);

  s = get_string (obj, "id", TRUE, origin, where->str, error);
  if (s == NULL)
    return FALSE;
  if (g_hash_table_contains (rule_ids, s))
    {
      g_autofree char *msg = g_strdup_printf (_("the rule id “%s” is used twice"), s);
      return invalid (error, origin, where->str, msg);
    }
  r->id = g_strdup (s);
  g_hash_table_add (rule_ids, r->id);
  g_string_append_printf (where, " (“%s”)", s);

  s = get_string (obj, "category", TRUE, origin, where->str, error);
  if (s == NULL)
    return FALSE;
  if (vigie_policy_lookup_category (self, s) == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("the category “%s” is not in “categories”"), s);
      return invalid (error, origin, where->str, msg);
    }
  r->category = g_intern_string (s);

  if (!get_strv (obj, "also", FALSE, &r->also, origin, where->str, error) ||
      !get_strv (obj, "contrast", FALSE, &contrast, origin, where->str, error) ||
      !get_strv (obj, "requires", FALSE, &r->requires, origin, where->str, error) ||
      !get_strv (obj, "unless", FALSE, &r->unless, origin, where->str, error) ||
      !get_bool (obj, "negated", &r->negation_required, origin, where->str, error) ||
      !get_bool (obj, "cross_sentence", &r->cross_sentence, origin, where->str, error) ||
      !get_bool (obj, "once", &r->once, origin, where->str, error) ||
      !get_number (obj, "score", TRUE, 0.01, 1.0, &r->score, origin, where->str, error))
    return FALSE;
  for (guint i = 0; r->also[i]; i++)
    if (vigie_policy_lookup_category (self, r->also[i]) == NULL)
      {
        g_autofree char *msg = g_strdup_printf (_("the category “%s” is not in “categories”"),
                                                r->also[i]);
        return invalid (error, origin, where->str, msg);
      }
  for (guint i = 0; contrast[i]; i++)
    {
      if (g_str_equal (contrast[i], "quote"))
        r->contrast |= VIGIE_CONTRAST_QUOTE;
      else if (g_str_equal (contrast[i], "report"))
        r->contrast |= VIGIE_CONTRAST_REPORT;
      else if (g_str_equal (contrast[i], "counter"))
        r->contrast |= VIGIE_CONTRAST_COUNTER;
      else if (g_str_equal (contrast[i], "negation"))
        r->contrast |= VIGIE_CONTRAST_NEGATION;
      else if (g_str_equal (contrast[i], "self"))
        r->contrast |= VIGIE_CONTRAST_SELF;
      else
        {
          g_autofree char *msg =
            g_strdup_printf (_("unknown contrast “%s” (quote, report, counter, negation or self)"),
                             contrast[i]);
          return invalid (error, origin, where->str, msg);
        }
    }
  for (guint i = 0; r->requires[i]; i++)
    if (!check_class (self, r->requires[i], origin, where->str, error))
      return FALSE;
  {
    static const char * const class_params[] = { "not_after", "cue", "unless_before", NULL };
    for (guint i = 0; class_params[i]; i++)
      {
        const char *k = get_string (obj, class_params[i], FALSE, origin, where->str, error);
        if (k == NULL && error && *error)
          return FALSE;
        if (k != NULL && !check_class (self, k, origin, where->str, error))
          return FALSE;
      }
  }
  for (guint i = 0; r->unless[i]; i++)
    if (!check_class (self, r->unless[i], origin, where->str, error))
      return FALSE;

  s = get_string (obj, "clause", FALSE, origin, where->str, error);
  if (s == NULL && error && *error)
    return FALSE;
  if (s != NULL)
    {
      const VigieCategory *c = vigie_policy_lookup_category (self, r->category);
      gboolean found = FALSE;
      for (guint i = 0; i < c->n_clauses; i++)
        if (g_str_equal (c->clauses[i].ref, s))
          found = TRUE;
      if (!found)
        {
          g_autofree char *msg =
            g_strdup_printf (_("the clause “%s” is not one of the category’s clauses"), s);
          return invalid (error, origin, where->str, msg);
        }
      r->clause = g_strdup (s);
    }

  s = get_string (obj, "kind", TRUE, origin, where->str, error);
  if (s == NULL)
    return FALSE;
  if (g_str_equal (s, "lexicon"))
    {
      const char *klass;
      r->kind = VIGIE_RULE_LEXICON;
      klass = get_string (obj, "class", TRUE, origin, where->str, error);
      if (klass == NULL || !check_class (self, klass, origin, where->str, error))
        return FALSE;
      r->lexicon_class = g_strdup (klass);
    }
  else if (g_str_equal (s, "pattern"))
    {
      g_auto(GStrv) patterns = NULL;
      r->kind = VIGIE_RULE_PATTERN;
      if (!get_strv (obj, "patterns", TRUE, &patterns, origin, where->str, error))
        return FALSE;
      if (patterns[0] == NULL)
        return invalid (error, origin, where->str, _("“patterns” is empty"));
      r->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) _vigie_pattern_free);
      for (guint i = 0; patterns[i]; i++)
        {
          g_autofree char *place = g_strdup_printf ("%s: %s.patterns[%u]", origin, where->str, i);
          g_autofree char *place2 = g_strdup_printf ("%s.patterns[%u]", where->str, i);
          VigiePattern *p = _vigie_pattern_parse (patterns[i], place, error);
          if (p == NULL)
            return FALSE;
          g_ptr_array_add (r->patterns, p);
          for (guint k = 0; k < p->elems->len; k++)
            {
              VigiePatElem *e = &g_array_index (p->elems, VigiePatElem, k);
              for (guint a = 0; e->alts && a < e->alts->len; a++)
                {
                  const char *alt = g_ptr_array_index (e->alts, a);
                  if ((alt[0] == '@' || alt[0] == '#') &&
                      !check_class (self, alt, origin, place2, error))
                    return FALSE;
                }
            }
        }
    }
  else if (g_str_equal (s, "detector"))
    {
      const char *d;
      r->kind = VIGIE_RULE_DETECTOR;
      d = get_string (obj, "detector", TRUE, origin, where->str, error);
      if (d == NULL)
        return FALSE;
      if (!g_strv_contains (detectors, d))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) detectors);
          g_autofree char *msg = g_strdup_printf (_("unknown detector “%s” (the detectors are: %s)"),
                                                  d, list);
          return invalid (error, origin, where->str, msg);
        }
      r->detector = g_strdup (d);
    }
  else
    {
      g_autofree char *msg =
        g_strdup_printf (_("unknown rule kind “%s” (lexicon, pattern or detector)"), s);
      return invalid (error, origin, where->str, msg);
    }
  return TRUE;
}

static gboolean
load (VigiePolicy  *self,
      const char   *data,
      gssize        len,
      const char   *origin,
      const char   *base_dir,
      GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) rule_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) lexicons = NULL;
  JsonObject *root, *docs, *thresholds, *contrast;
  JsonArray *categories, *rules;
  double format = 0;
  const char *s;

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_PARSE,
                   _("%s: not a valid policy file: %s"), origin, local_error->message);
      return FALSE;
    }
  self->root = json_node_ref (json_parser_get_root (parser));
  if (!JSON_NODE_HOLDS_OBJECT (self->root))
    return invalid (error, origin, _("top level"), _("the policy must be a JSON object"));
  root = json_node_get_object (self->root);

  if (!get_number (root, "format", TRUE, 1, 1, &format, origin, _("top level"), error))
    return FALSE;
  s = get_string (root, "id", TRUE, origin, _("top level"), error);
  if (s == NULL)
    return FALSE;
  self->id = g_strdup (s);
  if (!get_bilingual (root, "name", &self->name_fr, &self->name_en, origin, _("top level"), error))
    return FALSE;
  docs = get_object (root, "documents", origin, _("top level"), error);
  if (docs == NULL)
    return FALSE;
  if (!get_strv (root, "allowed_domains", FALSE, &self->allowed_domains, origin, _("top level"),
                 error) ||
      !get_strv (root, "approval", FALSE, &self->approval, origin, _("top level"), error))
    return FALSE;
  for (guint i = 0; self->approval[i]; i++)
    if (!g_strv_contains (actions, self->approval[i]))
      {
        g_autofree char *msg = g_strdup_printf (_("unknown action “%s” in “approval”"),
                                                self->approval[i]);
        return invalid (error, origin, _("top level"), msg);
      }

  if (json_object_has_member (root, "thresholds"))
    {
      thresholds = get_object (root, "thresholds", origin, _("top level"), error);
      if (thresholds == NULL ||
          !get_number (thresholds, "flag", TRUE, 0.01, 1, &self->thresholds.flag, origin,
                       "thresholds", error) ||
          !get_number (thresholds, "low", FALSE, 0.01, 1, &self->thresholds.low, origin,
                       "thresholds", error) ||
          !get_number (thresholds, "high", FALSE, 0.01, 1, &self->thresholds.high, origin,
                       "thresholds", error))
        return FALSE;
    }

  /* Lexicons first: rules refer to their classes */
  if (!get_strv (root, "lexicons", TRUE, &lexicons, origin, _("top level"), error))
    return FALSE;
  for (guint i = 0; lexicons[i]; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) lex_error = NULL;
      gsize size;
      const char *text;

      bytes = load_data_file (lexicons[i], base_dir, &lex_error);
      if (bytes == NULL)
        {
          g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_NOT_FOUND,
                       "%s: lexicons[%u]: %s", origin, i, lex_error->message);
          return FALSE;
        }
      text = g_bytes_get_data (bytes, &size);
      if (!_vigie_lexicon_parse (self->classes, text, size, lexicons[i], error))
        {
          g_prefix_error (error, "%s: ", origin);
          return FALSE;
        }
    }

  if (json_object_has_member (root, "contrast"))
    {
      const char *report, *counter, *negation, *cancel, *report_cancel, *self_cue, *self_after;
      double window = 4;

      contrast = get_object (root, "contrast", origin, _("top level"), error);
      if (contrast == NULL)
        return FALSE;
      report = get_string (contrast, "report", FALSE, origin, "contrast", error);
      counter = get_string (contrast, "counter", FALSE, origin, "contrast", error);
      negation = get_string (contrast, "negation", FALSE, origin, "contrast", error);
      cancel = get_string (contrast, "negation_cancel", FALSE, origin, "contrast", error);
      report_cancel = get_string (contrast, "report_cancel", FALSE, origin, "contrast", error);
      self_cue = get_string (contrast, "self", FALSE, origin, "contrast", error);
      self_after = get_string (contrast, "self_after", FALSE, origin, "contrast", error);
      if ((error && *error) ||
          !get_number (contrast, "window", FALSE, 1, 20, &window, origin, "contrast", error))
        return FALSE;
      if ((report && !check_class (self, report, origin, "contrast", error)) ||
          (counter && !check_class (self, counter, origin, "contrast", error)) ||
          (negation && !check_class (self, negation, origin, "contrast", error)) ||
          (cancel && !check_class (self, cancel, origin, "contrast", error)) ||
          (report_cancel && !check_class (self, report_cancel, origin, "contrast", error)) ||
          (self_cue && !check_class (self, self_cue, origin, "contrast", error)) ||
          (self_after && !check_class (self, self_after, origin, "contrast", error)))
        return FALSE;
      self->contrast_report = g_strdup (report);
      self->contrast_counter = g_strdup (counter);
      self->contrast_negation = g_strdup (negation);
      self->contrast_negation_cancel = g_strdup (cancel);
      self->contrast_report_cancel = g_strdup (report_cancel);
      self->contrast_self = g_strdup (self_cue);
      self->contrast_self_after = g_strdup (self_after);
      self->contrast_window = window;
    }

  categories = get_array (root, "categories", TRUE, origin, _("top level"), error);
  if (categories == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonNode *node = json_array_get_element (categories, i);
      g_autofree char *place = g_strdup_printf ("categories[%u]", i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, origin, place, _("a category must be an object"));
      if (!parse_category (self, docs, json_node_get_object (node), i, origin, error))
        return FALSE;
    }

  rules = get_array (root, "rules", TRUE, origin, _("top level"), error);
  if (rules == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonNode *node = json_array_get_element (rules, i);
      g_autofree char *place = g_strdup_printf ("rules[%u]", i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, origin, place, _("a rule must be an object"));
      if (!parse_rule (self, json_node_get_object (node), i, rule_ids, origin, error))
        return FALSE;
    }
  return TRUE;
}

VigiePolicy *
vigie_policy_new_from_data (const char  *data,
                            gssize       len,
                            const char  *origin,
                            const char  *base_dir,
                            GError     **error)
{
  g_autoptr(VigiePolicy) self = g_object_new (VIGIE_TYPE_POLICY, NULL);

  g_return_val_if_fail (data != NULL, NULL);

  if (origin == NULL)
    origin = _("policy");
  if (!load (self, data, len, origin, base_dir, error))
    return NULL;
  return g_steal_pointer (&self);
}

VigiePolicy *
vigie_policy_new_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_NOT_FOUND,
                   _("Cannot read the policy file: %s"), local_error->message);
      return NULL;
    }
  dir = g_path_get_dirname (path);
  return vigie_policy_new_from_data (contents, len, path, dir, error);
}

VigiePolicy *
vigie_policy_new_from_resource (const char  *resource_path,
                                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data;

  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_NOT_FOUND,
                   _("Cannot read the built-in policy “%s”: %s"), resource_path,
                   local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  return vigie_policy_new_from_data (data, len, resource_path, NULL, error);
}

VigiePolicy *
vigie_policy_new_default (GError **error)
{
  return vigie_policy_new_from_resource (VIGIE_POLICY_DEFAULT_RESOURCE, error);
}

const char *
vigie_policy_get_id (VigiePolicy *self)
{
  g_return_val_if_fail (VIGIE_IS_POLICY (self), NULL);
  return self->id;
}

const char *
vigie_policy_get_name (VigiePolicy *self,
                       const char  *lang)
{
  g_return_val_if_fail (VIGIE_IS_POLICY (self), NULL);
  return g_strcmp0 (lang, "en") == 0 ? self->name_en : self->name_fr;
}

guint
vigie_policy_get_n_categories (VigiePolicy *self)
{
  g_return_val_if_fail (VIGIE_IS_POLICY (self), 0);
  return self->categories->len;
}

const VigieCategory *
vigie_policy_get_category (VigiePolicy *self,
                           guint        index)
{
  g_return_val_if_fail (VIGIE_IS_POLICY (self), NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);
  return g_ptr_array_index (self->categories, index);
}

const VigieCategory *
vigie_policy_lookup_category (VigiePolicy *self,
                              const char  *id)
{
  g_return_val_if_fail (VIGIE_IS_POLICY (self), NULL);

  for (guint i = 0; i < self->categories->len; i++)
    {
      const VigieCategory *c = g_ptr_array_index (self->categories, i);
      if (c->id != NULL && g_strcmp0 (c->id, id) == 0)
        return c;
    }
  return NULL;
}

const char * const *
vigie_policy_get_allowed_domains (VigiePolicy *self)
{
  g_return_val_if_fail (VIGIE_IS_POLICY (self), NULL);
  return (const char * const *) self->allowed_domains;
}

const char *
vigie_category_get_label (const VigieCategory *category,
                          const char          *lang)
{
  return g_strcmp0 (lang, "en") == 0 ? category->label_en : category->label_fr;
}

const char *
vigie_category_get_description (const VigieCategory *category,
                                const char          *lang)
{
  return g_strcmp0 (lang, "en") == 0 ? category->description_en : category->description_fr;
}

gboolean
vigie_category_needs_approval (const VigieCategory *category,
                               const char          *action)
{
  return category->approval != NULL && g_strv_contains ((const char * const *) category->approval,
                                                        action);
}

/* Whether @word (casefolded, without accents) is a term of the lexicon
 * class @name */
static gboolean
class_has_word (VigiePolicy *self,
                const char  *name,
                const char  *word)
{
  VigieLexClass *class = g_hash_table_lookup (self->classes, name);

  if (class == NULL)
    return FALSE;
  for (guint i = 0; i < class->terms->len; i++)
    {
      VigieLexTerm *term = g_ptr_array_index (class->terms, i);
      g_autofree char *folded = g_utf8_casefold (term->source, -1);
      g_autofree char *ascii = g_str_to_ascii (folded, "C");

      if (strcmp (ascii, word) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
vigie_policy_text_names_person (VigiePolicy *self,
                                const char  *text)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  const char *p, *start = NULL;

  g_return_val_if_fail (VIGIE_IS_POLICY (self), FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  /* Words: runs of letters ("l'infirmière" is "l" and "infirmière") */
  for (p = text;; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      gboolean letter = ch != 0 && g_unichar_isalpha (ch);

      if (letter && start == NULL)
        start = p;
      else if (!letter && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (ch == 0)
        break;
    }

  /* A professional title or a first name, then a capitalised word:
   * "Dre Gagnon", "l'infirmière Julie", "Julie Tremblay" */
  for (guint i = 0; i + 1 < words->len; i++)
    {
      const char *next = g_ptr_array_index (words, i + 1);
      g_autofree char *folded = NULL;
      g_autofree char *ascii = NULL;

      if (!g_unichar_isupper (g_utf8_get_char (next)) || g_utf8_strlen (next, -1) < 2)
        continue;
      folded = g_utf8_casefold (g_ptr_array_index (words, i), -1);
      ascii = g_str_to_ascii (folded, "C");
      if (class_has_word (self, "title_pro", ascii) || class_has_word (self, "first_name", ascii))
        return TRUE;
    }
  return FALSE;
}

VigieApprovalRule
vigie_policy_get_approval_rule (VigiePolicy        *self,
                                const char         *action,
                                const char * const *categories,
                                const char         *text)
{
  VigieApprovalRule rule = VIGIE_APPROVAL_RULE_NONE;
  int named = -1;   /* not looked at yet */

  g_return_val_if_fail (VIGIE_IS_POLICY (self), VIGIE_APPROVAL_RULE_NONE);
  g_return_val_if_fail (action != NULL, VIGIE_APPROVAL_RULE_NONE);

  if (self->approval != NULL && g_strv_contains ((const char * const *) self->approval, action))
    rule = VIGIE_APPROVAL_RULE_REQUIRED;

  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      const VigieCategory *c = vigie_policy_lookup_category (self, categories[i]);

      if (c == NULL)
        continue;
      if (c->immediate != NULL && g_strv_contains ((const char * const *) c->immediate, action))
        return VIGIE_APPROVAL_RULE_IMMEDIATE;
      for (guint j = 0; c->approval != NULL && c->approval[j] != NULL; j++)
        {
          const char *entry = c->approval[j];
          gsize len = strlen (action);

          if (strncmp (entry, action, len) != 0)
            continue;
          if (entry[len] == '\0')
            rule = VIGIE_APPROVAL_RULE_REQUIRED;
          else if (strcmp (entry + len, ":named") == 0)
            {
              if (named < 0)
                named = vigie_policy_text_names_person (self, text);
              if (named)
                rule = VIGIE_APPROVAL_RULE_REQUIRED;
            }
        }
    }
  return rule;
}

GHashTable *
_vigie_policy_get_classes (VigiePolicy *self)
{
  return self->classes;
}

GPtrArray *
_vigie_policy_get_rules (VigiePolicy *self)
{
  return self->rules;
}

VigieThresholds
_vigie_policy_get_thresholds (VigiePolicy *self)
{
  return self->thresholds;
}

const char *
_vigie_policy_get_contrast_class (VigiePolicy *self,
                                  const char  *what)
{
  if (g_str_equal (what, "report"))
    return self->contrast_report;
  if (g_str_equal (what, "counter"))
    return self->contrast_counter;
  if (g_str_equal (what, "negation"))
    return self->contrast_negation;
  if (g_str_equal (what, "negation_cancel"))
    return self->contrast_negation_cancel;
  if (g_str_equal (what, "report_cancel"))
    return self->contrast_report_cancel;
  if (g_str_equal (what, "self"))
    return self->contrast_self;
  if (g_str_equal (what, "self_after"))
    return self->contrast_self_after;
  return NULL;
}

guint
_vigie_policy_get_contrast_window (VigiePolicy *self)
{
  return self->contrast_window;
}

const char *
vigie_policy_get_interface_language (void)
{
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_has_prefix (languages[i], "fr"))
        return "fr";
      if (g_str_has_prefix (languages[i], "en"))
        return "en";
    }
  return "en";
}
