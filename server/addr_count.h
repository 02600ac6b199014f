/*
 * addr_count.h - connections open per client address, for
 * per_ip_connection_limit: an open-addressing table of IPv4 and IPv6
 * addresses and their counts, sized once for the most connections that
 * may be open at a time. Not locked: the caller serialises (http.c takes
 * its connection list's mutex).
 */
#ifndef WS_ADDR_COUNT_H
#define WS_ADDR_COUNT_H

#include <stdbool.h>
#include <stddef.h>

struct sockaddr;
struct addr_count;

/* A client address as the table keys it; family 0 is none (not IP). */
struct addr_key {
	unsigned char family; /* AF_INET, AF_INET6, or 0 */
	unsigned char addr[16];
};

/*
 * A table for up to max_open connections at a time, `limit` (>= 1) of
 * them from one address. Returns 0, or -ENOMEM.
 */
int addr_count_create(size_t max_open, unsigned limit, struct addr_count **out);
void addr_count_free(struct addr_count *ac);

/*
 * Count one more connection from sa (NULL or not IP: not counted, and
 * taken). On success *key is what addr_count_give() wants back when it
 * closes (family 0 for one not counted). False, with key->family 0, when
 * the address has `limit` connections already or the table holds
 * max_open connections.
 */
bool addr_count_take(struct addr_count *ac, const struct sockaddr *sa,
                     struct addr_key *key);

/* Count one connection fewer from key (family 0: nothing to do). */
void addr_count_give(struct addr_count *ac, const struct addr_key *key);

/* The connections counted for sa now (for tests). */
unsigned addr_count_of(const struct addr_count *ac, const struct sockaddr *sa);

#endif
