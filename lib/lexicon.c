/*
 * lexicon.c - the word table: an open-addressing hash of lower-cased
 * words to their classes, and the built-in word lists.
 *
 * The lists are English news vocabulary: the closed classes (articles,
 * pronouns, auxiliaries, prepositions), and the open-class words that
 * attribution turns on: titles and roles that precede names, nouns that
 * head anonymous or group sources, organisation heads, and common given
 * names with their usual gender (used only to choose between "he" and
 * "she" antecedents).
 */
#include <string.h>

#include "lexicon.h"

/* The longest word the table stores, in bytes. */
#define WS_LEX_MAX_WORD 64

/* Kept out of line where the compiler takes the hint. */
#if defined(__GNUC__)
#define LEX_NOINLINE __attribute__((noinline))
#else
#define LEX_NOINLINE
#endif

/* One 8-byte load stands for n loads of a byte only where the bytes
 * are laid out little-endian, as the bytewise path numbers them. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LEX_LITTLE_ENDIAN 1
#else
#define LEX_LITTLE_ENDIAN 0
#endif

/*
 * The 1 to 7 bytes at p as a number, the first byte lowest, zero above
 * them. [lo, hi) is memory around them that may be read: when it holds
 * 8 bytes from p, or 8 bytes ending where they end, one load does (the
 * word lies inside the document text, which nearly always does).
 */
static inline uint64_t tail_bytes(const unsigned char *p, size_t n,
                                  const unsigned char *lo,
                                  const unsigned char *hi)
{
	uint64_t x = 0;
	size_t i;

	if (LEX_LITTLE_ENDIAN && (size_t)(hi - p) >= 8) {
		memcpy(&x, p, 8);
		return x & ((UINT64_C(1) << (8 * n)) - 1);
	}
	if (LEX_LITTLE_ENDIAN && (size_t)(p + n - lo) >= 8) {
		memcpy(&x, p + n - 8, 8);
		return x >> (8 * (8 - n));
	}
	for (i = 0; i < n; i++)
		x |= (uint64_t)p[i] << (8 * i);
	return x;
}

/*
 * The hash of a word's bytes, eight at a time. Every byte is ORed with
 * 0x20 first, which folds ASCII capitals to lower case and changes no
 * byte of a lower-case word, so text hashes the same as the stored word
 * it spells in any case. [lo, hi) is memory around the word that may be
 * read (see tail_bytes()). *hi_bits gets the OR of the bytes (bit 7
 * set: not ASCII); *first its first eight bytes as tail_bytes() numbers
 * them, zero past its end.
 */
static inline uint32_t hash_bytes(const unsigned char *p, size_t n,
                                  const unsigned char *lo,
                                  const unsigned char *hi, uint64_t *hi_bits,
                                  uint64_t *first)
{
	const uint64_t fold = UINT64_C(0x2020202020202020);
	uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ n, x, acc = 0;
	bool short_word = n < 8;

	*first = 0;
	if (!short_word) {
		memcpy(first, p, 8);
		do {
			memcpy(&x, p, 8);
			acc |= x;
			h = (h ^ (x | fold)) * UINT64_C(0xFF51AFD7ED558CCD);
			h ^= h >> 32;
			p += 8;
			n -= 8;
		} while (n >= 8);
	}
	if (n) {
		x = tail_bytes(p, n, lo, hi);
		if (short_word)
			*first = x;
		acc |= x;
		x |= fold & ((UINT64_C(1) << (8 * n)) - 1);
		h = (h ^ x) * UINT64_C(0xFF51AFD7ED558CCD);
		h ^= h >> 32;
	}
	*hi_bits = acc;
	return (uint32_t)h;
}

/* ASCII lower case of eight bytes below 0x80 at once: 'A'..'Z' gain
 * 0x20, nothing else changes (no byte carries into the next). */
static inline uint64_t fold8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	uint64_t upper = (x + ones * (0x80 - 'A')) &
	                 ~(x + ones * (0x80 - 'Z' - 1));

	return x | ((upper & ones * 0x80) >> 2);
}

/* Fold a word as the lexicon stores it: ASCII lower case, U+2019 as an
 * apostrophe. Returns its length, or 0 when longer than cap. */
static size_t fold_word(const char *s, size_t len, unsigned char *buf,
                        size_t cap)
{
	size_t k, n = 0;

	for (k = 0; k < len; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c == 0xE2 && k + 2 < len &&
		         (unsigned char)s[k + 1] == 0x80 &&
		         (unsigned char)s[k + 2] == 0x99) {
			c = '\'';
			k += 2;
		}
		if (n == cap)
			return 0;
		buf[n++] = c;
	}
	return n;
}

uint32_t ws__lex_hash(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char buf[256];
	uint64_t hi, first;
	uint32_t h = hash_bytes(p, len, p, p + len, &hi, &first);
	size_t n;

	if (!(hi & UINT64_C(0x8080808080808080)))
		return h;
	n = fold_word(s, len, buf, sizeof(buf));
	return n ? hash_bytes(buf, n, buf, buf + n, &hi, &first) : h;
}

/* The key of a stored (folded) word: its first eight bytes as
 * hash_bytes() numbers them, for a lookup to compare in one go. */
static uint64_t word_key(const char *w, size_t len)
{
	const unsigned char *p = (const unsigned char *)w;
	uint64_t key = 0;

	if (len >= 8)
		memcpy(&key, p, 8);
	else if (len)
		key = tail_bytes(p, len, p, p + len);
	return key;
}

/* Compare a stored lower-case word with text bytes, folding the text. */
static bool word_eq(const char *stored, uint32_t slen, const char *s,
                    size_t len)
{
	size_t i, j = 0;

	for (i = 0; i < len; i++, j++) {
		unsigned char c = (unsigned char)s[i];

		if (j >= slen)
			return false;
		if (c == 0xE2 && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			c = '\'';
			i += 2;
		} else if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if ((unsigned char)stored[j] != c)
			return false;
	}
	return j == slen;
}

/* A stored word against ASCII text of the same length, folding case. */
static bool ascii_eq(const char *stored, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		c = (unsigned char)(c +
		                    ((unsigned char)(c - 'A') < 26 ? 32 : 0));
		if ((unsigned char)stored[i] != c)
			return false;
	}
	return true;
}

/* The lookup of a word with a byte past ASCII: folded into a copy
 * first (U+2019 is an apostrophe). Out of line: the common path keeps
 * no buffer on its stack. */
static uint32_t LEX_NOINLINE lookup_folded(const struct ws_lexicon *lx,
                                           const char *s, size_t len)
{
	unsigned char buf[64];
	uint64_t hi, first;
	size_t n;

	n = fold_word(s, len, buf, sizeof(buf));
	if (!n)
		return 0;
	/* The folded copy has nothing left for word_eq() to fold. */
	return ws__lex_find(lx, (const char *)buf, n,
	                    hash_bytes(buf, n, buf, buf + n, &hi, &first));
}

uint32_t ws__lex_lookup_in(const struct ws_lexicon *lx, const char *text,
                           size_t textlen, size_t start, size_t len)
{
	const unsigned char *lo = (const unsigned char *)text;
	const char *s = text + start;
	uint32_t h, mask = lx->nslots - 1, i;
	uint64_t hi, key;

	/* Stored words are at most 64 bytes; U+2019 folds 3 into 1. */
	if (len > 3 * WS_LEX_MAX_WORD)
		return 0;
	h = hash_bytes(lo + start, len, lo, lo + textlen, &hi, &key);
	if (hi & UINT64_C(0x8080808080808080))
		return lookup_folded(lx, s, len);
	/* ASCII (nearly every word): no copy. The slot's hash rules out
	 * most other words before their entry is read; the first eight
	 * bytes, folded at once, decide most of the rest. */
	if (len > WS_LEX_MAX_WORD)
		return 0;
	key = fold8(key);
	for (i = h & mask;; i = (i + 1) & mask) {
		const struct ws_lexslot *sl = &lx->slots[i];
		const struct ws_lexent *e;

		if (!sl->id)
			return 0;
		if (sl->hash != h)
			continue;
		e = &lx->ents[sl->id - 1];
		if (e->len == len && e->key == key &&
		    (len <= 8 || ascii_eq(e->word + 8, s + 8, len - 8)))
			return sl->id;
	}
}

uint32_t ws__lex_lookup(const struct ws_lexicon *lx, const char *s, size_t len)
{
	return ws__lex_lookup_in(lx, s, len, 0, len);
}

uint32_t ws__lex_find(const struct ws_lexicon *lx, const char *s, size_t len,
                      uint32_t hash)
{
	uint32_t mask = lx->nslots - 1, i = hash & mask;

	for (;; i = (i + 1) & mask) {
		const struct ws_lexslot *sl = &lx->slots[i];
		const struct ws_lexent *e;

		if (!sl->id)
			return 0;
		if (sl->hash != hash)
			continue;
		e = &lx->ents[sl->id - 1];
		if (word_eq(e->word, e->len, s, len))
			return sl->id;
	}
}

static void *grow(struct ws_lexicon *lx, void *arr, uint32_t *cap, size_t size,
                  uint32_t need)
{
	uint32_t ncap;
	void *p;

	if (need <= *cap)
		return arr;
	ncap = *cap ? *cap : 64;
	while (ncap < need) {
		if (ncap > UINT32_MAX / 2)
			return NULL;
		ncap *= 2;
	}
	p = ws__malloc(lx->alloc, (size_t)ncap * size);
	if (!p)
		return NULL;
	if (*cap && arr)
		memcpy(p, arr, (size_t)*cap * size);
	ws__free(lx->alloc, arr);
	*cap = ncap;
	return p;
}

/* Put entry id's hash in the first free slot of its run. */
static void place(struct ws_lexslot *slots, uint32_t nslots, uint32_t hash,
                  uint32_t id)
{
	uint32_t i = hash & (nslots - 1);

	while (slots[i].id)
		i = (i + 1) & (nslots - 1);
	slots[i].hash = hash;
	slots[i].id = id;
}

static int rehash(struct ws_lexicon *lx, uint32_t nslots)
{
	struct ws_lexslot *slots =
		ws__malloc(lx->alloc, (size_t)nslots * sizeof(*slots));
	uint32_t k;

	if (!slots)
		return WS_ENOMEM;
	memset(slots, 0, (size_t)nslots * sizeof(*slots));
	for (k = 0; k < lx->nents; k++)
		place(slots, nslots, lx->ents[k].hash, k + 1);
	ws__free(lx->alloc, lx->slots);
	lx->slots = slots;
	lx->nslots = nslots;
	return WS_OK;
}

static const char *keep_string(struct ws_lexicon *lx, const char *s, size_t len)
{
	char *p;

	if (lx->nstrings == lx->capstrings) {
		char **a = grow(lx, lx->strings, &lx->capstrings,
		                sizeof(char *), lx->nstrings + 1);
		if (!a)
			return NULL;
		lx->strings = a;
	}
	p = ws__malloc(lx->alloc, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	lx->strings[lx->nstrings++] = p;
	return p;
}

uint32_t ws__lex_add(struct ws_lexicon *lx, const char *word, size_t len,
                     uint64_t flags, bool copy)
{
	uint32_t hash = ws__lex_hash(word, len), id;
	struct ws_lexent *e;
	uint64_t *wf;
	const char *w = word;
	size_t i;

	if (!len || len > WS_LEX_MAX_WORD)
		return 0;
	id = ws__lex_find(lx, word, len, hash);
	if (id) {
		lx->ents[id - 1].flags |= flags;
		lx->wflags[id] |= flags;
		return id;
	}
	/* At most half full: a slot holds the hash, so a lookup passes
	 * over the other words of its run without reading them. */
	if ((lx->nents + 1) * 2 > lx->nslots &&
	    rehash(lx, lx->nslots * 2) != WS_OK)
		return 0;
	for (i = 0; i < len; i++) {
		if ((word[i] >= 'A' && word[i] <= 'Z') ||
		    (unsigned char)word[i] == 0xE2)
			copy = true; /* stored form must be folded */
	}
	if (copy) {
		char *p;
		size_t j = 0;

		w = keep_string(lx, word, len);
		if (!w)
			return 0;
		p = (char *)w;
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)word[i];

			if (c == 0xE2 && i + 2 < len &&
			    (unsigned char)word[i + 1] == 0x80 &&
			    (unsigned char)word[i + 2] == 0x99) {
				c = '\'';
				i += 2;
			} else if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + 32);
			p[j++] = (char)c;
		}
		p[j] = '\0';
		len = j;
	}
	e = grow(lx, lx->ents, &lx->capents, sizeof(*e), lx->nents + 1);
	if (!e)
		return 0;
	lx->ents = e;
	wf = grow(lx, lx->wflags, &lx->capwflags, sizeof(*wf), lx->nents + 2);
	if (!wf)
		return 0;
	lx->wflags = wf;
	wf[lx->nents + 1] = flags;
	e = &lx->ents[lx->nents];
	e->word = w;
	e->len = (uint32_t)len;
	e->hash = hash;
	e->key = word_key(w, len);
	e->flags = flags;
	e->forms = 0;
	id = ++lx->nents;
	place(lx->slots, lx->nslots, hash, id);
	return id;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

int ws__lex_add_cue(struct ws_lexicon *lx, const char *lemma, size_t lemmalen,
                    enum ws_stance stance, uint32_t flags, const char *forms,
                    size_t formslen, bool copy)
{
	struct ws_cue_lemma *lm;
	uint32_t lemma_id;
	size_t i = 0;

	if (!lemmalen || !formslen)
		return WS_EINVAL;
	lm = grow(lx, lx->lemmas, &lx->caplemmas, sizeof(*lm), lx->nlemmas + 1);
	if (!lm)
		return WS_ENOMEM;
	lx->lemmas = lm;
	lm = &lx->lemmas[lx->nlemmas];
	lm->lemma = keep_string(lx, lemma, lemmalen); /* terminated */
	if (!lm->lemma)
		return WS_ENOMEM;
	lm->stance = stance;
	lm->flags = flags;
	lemma_id = lx->nlemmas++;

	while (i < formslen) {
		struct ws_cue_form f;
		size_t end = i, fstart = i;
		uint32_t first;

		while (end < formslen && forms[end] != '|')
			end++;
		memset(&f, 0, sizeof(f));
		f.lemma = lemma_id;
		while (i < end) {
			size_t ws;
			uint32_t id;

			while (i < end && is_space(forms[i]))
				i++;
			if (i >= end)
				break;
			ws = i;
			while (i < end && !is_space(forms[i]))
				i++;
			if (f.nwords == WS_CUE_MAX_WORDS)
				return WS_EINVAL;
			id = ws__lex_add(lx, forms + ws, i - ws, 0, copy);
			if (!id)
				return WS_ENOMEM;
			f.words[f.nwords++] = id;
			if (f.nwords == 1) {
				const struct ws_lexent *e = &lx->ents[id - 1];

				f.ing = e->len > 4 &&
				        !memcmp(e->word + e->len - 3, "ing", 3);
			}
		}
		if (!f.nwords)
			return WS_EINVAL;
		/* The bare form is the one spelled like the lemma. */
		{
			size_t fs = fstart, fe = end;

			while (fs < fe && is_space(forms[fs]))
				fs++;
			while (fe > fs && is_space(forms[fe - 1]))
				fe--;
			f.base = fe - fs == lemmalen &&
			         !memcmp(forms + fs, lemma, lemmalen);
		}
		first = f.words[0];
		{
			struct ws_cue_form *fa =
				grow(lx, lx->forms, &lx->capforms, sizeof(*fa),
			             lx->nforms + 1);
			if (!fa)
				return WS_ENOMEM;
			lx->forms = fa;
		}
		f.next = lx->ents[first - 1].forms;
		lx->forms[lx->nforms] = f;
		lx->ents[first - 1].forms = ++lx->nforms;
		/* A word is a cue by itself only through a one-word form:
		 * "talks" starts "talks about" but is usually a noun. */
		if (f.nwords == 1) {
			lx->ents[first - 1].flags |= W_CUE;
			lx->wflags[first] |= W_CUE;
		}
		i = end + 1;
	}
	return WS_OK;
}

void ws__lex_free(struct ws_lexicon *lx)
{
	uint32_t k;

	if (!lx)
		return;
	for (k = 0; k < lx->nstrings; k++)
		ws__free(lx->alloc, lx->strings[k]);
	ws__free(lx->alloc, lx->strings);
	ws__free(lx->alloc, lx->ents);
	ws__free(lx->alloc, lx->wflags);
	ws__free(lx->alloc, lx->slots);
	ws__free(lx->alloc, lx->lemmas);
	ws__free(lx->alloc, lx->forms);
	ws__free(lx->alloc, lx);
}

static struct ws_lexicon *lex_new(const struct ws_allocator *alloc)
{
	struct ws_lexicon *lx = ws__malloc(alloc, sizeof(*lx));

	if (!lx)
		return NULL;
	memset(lx, 0, sizeof(*lx));
	lx->alloc = alloc;
	lx->wflags = grow(lx, NULL, &lx->capwflags, sizeof(*lx->wflags), 1);
	if (!lx->wflags || rehash(lx, 1024) != WS_OK) {
		ws__free(alloc, lx->wflags);
		ws__free(alloc, lx);
		return NULL;
	}
	lx->wflags[0] = 0;
	return lx;
}

int ws__lex_create(struct ws_lexicon **out, const struct ws_allocator *alloc)
{
	struct ws_lexicon *lx = lex_new(alloc);
	int rc;

	*out = NULL;
	if (!lx)
		return WS_ENOMEM;
	rc = ws__words_builtin(lx);
	if (rc == WS_OK)
		rc = ws__cues_builtin(lx);
	if (rc != WS_OK) {
		ws__lex_free(lx);
		return rc;
	}
	*out = lx;
	return WS_OK;
}

/*
 * The clone shares the built-in static strings and copies the loaded
 * ones, so either lexicon can be freed alone.
 */
int ws__lex_clone(struct ws_lexicon **out, const struct ws_lexicon *src)
{
	struct ws_lexicon *lx = lex_new(src->alloc);
	uint64_t *wf;
	uint32_t k;

	*out = NULL;
	if (!lx)
		return WS_ENOMEM;
	wf = grow(lx, lx->wflags, &lx->capwflags, sizeof(*wf), src->nents + 1);
	if (!wf)
		goto fail;
	lx->wflags = wf;
	lx->ents = grow(lx, NULL, &lx->capents, sizeof(*lx->ents), src->nents);
	lx->lemmas = grow(lx, NULL, &lx->caplemmas, sizeof(*lx->lemmas),
	                  src->nlemmas);
	lx->forms =
		grow(lx, NULL, &lx->capforms, sizeof(*lx->forms), src->nforms);
	if ((src->nents && !lx->ents) || (src->nlemmas && !lx->lemmas) ||
	    (src->nforms && !lx->forms))
		goto fail;
	if (src->nents)
		memcpy(lx->ents, src->ents, src->nents * sizeof(*lx->ents));
	memcpy(lx->wflags, src->wflags,
	       ((size_t)src->nents + 1) * sizeof(*lx->wflags));
	if (src->nlemmas)
		memcpy(lx->lemmas, src->lemmas,
		       src->nlemmas * sizeof(*lx->lemmas));
	if (src->nforms)
		memcpy(lx->forms, src->forms, src->nforms * sizeof(*lx->forms));
	lx->nents = src->nents;
	lx->nlemmas = src->nlemmas;
	lx->nforms = src->nforms;
	/* Re-own every string the source owned. */
	for (k = 0; k < src->nstrings; k++) {
		const char *old = src->strings[k];
		const char *copy = keep_string(lx, old, strlen(old));
		uint32_t j;

		if (!copy)
			goto fail;
		for (j = 0; j < lx->nents; j++)
			if (lx->ents[j].word == old)
				lx->ents[j].word = copy;
		for (j = 0; j < lx->nlemmas; j++)
			if (lx->lemmas[j].lemma == old)
				lx->lemmas[j].lemma = copy;
	}
	{
		uint32_t nslots = src->nslots;

		if (rehash(lx, nslots) != WS_OK)
			goto fail;
	}
	*out = lx;
	return WS_OK;
fail:
	ws__lex_free(lx);
	return WS_ENOMEM;
}

/* ---- the built-in word lists ---------------------------------------- */

struct word_list {
	uint64_t flags;
	const char *words; /* space-separated, lower-case */
};

static const struct word_list word_lists[] = {
	/* Determiners and quantifiers that open a noun phrase. */
	{W_DET, "the a an this these those another some many several each "
                "every any no both all most few such either neither much "
                "other certain numerous"},
	{W_DET | W_NUMWORD, "one two three four five six seven eight nine ten "
                            "eleven twelve thirteen fourteen fifteen sixteen "
                            "seventeen eighteen nineteen twenty thirty forty "
                            "fifty sixty seventy eighty ninety hundred "
                            "dozens hundreds thousands millions dozen"},
	{W_THAT | W_REL | W_SUB, "that"},
	/* Pronouns. */
	/* Contractions of a pronoun and a verb ("he's", "they're") are
	 * pronouns to the rules, never names. */
	{W_PRON | W_MALE, "he's he'd he'll"},
	{W_PRON | W_FEMALE, "she's she'd she'll"},
	{W_PRON | W_PLURAL, "they're they'd they'll they've"},
	{W_PRON | W_PRON_IT, "it's it'd it'll"},
	{W_PRON | W_PRON_1ST, "i'm i'd i'll i've"},
	{W_PRON | W_PRON_1ST | W_PLURAL, "we're we'd we'll we've"},
	{W_PRON, "you're you'd you'll you've"},
	{W_PRON | W_MALE, "he"},
	{W_PRON | W_FEMALE, "she"},
	{W_PRON | W_PLURAL, "they"},
	{W_PRON | W_PRON_IT, "it"},
	{W_PRON | W_PRON_1ST, "i"},
	{W_PRON | W_PRON_1ST | W_PLURAL, "we"},
	{W_PRON, "you"},
	{W_PRON_OBJ | W_MALE, "him"},
	{W_PRON_OBJ | W_POSSPRON | W_FEMALE, "her"},
	{W_PRON_OBJ | W_PLURAL, "them"},
	{W_PRON_OBJ | W_PRON_1ST, "me"},
	{W_PRON_OBJ | W_PRON_1ST | W_PLURAL, "us"},
	{W_POSSPRON | W_MALE, "his"},
	{W_POSSPRON | W_PLURAL, "their"},
	{W_POSSPRON | W_PRON_IT, "its"},
	{W_POSSPRON | W_PRON_1ST, "my our"},
	{W_POSSPRON, "your"},
	{W_REL, "who whom whose which who's"},
	/* Auxiliaries, "be" and negation. */
	{W_AUX, "has have had having will would could can may might should "
                "must shall did does do won't wouldn't couldn't can't cannot "
                "shouldn't hasn't haven't hadn't didn't doesn't don't"},
	{W_AUX | W_BE, "is are was were be been being am isn't aren't "
                       "wasn't weren't"},
	{W_NEG, "not never n't won't wouldn't couldn't can't cannot shouldn't "
                "hasn't haven't hadn't didn't doesn't don't isn't aren't "
                "wasn't weren't neither nor"},
	/* Adverbs that sit between a subject and its verb. */
	{W_ADV, "also later recently previously repeatedly often once then "
                "further again even still just already publicly privately "
                "frequently quickly immediately initially reportedly "
                "separately simply flatly firmly earlier long ultimately "
                "similarly likewise meanwhile first last finally apparently "
                "specifically explicitly openly bluntly angrily emphatically "
                "forcefully strongly sharply subsequently afterward afterwards "
                "originally consistently continually constantly routinely "
                "herself himself themselves itself privately correctly "
                "falsely wrongly reportedly allegedly personally directly "
                "indirectly sometimes always usually generally typically "
                "actually really clearly quietly loudly proudly famously "
                "notably tersely curtly candidly memorably previously "
                "jokingly sarcastically defiantly confidently cautiously "
                "optimistically reluctantly calmly briefly brusquely simply "
                "subsequently now here there today yesterday tonight "
                "only too together ever twice"},
	/* Time words that make adjuncts ("on Tuesday", "last week"). */
	{W_TIME, "monday tuesday wednesday thursday friday saturday sunday "
                 "today yesterday tonight tomorrow morning afternoon evening "
                 "night week weekend month year day days weeks months years "
                 "january february march april june july august "
                 "september october november december jan feb mar apr jun "
                 "jul aug sep sept oct nov dec earlier ago recently lately "
                 "hours minutes time times decade summer winter spring fall "
                 "autumn mon tue tues wed thu thurs fri sat sun noon midnight "
                 "weekday a.m. p.m. am pm"},
	/* Prepositions. */
	{W_PREP, "in on at for with from by about during after before since "
                 "under over into through against between among without "
                 "within like near via per upon onto toward towards across "
                 "behind beyond despite amid amidst throughout outside inside "
                 "following including regarding concerning around along "
                 "alongside unlike except off past than"},
	{W_PREP | W_TO, "to"},
	{W_PREP | W_OF, "of"},
	{W_PREP | W_AS | W_SUB, "as"},
	/* Subordinators and wh-words. */
	{W_SUB, "because although though while when whenever unless until "
                "whereas once where wherever lest"},
	{W_SUB | W_WH, "whether if"},
	{W_WH, "why how what when where whatever whoever"},
	{W_COORD | W_AND, "and &"},
	{W_COORD, "or nor so plus"},
	{W_COORD | W_BUT, "but yet"},
	{W_ACCORDING, "according"},
	{W_DECLINE, "declined refused"},
	/* Honorifics take a period in US style. */
	{W_HONOR | W_MALE | W_ABBR | W_TITLE, "mr mr. messrs"},
	{W_HONOR | W_FEMALE | W_ABBR | W_TITLE, "mrs mrs. ms ms. miss mme"},
	{W_HONOR | W_ABBR | W_TITLE, "dr dr. prof prof. rev rev. hon"},
	{W_HONOR | W_MALE | W_TITLE, "sir lord"},
	{W_HONOR | W_FEMALE | W_TITLE, "dame lady"},
	/* Titles that precede a name (also roles on their own). */
	{W_TITLE | W_ABBR, "sen sen. rep rep. gov gov. gen gen. lt lt. col "
                           "col. sgt sgt. capt capt. adm adm. cmdr maj maj. "
                           "atty supt insp det cpl pvt pres amb sens reps"},
	{W_TITLE | W_ROLE, "president senator representative congressman "
                           "congresswoman governor mayor secretary minister "
                           "spokesman spokeswoman spokesperson chairman "
                           "chairwoman chair director ceo chief leader speaker "
                           "judge justice attorney commissioner ambassador "
                           "candidate nominee professor pastor pope king queen "
                           "prince princess premier chancellor sheriff "
                           "superintendent treasurer comptroller councilman "
                           "councilwoman councilor alderman delegate "
                           "lawmaker legislator strategist adviser advisor "
                           "aide consultant analyst economist pollster "
                           "officer detective inspector sergeant captain "
                           "lieutenant colonel general admiral commander "
                           "executive founder cofounder co-founder owner "
                           "manager coach host anchor correspondent reporter "
                           "columnist editor writer author historian "
                           "scientist researcher doctor physician lawyer "
                           "prosecutor counsel solicitor deputy head "
                           "commentator activist organizer organiser "
                           "vice-president veep frontrunner front-runner "
                           "rabbi imam bishop cardinal reverend father "
                           "councillor envoy diplomat emissary "
                           "lobbyist operative staffer official "
                           "presidential-candidate whip midfielder striker "
                           "defender goalkeeper goalie winger quarterback "
                           "pitcher shortstop batsman bowler skipper "
                           "referee umpire novelist poet artist "
                           "photographer designer architect chef lecturer "
                           "presenter playwright epidemiologist virologist "
                           "physicist chemist biologist climatologist "
                           "meteorologist forecaster astronaut philanthropist "
                           "trustee clerk auditor coordinator "
                           "campaigner"},
	/* Role and person nouns that can head a speaker phrase. */
	{W_ROLE, "person man woman people men women official source insider "
                 "expert critic supporter opponent voter resident witness "
                 "investigator member friend neighbor neighbour colleague "
                 "employee worker student teacher parent mother father "
                 "wife husband son daughter brother sister relative "
                 "spokesperson representative observer participant "
                 "veteran victim survivor leader donor fundraiser ally "
                 "rival challenger incumbent contender hopeful politician "
                 "candidate constituent citizen protester protestor "
                 "demonstrator attendee delegate conservative liberal "
                 "progressive moderate independent republican democrat "
                 "partisan nominee negotiator mediator regulator "
                 "plaintiff defendant juror inmate suspect officer "
                 "agent trooper soldier marine sailor pilot nurse "
                 "surgeon psychologist psychiatrist engineer economist "
                 "banker investor trader entrepreneur businessman "
                 "businesswoman farmer driver owner shopper customer "
                 "consumer user fan viewer listener reader caller "
                 "commentator blogger pundit journalist staffer aide "
                 "operative adviser advisor counselor counsellor "
                 "administrator superintendent principal dean provost "
                 "chancellor student scholar academic fellow researcher "
                 "spokeswoman spokesman "
                 /* occupations stories use to refer back to a person
                  * named before: "the actor", "the retired
                  * neurosurgeon", "the billionaire" */
                 "actor actress comedian singer musician rapper filmmaker "
                 "producer athlete neurosurgeon billionaire mogul magnate "
                 "tycoon developer fisherman mechanic paramedic "
                 "firefighter ranger player volunteer landlord tenant "
                 "homeowner retiree pensioner commuter passenger patient "
                 "dentist pharmacist therapist priest nun entertainer "
                 "landowner rancher grower programmer hacker whistleblower "
                 "refugee migrant immigrant panelist boxer wrestler "
                 "golfer swimmer sprinter skier cyclist champion trainer "
                 "promoter dancer painter sculptor composer drummer "
                 "guitarist publisher"},
	/* Plural person nouns: group sources. */
	{W_ROLE | W_PLURAL | W_GROUPNOUN,
         "officials sources experts critics supporters opponents voters "
         "residents witnesses investigators members friends neighbors "
         "neighbours colleagues employees workers students teachers parents "
         "relatives observers participants veterans victims survivors "
         "leaders donors allies rivals politicians citizens protesters "
         "protestors demonstrators attendees delegates conservatives "
         "liberals progressives moderates independents republicans "
         "democrats partisans analysts economists lawmakers legislators "
         "senators congressmen representatives governors mayors ministers "
         "diplomats aides advisers advisors strategists pollsters officers "
         "agents prosecutors lawyers attorneys judges scientists "
         "researchers doctors physicians nurses activists organizers "
         "organisers operatives staffers insiders people men women "
         "americans evangelicals millennials leaders candidates nominees "
         "spokesmen spokeswomen spokespeople executives founders owners "
         "managers journalists reporters commentators pundits bloggers "
         "economists scholars academics authorities planners engineers "
         "farmers investors bankers traders consumers customers users fans "
         "viewers readers callers members clergy authorities others "
         "advocates backers defenders detractors contenders elders "
         "hopefuls loyalists surrogates skeptics sceptics proponents "
         "groups outlets tenants landlords homeowners renters "
         "passengers patients shoppers commuters retirees parishioners "
         "nurses firefighters "
         "many some most few several both"},
	/* Heads of organisation names and nominals. */
	{W_ORG, "campaign committee administration department agency "
                "government company group party ministry office commission "
                "council court board union association organization "
                "organisation institute foundation center centre network "
                "newspaper bureau service services authority police army "
                "military navy corporation corp inc ltd llc firm bank "
                "university college school coalition caucus alliance league "
                "federation club team congress senate house assembly "
                "parliament cabinet regime embassy consulate station "
                "channel magazine journal times post tribune herald gazette "
                "news press daily weekly review chronicle globe observer "
                "monitor telegraph guardian independent express inquirer "
                "agency fund trust society project initiative institution "
                "pac super-pac movement force forces command headquarters "
                "prosecutors secretariat directorate commissioner's "
                "legislature judiciary hospital clinic church diocese "
                "council kremlin pentagon whitehouse state convention "
                "operator maker manufacturer automaker airline retailer "
                "insurer lender startup "
                "conglomerate utility semiconductor semiconductors "
                "motors airlines airways pharmaceuticals technologies "
                "holdings industries bancorp therapeutics laboratories "
                "labs enterprises ventures systems solutions"},
	/* Documents and findings that "show" or "find". */
	{W_INFO, "poll polls survey surveys study studies report reports "
                 "analysis analyses memo memos letter letters statement "
                 "statements document documents data research review audit "
                 "complaint lawsuit filing ruling decision opinion "
                 "indictment investigation probe findings figures numbers "
                 "estimates projections forecast model ad ads advertisement "
                 "video spot release email emails tweet tweets post "
                 "article story editorial census index polling filings records "
                 "statistics disclosures summary summaries transcript "
                 "transcripts tally tallies results returns testimony"},
	/* Organisations that speak by a single capitalised name. */
	{W_ORGNAME, "kremlin pentagon congress senate reuters bloomberg fox "
                    "politico axios vox gallup quinnipiac marist ipsos yougov "
                    "rasmussen pew twitter facebook google apple microsoft "
                    "amazon vatican interpol hezbollah hamas taliban "
                    "whitehouse downing elysee quai bundestag duma knesset "
                    "united"},
	/* Acronyms that name an organisation only when written in
	 * capitals: "DOE" is an agency, "Doe" a surname. */
	{W_ORGNAME | W_ACRONYM,
         "nato un eu fbi cia nsa irs sec fda cdc epa gop dnc rnc doj dhs ice "
         "who imf opec ap afp cnn msnbc nbc cbs abc bbc npr pbs isis isil nra "
         "aclu naacp usda hhs dod dot doe ftc fcc fec nih nasa nsc omb gao cbo "
         "ioc fifa unesco unicef"},
	/* Countries, capitals and US states (speak as governments). */
	{W_PLACE, "russia ukraine china iran iraq syria israel germany "
                  "france britain england scotland wales ireland italy "
                  "spain japan india pakistan afghanistan turkey egypt "
                  "mexico canada brazil cuba venezuela korea vietnam "
                  "poland greece sweden norway finland denmark belgium "
                  "netherlands austria switzerland hungary romania "
                  "serbia belarus georgia armenia azerbaijan kazakhstan "
                  "libya lebanon jordan yemen qatar kuwait bahrain oman "
                  "nigeria kenya ethiopia somalia sudan algeria morocco "
                  "tunisia australia indonesia malaysia philippines "
                  "thailand taiwan argentina chile colombia peru "
                  "america moscow kyiv kiev beijing tehran baghdad "
                  "damascus jerusalem berlin paris london rome madrid "
                  "tokyo delhi islamabad kabul ankara cairo ottawa brussels "
                  "washington minsk warsaw seoul pyongyang havana caracas "
                  "alabama alaska arizona arkansas california colorado "
                  "connecticut delaware florida hawaii idaho illinois "
                  "indiana iowa kansas kentucky louisiana maine maryland "
                  "massachusetts michigan minnesota mississippi missouri "
                  "montana nebraska nevada ohio oklahoma oregon "
                  "pennsylvania tennessee texas utah vermont virginia "
                  "wisconsin wyoming"},
	/* Words that make a capitalised run a place: "New Jersey", "South
	 * Carolina", "Orange County". */
	{W_PLACE, "new north south east west northern southern eastern "
                  "western county city province island islands river valley "
                  "bay beach coast lake mount port fort san santa los las"},
	/* Abbreviations that take a period but are not titles. */
	{W_ABBR, "jan feb mar apr jun jul aug sep sept oct nov dec st ave "
                 "blvd rd mt ft jr sr inc corp co ltd no vs etc approx dept "
                 "univ assn ariz ark calif colo conn del fla ga ill ind kan "
                 "ky la md mass mich minn miss mo mont neb nev okla ore pa "
                 "tenn tex va vt wash wis wyo"},
	{W_SUFFIX, "jr jr. sr sr. ii iii iv"},
	/* Capitalised words that never name a speaker. */
	{W_NONAME, "mon tues wed thurs fri sat sun note notes update updated "
                   "related editor editors watch read photo photos video "
                   "videos correction clarification disclosure "
                   "advertisement caption credit credits tags topics share "
                   "listen transcript summary background question answer "
                   "subscribe follow contact via warning breaking live "
                   "exclusive opinion analysis review latest wow boom "
                   "bombshell busted"},
	/* Media channels of a statement. */
	{W_MEDIUM, "statement interview interviews twitter facebook instagram "
                   "tweet post posts email letter op-ed speech remarks "
                   "briefing conference call appearance rally address "
                   "podcast radio television tv broadcast message memo "
                   "press release news"},
	/* Addressees of "told" that are not the content. */
	{W_AUDIENCE, "reporters journalists audience crowd supporters "
                     "listeners viewers readers lawmakers congress "
                     "colleagues students members delegates voters "
                     "attendees senators interviewer conference rally "
                     "meeting briefing hearing summit forum gathering "
                     "convention jury jurors hall townhall clients "
                     "customers investors shareholders shareholder "
                     "employees staff subscribers donors "
                     "constituents"},
	/* Anonymity-prone heads. */
	{W_ANON, "source sources official officials person people insider "
                 "insiders aide aides adviser advisers advisor advisors "
                 "diplomat diplomats officer officers staffer staffers "
                 "operative operatives spokesman spokeswoman spokesperson "
                 "associate associates ally allies confidant confidants"},
	/* Adjectives that sit inside speaker phrases. */
	{W_ADJ, "former senior top chief acting deputy assistant associate "
                "longtime veteran leading prominent key high-ranking "
                "high-level unnamed anonymous unidentified current "
                "then-president retired outgoing incoming interim new "
                "fellow republican democratic conservative liberal "
                "progressive presidential vice executive general "
                "principal special national regional local federal state "
                "foreign domestic international military political "
                "economic independent annual yearly quarterly monthly "
                "weekly daily"},
	/* Common verbs that are not cues: they end a speaker phrase. */
	{W_VERB, "go goes went gone make makes made take takes took taken "
                 "get gets got give gives gave given come comes came keep "
                 "keeps kept put puts seem seems seemed become becomes "
                 "became want wants wanted need needs needed try tries tried "
                 "run runs ran win wins won lose loses lost lead leads led "
                 "face faces faced hold holds held meet meets met send sends "
                 "sent plan plans planned help helps helped move moves moved "
                 "work works worked serve serves served remain remains "
                 "remained pay pays paid spend spends spent build builds "
                 "built sign signs signed vote votes voted use uses used "
                 "leave leaves left start starts started begin begins began "
                 "continue continues continued hope hopes hoped means meant "
                 "know knows knew feel feels felt see sees saw bring brings "
                 "brought buy bought catch caught fight fought teach taught "
                 "understand understood stand stood speak speaks spoke break "
                 "broke choose chose drive drove rise rose fall fell grow "
                 "grew throw threw fly flew draw drew hit cut shut hear heard "
                 "sell sold hold lies lay sit sat look looks looked appear "
                 "appears appeared happen happens happened exist exists "
                 "existed includes included allow allows require requires "
                 "required deserve deserves deserved "
                 /* irregular pasts, which the -ed test misses */
                 "struck fled hid dealt swept stuck stole shook withdrew "
                 "upheld oversaw undertook forgave forgot froze hung rang "
                 "sank swung tore wore bore bent dug fed "
                 "lent slid spun strove strode wept woke arose overcame "
                 "overthrew rebuilt"},
	{W_PARTICLE, "out up down back off over forward"},
	/* Cue verbs whose bare form is also a common noun ("a call"). */
	{W_NOUNCUE, "call report claim charge comment answer reply estimate "
                    "fear hope promise pledge vow demand request order "
                    "question note remark tweet post joke boast protest "
                    "dispute attack blame concern statement warning appeal "
                    "plea quip read show find calls claims charges comments "
                    "answers replies estimates fears hopes worries promises "
                    "pledges vows demands requests orders questions notes "
                    "remarks tweets posts jokes boasts protests disputes "
                    "attacks warnings plans reports advocates views "
                    "offers favors lists quotes hints backs"},
	{W_KIN, "wife husband son daughter mother father brother sister "
                "spouse widow widower family grandson granddaughter nephew "
                "niece uncle aunt cousin lawyer attorney spokesman "
                "spokeswoman spokesperson campaign aide aides office staff "
                "team administration lawyers attorneys"},
	/* Person nouns that tell a gender, for pronoun agreement: "9/11
	 * widow Terry Strada", "the congresswoman". */
	{W_FEMALE, "widow wife mother daughter sister granddaughter niece "
                   "aunt actress businesswoman congresswoman spokeswoman "
                   "chairwoman councilwoman queen princess"},
	/* Not the "-man" nouns, which stories also use for women. */
	{W_MALE, "widower husband father son brother grandson nephew uncle "
                 "king prince"},
	/* Given names with their usual gender, for pronoun agreement. */
	{W_FIRSTNAME | W_MALE,
         "aaron abdul abraham adam adrian ahmed al alan albert alex "
         "alexander alexei alfred ali allen andre andrew andy angel anthony "
         "antonio arnold arthur austin barack barry ben benjamin bernard "
         "bernie bill billy bob bobby boris brad bradley brandon brett "
         "brian bruce bryan carl carlos chad charles charlie chris "
         "christian christopher chuck clarence clark claude clint cody colin "
         "craig curtis dale dan daniel danny darrell dave david dean dennis "
         "derek devin dick dmitry don donald doug douglas duncan dwight "
         "earl ed eddie edward elijah elliott emmanuel eric erik ernest "
         "eugene evan felix fernando francis francisco frank franklin fred "
         "frederick gabriel gary gavin gene george gerald gilbert glenn "
         "gordon graham greg gregory harold harry hector henry herbert "
         "howard hugh hugo ian isaac ivan jack jacob jake james jared jason "
         "javier jay jeb jeff jeffrey jeremy jerome jerry jesse jesus jim "
         "jimmy joe joel john johnny jon jonathan jorge jose joseph josh "
         "joshua juan julian justin karl keith ken kenneth kevin kim kirk "
         "kyle lance larry lawrence lee leon leonard lindsey lloyd louis "
         "lucas luis luke manuel marco marcus mario mark martin marvin matt "
         "matthew max michael miguel mike mitch mitchell mohammed muhammad "
         "nathan neil nicholas nick nigel noah norman oleksii oliver omar "
         "oscar owen pablo patrick paul pedro peter phil philip pierre rafael "
         "ralph randy raul ray raymond reince rex ricardo richard rick robert "
         "roberto rod rodney roger roland ron ronald ross roy rudy russell "
         "ryan sam samuel scott sean sergei sergey seth shane shawn stanley "
         "stephen steve steven stuart ted terry thomas tim timothy todd tom "
         "tommy tony travis trevor troy tyler victor vincent vladimir walter "
         "warren wayne wesley william willie xavier yuri zachary volodymyr "
         "rinat alexei mitt newt rand marco jeb rudolph reince corey "
         "chuck harry orrin mitch lindsey rahm sherrod elijah kellyanne "
         "emmanuel olaf justin jair recep benjamin bashar kim xi narendra "
         "shinzo fumio rishi keir "
         "alejandro aleksandr andrei andres arjun brent caleb cedric connor "
         "darius derrick deshawn desmond diego dmitri dominic dustin dylan "
         "elias emilio ethan ezra garrett garry gideon giovanni hans hassan "
         "hiroshi ignacio igor jamal jasper jeremiah jian karim kenji klaus "
         "kurt lars levi liam logan lorenzo malik mateo mikhail nate "
         "nikolai pavel raj randall reggie santiago sergio silas spencer "
         "sven terrence tobias tyrone vernon vikram viktor wei willis wyatt"},
	{W_FIRSTNAME | W_FEMALE,
         "abigail alexandra alice alicia alison allison amanda amber amy "
         "andrea angela anita ann anna anne annie april ashley barbara "
         "betsy betty beverly brenda brittany candace carla carly carmen "
         "carol caroline carolyn catherine cathy charlotte cheryl chelsea "
         "christina christine cindy claire claudia colleen connie courtney "
         "cynthia dana danielle debbie deborah debra denise diana diane "
         "donna doris dorothy elaine eleanor elena elisabeth elizabeth ellen "
         "emily emma erica erin eva evelyn fiona frances gabrielle gail "
         "gina gloria grace gwen hannah harriet heather heidi helen hillary "
         "holly hope ilhan irene isabel jackie jacqueline jane janet janice "
         "jean jeanne jen jennifer jenny jessica jill joan joanne jodi "
         "josephine joy joyce judith judy julia julie june karen kate "
         "katherine kathleen kathryn kathy katie kayleigh kelly kimberly "
         "kristen kristin laura lauren leah linda lisa liz lois loretta "
         "lori louise lucy lynn madeleine maggie marcia margaret maria "
         "marie marilyn marion marjorie martha mary maureen megan melania "
         "melissa michele michelle mildred monica nancy naomi natalie "
         "nicole nikki nina nora olivia pam pamela patricia patty paula "
         "pauline peggy penny rachel rebecca regina renee rita roberta "
         "robin rosa rose ruth sally samantha sandra sara sarah sharon "
         "sheila shirley sonia sophie stephanie sue susan suzanne tammy "
         "tanya tara teresa theresa tina tracy ursula valerie vanessa "
         "victoria virginia wanda wendy yvonne zoe angela theresa marine "
         "kamala elizabeth alexandria nancy hope huma ivanka kellyanne "
         "sarah condoleezza madeleine dianne tammy kirsten maxine "
         "jeanne debbie lisa susana kristi marsha "
         "abby adriana agnes aisha ava beatriz beth bonnie camila "
         "charlene chloe daniela darlene edith ella esther ethel fatima "
         "greta gretchen hanna ines ingrid irina isabella jasmine jenna "
         "joanna kara kayla keisha kelsey kristina latoya layla leila "
         "lillian lindsay lorraine lucia mabel mariana marisa "
         "marlene marta melanie meredith mia miriam molly monique nadia "
         "natalia norma olga priya rachael rhonda rosemary roxanne sabrina "
         "sadie shanice shannon sofia stacey stacy svetlana sylvia tamara "
         "tasha tiffany tracey valentina vera vivian yasmin yolanda"},
	/* Words entity.c finds by their id, with no class: a title
	 * follows them ("a memoir entitled ..."). */
	{0, "entitled titled"},
};

static int add_list(struct ws_lexicon *lx, const struct word_list *l)
{
	const char *p = l->words;

	while (*p) {
		const char *w;

		while (*p == ' ')
			p++;
		w = p;
		while (*p && *p != ' ')
			p++;
		if (p > w &&
		    !ws__lex_add(lx, w, (size_t)(p - w), l->flags, false))
			return WS_ENOMEM;
	}
	return WS_OK;
}

int ws__words_builtin(struct ws_lexicon *lx)
{
	size_t i;

	for (i = 0; i < WS_ARRAY_LEN(word_lists); i++) {
		int rc = add_list(lx, &word_lists[i]);

		if (rc != WS_OK)
			return rc;
	}
	return WS_OK;
}
