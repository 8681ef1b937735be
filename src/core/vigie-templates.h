/* vigie-templates.h — the institutional replies
 *
 * Templates come in French and English pairs (data/templates/templates.json)
 * with placeholders in braces: {author} {organisation} {page} {clause}
 * {complaints_office} {phone} {url} {email} {policy_url} {details}; "{{"
 * and "}}" stand for the braces themselves. An unknown placeholder is an
 * error, never silent text; so is a placeholder without a value, and the
 * error names it and says where to set it.
 *
 * The organisation's values live in the workspace settings under
 * "organisation.name", "organisation.phone"... ("organisation.name.en"
 * overrides for English replies). A person may edit a template: the copy
 * is kept in the workspace settings ("template.<id>.<lang>") and replaces
 * the shipped text until reset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vigie-action.h"
#include "vigie-model.h"
#include "vigie-store.h"

G_BEGIN_DECLS

#define VIGIE_TEMPLATES_ERROR (vigie_templates_error_quark ())

typedef enum
{
  VIGIE_TEMPLATES_ERROR_PARSE,                /* the templates file is not valid */
  VIGIE_TEMPLATES_ERROR_NOT_FOUND,            /* no template with this id */
  VIGIE_TEMPLATES_ERROR_UNKNOWN_PLACEHOLDER,  /* "{foo}", or a stray brace */
  VIGIE_TEMPLATES_ERROR_MISSING_VALUE,        /* a placeholder without a value */
  VIGIE_TEMPLATES_ERROR_TOO_LONG,             /* longer than the platform accepts */
} VigieTemplatesError;

GQuark vigie_templates_error_quark (void);

#define VIGIE_TEMPLATES_DEFAULT_RESOURCE "/io/github/vigie/Vigie/data/templates/templates.json"

/* The workspace settings the placeholders are filled from */
#define VIGIE_SETTING_ORGANISATION_NAME     "organisation.name"
#define VIGIE_SETTING_COMPLAINTS_OFFICE     "organisation.complaints_office"
#define VIGIE_SETTING_ORGANISATION_PHONE    "organisation.phone"
#define VIGIE_SETTING_ORGANISATION_URL      "organisation.url"
#define VIGIE_SETTING_ORGANISATION_EMAIL    "organisation.email"
#define VIGIE_SETTING_POLICY_URL            "organisation.policy_url"

/* Sets the invented organisation of the demo and training workspaces
 * (.example addresses, a 555 number) and the sandbox connector */
gboolean vigie_templates_set_example_organisation (VigieStore  *store,
                                                   GError     **error);

/* The placeholders Vigie knows, NULL-terminated */
const char * const *vigie_template_get_placeholders     (void);
/* Translated: what the placeholder stands for ("the organisation’s phone
 * number") */
const char         *vigie_template_describe_placeholder (const char *name);
/* The workspace setting behind a placeholder, NULL for those filled from
 * the comment ({author}, {page}, {clause}) or by the person ({details}) */
const char         *vigie_template_get_setting_key      (const char *name);

/* Checks that @text uses only known placeholders */
gboolean            vigie_template_check                (const char  *text,
                                                         GError     **error);
/* The placeholders @text uses, in order, without repeats */
GStrv               vigie_template_list_placeholders    (const char  *text,
                                                         GError     **error);
/* Replaces each placeholder with its value in @values (name → value) */
char               *vigie_template_expand               (const char  *text,
                                                         GHashTable  *values,
                                                         GError     **error);
/* The text fits what @platform accepts for @kind; the error gives both
 * lengths */
gboolean            vigie_template_check_length         (const char       *text,
                                                         VigiePlatform     platform,
                                                         VigieActionKind   kind,
                                                         GError          **error);
/* The reply's language: the comment's when known ("fr" or "en"), then the
 * detected one, then French */
const char         *vigie_template_pick_language        (const char *comment_language,
                                                         const char *detected_language);

/* One template, owned by its VigieTemplates */
typedef struct _VigieTemplate VigieTemplate;

const char         *vigie_template_get_id               (const VigieTemplate *self);
/* @lang: "fr" or "en" */
const char         *vigie_template_get_title            (const VigieTemplate *self,
                                                         const char          *lang);
/* The text in use: the workspace's copy when edited, the shipped one otherwise */
const char         *vigie_template_get_text             (const VigieTemplate *self,
                                                         const char          *lang);
const char         *vigie_template_get_default_text     (const VigieTemplate *self,
                                                         const char          *lang);
gboolean            vigie_template_is_overridden        (const VigieTemplate *self,
                                                         const char          *lang);
/* The categories it suits, to suggest it */
const char * const *vigie_template_get_categories       (const VigieTemplate *self);
gboolean            vigie_template_supports_kind        (const VigieTemplate *self,
                                                         VigieActionKind      kind);

#define VIGIE_TYPE_TEMPLATES (vigie_templates_get_type ())

G_DECLARE_FINAL_TYPE (VigieTemplates, vigie_templates, VIGIE, TEMPLATES, GObject)

VigieTemplates      *vigie_templates_new_default     (GError              **error);
VigieTemplates      *vigie_templates_new_from_file   (const char           *path,
                                                      GError              **error);
/* @origin names the data in error messages */
VigieTemplates      *vigie_templates_new_from_data   (const char           *data,
                                                      gssize                length,
                                                      const char           *origin,
                                                      GError              **error);

guint                vigie_templates_get_n_templates (VigieTemplates       *self);
const VigieTemplate *vigie_templates_get_template    (VigieTemplates       *self,
                                                      guint                 index);
const VigieTemplate *vigie_templates_lookup          (VigieTemplates       *self,
                                                      const char           *id);
/* The first template for @kind that suits one of @categories, NULL when none */
const VigieTemplate *vigie_templates_suggest         (VigieTemplates       *self,
                                                      const char * const   *categories,
                                                      VigieActionKind       kind);

/* The workspace's own copies: loading them, setting one (checked for
 * unknown placeholders), and going back to the shipped text */
gboolean             vigie_templates_load_overrides  (VigieTemplates       *self,
                                                      VigieStore           *store,
                                                      GError              **error);
gboolean             vigie_templates_set_override    (VigieTemplates       *self,
                                                      VigieStore           *store,
                                                      const char           *id,
                                                      const char           *lang,
                                                      const char           *text,
                                                      GError              **error);
gboolean             vigie_templates_reset           (VigieTemplates       *self,
                                                      VigieStore           *store,
                                                      const char           *id,
                                                      const char           *lang,
                                                      GError              **error);

/* The values for a reply to @comment in @lang: the organisation's settings,
 * the author, the page, and @clauses (joined). A new table of name → value;
 * add {details} and any other value the person typed before filling. */
GHashTable          *vigie_templates_collect_values  (VigieStore           *store,
                                                      const VigieComment   *comment,
                                                      const char * const   *clauses,
                                                      const char           *lang);
/* Template @id in @lang with @values filled in */
char                *vigie_templates_fill            (VigieTemplates       *self,
                                                      const char           *id,
                                                      const char           *lang,
                                                      GHashTable           *values,
                                                      GError              **error);

G_END_DECLS
