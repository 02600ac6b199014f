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
	/* out's free bytes: [p, end). Every write checks for exactly the
	 * bytes it makes, through room(), and moves p; out->len follows
	 * in sync() (at the end, and before the buffer grows). Keeping the
	 * cursor here rather than in out saves reloading out's length, cap
	 * and error around every store (no strict aliasing). */
	char *p, *end;
	const struct ws_doc *doc;
	enum ws_unit unit;
	const char *text;
	size_t len;
	const struct ws_entity *entities;
	size_t nentities;
	int err; /* -EINVAL: a bad span or string; out->err for the rest */
};

/* An 8-byte load is eight bytes in text order only when little-endian;
 * elsewhere the byte-at-a-time paths do all the work. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WRITE_LITTLE_ENDIAN 1
#else
#define WRITE_LITTLE_ENDIAN 0
#endif

/* ---- the cursor --------------------------------------------------------- */

static void writer_init(struct writer *w, struct buf *out)
{
	w->out = out;
	w->p = w->end = NULL;
	w->err = 0;
}

/* Give out the bytes written since the last sync. */
static void sync(struct writer *w)
{
	if (w->p)
		w->out->len = (size_t)(w->p - w->out->data);
}

/* room()'s slow path: grow out for n more bytes, or fail with out's
 * sticky error (then every later write fails here too). */
static bool grow(struct writer *w, size_t n)
{
	struct buf *b = w->out;

	sync(w);
	if (buf_reserve(b, n)) {
		w->p = w->end = NULL;
		return false;
	}
	w->p = b->data + b->len;
	w->end = b->data + b->cap;
	return true;
}

/* Is there room for n more bytes (after growing if need be)? */
static inline bool room(struct writer *w, size_t n)
{
	return (w->p && (size_t)(w->end - w->p) >= n) || grow(w, n);
}

static inline void put_bytes(struct writer *w, const void *s, size_t n)
{
	if (n && room(w, n)) {
		memcpy(w->p, s, n);
		w->p += n;
	}
}

static inline void put_char(struct writer *w, char c)
{
	if (room(w, 1))
		*w->p++ = c;
}

/* ---- scalars ------------------------------------------------------------ */

/* A string literal, its length known at compile time. */
#define PUT(w, lit) put_bytes(w, lit, sizeof(lit) - 1)

/* "00" to "99": two digits a division. */
static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

/*
 * A number in decimal. Offsets, counts and indexes are all below 2^32
 * (the engine's texts are under 1 GiB): 32-bit divisions, two digits
 * at a time, written straight into the buffer from the right.
 */
static void put_uint(struct writer *w, uint32_t v)
{
	unsigned n = v < 10           ? 1
	             : v < 100        ? 2
	             : v < 1000       ? 3
	             : v < 10000      ? 4
	             : v < 100000     ? 5
	             : v < 1000000    ? 6
	             : v < 10000000   ? 7
	             : v < 100000000  ? 8
	             : v < 1000000000 ? 9
	                              : 10;
	char *end;

	if (!room(w, n))
		return;
	end = w->p + n;
	w->p = end;
	while (v >= 100) {
		end -= 2;
		memcpy(end, digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		end -= 2;
		memcpy(end, digit_pairs + 2 * v, 2);
	} else {
		*--end = (char)('0' + v);
	}
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

/* Does the byte need a look of its own: a control character, '"' or
 * '\\', or (when `check`) a byte of a multi-byte sequence? */
static inline bool special(unsigned char c, bool check)
{
	return c < 0x20 || c == '"' || c == '\\' || (check && c >= 0x80);
}

/*
 * Bit 7 set in each byte of x that special() picks, and nowhere else.
 * Exact byte by byte (no borrow runs from one byte into the next), so
 * the lowest bit set is the first such byte and a mask may drop bytes.
 */
static inline uint64_t special8(uint64_t x, bool check)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = ones * 0x80, low7 = ~high;
	uint64_t q = x ^ ones * '"', b = x ^ ones * '\\', m;

	/* 7-bit values plus 0x60 reach bit 7 from 0x20 up. */
	m = ~((x & low7) + ones * 0x60) & ~x;
	/* A byte of q (or b) is zero when neither its low 7 bits plus
	 * 0x7F nor its own bit 7 reaches bit 7. */
	m |= ~(((q & low7) + low7) | q);
	m |= ~(((b & low7) + low7) | b);
	if (check)
		m |= x;
	return m & high;
}

/* The first of bytes 0..k-1 as bit 7 of each (k in 1..7). */
static inline uint64_t first_bytes(size_t k)
{
	return (UINT64_C(1) << (8 * k)) - 1;
}

/*
 * The end of the bytes from i that need no escape: at n or at a byte
 * special() picks. `avail` (>= n) bytes may be read from p: a short
 * run is read 8 bytes at a time from the text around it.
 */
static size_t plain_run(const unsigned char *p, size_t i, size_t n,
                        size_t avail, bool check)
{
	uint64_t x, m;

	if (WRITE_LITTLE_ENDIAN) {
		for (; n - i >= 8; i += 8) {
			memcpy(&x, p + i, 8);
			m = special8(x, check);
			if (m)
				return i + ((size_t)__builtin_ctzll(m) >> 3);
		}
		if (i == n)
			return n;
		if (avail - i >= 8) {
			/* The n - i bytes left and some after them. */
			memcpy(&x, p + i, 8);
			m = special8(x, check) & first_bytes(n - i);
			return m ? i + ((size_t)__builtin_ctzll(m) >> 3) : n;
		}
		if (n >= 8) {
			/* The last 8 bytes, of which the first few are done. */
			size_t from = n - 8;

			memcpy(&x, p + from, 8);
			m = special8(x, check) & ~first_bytes(i - from);
			return m ? from + ((size_t)__builtin_ctzll(m) >> 3) : n;
		}
	}
	while (i < n && !special(p[i], check))
		i++;
	return i;
}

/*
 * Escape n bytes of s into the writer. `check` validates UTF-8 as it
 * goes; without it the caller vouches for the bytes. `avail` as in
 * plain_run(). Returns false when they are not UTF-8.
 */
static bool escape(struct writer *w, const char *s, size_t n, size_t avail,
                   bool check)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run, k;

	while (i < n) {
		char esc[6];

		run = plain_run(p, i, n, avail, check);
		put_bytes(w, s + i, run - i);
		i = run;
		if (i == n)
			break;
		if (p[i] >= 0x80) {
			/* Only with `check`: a whole sequence, or a fault. */
			k = utf8_seq(p + i, n - i);
			if (!k)
				return false;
			put_bytes(w, s + i, k);
			i += k;
			continue;
		}
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
		put_bytes(w, esc, k);
		i++;
	}
	return true;
}

/* A JSON string of n bytes, checked for UTF-8; false when not UTF-8. */
static bool put_string(struct writer *w, const char *s, size_t n, size_t avail)
{
	bool ok;

	put_char(w, '"');
	ok = escape(w, s, n, avail, true);
	put_char(w, '"');
	return ok;
}

int api_write_string(struct buf *out, const char *s, size_t n)
{
	struct writer w;
	bool ok;

	writer_init(&w, out);
	ok = put_string(&w, s, n, n);
	sync(&w);
	return ok ? out->err : -EINVAL;
}

/* A NUL-terminated string checked for UTF-8, or null for NULL. */
static void put_str(struct writer *w, const char *s)
{
	size_t n;

	if (!s) {
		PUT(w, "null");
		return;
	}
	n = strlen(s);
	/* Its NUL may be read too. */
	if (!put_string(w, s, n, n + 1))
		w->err = -EINVAL;
}

/* ASCII the engine names (enum names, ids): nothing to escape. */
static void put_ascii(struct writer *w, const char *s)
{
	if (!s) {
		w->err = -EINVAL;
		return;
	}
	put_char(w, '"');
	put_bytes(w, s, strlen(s));
	put_char(w, '"');
}

static void put_id(struct writer *w, char prefix, size_t index)
{
	if (room(w, 2)) {
		w->p[0] = '"';
		w->p[1] = prefix;
		w->p += 2;
	}
	put_uint(w, (uint32_t)index + 1);
	put_char(w, '"');
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
	put_char(w, '"');
	/* The document's text lies around the span: it may be read. */
	escape(w, w->text + s.start, s.end - s.start, w->len - s.start, false);
	put_char(w, '"');
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
	put_char(w, '}');
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
	put_bytes(w, tmp, n);
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
			put_char(w, ',');
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
		put_char(w, '}');
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
		put_char(w, '}');
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
	put_char(w, '}');
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
			put_char(w, ',');
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
			put_char(w, ',');
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
			put_char(w, ',');
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
	put_char(w, '}');
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
	put_char(w, '}');
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

static int write_doc(struct buf *out, const struct ws_doc *doc,
                     enum ws_unit unit, const char *id, size_t id_len,
                     bool engine, const char *extra, size_t extra_len)
{
	struct writer w = {.doc = doc, .unit = unit};
	const struct ws_quote *quotes;
	const struct ws_speaker *speakers;
	const struct ws_non_quote *nqs;
	size_t nquotes, nspeakers, nnqs, i;

	if (!doc || !unit_name(unit))
		return -EINVAL;
	writer_init(&w, out);
	w.text = ws_doc_text(doc, &w.len);
	w.entities = ws_doc_entities(doc, &w.nentities);
	quotes = ws_doc_quotes(doc, &nquotes);
	speakers = ws_doc_speakers(doc, &nspeakers);
	nqs = ws_doc_non_quotes(doc, &nnqs);

	put_char(&w, '{');
	if (id) {
		PUT(&w, "\"id\":");
		put_bytes(&w, id, id_len);
		put_char(&w, ',');
	}
	if (engine) {
		PUT(&w, "\"engine\":{\"version\":");
		put_str(&w, WS_VERSION);
		PUT(&w, ",\"rules\":");
		put_str(&w, ws_rules_version());
		PUT(&w, "},");
	}
	if (extra) {
		put_bytes(&w, extra, extra_len);
		put_char(&w, ',');
	}
	PUT(&w, "\"offsets\":");
	put_ascii(&w, unit_name(unit));

	PUT(&w, ",\"quotes\":[");
	for (i = 0; i < nquotes && !w.err; i++) {
		if (i)
			put_char(&w, ',');
		put_quote(&w, &quotes[i], i);
	}
	PUT(&w, "],\"entities\":[");
	for (i = 0; i < w.nentities && !w.err; i++) {
		if (i)
			put_char(&w, ',');
		put_entity(&w, &w.entities[i], i);
	}
	PUT(&w, "],\"speakers\":[");
	for (i = 0; i < nspeakers && !w.err; i++) {
		if (i)
			put_char(&w, ',');
		put_speaker(&w, &speakers[i]);
	}
	PUT(&w, "],\"non_quotes\":[");
	for (i = 0; i < nnqs && !w.err; i++) {
		if (i)
			put_char(&w, ',');
		put_non_quote(&w, &nqs[i]);
	}
	put_char(&w, ']');
	if (ws_doc_repaired(doc))
		PUT(&w, ",\"repaired\":true");
	put_char(&w, '}');
	sync(&w);
	return w.err ? w.err : out->err;
}

int api_write_annotate(struct buf *out, const struct ws_doc *doc,
                       enum ws_unit unit, const char *id, size_t id_len,
                       const char *extra, size_t extra_len)
{
	return write_doc(out, doc, unit, id, id_len, true, extra, extra_len);
}

int api_write_doc(struct buf *out, const struct ws_doc *doc, enum ws_unit unit,
                  const char *id, size_t id_len)
{
	return write_doc(out, doc, unit, id, id_len, false, NULL, 0);
}
