/*
 * buf.c - capped growable buffers (see buf.h).
 *
 * Capacity starts at 256 bytes (or exactly what a first large reservation
 * asks) and doubles, never past max, so appending n bytes one at a time
 * costs O(n) copies and the buffer holds at most twice what it needs.
 */
#include "buf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

int buf_reserve(struct buf *b, size_t more)
{
	size_t need, cap;
	char *p;

	if (b->err)
		return b->err;
	if (more > b->max - b->len) {
		b->err = -E2BIG;
		return b->err;
	}
	need = b->len + more;
	if (need <= b->cap)
		return 0;
	/* The first allocation is exact when it is large (a body whose
	 * length is known); then capacity doubles. It never passes max:
	 * buf_append()'s inline path trusts cap alone. */
	cap = b->cap ? b->cap : need > 256 ? need : 256;
	if (cap > b->max)
		cap = b->max;
	while (cap < need)
		cap = cap > b->max / 2 ? b->max : cap * 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->err = -ENOMEM;
		return b->err;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void buf_append_slow(struct buf *b, const void *p, size_t n)
{
	if (!n || buf_reserve(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = 0;
}

void buf_release(struct buf *b)
{
	size_t max;

	if (!b)
		return;
	max = b->max;
	free(b->data);
	buf_init(b, max);
}

char *buf_steal(struct buf *b, size_t *len)
{
	char *p = b->data;

	*len = b->len;
	buf_init(b, b->max);
	return p;
}
