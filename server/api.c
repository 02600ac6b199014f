/*
 * api.c - ws_doc to JSON (see api.h for the shape).
 *
 * Building never checks a step: json_object_set_new() and
 * json_array_append_new() take the reference even when they fail and
 * accept NULL, so a failed allocation anywhere only sets `failed`, which
 * is checked once at the end. Keys are ASCII literals, hence the _nocheck
 * setters; ids and enum names are ASCII, hence json_string_nocheck().
 * Text from the document is checked (json_stringn) so that a span off a
 * code point boundary cannot put invalid UTF-8 on the wire.
 */
#include "api.h"

#include <stdio.h>
#include <string.h>

struct build {
	const struct ws_doc *doc;
	enum ws_unit unit;
	const char *text;
	size_t len;
	const struct ws_entity *entities;
	size_t nentities;
	bool failed;
};

static void put(struct build *b, json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new_nocheck(obj, key, v) != 0)
		b->failed = true;
}

static void append(struct build *b, json_t *arr, json_t *v)
{
	if (json_array_append_new(arr, v) != 0)
		b->failed = true;
}

static json_t *offset(const struct build *b, uint32_t byte)
{
	if (b->unit == WS_UNIT_UTF8)
		return json_integer(byte);
	return json_integer(ws_doc_offset(b->doc, byte, b->unit));
}

/* A string or JSON null for a NULL pointer (rule, lemma, name). */
static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *id_string(char prefix, size_t index)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%c%zu", prefix, index + 1);
	return json_string_nocheck(buf);
}

/* "e<k>" for a valid entity index, null for -1 or out of range. */
static json_t *entity_id(const struct build *b, int32_t entity)
{
	if (entity < 0 || (size_t)entity >= b->nentities)
		return json_null();
	return id_string('e', (size_t)entity);
}

static json_t *span_text(struct build *b, struct ws_span s)
{
	if (s.start > s.end || s.end > b->len) {
		b->failed = true;
		return NULL;
	}
	return json_stringn(b->text + s.start, s.end - s.start);
}

/* {"start", "end"} plus "text" when with_text. */
static json_t *span_json(struct build *b, struct ws_span s, bool with_text)
{
	json_t *o = json_object();

	put(b, o, "start", offset(b, s.start));
	put(b, o, "end", offset(b, s.end));
	if (with_text)
		put(b, o, "text", span_text(b, s));
	return o;
}

static double round_confidence(float c)
{
	/* NaN fails both comparisons and lands on 0. */
	if (!(c > 0.0f))
		return 0.0;
	if (c >= 1.0f)
		return 1.0;
	return (double)(long)((double)c * 1000.0 + 0.5) / 1000.0;
}

static json_t *quote_json(struct build *b, const struct ws_quote *q,
                          size_t index)
{
	json_t *o = json_object(), *segs = json_array();
	uint32_t i;

	put(b, o, "id", id_string('q', index));
	put(b, o, "type", json_string_nocheck(ws_quote_type_name(q->type)));
	put(b, o, "content", span_json(b, q->content, true));
	for (i = 0; i < q->nsegments; i++)
		append(b, segs, span_json(b, q->segments[i], false));
	put(b, o, "segments", segs);

	if (q->has_cue) {
		json_t *cue = span_json(b, q->cue, true);

		put(b, cue, "lemma", string_or_null(q->cue_lemma));
		put(b, cue, "stance",
		    json_string_nocheck(ws_stance_name(q->stance)));
		put(b, o, "cue", cue);
	} else {
		put(b, o, "cue", json_null());
	}

	if (q->entity >= 0 && (size_t)q->entity < b->nentities) {
		const struct ws_entity *e = &b->entities[q->entity];
		json_t *sp = json_object();

		put(b, sp, "entity", entity_id(b, q->entity));
		put(b, sp, "name", string_or_null(e->name));
		put(b, sp, "kind", json_string_nocheck(ws_kind_name(e->kind)));
		put(b, sp, "mention", span_json(b, q->mention, true));
		put(b, o, "speaker", sp);
	} else {
		put(b, o, "speaker", json_null());
	}

	put(b, o, "attribution",
	    json_string_nocheck(ws_attribution_name(q->attribution)));
	put(b, o, "rule", string_or_null(q->rule));
	put(b, o, "confidence", json_real(round_confidence(q->confidence)));
	put(b, o, "paragraph", json_integer(q->paragraph));
	if (q->unclosed)
		put(b, o, "unclosed", json_true());
	return o;
}

static json_t *entity_json(struct build *b, const struct ws_entity *e,
                           size_t index)
{
	json_t *o = json_object(), *titles = json_array(),
	       *mentions = json_array();
	uint32_t i;

	put(b, o, "id", id_string('e', index));
	put(b, o, "name", string_or_null(e->name));
	put(b, o, "kind", json_string_nocheck(ws_kind_name(e->kind)));
	for (i = 0; i < e->ntitles; i++)
		append(b, titles, string_or_null(e->titles[i]));
	put(b, o, "titles", titles);
	put(b, o, "anonymous", json_boolean(e->anonymous));
	if (e->anonymity_reason)
		put(b, o, "anonymity_reason", json_string(e->anonymity_reason));
	for (i = 0; i < e->nmentions; i++)
		append(b, mentions, span_json(b, e->mentions[i], true));
	put(b, o, "mentions", mentions);
	return o;
}

static json_t *speaker_json(struct build *b, const struct ws_speaker *s)
{
	json_t *o = json_object(), *quotes = json_array();
	uint32_t i;

	put(b, o, "entity", entity_id(b, s->entity));
	if (s->entity >= 0 && (size_t)s->entity < b->nentities) {
		const struct ws_entity *e = &b->entities[s->entity];

		put(b, o, "name", string_or_null(e->name));
		put(b, o, "kind", json_string_nocheck(ws_kind_name(e->kind)));
	} else {
		put(b, o, "name", json_null());
		put(b, o, "kind", json_null());
	}
	for (i = 0; i < s->nquotes; i++)
		append(b, quotes, id_string('q', s->quotes[i]));
	put(b, o, "quotes", quotes);
	put(b, o, "direct", json_integer(s->direct));
	put(b, o, "mixed", json_integer(s->mixed));
	put(b, o, "indirect", json_integer(s->indirect));
	put(b, o, "words", json_integer(s->words));
	return o;
}

static json_t *non_quote_json(struct build *b, const struct ws_non_quote *nq)
{
	json_t *o = json_object();

	put(b, o, "kind",
	    json_string_nocheck(ws_non_quote_kind_name(nq->kind)));
	put(b, o, "entity", entity_id(b, nq->entity));
	put(b, o, "start", offset(b, nq->span.start));
	put(b, o, "end", offset(b, nq->span.end));
	put(b, o, "text", span_text(b, nq->span));
	return o;
}

int api_doc_fill(json_t *obj, const struct ws_doc *doc, enum ws_unit unit)
{
	struct build b = {.doc = doc, .unit = unit};
	const struct ws_quote *quotes;
	const struct ws_speaker *speakers;
	const struct ws_non_quote *nqs;
	size_t nquotes, nspeakers, nnqs, i;
	json_t *arr;

	if (!obj || !doc || !api_unit_name(unit)[0])
		return -1;
	b.text = ws_doc_text(doc, &b.len);
	b.entities = ws_doc_entities(doc, &b.nentities);
	quotes = ws_doc_quotes(doc, &nquotes);
	speakers = ws_doc_speakers(doc, &nspeakers);
	nqs = ws_doc_non_quotes(doc, &nnqs);

	put(&b, obj, "offsets", json_string_nocheck(api_unit_name(unit)));

	arr = json_array();
	for (i = 0; i < nquotes; i++)
		append(&b, arr, quote_json(&b, &quotes[i], i));
	put(&b, obj, "quotes", arr);

	arr = json_array();
	for (i = 0; i < b.nentities; i++)
		append(&b, arr, entity_json(&b, &b.entities[i], i));
	put(&b, obj, "entities", arr);

	arr = json_array();
	for (i = 0; i < nspeakers; i++)
		append(&b, arr, speaker_json(&b, &speakers[i]));
	put(&b, obj, "speakers", arr);

	arr = json_array();
	for (i = 0; i < nnqs; i++)
		append(&b, arr, non_quote_json(&b, &nqs[i]));
	put(&b, obj, "non_quotes", arr);

	if (ws_doc_repaired(doc))
		put(&b, obj, "repaired", json_true());
	return b.failed ? -1 : 0;
}

json_t *api_doc_json(const struct ws_doc *doc, enum ws_unit unit)
{
	json_t *obj = json_object();

	if (api_doc_fill(obj, doc, unit) != 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

json_t *api_engine_json(void)
{
	struct build b = {.failed = false};
	json_t *o = json_object();

	put(&b, o, "version", json_string_nocheck(WS_VERSION));
	put(&b, o, "rules", json_string(ws_rules_version()));
	if (b.failed) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *api_annotate_response(const struct ws_doc *doc, enum ws_unit unit,
                              json_t *id)
{
	struct build b = {.failed = false};
	json_t *o = json_object();

	if (id)
		put(&b, o, "id", json_incref(id));
	put(&b, o, "engine", api_engine_json());
	if (b.failed || api_doc_fill(o, doc, unit) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int api_parse_unit(const char *s, enum ws_unit *out)
{
	if (!s)
		return WS_EINVAL;
	if (strcmp(s, "codepoint") == 0)
		*out = WS_UNIT_CODEPOINT;
	else if (strcmp(s, "utf16") == 0)
		*out = WS_UNIT_UTF16;
	else if (strcmp(s, "utf8") == 0)
		*out = WS_UNIT_UTF8;
	else
		return WS_EINVAL;
	return 0;
}

const char *api_unit_name(enum ws_unit unit)
{
	switch (unit) {
	case WS_UNIT_CODEPOINT:
		return "codepoint";
	case WS_UNIT_UTF16:
		return "utf16";
	case WS_UNIT_UTF8:
		return "utf8";
	}
	return "";
}
