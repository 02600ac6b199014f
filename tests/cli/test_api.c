/*
 * test_api.c - api.c on documents made by the real engine. The engine is
 * evolving, so only the structure is asserted: keys, types, ids, and
 * that every span's "text" is the input's slice in the chosen unit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api.h"
#include "span_check.h"

/* Short sentences written for the test; the emoji shifts UTF-16 offsets. */
static const char *const texts[] = {
	"\xF0\x9F\x98\x80 \"We will win,\" Mayor Ana Ruiz said. \"The budget "
	"is fine.\"\n\n"
	"She added that taxes would not rise, according to an aide. The "
	"council declined to comment.\n",
	"Caf\xC3\xA9 owners said the rent was too high. \"It is a scandal,\" "
	"said Jo\xC3\xA3o Silva, a baker. \xF0\x9F\x8D\x9E\xF0\x9F\x8D\x9E "
	"\"We will close,\" he said.",
	"",
	"No quotes here at all.",
};

static struct ws_engine *eng;

static int setup(void **state)
{
	(void)state;
	return ws_engine_create(&eng, NULL);
}

static int teardown(void **state)
{
	(void)state;
	ws_engine_free(eng);
	return 0;
}

static void check_text(const char *text, unsigned flags)
{
	static const enum ws_unit units[] = {WS_UNIT_CODEPOINT, WS_UNIT_UTF16,
	                                     WS_UNIT_UTF8};
	struct ws_doc *doc = NULL;
	const char *dtext;
	size_t dlen, u;

	assert_int_equal(
		ws_annotate(eng, text, strlen(text), flags, &doc, NULL), WS_OK);
	dtext = ws_doc_text(doc, &dlen);
	for (u = 0; u < 3; u++) {
		json_t *j = api_doc_json(doc, units[u]);

		assert_non_null(j);
		check_doc_json(j, dtext, dlen, units[u]);
		assert_int_equal(json_is_true(json_object_get(j, "repaired")),
		                 ws_doc_repaired(doc));
		json_decref(j);
	}
	ws_doc_free(doc);
}

static void test_structure(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		check_text(texts[i], 0);
}

/* The same quote in code points and UTF-16 names the same bytes. */
static void test_units_agree(void **state)
{
	struct ws_doc *doc = NULL;
	json_t *cp, *u16;
	const char *text = texts[0];
	size_t len = strlen(text), i;

	(void)state;
	assert_int_equal(ws_annotate(eng, text, len, 0, &doc, NULL), WS_OK);
	cp = api_doc_json(doc, WS_UNIT_CODEPOINT);
	u16 = api_doc_json(doc, WS_UNIT_UTF16);
	assert_non_null(cp);
	assert_non_null(u16);
	assert_int_equal(json_array_size(json_object_get(cp, "quotes")),
	                 json_array_size(json_object_get(u16, "quotes")));
	for (i = 0; i < json_array_size(json_object_get(cp, "quotes")); i++) {
		json_t *a = json_object_get(
			json_array_get(json_object_get(cp, "quotes"), i),
			"content");
		json_t *b = json_object_get(
			json_array_get(json_object_get(u16, "quotes"), i),
			"content");
		json_int_t sa = json_integer_value(json_object_get(a, "start"));
		json_int_t sb = json_integer_value(json_object_get(b, "start"));

		/* One emoji precedes every quote of this text. */
		assert_int_equal(sb, sa + 1);
		assert_int_equal(unit_to_byte(text, len, WS_UNIT_CODEPOINT, sa),
		                 unit_to_byte(text, len, WS_UNIT_UTF16, sb));
	}
	json_decref(cp);
	json_decref(u16);
	ws_doc_free(doc);
}

static void test_repaired(void **state)
{
	struct ws_doc *doc = NULL;
	const char bad[] =
		"\"We won,\" she said. \xFF\xFE Then \"more,\" he said.";
	json_t *j;
	const char *dtext;
	size_t dlen;

	(void)state;
	assert_int_equal(ws_annotate(eng, bad, sizeof(bad) - 1, 0, &doc, NULL),
	                 WS_EUTF8);
	assert_null(doc);
	assert_int_equal(ws_annotate(eng, bad, sizeof(bad) - 1, WS_REPAIR_UTF8,
	                             &doc, NULL),
	                 WS_OK);
	j = api_doc_json(doc, WS_UNIT_UTF16);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "repaired")));
	dtext = ws_doc_text(doc, &dlen);
	check_doc_json(j, dtext, dlen, WS_UNIT_UTF16);
	json_decref(j);
	ws_doc_free(doc);

	check_text("\"Fine,\" he said.", 0);
	assert_int_equal(ws_annotate(eng, "ok", 2, 0, &doc, NULL), WS_OK);
	j = api_doc_json(doc, WS_UNIT_CODEPOINT);
	assert_null(json_object_get(j, "repaired"));
	json_decref(j);
	ws_doc_free(doc);
}

static void test_response(void **state)
{
	struct ws_doc *doc = NULL;
	json_t *id = json_string("doc-7"), *r, *eng_info;
	const char *text = texts[1];
	void *it;

	(void)state;
	assert_int_equal(ws_annotate(eng, text, strlen(text), 0, &doc, NULL),
	                 WS_OK);
	r = api_annotate_response(doc, WS_UNIT_CODEPOINT, id);
	assert_non_null(r);
	/* The response took its own reference to id. */
	assert_int_equal(id->refcount, 2);
	it = json_object_iter(r);
	assert_string_equal(json_object_iter_key(it), "id");
	assert_ptr_equal(json_object_iter_value(it), id);
	it = json_object_iter_next(r, it);
	assert_string_equal(json_object_iter_key(it), "engine");
	eng_info = json_object_iter_value(it);
	assert_string_equal(
		json_string_value(json_object_get(eng_info, "version")),
		WS_VERSION);
	assert_string_equal(
		json_string_value(json_object_get(eng_info, "rules")),
		ws_rules_version());
	it = json_object_iter_next(r, it);
	assert_string_equal(json_object_iter_key(it), "offsets");
	check_doc_json(r, text, strlen(text), WS_UNIT_CODEPOINT);
	json_decref(r);

	r = api_annotate_response(doc, WS_UNIT_UTF8, NULL);
	assert_non_null(r);
	assert_null(json_object_get(r, "id"));
	check_doc_json(r, text, strlen(text), WS_UNIT_UTF8);
	json_decref(r);
	json_decref(id);
	ws_doc_free(doc);
}

static void test_units(void **state)
{
	enum ws_unit u = WS_UNIT_UTF8;

	(void)state;
	assert_int_equal(api_parse_unit("codepoint", &u), 0);
	assert_int_equal(u, WS_UNIT_CODEPOINT);
	assert_int_equal(api_parse_unit("utf16", &u), 0);
	assert_int_equal(u, WS_UNIT_UTF16);
	assert_int_equal(api_parse_unit("utf8", &u), 0);
	assert_int_equal(u, WS_UNIT_UTF8);
	assert_int_equal(api_parse_unit("UTF16", &u), WS_EINVAL);
	assert_int_equal(api_parse_unit("", &u), WS_EINVAL);
	assert_int_equal(api_parse_unit(NULL, &u), WS_EINVAL);
	assert_int_equal(u, WS_UNIT_UTF8);
	assert_string_equal(api_unit_name(WS_UNIT_CODEPOINT), "codepoint");
	assert_string_equal(api_unit_name(WS_UNIT_UTF16), "utf16");
	assert_string_equal(api_unit_name(WS_UNIT_UTF8), "utf8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_units_agree),
		cmocka_unit_test(test_repaired),
		cmocka_unit_test(test_response),
		cmocka_unit_test(test_units),
	};

	json_object_seed(0);
	return cmocka_run_group_tests(tests, setup, teardown);
}
