/*
 * token.c - bytes to tokens, driven by a 256-entry character class table
 * (SQLite's aiClass idea): words, numbers, punctuation, quote marks and
 * paragraph breaks, with byte offsets into the text. It allocates only
 * the token and paragraph arrays.
 *
 * Words keep internal apostrophes ("don't"), hyphens ("large-scale"),
 * ampersands between capitals ("AT&T") and acronym periods ("U.S.").
 * A possessive 's becomes a token of its own so that "Clinton's" yields
 * the name "Clinton". Two apostrophes '' are a straight double quote.
 *
 * A blank line ends a paragraph; so does a single line break unless the
 * next line starts with a lower-case letter (a hard-wrapped paragraph).
 */
#include <string.h>

#include "doc.h"

enum {
	C_OTHER, /* symbols */
	C_LOWER,
	C_UPPER,
	C_DIGIT,
	C_SPACE,
	C_NL,
	C_PUNCT,
	C_DQ,   /* " */
	C_SQ,   /* ' */
	C_BT,   /* ` */
	C_HIGH, /* first byte of a multi-byte sequence */
	C_CONT, /* continuation byte (never first in valid UTF-8) */
};

static const unsigned char cclass[256] = {
	/* 0x00 - 0x1f: controls count as space, \n as a line break */
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_NL,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	C_SPACE,
	/*  ' '      !        "        #        $        %        &        ' */
	C_SPACE,
	C_PUNCT,
	C_DQ,
	C_OTHER,
	C_OTHER,
	C_OTHER,
	C_OTHER,
	C_SQ,
	/*  (        )        *        +        ,        -        .        / */
	C_PUNCT,
	C_PUNCT,
	C_OTHER,
	C_OTHER,
	C_PUNCT,
	C_PUNCT,
	C_PUNCT,
	C_PUNCT,
	C_DIGIT,
	C_DIGIT,
	C_DIGIT,
	C_DIGIT,
	C_DIGIT,
	C_DIGIT,
	C_DIGIT,
	C_DIGIT,
	/*  8        9        :        ;        <        =        >        ? */
	C_DIGIT,
	C_DIGIT,
	C_PUNCT,
	C_PUNCT,
	C_OTHER,
	C_OTHER,
	C_OTHER,
	C_PUNCT,
	/*  @ */
	C_OTHER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_UPPER,
	/*  X        Y        Z        [        \        ]        ^        _ */
	C_UPPER,
	C_UPPER,
	C_UPPER,
	C_PUNCT,
	C_OTHER,
	C_PUNCT,
	C_OTHER,
	C_OTHER,
	/*  ` */
	C_BT,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_LOWER,
	/*  x        y        z        {        |        }        ~      DEL */
	C_LOWER,
	C_LOWER,
	C_LOWER,
	C_PUNCT,
	C_OTHER,
	C_PUNCT,
	C_OTHER,
	C_SPACE,
	/* 0x80 - 0xbf: continuation bytes */
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	C_CONT,
	/* 0xc0 - 0xff: lead bytes */
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
	C_HIGH,
};

/* What a non-ASCII code point is to the tokenizer. */
enum {
	U_LETTER,
	U_UPPER, /* an upper-case letter */
	U_SPACE,
	U_PARA,  /* U+2029 paragraph separator */
	U_NL,    /* U+2028 line separator, U+0085 */
	U_QUOTE, /* a quote mark (code in *qm) */
	U_DASH,
	U_HYPHEN, /* U+2010, U+2011: word-internal like '-' */
	U_ELLIPSIS,
	U_SYM,
	U_IGNORE, /* zero-width characters */
};

static int uclass(uint32_t cp, uint8_t *qm)
{
	switch (cp) {
	case 0x00A0:
	case 0x1680:
	case 0x202F:
	case 0x205F:
	case 0x3000:
		return U_SPACE;
	case 0x200B:
	case 0x200C:
	case 0x200D:
	case 0x2060:
	case 0xFEFF:
	case 0x00AD:
		return U_IGNORE;
	case 0x2029:
		return U_PARA;
	case 0x2028:
	case 0x0085:
		return U_NL;
	case 0x201C:
	case 0x201F:
		*qm = QM_LDQ;
		return U_QUOTE;
	case 0x201D:
		*qm = QM_RDQ;
		return U_QUOTE;
	case 0x2033:
		*qm = QM_SDQ;
		return U_QUOTE;
	case 0x2018:
	case 0x201B:
		*qm = QM_LSQ;
		return U_QUOTE;
	case 0x2019:
		*qm = QM_RSQ;
		return U_QUOTE;
	case 0x201E:
		*qm = QM_LOW9D;
		return U_QUOTE;
	case 0x201A:
		*qm = QM_LOW9S;
		return U_QUOTE;
	case 0x00AB:
		*qm = QM_LGUIL;
		return U_QUOTE;
	case 0x00BB:
		*qm = QM_RGUIL;
		return U_QUOTE;
	case 0x2039:
		*qm = QM_LSGUIL;
		return U_QUOTE;
	case 0x203A:
		*qm = QM_RSGUIL;
		return U_QUOTE;
	case 0x300C:
		*qm = QM_CJKL;
		return U_QUOTE;
	case 0x300D:
		*qm = QM_CJKR;
		return U_QUOTE;
	case 0x300E:
		*qm = QM_CJKWL;
		return U_QUOTE;
	case 0x300F:
		*qm = QM_CJKWR;
		return U_QUOTE;
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212:
		return U_DASH;
	case 0x2010:
	case 0x2011:
		return U_HYPHEN;
	case 0x2026:
		return U_ELLIPSIS;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return U_SPACE;
	/* C1 controls appear inside words only in mis-decoded text
	 * ("FranÃ\u0083Â§ois"): keep such words whole. */
	if (cp >= 0x80 && cp <= 0x9F)
		return U_LETTER;
	if ((cp >= 0x00A1 && cp <= 0x00BF && cp != 0xAA && cp != 0xBA) ||
	    cp == 0xD7 || cp == 0xF7 || (cp >= 0x2016 && cp <= 0x2BFF) ||
	    (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFFFD)
		return U_SYM;
	/* Upper-case letters of the scripts news names are written in. */
	if ((cp >= 0xC0 && cp <= 0xDE) ||
	    (cp >= 0x100 && cp <= 0x17F && !(cp & 1) && cp != 0x138) ||
	    (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F))
		return U_UPPER;
	return U_LETTER;
}

struct tz {
	struct ana *a;
	const unsigned char *s;
	uint32_t len;
	struct tok *toks;
	uint32_t n, cap;
	uint16_t pending; /* flags for the next token */
	bool soft_nl;     /* a single line break is pending */
};

static inline struct tok *push(struct tz *z, uint8_t kind, uint32_t start,
                               uint32_t end)
{
	struct tok *t;

	if (z->n == z->cap) {
		uint32_t ncap;
		struct tok *nt;

		if (z->cap > UINT32_MAX / 2 - 16) {
			z->a->arena->failed = true;
			return NULL;
		}
		ncap = z->cap + z->cap / 2 + 64;
		nt = ws__arena_alloc(z->a->arena, (size_t)ncap * sizeof(*nt));
		if (!nt)
			return NULL;
		if (z->n)
			memcpy(nt, z->toks, (size_t)z->n * sizeof(*nt));
		z->toks = nt;
		z->cap = ncap;
	}
	t = &z->toks[z->n++];
	t->start = start;
	t->end = end;
	t->lex = 0;
	t->q = 0;
	t->kind = kind;
	t->ch = 0;
	t->flags = z->pending;
	z->pending = 0;
	if (z->soft_nl) {
		/* A single line break ends a paragraph unless the text goes
		 * on in lower case. */
		z->soft_nl = false;
		t->flags |= TF_NL;
		if (!(kind == TK_WORD && start < z->len &&
		      cclass[z->s[start]] == C_LOWER))
			t->flags |= TF_PARA;
	}
	return t;
}

/* Code point and class at i; *n gets its byte length. */
static int peek(const struct tz *z, uint32_t i, uint32_t *cp, uint8_t *qm,
                unsigned *n)
{
	unsigned char c = z->s[i];
	int cl = cclass[c];

	*qm = 0;
	*n = 1;
	*cp = c;
	if (cl != C_HIGH && cl != C_CONT)
		return -1;
	*cp = ws__utf8_decode((const char *)z->s, z->len, i, n);
	return uclass(*cp, qm);
}

static bool is_word_char(const struct tz *z, uint32_t i)
{
	uint32_t cp;
	uint8_t qm;
	unsigned n;
	int cl, u;

	if (i >= z->len)
		return false;
	cl = cclass[z->s[i]];
	if (cl == C_LOWER || cl == C_UPPER || cl == C_DIGIT)
		return true;
	if (cl != C_HIGH)
		return false;
	u = peek(z, i, &cp, &qm, &n);
	return u == U_LETTER || u == U_UPPER;
}

static bool is_letter_at(const struct tz *z, uint32_t i)
{
	int cl;

	if (i >= z->len)
		return false;
	cl = cclass[z->s[i]];
	return cl == C_LOWER || cl == C_UPPER ||
	       (cl == C_HIGH && is_word_char(z, i));
}

/* Is s[i] an apostrophe: ' or U+2019? Sets *n to its length. */
static bool apostrophe_at(const struct tz *z, uint32_t i, unsigned *n)
{
	if (i < z->len && z->s[i] == '\'') {
		*n = 1;
		return true;
	}
	if (i + 2 < z->len && z->s[i] == 0xE2 && z->s[i + 1] == 0x80 &&
	    z->s[i + 2] == 0x99) {
		*n = 3;
		return true;
	}
	return false;
}

static bool hyphen_at(const struct tz *z, uint32_t i, unsigned *n)
{
	if (i < z->len && z->s[i] == '-') {
		*n = 1;
		return true;
	}
	if (i + 2 < z->len && z->s[i] == 0xE2 && z->s[i + 1] == 0x80 &&
	    (z->s[i + 2] == 0x90 || z->s[i + 2] == 0x91)) {
		*n = 3;
		return true;
	}
	return false;
}

/* Contractions whose 's is "is"/"has", not a possessive. */
static bool keeps_s(const unsigned char *w, uint32_t len)
{
	static const char *const stems[] = {"it",    "he",    "she", "that",
	                                    "there", "what",  "who", "let",
	                                    "here",  "where", "how", "this"};
	size_t k;

	for (k = 0; k < WS_ARRAY_LEN(stems); k++) {
		size_t sl = strlen(stems[k]), j;

		if (sl != len)
			continue;
		for (j = 0; j < sl; j++)
			if ((w[j] | 0x20) != stems[k][j])
				break;
		if (j == sl)
			return true;
	}
	return false;
}

/* Scan a word from i; returns its end. Sets flags for case and acronyms. */
static uint32_t scan_word(struct tz *z, uint32_t i, uint16_t *fl)
{
	uint32_t start = i, letters = 0, uppers = 0;
	bool acro = false;

	for (;;) {
		unsigned n;

		/* ASCII letters and digits: the common case, one table
		 * lookup a byte. */
		while (i < z->len) {
			int cl = cclass[z->s[i]];

			if (cl == C_LOWER)
				letters++;
			else if (cl == C_UPPER)
				uppers++, letters++;
			else if (cl == C_DIGIT)
				*fl |= TF_DIGIT;
			else
				break;
			i++;
		}
		if (i >= z->len)
			break;
		if (cclass[z->s[i]] == C_HIGH) {
			uint32_t cp;
			uint8_t qm;
			int u = peek(z, i, &cp, &qm, &n);

			if (u == U_LETTER || u == U_UPPER) {
				letters++;
				uppers += u == U_UPPER;
				i += n;
				continue;
			}
		} else if (z->s[i] != '\'' && z->s[i] != '-' &&
		           z->s[i] != '&' && z->s[i] != '.') {
			break; /* a space or other punctuation: the usual end */
		}
		/* don't, O'Brien: an apostrophe between letters. */
		if (i > start && apostrophe_at(z, i, &n) &&
		    is_letter_at(z, i + n)) {
			i += n;
			continue;
		}
		/* large-scale, 7-year */
		if (i > start && hyphen_at(z, i, &n) &&
		    is_word_char(z, i + n)) {
			i += n;
			continue;
		}
		/* AT&T, A&M */
		if (i > start && i + 1 < z->len && z->s[i] == '&' &&
		    cclass[z->s[i - 1]] == C_UPPER &&
		    cclass[z->s[i + 1]] == C_UPPER) {
			i++;
			continue;
		}
		/* U.S., D.C., a.m.: single letters joined by periods. */
		if (i < z->len && z->s[i] == '.' && i + 1 < z->len &&
		    (i - start == 1 || z->s[i - 2] == '.' ||
		     z->s[i - 2] == '-') &&
		    is_letter_at(z, i - 1) && is_letter_at(z, i + 1) &&
		    (i + 2 >= z->len || z->s[i + 2] == '.' ||
		     !is_word_char(z, i + 2))) {
			acro = true;
			i++;
			continue;
		}
		break;
	}
	if (acro && i < z->len && z->s[i] == '.')
		i++; /* the final period of U.S. */
	if (acro)
		*fl |= TF_ACRO;
	if (uppers && (cclass[z->s[start]] == C_UPPER ||
	               (cclass[z->s[start]] == C_HIGH && uppers)))
		*fl |= TF_CAP;
	if (uppers >= 2 && uppers == letters)
		*fl |= TF_ALLCAP;
	if (letters == 1 && uppers == 1 && i - start == 1)
		*fl |= TF_INITIAL;
	return i;
}

static uint32_t scan_number(struct tz *z, uint32_t i)
{
	while (i < z->len) {
		unsigned char c = z->s[i];

		if (cclass[c] == C_DIGIT || cclass[c] == C_LOWER ||
		    cclass[c] == C_UPPER)
			i++;
		else if ((c == ',' || c == '.' || c == ':' || c == '/') &&
		         i + 1 < z->len && cclass[z->s[i + 1]] == C_DIGIT)
			i++;
		else
			break;
	}
	return i;
}

/*
 * In a Title Case Headline every word is capitalised, which would make
 * "Says" a name. Words the lexicon knows as function words, cues or
 * verbs lose their capital there; unknown words (names) keep it.
 */
static void untitle(struct ana *a, const struct para *p)
{
	uint32_t k, words = 0, caps = 0;

	for (k = p->first; k < p->end; k++) {
		const struct tok *t = &a->toks[k];

		if (t->kind != TK_WORD || t->end - t->start < 4)
			continue;
		words++;
		caps += (t->flags & TF_CAP) != 0;
	}
	if (words < 3 || caps * 10 < words * 8 || p->end - p->first > 40)
		return;
	for (k = p->first + 1; k < p->end; k++) {
		struct tok *t = &a->toks[k];
		uint64_t f = tok_wflags(a, k);

		if (t->kind != TK_WORD || (t->flags & TF_ALLCAP))
			continue;
		if ((f & (W_DET | W_PREP | W_AUX | W_BE | W_NEG | W_SUB |
		          W_COORD | W_CUE | W_VERB | W_PRON | W_PRON_OBJ |
		          W_POSSPRON | W_THAT | W_ADV | W_REL | W_WH)) &&
		    !(f & (W_FIRSTNAME | W_ORGNAME | W_PLACE | W_TITLE)))
			t->flags &= (uint16_t)~TF_CAP;
	}
}

static int finish(struct tz *z)
{
	struct ana *a = z->a;
	uint32_t k, np = 0;

	a->toks = z->toks;
	a->ntoks = z->n;
	/* Initials, spacing, and the paragraph table. */
	for (k = 0; k < z->n; k++) {
		struct tok *t = &z->toks[k];

		if (k == 0)
			t->flags |= TF_PARA;
		if (t->flags & TF_PARA)
			np++;
		if (t->kind == TK_WORD) {
			/* "Julie A. Diaz": an initial is not the article. */
			if ((t->flags & TF_INITIAL) && k + 1 < z->n &&
			    z->toks[k + 1].kind == TK_PUNCT &&
			    z->toks[k + 1].ch == '.' &&
			    !(z->toks[k + 1].flags & TF_SPACE))
				t->lex = 0;
		}
		if (k + 1 == z->n || (z->toks[k + 1].flags & TF_SPACE) ||
		    (z->toks[k + 1].flags & TF_PARA))
			t->flags |= TF_SPACE_AFTER;
	}
	a->paras = ws__arena_calloc(a->arena, np ? np : 1, sizeof(*a->paras));
	if (!a->paras)
		return WS_ENOMEM;
	a->nparas = 0;
	for (k = 0; k < z->n; k++) {
		if (z->toks[k].flags & TF_PARA) {
			if (a->nparas)
				a->paras[a->nparas - 1].end = k;
			a->paras[a->nparas].first = k;
			a->nparas++;
		}
	}
	if (a->nparas)
		a->paras[a->nparas - 1].end = z->n;
	for (k = 0; k < a->nparas; k++)
		untitle(a, &a->paras[k]);
	return WS_OK;
}

int ws__tokenize(struct ana *a)
{
	const struct ws_lexicon *lx = a->lx;
	struct tz z;
	uint32_t i = 0;
	unsigned nl = 0;

	memset(&z, 0, sizeof(z));
	z.a = a;
	z.s = (const unsigned char *)a->text;
	z.len = a->len;
	z.cap = a->len / 5 + 64;
	z.toks = ws__arena_alloc(a->arena, (size_t)z.cap * sizeof(*z.toks));
	if (!z.toks)
		return WS_ENOMEM;

	while (i < z.len) {
		unsigned char c = z.s[i];
		int cl = cclass[c];
		uint32_t cp = c;
		uint8_t qm = 0;
		unsigned n = 1;
		struct tok *t;
		int u = -1;

		if (c == ' ') { /* the commonest byte */
			z.pending |= TF_SPACE;
			i++;
			continue;
		}

		if (cl == C_HIGH || cl == C_CONT)
			u = peek(&z, i, &cp, &qm, &n);
		/* White space and line breaks. */
		if (cl == C_SPACE || cl == C_NL || u == U_SPACE || u == U_NL ||
		    u == U_PARA || u == U_IGNORE) {
			if (u != U_IGNORE)
				z.pending |= TF_SPACE;
			if (cl == C_NL || u == U_NL)
				nl++;
			else if (u == U_PARA)
				nl += 2;
			i += n;
			continue;
		}
		if (nl >= 2)
			z.pending |= TF_PARA | TF_NL;
		else if (nl == 1)
			z.soft_nl = true;
		nl = 0;

		if (cl == C_LOWER || cl == C_UPPER || u == U_LETTER ||
		    u == U_UPPER) {
			uint16_t fl = 0;
			uint32_t end = scan_word(&z, i, &fl), stem = end;
			unsigned an;

			/* Split a possessive 's off the word. */
			if (end - i >= 3 && (z.s[end - 1] | 0x20) == 's') {
				uint32_t ap = end - 2;

				if (z.s[ap] == '\'' &&
				    !keeps_s(z.s + i, ap - i))
					stem = ap;
				else if (end - i >= 5 && z.s[end - 4] == 0xE2 &&
				         apostrophe_at(&z, end - 4, &an) &&
				         !keeps_s(z.s + i, end - 4 - i))
					stem = end - 4;
			}
			t = push(&z, TK_WORD, i, stem);
			if (!t)
				return WS_ENOMEM;
			t->flags |= fl;
			/* Its word class now, while its bytes are in cache. */
			t->lex = ws__lex_lookup_in(lx, a->text, z.len, i,
			                           stem - i);
			if (stem != end) {
				t = push(&z, TK_POSS, stem, end);
				if (!t)
					return WS_ENOMEM;
				t->lex = ws__lex_lookup_in(lx, a->text, z.len,
				                           stem, end - stem);
			}
			i = end;
			continue;
		}
		if (cl == C_DIGIT) {
			uint32_t end = scan_number(&z, i), j = end;

			/* "25-year-old", "3-point": a compound adjective,
			 * one word, not a number and a dash. */
			while (j + 1 < z.len && z.s[j] == '-' &&
			       (cclass[z.s[j + 1]] == C_LOWER ||
			        cclass[z.s[j + 1]] == C_UPPER)) {
				j++;
				while (j < z.len &&
				       (cclass[z.s[j]] == C_LOWER ||
				        cclass[z.s[j]] == C_UPPER ||
				        cclass[z.s[j]] == C_DIGIT))
					j++;
			}
			if (j != end) {
				t = push(&z, TK_WORD, i, j);
				if (!t)
					return WS_ENOMEM;
				t->flags |= TF_DIGIT;
				i = j;
				continue;
			}
			t = push(&z, TK_NUM, i, end);
			if (!t)
				return WS_ENOMEM;
			i = end;
			continue;
		}
		if (cl == C_DQ) {
			t = push(&z, TK_QUOTE, i, i + 1);
			if (!t)
				return WS_ENOMEM;
			t->ch = QM_SDQ;
			i++;
			continue;
		}
		if (cl == C_SQ) {
			/* ''' after a word closes a single then a double
			 * quotation: ' then ''. */
			if (i + 2 < z.len && z.s[i + 1] == '\'' &&
			    z.s[i + 2] == '\'' && !(z.pending & TF_SPACE) &&
			    z.n && z.toks[z.n - 1].kind != TK_QUOTE) {
				t = push(&z, TK_QUOTE, i, i + 1);
				if (!t)
					return WS_ENOMEM;
				t->ch = QM_SSQ;
				t->flags |= TF_APOS;
				i++;
				continue;
			}
			/* '' is a straight double quote (some wire styles). */
			if (i + 1 < z.len && z.s[i + 1] == '\'') {
				t = push(&z, TK_QUOTE, i, i + 2);
				if (!t)
					return WS_ENOMEM;
				t->ch = QM_SDQ;
				i += 2;
				continue;
			}
			t = push(&z, TK_QUOTE, i, i + 1);
			if (!t)
				return WS_ENOMEM;
			t->ch = QM_SSQ;
			t->flags |= TF_APOS;
			i++;
			continue;
		}
		if (cl == C_BT) {
			uint32_t end = i + 1;

			if (end < z.len && z.s[end] == '`')
				end++;
			t = push(&z, end - i == 2 ? TK_QUOTE : TK_SYM, i, end);
			if (!t)
				return WS_ENOMEM;
			t->ch = end - i == 2 ? QM_BACKTICK : '`';
			i = end;
			continue;
		}
		if (u == U_QUOTE) {
			t = push(&z, TK_QUOTE, i, i + n);
			if (!t)
				return WS_ENOMEM;
			t->ch = qm;
			if (qm == QM_RSQ)
				t->flags |= TF_APOS;
			i += n;
			continue;
		}
		if (cl == C_PUNCT || u == U_DASH || u == U_ELLIPSIS ||
		    u == U_HYPHEN) {
			uint32_t end = i + n;
			uint8_t ch = (uint8_t)c;

			if (u == U_DASH || u == U_HYPHEN)
				ch = PC_DASH;
			else if (u == U_ELLIPSIS)
				ch = PC_ELLIPSIS;
			else if (c == '.' && i + 2 < z.len &&
			         z.s[i + 1] == '.' && z.s[i + 2] == '.') {
				ch = PC_ELLIPSIS;
				end = i + 3;
				while (end < z.len && z.s[end] == '.')
					end++;
			} else if (c == '-') {
				ch = PC_DASH;
				while (end < z.len && z.s[end] == '-')
					end++;
			}
			t = push(&z, TK_PUNCT, i, end);
			if (!t)
				return WS_ENOMEM;
			t->ch = ch;
			i = end;
			continue;
		}
		/* Anything else is a symbol ($, %, #, emoji, U+FFFD). */
		t = push(&z, TK_SYM, i, i + n);
		if (!t)
			return WS_ENOMEM;
		t->ch = c < 0x80 ? c : 0;
		i += n;
	}
	return finish(&z);
}
