/*
 * span_check.h - structural checks of the JSON api.c builds, shared by
 * the cli suite's C tests. Failures are cmocka assertions.
 */
#ifndef WS_TEST_SPAN_CHECK_H
#define WS_TEST_SPAN_CHECK_H

#include <stddef.h>

#include <jansson.h>

#include "whosaid.h"

/*
 * The byte offset at which `off` units of `unit` end in text (len
 * bytes, valid UTF-8), or (size_t)-1 when off is negative, past the end
 * or inside a code point (or, in UTF-16, between two surrogates).
 */
size_t unit_to_byte(const char *text, size_t len, enum ws_unit unit,
                    json_int_t off);

/*
 * Check a document object (api_doc_json() or a response that adds "id"
 * and "engine"): every key and type of the shape, ids q1..qN and e1..eN,
 * cross references, and that every span's "text" is the slice of text
 * between its offsets in `unit`.
 * Returns the number of spans checked.
 */
size_t check_doc_json(const json_t *doc, const char *text, size_t len,
                      enum ws_unit unit);

#endif
