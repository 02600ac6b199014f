/*
 * engine.c - the public entry points: engine and document lifecycles,
 * result accessors and the names the JSON output uses.
 */
#include <stdio.h>
#include <string.h>

#include "lexicon.h"

const char *ws_strerror(int code)
{
	switch (code) {
	case WS_OK:
		return "success";
	case WS_ENOMEM:
		return "out of memory";
	case WS_EINVAL:
		return "invalid argument";
	case WS_EUTF8:
		return "text is not valid UTF-8";
	case WS_ETOOBIG:
		return "text is too long";
	case WS_ELEXICON:
		return "bad lexicon entry";
	}
	return "unknown error";
}

const char *ws_rules_version(void)
{
	return "2026.12.23";
}

static const struct ws_allocator *engine_alloc(const struct ws_engine *eng)
{
	return eng->has_alloc ? &eng->alloc : NULL;
}

int ws_engine_create(struct ws_engine **out, const struct ws_allocator *alloc)
{
	struct ws_engine *eng;

	if (!out)
		return WS_EINVAL;
	*out = NULL;
	eng = ws__malloc(alloc, sizeof(*eng));
	if (!eng)
		return WS_ENOMEM;
	memset(eng, 0, sizeof(*eng));
	if (alloc) {
		eng->alloc = *alloc;
		eng->has_alloc = true;
	}
	if (ws__lex_create(&eng->lex, engine_alloc(eng)) != WS_OK) {
		ws__free(engine_alloc(eng), eng);
		return WS_ENOMEM;
	}
	*out = eng;
	return WS_OK;
}

void ws_engine_free(struct ws_engine *eng)
{
	if (!eng)
		return;
	ws__lex_free(eng->lex);
	ws__free(engine_alloc(eng), eng);
}

static void set_error(struct ws_error *err, int code, const char *msg)
{
	if (!err)
		return;
	err->code = code;
	err->offset = 0;
	err->line = 0;
	strncpy(err->message, msg, sizeof(err->message) - 1);
	err->message[sizeof(err->message) - 1] = '\0';
}

int ws_annotate(const struct ws_engine *eng, const char *text, size_t len,
                unsigned flags, struct ws_doc **out, struct ws_error *err)
{
	struct ws_doc *doc;
	size_t bad = 0;
	int rc;

	if (!out || !eng || (!text && len))
		return WS_EINVAL;
	*out = NULL;
	if (len > WS_MAX_TEXT) {
		set_error(err, WS_ETOOBIG, "text is longer than 1 GiB");
		return WS_ETOOBIG;
	}
	if (!text)
		text = "";
	doc = ws__malloc(engine_alloc(eng), sizeof(*doc));
	if (!doc) {
		set_error(err, WS_ENOMEM, "out of memory");
		return WS_ENOMEM;
	}
	memset(doc, 0, sizeof(*doc));
	ws__arena_init(&doc->arena, engine_alloc(eng));
	doc->eng = eng;
	doc->text = text;
	doc->len = len;
	if (!ws__utf8_valid(text, len, &bad)) {
		size_t rlen;
		char *fixed;

		if (!(flags & WS_REPAIR_UTF8)) {
			if (err) {
				set_error(err, WS_EUTF8, "");
				err->offset = bad;
				snprintf(err->message, sizeof(err->message),
				         "invalid UTF-8 at byte offset %zu",
				         bad);
			}
			rc = WS_EUTF8;
			goto fail;
		}
		fixed = ws__utf8_repair(&doc->arena, text, len, &rlen);
		if (!fixed || rlen > WS_MAX_TEXT) {
			rc = fixed ? WS_ETOOBIG : WS_ENOMEM;
			set_error(err, rc, ws_strerror(rc));
			goto fail;
		}
		doc->text = fixed;
		doc->len = rlen;
		doc->repaired = true;
	}
	rc = ws__offsets_build(&doc->off, &doc->arena, doc->text, doc->len);
	if (rc == WS_OK)
		rc = ws__analyze(doc);
	if (rc == WS_OK && doc->arena.failed)
		rc = WS_ENOMEM;
	if (rc != WS_OK) {
		set_error(err, rc, ws_strerror(rc));
		goto fail;
	}
	*out = doc;
	return WS_OK;
fail:
	ws_doc_free(doc);
	return rc;
}

void ws_doc_free(struct ws_doc *doc)
{
	const struct ws_allocator *alloc;

	if (!doc)
		return;
	alloc = doc->arena.alloc;
	ws__arena_release(&doc->arena);
	ws__free(alloc, doc);
}

const char *ws_doc_text(const struct ws_doc *doc, size_t *len)
{
	if (len)
		*len = doc->len;
	return doc->text;
}

bool ws_doc_repaired(const struct ws_doc *doc)
{
	return doc->repaired;
}

const struct ws_quote *ws_doc_quotes(const struct ws_doc *doc, size_t *n)
{
	*n = doc->nquotes;
	return doc->quotes;
}

const struct ws_entity *ws_doc_entities(const struct ws_doc *doc, size_t *n)
{
	*n = doc->nentities;
	return doc->entities;
}

const struct ws_speaker *ws_doc_speakers(const struct ws_doc *doc, size_t *n)
{
	*n = doc->nspeakers;
	return doc->speakers;
}

const struct ws_non_quote *ws_doc_non_quotes(const struct ws_doc *doc,
                                             size_t *n)
{
	*n = doc->nnon_quotes;
	return doc->non_quotes;
}

size_t ws_doc_paragraphs(const struct ws_doc *doc)
{
	return doc->nparagraphs;
}

uint32_t ws_doc_offset(const struct ws_doc *doc, uint32_t byte,
                       enum ws_unit unit)
{
	return ws__offsets_get(&doc->off, byte, unit);
}

const char *ws_quote_type_name(enum ws_quote_type t)
{
	static const char *const names[] = {"direct", "mixed", "indirect"};

	return (unsigned)t < WS_ARRAY_LEN(names) ? names[t] : "?";
}

const char *ws_kind_name(enum ws_kind k)
{
	static const char *const names[] = {"person", "organization", "group",
	                                    "anonymous"};

	return (unsigned)k < WS_ARRAY_LEN(names) ? names[k] : "?";
}

const char *ws_attribution_name(enum ws_attribution a)
{
	static const char *const names[] = {"explicit", "according_to",
	                                    "inherited", "coreference"};

	return (unsigned)a < WS_ARRAY_LEN(names) ? names[a] : "?";
}

const char *ws_stance_name(enum ws_stance s)
{
	static const char *const names[] = {"neutral",    "assertive",
	                                    "concessive", "critical",
	                                    "directive",  "epistemic"};

	return (unsigned)s < WS_ARRAY_LEN(names) ? names[s] : "?";
}

const char *ws_non_quote_kind_name(enum ws_non_quote_kind k)
{
	static const char *const names[] = {"declined_comment", "no_response"};

	return (unsigned)k < WS_ARRAY_LEN(names) ? names[k] : "?";
}
