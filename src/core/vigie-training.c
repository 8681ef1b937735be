/* vigie-training.c — scenarios, the training workspace and exercises
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-training"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-action.h"
#include "vigie-pdf-private.h"
#include "vigie-training.h"

G_DEFINE_QUARK (vigie-training-error-quark, vigie_training_error)

const char * const vigie_training_actions[] = {
  "keep", "reply", "hide", "remove", "escalate", "ban", NULL
};

gboolean
vigie_training_action_is_valid (const char *action)
{
  return action != NULL && g_strv_contains (vigie_training_actions, action);
}

const char *
vigie_training_action_get_label (const char *action)
{
  VigieActionKind kind;

  if (action == NULL || !vigie_action_kind_from_string (action, &kind))
    return action;
  return vigie_action_kind_get_label (kind, VIGIE_PLATFORM_FACEBOOK);
}

/* Decisions */

void
vigie_training_decision_clear (VigieTrainingDecision *decision)
{
  g_clear_pointer (&decision->categories, g_strfreev);
  g_clear_pointer (&decision->action, g_free);
  g_clear_pointer (&decision->template_id, g_free);
}

void
vigie_training_decision_copy (const VigieTrainingDecision *src,
                              VigieTrainingDecision       *dest)
{
  dest->categories = g_strdupv (src->categories);
  dest->action = g_strdup (src->action);
  dest->template_id = g_strdup (src->template_id);
}

static guint
category_rank (const char *id)
{
  for (guint i = 0; vigie_category_ids[i] != NULL; i++)
    if (g_str_equal (vigie_category_ids[i], id))
      return i;
  return G_MAXUINT;
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const char *x = *(const char **) a;
  const char *y = *(const char **) b;
  guint rx = category_rank (x), ry = category_rank (y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return g_strcmp0 (x, y);
}

void
vigie_training_decision_set (VigieTrainingDecision *decision,
                             const char * const    *categories,
                             const char            *action,
                             const char            *template_id)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < list->len && !seen; j++)
        seen = g_str_equal (list->pdata[j], categories[i]);
      if (!seen)
        g_ptr_array_add (list, g_strdup (categories[i]));
    }
  g_ptr_array_sort (list, compare_categories);
  g_ptr_array_add (list, NULL);

  vigie_training_decision_clear (decision);
  decision->categories = (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
  decision->action = g_strdup (action);
  decision->template_id = g_strdup (template_id);
}

gboolean
vigie_training_decision_has_category (const VigieTrainingDecision *decision,
                                      const char                  *category)
{
  return decision->categories != NULL &&
         g_strv_contains ((const char * const *) decision->categories, category);
}

VigieMistakeKind
vigie_training_compare (const VigieTrainingDecision *reference,
                        const VigieTrainingDecision *answer)
{
  VigieMistakeKind kinds = VIGIE_MISTAKE_NONE;

  for (guint i = 0; reference->categories != NULL && reference->categories[i] != NULL; i++)
    if (!vigie_training_decision_has_category (answer, reference->categories[i]))
      kinds |= VIGIE_MISTAKE_MISSED_CATEGORY;
  for (guint i = 0; answer->categories != NULL && answer->categories[i] != NULL; i++)
    if (!vigie_training_decision_has_category (reference, answer->categories[i]))
      kinds |= VIGIE_MISTAKE_EXTRA_CATEGORY;
  if (g_strcmp0 (reference->action, answer->action) != 0)
    kinds |= VIGIE_MISTAKE_ACTION;
  else if (g_strcmp0 (reference->action, "reply") == 0 &&
           g_strcmp0 (reference->template_id, answer->template_id) != 0)
    kinds |= VIGIE_MISTAKE_TEMPLATE;
  return kinds;
}

/* Scenarios */

VigieScenario *
vigie_scenario_new (void)
{
  VigieScenario *scenario = g_new0 (VigieScenario, 1);

  g_atomic_ref_count_init (&scenario->ref);
  scenario->platform = VIGIE_PLATFORM_FACEBOOK;
  return scenario;
}

VigieScenario *
vigie_scenario_ref (VigieScenario *scenario)
{
  g_atomic_ref_count_inc (&scenario->ref);
  return scenario;
}

void
vigie_scenario_unref (VigieScenario *scenario)
{
  if (scenario == NULL || !g_atomic_ref_count_dec (&scenario->ref))
    return;
  g_free (scenario->id);
  g_free (scenario->difficulty);
  g_free (scenario->page);
  g_free (scenario->post);
  g_free (scenario->author);
  g_free (scenario->language);
  g_free (scenario->text);
  vigie_training_decision_clear (&scenario->reference);
  g_free (scenario->clause);
  g_free (scenario->explanation_fr);
  g_free (scenario->explanation_en);
  g_free (scenario->context_fr);
  g_free (scenario->context_en);
  g_free (scenario);
}

const char *
vigie_scenario_get_explanation (const VigieScenario *scenario,
                                const char          *lang)
{
  if (g_strcmp0 (lang, "en") == 0)
    return scenario->explanation_en ? scenario->explanation_en : scenario->explanation_fr;
  return scenario->explanation_fr ? scenario->explanation_fr : scenario->explanation_en;
}

const char *
vigie_scenario_get_context (const VigieScenario *scenario,
                            const char          *lang)
{
  if (g_strcmp0 (lang, "en") == 0)
    return scenario->context_en ? scenario->context_en : scenario->context_fr;
  return scenario->context_fr ? scenario->context_fr : scenario->context_en;
}

const VigieClause *
vigie_scenario_lookup_clause (const VigieScenario *scenario,
                              VigiePolicy         *policy)
{
  if (scenario->clause == NULL || policy == NULL)
    return NULL;
  for (guint i = 0; scenario->reference.categories[i] != NULL; i++)
    {
      const VigieCategory *category =
        vigie_policy_lookup_category (policy, scenario->reference.categories[i]);

      for (guint j = 0; category != NULL && j < category->n_clauses; j++)
        if (g_str_equal (category->clauses[j].ref, scenario->clause))
          return &category->clauses[j];
    }
  return NULL;
}

VigieScenarioSet *
vigie_scenario_set_new (const char *id,
                        const char *title_fr,
                        const char *title_en)
{
  VigieScenarioSet *set = g_new0 (VigieScenarioSet, 1);

  g_atomic_ref_count_init (&set->ref);
  set->id = g_strdup (id);
  set->title_fr = g_strdup (title_fr);
  set->title_en = g_strdup (title_en);
  set->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_scenario_unref);
  return set;
}

VigieScenarioSet *
vigie_scenario_set_ref (VigieScenarioSet *set)
{
  g_atomic_ref_count_inc (&set->ref);
  return set;
}

void
vigie_scenario_set_unref (VigieScenarioSet *set)
{
  if (set == NULL || !g_atomic_ref_count_dec (&set->ref))
    return;
  g_free (set->id);
  g_free (set->title_fr);
  g_free (set->title_en);
  g_ptr_array_unref (set->scenarios);
  g_free (set);
}

/* Reading, with errors that say where: "file: scenario 3 (“id”): message" */

static gboolean
invalid (GError     **error,
         const char  *origin,
         const char  *where,
         const char  *message)
{
  g_set_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_INVALID,
               "%s: %s: %s", origin, where, message);
  return FALSE;
}

static gboolean
get_string (JsonObject  *obj,
            const char  *member,
            const char  *field,
            gboolean     required,
            const char **out,
            const char  *origin,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  const char *s;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is missing"), field);
          return invalid (error, origin, where, msg);
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be a string"), field);
      return invalid (error, origin, where, msg);
    }
  s = json_node_get_string (node);
  while (s != NULL && g_ascii_isspace (*s))
    s++;
  if (s == NULL || *s == '\0')
    {
      if (required)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is empty"), field);
          return invalid (error, origin, where, msg);
        }
      return TRUE;
    }
  *out = json_node_get_string (node);
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

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is missing"), member);
      invalid (error, origin, where, msg);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be an object"), member);
      invalid (error, origin, where, msg);
      return NULL;
    }
  return json_node_get_object (node);
}

/* {"fr": "...", "en": "..."}, both required */
static gboolean
get_texts (JsonObject  *obj,
           const char  *member,
           char       **out_fr,
           char       **out_en,
           const char  *origin,
           const char  *where,
           GError     **error)
{
  JsonObject *texts = get_object (obj, member, origin, where, error);
  g_autofree char *field_fr = g_strdup_printf ("%s.fr", member);
  g_autofree char *field_en = g_strdup_printf ("%s.en", member);
  const char *fr, *en;

  if (texts == NULL)
    return FALSE;
  if (!get_string (texts, "fr", field_fr, TRUE, &fr, origin, where, error) ||
      !get_string (texts, "en", field_en, TRUE, &en, origin, where, error))
    return FALSE;
  *out_fr = g_strdup (fr);
  *out_en = g_strdup (en);
  return TRUE;
}

static gboolean
category_exists (const char  *id,
                 VigiePolicy *policy)
{
  if (policy != NULL)
    return vigie_policy_lookup_category (policy, id) != NULL;
  return vigie_category_id_is_valid (id);
}

static gboolean
clause_exists (const char          *ref,
               const char * const  *categories,
               VigiePolicy         *policy)
{
  if (policy == NULL)
    return TRUE;
  for (guint i = 0; categories[i] != NULL; i++)
    {
      const VigieCategory *category = vigie_policy_lookup_category (policy, categories[i]);

      for (guint j = 0; category != NULL && j < category->n_clauses; j++)
        if (g_str_equal (category->clauses[j].ref, ref))
          return TRUE;
    }
  return FALSE;
}

static gboolean
parse_reference (JsonObject     *obj,
                 VigieScenario  *scenario,
                 VigiePolicy    *policy,
                 VigieTemplates *templates,
                 const char     *origin,
                 const char     *where,
                 GError        **error)
{
  JsonObject *ref = get_object (obj, "reference", origin, where, error);
  JsonNode *node;
  JsonArray *array;
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  const char *action, *template_id, *clause;

  if (ref == NULL)
    return FALSE;

  node = json_object_get_member (ref, "categories");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be a list of category ids"),
                                              "reference.categories");
      return invalid (error, origin, where, msg);
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *id;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” must be a list of category ids"),
                                                  "reference.categories");
          return invalid (error, origin, where, msg);
        }
      id = json_node_get_string (item);
      if (!category_exists (id, policy))
        {
          g_autofree char *msg = g_strdup_printf (_("“%s”: unknown category “%s”"),
                                                  "reference.categories", id);
          return invalid (error, origin, where, msg);
        }
      g_ptr_array_add (categories, (gpointer) id);
    }
  g_ptr_array_add (categories, NULL);

  if (!get_string (ref, "action", "reference.action", TRUE, &action, origin, where, error))
    return FALSE;
  if (!vigie_training_action_is_valid (action))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) vigie_training_actions);
      g_autofree char *msg = g_strdup_printf (_("“%s” must be one of %s, not “%s”"),
                                              "reference.action", list, action);
      return invalid (error, origin, where, msg);
    }

  if (!get_string (ref, "template", "reference.template", g_str_equal (action, "reply"),
                   &template_id, origin, where, error))
    return FALSE;
  if (template_id != NULL && !g_str_equal (action, "reply"))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is only for the action “reply”"),
                                              "reference.template");
      return invalid (error, origin, where, msg);
    }
  if (template_id != NULL && templates != NULL &&
      vigie_templates_lookup (templates, template_id) == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s”: unknown reply template “%s”"),
                                              "reference.template", template_id);
      return invalid (error, origin, where, msg);
    }

  if (!get_string (ref, "clause", "reference.clause", categories->len > 1, &clause,
                   origin, where, error))
    return FALSE;
  if (clause != NULL && !clause_exists (clause, (const char * const *) categories->pdata, policy))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s”: the clause “%s” is not one of the "
                                                "reference’s categories"),
                                              "reference.clause", clause);
      return invalid (error, origin, where, msg);
    }

  vigie_training_decision_set (&scenario->reference, (const char * const *) categories->pdata,
                               action, template_id);
  scenario->clause = g_strdup (clause);
  return TRUE;
}

static VigieScenario *
parse_scenario (JsonNode       *node,
                guint           number,
                GHashTable     *ids,
                VigiePolicy    *policy,
                VigieTemplates *templates,
                const char     *origin,
                GError        **error)
{
  g_autoptr(VigieScenario) scenario = vigie_scenario_new ();
  g_autofree char *where = NULL;
  JsonObject *obj;
  const char *id = NULL, *s;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *id_node = json_object_get_member (json_node_get_object (node), "id");

      if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
          json_node_get_value_type (id_node) == G_TYPE_STRING)
        id = json_node_get_string (id_node);
    }
  if (id != NULL && *id != '\0')
    /* Translators: where an error is in a scenario file: its number, its id */
    where = g_strdup_printf (_("scenario %u (“%s”)"), number, id);
  else
    /* Translators: where an error is in a scenario file */
    where = g_strdup_printf (_("scenario %u"), number);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, origin, where, _("a scenario must be a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (node);

  if (!get_string (obj, "id", "id", TRUE, &id, origin, where, error))
    return NULL;
  if (g_hash_table_contains (ids, id))
    {
      g_autofree char *msg = g_strdup_printf (_("the id “%s” is already used by scenario %u"),
                                              id, GPOINTER_TO_UINT (g_hash_table_lookup (ids, id)));
      invalid (error, origin, where, msg);
      return NULL;
    }
  g_hash_table_insert (ids, g_strdup (id), GUINT_TO_POINTER (number));
  scenario->id = g_strdup (id);

  if (!get_string (obj, "difficulty", "difficulty", FALSE, &s, origin, where, error))
    return NULL;
  if (s != NULL && !g_str_equal (s, "easy") && !g_str_equal (s, "hard"))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be “easy” or “hard”"), "difficulty");
      invalid (error, origin, where, msg);
      return NULL;
    }
  scenario->difficulty = g_strdup (s ? s : "easy");

  if (!get_string (obj, "platform", "platform", FALSE, &s, origin, where, error))
    return NULL;
  if (s != NULL)
    {
      scenario->platform = vigie_platform_from_string (s);
      if (scenario->platform == VIGIE_PLATFORM_UNKNOWN)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” must be facebook, instagram or "
                                                    "youtube, not “%s”"), "platform", s);
          invalid (error, origin, where, msg);
          return NULL;
        }
    }

  if (!get_string (obj, "page", "page", TRUE, &s, origin, where, error))
    return NULL;
  scenario->page = g_strdup (s);
  if (!get_string (obj, "post", "post", FALSE, &s, origin, where, error))
    return NULL;
  scenario->post = g_strdup (s);
  if (!get_string (obj, "author", "author", TRUE, &s, origin, where, error))
    return NULL;
  scenario->author = g_strdup (s);
  if (!get_string (obj, "language", "language", TRUE, &s, origin, where, error))
    return NULL;
  if (!g_str_equal (s, "fr") && !g_str_equal (s, "en"))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be “fr” or “en”"), "language");
      invalid (error, origin, where, msg);
      return NULL;
    }
  scenario->language = g_strdup (s);
  if (!get_string (obj, "text", "text", TRUE, &s, origin, where, error))
    return NULL;
  scenario->text = g_strdup (s);

  if (!parse_reference (obj, scenario, policy, templates, origin, where, error))
    return NULL;
  if (!get_texts (obj, "explanation", &scenario->explanation_fr, &scenario->explanation_en,
                  origin, where, error))
    return NULL;
  if (json_object_has_member (obj, "context") &&
      !get_texts (obj, "context", &scenario->context_fr, &scenario->context_en,
                  origin, where, error))
    return NULL;

  return g_steal_pointer (&scenario);
}

VigieScenarioSet *
vigie_scenario_set_new_from_data (const char      *data,
                                  gssize           len,
                                  const char      *origin,
                                  VigiePolicy     *policy,
                                  VigieTemplates  *templates,
                                  GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VigieScenarioSet) set = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *root;
  JsonNode *node, *scenarios;
  g_autofree char *title_fr = NULL;
  g_autofree char *title_en = NULL;
  const char *top = _("top level");
  const char *id;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_PARSE,
                   _("%s: not a valid scenario file: %s"), origin, local_error->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, origin, top, _("a scenario file must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (node);

  node = json_object_get_member (root, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != 1)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be %d"), "format", 1);
      invalid (error, origin, top, msg);
      return NULL;
    }
  if (!get_string (root, "id", "id", TRUE, &id, origin, top, error))
    return NULL;
  if (!get_texts (root, "title", &title_fr, &title_en, origin, top, error))
    return NULL;
  set = vigie_scenario_set_new (id, title_fr, title_en);

  scenarios = json_object_get_member (root, "scenarios");
  if (scenarios == NULL || !JSON_NODE_HOLDS_ARRAY (scenarios) ||
      json_array_get_length (json_node_get_array (scenarios)) == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” must be a list of at least one scenario"),
                                              "scenarios");
      invalid (error, origin, top, msg);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (scenarios)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (scenarios), i);
      VigieScenario *scenario = parse_scenario (item, i + 1, ids, policy, templates, origin,
                                                error);

      if (scenario == NULL)
        return NULL;
      g_ptr_array_add (set->scenarios, scenario);
    }
  return g_steal_pointer (&set);
}

VigieScenarioSet *
vigie_scenario_set_new_from_file (const char      *path,
                                  VigiePolicy     *policy,
                                  VigieTemplates  *templates,
                                  GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) local_error = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_READ,
                   _("Cannot read the scenario file “%s”: %s"), display, local_error->message);
      return NULL;
    }
  return vigie_scenario_set_new_from_data (data, len, display, policy, templates, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

GPtrArray *
vigie_scenario_set_list_builtin (VigiePolicy     *policy,
                                 VigieTemplates  *templates,
                                 GError         **error)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (
    (GDestroyNotify) vigie_scenario_set_unref);
  g_auto(GStrv) names = g_resources_enumerate_children (VIGIE_TRAINING_RESOURCE_PATH "/",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (names == NULL)
    return NULL;
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *resource = NULL;
      g_autoptr(GBytes) bytes = NULL;
      VigieScenarioSet *set;
      gsize size;
      const char *data;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      resource = g_strconcat (VIGIE_TRAINING_RESOURCE_PATH "/", names[i], NULL);
      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &size);
      set = vigie_scenario_set_new_from_data (data, size, names[i], policy, templates, error);
      if (set == NULL)
        return NULL;
      g_ptr_array_add (sets, set);
    }
  return g_steal_pointer (&sets);
}

static void
add_texts (JsonBuilder *builder,
           const char  *member,
           const char  *fr,
           const char  *en)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fr");
  json_builder_add_string_value (builder, fr ? fr : "");
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, en ? en : "");
  json_builder_end_object (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

char *
vigie_scenario_set_to_json (VigieScenarioSet *set)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, 1);
  add_string (builder, "id", set->id);
  add_texts (builder, "title", set->title_fr, set->title_en);
  json_builder_set_member_name (builder, "scenarios");
  json_builder_begin_array (builder);
  for (guint i = 0; i < set->scenarios->len; i++)
    {
      VigieScenario *s = g_ptr_array_index (set->scenarios, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", s->id);
      add_string (builder, "difficulty", s->difficulty);
      add_string (builder, "platform", vigie_platform_to_string (s->platform));
      add_string (builder, "page", s->page);
      add_string (builder, "post", s->post);
      add_string (builder, "author", s->author);
      add_string (builder, "language", s->language);
      add_string (builder, "text", s->text);
      if (s->context_fr != NULL || s->context_en != NULL)
        add_texts (builder, "context", s->context_fr, s->context_en);
      json_builder_set_member_name (builder, "reference");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (guint j = 0; s->reference.categories != NULL && s->reference.categories[j]; j++)
        json_builder_add_string_value (builder, s->reference.categories[j]);
      json_builder_end_array (builder);
      add_string (builder, "clause", s->clause);
      add_string (builder, "action", s->reference.action);
      add_string (builder, "template", s->reference.template_id);
      json_builder_end_object (builder);
      add_texts (builder, "explanation", s->explanation_fr, s->explanation_en);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gssize       len,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_READ,
                   _("Cannot write “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
vigie_scenario_set_write (VigieScenarioSet *set,
                          const char       *path,
                          GError          **error)
{
  g_autofree char *json = vigie_scenario_set_to_json (set);
  g_autofree char *data = g_strconcat (json, "\n", NULL);

  return write_file (path, data, -1, error);
}

/* Add to training */

static char *
make_id (const char *text)
{
  GString *id = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "scenario");
  return g_string_free (id, FALSE);
}

VigieScenario *
vigie_scenario_new_from_comment (VigieStore                *store,
                                 gint64                     comment_id,
                                 const VigieClassification *classification,
                                 const char                *action,
                                 VigiePolicy               *policy,
                                 VigieTemplates            *templates,
                                 GError                   **error)
{
  g_autoptr(VigieComment) comment = NULL;
  g_autoptr(VigiePost) post = NULL;
  g_autoptr(VigieScenario) scenario = vigie_scenario_new ();
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  const char *template_id = NULL;
  g_autofree char *stable = NULL;

  g_return_val_if_fail (VIGIE_IS_STORE (store), NULL);

  comment = vigie_store_get_comment (store, comment_id, error);
  if (comment == NULL)
    return NULL;
  if (comment->post_id != 0)
    {
      post = vigie_store_get_post (store, comment->post_id, NULL);
    }

  stable = vigie_comment_dup_stable_id (comment);
  scenario->id = make_id (stable);
  scenario->difficulty = g_strdup ("easy");
  scenario->platform = comment->platform != VIGIE_PLATFORM_UNKNOWN
                         ? comment->platform : VIGIE_PLATFORM_FACEBOOK;
  scenario->page = g_strdup (post != NULL && post->page_name != NULL && *post->page_name
                               ? post->page_name : _("Our page"));
  scenario->post = g_strdup (post != NULL ? post->text : NULL);
  /* Real people's names stay out of the training material */
  scenario->author = g_strdup (_("A participant"));
  scenario->language = g_strdup (g_strcmp0 (comment->language, "en") == 0 ? "en" : "fr");
  scenario->text = g_strdup (comment->text != NULL ? comment->text : "");

  for (guint i = 0; classification != NULL && classification->flags != NULL &&
                    i < classification->flags->len; i++)
    {
      const VigieFlag *flag = &g_array_index (classification->flags, VigieFlag, i);

      if (policy == NULL || vigie_policy_lookup_category (policy, flag->category) != NULL)
        g_ptr_array_add (categories, (gpointer) flag->category);
      if (scenario->clause == NULL && flag->clause != NULL)
        scenario->clause = g_strdup (flag->clause);
    }
  g_ptr_array_add (categories, NULL);

  /* What was done with it, or else what Vigie recommends */
  if (action != NULL && g_str_equal (action, "private_reply"))
    action = "reply";
  if (!vigie_training_action_is_valid (action))
    action = classification != NULL ? classification->action : NULL;
  if (!vigie_training_action_is_valid (action))
    action = "keep";
  if (g_str_equal (action, "reply") && templates != NULL)
    {
      const VigieTemplate *template =
        vigie_templates_suggest (templates, (const char * const *) categories->pdata,
                                 VIGIE_ACTION_REPLY);

      if (template == NULL && vigie_templates_get_n_templates (templates) > 0)
        template = vigie_templates_get_template (templates, 0);
      if (template != NULL)
        template_id = vigie_template_get_id (template);
    }
  if (g_str_equal (action, "reply") && template_id == NULL)
    action = "keep";
  vigie_training_decision_set (&scenario->reference, (const char * const *) categories->pdata,
                               action, template_id);
  if (scenario->reference.categories[0] == NULL)
    g_clear_pointer (&scenario->clause, g_free);
  return g_steal_pointer (&scenario);
}

char *
vigie_training_get_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "vigie", "training", NULL);
}

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_READ,
                   _("Cannot create the folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
vigie_training_list_user_sets (VigiePolicy     *policy,
                               VigieTemplates  *templates,
                               GPtrArray      **out_errors,
                               GError         **error)
{
  g_autofree char *dir = vigie_training_get_user_dir ();
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (
    (GDestroyNotify) vigie_scenario_set_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  if (out_errors != NULL)
    *out_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&sets);
  gdir = g_dir_open (dir, 0, error);
  if (gdir == NULL)
    return NULL;
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      GError *local_error = NULL;
      VigieScenarioSet *set = vigie_scenario_set_new_from_file (path, policy, templates,
                                                                &local_error);

      if (set != NULL)
        g_ptr_array_add (sets, set);
      else if (out_errors != NULL)
        g_ptr_array_add (*out_errors, local_error);
      else
        g_error_free (local_error);
    }
  return g_steal_pointer (&sets);
}

char *
vigie_training_add_scenario (VigieScenario  *scenario,
                             GError        **error)
{
  g_autofree char *dir = vigie_training_get_user_dir ();
  g_autofree char *path = g_build_filename (dir, "added.json", NULL);
  g_autoptr(VigieScenarioSet) set = NULL;
  g_autoptr(VigieScenarioSet) check = NULL;
  g_autofree char *base = g_strdup (scenario->id);
  g_autofree char *json = NULL;

  if (!make_dir (dir, error))
    return NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      set = vigie_scenario_set_new_from_file (path, NULL, NULL, error);
      if (set == NULL)
        return NULL;
    }
  else
    set = vigie_scenario_set_new ("added", "Scénarios ajoutés", "Added scenarios");

  /* A unique id in the file */
  for (guint n = 2;; n++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < set->scenarios->len && !used; i++)
        used = g_str_equal (((VigieScenario *) set->scenarios->pdata[i])->id, scenario->id);
      if (!used)
        break;
      g_free (scenario->id);
      scenario->id = g_strdup_printf ("%s-%u", base, n);
    }
  g_ptr_array_add (set->scenarios, vigie_scenario_ref (scenario));

  /* Checked as it will be read back: nothing invalid is written */
  json = vigie_scenario_set_to_json (set);
  check = vigie_scenario_set_new_from_data (json, -1, "added.json", NULL, NULL, error);
  if (check == NULL)
    {
      g_ptr_array_remove_index (set->scenarios, set->scenarios->len - 1);
      return NULL;
    }
  if (!vigie_scenario_set_write (set, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

char *
vigie_training_import_file (const char      *path,
                            VigiePolicy     *policy,
                            VigieTemplates  *templates,
                            GError         **error)
{
  g_autoptr(VigieScenarioSet) set = vigie_scenario_set_new_from_file (path, policy, templates,
                                                                      error);
  g_autofree char *dir = vigie_training_get_user_dir ();
  g_autofree char *base = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *data = NULL;
  gsize len;

  if (set == NULL)
    return NULL;
  if (!make_dir (dir, error))
    return NULL;
  base = make_id (set->id);
  dest = g_strdup_printf ("%s/%s.json", dir, base);
  for (guint n = 2; g_file_test (dest, G_FILE_TEST_EXISTS); n++)
    {
      g_free (dest);
      dest = g_strdup_printf ("%s/%s-%u.json", dir, base, n);
    }
  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  if (!write_file (dest, data, len, error))
    return NULL;
  return g_steal_pointer (&dest);
}

/* The training workspace */

gboolean
vigie_training_is_workspace (VigieStore *store)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);

  value = vigie_store_get_setting (store, VIGIE_SETTING_TRAINING);
  return g_strcmp0 (value, "true") == 0;
}

static char *
workspace_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "vigie", "training-workspace", NULL);
}

/* "training-<16 digits>.vigie", newest last in name order */
static GPtrArray *
list_workspaces (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_prefix (name, "training-") && g_str_has_suffix (name, ".vigie"))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

char *
vigie_training_find_workspace (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autoptr(GPtrArray) names = list_workspaces (dir);

  if (names->len == 0)
    return NULL;
  return g_strdup (g_ptr_array_index (names, names->len - 1));
}

static void
remove_workspace_files (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Cannot remove %s: %s", file, g_strerror (errno));
    }
}

VigieStore *
vigie_training_new_workspace (GPtrArray       *sets,
                              VigieClassifier *classifier,
                              GError         **error)
{
  g_autofree char *dir = workspace_dir ();
  g_autoptr(GPtrArray) old = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VigieStore) store = NULL;

  if (!make_dir (dir, error))
    return NULL;
  old = list_workspaces (dir);
  for (gint64 t = g_get_real_time ();; t++)
    {
      g_free (path);
      path = g_strdup_printf ("%s/training-%016" G_GINT64_MODIFIER "d.vigie", dir, t);
      if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
          (old->len == 0 || g_strcmp0 (path, old->pdata[old->len - 1]) > 0))
        break;
    }
  store = vigie_store_open (path, error);
  if (store == NULL)
    return NULL;
  if (!vigie_training_fill_workspace (store, sets, classifier, error))
    {
      g_clear_object (&store);
      remove_workspace_files (path);
      return NULL;
    }
  for (guint i = 0; i < old->len; i++)
    remove_workspace_files (old->pdata[i]);
  return g_steal_pointer (&store);
}

static char *
short_hash (const char *text)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);

  return g_strndup (sum, 12);
}

/* Comments of a month in the autumn: the same every time the workspace is
 * built, so that a reset gives back exactly what there was */
#define TRAINING_START 1789200000   /* 2026-09-12 */

gboolean
vigie_training_fill_workspace (VigieStore      *store,
                               GPtrArray       *sets,
                               VigieClassifier *classifier,
                               GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) platforms = g_array_new (FALSE, FALSE, sizeof (VigiePlatform));
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  g_return_val_if_fail (VIGIE_IS_STORE (store), FALSE);
  g_return_val_if_fail (sets != NULL, FALSE);

  /* The demo's organisation, and marked first: whatever fails next, it
   * never becomes a live workspace */
  if (!vigie_templates_set_example_organisation (store, error) ||
      !vigie_store_set_setting (store, VIGIE_SETTING_TRAINING, "true", error))
    return FALSE;

  if (!vigie_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < sets->len; i++)
    {
      VigieScenarioSet *set = g_ptr_array_index (sets, i);

      for (guint j = 0; j < set->scenarios->len; j++, n++)
        {
          VigieScenario *s = g_ptr_array_index (set->scenarios, j);
          g_autofree char *post_key = g_strdup_printf ("%s\n%s", s->page, s->post ? s->post : "");
          g_autofree char *post_hash = short_hash (post_key);
          g_autofree char *page_hash = short_hash (s->page);
          g_autofree char *author_hash = short_hash (s->author);
          gint64 created = TRAINING_START + (gint64) n * 47 * 60;
          g_auto(VigiePostRecord) post = { 0 };
          g_auto(VigieCommentRecord) comment = { 0 };

          post.platform = s->platform;
          post.page_id = g_strdup_printf ("training-page-%s", page_hash);
          post.page_name = g_strdup (s->page);
          post.external_id = g_strdup_printf ("training-post-%s", post_hash);
          post.text = g_strdup (s->post);
          post.created = TRAINING_START - 3600;
          if (!vigie_store_upsert_post (store, &post, NULL, error))
            goto fail;

          vigie_comment_record_init (&comment);
          comment.platform = s->platform;
          comment.external_id = g_strdup_printf ("training-%s-%s", set->id, s->id);
          /* The same file imported twice: two comments all the same */
          for (guint k = 2; g_hash_table_contains (used, comment.external_id); k++)
            {
              g_free (comment.external_id);
              comment.external_id = g_strdup_printf ("training-%s-%s-%u", set->id, s->id, k);
            }
          comment.post_external_id = g_strdup (post.external_id);
          comment.author_id = g_strdup_printf ("training-author-%s", author_hash);
          comment.author_name = g_strdup (s->author);
          comment.text = g_strdup (s->text);
          comment.created = created;
          comment.language = g_strdup (s->language);
          if (!vigie_store_upsert_comment (store, &comment, NULL, error))
            goto fail;
          g_hash_table_add (used, comment.external_id);
          g_ptr_array_add (ids, g_steal_pointer (&comment.external_id));
          g_array_append_val (platforms, s->platform);
        }
    }
  if (!vigie_store_commit (store, error))
    return FALSE;

  if (classifier != NULL && ids->len > 0)
    {
      g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (
        (GDestroyNotify) vigie_comment_unref);
      g_autoptr(GHashTable) posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) vigie_post_unref);
      g_autoptr(GPtrArray) results = NULL;

      for (guint i = 0; i < ids->len; i++)
        {
          VigieComment *comment = vigie_store_find_comment (
            store, g_array_index (platforms, VigiePlatform, i), ids->pdata[i], error);

          if (comment == NULL)
            return FALSE;
          if (comment->post_id != 0 && !g_hash_table_contains (posts, &comment->post_id))
            {
              VigiePost *post = vigie_store_get_post (store, comment->post_id, NULL);

              if (post != NULL)
                g_hash_table_insert (posts, g_memdup2 (&comment->post_id, sizeof (gint64)), post);
            }
          g_ptr_array_add (comments, comment);
        }
      results = vigie_classifier_classify_comments (classifier, comments, posts, NULL, error);
      if (results == NULL)
        return FALSE;
      if (!vigie_store_save_classifications (store, comments, results, error))
        return FALSE;
    }
  return TRUE;

fail:
  vigie_store_rollback (store);
  return FALSE;
}

VigieStore *
vigie_training_create_workspace (const char      *path,
                                 GPtrArray       *sets,
                                 VigieClassifier *classifier,
                                 GError         **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autoptr(VigieStore) store = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (file);

          g_set_error (error, VIGIE_TRAINING_ERROR, VIGIE_TRAINING_ERROR_READ,
                       _("Cannot remove “%s”: %s"), display, g_strerror (saved_errno));
          return NULL;
        }
    }
  store = vigie_store_open (path, error);
  if (store == NULL)
    return NULL;
  if (!vigie_training_fill_workspace (store, sets, classifier, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* Exercises */

struct _VigieExercise
{
  GPtrArray             *scenarios;
  VigieTrainingDecision *answers;
  gboolean              *answered;
  guint                  position;
};

VigieExercise *
vigie_exercise_new (GPtrArray *scenarios)
{
  VigieExercise *exercise = g_new0 (VigieExercise, 1);

  exercise->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_scenario_unref);
  for (guint i = 0; scenarios != NULL && i < scenarios->len; i++)
    g_ptr_array_add (exercise->scenarios, vigie_scenario_ref (scenarios->pdata[i]));
  exercise->answers = g_new0 (VigieTrainingDecision, exercise->scenarios->len + 1);
  exercise->answered = g_new0 (gboolean, exercise->scenarios->len + 1);
  return exercise;
}

void
vigie_exercise_free (VigieExercise *exercise)
{
  if (exercise == NULL)
    return;
  for (guint i = 0; i < exercise->scenarios->len; i++)
    vigie_training_decision_clear (&exercise->answers[i]);
  g_free (exercise->answers);
  g_free (exercise->answered);
  g_ptr_array_unref (exercise->scenarios);
  g_free (exercise);
}

guint
vigie_exercise_get_n_items (VigieExercise *exercise)
{
  return exercise->scenarios->len;
}

VigieScenario *
vigie_exercise_get_item (VigieExercise *exercise,
                         guint          index)
{
  g_return_val_if_fail (index < exercise->scenarios->len, NULL);
  return g_ptr_array_index (exercise->scenarios, index);
}

guint
vigie_exercise_get_position (VigieExercise *exercise)
{
  return exercise->position;
}

VigieScenario *
vigie_exercise_get_current (VigieExercise *exercise)
{
  if (exercise->position >= exercise->scenarios->len)
    return NULL;
  return g_ptr_array_index (exercise->scenarios, exercise->position);
}

gboolean
vigie_exercise_is_finished (VigieExercise *exercise)
{
  return exercise->position >= exercise->scenarios->len;
}

gboolean
vigie_exercise_answer (VigieExercise               *exercise,
                       const VigieTrainingDecision *answer)
{
  guint i = exercise->position;

  g_return_val_if_fail (answer != NULL, FALSE);

  if (i >= exercise->scenarios->len || exercise->answered[i])
    return FALSE;
  vigie_training_decision_set (&exercise->answers[i], (const char * const *) answer->categories,
                               answer->action,
                               g_strcmp0 (answer->action, "reply") == 0
                                 ? answer->template_id : NULL);
  exercise->answered[i] = TRUE;
  return TRUE;
}

gboolean
vigie_exercise_is_answered (VigieExercise *exercise,
                            guint          index)
{
  return index < exercise->scenarios->len && exercise->answered[index];
}

const VigieTrainingDecision *
vigie_exercise_get_answer (VigieExercise *exercise,
                           guint          index)
{
  if (!vigie_exercise_is_answered (exercise, index))
    return NULL;
  return &exercise->answers[index];
}

gboolean
vigie_exercise_next (VigieExercise *exercise)
{
  if (exercise->position >= exercise->scenarios->len ||
      !exercise->answered[exercise->position])
    return FALSE;
  exercise->position++;
  return TRUE;
}

static void
category_score_free (gpointer data)
{
  VigieCategoryScore *score = data;

  g_free (score->category);
  g_free (score);
}

static void
action_score_free (gpointer data)
{
  VigieActionScore *score = data;

  g_free (score->action);
  g_free (score);
}

static void
mistake_free (gpointer data)
{
  VigieTrainingMistake *mistake = data;

  vigie_scenario_unref (mistake->scenario);
  vigie_training_decision_clear (&mistake->answer);
  g_free (mistake);
}

void
vigie_training_score_free (VigieTrainingScore *score)
{
  if (score == NULL)
    return;
  g_ptr_array_unref (score->categories);
  g_ptr_array_unref (score->actions);
  g_ptr_array_unref (score->mistakes);
  g_free (score);
}

static double
ratio (guint part,
       guint whole)
{
  return whole == 0 ? -1.0 : (double) part / whole;
}

VigieTrainingScore *
vigie_exercise_compute_score (VigieExercise *exercise)
{
  VigieTrainingScore *score = g_new0 (VigieTrainingScore, 1);

  score->categories = g_ptr_array_new_with_free_func (category_score_free);
  score->actions = g_ptr_array_new_with_free_func (action_score_free);
  score->mistakes = g_ptr_array_new_with_free_func (mistake_free);

  for (guint c = 0; vigie_category_ids[c] != NULL; c++)
    {
      VigieCategoryScore row = { 0 };

      for (guint i = 0; i < exercise->scenarios->len; i++)
        {
          VigieScenario *s = g_ptr_array_index (exercise->scenarios, i);
          gboolean in_ref, chosen;

          if (!exercise->answered[i])
            continue;
          in_ref = vigie_training_decision_has_category (&s->reference, vigie_category_ids[c]);
          chosen = vigie_training_decision_has_category (&exercise->answers[i],
                                                         vigie_category_ids[c]);
          row.n_reference += in_ref;
          row.n_chosen += chosen;
          row.n_both += in_ref && chosen;
        }
      if (row.n_reference == 0 && row.n_chosen == 0)
        continue;
      row.category = g_strdup (vigie_category_ids[c]);
      row.precision = ratio (row.n_both, row.n_chosen);
      row.recall = ratio (row.n_both, row.n_reference);
      g_ptr_array_add (score->categories, g_memdup2 (&row, sizeof row));
    }

  for (guint a = 0; vigie_training_actions[a] != NULL; a++)
    {
      VigieActionScore row = { 0 };

      for (guint i = 0; i < exercise->scenarios->len; i++)
        {
          VigieScenario *s = g_ptr_array_index (exercise->scenarios, i);

          if (!exercise->answered[i] || g_strcmp0 (s->reference.action,
                                                   vigie_training_actions[a]) != 0)
            continue;
          row.n_items++;
          row.n_correct += g_strcmp0 (exercise->answers[i].action, vigie_training_actions[a]) == 0;
        }
      if (row.n_items == 0)
        continue;
      row.action = g_strdup (vigie_training_actions[a]);
      g_ptr_array_add (score->actions, g_memdup2 (&row, sizeof row));
    }

  for (guint i = 0; i < exercise->scenarios->len; i++)
    {
      VigieScenario *s = g_ptr_array_index (exercise->scenarios, i);
      VigieMistakeKind kinds;

      if (!exercise->answered[i])
        continue;
      score->n_items++;
      kinds = vigie_training_compare (&s->reference, &exercise->answers[i]);
      if (kinds == VIGIE_MISTAKE_NONE)
        {
          score->n_correct++;
          continue;
        }
      {
        VigieTrainingMistake *mistake = g_new0 (VigieTrainingMistake, 1);

        mistake->index = i;
        mistake->scenario = vigie_scenario_ref (s);
        vigie_training_decision_copy (&exercise->answers[i], &mistake->answer);
        mistake->kinds = kinds;
        g_ptr_array_add (score->mistakes, mistake);
      }
    }
  return score;
}

const VigieCategoryScore *
vigie_training_score_get_category (VigieTrainingScore *score,
                                   const char         *category)
{
  for (guint i = 0; i < score->categories->len; i++)
    {
      VigieCategoryScore *row = g_ptr_array_index (score->categories, i);

      if (g_str_equal (row->category, category))
        return row;
    }
  return NULL;
}

const VigieActionScore *
vigie_training_score_get_action (VigieTrainingScore *score,
                                 const char         *action)
{
  for (guint i = 0; i < score->actions->len; i++)
    {
      VigieActionScore *row = g_ptr_array_index (score->actions, i);

      if (g_str_equal (row->action, action))
        return row;
    }
  return NULL;
}

/* Exports */

static const char *
category_label (VigiePolicy *policy,
                const char  *id,
                const char  *lang)
{
  const VigieCategory *category = policy ? vigie_policy_lookup_category (policy, id) : NULL;

  return category != NULL ? vigie_category_get_label (category, lang) : id;
}

static char *
join_categories (const VigieTrainingDecision *decision,
                 VigiePolicy                 *policy,
                 const char                  *lang)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; decision->categories != NULL && decision->categories[i] != NULL; i++)
    {
      if (out->len > 0)
        g_string_append (out, lang != NULL ? _(", ") : " ");
      g_string_append (out, lang != NULL ? category_label (policy, decision->categories[i], lang)
                                         : decision->categories[i]);
    }
  if (out->len == 0 && lang != NULL)
    g_string_append (out, _("no category"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  const char *v = value ? value : "";

  if (strpbrk (v, ",\"\n\r") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = v; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, v);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
mistake_ids (VigieMistakeKind kinds)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  if (kinds & VIGIE_MISTAKE_MISSED_CATEGORY)
    g_ptr_array_add (list, "missed_category");
  if (kinds & VIGIE_MISTAKE_EXTRA_CATEGORY)
    g_ptr_array_add (list, "extra_category");
  if (kinds & VIGIE_MISTAKE_ACTION)
    g_ptr_array_add (list, "action");
  if (kinds & VIGIE_MISTAKE_TEMPLATE)
    g_ptr_array_add (list, "template");
  g_ptr_array_add (list, NULL);
  return g_strjoinv (" ", (char **) list->pdata);
}

static char *
format_ratio (double value)
{
  if (value < 0)
    return g_strdup ("");
  return g_strdup_printf ("%.2f", value);
}

gboolean
vigie_training_score_write_csv (VigieTrainingScore *score,
                                VigieExercise      *exercise,
                                VigiePolicy        *policy,
                                const char         *lang,
                                const char         *path,
                                GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* The answers, one line per item: ids, so that a spreadsheet can count */
  g_string_append (out, "item,scenario,difficulty,text,reference_categories,reference_clause,"
                        "reference_action,reference_template,answer_categories,answer_action,"
                        "answer_template,correct,mistakes\r\n");
  for (guint i = 0; i < vigie_exercise_get_n_items (exercise); i++)
    {
      VigieScenario *s = vigie_exercise_get_item (exercise, i);
      const VigieTrainingDecision *answer = vigie_exercise_get_answer (exercise, i);
      g_autofree char *item = g_strdup_printf ("%u", i + 1);
      g_autofree char *ref_categories = join_categories (&s->reference, policy, NULL);
      g_autofree char *answer_categories = NULL;
      g_autofree char *mistakes = NULL;
      VigieMistakeKind kinds;

      if (answer == NULL)
        continue;
      answer_categories = join_categories (answer, policy, NULL);
      kinds = vigie_training_compare (&s->reference, answer);
      mistakes = mistake_ids (kinds);
      csv_field (out, item, FALSE);
      csv_field (out, s->id, FALSE);
      csv_field (out, s->difficulty, FALSE);
      csv_field (out, s->text, FALSE);
      csv_field (out, ref_categories, FALSE);
      csv_field (out, s->clause, FALSE);
      csv_field (out, s->reference.action, FALSE);
      csv_field (out, s->reference.template_id, FALSE);
      csv_field (out, answer_categories, FALSE);
      csv_field (out, answer->action, FALSE);
      csv_field (out, answer->template_id, FALSE);
      csv_field (out, kinds == VIGIE_MISTAKE_NONE ? "yes" : "no", FALSE);
      csv_field (out, mistakes, TRUE);
    }

  g_string_append (out, "\r\ncategory,label,reference,chosen,both,precision,recall\r\n");
  for (guint i = 0; i < score->categories->len; i++)
    {
      VigieCategoryScore *row = g_ptr_array_index (score->categories, i);
      g_autofree char *n_ref = g_strdup_printf ("%u", row->n_reference);
      g_autofree char *n_chosen = g_strdup_printf ("%u", row->n_chosen);
      g_autofree char *n_both = g_strdup_printf ("%u", row->n_both);
      g_autofree char *precision = format_ratio (row->precision);
      g_autofree char *recall = format_ratio (row->recall);

      csv_field (out, row->category, FALSE);
      csv_field (out, category_label (policy, row->category, lang), FALSE);
      csv_field (out, n_ref, FALSE);
      csv_field (out, n_chosen, FALSE);
      csv_field (out, n_both, FALSE);
      csv_field (out, precision, FALSE);
      csv_field (out, recall, TRUE);
    }

  g_string_append (out, "\r\naction,label,items,correct\r\n");
  for (guint i = 0; i < score->actions->len; i++)
    {
      VigieActionScore *row = g_ptr_array_index (score->actions, i);
      g_autofree char *n_items = g_strdup_printf ("%u", row->n_items);
      g_autofree char *n_correct = g_strdup_printf ("%u", row->n_correct);

      csv_field (out, row->action, FALSE);
      csv_field (out, vigie_training_action_get_label (row->action), FALSE);
      csv_field (out, n_items, FALSE);
      csv_field (out, n_correct, TRUE);
    }

  return write_file (path, out->str, out->len, error);
}

static char *
describe_decision (const VigieTrainingDecision *decision,
                   VigiePolicy                 *policy,
                   const char                  *lang)
{
  g_autofree char *categories = join_categories (decision, policy, lang);

  if (decision->template_id != NULL)
    /* Translators: a decision in the training results: categories — action (template) */
    return g_strdup_printf (_("%s — %s (template “%s”)"), categories,
                            vigie_training_action_get_label (decision->action),
                            decision->template_id);
  /* Translators: a decision in the training results: categories — action */
  return g_strdup_printf (_("%s — %s"), categories,
                          vigie_training_action_get_label (decision->action));
}

static char *
format_percent (double value)
{
  if (value < 0)
    return g_strdup ("—");
  /* Translators: a percentage, "75 %" in French */
  return g_strdup_printf (_("%.0f%%"), value * 100);
}

gboolean
vigie_training_score_write_pdf (VigieTrainingScore *score,
                                VigiePolicy        *policy,
                                const char         *lang,
                                const char         *trainee,
                                const char         *path,
                                GError            **error)
{
  VigiePdfPen pen;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *summary = NULL;

  g_return_val_if_fail (score != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  _vigie_pdf_open (&pen, path, _("Training results"));
  _vigie_pdf_line (&pen, "Sans Bold 18", 0, _("Training results"), NULL, 4);
  if (trainee != NULL && *trainee != '\0')
    _vigie_pdf_line (&pen, "Sans 12", 0, trainee, NULL, 2);
  _vigie_pdf_line (&pen, "Sans 9", 0, date, NULL, 8);

  /* Translators: the overall score of a training exercise */
  summary = g_strdup_printf (_("%u of %u comments handled exactly as the reference"),
                             score->n_correct, score->n_items);
  _vigie_pdf_line (&pen, "Sans Bold 12", 0, summary, NULL, 8);

  _vigie_pdf_heading (&pen, _("By category"));
  _vigie_pdf_line (&pen, "Sans 9", 0,
                   _("Precision: of the comments where the trainee chose the category, how "
                     "many have it. Recall: of the comments that have it, how many the trainee "
                     "found."), NULL, 4);
  if (score->categories->len == 0)
    _vigie_pdf_line (&pen, VIGIE_PDF_BODY, 0, _("None"), NULL, 2);
  for (guint i = 0; i < score->categories->len; i++)
    {
      VigieCategoryScore *row = g_ptr_array_index (score->categories, i);
      g_autofree char *precision = format_percent (row->precision);
      g_autofree char *recall = format_percent (row->recall);
      g_autofree char *right = NULL;

      /* Translators: precision and recall of a category in the training results */
      right = g_strdup_printf (_("%s / %s"), precision, recall);
      _vigie_pdf_line (&pen, VIGIE_PDF_BODY, 0, category_label (policy, row->category, lang),
                       right, 2);
    }

  _vigie_pdf_heading (&pen, _("By action"));
  for (guint i = 0; i < score->actions->len; i++)
    {
      VigieActionScore *row = g_ptr_array_index (score->actions, i);
      /* Translators: correct answers out of the items, "3 / 4" */
      g_autofree char *right = g_strdup_printf (_("%u / %u"), row->n_correct, row->n_items);

      _vigie_pdf_line (&pen, VIGIE_PDF_BODY, 0, vigie_training_action_get_label (row->action),
                       right, 2);
    }

  _vigie_pdf_heading (&pen, _("To review"));
  if (score->mistakes->len == 0)
    _vigie_pdf_line (&pen, VIGIE_PDF_BODY, 0, _("None"), NULL, 2);
  for (guint i = 0; i < score->mistakes->len; i++)
    {
      VigieTrainingMistake *m = g_ptr_array_index (score->mistakes, i);
      g_autofree char *title = NULL;
      g_autofree char *expected = describe_decision (&m->scenario->reference, policy, lang);
      g_autofree char *answered = describe_decision (&m->answer, policy, lang);
      g_autofree char *line1 = NULL;
      g_autofree char *line2 = NULL;

      _vigie_pdf_make_room (&pen, 90);
      /* Translators: a comment to review: its number in the exercise, its text */
      title = g_strdup_printf (_("Comment %u: “%s”"), m->index + 1, m->scenario->text);
      _vigie_pdf_line (&pen, "Sans Bold 10", 0, title, NULL, 2);
      line1 = g_strdup_printf (_("Reference: %s"), expected);
      _vigie_pdf_line (&pen, VIGIE_PDF_BODY, 12, line1, NULL, 1);
      line2 = g_strdup_printf (_("Answer: %s"), answered);
      _vigie_pdf_line (&pen, VIGIE_PDF_BODY, 12, line2, NULL, 1);
      _vigie_pdf_line (&pen, "Sans Italic 9", 12,
                       vigie_scenario_get_explanation (m->scenario, lang), NULL, 8);
    }

  return _vigie_pdf_close (&pen, path, error);
}
