/*
 * annotate_url.h - the hook between POST /v1/annotate {"url": ...} and
 * URL fetching. http.c calls it; annotate_url.c implements it on
 * article.c's service (fetch.c's fetcher thread, extract.c), with the
 * [fetch] keys of the configuration.
 *
 * The flow for one request, all of it driven by http.c:
 *   1. A pool thread parses the body, finds "url" and no "text", and
 *      suspends the connection (MHD_suspend_connection()), so no pool
 *      thread waits on the network.
 *   2. It calls annotate_url_start(). A non-zero return means nothing
 *      started and `done` will never be called: the problem it made is
 *      the answer. 0 means `done` will be called exactly once.
 *   3. done(ud, res) runs on any thread (the fetcher's, or even this one
 *      before annotate_url_start() returns). It must not block: http.c
 *      stores res and resumes the connection, and a pool thread then
 *      annotates res->text and answers with the same JSON as for "text",
 *      plus "article" and "text" after "engine" (article.h's annotate
 *      shape), or with res->problem when the fetch failed.
 *   4. annotate_url_stop() calls back every job still running (with a
 *      503 problem) before it returns, and refuses every later start.
 *      http_stop() calls it before it stops the daemon: libmicrohttpd
 *      0.9.75 aborts the process when a daemon is stopped with a
 *      connection still suspended. Pool threads may still call
 *      annotate_url_start() until the daemon has stopped, so the
 *      service is freed (annotate_url_free()) only after that.
 *
 * Invariants for an implementation
 * - Thread-safe: annotate_url_start() is called from every pool thread.
 * - Bounded: at most as many jobs as it admits (refuse the rest with
 *   503 and -EBUSY), each with a total timeout, so every suspended
 *   connection is resumed in bounded time.
 * - Owns nothing of the request: `url` is copied if kept, `ud` is only
 *   handed back.
 */
#ifndef WS_ANNOTATE_URL_H
#define WS_ANNOTATE_URL_H

#include <stddef.h>

#include <jansson.h>

struct config;
struct annotate_url;

/*
 * The outcome of one job. The JSON is built by the fetch module
 * (article.c), so its shapes stay in one place; http.c only passes it
 * on.
 */
struct annotate_url_result {
	/* Failed: an RFC 9457 problem object (owned) with an integer
	 * "status" (422, 502, 503, 504...), answered as it is. NULL when the
	 * story was fetched. */
	json_t *problem;
	/* Fetched: the "article" member of the answer (owned, an object),
	 * and the story's UTF-8 text (malloc), which every offset of the
	 * answer refers to and which the answer carries as "text". */
	json_t *article;
	char *text;
	size_t len;
};

/* Free a result and what it owns; accepts NULL. */
void annotate_url_result_free(struct annotate_url_result *res);

/*
 * Called once per started job. `res` (malloc) passes to the callee,
 * which frees it with annotate_url_result_free().
 */
typedef void annotate_url_done_fn(void *ud, struct annotate_url_result *res);

/*
 * annotate_url_create - the URL service, from cfg (borrowed; [fetch]
 * keys). Called once by http_start() before the pool threads start.
 * Returns 0 and *out (free it with annotate_url_free()), or a negative
 * errno with a sentence in err (errlen bytes).
 */
int annotate_url_create(const struct config *cfg, struct annotate_url **out,
                        char *err, size_t errlen);

/*
 * annotate_url_start - fetch `url` (borrowed) and call done(ud, res)
 * when it is done. Returns 0, or a negative errno with *problem set to
 * a new problem object (as in struct annotate_url_result) to answer
 * with, and done never called: -EINVAL (422 fetch-bad-url, not an
 * absolute http(s) URL), -EBUSY (503 fetch-busy, [fetch] max_in_flight
 * jobs running), -ESHUTDOWN (503 fetch-shutdown, stopping), -ENOMEM
 * (*problem may then be NULL: http.c answers 503 itself).
 */
int annotate_url_start(struct annotate_url *svc, const char *url,
                       annotate_url_done_fn *done, void *ud, json_t **problem);

/*
 * annotate_url_stop - every job still running is called back with a 503
 * problem (fetch-shutdown) before this returns; later starts are refused
 * the same way (-ESHUTDOWN). Thread-safe; a second call does nothing.
 */
void annotate_url_stop(struct annotate_url *svc);

/*
 * annotate_url_free - annotate_url_stop(), then free the service: no
 * annotate_url_start() may run or follow. Accepts NULL.
 */
void annotate_url_free(struct annotate_url *svc);

#endif /* WS_ANNOTATE_URL_H */
