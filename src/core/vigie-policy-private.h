/* vigie-policy-private.h — the rules of a policy, for the classifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "vigie-policy.h"

G_BEGIN_DECLS

typedef enum
{
  VIGIE_TERM_WORD,     /* the whole word(s), with plural endings */
  VIGIE_TERM_EXACT,    /* the whole word(s) exactly ("=con") */
  VIGIE_TERM_PREFIX,   /* words starting with it ("connard*") */
  VIGIE_TERM_SUFFIX,   /* words ending with it ("*connasse") */
  VIGIE_TERM_INFIX,    /* anywhere, even glued ("*fuck*") */
} VigieTermMode;

typedef struct
{
  char          *source;     /* as written in the lexicon */
  char          *file;       /* where, for messages */
  guint          line;
  float          weight;
  VigieTermMode  mode;
  gboolean       inflect;    /* "term+": also -e, -es */
} VigieLexTerm;

typedef struct
{
  char      *name;
  GPtrArray *terms;          /* VigieLexTerm */
  gboolean   glue;           /* also find it glued to a short word ("deconnasse") */
  gboolean   mask;           /* also find it with letters hidden ("c*nnard") */
  gboolean   fuzzy;          /* also find it with a letter left out or two swapped */
  gboolean   guard;          /* not searched: real words kept out of the typo variants */
} VigieLexClass;

typedef enum
{
  VIGIE_PAT_ALT,             /* one of alts */
  VIGIE_PAT_GAP,             /* 0..max_gap tokens */
  VIGIE_PAT_NOT,             /* the next token is none of alts (or there is none) */
} VigiePatElemKind;

typedef struct
{
  VigiePatElemKind kind;
  gboolean         optional;
  guint            max_gap;
  GPtrArray       *alts;     /* char*: "@class", "#flag" or a literal skeleton (may end in '*') */
} VigiePatElem;

typedef struct
{
  char     *source;
  gboolean  anchor_start;    /* '^': at the start of a sentence */
  gboolean  anchor_end;      /* '$': at the end of a sentence */
  GArray   *elems;           /* VigiePatElem */
} VigiePattern;

typedef enum
{
  VIGIE_RULE_LEXICON,
  VIGIE_RULE_PATTERN,
  VIGIE_RULE_DETECTOR,
} VigieRuleKind;

typedef enum
{
  VIGIE_CONTRAST_QUOTE    = 1 << 0,  /* inside quotation marks */
  VIGIE_CONTRAST_REPORT   = 1 << 1,  /* "il m'a traité de ..." */
  VIGIE_CONTRAST_COUNTER  = 1 << 2,  /* counter-speech in the same sentence */
  VIGIE_CONTRAST_NEGATION = 1 << 3,  /* negated */
  VIGIE_CONTRAST_SELF     = 1 << 4,  /* said of oneself: "je suis tellement cave" */
} VigieContrast;

typedef struct
{
  char          *id;
  const char    *category;           /* interned */
  GStrv          also;               /* other categories the same evidence shows */
  char          *clause;             /* overrides the category's first clause ref; may be NULL */
  VigieRuleKind  kind;
  double         score;
  guint          contrast;           /* VigieContrast */
  gboolean       negation_required;  /* fires only when negated ("ne méritent pas de vivre") */
  gboolean       cross_sentence;     /* patterns may span two sentences */
  gboolean       once;               /* counts once per comment, however often found */
  char          *lexicon_class;      /* VIGIE_RULE_LEXICON */
  GPtrArray     *patterns;           /* VigiePattern*, VIGIE_RULE_PATTERN */
  char          *detector;           /* VIGIE_RULE_DETECTOR */
  JsonObject    *params;             /* the rule object itself, for detector parameters */
  GStrv          requires;           /* classes of which one must be in the comment */
  GStrv          unless;             /* classes of which none may be in the sentence */
} VigieRule;

typedef struct
{
  double flag;          /* minimum score for a flag, normal sensitivity */
  double low;           /* ... low sensitivity */
  double high;          /* ... high sensitivity */
} VigieThresholds;

GHashTable        *_vigie_policy_get_classes    (VigiePolicy *self);  /* name → VigieLexClass */
GPtrArray         *_vigie_policy_get_rules      (VigiePolicy *self);  /* VigieRule */
VigieThresholds    _vigie_policy_get_thresholds (VigiePolicy *self);
/* Contrast cue classes: "report", "counter", "negation", "negation_cancel"
 * (phrases whose negation is not one: "n'est-ce pas", "rien que"),
 * "report_cancel" (what makes a report cue right after it none: "c'est
 * pas raciste de dire que"); NULL if unset */
const char        *_vigie_policy_get_contrast_class (VigiePolicy *self,
                                                     const char  *what);
guint              _vigie_policy_get_contrast_window (VigiePolicy *self);
/* Parses one pattern; errors name @where */
VigiePattern      *_vigie_pattern_parse         (const char   *source,
                                                 const char   *where,
                                                 GError      **error);
void               _vigie_pattern_free          (VigiePattern *pattern);
/* Parses lexicon text into @classes */
gboolean           _vigie_lexicon_parse         (GHashTable   *classes,
                                                 const char   *text,
                                                 gsize         len,
                                                 const char   *file,
                                                 GError      **error);
void               _vigie_lex_class_free        (VigieLexClass *klass);

G_END_DECLS
