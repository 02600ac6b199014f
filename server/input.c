/*
 * input.c - request bodies checked into what to annotate (see input.h).
 */
#include "input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"

static const char *const media_names[] = {
	[INPUT_PLAIN] = "text/plain; charset=utf-8",
	[INPUT_JSON] = "application/json",
	[INPUT_NDJSON] = "application/x-ndjson",
};

static const char *const media_types[] = {
	[INPUT_PLAIN] = "text/plain",
	[INPUT_JSON] = "application/json",
	[INPUT_NDJSON] = "application/x-ndjson",
};

#define NMEDIA (sizeof(media_types) / sizeof(media_types[0]))

static bool is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* "what it takes: a, b or c" into p's detail after `lead`. */
static void refuse_media(struct problem *p, unsigned accept, const char *lead,
                         const char *value)
{
	char list[160];
	size_t i, n = 0, k = 0, count = 0;

	for (i = 0; i < NMEDIA; i++)
		count += (accept >> i) & 1u;
	list[0] = '\0';
	for (i = 0; i < NMEDIA && n < sizeof(list); i++) {
		if (!((accept >> i) & 1u))
			continue;
		k++;
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
		                      k == 1       ? ""
		                      : k == count ? " or "
		                                   : ", ",
		                      media_names[i]);
	}
	problem_set(p, 415, "unsupported-media-type", "%s%.80s; send %s", lead,
	            value ? value : "", list);
}

/*
 * The charset parameter's value, unquoted, must be utf-8 (or utf8, any
 * case). Other parameters are ignored.
 */
static bool charset_ok(const char *params)
{
	const char *p = params;

	while (*p) {
		const char *name, *val;
		size_t nlen, vlen;

		p += strspn(p, "; \t");
		name = p;
		nlen = strcspn(p, "=;");
		while (nlen && is_ows(name[nlen - 1]))
			nlen--;
		p += strcspn(p, "=;");
		if (*p != '=')
			continue;
		p++;
		while (is_ows(*p))
			p++;
		if (*p == '"') {
			val = ++p;
			vlen = strcspn(p, "\"");
			p += vlen + (p[vlen] == '"');
		} else {
			val = p;
			vlen = strcspn(p, ";");
			p += vlen;
			while (vlen && is_ows(val[vlen - 1]))
				vlen--;
		}
		if (nlen == 7 && !strncasecmp(name, "charset", 7) &&
		    !((vlen == 5 && !strncasecmp(val, "utf-8", 5)) ||
		      (vlen == 4 && !strncasecmp(val, "utf8", 4))))
			return false;
	}
	return true;
}

int input_media_type(const char *value, unsigned accept, enum input_media *out,
                     struct problem *p)
{
	size_t n, i;

	if (!value) {
		refuse_media(p, accept, "no Content-Type", NULL);
		return -EINVAL;
	}
	while (is_ows(*value))
		value++;
	n = strcspn(value, ";");
	while (n && is_ows(value[n - 1]))
		n--;
	for (i = 0; i < NMEDIA; i++) {
		if (!((accept >> i) & 1u) || strlen(media_types[i]) != n ||
		    strncasecmp(value, media_types[i], n))
			continue;
		if (!charset_ok(value + strcspn(value, ";"))) {
			refuse_media(p, accept,
			             "a charset other than UTF-8: ", value);
			return -EINVAL;
		}
		*out = (enum input_media)i;
		return 0;
	}
	refuse_media(p, accept, "unsupported Content-Type ", value);
	return -EINVAL;
}

int input_unit(const char *s, const char *where, enum ws_unit *out,
               struct problem *p)
{
	if (api_parse_unit(s, out) == 0)
		return 0;
	problem_set(p, 400, "bad-offsets",
	            "%s must be \"codepoint\", \"utf16\" or \"utf8\", not "
	            "\"%.40s\"",
	            where, s ? s : "");
	return -EINVAL;
}

void input_init(struct input *in, enum ws_unit unit)
{
	memset(in, 0, sizeof(*in));
	in->unit = unit;
}

void input_release(struct input *in)
{
	if (!in)
		return;
	json_decref(in->root);
	in->root = NULL;
}

/* The type of a JSON value as the details name it. */
static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "a value";
}

static int wrong_type(struct problem *p, const char *what, const char *member,
                      const char *want, const json_t *got)
{
	problem_set(p, 400, "wrong-type", "%s: \"%s\" must be %s, not %s", what,
	            member, want, type_name(got));
	return -EINVAL;
}

int input_parse_json(struct input *in, const char *data, size_t len,
                     const char *what, struct problem *p)
{
	json_t *text = NULL, *title = NULL, *id = NULL, *options = NULL,
	       *url = NULL, *offsets = NULL;
	json_error_t err;

	/* NUL is a character like any other to the engine: allow \u0000. */
	in->root = json_loadb(data, len,
	                      JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
	if (!in->root) {
		if (json_error_code(&err) == json_error_out_of_memory) {
			problem_set(p, 503, "out-of-memory",
			            "out of memory parsing %s", what);
			return -ENOMEM;
		}
		if (json_error_code(&err) == json_error_invalid_utf8) {
			problem_set(p, 400, "invalid-utf8",
			            "%s is not valid UTF-8 at byte offset %d",
			            what, err.position);
			problem_add(p, "offset", err.position);
			return -EINVAL;
		}
		/* A duplicate is well-formed JSON, refused on purpose. */
		problem_set(p, 400,
		            json_error_code(&err) == json_error_duplicate_key
		                    ? "duplicate-member"
		                    : "malformed-json",
		            "%s is not valid JSON: %s (line %d, column %d)",
		            what, err.text, err.line, err.column);
		problem_add(p, "line", err.line);
		problem_add(p, "column", err.column);
		problem_add(p, "offset", err.position);
		return -EINVAL;
	}
	if (!json_is_object(in->root)) {
		problem_set(p, 400, "not-an-object",
		            "%s must be a JSON object, not %s", what,
		            type_name(in->root));
		return -EINVAL;
	}
	/* One call takes every member and refuses unknown ones ('!'). */
	if (json_unpack_ex(in->root, &err, 0, "{s?o, s?o, s?o, s?o, s?o !}",
	                   "text", &text, "title", &title, "id", &id, "options",
	                   &options, "url", &url) != 0) {
		problem_set(p, 400, "unknown-member",
		            "%s: %s (members: text, title, id, options, url)",
		            what, err.text);
		return -EINVAL;
	}
	/* A good id is kept before anything else is checked, so that a
	 * batch's error line can carry it. */
	if (id &&
	    (json_is_number(id) ||
	     (json_is_string(id) && json_string_length(id) <= INPUT_MAX_ID)))
		in->id = id;
	if (text && !json_is_string(text))
		return wrong_type(p, what, "text", "a string", text);
	if (title && !json_is_string(title))
		return wrong_type(p, what, "title", "a string", title);
	if (url && !json_is_string(url))
		return wrong_type(p, what, "url", "a string", url);
	if (id && !json_is_string(id) && !json_is_number(id))
		return wrong_type(p, what, "id", "a string or a number", id);
	if (id && json_is_string(id) && json_string_length(id) > INPUT_MAX_ID) {
		problem_set(p, 400, "id-too-long",
		            "%s: \"id\" is longer than %d bytes", what,
		            INPUT_MAX_ID);
		problem_add(p, "limit", INPUT_MAX_ID);
		return -EINVAL;
	}
	if (options) {
		if (!json_is_object(options))
			return wrong_type(p, what, "options", "an object",
			                  options);
		if (json_unpack_ex(options, &err, 0, "{s?o !}", "offsets",
		                   &offsets) != 0) {
			problem_set(p, 400, "unknown-member",
			            "%s: options: %s (members: offsets)", what,
			            err.text);
			return -EINVAL;
		}
		if (offsets && !json_is_string(offsets))
			return wrong_type(p, what, "options.offsets",
			                  "a string", offsets);
		if (offsets && input_unit(json_string_value(offsets),
		                          "options.offsets", &in->unit, p))
			return -EINVAL;
		in->unit_set = offsets != NULL;
	}
	if (!text && !url) {
		problem_set(p, 400, "missing-text",
		            "%s has no \"text\" (a string)", what);
		return -EINVAL;
	}
	/* Which one to annotate would be a guess: refuse both. */
	if (text && url) {
		problem_set(p, 400, "text-and-url",
		            "%s has both \"text\" and \"url\"; send one", what);
		return -EINVAL;
	}
	if (text) {
		in->text = json_string_value(text);
		in->len = json_string_length(text);
	}
	in->url = url ? json_string_value(url) : NULL;
	return 0;
}

/*
 * Length of the white-space character at s (n bytes left), or 0: the
 * ASCII ones, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000 and the byte order mark U+FEFF.
 */
static size_t space_len(const unsigned char *s, size_t n)
{
	if (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if (n < 3)
		return 0;
	if (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
		return 3;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 3;
	return 0;
}

bool input_is_blank(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, k;

	while (i < len) {
		k = space_len(s + i, len - i);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

int input_annotate(const struct ws_engine *eng, const char *text, size_t len,
                   struct ws_doc **doc, struct problem *p)
{
	struct ws_error werr;
	int rc;

	*doc = NULL;
	if (input_is_blank(text, len)) {
		problem_set(p, 422, "empty-text",
		            len ? "the text is only white space"
		                : "the text is empty");
		return -EINVAL;
	}
	memset(&werr, 0, sizeof(werr));
	rc = ws_annotate(eng, text, len, 0, doc, &werr);
	switch (rc) {
	case WS_OK:
		return 0;
	case WS_EUTF8:
		problem_set(p, 400, "invalid-utf8",
		            "the text is not valid UTF-8 at byte offset %zu",
		            werr.offset);
		problem_add(p, "offset", (long long)werr.offset);
		return -EINVAL;
	case WS_ETOOBIG:
		problem_set(p, 413, "text-too-large",
		            "the text is longer than %zu bytes",
		            (size_t)WS_MAX_TEXT);
		problem_add(p, "limit", (long long)WS_MAX_TEXT);
		return -EINVAL;
	case WS_ENOMEM:
		problem_set(p, 503, "out-of-memory",
		            "out of memory annotating the text");
		return -ENOMEM;
	}
	problem_set(p, 500, "engine-failed", "the engine failed: %s",
	            werr.message[0] ? werr.message : ws_strerror(rc));
	return -EIO;
}

char *input_id_json(const json_t *id, size_t *len)
{
	char *s =
		json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT | API_DUMP_FLAGS);

	*len = s ? strlen(s) : 0;
	return s;
}
