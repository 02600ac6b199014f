/*
 * wsdump - print the engine's intermediate analysis of a text file:
 * paragraphs, sentences, tokens with their flags, and quotations.
 * A developer's tool for reading why a rule did or did not fire.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (n == cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			if (cap > ((size_t)64 << 20) ||
			    !(nb = realloc(buf, cap))) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		if (!got)
			break;
		n += got;
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	struct ws_engine *eng;
	struct ws_doc *doc;
	struct ana a;
	size_t len;
	char *text;
	uint32_t si, k;

	if (argc != 2) {
		fprintf(stderr, "usage: wsdump FILE\n");
		return 2;
	}
	text = slurp(argv[1], &len);
	if (!text) {
		perror(argv[1]);
		return 1;
	}
	if (ws_engine_create(&eng, NULL) != WS_OK ||
	    ws_annotate(eng, text, len, WS_REPAIR_UTF8, &doc, NULL) != WS_OK) {
		fprintf(stderr, "wsdump: annotate failed\n");
		return 1;
	}
	memset(&a, 0, sizeof(a));
	a.doc = doc;
	a.lx = eng->lex;
	a.arena = &doc->arena;
	a.text = doc->text;
	a.len = (uint32_t)doc->len;
	if (ws__tokenize(&a) || ws__quotes_pair(&a) || ws__sentences(&a))
		return 1;
	for (si = 0; si < a.nsents; si++) {
		const struct sent *s = &a.sents[si];

		printf("S%u (para %u):", si, s->para);
		for (k = s->first; k < s->end; k++) {
			const struct tok *t = &a.toks[k];

			printf(" %s%.*s%s", (t->flags & TF_INQ) ? "_" : "",
			       (int)(t->end - t->start), a.text + t->start,
			       t->kind == TK_QUOTE
			               ? ((t->flags & TF_QUSED) ? "" : "?")
			               : "");
		}
		printf("\n");
	}
	for (k = 0; k < a.nquotes; k++) {
		const struct qspan *q = &a.quotes[k];

		printf("Q%u para %u [%u,%u) next %u prev %u%s: %.60s\n", k,
		       q->para, q->start, q->stop, q->next, q->prev,
		       q->unclosed ? " unclosed" : "", a.text + q->start);
	}
	ws_doc_free(doc);
	ws_engine_free(eng);
	free(text);
	return 0;
}
