/*
 * batch.h - POST /v1/annotate/batch: an NDJSON body in, one NDJSON line
 * out per story, in input order, produced as the answer is sent.
 *
 * Each non-blank input line is {"id"?, "text", "title"?, "options"?}
 * (input.h). Its answer is one line:
 *   the POST /v1/annotate response ({"id", "engine", ...}), where "id"
 *   is the line's or, when it has none, its line number; or
 *   {"line": N, "id"?: ..., "error": {RFC 9457 problem}} when the line
 *   is bad (not JSON, no text, blank text, invalid UTF-8, longer than
 *   max_line, a "url": batches do not fetch).
 * A bad line never fails the batch. Blank lines are skipped but counted,
 * so "line" is the line's number in the body (1-based).
 *
 * Memory: the body (owned) plus the answer to one line; lines are read
 * from the body only when the previous answer has been handed out.
 */
#ifndef WS_BATCH_H
#define WS_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "whosaid.h"

struct metrics;
struct batch;

struct batch_config {
	const struct ws_engine *engine; /* borrowed, outlives the batch */
	struct metrics *metrics;        /* borrowed; may be NULL */
	enum ws_unit unit;              /* lines without options.offsets */
	size_t max_line;                /* longest line annotated, bytes */
};

/*
 * batch_create - a batch over `body` (len bytes, heap; ownership is
 * taken, even on failure). cfg is copied. Returns 0 and *out, or
 * -ENOMEM.
 */
int batch_create(const struct batch_config *cfg, char *body, size_t len,
                 struct batch **out);

/*
 * batch_read - copy up to max (> 0) further bytes of the answer into
 * dst, annotating the next line when the bytes at hand run out. Returns
 * the count (> 0), 0 at the end of the answer, or -ENOMEM when a line's
 * answer could not even be made into an error line.
 */
ssize_t batch_read(struct batch *b, char *dst, size_t max);

/* Lines answered so far (results and errors). */
uint64_t batch_lines(const struct batch *b);

/* Free the batch and its body; accepts NULL. */
void batch_free(struct batch *b);

#endif /* WS_BATCH_H */
