/* vigie-classifier.h — flags comments with the clause they break and why
 *
 * A VigieClassifier is built from a policy and the workspace's settings and
 * never changes afterwards: any thread may classify with it at the same
 * time. To apply new settings, build a new classifier.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <string.h>

#include "vigie-model.h"
#include "vigie-policy.h"

G_BEGIN_DECLS

#define VIGIE_CLASSIFIER_ERROR (vigie_classifier_error_quark ())

typedef enum
{
  VIGIE_CLASSIFIER_ERROR_SETTINGS,   /* settings that do not fit the policy */
} VigieClassifierError;

GQuark vigie_classifier_error_quark (void);

/* A matched span: UTF-8 byte offsets [start, end) into the original text */
typedef struct
{
  guint32 start;
  guint32 end;
} VigieSpan;

typedef struct
{
  const char *category;   /* interned: a fixed category id */
  const char *clause;     /* interned: "CISSS §10" */
  const char *rule;       /* interned: the rule that weighed most */
  double      score;      /* [0, 1] */
  GArray     *spans;      /* VigieSpan, sorted, not overlapping */
} VigieFlag;

typedef struct
{
  GArray     *flags;      /* VigieFlag, by decreasing severity then score */
  const char *action;     /* interned: "none", "keep", "reply", "hide", "remove", "escalate", "ban" */
  gboolean    urgent;
  gboolean    escalate;
  int         severity;   /* of the most severe flag; 0 without flags */
  const char *lang;       /* interned: "fr" or "en" */
} VigieClassification;

#define VIGIE_TYPE_CLASSIFICATION (vigie_classification_get_type ())

GType                vigie_classification_get_type (void) G_GNUC_CONST;
VigieClassification *vigie_classification_new      (void);
VigieClassification *vigie_classification_ref      (VigieClassification *self);
void                 vigie_classification_unref    (VigieClassification *self);
const VigieFlag     *vigie_classification_get_flag (const VigieClassification *self,
                                                    const char                *category);
/* Appends the "lang" (when @with_lang), "flags", "action" and "urgent"
 * members, each preceded by a comma, of the vigie-scan JSON output */
void                 vigie_classification_append_json (const VigieClassification *self,
                                                       GString                   *out,
                                                       gboolean                   with_lang);
/* "[[12,19],[30,34]]" */
char                *vigie_spans_to_json            (GArray     *spans);
GArray              *vigie_spans_from_json          (const char *json);
/* A JSON string, "null" for NULL; with @end (the end of @s, or NULL when
 * unknown), runs that need no escaping are scanned eight bytes at a time */
void                 vigie_append_json_string       (GString    *out,
                                                     const char *s);
void                 vigie_append_json_string_len   (GString    *out,
                                                     const char *s,
                                                     const char *end);

/* g_string_append_len() without its call to g_string_insert_len(), for
 * output written once per field of every comment */
static inline void
vigie_string_put (GString    *out,
                  const char *s,
                  gsize       n)
{
  if (G_LIKELY (out->len + n < out->allocated_len))
    {
      memcpy (out->str + out->len, s, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, s, n);
}

typedef enum
{
  VIGIE_SENSITIVITY_LOW,
  VIGIE_SENSITIVITY_NORMAL,
  VIGIE_SENSITIVITY_HIGH,
} VigieSensitivity;

/* Per-workspace settings, applied on top of the policy */
typedef struct _VigieClassifierSettings VigieClassifierSettings;

#define VIGIE_TYPE_CLASSIFIER_SETTINGS (vigie_classifier_settings_get_type ())

GType                    vigie_classifier_settings_get_type  (void) G_GNUC_CONST;
VigieClassifierSettings *vigie_classifier_settings_new       (void);
VigieClassifierSettings *vigie_classifier_settings_copy      (const VigieClassifierSettings *self);
void                     vigie_classifier_settings_free      (VigieClassifierSettings *self);
/* A term the organisation wants flagged as @category */
void                     vigie_classifier_settings_add_term  (VigieClassifierSettings *self,
                                                              const char              *category,
                                                              const char              *term);
/* Links to this domain (and its sub-domains) are not spam */
void                     vigie_classifier_settings_allow_domain (VigieClassifierSettings *self,
                                                                 const char              *domain);
/* A term (a word, a name, a phone number) that never raises a flag */
void                     vigie_classifier_settings_allow_term (VigieClassifierSettings *self,
                                                               const char              *term);
void                     vigie_classifier_settings_set_sensitivity (VigieClassifierSettings *self,
                                                                    VigieSensitivity         sensitivity);
VigieSensitivity         vigie_classifier_settings_get_sensitivity (const VigieClassifierSettings *self);
/* The terms added for @category, the allowed domains, the allowed terms */
const char * const      *vigie_classifier_settings_get_terms   (const VigieClassifierSettings *self,
                                                                const char                    *category);
const char * const      *vigie_classifier_settings_get_allowed_domains (const VigieClassifierSettings *self);
const char * const      *vigie_classifier_settings_get_allowed_terms   (const VigieClassifierSettings *self);
/* As JSON, to keep in the workspace's settings */
char                    *vigie_classifier_settings_to_json   (const VigieClassifierSettings *self);
VigieClassifierSettings *vigie_classifier_settings_new_from_json (const char  *json,
                                                                  GError     **error);

typedef struct
{
  const char *post_text;   /* the text of the post, NULL when unknown */
  gboolean    from_page;   /* written by the page (the organisation) itself */
} VigieClassifyContext;

#define VIGIE_TYPE_CLASSIFIER (vigie_classifier_get_type ())

G_DECLARE_FINAL_TYPE (VigieClassifier, vigie_classifier, VIGIE, CLASSIFIER, GObject)

VigieClassifier     *vigie_classifier_new        (VigiePolicy                    *policy,
                                                  const VigieClassifierSettings  *settings,
                                                  GError                        **error);
VigiePolicy         *vigie_classifier_get_policy (VigieClassifier *self);

/* @text: valid UTF-8, @len bytes or -1. Thread-safe. */
VigieClassification *vigie_classifier_classify   (VigieClassifier            *self,
                                                  const char                 *text,
                                                  gssize                      len,
                                                  const VigieClassifyContext *context);

/* Classifies @comments (VigieComment*) together: each on its own, then
 * near-duplicates across the batch (the same text posted again and again)
 * are flagged `repetitive`. @posts maps a post row id (gint64*) to its
 * VigiePost and may be NULL: the post's text helps tell off-topic comments,
 * and the page's own replies are never flagged. Returns
 * VigieClassification*, in the same order. */
GPtrArray           *vigie_classifier_classify_comments (VigieClassifier  *self,
                                                         GPtrArray        *comments,
                                                         GHashTable       *posts,
                                                         GCancellable     *cancellable,
                                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieClassification, vigie_classification_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieClassifierSettings, vigie_classifier_settings_free)

G_END_DECLS
