/*
 * input.h - what a request asks to annotate, checked: the media type,
 * the JSON body {"text", "title", "id", "options": {"offsets"}, "url"},
 * the offsets unit, blank text, and the engine's own refusals.
 *
 * Every check that fails fills a struct problem (problem.h) with the
 * status the API answers and a detail naming what was wrong, and
 * returns -EINVAL (-ENOMEM for an allocation). Used by http.c for
 * POST /v1/annotate and by batch.c for each line of a batch.
 */
#ifndef WS_INPUT_H
#define WS_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "problem.h"
#include "whosaid.h"

/* Longest "id" string echoed back, in bytes. */
#define INPUT_MAX_ID 256

enum input_media {
	INPUT_PLAIN,  /* text/plain; charset=utf-8 */
	INPUT_JSON,   /* application/json */
	INPUT_NDJSON, /* application/x-ndjson */
};

/*
 * input_media_type - classify a Content-Type value (NULL: absent).
 * `accept` is a mask of 1u << INPUT_* the route takes. A charset other
 * than UTF-8 (any case, quoted or not) is refused. Returns 0 and *out,
 * or -EINVAL with a 415 problem that lists what the route takes.
 */
int input_media_type(const char *value, unsigned accept, enum input_media *out,
                     struct problem *p);

/*
 * input_unit - "codepoint", "utf16" or "utf8" into *out; `where` names
 * the source in the 400 detail ("the offsets query parameter").
 */
int input_unit(const char *s, const char *where, enum ws_unit *out,
               struct problem *p);

/* A request to annotate. Plain value; input_release() frees root. */
struct input {
	json_t *root;     /* the parsed JSON body, owned; NULL for text */
	const char *text; /* borrowed from the body or root; NULL: absent */
	size_t len;
	json_t *id;      /* borrowed from root; NULL: none */
	const char *url; /* borrowed from root; NULL: none */
	bool unit_set;   /* options.offsets was given */
	enum ws_unit unit;
};

/* An empty input (text NULL) whose unit defaults to `unit`. */
void input_init(struct input *in, enum ws_unit unit);

/*
 * input_parse_json - parse a JSON body (data, len bytes, borrowed; the
 * strings in *in point into in->root afterwards, not into data). 400
 * for malformed JSON (with "line", "column" and "offset"), invalid UTF-8
 * (with "offset"), a body that is not an object, an unknown member, a
 * member of the wrong type, an "id" longer than INPUT_MAX_ID bytes, a
 * bad options.offsets, and neither or both of "text" and "url". `what`
 * names the body in details ("the body", "line 3"). On a 400 for another
 * member, in->id is still set when "id" itself is good.
 */
int input_parse_json(struct input *in, const char *data, size_t len,
                     const char *what, struct problem *p);

/* Free what in owns; accepts NULL. */
void input_release(struct input *in);

/* True when text is empty or only Unicode white space (UTF-8). */
bool input_is_blank(const char *text, size_t len);

/*
 * input_annotate - ws_annotate() with its errors as problems: 422 for
 * blank text, 400 for invalid UTF-8 (with "offset", the byte offset in
 * the text), 413 for a text over WS_MAX_TEXT, 503 when out of memory.
 * On success *doc is the caller's to ws_doc_free().
 */
int input_annotate(const struct ws_engine *eng, const char *text, size_t len,
                   struct ws_doc **doc, struct problem *p);

/*
 * input_id_json - the "id" member's value as compact JSON text, for
 * api_write_annotate(): a new string to free(), or NULL when out of
 * memory. id is borrowed.
 */
char *input_id_json(const json_t *id, size_t *len);

#endif /* WS_INPUT_H */
