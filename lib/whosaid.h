/*
 * whosaid.h - the attribution engine: who said what in a news story.
 *
 * Text in, spans out. The engine finds direct, mixed (partial) and
 * indirect (reported) quotes, the cue that introduces each one and the
 * speaker it is attributed to, resolved to one entity per person or body
 * across the story.
 *
 * Invariants
 * - Every span is a half-open byte range [start, end) into the document
 *   text returned by ws_doc_text(). That is the caller's text, borrowed,
 *   unless WS_REPAIR_UTF8 replaced invalid bytes, in which case it is a
 *   repaired copy owned by the document. Convert spans to code points or
 *   UTF-16 units with ws_doc_offset().
 * - A ws_doc owns everything it returns (arrays, names, strings) in one
 *   arena; all of it stays valid until ws_doc_free(), and the caller's
 *   text must outlive the document as well.
 * - A ws_engine is immutable once built: any number of threads may call
 *   ws_annotate() on one engine at once.
 * - Functions that act return 0 or a negative WS_E* code; nothing in the
 *   library aborts on bad input or on allocation failure.
 * - The library does no I/O: lexicon files are handed in as bytes.
 */
#ifndef WHOSAID_H
#define WHOSAID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WS_VERSION "0.1.0"

/* Error codes: every acting function returns 0 or one of these. */
enum {
	WS_OK = 0,
	WS_ENOMEM = -1,  /* an allocation failed */
	WS_EINVAL = -2,  /* an argument is out of its domain */
	WS_EUTF8 = -3,   /* the text is not valid UTF-8 (see ws_error.offset) */
	WS_ETOOBIG = -4, /* the text is longer than WS_MAX_TEXT */
	WS_ELEXICON = -5, /* a lexicon file has a bad line (see ws_error) */
};

/* Texts longer than this are refused: every offset fits in 32 bits. */
#define WS_MAX_TEXT ((size_t)1 << 30)

/* Details of a failure, filled when the caller passes one in. */
struct ws_error {
	int code;          /* the WS_E* code also returned */
	size_t offset;     /* WS_EUTF8: byte offset of the first bad byte */
	unsigned line;     /* WS_ELEXICON: 1-based line of the bad entry */
	char message[160]; /* a sentence for humans, NUL-terminated */
};

/* A statically allocated English sentence for a WS_E* code. */
const char *ws_strerror(int code);

/* A half-open byte range [start, end) into the document text. */
struct ws_span {
	uint32_t start, end;
};

enum ws_quote_type {
	WS_QUOTE_DIRECT,   /* wholly inside quote marks */
	WS_QUOTE_MIXED,    /* reported speech carrying a quoted fragment */
	WS_QUOTE_INDIRECT, /* reported speech, no quote marks */
};

enum ws_kind {
	WS_KIND_PERSON,
	WS_KIND_ORGANIZATION,
	WS_KIND_GROUP,
	WS_KIND_ANONYMOUS,
};

/* How the speaker was found. */
enum ws_attribution {
	WS_ATTR_EXPLICIT,     /* the speaker is the cue's subject */
	WS_ATTR_ACCORDING_TO, /* "according to S" */
	WS_ATTR_INHERITED,    /* a bare quote paragraph continues a speaker */
	WS_ATTR_COREFERENCE, /* the mention at the cue is a pronoun or nominal */
};

/* The attitude a cue verb conveys about what it reports. */
enum ws_stance {
	WS_STANCE_NEUTRAL,
	WS_STANCE_ASSERTIVE,
	WS_STANCE_CONCESSIVE,
	WS_STANCE_CRITICAL,
	WS_STANCE_DIRECTIVE,
	WS_STANCE_EPISTEMIC,
};

enum ws_non_quote_kind {
	WS_NQ_DECLINED_COMMENT, /* "declined to comment" */
	WS_NQ_NO_RESPONSE,      /* "did not (immediately) respond / comment" */
};

/* Offset units for ws_doc_offset(). */
enum ws_unit {
	WS_UNIT_CODEPOINT,
	WS_UNIT_UTF16,
	WS_UNIT_UTF8,
};

struct ws_quote {
	enum ws_quote_type type;
	struct ws_span content; /* first segment's start to last's end */
	const struct ws_span *segments; /* nsegments >= 1 pieces of content */
	uint32_t nsegments;
	bool has_cue;
	struct ws_span cue;    /* valid when has_cue */
	const char *cue_lemma; /* NUL-terminated, NULL without cue */
	enum ws_stance stance;
	int32_t entity;         /* index into entities, -1: no speaker */
	struct ws_span mention; /* the mention at the cue (entity >= 0) */
	enum ws_attribution attribution;
	const char *rule;   /* NUL-terminated name of the frame */
	float confidence;   /* 0..1 */
	uint32_t paragraph; /* 0-based paragraph of content.start */
	bool unclosed;      /* a quote mark was never closed */
};

struct ws_entity {
	const char *name; /* canonical name, NUL-terminated */
	enum ws_kind kind;
	const char *const *titles; /* ntitles NUL-terminated strings */
	uint32_t ntitles;
	bool anonymous;
	const char *anonymity_reason;   /* NUL-terminated or NULL */
	const struct ws_span *mentions; /* in text order */
	uint32_t nmentions;
};

/* Per-entity summary of what it said; one per entity that has quotes. */
struct ws_speaker {
	int32_t entity;
	const uint32_t *quotes; /* indexes into the quote array */
	uint32_t nquotes;
	uint32_t direct, mixed, indirect;
	uint32_t words; /* words inside its quotes' content */
};

struct ws_non_quote {
	enum ws_non_quote_kind kind;
	int32_t entity;      /* -1 when no entity was found */
	struct ws_span span; /* the whole statement */
};

/* Memory functions for the engine and its documents; NULL means libc. */
struct ws_allocator {
	void *(*malloc)(size_t size, void *ud);
	void (*free)(void *ptr, void *ud);
	void *ud;
};

struct ws_engine;
struct ws_doc;

/*
 * ws_engine_create - build an engine with the built-in lexicons.
 * `alloc` may be NULL (libc); it is copied. On success *out owns a new
 * engine to release with ws_engine_free(). Returns WS_ENOMEM.
 */
int ws_engine_create(struct ws_engine **out, const struct ws_allocator *alloc);

/*
 * ws_engine_load_cues - add cue entries from a lexicon file's bytes.
 * Format: one entry a line, `lemma<TAB>stance<TAB>form|form|...`, where a
 * form may be several words ("told reporters") and stance is one of the
 * ws_stance_name() strings; '#' starts a comment line.
 * The bytes are copied. Must be called before the engine is shared
 * between threads. Returns WS_ELEXICON (with err->line) on a bad line,
 * WS_ENOMEM; on error the engine is unchanged.
 */
int ws_engine_load_cues(struct ws_engine *eng, const char *data, size_t len,
                        struct ws_error *err);

/* The number of cue forms the engine knows (built-in plus loaded). */
size_t ws_engine_cue_count(const struct ws_engine *eng);

/* Release an engine; accepts NULL. No document may be in use with it. */
void ws_engine_free(struct ws_engine *eng);

/* The version of the rule set, e.g. "2026.12.1". Static string. */
const char *ws_rules_version(void);

enum {
	WS_REPAIR_UTF8 = 1u << 0, /* replace invalid bytes with U+FFFD */
};

/*
 * ws_annotate - find every attribution in `text` (len bytes, UTF-8, need
 * not be NUL-terminated). The text is borrowed: it must outlive *out.
 * `flags` is a mask of WS_REPAIR_UTF8. `err` may be NULL.
 * Returns WS_EUTF8 (err->offset is the first bad byte) unless repairing,
 * WS_ETOOBIG, WS_ENOMEM. On success *out owns a new document.
 */
int ws_annotate(const struct ws_engine *eng, const char *text, size_t len,
                unsigned flags, struct ws_doc **out, struct ws_error *err);

/* Release a document and everything it returned; accepts NULL. */
void ws_doc_free(struct ws_doc *doc);

/* The text every span refers to, and its length in bytes. */
const char *ws_doc_text(const struct ws_doc *doc, size_t *len);

/* True when WS_REPAIR_UTF8 replaced at least one invalid sequence. */
bool ws_doc_repaired(const struct ws_doc *doc);

/* Result arrays, in text order; *n receives the count. Borrowed. */
const struct ws_quote *ws_doc_quotes(const struct ws_doc *doc, size_t *n);
const struct ws_entity *ws_doc_entities(const struct ws_doc *doc, size_t *n);
const struct ws_speaker *ws_doc_speakers(const struct ws_doc *doc, size_t *n);
const struct ws_non_quote *ws_doc_non_quotes(const struct ws_doc *doc,
                                             size_t *n);

/* The number of paragraphs in the document. */
size_t ws_doc_paragraphs(const struct ws_doc *doc);

/*
 * ws_doc_offset - convert a byte offset (at a code point boundary, at
 * most the text length) into `unit`. O(1) amortised per call plus a scan
 * of at most 64 bytes.
 */
uint32_t ws_doc_offset(const struct ws_doc *doc, uint32_t byte,
                       enum ws_unit unit);

/* Names for the enums, as the JSON output spells them. Static strings. */
const char *ws_quote_type_name(enum ws_quote_type t);
const char *ws_kind_name(enum ws_kind k);
const char *ws_attribution_name(enum ws_attribution a);
const char *ws_stance_name(enum ws_stance s);
const char *ws_non_quote_kind_name(enum ws_non_quote_kind k);

#ifdef __cplusplus
}
#endif

#endif /* WHOSAID_H */
