/*
 * test_chaos.c - out of memory anywhere in the engine (jansson's
 * test_chaos): an allocator fails the Nth allocation, for N = 1, 2, ...
 * until a whole run succeeds. A run creates an engine, loads a cue file
 * and annotates a story with quotes of every kind, once as valid text
 * and once with invalid bytes repaired. Every failure must come back as
 * WS_ENOMEM (never a crash, never a silent success), the engine must be
 * unchanged and usable after a failed load, and once everything is freed
 * no allocation may be left. A second pass fails every allocation from
 * the Nth on.
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

static const char cues[] = "# chaos\n"
			   "harrumph\tcritical\tharrumph|harrumphed|harrumphs\n"
			   "let on\tneutral\tlet on|lets on\tobj\n";

/* Written for this test: every frame, mark style and feature. */
static const char story[] =
	"Mayor Says Budget Is Balanced\n\n"
	"Mayor Ana Ruiz said on Tuesday that the budget was balanced, "
	"according to a statement from City Hall. \xE2\x80\x9CWe will not "
	"raise taxes,\xE2\x80\x9D Ruiz told reporters. \xE2\x80\x9CNot this "
	"year, not next year.\xE2\x80\x9D\n\n"
	"\"The numbers are solid,\" said Tom Hale, a council member, adding "
	"that the city \"is in good shape.\" He harrumphed that critics had "
	"it wrong and warned that cuts would follow.\n\n"
	"\"First paragraph of a long quotation.\n\n"
	"\"Second paragraph of it.\n\n"
	"\"And the last,\" Hale said.\n\n"
	"The plan is a mistake, according to Lena M\xC3\xBCller, who called "
	"it \xE2\x80\x9E"
	"ein Fehler\xE2\x80\x9C and said \xC2\xAB"
	"assez"
	"\xC2\xBB. A person familiar with the matter, who spoke on condition "
	"of anonymity because the talks are private, said officials and "
	"diplomats let on that a deal was near.\n\n"
	"The White House declined to comment. The Kremlin did not "
	"immediately respond to a request for comment. Mr. Hale's office "
	"said the senators\xE2\x80\x99 votes were counted \xF0\x9F\x97\xB3.\n\n"
	"Jo Park and Lee Chan reported from Washington.\n";

struct outcome {
	size_t quotes, entities, non_quotes, speakers;
};

static void outcome_of(const struct ws_doc *doc, struct outcome *o)
{
	ws_doc_quotes(doc, &o->quotes);
	ws_doc_entities(doc, &o->entities);
	ws_doc_non_quotes(doc, &o->non_quotes);
	ws_doc_speakers(doc, &o->speakers);
}

/* One run with `c` failing as set; returns true when nothing failed. */
static bool run(struct counting *c, const char *bad, size_t badlen,
                struct outcome *valid, struct outcome *repaired)
{
	struct ws_allocator al = counting_allocator(c);
	struct ws_engine *eng = NULL;
	struct ws_doc *doc = NULL;
	struct ws_error err;
	size_t before;
	bool ok = true;
	int rc;

	rc = ws_engine_create(&eng, &al);
	if (rc != WS_OK) {
		assert_int_equal(rc, WS_ENOMEM);
		assert_null(eng);
		return false;
	}
	before = ws_engine_cue_count(eng);
	memset(&err, 0, sizeof(err));
	rc = ws_engine_load_cues(eng, cues, sizeof(cues) - 1, &err);
	if (rc != WS_OK) {
		assert_int_equal(rc, WS_ENOMEM);
		assert_int_equal(err.code, WS_ENOMEM);
		assert_int_equal(ws_engine_cue_count(eng), before);
		ok = false;
	} else {
		assert_true(ws_engine_cue_count(eng) > before);
	}
	rc = ws_annotate(eng, story, sizeof(story) - 1, 0, &doc, &err);
	if (rc != WS_OK) {
		assert_int_equal(rc, WS_ENOMEM);
		assert_int_equal(err.code, WS_ENOMEM);
		assert_null(doc);
		ok = false;
	} else {
		outcome_of(doc, valid);
		ws_doc_free(doc);
		doc = NULL;
	}
	rc = ws_annotate(eng, bad, badlen, WS_REPAIR_UTF8, &doc, &err);
	if (rc != WS_OK) {
		assert_int_equal(rc, WS_ENOMEM);
		assert_null(doc);
		ok = false;
	} else {
		assert_true(ws_doc_repaired(doc));
		outcome_of(doc, repaired);
		ws_doc_free(doc);
	}
	ws_engine_free(eng);
	return ok;
}

static void chaos(bool fail_after)
{
	struct outcome want_v, want_r, got_v, got_r;
	struct counting ref = {0};
	char bad[sizeof(story)];
	size_t n, total;

	/* The same story with invalid bytes in three places. */
	memcpy(bad, story, sizeof(story));
	bad[40] = (char)0xC0;
	bad[300] = (char)0xFF;
	bad[sizeof(story) - 3] = (char)0xE2;

	assert_true(run(&ref, bad, sizeof(story) - 1, &want_v, &want_r));
	assert_int_equal(ref.live, 0);
	total = ref.calls;
	assert_true(want_v.quotes > 5);

	for (n = 1;; n++) {
		struct counting c = {.fail_at = n, .fail_after = fail_after};
		bool ok;

		memset(&got_v, 0, sizeof(got_v));
		memset(&got_r, 0, sizeof(got_r));
		ok = run(&c, bad, sizeof(story) - 1, &got_v, &got_r);
		if (c.live != 0)
			fail_msg("failing allocation %zu: %zu blocks leaked", n,
			         c.live);
		if (ok) {
			/* A failed allocation must never go unreported. */
			if (c.failed)
				fail_msg(
					"allocation %zu failed, yet every call "
					"returned WS_OK",
					n);
			assert_memory_equal(&got_v, &want_v, sizeof(got_v));
			assert_memory_equal(&got_r, &want_r, sizeof(got_r));
			break;
		}
		assert_true(c.failed > 0);
		assert_true(n <= total);
	}
	printf("chaos (%s): %zu allocations, each failed in turn\n",
	       fail_after ? "every call from N on fails" : "call N fails",
	       n - 1);
	assert_int_equal(n, total + 1);
}

static void test_fail_nth(void **state)
{
	(void)state;
	chaos(false);
}

static void test_fail_from_nth(void **state)
{
	(void)state;
	chaos(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fail_nth),
		cmocka_unit_test(test_fail_from_nth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
