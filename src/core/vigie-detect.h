/* vigie-detect.h — detectors of personal numbers and near-duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VIGIE_DETECT_PHONE,        /* North-American number: (418) 555-0160, 418.555.0160, 1-418-555-0160 */
  VIGIE_DETECT_PHONE_PUBLIC, /* toll-free and service numbers (811, 1 866 ...) */
  VIGIE_DETECT_RAMQ,         /* Québec health-insurance number: 4 letters + 8 digits */
  VIGIE_DETECT_OHIP,         /* Ontario health card: 10 digits (4-3-3) + version letters */
  VIGIE_DETECT_SIN,          /* social insurance number: Luhn-valid, or announced as one */
  VIGIE_DETECT_POSTAL_CODE,  /* Canadian postal code */
  VIGIE_DETECT_MONEY,        /* an amount of money: 450$, $3,000 */
} VigieDetectKind;

typedef struct
{
  VigieDetectKind kind;
  guint32         start;     /* UTF-8 byte offsets in the text */
  guint32         end;
  gboolean        strong;    /* written in its usual layout, announced ("OHIP"), checksum valid */
} VigieDetection;

/* Finds every detection in @text (@len bytes) and appends it to @out */
void     vigie_detect_numbers (const char *text,
                               gsize       len,
                               GArray     *out);

gboolean vigie_luhn_valid     (const char *digits,
                               gsize       n);

/* 64-bit SimHash of word shingles of a normalised text (vigie-normalize.h) */
guint64  vigie_simhash        (const char *skeleton,
                               gsize       len);
guint    vigie_hamming64      (guint64     a,
                               guint64     b);

G_END_DECLS
