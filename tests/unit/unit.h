/*
 * unit.h - what the unit tests share: running the first pipeline stages
 * on a text, printing tokens and spans for comparison, and a counting
 * ws_allocator that can fail on demand.
 *
 * Tests include lib's internal headers (doc.h) like tests/tools/wsdump.c:
 * they pin the behaviour of one module at a time.
 */
#ifndef WS_UNIT_H
#define WS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "doc.h"

/* How far fx_run() takes the pipeline. */
enum fx_stage {
	FX_TOKENS,    /* ws__tokenize */
	FX_QUOTES,    /* and ws__quotes_pair */
	FX_SENTENCES, /* and ws__sentences */
};

/* One text through the first stages, in an arena of its own. */
struct fx {
	struct ws_arena arena;
	struct ana a;
};

/* Run `text` (NUL-terminated, borrowed) up to `stage` with `eng`'s
 * lexicon; fails the test on an error. Release with fx_release(). */
void fx_run(struct fx *f, const struct ws_engine *eng, const char *text,
            enum fx_stage stage);
void fx_release(struct fx *f);

/* Tokens [first, end) joined by single spaces. The result lives in a
 * static buffer until the next call of fx_toks or fx_text. */
const char *fx_toks(const struct fx *f, uint32_t first, uint32_t end);

/* Bytes [start, stop) of the text, in the same static buffer. */
const char *fx_text(const struct fx *f, uint32_t start, uint32_t stop);

/* The index of the first token whose text is `s`, or NOTOK. */
uint32_t fx_find(const struct fx *f, const char *s);

/*
 * A ws_allocator that counts: live blocks, calls and bytes (current and
 * peak). With fail_at = N > 0 the Nth call to malloc returns NULL; with
 * fail_after also set, every call from the Nth on does.
 */
struct counting {
	size_t calls;    /* malloc calls so far */
	size_t live;     /* blocks not yet freed */
	size_t bytes;    /* bytes in live blocks */
	size_t peak;     /* most bytes live at once */
	size_t fail_at;  /* 0: never fail */
	bool fail_after; /* fail every call from fail_at on */
	size_t failed;   /* calls that returned NULL */
};

/* An allocator whose ud is `c`; `c` must outlive every user. */
struct ws_allocator counting_allocator(struct counting *c);

#endif /* WS_UNIT_H */
