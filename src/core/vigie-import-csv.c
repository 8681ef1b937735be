/* vigie-import-csv.c — CSV exports of comments
 *
 * Comment-export tools write one comment a row with headers in French or
 * English, in any order and case ("Auteur", "Commentaire", "Date",
 * "J’aime"...): columns are found by name. The YouTube Takeout comments.csv
 * (old and new formats) reads the same way; its "Comment Text" is JSON
 * segments, joined here into plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "vigie-csv.h"
#include "vigie-import-private.h"

typedef enum
{
  COLUMN_TEXT,
  COLUMN_ID,
  COLUMN_POST,
  COLUMN_PARENT,
  COLUMN_AUTHOR,
  COLUMN_AUTHOR_ID,
  COLUMN_PROFILE,
  COLUMN_DATE,
  COLUMN_LIKES,
  COLUMN_PERMALINK,
  COLUMN_HIDDEN,
  COLUMN_PLATFORM,
  COLUMN_LANGUAGE,
  N_COLUMNS
} Column;

/* Header names, normalised: lower case, no accents, "_" "-" "." as spaces,
 * typographic apostrophes as "'" */
static const char * const text_names[] = {
  "comment", "commentaire", "text", "texte", "message", "comment text", "texte du commentaire",
  "contenu", "content", "body", "comment body", "contenu du commentaire", "reactietekst", NULL
};
static const char * const id_names[] = {
  "id", "comment id", "id du commentaire", "identifiant", "identifiant du commentaire",
  "reactie id", NULL
};
static const char * const post_names[] = {
  "post", "post id", "publication", "id de la publication", "publication id", "post url",
  "url de la publication", "lien de la publication", "video", "video id", "id de la video",
  "media", "media id", NULL
};
static const char * const parent_names[] = {
  "parent", "parent id", "parent comment id", "id du commentaire parent", "id du parent",
  "reply to", "en reponse a", "reponse a", NULL
};
static const char * const author_names[] = {
  "author", "auteur", "nom", "name", "author name", "nom de l'auteur", "auteur du commentaire",
  "username", "user name", "nom d'utilisateur", "utilisateur", "user", "commenter",
  "author display name", NULL
};
static const char * const author_id_names[] = {
  "author id", "id de l'auteur", "id auteur", "user id", "id de l'utilisateur", "channel id",
  "id de la chaine", "author channel id", "kanaal id", "profile id", "id du profil", NULL
};
static const char * const profile_names[] = {
  "profile", "profil", "profile url", "url du profil", "lien du profil", "profile link",
  "author url", "lien de l'auteur", NULL
};
static const char * const date_names[] = {
  "date", "created", "created time", "created at", "timestamp", "time", "heure",
  "date et heure", "date du commentaire", "date de creation", "publie le", "published",
  "published at", "comment create timestamp", "horodatage",
  "horodatage de creation du commentaire", "aanmaaktijdstempel reactie", NULL
};
static const char * const likes_names[] = {
  "likes", "like", "j'aime", "like count", "nombre de j'aime", "mentions j'aime", "reactions",
  NULL
};
static const char * const permalink_names[] = {
  "permalink", "permalien", "lien", "link", "url", "comment url", "lien du commentaire",
  "comment link", NULL
};
static const char * const hidden_names[] = {
  "hidden", "is hidden", "masque", "cache", NULL
};
static const char * const platform_names[] = {
  "platform", "plateforme", "reseau", "reseau social", "network", "social network", "source",
  NULL
};
static const char * const language_names[] = {
  "language", "langue", "lang", NULL
};

static const char * const * const column_names[N_COLUMNS] = {
  [COLUMN_TEXT] = text_names,
  [COLUMN_ID] = id_names,
  [COLUMN_POST] = post_names,
  [COLUMN_PARENT] = parent_names,
  [COLUMN_AUTHOR] = author_names,
  [COLUMN_AUTHOR_ID] = author_id_names,
  [COLUMN_PROFILE] = profile_names,
  [COLUMN_DATE] = date_names,
  [COLUMN_LIKES] = likes_names,
  [COLUMN_PERMALINK] = permalink_names,
  [COLUMN_HIDDEN] = hidden_names,
  [COLUMN_PLATFORM] = platform_names,
  [COLUMN_LANGUAGE] = language_names,
};

/* Names only a French header has: dates like 05/10/2026 are then day first */
static const char * const french_names[] = {
  "commentaire", "texte", "auteur", "nom", "publication", "j'aime", "profil", "heure", "lien",
  "masque", "plateforme", "langue", "texte du commentaire", "date du commentaire", NULL
};

static char *
normalize_header (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = TRUE;   /* drops leading blanks */

  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK || c == 0xfeff)
        continue;
      if (c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || g_unichar_isspace (c) ||
          c == 0xa0 || c == 0x202f)
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      if (c == 0x2019 || c == 0x2018 || c == '`')
        c = '\'';
      g_string_append_unichar (out, c);
      space = FALSE;
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static int
column_of (const char *normalized)
{
  for (guint col = 0; col < N_COLUMNS; col++)
    if (g_strv_contains (column_names[col], normalized))
      return col;
  return -1;
}

gboolean
_vigie_import_csv_detect (const char *data,
                          gsize       length)
{
  gsize start = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  gsize end;
  g_autofree char *line = NULL;
  g_autofree char *normalized = NULL;

  if (vigie_csv_detect_delimiter (data, length) != 0)
    return TRUE;
  /* One column only: it must be the comments */
  end = start;
  while (end < length && end - start < 256 && data[end] != '\n' && data[end] != '\r')
    end++;
  line = g_strndup (data + start, end - start);
  if (!g_utf8_validate (line, -1, NULL))
    return FALSE;
  if (line[0] == '"' && end - start >= 2 && line[end - start - 1] == '"')
    {
      line[end - start - 1] = '\0';
      memmove (line, line + 1, end - start - 1);
    }
  normalized = normalize_header (line);
  return column_of (normalized) == COLUMN_TEXT;
}

typedef struct
{
  VigieImportContext *ctx;
  VigieCsvReader     *reader;
  int                 columns[N_COLUMNS];   /* index of each column in a record, or -1 */
  gboolean            french;
  gboolean            takeout;              /* YouTube Takeout comments.csv */
  VigieJsonArena     *arena;
} CsvImport;

static const char *
field (CsvImport *imp,
       Column     column)
{
  int i = imp->columns[column];
  GPtrArray *fields = imp->reader->fields;
  const char *value;

  if (i < 0 || (guint) i >= fields->len)
    return NULL;
  value = g_ptr_array_index (fields, i);
  while (g_ascii_isspace (*value))
    value++;
  return value[0] != '\0' ? value : NULL;
}

static char *
dup_field (CsvImport *imp,
           Column     column)
{
  const char *value = field (imp, column);
  gsize len;

  if (value == NULL)
    return NULL;
  len = strlen (value);
  while (len > 0 && g_ascii_isspace (value[len - 1]))
    len--;
  return g_strndup (value, len);
}

static VigiePlatform
platform_of_url (const char *url)
{
  if (url == NULL)
    return VIGIE_PLATFORM_UNKNOWN;
  if (strstr (url, "facebook.com/") || strstr (url, "fb.com/") || strstr (url, "fb.watch/"))
    return VIGIE_PLATFORM_FACEBOOK;
  if (strstr (url, "instagram.com/"))
    return VIGIE_PLATFORM_INSTAGRAM;
  if (strstr (url, "youtube.com/") || strstr (url, "youtu.be/"))
    return VIGIE_PLATFORM_YOUTUBE;
  return VIGIE_PLATFORM_UNKNOWN;
}

static VigiePlatform
platform_of_name (const char *name)
{
  g_autofree char *n = NULL;

  if (name == NULL)
    return VIGIE_PLATFORM_UNKNOWN;
  n = normalize_header (name);
  if (g_str_equal (n, "facebook") || g_str_equal (n, "fb"))
    return VIGIE_PLATFORM_FACEBOOK;
  if (g_str_equal (n, "instagram") || g_str_equal (n, "ig") || g_str_equal (n, "insta"))
    return VIGIE_PLATFORM_INSTAGRAM;
  if (g_str_equal (n, "youtube") || g_str_equal (n, "yt"))
    return VIGIE_PLATFORM_YOUTUBE;
  return VIGIE_PLATFORM_UNKNOWN;
}

/* A post given as its link becomes the id the APIs use, so that comments
 * from a CSV and from the API land on the same post */
static char *
post_id_of (const char *value)
{
  const char *p;

  if (value == NULL)
    return NULL;
  if ((p = strstr (value, "facebook.com/")) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (p + strlen ("facebook.com/"), "/?#", 4);

      if (g_strv_length (parts) >= 3 && g_str_equal (parts[1], "posts") && parts[0][0] != '\0' &&
          parts[2][0] != '\0' && strspn (parts[0], "0123456789") == strlen (parts[0]) &&
          strspn (parts[2], "0123456789") == strlen (parts[2]))
        return g_strdup_printf ("%s_%s", parts[0], parts[2]);
    }
  else if ((p = strstr (value, "youtube.com/watch?")) != NULL && (p = strstr (p, "v=")) != NULL)
    return g_strndup (p + 2, strcspn (p + 2, "&#"));
  else if ((p = strstr (value, "youtu.be/")) != NULL)
    return g_strndup (p + strlen ("youtu.be/"), strcspn (p + strlen ("youtu.be/"), "?&#"));
  return g_strdup (value);
}

/* "05/10/2026 14:10", day first in French files, month first in English
 * ones, unless only the other order is a date */
static gboolean
parse_slash_date (const char *str,
                  gboolean    day_first,
                  gint64     *out)
{
  int a, b, year, consumed = 0;
  int hour = 0, min = 0, sec = 0;
  const char *rest;

  if (sscanf (str, "%d/%d/%d%n", &a, &b, &year, &consumed) != 3 || consumed == 0)
    return FALSE;
  rest = str + consumed;
  while (*rest == ' ' || *rest == 'T' || *rest == ',')
    rest++;
  if (*rest != '\0')
    {
      int n = 0;

      if (sscanf (rest, "%d:%d%n", &hour, &min, &n) != 2)
        return FALSE;
      rest += n;
      if (*rest == ':')
        {
          n = 0;
          if (sscanf (rest, ":%d%n", &sec, &n) != 1)
            return FALSE;
          rest += n;
        }
      while (*rest == ' ')
        rest++;
      if (*rest != '\0')
        return FALSE;
    }
  if (year < 100)
    year += 2000;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      gboolean df = attempt == 0 ? day_first : !day_first;
      int day = df ? a : b, month = df ? b : a;
      g_autofree char *iso = NULL;

      if (month < 1 || month > 12 || day < 1 || day > 31)
        continue;
      iso = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, min, sec);
      if (vigie_parse_timestamp (iso, out))
        return TRUE;
    }
  return FALSE;
}

static gboolean
parse_date (CsvImport  *imp,
            const char *str,
            gint64     *out)
{
  g_autofree char *copy = NULL;

  if (vigie_parse_timestamp (str, out))
    return TRUE;
  /* "2026/10/05 14:10" */
  copy = g_strdup (str);
  if (strlen (copy) >= 10 && g_ascii_isdigit (copy[0]) && copy[4] == '/' && copy[7] == '/')
    {
      copy[4] = copy[7] = '-';
      return vigie_parse_timestamp (copy, out);
    }
  return parse_slash_date (str, imp->french, out);
}

/* "1 234", "1,234" or "1234" */
static gint64
parse_count (const char *str)
{
  gint64 v = 0;
  gboolean digits = FALSE;

  if (str == NULL)
    return -1;
  for (const char *p = str; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (v > G_MAXINT64 / 10 - 10)
            return -1;
          v = v * 10 + (*p - '0');
          digits = TRUE;
        }
      else if (*p == ' ' || *p == ',' || *p == '.' || *p == '\'')
        continue;
      else if ((guchar) *p == 0xc2 && (guchar) p[1] == 0xa0)
        p++;
      else if ((guchar) *p == 0xe2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xaf)
        p += 2;
      else
        return -1;
    }
  return digits ? v : -1;
}

static gboolean
parse_bool (const char *str)
{
  g_autofree char *n = NULL;

  if (str == NULL)
    return FALSE;
  n = normalize_header (str);
  return g_str_equal (n, "true") || g_str_equal (n, "vrai") || g_str_equal (n, "yes") ||
         g_str_equal (n, "oui") || g_str_equal (n, "1") || g_str_equal (n, "x") ||
         g_str_equal (n, "hidden") || g_str_equal (n, "masque");
}

static char *
parse_language (const char *str)
{
  g_autofree char *n = NULL;

  if (str == NULL)
    return NULL;
  n = normalize_header (str);
  if (g_str_has_prefix (n, "fr") || g_str_equal (n, "francais"))
    return g_strdup ("fr");
  if (g_str_has_prefix (n, "en") || g_str_equal (n, "anglais"))
    return g_strdup ("en");
  return NULL;
}

static void
append_segments (const VigieJsonNode *list,
                 GString             *out)
{
  for (guint i = 0; list != NULL && list->type == VIGIE_JSON_ARRAY && i < list->len; i++)
    {
      const VigieJsonNode *segment = &list->u.items[i];
      const VigieJsonNode *text = vigie_json_object_get (segment, "text");
      const VigieJsonNode *nested = vigie_json_object_get (segment, "takeoutSegments");

      if (nested != NULL)
        append_segments (nested, out);
      else if (text != NULL && text->type == VIGIE_JSON_STRING)
        g_string_append_len (out, text->u.str, text->len);
    }
}

/* Takeout's comment text: {"text":"…"},{"text":"…"} (new) or
 * {"takeoutSegments":[{"text":"…"}, …]} (old); raw line breaks may sit
 * inside the strings. NULL when it is not that. */
static char *
takeout_text (CsvImport  *imp,
              const char *raw)
{
  g_autoptr(GString) wrapped = g_string_sized_new (strlen (raw) + 16);
  g_autoptr(GString) out = NULL;
  VigieJsonReader reader;
  VigieJsonNode root;
  gboolean ok;

  if (raw[0] != '{')
    return NULL;
  g_string_append_c (wrapped, '[');
  for (const char *p = raw; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (wrapped, "\\n");
      else if (*p == '\r')
        g_string_append (wrapped, "\\r");
      else if (*p == '\t')
        g_string_append (wrapped, "\\t");
      else
        g_string_append_c (wrapped, *p);
    }
  g_string_append_c (wrapped, ']');

  vigie_json_arena_reset (imp->arena);
  vigie_json_reader_init (&reader, "", wrapped->str, wrapped->len);
  ok = vigie_json_reader_read (&reader, imp->arena, &root, NULL);
  vigie_json_reader_clear (&reader);
  if (!ok)
    return NULL;
  out = g_string_new (NULL);
  append_segments (&root, out);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
import_record (CsvImport  *imp,
               GError    **error)
{
  g_auto(VigieCommentRecord) c;
  g_autofree char *post = NULL;
  g_autofree char *profile = NULL;
  const char *date;
  VigiePlatform platform;

  vigie_comment_record_init (&c);

  c.text = dup_field (imp, COLUMN_TEXT);
  if (c.text == NULL)
    c.text = g_strdup ("");
  else if (imp->takeout)
    {
      char *plain = takeout_text (imp, c.text);

      if (plain != NULL)
        {
          g_free (c.text);
          c.text = plain;
        }
    }

  c.external_id = dup_field (imp, COLUMN_ID);
  post = dup_field (imp, COLUMN_POST);
  c.post_external_id = post_id_of (post);
  c.parent_external_id = dup_field (imp, COLUMN_PARENT);
  c.author_name = dup_field (imp, COLUMN_AUTHOR);
  c.author_id = dup_field (imp, COLUMN_AUTHOR_ID);
  profile = dup_field (imp, COLUMN_PROFILE);
  if (c.author_id == NULL)
    c.author_id = g_steal_pointer (&profile);
  c.permalink = dup_field (imp, COLUMN_PERMALINK);
  c.hidden = parse_bool (field (imp, COLUMN_HIDDEN));
  c.like_count = parse_count (field (imp, COLUMN_LIKES));
  c.language = parse_language (field (imp, COLUMN_LANGUAGE));

  date = field (imp, COLUMN_DATE);
  if (date != NULL && !parse_date (imp, date, &c.created))
    /* TRANSLATORS: "“demain” is not a date" */
    return vigie_csv_reader_set_error (imp->reader, error, VIGIE_IMPORT_ERROR_SHAPE,
                                       _("“%.40s” is not a date"), date);

  platform = platform_of_name (field (imp, COLUMN_PLATFORM));
  if (platform == VIGIE_PLATFORM_UNKNOWN)
    platform = platform_of_url (c.permalink);
  if (platform == VIGIE_PLATFORM_UNKNOWN)
    platform = platform_of_url (post);
  if (platform == VIGIE_PLATFORM_UNKNOWN)
    platform = platform_of_url (c.author_id);
  if (platform == VIGIE_PLATFORM_UNKNOWN && imp->takeout)
    platform = VIGIE_PLATFORM_YOUTUBE;
  c.platform = platform;

  if (platform == VIGIE_PLATFORM_YOUTUBE && c.permalink == NULL && c.post_external_id != NULL &&
      c.external_id != NULL)
    c.permalink = g_strdup_printf ("https://www.youtube.com/watch?v=%s&lc=%s",
                                   c.post_external_id, c.external_id);

  /* No id column: one made from what the comment is, the same on every
   * export of it */
  if (c.external_id == NULL)
    {
      g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, c.created);
      const char *parts[] = {
        vigie_platform_to_string (platform), c.post_external_id, c.parent_external_id,
        c.author_id ? c.author_id : c.author_name, created, c.text
      };
      c.external_id = _vigie_import_make_id ("csv-", parts, G_N_ELEMENTS (parts));
    }

  return _vigie_import_emit_comment (imp->ctx, &c, error);
}

gboolean
_vigie_import_csv (VigieImportContext  *ctx,
                   GError             **error)
{
  g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
  VigieCsvReader reader;
  CsvImport imp = { 0 };
  gboolean has_record;
  gboolean ok = FALSE;

  vigie_csv_reader_init (&reader, ctx->display_name, ctx->data, ctx->length);
  imp.ctx = ctx;
  imp.reader = &reader;
  imp.arena = arena;
  for (guint i = 0; i < N_COLUMNS; i++)
    imp.columns[i] = -1;

  if (!vigie_csv_reader_next (&reader, &has_record, error))
    goto out;
  if (!has_record)
    {
      g_set_error (error, VIGIE_IMPORT_ERROR, VIGIE_IMPORT_ERROR_EMPTY,
                   _("%s: the file is empty"), ctx->display_name);
      goto out;
    }

  for (guint i = 0; i < reader.fields->len; i++)
    {
      g_autofree char *name = normalize_header (g_ptr_array_index (reader.fields, i));
      int col = column_of (name);

      if (col >= 0 && imp.columns[col] < 0)
        imp.columns[col] = i;
      if (g_strv_contains (french_names, name))
        imp.french = TRUE;
      if (g_str_equal (name, "comment create timestamp") || g_str_equal (name, "video id"))
        imp.takeout = TRUE;
    }

  if (imp.columns[COLUMN_TEXT] < 0)
    {
      g_autoptr(GString) found = g_string_new (NULL);

      for (guint i = 0; i < reader.fields->len && i < 12; i++)
        {
          const char *name = g_ptr_array_index (reader.fields, i);
          g_string_append_printf (found, "%s“%.40s”", i > 0 ? ", " : "", name);
        }
      vigie_csv_reader_set_error (&reader, error, VIGIE_IMPORT_ERROR_SHAPE,
                                  _("no column of comments in the header (found %s); Vigie "
                                    "looks for a column named “comment”, “commentaire”, "
                                    "“text”, “texte” or “message”"), found->str);
      goto out;
    }

  for (;;)
    {
      if (!vigie_csv_reader_next (&reader, &has_record, error))
        goto out;
      if (!has_record)
        break;
      if (!import_record (&imp, error))
        goto out;
    }
  ok = TRUE;

out:
  vigie_csv_reader_clear (&reader);
  return ok;
}
