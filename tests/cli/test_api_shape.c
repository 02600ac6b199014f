/*
 * test_api_shape.c - api.c on a hand-made document. This file defines
 * the engine's document accessors itself (the test does not link the
 * engine), so every part of the shape is exercised whatever the engine
 * finds today: split quotes, missing cue and speaker, unclosed quotes,
 * anonymous entities, non-quotes with and without an entity.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api.h"
#include "span_check.h"

/* ---- a fake engine: just the accessors api.c calls ---------------------- */

struct ws_doc {
	const char *text;
	size_t len;
	bool repaired;
	struct ws_quote quotes[4];
	struct ws_entity entities[3];
	struct ws_speaker speakers[2];
	struct ws_non_quote non_quotes[2];
};

const char *ws_doc_text(const struct ws_doc *doc, size_t *len)
{
	*len = doc->len;
	return doc->text;
}

bool ws_doc_repaired(const struct ws_doc *doc)
{
	return doc->repaired;
}

const struct ws_quote *ws_doc_quotes(const struct ws_doc *doc, size_t *n)
{
	*n = 4;
	return doc->quotes;
}

const struct ws_entity *ws_doc_entities(const struct ws_doc *doc, size_t *n)
{
	*n = 3;
	return doc->entities;
}

const struct ws_speaker *ws_doc_speakers(const struct ws_doc *doc, size_t *n)
{
	*n = 2;
	return doc->speakers;
}

const struct ws_non_quote *ws_doc_non_quotes(const struct ws_doc *doc,
                                             size_t *n)
{
	*n = 2;
	return doc->non_quotes;
}

uint32_t ws_doc_offset(const struct ws_doc *doc, uint32_t byte,
                       enum ws_unit unit)
{
	uint32_t i = 0, units = 0;

	while (i < byte) {
		unsigned char c = (unsigned char)doc->text[i];
		unsigned n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

		i += n;
		units += unit == WS_UNIT_UTF8              ? n
		         : unit == WS_UNIT_UTF16 && n == 4 ? 2
		                                           : 1;
	}
	return units;
}

const char *ws_quote_type_name(enum ws_quote_type t)
{
	static const char *const n[] = {"direct", "mixed", "indirect"};

	return n[t];
}

const char *ws_kind_name(enum ws_kind k)
{
	static const char *const n[] = {"person", "organization", "group",
	                                "anonymous"};

	return n[k];
}

const char *ws_attribution_name(enum ws_attribution a)
{
	static const char *const n[] = {"explicit", "according_to", "inherited",
	                                "coreference"};

	return n[a];
}

const char *ws_stance_name(enum ws_stance s)
{
	static const char *const n[] = {"neutral",  "assertive", "concessive",
	                                "critical", "directive", "epistemic"};

	return n[s];
}

const char *ws_non_quote_kind_name(enum ws_non_quote_kind k)
{
	static const char *const n[] = {"declined_comment", "no_response"};

	return n[k];
}

const char *ws_rules_version(void)
{
	return "test.1";
}

/* ---- the document ------------------------------------------------------- */

/* 4-byte emoji, 1 code point, 2 UTF-16 units, then a quote at byte 5. */
static const char text[] =
	"\xF0\x9F\x98\x80 \"We will win,\" Mayor Ana Ruiz said. \"Taxes stay,\" "
	"she added, \"and so do I.\"\n\n"
	"An aide, who asked not to be named, said the plan was ready. The "
	"ministry declined to comment. Nobody answered.";

static struct ws_span find(const char *needle, unsigned nth)
{
	const char *p = text;
	struct ws_span s;

	for (;;) {
		p = strstr(p, needle);
		assert_non_null(p);
		if (nth-- == 0)
			break;
		p++;
	}
	s.start = (uint32_t)(p - text);
	s.end = s.start + (uint32_t)strlen(needle);
	return s;
}

static struct ws_span seg[2], seg_q1, seg_q3, seg_q4, mentions0[2],
	mentions1[1], mentions2[1];
static const char *const titles0[] = {"Mayor"};
static const uint32_t sp0_quotes[] = {0, 1}, sp1_quotes[] = {2};
static struct ws_doc fake;

static void build_doc(void)
{
	struct ws_quote *q = fake.quotes;
	struct ws_entity *e = fake.entities;

	memset(&fake, 0, sizeof(fake));
	fake.text = text;
	fake.len = sizeof(text) - 1;

	seg_q1 = find("\"We will win,\"", 0);
	q[0].type = WS_QUOTE_DIRECT;
	q[0].content = seg_q1;
	q[0].segments = &seg_q1;
	q[0].nsegments = 1;
	q[0].has_cue = true;
	q[0].cue = find("said", 0);
	q[0].cue_lemma = "say";
	q[0].stance = WS_STANCE_NEUTRAL;
	q[0].entity = 0;
	q[0].mention = find("Mayor Ana Ruiz", 0);
	q[0].attribution = WS_ATTR_EXPLICIT;
	q[0].rule = "quote-comma-said-name";
	q[0].confidence = 0.7f;

	seg[0] = find("\"Taxes stay,\"", 0);
	seg[1] = find("\"and so do I.\"", 0);
	q[1].type = WS_QUOTE_DIRECT;
	q[1].content.start = seg[0].start;
	q[1].content.end = seg[1].end;
	q[1].segments = seg;
	q[1].nsegments = 2;
	q[1].has_cue = true;
	q[1].cue = find("added", 0);
	q[1].cue_lemma = "add";
	q[1].stance = WS_STANCE_ASSERTIVE;
	q[1].entity = 0;
	q[1].mention = find("she", 0);
	q[1].attribution = WS_ATTR_COREFERENCE;
	q[1].rule = "quote-split";
	q[1].confidence = 0.9f;

	seg_q3 = find("the plan was ready", 0);
	q[2].type = WS_QUOTE_INDIRECT;
	q[2].content = seg_q3;
	q[2].segments = &seg_q3;
	q[2].nsegments = 1;
	q[2].has_cue = true;
	q[2].cue = find("said", 1);
	q[2].cue_lemma = "say";
	q[2].stance = WS_STANCE_NEUTRAL;
	q[2].entity = 1;
	q[2].mention = find("An aide", 0);
	q[2].attribution = WS_ATTR_EXPLICIT;
	q[2].rule = "indirect-said-that";
	q[2].confidence = 0.123456f;
	q[2].paragraph = 1;

	/* No cue, no speaker, no rule name, out-of-range confidence. */
	seg_q4 = find("\"and so do I.\"", 0);
	q[3].type = WS_QUOTE_MIXED;
	q[3].content = seg_q4;
	q[3].segments = &seg_q4;
	q[3].nsegments = 1;
	q[3].entity = -1;
	q[3].attribution = WS_ATTR_INHERITED;
	q[3].confidence = 1.5f;
	q[3].unclosed = true;

	mentions0[0] = find("Mayor Ana Ruiz", 0);
	mentions0[1] = find("she", 0);
	e[0].name = "Ana Ruiz";
	e[0].kind = WS_KIND_PERSON;
	e[0].titles = titles0;
	e[0].ntitles = 1;
	e[0].mentions = mentions0;
	e[0].nmentions = 2;

	mentions1[0] = find("An aide", 0);
	e[1].name = "an aide";
	e[1].kind = WS_KIND_ANONYMOUS;
	e[1].anonymous = true;
	e[1].anonymity_reason = "asked not to be named";
	e[1].mentions = mentions1;
	e[1].nmentions = 1;

	mentions2[0] = find("The ministry", 0);
	e[2].name = "The ministry";
	e[2].kind = WS_KIND_ORGANIZATION;
	e[2].mentions = mentions2;
	e[2].nmentions = 1;

	fake.speakers[0].entity = 0;
	fake.speakers[0].quotes = sp0_quotes;
	fake.speakers[0].nquotes = 2;
	fake.speakers[0].direct = 2;
	fake.speakers[0].words = 8;
	fake.speakers[1].entity = 1;
	fake.speakers[1].quotes = sp1_quotes;
	fake.speakers[1].nquotes = 1;
	fake.speakers[1].indirect = 1;
	fake.speakers[1].words = 4;

	fake.non_quotes[0].kind = WS_NQ_DECLINED_COMMENT;
	fake.non_quotes[0].entity = 2;
	fake.non_quotes[0].span = find("The ministry declined to comment.", 0);
	fake.non_quotes[1].kind = WS_NQ_NO_RESPONSE;
	fake.non_quotes[1].entity = -1;
	fake.non_quotes[1].span = find("Nobody answered.", 0);
}

/* ---- tests -------------------------------------------------------------- */

static json_t *path(json_t *root, const char *arr, size_t i, const char *key)
{
	json_t *o = json_array_get(json_object_get(root, arr), i);

	return key ? json_object_get(o, key) : o;
}

static json_int_t ival(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *sval(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void test_every_unit(void **state)
{
	static const enum ws_unit units[] = {WS_UNIT_CODEPOINT, WS_UNIT_UTF16,
	                                     WS_UNIT_UTF8};
	size_t u;

	(void)state;
	for (u = 0; u < 3; u++) {
		json_t *j = api_doc_json(&fake, units[u]);

		assert_non_null(j);
		/* 4 contents, 5 segments, 3 cues, 3 mentions; 4 entity
		 * mentions; 2 non-quotes. */
		assert_int_equal(check_doc_json(j, text, sizeof(text) - 1,
		                                units[u]),
		                 4 + 5 + 3 + 3 + 4 + 2);
		json_decref(j);
	}
}

static void test_values(void **state)
{
	json_t *cp = api_doc_json(&fake, WS_UNIT_CODEPOINT);
	json_t *u16 = api_doc_json(&fake, WS_UNIT_UTF16);
	json_t *u8 = api_doc_json(&fake, WS_UNIT_UTF8);
	json_t *q, *e;
	const char *key;
	json_t *v;
	size_t k = 0;
	static const char *const q_keys[] = {
		"id",      "type",        "content", "segments",   "cue",
		"speaker", "attribution", "rule",    "confidence", "paragraph"};

	(void)state;
	assert_non_null(cp);
	assert_non_null(u16);
	assert_non_null(u8);

	/* The emoji: one code point, two UTF-16 units, four bytes. */
	assert_int_equal(ival(path(cp, "quotes", 0, "content"), "start"), 2);
	assert_int_equal(ival(path(u16, "quotes", 0, "content"), "start"), 3);
	assert_int_equal(ival(path(u8, "quotes", 0, "content"), "start"), 5);
	assert_string_equal(sval(path(cp, "quotes", 0, "content"), "text"),
	                    "\"We will win,\"");

	q = path(cp, "quotes", 0, NULL);
	json_object_foreach(q, key, v)
	{
		assert_true(k < sizeof(q_keys) / sizeof(q_keys[0]));
		assert_string_equal(key, q_keys[k]);
		k++;
	}
	assert_int_equal(k, sizeof(q_keys) / sizeof(q_keys[0]));
	assert_string_equal(sval(q, "id"), "q1");
	assert_string_equal(sval(q, "type"), "direct");
	assert_string_equal(sval(json_object_get(q, "cue"), "lemma"), "say");
	assert_string_equal(sval(json_object_get(q, "cue"), "stance"),
	                    "neutral");
	assert_string_equal(sval(json_object_get(q, "speaker"), "entity"),
	                    "e1");
	assert_string_equal(sval(json_object_get(q, "speaker"), "name"),
	                    "Ana Ruiz");
	assert_string_equal(sval(json_object_get(q, "speaker"), "kind"),
	                    "person");
	assert_string_equal(
		sval(json_object_get(json_object_get(q, "speaker"), "mention"),
	             "text"),
		"Mayor Ana Ruiz");
	assert_string_equal(sval(q, "attribution"), "explicit");

	q = path(cp, "quotes", 1, NULL);
	assert_string_equal(sval(q, "id"), "q2");
	assert_int_equal(json_array_size(json_object_get(q, "segments")), 2);
	assert_string_equal(sval(q, "attribution"), "coreference");
	assert_null(json_object_get(q, "unclosed"));

	q = path(cp, "quotes", 2, NULL);
	assert_int_equal(ival(q, "paragraph"), 1);
	assert_true(json_real_value(json_object_get(q, "confidence")) == 0.123);
	assert_string_equal(sval(json_object_get(q, "speaker"), "entity"),
	                    "e2");

	q = path(cp, "quotes", 3, NULL);
	assert_string_equal(sval(q, "id"), "q4");
	assert_true(json_is_null(json_object_get(q, "cue")));
	assert_true(json_is_null(json_object_get(q, "speaker")));
	assert_true(json_is_null(json_object_get(q, "rule")));
	assert_true(json_is_true(json_object_get(q, "unclosed")));
	assert_true(json_real_value(json_object_get(q, "confidence")) == 1.0);

	e = path(cp, "entities", 0, NULL);
	assert_string_equal(sval(e, "id"), "e1");
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(e, "titles"), 0)),
	                    "Mayor");
	assert_true(json_is_false(json_object_get(e, "anonymous")));
	assert_null(json_object_get(e, "anonymity_reason"));
	e = path(cp, "entities", 1, NULL);
	assert_true(json_is_true(json_object_get(e, "anonymous")));
	assert_string_equal(sval(e, "anonymity_reason"),
	                    "asked not to be named");
	assert_string_equal(sval(e, "kind"), "anonymous");

	e = path(cp, "speakers", 0, NULL);
	assert_string_equal(sval(e, "entity"), "e1");
	assert_string_equal(sval(e, "name"), "Ana Ruiz");
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(e, "quotes"), 1)),
	                    "q2");
	assert_int_equal(ival(e, "words"), 8);

	e = path(cp, "non_quotes", 0, NULL);
	assert_string_equal(sval(e, "kind"), "declined_comment");
	assert_string_equal(sval(e, "entity"), "e3");
	assert_string_equal(sval(e, "text"),
	                    "The ministry declined to comment.");
	e = path(cp, "non_quotes", 1, NULL);
	assert_string_equal(sval(e, "kind"), "no_response");
	assert_true(json_is_null(json_object_get(e, "entity")));

	assert_null(json_object_get(cp, "repaired"));
	json_decref(cp);
	json_decref(u16);
	json_decref(u8);
}

static void test_dump(void **state)
{
	json_t *j = api_doc_json(&fake, WS_UNIT_CODEPOINT);
	char *s;

	(void)state;
	s = json_dumps(j, JSON_COMPACT | API_DUMP_FLAGS);
	assert_non_null(s);
	assert_non_null(strstr(s, "{\"offsets\":\"codepoint\",\"quotes\":[{"
	                          "\"id\":\"q1\",\"type\":\"direct\","
	                          "\"content\":{\"start\":2,\"end\":16,"));
	assert_non_null(strstr(s, "\"confidence\":0.7,"));
	assert_non_null(strstr(s, "\"confidence\":0.9,"));
	assert_non_null(strstr(s, "\"confidence\":0.123,"));
	assert_non_null(strstr(s, "\"confidence\":1.0,"));
	free(s);
	json_decref(j);
}

static void test_repaired(void **state)
{
	json_t *j;

	(void)state;
	fake.repaired = true;
	j = api_doc_json(&fake, WS_UNIT_UTF16);
	fake.repaired = false;
	assert_true(json_is_true(json_object_get(j, "repaired")));
	json_decref(j);
}

/* ---- allocation failure at every step ----------------------------------- */

static long live, fail_at, calls;

static void *chaos_malloc(size_t size)
{
	void *p;

	if (++calls == fail_at)
		return NULL;
	p = malloc(size);
	if (p)
		live++;
	return p;
}

static void chaos_free(void *p)
{
	if (p)
		live--;
	free(p);
}

static void test_chaos(void **state)
{
	json_t *id, *j = NULL;
	int which;

	(void)state;
	json_set_alloc_funcs(chaos_malloc, chaos_free);
	for (which = 0; which < 2; which++) {
		for (fail_at = 1;; fail_at++) {
			/* id is made before the failures start counting. */
			calls = LONG_MIN;
			id = which ? json_string("doc-1") : NULL;
			calls = 0;
			j = which ? api_annotate_response(&fake, WS_UNIT_UTF16,
			                                  id)
			          : api_doc_json(&fake, WS_UNIT_UTF16);
			json_decref(id);
			if (j)
				break;
			assert_int_equal(live, 0);
		}
		assert_true(fail_at > 100);
		json_decref(j);
		assert_int_equal(live, 0);
	}
	fail_at = 0;
	json_set_alloc_funcs(malloc, free);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_unit),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_repaired),
		cmocka_unit_test(test_chaos),
	};

	json_object_seed(0);
	build_doc();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
