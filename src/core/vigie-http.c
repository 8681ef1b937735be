/* vigie-http.c — requests to a platform's API, with its limits and errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "vigie-connector.h"
#include "vigie-http.h"

/* Graph usage headers give percentages; stop before the platform does */
#define USAGE_THRESHOLD     90
#define MAX_THROTTLE_WAITS  6
#define DEFAULT_THROTTLE_S  60

struct _VigieHttp
{
  GObject                 parent_instance;

  VigiePlatform           platform;
  char                   *base_url;      /* no trailing slash */
  char                   *api_version;   /* no slashes around; may be "" */
  SoupSession            *session;

  GMutex                  mutex;
  GCond                   cond;
  char                   *token;
  guint                   in_flight;
  guint                   max_concurrent;
  gint64                  throttled_until;

  guint                   max_retries;
  guint                   backoff_ms;
  guint                   max_wait;
  guint                   ms_per_second;
  guint                   n_requests;      /* atomic */
  gint64                  announced_until; /* the last wait the throttled func was told of */

  VigieHttpThrottledFunc  throttled_func;
  gpointer                throttled_data;
};

G_DEFINE_FINAL_TYPE (VigieHttp, vigie_http, G_TYPE_OBJECT)

static void
vigie_http_finalize (GObject *object)
{
  VigieHttp *self = VIGIE_HTTP (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->api_version);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (vigie_http_parent_class)->finalize (object);
}

static void
vigie_http_class_init (VigieHttpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_http_finalize;
}

static void
vigie_http_init (VigieHttp *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->max_concurrent = 4;
  self->max_retries = 4;
  self->backoff_ms = 1000;
  self->max_wait = 900;
  self->ms_per_second = 1000;
}

const char *
vigie_http_default_base_url (VigiePlatform platform)
{
  return platform == VIGIE_PLATFORM_YOUTUBE ? "https://www.googleapis.com"
                                            : "https://graph.facebook.com";
}

const char *
vigie_http_default_api_version (VigiePlatform platform)
{
  return platform == VIGIE_PLATFORM_YOUTUBE ? "youtube/v3" : "v25.0";
}

static gboolean
is_loopback (const char *host)
{
  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost") ||
                          g_str_equal (host, "::1") || g_str_equal (host, "[::1]"));
}

gboolean
vigie_http_check_base_url (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                   _("“%s” is not a valid API address"), url ? url : "");
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0 ||
      (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback (g_uri_get_host (uri))))
    return TRUE;

  g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
               _("The API address “%s” must start with https:// (plain http is only allowed "
                 "on this computer, for tests)"), url);
  return FALSE;
}

VigieHttp *
vigie_http_new (VigiePlatform   platform,
                const char     *base_url,
                const char     *api_version,
                GError        **error)
{
  g_autoptr(VigieHttp) self = NULL;
  const char *version;

  if (base_url == NULL || base_url[0] == '\0')
    base_url = vigie_http_default_base_url (platform);
  if (!vigie_http_check_base_url (base_url, error))
    return NULL;

  self = g_object_new (VIGIE_TYPE_HTTP, NULL);
  self->platform = platform;
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  version = api_version != NULL ? api_version : vigie_http_default_api_version (platform);
  while (*version == '/')
    version++;
  self->api_version = g_strdup (version);
  while (g_str_has_suffix (self->api_version, "/"))
    self->api_version[strlen (self->api_version) - 1] = '\0';

  /* TLS verification is libsoup's default; nothing here relaxes it */
  self->session = soup_session_new_with_options ("timeout", 60,
                                                 "user-agent", "Vigie/" PACKAGE_VERSION " ",
                                                 "max-conns-per-host", 8,
                                                 NULL);
  return g_steal_pointer (&self);
}

void
vigie_http_set_token (VigieHttp  *self,
                      const char *token)
{
  g_return_if_fail (VIGIE_IS_HTTP (self));

  g_mutex_lock (&self->mutex);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->mutex);
}

void
vigie_http_set_retries (VigieHttp *self,
                        guint      max_retries,
                        guint      backoff_ms)
{
  self->max_retries = max_retries;
  self->backoff_ms = backoff_ms;
}

void
vigie_http_set_max_wait (VigieHttp *self,
                         guint      seconds)
{
  self->max_wait = seconds;
}

void
vigie_http_set_time_scale (VigieHttp *self,
                           guint      ms_per_second)
{
  self->ms_per_second = ms_per_second;
}

void
vigie_http_set_timeout (VigieHttp *self,
                        guint      seconds)
{
  g_object_set (self->session, "timeout", seconds, NULL);
}

void
vigie_http_set_max_concurrent (VigieHttp *self,
                               guint      n)
{
  g_mutex_lock (&self->mutex);
  self->max_concurrent = MAX (n, 1);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

guint
vigie_http_get_max_concurrent (VigieHttp *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->max_concurrent;
  g_mutex_unlock (&self->mutex);
  return n;
}

void
vigie_http_set_throttled_func (VigieHttp              *self,
                               VigieHttpThrottledFunc  func,
                               gpointer                user_data)
{
  self->throttled_func = func;
  self->throttled_data = user_data;
}

VigiePlatform
vigie_http_get_platform (VigieHttp *self)
{
  return self->platform;
}

guint
vigie_http_get_n_requests (VigieHttp *self)
{
  return g_atomic_int_get (&self->n_requests);
}

gint64
vigie_http_get_throttled_until (VigieHttp *self)
{
  gint64 until;

  g_mutex_lock (&self->mutex);
  until = self->throttled_until;
  g_mutex_unlock (&self->mutex);
  return until;
}

/* Redaction */

char *
vigie_http_redact (const char *text)
{
  static const char * const needles[] = {
    "access_token=", "access_token\":\"", "access_token\": \"", "authorization: ",
    "authorization=", "bearer ", "fb_exchange_token=", "client_secret=",
  };
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p != '\0')
    {
      gboolean matched = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (needles) && !matched; i++)
        {
          gsize n = strlen (needles[i]);

          if (g_ascii_strncasecmp (p, needles[i], n) == 0)
            {
              g_string_append_len (out, p, n);
              p += n;
              /* "Authorization: Bearer x" keeps its scheme word out too */
              p += strcspn (p, "&\"' \r\n,;}");
              if (g_ascii_strncasecmp (out->str + out->len - n, "authorization: ", n) == 0 &&
                  *p == ' ')
                p += 1 + strcspn (p + 1, "&\"' \r\n,;}");
              g_string_append (out, "[redacted]");
              matched = TRUE;
            }
        }
      if (!matched)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Building the request */

static char *
drop_query_param (const char *url,
                  const char *name)
{
  const char *q = strchr (url, '?');
  g_auto(GStrv) parts = NULL;
  GString *out;
  gsize name_len = strlen (name);
  gboolean first = TRUE;

  if (q == NULL)
    return g_strdup (url);
  out = g_string_new_len (url, q - url);
  parts = g_strsplit (q + 1, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' ||
          (strncmp (parts[i], name, name_len) == 0 &&
           (parts[i][name_len] == '=' || parts[i][name_len] == '\0')))
        continue;
      g_string_append_c (out, first ? '?' : '&');
      g_string_append (out, parts[i]);
      first = FALSE;
    }
  return g_string_free (out, FALSE);
}

static void
append_params (GString            *out,
               const char * const *params,
               gboolean            first)
{
  for (guint i = 0; params != NULL && params[i] != NULL && params[i + 1] != NULL; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (params[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (params[i + 1], NULL, FALSE);

      if (!first)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", name, value);
      first = FALSE;
    }
}

/* A full URL must point at the same server as the base URL: the token is
 * never sent anywhere else */
static char *
build_url (VigieHttp           *self,
           const char          *path,
           const char * const  *params,
           gboolean             params_in_query,
           GError             **error)
{
  GString *url;

  if (g_str_has_prefix (path, "https://") || g_str_has_prefix (path, "http://"))
    {
      g_autoptr(GUri) base = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GUri) uri = g_uri_parse (path, G_URI_FLAGS_NONE, NULL);
      g_autofree char *clean = NULL;

      if (uri == NULL || base == NULL ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (base)) != 0 ||
          g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (base)) != 0 ||
          g_uri_get_port (uri) != g_uri_get_port (base))
        {
          g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                       _("The platform sent a link to another server; Vigie did not follow it"));
          return NULL;
        }
      clean = drop_query_param (path, "access_token");
      url = g_string_new (clean);
    }
  else
    {
      url = g_string_new (self->base_url);
      if (self->api_version[0] != '\0')
        g_string_append_printf (url, "/%s", self->api_version);
      if (path[0] != '/')
        g_string_append_c (url, '/');
      g_string_append (url, path);
    }

  if (params_in_query && params != NULL && params[0] != NULL)
    {
      g_string_append_c (url, strchr (url->str, '?') ? '&' : '?');
      append_params (url, params, TRUE);
    }
  return g_string_free (url, FALSE);
}

/* Waiting */

/* Sleeps @seconds of the platform's time; FALSE when cancelled */
static gboolean
wait_seconds (VigieHttp    *self,
              double        seconds,
              GCancellable *cancellable,
              GError      **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * self->ms_per_second * 1000);

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (20000, MAX (0, end - g_get_monotonic_time ())));
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
acquire_slot (VigieHttp *self)
{
  g_mutex_lock (&self->mutex);
  while (self->in_flight >= self->max_concurrent)
    g_cond_wait (&self->cond, &self->mutex);
  self->in_flight++;
  g_mutex_unlock (&self->mutex);
}

static void
release_slot (VigieHttp *self)
{
  g_mutex_lock (&self->mutex);
  self->in_flight--;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Rate-limit headers */

static gint64
usage_of_object (JsonObject *o,
                 gint64     *regain_minutes)
{
  static const char * const keys[] = { "call_count", "total_cputime", "total_time" };
  gint64 max = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (json_object_has_member (o, keys[i]))
      max = MAX (max, json_object_get_int_member (o, keys[i]));
  if (json_object_has_member (o, "estimated_time_to_regain_access"))
    *regain_minutes = MAX (*regain_minutes,
                           json_object_get_int_member (o, "estimated_time_to_regain_access"));
  return max;
}

/* The highest percentage of the Graph usage headers, and the longest
 * estimated time to regain access, in minutes */
static gint64
read_usage (SoupMessageHeaders *headers,
            gint64             *regain_minutes)
{
  const char *names[] = { "X-App-Usage", "X-Business-Use-Case-Usage", "X-Page-Usage" };
  gint64 max = 0;

  *regain_minutes = 0;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = soup_message_headers_get_one (headers, names[i]);
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *root;

      if (value == NULL)
        continue;
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, value, -1, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        continue;
      if (i != 1)
        max = MAX (max, usage_of_object (json_node_get_object (root), regain_minutes));
      else
        {
          /* {"<object id>": [{"type": "pages", "call_count": …}, …], …} */
          JsonObjectIter iter;
          const char *member;
          JsonNode *node;

          json_object_iter_init (&iter, json_node_get_object (root));
          while (json_object_iter_next (&iter, &member, &node))
            {
              if (!JSON_NODE_HOLDS_ARRAY (node))
                continue;
              for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
                {
                  JsonNode *e = json_array_get_element (json_node_get_array (node), j);

                  if (JSON_NODE_HOLDS_OBJECT (e))
                    max = MAX (max, usage_of_object (json_node_get_object (e), regain_minutes));
                }
            }
        }
    }
  return max;
}

/* Seconds until YouTube's daily quota resets (midnight, Pacific time) */
static gint64
seconds_to_quota_reset (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Los_Angeles");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (tz == NULL)
    return 3600;
  now = g_date_time_new_now (tz);
  midnight = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), 0, 0, 0);
  next = g_date_time_add_days (midnight, 1);
  return MAX (60, g_date_time_difference (next, now) / G_USEC_PER_SEC);
}

/* Errors */

typedef enum
{
  OUTCOME_OK,
  OUTCOME_RETRY,       /* server error, timeout: retry with backoff */
  OUTCOME_THROTTLED,   /* wait, then retry */
  OUTCOME_FAIL,
} Outcome;

static const char *
platform_name (VigieHttp *self)
{
  return vigie_platform_get_display_name (self->platform);
}

static Outcome
classify_graph_error (VigieHttp   *self,
                      guint        status,
                      JsonObject  *err,
                      GError     **error)
{
  gint64 code = json_object_get_int_member_with_default (err, "code", 0);
  gint64 subcode = json_object_get_int_member_with_default (err, "error_subcode", 0);
  const char *message = json_object_get_string_member_with_default (err, "message", "");
  const char *type = json_object_get_string_member_with_default (err, "type", "");
  gboolean transient = json_object_get_boolean_member_with_default (err, "is_transient", FALSE);

  if (code == 4 || code == 17 || code == 32 || code == 613 || code == 341 || code == 80001)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_RATE_LIMITED,
                   _("%s limits the number of requests (%s)"), platform_name (self), message);
      return OUTCOME_THROTTLED;
    }
  if (code == 190 || code == 102 || (subcode >= 458 && subcode <= 467))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH,
                   _("The %s access token expired or was revoked: reconnect the account (%s)"),
                   platform_name (self), message);
      return OUTCOME_FAIL;
    }
  if (code == 1 || code == 2 || transient || status >= 500)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT,
                   _("%s is temporarily unavailable (%s)"), platform_name (self), message);
      return OUTCOME_RETRY;
    }
  if (code == 3 || code == 10 || (code >= 200 && code <= 299))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_PERMISSION,
                   _("The %s account is not allowed to do this (%s)"), platform_name (self),
                   message);
      return OUTCOME_FAIL;
    }
  if (status == 404 || (code == 100 && subcode == 33))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_NOT_FOUND,
                   _("%s no longer has this object (%s)"), platform_name (self), message);
      return OUTCOME_FAIL;
    }
  if (g_str_equal (type, "OAuthException") && code != 100 && code != 368 && code != 506)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH,
                   _("The %s access token expired or was revoked: reconnect the account (%s)"),
                   platform_name (self), message);
      return OUTCOME_FAIL;
    }
  g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
               _("%s refused the request (%s)"), platform_name (self), message);
  return OUTCOME_FAIL;
}

static Outcome
classify_google_error (VigieHttp   *self,
                       guint        status,
                       JsonObject  *err,
                       GError     **error)
{
  const char *message = json_object_get_string_member_with_default (err, "message", "");
  const char *reason = "";
  JsonNode *errors_node = json_object_get_member (err, "errors");
  JsonArray *errors = errors_node && JSON_NODE_HOLDS_ARRAY (errors_node)
                      ? json_node_get_array (errors_node) : NULL;
  g_autofree char *plain = NULL;

  if (errors != NULL && json_array_get_length (errors) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (errors, 0)))
    reason = json_object_get_string_member_with_default (
               json_array_get_object_element (errors, 0), "reason", "");
  /* The quota message holds a link */
  {
    GString *s = g_string_new (NULL);
    gboolean in_tag = FALSE;

    for (const char *p = message; *p; p++)
      {
        if (*p == '<')
          in_tag = TRUE;
        else if (*p == '>')
          in_tag = FALSE;
        else if (!in_tag)
          g_string_append_c (s, *p);
      }
    plain = g_string_free (s, FALSE);
  }

  if (g_str_equal (reason, "quotaExceeded") || g_str_equal (reason, "rateLimitExceeded") ||
      g_str_equal (reason, "userRateLimitExceeded") || status == 429)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_RATE_LIMITED,
                   _("%s limits the number of requests (%s)"), platform_name (self), plain);
      return OUTCOME_THROTTLED;
    }
  if (status == 401 || g_str_equal (reason, "authError") ||
      g_str_equal (reason, "invalidCredentials"))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH,
                   _("The %s access token expired or was revoked: reconnect the account (%s)"),
                   platform_name (self), plain);
      return OUTCOME_FAIL;
    }
  if (status >= 500 || g_str_equal (reason, "backendError"))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT,
                   _("%s is temporarily unavailable (%s)"), platform_name (self), plain);
      return OUTCOME_RETRY;
    }
  if (status == 404 || g_str_equal (reason, "commentNotFound") ||
      g_str_equal (reason, "notFound"))
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_NOT_FOUND,
                   _("%s no longer has this object (%s)"), platform_name (self), plain);
      return OUTCOME_FAIL;
    }
  if (status == 403)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_PERMISSION,
                   _("The %s account is not allowed to do this (%s)"), platform_name (self),
                   plain);
      return OUTCOME_FAIL;
    }
  g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
               _("%s refused the request (%s: %s)"), platform_name (self), reason, plain);
  return OUTCOME_FAIL;
}

/* One attempt. On OUTCOME_THROTTLED *@wait_s says how long to wait (0 =
 * the default backoff). */
static Outcome
attempt (VigieHttp           *self,
         const char          *method,
         const char          *url,
         const char * const  *params,
         const char          *json_body,
         GCancellable        *cancellable,
         JsonNode           **out_node,
         gint64              *wait_s,
         GError             **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *redacted = vigie_http_redact (url);
  SoupMessageHeaders *response_headers;
  const char *retry_after;
  gint64 usage, regain = 0;
  JsonNode *root;
  gsize size = 0;
  guint status;
  const char *data;

  *wait_s = 0;
  if (msg == NULL)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_REJECTED,
                   _("Cannot build a request to %s"), redacted);
      return OUTCOME_FAIL;
    }

  g_mutex_lock (&self->mutex);
  if (self->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  g_mutex_unlock (&self->mutex);

  if (json_body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  else if (g_str_equal (method, "POST"))
    {
      g_autoptr(GString) form = g_string_new (NULL);
      g_autoptr(GBytes) b = NULL;

      append_params (form, params, TRUE);
      b = g_string_free_to_bytes (g_steal_pointer (&form));
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", b);
    }

  acquire_slot (self);
  g_atomic_int_inc (&self->n_requests);
  body = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
  release_slot (self);

  if (body == NULL)
    {
      g_debug ("%s %s: %s", method, redacted, local_error->message);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return OUTCOME_FAIL;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT,
                     _("%s did not answer in time"), platform_name (self));
      else
        g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT,
                     _("Cannot reach %s: %s"), platform_name (self), local_error->message);
      return OUTCOME_RETRY;
    }

  status = soup_message_get_status (msg);
  response_headers = soup_message_get_response_headers (msg);
  g_debug ("%s %s → %u (%zu bytes)", method, redacted, status, g_bytes_get_size (body));

  /* Graph: slow down before the platform blocks */
  usage = read_usage (response_headers, &regain);
  if (usage >= USAGE_THRESHOLD || regain > 0)
    {
      gint64 until = g_get_real_time () / G_USEC_PER_SEC +
                     (regain > 0 ? regain * 60 : DEFAULT_THROTTLE_S);

      g_mutex_lock (&self->mutex);
      self->throttled_until = MAX (self->throttled_until, until);
      g_mutex_unlock (&self->mutex);
    }
  retry_after = soup_message_headers_get_one (response_headers, "Retry-After");

  data = g_bytes_get_data (body, &size);
  if (size == 0 || status == SOUP_STATUS_NO_CONTENT)
    {
      if (status >= 200 && status < 300)
        {
          *out_node = json_node_new (JSON_NODE_NULL);
          return OUTCOME_OK;
        }
      root = NULL;
    }
  else
    {
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, data, size, NULL))
        root = NULL;
      else
        root = json_parser_get_root (parser);
      if (root == NULL && status >= 200 && status < 300)
        {
          g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT,
                       _("%s sent an answer that is not valid JSON"), platform_name (self));
          return OUTCOME_FAIL;
        }
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "error") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (root), "error")))
    {
      JsonObject *err = json_object_get_object_member (json_node_get_object (root), "error");
      Outcome outcome = self->platform == VIGIE_PLATFORM_YOUTUBE
                        ? classify_google_error (self, status, err, error)
                        : classify_graph_error (self, status, err, error);

      if (outcome == OUTCOME_THROTTLED)
        {
          if (regain > 0)
            *wait_s = regain * 60;
          else if (retry_after != NULL && g_ascii_isdigit (retry_after[0]))
            *wait_s = g_ascii_strtoll (retry_after, NULL, 10);
          else if (self->platform == VIGIE_PLATFORM_YOUTUBE &&
                   g_error_matches (*error, VIGIE_CONNECTOR_ERROR,
                                    VIGIE_CONNECTOR_ERROR_RATE_LIMITED) &&
                   strstr (data, "quotaExceeded") != NULL)
            *wait_s = seconds_to_quota_reset ();
        }
      return outcome;
    }

  if (status >= 200 && status < 300)
    {
      *out_node = json_node_copy (root);
      return OUTCOME_OK;
    }
  if (status == 429)
    {
      if (retry_after != NULL && g_ascii_isdigit (retry_after[0]))
        *wait_s = g_ascii_strtoll (retry_after, NULL, 10);
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_RATE_LIMITED,
                   _("%s limits the number of requests"), platform_name (self));
      return OUTCOME_THROTTLED;
    }
  if (status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_TRANSIENT,
                   _("%s is temporarily unavailable (HTTP %u)"), platform_name (self), status);
      return OUTCOME_RETRY;
    }
  if (status == 401)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_AUTH,
                   _("The %s access token expired or was revoked: reconnect the account"),
                   platform_name (self));
      return OUTCOME_FAIL;
    }
  if (status == 404)
    {
      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_NOT_FOUND,
                   _("%s no longer has this object"), platform_name (self));
      return OUTCOME_FAIL;
    }
  g_set_error (error, VIGIE_CONNECTOR_ERROR,
               status == 403 ? VIGIE_CONNECTOR_ERROR_PERMISSION : VIGIE_CONNECTOR_ERROR_REJECTED,
               _("%s refused the request (HTTP %u)"), platform_name (self), status);
  return OUTCOME_FAIL;
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* Waits for a throttle to pass when it is short enough */
static gboolean
wait_throttle (VigieHttp     *self,
               gint64         resume_at,
               gboolean       new_throttle,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (resume_at <= now)
    return TRUE;
  if (resume_at - now > (gint64) self->max_wait)
    {
      g_autofree char *when = format_time (resume_at);

      g_set_error (error, VIGIE_CONNECTOR_ERROR, VIGIE_CONNECTOR_ERROR_RATE_LIMITED,
                   _("%s limits the number of requests: Vigie will resume after %s"),
                   platform_name (self), when);
      return FALSE;
    }
  /* A wait already announced (other requests in flight waiting for the
   * same throttling) is not announced again; the platform throttling
   * again is */
  {
    gboolean announce;

    g_mutex_lock (&self->mutex);
    announce = new_throttle || self->announced_until != resume_at;
    self->announced_until = resume_at;
    g_mutex_unlock (&self->mutex);
    if (announce && self->throttled_func != NULL)
      self->throttled_func (self, resume_at, self->throttled_data);
  }
  g_debug ("throttled: waiting %" G_GINT64_FORMAT " s", resume_at - now);
  if (!wait_seconds (self, resume_at - now, cancellable, error))
    return FALSE;
  g_mutex_lock (&self->mutex);
  if (self->throttled_until <= resume_at)
    self->throttled_until = 0;
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

JsonNode *
vigie_http_call (VigieHttp           *self,
                 const char          *method,
                 const char          *path,
                 const char * const  *params,
                 const char          *json_body,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autofree char *url = NULL;
  guint retries = 0, throttles = 0;

  g_return_val_if_fail (VIGIE_IS_HTTP (self), NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  url = build_url (self, path, params,
                   json_body != NULL || !g_str_equal (method, "POST"), error);
  if (url == NULL)
    return NULL;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      JsonNode *node = NULL;
      gint64 wait_s = 0, until;
      Outcome outcome;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      until = vigie_http_get_throttled_until (self);
      if (until > 0 && !wait_throttle (self, until, FALSE, cancellable, error))
        return NULL;

      outcome = attempt (self, method, url, params, json_body, cancellable, &node, &wait_s,
                         &local_error);
      switch (outcome)
        {
        case OUTCOME_OK:
          return node;

        case OUTCOME_RETRY:
          if (retries >= self->max_retries)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* 1, 2, 4, 8… times the first delay */
          if (!wait_seconds (self, (double) (self->backoff_ms << MIN (retries, 10)) / 1000.0,
                             cancellable, error))
            return NULL;
          retries++;
          break;

        case OUTCOME_THROTTLED:
          {
            gint64 resume_at = g_get_real_time () / G_USEC_PER_SEC +
                               (wait_s > 0 ? wait_s
                                           : (gint64) DEFAULT_THROTTLE_S << MIN (throttles, 6));

            g_mutex_lock (&self->mutex);
            self->throttled_until = MAX (self->throttled_until, resume_at);
            resume_at = self->throttled_until;
            g_mutex_unlock (&self->mutex);
            if (throttles >= MAX_THROTTLE_WAITS)
              {
                g_propagate_error (error, g_steal_pointer (&local_error));
                return NULL;
              }
            throttles++;
            if (!wait_throttle (self, resume_at, TRUE, cancellable, error))
              return NULL;
          }
          break;

        case OUTCOME_FAIL:
        default:
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

/* Async */

typedef struct
{
  char  *method;
  char  *path;
  char **params;
  char  *json_body;
} CallData;

static void
call_data_free (CallData *d)
{
  g_free (d->method);
  g_free (d->path);
  g_strfreev (d->params);
  g_free (d->json_body);
  g_free (d);
}

static void
call_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CallData *d = task_data;
  GError *error = NULL;
  JsonNode *node = vigie_http_call (source, d->method, d->path, (const char * const *) d->params,
                                    d->json_body, cancellable, &error);

  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

void
vigie_http_call_async (VigieHttp           *self,
                       const char          *method,
                       const char          *path,
                       const char * const  *params,
                       const char          *json_body,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  CallData *d = g_new0 (CallData, 1);

  d->method = g_strdup (method);
  d->path = g_strdup (path);
  d->params = g_strdupv ((char **) params);
  d->json_body = g_strdup (json_body);
  g_task_set_source_tag (task, vigie_http_call_async);
  g_task_set_task_data (task, d, (GDestroyNotify) call_data_free);
  g_task_run_in_thread (task, call_thread);
}

JsonNode *
vigie_http_call_finish (VigieHttp     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
