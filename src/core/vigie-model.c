/* vigie-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vigie-model.h"

static const char *platform_names[] = { "unknown", "facebook", "instagram", "youtube" };

const char *
vigie_platform_to_string (VigiePlatform platform)
{
  if ((guint) platform > VIGIE_PLATFORM_LAST)
    platform = VIGIE_PLATFORM_UNKNOWN;
  return platform_names[platform];
}

VigiePlatform
vigie_platform_from_string (const char *str)
{
  if (str == NULL)
    return VIGIE_PLATFORM_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (platform_names); i++)
    if (g_ascii_strcasecmp (str, platform_names[i]) == 0)
      return (VigiePlatform) i;
  return VIGIE_PLATFORM_UNKNOWN;
}

const char *
vigie_platform_get_display_name (VigiePlatform platform)
{
  switch (platform)
    {
    case VIGIE_PLATFORM_FACEBOOK:
      return _("Facebook");
    case VIGIE_PLATFORM_INSTAGRAM:
      return _("Instagram");
    case VIGIE_PLATFORM_YOUTUBE:
      return _("YouTube");
    case VIGIE_PLATFORM_UNKNOWN:
    default:
      return _("Unknown platform");
    }
}

void
vigie_post_record_clear (VigiePostRecord *record)
{
  g_clear_pointer (&record->page_id, g_free);
  g_clear_pointer (&record->page_name, g_free);
  g_clear_pointer (&record->external_id, g_free);
  g_clear_pointer (&record->text, g_free);
  g_clear_pointer (&record->permalink, g_free);
  record->created = 0;
  record->platform = VIGIE_PLATFORM_UNKNOWN;
}

void
vigie_comment_record_init (VigieCommentRecord *record)
{
  memset (record, 0, sizeof *record);
  record->like_count = -1;
}

void
vigie_comment_record_clear (VigieCommentRecord *record)
{
  g_free (record->external_id);
  g_free (record->post_external_id);
  g_free (record->parent_external_id);
  g_free (record->author_id);
  g_free (record->author_name);
  g_free (record->text);
  g_free (record->permalink);
  g_free (record->language);
  vigie_comment_record_init (record);
}

/* Read-side snapshots: atomic reference counting through g_atomic_rc_box */

static void
comment_free_contents (VigieComment *c)
{
  g_free (c->external_id);
  g_free (c->post_external_id);
  g_free (c->parent_external_id);
  g_free (c->author_external_id);
  g_free (c->author_name);
  g_free (c->text);
  g_free (c->permalink);
  g_free (c->language);
}

VigieComment *
vigie_comment_new (void)
{
  VigieComment *c = g_atomic_rc_box_new0 (VigieComment);
  c->like_count = -1;
  return c;
}

VigieComment *
vigie_comment_ref (VigieComment *comment)
{
  return g_atomic_rc_box_acquire (comment);
}

void
vigie_comment_unref (VigieComment *comment)
{
  g_atomic_rc_box_release_full (comment, (GDestroyNotify) comment_free_contents);
}

char *
vigie_comment_dup_stable_id (const VigieComment *comment)
{
  return g_strconcat (vigie_platform_to_string (comment->platform), ":",
                      comment->external_id, NULL);
}

G_DEFINE_BOXED_TYPE (VigieComment, vigie_comment, vigie_comment_ref, vigie_comment_unref)

static void
post_free_contents (VigiePost *p)
{
  g_free (p->external_id);
  g_free (p->page_external_id);
  g_free (p->page_name);
  g_free (p->text);
  g_free (p->permalink);
}

VigiePost *
vigie_post_new (void)
{
  return g_atomic_rc_box_new0 (VigiePost);
}

VigiePost *
vigie_post_ref (VigiePost *post)
{
  return g_atomic_rc_box_acquire (post);
}

void
vigie_post_unref (VigiePost *post)
{
  g_atomic_rc_box_release_full (post, (GDestroyNotify) post_free_contents);
}

G_DEFINE_BOXED_TYPE (VigiePost, vigie_post, vigie_post_ref, vigie_post_unref)

static void
page_free_contents (VigiePage *p)
{
  g_free (p->external_id);
  g_free (p->name);
}

VigiePage *
vigie_page_new (void)
{
  return g_atomic_rc_box_new0 (VigiePage);
}

VigiePage *
vigie_page_ref (VigiePage *page)
{
  return g_atomic_rc_box_acquire (page);
}

void
vigie_page_unref (VigiePage *page)
{
  g_atomic_rc_box_release_full (page, (GDestroyNotify) page_free_contents);
}

G_DEFINE_BOXED_TYPE (VigiePage, vigie_page, vigie_page_ref, vigie_page_unref)

/* Timestamps. Parsed by hand: it runs for every imported comment, and
 * GDateTime rejects some of the offsets the platforms write ("+0000"). */

static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

/* Days since 1970-01-01 of a proleptic Gregorian date */
static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int
days_in_month (int y,
               int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

gboolean
vigie_parse_timestamp (const char *str,
                       gint64     *out_unix)
{
  const char *p = str;
  int year, month, day, hour = 0, min = 0, sec = 0;
  int offset = 0;

  if (str == NULL)
    return FALSE;

  while (*p == ' ')
    p++;

  /* A Unix time: digits only */
  if (g_ascii_isdigit (*p))
    {
      const char *q = p;
      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '\0' && q - p <= 12 && q - p >= 9)
        {
          *out_unix = g_ascii_strtoll (p, NULL, 10);
          return TRUE;
        }
    }

  if (!read_digits (&p, 4, &year) || *p++ != '-' ||
      !read_digits (&p, 2, &month) || *p++ != '-' ||
      !read_digits (&p, 2, &day))
    return FALSE;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return FALSE;

  if (*p == 'T' || *p == ' ')
    {
      p++;
      if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &min))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &sec))
            return FALSE;
        }
      if (*p == '.' || *p == ',')
        {
          p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
        }
      if (hour > 23 || min > 59 || sec > 60)
        return FALSE;

      if (*p == 'Z' || *p == 'z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          int sign = *p == '-' ? -1 : 1;
          int oh, om = 0;

          p++;
          if (!read_digits (&p, 2, &oh))
            return FALSE;
          if (*p == ':')
            p++;
          if (g_ascii_isdigit (*p) && !read_digits (&p, 2, &om))
            return FALSE;
          if (oh > 14 || om > 59)
            return FALSE;
          offset = sign * (oh * 3600 + om * 60);
        }
      else if (*p == ' ' && g_str_equal (p, " UTC"))
        p += 4;
    }

  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;

  *out_unix = days_from_civil (year, month, day) * 86400 + hour * 3600 + min * 60 + sec - offset;
  return TRUE;
}

char *
vigie_format_timestamp (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
