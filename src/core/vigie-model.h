/* vigie-model.h — posts, comments and authors as Vigie stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  VIGIE_PLATFORM_UNKNOWN = 0,
  VIGIE_PLATFORM_FACEBOOK,
  VIGIE_PLATFORM_INSTAGRAM,
  VIGIE_PLATFORM_YOUTUBE,
} VigiePlatform;

#define VIGIE_PLATFORM_LAST VIGIE_PLATFORM_YOUTUBE

/* "facebook", "instagram", "youtube", "unknown" — stable, used in files and ids */
const char   *vigie_platform_to_string        (VigiePlatform  platform);
VigiePlatform vigie_platform_from_string      (const char    *str);
/* Translated, for display ("Facebook") */
const char   *vigie_platform_get_display_name (VigiePlatform  platform);

/* What an importer or a connector produces. Strings are owned by the record
 * (use the _clear functions); every string is valid UTF-8. */
typedef struct
{
  VigiePlatform platform;
  char   *page_id;            /* external id of the page, account or channel; may be NULL */
  char   *page_name;          /* may be NULL */
  char   *external_id;        /* required */
  char   *text;               /* may be NULL when unknown */
  gint64  created;            /* Unix time (UTC); 0 when unknown */
  char   *permalink;          /* may be NULL */
} VigiePostRecord;

typedef struct
{
  VigiePlatform platform;
  char   *external_id;        /* required; importers synthesise a stable one when the source has none */
  char   *post_external_id;   /* may be NULL */
  char   *parent_external_id; /* NULL for a top-level comment */
  char   *author_id;          /* external id of the author; may be NULL */
  char   *author_name;        /* may be NULL */
  char   *text;               /* required, may be "" */
  gint64  created;            /* Unix time (UTC); 0 when unknown */
  char   *permalink;          /* may be NULL */
  char   *language;           /* "fr", "en" or NULL when unknown */
  gboolean hidden;
  gint64  like_count;         /* -1 when unknown */
} VigieCommentRecord;

void vigie_post_record_clear    (VigiePostRecord    *record);
void vigie_comment_record_clear (VigieCommentRecord *record);
void vigie_comment_record_init  (VigieCommentRecord *record);

typedef enum
{
  VIGIE_COMMENT_STATUS_NEW = 0,
  VIGIE_COMMENT_STATUS_HANDLED = 1,
} VigieCommentStatus;

/* Read side: immutable, reference-counted snapshots of stored rows. */
typedef struct _VigieComment VigieComment;
typedef struct _VigiePost    VigiePost;
typedef struct _VigiePage    VigiePage;

struct _VigieComment
{
  gint64        id;                 /* row id in the store */
  VigiePlatform platform;
  char         *external_id;
  gint64        post_id;            /* row id, 0 when unknown */
  char         *post_external_id;
  gint64        parent_id;          /* row id of the parent comment, 0 for none or not stored */
  char         *parent_external_id;
  gint64        author_id;          /* row id of the author, 0 when unknown */
  char         *author_external_id;
  char         *author_name;
  char         *text;
  gint64        created;
  char         *permalink;
  char         *language;
  gboolean      hidden;
  gint64        like_count;
  VigieCommentStatus status;
  gint64        imported;           /* Unix time of the first import */
};

struct _VigiePost
{
  gint64        id;
  VigiePlatform platform;
  char         *external_id;
  gint64        page_id;            /* row id, 0 when unknown */
  char         *page_external_id;
  char         *page_name;
  char         *text;
  gint64        created;
  char         *permalink;
  guint         n_comments;
};

struct _VigiePage
{
  gint64        id;
  VigiePlatform platform;
  char         *external_id;
  char         *name;
  guint         n_posts;
  guint         n_comments;
};

#define VIGIE_TYPE_COMMENT (vigie_comment_get_type ())
#define VIGIE_TYPE_POST    (vigie_post_get_type ())
#define VIGIE_TYPE_PAGE    (vigie_page_get_type ())

GType         vigie_comment_get_type      (void) G_GNUC_CONST;
VigieComment *vigie_comment_new           (void);
VigieComment *vigie_comment_ref           (VigieComment *comment);
void          vigie_comment_unref         (VigieComment *comment);
/* "platform:external_id", the same on every import of the same comment */
char         *vigie_comment_dup_stable_id (const VigieComment *comment);

GType      vigie_post_get_type (void) G_GNUC_CONST;
VigiePost *vigie_post_new      (void);
VigiePost *vigie_post_ref      (VigiePost *post);
void       vigie_post_unref    (VigiePost *post);

GType      vigie_page_get_type (void) G_GNUC_CONST;
VigiePage *vigie_page_new      (void);
VigiePage *vigie_page_ref      (VigiePage *page);
void       vigie_page_unref    (VigiePage *page);

/* Parse the timestamps the platforms write (ISO 8601 with "Z", "+0000" or
 * "+00:00", with or without fractions; or a Unix time in seconds).
 * Returns FALSE when @str is not one of them. */
gboolean vigie_parse_timestamp (const char *str,
                                gint64     *out_unix);
/* ISO 8601 in UTC, "2026-10-01T13:00:00Z" */
char    *vigie_format_timestamp (gint64 unix_time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieComment, vigie_comment_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigiePost, vigie_post_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigiePage, vigie_page_unref)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigiePostRecord, vigie_post_record_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigieCommentRecord, vigie_comment_record_clear)

G_END_DECLS
