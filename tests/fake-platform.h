/* fake-platform.h — fake Graph (Facebook, Instagram) and YouTube servers
 *
 * A SoupServer on 127.0.0.1 in its own thread, serving the real response
 * shapes (../shared/reference/platform-apis.md) with cursor paging, and,
 * on demand, every error the connectors handle: throttling (Graph codes
 * and usage headers, YouTube quotaExceeded), an expired token, server
 * errors, slow and malformed answers, missing objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FakePlatform FakePlatform;

typedef enum
{
  FAKE_FAIL_SERVER_ERROR,     /* HTTP 500 */
  FAKE_FAIL_THROTTLE,         /* Graph error @code (4, 17, 32, 613) with usage headers */
  FAKE_FAIL_QUOTA,            /* YouTube quotaExceeded */
  FAKE_FAIL_TOKEN_EXPIRED,    /* Graph 190 / Google 401 */
  FAKE_FAIL_MALFORMED,        /* 200 with a body that is not JSON */
  FAKE_FAIL_SLOW,             /* answers after 3 s */
  FAKE_FAIL_USAGE_HIGH,       /* answers, with X-App-Usage at 95 % */
} FakeFailure;

FakePlatform *fake_platform_new            (const char   *token);
void          fake_platform_free           (FakePlatform *self);
/* "http://127.0.0.1:PORT" */
const char   *fake_platform_get_url        (FakePlatform *self);
guint         fake_platform_get_n_requests (FakePlatform *self);
/* Requests seen, "METHOD /path?query [body]", oldest first (a copy) */
GPtrArray    *fake_platform_get_requests   (FakePlatform *self);
void          fake_platform_clear_requests (FakePlatform *self);

/* The next @times requests whose path contains @path_part (NULL: any)
 * fail with @failure; @code is the Graph throttle code */
void          fake_platform_fail           (FakePlatform *self,
                                            const char   *path_part,
                                            FakeFailure   failure,
                                            int           code,
                                            guint         times);
/* Every answer from now on waits @ms milliseconds (0: none), so requests
 * sent at once are in flight together */
void          fake_platform_set_delay      (FakePlatform *self,
                                            guint         ms);
/* The most requests in flight at once since the last reset */
guint         fake_platform_get_max_concurrent   (FakePlatform *self);
void          fake_platform_reset_max_concurrent (FakePlatform *self);
/* The Page's tasks for the token (GET /{page-id}?fields=tasks, /me?…): a
 * JSON array, by default ["ANALYZE","ADVERTISE","MODERATE","CREATE_CONTENT"] */
void          fake_platform_set_tasks      (FakePlatform *self,
                                            const char   *tasks_json);
/* Every request from now on gets "token expired" */
void          fake_platform_expire_token   (FakePlatform *self);

/* Content. Times are Unix seconds. */
void          fake_platform_add_post       (FakePlatform *self,
                                            const char   *platform,   /* "facebook", "instagram" */
                                            const char   *account_id,
                                            const char   *post_id,
                                            const char   *text,
                                            gint64        created);
/* @parent_id: NULL for a top-level comment. YouTube: @post_id is the
 * video, @account_id the channel. */
void          fake_platform_add_comment    (FakePlatform *self,
                                            const char   *platform,
                                            const char   *account_id,
                                            const char   *post_id,
                                            const char   *comment_id,
                                            const char   *parent_id,
                                            const char   *author_id,
                                            const char   *author_name,
                                            const char   *text,
                                            gint64        created);
/* Adds @n comments "c0000"… to a post, one second apart from @created */
void          fake_platform_add_many       (FakePlatform *self,
                                            const char   *platform,
                                            const char   *account_id,
                                            const char   *post_id,
                                            guint         n,
                                            gint64        created);
gboolean      fake_platform_has_comment    (FakePlatform *self,
                                            const char   *comment_id);
/* "hidden", "held", "rejected", "published"… as the last action left it */
char         *fake_platform_get_state      (FakePlatform *self,
                                            const char   *comment_id);
gboolean      fake_platform_is_banned      (FakePlatform *self,
                                            const char   *author_id);

G_END_DECLS
