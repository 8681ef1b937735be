/* vigie-matcher.h — many patterns, one pass (Aho-Corasick)
 *
 * Patterns and texts are skeletons from vigie-normalize.h: bytes a-z, 0-9,
 * '*' and ' '. A space in a pattern matches a word boundary, so " con "
 * matches the word "con" and not "conseil". Each byte of a pattern carries
 * the run length it was written with; a hit is reported only when the run
 * lengths agree with the text's (a letter stretched three times or more in
 * the text agrees with any), so "salle" never matches "sale".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VigieMatcher VigieMatcher;

typedef enum
{
  VIGIE_MATCH_STRICT_RUNS = 0,
  VIGIE_MATCH_LOOSE_RUNS  = 1 << 0,  /* a double letter may be written single and the reverse */
} VigieMatchFlags;

VigieMatcher *vigie_matcher_new     (void);
void          vigie_matcher_free    (VigieMatcher  *self);

/* Adds @pattern (@runs: one run length per byte, NULL for all 1) with the
 * caller's @value. Returns FALSE if the pattern has a byte outside the
 * alphabet. Must be called before vigie_matcher_compile(). */
gboolean      vigie_matcher_add     (VigieMatcher    *self,
                                     const char      *pattern,
                                     const guint8    *runs,
                                     VigieMatchFlags  flags,
                                     guint32          value);
void          vigie_matcher_compile (VigieMatcher  *self);
guint         vigie_matcher_get_n_states (VigieMatcher *self);

/* Called for each hit, [start, end) in the text; return FALSE to stop. */
typedef gboolean (*VigieMatchFunc) (guint32   value,
                                    guint32   start,
                                    guint32   end,
                                    gpointer  user_data);

/* Scans @text (@len bytes) with its run lengths. Thread-safe once compiled. */
void          vigie_matcher_scan    (const VigieMatcher *self,
                                     const char         *text,
                                     const guint8       *runs,
                                     guint32             len,
                                     VigieMatchFunc      func,
                                     gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieMatcher, vigie_matcher_free)

G_END_DECLS
