/*
 * test_addr_count.c - the per-address connection counts of addr_count.c
 * against a plain array that counts the same, over long random runs of
 * connections opening and closing, in tables small enough that addresses
 * share probe runs and every deletion moves entries back.
 *
 *   test_addr_count
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "addr_count.h"

#define NADDR 40

static struct sockaddr_storage addrs[NADDR];

/* Addresses 0..NADDR-1: IPv4 for even, IPv6 for odd. */
static void make_addrs(void)
{
	int i;

	for (i = 0; i < NADDR; i++) {
		memset(&addrs[i], 0, sizeof(addrs[i]));
		if (i % 2 == 0) {
			struct sockaddr_in *in =
				(struct sockaddr_in *)&addrs[i];

			in->sin_family = AF_INET;
			in->sin_port = htons((uint16_t)(1000 + i));
			in->sin_addr.s_addr = htonl(0x0a000000u + (uint32_t)i);
		} else {
			struct sockaddr_in6 *in6 =
				(struct sockaddr_in6 *)&addrs[i];

			in6->sin6_family = AF_INET6;
			in6->sin6_addr.s6_addr[0] = 0x20;
			in6->sin6_addr.s6_addr[15] = (uint8_t)i;
		}
	}
}

static const struct sockaddr *sa(int i)
{
	return (const struct sockaddr *)&addrs[i];
}

/* Two ports of one address are one address; other families are none. */
static void test_keys(void **state)
{
	struct addr_count *ac;
	struct sockaddr_in a = {0}, b = {0};
	struct sockaddr_un_like {
		sa_family_t family;
		char path[14];
	} un = {AF_UNIX, "x"};
	struct addr_key k1, k2, k3;

	(void)state;
	assert_int_equal(addr_count_create(8, 2, &ac), 0);
	a.sin_family = b.sin_family = AF_INET;
	a.sin_addr.s_addr = b.sin_addr.s_addr = htonl(0x7f000001);
	a.sin_port = htons(1);
	b.sin_port = htons(2);
	assert_true(addr_count_take(ac, (struct sockaddr *)&a, &k1));
	assert_true(addr_count_take(ac, (struct sockaddr *)&b, &k2));
	assert_int_equal(addr_count_of(ac, (struct sockaddr *)&a), 2);
	/* The limit is 2: a third is refused and leaves nothing to give. */
	assert_false(addr_count_take(ac, (struct sockaddr *)&a, &k3));
	assert_int_equal(k3.family, 0);
	addr_count_give(ac, &k3);
	assert_int_equal(addr_count_of(ac, (struct sockaddr *)&a), 2);
	/* Not IP, or no address: taken, never counted. */
	assert_true(addr_count_take(ac, (struct sockaddr *)&un, &k3));
	assert_int_equal(k3.family, 0);
	assert_true(addr_count_take(ac, NULL, &k3));
	addr_count_give(ac, &k1);
	addr_count_give(ac, &k2);
	assert_int_equal(addr_count_of(ac, (struct sockaddr *)&a), 0);
	addr_count_free(ac);
	addr_count_free(NULL);
}

/* Never more than max_open connections, whatever their addresses. */
static void test_max_open(void **state)
{
	struct addr_count *ac;
	struct addr_key k[5];
	int i;

	(void)state;
	make_addrs();
	assert_int_equal(addr_count_create(4, 3, &ac), 0);
	for (i = 0; i < 4; i++)
		assert_true(addr_count_take(ac, sa(i), &k[i]));
	assert_false(addr_count_take(ac, sa(4), &k[4]));
	addr_count_give(ac, &k[0]);
	assert_true(addr_count_take(ac, sa(4), &k[4]));
	for (i = 1; i < 5; i++)
		addr_count_give(ac, &k[i]);
	for (i = 0; i < 5; i++)
		assert_int_equal(addr_count_of(ac, sa(i)), 0);
	addr_count_free(ac);
}

/* Random opens and closes against a model, for several table sizes. */
static void test_random(void **state)
{
	static const size_t max_opens[] = {2, 3, 5, 8, 16, 64};
	size_t m;

	(void)state;
	make_addrs();
	srand(7);
	for (m = 0; m < sizeof(max_opens) / sizeof(max_opens[0]); m++) {
		size_t max_open = max_opens[m], open = 0, step, j;
		unsigned limit = 1 + (unsigned)(m % 3), model[NADDR] = {0};
		struct conn {
			int addr;
			struct addr_key key;
		} *conns = calloc(max_open, sizeof(*conns));
		struct addr_count *ac;

		assert_non_null(conns);
		assert_int_equal(addr_count_create(max_open, limit, &ac), 0);
		for (step = 0; step < 200000; step++) {
			if (open && (open == max_open || rand() % 2)) {
				/* close a random connection */
				j = (size_t)rand() % open;
				addr_count_give(ac, &conns[j].key);
				model[conns[j].addr]--;
				conns[j] = conns[--open];
			} else {
				int a = rand() % (int)(max_open + 3 > NADDR
				                               ? NADDR
				                               : max_open + 3);
				bool want = model[a] < limit;

				assert_int_equal(
					addr_count_take(ac, sa(a),
				                        &conns[open].key),
					want);
				if (want) {
					conns[open].addr = a;
					model[a]++;
					open++;
				}
			}
			if (step % 97 == 0)
				for (j = 0; j < NADDR; j++)
					assert_int_equal(
						addr_count_of(ac, sa((int)j)),
						model[j]);
		}
		while (open) {
			open--;
			addr_count_give(ac, &conns[open].key);
			model[conns[open].addr]--;
		}
		for (j = 0; j < NADDR; j++)
			assert_int_equal(addr_count_of(ac, sa((int)j)), 0);
		addr_count_free(ac);
		free(conns);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_max_open),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
