/* vigie-detect.c — detectors of personal numbers and near-duplicates
 *
 * They read the original text: the layout of a number (where the spaces
 * and hyphens are) tells a phone number from a health-insurance number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-detect"

#include "config.h"

#include <string.h>

#include "vigie-detect.h"

gboolean
vigie_luhn_valid (const char *digits,
                  gsize       n)
{
  int sum = 0;

  if (n == 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      int d = digits[n - 1 - i] - '0';
      if (d < 0 || d > 9)
        return FALSE;
      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  return sum % 10 == 0;
}

static gboolean
is_word_char (const char *text,
              gsize       len,
              gssize      i)
{
  if (i < 0 || (gsize) i >= len)
    return FALSE;
  return g_ascii_isalnum (text[i]) || ((guchar) text[i] >= 0x80);
}

/* A cue word in the 40 bytes before @pos ("NAS", "OHIP", ...) */
static gboolean
cue_before (const char          *text,
            gsize                pos,
            const char * const  *cues)
{
  gsize from = pos > 40 ? pos - 40 : 0;
  g_autofree char *window = g_ascii_strdown (text + from, pos - from);

  for (guint i = 0; cues[i]; i++)
    if (strstr (window, cues[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
add (GArray          *out,
     VigieDetectKind  kind,
     gsize            start,
     gsize            end,
     gboolean         strong)
{
  VigieDetection d = { kind, start, end, strong };
  g_array_append_val (out, d);
}

static const char * const sin_cues[] = {
  "nas", "sin", "assurance sociale", "social insurance", "assurance-sociale", NULL
};
static const char * const ohip_cues[] = {
  "ohip", "health card", "carte santé", "carte sante", "health number", NULL
};

/* Letters a postal code may start with, and the others it may hold */
static gboolean
postal_first (char c)
{
  switch (g_ascii_toupper (c))
    {
    case 'A': case 'B': case 'C': case 'E': case 'G': case 'H': case 'J': case 'K': case 'L':
    case 'M': case 'N': case 'P': case 'R': case 'S': case 'T': case 'V': case 'X': case 'Y':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
postal_other (char c)
{
  switch (g_ascii_toupper (c))
    {
    case 'D': case 'F': case 'I': case 'O': case 'Q': case 'U':
      return FALSE;
    default:
      return g_ascii_isalpha (c);
    }
}

static gboolean
scan_postal (const char *text,
             gsize       len,
             gsize       i,
             gsize      *end)
{
  gsize j = i;

  if (is_word_char (text, len, (gssize) i - 1))
    return FALSE;
  if (j + 6 > len || !postal_first (text[j]) || !g_ascii_isdigit (text[j + 1]) ||
      !postal_other (text[j + 2]))
    return FALSE;
  j += 3;
  if (j < len && (text[j] == ' ' || text[j] == '-'))
    j++;
  if (j + 3 > len || !g_ascii_isdigit (text[j]) || !postal_other (text[j + 1]) ||
      !g_ascii_isdigit (text[j + 2]))
    return FALSE;
  j += 3;
  if (is_word_char (text, len, j))
    return FALSE;
  /* "a1b2c3" in lower case inside a word is rarely an address: ask for
   * upper case or a space in the middle */
  if (!(g_ascii_isupper (text[i]) || text[i + 3] == ' '))
    return FALSE;
  *end = j;
  return TRUE;
}

static gboolean
scan_ramq (const char *text,
           gsize       len,
           gsize       i,
           gsize      *end)
{
  char digits[8];
  guint nd = 0;
  gsize j = i;
  int month, day;

  if (is_word_char (text, len, (gssize) i - 1))
    return FALSE;
  for (guint k = 0; k < 4; k++)
    if (j + k >= len || !g_ascii_isalpha (text[j + k]))
      return FALSE;
  j += 4;
  if (j < len && (text[j] == ' ' || text[j] == '-'))
    j++;
  while (j < len && nd < 8)
    {
      if (g_ascii_isdigit (text[j]))
        digits[nd++] = text[j++];
      else if ((text[j] == ' ' || text[j] == '-') && nd == 4)
        j++;
      else
        break;
    }
  if (nd != 8 || is_word_char (text, len, j))
    return FALSE;
  month = (digits[2] - '0') * 10 + (digits[3] - '0');
  day = (digits[4] - '0') * 10 + (digits[5] - '0');
  if (month > 50)
    month -= 50;
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return FALSE;
  /* All upper case, or all lower case */
  *end = j;
  return TRUE;
}

void
vigie_detect_numbers (const char *text,
                      gsize       len,
                      GArray     *out)
{
  gsize i = 0;

  while (i < len)
    {
      gsize end = 0;
      char c = text[i];

      if (g_ascii_isalpha (c))
        {
          if (scan_ramq (text, len, i, &end))
            {
              add (out, VIGIE_DETECT_RAMQ, i, end, TRUE);
              i = end;
              continue;
            }
          if (scan_postal (text, len, i, &end))
            {
              add (out, VIGIE_DETECT_POSTAL_CODE, i, end, TRUE);
              i = end;
              continue;
            }
          /* Skip the word */
          while (i < len && is_word_char (text, len, i))
            i++;
          continue;
        }

      if (g_ascii_isdigit (c) || ((c == '(' || c == '+') && i + 1 < len &&
                                  g_ascii_isdigit (text[i + 1])))
        {
          char digits[24];
          guint groups[12];
          guint n_groups = 0, nd = 0;
          gsize start = i, j = i, last_digit = i;
          gboolean paren = FALSE;

          if (is_word_char (text, len, (gssize) i - 1) && !g_ascii_isdigit (text[i - 1]))
            {
              i++;
              continue;
            }
          if (c == '(' || c == '+')
            {
              paren = c == '(';
              j++;
            }
          groups[0] = 0;
          while (j < len && nd < sizeof digits)
            {
              if (g_ascii_isdigit (text[j]))
                {
                  if (n_groups == 0)
                    n_groups = 1;
                  digits[nd++] = text[j];
                  groups[n_groups - 1]++;
                  last_digit = j;
                  j++;
                }
              else if ((text[j] == ' ' || text[j] == '-' || text[j] == '.' || text[j] == ')' ||
                        text[j] == '(') &&
                       j + 1 < len && (g_ascii_isdigit (text[j + 1]) ||
                                       (text[j] == ')' && text[j + 1] == ' ' && j + 2 < len &&
                                        g_ascii_isdigit (text[j + 2]))) &&
                       n_groups < G_N_ELEMENTS (groups))
                {
                  if (text[j] == ')' && text[j + 1] == ' ')
                    j++;
                  j++;
                  groups[n_groups++] = 0;
                }
              else
                break;
            }
          end = last_digit + 1;
          (void) paren;
          i = MAX (end, i + 1);
          if (nd == 0)
            continue;

          /* Money: 450$, 450 $, $3,000 */
          if ((end < len && text[end] == '$') || (end + 1 < len && text[end] == ' ' &&
                                                  text[end + 1] == '$') ||
              (start > 0 && text[start - 1] == '$'))
            {
              add (out, VIGIE_DETECT_MONEY, start > 0 && text[start - 1] == '$' ? start - 1 : start,
                   end < len && text[end] == '$' ? end + 1 : end, TRUE);
              continue;
            }
          if (is_word_char (text, len, end) && !(end < len && g_ascii_isalpha (text[end]) &&
                                                 nd == 10))
            continue;

          if (nd == 11 && digits[0] == '1')
            {
              memmove (digits, digits + 1, 10);
              nd = 10;
              if (groups[0] == 1)
                {
                  memmove (groups, groups + 1, (n_groups - 1) * sizeof (guint));
                  n_groups--;
                }
            }

          if (nd == 10)
            {
              gboolean phone_layout = (n_groups == 3 && groups[0] == 3 && groups[1] == 3 &&
                                       groups[2] == 4) || n_groups == 1 ||
                                      (n_groups == 2 && groups[0] == 3 && groups[1] == 7);
              gboolean ohip_layout = n_groups == 3 && groups[0] == 4 && groups[1] == 3 &&
                                     groups[2] == 3;
              gboolean ohip_cue = cue_before (text, start, ohip_cues);

              if (ohip_layout || (ohip_cue && n_groups == 1))
                {
                  gsize e = end;
                  if (e + 1 < len && text[e] == ' ' && g_ascii_isalpha (text[e + 1]))
                    e++;
                  if (e + 1 < len && g_ascii_isalpha (text[e]) && g_ascii_isalpha (text[e + 1]))
                    e += 2;
                  add (out, VIGIE_DETECT_OHIP, start, e, ohip_cue || ohip_layout);
                  i = MAX (i, e);
                }
              else if (phone_layout && digits[0] >= '2' && digits[3] >= '2')
                {
                  static const char * const toll_free[] = {
                    "800", "833", "844", "855", "866", "877", "888", NULL
                  };
                  char npa[4] = { digits[0], digits[1], digits[2], 0 };
                  gboolean public = g_strv_contains (toll_free, npa);
                  add (out, public ? VIGIE_DETECT_PHONE_PUBLIC : VIGIE_DETECT_PHONE, start, end,
                       n_groups > 1);
                }
            }
          else if (nd == 7 && n_groups == 2 && groups[0] == 3 && groups[1] == 4 && digits[0] >= '2')
            add (out, VIGIE_DETECT_PHONE, start, end, FALSE);
          else if (nd == 9)
            {
              gboolean layout = n_groups == 3 && groups[0] == 3 && groups[1] == 3 &&
                                groups[2] == 3;
              gboolean cue = cue_before (text, start, sin_cues);
              gboolean luhn = vigie_luhn_valid (digits, 9);
              /* Announced ("mon NAS est ..."), even mistyped, it is meant as one */
              if ((layout || (cue && n_groups == 1)) && digits[0] != '0' && digits[0] != '8' &&
                  (luhn || cue))
                add (out, VIGIE_DETECT_SIN, start, end, luhn);
            }
          else if (nd == 4 && n_groups == 2 && groups[0] == 1 && groups[1] == 3 &&
                   digits[0] == '1' && end + 1 < len && text[end] == ' ' &&
                   g_ascii_isupper (text[end + 1]))
            /* "1 866 APPELLE": a service line written with letters */
            add (out, VIGIE_DETECT_PHONE_PUBLIC, start, end, TRUE);
          continue;
        }
      i++;
    }
}

/* SimHash over shingles of two words */

static guint64
fnv1a (const char *s,
       gsize       n,
       guint64     h)
{
  for (gsize i = 0; i < n; i++)
    {
      h ^= (guchar) s[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

guint64
vigie_simhash (const char *skeleton,
               gsize       len)
{
  int votes[64] = { 0 };
  const char *words[256];
  gsize lens[256];
  guint n = 0;
  guint64 result = 0;

  for (gsize i = 0; i < len && n < G_N_ELEMENTS (words);)
    {
      gsize j;
      while (i < len && skeleton[i] == ' ')
        i++;
      if (i >= len)
        break;
      j = i;
      while (j < len && skeleton[j] != ' ')
        j++;
      words[n] = skeleton + i;
      lens[n] = j - i;
      n++;
      i = j;
    }
  if (n == 0)
    return 0;

  for (guint i = 0; i < n; i++)
    {
      guint64 h = fnv1a (words[i], lens[i], G_GUINT64_CONSTANT (0xcbf29ce484222325));
      if (i + 1 < n)
        h = fnv1a (words[i + 1], lens[i + 1], h ^ 0x20);
      else if (n > 1)
        continue;
      for (int b = 0; b < 64; b++)
        votes[b] += (h >> b) & 1 ? 1 : -1;
    }
  for (int b = 0; b < 64; b++)
    if (votes[b] > 0)
      result |= G_GUINT64_CONSTANT (1) << b;
  return result;
}

guint
vigie_hamming64 (guint64 a,
                 guint64 b)
{
  return __builtin_popcountll (a ^ b);
}
