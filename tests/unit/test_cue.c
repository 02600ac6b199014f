/*
 * test_cue.c - cue.c: lexicon files through ws_engine_load_cues(). A good
 * file adds its forms; every kind of bad line fails with WS_ELEXICON and
 * its line number, and leaves the engine as it was. argv[1] is the
 * built-in lexicon, config/cues.tsv, which must load cleanly: the engine
 * maps any error in it to WS_ENOMEM at start-up, so this test is where a
 * bad line in it shows.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *builtin_path;
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
	eng = NULL;
	return 0;
}

/* The lemma and stance of the cue of the only quote in `text`, or NULL. */
static const char *cue_of(const struct ws_engine *e, const char *text,
                          enum ws_stance *stance)
{
	static char lemma[64];
	const struct ws_quote *q;
	struct ws_doc *doc;
	size_t n;

	assert_int_equal(ws_annotate(e, text, strlen(text), 0, &doc, NULL),
	                 WS_OK);
	q = ws_doc_quotes(doc, &n);
	lemma[0] = '\0';
	if (n == 1 && q[0].has_cue) {
		snprintf(lemma, sizeof(lemma), "%s", q[0].cue_lemma);
		if (stance)
			*stance = q[0].stance;
	}
	ws_doc_free(doc);
	return lemma[0] ? lemma : NULL;
}

static void test_builtin_file(void **state)
{
	struct ws_engine *e;
	struct ws_error err;
	char *data;
	long len;
	FILE *f;

	(void)state;
	assert_non_null(builtin_path);
	f = fopen(builtin_path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	assert_true(len > 0);
	rewind(f);
	data = malloc((size_t)len);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
	fclose(f);

	assert_int_equal(ws_engine_create(&e, NULL), WS_OK);
	memset(&err, 0, sizeof(err));
	if (ws_engine_load_cues(e, data, (size_t)len, &err) != WS_OK)
		fail_msg("%s: %s", builtin_path, err.message);
	/* The built-in forms are already there: the count only grows. */
	assert_true(ws_engine_cue_count(e) > 100);
	ws_engine_free(e);
	free(data);
}

static void test_good_file(void **state)
{
	static const char file[] =
		"# a newsroom's own cues\n"
		"\n"
		"   # an indented comment\n"
		"harrumph\tcritical\tharrumph|harrumphed|harrumphs\n"
		"let on\tneutral\tlet on|lets on\r\n"
		"  muse aloud \t epistemic \t mused aloud | muses aloud \t np\n"
		"gush\tassertive\tgushed\t\n"
		"caution\tdirective\tcautioned\tobj,toinf";
	struct ws_error err;
	size_t before;
	enum ws_stance st = WS_STANCE_NEUTRAL;

	(void)state;
	before = ws_engine_cue_count(eng);
	assert_null(
		cue_of(eng, "Jones harrumphed that the plan was silly.", NULL));
	memset(&err, 0, sizeof(err));
	assert_int_equal(ws_engine_load_cues(eng, file, sizeof(file) - 1, &err),
	                 WS_OK);
	assert_int_equal(ws_engine_cue_count(eng), before + 9);
	assert_string_equal(
		cue_of(eng, "Jones harrumphed that the plan was silly.", &st),
		"harrumph");
	assert_int_equal(st, WS_STANCE_CRITICAL);
	/* A form of two words, from a line ending in CR LF. */
	assert_string_equal(cue_of(eng, "Jones let on that the plan was silly.",
	                           &st),
	                    "let on");
	assert_int_equal(st, WS_STANCE_NEUTRAL);
	/* Loading again adds again; the engine only grows. */
	assert_int_equal(ws_engine_load_cues(eng, file, sizeof(file) - 1, NULL),
	                 WS_OK);
	assert_true(ws_engine_cue_count(eng) > before + 9);
}

static void test_empty_files(void **state)
{
	size_t before;

	(void)state;
	before = ws_engine_cue_count(eng);
	assert_int_equal(ws_engine_load_cues(eng, "", 0, NULL), WS_OK);
	assert_int_equal(ws_engine_load_cues(eng, NULL, 0, NULL), WS_OK);
	assert_int_equal(ws_engine_load_cues(eng, "# only\n\n  \n", 11, NULL),
	                 WS_OK);
	assert_int_equal(ws_engine_cue_count(eng), before);
}

static void test_bad_args(void **state)
{
	(void)state;
	assert_int_equal(ws_engine_load_cues(NULL, "", 0, NULL), WS_EINVAL);
	assert_int_equal(ws_engine_load_cues(eng, NULL, 3, NULL), WS_EINVAL);
}

struct bad_line {
	const char *line;
	size_t len; /* 0: strlen */
	const char *why;
};

static void test_bad_lines(void **state)
{
	static const struct bad_line bad[] = {
		{"fizz\tneutral", 0, "two fields"},
		{"fizz", 0, "one field"},
		{"fizz\tneutral\tfizzed\tobj\textra", 0, "five fields"},
		{"fizz\t\tfizzed", 0, "empty stance"},
		{"\tneutral\tfizzed", 0, "empty lemma"},
		{"fizz\tneutral\t ", 0, "blank forms"},
		{"fizz\tangry\tfizzed", 0, "unknown stance"},
		{"fizz\tNeutral\tfizzed", 0, "stance in the wrong case"},
		{"fizz\tneutral\tfizzed\tloud", 0, "unknown flag"},
		{"fizz\tneutral\tfizzed\tobj,,np", 0, "empty flag"},
		{"fizz\tneutral\tfizzed||fizzes", 0, "empty form"},
		{"fizz\tneutral\tfizzed|", 0, "empty last form"},
		{"fizz\tneutral\t|fizzed", 0, "empty first form"},
		{"fizz\tneutral\tfizzed | |fizzes", 0, "blank form"},
		{"fizz\tneutral\ta b c d e f", 0, "six words"},
		{"fizz\tneutral\tfizzed\0x", 21, "NUL byte"},
		{"fizz\tneutral\tfizzed\t", 0,
	         NULL}, /* last: fine, empty flags */
	};
	size_t i, before;

	(void)state;
	before = ws_engine_cue_count(eng);
	for (i = 0; i < WS_ARRAY_LEN(bad); i++) {
		char file[512];
		struct ws_error err;
		size_t len = bad[i].len ? bad[i].len : strlen(bad[i].line);
		int n, rc;

		/* A comment and a good line first: the bad one is line 3, and
		 * the good one must not be added either. */
		n = snprintf(file, sizeof(file),
		             "# test\nbuzz\tneutral\tbuzzed\n");
		memcpy(file + n, bad[i].line, len);
		memcpy(file + n + len, "\nlast\tneutral\tlasted\n", 21);
		memset(&err, 0, sizeof(err));
		rc = ws_engine_load_cues(eng, file, (size_t)n + len + 21, &err);
		if (!bad[i].why) {
			assert_int_equal(rc, WS_OK);
			before = ws_engine_cue_count(eng);
			continue;
		}
		if (rc != WS_ELEXICON)
			fail_msg("%s: returned %d", bad[i].why, rc);
		if (err.code != WS_ELEXICON || err.line != 3)
			fail_msg("%s: code %d line %u", bad[i].why, err.code,
			         err.line);
		assert_true(strlen(err.message) > 0);
		assert_int_equal(ws_engine_cue_count(eng), before);
		assert_null(cue_of(eng, "Jones buzzed that the plan was silly.",
		                   NULL));
		/* err is optional. */
		assert_int_equal(ws_engine_load_cues(
					 eng, file, (size_t)n + len + 21, NULL),
		                 WS_ELEXICON);
	}
}

static void test_long_fields(void **state)
{
	char line[256];
	struct ws_error err;
	size_t before;

	(void)state;
	before = ws_engine_cue_count(eng);
	/* A lemma of 65 bytes. */
	memset(line, 'x', 65);
	memcpy(line + 65, "\tneutral\txed\n", 13);
	assert_int_equal(ws_engine_load_cues(eng, line, 78, &err), WS_ELEXICON);
	assert_int_equal(err.line, 1);
	/* 64 is the limit. */
	memcpy(line + 64, "\tneutral\txed\n", 13);
	assert_int_equal(ws_engine_load_cues(eng, line, 77, &err), WS_OK);
	before = ws_engine_cue_count(eng);
	/* A form word of 65 bytes, on line 2. */
	memcpy(line, "#\nxx\tneutral\t", 13);
	memset(line + 13, 'y', 65);
	assert_int_equal(ws_engine_load_cues(eng, line, 78, &err), WS_ELEXICON);
	assert_int_equal(err.line, 2);
	assert_int_equal(ws_engine_cue_count(eng), before);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_file),
		cmocka_unit_test_setup_teardown(test_good_file, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(test_empty_files, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(test_bad_args, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_lines, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(test_long_fields, setup,
	                                        teardown),
	};

	builtin_path = argc > 1 ? argv[1] : NULL;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
