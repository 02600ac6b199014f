/*
 * api_write.c - api.h's JSON, written directly (see api_write.h).
 *
 * Member order, escaping and number formats follow api.c and jansson
 * 2.14's dump.c: compact separators; '"', '\\' and control characters
 * escaped (\b \f \n \r \t, others as \u00XX in upper case); everything
 * else, non-ASCII included, as is; confidences as api.c rounds them and
 * "%.15g" prints them. Span texts are checked for code point boundaries (the
 * document text is UTF-8, so that makes them UTF-8); the engine's own
 * strings (names, titles, rules) are checked in full, like json_string().
 */
#include "api_write.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

struct writer {
	struct buf *out;
	const struct ws_doc *doc;
	enum ws_unit unit;
	const char *text;
	size_t len;
	const struct ws_entity *entities;
	size_t nentities;
	int err; /* -EINVAL: a bad span or string; out->err for the rest */
};

/* ---- scalars ------------------------------------------------------------ */

/* A string literal, its length known at compile time. */
#define PUT(w, lit) buf_append((w)->out, lit, sizeof(lit) - 1)

static void put_uint(struct writer *w, unsigned long long v)
{
	char tmp[24];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_append(w->out, tmp + n, sizeof(tmp) - n);
}

/* Length of the UTF-8 sequence at s (n bytes left), 0 if malformed. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	len = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return len;
}

/*
 * Whether none of the 8 bytes of x needs a look of its own: no control
 * character, '"' or '\\', nor (when `check`) a byte of a multi-byte
 * sequence. Each test is exact for the word as a whole (a byte borrows
 * from the next only when it is itself a match).
 */
static inline bool plain8(uint64_t x, bool check)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = ones * 0x80;
	uint64_t q = x ^ ones * '"', b = x ^ ones * '\\', m;

	m = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b);
	if (check)
		m |= x;
	return !(m & high);
}

/*
 * The end of the bytes from i that need no escape: at n or at a byte
 * to escape. Sets *ok to false (and returns) at a byte that is not
 * UTF-8 when `check`.
 */
static size_t plain_run(const unsigned char *p, size_t i, size_t n, bool check,
                        bool *ok)
{
	for (;;) {
		uint64_t x;
		size_t k;

		/* Eight at a time: most text is plain ASCII. */
		if (n - i >= 8) {
			memcpy(&x, p + i, 8);
			if (plain8(x, check)) {
				i += 8;
				continue;
			}
		}
		if (i == n || p[i] < 0x20 || p[i] == '"' || p[i] == '\\')
			return i;
		if (p[i] < 0x80 || !check) {
			i++;
			continue;
		}
		k = utf8_seq(p + i, n - i);
		if (!k) {
			*ok = false;
			return i;
		}
		i += k;
	}
}

/*
 * Escape n bytes of s into out. `check` validates UTF-8 as it goes;
 * without it the caller vouches for the bytes. Returns false when they
 * are not UTF-8.
 */
static bool escape(struct buf *out, const char *s, size_t n, bool check)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run, k;
	bool ok = true;

	while (i < n) {
		char esc[6];

		run = plain_run(p, i, n, check, &ok);
		if (!ok)
			return false;
		buf_append(out, s + i, run - i);
		i = run;
		if (i == n)
			break;
		esc[0] = '\\';
		k = 2;
		switch (p[i]) {
		case '"':
			esc[1] = '"';
			break;
		case '\\':
			esc[1] = '\\';
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[p[i] >> 4];
			esc[5] = hex[p[i] & 15];
			k = 6;
			break;
		}
		buf_append(out, esc, k);
		i++;
	}
	return true;
}

int api_write_string(struct buf *out, const char *s, size_t n)
{
	buf_putc(out, '"');
	if (!escape(out, s, n, true))
		return -EINVAL;
	buf_putc(out, '"');
	return out->err;
}

/* A NUL-terminated string checked for UTF-8, or null for NULL. */
static void put_str(struct writer *w, const char *s)
{
	if (!s) {
		PUT(w, "null");
		return;
	}
	if (api_write_string(w->out, s, strlen(s)) == -EINVAL)
		w->err = -EINVAL;
}

/* ASCII the engine names (enum names, ids): nothing to escape. */
static void put_ascii(struct writer *w, const char *s)
{
	if (!s) {
		w->err = -EINVAL;
		return;
	}
	buf_putc(w->out, '"');
	buf_puts(w->out, s);
	buf_putc(w->out, '"');
}

static void put_id(struct writer *w, char prefix, size_t index)
{
	buf_putc(w->out, '"');
	buf_putc(w->out, prefix);
	put_uint(w, (unsigned long long)index + 1);
	buf_putc(w->out, '"');
}

/* "eK" for a valid entity index, null for -1 or out of range. */
static void put_entity_id(struct writer *w, int32_t entity)
{
	if (entity < 0 || (size_t)entity >= w->nentities)
		PUT(w, "null");
	else
		put_id(w, 'e', (size_t)entity);
}

/* ---- spans --------------------------------------------------------------- */

static void put_offset(struct writer *w, uint32_t byte)
{
	if (w->unit == WS_UNIT_UTF8)
		put_uint(w, byte);
	else
		put_uint(w, ws_doc_offset(w->doc, byte, w->unit));
}

static bool at_boundary(const struct writer *w, uint32_t at)
{
	return at >= w->len || ((unsigned char)w->text[at] & 0xC0) != 0x80;
}

static void put_span_text(struct writer *w, struct ws_span s)
{
	if (s.start > s.end || s.end > w->len || !at_boundary(w, s.start) ||
	    !at_boundary(w, s.end)) {
		w->err = -EINVAL;
		return;
	}
	buf_putc(w->out, '"');
	escape(w->out, w->text + s.start, s.end - s.start, false);
	buf_putc(w->out, '"');
}

/* {"start":S,"end":E} or {"start":S,"end":E,"text":"..."}. */
static void put_span(struct writer *w, struct ws_span s, bool with_text)
{
	PUT(w, "{\"start\":");
	put_offset(w, s.start);
	PUT(w, ",\"end\":");
	put_offset(w, s.end);
	if (with_text) {
		PUT(w, ",\"text\":");
		put_span_text(w, s);
	}
	buf_putc(w->out, '}');
}

/* ---- the document ------------------------------------------------------- */

/*
 * A confidence as api.c prints it: rounded to three decimals (NaN as 0),
 * then "%.15g" with ".0" added to a whole number. Every value is k/1000
 * for a whole k in 0..1000, which 15 digits print as written, so the
 * digits of k with the zeros on the right dropped are the same text
 * ("0.0", "0.7", "0.125", "1.0") without a call to snprintf.
 */
static void put_confidence(struct writer *w, float c)
{
	char tmp[8] = "0.";
	size_t n = 2;
	long k;

	if (!(c > 0.0f))
		k = 0;
	else if (c >= 1.0f)
		k = 1000;
	else
		k = (long)((double)c * 1000.0 + 0.5);
	if (k <= 0) {
		PUT(w, "0.0");
		return;
	}
	if (k >= 1000) {
		PUT(w, "1.0");
		return;
	}
	tmp[n++] = (char)('0' + k / 100);
	tmp[n++] = (char)('0' + k / 10 % 10);
	tmp[n++] = (char)('0' + k % 10);
	while (tmp[n - 1] == '0')
		n--;
	buf_append(w->out, tmp, n);
}

static void put_quote(struct writer *w, const struct ws_quote *q, size_t i)
{
	uint32_t k;

	PUT(w, "{\"id\":");
	put_id(w, 'q', i);
	PUT(w, ",\"type\":");
	put_ascii(w, ws_quote_type_name(q->type));
	PUT(w, ",\"content\":");
	put_span(w, q->content, true);
	PUT(w, ",\"segments\":[");
	for (k = 0; k < q->nsegments; k++) {
		if (k)
			buf_putc(w->out, ',');
		put_span(w, q->segments[k], false);
	}
	PUT(w, "],\"cue\":");
	if (q->has_cue) {
		PUT(w, "{\"start\":");
		put_offset(w, q->cue.start);
		PUT(w, ",\"end\":");
		put_offset(w, q->cue.end);
		PUT(w, ",\"text\":");
		put_span_text(w, q->cue);
		PUT(w, ",\"lemma\":");
		put_str(w, q->cue_lemma);
		PUT(w, ",\"stance\":");
		put_ascii(w, ws_stance_name(q->stance));
		buf_putc(w->out, '}');
	} else {
		PUT(w, "null");
	}
	PUT(w, ",\"speaker\":");
	if (q->entity >= 0 && (size_t)q->entity < w->nentities) {
		const struct ws_entity *e = &w->entities[q->entity];

		PUT(w, "{\"entity\":");
		put_entity_id(w, q->entity);
		PUT(w, ",\"name\":");
		put_str(w, e->name);
		PUT(w, ",\"kind\":");
		put_ascii(w, ws_kind_name(e->kind));
		PUT(w, ",\"mention\":");
		put_span(w, q->mention, true);
		buf_putc(w->out, '}');
	} else {
		PUT(w, "null");
	}
	PUT(w, ",\"attribution\":");
	put_ascii(w, ws_attribution_name(q->attribution));
	PUT(w, ",\"rule\":");
	put_str(w, q->rule);
	PUT(w, ",\"confidence\":");
	put_confidence(w, q->confidence);
	PUT(w, ",\"paragraph\":");
	put_uint(w, q->paragraph);
	if (q->unclosed)
		PUT(w, ",\"unclosed\":true");
	buf_putc(w->out, '}');
}

static void put_entity(struct writer *w, const struct ws_entity *e, size_t i)
{
	uint32_t k;

	PUT(w, "{\"id\":");
	put_id(w, 'e', i);
	PUT(w, ",\"name\":");
	put_str(w, e->name);
	PUT(w, ",\"kind\":");
	put_ascii(w, ws_kind_name(e->kind));
	PUT(w, ",\"titles\":[");
	for (k = 0; k < e->ntitles; k++) {
		if (k)
			buf_putc(w->out, ',');
		put_str(w, e->titles[k]);
	}
	PUT(w, "],\"anonymous\":");
	if (e->anonymous)
		PUT(w, "true");
	else
		PUT(w, "false");
	if (e->anonymity_reason) {
		PUT(w, ",\"anonymity_reason\":");
		put_str(w, e->anonymity_reason);
	}
	PUT(w, ",\"mentions\":[");
	for (k = 0; k < e->nmentions; k++) {
		if (k)
			buf_putc(w->out, ',');
		put_span(w, e->mentions[k], true);
	}
	PUT(w, "]}");
}

static void put_speaker(struct writer *w, const struct ws_speaker *s)
{
	uint32_t k;

	PUT(w, "{\"entity\":");
	put_entity_id(w, s->entity);
	if (s->entity >= 0 && (size_t)s->entity < w->nentities) {
		const struct ws_entity *e = &w->entities[s->entity];

		PUT(w, ",\"name\":");
		put_str(w, e->name);
		PUT(w, ",\"kind\":");
		put_ascii(w, ws_kind_name(e->kind));
	} else {
		PUT(w, ",\"name\":null,\"kind\":null");
	}
	PUT(w, ",\"quotes\":[");
	for (k = 0; k < s->nquotes; k++) {
		if (k)
			buf_putc(w->out, ',');
		put_id(w, 'q', s->quotes[k]);
	}
	PUT(w, "],\"direct\":");
	put_uint(w, s->direct);
	PUT(w, ",\"mixed\":");
	put_uint(w, s->mixed);
	PUT(w, ",\"indirect\":");
	put_uint(w, s->indirect);
	PUT(w, ",\"words\":");
	put_uint(w, s->words);
	buf_putc(w->out, '}');
}

static void put_non_quote(struct writer *w, const struct ws_non_quote *nq)
{
	PUT(w, "{\"kind\":");
	put_ascii(w, ws_non_quote_kind_name(nq->kind));
	PUT(w, ",\"entity\":");
	put_entity_id(w, nq->entity);
	PUT(w, ",\"start\":");
	put_offset(w, nq->span.start);
	PUT(w, ",\"end\":");
	put_offset(w, nq->span.end);
	PUT(w, ",\"text\":");
	put_span_text(w, nq->span);
	buf_putc(w->out, '}');
}

static const char *unit_name(enum ws_unit unit)
{
	switch (unit) {
	case WS_UNIT_CODEPOINT:
		return "codepoint";
	case WS_UNIT_UTF16:
		return "utf16";
	case WS_UNIT_UTF8:
		return "utf8";
	}
	return NULL;
}

int api_write_annotate(struct buf *out, const struct ws_doc *doc,
                       enum ws_unit unit, const char *id, size_t id_len,
                       const char *extra, size_t extra_len)
{
	struct writer w = {.out = out, .doc = doc, .unit = unit};
	const struct ws_quote *quotes;
	const struct ws_speaker *speakers;
	const struct ws_non_quote *nqs;
	size_t nquotes, nspeakers, nnqs, i;

	if (!doc || !unit_name(unit))
		return -EINVAL;
	w.text = ws_doc_text(doc, &w.len);
	w.entities = ws_doc_entities(doc, &w.nentities);
	quotes = ws_doc_quotes(doc, &nquotes);
	speakers = ws_doc_speakers(doc, &nspeakers);
	nqs = ws_doc_non_quotes(doc, &nnqs);

	buf_putc(out, '{');
	if (id) {
		PUT(&w, "\"id\":");
		buf_append(out, id, id_len);
		buf_putc(out, ',');
	}
	PUT(&w, "\"engine\":{\"version\":");
	put_str(&w, WS_VERSION);
	PUT(&w, ",\"rules\":");
	put_str(&w, ws_rules_version());
	buf_putc(out, '}');
	if (extra) {
		buf_putc(out, ',');
		buf_append(out, extra, extra_len);
	}
	PUT(&w, ",\"offsets\":");
	put_ascii(&w, unit_name(unit));

	PUT(&w, ",\"quotes\":[");
	for (i = 0; i < nquotes && !w.err; i++) {
		if (i)
			buf_putc(out, ',');
		put_quote(&w, &quotes[i], i);
	}
	PUT(&w, "],\"entities\":[");
	for (i = 0; i < w.nentities && !w.err; i++) {
		if (i)
			buf_putc(out, ',');
		put_entity(&w, &w.entities[i], i);
	}
	PUT(&w, "],\"speakers\":[");
	for (i = 0; i < nspeakers && !w.err; i++) {
		if (i)
			buf_putc(out, ',');
		put_speaker(&w, &speakers[i]);
	}
	PUT(&w, "],\"non_quotes\":[");
	for (i = 0; i < nnqs && !w.err; i++) {
		if (i)
			buf_putc(out, ',');
		put_non_quote(&w, &nqs[i]);
	}
	buf_putc(out, ']');
	if (ws_doc_repaired(doc))
		PUT(&w, ",\"repaired\":true");
	buf_putc(out, '}');
	return w.err ? w.err : out->err;
}
