/*
 * extract.h - a fetched page to an article: the story's text and its
 * metadata, with libxml2's HTML parser (no HTML parsing here).
 *
 * Invariants
 * - The text and every metadata string are valid UTF-8, whatever the
 *   page's bytes (charset from the Content-Type header, a BOM or a
 *   <meta> tag, else UTF-8 when valid, else windows-1252; invalid
 *   sequences become U+FFFD). Without control characters but \n.
 * - The text is the story: paragraphs separated by one blank line ("\n\n"),
 *   line breaks (<br>) as "\n", whitespace collapsed, no leading or
 *   trailing whitespace. Every offset of an annotation refers to it.
 * - Work and memory are linear in the page's size.
 * - Thread-safe: any number of threads may extract at once.
 */
#ifndef WS_EXTRACT_H
#define WS_EXTRACT_H

#include <jansson.h>
#include <stddef.h>

/* Where the text came from. */
enum extract_source {
	EXTRACT_NONE,    /* nothing found: the text is empty */
	EXTRACT_JSONLD,  /* schema.org articleBody */
	EXTRACT_ARTICLE, /* the <article> holding most paragraph text */
	EXTRACT_MAIN,    /* <main> or role=main */
	EXTRACT_DENSITY, /* the smallest element holding most paragraphs */
	EXTRACT_BODY,    /* the whole <body>, furniture dropped */
	EXTRACT_PLAIN,   /* a text/plain page */
};

/* An article; the strings are owned, NULL when not found. */
struct extract_article {
	char *text; /* never NULL after a successful extract */
	size_t len; /* bytes in text, NUL excluded */
	char *title;
	char *byline;
	char *published; /* ISO 8601 as the page gave it */
	char *modified;  /* ISO 8601 */
	char *canonical; /* absolute http(s) URL */
	char *site;
	char *language; /* a BCP 47 tag, e.g. "en-GB" */
	enum extract_source source;
	char charset[48]; /* the one decoded from, lower case */
};

/* A name for the source, as "article.source" spells it. Static. */
const char *extract_source_name(enum extract_source s);

/*
 * extract_article - the article in `len` bytes of `data` (borrowed; need
 * not be NUL-terminated). content_type is the Content-Type header or
 * NULL (then HTML); a text/plain type skips the HTML parser. base_url
 * (may be NULL) resolves a relative canonical link. Fills *out (zeroed
 * first) and returns 0, or WS_ENOMEM, or WS_ETOOBIG when the page is
 * over 1 GiB once decoded; *out then owns nothing. Release a filled
 * article with extract_article_release().
 */
int extract_article(const char *data, size_t len, const char *content_type,
                    const char *base_url, struct extract_article *out);

/* Free what an article owns and zero it; accepts NULL. */
void extract_article_release(struct extract_article *a);

/*
 * extract_article_json - {"url", "final_url", "title", "byline",
 * "published", "modified", "canonical", "site", "language", "source"},
 * null for what is unknown. url and final_url are borrowed (NULL: null).
 * Returns a new reference, or NULL when out of memory.
 */
json_t *extract_article_json(const struct extract_article *a, const char *url,
                             const char *final_url);

#endif /* WS_EXTRACT_H */
