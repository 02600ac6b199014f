/*
 * fuzz_extract.c - libFuzzer target over server/extract.c: bytes as a
 * fetched page, with a Content-Type picked by the input's length (so the
 * corpus stays plain pages): none (sniffed), HTML in windows-1252, plain
 * text, HTML in Shift_JIS. Every result's invariants (extract.h) are
 * checked: the text and the metadata are valid UTF-8 without NUL or
 * control characters but \n, the text has no leading or trailing
 * whitespace and no more than one blank line in a row, and the article
 * JSON builds. A broken invariant aborts, which libFuzzer reports.
 *
 * Built as a fuzzer with -Dfuzzing=true (clang), else linked with
 * replay.c, which feeds it every file of the corpus.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, size_t a)
{
	fprintf(stderr, "fuzz_extract: invariant broken: %s (%zu)\n", what, a);
	abort();
}

#define CHECK(cond, a)                           \
	do {                                     \
		if (!(cond))                     \
			die(#cond, (size_t)(a)); \
	} while (0)

/* Valid UTF-8, no NUL, no C0 control but \n (and \t in no place). */
static void check_string(const char *s, size_t n, bool newlines)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, j, k;

	CHECK(strlen(s) == n, n);
	while (i < n) {
		unsigned char c = u[i];

		if (c < 0x80) {
			CHECK(c >= 0x20 || (newlines && c == '\n'), i);
			CHECK(c != 0x7F, i);
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 4;
		else
			k = 0;
		CHECK(k && i + k <= n, i);
		CHECK(c != 0xE0 || u[i + 1] >= 0xA0, i);
		CHECK(c != 0xED || u[i + 1] < 0xA0, i);
		CHECK(c != 0xF0 || u[i + 1] >= 0x90, i);
		CHECK(c != 0xF4 || u[i + 1] < 0x90, i);
		for (j = 1; j < k; j++)
			CHECK((u[i + j] & 0xC0) == 0x80, i + j);
		i += k;
	}
}

static void check_meta(const char *s)
{
	if (!s)
		return;
	CHECK(*s, 0);
	check_string(s, strlen(s), false);
	CHECK(s[0] != ' ' && s[strlen(s) - 1] != ' ', strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {
		NULL,
		"text/html; charset=windows-1252",
		"text/plain",
		"text/html; charset=Shift_JIS",
	};
	struct extract_article a;
	json_t *j;
	char *dump;
	int rc;

	rc = extract_article((const char *)data, size, types[size % 4],
	                     "http://example.com/story", &a);
	if (rc) {
		CHECK(!a.text && !a.title, rc);
		return 0;
	}
	CHECK(a.text, 0);
	check_string(a.text, a.len, true);
	if (a.len) {
		CHECK(a.text[0] != ' ' && a.text[0] != '\n', 0);
		CHECK(a.text[a.len - 1] != ' ' && a.text[a.len - 1] != '\n',
		      a.len);
		CHECK(!strstr(a.text, "\n\n\n"), a.len);
		CHECK(a.source != EXTRACT_NONE, a.source);
	} else {
		CHECK(a.source == EXTRACT_NONE, a.source);
	}
	check_meta(a.title);
	check_meta(a.byline);
	check_meta(a.published);
	check_meta(a.modified);
	check_meta(a.canonical);
	check_meta(a.site);
	check_meta(a.language);
	j = extract_article_json(&a, "http://example.com/story", NULL);
	CHECK(j, 0);
	dump = json_dumps(j, JSON_COMPACT);
	CHECK(dump, 0);
	free(dump);
	json_decref(j);
	extract_article_release(&a);
	return 0;
}
