/* vigie-policy.h — the organisation's moderation policy, as data
 *
 * A policy file (JSON) lists the categories with their fixed ids, their
 * labels and descriptions in French and English, the clauses of the source
 * documents they come from, their severity and default action, and the
 * rules (lexicons, patterns, detectors) that find them. A policy is loaded
 * whole or refused: any error names the file and the place in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIGIE_POLICY_ERROR (vigie_policy_error_quark ())

typedef enum
{
  VIGIE_POLICY_ERROR_NOT_FOUND,   /* the policy or one of its lexicons cannot be read */
  VIGIE_POLICY_ERROR_PARSE,       /* not JSON */
  VIGIE_POLICY_ERROR_INVALID,     /* JSON, but missing or wrong fields */
  VIGIE_POLICY_ERROR_LEXICON,     /* a lexicon file with a bad line */
} VigiePolicyError;

GQuark vigie_policy_error_quark (void);

/* The default policy, built into the binaries */
#define VIGIE_POLICY_DEFAULT_RESOURCE "/io/github/vigie/Vigie/data/policies/cisss-iucpq.json"

typedef struct
{
  char *ref;            /* short reference shown with a flag: "CISSS §10" */
  char *document;       /* the document's title */
  char *section;        /* its section */
  char *text;           /* the clause, quoted from the document */
} VigieClause;

typedef struct
{
  char        *id;              /* fixed id: "insult", "distress"... */
  gboolean     triage;          /* a triage signal rather than litigious content */
  char        *label_fr;
  char        *label_en;
  char        *description_fr;
  char        *description_en;
  int          severity;        /* 1 (lowest) to 5 */
  char        *action;          /* default recommendation: keep, reply, hide, remove, escalate */
  gboolean     escalate;        /* also escalate to the director */
  gboolean     urgent;          /* the delegate must see it first */
  GStrv        approval;        /* actions on it that need the director's approval;
                                 * "reply:named" only when the comment names a person */
  VigieClause *clauses;
  guint        n_clauses;
  GStrv        immediate;       /* urgent safety actions: applied at once, then
                                 * confirmed by the director */
} VigieCategory;

typedef enum
{
  VIGIE_APPROVAL_RULE_NONE,       /* anyone may do it */
  VIGIE_APPROVAL_RULE_REQUIRED,   /* a delegate's action is only a proposal */
  VIGIE_APPROVAL_RULE_IMMEDIATE,  /* applied at once, and confirmed by the director */
} VigieApprovalRule;

/* Category ids are part of the output contract; these are all of them. */
extern const char * const vigie_category_ids[];
gboolean vigie_category_id_is_valid (const char *id);

#define VIGIE_TYPE_POLICY (vigie_policy_get_type ())

G_DECLARE_FINAL_TYPE (VigiePolicy, vigie_policy, VIGIE, POLICY, GObject)

VigiePolicy         *vigie_policy_new_default       (GError      **error);
VigiePolicy         *vigie_policy_new_from_file     (const char   *path,
                                                     GError      **error);
VigiePolicy         *vigie_policy_new_from_resource (const char   *resource_path,
                                                     GError      **error);
/* @origin names the data in messages; lexicon paths are looked up in
 * @base_dir (may be NULL), then among the built-in resources. */
VigiePolicy         *vigie_policy_new_from_data     (const char   *data,
                                                     gssize        len,
                                                     const char   *origin,
                                                     const char   *base_dir,
                                                     GError      **error);

const char          *vigie_policy_get_id            (VigiePolicy  *self);
/* @lang: "fr" or "en" */
const char          *vigie_policy_get_name          (VigiePolicy  *self,
                                                     const char   *lang);
guint                vigie_policy_get_n_categories  (VigiePolicy  *self);
const VigieCategory *vigie_policy_get_category      (VigiePolicy  *self,
                                                     guint         index);
const VigieCategory *vigie_policy_lookup_category   (VigiePolicy  *self,
                                                     const char   *id);
/* Domains whose links are never spam (the organisation's own sites) */
const char * const  *vigie_policy_get_allowed_domains (VigiePolicy *self);

const char          *vigie_category_get_label       (const VigieCategory *category,
                                                     const char          *lang);
const char          *vigie_category_get_description (const VigieCategory *category,
                                                     const char          *lang);
/* "fr" or "en": the language of the interface (the first of the user's
 * languages that is one of them, English otherwise), for the policy's
 * labels */
const char          *vigie_policy_get_interface_language (void);
gboolean             vigie_category_needs_approval  (const VigieCategory *category,
                                                     const char          *action);
/* What the policy asks of a delegate's @action ("keep", "reply", "hide",
 * "remove", "ban") on a comment citing @categories, whose text is @text
 * (for "reply:named"). An `immediate` entry wins over `approval`. */
VigieApprovalRule    vigie_policy_get_approval_rule (VigiePolicy        *self,
                                                     const char         *action,
                                                     const char * const *categories,
                                                     const char         *text);
/* Whether @text names someone: a professional title or a first name of the
 * policy's lexicons (classes title_pro, first_name) followed by a
 * capitalised word ("Dre Gagnon", "l'infirmière Julie", "Julie Tremblay") */
gboolean             vigie_policy_text_names_person (VigiePolicy        *self,
                                                     const char         *text);

G_END_DECLS
