/* test-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vigie-model.h"

static void
test_timestamp_formats (void)
{
  static const struct { const char *text; gint64 expected; } cases[] = {
    { "2021-08-10T18:45:03+0000", 1628621103 },          /* Graph API */
    { "2021-08-10T18:45:03+00:00", 1628621103 },
    { "2019-11-26T15:51:44.000Z", 1574783504 },          /* YouTube */
    { "2023-04-14T07:39:35.956042+00:00", 1681457975 },  /* Takeout */
    { "2026-10-01T09:00:00-0400", 1790859600 },          /* Québec, daylight time */
    { "2026-10-01 13:00", 1790859600 },                  /* CSV exports */
    { "2026-10-01 13:00:00 UTC", 1790859600 },
    { "1257938047", 1257938047 },                        /* Unix time (exports) */
    { "2024-02-29", 1709164800 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = 0;
      g_assert_true (vigie_parse_timestamp (cases[i].text, &value));
      g_assert_cmpint (value, ==, cases[i].expected);
    }
}

static void
test_timestamp_invalid (void)
{
  static const char *bad[] = {
    "", "yesterday", "2021-13-01T00:00:00Z", "2023-02-29", "2021-08-10T25:00:00Z",
    "2021-08-10T18:45:03+0000 trailing", "12", "2021-08-10T18:45:03+99:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 value = 42;
      g_assert_false (vigie_parse_timestamp (bad[i], &value));
      g_assert_cmpint (value, ==, 42);
    }
  g_assert_false (vigie_parse_timestamp (NULL, NULL));
}

static void
test_timestamp_format_roundtrip (void)
{
  g_autofree char *text = vigie_format_timestamp (1790859600);
  gint64 back = 0;

  g_assert_cmpstr (text, ==, "2026-10-01T13:00:00Z");
  g_assert_true (vigie_parse_timestamp (text, &back));
  g_assert_cmpint (back, ==, 1790859600);
}

static void
test_platform_names (void)
{
  for (VigiePlatform p = VIGIE_PLATFORM_FACEBOOK; p <= VIGIE_PLATFORM_LAST; p++)
    g_assert_cmpint (vigie_platform_from_string (vigie_platform_to_string (p)), ==, p);
  g_assert_cmpstr (vigie_platform_to_string (VIGIE_PLATFORM_YOUTUBE), ==, "youtube");
  g_assert_cmpint (vigie_platform_from_string ("Instagram"), ==, VIGIE_PLATFORM_INSTAGRAM);
  g_assert_cmpint (vigie_platform_from_string ("myspace"), ==, VIGIE_PLATFORM_UNKNOWN);
  g_assert_cmpstr (vigie_platform_to_string (99), ==, "unknown");
}

static void
test_comment_stable_id (void)
{
  g_autoptr(VigieComment) c = vigie_comment_new ();
  g_autofree char *id = NULL;

  c->platform = VIGIE_PLATFORM_FACEBOOK;
  c->external_id = g_strdup ("900_910");
  id = vigie_comment_dup_stable_id (c);
  g_assert_cmpstr (id, ==, "facebook:900_910");
  g_assert_cmpint (c->like_count, ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vigie/model/timestamp/formats", test_timestamp_formats);
  g_test_add_func ("/vigie/model/timestamp/invalid", test_timestamp_invalid);
  g_test_add_func ("/vigie/model/timestamp/format", test_timestamp_format_roundtrip);
  g_test_add_func ("/vigie/model/platform-names", test_platform_names);
  g_test_add_func ("/vigie/model/comment-stable-id", test_comment_stable_id);
  return g_test_run ();
}
