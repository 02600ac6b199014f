/*
 * test_engine.c - engine.c: the public API's contract. Bad arguments,
 * empty and invalid text, the repaired flag, who owns the text, the
 * names of the enums, and one engine shared by several threads.
 * (WS_ETOOBIG needs a text over 1 GiB: not tested.)
 */
#include "unit.h"

#include <pthread.h>
#include <string.h>

static const char story[] =
	"Mayor Ana Ruiz said the budget was balanced.\n\n"
	"\"We will not raise taxes,\" Ruiz told reporters. \"Not this "
	"year.\"\n\n"
	"The council declined to comment.\n";

static void test_create_free(void **state)
{
	struct ws_engine *eng = (struct ws_engine *)1;

	(void)state;
	assert_int_equal(ws_engine_create(NULL, NULL), WS_EINVAL);
	assert_int_equal(ws_engine_create(&eng, NULL), WS_OK);
	assert_non_null(eng);
	assert_true(ws_engine_cue_count(eng) > 0);
	ws_engine_free(eng);
	/* Destructors accept NULL. */
	ws_engine_free(NULL);
	ws_doc_free(NULL);
}

static void test_bad_args(void **state)
{
	struct ws_doc *doc = (struct ws_doc *)1;
	struct ws_engine *eng;

	(void)state;
	assert_int_equal(ws_engine_create(&eng, NULL), WS_OK);
	assert_int_equal(ws_annotate(NULL, "x", 1, 0, &doc, NULL), WS_EINVAL);
	assert_int_equal(ws_annotate(eng, "x", 1, 0, NULL, NULL), WS_EINVAL);
	assert_int_equal(ws_annotate(eng, NULL, 1, 0, &doc, NULL), WS_EINVAL);
	ws_engine_free(eng);
}

static void test_empty_text(void **state)
{
	struct ws_engine *eng;
	struct ws_doc *doc;
	size_t n, len = 99;

	(void)state;
	assert_int_equal(ws_engine_create(&eng, NULL), WS_OK);
	/* NULL with length 0 is the empty text. */
	assert_int_equal(ws_annotate(eng, NULL, 0, 0, &doc, NULL), WS_OK);
	assert_non_null(ws_doc_text(doc, &len));
	assert_int_equal(len, 0);
	ws_doc_quotes(doc, &n);
	assert_int_equal(n, 0);
	ws_doc_entities(doc, &n);
	assert_int_equal(n, 0);
	ws_doc_speakers(doc, &n);
	assert_int_equal(n, 0);
	ws_doc_non_quotes(doc, &n);
	assert_int_equal(n, 0);
	assert_int_equal(ws_doc_paragraphs(doc), 0);
	assert_false(ws_doc_repaired(doc));
	assert_int_equal(ws_doc_offset(doc, 0, WS_UNIT_UTF16), 0);
	ws_doc_free(doc);
	/* White space only. */
	assert_int_equal(ws_annotate(eng, " \n\n\t ", 5, 0, &doc, NULL), WS_OK);
	ws_doc_quotes(doc, &n);
	assert_int_equal(n, 0);
	assert_int_equal(ws_doc_paragraphs(doc), 0);
	ws_doc_free(doc);
	ws_engine_free(eng);
}

static void test_invalid_utf8(void **state)
{
	static const char bad[] = "\"Caf\xC3\xA9 \xC0\xAF owners,\" Ana said.";
	struct ws_engine *eng;
	struct ws_doc *doc = (struct ws_doc *)1;
	struct ws_error err;
	const char *text;
	size_t len;

	(void)state;
	assert_int_equal(ws_engine_create(&eng, NULL), WS_OK);
	memset(&err, 0, sizeof(err));
	assert_int_equal(ws_annotate(eng, bad, sizeof(bad) - 1, 0, &doc, &err),
	                 WS_EUTF8);
	assert_null(doc);
	assert_int_equal(err.code, WS_EUTF8);
	assert_int_equal(err.offset, 7);
	assert_true(strlen(err.message) > 0);
	/* err is optional. */
	assert_int_equal(ws_annotate(eng, bad, sizeof(bad) - 1, 0, &doc, NULL),
	                 WS_EUTF8);

	/* Repaired: a copy the document owns, two U+FFFD for C0 AF. */
	assert_int_equal(ws_annotate(eng, bad, sizeof(bad) - 1, WS_REPAIR_UTF8,
	                             &doc, &err),
	                 WS_OK);
	assert_true(ws_doc_repaired(doc));
	text = ws_doc_text(doc, &len);
	assert_ptr_not_equal(text, bad);
	assert_int_equal(len, sizeof(bad) - 1 + 4);
	assert_memory_equal(
		text, "\"Caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD owners", 20);
	assert_int_equal(ws_doc_offset(doc, 13, WS_UNIT_CODEPOINT), 8);
	ws_doc_free(doc);
	ws_engine_free(eng);
}

/* Valid text is borrowed, not copied, even with WS_REPAIR_UTF8. */
static void test_borrowed_text(void **state)
{
	struct ws_engine *eng;
	struct ws_doc *doc;
	const struct ws_quote *q;
	size_t len, n, i;

	(void)state;
	assert_int_equal(ws_engine_create(&eng, NULL), WS_OK);
	assert_int_equal(ws_annotate(eng, story, sizeof(story) - 1,
	                             WS_REPAIR_UTF8, &doc, NULL),
	                 WS_OK);
	assert_ptr_equal(ws_doc_text(doc, &len), story);
	assert_int_equal(len, sizeof(story) - 1);
	assert_false(ws_doc_repaired(doc));
	assert_int_equal(ws_doc_paragraphs(doc), 3);
	q = ws_doc_quotes(doc, &n);
	assert_true(n >= 2);
	for (i = 0; i < n; i++) {
		assert_true(q[i].content.end <= len);
		assert_true(q[i].nsegments >= 1);
	}
	ws_doc_free(doc);

	/* The text need not be NUL-terminated: only len bytes are read. */
	assert_int_equal(ws_annotate(eng, story, 44, 0, &doc, NULL), WS_OK);
	q = ws_doc_quotes(doc, &n);
	for (i = 0; i < n; i++)
		assert_true(q[i].content.end <= 44);
	ws_doc_free(doc);
	ws_engine_free(eng);
}

static void test_strerror(void **state)
{
	static const int codes[] = {WS_OK,    WS_ENOMEM,  WS_EINVAL,
	                            WS_EUTF8, WS_ETOOBIG, WS_ELEXICON};
	size_t i, k;

	(void)state;
	for (i = 0; i < WS_ARRAY_LEN(codes); i++) {
		const char *s = ws_strerror(codes[i]);

		assert_non_null(s);
		assert_true(strlen(s) > 0);
		for (k = 0; k < i; k++)
			assert_string_not_equal(s, ws_strerror(codes[k]));
	}
	assert_string_equal(ws_strerror(-999), "unknown error");
	assert_string_equal(ws_strerror(1), "unknown error");
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(ws_quote_type_name(WS_QUOTE_DIRECT), "direct");
	assert_string_equal(ws_quote_type_name(WS_QUOTE_MIXED), "mixed");
	assert_string_equal(ws_quote_type_name(WS_QUOTE_INDIRECT), "indirect");
	assert_string_equal(ws_kind_name(WS_KIND_PERSON), "person");
	assert_string_equal(ws_kind_name(WS_KIND_ORGANIZATION), "organization");
	assert_string_equal(ws_kind_name(WS_KIND_GROUP), "group");
	assert_string_equal(ws_kind_name(WS_KIND_ANONYMOUS), "anonymous");
	assert_string_equal(ws_attribution_name(WS_ATTR_EXPLICIT), "explicit");
	assert_string_equal(ws_attribution_name(WS_ATTR_ACCORDING_TO),
	                    "according_to");
	assert_string_equal(ws_attribution_name(WS_ATTR_INHERITED),
	                    "inherited");
	assert_string_equal(ws_attribution_name(WS_ATTR_COREFERENCE),
	                    "coreference");
	assert_string_equal(ws_stance_name(WS_STANCE_NEUTRAL), "neutral");
	assert_string_equal(ws_stance_name(WS_STANCE_ASSERTIVE), "assertive");
	assert_string_equal(ws_stance_name(WS_STANCE_CONCESSIVE), "concessive");
	assert_string_equal(ws_stance_name(WS_STANCE_CRITICAL), "critical");
	assert_string_equal(ws_stance_name(WS_STANCE_DIRECTIVE), "directive");
	assert_string_equal(ws_stance_name(WS_STANCE_EPISTEMIC), "epistemic");
	assert_string_equal(ws_non_quote_kind_name(WS_NQ_DECLINED_COMMENT),
	                    "declined_comment");
	assert_string_equal(ws_non_quote_kind_name(WS_NQ_NO_RESPONSE),
	                    "no_response");
	/* Out of range: a placeholder, never a crash. */
	assert_string_equal(ws_quote_type_name((enum ws_quote_type)99), "?");
	assert_string_equal(ws_kind_name((enum ws_kind) - 1), "?");
	assert_string_equal(ws_attribution_name((enum ws_attribution)4), "?");
	assert_string_equal(ws_stance_name((enum ws_stance)6), "?");
	assert_string_equal(ws_non_quote_kind_name((enum ws_non_quote_kind)2),
	                    "?");
}

static void test_versions(void **state)
{
	(void)state;
	assert_true(strlen(WS_VERSION) > 0);
	assert_non_null(ws_rules_version());
	assert_true(strlen(ws_rules_version()) > 0);
}

/* The stance names are the ones a lexicon file takes. */
static void test_stance_names_parse(void **state)
{
	int s;

	(void)state;
	for (s = WS_STANCE_NEUTRAL; s <= WS_STANCE_EPISTEMIC; s++) {
		const char *name = ws_stance_name((enum ws_stance)s);
		enum ws_stance out;

		assert_true(ws__stance_parse(name, strlen(name), &out));
		assert_int_equal(out, s);
	}
}

/* A summary of a document to compare runs by. */
static size_t summary(const struct ws_doc *doc)
{
	const struct ws_quote *q;
	size_t n, i, h = 0;

	q = ws_doc_quotes(doc, &n);
	for (i = 0; i < n; i++)
		h = h * 31 + q[i].content.start * 7 + q[i].content.end +
		    (size_t)q[i].entity * 13 + q[i].type;
	ws_doc_entities(doc, &n);
	return h * 17 + n;
}

struct worker {
	const struct ws_engine *eng;
	size_t want;
	int bad;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	int i;

	for (i = 0; i < 200; i++) {
		struct ws_doc *doc;

		if (ws_annotate(w->eng, story, sizeof(story) - 1, 0, &doc,
		                NULL) != WS_OK) {
			w->bad++;
			continue;
		}
		if (summary(doc) != w->want)
			w->bad++;
		ws_doc_free(doc);
	}
	return NULL;
}

/* One engine, four threads annotating at once, the same answers. */
static void test_threads(void **state)
{
	struct worker w[4];
	pthread_t th[4];
	struct ws_engine *eng;
	struct ws_doc *doc;
	size_t want;
	int i;

	(void)state;
	assert_int_equal(ws_engine_create(&eng, NULL), WS_OK);
	assert_int_equal(ws_annotate(eng, story, sizeof(story) - 1, 0, &doc,
	                             NULL),
	                 WS_OK);
	want = summary(doc);
	ws_doc_free(doc);
	for (i = 0; i < 4; i++) {
		w[i].eng = eng;
		w[i].want = want;
		w[i].bad = 0;
		assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(w[i].bad, 0);
	}
	ws_engine_free(eng);
}

/* Every allocation goes through the caller's allocator. */
static void test_allocator_used(void **state)
{
	struct counting c = {0};
	struct ws_allocator al = counting_allocator(&c);
	struct ws_engine *eng;
	struct ws_doc *doc;
	size_t after_engine;

	(void)state;
	assert_int_equal(ws_engine_create(&eng, &al), WS_OK);
	assert_true(c.live > 0);
	after_engine = c.live;
	assert_int_equal(ws_annotate(eng, story, sizeof(story) - 1, 0, &doc,
	                             NULL),
	                 WS_OK);
	assert_true(c.live > after_engine);
	ws_doc_free(doc);
	assert_int_equal(c.live, after_engine);
	ws_engine_free(eng);
	assert_int_equal(c.live, 0);
	assert_int_equal(c.bytes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_free),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_empty_text),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_borrowed_text),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_stance_names_parse),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_allocator_used),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
