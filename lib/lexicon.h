/*
 * lexicon.h - the word table: every word the rules know, with its
 * classes, plus the cue forms that start with it.
 *
 * Words are looked up by their lower-cased bytes, with U+2019 (right
 * single quotation mark) folded to an ASCII apostrophe so "didn’t" and
 * "didn't" are one entry. The table is built once when the engine is
 * created and never changes while documents are annotated.
 */
#ifndef WS_LEXICON_H
#define WS_LEXICON_H

#include "internal.h"

/* Word classes (a word may have several). */
#define W_DET       (UINT64_C(1) << 0)  /* the, a, this, some */
#define W_PRON      (UINT64_C(1) << 1)  /* subject pronoun: he, she, they */
#define W_PRON_OBJ  (UINT64_C(1) << 2)  /* him, them, us */
#define W_POSSPRON  (UINT64_C(1) << 3)  /* his, her, their */
#define W_AUX       (UINT64_C(1) << 4)  /* has, was, will, did */
#define W_NEG       (UINT64_C(1) << 5)  /* not, never, didn't */
#define W_ADV       (UINT64_C(1) << 6)  /* adverbs that sit before a verb */
#define W_TIME      (UINT64_C(1) << 7)  /* Monday, yesterday, week */
#define W_PREP      (UINT64_C(1) << 8)  /* in, on, at, for */
#define W_SUB       (UINT64_C(1) << 9)  /* subordinators: because, if */
#define W_COORD     (UINT64_C(1) << 10) /* and, or, but */
#define W_REL       (UINT64_C(1) << 11) /* who, which, that (relative) */
#define W_TITLE     (UINT64_C(1) << 12) /* President, Sen., spokesman */
#define W_HONOR     (UINT64_C(1) << 13) /* Mr., Mrs., Dr. */
#define W_ROLE      (UINT64_C(1) << 14) /* person nouns: official, aide */
#define W_ORG       (UINT64_C(1) << 15) /* organisation heads: committee */
#define W_MALE      (UINT64_C(1) << 16)
#define W_FEMALE    (UINT64_C(1) << 17)
#define W_PLURAL    (UINT64_C(1) << 18)
#define W_ORGNAME   (UINT64_C(1) << 19) /* Kremlin, Pentagon, NATO */
#define W_PLACE     (UINT64_C(1) << 20) /* countries, capitals, states */
#define W_ABBR      (UINT64_C(1) << 21) /* takes a period: Mr, Sen, Jan */
#define W_FIRSTNAME (UINT64_C(1) << 22)
#define W_NONAME    (UINT64_C(1) << 23) /* capitalised but never a name */
#define W_WH        (UINT64_C(1) << 24) /* whether, why, how, what */
#define W_ANON      (UINT64_C(1) << 25) /* source, official, person */
#define W_MEDIUM    (UINT64_C(1) << 26) /* statement, interview, Twitter */
#define W_VERB      (UINT64_C(1) << 27) /* common non-cue verbs */
#define W_CUE       (UINT64_C(1) << 28) /* starts at least one cue form */
#define W_NOUNCUE   (UINT64_C(1) << 29) /* report, claim, statement */
#define W_INFO      (UINT64_C(1) << 30) /* a document: poll, report, study */
#define W_ADJ       (UINT64_C(1) << 31) /* former, senior, top */
#define W_THAT      (UINT64_C(1) << 32) /* the word "that" */
#define W_TO        (UINT64_C(1) << 33) /* the word "to" */
#define W_OF        (UINT64_C(1) << 34) /* the word "of" */
#define W_AND       (UINT64_C(1) << 35) /* and, & */
#define W_BUT       (UINT64_C(1) << 36) /* but, yet */
#define W_NUMWORD   (UINT64_C(1) << 37) /* one, two, several */
#define W_AUDIENCE  (UINT64_C(1) << 38) /* reporters, CNN, the audience */
#define W_BE        (UINT64_C(1) << 39) /* is, was, be, been */
#define W_SUFFIX    (UINT64_C(1) << 40) /* Jr, Sr, III */
#define W_PARTICLE  (UINT64_C(1) << 41) /* out, up (point out) */
#define W_AS        (UINT64_C(1) << 42) /* the word "as" */
#define W_GROUPNOUN (UINT64_C(1) << 43) /* Republicans, critics, voters */
#define W_PRON_IT   (UINT64_C(1) << 44) /* it, its: a neuter referent */
#define W_PRON_1ST  (UINT64_C(1) << 45) /* I, we, me, us */
#define W_ACCORDING (UINT64_C(1) << 46) /* according */
#define W_KIN       (UINT64_C(1) << 47) /* wife, son: X's wife */
#define W_ACRONYM   (UINT64_C(1) << 48) /* an organisation only in capitals */
#define W_DECLINE   (UINT64_C(1) << 49) /* declined, refused (to comment) */

/* Cue lemma flags (the fourth column of the lexicon file). */
#define CUE_OBJ      (1u << 0)  /* takes an addressee first: told X that */
#define CUE_TOINF    (1u << 1)  /* X urged Y to do: content is "Y to do" */
#define CUE_QUESTION (1u << 2)  /* asked whether / "...?" X asked */
#define CUE_NP       (1u << 3)  /* a noun phrase may be the content */
#define CUE_ACCORD   (1u << 4)  /* according to: the speaker follows */
#define CUE_WEAK     (1u << 5)  /* epistemic: needs a clause with "that" */
#define CUE_NOQUOTE  (1u << 6)  /* never introduces a direct quote */
#define CUE_MEDIUM   (1u << 7)  /* said in a statement: written channel */
#define CUE_PASSIVE  (1u << 8)  /* was quoted as saying: speaker is subject */
#define CUE_NAMING   (1u << 9)  /* called X "Y": object and complement */
#define CUE_QUOTE    (1u << 10) /* content must be a quotation: chanted */
#define CUE_RAISING  (1u << 11) /* X seems to Y: no speaker, X and Y */

struct ws_cue_lemma {
	const char *lemma; /* NUL-terminated */
	enum ws_stance stance;
	uint32_t flags; /* CUE_* */
};

#define WS_CUE_MAX_WORDS 5

/* One surface form: up to five words, matched word by word. */
struct ws_cue_form {
	uint32_t lemma; /* index into lemmas */
	uint32_t next;  /* next form with the same first word, +1 */
	uint8_t nwords;
	uint8_t ing;  /* the form's verb is an -ing participle */
	uint8_t base; /* bare infinitive / present plural: say */
	uint32_t words[WS_CUE_MAX_WORDS]; /* lexicon ids (index + 1) */
};

struct ws_lexent {
	const char *word; /* lower-case, len bytes (not terminated) */
	uint32_t len;
	uint32_t hash;
	uint64_t flags; /* W_* */
	uint32_t forms; /* first cue form starting here, +1; 0 none */
	uint64_t key;   /* the first 8 bytes of word, zero past its end */
};

/* A slot of the open-addressing table: an entry and its hash. */
struct ws_lexslot {
	uint32_t hash;
	uint32_t id; /* entry index + 1; 0: empty */
};

struct ws_lexicon {
	struct ws_lexent *ents;
	uint32_t nents, capents;
	/* Each entry's flags again, by id (wflags[0] is 0): the rules ask
	 * for a token's flags hundreds of times a document, and this
	 * array is 8 bytes an entry where ents are 40 (see tok_wflags()). */
	uint64_t *wflags;
	uint32_t capwflags;
	struct ws_lexslot *slots; /* open addressing, at most half full */
	uint32_t nslots;          /* a power of two */
	struct ws_cue_lemma *lemmas;
	uint32_t nlemmas, caplemmas;
	struct ws_cue_form *forms;
	uint32_t nforms, capforms;
	char **strings; /* copies owned by this lexicon */
	uint32_t nstrings, capstrings;
	const struct ws_allocator *alloc;
};

/* Hash of a word's bytes as the lexicon folds them. */
uint32_t ws__lex_hash(const char *s, size_t len);

/*
 * Look a word up by its bytes (folded as above); returns its id (entry
 * index + 1) or 0. `hash` is ws__lex_hash(s, len).
 */
uint32_t ws__lex_find(const struct ws_lexicon *lx, const char *s, size_t len,
                      uint32_t hash);

/* The same, folding and hashing in one pass (the tokenizer's path). */
uint32_t ws__lex_lookup(const struct ws_lexicon *lx, const char *s, size_t len);

/*
 * ws__lex_lookup() of the len bytes at text + start, where the text
 * holds textlen bytes: the same answer, but it may read the text around
 * the word, which saves a load per byte of a short word.
 */
uint32_t ws__lex_lookup_in(const struct ws_lexicon *lx, const char *text,
                           size_t textlen, size_t start, size_t len);

static inline const struct ws_lexent *ws__lex_ent(const struct ws_lexicon *lx,
                                                  uint32_t id)
{
	return id ? &lx->ents[id - 1] : NULL;
}

/* Build the built-in lexicon. Returns WS_ENOMEM; *out owns a new one. */
int ws__lex_create(struct ws_lexicon **out, const struct ws_allocator *alloc);

/* A deep copy, for atomic updates. */
int ws__lex_clone(struct ws_lexicon **out, const struct ws_lexicon *lx);

void ws__lex_free(struct ws_lexicon *lx);

/*
 * Add a word (copied when `copy`, else the static string is borrowed)
 * with flags ORed into any existing entry. Returns its id, 0 on ENOMEM.
 */
uint32_t ws__lex_add(struct ws_lexicon *lx, const char *word, size_t len,
                     uint64_t flags, bool copy);

/*
 * Add a cue lemma and its forms ("say|says|said|told reporters").
 * Returns WS_OK, WS_ENOMEM, or WS_EINVAL for a malformed form list.
 */
int ws__lex_add_cue(struct ws_lexicon *lx, const char *lemma, size_t lemmalen,
                    enum ws_stance stance, uint32_t flags, const char *forms,
                    size_t formslen, bool copy);

/* The built-in cue table (cue.c) and word tables (lexicon.c). */
int ws__cues_builtin(struct ws_lexicon *lx);
int ws__words_builtin(struct ws_lexicon *lx);

/* Parse a stance or cue-flag name list; false when unknown. */
bool ws__stance_parse(const char *s, size_t len, enum ws_stance *out);
bool ws__cue_flags_parse(const char *s, size_t len, uint32_t *out);

#endif /* WS_LEXICON_H */
