/*
 * annotate_url.h - the hook between POST /v1/annotate {"url": ...} and
 * URL fetching. http.c calls it; the fetch module (fetch.c, extract.c)
 * implements it. Until then annotate_url.c is a stub that refuses every
 * URL with -ENOTSUP and a 422 problem "url requires fetch support".
 *
 * The flow for one request, all of it driven by http.c:
 *   1. A pool thread parses the body, finds "url" and no "text", and
 *      suspends the connection (MHD_suspend_connection()), so no pool
 *      thread waits on the network.
 *   2. It calls annotate_url_start(). A non-zero return means nothing
 *      started and `done` will never be called: the problem it filled is
 *      the answer. 0 means `done` will be called exactly once.
 *   3. done(ud, res) runs on any thread (the fetcher's, or even this one
 *      before annotate_url_start() returns). It must not block: http.c
 *      stores res and resumes the connection, and a pool thread then
 *      annotates res->text and answers with the same JSON as for "text"
 *      (or with res->problem when the fetch failed).
 *   4. annotate_url_free() calls back every job still running (with a
 *      503 problem) before it returns. http_stop() calls it before it
 *      stops the daemon: libmicrohttpd 0.9.75 aborts the process when a
 *      daemon is stopped with a connection still suspended.
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

#include "problem.h"

struct config;
struct annotate_url;

/* The outcome of one job. */
struct annotate_url_result {
	struct problem problem; /* status 0: fetched; else the answer */
	char *text;             /* the story as UTF-8 text (malloc) */
	size_t len;             /* bytes in text */
	char *title;            /* its headline (malloc), or NULL */
	char *final_url;        /* the URL after redirects (malloc), or NULL */
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
 * when it is done. Returns 0, or a negative errno with the answer in *p
 * and done never called: -ENOTSUP (422, no fetch support), -EINVAL (422,
 * not an http(s) URL, or not allowed), -EBUSY (503, too many jobs),
 * -ESHUTDOWN (503, stopping), -ENOMEM (503).
 */
int annotate_url_start(struct annotate_url *svc, const char *url,
                       annotate_url_done_fn *done, void *ud, struct problem *p);

/*
 * annotate_url_free - stop: every job still running is called back with
 * a 503 problem before this returns. Accepts NULL.
 */
void annotate_url_free(struct annotate_url *svc);

#endif /* WS_ANNOTATE_URL_H */
