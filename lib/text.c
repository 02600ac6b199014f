/*
 * text.c - UTF-8 validation and repair, decoding, offset conversion.
 *
 * Validation follows RFC 3629 (Table 3-7 of the Unicode standard): no
 * overlong forms, no surrogates, nothing past U+10FFFF. Repair replaces
 * each maximal subpart of an ill-formed sequence with U+FFFD, which is
 * what browsers and ICU do, so offsets agree with what a client sees.
 */
#include <string.h>

#include "internal.h"

/*
 * Length of the valid sequence at s[i], or 0 when it is ill-formed; in
 * that case *sub receives the length of its maximal subpart (>= 1).
 */
static unsigned seq_len(const unsigned char *s, size_t len, size_t i,
                        unsigned *sub)
{
	unsigned char c = s[i];
	unsigned char lo = 0x80, hi = 0xBF;
	unsigned n, k;

	*sub = 1;
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		n = 2;
	else if (c < 0xF0) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c < 0xF5) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	for (k = 1; k < n; k++) {
		unsigned char t;

		if (i + k >= len)
			return 0;
		t = s[i + k];
		if (t < lo || t > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
		*sub = k + 1;
	}
	return n;
}

bool ws__utf8_valid(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned sub, n;

		/* ASCII runs, eight bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = seq_len(s, len, i, &sub);
		if (!n) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

char *ws__utf8_repair(struct ws_arena *a, const char *str, size_t len,
                      size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, o = 0;
	char *out;

	/* U+FFFD is 3 bytes and replaces at least 1: 3x is the worst case. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	out = ws__arena_alloc(a, len * 3 + 1);
	if (!out)
		return NULL;
	while (i < len) {
		unsigned sub, n = seq_len(s, len, i, &sub);

		if (n) {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		} else {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i += sub;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

uint32_t ws__utf8_decode(const char *str, size_t len, size_t i, unsigned *n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[i];

	if (c < 0x80 || i + 1 >= len) {
		*n = 1;
		return c;
	}
	if (c < 0xE0) {
		*n = 2;
		return ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
	}
	if (c < 0xF0) {
		if (i + 2 >= len) {
			*n = 1;
			return 0xFFFD;
		}
		*n = 3;
		return ((uint32_t)(c & 0x0F) << 12) |
		       ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
	}
	if (i + 3 >= len) {
		*n = 1;
		return 0xFFFD;
	}
	*n = 4;
	return ((uint32_t)(c & 0x07) << 18) |
	       ((uint32_t)(s[i + 1] & 0x3F) << 12) |
	       ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
}

uint32_t ws__utf8_decode_back(const char *str, size_t i, unsigned *n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t j = i;

	if (i == 0) {
		*n = 0;
		return 0;
	}
	j--;
	while (j > 0 && i - j < 4 && (s[j] & 0xC0) == 0x80)
		j--;
	return ws__utf8_decode(str, i, j, n);
}

#define OFF_SHIFT 6 /* one checkpoint every 64 bytes */

/* How many bytes of m have bit 7 set (m has no other bits). */
static inline uint32_t count_high(uint64_t m)
{
	return (uint32_t)(((m >> 7) * 0x0101010101010101ull) >> 56);
}

/*
 * Add the code points and UTF-16 units that eight bytes of UTF-8 start:
 * eight ASCII bytes are eight of each; otherwise count the bytes that
 * are not continuation bytes (10xxxxxx) and the 4-byte leads (11110xxx
 * and up), which are two units, in place.
 */
static inline void count8(uint64_t w, uint32_t *cp, uint32_t *u16)
{
	const uint64_t high = 0x8080808080808080ull;
	uint64_t cont, four;

	if (!(w & high)) {
		*cp += 8;
		*u16 += 8;
		return;
	}
	/* Bit 7 of each byte against bits 6, 5, 4 of the same byte; the
	 * shifts never carry between bytes where it matters, as bit 7 is
	 * masked last. */
	cont = w & ~(w << 1) & high;
	four = w & (w << 1) & (w << 2) & (w << 3) & high;
	*cp += 8 - count_high(cont);
	*u16 += 8 - count_high(cont) + count_high(four);
}

int ws__offsets_build(struct ws_offsets *o, struct ws_arena *a,
                      const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t nblocks = (len >> OFF_SHIFT) + 1, k;
	uint32_t cp = 0, u16 = 0;

	o->text = text;
	o->len = len;
	o->cp = ws__arena_calloc(a, nblocks, sizeof(uint32_t));
	o->u16 = ws__arena_calloc(a, nblocks, sizeof(uint32_t));
	o->ascii = ws__arena_calloc(a, nblocks, 1);
	if (!o->cp || !o->u16 || !o->ascii)
		return WS_ENOMEM;
	for (k = 0; k < nblocks; k++) {
		size_t i = k << OFF_SHIFT, end = i + ((size_t)1 << OFF_SHIFT);
		uint32_t cp0 = cp;

		o->cp[k] = cp;
		o->u16[k] = u16;
		if (end > len)
			end = len;
		/* Eight bytes at a time (count8()). */
		while (i + 8 <= end) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			count8(w, &cp, &u16);
			i += 8;
		}
		for (; i < end; i++) {
			/* Count lead bytes; a 4-byte lead is two UTF-16 units. */
			if ((s[i] & 0xC0) != 0x80) {
				cp++;
				u16 += 1 + (s[i] >= 0xF0);
			}
		}
		o->ascii[k] = cp - cp0 == end - (k << OFF_SHIFT) &&
		              u16 - o->u16[k] == cp - cp0;
	}
	return WS_OK;
}

uint32_t ws__offsets_get(const struct ws_offsets *o, uint32_t byte,
                         enum ws_unit unit)
{
	const unsigned char *s = (const unsigned char *)o->text;
	size_t k, i;
	uint32_t cp, u16;

	if (unit == WS_UNIT_UTF8)
		return byte;
	if (byte > o->len)
		byte = (uint32_t)o->len;
	k = byte >> OFF_SHIFT;
	cp = o->cp[k];
	u16 = o->u16[k];
	if (o->ascii[k]) {
		i = byte - (k << OFF_SHIFT);
		return (uint32_t)(unit == WS_UNIT_UTF16 ? u16 + i : cp + i);
	}
	/* Eight bytes at a time as in ws__offsets_build(), then the last
	 * few: a block with any non-ASCII byte is scanned up to 63 bytes. */
	for (i = k << OFF_SHIFT; i + 8 <= byte; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		count8(w, &cp, &u16);
	}
	for (; i < byte; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			cp++;
			u16 += 1 + (s[i] >= 0xF0);
		}
	}
	return unit == WS_UNIT_UTF16 ? u16 : cp;
}
