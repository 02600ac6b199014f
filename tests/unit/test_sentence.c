/*
 * test_sentence.c - sentence.c: where sentences end, and where they do
 * not (abbreviations, initials, decimals, inside quotations).
 */
#include "unit.h"

#include <string.h>

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

/* The sentences' tokens, a sentence's tokens joined by spaces and the
 * sentences by " || ", must be `want`. */
static void expect_sents(const char *text, const char *want)
{
	char got[2048] = "";
	struct fx f;
	uint32_t k;

	fx_run(&f, eng, text, FX_SENTENCES);
	for (k = 0; k < f.a.nsents; k++) {
		const struct sent *s = &f.a.sents[k];

		if (k)
			strcat(got, " || ");
		strcat(got, fx_toks(&f, s->first, s->end));
		assert_true(f.a.toks[s->first].flags & TF_SENT);
		/* Sentences tile their paragraph, in order. */
		assert_true(s->first >= f.a.paras[s->para].first);
		assert_true(s->end <= f.a.paras[s->para].end);
		if (k + 1 < f.a.nsents)
			assert_int_equal(s->end, f.a.sents[k + 1].first);
	}
	if (f.a.nsents)
		assert_int_equal(f.a.sents[f.a.nsents - 1].end, f.a.ntoks);
	if (strcmp(got, want))
		fail_msg("%s\n  sentences: %s\n  wanted:    %s", text, got,
		         want);
	fx_release(&f);
}

static void test_basic(void **state)
{
	(void)state;
	expect_sents("Is it over? Yes. Wow! Done.",
	             "Is it over ? || Yes . || Wow ! || Done .");
	expect_sents("One sentence without an end",
	             "One sentence without an end");
	expect_sents("", "");
	/* A lower-case word after a full stop does not start a sentence. */
	expect_sents("It cost 5 vs. 6 in total.",
	             "It cost 5 vs . 6 in total .");
}

static void test_abbreviations(void **state)
{
	(void)state;
	expect_sents("Mr. Smith met Sen. Jones on Jan. 5 in Calif. The talks "
	             "failed. Dr. Lee agreed.",
	             "Mr . Smith met Sen . Jones on Jan . 5 in Calif . || The "
	             "talks failed . || Dr . Lee agreed .");
	expect_sents("Gov. Ann Cole and Rep. Tom Hale spoke.",
	             "Gov . Ann Cole and Rep . Tom Hale spoke .");
	expect_sents("It rose at 5 p.m. Tuesday. Later it fell.",
	             "It rose at 5 p.m. Tuesday . || Later it fell .");
}

static void test_initials(void **state)
{
	(void)state;
	expect_sents("J. R. Tolkien wrote. George W. Bush spoke.",
	             "J . R . Tolkien wrote . || George W . Bush spoke .");
	/* A capital letter at the end, then a function word: a new one. */
	expect_sents("It was Plan B. The end.", "It was Plan B . || The end .");
}

static void test_acronym_at_end(void **state)
{
	(void)state;
	expect_sents("He lives in the U.S. The end.",
	             "He lives in the U.S. || The end .");
	expect_sents("He lives in the U.S. and Canada.",
	             "He lives in the U.S. and Canada .");
	expect_sents("It was the U.S. Army that won.",
	             "It was the U.S. Army that won .");
}

static void test_decimals(void **state)
{
	(void)state;
	expect_sents("Growth was 3.5 percent. It was $4.2 billion.",
	             "Growth was 3.5 percent . || It was $ 4.2 billion .");
}

static void test_quotations(void **state)
{
	(void)state;
	/* A quotation ending in a full stop, then a capital: the sentence
	 * ends after the closing mark. */
	expect_sents("\"We are done.\" She left.",
	             "\" We are done . \" || She left .");
	expect_sents("He said \"go.\" Then she left.",
	             "He said \" go . \" || Then she left .");
	expect_sents("\xE2\x80\x9CWe are done.\xE2\x80\x9D She left.",
	             "\xE2\x80\x9C We are done . \xE2\x80\x9D || She left .");
	/* ... but never inside one. */
	expect_sents("\"A. B. Smith is here. Mr. Jones too,\" she said. He "
	             "left.",
	             "\" A . B . Smith is here . Mr . Jones too , \" she said "
	             ". || He left .");
	expect_sents("\"Really?\" he asked. \"Yes.\"",
	             "\" Really ? \" he asked . || \" Yes . \"");
}

static void test_paragraphs(void **state)
{
	struct fx f;

	(void)state;
	/* A paragraph always ends a sentence, with or without a stop. */
	expect_sents("Headline Without Stop\n\nBody text here.",
	             "Headline Without Stop || Body text here .");
	fx_run(&f, eng, "One. Two.\n\nThree.", FX_SENTENCES);
	assert_int_equal(f.a.nsents, 3);
	assert_int_equal(f.a.sents[0].para, 0);
	assert_int_equal(f.a.sents[1].para, 0);
	assert_int_equal(f.a.sents[2].para, 1);
	fx_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_initials),
		cmocka_unit_test(test_acronym_at_end),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_quotations),
		cmocka_unit_test(test_paragraphs),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
