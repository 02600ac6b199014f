/*
 * buf.h - a growable byte buffer with a hard cap and a sticky error
 * (SQLite StrAccum, curl dynbuf).
 *
 * Invariants
 * - len <= cap <= max; data is NULL until the first append.
 * - Appending never fails loudly: past `max` bytes, or when an allocation
 *   fails, `err` becomes -E2BIG or -ENOMEM, the append is dropped, and so
 *   is every later one. The caller checks `err` once at the end.
 * - The bytes are not NUL-terminated unless the caller appends a NUL.
 * - A struct buf is a plain value owned by its caller: buf_init() it,
 *   buf_release() it (or buf_steal() its bytes).
 */
#ifndef WS_BUF_H
#define WS_BUF_H

#include <stddef.h>
#include <string.h>

struct buf {
	char *data;
	size_t len, cap, max;
	int err; /* 0, -E2BIG (past max) or -ENOMEM; sticky */
};

/* An empty buffer that will hold at most `max` bytes. Allocates nothing. */
void buf_init(struct buf *b, size_t max);

/* The general case of buf_append(): growing, the cap, errors. */
void buf_append_slow(struct buf *b, const void *p, size_t n);

/*
 * Append n bytes of p (borrowed). Inline when they fit, so that an
 * append of a constant length compiles to a few moves.
 */
static inline void buf_append(struct buf *b, const void *p, size_t n)
{
	if (n && n <= b->cap - b->len && !b->err) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		return;
	}
	buf_append_slow(b, p, n);
}

/* Append a NUL-terminated string. */
void buf_puts(struct buf *b, const char *s);

/* Append one byte; the common case inline, the rest in buf_append(). */
static inline void buf_putc(struct buf *b, char c)
{
	if (b->len < b->cap && !b->err)
		b->data[b->len++] = c;
	else
		buf_append(b, &c, 1);
}

/*
 * buf_reserve - make room for `more` bytes after len without changing
 * len. Returns 0, or the sticky error (set now or before).
 */
int buf_reserve(struct buf *b, size_t more);

/* Forget the contents, keep the memory and clear the error. */
void buf_reset(struct buf *b);

/* Free the memory and empty the buffer (max is kept); accepts NULL. */
void buf_release(struct buf *b);

/*
 * buf_steal - hand the bytes over: returns data (the caller frees it,
 * may be NULL when empty), its length in *len, and leaves b empty.
 */
char *buf_steal(struct buf *b, size_t *len);

#endif /* WS_BUF_H */
