/*
 * test_api_write.c - api_write_annotate() writes exactly the bytes of
 * json_dumps(api_annotate_response(), JSON_COMPACT | API_DUMP_FLAGS),
 * and api_write_doc() those of api_doc_json() (with "id" first when
 * there is one), what `whosaid annotate` printed through jansson.
 *
 *   test_api_write SOURCE_ROOT
 *
 * On tests/http/data/story.txt, the seed story when ../shared is there,
 * and hand-made texts with what escaping must get right (control
 * characters, NUL, quote marks, backslashes, non-BMP characters), in
 * every offset unit, with every kind of id. Also: a cap too small gives
 * -E2BIG, and an answer written into a buffer already holding bytes
 * appends to them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "api.h"
#include "api_write.h"
#include "buf.h"
#include "whosaid.h"

static const char *source_root;
static struct ws_engine *engine;

/* The whole file, NUL-terminated, or NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Compare both writers on one text, every unit, every kind of id. */
static void same_bytes(const char *name, const char *text, size_t len)
{
	json_t *ids[5];
	struct ws_doc *doc = NULL;
	struct buf out;
	size_t i;
	int u;

	ids[0] = NULL;
	ids[1] = json_string("story-1");
	ids[2] = json_string(
		"quote \" backslash \\ tab \t nl \n é \xF0\x9F\x98\x80");
	ids[3] = json_integer(-42);
	ids[4] = json_real(12345.678);
	assert_int_equal(ws_annotate(engine, text, len, 0, &doc, NULL), 0);
	buf_init(&out, API_MAX_ANSWER);
	for (u = WS_UNIT_CODEPOINT; u <= WS_UNIT_UTF8; u++) {
		for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
			json_t *j = api_annotate_response(doc, (enum ws_unit)u,
			                                  ids[i]);
			char *want =
				json_dumps(j, JSON_COMPACT | API_DUMP_FLAGS);
			char *id = ids[i] ? json_dumps(ids[i],
			                               JSON_ENCODE_ANY |
			                                       JSON_COMPACT |
			                                       API_DUMP_FLAGS)
			                  : NULL;

			assert_non_null(want);
			buf_reset(&out);
			assert_int_equal(api_write_annotate(
						 &out, doc, (enum ws_unit)u, id,
						 id ? strlen(id) : 0, NULL, 0),
			                 0);
			if (out.len != strlen(want) ||
			    memcmp(out.data, want, out.len)) {
				size_t k = 0;

				while (k < out.len && out.data[k] == want[k])
					k++;
				fail_msg(
					"%s, unit %d, id %zu: differ at byte %zu:"
					"\n  api_write: %.80s\n  jansson:   %.80s",
					name, u, i, k, out.data + k, want + k);
			}
			/* What `whosaid annotate` prints: no "engine". */
			json_decref(j);
			free(want);
			if (ids[i]) {
				j = json_object();
				assert_int_equal(
					json_object_set(j, "id", ids[i]), 0);
				assert_int_equal(api_doc_fill(j, doc,
				                              (enum ws_unit)u),
				                 0);
			} else {
				j = api_doc_json(doc, (enum ws_unit)u);
			}
			want = json_dumps(j, JSON_COMPACT | API_DUMP_FLAGS);
			assert_non_null(want);
			buf_reset(&out);
			assert_int_equal(api_write_doc(&out, doc,
			                               (enum ws_unit)u, id,
			                               id ? strlen(id) : 0),
			                 0);
			if (out.len != strlen(want) ||
			    memcmp(out.data, want, out.len))
				fail_msg("%s, unit %d, id %zu: api_write_doc "
				         "differs:\n  %.120s\n  %.120s",
				         name, u, i, out.data, want);
			free(id);
			free(want);
			json_decref(j);
		}
	}
	buf_release(&out);
	ws_doc_free(doc);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		json_decref(ids[i]);
}

static void test_story(void **state)
{
	char path[1024];
	size_t len;
	char *text;

	snprintf(path, sizeof(path), "%s/tests/http/data/story.txt",
	         source_root);
	text = slurp(path, &len);
	assert_non_null(text);
	same_bytes("story.txt", text, len);
	free(text);
}

static void test_seed(void **state)
{
	char path[1024];
	size_t len;
	char *text;

	snprintf(path, sizeof(path),
	         "%s/../shared/data/seed/ap-biden-putin-call.txt", source_root);
	text = slurp(path, &len);
	if (!text)
		skip(); /* ../shared is not there: nothing to compare */
	same_bytes("seed", text, len);
	free(text);
}

static void test_escapes(void **state)
{
	static const char text[] =
		"\"We said \\\"no\\\" \x01\x1F\x7F\b\f\r\t,\" the mayor, Ana "
		"Lòpez, said on Monday.\n\n\xE2\x80\x9C"
		"Emoji \xF0\x9F\x98\x80 "
		"count twice in UTF-16,\xE2\x80\x9D she added. \xE2\x80\x9C"
		"And this\0has a NUL.\xE2\x80\x9D\n\nA spokesman for the "
		"agency declined to comment.";

	same_bytes("escapes", text, sizeof(text) - 1);
}

/* A cap smaller than the answer: -E2BIG, and nothing leaks. */
static void test_cap(void **state)
{
	static const char text[] = "\"Yes,\" she said.";
	struct ws_doc *doc = NULL;
	struct buf out;

	assert_int_equal(
		ws_annotate(engine, text, sizeof(text) - 1, 0, &doc, NULL), 0);
	buf_init(&out, 100);
	assert_int_equal(api_write_annotate(&out, doc, WS_UNIT_UTF8, NULL, 0,
	                                    NULL, 0),
	                 -E2BIG);
	assert_true(out.len <= 100);
	buf_release(&out);
	/* Appending after bytes already there keeps them. */
	buf_init(&out, API_MAX_ANSWER);
	buf_puts(&out, "prefix:");
	assert_int_equal(api_write_annotate(&out, doc, WS_UNIT_UTF8, "1", 1,
	                                    "\"x\":[]", 6),
	                 0);
	assert_memory_equal(out.data, "prefix:{\"id\":1,", 15);
	/* Extra members come right after "engine". */
	assert_non_null(strstr(out.data, "\"},\"x\":[],\"offsets\":"));
	buf_release(&out);
	ws_doc_free(doc);
}

/* buf: capacity never passes max, appends past it stick as -E2BIG. */
static void test_buf_cap(void **state)
{
	static const size_t maxes[] = {1, 7, 100, 255, 256, 257, 1000, 4096};
	size_t i, k;
	struct buf b;

	for (i = 0; i < sizeof(maxes) / sizeof(maxes[0]); i++) {
		buf_init(&b, maxes[i]);
		for (k = 0; k < 5000; k++) {
			buf_putc(&b, 'x');
			buf_append(&b, "abc", k % 4);
			assert_true(b.len <= b.max);
			assert_true(b.cap <= b.max);
		}
		assert_int_equal(b.err, -E2BIG);
		buf_reset(&b);
		assert_int_equal(buf_reserve(&b, maxes[i]), 0);
		assert_int_equal(buf_reserve(&b, maxes[i] + 1), -E2BIG);
		buf_release(&b);
	}
}

/* A string that is not UTF-8 is refused, as json_string() refuses it. */
static void test_string(void **state)
{
	struct buf out;

	buf_init(&out, 1024);
	assert_int_equal(api_write_string(&out, "ok \xC3\xA9", 5), 0);
	assert_int_equal(api_write_string(&out, "bad \xC3", 5), -EINVAL);
	assert_int_equal(api_write_string(&out, "\xED\xA0\x80", 3), -EINVAL);
	buf_release(&out);
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_story),   cmocka_unit_test(test_seed),
		cmocka_unit_test(test_escapes), cmocka_unit_test(test_cap),
		cmocka_unit_test(test_string),  cmocka_unit_test(test_buf_cap),
	};
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s SOURCE_ROOT\n", argv[0]);
		return 2;
	}
	source_root = argv[1];
	if (ws_engine_create(&engine, NULL))
		return 1;
	rc = cmocka_run_group_tests_name("api_write", tests, NULL, NULL);
	ws_engine_free(engine);
	return rc;
}
