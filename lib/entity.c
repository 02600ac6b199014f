/*
 * entity.c - one entity per referent, across the story.
 *
 * The document is walked once, in text order, over two streams merged
 * by position: every capitalised name run outside quotations ("President
 * Joe Biden", "the Kremlin"), and every speaker mention found by
 * attrib.c ("Biden", "he", "the senator", "a person close to ...").
 *
 * - A person's name joins the entity with the same surname and a
 *   compatible given name ("Joe Biden", "Biden", "Mr. Biden").
 * - "he"/"she" go to the most recent person of a compatible gender;
 *   "they" to the most recent group or organisation, "it" to the most
 *   recent organisation; "who" to the phrase it follows.
 * - "the senator", "the mayor" go to the most recent person holding
 *   that title; "the campaign" to the most recent organisation so named.
 * - Other nominals are entities of their own; an indefinite source noun
 *   ("a person familiar with", "an official") or a sentence that grants
 *   anonymity makes the entity anonymous, with the reason.
 * Lookups go through a hash of surnames, so the walk stays linear.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"

enum { G_UNKNOWN, G_MALE, G_FEMALE };

#define RECENT      24
#define MAX_TITLES  8
#define MAX_MEMBERS 4

/* Nouns for a body named after the one person it belongs to: "her
 * campaign", "Trump's campaign", "the campaign" of the candidate the
 * story is about, named "Donald Trump campaign"; "the family". */
#define N_OWNED 2
static const char *const owned_nouns[N_OWNED] = {"campaign", "family"};

struct tspan {
	uint32_t first, end;
};

struct ent {
	uint8_t kind;
	uint8_t gender;
	bool anonymous;
	bool used;        /* referenced by a quote or non-quote */
	bool nominal;     /* named by a common noun phrase */
	bool author;      /* the "I" of the text: never its "he" or "she" */
	bool bare;        /* called by its surname alone */
	uint8_t nmembers; /* a group's members, 0: none */
	const char *reason;
	uint32_t name_first, name_end; /* longest name, tokens */
	uint32_t surname;              /* hash of the folded surname, 0: none */
	uint32_t given;                /* hash of the given name, 0: none */
	uint32_t key;                  /* hash of the whole name or phrase */
	uint32_t chain;                /* next entity in the hash bucket, +1 */
	struct ws_vec mentions;        /* struct ws_span */
	union {
		struct tspan titles[MAX_TITLES];
		/* A group of persons named together ("Obama and
		 * Clinton"), which has no titles: its members, entity
		 * + 1, in text order. */
		uint32_t members[MAX_MEMBERS];
	};
	uint32_t ntitles;
	uint32_t nment;     /* mentions seen, for salience */
	uint32_t touched;   /* when last mentioned, by the registry's clock */
	uint32_t last_subj; /* token of its last subject or speaker mention+1 */
	uint32_t last_lead; /* token+1 of its last mention as the subject
	                     * that opens its sentence or clause */
	int32_t out;        /* index in the output, -1 */
	/* A body that belongs to one person, "Trump's campaign": its owner
	 * (entity + 1) and which of owned_nouns it is; a person's bodies. */
	uint32_t owner;
	uint8_t owned_noun;
	uint32_t owned[N_OWNED];
};

struct reg {
	struct ana *a;
	struct ws_vec ents; /* struct ent */
	uint32_t *buckets;  /* entity index + 1 */
	uint32_t nbuckets;  /* power of two */
	uint32_t recent[RECENT];
	uint32_t nrecent;
	uint32_t clock;        /* counts mentions, for ent.touched */
	uint32_t last_speaker; /* entity + 1 of the latest attribution */
	uint32_t last_spk_tok; /* its mention's token */
	/* The content of that attribution, tokens: a source named inside
	 * it ("He notes that the commission announced ...") is reported
	 * by the speaker, not a new speaker the next "he" continues. */
	uint32_t spk_cfirst, spk_cend;
	/* The start of the reported content whose speaker is being
	 * resolved, where its subject stands: a pronoun is not the one
	 * named there ("He said Putin was a leader"); further in, the
	 * reporter's words may name the speaker ("He noted that Trump's
	 * microphone ..."). Tokens; first == end when there is none. */
	uint32_t excl_first, excl_end;
	/* Who "I" is outside quotations: for each paragraph the next
	 * paragraph that is only a signature ("Michael Pravica."), as on a
	 * letters page; else the person of the closing tagline ("Rick Scott
	 * is the governor of Florida."). NOTOK: none. */
	uint32_t *sig_after;
	uint32_t tag_first, tag_end;
	/* The speaker phrases in text order (attributions, then
	 * non-quotes, by index), and where the walk is among them. */
	const uint32_t *ord;
	uint32_t nord, ai;
	const struct attr *at;
	const struct nonq *nq;
	uint32_t nat;
	/* The names the scan just saw listed ("Rubio, Cruz"), entity + 1,
	 * and the token after the last one's name. */
	uint32_t list[MAX_MEMBERS];
	uint32_t nlist, list_end;
};

static struct ent *ent_at(struct reg *r, uint32_t i)
{
	return &((struct ent *)r->ents.items)[i];
}

static uint32_t tok_hash(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	uint32_t h = ws__lex_hash(a->text + t->start, t->end - t->start);

	return h ? h : 1;
}

static uint32_t span_hash(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t h = 2166136261u, k;

	for (k = first; k < end; k++) {
		if (a->toks[k].kind == TK_PUNCT)
			continue;
		h = (h ^ tok_hash(a, k)) * 16777619u;
	}
	return h ? h : 1;
}

static bool toks_equal(const struct ana *a, uint32_t i, uint32_t j)
{
	const struct tok *x = &a->toks[i], *y = &a->toks[j];
	uint32_t n = x->end - x->start, k;

	if (n != y->end - y->start)
		return false;
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)a->text[x->start + k];
		unsigned char d = (unsigned char)a->text[y->start + k];

		if ((c | 0x20) != (d | 0x20))
			return false;
	}
	return true;
}

/* Is token i a lower-case word of class w? */
static bool lower_word_is(const struct ana *a, uint32_t i, uint64_t w)
{
	return a->toks[i].kind == TK_WORD && !(a->toks[i].flags & TF_CAP) &&
	       !(a->toks[i].flags & TF_INQ) && tok_is(a, i, w);
}

static void touch(struct reg *r, uint32_t e)
{
	uint32_t k;

	ent_at(r, e)->nment++;
	ent_at(r, e)->touched = ++r->clock;
	for (k = 0; k < r->nrecent; k++) {
		if (r->recent[k] == e) {
			memmove(&r->recent[k], &r->recent[k + 1],
			        (r->nrecent - k - 1) * sizeof(uint32_t));
			r->nrecent--;
			break;
		}
	}
	if (r->nrecent == RECENT) {
		memmove(&r->recent[0], &r->recent[1],
		        (RECENT - 1) * sizeof(uint32_t));
		r->nrecent--;
	}
	r->recent[r->nrecent++] = e;
}

static int bucket_add(struct reg *r, uint32_t key, uint32_t e)
{
	uint32_t b;

	if (r->ents.n * 2 > r->nbuckets) {
		uint32_t nb = r->nbuckets ? r->nbuckets * 4 : 256, k;
		uint32_t *nbk = ws__arena_calloc(r->a->arena, nb, sizeof(*nbk));

		if (!nbk)
			return WS_ENOMEM;
		r->buckets = nbk;
		r->nbuckets = nb;
		for (k = 0; k < r->ents.n; k++) {
			struct ent *x = ent_at(r, k);
			uint32_t kk = x->surname ? x->surname : x->key;

			if (k == e)
				continue;
			b = kk & (nb - 1);
			x->chain = nbk[b];
			nbk[b] = k + 1;
		}
	}
	b = key & (r->nbuckets - 1);
	ent_at(r, e)->chain = r->buckets[b];
	r->buckets[b] = e + 1;
	return WS_OK;
}

static int add_mention(struct reg *r, uint32_t e, uint32_t first, uint32_t end)
{
	struct ana *a = r->a;
	struct ent *x = ent_at(r, e);
	struct ws_span *sp;
	uint32_t s = a->toks[first].start, t = a->toks[end - 1].end;

	if (x->mentions.n) {
		struct ws_span *last = &(
			(struct ws_span *)x->mentions.items)[x->mentions.n - 1];

		if (last->start == s && last->end == t)
			return WS_OK;
		if (s < last->end && t > last->start) {
			/* Overlap: keep the wider span. */
			if (s < last->start)
				last->start = s;
			if (t > last->end)
				last->end = t;
			return WS_OK;
		}
	}
	sp = ws__vec_push(&x->mentions, a->arena);
	if (!sp)
		return WS_ENOMEM;
	sp->start = s;
	sp->end = t;
	return WS_OK;
}

/* The gender a word's flags give: "he", "she", "senator", "wife". */
static uint8_t gender_of_flags(uint64_t f)
{
	return (f & W_MALE) ? G_MALE : (f & W_FEMALE) ? G_FEMALE : G_UNKNOWN;
}

static uint8_t gender_of_name(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k, last = end;

	/* The last word of a longer name is the surname, whatever given
	 * name it also is: "Rakeyia Scott" is not male for "Scott". */
	while (last > first && a->toks[last - 1].kind != TK_WORD)
		last--;
	for (k = first; k < end; k++) {
		uint64_t f = tok_wflags(a, k);

		if (k + 1 == last && k > first && !(f & W_HONOR))
			continue;
		if (f & (W_HONOR | W_FIRSTNAME)) {
			if ((f & W_MALE) && !(f & W_FEMALE))
				return G_MALE;
			if ((f & W_FEMALE) && !(f & W_MALE))
				return G_FEMALE;
		}
	}
	return G_UNKNOWN;
}

/* "Ms. Conway", "Mr. Trump", "9/11 widow Terry Strada": the gender an
 * honorific or a person noun right before the name [lo, nf) tells, which
 * no guess overrides. */
static void honorific_gender(struct reg *r, uint32_t e, uint32_t lo,
                             uint32_t nf)
{
	const struct ana *a = r->a;
	uint32_t k = nf;
	uint64_t f;

	if (k > lo && tok_punct(a, k - 1, '.'))
		k--;
	if (k <= lo || ent_at(r, e)->kind != WS_KIND_PERSON)
		return;
	f = tok_wflags(a, k - 1);
	if (!(f & (W_HONOR | W_ROLE | W_TITLE | W_KIN)) ||
	    (f & (W_PRON | W_PRON_OBJ | W_POSSPRON)))
		return;
	if ((f & W_MALE) && !(f & W_FEMALE))
		ent_at(r, e)->gender = G_MALE;
	else if ((f & W_FEMALE) && !(f & W_MALE))
		ent_at(r, e)->gender = G_FEMALE;
}

/* Title words before a name inside [lo, name_first). */
static void add_title(struct reg *r, uint32_t e, uint32_t lo, uint32_t nf)
{
	struct ana *a = r->a;
	struct ent *x = ent_at(r, e);
	uint32_t k = nf, first;
	bool has_title = false;

	while (k > lo && nf - k < 6) {
		uint32_t p = k - 1;
		uint64_t f = tok_wflags(a, p);
		const struct tok *t = &a->toks[p];

		if (t->kind == TK_PUNCT && t->ch == '.' && p > lo &&
		    tok_is(a, p - 1, W_ABBR | W_TITLE)) {
			k = p;
			continue;
		}
		if (t->kind != TK_WORD ||
		    (f & (W_DET | W_POSSPRON | W_PREP | W_COORD | W_SUB |
		          W_AUX | W_BE | W_VERB | W_REL | W_THAT)))
			break;
		if ((f & W_CUE) && !(f & (W_TITLE | W_ROLE)))
			break;
		if (!(t->flags & TF_CAP) &&
		    !(f & (W_TITLE | W_ROLE | W_ADJ | W_ORG | W_MEDIUM)))
			break;
		if (f & (W_TITLE | W_ROLE))
			has_title = true;
		k = p;
	}
	first = k;
	/* Honorifics are not titles: "Mr." is dropped. */
	while (first < nf &&
	       (tok_is(a, first, W_HONOR) || a->toks[first].kind == TK_PUNCT))
		first++;
	if (!has_title || first >= nf || x->ntitles == MAX_TITLES)
		return;
	{
		uint32_t j;

		/* Trim a trailing honorific or period. */
		uint32_t end = nf;

		while (end > first && (tok_is(a, end - 1, W_HONOR) ||
		                       a->toks[end - 1].kind == TK_PUNCT))
			end--;
		if (end <= first)
			return;
		for (j = 0; j < x->ntitles; j++) {
			uint32_t n = x->titles[j].end - x->titles[j].first, m;

			if (n != end - first)
				continue;
			for (m = 0; m < n; m++)
				if (!toks_equal(a, x->titles[j].first + m,
				                first + m))
					break;
			if (m == n)
				return;
		}
		x->titles[x->ntitles].first = first;
		x->titles[x->ntitles].end = end;
		x->ntitles++;
	}
}

static int new_ent(struct reg *r, uint8_t kind, uint32_t *out)
{
	struct ent *x = ws__vec_push(&r->ents, r->a->arena);

	if (!x)
		return WS_ENOMEM;
	x->kind = kind;
	x->name_first = x->name_end = NOTOK;
	x->out = -1;
	ws__vec_init(&x->mentions, sizeof(struct ws_span));
	*out = r->ents.n - 1;
	return WS_OK;
}

/*
 * "An attorney for Pagliano, Mark MacDougall, said": a description set
 * before a name with a comma is a title of the person, as one after it
 * is. The description ends at the comma before token `first`; it is
 * looked for within [lo, first).
 */
static void apposed_title(struct reg *r, uint32_t e, uint32_t lo,
                          uint32_t first)
{
	const struct ana *a = r->a;
	struct ent *x = ent_at(r, e);
	struct mention d;
	uint32_t df;

	uint32_t k;

	if (first < lo + 2 || !tok_punct(a, first - 1, ',') ||
	    x->kind != WS_KIND_PERSON || x->ntitles == MAX_TITLES)
		return;
	/* Cheaply first: a lower-case role noun among the few words
	 * before the comma ("attorney for Pagliano"). */
	for (k = first - 1; k > lo && first - k < 7; k--)
		if (a->toks[k - 1].kind != TK_WORD ||
		    lower_word_is(a, k - 1, W_TITLE | W_ROLE))
			break;
	if (k == lo || first - k >= 7 || a->toks[k - 1].kind != TK_WORD)
		return;
	if (!ws__np_left(a, lo, first - 1, &d) || d.type != M_NOMINAL ||
	    d.plural || !tok_is(a, d.head, W_TITLE | W_ROLE))
		return;
	/* A phrase with its determiner, not the end of an opening clause:
	 * "... whether the other is qualified to be president, Clinton". */
	if (!tok_is(a, d.first, W_DET | W_POSSPRON) &&
	    !(d.first + 1 < d.end && a->toks[d.first + 1].kind == TK_POSS))
		return;
	df = d.first;
	while (df < d.end && tok_is(a, df, W_DET | W_POSSPRON))
		df++;
	if (df >= d.end)
		return;
	x->titles[x->ntitles].first = df;
	x->titles[x->ntitles].end = d.end;
	x->ntitles++;
}

/* Find or make the entity for a proper name [nf, ne). */
/*
 * "IMF" after "the International Monetary Fund": an acronym names the
 * recent organisation whose capitalised words it spells.
 */
static bool acronym_of_recent(struct reg *r, uint32_t t, uint32_t *out)
{
	struct ana *a = r->a;
	const char *w = a->text + a->toks[t].start;
	char letters[12];
	uint32_t n = 0, len = a->toks[t].end - a->toks[t].start, i, k;

	for (i = 0; i < len; i++) {
		if (w[i] >= 'A' && w[i] <= 'Z') {
			if (n == sizeof(letters))
				return false;
			letters[n++] = w[i];
		} else if (w[i] != '.') {
			return false;
		}
	}
	if (n < 2)
		return false;
	for (k = r->nrecent; k > 0; k--) {
		const struct ent *x = ent_at(r, r->recent[k - 1]);
		uint32_t j, m = 0;

		if (x->kind != WS_KIND_ORGANIZATION || x->name_first == NOTOK ||
		    x->name_end - x->name_first < 2)
			continue;
		for (j = x->name_first; j < x->name_end && m <= n; j++) {
			const struct tok *y = &a->toks[j];

			if (y->kind != TK_WORD || !(y->flags & TF_CAP))
				continue; /* "of", "the", "and" */
			if (m == n || a->text[y->start] != letters[m])
				break;
			m++;
		}
		if (j == x->name_end && m == n) {
			*out = r->recent[k - 1];
			return true;
		}
	}
	return false;
}

/* Bodies often named after a person: "Clinton Foundation", "Trump
 * Organization", "Carter Center". */
static const char *const eponym_heads[] = {
	"foundation",     "organization", "organisation", "center",
	"centre",         "institute",    "institution",  "campaign",
	"administration", "trust",        "fund",         "school",
	"university",     "college",
};

/* "Halvard said" after "Halvard Airlines": a lone name that opens a
 * recent body's name, ended by an organisation word (Airlines, Holdings,
 * Bank), is that body; not when the body may be named after a person
 * ("Clinton said" after "the Clinton Foundation"). A person the story
 * has named so is found before this is asked. */
static bool short_of_recent(struct reg *r, uint32_t t, uint32_t *out)
{
	struct ana *a = r->a;
	uint32_t k;

	if (tok_is(a, t, W_FIRSTNAME | W_ORG | W_PLACE) ||
	    (a->toks[t].flags & TF_ACRO))
		return false; /* "U.S." is no "U.S. State Department" */
	for (k = r->nrecent; k > 0; k--) {
		const struct ent *x = ent_at(r, r->recent[k - 1]);

		if (x->kind == WS_KIND_ORGANIZATION && !x->nominal &&
		    x->name_first != NOTOK &&
		    x->name_end - x->name_first >= 2 &&
		    toks_equal(a, x->name_first, t) &&
		    tok_is(a, x->name_end - 1, W_ORG) &&
		    !ws__tok_in(a, x->name_end - 1, eponym_heads,
		                WS_ARRAY_LEN(eponym_heads))) {
			*out = r->recent[k - 1];
			return true;
		}
	}
	return false;
}

static int resolve_name(struct reg *r, uint32_t nf, uint32_t ne, uint8_t kind,
                        uint32_t *out)
{
	struct ana *a = r->a;
	uint32_t last = ne - 1, key, b, e;
	uint32_t sur, given = 0;
	bool person = kind == WS_KIND_PERSON, lone;
	int rc;

	while (last > nf && a->toks[last].kind == TK_PUNCT)
		last--;
	if (person && last > nf && tok_is(a, last, W_SUFFIX))
		last--; /* "King Jr." */
	sur = tok_hash(a, last);
	if (person && last > nf && a->toks[nf].kind == TK_WORD &&
	    !(a->toks[nf].flags & TF_INITIAL))
		given = tok_hash(a, nf);
	key = person ? sur : span_hash(a, nf, ne);
	lone = person && last == nf;
	/* The most recent entity with this key and a compatible name. */
	if (r->nbuckets) {
		uint32_t best = NOTOK, steps = 0;

		/* The most recently touched of the newest few: a bucket may
		 * hold many namesakes in a long text; looking at a bounded
		 * number keeps the walk linear. */
		for (b = r->buckets[key & (r->nbuckets - 1)]; b && steps < 32;
		     b = ent_at(r, b - 1)->chain, steps++) {
			struct ent *x = ent_at(r, b - 1);

			if (person ? (x->surname != sur ||
			              x->kind != WS_KIND_PERSON ||
			              (given && x->given && x->given != given))
			           : (x->key != key || x->surname ||
			              x->nmembers))
				continue;
			/* A surname alone ("Cruz") is the namesake the story
			 * has called so before, not the wife or father named
			 * in passing since ("Heidi Cruz"). */
			if (best == NOTOK ||
			    (lone && x->bare != ent_at(r, best)->bare
			             ? x->bare
			             : x->touched > ent_at(r, best)->touched))
				best = b - 1;
		}
		if (best != NOTOK) {
			struct ent *x = ent_at(r, best);

			if (lone)
				x->bare = true;

			if (ne - nf > x->name_end - x->name_first ||
			    x->name_first == NOTOK) {
				x->name_first = nf;
				x->name_end = ne;
			}
			if (given && !x->given)
				x->given = given;
			if (!x->gender)
				x->gender = gender_of_name(a, nf, ne);
			*out = best;
			return WS_OK;
		}
	}
	if (ne - nf == 1 &&
	    (acronym_of_recent(r, nf, out) || short_of_recent(r, nf, out)))
		return WS_OK;
	/* "Hillary said", "Daniel, for his part, says": a known given
	 * name alone is the one recent person who bears it. */
	if (lone && tok_is(a, nf, W_FIRSTNAME)) {
		uint32_t k, found = NOTOK, n = 0;

		for (k = r->nrecent; k > 0; k--) {
			const struct ent *x = ent_at(r, r->recent[k - 1]);

			if (x->kind == WS_KIND_PERSON && !x->nominal &&
			    x->given == sur && x->surname != sur) {
				found = r->recent[k - 1];
				n++;
			}
		}
		if (n == 1) {
			*out = found;
			return WS_OK;
		}
	}
	rc = new_ent(r, kind, &e);
	if (rc != WS_OK)
		return rc;
	{
		struct ent *x = ent_at(r, e);

		x->name_first = nf;
		x->name_end = ne;
		x->surname = person ? sur : 0;
		x->given = given;
		x->key = key;
		x->gender = gender_of_name(a, nf, ne);
	}
	rc = bucket_add(r, key, e);
	*out = e;
	return rc;
}

/*
 * The group of the persons mem[0..n) named together, made on first use:
 * "Obama and Clinton ... they said". Found again by its members in any
 * order, through a hash of their indexes.
 */
static int group_of(struct reg *r, const uint32_t *mem, uint32_t n,
                    uint32_t *out)
{
	uint32_t key = 0, k, j, b, e, steps = 0;
	struct ent *x;
	int rc;

	for (k = 0; k < n; k++)
		key += (mem[k] + 1) * 2654435761u; /* any order */
	key = key ? key : 1;
	if (r->nbuckets)
		for (b = r->buckets[key & (r->nbuckets - 1)]; b && steps < 32;
		     b = ent_at(r, b - 1)->chain, steps++) {
			x = ent_at(r, b - 1);
			if (x->nmembers != n || x->key != key)
				continue;
			for (k = 0; k < n; k++) {
				for (j = 0; j < n; j++)
					if (x->members[j] == mem[k] + 1)
						break;
				if (j == n)
					break;
			}
			if (k == n) {
				*out = b - 1;
				return WS_OK;
			}
		}
	rc = new_ent(r, WS_KIND_GROUP, &e);
	if (rc != WS_OK)
		return rc;
	x = ent_at(r, e);
	x->key = key;
	x->nmembers = (uint8_t)n;
	for (k = 0; k < n; k++)
		x->members[k] = mem[k] + 1;
	*out = e;
	return bucket_add(r, key, e);
}

/* Organisation nouns a place's name can stand for: "the government". */
static const char *const gov_nouns[] = {
	"government", "state", "administration", "regime", "city", "county",
};

/* Words in the name of an executive body, which "the government" or
 * "the administration" may stand for: "the Kremlin", "the
 * Transportation Department"; not a legislature or a council. */
static const char *const gov_words[] = {
	"government", "administration", "regime",     "ministry", "department",
	"office",     "agency",         "authority",  "cabinet",  "kremlin",
	"pentagon",   "embassy",        "presidency",
};

/* Is the name [nf, ne) an executive body's ("the White House")? */
static bool gov_body(const struct ana *a, uint32_t nf, uint32_t ne)
{
	uint32_t k;

	for (k = nf; k < ne; k++)
		if (ws__tok_in(a, k, gov_words, WS_ARRAY_LEN(gov_words)) ||
		    (k > nf && ws__tok_eq(a, k, "house") &&
		     ws__tok_eq(a, k - 1, "white")))
			return true;
	return false;
}

/* Is the name [nf, ne) a place's: "Louisiana", "New Jersey", "U.S."? */
static bool place_name(const struct ana *a, uint32_t nf, uint32_t ne)
{
	uint32_t k;

	for (k = nf; k < ne; k++)
		if (a->toks[k].kind == TK_WORD && !tok_is(a, k, W_PLACE) &&
		    !(a->toks[k].flags & TF_ACRO))
			return false;
	return true;
}

/* Words that make a different office of the title after them. */
static const char *const title_rank[] = {
	"vice",      /* "Vice President Joe Biden" is not "the president" */
	"deputy",    /* "deputy director" */
	"assistant", /* "assistant secretary" */
	"associate", /* "associate justice" is, but "associate dean" is not */
	"lieutenant" /* "lieutenant governor" */
};

/* Is token k of a title span [first, k) led by a rank word the
 * description [df, dh) does not have? */
static bool ranked_title(const struct ana *a, uint32_t first, uint32_t k,
                         uint32_t df, uint32_t dh)
{
	uint32_t j;

	if (k == first ||
	    !ws__tok_in(a, k - 1, title_rank, WS_ARRAY_LEN(title_rank)))
		return false;
	for (j = df; j < dh; j++)
		if (toks_equal(a, j, k - 1))
			return false;
	return true;
}

/* Party words, which a title shares or contradicts. */
static const char *const party_words[] = {"democratic", "democrat",
                                          "republican", "gop"};

/* A capitalised modifier: "Democratic", "Indiana", "GOP". At a
 * sentence's start only a place, a party or a word the lexicon does not
 * know counts ("Former" does not). */
static bool cap_modifier(const struct ana *a, uint32_t k)
{
	const struct tok *t = &a->toks[k];

	if (t->kind != TK_WORD || !(t->flags & (TF_CAP | TF_ACRO)) ||
	    tok_is(a, k, W_DET | W_POSSPRON | W_TITLE))
		return false;
	return !(t->flags & TF_SENT) || !t->lex || tok_is(a, k, W_PLACE) ||
	       ws__tok_in(a, k, party_words, WS_ARRAY_LEN(party_words));
}

/* Does one of person x's titles hold word i? */
static bool title_holds(const struct ana *a, const struct ent *x, uint32_t i)
{
	uint32_t j, k;

	for (j = 0; j < x->ntitles; j++)
		for (k = x->titles[j].first; k < x->titles[j].end; k++)
			if (toks_equal(a, k, i))
				return true;
	return false;
}

/*
 * Do the description [df, dh) and person x's titles disagree, each
 * naming a place or party the other lacks: "the Democratic presidential
 * nominee" is not the one titled "Republican presidential nominee".
 */
static bool titles_conflict(const struct ana *a, const struct ent *x,
                            uint32_t df, uint32_t dh)
{
	uint32_t j, k, i;
	bool desc_extra = false, title_extra = false;

	for (i = df; i < dh && !desc_extra; i++)
		if (cap_modifier(a, i) && !title_holds(a, x, i))
			desc_extra = true;
	if (!desc_extra)
		return false;
	for (j = 0; j < x->ntitles; j++)
		for (k = x->titles[j].first; k < x->titles[j].end; k++) {
			bool seen = false;

			if (!cap_modifier(a, k))
				continue;
			for (i = df; i < dh && !seen; i++)
				if (toks_equal(a, k, i))
					seen = true;
			if (!seen)
				title_extra = true;
		}
	return title_extra;
}

/* Abbreviated titles and the nouns that refer back to them: {the title
 * as written, the noun}. */
static const char *const title_syn[][2] = {
	{"sen", "senator"},
	{"sens", "senator"},
	{"rep", "representative"},
	{"rep", "congressman"},
	{"rep", "congresswoman"},
	{"gov", "governor"},
	{"gen", "general"},
	{"pres", "president"},
	{"lt", "lieutenant"},
	{"sgt", "sergeant"},
	{"col", "colonel"},
	{"adm", "admiral"},
	{"capt", "captain"},
	{"dr", "doctor"},
	{"prof", "professor"},
	{"atty", "attorney"},
	/* Role nouns a story uses for one another: "An attorney for
	 * Pagliano, Mark MacDougall" is later "Pagliano's lawyer";
	 * "Justice Frank Nervo" is "the judge". */
	{"attorney", "lawyer"},
	{"lawyer", "attorney"},
	{"justice", "judge"},
	{"judge", "justice"},
};

/*
 * Is word h ("senator") one of person x's title words ("Sen.")? The
 * abbreviations that stand for h are found once, not for every word.
 */
static bool has_title_word(const struct ana *a, const struct ent *x, uint32_t h,
                           uint32_t df)
{
	const char *abbr[WS_ARRAY_LEN(title_syn)];
	size_t nabbr = 0, i;
	uint32_t j, k;

	if (!x->ntitles)
		return false;
	for (i = 0; i < WS_ARRAY_LEN(title_syn); i++)
		if (ws__tok_eq(a, h, title_syn[i][1]))
			abbr[nabbr++] = title_syn[i][0];
	if (titles_conflict(a, x, df, h))
		return false;
	for (j = 0; j < x->ntitles; j++)
		for (k = x->titles[j].first; k < x->titles[j].end; k++) {
			bool hit = toks_equal(a, k, h);

			for (i = 0; i < nabbr && !hit; i++)
				hit = ws__tok_eq(a, k, abbr[i]);
			/* Not a possessor: "one of the president's closest
			 * aides" is no president. */
			if (hit && k + 1 < a->ntoks &&
			    a->toks[k + 1].kind == TK_POSS)
				continue;
			if (hit &&
			    !ranked_title(a, x->titles[j].first, k, df, h))
				return true;
		}
	return false;
}

static const char *anonymity(const struct ana *a, uint32_t si)
{
	uint32_t k, lo = a->sents[si].first;
	uint32_t hi = si + 1 < a->nsents ? a->sents[si + 1].end
	                                 : a->sents[si].end;

	for (k = lo; k < hi; k++) {
		if (ws__tok_eq(a, k, "anonymity"))
			return "spoke on condition of anonymity";
		if ((ws__tok_eq(a, k, "authorized") ||
		     ws__tok_eq(a, k, "authorised") ||
		     ws__tok_eq(a, k, "permitted") ||
		     ws__tok_eq(a, k, "allowed")) &&
		    k > lo && tok_is(a, k - 1, W_NEG | W_BE))
			return "not authorized to speak publicly";
		if (ws__tok_eq(a, k, "named") && k > lo + 1 &&
		    ws__tok_eq(a, k - 1, "be"))
			return "asked not to be named";
		if (ws__tok_eq(a, k, "identified") && k > lo &&
		    ws__tok_eq(a, k - 1, "be"))
			return "asked not to be identified";
	}
	/* Weaker: a source described only by what it knows. */
	for (k = lo; k + 1 < hi; k++) {
		if ((ws__tok_eq(a, k, "familiar") ||
		     ws__tok_eq(a, k, "briefed") ||
		     ws__tok_eq(a, k, "knowledgeable") ||
		     ws__tok_eq(a, k, "knowledge")) &&
		    tok_is(a, k + 1, W_PREP | W_OF))
			return "described only as familiar with the matter";
	}
	return NULL;
}

/* The sentence that holds token i (binary search). */
static uint32_t sent_of(const struct ana *a, uint32_t i)
{
	uint32_t lo = 0, hi = a->nsents;

	while (hi - lo > 1) {
		uint32_t mid = (lo + hi) / 2;

		if (a->sents[mid].first <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Tokens at the start of a reported content that may hold its subject. */
#define EXCL_SUBJ 4

/* Is person x named at the start of the content being attributed? */
static bool named_in_content(struct reg *r, const struct ent *x)
{
	const struct ana *a = r->a;
	uint32_t k;

	if (!x->surname)
		return false;
	for (k = r->excl_first; k < r->excl_end; k++)
		if (a->toks[k].kind == TK_WORD && (a->toks[k].flags & TF_CAP) &&
		    tok_hash(a, k) == x->surname)
			return true;
	return false;
}

static int resolve_mention(struct reg *r, struct mention *m, uint32_t *out);

/* Is token i a one-word place or dotted acronym: "Texas", "U.S."? */
static bool place_word(const struct ana *a, uint32_t i)
{
	return a->toks[i].kind == TK_WORD &&
	       (tok_is(a, i, W_PLACE) || (a->toks[i].flags & TF_ACRO)) &&
	       (i + 1 >= a->ntoks || !(a->toks[i + 1].flags & TF_CAP) ||
	        !tok_is(a, i + 1, W_PLACE));
}

/* "Senator from Texas": a role noun, a preposition and a one-word place;
 * the phrase is a description, its head the role noun. */
static bool role_from_place(const struct ana *a, const struct mention *m)
{
	return m->name_first == m->first + 2 && m->name_end == m->end &&
	       m->name_end == m->name_first + 1 &&
	       tok_is(a, m->first, W_TITLE | W_ROLE) &&
	       tok_is(a, m->first + 1, W_PREP) && place_word(a, m->name_first);
}

static bool in_titled(const struct ana *a, uint32_t k);

/*
 * Of the newest eight persons, the one last seen as a subject, no more
 * than `paras` paragraphs before paragraph pnow, and not named where the
 * content starts. Of gender g exactly, or with `loose` of any gender that
 * does not contradict g.
 */
static uint32_t latest_subject(struct reg *r, uint8_t g, uint32_t pnow,
                               uint32_t paras, bool loose)
{
	uint32_t k, best = NOTOK, bestsubj = 0;

	for (k = r->nrecent; k > 0 && r->nrecent - k < 8; k--) {
		const struct ent *x = ent_at(r, r->recent[k - 1]);

		if (x->kind != WS_KIND_PERSON || x->nominal || x->author ||
		    !x->last_subj ||
		    (loose ? g && x->gender && x->gender != g
		           : x->gender != g) ||
		    named_in_content(r, x))
			continue;
		if (ws__para_of(r->a, x->last_subj - 1) + paras < pnow)
			continue;
		/* "Old Hands Help Russia ...": a Title Case headline's
		 * capitalised words are no person of unknown gender. */
		if (!g && in_titled(r->a, x->last_subj - 1))
			continue;
		if (x->last_subj > bestsubj) {
			best = r->recent[k - 1];
			bestsubj = x->last_subj;
		}
	}
	return best;
}

/* Words that open a subordinate clause, whatever else they can be
 * ("hours after Trump unleashed ..."). */
static const char *const subordinators[] = {
	"after",   "before",   "since",  "until", "as",     "while",   "when",
	"because", "although", "though", "if",    "unless", "whereas", "once",
};

/*
 * Does a subject starting at `first` open its sentence, or a clause
 * after a comma, with no verb, "that", "who", "because" before it: the
 * main clause's subject ("In a statement Friday, Cruz said"), not one
 * reported or subordinate ("pointing out that the paper's Robert Costa
 * had reported"). Looks back at most 12 tokens: an opening phrase
 * before a main subject is short.
 */
static bool lead_position(const struct ana *a, uint32_t first)
{
	uint32_t k = first;

	while (k > 0 && !(a->toks[k].flags & (TF_SENT | TF_PARA))) {
		const struct tok *t = &a->toks[k - 1];

		if (first - k >= 12)
			return false;
		if (t->kind == TK_PUNCT && t->ch == ',')
			return true;
		if (t->kind == TK_QUOTE || (t->flags & TF_INQ))
			return false;
		if (t->kind == TK_WORD &&
		    (tok_is(a, k - 1, W_THAT | W_SUB | W_REL | W_WH) ||
		     ws__tok_in(a, k - 1, subordinators,
		                WS_ARRAY_LEN(subordinators)) ||
		     ws__verb_like(a, k - 1)))
			return false;
		k--;
	}
	return true;
}

/*
 * The person who opened the current sentence or the one before as its
 * main subject, of a gender that does not contradict g: "Singh, 47,
 * voted for the Republican nominees. He said ..." even when Singh's
 * gender is not known and a man was named since in a reported clause.
 */
static uint32_t lead_subject(struct reg *r, uint8_t g, uint32_t at)
{
	const struct ana *a = r->a;
	uint32_t k, best = NOTOK, bestlead = 0, snow = sent_of(a, at);
	/* The first token of the sentence before: one search, not one per
	 * candidate. */
	uint32_t from = a->sents[snow > 0 ? snow - 1 : 0].first;

	for (k = r->nrecent; k > 0 && r->nrecent - k < 8; k--) {
		const struct ent *x = ent_at(r, r->recent[k - 1]);

		if (x->kind != WS_KIND_PERSON || x->nominal || x->author ||
		    !x->last_lead || x->last_lead - 1 >= at ||
		    (g && x->gender && x->gender != g) ||
		    named_in_content(r, x))
			continue;
		if (x->last_lead - 1 < from)
			continue;
		if (x->last_lead > bestlead) {
			best = r->recent[k - 1];
			bestlead = x->last_lead;
		}
	}
	return best;
}

/* Does [first, end) hold only a person's name (and a final period)?
 * Returns the name's span in *nf, *ne. */
static bool person_name_span(const struct ana *a, uint32_t first, uint32_t end,
                             uint32_t *nf, uint32_t *ne)
{
	struct mention m;

	memset(&m, 0, sizeof(m));
	m.first = first;
	m.end = end;
	m.entity = -1;
	ws__np_classify(a, &m);
	if (m.type != M_NAME || m.kind != WS_KIND_PERSON ||
	    m.name_first == NOTOK)
		return false;
	*nf = m.name_first;
	*ne = m.name_end;
	return true;
}

/* The lexicon ids of the words written for the head word h in a title
 * ("gov" for "governor", "attorney" for "lawyer"), at most cap; returns
 * how many. Found once per description, not once per token. */
static size_t title_forms(const struct ana *a, uint32_t h, uint32_t *ids,
                          size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < WS_ARRAY_LEN(title_syn) && n < cap; i++)
		if (ws__tok_eq(a, h, title_syn[i][1])) {
			uint32_t id = ws__lex_lookup(a->lx, title_syn[i][0],
			                             strlen(title_syn[i][0]));

			if (id)
				ids[n++] = id;
		}
	return n;
}

/* Is token j the head word h, or one of its title forms ids[0..n)? */
static bool head_word_at(const struct ana *a, uint32_t j, uint32_t h,
                         const uint32_t *ids, size_t n)
{
	size_t i;

	if (a->toks[j].kind != TK_WORD)
		return false;
	if (a->toks[h].lex ? a->toks[j].lex == a->toks[h].lex
	                   : toks_equal(a, j, h))
		return true;
	for (i = 0; i < n; i++)
		if (a->toks[j].lex == ids[i])
			return true;
	return false;
}

/* The end of the capitalised name run that starts at i, within hi. */
static uint32_t name_run_end(const struct ana *a, uint32_t i, uint32_t hi)
{
	uint32_t k = i;

	while (k < hi && !(a->toks[k].flags & TF_INQ) &&
	       ((a->toks[k].kind == TK_WORD && (a->toks[k].flags & TF_CAP)) ||
	        (k > i && tok_punct(a, k, '.') &&
	         (a->toks[k - 1].flags & TF_INITIAL))))
		k++;
	return k;
}

/* Does the story already know a person of this surname? */
static bool known_person(struct reg *r, uint32_t nf, uint32_t ne)
{
	uint32_t sur = tok_hash(r->a, ne - 1), b, steps = 0;

	if (!r->nbuckets)
		return false;
	for (b = r->buckets[sur & (r->nbuckets - 1)]; b && steps < 32;
	     b = ent_at(r, b - 1)->chain, steps++)
		if (ent_at(r, b - 1)->surname == sur)
			return true;
	(void)nf;
	return false;
}

/*
 * A description that introduces someone the story names just after:
 * "The state attorney general is confirming ... Attorney General Eric
 * Schneiderman says", "... Dr. Connie Mariano", "..., said Don Fowler,
 * who helmed the DNC". Looks in tokens [m->end, hi) for the head word
 * (or its abbreviation) before a name, or a name with the head word in
 * an appositive after it; with `fresh`, also for the first person not
 * known before who opens a paragraph. Bounded by hi.
 */
static bool named_ahead(struct reg *r, const struct mention *m, uint32_t hi,
                        bool fresh, uint32_t *nf, uint32_t *ne)
{
	const struct ana *a = r->a;
	uint32_t j, k, e, fresh_nf = NOTOK, fresh_ne = NOTOK, ids[4];
	size_t nids = title_forms(a, m->head, ids, WS_ARRAY_LEN(ids));

	for (j = m->end; j < hi; j++) {
		if (a->toks[j].flags & TF_INQ)
			continue;
		if (fresh && fresh_nf == NOTOK &&
		    (a->toks[j].flags & TF_PARA) &&
		    (e = name_run_end(a, j, hi)) > j + 1 &&
		    person_name_span(a, j, e, nf, ne) && *ne - *nf >= 2 &&
		    !known_person(r, *nf, *ne)) {
			fresh_nf = *nf;
			fresh_ne = *ne;
		}
		if (!head_word_at(a, j, m->head, ids, nids))
			continue;
		/* "Attorney General Eric Schneiderman", "Gov. Mike Pence" */
		k = j + 1;
		if (k < hi && tok_punct(a, k, '.'))
			k++;
		e = name_run_end(a, k, hi);
		if (e > k && person_name_span(a, k, e, nf, ne))
			return true;
		/* "Connie Mariano, a former White House doctor" */
		for (k = j; k > m->end && j - k < 8; k--)
			if (a->toks[k - 1].kind == TK_PUNCT)
				break;
		if (k > m->end + 1 && tok_punct(a, k - 1, ',') &&
		    tok_is(a, k, W_DET)) {
			uint32_t c = k - 1, st = c;

			while (st > m->end && a->toks[st - 1].kind == TK_WORD &&
			       (a->toks[st - 1].flags & TF_CAP))
				st--;
			if (st < c && person_name_span(a, st, c, nf, ne))
				return true;
		}
	}
	if (fresh_nf == NOTOK)
		return false;
	*nf = fresh_nf;
	*ne = fresh_ne;
	return true;
}

/* The end of the window named_ahead looks in: through paragraph p + n,
 * at most `cap` tokens past `from`. */
static uint32_t window_end(const struct ana *a, uint32_t from, uint32_t n,
                           uint32_t cap)
{
	uint32_t p = ws__para_of(a, from) + n, hi;

	hi = p < a->nparas ? a->paras[p].end : a->ntoks;
	if (hi > from + cap)
		hi = from + cap;
	if (hi > a->ntoks)
		hi = a->ntoks;
	return hi;
}

/* Does the description carry a place, party or a name's possessive ("The
 * New York state attorney general", "Connecticut's tax commissioner",
 * "Senator from Texas"), the kind a story uses to introduce someone? */
static bool specific_description(const struct ana *a, const struct mention *m)
{
	uint32_t k;

	for (k = m->first; k < m->end; k++)
		if (k != m->head &&
		    (cap_modifier(a, k) || a->toks[k].kind == TK_POSS))
			return true;
	return false;
}

/* Which of owned_nouns token i is, or -1. */
static int owned_noun_of(const struct ana *a, uint32_t i)
{
	int k;

	if (a->toks[i].kind != TK_WORD || (a->toks[i].flags & TF_CAP))
		return -1;
	for (k = 0; k < N_OWNED; k++)
		if (ws__tok_eq(a, i, owned_nouns[k]))
			return k;
	return -1;
}

/* The body of kind n that belongs to person p, made on first use. */
static int owned_body(struct reg *r, uint32_t p, int n, uint32_t *out)
{
	uint32_t e;
	int rc;

	if (ent_at(r, p)->owned[n]) {
		*out = ent_at(r, p)->owned[n] - 1;
		return WS_OK;
	}
	rc = new_ent(r, n == 0 ? WS_KIND_ORGANIZATION : WS_KIND_GROUP, &e);
	if (rc != WS_OK)
		return rc;
	ent_at(r, e)->owner = p + 1;
	ent_at(r, e)->owned_noun = (uint8_t)n;
	ent_at(r, e)->nominal = true;
	ent_at(r, p)->owned[n] = e + 1;
	*out = e;
	return WS_OK;
}

static int resolve_pronoun(struct reg *r, struct mention *m, uint32_t *out);

/*
 * "Trump's campaign", "the Clinton campaign", "her campaign", "the
 * campaign": the campaign of the person named, of the one "her" refers
 * to, or of the person the story is following (the latest subject), else
 * the campaign last mentioned.
 * Sets *found when it resolved the mention.
 */
static int resolve_owned(struct reg *r, struct mention *m, uint32_t *out,
                         bool *found)
{
	struct ana *a = r->a;
	int n = owned_noun_of(a, m->head), rc = WS_OK;
	uint32_t k, poss = NOTOK, owner = NOTOK;

	*found = false;
	if (n < 0 || !m->definite || m->plural)
		return WS_OK;
	for (k = m->first; k < m->head; k++)
		if (a->toks[k].kind == TK_POSS)
			poss = k;
	if (poss != NOTOK) {
		uint32_t nf = m->first;

		while (nf < poss && tok_is(a, nf, W_DET))
			nf++;
		if (nf == poss)
			return WS_OK;
		for (k = nf; k < poss; k++)
			if (a->toks[k].kind != TK_WORD ||
			    !(a->toks[k].flags & (TF_CAP | TF_ACRO)))
				return WS_OK;
		rc = resolve_name(r, nf, poss, WS_KIND_PERSON, &owner);
	} else if (tok_is(a, m->first, W_POSSPRON) &&
	           tok_is(a, m->first, W_MALE | W_FEMALE)) {
		struct mention pm = *m;

		pm.head = m->first;
		pm.end = m->first + 1;
		pm.type = M_PRONOUN;
		rc = resolve_pronoun(r, &pm, &owner);
	} else if (tok_is(a, m->first, W_DET) && m->head > m->first + 1) {
		/* "the Clinton campaign": a person the story knows, named
		 * before the noun. */
		for (k = m->first + 1; k < m->head; k++)
			if (a->toks[k].kind != TK_WORD ||
			    !(a->toks[k].flags & TF_CAP))
				return WS_OK;
		if (!known_person(r, m->first + 1, m->head))
			return WS_OK;
		rc = resolve_name(r, m->first + 1, m->head, WS_KIND_PERSON,
		                  &owner);
	} else if (tok_is(a, m->first, W_DET) && m->head == m->first + 1) {
		owner = latest_subject(r, G_UNKNOWN, ws__para_of(a, m->first),
		                       2, true);
		if (owner == NOTOK) {
			for (k = r->nrecent; k > 0 && r->nrecent - k < 8; k--) {
				const struct ent *x =
					ent_at(r, r->recent[k - 1]);

				if (x->owner && x->owned_noun == n) {
					*out = r->recent[k - 1];
					*found = true;
					return WS_OK;
				}
			}
		}
	}
	if (rc != WS_OK || owner == NOTOK ||
	    ent_at(r, owner)->kind != WS_KIND_PERSON ||
	    ent_at(r, owner)->nominal)
		return rc;
	*found = true;
	return owned_body(r, owner, n, out);
}

/* Number words that count the persons a phrase refers back to. */
static const char *const count_words[] = {"both", "two", "three", "four"};

/*
 * How many persons a definite phrase counts, "the two lawmakers" (2),
 * "both men" (2), "the three" (3); 0 for any other phrase, and for a
 * quantity ("two of the senators", "the two parties").
 */
static uint32_t group_count(const struct ana *a, const struct mention *m)
{
	uint32_t k = m->first, n;

	if (ws__tok_eq(a, k, "the") && k + 1 < m->end)
		k++;
	else if (!ws__tok_eq(a, k, "both") &&
	         !(k > 0 && ws__tok_eq(a, k - 1, "the")))
		return 0;
	for (n = 0; n < WS_ARRAY_LEN(count_words); n++)
		if (ws__tok_eq(a, k, count_words[n]))
			break;
	if (n == WS_ARRAY_LEN(count_words))
		return 0;
	/* The count alone, or a person noun after it. */
	if (k + 1 < m->end &&
	    (m->head != m->end - 1 ||
	     !tok_is(a, m->head, W_ROLE | W_TITLE | W_GROUPNOUN)))
		return 0;
	return n < 2 ? 2 : n + 1;
}

/*
 * The first speaker phrase after the one being resolved, before token
 * hi, that names a person in full ("Rep. Adam Schiff"); NULL when none.
 * Looks at the next eight speaker phrases at most.
 */
static const struct mention *next_named_speaker(const struct reg *r,
                                                uint32_t hi)
{
	uint32_t k;

	for (k = r->ai + 1; k < r->nord && k <= r->ai + 8; k++) {
		uint32_t v = r->ord[k];
		const struct mention *m =
			v < r->nat ? (r->at[v].has_sp ? &r->at[v].sp : NULL)
				   : (r->nq[v - r->nat].has_sp
		                              ? &r->nq[v - r->nat].sp
		                              : NULL);

		if (!m)
			continue;
		if (m->first >= hi)
			return NULL;
		if (m->type == M_NAME && m->kind == WS_KIND_PERSON &&
		    m->name_first != NOTOK && m->name_end - m->name_first >= 2)
			return m;
	}
	return NULL;
}

/*
 * A title the story gives a work: a quotation of ten words at most, each
 * of four letters or more capitalised, as no sentence is ("13th",
 * "Collapse: How Societies Choose to Fail or Succeed"), opening at i; or
 * the capitalised run after "entitled" or "titled", the word at i ("a
 * memoir entitled The White House Doctor: My Patients Were Presidents").
 * Returns it in [*tf, *te).
 */
static bool title_at(const struct ana *a, uint32_t i, uint32_t *tf,
                     uint32_t *te)
{
	const struct tok *t = &a->toks[i];
	uint32_t first, end, k;

	if (t->kind == TK_QUOTE) {
		const struct qspan *q;

		if (!t->q)
			return false;
		q = &a->quotes[t->q - 1];
		if (q->open != i || q->close == NOTOK || q->words == 0 ||
		    q->words > 10)
			return false;
		first = q->first;
		end = q->end;
		for (k = first; k < end; k++)
			if (a->toks[k].kind == TK_WORD &&
			    a->toks[k].end - a->toks[k].start >= 4 &&
			    !(a->toks[k].flags & (TF_CAP | TF_DIGIT)))
				return false;
	} else {
		first = i + 1;
		for (end = first; end < a->ntoks && end < first + 16; end++) {
			const struct tok *u = &a->toks[end];

			if (u->flags & (TF_SENT | TF_PARA | TF_INQ))
				break;
			if (u->kind == TK_PUNCT
			            ? u->ch != ':' && u->ch != '-'
			            : u->kind != TK_WORD ||
			                      (!(u->flags & TF_CAP) &&
			                       u->end - u->start >= 4))
				break;
		}
	}
	while (end > first && a->toks[end - 1].kind != TK_WORD &&
	       a->toks[end - 1].kind != TK_NUM)
		end--;
	if (end <= first || !(a->toks[first].flags & (TF_CAP | TF_DIGIT) ||
	                      a->toks[first].kind == TK_NUM))
		return false;
	*tf = first;
	*te = end;
	return true;
}
/*
 * The last title given before token `at`, within three paragraphs and
 * 600 tokens: one bounded look back, made only for a work noun.
 */
static bool title_before(const struct ana *a, uint32_t at, uint32_t *tf,
                         uint32_t *te)
{
	uint32_t p = ws__para_of(a, at), lo, k;
	uint32_t entitled = ws__lex_lookup(a->lx, "entitled", 8);
	uint32_t titled = ws__lex_lookup(a->lx, "titled", 6);

	lo = a->paras[p > 3 ? p - 3 : 0].first;
	if (at > 600 && lo < at - 600)
		lo = at - 600;
	for (k = at; k > lo; k--) {
		const struct tok *t = &a->toks[k - 1];

		if ((t->kind == TK_QUOTE ||
		     (t->lex && (t->lex == entitled || t->lex == titled))) &&
		    title_at(a, k - 1, tf, te) && *te <= at)
			return true;
	}
	return false;
}

/* Nouns for a work that bears a title: "the film", "the book". */
static const char *const work_nouns[] = {
	"book",      "memoir",        "film",  "movie", "documentary",
	"biography", "autobiography", "novel", "album", "essay",
};

/*
 * "DuVernay's "13th" documents ... The film -- which weaves ...": a
 * definite work noun refers to the last title the story gave, within
 * three paragraphs; the title names the work's entity. Sets *found
 * when it resolved the mention.
 */
static int resolve_work(struct reg *r, const struct mention *m, uint32_t *out,
                        bool *found)
{
	const struct ana *a = r->a;
	uint32_t key, b, e, steps = 0, tf, te;
	struct ent *x;
	int rc;

	*found = false;
	if (!m->definite || m->plural || a->toks[m->first].kind != TK_WORD ||
	    !ws__tok_eq(a, m->first, "the") ||
	    !ws__tok_in(a, m->head, work_nouns, WS_ARRAY_LEN(work_nouns)) ||
	    !title_before(a, m->first, &tf, &te))
		return WS_OK;
	*found = true;
	key = span_hash(a, tf, te);
	if (r->nbuckets)
		for (b = r->buckets[key & (r->nbuckets - 1)]; b && steps < 32;
		     b = ent_at(r, b - 1)->chain, steps++) {
			x = ent_at(r, b - 1);
			if (x->nominal && x->key == key &&
			    x->name_first == tf) {
				*out = b - 1;
				return WS_OK;
			}
		}
	/* A work speaks for its makers, as an organisation would. */
	rc = new_ent(r, WS_KIND_ORGANIZATION, &e);
	if (rc != WS_OK)
		return rc;
	x = ent_at(r, e);
	x->nominal = true;
	x->name_first = tf;
	x->name_end = te;
	x->key = key;
	*out = e;
	return bucket_add(r, key, e);
}

/*
 * Who owns the description m: 1 for a possessive pronoun ("his
 * spokesman"), the hash of the owner's last word for a name ("Trump's
 * lawyer"), 0 for none or another owner ("the company's chief").
 */
static uint32_t possessor(const struct ana *a, const struct mention *m)
{
	uint32_t k;

	if (tok_is(a, m->first, W_POSSPRON))
		return 1;
	for (k = m->first + 1; k < m->head; k++)
		if (a->toks[k].kind == TK_POSS &&
		    a->toks[k - 1].kind == TK_WORD &&
		    (a->toks[k - 1].flags & TF_CAP) &&
		    !tok_is(a, k - 1, W_DET | W_ORG | W_ORGNAME))
			return tok_hash(a, k - 1) | 2;
	return 0;
}

/* Does the phrase [first, end) go on past its head ("a source familiar
 * with the ad"), so that its last word is not its head? */
static bool postmodified(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k;

	for (k = first; k < end; k++)
		if ((a->toks[k].kind != TK_WORD && a->toks[k].kind != TK_NUM &&
		     a->toks[k].kind != TK_POSS) ||
		    tok_is(a, k, W_PREP | W_REL | W_THAT | W_TO | W_OF))
			return true;
	return false;
}

/* "the 46-year-old": an age standing for a person, as a role does. */
static bool age_word(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];

	return t->kind == TK_WORD && (t->flags & TF_DIGIT) &&
	       t->end - t->start > 5 &&
	       !memcmp(a->text + t->end - 4, "-old", 4);
}

static int resolve_nominal(struct reg *r, struct mention *m, uint32_t *out)
{
	struct ana *a = r->a;
	uint64_t hf = tok_wflags(a, m->head);
	uint32_t k, e, key, n;
	bool found, bare, lead;
	int rc;

	rc = resolve_owned(r, m, out, &found);
	if (rc != WS_OK || found)
		return rc;
	rc = resolve_work(r, m, out, &found);
	if (rc != WS_OK || found)
		return rc;
	/* "the two lawmakers", "both men": the persons just named
	 * together, as many as it counts. */
	if ((n = group_count(a, m)) != 0) {
		for (k = r->nrecent; k > 0 && r->nrecent - k < 8; k--)
			if (ent_at(r, r->recent[k - 1])->nmembers == n) {
				*out = r->recent[k - 1];
				return WS_OK;
			}
	}
	/* "the senator", "the Vermont senator": a person with that title;
	 * failing that, "the businessman", "the nominee": the person last
	 * seen as a subject, else the story's most mentioned recent one. */
	/* A role phrase with no determiner at all ("current Democratic
	 * presidential nominee said", cut short from "the former secretary
	 * of state and current ...") refers like a definite one; not in a
	 * headline, where it introduces. */
	bare = !m->definite && a->toks[m->first].kind == TK_WORD &&
	       !tok_is(a, m->first, W_DET | W_NUMWORD | W_PRON) &&
	       (tok_is(a, m->first, W_ADJ) ||
	        (m->head == m->first + 1 && place_word(a, m->first))) &&
	       ws__para_of(a, m->first) > 0;
	if ((m->definite || bare) && !m->plural &&
	    ((hf & (W_TITLE | W_ROLE)) ||
	     (m->definite && age_word(a, m->head))) &&
	    !(hf & W_ANON)) {
		uint32_t best, bestn = 0, owner = possessor(a, m);
		uint8_t g = gender_of_flags(hf);

		for (k = r->nrecent; k > 0; k--) {
			struct ent *x = ent_at(r, r->recent[k - 1]);

			if (x->kind == WS_KIND_PERSON && !x->nominal &&
			    has_title_word(a, x, m->head, m->first)) {
				*out = r->recent[k - 1];
				return WS_OK;
			}
		}

		/* "The New York state attorney general is confirming ...":
		 * a specific description no one recent fits introduces the
		 * person the story names next. */
		if (specific_description(a, m)) {
			uint32_t nf, ne;

			if (named_ahead(r, m, window_end(a, m->first, 1, 120),
			                (a->toks[m->first].flags & TF_PARA) !=
			                        0,
			                &nf, &ne))
				return resolve_name(r, nf, ne, WS_KIND_PERSON,
				                    out);
		}
		/* "Trump's lawyer", "the company's chief executive", "his
		 * spokesman": someone else than the person last seen; a new
		 * person unless one recent has that title (above). */
		/* "his spokesman" is not the person "his" is; "Trump's
		 * lawyer" not Trump. */
		if (owner != 1) {
			/* The person last seen as a subject in this paragraph or
			 * the one before: "Trump cited ... "...," the New York
			 * businessman said". */
			best = lead_subject(r, g, m->first);
			if (best == NOTOK)
				best = latest_subject(r, g,
				                      ws__para_of(a, m->first),
				                      1, true);
			if (best != NOTOK && owner &&
			    (ent_at(r, best)->surname | 2) == owner)
				best = NOTOK;
			if (best != NOTOK) {
				*out = best;
				return WS_OK;
			}
			for (k = r->nrecent; k > 0 && r->nrecent - k < 8; k--) {
				struct ent *x = ent_at(r, r->recent[k - 1]);

				if (x->kind == WS_KIND_PERSON && !x->nominal &&
				    !(g && x->gender && x->gender != g) &&
				    !(owner && (x->surname | 2) == owner) &&
				    x->nment > bestn) {
					best = r->recent[k - 1];
					bestn = x->nment;
				}
			}
			if (best != NOTOK) {
				*out = best;
				return WS_OK;
			}
		}
	}
	/* "the campaign", "the agency": the recent organisation so named,
	 * else the most recent organisation. */
	if (m->definite && (hf & (W_ORG | W_INFO)) && !m->plural) {
		uint32_t any = NOTOK, spoke = NOTOK;
		/* A place is no "company" or "newspaper", but may be "the
		 * government" or "the state". */
		bool places = ws__tok_in(a, m->head, gov_nouns,
		                         WS_ARRAY_LEN(gov_nouns));
		/* "the RMT union", "the Trump campaign": a name before the
		 * head says which organisation; only one so named is it. */
		uint32_t mod = NOTOK;

		for (k = m->first; k < m->head; k++)
			if ((a->toks[k].kind == TK_WORD &&
			     (a->toks[k].flags & (TF_CAP | TF_ACRO)) &&
			     !(a->toks[k].flags & TF_TITLED) &&
			     !tok_is(a, k, W_DET | W_POSSPRON)) ||
			    /* "the district attorney's office": its
			     * owner, a person, says which */
			    (a->toks[k].kind == TK_POSS && k > m->first &&
			     a->toks[k - 1].kind == TK_WORD &&
			     tok_is(a, k - 1, W_ROLE | W_TITLE) &&
			     !tok_is(a, k - 1, W_ORG | W_INFO | W_MEDIUM)))
				mod = a->toks[k].kind == TK_POSS ? k - 1 : k;
		for (k = r->nrecent; k > 0; k--) {
			struct ent *x = ent_at(r, r->recent[k - 1]);
			uint32_t j;

			if (x->kind != WS_KIND_ORGANIZATION ||
			    x->name_first == NOTOK)
				continue;
			/* "a Chicago company ... the company": a phrase
			 * names the same organisation by its head, when no
			 * named one came since. */
			if (x->nominal) {
				if (any == NOTOK &&
				    toks_equal(a, x->name_end - 1, m->head) &&
				    !postmodified(a, x->name_first,
				                  x->name_end)) {
					*out = r->recent[k - 1];
					return WS_OK;
				}
				continue;
			}
			/* "the government" falls back to a place ("China")
			 * or a government body ("the Kremlin"), not to a
			 * company named lately. */
			if (r->nrecent - k < 6 &&
			    (places ? place_name(a, x->name_first,
			                         x->name_end) ||
			                      gov_body(a, x->name_first,
			                               x->name_end)
			            : !place_name(a, x->name_first,
			                          x->name_end))) {
				if (any == NOTOK)
					any = r->recent[k - 1];
				if (spoke == NOTOK && x->used)
					spoke = r->recent[k - 1];
			}
			for (j = x->name_first; j < x->name_end; j++)
				if (toks_equal(a, j, m->head) ||
				    (mod != NOTOK && (hf & W_ORG) &&
				     toks_equal(a, j, mod))) {
					*out = r->recent[k - 1];
					return WS_OK;
				}
		}
		/* Else the organisation last quoted among the recent ones
		 * ("The Advocate had chided ... The newspaper said"), else
		 * the most recent. */
		if (spoke != NOTOK)
			any = spoke;
		if (any != NOTOK && (hf & W_ORG) && mod == NOTOK) {
			*out = any;
			return WS_OK;
		}
	}
	/* A headline's "Former DNC chairman calls for ...", a lead's "A
	 * federal judge granted ...": the person the first paragraphs
	 * name with that title, else the first one they introduce. */
	lead = !m->definite && !m->plural && m->type == M_NOMINAL &&
	       !(hf & W_ANON) &&
	       (ws__para_of(a, m->first) == 0 ||
	        (ws__para_of(a, m->first) == 1 &&
	         (a->toks[m->first].flags & TF_PARA)));
	if (lead && (hf & (W_TITLE | W_ROLE))) {
		uint32_t nf, ne;

		for (k = r->nrecent; k > 0; k--) {
			struct ent *x = ent_at(r, r->recent[k - 1]);

			/* Not a name read once into a Title Case headline:
			 * "Woman Steps Forward With ...". */
			if (x->kind == WS_KIND_PERSON && !x->nominal &&
			    !(x->nment == 1 &&
			      (a->toks[x->name_first].flags & TF_TITLED)) &&
			    has_title_word(a, x, m->head, m->first)) {
				*out = r->recent[k - 1];
				return WS_OK;
			}
		}
		if (named_ahead(r, m, window_end(a, m->first, 3, 300), true,
		                &nf, &ne))
			return resolve_name(r, nf, ne, WS_KIND_PERSON, out);
	}
	/* A headline's "Member of House panel says ...", a lead's "A
	 * lawmaker in the Philippines is calling for ...", with no title
	 * to look for below: the first person the story quotes by name
	 * in its opening paragraphs is who it announces. */
	if (lead && m->kind == WS_KIND_PERSON) {
		const struct mention *named =
			next_named_speaker(r, window_end(a, m->first, 3, 300));

		if (named)
			return resolve_name(r, named->name_first,
			                    named->name_end, WS_KIND_PERSON,
			                    out);
	}
	/* "A senior administration official said ... "...," the official
	 * said": a definite phrase headed by a source noun is the recent
	 * unnamed source whose phrase has that noun. */
	if (m->definite && !m->plural && (hf & W_ANON)) {
		for (k = r->nrecent; k > 0 && r->nrecent - k < 8; k--) {
			struct ent *x = ent_at(r, r->recent[k - 1]);
			uint32_t j;

			if (!x->nominal || !x->anonymous ||
			    x->name_first == NOTOK)
				continue;
			for (j = x->name_first; j < x->name_end; j++)
				if (toks_equal(a, j, m->head) &&
				    tok_is(a, j, W_ANON)) {
					*out = r->recent[k - 1];
					return WS_OK;
				}
		}
	}
	/* Its own entity; the same phrase twice is one entity. */
	key = span_hash(a, m->first, m->end);
	if (r->nbuckets) {
		uint32_t b, steps = 0;

		/* The newest few only: every "an official" is an entity of
		 * its own, and a long text has many in one bucket. */
		for (b = r->buckets[key & (r->nbuckets - 1)]; b && steps < 32;
		     b = ent_at(r, b - 1)->chain, steps++) {
			struct ent *x = ent_at(r, b - 1);

			if (x->nominal && x->key == key &&
			    (!x->anonymous || m->definite)) {
				*out = b - 1;
				return WS_OK;
			}
		}
	}
	rc = new_ent(r, m->kind, &e);
	if (rc != WS_OK)
		return rc;
	{
		struct ent *x = ent_at(r, e);
		bool indefinite = !m->definite;
		const char *why = anonymity(a, sent_of(a, m->first));

		x->nominal = true;
		x->name_first = m->first;
		x->name_end = m->end;
		x->key = key;
		if ((hf & W_ANON) &&
		    (why || (indefinite && !m->plural &&
		             !tok_is(a, m->first, W_NUMWORD)))) {
			x->anonymous = true;
			x->kind = WS_KIND_ANONYMOUS;
			x->reason = why ? why : "unnamed source";
		} else if (why && (hf & W_ANON)) {
			x->anonymous = true;
			x->reason = why;
		}
		if (m->plural && x->kind == WS_KIND_PERSON)
			x->kind = WS_KIND_GROUP;
	}
	rc = bucket_add(r, key, e);
	*out = e;
	return rc;
}

/* Is token i "you", "you're", "you’ve"? */
static bool second_person(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	const char *w = a->text + t->start;
	uint32_t n = t->end - t->start;

	return t->kind == TK_WORD && n >= 3 && (w[0] | 0x20) == 'y' &&
	       (w[1] | 0x20) == 'o' && (w[2] | 0x20) == 'u' &&
	       (n == 3 || w[3] == '\'' || (unsigned char)w[3] == 0xE2);
}

uint8_t ws__qa_marker(const struct ana *a, uint32_t p)
{
	uint32_t k = a->paras[p].first;

	if (k + 1 >= a->paras[p].end || !tok_punct(a, k + 1, ':'))
		return 0;
	if (ws__tok_eq(a, k, "a") && (a->toks[k].flags & TF_CAP))
		return 1;
	if (ws__tok_eq(a, k, "q"))
		return 2;
	return 0;
}

/*
 * The authors of first-person text: a paragraph of two to four
 * capitalised words and nothing else signs the text before it (letters to
 * the editor); a last paragraph "<Name> is ..." or "<Name>, ..., was ..."
 * tags an opinion piece. One pass over the paragraphs, backwards.
 */
static int find_authors(struct reg *r)
{
	struct ana *a = r->a;
	uint32_t p, next = NOTOK;

	r->tag_first = r->tag_end = NOTOK;
	if (!a->nparas)
		return WS_OK;
	r->sig_after = ws__arena_alloc(a->arena, a->nparas * sizeof(uint32_t));
	if (!r->sig_after)
		return WS_ENOMEM;
	for (p = a->nparas; p > 0; p--) {
		uint32_t first = a->paras[p - 1].first,
			 end = a->paras[p - 1].end;
		uint32_t k, words = 0, nf, ne;
		bool sig = end > first;

		r->sig_after[p - 1] = next;
		while (end > first && tok_punct(a, end - 1, '.'))
			end--;
		for (k = first; k < end && sig; k++) {
			const struct tok *t = &a->toks[k];

			if (t->kind == TK_WORD && (t->flags & TF_CAP) &&
			    !(t->flags & TF_INQ))
				words++;
			else if (!(t->kind == TK_PUNCT && t->ch == '.' &&
			           k > first &&
			           (a->toks[k - 1].flags & TF_INITIAL)))
				sig = false;
		}
		if (sig && words >= 2 && words <= 4 && p > 1 &&
		    person_name_span(a, first, end, &nf, &ne) && nf == first &&
		    ne == end)
			next = p - 1;
	}
	/* The tagline: a name run, an optional appositive, "is" or "was". */
	{
		uint32_t first = a->paras[a->nparas - 1].first, k = first;
		uint32_t end = a->paras[a->nparas - 1].end, nf, ne;

		while (k < end && !(a->toks[k].flags & TF_INQ) &&
		       ((a->toks[k].kind == TK_WORD &&
		         (a->toks[k].flags & (TF_CAP | TF_ACRO))) ||
		        (tok_punct(a, k, '.') && k > first)))
			k++;
		if (k > first && k < end &&
		    person_name_span(a, first, k, &nf, &ne)) {
			uint32_t j = k;

			if (tok_punct(a, j, ',')) {
				for (j++; j < end && j < k + 12; j++)
					if (tok_punct(a, j, ','))
						break;
				j++;
			}
			if (j < end && (ws__tok_eq(a, j, "is") ||
			                ws__tok_eq(a, j, "was"))) {
				r->tag_first = nf;
				r->tag_end = ne;
			}
		}
	}
	return WS_OK;
}

/*
 * An interview transcript: four or more paragraphs open with "Q:" or
 * "A:". Its interviewee is the first person named, by two words or more,
 * in the first paragraph (the title) or in the two after it that come
 * before the first "Q:" or "A:" (the introduction); without one it is no
 * transcript. Sets a->qa (per paragraph 1 in an answer, 2 in a question,
 * 0 before the first) and a->iv_first, a->iv_end.
 */
int ws__transcript(struct ana *a)
{
	uint32_t p, n = 0, k, first_marker = NOTOK;
	uint8_t state = 0;

	a->qa = NULL;
	a->iv_first = a->iv_end = NOTOK;
	for (p = 0; p < a->nparas; p++)
		if (ws__qa_marker(a, p)) {
			if (first_marker == NOTOK)
				first_marker = p;
			n++;
		}
	if (n < 4)
		return WS_OK;
	for (p = 0;
	     (p == 0 || p < first_marker) && p < 3 && a->iv_first == NOTOK;
	     p++) {
		uint32_t end = a->paras[p].end, nf, ne;

		for (k = a->paras[p].first; k < end && a->iv_first == NOTOK;) {
			uint32_t e = name_run_end(a, k, end);

			if (e >= k + 2 && person_name_span(a, k, e, &nf, &ne)) {
				a->iv_first = nf;
				a->iv_end = ne;
			}
			k = e > k ? e : k + 1;
		}
	}
	if (a->iv_first == NOTOK)
		return WS_OK;
	a->qa = ws__arena_alloc(a->arena, a->nparas);
	if (!a->qa)
		return WS_ENOMEM;
	for (p = 0; p < a->nparas; p++) {
		uint8_t q = ws__qa_marker(a, p);

		if (q)
			state = q;
		a->qa[p] = state;
	}
	return WS_OK;
}

/* "I" outside quotations: the author of the text it is in, when the
 * story says who that is. */
static bool first_person_author(struct reg *r, const struct mention *m,
                                uint32_t *nf, uint32_t *ne)
{
	struct ana *a = r->a;
	uint32_t p, s;

	if (!r->sig_after || (a->toks[m->head].flags & TF_INQ))
		return false;
	p = ws__para_of(a, m->first);
	if (a->qa && a->qa[p] == 1) {
		*nf = a->iv_first;
		*ne = a->iv_end;
		return true;
	}
	s = r->sig_after[p];
	if (s != NOTOK && s - p <= 6) {
		uint32_t end = a->paras[s].end;

		while (end > a->paras[s].first && tok_punct(a, end - 1, '.'))
			end--;
		return person_name_span(a, a->paras[s].first, end, nf, ne);
	}
	if (r->tag_first == NOTOK)
		return false;
	*nf = r->tag_first;
	*ne = r->tag_end;
	return true;
}

static int resolve_pronoun(struct reg *r, struct mention *m, uint32_t *out)
{
	struct ana *a = r->a;
	uint64_t f = tok_wflags(a, m->head);
	uint32_t k;
	uint8_t g = gender_of_flags(f);

	uint32_t fallback = NOTOK, persons = 0, nf, ne;

	/* "Q: You said ...": the interviewee. */
	if (a->qa && a->qa[ws__para_of(a, m->first)] == 2 &&
	    !(a->toks[m->head].flags & TF_INQ) && second_person(a, m->head))
		return resolve_name(r, a->iv_first, a->iv_end, WS_KIND_PERSON,
		                    out);
	if ((f & W_PRON_1ST) && !(f & W_PLURAL) &&
	    first_person_author(r, m, &nf, &ne)) {
		int rc = resolve_name(r, nf, ne, WS_KIND_PERSON, out);

		if (rc == WS_OK)
			ent_at(r, *out)->author = true;
		return rc;
	}

	/* "he said" right after someone's quotation: that speaker, when
	 * the gender fits and no paragraph has passed without them. */
	if (!(f & (W_PRON_IT | W_PLURAL | W_PRON_1ST)) && r->last_speaker) {
		struct ent *x = ent_at(r, r->last_speaker - 1);

		bool newer = false;

		/* Unless someone of that gender, or a titled person of no
		 * known gender, was the subject since: "Irene Holt
		 * disagreed. "...," she said." */
		for (k = r->nrecent; k > 0 && r->nrecent - k < 8; k--) {
			struct ent *y = ent_at(r, r->recent[k - 1]);

			if (y != x && y->kind == WS_KIND_PERSON &&
			    !y->nominal &&
			    (y->gender == g || (!y->gender && y->ntitles)) &&
			    y->last_subj > r->last_spk_tok + 1 &&
			    y->last_subj <= m->first)
				newer = true;
		}
		/* A speaker whose gender is not known is taken too, and
		 * learns it: ", noted NBC's Dante Chinni. "...," he wrote." */
		if (x->kind == WS_KIND_PERSON && !x->nominal && !x->author &&
		    g && (x->gender == g || !x->gender) && !newer &&
		    !named_in_content(r, x) &&
		    ws__para_of(a, r->last_spk_tok) + 1 >=
		            ws__para_of(a, m->first)) {
			x->gender = g;
			*out = r->last_speaker - 1;
			return WS_OK;
		}
	}
	/* "he", "she": among the recent persons of that gender, the one
	 * last seen as a subject or speaker, within two paragraphs; else
	 * the latest subject whose gender is not known, within one. */
	if (!(f & (W_PRON_IT | W_PLURAL | W_PRON_1ST)) && g) {
		uint32_t pnow = ws__para_of(a, m->first),
			 best = lead_subject(r, g, m->first);

		if (best != NOTOK) {
			if (!ent_at(r, best)->gender)
				ent_at(r, best)->gender = g;
			*out = best;
			return WS_OK;
		}
		best = latest_subject(r, g, pnow, 2, false);

		if (best == NOTOK)
			best = latest_subject(r, G_UNKNOWN, pnow, 1, false);
		if (best != NOTOK) {
			*out = best;
			return WS_OK;
		}
	}
	for (k = r->nrecent; k > 0; k--) {
		struct ent *x = ent_at(r, r->recent[k - 1]);

		if (f & W_PRON_IT) {
			if (x->kind == WS_KIND_ORGANIZATION) {
				*out = r->recent[k - 1];
				return WS_OK;
			}
			continue;
		}
		if (f & W_PLURAL) {
			/* Persons named together are "they", never the
			 * writer's "we". */
			if (x->nmembers && (f & W_PRON_1ST))
				continue;
			if (x->kind == WS_KIND_GROUP ||
			    x->kind == WS_KIND_ORGANIZATION) {
				*out = r->recent[k - 1];
				return WS_OK;
			}
			continue;
		}
		if ((x->kind != WS_KIND_PERSON &&
		     x->kind != WS_KIND_ANONYMOUS) ||
		    x->author)
			continue;
		if (x->kind == WS_KIND_ANONYMOUS && !x->nominal)
			continue;
		/* A nominal ("a former aide") only from the last sentence;
		 * "he" or "she" only for a person noun, not "the camera". */
		if (x->nominal && x->name_first != NOTOK &&
		    sent_of(a, x->name_first) + 1 < sent_of(a, m->first))
			continue;
		if (x->nominal && g && x->name_first != NOTOK &&
		    !tok_is(a, x->name_end - 1,
		            W_ROLE | W_TITLE | W_ANON | W_KIN | W_MALE |
		                    W_FEMALE))
			continue;
		if (g && x->gender && x->gender != g)
			continue;
		if (named_in_content(r, x))
			continue;
		persons++;
		if (g && !x->gender) {
			/* Unknown gender: take it unless a person of the
			 * right gender was mentioned just before. */
			if (fallback == NOTOK)
				fallback = r->recent[k - 1];
			if (persons < 3)
				continue;
			break;
		}
		*out = r->recent[k - 1];
		return WS_OK;
	}
	if (fallback != NOTOK) {
		ent_at(r, fallback)->gender = g;
		*out = fallback;
		return WS_OK;
	}
	return resolve_nominal(r, m, out);
}

/* Is token k in a Title Case headline? Its first word is not marked,
 * the next one is. */
static bool in_titled(const struct ana *a, uint32_t k)
{
	return (a->toks[k].flags & TF_TITLED) ||
	       ((a->toks[k].flags & TF_PARA) && k + 1 < a->ntoks &&
	        (a->toks[k + 1].flags & TF_TITLED));
}

/*
 * Is the name [nf, ne) one that "The" makes an organisation's or a
 * publication's ("editors of The Advocate", "The Hill reported"): led
 * by a capitalised "the", with no given name, title or honorific in it.
 * Persons do not take "The".
 */
static bool the_name(const struct ana *a, uint32_t nf, uint32_t ne)
{
	const struct tok *l = &a->toks[ne - 1];
	uint32_t k;

	if (nf == 0 || !(a->toks[nf - 1].flags & TF_CAP) ||
	    in_titled(a, nf - 1) || !ws__tok_eq(a, nf - 1, "the"))
		return false;
	/* Not a modifier: "The Clinton campaign", "The Republican
	 * convention". */
	if (ne < a->ntoks &&
	    lower_word_is(a, ne,
	                  W_ROLE | W_TITLE | W_ORG | W_INFO | W_MEDIUM |
	                          W_GROUPNOUN | W_KIN))
		return false;
	/* Not a family or a people: "The Obamas", "The Japanese". */
	if (l->kind != TK_WORD || a->text[l->end - 1] == 's' ||
	    (l->end - l->start > 3 && !memcmp(a->text + l->end - 3, "ese", 3)))
		return false;
	for (k = nf; k < ne; k++)
		if (tok_is(a, k, W_FIRSTNAME | W_HONOR | W_TITLE))
			return false;
	return true;
}

/*
 * A common noun a Title Case headline capitalises ("Newspaper Says
 * Clinton Needs To ..."): one word the lexicon knows as a noun for a
 * body or a document, and nothing that names one.
 */
static bool titled_common_noun(const struct ana *a, uint32_t nf, uint32_t ne)
{
	uint64_t f;

	if (ne != nf + 1 || !in_titled(a, nf))
		return false;
	f = tok_wflags(a, nf);
	return (f & (W_ORG | W_INFO | W_MEDIUM)) &&
	       !(f & (W_ORGNAME | W_PLACE | W_FIRSTNAME | W_ACRONYM | W_ROLE |
	              W_KIN));
}

/* Is the coordinated name [nf, ne) one body's: "Central and East
 * European Coalition", "Securities and Exchange Commission"? Its last
 * word is a capitalised organisation head in the singular. */
static bool one_body(const struct ana *a, uint32_t nf, uint32_t ne)
{
	uint32_t l = ne - 1;

	return ne > nf + 2 && a->toks[l].kind == TK_WORD &&
	       (a->toks[l].flags & TF_CAP) && tok_is(a, l, W_ORG) &&
	       !tok_is(a, l, W_PLURAL | W_GROUPNOUN) &&
	       a->text[a->toks[l].end - 1] != 's';
}

/*
 * "Mr. Grassley and Mr. Leahy said": a speaker phrase that lists persons
 * by name is the group of those persons, the one "they" refers to after
 * "Grassley and Leahy" outside a speaker phrase too. Parts that name no
 * one ("Republican of Iowa") are appositives; a part that names an
 * organisation ("Russia and Akhmetov") makes it no such list. Sets
 * *found when it resolved the mention.
 */
static int resolve_listed(struct reg *r, struct mention *m, uint32_t *out,
                          bool *found)
{
	struct ana *a = r->a;
	uint32_t mem[MAX_MEMBERS], n = 0, k, j, start = m->first, e;
	int rc;

	*found = false;
	for (k = m->first; k <= m->end; k++) {
		struct mention part;

		if (k < m->end && !tok_is(a, k, W_AND) && !tok_punct(a, k, ','))
			continue;
		memset(&part, 0, sizeof(part));
		part.first = start;
		part.end = k;
		part.entity = -1;
		start = k + 1;
		while (part.first < part.end &&
		       tok_is(a, part.first, W_DET | W_POSSPRON))
			part.first++;
		if (part.first >= part.end)
			continue;
		ws__np_classify(a, &part);
		if (part.type != M_NAME || part.name_first == NOTOK)
			continue;
		/* Each a person's name, after its titles: not "Secretary
		 * of State", "the cities of Blackpool"; a name of one word
		 * only when known ("Mr. Grassley"). */
		if (part.kind != WS_KIND_PERSON || n == MAX_MEMBERS ||
		    part.name_end != part.end ||
		    (part.name_end - part.name_first < 2 &&
		     !known_person(r, part.name_first, part.name_end)))
			return WS_OK;
		for (j = part.first; j < part.end; j++)
			if (tok_is(a, j, W_PREP))
				return WS_OK;
		rc = resolve_name(r, part.name_first, part.name_end,
		                  WS_KIND_PERSON, &e);
		if (rc != WS_OK)
			return rc;
		add_title(r, e, part.first, part.name_first);
		mem[n++] = e;
	}
	if (n < 2)
		return WS_OK;
	*found = true;
	return group_of(r, mem, n, out);
}

/*
 * The phrase a relative pronoun refers to: the one mention.c found, or
 * the phrase before a dash ("Hillary Clinton -- who's called for ...");
 * and when that is a description in apposition to a name, the name:
 * "John Bentel, a tech staffer at the State Department who told ...",
 * "China and the United States, the world's two biggest polluters,
 * which ...". Looks back within the sentence only.
 */
static bool rel_antecedent(const struct ana *a, const struct mention *m,
                           struct mention *ante)
{
	struct mention name;
	uint32_t lo = a->sents[sent_of(a, m->first)].first;

	if (m->ante_first != NOTOK) {
		memset(ante, 0, sizeof(*ante));
		ante->first = m->ante_first;
		ante->end = m->ante_end;
		ante->entity = -1;
		ws__np_classify(a, ante);
	} else if (!(m->first > lo + 1 && tok_punct(a, m->first - 1, PC_DASH) &&
	             ws__np_left(a, lo, m->first - 1, ante) &&
	             ante->type == M_NAME &&
	             !(ante->first > lo &&
	               (tok_punct(a, ante->first - 1, PC_DASH) ||
	                ws__tok_eq(a, ante->first - 1, "like"))))) {
		/* Not "candidates -- like Donald Trump -- who say". */
		return false;
	}
	/* "who" for a person, "which" for anything else; "whose
	 * advocates" is often the organisation's. One capitalised word
	 * opening the sentence is no name: "Instead, the study -- which". */
	if (ante->type == M_NOMINAL && ante->first > lo + 1 &&
	    !ws__tok_eq(a, m->head, "whose") &&
	    tok_punct(a, ante->first - 1, ',') &&
	    ws__np_left(a, lo, ante->first - 1, &name) && name.type == M_NAME &&
	    name.name_first != NOTOK &&
	    (name.first > lo || name.name_end - name.name_first > 1) &&
	    (name.kind == WS_KIND_PERSON) != ws__tok_eq(a, m->head, "which"))
		*ante = name;
	return true;
}

static int resolve_mention(struct reg *r, struct mention *m, uint32_t *out)
{
	struct ana *a = r->a;

	/* "A: ..." in a transcript: the label of an answer stands for the
	 * interviewee. */
	if (a->qa && m->end == m->first + 1) {
		uint32_t p = ws__para_of(a, m->first);

		if (a->paras[p].first == m->first && ws__qa_marker(a, p) == 1)
			return resolve_name(r, a->iv_first, a->iv_end,
			                    WS_KIND_PERSON, out);
	}
	switch (m->type) {
	case M_NAME: {
		int rc;

		if (titled_common_noun(a, m->name_first, m->name_end)) {
			struct mention d = *m;

			d.type = M_NOMINAL;
			d.kind = WS_KIND_ORGANIZATION;
			d.head = m->name_first;
			d.name_first = d.name_end = NOTOK;
			return resolve_nominal(r, &d, out);
		}
		if (m->kind == WS_KIND_PERSON &&
		    the_name(a, m->name_first, m->name_end)) {
			struct mention o = *m;

			o.kind = WS_KIND_ORGANIZATION;
			return resolve_name(r, o.name_first, o.name_end, o.kind,
			                    out);
		}

		/* "a U.S. senator", "Senator from Texas": the place only
		 * qualifies a role noun; the phrase is a description. */
		if (role_from_place(a, m)) {
			struct mention d = *m;

			d.type = M_NOMINAL;
			d.definite = true; /* it reads as "the senator ..." */
			d.head = m->first;
			d.name_first = d.name_end = NOTOK;
			return resolve_nominal(r, &d, out);
		}
		if (m->kind == WS_KIND_GROUP) {
			bool found;

			rc = resolve_listed(r, m, out, &found);
			if (rc != WS_OK || found)
				return rc;
			if (one_body(a, m->name_first, m->name_end))
				return resolve_name(r, m->name_first,
				                    m->name_end,
				                    WS_KIND_ORGANIZATION, out);
		}
		rc = resolve_name(r, m->name_first, m->name_end, m->kind, out);

		if (rc == WS_OK && ent_at(r, *out)->kind != m->kind &&
		    m->kind == WS_KIND_GROUP) {
			/* "Russia and Akhmetov": the group is its own. */
			return resolve_nominal(r, m, out);
		}
		if (rc == WS_OK) {
			add_title(r, *out, m->first, m->name_first);
			apposed_title(r, *out,
			              a->sents[sent_of(a, m->first)].first,
			              m->first);
			honorific_gender(r, *out, m->first, m->name_first);
		}
		return rc;
	}
	case M_PRONOUN:
		return resolve_pronoun(r, m, out);
	case M_REL: {
		struct mention ante;

		if (rel_antecedent(a, m, &ante)) {
			if (ante.type != M_REL && ante.type != M_PRONOUN)
				return resolve_mention(r, &ante, out);
			if (ante.type == M_PRONOUN)
				return resolve_pronoun(r, &ante, out);
		}
		return resolve_nominal(r, m, out);
	}
	default:
		return resolve_nominal(r, m, out);
	}
}

/*
 * A person whose given name tells no gender learns it from the first
 * "he", "his", "she" or "her" after the verb they are the subject of, in
 * the same sentence and before anyone else is named: "Rakeyia Scott
 * shouted that her husband was unarmed". The window is bounded.
 */
static uint8_t gender_ahead(const struct ana *a, uint32_t k)
{
	uint32_t j;

	for (j = k; j < a->ntoks && j < k + 16; j++) {
		const struct tok *t = &a->toks[j];
		uint64_t f;

		if ((t->flags & (TF_INQ | TF_PARA)) ||
		    (j > k && (t->flags & TF_SENT)))
			break;
		if (j > k && t->kind == TK_WORD && (t->flags & TF_CAP))
			break;
		f = tok_wflags(a, j);
		if (!(f & (W_PRON | W_PRON_OBJ | W_POSSPRON)))
			continue;
		if ((f & W_MALE) && !(f & W_FEMALE))
			return G_MALE;
		if ((f & W_FEMALE) && !(f & W_MALE))
			return G_FEMALE;
	}
	return G_UNKNOWN;
}

/* Does token i open its sentence or a clause after a comma ("Indeed,
 * Francis' message is ...", "But Sanders's speech ..."), rather than sit
 * inside a phrase ("many of Trump's assertions")? */
static bool opens_clause(const struct ana *a, uint32_t i)
{
	if (a->toks[i].flags & (TF_SENT | TF_PARA))
		return true;
	if (i == 0)
		return true;
	if (tok_punct(a, i - 1, ','))
		return true;
	return (a->toks[i - 1].flags & (TF_SENT | TF_PARA)) &&
	       tok_is(a, i - 1, W_COORD | W_ADV);
}

/* Does an aside open at i with a participle: "Marsh, speaking in
 * Chicago, struck a cautious tone", "Delgado, asked about it,
 * shrugged"? */
static bool participle_aside(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];
	uint32_t n = t->end - t->start;

	return t->kind == TK_WORD && !(t->flags & TF_CAP) && n > 4 &&
	       (!memcmp(a->text + t->end - 3, "ing", 3) ||
	        !memcmp(a->text + t->end - 2, "ed", 2)) &&
	       !tok_is(a, i, W_PREP | W_NOUNCUE | W_ADV);
}

/*
 * What follows a name: an appositive title ("Lindsey Graham, the South
 * Carolina senator,") is recorded, and a verb after it (over a
 * parenthesis or an appositive) makes this a subject mention, which
 * pronouns prefer.
 */
static void after_name(struct reg *r, uint32_t e, uint32_t first, uint32_t k)
{
	struct ana *a = r->a;
	struct ent *x = ent_at(r, e);
	uint32_t end = a->ntoks, j;

	/* "Murphy's floor speech wasn't a solo effort -- he was joined
	 * ...": the possessor of a subject that names no one is as good
	 * as the subject for the pronouns after it, when the gender they
	 * must agree with is known (not "Trump's spokesman said he ...":
	 * either may be meant). */
	if (k < end && a->toks[k].kind == TK_POSS) {
		for (j = k + 1;
		     j < end && j < k + 6 && a->toks[j].kind == TK_WORD &&
		     !(a->toks[j].flags & TF_INQ) && !ws__verb_like(a, j);
		     j++)
			;
		if (j == k + 1 || x->kind != WS_KIND_PERSON || !x->gender ||
		    tok_is(a, j - 1,
		           W_ROLE | W_TITLE | W_KIN | W_ANON | W_GROUPNOUN))
			return;
		while (j < end && tok_is(a, j, W_ADV) && !tok_is(a, j, W_PREP))
			j++;
		if (j < end && !(a->toks[j].flags & TF_INQ) &&
		    ws__verb_like(a, j) && opens_clause(a, first)) {
			x->last_subj = j;
			x->last_lead = first + 1;
		}
		return;
	}
	if (k < end && tok_punct(a, k, '(')) {
		for (j = k + 1; j < end && j < k + 10; j++)
			if (tok_punct(a, j, ')')) {
				k = j + 1;
				break;
			}
	}
	if (k + 2 < end && tok_punct(a, k, ',') &&
	    (tok_is(a, k + 1, W_DET | W_ADJ | W_TITLE | W_ROLE | W_POSSPRON) ||
	     a->toks[k + 1].kind == TK_NUM || participle_aside(a, k + 1)) &&
	    !(a->toks[k + 1].flags & TF_INQ)) {
		uint32_t close = NOTOK;

		for (j = k + 1; j < end && j < k + 14; j++) {
			if (a->toks[j].flags & (TF_INQ | TF_PARA))
				break;
			if (tok_punct(a, j, ',') || tok_punct(a, j, '.')) {
				close = j;
				break;
			}
		}
		if (close != NOTOK && close > k + 2 &&
		    tok_is(a, close - 1, W_ROLE | W_TITLE) &&
		    x->kind == WS_KIND_PERSON && x->ntitles < MAX_TITLES) {
			uint32_t tf = k + 1;

			if (tok_is(a, tf, W_DET))
				tf++;
			x->titles[x->ntitles].first = tf;
			x->titles[x->ntitles].end = close;
			x->ntitles++;
		}
		/* "..., which concerns Henry Crespo, president of the
		 * county caucus." ends a sentence by presenting someone: the
		 * next "he" is likely to be them. */
		if (close != NOTOK && tok_punct(a, close, '.') &&
		    x->kind == WS_KIND_PERSON &&
		    (tok_is(a, k + 1, W_ROLE | W_TITLE) ||
		     (tok_is(a, k + 1, W_DET) &&
		      tok_is(a, k + 2, W_ROLE | W_TITLE | W_ADJ))))
			x->last_subj = close;
		if (close != NOTOK)
			k = close + 1;
	}
	/* "Dan McLaughlin at the National Review agreed", "John Hall of
	 * Reuters said": an affiliation between the name and its verb. */
	if (k + 1 < end && !(a->toks[k].flags & TF_INQ) &&
	    (ws__tok_eq(a, k, "at") || ws__tok_eq(a, k, "of") ||
	     ws__tok_eq(a, k, "from"))) {
		j = k + 1;
		if (j < end && tok_is(a, j, W_DET))
			j++;
		while (j < end && j < k + 8 && a->toks[j].kind == TK_WORD &&
		       (a->toks[j].flags & (TF_CAP | TF_ACRO)) &&
		       !(a->toks[j].flags & TF_INQ))
			j++;
		if (j > k + 1 && (a->toks[j - 1].flags & (TF_CAP | TF_ACRO)) &&
		    j < end && ws__verb_like(a, j))
			k = j;
	}
	/* "Robert Kline, who negotiated the pact, was less enthusiastic":
	 * a relative clause set off by commas. */
	if (k + 2 < end && tok_punct(a, k, ',') &&
	    ws__tok_eq(a, k + 1, "who") && !(a->toks[k + 1].flags & TF_INQ)) {
		for (j = k + 2; j < end && j < k + 24; j++) {
			if (a->toks[j].flags & (TF_INQ | TF_PARA | TF_SENT) ||
			    a->toks[j].kind == TK_QUOTE)
				break;
			if (tok_punct(a, j, ',')) {
				if (j + 1 < end && ws__verb_like(a, j + 1))
					k = j + 1;
				break;
			}
		}
	}
	/* "The minister of the economy, Mr. Guajardo Villarreal, argues":
	 * the comma closes an appositive that opened before the name. */
	if (k + 1 < end && tok_punct(a, k, ',') && first > 0 &&
	    tok_punct(a, first - 1, ',') && !(a->toks[k + 1].flags & TF_INQ) &&
	    ws__verb_like(a, k + 1))
		k++;
	while (k < end && (tok_is(a, k, W_ADV) && !tok_is(a, k, W_PREP)))
		k++;
	if (k < end && !(a->toks[k].flags & TF_INQ) && ws__verb_like(a, k)) {
		x->last_subj = k;
		if (lead_position(a, first))
			x->last_lead = first + 1;
		if (x->kind == WS_KIND_PERSON && !x->gender)
			x->gender = gender_ahead(a, k);
	}
}

/* Are tokens [first, end) a dateline's place, "CHARLOTTE, N.C. --",
 * "BEIRUT (AP) --", "PORT ELLERY (Wire) --", "ST. PAUL, Minn. --": words
 * in capitals opening a paragraph, a comma, dash or parenthesis after
 * them? */
static bool dateline(const struct ana *a, uint32_t first, uint32_t end)
{
	const struct tok *t;
	uint32_t k, letters = 0;

	/* "ST. PAUL, Minn. --": a place's abbreviation in capitals before
	 * it (not a title: "DR. SMITH, the surgeon,") */
	if (first >= 2 && first < end && dateline_abbrev(a, first - 2))
		letters = a->toks[first - 2].end - a->toks[first - 2].start;
	else if (first >= end || !(a->toks[first].flags & TF_PARA))
		return false;
	if (end >= a->ntoks)
		return false;
	for (k = first; k < end; k++) {
		t = &a->toks[k];
		if (t->kind != TK_WORD || !(t->flags & TF_ALLCAP))
			return false;
		letters += t->end - t->start;
	}
	if (letters < 4)
		return false;
	t = &a->toks[end];
	return t->kind == TK_PUNCT &&
	       (t->ch == ',' || t->ch == PC_DASH || t->ch == '(');
}

/*
 * How a name starting at token `first` follows the last listed name,
 * which ended at prev_end: 2 after "and" ("Obama and Clinton",
 * "Grassley, Republican of Iowa, and Leahy", "Rubio, Cruz, and
 * Kasich"), 1 after a bare comma (a list goes on), 0 when it is no
 * list ("said Trump, and Clinton replied"). Looks at ten tokens at most.
 */
static int coordination(const struct ana *a, uint32_t prev_end, uint32_t first,
                        uint32_t nlist)
{
	uint32_t k;

	if (first <= prev_end || first - prev_end > 13)
		return 0;
	/* "and former Sen. Jones", "and committee chairman Owen Drake":
	 * lower-case title words before the name's run. */
	for (k = 0;
	     k < 3 && first > prev_end + 1 &&
	     lower_word_is(a, first - 1, W_ADJ | W_TITLE | W_ROLE | W_ORG) &&
	     !tok_is(a, first - 1, W_AND);
	     k++)
		first--;
	if (first <= prev_end || first - prev_end > 10)
		return 0;
	for (k = prev_end; k <= first; k++)
		if (a->toks[k].flags & (TF_INQ | TF_PARA | TF_SENT))
			return 0;
	if (first - prev_end == 1)
		return tok_is(a, prev_end, W_AND)    ? 2
		       : tok_punct(a, prev_end, ',') ? 1
		                                     : 0;
	if (!tok_is(a, first - 1, W_AND) || !tok_punct(a, first - 2, ','))
		return 0;
	if (first - prev_end == 2)
		return nlist >= 2 ? 2 : 0;
	/* An appositive between: no clause in it. */
	if (!tok_punct(a, prev_end, ','))
		return 0;
	for (k = prev_end + 1; k + 2 < first; k++) {
		const struct tok *t = &a->toks[k];

		if (t->kind == TK_QUOTE ||
		    (t->kind == TK_PUNCT && t->ch != '.' && t->ch != '-' &&
		     t->ch != '(' && t->ch != ')') ||
		    (t->kind == TK_WORD &&
		     (tok_is(a, k,
		             W_REL | W_THAT | W_SUB | W_WH | W_PRON | W_AUX |
		                     W_BE | W_AND) ||
		      ws__verb_like(a, k))))
			return 0;
	}
	return 2;
}

/*
 * Person e was named in [first, end): it starts or continues a list, and
 * "and" before the last name makes the listed persons a group that
 * "they" can refer to, most recent of all -- when the list is a subject
 * (`subject`: a verb or a cue follows): "Obama and Clinton call them
 * ...", not "an article by Healy and Alcindor. They were quoted".
 */
static int note_listed(struct reg *r, uint32_t e, uint32_t first, uint32_t end,
                       bool subject)
{
	int how = r->nlist ? coordination(r->a, r->list_end, first, r->nlist)
	                   : 0;
	uint32_t k, g, mem[MAX_MEMBERS];
	int rc;

	for (k = 0; k < r->nlist && how; k++)
		if (r->list[k] == e + 1)
			how = 0; /* "Clinton and Clinton" */
	if (!how || r->nlist == MAX_MEMBERS)
		r->nlist = 0;
	r->list[r->nlist++] = e + 1;
	r->list_end = end;
	if (how != 2 || r->nlist < 2 || !subject)
		return WS_OK;
	for (k = 0; k < r->nlist; k++)
		mem[k] = r->list[k] - 1;
	rc = group_of(r, mem, r->nlist, &g);
	r->nlist = 0;
	if (rc != WS_OK)
		return rc;
	touch(r, g);
	return WS_OK;
}

/* Is token i a lower-case plural noun for persons: "leaders"? */
static bool lower_person_noun(const struct ana *a, uint32_t i)
{
	return a->toks[i].kind == TK_WORD && !(a->toks[i].flags & TF_CAP) &&
	       tok_is(a, i, W_GROUPNOUN) && !tok_is(a, i, W_ADJ | W_ORG);
}

/* "Democrat of Vermont", "a senator from Texas": a place [first, end)
 * that says where a person is from. */
static bool place_of_person(const struct ana *a, uint32_t first, uint32_t end)
{
	return end == first + 1 && place_word(a, first) && first >= 2 &&
	       (ws__tok_eq(a, first - 1, "of") ||
	        ws__tok_eq(a, first - 1, "from")) &&
	       tok_is(a, first - 2, W_ROLE | W_TITLE);
}

/* Is there a capitalised organisation word among tokens [first, end)? */
static bool org_head_in(const struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k;

	for (k = first; k < end; k++)
		if ((a->toks[k].flags & TF_CAP) && tok_is(a, k, W_ORG))
			return true;
	return false;
}

/* "his wife, Efua,", "Trump's son, Barron,": is token i a given name in
 * apposition to a relative? */
static bool kin_apposition(const struct ana *a, uint32_t i)
{
	return i >= 3 && i + 1 < a->ntoks && tok_punct(a, i - 1, ',') &&
	       tok_punct(a, i + 1, ',') && lower_word_is(a, i - 2, W_KIN) &&
	       (tok_is(a, i - 3, W_POSSPRON) || a->toks[i - 3].kind == TK_POSS);
}

/* A name run outside quotations: returns its end, registers it. */
static int scan_name(struct reg *r, uint32_t i, uint32_t *next)
{
	struct ana *a = r->a;
	struct mention m;
	uint32_t k = i, e, lo;
	bool lone, kin;
	int rc;

	for (;;) {
		while (k < a->ntoks && !(a->toks[k].flags & TF_INQ) &&
		       (k == i || !(a->toks[k].flags & (TF_PARA | TF_SENT))) &&
		       ((a->toks[k].kind == TK_WORD &&
		         (a->toks[k].flags & (TF_CAP | TF_ACRO))) ||
		        (a->toks[k].kind == TK_PUNCT && a->toks[k].ch == '.' &&
		         k > i &&
		         ((tok_is(a, k - 1, W_HONOR | W_TITLE) &&
		           (tok_wflags(a, k - 1) & W_ABBR)) ||
		          /* "Charles E. Grassley": a middle initial */
		          ((a->toks[k - 1].flags & TF_INITIAL) && k > i + 1 &&
		           k + 1 < a->ntoks &&
		           (a->toks[k + 1].flags & TF_CAP))) &&
		         !(a->toks[k].flags & TF_SPACE))))
			k++;
		/* "Alliance for Schools", "Committee to Protect Journalists",
		 * "Bank of America": a preposition inside an organisation's
		 * name, after its head word. */
		if (k > i && k + 1 < a->ntoks && org_head_in(a, i, k) &&
		    (ws__tok_eq(a, k, "of") || ws__tok_eq(a, k, "for") ||
		     ws__tok_eq(a, k, "to") || ws__tok_eq(a, k, "on")) &&
		    a->toks[k + 1].kind == TK_WORD &&
		    (a->toks[k + 1].flags & TF_CAP) &&
		    !(a->toks[k + 1].flags & (TF_INQ | TF_SENT | TF_PARA))) {
			k++;
			continue;
		}
		/* "Securities and Exchange Commission": "and" inside a
		 * body's name, before its head word. */
		if (k > i && k + 1 < a->ntoks && tok_is(a, k, W_AND) &&
		    !tok_is(a, k - 1, W_ORG | W_ORGNAME) &&
		    a->toks[k + 1].kind == TK_WORD &&
		    (a->toks[k + 1].flags & TF_CAP) &&
		    !(a->toks[k + 1].flags & (TF_INQ | TF_SENT | TF_PARA)) &&
		    ws__org_run_after(a, k + 1, a->ntoks)) {
			k++;
			continue;
		}
		break;
	}
	*next = k > i ? k : i + 1;
	if (k == i)
		return WS_OK;
	memset(&m, 0, sizeof(m));
	m.first = i;
	m.end = k;
	/* Skip a sentence-initial function word: "The Kremlin". */
	while (m.first < m.end &&
	       tok_is(a, m.first,
	              W_DET | W_PREP | W_SUB | W_COORD | W_ADV | W_PRON |
	                      W_POSSPRON | W_WH | W_THAT | W_AUX | W_BE |
	                      W_REL | W_NEG))
		m.first++;
	while (m.end > m.first && a->toks[m.end - 1].kind == TK_PUNCT)
		m.end--;
	if (m.first >= m.end)
		return WS_OK;
	ws__np_classify(a, &m);
	if (m.type != M_NAME || m.name_first == NOTOK ||
	    titled_common_noun(a, m.name_first, m.name_end))
		return WS_OK;
	if (m.kind == WS_KIND_PERSON && the_name(a, m.name_first, m.name_end))
		m.kind = WS_KIND_ORGANIZATION;
	/* A lone unknown capitalised word joins a known name only; or it
	 * is a relative's given name in apposition, "his wife, Efua,". */
	lone = m.kind == WS_KIND_PERSON && m.name_end - m.name_first == 1;
	kin = lone && kin_apposition(a, m.name_first);
	if (lone && !kin && m.name_first == m.first &&
	    !tok_is(a, m.name_first, W_FIRSTNAME)) {
		uint32_t sur = tok_hash(a, m.name_first), b;

		if (!r->nbuckets)
			return WS_OK;
		for (b = r->buckets[sur & (r->nbuckets - 1)]; b;
		     b = ent_at(r, b - 1)->chain)
			if (ent_at(r, b - 1)->surname == sur)
				break;
		if (!b)
			return WS_OK;
	}
	if (m.kind == WS_KIND_GROUP) {
		if (!one_body(a, m.name_first, m.name_end))
			return WS_OK;
		m.kind = WS_KIND_ORGANIZATION;
	}
	/* "a U.S. senator", "the Texas governor": a place that only
	 * modifies a role noun is not a referent for "it". */
	if (m.kind == WS_KIND_ORGANIZATION && m.name_end == m.name_first + 1 &&
	    (tok_is(a, m.name_first, W_PLACE) ||
	     (a->toks[m.name_first].flags & TF_ACRO)) &&
	    m.name_end < a->ntoks && a->toks[m.name_end].kind == TK_WORD &&
	    !(a->toks[m.name_end].flags & TF_CAP) &&
	    tok_is(a, m.name_end, W_ROLE | W_TITLE))
		return WS_OK;
	/* "WASHINGTON (Reuters) -": a dateline's place and its wire credit
	 * are no referent for "it" or "they" in the story. */
	if ((m.name_first > 0 && tok_punct(a, m.name_first - 1, '(') &&
	     m.name_end + 1 < a->ntoks && tok_punct(a, m.name_end, ')') &&
	     a->toks[m.name_end + 1].kind == TK_PUNCT &&
	     a->toks[m.name_end + 1].ch == PC_DASH) ||
	    dateline(a, m.name_first, m.name_end))
		return WS_OK;
	/* "in Virginia", "Georgia", "in Charlotte": a lone place name or
	 * a lone name after "in" is no person; nor a lone given name "at
	 * Charlotte" or before a plural, "Charlotte officials". */
	if (lone &&
	    (tok_is(a, m.name_first, W_PLACE) ||
	     (m.name_first > 0 &&
	      (ws__tok_eq(a, m.name_first - 1, "in") ||
	       ws__tok_eq(a, m.name_first - 1, "near") ||
	       (tok_is(a, m.name_first, W_FIRSTNAME) &&
	        (ws__tok_eq(a, m.name_first - 1, "at") ||
	         ws__tok_eq(a, m.name_first - 1, "across") ||
	         ws__tok_eq(a, m.name_first - 1, "throughout") ||
	         (m.name_end < a->ntoks && tok_is(a, m.name_end, W_GROUPNOUN) &&
	          !(a->toks[m.name_end].flags & TF_CAP)))) ||
	       (m.name_first > 1 && ws__tok_eq(a, m.name_first - 1, "of") &&
	        tok_punct(a, m.name_first - 2, ','))))))
		return WS_OK;
	rc = resolve_name(r, m.name_first, m.name_end, m.kind, &e);
	if (rc != WS_OK)
		return rc;
	if (kin && !ent_at(r, e)->gender)
		ent_at(r, e)->gender =
			gender_of_flags(tok_wflags(a, m.name_first - 2));
	lo = a->sents[sent_of(a, i)].first;
	add_title(r, e, lo, m.name_first);
	apposed_title(r, e, lo, m.first);
	honorific_gender(r, e, lo, m.name_first);
	after_name(r, e, m.first, m.name_end);
	/* "Senate leaders", "White House officials": an organisation
	 * that only modifies a person noun is no referent for "it" or
	 * "they" after it. */
	if (!(ent_at(r, e)->kind == WS_KIND_ORGANIZATION &&
	      ((m.name_end < a->ntoks && lower_person_noun(a, m.name_end)) ||
	       place_of_person(a, m.first, m.name_end))))
		touch(r, e);
	rc = add_mention(r, e, m.name_first, m.name_end);
	if (rc == WS_OK && ent_at(r, e)->kind == WS_KIND_PERSON)
		rc = note_listed(
			r, e, m.first, m.name_end,
			ent_at(r, e)->last_subj >= m.name_end ||
				(m.name_end < a->ntoks &&
		                 lower_word_is(a, m.name_end, W_CUE | W_VERB)));
	return rc;
}

/*
 * "In defeat, the president appeared cowed. ... he barely mentioned":
 * a definite role phrase ("the president", "The Indiana governor") that
 * opens a sentence as its subject, though no one is quoted there, makes
 * the person it names the sentence's lead subject for the pronouns that
 * follow. Only a person the story has named counts. Returns in *next the
 * token after the phrase, or i + 1.
 */
static int scan_description(struct reg *r, uint32_t i, uint32_t *next)
{
	struct ana *a = r->a;
	struct mention m;
	struct ent *x;
	uint32_t e, hi = i + 1, v, k, subj_end;
	uint64_t hf;
	bool poss;
	int rc;

	*next = i + 1;
	/* The sentence's end, at most 40 tokens on: no search. */
	while (hi < a->ntoks && hi < i + 40 &&
	       !(a->toks[hi].flags & (TF_SENT | TF_PARA)))
		hi++;
	/* Cheaply first: a role noun within the next few words. */
	for (e = i + 1; e < hi && e < i + 6; e++)
		if (tok_is(a, e, W_TITLE | W_ROLE))
			break;
	if (e >= hi || e >= i + 6)
		return WS_OK;
	/* "The president's Pacific roots also came into play. In
	 * Honolulu, he told ...": the possessor of a subject that names
	 * no one leads too, when its title fits. Not "The president's
	 * spokesman said he ...", which may be either. */
	for (k = i + 1; k < hi && k < i + 4 && a->toks[k].kind == TK_WORD; k++)
		;
	poss = k < hi && a->toks[k].kind == TK_POSS &&
	       lower_word_is(a, k - 1, W_TITLE | W_ROLE);
	if (poss) {
		memset(&m, 0, sizeof(m));
		m.first = i;
		m.end = k;
		m.entity = -1;
		ws__np_classify(a, &m);
		if (m.type != M_NOMINAL || !m.definite)
			return WS_OK;
		/* The possessed noun, then the verb. */
		for (v = k + 1;
		     v < hi && v < k + 6 && a->toks[v].kind == TK_WORD &&
		     !ws__verb_like(a, v);
		     v++)
			;
		if (v == k + 1 ||
		    tok_is(a, v - 1,
		           W_ROLE | W_TITLE | W_KIN | W_ANON | W_GROUPNOUN))
			return WS_OK;
	} else {
		if (!ws__np_right(a, i, hi, &m, false) || m.type != M_NOMINAL ||
		    !m.definite)
			return WS_OK;
		v = m.end;
	}
	subj_end = v;
	while (v < hi && tok_is(a, v, W_ADV) && !tok_is(a, v, W_PREP))
		v++;
	if (v >= hi || !ws__verb_like(a, v))
		return WS_OK;
	hf = tok_wflags(a, m.head);
	if (!(hf & (W_TITLE | W_ROLE)) || (hf & W_ANON) || m.plural)
		return WS_OK;
	rc = resolve_nominal(r, &m, &e);
	if (rc != WS_OK)
		return rc;
	x = ent_at(r, e);
	if (x->kind != WS_KIND_PERSON || x->nominal)
		return WS_OK;
	/* Trust it only when the title fits or the person was a lead
	 * subject just before: a weaker guess must not steer the next
	 * pronouns. */
	if (!has_title_word(a, x, m.head, m.first) &&
	    (poss || !(x->last_lead &&
	               sent_of(a, x->last_lead - 1) + 3 >= sent_of(a, i))))
		return WS_OK;
	/* A possessor must fit closely: "The Florida senator's answer"
	 * is no senator whose titles lack "Florida". */
	for (k = m.first; poss && k < m.head; k++)
		if (cap_modifier(a, k) && !title_holds(a, x, k))
			return WS_OK;
	ent_at(r, e)->last_subj = subj_end;
	ent_at(r, e)->last_lead = m.first + 1;
	touch(r, e);
	*next = subj_end;
	return WS_OK;
}

static char *join_tokens(struct ana *a, uint32_t first, uint32_t end)
{
	uint32_t k, len = 0, o = 0;
	char *s;

	while (end > first && a->toks[end - 1].kind == TK_POSS)
		end--;
	for (k = first; k < end; k++)
		len += a->toks[k].end - a->toks[k].start + 1;
	s = ws__arena_alloc(a->arena, len + 1);
	if (!s)
		return NULL;
	for (k = first; k < end; k++) {
		const struct tok *t = &a->toks[k];

		if (o && (t->flags & TF_SPACE))
			s[o++] = ' ';
		memcpy(s + o, a->text + t->start, t->end - t->start);
		o += t->end - t->start;
	}
	s[o] = '\0';
	return s;
}

/* A title as written: an abbreviation keeps its period ("Sen."). */
static char *join_title(struct ana *a, uint32_t first, uint32_t end)
{
	if (end > first && end < a->ntoks && tok_is(a, end - 1, W_ABBR) &&
	    tok_punct(a, end, '.') &&
	    a->toks[end].start == a->toks[end - 1].end)
		end++;
	return join_tokens(a, first, end);
}

/* A group's name: its members' names, "A, B and C". NULL: no memory. */
static const char *members_name(struct reg *r, const struct ent *x)
{
	const char *part[MAX_MEMBERS];
	size_t len = 1, o = 0, n;
	uint32_t k;
	char *s;

	for (k = 0; k < x->nmembers; k++) {
		const struct ent *y = ent_at(r, x->members[k] - 1);

		part[k] =
			y->name_first != NOTOK
				? join_tokens(r->a, y->name_first, y->name_end)
				: "";
		if (!part[k])
			return NULL;
		len += strlen(part[k]) + 5;
	}
	s = ws__arena_alloc(r->a->arena, len);
	if (!s)
		return NULL;
	for (k = 0; k < x->nmembers; k++) {
		const char *sep = k == 0                 ? ""
		                  : k + 1 == x->nmembers ? " and "
		                                         : ", ";

		n = strlen(sep);
		memcpy(s + o, sep, n);
		o += n;
		n = strlen(part[k]);
		memcpy(s + o, part[k], n);
		o += n;
	}
	s[o] = '\0';
	return s;
}

static int emit_entities(struct reg *r)
{
	struct ana *a = r->a;
	struct ws_doc *doc = a->doc;
	uint32_t k, n = 0;
	struct ws_entity *out;

	for (k = 0; k < r->ents.n; k++)
		if (ent_at(r, k)->used)
			ent_at(r, k)->out = (int32_t)n++;
	out = ws__arena_calloc(a->arena, n ? n : 1, sizeof(*out));
	if (!out)
		return WS_ENOMEM;
	for (k = 0; k < r->ents.n; k++) {
		struct ent *x = ent_at(r, k);
		struct ws_entity *o;
		uint32_t j;

		if (x->out < 0)
			continue;
		o = &out[x->out];
		o->kind = (enum ws_kind)x->kind;
		o->anonymous = x->anonymous;
		o->anonymity_reason = x->reason;
		if (x->owner) {
			const struct ent *p = ent_at(r, x->owner - 1);
			const char *pn = p->name_first != NOTOK
			                         ? join_tokens(a, p->name_first,
			                                       p->name_end)
			                         : "";
			const char *w = owned_nouns[x->owned_noun];
			size_t n1 = pn ? strlen(pn) : 0, n2 = strlen(w);
			char *s = ws__arena_alloc(a->arena, n1 + n2 + 2);

			if (s && pn) {
				memcpy(s, pn, n1);
				s[n1] = ' ';
				memcpy(s + n1 + 1, w, n2 + 1);
			}
			o->name = pn ? s : NULL;
		} else if (x->nmembers) {
			o->name = members_name(r, x);
		} else if (x->name_first != NOTOK) {
			uint32_t nf = x->name_first;

			/* A nominal's name drops a leading determiner only
			 * for definite phrases: "the Kremlin" -> "Kremlin". */
			o->name = join_tokens(a, nf, x->name_end);
		} else {
			o->name = "";
		}
		if (!o->name)
			return WS_ENOMEM;
		o->mentions = x->mentions.items;
		o->nmentions = x->mentions.n;
		if (x->ntitles) {
			const char **t = ws__arena_calloc(a->arena, x->ntitles,
			                                  sizeof(char *));

			if (!t)
				return WS_ENOMEM;
			for (j = 0; j < x->ntitles; j++) {
				t[j] = join_title(a, x->titles[j].first,
				                  x->titles[j].end);
				if (!t[j])
					return WS_ENOMEM;
			}
			o->titles = t;
			o->ntitles = x->ntitles;
		}
		/* Mentions are kept in text order. */
		if (o->nmentions > 1) {
			struct ws_span *ms = x->mentions.items;
			uint32_t i2;

			for (i2 = 1; i2 < o->nmentions; i2++) {
				struct ws_span v = ms[i2];
				uint32_t j2 = i2;

				while (j2 > 0 && ms[j2 - 1].start > v.start) {
					ms[j2] = ms[j2 - 1];
					j2--;
				}
				ms[j2] = v;
			}
		}
	}
	doc->entities = out;
	doc->nentities = n;
	return WS_OK;
}

int ws__entities(struct ana *a, struct attr *at, uint32_t nat, struct nonq *nq,
                 uint32_t nnq)
{
	struct reg r;
	uint32_t i = 0, ai = 0, k, the_id;
	int rc;

	memset(&r, 0, sizeof(r));
	r.a = a;
	ws__vec_init(&r.ents, sizeof(struct ent));
	/* The lexicon id of "the", to spot it per token with one compare. */
	the_id = ws__lex_lookup(a->lx, "the", 3);
	rc = find_authors(&r);
	if (rc != WS_OK)
		return rc;

	/* Attributions are sorted by content; resolve their mentions in the
	 * order of the mentions themselves, merged with the name scan. */
	{
		/* Order of speaker mentions: an index sorted by position. */
		uint32_t total = nat + nnq, *ord, *pos;

		pos = ws__arena_alloc(a->arena, (size_t)(total ? total : 1) *
		                                        sizeof(*pos));
		if (!pos)
			return WS_ENOMEM;
		for (k = 0; k < total; k++)
			pos[k] = k < nat ? (at[k].has_sp ? at[k].sp.first : 0)
			                 : (nq[k - nat].has_sp
			                            ? nq[k - nat].sp.first
			                            : 0);
		ord = ws__order(a->arena, pos, total);
		if (!ord)
			return WS_ENOMEM;
		r.ord = ord;
		r.nord = total;
		r.at = at;
		r.nq = nq;
		r.nat = nat;
		while (ai < total || i < a->ntoks) {
			uint32_t v = ai < total ? ord[ai] : 0;
			struct mention *m = NULL;

			if (ai < total) {
				if (v < nat)
					m = at[v].has_sp ? &at[v].sp : NULL;
				else
					m = nq[v - nat].has_sp ? &nq[v - nat].sp
					                       : NULL;
			}
			if (ai < total && !m) {
				ai++;
				continue;
			}
			if (ai < total && (i >= a->ntoks || m->first <= i)) {
				uint32_t e;

				r.ai = ai;
				r.excl_first = r.excl_end = 0;
				if (v < nat && at[v].cend != NOTOK &&
				    at[v].cfirst < at[v].cend &&
				    at[v].type != WS_QUOTE_DIRECT) {
					r.excl_first = at[v].cfirst;
					r.excl_end = at[v].cend;
					if (r.excl_end - r.excl_first >
					    EXCL_SUBJ)
						r.excl_end = r.excl_first +
						             EXCL_SUBJ;
				}
				rc = resolve_mention(&r, m, &e);
				if (rc != WS_OK)
					return rc;
				m->entity = (int32_t)e;
				ent_at(&r, e)->used = true;
				ent_at(&r, e)->last_subj = m->end;
				if (lead_position(a, m->first))
					ent_at(&r, e)->last_lead = m->first + 1;
				if (!(r.last_speaker &&
				      m->first >= r.spk_cfirst &&
				      m->first < r.spk_cend)) {
					r.last_speaker = e + 1;
					r.last_spk_tok = m->first;
					r.spk_cfirst = r.spk_cend = 0;
					if (v < nat && at[v].cend != NOTOK) {
						r.spk_cfirst = at[v].cfirst;
						r.spk_cend = at[v].cend;
					}
				}
				rc = add_mention(&r, e, m->first, m->end);
				if (rc != WS_OK)
					return rc;
				touch(&r, e);
				if (m->type == M_NAME &&
				    ent_at(&r, e)->kind == WS_KIND_PERSON) {
					rc = note_listed(&r, e, m->first,
					                 m->name_end, true);
					if (rc != WS_OK)
						return rc;
				}
				if (m->end > i)
					i = m->end; /* the name scan skips it */
				ai++;
				continue;
			}
			if (the_id && a->toks[i].lex == the_id &&
			    !(a->toks[i].flags & TF_INQ) &&
			    ((a->toks[i].flags & (TF_SENT | TF_PARA)) ||
			     (i > 0 && tok_punct(a, i - 1, ',') &&
			      lead_position(a, i)))) {
				uint32_t next;

				rc = scan_description(&r, i, &next);
				if (rc != WS_OK)
					return rc;
				if (next > i + 1) {
					if (ai < total && next > m->first)
						next = m->first > i ? m->first
						                    : i + 1;
					i = next;
					continue;
				}
			}
			if (a->toks[i].kind == TK_WORD &&
			    (a->toks[i].flags & (TF_CAP | TF_ACRO)) &&
			    !(a->toks[i].flags & TF_INQ)) {
				uint32_t next;

				rc = scan_name(&r, i, &next);
				if (rc != WS_OK)
					return rc;
				if (ai < total && next > m->first)
					next = m->first > i ? m->first : i + 1;
				i = next;
			} else {
				i++;
			}
		}
	}
	rc = emit_entities(&r);
	if (rc != WS_OK)
		return rc;
	/* Entity indexes now refer to the output list. */
	for (k = 0; k < nat; k++)
		if (at[k].has_sp && at[k].sp.entity >= 0)
			at[k].sp.entity =
				ent_at(&r, (uint32_t)at[k].sp.entity)->out;
	for (k = 0; k < nnq; k++)
		if (nq[k].has_sp && nq[k].sp.entity >= 0)
			nq[k].sp.entity =
				ent_at(&r, (uint32_t)nq[k].sp.entity)->out;
	return WS_OK;
}
