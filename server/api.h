/*
 * api.h - a ws_doc as JSON: the one output format `annotate` prints and
 * `POST /v1/annotate` returns.
 *
 * Shape (every span in one unit, see api_unit_name(); "text" is the UTF-8
 * text of the span, from ws_doc_text()):
 *   {"offsets": "codepoint|utf16|utf8",
 *    "quotes": [{"id": "q1", "type", "content": {"start","end","text"},
 *                "segments": [{"start","end"}],
 *                "cue": {"start","end","text","lemma","stance"} | null,
 *                "speaker": {"entity": "e1","name","kind",
 *                            "mention": {"start","end","text"}} | null,
 *                "attribution", "rule", "confidence", "paragraph",
 *                "unclosed": true (only when set)}],
 *    "entities": [{"id": "e1","name","kind","titles": [],"anonymous",
 *                  "anonymity_reason" (only when known),
 *                  "mentions": [{"start","end","text"}]}],
 *    "speakers": [{"entity","name","kind","quotes": ["q1"],
 *                  "direct","mixed","indirect","words"}],
 *    "non_quotes": [{"kind","entity": "e1"|null,"start","end","text"}],
 *    "repaired": true (only when WS_REPAIR_UTF8 replaced bytes)}
 * Quote ids are q1..qN in array order, entity ids e1..eN by entity index.
 *
 * Dump with API_DUMP_FLAGS or'ed in, so that "confidence" prints as
 * 0.7 rather than 0.69999999999999996.
 */
#ifndef WS_API_H
#define WS_API_H

#include <jansson.h>

#include "whosaid.h"

/*
 * 15 significant digits print every decimal of up to 15 digits as
 * written (a confidence of 0.7, an echoed id of 12345.678) where
 * jansson's default of 17 prints the binary value, 0.69999999999999996.
 */
#define API_DUMP_FLAGS JSON_REAL_PRECISION(15)

/*
 * api_doc_json - a new object holding the document's results, spans in
 * `unit`. Returns a new reference, or NULL when an allocation failed (or
 * the engine returned a span that is not on code point boundaries, which
 * is a bug). doc is borrowed; the JSON copies what it needs.
 */
json_t *api_doc_json(const struct ws_doc *doc, enum ws_unit unit);

/*
 * api_doc_fill - add the keys of api_doc_json() to `obj` after the keys
 * it already has (jansson keeps insertion order, so a caller can put
 * "id" first). Returns 0, or -1 when an allocation failed; obj may then
 * hold some of the keys and the caller should drop it.
 */
int api_doc_fill(json_t *obj, const struct ws_doc *doc, enum ws_unit unit);

/*
 * api_annotate_response - the body of `POST /v1/annotate`:
 * {"id": id (only when id is non-NULL), "engine": {"version", "rules"},
 *  ...api_doc_json() keys}. id is borrowed (the function takes its own
 * reference). Returns a new reference or NULL on allocation failure.
 */
json_t *api_annotate_response(const struct ws_doc *doc, enum ws_unit unit,
                              json_t *id);

/* {"version": WS_VERSION, "rules": ws_rules_version()}; NULL on OOM. */
json_t *api_engine_json(void);

/*
 * api_parse_unit - "codepoint", "utf16" or "utf8" to *out. Returns 0, or
 * WS_EINVAL for anything else (NULL included; *out is then unchanged).
 */
int api_parse_unit(const char *s, enum ws_unit *out);

/* The name api_parse_unit() accepts for a unit; a static string. */
const char *api_unit_name(enum ws_unit unit);

#endif /* WS_API_H */
