/* vigie-http.h — requests to a platform's API, with its limits and errors
 *
 * One VigieHttp per account: a base URL (https only, except a loopback
 * address for tests), an API version, an access token sent in the
 * Authorization header (never logged: debug logs redact it and any
 * access_token parameter), a limit on requests in flight, retries with
 * exponential backoff for server errors and timeouts, and throttling: the
 * Graph API's codes 4, 17, 32 and 613 and its X-App-Usage and
 * X-Business-Use-Case-Usage headers, YouTube's quotaExceeded. A throttled
 * request waits and resumes when the wait is short enough (the "throttled"
 * callback says until when), else fails with
 * VIGIE_CONNECTOR_ERROR_RATE_LIMITED. An expired or revoked token fails at
 * once with VIGIE_CONNECTOR_ERROR_AUTH and is never retried.
 *
 * Errors are VIGIE_CONNECTOR_ERRORs with translated messages. The calls
 * block and are safe from any thread; the _async pair runs one in a worker
 * thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vigie-model.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_HTTP (vigie_http_get_type ())

G_DECLARE_FINAL_TYPE (VigieHttp, vigie_http, VIGIE, HTTP, GObject)

/* Called (from the requesting thread) when the platform throttles and the
 * request waits: @resume_at is Unix time in seconds */
typedef void (*VigieHttpThrottledFunc) (VigieHttp *http,
                                        gint64     resume_at,
                                        gpointer   user_data);

/* The default base URL and API version of @platform */
const char *vigie_http_default_base_url    (VigiePlatform platform);
const char *vigie_http_default_api_version (VigiePlatform platform);

/* Is @url an acceptable API base URL: https://, or http:// on a loopback
 * address. Sets a translated error when not. */
gboolean    vigie_http_check_base_url      (const char  *url,
                                            GError     **error);

/* @base_url, @api_version: NULL for the platform's defaults */
VigieHttp  *vigie_http_new                 (VigiePlatform   platform,
                                            const char     *base_url,
                                            const char     *api_version,
                                            GError        **error);
void        vigie_http_set_token           (VigieHttp      *self,
                                            const char     *token);
/* Retries of server errors and timeouts, and the first backoff delay */
void        vigie_http_set_retries         (VigieHttp      *self,
                                            guint           max_retries,
                                            guint           backoff_ms);
/* Longest throttling wait taken in place, in seconds; beyond it the
 * request fails as rate limited (default 900) */
void        vigie_http_set_max_wait        (VigieHttp      *self,
                                            guint           seconds);
/* For tests: one second of the platform's waits lasts @ms milliseconds */
void        vigie_http_set_time_scale      (VigieHttp      *self,
                                            guint           ms_per_second);
void        vigie_http_set_timeout         (VigieHttp      *self,
                                            guint           seconds);
void        vigie_http_set_max_concurrent  (VigieHttp      *self,
                                            guint           n);
guint       vigie_http_get_max_concurrent  (VigieHttp      *self);
void        vigie_http_set_throttled_func  (VigieHttp              *self,
                                            VigieHttpThrottledFunc  func,
                                            gpointer                user_data);
VigiePlatform vigie_http_get_platform      (VigieHttp      *self);
guint       vigie_http_get_n_requests      (VigieHttp      *self);
/* Unix time (s) until which the platform asked to wait, 0 for none */
gint64      vigie_http_get_throttled_until (VigieHttp      *self);

/* @path: "/123/comments" (under the base URL and version) or a full URL
 * the platform gave (a paging "next" link; its access_token is dropped).
 * @params: name, value pairs, NULL-terminated: the query, or the form
 * body of a POST without @json_body. Returns the parsed body; a body-less
 * answer (204) gives a JSON null. */
JsonNode   *vigie_http_call                (VigieHttp           *self,
                                            const char          *method,
                                            const char          *path,
                                            const char * const  *params,
                                            const char          *json_body,
                                            GCancellable        *cancellable,
                                            GError             **error);
void        vigie_http_call_async          (VigieHttp           *self,
                                            const char          *method,
                                            const char          *path,
                                            const char * const  *params,
                                            const char          *json_body,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
JsonNode   *vigie_http_call_finish         (VigieHttp           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* @text with access tokens and Authorization values replaced by "[redacted]" */
char       *vigie_http_redact              (const char *text);

G_END_DECLS
