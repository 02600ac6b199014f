/*
 * unit.c - see unit.h.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static char buf[8192];

void fx_run(struct fx *f, const struct ws_engine *eng, const char *text,
            enum fx_stage stage)
{
	int rc;

	memset(f, 0, sizeof(*f));
	ws__arena_init(&f->arena, NULL);
	f->a.lx = eng->lex;
	f->a.arena = &f->arena;
	f->a.text = text;
	f->a.len = (uint32_t)strlen(text);
	rc = ws__tokenize(&f->a);
	if (rc == WS_OK && stage >= FX_QUOTES)
		rc = ws__quotes_pair(&f->a);
	if (rc == WS_OK && stage >= FX_SENTENCES)
		rc = ws__sentences(&f->a);
	assert_int_equal(rc, WS_OK);
	assert_false(f->arena.failed);
}

void fx_release(struct fx *f)
{
	ws__arena_release(&f->arena);
}

const char *fx_toks(const struct fx *f, uint32_t first, uint32_t end)
{
	size_t n = 0;
	uint32_t k;

	buf[0] = '\0';
	for (k = first; k < end && k < f->a.ntoks; k++) {
		const struct tok *t = &f->a.toks[k];
		size_t len = t->end - t->start;

		assert_true(n + len + 2 < sizeof(buf));
		if (k > first)
			buf[n++] = ' ';
		memcpy(buf + n, f->a.text + t->start, len);
		n += len;
		buf[n] = '\0';
	}
	return buf;
}

const char *fx_text(const struct fx *f, uint32_t start, uint32_t stop)
{
	assert_true(start <= stop && stop <= f->a.len);
	assert_true(stop - start < sizeof(buf));
	memcpy(buf, f->a.text + start, stop - start);
	buf[stop - start] = '\0';
	return buf;
}

uint32_t fx_find(const struct fx *f, const char *s)
{
	size_t len = strlen(s);
	uint32_t k;

	for (k = 0; k < f->a.ntoks; k++) {
		const struct tok *t = &f->a.toks[k];

		if (t->end - t->start == len &&
		    !memcmp(f->a.text + t->start, s, len))
			return k;
	}
	return NOTOK;
}

/* Each block carries its size in a header, so free can count bytes. */
union header {
	size_t size;
	max_align_t align;
};

static void *counting_malloc(size_t size, void *ud)
{
	struct counting *c = ud;
	union header *h;

	c->calls++;
	if (c->fail_at && (c->calls == c->fail_at ||
	                   (c->fail_after && c->calls > c->fail_at))) {
		c->failed++;
		return NULL;
	}
	if (size > SIZE_MAX - sizeof(*h))
		return NULL;
	h = malloc(sizeof(*h) + size);
	if (!h)
		return NULL;
	h->size = size;
	c->live++;
	c->bytes += size;
	if (c->bytes > c->peak)
		c->peak = c->bytes;
	return h + 1;
}

static void counting_free(void *ptr, void *ud)
{
	struct counting *c = ud;
	union header *h;

	if (!ptr)
		return;
	h = (union header *)ptr - 1;
	assert_true(c->live > 0);
	assert_true(c->bytes >= h->size);
	c->live--;
	c->bytes -= h->size;
	free(h);
}

struct ws_allocator counting_allocator(struct counting *c)
{
	struct ws_allocator a = {counting_malloc, counting_free, c};

	return a;
}
