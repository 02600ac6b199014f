/*
 * internal.h - what the engine's modules share; not part of the API.
 *
 * Internal non-static symbols carry the ws__ prefix. Every module works
 * on byte offsets into the document text and allocates from the
 * document's arena (one per ws_annotate() call, released at once).
 */
#ifndef WS_INTERNAL_H
#define WS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "whosaid.h"

#define WS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A hint to load the cache line at p, for reads that walk far apart. */
#if defined(__GNUC__) || defined(__clang__)
#define WS_PREFETCH(p) __builtin_prefetch(p)
#else
#define WS_PREFETCH(p) ((void)(p))
#endif

/* ---- arena.c ---------------------------------------------------------- */

/*
 * A bump allocator made of chained blocks. Allocation failure is sticky:
 * after the first failure every call returns NULL and `failed` stays set,
 * so a module may allocate many times and check once.
 */
struct ws_arena {
	struct ws_arena_block *head;
	const struct ws_allocator *alloc;
	size_t block_size; /* size of the next block to get */
	size_t total;      /* bytes obtained from the allocator */
	bool failed;
};

void ws__arena_init(struct ws_arena *a, const struct ws_allocator *alloc);
void ws__arena_release(struct ws_arena *a);
/* size bytes aligned for any object; NULL on failure (sticky). */
void *ws__arena_alloc(struct ws_arena *a, size_t size);
/* n objects of size bytes, zeroed; NULL on overflow or failure. */
void *ws__arena_calloc(struct ws_arena *a, size_t n, size_t size);
/* a NUL-terminated copy of len bytes. */
char *ws__arena_strndup(struct ws_arena *a, const char *s, size_t len);

/*
 * The indexes 0..n-1 ordered by key[], equal keys in index order (a
 * stable radix sort: linear, where qsort would cost n log n and is not
 * stable). The array is in the arena; NULL on failure.
 */
uint32_t *ws__order(struct ws_arena *a, const uint32_t *key, uint32_t n);

/* Raw allocation through a ws_allocator (or libc when it is NULL). */
void *ws__malloc(const struct ws_allocator *alloc, size_t size);
void ws__free(const struct ws_allocator *alloc, void *ptr);

/*
 * A growable array in the arena, for building result lists. `cap` grows
 * by doubling; old storage is left in the arena (freed with it).
 */
struct ws_vec {
	void *items;
	uint32_t n, cap;
	uint32_t size; /* bytes per item */
};

void ws__vec_init(struct ws_vec *v, uint32_t item_size);
/* A pointer to a new zeroed item at the end, or NULL (arena failed).
 * The slots past n are kept zero: code that lowers n must zero them. */
void *ws__vec_push(struct ws_vec *v, struct ws_arena *a);

/* ---- text.c ----------------------------------------------------------- */

/*
 * Validate UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
 * Returns true when valid; else false with *bad the first bad byte.
 */
bool ws__utf8_valid(const char *s, size_t len, size_t *bad);

/*
 * Copy s into the arena replacing each maximal invalid subpart with
 * U+FFFD (the Unicode "substitution of maximal subparts" practice).
 * Returns NULL on allocation failure; *outlen receives the new length.
 */
char *ws__utf8_repair(struct ws_arena *a, const char *s, size_t len,
                      size_t *outlen);

/* Decode one code point at s[i] (valid UTF-8 assumed); sets *n bytes. */
uint32_t ws__utf8_decode(const char *s, size_t len, size_t i, unsigned *n);

/* Decode the code point that ends just before s[i]; sets *n bytes. */
uint32_t ws__utf8_decode_back(const char *s, size_t i, unsigned *n);

/*
 * Offset index: code point and UTF-16 counts at every 64th byte, so a
 * byte offset converts with one lookup and a short scan.
 */
struct ws_offsets {
	const char *text;
	size_t len;
	uint32_t *cp;   /* code points before byte k*64 */
	uint32_t *u16;  /* UTF-16 units before byte k*64 */
	uint8_t *ascii; /* block k is all ASCII: offsets count bytes */
};

int ws__offsets_build(struct ws_offsets *o, struct ws_arena *a,
                      const char *text, size_t len);
uint32_t ws__offsets_get(const struct ws_offsets *o, uint32_t byte,
                         enum ws_unit unit);

/* ---- engine.c -------------------------------------------------------- */

struct ws_lexicon; /* lexicon.h: words and cue forms */

struct ws_engine {
	struct ws_allocator alloc;
	bool has_alloc;
	struct ws_lexicon *lex;
};

struct ws_doc {
	struct ws_arena arena;
	const struct ws_engine *eng;
	const char *text;
	size_t len;
	bool repaired;
	struct ws_offsets off;
	uint32_t nparagraphs;
	struct ws_quote *quotes;
	size_t nquotes;
	struct ws_entity *entities;
	size_t nentities;
	struct ws_speaker *speakers;
	size_t nspeakers;
	struct ws_non_quote *non_quotes;
	size_t nnon_quotes;
};

/* attrib.c: run the whole pipeline over doc->text; fills the results. */
int ws__analyze(struct ws_doc *doc);

#endif /* WS_INTERNAL_H */
