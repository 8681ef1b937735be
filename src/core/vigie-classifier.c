/* vigie-classifier.c — flags comments with the clause they break and why
 *
 * One pass of a multi-pattern matcher over the normalised text finds every
 * lexicon term and every word the patterns use; patterns are then tried only
 * where their first element was found. Detectors read the original text.
 * Evidence is weighed per category (noisy-or of the rules that fired) and
 * every flag keeps the spans of the original text that triggered it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-classifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vigie-classifier.h"
#include "vigie-detect.h"
#include "vigie-matcher.h"
#include "vigie-normalize.h"
#include "vigie-policy-private.h"

G_DEFINE_QUARK (vigie-classifier-error-quark, vigie_classifier_error)

/* Classifications */

typedef struct
{
  VigieClassification  public;
  gatomicrefcount      ref;
} ClassificationPrivate;

G_DEFINE_BOXED_TYPE (VigieClassification, vigie_classification,
                     vigie_classification_ref, vigie_classification_unref)

static void
flag_clear (gpointer data)
{
  VigieFlag *f = data;
  g_clear_pointer (&f->spans, g_array_unref);
}

static const char *interned_none;
static const char *interned_fr;
static const char *interned_en;

static void
init_interned (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      interned_none = g_intern_static_string ("none");
      interned_fr = g_intern_static_string ("fr");
      interned_en = g_intern_static_string ("en");
      g_once_init_leave (&once, 1);
    }
}

VigieClassification *
vigie_classification_new (void)
{
  ClassificationPrivate *p = g_new0 (ClassificationPrivate, 1);

  init_interned ();
  g_atomic_ref_count_init (&p->ref);
  p->public.flags = g_array_new (FALSE, TRUE, sizeof (VigieFlag));
  g_array_set_clear_func (p->public.flags, flag_clear);
  p->public.action = interned_none;
  p->public.lang = interned_fr;
  return &p->public;
}

VigieClassification *
vigie_classification_ref (VigieClassification *self)
{
  ClassificationPrivate *p = (ClassificationPrivate *) self;
  g_atomic_ref_count_inc (&p->ref);
  return self;
}

void
vigie_classification_unref (VigieClassification *self)
{
  ClassificationPrivate *p = (ClassificationPrivate *) self;

  if (self == NULL)
    return;
  if (g_atomic_ref_count_dec (&p->ref))
    {
      g_array_unref (self->flags);
      g_free (p);
    }
}

const VigieFlag *
vigie_classification_get_flag (const VigieClassification *self,
                               const char                *category)
{
  for (guint i = 0; i < self->flags->len; i++)
    {
      const VigieFlag *f = &g_array_index (self->flags, VigieFlag, i);
      if (g_strcmp0 (f->category, category) == 0)
        return f;
    }
  return NULL;
}

#define json_put vigie_string_put

#define JSON_PUT_LIT(out, lit) json_put ((out), (lit), sizeof (lit) - 1)

/* "%.2f" of a score, as g_ascii_formatd() writes it, remembered: a
 * policy gives few different scores */
static void
json_put_score (GString *out,
                double   score)
{
  static _Thread_local struct { guint64 bits; char str[15]; guint8 len; } cache[64];
  guint64 bits;
  guint slot;

  memcpy (&bits, &score, sizeof bits);
  slot = (guint) ((bits * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 58);
  if (cache[slot].len == 0 || cache[slot].bits != bits)
    {
      char buf[16];
      gsize n;

      g_ascii_formatd (buf, sizeof buf, "%.2f", score);
      n = strlen (buf);
      if (n >= sizeof cache[slot].str)
        {
          json_put (out, buf, n);
          return;
        }
      memcpy (cache[slot].str, buf, n);
      cache[slot].len = n;
      cache[slot].bits = bits;
    }
  json_put (out, cache[slot].str, cache[slot].len);
}

void
vigie_append_json_string_len (GString    *out,
                              const char *s,
                              const char *end)
{
  static const char hex[] = "0123456789abcdef";
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = ones * 0x80;

  if (s == NULL)
    {
      JSON_PUT_LIT (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      /* Runs that need no escaping are copied at once */
      const unsigned char *run = p;

      /* eight bytes at a time up to @end, while none needs escaping */
      while (end != NULL && p + 8 <= (const unsigned char *) end)
        {
          guint64 x, q, b;

          memcpy (&x, p, 8);
          q = x ^ (ones * '"');
          b = x ^ (ones * '\\');
          if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high)
            break;
          p += 8;
        }
      while (*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        json_put (out, (const char *) run, p - run);
      if (*p == '\0')
        break;
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[*p >> 4]);
              g_string_append_c (out, hex[*p & 0xf]);
            }
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

void
vigie_append_json_string (GString    *out,
                          const char *s)
{
  vigie_append_json_string_len (out, s, NULL);
}

/* Decimal digits without printf(): it runs for every span of every comment */
static inline void
append_uint (GString *out,
             guint32  v)
{
  char buf[10];
  guint n = 0;

  do
    {
      buf[sizeof buf - ++n] = '0' + v % 10;
      v /= 10;
    }
  while (v != 0);
  json_put (out, buf + sizeof buf - n, n);
}

static void
append_spans (GString *out,
              GArray  *spans)
{
  g_string_append_c (out, '[');
  for (guint i = 0; spans && i < spans->len; i++)
    {
      VigieSpan *s = &g_array_index (spans, VigieSpan, i);
      if (i > 0)
        JSON_PUT_LIT (out, ",[");
      else
        g_string_append_c (out, '[');
      append_uint (out, s->start);
      g_string_append_c (out, ',');
      append_uint (out, s->end);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

char *
vigie_spans_to_json (GArray *spans)
{
  GString *out = g_string_new (NULL);
  append_spans (out, spans);
  return g_string_free (out, FALSE);
}

GArray *
vigie_spans_from_json (const char *json)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (VigieSpan));
  const char *p = json;

  /* "[[a,b],[c,d]]": read pairs of numbers */
  while (p && *p)
    {
      char *end;
      guint64 a, b;

      while (*p && !g_ascii_isdigit (*p))
        p++;
      if (!*p)
        break;
      a = g_ascii_strtoull (p, &end, 10);
      p = end;
      while (*p && !g_ascii_isdigit (*p))
        p++;
      if (!*p)
        break;
      b = g_ascii_strtoull (p, &end, 10);
      p = end;
      {
        VigieSpan s = { a, b };
        g_array_append_val (spans, s);
      }
    }
  return spans;
}

void
vigie_classification_append_json (const VigieClassification *self,
                                  GString                   *out,
                                  gboolean                   with_lang)
{
  if (with_lang)
    {
      JSON_PUT_LIT (out, ",\"lang\":");
      vigie_append_json_string (out, self->lang);
    }
  JSON_PUT_LIT (out, ",\"flags\":[");
  for (guint i = 0; i < self->flags->len; i++)
    {
      const VigieFlag *f = &g_array_index (self->flags, VigieFlag, i);

      if (i > 0)
        g_string_append_c (out, ',');
      JSON_PUT_LIT (out, "{\"category\":");
      vigie_append_json_string (out, f->category);
      JSON_PUT_LIT (out, ",\"clause\":");
      vigie_append_json_string (out, f->clause);
      JSON_PUT_LIT (out, ",\"rule\":");
      vigie_append_json_string (out, f->rule);
      JSON_PUT_LIT (out, ",\"score\":");
      json_put_score (out, f->score);
      JSON_PUT_LIT (out, ",\"spans\":");
      append_spans (out, f->spans);
      g_string_append_c (out, '}');
    }
  JSON_PUT_LIT (out, "],\"action\":");
  vigie_append_json_string (out, self->action);
  if (self->urgent)
    JSON_PUT_LIT (out, ",\"urgent\":true");
  else
    JSON_PUT_LIT (out, ",\"urgent\":false");
}

/* Settings */

struct _VigieClassifierSettings
{
  GHashTable       *terms;     /* category → GPtrArray of char* */
  GPtrArray        *domains;
  GPtrArray        *allowed;
  VigieSensitivity  sensitivity;
};

G_DEFINE_BOXED_TYPE (VigieClassifierSettings, vigie_classifier_settings,
                     vigie_classifier_settings_copy, vigie_classifier_settings_free)

static GPtrArray *
new_strv_array (void)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (a, NULL);
  return a;
}

static void
strv_array_add (GPtrArray  *a,
                const char *s)
{
  for (guint i = 0; i + 1 < a->len; i++)
    if (g_str_equal (g_ptr_array_index (a, i), s))
      return;
  g_ptr_array_insert (a, a->len - 1, g_strdup (s));
}

VigieClassifierSettings *
vigie_classifier_settings_new (void)
{
  VigieClassifierSettings *self = g_new0 (VigieClassifierSettings, 1);

  self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->domains = new_strv_array ();
  self->allowed = new_strv_array ();
  self->sensitivity = VIGIE_SENSITIVITY_NORMAL;
  return self;
}

VigieClassifierSettings *
vigie_classifier_settings_copy (const VigieClassifierSettings *self)
{
  VigieClassifierSettings *copy = vigie_classifier_settings_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->terms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *a = value;
      for (guint i = 0; i + 1 < a->len; i++)
        vigie_classifier_settings_add_term (copy, key, g_ptr_array_index (a, i));
    }
  for (guint i = 0; i + 1 < self->domains->len; i++)
    strv_array_add (copy->domains, g_ptr_array_index (self->domains, i));
  for (guint i = 0; i + 1 < self->allowed->len; i++)
    strv_array_add (copy->allowed, g_ptr_array_index (self->allowed, i));
  copy->sensitivity = self->sensitivity;
  return copy;
}

void
vigie_classifier_settings_free (VigieClassifierSettings *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->terms);
  g_ptr_array_unref (self->domains);
  g_ptr_array_unref (self->allowed);
  g_free (self);
}

void
vigie_classifier_settings_add_term (VigieClassifierSettings *self,
                                    const char              *category,
                                    const char              *term)
{
  GPtrArray *a;

  g_return_if_fail (category != NULL && term != NULL);

  a = g_hash_table_lookup (self->terms, category);
  if (a == NULL)
    {
      a = new_strv_array ();
      g_hash_table_insert (self->terms, g_strdup (category), a);
    }
  strv_array_add (a, term);
}

void
vigie_classifier_settings_allow_domain (VigieClassifierSettings *self,
                                        const char              *domain)
{
  g_autofree char *lower = g_ascii_strdown (domain, -1);
  strv_array_add (self->domains, lower);
}

void
vigie_classifier_settings_allow_term (VigieClassifierSettings *self,
                                      const char              *term)
{
  strv_array_add (self->allowed, term);
}

void
vigie_classifier_settings_set_sensitivity (VigieClassifierSettings *self,
                                           VigieSensitivity         sensitivity)
{
  self->sensitivity = sensitivity;
}

VigieSensitivity
vigie_classifier_settings_get_sensitivity (const VigieClassifierSettings *self)
{
  return self->sensitivity;
}

const char * const *
vigie_classifier_settings_get_terms (const VigieClassifierSettings *self,
                                     const char                    *category)
{
  static const char * const empty[] = { NULL };
  GPtrArray *a = g_hash_table_lookup (self->terms, category);
  return a ? (const char * const *) a->pdata : empty;
}

const char * const *
vigie_classifier_settings_get_allowed_domains (const VigieClassifierSettings *self)
{
  return (const char * const *) self->domains->pdata;
}

const char * const *
vigie_classifier_settings_get_allowed_terms (const VigieClassifierSettings *self)
{
  return (const char * const *) self->allowed->pdata;
}

static const char *
sensitivity_to_string (VigieSensitivity s)
{
  switch (s)
    {
    case VIGIE_SENSITIVITY_LOW: return "low";
    case VIGIE_SENSITIVITY_HIGH: return "high";
    case VIGIE_SENSITIVITY_NORMAL:
    default: return "normal";
    }
}

char *
vigie_classifier_settings_to_json (const VigieClassifierSettings *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) keys = g_hash_table_get_keys (self->terms);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sensitivity");
  json_builder_add_string_value (b, sensitivity_to_string (self->sensitivity));
  json_builder_set_member_name (b, "terms");
  json_builder_begin_object (b);
  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  for (GList *l = keys; l; l = l->next)
    {
      GPtrArray *a = g_hash_table_lookup (self->terms, l->data);
      json_builder_set_member_name (b, l->data);
      json_builder_begin_array (b);
      for (guint i = 0; i + 1 < a->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (a, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "allowed_domains");
  json_builder_begin_array (b);
  for (guint i = 0; i + 1 < self->domains->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (self->domains, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "allowed_terms");
  json_builder_begin_array (b);
  for (guint i = 0; i + 1 < self->allowed->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (self->allowed, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
read_string_list (JsonObject  *obj,
                  const char  *member,
                  GPtrArray   *into,
                  gboolean     lower,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  JsonArray *a;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  a = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        goto bad;
      if (lower)
        {
          g_autofree char *l = g_ascii_strdown (json_node_get_string (e), -1);
          strv_array_add (into, l);
        }
      else
        strv_array_add (into, json_node_get_string (e));
    }
  return TRUE;

bad:
  g_set_error (error, VIGIE_CLASSIFIER_ERROR, VIGIE_CLASSIFIER_ERROR_SETTINGS,
               _("Classifier settings: “%s” must be a list of strings"), member);
  return FALSE;
}

VigieClassifierSettings *
vigie_classifier_settings_new_from_json (const char  *json,
                                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VigieClassifierSettings) self = vigie_classifier_settings_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  const char *s;

  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, VIGIE_CLASSIFIER_ERROR, VIGIE_CLASSIFIER_ERROR_SETTINGS,
                   _("Classifier settings: not a JSON object%s%s"),
                   local_error ? ": " : "", local_error ? local_error->message : "");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  s = json_object_get_string_member_with_default (root, "sensitivity", "normal");
  if (g_strcmp0 (s, "low") == 0)
    self->sensitivity = VIGIE_SENSITIVITY_LOW;
  else if (g_strcmp0 (s, "high") == 0)
    self->sensitivity = VIGIE_SENSITIVITY_HIGH;
  else if (g_strcmp0 (s, "normal") == 0)
    self->sensitivity = VIGIE_SENSITIVITY_NORMAL;
  else
    {
      g_set_error (error, VIGIE_CLASSIFIER_ERROR, VIGIE_CLASSIFIER_ERROR_SETTINGS,
                   _("Classifier settings: unknown sensitivity “%s” (low, normal or high)"), s);
      return NULL;
    }
  if (json_object_has_member (root, "terms"))
    {
      JsonObject *terms = json_object_get_object_member (root, "terms");
      g_autoptr(GList) members = terms ? json_object_get_members (terms) : NULL;
      if (terms == NULL)
        {
          g_set_error (error, VIGIE_CLASSIFIER_ERROR, VIGIE_CLASSIFIER_ERROR_SETTINGS,
                       _("Classifier settings: “terms” must be an object"));
          return NULL;
        }
      for (GList *l = members; l; l = l->next)
        {
          GPtrArray *a = new_strv_array ();
          if (!read_string_list (terms, l->data, a, FALSE, error))
            {
              g_ptr_array_unref (a);
              return NULL;
            }
          for (guint i = 0; i + 1 < a->len; i++)
            vigie_classifier_settings_add_term (self, l->data, g_ptr_array_index (a, i));
          g_ptr_array_unref (a);
        }
    }
  if (!read_string_list (root, "allowed_domains", self->domains, TRUE, error) ||
      !read_string_list (root, "allowed_terms", self->allowed, FALSE, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The compiled classifier */

/* Token classes that patterns can use besides lexicon classes */
enum
{
  PSEUDO_NUM = 0,
  PSEUDO_NUM4,
  PSEUDO_CAP,
  PSEUDO_LINK,
  PSEUDO_EMAIL,
  PSEUDO_MENTION,
  PSEUDO_EMOJI,
  PSEUDO_ANY,
  PSEUDO_QUOTED,
  PSEUDO_CAPS,
  PSEUDO_COMMA,     /* zero-width: the next word comes right after a comma */
  N_PSEUDO
};

static const char * const pseudo_names[N_PSEUDO] = {
  "#num", "#num4", "#cap", "#link", "#email", "#mention", "#emoji", "#any", "#quoted", "#caps",
  "#comma"
};

/* Class ids: lexicon classes and literal words of patterns share one space;
 * pseudo classes come after them, at n_classes + PSEUDO_x. */
enum
{
  ENTRY_GLUED = 1 << 0,   /* found inside a word: check what it is glued to */
  ENTRY_COUNT = 1 << 1,   /* only counted (language detection) */
  ENTRY_JOINED = 1 << 2,  /* a phrase written without its spaces: a whole word is a hit */
};

typedef struct
{
  guint32 klass;
  float   weight;
  guint8  mode;
  guint8  flags;
} Entry;

typedef struct
{
  guint    n_alts;
  guint32 *alts;
  guint8  kind;
  guint8  optional;
  guint8  max_gap;
  guint8  has_pseudo_alt; /* one of the alternatives is a token class */
} CElem;

typedef struct
{
  guint    rule;          /* index in rules */
  guint    index;         /* in all_patterns */
  gboolean anchor_start;
  gboolean anchor_end;
  guint    n_elems;
  CElem   *elems;
  gboolean has_pseudo;    /* an element may be a token class: no pruning */
  guint    n_req;         /* required elements after the first that need a class */
  guint   *req;           /* their indices, fewest alternatives first */
  guint32 *req_alts;      /* the same, side by side: n_alts then the alternatives, for
                           * each in turn, what pattern_possible() reads */
} CPattern;

/* The classes of a required element hashed on 256 bits: a comment whose
 * classes hit none of them cannot match the pattern (a quick test before
 * the exact one, without touching the pattern) */
typedef struct
{
  guint64 bits[2][4];
} PatMask;

static inline void
mask_set (guint64 *bits,
          guint32  klass)
{
  bits[(klass >> 6) & 3] |= G_GUINT64_CONSTANT (1) << (klass & 63);
}

static inline gboolean
mask_meets (const guint64 *a,
            const guint64 *b)
{
  return ((a[0] & b[0]) | (a[1] & b[1]) | (a[2] & b[2]) | (a[3] & b[3])) != 0;
}

/* Every required element of @p has one of its classes in the comment (the
 * elements with fewest alternatives are tried first: they fail soonest) */
static inline gboolean
pattern_possible (const CPattern *p,
                  const guint8   *present)
{
  const guint32 *q = p->req_alts;

  for (guint r = 0; r < p->n_req; r++)
    {
      guint n_alts = *q++;
      gboolean any = FALSE;

      for (guint a = 0; a < n_alts && !any; a++)
        any = present[q[a]];
      if (!any)
        return FALSE;
      q += n_alts;
    }
  return TRUE;
}

typedef enum
{
  DET_NONE,
  DET_PHONE,
  DET_EMAIL,
  DET_LINK,
  DET_RAMQ,
  DET_OHIP,
  DET_SIN,
  DET_POSTAL_CODE,
  DET_MONEY,
  DET_NEAR_DUPLICATE,
  DET_OFFTOPIC,
  DET_REPEATED_TARGETING,
} DetectorKind;

typedef struct
{
  const VigieRule *rule;
  DetectorKind     detector;
  guint32          lexicon_class;   /* VIGIE_RULE_LEXICON */
  guint32         *requires;
  guint            n_requires;
  guint32         *unless;
  guint            n_unless;
  const char      *clause;          /* interned */
  const char      *id;              /* the rule's id, interned */
  GStrv            suppressed_by;   /* categories that cancel it */
  double           score;
  /* detector parameters */
  guint32          cue_class;       /* a class that makes it stronger */
  guint32          contrast_class;  /* a class just before it that cancels it */
  guint32          not_after_class; /* a class on the token just before: not it */
  double           weak_score;
  guint            min_words;
} CRule;

typedef struct
{
  char    *skeleton;             /* with '*' as a wildcard */
  guint32  entry;
} MaskTerm;

struct _VigieClassifier
{
  GObject       parent_instance;

  VigiePolicy  *policy;
  VigieMatcher *matcher;
  GArray       *entries;          /* Entry */
  GPtrArray    *class_names;      /* char*, by class id */
  GHashTable   *class_ids;        /* name → id + 1 */
  guint         n_classes;
  guint8       *class_is_extra;    /* per class: terms added by the settings */
  gboolean      any_extra;         /* one of them is */
  const char  **category_ids;      /* interned, in the policy's order */
  CRule        *rules;
  guint         n_rules;
  GPtrArray   **patterns_by_class; /* [n_classes + N_PSEUDO] → CPattern* */
  GArray      **masks_by_class;    /* [n_classes]: per pattern of patterns_by_class, a
                                    * PatMask of its two most selective required elements */
  GPtrArray    *all_patterns;
  GPtrArray   **lexrules_by_class; /* [n_classes] → guint rule index (GUINT_TO_POINTER + 1) */
  GArray       *mask_terms;       /* MaskTerm */
  GArray       *detector_rules;   /* guint: rules with a detector */
  GPtrArray    *allowed_domains;  /* char* */
  GPtrArray    *allowed_numbers;  /* digits of allowed terms */
  double        threshold;
  guint32       class_report;
  guint32       class_counter;
  guint32       class_negation;
  guint32       class_negation_cancel;
  guint32       class_report_cancel;
  guint32       class_self;
  guint32       class_self_after;
  guint32       class_lang_fr;
  guint32       class_lang_en;
  guint32       class_stop;
  guint32       class_filler;     /* "donc", "ben": skipped inside a term */
  guint32       class_topic;
  guint         contrast_window;
  GHashTable   *glue_words;       /* skeletons a term may be glued to ("so", "much", "those") */
  GHashTable   *real_words;       /* words of guard classes: never read as glued words */
  guint         near_dup_rule;    /* n_rules when absent */
  guint         targeting_rule;   /* n_rules when absent */
  GPrivate      scratch_key;
};

G_DEFINE_FINAL_TYPE (VigieClassifier, vigie_classifier, G_TYPE_OBJECT)

#define NO_CLASS G_MAXUINT32

typedef struct
{
  guint32 t0;         /* tokens [t0, t1) */
  guint32 t1;
  guint32 klass;
  float   weight;
} Hit;

typedef struct
{
  guint   rule;
  guint32 t0, t1;     /* tokens, or G_MAXUINT32 with spans */
  guint32 o0, o1;     /* original bytes when not from tokens */
  double  score;
  const char *category;
} Evidence;

typedef struct
{
  VigieNormalized *norm;
  GArray          *raw_hits;   /* Hit, as found */
  GArray          *hits;       /* Hit, sorted by t0 */
  GArray          *hit_first;  /* guint32 per token + 1: index of its first hit */
  GArray          *tok_at;     /* guint32 per byte */
  GArray          *evidence;   /* Evidence */
  GArray          *detections; /* VigieDetection */
  guint8          *present;    /* per class: found in the comment */
  guint64          present_bits[4]; /* the classes found, hashed as in PatMask */
  guint            present_size;
  guint8          *possible;   /* per pattern: 0 not known yet, 1 possible, 2 not */
  guint            possible_size;
  guint32         *class_spent; /* per class: the comment number when none of its patterns can match */
  guint            class_spent_size;
  guint32          comment;    /* counts the comments classified with this scratch */
  GArray          *rule_best;  /* double per rule */
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *s = data;

  vigie_normalized_free (s->norm);
  g_array_unref (s->raw_hits);
  g_array_unref (s->hits);
  g_array_unref (s->hit_first);
  g_array_unref (s->tok_at);
  g_array_unref (s->evidence);
  g_array_unref (s->detections);
  g_array_unref (s->rule_best);
  g_free (s->present);
  g_free (s->possible);
  g_free (s->class_spent);
  g_free (s);
}

static Scratch *
scratch_new (void)
{
  Scratch *s = g_new0 (Scratch, 1);

  s->norm = vigie_normalized_new ();
  s->raw_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  s->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  s->hit_first = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->tok_at = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->evidence = g_array_new (FALSE, FALSE, sizeof (Evidence));
  s->detections = g_array_new (FALSE, FALSE, sizeof (VigieDetection));
  s->rule_best = g_array_new (FALSE, TRUE, sizeof (double));
  return s;
}

/* GPrivate keys are static in GLib; one per process is enough since
 * scratch space does not depend on the classifier (sizes are checked). */
static GPrivate scratch_private = G_PRIVATE_INIT (scratch_free);

static Scratch *
get_scratch (void)
{
  Scratch *s = g_private_get (&scratch_private);
  if (s == NULL)
    {
      s = scratch_new ();
      g_private_set (&scratch_private, s);
    }
  return s;
}

static void
vigie_classifier_finalize (GObject *object)
{
  VigieClassifier *self = VIGIE_CLASSIFIER (object);

  g_clear_object (&self->policy);
  g_clear_pointer (&self->matcher, vigie_matcher_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->class_names, g_ptr_array_unref);
  g_clear_pointer (&self->class_ids, g_hash_table_unref);
  g_clear_pointer (&self->glue_words, g_hash_table_unref);
  g_clear_pointer (&self->real_words, g_hash_table_unref);
  if (self->rules != NULL)
    for (guint i = 0; i < self->n_rules; i++)
      {
        g_free (self->rules[i].requires);
        g_free (self->rules[i].unless);
        g_strfreev (self->rules[i].suppressed_by);
      }
  g_free (self->rules);
  g_free (self->class_is_extra);
  g_free (self->category_ids);
  if (self->patterns_by_class != NULL)
    for (guint i = 0; i < self->n_classes + N_PSEUDO; i++)
      g_clear_pointer (&self->patterns_by_class[i], g_ptr_array_unref);
  g_free (self->patterns_by_class);
  if (self->masks_by_class != NULL)
    for (guint i = 0; i < self->n_classes; i++)
      g_clear_pointer (&self->masks_by_class[i], g_array_unref);
  g_free (self->masks_by_class);
  if (self->lexrules_by_class != NULL)
    for (guint i = 0; i < self->n_classes; i++)
      g_clear_pointer (&self->lexrules_by_class[i], g_ptr_array_unref);
  g_free (self->lexrules_by_class);
  if (self->all_patterns != NULL)
    for (guint i = 0; i < self->all_patterns->len; i++)
      {
        CPattern *cp = g_ptr_array_index (self->all_patterns, i);
        for (guint e = 0; e < cp->n_elems; e++)
          g_free (cp->elems[e].alts);
        g_free (cp->elems);
        g_free (cp->req);
        g_free (cp->req_alts);
        g_free (cp);
      }
  g_clear_pointer (&self->all_patterns, g_ptr_array_unref);
  if (self->mask_terms != NULL)
    for (guint i = 0; i < self->mask_terms->len; i++)
      g_free (g_array_index (self->mask_terms, MaskTerm, i).skeleton);
  g_clear_pointer (&self->mask_terms, g_array_unref);
  g_clear_pointer (&self->allowed_domains, g_ptr_array_unref);
  g_clear_pointer (&self->detector_rules, g_array_unref);
  g_clear_pointer (&self->allowed_numbers, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_classifier_parent_class)->finalize (object);
}

static void
vigie_classifier_class_init (VigieClassifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_classifier_finalize;
}

static void
vigie_classifier_init (VigieClassifier *self)
{
}

static guint32
class_id (VigieClassifier *self,
          const char      *name,
          gboolean         create)
{
  gpointer v;

  if (name[0] == '#')
    {
      for (guint i = 0; i < N_PSEUDO; i++)
        if (g_str_equal (name, pseudo_names[i]))
          return self->n_classes + i;  /* only valid after all classes exist */
      return NO_CLASS;
    }
  if (name[0] == '@')
    name++;
  v = g_hash_table_lookup (self->class_ids, name);
  if (v != NULL)
    return GPOINTER_TO_UINT (v) - 1;
  if (!create)
    return NO_CLASS;
  g_ptr_array_add (self->class_names, g_strdup (name));
  g_hash_table_insert (self->class_ids, g_ptr_array_index (self->class_names,
                                                           self->class_names->len - 1),
                       GUINT_TO_POINTER (self->class_names->len));
  return self->class_names->len - 1;
}

/* Literal words of patterns are classes of their own, named "=word" */
static guint32
literal_class (VigieClassifier *self,
               const char      *skeleton)
{
  g_autofree char *name = g_strconcat ("=", skeleton, NULL);
  return class_id (self, name, TRUE);
}

static gboolean
is_allowed_skeleton (GHashTable *allowed,
                     const char *skeleton)
{
  return allowed != NULL && g_hash_table_contains (allowed, skeleton);
}

static void
add_entry_pattern (VigieClassifier *self,
                   const char      *text,
                   VigieTermMode    mode,
                   guint32          entry,
                   gboolean         loose_ok)
{
  g_autofree guint8 *runs = NULL;
  g_autofree char *skel = vigie_normalize_term (text, &runs);
  g_autoptr(GString) pat = NULL;
  g_autoptr(GByteArray) pruns = NULL;
  guint8 one = 1;
  gsize sl;
  VigieMatchFlags flags = VIGIE_MATCH_STRICT_RUNS;

  if (skel == NULL)
    return;
  sl = strlen (skel);
  pat = g_string_new (NULL);
  pruns = g_byte_array_new ();
  if (mode != VIGIE_TERM_SUFFIX && mode != VIGIE_TERM_INFIX)
    {
      g_string_append_c (pat, ' ');
      g_byte_array_append (pruns, &one, 1);
    }
  g_string_append (pat, skel);
  g_byte_array_append (pruns, runs, sl);
  if (mode != VIGIE_TERM_PREFIX && mode != VIGIE_TERM_INFIX)
    {
      g_string_append_c (pat, ' ');
      g_byte_array_append (pruns, &one, 1);
    }
  /* Long words are often misspelt with a single or double letter */
  if (loose_ok && sl >= 6)
    flags |= VIGIE_MATCH_LOOSE_RUNS;
  vigie_matcher_add (self->matcher, pat->str, pruns->data, flags, entry);
}

static guint32
add_entry (VigieClassifier *self,
           guint32          klass,
           float            weight,
           guint8           mode)
{
  Entry e = { klass, weight, mode, 0 };
  g_array_append_val (self->entries, e);
  return self->entries->len - 1;
}

/* Short words that people glue in front of or after an insult */
static const char * const glue_before[] = {
  "de", "des", "d", "du", "le", "la", "les", "l", "un", "une", "sale", "ces", "ce", "cette",
  "tous", "toutes", "ma", "ta", "sa", "espece", "bande", "gang", "the", "a", "you", "ur", "of",
  "fucking", "gros", "grosse", "je", "j", "i", "ces", "these", "those", "all", "juste",
  "absolument", "vraiment", "tellement", "trop", "si", "cet", "me", "te", "se", "leur", "leurs",
  "vos", "nos", "sont", "es", "est", NULL
};
static const char * const glue_after[] = {
  "tous", "toutes", "les", "ces", "them", "all", "ce", "cet", "cette", "des", "de", "d", NULL
};

/* The glue words as skeletons, longest first */
static GPtrArray *glue_before_skel;
static GPtrArray *glue_after_skel;

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  return (int) strlen (*(const char * const *) b) - (int) strlen (*(const char * const *) a);
}

static gsize
init_glue_once (void)
{
  glue_before_skel = g_ptr_array_new ();
  glue_after_skel = g_ptr_array_new ();
  for (guint i = 0; glue_before[i]; i++)
    g_ptr_array_add (glue_before_skel, vigie_normalize_term (glue_before[i], NULL));
  for (guint i = 0; glue_after[i]; i++)
    g_ptr_array_add (glue_after_skel, vigie_normalize_term (glue_after[i], NULL));
  g_ptr_array_sort (glue_before_skel, compare_length_desc);
  return 1;
}

static void
init_glue (void)
{
  static gsize once = 0;
  if (g_once_init_enter (&once))
    g_once_init_leave (&once, init_glue_once ());
}

/* Is [w, w + len) a word of @dict (at least @min letters)? */
static gboolean
dict_has (GHashTable *dict,
          const char *w,
          gsize       len,
          gsize       min)
{
  char buf[32];

  if (dict == NULL || len < min || len >= sizeof buf)
    return FALSE;
  memcpy (buf, w, len);
  buf[len] = '\0';
  return g_hash_table_contains (dict, buf);
}

/* [w, w + len) is one or two words of @dict, written without a space
 * ("so", "somuch") */
static gboolean
dict_words (GHashTable *dict,
            const char *w,
            gsize       len)
{
  if (dict_has (dict, w, len, 2))
    return TRUE;
  for (gsize i = 2; i + 2 <= len; i++)
    if (dict_has (dict, w, i, 2) && dict_has (dict, w + i, len - i, 2))
      return TRUE;
  return FALSE;
}

/* Endings of ordinary words that are also words ("cave|aux", "rat|ons"):
 * never what a term is glued to */
static gboolean
is_word_ending (const char *w,
                gsize       len)
{
  static const char * const endings[] = {
    "aux", "eux", "ent", "ons", "ais", "ait", "ant", "ment", "ees", "ies", "ers", "ier", "eur",
    "age", "ine", "ure", "ite", "ise", "able", "less", "ness", "ful", "ing", "ion", "ed", NULL
  };
  for (guint i = 0; endings[i]; i++)
    if (strlen (endings[i]) == len && memcmp (w, endings[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* What comes before a glued term: nothing, words of @dict, or ends with a
 * glue word of two letters or more ("typiquede|connasse"); a single letter
 * only as an elision before a vowel ("d|abruti", not "hyd|rate") or as the
 * words "a" and "i", alone or after other words */
static gboolean
glue_left_ok (GHashTable *dict,
              const char *left,
              gsize       len,
              char        term_first)
{
  if (len == 0 || dict_words (dict, left, len))
    return TRUE;
  for (guint i = 0; i < glue_before_skel->len; i++)
    {
      const char *g = g_ptr_array_index (glue_before_skel, i);
      gsize gl = strlen (g);
      if (gl > len || memcmp (left + len - gl, g, gl) != 0)
        continue;
      if (gl >= 2)
        return TRUE;
      if ((g[0] == 'a' || g[0] == 'i' ||
           (strchr ("aeiouyh", term_first) != NULL && strchr ("dljtmscn", g[0]) != NULL)) &&
          (len == 1 || dict_words (dict, left, len - 1)))
        return TRUE;
    }
  return FALSE;
}

/* [left, left + left_len) is what comes before the glued term (see
 * glue_left_ok), [right, right + right_len) what comes after: nothing, a
 * plural ending, a glue word, or a word of @dict of three letters or more
 * that is not a common ending ("stab|those", not "porc|he", "cave|aux") */
static gboolean
glue_ok (GHashTable *dict,
         const char *left,
         gsize       left_len,
         char        term_first,
         const char *right,
         gsize       right_len)
{
  if (!glue_left_ok (dict, left, left_len, term_first))
    return FALSE;
  if (right_len == 0 || (right_len == 1 && (right[0] == 's' || right[0] == 'x')))
    return TRUE;
  for (guint i = 0; i < glue_after_skel->len; i++)
    {
      const char *g = g_ptr_array_index (glue_after_skel, i);
      if (strlen (g) == right_len && memcmp (right, g, right_len) == 0)
        return TRUE;
    }
  return !is_word_ending (right, right_len) && dict_has (dict, right, right_len, 3);
}

/* A spelling variant of @term (a typo, a word written as it sounds), found
 * like the term unless it is a known word: the whole variant, or, in a
 * phrase, the changed word starting at @ws */
static void
add_variant (VigieClassifier    *self,
             const VigieLexTerm *term,
             guint32             klass,
             GHashTable         *known,
             const char         *variant,
             gsize               ws,
             gboolean            in_phrase,
             guint32            *entry)
{
  g_autofree char *vskel = vigie_normalize_term (variant, NULL);

  if (vskel == NULL || g_hash_table_contains (known, vskel))
    return;
  if (in_phrase)
    {
      /* in a phrase, the changed word may be a known word too */
      g_autofree char *word = g_strndup (variant + ws, strcspn (variant + ws, " "));
      g_autofree char *wskel = vigie_normalize_term (word, NULL);
      if (wskel == NULL || g_hash_table_contains (known, wskel))
        return;
    }
  if (*entry == G_MAXUINT32)
    *entry = add_entry (self, klass, term->weight * 0.9, VIGIE_TERM_EXACT);
  add_entry_pattern (self, variant, VIGIE_TERM_EXACT, *entry, FALSE);
}

static void
add_term (VigieClassifier    *self,
          const VigieLexTerm *term,
          guint32             klass,
          gboolean            glue,
          gboolean            mask,
          GHashTable         *fuzzy,
          GHashTable         *allowed)
{
  g_autofree char *skel = vigie_normalize_term (term->source, NULL);
  guint32 entry;

  if (skel == NULL || is_allowed_skeleton (allowed, skel))
    return;
  entry = add_entry (self, klass, term->weight, term->mode);
  add_entry_pattern (self, term->source, term->mode, entry, TRUE);

  if (term->mode == VIGIE_TERM_WORD)
    {
      static const char * const plural[] = { "s", "x", NULL };
      static const char * const inflect[] = { "e", "es", NULL };
      for (guint i = 0; plural[i]; i++)
        {
          g_autofree char *v = g_strconcat (term->source, plural[i], NULL);
          add_entry_pattern (self, v, VIGIE_TERM_EXACT, entry, TRUE);
        }
      if (term->inflect)
        for (guint i = 0; inflect[i]; i++)
          {
            g_autofree char *v = g_strconcat (term->source, inflect[i], NULL);
            add_entry_pattern (self, v, VIGIE_TERM_EXACT, entry, TRUE);
          }
    }

  /* "de" said "d'" before a consonant, in Québec and in speech: "trou d'cul",
   * "enfant d'chienne", "mange d'la marde" */
  if (strchr (skel, ' ') != NULL &&
      (term->mode == VIGIE_TERM_WORD || term->mode == VIGIE_TERM_EXACT))
    {
      GString *elided = g_string_new (NULL);
      gboolean changed = FALSE;
      const char *w = term->source;
      while (*w)
        {
          if ((w == term->source || w[-1] == ' ') && strncmp (w, "de ", 3) == 0 &&
              w[3] != '\0' && strchr ("aeiouyhàâéèêëîïôûü", w[3]) == NULL &&
              (unsigned char) w[3] < 0x80)
            {
              g_string_append (elided, "d'");
              w += 3;
              changed = TRUE;
              continue;
            }
          g_string_append_c (elided, *w++);
        }
      if (changed)
        add_entry_pattern (self, elided->str, term->mode, entry, TRUE);
      g_string_free (elided, TRUE);
    }

  if (glue && strchr (skel, ' ') == NULL && strlen (skel) >= 4 &&
      (term->mode == VIGIE_TERM_WORD || term->mode == VIGIE_TERM_EXACT))
    {
      /* "typiquedeconnasse", "jedéteste", "pendretous": found anywhere in a
       * word, kept when what it is glued to is a short word (on_match) */
      guint32 glued = add_entry (self, klass, term->weight, VIGIE_TERM_INFIX);
      g_array_index (self->entries, Entry, glued).flags |= ENTRY_GLUED;
      add_entry_pattern (self, term->source, VIGIE_TERM_INFIX, glued, FALSE);
    }
  else if (glue && strchr (skel, ' ') != NULL && strlen (skel) >= 6 &&
           (term->mode == VIGIE_TERM_WORD || term->mode == VIGIE_TERM_EXACT))
    {
      /* A phrase written without its spaces: "mortà tous", "lanausée" */
      GString *joined = g_string_new (NULL);
      guint32 glued;
      /* from the written term, so that doubled letters keep their runs
       * ("lanausée"); apostrophes and hyphens go too */
      for (const char *c = term->source; *c; c = g_utf8_next_char (c))
        {
          gunichar u = g_utf8_get_char (c);
          if (u != ' ' && u != '\'' && u != 0x2019 && u != '-')
            g_string_append_unichar (joined, u);
        }
      glued = add_entry (self, klass, term->weight, VIGIE_TERM_INFIX);
      g_array_index (self->entries, Entry, glued).flags |= ENTRY_GLUED | ENTRY_JOINED;
      add_entry_pattern (self, joined->str, VIGIE_TERM_INFIX, glued, FALSE);
      g_string_free (joined, TRUE);
    }

  /* Typos: one letter left out ("hane"), two letters swapped ("détetse"),
   * in one word of five letters or more, also inside a phrase ("manque de
   * respct"); the variants are found like any term, at no cost per comment */
  if (fuzzy != NULL &&
      (term->mode == VIGIE_TERM_WORD || term->mode == VIGIE_TERM_EXACT))
    {
      g_autofree char *plain = NULL;
      gsize sl;
      guint32 fuzzy_entry = G_MAXUINT32;

      {
        /* The variants are made on the written form, runs expanded */
        g_autofree guint8 *runs = NULL;
        g_autofree char *sk = vigie_normalize_term (term->source, &runs);
        GString *p = g_string_new (NULL);
        for (gsize i = 0; sk[i]; i++)
          for (guint r = 0; r < MIN (runs[i], 2); r++)
            g_string_append_c (p, sk[i]);
        plain = g_string_free (p, FALSE);
      }
      sl = strlen (plain);
      for (gsize i = 0; i < sl && sl >= 4 && sl < 64; i++)
        {
          char variants[2][64];
          gboolean have[2] = { FALSE, FALSE };
          gsize ws = i, we = i;
          gboolean short_word;

          /* the word of the phrase that holds letter i */
          while (ws > 0 && plain[ws - 1] != ' ')
            ws--;
          while (we < sl && plain[we] != ' ')
            we++;
          /* a word of four letters only gets its letters swapped ("haet",
           * "klil"): a letter left out would make too many real words */
          short_word = we - ws == 4 && we - ws == sl;
          if (plain[i] == ' ' || (we - ws < 5 && !short_word))
            continue;

          /* neither the first letter nor the last (an ending, not a typo),
           * except a silent final "e" after a consonant ("femm", "imbecil") */
          if (!short_word &&
              ((i > ws && i + 1 < we) ||
               (i + 1 == we && plain[i] == 'e' && we - ws >= 5 &&
                strchr ("aeiouy", plain[i - 1]) == NULL)))
            {
              /* the first letter is rarely the one missing */
              memcpy (variants[0], plain, i);
              memcpy (variants[0] + i, plain + i + 1, sl - i);
              have[0] = TRUE;
            }
          if (i + 1 < we && plain[i] != plain[i + 1] && i > ws)
            {
              memcpy (variants[1], plain, sl + 1);
              variants[1][i] = plain[i + 1];
              variants[1][i + 1] = plain[i];
              have[1] = TRUE;
            }
          for (guint k = 0; k < 2; k++)
            if (have[k])
              add_variant (self, term, klass, fuzzy, variants[k], ws, we - ws < sl, &fuzzy_entry);
        }

      /* Spelled as it sounds, in one word of five letters or more: a hard
       * "c" written "k" ("enkulé"), a silent final "d", "t" or "x" left
       * out ("batar", "merdeu"), or both ("konar") */
      for (gsize ws = 0; ws < sl && sl < 64; )
        {
          gsize we = ws;
          while (we < sl && plain[we] != ' ')
            we++;
          if (we - ws >= 5)
            {
              char phon[6][64];
              gboolean have_k = FALSE, have_drop, have_run = FALSE;

              memcpy (phon[0], plain, sl + 1);
              for (gsize i = ws; i < we; i++)
                if (plain[i] == 'c' && (i + 1 == we || strchr ("aou", plain[i + 1]) ||
                                        strchr ("aeiouyh", plain[i + 1]) == NULL))
                  {
                    phon[0][i] = 'k';
                    have_k = TRUE;
                  }
              have_drop = strchr ("dtx", plain[we - 1]) != NULL &&
                          strchr ("aeiouyr", plain[we - 2]) != NULL;
              /* the word without its last letter */
              memcpy (phon[1], plain, we - 1);
              memcpy (phon[1] + we - 1, plain + we, sl - we + 1);
              memcpy (phon[2], phon[0], we - 1);
              memcpy (phon[2] + we - 1, phon[0] + we, sl - we + 1);
              /* the same with the word's doubled letters single ("konar") */
              for (guint k = 0; k < 3; k++)
                {
                  gsize o = 0, wend = k == 0 ? we : we - 1;
                  for (gsize i = 0; phon[k][i]; i++)
                    {
                      if (i > ws && i < wend && phon[k][i] == phon[k][i - 1])
                        {
                          have_run = TRUE;
                          continue;
                        }
                      phon[k + 3][o++] = phon[k][i];
                    }
                  phon[k + 3][o] = '\0';
                }
              for (guint k = 0; k < 6; k++)
                {
                  if ((k % 3 == 0 && !have_k) || (k % 3 == 1 && !have_drop) ||
                      (k % 3 == 2 && !(have_k && have_drop)) || (k >= 3 && !have_run))
                    continue;
                  add_variant (self, term, klass, fuzzy, phon[k], ws, we - ws < sl, &fuzzy_entry);
                }
            }
          ws = we + 1;
        }
    }

  if (mask && strchr (skel, ' ') == NULL && strlen (skel) >= 3)
    {
      MaskTerm m = { g_steal_pointer (&skel), entry };
      g_array_append_val (self->mask_terms, m);
    }
}

static double
param_double (JsonObject *params,
              const char *name,
              double      fallback)
{
  JsonNode *n = params ? json_object_get_member (params, name) : NULL;
  if (n && JSON_NODE_HOLDS_VALUE (n) &&
      (json_node_get_value_type (n) == G_TYPE_DOUBLE || json_node_get_value_type (n) == G_TYPE_INT64))
    return json_node_get_double (n);
  return fallback;
}

static const char *
param_string (JsonObject *params,
              const char *name)
{
  JsonNode *n = params ? json_object_get_member (params, name) : NULL;
  if (n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  return NULL;
}

static char *
digits_of (const char *s,
           gsize       len)
{
  GString *d = g_string_new (NULL);
  for (gsize i = 0; i < len && s[i]; i++)
    if (g_ascii_isdigit (s[i]))
      g_string_append_c (d, s[i]);
  return g_string_free (d, FALSE);
}

VigieClassifier *
vigie_classifier_new (VigiePolicy                    *policy,
                      const VigieClassifierSettings  *settings,
                      GError                        **error)
{
  g_autoptr(VigieClassifier) self = NULL;
  g_autoptr(VigieClassifierSettings) defaults = NULL;
  g_autoptr(GHashTable) allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *classes;
  GPtrArray *rules;
  GHashTableIter iter;
  gpointer value;
  VigieThresholds thresholds;
  guint n_lex_rules = 0;
  const char *name;

  g_return_val_if_fail (VIGIE_IS_POLICY (policy), NULL);

  if (settings == NULL)
    settings = defaults = vigie_classifier_settings_new ();

  init_glue ();
  self = g_object_new (VIGIE_TYPE_CLASSIFIER, NULL);
  self->policy = g_object_ref (policy);
  self->matcher = vigie_matcher_new ();
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->class_names = g_ptr_array_new_with_free_func (g_free);
  self->class_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->mask_terms = g_array_new (FALSE, FALSE, sizeof (MaskTerm));
  self->allowed_domains = g_ptr_array_new_with_free_func (g_free);
  self->detector_rules = g_array_new (FALSE, FALSE, sizeof (guint));
  self->allowed_numbers = g_ptr_array_new_with_free_func (g_free);
  self->all_patterns = g_ptr_array_new ();

  for (const char * const *d = vigie_policy_get_allowed_domains (policy); d && *d; d++)
    g_ptr_array_add (self->allowed_domains, g_ascii_strdown (*d, -1));
  for (const char * const *d = vigie_classifier_settings_get_allowed_domains (settings); *d; d++)
    g_ptr_array_add (self->allowed_domains, g_ascii_strdown (*d, -1));
  for (const char * const *t = vigie_classifier_settings_get_allowed_terms (settings); *t; t++)
    {
      char *skel = vigie_normalize_term (*t, NULL);
      g_autofree char *digits = digits_of (*t, strlen (*t));
      if (skel != NULL)
        g_hash_table_add (allowed, skel);
      if (strlen (digits) >= 7)
        g_ptr_array_add (self->allowed_numbers, g_steal_pointer (&digits));
    }

  /* Lexicon classes, in a stable order */
  classes = _vigie_policy_get_classes (policy);
  {
    g_autoptr(GList) names = g_hash_table_get_keys (classes);
    names = g_list_sort (names, (GCompareFunc) strcmp);
    for (GList *l = names; l; l = l->next)
      class_id (self, l->data, TRUE);
  }
  /* Extra terms of the settings: a class per category */
  for (guint i = 0; vigie_category_ids[i]; i++)
    {
      const char * const *terms = vigie_classifier_settings_get_terms (settings,
                                                                       vigie_category_ids[i]);
      if (terms[0] != NULL)
        {
          g_autofree char *cname = g_strconcat ("extra:", vigie_category_ids[i], NULL);
          class_id (self, cname, TRUE);
        }
    }
  /* Literal words of patterns */
  rules = _vigie_policy_get_rules (policy);
  for (guint r = 0; r < rules->len; r++)
    {
      VigieRule *rule = g_ptr_array_index (rules, r);
      for (guint p = 0; rule->patterns && p < rule->patterns->len; p++)
        {
          VigiePattern *pat = g_ptr_array_index (rule->patterns, p);
          for (guint e = 0; e < pat->elems->len; e++)
            {
              VigiePatElem *el = &g_array_index (pat->elems, VigiePatElem, e);
              for (guint a = 0; el->alts && a < el->alts->len; a++)
                {
                  const char *alt = g_ptr_array_index (el->alts, a);
                  if (alt[0] != '@' && alt[0] != '#')
                    literal_class (self, alt);
                }
            }
        }
    }
  self->n_classes = self->class_names->len;
  self->category_ids = g_new0 (const char *, vigie_policy_get_n_categories (policy) + 1);
  for (guint c = 0; c < vigie_policy_get_n_categories (policy); c++)
    self->category_ids[c] = g_intern_string (vigie_policy_get_category (policy, c)->id);
  self->class_is_extra = g_new0 (guint8, self->n_classes);
  self->any_extra = FALSE;
  for (guint c = 0; c < self->n_classes; c++)
    {
      self->class_is_extra[c] = g_str_has_prefix (g_ptr_array_index (self->class_names, c), "extra:");
      self->any_extra |= self->class_is_extra[c];
    }

  /* Terms into the matcher */
  /* Every term's skeleton: a typo variant that is itself a known word is
   * not a typo */
  g_hash_table_iter_init (&iter, classes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      VigieLexClass *k = value;
      for (guint t = 0; t < k->terms->len; t++)
        {
          VigieLexTerm *term = g_ptr_array_index (k->terms, t);
          char *skel = vigie_normalize_term (term->source, NULL);
          if (skel != NULL)
            g_hash_table_add (known, skel);
        }
    }
  /* The words a glued term may be written against ("somuchdisdain",
   * "stabthose"): function words, intensifiers, copulas */
  self->glue_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    static const char * const glue_classes[] = {
      "glue_word", "stopword", "intensifier", "copula", NULL
    };
    for (guint c = 0; glue_classes[c]; c++)
      {
        VigieLexClass *k = g_hash_table_lookup (classes, glue_classes[c]);
        for (guint t = 0; k != NULL && t < k->terms->len; t++)
          {
            VigieLexTerm *term = g_ptr_array_index (k->terms, t);
            char *skel = vigie_normalize_term (term->source, NULL);
            if (skel != NULL && strchr (skel, ' ') == NULL && strlen (skel) >= 2)
              g_hash_table_add (self->glue_words, skel);
            else
              g_free (skel);
          }
      }
  }
  /* The words of guard classes are real words: "légale" is no "le" glued
   * to "gale" */
  self->real_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, classes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      VigieLexClass *k = value;
      for (guint t = 0; k->guard && t < k->terms->len; t++)
        {
          VigieLexTerm *term = g_ptr_array_index (k->terms, t);
          char *skel = vigie_normalize_term (term->source, NULL);
          if (skel != NULL && strchr (skel, ' ') == NULL)
            g_hash_table_add (self->real_words, skel);
          else
            g_free (skel);
        }
    }
  g_hash_table_iter_init (&iter, classes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      VigieLexClass *k = value;
      guint32 id;
      if (k->guard)
        continue;  /* its words only keep typo variants out (above) */
      id = class_id (self, k->name, FALSE);
      for (guint t = 0; t < k->terms->len; t++)
        add_term (self, g_ptr_array_index (k->terms, t), id, k->glue, k->mask,
                  k->fuzzy ? known : NULL, allowed);
    }
  for (guint i = 0; vigie_category_ids[i]; i++)
    {
      const char * const *terms = vigie_classifier_settings_get_terms (settings,
                                                                       vigie_category_ids[i]);
      g_autofree char *cname = g_strconcat ("extra:", vigie_category_ids[i], NULL);
      guint32 id = class_id (self, cname, FALSE);
      for (guint t = 0; terms[t]; t++)
        {
          VigieLexTerm term = { (char *) terms[t], NULL, 0, 1.0, VIGIE_TERM_WORD, FALSE };
          add_term (self, &term, id, FALSE, TRUE, NULL, NULL);
        }
    }
  for (guint c = 0; c < self->n_classes; c++)
    {
      const char *cname = g_ptr_array_index (self->class_names, c);
      if (cname[0] == '=')
        {
          gsize l = strlen (cname + 1);
          gboolean prefix = cname[l] == '*';
          g_autofree char *word = g_strndup (cname + 1, prefix ? l - 1 : l);
          guint32 entry = add_entry (self, c, 1.0, prefix ? VIGIE_TERM_PREFIX : VIGIE_TERM_EXACT);
          g_autoptr(GString) pat = g_string_new (" ");
          g_string_append (pat, word);
          if (!prefix)
            g_string_append_c (pat, ' ');
          /* Literals are skeletons already: their runs are unknown, accept any */
          vigie_matcher_add (self->matcher, pat->str, NULL, VIGIE_MATCH_LOOSE_RUNS, entry);
        }
    }
  /* Language words are only counted */
  {
    guint32 lang_fr = class_id (self, "lang_fr", FALSE), lang_en = class_id (self, "lang_en", FALSE);
    for (guint i = 0; i < self->entries->len; i++)
      {
        Entry *e = &g_array_index (self->entries, Entry, i);
        if (e->klass != NO_CLASS && (e->klass == lang_fr || e->klass == lang_en))
          e->flags |= ENTRY_COUNT;
      }
  }
  vigie_matcher_compile (self->matcher);

  /* Rules */
  self->n_rules = rules->len;
  self->near_dup_rule = rules->len;
  self->targeting_rule = rules->len;
  self->rules = g_new0 (CRule, rules->len);
  self->patterns_by_class = g_new0 (GPtrArray *, self->n_classes + N_PSEUDO);
  self->masks_by_class = g_new0 (GArray *, self->n_classes);
  self->lexrules_by_class = g_new0 (GPtrArray *, self->n_classes);
  for (guint r = 0; r < rules->len; r++)
    {
      VigieRule *rule = g_ptr_array_index (rules, r);
      CRule *cr = &self->rules[r];
      const VigieCategory *cat = vigie_policy_lookup_category (policy, rule->category);
      g_auto(GStrv) suppressed = NULL;

      cr->rule = rule;
      cr->score = rule->score;
      cr->clause = g_intern_string (rule->clause ? rule->clause : cat->clauses[0].ref);
      cr->id = g_intern_string (rule->id);
      cr->lexicon_class = NO_CLASS;
      cr->cue_class = NO_CLASS;
      cr->contrast_class = NO_CLASS;
      cr->n_requires = g_strv_length (rule->requires);
      cr->requires = g_new (guint32, cr->n_requires + 1);
      for (guint i = 0; i < cr->n_requires; i++)
        cr->requires[i] = class_id (self, rule->requires[i], FALSE);
      cr->n_unless = g_strv_length (rule->unless);
      cr->unless = g_new (guint32, cr->n_unless + 1);
      for (guint i = 0; i < cr->n_unless; i++)
        cr->unless[i] = class_id (self, rule->unless[i], FALSE);
      {
        JsonNode *n = json_object_get_member (rule->params, "suppressed_by");
        if (n && JSON_NODE_HOLDS_ARRAY (n))
          {
            JsonArray *a = json_node_get_array (n);
            GStrvBuilder *b = g_strv_builder_new ();
            for (guint i = 0; i < json_array_get_length (a); i++)
              {
                const char *s = json_array_get_string_element (a, i);
                if (s != NULL)
                  g_strv_builder_add (b, s);
              }
            cr->suppressed_by = g_strv_builder_end (b);
            g_strv_builder_unref (b);
          }
      }
      if ((name = param_string (rule->params, "cue")) != NULL)
        cr->cue_class = class_id (self, name, FALSE);
      if ((name = param_string (rule->params, "unless_before")) != NULL)
        cr->contrast_class = class_id (self, name, FALSE);
      cr->not_after_class = NO_CLASS;
      if ((name = param_string (rule->params, "not_after")) != NULL)
        cr->not_after_class = class_id (self, name, FALSE);
      cr->weak_score = param_double (rule->params, "weak_score", rule->score);
      cr->min_words = param_double (rule->params, "min_words", 5);

      switch (rule->kind)
        {
        case VIGIE_RULE_LEXICON:
          cr->lexicon_class = class_id (self, rule->lexicon_class, FALSE);
          if (cr->lexicon_class != NO_CLASS && cr->lexicon_class < self->n_classes)
            {
              GPtrArray **slot = &self->lexrules_by_class[cr->lexicon_class];
              if (*slot == NULL)
                *slot = g_ptr_array_new ();
              g_ptr_array_add (*slot, GUINT_TO_POINTER (r));
              n_lex_rules++;
            }
          break;

        case VIGIE_RULE_PATTERN:
          for (guint p = 0; p < rule->patterns->len; p++)
            {
              VigiePattern *pat = g_ptr_array_index (rule->patterns, p);
              CPattern *cp = g_new0 (CPattern, 1);
              CElem *first;

              cp->rule = r;
              cp->anchor_start = pat->anchor_start;
              cp->anchor_end = pat->anchor_end;
              cp->n_elems = pat->elems->len;
              cp->elems = g_new0 (CElem, cp->n_elems);
              for (guint e = 0; e < cp->n_elems; e++)
                {
                  VigiePatElem *el = &g_array_index (pat->elems, VigiePatElem, e);
                  CElem *ce = &cp->elems[e];
                  ce->kind = el->kind;
                  ce->optional = el->optional;
                  ce->max_gap = el->max_gap;
                  ce->alts = g_new (guint32, el->alts ? MAX (el->alts->len, 1) : 1);
                  for (guint a = 0; el->alts && a < el->alts->len; a++)
                    {
                      const char *alt = g_ptr_array_index (el->alts, a);
                      guint32 id = (alt[0] == '@' || alt[0] == '#')
                        ? class_id (self, alt, FALSE) : literal_class (self, alt);
                      if (id != NO_CLASS)
                        ce->alts[ce->n_alts++] = id;
                      if (id != NO_CLASS && id >= self->n_classes)
                        ce->has_pseudo_alt = TRUE;
                    }
                }
              /* The elements pattern_possible() checks: required, and only
               * classes (a token class may be anywhere) */
              cp->req = g_new (guint, MAX (cp->n_elems, 1));
              for (guint e = 1; e < cp->n_elems; e++)
                {
                  const CElem *ce = &cp->elems[e];
                  gboolean only_classes = ce->n_alts > 0;
                  if (ce->kind != VIGIE_PAT_ALT || ce->optional)
                    continue;
                  for (guint a = 0; a < ce->n_alts; a++)
                    if (ce->alts[a] >= self->n_classes)
                      only_classes = FALSE;
                  if (only_classes)
                    {
                      guint k = cp->n_req++;
                      while (k > 0 && cp->elems[cp->req[k - 1]].n_alts > ce->n_alts)
                        {
                          cp->req[k] = cp->req[k - 1];
                          k--;
                        }
                      cp->req[k] = e;
                    }
                }
              {
                gsize size = 0, k = 0;
                for (guint q = 0; q < cp->n_req; q++)
                  size += 1 + cp->elems[cp->req[q]].n_alts;
                cp->req_alts = g_new (guint32, MAX (size, 1));
                for (guint q = 0; q < cp->n_req; q++)
                  {
                    const CElem *ce = &cp->elems[cp->req[q]];
                    cp->req_alts[k++] = ce->n_alts;
                    for (guint a = 0; a < ce->n_alts; a++)
                      cp->req_alts[k++] = ce->alts[a];
                  }
              }
              cp->index = self->all_patterns->len;
              g_ptr_array_add (self->all_patterns, cp);
              first = &cp->elems[0];
              for (guint a = 0; a < first->n_alts; a++)
                {
                  GPtrArray **slot = &self->patterns_by_class[first->alts[a]];
                  if (*slot == NULL)
                    *slot = g_ptr_array_new ();
                  g_ptr_array_add (*slot, cp);
                  if (first->alts[a] < self->n_classes)
                    {
                      GArray **mslot = &self->masks_by_class[first->alts[a]];
                      PatMask mask = { { { 0 } } };
                      for (guint q = 0; q < 2; q++)
                        {
                          if (q >= cp->n_req)
                            {
                              memset (mask.bits[q], 0xff, sizeof mask.bits[q]);
                              continue;
                            }
                          for (guint b = 0; b < cp->elems[cp->req[q]].n_alts; b++)
                            mask_set (mask.bits[q], cp->elems[cp->req[q]].alts[b]);
                        }
                      if (*mslot == NULL)
                        *mslot = g_array_new (FALSE, FALSE, sizeof (PatMask));
                      g_array_append_val (*mslot, mask);
                    }
                }
            }
          break;

        case VIGIE_RULE_DETECTOR:
          {
            static const struct { const char *name; DetectorKind kind; } kinds[] = {
              { "phone", DET_PHONE }, { "email", DET_EMAIL }, { "link", DET_LINK },
              { "ramq", DET_RAMQ }, { "ohip", DET_OHIP }, { "sin", DET_SIN },
              { "postal_code", DET_POSTAL_CODE }, { "money", DET_MONEY },
              { "near_duplicate", DET_NEAR_DUPLICATE }, { "offtopic", DET_OFFTOPIC },
              { "repeated_targeting", DET_REPEATED_TARGETING },
            };
            for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
              if (g_str_equal (rule->detector, kinds[k].name))
                cr->detector = kinds[k].kind;
            if (cr->detector == DET_NEAR_DUPLICATE)
              self->near_dup_rule = r;
            if (cr->detector == DET_REPEATED_TARGETING)
              self->targeting_rule = r;
            g_array_append_val (self->detector_rules, r);
          }
          break;

        default:
          break;
        }
    }

  thresholds = _vigie_policy_get_thresholds (policy);
  switch (vigie_classifier_settings_get_sensitivity (settings))
    {
    case VIGIE_SENSITIVITY_LOW:
      self->threshold = thresholds.low;
      break;
    case VIGIE_SENSITIVITY_HIGH:
      self->threshold = thresholds.high;
      break;
    case VIGIE_SENSITIVITY_NORMAL:
    default:
      self->threshold = thresholds.flag;
      break;
    }

  self->contrast_window = _vigie_policy_get_contrast_window (policy);
  name = _vigie_policy_get_contrast_class (policy, "report");
  self->class_report = name ? class_id (self, name, FALSE) : NO_CLASS;
  name = _vigie_policy_get_contrast_class (policy, "counter");
  self->class_counter = name ? class_id (self, name, FALSE) : NO_CLASS;
  name = _vigie_policy_get_contrast_class (policy, "negation");
  self->class_negation = name ? class_id (self, name, FALSE) : NO_CLASS;
  name = _vigie_policy_get_contrast_class (policy, "self");
  self->class_self = name ? class_id (self, name, FALSE) : NO_CLASS;
  name = _vigie_policy_get_contrast_class (policy, "self_after");
  self->class_self_after = name ? class_id (self, name, FALSE) : NO_CLASS;
  name = _vigie_policy_get_contrast_class (policy, "negation_cancel");
  self->class_negation_cancel = name ? class_id (self, name, FALSE) : NO_CLASS;
  name = _vigie_policy_get_contrast_class (policy, "report_cancel");
  self->class_report_cancel = name ? class_id (self, name, FALSE) : NO_CLASS;
  self->class_lang_fr = class_id (self, "lang_fr", FALSE);
  self->class_lang_en = class_id (self, "lang_en", FALSE);
  self->class_stop = class_id (self, "stopword", FALSE);
  self->class_filler = class_id (self, "filler", FALSE);
  self->class_topic = class_id (self, "topic_health", FALSE);

  /* Extra terms from the settings: one lexicon rule per category */
  (void) n_lex_rules;

  return g_steal_pointer (&self);
}

VigiePolicy *
vigie_classifier_get_policy (VigieClassifier *self)
{
  g_return_val_if_fail (VIGIE_IS_CLASSIFIER (self), NULL);
  return self->policy;
}

/* Classification */

typedef struct
{
  VigieClassifier *self;
  Scratch         *s;
  guint            fr;
  guint            en;
  guint            n_raw;   /* hits in raw_hits; its length is its capacity while scanning */
  /* read once per comment, not once per match */
  const Entry     *entries;
  const char      *text;    /* the skeleton */
  const guint32   *tok_at;
} ScanData;

static gboolean
on_match (guint32  value,
          guint32  start,
          guint32  end,
          gpointer user_data)
{
  ScanData *d = user_data;
  const Entry *e = &d->entries[value];
  const char *text = d->text;
  const guint32 *tok_at = d->tok_at;
  guint32 a = start, b = end - 1;
  Hit h;

  if (text[a] == ' ')
    a++;
  if (text[b] == ' ' && b > a)
    b--;
  if (a > b || tok_at[a] == G_MAXUINT32 || tok_at[b] == G_MAXUINT32)
    return TRUE;
  if (G_UNLIKELY (e->flags & ENTRY_COUNT))
    {
      if (e->klass == d->self->class_lang_fr)
        d->fr++;
      else
        d->en++;
      return TRUE;
    }
  if (e->flags & ENTRY_GLUED)
    {
      const VigieNormalized *n = d->s->norm;
      const VigieToken *tok = &g_array_index (n->tokens, VigieToken, tok_at[a]);
      if (tok_at[a] != tok_at[b])
        return TRUE;
      if (tok->start == a && tok->end == b + 1 && !(e->flags & ENTRY_JOINED))
        return TRUE;  /* the whole word: its own entry reports it */
      if (!glue_ok (d->self->glue_words, n->text + tok->start, a - tok->start, n->text[a],
                    n->text + b + 1, tok->end - b - 1))
        return TRUE;
      if (dict_has (d->self->real_words, n->text + tok->start, tok->end - tok->start, 1))
        return TRUE;
    }
  h.t0 = tok_at[a];
  h.t1 = tok_at[b] + 1;
  h.klass = e->klass;
  h.weight = e->weight;
  /* the hot path: no function call per hit */
  if (G_UNLIKELY (d->n_raw == d->s->raw_hits->len))
    g_array_set_size (d->s->raw_hits, MAX (64, 2 * d->n_raw));
  ((Hit *) d->s->raw_hits->data)[d->n_raw++] = h;
  return TRUE;
}

/* The second scan, of the skeleton without its filler words */
typedef struct
{
  const VigieClassifier *self;
  Scratch               *s;
  const Entry           *entries;
  const char            *text;
  const guint32         *tok_at;   /* byte of that text → token of the comment */
  const guint8          *filler;   /* per token of the comment */
} FillerScan;

static gboolean
on_match_without_fillers (guint32  value,
                          guint32  start,
                          guint32  end,
                          gpointer user_data)
{
  FillerScan *d = user_data;
  const Entry *e = &d->entries[value];
  guint32 a = start, b = end - 1;
  gboolean across = FALSE;
  Hit h;

  if (e->flags & (ENTRY_COUNT | ENTRY_GLUED) || e->klass == d->self->class_filler)
    return TRUE;
  if (d->text[a] == ' ')
    a++;
  if (d->text[b] == ' ' && b > a)
    b--;
  if (a > b || d->tok_at[a] == G_MAXUINT32 || d->tok_at[b] == G_MAXUINT32)
    return TRUE;
  h.t0 = d->tok_at[a];
  h.t1 = d->tok_at[b] + 1;
  /* only what the first scan could not find: a term across a filler */
  for (guint32 t = h.t0 + 1; t + 1 < h.t1 && !across; t++)
    across = d->filler[t];
  if (!across)
    return TRUE;
  h.klass = e->klass;
  h.weight = e->weight;
  g_array_append_val (d->s->raw_hits, h);
  return TRUE;
}

/* Québec filler words inside a phrase ("mange don d'la marde", "ferme
 * donc ta yeule"): the phrases of the lexicons are also looked for in the
 * skeleton without them, and a phrase found across one spans it */
static void
match_without_fillers (const VigieClassifier *self,
                       Scratch               *s)
{
  const VigieNormalized *n = s->norm;
  const VigieToken *toks = (const VigieToken *) n->tokens->data;
  const guint nt = n->tokens->len;
  const Hit *hits = (const Hit *) s->raw_hits->data;
  g_autofree guint8 *filler = NULL;
  g_autofree char *text = NULL;
  g_autofree guint8 *runs = NULL;
  g_autofree guint32 *tok_at = NULL;
  guint32 len = 0;
  gboolean any = FALSE;
  FillerScan data;

  for (guint i = 0; i < s->raw_hits->len; i++)
    if (hits[i].klass == self->class_filler && hits[i].t1 == hits[i].t0 + 1 &&
        hits[i].t0 > 0 && hits[i].t1 < nt)
      {
        if (filler == NULL)
          filler = g_new0 (guint8, nt);
        filler[hits[i].t0] = 1;
        any = TRUE;
      }
  if (!any)
    return;

  text = g_malloc (n->len + 1);
  runs = g_malloc (n->len + 1);
  tok_at = g_malloc ((n->len + 1) * sizeof (guint32));
  text[len] = ' ';
  runs[len] = 1;
  tok_at[len++] = G_MAXUINT32;
  for (guint t = 0; t < nt; t++)
    {
      if (filler[t])
        continue;
      for (guint32 b = toks[t].start; b < toks[t].end; b++)
        {
          text[len] = n->text[b];
          runs[len] = n->runs[b];
          tok_at[len++] = t;
        }
      text[len] = ' ';
      runs[len] = 1;
      tok_at[len++] = G_MAXUINT32;
    }
  text[len] = '\0';

  data.self = self;
  data.s = s;
  data.entries = (const Entry *) self->entries->data;
  data.text = text;
  data.tok_at = tok_at;
  data.filler = filler;
  vigie_matcher_scan (self->matcher, text, runs, len, on_match_without_fillers, &data);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a, *y = b;
  if (x->t0 != y->t0)
    return x->t0 < y->t0 ? -1 : 1;
  if (x->klass != y->klass)
    return x->klass < y->klass ? -1 : 1;
  return (int) y->t1 - (int) x->t1;
}

static inline const VigieToken *
token (const Scratch *s,
       guint          t)
{
  return &g_array_index (s->norm->tokens, VigieToken, t);
}

static inline guint
n_tokens (const Scratch *s)
{
  return s->norm->tokens->len;
}

/* Inlined: called for every token of every comment */
G_ALWAYS_INLINE static inline gboolean
pseudo_matches (const Scratch *s,
                guint          pseudo,
                guint          t)
{
  const VigieToken *tok = token (s, t);

  switch (pseudo)
    {
    case PSEUDO_NUM:
      return (tok->flags & VIGIE_TOKEN_NUMBER) != 0;
    case PSEUDO_NUM4:
      return (tok->flags & VIGIE_TOKEN_NUMBER) && tok->orig_end - tok->orig_start >= 4;
    case PSEUDO_CAP:
      return (tok->flags & VIGIE_TOKEN_CAPITALIZED) != 0;
    case PSEUDO_CAPS:
      return (tok->flags & VIGIE_TOKEN_ALL_CAPS) != 0;
    case PSEUDO_COMMA:
      return (tok->flags & VIGIE_TOKEN_AFTER_COMMA) != 0;
    case PSEUDO_LINK:
      return (tok->flags & VIGIE_TOKEN_LINK) != 0;
    case PSEUDO_EMAIL:
      return (tok->flags & VIGIE_TOKEN_EMAIL) != 0;
    case PSEUDO_MENTION:
      return (tok->flags & VIGIE_TOKEN_MENTION) != 0;
    case PSEUDO_EMOJI:
      return (tok->flags & VIGIE_TOKEN_EMOJI) != 0;
    case PSEUDO_QUOTED:
      return (tok->flags & VIGIE_TOKEN_QUOTED) != 0;
    case PSEUDO_ANY:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
token_has_class (const VigieClassifier *self,
                 const Scratch         *s,
                 guint                  t,
                 guint32                klass)
{
  const guint32 *first = (const guint32 *) s->hit_first->data;
  const Hit *hits = (const Hit *) s->hits->data;

  if (klass >= self->n_classes)
    return pseudo_matches (s, klass - self->n_classes, t);
  for (guint32 i = first[t]; i < first[t + 1]; i++)
    if (hits[i].klass == klass)
      return TRUE;
  return FALSE;
}

typedef struct
{
  const VigieClassifier *self;
  const Scratch         *s;
  const CPattern        *p;
  guint                  sentence;
  guint                  max_sentence;
  guint                  end;
  gboolean               fillers;  /* the comment has filler words */
} MatchState;

static gboolean
in_scope (const MatchState *m,
          guint             t)
{
  guint16 sent;

  if (t >= n_tokens (m->s))
    return FALSE;
  sent = token (m->s, t)->sentence;
  return sent >= m->sentence && sent <= m->max_sentence;
}

static gboolean
match_from (MatchState *m,
            guint       ei,
            guint       t)
{
  const CElem *e;

  if (ei == m->p->n_elems)
    {
      if (m->p->anchor_end && in_scope (m, t) &&
          token (m->s, t)->sentence == token (m->s, t - 1)->sentence)
        return FALSE;
      m->end = t;
      return TRUE;
    }
  e = &m->p->elems[ei];
  switch (e->kind)
    {
    case VIGIE_PAT_GAP:
      for (guint g = 0; g <= e->max_gap; g++)
        {
          if (g > 0 && !in_scope (m, t + g - 1))
            break;
          if (match_from (m, ei + 1, t + g))
            return TRUE;
        }
      return FALSE;

    case VIGIE_PAT_NOT:
      if (in_scope (m, t))
        for (guint a = 0; a < e->n_alts; a++)
          if (token_has_class (m->self, m->s, t, e->alts[a]))
            return FALSE;
      return match_from (m, ei + 1, t);

    case VIGIE_PAT_ALT:
    default:
      if (in_scope (m, t))
        {
          const guint32 *first = (const guint32 *) m->s->hit_first->data;
          const Hit *hits = (const Hit *) m->s->hits->data;
          const guint8 *present = m->s->present;
          if (first[t] == first[t + 1] && !e->has_pseudo_alt)
            goto none;  /* no hit on this token */
          for (guint a = 0; a < e->n_alts; a++)
            {
              guint32 klass = e->alts[a];
              if (klass >= m->self->n_classes)
                {
                  /* "#comma" is zero-width: it does not take the word */
                  guint next = klass - m->self->n_classes == PSEUDO_COMMA ? t : t + 1;
                  if (pseudo_matches (m->s, klass - m->self->n_classes, t) &&
                      match_from (m, ei + 1, next))
                    return TRUE;
                  continue;
                }
              if (!present[klass])
                continue;  /* nowhere in the comment */
              for (guint32 i = first[t]; i < first[t + 1]; i++)
                if (hits[i].klass == klass && in_scope (m, hits[i].t1 - 1) &&
                    match_from (m, ei + 1, hits[i].t1))
                  return TRUE;
            }
        }
    none:
      /* "t'es donc un cave": a filler word between two elements is
       * skipped */
      if (m->fillers && ei > 0 && in_scope (m, t + 1) &&
          token_has_class (m->self, m->s, t, m->self->class_filler) &&
          match_from (m, ei, t + 1))
        return TRUE;
      if (e->optional)
        return match_from (m, ei + 1, t);
      return FALSE;
    }
}

/* Is there a hit of @klass among tokens [from, to) within sentences
 * [s0, s1]? */
static gboolean
class_in_range (const VigieClassifier *self,
                const Scratch         *s,
                guint32                klass,
                gint                   from,
                gint                   to,
                guint                  s0,
                guint                  s1)
{
  if (klass == NO_CLASS)
    return FALSE;
  from = MAX (from, 0);
  to = MIN (to, (gint) n_tokens (s));
  for (gint t = from; t < to; t++)
    {
      guint16 sent = token (s, t)->sentence;
      if (sent < s0 || sent > s1)
        continue;
      if (token_has_class (self, s, t, klass))
        return TRUE;
    }
  return FALSE;
}

/* Whether token @t of the skeleton is the word @lit */
static inline gboolean
token_is (const Scratch *s,
          guint          t,
          const char    *lit,
          gsize          n)
{
  const VigieToken *tk = token (s, t);

  return tk->end - tk->start == n && memcmp (s->norm->text + tk->start, lit, n) == 0;
}

/* Whether token @u is one of the @n words (skeletons: letters doubled are
 * written once) */
static gboolean
token_is_one_of (const Scratch      *s,
                 guint               u,
                 const char * const *words,
                 gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (token_is (s, u, words[i], strlen (words[i])))
      return TRUE;
  return FALSE;
}

static const char * const clause_coordinated[] = { "que", "qu" };
static const char * const clause_conjunctions[] = { "et", "mais", "pis" };
static const char * const clause_laughs[] = { "lol", "mdr", "ptdr", "xd", "haha", "hahaha", "jpp" };
static const char * const clause_pronouns[] = { "il", "ele", "ils", "eles", "on", "tu", "t" };
static const char * const clause_verbs[] = {
  "est", "es", "sont", "etait", "etaient", "a", "as", "ont", "avait", "fait", "fais",
  "font", "va", "vas", "vont",
};
static const char * const clause_subordinating[] = {
  "qu", "que", "si", "quand", "parce", "comme", "ce", "dit", "dire", "pense", "penser",
  "crois", "croire", "trouve", "trouver", "ou", "lorsqu", "puisqu", "pourquoi",
};

/* Whether token @u starts a new clause after a negation: a comma before it,
 * or a "c'est" ("c'est pas un docteur c'est un charlatan") */
static inline gboolean
clause_starts_at (const Scratch *s,
                  guint          u)
{
  if (token (s, u)->flags & VIGIE_TOKEN_AFTER_COMMA)
    return TRUE;
  if (token_is (s, u, "cest", 4))
    return TRUE;
  if (token_is (s, u, "c", 1) && u + 1 < n_tokens (s) && token_is (s, u + 1, "est", 3))
    return TRUE;
  /* "… et que tu crèveras": a coordinated clause */
  if (u > 0 && token_is_one_of (s, u, clause_coordinated, G_N_ELEMENTS (clause_coordinated)) &&
      token_is_one_of (s, u - 1, clause_conjunctions, G_N_ELEMENTS (clause_conjunctions)))
    return TRUE;
  /* laughter ends a clause as a full stop would: "il comprend pas pourquoi
   * lol pauvre loser" */
  if (u > 0 && token_is_one_of (s, u - 1, clause_laughs, G_N_ELEMENTS (clause_laughs)))
    return TRUE;
  /* a subject and its verb after the negated words, not in a subordinate
   * clause nor said by someone: "elle est pas drôle elle est juste …",
   * but "je pense pas qu'il est …", "j'ai jamais dit il est …" */
  if (u > 0 && u + 1 < n_tokens (s) &&
      token_is_one_of (s, u, clause_pronouns, G_N_ELEMENTS (clause_pronouns)) &&
      token_is_one_of (s, u + 1, clause_verbs, G_N_ELEMENTS (clause_verbs)))
    return !token_is_one_of (s, u - 1, clause_subordinating, G_N_ELEMENTS (clause_subordinating));
  return FALSE;
}

/* Whether token @t is one of the literal words of pattern @p (not a word of
 * a lexicon class it names) */
static gboolean
pattern_spells_token (const VigieClassifier *self,
                      const Scratch         *s,
                      const CPattern        *p,
                      guint                  t)
{
  for (guint e = 0; e < p->n_elems; e++)
    {
      const CElem *ce = &p->elems[e];
      if (ce->kind != VIGIE_PAT_ALT)
        continue;
      for (guint a = 0; a < ce->n_alts; a++)
        {
          guint32 k = ce->alts[a];
          if (k < self->n_classes &&
              ((const char *) g_ptr_array_index (self->class_names, k))[0] == '=' &&
              token_has_class (self, s, t, k))
            return TRUE;
        }
    }
  return FALSE;
}

/* A negation among tokens [from, to) of sentences [s0, s1], not part of a
 * phrase whose negation is not one ("n'est-ce pas", "rien que") */
static gboolean
negation_in_range (const VigieClassifier *self,
                   const Scratch         *s,
                   const CPattern        *p,
                   gint                   from,
                   gint                   to,
                   guint                  s0,
                   guint                  s1,
                   gint                   t0,
                   gint                   t1)
{
  const guint32 *first = (const guint32 *) s->hit_first->data;
  const Hit *hits = (const Hit *) s->hits->data;

  if (self->class_negation == NO_CLASS)
    return FALSE;
  from = MAX (from, 0);
  to = MIN (to, (gint) n_tokens (s));
  for (gint t = from; t < to; t++)
    {
      guint16 sent = token (s, t)->sentence;
      gboolean cancelled = FALSE;

      if (sent < s0 || sent > s1 || !token_has_class (self, s, t, self->class_negation))
        continue;
      if (t < t0)
        {
          /* "on attendrait pas 12h, bande de paresseuses", "c'est pas
           * un docteur c'est un charlatan": a new clause between the
           * negation and the evidence ends its reach */
          gboolean clause = FALSE;
          for (gint u = t + 1; u <= t0 && !clause; u++)
            clause = clause_starts_at (s, u);
          if (clause)
            continue;
        }
      if (t >= t0 && t < t1)
        {
          /* "les pas-bons du ministère": a negation word that is part of
           * a phrase of the evidence (not a negation phrase) is no negation
           * of it */
          for (gint u = MAX (t0, t - 6); u <= t && !cancelled; u++)
            for (guint32 i = first[u]; i < first[u + 1]; i++)
              if (hits[i].t1 > (guint32) t && hits[i].t1 <= (guint32) t1 &&
                  hits[i].t1 - hits[i].t0 >= 2 &&
                  hits[i].klass != self->class_negation &&
                  hits[i].klass != self->class_negation_cancel &&
                  hits[i].klass != self->class_filler)
                {
                  cancelled = TRUE;
                  break;
                }
          /* "il devrait même pas avoir le droit de vivre": a negation
           * the pattern itself spells out is part of what it says */
          if (p != NULL && pattern_spells_token (self, s, p, t))
            continue;
          /* "normal qu'il sache pas cuisiner il est …": the negation's
           * clause ends before the evidence does */
          {
            gboolean clause = FALSE;
            for (gint u = t + 1; u < t1 && !clause; u++)
              clause = clause_starts_at (s, u);
            if (clause)
              continue;
          }
          if (cancelled)
            continue;
        }
      if (self->class_negation_cancel != NO_CLASS)
        {
          /* a cancelling phrase that covers t starts at most 4 tokens before */
          for (gint u = MAX (0, t - 4); u <= t && !cancelled; u++)
            for (guint32 i = first[u]; i < first[u + 1]; i++)
              if (hits[i].klass == self->class_negation_cancel && hits[i].t1 > (guint32) t)
                {
                  cancelled = TRUE;
                  break;
                }
        }
      if (!cancelled)
        return TRUE;
    }
  return FALSE;
}

/* A report cue among tokens [from, to) of sentences [s0, s1], not right
 * after a phrase that makes it none: "c'est pas raciste de dire que …",
 * "j'ai le droit de dire que …" say it, they do not report it */
static gboolean
report_in_range (const VigieClassifier *self,
                 const Scratch         *s,
                 gint                   from,
                 gint                   to,
                 guint                  s0,
                 guint                  s1)
{
  const guint32 *first = (const guint32 *) s->hit_first->data;
  const Hit *hits = (const Hit *) s->hits->data;

  if (self->class_report_cancel == NO_CLASS || !s->present[self->class_report_cancel])
    return class_in_range (self, s, self->class_report, from, to, s0, s1);
  from = MAX (from, 0);
  to = MIN (to, (gint) n_tokens (s));
  for (gint t = from; t < to; t++)
    {
      guint16 sent = token (s, t)->sentence;
      gboolean cancelled = FALSE;

      if (sent < s0 || sent > s1 || !token_has_class (self, s, t, self->class_report))
        continue;
      /* a cancelling phrase of the same sentence that ends at t or one
       * word before, started at most 8 tokens before */
      for (gint u = MAX (0, t - 8); u < t && !cancelled; u++)
        {
          if (token (s, u)->sentence != sent)
            continue;
          for (guint32 i = first[u]; i < first[u + 1]; i++)
            if (hits[i].klass == self->class_report_cancel &&
                hits[i].t1 <= (guint32) t && hits[i].t1 + 1 >= (guint32) t)
              {
                cancelled = TRUE;
                break;
              }
        }
      if (!cancelled)
        return TRUE;
    }
  return FALSE;
}

/* Is a hit of report_cancel covering token @t ("racist" in "it's not
 * racist to say that …" is no counter-speech)? */
static gboolean
inside_report_cancel (const VigieClassifier *self,
                      const Scratch         *s,
                      gint                   t)
{
  const guint32 *first = (const guint32 *) s->hit_first->data;
  const Hit *hits = (const Hit *) s->hits->data;

  for (gint u = MAX (0, t - 8); u <= t; u++)
    for (guint32 i = first[u]; i < first[u + 1]; i++)
      if (hits[i].klass == self->class_report_cancel && hits[i].t1 > (guint32) t)
        return TRUE;
  return FALSE;
}

/* Counter-speech among tokens [from, to) of sentences [s0, s1], but for
 * the words of a phrase that cancels a report */
static gboolean
counter_in_range (const VigieClassifier *self,
                  const Scratch         *s,
                  gint                   from,
                  gint                   to,
                  guint                  s0,
                  guint                  s1)
{
  if (self->class_report_cancel == NO_CLASS || !s->present[self->class_report_cancel])
    return class_in_range (self, s, self->class_counter, from, to, s0, s1);
  if (self->class_counter == NO_CLASS)
    return FALSE;
  from = MAX (from, 0);
  to = MIN (to, (gint) n_tokens (s));
  for (gint t = from; t < to; t++)
    {
      guint16 sent = token (s, t)->sentence;
      if (sent < s0 || sent > s1 || !token_has_class (self, s, t, self->class_counter))
        continue;
      if (!inside_report_cancel (self, s, t))
        return TRUE;
    }
  return FALSE;
}

static guint
sentence_start (const Scratch *s,
                guint          sentence)
{
  for (guint t = 0; t < n_tokens (s); t++)
    if (token (s, t)->sentence == sentence)
      return t;
  return n_tokens (s);
}

/* TRUE when the evidence stands after its contrasts */
static gboolean
passes_contrast (const VigieClassifier *self,
                 const Scratch         *s,
                 const CRule           *cr,
                 const CPattern        *p,
                 guint                  t0,
                 guint                  t1)
{
  const VigieRule *rule = cr->rule;
  guint s0 = token (s, t0)->sentence;
  guint s1 = token (s, t1 - 1)->sentence;
  guint w = self->contrast_window;

  for (guint i = 0; i < cr->n_requires; i++)
    if (cr->requires[i] != NO_CLASS && !s->present[cr->requires[i]])
      {
        gboolean any = FALSE;
        for (guint k = 0; k < cr->n_requires; k++)
          if (cr->requires[k] != NO_CLASS && s->present[cr->requires[k]])
            any = TRUE;
        if (!any)
          return FALSE;
        break;
      }
  for (guint i = 0; i < cr->n_unless; i++)
    if (class_in_range (self, s, cr->unless[i], sentence_start (s, s0), n_tokens (s), s0, s1))
      return FALSE;

  /* "s'attarde" is a verb, "cet attardé" an insult */
  if (cr->not_after_class != NO_CLASS && t0 > 0 &&
      token (s, t0 - 1)->sentence == token (s, t0)->sentence &&
      token_has_class (self, s, t0 - 1, cr->not_after_class))
    return FALSE;

  if (rule->contrast & VIGIE_CONTRAST_QUOTE)
    for (guint t = t0; t < t1; t++)
      if (token (s, t)->flags & VIGIE_TOKEN_QUOTED)
        return FALSE;

  if ((rule->contrast & VIGIE_CONTRAST_REPORT) &&
      report_in_range (self, s, (gint) t0 - (gint) w - 2, t0, s0, s1))
    return FALSE;

  /* Said of oneself: "je suis une grosse vache le dimanche", "quel con je
   * suis": a self cue that ends at most two words before, or starts right
   * after */
  if ((rule->contrast & VIGIE_CONTRAST_SELF) && self->class_self != NO_CLASS &&
      s->present[self->class_self])
    {
      const guint32 *first = (const guint32 *) s->hit_first->data;
      const Hit *hits = (const Hit *) s->hits->data;
      for (guint t = t0 > 4 ? t0 - 4 : 0; t <= t1 && t < n_tokens (s); t++)
        {
          if (t >= t0 && t < t1)
            continue;
          if (token (s, t)->sentence != token (s, t < t0 ? t0 : t1 - 1)->sentence)
            continue;
          for (guint32 i = first[t]; i < first[t + 1]; i++)
            if (hits[i].klass == self->class_self &&
                (t == t1 || (hits[i].t1 <= t0 && hits[i].t1 + 2 >= t0)))
              return FALSE;
        }
    }

  /* Counting oneself in, anywhere later in the sentence: "les gens sont
   * cons parfois, moi le premier" */
  if ((rule->contrast & VIGIE_CONTRAST_SELF) && self->class_self_after != NO_CLASS &&
      s->present[self->class_self_after])
    {
      const guint32 *first = (const guint32 *) s->hit_first->data;
      const Hit *hits = (const Hit *) s->hits->data;
      guint16 sent = token (s, t1 - 1)->sentence;
      for (guint t = t1; t < n_tokens (s) && token (s, t)->sentence == sent; t++)
        for (guint32 i = first[t]; i < first[t + 1]; i++)
          if (hits[i].klass == self->class_self_after)
            return FALSE;
    }

  if ((rule->contrast & VIGIE_CONTRAST_COUNTER) &&
      counter_in_range (self, s, 0, n_tokens (s), s0, s1))
    return FALSE;

  /* Across two sentences, the negation that counts is in the second one,
   * where the predicate is ("Ils ne changeront jamais. Il faut les ...") */
  if (s1 > s0)
    s0 = s1;
  if (rule->negation_required)
    {
      if (!negation_in_range (self, s, p, (gint) t0 - (gint) w, t1, s0, s1, (gint) t0, (gint) t0))
        return FALSE;
    }
  else if ((rule->contrast & VIGIE_CONTRAST_NEGATION) &&
           negation_in_range (self, s, p, (gint) t0 - (gint) w, t1, s0, s1, (gint) t0, (gint) t1))
    return FALSE;

  return TRUE;
}

static void
add_evidence (Scratch    *s,
              guint       rule,
              const char *category,
              guint32     t0,
              guint32     t1,
              guint32     o0,
              guint32     o1,
              double      score)
{
  Evidence e = { rule, t0, t1, o0, o1, score, category };
  g_array_append_val (s->evidence, e);
}

static void
add_rule_evidence (VigieClassifier *self,
                   Scratch         *s,
                   guint            r,
                   guint32          t0,
                   guint32          t1,
                   guint32          o0,
                   guint32          o1,
                   double           score)
{
  const VigieRule *rule = self->rules[r].rule;

  add_evidence (s, r, rule->category, t0, t1, o0, o1, score);
  for (guint i = 0; rule->also && rule->also[i]; i++)
    add_evidence (s, r, g_intern_string (rule->also[i]), t0, t1, o0, o1, score * 0.95);
}

static gboolean
host_allowed (VigieClassifier *self,
              const char      *host,
              gsize            len)
{
  g_autofree char *h = g_ascii_strdown (host, len);

  if (g_str_has_prefix (h, "www."))
    memmove (h, h + 4, strlen (h + 4) + 1);
  for (guint i = 0; i < self->allowed_domains->len; i++)
    {
      const char *d = g_ptr_array_index (self->allowed_domains, i);
      gsize dl = strlen (d), hl = strlen (h);
      if (g_str_equal (h, d) || (hl > dl && g_str_has_suffix (h, d) && h[hl - dl - 1] == '.'))
        return TRUE;
    }
  return FALSE;
}

static gboolean
number_allowed (VigieClassifier *self,
                const char      *text,
                guint32          start,
                guint32          end)
{
  g_autofree char *digits = NULL;

  if (self->allowed_numbers->len == 0)
    return FALSE;
  digits = digits_of (text + start, end - start);
  for (guint i = 0; i < self->allowed_numbers->len; i++)
    {
      const char *a = g_ptr_array_index (self->allowed_numbers, i);
      if (g_str_has_suffix (digits, a) || g_str_has_suffix (a, digits))
        return TRUE;
    }
  return FALSE;
}

/* The token that holds original byte @pos (or the next one) */
static guint
token_at_orig (const Scratch *s,
               guint32        pos)
{
  guint lo = 0, hi = n_tokens (s);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (token (s, mid)->orig_end <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Whether @text has a digit, eight bytes at a time: a byte XOR '0' is
 * below 10 for a digit only */
static gboolean
has_ascii_digit (const char *text,
                 gsize       len)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 x;
      memcpy (&x, text + i, 8);
      x ^= ones * '0';
      if (((x - ones * 10) & ~x & (ones * 0x80)) != 0)
        return TRUE;
    }
  for (; i < len; i++)
    if (g_ascii_isdigit (text[i]))
      return TRUE;
  return FALSE;
}

static void
run_detectors (VigieClassifier            *self,
               Scratch                    *s,
               const char                 *text,
               gsize                       len,
               const VigieClassifyContext *context)
{
  gboolean numbers_done = FALSE;
  gboolean has_digit = FALSE;

  has_digit = has_ascii_digit (text, len);

  for (guint ri = 0; ri < self->detector_rules->len; ri++)
    {
      guint r = g_array_index (self->detector_rules, guint, ri);
      const CRule *cr = &self->rules[r];
      DetectorKind det = cr->detector;

      if (det == DET_LINK || det == DET_EMAIL)
        {
          gboolean email = det == DET_EMAIL;
          for (guint i = 0; i < s->norm->links->len; i++)
            {
              const VigieLink *l = &g_array_index (s->norm->links, VigieLink, i);
              guint t;
              if (l->is_email != email)
                continue;
              if (host_allowed (self, text + l->host_start, l->host_end - l->host_start))
                continue;
              t = token_at_orig (s, l->orig_start);
              if (t < n_tokens (s) && !passes_contrast (self, s, cr, NULL, t, t + 1))
                continue;
              add_rule_evidence (self, s, r, G_MAXUINT32, 0, l->orig_start, l->orig_end,
                                 cr->score);
            }
          continue;
        }

      if (det == DET_OFFTOPIC)
        {
          g_autoptr(VigieNormalized) post = NULL;
          guint n_content = 0, n_shared = 0;
          g_autoptr(GHashTable) post_words = NULL;

          if (context == NULL || context->post_text == NULL || context->post_text[0] == '\0')
            continue;
          if (self->class_topic != NO_CLASS && s->present[self->class_topic])
            continue;
          post = vigie_normalized_new ();
          vigie_normalize (post, context->post_text, -1);
          post_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint t = 0; t < post->tokens->len; t++)
            {
              const VigieToken *tok = &g_array_index (post->tokens, VigieToken, t);
              if (tok->end - tok->start >= 4)
                g_hash_table_add (post_words, g_strndup (post->text + tok->start,
                                                         MIN (5, tok->end - tok->start)));
            }
          for (guint t = 0; t < n_tokens (s); t++)
            {
              const VigieToken *tok = token (s, t);
              g_autofree char *w = NULL;
              if (tok->end - tok->start < 4 || (tok->flags & (VIGIE_TOKEN_NUMBER | VIGIE_TOKEN_EMOJI)))
                continue;
              if (self->class_stop != NO_CLASS && token_has_class (self, s, t, self->class_stop))
                continue;
              n_content++;
              w = g_strndup (s->norm->text + tok->start, MIN (5, tok->end - tok->start));
              if (g_hash_table_contains (post_words, w))
                n_shared++;
            }
          if (n_content >= cr->min_words && n_shared == 0 && n_tokens (s) > 0)
            add_rule_evidence (self, s, r, 0, n_tokens (s), G_MAXUINT32, 0, cr->score);
          continue;
        }

      if (det == DET_NEAR_DUPLICATE || det == DET_REPEATED_TARGETING || !has_digit)
        continue;  /* near-duplicates, repeated targeting: across a batch
                    * (vigie_classifier_classify_comments) */

      /* Numbers */
      if (!numbers_done)
        {
          g_array_set_size (s->detections, 0);
          vigie_detect_numbers (text, len, s->detections);
          numbers_done = TRUE;
        }
      for (guint i = 0; i < s->detections->len; i++)
        {
          const VigieDetection *d = &g_array_index (s->detections, VigieDetection, i);
          gboolean wanted;
          double score = d->strong ? cr->score : cr->weak_score;
          guint t = token_at_orig (s, d->start);

          switch (d->kind)
            {
            case VIGIE_DETECT_PHONE: wanted = det == DET_PHONE; break;
            case VIGIE_DETECT_RAMQ: wanted = det == DET_RAMQ; break;
            case VIGIE_DETECT_OHIP: wanted = det == DET_OHIP; break;
            case VIGIE_DETECT_SIN: wanted = det == DET_SIN; break;
            case VIGIE_DETECT_POSTAL_CODE: wanted = det == DET_POSTAL_CODE; break;
            case VIGIE_DETECT_MONEY: wanted = det == DET_MONEY; break;
            case VIGIE_DETECT_PHONE_PUBLIC:
            default:
              wanted = FALSE;
              break;
            }
          if (!wanted || number_allowed (self, text, d->start, d->end))
            continue;
          if (t < n_tokens (s))
            {
              if (!passes_contrast (self, s, cr, NULL, t, t + 1))
                continue;
              /* "j'ai appelé au 418...": a number someone called, not theirs */
              if (cr->contrast_class != NO_CLASS &&
                  class_in_range (self, s, cr->contrast_class, (gint) t - 4, t,
                                  token (s, t)->sentence, token (s, t)->sentence))
                continue;
              if (cr->cue_class != NO_CLASS &&
                  class_in_range (self, s, cr->cue_class, (gint) t - 6, t,
                                  token (s, t)->sentence, token (s, t)->sentence))
                score = MIN (1.0, score + 0.2);
            }
          add_rule_evidence (self, s, r, G_MAXUINT32, 0, d->start, d->end, score);
        }
    }
}

/* Letters hidden with '*' ("c*nnard", "n3gr*"): compare with the terms of
 * the classes that allow it, one wildcard per '*' */
static void
match_masked (VigieClassifier *self,
              Scratch         *s)
{
  for (guint t = 0; t < n_tokens (s); t++)
    {
      const VigieToken *tok = token (s, t);
      const char *w = s->norm->text + tok->start;
      guint wl = tok->end - tok->start;

      if (!(tok->flags & VIGIE_TOKEN_MASKED))
        continue;
      for (guint i = 0; i < self->mask_terms->len; i++)
        {
          const MaskTerm *m = &g_array_index (self->mask_terms, MaskTerm, i);
          gsize ml = strlen (m->skeleton);
          gboolean ok;
          guint stars = 0;

          /* The word, or the word with a plural ending */
          if (ml != wl && !(wl == ml + 1 && (w[ml] == 's' || w[ml] == 'x')))
            continue;
          ok = TRUE;
          for (gsize k = 0; k < ml && ok; k++)
            {
              if (w[k] == '*')
                stars++;
              else if (w[k] != m->skeleton[k])
                ok = FALSE;
            }
          if (ok && stars > 0 && stars * 2 < ml)
            {
              const Entry *e = &g_array_index (self->entries, Entry, m->entry);
              Hit h = { t, t + 1, e->klass, e->weight };
              g_array_append_val (s->raw_hits, h);
            }
        }
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const VigieSpan *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

static void
merge_spans (GArray *spans)
{
  guint out = 0;

  if (spans->len < 2)
    return;
  g_array_sort (spans, compare_spans);
  for (guint i = 1; i < spans->len; i++)
    {
      VigieSpan *last = &g_array_index (spans, VigieSpan, out);
      VigieSpan *cur = &g_array_index (spans, VigieSpan, i);
      if (cur->start <= last->end)
        last->end = MAX (last->end, cur->end);
      else
        g_array_index (spans, VigieSpan, ++out) = *cur;
    }
  g_array_set_size (spans, out + 1);
}

static const char * const action_order[] = {
  "none", "keep", "reply", "hide", "escalate", "remove", "ban", NULL
};

static int
action_rank (const char *action)
{
  for (int i = 0; action_order[i]; i++)
    if (g_strcmp0 (action_order[i], action) == 0)
      return i;
  return 0;
}

static int
compare_flags (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  VigiePolicy *policy = user_data;
  const VigieFlag *x = a, *y = b;
  const VigieCategory *cx = vigie_policy_lookup_category (policy, x->category);
  const VigieCategory *cy = vigie_policy_lookup_category (policy, y->category);

  if (cx->severity != cy->severity)
    return cy->severity - cx->severity;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return strcmp (x->category, y->category);
}

typedef struct
{
  const char *category;
  double      score;
  double      best;
  guint       best_rule;
  GArray     *spans;
} Agg;

static void
finish (VigieClassifier     *self,
        Scratch             *s,
        VigieClassification *result)
{
  guint n_cats = vigie_policy_get_n_categories (self->policy);
  Agg aggs[32];
  gboolean changed = TRUE;

  if (s->evidence->len == 0)
    return;
  g_assert (n_cats <= G_N_ELEMENTS (aggs));
  for (guint i = 0; i < n_cats; i++)
    aggs[i].category = self->category_ids[i];

  while (changed)
    {
      Evidence *ev = (Evidence *) s->evidence->data;
      guint n_ev = s->evidence->len;

      /* Per category: the best score of each rule, combined by noisy-or
       * across rules. Rules cancelled by another category (a spammer's phone
       * number is spam, not a privacy breach) are removed, then scores are
       * computed again. */
      changed = FALSE;
      for (guint c = 0; c < n_cats; c++)
        {
          double keep = 1.0, best = 0;
          guint best_rule = 0;

          /* Every piece of evidence counts once: a rule found at the same
           * place by two patterns is one piece */
          for (guint i = 0; i < n_ev; i++)
            {
              double v = ev[i].score;
              gboolean seen = FALSE;

              if (ev[i].category != aggs[c].category)
                continue;
              for (guint k = 0; k < n_ev && !seen; k++)
                {
                  gboolean overlap;
                  if (k == i || ev[k].category != aggs[c].category || ev[k].rule != ev[i].rule)
                    continue;
                  if (self->rules[ev[i].rule].rule->once)
                    overlap = TRUE;  /* anywhere: "putain, quel match de merde" is one */
                  else if (ev[i].t0 != G_MAXUINT32 && ev[k].t0 != G_MAXUINT32)
                    overlap = ev[k].t0 < ev[i].t1 && ev[i].t0 < ev[k].t1;
                  else
                    overlap = ev[k].t0 == ev[i].t0 && ev[k].o0 < ev[i].o1 && ev[i].o0 < ev[k].o1;
                  seen = overlap && (ev[k].score > v || (ev[k].score == v && k < i));
                }
              if (seen)
                continue;
              keep *= 1.0 - v;
              if (v > best)
                {
                  best = v;
                  best_rule = ev[i].rule;
                }
            }
          aggs[c].score = MIN (0.99, 1.0 - keep);
          aggs[c].best = best;
          aggs[c].best_rule = best_rule;
        }
      for (guint i = 0; i < s->evidence->len; i++)
        {
          Evidence *e = &g_array_index (s->evidence, Evidence, i);
          GStrv by = self->rules[e->rule].suppressed_by;
          gboolean drop = FALSE;

          for (guint k = 0; by && by[k] && !drop; k++)
            for (guint c = 0; c < n_cats && !drop; c++)
              if (g_str_equal (aggs[c].category, by[k]) && aggs[c].score >= self->threshold)
                drop = TRUE;
          if (drop)
            {
              g_array_remove_index (s->evidence, i);
              i--;
              changed = TRUE;
            }
        }
    }

  for (guint c = 0; c < n_cats; c++)
    {
      const VigieCategory *cat;
      VigieFlag flag = { 0 };

      if (aggs[c].score < self->threshold || aggs[c].score <= 0)
        continue;
      cat = vigie_policy_get_category (self->policy, c);  /* only for a flag */
      flag.category = self->category_ids[c];  /* interned once: g_intern_string() locks */
      flag.rule = self->rules[aggs[c].best_rule].id;
      flag.clause = self->rules[aggs[c].best_rule].rule->category == flag.category
        ? self->rules[aggs[c].best_rule].clause : g_intern_string (cat->clauses[0].ref);
      flag.score = floor (aggs[c].score * 100 + 0.5) / 100;
      flag.spans = g_array_new (FALSE, FALSE, sizeof (VigieSpan));
      for (guint i = 0; i < s->evidence->len; i++)
        {
          Evidence *e = &g_array_index (s->evidence, Evidence, i);
          VigieSpan span;
          if (e->category != aggs[c].category)
            continue;
          if (e->t0 != G_MAXUINT32)
            {
              if (e->t1 <= e->t0)
                continue;
              span.start = token (s, e->t0)->orig_start;
              span.end = token (s, e->t1 - 1)->orig_end;
            }
          else
            {
              span.start = e->o0;
              span.end = e->o1;
            }
          g_array_append_val (flag.spans, span);
        }
      merge_spans (flag.spans);
      g_array_append_val (result->flags, flag);
      if (cat->severity > result->severity ||
          (cat->severity == result->severity &&
           action_rank (cat->action) > action_rank (result->action)))
        {
          result->severity = cat->severity;
          result->action = g_intern_string (cat->action);
        }
      result->urgent |= cat->urgent;
      result->escalate |= cat->escalate;
    }
  g_array_sort_with_data (result->flags, compare_flags, self->policy);
}

static void
classify_into (VigieClassifier            *self,
               Scratch                    *s,
               const char                 *text,
               gsize                       len,
               const VigieClassifyContext *context,
               VigieClassification        *result)
{
  VigieNormalized *n = s->norm;
  ScanData data = { self, s, 0, 0, 0, NULL, NULL, NULL };
  guint nt;
  guint32 *tok_at;
  guint fr = 0, en = 0;
  gboolean fillers;

  vigie_normalize (n, text, len);
  nt = n_tokens (s);

  /* Byte → token */
  g_array_set_size (s->tok_at, n->len + 1);
  tok_at = (guint32 *) s->tok_at->data;
  memset (tok_at, 0xff, (n->len + 1) * sizeof (guint32));  /* G_MAXUINT32 */
  {
    const VigieToken *toks = (const VigieToken *) n->tokens->data;
    for (guint t = 0; t < nt; t++)
      for (guint32 b = toks[t].start, e = toks[t].end; b < e; b++)
        tok_at[b] = t;
  }

  g_array_set_size (s->raw_hits, MAX (s->raw_hits->len, 64));
  data.entries = (const Entry *) self->entries->data;
  data.text = n->text;
  data.tok_at = tok_at;
  vigie_matcher_scan (self->matcher, n->text, n->runs, n->len, on_match, &data);
  g_array_set_size (s->raw_hits, data.n_raw);
  match_masked (self, s);
  if (self->class_filler != NO_CLASS && data.fr >= data.en)
    match_without_fillers (self, s);

  /* Hits by token */
  {
    /* Hits come out by end position, nearly sorted: insertion sort */
    GArray *tmp = s->hits;
    Hit *h;
    s->hits = s->raw_hits;
    s->raw_hits = tmp;
    h = (Hit *) s->hits->data;
    for (guint i = 1, n_hits = s->hits->len; i < n_hits; i++)
      {
        Hit x = h[i];
        guint k = i;
        while (k > 0 && compare_hits (&h[k - 1], &x) > 0)
          {
            h[k] = h[k - 1];
            k--;
          }
        h[k] = x;
      }
  }
  g_array_set_size (s->hit_first, nt + 1);
  {
    guint32 *first = (guint32 *) s->hit_first->data;
    const Hit *hits = (const Hit *) s->hits->data;
    const guint n_hits = s->hits->len;  /* not read again after each store */
    guint h = 0;
    for (guint t = 0; t <= nt; t++)
      {
        while (h < n_hits && hits[h].t0 < t)
          h++;
        first[t] = h;
      }
  }
  if (s->present_size < self->n_classes)
    {
      g_free (s->present);
      s->present = g_new0 (guint8, self->n_classes);
      s->present_size = self->n_classes;
    }
  else
    memset (s->present, 0, s->present_size);
  {
    guint8 *present = s->present;
    const Hit *hits = (const Hit *) s->hits->data;
    const guint n_hits = s->hits->len;
    memset (s->present_bits, 0, sizeof s->present_bits);
    for (guint i = 0; i < n_hits; i++)
      {
        present[hits[i].klass] = 1;
        mask_set (s->present_bits, hits[i].klass);
      }
  }
  /* Whether a pattern's required classes are all in the comment: found
   * once per pattern, when it is first tried */
  if (s->possible_size < self->all_patterns->len)
    {
      g_free (s->possible);
      s->possible = g_new0 (guint8, self->all_patterns->len);
      s->possible_size = self->all_patterns->len;
    }
  else
    memset (s->possible, 0, self->all_patterns->len);
  if (s->class_spent_size < self->n_classes)
    {
      g_free (s->class_spent);
      s->class_spent = g_new0 (guint32, self->n_classes);
      s->class_spent_size = self->n_classes;
    }
  if (++s->comment == 0)
    {
      /* after 2^32 comments: start again from a clean slate */
      memset (s->class_spent, 0, s->class_spent_size * sizeof (guint32));
      s->comment = 1;
    }
  fr = data.fr + n->n_accented;
  en = data.en;
  result->lang = en > fr ? interned_en : interned_fr;

  g_array_set_size (s->evidence, 0);

  /* Lexicon rules */
  for (guint i = 0; i < s->hits->len; i++)
    {
      const Hit *h = &g_array_index (s->hits, Hit, i);
      GPtrArray *rules = h->klass < self->n_classes ? self->lexrules_by_class[h->klass] : NULL;
      for (guint k = 0; rules && k < rules->len; k++)
        {
          guint r = GPOINTER_TO_UINT (g_ptr_array_index (rules, k));
          const CRule *cr = &self->rules[r];
          if (passes_contrast (self, s, cr, NULL, h->t0, h->t1))
            add_rule_evidence (self, s, r, h->t0, h->t1, 0, 0, cr->score * h->weight);
        }
    }

  /* Extra terms of the settings */
  for (guint i = 0; self->any_extra && i < s->hits->len; i++)
    {
      const Hit *h = &g_array_index (s->hits, Hit, i);
      const char *cname;
      if (!self->class_is_extra[h->klass])
        continue;
      cname = g_ptr_array_index (self->class_names, h->klass);
        {
          /* Attributed to the first rule of the category, or to none */
          const char *cat = g_intern_string (cname + 6);
          for (guint r = 0; r < self->n_rules; r++)
            if (self->rules[r].rule->category == cat)
              {
                add_evidence (s, r, cat, h->t0, h->t1, 0, 0, 0.9);
                break;
              }
        }
    }

  /* Patterns, tried where their first element is */
  fillers = self->class_filler != NO_CLASS && s->present[self->class_filler];
  for (guint i = 0; i < s->hits->len; i++)
    {
      const Hit *h = &g_array_index (s->hits, Hit, i);
      GPtrArray *pats = self->patterns_by_class[h->klass];
      const PatMask *masks;
      gboolean any_possible = FALSE;
      if (i > 0)
        {
          const Hit *prev = &g_array_index (s->hits, Hit, i - 1);
          if (prev->t0 == h->t0 && prev->klass == h->klass)
            continue;  /* same class at the same token: already tried */
        }
      if (pats == NULL || s->class_spent[h->klass] == s->comment)
        continue;  /* none of this class's patterns can match in this comment */
      masks = (const PatMask *) self->masks_by_class[h->klass]->data;
      for (guint k = 0; k < pats->len; k++)
        {
          const CPattern *p;
          const CRule *cr;
          MatchState m;
          guint8 *possible;

          if (!mask_meets (masks[k].bits[0], s->present_bits) ||
              !mask_meets (masks[k].bits[1], s->present_bits))
            continue;  /* a required element has none of its classes here */
          p = g_ptr_array_index (pats, k);
          possible = &s->possible[p->index];
          if (*possible == 0)
            *possible = pattern_possible (p, s->present) ? 1 : 2;
          if (*possible == 2)
            continue;
          any_possible = TRUE;
          if (p->anchor_start && !(token (s, h->t0)->flags & VIGIE_TOKEN_SENTENCE_START))
            continue;
          cr = &self->rules[p->rule];
          m = (MatchState) { self, s, p, token (s, h->t0)->sentence, 0, 0, fillers };
          m.max_sentence = m.sentence + (cr->rule->cross_sentence ? 1 : 0);
          if (match_from (&m, 0, h->t0) && m.end > h->t0 &&
              passes_contrast (self, s, cr, p, h->t0, m.end))
            add_rule_evidence (self, s, p->rule, h->t0, m.end, 0, 0, cr->score);
        }
      if (!any_possible)
        s->class_spent[h->klass] = s->comment;
    }
  /* Patterns that start with a token class */
  for (guint pseudo = 0; pseudo < N_PSEUDO; pseudo++)
    {
      GPtrArray *pats = self->patterns_by_class[self->n_classes + pseudo];
      if (pats == NULL)
        continue;
      for (guint t = 0; t < nt; t++)
        {
          if (!pseudo_matches (s, pseudo, t))
            continue;
          for (guint k = 0; k < pats->len; k++)
            {
              const CPattern *p = g_ptr_array_index (pats, k);
              const CRule *cr = &self->rules[p->rule];
              MatchState m = { self, s, p, token (s, t)->sentence, 0, 0, fillers };
              if (p->anchor_start && !(token (s, t)->flags & VIGIE_TOKEN_SENTENCE_START))
                continue;
              m.max_sentence = m.sentence + (cr->rule->cross_sentence ? 1 : 0);
              if (match_from (&m, 0, t) && m.end > t && passes_contrast (self, s, cr, p, t, m.end))
                add_rule_evidence (self, s, p->rule, t, m.end, 0, 0, cr->score);
            }
        }
    }

  run_detectors (self, s, text, len, context);
  finish (self, s, result);
}

VigieClassification *
vigie_classifier_classify (VigieClassifier            *self,
                           const char                 *text,
                           gssize                      len,
                           const VigieClassifyContext *context)
{
  VigieClassification *result;

  g_return_val_if_fail (VIGIE_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  result = vigie_classification_new ();
  if (context != NULL && context->from_page)
    return result;  /* the organisation's own replies are not moderated */
  classify_into (self, get_scratch (), text, len, context, result);
  return result;
}

/* Batches: near-duplicates */

typedef struct
{
  guint64 hash;
  guint   index;
} Signature;

static int
compare_sig (gconstpointer a,
             gconstpointer b)
{
  const Signature *x = a, *y = b;
  return x->hash < y->hash ? -1 : x->hash > y->hash;
}

static void
union_find_join (guint *parent,
                 guint  a,
                 guint  b)
{
  while (parent[a] != a)
    a = parent[a] = parent[parent[a]];
  while (parent[b] != b)
    b = parent[b] = parent[parent[b]];
  if (a != b)
    parent[MAX (a, b)] = MIN (a, b);
}

static guint
union_find_root (guint *parent,
                 guint  a)
{
  while (parent[a] != a)
    a = parent[a] = parent[parent[a]];
  return a;
}

/* Adds a flag of @cr found across a batch to @result, unless the category
 * is flagged already */
static void
add_batch_flag (VigieClassifier     *self,
                VigieClassification *result,
                const CRule         *cr,
                guint32              start,
                guint32              end)
{
  VigieFlag flag = { 0 };
  const VigieCategory *cat;
  VigieSpan span = { start, end };

  if (vigie_classification_get_flag (result, cr->rule->category) != NULL)
    return;
  cat = vigie_policy_lookup_category (self->policy, cr->rule->category);
  flag.category = g_intern_string (cat->id);
  flag.clause = cr->clause;
  flag.rule = g_intern_string (cr->rule->id);
  flag.score = cr->score;
  flag.spans = g_array_new (FALSE, FALSE, sizeof (VigieSpan));
  g_array_append_val (flag.spans, span);
  g_array_append_val (result->flags, flag);
  if (cat->severity > result->severity)
    {
      result->severity = cat->severity;
      result->action = g_intern_string (cat->action);
    }
  g_array_sort_with_data (result->flags, compare_flags, self->policy);
}

/* Someone a comment addresses: an @mention, or the author of the comment
 * it answers */
typedef struct
{
  guint   comment;
  gint64  created;
  char   *key;        /* author of the comment + '\x1f' + target */
  guint32 start;      /* what shows the target in the comment's text */
  guint32 end;
  gboolean named;     /* named in the text, not addressed: "Audrey Fortin" */
  gboolean hostile;
} Targeting;

static void
targeting_clear (gpointer data)
{
  g_free (((Targeting *) data)->key);
}

static int
compare_targeting (gconstpointer a,
                   gconstpointer b)
{
  const Targeting *x = a, *y = b;
  int c = strcmp (x->key, y->key);
  if (c != 0)
    return c;
  if (x->created != y->created)
    return x->created < y->created ? -1 : 1;
  return x->comment < y->comment ? -1 : (x->comment > y->comment);
}

static const char *
author_key (const VigieComment *c)
{
  if (c->author_external_id != NULL && c->author_external_id[0] != '\0')
    return c->author_external_id;
  if (c->author_name != NULL && c->author_name[0] != '\0')
    return c->author_name;
  return NULL;
}

/* The same author addressing the same person again and again with hostile
 * content within a time window: the later comments are harassment */
static void
find_repeated_targeting (VigieClassifier *self,
                         GPtrArray       *results,
                         GArray          *targetings)
{
  const CRule *cr = &self->rules[self->targeting_rule];
  guint min_count = MAX (2, (guint) param_double (cr->rule->params, "min_count", 3));
  gint64 window = (gint64) (param_double (cr->rule->params, "window_hours", 72) * 3600);
  const char *hostile = param_string (cr->rule->params, "hostile");
  g_auto(GStrv) hostile_cats = g_strsplit (hostile ? hostile
                                           : "insult,obscene,threat,discrimination,harassment",
                                           ",", -1);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (Targeting));

  /* Hostile comments count; a person named again after hostile comments
   * counts too (a campaign against an employee), an @mention or an answer
   * only when hostile */
  for (guint i = 0; i < targetings->len; i++)
    {
      Targeting *t = &g_array_index (targetings, Targeting, i);
      VigieClassification *r = g_ptr_array_index (results, t->comment);
      t->hostile = FALSE;
      for (guint f = 0; f < r->flags->len && !t->hostile; f++)
        t->hostile = g_strv_contains ((const char * const *) hostile_cats,
                                      g_array_index (r->flags, VigieFlag, f).category);
      if (t->hostile || t->named)
        g_array_append_val (kept, *t);
    }
  g_array_sort (kept, compare_targeting);

  for (guint a = 0; a < kept->len; )
    {
      guint b = a;
      while (b < kept->len && strcmp (g_array_index (kept, Targeting, a).key,
                                      g_array_index (kept, Targeting, b).key) == 0)
        b++;
      /* [a, b): one author, one target, by time; w: first within the window */
      for (guint j = a, w = a; j < b; j++)
        {
          const Targeting *t = &g_array_index (kept, Targeting, j);
          guint n_hostile = 0, n_all = 0;
          while (window > 0 && t->created - g_array_index (kept, Targeting, w).created > window)
            w++;
          for (guint k = w; k <= j; k++)
            {
              const Targeting *x = &g_array_index (kept, Targeting, k);
              if (k > w && x->comment == g_array_index (kept, Targeting, k - 1).comment)
                continue;
              n_all++;
              n_hostile += x->hostile;
            }
          /* the later ones: hostile themselves, or naming the person again
           * after enough hostile comments */
          if ((t->hostile && n_hostile >= min_count) ||
              (!t->hostile && n_hostile + 1 >= min_count && n_all >= min_count))
            add_batch_flag (self, g_ptr_array_index (results, t->comment), cr, t->start, t->end);
        }
      a = b;
    }
}

GPtrArray *
vigie_classifier_classify_comments (VigieClassifier  *self,
                                    GPtrArray        *comments,
                                    GHashTable       *posts,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autofree guint64 *hashes = NULL;
  g_autofree guint8 *eligible = NULL;
  g_autofree guint *parent = NULL;
  g_autofree guint *group_size = NULL;
  g_autoptr(GArray) targetings = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) by_external_id = NULL;
  Scratch *s = get_scratch ();
  const CRule *dup = NULL;
  gboolean targeting = self->targeting_rule < self->n_rules;
  guint32 first_name = class_id (self, "first_name", FALSE);
  guint n;

  g_return_val_if_fail (VIGIE_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (comments != NULL, NULL);

  n = comments->len;
  results = g_ptr_array_new_full (n, (GDestroyNotify) vigie_classification_unref);
  hashes = g_new0 (guint64, n);
  eligible = g_new0 (guint8, n);
  if (self->near_dup_rule < self->n_rules)
    dup = &self->rules[self->near_dup_rule];
  if (targeting)
    {
      targetings = g_array_new (FALSE, FALSE, sizeof (Targeting));
      g_array_set_clear_func (targetings, targeting_clear);
      by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      by_external_id = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n; i++)
        {
          VigieComment *c = g_ptr_array_index (comments, i);
          if (c->id != 0)
            g_hash_table_insert (by_id, &c->id, c);
          if (c->external_id != NULL)
            g_hash_table_insert (by_external_id, c->external_id, c);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      VigieComment *c = g_ptr_array_index (comments, i);
      VigieClassifyContext ctx = { NULL, FALSE };
      VigieClassification *result;
      VigiePost *post = NULL;

      if (i % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      result = vigie_classification_new ();

      if (posts != NULL && c->post_id != 0)
        post = g_hash_table_lookup (posts, &c->post_id);
      if (post != NULL)
        {
          ctx.post_text = post->text;
          /* The page answering on its own post */
          ctx.from_page = (c->author_external_id != NULL &&
                           g_strcmp0 (c->author_external_id, post->page_external_id) == 0) ||
                          (c->author_name != NULL &&
                           g_strcmp0 (c->author_name, post->page_name) == 0);
        }
      g_ptr_array_add (results, result);
      if (ctx.from_page)
        continue;
      classify_into (self, s, c->text, strlen (c->text), &ctx, result);
      if (targeting && author_key (c) != NULL)
        {
          /* Whom it addresses: its @mentions, the author it answers */
          const char *author = author_key (c);
          VigieComment *answered = NULL;
          g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

          for (guint t = 0; t < n_tokens (s); t++)
            {
              const VigieToken *tok = token (s, t);
              g_autofree char *name = NULL;
              Targeting tg;
              const char *m = c->text + tok->orig_start;
              gsize ml = tok->orig_end - tok->orig_start;
              if (!(tok->flags & VIGIE_TOKEN_MENTION))
                continue;
              if (ml > 0 && m[0] == '@')
                m++, ml--;
              name = g_utf8_casefold (m, ml);
              if (name[0] == '\0' || g_ptr_array_find_with_equal_func (seen, name, g_str_equal, NULL))
                continue;
              tg.comment = i;
              tg.created = c->created;
              tg.key = g_strconcat (author, "\x1f@", name, NULL);
              /* the span shows the "@" too */
              tg.start = tok->orig_start > 0 && c->text[tok->orig_start - 1] == '@'
                ? tok->orig_start - 1 : tok->orig_start;
              tg.end = tok->orig_end;
              tg.named = FALSE;
              tg.hostile = FALSE;
              g_array_append_val (targetings, tg);
              g_ptr_array_add (seen, g_steal_pointer (&name));
            }
          /* and the people it names: a first name and a capitalised
           * surname ("Audrey Fortin") */
          for (guint t = 0; first_name != NO_CLASS && t + 1 < n_tokens (s); t++)
            {
              const VigieToken *a = token (s, t), *b = token (s, t + 1);
              g_autofree char *name = NULL;
              Targeting tg;
              if (!(b->flags & VIGIE_TOKEN_CAPITALIZED) || a->sentence != b->sentence ||
                  !token_has_class (self, s, t, first_name))
                continue;
              name = g_strndup (s->norm->text + a->start, b->end - a->start);
              if (g_ptr_array_find_with_equal_func (seen, name, g_str_equal, NULL))
                continue;
              tg.comment = i;
              tg.created = c->created;
              tg.key = g_strconcat (author, "\x1fn:", name, NULL);
              tg.start = a->orig_start;
              tg.end = b->orig_end;
              tg.named = TRUE;
              tg.hostile = FALSE;
              g_array_append_val (targetings, tg);
              g_ptr_array_add (seen, g_steal_pointer (&name));
            }
          if (c->parent_id != 0)
            answered = g_hash_table_lookup (by_id, &c->parent_id);
          if (answered == NULL && c->parent_external_id != NULL)
            answered = g_hash_table_lookup (by_external_id, c->parent_external_id);
          if (answered != NULL && author_key (answered) != NULL &&
              g_strcmp0 (author_key (answered), author) != 0)
            {
              Targeting tg = { i, c->created, NULL, 0, (guint32) strlen (c->text), FALSE, FALSE };
              tg.key = g_strconcat (author, "\x1f", author_key (answered), NULL);
              g_array_append_val (targetings, tg);
            }
        }
      if (dup != NULL && n_tokens (s) >= dup->min_words)
        {
          hashes[i] = vigie_simhash (s->norm->text, s->norm->len);
          eligible[i] = 1;
        }
    }

  if (targeting)
    find_repeated_targeting (self, results, targetings);
  if (dup == NULL)
    return g_steal_pointer (&results);

  /* Near-duplicates: SimHash, compared within buckets of each 16-bit band
   * (two hashes within 3 bits agree exactly on at least one band of four) */
  parent = g_new (guint, n);
  group_size = g_new0 (guint, n);
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  {
    g_autoptr(GArray) sigs = g_array_sized_new (FALSE, FALSE, sizeof (Signature), n);
    guint max_distance = param_double (dup->rule->params, "max_distance", 3);

    for (guint band = 0; band < 4; band++)
      {
        g_array_set_size (sigs, 0);
        for (guint i = 0; i < n; i++)
          if (eligible[i])
            {
              Signature sig = { (hashes[i] >> (band * 16)) & 0xffff, i };
              g_array_append_val (sigs, sig);
            }
        g_array_sort (sigs, compare_sig);
        for (guint a = 0; a < sigs->len; a++)
          {
            const Signature *x = &g_array_index (sigs, Signature, a);
            for (guint b = a + 1; b < sigs->len && b < a + 64; b++)
              {
                const Signature *y = &g_array_index (sigs, Signature, b);
                if (y->hash != x->hash)
                  break;
                if (vigie_hamming64 (hashes[x->index], hashes[y->index]) <= max_distance)
                  union_find_join (parent, x->index, y->index);
              }
          }
      }
  }
  for (guint i = 0; i < n; i++)
    if (eligible[i])
      group_size[union_find_root (parent, i)]++;
  {
    guint min_copies = param_double (dup->rule->params, "min_copies", 3);
    for (guint i = 0; i < n; i++)
      {
        VigieComment *c;

        if (!eligible[i] || group_size[union_find_root (parent, i)] < min_copies)
          continue;
        c = g_ptr_array_index (comments, i);
        add_batch_flag (self, g_ptr_array_index (results, i), dup, 0, strlen (c->text));
      }
  }
  return g_steal_pointer (&results);
}
