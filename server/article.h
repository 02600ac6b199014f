/*
 * article.h - a URL to an answer: a finished fetch through extract.c to
 * the JSON that `whosaid fetch`, `whosaid annotate --url` and
 * `POST /v1/annotate` with {"url"} return, and every failure on the way
 * to one problem document.
 *
 * Shapes:
 *   fetch:     {"article": {...extract_article_json()}, "text": "..."}
 *   annotate:  {"id" (when given), "engine": {...}, "article": {...},
 *               "text": "...", ...api_doc_fill() keys}
 *   problem:   {"type": "tag:whosaid,2026:<name>", "title", "status",
 *               "detail", "url", "upstream_status" (when one was seen)}
 * Every span of the annotate shape is an offset into "text".
 */
#ifndef WS_ARTICLE_H
#define WS_ARTICLE_H

#include <jansson.h>

#include "extract.h"
#include "fetch.h"
#include "problem.h"
#include "whosaid.h"

/* Why a URL gave no answer. A plain value. */
struct article_problem {
	unsigned status;      /* 422, 500, 502, 503 or 504 */
	const char *name;     /* "fetch-timeout", "extract-no-text"; static */
	const char *title;    /* static */
	long upstream_status; /* the page's HTTP status, 0 if none */
	char detail[320];
};

/* RFC 9457 says a type need not resolve and suggests tag URIs (§4);
 * the same base as every other problem's (problem.h). */
#define ARTICLE_PROBLEM_TYPE PROBLEM_TYPE_BASE

/*
 * Fill p for a fetch error (not FETCH_OK); detail is copied. The
 * upstream status is kept for FETCH_E_STATUS only.
 */
void article_problem_fetch(struct article_problem *p, enum fetch_error e,
                           const char *detail, long upstream_status);

/*
 * article_extract - the article of a successful fetch into *a (release
 * with extract_article_release()). Returns 0, or -1 with *p filled:
 * 422 "extract-no-text" when the page holds no text, 500 on memory.
 */
int article_extract(const struct fetch_result *res, struct extract_article *a,
                    struct article_problem *p);

/*
 * article_annotate - annotate a->text. Returns 0 with *doc owning a new
 * document (its spans point into a->text, which must outlive it), or -1
 * with *p filled (422 too long, 500 out of memory).
 */
int article_annotate(const struct ws_engine *eng,
                     const struct extract_article *a, struct ws_doc **doc,
                     struct article_problem *p);

/* The fetch shape; a new reference or NULL (out of memory). */
json_t *article_fetch_json(const struct extract_article *a,
                           const struct fetch_result *res);

/*
 * The annotate shape; id borrowed (NULL: no "id"). A new reference or
 * NULL when out of memory.
 */
json_t *article_annotate_json(const struct ws_doc *doc,
                              const struct extract_article *a,
                              const struct fetch_result *res, enum ws_unit unit,
                              json_t *id);

/* The problem document; url borrowed (NULL: none). NULL on OOM. */
json_t *article_problem_json(const struct article_problem *p, const char *url);

/*
 * The daemon's side: URLs to articles without a pool thread waiting. A
 * service owns a fetcher thread (fetch.h); each started job is fetched
 * there, extracted on that thread when it arrives, and called back.
 */
struct article_service;

/* One job's outcome; the callee owns it (article_result_free()). */
struct article_result {
	struct article_problem problem; /* status 0: the article is in */
	struct fetch_result fetch;      /* url, final_url...; body freed */
	struct extract_article article; /* when status is 0 */
};

void article_result_free(struct article_result *res);

/* Called once per started job, on the fetcher thread; must not block. */
typedef void article_done_fn(void *ud, struct article_result *res);

/* Start the fetcher thread; fc copied. 0 or a negative errno. */
int article_service_create(const struct fetch_config *fc,
                           struct article_service **out);

/*
 * article_service_start - fetch and extract `url` (copied). Returns 0,
 * after which done(ud, res) is called exactly once; or -1 with *p filled
 * (422 bad URL, 503 busy or stopping, 500 out of memory) and done never
 * called. Thread-safe.
 */
int article_service_start(struct article_service *svc, const char *url,
                          article_done_fn *done, void *ud,
                          struct article_problem *p);

/* Jobs started and not yet called back. */
unsigned article_service_in_flight(struct article_service *svc);

/* Stop: every running job is called back (503) first. Accepts NULL. */
void article_service_free(struct article_service *svc);

#endif /* WS_ARTICLE_H */
