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

/* For the other core modules that keep tables in the workspace (actions,
 * audit): a statement prepared once for the life of the connection (@sql
 * must be a string literal), reset and unbound; and SQLite's code @rc as a
 * VIGIE_STORE_ERROR naming the workspace. Returns FALSE. */
sqlite3_stmt *_vigie_store_get_statement (VigieStore  *self,
                                          const char  *sql,
                                          GError     **error);
gboolean      _vigie_store_set_error     (VigieStore  *self,
                                          int          rc,
                                          GError     **error);

G_END_DECLS
