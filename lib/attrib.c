/*
 * attrib.c - who said what: cues, frames and the pipeline that joins
 * them into attributions.
 *
 * For each sentence, every cue outside quotations is tried against the
 * frames news uses, in this order:
 *   "Q," S said.       direct quotation before the subject and cue
 *   "Q," said S.       the same, inverted
 *   S said: "Q"        direct quotation after the cue
 *   S said (that) C    a clause after the cue (mixed when C quotes)
 *   C, S said.         a clause before a sentence-final cue
 *   C, according to S / according to S, C
 *   ..., saying C      participles and coordinated cues take the
 *                      subject of their clause
 * Then quotation-only sentences join the quotation before them (the
 * interrupted quotation "A," she said. "B"), multi-paragraph chains
 * become segments of one quote, and a quotation-only paragraph that
 * follows a quoted speaker inherits that speaker.
 *
 * Cues are ignored inside quotations, after "to" (declined to say), a
 * modal (would say), a negation (did not say), a determiner (the
 * report) or "be" with a past participle (was told). Negated comment
 * ("did not immediately respond", "declined to comment") is recorded
 * as a non-quote.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"

#define SENT_MAX_CUES 32

static const char *const lemma_according = "according to";

struct cue_hit {
	uint32_t first, end; /* the cue's own words */
	uint32_t lemma;
	uint32_t flags; /* CUE_* */
	bool ing;       /* participle form */
	bool base;      /* bare form: say, tell */
};

/* Tokens surname_after_quote() reads in all over one document. */
#define SURNAME_LOOKBACK (UINT32_C(1) << 18)

struct state {
	struct ana *a;
	struct ws_vec attrs; /* struct attr */
	struct ws_vec nonqs; /* struct nonq */
	uint32_t reportedly; /* lexicon id of "reportedly", 0 if none */
	int labels;          /* paragraphs on a quoted label (to 2), or -1 */
	uint32_t lookback;   /* tokens surname_after_quote() may still read */
};

static bool ends_with_ed(const struct ana *a, uint32_t i);

/* The longest cue form starting at token i, if any. */
static bool match_cue(const struct ana *a, uint32_t i, uint32_t end,
                      struct cue_hit *h)
{
	const struct ws_lexicon *lx = a->lx;
	const struct ws_lexent *e;
	uint32_t fi, best = 0;

	if (a->toks[i].kind != TK_WORD || !a->toks[i].lex)
		return false;
	e = &lx->ents[a->toks[i].lex - 1];
	if ((e->flags & W_ACCORDING) && i + 1 < end && tok_is(a, i + 1, W_TO)) {
		h->first = i;
		h->end = i + 2;
		h->lemma = LEMMA_ACCORDING;
		h->flags = CUE_ACCORD;
		h->ing = h->base = false;
		return true;
	}
	/* "as (first) reported by S", "as noted by S": S is the source
	 * the way "according to S" names one. */
	if ((e->flags & W_AS) && i + 3 < end) {
		static const char *const first[] = {"first", "previously",
		                                    "originally", "initially",
		                                    "earlier"};
		uint32_t v = i + 1;
		struct cue_hit vh;

		if (ws__tok_in(a, v, first, WS_ARRAY_LEN(first)))
			v++;
		if (v + 1 < end && !(a->toks[v].flags & (TF_CAP | TF_INQ)) &&
		    match_cue(a, v, end, &vh) && vh.end == v + 1 && !vh.ing &&
		    ends_with_ed(a, v) && vh.lemma < LEMMA_LABEL &&
		    ws__tok_eq(a, v + 1, "by") &&
		    !(a->toks[v + 1].flags & TF_INQ)) {
			h->first = i;
			h->end = v + 2;
			h->lemma = vh.lemma;
			h->flags = CUE_ACCORD;
			h->ing = h->base = false;
			return true;
		}
	}
	for (fi = e->forms; fi; fi = lx->forms[fi - 1].next) {
		const struct ws_cue_form *f = &lx->forms[fi - 1];
		uint32_t k;

		if (f->nwords <= best || i + f->nwords > end)
			continue;
		for (k = 1; k < f->nwords; k++) {
			if (a->toks[i + k].lex != f->words[k] ||
			    (a->toks[i + k].flags & TF_INQ))
				break;
		}
		if (k < f->nwords)
			continue;
		best = f->nwords;
		h->first = i;
		h->end = i + f->nwords;
		h->lemma = f->lemma;
		h->flags = lx->lemmas[f->lemma].flags;
		h->ing = f->ing;
		h->base = f->base;
	}
	return best > 0;
}

static bool is_modal(const struct ana *a, uint32_t i)
{
	static const char *const modals[] = {"will",  "would", "could",  "can",
	                                     "may",   "might", "should", "must",
	                                     "shall", "cannot"};
	size_t k;

	/* "Theresa May said" */
	if ((a->toks[i].flags & TF_CAP) && !(a->toks[i].flags & TF_SENT))
		return false;
	for (k = 0; k < WS_ARRAY_LEN(modals); k++)
		if (ws__tok_eq(a, i, modals[k]))
			return true;
	return false;
}

/*
 * "Cruz seemed to blame the network", "appeared to imply": a cue after
 * "seem to" or "appear to" (or "continued to", "began to") is the
 * subject's, found before the raising verb. Returns the first token of
 * the verb before "to", or NOTOK.
 */
static uint32_t raised_cue(const struct ana *a, const struct sent *s,
                           uint32_t i)
{
	static const char *const aspect[] = {
		"continue", "continues", "continued", "continuing",
		"began",    "begun",     "begins",    "start",
		"started",  "starts",    "quick",
	};
	struct cue_hit h;
	uint32_t v = i - 2;

	if (i < s->first + 2 || !tok_is(a, i - 1, W_TO) ||
	    (a->toks[v].flags & TF_INQ))
		return NOTOK;
	if (tok_is(a, v, W_CUE) && match_cue(a, v, i - 1, &h) &&
	    (h.flags & CUE_RAISING))
		return v;
	/* "continued to complain", "went on to say", "was quick to
	 * note": the cue is the subject's, told as it went on. */
	if (ws__tok_in(a, v, aspect, WS_ARRAY_LEN(aspect)))
		return v;
	if (v > s->first && ws__tok_eq(a, v, "on") &&
	    (ws__tok_eq(a, v - 1, "went") || ws__tok_eq(a, v - 1, "go") ||
	     ws__tok_eq(a, v - 1, "goes") || ws__tok_eq(a, v - 1, "going")))
		return v - 1;
	return NOTOK;
}

static bool past_participle_form(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	const char *w = a->text + t->start;
	uint32_t n = t->end - t->start;

	return (n > 2 && w[n - 2] == 'e' && w[n - 1] == 'd') ||
	       ws__tok_eq(a, i, "told") || ws__tok_eq(a, i, "said") ||
	       ws__tok_eq(a, i, "shown") || ws__tok_eq(a, i, "found") ||
	       ws__tok_eq(a, i, "written") || ws__tok_eq(a, i, "thought");
}

/*
 * A bare form ("say", "call") is a verb after a plural subject, a
 * pronoun, an auxiliary or an adverb ("officials say", "they also
 * say", "did say"); after a singular noun it is a noun ("a video call").
 */
static bool base_subject_ok(const struct ana *a, uint32_t p)
{
	const struct tok *t = &a->toks[p];
	uint64_t f = tok_wflags(a, p);
	const char *w = a->text + t->start;
	uint32_t n = t->end - t->start;

	if (f & (W_PRON | W_AUX | W_BE | W_ADV | W_REL | W_AND | W_PLURAL |
	         W_GROUPNOUN))
		return !(f & W_PRON_IT) || (f & W_PLURAL);
	if (f & (W_DET | W_PREP | W_ADJ))
		return false;
	/* Coordinated names: "Obama and Clinton call ...". */
	if ((t->flags & TF_CAP) && p >= 2 && tok_is(a, p - 1, W_AND) &&
	    (a->toks[p - 2].flags & TF_CAP))
		return true;
	/* A plural noun or name: "Democrats", "diplomats". */
	return n > 2 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u';
}

/* A quantifier floated after its subject: "the senators all said",
 * "they both said". */
static bool floating_quantifier(const struct ana *a, const struct sent *s,
                                uint32_t i)
{
	const struct tok *t;

	if (i <= s->first ||
	    !(ws__tok_eq(a, i, "all") || ws__tok_eq(a, i, "both") ||
	      ws__tok_eq(a, i, "each")))
		return false;
	t = &a->toks[i - 1];
	if (t->kind == TK_PUNCT)
		return t->ch == ')';
	return t->kind == TK_WORD && !tok_is(a, i - 1, W_DET | W_PREP | W_OF) &&
	       (tok_is(a, i - 1, W_PRON | W_PLURAL | W_GROUPNOUN) ||
	        (t->flags & TF_CAP));
}

static bool ly_adverb(const struct ana *a, uint32_t i);

/* "issued a statement calling the test a violation": a participle on
 * a statement that the sentence's subject put out. */
static bool medium_participle(const struct ana *a, const struct sent *s,
                              uint32_t i)
{
	uint32_t k, m, d;

	if (i < s->first + 3)
		return false;
	m = i - 1;
	/* "a series of tweets early Friday saying", "a statement on
	 * Monday saying", "an email this week asking", "a letter strongly
	 * disputing" */
	while (m > s->first + 2 && i - m <= 4 &&
	       (tok_is(a, m, W_TIME) || ws__tok_eq(a, m, "early") ||
	        (m + 1 == i && ly_adverb(a, m)) || ws__tok_eq(a, m, "late") ||
	        (tok_is(a, m + 1, W_TIME) &&
	         (ws__tok_eq(a, m, "on") || ws__tok_eq(a, m, "this") ||
	          ws__tok_eq(a, m, "last")))) &&
	       !(a->toks[m].flags & TF_INQ))
		m--;
	if (m < s->first + 2 || !tok_is(a, m, W_MEDIUM | W_INFO))
		return false;
	/* Its determiner, past up to two modifiers: "a statement", "a
	 * fundraising email", "a new radio ad"; or "a series of tweets". */
	for (d = m - 1; d > s->first && m - d <= 3; d--)
		if (tok_is(a, d, W_DET) || a->toks[d].kind != TK_WORD ||
		    tok_is(a, d, W_PREP | W_SUB | W_COORD | W_PRON))
			break;
	if (!tok_is(a, d, W_DET) &&
	    !(m >= s->first + 4 && tok_is(a, m - 1, W_OF) &&
	      tok_is(a, m - 3, W_DET)))
		return false;
	for (k = s->first + 1; k + 2 < m + 1 && k < s->first + 24; k++)
		if (ws__verb_like(a, k) &&
		    !tok_is(a, k, W_AUX | W_BE | W_NEG)) /* "has issued" */
			return ws__tok_eq(a, k, "issued") ||
			       ws__tok_eq(a, k, "released") ||
			       ws__tok_eq(a, k, "posted") ||
			       ws__tok_eq(a, k, "sent") ||
			       ws__tok_eq(a, k, "put") ||
			       ws__tok_eq(a, k, "published") ||
			       ws__tok_eq(a, k, "unleashed") ||
			       ws__tok_eq(a, k, "fired") ||
			       ws__tok_eq(a, k, "delivered") ||
			       ws__tok_eq(a, k, "gave");
	return false;
}

/*
 * Where does "in a statement", "on Twitter", "in an op-ed" begin, when it
 * ends right before p, between a subject and its cue? p when it does not.
 */
static uint32_t medium_adjunct(const struct ana *a, const struct sent *s,
                               uint32_t p)
{
	uint32_t k;

	if (p < s->first + 3 || !tok_is(a, p - 1, W_MEDIUM) ||
	    (a->toks[p - 1].flags & TF_INQ))
		return p;
	for (k = p - 2; k > s->first && p - k <= 5; k--) {
		if (a->toks[k].flags & TF_INQ)
			return p;
		if (ws__tok_eq(a, k, "in") || ws__tok_eq(a, k, "on"))
			return k;
		if (a->toks[k].kind != TK_WORD ||
		    tok_is(a, k, W_PREP | W_AUX | W_BE | W_COORD | W_REL) ||
		    ws__verb_like(a, k))
			return p;
	}
	return p;
}

/*
 * Are tokens [i, end) a state's or a country's abbreviation ("N.C.",
 * "Calif.", "D.C.") or a place name alone, as in "Wilmington, N.C.,"?
 */
static bool state_abbrev(const struct ana *a, uint32_t i, uint32_t end)
{
	uint32_t k, letters = 0;

	if (i >= end || end - i > 4 || !(a->toks[i].flags & TF_CAP))
		return false;
	if (end - i == 1 && tok_is(a, i, W_PLACE))
		return true;
	for (k = i; k < end; k++) {
		const struct tok *t = &a->toks[k];

		if (t->kind == TK_PUNCT && t->ch == '.')
			continue;
		if (t->kind != TK_WORD || !(t->flags & TF_CAP) ||
		    t->end - t->start > 5)
			return false;
		letters++;
	}
	return letters > 0 && (tok_punct(a, end - 1, '.') ||
	                       a->text[a->toks[end - 1].end - 1] == '.');
}

/*
 * Is mention m a place of residence or an age in an appositive chain,
 * "Donna Lee, 59, of Ashton, Md., who ...": "Md.", "Ashton", "59"?
 */
static bool residence(const struct ana *a, const struct mention *m)
{
	uint32_t end = m->end;

	if (end < a->ntoks && tok_punct(a, end, '.'))
		end++; /* "Md." */
	if (m->first == 0 || end >= a->ntoks || !tok_punct(a, end, ','))
		return false;
	if (state_abbrev(a, m->first, end) && tok_punct(a, m->first - 1, ','))
		return true;
	return m->end - m->first <= 3 && m->first >= 2 &&
	       ws__tok_eq(a, m->first - 1, "of") &&
	       tok_punct(a, m->first - 2, ',');
}

/* Are tokens [i, end) a party and state tag: "R-Ill.", "D-N.Y."? */
static bool party_tag(const struct ana *a, uint32_t i, uint32_t end)
{
	const struct tok *t = &a->toks[i];
	const char *w = a->text + t->start;

	if (i >= end || end - i > 3 || t->kind != TK_WORD ||
	    t->end - t->start < 3 || w[1] != '-' ||
	    (w[0] != 'R' && w[0] != 'D' && w[0] != 'I') ||
	    !(w[2] >= 'A' && w[2] <= 'Z'))
		return false;
	for (i++; i < end; i++)
		if (!tok_punct(a, i, '.') && !(a->toks[i].flags & TF_CAP))
			return false;
	return true;
}

static bool ends_with_ing(const struct ana *a, uint32_t i);
static bool new_subject_clause(const struct ana *a, uint32_t i, uint32_t hi);
static bool quantity_word(const struct ana *a, uint32_t i);

static bool reflexive(const struct ana *a, uint32_t i)
{
	static const char *const words[] = {"himself", "herself",
	                                    "itself",  "themselves",
	                                    "myself",  "ourselves",
	                                    "yourself"};

	return ws__tok_in(a, i, words, WS_ARRAY_LEN(words));
}

/*
 * "Two in three said they", "all five say that": a number word above
 * one right before the cue is its subject when a clause follows the cue,
 * though the lexicon files it with the determiners. "eight reported
 * incidents", "three calls for" are noun phrases.
 */
static bool number_subject(const struct ana *a, const struct sent *s,
                           const struct cue_hit *h, uint32_t p)
{
	uint32_t n = h->end;

	if (!tok_is(a, p, W_NUMWORD) || ws__tok_eq(a, p, "one"))
		return false;
	if (n >= s->end || a->toks[n].kind == TK_PUNCT ||
	    a->toks[n].kind == TK_QUOTE ||
	    tok_is(a, n, W_PRON | W_DET | W_THAT | W_POSSPRON))
		return true;
	/* "the two said in a letter": a counted subject with its own
	 * determiner, then an adjunct. */
	return p > s->first && tok_is(a, p - 1, W_DET) &&
	       !tok_is(a, p - 1, W_NUMWORD | W_THAT) &&
	       tok_is(a, n, W_PREP | W_TIME | W_ADV);
}

/*
 * "with 30 percent of voters saying C", "with three in 10 saying C": a
 * share of people polled ("percent", "%" or "in") after "with", right
 * before the participle at i. Returns the share's first token, or NOTOK.
 */
static uint32_t with_share(const struct ana *a, const struct sent *s,
                           uint32_t i)
{
	uint32_t k;
	bool num = false, share = false;

	for (k = i; k > s->first && i - k < 10; k--) {
		uint32_t p = k - 1;
		const struct tok *t = &a->toks[p];

		if (t->flags & TF_INQ)
			return NOTOK;
		if (ws__tok_eq(a, p, "with"))
			return num && share && k < i && quantity_word(a, k)
			               ? k
			               : NOTOK;
		/* a share, not a count: "30 percent", "30%", "three in 10" */
		share |= ws__tok_eq(a, p, "percent") ||
		         ws__tok_eq(a, p, "in") ||
		         (t->kind == TK_PUNCT && t->ch == '%');
		if (t->kind == TK_NUM || tok_is(a, p, W_NUMWORD)) {
			num = true;
			continue;
		}
		if (t->kind == TK_PUNCT
		            ? t->ch != '%'
		            : t->kind != TK_WORD || ws__verb_like(a, p))
			return NOTOK;
	}
	return NOTOK;
}

/*
 * From i, the first word of an aside set off by commas (`said, when the
 * story broke, "Q"`), the opening quotation mark after its closing comma;
 * i when the aside is longer than 16 tokens, holds a quotation, or no
 * quotation opens right after it.
 */
static uint32_t past_aside(const struct ana *a, uint32_t i, uint32_t se)
{
	uint32_t k;

	for (k = i + 1; k + 1 < se && k < i + 16; k++) {
		const struct tok *t = &a->toks[k];

		if ((t->flags & TF_INQ) || t->kind == TK_QUOTE)
			return i;
		if (tok_punct(a, k, ',')) {
			t = &a->toks[k + 1];
			if (t->kind == TK_QUOTE && t->q &&
			    a->quotes[t->q - 1].open == k + 1)
				return k + 1;
			return i;
		}
	}
	return i;
}

/*
 * Is the content at r only the terms of a source's anonymity: "did not
 * want to be named", "asked not to be identified"? Those say why a
 * source is unnamed, not what it said.
 */
static bool anonymity_terms(const struct ana *a, uint32_t r, uint32_t ce)
{
	if (r + 2 < ce && tok_is(a, r, W_NEG))
		r++;
	return r + 2 < ce && tok_is(a, r, W_TO) && ws__tok_eq(a, r + 1, "be") &&
	       (ws__tok_eq(a, r + 2, "named") ||
	        ws__tok_eq(a, r + 2, "identified") ||
	        ws__tok_eq(a, r + 2, "quoted"));
}

/*
 * Is the cue at h used as a reporting verb here? Returns false for
 * nouns, infinitives, modals, passives and the terms of anonymity. A
 * negated cue is one ("did not say how C", "doesn't think C").
 */
static bool cue_ok(const struct ana *a, const struct sent *s,
                   const struct cue_hit *h)
{
	bool negated = false;
	uint32_t i = h->first, p;
	const struct tok *t = &a->toks[i];

	if (h->flags & CUE_ACCORD)
		return true;
	if (anonymity_terms(a, h->end, s->end))
		return false;
	/* "asked not to be named", "told not to": not a statement; but
	 * "vowed not to", "says neither ... nor" are. */
	if (h->end < s->end && tok_is(a, h->end, W_NEG) &&
	    !ws__tok_eq(a, h->end, "neither") && h->lemma != LEMMA_LABEL &&
	    (!(a->lx->lemmas[h->lemma].flags & CUE_TOINF) ||
	     (a->lx->lemmas[h->lemma].flags & CUE_OBJ)))
		return false;
	if ((t->flags & TF_CAP) && !(t->flags & TF_SENT))
		return false; /* a name or title: "Post", "Claims Court" */
	/* "has the final say on", "a say in", "no say over": a noun
	 * after an article or a word of degree; so is "think" in "a think
	 * tank". */
	if (ws__tok_eq(a, i, "say") && i > s->first) {
		static const char *const degree[] = {
			"final",  "last",     "big",   "bigger",
			"larger", "greater",  "real",  "little",
			"strong", "stronger", "major", "equal"};
		uint32_t k = i - 1;

		if (ws__tok_eq(a, k, "a") || ws__tok_eq(a, k, "the") ||
		    ws__tok_eq(a, k, "no") || ws__tok_eq(a, k, "more"))
			return false;
		if (k > s->first &&
		    ws__tok_in(a, k, degree, WS_ARRAY_LEN(degree)) &&
		    (ws__tok_eq(a, k - 1, "a") || ws__tok_eq(a, k - 1, "the") ||
		     ws__tok_eq(a, k - 1, "no") ||
		     tok_is(a, k - 1, W_POSSPRON) ||
		     a->toks[k - 1].kind == TK_POSS))
			return false;
	}
	if (ws__tok_eq(a, i, "think") && h->end < s->end &&
	    (ws__tok_eq(a, h->end, "tank") || ws__tok_eq(a, h->end, "tanks")))
		return false;
	/* "Let's hope that ...", "let us say": a suggestion, not what
	 * anybody said. */
	if (i > s->first && (ws__tok_eq(a, i - 1, "let's") ||
	                     ws__tok_eq(a, i - 1, "let\xE2\x80\x99s") ||
	                     (i > s->first + 1 && ws__tok_eq(a, i - 1, "us") &&
	                      ws__tok_eq(a, i - 2, "let"))))
		return false;
	if (i == s->first) {
		/* "Said Ellis: ..." is inverted; "Asked about it, she said"
		 * is not a cue of its own; "Hope Hicks, a spokeswoman, ..."
		 * is a name. */
		struct mention m;

		if (tok_is(a, i, W_FIRSTNAME) && h->end < s->end &&
		    (a->toks[h->end].flags & TF_CAP))
			return false;
		/* "Noting that C, Tester added", "Claiming the plan had
		 * failed, she left": a clause, up to a comma, reported by
		 * the subject after it (attribute_cue finds it); not
		 * "Pointing to the report, ...". */
		if (h->ing) {
			uint32_t c = h->end + 1;

			while (c < s->end && !(tok_punct(a, c, ',') &&
			                       !(a->toks[c].flags & TF_INQ)))
				c++;
			if (c >= s->end)
				return false;
			if (tok_is(a, h->end, W_THAT))
				return true;
			/* "Reporting among ...", "Pointing to the report's
			 * conclusions": a phrase, not a clause. */
			return !tok_is(a, h->end, W_PREP | W_TO) &&
			       !tok_is(a, h->end - 1, W_PREP | W_TO) &&
			       ws__is_clause(a, h->end, c);
		}
		return h->end < s->end &&
		       !tok_is(a, h->end, W_PREP | W_TO | W_WH | W_SUB) &&
		       ws__np_right(a, h->end, s->end, &m, false) &&
		       m.end < s->end &&
		       (tok_punct(a, m.end, ':') || tok_punct(a, m.end, ','));
	}
	/* A verb cue right before another verb is a noun subject:
	 * "news reports say", "the poll shows". */
	if (h->end < s->end && !h->ing && h->lemma != LEMMA_ACCORDING &&
	    tok_is(a, h->first, W_NOUNCUE) && tok_is(a, h->end, W_AUX | W_BE) &&
	    !tok_is(a, h->end, W_PREP))
		return false;
	/* "Consumer advocates said": the plural of a noun cue right before
	 * a verb cue is its subject. */
	if (h->end == i + 1 && h->end < s->end && !h->ing && i > s->first &&
	    a->toks[i - 1].kind == TK_WORD &&
	    !tok_is(a, i - 1, W_PRON | W_REL | W_FIRSTNAME) &&
	    (!(a->toks[i - 1].flags & TF_CAP) ||
	     (a->toks[i - 1].flags & TF_SENT)) &&
	    tok_is(a, i, W_NOUNCUE) && a->text[t->end - 1] == 's' &&
	    a->toks[h->end].kind == TK_WORD &&
	    !(a->toks[h->end].flags & (TF_CAP | TF_INQ)) &&
	    tok_is(a, h->end, W_CUE) && !tok_is(a, h->end, W_NOUNCUE) &&
	    !ends_with_ing(a, h->end))
		return false;
	p = i - 1;
	if (a->toks[p].kind == TK_POSS)
		return false;
	/* "a view echoed by everyone I interviewed": a passive participle
	 * after its noun, not a verb after its subject. */
	if (!h->ing && h->end == i + 1 && h->end < s->end &&
	    ws__tok_eq(a, h->end, "by") && ends_with_ed(a, i) &&
	    a->toks[p].kind == TK_WORD && !(a->toks[p].flags & TF_CAP) &&
	    !tok_is(a, p, W_PRON | W_REL | W_ADV | W_AUX | W_BE | W_THAT))
		return false;
	if (h->base && a->toks[p].kind == TK_WORD && tok_is(a, i, W_NOUNCUE) &&
	    !base_subject_ok(a, p) && !number_subject(a, s, h, p) &&
	    raised_cue(a, s, i) == NOTOK)
		return false; /* "a video call", "the plan" */
	/* "found themselves targeted", "finds himself in a fight": no
	 * finding is reported. */
	if (h->end < s->end && h->lemma != LEMMA_LABEL &&
	    !strcmp(a->lx->lemmas[h->lemma].lemma, "find") &&
	    reflexive(a, h->end))
		return false;
	/* "60 pledged delegates", "a large pledged delegate lead": a
	 * participle before the noun it describes. */
	if (!h->ing && h->end == i + 1 && h->end < s->end &&
	    ends_with_ed(a, i) && tok_is(a, h->end, W_ROLE | W_GROUPNOUN) &&
	    !(a->toks[h->end].flags & TF_CAP) && p >= s->first &&
	    (a->toks[p].kind == TK_NUM ||
	     tok_is(a, p, W_DET | W_ADJ | W_NUMWORD | W_POSSPRON)) &&
	    !tok_is(a, p, W_PRON | W_THAT))
		return false;
	/* "dialing back plans to", "did not unveil plans", "making dubious
	 * medical claims": a plural noun after a verb, particle or
	 * adjective, not a verb after its subject. */
	if (!h->base && !h->ing && h->end == i + 1 && tok_is(a, i, W_NOUNCUE) &&
	    a->text[t->end - 1] == 's' && a->toks[p].kind == TK_WORD &&
	    !(a->toks[p].flags & TF_CAP) &&
	    !tok_is(a, p,
	            W_PRON | W_REL | W_ADV | W_AUX | W_BE | W_ROLE |
	                    W_GROUPNOUN | W_ORG | W_INFO) &&
	    (tok_is(a, p, W_PARTICLE | W_ADJ) || ws__verb_like(a, p) ||
	     /* "health insurance plans": a noun the word lists do not
	      * know, after another word of the phrase, before the plural
	      * of a noun cue ("the paper notes" stays a verb) */
	     (!a->toks[p].lex && a->text[a->toks[p].end - 1] != 's' &&
	      p > s->first && !ly_adverb(a, p) &&
	      !(h->end + 1 < s->end && tok_is(a, h->end, W_THAT) &&
	        new_subject_clause(a, h->end + 1, s->end)) &&
	      a->toks[p - 1].kind == TK_WORD &&
	      !(a->toks[p - 1].flags & TF_CAP) &&
	      !tok_is(a, p - 1, W_DET | W_POSSPRON | W_PRON | W_REL))))
		return false;
	if (a->toks[p].kind == TK_WORD) {
		uint64_t f = tok_wflags(a, p);

		if ((f & (W_DET | W_POSSPRON)) && !(f & (W_THAT | W_PRON)) &&
		    !floating_quantifier(a, s, p) &&
		    !number_subject(a, s, h, p) && !ws__quant_subject(a, p))
			return false;
		if ((f & W_TO) && raised_cue(a, s, i) == NOTOK)
			return false;
		/* "began by saying C", "after saying C", "upon saying C":
		 * the clause's subject said it; but "the point of saying". */
		if ((f & W_PREP) && h->ing &&
		    !(ws__tok_eq(a, p, "by") || ws__tok_eq(a, p, "after") ||
		      ws__tok_eq(a, p, "before") || ws__tok_eq(a, p, "while") ||
		      ws__tok_eq(a, p, "upon") || ws__tok_eq(a, p, "since")))
			return false;
		/* "a series of tweets criticizing X", "stop attacking": a
		 * participle right after a noun or a verb is no cue. */
		if (h->ing &&
		    !(f & (W_AUX | W_BE | W_ADV | W_COORD | W_PRON | W_REL |
		           W_SUB | W_THAT | W_PREP)) &&
		    !(a->toks[p].flags & TF_CAP) &&
		    !medium_participle(a, s, i) && with_share(a, s, i) == NOTOK)
			return false;
		if (f & W_ADJ && !(f & (W_ADV | W_ROLE)) && h->ing)
			return false;
	}
	/* Walk back over adverbs and auxiliaries. */
	while (p >= s->first && p + 4 > i) {
		uint64_t f;

		if (a->toks[p].kind != TK_WORD)
			break;
		f = tok_wflags(a, p);
		/* "would say" is hypothetical; "would not say" a refusal;
		 * "will say in a speech" a statement announced. */
		if (is_modal(a, p) && !negated &&
		    !(ws__tok_eq(a, p, "will") && !(h->flags & CUE_WEAK)))
			return false;
		if ((f & W_BE) && !h->ing && past_participle_form(a, i) &&
		    !(h->flags & CUE_PASSIVE))
			return false; /* was told, is expected */
		negated |= (f & W_NEG) != 0;
		if (!(f & (W_ADV | W_AUX | W_BE | W_NEG)))
			break;
		if (p == 0)
			break;
		p--;
	}
	return true;
}

/* The cue span with its auxiliaries and adverbs: "has also said". */
static uint32_t cue_start_with_aux(const struct ana *a, const struct sent *s,
                                   uint32_t i)
{
	uint32_t p = i, best = i;

	while (p > s->first && i - p < 4) {
		uint64_t f = tok_wflags(a, p - 1);

		/* "has since said" */
		if (p - 1 > s->first && ws__tok_eq(a, p - 1, "since") &&
		    tok_is(a, p - 2, W_AUX) && !tok_is(a, p - 2, W_BE)) {
			p--;
			continue;
		}
		if (a->toks[p - 1].kind != TK_WORD ||
		    !(f & (W_ADV | W_AUX | W_BE | W_NEG)) ||
		    ws__tok_eq(a, p - 1, "nor") ||
		    ws__tok_eq(a, p - 1, "neither"))
			break;
		if ((a->toks[p - 1].flags & TF_CAP) &&
		    !(a->toks[p - 1].flags & TF_SENT))
			break; /* "Theresa May said" */
		if (f & W_PREP)
			break;
		p--;
		if (f & (W_AUX | W_BE | W_NEG))
			best = p;
	}
	return best;
}

static int add_seg(struct ana *a, struct attr *at, uint32_t start,
                   uint32_t stop)
{
	if (stop <= start)
		return WS_OK;
	if (at->nsegs == at->capsegs) {
		uint32_t ncap = at->capsegs ? at->capsegs * 2 : 2;
		struct ws_span *ns =
			ws__arena_alloc(a->arena, ncap * sizeof(*ns));

		if (!ns)
			return WS_ENOMEM;
		if (at->nsegs)
			memcpy(ns, at->segs, at->nsegs * sizeof(*ns));
		at->segs = ns;
		at->capsegs = ncap;
	}
	at->segs[at->nsegs].start = start;
	at->segs[at->nsegs].end = stop;
	at->nsegs++;
	return WS_OK;
}

/* Byte span of tokens [first, end), trimmed of edge punctuation that is
 * not a quote mark. */
static bool token_span(const struct ana *a, uint32_t first, uint32_t end,
                       uint32_t *start, uint32_t *stop)
{
	while (first < end && a->toks[first].kind == TK_PUNCT &&
	       a->toks[first].ch != '(')
		first++;
	while (end > first && a->toks[end - 1].kind == TK_PUNCT &&
	       a->toks[end - 1].ch != ')')
		end--;
	if (first >= end)
		return false;
	*start = a->toks[first].start;
	*stop = a->toks[end - 1].end;
	return true;
}

/* Are the tokens [first, end) exactly one quotation (plus punctuation)?
 * Returns its index + 1. */
static uint32_t only_quote(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t q = 0, k;

	for (k = first; k < end; k++) {
		const struct tok *t = &a->toks[k];

		if (t->q) {
			if (q && t->q != q)
				return 0;
			q = t->q;
			continue;
		}
		if (t->kind != TK_PUNCT && t->kind != TK_QUOTE)
			return 0;
	}
	if (!q)
		return 0;
	/* The whole quotation must be inside the range. */
	{
		const struct qspan *qs = &a->quotes[q - 1];

		if (qs->open < first || qs->first < first || qs->end > end)
			return 0;
	}
	return q;
}

static bool has_quote(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k;

	for (k = first; k < end; k++)
		if (a->toks[k].flags & TF_INQ)
			return true;
	return false;
}

/* Add a direct quotation and the chain of paragraphs it continues. */
static int add_quote_chain(struct ana *a, struct attr *at, uint32_t q)
{
	while (q) {
		struct qspan *qs = &a->quotes[q - 1];
		int rc;

		if (qs->used && at->lastq != q)
			break;
		rc = add_seg(a, at, qs->start, qs->stop);
		if (rc != WS_OK)
			return rc;
		qs->used = true;
		at->lastq = q;
		if (qs->unclosed)
			at->unclosed = true;
		if (at->cfirst == NOTOK || qs->first < at->cfirst)
			at->cfirst = qs->first;
		if (at->cend == NOTOK || qs->end > at->cend)
			at->cend = qs->end;
		q = qs->next;
	}
	return WS_OK;
}

static void mark_used(struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k;

	for (k = first; k < end; k++)
		if (a->toks[k].q)
			a->quotes[a->toks[k].q - 1].used = true;
}

/*
 * Words that, after a comma, leave the reported content: ", according
 * to", ", compared with", ", however", ", where". Other asides (",
 * which", ", while", ", as", participles) and ", but" with no subject
 * of its own ("said the process was fair, but required an effort")
 * were measured on PolNeAR train: the content goes on through them as
 * often as it ends, or more, so they are left inside.
 */
/* Is token k a closing quotation mark with the sentence's comma inside
 * it: `"... not on exits," adding ...`? */
static bool comma_in_mark(const struct ana *a, uint32_t k)
{
	const struct tok *t = &a->toks[k];

	return t->kind == TK_QUOTE && t->q && a->quotes[t->q - 1].close == k &&
	       k > 0 && tok_punct(a, k - 1, ',') &&
	       (a->toks[k - 1].flags & TF_INQ);
}

static uint32_t after_dateline(const struct ana *a, const struct sent *s);
static bool speaker_ok(const struct ana *a, const struct mention *m);

/*
 * `Humphrey, who calls Trump a "sociopath," said he ...`: the quotation
 * closing with its comma right before the cue at p sits inside the
 * subject's aside, not before the cue as its content: it opens inside a
 * phrase that follows "S," at the sentence start, and a clause, not an
 * inverted speaker, follows the cue (h_end).
 */
static bool quote_in_aside(const struct ana *a, const struct sent *s,
                           uint32_t p, uint32_t h_end)
{
	const struct qspan *q;
	struct mention m;
	uint32_t open, k, lo = after_dateline(a, s);

	if (p < lo + 4 || !comma_in_mark(a, p - 1))
		return false;
	q = &a->quotes[a->toks[p - 1].q - 1];
	open = q->open;
	if (open <= lo + 2 || open >= p || q->words > 6 ||
	    a->toks[open - 1].kind != TK_WORD ||
	    (a->toks[open - 1].flags & TF_INQ))
		return false;
	if (h_end >= s->end)
		return false;
	/* What follows the cue is no name closing the sentence. */
	if (ws__np_right(a, h_end, s->end, &m, false) &&
	    (m.end >= s->end || a->toks[m.end].kind == TK_PUNCT))
		return false;
	/* The aside's comma: the first one after the subject. */
	for (k = lo + 1; k + 1 < open; k++) {
		if (a->toks[k].flags & TF_INQ)
			return false;
		if (!tok_punct(a, k, ','))
			continue;
		if (!ws__np_left(a, lo, k, &m) || m.first != lo ||
		    m.type != M_NAME || !speaker_ok(a, &m))
			return false;
		return tok_is(a, k + 1, W_REL | W_DET | W_ADJ | W_ROLE) ||
		       ends_with_ing(a, k + 1) || ends_with_ed(a, k + 1) ||
		       ws__tok_eq(a, k + 1, "author");
	}
	return false;
}

static bool comma_ends_content(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];

	if (t->kind != TK_WORD || (t->flags & TF_INQ))
		return false;
	return tok_is(a, i, W_ACCORDING) || ws__tok_eq(a, i, "compared") ||
	       ws__tok_eq(a, i, "however") || ws__tok_eq(a, i, "where");
}

/* Does a clause with its own subject start at i: "he railed", "the
 * sanctions would cause", "three-quarters said"? */
static bool new_subject_clause(const struct ana *a, uint32_t i, uint32_t hi)
{
	struct mention m;

	if (a->toks[i].flags & TF_INQ)
		return false;
	if (tok_is(a, i, W_PRON) && !tok_is(a, i, W_PRON_OBJ | W_POSSPRON))
		return i + 1 < hi &&
		       (ws__verb_like(a, i + 1) || tok_is(a, i + 1, W_ADV));
	if (!tok_is(a, i, W_DET | W_POSSPRON) && a->toks[i].kind != TK_NUM &&
	    !(a->toks[i].flags & TF_CAP) &&
	    !tok_is(a, i, W_GROUPNOUN | W_PLURAL))
		return false;
	if (!ws__np_right(a, i, hi, &m, false) || m.end >= hi)
		return false;
	return ws__verb_like(a, m.end) ||
	       (m.end + 1 < hi && tok_is(a, m.end, W_ADV) &&
	        ws__verb_like(a, m.end + 1));
}

/* Where a clause after a cue ends: the sentence end, a semicolon, a
 * clause with a subject of its own after "but" or ", and", or the next
 * coordinated or participial cue. */
/* Is there no comma outside quotations in tokens [i, end)? */
static bool no_comma_after(const struct ana *a, uint32_t i, uint32_t end)
{
	for (; i < end; i++)
		if (tok_punct(a, i, ',') && !(a->toks[i].flags & TF_INQ))
			return false;
	return true;
}

static uint32_t clause_end(const struct ana *a, const struct sent *s,
                           uint32_t i, const struct cue_hit *cues,
                           uint32_t ncues, uint32_t self)
{
	uint32_t k, end = s->end, c;
	bool listed = false;

	for (k = i; k < s->end; k++) {
		const struct tok *t = &a->toks[k];

		if (t->flags & TF_INQ)
			continue;
		if (t->kind == TK_PUNCT && t->ch == ';') {
			end = k;
			break;
		}
		if (t->kind == TK_PUNCT && t->ch == ',' && k + 1 < s->end &&
		    comma_ends_content(a, k + 1)) {
			end = k;
			break;
		}
		/* "said she should face no charges, a recommendation the
		 * attorney general adopted": a noun phrase in apposition to
		 * the whole clause, the writer's comment on it. */
		if (t->kind == TK_PUNCT && t->ch == ',' && k > i + 3 &&
		    k + 2 < s->end && !(a->toks[k + 1].flags & TF_INQ) &&
		    (ws__tok_eq(a, k + 1, "a") || ws__tok_eq(a, k + 1, "an")) &&
		    !new_subject_clause(a, k + 1, s->end) &&
		    no_comma_after(a, k + 1, s->end)) {
			end = k;
			break;
		}
		/* "C about Hillary Clinton, who has been battered by ...":
		 * what the writer adds about someone named, to the end. */
		if (t->kind == TK_PUNCT && t->ch == ',' && k > i + 3 &&
		    k + 3 < s->end && tok_is(a, k + 1, W_REL) &&
		    !tok_is(a, k + 1, W_THAT | W_POSSPRON) &&
		    !(a->toks[k + 1].flags & TF_INQ) &&
		    (a->toks[k - 1].flags & TF_CAP) &&
		    no_comma_after(a, k + 2, s->end)) {
			end = k;
			break;
		}
		/* "said two had died but declined to give details": the
		 * speaker's refusal after the content is not in it ("and
		 * refused to drop the gun", "but refused to" may be the
		 * content's). */
		if (k > i + 1 && tok_is(a, k, W_BUT) && k + 3 < s->end &&
		    ws__tok_eq(a, k + 1, "declined") &&
		    tok_is(a, k + 2, W_TO) &&
		    !(a->toks[k + 1].flags & TF_INQ)) {
			end = tok_punct(a, k - 1, ',') ? k - 1 : k;
			break;
		}
		/* "C, but he has also intensified ...": another clause. */
		if (k > i + 2 && tok_is(a, k, W_BUT) && k + 2 < s->end &&
		    new_subject_clause(a, k + 1, s->end)) {
			end = tok_punct(a, k - 1, ',') ? k - 1 : k;
			break;
		}
		/* "C1, C2, and C3": clauses listed after commas, the last
		 * after "and", are one content. */
		if (t->kind == TK_PUNCT && t->ch == ',' && k > i + 2 &&
		    k + 2 < s->end && !tok_is(a, k + 1, W_AND | W_BUT) &&
		    new_subject_clause(a, k + 1, s->end))
			listed = true;
		/* "..., and he railed against": a new clause with its own
		 * subject ends the content. */
		if (k > i + 2 && tok_is(a, k, W_AND) && k + 2 < s->end &&
		    !(listed && tok_punct(a, k - 1, ',')) &&
		    (tok_punct(a, k - 1, ',') ||
		     (tok_is(a, k + 1, W_PRON) &&
		      !tok_is(a, k + 1, W_PRON_OBJ))) &&
		    new_subject_clause(a, k + 1, s->end)) {
			end = tok_punct(a, k - 1, ',') ? k - 1 : k;
			break;
		}
	}
	/* Stop before a later cue that is coordinated with this one, or
	 * that starts a clause of its own after a comma or a dash
	 * ("When Clinton noted C -- Trump boasted, ..."). */
	for (c = self + 1; c < ncues; c++) {
		uint32_t f = cues[c].first, p;
		struct mention subj;
		bool qcomma;

		if (f >= end)
			break;
		if (f <= i)
			continue;
		p = f - 1;
		while (p > i && tok_is(a, p, W_ADV | W_AUX))
			p--;
		if (!(cues[c].flags & CUE_ACCORD) &&
		    (ws__np_left(a, i, p + 1, &subj) ||
		     ws__np_left_postmod(a, i, p + 1, &subj)) &&
		    subj.first > i + 1 && subj.type != M_REL &&
		    (tok_punct(a, subj.first - 1, ',') ||
		     tok_punct(a, subj.first - 1, ';') ||
		     (a->toks[subj.first - 1].kind == TK_PUNCT &&
		      a->toks[subj.first - 1].ch == PC_DASH)) &&
		    !(a->toks[subj.first - 1].flags & TF_INQ)) {
			end = subj.first - 1;
			break;
		}
		/* `calling Trump "a buffoon," Susan said`: the comma inside
		 * the closing mark before the next speaker. */
		if (!(cues[c].flags & CUE_ACCORD) &&
		    ws__np_left(a, i, p + 1, &subj) && subj.end == p + 1 &&
		    subj.first > i + 2 && subj.type != M_REL &&
		    comma_in_mark(a, subj.first - 1)) {
			end = subj.first;
			break;
		}
		/* `21 percent said "not likely" and 14 percent said`:
		 * the same cue again after "and" and another subject. */
		if (!(cues[c].flags & CUE_ACCORD) && !cues[c].ing &&
		    cues[c].lemma == cues[self].lemma &&
		    ws__np_left(a, i, p + 1, &subj) && subj.end == p + 1 &&
		    subj.first > i + 2 && subj.type != M_REL &&
		    subj.type != M_PRONOUN &&
		    tok_is(a, subj.first - 1, W_AND | W_BUT) &&
		    !(a->toks[subj.first - 1].flags & TF_INQ) &&
		    ws__is_clause(a, subj.first, end) &&
		    ws__is_clause(a, i, subj.first - 1) &&
		    speaker_ok(a, &subj)) {
			end = subj.first - 1;
			break;
		}
		/* "they say he posed a threat and refused to drop the
		 * gun": a stance verb after "and" goes on with the reported
		 * clause's own subject, not the speaker's. */
		if (tok_is(a, p, W_AND | W_BUT) && !tok_punct(a, p - 1, ',') &&
		    cues[c].lemma < LEMMA_LABEL &&
		    (a->lx->lemmas[cues[c].lemma].flags & CUE_NOQUOTE) &&
		    ws__is_clause(a, i, p))
			continue;
		/* `said C "... sales," adding`: the comma inside the
		 * closing mark. */
		qcomma = p > i && comma_in_mark(a, p);
		if (tok_is(a, p, W_AND | W_BUT) ||
		    ((tok_punct(a, p, ',') || qcomma) &&
		     (cues[c].ing || (a->toks[f].flags & TF_TITLED)))) {
			end = tok_punct(a, p - 1, ',') ? p - 1 : p;
			if (tok_punct(a, p, ','))
				end = p;
			if (qcomma)
				end = p + 1;
			break;
		}
	}
	/* Drop sentence-final punctuation outside quotations. */
	while (end > i && a->toks[end - 1].kind == TK_PUNCT &&
	       !(a->toks[end - 1].flags & TF_INQ) && a->toks[end - 1].ch != ')')
		end--;
	return end;
}

/*
 * A subject with a restrictive relative clause right before its verb:
 * "An official who was not authorized to speak publicly said ...".
 * Found by walking back from the verb to "who" or "that" with no
 * comma, quotation or clause boundary between.
 */
static bool rel_subject(const struct ana *a, const struct sent *s, uint32_t p,
                        bool as_rel, struct mention *sp)
{
	uint32_t k;
	bool ands = false; /* passed a "who" after "and" */

	for (k = p; k > s->first && p - k < (ands ? 24u : 16u); k--) {
		uint32_t r = k - 1;
		struct mention c;

		if (a->toks[r].flags & TF_INQ || a->toks[r].kind == TK_QUOTE ||
		    tok_punct(a, r, ',') || tok_punct(a, r, ';') ||
		    tok_punct(a, r, ':'))
			return false;
		if (!tok_is(a, r, W_REL) || tok_is(a, r, W_POSSPRON) ||
		    r + 2 >= p)
			continue;
		/* "Another parent who ... and who ... said": the first
		 * relative clause is the one after the phrase. */
		if (!ands && r > s->first + 2 && tok_is(a, r - 1, W_AND) &&
		    ws__tok_eq(a, r, "who")) {
			ands = true;
			continue;
		}
		if (!ws__np_left(a, s->first,
		                 r > s->first + 1 && tok_punct(a, r - 1, ',')
		                         ? r - 1
		                         : r,
		                 &c) ||
		    !speaker_ok(a, &c) || c.type == M_REL ||
		    c.type == M_PRONOUN)
			return false;
		/* "who" is said of people, whatever the noun: "One of the
		 * docs who sent the letter called". */
		if (!(c.type == M_NAME || ws__tok_eq(a, r, "who") ||
		      tok_is(a, c.head,
		             W_ROLE | W_TITLE | W_ANON | W_GROUPNOUN | W_ORG |
		                     W_INFO)))
			return false;
		/* A verb in the relative clause (as_rel) has the pronoun
		 * for subject, standing for the phrase before it. */
		if (as_rel && ws__np_left(a, s->first, r + 1, sp) &&
		    sp->type == M_REL && sp->ante_first != NOTOK)
			return true;
		*sp = c;
		return true;
	}
	return false;
}

/* Does a verb follow at k, over an appositive ("Dean, a former
 * chairman, poked at ..."), a parenthesis and adverbs? */
static bool followed_by_verb(const struct ana *a, uint32_t k, uint32_t v)
{
	uint32_t j;
	unsigned n;

	/* "He's comparing": the pronoun's own token holds the verb. */
	if (k > 0 && k < v && tok_is(a, k - 1, W_PRON) &&
	    !tok_is(a, k - 1, W_PRON_IT) && ws__verb_contraction(a, k - 1))
		return true;

	if (k < v && tok_punct(a, k, '(')) {
		for (j = k + 1; j < v && j < k + 10; j++)
			if (tok_punct(a, j, ')')) {
				k = j + 1;
				break;
			}
	}
	/* One aside set off by commas, or two: "Sen. Ann Hale, D-Ore.,
	 * who faces a hard race, withdrew". */
	for (n = 0; n < 2 && k < v &&
	            (n == 0 ? tok_punct(a, k, ',')
	                    : !ws__verb_like(a, k) && !tok_is(a, k, W_ADV) &&
	                              !ly_adverb(a, k));
	     n++) {
		for (j = k + 1; j < v && j < k + 24; j++) {
			if (a->toks[j].flags & TF_INQ)
				continue;
			if (tok_punct(a, j, ','))
				break;
		}
		if (j >= v || j >= k + 24) {
			if (n == 0)
				return false;
			break; /* no second aside */
		}
		k = j + 1;
	}
	/* "sternly reprimanded": an adverb the lexicon lacks, by its -ly */
	while (k < v && ((tok_is(a, k, W_ADV) && !tok_is(a, k, W_PREP)) ||
	                 (ly_adverb(a, k) && k + 1 < v)))
		k++;
	if (k < v && !ws__verb_like(a, k))
		k = ws__skip_adjuncts(a, k,
		                      v); /* "The Council on Friday made" */
	return k < v && ws__verb_like(a, k);
}

/* Is the speaker's clause subordinate ("while S says", "if S said") or
 * a relative clause set off by a comma ("Cruz, who says")? */
static bool embedded_clause(const struct ana *a, const struct sent *s,
                            const struct mention *sp)
{
	uint32_t k;

	if (sp->type == M_REL)
		return sp->first > s->first && tok_punct(a, sp->first - 1, ',');
	for (k = sp->first; k > s->first; k--) {
		uint32_t p = k - 1;

		if (a->toks[p].flags & TF_INQ)
			return false;
		if (tok_punct(a, p, ',') || tok_punct(a, p, ';'))
			return false;
		if (tok_is(a, p, W_SUB) && !tok_is(a, p, W_THAT | W_AS) &&
		    (!tok_is(a, p, W_WH) || ws__tok_eq(a, p, "when")))
			return true;
		if (p + 1 == sp->first &&
		    (ws__tok_eq(a, p, "after") || ws__tok_eq(a, p, "before") ||
		     ws__tok_eq(a, p, "since")))
			return true;
		if (ws__verb_like(a, p))
			return false;
	}
	return false;
}

/*
 * Is token i inside a relative clause set off by a comma that is still
 * open: "Sanders, who endorsed him and [said] C, did not come"?
 */
static bool in_relative(const struct ana *a, const struct sent *s, uint32_t i)
{
	uint32_t k;

	for (k = i; k > s->first + 1; k--) {
		uint32_t p = k - 1;

		if (a->toks[p].flags & TF_INQ)
			return false;
		if (tok_punct(a, p, ',') || tok_punct(a, p, ';'))
			return false;
		if (tok_is(a, p, W_REL) && !tok_is(a, p, W_THAT))
			return tok_punct(a, p - 1, ',');
	}
	return false;
}

/*
 * The first token after a dateline that opens sentence s ("LONDON --",
 * "CHARLOTTE, N.C. --", "BEIRUT (AP) --"): words in capitals, commas,
 * abbreviations and a parenthesis, then a dash. s->first when there is
 * none.
 */
static uint32_t after_dateline(const struct ana *a, const struct sent *s)
{
	uint32_t k = s->first, end = s->first + 12;

	/* A place of one short word is no dateline, but "ST. PAUL" is
	 * (not "MR. JONES"). */
	if (!(a->toks[k].flags & TF_PARA) || !(a->toks[k].flags & TF_ALLCAP) ||
	    (a->toks[k].end - a->toks[k].start < 3 &&
	     !(k + 1 < s->end && dateline_abbrev(a, k))))
		return s->first;
	if (end > s->end)
		end = s->end;
	for (; k < end; k++) {
		const struct tok *t = &a->toks[k];

		if (t->kind == TK_PUNCT && t->ch == PC_DASH)
			return k + 1 < s->end ? k + 1 : s->first;
		/* "LONDON, March 4 (Reuters) -": a date in it. */
		if ((t->kind == TK_PUNCT && (t->ch == ',' || t->ch == '.' ||
		                             t->ch == '(' || t->ch == ')')) ||
		    t->kind == TK_NUM)
			continue;
		if (t->kind != TK_WORD ||
		    !(t->flags & (TF_ALLCAP | TF_CAP | TF_ACRO)))
			break;
	}
	return s->first;
}

/* Is there a comma outside quotations in [k, v)? */
static bool comma_before(const struct ana *a, uint32_t k, uint32_t v)
{
	for (; k < v; k++)
		if (tok_punct(a, k, ',') && !(a->toks[k].flags & TF_INQ))
			return true;
	return false;
}

/* The subject of the clause that holds token v: the speaker of an
 * earlier attribution in the sentence, else the first noun phrase. */
/* "A spokesperson, Jay Tarriela, posted ... and accused": a role whose
 * appositive names a person speaks by the name. */
static void apposed_name(const struct ana *a, struct mention *m, uint32_t v)
{
	struct mention nm;

	if (m->type != M_NAME && tok_is(a, m->head, W_ROLE | W_TITLE) &&
	    m->end + 2 < v && tok_punct(a, m->end, ',') &&
	    ws__np_right(a, m->end + 1, v, &nm, false) && nm.type == M_NAME &&
	    nm.kind == WS_KIND_PERSON && nm.end < v &&
	    tok_punct(a, nm.end, ','))
		*m = nm;
}

/*
 * The latest live attribution of sentence s with a cue before token v and
 * a speaker that is no relative pronoun; with tag, only one whose cue is
 * followed by nothing but a time or place phrase and the comma before v
 * ("C, Mayor Liu announced Monday, calling").
 */
static const struct attr *earlier_speaker(const struct state *st,
                                          const struct sent *s, uint32_t v,
                                          bool tag)
{
	const struct ana *a = st->a;
	const struct attr *ats = st->attrs.items;
	uint32_t k;

	for (k = st->attrs.n; k > 0; k--) {
		const struct attr *p = &ats[k - 1];

		if (p->sent != (uint32_t)(s - a->sents))
			break;
		if (p->dead || !p->has_sp || p->sp.type == M_REL ||
		    p->cue_first >= v)
			continue;
		if (tag && (p->cue_end == NOTOK || p->cue_end >= v ||
		            !tok_punct(a, v - 1, ',') ||
		            ws__skip_adjuncts(a, p->cue_end, v - 1) != v - 1))
			continue;
		return p;
	}
	return NULL;
}

static bool clause_subject(struct state *st, const struct sent *s, uint32_t v,
                           struct mention *m)
{
	struct ana *a = st->a;
	uint32_t k, start = after_dateline(a, s);
	const struct attr *p;

	/* "And then Trump went on the attack, saying": past a conjunction
	 * and adverbs that open the sentence. */
	while (start + 2 < v && tok_is(a, start, W_COORD | W_ADV) &&
	       !tok_is(a, start, W_PREP | W_PRON | W_SUB) &&
	       !(a->toks[start].flags & TF_INQ))
		start++;

	/* "C, Mayor Liu announced Monday, calling it ...": a participle
	 * right after a speech tag is the tag's speaker's. */
	if ((p = earlier_speaker(st, s, v, true)) != NULL) {
		*m = p->sp;
		return true;
	}
	/* "demonstrators, who have taken to the streets and called for":
	 * the relative clause's antecedent. */
	k = v;
	while (k > start && tok_is(a, k - 1, W_ADV | W_AUX))
		k--;
	if (k > start && tok_is(a, k - 1, W_AND) &&
	    rel_subject(a, s, k - 1, true, m))
		return true;
	/* "The operator wrote to us, and the board met, believing C": the
	 * subject of the clause joined last, before the participle. */
	for (k = v; k > start + 2; k--) {
		uint32_t c = k - 1;

		if (a->toks[c].flags & TF_INQ)
			break;
		if (tok_is(a, c, W_AND) && tok_punct(a, c - 1, ',') &&
		    c + 1 < v && new_subject_clause(a, c + 1, v) &&
		    ws__np_right(a, c + 1, v, m, false) && speaker_ok(a, m) &&
		    m->type != M_REL && followed_by_verb(a, m->end, v))
			return true;
	}
	/* The first noun phrase followed by a verb, at the sentence start
	 * or after one of its first commas ("Asked about it, Bush ..."). */
	for (k = start; k < v; k++) {
		if (k != start && !tok_punct(a, k - 1, ','))
			continue;
		if (a->toks[k].flags & TF_INQ)
			continue;
		/* "Rallying hundreds of workers, Clinton promised": a
		 * participle phrase opening the sentence, up to a comma,
		 * is no subject. */
		if (k == start && ends_with_ing(a, k) &&
		    (a->toks[k].flags & TF_CAP) && !tok_is(a, k, W_PREP) &&
		    comma_before(a, k + 1, v))
			continue;
		if (ws__np_right(a, k, v, m, false) && speaker_ok(a, m) &&
		    m->type != M_REL && followed_by_verb(a, m->end, v)) {
			apposed_name(a, m, v);
			return true;
		}
		/* "When the mayor turned and said C, the crowd cheered":
		 * the subject of the clause the subordinator opens. */
		if (k == start && k + 2 < v && tok_is(a, k, W_SUB) &&
		    !tok_is(a, k, W_THAT | W_PREP) &&
		    !comma_before(a, k + 1, v) &&
		    ws__np_right(a, k + 1, v, m, false) && speaker_ok(a, m) &&
		    m->type != M_REL && followed_by_verb(a, m->end, v))
			return true;
		if (k > start + 30)
			break;
	}
	/* "On September 27 they published ... by announcing C": past a
	 * time or place adjunct that opens the sentence. */
	if (tok_is(a, start, W_PREP | W_TIME)) {
		k = ws__skip_adjuncts(a, start, v);
		if (k > start && k < v && !(a->toks[k].flags & TF_INQ) &&
		    ws__np_right(a, k, v, m, false) && speaker_ok(a, m) &&
		    m->type != M_REL && followed_by_verb(a, m->end, v))
			return true;
	}
	/* "After saying C, she left", "Saying C, she left": a participle
	 * in a phrase that opens the sentence (or that is its first word)
	 * belongs to the subject after the phrase's comma. */
	if (tok_is(a, start, W_PREP | W_SUB) || start == v) {
		for (k = v + 1; k < s->end && k < v + 40; k++) {
			if (a->toks[k].flags & TF_INQ)
				continue;
			if (!tok_punct(a, k, ','))
				continue;
			if (ws__np_right(a, k + 1, s->end, m, false) &&
			    speaker_ok(a, m) && m->type != M_REL &&
			    m->end < s->end && ws__verb_like(a, m->end))
				return true;
			break;
		}
	}
	/* `"Q," Trump said, adding ...`: the speaker of the sentence's
	 * earlier attribution, unless that was a relative clause's. */
	if ((p = earlier_speaker(st, s, v, false)) != NULL) {
		*m = p->sp;
		return true;
	}
	return false;
}

static struct attr *new_attr(struct state *st, const struct cue_hit *h,
                             uint32_t cue_first, uint32_t sent)
{
	struct attr *at = ws__vec_push(&st->attrs, st->a->arena);

	if (!at)
		return NULL;
	at->seq = st->attrs.n - 1;
	at->cue_first = cue_first;
	at->cue_end = h ? h->end : NOTOK;
	at->lemma = h ? h->lemma : 0;
	at->cfirst = at->cend = NOTOK;
	at->sent = sent;
	at->sp.entity = -1;
	return at;
}

static bool ends_with_ing(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];

	return t->end - t->start > 4 && !memcmp(a->text + t->end - 3, "ing", 3);
}

static bool adjunct_pp(const struct ana *a, uint32_t k, uint32_t end);

static int content_tokens(struct ana *a, struct attr *at, uint32_t first,
                          uint32_t end)
{
	uint32_t s0, s1, q = only_quote(a, first, end);

	if (q) {
		at->type = WS_QUOTE_DIRECT;
		return add_quote_chain(a, at, q);
	}
	if (!token_span(a, first, end, &s0, &s1))
		return WS_OK;
	at->type = has_quote(a, first, end) ? WS_QUOTE_MIXED
	                                    : WS_QUOTE_INDIRECT;
	if (at->type == WS_QUOTE_MIXED) {
		/* "blasted Clinton as a "disgrace" Wednesday on the show",
		 * "a "personal insult", implicitly putting ...": the content
		 * ends with the quotation. */
		uint32_t k = end, lastq = NOTOK;

		for (k = first; k < end; k++)
			if (a->toks[k].kind == TK_QUOTE && a->toks[k].q &&
			    a->quotes[a->toks[k].q - 1].close == k)
				lastq = k;
		if (lastq != NOTOK && lastq + 1 < end) {
			uint32_t r = lastq + 1;

			/* "as a "disgrace" Wednesday on the show" */
			if (tok_is(a, r, W_TIME) || adjunct_pp(a, r, end))
				end = r;
			/* "a "personal insult" if ..., implicitly putting":
			 * a participle after a comma is the writer's. */
			for (k = r; k + 1 < end; k++) {
				uint32_t w = k + 1;

				if (!tok_punct(a, k, ',') &&
				    !(k == r &&
				      a->toks[k - 1].kind == TK_QUOTE &&
				      tok_punct(a, k - 2, ',')))
					continue;
				if (!tok_punct(a, k, ','))
					w = k;
				if (w + 1 < end &&
				    (tok_is(a, w, W_ADV) ||
				     (a->toks[w].kind == TK_WORD &&
				      a->toks[w].end - a->toks[w].start > 4 &&
				      !memcmp(a->text + a->toks[w].end - 2,
				              "ly", 2))))
					w++;
				if (a->toks[w].kind == TK_WORD &&
				    !(a->toks[w].flags & (TF_CAP | TF_INQ)) &&
				    ends_with_ing(a, w)) {
					end = k;
					break;
				}
			}
			if (!token_span(a, first, end, &s0, &s1))
				return WS_OK;
		}
	}
	mark_used(a, first, end);
	at->cfirst = first;
	at->cend = end;
	return add_seg(a, at, s0, s1);
}

/*
 * Does a bare object end before token k: "endorsed Trump last week",
 * "endorsed Trump and has appeared at his side"?
 */
static bool object_ends(const struct ana *a, uint32_t k, uint32_t end)
{
	/* Not inside a phrase: "the next year budget", "Trump's last week". */
	if (k == 0 || tok_is(a, k - 1, W_DET | W_POSSPRON | W_PREP) ||
	    a->toks[k - 1].kind == TK_POSS)
		return false;
	if (tok_is(a, k, W_TIME) && !(a->toks[k].flags & TF_CAP) &&
	    (ws__tok_eq(a, k - 1, "last") || ws__tok_eq(a, k - 1, "this") ||
	     ws__tok_eq(a, k - 1, "next")))
		return false; /* at "last" itself, below */
	if ((ws__tok_eq(a, k, "last") || ws__tok_eq(a, k, "this") ||
	     ws__tok_eq(a, k, "next")) &&
	    k + 1 < end && tok_is(a, k + 1, W_TIME))
		return true;
	if (tok_is(a, k, W_TIME) && (a->toks[k].flags & TF_CAP))
		return true; /* "endorsed Trump Tuesday" */
	return tok_is(a, k, W_AND) && k + 1 < end &&
	       tok_is(a, k + 1, W_AUX | W_BE) && !tok_is(a, k + 1, W_PREP);
}

/* A noun phrase at i with no verb after it: an object. */
static bool np_object(const struct ana *a, uint32_t i, uint32_t end)
{
	struct mention m;
	uint32_t k;

	if (!ws__np_right(a, i, end, &m, false))
		return false;
	k = m.end;
	while (k < end && tok_is(a, k, W_ADV) && !tok_is(a, k, W_PREP))
		k++;
	/* "endorsed Trump last week and has appeared with him": a time
	 * and the subject's next verb. */
	if (k < end && object_ends(a, k, end) && !tok_is(a, k, W_AND)) {
		k += tok_is(a, k, W_TIME) ? 1 : 2;
		if (k < end && tok_is(a, k, W_AND))
			return k + 1 < end && tok_is(a, k + 1, W_AUX | W_BE);
	}
	if (k < end && object_ends(a, k, end))
		return true;
	return k >= end || !ws__verb_like(a, k);
}

/*
 * Does a phrase at k only say when, where or through what something was
 * said ("in a statement", "on Thursday", "during the debate", "to
 * me")? It ends a noun-phrase content: "praised the plan in a
 * statement on Thursday".
 */
static bool adjunct_pp(const struct ana *a, uint32_t k, uint32_t end)
{
	struct mention m;
	uint32_t j;

	if (!tok_is(a, k, W_PREP) || tok_is(a, k, W_OF | W_AS) ||
	    k + 1 >= end || (a->toks[k].flags & TF_INQ))
		return false;
	if (ws__tok_eq(a, k, "during") || ws__tok_eq(a, k, "amid") ||
	    ws__tok_eq(a, k, "since"))
		return true;
	if (tok_is(a, k, W_TO))
		return tok_is(a, k + 1, W_PRON_OBJ) ||
		       tok_is(a, k + 1, W_AUDIENCE);
	if (!(ws__tok_eq(a, k, "in") || ws__tok_eq(a, k, "on") ||
	      ws__tok_eq(a, k, "at")))
		return false;
	j = k + 1;
	if (a->toks[j].kind == TK_NUM || tok_is(a, j, W_TIME))
		return true; /* "in 2012", "on Thursday" */
	if (!ws__np_right(a, j, end, &m, false))
		return false;
	return tok_is(a, m.head, W_TIME | W_MEDIUM) ||
	       (ws__tok_eq(a, k, "in") && tok_is(a, m.head, W_INFO));
}

/* Does name m name a person, or persons ("Tim Lott and Sara Kim"; not
 * "Turkey and France")? */
static bool names_people(const struct ana *a, const struct mention *m)
{
	return m->type == M_NAME &&
	       (m->kind == WS_KIND_PERSON ||
	        (m->kind == WS_KIND_GROUP && !tok_is(a, m->first, W_PLACE)));
}

/* Does the speaker phrase look like one? (not "it" of "it said") */
static bool speaker_ok(const struct ana *a, const struct mention *m)
{
	if (m->type == M_PRONOUN &&
	    tok_is(a, m->head, W_PRON_1ST | W_PRON_OBJ) &&
	    !tok_is(a, m->head, W_PRON))
		return false;
	if (m->type == M_PRONOUN && ws__tok_eq(a, m->head, "you"))
		return false;
	/* "That said, ...": a demonstrative alone is not a speaker. */
	if (m->end - m->first == 1 && tok_is(a, m->head, W_DET | W_THAT) &&
	    !tok_is(a, m->head, W_PRON) && !ws__quant_subject(a, m->head))
		return false;
	/* "said Wednesday", "said this week"; but "the Times wrote", a
	 * surname that is a word elsewhere ("Ian Read said") and the last
	 * word of a longer name ("Judicial Watch said"). */
	if (tok_is(a, m->head, W_TIME | W_NONAME) && m->type != M_PRONOUN &&
	    !tok_is(a, m->head, W_ORG | W_ORGNAME | W_INFO) &&
	    !(!tok_is(a, m->head, W_TIME) && m->head > m->first &&
	      (a->toks[m->head].flags & TF_CAP) &&
	      (tok_is(a, m->head - 1, W_FIRSTNAME) ||
	       (a->toks[m->head - 1].kind == TK_WORD &&
	        (a->toks[m->head - 1].flags & TF_CAP) &&
	        !tok_is(a, m->head - 1, W_TIME | W_NONAME | W_DET)))))
		return false;
	return m->end > m->first;
}

static float base_conf(const struct ana *a, const struct attr *at)
{
	float c = at->type == WS_QUOTE_DIRECT  ? 0.95f
	          : at->type == WS_QUOTE_MIXED ? 0.9f
	                                       : 0.8f;

	if (at->how == WS_ATTR_COREFERENCE)
		c -= 0.05f;
	/* Beliefs, wants and intentions ("noquote" lemmas) were right
	 * about half as often as speech on PolNeAR train. */
	if (at->lemma < LEMMA_LABEL &&
	    (a->lx->lemmas[at->lemma].flags & CUE_NOQUOTE))
		c -= 0.25f;
	return c;
}

/* A new attribution of the cue h to the speaker sp by a frame rule. */
static struct attr *cue_attr(struct state *st, const struct cue_hit *h,
                             uint32_t cfirst, uint32_t si,
                             const struct mention *sp, const char *rule)
{
	struct attr *at = new_attr(st, h, cfirst, si);

	if (at) {
		at->sp = *sp;
		at->has_sp = true;
		at->rule = rule;
	}
	return at;
}

/* The speaker of at, and whether a pronoun or "who" stands for it. */
static void set_speaker(struct attr *at, const struct mention *sp)
{
	at->sp = *sp;
	at->has_sp = true;
	at->how = sp->type == M_PRONOUN || sp->type == M_REL
	                  ? WS_ATTR_COREFERENCE
	                  : WS_ATTR_EXPLICIT;
}

/*
 * An attribution of the content [first, end) to sp, under a cue that a
 * frame found itself ([cue_first, cue_end), no lexicon lemma): "Trump's
 * claim that ...", "blasted Clinton as a "disgrace"".
 */
static int label_attr(struct state *st, uint32_t si, uint32_t cue_first,
                      uint32_t cue_end, const struct mention *sp,
                      const char *rule, uint32_t first, uint32_t end,
                      float conf)
{
	struct attr *at = new_attr(st, NULL, cue_first, si);
	int rc;

	if (!at)
		return WS_ENOMEM;
	at->cue_end = cue_end;
	at->lemma = LEMMA_LABEL;
	set_speaker(at, sp);
	at->rule = rule;
	rc = content_tokens(st->a, at, first, end);
	at->conf = conf;
	if (!at->nsegs)
		at->dead = true;
	return rc;
}

/* "according to S, C" / "C, according to S" / "C, according to S, C" */
/* Does the phrase at k tell more of a source named just before it: a
 * relative or subordinate clause, an appositive, a participle? */
static bool about_source(const struct ana *a, uint32_t k)
{
	if (a->toks[k].kind != TK_WORD)
		return false;
	if (tok_is(a, k, W_REL | W_WH | W_SUB | W_THAT) ||
	    ws__tok_eq(a, k, "a") || ws__tok_eq(a, k, "an"))
		return true;
	return !(a->toks[k].flags & TF_CAP) && ends_with_ing(a, k) &&
	       !tok_is(a, k, W_PREP);
}

/*
 * May a name in apposition to the phrase m stand for it: "His
 * predecessor, Ruth Lang,", "the postmaster's deputy, Pete Alvarez,"?
 * A singular common noun that names no body, document, medium, group or
 * time.
 */
static bool named_in_apposition(const struct ana *a, const struct mention *m)
{
	return m->type == M_NOMINAL && !m->plural &&
	       a->toks[m->head].kind == TK_WORD &&
	       !(a->toks[m->head].flags & TF_CAP) &&
	       !tok_is(a, m->head,
	               W_ORG | W_INFO | W_MEDIUM | W_GROUPNOUN | W_PLURAL |
	                       W_TIME);
}

static int frame_according(struct state *st, const struct sent *s,
                           const struct cue_hit *h, uint32_t si)
{
	struct ana *a = st->a;
	struct mention m;
	struct attr *at;
	uint32_t after, cstart, cend, j;
	int rc;

	if (!ws__np_right(a, h->end, s->end, &m, true) || !speaker_ok(a, &m)) {
		/* "according to some on Twitter", "according to her
		 * "clawback" plan": whatever the phrase, up to the comma or
		 * the sentence end, is the source. */
		uint32_t e = h->end;

		while (e < s->end && e < h->end + 16 &&
		       !(tok_punct(a, e, ',') && !(a->toks[e].flags & TF_INQ)))
			e++;
		while (e > h->end && a->toks[e - 1].kind == TK_PUNCT &&
		       !(a->toks[e - 1].flags & TF_INQ))
			e--;
		if (e <= h->end || e >= h->end + 16 ||
		    a->toks[h->end].kind != TK_WORD)
			return WS_OK;
		memset(&m, 0, sizeof(m));
		m.entity = -1;
		m.ante_first = m.ante_end = NOTOK;
		m.first = h->end;
		m.end = e;
		ws__np_classify(a, &m);
	}
	after = m.end;
	/* "according to a statement from the ministry": the ministry
	 * speaks through its statement. */
	for (j = m.first + 1; j + 1 < s->end && j <= m.end; j++) {
		struct mention by;

		if (!tok_is(a, j - 1, W_MEDIUM | W_INFO) ||
		    !(ws__tok_eq(a, j, "from") || ws__tok_eq(a, j, "by")))
			continue;
		if (ws__np_right(a, j + 1, s->end, &by, true) &&
		    speaker_ok(a, &by)) {
			m = by;
			after = by.end;
		}
		break;
	}
	/* "According to Quinn's neighbor, Pete Alvarez, C": the name in
	 * apposition to a person noun is the source. */
	if (after + 2 < s->end && tok_punct(a, after, ',') &&
	    named_in_apposition(a, &m)) {
		struct mention nm;

		if (ws__np_right(a, after + 1, s->end, &nm, false) &&
		    nm.type == M_NAME && nm.kind == WS_KIND_PERSON &&
		    (nm.end >= s->end || tok_punct(a, nm.end, ',') ||
		     tok_punct(a, nm.end, '.'))) {
			m = nm;
			after = nm.end;
		}
	}
	at = new_attr(st, h, h->first, si);
	if (!at)
		return WS_ENOMEM;
	at->sp = m;
	at->has_sp = true;
	at->how = WS_ATTR_ACCORDING_TO;
	at->rule = "according_to";
	if (h->first == s->first ||
	    (h->first == s->first + 1 && tok_is(a, s->first, W_COORD))) {
		/* According to S, C. A participle or a phrase may still
		 * tell of S before its comma: "According to court documents
		 * filed Friday, C". */
		cstart = after;
		if (cstart < s->end && a->toks[cstart].kind == TK_WORD &&
		    !(a->toks[cstart].flags & (TF_CAP | TF_INQ)) &&
		    (ends_with_ed(a, cstart) || ends_with_ing(a, cstart) ||
		     tok_is(a, cstart, W_PREP))) {
			uint32_t c;

			for (c = cstart; c < s->end && c < cstart + 8; c++) {
				if (a->toks[c].flags & TF_INQ ||
				    a->toks[c].kind == TK_QUOTE)
					break;
				if (tok_punct(a, c, ',')) {
					cstart = c;
					break;
				}
			}
		}
		while (cstart < s->end && a->toks[cstart].kind == TK_PUNCT &&
		       a->toks[cstart].ch == ',')
			cstart++;
		cend = s->end;
		rc = content_tokens(a, at, cstart, cend);
	} else {
		/* C, according to S[, C2]; a dateline before C is not
		 * part of it. */
		cend = h->first;
		if (cend > s->first && tok_punct(a, cend - 1, ','))
			cend--;
		rc = content_tokens(a, at, after_dateline(a, s), cend);
		/* C2 goes on C when the source interrupts it ("Prices,
		 * according to the report, rose"); not a relative clause,
		 * an appositive or a participle about the source (", who
		 * spoke on condition of anonymity", ", a professor at"). */
		if (rc == WS_OK && after < s->end && tok_punct(a, after, ',') &&
		    after + 2 < s->end && !about_source(a, after + 1)) {
			uint32_t s0, s1;
			uint32_t e2 = s->end;

			while (e2 > after + 1 &&
			       a->toks[e2 - 1].kind == TK_PUNCT &&
			       !(a->toks[e2 - 1].flags & TF_INQ))
				e2--;
			if (token_span(a, after + 1, e2, &s0, &s1)) {
				rc = add_seg(a, at, s0, s1);
				at->cend = e2;
			}
		}
	}
	if (!at->nsegs)
		at->dead = true;
	at->conf = 0.85f;
	return rc;
}

static uint32_t opens_quote(const struct ana *a, uint32_t i);
static bool is_dash(const struct ana *a, uint32_t i);

/*
 * "said -- on Twitter, as it happens -- that", "said, among other things,
 * that": an aside set off by commas or dashes between a cue and its
 * "that". Returns the "that", or i when there is no such aside.
 */
static uint32_t aside_before_that(const struct ana *a, uint32_t i, uint32_t se)
{
	bool dash = is_dash(a, i);
	uint32_t k;

	if (!dash && !tok_punct(a, i, ','))
		return i;
	for (k = i + 1; k + 1 < se && k < i + 12; k++) {
		if ((a->toks[k].flags & TF_INQ) ||
		    a->toks[k].kind == TK_QUOTE || tok_is(a, k, W_THAT))
			return i;
		if (dash ? is_dash(a, k) : tok_punct(a, k, ',')) {
			if (k > i + 1 && tok_is(a, k + 1, W_THAT) &&
			    !(a->toks[k + 1].flags & TF_INQ))
				return k + 1;
			return i;
		}
		if (!dash && is_dash(a, k))
			return i;
	}
	return i;
}

/* Does token i look like an adjective by its form: "-ous", "-ful",
 * "-ble", "-ive", "-ic", "-less", "-ish", "-ary", or "anti-"? */
static bool adjective_form(const struct ana *a, uint32_t i)
{
	static const char *const ends[] = {"ous", "ful",  "ble", "ive",
	                                   "ic",  "less", "ish", "ary"};
	const struct tok *t = &a->toks[i];
	const char *w = a->text + t->start;
	size_t n = t->end - t->start, k, e;

	if (n > 5 && !strncmp(w, "anti-", 5))
		return true;
	for (k = 0; k < WS_ARRAY_LEN(ends); k++) {
		e = strlen(ends[k]);
		if (n > e + 2 && !memcmp(w + n - e, ends[k], e))
			return true;
	}
	return false;
}

/* Could token k be a common noun the phrase scan stopped at: a
 * lower-case word of no closed class ("vote", "shootings")? */
static bool lower_noun(const struct ana *a, uint32_t k)
{
	return a->toks[k].kind == TK_WORD &&
	       !(a->toks[k].flags & (TF_CAP | TF_INQ)) &&
	       !tok_is(a, k,
	               W_PREP | W_DET | W_POSSPRON | W_PRON | W_PRON_OBJ |
	                       W_AUX | W_BE | W_NEG | W_COORD | W_SUB | W_REL |
	                       W_WH | W_ADV | W_TIME | W_CUE | W_THAT | W_TO |
	                       W_OF | W_AS);
}

/*
 * Where a naming cue's object (or a prepositional phrase's) starting at
 * r ends, 0 if none starts there. The phrase scan stops at a noun it
 * takes for a verb ("her vote", "the police shootings"); a determiner
 * right after such a word shows that it ended the phrase.
 */
static uint32_t object_end(const struct ana *a, uint32_t r, uint32_t ce)
{
	struct mention obj;
	uint32_t k;

	if (ws__np_right(a, r, ce, &obj, false))
		k = obj.end;
	else if (tok_is(a, r, W_DET | W_POSSPRON) && !tok_is(a, r, W_THAT) &&
	         r + 2 < ce && lower_noun(a, r + 1))
		k = r + 2;
	else if (lower_noun(a, r) && r + 1 < ce)
		k = r + 1;
	else
		return 0;
	/* "her rival's vote": the possessor, then what it owns. */
	if (k + 1 < ce && a->toks[k].kind == TK_POSS && lower_noun(a, k + 1))
		k += 2;
	if (k > r && k + 1 < ce && lower_noun(a, k) &&
	    tok_is(a, k + 1, W_DET) && !tok_is(a, k + 1, W_THAT))
		k++;
	return k;
}

/* Does what follows a naming cue's object, from k, name it: a noun
 * phrase ("a liar"), "as" ("described it as reckless"), or an adjective
 * ending the clause ("called the bill unfair", "called it anti-gay",
 * "called the charges unsubstantiated")? */
static bool naming_complement(const struct ana *a, uint32_t k, uint32_t ce)
{
	if (k >= ce)
		return false;
	/* "called the reporter every day" is no naming. */
	if (tok_is(a, k, W_DET | W_POSSPRON | W_AS) && !tok_is(a, k, W_THAT))
		return !(k + 1 < ce && tok_is(a, k + 1, W_TIME));
	return a->toks[k].kind == TK_WORD &&
	       !(a->toks[k].flags & (TF_CAP | TF_INQ)) &&
	       (k + 1 >= ce || a->toks[k + 1].kind == TK_PUNCT ||
	        tok_is(a, k + 1, W_COORD)) &&
	       !tok_is(a, k, W_TIME | W_ADV | W_PREP) &&
	       (((tok_is(a, k, W_ADJ) || adjective_form(a, k)) &&
	         !ws__verb_like(a, k)) ||
	        (ends_with_ed(a, k) && !tok_is(a, k, W_CUE)));
}

/* Is token i the participle of a verb that takes an object before its
 * infinitive ("urged X to act"), never "urged to act" when active? */
static bool needs_object(const struct ana *a, uint32_t i)
{
	static const char *const forms[] = {"urged",     "told",    "advised",
	                                    "implored",  "ordered", "reminded",
	                                    "instructed"};

	return ws__tok_in(a, i, forms, WS_ARRAY_LEN(forms));
}

/* Does a name own the phrase [first, head): "the BBC's Today
 * programme", "Fox's morning show"? */
static bool named_owner(const struct ana *a, uint32_t first, uint32_t head)
{
	uint32_t k;

	for (k = first + 1; k < head; k++)
		if (a->toks[k].kind == TK_POSS &&
		    (a->toks[k - 1].flags & (TF_CAP | TF_ACRO)) &&
		    !tok_is(a, k - 1, W_DET))
			return true;
	return false;
}

/*
 * A naming cue ("called", "described") reports speech when a person or
 * a definite body names an object: "Trump called Clinton a liar",
 * "he called it "a disgrace"", "described the plan as reckless". The
 * same verb after an indefinite thing names it: "a group called X".
 */
static bool naming_ok(const struct ana *a, const struct mention *sp, uint32_t r,
                      uint32_t ce)
{
	uint32_t k;
	unsigned n;

	if (!(sp->type == M_PRONOUN || sp->type == M_REL ||
	      (sp->type == M_NAME && sp->kind != WS_KIND_GROUP) ||
	      tok_is(a, sp->head, W_ROLE | W_TITLE | W_ANON | W_GROUPNOUN) ||
	      (sp->definite && tok_is(a, sp->head, W_ORG | W_INFO))))
		return false;
	if (r >= ce)
		return false;
	if (has_quote(a, r, ce))
		return true;
	/* "called her a liar" or "called her vote a mistake": "her" may be
	 * the object or its possessor; either reading may name. */
	if ((tok_is(a, r, W_PRON_OBJ | W_PRON_IT) || reflexive(a, r)) &&
	    r + 1 < ce && naming_complement(a, r + 1, ce))
		return true;
	if (tok_is(a, r, W_PRON_OBJ | W_PRON_IT) && !tok_is(a, r, W_POSSPRON))
		return false;
	if (!(k = object_end(a, r, ce)))
		return false;
	/* The phrase scan takes "the plan ridiculous" whole. */
	if (k > r + 1 && a->toks[k - 1].kind == TK_WORD &&
	    !(a->toks[k - 1].flags & TF_CAP) &&
	    (tok_is(a, k - 1, W_ADJ) || adjective_form(a, k - 1)) &&
	    !tok_is(a, k - 2, W_DET | W_POSSPRON))
		k--;
	/* "called her vote in favor of the war a mistake" */
	for (n = 0; n < 3 && k + 1 < ce && tok_is(a, k, W_PREP) &&
	            !tok_is(a, k, W_AS | W_TO);
	     n++) {
		uint32_t e = object_end(a, k + 1, ce);

		if (!e)
			break;
		k = e;
	}
	return naming_complement(a, k, ce);
}

/* A short quotation in title case is a name (a show, a book, a
 * slogan), not speech: on CBS's "Face the Nation," Ryan said ... */
static bool title_quote(const struct ana *a, uint32_t q)
{
	const struct qspan *qs = &a->quotes[q - 1];
	uint32_t k, words = 0;

	if (qs->words > 5)
		return false;
	for (k = qs->first; k < qs->end; k++) {
		const struct tok *t = &a->toks[k];

		if (t->kind == TK_PUNCT &&
		    (t->ch == '.' || t->ch == '?' || t->ch == '!'))
			return false;
		if (t->kind != TK_WORD)
			continue;
		words++;
		if (!(t->flags & TF_CAP) &&
		    !tok_is(a, k, W_DET | W_PREP | W_COORD))
			return false;
	}
	/* "Absolutely," he said: one word and a comma is a reply. */
	if (words == 1 && qs->end > qs->first && tok_punct(a, qs->end - 1, ','))
		return false;
	return words > 0;
}

/* A word ending in -ed: "repeated", "stated". */
static bool ends_with_ed(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];

	return t->end - t->start > 3 && a->text[t->end - 2] == 'e' &&
	       a->text[t->end - 1] == 'd';
}

/* An adverb by its form: "aggressively", "flatly". */
static bool ly_adverb(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	uint32_t n = t->end - t->start;

	/* Not "the family", "Scott's ally": a noun after its determiner. */
	if (i > 0 && (tok_is(a, i - 1, W_DET | W_POSSPRON | W_ADJ) ||
	              a->toks[i - 1].kind == TK_POSS))
		return false;
	return t->kind == TK_WORD && n > 4 && a->text[t->end - 2] == 'l' &&
	       a->text[t->end - 1] == 'y' &&
	       !tok_is(a, i,
	               W_ROLE | W_ADJ | W_GROUPNOUN | W_FIRSTNAME | W_KIN |
	                       W_ORG);
}

/* Words that open a share of people polled: "Almost half", "About 4 in
 * 10", "Some 56 percent of voters polled", "Most". */
static bool quantity_word(const struct ana *a, uint32_t i)
{
	static const char *const words[] = {
		"half",      "third",       "thirds",     "quarter",
		"quarters",  "majority",    "most",       "many",
		"few",       "some",        "almost",     "about",
		"nearly",    "roughly",     "more",       "fewer",
		"just",      "only",        "two-thirds", "three-quarters",
		"one-third", "one-quarter", "several",    "all",
		"both",      "none"};

	return a->toks[i].kind == TK_NUM || tok_is(a, i, W_NUMWORD) ||
	       ws__tok_in(a, i, words, WS_ARRAY_LEN(words));
}

/*
 * A share of people polled before the cue at p, as its subject: "About
 * 4 in 10 say", "Some 56 percent of Cuban-Americans polled said".
 */
static bool quantity_subject(const struct ana *a, const struct sent *s,
                             uint32_t p, struct mention *m)
{
	uint32_t j, first = NOTOK;
	bool num = false;

	for (j = p; j > s->first && p - j < 12; j--) {
		uint32_t k = j - 1;
		const struct tok *t = &a->toks[k];

		if (t->flags & TF_INQ)
			return false;
		if (quantity_word(a, k)) {
			num |= t->kind == TK_NUM || tok_is(a, k, W_NUMWORD) ||
			       !tok_is(a, k, W_ADV | W_DET) ||
			       tok_is(a, k + 1, W_OF); /* "most of them" */
			first = k;
			continue;
		}
		/* "Most of them said", "two of us" */
		if (k + 1 == p && k > s->first && tok_is(a, k, W_PRON_OBJ) &&
		    tok_is(a, k, W_PLURAL) && tok_is(a, k - 1, W_OF))
			continue;
		if (t->kind == TK_SYM || tok_is(a, k, W_OF | W_AS) ||
		    ws__tok_eq(a, k, "in") || ws__tok_eq(a, k, "percent") ||
		    ws__tok_eq(a, k, "than") ||
		    /* "nine out of 10" */
		    (ws__tok_eq(a, k, "out") && tok_is(a, k + 1, W_OF)) ||
		    (t->kind == TK_WORD && k + 1 < p &&
		     (t->flags & TF_CAP ||
		      tok_is(a, k, W_GROUPNOUN | W_DET | W_ADJ | W_PLURAL) ||
		      a->text[t->end - 1] == 's')) ||
		    (t->kind == TK_WORD && k + 1 == p && ends_with_ed(a, k)))
			continue;
		if (t->kind == TK_PUNCT && t->ch == '%')
			continue;
		break;
	}
	if (first == NOTOK || !num)
		return false;
	if (first > s->first &&
	    !(tok_punct(a, first - 1, ',') || tok_punct(a, first - 1, ':') ||
	      tok_punct(a, first - 1, ';') || tok_is(a, first - 1, W_THAT) ||
	      tok_is(a, first - 1, W_COORD | W_SUB) ||
	      ws__tok_eq(a, first - 1, "with"))) /* "with 3 in 10 saying" */
		return false;
	memset(m, 0, sizeof(*m));
	m->entity = -1;
	m->ante_first = m->ante_end = NOTOK;
	m->first = first;
	m->end = p;
	ws__np_classify(a, m);
	m->type = M_NOMINAL;
	m->kind = WS_KIND_GROUP;
	m->plural = true;
	return true;
}

/*
 * Try the frames for one cue. `cues` are all cues of the sentence, in
 * order; `ci` is this one's index.
 */
/*
 * "Obama said inevitable changes cost many people their jobs": after a
 * speech verb that takes no object, a noun phrase and a lower-case word
 * that is no preposition or conjunction make a clause even when the
 * verb's form is not one the word lists know ("cost", "hit", "led").
 */
static bool bare_clause(const struct ana *a, const struct cue_hit *h,
                        uint32_t r, uint32_t ce)
{
	struct mention m;
	uint32_t v;

	if ((h->flags & CUE_ACCORD) || h->lemma == LEMMA_LABEL ||
	    (h->flags & (CUE_NP | CUE_WEAK | CUE_NAMING | CUE_TOINF |
	                 CUE_QUOTE | CUE_PASSIVE)) ||
	    a->lx->lemmas[h->lemma].stance == WS_STANCE_DIRECTIVE ||
	    a->lx->lemmas[h->lemma].stance == WS_STANCE_EPISTEMIC)
		return false;
	if (a->toks[r].kind != TK_NUM &&
	    (a->toks[r].kind != TK_WORD ||
	     tok_is(a, r,
	            W_PREP | W_SUB | W_ADV | W_TO | W_COORD | W_WH |
	                    W_PRON_OBJ | W_AUX | W_BE | W_NEG)))
		return false;
	if (!ws__np_right(a, r, ce, &m, false) || m.end + 1 >= ce)
		return false;
	v = m.end;
	while (v < ce && tok_is(a, v, W_ADV) && !tok_is(a, v, W_PREP))
		v++;
	return v + 1 < ce && a->toks[v].kind == TK_WORD &&
	       !(a->toks[v].flags & (TF_CAP | TF_INQ)) &&
	       !tok_is(a, v,
	               W_PREP | W_SUB | W_COORD | W_REL | W_THAT | W_DET |
	                       W_POSSPRON | W_TIME | W_WH | W_PRON);
}

/* Does the content of a live attribution of sentence si hold token x? */
static bool in_content(const struct state *st, uint32_t si, uint32_t x)
{
	const struct attr *ats = st->attrs.items;
	uint32_t k;

	for (k = st->attrs.n; k > 0 && ats[k - 1].sent == si; k--)
		if (!ats[k - 1].dead && ats[k - 1].cfirst != NOTOK &&
		    ats[k - 1].cfirst <= x && ats[k - 1].cend > x)
			return true;
	return false;
}

/*
 * A cue inside the content of one before it ("Trump, who has told aides
 * he sees it that way, said: ...") reports only within that content:
 * its own ends where the outer one does.
 */
static uint32_t container_end(const struct state *st, uint32_t si, uint32_t cue,
                              uint32_t ce)
{
	const struct attr *ats = st->attrs.items;
	uint32_t j;

	for (j = st->attrs.n; j > 0; j--) {
		const struct attr *y = &ats[j - 1];

		if (y->sent != si)
			break;
		if (y->dead || y->cfirst == NOTOK || y->cend == NOTOK)
			continue;
		if (y->cfirst <= cue && cue < y->cend && y->cend < ce)
			return y->cend;
	}
	return ce;
}

/* Is there a negation among tokens [first, end): "would not say"? */
static bool negated_span(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k;

	for (k = first; k < end; k++)
		if (tok_is(a, k, W_NEG))
			return true;
	return false;
}

/*
 * "have in the past said", "has for years argued", "had on several
 * occasions said": a phrase of time between an auxiliary and its cue.
 * Returns the preposition's index, or p.
 */
static uint32_t time_phrase_before(const struct ana *a, const struct sent *s,
                                   uint32_t p)
{
	static const char *const preps[] = {"in", "for",    "over",
	                                    "on", "during", "since"};
	uint32_t k = p - 1, j;

	if (p < s->first + 3 || a->toks[k].kind != TK_WORD ||
	    (a->toks[k].flags & (TF_CAP | TF_INQ)) ||
	    !(tok_is(a, k, W_TIME) || ws__tok_eq(a, k, "past") ||
	      ws__tok_eq(a, k, "occasions")))
		return p;
	for (j = k - 1; j > s->first && k - j <= 3; j--) {
		if (ws__tok_in(a, j, preps, WS_ARRAY_LEN(preps)))
			return j;
		if (!(a->toks[j].kind == TK_NUM ||
		      (a->toks[j].kind == TK_WORD &&
		       !(a->toks[j].flags & (TF_CAP | TF_INQ)) &&
		       (tok_is(a, j, W_DET | W_ADJ | W_NUMWORD) ||
		        ws__tok_eq(a, j, "recent") ||
		        ws__tok_eq(a, j, "several")))))
			return p;
	}
	return p;
}

/* Is every word of the phrase capitalised ("Bluestem Paper", not
 * "Friends of Ortega")? */
static bool all_caps_words(const struct ana *a, const struct mention *m)
{
	uint32_t k;

	for (k = m->first; k < m->end; k++)
		if (a->toks[k].kind == TK_WORD &&
		    !(a->toks[k].flags & (TF_CAP | TF_ACRO)))
			return false;
	return true;
}

/* "S, a spokesman, said", "Jean Ayrault, the foreign minister, a member
 * ..., said", "Sen. Mark Kirk, R-Ill., said": the subject of a verb at p
 * that follows an aside closed by a comma. */
static bool aside_subject(const struct ana *a, const struct sent *s, uint32_t p,
                          struct mention *out)
{
	struct mention sp;
	uint32_t k, aside_end = p - 1, lo = after_dateline(a, s);
	unsigned commas = 0;
	bool has_sp = false;

	/* The aside: find its opening comma. */
	for (k = p - 1; k > lo && p - k < 48; k--) {
		if (a->toks[k - 1].flags & TF_INQ)
			continue;
		if (tok_punct(a, k - 1, ',') && party_tag(a, k, aside_end)) {
			/* "Sen. Mark Kirk, R-Ill., said" */
			struct mention c;

			if (ws__np_left(a, lo, k - 1, &c) && c.type == M_NAME &&
			    speaker_ok(a, &c)) {
				sp = c;
				has_sp = true;
			}
			break;
		}
		if (tok_punct(a, k - 1, ',') && state_abbrev(a, k, aside_end)) {
			/* "a rally in Wilmington, N.C., warned": the
			 * phrase before a state is a place. */
			aside_end = k - 1;
			if (--k <= lo)
				break;
			continue;
		}
		if (tok_punct(a, k - 1, ',') ||
		    (a->toks[k - 1].kind == TK_PUNCT &&
		     a->toks[k - 1].ch == PC_DASH)) {
			/* The aside opens like an appositive or a relative
			 * clause: "X, a former aide, said", "X, who ...,
			 * said". */
			bool opener = tok_is(a, k,
			                     W_REL | W_DET | W_ADJ | W_TITLE |
			                             W_POSSPRON) ||
			              (a->toks[k].flags & TF_CAP) ||
			              tok_is(a, k, W_ADV) ||
			              a->toks[k].kind == TK_NUM ||
			              ends_with_ing(a, k) ||
			              ws__tok_eq(a, k, "like");

			struct mention c;

			/* Keep the nearest phrase, but go on to a name
			 * further left: "Jean Ayrault, the foreign
			 * minister, a member ..., said". Not a
			 * preposition's object: "In a post on Facebook,
			 * the commissioner, X, wrote"; "His counterpart
			 * at Valley Foods, Peter Marsh, wants": the name
			 * in the aside is the subject. */
			bool have_c = (opener || commas == 0) &&
			              (ws__np_left(a, lo, k - 1, &c) ||
			               ws__np_left_postmod(a, lo, k - 1, &c));
			bool pp_obj = have_c && c.first > lo &&
			              tok_is(a, c.first - 1, W_PREP) &&
			              !tok_is(a, c.first - 1, W_OF);

			/* "Critics, including the party's spokesman,
			 * Colin Reyes, say": the examples are the
			 * subject's, not it. */
			if (pp_obj &&
			    (ws__tok_eq(a, c.first - 1, "including") ||
			     ws__tok_eq(a, c.first - 1, "like")))
				have_c = pp_obj = false;

			if (pp_obj && !has_sp) {
				struct mention nm;

				if (ws__np_right(a, k, aside_end, &nm, false) &&
				    names_people(a, &nm) &&
				    nm.end == aside_end && speaker_ok(a, &nm)) {
					sp = nm;
					has_sp = true;
					break;
				}
			}
			if (have_c && speaker_ok(a, &c) && !residence(a, &c) &&
			    c.type != M_REL && (!has_sp || c.type == M_NAME) &&
			    !(pp_obj && has_sp)) {
				sp = c;
				has_sp = true;
				if (c.type == M_NAME &&
				    c.kind == WS_KIND_PERSON)
					break;
			}
			if (++commas == 4)
				break;
			aside_end = k - 1;
		}
	}
	/* "Sen. Jack Reed (D-R.I.), said" */
	if (!has_sp && p >= s->first + 3 && tok_punct(a, p - 2, ')')) {
		struct mention c;

		if (ws__np_left(a, s->first, p - 1, &c) && c.type == M_NAME &&
		    speaker_ok(a, &c)) {
			sp = c;
			has_sp = true;
		}
	}
	/* "The company's chief executive, Ann Lee, said": a role named
	 * in its appositive speaks by the name. */
	if (has_sp && sp.type != M_NAME) {
		struct mention nm;

		if (ws__np_left(a, s->first, p - 1, &nm) && nm.type == M_NAME &&
		    nm.kind == WS_KIND_PERSON && nm.first == sp.end + 1 &&
		    tok_punct(a, sp.end, ',') &&
		    (tok_is(a, sp.head, W_ROLE | W_TITLE | W_KIN) ||
		     named_in_apposition(a, &sp)))
			sp = nm;
		/* "The company, Bluestem Paper, said": an organisation
		 * named in its appositive speaks by the name. */
		else if (sp.definite && sp.kind == WS_KIND_ORGANIZATION &&
		         tok_is(a, sp.head, W_ORG) &&
		         !tok_is(a, sp.head, W_ROLE) &&
		         ws__np_left(a, s->first, p - 1, &nm) &&
		         nm.type == M_NAME && nm.first == sp.end + 1 &&
		         tok_punct(a, sp.end, ',') && all_caps_words(a, &nm)) {
			nm.kind = WS_KIND_ORGANIZATION;
			sp = nm;
		}
	}
	if (has_sp)
		*out = sp;
	return has_sp;
}

/*
 * "Part of the problem, say experts like Paul Bauman, a geophysicist, is
 * the ground itself": an inverted speaker between a subject and its
 * predicate. From the token after the cue: the speaker's phrase, a
 * comma, an optional appositive closed by a comma, then a verb. Returns
 * the verb, or NOTOK.
 */
static uint32_t inverted_predicate(const struct ana *a, uint32_t i, uint32_t se)
{
	struct mention m;
	uint32_t k;

	if (!ws__np_right(a, i, se, &m, false) || m.end + 1 >= se ||
	    !tok_punct(a, m.end, ','))
		return NOTOK;
	for (k = m.end + 1; k < se && k < m.end + 24; k++) {
		const struct tok *t = &a->toks[k];

		if ((t->flags & (TF_INQ | TF_CAP)) || t->kind == TK_QUOTE)
			return NOTOK;
		if (k > m.end + 1 && !tok_punct(a, k - 1, ','))
			return NOTOK;
		if (ws__verb_like(a, k))
			return k;
		/* the appositive, up to its comma */
		while (k < se && !tok_punct(a, k, ',')) {
			if ((a->toks[k].flags & TF_INQ) ||
			    a->toks[k].kind == TK_QUOTE ||
			    (a->toks[k].kind == TK_WORD &&
			     !(a->toks[k].flags & TF_CAP) &&
			     ws__verb_like(a, k)) ||
			    k >= m.end + 24)
				return NOTOK;
			k++;
		}
	}
	return NOTOK;
}

/* "after winning Ohio": a participle's phrase after the subordinator or
 * preposition at i; not "because nothing had changed". */
static bool lead_participle(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i + 1];

	return t->kind == TK_WORD && !(t->flags & TF_CAP) &&
	       ends_with_ing(a, i + 1) && !tok_is(a, i, W_AS) &&
	       !(t->end - t->start >= 5 &&
	         !memcmp(a->text + t->end - 5, "thing", 5));
}

/*
 * "because the plant is popular, it is ...", "after the plant opened,
 * jobs grew", "after winning Ohio, he would": at i, a subordinate clause
 * with a verb of its own, or a participle's phrase, closed by a comma
 * before a clause with its own subject. Returns the comma, or NOTOK.
 */
static uint32_t lead_clause(const struct ana *a, uint32_t i, uint32_t se)
{
	uint32_t k;

	if (i + 3 >= se || (a->toks[i].flags & TF_INQ) ||
	    tok_is(a, i, W_THAT) ||
	    (!tok_is(a, i, W_SUB) && !ws__tok_eq(a, i, "after") &&
	     !ws__tok_eq(a, i, "before") && !ws__tok_eq(a, i, "since")) ||
	    ws__tok_eq(a, i, "if") || ws__tok_eq(a, i, "whether") ||
	    ws__tok_eq(a, i, "where") || ws__tok_eq(a, i, "wherever"))
		return NOTOK;
	for (k = i + 2; k + 2 < se && k < i + 24; k++) {
		if (a->toks[k].flags & TF_INQ)
			return NOTOK;
		if (a->toks[k].kind == TK_QUOTE || tok_punct(a, k, ';') ||
		    tok_punct(a, k, ':'))
			return NOTOK;
		if (tok_punct(a, k, ',')) {
			struct mention m;

			bool phrase = lead_participle(a, i);

			if ((!phrase && !ws__is_clause(a, i + 1, k)) ||
			    tok_is(a, k + 1,
			           W_COORD | W_REL | W_WH | W_THAT | W_SUB |
			                   W_PREP) ||
			    (!new_subject_clause(a, k + 1, se) &&
			     !ws__is_clause(a, k + 1, se)))
				return NOTOK;
			/* "C when C2, an official said": a speaker's tag,
			 * not the main clause. */
			if (ws__np_right(a, k + 1, se, &m, false) &&
			    m.end + 1 < se && tok_is(a, m.end, W_CUE) &&
			    a->toks[m.end + 1].kind == TK_PUNCT)
				return NOTOK;
			return k;
		}
	}
	return NOTOK;
}

/*
 * The end of a relative clause opened by the pronoun at rel that holds
 * the cue ci: before a later cue whose subject is the phrase the pronoun
 * stands for ("Lawmakers who backed the bill said"). Returns that cue's
 * first token (its auxiliaries included), or ce.
 */
static uint32_t relative_end(const struct ana *a, const struct sent *s,
                             const struct cue_hit *cues, uint32_t ncues,
                             uint32_t ci, uint32_t rel, uint32_t ce)
{
	struct mention m;
	uint32_t c, f;

	if (rel == s->first || tok_punct(a, rel - 1, ','))
		return ce;
	for (c = ci + 1; c < ncues && cues[c].first < ce; c++) {
		if (cues[c].ing || (cues[c].flags & CUE_ACCORD))
			continue;
		f = cue_start_with_aux(a, s, cues[c].first);
		while (f > rel + 1 && tok_is(a, f - 1, W_ADV | W_AUX | W_BE) &&
		       !tok_is(a, f - 1, W_PREP))
			f--; /* "was widely condemned" */
		/* "who does whatever he says": a subject of its own */
		if (tok_is(a, f - 1, W_PRON) &&
		    !tok_is(a, f - 1, W_PRON_OBJ | W_PRON_IT))
			continue;
		if (f > rel + 2 && rel_subject(a, s, f, false, &m) &&
		    m.end == rel)
			return f;
	}
	return ce;
}

/*
 * A person's name of one word at token i, made where the phrase scan
 * reads none: a surname that is also a word ("Read"), a transcript's
 * label ("WALLACE", the "A" of an answer).
 */
static void one_word_name(uint32_t i, struct mention *m)
{
	memset(m, 0, sizeof(*m));
	m->entity = -1;
	m->ante_first = m->ante_end = NOTOK;
	m->first = m->head = m->name_first = i;
	m->end = m->name_end = i + 1;
	m->type = M_NAME;
	m->kind = WS_KIND_PERSON;
}

/*
 * Does the word at w close a capitalised name of two words or more
 * somewhere in tokens [lo, hi) ("Al From", "Chris Matthews")? Reads at
 * most *budget tokens, and takes them from it: the rules that ask stay
 * linear over a document (SURNAME_LOOKBACK in all).
 */
static bool named_in_full(const struct ana *a, uint32_t w, uint32_t lo,
                          uint32_t hi, uint32_t *budget)
{
	const struct tok *t, *wt = &a->toks[w];
	uint32_t k, n = wt->end - wt->start;

	if (lo == 0)
		lo = 1;
	for (k = lo; k < hi && *budget; k++, --*budget) {
		t = &a->toks[k];
		if (k == w || t->kind != TK_WORD || t->end - t->start != n ||
		    memcmp(a->text + t->start, a->text + wt->start, n) ||
		    a->toks[k - 1].kind != TK_WORD ||
		    !(a->toks[k - 1].flags & TF_CAP) ||
		    (a->toks[k - 1].flags & TF_ALLCAP))
			continue;
		return true;
	}
	return false;
}

/*
 * `"Q," From said`, `"Q," Read said`: a capitalised word between a
 * closing quotation mark and the cue at p that the lexicon files as
 * something else (a preposition, a verb, a month) is a speaker's surname
 * when the story named that person in full in the 4,096 tokens before
 * ("Al From", "Ian Read").
 */
static bool surname_after_quote(const struct ana *a, const struct sent *s,
                                uint32_t p, uint32_t *budget, struct mention *m)
{
	const struct tok *w;

	if (p < s->first + 2)
		return false;
	w = &a->toks[p - 1];
	if (w->kind != TK_WORD || !(w->flags & TF_CAP) ||
	    (w->flags & (TF_ALLCAP | TF_INQ)) ||
	    a->toks[p - 2].kind != TK_QUOTE || !a->toks[p - 2].q ||
	    a->quotes[a->toks[p - 2].q - 1].close != p - 2 ||
	    !named_in_full(a, p - 1, p - 2 > 4096 ? p - 2 - 4096 : 1, p - 2,
	                   budget))
		return false;
	one_word_name(p - 1, m);
	return true;
}

static int attribute_cue(struct state *st, const struct sent *s, uint32_t si,
                         const struct cue_hit *cues, uint32_t ncues,
                         uint32_t ci)
{
	struct ana *a = st->a;
	const struct cue_hit *h = &cues[ci];
	uint32_t raised = raised_cue(a, s, h->first);
	uint32_t cfirst =
		cue_start_with_aux(a, s, raised != NOTOK ? raised : h->first);
	uint32_t se = s->end, r, p, pp;
	struct mention sp;
	bool has_sp = false, inverted = false, shared = false, adj_tail;
	bool lead_sub = false;
	uint32_t addressee_end = NOTOK, pred = NOTOK, lc, tail_at;
	struct attr *at;
	int rc;

	memset(&sp, 0, sizeof(sp));
	if (h->flags & CUE_ACCORD)
		return frame_according(st, s, h, si);
	if (h->first == s->first && !h->ing) {
		/* Said Ellis: "Q" -- inverted at the sentence start. */
		if (!ws__np_right(a, h->end, se, &sp, false) ||
		    !speaker_ok(a, &sp))
			return WS_OK;
		at = cue_attr(st, h, cfirst, si, &sp, "cue_speaker_content");
		if (!at)
			return WS_ENOMEM;
		rc = content_tokens(a, at, sp.end + 1, se);
		if (rc != WS_OK)
			return rc;
		goto done;
	}

	/* --- the speaker: left of the cue, or right when inverted --- */
	p = cfirst;
	for (;;) {
		/* "Zelenskyy recently accused", "Feinstein last week said" */
		if (p > s->first &&
		    (tok_is(a, p - 1, W_ADV) || ly_adverb(a, p - 1)) &&
		    !(a->toks[p - 1].flags & TF_CAP) &&
		    !tok_is(a, p - 1, W_PREP))
			p--;
		else if (p > s->first && floating_quantifier(a, s, p - 1))
			p--;
		else if (p > s->first + 1 &&
		         (a->toks[p - 1].kind == TK_NUM ||
		          tok_is(a, p - 1, W_TIME)) &&
		         ws__tok_eq(a, p - 2, "in") &&
		         /* not the share "three in 10 said" */
		         !(p > s->first + 2 && (a->toks[p - 3].kind == TK_NUM ||
		                                tok_is(a, p - 3, W_NUMWORD))))
			p -= 2; /* "who in 2010 said", "in June said" */
		else if (p > s->first + 3 && tok_is(a, p - 1, W_TIME) &&
		         (a->toks[p - 1].flags & TF_CAP) &&
		         (ws__tok_eq(a, p - 2, "late") ||
		          ws__tok_eq(a, p - 2, "early") ||
		          ws__tok_eq(a, p - 2, "mid")) &&
		         ws__tok_eq(a, p - 3, "in"))
			p -= 3; /* "a poll released in late August found" */
		else if (p > s->first + 1 && tok_is(a, p - 1, W_TIME) &&
		         (a->toks[p - 1].flags & TF_CAP) &&
		         !tok_is(a, p - 1, W_ORG | W_ORGNAME) &&
		         !tok_punct(a, p - 2, ',') &&
		         a->toks[p - 2].kind != TK_QUOTE)
			p -= p > s->first + 2 && ws__tok_eq(a, p - 2, "on")
			             ? 2
			             : 1; /* "Sanders on Tuesday said" */
		else if (p > s->first + 2 && tok_is(a, p - 1, W_TIME) &&
		         !(a->toks[p - 1].flags & TF_CAP) &&
		         tok_is(a, p - 2, W_TIME) &&
		         (a->toks[p - 2].flags & TF_CAP) &&
		         ws__tok_eq(a, p - 3, "on"))
			p -= 3; /* "Sanders on Wednesday morning said" */
		else if ((pp = medium_adjunct(a, s, p)) != p)
			p = pp; /* "Bush in a post said" */
		else if (p == cfirst &&
		         (pp = time_phrase_before(a, s, p)) != p) {
			/* "Voters in recent weeks said"; "Gore's friends
			 * have in the past said": the auxiliary is the
			 * cue's. */
			p = pp;
			if (tok_is(a, pp - 1, W_AUX) && !is_modal(a, pp - 1) &&
			    !tok_is(a, pp - 1, W_BE))
				p = cfirst = pp - 1;
		} else if (p > s->first + 1 && tok_is(a, p - 1, W_TIME) &&
		           (ws__tok_eq(a, p - 2, "last") ||
		            ws__tok_eq(a, p - 2, "this") ||
		            ws__tok_eq(a, p - 2, "earlier") ||
		            ws__tok_eq(a, p - 2, "on")))
			p -= 2;
		else
			break;
	}
	if (h->first == s->first && h->ing) {
		/* "Noting that C, Tester added": a participle opening the
		 * sentence is the subject's after its comma. */
		shared = clause_subject(st, s, h->first, &sp);
		if (!shared)
			return WS_OK;
		has_sp = true;
	} else if (p > s->first && h->ing &&
	           (tok_punct(a, p - 1, ',') || tok_is(a, p - 1, W_PREP) ||
	            /* `claimed Obama "founded ISIS," saying ...`: the
	             * comma inside the closing mark */
	            (p > s->first + 1 && comma_in_mark(a, p - 1)) ||
	            /* "while showing support for", "when announcing" */
	            (tok_is(a, p - 1, W_SUB) && !tok_is(a, p - 1, W_THAT)) ||
	            medium_participle(a, s, h->first))) {
		shared = clause_subject(st, s, h->first, &sp);
		has_sp = shared;
	} else if (p > s->first &&
	           (tok_is(a, p - 1, W_AND | W_BUT) ||
	            (tok_punct(a, p - 1, ',') && p > s->first + 1 &&
	             tok_is(a, p - 2, W_AND)) ||
	            /* "Clinton Says C, Calls X 'Troubling'" */
	            (tok_punct(a, p - 1, ',') &&
	             (a->toks[h->first].flags & TF_TITLED)))) {
		shared = clause_subject(st, s, h->first, &sp);
		has_sp = shared;
	} else if (p > s->first &&
	           (tok_punct(a, p - 1, ',') ||
	            (a->toks[p - 1].kind == TK_QUOTE && a->toks[p - 1].q))) {
		/* `"Q," said S` / `C, said S` -- or an appositive
		 * `S, a spokesman, said`. */
		bool aside_quote = quote_in_aside(a, s, p, h->end);
		bool after_quote =
			!aside_quote &&
			(a->toks[p - 1].kind == TK_QUOTE ||
		         (p >= s->first + 2 &&
		          a->toks[p - 2].kind == TK_QUOTE && a->toks[p - 2].q));

		/* Quotative inversion is a speech verb's ("said Smith"), not
		 * that of "denounced Mr. Trump's remarks". */
		bool invertible =
			after_quote ||
			(!h->ing &&
		         !(h->flags & (CUE_WEAK | CUE_NAMING | CUE_TOINF)) &&
		         (!(h->flags & CUE_NP) ||
		          a->lx->lemmas[h->lemma].stance == WS_STANCE_NEUTRAL));

		/* "Ivanka Trump, his daughter, noted the rule": an
		 * appositive subject, not a clause before an inverted
		 * speaker. */
		if (invertible && !after_quote && p >= s->first + 2 &&
		    !ws__is_clause(a, s->first, p - 1) &&
		    (pred = inverted_predicate(a, h->end, se)) == NOTOK)
			invertible = false;
		if (invertible && ws__np_right(a, h->end, se, &sp, false) &&
		    speaker_ok(a, &sp) &&
		    (after_quote || sp.kind == WS_KIND_PERSON ||
		     sp.kind == WS_KIND_ANONYMOUS ||
		     /* "C, said several observers", "say some Democrats" */
		     (sp.kind == WS_KIND_GROUP &&
		      tok_is(a, sp.head, W_ROLE | W_ANON | W_GROUPNOUN)) ||
		     /* "C, said the company", "said the State Department" */
		     (sp.kind == WS_KIND_ORGANIZATION &&
		      (sp.type == M_NAME || sp.definite) &&
		      !tok_is(a, sp.head, W_INFO | W_MEDIUM))) &&
		    /* "..., declared bankruptcy": a person after the verb,
		     * not any noun. */
		    (after_quote || sp.type == M_NAME ||
		     tok_is(a, sp.head,
		            W_ROLE | W_TITLE | W_ANON | W_GROUPNOUN | W_KIN |
		                    W_ORG | W_ORGNAME)) &&
		    (after_quote || sp.end >= se || tok_punct(a, sp.end, ',') ||
		     tok_punct(a, sp.end, '(') || tok_punct(a, sp.end, '.') ||
		     (tok_is(a, sp.end, W_REL) && !tok_is(a, sp.end, W_THAT)) ||
		     ws__skip_adjuncts(a, sp.end, se) >= se - 1)) {
			has_sp = true;
			inverted = true;
		} else if (tok_punct(a, p - 1, ',') || aside_quote) {
			has_sp = aside_subject(a, s, p, &sp);
		}
	} else if (p > s->first + 2 && is_dash(a, p - 1) &&
	           !(a->toks[p - 1].flags & TF_INQ)) {
		/* "Kall -- co-editor of a book on the debates -- said":
		 * the subject stands before the opening dash. */
		uint32_t k;

		for (k = p - 2; k > s->first && p - k < 40; k--)
			if (is_dash(a, k)) {
				has_sp = ws__np_left(a, s->first, k, &sp) &&
				         sp.end == k && speaker_ok(a, &sp);
				break;
			}
	} else if (rel_subject(a, s, p, false, &sp)) {
		has_sp =
			true; /* "An official who spoke on condition ... said" */
	} else if (p > s->first + 2 && tok_is(a, p - 2, W_PRON) &&
	           !tok_is(a, p - 2, W_PRON_IT) && ws__verb_like(a, p - 1) &&
	           ws__np_left(a, s->first, p - 2, &sp) && speaker_ok(a, &sp) &&
	           sp.type != M_PRONOUN &&
	           tok_is(a, sp.head, W_ROLE | W_GROUPNOUN | W_ANON)) {
		has_sp = true; /* "all the experts I interviewed said" */
	} else if (ws__np_left_postmod(a, s->first, p, &sp)) {
		has_sp = true; /* "a person familiar with the talks said" */
	} else if (ws__np_left(a, s->first, p, &sp) && speaker_ok(a, &sp)) {
		has_sp = true;
	} else if (quantity_subject(a, s, p, &sp)) {
		has_sp = true;
	} else if (surname_after_quote(a, s, p, &st->lookback, &sp)) {
		has_sp = true; /* `"Q," From said` after "Al From" */
	} else {
		/* "A report released last year found": a subject with a
		 * participle phrase after it. */
		uint32_t j;

		for (j = p; j > s->first + 1 && p - j < 8; j--) {
			uint32_t v = j - 1;

			if (a->toks[v].kind != TK_WORD ||
			    (a->toks[v].flags & (TF_CAP | TF_INQ)) ||
			    tok_is(a, v, W_AUX | W_BE | W_ADJ) ||
			    !ends_with_ed(a, v))
				continue;
			if (ws__skip_adjuncts(a, v + 1, p) == p &&
			    ws__np_left(a, s->first, v, &sp) &&
			    speaker_ok(a, &sp) &&
			    tok_is(a, sp.head,
			           W_INFO | W_ORG | W_ROLE | W_GROUPNOUN |
			                   W_ANON | W_ORGNAME))
				has_sp = true;
			break;
		}
	}
	if (!has_sp)
		return WS_OK;

	/* --- the content --- */
	/* `"Q," S said ...`: a quotation closing right before the subject
	 * is the content, whatever follows the cue. */
	if (!inverted && !shared && sp.first > s->first) {
		uint32_t qm = sp.first - 1;

		/* A name the phrase scanner could not read whole ("French
		 * President Fran\u00e7ois" in mangled encoding): capitalised
		 * words and symbols back to the quotation join the mention. */
		{
			uint32_t k = qm, n = 0;

			while (k > s->first && n < 5 &&
			       ((a->toks[k].kind == TK_WORD &&
			         (a->toks[k].flags & TF_CAP)) ||
			        a->toks[k].kind == TK_SYM) &&
			       !(a->toks[k].flags & TF_INQ))
				k--, n++;
			if (n && a->toks[k].kind == TK_QUOTE && a->toks[k].q &&
			    a->quotes[a->toks[k].q - 1].close == k) {
				sp.first = k + 1;
				qm = k;
			}
		}
		/* `"Q," the union's president, Al Ford, said`: the name in
		 * apposition is the speaker; the phrase before it goes back
		 * to the quotation, with no verb on the way. */
		if (tok_punct(a, qm, ',') && qm > s->first + 1 &&
		    a->toks[qm - 1].kind != TK_QUOTE &&
		    (h->end >= s->end || !tok_is(a, h->end, W_THAT))) {
			uint32_t k = qm;

			while (k > s->first && qm - k < 16 &&
			       a->toks[k - 1].kind != TK_QUOTE &&
			       !(a->toks[k - 1].flags & TF_INQ) &&
			       !ws__verb_like(a, k - 1))
				k--;
			if (k > s->first && k < qm &&
			    a->toks[k - 1].kind == TK_QUOTE &&
			    a->toks[k - 1].q &&
			    a->quotes[a->toks[k - 1].q - 1].close == k - 1 &&
			    tok_is(a, k, W_DET | W_POSSPRON))
				qm = k - 1;
		}
		if (tok_punct(a, qm, ',') && qm > s->first)
			qm--;
		if (a->toks[qm].kind == TK_QUOTE && a->toks[qm].q &&
		    a->quotes[a->toks[qm].q - 1].close == qm &&
		    !a->quotes[a->toks[qm].q - 1].used &&
		    !title_quote(a, a->toks[qm].q)) {
			uint32_t q = a->toks[qm].q, lead = 0, k;

			/* Walk back over the paragraphs this one continues. */
			while (a->quotes[q - 1].prev &&
			       !a->quotes[a->quotes[q - 1].prev - 1].used)
				q = a->quotes[q - 1].prev;

			for (k = s->first; k < a->quotes[q - 1].open; k++)
				lead += a->toks[k].kind == TK_WORD &&
				        !(a->toks[k].flags & TF_INQ);
			k = ws__skip_adjuncts(a, h->end, se);
			if (lead >= 2 && k + 1 < se &&
			    (tok_is(a, k, W_THAT) || ws__is_clause(a, k, se)))
				/* `Walking in to chants of "Q," the senator
				 * said C`: the quotation is in a phrase that
				 * sets the scene; C is what was said. */
				goto after_quote;
			at = cue_attr(st, h, cfirst, si, &sp,
			              "quote_speaker_cue");
			if (!at)
				return WS_ENOMEM;
			if (lead >= 2 && a->quotes[q - 1].para == s->para &&
			    a->toks[s->first].kind != TK_QUOTE &&
			    !tok_punct(a, a->quotes[q - 1].open - 1, ':')) {
				/* `Gore tried X, and he "made a mistake," L said`:
				 * the sentence up to the quotation is content. */
				at->rule = "content_quote_speaker_cue";
				rc = content_tokens(a, at, s->first, qm + 1);
			} else {
				at->rule = "quote_speaker_cue";
				at->type = WS_QUOTE_DIRECT;
				rc = add_quote_chain(a, at, q);
			}
			if (rc != WS_OK)
				return rc;
			goto done;
		}
	}
after_quote:
	r = inverted ? sp.end : h->end;
	/* "Starmer urged to rethink cuts", "Residents told to leave": a
	 * verb that needs its object, with none before "to", is a passive
	 * (a headline's, or a reduced relative): its subject is the one
	 * urged, not the speaker. */
	if (!inverted && r + 1 < se && r == h->first + 1 &&
	    tok_is(a, r, W_TO) && needs_object(a, h->first) &&
	    !tok_is(a, r + 1, W_DET | W_POSSPRON | W_PRON_OBJ) &&
	    !(a->toks[r + 1].flags & TF_CAP))
		return WS_OK;
	if (!inverted && (h->flags & CUE_OBJ)) {
		struct mention obj, of;
		bool addressee =
			ws__np_right(a, r, se, &obj, false) &&
			(obj.type == M_PRONOUN || obj.type == M_NAME ||
		         tok_is(a, obj.head,
		                W_AUDIENCE | W_ROLE | W_GROUPNOUN | W_ORG |
		                        W_ORGNAME | W_MEDIUM) ||
		         named_owner(a, obj.first, obj.head));

		/* "told CNN's "State of the Union"", "told NBC's Meet the
		 * Press": the owner's programme is the addressee. */
		if (addressee && obj.end + 1 < se &&
		    a->toks[obj.end].kind != TK_POSS &&
		    (a->toks[obj.end - 1].flags & TF_CAP) &&
		    obj.end > obj.first + 1 &&
		    a->toks[obj.end - 2].kind == TK_POSS &&
		    tok_is(a, obj.end, W_DET | W_OF) &&
		    !tok_is(a, obj.end, W_THAT) &&
		    (a->toks[obj.end + 1].flags & TF_CAP))
			obj.end -= 2; /* "NBC's Meet| the Press" */
		if (addressee && obj.end + 1 < se &&
		    a->toks[obj.end].kind == TK_POSS) {
			uint32_t q = obj.end + 1, e = q, k;

			if (a->toks[q].kind == TK_QUOTE && a->toks[q].q &&
			    a->quotes[a->toks[q].q - 1].open == q &&
			    a->quotes[a->toks[q].q - 1].close != NOTOK &&
			    a->quotes[a->toks[q].q - 1].words <= 8) {
				obj.end = a->quotes[a->toks[q].q - 1].close + 1;
			} else {
				/* a title: capitalised words and the small
				 * words between them */
				for (k = q; k < se && k < q + 8; k++) {
					if (a->toks[k].kind != TK_WORD ||
					    (a->toks[k].flags & TF_INQ))
						break;
					if (a->toks[k].flags & TF_CAP)
						e = k + 1;
					else if (!tok_is(a, k, W_DET | W_OF) ||
					         tok_is(a, k, W_THAT))
						break;
				}
				if (e > q)
					obj.end = e;
			}
		}
		/* "the president told her.", "told her that": "her" as
		 * the object, not a possessive. */
		if (!addressee && r < se && tok_is(a, r, W_PRON_OBJ) &&
		    (r + 1 >= se || a->toks[r + 1].kind == TK_PUNCT ||
		     tok_is(a, r + 1, W_THAT) ||
		     new_subject_clause(a, r + 1, se))) {
			obj.end = r + 1;
			addressee = true;
		}
		/* "told a rally", "told the meeting": nouns the phrase scan
		 * takes for verbs. */
		if (!addressee && r + 2 < se &&
		    tok_is(a, r, W_DET | W_POSSPRON) && !tok_is(a, r, W_THAT) &&
		    tok_is(a, r + 1, W_AUDIENCE) &&
		    !(a->toks[r + 1].flags & TF_INQ)) {
			obj.end = r + 2;
			while (obj.end < se && tok_is(a, obj.end, W_AUDIENCE) &&
			       !(a->toks[obj.end].flags & (TF_CAP | TF_INQ)))
				obj.end++; /* "a rally audience" */
			/* "a meeting of the harbour board" */
			if (obj.end + 1 < se && tok_is(a, obj.end, W_OF) &&
			    ws__np_right(a, obj.end + 1, se, &of, false))
				obj.end = of.end;
			addressee = true;
		}
		/* "told a daily briefing": the phrase scan stops at a noun
		 * it takes for a verb. */
		while (addressee && obj.end < se &&
		       tok_is(a, obj.end, W_AUDIENCE) &&
		       !(a->toks[obj.end].flags & (TF_CAP | TF_INQ)))
			obj.end++;
		/* "warned some customers could be without power": a phrase
		 * with a verb of its own is the content's subject. */
		if (addressee && obj.end < se && obj.type != M_PRONOUN &&
		    tok_is(a, obj.end, W_AUX | W_BE) &&
		    !(a->toks[obj.end].flags & TF_INQ))
			addressee = false;
		if (addressee) {
			uint32_t after = ws__skip_adjuncts(a, obj.end, se);

			/* "urged residents to stay indoors": the one urged
			 * belongs to the content. */
			if ((h->flags & CUE_TOINF) && after < se &&
			    tok_is(a, after, W_TO))
				;
			else if (after < se &&
			         (tok_is(a, after, W_THAT | W_WH | W_TO) ||
			          tok_punct(a, after, ':') ||
			          tok_punct(a, after, ',') ||
			          a->toks[after].kind == TK_QUOTE ||
			          ws__is_clause(a, after, se) ||
			          (h->flags & CUE_OBJ))) {
				addressee_end = obj.end;
				r = obj.end;
			}
		}
	}
	/* "asked Clinton about her email": what the question was about. */
	if (!inverted && addressee_end != NOTOK && (h->flags & CUE_QUESTION) &&
	    r + 1 < se && ws__tok_eq(a, r, "about") &&
	    a->toks[r + 1].kind == TK_WORD &&
	    !tok_is(a, r + 1, W_WH | W_PREP)) {
		struct mention o;

		if (ws__np_right(a, r + 1, se, &o, false)) {
			at = cue_attr(st, h, cfirst, si, &sp,
			              "speaker_cue_clause");
			if (!at)
				return WS_ENOMEM;
			at->cue_end = r + 1;
			rc = content_tokens(a, at, r + 1,
			                    clause_end(a, s, r + 1, cues, ncues,
			                               ci));
			if (rc != WS_OK)
				return rc;
			goto done;
		}
	}
	/* "said because C1, C2": the reason is said too; "said after C1,
	 * C2": the time may be the saying's, C2 is what was said. Else the
	 * adjuncts after the cue are passed -- but "described himself as",
	 * "calls itself": the reflexive the lexicon files with the adverbs
	 * ("he himself said") is the object of a cue that takes one. */
	lc = NOTOK;
	if (!inverted && addressee_end == NOTOK && r < se &&
	    !((h->flags & CUE_QUESTION) && tok_is(a, r, W_WH)))
		lc = lead_clause(a, r, se);
	if (lc != NOTOK) {
		if (tok_is(a, r, W_SUB) && !ws__tok_eq(a, r, "when") &&
		    !ws__tok_eq(a, r, "whenever") &&
		    !ws__tok_eq(a, r, "until") && !tok_is(a, r, W_AS) &&
		    !lead_participle(a, r))
			lead_sub = true;
		else
			r = lc + 1;
	} else if (!((h->flags & (CUE_NP | CUE_NAMING)) && r + 1 < se &&
	             !inverted && reflexive(a, r) &&
	             a->toks[r + 1].kind != TK_PUNCT))
		r = ws__skip_adjuncts(a, r, se);
	if (!inverted && r < se)
		r = aside_before_that(a, r, se);
	/* "said in a report released Wednesday that C": a participle
	 * after the adjunct, with a time or a place, up to "that". */
	if (!inverted && r + 1 < se && a->toks[r].kind == TK_WORD &&
	    !(a->toks[r].flags & (TF_CAP | TF_INQ)) && ends_with_ed(a, r) &&
	    r > h->end) {
		uint32_t k;

		for (k = r + 1; k < se && k < r + 6; k++) {
			if (tok_is(a, k, W_THAT)) {
				/* Not "that same day". */
				if (k + 1 < se &&
				    !tok_is(a, k + 1, W_TIME | W_ADJ) &&
				    !ws__tok_eq(a, k + 1, "same"))
					r = k;
				break;
			}
			if (a->toks[k].flags & TF_INQ)
				break;
			if (!(a->toks[k].kind == TK_NUM ||
			      (a->toks[k].kind == TK_WORD &&
			       (tok_is(a, k, W_TIME | W_PREP | W_DET) ||
			        (a->toks[k].flags & TF_CAP)))))
				break;
		}
	}
	if (inverted) {
		/* Content is before: `"Q," said S` or `C, said S`. */
		uint32_t cend = cfirst;

		if (cend > s->first && tok_punct(a, cend - 1, ','))
			cend--;
		if (cend <= s->first)
			return WS_OK;
		at = cue_attr(st, h, cfirst, si, &sp,
		              "content_comma_cue_speaker");
		if (!at)
			return WS_ENOMEM;
		rc = content_tokens(a, at, after_dateline(a, s), cend);
		if (rc != WS_OK)
			return rc;
		if (at->type == WS_QUOTE_DIRECT)
			at->rule = "quote_cue_speaker";
		/* `But, said S, "..."`: a short lead-in, the content goes on
		 * after the speaker; `C1, said S, C2`: so does a subject's
		 * predicate. */
		if (((cend - s->first <= 2 && sp.end + 1 < se) ||
		     pred != NOTOK) &&
		    tok_punct(a, sp.end, ',')) {
			uint32_t c2 = pred != NOTOK ? pred : sp.end + 1;
			uint32_t ce = clause_end(a, s, c2, cues, ncues, ci);
			uint32_t s0, s1;

			if (token_span(a, c2, ce, &s0, &s1)) {
				rc = add_seg(a, at, s0, s1);
				if (rc != WS_OK)
					return rc;
				mark_used(a, c2, ce);
				at->cend = ce;
				if (has_quote(a, s->first, ce))
					at->type = WS_QUOTE_MIXED;
			}
		}
		goto done;
	}
	/* S said: "Q" / S said, "Q" / S said "Q". */
	if (r < se && !(h->flags & CUE_NOQUOTE)) {
		uint32_t qt = r;

		if ((tok_punct(a, qt, ':') || tok_punct(a, qt, ',')) &&
		    qt + 1 < se)
			qt++;
		else if (tok_punct(a, qt, ':') && qt + 1 == se &&
		         se < a->ntoks && (a->toks[se].flags & TF_PARA) &&
		         opens_quote(a, se)) {
			/* `The Times reports:` then the quotation below. */
			at = cue_attr(st, h, cfirst, si, &sp,
			              "speaker_cue_colon_block");
			if (!at)
				return WS_ENOMEM;
			at->type = WS_QUOTE_DIRECT;
			rc = add_quote_chain(a, at, a->toks[se].q);
			if (rc != WS_OK)
				return rc;
			goto done;
		}
		/* `S said, when the story broke, "Q"`: an adverbial clause
		 * or phrase set off by commas before the quotation. */
		if (qt == r + 1 && tok_punct(a, r, ',') &&
		    a->toks[qt].kind == TK_WORD &&
		    tok_is(a, qt, W_SUB | W_PREP) && !tok_is(a, qt, W_THAT))
			qt = past_aside(a, qt, se);
		if (a->toks[qt].kind == TK_QUOTE && a->toks[qt].q &&
		    a->quotes[a->toks[qt].q - 1].open == qt) {
			const struct qspan *q = &a->quotes[a->toks[qt].q - 1];
			uint32_t after = q->close != NOTOK ? q->close + 1
			                                   : q->end;
			uint32_t k, q2;
			bool rest = false;

			for (k = after; k < se; k++)
				if (a->toks[k].kind != TK_PUNCT &&
				    a->toks[k].kind != TK_QUOTE)
					rest = true;
			/* "chanted "Q" as they marched": a cue that takes
			 * only a quotation takes it whatever follows. */
			if (!rest || qt != r || (h->flags & CUE_QUOTE)) {
				at = cue_attr(st, h, cfirst, si, &sp,
				              "speaker_cue_quote");
				if (!at)
					return WS_ENOMEM;
				at->type = WS_QUOTE_DIRECT;
				rc = add_quote_chain(a, at, a->toks[qt].q);
				if (rc != WS_OK)
					return rc;
				/* "chanted "Q1" and "Q2"" */
				k = q->close;
				if ((h->flags & CUE_QUOTE) && k != NOTOK &&
				    k + 2 < se && tok_is(a, k + 1, W_AND) &&
				    (q2 = opens_quote(a, k + 2)) != 0) {
					rc = add_quote_chain(a, at, q2);
					if (rc != WS_OK)
						return rc;
				}
				goto done;
			}
		}
	}
	/* `Rubio says, win or lose, he is staying`: a comma, then the
	 * clause -- when nothing before the speaker could be content. */
	if (r + 1 < se && (tok_punct(a, r, ',') || tok_punct(a, r, ':')) &&
	    a->toks[r + 1].kind == TK_WORD && !tok_is(a, r + 1, W_COORD) &&
	    (sp.first == s->first ||
	     !(tok_punct(a, sp.first - 1, ',') ||
	       a->toks[sp.first - 1].kind == TK_QUOTE)) &&
	    !(a->toks[r + 1].flags & TF_INQ) &&
	    a->text[a->toks[r + 1].end - 1] != 'g' &&
	    ws__is_clause(a, r + 1, se))
		r++;
	/* "The protester yelled and held up a banner", "showed up": no
	 * content follows. */
	if (r < se && r == h->end && tok_is(a, r, W_COORD | W_PARTICLE) &&
	    !tok_is(a, r, W_THAT))
		return WS_OK;
	/* "C, Wilkin said during his speech to be a delegate", "C, he said
	 * as he left": after a content closed by a comma, a phrase or a
	 * clause of time or place ends the sentence. It has no quotation
	 * and no "that" to make it a content of its own. */
	tail_at = addressee_end != NOTOK ? addressee_end : h->end;
	adj_tail = !inverted && !shared && r < se &&
	           /* "C, she told aides as she left" */
	           (addressee_end == NOTOK ||
	            ((h->flags & CUE_OBJ) && r == addressee_end)) &&
	           h->end == h->first + 1 && h->lemma != LEMMA_ACCORDING &&
	           a->lx->lemmas[h->lemma].stance == WS_STANCE_NEUTRAL &&
	           sp.first > s->first + 1 && tok_punct(a, sp.first - 1, ',') &&
	           sp.type != M_REL && sp.end == h->first &&
	           !tok_is(a, s->first, W_PREP | W_SUB | W_ADV) &&
	           a->toks[s->first].kind == TK_WORD &&
	           !ends_with_ing(a, s->first) &&
	           ws__is_clause(a, s->first, sp.first - 1) &&
	           tok_is(a, tail_at, W_PREP | W_SUB) &&
	           !tok_is(a, tail_at, W_THAT | W_TO | W_OF) &&
	           !has_quote(a, tail_at, se);
	if (adj_tail) {
		/* A phrase ("during the debate") has no verb of its own but
		 * an infinitive's; a clause ("as he left") has one. */
		bool phrase = !tok_is(a, tail_at, W_SUB);
		uint32_t k;

		for (k = tail_at; k < se; k++)
			if (tok_is(a, k, W_THAT) ||
			    (phrase && k > tail_at + 1 && ws__verb_like(a, k) &&
			     !tok_is(a, k - 1, W_TO) &&
			     /* "in a notice posted on its website": a
			      * participle after its noun */
			     !(ends_with_ed(a, k) && lower_noun(a, k - 1))))
				adj_tail = false;
	}
	/* S said (that) C. */
	if (!adj_tail && r < se && a->toks[r].kind != TK_PUNCT &&
	    (h->flags & CUE_QUOTE))
		return WS_OK; /* "chanted" takes a quotation only */
	if (!adj_tail && r < se && a->toks[r].kind != TK_PUNCT) {
		uint32_t cs = r, ce;
		bool clause, object;

		/* "rejected that argument in a ruling": a determiner. */
		object = (h->flags & CUE_NP) && tok_is(a, r, W_THAT) &&
		         r + 1 < se && a->toks[r + 1].kind == TK_WORD &&
		         !tok_is(a, r + 1, W_PRON | W_DET | W_POSSPRON) &&
		         np_object(a, r + 1, se);
		if (tok_is(a, cs, W_THAT) && !tok_is(a, cs, W_PRON) && !object)
			cs++;
		ce = clause_end(a, s, cs, cues, ncues, ci);
		ce = container_end(st, si, h->first, ce);
		/* "Lawmakers who backed the bill said C": the relative
		 * clause ends where its antecedent's own verb begins. */
		if (sp.type == M_REL)
			ce = relative_end(a, s, cues, ncues, ci, sp.first, ce);
		/* "After saying C, she left": C ends where the subject's
		 * clause begins. */
		if (shared && sp.first > h->first && sp.first - 1 > cs &&
		    sp.first - 1 < ce)
			ce = sp.first - 1;
		if (embedded_clause(a, s, &sp) ||
		    (shared && in_relative(a, s, cfirst))) {
			/* `While the RNC says C, ...`, `Cruz, who says C,
			 * said ...`: the content ends at the next comma. */
			uint32_t k;

			for (k = cs + 1; k < ce; k++) {
				if (tok_punct(a, k, ',') &&
				    !(a->toks[k].flags & TF_INQ)) {
					ce = k;
					break;
				}
				/* `who calls it a "money pit," told`: the
				 * comma inside the closing mark */
				if (k + 2 < ce && comma_in_mark(a, k + 1) &&
				    !(a->toks[k + 2].flags & TF_INQ)) {
					ce = k + 2;
					break;
				}
			}
		}
		if (ce <= cs)
			return WS_OK;
		if (h->flags & CUE_NAMING) {
			/* "called Obama a "petulant child"": an object and its
			 * complement, or a quotation; not "a group called X". */
			if (!naming_ok(a, &sp, r, ce))
				return WS_OK;
		}
		clause = ws__is_clause(a, r, ce) || tok_is(a, r, W_THAT);
		if (h->flags & CUE_NAMING)
			clause = true;
		/* "touted her deep ties to black churches": a noun phrase
		 * with no verb after it is an object, not a subject. */
		else if ((h->flags & CUE_NP) && clause &&
		         ((tok_is(a, r, W_DET | W_POSSPRON) &&
		           !tok_is(a, r, W_THAT)) ||
		          (a->toks[r].flags & TF_CAP) || object) &&
		         np_object(a, r, ce))
			clause = false;
		/* "A poll showed Trump leading Cruz": a finding's object
		 * and its predicate, with no verb of their own. */
		if (!clause && (h->flags & CUE_WEAK) &&
		    tok_is(a, sp.head, W_INFO) &&
		    !tok_is(a, r, W_PREP | W_SUB)) {
			struct mention o;

			clause = ws__np_right(a, r, ce, &o, false) &&
			         o.end < ce;
		}
		/* "suggested rallying the allies": a directive's gerund. */
		if (!clause && h->lemma != LEMMA_ACCORDING &&
		    a->lx->lemmas[h->lemma].stance == WS_STANCE_DIRECTIVE &&
		    a->toks[r].kind == TK_WORD &&
		    !(a->toks[r].flags & TF_CAP) && ends_with_ing(a, r) &&
		    r + 1 < ce)
			clause = true;
		/* "urged", "called on", "plans": a clause only with "that";
		 * otherwise the infinitive below. A claim, pledge or threat
		 * takes a bare clause: "claimed he had won". */
		if ((h->flags & CUE_TOINF) &&
		    !(h->flags &
		      (CUE_OBJ | CUE_QUESTION | CUE_NP | CUE_WEAK)) &&
		    (a->lx->lemmas[h->lemma].stance == WS_STANCE_DIRECTIVE ||
		     a->lx->lemmas[h->lemma].stance == WS_STANCE_EPISTEMIC) &&
		    !tok_is(a, r, W_THAT))
			clause = false;
		/* "said as he left", "added because": not a complement;
		 * but "did not say when" leaves a question open. */
		if (tok_is(a, r, W_SUB) && !tok_is(a, r, W_THAT) &&
		    !((h->flags & CUE_QUESTION) && tok_is(a, r, W_WH)) &&
		    !(tok_is(a, r, W_WH) &&
		      negated_span(a, cfirst, h->first)) &&
		    !((h->flags & (CUE_NP | CUE_NAMING)) &&
		      tok_is(a, r, W_AS) && has_quote(a, r, ce)) &&
		    !(ws__tok_eq(a, r, "if") && !(h->flags & CUE_WEAK)) &&
		    !lead_sub)
			clause = false;
		if (!clause && tok_is(a, r, W_WH) &&
		    ((h->flags & CUE_QUESTION) ||
		     negated_span(a, cfirst, h->first)))
			clause = true;
		if (!clause && bare_clause(a, h, r, ce))
			clause = true;
		/* "Asked if she regretted it, Lopez said no", "46 percent
		 * said yes": a one-word answer. */
		if (!clause && !(h->flags & (CUE_NP | CUE_NAMING)) &&
		    (ws__tok_eq(a, r, "yes") || ws__tok_eq(a, r, "no")) &&
		    (r + 1 >= se || a->toks[r + 1].kind == TK_PUNCT)) {
			clause = true;
			ce = r + 1;
		}
		if (!clause && (h->flags & CUE_TOINF)) {
			/* urged Congress to act: content "to act"; called for
			 * X to act: content "X to act". */
			uint32_t k;

			for (k = r; k < ce && k < r + 10; k++) {
				if (tok_is(a, k, W_TO) && k + 1 < ce &&
				    !tok_is(a, k + 1, W_DET | W_PRON_OBJ) &&
				    (!(a->toks[k + 1].flags & TF_CAP) ||
				     (a->toks[k + 1].flags & TF_TITLED))) {
					/* The one urged is part of what was
					 * urged: "Congress to act". */
					clause = true;
					break;
				}
				if (tok_is(a, k, W_PREP | W_SUB | W_THAT) ||
				    a->toks[k].kind == TK_PUNCT)
					break;
			}
		}
		if (!clause && (h->flags & CUE_NP) &&
		    (a->toks[r].kind == TK_WORD || a->toks[r].kind == TK_NUM ||
		     (a->toks[r].kind == TK_SYM && a->toks[r].ch == '$')) &&
		    (object || reflexive(a, r) ||
		     !tok_is(a, r, W_PREP | W_SUB | W_ADV | W_TO | W_PRON) ||
		     ws__approximator(a, r, ce)) &&
		    (!ws__verb_like(a, r) ||
		     tok_is(a, r, W_DET | W_POSSPRON))) {
			/* A bare object runs to the first comma, dash or
			 * subordinate clause after it: "dismissed Estonia as
			 * being in the "suburbs" -- a metaphor for ...". */
			uint32_t k;

			for (k = r + 1; k < ce; k++) {
				if (a->toks[k].flags & TF_INQ)
					continue;
				if (tok_punct(a, k, ',') ||
				    tok_punct(a, k, ';') || is_dash(a, k) ||
				    tok_is(a, k, W_BUT) ||
				    (tok_is(a, k, W_SUB) &&
				     !tok_is(a, k, W_THAT | W_AS | W_REL) &&
				     !tok_is(a, k - 1, W_PREP)) ||
				    adjunct_pp(a, k, ce) ||
				    object_ends(a, k, ce)) {
					ce = k;
					break;
				}
			}
			clause = true;
		}
		if (!clause)
			return WS_OK;
		at = cue_attr(st, h, cfirst, si, &sp,
		              !shared  ? "speaker_cue_clause"
		              : h->ing ? "participle_clause"
		                       : "coordinated_clause");
		if (!at)
			return WS_ENOMEM;
		rc = content_tokens(a, at, cs, ce);
		if (rc != WS_OK)
			return rc;
		if (at->type == WS_QUOTE_DIRECT)
			at->rule = "speaker_cue_quote";
		goto done;
	}
	/* C, S said. -- the cue ends the sentence. */
	{
		uint32_t k = r, sep;

		uint32_t tail = NOTOK;

		while (k < se && a->toks[k].kind == TK_PUNCT &&
		       (a->toks[k].ch == '.' || a->toks[k].ch == '!' ||
		        a->toks[k].ch == '?'))
			k++;
		if (k < se && tok_punct(a, k, ',') && k + 1 < se &&
		    (addressee_end == NOTOK ||
		     /* "C1, Trump told CNN, C2"; not "In her post, she
		      * told Trump, who ..." */
		     (sp.first > s->first + 1 && sp.type != M_REL &&
		      tok_punct(a, sp.first - 1, ',') &&
		      !tok_is(a, s->first, W_PREP) &&
		      !tok_is(a, k + 1, W_REL)))) {
			/* `C, S said, adding ...` ends the content here;
			 * `C1, S said, C2` carries on after the aside. */
			uint32_t n = k + 1;

			if (!((a->toks[n].kind == TK_WORD &&
			       !(a->toks[n].flags & TF_CAP) &&
			       a->text[a->toks[n].end - 1] == 'g' &&
			       a->text[a->toks[n].end - 2] == 'n') ||
			      tok_is(a, n, W_ACCORDING) ||
			      (tok_is(a, n, W_REL) && !tok_is(a, n, W_THAT)) ||
			      a->toks[n].kind == TK_QUOTE))
				tail = n;
			k = se;
		}
		if (adj_tail)
			k = se;
		if (k < se && !(k + 1 == se && a->toks[k].kind == TK_QUOTE))
			return WS_OK;
		if (shared)
			return WS_OK;
		sep = sp.first;
		/* "C, the company's chief executive, Ann Lee, said": the
		 * role before the name is the speaker's phrase too. */
		if (sp.type == M_NAME && sep > s->first + 3 &&
		    tok_punct(a, sep - 1, ',')) {
			struct mention rl;

			if (ws__np_left(a, s->first, sep - 1, &rl) &&
			    rl.end == sep - 1 && rl.first > s->first + 1 &&
			    tok_punct(a, rl.first - 1, ',') &&
			    rl.type != M_NAME && rl.type != M_PRONOUN &&
			    tok_is(a, rl.head,
			           W_ROLE | W_TITLE | W_KIN | W_ORG))
				sep = rl.first;
		}
		if (sep <= s->first) {
			/* `"... done." Trump said.`: the quotation ended the
			 * sentence before, in the same paragraph. */
			uint32_t pq = s->first - 1, q;

			if (s->first == 0 || si == 0 ||
			    a->sents[si - 1].para != s->para ||
			    a->toks[pq].kind != TK_QUOTE || !a->toks[pq].q)
				return WS_OK;
			q = a->toks[pq].q;
			if (a->quotes[q - 1].close != pq ||
			    a->quotes[q - 1].used ||
			    a->quotes[q - 1].open != a->sents[si - 1].first)
				return WS_OK;
			at = cue_attr(st, h, cfirst, si, &sp,
			              "quote_then_speaker_cue");
			if (!at)
				return WS_ENOMEM;
			at->type = WS_QUOTE_DIRECT;
			rc = add_quote_chain(a, at, q);
			if (rc != WS_OK)
				return rc;
			goto done;
		}
		if (!(tok_punct(a, sep - 1, ',') ||
		      (a->toks[sep - 1].kind == TK_QUOTE &&
		       a->toks[sep - 1].q) ||
		      (a->toks[sep - 1].kind == TK_PUNCT &&
		       a->toks[sep - 1].ch == PC_DASH)))
			return WS_OK;
		/* "As first reported by the Post, the agency warned the
		 * White House": a source's phrase is no content. */
		{
			uint32_t c;

			for (c = 0; c < ncues; c++)
				if ((cues[c].flags & CUE_ACCORD) &&
				    cues[c].first >= s->first &&
				    cues[c].first < sep)
					return WS_OK;
		}
		/* "When Trump said C, the crowd applauded": an adverbial
		 * clause ("when", "while", "although" ...) alone, with no
		 * main clause before the speaker nor after the cue, is no
		 * content. */
		if (tail == NOTOK) {
			uint32_t f = after_dateline(a, s);

			if (a->toks[f].kind == TK_WORD && tok_is(a, f, W_SUB) &&
			    !tok_is(a, f, W_THAT) &&
			    (!tok_is(a, f, W_WH) || ws__tok_eq(a, f, "when"))) {
				if (!comma_before(a, f + 1, sep - 1) &&
				    !comma_before(a, h->end, se))
					return WS_OK;
			}
		}
		at = cue_attr(st, h, cfirst, si, &sp,
		              "content_comma_speaker_cue");
		if (!at)
			return WS_ENOMEM;
		if ((h->flags & CUE_QUOTE) &&
		    !only_quote(a, s->first,
		                tok_punct(a, sep - 1, ',') ? sep - 1 : sep)) {
			at->dead = true;
			return WS_OK;
		}
		{
			/* "the stadium, which, Tompkins said, is full": the
			 * relative clause is the content, not the sentence;
			 * "ATLANTA (AP) -- C, officials said": nor the
			 * dateline. */
			uint32_t cs = after_dateline(a, s);

			if (tail != NOTOK && sep >= s->first + 2 &&
			    tok_punct(a, sep - 1, ',') &&
			    tok_is(a, sep - 2, W_REL) &&
			    !tok_is(a, sep - 2, W_THAT))
				cs = sep - 2;
			rc = content_tokens(a, at, cs,
			                    tok_punct(a, sep - 1, ',') ? sep - 1
			                                               : sep);
		}
		if (rc != WS_OK)
			return rc;
		if (at->type == WS_QUOTE_DIRECT)
			at->rule = "quote_speaker_cue";
		if (tail != NOTOK) {
			uint32_t ce = clause_end(a, s, tail, cues, ncues, ci);
			uint32_t s0, s1;

			if (token_span(a, tail, ce, &s0, &s1)) {
				rc = add_seg(a, at, s0, s1);
				if (rc != WS_OK)
					return rc;
				mark_used(a, tail, ce);
				at->cend = ce;
				at->rule = "content_speaker_cue_content";
				if (has_quote(a, tail, ce) ||
				    at->type == WS_QUOTE_DIRECT)
					at->type =
						has_quote(a, s->first, ce) &&
								!only_quote(
									a,
									s->first,
									ce)
							? WS_QUOTE_MIXED
							: at->type;
			}
		}
	}
done:
	if (!at->nsegs) {
		at->dead = true;
		return WS_OK;
	}
	if (sp.type == M_PRONOUN || sp.type == M_REL)
		at->how = WS_ATTR_COREFERENCE;
	else
		at->how = WS_ATTR_EXPLICIT;
	at->conf = base_conf(a, at);
	if (shared)
		at->conf -= 0.1f;
	return WS_OK;
}

/* Negated comment: "declined to comment", "did not respond". */
static int non_quote(struct state *st, const struct sent *s, uint32_t from)
{
	struct ana *a = st->a;
	uint32_t k;

	for (k = s->first; k + 1 < s->end; k++) {
		enum ws_non_quote_kind kind;
		uint32_t v = k, subj_end;
		struct nonq *nq;

		if (a->toks[k].flags & TF_INQ)
			continue;
		/* Only "declined", "refused" and negations start one. */
		if (!tok_is(a, k, W_NEG | W_DECLINE))
			continue;
		if ((ws__tok_eq(a, k, "declined") ||
		     ws__tok_eq(a, k, "refused")) &&
		    ((tok_is(a, k + 1, W_TO) && k + 2 < s->end &&
		      (ws__tok_eq(a, k + 2, "comment") ||
		       ws__tok_eq(a, k + 2, "be") ||
		       ws__tok_eq(a, k + 2, "discuss") ||
		       ws__tok_eq(a, k + 2, "say") ||
		       ws__tok_eq(a, k + 2, "specify") ||
		       ws__tok_eq(a, k + 2, "speculate") ||
		       ws__tok_eq(a, k + 2, "answer") ||
		       ws__tok_eq(a, k + 2, "address") ||
		       ws__tok_eq(a, k + 2, "elaborate"))) ||
		     ws__tok_eq(a, k + 1, "comment"))) {
			kind = WS_NQ_DECLINED_COMMENT;
		} else if (tok_is(a, k, W_NEG) && k > s->first) {
			uint32_t n = k + 1;
			uint32_t d = k;

			if (ws__tok_eq(a, k, "not") ||
			    ws__tok_eq(a, k, "never")) {
				if (!tok_is(a, k - 1, W_AUX))
					continue;
				d = k - 1;
			}
			while (n < s->end && tok_is(a, n, W_ADV))
				n++;
			if (n >= s->end)
				continue;
			if (ws__tok_eq(a, n, "respond") ||
			    ws__tok_eq(a, n, "reply") ||
			    ws__tok_eq(a, n, "comment") ||
			    ws__tok_eq(a, n, "return") ||
			    ws__tok_eq(a, n, "answer")) {
				kind = WS_NQ_NO_RESPONSE;
			} else if (ws__tok_eq(a, n, "be") && n + 2 < s->end &&
			           ws__tok_eq(a, n + 1, "reached")) {
				kind = WS_NQ_NO_RESPONSE;
			} else
				continue;
			v = d;
		} else
			continue;
		/* "A spokeswoman said the company does not comment on
		 * speculation": a refusal inside what someone said is
		 * their content, not a non-quote. */
		if (kind == WS_NQ_NO_RESPONSE &&
		    in_content(st, (uint32_t)(s - a->sents), k))
			continue;
		nq = ws__vec_push(&st->nonqs, a->arena);
		if (!nq)
			return WS_ENOMEM;
		nq->kind = kind;
		nq->first = s->first;
		nq->end = s->end;
		subj_end = v;
		while (subj_end > s->first &&
		       tok_is(a, subj_end - 1, W_ADV | W_AUX))
			subj_end--;
		/* "Clinton's attorney, David Kendall, declined to comment",
		 * "Hope Hicks, a spokeswoman for Trump, did not respond":
		 * the subject before or named in the aside. */
		if (subj_end > s->first + 1 &&
		    tok_punct(a, subj_end - 1, ',') &&
		    !(a->toks[subj_end - 1].flags & TF_INQ))
			nq->has_sp = aside_subject(a, s, subj_end, &nq->sp);
		else
			nq->has_sp =
				ws__np_left(a, s->first, subj_end, &nq->sp) &&
				speaker_ok(a, &nq->sp);
		nq->sp.entity = -1;
		/* "refused to comment" is no refusal to report. */
		for (v = from; v < st->attrs.n; v++) {
			struct attr *at = &((struct attr *)st->attrs.items)[v];

			if (at->cue_first != NOTOK && at->cue_first <= k &&
			    k < at->cue_end)
				at->dead = true;
		}
		return WS_OK;
	}
	return WS_OK;
}

/* A sentence of quotation marks and punctuation only: its quote. */
static uint32_t quote_sentence(const struct ana *a, const struct sent *s)
{
	uint32_t first = s->first, q, k, words = 0;
	const struct tok *t;

	if (tok_is(a, first, W_COORD) && first + 1 < s->end)
		first++; /* But "..." */
	t = &a->toks[first];
	if (t->kind != TK_QUOTE || !t->q || a->quotes[t->q - 1].open != first ||
	    a->quotes[t->q - 1].used)
		return 0;
	q = t->q;
	/* The quotation, then at most a few words: `"..." for the top
	 * income bracket.` */
	k = a->quotes[q - 1].close != NOTOK ? a->quotes[q - 1].close + 1
	                                    : a->quotes[q - 1].end;
	for (; k < s->end; k++) {
		if (a->toks[k].kind == TK_QUOTE)
			return 0;
		words += a->toks[k].kind == TK_WORD;
	}
	return words <= 5 ? q : 0;
}

static struct attr *last_live(struct state *st)
{
	struct attr *ats = st->attrs.items;
	uint32_t k;

	for (k = st->attrs.n; k > 0; k--)
		if (!ats[k - 1].dead)
			return &ats[k - 1];
	return NULL;
}

static int signature_attr(struct state *st, uint32_t si,
                          const struct mention *m, uint32_t q, const char *rule)
{
	struct attr *at = new_attr(st, NULL, NOTOK, si);

	if (!at)
		return WS_ENOMEM;
	at->cue_first = at->cue_end = NOTOK;
	at->sp = *m;
	at->has_sp = true;
	at->how = WS_ATTR_EXPLICIT;
	at->rule = rule;
	at->type = WS_QUOTE_DIRECT;
	at->conf = 0.8f;
	return add_quote_chain(st->a, at, q);
}

static bool is_dash(const struct ana *a, uint32_t i)
{
	return a->toks[i].kind == TK_PUNCT && a->toks[i].ch == PC_DASH;
}

/* An unclaimed quotation that opens at token i, +1, or 0. */
static uint32_t opens_quote(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];

	if (t->kind != TK_QUOTE || !t->q || a->quotes[t->q - 1].open != i ||
	    a->quotes[t->q - 1].used)
		return 0;
	return t->q;
}

/* Is token i single letters, perhaps joined by "&": "Q", "A", "Q&A",
 * "R&D", a label before a colon rather than a name? */
static bool single_letters(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	uint32_t k;

	if (t->kind != TK_WORD)
		return false;
	for (k = t->start; k < t->end; k += 2)
		if (a->text[k] == '&' ||
		    (k + 1 < t->end && a->text[k + 1] != '&'))
			return false;
	return true;
}

/* A label word ("Note:", "Update:", "Photo:") in [first, end)? */
static bool has_noname(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k;

	for (k = first; k < end; k++)
		if (tok_is(a, k, W_NONAME))
			return true;
	return false;
}

/*
 * `Rubio: I Still Believe ...` (a headline) and `SMITH: We will ...`
 * (a transcript): a name and a colon open the paragraph, and the rest
 * of the paragraph is what they said.
 */
static int colon_content(struct state *st, const struct sent *s, uint32_t si,
                         const struct mention *m)
{
	struct ana *a = st->a;
	const struct para *pa = &a->paras[s->para];
	struct attr *at = new_attr(st, NULL, NOTOK, si);
	bool headline;
	uint32_t k, n, words, end;
	int rc;

	if (!at)
		return WS_ENOMEM;
	at->cue_first = at->cue_end = NOTOK;
	at->sp = *m;
	at->has_sp = true;
	at->how = WS_ATTR_EXPLICIT;
	at->rule = "name_colon_content";
	/* A headline says it without a verb: "Clinton: Time for a new
	 * strategy", "Poll: Trump a big turnoff for Latino voters"; in
	 * three words or more. */
	for (k = m->end + 1, words = 0;
	     s->para == 0 && words < 3 && k < pa->end; k++)
		words += a->toks[k].kind == TK_WORD;
	headline = s->para == 0 && words >= 3 && m->first == s->first &&
	           !tok_is(a, m->first, W_DET) &&
	           (m->kind == WS_KIND_PERSON || tok_is(a, m->head, W_INFO));
	/* "Ted Cruz: Constitutional conservative or another typical career
	 * politician?": a headline that asks about the one it names. */
	if (s->para == 0 && m->first == s->first && s->end > m->end + 1 &&
	    tok_punct(a, s->end - 1, '?')) {
		at->dead = true;
		return WS_OK;
	}
	if ((!headline && !ws__is_clause(a, m->end + 1, pa->end)) ||
	    tok_is(a, m->first, W_VERB) ||
	    (a->text[a->toks[m->first].end - 1] == 'g' &&
	     a->text[a->toks[m->first].end - 2] == 'n')) {
		at->dead = true;
		return WS_OK;
	}
	/* "Superdelegates: C1. C2. "Q," Devine said.": a later sentence
	 * with a quotation and a cue of its own is another attribution. */
	end = pa->end;
	for (n = si + 1; n < a->nsents && a->sents[n].para == s->para; n++) {
		const struct sent *t = &a->sents[n];
		bool quote = false, cue = false;

		for (k = t->first; k < t->end; k++) {
			quote |= a->toks[k].kind == TK_QUOTE;
			cue |= !(a->toks[k].flags & TF_INQ) &&
			       tok_is(a, k, W_CUE);
		}
		if (quote && cue) {
			end = t->first;
			break;
		}
	}
	rc = content_tokens(a, at, m->end + 1, end);
	at->conf = 0.6f;
	if (!at->nsegs)
		at->dead = true;
	return rc;
}

/*
 * Quotations signed by a name, with no cue: a paragraph that opens
 * `Karen Smith: "..."` or `Karen Smith -- "..."` (transcripts, lists of
 * reactions), and a quotation followed by a dash and a name,
 * `"..." -- Karen Smith` (press releases, pull quotes).
 */
/* The lexicon's lemma "ask", or NOTOK when a lexicon lacks it. */
static uint32_t ask_lemma(const struct ana *a)
{
	uint32_t k;

	for (k = 0; k < a->lx->nlemmas; k++)
		if (!strcmp(a->lx->lemmas[k].lemma, "ask"))
			return k;
	return NOTOK;
}

/*
 * A possessed speech noun and its "that" clause: "Trump's claim that
 * there have been "thousands of shootings"", "her insistence that the
 * plan would work". The possessor is the speaker.
 */
static int frame_noun_cue(struct state *st, const struct sent *s, uint32_t si)
{
	static const char *const nouns[] = {
		"claim",          "claims",      "assertion",    "assertions",
		"statement",      "argument",    "contention",   "allegation",
		"allegations",    "suggestion",  "warning",      "warnings",
		"promise",        "promises",    "pledge",       "charge",
		"accusation",     "accusations", "insistence",   "belief",
		"view",           "hope",        "fear",         "fears",
		"concern",        "concerns",    "remark",       "remarks",
		"comment",        "comments",    "prediction",   "admission",
		"acknowledgment", "declaration", "announcement", "vow",
		"threat",         "complaint",   "explanation",  "denial",
		"insinuation",    "boast",       "demand",       "assurance",
	};
	struct ana *a = st->a;
	uint32_t k;

	for (k = s->first + 1; k + 2 < s->end; k++) {
		struct mention sp;
		uint32_t n, p, ce;
		size_t j;
		int rc;

		if ((a->toks[k].flags & TF_INQ) || !tok_is(a, k + 1, W_THAT) ||
		    (a->toks[k + 1].flags & TF_INQ))
			continue;
		for (j = 0; j < WS_ARRAY_LEN(nouns); j++)
			if (ws__tok_eq(a, k, nouns[j]))
				break;
		if (j == WS_ARRAY_LEN(nouns))
			continue;
		/* The possessor right before it, over adjectives:
		 * "Trump's repeated claim", "his latest remarks". */
		n = k;
		for (p = k; p > s->first && k - p < 3; p--)
			if (!tok_is(a, p - 1, W_ADJ) && !ly_adverb(a, p - 1) &&
			    !(a->toks[p - 1].kind == TK_WORD &&
			      ends_with_ed(a, p - 1)))
				break;
		if (p <= s->first)
			continue;
		if (tok_is(a, p - 1, W_POSSPRON) &&
		    !tok_is(a, p - 1, W_PRON_1ST)) {
			memset(&sp, 0, sizeof(sp));
			sp.first = p - 1;
			sp.end = p;
			sp.entity = -1;
			sp.ante_first = sp.ante_end = NOTOK;
			ws__np_classify(a, &sp);
			sp.type = M_PRONOUN;
		} else if (a->toks[p - 1].kind == TK_POSS) {
			if (!ws__np_left(a, s->first, p - 1, &sp) ||
			    !speaker_ok(a, &sp))
				continue;
		} else {
			continue;
		}
		ce = clause_end(a, s, k + 2, NULL, 0, 0);
		if (ce <= k + 2 || !ws__is_clause(a, k + 2, ce))
			continue;
		rc = label_attr(st, si, n, n + 1, &sp, "possessor_noun_that",
		                k + 2, ce, 0.7f);
		if (rc != WS_OK)
			return rc;
		k = ce;
	}
	return WS_OK;
}

/*
 * A clause that introduces a quotation with a colon, whatever its verb:
 * "Obama is rolling out a new message: "It's about me."", "I had to
 * change my answer: "Of course ..."". The quotation is the subject's.
 */
static int frame_subject_colon(struct state *st, const struct sent *s,
                               uint32_t si)
{
	struct ana *a = st->a;
	struct mention sp;
	struct attr *at;
	uint32_t k, q = 0, colon = NOTOK;

	/* The quotation may open the next paragraph: "X released the
	 * following statement:" and then the statement. */
	for (k = s->first + 2; k < s->end && k + 1 < a->ntoks; k++) {
		if (a->toks[k].flags & TF_INQ)
			continue;
		if (k + 1 == s->end && !(a->toks[k + 1].flags & TF_PARA))
			break;
		if (tok_punct(a, k, ':') && (q = opens_quote(a, k + 1)) != 0) {
			colon = k;
			break;
		}
	}
	if (colon == NOTOK)
		return WS_OK;
	/* The clause before the colon must have a subject and a verb: the
	 * last one that starts the sentence, or follows a comma or "that". */
	{
		bool found = false;

		for (k = colon; k > s->first && !found; k--) {
			uint32_t st0 = k - 1;

			if (!(st0 == s->first || tok_punct(a, st0 - 1, ',') ||
			      tok_is(a, st0 - 1, W_THAT)) ||
			    (a->toks[st0].flags & TF_INQ))
				continue;
			found = ws__np_right(a, st0, colon, &sp, false) &&
			        speaker_ok(a, &sp) && sp.type != M_REL &&
			        followed_by_verb(a, sp.end, colon);
		}
		if (!found)
			return WS_OK;
	}
	if (!(sp.type == M_PRONOUN || sp.type == M_NAME ||
	      tok_is(a, sp.head,
	             W_ROLE | W_TITLE | W_ANON | W_GROUPNOUN | W_ORG | W_INFO |
	                     W_MEDIUM)))
		return WS_OK;
	if (sp.type == M_PRONOUN && tok_is(a, sp.head, W_PRON_IT))
		return WS_OK;
	at = new_attr(st, NULL, NOTOK, si);
	if (!at)
		return WS_ENOMEM;
	at->cue_first = at->cue_end = NOTOK;
	set_speaker(at, &sp);
	at->rule = "subject_colon_quote";
	at->type = WS_QUOTE_DIRECT;
	at->conf = 0.7f;
	return add_quote_chain(a, at, q);
}

/*
 * The question put to someone, reported without its asker: "Asked
 * whether he would run, Smith said ...", "When asked about it, ...",
 * "Asked in Iowa which county he liked, ...", and after the answer:
 * "..., Christie said when asked whether C." The content runs to the
 * comma (to the clause's end after the answer); "asked by a reporter"
 * names the asker as the speaker. `from` is the sentence's first "asked"
 * (none before it).
 */
static int frame_asked(struct state *st, const struct sent *s, uint32_t si,
                       uint32_t from)
{
	struct ana *a = st->a;
	uint32_t k = s->first, c, e;
	struct attr *at;
	struct mention by;
	bool has_by = false, after = false;
	int rc;

	if (tok_is(a, k, W_SUB) && ws__tok_eq(a, k, "when"))
		k++;
	if (k + 2 < s->end && !ws__tok_eq(a, k, "asked")) {
		/* "Christie said when asked whether ...", "... after
		 * being asked whether ..." */
		for (k = from > s->first + 2 ? from : s->first + 2;
		     k + 2 < s->end; k++)
			if (ws__tok_eq(a, k, "asked") &&
			    !(a->toks[k].flags & TF_INQ) &&
			    (ws__tok_eq(a, k - 1, "when") ||
			     ws__tok_eq(a, k - 1, "being")))
				break;
		after = true;
	}
	if (k + 2 >= s->end || !ws__tok_eq(a, k, "asked"))
		return WS_OK;
	c = k;
	k++;
	if (ws__tok_eq(a, k, "by") &&
	    ws__np_right(a, k + 1, s->end, &by, false) && speaker_ok(a, &by)) {
		has_by = true;
		k = by.end;
	}
	/* "Asked in Iowa recently whether" */
	if (k < s->end && !tok_is(a, k, W_WH | W_TO | W_REL) &&
	    !ws__tok_eq(a, k, "about"))
		k = ws__skip_adjuncts(a, k, s->end);
	if (k >= s->end ||
	    !(tok_is(a, k, W_WH | W_TO) || ws__tok_eq(a, k, "about") ||
	      ((ws__tok_eq(a, k, "which") || ws__tok_eq(a, k, "who")) &&
	       k + 1 < s->end && !tok_punct(a, k + 1, ','))))
		return WS_OK; /* "Asked by Ann Lee." ends the sentence */
	if (after) {
		e = clause_end(a, s, k, NULL, 0, 0);
	} else {
		for (e = k + 1; e < s->end; e++)
			if (tok_punct(a, e, ',') &&
			    !(a->toks[e].flags & TF_INQ))
				break;
		if (e >= s->end)
			return WS_OK;
	}
	if (e <= k)
		return WS_OK;
	at = new_attr(st, NULL, c, si);
	if (!at)
		return WS_ENOMEM;
	at->cue_end = c + 1;
	at->lemma = ask_lemma(a);
	if (at->lemma == NOTOK) {
		at->dead = true;
		return WS_OK;
	}
	if (has_by) {
		at->sp = by;
		at->has_sp = true;
	}
	at->how = WS_ATTR_EXPLICIT;
	at->rule = "asked_question";
	rc = content_tokens(a, at, k, e);
	at->conf = 0.6f;
	if (!at->nsegs)
		at->dead = true;
	return rc;
}

/*
 * "Trump is expected to deliver a speech tonight": an expectation with
 * no one named to hold it. The content is the subject and the
 * infinitive; there is no speaker.
 */
static int frame_expected(struct state *st, const struct sent *s, uint32_t si,
                          uint32_t x)
{
	struct ana *a = st->a;
	struct cue_hit h;
	struct mention subj;
	struct attr *at;
	uint32_t b = x, end, s0, s1, k;
	int rc;

	if (x + 2 >= s->end || !tok_is(a, x + 1, W_TO) ||
	    !match_cue(a, x, s->end, &h))
		return WS_OK;
	/* "X is expected to Y, according to S": S's report already. */
	for (k = st->attrs.n; k > 0; k--) {
		const struct attr *o = &((struct attr *)st->attrs.items)[k - 1];

		if (o->sent != si)
			break;
		if (!o->dead && o->cfirst != NOTOK && o->cfirst <= x &&
		    o->cend > x)
			return WS_OK;
	}
	while (b > s->first && tok_is(a, b - 1, W_ADV | W_NEG) &&
	       !tok_is(a, b - 1, W_BE))
		b--;
	if (b == s->first || !tok_is(a, b - 1, W_BE) || b - 1 == s->first)
		return WS_OK;
	b--;
	if (!ws__np_left(a, s->first, b, &subj) || subj.end != b)
		return WS_OK;
	end = clause_end(a, s, x + 1, NULL, 0, 0);
	if (subj.type == M_REL) { /* ", who are expected to speak, ..." */
		for (k = x + 2; k < end; k++)
			if (tok_punct(a, k, ',') &&
			    !(a->toks[k].flags & TF_INQ)) {
				end = k;
				break;
			}
	}
	if (end <= x + 2)
		return WS_OK;
	h.first = b;
	at = new_attr(st, &h, b, si);
	if (!at)
		return WS_ENOMEM;
	at->rule = "passive_expected";
	at->how = WS_ATTR_EXPLICIT;
	at->type = WS_QUOTE_INDIRECT;
	if (token_span(a, subj.first, subj.end, &s0, &s1)) {
		rc = add_seg(a, at, s0, s1);
		if (rc != WS_OK)
			return rc;
	}
	if (token_span(a, x + 1, end, &s0, &s1)) {
		rc = add_seg(a, at, s0, s1);
		if (rc != WS_OK)
			return rc;
	}
	at->cfirst = subj.first;
	at->cend = end;
	at->conf = 0.6f;
	if (at->nsegs < 2)
		at->dead = true;
	return WS_OK;
}

/*
 * "In a CNN poll released Sunday, three of four voters disapproved":
 * the poll opening the sentence is the source of the finding after the
 * comma (PolNeAR train: 14 of 17 such sentences are annotated so).
 */
static int frame_in_poll(struct state *st, const struct sent *s, uint32_t si)
{
	static const char *const polls[] = {"poll", "polls", "survey",
	                                    "surveys"};
	struct ana *a = st->a;
	struct mention m;
	struct attr *at;
	uint32_t k, comma = NOTOK, end;
	int rc;

	if (s->end - s->first < 6 || !ws__tok_eq(a, s->first, "in"))
		return WS_OK;
	for (k = s->first + 1; k < s->end && k < s->first + 14; k++) {
		if (a->toks[k].flags & TF_INQ)
			return WS_OK;
		if (tok_punct(a, k, ',')) {
			comma = k;
			break;
		}
	}
	if (comma == NOTOK || comma + 2 >= s->end)
		return WS_OK;
	/* The phrase may go on with a participle: "a poll released
	 * Sunday", "a survey conducted in May". */
	for (k = s->first + 1; k < comma; k++)
		if (ws__tok_in(a, k, polls, WS_ARRAY_LEN(polls)))
			break;
	if (k >= comma || !ws__np_right(a, s->first + 1, k + 1, &m, true) ||
	    m.end != k + 1 || !ws__is_clause(a, comma + 1, s->end))
		return WS_OK;
	end = clause_end(a, s, comma + 1, NULL, 0, 0);
	if (end <= comma + 1)
		return WS_OK;
	at = new_attr(st, NULL, s->first, si);
	if (!at)
		return WS_ENOMEM;
	at->cue_end = s->first + 1;
	at->lemma = LEMMA_LABEL;
	at->sp = m;
	at->sp.end = comma;
	at->has_sp = true;
	at->how = WS_ATTR_ACCORDING_TO;
	at->rule = "in_poll";
	rc = content_tokens(a, at, comma + 1, end);
	at->conf = 0.7f;
	if (!at->nsegs)
		at->dead = true;
	return rc;
}

/* An impression or a passed-on report is short: its content [r, end)
 * ends at the first comma, colon or dash ("to be moving behind Trump,
 * despite ...", "closer in Ohio, with some polls ..."). */
static uint32_t short_end(const struct ana *a, uint32_t r, uint32_t end)
{
	uint32_t k;

	for (k = r + 1; k < end; k++)
		if (!(a->toks[k].flags & TF_INQ) &&
		    (tok_punct(a, k, ',') || tok_punct(a, k, ':') ||
		     (a->toks[k].kind == TK_PUNCT && a->toks[k].ch == PC_DASH)))
			return k;
	return end;
}

/* The content of an impression or a passed-on report, in two pieces:
 * the subject (none for "it seemed that") and tokens [r, end). */
static int subject_and_rest(struct ana *a, struct attr *at,
                            const struct mention *subj, uint32_t r,
                            uint32_t end)
{
	uint32_t s0, s1;
	int rc;

	if (subj && token_span(a, subj->first, subj->end, &s0, &s1)) {
		rc = add_seg(a, at, s0, s1);
		if (rc != WS_OK)
			return rc;
	}
	if (token_span(a, r, end, &s0, &s1)) {
		rc = add_seg(a, at, s0, s1);
		if (rc != WS_OK)
			return rc;
	}
	mark_used(a, r, end);
	at->cfirst = subj ? subj->first : r;
	at->cend = end;
	at->conf = 0.5f;
	if (!at->nsegs)
		at->dead = true;
	return WS_OK;
}

/*
 * "The plan seemed to stall", "Voters appear unmoved", "It seems that
 * ...": an impression the writer reports without a speaker. The content
 * is the subject and what follows the verb, as two segments (PolNeAR's
 * convention, as for "X is expected to Y"). "appeared on Fox News",
 * "appeared Tuesday" are appearances, not impressions.
 */
static int frame_raising(struct state *st, const struct sent *s, uint32_t si,
                         uint32_t x)
{
	struct ana *a = st->a;
	struct cue_hit h, h2;
	struct mention subj;
	struct attr *at;
	uint32_t b, r, end;
	bool expletive;

	if (!match_cue(a, x, s->end, &h) || h.end >= s->end)
		return WS_OK;
	/* Inside another attribution's content: its speaker's words. */
	if (in_content(st, si, x))
		return WS_OK;
	r = h.end;
	while (r < s->end && tok_is(a, r, W_ADV) && !tok_is(a, r, W_PREP))
		r++;
	if (r >= s->end || (a->toks[r].flags & TF_INQ))
		return WS_OK;
	if (a->toks[r].kind == TK_QUOTE) {
		/* seemed "unhinged" */
	} else if (a->toks[r].kind != TK_WORD || (a->toks[r].flags & TF_CAP) ||
	           tok_is(a, r,
	                  W_TIME | W_COORD | W_SUB | W_REL | W_PRON |
	                          W_PRON_OBJ) ||
	           (tok_is(a, r, W_PREP) && !tok_is(a, r, W_TO) &&
	            !ws__tok_eq(a, r, "like"))) {
		/* "as if", "as though" */
		if (!(ws__tok_eq(a, r, "as") && r + 1 < s->end &&
		      (ws__tok_eq(a, r + 1, "if") ||
		       ws__tok_eq(a, r + 1, "though"))))
			return WS_OK;
	}
	if (tok_is(a, r, W_TO) && r + 1 < s->end &&
	    match_cue(a, r + 1, s->end, &h2) && !(h2.flags & CUE_RAISING))
		return WS_OK; /* "seemed to blame": the cue's frames */
	if (tok_is(a, r, W_TO) &&
	    (r + 1 >= s->end || a->toks[r + 1].kind != TK_WORD ||
	     tok_is(a, r + 1, W_DET | W_PRON_OBJ | W_POSSPRON) ||
	     (a->toks[r + 1].flags & TF_CAP)))
		return WS_OK; /* "appeared to reporters", "to the crowd" */
	b = cue_start_with_aux(a, s, x);
	if (b == s->first || is_modal(a, b))
		return WS_OK;
	if (!ws__np_left(a, s->first, b, &subj) || subj.end != b ||
	    (a->toks[subj.first].flags & TF_INQ))
		return WS_OK;
	expletive = subj.end == subj.first + 1 &&
	            (ws__tok_eq(a, subj.first, "it") ||
	             ws__tok_eq(a, subj.first, "there"));
	if (expletive && ws__tok_eq(a, subj.first, "it") &&
	    !tok_is(a, r, W_THAT | W_AS | W_TO) && !ws__tok_eq(a, r, "like"))
		return WS_OK; /* "it seemed fine": "it" refers */
	end = short_end(a, r, clause_end(a, s, r, NULL, 0, 0));
	if (end <= r)
		return WS_OK;
	h.first = b;
	at = new_attr(st, &h, b, si);
	if (!at)
		return WS_ENOMEM;
	at->rule = "raising_impression";
	at->how = WS_ATTR_EXPLICIT;
	at->type = has_quote(a, r, end) ? WS_QUOTE_MIXED : WS_QUOTE_INDIRECT;
	return subject_and_rest(a, at, expletive ? NULL : &subj, r, end);
}

/*
 * "The group is reportedly spending $1.5 million on ads": a report the
 * writer passes on without its source. As for an impression, the
 * content is the subject and the predicate after the adverb, as two
 * pieces, and there is no speaker.
 */
static int frame_reportedly(struct state *st, const struct sent *s, uint32_t si,
                            uint32_t x)
{
	struct ana *a = st->a;
	struct mention subj;
	struct attr *at;
	uint32_t b = x, r = x + 1, end;

	if (in_content(st, si, x))
		return WS_OK; /* inside another attribution */
	while (b > s->first && tok_is(a, b - 1, W_AUX | W_BE | W_ADV) &&
	       !tok_is(a, b - 1, W_PREP) && !is_modal(a, b - 1))
		b--;
	if (b == s->first || r >= s->end || a->toks[r].kind != TK_WORD ||
	    (a->toks[r].flags & (TF_CAP | TF_INQ)) ||
	    !(ws__verb_like(a, r) ||
	      (b < x && (ends_with_ing(a, r) || ends_with_ed(a, r)))))
		return WS_OK;
	if (!ws__np_left(a, s->first, b, &subj) || subj.end != b ||
	    (a->toks[subj.first].flags & TF_INQ) || subj.type == M_REL)
		return WS_OK;
	/* "Jones reportedly said that ...": the cue's own attribution,
	 * with Jones its speaker. */
	{
		struct cue_hit h;

		if (tok_is(a, r, W_CUE) && match_cue(a, r, s->end, &h) &&
		    !(h.flags & (CUE_NOQUOTE | CUE_WEAK)) &&
		    h.lemma < LEMMA_LABEL &&
		    a->lx->lemmas[h.lemma].stance == WS_STANCE_NEUTRAL)
			return WS_OK;
	}
	end = short_end(a, r, clause_end(a, s, r, NULL, 0, 0));
	if (end <= r + 1)
		return WS_OK;
	at = new_attr(st, NULL, x, si);
	if (!at)
		return WS_ENOMEM;
	at->cue_end = x + 1;
	at->lemma = LEMMA_LABEL;
	at->rule = "reportedly";
	at->how = WS_ATTR_EXPLICIT;
	at->type = has_quote(a, r, end) ? WS_QUOTE_MIXED : WS_QUOTE_INDIRECT;
	return subject_and_rest(a, at, &subj, r, end);
}

/*
 * "Clinton was asked about her speeches", "... was asked by a caller
 * why ...": the question put to the subject. Its asker, when named
 * with "by", is the speaker; else there is none.
 */
static int frame_passive_asked(struct state *st, const struct sent *s,
                               uint32_t si, uint32_t x)
{
	struct ana *a = st->a;
	struct cue_hit h;
	struct mention by;
	struct attr *at;
	uint32_t b = x, r = x + 1, end = 0;
	bool has_by = false, quoted;

	if (x + 2 >= s->end || !match_cue(a, x, s->end, &h))
		return WS_OK;
	while (b > s->first && tok_is(a, b - 1, W_ADV) &&
	       !tok_is(a, b - 1, W_BE | W_NEG))
		b--;
	if (b == s->first || !tok_is(a, b - 1, W_BE))
		return WS_OK;
	if (ws__tok_eq(a, r, "by") &&
	    ws__np_right(a, r + 1, s->end, &by, false) && speaker_ok(a, &by)) {
		has_by = true;
		r = by.end;
	}
	if (r >= s->end)
		return WS_OK;
	/* `X was asked, "Q?"`: the question as quoted. */
	quoted = r + 1 < s->end &&
	         (tok_punct(a, r, ',') || tok_punct(a, r, ':')) &&
	         a->toks[r + 1].kind == TK_QUOTE && a->toks[r + 1].q &&
	         a->quotes[a->toks[r + 1].q - 1].open == r + 1 &&
	         !a->quotes[a->toks[r + 1].q - 1].used;
	if (!quoted) {
		if (ws__tok_eq(a, r, "about"))
			r++;
		else if (!tok_is(a, r, W_WH) &&
		         /* "was asked to release the transcripts" */
		         !(tok_is(a, r, W_TO) && r + 1 < s->end &&
		           a->toks[r + 1].kind == TK_WORD &&
		           !(a->toks[r + 1].flags & TF_CAP) &&
		           !tok_is(a, r + 1, W_DET | W_PRON_OBJ | W_POSSPRON)))
			return WS_OK;
		end = clause_end(a, s, r, NULL, 0, 0);
		if (end <= r)
			return WS_OK;
	}
	h.first = b - 1;
	at = new_attr(st, &h, b - 1, si);
	if (!at)
		return WS_ENOMEM;
	if (has_by) {
		at->sp = by;
		at->has_sp = true;
	}
	at->rule = "passive_asked";
	at->how = WS_ATTR_EXPLICIT;
	at->conf = 0.6f;
	if (quoted) {
		at->type = WS_QUOTE_DIRECT;
		return add_quote_chain(a, at, a->toks[r + 1].q);
	}
	return content_tokens(a, at, r, end);
}

/*
 * "The plan was rejected by the council", "the deal was praised by the
 * union": a cue that takes an object, in the passive with its agent.
 * The agent is the speaker and the subject the content.
 */
static int frame_passive_by(struct state *st, const struct sent *s, uint32_t si,
                            uint32_t x)
{
	struct ana *a = st->a;
	struct cue_hit h;
	struct mention by, subj;
	struct attr *at;
	uint32_t b = x;

	if (!match_cue(a, x, s->end, &h) || h.end + 1 >= s->end ||
	    !ends_with_ed(a, h.end - 1))
		return WS_OK;
	if (in_content(st, si, x))
		return WS_OK; /* inside another attribution */
	while (b > s->first && tok_is(a, b - 1, W_ADV) &&
	       !tok_is(a, b - 1, W_BE | W_NEG))
		b--;
	if (b == s->first || !tok_is(a, b - 1, W_BE))
		return WS_OK;
	b--;
	while (b > s->first && tok_is(a, b - 1, W_AUX) &&
	       !tok_is(a, b - 1, W_NEG) && !is_modal(a, b - 1))
		b--;
	if (!ws__np_right(a, h.end + 1, s->end, &by, false) ||
	    !speaker_ok(a, &by) || by.type == M_REL ||
	    !(by.type == M_NAME ||
	      tok_is(a, by.head,
	             W_ROLE | W_TITLE | W_ORG | W_ORGNAME | W_GROUPNOUN |
	                     W_ANON | W_INFO | W_MEDIUM)) ||
	    (by.end < s->end && !(a->toks[by.end].kind == TK_PUNCT ||
	                          tok_is(a, by.end, W_PREP | W_TIME))))
		return WS_OK;
	if (!ws__np_left(a, s->first, b, &subj) || subj.end != b ||
	    subj.type == M_REL || subj.type == M_PRONOUN ||
	    (a->toks[subj.first].flags & TF_INQ))
		return WS_OK;
	h.first = b;
	at = new_attr(st, &h, b, si);
	if (!at)
		return WS_ENOMEM;
	at->sp = by;
	at->has_sp = true;
	at->rule = "passive_by";
	at->how = WS_ATTR_EXPLICIT;
	at->conf = 0.55f;
	return content_tokens(a, at, subj.first, subj.end);
}

/*
 * A subject that labels something with quoted words takes those words
 * for its own, whatever the verb: "Christie blasted Clinton as a
 * "disgrace"", "Japan branded North Korea an "outlaw nation"", "Reid
 * has gone after Trump as a "human leech"". The quotation must be a
 * short fragment no cue has claimed, close after the verb, and the
 * verb must have a subject.
 */
static int frame_quoted_label(struct state *st, const struct sent *s,
                              uint32_t si)
{
	struct ana *a = st->a;
	uint32_t k;

	for (k = s->first; k < s->end; k++) {
		const struct tok *t = &a->toks[k];
		const struct qspan *q;
		uint32_t v, j, ce;
		struct mention sp;
		int rc;

		if (t->kind != TK_QUOTE || !t->q ||
		    a->quotes[t->q - 1].open != k)
			continue;
		q = &a->quotes[t->q - 1];
		if (q->used || q->words > 12 || q->close == NOTOK)
			continue;
		/* The verb: within six words before the mark, over a noun
		 * phrase and "as", "to", "of". */
		v = NOTOK;
		for (j = k; j > s->first && k - j < 8; j--) {
			uint32_t p = j - 1;

			if (a->toks[p].flags & TF_INQ ||
			    a->toks[p].kind == TK_QUOTE ||
			    tok_punct(a, p, ',') || tok_punct(a, p, ';'))
				break;
			if (ws__verb_like(a, p) &&
			    !tok_is(a, p, W_AUX | W_BE) &&
			    !(a->toks[p].flags & TF_CAP)) {
				v = p;
				break;
			}
		}
		if (v == NOTOK || v + 1 >= k)
			continue;
		/* Only "X as "Q"" and "X a "Q"": the quotation names what
		 * the object is; a verb that is a cue had its own frames. */
		{
			struct cue_hit h;
			uint32_t b = k - 1;

			if (tok_is(a, b, W_DET) && !tok_is(a, b, W_THAT) &&
			    b > v)
				b--;
			if (!tok_is(a, b, W_AS) || b <= v + 1 ||
			    match_cue(a, v, s->end, &h))
				continue;
		}
		j = v;
		while (j > s->first && tok_is(a, j - 1, W_AUX | W_ADV) &&
		       !tok_is(a, j - 1, W_PREP | W_NEG))
			j--;
		if (j > s->first && tok_is(a, j - 1, W_NEG))
			continue;
		if (!ws__np_left(a, s->first, j, &sp) || !speaker_ok(a, &sp) ||
		    sp.type == M_REL ||
		    !(sp.type == M_PRONOUN || sp.type == M_NAME ||
		      tok_is(a, sp.head,
		             W_ROLE | W_TITLE | W_ANON | W_GROUPNOUN | W_ORG)))
			continue;
		ce = q->close + 1;
		rc = label_attr(st, si, j, v + 1, &sp,
		                "subject_verb_quoted_label", v + 1, ce, 0.6f);
		if (rc != WS_OK)
			return rc;
		k = ce - 1;
	}
	return WS_OK;
}

/*
 * Are tokens [first, end) a heading or a dateline in capitals, "MOVING
 * SHOP--", "LOS ANGELES --", rather than a name? One short acronym
 * ("NATO:") may be a speaker.
 */
static bool heading(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k, letters = 0;

	for (k = first; k < end; k++) {
		if (a->toks[k].kind != TK_WORD)
			continue;
		if (!(a->toks[k].flags & TF_ALLCAP))
			return false;
		letters += a->toks[k].end - a->toks[k].start;
	}
	return letters > 5;
}

/* At i, below end: `"WALLACE:`, an opening quotation mark and a speaker's
 * label in capitals, with the colon. */
static bool quoted_label(const struct ana *a, uint32_t i, uint32_t end)
{
	return i + 3 < end && a->toks[i].kind == TK_QUOTE &&
	       a->toks[i + 1].kind == TK_WORD &&
	       (a->toks[i + 1].flags & TF_ALLCAP) &&
	       /* a name, or a role ("HOST:"); not "VIDEO:" */
	       (!a->toks[i + 1].lex ||
	        (tok_is(a, i + 1, W_ROLE | W_TITLE) &&
	         !tok_is(a, i + 1, W_CUE | W_MEDIUM | W_INFO))) &&
	       tok_punct(a, i + 2, ':');
}

/* How many paragraphs open on a quoted label, counted up to 2: a
 * transcript has more than one. Once a document: the state keeps it. */
static int quoted_labels(const struct ana *a)
{
	int n = 0;
	uint32_t p;

	for (p = 0; p < a->nparas && n < 2; p++)
		n += quoted_label(a, a->paras[p].first, a->paras[p].end);
	return n;
}

static int frame_signature(struct state *st, const struct sent *s, uint32_t si)
{
	struct ana *a = st->a;
	struct mention m;
	uint32_t k, q, lab;

	if ((a->toks[s->first].flags & TF_PARA) &&
	    !tok_is(a, s->first, W_CUE) &&
	    ws__np_right(a, s->first, s->end, &m, false) && m.type == M_NAME &&
	    m.end + 1 < s->end && !heading(a, m.first, m.end) &&
	    (tok_punct(a, m.end, ':') || is_dash(a, m.end)) &&
	    (q = opens_quote(a, m.end + 1)) != 0)
		return signature_attr(st, si, &m, q, "name_colon_quote");
	/* `"WALLACE: If I may ...`: a transcript quoted paragraph by
	 * paragraph, each opening on its speaker's label. */
	lab = s->first;
	if (st->labels < 0)
		st->labels = quoted_labels(a);
	if ((a->toks[lab].flags & TF_PARA) && st->labels >= 2 &&
	    quoted_label(a, lab, s->end)) {
		struct attr *at;
		uint32_t n0;
		int rc;

		one_word_name(lab + 1, &m);
		n0 = st->attrs.n;
		rc = colon_content(st, s, si, &m);
		if (rc != WS_OK || st->attrs.n == n0)
			return rc;
		at = (struct attr *)st->attrs.items + n0;
		if (!at->dead) {
			at->type = WS_QUOTE_DIRECT;
			at->rule = "transcript_label";
			at->conf = 0.8f;
		}
		return WS_OK;
	}
	if ((a->toks[s->first].flags & TF_PARA) &&
	    !tok_is(a, s->first, W_CUE) &&
	    ws__np_right(a, s->first, s->end, &m, false) &&
	    (m.type == M_NAME ||
	     /* "Report: ...", "Insiders: ...": a headline's source noun */
	     (m.end == m.first + 1 && (a->toks[m.first].flags & TF_CAP) &&
	      tok_is(a, m.first,
	             W_INFO | W_GROUPNOUN | W_ORG | W_MEDIUM | W_ROLE))) &&
	    m.end - m.first <= 5 && m.end + 3 < s->end &&
	    tok_punct(a, m.end, ':') && !has_noname(a, m.first, m.end) &&
	    !tok_is(a, m.head, W_PLACE) &&
	    !(m.end == m.first + 1 && single_letters(a, m.first)) &&
	    /* In the body, one word before the colon speaks when it is
	     * a transcript's label in capitals or the surname of someone
	     * named in full ("Matthews:"); "Superdelegates:" is a topic. */
	    !(s->para > 0 && m.type == M_NAME && m.end == m.first + 1 &&
	      !(a->toks[m.first].flags & TF_ALLCAP) &&
	      !named_in_full(a, m.first, 0, a->ntoks, &st->lookback)))
		return colon_content(st, s, si, &m); /* not "Q:", "Q&A:" */
	/* A paragraph of a quotation, then one of "- Sanders." or "--
	 * Bernie Sanders, senator": the signature under the quotation. */
	if ((a->toks[s->first].flags & TF_PARA) && is_dash(a, s->first) &&
	    si > 0 && a->sents[si - 1].para + 1 == a->sents[si].para &&
	    (a->toks[a->sents[si - 1].first].flags & TF_PARA) &&
	    ws__np_right(a, s->first + 1, s->end, &m, false) &&
	    m.type == M_NAME &&
	    (m.end >= s->end || tok_punct(a, m.end, ',') ||
	     (tok_punct(a, m.end, '.') && m.end + 1 >= s->end)) &&
	    (q = quote_sentence(a, &a->sents[si - 1])) != 0 &&
	    a->quotes[q - 1].close != NOTOK &&
	    a->quotes[q - 1].close + 2 >= a->sents[si - 1].end)
		return signature_attr(st, si, &m, q, "quote_dash_name");
	/* "POLLS MISSED THE SHIFT - Ann Lee and Tom Ruiz: "Q"", "- More
	 * from Lee: "Q"": a round-up's headline, then its source; one
	 * paragraph may hold several such items. */
	for (k = s->first + 1; k + 3 < s->end; k++) {
		uint32_t j = k + 1;
		int rc;

		if (!is_dash(a, k) || (a->toks[k].flags & TF_INQ))
			continue;
		if (ws__tok_eq(a, j, "more") && ws__tok_eq(a, j + 1, "from"))
			j += 2;
		if (!ws__np_right(a, j, s->end, &m, false) ||
		    m.type != M_NAME || m.end + 1 >= s->end ||
		    heading(a, m.first, m.end) || !tok_punct(a, m.end, ':') ||
		    (q = opens_quote(a, m.end + 1)) == 0)
			continue;
		rc = signature_attr(st, si, &m, q, "name_colon_quote");
		if (rc != WS_OK)
			return rc;
	}
	for (k = s->first; k + 2 < s->end; k++) {
		const struct tok *t = &a->toks[k];

		if (t->kind != TK_QUOTE || !t->q ||
		    a->quotes[t->q - 1].close != k ||
		    a->quotes[t->q - 1].used || !is_dash(a, k + 1))
			continue;
		if (ws__np_right(a, k + 2, s->end, &m, false) &&
		    m.type == M_NAME &&
		    (m.end >= s->end || tok_punct(a, m.end, ',') ||
		     tok_punct(a, m.end, '.')))
			return signature_attr(st, si, &m, t->q,
			                      "quote_dash_name");
	}
	return WS_OK;
}

/* A word that reads as a past or present verb: "barked", "read",
 * "snaps"; not a lexicon cue (the frames above have those). */
static bool tag_verb(const struct ana *a, uint32_t v, uint32_t end)
{
	const struct tok *t = &a->toks[v];
	struct cue_hit h;

	if (t->kind != TK_WORD || (t->flags & (TF_CAP | TF_INQ)) ||
	    tok_is(a, v,
	           W_PREP | W_DET | W_COORD | W_SUB | W_AUX | W_BE | W_NEG |
	                   W_PRON | W_ADV | W_TIME))
		return false;
	if (tok_is(a, v, W_CUE) && match_cue(a, v, end, &h))
		return false;
	return ends_with_ed(a, v) || tok_is(a, v, W_VERB) ||
	       ws__tok_eq(a, v, "read") ||
	       (t->end - t->start > 3 && a->text[t->end - 1] == 's' &&
	        a->text[t->end - 2] != 's');
}

/*
 * `"Go back to Univision," Trump barked`, `"I am still here," it
 * read`, `"Never," snapped Ellis`: a quotation that ends in a comma,
 * question or exclamation mark, a name or pronoun and a verb, then the
 * sentence's end or a comma. The tag is the speech tag of news even
 * when its verb is no cue in the lexicon.
 */
static int frame_quote_tag(struct state *st, const struct sent *s, uint32_t si)
{
	struct ana *a = st->a;
	uint32_t k;

	for (k = s->first; k + 2 < s->end; k++) {
		const struct tok *t = &a->toks[k];
		const struct qspan *qs;
		struct mention m;
		uint32_t q, v, e, last;
		bool inverted = false, doc;
		struct attr *at;
		int rc;

		if (t->kind != TK_QUOTE || !t->q)
			continue;
		q = t->q;
		qs = &a->quotes[q - 1];
		if (qs->close != k || qs->used || qs->end == qs->first)
			continue;
		last = qs->end - 1;
		if (!tok_punct(a, last, ',') && !tok_punct(a, last, '?') &&
		    !tok_punct(a, last, '!'))
			continue;
		/* "In "crazy election," Johnson strives ...": a quotation
		 * a preposition governs is a phrase, not speech. */
		if (qs->open > s->first &&
		    tok_is(a, qs->open - 1, W_PREP | W_DET | W_POSSPRON) &&
		    !tok_is(a, qs->open - 1, W_THAT))
			continue;
		v = k + 1;
		doc = false;
		if (ws__np_right(a, k + 1, s->end, &m, false) &&
		    m.type == M_NOMINAL && m.end >= m.first + 2 &&
		    ws__tok_eq(a, m.end - 1, "read") &&
		    tok_is(a, m.end - 2, W_INFO | W_MEDIUM)) {
			/* `"Q," the statement read.`: a document speaks;
			 * the phrase took the verb for its noun. */
			m.end--;
			ws__np_classify(a, &m);
			doc = true;
		}
		if ((doc || ws__np_right(a, k + 1, s->end, &m, false)) &&
		    (m.type == M_NAME || m.type == M_PRONOUN || doc) &&
		    !tok_is(a, m.first, W_PRON_OBJ | W_POSSPRON)) {
			v = m.end;
			while (v < s->end && tok_is(a, v, W_ADV) &&
			       !tok_is(a, v, W_PREP))
				v++;
			if (v >= s->end || !tag_verb(a, v, s->end))
				continue;
		} else if (tag_verb(a, v, s->end) &&
		           ws__np_right(a, v + 1, s->end, &m, false) &&
		           m.type == M_NAME) {
			inverted = true; /* "Never," snapped Ellis */
		} else {
			continue;
		}
		e = (inverted ? m.end : v + 1);
		if (!inverted && e < s->end && tok_is(a, e, W_PARTICLE))
			e++; /* "shot back", "fired back" */
		{
			/* "barked later,", "barked as the hall fell silent" */
			uint32_t f = e;

			while (f < s->end && tok_is(a, f, W_ADV | W_TIME) &&
			       !tok_is(a, f, W_PREP))
				f++;
			if (f < s->end && !tok_punct(a, f, ',') &&
			    !tok_punct(a, f, '.') &&
			    !tok_is(a, f, W_AND | W_SUB | W_PREP) &&
			    a->toks[f].kind != TK_QUOTE && !is_dash(a, f))
				continue;
		}
		while (a->quotes[q - 1].prev &&
		       !a->quotes[a->quotes[q - 1].prev - 1].used)
			q = a->quotes[q - 1].prev;
		at = new_attr(st, NULL, inverted ? k + 1 : v, si);
		if (!at)
			return WS_ENOMEM;
		at->cue_end = inverted ? k + 2 : (e > v + 1 ? v + 2 : v + 1);
		at->lemma = LEMMA_LABEL;
		at->sp = m;
		at->has_sp = true;
		at->how = m.type == M_PRONOUN ? WS_ATTR_COREFERENCE
		                              : WS_ATTR_EXPLICIT;
		at->rule = "quote_speaker_tag";
		at->type = WS_QUOTE_DIRECT;
		at->conf = 0.75f;
		rc = add_quote_chain(a, at, q);
		if (rc != WS_OK)
			return rc;
	}
	return WS_OK;
}

/*
 * `"A," Tester said, referring to it, "B."`: a quotation later in the
 * sentence that no cue claimed continues the direct quote before it.
 */
/* `"A," he said, but "B"`, `and still "B"`: a conjunction (and its
 * adverbs) right before the quotation at i. */
static bool conj_before(const struct ana *a, uint32_t i)
{
	uint32_t j = i - 1;

	while (j > 0 && tok_is(a, j, W_ADV) && i - j < 3)
		j--;
	return tok_is(a, j, W_AND | W_BUT) && !(a->toks[j].flags & TF_INQ);
}

static int join_rest(struct state *st, const struct sent *s, uint32_t from)
{
	struct ana *a = st->a;
	uint32_t k;

	for (k = from; k < st->attrs.n; k++) {
		struct attr *at = &((struct attr *)st->attrs.items)[k];
		struct cue_hit h;
		uint32_t i;

		if (at->dead || at->type != WS_QUOTE_DIRECT || !at->lastq ||
		    at->cue_end == NOTOK)
			continue;
		/* Only the next quotation, within a short aside that ends
		 * in a comma or colon, and no other cue between. */
		for (i = at->cue_end; i < s->end && i < at->cue_end + 28; i++) {
			const struct tok *t = &a->toks[i];
			int rc;

			/* Not a capitalised word in a name ("the Anderson
			 * Forecast"). */
			if (t->kind == TK_WORD && tok_is(a, i, W_CUE) &&
			    !((t->flags & TF_CAP) && !(t->flags & TF_SENT)) &&
			    i > at->cue_end && match_cue(a, i, s->end, &h))
				break;
			if (t->kind != TK_QUOTE)
				continue;
			if (!t->q || a->quotes[t->q - 1].open != i ||
			    a->quotes[t->q - 1].used)
				break;
			if (!tok_punct(a, i - 1, ',') &&
			    !tok_punct(a, i - 1, ':') && !conj_before(a, i))
				break;
			rc = add_quote_chain(a, at, t->q);
			if (rc != WS_OK)
				return rc;
			break;
		}
	}
	return WS_OK;
}

/* Does attribution y's content hold the byte at `b`? */
static bool content_holds(const struct attr *y, uint32_t b)
{
	uint32_t k;

	for (k = 0; k < y->nsegs; k++)
		if (y->segs[k].start <= b && b < y->segs[k].end)
			return true;
	return false;
}

/* Does the content start with the cue: "C, S said", `"Q," said S`? */
static bool content_first(const struct attr *x)
{
	return x->cfirst != NOTOK && x->cfirst < x->cue_first;
}

/*
 * Cut y's content before token `stop`, and before the commas,
 * conjunctions and subordinators that join the next clause to it
 * ("C1, although he tweeted C2"). Returns false, changing nothing, when
 * less than three tokens would be left.
 */
static bool cut_content(struct ana *a, struct attr *y, uint32_t stop)
{
	uint32_t e = stop, k, b;

	while (e > y->cfirst &&
	       ((a->toks[e - 1].kind == TK_PUNCT &&
	         !(a->toks[e - 1].flags & TF_INQ) &&
	         a->toks[e - 1].ch != ')') ||
	        tok_is(a, e - 1, W_COORD | W_SUB | W_ADV | W_REL)))
		e--;
	if (e <= y->cfirst + 2)
		return false;
	b = a->toks[e - 1].end;
	for (k = 0; k < y->nsegs && y->segs[k].start < b; k++)
		;
	if (!k)
		return false; /* nothing of the content before the cut */
	y->nsegs = k;
	while (k--)
		if (y->segs[k].end > b)
			y->segs[k].end = b;
	y->cend = e;
	if (y->type == WS_QUOTE_MIXED && !has_quote(a, y->cfirst, e))
		y->type = WS_QUOTE_INDIRECT;
	return true;
}

/*
 * Where the clause holding an inner attribution starts, when it stands
 * on its own: after a comma, dash, semicolon or colon (with the
 * conjunction, subordinator or relative word after it: ", although he
 * tweeted", ", which he said"), or after "and"/"but" joining two
 * clauses. A noun of up to three words may come first ("-- meddling the
 * congressman said is ..."). Returns NOTOK for a clause embedded with
 * no such break ("hours after Trump proposed", "a general who
 * suggested"): it belongs to the content around it.
 */
static uint32_t clause_start(const struct ana *a, uint32_t lo, uint32_t start)
{
	uint32_t k = start, n;

	while (k > lo && tok_is(a, k - 1, W_ADV) && !tok_is(a, k - 1, W_PREP))
		k--;
	/* "C1 and Democrats accused ...", not "the shootings and protests
	 * demand": what comes before must be a clause itself. */
	if (k > lo + 1 && tok_is(a, k - 1, W_AND | W_BUT) &&
	    !tok_punct(a, k - 2, ','))
		return ws__is_clause(a, lo, k - 1) ? k : NOTOK;
	for (n = 0; n < 4 && k > lo; n++) {
		const struct tok *t = &a->toks[k - 1];

		if (t->flags & TF_INQ)
			return NOTOK;
		if (tok_is(a, k - 1, W_COORD | W_SUB | W_REL) &&
		    !tok_is(a, k - 1, W_THAT) && n == 0) {
			k--;
			continue;
		}
		if (tok_punct(a, k - 1, ',') && n == 0 && k > lo + 2) {
			/* "although her deputy, Omar Haddad, warned": the
			 * clause starts before the role the name is in
			 * apposition to. */
			struct mention m;
			uint32_t b;

			if (ws__np_left(a, lo, k - 1, &m) && m.first > lo) {
				b = m.first - 1;
				if ((tok_is(a, b, W_COORD | W_SUB | W_REL) &&
				     !tok_is(a, b, W_THAT)) ||
				    tok_punct(a, b, ',') ||
				    (a->toks[b].kind == TK_PUNCT &&
				     a->toks[b].ch == PC_DASH))
					return m.first;
			}
		}
		if (tok_punct(a, k - 1, ',') || tok_punct(a, k - 1, ';') ||
		    tok_punct(a, k - 1, ':') ||
		    (t->kind == TK_PUNCT && t->ch == PC_DASH))
			return k;
		if (t->kind != TK_WORD || tok_is(a, k - 1, W_PREP | W_DET) ||
		    ws__verb_like(a, k - 1))
			return NOTOK;
		k--;
	}
	return NOTOK;
}

/*
 * PolNeAR never nests one attribution in another's content: in "X said
 * C1, although he tweeted C2" the two are side by side, and in "X said
 * he believes C" the belief is X's statement. When a cue falls inside
 * another attribution's content, the outer content ends where the inner
 * clause begins (its subject, or its cue when the subject is shared);
 * an inner clause that is the whole outer content is dropped. Two
 * attributions each inside the other ("During the talks, X conceded C,
 * the paper reported") are two readings of one sentence and both stay.
 * A cue is checked against at most NEST_MAX open contents, which keeps
 * a long run of nested quotations linear.
 */
#define NEST_MAX 32

static void resolve_nesting(struct state *st, uint32_t from)
{
	struct ana *a = st->a;
	struct attr *ats = st->attrs.items;
	uint32_t outer[NEST_MAX], n = 0, i, j, c;

	/* The contents a cue can fall in (no direct quotations). A sentence
	 * with more than NEST_MAX is a list of tagged quotations, not prose
	 * ("A," he read "B," he read ...): left as it is, so that this pass
	 * stays linear in the attributions. */
	for (j = from; j < st->attrs.n; j++) {
		const struct attr *y = &ats[j];

		if (y->dead || !y->nsegs || y->type == WS_QUOTE_DIRECT ||
		    y->cfirst == NOTOK || y->cend == NOTOK)
			continue;
		if (n == NEST_MAX)
			return;
		outer[n++] = j;
	}
	for (i = from; i < st->attrs.n; i++) {
		struct attr *x = &ats[i];
		uint32_t cb;

		if (x->dead || x->cue_first == NOTOK || !x->nsegs ||
		    x->cend == NOTOK)
			continue;
		cb = a->toks[x->cue_first].start;
		for (c = 0; c < n && !x->dead; c++) {
			struct attr *y = &ats[j = outer[c]];
			uint32_t start;

			if (j == i || y->dead || !y->nsegs ||
			    y->type == WS_QUOTE_DIRECT || y->cfirst == NOTOK ||
			    y->cend == NOTOK || !content_holds(y, cb))
				continue;
			/* Each inside the other: two readings of one
			 * sentence, left as they are. */
			if (y->cue_first != NOTOK &&
			    content_holds(x, a->toks[y->cue_first].start))
				continue;
			if (content_first(x))
				continue;
			/* "NEW DELHI: Modi said C": a frame with no cue of
			 * its own (a name and a colon) yields to the
			 * attribution with a speaker and a cue inside it. */
			if (y->cue_first == NOTOK && x->has_sp &&
			    x->sp.first <= y->cfirst + 1 &&
			    /* but "Rubio: I still believe C", "Bill
			     * Clinton: Hillary thinks C": the person named
			     * tells of the belief */
			    !(y->has_sp && y->sp.kind == WS_KIND_PERSON &&
			      (tok_is(a, x->sp.first, W_PRON) ||
			       (x->lemma < LEMMA_LABEL &&
			        (a->lx->lemmas[x->lemma].flags &
			         CUE_NOQUOTE))))) {
				y->dead = true;
				continue;
			}
			start = x->cue_first;
			if (x->has_sp && x->sp.first >= y->cfirst &&
			    x->sp.first < x->cue_first)
				start = x->sp.first;
			/* "he believes C", "C1 and the family planned C2":
			 * a clause at the content's start, or a belief or
			 * intention inside it, is the outer speaker's. */
			if (start <= y->cfirst + 2 ||
			    (tok_is(a, y->cfirst, W_THAT) &&
			     start <= y->cfirst + 3) ||
			    (x->lemma < LEMMA_LABEL &&
			     (a->lx->lemmas[x->lemma].flags & CUE_NOQUOTE)) ||
			    (tok_is(a, y->cfirst, W_SUB | W_PREP) &&
			     !tok_is(a, y->cfirst, W_THAT)) ||
			    x->cend + 1 < y->cend ||
			    (start = clause_start(a, y->cfirst, start)) ==
			            NOTOK ||
			    !cut_content(a, y, start))
				x->dead = true;
		}
	}
}

/*
 * A belief or intention inside what someone else reported is theirs to
 * tell, not the subject's statement: in "Zelenskyy accused a group of
 * plotters planned a coup", the group said nothing.
 */
static void drop_nested_beliefs(struct state *st, uint32_t from)
{
	struct ana *a = st->a;
	struct attr *ats = st->attrs.items;
	uint32_t i, j;

	for (i = from; i < st->attrs.n; i++) {
		struct attr *x = &ats[i];

		if (x->dead || x->cue_first == NOTOK ||
		    x->lemma == LEMMA_ACCORDING || x->lemma == LEMMA_LABEL ||
		    !(a->lx->lemmas[x->lemma].flags & CUE_NOQUOTE) ||
		    x->type != WS_QUOTE_INDIRECT)
			continue;
		for (j = from; j < st->attrs.n; j++) {
			const struct attr *y = &ats[j];

			if (j == i || y->dead || y->cfirst == NOTOK ||
			    y->cue_first == NOTOK ||
			    y->cue_first >= x->sp.first)
				continue;
			if (y->cfirst <= x->sp.first && x->cue_end <= y->cend) {
				x->dead = true;
				break;
			}
		}
	}
}

/*
 * A quotation-only sentence after a sentence with a person for subject
 * is that person's: `Varga said it was time to go. "We are done."`,
 * `He paused. "But it needs work."`. It is a quote of its own, without
 * a cue, attributed "inherited" at a lower confidence.
 */
static int continue_subject(struct state *st, struct attr *prev, uint32_t si,
                            uint32_t q)
{
	struct ana *a = st->a;
	const struct sent *ps = &a->sents[si - 1];
	struct mention m;
	struct attr *at;
	int rc;

	if (a->quotes[q - 1].used)
		return WS_OK;
	/* "Asked about it, she laughed.": the question has no speaker;
	 * the sentence's subject is looked for below. */
	if (prev && prev->sent == si - 1 &&
	    !(!prev->has_sp && !prev->dead &&
	      !strcmp(prev->rule, "asked_question"))) {
		if (prev->dead || !prev->has_sp ||
		    prev->type != WS_QUOTE_INDIRECT)
			return WS_OK;
		m = prev->sp;
	} else {
		/* No attribution there: its subject, a person -- after an
		 * opening participle ("Asked about it, she laughed."); a name, a
		 * "he" or "she", or a person noun with "the" ("The mayor
		 * shrugged."). */
		uint32_t first = ps->first, k;

		if (quote_sentence(a, ps) || has_quote(a, ps->first, ps->end))
			return WS_OK;
		if (a->toks[first].kind == TK_WORD &&
		    (ends_with_ed(a, first) || ends_with_ing(a, first)) &&
		    !tok_is(a, first, W_PREP)) {
			for (k = first + 1; k < ps->end && k < first + 10; k++)
				if (tok_punct(a, k, ',')) {
					first = k + 1;
					break;
				}
		}
		if (!ws__np_right(a, first, ps->end, &m, false) ||
		    !speaker_ok(a, &m) || !followed_by_verb(a, m.end, ps->end))
			return WS_OK;
		if (m.type == M_PRONOUN
		            ? !tok_is(a, m.head, W_MALE | W_FEMALE)
		            : !((m.type == M_NAME && m.kind == WS_KIND_PERSON) ||
		                (m.type == M_NOMINAL && m.definite &&
		                 !m.plural &&
		                 tok_is(a, m.head, W_ROLE | W_TITLE | W_KIN) &&
		                 !tok_is(a, m.head, W_PLURAL | W_GROUPNOUN))))
			return WS_OK;
	}
	at = new_attr(st, NULL, NOTOK, si);
	if (!at)
		return WS_ENOMEM;
	at->sp = m;
	at->has_sp = true;
	at->how = WS_ATTR_INHERITED;
	at->rule = "sentence_continues_speaker";
	at->type = WS_QUOTE_DIRECT;
	rc = add_quote_chain(a, at, q);
	at->conf = 0.55f;
	if (!at->nsegs)
		at->dead = true;
	return rc;
}

/*
 * Take the byte spans the output needs from the tokens now, while the
 * sentence's tokens are in cache: in a long document build_output would
 * otherwise miss the cache on every cue and mention (a tenth of the
 * time of a 10 MB text).
 */
static void fix_output(const struct ana *a, struct attr *at)
{
	if (at->cue_first != NOTOK && at->cue_end != NOTOK) {
		at->cue0 = a->toks[at->cue_first].start;
		at->cue1 = a->toks[at->cue_end - 1].end;
	}
	if (at->has_sp && at->sp.end > at->sp.first) {
		at->sp0 = a->toks[at->sp.first].start;
		at->sp1 = a->toks[at->sp.end - 1].end;
	}
	at->para = ws__para_of(a, at->cfirst != NOTOK ? at->cfirst : 0);
	at->fixed = true;
}

/*
 * "Asked what he thought, ...", "Asked how she felt about it, ...": the
 * comma that ends a question opening sentence s; s->first when there is
 * none.
 */
static uint32_t asked_question_end(const struct ana *a, const struct sent *s)
{
	uint32_t k;

	if (s->first + 2 >= s->end || !ws__tok_eq(a, s->first, "asked") ||
	    !(tok_is(a, s->first + 1, W_WH) ||
	      ws__tok_eq(a, s->first + 1, "whether") ||
	      ws__tok_eq(a, s->first + 1, "if")))
		return s->first;
	for (k = s->first + 2; k < s->end && k < s->first + 30; k++) {
		if (a->toks[k].flags & TF_INQ)
			continue;
		if (tok_punct(a, k, ','))
			return k;
		if (a->toks[k].kind == TK_PUNCT)
			break;
	}
	return s->first;
}

static int process_sentence(struct state *st, uint32_t si)
{
	struct ana *a = st->a;
	const struct sent *s = &a->sents[si];
	struct cue_hit cues[SENT_MAX_CUES];
	uint32_t ncues = 0, k, q, first_attr;
	bool quotes = false, colon = false, that = false, neg = false;
	uint32_t expected = NOTOK, asked = NOTOK, raising = NOTOK;
	uint32_t ask_any = NOTOK; /* the first "asked", for frame_asked */
	uint32_t reportedly = NOTOK, passive_by = NOTOK;
	uint32_t question_end = asked_question_end(a, s);
	int rc;

	/* One pass finds the cues and what the other frames need, so
	 * they run only where they can fire. */
	for (k = s->first; k < s->end && ncues < SENT_MAX_CUES; k++) {
		const struct tok *t = &a->toks[k];
		struct cue_hit h;

		/* "Asked what he thought, he said": a cue in the question
		 * is the question's. */
		if (k < question_end && k > s->first)
			continue;

		if (t->kind == TK_QUOTE) {
			quotes = true;
			continue;
		}
		if (t->flags & TF_INQ)
			continue;
		if (t->kind == TK_PUNCT) {
			colon |= t->ch == ':';
			continue;
		}
		if (t->kind != TK_WORD || !t->lex)
			continue;
		that |= tok_is(a, k, W_THAT);
		neg |= tok_is(a, k, W_NEG | W_DECLINE);
		if (t->lex == st->reportedly && reportedly == NOTOK)
			reportedly = k;
		if (!match_cue(a, k, s->end, &h))
			continue;
		if (ask_any == NOTOK && ws__tok_eq(a, k, "asked"))
			ask_any = k;
		if (h.flags & CUE_RAISING) {
			if (raising == NOTOK)
				raising = k;
			continue;
		}
		if (!cue_ok(a, s, &h)) {
			if (passive_by == NOTOK && (h.flags & CUE_NP) &&
			    !h.ing && h.end < s->end &&
			    ws__tok_eq(a, h.end, "by"))
				passive_by = k;
			if (expected == NOTOK && ws__tok_eq(a, k, "expected"))
				expected = k;
			if (asked == NOTOK && ws__tok_eq(a, k, "asked"))
				asked = k;
			continue;
		}
		cues[ncues++] = h;
		k = h.end - 1;
	}
	if (k < s->end) { /* too many cues: let every frame look */
		quotes = colon = that = neg = true;
		ask_any = s->first;
	}
	first_attr = st->attrs.n;
	for (k = 0; k < ncues; k++) {
		rc = attribute_cue(st, s, si, cues, ncues, k);
		if (rc != WS_OK)
			return rc;
	}
	drop_nested_beliefs(st, first_attr);
	rc = quotes || colon ||
	                     ((a->toks[s->first].flags & TF_PARA) &&
	                      is_dash(a, s->first))
	             ? frame_signature(st, s, si)
	             : WS_OK;
	if (rc == WS_OK && quotes)
		rc = frame_quoted_label(st, s, si);
	if (rc == WS_OK && quotes)
		rc = frame_quote_tag(st, s, si);
	if (rc == WS_OK && ask_any != NOTOK)
		rc = frame_asked(st, s, si, ask_any);
	if (rc == WS_OK && expected != NOTOK)
		rc = frame_expected(st, s, si, expected);
	if (rc == WS_OK && asked != NOTOK)
		rc = frame_passive_asked(st, s, si, asked);
	if (rc == WS_OK && raising != NOTOK)
		rc = frame_raising(st, s, si, raising);
	if (rc == WS_OK && reportedly != NOTOK)
		rc = frame_reportedly(st, s, si, reportedly);
	if (rc == WS_OK && passive_by != NOTOK)
		rc = frame_passive_by(st, s, si, passive_by);
	if (rc == WS_OK)
		rc = frame_in_poll(st, s, si);
	/* ": " ending the paragraph, a quotation opening the next */
	if (rc == WS_OK && colon &&
	    (quotes || (s->end < a->ntoks && a->toks[s->end].kind == TK_QUOTE)))
		rc = frame_subject_colon(st, s, si);
	if (rc == WS_OK && that)
		rc = frame_noun_cue(st, s, si);
	if (rc != WS_OK)
		return rc;
	resolve_nesting(st, first_attr);
	rc = join_rest(st, s, first_attr);
	if (rc != WS_OK)
		return rc;
	rc = neg ? non_quote(st, s, first_attr) : WS_OK;
	if (rc != WS_OK)
		return rc;
	for (k = first_attr; k < st->attrs.n; k++)
		fix_output(a, &((struct attr *)st->attrs.items)[k]);
	/* A quotation-only sentence continues the quotation before it in
	 * the paragraph: `"A," she said. "B."`. */
	q = quote_sentence(a, s);
	if (q && si > 0 && a->sents[si - 1].para == s->para) {
		struct attr *prev = last_live(st);
		bool left;
		uint32_t j;

		/* The direct quotation of the sentence before, if any, even
		 * when a participle came after it ("DuVernay said,
		 * emphasizing ..."). */
		for (j = st->attrs.n; j > 0; j--) {
			struct attr *c =
				&((struct attr *)st->attrs.items)[j - 1];

			if (c->sent != si - 1)
				break;
			if (!c->dead && c->type == WS_QUOTE_DIRECT) {
				prev = c;
				break;
			}
		}
		left = prev && prev->rule &&
		       !strcmp(prev->rule, "content_comma_speaker_cue");

		if (prev && prev->sent == si - 1 && prev->has_sp &&
		    (prev->type == WS_QUOTE_DIRECT ||
		     prev->type == WS_QUOTE_MIXED || left)) {
			rc = add_quote_chain(a, prev, q);
			if (rc != WS_OK)
				return rc;
			prev->sent = si;
			if (prev->type == WS_QUOTE_INDIRECT)
				prev->type = WS_QUOTE_MIXED;
		} else {
			rc = continue_subject(st, prev, si, q);
			if (rc != WS_OK)
				return rc;
		}
	}
	return WS_OK;
}

/*
 * A paragraph that is one quotation and nothing else goes on with the
 * speaker of the paragraph just before it ("A," he said. / "B."): it
 * is a quote of its own, attributed "inherited", with a lower
 * confidence. (PolNeAR's annotators instead count such a paragraph as
 * another piece of the quote before; whosaid keeps it apart so that a
 * reader sees which words carry no cue of their own.) A paragraph in
 * between without an attribution ends the run: an orphan quotation is
 * not attributed.
 */
static int inherit(struct state *st)
{
	struct ana *a = st->a;
	uint32_t pi, k = 0, si = 0, last = NOTOK, j;
	bool doubles = false;

	/* A story that quotes with double marks sets a paragraph of one
	 * single-quoted phrase apart as a subhead ('All Bets Are Off.'),
	 * not as more of the speaker's words. */
	for (j = 0; j < a->nquotes && !doubles; j++)
		doubles = !a->quotes[j].single;

	for (pi = 0; pi < a->nparas; pi++) {
		const struct para *pa = &a->paras[pi];
		uint32_t q;
		struct attr *ats = st->attrs.items, *at;
		int rc;

		while (si < a->nsents && a->sents[si].para < pi)
			si++;
		/* The latest attribution made in the paragraph before. */
		while (k < st->attrs.n && a->sents[ats[k].sent].para < pi) {
			if (!ats[k].dead && ats[k].has_sp && ats[k].nsegs)
				last = k;
			k++;
		}
		if (last != NOTOK && a->sents[ats[last].sent].para + 1 < pi)
			last = NOTOK;
		if (last == NOTOK)
			continue;
		q = only_quote(a, pa->first, pa->end);
		if (!q || a->quotes[q - 1].used ||
		    (doubles && a->quotes[q - 1].single))
			continue;

		at = new_attr(st, NULL, NOTOK, si < a->nsents ? si : 0);
		if (!at)
			return WS_ENOMEM;
		ats = st->attrs.items; /* the vector may have moved */
		at->sp = ats[last].sp;
		at->has_sp = true;
		at->lemma = ats[last].lemma;
		at->cue_first = at->cue_end = NOTOK;
		at->how = WS_ATTR_INHERITED;
		at->rule = "paragraph_continues_speaker";
		at->type = WS_QUOTE_DIRECT;
		rc = add_quote_chain(a, at, q);
		if (rc != WS_OK)
			return rc;
		at->conf = 0.6f;
		last = st->attrs.n - 1;
		k = st->attrs.n;
	}
	return WS_OK;
}

/* Bytes of words: ASCII letters and digits, and all of UTF-8 beyond. */
#define WB8  1, 1, 1, 1, 1, 1, 1, 1
#define WB16 WB8, WB8
static const bool word_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1,     ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1,     ['9'] = 1, ['A'] = 1, ['B'] = 1,
	['C'] = 1, ['D'] = 1, ['E'] = 1,     ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1,     ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1,     ['R'] = 1, ['S'] = 1, ['T'] = 1,
	['U'] = 1, ['V'] = 1, ['W'] = 1,     ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1,     ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1,     ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1,     ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1,     ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1, [0x80] = WB16, WB16,      WB16,      WB16,
	WB16,      WB16,      WB16,          WB16,
};
#undef WB16
#undef WB8

/* An 8-byte load is eight bytes in text order only when little-endian. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ATTRIB_LITTLE_ENDIAN 1
#else
#define ATTRIB_LITTLE_ENDIAN 0
#endif

/*
 * word_byte[] for eight bytes at once: bit 7 set in each byte of x that
 * is a word byte. Each range test sees a byte's low 7 bits only, so no
 * byte carries into the next.
 */
static inline uint64_t word_bytes8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = ones * 0x80;
	uint64_t lo7 = x & ~high, folded = lo7 | ones * 0x20;
	uint64_t letter = (folded + ones * (0x80 - 'a')) &
	                  ~(folded + ones * (0x7F - 'z'));
	uint64_t digit = (lo7 + ones * (0x80 - '0')) &
	                 ~(lo7 + ones * (0x7F - '9'));

	return ((letter | digit) & ~x & high) | (x & high);
}

static uint32_t count_words(const struct ana *a, const struct ws_span *sp)
{
	const unsigned char *s = (const unsigned char *)a->text;
	uint32_t n = 0, i = sp->start;
	bool in = false;

	if (sp->start >= sp->end)
		return 0;
	/* Eight bytes at a time (quotations run to hundreds of bytes): a
	 * word starts at a word byte whose byte before is not one. */
	for (; ATTRIB_LITTLE_ENDIAN && sp->end - i >= 8; i += 8) {
		uint64_t x, w, starts;

		memcpy(&x, s + i, 8);
		w = word_bytes8(x);
		starts = w & ~((w << 8) | (in ? 0x80 : 0));
		n += (uint32_t)(((starts >> 7) *
		                 UINT64_C(0x0101010101010101)) >>
		                56);
		in = (w >> 63) != 0;
	}
	for (; i < sp->end; i++) {
		bool w = word_byte[(unsigned char)a->text[i]];

		n += w && !in;
		in = w;
	}
	return n;
}

/* Sort the attributions by content start, ties in creation order (the
 * order they are in). Most are in order already; the rest are moved
 * into place along the permutation's cycles, with no second array. */
static int sort_attrs(struct ws_arena *arena, struct attr *v, uint32_t n)
{
	uint32_t *key, *ord, k, j, next;
	struct attr hold;

	for (k = 1; k < n; k++)
		if ((v[k].nsegs ? v[k].segs[0].start : 0) <
		    (v[k - 1].nsegs ? v[k - 1].segs[0].start : 0))
			break;
	if (k >= n)
		return WS_OK;
	key = ws__arena_alloc(arena, (size_t)n * sizeof(*key));
	if (!key)
		return WS_ENOMEM;
	for (k = 0; k < n; k++)
		key[k] = v[k].nsegs ? v[k].segs[0].start : 0;
	ord = ws__order(arena, key, n);
	if (!ord)
		return WS_ENOMEM;
	/* v[j] takes the old v[ord[j]]; a placed slot gets ord[j] = j. */
	for (k = 0; k < n; k++) {
		if (ord[k] == k)
			continue;
		hold = v[k];
		for (j = k;; j = next) {
			next = ord[j];
			ord[j] = j;
			if (next == k)
				break;
			v[j] = v[next];
		}
		v[j] = hold;
	}
	return WS_OK;
}

static int build_output(struct state *st)
{
	struct ana *a = st->a;
	struct ws_doc *doc = a->doc;
	struct attr *ats = st->attrs.items;
	uint32_t n = 0, k, live = 0;
	struct ws_quote *out;

	for (k = 0; k < st->attrs.n; k++)
		if (!ats[k].dead && ats[k].nsegs)
			ats[live++] = ats[k];
	if (sort_attrs(a->arena, ats, live) != WS_OK)
		return WS_ENOMEM;
	if (st->attrs.n > live)
		memset(ats + live, 0,
		       (size_t)(st->attrs.n - live) * sizeof(*ats));
	st->attrs.n = live;
	{
		struct nonq *nq = st->nonqs.items;
		int rc = ws__entities(a, ats, live, nq, st->nonqs.n);

		if (rc != WS_OK)
			return rc;
	}
	out = ws__arena_calloc(a->arena, live ? live : 1, sizeof(*out));
	if (!out)
		return WS_ENOMEM;
	for (k = 0; k < live; k++) {
		const struct attr *at = &ats[k];
		struct ws_quote *q = &out[n++];
		uint32_t j;

		q->type = (enum ws_quote_type)at->type;
		q->segments = at->segs;
		q->nsegments = at->nsegs;
		q->content.start = at->segs[0].start;
		q->content.end = at->segs[at->nsegs - 1].end;
		for (j = 0; j < at->nsegs; j++) {
			if (at->segs[j].start < q->content.start)
				q->content.start = at->segs[j].start;
			if (at->segs[j].end > q->content.end)
				q->content.end = at->segs[j].end;
		}
		q->has_cue = at->cue_first != NOTOK && at->cue_end != NOTOK;
		if (!at->fixed)
			fix_output(a, (struct attr *)at);
		if (q->has_cue) {
			q->cue.start = at->cue0;
			q->cue.end = at->cue1;
			if (at->lemma == LEMMA_ACCORDING) {
				q->cue_lemma = lemma_according;
				q->stance = WS_STANCE_NEUTRAL;
			} else if (at->lemma == LEMMA_LABEL) {
				/* The verb itself, as written. */
				const struct tok *v = &a->toks[at->cue_end - 1];
				char *l = ws__arena_strndup(a->arena,
				                            a->text + v->start,
				                            v->end - v->start);

				if (!l)
					return WS_ENOMEM;
				q->cue_lemma = l;
				q->stance = WS_STANCE_NEUTRAL;
			} else {
				q->cue_lemma = a->lx->lemmas[at->lemma].lemma;
				q->stance = a->lx->lemmas[at->lemma].stance;
			}
		}
		q->entity = at->has_sp ? at->sp.entity : -1;
		if (q->entity >= 0) {
			q->mention.start = at->sp0;
			q->mention.end = at->sp1;
		}
		q->attribution = (enum ws_attribution)at->how;
		q->rule = at->rule;
		q->confidence = at->conf < 0 ? 0 : at->conf > 1 ? 1 : at->conf;
		q->unclosed = at->unclosed;
		q->paragraph = at->para; /* of the content's start */
	}
	doc->quotes = out;
	doc->nquotes = n;

	/* Speakers: one summary per entity with quotes. */
	{
		uint32_t ne = (uint32_t)doc->nentities, ns = 0;
		struct ws_speaker *sp;
		uint32_t *counts;

		sp = ws__arena_calloc(a->arena, ne ? ne : 1, sizeof(*sp));
		counts = ws__arena_calloc(a->arena, ne ? ne : 1,
		                          sizeof(*counts));
		if (!sp || !counts)
			return WS_ENOMEM;
		for (k = 0; k < n; k++)
			if (out[k].entity >= 0)
				counts[out[k].entity]++;
		for (k = 0; k < ne; k++) {
			if (!counts[k])
				continue;
			sp[ns].entity = (int32_t)k;
			sp[ns].quotes = ws__arena_calloc(a->arena, counts[k],
			                                 sizeof(uint32_t));
			if (!sp[ns].quotes)
				return WS_ENOMEM;
			counts[k] = ns + 1; /* now: speaker index + 1 */
			ns++;
		}
		for (k = 0; k < n; k++) {
			struct ws_speaker *s;
			uint32_t j;

			if (out[k].entity < 0)
				continue;
			s = &sp[counts[out[k].entity] - 1];
			((uint32_t *)s->quotes)[s->nquotes++] = k;
			if (out[k].type == WS_QUOTE_DIRECT)
				s->direct++;
			else if (out[k].type == WS_QUOTE_MIXED)
				s->mixed++;
			else
				s->indirect++;
			for (j = 0; j < out[k].nsegments; j++)
				s->words += count_words(a, &out[k].segments[j]);
		}
		doc->speakers = sp;
		doc->nspeakers = ns;
	}
	/* Non-quotes. */
	{
		struct nonq *nq = st->nonqs.items;
		struct ws_non_quote *o = ws__arena_calloc(
			a->arena, st->nonqs.n ? st->nonqs.n : 1, sizeof(*o));

		if (!o)
			return WS_ENOMEM;
		for (k = 0; k < st->nonqs.n; k++) {
			uint32_t s0 = 0, s1 = 0;

			o[k].kind = nq[k].kind;
			o[k].entity = nq[k].has_sp ? nq[k].sp.entity : -1;
			token_span(a, nq[k].first, nq[k].end, &s0, &s1);
			o[k].span.start = s0;
			o[k].span.end = s1;
		}
		doc->non_quotes = o;
		doc->nnon_quotes = st->nonqs.n;
	}
	return WS_OK;
}

/*
 * "A: Staffing. We are about 80 officers short." In an interview
 * transcript (ws__transcript) each answer is the interviewee's own
 * words: a direct quotation of the paragraph after "A:", whose label
 * stands for the name the introduction gives. Cues inside it are
 * attributions of their own.
 */
static int transcript_answers(struct state *st)
{
	struct ana *a = st->a;
	uint32_t si;
	int rc;

	if (!a->qa)
		return WS_OK;
	for (si = 0; si < a->nsents; si++) {
		const struct sent *s = &a->sents[si];
		const struct para *pa = &a->paras[s->para];
		struct attr *at;

		/* The paragraph's first sentence, opening with "A:". */
		if (s->first != pa->first || ws__qa_marker(a, s->para) != 1 ||
		    s->first + 2 >= pa->end ||
		    (a->toks[s->first + 2].flags & TF_INQ))
			continue;
		at = new_attr(st, NULL, NOTOK, si);
		if (!at)
			return WS_ENOMEM;
		at->cue_first = at->cue_end = NOTOK;
		/* The speaker's mention is the label "A", which the
		 * entities resolve to the interviewee. */
		one_word_name(s->first, &at->sp);
		at->has_sp = true;
		at->how = WS_ATTR_COREFERENCE;
		at->rule = "transcript_answer";
		rc = content_tokens(a, at, s->first + 2, pa->end);
		if (rc != WS_OK)
			return rc;
		if (!at->nsegs) {
			at->dead = true;
			continue;
		}
		at->type = WS_QUOTE_DIRECT;
		at->conf = 0.6f;
	}
	return WS_OK;
}

int ws__analyze(struct ws_doc *doc)
{
	struct ana a;
	struct state st;
	uint32_t si;
	int rc;

	memset(&a, 0, sizeof(a));
	a.doc = doc;
	a.lx = doc->eng->lex;
	a.arena = &doc->arena;
	a.text = doc->text;
	a.len = (uint32_t)doc->len;
	rc = ws__tokenize(&a);
	if (rc == WS_OK)
		rc = ws__quotes_pair(&a);
	if (rc == WS_OK)
		rc = ws__sentences(&a);
	if (rc == WS_OK)
		rc = ws__transcript(&a);
	if (rc != WS_OK)
		return rc;
	doc->nparagraphs = a.nparas;

	memset(&st, 0, sizeof(st));
	st.a = &a;
	ws__vec_init(&st.attrs, sizeof(struct attr));
	ws__vec_init(&st.nonqs, sizeof(struct nonq));
	st.reportedly = ws__lex_lookup(a.lx, "reportedly", 10);
	st.labels = -1;
	st.lookback = SURNAME_LOOKBACK;
	for (si = 0; si < a.nsents; si++) {
		rc = process_sentence(&st, si);
		if (rc != WS_OK)
			return rc;
	}
	rc = transcript_answers(&st);
	if (rc == WS_OK)
		rc = inherit(&st);
	if (rc != WS_OK)
		return rc;
	return build_output(&st);
}
