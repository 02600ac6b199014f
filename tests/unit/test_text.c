/*
 * test_text.c - text.c: UTF-8 validation (RFC 3629), repair by maximal
 * subparts, decoding, and byte offsets in code points and UTF-16 units.
 */
#include "unit.h"

#include <string.h>

struct bad_case {
	const char *bytes;
	size_t len;
	size_t bad; /* the first bad byte */
	const char *why;
};

#define B(s) s, sizeof(s) - 1

static void test_valid(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
	} ok[] = {
		{B("")},
		{B("plain ASCII, longer than eight bytes at a time")},
		{B("caf\xC3\xA9")},       /* U+00E9, 2 bytes */
		{B("\xC2\x80")},          /* U+0080, smallest 2-byte */
		{B("\xDF\xBF")},          /* U+07FF */
		{B("\xE0\xA0\x80")},      /* U+0800, smallest 3-byte */
		{B("\xE2\x82\xAC 5")},    /* euro sign */
		{B("\xED\x9F\xBF")},      /* U+D7FF, below surrogates */
		{B("\xEE\x80\x80")},      /* U+E000, above surrogates */
		{B("\xEF\xBF\xBD")},      /* U+FFFD */
		{B("\xF0\x90\x80\x80")},  /* U+10000, smallest 4-byte */
		{B("\xF0\x9F\x98\x80!")}, /* emoji */
		{B("\xF4\x8F\xBF\xBF")},  /* U+10FFFF, the largest */
		{"a\0b", 3},              /* NUL is valid UTF-8 */
	};
	size_t i, bad;

	(void)state;
	for (i = 0; i < WS_ARRAY_LEN(ok); i++) {
		bad = 12345;
		assert_true(ws__utf8_valid(ok[i].bytes, ok[i].len, &bad));
		assert_int_equal(bad, 12345); /* untouched */
	}
	assert_true(ws__utf8_valid("", 0, NULL));
}

static void test_invalid(void **state)
{
	static const struct bad_case cases[] = {
		{B("\x80"), 0, "lone continuation byte"},
		{B("ab\xBF"), 2, "continuation after ASCII"},
		{B("\xC0\x80"), 0, "overlong NUL"},
		{B("\xC1\xBF"), 0, "overlong 2-byte"},
		{B("\xE0\x80\x80"), 0, "overlong 3-byte NUL"},
		{B("\xE0\x9F\xBF"), 0, "overlong U+07FF"},
		{B("\xF0\x80\x80\x80"), 0, "overlong 4-byte NUL"},
		{B("\xF0\x8F\xBF\xBF"), 0, "overlong U+FFFF"},
		{B("\xED\xA0\x80"), 0, "high surrogate U+D800"},
		{B("\xED\xBF\xBF"), 0, "low surrogate U+DFFF"},
		{B("\xED\xA0\xBD\xED\xB8\x80"), 0, "CESU-8 surrogate pair"},
		{B("\xF4\x90\x80\x80"), 0, "U+110000"},
		{B("\xF5\x80\x80\x80"), 0, "lead byte F5"},
		{B("\xFE"), 0, "byte FE"},
		{B("\xFF"), 0, "byte FF"},
		{B("abc\xC3"), 3, "2-byte sequence cut at the end"},
		{B("abc\xE2\x82"), 3, "3-byte sequence cut at the end"},
		{B("abc\xF0\x9F\x98"), 3, "4-byte sequence cut at the end"},
		{B("\xE2\x82"
	           "A"),
	         0, "3-byte sequence cut by ASCII"},
		{B("\xC3\xC3\xA9"), 0, "lead byte followed by a lead byte"},
		{B("0123456789abcdef\xC3(x"), 16, "past the ASCII fast path"},
		{B("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xA9"), 15,
	         "after valid multi-byte characters"},
	};
	size_t i, bad;

	(void)state;
	for (i = 0; i < WS_ARRAY_LEN(cases); i++) {
		bad = (size_t)-1;
		if (ws__utf8_valid(cases[i].bytes, cases[i].len, &bad))
			fail_msg("accepted: %s", cases[i].why);
		if (bad != cases[i].bad)
			fail_msg("%s: bad byte %zu, want %zu", cases[i].why,
			         bad, cases[i].bad);
	}
	/* *bad is optional. */
	assert_false(ws__utf8_valid(B("\xC0\x80"), NULL));
}

struct repair_case {
	const char *in;
	size_t inlen;
	const char *out;
	size_t outlen;
	const char *why;
};

#define R "\xEF\xBF\xBD" /* U+FFFD */

static void test_repair(void **state)
{
	static const struct repair_case cases[] = {
		{B("valid \xC3\xA9"), B("valid \xC3\xA9"), "nothing to do"},
		{B(""), B(""), "empty"},
		/* Unicode 15, section 3.9, table 3-8 (U+FFFD per maximal
		 * subpart): F1 80 80 and E1 80 are cut sequences, one U+FFFD
		 * each; C2 before b; then 80, 80 and BF alone. */
		{B("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
	         B("a" R R R "b" R "c" R R "d"), "table 3-8"},
		/* Overlongs and surrogates have no maximal subpart longer than
		 * the lead byte: every byte becomes one U+FFFD. */
		{B("\xC0\xAF"), B(R R), "overlong 2-byte"},
		{B("\xE0\x80\xAF"), B(R R R), "overlong 3-byte"},
		{B("\xED\xA0\x80"), B(R R R), "surrogate"},
		{B("\xF4\x90\x80\x80"), B(R R R R), "above U+10FFFF"},
		{B("\xF5"), B(R), "lead byte F5"},
		{B("x\xF0\x9F\x98"), B("x" R), "cut 4-byte at the end"},
		{B("\xF0\x9F\x98 ok"), B(R " ok"), "cut 4-byte before a space"},
		{B("\xE2\x82\xE2\x82\xAC"), B(R "\xE2\x82\xAC"),
	         "cut, then whole"},
		{B("\xC3\xA9\x80\xC3\xA9"), B("\xC3\xA9" R "\xC3\xA9"),
	         "stray continuation between letters"},
		{B("a\0\xFF"), B("a\0" R), "NUL kept"},
	};
	struct ws_arena arena;
	size_t i;

	(void)state;
	ws__arena_init(&arena, NULL);
	for (i = 0; i < WS_ARRAY_LEN(cases); i++) {
		size_t outlen = (size_t)-1, want = cases[i].outlen;
		const char *out;

		out = ws__utf8_repair(&arena, cases[i].in, cases[i].inlen,
		                      &outlen);
		assert_non_null(out);
		if (outlen != want || memcmp(out, cases[i].out, want))
			fail_msg("%s: repaired to %zu bytes", cases[i].why,
			         outlen);
		assert_int_equal(out[outlen], '\0');
		assert_true(ws__utf8_valid(out, outlen, NULL));
	}
	ws__arena_release(&arena);
}

static void test_decode(void **state)
{
	static const char s[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
	unsigned n;

	(void)state;
	assert_int_equal(ws__utf8_decode(s, sizeof(s) - 1, 0, &n), 'a');
	assert_int_equal(n, 1);
	assert_int_equal(ws__utf8_decode(s, sizeof(s) - 1, 1, &n), 0xE9);
	assert_int_equal(n, 2);
	assert_int_equal(ws__utf8_decode(s, sizeof(s) - 1, 3, &n), 0x20AC);
	assert_int_equal(n, 3);
	assert_int_equal(ws__utf8_decode(s, sizeof(s) - 1, 6, &n), 0x1F600);
	assert_int_equal(n, 4);
	/* Backwards from the end of each character. */
	assert_int_equal(ws__utf8_decode_back(s, 10, &n), 0x1F600);
	assert_int_equal(n, 4);
	assert_int_equal(ws__utf8_decode_back(s, 6, &n), 0x20AC);
	assert_int_equal(n, 3);
	assert_int_equal(ws__utf8_decode_back(s, 3, &n), 0xE9);
	assert_int_equal(n, 2);
	assert_int_equal(ws__utf8_decode_back(s, 1, &n), 'a');
	assert_int_equal(n, 1);
	assert_int_equal(ws__utf8_decode_back(s, 0, &n), 0);
	assert_int_equal(n, 0);
	/* A sequence cut by the end decodes as one byte, never past it. */
	assert_int_equal(ws__utf8_decode(s, 5, 3, &n), 0xFFFD);
	assert_int_equal(n, 1);
	assert_int_equal(ws__utf8_decode(s, 8, 6, &n), 0xFFFD);
	assert_int_equal(n, 1);
}

/* Code points and UTF-16 units before `byte`, counted the slow way. */
static void naive(const char *s, uint32_t byte, uint32_t *cp, uint32_t *u16)
{
	uint32_t i;

	*cp = *u16 = 0;
	for (i = 0; i < byte; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) != 0x80) {
			(*cp)++;
			*u16 += c >= 0xF0 ? 2 : 1;
		}
	}
}

static void test_offsets_small(void **state)
{
	/* a é € 😀 b: 1, 2, 3 and 4 bytes, then 1. */
	static const char s[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
				"b";
	static const struct {
		uint32_t byte, cp, u16;
	} at[] = {
		{0, 0, 0}, {1, 1, 1},  {3, 2, 2},
		{6, 3, 3}, {10, 4, 5}, {11, 5, 6},
	};
	struct ws_engine *eng;
	struct ws_doc *doc;
	size_t i;

	(void)state;
	assert_int_equal(ws_engine_create(&eng, NULL), WS_OK);
	assert_int_equal(ws_annotate(eng, s, sizeof(s) - 1, 0, &doc, NULL),
	                 WS_OK);
	for (i = 0; i < WS_ARRAY_LEN(at); i++) {
		assert_int_equal(ws_doc_offset(doc, at[i].byte,
		                               WS_UNIT_CODEPOINT),
		                 at[i].cp);
		assert_int_equal(ws_doc_offset(doc, at[i].byte, WS_UNIT_UTF16),
		                 at[i].u16);
		assert_int_equal(ws_doc_offset(doc, at[i].byte, WS_UNIT_UTF8),
		                 at[i].byte);
	}
	ws_doc_free(doc);
	ws_engine_free(eng);
}

/* Every character width across many 64-byte checkpoints, every boundary
 * checked against a plain count. */
static void test_offsets_long(void **state)
{
	static const char *const pieces[] = {
		"w", "\xC3\xB1",     "\xE2\x80\x9C", "\xF0\x9F\x8C\x8D",
		" ", "\xE2\x80\x9D", "\xD0\x96",
	};
	struct ws_offsets off;
	struct ws_arena arena;
	char s[4000];
	uint32_t len = 0, i, k = 0;

	(void)state;
	while (len + 4 < sizeof(s)) {
		const char *p = pieces[(k * 7 + k / 3) % WS_ARRAY_LEN(pieces)];

		memcpy(s + len, p, strlen(p));
		len += (uint32_t)strlen(p);
		k++;
	}
	ws__arena_init(&arena, NULL);
	assert_int_equal(ws__offsets_build(&off, &arena, s, len), WS_OK);
	for (i = 0; i <= len; i++) {
		uint32_t cp, u16;

		if (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			continue; /* not a boundary */
		naive(s, i, &cp, &u16);
		assert_int_equal(ws__offsets_get(&off, i, WS_UNIT_CODEPOINT),
		                 cp);
		assert_int_equal(ws__offsets_get(&off, i, WS_UNIT_UTF16), u16);
		assert_int_equal(ws__offsets_get(&off, i, WS_UNIT_UTF8), i);
	}
	/* Past the end clamps to the end. */
	naive(s, len, &i, &k);
	assert_int_equal(ws__offsets_get(&off, len + 100, WS_UNIT_CODEPOINT),
	                 i);
	ws__arena_release(&arena);
}

static void test_offsets_empty(void **state)
{
	struct ws_offsets off;
	struct ws_arena arena;

	(void)state;
	ws__arena_init(&arena, NULL);
	assert_int_equal(ws__offsets_build(&off, &arena, "", 0), WS_OK);
	assert_int_equal(ws__offsets_get(&off, 0, WS_UNIT_CODEPOINT), 0);
	assert_int_equal(ws__offsets_get(&off, 0, WS_UNIT_UTF16), 0);
	ws__arena_release(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_repair),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_offsets_small),
		cmocka_unit_test(test_offsets_long),
		cmocka_unit_test(test_offsets_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
