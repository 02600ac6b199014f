/*
 * test_arena.c - arena.c: alignment, growth, oversize blocks, the sticky
 * failure, overflow checks, strndup and the growable vector.
 */
#include "unit.h"

#include <string.h>

static void test_alloc(void **state)
{
	struct counting c = {0};
	struct ws_allocator al = counting_allocator(&c);
	struct ws_arena a;
	char *p, *q;
	size_t i;

	(void)state;
	ws__arena_init(&a, &al);
	assert_int_equal(c.calls, 0); /* lazy: nothing until asked */
	for (i = 1; i < 200; i++) {
		p = ws__arena_alloc(&a, i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, 0xAB, i); /* ASan would see an overrun */
	}
	assert_false(a.failed);
	assert_true(c.live >= 1);
	/* A request larger than any block gets one of its own. */
	q = ws__arena_alloc(&a, (size_t)3 << 20);
	assert_non_null(q);
	memset(q, 0, (size_t)3 << 20);
	assert_true(a.total >= ((size_t)3 << 20));
	ws__arena_release(&a);
	assert_int_equal(c.live, 0);
	assert_int_equal(c.bytes, 0);
	assert_int_equal(a.total, 0);
	/* Released arenas are reusable. */
	assert_non_null(ws__arena_alloc(&a, 16));
	ws__arena_release(&a);
	assert_int_equal(c.live, 0);
}

/* Blocks grow by doubling, so many small allocations take few calls. */
static void test_growth(void **state)
{
	struct counting c = {0};
	struct ws_allocator al = counting_allocator(&c);
	struct ws_arena a;
	size_t i;

	(void)state;
	ws__arena_init(&a, &al);
	for (i = 0; i < 100000; i++)
		assert_non_null(ws__arena_alloc(&a, 64));
	/* 6.4 MB in blocks of 16 KiB doubling to 1 MiB: about a dozen. */
	assert_true(c.calls < 20);
	ws__arena_release(&a);
	assert_int_equal(c.live, 0);
}

static void test_sticky_failure(void **state)
{
	struct counting c = {.fail_at = 2};
	struct ws_allocator al = counting_allocator(&c);
	struct ws_arena a;

	(void)state;
	ws__arena_init(&a, &al);
	assert_non_null(ws__arena_alloc(&a, 100));
	/* The second block fails... */
	assert_null(ws__arena_alloc(&a, (size_t)1 << 20));
	assert_true(a.failed);
	/* ...and so does everything after, even what would fit. */
	assert_null(ws__arena_alloc(&a, 8));
	assert_null(ws__arena_calloc(&a, 1, 8));
	assert_null(ws__arena_strndup(&a, "x", 1));
	assert_int_equal(c.calls, 2);
	ws__arena_release(&a);
	assert_int_equal(c.live, 0);
}

static void test_overflow(void **state)
{
	struct ws_arena a;

	(void)state;
	ws__arena_init(&a, NULL);
	assert_null(ws__arena_calloc(&a, SIZE_MAX / 2, 4));
	assert_true(a.failed);
	ws__arena_release(&a);

	ws__arena_init(&a, NULL);
	assert_null(ws__arena_alloc(&a, SIZE_MAX - 8));
	assert_true(a.failed);
	ws__arena_release(&a);

	ws__arena_init(&a, NULL);
	assert_null(ws__arena_strndup(&a, "x", SIZE_MAX));
	assert_true(a.failed);
	ws__arena_release(&a);
}

static void test_calloc_strndup(void **state)
{
	struct ws_arena a;
	unsigned char *z;
	char *s;
	size_t i;

	(void)state;
	ws__arena_init(&a, NULL);
	/* Dirty the block first so calloc has something to clear. */
	memset(ws__arena_alloc(&a, 4096), 0xFF, 4096);
	ws__arena_release(&a);
	z = ws__arena_calloc(&a, 100, 10);
	assert_non_null(z);
	for (i = 0; i < 1000; i++)
		assert_int_equal(z[i], 0);
	assert_non_null(ws__arena_calloc(&a, 0, 10)); /* zero is fine */
	s = ws__arena_strndup(&a, "Jane Doe said", 8);
	assert_string_equal(s, "Jane Doe");
	s = ws__arena_strndup(&a, "", 0);
	assert_string_equal(s, "");
	ws__arena_release(&a);
}

static void test_vec(void **state)
{
	struct ws_arena a;
	struct ws_vec v;
	uint32_t i;

	(void)state;
	ws__arena_init(&a, NULL);
	ws__vec_init(&v, sizeof(uint32_t));
	assert_int_equal(v.n, 0);
	assert_null(v.items);
	for (i = 0; i < 5000; i++) {
		uint32_t *slot = ws__vec_push(&v, &a);

		assert_non_null(slot);
		assert_int_equal(*slot, 0); /* zeroed */
		*slot = i * 3;
	}
	assert_int_equal(v.n, 5000);
	assert_true(v.cap >= v.n);
	for (i = 0; i < 5000; i++)
		assert_int_equal(((uint32_t *)v.items)[i], i * 3);
	ws__arena_release(&a);
}

static void test_vec_failure(void **state)
{
	struct counting c = {.fail_at = 1};
	struct ws_allocator al = counting_allocator(&c);
	struct ws_arena a;
	struct ws_vec v;

	(void)state;
	ws__arena_init(&a, &al);
	ws__vec_init(&v, 8);
	assert_null(ws__vec_push(&v, &a));
	assert_true(a.failed);
	assert_int_equal(v.n, 0);
	ws__arena_release(&a);
	assert_int_equal(c.live, 0);
}

/* ws__malloc and ws__free go through the allocator, or libc. */
static void test_raw(void **state)
{
	struct counting c = {0};
	struct ws_allocator al = counting_allocator(&c);
	void *p;

	(void)state;
	p = ws__malloc(&al, 10);
	assert_non_null(p);
	assert_int_equal(c.live, 1);
	ws__free(&al, p);
	assert_int_equal(c.live, 0);
	ws__free(&al, NULL);
	p = ws__malloc(NULL, 10);
	assert_non_null(p);
	ws__free(NULL, p);
}

/* ws__order: keys ordered, equal keys in index order, every byte of a
 * key counts; compared with a plain insertion sort. */
static void test_order(void **state)
{
	static const uint32_t fixed[] = {
		5, 3, 5, 0, 0x01000000, 3, 0xFFFFFFFF, 0x00010000, 5, 0};
	struct ws_arena a;
	uint32_t key[3000], want[3000], *ord, i, j, n, seed = 12345;

	(void)state;
	ws__arena_init(&a, NULL);
	for (n = 0; n < 3000; n = n ? n * 3 : 1) {
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			key[i] =
				i < WS_ARRAY_LEN(fixed)
					? fixed[i]
					: (seed >> 8) % (n < 50 ? 7u : 100000u);
		}
		for (i = 0; i < n; i++) {
			for (j = i; j > 0 && key[want[j - 1]] > key[i]; j--)
				want[j] = want[j - 1];
			want[j] = i;
		}
		ord = ws__order(&a, key, n);
		assert_non_null(ord);
		for (i = 0; i < n; i++)
			assert_int_equal(ord[i], want[i]);
	}
	/* Keys already in order, with ties, come back as they are. */
	for (i = 0; i < 1000; i++)
		key[i] = i / 3;
	ord = ws__order(&a, key, 1000);
	assert_non_null(ord);
	for (i = 0; i < 1000; i++)
		assert_int_equal(ord[i], i);
	ws__arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_sticky_failure),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_calloc_strndup),
		cmocka_unit_test(test_vec),
		cmocka_unit_test(test_vec_failure),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
