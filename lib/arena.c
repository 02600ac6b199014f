/*
 * arena.c - one arena per document: chained blocks, released at once.
 *
 * Blocks double in size from 16 KiB up to 1 MiB, so a document's arena
 * costs O(log n) allocator calls for small inputs and wastes at most one
 * block's tail. Oversize requests get a block of their own.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct ws_arena_block {
	struct ws_arena_block *next;
	size_t used, size;
	max_align_t data[];
};

#define ARENA_FIRST_BLOCK ((size_t)16 << 10)
#define ARENA_MAX_BLOCK   ((size_t)1 << 20)
#define ARENA_ALIGN       (sizeof(max_align_t))

void *ws__malloc(const struct ws_allocator *alloc, size_t size)
{
	if (alloc && alloc->malloc)
		return alloc->malloc(size, alloc->ud);
	return malloc(size);
}

void ws__free(const struct ws_allocator *alloc, void *ptr)
{
	if (!ptr)
		return;
	if (alloc && alloc->free)
		alloc->free(ptr, alloc->ud);
	else
		free(ptr);
}

void ws__arena_init(struct ws_arena *a, const struct ws_allocator *alloc)
{
	memset(a, 0, sizeof(*a));
	a->alloc = alloc;
	a->block_size = ARENA_FIRST_BLOCK;
}

void ws__arena_release(struct ws_arena *a)
{
	struct ws_arena_block *b = a->head;

	while (b) {
		struct ws_arena_block *next = b->next;
		ws__free(a->alloc, b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}

void *ws__arena_alloc(struct ws_arena *a, size_t size)
{
	struct ws_arena_block *b = a->head;
	size_t need, bsize;
	void *p;

	if (a->failed)
		return NULL;
	if (size > SIZE_MAX - ARENA_ALIGN - sizeof(*b))
		goto fail;
	need = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (b && b->size - b->used >= need) {
		p = (char *)b->data + b->used;
		b->used += need;
		return p;
	}
	bsize = a->block_size;
	if (need > bsize)
		bsize = need;
	b = ws__malloc(a->alloc, sizeof(*b) + bsize);
	if (!b)
		goto fail;
	b->size = bsize;
	b->used = need;
	b->next = a->head;
	a->head = b;
	a->total += bsize;
	if (a->block_size < ARENA_MAX_BLOCK)
		a->block_size *= 2;
	return b->data;
fail:
	a->failed = true;
	return NULL;
}

void *ws__arena_calloc(struct ws_arena *a, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		a->failed = true;
		return NULL;
	}
	p = ws__arena_alloc(a, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

char *ws__arena_strndup(struct ws_arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX) {
		a->failed = true;
		return NULL;
	}
	p = ws__arena_alloc(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

void ws__vec_init(struct ws_vec *v, uint32_t item_size)
{
	v->items = NULL;
	v->n = v->cap = 0;
	v->size = item_size;
}

void *ws__vec_push(struct ws_vec *v, struct ws_arena *a)
{
	char *slot;

	if (v->n == v->cap) {
		uint32_t ncap = v->cap ? v->cap * 2 : 16;
		void *items;

		if (v->cap > UINT32_MAX / 2) {
			a->failed = true;
			return NULL;
		}
		/* The first n slots are copied over: zero only the rest. */
		if ((size_t)ncap > SIZE_MAX / v->size) {
			a->failed = true;
			return NULL;
		}
		items = ws__arena_alloc(a, (size_t)ncap * v->size);
		if (!items)
			return NULL;
		if (v->n)
			memcpy(items, v->items, (size_t)v->n * v->size);
		memset((char *)items + (size_t)v->n * v->size, 0,
		       (size_t)(ncap - v->n) * v->size);
		v->items = items;
		v->cap = ncap;
	}
	/* Slots past n are zero: zeroed when the vector grows, and by
	 * whoever shrinks n. */
	slot = (char *)v->items + (size_t)v->n * v->size;
	v->n++;
	return slot;
}

uint32_t *ws__order(struct ws_arena *a, const uint32_t *key, uint32_t n)
{
	uint32_t *ord, *tmp, *src, *dst, shift, k, all, any = 0;
	bool sorted = true;

	ord = ws__arena_alloc(a, (size_t)(n ? n : 1) * sizeof(*ord));
	tmp = ws__arena_alloc(a, (size_t)(n ? n : 1) * sizeof(*tmp));
	if (!ord || !tmp)
		return NULL;
	all = n ? key[0] : 0;
	for (k = 0; k < n; k++) {
		ord[k] = k;
		all &= key[k];
		any |= key[k];
		sorted = sorted && (!k || key[k - 1] <= key[k]);
	}
	if (sorted)
		return ord;
	/* Least significant byte first; each pass is stable, so equal keys
	 * keep their index order. A byte that no key sets, or that every
	 * key shares, orders nothing and its pass is skipped. */
	src = ord;
	dst = tmp;
	for (shift = 0; shift < 32; shift += 8) {
		uint32_t count[256] = {0}, sum = 0, c, *t;

		if (!((any ^ all) >> shift & 0xff))
			continue;
		for (k = 0; k < n; k++)
			count[key[src[k]] >> shift & 0xff]++;
		for (c = 0; c < 256; c++) {
			uint32_t x = count[c];

			count[c] = sum;
			sum += x;
		}
		for (k = 0; k < n; k++)
			dst[count[key[src[k]] >> shift & 0xff]++] = src[k];
		t = src;
		src = dst;
		dst = t;
	}
	return src;
}
