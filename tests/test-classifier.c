/* test-classifier.c — flags, their clauses and spans, contrasts, detectors
 *
 * Every sentence here is written for these tests. Each positive case has
 * contrast cases next to it: the same words where nothing must be flagged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "vigie-classifier.h"
#include "vigie-store.h"

static VigieClassifier *shared_classifier;

static VigieClassifier *
classifier (void)
{
  if (shared_classifier == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VigiePolicy) policy = vigie_policy_new_default (&error);
      g_assert_no_error (error);
      shared_classifier = vigie_classifier_new (policy, NULL, &error);
      g_assert_no_error (error);
    }
  return shared_classifier;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The categories flagged, sorted, comma-separated ("" for none) */
static char *
categories_of (VigieClassifier *c,
               const char      *text)
{
  g_autoptr(VigieClassification) r = vigie_classifier_classify (c, text, -1, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < r->flags->len; i++)
    g_ptr_array_add (ids, (gpointer) g_array_index (r->flags, VigieFlag, i).category);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

#define assert_flags(text, expected) \
  G_STMT_START { \
    g_autofree char *_got = categories_of (classifier (), text); \
    if (g_strcmp0 (_got, expected) != 0) \
      { \
        g_test_message ("“%s”: expected [%s], got [%s]", text, expected, _got); \
        g_test_fail (); \
      } \
  } G_STMT_END

/* The flag includes @category; its first span covers exactly @span_text */
static void
assert_span (const char *text,
             const char *category,
             const char *span_text)
{
  g_autoptr(VigieClassification) r = vigie_classifier_classify (classifier (), text, -1, NULL);
  const VigieFlag *f = vigie_classification_get_flag (r, category);
  const VigieSpan *s;
  g_autofree char *got = NULL;

  if (f == NULL)
    g_error ("“%s”: no %s flag", text, category);
  g_assert_cmpuint (f->spans->len, >=, 1);
  s = &g_array_index (f->spans, VigieSpan, 0);
  g_assert_cmpuint (s->end, <=, strlen (text));
  got = g_strndup (text + s->start, s->end - s->start);
  g_assert_cmpstr (got, ==, span_text);
}

static void
test_insults (void)
{
  /* Insults addressed to someone */
  assert_flags ("T'es vraiment un gros cave", "insult");
  assert_flags ("Vous êtes une gang d'incompétents", "insult");
  assert_flags ("Ferme donc ta gueule", "insult");
  assert_flags ("espèce d'imbécile", "insult");
  assert_flags ("You're such an idiot", "insult");
  /* Obfuscated */
  assert_flags ("t'es un c0nn@rd", "insult");
  assert_flags ("Le directeur est un i.d.i.o.t", "insult");
  assert_flags ("connnnnnard de comité", "insult");
  assert_flags ("quel c*nnard", "insult");
  /* Criticism of a decision, a thing or a situation is not an insult */
  assert_flags ("C'est une décision idiote et ridicule, revenez en arrière", "");
  assert_flags ("La salle d'attente est sale", "");
  assert_flags ("Le conseil d'administration se réunit mardi", "");
  assert_flags ("C'est con que la clinique ferme, j'aimais bien y aller", "");
  assert_flags ("Le médecin m'a dit que mon colon était en santé", "");
}

static void
test_sacres (void)
{
  /* Emphasis, a noun, liturgy: harmless */
  assert_flags ("Le calvaire des urgences, mais l'équipe a été super", "");
  assert_flags ("Ostie que c'est bon, merci!", "");
  assert_flags ("Tabarnak qu'il fait frette à matin", "");
  assert_flags ("Le prêtre a donné l'hostie à la communion", "");
  /* Aimed at someone: an insult, and vulgar */
  assert_flags ("mon calvaire", "insult,obscene");
  assert_flags ("Le gardien, mon ostie de chien sale", "insult,obscene");
  assert_flags ("Les criss de gestionnaires", "insult,obscene");
  /* Aimed at a thing: a chain of sacres is vulgar, one sacre is swearing
   * at the situation */
  assert_flags ("Mon ostie de crisse de stationnement", "obscene");
  assert_flags ("Mon tabarnak de genou me fait encore mal", "");
  assert_flags ("Calvaire de neige!", "");
  assert_flags ("Ce médicament me donne envie de vomir", "");
  /* Aimed at someone who is "malade" (crazy) */
  assert_flags ("Décroche mon ostie de malade", "insult,obscene");
}

static void
test_quotes_and_reports (void)
{
  /* Reported or quoted to denounce it */
  assert_flags ("Il m'a traité de « vieux crotté » devant tout le monde", "");
  assert_flags ("Quelqu'un a écrit \"les immigrants sont des parasites\", c'est honteux", "complaint");
  assert_flags ("Arrêtez de traiter les gens de mongols", "");
  /* Said for real */
  assert_flags ("Les immigrants sont des parasites", "discrimination,insult");
}

static void
test_discrimination (void)
{
  assert_flags ("Je déteste les musulmans", "discrimination");
  assert_flags ("Les femmes devraient rester à la maison", "discrimination");
  assert_flags ("Retournez dans votre pays", "discrimination");
  assert_flags ("Les itinérants sont des déchets", "discrimination,insult");
  assert_flags ("Les réfugiés ne méritent pas de vivre", "discrimination");
  assert_flags ("Trop de bougnoules ici", "discrimination,insult");
  /* Typos and glued words */
  assert_flags ("Je détetse les réfugiés", "discrimination");
  assert_flags ("Jedéteste les trans", "discrimination");
  /* Neutral and positive mentions, negation, counter-speech */
  assert_flags ("Les infirmières immigrantes sont une richesse pour l'hôpital", "");
  assert_flags ("Est-ce que les hommes gais peuvent donner du sang?", "");
  assert_flags ("Je ne pense pas que les immigrants soient dangereux", "");
  assert_flags ("Les femmes ne sont pas des objets", "");
  assert_flags ("Il faut dénoncer la haine des musulmans", "");
  assert_flags ("Mon frère est en fauteuil roulant, les places handicapés sont-elles gratuites?", "");
  /* A group that is not an identity */
  assert_flags ("Je déteste les embouteillages", "");
}

static void
test_generalisation (void)
{
  /* insults with a typo, addressed insults, dehumanising words */
  assert_flags ("Espèce de connrad", "insult");
  assert_flags ("t'es qu'un abrtui", "insult");
  assert_flags ("Bande d'enclués", "insult");
  assert_flags ("Allez tous vous faire foutre", "insult");
  assert_flags ("Va te faire soigner, t'es malade dans la tête", "insult");
  assert_flags ("Bande de moutons", "insult");
  assert_flags ("C'est de la merde ce service", "");  /* criticism, vulgar but aimed at nobody */
  /* wishes of death, incitement to self-harm, threats to the premises */
  assert_flags ("Qu'ils crèvent tous", "threat");
  assert_flags ("J'espère que tu vas crever", "threat");
  assert_flags ("Je vais mettre le feu à l'urgence", "threat");
  assert_flags ("Tu mérites une balle", "threat");
  assert_flags ("Qu'on les pende", "threat");
  assert_flags ("Criss ton camp", "insult");
  /* epithet before a group, implicit derogation, typos inside phrases */
  assert_flags ("Sale gitan", "discrimination,insult");
  assert_flags ("Maudits immigrants", "discrimination,insult");
  assert_flags ("Renvoyez-les chez eux", "discrimination");
  assert_flags ("Les migrants nous volent nos jobs", "discrimination");
  assert_flags ("Les handicapés sont un fardeau pour la société", "discrimination");
  assert_flags ("Les réfugiés sont une mencae pour nous", "discrimination");
  assert_flags ("Les musulmans me rendent maalde", "discrimination");

  /* contrasts: swearing at a situation, literal words, reports, negation */
  assert_flags ("C'est débile cette règle de stationnement", "");
  assert_flags ("Je crève de chaleur dans la salle d'attente", "");
  assert_flags ("On crève de faim ici, la cafétéria est fermée", "");
  assert_flags ("Il m'a dit « qu'ils crèvent tous », j'ai porté plainte", "");
  assert_flags ("Arrêtez de dire que les réfugiés méritent de mourir", "");
  assert_flags ("Mon père est mort en CHSLD, qu'il repose en paix", "");
  assert_flags ("Je me suis fait traiter de sale gitan à l'accueil, c'est inadmissible", "");
  assert_flags ("Les moutons de la ferme pédagogique sont adorables", "");
  assert_flags ("Ma pauvre bête a été malade toute la nuit", "");
  assert_flags ("Je ne pense pas que les immigrants soient un fardeau", "");
  /* the group named first, the pronoun after the verb */
  assert_flags ("When immigrants talk back to me, I just want to kill them", "discrimination,threat");
  assert_flags ("Muslims like you should know that your lives are worthless", "discrimination");
  assert_flags ("Typical retard behaviour", "discrimination,insult");
  assert_flags ("Mon vol a un retard de deux heures, il y a eu des retards partout", "");
  /* a negation that says they are; praise denied; a phrase without spaces */
  assert_flags ("Les réfugiés ne peuvent s'empêcher d'être malhonnêtes", "discrimination");
  assert_flags ("Il n'existe pas de musulmans intelligents", "discrimination");
  assert_flags ("Les réfugiés me donnent juste lanausée", "discrimination");
  /* an illness said of a group is medicine */
  assert_flags ("Les femmes enceintes peuvent être malades le matin", "");
  assert_flags ("Les enfants autistes sont parfois lents à parler", "");
  assert_flags ("Les femmes ne peuvent pas s'empêcher de pleurer de joie", "");
  /* compared with animals, death preferred to a group */
  assert_flags ("Mon chien est plus intelligent que n'importe quel réfugié", "discrimination");
  assert_flags ("Aucune différence entre un rat et un immigré", "discrimination");
  assert_flags ("J'aimerais mieux mourir que d'être soignée par un Noir", "discrimination");
  assert_flags ("Les personnes handicapées sont traitées comme des animaux en CHSLD", "");
  assert_flags ("Je préfère attendre plutôt que de déranger les infirmières immigrantes", "");
  assert_flags ("Mon chien est plus malade que les autres patients", "");
  /* someone else's death is not a wish */
  assert_flags ("Ma mère va mourir si les infirmières immigrantes partent", "");
  assert_flags ("Le patient va crever de chaleur dans le corridor", "");
  assert_flags ("Va crever", "insult,threat");
  /* a pattern word with more than eight alternatives keeps them all */
  assert_flags ("J'espère qu'il souffre", "threat");
  assert_flags ("J'espère que ma grand-mère ne souffre pas", "");
  assert_flags ("J'ai tellement chaud je crève", "");
  assert_flags ("Une balle pour chaque ministre", "threat");
  assert_flags ("On devrait pendre ces traîtres", "threat");
  assert_flags ("Il a été traité d'idiot par son patron, c'est du harcèlement", "");
  /* a comma ends the reach of a negation */
  assert_flags ("On attendrait pas 12h, bande de paresseuses", "insult");
  assert_flags ("Ce n'est pas un idiot", "");
  /* an adjective alone is said of the situation, addressed it is an insult */
  assert_flags ("This is a cash grab, $12 a day for parking. Disgusting.", "complaint");
  assert_flags ("Ridicule. Pathétique.", "");
  assert_flags ("T'es vraiment pathétique", "insult");
  /* age, a refusal of care from a group, a veiled threat */
  assert_flags ("Les vieux coûtent une fortune au système", "discrimination");
  assert_flags ("Le gars du stationnement va passer un mauvais quart d'heure", "threat");
  assert_flags ("Les vieux ont besoin de plus de soins à domicile", "");
  /* an insult called out after a comma, to someone addressed before */
  assert_flags ("Regarde-toi donc avant de parler, gros lard", "insult");
  assert_flags ("Vous avez oublié vos papiers, idiot", "insult");
  assert_flags ("T'as acheté du porc, du boeuf", "");
  /* fifth round */
  assert_flags ("T'as le QI d'une chaise", "insult");
  assert_flags ("Tu devrais te jeter en bas d'un pont", "threat");
  assert_flags ("Ça prend-tu un cave pour écrire ça", "insult");
  assert_flags ("Les handicapés devraient rester cachés chez eux", "discrimination");
  assert_flags ("Un QI de 130 à six ans, elle est douée", "");
  /* verlan names of groups */
  assert_flags ("Sale renoi", "discrimination,insult");
  assert_flags ("Mon pote renoi est venu me voir à l'hôpital", "");
  /* sexual insults and remarks aimed at a person; the same words elsewhere */
  assert_flags ("Va te faire fourrer", "insult");
  assert_flags ("T'as des gros seins, envoie des nudes", "harassment,obscene");
  assert_flags ("J'me suis fait fourrer par le garagiste, 900$ pour rien", "");
  assert_flags ("La chienne du voisin est en chaleur", "");
  assert_flags ("Examen des seins à faire chaque mois", "");
  /* eighth round: threats without the usual verbs, an insult after an
   * intensifier, stereotypes */
  assert_flags ("Tu vas finir six pieds sous terre", "threat");
  assert_flags ("Que ta famille crève", "insult");
  assert_flags ("C'est toujours les mêmes racailles qui foutent le bordel", "insult");
  assert_flags ("Il faut être complètement débile pour croire ça", "insult");
  assert_flags ("Les Roms devraient être parqués dans des camps", "discrimination,threat");
  assert_flags ("Fais attention à toi en sortant, il y a de la glace", "");
  assert_flags ("Mon grand-père est six pieds sous terre depuis dix ans", "");
  assert_flags ("Les personnes trans souffrent plus souvent d'une maladie mentale à cause de la discrimination", "");
  /* Canadian English comments */
  assert_flags ("Nobody cares about your opinion, idiot", "insult");
  assert_flags ("I hope you get cancer", "threat");
  assert_flags ("Go back to India", "discrimination");
  assert_flags ("What a pathetic situation for seniors", "");
  assert_flags ("Holy shit that was fast, thanks!", "");
  assert_flags ("My dad is a retired butcher", "");
  /* ninth round: comparisons with the reader, veiled threats */
  assert_flags ("Ton commentaire est aussi stupide que toi", "insult");
  assert_flags ("Crève, vieille sorcière", "insult");
  assert_flags ("Tu vas voir ce qui va t'arriver", "threat");
  assert_flags ("J'ai de la visite ce week-end", "");
  assert_flags ("Je vous souhaite une belle journée", "");
  /* tenth round; a price is no threat */
  assert_flags ("Je vais te faire payer ça", "threat");
  assert_flags ("Tu vas payer combien pour le stationnement?", "");
  assert_flags ("Vous êtes juste une bande de bureaucrates inutiles", "insult");
  assert_flags ("Les handicapés sont un poids pour la société", "discrimination");
  assert_flags ("Les vaccins sont gratuits pour les réfugiés et les migrants", "");
  assert_flags ("Va te faire vacciner à la pharmacie, c'est rapide", "");
  assert_flags ("Ma fille s'est cognée au poteau de la balançoire", "");
  assert_flags ("Des arguments éculés, mais un tube de crème suffit", "");
  /* a silent final "e" left out */
  assert_flags ("Espèce d'imbecil", "insult");
  assert_flags ("Je déteste les arab", "discrimination");
  assert_flags ("Le guide arabe-français de l'accueil", "");
  /* two letters swapped in a word of four letters */
  assert_flags ("I haet immigrants", "discrimination");
  assert_flags ("The heat in the waiting room, I hate it", "");
}

static void
test_eleventh_round (void)
{
  /* Threats in the present tense and with spoken forms ("jte"), wishes that
   * someone be hurt, urging someone to kill themselves, a beating that would
   * teach someone; dismissing someone's life, their stupidity or face,
   * mocking comparisons, ugliness, the disclaimer before a prejudice */
  assert_flags ("jte casse la gueule à la sortie", "threat");
  assert_flags ("je vous défonce si vous touchez à mon char", "threat");
  assert_flags ("je vais t'arracher la tête", "threat");
  assert_flags ("j'espère qu'il va se faire écraser par un camion", "threat");
  assert_flags ("tu devrais te suicider, ça ferait du bien à tout le monde", "threat");
  assert_flags ("deux bonnes claques et elle comprendrait vite", "threat");
  assert_flags ("il mériterait une bonne raclée", "threat");
  assert_flags ("je m'en fous de ta petite vie", "insult");
  assert_flags ("on s'en crisse de votre avis", "insult");
  assert_flags ("ta connerie me fatigue", "insult");
  assert_flags ("ta face de fouine", "insult");
  assert_flags ("avec une gueule pareille t'étonnes pas", "insult");
  assert_flags ("t'es aussi intelligent qu'une roche", "insult");
  assert_flags ("t'as le cerveau d'un poisson rouge", "insult");
  assert_flags ("ton petit cerveau de moineau comprend rien", "insult");
  assert_flags ("t'es trop laide pour la télé", "insult");
  assert_flags ("un ministre décérébré", "insult");
  assert_flags ("ferme ta grande gueule", "insult");
  assert_flags ("sans vouloir être raciste ils profitent tous du système", "discrimination");
  /* Said of oneself, of a body, of what one is taken for, of a thing */
  assert_flags ("j'ai une tête de cochon, je l'avoue", "");
  assert_flags ("le patient a du mal à fermer sa bouche", "");
  assert_flags ("ils nous prennent pour des imbéciles avec cette réforme", "");
  assert_flags ("je vais me faire frapper par la facture", "");
  assert_flags ("je me suis fait tabasser par le vent ce matin", "");
  assert_flags ("mon chum m'a dit qu'il va se faire opérer", "");
  assert_flags ("ça mérite une bonne leçon d'histoire", "");
  assert_flags ("le premier coup de pelle de la nouvelle urgence a été donné hier", "");
  assert_flags ("ce nouveau logo est aussi utile qu'un parapluie troué", "");
  assert_flags ("on s'en fout du logo, réparez les routes", "");
  assert_flags ("elle est trop grosse cette facture d'Hydro", "");
}

static void
test_twelfth_round (void)
{
  /* A face, a mother, a life insulted; disgust at someone; wishes of
   * misfortune, "mérite de se faire …", "devraient être stérilisés", the
   * veiled "on verra si tu fais le malin"; what a group would only know how
   * to do; "sortez de notre pays"; "un ostie de lâche"; "trouve-toi une vie" */
  assert_flags ("vous avez une face de pet", "insult");
  assert_flags ("sa mère est une grosse vache", "insult");
  assert_flags ("votre existence est vraiment minable", "insult");
  assert_flags ("sa tronche me donne envie de dégueuler", "insult");
  assert_flags ("tu me donnes envie de gerber", "insult");
  assert_flags ("décrissez d'ici", "insult");
  assert_flags ("on aurait envie de te gifler", "threat");
  assert_flags ("je vous souhaite de finir à la rue", "threat");
  assert_flags ("il mériterait de se faire tabasser", "threat");
  assert_flags ("ils feraient mieux d'aller crever", "threat");
  assert_flags ("ces gens-là devraient être stérilisés", "discrimination,threat");
  assert_flags ("on verra si tu fais encore le smatte", "threat");
  assert_flags ("les immigrants sont bons qu'à profiter", "discrimination");
  assert_flags ("sortez de notre pays", "discrimination");
  assert_flags ("t'es un ostie de lâche", "insult,obscene");
  assert_flags ("trouve-toi une vie", "insult");
  assert_flags ("t'es un cas social", "insult");
  /* The same words said of a thing, of oneself, wished kindly, of an animal */
  assert_flags ("mon médicament me donne envie de vomir", "");
  assert_flags ("je vous souhaite de ne jamais vivre un enfer pareil", "");
  assert_flags ("il fait moins le fier depuis qu'il a perdu au hockey", "");
  assert_flags ("lâche pas, t'es capable", "");
  assert_flags ("les chats sont bons qu'à dormir", "");
  assert_flags ("elle mérite de se faire soigner comme tout le monde", "");
}

static void
test_thirteenth_round (void)
{
  /* Nouns that insult only said to someone ("t'es un boulet"), dumb as a
   * thing, "tellement conne que", bodies "comme toi", "va chialer ailleurs",
   * "meilleur sans vous", a name called before a job ("ce menteur de
   * journaliste"), shame of the parents; veiled threats (silenced "pour
   * toujours", "dommage qu'il arrive un accident", waited for, "chanceuse
   * qu'on soit derrière un écran", a fist "en pleine face"); groups that
   * breed like animals or bring diseases, "on voit bien que c'est une femme",
   * nationalities */
  assert_flags ("t'es juste un boulet pour la société", "insult");
  assert_flags ("vous êtes une plaie pour ce quartier", "insult");
  assert_flags ("quelle calamité ce directeur", "insult");
  assert_flags ("con comme une valise, ce gars-là", "insult");
  assert_flags ("elle est tellement conne qu'elle se perd dans son propre couloir", "insult");
  assert_flags ("des obèses comme toi, ça coûte cher", "insult");
  assert_flags ("va chialer ailleurs mon grand", "insult");
  assert_flags ("le quartier serait meilleur sans vous", "insult");
  assert_flags ("t'as l'air d'une escorte avec ce maquillage", "insult");
  assert_flags ("ce menteur de journaliste", "insult");
  assert_flags ("ta mère doit avoir honte de toi", "insult");
  assert_flags ("un jour on va te faire taire pour toujours", "threat");
  assert_flags ("ça serait dommage qu'il arrive un accident à ton char", "threat");
  assert_flags ("je vais t'attendre à la sortie de ton bureau", "threat");
  assert_flags ("t'es chanceuse qu'on soit derrière un écran", "threat");
  assert_flags ("je lui planterais mon poing en pleine face", "threat");
  assert_flags ("ces étrangers se multiplient comme des rats", "discrimination");
  assert_flags ("ces réfugiés ramènent leurs maladies", "discrimination");
  assert_flags ("on voit bien que c'est une femme qui conduit", "discrimination");
  assert_flags ("les Québécois sont tous des consanguins", "discrimination,insult");
  /* The same words said of a bill, of a patient, of roadworks, of snow, of a friend, welcome */
  assert_flags ("la facture est un boulet pour les familles", "");
  assert_flags ("mon père est un légume depuis son AVC, c'est dur", "");
  assert_flags ("le trajet serait meilleur sans les travaux", "");
  assert_flags ("j'ai mis mon pied dans la neige jusqu'aux genoux", "");
  assert_flags ("je t'attends après ton cours pour aller au cinéma", "");
  assert_flags ("les Français sont bienvenus à la clinique", "");
}

static void
test_fourteenth_round (void)
{
  /* Slang of video comments ("éclatée au sol"), "ferme ta bouche", "sale
   * plouc"; bodies asked for (obscene and harassment); threats: buried,
   * made to eat the pavement, bones broken, "finir entre quatre planches",
   * "on sait où tu travailles", "prie pour qu'on te retrouve pas", left to
   * rot, "je vais te retrouver"; women reduced to money, hysteria, housework */
  assert_flags ("elle est éclatée au sol, cette influenceuse", "insult");
  assert_flags ("ferme ta bouche, personne t'a sonné", "insult");
  assert_flags ("sale plouc", "insult");
  assert_flags ("t'es baisable toi", "obscene");
  assert_flags ("montre-nous tes seins", "harassment,obscene");
  assert_flags ("envoie-moi ta chatte", "harassment,obscene");
  assert_flags ("on va t'enterrer vivant", "threat");
  assert_flags ("je vais te faire bouffer le bitume", "threat");
  assert_flags ("je te casse les os un par un", "threat");
  assert_flags ("vous allez finir entre quatre planches", "threat");
  assert_flags ("on sait où tu travailles", "threat");
  assert_flags ("prie pour qu'on te retrouve pas", "threat");
  assert_flags ("faudrait les laisser pourrir dehors", "threat");
  assert_flags ("je vais te retrouver", "threat");
  assert_flags ("les meufs c'est des croqueuses de diamants", "discrimination");
  assert_flags ("une grosse féministe hystérique", "discrimination,insult");
  assert_flags ("elles sont bonnes qu'à faire le ménage", "discrimination");
  assert_flags ("va faire la vaisselle ma belle", "discrimination");
  /* Dying of laughter or of cold, found a doctor, a game, a vaccination card, oneself, a question */
  assert_flags ("tu vas mourir de rire", "");
  assert_flags ("vous allez mourir de froid dehors sans tuque", "");
  assert_flags ("je vais te trouver un bon médecin", "");
  assert_flags ("ce jeu est éclaté au sol", "");
  assert_flags ("montre-moi ton carnet de vaccination", "");
  assert_flags ("je suis bonne qu'à faire des gâteaux, haha", "");
  assert_flags ("on sait où trouver un médecin le dimanche?", "");
  assert_flags ("les itinérants ont droit à des soins", "");
}

static void
test_fifteenth_round (void)
{
  /* Mock praise ("le génie", "Sherlock"), "t'as fumé quoi", pills, sent back
   * to a cave, reasoning like a kid, disgust, a job owed to a body, a town
   * better without someone; buildings set on fire or blown up, waking up in
   * intensive care, playing on the tracks, drowning, vanishing, "ça va mal
   * finir pour …", "faire passer le goût"; coming here to take our benefits,
   * "comme par hasard", "devraient se cacher" */
  assert_flags ("wow le génie, quelle découverte", "insult");
  assert_flags ("chapeau Sherlock", "insult");
  assert_flags ("t'as fumé quoi hier soir", "insult");
  assert_flags ("allez prendre vos médicaments, bande de fous", "insult");
  assert_flags ("retourne dans ta grotte", "insult");
  assert_flags ("tu raisonnes comme un gamin", "insult");
  assert_flags ("vous me répugnez tous", "insult");
  assert_flags ("elle a eu son contrat grâce à ses seins", "insult");
  assert_flags ("la ville serait meilleure sans des élus comme vous", "insult");
  assert_flags ("faudrait mettre le feu au parlement", "threat");
  assert_flags ("je vais faire exploser ta clinique", "threat");
  assert_flags ("tu vas te réveiller aux soins intensifs", "threat");
  assert_flags ("allez jouer sur la voie ferrée", "threat");
  assert_flags ("noie-toi", "threat");
  assert_flags ("vous devriez disparaître", "threat");
  assert_flags ("t'as qu'à te jeter en bas du pont", "threat");
  assert_flags ("ça va mal finir pour ce ministre", "threat");
  assert_flags ("je vais te faire passer le goût de commenter", "threat");
  assert_flags ("ils débarquent ici pour profiter de nos allocations", "discrimination");
  assert_flags ("encore un immigré qui fraude, comme par hasard", "discrimination");
  assert_flags ("les lesbiennes devraient se cacher", "discrimination");
  /* Thanks, a fire, oneself, experience, a sidewalk, playing outside */
  assert_flags ("bravo à la lumière de notre équipe, merci pour ton aide", "");
  assert_flags ("le feu a pris dans un bureau du centre-ville", "");
  assert_flags ("j'écris comme un pied, excusez les fautes", "");
  assert_flags ("la nouvelle ministre a eu le poste grâce à son expérience", "");
  assert_flags ("ça va mal finir si personne déneige le trottoir", "");
  assert_flags ("va jouer dehors, il fait beau", "");
}

static void
test_sixteenth_round (void)
{
  /* One neuron, a fish face, as fat as an orca, a belly, slept her way in,
   * a sacre inside "ferme ta gueule"; threats to teeth and tongue, "je te
   * garantis que tu vas pleurer", children named, a phone to swallow, being
   * fetched, a licence plate or an address known; political groups called
   * mentally ill, trans women called men, expulsion, no children for the
   * disabled; "va sucer ton patron" */
  assert_flags ("t'as un seul neurone et il est fatigué", "insult");
  assert_flags ("il a une face de thon, ce chroniqueur", "insult");
  assert_flags ("vous êtes grosse comme une orque", "insult");
  assert_flags ("avec ton gros bedon, parle pas de sport", "insult");
  assert_flags ("elle a couché avec combien de gars pour avoir son émission", "insult");
  assert_flags ("fermez votre ostie de gueule", "insult");
  assert_flags ("je lui pète les dents au prochain commentaire", "threat");
  assert_flags ("faudrait lui trancher la langue à ce menteur", "insult,threat");
  assert_flags ("je te garantis que tu vas pleurer", "threat");
  assert_flags ("tes enfants vont y passer", "threat");
  assert_flags ("je vais te faire avaler ton cellulaire", "threat");
  assert_flags ("on va venir te chercher", "threat");
  assert_flags ("je connais ta plaque", "threat");
  assert_flags ("j'ai ton adresse, tu vas voir", "threat");
  assert_flags ("les wokistes sont des malades mentaux", "discrimination");
  assert_flags ("les femmes trans sont des hommes déguisés", "discrimination");
  assert_flags ("les réfugiés devraient être expulsés", "discrimination");
  assert_flags ("les handicapés devraient pas se reproduire", "discrimination");
  assert_flags ("va sucer ton patron", "insult,obscene");
  /* Surgery, children, a pick-up, an invitation, a thumb, lozenges */
  assert_flags ("le chirurgien a dû lui couper deux doigts", "");
  assert_flags ("mes enfants vont adorer le camp de jour", "");
  assert_flags ("je vais venir chercher ma mère à sa sortie", "");
  assert_flags ("j'ai ton adresse, je t'envoie l'invitation", "");
  assert_flags ("mon bébé a sucé son pouce toute la nuit", "");
  assert_flags ("je suce des pastilles pour la gorge", "");
}

static void
test_seventeenth_round (void)
{
  /* Names for women (pimbêche, langue de vipère); living off taxpayers,
   * "should be cured", an orientation called a perversion, "des hommes
   * ratés"; "elle l'a bien cherché"; the body of a fridge; nobody will want
   * you; "crevez lentement", people who will find you, "on se verra à la
   * sortie", settled outside, a life made a nightmare, "sinon je te
   * défonce"; photos published unless one pays */
  assert_flags ("cette conseillère est une vraie pimbêche", "insult");
  assert_flags ("t'es une langue de vipère", "insult");
  assert_flags ("les Inuits vivent sur le dos des contribuables", "discrimination");
  assert_flags ("les trans devraient se faire soigner", "discrimination");
  assert_flags ("la bisexualité c'est une perversion", "discrimination");
  assert_flags ("les gais sont des hommes ratés", "discrimination");
  assert_flags ("avec sa minijupe, elle l'a bien cherché", "insult");
  assert_flags ("t'as la silhouette d'un frigo", "insult");
  assert_flags ("personne ne voudra de toi", "insult");
  assert_flags ("crevez lentement", "threat");
  assert_flags ("je connais du monde qui va te trouver", "threat");
  assert_flags ("on se verra à la sortie", "threat");
  assert_flags ("on règle ça dehors", "threat");
  assert_flags ("je vais faire de votre vie un cauchemar", "threat");
  assert_flags ("je diffuse tes nudes si tu paies pas", "harassment,obscene");
  assert_flags ("efface ton commentaire sinon je te défonce", "threat");
  /* Keys looked for, a mass, help offered, a dish, a fact */
  assert_flags ("elle a cherché ses clés partout", "");
  assert_flags ("on se voit à la sortie de la messe", "");
  assert_flags ("je connais du monde qui peut t'aider", "");
  assert_flags ("la pintade rôtie était délicieuse", "");
  assert_flags ("la transidentité est reconnue par l'OMS", "");
}

static void
test_eighteenth_round (void)
{
  /* Names from France and Québec (frais chié, pouilleuse, bouseux), a
   * sparrow's brain, "ferme-la donc", "elle se prend pour qui" (not what one
   * is taken for), tiresome, nobody can stand you, "auraient dû
   * t'abandonner", a life called a joke; a punch, a beating to receive, "je
   * te fume", "t'as intérêt à te cacher", "un accident est vite arrivé", a
   * misfortune to a partner, children who will hear of it; deicide, no care
   * for a group, "la lie de la société", deportation by charter */
  assert_flags ("un autre frais chié au conseil", "insult");
  assert_flags ("maudite pouilleuse", "insult");
  assert_flags ("ces bouseux votent n'importe comment", "insult");
  assert_flags ("t'as une cervelle de moineau", "insult");
  assert_flags ("ferme-la donc, le clown", "insult");
  assert_flags ("elle se prend pour qui cette petite conne", "insult");
  assert_flags ("t'es tellement fatigante", "insult");
  assert_flags ("personne peut te sentir ici", "insult");
  assert_flags ("tes parents auraient dû t'abandonner", "insult");
  assert_flags ("votre vie est une blague", "insult");
  assert_flags ("je vais lui mettre une droite", "threat");
  assert_flags ("vous allez recevoir une raclée", "threat");
  assert_flags ("je te fume si je te pogne", "threat");
  assert_flags ("t'as intérêt à te cacher", "threat");
  assert_flags ("un accident est vite arrivé, tu sais", "threat");
  assert_flags ("ce serait triste qu'il arrive un malheur à ton chum", "threat");
  assert_flags ("tes enfants vont en entendre parler", "threat");
  assert_flags ("les Juifs ont tué Jésus", "discrimination");
  assert_flags ("les itinérants ne méritent pas de soins", "discrimination");
  assert_flags ("les migrants sont la lie de la société", "discrimination");
  assert_flags ("faut tous les renvoyer par charter", "discrimination");
  /* A door, a visit, being taken for a number, a quiche, patients sent home */
  assert_flags ("ferme la porte en sortant svp", "");
  assert_flags ("ta mère va y aller demain", "");
  assert_flags ("le médecin nous prend pour des numéros", "");
  assert_flags ("la quiche aux épinards de la cafétéria", "");
  assert_flags ("on renvoie les patients chez eux trop vite", "");
}

static void
test_nineteenth_round (void)
{
  /* Emoji said of someone, the monkey sent home; a name called after a
   * comma about a third person, "le directeur est taré", a face like a pizza
   * or a road accident, "laissez faire l'imbécile"; what one would have
   * done, "il va le regretter", slaps that get lost, death wished; groups
   * making a mess, to be banned, trans women denied, women as figureheads;
   * "bonne à baiser" */
  assert_flags ("🐷 c'est ce que vous êtes", "insult");
  assert_flags ("rentre dans ton pays 🐒", "discrimination");
  assert_flags ("ce ministre a menti encore, vendu", "insult");
  assert_flags ("le directeur est complètement taré", "insult");
  assert_flags ("ta tronche ressemble à une pizza", "insult");
  assert_flags ("il a la gueule d'un accident de la route", "insult");
  assert_flags ("laissez faire l'imbécile", "insult");
  assert_flags ("je t'aurais étranglé", "threat");
  assert_flags ("si je croise ce chauffeur il va le regretter", "threat");
  assert_flags ("y'a des claques qui se perdent", "threat");
  assert_flags ("je vous souhaite la mort", "threat");
  assert_flags ("les immigrés foutent le bordel partout", "discrimination");
  assert_flags ("les gays ça devrait être interdit", "discrimination");
  assert_flags ("une femme trans reste un homme", "discrimination");
  assert_flags ("les femmes ministres sont des potiches", "discrimination,insult");
  assert_flags ("bonne à baiser, rien d'autre", "obscene");
  /* Praise, a cat, the dishes, a call, good wishes, a party clown */
  assert_flags ("le médecin est compétent", "");
  assert_flags ("mon chat ressemble à un tigre", "");
  assert_flags ("laisse faire la vaisselle, je m'en occupe", "");
  assert_flags ("je t'aurais appelé si j'avais su", "");
  assert_flags ("je vous souhaite le meilleur", "");
  assert_flags ("le clown 🤡 de la fête était génial", "");
}

static void
test_twentieth_round (void)
{
  /* "espèce de …" opening a sentence or a clause with any noun, idioms for
   * the stupid, opinions dismissed first, "ce nabot de président", an
   * animal trying to think, "va brouter", "c'est toi l'imbécile", the
   * mirror, "ta mère t'a mal fini", planqués, "ces enseignants pourris";
   * the death penalty for someone, friends sent, being watched, "à qui
   * tu as affaire"; a nationality called traffickers */
  assert_flags ("espèce de brocoli mal cuit", "insult");
  assert_flags ("écoute, espèce de pelle à tarte", "insult");
  assert_flags ("lui, il a pas inventé le fil à couper le beurre", "insult");
  assert_flags ("con comme la lune, ce chroniqueur", "insult");
  assert_flags ("tes opinions, on s'en fiche", "insult");
  assert_flags ("ce nabot de président", "insult");
  assert_flags ("un chat qui essaie de penser, voilà ce que t'es", "insult");
  assert_flags ("va brouter ailleurs", "insult");
  assert_flags ("c'est toi l'imbécile", "insult");
  assert_flags ("regardez-vous dans le miroir avant de juger", "insult");
  assert_flags ("ta mère t'a mal fini", "insult");
  assert_flags ("les syndiqués c'est tous des planqués", "insult");
  assert_flags ("ces enseignants pourris", "insult");
  assert_flags ("la peine de mort pour ces monstres", "threat");
  assert_flags ("je vais vous envoyer mes chums", "threat");
  assert_flags ("je te surveille, je sais où tu dors", "harassment,threat");
  assert_flags ("vous savez pas à qui vous avez affaire", "threat");
  assert_flags ("les Mexicains sont des trafiquants", "discrimination");
  /* A form, a tree species, history, documents, volunteers */
  assert_flags ("il manque une case au formulaire", "");
  assert_flags ("cette espèce de chêne pousse lentement", "");
  assert_flags ("la peine de mort a été abolie en 1976", "");
  assert_flags ("je t'envoie les documents demain", "");
  assert_flags ("les bénévoles sont bien payés en sourires", "");
}

static void
test_twenty_first_round (void)
{
  /* Comments as on a wiki's talk pages: "… ou quoi", found and then killed,
   * "une bande de vandales ridicules", "la plus nulle", "malades mentaux"
   * said to someone, tyrants, "je vous hais" */
  assert_flags ("t'es sourd ou quoi", "insult");
  assert_flags ("on va te retrouver et te massacrer", "threat");
  assert_flags ("vous n'êtes qu'une bande de vandales ridicules", "insult");
  assert_flags ("t'es la personne la plus nulle du forum", "insult");
  assert_flags ("vous êtes des malades mentaux", "insult");
  assert_flags ("ces modérateurs sont des tyrans", "insult");
  assert_flags ("je vous hais tous", "insult");
  /* A question between friends, a rule, a denial, a patient */
  assert_flags ("t'es gay? moi aussi!", "");
  assert_flags ("c'est un règlement stupide", "");
  assert_flags ("tu n'es pas un gars stupide, juste mal informé", "");
  assert_flags ("le malade mental a besoin de soins, pas de prison", "");
}

static void
test_twenty_second_round (void)
{
  /* Slang from France (narvalo, poukave), smells, "on va t'allumer", "je
   * sais qui t'es", an address thrown to a group, victim blaming ("normal
   * qu'elle se fasse harceler", "méritent ce qui leur arrive"), "ça sert
   * à rien", rights denied to short people, souls denied to redheads, a
   * face to frighten, "tu devrais même pas exister", babtou */
  assert_flags ("sale narvalo", "insult");
  assert_flags ("t'es une vraie poukave", "insult");
  assert_flags ("tu pues le rance", "insult");
  assert_flags ("on va t'allumer ce soir", "threat");
  assert_flags ("je sais qui t'es, fais attention", "threat");
  assert_flags ("je vais balancer ton adresse sur le groupe", "harassment");
  assert_flags ("elle s'habille comme ça, normal qu'elle se fasse harceler", "insult");
  assert_flags ("les féministes méritent ce qui leur arrive", "discrimination,threat");
  assert_flags ("une femme qui conduit ça sert à rien", "discrimination");
  assert_flags ("les nains devraient pas avoir le droit de voter", "discrimination,insult");
  assert_flags ("les rousses n'ont pas d'âme", "discrimination");
  assert_flags ("t'as une gueule à faire peur", "insult");
  assert_flags ("tu devrais même pas exister", "insult");
  assert_flags ("personne ne te regretterait", "insult");
  assert_flags ("sale babtou", "discrimination,insult");
  /* A health risk, a denunciation, a complaint, a show, a game */
  assert_flags ("les Autochtones ont plus de risques de diabète", "");
  assert_flags ("c'est dégueulasse ce qu'on fait aux réfugiés", "");
  assert_flags ("ce n'est pas normal qu'elle se fasse harceler au travail", "complaint");
  assert_flags ("je vais publier la photo du spectacle", "");
  assert_flags ("je sais qui a gagné", "");
}

static void
test_twenty_third_round (void)
{
  /* Comments under national news: remigration, merdias, deportation orders,
   * a people said to loot, guillotines, spitting in a face, "cette vieille
   * vipère", "qu'elle se taise", a generation told to die, "enragées", a
   * rope, truncheons deserved */
  assert_flags ("remigration tout de suite", "discrimination");
  assert_flags ("les merdias nous mentent", "insult,propaganda");
  assert_flags ("les OQTF faut tous les expulser", "discrimination");
  assert_flags ("les Roms pillent et squattent", "discrimination");
  assert_flags ("ils vont les guillotiner un jour", "threat");
  assert_flags ("je lui crache à la figure", "threat");
  assert_flags ("cette vieille vipère du conseil", "insult");
  assert_flags ("qu'elle se taise, cette chroniqueuse", "insult");
  assert_flags ("les boomers peuvent crever", "discrimination,threat");
  assert_flags ("ces féministes enragées", "discrimination");
  assert_flags ("tu finiras au bout d'une corde", "threat");
  assert_flags ("ces syndiqués méritent des coups de matraque", "threat");
  /* Birds, a tyre, a mosque, a meeting, toothpaste */
  assert_flags ("les oiseaux volent vers le sud", "");
  assert_flags ("le pneu de mon vélo a crevé", "");
  assert_flags ("la mosquée organise une collecte de sang", "");
  assert_flags ("le ministre va les rencontrer demain", "");
  assert_flags ("je vais cracher mon dentifrice", "");
}

static void
test_twenty_fourth_round (void)
{
  /* Comments on a health organisation's page: staff waited for in the car
   * park, "il va payer", back to the pots, living at the State's expense,
   * refusing care from a group, a visit announced, a car known, "t'es mieux
   * de pas sortir", a job to lose, "on devrait les interner", a father's
   * death wished, a board to execute, "pas plus cave qu'un", "vous êtes
   * tous pourris" */
  assert_flags ("je vais l'attendre dans le stationnement, cette préposée", "threat");
  assert_flags ("ce chef de service, il va payer", "threat");
  assert_flags ("la ministre devrait retourner à ses chaudrons", "discrimination");
  assert_flags ("les Autochtones vivent aux frais de l'État", "discrimination");
  assert_flags ("je veux pas être soigné par un immigrant", "discrimination");
  assert_flags ("mon cousin va passer te voir, tu vas voir", "threat");
  assert_flags ("on sait c'est quoi ton char", "threat");
  assert_flags ("t'es mieux de pas sortir ce soir", "threat");
  assert_flags ("tu vas perdre ton poste, crois-moi", "threat");
  assert_flags ("les gens comme vous, on devrait les interner", "insult");
  assert_flags ("j'espère que ton père va crever", "threat");
  assert_flags ("toute l'équipe de direction devrait être exécutée", "threat");
  assert_flags ("y'a pas plus cave qu'un gestionnaire", "insult");
  assert_flags ("vous êtes tous pourris", "insult");
  /* Parking paid, yoga, equipment, recovery */
  assert_flags ("il va payer son stationnement à la borne", "");
  assert_flags ("ma mère va retourner à ses cours de yoga", "");
  assert_flags ("vous êtes mieux équipés que nous", "");
  assert_flags ("j'espère que ton père va guérir", "");
}

static void
test_twenty_fifth_round (void)
{
  /* Under news of hospitals, strikes and vaccination: "fermez donc vos
   * trappes", an insult in apposition ("le voisin, le tata qui"), a face
   * said of a named person, what a group would only know how to do, a
   * beating deserved ("qu'on lui pète la tronche"), "attends que je te
   * trouve", leaving on a stretcher, "n'ont rien à faire en" */
  assert_flags ("farmez donc vos trappes", "insult");
  assert_flags ("mon beau-frère le cave qui pense tout savoir", "insult");
  assert_flags ("la directrice a une face de bouledogue", "insult");
  assert_flags ("les manifestants sont des lâches", "insult");
  assert_flags ("les Roms savent juste faire du trouble", "discrimination");
  assert_flags ("ce gestionnaire mériterait qu'on lui pète la tronche", "threat");
  assert_flags ("attends que je te trouve mon gars", "threat");
  assert_flags ("tu vas sortir de là en ambulance", "threat");
  assert_flags ("les musulmanes ont rien à faire dans nos écoles", "discrimination");
  /* A virus that kills the old, a stretcher carried, a hospital to come back to */
  assert_flags ("le virus tue encore des personnes âgées", "");
  assert_flags ("les ambulanciers ont sorti la civière", "");
  assert_flags ("mon voisin le pharmacien qui m'a aidé", "");
}

static void
test_twenty_sixth_round (void)
{
  /* A person said to be a plague or a burden, "ces putains de …", a group
   * said to eat anything or to be drunk, a veil torn off, a bullet deserved,
   * "venir te descendre", a child's school known, breasts ogled */
  assert_flags ("le député est vraiment un boulet", "insult");
  assert_flags ("ces foutus gestionnaires encore", "insult");
  assert_flags ("les Chinois mangent des chiens", "discrimination");
  assert_flags ("les Inuits sont toujours paquetés", "discrimination");
  assert_flags ("faudrait arracher le hijab de ces femmes", "discrimination,threat");
  assert_flags ("ce directeur mériterait une balle dans la tête", "threat");
  assert_flags ("on va passer vous descendre", "threat");
  assert_flags ("je sais où ton fils va jouer", "threat");
  assert_flags ("avez-vous vu ces seins lol", "harassment,obscene");
  /* Under-represented, a mother's fatigue, a bullet point, one's own breasts */
  assert_flags ("Les femmes sont sous-représentées en cardiologie", "");
  assert_flags ("ma mère est une vraie battante", "");
  assert_flags ("examinez vos seins chaque mois", "");
}

static void
test_twenty_seventh_round (void)
{
  /* France French under national news: "qu'est-ce qu'il est con", "c'est qui
   * ce bouffon", spitting on a grave, "pauv' type", a group said to come only
   * to steal, to be filed, to go home, "c'est plus la France", nationalities;
   * threats: "tu vas te faire planter", "si j'étais toi, je…", "le prochain
   * qui…, je le…", a house that would burn, "tu vas le sentir passer";
   * obscene: a job owed to sucking */
  assert_flags ("qu'est-ce qu'il est con ce type", "insult");
  assert_flags ("c'est qui ce bouffon en cravate", "insult");
  assert_flags ("je danserai sur ta tombe", "insult");
  assert_flags ("pauv' type va", "insult");
  assert_flags ("les Albanais viennent que pour dealer", "discrimination");
  assert_flags ("les Roms devraient être fichés", "discrimination");
  assert_flags ("ces clandos ont qu'à retourner chez eux", "discrimination");
  assert_flags ("dans ma ville c'est plus la France", "discrimination");
  assert_flags ("un soir tu vas te faire poignarder", "threat");
  assert_flags ("si j'étais toi je déménagerais vite", "threat");
  assert_flags ("la prochaine qui me répond je la défonce", "threat");
  assert_flags ("ce serait triste que ton chalet brûle", "threat");
  assert_flags ("je te jure que vous allez le sentir passer", "threat");
  assert_flags ("elle a dû sucer pour avoir ce poste", "insult,obscene");
  /* Going home, a grave visited, an opinion on a colleague's work */
  assert_flags ("les patients pourront rentrer chez eux demain", "");
  assert_flags ("je vais fleurir la tombe de ma mère", "");
  assert_flags ("si j'étais toi je prendrais rendez-vous", "");
  assert_flags ("la prochaine fois je vous appelle avant", "");
}

static void
test_twenty_eighth_round (void)
{
  /* Québec joual: "on devrait te crisser en dedans", "quel twit ce ministre",
   * "c'est un maudit voleur", "mon ti-criss", a photo in a swimsuit asked
   * for, sterilised "comme toi"; threats: "je vais t'en sacrer une", "on va
   * régler ça dehors", coming with a gun, "mériter de se faire sacrer une
   * volée", hoping one dies; discrimination: thrown out, free money, gangs,
   * no mosque */
  assert_flags ("faudrait te crisser en dedans mon gars", "insult");
  assert_flags ("quel twit ce ministre", "insult");
  assert_flags ("ce gars-là c'est un maudit voleur", "insult");
  assert_flags ("ferme-toi mon ti-criss", "insult,obscene");
  assert_flags ("envoie-moi des photos en maillot", "harassment,obscene");
  assert_flags ("des gens comme vous faudrait les castrer", "insult,threat");
  assert_flags ("m'a t'en sacrer une", "threat");
  assert_flags ("viens icitte, on va régler ça dehors", "threat");
  assert_flags ("demain j'arrive à l'urgence avec mon fusil", "threat");
  assert_flags ("t'as mérité de te faire sacrer une volée", "threat");
  assert_flags ("j'espère que vous allez tous agoniser", "threat");
  assert_flags ("les Haïtiens faudrait les sacrer dehors", "discrimination");
  assert_flags ("les réfugiés veulent juste de l'argent", "discrimination");
  assert_flags ("les Somaliens c'est tous des voyous", "discrimination,insult");
  assert_flags ("on veut pas de mosquée dans notre rue", "discrimination");
  /* A copy handed, a patient who will die in peace, a youth centre */
  assert_flags ("je vais t'en mettre une copie dans ta case", "");
  assert_flags ("j'espère qu'elle va mourir en paix, entourée des siens", "");
  assert_flags ("les jeunes sont venus aider au CHSLD", "");
  assert_flags ("la photo en maillot de bain de la piscine", "");
}

static void
test_twenty_ninth_round (void)
{
  /* An animal that talks, "tu le fais exprès", kin ashamed, "ta place est à
   * la cuisine", a group that should not vote, locked up; threats: heads
   * blown up, "un par un", a bullet with a name, sleeping with one eye open,
   * informers, a house to burn, "à mort les …"; "ma cochonne"; "parle comme"
   * is not "m'a parlé comme" (a report) */
  assert_flags ("on dirait un gorille qui essaie de parler", "insult");
  assert_flags ("t'es sourd ou tu le fais exprès", "insult");
  assert_flags ("ta fille doit avoir honte de toi", "insult");
  assert_flags ("leur place est aux fourneaux", "discrimination");
  assert_flags ("les immigrés ça devrait pas voter", "discrimination");
  assert_flags ("les schizophrènes faudrait les enfermer", "discrimination,threat");
  assert_flags ("je vais lui exploser la gueule", "threat");
  assert_flags ("ils vont y passer un par un", "threat");
  assert_flags ("j'ai une balle pour toi", "threat");
  assert_flags ("vous devriez dormir avec un oeil ouvert", "threat");
  assert_flags ("tu sais ce qu'on fait aux stools", "threat");
  assert_flags ("on va incendier ton chalet", "threat");
  assert_flags ("à mort les collabos", "threat");
  assert_flags ("bonjour ma cochonne", "obscene");
  assert_flags ("il parle comme un porc ce gros dégueulasse", "insult");
  /* One eye open for the baby, the kitchen's place, what happens to the
   * scales, said to have spoken like … */
  assert_flags ("je dors avec un oeil ouvert depuis que le bébé est né", "");
  assert_flags ("ma place préférée est dans la cuisine", "");
  assert_flags ("ce qui arrive aux balances du CLSC, elles sont brisées", "");
  assert_flags ("il m'a parlé comme à une conne", "");
}

static void
test_thirtieth_round (void)
{
  /* Rarer names (branquignol, faux-jeton, commère, vieille bique), two names
   * called together, "ta mère en slip", "t'es triso ou quoi", squaw and
   * têtes carrées; threats: waiting in a gang, eyes torn out, "fais ta
   * prière", "de quel bois je me chauffe", "t'as juste à crever", picked up
   * with a spoon */
  assert_flags ("quel branquignol ce directeur", "insult");
  assert_flags ("menteur et faux-jeton", "insult");
  assert_flags ("les secrétaires sont toutes des commères", "insult");
  assert_flags ("ta mère à poil", "insult");
  assert_flags ("t'es triso ou quoi", "discrimination,insult");
  assert_flags ("encore une squaw qui se plaint", "discrimination,insult");
  assert_flags ("on va vous attendre en gang dans le stationnement", "threat");
  assert_flags ("je vais lui arracher les yeux", "threat");
  assert_flags ("faites vos prières", "threat");
  assert_flags ("vous allez voir de quel bois je me chauffe", "threat");
  assert_flags ("vous avez juste à crever", "threat");
  assert_flags ("tu vas te faire ramasser à la cuillère", "threat");
  /* Wild animals, a prayer, a case handled, a faux pas */
  assert_flags ("les animaux sauvages entrent dans le stationnement", "");
  assert_flags ("on a fait nos prières pour ma tante", "");
  assert_flags ("je vais m'occuper de votre dossier demain", "");
  assert_flags ("j'ai juste à attendre mon tour", "");
}

static void
test_thirty_first_round (void)
{
  /* Longer comments and franglais: "pour être aussi épais", dirt in the
   * eyes, a brain under a cap, a dog smarter than someone, spitting on a
   * religion; a group bringing crime, betraying, less intelligent, breeding
   * like rabbits, "un pays pour les blancs"; threats: a bat waited with,
   * "vous méritez de brûler", falling on someone, "vous l'aurez cherché",
   * finishing like a shot president, "je fais un carnage"; photos of you
   * held over someone; what is under a uniform, "bonne au lit" */
  assert_flags ("faut-tu un permis pour être aussi épais?", "insult");
  assert_flags ("t'as de la merde dans la tête", "insult");
  assert_flags ("y'a un neurone sous ta casquette?", "insult");
  assert_flags ("mon poisson rouge est plus futé que toi", "insult");
  assert_flags ("je crache sur ton drapeau", "insult");
  assert_flags ("les migrants amènent le crime", "discrimination");
  assert_flags ("les musulmans trahissent toujours", "discrimination");
  assert_flags ("les Africains sont moins évolués", "discrimination");
  assert_flags ("ils se reproduisent comme des rats", "discrimination");
  assert_flags ("je vous attends avec ma batte", "threat");
  assert_flags ("tu mérites de pourrir", "threat");
  assert_flags ("mes chums vont te tomber dessus", "threat");
  assert_flags ("quand ça va brasser, vous l'aurez cherché", "threat");
  assert_flags ("celui-là va finir comme Kadhafi", "threat");
  assert_flags ("j'ai des vidéos de toi, attention", "harassment");
  assert_flags ("montre ce que t'as sous ta blouse", "harassment,obscene");
  /* A theory called racist, a song played hard, photos of an event, a
   * dog's food, falling snow */
  assert_flags ("le grand remplacement est une théorie du complot", "");
  assert_flags ("je vais faire un massacre avec ce morceau au piano", "");
  assert_flags ("j'ai des photos de la fête, je vous les envoie", "");
  assert_flags ("la neige va vous tomber sur la tête en sortant", "");
}

static void
test_thirty_second_round (void)
{
  /* SMS spelling: "ce ministre de mes deux", "pti con", "t'es plus laide
   * que", a group profiting from us or controlling everything, "au foyer
   * c'est leur place"; threats: "tes mort", "viens me le dire en face";
   * precision: welfare (le BS) and the people on it (assistés sociaux) are
   * no insult, "les BS" and "ces BS" are */
  assert_flags ("ce directeur de mes deux", "insult");
  assert_flags ("ta yeule ti con", "insult");
  assert_flags ("t'es encore plus bête que ton frère", "insult");
  assert_flags ("les immigrés profitent du système", "discrimination");
  assert_flags ("les Juifs contrôlent les banques", "discrimination");
  assert_flags ("les femmes, à la cuisine c'est leur place", "discrimination,insult");
  assert_flags ("tes mort mon gars", "threat");
  assert_flags ("viens me le dire en face si t'es game", "threat");
  assert_flags ("ces BS se plaignent encore", "discrimination,insult");
  /* Welfare, people on it, two children, the dead remembered */
  assert_flags ("le BS de ma mère paie ses médicaments", "");
  assert_flags ("les assistés sociaux ont droit à un dentiste", "");
  assert_flags ("j'ai pris congé pour la fête de mes deux enfants", "");
  assert_flags ("on pense à tes morts aujourd'hui, courage", "");
}

/* A negation reaches the end of its clause only: a comma or a second
 * "c'est" starts a new one */
static void
test_negation_clause (void)
{
  assert_flags ("c'est pas une infirmière, c'est une incompétente", "insult");
  assert_flags ("c'est pas un médecin c'est un charlatan", "insult");
  assert_flags ("c est pas un pharmacien c est un charlatan", "insult");
  /* the insult itself denied, in one clause or after a comma */
  assert_flags ("c'est pas un charlatan", "");
  assert_flags ("ce médecin, c'est pas un charlatan", "");
  assert_flags ("il est pas incompétent, il est débordé", "");
  /* a new subject and its verb start a clause even without a comma, but
   * not after "que" or a verb of saying */
  assert_flags ("elle est pas drôle elle est juste grosse", "insult");
  assert_flags ("il est pas méchant il est juste débordé", "");
  assert_flags ("je dis pas qu'elle est juste grosse", "");
}

/* A negation the pattern itself spells out is part of what it says; one
 * before it still denies it */
static void
test_negation_in_pattern (void)
{
  assert_flags ("ce gars devrait même pas avoir le droit de sortir de chez lui", "insult");
  assert_flags ("les femmes y connaissent rien au foot", "discrimination");
  assert_flags ("la race des gitans je peux pas les voir", "discrimination");
  assert_flags ("je pense pas que les femmes y connaissent rien", "");
  /* "… et que": a coordinated clause ends a negation's reach */
  assert_flags ("j'espère que t'auras jamais de médecin et que tu crèveras en attente", "threat");
  /* a negation inside the evidence whose clause ends before it does */
  assert_flags ("normal qu'il sache pas cuisiner il est chinois", "discrimination");
  assert_flags ("il a pas dit que ce gars devrait pas avoir le droit de sortir", "");
}

/* A report cue right after a phrase that owns what follows is no report:
 * the comment says it itself */
static void
test_report_cancel (void)
{
  assert_flags ("c'est pas raciste de dire que les Haïtiens sont des parasites", "discrimination,insult");
  assert_flags ("j'ai bien le droit de dire que les musulmans sont des parasites", "discrimination,insult");
  assert_flags ("faut oser dire que les immigrés sont des parasites", "discrimination,insult");
  assert_flags ("it's not racist to say that refugees are parasites", "discrimination");
  /* reported, or called racist: none */
  assert_flags ("mon voisin a dit que les Haïtiens sont des parasites", "");
  assert_flags ("c'est raciste de dire que les Haïtiens sont des parasites", "");
  assert_flags ("it's racist to say that refugees are parasites", "");
}

/* SMS spelling: "jespere", "jai", "cest" read as written with apostrophes */
static void
test_sms_spelling (void)
{
  assert_flags ("jespere que tu creve", "threat");
  assert_flags ("jespere que tu vas crever", "threat");
  assert_flags ("cest un incompetent", "insult");
  assert_flags ("cest pas un infirmier cest un boucher", "insult");
  /* wishes of good, a denial: none */
  assert_flags ("jespere que tu vas mieux", "");
  assert_flags ("jai hate de te revoir", "");
  assert_flags ("cest pas un incompetent", "");
}

/* Québec filler words between the words of a phrase */
static void
test_filler_words (void)
{
  assert_flags ("mange don d'la marde", "insult");
  assert_flags ("va ben te rhabiller avec tes idées", "insult");
  assert_flags ("farme toé ta gueule", "insult");
  assert_span ("bon, mange don d'la marde", "insult", "mange don d'la marde");
  /* between the elements of a pattern too */
  assert_flags ("t'es donc une belle incompétente", "insult");
  assert_flags ("vous êtes ben des incapables", "insult");
  assert_flags ("c'est donc pas une incompétente", "");
  /* a gift, a conclusion: none */
  assert_flags ("j'ai fait un don de sang hier", "");
  assert_flags ("c'est donc une bonne infirmière", "");
  assert_flags ("mange ben tes légumes", "");
}

/* A negation word inside the phrase found is part of it, not a negation
 * of it */
static void
test_negation_inside_term (void)
{
  assert_flags ("encore les pas-bons du ministère qui décident", "insult");
  assert_flags ("bande de pas bons", "insult");
  assert_flags ("les réfugiés ne sont pas humains", "discrimination");
  /* the phrase itself denied, or "pas bon" said of a thing: none */
  assert_flags ("ce sirop est pas bon pour les enfants", "");
  assert_flags ("c'est pas bon de rester couché", "");
}

static void
test_thirty_third_round (void)
{
  /* "une tête de chèvre", "ce regard de psychopathe", "sale crasseux",
   * "un accident de capote", mauviettes; back to the nappies, a post owed to
   * a colour, living off our taxes; threats: tried and hanged, "va donc
   * jouer dans le trafic", "quelqu'un devrait te rayer la face", a routine
   * known, dying alone like a dog; harassment: telling everyone one slept
   * with the boss, "jusqu'à ce que tu fermes ton compte" */
  assert_flags ("le maire a une face de bouc", "insult");
  assert_flags ("ton regard de psycho me fait peur", "insult");
  assert_flags ("dégage, sale crasseuse", "insult");
  assert_flags ("t'es juste un accident de capote", "insult");
  assert_flags ("les grévistes sont des mauviettes", "insult");
  assert_flags ("retourne à ton tricot et laisse-nous travailler", "discrimination");
  assert_flags ("il a eu sa promotion juste parce qu'il est autochtone", "discrimination");
  assert_flags ("les réfugiés vivent de nos impôts", "discrimination");
  assert_flags ("vous allez tous être arrêtés et fusillés", "threat");
  assert_flags ("allez donc jouer dans le trafic", "threat");
  assert_flags ("faudrait lui rayer le visage", "threat");
  assert_flags ("je connais tes habitudes le soir", "threat");
  assert_flags ("tu vas mourir seule comme une chienne", "threat");
  assert_flags ("je vais raconter à ton mari que tu couches avec le docteur", "harassment");
  assert_flags ("je vais te harceler jusqu'à ce que tu fermes ton compte", "harassment");
  /* A goat at the farm, a pharmacist's advice, the traffic, a routine */
  assert_flags ("la chèvre de la ferme pédagogique a eu des petits", "");
  assert_flags ("le pharmacien m'a bien conseillé", "");
  assert_flags ("le trafic était terrible pour aller à l'hôpital", "");
  assert_flags ("la routine du matin est importante pour les aînés", "");
}

static void
test_thirty_fourth_round (void)
{
  /* Verlan ("golmon"), idioms of contempt ("fini à la pisse", "pue la
   * connerie"), "X du pouvoir" said of a journalist, a settling of scores
   * at the exit, a massacre wished as a solution, stopping care for a
   * group (the "arrêter de" of counter-speech is then part of the hate) */
  assert_flags ("encore un golmon qui commente sans lire", "insult");
  assert_flags ("lui il a été fini à la pisse", "insult");
  assert_flags ("ta réponse pue la bêtise", "insult");
  assert_flags ("ce ministre est un larbin du patronat", "insult");
  assert_flags ("je t'attends à la sortie du match et on verra", "threat");
  assert_flags ("une bonne épuration et c'est réglé", "threat");
  assert_flags ("les vieux en CHSLD, faudrait arrêter de les soigner", "discrimination");
  /* Counter-speech stays counter-speech; a guard dog; care for people */
  assert_flags ("arrêtez de les insulter, les immigrés travaillent fort", "");
  assert_flags ("le chien du voisin garde la maison", "");
  assert_flags ("il faut continuer de soigner les aînés en CHSLD", "");
  assert_flags ("je te retrouve à la sortie du cinéma", "");
}

static void
test_thirty_fifth_round (void)
{
  /* Contempt without a swear word: "une nullité pareille", "le jour où tu
   * auras un cerveau", "le charisme d'une huître", "jamais vu quelqu'un
   * d'aussi con" (a negation that is the insult), "disparais de la
   * circulation"; a group "always complaining", a country "invaded", "c'est
   * forcément un étranger"; the firing squad; a hand cut off */
  assert_flags ("franchement, une nullité pareille au ministère", "insult");
  assert_flags ("reviens quand tu auras un cerveau", "insult");
  assert_flags ("elle a le charisme d'une huître", "insult");
  assert_flags ("j'ai jamais lu quelqu'un d'aussi con", "insult");
  assert_flags ("disparaissez de ma vue", "insult");
  assert_flags ("les immigrés, toujours à se plaindre", "discrimination");
  assert_flags ("mon quartier est envahi par des clandestins", "discrimination");
  assert_flags ("le voleur? c'est forcément un immigré", "discrimination");
  assert_flags ("ces traîtres, faut les aligner contre un mur", "threat");
  assert_flags ("qu'on lui coupe la main à ce pickpocket", "threat");
  /* Counting oneself in; praise; a garden invaded by snails; a negation */
  assert_flags ("les gens sont cons parfois, moi la première", "");
  assert_flags ("les gens sont cons parfois", "insult");
  assert_flags ("il a le charisme d'un grand chef", "");
  assert_flags ("mon jardin est envahi par des limaces", "");
  assert_flags ("je n'ai jamais vu une équipe aussi dévouée", "");
}

static void
test_thirty_sixth_round (void)
{
  /* "tu dis que des conneries", "les fans c'est des animaux", "les X, des
   * parasites qui...", "l'autre trisomique qui...", a smell or a belly said
   * of someone; threats: "qu'on le pende", "laissez-la crever", "je lui fais
   * manger ses dents", an illness wished, "tu finiras pendu"; a dog
   * whistle about origin; women at the wheel */
  assert_flags ("il sort que des âneries ce chroniqueur", "insult");
  assert_flags ("les fans de ce club c'est des sauvages", "insult");
  assert_flags ("les sénateurs, des profiteurs qui se servent", "insult");
  assert_flags ("l'autre autiste qui nous explique la vie", "insult");
  assert_flags ("le ministre pue de la gueule", "insult");
  assert_flags ("ce juge, qu'on le pende", "threat");
  assert_flags ("laissez-les pourrir en prison", "threat");
  assert_flags ("je vais te faire bouffer tes lunettes", "threat");
  assert_flags ("j'espère que la covid l'emportera", "threat");
  assert_flags ("on sait tous d'où ils viennent, les casseurs", "discrimination");
  assert_flags ("les femmes savent pas conduire", "discrimination");
  /* Telling a lie apart from a stupidity; an illness fought; a parking lot */
  assert_flags ("il dit que des vérités ce chroniqueur", "");
  assert_flags ("j'espère que mon père vaincra son cancer", "");
  assert_flags ("les fans de ce club sont les meilleurs", "");
  assert_flags ("mon père sait pas conduire, c'est ma mère qui conduit", "");
}

static void
test_thirty_seventh_round (void)
{
  /* Youth slang and SMS spelling: "tes grave moche", "vazy dégage",
   * "t'es juste une victime", "t'as la tête d'un mec qui…", speech said to
   * be worthless, "ta mère te frappe pas assez" ("pas assez" negates
   * nothing); women made for the kitchen; "je te crève" */
  assert_flags ("tes grave conne toi", "insult");
  assert_flags ("vasy dégage", "insult");
  assert_flags ("t'es juste une victime mdr", "insult");
  assert_flags ("t'as la tête d'une fille qui pleure pour rien", "insult");
  assert_flags ("il ouvre la bouche que pour dire des âneries", "insult");
  assert_flags ("ton père te corrigeait pas assez", "insult");
  assert_flags ("les femmes c'est juste bon pour le ménage", "discrimination");
  assert_flags ("redis ça et je te crève", "threat");
  /* Pancakes are not creeps; a victim of a crime; a smell that goes */
  assert_flags ("les crêpes de ma grand-mère", "");
  assert_flags ("tu es une victime, pas une coupable, porte plainte", "");
  assert_flags ("ouvre la fenêtre, ça va dégager l'odeur", "");
  assert_flags ("les arbres ne reçoivent pas assez d'eau cet été", "");
}

static void
test_homographs_and_reports (void)
{
  /* "s'attarder" is a verb and "mongol" a nationality; an insult reported
   * with the person named in between or as an infinitive is a report */
  assert_flags ("ce dossier vaut qu'on s'y attarde", "");
  assert_flags ("un vieux proverbe mongol sur le vent", "");
  assert_flags ("elle a gardé la niaque pendant toute sa réadaptation", "");
  /* Verbs written like insults without their accents: "l'assiste",
   * "dégénère", "débarrassé" */
  assert_flags ("la préposée qui l'assiste le soir est formidable", "");
  assert_flags ("la situation dégénère à l'urgence", "");
  assert_flags ("la réunion a dégénéré", "");
  assert_flags ("je suis enfin débarrassé de ma toux", "");
  assert_flags ("ces assistés qui vivent de nos taxes", "insult");
  assert_flags ("bande de dégénérés", "insult");
  /* A raccoon and a fly swatter are no slurs */
  assert_flags ("un raton laveur a fouillé les poubelles du CLSC", "");
  assert_flags ("passe-moi la tapette à mouches", "");
  assert_flags ("la chatte de ma voisine a eu des chatons", "");
  assert_flags ("t'es qu'une tapette", "discrimination,insult");
  assert_flags ("elle s'est fait insulter de sale arabe dans le bus", "");
  assert_flags ("c'est grave de traiter quelqu'un de sale noir", "");
  assert_flags ("cet attardé m'a coupé la route", "insult");
  assert_flags ("t'es un gros mongol", "insult");
  assert_flags ("sale arabe", "discrimination,insult");
}

static void
test_thirty_eighth_round (void)
{
  /* Québec comments under the news: "t'as pas inventé la poudre" (a
   * negation that is the insult), "a l'air d'un pédophile", "du monde comme
   * toi qui…", "le genre de fatigant", a family wished to disown someone,
   * "ton cerveau est resté…"; a group that "brings trouble", "pas devant nos
   * enfants", "la porte est grande ouverte"; an appointment in the parking
   * lot "pour jaser"; tried and hanged */
  assert_flags ("lui il a pas inventé l'eau chaude", "insult");
  assert_flags ("le concierge a l'air d'un pervers", "insult");
  assert_flags ("c'est des gens comme vous qui détruisent le réseau", "insult");
  assert_flags ("t'es vraiment le genre de chialeux qu'on endure pas", "insult");
  assert_flags ("j'espère que ta famille va te renier", "insult");
  assert_flags ("ton cerveau est parti en vacances", "insult");
  assert_flags ("les Haïtiens amènent juste du trouble", "discrimination");
  assert_flags ("les trans, pas devant nos enfants", "discrimination");
  assert_flags ("t'es pas content la porte est grande ouverte", "discrimination");
  assert_flags ("je t'attends au parking après ton quart, on va jaser", "threat");
  assert_flags ("il devrait être jugé pour trahison et pendu", "threat");
  /* An open door, a brain after a stroke, a coffee in the parking lot */
  assert_flags ("notre porte est grande ouverte aux nouveaux arrivants", "");
  assert_flags ("son cerveau est resté intact après l'AVC", "");
  assert_flags ("je t'attends au stationnement, on va prendre un café", "");
}

static void
test_thirty_ninth_round (void)
{
  /* Hate without slurs under videos and news of France: integration
   * denied, "dans leurs gènes", "n'ont rien inventé", a crime ascribed to a
   * group ("encore un … qui poignarde"), "ils se multiplient comme des
   * cafards dans nos villes", camps, nostalgia for the Occupation, "finir
   * le travail"; threats: a boat to sink, hunted like rats, "vous allez
   * tous payer" */
  assert_flags ("ces gens-là ne s'intégreront jamais", "discrimination");
  assert_flags ("la fraude, c'est dans leurs gènes", "discrimination");
  assert_flags ("les Haïtiens n'ont rien inventé", "discrimination");
  assert_flags ("encore un réfugié qui agresse une passante", "discrimination");
  assert_flags ("ils pullulent comme des rats dans nos quartiers", "discrimination");
  assert_flags ("les musulmans, faut les parquer", "discrimination,threat");
  assert_flags ("vive Pétain", "discrimination");
  assert_flags ("nos grands-parents auraient dû finir le travail", "discrimination");
  assert_flags ("mettez-les dans un bateau et coulez-le", "threat");
  assert_flags ("on va vous traquer comme des rats", "threat");
  assert_flags ("le jour venu, vous allez tous payer", "threat");
  /* Easter, a price, a handicap, rats in the subway */
  assert_flags ("les catholiques fêtent Pâques dimanche", "");
  assert_flags ("vous allez payer 20 dollars pour le stationnement", "");
  assert_flags ("combien de patients attendent une chirurgie", "");
  assert_flags ("les rats ont envahi le métro", "");
}

static void
test_fortieth_round (void)
{
  /* Harassment of staff: innuendo, photos asked, a rumour of sleeping with
   * the boss, a photo spread with a number, the employer called to have
   * someone fired, fake accounts, a medical file; threats: "fais gaffe à tes
   * enfants", an accident wished, "à ta place je me tirerais une balle",
   * friends brought to someone's home, the school of a child, "sinon je
   * m'occupe de toi", "tu vas voir ce que ça coûte", a belt */
  assert_flags ("la préposée, je me la ferais bien", "harassment,obscene");
  assert_flags ("envoie-moi une photo de toi en lingerie", "harassment,obscene");
  assert_flags ("tout le monde sait qu'elle a couché avec le directeur pour avoir le poste", "harassment");
  assert_flags ("je vais partager ta photo partout", "harassment");
  assert_flags ("je vais appeler ton patron pour te faire renvoyer", "harassment");
  assert_flags ("je vais créer des faux comptes à ton nom", "harassment");
  assert_flags ("fais gaffe à ta fille", "threat");
  assert_flags ("je te souhaite un cancer", "threat");
  assert_flags ("à ta place je me pendrais", "threat");
  assert_flags ("on va faire une visite chez vous avec les gars", "threat");
  assert_flags ("je sais dans quelle garderie va ton fils", "threat");
  assert_flags ("excuse-toi sinon je m'occupe de ton cas", "threat");
  assert_flags ("tu vas voir ce que ça coûte", "threat");
  assert_flags ("t'as de la chance que je sois pas devant toi", "threat");
  assert_flags ("avec une face comme la tienne t'as pas le droit de parler", "insult");
  /* Meeting for a coffee, a wish for a trip, a friend's school, a dressing */
  assert_flags ("je vais te retrouver au café après le travail", "");
  assert_flags ("je te souhaite un bon voyage", "");
  assert_flags ("je sais dans quelle école tu as étudié, moi aussi j'y étais", "");
  assert_flags ("je m'occupe de toi demain matin pour ton pansement", "");
  assert_flags ("je vais appeler ton employeur pour te féliciter", "");
}

static void
test_forty_first_round (void)
{
  /* Condescension without insult words: "même mon chien écrit mieux que
   * toi", "aussi vide que ta tête", "aussi drôle qu'un enterrement", "va
   * lire un livre", "t'as pas le niveau" (a negation that is the insult),
   * "tu sers à rien"; worthlessness said of oneself is distress */
  assert_flags ("même mon hamster raisonne mieux que toi", "insult");
  assert_flags ("ta mère conduit mieux que toi", "insult");
  assert_flags ("tes idées sont aussi creuses que ta tête", "insult");
  assert_flags ("t'es aussi passionnant qu'un parpaing", "insult");
  assert_flags ("va lire un livre et reviens après", "insult");
  assert_flags ("t'as pas le niveau pour cette discussion", "insult");
  assert_flags ("tu sers à rien", "insult");
  assert_flags ("je sers à rien, personne m'aime", "distress");
  /* A friendly comparison, a book, a level in sport */
  assert_flags ("ma fille nage mieux que moi maintenant", "");
  assert_flags ("j'ai lu un livre sur le deuil qui m'a aidée", "");
  assert_flags ("je n'ai pas le niveau pour le marathon cette année", "");
}

static void
test_forty_second_round (void)
{
  /* Written as it sounds: a hard "c" as "k" ("enkulé", "konar"), a silent
   * final letter left out ("batar", "tocar", "merdeu"), doubled letters
   * single ("conar"); SMS forms ("salo", "gro porc", "jvai te tuer",
   * "crv") */
  assert_flags ("t un konar", "insult");
  assert_flags ("sale enkulé", "insult");
  assert_flags ("batar va", "insult");
  assert_flags ("c'est un gros tocar", "insult");
  assert_flags ("p'tit merdeu", "insult");
  assert_flags ("t 1 conar", "insult");
  assert_flags ("salo", "insult");
  assert_flags ("gro porc", "insult");
  assert_flags ("jvai te tuer", "threat");
  assert_flags ("crv", "insult");
  /* Words of the same sounds that are none: a bazaar, a cocoa, a train */
  assert_flags ("le bazar du sous-sol de l'église", "");
  assert_flags ("un bon cacao chaud après la marche", "");
  assert_flags ("je prends le TGV demain", "");
}

static void
test_forty_third_round (void)
{
  /* On a health organisation's page: the staff named by their trade
   * ("l'urgentologue", "la travailleuse sociale"), "une boucherie
   * ambulante", "vos infirmières sont … et paresseuses", "ces parasites",
   * "rempli de tortionnaires"; threats: a building set on fire, hands to
   * lose, "je vais les faire payer un par un" */
  assert_flags ("le psychiatre est une vraie folle", "insult");
  assert_flags ("ce chirurgien est une boucherie ambulante", "insult");
  assert_flags ("vos préposés sont lents et paresseux", "insult");
  assert_flags ("ces parasites du ministère", "insult");
  assert_flags ("ce CLSC est rempli d'incompétents", "insult");
  assert_flags ("mettez le feu au CLSC", "threat");
  assert_flags ("ce chirurgien devrait perdre ses mains", "threat");
  assert_flags ("je vais leur faire payer un par un", "threat");
  /* Intestinal parasites, a fee, a full waiting room */
  assert_flags ("les parasites intestinaux sont fréquents chez les enfants", "");
  assert_flags ("ils vont nous faire payer le stationnement 20 dollars", "");
  assert_flags ("la salle d'attente est remplie de patients", "");
}

static void
test_team_written_sets (void)
{
  /* From two sets written by other members of the team: dog whistles
   * ("suivez mon regard", "vu ses origines", "je suis pas raciste mais"
   * before a stereotype: the report cue inside it no longer hides it),
   * stereotypes said calmly, counter-speech cues that must name speech
   * ("arrêtez de généraliser", not "qu'ils arrêtent de …"), condescension,
   * pile-ons, veiled threats, a crash wished */
  assert_flags ("les jeunes ont encore frappé, suivez mon regard", "discrimination");
  assert_flags ("il danse mal, normal vu ses origines", "discrimination");
  assert_flags ("je suis pas raciste mais les Roms volent", "discrimination");
  assert_flags ("les trans c'est une mode", "discrimination");
  assert_flags ("les gais, c'est de la pédophilie déguisée", "discrimination");
  assert_flags ("arrêtez de généraliser, les Roms ne volent pas plus que les autres", "");
  assert_flags ("elle a dû trouver son diplôme dans une pochette surprise", "insult");
  assert_flags ("t'as été échappé à terre à la garderie", "insult");
  assert_flags ("mon chat a plus de jugeote que toi", "insult");
  assert_flags ("allez lui dire bonjour les gars, l'adresse est dans sa bio", "harassment");
  assert_flags ("quelqu'un a son adresse? une petite visite de courtoisie", "harassment,threat");
  assert_flags ("j'espère que son avion se crashe", "threat");
  assert_flags ("samedi je vais le tuer au tennis", "");
  /* Swearing at a day or a thing is no attack; at someone's things it is */
  assert_flags ("quelle journée de merde", "");
  assert_flags ("l'imprimante de merde a encore planté", "");
  assert_flags ("ta vidéo de merde", "insult,obscene");
  assert_flags ("les Anglais de merde", "obscene");
  assert_flags ("tu me casses les couilles", "insult");
}

static void
test_explicit_set (void)
{
  /* From an explicit set written by another member of the team: "de" said
   * "d'" in a phrase ("enfant d'chienne", "trou d'cul"), a sacre before a
   * word nobody listed as the whole comment ("câlice de guédaille") but not
   * before the weather, an insult then "de calvaire", a sacre before a group
   * is an epithet, France slang ("tchoin", "zebi"), "autiste va" */
  assert_flags ("enfant d'chienne", "insult");
  assert_flags ("t'es un trou d'cul", "insult,obscene");
  assert_flags ("câlice de guédaille", "insult,obscene");
  assert_flags ("tabarnak de neige", "");
  assert_flags ("fou braque de calvaire", "insult");
  assert_flags ("crisse de chinois", "discrimination,insult,obscene");
  assert_flags ("grosse tchoin", "insult");
  assert_flags ("autiste va", "insult");
  assert_flags ("retourne dans ta réserve", "discrimination");
  /* Teasing between friends is no attack; speaking of one's brother is */
  assert_flags ("t'es con 😂 je t'adore frérot", "");
  assert_flags ("t'es une chieuse mais je t'aime 😘", "");
  assert_flags ("mon frère est un con", "insult");
  assert_flags ("sale nègre, je t'adore", "discrimination,insult");
}

static void
test_news_threads_set (void)
{
  /* From a set of news threads written by another member of the team:
   * death celebrated ("pas une grosse perte", "dommage qu'ils l'aient pas
   * fini"), victims blamed, extermination said as a solution ("donnez-leur
   * une corde", "renvoyer à la nage"), incitement ("venez nombreux et
   * équipés"), a family wished the same, doxxing asked for, stereotypes
   * said calmly, "on nous dit que c'est du racisme" before them */
  assert_flags ("un itinérant de moins dans les rues, pas une grosse perte", "insult");
  assert_flags ("dommage qu'ils l'aient pas fini", "insult");
  assert_flags ("elle était habillée comment la fille?", "insult");
  assert_flags ("donnez-leur une corde, ça coûtera moins cher", "threat");
  assert_flags ("les réfugiés, faut les renvoyer à la nage", "threat");
  assert_flags ("samedi devant le refuge, venez nombreux et équipés", "threat");
  assert_flags ("j'espère que sa famille va vivre la même chose", "threat");
  assert_flags ("quelqu'un a son numéro? qu'elle reçoive nos messages", "harassment");
  assert_flags ("les Autochtones vivent aux crochets de l'État", "discrimination");
  assert_flags ("les Noirs remplissent les prisons et après on nous dit que c'est du racisme", "discrimination");
  assert_flags ("depuis qu'ils sont arrivés ici les vols ont explosé", "discrimination");
  /* Hunger, a fire put out, a tunnel of charters at the airport */
  assert_flags ("je vais crever de faim si ça continue", "");
  assert_flags ("heureusement le feu a été maîtrisé à la mosquée", "");
  assert_flags ("les vols ont augmenté depuis que le stationnement est gratuit", "");
}

static void
test_regressions_and_guards (void)
{
  /* Mild swearing counts once ("putain, quel match de merde"), still
   * flagged at high sensitivity (test_sensitivity); a real word is never
   * read as glued words ("légale" is no "le" + "gale", "dépendent" no "de"
   * + "pendent"); "mort à tous les …"; a slur after a group noun, not
   * before "à mouches"; two insults as the whole comment */
  assert_flags ("putain, quel match de merde", "");
  assert_flags ("tu confonds demandeurs d'asile et immigration légale", "");
  assert_flags ("les aînés dépendent de leurs familles", "");
  assert_flags ("mort à tous les juifs", "discrimination");
  assert_flags ("mort à tous ces traîtres", "threat");
  assert_flags ("ce gouvernement de tapettes", "discrimination,insult");
  assert_flags ("les tapettes à la parade c'est dégueulasse", "discrimination,insult");
  assert_flags ("dégénéré consanguin", "insult");
  assert_flags ("on va te retrouver mon gars", "threat");
  assert_flags ("la vermine dans les murs, ça se traite comment?", "");
}

static void
test_health_pages_and_news_sets (void)
{
  /* From sets written by other members of the team for Québec health pages
   * and France news: threats to staff ("je sais où vous stationnez", a car
   * that "nothing should happen to", stones in the windows), doxxing asked
   * for, "être trans c'est une maladie mentale", "contrôlées par les
   * Juifs", "la décence de mourir", "tes parents sont cousins", "à balles
   * réelles", "cocher la case diversité", France sports slang */
  assert_flags ("je sais où vous stationnez", "threat");
  assert_flags ("ton auto dans le stationnement, fais attention qu'il lui arrive rien", "threat");
  assert_flags ("ça prend juste des roches dans les vitres de l'administration", "threat");
  assert_flags ("quelqu'un a son adresse?", "harassment,threat");
  assert_flags ("les trans c'est une maladie mentale", "discrimination");
  assert_flags ("les banques sont contrôlées par les juifs", "discrimination");
  assert_flags ("les vieux devraient avoir la décence de mourir", "discrimination");
  assert_flags ("t'es lent, tes parents sont cousins?", "insult");
  assert_flags ("faudrait leur tirer dessus à balles réelles", "threat");
  assert_flags ("elle est là pour cocher la case diversité", "discrimination");
  assert_flags ("l'attaquant c'est une brêle", "insult");
  /* Ice at the door, an official's e-mail, snow, a season */
  assert_flags ("fais attention à toi en sortant, il y a de la glace", "");
  assert_flags ("quelqu'un a l'adresse courriel du commissaire aux plaintes?", "");
  assert_flags ("les flocons de neige tombent sur le stationnement", "");
  assert_flags ("putain de grève de merde, mon train est encore supprimé", "");
}

static void
test_influencers_set (void)
{
  /* From a set of influencers' comments written by another member of the
   * team: emoji as the whole comment or aimed at someone ("🐷", "🤡🤡🤡",
   * a monkey and a banana, a rainbow and vomit), fake compliments ("pour
   * une noire t'es belle"), sexual solicitation, suicide urged, pile-ons
   * and mass reports, "jtm" between friends */
  assert_flags ("🤡🤡🤡", "insult");
  assert_flags ("elle a fait comment pour rentrer dans cette robe 🐷", "insult");
  assert_flags ("vive la diversité 🐒", "discrimination");
  assert_flags ("🏳️‍🌈🤮", "discrimination");
  assert_flags ("pour une noire t'es belle", "discrimination");
  assert_flags ("tu prends combien par mec ?", "harassment");
  assert_flags ("t'as pensé à sauter d'un pont ?", "threat");
  assert_flags ("on report tous son compte les gars", "harassment");
  assert_flags ("je sais où t'habites", "threat");
  assert_flags ("t'es trop nul au foot 😂 jtm frr", "");
  assert_flags ("trop belle ❤️🐷 mon cochon d'Inde est pareil", "");
}

static void
test_local_groups_set (void)
{
  /* From a set of local groups' comments written by another member of the
   * team: a neighbour named then the crowd sent ("il travaille au …, allez
   * lui faire savoir"), an address given with an order, a house "easy to
   * find", arson of a hotel, dogs set on people, a death deserved, "drapeau
   * de tapettes", "rester dans sa réserve" */
  assert_flags ("elle travaille au dépanneur du boulevard, allez lui faire savoir", "harassment");
  assert_flags ("il reste sur la rue Principale, allez klaxonner devant chez eux toute la nuit", "harassment");
  assert_flags ("ta maison est facile à trouver Kevin", "threat");
  assert_flags ("faudrait mettre le feu à cet hôtel plein de migrants", "threat");
  assert_flags ("faut lâcher les chiens dessus", "threat");
  assert_flags ("le directeur mérite de mourir", "threat");
  assert_flags ("un drapeau de tapettes à l'hôtel de ville", "discrimination,insult");
  assert_flags ("il devrait rester dans sa réserve", "discrimination");
  /* A neighbour who works downtown; a hotel full of tourists; a dog */
  assert_flags ("elle travaille au dépanneur du boulevard depuis dix ans", "");
  assert_flags ("l'hôtel est plein de touristes pour le festival", "");
  assert_flags ("mon chien mérite une médaille", "");
}

static void
test_news_sections_set (void)
{
  /* From a set of news comment sections written by another member of the
   * team: characterisation in apposition ("les X, des ploucs qui…", "cette
   * présentatrice, une potiche"), ", qu'il crève", "au bout d'une corde",
   * "au goulag", a wish to see someone eaten, a hunt with a rifle; an
   * animal put down is no threat; counter-speech cancels a direct threat */
  assert_flags ("les politiciens, des vautours qui se servent", "insult");
  assert_flags ("cette présentatrice, une potiche sans cervelle", "insult");
  assert_flags ("ce vieux politicien hystérique, qu'il crève", "insult,threat");
  assert_flags ("je les verrais bien finir au bout d'une corde", "threat");
  assert_flags ("j'aimerais bien le voir se faire tabasser", "threat");
  assert_flags ("je vais aller chasser les écolos avec mon fusil", "discrimination,threat");
  assert_flags ("elle a la profondeur intellectuelle d'une flaque d'eau", "insult");
  assert_flags ("si un ours est trop habitué aux humains, faut l'abattre", "");
  assert_flags ("j'arrêterai de te parler si tu répètes que les réfugiés méritent de mourir", "");
  assert_flags ("laissez-les pourrir en prison", "threat");
}

static void
test_short_comments_set (void)
{
  /* From a set of short comments written by another member of the team:
   * "islam = cancer" (but "les femmes, cancer du sein" is none), "un bon
   * flic est un flic mort", "retourne dans ta brousse", "intelligent comme
   * un bulot", "quel gland", a clown emoji after an insult, "ta vie vaut
   * rien", "t'as pas de couilles" (a negation that is the insult) */
  assert_flags ("islam = cancer", "discrimination");
  assert_flags ("les femmes et le cancer du sein: dépistez-vous", "");
  assert_flags ("un bon flic est un flic mort", "threat");
  assert_flags ("retourne dans ta brousse", "discrimination");
  assert_flags ("intelligent comme un bulot", "insult");
  assert_flags ("quel gland", "insult");
  assert_flags ("clown 🤡🤡", "insult");
  assert_flags ("ta vie vaut rien", "insult");
  assert_flags ("t'as pas de couilles", "insult");
  assert_flags ("t'es bête toi 😂 je t'aime quand même", "");
  assert_flags ("ce gouvernement nous prend vraiment pour des cons", "");
}

static void
test_calm_hate_set (void)
{
  /* From a set of hate said calmly, written by another member of the team:
   * "qu'ils rentrent chez eux", "pas faits pour se gouverner", "ils se
   * ressemblent tous", "vous voyez très bien de qui je parle", "c'est
   * scientifique", victims blamed for their clothes, mosques to close; a
   * tragedy named is counter-speech */
  assert_flags ("ramadan à l'école, halal à la cantine, qu'ils rentrent chez eux", "discrimination");
  assert_flags ("certains peuples sont pas faits pour se gouverner", "discrimination");
  assert_flags ("les Asiatiques se ressemblent tous", "discrimination");
  assert_flags ("pas pareil avec les autres, vous voyez très bien de qui je parle", "discrimination");
  assert_flags ("les Noirs ont plus de testostérone, c'est scientifique", "discrimination");
  assert_flags ("elle a été agressée? faut voir comment elle s'habillait", "discrimination");
  assert_flags ("les mosquées, faudrait toutes les fermer", "discrimination");
  assert_flags ("les femmes autochtones disparues, c'est une tragédie nationale", "");
  assert_flags ("la mosquée ouvre ses portes samedi, bienvenue à tous", "");
}

static void
test_gaming_and_politics_sets (void)
{
  /* From gaming-chat and political-thread sets written by other members of
   * the team: "fuck" as an interjection is mild ("fuck ce lag"), aimed at
   * people it is an insult; swatting, an IP address, "saute du pont";
   * "au fond du fleuve", "au bout d'une pique", "comme en 45", "troupeau
   * de bêtes", "renvoie-la dans sa jungle" */
  assert_flags ("fuck ce lag, j'ai perdu mon 1v1", "");
  assert_flags ("fuck les immigrants", "insult");
  assert_flags ("on va te swat pendant ton stream", "threat");
  assert_flags ("ton adresse IP finit par 47", "harassment,privacy");
  assert_flags ("fais-nous plaisir et saute du pont", "threat");
  assert_flags ("les ministres devraient finir au fond du fleuve", "threat");
  assert_flags ("j'ai hâte de voir sa tête au bout d'une pique", "threat");
  assert_flags ("regardez ce troupeau de bêtes qui manifestent", "insult");
  assert_flags ("qu'on la renvoie dans sa jungle", "discrimination");
  assert_flags ("le boss final m'a tué trois fois, quel jeu", "");
}

static void
test_care_services_set (void)
{
  /* From a set written by another member of the team for health and social
   * services of Ontario, Acadia and Québec: a worker's family known, where a
   * child is dropped off, "j'ai ton adresse", a pillow on a patient's face,
   * arson "avec les gestionnaires dedans", "c'est plus des humains", a
   * group told "dehors"; a sacre at the system is emphasis */
  assert_flags ("on connaît ta femme pis tes enfants, fais attention", "threat");
  assert_flags ("je sais où tu laisses ta fille le matin", "threat");
  assert_flags ("j'ai ton adresse grâce à ton Facebook", "threat");
  assert_flags ("quelqu'un devrait lui mettre un oreiller sur la face", "threat");
  assert_flags ("mettez le feu à la place avec les gestionnaires dedans", "threat");
  assert_flags ("les gens avec la démence c'est plus des humains", "discrimination");
  assert_flags ("les réfugiés prennent nos jobs, dehors", "discrimination");
  assert_flags ("ostie de système, ma mère a attendu 14 heures", "");
  assert_flags ("personne devrait dormir dehors quand il fait -30", "");
}

static void
test_long_comments_set (void)
{
  /* From a set of long comments written by another member of the team,
   * where the toxic part comes late: vigilantes ("on règle ça
   * nous-mêmes", "il ressortira pas vivant", bats and rifles), a pile-on
   * on a named man, a wish that it happen to someone's daughter, victims
   * blamed, "une bonne claque lui remettrait les idées en place" */
  assert_flags ("la police fait rien. Quand on le trouve, on règle ça nous-mêmes.", "threat");
  assert_flags ("je vais le retrouver, il ressortira pas vivant", "threat");
  assert_flags ("si la ville fait rien on va y aller avec des battes", "threat");
  assert_flags ("j'ai retrouvé son compte, allez le harceler", "harassment");
  assert_flags ("j'espère qu'un jour ça arrive à sa propre fille", "threat");
  assert_flags ("quand tu cherches les problèmes tu les trouves", "insult");
  assert_flags ("une bonne claque lui remettrait les idées en place", "threat");
  assert_flags ("les tapettes de la mairie ont encore mis des drapeaux", "discrimination,insult");
  assert_flags ("la police a retrouvé le chauffard, justice sera faite", "");
}

static void
test_quebec_media_set (void)
{
  /* From a set of comments under Québec media on Facebook written by
   * another member of the team: "passez-leur dessus avec le train", "je la
   * renie pis je le tue", "à coups de fusil", "comme du bétail", "maudites
   * grosses féministes", a wish that a bus crush cyclists, "leur race
   * icitte"; a sacre at the weather is emphasis */
  assert_flags ("les manifestants sur la track, passez leur dessus avec le train", "threat");
  assert_flags ("si ma fille marie un musulman je le tue", "threat");
  assert_flags ("fermez la frontière à coups de fusil", "threat");
  assert_flags ("les migrants, faut les mettre en quarantaine comme du bétail", "discrimination");
  assert_flags ("maudites grosses féministes frustrées", "discrimination,insult");
  assert_flags ("ça me ferait rien qu'un autobus les écrase tous", "threat");
  assert_flags ("on a pas besoin de leur race icitte", "discrimination");
  assert_flags ("osti de temps de marde, pluie, neige, pluie", "");
}

static void
test_sports_and_misogyny_sets (void)
{
  /* From sports and misogyny sets written by other members of the team:
   * a referee's number given out, "tu ressortiras pas debout", bananas and
   * "ce macaque", "retournez dans vos cases"; violence against women
   * justified ("aucun homme frappe sans raison"), victims blamed, slurs
   * ("michetonneuse", "la traînée"), "les femmes c'est fait pour faire des
   * enfants"; a win at the stadium, a report of harassment, a body after
   * breastfeeding */
  assert_flags ("son cell c'est le 514-555-0187, appelez-le en gang", "harassment,privacy");
  assert_flags ("je te jure que tu ressortiras pas debout", "threat");
  assert_flags ("hou hou hou 🍌🍌 ce macaque", "discrimination,insult");
  assert_flags ("retournez dans vos cases", "discrimination");
  assert_flags ("aucun homme frappe sans raison", "insult");
  assert_flags ("elle était bourrée en minijupe, fallait s'attendre à quoi", "insult");
  assert_flags ("elle accuse le chanteur mais elle était bien contente, la traînée", "insult");
  assert_flags ("les femmes c'est fait pour faire des enfants", "discrimination");
  assert_flags ("on va les écraser au stade samedi", "");
  assert_flags ("il m'a mis une main aux fesses au travail, j'ai porté plainte", "");
  assert_flags ("mes seins pendent depuis l'allaitement, c'est normal?", "");
}

static void
test_religion_and_disability_sets (void)
{
  /* From religion and disability sets written by other members of the
   * team: places of worship to raze, "mort à Israël", "juif un jour, menteur
   * toujours", "enturbannés", a cross-sentence wish of an accident for an
   * imam; "les schizos devraient être enfermés à vie", "à quoi bon le
   * maintenir en vie", "un robineux de moins", suicide urged; respectful
   * debate on secularism and a reported insult stay clean */
  assert_flags ("les mosquées c'est des usines à terroristes, faut les raser", "discrimination");
  assert_flags ("mort à Israël", "discrimination");
  assert_flags ("juif un jour, menteur toujours", "discrimination");
  assert_flags ("l'imam du quartier devrait avoir un petit accident", "threat");
  assert_flags ("les schizos devraient être enfermés à vie", "discrimination");
  assert_flags ("à quoi bon le maintenir en vie", "discrimination");
  assert_flags ("un robineux de moins dans le quartier", "insult");
  assert_flags ("si tu veux vraiment en finir, fais-le au lieu d'en parler", "distress,threat");
  assert_flags ("la loi 21 me semble mal pensée pour les enseignantes voilées", "");
  assert_flags ("mon fils a un TDAH et on lui répétait qu'il était paresseux", "");
}

static void
test_schools_and_services_sets (void)
{
  /* From sets written by other members of the team for schools and parents
   * and for customers of public services: teenage bullying ("alors la
   * grosse", "coupe-toi plus profond", "je le saigne"), a photo spread "pour
   * que tout le monde sache qui elle est", "géré par des singes", "je serai
   * pas tout seul", a car's tyres; laughing with a friend stays clean */
  assert_flags ("alors la grosse, t'as encore pleuré dans les toilettes?", "insult");
  assert_flags ("coupe-toi plus profond la prochaine fois", "threat");
  assert_flags ("si ton fils retouche à ma fille je le saigne", "threat");
  assert_flags ("je vais publier sa photo partout pour que tout le monde sache qui elle est", "harassment");
  assert_flags ("le service client est géré par des singes", "insult");
  assert_flags ("je vais revenir régler ça, pis cette fois je serai pas tout seul", "threat");
  assert_flags ("je vais aller crever les pneus du garagiste", "threat");
  assert_flags ("t'es con toi 😂 arrête de me faire rire en plein cours", "");
  assert_flags ("la caissière Mélanie a été super gentille, merci à elle", "");
}

static void
test_forums_and_cisss_page_sets (void)
{
  /* From sets written by other members of the team for French forums and
   * a Québec CISSS's Facebook page: "putains de Bretons", "la Shoah c'est
   * exagéré", "chromosomes en trop", "crève vieux débris"; a fire set in
   * the parking lot, "je sais à quelle heure vous finissez votre shift",
   * "quelqu'un sait où reste la Dre …", "si c'est un noir qui me soigne",
   * "c'est pu notre hôpital"; a suicide-prevention message stays clean */
  assert_flags ("ces putains de Bretons", "discrimination,insult");
  assert_flags ("la Shoah c'est bien exagéré", "discrimination");
  assert_flags ("il a fallu combien de chromosomes en trop pour écrire ça", "insult");
  assert_flags ("crève vieux débris", "insult");
  assert_flags ("quelqu'un va vous sacrer le feu dans votre parking", "threat");
  assert_flags ("je sais à quelle heure vous finissez votre shift", "threat");
  assert_flags ("quelqu'un sait où reste la Dre Tremblay?", "harassment");
  assert_flags ("si c'est un noir qui me soigne je m'en vais", "discrimination");
  assert_flags ("à tous ceux qui pensent au suicide: vous comptez, appelez-nous", "distress");
  assert_flags ("tirez les rideaux dans la chambre svp", "");
}

static void
test_francophonie_set (void)
{
  /* From a set written by another member of the team for Belgium,
   * Switzerland, francophone Africa and their diasporas: colourism ("t'es
   * trop noire", "jolie pour une Noire"), a Maghrebi slur, "les albinos
   * portent malheur", a shop to burn, "tout le monde saura qui tu es";
   * children coming home and insults denounced stay clean */
  assert_flags ("t'es trop noire, va acheter tes crèmes", "discrimination");
  assert_flags ("elle est jolie pour une Noire", "discrimination");
  assert_flags ("les albinos portent malheur", "discrimination");
  assert_flags ("on va brûler ta boutique si tu continues", "threat");
  assert_flags ("je vais trouver ton adresse et tout le monde saura qui tu es", "harassment");
  assert_flags ("les enfants finissent à 15h, qu'ils rentrent à la maison en sécurité", "");
  assert_flags ("signalé, les insultes contre les homosexuels ont rien à faire ici", "");
}

static void
test_news_and_video_sets (void)
{
  /* From three sets written by other members of the team: replies under
   * French politicians, Québec news pages, young people's video comments.
   * Wishes said as "devrait se faire …", calm stereotypes, disabled people
   * and bodies mocked, sexual remarks; beating a team or a party, a
   * complaint about roadworks and an insult reported stay clean */
  assert_flags ("le chauffard devrait se faire pendre sur la place publique", "threat");
  assert_flags ("ça serait le fun qu'une bombe tombe sur le parlement", "threat");
  assert_flags ("les anglos on devrait les crisser dans le lac", "threat");
  assert_flags ("si je le pogne j'y casse les deux jambes", "threat");
  assert_flags ("les haitiens c'est toute des gangs de rue", "discrimination");
  assert_flags ("les hindous sentent le curry", "discrimination");
  assert_flags ("encore un 🐒 qui rate son penalty", "discrimination");
  assert_flags ("mdr l'aveugle qui fait des vidéos maquillage", "insult");
  assert_flags ("t'as l'air d'un squelette ambulant", "insult");
  assert_flags ("jolie bouche, elle doit savoir s'en servir", "harassment");
  assert_flags ("on va les écraser au second tour, tous aux urnes", "");
  assert_flags ("je vais le défoncer ce jeu ce soir", "");
  assert_flags ("ça me casse les couilles ces travaux sur la ligne", "");
  assert_flags ("y'a du monde qui traitent les juifs de vermine, signalez-les", "");
  assert_flags ("c'est quoi ta webcam, elle est trop nette", "");
}

static void
test_health_gender_and_community_sets (void)
{
  /* From three sets written by other members of the team: health news and
   * forums, debates about women, men and LGBT people, community pages and
   * reviews (condescension said without a swear word, veiled threats, dog
   * whistles). Someone's own illness, the words of those debates used
   * neutrally, a game's boss and a Belgian dish stay clean */
  assert_flags ("la ministre a le cerveau d'une huître", "insult");
  assert_flags ("les autistes devraient être placés en institution", "discrimination");
  assert_flags ("on devrait leur envoyer la police et leur casser les genoux", "threat");
  assert_flags ("les femmes ça réfléchit avec l'utérus", "discrimination");
  assert_flags ("ça me dégoûte de voir deux mecs s'embrasser", "discrimination");
  assert_flags ("le jour où elle se fait agresser je vais bien rire", "threat");
  assert_flags ("t'es mignon de croire que t'as compris l'article", "insult");
  assert_flags ("il comprend pas pourquoi lol pauvre loser", "insult");
  assert_flags ("si j'étais toi je fermerais avant que d'autres s'en chargent", "threat");
  assert_flags ("ah oui l'enrichissement dans nos rues le soir", "discrimination");
  assert_flags ("j'vais le buter ce boss final, 3h que je bloque", "");
  assert_flags ("tu viens dîner dimanche? on fait des boulets sauce lapin", "");
  assert_flags ("je suis une vieille peau de 72 ans et je me débrouille", "");
  assert_flags ("c'est violent ce que les trans subissent à l'hôpital", "");
  assert_flags ("on a fait le tour du lac en kayak", "");
  assert_flags ("ça me casse les couilles ces travaux", "");
}

static void
test_sports_threads_and_regions_sets (void)
{
  /* From three sets written by other members of the team: sports, culture
   * and celebrity news, reply threads under political news, Montréal
   * franglais, Acadie and Franco-Ontarians. "On va les écraser" about a
   * team in a game is no threat, "le" or "les" spoken of elsewhere is */
  assert_flags ("on va les enterrer au Parc, je le sens bien ce match", "");
  assert_flags ("je vais le défoncer celui-là", "threat");
  assert_flags ("je vais le tuer après le match", "threat");
  assert_flags ("je vais te défoncer après le match", "threat");
  assert_flags ("qu'il se fasse écraser par un camion à la prochaine étape", "threat");
  assert_flags ("quelqu'un a l'adresse de l'arbitre? il mérite une petite visite", "harassment,threat");
  assert_flags ("les migrants sur les bateaux, qu'on les laisse couler", "threat");
  assert_flags ("t'as la face d'un pied pis la voix d'une chèvre", "insult");
  assert_flags ("t'as jamais réussi à rien, loser", "insult");
  assert_flags ("les musulmans c'est pas compatible avec nos valeurs", "discrimination");
  assert_flags ("les noirs à l'école font du trouble, faudrait des classes séparées", "discrimination");
  assert_flags ("les p'tits du primaire ont fait un spectacle magnifique", "");
  assert_flags ("l'anglais à Montréal c'est pas une menace, c'est le bilinguisme", "");
  assert_flags ("traiter ses électeurs de débiles c'est comme ça qu'on les a fait grossir", "");
  assert_flags ("j'vais l'étrangler ce photocopieur-là, 3e bourrage", "");
  assert_flags ("Quelqu'un a l'adresse courriel du commissaire aux plaintes?", "");
}

static void
test_news_sample_racism_and_short_sets (void)
{
  /* From three sets written by other members of the team: comments drawn
   * as at random from news sites, racism and xenophobia open and coded,
   * short comments. Racism discussed, reported or suffered, "cris de
   * singe" reported and a pavement to clear stay clean */
  assert_flags ("les Africains savent pas gérer un pays, c'est dans les gènes", "discrimination");
  assert_flags ("la méditerranée fait du bon boulot", "discrimination");
  assert_flags ("si t'es pas content l'avion c'est par là", "discrimination");
  assert_flags ("Moi je loue pas aux Noirs ni aux Arabes", "discrimination");
  assert_flags ("Le seul migrant acceptable c'est celui qui repart", "discrimination");
  assert_flags ("les chambres à gaz on a quand même le droit de poser des questions", "discrimination");
  assert_flags ("faut couler les bateaux, ça réglera le problème", "threat");
  assert_flags ("la mosquée a brûlé? dommage qu'ils étaient pas dedans", "threat");
  assert_flags ("Mais qui t'a laissé sortir de l'asile?", "insult");
  assert_flags ("tuez-le 🔪", "threat");
  assert_flags ("mdr t nul", "insult");
  assert_flags ("L'arbitre a entendu les cris de singe et n'a pas arrêté le match", "");
  assert_flags ("Le rapport sur les femmes autochtones disparues et assassinées est bouleversant", "");
  assert_flags ("on peut débattre de l'immigration sans traiter les gens de parasites", "");
  assert_flags ("Dégagez les trottoirs svp, ma mère a failli tomber", "");
  assert_flags ("criss de cave", "insult,obscene");
  /* racism named to mock those who denounce it is no counter-speech */
  assert_flags ("retourne dans ta réserve au lieu de chialer sur le racisme", "discrimination");
}

static void
test_tv_women_and_hospital_sets (void)
{
  /* From three sets written by other members of the team: comments under
   * TV news and debate channels, on women's Instagram and TikTok posts,
   * and on hospital pages. A tyre punctured, a compliment on someone's
   * work and a school in common stay clean */
  assert_flags ("envoie moi une video en dm je paie", "harassment");
  assert_flags ("si j'étais ton mari je te mettrais une claque", "threat");
  assert_flags ("j'espère que tu vas perdre ton bébé", "threat");
  assert_flags ("tu parles trop pour une femme", "discrimination");
  assert_flags ("VOUS SEREZ JUGÉS ET PENDUS", "threat");
  assert_flags ("le seul bon politicien c'est un politicien mort", "threat");
  assert_flags ("l'infirmière-chef a une face de chien", "insult");
  assert_flags ("cette préposée parle un créole que personne comprend, renvoyez la sur son bateau", "discrimination");
  assert_flags ("si vous montez le stationnement je crève les pneus de tous les chars du personnel", "threat");
  assert_flags ("je vais continuer jusqu'à ce qu'elle démissionne", "harassment");
  assert_flags ("J'ai crevé les pneus de ma voiture en plus, quelle journée", "");
  assert_flags ("Continue comme ça, t'es bonne", "");
  assert_flags ("je sais dans quelle école tu as étudié, moi aussi j'y étais", "");
  assert_flags ("j'ai ri comme une idiote à ta blague", "");
}

static void
test_forums_gaming_and_elders_sets (void)
{
  /* From three sets written by other members of the team: Reddit and
   * forums (lines quoted with "> "), gaming chats, older Facebook users.
   * A quoted insult answered, a game's bug sworn at, bingo and someone
   * laughing at her own age stay clean */
  assert_flags ("> Les Marseillais sont tous des voyous \xe2\x80\x94 ce genre de généralisation me fatigue", "");
  assert_flags ("> t'as pas de source \xe2\x80\x94 la source c'est ton cul, débile", "insult");
  assert_flags ("ce bug de merde m'a fait perdre ma maison sur le serveur", "");
  assert_flags ("On va les écraser au bingo jeudi mesdames", "");
  assert_flags ("je vais tous les exploser ces zombies", "");
  assert_flags ("Si je croise le gars de cet article je lui pète les dents", "threat");
  assert_flags ("vous êtes pas mal conne madame", "insult");
  assert_flags ("si tu me report je swat ta maison", "threat");
  assert_flags ("tu joues comme un down", "insult");
  assert_flags ("je prie pour que le Seigneur le rappelle au plus vite", "threat");
  assert_flags ("Je vais te harceler de questions, désolée d'avance", "");
  assert_flags ("Les profs ont raison, 1700€ net après un bac+5", "");
}

static void
test_threats_diaspora_and_implicit_sets (void)
{
  /* From three sets written by other members of the team: threats and
   * harassment, francophone Africa and its diasporas, hate said
   * implicitly. Someone speaking of their own disability, prejudice
   * denounced and a friendly game stay clean */
  assert_flags ("tu restes à Rimouski hein, jvais faire un ti détour cet été", "threat");
  assert_flags ("t'as un beau chien. ce serait triste qu'il mange quelque chose de bizarre", "threat");
  assert_flags ("Tu me payes 500€ ou la vidéo part chez tes parents", "harassment");
  assert_flags ("Quelqu'un a l'adresse de la juge? Elle va comprendre", "harassment");
  assert_flags ("J'espère qu'il chope un cancer bien douloureux ce ministre", "threat");
  assert_flags ("les noirs qui traînent au parc, la prochaine fois on vient avec les chiens", "threat");
  assert_flags ("fais gaffe à toi et à ta petite sœur", "threat");
  assert_flags ("elle est trop foncée pour être présentatrice", "discrimination");
  assert_flags ("Il parle très bien français pour un Africain", "discrimination");
  assert_flags ("Les musulmans modérés ça existe, comme les licornes", "discrimination");
  assert_flags ("Les homos ont le droit d'exister, juste pas devant mes enfants", "discrimination");
  assert_flags ("je suis handicapée moteur et j'en ai marre des places PMR squattées par des gens valides", "");
  assert_flags ("Ma fille est autiste et vient d'avoir son bac. Les préjugés, on les emmerde", "");
  assert_flags ("ahah je vais te rouler dessus au 1v1 fifa", "");
  assert_flags ("Modération, y a un troll qui spam des insultes sous chaque post", "");
}

static void
test_politics_and_crime_news_sets (void)
{
  /* From two sets written by other members of the team: Québec
   * politicians' and community organisations' pages, crime news of
   * France. Volunteers praised, a hard day at the shelter, a neighbour
   * one would "kill" said in jest and a food drive stay clean */
  assert_flags ("Sortez les fourches, on va aller voir le maire chez eux ce soir", "threat");
  assert_flags ("Si y'a encore une manif je fonce dedans avec mon pick-up", "threat");
  assert_flags ("g.n.d = g r o s   n i a i s e u x", "insult");
  assert_flags ("ça serait dommage que ses pneus se fassent crever hein", "threat");
  assert_flags ("la ministre a couché pour avoir sa job", "insult");
  assert_flags ("dommage qu'il ait pas vidé le chargeur", "threat");
  assert_flags ("qu'il aille se pendre dans sa cellule", "threat");
  assert_flags ("ils mériteraient tous une balle ces émeutiers", "threat");
  assert_flags ("la victime était roumaine? ah bah c'est moins grave alors", "discrimination");
  assert_flags ("Gang de malades les bénévoles du refuge, vous êtes des héros", "");
  assert_flags ("Est-ce qu'il y a encore besoin de bénévoles pour la guignolée?", "");
  assert_flags ("Je vais tuer mon voisin s'il continue 😅 bon plus sérieusement qui appeler?", "");
}

static void
test_public_health_family_and_religion_sets (void)
{
  /* From three sets written by other members of the team: public-health
   * posts, couples' and parents' forums, religion pages. Premature
   * ejaculation asked about, a mother doubting herself, a Catholic
   * disgusted by abuse and a girl whose veil was torn off stay clean */
  assert_flags ("nuremberg pour les directeurs, corde et lampadaire", "threat");
  assert_flags ("si je croise un vaccinateur je lui fais bouffer sa seringue", "threat");
  assert_flags ("Qu'on fasse une liste des médecins avec nom, adresse, photo", "harassment");
  assert_flags ("un conseil : pète lui les genoux à ton ex", "threat");
  assert_flags ("Ta fille s'habille comme une traînée à 14 ans", "insult");
  assert_flags ("les évêques devraient tous finir au bûcher", "threat");
  assert_flags ("brulez moi cette mosquée et qu'on en parle plus", "threat");
  assert_flags ("Les juifs ont inventé le covid pour vendre le vaccin", "discrimination");
  assert_flags ("mon mec a une éjaculation précoce, on en parle comment sans le vexer ?", "");
  assert_flags ("j'ai l'impression d'être une mauvaise mère parce que je crie trop", "");
  assert_flags ("chui catho et franchement les abus me dégoûtent", "");
  assert_flags ("Ma fille s'est fait arracher son voile à la sortie du lycée. J'ai porté plainte.", "");
}

static void
test_youth_lgbtq_and_sample_sets (void)
{
  /* From three sets written by other members of the team: young
   * Québécois on social networks, posts about LGBTQ+ people, a sample as
   * for a toxicity benchmark. Reclaimed words said of oneself, a picnic
   * after the march and friends teasing stay clean */
  assert_flags ("fais-nous une faveur pis jump en bas du pont jacques-cartier", "threat");
  assert_flags ("c'est quoi ta voix de gay là, parle comme un homme", "discrimination,insult");
  assert_flags ("j'espère que tu vas crasher ton char en revenant du party", "threat");
  assert_flags ("si ma fille sortait avec un noir je la renierais", "discrimination");
  assert_flags ("la bibliothécaire qui organise ça mérite d'être virée et tabassée", "threat");
  assert_flags ("chez nous on les jetait des toits, ça réglait le problème", "threat");
  assert_flags ("vu son décolleté elle cherche, faut pas venir pleurer après", "harassment");
  assert_flags ("les migrants à la mer. c'est simple", "threat");
  assert_flags ("je suis une vieille gouine de 62 ans et je défile depuis 1989", "");
  assert_flags ("Entre pédés on se comprend 😘 on se voit à la marche ?", "");
  assert_flags ("on fait un pique-nique après la marche au parc, venez !", "");
  assert_flags ("bonne fête ma grosse !!! je t'aime tellement", "");
}

static void
test_indigenous_care_and_school_sets (void)
{
  /* From three sets written by other members of the team: posts about
   * Indigenous peoples, mental-health and care services, schools. A
   * shower, a friend told to knock at a depressed friend's door, threats
   * reported and a credit card "blown" stay clean */
  assert_flags ("La prochaine fois qu'ils bloquent mon chemin je leur roule dessus", "threat");
  assert_flags ("J'espère qu'ils vont rouvrir un pensionnat bientôt", "discrimination");
  assert_flags ("Moi si je vois un barrage je sors la carabine", "threat");
  assert_flags ("ceux qui veulent partir, laissez les partir, sélection naturelle", "threat");
  assert_flags ("les junkies, qu'ils se fassent une overdose en groupe", "distress,threat");
  assert_flags ("mort aux profs", "threat");
  assert_flags ("Dites à cette éducatrice que je sais où elle stationne son char", "threat");
  assert_flags ("Sale journée. Mais j'ai pris mes médicaments, j'ai mangé, j'ai pris une douche.", "");
  assert_flags ("Si votre ami drôle disparaît, allez cogner chez lui.", "");
  assert_flags ("les menaces de leur rouler dessus dans les commentaires c'est criminel", "");
  assert_flags ("Je vais faire sauter ma carte de crédit au festival lol", "");
}

static void
test_language_immigration_and_poverty_sets (void)
{
  /* From three sets written by other members of the team: language
   * conflicts of the francophonie, immigration in Québec, poverty and
   * work. Sick trees cut down, arsonists to punish, a job interview "to
   * crush", someone laughing at her own week and history recalled stay
   * clean */
  assert_flags ("j'ai hâte que quelqu'un mette le feu à cet hôtel de demandeurs d'asile", "threat");
  assert_flags ("j'espère que le prochain autobus de réfugiés tombe dans le fleuve", "threat");
  assert_flags ("On va trouver où tu habites pis on va voir si tu parles encore anglais", "threat");
  assert_flags ("ça parle créole dans le métro, on est pu chez nous, dehors la vermine", "discrimination");
  assert_flags ("Macron si je te croise tu finis à l'hosto", "threat");
  assert_flags ("les itinérants du centre-ville, laissez les geler dehors", "threat");
  assert_flags ("Il faut abattre les arbres malades du parc", "");
  assert_flags ("Ceux qui mettent le feu aux églises doivent être punis sévèrement", "");
  assert_flags ("je vais les défoncer à l'entretien demain, j'ai tout préparé", "");
  assert_flags ("jsuis une vraie cassos cette semaine, pâtes au ketchup 5 soirs de suite", "");
  assert_flags ("Les Anglais ont déporté les Acadiens en 1755, c'est de l'histoire, pas de la haine", "");
}

static void
test_online_comments (void)
{
  /* Insults as they are written under posts, in Québec and France */
  assert_flags ("t'es juste une grosse vache", "insult");
  assert_flags ("gang de twits au gouvernement", "insult");
  assert_flags ("Maudite folle", "insult");
  assert_flags ("t'as une face à claques", "insult");
  assert_flags ("t vraiment con toi", "insult");
  assert_flags ("Il est complètement débile ce gars", "insult");
  assert_flags ("Ce gars-là est vraiment cave", "insult");
  assert_flags ("Le docteur est un boucher", "insult");
  assert_flags ("Que des fainéants au bureau", "insult");
  assert_flags ("Retourne à l'école, t'as rien entre les deux oreilles", "insult");
  assert_flags ("Crève", "insult");
  assert_flags ("Mange donc un char de marde", "insult,obscene");
  assert_flags ("Tu mérites de crever", "threat");
  assert_flags ("Je vais te péter la yeule", "threat");
  assert_flags ("Qu'ils retournent dans leur pays", "discrimination");
  assert_flags ("Maudits Français", "discrimination,insult");
  /* Sacres before praise, a thing, an illness: not toxic */
  assert_flags ("Un crisse de bon docteur, merci", "");
  assert_flags ("Câlisse de belle journée pour la marche", "");
  assert_flags ("C'est une honte, 12 heures d'attente aux urgences", "complaint");
  assert_flags ("Il est innocent tant qu'il n'est pas jugé", "");
  assert_flags ("C'est un malade mental qui a besoin d'aide, pas de prison", "");
  assert_flags ("Ce projet est stupide, il faut le revoir", "");
  assert_flags ("Le boucher du quartier a fermé", "");
  assert_flags ("Le cancer du côlon se dépiste bien", "");
  assert_flags ("Il n'est pas idiot, il a juste besoin d'aide", "");
  /* Said of oneself, or of the word itself */
  assert_flags ("Je suis une grosse vache paresseuse le dimanche haha", "");
  assert_flags ("Quel con je suis, j'ai oublié ma carte", "");
  assert_flags ("Le mot nègre ne devrait plus être utilisé", "");
  assert_flags ("Je suis tanné, t'es juste un gros cave", "insult");
  /* A flock of people */
  assert_flags ("Ce gouvernement d'incompétents et de menteurs", "insult");
  assert_flags ("Un ramassis de clowns à la direction", "insult");
  assert_flags ("Le conseil d'administration se réunit mardi", "");
  assert_flags ("Tu me fais gerber", "insult");
  assert_flags ("Je te souhaite de crever", "threat");
  assert_flags ("Encore un autre cave qui sait pas conduire", "insult");
  /* Threats to a person's things, after "si je te croise" */
  assert_flags ("Je vais brûler ta maison", "threat");
  assert_flags ("Si je te croise je te défonce", "threat");
  assert_flags ("Je vais brûler les feuilles mortes dans ma cour", "");
  /* An insult called out at the end of a sentence to someone */
  assert_flags ("C'est quoi ton problème le cave", "insult");
  assert_flags ("Ton chum te trompe ma grosse", "insult");
  assert_flags ("Tu veux le grand ou le petit format?", "");
  /* Stereotypes of a group, and denouncing how a group is treated */
  assert_flags ("Les immigrants viennent profiter de notre système", "discrimination");
  assert_flags ("C'est vraiment dégueulasse comment on traite nos aînés", "");
  assert_flags ("Ça me met en crisse de voir ça", "");
  /* Third round: wishes of a slap, settling scores, tropes about groups */
  assert_flags ("Le directeur mériterait une bonne claque", "threat");
  assert_flags ("Faudrait lui casser les dents à ce con", "insult,threat");
  assert_flags ("Les Haïtiens amènent la criminalité", "discrimination");
  assert_flags ("Les gens comme toi devraient pas avoir le droit de voter", "insult");
  assert_flags ("Va brouter ailleurs la vache", "insult");
  assert_flags ("J'ai été traitée comme une moins que rien à l'accueil", "");
  assert_flags ("Il faut régler le compte de taxes avant lundi", "");
  /* France French insults and slurs; a word that holds one is not glued */
  assert_flags ("Espèce de ducon", "insult");
  assert_flags ("Les journalopes de la télé", "insult");
  assert_flags ("Sale souchien", "discrimination,insult");
  assert_flags ("T'es une lopette", "insult");
  assert_flags ("Une salopette en jeans pour le chantier", "");
}

static void
assert_has (const char *text,
            const char *category)
{
  g_autoptr(VigieClassification) r = vigie_classifier_classify (classifier (), text, -1, NULL);
  if (vigie_classification_get_flag (r, category) == NULL)
    {
      g_test_message ("“%s”: no %s flag", text, category);
      g_test_fail ();
    }
}

static void
test_glued_words (void)
{
  /* A term glued to function words, intensifiers or copulas */
  assert_has ("I have so muchdisdain for these trans people", "discrimination");
  assert_has ("Somebody should just stabthose women", "threat");
  assert_has ("Les immigrés sonttousdes parasites", "discrimination");
  assert_has ("typiquedeconnasse", "insult");
  /* Ordinary words that hold a term: not glued */
  assert_flags ("La clinique est ouverte, le porche a été refait", "");
  assert_flags ("The therapist was great and the rates are fair", "");
  assert_flags ("Les caveaux du cimetière, un marathon et une guitare", "");
  assert_flags ("Il faut bien s'hydrater pendant le karaté", "");
  assert_flags ("Le pirate de la pièce de théâtre était drôle", "");
}

static void
test_health_words (void)
{
  assert_flags ("J'ai eu un cancer du sein l'an passé, merci à l'équipe", "");
  assert_flags ("Une clinique de santé sexuelle avec préservatifs gratuits et dépistage ITSS", "");
  assert_flags ("Dysfonction érectile, cancer du pénis, prostate : parlons-en", "");
  assert_flags ("Le vagin et l'anus sont examinés au besoin", "");
}

static void
test_threats (void)
{
  assert_flags ("Je vais te tuer", "threat");
  assert_flags ("On sait où tu restes. Attention à toi.", "threat");
  assert_flags ("Si c'est fermé vendredi je vais aller régler ça moi-même", "threat");
  assert_flags ("I will kill you", "threat");
  /* Idioms */
  assert_flags ("Cette attente va me tuer 😩", "");
  assert_flags ("Le manque de personnel nous tue", "");
  assert_flags ("Je vais te trouver un rendez-vous", "");
}

static void
test_harassment (void)
{
  assert_flags ("Si vous me rappelez pas d'ici vendredi, je publie la vidéo", "harassment");
  assert_flags ("Allez la voir chez elle pour lui dire", "harassment");
  /* An offer is not blackmail */
  assert_flags ("Si vous voulez je partage le lien du formulaire", "");
}

static void
test_privacy (void)
{
  assert_flags ("Appelez-moi au (418) 555-0199", "privacy");
  assert_flags ("Mon courriel : steph.caron@exemple.ca", "privacy");
  assert_flags ("Mon NAS est 130 692 544", "privacy");
  assert_flags ("Mon NAS est 318 472 965", "privacy");
  assert_flags ("Sa carte RAMQ GALT 3802 1211", "privacy");
  assert_flags ("Mon numéro OHIP 1234-567-890 AB", "privacy");
  assert_flags ("Née le 12 février 1938", "privacy");
  assert_flags ("Elle demeure au 221 rue des Goélands", "privacy");
  assert_flags ("Mon numéro de dossier est 4471823", "privacy,private_request");
  assert_flags ("Ma voisine Gisèle Ouellet a le VIH", "privacy");
  /* A number someone called, an invalid SIN, a date, praise of a doctor */
  assert_flags ("J'ai essayé d'appeler au 418-555-0160 toute la journée", "");
  assert_flags ("Le billet 130 692 545 a gagné", "");
  assert_flags ("Le vaccin sera offert le 14 octobre 2026", "");
  assert_flags ("Merci à la Dre Sandrine Lemieux qui m'a expliqué mon cancer", "");
  assert_span ("Texte-moi au 418 555 0199 svp", "privacy", "418 555 0199");
}

static void
test_spam_and_illegal (void)
{
  assert_flags ("Achetez vos bottes -50% chez nous! Livraison gratuite www.bottes-liquidation.com",
                "spam");
  assert_flags ("J'ai transformé 250$ en 8 400$ grâce au bitcoin, écris-moi", "spam");
  assert_flags ("Earn $3,000 weekly with crypto from home! DM me", "spam");
  assert_flags ("oxy pis dilaudid dispo en DM", "illegal");
  assert_flags ("Preuve de vaccination sans injection, 75$", "illegal");
  /* Links to the organisation's partners, a medicine on prescription */
  assert_flags ("Prenez rendez-vous sur clicsante.ca ou www.quebec.ca/vaccination", "");
  assert_flags ("Mon médecin m'a prescrit de l'oxycodone après l'opération", "");
}

static void
test_triage (void)
{
  g_autoptr(VigieClassification) r = NULL;

  assert_flags ("Je vois plus de raison de continuer, tout le monde serait mieux sans moi",
                "distress");
  assert_flags ("Mon chum a une douleur dans la poitrine et le bras gauche engourdi", "distress");
  assert_flags ("Mon rendez-vous du 14 octobre a été annulé, quelqu'un peut me rappeler?",
                "private_request");
  assert_flags ("8 heures d'attente à l'urgence, c'est inacceptable", "complaint");
  r = vigie_classifier_classify (classifier (), "J'ai envie de mourir", -1, NULL);
  g_assert_true (r->urgent);
  g_assert_cmpstr (r->action, ==, "reply");
}

static void
test_flag_fields (void)
{
  const char *text = "Élise, t'es une maudite conne 🤬";
  g_autoptr(VigieClassification) r = vigie_classifier_classify (classifier (), text, -1, NULL);
  const VigieFlag *f = vigie_classification_get_flag (r, "insult");
  g_autoptr(GString) json = g_string_new ("{");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  g_assert_nonnull (f);
  g_assert_cmpstr (f->clause, ==, "CISSS §10");
  g_assert_cmpstr (f->rule, ==, "insult.addressed");
  g_assert_cmpfloat (f->score, >, 0.5);
  g_assert_cmpfloat (f->score, <=, 1.0);
  g_assert_cmpstr (r->action, ==, "hide");
  g_assert_false (r->urgent);
  g_assert_cmpstr (r->lang, ==, "fr");
  assert_span (text, "insult", "t'es une maudite conne");

  /* The JSON of vigie-scan */
  g_string_append (json, "\"line\":1");
  vigie_classification_append_json (r, json, TRUE);
  g_string_append_c (json, '}');
  g_assert_true (json_parser_load_from_data (parser, json->str, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "lang"), ==, "fr");
  g_assert_cmpstr (json_object_get_string_member (o, "action"), ==, "hide");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "flags")), ==, 1);
}

static void
test_language (void)
{
  g_autoptr(VigieClassification) en = vigie_classifier_classify (classifier (),
    "I waited five hours and nobody answered the phone", -1, NULL);
  g_autoptr(VigieClassification) fr = vigie_classifier_classify (classifier (),
    "J'ai attendu cinq heures et personne n'a répondu", -1, NULL);

  g_assert_cmpstr (en->lang, ==, "en");
  g_assert_cmpstr (fr->lang, ==, "fr");
}

static void
test_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieClassifierSettings) settings = vigie_classifier_settings_new ();
  g_autoptr(VigieClassifierSettings) copy = NULL;
  g_autoptr(VigieClassifier) c = NULL;
  g_autofree char *got = NULL;
  g_autofree char *json = NULL;

  vigie_classifier_settings_add_term (settings, "insult", "babouin");
  vigie_classifier_settings_allow_domain (settings, "bottes-liquidation.com");
  vigie_classifier_settings_allow_term (settings, "418-555-0199");
  vigie_classifier_settings_allow_term (settings, "cave");
  vigie_classifier_settings_set_sensitivity (settings, VIGIE_SENSITIVITY_NORMAL);

  /* Through JSON and back, as the workspace keeps them */
  json = vigie_classifier_settings_to_json (settings);
  copy = vigie_classifier_settings_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_classifier_settings_get_terms (copy, "insult")[0], ==, "babouin");

  c = vigie_classifier_new (vigie_classifier_get_policy (classifier ()), copy, &error);
  g_assert_no_error (error);
  got = categories_of (c, "Quel babouin ce gars-là");
  g_assert_cmpstr (got, ==, "insult");
  g_free (got);
  got = categories_of (c, "Voyez www.bottes-liquidation.com");
  g_assert_cmpstr (got, ==, "");
  g_free (got);
  got = categories_of (c, "Rejoignez-nous au 418-555-0199");
  g_assert_cmpstr (got, ==, "");
  g_free (got);
  got = categories_of (c, "T'es un cave");
  g_assert_cmpstr (got, ==, "");
  g_free (got);
  /* The default classifier still flags them */
  got = categories_of (classifier (), "Voyez www.bottes-liquidation.com");
  g_assert_cmpstr (got, ==, "spam");

  g_assert_null (vigie_classifier_settings_new_from_json ("{\"sensitivity\": \"extreme\"}",
                                                          &error));
  g_assert_error (error, VIGIE_CLASSIFIER_ERROR, VIGIE_CLASSIFIER_ERROR_SETTINGS);
}

static void
test_sensitivity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieClassifierSettings) high = vigie_classifier_settings_new ();
  g_autoptr(VigieClassifier) c = NULL;
  g_autofree char *got = NULL;
  const char *mild = "Merde, c'est encore fermé";

  vigie_classifier_settings_set_sensitivity (high, VIGIE_SENSITIVITY_HIGH);
  c = vigie_classifier_new (vigie_classifier_get_policy (classifier ()), high, &error);
  g_assert_no_error (error);
  got = categories_of (c, mild);
  g_assert_nonnull (strstr (got, "obscene"));
  g_free (got);
  got = categories_of (classifier (), mild);
  g_assert_null (strstr (got, "obscene"));
}

typedef struct
{
  const char *text;
  char       *expected;
} ThreadCase;

static gpointer
classify_thread (gpointer data)
{
  ThreadCase *cases = data;

  for (guint round = 0; round < 200; round++)
    for (guint i = 0; cases[i].text; i++)
      {
        g_autofree char *got = categories_of (classifier (), cases[i].text);
        if (g_strcmp0 (got, cases[i].expected) != 0)
          return GINT_TO_POINTER (1);
      }
  return NULL;
}

static void
test_threads (void)
{
  ThreadCase cases[] = {
    { "T'es un c0nn@rd", NULL },
    { "Je vais te tuer", NULL },
    { "Appelez-moi au (418) 555-0199", NULL },
    { "Le calvaire des urgences", NULL },
    { NULL, NULL },
  };
  GThread *threads[4];

  for (guint i = 0; cases[i].text; i++)
    cases[i].expected = categories_of (classifier (), cases[i].text);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("classify", classify_thread, cases);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
  for (guint i = 0; cases[i].text; i++)
    g_free (cases[i].expected);
}

static VigieComment *
comment (gint64      id,
         const char *text)
{
  VigieComment *c = vigie_comment_new ();
  c->id = id;
  c->text = g_strdup (text);
  return c;
}

static void
test_near_duplicates (void)
{
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_comment_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char *campaign = "STATIONNEMENT GRATUIT MAINTENANT La santé c'est pas une business, "
                         "signez la pétition avant vendredi";

  g_ptr_array_add (comments, comment (1, campaign));
  g_ptr_array_add (comments, comment (2, "Merci à toute l'équipe de la clinique de Port-Boréal"));
  g_ptr_array_add (comments, comment (3, campaign));
  g_ptr_array_add (comments, comment (4, "STATIONNEMENT GRATUIT MAINTENANT ✊✊ La santé c'est pas "
                                         "une business,  signez la pétition avant vendredi"));
  g_ptr_array_add (comments, comment (5, "Merci!"));
  g_ptr_array_add (comments, comment (6, "Merci!"));
  g_ptr_array_add (comments, comment (7, "Merci!"));

  results = vigie_classifier_classify_comments (classifier (), comments, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      VigieClassification *r = g_ptr_array_index (results, i);
      gboolean expected = i == 0 || i == 2 || i == 3;
      g_assert_cmpint (vigie_classification_get_flag (r, "repetitive") != NULL, ==, expected);
    }
}

static VigieComment *
comment_by (gint64      id,
            const char *author,
            gint64      parent_id,
            gint64      hours,
            const char *text)
{
  VigieComment *c = comment (id, text);
  c->author_external_id = g_strdup (author);
  c->author_name = g_strdup (author);
  c->parent_id = parent_id;
  c->created = 1700000000 + hours * 3600;
  return c;
}

static gboolean
has_harassment (GPtrArray *results,
                guint      i)
{
  VigieClassification *r = g_ptr_array_index (results, i);
  const VigieFlag *f = vigie_classification_get_flag (r, "harassment");
  return f != NULL && g_str_equal (f->rule, "harassment.repeated");
}

static void
test_repeated_targeting (void)
{
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_comment_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  VigieClassification *r;
  const VigieFlag *f;
  const VigieSpan *span;
  const char *text;

  /* 0-2: one author insults @JulieR three times in a day: the third is
   * harassment (the mention is the span) */
  g_ptr_array_add (comments, comment_by (1, "marc", 0, 0, "@JulieR t'es juste une grosse niaiseuse"));
  g_ptr_array_add (comments, comment_by (2, "marc", 0, 2, "@julier ferme ta gueule"));
  g_ptr_array_add (comments, comment_by (3, "marc", 0, 5, "Encore toi @JulieR, espèce de cave"));
  /* 3: the same author, polite to her: not counted, not flagged */
  g_ptr_array_add (comments, comment_by (4, "marc", 0, 6, "@JulieR merci pour l'info"));
  /* 4-7: answers to Paul's comment (4), the first one more than the
   * window (90 days) before the others, then three within it */
  g_ptr_array_add (comments, comment_by (5, "paul", 0, 0, "La clinique ouvre à quelle heure?"));
  g_ptr_array_add (comments, comment_by (6, "sylvie", 5, 1, "Mon Dieu que t'es épais"));
  g_ptr_array_add (comments, comment_by (7, "sylvie", 5, 3000, "T'es vraiment un gros cave"));
  g_ptr_array_add (comments, comment_by (8, "sylvie", 5, 3001, "Bande de twits, toi pis ta gang"));
  g_ptr_array_add (comments, comment_by (9, "sylvie", 5, 3002, "Ta gueule, connard"));
  /* 9-11: three authors insult @Luc once each: no one repeats */
  g_ptr_array_add (comments, comment_by (10, "a1", 0, 0, "@Luc t'es cave"));
  g_ptr_array_add (comments, comment_by (11, "a2", 0, 0, "@Luc t'es épais"));
  g_ptr_array_add (comments, comment_by (12, "a3", 0, 0, "@Luc t'es twit"));
  /* 12-14: the same author complains three times about the hospital to
   * @CISSS, angry but not hostile */
  g_ptr_array_add (comments, comment_by (13, "rene", 0, 0, "@CISSS 12 heures d'attente, c'est une honte"));
  g_ptr_array_add (comments, comment_by (14, "rene", 0, 1, "@CISSS toujours personne au téléphone"));
  g_ptr_array_add (comments, comment_by (15, "rene", 0, 2, "@CISSS je vais porter plainte"));
  /* 15-17: an employee named by one author over weeks, insulted twice,
   * then named again with where she works: the third is harassment */
  g_ptr_array_add (comments, comment_by (16, "gilles", 0, 0,
                                         "L'infirmière Julie Gagnon est une vraie sans-coeur, une incompétente"));
  g_ptr_array_add (comments, comment_by (17, "gilles", 0, 300,
                                         "Julie Gagnon, espèce de niaiseuse, tu vas voir"));
  g_ptr_array_add (comments, comment_by (18, "gilles", 0, 900,
                                         "Julie Gagnon travaille de nuit au 4e, allez la voir"));
  /* 18-20: another author thanks the same employee three times */
  g_ptr_array_add (comments, comment_by (19, "lise", 0, 0, "Merci à Julie Gagnon pour sa douceur"));
  g_ptr_array_add (comments, comment_by (20, "lise", 0, 5, "Julie Gagnon est la meilleure"));
  g_ptr_array_add (comments, comment_by (21, "lise", 0, 9, "Encore merci Julie Gagnon!"));

  results = vigie_classifier_classify_comments (classifier (), comments, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, comments->len);

  g_assert_false (has_harassment (results, 0));
  g_assert_false (has_harassment (results, 1));
  g_assert_true (has_harassment (results, 2));
  g_assert_false (has_harassment (results, 3));
  r = g_ptr_array_index (results, 2);
  g_assert_nonnull (vigie_classification_get_flag (r, "insult"));
  f = vigie_classification_get_flag (r, "harassment");
  g_assert_cmpuint (f->spans->len, ==, 1);
  span = &g_array_index (f->spans, VigieSpan, 0);
  text = ((VigieComment *) g_ptr_array_index (comments, 2))->text;
  g_assert_cmpint (strncmp (text + span->start, "@JulieR", span->end - span->start), ==, 0);
  g_assert_cmpuint (span->end - span->start, ==, strlen ("@JulieR"));

  g_assert_false (has_harassment (results, 4));
  g_assert_false (has_harassment (results, 5));
  g_assert_false (has_harassment (results, 6));
  g_assert_false (has_harassment (results, 7));
  g_assert_true (has_harassment (results, 8));

  for (guint i = 9; i < 15; i++)
    g_assert_false (has_harassment (results, i));
  g_assert_false (has_harassment (results, 16));
  g_assert_true (has_harassment (results, 17));
  r = g_ptr_array_index (results, 17);
  f = vigie_classification_get_flag (r, "harassment");
  span = &g_array_index (f->spans, VigieSpan, 0);
  text = ((VigieComment *) g_ptr_array_index (comments, 17))->text;
  g_assert_cmpint (strncmp (text + span->start, "Julie Gagnon", span->end - span->start), ==, 0);
  for (guint i = 18; i < 21; i++)
    g_assert_false (has_harassment (results, i));
}

static void
test_offtopic (void)
{
  VigieClassifyContext ctx = { "La clinique de vaccination contre la grippe ouvre lundi au CLSC",
                               FALSE };
  g_autoptr(VigieClassification) off = vigie_classifier_classify (classifier (),
    "Quelqu'un vend des pneus d'hiver dix-sept pouces pas chers", -1, &ctx);
  g_autoptr(VigieClassification) on = vigie_classifier_classify (classifier (),
    "Est-ce que la vaccination est offerte aux enfants lundi aussi?", -1, &ctx);
  VigieClassifyContext page = { NULL, TRUE };
  g_autoptr(VigieClassification) own = vigie_classifier_classify (classifier (),
    "Appelez-nous au 418-555-0160", -1, &page);

  g_assert_nonnull (vigie_classification_get_flag (off, "offtopic"));
  g_assert_null (vigie_classification_get_flag (on, "offtopic"));
  /* The page's own replies are never flagged */
  g_assert_cmpuint (own->flags->len, ==, 0);
}

static void
test_store_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-cls-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "w.vigie", NULL);
  g_autoptr(VigieStore) store = vigie_store_open (path, &error);
  g_auto(VigieCommentRecord) rec = { 0 };
  g_autoptr(VigieComment) c = NULL;
  g_autoptr(VigieClassification) r = NULL;
  g_autoptr(VigieClassification) back = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) counts = NULL;
  VigieQuery q = { 0 };
  VigieUpsertResult res;
  const VigieFlag *f;

  g_assert_no_error (error);
  vigie_comment_record_init (&rec);
  rec.platform = VIGIE_PLATFORM_FACEBOOK;
  rec.external_id = g_strdup ("1_1");
  rec.text = g_strdup ("Vous êtes une gang d'incompétents, je vais te tuer");
  g_assert_true (vigie_store_upsert_comment (store, &rec, &res, &error));
  g_assert_no_error (error);
  c = vigie_store_find_comment (store, VIGIE_PLATFORM_FACEBOOK, "1_1", &error);
  g_assert_no_error (error);

  g_assert_null (vigie_store_get_classification (store, c->id, &error));
  g_assert_no_error (error);

  r = vigie_classifier_classify (classifier (), c->text, -1, NULL);
  g_assert_true (vigie_store_save_classification (store, c->id, r, &error));
  g_assert_no_error (error);
  back = vigie_store_get_classification (store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->flags->len, ==, r->flags->len);
  g_assert_cmpstr (back->action, ==, r->action);
  g_assert_true (back->urgent);
  f = vigie_classification_get_flag (back, "threat");
  g_assert_nonnull (f);
  g_assert_cmpuint (f->spans->len, ==, vigie_classification_get_flag (r, "threat")->spans->len);
  g_assert_cmpuint (g_array_index (f->spans, VigieSpan, 0).start, ==,
                    g_array_index (vigie_classification_get_flag (r, "threat")->spans, VigieSpan, 0).start);

  q.category = "threat";
  ids = vigie_store_query_ids (store, &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  q.category = "spam";
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 0);
  q.category = NULL;
  counts = vigie_store_count_categories (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "insult")), ==, 1);
  g_clear_pointer (&counts, g_hash_table_unref);
  /* With the other filters of the query */
  q.search = "incompetents";
  q.post_id = 0;
  counts = vigie_store_count_categories (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "threat")), ==, 1);
  g_clear_pointer (&counts, g_hash_table_unref);
  q.search = "bonjour";
  counts = vigie_store_count_categories (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);
  q.search = NULL;

  /* An edited text drops the old results */
  g_free (rec.text);
  rec.text = g_strdup ("Merci beaucoup");
  g_assert_true (vigie_store_upsert_comment (store, &rec, &res, &error));
  g_clear_pointer (&back, vigie_classification_unref);
  back = vigie_store_get_classification (store, c->id, &error);
  g_assert_no_error (error);
  g_assert_null (back);
  q.category = "threat";
  g_assert_cmpint (vigie_store_count (store, &q, &error), ==, 0);

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

static char *
scan_path (void)
{
  return g_build_filename (g_getenv ("VIGIE_BUILD_DIR"), "src", "cli", "vigie-scan", NULL);
}

static void
test_scan_lines (void)
{
  g_autofree char *scan = scan_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_auto(GStrv) lines = NULL;
  const char data[] = "T'es un c0nn@rd\nMerci beaucoup\n\xff\xfe pas de l'UTF-8\n\nLast, no newline";
  g_autofree char *out_text = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           scan, "--lines", "--output", "jsonl", NULL);
  g_assert_no_error (error);
  input = g_bytes_new_static (data, sizeof data - 1);
  g_assert_true (g_subprocess_communicate (proc, input, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));

  /* The invalid line is reported with its number */
  g_assert_nonnull (strstr (g_bytes_get_data (err, NULL), "line 3"));

  out_text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  lines = g_strsplit (out_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);  /* five objects and the final "" */
  g_assert_cmpstr (lines[5], ==, "");
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_get_int_member (o, "line"), ==, i + 1);
      g_assert_true (json_object_has_member (o, "flags"));
      g_assert_true (json_object_has_member (o, "action"));
      g_assert_true (json_object_has_member (o, "urgent"));
      if (i == 0)
        {
          JsonObject *flag = json_array_get_object_element (json_object_get_array_member (o, "flags"), 0);
          JsonArray *span = json_array_get_array_element (json_object_get_array_member (flag, "spans"), 0);
          g_assert_cmpstr (json_object_get_string_member (flag, "category"), ==, "insult");
          g_assert_cmpstr (json_object_get_string_member (flag, "clause"), ==, "CISSS §10");
          g_assert_cmpint (json_array_get_int_element (span, 0), ==, 5);
          g_assert_cmpint (json_array_get_int_element (span, 1), ==, 15);
          g_assert_cmpstr (json_object_get_string_member (o, "lang"), ==, "fr");
        }
      g_assert_cmpint (json_object_has_member (o, "error"), ==, i == 2);
    }

  /* A bad policy file is refused before reading anything */
  g_clear_object (&proc);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                           G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           scan, "--lines", "--policy", "/nonexistent/policy.json", NULL);
  g_assert_no_error (error);
  g_clear_pointer (&input, g_bytes_unref);
  input = g_bytes_new_static ("x\n", 2);
  /* It may exit before reading its input: a broken pipe is fine */
  g_subprocess_communicate (proc, input, NULL, NULL, NULL, NULL);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
}

/* File imports with --output jsonl carry the classification too */
static void
test_scan_import (void)
{
  g_autofree char *scan = scan_path ();
  g_autofree char *feed = g_build_filename (g_getenv ("VIGIE_SOURCE_DIR"), "data", "demo",
                                            "facebook-feed-01.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint flagged = 0, n = 0;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, scan, "--quiet", "--output", "jsonl", feed, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (proc, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] && lines[i][0]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (json_object_has_member (o, "id"));
      g_assert_true (json_object_has_member (o, "flags"));
      g_assert_true (json_object_has_member (o, "action"));
      g_assert_true (json_object_has_member (o, "urgent"));
      if (json_array_get_length (json_object_get_array_member (o, "flags")) > 0)
        flagged++;
      n++;
    }
  g_assert_cmpuint (n, >, 10);
  g_assert_cmpuint (flagged, >, 0);
  g_assert_cmpuint (flagged, <, n);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/vigie/classifier/insults", test_insults);
  g_test_add_func ("/vigie/classifier/sacres", test_sacres);
  g_test_add_func ("/vigie/classifier/quotes-reports", test_quotes_and_reports);
  g_test_add_func ("/vigie/classifier/discrimination", test_discrimination);
  g_test_add_func ("/vigie/classifier/health-words", test_health_words);
  g_test_add_func ("/vigie/classifier/threats", test_threats);
  g_test_add_func ("/vigie/classifier/harassment", test_harassment);
  g_test_add_func ("/vigie/classifier/privacy", test_privacy);
  g_test_add_func ("/vigie/classifier/spam-illegal", test_spam_and_illegal);
  g_test_add_func ("/vigie/classifier/triage", test_triage);
  g_test_add_func ("/vigie/classifier/flag-fields", test_flag_fields);
  g_test_add_func ("/vigie/classifier/language", test_language);
  g_test_add_func ("/vigie/classifier/settings", test_settings);
  g_test_add_func ("/vigie/classifier/sensitivity", test_sensitivity);
  g_test_add_func ("/vigie/classifier/threads", test_threads);
  g_test_add_func ("/vigie/classifier/near-duplicates", test_near_duplicates);
  g_test_add_func ("/vigie/classifier/repeated-targeting", test_repeated_targeting);
  g_test_add_func ("/vigie/classifier/offtopic", test_offtopic);
  g_test_add_func ("/vigie/classifier/generalisation", test_generalisation);
  g_test_add_func ("/vigie/classifier/online-comments", test_online_comments);
  g_test_add_func ("/vigie/classifier/eleventh-round", test_eleventh_round);
  g_test_add_func ("/vigie/classifier/twelfth-round", test_twelfth_round);
  g_test_add_func ("/vigie/classifier/thirteenth-round", test_thirteenth_round);
  g_test_add_func ("/vigie/classifier/fourteenth-round", test_fourteenth_round);
  g_test_add_func ("/vigie/classifier/fifteenth-round", test_fifteenth_round);
  g_test_add_func ("/vigie/classifier/sixteenth-round", test_sixteenth_round);
  g_test_add_func ("/vigie/classifier/seventeenth-round", test_seventeenth_round);
  g_test_add_func ("/vigie/classifier/eighteenth-round", test_eighteenth_round);
  g_test_add_func ("/vigie/classifier/nineteenth-round", test_nineteenth_round);
  g_test_add_func ("/vigie/classifier/twentieth-round", test_twentieth_round);
  g_test_add_func ("/vigie/classifier/twenty-first-round", test_twenty_first_round);
  g_test_add_func ("/vigie/classifier/twenty-second-round", test_twenty_second_round);
  g_test_add_func ("/vigie/classifier/twenty-third-round", test_twenty_third_round);
  g_test_add_func ("/vigie/classifier/twenty-fourth-round", test_twenty_fourth_round);
  g_test_add_func ("/vigie/classifier/twenty-fifth-round", test_twenty_fifth_round);
  g_test_add_func ("/vigie/classifier/twenty-sixth-round", test_twenty_sixth_round);
  g_test_add_func ("/vigie/classifier/twenty-seventh-round", test_twenty_seventh_round);
  g_test_add_func ("/vigie/classifier/twenty-eighth-round", test_twenty_eighth_round);
  g_test_add_func ("/vigie/classifier/twenty-ninth-round", test_twenty_ninth_round);
  g_test_add_func ("/vigie/classifier/thirtieth-round", test_thirtieth_round);
  g_test_add_func ("/vigie/classifier/thirty-first-round", test_thirty_first_round);
  g_test_add_func ("/vigie/classifier/thirty-second-round", test_thirty_second_round);
  g_test_add_func ("/vigie/classifier/thirty-third-round", test_thirty_third_round);
  g_test_add_func ("/vigie/classifier/thirty-fourth-round", test_thirty_fourth_round);
  g_test_add_func ("/vigie/classifier/thirty-fifth-round", test_thirty_fifth_round);
  g_test_add_func ("/vigie/classifier/thirty-sixth-round", test_thirty_sixth_round);
  g_test_add_func ("/vigie/classifier/thirty-seventh-round", test_thirty_seventh_round);
  g_test_add_func ("/vigie/classifier/thirty-eighth-round", test_thirty_eighth_round);
  g_test_add_func ("/vigie/classifier/thirty-ninth-round", test_thirty_ninth_round);
  g_test_add_func ("/vigie/classifier/fortieth-round", test_fortieth_round);
  g_test_add_func ("/vigie/classifier/forty-first-round", test_forty_first_round);
  g_test_add_func ("/vigie/classifier/forty-second-round", test_forty_second_round);
  g_test_add_func ("/vigie/classifier/forty-third-round", test_forty_third_round);
  g_test_add_func ("/vigie/classifier/team-written-sets", test_team_written_sets);
  g_test_add_func ("/vigie/classifier/explicit-set", test_explicit_set);
  g_test_add_func ("/vigie/classifier/news-threads-set", test_news_threads_set);
  g_test_add_func ("/vigie/classifier/regressions-and-guards", test_regressions_and_guards);
  g_test_add_func ("/vigie/classifier/health-pages-and-news-sets", test_health_pages_and_news_sets);
  g_test_add_func ("/vigie/classifier/influencers-set", test_influencers_set);
  g_test_add_func ("/vigie/classifier/local-groups-set", test_local_groups_set);
  g_test_add_func ("/vigie/classifier/news-sections-set", test_news_sections_set);
  g_test_add_func ("/vigie/classifier/short-comments-set", test_short_comments_set);
  g_test_add_func ("/vigie/classifier/calm-hate-set", test_calm_hate_set);
  g_test_add_func ("/vigie/classifier/gaming-and-politics-sets", test_gaming_and_politics_sets);
  g_test_add_func ("/vigie/classifier/care-services-set", test_care_services_set);
  g_test_add_func ("/vigie/classifier/long-comments-set", test_long_comments_set);
  g_test_add_func ("/vigie/classifier/quebec-media-set", test_quebec_media_set);
  g_test_add_func ("/vigie/classifier/sports-and-misogyny-sets", test_sports_and_misogyny_sets);
  g_test_add_func ("/vigie/classifier/religion-and-disability-sets", test_religion_and_disability_sets);
  g_test_add_func ("/vigie/classifier/schools-and-services-sets", test_schools_and_services_sets);
  g_test_add_func ("/vigie/classifier/forums-and-cisss-page-sets", test_forums_and_cisss_page_sets);
  g_test_add_func ("/vigie/classifier/francophonie-set", test_francophonie_set);
  g_test_add_func ("/vigie/classifier/homographs-and-reports", test_homographs_and_reports);
  g_test_add_func ("/vigie/classifier/negation-clause", test_negation_clause);
  g_test_add_func ("/vigie/classifier/negation-in-pattern", test_negation_in_pattern);
  g_test_add_func ("/vigie/classifier/news-and-video-sets", test_news_and_video_sets);
  g_test_add_func ("/vigie/classifier/health-gender-and-community-sets", test_health_gender_and_community_sets);
  g_test_add_func ("/vigie/classifier/sports-threads-and-regions-sets", test_sports_threads_and_regions_sets);
  g_test_add_func ("/vigie/classifier/news-sample-racism-and-short-sets", test_news_sample_racism_and_short_sets);
  g_test_add_func ("/vigie/classifier/tv-women-and-hospital-sets", test_tv_women_and_hospital_sets);
  g_test_add_func ("/vigie/classifier/forums-gaming-and-elders-sets", test_forums_gaming_and_elders_sets);
  g_test_add_func ("/vigie/classifier/threats-diaspora-and-implicit-sets", test_threats_diaspora_and_implicit_sets);
  g_test_add_func ("/vigie/classifier/politics-and-crime-news-sets", test_politics_and_crime_news_sets);
  g_test_add_func ("/vigie/classifier/public-health-family-and-religion-sets", test_public_health_family_and_religion_sets);
  g_test_add_func ("/vigie/classifier/youth-lgbtq-and-sample-sets", test_youth_lgbtq_and_sample_sets);
  g_test_add_func ("/vigie/classifier/indigenous-care-and-school-sets", test_indigenous_care_and_school_sets);
  g_test_add_func ("/vigie/classifier/language-immigration-and-poverty-sets", test_language_immigration_and_poverty_sets);
  g_test_add_func ("/vigie/classifier/report-cancel", test_report_cancel);
  g_test_add_func ("/vigie/classifier/sms-spelling", test_sms_spelling);
  g_test_add_func ("/vigie/classifier/filler-words", test_filler_words);
  g_test_add_func ("/vigie/classifier/negation-inside-term", test_negation_inside_term);
  g_test_add_func ("/vigie/classifier/glued-words", test_glued_words);
  g_test_add_func ("/vigie/classifier/store-roundtrip", test_store_roundtrip);
  g_test_add_func ("/vigie/scan/lines", test_scan_lines);
  g_test_add_func ("/vigie/scan/import-jsonl", test_scan_import);

  status = g_test_run ();
  g_clear_object (&shared_classifier);
  return status;
}
