/* vigie-action-private.h — shared by the action, outbox and audit modules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A list of strings as a JSON array, and back: "[\"insult\",\"threat\"]".
 * NULL is "[]"; text that is not an array of strings gives an empty list. */
char  *_vigie_strv_to_json   (const char * const *strv);
char **_vigie_strv_from_json (const char         *json);

G_END_DECLS
