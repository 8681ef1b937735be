/* test-policy.c — loading and validating policy files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vigie-policy.h"

static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigiePolicy) policy = vigie_policy_new_default (&error);
  const VigieCategory *c;

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  g_assert_cmpstr (vigie_policy_get_id (policy), ==, "cisss-iucpq");

  /* Every fixed id, each with both languages and quoted clauses */
  for (guint i = 0; vigie_category_ids[i]; i++)
    {
      c = vigie_policy_lookup_category (policy, vigie_category_ids[i]);
      g_assert_nonnull (c);
      g_assert_cmpstr (c->id, ==, vigie_category_ids[i]);
      g_assert_true (strlen (vigie_category_get_label (c, "fr")) > 0);
      g_assert_true (strlen (vigie_category_get_label (c, "en")) > 0);
      g_assert_true (strlen (vigie_category_get_description (c, "fr")) > 20);
      g_assert_cmpint (c->severity, >=, 1);
      g_assert_cmpint (c->severity, <=, 5);
      g_assert_cmpuint (c->n_clauses, >=, 1);
      for (guint k = 0; k < c->n_clauses; k++)
        {
          g_assert_true (g_str_has_prefix (c->clauses[k].ref, "CISSS §") ||
                         g_str_equal (c->clauses[k].ref, "IUCPQ"));
          g_assert_true (strlen (c->clauses[k].text) > 10);
          g_assert_true (strlen (c->clauses[k].document) > 10);
        }
    }
  g_assert_cmpuint (vigie_policy_get_n_categories (policy), ==, g_strv_length ((GStrv) vigie_category_ids));

  c = vigie_policy_lookup_category (policy, "insult");
  g_assert_cmpstr (c->clauses[0].ref, ==, "CISSS §10");
  g_assert_nonnull (strstr (c->clauses[0].text, "une insulte"));
  g_assert_true (vigie_category_needs_approval (c, "ban"));
  g_assert_false (vigie_category_needs_approval (c, "hide"));

  c = vigie_policy_lookup_category (policy, "distress");
  g_assert_true (c->triage);
  g_assert_true (c->urgent);
  g_assert_cmpstr (c->action, ==, "reply");

  c = vigie_policy_lookup_category (policy, "reputation");
  g_assert_cmpstr (c->action, ==, "escalate");
  g_assert_true (vigie_category_needs_approval (c, "remove"));

  g_assert_null (vigie_policy_lookup_category (policy, "nonsense"));
}

/* The default policy as a JSON object, to break in tests */
static JsonObject *
default_json (JsonNode **out_root)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (VIGIE_POLICY_DEFAULT_RESOURCE, 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  *out_root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*out_root);
}

static VigiePolicy *
load_json (JsonNode  *root,
           GError   **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_root (gen, root);
  data = json_generator_to_data (gen, NULL);
  return vigie_policy_new_from_data (data, -1, "test.json", NULL, error);
}

static void
assert_refused (JsonNode   *root,
                int         code,
                const char *fragment1,
                const char *fragment2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigiePolicy) policy = load_json (root, &error);

  g_assert_null (policy);
  g_assert_error (error, VIGIE_POLICY_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "test.json"));
  g_assert_nonnull (strstr (error->message, fragment1));
  if (fragment2)
    g_assert_nonnull (strstr (error->message, fragment2));
}

static JsonObject *
array_object (JsonObject *obj,
              const char *member,
              guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (obj, member), index);
}

/* The index of the rule @id */
static guint
rule_index (JsonObject *obj,
            const char *id)
{
  JsonArray *rules = json_object_get_array_member (obj, "rules");
  for (guint i = 0; i < json_array_get_length (rules); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rules, i),
                                                    "id"), id))
      return i;
  g_assert_not_reached ();
}

static void
test_not_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigiePolicy) policy = vigie_policy_new_from_data ("{ \"format\": 1, ", -1,
                                                              "broken.json", NULL, &error);

  g_assert_null (policy);
  g_assert_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "broken.json"));
}

static void
test_missing_fields (void)
{
  JsonNode *root;
  JsonObject *obj;

  /* No clause text */
  obj = default_json (&root);
  json_object_remove_member (array_object (array_object (obj, "categories", 2), "clauses", 0),
                             "text");
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "categories[2]", "clauses[0]");
  json_node_unref (root);

  /* No English label */
  obj = default_json (&root);
  json_object_remove_member (json_object_get_object_member (array_object (obj, "categories", 0),
                                                            "label"), "en");
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "categories[0]", "label");
  json_node_unref (root);

  /* No rules at all */
  obj = default_json (&root);
  json_object_remove_member (obj, "rules");
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "rules", NULL);
  json_node_unref (root);

  /* A severity out of range */
  obj = default_json (&root);
  json_object_set_int_member (array_object (obj, "categories", 1), "severity", 9);
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "categories[1]", "severity");
  json_node_unref (root);
}

static void
test_wrong_values (void)
{
  JsonNode *root;
  JsonObject *obj;
  JsonObject *rule;

  /* A category id outside the fixed set */
  obj = default_json (&root);
  json_object_set_string_member (array_object (obj, "categories", 3), "id", "rudeness");
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "categories[3]", "rudeness");
  json_node_unref (root);

  /* An unknown action */
  obj = default_json (&root);
  json_object_set_string_member (array_object (obj, "categories", 0), "action", "delete");
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "categories[0]", "delete");
  json_node_unref (root);

  /* A rule on a category that is not there */
  obj = default_json (&root);
  json_object_set_string_member (array_object (obj, "rules", 0), "category", "nonsense");
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "rules[0]", "nonsense");
  json_node_unref (root);

  /* A pattern using a class no lexicon has */
  obj = default_json (&root);
  rule = array_object (obj, "rules", rule_index (obj, "insult.addressed"));
  json_array_add_string_element (json_object_get_array_member (rule, "patterns"),
                                 "@address_cue @no_such_class");
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "insult.addressed", "no_such_class");
  json_node_unref (root);

  /* A malformed pattern */
  obj = default_json (&root);
  rule = array_object (obj, "rules", rule_index (obj, "insult.addressed"));
  json_array_add_string_element (json_object_get_array_member (rule, "patterns"), "~3 @insult_noun");
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "insult.addressed", "~3 @insult_noun");
  json_node_unref (root);

  /* An unknown detector */
  obj = default_json (&root);
  rule = json_object_new ();
  json_object_set_string_member (rule, "id", "privacy.horoscope");
  json_object_set_string_member (rule, "category", "privacy");
  json_object_set_string_member (rule, "kind", "detector");
  json_object_set_string_member (rule, "detector", "horoscope");
  json_object_set_double_member (rule, "score", 0.5);
  json_array_add_object_element (json_object_get_array_member (obj, "rules"), rule);
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "privacy.horoscope", "horoscope");
  json_node_unref (root);

  /* Twice the same rule id */
  obj = default_json (&root);
  json_object_set_string_member (array_object (obj, "rules", 1), "id",
                                 json_object_get_string_member (array_object (obj, "rules", 0), "id"));
  assert_refused (root, VIGIE_POLICY_ERROR_INVALID, "rules[1]", "twice");
  json_node_unref (root);

  /* A missing lexicon file */
  obj = default_json (&root);
  json_array_add_string_element (json_object_get_array_member (obj, "lexicons"),
                                 "lexicons/xx/nothing.txt");
  assert_refused (root, VIGIE_POLICY_ERROR_NOT_FOUND, "lexicons/xx/nothing.txt", NULL);
  json_node_unref (root);
}

/* An organisation's own policy file, with its own lexicon next to it */
static void
test_own_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-policy-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "ours.json", NULL);
  g_autofree char *lexdir = g_build_filename (dir, "lex", NULL);
  g_autofree char *lexpath = g_build_filename (lexdir, "ours.txt", NULL);
  g_autofree char *badpath = g_build_filename (lexdir, "bad.txt", NULL);
  g_autoptr(VigiePolicy) policy = NULL;
  const char *json =
    "{ \"format\": 1, \"id\": \"ours\", \"name\": { \"fr\": \"La nôtre\", \"en\": \"Ours\" },"
    "  \"documents\": { \"code\": { \"title\": \"Code de conduite\" } },"
    "  \"lexicons\": [ \"lex/ours.txt\" ],"
    "  \"categories\": [ { \"id\": \"insult\","
    "     \"label\": { \"fr\": \"Insulte\", \"en\": \"Insult\" },"
    "     \"description\": { \"fr\": \"Une insulte.\", \"en\": \"An insult.\" },"
    "     \"severity\": 3, \"action\": \"hide\","
    "     \"clauses\": [ { \"ref\": \"Code §2\", \"document\": \"code\", \"section\": \"2\","
    "                      \"text\": \"Pas d'insultes.\" } ] } ],"
    "  \"rules\": [ { \"id\": \"insult.ours\", \"category\": \"insult\", \"kind\": \"lexicon\","
    "               \"class\": \"ours\", \"score\": 0.9 } ] }";

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (lexdir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  g_assert_true (g_file_set_contents (lexpath, "# ours\n[ours]\nbabouin*\n", -1, NULL));

  policy = vigie_policy_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_policy_get_name (policy, "en"), ==, "Ours");
  g_assert_cmpuint (vigie_policy_get_n_categories (policy), ==, 1);
  g_clear_object (&policy);

  /* A lexicon line with no letter is refused with its file and line */
  g_assert_true (g_file_set_contents (lexpath, "[ours]\nbabouin\n!!!\n", -1, NULL));
  policy = vigie_policy_new_from_file (path, &error);
  g_assert_null (policy);
  g_assert_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON);
  g_assert_nonnull (strstr (error->message, "lex/ours.txt:3"));
  g_clear_error (&error);

  /* A term before any class */
  g_assert_true (g_file_set_contents (lexpath, "babouin\n", -1, NULL));
  policy = vigie_policy_new_from_file (path, &error);
  g_assert_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_LEXICON);
  g_assert_nonnull (strstr (error->message, "lex/ours.txt:1"));
  g_clear_error (&error);

  /* The file itself missing */
  policy = vigie_policy_new_from_file (badpath, &error);
  g_assert_error (error, VIGIE_POLICY_ERROR, VIGIE_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_unlink (lexpath);
  g_rmdir (lexdir);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/policy/default", test_default);
  g_test_add_func ("/vigie/policy/not-json", test_not_json);
  g_test_add_func ("/vigie/policy/missing-fields", test_missing_fields);
  g_test_add_func ("/vigie/policy/wrong-values", test_wrong_values);
  g_test_add_func ("/vigie/policy/own-file", test_own_file);

  return g_test_run ();
}
