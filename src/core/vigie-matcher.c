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
/* A compiled row: the next state for every symbol, then the first state on
 * the fail chain that has outputs (0: none), read with the row a scan is
 * about to use anyway */
#define ROW (N_SYMBOLS + 1)

typedef struct
{
  guint32  value;
  guint32  len;
  guint8  *runs;     /* NULL: all 1 */
  guint8   flags;
} Pattern;

struct _VigieMatcher
{
  GArray   *delta;       /* guint32 [n_states * N_SYMBOLS], [n_states * ROW] once compiled */
  guint16  *delta16;     /* the same in half the memory, when there are few states */
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
  g_array_unref (self->delta);
  g_free (self->delta16);
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
    for (gsize k = 0; k < (gsize) n * N_SYMBOLS; k++)
      delta[k] = perm[delta[k]];
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

  /* Rows widened in place to ROW, from the last one down */
  {
    guint n = self->fail->len;
    g_array_set_size (self->delta, (gsize) n * ROW);
    delta = (guint32 *) self->delta->data;
    for (gint st = (gint) n - 1; st >= 0; st--)
      {
        memmove (&delta[(gsize) st * ROW], &delta[(gsize) st * N_SYMBOLS],
                 N_SYMBOLS * sizeof (guint32));
        delta[(gsize) st * ROW + N_SYMBOLS] = out_first[st] != G_MAXUINT32 ? (guint32) st
                                                                           : dict_link[st];
      }
  }

  /* A smaller table stays in the cache */
  if (self->fail->len <= G_MAXUINT16)
    {
      self->delta16 = g_new (guint16, self->delta->len);
      for (guint i = 0; i < self->delta->len; i++)
        self->delta16[i] = g_array_index (self->delta, guint32, i);
    }
  self->compiled = TRUE;
}

guint
vigie_matcher_get_n_states (VigieMatcher *self)
{
  return self->fail->len;
}

static inline gboolean
runs_agree (const Pattern *p,
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
  const guint32 *delta = (const guint32 *) self->delta->data;
  const guint32 *out_first = (const guint32 *) self->out_first->data;
  const guint32 *dict_link = (const guint32 *) self->dict_link->data;
  const guint32 *out_pattern = (const guint32 *) self->out_pattern->data;
  const guint32 *out_next = (const guint32 *) self->out_next->data;
  const Pattern *patterns = (const Pattern *) self->patterns->data;
  guint32 state = 0;

  g_return_if_fail (self->compiled);

  for (guint32 i = 0; i < len; i++)
    {
      int sym = symbol_of[(guchar) text[i]];
      guint32 s;

      if (G_UNLIKELY (sym < 0))
        sym = 36;
      if (self->delta16)
        {
          state = self->delta16[state * ROW + sym];
          s = self->delta16[state * ROW + N_SYMBOLS];
        }
      else
        {
          state = delta[(gsize) state * ROW + sym];
          s = delta[(gsize) state * ROW + N_SYMBOLS];
        }
      while (s != 0)
        {
          for (guint32 o = out_first[s]; o != G_MAXUINT32; o = out_next[o])
            {
              const Pattern *p = &patterns[out_pattern[o]];
              guint32 start = i + 1 - p->len;
              if (runs == NULL || runs_agree (p, runs, start))
                if (!func (p->value, start, i + 1, user_data))
                  return;
            }
          s = dict_link[s];
        }
    }
}
