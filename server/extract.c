/*
 * extract.c - HTML (or text) to article: decode, parse with libxml2,
 * pick the story, render it as text, gather the metadata.
 *
 * Steps, each linear in the page:
 *   decode   bytes to UTF-8 (BOM > Content-Type charset > <meta> prescan
 *            > UTF-8 if valid > windows-1252, as browsers do; ISO-8859-1
 *            and ASCII labels mean windows-1252, so 0x93/0x94 are curly
 *            quotes), invalid sequences to U+FFFD, NUL to U+FFFD;
 *   parse    htmlReadMemory() on the UTF-8, told to ignore <meta>;
 *   measure  one walk: metadata, JSON-LD, and per element the paragraph
 *            text under it outside furniture found by tag (nav, aside...);
 *   score    a second walk: furniture by class and id too (share, related,
 *            ad...), unless the element holds half the page's paragraph
 *            text, which no furniture does;
 *   choose   JSON-LD articleBody when plausible, else the <article> or
 *            <main> holding half the paragraph text, else the smallest
 *            element holding 70% of it, else the body;
 *   render   the chosen element as text, furniture left out; then
 *            paragraphs that are page furniture ("Advertisement",
 *            "Read more: ...") are dropped.
 * Walks are iterative (libxml2's trees can be deep) and per-element state
 * lives in one array indexed through xmlNode._private.
 */
#include "extract.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "whosaid.h"

/* Largest decoded page handed to libxml2 (its lengths are int). */
#define MAX_DECODED ((size_t)1 << 30)
/* Longest metadata value kept, in bytes. */
#define META_MAX 1024
/* Nesting of <q> that still gets its own marks. */
#define Q_DEPTH 32
/* JSON-LD nesting searched for an article. */
#define LD_DEPTH 8

/* ---- growable buffer: a cap from birth, sticky error ------------------- */

struct sbuf {
	char *p;
	size_t len, cap, max;
	bool err;
};

static void sb_init(struct sbuf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

static bool sb_reserve(struct sbuf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->err)
		return false;
	if (n > b->max - b->len) {
		b->err = true;
		return false;
	}
	if (n + 1 <= b->cap - b->len)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
	p = realloc(b->p, cap);
	if (!p) {
		b->err = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

static void sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (!n || !sb_reserve(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_release(struct sbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* The buffer as a NUL-terminated heap string ("" when empty), or NULL. */
static char *sb_take(struct sbuf *b)
{
	char *p;

	if (b->err) {
		sb_release(b);
		return NULL;
	}
	p = b->p ? b->p : strdup("");
	memset(b, 0, sizeof(*b));
	return p;
}

/* ---- UTF-8 ------------------------------------------------------------- */

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

static bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_seq(u + i, n - i);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

/*
 * Append n bytes of s to b as valid UTF-8: a bad sequence becomes
 * U+FFFD, NUL becomes U+FFFD (libxml2 would take it for the end), other
 * C0 controls but tab, newline, carriage return and form feed are
 * dropped.
 */
static void put_clean_utf8(struct sbuf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, k;

	while (i < n) {
		unsigned char c = u[i];

		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c >= 0x80 && (k = utf8_seq(u + i, n - i))) {
			i += k;
			continue;
		}
		sb_put(b, s + run, i - run);
		if (c == '\t' || c == '\n' || c == '\r' || c == '\f')
			sb_put(b, s + i, 1);
		else if (c == 0 || c >= 0x80)
			sb_put(b, REPLACEMENT, 3);
		i++;
		run = i;
	}
	sb_put(b, s + run, i - run);
}

/* ---- charset ----------------------------------------------------------- */

/* Labels browsers treat as windows-1252 (WHATWG Encoding). */
static const char *const cp1252_labels[] = {
	"windows-1252",   "cp1252",      "x-cp1252",       "iso-8859-1",
	"iso8859-1",      "iso_8859-1",  "latin1",         "l1",
	"us-ascii",       "ascii",       "cp819",          "ibm819",
	"iso-ir-100",     "csisolatin1", "ansi_x3.4-1968", "iso88591",
	"x-user-defined",
};

static const char *const utf8_labels[] = {
	"utf-8",           "utf8", "unicode-1-1-utf-8", "unicode11utf8",
	"x-unicode20utf8",
};

/*
 * Copy a charset label (n bytes) into out as lower case; false when it is
 * empty, too long or holds anything but [a-z0-9._:-].
 */
static bool clean_label(const char *s, size_t n, char *out, size_t size)
{
	size_t i;

	while (n && (*s == ' ' || *s == '"' || *s == '\'')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	if (!n || n >= size)
		return false;
	for (i = 0; i < n; i++) {
		char c = (char)tolower((unsigned char)s[i]);

		if (!isalnum((unsigned char)c) && !strchr("._:-", c))
			return false;
		out[i] = c;
	}
	out[n] = '\0';
	return true;
}

/* The value of charset= in a Content-Type-like string, into out. */
static bool charset_param(const char *s, size_t n, char *out, size_t size)
{
	size_t i, j;

	for (i = 0; i + 8 <= n; i++) {
		if (strncasecmp(s + i, "charset", 7))
			continue;
		j = i + 7;
		while (j < n && s[j] == ' ')
			j++;
		if (j >= n || s[j] != '=')
			continue;
		j++;
		while (j < n && s[j] == ' ')
			j++;
		i = j;
		if (j < n && (s[j] == '"' || s[j] == '\'')) {
			char q = s[j++];

			i = j;
			while (j < n && s[j] != q)
				j++;
		} else {
			while (j < n && !strchr(" ;\"'>/", s[j]))
				j++;
		}
		return clean_label(s + i, j - i, out, size);
	}
	return false;
}

/*
 * A charset from a <meta charset> or <meta http-equiv content> in the
 * first 4 KiB (browsers look at 1 KiB; pages put it later too).
 */
static bool meta_charset(const char *s, size_t n, char *out, size_t size)
{
	size_t i, end;

	if (n > 4096)
		n = 4096;
	for (i = 0; i + 5 < n; i++) {
		if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4))
			continue;
		end = i + 5;
		while (end < n && s[end] != '>')
			end++;
		if (charset_param(s + i + 5, end - i - 5, out, size))
			return true;
		i = end;
	}
	return false;
}

/* Map a label to the name iconv should use; "utf-8" for UTF-8. */
static const char *canonical_charset(const char *label)
{
	size_t i;

	for (i = 0; i < sizeof(cp1252_labels) / sizeof(cp1252_labels[0]); i++)
		if (!strcmp(label, cp1252_labels[i]))
			return "windows-1252";
	for (i = 0; i < sizeof(utf8_labels) / sizeof(utf8_labels[0]); i++)
		if (!strcmp(label, utf8_labels[i]))
			return "utf-8";
	/* A <meta> cannot truly say UTF-16 of an ASCII-compatible page. */
	if (!strncmp(label, "utf-16", 6) || !strncmp(label, "utf16", 5))
		return "utf-8";
	return label;
}

/* Convert with iconv; a bad byte becomes U+FFFD. -1 if iconv lacks it. */
static int iconv_to_utf8(const char *charset, const char *s, size_t n,
                         struct sbuf *b)
{
	char chunk[16384];
	iconv_t cd = iconv_open("UTF-8", charset);
	char *in = (char *)s;
	size_t left = n;

	if (cd == (iconv_t)-1)
		return -1;
	while (left && !b->err) {
		char *out = chunk;
		size_t room = sizeof(chunk);
		size_t r = iconv(cd, &in, &left, &out, &room);
		int e = errno;

		put_clean_utf8(b, chunk, (size_t)(out - chunk));
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		sb_put(b, REPLACEMENT, 3);
		if (e == EINVAL) /* truncated at the end */
			break;
		in++;
		left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return 0;
}

/*
 * Decode the page into b as clean UTF-8 and name the charset used in
 * `used`. `html` enables the <meta> prescan.
 */
static void decode(const char *s, size_t n, const char *content_type, bool html,
                   struct sbuf *b, char *used, size_t usize)
{
	const unsigned char *u = (const unsigned char *)s;
	char label[48];
	const char *cs = NULL;

	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		cs = "utf-8";
		s += 3;
		n -= 3;
	} else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		cs = "utf-16le";
		s += 2;
		n -= 2;
	} else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		cs = "utf-16be";
		s += 2;
		n -= 2;
	} else if (content_type &&
	           charset_param(content_type, strlen(content_type), label,
	                         sizeof(label))) {
		cs = canonical_charset(label);
	} else if (html && meta_charset(s, n, label, sizeof(label))) {
		cs = canonical_charset(label);
	} else {
		cs = utf8_valid(s, n) ? "utf-8" : "windows-1252";
	}
	if (strcmp(cs, "utf-8") && iconv_to_utf8(cs, s, n, b) == 0) {
		snprintf(used, usize, "%s", cs);
		return;
	}
	/* UTF-8, or a charset iconv does not know: repair as UTF-8. */
	snprintf(used, usize, "utf-8");
	put_clean_utf8(b, s, n);
}

/* ---- text normalisation ------------------------------------------------ */

/*
 * Output of rendered text: whitespace collapses to one space, breaks are
 * held back until more text comes, so nothing leads or trails.
 */
struct out {
	struct sbuf b;
	int brk;    /* held back: 0 none, 1 line break, 2 paragraph */
	bool space; /* a space is held back */
	bool pre;   /* inside <pre>: keep spaces and newlines */
	bool glue;  /* just after an opening mark: no space */
};

static void out_break(struct out *o, int level)
{
	if (o->b.len && level > o->brk)
		o->brk = level;
	o->space = false;
}

/* Flush what is held back before visible text. */
static void out_flush(struct out *o)
{
	if (o->brk && o->b.len) {
		sb_put(&o->b, "\n\n", (size_t)o->brk);
	} else if (o->space && o->b.len && !o->glue) {
		char last = o->b.p[o->b.len - 1];

		if (last != '\n' && last != ' ')
			sb_put(&o->b, " ", 1);
	}
	o->brk = 0;
	o->space = false;
	o->glue = false;
}

/* Append text: collapse whitespace, drop invisible format characters. */
static void out_text(struct out *o, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = u[i];
		size_t skip = 0;
		bool ws = false;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			ws = true;
			skip = 1;
		} else if (c < 0x20 || c == 0x7F) {
			skip = 1; /* control: dropped */
		} else if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) {
			ws = true; /* no-break space */
			skip = 2;
		} else if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xAD) {
			skip = 2; /* soft hyphen */
		} else if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
		           (u[i + 2] == 0x8B || u[i + 2] == 0x8C ||
		            u[i + 2] == 0x8D)) {
			skip = 3; /* zero-width space, non-joiner, joiner */
		} else if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x81 &&
		           u[i + 2] == 0xA0) {
			skip = 3; /* word joiner */
		} else if (c == 0xEF && i + 2 < n && u[i + 1] == 0xBB &&
		           u[i + 2] == 0xBF) {
			skip = 3; /* BOM */
		}
		if (!skip) {
			if (i == run)
				out_flush(o);
			i++;
			continue;
		}
		sb_put(&o->b, s + run, i - run);
		if (ws && o->pre && c == '\n') {
			/* Held like <br>: nothing leads, trails or piles up. */
			if (o->b.len)
				o->brk = o->brk ? 2 : 1;
			o->space = false;
		} else if (ws && !o->brk) {
			o->space = true;
		}
		i += skip;
		run = i;
	}
	sb_put(&o->b, s + run, i - run);
}

/* Normalise a short string (metadata) into a heap copy; NULL if empty. */
static char *clean_meta(const char *s, size_t n)
{
	struct out o;
	char *r;

	if (!s)
		return NULL;
	memset(&o, 0, sizeof(o));
	sb_init(&o.b, META_MAX * 4);
	{
		struct sbuf clean;

		sb_init(&clean, META_MAX * 4);
		put_clean_utf8(&clean, s, n < META_MAX * 2 ? n : META_MAX * 2);
		if (clean.p)
			out_text(&o, clean.p, clean.len);
		sb_release(&clean);
	}
	if (o.b.err || !o.b.len) {
		sb_release(&o.b);
		return NULL;
	}
	/* Cut at a code point boundary. */
	if (o.b.len > META_MAX) {
		size_t k = META_MAX;

		while (k && ((unsigned char)o.b.p[k] & 0xC0) == 0x80)
			k--;
		while (k && o.b.p[k - 1] == ' ')
			k--;
		o.b.len = k;
		o.b.p[k] = '\0';
	}
	r = sb_take(&o.b);
	return r;
}

/* ---- HTML entities in JSON-LD strings ---------------------------------- */

static void put_codepoint(struct sbuf *b, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		sb_put(b, REPLACEMENT, 3);
	} else if (cp < 0x80) {
		u[0] = (char)cp;
		sb_put(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		sb_put(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		sb_put(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		sb_put(b, u, 4);
	}
}

/* Entities CMSs leave in JSON-LD strings; one commented entry a line. */
static const struct {
	const char *name;
	unsigned long cp;
} entities[] = {
	{"amp", '&'},       /* ampersand */
	{"lt", '<'},        /* less-than */
	{"gt", '>'},        /* greater-than */
	{"quot", '"'},      /* straight double quote */
	{"apos", '\''},     /* straight single quote */
	{"nbsp", 0xA0},     /* no-break space */
	{"lsquo", 0x2018},  /* left single quotation mark */
	{"rsquo", 0x2019},  /* right single quotation mark, apostrophe */
	{"ldquo", 0x201C},  /* left double quotation mark */
	{"rdquo", 0x201D},  /* right double quotation mark */
	{"laquo", 0xAB},    /* left guillemet */
	{"raquo", 0xBB},    /* right guillemet */
	{"ndash", 0x2013},  /* en dash */
	{"mdash", 0x2014},  /* em dash */
	{"hellip", 0x2026}, /* ellipsis */
};

/* Decode &name; and &#N; / &#xH; into b; anything else stays as is. */
static void decode_entities(const char *s, size_t n, struct sbuf *b)
{
	size_t i = 0, run = 0, j, k;

	while (i < n) {
		unsigned long cp = 0;
		bool ok = false;

		if (s[i] != '&') {
			i++;
			continue;
		}
		j = i + 1;
		if (j < n && s[j] == '#') {
			bool hex = j + 1 < n &&
			           (s[j + 1] == 'x' || s[j + 1] == 'X');
			size_t digits = 0;

			j += hex ? 2 : 1;
			while (j < n && digits < 8 &&
			       (hex ? isxdigit((unsigned char)s[j])
			            : isdigit((unsigned char)s[j]))) {
				int d = isdigit((unsigned char)s[j])
				                ? s[j] - '0'
				                : tolower((unsigned char)s[j]) -
				                          'a' + 10;

				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
				j++;
				digits++;
			}
			ok = digits && j < n && s[j] == ';';
		} else {
			for (k = 0; k < sizeof(entities) / sizeof(entities[0]);
			     k++) {
				size_t len = strlen(entities[k].name);

				if (j + len < n &&
				    !memcmp(s + j, entities[k].name, len) &&
				    s[j + len] == ';') {
					cp = entities[k].cp;
					j += len;
					ok = true;
					break;
				}
			}
		}
		if (!ok) {
			i++;
			continue;
		}
		sb_put(b, s + run, i - run);
		put_codepoint(b, cp);
		i = j + 1;
		run = i;
	}
	sb_put(b, s + run, i - run);
}

/* ---- per-element state ------------------------------------------------- */

struct info {
	size_t raw;  /* paragraph text under it, tag furniture left out */
	size_t filt; /* ... and class furniture left out too */
	bool skip;   /* furniture: not rendered */
};

static bool is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       !strcmp((const char *)n->name, name);
}

static const char *attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next) {
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			const xmlNode *t = a->children;

			if (t && (t->type == XML_TEXT_NODE) && !t->next)
				return t->content ? (const char *)t->content
				                  : "";
			return "";
		}
	}
	return NULL;
}

static bool attr_is(const xmlNode *n, const char *name, const char *value)
{
	const char *v = attr(n, name);

	return v && !strcasecmp(v, value);
}

/* Is `word` one of the space-separated tokens of the attribute value? */
static bool has_token(const char *v, const char *word)
{
	size_t n = strlen(word);

	while (v && *v) {
		size_t k;

		while (*v == ' ' || *v == '\t' || *v == '\n')
			v++;
		k = strcspn(v, " \t\n");
		if (k == n && !strncasecmp(v, word, n))
			return true;
		v += k;
	}
	return false;
}

/* Elements that are never story text, by tag. */
static const char *const furniture_tags[] = {
	"head",     "script", "style",      "noscript",
	"template", "nav",    "header",     "footer",
	"aside",    "figure", "figcaption", "button",
	"select",   "input",  "textarea",   "svg",
	"iframe",   "object", "embed",      "canvas",
	"video",    "audio",  "map",        "dialog",
	"menu",     "title",  "meta",       "link",
	"picture",  "h1", /* the headline: article.title has it */
};

/* ARIA roles of page furniture. */
static const char *const furniture_roles[] = {
	"navigation", "complementary", "banner",  "contentinfo", "search",
	"dialog",     "alertdialog",   "menu",    "menubar",     "toolbar",
	"alert",      "tablist",       "tooltip",
};

/*
 * Words in class and id that mark furniture, matched against the parts
 * between non-alphanumerics ("share-bar" has "share"), one a line.
 */
static const char *const furniture_words[] = {
	"share",           /* share bars */
	"sharing",         /* */
	"social",          /* follow-us blocks */
	"related",         /* related stories */
	"promo",           /* promotions */
	"promotion",       /* */
	"ad",              /* "ad-slot", "top-ad" */
	"ads",             /* */
	"advert",          /* */
	"advertisement",   /* */
	"adslot",          /* */
	"sponsor",         /* */
	"sponsored",       /* */
	"newsletter",      /* sign-up boxes */
	"subscribe",       /* */
	"subscription",    /* */
	"signup",          /* */
	"paywall",         /* */
	"comment",         /* reader comments */
	"comments",        /* */
	"caption",         /* photo captions */
	"credit",          /* photo credits */
	"byline",          /* the byline block: article.byline has it */
	"dateline",        /* date blocks outside the text */
	"timestamp",       /* */
	"breadcrumb",      /* */
	"breadcrumbs",     /* */
	"sidebar",         /* */
	"widget",          /* */
	"nav",             /* */
	"navbar",          /* */
	"navigation",      /* */
	"menu",            /* */
	"masthead",        /* */
	"footer",          /* */
	"header",          /* */
	"banner",          /* */
	"cookie",          /* consent banners */
	"cookies",         /* */
	"consent",         /* */
	"popup",           /* */
	"modal",           /* */
	"outbrain",        /* recommendation widgets */
	"taboola",         /* */
	"recommended",     /* */
	"recommendations", /* */
	"trending",        /* */
	"popular",         /* most-read lists */
	"readmore",        /* */
	"more",            /* "more-stories", "read-more" */
	"tags",            /* topic tags */
	"toolbar",         /* */

	"tweet",      /* embedded posts */
	"twitter",    /* */
	"instagram",  /* */
	"facebook",   /* */
	"tiktok",     /* */
	"bio",        /* author bios */
	"meta",       /* "article-meta": date, byline */
	"disclaimer", /* */

};

static bool furniture_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(furniture_words) / sizeof(furniture_words[0]);
	     i++)
		if (strlen(furniture_words[i]) == n &&
		    !strncasecmp(furniture_words[i], w, n))
			return true;
	return false;
}

static bool furniture_value(const char *v)
{
	size_t k;

	while (v && *v) {
		while (*v && !isalnum((unsigned char)*v))
			v++;
		k = 0;
		while (v[k] && isalnum((unsigned char)v[k]))
			k++;
		if (k && furniture_word(v, k))
			return true;
		v += k;
	}
	return false;
}

static bool hidden(const xmlNode *n)
{
	const char *style = attr(n, "style");
	const char *cls = attr(n, "class");

	if (attr(n, "hidden") || attr_is(n, "aria-hidden", "true"))
		return true;
	/* Text for screen readers only: "Advertisement", "Share on X". */
	if (cls && (strstr(cls, "sr-only") || strstr(cls, "visually-hidden") ||
	            strstr(cls, "screen-reader")))
		return true;
	if (style) {
		char squeezed[128];
		size_t i, k = 0;

		for (i = 0; style[i] && k + 1 < sizeof(squeezed); i++)
			if (style[i] != ' ')
				squeezed[k++] =
					(char)tolower((unsigned char)style[i]);
		squeezed[k] = '\0';
		if (strstr(squeezed, "display:none") ||
		    strstr(squeezed, "visibility:hidden"))
			return true;
	}
	return false;
}

/* Furniture by tag, role or hiding: left out of every count. */
static bool furniture_by_tag(const xmlNode *n)
{
	const char *role;
	size_t i;

	for (i = 0; i < sizeof(furniture_tags) / sizeof(furniture_tags[0]); i++)
		if (!strcmp((const char *)n->name, furniture_tags[i]))
			return true;
	role = attr(n, "role");
	if (role)
		for (i = 0;
		     i < sizeof(furniture_roles) / sizeof(furniture_roles[0]);
		     i++)
			if (has_token(role, furniture_roles[i]))
				return true;
	return hidden(n);
}

/* Furniture by class or id (never html, body, main or article). */
static bool furniture_by_class(const xmlNode *n)
{
	if (is(n, "html") || is(n, "body") || is(n, "main") || is(n, "article"))
		return false;
	/* Forms are comment boxes and sign-ups, or (ASP.NET) the page. */
	return is(n, "form") || furniture_value(attr(n, "class")) ||
	       furniture_value(attr(n, "id"));
}

/* ---- the walker -------------------------------------------------------- */

/*
 * Visit root's subtree depth first without recursion: enter() on the way
 * down (false: do not descend), leave() on the way up, for every node.
 */
static void walk(xmlNode *root, bool (*enter)(xmlNode *, void *),
                 void (*leave)(xmlNode *, void *), void *ctx)
{
	xmlNode *n = root;

	for (;;) {
		if (enter(n, ctx) && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			leave(n, ctx);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* Visible bytes (not whitespace) in a text node. */
static size_t visible_len(const xmlNode *t)
{
	const char *s = (const char *)t->content;
	size_t n = 0;

	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			n++;
	return n;
}

/* ---- metadata and JSON-LD ---------------------------------------------- */

struct meta {
	char *og_title, *ld_headline, *h1, *title_tag;
	char *meta_author, *ld_author, *rel_author, *byline_el;
	char *ld_published, *meta_published, *time_dt;
	char *ld_modified, *meta_modified;
	char *canonical_link, *og_url, *ld_url;
	char *og_site, *ld_site;
	char *html_lang, *ld_lang, *meta_lang;
	char *ld_body;
	json_t *ld; /* every JSON-LD document parsed, to keep them alive */
	const json_t *ld_article; /* borrowed from ld */
	const json_t *ld_graph;   /* the @graph it came from, or NULL */
};

static void meta_release(struct meta *m)
{
	char **fields[] = {
		&m->og_title,       &m->ld_headline,    &m->h1,
		&m->title_tag,      &m->meta_author,    &m->ld_author,
		&m->rel_author,     &m->byline_el,      &m->ld_published,
		&m->meta_published, &m->time_dt,        &m->ld_modified,
		&m->meta_modified,  &m->canonical_link, &m->og_url,
		&m->ld_url,         &m->og_site,        &m->ld_site,
		&m->html_lang,      &m->ld_lang,        &m->meta_lang,
		&m->ld_body,
	};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
	json_decref(m->ld);
	m->ld = NULL;
}

/* Set *slot to a cleaned copy of s unless already set. */
static void keep(char **slot, const char *s)
{
	if (!*slot && s)
		*slot = clean_meta(s, strlen(s));
}

/* The text of an element, bounded (a byline, a heading), cleaned. */
struct text_ctx {
	struct sbuf b;
};

static bool text_enter(xmlNode *n, void *ud)
{
	struct text_ctx *c = ud;

	if (c->b.len >= META_MAX * 2)
		return false;
	if (n->type == XML_TEXT_NODE && n->content) {
		sb_put(&c->b, (const char *)n->content,
		       strlen((const char *)n->content));
		sb_put(&c->b, " ", 1);
	}
	if (n->type == XML_ELEMENT_NODE && (is(n, "script") || is(n, "style")))
		return false;
	return true;
}

static void text_leave(xmlNode *n, void *ud)
{
	(void)n;
	(void)ud;
}

static char *element_text(xmlNode *n)
{
	struct text_ctx c;
	char *r;

	sb_init(&c.b, META_MAX * 4);
	walk(n, text_enter, text_leave, &c);
	r = c.b.p && !c.b.err ? clean_meta(c.b.p, c.b.len) : NULL;
	sb_release(&c.b);
	return r;
}

/* A JSON string value, entities decoded and cleaned; NULL otherwise. */
static char *ld_string(const json_t *v)
{
	struct sbuf b;
	char *r = NULL;

	if (!json_is_string(v))
		return NULL;
	sb_init(&b, META_MAX * 8);
	decode_entities(json_string_value(v), json_string_length(v), &b);
	if (b.p && !b.err)
		r = clean_meta(b.p, b.len);
	sb_release(&b);
	return r;
}

static bool ld_type_is_article(const json_t *type)
{
	static const char *const kinds[] = {"BlogPosting", "LiveBlogPosting",
	                                    "Report", "SocialMediaPosting"};
	const char *t;
	size_t i, n;

	if (json_is_array(type)) {
		json_t *v;

		json_array_foreach(type, i,
		                   v) if (ld_type_is_article(v)) return true;
		return false;
	}
	t = json_string_value(type);
	if (!t)
		return false;
	if (!strncmp(t, "schema:", 7))
		t += 7;
	n = strlen(t);
	if (n >= 7 && !strcmp(t + n - 7, "Article"))
		return true;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(t, kinds[i]))
			return true;
	return false;
}

/* Find the first article-like object; prefer one with an articleBody. */
static void ld_find(struct meta *m, const json_t *v, const json_t *graph,
                    int depth)
{
	const json_t *g, *e;
	size_t i;

	if (depth > LD_DEPTH)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e) ld_find(m, e, graph, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	g = json_object_get(v, "@graph");
	if (g)
		ld_find(m, g, json_is_array(g) ? g : graph, depth + 1);
	if (ld_type_is_article(json_object_get(v, "@type"))) {
		bool body = json_is_string(json_object_get(v, "articleBody"));

		if (!m->ld_article ||
		    (body && !json_is_string(json_object_get(m->ld_article,
		                                             "articleBody")))) {
			m->ld_article = v;
			m->ld_graph = graph;
		}
		return;
	}
	e = json_object_get(v, "mainEntity");
	if (e)
		ld_find(m, e, graph, depth + 1);
}

/* A {"@id": X} reference resolved in the graph; v itself otherwise. */
static const json_t *ld_deref(const json_t *v, const json_t *graph)
{
	const json_t *id = json_object_get(v, "@id"), *e;
	size_t i;

	if (!json_is_string(id) || json_object_get(v, "name") || !graph)
		return v;
	json_array_foreach(graph, i, e)
	{
		const json_t *eid = json_object_get(e, "@id");

		if (json_is_string(eid) &&
		    json_equal((json_t *)eid, (json_t *)id))
			return e;
	}
	return v;
}

/* author: "Name" | {"name"} | [ ...those ] -> "A, B". */
static char *ld_names(const json_t *v, const json_t *graph)
{
	struct sbuf b;
	const json_t *e;
	char *name, *r = NULL;
	size_t i, n = 0;

	if (json_is_string(v) || json_is_object(v)) {
		v = ld_deref(v, graph);
		return json_is_string(v)
		               ? ld_string(v)
		               : ld_string(json_object_get(v, "name"));
	}
	if (!json_is_array(v))
		return NULL;
	sb_init(&b, META_MAX * 2);
	json_array_foreach(v, i, e)
	{
		if (n >= 8)
			break;
		name = ld_names(json_is_array(e) ? NULL : e, graph);
		if (!name)
			continue;
		if (n++)
			sb_puts(&b, ", ");
		sb_puts(&b, name);
		free(name);
	}
	if (b.p && !b.err)
		r = clean_meta(b.p, b.len);
	sb_release(&b);
	return r;
}

/* The article's fields into m; the body normalised to paragraphs. */
static void ld_take(struct meta *m)
{
	const json_t *a = m->ld_article, *g = m->ld_graph, *v;
	const char *s;

	if (!a)
		return;
	m->ld_headline = ld_string(json_object_get(a, "headline"));
	if (!m->ld_headline)
		m->ld_headline = ld_string(json_object_get(a, "name"));
	m->ld_author = ld_names(json_object_get(a, "author"), g);
	m->ld_published = ld_string(json_object_get(a, "datePublished"));
	m->ld_modified = ld_string(json_object_get(a, "dateModified"));
	m->ld_url = ld_string(json_object_get(a, "url"));
	if (!m->ld_url) {
		v = json_object_get(a, "mainEntityOfPage");
		m->ld_url = ld_string(
			json_is_object(v) ? json_object_get(v, "@id") : v);
	}
	v = json_object_get(a, "publisher");
	if (json_is_array(v))
		v = json_array_get(v, 0);
	m->ld_site = ld_names(v, g);
	m->ld_lang = ld_string(json_object_get(a, "inLanguage"));
	v = json_object_get(a, "articleBody");
	s = json_string_value(v);
	if (s) {
		struct sbuf dec;
		struct out o;
		size_t i, start = 0, len;

		sb_init(&dec, MAX_DECODED);
		decode_entities(s, json_string_length(v), &dec);
		memset(&o, 0, sizeof(o));
		sb_init(&o.b, MAX_DECODED);
		/* Each line a paragraph; blank lines do not count. */
		for (i = 0; dec.p && i <= dec.len; i++) {
			if (i < dec.len && dec.p[i] != '\n')
				continue;
			len = i - start;
			out_break(&o, 2);
			{
				struct sbuf clean;

				sb_init(&clean, MAX_DECODED);
				put_clean_utf8(&clean, dec.p + start, len);
				if (clean.p)
					out_text(&o, clean.p, clean.len);
				sb_release(&clean);
			}
			start = i + 1;
		}
		sb_release(&dec);
		m->ld_body = o.b.err ? NULL : o.b.p;
		if (o.b.err)
			sb_release(&o.b);
	}
}

static void ld_parse(struct meta *m, xmlNode *script)
{
	xmlChar *content = xmlNodeGetContent(script);
	const char *s = (const char *)content;
	json_error_t err;
	json_t *doc;
	size_t n;

	if (!s)
		return;
	n = strlen(s);
	/* Some pages wrap it in <!-- --> or CDATA markers. */
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	if (n >= 4 && !strncmp(s, "<!--", 4)) {
		s += 4;
		n -= 4;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= 3 && !strncmp(s + n - 3, "-->", 3))
		n -= 3;

	doc = json_loadb(s, n, JSON_DECODE_ANY, &err);
	xmlFree(content);
	if (!doc)
		return;
	if (!m->ld)
		m->ld = json_array();
	if (json_array_append_new(m->ld, doc))
		return;
	ld_find(m, doc, json_is_array(doc) ? doc : NULL, 0);
}

/* ---- pass 1: measure --------------------------------------------------- */

struct extract {
	xmlDoc *doc;
	struct info *info;
	size_t ninfo, cap;
	bool nomem;
	struct meta m;
	const char *base_url;
	/* walk state */
	xmlNode *skip_root; /* inside this furniture: count nothing */
	size_t in_p;        /* <p> elements open */
	size_t total;       /* paragraph text in the body (filtered) */
	xmlNode *body;
	xmlNode *best_article, *best_main;
};

static struct info *info_of(struct extract *x, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;

	return i && i <= x->ninfo ? &x->info[i - 1] : NULL;
}

/* Give an element its info slot (index + 1 in _private). */
static struct info *info_new(struct extract *x, xmlNode *n)
{
	if (x->ninfo == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 1024;
		struct info *p;

		if (cap > SIZE_MAX / sizeof(*p) ||
		    !(p = realloc(x->info, cap * sizeof(*p)))) {
			x->nomem = true;
			return NULL;
		}
		x->info = p;
		x->cap = cap;
	}
	memset(&x->info[x->ninfo], 0, sizeof(x->info[0]));
	n->_private = (void *)(uintptr_t)(++x->ninfo);
	return &x->info[x->ninfo - 1];
}

static void collect_meta(struct extract *x, xmlNode *n)
{
	struct meta *m = &x->m;
	const char *name = (const char *)n->name, *v;

	if (!strcmp(name, "html")) {
		keep(&m->html_lang, attr(n, "lang"));
		keep(&m->html_lang, attr(n, "xml:lang"));
	} else if (!strcmp(name, "title")) {
		if (!m->title_tag)
			m->title_tag = element_text(n);
	} else if (!strcmp(name, "h1")) {
		if (!m->h1)
			m->h1 = element_text(n);
	} else if (!strcmp(name, "meta")) {
		const char *key = attr(n, "property");
		const char *content = attr(n, "content");

		if (!key)
			key = attr(n, "name");
		if (!key)
			key = attr(n, "itemprop");
		if (!key && attr_is(n, "http-equiv", "content-language"))
			keep(&m->meta_lang, content);
		if (!key || !content)
			return;
		if (!strcasecmp(key, "og:title"))
			keep(&m->og_title, content);
		else if (!strcasecmp(key, "og:site_name"))
			keep(&m->og_site, content);
		else if (!strcasecmp(key, "og:url"))
			keep(&m->og_url, content);
		else if (!strcasecmp(key, "article:published_time") ||
		         !strcasecmp(key, "datePublished"))
			keep(&m->meta_published, content);
		else if (!strcasecmp(key, "article:modified_time") ||
		         !strcasecmp(key, "dateModified"))
			keep(&m->meta_modified, content);
		else if ((!strcasecmp(key, "author") ||
		          !strcasecmp(key, "article:author")) &&
		         strncasecmp(content, "http", 4))
			keep(&m->meta_author, content);
	} else if (!strcmp(name, "link")) {
		v = attr(n, "rel");
		if (v && has_token(v, "canonical"))
			keep(&m->canonical_link, attr(n, "href"));
	} else if (!strcmp(name, "script")) {
		v = attr(n, "type");
		if (v && !strncasecmp(v, "application/ld+json", 19))
			ld_parse(m, n);
	} else if (!strcmp(name, "time")) {
		keep(&m->time_dt, attr(n, "datetime"));
	}
	v = attr(n, "rel");
	if (!m->rel_author && is(n, "a") && v && has_token(v, "author"))
		m->rel_author = element_text(n);
	if (!m->byline_el && (has_token(attr(n, "class"), "byline") ||
	                      attr_is(n, "itemprop", "author") ||
	                      has_token(attr(n, "class"), "author")))
		m->byline_el = element_text(n);
}

static bool measure_enter(xmlNode *n, void *ud)
{
	struct extract *x = ud;
	struct info *parent;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (x->in_p && !x->skip_root && n->parent &&
		    (parent = info_of(x, n->parent)))
			parent->raw += visible_len(n);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return n->type == XML_DOCUMENT_NODE ||
		       n->type == XML_HTML_DOCUMENT_NODE;
	if (!info_new(x, n))
		return false;
	collect_meta(x, n);
	if (!x->body && is(n, "body"))
		x->body = n;
	if (!x->skip_root && furniture_by_tag(n))
		x->skip_root = n;
	if (is(n, "p"))
		x->in_p++;
	return true;
}

static void measure_leave(xmlNode *n, void *ud)
{
	struct extract *x = ud;
	struct info *i, *parent;

	if (n->type != XML_ELEMENT_NODE || !(i = info_of(x, n)))
		return;
	if (is(n, "p"))
		x->in_p--;
	if (x->skip_root == n) {
		x->skip_root = NULL;
		i->raw = 0;
		i->skip = true;
	}
	if (n->parent && (parent = info_of(x, n->parent)))
		parent->raw += i->raw;
}

/* ---- pass 2: score ----------------------------------------------------- */

static bool score_enter(xmlNode *n, void *ud)
{
	struct extract *x = ud;
	struct info *i;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (x->in_p && n->parent && (i = info_of(x, n->parent)))
			i->filt += visible_len(n);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE || !(i = info_of(x, n)))
		return false;
	if (i->skip)
		return false;
	/* Half the page's paragraph text is no share bar. */
	if (furniture_by_class(n) && i->raw * 2 < x->total) {
		i->skip = true;
		return false;
	}
	if (is(n, "p"))
		x->in_p++;
	return true;
}

/* filt(n): paragraph text in n, furniture of either kind left out. */
static void score_leave(xmlNode *n, void *ud)
{
	struct extract *x = ud;
	struct info *i, *parent;

	if (n->type != XML_ELEMENT_NODE || !(i = info_of(x, n)))
		return;
	if (i->skip) {
		i->filt = 0;
		return;
	}
	if (is(n, "p"))
		x->in_p--;
	if (is(n, "article") &&
	    (!x->best_article || i->filt > info_of(x, x->best_article)->filt))
		x->best_article = n;
	if ((is(n, "main") || attr_is(n, "role", "main")) &&
	    (!x->best_main || i->filt > info_of(x, x->best_main)->filt))
		x->best_main = n;
	if (n != x->body && n->parent && (parent = info_of(x, n->parent)))
		parent->filt += i->filt;
}

/* ---- render ------------------------------------------------------------ */

static const char *const block_tags[] = {
	"address", "article", "blockquote", "body", "center",   "dd",
	"details", "div",     "dl",         "dt",   "fieldset", "h2",
	"h3",      "h4",      "h5",         "h6",   "hgroup",   "hr",
	"li",      "main",    "ol",         "p",    "pre",      "section",
	"summary", "table",   "ul",         "html", "caption",  "tbody",
	"thead",   "tfoot",
};

static bool is_block(const xmlNode *n)
{
	size_t i;

	for (i = 0; i < sizeof(block_tags) / sizeof(block_tags[0]); i++)
		if (!strcmp((const char *)n->name, block_tags[i]))
			return true;
	return false;
}

struct render {
	struct extract *x;
	struct out o;
	size_t q_start[Q_DEPTH];  /* output offset after each open mark */
	size_t q_before[Q_DEPTH]; /* ... and before it and its flush */
	int q_brk[Q_DEPTH];       /* what was held back before it */
	bool q_space[Q_DEPTH];
	size_t q_depth; /* <q> open (beyond Q_DEPTH: unmarked) */
	size_t pre_depth;
};

static bool starts_quoted(const char *s, size_t n)
{
	static const char *const marks[] = {"\"",           "'",
	                                    "\xE2\x80\x9C", "\xE2\x80\x98",
	                                    "\xC2\xAB",     "\xE2\x80\x9E"};
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (n >= strlen(marks[i]) &&
		    !memcmp(s, marks[i], strlen(marks[i])))
			return true;
	return false;
}

static bool ends_quoted(const char *s, size_t n)
{
	static const char *const marks[] = {"\"", "'", "\xE2\x80\x9D",
	                                    "\xE2\x80\x99", "\xC2\xBB"};
	size_t i, k;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		k = strlen(marks[i]);
		if (n >= k && !memcmp(s + n - k, marks[i], k))
			return true;
	}
	return false;
}

static bool render_enter(xmlNode *n, void *ud)
{
	struct render *r = ud;
	struct info *i;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			out_text(&r->o, (const char *)n->content,
			         strlen((const char *)n->content));
		return false;
	}
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return false;
	i = info_of(r->x, n);
	if (!i || i->skip)
		return false;
	if (is(n, "br")) {
		/* <br><br> is how some pages make paragraphs. */
		if (r->o.b.len)
			r->o.brk = r->o.brk ? 2 : 1;
		r->o.space = false;
		return false;
	}
	if (is(n, "img") || is(n, "wbr"))
		return false;
	if (is_block(n))
		out_break(&r->o, 2);
	else if (is(n, "tr"))
		out_break(&r->o, 1);
	else if (is(n, "td") || is(n, "th"))
		r->o.space = true;
	if (is(n, "pre")) {
		r->pre_depth++;
		r->o.pre = true;
	}
	if (is(n, "q")) {
		if (r->q_depth < Q_DEPTH) {
			r->q_before[r->q_depth] = r->o.b.len;
			r->q_brk[r->q_depth] = r->o.brk;
			r->q_space[r->q_depth] = r->o.space;
			out_flush(&r->o);
			sb_puts(&r->o.b, r->q_depth % 2 ? "\xE2\x80\x98"
			                                : "\xE2\x80\x9C");
			r->q_start[r->q_depth] = r->o.b.len;
			r->o.glue = true;
		}
		r->q_depth++;
	}
	return true;
}

static void render_leave(xmlNode *n, void *ud)
{
	struct render *r = ud;
	struct info *i;

	if (n->type != XML_ELEMENT_NODE || !n->name)
		return;
	i = info_of(r->x, n);
	if (!i || i->skip || is(n, "br") || is(n, "img") || is(n, "wbr"))
		return;
	if (is(n, "q") && r->q_depth && !r->o.b.err) {
		r->q_depth--;
		if (r->q_depth < Q_DEPTH) {
			struct sbuf *b = &r->o.b;
			size_t start = r->q_start[r->q_depth], mark = 3;
			const char *s = b->p + start;
			size_t len = b->len - start;

			if (!len) {
				/* Empty: as if it was never there. */
				b->len = r->q_before[r->q_depth];
				b->p[b->len] = '\0';
				r->o.brk = r->q_brk[r->q_depth];
				r->o.space = r->q_space[r->q_depth];
			} else if (starts_quoted(s, len) &&
			           ends_quoted(s, len)) {
				/* It has its own marks. */
				memmove(b->p + start - mark, s, len);
				b->len -= mark;
				b->p[b->len] = '\0';
			} else {
				sb_puts(b, r->q_depth % 2 ? "\xE2\x80\x99"
				                          : "\xE2\x80\x9D");
			}
		}
	}
	if (is(n, "pre") && r->pre_depth && !--r->pre_depth)
		r->o.pre = false;
	if (is_block(n))
		out_break(&r->o, 2);
	else if (is(n, "tr"))
		out_break(&r->o, 1);
}

/* Paragraphs that are page furniture when they stand alone. */
static const char *const furniture_lines[] = {
	"advertisement",
	"story continues below advertisement",
	"article continues below advertisement",
	"continue reading",
	"continue reading below",
	"read more",
	"skip advertisement",
	"share this article",
	"share",
	"sign up",
};

/* Prefixes of paragraphs that point elsewhere: "Read more: ...". */
static const char *const furniture_prefixes[] = {
	"read more:", "related:",    "recommended:", "also read:",
	"read also:", "see also:",   "more:",        "watch:",
	"listen:",    "sign up for", "subscribe to",
};

static bool furniture_paragraph(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < sizeof(furniture_lines) / sizeof(furniture_lines[0]);
	     i++) {
		k = strlen(furniture_lines[i]);
		if (n == k && !strncasecmp(s, furniture_lines[i], k))
			return true;
	}
	for (i = 0;
	     i < sizeof(furniture_prefixes) / sizeof(furniture_prefixes[0]);
	     i++) {
		k = strlen(furniture_prefixes[i]);
		if (n >= k && !strncasecmp(s, furniture_prefixes[i], k) &&
		    n < 300)
			return true;
	}
	return false;
}

/* Drop furniture paragraphs in place. */
static void drop_furniture(struct sbuf *b)
{
	size_t in = 0, out = 0, end;

	if (!b->p)
		return;
	while (in < b->len) {
		const char *nl = strstr(b->p + in, "\n\n");

		end = nl ? (size_t)(nl - b->p) : b->len;
		if (end > in && !furniture_paragraph(b->p + in, end - in)) {
			if (out) {
				b->p[out++] = '\n';
				b->p[out++] = '\n';
			}
			memmove(b->p + out, b->p + in, end - in);
			out += end - in;
		}
		in = nl ? end + 2 : b->len;
	}
	b->len = out;
	b->p[out] = '\0';
}

static int render(struct extract *x, xmlNode *root, struct sbuf *text)
{
	struct render r;

	memset(&r, 0, sizeof(r));
	r.x = x;
	sb_init(&r.o.b, MAX_DECODED);
	walk(root, render_enter, render_leave, &r);
	if (r.o.b.err) {
		sb_release(&r.o.b);
		return WS_ENOMEM;
	}
	drop_furniture(&r.o.b);
	/* Nothing trails (out_text holds whitespace back); kept as a guard. */
	while (r.o.b.len && (r.o.b.p[r.o.b.len - 1] == ' ' ||
	                     r.o.b.p[r.o.b.len - 1] == '\n'))
		r.o.b.p[--r.o.b.len] = '\0';
	*text = r.o.b;
	return 0;
}

/* Paragraphs in rendered text. */
static size_t count_paragraphs(const char *s, size_t n)
{
	size_t k = n ? 1 : 0, i;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == '\n' && s[i + 1] == '\n')
			k++;
	return k;
}

static size_t visible_bytes(const char *s, size_t n)
{
	size_t k = 0, i;

	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			k++;
	return k;
}

/*
 * A plausible articleBody: long enough, prose rather than markup, and
 * not a teaser of a longer story on the page. A body on one line loses
 * to the page's own paragraphs when they hold about as much text.
 */
static bool ld_body_plausible(const char *ld, const struct sbuf *dom)
{
	size_t n = strlen(ld), letters = 0, tags = 0, i, vis, dom_vis;

	if (n < 200)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)ld[i];

		if (isalpha(c) || c >= 0x80 || c == ' ')
			letters++;
		if (c == '<' && i + 1 < n &&
		    (isalpha((unsigned char)ld[i + 1]) || ld[i + 1] == '/'))
			tags++;
	}
	if (letters * 10 < n * 7 || tags > 2)
		return false;
	vis = visible_bytes(ld, n);
	dom_vis = dom->p ? visible_bytes(dom->p, dom->len) : 0;
	if (vis * 10 < dom_vis * 6)
		return false;
	if (count_paragraphs(ld, n) == 1 &&
	    count_paragraphs(dom->p, dom->len) >= 3 && dom_vis * 10 >= vis * 8)
		return false;
	return true;
}

/* ---- metadata finishing ------------------------------------------------ */

/* ISO 8601 as "YYYY-MM-DD[Thh:mm...]": a copy, or NULL. */
static char *iso_date(const char *s)
{
	char *r;
	size_t i, n;

	if (!s)
		return NULL;
	n = strlen(s);
	if (n < 10 || n > 40)
		return NULL;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-'
		                     : !isdigit((unsigned char)s[i]))
			return NULL;
	for (i = 10; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !strchr("T:.+-Z ", s[i]))
			return NULL;
	r = strdup(s);
	if (r && n > 11 && r[10] == ' ' && isdigit((unsigned char)r[11]))
		r[10] = 'T';
	return r;
}

static char *first_date(char *a, char *b, char *c)
{
	char *r = iso_date(a);

	if (!r)
		r = iso_date(b);
	if (!r)
		r = iso_date(c);
	return r;
}

/* An absolute http(s) URL, resolved against base; a copy or NULL. */
static char *abs_url(const char *href, const char *base)
{
	xmlChar *u;
	char *r = NULL;

	if (!href)
		return NULL;
	u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
	if (!u)
		return NULL;
	if ((!strncasecmp((char *)u, "http://", 7) ||
	     !strncasecmp((char *)u, "https://", 8)) &&
	    !strpbrk((char *)u, " \t\n\"<>"))
		r = strdup((char *)u);
	xmlFree(u);
	return r;
}

static char *lang_tag(const char *s)
{
	size_t i, n;

	if (!s)
		return NULL;
	n = strlen(s);
	if (n < 2 || n > 35)
		return NULL;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return NULL;
	return strdup(s);
}

/* "By Jane Doe" -> "Jane Doe". */
static char *byline_clean(const char *s)
{
	if (!s)
		return NULL;
	if (!strncasecmp(s, "by ", 3))
		s += 3;
	while (*s == ' ')
		s++;
	return *s ? strdup(s) : NULL;
}

static char *dup_first(const char *a, const char *b, const char *c,
                       const char *d)
{
	const char *v = a ? a : b ? b : c ? c : d;

	return v ? strdup(v) : NULL;
}

static int finish_meta(struct extract *x, struct extract_article *a)
{
	struct meta *m = &x->m;

	a->title = dup_first(m->og_title, m->ld_headline, m->h1, m->title_tag);
	a->byline = byline_clean(m->meta_author  ? m->meta_author
	                         : m->ld_author  ? m->ld_author
	                         : m->rel_author ? m->rel_author
	                                         : m->byline_el);
	a->published =
		first_date(m->ld_published, m->meta_published, m->time_dt);
	a->modified = first_date(m->ld_modified, m->meta_modified, NULL);
	a->canonical = abs_url(m->canonical_link, x->base_url);
	if (!a->canonical)
		a->canonical = abs_url(m->og_url, x->base_url);
	if (!a->canonical)
		a->canonical = abs_url(m->ld_url, x->base_url);
	a->site = dup_first(m->og_site, m->ld_site, NULL, NULL);
	a->language = lang_tag(m->html_lang);
	if (!a->language)
		a->language = lang_tag(m->ld_lang);
	if (!a->language)
		a->language = lang_tag(m->meta_lang);
	return 0;
}

/* ---- entry points ------------------------------------------------------ */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

const char *extract_source_name(enum extract_source s)
{
	switch (s) {
	case EXTRACT_NONE:
		return "none";
	case EXTRACT_JSONLD:
		return "json-ld";
	case EXTRACT_ARTICLE:
		return "article";
	case EXTRACT_MAIN:
		return "main";
	case EXTRACT_DENSITY:
		return "density";
	case EXTRACT_BODY:
		return "body";
	case EXTRACT_PLAIN:
		return "plain";
	}
	return "none";
}

static bool is_plain(const char *content_type)
{
	if (!content_type)
		return false;
	while (*content_type == ' ')
		content_type++;
	return !strncasecmp(content_type, "text/plain", 10);
}

/* A text/plain page: lines kept, runs of blank lines one paragraph break. */
static int extract_plain(const struct sbuf *src, struct extract_article *a)
{
	struct out o;
	size_t i, start = 0, blank = 0;

	memset(&o, 0, sizeof(o));
	sb_init(&o.b, MAX_DECODED);
	for (i = 0; src->p && i <= src->len; i++) {
		size_t len, k;

		if (i < src->len && src->p[i] != '\n')
			continue;
		len = i - start;
		for (k = 0;
		     k < len && isspace((unsigned char)src->p[start + k]); k++)
			;
		if (k == len) {
			blank++;
		} else {
			out_break(&o, blank ? 2 : 1);
			out_text(&o, src->p + start, len);
			blank = 0;
		}
		start = i + 1;
	}
	if (o.b.err) {
		sb_release(&o.b);
		return WS_ENOMEM;
	}
	a->text = sb_take(&o.b);
	if (!a->text)
		return WS_ENOMEM;
	a->len = strlen(a->text);
	a->source = a->len ? EXTRACT_PLAIN : EXTRACT_NONE;
	return 0;
}

/* The smallest element holding 70% of the paragraph text. */
static xmlNode *densest(struct extract *x)
{
	xmlNode *n = x->body, *c, *best;
	size_t want = x->total * 7 / 10;

	for (;;) {
		best = NULL;
		for (c = n->children; c; c = c->next) {
			struct info *i = c->type == XML_ELEMENT_NODE
			                         ? info_of(x, c)
			                         : NULL;

			if (i && !i->skip && i->filt >= want && i->filt)
				best = c;
		}
		/* A story is its paragraphs' container, not its longest one. */
		if (!best || is(best, "p"))
			return n;
		n = best;
	}
}

static int extract_html(struct extract *x, const struct sbuf *src,
                        struct extract_article *a)
{
	struct sbuf dom;
	xmlNode *root, *pick = NULL;
	int rc;

	pthread_once(&xml_once, xml_init);
	memset(&dom, 0, sizeof(dom));
	x->doc = htmlReadMemory(
		src->p ? src->p : "", (int)src->len, x->base_url, "UTF-8",
		HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC |
			HTML_PARSE_COMPACT);
	root = x->doc ? xmlDocGetRootElement(x->doc) : NULL;
	if (root) {
		walk(root, measure_enter, measure_leave, x);
		if (x->nomem)
			return WS_ENOMEM;
		ld_take(&x->m);
	}
	if (x->body && info_of(x, x->body)) {
		x->total = info_of(x, x->body)->raw;
		walk(x->body, score_enter, score_leave, x);
		x->total = info_of(x, x->body)->filt;
		a->source = EXTRACT_BODY;
		pick = x->body;
		if (x->best_article &&
		    info_of(x, x->best_article)->filt * 2 >= x->total &&
		    x->total) {
			pick = x->best_article;
			a->source = EXTRACT_ARTICLE;
		} else if (x->best_main &&
		           info_of(x, x->best_main)->filt * 2 >= x->total &&
		           x->total) {
			pick = x->best_main;
			a->source = EXTRACT_MAIN;
		} else if (x->total) {
			pick = densest(x);
			a->source = pick == x->body ? EXTRACT_BODY
			                            : EXTRACT_DENSITY;
		}
		rc = render(x, pick, &dom);
		if (rc)
			return rc;
	}
	if (x->m.ld_body && ld_body_plausible(x->m.ld_body, &dom)) {
		sb_release(&dom);
		a->text = x->m.ld_body;
		x->m.ld_body = NULL;
		a->source = EXTRACT_JSONLD;
	} else {
		a->text = sb_take(&dom);
		if (!a->text)
			return WS_ENOMEM;
	}
	a->len = strlen(a->text);
	if (!utf8_valid(a->text, a->len)) {
		struct sbuf fixed;

		sb_init(&fixed, MAX_DECODED);
		put_clean_utf8(&fixed, a->text, a->len);
		if (fixed.err) {
			sb_release(&fixed);
			return WS_ENOMEM;
		}
		free(a->text);
		a->text = sb_take(&fixed);
		if (!a->text)
			return WS_ENOMEM;
		a->len = strlen(a->text);
	}
	if (!a->len)
		a->source = EXTRACT_NONE;
	return finish_meta(x, a);
}

int extract_article(const char *data, size_t len, const char *content_type,
                    const char *base_url, struct extract_article *out)
{
	struct extract x;
	struct sbuf src;
	bool plain = is_plain(content_type);
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	x.base_url = base_url;
	sb_init(&src, MAX_DECODED);
	decode(data ? data : "", data ? len : 0, content_type, !plain, &src,
	       out->charset, sizeof(out->charset));
	if (src.err) {
		rc = src.len >= MAX_DECODED - 4 ? WS_ETOOBIG : WS_ENOMEM;
		goto out;
	}
	rc = plain ? extract_plain(&src, out) : extract_html(&x, &src, out);
out:
	if (x.doc)
		xmlFreeDoc(x.doc);
	free(x.info);
	meta_release(&x.m);
	sb_release(&src);
	if (rc) {
		char cs[sizeof(out->charset)];

		memcpy(cs, out->charset, sizeof(cs));
		extract_article_release(out);
		memcpy(out->charset, cs, sizeof(cs));
	}
	return rc;
}

void extract_article_release(struct extract_article *a)
{
	if (!a)
		return;
	free(a->text);
	free(a->title);
	free(a->byline);
	free(a->published);
	free(a->modified);
	free(a->canonical);
	free(a->site);
	free(a->language);
	memset(a, 0, sizeof(*a));
}

/* A string (invalid UTF-8 repaired, for URLs) or null. */
static json_t *str_or_null(const char *s)
{
	struct sbuf b;
	json_t *j;

	if (!s)
		return json_null();
	if (utf8_valid(s, strlen(s)))
		return json_string(s);
	sb_init(&b, SIZE_MAX);
	put_clean_utf8(&b, s, strlen(s));
	j = b.err || !b.p ? NULL : json_string(b.p);
	sb_release(&b);
	return j;
}

json_t *extract_article_json(const struct extract_article *a, const char *url,
                             const char *final_url)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
	                 "url", str_or_null(url), "final_url",
	                 str_or_null(final_url), "title", str_or_null(a->title),
	                 "byline", str_or_null(a->byline), "published",
	                 str_or_null(a->published), "modified",
	                 str_or_null(a->modified), "canonical",
	                 str_or_null(a->canonical), "site",
	                 str_or_null(a->site), "language",
	                 str_or_null(a->language), "source",
	                 extract_source_name(a->source));
}
