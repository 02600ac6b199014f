/*
 * mention.c - noun phrases without a parser.
 *
 * Attribution needs three phrase-level judgements, each made from word
 * classes and capitalisation in a bounded window around a cue:
 * - the subject: the noun phrase that ends right before a verb
 *   ("Kremlin spokesman Dmitry Peskov said"), through appositives
 *   ("X, a former aide, said") and relative pronouns ("X, who ..."),
 * - the phrase after an inverted cue or "according to",
 * - whether what follows a cue is a clause (a subject and a finite verb)
 *   rather than a bare object ("confirmed the plans").
 * Windows are capped (MAX_NP tokens), so the work per cue is constant.
 */
#include <string.h>

#include "doc.h"

#define MAX_NP      14
#define MAX_GREEDY  24
#define CLAUSE_SPAN 28

/* Words that cannot sit inside a noun phrase. */
#define W_STOP                                                            \
	(W_AUX | W_BE | W_NEG | W_SUB | W_REL | W_WH | W_COORD | W_VERB | \
	 W_PRON | W_PRON_OBJ | W_THAT | W_ACCORDING)

static bool lower_word(const struct ana *a, uint32_t i)
{
	return a->toks[i].kind == TK_WORD && !(a->toks[i].flags & TF_CAP);
}

static bool ends_with_n(const struct ana *a, uint32_t i, const char *suf,
                        uint32_t n)
{
	const struct tok *t = &a->toks[i];
	uint32_t k;

	if (t->end - t->start <= n)
		return false;
	for (k = 0; k < n; k++) {
		char c = a->text[t->end - n + k];

		if ((c | 0x20) != suf[k])
			return false;
	}
	return true;
}

/* Does token i end with the lower-case literal suf (and is longer)? */
#define ends_with(a, i, suf) ends_with_n((a), (i), (suf), sizeof(suf) - 1)

/* A cue word used as a verb ("said"), not a noun ("the report"). */
static bool cue_verb(const struct ana *a, uint32_t i)
{
	uint64_t f = tok_wflags(a, i);

	return (f & W_CUE) && !(f & (W_INFO | W_ROLE | W_ORG | W_MEDIUM));
}

bool ws__verb_like(const struct ana *a, uint32_t i)
{
	uint64_t f;

	if (a->toks[i].kind != TK_WORD)
		return false;
	f = tok_wflags(a, i);
	/* "was", "has", "not" are verbs wherever they stand. */
	if ((f & (W_AUX | W_BE | W_NEG)) && !(f & (W_DET | W_PREP)))
		return !(a->toks[i].flags & TF_CAP) ||
		       (a->toks[i].flags & TF_SENT);
	if (i > 0 &&
	    (tok_is(a, i - 1, W_DET | W_POSSPRON | W_ADJ) ||
	     a->toks[i - 1].kind == TK_POSS) &&
	    !tok_is(a, i - 1, W_THAT | W_PRON) &&
	    !(i > 1 && tok_is(a, i - 1, W_NUMWORD) && tok_is(a, i - 2, W_DET) &&
	      !tok_is(a, i - 2, W_NUMWORD) && ends_with(a, i, "ed")))
		return false; /* "the plans", "Trump's stated"; not "the two
		               * raised" */
	if (f & W_VERB)
		return !(a->toks[i].flags & TF_CAP) ||
		       (a->toks[i].flags & TF_SENT);
	/* A capital makes a name, but in a Title Case Headline an -ed
	 * word is still a verb: "Russians Hacked DNC". */
	if ((a->toks[i].flags & TF_CAP) &&
	    !((a->toks[i].flags & TF_TITLED) && ends_with(a, i, "ed") &&
	      !(f & (W_FIRSTNAME | W_PLACE | W_ORGNAME))))
		return false;
	if (cue_verb(a, i) && !ends_with(a, i, "ing"))
		return true;
	if (ends_with(a, i, "ed") && a->toks[i].end - a->toks[i].start >= 4)
		return !(f & (W_ADJ | W_ROLE | W_ORG | W_INFO));
	if (ends_with(a, i, "s") && !ends_with(a, i, "ss") &&
	    !ends_with(a, i, "us") && !ends_with(a, i, "is") &&
	    !ends_with(a, i, "ics") && i > 0 &&
	    a->toks[i].end - a->toks[i].start >= 4 &&
	    !(f & (W_ROLE | W_ORG | W_INFO | W_TIME | W_PLURAL | W_GROUPNOUN |
	           W_PREP | W_ADV | W_MEDIUM | W_ADJ | W_AUDIENCE)) &&
	    a->toks[i - 1].kind == TK_WORD &&
	    !tok_is(a, i - 1,
	            W_PREP | W_NUMWORD | W_AUX | W_BE | W_COORD | W_THAT |
	                    W_SUB) &&
	    !(tok_is(a, i - 1, W_PRON) && (tok_wflags(a, i - 1) & W_PLURAL)))
		return true; /* "it means", "Trump wants", "the plan costs" */
	return false;
}

/* Does a verb follow token i directly: "Protest groups say", "the NFL
 * legend has said"?  Then i is the subject's head, not a verb itself. */
static bool before_verb(const struct ana *a, uint32_t i)
{
	if (i + 1 >= a->ntoks || a->toks[i + 1].kind != TK_WORD ||
	    (a->toks[i + 1].flags & TF_CAP))
		return false;
	return cue_verb(a, i + 1) || tok_is(a, i + 1, W_AUX | W_BE);
}

bool ws__quant_subject(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	bool one;

	if (t->kind != TK_WORD || !tok_is(a, i, W_DET))
		return false;
	one = ws__tok_eq(a, i, "one");
	if (!(one || tok_is(a, i, W_GROUPNOUN) || ws__tok_eq(a, i, "another") ||
	      ws__tok_eq(a, i, "each")))
		return false;
	if ((t->flags & TF_SENT) || i == 0)
		return true;
	/* `"...," tweeted another.`: alone after an inverted verb */
	if (tok_is(a, i - 1, W_CUE) && (one || ws__tok_eq(a, i, "another")))
		return i + 1 >= a->ntoks || tok_punct(a, i + 1, '.') ||
		       tok_punct(a, i + 1, ',');
	/* `"...," one said`: after a quotation's closing mark */
	if (a->toks[i - 1].kind == TK_QUOTE && a->toks[i - 1].q &&
	    a->quotes[a->toks[i - 1].q - 1].close == i - 1)
		return true;
	/* "if one adds": "one" after a subordinator is anybody */
	return tok_punct(a, i - 1, ',') || tok_punct(a, i - 1, ';') ||
	       (tok_is(a, i - 1, W_COORD | W_SUB) &&
	        !tok_is(a, i - 1, W_DET | W_PREP) &&
	        !(one && tok_is(a, i - 1, W_SUB)));
}

/* "the Cruz slate," "a GOP delegate,": after a determiner and a
 * singular name, a lower-case word closing the phrase at a comma is the
 * name's noun, not a verb ("the Democrats want" has no comma). */
static bool name_compound(const struct ana *a, uint32_t i)
{
	return i > 1 && i + 1 < a->ntoks && tok_punct(a, i + 1, ',') &&
	       (a->toks[i - 1].flags & TF_CAP) && !ends_with(a, i - 1, "s") &&
	       tok_is(a, i - 2, W_DET) && !tok_is(a, i - 2, W_THAT | W_PRON);
}

/* Can token i end a noun phrase (be its head)? */
static bool head_ok(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	uint64_t f;

	if (t->kind != TK_WORD)
		return false;
	f = tok_wflags(a, i);
	if (f & (W_PRON | W_REL))
		return true;
	/* "the two said", "all three agree": a number word after a
	 * determiner stands for the people counted. */
	if ((f & W_NUMWORD) && i > 0 && tok_is(a, i - 1, W_DET) &&
	    !tok_is(a, i - 1, W_NUMWORD | W_THAT) && before_verb(a, i))
		return true;
	/* "Some say", ", many said": a quantifier alone as the subject. */
	if (ws__quant_subject(a, i) && before_verb(a, i))
		return true;
	if (f & (W_DET | W_PREP | W_AUX | W_BE | W_NEG | W_SUB | W_WH |
	         W_COORD | W_ADV | W_THAT | W_POSSPRON | W_PRON_OBJ | W_TIME))
		return (t->flags & TF_CAP) &&
		       !(f &
		         (W_DET | W_PREP | W_SUB | W_COORD | W_THAT | W_WH)) &&
		       !(t->flags & TF_SENT);
	if (cue_verb(a, i) && !(t->flags & TF_CAP))
		return false;
	/* "work", "plan", "vote" are verbs, but nouns after a determiner
	 * or before a verb: "The plan seemed", "the harbour plan has". */
	if ((f & W_VERB) && !(t->flags & TF_CAP) &&
	    !(i > 0 && (a->toks[i - 1].kind == TK_POSS ||
	                (tok_is(a, i - 1, W_DET | W_POSSPRON) &&
	                 !tok_is(a, i - 1, W_THAT | W_PRON)))) &&
	    !(i > 0 && a->toks[i - 1].kind == TK_WORD &&
	      !tok_is(a, i - 1, W_PRON | W_REL | W_AUX | W_BE | W_TO) &&
	      before_verb(a, i)))
		return false;
	if (ends_with(a, i, "ly") && !(t->flags & TF_CAP) &&
	    !(f & (W_ROLE | W_ADJ | W_GROUPNOUN | W_KIN | W_ORG)) &&
	    !(i > 0 && (tok_is(a, i - 1, W_DET | W_POSSPRON) ||
	                a->toks[i - 1].kind == TK_POSS)))
		return false; /* an adverb: "aggressively"; not "the ally" */
	if (!(t->flags & TF_CAP)) {
		/* Lower-case words that cannot head a speaker: adjectives
		 * ("a reasonable"), participles ("disparaging",
		 * "scrutinized"), and a verb right after its own subject
		 * ("they resist"). */
		bool noun =
			(f & (W_ROLE | W_ORG | W_INFO | W_GROUPNOUN | W_ANON |
		              W_MEDIUM | W_TITLE | W_PLURAL | W_KIN)) != 0;

		if ((f & W_ADJ) && !noun)
			return false;
		/* "those surveyed say", "those polled" */
		if (!noun && ends_with(a, i, "ed") && i > 0 &&
		    ws__tok_eq(a, i - 1, "those") && before_verb(a, i))
			return true;
		if (!noun && (ends_with(a, i, "ing") || ends_with(a, i, "ed")))
			return false;
		if (!noun && i > 0 && a->toks[i - 1].kind == TK_WORD &&
		    ((tok_wflags(a, i - 1) & W_PRON) ||
		     ((a->toks[i - 1].flags & TF_CAP) &&
		      !(tok_wflags(a, i - 1) &
		        (W_DET | W_PREP | W_ADJ | W_POSSPRON)) &&
		      !before_verb(a, i) && !name_compound(a, i))))
			return false;
	}
	return true;
}

/* Is token i a word that may continue a phrase leftwards? */
static bool np_inner(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	uint64_t f;

	if (t->kind == TK_NUM || t->kind == TK_POSS)
		return true;
	/* "CNN/ORC", "NBC News/Wall Street Journal": two capitalised
	 * names joined by a slash, no space, name one thing (a joint poll,
	 * a merged company). */
	if (t->kind == TK_PUNCT && t->ch == '/')
		return i > 0 && i + 1 < a->ntoks && !(t->flags & TF_SPACE) &&
		       !(a->toks[i + 1].flags & TF_SPACE) &&
		       a->toks[i - 1].kind == TK_WORD &&
		       a->toks[i + 1].kind == TK_WORD &&
		       (a->toks[i - 1].flags & TF_CAP) &&
		       (a->toks[i + 1].flags & TF_CAP);
	/* "Procter & Gamble", "Pacific Gas & Electric": an ampersand
	 * between capitalised words joins one name. */
	if (t->kind == TK_SYM && t->ch == '&')
		return i > 0 && i + 1 < a->ntoks &&
		       a->toks[i - 1].kind == TK_WORD &&
		       a->toks[i + 1].kind == TK_WORD &&
		       (a->toks[i - 1].flags & TF_CAP) &&
		       (a->toks[i + 1].flags & TF_CAP);
	if (t->kind == TK_PUNCT)
		return t->ch == '.' && i > 0 &&
		       a->toks[i - 1].kind == TK_WORD &&
		       (tok_is(a, i - 1, W_ABBR | W_HONOR | W_SUFFIX) ||
		        (a->toks[i - 1].flags & TF_INITIAL)) &&
		       !(t->flags & TF_SPACE);
	if (t->kind != TK_WORD)
		return false;
	f = tok_wflags(a, i);
	if (f & W_STOP) {
		/* Capitalised words like "Will" or "May" are names: "said
		 * Will Hurd", "Theresa May". */
		if (!(t->flags & TF_CAP) || (t->flags & TF_SENT) ||
		    (f & (W_PRON | W_SUB | W_COORD | W_THAT | W_REL | W_WH |
		          W_BE | W_NEG)))
			return false;
		return !(f & W_AUX) ||
		       (i + 1 < a->ntoks && a->toks[i + 1].kind == TK_WORD &&
		        (a->toks[i + 1].flags & TF_CAP) &&
		        !(a->toks[i + 1].flags & TF_INQ)) ||
		       (i > 0 && tok_is(a, i - 1, W_FIRSTNAME) &&
		        (a->toks[i - 1].flags & TF_CAP));
	}
	if (f & (W_PREP | W_ADV | W_TIME))
		return (t->flags & TF_CAP) && !(t->flags & TF_SENT) &&
		       !(f & W_PREP);
	if (cue_verb(a, i) && !(t->flags & TF_CAP))
		return false;
	if (ends_with(a, i, "ing") && !(t->flags & TF_CAP) &&
	    !(f & (W_ROLE | W_ORG | W_INFO | W_ADJ)))
		return false;
	if (ends_with(a, i, "ly") && !(t->flags & TF_CAP) &&
	    !(f & (W_ROLE | W_ADJ)))
		return false;
	return true;
}

/* An adjective that follows its noun: "a person familiar with ...",
 * "an aide close to ...". */
static bool postmodifier(const struct ana *a, uint32_t i)
{
	static const char *const words[] = {"familiar", "close",
	                                    "briefed",  "knowledgeable",
	                                    "involved", "aware",
	                                    "loyal",    "opposed"};

	return ws__tok_in(a, i, words, WS_ARRAY_LEN(words));
}

/* Is token i a capitalised word, or "the" before one, below end? */
static bool cap_next(const struct ana *a, uint32_t i, uint32_t end)
{
	if (i < end && ws__tok_eq(a, i, "the"))
		i++;
	return i < end && a->toks[i].kind == TK_WORD &&
	       (a->toks[i].flags & TF_CAP);
}

/* Is a capitalised word of [first, end) one that names a body? */
static bool org_word_in(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k;

	for (k = first; k < end; k++)
		if ((a->toks[k].flags & TF_CAP) &&
		    tok_is(a, k, W_ORG | W_ORGNAME))
			return true;
	return false;
}

bool ws__org_run_after(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k = first;

	while (k < end && k < first + 4 && a->toks[k].kind == TK_WORD &&
	       (a->toks[k].flags & TF_CAP) &&
	       !(a->toks[k].flags & (TF_INQ | TF_SENT | TF_PARA)))
		k++;
	return k > first && k < first + 4 &&
	       tok_is(a, k - 1, W_ORG | W_ORGNAME) &&
	       !(k < end && a->toks[k].kind == TK_POSS); /* "Reuters' X" */
}

/* Do the capitalised words that end just before token end name a
 * person: a given name among them, a title or honorific before them
 * ("Maria Park", "Sen. Roe"), or two or more words none of which
 * names a body, a place or a role ("Lena Holm")? */
static bool person_run_before(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k = end, words = 0;
	bool other = false;

	while (k > first) {
		const struct tok *t = &a->toks[k - 1];

		if (t->kind == TK_PUNCT && t->ch == '.') {
			k--;
			continue;
		}
		if (t->kind != TK_WORD || !(t->flags & (TF_CAP | TF_ACRO)) ||
		    tok_is(a, k - 1, W_DET | W_POSSPRON))
			break;
		if (tok_is(a, k - 1, W_TITLE | W_HONOR))
			return words > 0;
		if (tok_is(a, k - 1, W_FIRSTNAME) && words > 0)
			return true;
		if (tok_is(a, k - 1,
		           W_ORG | W_ORGNAME | W_ROLE | W_PLACE | W_PLURAL |
		                   W_ADJ | W_NONAME | W_TIME))
			other = true;
		words++;
		k--;
	}
	return words >= 2 && !other;
}

/*
 * The head noun of an appositive after a name that ends before token i:
 * "Deutsche Bahn, the state-owned rail company,", "Lena Fox, a fire
 * ecologist at the university.". The appositive opens with a determiner,
 * closes with a comma or a period and has no verb: not "According to
 * Ham, the current administration has ...". NOTOK when there is none.
 */
static uint32_t apposed_head(const struct ana *a, uint32_t i, uint32_t hi)
{
	uint32_t k, head = NOTOK;
	bool after = false; /* past the head, in its modifiers */

	if (i + 2 >= hi || !tok_punct(a, i, ',') ||
	    (a->toks[i + 1].flags & TF_INQ) || !tok_is(a, i + 1, W_DET))
		return NOTOK;
	for (k = i + 2;; k++) {
		const struct tok *t = &a->toks[k];

		if (k >= hi || k >= i + 14 || (t->flags & (TF_INQ | TF_PARA)))
			return NOTOK;
		if (tok_punct(a, k, ',') || tok_punct(a, k, '.'))
			break;
		if (t->kind != TK_WORD && t->kind != TK_POSS &&
		    !(t->kind == TK_PUNCT && t->ch == '-'))
			return NOTOK;
		if (tok_is(a, k, W_PREP | W_REL | W_THAT)) {
			if (!tok_is(a, k, W_PREP))
				return NOTOK;
			after = true;
		} else if ((after || head != NOTOK) &&
		           (tok_is(a, k, W_AUX | W_BE | W_NEG | W_VERB) ||
		            (ends_with(a, k, "ed") && !tok_is(a, k, W_ADJ)))) {
			return NOTOK;
		}
		if (!after)
			head = k;
	}
	if (head == NOTOK || a->toks[head].kind != TK_WORD ||
	    (a->toks[head].flags & TF_CAP))
		return NOTOK;
	return head;
}

/* Is an appositive's head h a body ("company", "maker")? */
static bool body_noun(const struct ana *a, uint32_t h)
{
	return h != NOTOK && tok_is(a, h, W_ORG) &&
	       !tok_is(a, h, W_ROLE | W_TITLE | W_PLURAL | W_GROUPNOUN);
}

/* Is it a person's role ("spokesman", "ecologist", "economist")? */
static bool person_noun(const struct ana *a, uint32_t h)
{
	return h != NOTOK && !tok_is(a, h, W_ORG | W_PLURAL | W_GROUPNOUN) &&
	       (tok_is(a, h, W_ROLE | W_TITLE | W_KIN) ||
	        ends_with(a, h, "ist"));
}

/*
 * "Lawsuit accuses landlord", "Tenants sued": a person or document noun
 * the lexicon knows opening a sentence has the sentence's capital, not
 * a name's -- unless a capitalised word follows ("Tenant Union
 * President Ann Lee") or it may name a body itself ("State calls ...",
 * "Congress").
 */
static bool sent_common(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	uint64_t f;

	if (!(t->flags & TF_SENT) || (t->flags & (TF_ALLCAP | TF_ACRO)))
		return false;
	f = tok_wflags(a, i);
	if (!(f & (W_INFO | W_ROLE | W_GROUPNOUN | W_MEDIUM | W_AUDIENCE)) ||
	    (f &
	     (W_FIRSTNAME | W_ORGNAME | W_PLACE | W_TITLE | W_ACRONYM | W_ORG)))
		return false;
	return !(i + 1 < a->ntoks && a->toks[i + 1].kind == TK_WORD &&
	         (a->toks[i + 1].flags & TF_CAP));
}

/* Places whose government speaks by their name: "the city said". */
static const char *const local_bodies[] = {"city",     "county",
                                           "town",     "village",
                                           "borough",  "township",
                                           "province", "municipality"};

/* One noun for many people, who speak as one: "the crowd chanted". */
static const char *const collectives[] = {"crowd", "audience", "jury",
                                          "congregation", "staff"};

void ws__np_classify(const struct ana *a, struct mention *m)
{
	uint32_t i, run_first = NOTOK, run_end = NOTOK, cur = NOTOK;
	uint64_t hf;
	static const char *const instruments[] = {
		"act",     "acts",      "amendment",  "treaty",   "accord",
		"accords", "agreement", "convention", "protocol", "doctrine"};
	bool coord = false, title_before = false, org_head, org_glued = false;
	bool sent_role = false;

	uint32_t cend = m->end;

	m->name_first = m->name_end = NOTOK;
	m->plural = false;
	m->definite = false;
	/* "the foreign minister of France", "a spokesman for the company":
	 * a lower-case role before a preposition is the head; what follows
	 * is an affiliation. */
	for (i = m->first + 1; i + 1 < m->end; i++) {
		if ((tok_is(a, i, W_PREP) || postmodifier(a, i)) &&
		    a->toks[i - 1].kind == TK_WORD &&
		    tok_is(a, i - 1,
		           W_ROLE | W_TITLE | W_ORG | W_GROUPNOUN | W_ANON |
		                   W_INFO) &&
		    (!(a->toks[i - 1].flags & TF_CAP) ||
		     /* "Aides to Porter" opening the sentence; not
		      * "Secretary of State John Kerry" */
		     (i - 1 == m->first && (a->toks[i - 1].flags & TF_SENT) &&
		      !tok_is(a, i - 1, W_TITLE | W_ORG)))) {
			cend = i;
			/* its capital is the sentence's, not a name's */
			sent_role = (a->toks[i - 1].flags & TF_CAP) != 0;
			break;
		}
		/* "Lena Park of the Central Bank": a person's name before
		 * a preposition is the head, the rest an affiliation. */
		if (tok_is(a, i, W_PREP) && !tok_is(a, i, W_AND) &&
		    person_run_before(a, m->first, i)) {
			cend = i;
			break;
		}
	}
	m->head = cend - 1;
	while (m->head > m->first && (a->toks[m->head].kind == TK_PUNCT ||
	                              a->toks[m->head].kind == TK_POSS))
		m->head--;
	hf = tok_wflags(a, m->head);
	if (hf & W_REL) {
		m->type = M_REL;
		m->kind = WS_KIND_PERSON;
		return;
	}
	if ((hf & W_PRON) && cend - m->first == 1) {
		m->type = M_PRONOUN;
		m->plural = (hf & W_PLURAL) != 0;
		m->kind = (hf & W_PRON_IT) ? WS_KIND_ORGANIZATION
		          : m->plural      ? WS_KIND_GROUP
		                           : WS_KIND_PERSON;
		return;
	}
	if (tok_is(a, m->first, W_DET | W_POSSPRON) ||
	    (cend - m->first > 2 && a->toks[m->first + 1].kind == TK_POSS))
		m->definite = ws__tok_eq(a, m->first, "the") ||
		              tok_is(a, m->first, W_POSSPRON) ||
		              a->toks[m->first + 1].kind == TK_POSS;
	/* "Democratic National Committee", "International Monetary
	 * Fund": an organisation's name keeps its adjectives. */
	org_head = (a->toks[m->head].flags & TF_CAP) &&
	           (hf & (W_ORG | W_ORGNAME)) && !(hf & W_ROLE);
	/* The last run of capitalised words, after the last title. */
	for (i = m->first; i < cend; i++) {
		const struct tok *t = &a->toks[i];
		uint64_t f = tok_wflags(a, i);
		bool cap = t->kind == TK_WORD &&
		           (t->flags & (TF_CAP | TF_ACRO)) &&
		           !(f & (W_DET | W_POSSPRON | W_PREP | W_COORD)) &&
		           !((t->flags & TF_SENT) && (f & W_ADV)) &&
		           !(sent_role && i == m->first) && !sent_common(a, i);
		bool glue =
			(t->kind == TK_PUNCT && t->ch == '.' && cur != NOTOK) ||
			(t->kind == TK_SYM && t->ch == '&' && cur != NOTOK &&
		         np_inner(a, i)) ||
			(t->kind == TK_WORD && cur != NOTOK && i + 1 < cend &&
		         (a->toks[i + 1].flags & TF_CAP) &&
		         (ws__tok_eq(a, i, "de") || ws__tok_eq(a, i, "van") ||
		          ws__tok_eq(a, i, "von") || ws__tok_eq(a, i, "bin") ||
		          ws__tok_eq(a, i, "al") || ws__tok_eq(a, i, "da") ||
		          ws__tok_eq(a, i, "del") || ws__tok_eq(a, i, "la") ||
		          ws__tok_eq(a, i, "le") || ws__tok_eq(a, i, "di")));

		/* "Bank of America", "Council on Foreign Relations",
		 * "Church of England": a preposition (and "the" after it)
		 * inside an organisation's name. */
		if (!glue && cur != NOTOK && t->kind == TK_WORD &&
		    !(t->flags & TF_CAP) && (f & (W_PREP | W_DET)) &&
		    !(f & W_POSSPRON) && i + 1 < cend &&
		    ((f & W_PREP) ? (ws__tok_eq(a, i, "of") ||
		                     ws__tok_eq(a, i, "for") ||
		                     ws__tok_eq(a, i, "on") ||
		                     ws__tok_eq(a, i, "to")) &&
		                            org_word_in(a, cur, i) &&
		                            cap_next(a, i + 1, cend)
		                  : tok_is(a, i - 1, W_PREP) &&
		                            cap_next(a, i + 1, i + 2))) {
			glue = true;
			org_glued = true;
		}
		/* "the Securities and Exchange Commission", "Health and
		 * Human Services": "and" inside a body's name, when the
		 * capitalised words after it end in an organisation word. */
		if (!glue && cur != NOTOK && t->kind == TK_WORD &&
		    (f & W_AND) && !(t->flags & TF_CAP) && i + 1 < cend &&
		    !tok_is(a, i - 1, W_ORG | W_ORGNAME) &&
		    ws__org_run_after(a, i + 1, cend)) {
			glue = true;
			org_glued = true;
		} else if (f & W_AND) {
			coord = true;
		}
		/* "Republican National Committee": no title before an
		 * organisation's name. */
		if (cap && !(f & W_FIRSTNAME) &&
		    ((f & (W_TITLE | W_HONOR)) ||
		     ((f & W_ROLE) && !org_head && i + 1 < cend &&
		      ((tok_wflags(a, i + 1) & W_FIRSTNAME) ||
		       (i + 2 < cend && (a->toks[i + 1].flags & TF_CAP) &&
		        (a->toks[i + 2].flags & TF_CAP)))))) {
			/* A title: the name starts after it. */
			cur = NOTOK;
			title_before = true;
			continue;
		}
		/* "Republican Donald Trump": a party or role adjective before
		 * a name is not part of it. */
		if (cap && cur == NOTOK && (f & W_ADJ) &&
		    !(f & (W_FIRSTNAME | W_PLACE)) && i + 1 < cend &&
		    (a->toks[i + 1].flags & TF_CAP) && !org_head &&
		    /* but "the Federal Reserve": "the" and no given name
		     * make an institution's name */
		    !(i > m->first && ws__tok_eq(a, i - 1, "the") &&
		      !tok_is(a, i + 1, W_FIRSTNAME | W_TITLE | W_HONOR)))
			continue;
		if (cap || glue) {
			if (cur == NOTOK)
				cur = i;
			run_first = cur;
			run_end = i + 1;
		} else {
			cur = NOTOK;
		}
	}
	/* "Russia and Akhmetov", "Obama and Clinton": coordinated names
	 * are one name, of a group. */
	if (coord && run_first != NOTOK && run_first > m->first &&
	    tok_is(a, run_first - 1, W_AND)) {
		uint32_t j = m->first;

		while (j < run_first && tok_is(a, j, W_DET | W_POSSPRON))
			j++;
		run_first = j;
	}
	/* Drop a trailing period and suffix glue from the run. */
	while (run_end != NOTOK && run_end > run_first &&
	       a->toks[run_end - 1].kind == TK_PUNCT)
		run_end--;
	m->plural = (hf & W_PLURAL) != 0 || coord;
	/* "a Democrat", "a registered Republican", "The Republican said":
	 * a role with a capital after an article is a description, not a
	 * name. */
	if (run_first != NOTOK && run_end == run_first + 1 &&
	    run_first > m->first &&
	    (ws__tok_eq(a, m->first, "a") || ws__tok_eq(a, m->first, "an") ||
	     (ws__tok_eq(a, m->first, "the") && run_first == m->first + 1 &&
	      run_end == m->end)) &&
	    (tok_wflags(a, run_first) & W_ROLE) &&
	    !(tok_wflags(a, run_first) &
	      (W_FIRSTNAME | W_ORGNAME | W_PLACE | W_TITLE)))
		run_first = NOTOK;
	if (run_first != NOTOK && run_end == m->head + 1) {
		/* The head is capitalised: a name. */
		uint64_t lf = tok_wflags(a, run_end - 1);
		uint32_t n = run_end - run_first;
		bool org = false, place = false, given = false, amp = false;
		/* the head of an appositive after the name, once */
		uint32_t apposed = apposed_head(a, run_end, a->ntoks);

		m->type = M_NAME;
		m->name_first = run_first;
		m->name_end = run_end;
		for (i = run_first; i < run_end; i++) {
			uint64_t f = tok_wflags(a, i);

			if ((f & W_ORGNAME) &&
			    (!(f & W_ACRONYM) ||
			     (a->toks[i].flags & (TF_ALLCAP | TF_ACRO))))
				org = true;
			if (f & W_PLACE)
				place = true;
			if (f & W_FIRSTNAME)
				given = true;
			/* "Marks & Spencer": a firm's name. */
			if (a->toks[i].kind == TK_SYM && a->toks[i].ch == '&')
				amp = true;
		}
		/* "New Jersey", "Orange County"; but "Virginia Foxx". */
		if (given && n > 1)
			place = false;
		if (((lf & W_ORG) && !(lf & W_FIRSTNAME)) ||
		    (org_glued && org_word_in(a, run_first, run_end)))
			org = true;
		/* "the Affordable Care Act", "the Paris Agreement": a named
		 * law or treaty is no person for "he" to stand for. */
		if (n > 1 && ws__tok_in(a, run_end - 1, instruments,
		                        WS_ARRAY_LEN(instruments)))
			org = true;
		if (n == 1 && (a->toks[run_first].flags & TF_ALLCAP) &&
		    !title_before)
			org = true;
		if (coord)
			m->kind = WS_KIND_GROUP;
		/* A group noun heads a group -- not when it closes an
		 * organisation's name ("Committee to Protect Journalists"). */
		else if ((hf & W_GROUPNOUN) &&
		         !(org_glued && org_word_in(a, run_first, run_end)))
			m->kind = WS_KIND_GROUP;
		else if (amp ||
		         ((org || place) && !title_before &&
		          !(tok_wflags(a, run_first) & W_FIRSTNAME) &&
		          /* "Lena Fox, a fire ecologist," */
		          !(n > 1 && person_noun(a, apposed))) ||
		         (!title_before && !given && body_noun(a, apposed)))
			m->kind = WS_KIND_ORGANIZATION;
		else if (title_before && n == 1 && (lf & W_ORG) &&
		         run_first > m->first &&
		         tok_is(a, run_first - 1, W_TITLE)) {
			/* "the General Assembly": the title word is part of
			 * an organisation's name. */
			m->kind = WS_KIND_ORGANIZATION;
			m->name_first = run_first - 1;
		} else
			m->kind = WS_KIND_PERSON;
		return;
	}
	m->type = M_NOMINAL;
	if (coord || (hf & W_GROUPNOUN) || ((hf & W_PLURAL) && (hf & W_ROLE)))
		m->kind = WS_KIND_GROUP;
	else if (ws__tok_eq(a, m->first, "those"))
		m->kind = WS_KIND_GROUP, m->plural = true; /* "those polled" */
	else if ((hf & (W_ORG | W_INFO | W_MEDIUM | W_ORGNAME)) ||
	         /* "the city said": its government */
	         ws__tok_in(a, m->head, local_bodies,
	                    WS_ARRAY_LEN(local_bodies)))
		m->kind = WS_KIND_ORGANIZATION;
	else if (ends_with(a, m->head, "s") && !(hf & (W_ROLE | W_TITLE)) &&
	         !ends_with(a, m->head, "ss"))
		m->kind = WS_KIND_GROUP, m->plural = true;
	else if (ws__tok_in(a, m->head, collectives, WS_ARRAY_LEN(collectives)))
		m->kind = WS_KIND_GROUP; /* "the crowd", "a jury" */
	else
		m->kind = WS_KIND_PERSON;
}

/* Skip back over a parenthesis "(R-Texas)" ending at token j. */
static uint32_t skip_paren_left(const struct ana *a, uint32_t lo, uint32_t j)
{
	uint32_t k;

	if (!tok_punct(a, j, ')'))
		return j;
	for (k = j; k > lo && j - k < 10; k--) {
		if (tok_punct(a, k - 1, '('))
			return k >= lo + 2 ? k - 2 : j;
	}
	return j;
}

bool ws__np_left(const struct ana *a, uint32_t lo, uint32_t end,
                 struct mention *m)
{
	uint32_t j, k;

	memset(m, 0, sizeof(*m));
	m->entity = -1;
	m->ante_first = m->ante_end = NOTOK;
	if (end <= lo)
		return false;
	j = skip_paren_left(a, lo, end - 1);
	/* "Jr." and "Sen.": the period is part of the phrase. */
	if (tok_punct(a, j, '.') && j > lo && np_inner(a, j))
		j--;
	if (!head_ok(a, j) || (a->toks[j].flags & TF_INQ))
		return false;
	if (tok_is(a, j, W_PRON | W_REL)) {
		m->first = j;
		m->end = j + 1;
		ws__np_classify(a, m);
		if (m->type == M_REL) {
			/* ", who" refers to the phrase before the comma. */
			struct mention ante;
			uint32_t ae = j;

			if (ae > lo && tok_punct(a, ae - 1, ','))
				ae--;
			if (ws__np_left(a, lo, ae, &ante) &&
			    ante.type != M_REL) {
				m->ante_first = ante.first;
				m->ante_end = ante.end;
			}
		}
		return true;
	}
	k = j;
	while (k > lo && j - k < MAX_NP) {
		uint32_t p = k - 1;
		uint64_t f = tok_wflags(a, p);

		if (a->toks[p].flags & TF_INQ)
			break;
		if (a->toks[p].kind == TK_WORD && (f & (W_DET | W_POSSPRON)) &&
		    !(f & W_THAT)) {
			/* A determiner opens the phrase -- unless the phrase is
			 * the object of "a narrator in [the ad]", "the head of
			 * [the FBI]": then the phrase goes on to the left. A
			 * number word has its own: "the two men". */
			k = p;
			if ((f & W_NUMWORD) && p > lo &&
			    tok_is(a, p - 1, W_DET) &&
			    !tok_is(a, p - 1, W_NUMWORD | W_THAT) &&
			    !(a->toks[p - 1].flags & TF_INQ)) {
				k = p - 1;
				break;
			}
			/* "an adviser to the president": "to" between a
			 * role and a determiner is a preposition. */
			if (p >= lo + 2 && j - p < MAX_NP - 2 &&
			    tok_is(a, p - 1, W_PREP) &&
			    (!tok_is(a, p - 1, W_TO) ||
			     tok_is(a, p - 2, W_ROLE | W_ANON | W_GROUPNOUN)) &&
			    a->toks[p - 2].kind == TK_WORD &&
			    (tok_is(a, p - 1, W_OF)
			             ? np_inner(a, p - 2)
			             : (tok_is(a, p - 2,
			                       W_ROLE | W_TITLE | W_ANON |
			                               W_GROUPNOUN) ||
			                (head_ok(a, p - 2) &&
			                 !(a->toks[p - 2].flags & TF_CAP) &&
			                 !ws__verb_like(a, p - 2)) ||
			                /* "the Coalition for the Homeless",
			                 * "the Center at the Urban Institute" */
			                ((ws__tok_eq(a, p - 1, "for") ||
			                  ws__tok_eq(a, p - 1, "at")) &&
			                 tok_is(a, p - 2, W_ORG) &&
			                 (a->toks[p - 2].flags & TF_CAP) &&
			                 !(a->toks[p - 2].flags & TF_SENT) &&
			                 (a->toks[p + 1].flags & TF_CAP)))) &&
			    !(a->toks[p - 2].flags & TF_INQ)) {
				k = p - 1;
				continue;
			}
			/* "the governor and the mayor": two phrases joined,
			 * one subject. */
			if (p >= lo + 2 && j - p < MAX_NP - 2 &&
			    tok_is(a, p - 1, W_AND) &&
			    a->toks[p - 2].kind == TK_WORD &&
			    tok_is(a, p - 2,
			           W_ROLE | W_TITLE | W_GROUPNOUN | W_ORG) &&
			    !(a->toks[p - 2].flags & TF_INQ)) {
				k = p - 1;
				continue;
			}
			break;
		}
		if (a->toks[p].kind == TK_WORD && (f & W_PREP) && p > lo) {
			uint64_t bf = tok_wflags(a, p - 1);
			bool role = (bf & (W_ROLE | W_TITLE | W_ORG |
			                   W_GROUPNOUN | W_ANON)) != 0;

			if (((f & W_OF) && np_inner(a, p - 1) &&
			     a->toks[p - 1].kind == TK_WORD) ||
			    /* "the Committee to Protect Journalists" */
			    ((f & W_TO) && (a->toks[p - 1].flags & TF_CAP) &&
			     !(a->toks[p - 1].flags & TF_SENT) &&
			     (bf & W_ORG) && (a->toks[k].flags & TF_CAP) &&
			     !(a->toks[p].flags & TF_CAP)) ||
			    /* "aides to Porter" */
			    ((f & W_TO) &&
			     (bf & (W_ROLE | W_ANON | W_GROUPNOUN)) &&
			     (a->toks[k].flags & TF_CAP)) ||
			    (role && (ws__tok_eq(a, p, "for") ||
			              ws__tok_eq(a, p, "at") ||
			              ws__tok_eq(a, p, "with") ||
			              ws__tok_eq(a, p, "in") ||
			              ws__tok_eq(a, p, "from") ||
			              /* "owners along Main Street" */
			              ws__tok_eq(a, p, "on") ||
			              ws__tok_eq(a, p, "along") ||
			              ws__tok_eq(a, p, "near") ||
			              ws__tok_eq(a, p, "across")))) {
				k = p;
				continue;
			}
			break;
		}
		if (a->toks[p].kind == TK_WORD && (f & W_AND) && p > lo &&
		    a->toks[p - 1].kind == TK_WORD &&
		    ((a->toks[p - 1].flags & TF_CAP) ||
		     tok_is(a, p - 1, W_ROLE | W_GROUPNOUN)) &&
		    ((a->toks[k].flags & TF_CAP) ||
		     tok_is(a, k, W_ROLE | W_GROUPNOUN | W_ADJ | W_DET) ||
		     /* "teachers and union officials" */
		     (tok_is(a, j, W_GROUPNOUN) &&
		      tok_is(a, p - 1, W_GROUPNOUN)))) {
			k = p;
			continue;
		}
		/* "the gambling tycoon", "a publishing executive": an -ing
		 * word right after a determiner modifies the noun; so does
		 * one right before a title ("managing editor Jane Doe",
		 * "organizing director Kendall Fells"). */
		if (!np_inner(a, p) &&
		    !(a->toks[p].kind == TK_WORD &&
		      !(a->toks[p].flags & TF_CAP) && ends_with(a, p, "ing") &&
		      !cue_verb(a, p) &&
		      ((p > lo && tok_is(a, p - 1, W_DET | W_POSSPRON) &&
		        !tok_is(a, p - 1, W_THAT)) ||
		       (p == k - 1 && tok_is(a, k, W_ROLE | W_TITLE) &&
		        !tok_is(a, k, W_PLURAL) &&
		        !(a->toks[k].flags & TF_CAP)))))
			break;
		k = p;
	}
	/* No dangling preposition or conjunction at the start. */
	while (k < j && tok_is(a, k, W_PREP | W_COORD))
		k++;
	/* "pressing him to soften planned cuts": a bare word after "to"
	 * is an infinitive's verb, not a phrase. */
	if (k == j && k > lo && tok_is(a, k - 1, W_TO) &&
	    a->toks[k].kind == TK_WORD && !(a->toks[k].flags & TF_CAP) &&
	    !tok_is(a, k,
	            W_PRON | W_PRON_OBJ | W_PLURAL | W_ROLE | W_GROUPNOUN |
	                    W_ORG | W_INFO | W_ANON | W_AUDIENCE | W_MEDIUM |
	                    W_TITLE | W_KIN))
		return false;
	m->first = k;
	m->end = j + 1;
	ws__np_classify(a, m);
	return true;
}

/* "of 20 years", "of three", "of nearly six decades" from i: a count
 * after a person noun ("a resident of 30 years", "the mother of three"),
 * not the head of the phrase. Returns the token after it, or NOTOK. */
static uint32_t count_of_end(const struct ana *a, uint32_t i, uint32_t hi)
{
	if (!tok_is(a, i, W_OF) || ++i >= hi)
		return NOTOK;
	if (i + 1 < hi &&
	    (ws__tok_eq(a, i, "nearly") || ws__tok_eq(a, i, "almost") ||
	     ws__tok_eq(a, i, "about") || ws__tok_eq(a, i, "over")))
		i++;
	if (a->toks[i].kind != TK_NUM && !tok_is(a, i, W_NUMWORD) &&
	    !ws__tok_eq(a, i, "many") && !ws__tok_eq(a, i, "several"))
		return NOTOK;
	i++;
	if (i < hi &&
	    (ws__tok_eq(a, i, "years") || ws__tok_eq(a, i, "decades")))
		i++;
	return i;
}

bool ws__np_left_postmod(const struct ana *a, uint32_t lo, uint32_t end,
                         struct mention *m)
{
	uint32_t k;

	for (k = end; k > lo + 1 && end - k < 14; k--) {
		uint32_t i = k - 1;
		const struct tok *t = &a->toks[i];

		if ((t->flags & TF_INQ) || t->kind == TK_QUOTE ||
		    (t->kind == TK_PUNCT && t->ch != '.') ||
		    (t->kind == TK_WORD && !(t->flags & TF_CAP) &&
		     ws__verb_like(a, i) && !postmodifier(a, i)))
			return false;
		if ((!tok_is(a, i - 1, W_ANON | W_ROLE | W_GROUPNOUN) &&
		     !ws__tok_eq(a, i - 1, "those")) ||
		    ((a->toks[i - 1].flags & TF_CAP) &&
		     !(a->toks[i - 1].flags & TF_SENT)))
			continue;
		if (postmodifier(a, i) || count_of_end(a, i, end) == end ||
		    (ws__tok_eq(a, i, "with") && i + 3 < end &&
		     (ws__tok_eq(a, i + 1, "knowledge") ||
		      ws__tok_eq(a, i + 2, "knowledge"))) ||
		    /* "residents living near the plant", "officials
		     * speaking on condition of anonymity" */
		    (t->kind == TK_WORD && !(t->flags & TF_CAP) &&
		     ends_with(a, i, "ing") && i + 1 < end &&
		     !tok_is(a, i, W_PREP | W_CUE) &&
		     tok_is(a, i - 1, W_PLURAL | W_GROUPNOUN))) {
			if (ws__tok_eq(a, i - 1, "those")) {
				/* "those close to the mayor" */
				memset(m, 0, sizeof(*m));
				m->entity = -1;
				m->ante_first = m->ante_end = NOTOK;
				m->first = i - 1;
			} else if (!ws__np_left(a, lo, i, m)) {
				return false;
			}
			m->end = end;
			ws__np_classify(a, m);
			return m->type == M_NOMINAL;
		}
	}
	return false;
}

bool ws__np_right(const struct ana *a, uint32_t i, uint32_t hi,
                  struct mention *m, bool greedy)
{
	uint32_t k = i, last = NOTOK, e;
	unsigned cap = greedy ? MAX_GREEDY : MAX_NP;

	memset(m, 0, sizeof(*m));
	m->entity = -1;
	m->ante_first = m->ante_end = NOTOK;
	if (i >= hi ||
	    (a->toks[i].kind != TK_WORD && a->toks[i].kind != TK_NUM) ||
	    (a->toks[i].flags & TF_INQ))
		return false;
	if (tok_is(a, i, W_PRON | W_PRON_OBJ) && !tok_is(a, i, W_POSSPRON)) {
		m->first = i;
		m->end = i + 1;
		ws__np_classify(a, m);
		m->type = M_PRONOUN;
		return true;
	}
	/* `"...," tweeted another.`: a quantifier alone after the verb */
	if (i > 0 && !(a->toks[i].flags & TF_SENT) && tok_is(a, i - 1, W_CUE) &&
	    ws__quant_subject(a, i) &&
	    (i + 1 >= hi || a->toks[i + 1].kind == TK_PUNCT)) {
		m->first = m->head = i;
		m->end = i + 1;
		ws__np_classify(a, m);
		return true;
	}
	if (tok_is(a, k, W_DET | W_POSSPRON) && !tok_is(a, k, W_THAT)) {
		/* "one of his aides", "some of the voters" */
		if (k + 1 < hi && tok_is(a, k + 1, W_OF) &&
		    !tok_is(a, k, W_POSSPRON))
			last = k;
		k++;
	} else if (k + 1 < hi && a->toks[k].kind == TK_WORD &&
	           !(a->toks[k].flags & TF_CAP) &&
	           tok_is(a, k, W_ADV | W_TIME) &&
	           !tok_is(a, k, W_PREP | W_THAT | W_NEG) &&
	           a->toks[k + 1].kind == TK_WORD &&
	           !(a->toks[k + 1].flags & TF_INQ) &&
	           tok_is(a, k + 1, W_PLURAL | W_INFO | W_GROUPNOUN | W_ROLE)) {
		k++; /* "early results", "recent polls" */
	}
	while (k < hi && k - i < cap) {
		const struct tok *t = &a->toks[k];
		uint64_t f = tok_wflags(a, k);

		if (t->flags & TF_INQ)
			break;
		/* "a publishing executive", "the ruling party": an -ing word
		 * before a noun modifies it. */
		if (t->kind == TK_WORD && !(t->flags & TF_CAP) &&
		    ends_with(a, k, "ing") && !(f & (W_PREP | W_CUE)) &&
		    k + 1 < hi && a->toks[k + 1].kind == TK_WORD &&
		    tok_is(a, k + 1,
		           W_ROLE | W_ORG | W_INFO | W_GROUPNOUN | W_ANON |
		                   W_MEDIUM | W_TITLE)) {
			k++;
			continue;
		}
		/* "lead author", "lead negotiator": a word that could be a
		 * verb, right before a title, modifies it. */
		if (t->kind == TK_WORD && !(t->flags & TF_CAP) && k == i &&
		    !(f & (W_PREP | W_CUE | W_AUX | W_BE | W_NEG)) &&
		    ws__verb_like(a, k) && k + 1 < hi &&
		    a->toks[k + 1].kind == TK_WORD &&
		    !(a->toks[k + 1].flags & TF_INQ) &&
		    tok_is(a, k + 1, W_TITLE | W_ROLE) &&
		    !tok_is(a, k + 1, W_CUE)) {
			k++;
			continue;
		}
		/* "the mother of three said" */
		if (last != NOTOK && tok_is(a, last, W_ROLE) &&
		    (e = count_of_end(a, k, hi)) != NOTOK &&
		    (e == hi || a->toks[e].kind == TK_PUNCT ||
		     (a->toks[e].kind == TK_WORD && ws__verb_like(a, e)))) {
			last = e - 1;
			k = e;
			continue;
		}
		if (t->kind == TK_WORD && (f & W_PREP)) {
			/* "of" always; others only greedily, after a noun. */
			if (last == NOTOK || !(f & W_OF || greedy))
				break;
			if (k + 1 < hi && tok_is(a, k + 1, W_DET | W_POSSPRON))
				k++;
			k++;
			continue;
		}
		if (t->kind == TK_WORD && (f & W_AND) && last != NOTOK &&
		    k + 1 < hi && a->toks[k + 1].kind == TK_WORD &&
		    !ws__verb_like(a, k + 1) &&
		    ((a->toks[k + 1].flags & TF_CAP) ||
		     tok_is(a, k + 1,
		            W_DET | W_ADJ | W_ROLE | W_GROUPNOUN |
		                    W_POSSPRON))) {
			k++;
			if (tok_is(a, k, W_DET | W_POSSPRON))
				k++;
			continue;
		}
		if (t->kind == TK_WORD && greedy &&
		    !(f & (W_SUB | W_REL | W_WH | W_THAT | W_COORD)) &&
		    !ws__verb_like(a, k) && last != NOTOK &&
		    (tok_is(a, last,
		            W_ROLE | W_ANON | W_GROUPNOUN | W_ORG | W_INFO) ||
		     (f & W_ADJ) || lower_word(a, k))) {
			/* "a person close to the leader"; "federal
			 * officials" ends at its noun; a capitalised
			 * adjective goes on a name ("Amnesty
			 * International"). */
			/* "the postmaster's deputy": a word that could be
			 * an adjective heads the phrase after a possessive. */
			if ((!(f & W_ADJ) ||
			     ((t->flags & TF_CAP) &&
			      (a->toks[k - 1].flags & TF_CAP)) ||
			     a->toks[k - 1].kind == TK_POSS) &&
			    !postmodifier(a, k) && np_inner(a, k))
				last = k;
			k++;
			continue;
		}
		if (!np_inner(a, k) ||
		    (t->kind == TK_PUNCT && t->ch != '.' && t->ch != '/'))
			break;
		if (t->kind == TK_WORD && ws__verb_like(a, k) &&
		    !(t->flags & TF_CAP))
			break;
		/* "news outlets ignore him", "the two parties want their":
		 * a bare word between a plural noun and an object pronoun
		 * or a possessive is the clause's verb. */
		if (lower_word(a, k) && last != NOTOK && last + 1 == k &&
		    lower_word(a, last) && ends_with(a, last, "s") &&
		    !ends_with(a, last, "ss") && !ends_with(a, k, "s") &&
		    !(f & (W_ADJ | W_PREP | W_DET | W_POSSPRON)) &&
		    k + 1 < hi &&
		    ((tok_is(a, k + 1, W_PRON_OBJ) &&
		      !tok_is(a, k + 1, W_POSSPRON)) ||
		     (tok_is(a, k + 1, W_POSSPRON) &&
		      !tok_is(a, k + 1, W_PRON_OBJ))))
			break;
		/* A determiner after a noun starts another phrase ("told
		 * them this week"); "one of" and "some of" go on. */
		if (t->kind == TK_WORD && (f & (W_DET | W_POSSPRON)) &&
		    last != NOTOK && !(f & W_THAT))
			break;
		if (t->kind == TK_WORD && (f & W_DET) && k + 1 < hi &&
		    tok_is(a, k + 1, W_OF)) {
			last = k++;
			continue;
		}
		if (t->kind == TK_WORD || t->kind == TK_NUM)
			last = k;
		k++;
	}
	if (last == NOTOK)
		return false;
	m->first = i;
	m->end = last + 1;
	ws__np_classify(a, m);
	return true;
}

/* "there were", "there would be": the subject of a clause, not the
 * adverb of place. */
static bool expletive_there(const struct ana *a, uint32_t i, uint32_t hi)
{
	return ws__tok_eq(a, i, "there") && i + 1 < hi &&
	       tok_is(a, i + 1, W_AUX | W_BE);
}

/* Skip a prepositional phrase's object from i; returns its end. */
static uint32_t pp_object(const struct ana *a, uint32_t i, uint32_t hi)
{
	uint32_t k = i, n = 0;

	if (k < hi && tok_is(a, k, W_DET | W_POSSPRON) && !tok_is(a, k, W_THAT))
		k++;
	while (k < hi && n < 8) {
		const struct tok *t = &a->toks[k];
		uint64_t f = tok_wflags(a, k);

		/* A quoted title: on ABC's "This Week". */
		if (t->kind == TK_QUOTE && t->q &&
		    a->quotes[t->q - 1].open == k &&
		    a->quotes[t->q - 1].close != NOTOK &&
		    a->quotes[t->q - 1].words <= 8 && k > i &&
		    (a->toks[k + 1].flags & TF_CAP)) {
			k = a->quotes[t->q - 1].close + 1;
			n++;
			continue;
		}
		if (t->flags & TF_INQ)
			break;
		if (t->kind == TK_NUM || t->kind == TK_POSS) {
			k++, n++;
			continue;
		}
		if (t->kind == TK_PUNCT && t->ch == '.' && np_inner(a, k)) {
			k++;
			continue;
		}
		/* "the Securities and Exchange Commission", "Procter &
		 * Gamble": "and" or "&" inside a capitalised name */
		if (k > i && k + 1 < hi &&
		    ((t->kind == TK_WORD && (f & W_AND) &&
		      !tok_is(a, k - 1, W_ORG | W_ORGNAME) &&
		      ws__org_run_after(a, k + 1, hi)) ||
		     (t->kind == TK_SYM && t->ch == '&')) &&
		    a->toks[k - 1].kind == TK_WORD &&
		    (a->toks[k - 1].flags & TF_CAP) &&
		    a->toks[k + 1].kind == TK_WORD &&
		    (a->toks[k + 1].flags & TF_CAP) &&
		    !(a->toks[k + 1].flags & TF_INQ) &&
		    !tok_is(a, k + 1, W_DET | W_PRON | W_TITLE)) {
			k++, n++;
			continue;
		}
		if (t->kind != TK_WORD)
			break;
		/* "in an interview with the AP" */
		if ((f & (W_DET | W_POSSPRON)) && !(f & W_THAT) && k > i &&
		    ws__tok_eq(a, k - 1, "with")) {
			k++;
			continue;
		}
		if (f & (W_DET | W_PRON | W_THAT | W_AUX | W_BE | W_SUB | W_WH |
		         W_COORD | W_REL | W_NEG | W_POSSPRON))
			break;
		if ((f & W_PREP) && !(f & W_OF) && !ws__tok_eq(a, k, "with"))
			break;
		if (ws__verb_like(a, k) || expletive_there(a, k, hi))
			break;
		k++, n++;
	}
	return k;
}

/* "at least", "at most", or "about", "around", "over" or "under" before a
 * number, an amount or "half": a hedge on a quantity, not a phrase. */
bool ws__approximator(const struct ana *a, uint32_t i, uint32_t hi)
{
	const struct tok *n;

	if (i + 1 >= hi)
		return false;
	n = &a->toks[i + 1];
	if (ws__tok_eq(a, i, "at"))
		return ws__tok_eq(a, i + 1, "least") ||
		       ws__tok_eq(a, i + 1, "most");
	if (!ws__tok_eq(a, i, "about") && !ws__tok_eq(a, i, "around") &&
	    !ws__tok_eq(a, i, "over") && !ws__tok_eq(a, i, "under"))
		return false;
	return n->kind == TK_NUM || (n->kind == TK_SYM && n->ch == '$') ||
	       tok_is(a, i + 1, W_NUMWORD) || ws__tok_eq(a, i + 1, "half");
}

uint32_t ws__skip_adjuncts(const struct ana *a, uint32_t i, uint32_t hi)
{
	unsigned guard = 0;

	while (i < hi && guard++ < 8) {
		const struct tok *t = &a->toks[i];
		uint64_t f = tok_wflags(a, i);

		if (t->flags & TF_INQ)
			break;
		/* "said March 3 that": a date's day; "said 30 people were
		 * hurt" begins the content. */
		if (t->kind == TK_NUM) {
			if (!i || !tok_is(a, i - 1, W_TIME))
				break;
			i++;
			continue;
		}
		if (t->kind == TK_PUNCT && t->ch == ',' && i + 2 < hi &&
		    tok_is(a, i + 1, W_ADV) && tok_punct(a, i + 2, ',')) {
			i += 3; /* ", however," */
			continue;
		}
		if (t->kind != TK_WORD)
			break;
		if (f & (W_TIME | W_ADV)) {
			if ((f & W_THAT) || (f & W_PREP))
				break;
			/* "said there were a million tweets" */
			if (expletive_there(a, i, hi))
				break;
			i++;
			continue;
		}
		if ((ws__tok_eq(a, i, "last") || ws__tok_eq(a, i, "this") ||
		     ws__tok_eq(a, i, "next") || ws__tok_eq(a, i, "early") ||
		     ws__tok_eq(a, i, "late") || ws__tok_eq(a, i, "each")) &&
		    i + 1 < hi && tok_is(a, i + 1, W_TIME)) {
			i += 2;
			continue;
		}
		if ((f & W_PREP) && !(f & (W_OF | W_AS)) && i + 1 < hi &&
		    !(f & W_SUB)) {
			uint32_t e;

			/* "said at least 20 were hurt", "said about half of
			 * them": a number's hedge opens the content. */
			if (ws__approximator(a, i, hi))
				break;

			/* "said to be", "pledged to impose": an infinitive,
			 * not a phrase ("to reporters", "to CNN"). */
			if ((f & W_TO) &&
			    (tok_is(a, i + 1, W_BE | W_VERB | W_CUE) ||
			     (a->toks[i + 1].kind == TK_WORD &&
			      (!(a->toks[i + 1].flags & TF_CAP) ||
			       (a->toks[i + 1].flags & TF_TITLED)) &&
			      !tok_is(a, i + 1,
			              W_AUDIENCE | W_ROLE | W_GROUPNOUN |
			                      W_ORG | W_INFO | W_MEDIUM |
			                      W_PLURAL | W_DET | W_POSSPRON |
			                      W_PRON_OBJ | W_ADJ)) ||
			     /* "to release its analysis" */
			     (i + 2 < hi && a->toks[i + 1].kind == TK_WORD &&
			      !(a->toks[i + 1].flags & TF_CAP) &&
			      !tok_is(a, i + 1,
			              W_DET | W_POSSPRON | W_ADJ | W_PRON_OBJ) &&
			      tok_is(a, i + 2,
			             W_DET | W_POSSPRON | W_PRON_OBJ) &&
			      !tok_is(a, i + 2, W_THAT))))
				break;
			e = pp_object(a, i + 1, hi);
			if (e == i + 1)
				break;
			/* "at a stop in Toledo, Ohio, that": a comma-closed
			 * place, then the content. */
			if (e + 2 < hi && tok_punct(a, e, ',') &&
			    (a->toks[e + 1].flags & TF_CAP) &&
			    tok_is(a, e + 1, W_PLACE) &&
			    tok_punct(a, e + 2, ','))
				e += 3;
			i = e;
			continue;
		}
		break;
	}
	return i;
}

/*
 * "people misunderstand Trump", "voters fear the candidate": a subject
 * phrase and then a lower-case word the lexicon does not know, with more
 * after it: a verb in the present that has no ending to show it.
 */
static bool np_then_verb(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k;

	if (!tok_is(a, first, W_DET | W_GROUPNOUN | W_PLURAL | W_ROLE) &&
	    !(a->toks[first].flags & TF_CAP))
		return false;
	for (k = first + 1; k + 1 < end && k < first + 6; k++) {
		const struct tok *t = &a->toks[k];
		const struct tok *p = &a->toks[k - 1];

		if (t->kind != TK_WORD || (t->flags & TF_INQ))
			return false;
		if (t->lex || (t->flags & TF_CAP) || t->end - t->start < 4 ||
		    ends_with(a, k, "ly") || ends_with(a, k, "ing"))
			continue;
		/* The word before it heads the subject. */
		return p->kind == TK_WORD &&
		       (tok_is(a, k - 1,
		               W_GROUPNOUN | W_PLURAL | W_ROLE | W_ORG |
		                       W_ANON) ||
		        (p->flags & TF_CAP));
	}
	return false;
}

/*
 * "there's", "that'll", "who'd": a word and a verb in one token. The
 * tokenizer splits a possessive 's off every other word, so an 's kept
 * inside is a verb.
 */
bool ws__verb_contraction(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	const unsigned char *w = (const unsigned char *)a->text + t->start;
	uint32_t n = t->end - t->start, k;

	if (t->kind != TK_WORD)
		return false;
	for (k = n; k-- > 1;) {
		uint32_t after;

		if (w[k] == '\'')
			after = k + 1;
		else if (k + 2 < n && w[k] == 0xE2 && w[k + 1] == 0x80 &&
		         w[k + 2] == 0x99)
			after = k + 3;
		else
			continue;
		switch (n - after) {
		case 1:
			return (w[after] | 0x20) == 's' ||
			       (w[after] | 0x20) == 'd';
		case 2:
			return ((w[after] | 0x20) == 'l' &&
			        (w[after + 1] | 0x20) == 'l') ||
			       ((w[after] | 0x20) == 'r' &&
			        (w[after + 1] | 0x20) == 'e') ||
			       ((w[after] | 0x20) == 'v' &&
			        (w[after + 1] | 0x20) == 'e');
		default:
			return false;
		}
	}
	return false;
}

bool ws__is_clause(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k, lim = first + CLAUSE_SPAN;
	uint64_t f;

	if (first >= end)
		return false;
	f = tok_wflags(a, first);
	if (f & (W_THAT | W_WH))
		return true;
	if (f & W_TO)
		return false;
	if (lim > end)
		lim = end;
	if (a->toks[first].kind == TK_WORD && ends_with(a, first, "ing") &&
	    !(a->toks[first].flags & TF_CAP) && !(f & (W_ROLE | W_ORG))) {
		/* A gerund subject needs its own finite verb: "expanding
		 * the monument will protect species"; "adding that ..." is
		 * no clause. */
		if (cue_verb(a, first))
			return false;
		for (k = first + 1; k < lim; k++) {
			if (a->toks[k].flags & TF_INQ)
				continue;
			if (a->toks[k].kind == TK_PUNCT)
				return false;
			if (tok_is(a, k, W_AUX | W_BE) && !tok_is(a, k, W_PREP))
				return true;
			/* "taxing consumption encourages savings": a verb
			 * in the present after the gerund's object */
			if (k > first + 1 && a->toks[k].kind == TK_WORD &&
			    !(a->toks[k].flags & TF_CAP) &&
			    ends_with(a, k, "s") && !ends_with(a, k, "ss") &&
			    ws__verb_like(a, k) &&
			    a->toks[k - 1].kind == TK_WORD &&
			    !tok_is(a, k - 1,
			            W_DET | W_PREP | W_POSSPRON | W_ADJ |
			                    W_COORD))
				return true;
		}
		return false;
	}
	for (k = first; k < lim; k++) {
		if (a->toks[k].flags & TF_INQ) {
			/* A quotation inside counts as clause material. */
			if (a->toks[k].q &&
			    a->quotes[a->toks[k].q - 1].words >= 3)
				return true;
			/* `Clinton "caused death."`: a short quotation
			 * that opens on the verb after its subject. */
			if (k > first + 1 && a->toks[k - 1].kind == TK_QUOTE &&
			    !(a->toks[k - 1].flags & TF_INQ) &&
			    a->toks[k - 2].kind == TK_WORD &&
			    !(a->toks[k - 2].flags & TF_INQ) &&
			    !tok_is(a, k - 2,
			            W_DET | W_PREP | W_SUB | W_POSSPRON |
			                    W_ADV | W_ADJ) &&
			    ws__verb_like(a, k))
				return true;
			continue;
		}
		if (k > first && ws__verb_like(a, k))
			return true;
		if (k == first &&
		    ((tok_is(a, k, W_PRON) && !tok_is(a, k, W_PRON_OBJ)) ||
		     ws__verb_contraction(a, k)))
			return k + 1 < end;
	}
	return np_then_verb(a, first, end);
}
