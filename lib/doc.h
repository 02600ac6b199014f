/*
 * doc.h - the analysis of one document, shared by the pipeline modules:
 * tokens, paragraphs, sentences, quotations, mentions and candidate
 * attributions. Everything lives in the document's arena and refers to
 * the text by byte offsets; token indexes are uint32_t.
 *
 * Pipeline (attrib.c drives it, each step linear in the input):
 *   token.c     bytes -> tokens, paragraphs, word classes
 *   quote.c     quote marks -> paired quotations (multi-paragraph chains)
 *   sentence.c  tokens -> sentences (quotations are never split)
 *   cue.c       the lexicon of cue forms (matched in attrib.c)
 *   mention.c   noun phrases around cues: speakers and their extent
 *   entity.c    mentions -> entities (names, titles, pronouns, nominals)
 *   attrib.c    cues + quotations + mentions -> attributions
 */
#ifndef WS_DOC_H
#define WS_DOC_H

#include "lexicon.h"

enum tok_kind {
	TK_WORD,
	TK_NUM,
	TK_PUNCT,
	TK_QUOTE, /* a quote mark; `ch` is a QM_* code */
	TK_POSS,  /* 's, ’s, or an apostrophe after a plural */
	TK_SYM,
};

/* Codes for TK_PUNCT tokens besides their ASCII character. */
#define PC_DASH     'D' /* – — -- and a spaced hyphen */
#define PC_ELLIPSIS 'E' /* … and ... */

/* Quote mark codes (TK_QUOTE `ch`). */
enum {
	QM_LDQ = 1,  /* “ */
	QM_RDQ,      /* ” */
	QM_SDQ,      /* " (and two apostrophes '') */
	QM_LSQ,      /* ‘ */
	QM_RSQ,      /* ’ */
	QM_SSQ,      /* ' */
	QM_LOW9D,    /* „ */
	QM_LOW9S,    /* ‚ */
	QM_LGUIL,    /* « */
	QM_RGUIL,    /* » */
	QM_LSGUIL,   /* ‹ */
	QM_RSGUIL,   /* › */
	QM_CJKL,     /* 「 */
	QM_CJKR,     /* 」 */
	QM_CJKWL,    /* 『 */
	QM_CJKWR,    /* 』 */
	QM_BACKTICK, /* `` */
	QM_COUNT
};

/* Token flags. */
#define TF_CAP         (1u << 0)  /* starts with an upper-case letter */
#define TF_ALLCAP      (1u << 1)  /* two or more letters, all upper-case */
#define TF_PARA        (1u << 2)  /* first token of a paragraph */
#define TF_SPACE       (1u << 3)  /* white space before it */
#define TF_INQ         (1u << 4)  /* inside a quotation (marks excluded) */
#define TF_SENT        (1u << 5)  /* first token of a sentence */
#define TF_ACRO        (1u << 6)  /* letters and periods: U.S., D.C. */
#define TF_APOS        (1u << 7)  /* quote mark that may be an apostrophe */
#define TF_SPACE_AFTER (1u << 8)  /* white space (or the end) after it */
#define TF_QUSED       (1u << 9)  /* quote mark paired into a quotation */
#define TF_DIGIT       (1u << 10) /* word containing a digit */
#define TF_NL          (1u << 11) /* a line break before it */
#define TF_INITIAL     (1u << 12) /* a single capital letter: the J in J. */
#define TF_TITLED      (1u << 13) /* in a Title Case Headline */

struct tok {
	uint32_t start, end; /* bytes */
	uint32_t lex;        /* lexicon id of a word, 0 when unknown */
	uint32_t q;          /* quotation index + 1 (inside or a mark) */
	uint16_t flags;      /* TF_* */
	uint8_t kind;        /* enum tok_kind */
	uint8_t ch;          /* punct character or QM_* code */
};

struct para {
	uint32_t first, end; /* tokens [first, end) */
};

struct sent {
	uint32_t first, end; /* tokens [first, end) */
	uint32_t para;
};

/* A quotation: the text between a pair of marks. */
struct qspan {
	uint32_t open, close; /* mark tokens; close == NOTOK when unclosed */
	uint32_t first, end;  /* inner tokens [first, end) */
	uint32_t start, stop; /* inner bytes (marks excluded) */
	uint32_t para;
	uint32_t next;  /* continuation in the next paragraph, +1 */
	uint32_t prev;  /* the paragraph it continues, +1 */
	uint32_t head;  /* first quotation of its chain, +1 (0: self) */
	bool single;    /* single quote marks */
	bool unclosed;  /* no closing mark before the paragraph end */
	bool used;      /* claimed by an attribution */
	uint32_t words; /* word tokens inside */
};

#define NOTOK UINT32_MAX

/* ana.markinfo: white space before the mark (its TF_SPACE). */
#define MARK_SPACE 0x80

/* The working state of one ws_annotate() call. */
struct ana {
	struct ws_doc *doc;
	const struct ws_lexicon *lx;
	struct ws_arena *arena;
	const char *text;
	uint32_t len;
	struct tok *toks;
	uint32_t ntoks;
	struct para *paras;
	uint32_t nparas;
	uint32_t *marks;   /* the TK_QUOTE tokens in order, as tokenized */
	uint8_t *markinfo; /* each one's QM_* code, | MARK_SPACE */
	uint32_t nmarks;
	struct sent *sents;
	uint32_t nsents;
	struct qspan *quotes;
	uint32_t nquotes;
	/* An interview transcript ("Q: ... A: ..."): per paragraph 1 in an
	 * answer, 2 in a question (NULL: none), and the interviewee's name,
	 * who is "I" in the answers and "you" in the questions (tokens). */
	uint8_t *qa;
	uint32_t iv_first, iv_end;
};

/* token.c: tokenize ana->text into toks and paras. */
int ws__tokenize(struct ana *a);

/* token.c: the paragraph that holds token t (binary search). */
uint32_t ws__para_of(const struct ana *a, uint32_t t);

/* quote.c: pair quote marks into ana->quotes; sets TF_INQ, tok.q. */
int ws__quotes_pair(struct ana *a);

/* sentence.c: split into ana->sents; never inside a quotation. */
int ws__sentences(struct ana *a);

/* entity.c: does paragraph p open with "A:" (1) or "Q:" (2)? */
uint8_t ws__qa_marker(const struct ana *a, uint32_t p);

/* entity.c: find an interview transcript and its interviewee: sets
 * ana->qa (NULL when the text is none), iv_first and iv_end. Returns
 * WS_OK or WS_ENOMEM. */
int ws__transcript(struct ana *a);

static inline uint64_t tok_wflags(const struct ana *a, uint32_t i)
{
	/* An unknown word has id 0, whose flags are 0: no test. */
	return a->lx->wflags[a->toks[i].lex];
}

static inline bool tok_is(const struct ana *a, uint32_t i, uint64_t w)
{
	return (tok_wflags(a, i) & w) != 0;
}

static inline bool tok_punct(const struct ana *a, uint32_t i, char c)
{
	return a->toks[i].kind == TK_PUNCT && a->toks[i].ch == (uint8_t)c;
}

static inline bool tok_word(const struct ana *a, uint32_t i)
{
	return a->toks[i].kind == TK_WORD;
}

/* Is token i the (case-folded) word w? Stops at the first difference,
 * without measuring w: the rules call it often. Tokens hold no NUL.
 * When w is a literal the compiler knows its length, and a token of
 * another length is refused before its bytes are read. */
static inline bool ws__tok_eq(const struct ana *a, uint32_t i, const char *w)
{
	const struct tok *t = &a->toks[i];
	const unsigned char *s = (const unsigned char *)a->text + t->start;
	uint32_t n = t->end - t->start, k;

#if defined(__GNUC__)
	if (__builtin_constant_p(__builtin_strlen(w)) &&
	    n != __builtin_strlen(w))
		return false;
#endif
	for (k = 0; k < n; k++) {
		unsigned char c = s[k];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (c != (unsigned char)w[k])
			return false;
	}
	return w[n] == '\0';
}

/* Is token i one of the n (case-folded) words? */
static inline bool ws__tok_in(const struct ana *a, uint32_t i,
                              const char *const *words, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (ws__tok_eq(a, i, words[k]))
			return true;
	return false;
}

/* Does a dateline's place open at token i on an abbreviation in
 * capitals and its period ("ST. PAUL, Minn. --"), not on a title
 * ("DR. SMITH,")? */
static inline bool dateline_abbrev(const struct ana *a, uint32_t i)
{
	return i + 1 < a->ntoks && (a->toks[i].flags & TF_PARA) &&
	       (a->toks[i].flags & TF_ALLCAP) && tok_punct(a, i + 1, '.') &&
	       tok_is(a, i, W_ABBR) && !tok_is(a, i, W_TITLE | W_HONOR);
}

/* ---- mention.c: noun phrases -------------------------------------- */

enum mention_type {
	M_NAME,    /* has a proper name: "Kremlin spokesman Dmitry Peskov" */
	M_PRONOUN, /* he, she, they, it */
	M_NOMINAL, /* a common noun phrase: "the senator", "officials" */
	M_REL,     /* who, which: refers to the phrase before it */
};

struct mention {
	uint32_t first, end; /* the noun phrase, tokens [first, end) */
	uint32_t name_first, name_end; /* proper name inside, or NOTOK */
	uint32_t head;                 /* the head token */
	uint8_t type;                  /* enum mention_type */
	uint8_t kind;                  /* enum ws_kind, a first guess */
	bool plural;
	bool definite;                 /* "the ..." or a possessive */
	int32_t entity;                /* set by entity.c */
	uint32_t ante_first, ante_end; /* M_REL: its antecedent phrase */
};

/* "Some say", ", many said", "but most agree", "another says": a
 * quantifier that stands alone as a subject at the start of a clause
 * ("some", "many", "most", "few", "several", "both", "another", "one",
 * "each"). */
bool ws__quant_subject(const struct ana *a, uint32_t i);

/* After "and" in a name, from first within [first, end): a run of at
 * most three capitalised words in one sentence that ends in a body's
 * head word, "Exchange Commission" in "Securities and Exchange
 * Commission"; not "Republicans in Congress", "House Speaker Paul Ryan",
 * "Reuters' Luciana Lopez". */
bool ws__org_run_after(const struct ana *a, uint32_t first, uint32_t end);

/* The noun phrase that ends just before token `end` (a subject), within
 * [lo, end). Returns false when there is none. */
bool ws__np_left(const struct ana *a, uint32_t lo, uint32_t end,
                 struct mention *m);

/* A person phrase with a postmodifier that ends just before `end`: "a
 * person familiar with the planning for the meeting", "people with
 * direct knowledge of the talks". Returns false when there is none. */
bool ws__np_left_postmod(const struct ana *a, uint32_t lo, uint32_t end,
                         struct mention *m);

/* The noun phrase that starts at `i`, within [i, hi). */
bool ws__np_right(const struct ana *a, uint32_t i, uint32_t hi,
                  struct mention *m, bool greedy);

/* Fill name span, type, kind and number of a phrase [first, end). */
void ws__np_classify(const struct ana *a, struct mention *m);

/* Skip adjuncts after a cue ("on Tuesday", "in a statement to CNN"). */
uint32_t ws__skip_adjuncts(const struct ana *a, uint32_t i, uint32_t hi);
/* "at least", "about" before a number: a hedge, not a phrase. */
bool ws__approximator(const struct ana *a, uint32_t i, uint32_t hi);

/* Does [first, end) read as a clause (a subject and a finite verb)? */
bool ws__is_clause(const struct ana *a, uint32_t first, uint32_t end);

/* Is token i a finite verb by its form or class? */
bool ws__verb_like(const struct ana *a, uint32_t i);

/* Does word i hold a verb after an apostrophe ("he's", "there'll")? */
bool ws__verb_contraction(const struct ana *a, uint32_t i);

/* ---- attrib.c: candidate attributions ------------------------------ */

#define LEMMA_ACCORDING UINT32_MAX /* "according to": no lexicon entry */
#define LEMMA_LABEL   \
	(UINT32_MAX - \
	 1) /* a cue as written, no lemma: a label verb, a speech-tag verb, "In" */

struct attr {
	uint32_t cue_first, cue_end; /* cue tokens, NOTOK when none */
	uint32_t lemma;              /* lexicon lemma or LEMMA_ACCORDING */
	struct mention sp;           /* speaker mention */
	bool has_sp;
	struct ws_span *segs; /* content pieces, bytes */
	uint32_t nsegs, capsegs;
	uint32_t cfirst, cend; /* content tokens, first..last piece */
	uint8_t type;          /* enum ws_quote_type */
	uint8_t how;           /* enum ws_attribution */
	const char *rule;
	float conf;
	uint32_t sent;
	uint32_t lastq; /* last quotation joined, +1 */
	bool unclosed;
	bool dead;    /* merged into another or dropped */
	uint32_t seq; /* creation order, for a stable sort */
	/* The output's byte spans and paragraph, taken while the tokens
	 * are in cache (see fix_output in attrib.c); valid when `fixed`. */
	bool fixed;
	uint32_t cue0, cue1, sp0, sp1, para;
};

struct nonq {
	enum ws_non_quote_kind kind;
	struct mention sp;
	bool has_sp;
	uint32_t first, end; /* the sentence's tokens */
};

/* entity.c: resolve every speaker mention to an entity and fill the
 * document's entity list. Attributions and non-quotes are in text
 * order. */
int ws__entities(struct ana *a, struct attr *at, uint32_t nat, struct nonq *nq,
                 uint32_t nnq);

#endif /* WS_DOC_H */
