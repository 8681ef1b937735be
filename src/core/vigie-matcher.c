/* vigie-matcher.c — many patterns, one pass (Aho-Corasick)
 *
 * The automaton is compiled into a complete transition table (every state
 * has a next state for every symbol), so a scan reads one table cell per
 * byte of text, whatever the number of patterns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vigie-matcher"

#include "config.h"

#include <string.h>

#include "vigie-matcher.h"

#define N_SYMBOLS 38  /* a-z, 0-9, ' ', '*' */
/* In a compiled row, a transition to a state with outputs on its fail chain */
#define HAS_OUTPUT 0x80000000u

typedef struct
{
  guint32  value;
  guint32  len;
  guint8  *runs;     /* NULL: all 1 */
  guint8   flags;
} Pattern;

/* A pattern as the scan reads it */
typedef struct
{
  const guint8 *runs;   /* NULL: all 1 */
  guint32       value;
  guint32       len;
  guint32       flags;
} OutEntry;

struct _VigieMatcher
{
  GArray   *delta;       /* guint32 [n_states * N_SYMBOLS] until compiled */
  guint32  *table;       /* once compiled: guint32 [n_states * n_classes], delta freed */
  guint32  *chain_start; /* once compiled, per state and one more: its first entry in chain */
  OutEntry *chain;       /* per state, the patterns that end there, then those of its dict_link chain */
  guint8    class_of[256];          /* once compiled: byte → column */
  guint8    class_of_symbol[N_SYMBOLS];
  guint     n_classes;
  GArray   *fail;        /* guint32 per state */
  GArray   *out_first;   /* guint32 per state: first index in out_list, or G_MAXUINT32 */
  GArray   *dict_link;   /* guint32 per state: next state on the fail chain with outputs, 0 = none */
  GArray   *patterns;    /* Pattern */
  GArray   *out_pattern; /* guint32: pattern index */
  GArray   *out_next;    /* guint32: next output of the same state, G_MAXUINT32 = end */
  gboolean  compiled;
};

static gint8 symbol_of[256];
static gsize symbols_ready = 0;

static void
init_symbols (void)
{
  if (g_once_init_enter (&symbols_ready))
    {
      memset (symbol_of, -1, sizeof symbol_of);
      for (int c = 'a'; c <= 'z'; c++)
        symbol_of[c] = c - 'a';
      for (int c = '0'; c <= '9'; c++)
        symbol_of[c] = 26 + c - '0';
      symbol_of[' '] = 36;
      symbol_of['*'] = 37;
      g_once_init_leave (&symbols_ready, 1);
    }
}

static guint32
new_state (VigieMatcher *self)
{
  guint32 id = self->fail->len;
  guint32 zero = 0, none = G_MAXUINT32;

  g_array_set_size (self->delta, self->delta->len + N_SYMBOLS);  /* zero-filled: no edge */
  g_array_append_val (self->fail, zero);
  g_array_append_val (self->out_first, none);
  g_array_append_val (self->dict_link, zero);
  return id;
}

VigieMatcher *
vigie_matcher_new (void)
{
  VigieMatcher *self = g_new0 (VigieMatcher, 1);

  init_symbols ();
  self->delta = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->fail = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->out_first = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->dict_link = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->patterns = g_array_new (FALSE, TRUE, sizeof (Pattern));
  self->out_pattern = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->out_next = g_array_new (FALSE, TRUE, sizeof (guint32));
  new_state (self);  /* the root */
  return self;
}

void
vigie_matcher_free (VigieMatcher *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->patterns->len; i++)
    g_free (g_array_index (self->patterns, Pattern, i).runs);
  if (self->delta != NULL)
    g_array_unref (self->delta);
  g_free (self->table);
  g_free (self->chain_start);
  g_free (self->chain);
  g_array_unref (self->fail);
  g_array_unref (self->out_first);
  g_array_unref (self->dict_link);
  g_array_unref (self->patterns);
  g_array_unref (self->out_pattern);
  g_array_unref (self->out_next);
  g_free (self);
}

gboolean
vigie_matcher_add (VigieMatcher    *self,
                   const char      *pattern,
                   const guint8    *runs,
                   VigieMatchFlags  flags,
                   guint32          value)
{
  guint32 state = 0;
  gsize len = strlen (pattern);
  Pattern p = { value, len, NULL, flags };
  guint32 index;
  gboolean all_one = TRUE;

  g_return_val_if_fail (!self->compiled, FALSE);

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (symbol_of[(guchar) pattern[i]] < 0)
      return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      int sym = symbol_of[(guchar) pattern[i]];
      guint32 next = g_array_index (self->delta, guint32, state * N_SYMBOLS + sym);
      if (next == 0)
        {
          next = new_state (self);
          g_array_index (self->delta, guint32, state * N_SYMBOLS + sym) = next;
        }
      state = next;
    }

  if (runs != NULL)
    for (gsize i = 0; i < len; i++)
      if (runs[i] != 1)
        all_one = FALSE;
  if (!all_one)
    p.runs = g_memdup2 (runs, len);

  index = self->patterns->len;
  g_array_append_val (self->patterns, p);
  {
    guint32 out_index = self->out_pattern->len;
    guint32 first = g_array_index (self->out_first, guint32, state);
    g_array_append_val (self->out_pattern, index);
    g_array_append_val (self->out_next, first);
    g_array_index (self->out_first, guint32, state) = out_index;
  }
  return TRUE;
}

void
vigie_matcher_compile (VigieMatcher *self)
{
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint64 hash[N_SYMBOLS];  /* of each column: the same in any numbering */
  guint32 *delta;
  guint32 *fail;
  guint32 *out_first;
  guint32 *dict_link;

  g_return_if_fail (!self->compiled);

  delta = (guint32 *) self->delta->data;
  fail = (guint32 *) self->fail->data;
  out_first = (guint32 *) self->out_first->data;
  dict_link = (guint32 *) self->dict_link->data;

  /* Breadth first: a state's fail link points to a shallower state, whose
   * transitions are already complete. */
  for (int s = 0; s < N_SYMBOLS; s++)
    {
      guint32 next = delta[s];
      if (next != 0)
        {
          fail[next] = 0;
          g_array_append_val (queue, next);
        }
    }
  for (guint qi = 0; qi < queue->len; qi++)
    {
      guint32 state = g_array_index (queue, guint32, qi);
      guint32 f = fail[state];

      dict_link[state] = out_first[f] != G_MAXUINT32 ? f : dict_link[f];
      for (int s = 0; s < N_SYMBOLS; s++)
        {
          guint32 next = delta[state * N_SYMBOLS + s];
          if (next != 0)
            {
              fail[next] = delta[f * N_SYMBOLS + s];
              g_array_append_val (queue, next);
            }
          else
            delta[state * N_SYMBOLS + s] = delta[f * N_SYMBOLS + s];
        }
    }
  /* States numbered breadth first: the shallow states, where a scan spends
   * most of its time, are then together in memory (fewer cache misses than
   * in the order the terms were added). The table is renumbered in place:
   * a copy would double the peak memory. */
  {
    guint n = self->fail->len;
    g_autofree guint32 *perm = g_new (guint32, n);
    g_autofree guint32 *small = g_new (guint32, n);
    g_autofree guint8 *done = g_new0 (guint8, n);
    guint32 row[N_SYMBOLS], tmp[N_SYMBOLS];

    g_assert (queue->len + 1 == n);
    perm[0] = 0;
    for (guint qi = 0; qi < queue->len; qi++)
      perm[g_array_index (queue, guint32, qi)] = qi + 1;
    for (int c = 0; c < N_SYMBOLS; c++)
      hash[c] = 1469598103934665603ull;
    for (gsize st = 0; st < n; st++)
      for (int c = 0; c < N_SYMBOLS; c++)
        {
          guint32 next = perm[delta[st * N_SYMBOLS + c]];
          delta[st * N_SYMBOLS + c] = next;
          hash[c] = (hash[c] ^ next) * 1099511628211ull;
        }
    /* Rows moved along the cycles of the permutation */
    for (guint32 start = 0; start < n; start++)
      {
        guint32 cur = start;
        if (done[start])
          continue;
        memcpy (row, &delta[(gsize) start * N_SYMBOLS], sizeof row);
        do
          {
            guint32 to = perm[cur];
            memcpy (tmp, &delta[(gsize) to * N_SYMBOLS], sizeof tmp);
            memcpy (&delta[(gsize) to * N_SYMBOLS], row, sizeof row);
            memcpy (row, tmp, sizeof row);
            done[cur] = 1;
            cur = to;
          }
        while (cur != start);
      }
    for (guint32 old = 0; old < n; old++)
      small[perm[old]] = perm[fail[old]];
    memcpy (fail, small, n * sizeof (guint32));
    for (guint32 old = 0; old < n; old++)
      small[perm[old]] = out_first[old];
    memcpy (out_first, small, n * sizeof (guint32));
    for (guint32 old = 0; old < n; old++)
      small[perm[old]] = perm[dict_link[old]];
    memcpy (dict_link, small, n * sizeof (guint32));
  }

  /* Symbols whose columns are the same in every state (those no term
   * uses, say) share one column: shorter rows, fewer cache lines. A
   * transition to a state with outputs on its fail chain carries
   * HAS_OUTPUT, so the scan reads the output link only then. */
  {
    guint n = self->fail->len;
    int rep[N_SYMBOLS];   /* class → its first symbol */
    guint nc = 0;

    g_assert (n < HAS_OUTPUT);
    for (int c = 0; c < N_SYMBOLS; c++)
      {
        int cls = -1;
        for (guint k = 0; k < nc && cls < 0; k++)
          if (hash[rep[k]] == hash[c])
            cls = k;
        if (cls < 0)
          {
            cls = nc++;
            rep[cls] = c;
          }
        self->class_of_symbol[c] = cls;
      }
    /* Same hash, same column: checked, and if not, no column shared */
    {
      int merged[N_SYMBOLS], n_merged = 0;
      gboolean differ = FALSE;

      for (int c = 0; c < N_SYMBOLS; c++)
        if (rep[self->class_of_symbol[c]] != c)
          merged[n_merged++] = c;
      for (guint st = 0; st < n && !differ; st++)
        for (int m = 0; m < n_merged; m++)
          if (delta[(gsize) st * N_SYMBOLS + merged[m]] !=
              delta[(gsize) st * N_SYMBOLS + rep[self->class_of_symbol[merged[m]]]])
            differ = TRUE;
      if (differ)
        {
          for (int k = 0; k < N_SYMBOLS; k++)
            rep[k] = self->class_of_symbol[k] = k;
          nc = N_SYMBOLS;
        }
    }
    for (int b = 0; b < 256; b++)
      self->class_of[b] = self->class_of_symbol[symbol_of[b] < 0 ? 36 : symbol_of[b]];
    self->n_classes = nc;

    /* Each state's outputs and those of its dict_link chain, in the order
     * the chain gives them, side by side */
    {
      g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (OutEntry));
      const guint32 *out_next = (const guint32 *) self->out_next->data;
      const guint32 *out_pattern = (const guint32 *) self->out_pattern->data;
      const Pattern *patterns = (const Pattern *) self->patterns->data;

      self->chain_start = g_new (guint32, n + 1);
      for (guint st = 0; st < n; st++)
        {
          guint32 x = out_first[st] != G_MAXUINT32 ? (guint32) st : dict_link[st];
          self->chain_start[st] = chain->len;
          for (; x != 0; x = dict_link[x])
            for (guint32 o = out_first[x]; o != G_MAXUINT32; o = out_next[o])
              {
                const Pattern *p = &patterns[out_pattern[o]];
                OutEntry e = { p->runs, p->value, p->len, p->flags };
                g_array_append_val (chain, e);
              }
        }
      self->chain_start[n] = chain->len;
      self->chain = (OutEntry *) g_array_free (g_steal_pointer (&chain), FALSE);
    }
    /* Rows narrowed in place, from the first one up: a class's first
     * symbol is never before the class, so nothing is overwritten
     * before it is read */
    {
      g_autofree guint32 *flag = g_new (guint32, n);

      for (gsize st = 0; st < n; st++)
        flag[st] = self->chain_start[st + 1] > self->chain_start[st] ? HAS_OUTPUT : 0;
      for (gsize st = 0; st < n; st++)
        for (guint k = 0; k < nc; k++)
          {
            guint32 next = delta[st * N_SYMBOLS + rep[k]];
            delta[st * nc + k] = next | flag[next];
          }
    }
    /* The narrowed table alone, the rest of the memory given back */
    self->table = g_realloc (g_array_free (g_steal_pointer (&self->delta), FALSE),
                             (gsize) n * nc * sizeof (guint32));
  }
  self->compiled = TRUE;
}

guint
vigie_matcher_get_n_states (VigieMatcher *self)
{
  return self->fail->len;
}

static inline gboolean
runs_agree (const OutEntry *p,
            const guint8  *runs,
            guint32        start)
{
  if (p->runs == NULL)
    {
      for (guint32 i = 0; i < p->len; i++)
        {
          guint8 r = runs[start + i];
          if (r == 2 && !(p->flags & VIGIE_MATCH_LOOSE_RUNS))
            return FALSE;
        }
      return TRUE;
    }
  for (guint32 i = 0; i < p->len; i++)
    {
      guint8 r = runs[start + i];
      guint8 want = p->runs[i];
      if (r == want || r >= 3)
        continue;
      if (p->flags & VIGIE_MATCH_LOOSE_RUNS)
        continue;
      return FALSE;
    }
  return TRUE;
}

void
vigie_matcher_scan (const VigieMatcher *self,
                    const char         *text,
                    const guint8       *runs,
                    guint32             len,
                    VigieMatchFunc      func,
                    gpointer            user_data)
{
  const guint32 *delta = self->table;
  const guint32 *chain_start = self->chain_start;
  const OutEntry *chain = self->chain;
  const guint8 *class_of = self->class_of;
  const gsize nc = self->n_classes;
  guint32 state = 0;
  gboolean has_double;

  g_return_if_fail (self->compiled);

  has_double = runs != NULL && memchr (runs, 2, len) != NULL;
  for (guint32 i = 0; i < len; i++)
    {
      guint32 next = delta[(gsize) state * nc + class_of[(guchar) text[i]]];
      const OutEntry *p, *last;

      state = next & ~HAS_OUTPUT;
      if (G_LIKELY (!(next & HAS_OUTPUT)))
        continue;
      last = chain + chain_start[state + 1];
      for (p = chain + chain_start[state]; p < last; p++)
        {
          guint32 start = i + 1 - p->len;
          /* A term written without double letters agrees with a text
           * that has none, and with any when its runs are loose */
          if (runs == NULL ||
              (p->runs == NULL && (!has_double || (p->flags & VIGIE_MATCH_LOOSE_RUNS))) ||
              runs_agree (p, runs, start))
            if (!func (p->value, start, i + 1, user_data))
              return;
        }
    }
}
