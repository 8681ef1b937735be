/* vigie-normalize.h — text normalisation that defeats the usual evasions
 *
 * The normalised text is a "skeleton": lower-case ASCII words separated by
 * single spaces, with a space at both ends, where accents, compatibility
 * forms, look-alike letters, leetspeak, letters spread out with spaces or
 * dots and emoji used as words are undone, and every run of the same letter
 * is written once (its real length is kept in `runs`). Every byte of the
 * skeleton maps back to the bytes of the original UTF-8 text it came from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VIGIE_TOKEN_QUOTED         = 1 << 0,  /* inside quotation marks */
  VIGIE_TOKEN_CAPITALIZED    = 1 << 1,  /* first letter upper case in the original */
  VIGIE_TOKEN_ALL_CAPS       = 1 << 2,
  VIGIE_TOKEN_SENTENCE_START = 1 << 3,
  VIGIE_TOKEN_MASKED         = 1 << 4,  /* letters hidden by '*' or '#' */
  VIGIE_TOKEN_MENTION        = 1 << 5,  /* @name */
  VIGIE_TOKEN_LINK           = 1 << 6,  /* a URL or a bare domain, written "zzurl" */
  VIGIE_TOKEN_EMAIL          = 1 << 7,  /* written "zzemail" */
  VIGIE_TOKEN_EMOJI          = 1 << 8,  /* an emoji read as a word ("emoclown") */
  VIGIE_TOKEN_NUMBER         = 1 << 9,  /* digits only */
  VIGIE_TOKEN_OBFUSCATED     = 1 << 10, /* leetspeak, look-alikes or spread letters */
  VIGIE_TOKEN_QUESTION       = 1 << 11, /* its sentence ends with '?' */
  VIGIE_TOKEN_AFTER_COMMA    = 1 << 12, /* a comma, colon or bracket just before it */
} VigieTokenFlags;

typedef struct
{
  guint32 start;        /* [start, end) in the normalised text */
  guint32 end;
  guint32 orig_start;   /* [orig_start, orig_end) in the original text */
  guint32 orig_end;
  guint16 flags;
  guint16 sentence;
} VigieToken;

typedef struct
{
  guint32 orig_start;   /* the whole link or address in the original text */
  guint32 orig_end;
  guint32 host_start;   /* its host name (for an e-mail address: the domain) */
  guint32 host_end;
  gboolean is_email;
} VigieLink;

typedef struct
{
  char    *text;         /* NUL-terminated skeleton, " word word " */
  guint32  len;
  guint8  *runs;         /* per byte: 1, 2, or 3 for a letter written three times or more */
  guint32 *orig_start;   /* per byte: first original byte it comes from */
  guint32 *orig_end;     /* per byte: end of the original bytes it comes from */
  GArray  *tokens;       /* VigieToken */
  GArray  *links;        /* VigieLink */
  guint    n_sentences;
  guint    n_accented;   /* letters with a French diacritic in the original */
  guint    n_upper;      /* upper-case letters in the original */
  guint    n_letters;

  /* private: scratch space reused between calls */
  gsize    capacity;
  GArray  *units;
  GArray  *words;
} VigieNormalized;

VigieNormalized *vigie_normalized_new  (void);
void             vigie_normalized_free (VigieNormalized *self);

/* Normalises @text (@len bytes, or -1 if NUL-terminated; must be valid
 * UTF-8) into @out, reusing its buffers. */
void vigie_normalize (VigieNormalized *out,
                      const char      *text,
                      gssize           len);

/* The skeleton of a lexicon term, without the surrounding spaces, and its
 * run lengths (same length as the returned string). Returns NULL when the
 * term has no letter or digit. */
char *vigie_normalize_term (const char  *term,
                            guint8     **out_runs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieNormalized, vigie_normalized_free)

G_END_DECLS
