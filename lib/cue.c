/*
 * cue.c - the cue lexicon: parsing lexicon files (the built-in one is
 * config/cues.tsv, compiled in by lib/embed.py) and adding them to an
 * engine atomically.
 */
#include <stdio.h>
#include <string.h>

#include "lexicon.h"

extern const char ws__builtin_cues[];
extern const size_t ws__builtin_cues_len;

static const char *const stance_names[] = {
	[WS_STANCE_NEUTRAL] = "neutral",
	[WS_STANCE_ASSERTIVE] = "assertive",
	[WS_STANCE_CONCESSIVE] = "concessive",
	[WS_STANCE_CRITICAL] = "critical",
	[WS_STANCE_DIRECTIVE] = "directive",
	[WS_STANCE_EPISTEMIC] = "epistemic",
};

static const struct {
	const char *name;
	uint32_t flag;
} flag_names[] = {
	{"obj", CUE_OBJ},           {"toinf", CUE_TOINF},
	{"question", CUE_QUESTION}, {"np", CUE_NP},
	{"weak", CUE_WEAK},         {"noquote", CUE_NOQUOTE},
	{"passive", CUE_PASSIVE},   {"naming", CUE_NAMING},
	{"quote", CUE_QUOTE},       {"raising", CUE_RAISING},
};

static bool span_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !memcmp(s, word, len);
}

bool ws__stance_parse(const char *s, size_t len, enum ws_stance *out)
{
	size_t i;

	for (i = 0; i < WS_ARRAY_LEN(stance_names); i++) {
		if (span_is(s, len, stance_names[i])) {
			*out = (enum ws_stance)i;
			return true;
		}
	}
	return false;
}

bool ws__cue_flags_parse(const char *s, size_t len, uint32_t *out)
{
	size_t i = 0;

	*out = 0;
	while (i < len) {
		size_t start = i, k;
		bool found = false;

		while (i < len && s[i] != ',')
			i++;
		for (k = 0; k < WS_ARRAY_LEN(flag_names); k++) {
			if (span_is(s + start, i - start, flag_names[k].name)) {
				*out |= flag_names[k].flag;
				found = true;
			}
		}
		if (!found)
			return false;
		i++;
	}
	return true;
}

struct field {
	const char *s;
	size_t len;
};

static void trim(struct field *f)
{
	while (f->len && (f->s[0] == ' ' || f->s[0] == '\r')) {
		f->s++;
		f->len--;
	}
	while (f->len && (f->s[f->len - 1] == ' ' || f->s[f->len - 1] == '\r'))
		f->len--;
}

static void lex_error(struct ws_error *err, unsigned line, const char *what)
{
	if (!err)
		return;
	err->code = WS_ELEXICON;
	err->offset = 0;
	err->line = line;
	snprintf(err->message, sizeof(err->message), "line %u: %s", line, what);
}

/*
 * Parse every line of a lexicon and add it to lx. With `dry`, only
 * check the syntax (nothing is added), so a caller can validate a whole
 * file before changing anything.
 */
static int parse_cues(struct ws_lexicon *lx, const char *data, size_t len,
                      bool copy, bool dry, struct ws_error *err)
{
	size_t i = 0;
	unsigned line = 0;

	while (i < len) {
		struct field f[4];
		size_t eol = i, p;
		int nf = 0, k;
		enum ws_stance stance;
		uint32_t flags = 0;

		line++;
		while (eol < len && data[eol] != '\n')
			eol++;
		if (memchr(data + i, '\0', eol - i)) {
			lex_error(err, line, "NUL byte in line");
			return WS_ELEXICON;
		}
		p = i;
		while (p < eol && (data[p] == ' ' || data[p] == '\r'))
			p++;
		if (p == eol || data[p] == '#') {
			i = eol + 1;
			continue;
		}
		while (nf < 4) {
			size_t start = p;

			while (p < eol && data[p] != '\t')
				p++;
			f[nf].s = data + start;
			f[nf].len = p - start;
			trim(&f[nf]);
			nf++;
			if (p >= eol)
				break;
			p++;
		}
		if (p < eol) {
			lex_error(err, line,
			          "more than four tab-separated fields");
			return WS_ELEXICON;
		}
		if (nf < 3) {
			lex_error(
				err, line,
				"expected lemma<TAB>stance<TAB>forms[<TAB>flags]");
			return WS_ELEXICON;
		}
		for (k = 0; k < nf; k++) {
			if (!f[k].len && k < 3) {
				lex_error(err, line, "empty field");
				return WS_ELEXICON;
			}
		}
		if (f[0].len > 64) {
			lex_error(err, line, "lemma longer than 64 bytes");
			return WS_ELEXICON;
		}
		if (!ws__stance_parse(f[1].s, f[1].len, &stance)) {
			lex_error(
				err, line,
				"unknown stance (neutral, assertive, concessive, "
				"critical, directive, epistemic)");
			return WS_ELEXICON;
		}
		if (nf == 4 && f[3].len &&
		    !ws__cue_flags_parse(f[3].s, f[3].len, &flags)) {
			lex_error(
				err, line,
				"unknown flag (obj, toinf, question, np, weak, "
				"noquote, passive, naming, quote)");
			return WS_ELEXICON;
		}
		/* Check the forms: 1-5 words of at most 64 bytes each. */
		{
			size_t q = 0, words = 0, wl = 0;
			bool empty = true;

			for (q = 0; q <= f[2].len; q++) {
				char c = q < f[2].len ? f[2].s[q] : '|';

				if (c == '|') {
					if (wl)
						words++;
					if (empty || words == 0 ||
					    words > WS_CUE_MAX_WORDS) {
						lex_error(
							err, line,
							"a form needs 1 to 5 words");
						return WS_ELEXICON;
					}
					words = wl = 0;
					empty = true;
				} else if (c == ' ') {
					if (wl)
						words++;
					wl = 0;
				} else {
					empty = false;
					if (++wl > 64) {
						lex_error(
							err, line,
							"a word longer than 64 bytes");
						return WS_ELEXICON;
					}
				}
			}
		}
		if (!dry) {
			int rc = ws__lex_add_cue(lx, f[0].s, f[0].len, stance,
			                         flags, f[2].s, f[2].len, copy);

			if (rc != WS_OK) {
				if (rc == WS_EINVAL) {
					lex_error(err, line, "malformed forms");
					return WS_ELEXICON;
				}
				return rc;
			}
		}
		i = eol + 1;
	}
	return WS_OK;
}

int ws__cues_builtin(struct ws_lexicon *lx)
{
	int rc = parse_cues(lx, ws__builtin_cues, ws__builtin_cues_len, false,
	                    false, NULL);

	/* The built-in file is checked by the unit tests: only OOM remains. */
	return rc == WS_OK ? WS_OK : WS_ENOMEM;
}

int ws_engine_load_cues(struct ws_engine *eng, const char *data, size_t len,
                        struct ws_error *err)
{
	struct ws_lexicon *copy;
	int rc;

	if (!eng || (!data && len))
		return WS_EINVAL;
	rc = parse_cues(NULL, data, len, true, true, err);
	if (rc != WS_OK)
		return rc;
	rc = ws__lex_clone(&copy, eng->lex);
	if (rc != WS_OK)
		goto nomem;
	rc = parse_cues(copy, data, len, true, false, err);
	if (rc != WS_OK) {
		ws__lex_free(copy);
		if (rc == WS_ENOMEM)
			goto nomem;
		return rc;
	}
	ws__lex_free(eng->lex);
	eng->lex = copy;
	return WS_OK;
nomem:
	if (err) {
		err->code = WS_ENOMEM;
		err->line = 0;
		snprintf(err->message, sizeof(err->message), "out of memory");
	}
	return WS_ENOMEM;
}

size_t ws_engine_cue_count(const struct ws_engine *eng)
{
	return eng->lex->nforms;
}
