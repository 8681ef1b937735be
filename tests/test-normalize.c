/* test-normalize.c — normalisation and the matcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "vigie-detect.h"
#include "vigie-matcher.h"
#include "vigie-normalize.h"

/* The normalised words of @text, joined by spaces */
static char *
words (const char *text)
{
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();

  vigie_normalize (n, text, -1);
  g_assert_cmpuint (n->len, >=, 1);
  g_assert_true (n->text[0] == ' ');
  g_assert_true (n->text[n->len - 1] == ' ');
  return g_strndup (n->text + 1, n->len > 2 ? n->len - 2 : 0);
}

/* The original text behind the first token whose skeleton is @skeleton */
static char *
original_of (const char *text,
             const char *skeleton)
{
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();

  vigie_normalize (n, text, -1);
  for (guint i = 0; i < n->tokens->len; i++)
    {
      VigieToken *t = &g_array_index (n->tokens, VigieToken, i);
      if (t->end - t->start == strlen (skeleton) &&
          strncmp (n->text + t->start, skeleton, t->end - t->start) == 0)
        return g_strndup (text + t->orig_start, t->orig_end - t->orig_start);
    }
  return NULL;
}

static void
assert_words (const char *text,
              const char *expected)
{
  g_autofree char *got = words (text);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_case_and_accents (void)
{
  assert_words ("Éric À L'ÉCOLE", "eric a l ecole");
  assert_words ("Œuvre cœur", "oeuvre coeur");
  /* Combining accents, written apart */
  assert_words ("e\xcc\x81te\xcc\x81", "ete");
}

static void
test_compatibility_and_lookalikes (void)
{
  /* Fullwidth, mathematical bold, Cyrillic 'с' and 'о' */
  assert_words ("Ｃｏｎｎａｒｄ", "conard");
  assert_words ("\xf0\x9d\x90\x9c\xf0\x9d\x90\xa8\xf0\x9d\x90\xa7", "con");
  assert_words ("\xd1\x81\xd0\xbenard", "conard");
  /* Invisible characters do not split a word */
  assert_words ("con\xe2\x80\x8bnard", "conard");
}

static void
test_leetspeak (void)
{
  assert_words ("c0nn@rd", "conard");
  assert_words ("s4lope m0rt d\xc3\xa9tes7e", "salope mort deteste");
  /* A mask stays a wildcard */
  assert_words ("n3gr* f*ck", "negr* f*ck");
  /* Numbers and units are not leetspeak, an e-mail is not a word */
  assert_words ("covid19 au 3e étage, 15ans", "covid19 au 3e etage 15ans");
  /* Emphasis asterisks are punctuation */
  assert_words ("*important*", "important");
  /* "@" starts a mention */
  assert_words ("@julie merci", "julie merci");
}

static void
test_repeated_letters (void)
{
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();

  vigie_normalize (n, "connnnnard salle sale", -1);
  g_assert_cmpstr (n->text, ==, " conard sale sale ");
  /* The run lengths tell them apart: "nnnnn" is stretched, "ll" double */
  g_assert_cmpint (n->runs[3], ==, 3);
  g_assert_cmpint (n->runs[10], ==, 2);
  g_assert_cmpint (n->runs[15], ==, 1);
}

static void
test_spread_letters (void)
{
  assert_words ("c o n n a r d", "conard");
  assert_words ("I.d.i.o.t.s les gestionnaires", "idiots les gestionaires");
  assert_words ("un b o u g n o u l e .", "un bougnoule");
  /* a wider gap between the letters separates the words they spell */
  assert_words ("g r o s   n i a i s e u x", "gros niaiseux");
  assert_words ("V A   T E   T U E R", "va te tuer");
  /* Two single letters are not a spread word */
  assert_words ("il y a", "il y a");
  assert_words ("l'a-t-il vu", "l a t il vu");
  /* "p'tit" is one word, not "p" and "tit" */
  assert_words ("les p'tits du primaire", "les petits du primaire");
  assert_words ("une P'tite vite", "une petite vite");
}

/* "> what someone wrote — the answer": forums quote a line that way */
static void
test_forum_quotes (void)
{
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();

  vigie_normalize (n, "> t'es nul \xe2\x80\x94 non toi", -1);
  g_assert_cmpuint (n->tokens->len, ==, 5);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_array_index (n->tokens, VigieToken, i).flags & VIGIE_TOKEN_QUOTED);
  for (guint i = 3; i < 5; i++)
    g_assert_false (g_array_index (n->tokens, VigieToken, i).flags & VIGIE_TOKEN_QUOTED);
  /* a ">" in the middle of a line quotes nothing */
  vigie_normalize (n, "a > b donc t'es nul", -1);
  for (guint i = 0; i < n->tokens->len; i++)
    g_assert_false (g_array_index (n->tokens, VigieToken, i).flags & VIGIE_TOKEN_QUOTED);
}

static void
test_emoji_words (void)
{
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();
  const char *text = "Merci 🖕🤡 !";
  VigieToken *t;

  assert_words (text, "merci emofuck emoclown");
  assert_words ("😀 bonjour", "bonjour");
  assert_words ("je t'aime 😘❤️", "je t aime emobisou emocoeur");
  assert_words ("🐒🍌 🐽 🐋", "emosinge emobanane emocochon emobaleine");
  vigie_normalize (n, text, -1);
  t = &g_array_index (n->tokens, VigieToken, 1);
  g_assert_true (t->flags & VIGIE_TOKEN_EMOJI);
  g_assert_cmpuint (t->orig_start, ==, 6);
  g_assert_cmpuint (t->orig_end, ==, 10);
}

static void
test_contractions (void)
{
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();
  g_autofree char *orig = NULL;
  guint questions = 0;

  /* Spoken forms written as one word get their full words */
  assert_words ("Jte vois, jvais y aller", "je te vois je vais y aler");
  assert_words ("chu tanné, mange dla soupe ptite", "je suis tane mange de la soupe petite");
  assert_words ("jvai y aller, jvé voir", "je vais y aler je vais voir");
  /* a "j" before a vowel, a word that only looks like one, the letters hidden: left alone */
  assert_words ("jaune jouer jtaime jpeg", "jaune jouer jtaime jpeg");
  assert_words ("j*te", "j*te");
  /* a "j" glued to a verb that starts with a vowel, "cest": split as the
   * words with an apostrophe are; "jetais" is a verb of its own */
  assert_words ("Jespere que oui, jai faim, JAIME ça", "j espere que oui j ai faim j aime ca");
  assert_words ("j'espère, j'ai", "j espere j ai");
  assert_words ("cest beau, cétait mieux, c'est", "c est beau c etait mieux c est");
  assert_words ("je jetais jeudi jean", "je jetais jeudi jean");
  orig = original_of ("Bon, JESPERE", "espere");
  g_assert_cmpstr (orig, ==, "JESPERE");
  g_clear_pointer (&orig, g_free);
  /* both words map back to the word as written */
  orig = original_of ("Bon, JTE dis", "je");
  g_assert_cmpstr (orig, ==, "JTE");
  orig = (g_free (orig), original_of ("Bon, JTE dis", "te"));
  g_assert_cmpstr (orig, ==, "JTE");

  /* The sentence of a question keeps its mark on every token, the new one too */
  vigie_normalize (n, "Tu viens? jte parle. ok", -1);
  g_assert_cmpuint (n->tokens->len, ==, 6);
  for (guint i = 0; i < n->tokens->len; i++)
    {
      VigieToken *t = &g_array_index (n->tokens, VigieToken, i);
      if (t->flags & VIGIE_TOKEN_QUESTION)
        questions++;
      g_assert_cmpuint (t->sentence, ==, i < 2 ? 0 : i < 5 ? 1 : 2);
    }
  g_assert_cmpuint (questions, ==, 2);
  vigie_normalize (n, "Alors jte parle?", -1);
  for (guint i = 0; i < n->tokens->len; i++)
    g_assert_true (g_array_index (n->tokens, VigieToken, i).flags & VIGIE_TOKEN_QUESTION);
}

static void
test_offsets (void)
{
  const char *text = "Vous êtes des «\xc2\xa0" "c0nnnards\xc2\xa0» ok";
  g_autofree char *orig = original_of (text, "conards");
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();

  g_assert_cmpstr (orig, ==, "c0nnnards");
  orig = (g_free (orig), original_of ("Ｃｏｎ", "con"));
  g_assert_cmpstr (orig, ==, "Ｃｏｎ");
  orig = (g_free (orig), original_of ("c . o . n", "con"));
  g_assert_cmpstr (orig, ==, "c . o . n");

  /* Every byte of the skeleton maps inside the original */
  vigie_normalize (n, text, -1);
  for (guint i = 0; i < n->len; i++)
    {
      g_assert_cmpuint (n->orig_start[i], <=, n->orig_end[i]);
      g_assert_cmpuint (n->orig_end[i], <=, strlen (text));
    }
}

static void
test_links_and_quotes (void)
{
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();
  const char *text = "Voir www.exemple-promo.com/x?y=1. Écrivez à marie.t@courriel.ca « sale con » ok?";
  VigieLink *l;
  g_autofree char *host = NULL;
  guint quoted = 0;

  vigie_normalize (n, text, -1);
  g_assert_cmpuint (n->links->len, ==, 2);
  l = &g_array_index (n->links, VigieLink, 0);
  g_assert_false (l->is_email);
  host = g_strndup (text + l->host_start, l->host_end - l->host_start);
  g_assert_cmpstr (host, ==, "www.exemple-promo.com");
  l = &g_array_index (n->links, VigieLink, 1);
  g_assert_true (l->is_email);
  g_assert_true (strstr (n->text, " zzurl ") != NULL);
  g_assert_true (strstr (n->text, " zzemail ") != NULL);
  for (guint i = 0; i < n->tokens->len; i++)
    {
      VigieToken *t = &g_array_index (n->tokens, VigieToken, i);
      if (t->flags & VIGIE_TOKEN_QUOTED)
        quoted++;
      if (i == n->tokens->len - 1)
        g_assert_true (t->flags & VIGIE_TOKEN_QUESTION);
    }
  g_assert_cmpuint (quoted, ==, 2);
  g_assert_cmpuint (n->n_sentences, ==, 2);

  /* A quotation mark never closed quotes nothing */
  vigie_normalize (n, "\"Je dis que t'es un idiot", -1);
  for (guint i = 0; i < n->tokens->len; i++)
    g_assert_false (g_array_index (n->tokens, VigieToken, i).flags & VIGIE_TOKEN_QUOTED);
}

static gboolean
collect_cb (guint32  value,
            guint32  start,
            guint32  end,
            gpointer user_data)
{
  GString *out = user_data;
  g_string_append_printf (out, "%u:%u-%u;", value, start, end);
  return TRUE;
}

static char *
scan (VigieMatcher *m,
      const char   *text)
{
  g_autoptr(VigieNormalized) n = vigie_normalized_new ();
  GString *out = g_string_new (NULL);

  vigie_normalize (n, text, -1);
  vigie_matcher_scan (m, n->text, n->runs, n->len, collect_cb, out);
  return g_string_free (out, FALSE);
}

static void
test_matcher (void)
{
  g_autoptr(VigieMatcher) m = vigie_matcher_new ();
  const guint8 sale_runs[] = { 1, 1, 1, 1, 1, 1 };
  const guint8 salle_runs[] = { 1, 1, 1, 2, 1, 1 };
  char *got;

  g_assert_true (vigie_matcher_add (m, " con ", NULL, VIGIE_MATCH_STRICT_RUNS, 1));
  g_assert_true (vigie_matcher_add (m, " sale ", sale_runs, VIGIE_MATCH_STRICT_RUNS, 2));
  g_assert_true (vigie_matcher_add (m, " sale ", salle_runs, VIGIE_MATCH_STRICT_RUNS, 3));
  g_assert_true (vigie_matcher_add (m, "fuck", NULL, VIGIE_MATCH_STRICT_RUNS, 4));
  g_assert_false (vigie_matcher_add (m, "É", NULL, VIGIE_MATCH_STRICT_RUNS, 5));
  vigie_matcher_compile (m);

  /* Whole words only, one pass, run lengths respected */
  got = scan (m, "Le conseil, ce con");
  g_assert_cmpstr (got, ==, "1:14-19;");
  g_free (got);
  got = scan (m, "salle sale");
  g_assert_cmpstr (got, ==, "3:0-6;2:5-11;");
  g_free (got);
  /* Stretched letters agree with any run */
  got = scan (m, "saaaale");
  g_assert_cmpstr (got, ==, "2:0-6;");
  g_free (got);
  got = scan (m, "motherfuckers");
  g_assert_cmpstr (got, ==, "4:7-11;");
  g_free (got);
}

static void
test_luhn (void)
{
  g_assert_true (vigie_luhn_valid ("046454286", 9));
  g_assert_false (vigie_luhn_valid ("046454287", 9));
  g_assert_false (vigie_luhn_valid ("04645428a", 9));
}

static void
test_simhash (void)
{
  const char *a = " stationnement gratuit maintenant la sante c est pas une business partagez ";
  const char *b = " stationnement gratuit maintenant la sante c est pas une business partagez svp ";
  const char *c = " je cherche un chat gris perdu pres du quai depuis mardi soir merci ";

  g_assert_cmpuint (vigie_hamming64 (vigie_simhash (a, strlen (a)), vigie_simhash (b, strlen (b))),
                    <=, 10);
  g_assert_cmpuint (vigie_hamming64 (vigie_simhash (a, strlen (a)), vigie_simhash (c, strlen (c))),
                    >, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vigie/normalize/case-accents", test_case_and_accents);
  g_test_add_func ("/vigie/normalize/compatibility-lookalikes", test_compatibility_and_lookalikes);
  g_test_add_func ("/vigie/normalize/leetspeak", test_leetspeak);
  g_test_add_func ("/vigie/normalize/repeated-letters", test_repeated_letters);
  g_test_add_func ("/vigie/normalize/spread-letters", test_spread_letters);
  g_test_add_func ("/vigie/normalize/emoji-words", test_emoji_words);
  g_test_add_func ("/vigie/normalize/forum-quotes", test_forum_quotes);
  g_test_add_func ("/vigie/normalize/offsets", test_offsets);
  g_test_add_func ("/vigie/normalize/contractions", test_contractions);
  g_test_add_func ("/vigie/normalize/links-quotes", test_links_and_quotes);
  g_test_add_func ("/vigie/matcher/one-pass", test_matcher);
  g_test_add_func ("/vigie/detect/luhn", test_luhn);
  g_test_add_func ("/vigie/detect/simhash", test_simhash);

  return g_test_run ();
}
