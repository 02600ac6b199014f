/*
 * span_check.c - see span_check.h. Deliberately independent of the
 * engine's offset code: offsets are converted back to bytes here by a
 * plain scan.
 */
#include "span_check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "api.h"

static unsigned seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	return 2;
}

size_t unit_to_byte(const char *text, size_t len, enum ws_unit unit,
                    json_int_t off)
{
	size_t i = 0;
	json_int_t units = 0;

	if (off < 0)
		return (size_t)-1;
	while (units < off && i < len) {
		unsigned n = seq_len((unsigned char)text[i]);

		i += n;
		if (unit == WS_UNIT_UTF8)
			units += n;
		else if (unit == WS_UNIT_UTF16)
			units += n == 4 ? 2 : 1;
		else
			units++;
	}
	return units == off && i <= len ? i : (size_t)-1;
}

struct ctx {
	const char *text;
	size_t len;
	enum ws_unit unit;
	size_t nquotes, nentities, spans;
};

static const json_t *get(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (!v)
		fail_msg("missing key \"%s\"", key);
	return v;
}

static void check_one_of(const json_t *v, const char *const *names)
{
	const char *s;

	assert_true(json_is_string(v));
	s = json_string_value(v);
	for (; *names; names++)
		if (strcmp(*names, s) == 0)
			return;
	fail_msg("unexpected value \"%s\"", s);
}

static void check_string_or_null(const json_t *v)
{
	assert_true(json_is_string(v) || json_is_null(v));
}

/* A span object: "start" and "end", and "text" when with_text. */
static void check_span(struct ctx *c, const json_t *o, bool with_text)
{
	json_int_t s, e;
	size_t bs, be;

	assert_true(json_is_object(o));
	assert_true(json_is_integer(get(o, "start")));
	assert_true(json_is_integer(get(o, "end")));
	s = json_integer_value(get(o, "start"));
	e = json_integer_value(get(o, "end"));
	assert_true(0 <= s && s <= e);
	bs = unit_to_byte(c->text, c->len, c->unit, s);
	be = unit_to_byte(c->text, c->len, c->unit, e);
	if (bs == (size_t)-1 || be == (size_t)-1)
		fail_msg("span [%lld, %lld) is off the text's boundaries",
		         (long long)s, (long long)e);
	if (with_text) {
		const json_t *t = get(o, "text");

		assert_true(json_is_string(t));
		assert_int_equal(json_string_length(t), be - bs);
		if (memcmp(json_string_value(t), c->text + bs, be - bs) != 0)
			fail_msg(
				"span [%lld, %lld) text \"%s\" is not the slice",
				(long long)s, (long long)e,
				json_string_value(t));
	} else {
		assert_null(json_object_get(o, "text"));
	}
	c->spans++;
}

static void check_id(const json_t *v, char prefix, size_t index)
{
	char want[24];

	snprintf(want, sizeof(want), "%c%zu", prefix, index + 1);
	assert_true(json_is_string(v));
	assert_string_equal(json_string_value(v), want);
}

/* "eK" naming an existing entity, or null when null_ok. */
static void check_entity_ref(struct ctx *c, const json_t *v, bool null_ok)
{
	unsigned long k;
	char tail;

	if (json_is_null(v) && null_ok)
		return;
	assert_true(json_is_string(v));
	assert_int_equal(sscanf(json_string_value(v), "e%lu%c", &k, &tail), 1);
	assert_true(k >= 1 && k <= c->nentities);
}

static const char *const kinds[] = {"person", "organization", "group",
                                    "anonymous", NULL};

static void check_quote(struct ctx *c, const json_t *q, size_t i)
{
	static const char *const types[] = {"direct", "mixed", "indirect",
	                                    NULL};
	static const char *const attrs[] = {"explicit", "according_to",
	                                    "inherited", "coreference", NULL};
	static const char *const stances[] = {"neutral",    "assertive",
	                                      "concessive", "critical",
	                                      "directive",  "epistemic",
	                                      NULL};
	const json_t *segs, *cue, *sp, *v;
	size_t k;

	assert_true(json_is_object(q));
	check_id(get(q, "id"), 'q', i);
	check_one_of(get(q, "type"), types);
	check_span(c, get(q, "content"), true);
	segs = get(q, "segments");
	assert_true(json_is_array(segs));
	assert_true(json_array_size(segs) >= 1);
	for (k = 0; k < json_array_size(segs); k++)
		check_span(c, json_array_get(segs, k), false);
	cue = get(q, "cue");
	if (!json_is_null(cue)) {
		check_span(c, cue, true);
		check_string_or_null(get(cue, "lemma"));
		check_one_of(get(cue, "stance"), stances);
	}
	sp = get(q, "speaker");
	if (!json_is_null(sp)) {
		assert_true(json_is_object(sp));
		check_entity_ref(c, get(sp, "entity"), false);
		check_string_or_null(get(sp, "name"));
		check_one_of(get(sp, "kind"), kinds);
		check_span(c, get(sp, "mention"), true);
	}
	check_one_of(get(q, "attribution"), attrs);
	check_string_or_null(get(q, "rule"));
	v = get(q, "confidence");
	assert_true(json_is_real(v));
	assert_true(json_real_value(v) >= 0.0 && json_real_value(v) <= 1.0);
	assert_true(json_is_integer(get(q, "paragraph")));
	assert_true(json_integer_value(get(q, "paragraph")) >= 0);
	v = json_object_get(q, "unclosed");
	assert_true(!v || json_is_true(v));
	assert_int_equal(json_object_size(q), 10 + (v ? 1 : 0));
}

static void check_entity(struct ctx *c, const json_t *e, size_t i)
{
	const json_t *titles, *mentions, *reason;
	size_t k;

	assert_true(json_is_object(e));
	check_id(get(e, "id"), 'e', i);
	check_string_or_null(get(e, "name"));
	check_one_of(get(e, "kind"), kinds);
	titles = get(e, "titles");
	assert_true(json_is_array(titles));
	for (k = 0; k < json_array_size(titles); k++)
		assert_true(json_is_string(json_array_get(titles, k)));
	assert_true(json_is_boolean(get(e, "anonymous")));
	reason = json_object_get(e, "anonymity_reason");
	assert_true(!reason || json_is_string(reason));
	mentions = get(e, "mentions");
	assert_true(json_is_array(mentions));
	for (k = 0; k < json_array_size(mentions); k++)
		check_span(c, json_array_get(mentions, k), true);
	assert_int_equal(json_object_size(e), 6 + (reason ? 1 : 0));
}

static void check_speaker(struct ctx *c, const json_t *s)
{
	const json_t *quotes;
	json_int_t total = 0;
	size_t k;

	assert_true(json_is_object(s));
	check_entity_ref(c, get(s, "entity"), true);
	check_string_or_null(get(s, "name"));
	assert_true(json_is_string(get(s, "kind")) ||
	            json_is_null(get(s, "kind")));
	quotes = get(s, "quotes");
	assert_true(json_is_array(quotes));
	for (k = 0; k < json_array_size(quotes); k++) {
		unsigned long q;
		char tail;
		const json_t *v = json_array_get(quotes, k);

		assert_true(json_is_string(v));
		assert_int_equal(
			sscanf(json_string_value(v), "q%lu%c", &q, &tail), 1);
		assert_true(q >= 1 && q <= c->nquotes);
	}
	assert_true(json_is_integer(get(s, "direct")));
	assert_true(json_is_integer(get(s, "mixed")));
	assert_true(json_is_integer(get(s, "indirect")));
	assert_true(json_is_integer(get(s, "words")));
	total = json_integer_value(get(s, "direct")) +
	        json_integer_value(get(s, "mixed")) +
	        json_integer_value(get(s, "indirect"));
	assert_int_equal(total, json_array_size(quotes));
	assert_int_equal(json_object_size(s), 8);
}

static void check_non_quote(struct ctx *c, const json_t *n)
{
	static const char *const nq_kinds[] = {"declined_comment",
	                                       "no_response", NULL};

	assert_true(json_is_object(n));
	check_one_of(get(n, "kind"), nq_kinds);
	check_entity_ref(c, get(n, "entity"), true);
	check_span(c, n, true);
	assert_int_equal(json_object_size(n), 5);
}

size_t check_doc_json(const json_t *doc, const char *text, size_t len,
                      enum ws_unit unit)
{
	struct ctx c = {.text = text, .len = len, .unit = unit};
	const json_t *quotes, *entities, *speakers, *nqs;
	const char *key;
	json_t *v;
	size_t i;

	assert_true(json_is_object(doc));
	assert_true(json_is_string(get(doc, "offsets")));
	assert_string_equal(json_string_value(get(doc, "offsets")),
	                    api_unit_name(unit));
	quotes = get(doc, "quotes");
	entities = get(doc, "entities");
	speakers = get(doc, "speakers");
	nqs = get(doc, "non_quotes");
	assert_true(json_is_array(quotes));
	assert_true(json_is_array(entities));
	assert_true(json_is_array(speakers));
	assert_true(json_is_array(nqs));
	c.nquotes = json_array_size(quotes);
	c.nentities = json_array_size(entities);
	for (i = 0; i < c.nquotes; i++)
		check_quote(&c, json_array_get(quotes, i), i);
	for (i = 0; i < c.nentities; i++)
		check_entity(&c, json_array_get(entities, i), i);
	for (i = 0; i < json_array_size(speakers); i++)
		check_speaker(&c, json_array_get(speakers, i));
	for (i = 0; i < json_array_size(nqs); i++)
		check_non_quote(&c, json_array_get(nqs, i));
	json_object_foreach((json_t *)doc, key, v)
	{
		if (strcmp(key, "repaired") == 0)
			assert_true(json_is_true(v));
		else if (strcmp(key, "offsets") && strcmp(key, "quotes") &&
		         strcmp(key, "entities") && strcmp(key, "speakers") &&
		         strcmp(key, "non_quotes") && strcmp(key, "id") &&
		         strcmp(key, "engine"))
			fail_msg("unexpected key \"%s\"", key);
	}
	return c.spans;
}
