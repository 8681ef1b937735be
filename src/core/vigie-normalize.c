/* vigie-normalize.c — text normalisation that defeats the usual evasions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-normalize"

#include "config.h"

#include <string.h>

#include "vigie-normalize.h"

typedef enum
{
  U_IGNORE = 0,  /* zero-width characters, variation selectors */
  U_LETTER,
  U_DIGIT,
  U_SYM,         /* @ $ € ! | * #: a letter in leetspeak, punctuation otherwise */
  U_MASK,        /* a '*' or '#' hiding a letter */
  U_SPACE,
  U_NEWLINE,
  U_LIGHT,       /* apostrophes, hyphens, underscores: split words, not sentences */
  U_DOT,
  U_SENT,        /* ends a sentence: ! ? ; … */
  U_PUNCT,       /* other punctuation and symbols */
  U_QOPEN,
  U_QCLOSE,
  U_QBOTH,       /* '"': opens or closes */
  U_WORD,        /* an emoji read as a word, a link, an e-mail address */
} UnitKind;

typedef struct
{
  guint32     os;
  guint32     oe;
  guint8      kind;
  guint8      nfold;
  guint8      upper;
  guint8      accent;
  guint8      obfuscated;
  guint8      mention;
  char        fold[3];
  const char *word;          /* U_WORD */
  guint16     word_flags;
} Unit;

typedef struct
{
  char    s[3];
  guint8  n;
  guint8  kind;
  guint8  upper;
  guint8  accent;
  guint8  lookalike;
} Fold;

/* private: the word just before a '?' (while the tokens are made) */
#define VIGIE_TOKEN_QUESTION_MARK (1 << 15)

#define FOLD_TABLE_SIZE 0x0530
static Fold fold_table[FOLD_TABLE_SIZE];
/* The unit of each ASCII character, but its offsets: copied whole */
static Unit ascii_units[0x80];

/* Cyrillic and Greek letters that look like Latin ones */
static const struct { gunichar c; char l; } lookalikes[] = {
  { 0x0430, 'a' }, { 0x0432, 'b' }, { 0x0435, 'e' }, { 0x0451, 'e' }, { 0x043A, 'k' },
  { 0x043C, 'm' }, { 0x043D, 'h' }, { 0x043E, 'o' }, { 0x0440, 'p' }, { 0x0441, 'c' },
  { 0x0442, 't' }, { 0x0443, 'y' }, { 0x0445, 'x' }, { 0x0455, 's' }, { 0x0456, 'i' },
  { 0x0457, 'i' }, { 0x0458, 'j' }, { 0x04BB, 'h' }, { 0x0501, 'd' }, { 0x051B, 'q' },
  { 0x051D, 'w' }, { 0x0410, 'a' }, { 0x0412, 'b' }, { 0x0415, 'e' }, { 0x041A, 'k' },
  { 0x041C, 'm' }, { 0x041D, 'h' }, { 0x041E, 'o' }, { 0x0420, 'p' }, { 0x0421, 'c' },
  { 0x0422, 't' }, { 0x0423, 'y' }, { 0x0425, 'x' }, { 0x0405, 's' }, { 0x0406, 'i' },
  { 0x0408, 'j' }, { 0x0261, 'g' },
  { 0x03B1, 'a' }, { 0x03B2, 'b' }, { 0x03B5, 'e' }, { 0x03B7, 'n' }, { 0x03B9, 'i' },
  { 0x03BA, 'k' }, { 0x03BD, 'v' }, { 0x03BF, 'o' }, { 0x03C1, 'p' }, { 0x03C4, 't' },
  { 0x03C5, 'u' }, { 0x03C7, 'x' }, { 0x03C9, 'w' }, { 0x0391, 'a' }, { 0x0392, 'b' },
  { 0x0395, 'e' }, { 0x0396, 'z' }, { 0x0397, 'h' }, { 0x0399, 'i' }, { 0x039A, 'k' },
  { 0x039C, 'm' }, { 0x039D, 'n' }, { 0x039F, 'o' }, { 0x03A1, 'p' }, { 0x03A4, 't' },
  { 0x03A5, 'y' }, { 0x03A7, 'x' },
};

typedef struct
{
  gunichar    c;
  const char *word;
} EmojiWord;

/* Emoji that people write instead of a word */
static const EmojiWord emoji_words[] = {
  { 0x1F595, "emofuck" }, { 0x1F921, "emoclown" }, { 0x1F4A9, "emomerde" },
  { 0x1F346, "emoaubergine" }, { 0x1F351, "emopeche" }, { 0x1F4A6, "emogouttes" },
  { 0x1F412, "emosinge" }, { 0x1F435, "emosinge" }, { 0x1F98D, "emosinge" },
  { 0x1F437, "emocochon" }, { 0x1F416, "emocochon" }, { 0x1F400, "emorat" },
  { 0x1F401, "emorat" }, { 0x1F52A, "emocouteau" }, { 0x1F5E1, "emocouteau" },
  { 0x1F52B, "emoarme" }, { 0x1F480, "emomort" }, { 0x2620, "emomort" },
  { 0x26B0, "emomort" }, { 0x1FAA6, "emomort" }, { 0x1F4A3, "emobombe" },
  { 0x1F92E, "emovomi" }, { 0x1F922, "emovomi" }, { 0x1F525, "emofeu" },
  { 0x1F4B0, "emoargent" }, { 0x1F4B8, "emoargent" }, { 0x1F4B5, "emoargent" },
  { 0x1F911, "emoargent" }, { 0x1F4B2, "emoargent" }, { 0x1F680, "emofusee" },
  { 0x1F4C8, "emohausse" }, { 0x1F48A, "emopilule" }, { 0x1F489, "emoseringue" },
  { 0x1F33F, "emoherbe" }, { 0x1F343, "emoherbe" }, { 0x1F449, "emofleche" },
  { 0x27A1, "emofleche" }, { 0x1F447, "emofleche" }, { 0x1F389, "emofete" },
  { 0x1F381, "emocadeau" }, { 0x1F60F, "emosourire" }, { 0x1F608, "emodiable" },
  { 0x1F40D, "emoserpent" }, { 0x1F415, "emochien" }, { 0x1F436, "emochien" },
  { 0x1F404, "emovache" }, { 0x1F42E, "emovache" }, { 0x1F445, "emolangue" },
  { 0x1F51E, "emoadulte" }, { 0x1F62D, "emopleure" }, { 0x1F622, "emopleure" },
  { 0x1F494, "emocoeurbrise" }, { 0x1F6A8, "emoalerte" }, { 0x1F618, "emobisou" },
  { 0x2764, "emocoeur" }, { 0x1F970, "emocoeur" }, { 0x1F60D, "emocoeur" },
  { 0x1F495, "emocoeur" }, { 0x1F496, "emocoeur" }, { 0x1F43D, "emocochon" },
  { 0x1F40B, "emobaleine" }, { 0x1F433, "emobaleine" }, { 0x1F34C, "emobanane" },
  { 0x1F308, "emoarcenciel" }, { 0x1F9E8, "emobombe" },
};

static int
compare_emoji (const void *a,
               const void *b)
{
  gunichar ca = *(const gunichar *) a;
  gunichar cb = ((const EmojiWord *) b)->c;
  return ca < cb ? -1 : ca > cb;
}

static EmojiWord sorted_emoji[G_N_ELEMENTS (emoji_words)];

static gboolean
is_emoji_range (gunichar c)
{
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2190 && c <= 0x21FF) ||
         (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25A0 && c <= 0x25FF);
}

static void
fold_compute (gunichar  c,
              Fold     *f)
{
  gunichar decomp[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  memset (f, 0, sizeof *f);
  f->kind = U_PUNCT;

  if (c < 0x80)
    {
      if (c >= 'a' && c <= 'z')
        {
          f->kind = U_LETTER;
          f->s[0] = c;
          f->n = 1;
        }
      else if (c >= 'A' && c <= 'Z')
        {
          f->kind = U_LETTER;
          f->s[0] = c - 'A' + 'a';
          f->n = 1;
          f->upper = TRUE;
        }
      else if (c >= '0' && c <= '9')
        {
          f->kind = U_DIGIT;
          f->s[0] = c;
          f->n = 1;
        }
      else
        {
          switch (c)
            {
            case ' ': case '\t': case '\f': case '\v':
              f->kind = U_SPACE;
              break;
            case '\n': case '\r':
              f->kind = U_NEWLINE;
              break;
            case '\'': case '-': case '_': case '`': case '~':
              f->kind = U_LIGHT;
              break;
            case '.':
              f->kind = U_DOT;
              break;
            case '?': case ';':
              f->kind = U_SENT;
              break;
            case '"':
              f->kind = U_QBOTH;
              break;
            case '@': case '$': case '!': case '|': case '*': case '#':
              f->kind = U_SYM;
              f->s[0] = c;
              f->n = 1;
              break;
            default:
              f->kind = c < 0x20 ? U_SPACE : U_PUNCT;
              break;
            }
        }
      return;
    }

  switch (c)
    {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
      f->kind = U_SPACE;
      return;
    case 0x2028: case 0x2029: case 0x0085:
      f->kind = U_NEWLINE;
      return;
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x034F: case 0x180E:
      f->kind = U_IGNORE;
      return;
    case 0x2018: case 0x2019: case 0x02BC: case 0x00B4: case 0x2032: case 0x2010:
    case 0x2011: case 0x2012: case 0x2013: case 0x00B7: case 0x2022:
      f->kind = U_LIGHT;
      return;
    case 0x2026: case 0x00A1: case 0x00BF: case 0x203C: case 0x2047: case 0x2048:
    case 0x2049:
      f->kind = U_SENT;
      return;
    case 0x00AB: case 0x201C: case 0x201E: case 0x2039:
      f->kind = U_QOPEN;
      return;
    case 0x00BB: case 0x201D: case 0x203A:
      f->kind = U_QCLOSE;
      return;
    case 0x20AC:
      f->kind = U_SYM;
      f->s[0] = '$';  /* like '$': a letter only between letters */
      f->s[1] = 'e';
      f->n = 1;
      return;
    case 0x00DF:
      f->kind = U_LETTER;
      f->s[0] = 's';
      f->s[1] = 's';
      f->n = 2;
      return;
    case 0x0153: case 0x0152:
      f->kind = U_LETTER;
      f->s[0] = 'o';
      f->s[1] = 'e';
      f->n = 2;
      f->accent = TRUE;
      f->upper = c == 0x0152;
      return;
    case 0x00E6: case 0x00C6:
      f->kind = U_LETTER;
      f->s[0] = 'a';
      f->s[1] = 'e';
      f->n = 2;
      f->upper = c == 0x00C6;
      return;
    case 0x00F8: case 0x00D8:
      f->kind = U_LETTER;
      f->s[0] = 'o';
      f->n = 1;
      f->upper = c == 0x00D8;
      return;
    case 0x0142: case 0x0141:
      f->kind = U_LETTER;
      f->s[0] = 'l';
      f->n = 1;
      return;
    case 0x0111: case 0x0110:
      f->kind = U_LETTER;
      f->s[0] = 'd';
      f->n = 1;
      return;
    case 0x0131:
      f->kind = U_LETTER;
      f->s[0] = 'i';
      f->n = 1;
      return;
    default:
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (lookalikes); i++)
    if (lookalikes[i].c == c)
      {
        f->kind = U_LETTER;
        f->s[0] = lookalikes[i].l;
        f->n = 1;
        f->lookalike = TRUE;
        f->upper = g_unichar_isupper (c);
        return;
      }

  if (g_unichar_ismark (c) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
      (c >= 0x1F3FB && c <= 0x1F3FF))
    {
      f->kind = U_IGNORE;
      f->accent = g_unichar_ismark (c);
      return;
    }

  /* Compatibility decomposition: fullwidth, mathematical, circled letters,
   * ligatures, accents */
  n = g_unichar_fully_decompose (c, TRUE, decomp, G_N_ELEMENTS (decomp));
  if (n >= 1 && decomp[0] < 0x80 && decomp[0] != c)
    {
      guint k = 0;
      gboolean letters = TRUE;

      for (gsize i = 0; i < n && k < 3; i++)
        {
          gunichar d = decomp[i];
          if (d >= 'A' && d <= 'Z')
            f->s[k++] = d - 'A' + 'a';
          else if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9'))
            f->s[k++] = d;
          else if (g_unichar_ismark (d))
            f->accent = TRUE;
          else
            letters = FALSE;
        }
      if (k > 0 && letters)
        {
          f->n = k;
          f->kind = (f->s[0] >= '0' && f->s[0] <= '9') ? U_DIGIT : U_LETTER;
          f->upper = g_unichar_isupper (c) || g_unichar_istitle (c);
          f->lookalike = !f->accent && n == 1;
          return;
        }
    }

  if (g_unichar_isdigit (c))
    {
      int v = g_unichar_digit_value (c);
      if (v >= 0 && v <= 9)
        {
          f->kind = U_DIGIT;
          f->s[0] = '0' + v;
          f->n = 1;
          return;
        }
    }

  if (g_unichar_isspace (c))
    {
      f->kind = U_SPACE;
      return;
    }

  /* Other scripts and symbols separate words */
  f->kind = U_PUNCT;
}

static gsize
init_tables_once (void)
{
  for (gunichar c = 0; c < FOLD_TABLE_SIZE; c++)
    fold_compute (c, &fold_table[c]);
  for (guint c = 0; c < G_N_ELEMENTS (ascii_units); c++)
    {
      const Fold *f = &fold_table[c];
      Unit *w = &ascii_units[c];
      memset (w, 0, sizeof *w);
      w->kind = f->kind;
      w->nfold = f->n;
      w->fold[0] = f->s[0];
      w->fold[1] = f->s[1];
      w->fold[2] = f->s[2];
      w->upper = f->upper;
      w->accent = f->accent;
      w->obfuscated = f->lookalike;
    }
  memcpy (sorted_emoji, emoji_words, sizeof emoji_words);
  qsort (sorted_emoji, G_N_ELEMENTS (sorted_emoji), sizeof sorted_emoji[0], compare_emoji);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (sorted_emoji); i++)
    g_assert (sorted_emoji[i].c != sorted_emoji[i + 1].c);
  return 1;
}

static void
init_tables (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    g_once_init_leave (&once, init_tables_once ());
}

static inline void
fold_char (gunichar  c,
           Fold     *f)
{
  if (c < FOLD_TABLE_SIZE)
    *f = fold_table[c];
  else
    fold_compute (c, f);
}

/* Links and addresses */

static const char * const tlds[] = {
  "com", "ca", "net", "org", "info", "biz", "io", "co", "ly", "gg", "xyz", "shop", "quebec",
  "me", "tv", "fr", "us", "uk", "be", "ch", "online", "site", "store", "app", "link", "club",
  "live", "top", "vip", "pro", "ru", "cn", "tk", "bit", "to", "gl", "gouv", "gc", "example",
};

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.';
}

static gboolean
is_url_stop (const char *p,
             const char *end)
{
  unsigned char c = *p;

  if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\'' || c == ')' || c == ']')
    return TRUE;
  /* » « ” and other non-ASCII quotes end a link */
  if (c >= 0x80)
    {
      gunichar u = g_utf8_get_char_validated (p, end - p);
      return u == 0x00BB || u == 0x00AB || u == 0x201D || u == 0x201C || u == 0x2019 ||
             u == 0x00A0 || u == 0x202F || u == 0x2026 || is_emoji_range (u);
    }
  return FALSE;
}

/* The host ends with a known top-level domain */
static gboolean
host_has_tld (const char *host,
              gsize       len)
{
  const char *dot = NULL;
  gsize tld_len;

  for (gsize i = 0; i < len; i++)
    if (host[i] == '.')
      dot = host + i;
  if (dot == NULL || dot == host)
    return FALSE;
  tld_len = host + len - (dot + 1);
  for (guint i = 0; i < G_N_ELEMENTS (tlds); i++)
    if (strlen (tlds[i]) == tld_len && g_ascii_strncasecmp (dot + 1, tlds[i], tld_len) == 0)
      return TRUE;
  return FALSE;
}

/* Tries to read a link or an e-mail address at @p; returns its end or NULL */
static const char *
scan_link (const char *start,
           const char *p,
           const char *end,
           VigieLink  *link)
{
  const char *host;
  const char *q;
  gboolean scheme = FALSE;

  if (p > start && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '@' || p[-1] == '/' ||
                    p[-1] == '-' || p[-1] == '_'))
    return NULL;
  if (!g_ascii_isalnum (*p))
    return NULL;

  q = p;
  if (end - p > 8 && g_ascii_strncasecmp (p, "https://", 8) == 0)
    q = p + 8, scheme = TRUE;
  else if (end - p > 7 && g_ascii_strncasecmp (p, "http://", 7) == 0)
    q = p + 7, scheme = TRUE;

  /* E-mail: local@domain.tld */
  if (!scheme)
    {
      const char *at = p;
      while (at < end && (g_ascii_isalnum (*at) || *at == '.' || *at == '_' || *at == '%' ||
                          *at == '+' || *at == '-'))
        at++;
      if (at < end && *at == '@' && at > p)
        {
          const char *d = at + 1;
          const char *de = d;
          while (de < end && is_host_char (*de))
            de++;
          while (de > d && (de[-1] == '.' || de[-1] == '-'))
            de--;
          if (de > d && memchr (d, '.', de - d) != NULL)
            {
              const char *last_dot = de;
              while (last_dot > d && last_dot[-1] != '.')
                last_dot--;
              if (de - last_dot >= 2)
                {
                  link->orig_start = p - start;
                  link->orig_end = de - start;
                  link->host_start = d - start;
                  link->host_end = de - start;
                  link->is_email = TRUE;
                  return de;
                }
            }
        }
    }

  host = q;
  while (q < end && is_host_char (*q))
    q++;
  while (q > host && (q[-1] == '.' || q[-1] == '-'))
    q--;
  if (q == host)
    return NULL;
  if (!scheme)
    {
      gboolean www = (q - host > 4 && g_ascii_strncasecmp (host, "www.", 4) == 0);
      if (!www && !host_has_tld (host, q - host))
        return NULL;
      /* "ok.ca" is a domain, but "bon.co" in a sentence... need at least a
       * letter before the dot and no upper-case sentence start after it */
    }
  else if (memchr (host, '.', q - host) == NULL)
    return NULL;

  link->host_start = host - start;
  link->host_end = q - start;
  link->is_email = FALSE;
  /* The path */
  if (q < end && (*q == '/' || *q == ':' || *q == '?' || *q == '#'))
    {
      while (q < end && !is_url_stop (q, end))
        q++;
      while (q > start + link->host_end &&
             (q[-1] == '.' || q[-1] == ',' || q[-1] == '!' || q[-1] == '?' || q[-1] == ';' ||
              q[-1] == ':'))
        q--;
    }
  link->orig_start = p - start;
  link->orig_end = q - start;
  return q;
}

/* Decoding into units */

/* The next '.' or '@' followed by a letter or a digit, or NULL */
static const char *
find_mark (const char *p,
           const char *end)
{
  /* memchr() looks at many bytes at once */
  while (p + 1 < end)
    {
      const char *dot = memchr (p, '.', (end - 1) - p);
      const char *at = memchr (p, '@', (dot ? dot : end - 1) - p);
      const char *m = at ? at : dot;

      if (m == NULL)
        return NULL;
      if (g_ascii_isalnum (m[1]))
        return m;
      p = m + 1;
    }
  return NULL;
}

/* Cheap test before scan_link(): the ASCII run from @p holds a dot or an
 * '@' followed by a letter or digit */
static inline gboolean
word_may_be_link (const char *p,
                  const char *end)
{
  for (; p + 1 < end; p++)
    {
      char c = *p;
      if (c == '.' || c == '@')
        {
          if (g_ascii_isalnum (p[1]))
            return TRUE;
        }
      else if (!g_ascii_isalnum (c) && c != '-' && c != '_' && c != '%' && c != '+' &&
               c != ':' && c != '/')
        return FALSE;
    }
  return FALSE;
}

/* Returns whether a unit is a digit or a symbol (resolve_leet() has
 * nothing to do otherwise) */
static gboolean
decode_units (VigieNormalized *out,
              const char      *text,
              gsize            len)
{
  const char *p = text;
  const char *end = text + len;
  GArray *units = out->units;
  const char *next_mark = find_mark (text, text + len);
  gboolean maybe_links = next_mark != NULL;
  Unit *us;
  guint nu = 0;
  gboolean digit_or_sym = FALSE;
  guint n_accented, n_upper, n_letters;

  /* At most one unit per byte: write them in place */
  g_array_set_size (units, len + 1);
  us = (Unit *) units->data;
  g_array_set_size (out->links, 0);
  /* Counted in locals: see the skeleton in vigie_normalize() */
  n_accented = n_upper = n_letters = 0;

  while (p < end)
    {
      Unit u;  /* zeroed where it is used: not for every ASCII character */
      Fold f;
      gunichar c;
      const char *next;

      /* Only words with a dot or an '@' not far ahead may be links */
      if (maybe_links && next_mark != NULL && next_mark < p)
        {
          next_mark = find_mark (p, end);
          maybe_links = next_mark != NULL;
        }
      if (maybe_links && next_mark - p < 64 && g_ascii_isalnum (*p) &&
          (p == text || !g_ascii_isalnum (p[-1])) && word_may_be_link (p, end))
        {
          VigieLink link;
          const char *link_end = scan_link (text, p, end, &link);
          if (link_end != NULL)
            {
              g_array_append_val (out->links, link);
              u = (Unit) { 0 };
              u.os = p - text;
              u.oe = link_end - text;
              u.kind = U_WORD;
              u.word = link.is_email ? "zzemail" : "zzurl";
              u.word_flags = link.is_email ? VIGIE_TOKEN_EMAIL : VIGIE_TOKEN_LINK;
              us[nu++] = u;
              p = link_end;
              continue;
            }
        }

      /* ASCII, most of a comment: its unit copied whole */
      if ((guchar) *p < 0x80 && fold_table[(guchar) *p].kind != U_IGNORE)
        {
          const Fold *fd = &fold_table[(guchar) *p];
          Unit *w = &us[nu++];
          *w = ascii_units[(guchar) *p];
          w->os = p - text;
          w->oe = p + 1 - text;
          if (fd->kind == U_LETTER)
            {
              n_letters++;
              n_upper += fd->upper;
              n_accented += fd->accent;
            }
          else if (fd->kind == U_DIGIT || fd->kind == U_SYM)
            digit_or_sym = TRUE;
          p++;
          continue;
        }
      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p;
          next = p + 1;
        }
      else
        {
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);
        }
      u = (Unit) { 0 };
      u.os = p - text;
      u.oe = next - text;
      p = next;

      if (c >= 0x1F000 || (c >= 0x2600 && c <= 0x27BF))
        {
          const EmojiWord *e = bsearch (&c, sorted_emoji, G_N_ELEMENTS (sorted_emoji),
                                                sizeof sorted_emoji[0], compare_emoji);
          if (e != NULL)
            {
              u.kind = U_WORD;
              u.word = e->word;
              u.word_flags = VIGIE_TOKEN_EMOJI;
              us[nu++] = u;
              continue;
            }
          if (is_emoji_range (c))
            {
              u.kind = U_PUNCT;
              us[nu++] = u;
              continue;
            }
        }

      fold_char (c, &f);
      if (G_UNLIKELY (f.kind == U_IGNORE))
        {
          /* Combining marks and invisible characters belong to the previous
           * character */
          if (nu > 0)
            {
              Unit *prev = &us[nu - 1];
              prev->oe = u.oe;
              if (f.accent && prev->kind == U_LETTER)
                {
                  if (!prev->accent)
                    n_accented++;
                  prev->accent = TRUE;
                }
            }
          continue;
        }
      {
        /* Written in place, field by field */
        Unit *w = &us[nu++];
        w->os = u.os;
        w->oe = u.oe;
        w->kind = f.kind;
        w->nfold = f.n;
        w->fold[0] = f.s[0];
        w->fold[1] = f.s[1];
        w->fold[2] = f.s[2];
        w->upper = f.upper;
        w->accent = f.accent;
        w->obfuscated = f.lookalike;
        w->mention = 0;
        w->word = NULL;
        w->word_flags = 0;
        if (f.kind == U_LETTER)
          {
            n_letters++;
            n_upper += f.upper;
            n_accented += f.accent;
          }
        else if (f.kind == U_DIGIT || f.kind == U_SYM)
          digit_or_sym = TRUE;
      }
    }
  g_array_set_size (units, nu);
  out->n_accented = n_accented;
  out->n_upper = n_upper;
  out->n_letters = n_letters;
  return digit_or_sym;
}

static inline gboolean
unit_is_letter (const Unit *u)
{
  return u->kind == U_LETTER;
}

/* Leetspeak and masks: decides, inside each run of letters, digits and
 * symbols, which digits and symbols stand for letters. */
static void
resolve_leet (GArray *units)
{
  Unit *us = (Unit *) units->data;
  guint n = units->len;
  guint i = 0;

  while (i < n)
    {
      guint j, n_letters = 0, n_digits = 0, n_syms = 0;
      gboolean shape_letters_then_digits, shape_digits_then_letters;
      guint first_letter = G_MAXUINT, last_letter = 0, first_digit = G_MAXUINT, last_digit = 0;
      char first_sym;

      if (us[i].kind != U_LETTER && us[i].kind != U_DIGIT && us[i].kind != U_SYM)
        {
          i++;
          continue;
        }
      for (j = i; j < n && (us[j].kind == U_LETTER || us[j].kind == U_DIGIT ||
                            us[j].kind == U_SYM); j++)
        {
          if (us[j].kind == U_LETTER)
            {
              n_letters++;
              first_letter = MIN (first_letter, j);
              last_letter = j;
            }
          else if (us[j].kind == U_DIGIT)
            {
              n_digits++;
              first_digit = MIN (first_digit, j);
              last_digit = j;
            }
          else
            n_syms++;
        }
      if (n_digits == 0 && n_syms == 0)
        {
          /* letters only: nothing to read as a letter */
          i = j;
          continue;
        }
      /* "covid19", "mp3": a word and a number; "15ans", "3e": a number and a unit */
      first_sym = us[i].kind == U_SYM ? us[i].fold[0] : 0;
      shape_letters_then_digits = n_digits > 0 && first_digit > last_letter;
      shape_digits_then_letters = n_digits > 0 && last_digit < first_letter;

      for (guint k = i; k < j; k++)
        {
          Unit *u = &us[k];
          gboolean prev_letter = k > i && (unit_is_letter (&us[k - 1]) || us[k - 1].kind == U_MASK);
          gboolean next_letter = k + 1 < j && (us[k + 1].kind == U_LETTER ||
                                               us[k + 1].kind == U_DIGIT ||
                                               us[k + 1].kind == U_SYM);
          gboolean next_real_letter = k + 1 < j && us[k + 1].kind == U_LETTER;
          char l = 0;

          if (u->kind == U_DIGIT && n_letters >= 2 && n_digits <= n_letters + 1 &&
              !shape_letters_then_digits &&
              (!shape_digits_then_letters || n_letters >= 5))
            {
              switch (u->fold[0])
                {
                case '0': l = 'o'; break;
                case '1': l = 'i'; break;
                case '3': l = 'e'; break;
                case '4': l = 'a'; break;
                case '5': l = 's'; break;
                case '7': l = 't'; break;
                default: break;
                }
              if (l && (prev_letter || next_real_letter))
                {
                  u->kind = U_LETTER;
                  u->fold[0] = l;
                  u->obfuscated = TRUE;
                }
            }
          else if (u->kind == U_SYM)
            {
              char s = u->fold[0];
              gboolean euro = (s == '$' && u->fold[1] == 'e');

              if (s == '@' && prev_letter && next_letter)
                l = 'a';
              else if (s == '$' && !euro && (prev_letter || next_real_letter) && n_letters >= 2)
                l = 's';
              else if (euro && prev_letter && next_letter)
                l = 'e';
              else if ((s == '!' || s == '|') && prev_letter && next_real_letter)
                l = s == '!' ? 'i' : 'l';
              else if ((s == '*' || s == '#') && n_letters >= 2 &&
                       (prev_letter || next_real_letter) && k > i)
                {
                  /* "*important*" is emphasis, "f*ck" and "n3gr*" hide a letter */
                  if (first_sym != s)
                    {
                      u->kind = U_MASK;
                      u->fold[0] = '*';
                      u->nfold = 1;
                      u->obfuscated = TRUE;
                      continue;
                    }
                }
              if (l)
                {
                  u->kind = U_LETTER;
                  u->fold[0] = l;
                  u->nfold = 1;
                  u->obfuscated = TRUE;
                }
              else if (s == '!')
                u->kind = U_SENT;
              else if (s == '@')
                {
                  u->kind = U_PUNCT;
                  if (next_real_letter && !prev_letter)
                    us[k + 1].mention = TRUE;
                }
              else
                u->kind = U_PUNCT;
            }
        }
      i = j;
    }
}

typedef enum
{
  SEP_NONE = 0,
  SEP_LIGHT,
  SEP_COMMA,
  SEP_SENT,
} SepLevel;

typedef struct
{
  guint   u0;          /* units [u0, u1) */
  guint   u1;
  guint8  sep;         /* separator before the word */
  guint8  question;    /* the separator after the word contains '?' */
  guint8  apostrophe;  /* the separator before it has an apostrophe ("l'a") */
  guint16 flags;
  guint   n_chars;     /* letters and digits in it */
} RawWord;

static inline gboolean
unit_in_word (const Unit *u)
{
  return u->kind == U_LETTER || u->kind == U_DIGIT || u->kind == U_MASK;
}

static void
ensure_capacity (VigieNormalized *out,
                 gsize            needed)
{
  if (needed <= out->capacity)
    return;
  out->capacity = MAX (needed, out->capacity * 2);
  out->text = g_realloc (out->text, out->capacity + 1);
  out->runs = g_realloc (out->runs, out->capacity);
  out->orig_start = g_realloc (out->orig_start, out->capacity * sizeof (guint32));
  out->orig_end = g_realloc (out->orig_end, out->capacity * sizeof (guint32));
}

typedef struct
{
  char    *text;
  guint8  *runs;
  guint32 *orig_start;
  guint32 *orig_end;
  guint32  len;
} Sink;

static inline void
sink_emit (Sink    *k,
           char     c,
           guint8   run,
           guint32  os,
           guint32  oe)
{
  k->text[k->len] = c;
  k->runs[k->len] = run;
  k->orig_start[k->len] = os;
  k->orig_end[k->len] = oe;
  k->len++;
}

/* Spoken contractions written as one word ("jte pète la gueule", "jvais",
 * "chu tanné", "mange dla marde", "ptite"): the skeleton gets the full
 * words, each mapped back to the whole written word. Only forms that are
 * no other word; the rest of a "j" + pronoun or verb. */
static const char * const j_rests[] = {
  "te", "me", "le", "la", "les", "lui", "leur", "vais", "vas", "veux", "peux", "sais",
  "suis", "pense", "trouve", "crois", "comprends", "connais", "men", "ten", "sens",
  "fais", "dis", "voulais", "aimerais", "espere", "souhaite", "mettrais", "jure", NULL
};

/* The rest of a "j" glued to a verb that starts with a vowel ("jespere",
 * "jai", "jaime"), in the skeleton (double letters written once): it
 * becomes "j" and the verb, as "j'espère" does. Not "etais": "jetais" is
 * a verb of its own. */
static const char * const j_vowel_rests[] = {
  "ai", "aime", "aimerais", "adore", "avais", "aurais", "espere", "esperais", "en",
  "irai", "irais", "arive", "atends", "ecrase", "envoie", "ecris", "encule", "emerde",
  "oublie", "ose", "insulte", "esaie", NULL
};

#define WORD_IS(w, n, lit) ((n) == sizeof (lit) - 1 && memcmp ((w), (lit), (n)) == 0)

/* The expansion of the skeleton word @w (@n bytes), or NULL */
static inline const char *
contraction_full (const char *w,
                  guint32     n,
                  char        buf[32])
{
  if (n < 3 || n > 15)
    return NULL;
  switch (w[0])
    {
    case 'j':
      if (strchr ("aeiou", w[1]) != NULL)
        {
          for (guint i = 0; j_vowel_rests[i]; i++)
            if (strlen (j_vowel_rests[i]) == n - 1 && memcmp (j_vowel_rests[i], w + 1, n - 1) == 0)
              {
                buf[0] = 'j';
                buf[1] = ' ';
                memcpy (buf + 2, w + 1, n - 1);
                buf[n + 1] = '\0';
                return buf;
              }
          return NULL;
        }
      if (strchr ("yj", w[1]) != NULL)
        return NULL;
      /* "jvai", "jvé": "je vais" as it sounds */
      if (WORD_IS (w, n, "jvai") || WORD_IS (w, n, "jve"))
        return "je vais";
      for (guint i = 0; j_rests[i]; i++)
        if (strlen (j_rests[i]) == n - 1 && memcmp (j_rests[i], w + 1, n - 1) == 0)
          {
            memcpy (buf, "je ", 3);
            memcpy (buf + 3, w + 1, n - 1);
            buf[n + 2] = '\0';
            return buf;
          }
      return NULL;
    case 'c':
      if (WORD_IS (w, n, "chu") || WORD_IS (w, n, "chui"))
        return "je suis";
      if (WORD_IS (w, n, "che"))
        return "je sais";
      /* "cest", "cetait": "c'est", "c'était" */
      if (WORD_IS (w, n, "cest"))
        return "c est";
      if (WORD_IS (w, n, "cetait"))
        return "c etait";
      return NULL;
    case 'd':
      return WORD_IS (w, n, "dla") ? "de la" : NULL;
    case 't':
      return WORD_IS (w, n, "tse") || WORD_IS (w, n, "tsais") ? "tu sais" : NULL;
    case 'p':
      if (w[1] != 't' || n > 6)
        return NULL;
      if (WORD_IS (w, n, "ptit"))
        return "petit";
      if (WORD_IS (w, n, "ptite"))
        return "petite";
      if (WORD_IS (w, n, "ptits"))
        return "petits";
      if (WORD_IS (w, n, "ptites"))
        return "petites";
      return NULL;
    default:
      return NULL;
    }
}

void
vigie_normalize (VigieNormalized *out,
                 const char      *text,
                 gssize           len)
{
  GArray *words = out->words;
  RawWord *wv;
  guint nw = 0;
  VigieToken *toks;
  guint n_toks = 0;
  Unit *us;
  guint n;
  guint8 sep = SEP_SENT;
  gboolean quoted = FALSE;
  gboolean line_quote = FALSE;  /* a line opened by "> ", as forums quote */
  gboolean line_start = TRUE;
  gboolean mention = FALSE;
  gboolean apostrophe = FALSE;
  guint16 sentence = 0;
  guint first_token_of_sentence = 0;
  Sink sk;

  init_tables ();
  if (len < 0)
    len = strlen (text);

  if (decode_units (out, text, len))
    resolve_leet (out->units);
  us = (Unit *) out->units->data;
  n = out->units->len;

  /* Words, with the strongest separator before each */
  /* at most one word per unit: filled by index, no call per word */
  g_array_set_size (words, MAX (n, 1));
  wv = (RawWord *) words->data;
  for (guint i = 0; i < n;)
    {
      Unit *u = &us[i];

      if (u->kind == U_WORD)
        {
          RawWord w = { i, i + 1, sep, 0, 0, u->word_flags, 1 };
          line_start = FALSE;
          if (quoted)
            w.flags |= VIGIE_TOKEN_QUOTED;
          wv[nw++] = w;
          sep = SEP_NONE;
          i++;
          continue;
        }
      if (unit_in_word (u))
        {
          RawWord w = { i, i, sep, 0, apostrophe, 0, 0 };
          guint j = i;
          while (j < n && unit_in_word (&us[j]))
            {
              w.n_chars++;
              if (us[j].obfuscated)
                w.flags |= VIGIE_TOKEN_OBFUSCATED;
              if (us[j].kind == U_MASK)
                w.flags |= VIGIE_TOKEN_MASKED;
              j++;
            }
          w.u1 = j;
          line_start = FALSE;
          if (quoted)
            w.flags |= VIGIE_TOKEN_QUOTED;
          if (mention || us[i].mention)
            w.flags |= VIGIE_TOKEN_MENTION;
          mention = FALSE;
          wv[nw++] = w;
          sep = SEP_NONE;
          apostrophe = FALSE;
          i = j;
          continue;
        }

      switch (u->kind)
        {
        case U_SPACE:
        case U_LIGHT:
          sep = MAX (sep, SEP_LIGHT);
          if (text[u->os] == '\'' || strncmp (text + u->os, "\xe2\x80\x99", 3) == 0 ||
              strncmp (text + u->os, "\xca\xbc", 2) == 0)
            apostrophe = TRUE;
          break;
        case U_DOT:
          /* "i.d.i.o.t" and "c . o . n" keep going; ". " after a word ends a
           * sentence */
          if ((i + 1 >= n || us[i + 1].kind == U_SPACE || us[i + 1].kind == U_NEWLINE ||
               us[i + 1].kind == U_DOT || us[i + 1].kind == U_QCLOSE ||
               us[i + 1].kind == U_QBOTH) &&
              !(nw > 0 && wv[nw - 1].n_chars == 1 &&
                us[wv[nw - 1].u0].kind == U_LETTER &&
                i + 2 < n && us[i + 1].kind == U_SPACE &&
                us[i + 2].kind == U_LETTER))
            sep = SEP_SENT;
          else
            sep = MAX (sep, SEP_LIGHT);
          break;
        case U_NEWLINE:
          if (line_quote)
            quoted = line_quote = FALSE;
          line_start = TRUE;
          sep = SEP_SENT;
          break;
        case U_SENT:
          sep = SEP_SENT;
          if (nw > 0 && text[u->os] == '?')
            wv[nw - 1].question = TRUE;
          break;
        case U_QOPEN:
          quoted = TRUE;
          sep = MAX (sep, SEP_COMMA);
          break;
        case U_QCLOSE:
          quoted = FALSE;
          sep = MAX (sep, SEP_COMMA);
          break;
        case U_QBOTH:
          quoted = !quoted;
          sep = MAX (sep, SEP_COMMA);
          break;
        case U_PUNCT:
        default:
          /* "> what someone wrote — the answer": the quoted line ends at
           * a dash or at the end of the line */
          if (text[u->os] == '>' && line_start && !quoted)
            {
              quoted = line_quote = TRUE;
              sep = SEP_SENT;
              line_start = FALSE;
              break;
            }
          if (line_quote && (strncmp (text + u->os, "\xe2\x80\x94", 3) == 0 ||
                             strncmp (text + u->os, "\xe2\x80\x93", 3) == 0))
            {
              quoted = line_quote = FALSE;
              sep = SEP_SENT;
              break;
            }
          line_start = FALSE;
          if (text[u->os] == '@')
            mention = TRUE;
          if (text[u->os] == ',' || text[u->os] == ':' || text[u->os] == '(' ||
              text[u->os] == ')' || text[u->os] == '/')
            sep = MAX (sep, SEP_COMMA);
          else
            sep = MAX (sep, SEP_LIGHT);
          break;
        }
      i++;
    }

  g_array_set_size (words, nw);

  /* A quotation mark never closed quotes nothing: "Bon. C'est nul */
  if (quoted)
    {
      RawWord *ws = (RawWord *) words->data;
      for (gint k = (gint) words->len - 1; k >= 0 && (ws[k].flags & VIGIE_TOKEN_QUOTED); k--)
        ws[k].flags &= ~VIGIE_TOKEN_QUOTED;
    }

  /* Letters spread out: "c o n n a r d", "i.d.i.o.t", three single letters
   * or more separated by spaces or dots only */
  {
    RawWord *ws = (RawWord *) words->data;
    guint out_n = 0;

    for (guint i = 0; i < words->len;)
      {
        guint j = i;

        /* "p'tit", "p'tite": one word, not "p" and "tit" */
        if (ws[i].n_chars == 1 && ws[i].u1 - ws[i].u0 == 1 && us[ws[i].u0].kind == U_LETTER &&
            (text[us[ws[i].u0].os] == 'p' || text[us[ws[i].u0].os] == 'P') &&
            i + 1 < words->len && ws[i + 1].apostrophe && ws[i + 1].sep <= SEP_LIGHT)
          {
            RawWord joined = ws[i];
            joined.u1 = ws[i + 1].u1;
            joined.n_chars = ws[i].n_chars + ws[i + 1].n_chars;
            joined.question = ws[i + 1].question;
            ws[out_n++] = joined;
            i += 2;
            continue;
          }
        if (ws[i].n_chars == 1 && ws[i].u1 - ws[i].u0 == 1 && us[ws[i].u0].kind == U_LETTER)
          {
            while (j + 1 < words->len && ws[j + 1].n_chars == 1 &&
                   ws[j + 1].u1 - ws[j + 1].u0 == 1 && us[ws[j + 1].u0].kind == U_LETTER &&
                   ws[j + 1].sep <= SEP_LIGHT && !ws[j + 1].apostrophe &&
                   (ws[j + 1].flags & VIGIE_TOKEN_QUOTED) == (ws[i].flags & VIGIE_TOKEN_QUOTED))
              j++;
          }
        if (j - i >= 2)
          {
            /* "g r o s   n i a i s e u x": a wider gap than between the
             * letters separates the words they spell */
            guint32 min_gap = G_MAXUINT32;
            guint k0 = i;

            for (guint k = i; k < j; k++)
              min_gap = MIN (min_gap, us[ws[k + 1].u0].os - us[ws[k].u1 - 1].oe);
            for (guint k = i; k <= j; k++)
              {
                if (k < j && us[ws[k + 1].u0].os - us[ws[k].u1 - 1].oe <= min_gap)
                  continue;
                if (k > k0)
                  {
                    RawWord joined = ws[k0];
                    joined.u1 = ws[k].u1;
                    joined.n_chars = k - k0 + 1;
                    joined.flags |= VIGIE_TOKEN_OBFUSCATED;
                    joined.question = ws[k].question;
                    ws[out_n++] = joined;
                  }
                else
                  ws[out_n++] = ws[k0];
                k0 = k + 1;
              }
            i = j + 1;
          }
        else
          ws[out_n++] = ws[i++];
      }
    g_array_set_size (words, out_n);
  }

  /* The skeleton */
  ensure_capacity (out, 2 + len * 3 + words->len * 8 + 16);
  /* Written through locals: a char store through @out could change any
   * of its fields, which the compiler would read again after each one */
  sk.text = out->text;
  sk.runs = out->runs;
  sk.orig_start = out->orig_start;
  sk.orig_end = out->orig_end;
  sk.len = 0;
  /* at most two tokens per word (a contraction): filled by index */
  g_array_set_size (out->tokens, words->len * 2);
  toks = (VigieToken *) out->tokens->data;
  sink_emit (&sk, ' ', 1, 0, 0);
  for (guint w = 0; w < words->len; w++)
    {
      RawWord *rw = &g_array_index (words, RawWord, w);
      VigieToken tok = { 0 };
      gboolean all_caps = TRUE, any_letter = FALSE, all_digits = TRUE;
      guint32 tok_start = sk.len;

      if (w > 0 && rw->sep == SEP_SENT)
        {
          sentence++;
          first_token_of_sentence = n_toks;
        }
      (void) first_token_of_sentence;

      tok.start = sk.len;
      tok.orig_start = us[rw->u0].os;
      tok.orig_end = us[rw->u1 - 1].oe;
      tok.flags = rw->flags;
      tok.sentence = sentence;
      if (w == 0 || rw->sep == SEP_SENT)
        tok.flags |= VIGIE_TOKEN_SENTENCE_START;
      if (rw->sep == SEP_COMMA)
        tok.flags |= VIGIE_TOKEN_AFTER_COMMA;

      for (guint k = rw->u0; k < rw->u1; k++)
        {
          Unit *u = &us[k];

          if (u->kind == U_WORD)
            {
              for (const char *c = u->word; *c; c++)
                sink_emit (&sk, *c, 1, u->os, u->oe);
              all_digits = FALSE;
              all_caps = FALSE;
              continue;
            }
          if (!unit_in_word (u))
            continue;
          if (u->kind == U_LETTER)
            {
              if (!any_letter && u->upper)
                tok.flags |= VIGIE_TOKEN_CAPITALIZED;
              any_letter = TRUE;
              all_digits = FALSE;
              if (!u->upper)
                all_caps = FALSE;
            }
          else if (u->kind == U_MASK)
            all_digits = FALSE;
          for (guint m = 0; m < u->nfold; m++)
            {
              char c = u->fold[m];
              if (sk.len > tok_start && sk.text[sk.len - 1] == c)
                {
                  if (sk.runs[sk.len - 1] < 3)
                    sk.runs[sk.len - 1]++;
                  sk.orig_end[sk.len - 1] = u->oe;
                }
              else
                sink_emit (&sk, c, 1, u->os, u->oe);
            }
        }
      if (sk.len == tok_start)
        {
          if (rw->question && n_toks > 0 && toks[n_toks - 1].sentence == sentence)
            toks[n_toks - 1].flags |= VIGIE_TOKEN_QUESTION_MARK;
          continue;
        }
      if (any_letter && all_caps && rw->n_chars >= 2)
        tok.flags |= VIGIE_TOKEN_ALL_CAPS;
      if (!any_letter && all_digits)
        tok.flags |= VIGIE_TOKEN_NUMBER;
      if (tok.flags & VIGIE_TOKEN_ALL_CAPS)
        tok.flags &= ~VIGIE_TOKEN_CAPITALIZED;
      tok.end = sk.len;
      if (!any_letter || (tok.flags & (VIGIE_TOKEN_OBFUSCATED | VIGIE_TOKEN_MASKED)) != 0)
        ;
      else
        {
          char buf[32];
          const char *full = contraction_full (sk.text + tok_start, sk.len - tok_start, buf);
          if (full != NULL)
            {
              const char *sp = strchr (full, ' ');
              sk.len = tok_start;
              for (const char *c = full; *c; c++)
                sink_emit (&sk, *c, 1, c == sp ? tok.orig_end : tok.orig_start,
                           c == sp ? tok.orig_end : tok.orig_end);
              if (sp != NULL)
                {
                  VigieToken first = tok;
                  first.end = tok_start + (sp - full);
                  first.flags &= ~VIGIE_TOKEN_QUESTION_MARK;
                  toks[n_toks++] = first;
                  tok.start = first.end + 1;
                  tok.flags &= ~(VIGIE_TOKEN_SENTENCE_START | VIGIE_TOKEN_AFTER_COMMA |
                                 VIGIE_TOKEN_CAPITALIZED);
                }
              tok.end = sk.len;
            }
        }
      if (rw->question)
        tok.flags |= VIGIE_TOKEN_QUESTION_MARK;
      toks[n_toks++] = tok;
      /* The separator takes the original position of the next character */
      sink_emit (&sk, ' ', 1, tok.orig_end, tok.orig_end);
    }
  g_array_set_size (out->tokens, n_toks);
  out->len = sk.len;
  out->text[out->len] = '\0';
  out->n_sentences = out->tokens->len > 0 ? sentence + 1 : 0;

  /* Questions: every token of a sentence that ends with '?' */
  {
    VigieToken *ts = (VigieToken *) out->tokens->data;
    guint nt = out->tokens->len;
    for (guint k = 0; k < nt;)
      {
        guint e = k;
        gboolean q = FALSE;
        while (e < nt && ts[e].sentence == ts[k].sentence)
          {
            if (ts[e].flags & VIGIE_TOKEN_QUESTION_MARK)
              q = TRUE;
            ts[e].flags &= ~VIGIE_TOKEN_QUESTION_MARK;
            e++;
          }
        if (q)
          for (guint m = k; m < e; m++)
            ts[m].flags |= VIGIE_TOKEN_QUESTION;
        k = e;
      }
  }

}

VigieNormalized *
vigie_normalized_new (void)
{
  VigieNormalized *self = g_new0 (VigieNormalized, 1);

  self->tokens = g_array_sized_new (FALSE, FALSE, sizeof (VigieToken), 32);
  self->links = g_array_new (FALSE, FALSE, sizeof (VigieLink));
  self->units = g_array_sized_new (FALSE, FALSE, sizeof (Unit), 256);
  self->words = g_array_sized_new (FALSE, FALSE, sizeof (RawWord), 64);
  ensure_capacity (self, 256);
  self->text[0] = '\0';
  return self;
}

void
vigie_normalized_free (VigieNormalized *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->runs);
  g_free (self->orig_start);
  g_free (self->orig_end);
  g_array_unref (self->tokens);
  g_array_unref (self->links);
  g_array_unref (self->units);
  g_array_unref (self->words);
  g_free (self);
}

char *
vigie_normalize_term (const char  *term,
                      guint8     **out_runs)
{
  /* Scratch space kept per thread: a policy has tens of thousands of terms
   * and variants, each normalised when a classifier is made */
  static GPrivate scratch = G_PRIVATE_INIT ((GDestroyNotify) vigie_normalized_free);
  VigieNormalized *n = g_private_get (&scratch);
  char *result;

  if (n == NULL)
    {
      n = vigie_normalized_new ();
      g_private_set (&scratch, n);
    }

  vigie_normalize (n, term, -1);
  if (n->len <= 2)
    {
      if (out_runs)
        *out_runs = NULL;
      return NULL;
    }
  result = g_strndup (n->text + 1, n->len - 2);
  if (out_runs)
    *out_runs = g_memdup2 (n->runs + 1, n->len - 2);
  return result;
}
