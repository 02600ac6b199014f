/*
 * test_quote.c - quote.c: pairing marks into quotations by the table of
 * legal pairs, straight marks by their neighbours, nesting, apostrophes,
 * odd marks, and quotations that run over several paragraphs.
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

/* The quotations' inner texts, joined by " | ", must be `want`; an
 * unclosed one is followed by "(unclosed)". */
static void expect_quotes(const char *text, const char *want)
{
	char got[1024] = "";
	struct fx f;
	uint32_t k;

	fx_run(&f, eng, text, FX_QUOTES);
	for (k = 0; k < f.a.nquotes; k++) {
		const struct qspan *q = &f.a.quotes[k];

		if (k)
			strcat(got, " | ");
		strncat(got, text + q->start, q->stop - q->start);
		if (q->unclosed)
			strcat(got, "(unclosed)");
		/* Marks and inner tokens agree with the byte span. */
		assert_true(q->first == q->open + 1);
		assert_true(f.a.toks[q->open].flags & TF_QUSED);
		if (q->close != NOTOK) {
			assert_true(q->end == q->close);
			assert_true(f.a.toks[q->close].flags & TF_QUSED);
			assert_true(q->stop <= f.a.toks[q->close].start);
		}
		assert_true(q->start >= f.a.toks[q->open].end);
	}
	if (strcmp(got, want))
		fail_msg("%s\n  quotes: %s\n  wanted: %s", text, got, want);
	fx_release(&f);
}

static void test_curly(void **state)
{
	(void)state;
	expect_quotes("\xE2\x80\x9CWe are ready,\xE2\x80\x9D she said.",
	              "We are ready,");
	expect_quotes("\xE2\x80\x9C"
	              "A,\xE2\x80\x9D she said. \xE2\x80\x9C"
	              "B.\xE2\x80\x9D",
	              "A, | B.");
	expect_quotes("No quotation here at all.", "");
}

static void test_straight(void **state)
{
	(void)state;
	expect_quotes("\"We are ready,\" she said, \"for anything.\"",
	              "We are ready, | for anything.");
	/* Direction from the neighbours: after a colon, before a full stop,
	 * before a possessive, inside parentheses. */
	expect_quotes("She said:\"Go.\" Then (\"stop\") and \"wait\".",
	              "Go. | stop | wait");
	expect_quotes("The \"Big Plan\"'s author left.", "Big Plan");
	expect_quotes("He said ''it is fine'' today.", "it is fine");
}

/* Bad CMS conversions mix curly and straight marks. */
static void test_mixed_curly_straight(void **state)
{
	(void)state;
	expect_quotes("\xE2\x80\x9CWe are ready,\" she said.", "We are ready,");
	expect_quotes("\"We are ready,\xE2\x80\x9D she said.", "We are ready,");
}

static void test_german_and_guillemets(void **state)
{
	(void)state;
	/* „…“ and »…« (German), «…» (French, Russian), ‹…› nested. */
	expect_quotes("\xE2\x80\x9EWir sind bereit\xE2\x80\x9C, sagte sie.",
	              "Wir sind bereit");
	expect_quotes("\xC2\xBBImmer\xC2\xAB, sagte er.", "Immer");
	expect_quotes("\xC2\xAB"
	              "Nous sommes pr\xC3\xAAts\xC2\xBB, dit-elle.",
	              "Nous sommes pr\xC3\xAAts");
	expect_quotes("\xC2\xAB"
	              "Il a dit \xE2\x80\xB9non\xE2\x80\xBA hier\xC2"
	              "\xBB, dit-elle.",
	              "Il a dit \xE2\x80\xB9non\xE2\x80\xBA hier");
	/* „…” as some agencies set it. */
	expect_quotes("\xE2\x80\x9E"
	              "Bereit\xE2\x80\x9D, sagte sie.",
	              "Bereit");
}

static void test_nested_single(void **state)
{
	struct fx f;

	(void)state;
	/* Only the outer quotation is recorded; the inner one is content. */
	expect_quotes("\"He told me, \xE2\x80\x98never again,\xE2\x80\x99 and "
	              "left,\" she said.",
	              "He told me, \xE2\x80\x98never again,\xE2\x80\x99 and "
	              "left,");
	expect_quotes("\"He said 'no' to me,\" she said.",
	              "He said 'no' to me,");
	fx_run(&f, eng, "\"He said 'no' to me,\" she said.", FX_QUOTES);
	assert_int_equal(f.a.nquotes, 1);
	assert_false(f.a.quotes[0].single);
	assert_true(f.a.toks[fx_find(&f, "no")].flags & TF_INQ);
	assert_false(f.a.toks[fx_find(&f, "she")].flags & TF_INQ);
	fx_release(&f);
	/* UK style: single marks are the quotation marks when a document has
	 * no double ones. */
	fx_run(&f, eng,
	       "\xE2\x80\x98We are ready,\xE2\x80\x99 she said. "
	       "\xE2\x80\x98Yes.\xE2\x80\x99",
	       FX_QUOTES);
	assert_int_equal(f.a.nquotes, 2);
	assert_true(f.a.quotes[0].single);
	assert_string_equal(fx_text(&f, f.a.quotes[0].start,
	                            f.a.quotes[0].stop),
	                    "We are ready,");
	fx_release(&f);
}

static void test_apostrophes(void **state)
{
	(void)state;
	/* Plural possessive s’, a decade ’90s and rock ’n’ roll inside a
	 * document with double quotations: none is a quotation. */
	expect_quotes("The senators\xE2\x80\x99 votes in the \xE2\x80\x99"
	              "90s, rock \xE2\x80\x99n\xE2\x80\x99 roll, "
	              "\xE2\x80\x9C"
	              "fine,\xE2\x80\x9D she said.",
	              "fine,");
	expect_quotes("\"The states' laws and the Smiths' house,\" he said.",
	              "The states' laws and the Smiths' house,");
	expect_quotes("\"Don't,\" she said. \"It's O'Brien's.\"",
	              "Don't, | It's O'Brien's.");
}

static void test_odd_marks(void **state)
{
	(void)state;
	/* A stray closing mark before a pair, one after it, an inch mark:
	 * dropped, and the real pair still found. */
	expect_quotes("The plan\xE2\x80\x9D failed. \"It is over,\" she said.",
	              "It is over,");
	expect_quotes("\"It is over,\" she said.\" He left.", "It is over,");
	expect_quotes("A 6\" pipe burst. \"It is over,\" she said.",
	              "It is over,");
	/* A paragraph ending inside a quotation: unclosed, never past the
	 * paragraph. */
	expect_quotes("\"It is over, she said.\n\nHe left.",
	              "It is over, she said.(unclosed)");
}

/* `said, ”Biden`: a closing-shaped mark after a space opens. */
static void test_close_mark_after_space(void **state)
{
	(void)state;
	expect_quotes("She said, \xE2\x80\x9D"
	              "Biden is right.\xE2\x80\x9D",
	              "Biden is right.");
	expect_quotes("She said, \"Biden is right, \" and left.",
	              "Biden is right,");
	expect_quotes("She said, \xE2\x80\x9C"
	              "Biden is right, \xE2\x80\x9D "
	              "and left.",
	              "Biden is right,");
}

/* News style: each paragraph of a long quotation reopens, only the last
 * closes. The pieces are one chain. */
static void test_multi_paragraph(void **state)
{
	static const char text[] = "\"First paragraph of it.\n\n"
				   "\"Second paragraph.\n\n"
				   "\"Third and last,\" he said.";
	const struct qspan *q;
	struct fx f;

	(void)state;
	expect_quotes(text, "First paragraph of it. | Second paragraph. | "
	                    "Third and last,");
	fx_run(&f, eng, text, FX_QUOTES);
	q = f.a.quotes;
	assert_int_equal(f.a.nquotes, 3);
	assert_int_equal(q[0].para, 0);
	assert_int_equal(q[1].para, 1);
	assert_int_equal(q[2].para, 2);
	assert_int_equal(q[0].next, 2);
	assert_int_equal(q[1].next, 3);
	assert_int_equal(q[2].next, 0);
	assert_int_equal(q[1].prev, 1);
	assert_int_equal(q[2].prev, 2);
	assert_int_equal(q[1].head, 1);
	assert_int_equal(q[2].head, 1);
	assert_false(q[0].unclosed || q[1].unclosed || q[2].unclosed);
	assert_int_equal(q[0].close, NOTOK);
	assert_int_equal(q[1].close, NOTOK);
	assert_true(q[2].close != NOTOK);
	fx_release(&f);

	/* Curly marks the same way. */
	expect_quotes("\xE2\x80\x9COne.\n\n\xE2\x80\x9CTwo.\n\n\xE2\x80\x9C"
	              "Three,\xE2\x80\x9D he said.",
	              "One. | Two. | Three,");
	/* A paragraph that does not reopen ends the quotation, unclosed. */
	fx_run(&f, eng, "\"First paragraph of it.\n\nNo quote here.",
	       FX_QUOTES);
	assert_int_equal(f.a.nquotes, 1);
	assert_true(f.a.quotes[0].unclosed);
	assert_int_equal(f.a.quotes[0].next, 0);
	fx_release(&f);
	/* A reopening mark of another style does not continue it. */
	fx_run(&f, eng, "\"One.\n\n\xE2\x80\x9CTwo,\" he said.", FX_QUOTES);
	assert_int_equal(f.a.nquotes, 2);
	assert_true(f.a.quotes[0].unclosed);
	assert_int_equal(f.a.quotes[0].next, 0);
	assert_int_equal(f.a.quotes[1].prev, 0);
	fx_release(&f);
}

/* Tokens inside a quotation carry TF_INQ and the quotation's index. */
static void test_token_marks(void **state)
{
	struct fx f;
	uint32_t k;

	(void)state;
	fx_run(&f, eng, "\"Go now,\" she said. \"Stop.\"", FX_QUOTES);
	for (k = 0; k < f.a.ntoks; k++) {
		const struct tok *t = &f.a.toks[k];
		bool in = (t->flags & TF_INQ) != 0;

		if (t->kind == TK_QUOTE)
			assert_false(in);
		else if (k < 4)
			assert_true(in && t->q == 1);
		else if (k < 8)
			assert_false(in || t->q);
		else
			assert_true(in && t->q == 2);
	}
	fx_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_curly),
		cmocka_unit_test(test_straight),
		cmocka_unit_test(test_mixed_curly_straight),
		cmocka_unit_test(test_german_and_guillemets),
		cmocka_unit_test(test_nested_single),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_odd_marks),
		cmocka_unit_test(test_close_mark_after_space),
		cmocka_unit_test(test_multi_paragraph),
		cmocka_unit_test(test_token_marks),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
