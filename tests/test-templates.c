/* test-templates.c — the institutional replies: both languages, values
 * from the organisation and the comment, missing values, unknown
 * placeholders, lengths, and the workspace's own copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vigie-templates.h"
#include "test-actions-common.h"

static const char *shipped[] = {
  "removed", "private_channel", "complaint", "correction", "distress", "thanks", "offtopic", "spam",
};

static VigieTemplates *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  VigieTemplates *templates = vigie_templates_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (templates);
  return templates;
}

static GHashTable *
values_for (Workspace  *w,
            const char *external_id,
            VigiePlatform platform,
            const char *lang)
{
  g_autoptr(VigieComment) comment = NULL;
  const char *clauses[] = { "CISSS §10", "IUCPQ", NULL };
  GHashTable *values;

  comment = vigie_store_find_comment (w->store, platform, external_id, NULL);
  values = vigie_templates_collect_values (w->store, comment, clauses, lang);

  g_hash_table_insert (values, g_strdup ("details"),
                       g_strdup (lang[0] == 'f' ? "La clinique est ouverte le samedi."
                                                : "The clinic is open on Saturdays."));
  return values;
}

static void
test_shipped (void)
{
  g_autoptr(VigieTemplates) templates = load_default ();

  g_assert_cmpuint (vigie_templates_get_n_templates (templates), ==, G_N_ELEMENTS (shipped));
  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      const VigieTemplate *t = vigie_templates_lookup (templates, shipped[i]);

      g_assert_nonnull (t);
      g_assert_cmpstr (vigie_template_get_id (t), ==, shipped[i]);
      for (const char *lang = "fr"; lang != NULL; lang = g_str_equal (lang, "fr") ? "en" : NULL)
        {
          g_autoptr(GError) error = NULL;

          g_assert_nonnull (vigie_template_get_title (t, lang));
          g_assert_true (vigie_template_check (vigie_template_get_text (t, lang), &error));
          g_assert_no_error (error);
          g_assert_false (vigie_template_is_overridden (t, lang));
        }
      /* French and English say different things, not the same text twice */
      g_assert_cmpstr (vigie_template_get_text (t, "fr"), !=, vigie_template_get_text (t, "en"));
      g_assert_true (vigie_template_supports_kind (t, VIGIE_ACTION_REPLY));
    }
  g_assert_null (vigie_templates_lookup (templates, "insults"));
}

static void
test_distress_resources (void)
{
  g_autoptr(VigieTemplates) templates = load_default ();
  const VigieTemplate *t = vigie_templates_lookup (templates, "distress");
  const char *numbers[] = { "911", "811", "Info-Santé", "Info-Social", "1 866 APPELLE (277-3553)",
                            "988" };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_assert_nonnull (strstr (vigie_template_get_text (t, "fr"), numbers[i]));
      g_assert_nonnull (strstr (vigie_template_get_text (t, "en"), numbers[i]));
    }
  t = vigie_templates_lookup (templates, "complaint");
  g_assert_nonnull (strstr (vigie_template_get_text (t, "fr"),
                            "commissaire aux plaintes et à la qualité des services"));
}

static void
test_fill (Workspace     *w,
           gconstpointer  data)
{
  g_autoptr(VigieTemplates) templates = load_default ();
  g_autoptr(GHashTable) fr = values_for (w, "fb1", VIGIE_PLATFORM_FACEBOOK, "fr");
  g_autoptr(GHashTable) en = values_for (w, "ig1", VIGIE_PLATFORM_INSTAGRAM, "en");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      g_autofree char *text_fr = vigie_templates_fill (templates, shipped[i], "fr", fr, &error);
      g_autofree char *text_en = NULL;

      g_assert_no_error (error);
      text_en = vigie_templates_fill (templates, shipped[i], "en", en, &error);
      g_assert_no_error (error);
      /* Every placeholder filled */
      g_assert_null (strchr (text_fr, '{'));
      g_assert_null (strchr (text_en, '{'));
      g_assert_true (vigie_template_check_length (text_fr, VIGIE_PLATFORM_INSTAGRAM,
                                                  VIGIE_ACTION_REPLY, &error));
      g_assert_true (vigie_template_check_length (text_en, VIGIE_PLATFORM_FACEBOOK,
                                                  VIGIE_ACTION_PRIVATE_REPLY, &error));
      g_assert_no_error (error);
    }

  {
    g_autofree char *complaint_fr = vigie_templates_fill (templates, "complaint", "fr", fr, &error);
    g_autofree char *complaint_en = vigie_templates_fill (templates, "complaint", "en", en, &error);

    g_assert_true (g_str_has_prefix (complaint_fr, "Bonjour Julie Tremblay, "));
    g_assert_nonnull (strstr (complaint_fr, "Commissariat aux plaintes et à la qualité des "
                                            "services du CISSS de la Côte-Boréale"));
    g_assert_nonnull (strstr (complaint_fr, "418 555-0100"));
    g_assert_true (g_str_has_suffix (complaint_fr, "— CISSS de la Côte-Boréale"));
    /* English values where the organisation gave them */
    g_assert_true (g_str_has_prefix (complaint_en, "Hello sam.b, "));
    g_assert_nonnull (strstr (complaint_en,
                              "Office of the Service Quality and Complaints Commissioner"));
    g_assert_true (g_str_has_suffix (complaint_en,
                                     "— Côte-Boréale Integrated Health and Social Services "
                                     "Centre"));
  }
  {
    g_autofree char *removed = vigie_templates_fill (templates, "removed", "fr", fr, &error);
    g_assert_nonnull (strstr (removed, "de la page CISSS de la Côte-Boréale"));
    g_assert_nonnull (strstr (removed, "(CISSS §10, IUCPQ)"));
  }
  {
    g_autofree char *correction = vigie_templates_fill (templates, "correction", "en", en, &error);
    g_assert_nonnull (strstr (correction, "The clinic is open on Saturdays."));
  }
}

static void
test_missing_value (Workspace     *w,
                    gconstpointer  data)
{
  g_autoptr(VigieTemplates) templates = load_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* The organisation has no phone number */
  g_assert_true (vigie_store_set_setting (w->store, VIGIE_SETTING_ORGANISATION_PHONE, NULL, NULL));
  {
    g_autoptr(GHashTable) values = values_for (w, "fb1", VIGIE_PLATFORM_FACEBOOK, "fr");
    text = vigie_templates_fill (templates, "private_channel", "fr", values, &error);
    g_assert_null (text);
    g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_MISSING_VALUE);
    g_assert_nonnull (strstr (error->message, "{phone}"));
    g_assert_nonnull (strstr (error->message, "phone number"));
    g_clear_error (&error);
  }

  /* The comment's author is unknown */
  {
    g_autoptr(GHashTable) values = values_for (w, "fb2", VIGIE_PLATFORM_FACEBOOK, "fr");
    text = vigie_templates_fill (templates, "thanks", "fr", values, &error);
    g_assert_null (text);
    g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_MISSING_VALUE);
    g_assert_nonnull (strstr (error->message, "{author}"));
    g_clear_error (&error);
  }

  /* The details the person must write */
  {
    g_autoptr(GHashTable) values = values_for (w, "fb1", VIGIE_PLATFORM_FACEBOOK, "fr");
    g_hash_table_remove (values, "details");
    text = vigie_templates_fill (templates, "correction", "fr", values, &error);
    g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_MISSING_VALUE);
    g_assert_nonnull (strstr (error->message, "{details}"));
    g_clear_error (&error);
  }

  /* No clause cited */
  {
    g_autoptr(VigieComment) comment = vigie_store_find_comment (w->store, VIGIE_PLATFORM_FACEBOOK,
                                                                "fb1", NULL);
    g_autoptr(GHashTable) values = vigie_templates_collect_values (w->store, comment, NULL, "fr");
    text = vigie_templates_fill (templates, "spam", "fr", values, &error);
    g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_MISSING_VALUE);
    g_assert_nonnull (strstr (error->message, "{clause}"));
  }
}

static void
test_placeholders (void)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) used = NULL;

  g_hash_table_insert (values, "author", "Léa");
  g_hash_table_insert (values, "organisation", "CISSS");

  text = vigie_template_expand ("Bonjour {author}, {{pas un champ}} — {organisation}", values,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Bonjour Léa, {pas un champ} — CISSS");
  g_clear_pointer (&text, g_free);

  /* Unknown: an error naming it, never silent text */
  text = vigie_template_expand ("Bonjour {auteur}", values, &error);
  g_assert_null (text);
  g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_UNKNOWN_PLACEHOLDER);
  g_assert_nonnull (strstr (error->message, "{auteur}"));
  g_assert_nonnull (strstr (error->message, "author"));
  g_clear_error (&error);

  /* Stray braces */
  g_assert_false (vigie_template_check ("Bonjour {author", &error));
  g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_UNKNOWN_PLACEHOLDER);
  g_clear_error (&error);
  g_assert_false (vigie_template_check ("Bonjour } à vous", &error));
  g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_UNKNOWN_PLACEHOLDER);
  g_assert_nonnull (strstr (error->message, "character 9"));
  g_clear_error (&error);
  g_assert_false (vigie_template_check ("{Author}", &error));
  g_clear_error (&error);

  used = vigie_template_list_placeholders ("{author} {phone} {author} {{url}}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (used), ==, 2);
  g_assert_cmpstr (used[0], ==, "author");
  g_assert_cmpstr (used[1], ==, "phone");

  g_assert_cmpstr (vigie_template_get_setting_key ("phone"), ==, "organisation.phone");
  g_assert_null (vigie_template_get_setting_key ("author"));
  g_assert_nonnull (vigie_template_describe_placeholder ("complaints_office"));
  g_assert_true (g_strv_contains (vigie_template_get_placeholders (), "policy_url"));
}

static void
test_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (2001, 'x');

  g_assert_true (vigie_template_check_length (long_text, VIGIE_PLATFORM_FACEBOOK,
                                              VIGIE_ACTION_REPLY, &error));
  g_assert_false (vigie_template_check_length (long_text, VIGIE_PLATFORM_FACEBOOK,
                                               VIGIE_ACTION_PRIVATE_REPLY, &error));
  g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "2001"));
  g_assert_nonnull (strstr (error->message, "2000"));
}

static void
test_overrides (Workspace     *w,
                gconstpointer  data)
{
  g_autoptr(VigieTemplates) templates = load_default ();
  g_autoptr(VigieTemplates) reloaded = load_default ();
  g_autoptr(GError) error = NULL;
  const VigieTemplate *t = vigie_templates_lookup (templates, "thanks");
  const char *mine = "Merci {author}! L’équipe de {organisation}";
  g_autofree char *shipped_en = g_strdup (vigie_template_get_text (t, "en"));

  g_assert_true (vigie_templates_set_override (templates, w->store, "thanks", "fr", mine, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_template_get_text (t, "fr"), ==, mine);
  g_assert_true (vigie_template_is_overridden (t, "fr"));
  g_assert_false (vigie_template_is_overridden (t, "en"));
  g_assert_cmpstr (vigie_template_get_text (t, "en"), ==, shipped_en);

  /* Kept in the workspace */
  g_assert_true (vigie_templates_load_overrides (reloaded, w->store, &error));
  g_assert_cmpstr (vigie_template_get_text (vigie_templates_lookup (reloaded, "thanks"), "fr"), ==,
                   mine);
  {
    g_autoptr(GHashTable) values = values_for (w, "fb1", VIGIE_PLATFORM_FACEBOOK, "fr");
    g_autofree char *text = vigie_templates_fill (reloaded, "thanks", "fr", values, &error);
    g_assert_cmpstr (text, ==, "Merci Julie Tremblay! L’équipe de CISSS de la Côte-Boréale");
  }

  /* A copy with a mistake is refused */
  g_assert_false (vigie_templates_set_override (templates, w->store, "thanks", "fr",
                                                "Merci {nom}", &error));
  g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_UNKNOWN_PLACEHOLDER);
  g_clear_error (&error);
  g_assert_cmpstr (vigie_template_get_text (t, "fr"), ==, mine);
  g_assert_false (vigie_templates_set_override (templates, w->store, "nope", "fr", "x", &error));
  g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (vigie_templates_set_override (templates, w->store, "thanks", "de", "x", &error));
  g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Back to the shipped text */
  g_assert_true (vigie_templates_reset (templates, w->store, "thanks", "fr", &error));
  g_assert_false (vigie_template_is_overridden (t, "fr"));
  g_assert_cmpstr (vigie_template_get_text (t, "fr"), ==,
                   vigie_template_get_default_text (t, "fr"));
  g_assert_true (vigie_templates_load_overrides (reloaded, w->store, &error));
  g_assert_false (vigie_template_is_overridden (vigie_templates_lookup (reloaded, "thanks"), "fr"));
}

static void
test_suggest (void)
{
  g_autoptr(VigieTemplates) templates = load_default ();
  const char *privacy[] = { "privacy", NULL };
  const char *distress_first[] = { "distress", "insult", NULL };
  const char *reputation[] = { "reputation", NULL };
  const char *none[] = { NULL };

  g_assert_cmpstr (vigie_template_get_id (vigie_templates_suggest (templates, privacy,
                                                                   VIGIE_ACTION_REPLY)),
                   ==, "private_channel");
  g_assert_cmpstr (vigie_template_get_id (vigie_templates_suggest (templates, distress_first,
                                                                   VIGIE_ACTION_REPLY)),
                   ==, "distress");
  g_assert_cmpstr (vigie_template_get_id (vigie_templates_suggest (templates, reputation,
                                                                   VIGIE_ACTION_REPLY)),
                   ==, "correction");
  /* The correction is public only */
  g_assert_null (vigie_templates_suggest (templates, reputation, VIGIE_ACTION_PRIVATE_REPLY));
  g_assert_null (vigie_templates_suggest (templates, none, VIGIE_ACTION_REPLY));
}

static void
test_language (void)
{
  g_assert_cmpstr (vigie_template_pick_language ("en", "fr"), ==, "en");
  g_assert_cmpstr (vigie_template_pick_language (NULL, "en"), ==, "en");
  g_assert_cmpstr (vigie_template_pick_language ("es", NULL), ==, "fr");
  g_assert_cmpstr (vigie_template_pick_language (NULL, NULL), ==, "fr");
}

static void
test_bad_file (void)
{
  struct { const char *json; const char *expected; } cases[] = {
    { "not json", "not valid JSON" },
    { "{\"format\": 1}", "no list of" },
    { "{\"templates\": [{\"id\": \"a\", \"kinds\": [\"reply\"],"
      " \"title\": {\"fr\": \"A\", \"en\": \"A\"},"
      " \"text\": {\"fr\": \"Bonjour\"}}]}", "template 1" },
    { "{\"templates\": [{\"id\": \"a\", \"kinds\": [\"reply\"],"
      " \"title\": {\"fr\": \"A\", \"en\": \"A\"},"
      " \"text\": {\"fr\": \"Bonjour {nom}\", \"en\": \"Hello\"}}]}", "{nom}" },
    { "{\"templates\": [{\"id\": \"a\", \"kinds\": [\"hide\"],"
      " \"title\": {\"fr\": \"A\", \"en\": \"A\"},"
      " \"text\": {\"fr\": \"Bonjour\", \"en\": \"Hello\"}}]}", "kinds" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieTemplates) templates = vigie_templates_new_from_data (cases[i].json, -1,
                                                                          "mine.json", &error);

      g_assert_null (templates);
      g_assert_error (error, VIGIE_TEMPLATES_ERROR, VIGIE_TEMPLATES_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "mine.json"));
      g_assert_nonnull (strstr (error->message, cases[i].expected));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Workspace, NULL, workspace_setup, func, workspace_teardown)

  g_test_add_func ("/vigie/templates/shipped", test_shipped);
  g_test_add_func ("/vigie/templates/distress-resources", test_distress_resources);
  ADD ("/vigie/templates/fill", test_fill);
  ADD ("/vigie/templates/missing-value", test_missing_value);
  g_test_add_func ("/vigie/templates/placeholders", test_placeholders);
  g_test_add_func ("/vigie/templates/length", test_length);
  ADD ("/vigie/templates/overrides", test_overrides);
  g_test_add_func ("/vigie/templates/suggest", test_suggest);
  g_test_add_func ("/vigie/templates/language", test_language);
  g_test_add_func ("/vigie/templates/bad-file", test_bad_file);
#undef ADD

  return g_test_run ();
}
