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
	struct para *paras; /* so far; the last one is still open */
	uint32_t nparas, parcap;
	uint32_t *marks; /* quote marks so far, for quote.c */
	uint8_t *markinfo;
	uint32_t nmarks, markcap;
	/* In the open paragraph, words of 4 bytes or more and how many of
	 * them are capitalised, counted as they come for untitle(). */
	uint32_t words, caps;
	uint16_t pending; /* flags for the next token */
	bool soft_nl;     /* a single line break is pending */
};

static void untitle(struct ana *a, const struct para *p, uint32_t words,
                    uint32_t caps);

/* Token k is a quote mark: quote.c looks at these alone, and at the
 * byte `info` (its QM_* code, MARK_SPACE for space before it) first. */
static int add_mark(struct tz *z, uint32_t k, uint8_t info)
{
	if (z->nmarks == z->markcap) {
		uint32_t ncap, *nm;
		uint8_t *ni;

		if (z->markcap > UINT32_MAX / 2 - 16) {
			z->a->arena->failed = true;
			return WS_ENOMEM;
		}
		ncap = z->markcap * 2 + 16;
		nm = ws__arena_alloc(z->a->arena, (size_t)ncap * sizeof(*nm));
		ni = ws__arena_alloc(z->a->arena, ncap);
		if (!nm || !ni)
			return WS_ENOMEM;
		if (z->nmarks) {
			memcpy(nm, z->marks, (size_t)z->nmarks * sizeof(*nm));
			memcpy(ni, z->markinfo, z->nmarks);
		}
		z->marks = nm;
		z->markinfo = ni;
		z->markcap = ncap;
	}
	z->marks[z->nmarks] = k;
	z->markinfo[z->nmarks] = info;
	z->nmarks++;
	return WS_OK;
}

/*
 * Token `first` opens a paragraph: close the one before (its tokens are
 * all in, and still in cache: a title-case check now costs no second
 * pass over the document) and open a new one.
 */
static int open_para(struct tz *z, uint32_t first)
{
	if (z->nparas) {
		z->paras[z->nparas - 1].end = first;
		untitle(z->a, &z->paras[z->nparas - 1], z->words, z->caps);
	}
	z->words = z->caps = 0;
	if (z->nparas == z->parcap) {
		uint32_t ncap;
		struct para *np;

		if (z->parcap > UINT32_MAX / 2 - 16) {
			z->a->arena->failed = true;
			return WS_ENOMEM;
		}
		ncap = z->parcap * 2 + 16;
		np = ws__arena_calloc(z->a->arena, ncap, sizeof(*np));
		if (!np)
			return WS_ENOMEM;
		if (z->nparas)
			memcpy(np, z->paras, (size_t)z->nparas * sizeof(*np));
		z->paras = np;
		z->parcap = ncap;
	}
	z->paras[z->nparas].first = first;
	z->nparas++;
	return WS_OK;
}

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
		z->a->toks = nt; /* untitle() reads them there */
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
	/* The token before has space after it when this one has space
	 * before it or starts a paragraph; the first one starts one. */
	if (z->n == 1)
		t->flags |= TF_PARA;
	else if (t->flags & (TF_SPACE | TF_PARA))
		t[-1].flags |= TF_SPACE_AFTER;
	if ((t->flags & TF_PARA) && open_para(z, z->n - 1) != WS_OK)
		return NULL;
	return t;
}

/* A quote mark qm from start to end. */
static inline struct tok *push_mark(struct tz *z, uint32_t start, uint32_t end,
                                    uint8_t qm)
{
	struct tok *t = push(z, TK_QUOTE, start, end);

	if (!t)
		return NULL;
	t->ch = qm;
	if (add_mark(z, z->n - 1,
	             (uint8_t)(qm | (t->flags & TF_SPACE ? MARK_SPACE : 0))) !=
	    WS_OK)
		return NULL;
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

/*
 * What an ASCII letter or digit adds to scan_word()'s tally: a letter
 * one in the low half, a capital one in the high half too, a digit
 * nothing (a run's digits are its length less its letters).
 */
static const uint64_t tally[] = {
	[C_LOWER] = 1,
	[C_UPPER] = 1 | UINT64_C(1) << 32,
	[C_DIGIT] = 0,
};

/* An 8-byte load is eight bytes in text order only when little-endian. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TOK_LITTLE_ENDIAN 1
#else
#define TOK_LITTLE_ENDIAN 0
#endif

/* How eight bytes of text begin: the run of ASCII letters and digits. */
struct ascii8 {
	unsigned run;     /* its length, 0..8 */
	unsigned letters; /* of which letters */
	unsigned uppers;  /* of which capitals */
	bool digit;       /* it has a digit */
};

/* The number of bytes of m (each 0x80 or 0) that are 0x80. */
static inline unsigned bytes_set(uint64_t m)
{
	return (unsigned)(((m >> 7) * UINT64_C(0x0101010101010101)) >> 56);
}

/*
 * scan_word()'s byte loop for eight bytes at once, without a branch
 * (SWAR: each byte's high bit says whether it is in a range). Bytes at
 * or past 0x80 are masked to 7 bits first, so no byte carries into the
 * next, and then left out.
 */
static inline struct ascii8 ascii8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = ones * 0x80;
	uint64_t lo7 = x & ~high, folded = lo7 | ones * 0x20;
	uint64_t ascii = ~x & high;
	uint64_t letter = (folded + ones * (0x80 - 'a')) &
	                  ~(folded + ones * (0x7F - 'z')) & ascii;
	uint64_t upper = (lo7 + ones * (0x80 - 'A')) &
	                 ~(lo7 + ones * (0x7F - 'Z')) & ascii;
	uint64_t digit = (lo7 + ones * (0x80 - '0')) &
	                 ~(lo7 + ones * (0x7F - '9')) & ascii;
	uint64_t stop = ~(letter | digit) & high;
	/* The bytes before the first stop (all eight when none). */
	uint64_t keep = (stop & (0 - stop)) - 1;
	struct ascii8 r;

	r.run = bytes_set((letter | digit) & keep);
	r.letters = bytes_set(letter & keep);
	r.uppers = bytes_set(upper & keep);
	r.digit = (digit & keep) != 0;
	return r;
}

/* Scan a word from i; returns its end. Sets flags for case and acronyms. */
static uint32_t scan_word(struct tz *z, uint32_t i, uint16_t *fl)
{
	const unsigned char *s = z->s;
	const uint32_t len = z->len;
	uint32_t start = i, letters = 0, uppers = 0;
	uint16_t f = 0;
	bool acro = false;

	for (;;) {
		uint32_t run;
		uint64_t sum = 0;
		unsigned n;
		bool ended = false;

		/* ASCII letters and digits: the common case, eight bytes
		 * at a time while eight are left (most words end in the
		 * first eight), ... */
		while (TOK_LITTLE_ENDIAN && len - i >= 8) {
			struct ascii8 r;
			uint64_t x;

			memcpy(&x, s + i, 8);
			r = ascii8(x);
			letters += r.letters;
			uppers += r.uppers;
			if (r.digit)
				f |= TF_DIGIT;
			i += r.run;
			if (r.run < 8) {
				ended = true;
				break;
			}
		}
		/* ... then, unless that found the end, a byte at a time:
		 * two table lookups a byte and no branch but the loop's.
		 * Neither count can carry into the other: a text is < 2^30
		 * bytes. */
		run = i;
		while (!ended && i < len) {
			unsigned cl = cclass[s[i]];

			if (cl - C_LOWER > C_DIGIT - C_LOWER)
				break;
			sum += tally[cl];
			i++;
		}
		letters += (uint32_t)sum;
		uppers += (uint32_t)(sum >> 32);
		if (i - run > (uint32_t)sum)
			f |= TF_DIGIT;
		if (i >= len)
			break;
		if (cclass[s[i]] == C_HIGH) {
			uint32_t cp;
			uint8_t qm;
			int u = peek(z, i, &cp, &qm, &n);

			if (u == U_LETTER || u == U_UPPER) {
				letters++;
				uppers += u == U_UPPER;
				i += n;
				continue;
			}
		} else if (s[i] != '\'' && s[i] != '-' && s[i] != '&' &&
		           s[i] != '.') {
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
		if (i > start && i + 1 < len && s[i] == '&' &&
		    cclass[s[i - 1]] == C_UPPER &&
		    cclass[s[i + 1]] == C_UPPER) {
			i++;
			continue;
		}
		/* U.S., D.C., a.m.: single letters joined by periods. */
		if (i < len && s[i] == '.' && i + 1 < len &&
		    (i - start == 1 || s[i - 2] == '.' || s[i - 2] == '-') &&
		    is_letter_at(z, i - 1) && is_letter_at(z, i + 1) &&
		    (i + 2 >= len || s[i + 2] == '.' ||
		     !is_word_char(z, i + 2))) {
			acro = true;
			i++;
			continue;
		}
		break;
	}
	if (acro && i < len && s[i] == '.')
		i++; /* the final period of U.S. */
	if (acro)
		f |= TF_ACRO;
	if (uppers && (cclass[s[start]] == C_UPPER ||
	               (cclass[s[start]] == C_HIGH && uppers)))
		f |= TF_CAP;
	if (uppers >= 2 && uppers == letters)
		f |= TF_ALLCAP;
	if (letters == 1 && uppers == 1 && i - start == 1)
		f |= TF_INITIAL;
	*fl |= f;
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
 * `words` and `caps` are the paragraph's words of 4 bytes or more and
 * the capitalised ones among them, counted by the tokenizer.
 */
static void untitle(struct ana *a, const struct para *p, uint32_t words,
                    uint32_t caps)
{
	uint32_t k;

	if (words < 3 || caps * 10 < words * 8 || p->end - p->first > 40)
		return;
	for (k = p->first + 1; k < p->end; k++) {
		struct tok *t = &a->toks[k];
		uint64_t f = tok_wflags(a, k);

		t->flags |= TF_TITLED;
		if (t->kind != TK_WORD || (t->flags & TF_ALLCAP))
			continue;
		if ((f & (W_DET | W_PREP | W_AUX | W_BE | W_NEG | W_SUB |
		          W_COORD | W_CUE | W_VERB | W_PRON | W_PRON_OBJ |
		          W_POSSPRON | W_THAT | W_ADV | W_REL | W_WH)) &&
		    !(f & (W_FIRSTNAME | W_ORGNAME | W_PLACE | W_TITLE)))
			t->flags &= (uint16_t)~TF_CAP;
	}
}

/* The last token and paragraph; initials were settled as their periods
 * came, spacing and paragraphs as each next token came. */
static int finish(struct tz *z)
{
	struct ana *a = z->a;

	a->toks = z->toks;
	a->ntoks = z->n;
	if (z->n) {
		z->toks[z->n - 1].flags |= TF_SPACE_AFTER;
		z->paras[z->nparas - 1].end = z->n;
		untitle(a, &z->paras[z->nparas - 1], z->words, z->caps);
	} else {
		/* No token: no paragraph, but a zeroed one to look at. */
		z->paras = ws__arena_calloc(a->arena, 1, sizeof(*z->paras));
		if (!z->paras)
			return WS_ENOMEM;
	}
	a->paras = z->paras;
	a->nparas = z->nparas;
	a->marks = z->marks;
	a->markinfo = z->markinfo;
	a->nmarks = z->nmarks;
	return WS_OK;
}

uint32_t ws__para_of(const struct ana *a, uint32_t t)
{
	uint32_t lo = 0, hi = a->nparas;

	while (hi - lo > 1) {
		uint32_t mid = (lo + hi) / 2;

		if (a->paras[mid].first <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int ws__tokenize(struct ana *a)
{
	const struct ws_lexicon *lx = a->lx;
	/* Locals, not z's fields: stores through a token pointer could
	 * alias those (no strict aliasing), forcing a reload a byte. */
	const unsigned char *s = (const unsigned char *)a->text;
	const uint32_t len = a->len;
	struct tz z;
	uint32_t i = 0;
	unsigned nl = 0;

	memset(&z, 0, sizeof(z));
	z.a = a;
	z.s = (const unsigned char *)a->text;
	z.len = a->len;
	/* News text runs 0.17 to 0.22 tokens a byte: a quarter of the
	 * length holds nearly every text without the copy of a growth
	 * (44 MB for the 11 MB bench corpus at a fifth), and pages never
	 * written cost nothing. */
	z.cap = a->len / 4 + 64;
	z.toks = ws__arena_alloc(a->arena, (size_t)z.cap * sizeof(*z.toks));
	if (!z.toks)
		return WS_ENOMEM;
	a->toks = z.toks; /* untitle() reads them there */

	while (i < len) {
		unsigned char c = s[i];
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
			/* A run of words one space apart (most of a text)
			 * stays in this loop: from the second on, nothing is
			 * pending but that space, and the general tests
			 * above would only cost mispredicted branches. */
			for (;;) {
				uint16_t fl = 0;
				uint32_t end = scan_word(&z, i, &fl),
					 stem = end;
				unsigned an;

				/* Split a possessive 's off the word. */
				if (end - i >= 3 &&
				    (s[end - 1] | 0x20) == 's') {
					uint32_t ap = end - 2;

					if (s[ap] == '\'' &&
					    !keeps_s(z.s + i, ap - i))
						stem = ap;
					else if (end - i >= 5 &&
					         s[end - 4] == 0xE2 &&
					         apostrophe_at(&z, end - 4,
					                       &an) &&
					         !keeps_s(z.s + i, end - 4 - i))
						stem = end - 4;
				}
				t = push(&z, TK_WORD, i, stem);
				if (!t)
					return WS_ENOMEM;
				t->flags |= fl;
				if (stem - i >= 4) {
					z.words++;
					z.caps += (fl & TF_CAP) != 0;
				}
				/* Its word class now, while its bytes are in
				 * cache. */
				t->lex = ws__lex_lookup_in(lx, a->text, len, i,
				                           stem - i);
				/* "US officials": the country, not "us". */
				if (t->lex && stem - i == 2 && s[i] == 'U' &&
				    s[i + 1] == 'S')
					t->lex = 0;
				if (stem != end) {
					t = push(&z, TK_POSS, stem, end);
					if (!t)
						return WS_ENOMEM;
					t->lex = ws__lex_lookup_in(lx, a->text,
					                           len, stem,
					                           end - stem);
				}
				i = end;
				if (len - i < 2 || s[i] != ' ' ||
				    (unsigned)cclass[s[i + 1]] - C_LOWER >
				            C_UPPER - C_LOWER)
					break;
				z.pending |= TF_SPACE;
				i++;
			}
			continue;
		}
		if (cl == C_DIGIT) {
			uint32_t end = scan_number(&z, i), j = end;

			/* "25-year-old", "3-point": a compound adjective,
			 * one word, not a number and a dash. */
			while (j + 1 < len && s[j] == '-' &&
			       (cclass[s[j + 1]] == C_LOWER ||
			        cclass[s[j + 1]] == C_UPPER)) {
				j++;
				while (j < len && (cclass[s[j]] == C_LOWER ||
				                   cclass[s[j]] == C_UPPER ||
				                   cclass[s[j]] == C_DIGIT))
					j++;
			}
			if (j != end) {
				t = push(&z, TK_WORD, i, j);
				if (!t)
					return WS_ENOMEM;
				t->flags |= TF_DIGIT;
				z.words += j - i >= 4;
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
			t = push_mark(&z, i, i + 1, QM_SDQ);
			if (!t)
				return WS_ENOMEM;
			i++;
			continue;
		}
		if (cl == C_SQ) {
			/* ''' after a word closes a single then a double
			 * quotation: ' then ''. */
			if (i + 2 < len && s[i + 1] == '\'' &&
			    s[i + 2] == '\'' && !(z.pending & TF_SPACE) &&
			    z.n && z.toks[z.n - 1].kind != TK_QUOTE) {
				t = push_mark(&z, i, i + 1, QM_SSQ);
				if (!t)
					return WS_ENOMEM;
				t->flags |= TF_APOS;
				i++;
				continue;
			}
			/* '' is a straight double quote (some wire styles). */
			if (i + 1 < len && s[i + 1] == '\'') {
				t = push_mark(&z, i, i + 2, QM_SDQ);
				if (!t)
					return WS_ENOMEM;
				i += 2;
				continue;
			}
			t = push_mark(&z, i, i + 1, QM_SSQ);
			if (!t)
				return WS_ENOMEM;
			t->flags |= TF_APOS;
			i++;
			continue;
		}
		if (cl == C_BT) {
			uint32_t end = i + 1;

			if (end < len && s[end] == '`')
				end++;
			t = end - i == 2 ? push_mark(&z, i, end, QM_BACKTICK)
			                 : push(&z, TK_SYM, i, end);
			if (!t)
				return WS_ENOMEM;
			if (t->kind == TK_SYM)
				t->ch = '`';
			i = end;
			continue;
		}
		if (u == U_QUOTE) {
			t = push_mark(&z, i, i + n, qm);
			if (!t)
				return WS_ENOMEM;
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
			else if (c == '.' && i + 2 < len && s[i + 1] == '.' &&
			         s[i + 2] == '.') {
				ch = PC_ELLIPSIS;
				end = i + 3;
				while (end < len && s[end] == '.')
					end++;
			} else if (c == '-') {
				ch = PC_DASH;
				while (end < len && s[end] == '-')
					end++;
			}
			t = push(&z, TK_PUNCT, i, end);
			if (!t)
				return WS_ENOMEM;
			t->ch = ch;
			/* "Julie A. Diaz": an initial is not the article. */
			if (ch == '.' && !(t->flags & TF_SPACE) && z.n >= 2 &&
			    t[-1].kind == TK_WORD && (t[-1].flags & TF_INITIAL))
				t[-1].lex = 0;
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
