/* vigie-store-private.h — for the core and its tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "vigie-store.h"

G_BEGIN_DECLS

/* Opens and migrates only up to @version (tests of the migrations) */
VigieStore *_vigie_store_open_at_version (const char  *path,
                                          int          version,
                                          GError     **error);
sqlite3    *_vigie_store_get_db          (VigieStore  *self);
char       *_vigie_store_build_match     (const char  *search);

G_END_DECLS
