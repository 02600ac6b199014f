/*
 * api_write.h - the body of POST /v1/annotate written straight into a
 * buffer, without building a jansson tree.
 *
 * The bytes are exactly those of
 *   json_dumps(api_annotate_response(doc, unit, id),
 *              JSON_COMPACT | API_DUMP_FLAGS)
 * (api.h describes the shape); tests/http/test_api_write.c holds the two
 * to that on real stories in every unit. It is several times faster:
 * jansson spends most of an answer's time building and dumping the tree.
 */
#ifndef WS_API_WRITE_H
#define WS_API_WRITE_H

#include <stddef.h>

#include "whosaid.h"

struct buf;

/* The largest answer written for one document, in bytes (256 MiB). */
#define API_MAX_ANSWER ((size_t)1 << 28)

/*
 * api_write_annotate - append the response for `doc` (borrowed) with
 * spans in `unit` to `out`. `id` is the "id" member's value as JSON text
 * (id_len bytes, e.g. "\"a-1\"" or "42", borrowed), or NULL for no "id".
 * `extra` (extra_len bytes, borrowed) is further members as JSON text
 * without braces, written after "engine" (for a fetched story:
 * "article":{...},"text":"..."), or NULL.
 * Returns 0; out's sticky error (-E2BIG, -ENOMEM); or -EINVAL when the
 * document holds a span off a code point boundary or a string that is
 * not UTF-8 (an engine bug: api_doc_json() gives NULL then). After an
 * error `out` holds a partial document.
 */
int api_write_annotate(struct buf *out, const struct ws_doc *doc,
                       enum ws_unit unit, const char *id, size_t id_len,
                       const char *extra, size_t extra_len);

/*
 * api_write_doc - what `whosaid annotate` prints for `doc`: the same
 * JSON without "engine" (`whosaid --version` says it) and without extra
 * members; `id` as for api_write_annotate(). Returns as it does.
 */
int api_write_doc(struct buf *out, const struct ws_doc *doc, enum ws_unit unit,
                  const char *id, size_t id_len);

/*
 * api_write_string - append `s` (n bytes of UTF-8, NUL allowed) as a
 * JSON string, escaped as jansson does. Returns 0, -EINVAL when s is not
 * UTF-8, or out's sticky error.
 */
int api_write_string(struct buf *out, const char *s, size_t n);

#endif /* WS_API_WRITE_H */
