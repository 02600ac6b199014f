/*
 * addr_count.c - per-address connection counts: linear probing in a
 * power-of-two table with at least twice as many slots as connections
 * may be open, so a probe always ends at a free slot. An address holds a
 * slot only while it has a connection; freeing a slot moves later
 * members of its run back (backward-shift deletion), so no lookup ever
 * stops short of its key and no tombstones pile up.
 */
#include "addr_count.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct slot {
	struct addr_key key; /* key.family 0: free */
	unsigned n;
};

struct addr_count {
	struct slot *slots;
	size_t mask; /* slots - 1 */
	size_t max_open, open;
	unsigned limit;
};

int addr_count_create(size_t max_open, unsigned limit, struct addr_count **out)
{
	struct addr_count *ac;
	size_t size = 4;

	*out = NULL;
	if (max_open > SIZE_MAX / 4 / sizeof(struct slot))
		return -ENOMEM;
	while (size < 2 * max_open)
		size *= 2;
	ac = calloc(1, sizeof(*ac));
	if (!ac)
		return -ENOMEM;
	ac->slots = calloc(size, sizeof(*ac->slots));
	if (!ac->slots) {
		free(ac);
		return -ENOMEM;
	}
	ac->mask = size - 1;
	ac->max_open = max_open;
	ac->limit = limit ? limit : 1;
	*out = ac;
	return 0;
}

void addr_count_free(struct addr_count *ac)
{
	if (!ac)
		return;
	free(ac->slots);
	free(ac);
}

/* The key of sa; family 0 for NULL or an address that is not IP. */
static void key_of(const struct sockaddr *sa, struct addr_key *k)
{
	memset(k, 0, sizeof(*k));
	if (!sa)
		return;
	if (sa->sa_family == AF_INET) {
		k->family = AF_INET;
		memcpy(k->addr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
	} else if (sa->sa_family == AF_INET6) {
		k->family = AF_INET6;
		memcpy(k->addr, &((const struct sockaddr_in6 *)sa)->sin6_addr,
		       16);
	}
}

/* FNV-1a over the key's bytes (all of them: the struct has no padding). */
static size_t hash(const struct addr_key *k)
{
	const unsigned char *p = (const unsigned char *)k;
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < sizeof(*k); i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* The slot holding k, or the free one where it would go. */
static size_t find(const struct addr_count *ac, const struct addr_key *k)
{
	size_t i = hash(k) & ac->mask;

	while (ac->slots[i].key.family &&
	       memcmp(&ac->slots[i].key, k, sizeof(*k)))
		i = (i + 1) & ac->mask;
	return i;
}

bool addr_count_take(struct addr_count *ac, const struct sockaddr *sa,
                     struct addr_key *key)
{
	struct slot *s;

	key_of(sa, key);
	if (!key->family)
		return true;
	s = &ac->slots[find(ac, key)];
	if (ac->open >= ac->max_open || s->n >= ac->limit) {
		key->family = 0; /* nothing to give back */
		return false;
	}
	s->key = *key;
	s->n++;
	ac->open++;
	return true;
}

void addr_count_give(struct addr_count *ac, const struct addr_key *key)
{
	struct slot *t = ac->slots;
	size_t i, j;

	if (!key->family)
		return;
	i = find(ac, key);
	if (!t[i].key.family)
		return; /* never taken: nothing to give back */
	ac->open--;
	if (--t[i].n)
		return;
	/* Empty slot i. Each later member of the run moves back into it
	 * unless its home slot lies cyclically in (i, j], where a lookup
	 * for it starts past i; the slot it leaves is the next to fill. */
	for (j = i;;) {
		size_t home;

		j = (j + 1) & ac->mask;
		if (!t[j].key.family)
			break;
		home = hash(&t[j].key) & ac->mask;
		if (i <= j ? i < home && home <= j : i < home || home <= j)
			continue;
		t[i] = t[j];
		i = j;
	}
	memset(&t[i], 0, sizeof(t[i]));
}

unsigned addr_count_of(const struct addr_count *ac, const struct sockaddr *sa)
{
	struct addr_key k;
	const struct slot *s;

	key_of(sa, &k);
	if (!k.family)
		return 0;
	s = &ac->slots[find(ac, &k)];
	return s->key.family ? s->n : 0;
}
