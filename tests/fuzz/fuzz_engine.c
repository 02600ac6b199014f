/*
 * fuzz_engine.c - libFuzzer target over the whole engine: ws_annotate()
 * with and without WS_REPAIR_UTF8, then every result is walked and its
 * invariants checked (whosaid.h): spans inside the text and on code
 * point boundaries, segments in order inside their content, indexes in
 * range, speakers consistent with their quotes, ws_doc_offset()
 * monotone and agreeing with a plain count. A broken invariant aborts
 * with a message, which libFuzzer reports as a crash.
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

#include "whosaid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, size_t a, size_t b)
{
	fprintf(stderr, "fuzz_engine: invariant broken: %s (%zu, %zu)\n", what,
	        a, b);
	abort();
}

#define CHECK(cond, a, b)                                     \
	do {                                                  \
		if (!(cond))                                  \
			die(#cond, (size_t)(a), (size_t)(b)); \
	} while (0)

static bool cont_byte(const char *text, size_t len, uint32_t i)
{
	return i < len && ((unsigned char)text[i] & 0xC0) == 0x80;
}

/* Well-formed UTF-8 (RFC 3629), written apart from lib/text.c. */
static bool utf8_ok(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		unsigned n, k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 4, cp = c & 0x07;
		else
			return false;
		if (i + n > len)
			return false;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n;
	}
	return true;
}

static void check_span(const char *text, size_t len, struct ws_span s)
{
	CHECK(s.start <= s.end, s.start, s.end);
	CHECK(s.end <= len, s.end, len);
	CHECK(!cont_byte(text, len, s.start), s.start, len);
	CHECK(!cont_byte(text, len, s.end), s.end, len);
}

static void check_offsets(const struct ws_doc *doc, const char *text,
                          size_t len)
{
	uint32_t cp = 0, u16 = 0, i;

	/* Every code point boundary, against a running count. */
	for (i = 0; i <= len; i++) {
		unsigned char c;

		if (cont_byte(text, len, i))
			continue;
		CHECK(ws_doc_offset(doc, i, WS_UNIT_CODEPOINT) == cp, i, cp);
		CHECK(ws_doc_offset(doc, i, WS_UNIT_UTF16) == u16, i, u16);
		CHECK(ws_doc_offset(doc, i, WS_UNIT_UTF8) == i, i, i);
		if (i == len)
			break;
		c = (unsigned char)text[i];
		cp++;
		u16 += c >= 0xF0 ? 2 : 1;
	}
}

static void check_doc(const struct ws_doc *doc, const uint8_t *data,
                      size_t size, bool repair)
{
	const struct ws_quote *q;
	const struct ws_entity *e;
	const struct ws_speaker *sp;
	const struct ws_non_quote *nq;
	size_t nq_n, nquotes, nent, nsp, len, i, k;
	size_t paras = ws_doc_paragraphs(doc);
	const char *text = ws_doc_text(doc, &len);
	uint32_t *said;

	CHECK(text != NULL, 0, 0);
	CHECK(utf8_ok((const unsigned char *)text, len), len, 0);
	if (!ws_doc_repaired(doc)) {
		CHECK(text == (const char *)data || size == 0, size, 0);
		CHECK(len == size, len, size);
	} else {
		CHECK(repair, 0, 0);
		CHECK(len >= size, len, size);
	}
	CHECK(paras <= len, paras, len);

	q = ws_doc_quotes(doc, &nquotes);
	e = ws_doc_entities(doc, &nent);
	sp = ws_doc_speakers(doc, &nsp);
	nq = ws_doc_non_quotes(doc, &nq_n);

	for (i = 0; i < nquotes; i++) {
		const struct ws_quote *x = &q[i];

		CHECK(x->type <= WS_QUOTE_INDIRECT, i, x->type);
		CHECK(x->attribution <= WS_ATTR_COREFERENCE, i, x->attribution);
		CHECK(x->stance <= WS_STANCE_EPISTEMIC, i, x->stance);
		check_span(text, len, x->content);
		CHECK(x->content.start < x->content.end, i, x->content.start);
		/* Segments: at least one, in order, apart, tiling the ends. */
		CHECK(x->nsegments >= 1 && x->segments, i, x->nsegments);
		CHECK(x->segments[0].start == x->content.start, i,
		      x->segments[0].start);
		CHECK(x->segments[x->nsegments - 1].end == x->content.end, i,
		      x->content.end);
		for (k = 0; k < x->nsegments; k++) {
			check_span(text, len, x->segments[k]);
			CHECK(x->segments[k].start < x->segments[k].end, i, k);
			if (k)
				CHECK(x->segments[k - 1].end <=
				              x->segments[k].start,
				      i, k);
		}
		if (x->has_cue) {
			check_span(text, len, x->cue);
			CHECK(x->cue.start < x->cue.end, i, x->cue.start);
			CHECK(x->cue_lemma && x->cue_lemma[0], i, 0);
		} else {
			CHECK(x->cue_lemma == NULL, i, 0);
		}
		CHECK(x->entity >= -1 && x->entity < (int32_t)nent, i,
		      x->entity);
		if (x->entity >= 0)
			check_span(text, len, x->mention);
		CHECK(x->rule && x->rule[0], i, 0);
		CHECK(x->confidence >= 0.0f && x->confidence <= 1.0f, i, 0);
		CHECK(x->paragraph < paras, x->paragraph, paras);
		/* In text order. */
		if (i)
			CHECK(q[i - 1].content.start <= x->content.start, i,
			      x->content.start);
	}

	for (i = 0; i < nent; i++) {
		CHECK(e[i].name && e[i].name[0], i, 0);
		CHECK(e[i].kind <= WS_KIND_ANONYMOUS, i, e[i].kind);
		CHECK(e[i].ntitles == 0 || e[i].titles, i, e[i].ntitles);
		for (k = 0; k < e[i].ntitles; k++)
			CHECK(e[i].titles[k] && e[i].titles[k][0], i, k);
		CHECK(e[i].nmentions == 0 || e[i].mentions, i, 0);
		for (k = 0; k < e[i].nmentions; k++) {
			check_span(text, len, e[i].mentions[k]);
			if (k)
				CHECK(e[i].mentions[k - 1].start <=
				              e[i].mentions[k].start,
				      i, k);
		}
	}

	/* Each quote with a speaker is listed once, under its entity. */
	said = calloc(nquotes ? nquotes : 1, sizeof(*said));
	if (!said)
		abort();
	for (i = 0; i < nsp; i++) {
		CHECK(sp[i].entity >= 0 && sp[i].entity < (int32_t)nent, i,
		      sp[i].entity);
		CHECK(sp[i].nquotes >= 1, i, 0);
		CHECK(sp[i].nquotes ==
		              sp[i].direct + sp[i].mixed + sp[i].indirect,
		      i, sp[i].nquotes);
		for (k = 0; k < sp[i].nquotes; k++) {
			uint32_t qi = sp[i].quotes[k];

			CHECK(qi < nquotes, qi, nquotes);
			CHECK(q[qi].entity == sp[i].entity, qi, sp[i].entity);
			said[qi]++;
		}
		for (k = 0; k < i; k++)
			CHECK(sp[k].entity != sp[i].entity, k, i);
	}
	for (i = 0; i < nquotes; i++)
		CHECK(said[i] == (q[i].entity >= 0), i, said[i]);
	free(said);

	for (i = 0; i < nq_n; i++) {
		CHECK(nq[i].kind <= WS_NQ_NO_RESPONSE, i, nq[i].kind);
		CHECK(nq[i].entity >= -1 && nq[i].entity < (int32_t)nent, i,
		      nq[i].entity);
		check_span(text, len, nq[i].span);
	}

	check_offsets(doc, text, len);
}

static struct ws_engine *engine(void)
{
	static struct ws_engine *eng;

	if (!eng && ws_engine_create(&eng, NULL) != WS_OK)
		abort();
	return eng;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ws_engine *eng = engine();
	const char *text = (const char *)data;
	struct ws_doc *doc = NULL;
	struct ws_error err;
	int rc;

	rc = ws_annotate(eng, text, size, 0, &doc, &err);
	if (utf8_ok(data, size)) {
		CHECK(rc == WS_OK, rc, size);
		check_doc(doc, data, size, false);
		ws_doc_free(doc);
	} else {
		CHECK(rc == WS_EUTF8 && doc == NULL, rc, size);
		CHECK(err.code == WS_EUTF8 && err.offset < size, err.offset,
		      size);
		CHECK(utf8_ok(data, err.offset), err.offset, size);
	}
	rc = ws_annotate(eng, text, size, WS_REPAIR_UTF8, &doc, &err);
	CHECK(rc == WS_OK, rc, size);
	CHECK(ws_doc_repaired(doc) == !utf8_ok(data, size), size, 0);
	check_doc(doc, data, size, true);
	ws_doc_free(doc);
	return 0;
}
