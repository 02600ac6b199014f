/*
 * sentence.c - sentence boundaries, outside quotations only.
 *
 * A sentence ends at . ? ! followed by a capital, a digit or an opening
 * quote mark, unless the period belongs to an honorific or title
 * ("Mr.", "Sen."), an initial ("J."), or an abbreviation that rarely
 * ends a sentence and is not followed by a function word ("Jan. 5",
 * "Calif. Gov."). A quotation is never split, so `"A. B," she said.` is
 * one sentence; a quotation ending in a period and followed by a capital
 * ends its sentence. Paragraphs always end sentences.
 */
#include "doc.h"

/* Does token i begin like a new sentence? */
static bool starts_sentence(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];

	if (t->flags & TF_PARA)
		return true;
	if (t->kind == TK_NUM || (t->flags & TF_CAP))
		return true;
	if (t->kind == TK_QUOTE)
		return true;
	return t->kind == TK_PUNCT && (t->ch == '(' || t->ch == '[');
}

/* A capitalised function word: "The", "He", "But", "In". */
static bool function_word(const struct ana *a, uint32_t i)
{
	return (a->toks[i].flags & TF_CAP) &&
	       tok_is(a, i,
	              W_DET | W_PRON | W_COORD | W_SUB | W_PREP | W_POSSPRON |
	                      W_WH | W_THAT | W_ADV);
}

/* Does a quotation of three words or more open at token i, with a
 * capital? Not a nickname (Robert F. "Bobby" Kennedy), nor a quotation
 * that goes on with the clause (the U.S. "does not have ..."). */
static bool opens_long_quote(const struct ana *a, uint32_t i)
{
	const struct tok *t = &a->toks[i];

	return t->kind == TK_QUOTE && t->q && a->quotes[t->q - 1].open == i &&
	       a->quotes[t->q - 1].words >= 3 && i + 1 < a->ntoks &&
	       (a->toks[i + 1].flags & TF_CAP);
}

/* May the period at token p end a sentence, given what follows at n? */
static bool period_ends(const struct ana *a, uint32_t p, uint32_t n)
{
	uint32_t w;
	uint64_t wf;

	if (p == 0)
		return true;
	w = p - 1;
	if (a->toks[w].kind != TK_WORD || (a->toks[p].flags & TF_SPACE))
		return true;
	wf = tok_wflags(a, w);
	/* "said in Sacramento, Calif. "It seems ..."": a quotation after
	 * an abbreviation or an initial opens the next sentence. */
	if (((a->toks[w].flags & TF_INITIAL) || (wf & W_ABBR)) &&
	    opens_long_quote(a, n))
		return true;
	if (a->toks[w].flags & TF_INITIAL)
		return function_word(a, n) && !(a->toks[n].flags & TF_INITIAL);
	if ((wf & W_HONOR) || ((wf & W_TITLE) && (wf & W_ABBR)))
		return false;
	if (wf & W_ABBR)
		return function_word(a, n);
	return true;
}

int ws__sentences(struct ana *a)
{
	struct ws_vec v;
	uint32_t pi;

	ws__vec_init(&v, sizeof(struct sent));
	for (pi = 0; pi < a->nparas; pi++) {
		uint32_t first = a->paras[pi].first, end = a->paras[pi].end;
		uint32_t start = first, i;

		uint32_t paren = 0; /* token after an open '(', +1 */

		for (i = first; i < end; i++) {
			const struct tok *t = &a->toks[i];
			uint32_t cut = NOTOK;

			if (t->flags & TF_INQ)
				continue;
			/* Most tokens are plain words, which end nothing: all
			 * the tests below come to this for them. */
			if (t->kind == TK_WORD && !(t->flags & TF_ACRO)) {
				if (!paren || i - paren >= 12)
					paren = 0;
				continue;
			}
			/* No sentence ends inside a short parenthesis:
			 * "(D-N.C.)", "(R., Texas)". */
			if (t->kind == TK_PUNCT && t->ch == '(') {
				paren = i + 1;
				continue;
			}
			if (t->kind == TK_PUNCT && t->ch == ')')
				paren = 0;
			if (paren && i - paren < 12)
				continue;
			paren = 0;
			if (t->kind == TK_PUNCT &&
			    (t->ch == '.' || t->ch == '?' || t->ch == '!')) {
				uint32_t n = i + 1;

				/* ." and .) belong to the sentence they end. */
				while (n < end &&
				       (a->toks[n].kind == TK_PUNCT &&
				        (a->toks[n].ch == ')' ||
				         a->toks[n].ch == ']')))
					n++;
				if (n < end && starts_sentence(a, n) &&
				    (t->ch != '.' || period_ends(a, i, n)))
					cut = n;
			} else if (t->kind == TK_WORD && (t->flags & TF_ACRO) &&
			           a->text[t->end - 1] == '.' && i + 1 < end &&
			           (function_word(a, i + 1) ||
			            opens_long_quote(a, i + 1))) {
				/* "... in the U.S. The ...", "... in Fort
				 * Mill, S.C. "It seems ..."" */
				cut = i + 1;
			} else if (t->kind == TK_QUOTE && t->q &&
			           a->quotes[t->q - 1].close == i &&
			           i + 1 < end) {
				/* A quotation ending in a period, then a capital. */
				const struct qspan *q = &a->quotes[t->q - 1];
				uint32_t last = q->end > q->first ? q->end - 1
				                                  : i;

				if (a->toks[last].kind == TK_PUNCT &&
				    (a->toks[last].ch == '.' ||
				     a->toks[last].ch == PC_ELLIPSIS) &&
				    starts_sentence(a, i + 1) &&
				    !(a->toks[i + 1].kind == TK_QUOTE &&
				      !(a->toks[i + 1].flags & TF_SPACE)))
					cut = i + 1;
			}
			if (cut != NOTOK && cut > start) {
				struct sent *s = ws__vec_push(&v, a->arena);

				if (!s)
					return WS_ENOMEM;
				s->first = start;
				s->end = cut;
				s->para = pi;
				start = cut;
				i = cut - 1;
			}
		}
		if (start < end) {
			struct sent *s = ws__vec_push(&v, a->arena);

			if (!s)
				return WS_ENOMEM;
			s->first = start;
			s->end = end;
			s->para = pi;
		}
	}
	a->sents = v.items;
	a->nsents = v.n;
	for (pi = 0; pi < a->nsents; pi++)
		a->toks[a->sents[pi].first].flags |= TF_SENT;
	return WS_OK;
}
