/*
 * batch.c - an NDJSON batch answered line by line (see batch.h).
 *
 * The state is a cursor into the body and the answer to the current
 * line (`out`, sent from `sent`). batch_read() hands out what is left of
 * `out` and, when it is all out, parses, annotates and writes the next
 * non-blank line. So the work for line N happens while the answer to
 * line N-1 is on the wire, and only one answer is ever in memory.
 */
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_write.h"
#include "buf.h"
#include "input.h"
#include "metrics.h"
#include "problem.h"

/* An answer buffer that grew past this is freed once sent. */
#define KEEP_ANSWER ((size_t)4 << 20)

struct batch {
	struct batch_config cfg;
	char *body;
	size_t len, pos;   /* the next line starts at body + pos */
	uint64_t line;     /* number of the last line read, 1-based */
	uint64_t answered; /* lines answered */
	struct buf out;    /* the answer to the current line */
	size_t sent;       /* bytes of out already handed out */
};

int batch_create(const struct batch_config *cfg, char *body, size_t len,
                 struct batch **out)
{
	struct batch *b;

	*out = NULL;
	b = calloc(1, sizeof(*b));
	if (!b) {
		free(body);
		return -ENOMEM;
	}
	b->cfg = *cfg;
	b->body = body;
	b->len = body ? len : 0;
	buf_init(&b->out, API_MAX_ANSWER);
	*out = b;
	return 0;
}

void batch_free(struct batch *b)
{
	if (!b)
		return;
	buf_release(&b->out);
	free(b->body);
	free(b);
}

uint64_t batch_lines(const struct batch *b)
{
	return b->answered;
}

static bool blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/*
 * {"line":N,"id":...,"error":{problem}}\n into b->out (reset first).
 * `id` is JSON text or NULL. Returns 0 or -ENOMEM.
 */
static int error_line(struct batch *b, const struct problem *p, const char *id,
                      size_t id_len)
{
	json_t *pj = problem_json(p);
	char *text = pj ? json_dumps(pj, JSON_COMPACT) : NULL;
	char num[32];
	int n;

	json_decref(pj);
	buf_reset(&b->out);
	if (!text)
		return -ENOMEM;
	n = snprintf(num, sizeof(num), "{\"line\":%llu",
	             (unsigned long long)b->line);
	buf_append(&b->out, num, (size_t)n);
	if (id) {
		buf_puts(&b->out, ",\"id\":");
		buf_append(&b->out, id, id_len);
	}
	buf_puts(&b->out, ",\"error\":");
	buf_puts(&b->out, text);
	buf_puts(&b->out, "}\n");
	free(text);
	return b->out.err ? -ENOMEM : 0;
}

/* Annotate one line (s, n bytes, no newline) into b->out. */
static int answer_line(struct batch *b, const char *s, size_t n)
{
	struct input in;
	struct problem p = {0};
	struct ws_doc *doc = NULL;
	char what[40], num[24], *id = NULL;
	size_t id_len = 0;
	int rc;

	snprintf(what, sizeof(what), "line %llu", (unsigned long long)b->line);
	input_init(&in, b->cfg.unit);
	if (n > b->cfg.max_line) {
		problem_set(&p, 413, "line-too-large",
		            "%s is %zu bytes, more than the %zu allowed", what,
		            n, b->cfg.max_line);
		problem_add(&p, "limit", (long long)b->cfg.max_line);
		return error_line(b, &p, NULL, 0);
	}
	rc = input_parse_json(&in, s, n, what, &p);
	if (in.id) {
		id = input_id_json(in.id, &id_len);
		if (!id) {
			rc = -ENOMEM;
			goto release_input;
		}
	}
	if (rc) {
		rc = error_line(b, &p, id, id_len);
		goto free_id;
	}
	if (!in.text) {
		problem_set(&p, 422, "url-in-batch",
		            "%s: \"url\" is not taken in a batch; send the "
		            "story's \"text\"",
		            what);
		rc = error_line(b, &p, id, id_len);
		goto free_id;
	}
	if (input_annotate(b->cfg.engine, in.text, in.len, &doc, &p)) {
		rc = error_line(b, &p, id, id_len);
		goto free_id;
	}
	if (!id) {
		id_len = (size_t)snprintf(num, sizeof(num), "%llu",
		                          (unsigned long long)b->line);
	}
	buf_reset(&b->out);
	rc = api_write_annotate(&b->out, doc, in.unit, id ? id : num, id_len,
	                        NULL, 0);
	buf_putc(&b->out, '\n');
	if (!rc && b->out.err)
		rc = b->out.err;
	if (rc == -E2BIG) {
		problem_set(&p, 500, "answer-too-large",
		            "%s: the answer is larger than %zu bytes", what,
		            (size_t)API_MAX_ANSWER);
		rc = error_line(b, &p, id, id_len);
	} else if (rc) {
		problem_set(&p, rc == -ENOMEM ? 503 : 500,
		            rc == -ENOMEM ? "out-of-memory" : "internal-error",
		            "%s: the answer could not be written: %s", what,
		            strerror(-rc));
		rc = error_line(b, &p, id, id_len);
	} else if (b->cfg.metrics) {
		size_t nquotes;

		ws_doc_quotes(doc, &nquotes);
		metrics_annotated(b->cfg.metrics, in.len, nquotes);
	}
	ws_doc_free(doc);
free_id:
	free(id);
release_input:
	input_release(&in);
	return rc;
}

/*
 * Read lines until one is answered into b->out. Returns 1 (an answer is
 * ready), 0 (no lines left) or -ENOMEM.
 */
static int next_answer(struct batch *b)
{
	while (b->pos < b->len) {
		const char *s = b->body + b->pos, *nl;
		size_t n;

		nl = memchr(s, '\n', b->len - b->pos);
		n = nl ? (size_t)(nl - s) : b->len - b->pos;
		b->pos += n + (nl != NULL);
		b->line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (blank_line(s, n))
			continue;
		if (answer_line(b, s, n))
			return -ENOMEM;
		b->answered++;
		return 1;
	}
	return 0;
}

ssize_t batch_read(struct batch *b, char *dst, size_t max)
{
	size_t n;
	int rc;

	if (b->sent == b->out.len) {
		b->sent = 0;
		if (b->out.cap > KEEP_ANSWER)
			buf_release(&b->out);
		buf_reset(&b->out);
		rc = next_answer(b);
		if (rc <= 0)
			return rc;
	}
	n = b->out.len - b->sent;
	if (n > max)
		n = max;
	memcpy(dst, b->out.data + b->sent, n);
	b->sent += n;
	return (ssize_t)n;
}
