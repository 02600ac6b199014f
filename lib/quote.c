/*
 * quote.c - pairing quote marks into quotations.
 *
 * Marks pair by a table of legal open/close pairs, never by alternation:
 * curly “…”, straight "…", mixed curly/straight (bad CMS conversions),
 * German „…“ and »…«, guillemets «…», CJK 「…」, and single quotes
 * nested inside double ones. Straight marks take their direction from
 * the characters around them. An odd mark is dropped, never fatal.
 *
 * News convention: a quotation that runs over several paragraphs opens
 * each paragraph and closes only the last. A paragraph that ends inside
 * a double quotation continues it when the next paragraph starts with
 * an opening mark; the pieces form one chain (qspan.next / qspan.head).
 * Otherwise the quotation ends with its paragraph, flagged unclosed.
 *
 * Only top-level quotations are recorded: a nested quotation is part of
 * its outer one's content.
 */
#include <string.h>

#include "doc.h"

enum { FAM_DOUBLE = 1, FAM_SINGLE = 2 };

static int family(uint8_t qm)
{
	switch (qm) {
	case QM_LSQ:
	case QM_RSQ:
	case QM_SSQ:
	case QM_LOW9S:
	case QM_LSGUIL:
	case QM_RSGUIL:
	case QM_CJKWL:
	case QM_CJKWR:
		return FAM_SINGLE;
	}
	return FAM_DOUBLE;
}

/* May `close` end a quotation opened by `open`? */
static bool pairs(uint8_t open, uint8_t close)
{
	switch (open) {
	case QM_LDQ:
		return close == QM_RDQ || close == QM_SDQ;
	case QM_SDQ:
	case QM_BACKTICK:
		return close == QM_SDQ || close == QM_RDQ;
	case QM_RDQ: /* ”…” (Swedish style, or a mis-encoded opener) */
		return close == QM_RDQ || close == QM_SDQ;
	case QM_LOW9D:
		return close == QM_LDQ || close == QM_RDQ || close == QM_SDQ;
	case QM_LGUIL:
		return close == QM_RGUIL;
	case QM_RGUIL: /* »…« German */
		return close == QM_LGUIL;
	case QM_LSGUIL:
		return close == QM_RSGUIL;
	case QM_RSGUIL:
		return close == QM_LSGUIL;
	case QM_CJKL:
		return close == QM_CJKR;
	case QM_CJKWL:
		return close == QM_CJKWR;
	case QM_LSQ:
	case QM_SSQ:
		return close == QM_RSQ || close == QM_SSQ;
	case QM_LOW9S:
		return close == QM_LSQ || close == QM_RSQ;
	}
	return false;
}

/* A paragraph continues a quotation only with the mark that opened it:
 * "…  then "…, “… then “…. */
static bool same_style(uint8_t next, uint8_t open)
{
	if (next == QM_SDQ || next == QM_BACKTICK)
		return open == QM_SDQ || open == QM_BACKTICK;
	return next == open;
}

/* Characters after which a straight mark opens: space, (, [, dash. */
static bool open_context_before(const struct ana *a, uint32_t i,
                                uint32_t para_first)
{
	const struct tok *t = &a->toks[i];
	const struct tok *p;

	if (i == para_first || (t->flags & TF_SPACE))
		return true;
	p = &a->toks[i - 1];
	if (p->kind == TK_PUNCT &&
	    (p->ch == '(' || p->ch == '[' || p->ch == '{' || p->ch == PC_DASH ||
	     p->ch == ':' || p->ch == '/'))
		return true;
	return p->kind == TK_QUOTE && !(p->flags & TF_SPACE_AFTER);
}

static bool close_context_after(const struct ana *a, uint32_t i,
                                uint32_t para_end)
{
	const struct tok *t = &a->toks[i];
	const struct tok *n;

	if (i + 1 >= para_end || (t->flags & TF_SPACE_AFTER))
		return true;
	n = &a->toks[i + 1];
	if (n->kind == TK_PUNCT)
		return n->ch != '(' && n->ch != '[';
	return n->kind == TK_QUOTE || n->kind == TK_POSS;
}

enum { DIR_NONE = 0, DIR_OPEN = 1, DIR_CLOSE = 2, DIR_BOTH = 3 };

/* Which ways a mark can go, by its shape and its neighbours. */
static int direction(const struct ana *a, uint32_t i, uint32_t pfirst,
                     uint32_t pend)
{
	const struct tok *t = &a->toks[i];
	bool before = open_context_before(a, i, pfirst);
	bool after = close_context_after(a, i, pend);

	switch (t->ch) {
	case QM_LDQ:
		/* `corners,“ said`: a left mark against the word before it
		 * and followed by a space or a paragraph's end is a closing
		 * mark typed the wrong way round. “ also closes „. */
		return !before && after ? DIR_CLOSE : DIR_OPEN | DIR_CLOSE;
	case QM_LSQ:
	case QM_LOW9D:
	case QM_LOW9S:
	case QM_LGUIL:
	case QM_LSGUIL:
	case QM_CJKL:
	case QM_CJKWL:
	case QM_BACKTICK:
		/* ‘ also closes ‚ (German), « closes » (reversed). */
		return DIR_OPEN | (t->ch == QM_LGUIL || t->ch == QM_LSGUIL ||
		                                   t->ch == QM_LSQ
		                           ? DIR_CLOSE
		                           : 0);
	case QM_RDQ:
	case QM_RSQ:
	case QM_RGUIL:
	case QM_RSGUIL:
		/* A right mark opens only where nothing else makes sense:
		 * after a space and before a word. */
		return DIR_CLOSE | (before && !after ? DIR_OPEN : 0);
	case QM_CJKR:
	case QM_CJKWR:
		return DIR_CLOSE;
	}
	/* Straight marks. */
	if (before && !after)
		return DIR_OPEN;
	if (!before && after)
		return DIR_CLOSE;
	return DIR_BOTH;
}

struct open_mark {
	uint32_t tok;
	uint8_t qm;
};

#define MAX_DEPTH 4
#define MAX_INNER 16

struct pairer {
	struct ana *a;
	struct ws_vec out; /* struct qspan */
	struct open_mark stack[MAX_DEPTH];
	int depth;
	bool singles;        /* single quotes are primary */
	uint32_t chain_from; /* qspan index + 1 awaiting continuation */
	struct {
		uint32_t open, close;
	} inner[MAX_INNER]; /* double pairs closed inside an open one */
	uint32_t ninner;
	uint32_t mark; /* the first of a->marks not yet behind us */
};

static void trim_inner(const struct ana *a, struct qspan *q)
{
	const char *s = a->text;

	while (q->start < q->stop &&
	       (s[q->start] == ' ' || s[q->start] == '\n' ||
	        s[q->start] == '\t' || s[q->start] == '\r'))
		q->start++;
	while (q->stop > q->start &&
	       (s[q->stop - 1] == ' ' || s[q->stop - 1] == '\n' ||
	        s[q->stop - 1] == '\t' || s[q->stop - 1] == '\r'))
		q->stop--;
}

static int emit(struct pairer *p, uint32_t open, uint32_t close,
                uint32_t end_tok, uint32_t para, bool single, bool unclosed)
{
	struct ana *a = p->a;
	struct qspan *q;
	uint32_t k, words = 0, id;

	if (open + 1 >= end_tok)
		return WS_OK; /* nothing inside */
	q = ws__vec_push(&p->out, a->arena);
	if (!q)
		return WS_ENOMEM;
	q->open = open;
	q->close = close;
	q->first = open + 1;
	q->end = end_tok;
	q->start = a->toks[open].end;
	q->stop = close != NOTOK ? a->toks[close].start
	                         : a->toks[end_tok - 1].end;
	q->para = para;
	q->single = single;
	q->unclosed = unclosed;
	trim_inner(a, q);
	/* Its tokens are marked as they are counted, while they are in
	 * cache (nothing in the pairing reads TF_INQ or tok.q). */
	id = p->out.n;
	for (k = q->first; k < q->end; k++) {
		struct tok *t = &a->toks[k];

		words += t->kind == TK_WORD || t->kind == TK_NUM;
		t->flags |= TF_INQ;
		t->q = id;
	}
	q->words = words;
	a->toks[open].flags |= TF_QUSED;
	a->toks[open].q = id;
	if (close != NOTOK) {
		a->toks[close].flags |= TF_QUSED;
		a->toks[close].q = id;
	}
	return WS_OK;
}

/*
 * Single marks count as quotation marks inside double quotations, and
 * everywhere when a document has single but no double quotations (UK
 * style); otherwise they are apostrophes.
 */
static bool single_mode(const struct ana *a)
{
	uint32_t k, dbl = 0, lsq = 0;

	/* markinfo, not the tokens: in a long text those are out of cache. */
	for (k = 0; k < a->nmarks; k++) {
		uint8_t qm = a->markinfo[k] & ~MARK_SPACE;

		if (family(qm) == FAM_DOUBLE)
			dbl++;
		else if (qm == QM_LSQ ||
		         (qm == QM_SSQ && (a->markinfo[k] & MARK_SPACE)))
			lsq++;
	}
	return dbl == 0 && lsq >= 2;
}

/* ‘ before a clipped word is an apostrophe typed as an opening mark:
 * rock ‘n’ roll, ‘em, ‘til, ‘cause, ‘tis. */
static bool elision(const struct ana *a, uint32_t i, uint32_t end)
{
	static const char *const clipped[] = {"n",    "em",    "til",  "tis",
	                                      "twas", "cause", "bout", "round"};

	return i + 1 < end && a->toks[i + 1].kind == TK_WORD &&
	       !(a->toks[i].flags & TF_SPACE_AFTER) &&
	       ws__tok_in(a, i + 1, clipped, WS_ARRAY_LEN(clipped));
}

static int pair_paragraph(struct pairer *p, uint32_t pi)
{
	struct ana *a = p->a;
	uint32_t first = a->paras[pi].first, end = a->paras[pi].end, i;
	uint32_t base = p->out.n, straight = 0, dbl = 0, lsq = 0, m, mend;
	bool singles;

	/* The paragraph's quote marks: marks [p->mark, mend). */
	while (p->mark < a->nmarks && a->marks[p->mark] < first)
		p->mark++;
	for (mend = p->mark; mend < a->nmarks && a->marks[mend] < end; mend++) {
		uint8_t qm = a->markinfo[mend] & ~MARK_SPACE;

		/* The walk below reads each mark's token: in a long text
		 * each is a cache miss, so ask for them all now. */
		WS_PREFETCH(&a->toks[a->marks[mend]]);
		straight += qm == QM_SDQ;
		dbl += family(qm) == FAM_DOUBLE;
		/* An opening single mark: ‘, or ' after a space or at the
		 * paragraph's start ('We will,' she said). */
		lsq += (qm == QM_LSQ ||
		        (qm == QM_SSQ && ((a->markinfo[mend] & MARK_SPACE) ||
		                          a->marks[mend] == first))) &&
		       !elision(a, a->marks[mend], end);
	}
	/* A paragraph with an opening single mark and no double ones
	 * quotes with single marks, as headlines do ("Christie Calls
	 * Clinton 'A Disgrace'") and as British stories do, whatever the
	 * rest of the story does. */
	singles = p->singles || (dbl == 0 && lsq > 0);
	p->depth = 0;
	for (m = p->mark; m < mend; m++) {
		struct tok *t;
		int fam, dir, d;

		i = a->marks[m];
		t = &a->toks[i];
		fam = family(t->ch);
		if (t->ch == QM_SDQ) {
			straight--;
			/* `said, "Biden` with an open straight quotation and
			 * an even number of straight marks left: the marks
			 * after pair among themselves, so this one closes. */
			if (p->depth > 0 && !(straight & 1) &&
			    family(p->stack[p->depth - 1].qm) == FAM_DOUBLE &&
			    pairs(p->stack[p->depth - 1].qm, QM_SDQ)) {
				if (p->depth == 1) {
					int rc = emit(p, p->stack[0].tok, i, i,
					              pi, false, false);
					if (rc != WS_OK)
						return rc;
				} else if (p->depth == 2 &&
				           p->ninner < MAX_INNER) {
					p->inner[p->ninner].open =
						p->stack[1].tok;
					p->inner[p->ninner].close = i;
					p->ninner++;
				}
				p->depth--;
				continue;
			}
		}
		/* Single marks matter only nested or in single-quote mode. */
		if (fam == FAM_SINGLE && !singles && p->depth == 0)
			continue;
		/* A letter right after ’ or ': '90s, 'em: an apostrophe. */
		if (fam == FAM_SINGLE && i + 1 < end &&
		    !(t->flags & TF_SPACE_AFTER) &&
		    (a->toks[i + 1].kind == TK_NUM || elision(a, i, end)))
			continue;
		dir = direction(a, i, first, end);
		/* Close the innermost open mark this one pairs with. */
		if (dir & DIR_CLOSE) {
			for (d = p->depth - 1; d >= 0; d--) {
				if (pairs(p->stack[d].qm, t->ch) ||
				    (dir == DIR_CLOSE && t->ch == QM_LDQ &&
				     family(p->stack[d].qm) == FAM_DOUBLE))
					break;
				/* Do not reach past an open double mark for a
				 * single one: that is an apostrophe. */
				if (fam == FAM_SINGLE &&
				    family(p->stack[d].qm) == FAM_DOUBLE) {
					d = -1;
					break;
				}
			}
			if (d >= 0 && (dir != DIR_BOTH || d == p->depth - 1)) {
				if (d == 0) {
					int rc = emit(p, p->stack[0].tok, i, i,
					              pi, fam == FAM_SINGLE,
					              false);
					if (rc != WS_OK)
						return rc;
				} else if (d == 1 && fam == FAM_DOUBLE &&
				           p->ninner < MAX_INNER) {
					/* Remember a double pair inside an open
					 * one, in case the outer mark was a
					 * stray. */
					p->inner[p->ninner].open =
						p->stack[1].tok;
					p->inner[p->ninner].close = i;
					p->ninner++;
				}
				p->depth = d;
				continue;
			}
		}
		if ((dir & DIR_OPEN) && p->depth < MAX_DEPTH) {
			/* A straight or right mark seen while the same kind is
			 * open and it cannot close: a stray, drop it. */
			p->stack[p->depth].tok = i;
			p->stack[p->depth].qm = t->ch;
			p->depth++;
		}
	}
	/* A double quotation still open at the paragraph's end: the news
	 * convention when the next paragraph reopens it; otherwise, when
	 * whole pairs sit inside it, the open mark was a stray ("The "plan
	 * ... "It will work," said ...") and those pairs are the quotes. */
	if (p->depth > 0 && family(p->stack[0].qm) == FAM_DOUBLE) {
		bool reopened = pi + 1 < a->nparas &&
		                a->toks[a->paras[pi + 1].first].kind ==
		                        TK_QUOTE &&
		                same_style(a->toks[a->paras[pi + 1].first].ch,
		                           p->stack[0].qm);
		int rc = WS_OK;
		uint32_t k;

		if (!reopened && p->ninner) {
			for (k = 0; k < p->ninner && rc == WS_OK; k++)
				rc = emit(p, p->inner[k].open,
				          p->inner[k].close, p->inner[k].close,
				          pi, false, false);
		} else {
			rc = emit(p, p->stack[0].tok, NOTOK, end, pi, false,
			          true);
		}
		if (rc != WS_OK)
			return rc;
	}
	p->ninner = 0;
	p->depth = 0;
	/* Link a continuation: the previous paragraph's open quotation and
	 * this paragraph's first quotation when it starts the paragraph. */
	if (p->chain_from && p->out.n > base) {
		struct qspan *qs = p->out.items;
		struct qspan *prev = &qs[p->chain_from - 1];
		struct qspan *cur = &qs[base];

		if (cur->open == first) {
			prev->next = base + 1;
			cur->prev = p->chain_from;
			cur->head = prev->head ? prev->head : p->chain_from;
		}
	}
	p->chain_from = 0;
	/* Unpaired apostrophe-like marks glued to a word are possessives:
	 * the paragraph's marks are all settled now, and still in cache.
	 * (a->marks keeps them: nothing after quote.c reads it.) */
	for (m = p->mark; m < mend; m++) {
		struct tok *t;

		i = a->marks[m];
		t = &a->toks[i];
		if (!(t->flags & TF_QUSED) && (t->flags & TF_APOS) &&
		    !(t->flags & TF_SPACE) && i > 0 &&
		    a->toks[i - 1].kind == TK_WORD)
			t->kind = TK_POSS;
	}
	p->mark = mend;
	if (p->out.n > base) {
		struct qspan *qs = p->out.items;
		struct qspan *last = &qs[p->out.n - 1];

		if (last->unclosed && pi + 1 < a->nparas) {
			const struct tok *nt = &a->toks[a->paras[pi + 1].first];
			int ndir;

			if (nt->kind == TK_QUOTE &&
			    same_style(nt->ch, a->toks[last->open].ch)) {
				ndir = direction(a, a->paras[pi + 1].first,
				                 a->paras[pi + 1].first,
				                 a->paras[pi + 1].end);
				if (ndir & DIR_OPEN) {
					/* Not unclosed after all: it goes on. */
					last->unclosed = false;
					p->chain_from = p->out.n;
				}
			}
		}
	}
	return WS_OK;
}

int ws__quotes_pair(struct ana *a)
{
	struct pairer p;
	uint32_t pi;

	memset(&p, 0, sizeof(p));
	p.a = a;
	ws__vec_init(&p.out, sizeof(struct qspan));
	p.singles = single_mode(a);
	for (pi = 0; pi < a->nparas; pi++) {
		int rc = pair_paragraph(&p, pi);

		if (rc != WS_OK)
			return rc;
	}
	a->quotes = p.out.items;
	a->nquotes = p.out.n;
	return WS_OK;
}
