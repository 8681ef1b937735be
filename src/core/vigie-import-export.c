/* vigie-import-export.c — Facebook and Instagram "Download your information" files
 *
 * Facebook: comments.json ({"comments_v2": [...]}, older {"comments": [...]},
 * and {"group_comments_v2": [...]}). Instagram: post_comments_N.json (a list
 * of {"string_map_data": …}, older {"comments_media_comments": [...]}) and
 * reels_comments.json.
 *
 * These files hold the account holder's own comments. They carry no ids, so
 * each comment gets one made from its content; and their texts are
 * mojibake (each UTF-8 byte written as its own "\u00XX"), repaired here on
 * every string, names included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vigie-import-private.h"

typedef struct
{
  VigieImportContext *ctx;
  VigieFormat         format;
} Export;

/* A string member, mojibake repaired; NULL when absent */
static gboolean
get_text (VigieImportContext   *ctx,
          const VigieJsonNode  *object,
          const char           *name,
          char                **out,
          GError              **error)
{
  g_autofree char *raw = NULL;

  *out = NULL;
  if (!_vigie_import_get_string (ctx, object, name, &raw, error))
    return FALSE;
  if (raw != NULL)
    *out = _vigie_import_repair_mojibake (raw, -1);
  return TRUE;
}

static gboolean
emit_export_comment (VigieImportContext  *ctx,
                     VigiePlatform        platform,
                     char                *text,        /* owned */
                     char                *author,      /* owned */
                     gint64               created,
                     const char          *context,     /* title, or media owner */
                     guint                index,
                     GError             **error)
{
  g_auto(VigieCommentRecord) c;
  g_autofree char *created_str = g_strdup_printf ("%" G_GINT64_FORMAT, created);
  g_autofree char *index_str = g_strdup_printf ("%u", index);
  const char *parts[5];

  vigie_comment_record_init (&c);
  c.platform = platform;
  c.text = text != NULL ? text : g_strdup ("");
  c.author_name = author;
  c.created = created;

  parts[0] = created_str;
  parts[1] = c.author_name;
  parts[2] = context;
  parts[3] = c.text;
  parts[4] = index_str;
  c.external_id = _vigie_import_make_id ("dyi-", parts, G_N_ELEMENTS (parts));
  return _vigie_import_emit_comment (ctx, &c, error);
}

/* Facebook */

static gboolean
facebook_entry (const VigieJsonNode  *node,
                gpointer              user_data,
                GError              **error)
{
  Export *ex = user_data;
  VigieImportContext *ctx = ex->ctx;
  g_autofree char *title = NULL;
  const VigieJsonNode *data, *attachments;
  gint64 timestamp = 0;

  if (!_vigie_import_expect_object (ctx, node, N_("a comment"), error) ||
      !get_text (ctx, node, "title", &title, error) ||
      !_vigie_import_get_time (ctx, node, "timestamp", &timestamp, error) ||
      !_vigie_import_get_array (ctx, node, "data", &data, error) ||
      !_vigie_import_get_array (ctx, node, "attachments", &attachments, error))
    return FALSE;

  /* Entries without "data" kept no text: nothing to read */
  for (guint i = 0; data != NULL && i < data->len; i++)
    {
      const VigieJsonNode *item = &data->u.items[i], *comment;
      g_autofree char *text = NULL;
      g_autofree char *author = NULL;
      gint64 created = timestamp;

      if (!_vigie_import_expect_object (ctx, item, N_("a comment"), error) ||
          !_vigie_import_get_object (ctx, item, "comment", &comment, error))
        return FALSE;
      if (comment == NULL)
        continue;
      if (!get_text (ctx, comment, "comment", &text, error) ||
          !get_text (ctx, comment, "author", &author, error) ||
          !_vigie_import_get_time (ctx, comment, "timestamp", &created, error))
        return FALSE;

      /* A GIF or a link alone: its address is the text */
      if ((text == NULL || text[0] == '\0') && attachments != NULL)
        for (guint j = 0; j < attachments->len && (text == NULL || text[0] == '\0'); j++)
          {
            const VigieJsonNode *list = vigie_json_object_get (&attachments->u.items[j], "data");

            for (guint k = 0; list != NULL && list->type == VIGIE_JSON_ARRAY && k < list->len; k++)
              {
                const VigieJsonNode *external =
                  vigie_json_object_get (&list->u.items[k], "external_context");
                const VigieJsonNode *url = vigie_json_object_get (external, "url");

                if (url != NULL && url->type == VIGIE_JSON_STRING)
                  {
                    g_free (text);
                    text = vigie_json_node_dup (url);
                    break;
                  }
              }
          }

      if (!emit_export_comment (ctx, VIGIE_PLATFORM_FACEBOOK, g_steal_pointer (&text),
                                g_steal_pointer (&author), created, title, i, error))
        return FALSE;
    }
  return TRUE;
}

/* Instagram. The names inside string_map_data are in the account's
 * language, and mojibake too. */

static const char * const comment_names[] = {
  "Comment", "Commentaire", "Opmerking", "Kommentar", "Comentario", "Commento", "Comentário",
  NULL
};
static const char * const owner_names[] = {
  "Media Owner", "Propriétaire du contenu multimédia", "Propriétaire du média",
  "Propriétaire de la publication", "Media-eigenaar", "Medieninhaber", "Medieninhaber:in",
  "Propietario del contenido", "Proprietario del contenuto", NULL
};
static const char * const time_names[] = {
  "Time", "Heure", "Date", "Tijd", "Zeit", "Hora", "Ora", NULL
};

static gboolean
instagram_map_entry (Export               *ex,
                     const VigieJsonNode  *node,
                     const VigieJsonNode  *map,
                     guint                 index,
                     GError              **error)
{
  VigieImportContext *ctx = ex->ctx;
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *first_value = NULL;
  gint64 created = 0, any_time = 0;

  for (guint i = 0; i < map->len; i++)
    {
      const VigieJsonNode *key = &map->u.items[2 * i];
      const VigieJsonNode *value = &map->u.items[2 * i + 1];
      g_autofree char *raw_name = g_strndup (key->u.str, key->len);
      g_autofree char *name = _vigie_import_repair_mojibake (raw_name, -1);
      g_autofree char *str = NULL;
      gint64 t = 0;

      if (value->type != VIGIE_JSON_OBJECT)
        continue;
      if (!get_text (ctx, value, "value", &str, error) ||
          !_vigie_import_get_time (ctx, value, "timestamp", &t, error))
        return FALSE;
      if (t != 0 && any_time == 0)
        any_time = t;

      if (g_strv_contains (comment_names, name) && text == NULL)
        text = g_steal_pointer (&str);
      else if (g_strv_contains (owner_names, name) && owner == NULL)
        owner = g_steal_pointer (&str);
      else if (g_strv_contains (time_names, name) && t != 0)
        created = t;
      else if (str != NULL && first_value == NULL)
        first_value = g_steal_pointer (&str);
    }
  /* A language we do not know the names of: the comment comes first */
  if (text == NULL)
    text = g_steal_pointer (&first_value);
  if (created == 0)
    created = any_time;
  if (text == NULL)
    return _vigie_import_error_at (ctx, error, VIGIE_IMPORT_ERROR_SHAPE, node->offset, "%s",
                                   _("a comment without its text"));

  return emit_export_comment (ctx, VIGIE_PLATFORM_INSTAGRAM, g_steal_pointer (&text), NULL,
                              created, owner, index, error);
}

static gboolean
instagram_entry (const VigieJsonNode  *node,
                 gpointer              user_data,
                 GError              **error)
{
  Export *ex = user_data;
  VigieImportContext *ctx = ex->ctx;
  const VigieJsonNode *map, *list;
  g_autofree char *title = NULL;

  if (!_vigie_import_expect_object (ctx, node, N_("a comment"), error) ||
      !_vigie_import_get_object (ctx, node, "string_map_data", &map, error) ||
      !_vigie_import_get_array (ctx, node, "string_list_data", &list, error) ||
      !get_text (ctx, node, "title", &title, error))
    return FALSE;

  if (map != NULL)
    return instagram_map_entry (ex, node, map, 0, error);

  /* Older: {"title": "<media owner>", "string_list_data": [{"value", "timestamp"}]} */
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const VigieJsonNode *item = &list->u.items[i];
      g_autofree char *text = NULL;
      gint64 created = 0;

      if (!_vigie_import_expect_object (ctx, item, N_("a comment"), error) ||
          !get_text (ctx, item, "value", &text, error) ||
          !_vigie_import_get_time (ctx, item, "timestamp", &created, error))
        return FALSE;
      if (!emit_export_comment (ctx, VIGIE_PLATFORM_INSTAGRAM, g_steal_pointer (&text), NULL,
                                created, title, i, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_vigie_import_export (VigieImportContext    *ctx,
                      VigieFormat            format,
                      const VigieJsonShape  *shape,
                      GError               **error)
{
  g_autoptr(VigieJsonArena) arena = vigie_json_arena_new ();
  VigieJsonReader reader;
  Export ex = { ctx, format };
  VigieJsonElementFunc func;
  const char *key = NULL;
  gboolean ok = TRUE;

  if (format == VIGIE_FORMAT_FACEBOOK_EXPORT)
    {
      static const char * const keys[] = { "comments_v2", "group_comments_v2", "comments", NULL };

      func = facebook_entry;
      for (guint i = 0; keys[i] != NULL && key == NULL; i++)
        if (vigie_json_shape_get_types (shape, keys[i]) & (1u << VIGIE_JSON_ARRAY))
          key = keys[i];
    }
  else
    {
      static const char * const keys[] = {
        "comments_media_comments", "comments_reels_comments", NULL
      };

      func = instagram_entry;
      if (!(vigie_json_shape_get_types (shape, "") & (1u << VIGIE_JSON_ARRAY)))
        for (guint i = 0; keys[i] != NULL && key == NULL; i++)
          if (vigie_json_shape_get_types (shape, keys[i]) & (1u << VIGIE_JSON_ARRAY))
            key = keys[i];
    }

  vigie_json_reader_init (&reader, ctx->display_name, ctx->data, ctx->length);
  ok = vigie_json_reader_foreach (&reader, arena, key, func, &ex, error);
  vigie_json_reader_clear (&reader);
  return ok;
}
