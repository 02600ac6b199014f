/*
 * test_token.c - token.c: words, possessives, acronyms, numbers, quote
 * marks, punctuation and paragraph breaks.
 */
#include "unit.h"

#include <stdio.h>
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

/* The text's tokens joined by spaces must be `want`. */
static void expect_toks(const char *text, const char *want)
{
	struct fx f;
	const char *got;

	fx_run(&f, eng, text, FX_TOKENS);
	got = fx_toks(&f, 0, f.a.ntoks);
	if (strcmp(got, want))
		fail_msg("%s\n  tokens: %s\n  wanted: %s", text, got, want);
	fx_release(&f);
}

static const struct tok *tok_of(const struct fx *f, const char *s)
{
	uint32_t k = fx_find(f, s);

	if (k == NOTOK)
		fail_msg("no token \"%s\"", s);
	return &f->a.toks[k];
}

static void test_words(void **state)
{
	struct fx f;

	(void)state;
	expect_toks("Hello, world!", "Hello , world !");
	expect_toks("don't O'Brien large-scale AT&T rock'n'roll",
	            "don't O'Brien large-scale AT&T rock'n'roll");
	expect_toks("didn\xE2\x80\x99t", "didn\xE2\x80\x99t");
	expect_toks("Jos\xC3\xA9 \xC3\x89mile \xD0\x9C\xD0\xB8\xD1\x80",
	            "Jos\xC3\xA9 \xC3\x89mile \xD0\x9C\xD0\xB8\xD1\x80");

	fx_run(&f, eng, "Hello NATO J. world \xC3\x89mile", FX_TOKENS);
	assert_int_equal(f.a.ntoks, 6);
	assert_int_equal(tok_of(&f, "Hello")->kind, TK_WORD);
	assert_true(tok_of(&f, "Hello")->flags & TF_CAP);
	assert_false(tok_of(&f, "Hello")->flags & TF_ALLCAP);
	assert_true(tok_of(&f, "NATO")->flags & TF_ALLCAP);
	assert_true(tok_of(&f, "J")->flags & TF_INITIAL);
	assert_false(tok_of(&f, "world")->flags & TF_CAP);
	assert_true(tok_of(&f, "world")->flags & TF_SPACE);
	assert_true(tok_of(&f, "\xC3\x89mile")->flags & TF_CAP);
	assert_false(tok_of(&f, "world")->flags & TF_DIGIT);
	assert_false(tok_of(&f, "NATO")->flags & TF_DIGIT);
	/* Byte offsets into the text. */
	assert_int_equal(tok_of(&f, "NATO")->start, 6);
	assert_int_equal(tok_of(&f, "NATO")->end, 10);
	fx_release(&f);
	/* A digit inside a word marks it, whether the word is read 8 bytes
	 * at a time (8 or more left in the text) or a byte at a time. */
	fx_run(&f, eng, "the H1N1 virus reached G7 summits of a7", FX_TOKENS);
	assert_true(tok_of(&f, "H1N1")->flags & TF_DIGIT);
	assert_true(tok_of(&f, "G7")->flags & TF_DIGIT);
	assert_true(tok_of(&f, "a7")->flags & TF_DIGIT);
	assert_false(tok_of(&f, "virus")->flags & TF_DIGIT);
	assert_false(tok_of(&f, "summits")->flags & TF_DIGIT);
	assert_false(tok_of(&f, "of")->flags & TF_DIGIT);
	fx_release(&f);
}

static void test_possessive(void **state)
{
	struct fx f;

	(void)state;
	expect_toks("Smith's dog", "Smith 's dog");
	expect_toks("Smith\xE2\x80\x99s dog", "Smith \xE2\x80\x99s dog");
	/* Contractions of "is" and "has" stay whole. */
	expect_toks("it's he's that's", "it's he's that's");

	fx_run(&f, eng, "Smith's dog", FX_TOKENS);
	assert_int_equal(tok_of(&f, "Smith")->kind, TK_WORD);
	assert_int_equal(tok_of(&f, "'s")->kind, TK_POSS);
	fx_release(&f);

	/* A plural possessive: the apostrophe is a mark until pairing finds
	 * no partner for it, then a possessive. */
	fx_run(&f, eng, "The senators' votes and the states\xE2\x80\x99 laws.",
	       FX_QUOTES);
	assert_int_equal(f.a.nquotes, 0);
	assert_int_equal(tok_of(&f, "'")->kind, TK_POSS);
	assert_int_equal(tok_of(&f, "\xE2\x80\x99")->kind, TK_POSS);
	fx_release(&f);
}

static void test_acronyms(void **state)
{
	struct fx f;

	(void)state;
	expect_toks("U.S. officials in D.C. at 9 a.m. today",
	            "U.S. officials in D.C. at 9 a.m. today");
	fx_run(&f, eng, "The U.S. said.", FX_TOKENS);
	assert_true(tok_of(&f, "U.S.")->flags & TF_ACRO);
	assert_true(tok_of(&f, "U.S.")->flags & TF_CAP);
	fx_release(&f);
	/* An initial followed by a name is not an acronym. */
	expect_toks("J. Smith", "J . Smith");
}

static void test_numbers(void **state)
{
	struct fx f;

	(void)state;
	expect_toks("94,300 people on 9/11 paid 3.5 percent in the 1990s",
	            "94,300 people on 9/11 paid 3.5 percent in the 1990s");
	expect_toks("$5, 10:30, 1,000.", "$ 5 , 10:30 , 1,000 .");
	fx_run(&f, eng, "94,300 and 9/11", FX_TOKENS);
	assert_int_equal(tok_of(&f, "94,300")->kind, TK_NUM);
	assert_int_equal(tok_of(&f, "9/11")->kind, TK_NUM);
	fx_release(&f);
	/* A number in a compound adjective is one word with a digit; a
	 * spaced or trailing hyphen stays a dash. */
	expect_toks("a 25-year-old file, a 3-point lead, 1990s- and 5 - 4",
	            "a 25-year-old file , a 3-point lead , 1990s - and 5 - 4");
	fx_run(&f, eng, "a 25-year-old file", FX_TOKENS);
	assert_int_equal(tok_of(&f, "25-year-old")->kind, TK_WORD);
	assert_true(tok_of(&f, "25-year-old")->flags & TF_DIGIT);
	fx_release(&f);
}

static void test_quote_marks(void **state)
{
	static const struct {
		const char *mark;
		uint8_t qm;
	} marks[] = {
		{"\"", QM_SDQ},
		{"''", QM_SDQ},
		{"\xE2\x80\x9C", QM_LDQ},
		{"\xE2\x80\x9D", QM_RDQ},
		{"\xE2\x80\x98", QM_LSQ},
		{"\xE2\x80\x99", QM_RSQ},
		{"\xE2\x80\x9E", QM_LOW9D},
		{"\xC2\xAB", QM_LGUIL},
		{"\xC2\xBB", QM_RGUIL},
		{"\xE2\x80\xB9", QM_LSGUIL},
		{"\xE2\x80\xBA", QM_RSGUIL},
		{"``", QM_BACKTICK},
	};
	size_t i;

	(void)state;
	for (i = 0; i < WS_ARRAY_LEN(marks); i++) {
		char text[32];
		struct fx f;

		snprintf(text, sizeof(text), "a %s b", marks[i].mark);
		fx_run(&f, eng, text, FX_TOKENS);
		assert_int_equal(f.a.ntoks, 3);
		if (f.a.toks[1].kind != TK_QUOTE ||
		    f.a.toks[1].ch != marks[i].qm)
			fail_msg("%s: kind %d code %d", marks[i].mark,
			         f.a.toks[1].kind, f.a.toks[1].ch);
		assert_int_equal(f.a.toks[1].end - f.a.toks[1].start,
		                 strlen(marks[i].mark));
		fx_release(&f);
	}
}

/* Two apostrophes are one straight double quote, in either position. */
static void test_two_apostrophes(void **state)
{
	struct fx f;

	(void)state;
	fx_run(&f, eng, "He said ''it is fine'' today.", FX_QUOTES);
	assert_int_equal(f.a.toks[2].kind, TK_QUOTE);
	assert_int_equal(f.a.toks[2].ch, QM_SDQ);
	assert_int_equal(f.a.nquotes, 1);
	assert_string_equal(fx_text(&f, f.a.quotes[0].start,
	                            f.a.quotes[0].stop),
	                    "it is fine");
	fx_release(&f);
}

static void test_punctuation(void **state)
{
	struct fx f;

	(void)state;
	expect_toks(
		"Wait... no -- yes\xE2\x80\x94maybe\xE2\x80\xA6 (so).",
		"Wait ... no -- yes \xE2\x80\x94 maybe \xE2\x80\xA6 ( so ) .");
	fx_run(&f, eng,
	       "a -- b\xE2\x80\x94"
	       "c ... d\xE2\x80\xA6",
	       FX_TOKENS);
	assert_int_equal(tok_of(&f, "--")->ch, PC_DASH);
	assert_int_equal(tok_of(&f, "\xE2\x80\x94")->ch, PC_DASH);
	assert_int_equal(tok_of(&f, "...")->ch, PC_ELLIPSIS);
	assert_int_equal(tok_of(&f, "\xE2\x80\xA6")->ch, PC_ELLIPSIS);
	fx_release(&f);
	/* No-break space separates words; zero-width characters vanish. */
	expect_toks("a\xC2\xA0"
	            "b c\xE2\x80\x8B"
	            "d",
	            "a b c d");
}

/* The number of paragraphs, and the first token of each. */
static void expect_paras(const char *text, uint32_t n, const char *firsts)
{
	char got[256] = "";
	struct fx f;
	uint32_t k;

	fx_run(&f, eng, text, FX_TOKENS);
	for (k = 0; k < f.a.nparas; k++) {
		const struct tok *t = &f.a.toks[f.a.paras[k].first];

		assert_true(t->flags & TF_PARA);
		if (k)
			strcat(got, " ");
		strncat(got, text + t->start, t->end - t->start);
		if (k + 1 < f.a.nparas)
			assert_int_equal(f.a.paras[k].end,
			                 f.a.paras[k + 1].first);
	}
	if (f.a.nparas != n || strcmp(got, firsts))
		fail_msg("%s\n  %u paragraphs starting: %s", text, f.a.nparas,
		         got);
	if (n)
		assert_int_equal(f.a.paras[n - 1].end, f.a.ntoks);
	fx_release(&f);
}

static void test_paragraphs(void **state)
{
	(void)state;
	expect_paras("One two.\n\nThree four.", 2, "One Three");
	expect_paras("One two.\n  \n\t\nThree four.", 2, "One Three");
	expect_paras("One two.\r\n\r\nThree four.", 2, "One Three");
	/* A single break: a capital starts a paragraph, lower case goes on
	 * (a hard-wrapped line). */
	expect_paras("One two\nThree four.", 2, "One Three");
	expect_paras("One two\nthree four.", 1, "One");
	expect_paras("One two\n\"Three\" four.", 2, "One \"");
	/* U+2029 paragraph separator; U+2028 is a line break. */
	expect_paras("One\xE2\x80\xA9three", 2, "One three");
	expect_paras("One\xE2\x80\xA8three", 1, "One");
	expect_paras("", 0, "");
	expect_paras("\n\n\n", 0, "");
	expect_paras("\n\nOne", 1, "One");
}

/* A Title Case Headline keeps names capitalised, not its verbs. */
static void test_headline(void **state)
{
	struct fx f;

	(void)state;
	fx_run(&f, eng, "Mayor Says Budget Is Balanced", FX_TOKENS);
	assert_false(tok_of(&f, "Says")->flags & TF_CAP);
	assert_true(tok_of(&f, "Mayor")->flags & TF_CAP);
	fx_release(&f);
	fx_run(&f, eng, "The mayor says the budget is balanced.", FX_TOKENS);
	assert_true(tok_of(&f, "The")->flags & TF_CAP);
	fx_release(&f);
}

/* Invalid bytes never reach the tokenizer through the API, but repaired
 * U+FFFD and stray symbols are tokens of their own. */
static void test_symbols(void **state)
{
	struct fx f;

	(void)state;
	fx_run(&f, eng, "a \xEF\xBF\xBD b # \xF0\x9F\x98\x80", FX_TOKENS);
	assert_int_equal(f.a.ntoks, 5);
	assert_int_equal(f.a.toks[1].kind, TK_SYM);
	assert_int_equal(f.a.toks[3].kind, TK_SYM);
	assert_int_equal(f.a.toks[4].kind, TK_SYM);
	fx_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_possessive),
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_quote_marks),
		cmocka_unit_test(test_two_apostrophes),
		cmocka_unit_test(test_punctuation),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_headline),
		cmocka_unit_test(test_symbols),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
