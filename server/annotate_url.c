/*
 * annotate_url.c - the URL hook (annotate_url.h) on article.c's service:
 * the URL is fetched on the fetcher thread (fetch.c), the page turned
 * into an article there (extract.c), and the outcome handed to http.c
 * as JSON and text.
 *
 * The service is stopped while pool threads may still call
 * annotate_url_start() (a kept-alive connection during the drain), so a
 * read-write lock keeps a start from running into the stop: starts hold
 * it shared, annotate_url_stop() takes it once, exclusively, to say
 * "stopping" before the fetcher goes; the struct itself stays until
 * annotate_url_free(), after the daemon has stopped.
 */
#include "annotate_url.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "config.h"
#include "fetch.h"

/* Longest URL echoed in a problem's "url" (fetch.c refuses past 8 KiB). */
#define ECHO_URL_MAX 2048

struct annotate_url {
	struct article_service *svc; /* NULL once stopped */
	pthread_rwlock_t lock;       /* shared by starts, exclusive to stop */
	bool stopping;               /* under lock */
};

/* One started job; the result is allocated up front so that the
 * callback cannot fail to hand one over. */
struct job {
	annotate_url_done_fn *done;
	void *ud;
	struct annotate_url_result *res;
};

void annotate_url_result_free(struct annotate_url_result *res)
{
	if (!res)
		return;
	json_decref(res->problem);
	json_decref(res->article);
	free(res->text);
	free(res);
}

int annotate_url_create(const struct config *cfg, struct annotate_url **out,
                        char *err, size_t errlen)
{
	struct annotate_url *u;
	struct fetch_config fc;
	int rc;

	*out = NULL;
	u = calloc(1, sizeof(*u));
	if (!u) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	rc = -pthread_rwlock_init(&u->lock, NULL);
	if (rc) {
		snprintf(err, errlen, "cannot make a lock: %s", strerror(-rc));
		goto free_u;
	}
	fetch_config_from(&fc, cfg);
	rc = article_service_create(&fc, &u->svc);
	if (rc) {
		snprintf(err, errlen, "cannot start the fetcher: %s",
		         strerror(-rc));
		goto destroy_lock;
	}
	*out = u;
	return 0;

destroy_lock:
	pthread_rwlock_destroy(&u->lock);
free_u:
	free(u);
	return rc;
}

/* The URL when it is short enough to echo, else NULL. */
static const char *echo_url(const char *url)
{
	return url && strlen(url) <= ECHO_URL_MAX ? url : NULL;
}

/*
 * article_done_fn, on the fetcher thread: the article's JSON and text,
 * or the problem, into the result made at the start. Out of memory
 * leaves the result empty, which http.c answers with a 503.
 */
static void on_article(void *ud, struct article_result *ar)
{
	struct job *j = ud;
	struct annotate_url_result *res = j->res;
	annotate_url_done_fn *done = j->done;
	void *done_ud = j->ud;

	free(j);
	if (ar->problem.status) {
		res->problem = article_problem_json(&ar->problem,
		                                    echo_url(ar->fetch.url));
	} else {
		res->article = extract_article_json(&ar->article, ar->fetch.url,
		                                    ar->fetch.final_url);
		if (res->article) {
			/* The text moves to the result: no copy of a story. */
			res->text = ar->article.text;
			res->len = ar->article.len;
			ar->article.text = NULL;
			ar->article.len = 0;
		}
	}
	article_result_free(ar);
	done(done_ud, res);
}

/* The errno annotate_url.h promises for a refusal. */
static int refusal_errno(const struct article_problem *p)
{
	if (p->status == 422)
		return -EINVAL;
	if (p->status == 503)
		return strcmp(p->name, fetch_error_name(FETCH_E_BUSY))
		               ? -ESHUTDOWN
		               : -EBUSY;
	return -ENOMEM;
}

int annotate_url_start(struct annotate_url *svc, const char *url,
                       annotate_url_done_fn *done, void *ud, json_t **problem)
{
	struct article_problem p;
	struct job *j;
	int rc;

	*problem = NULL;
	j = calloc(1, sizeof(*j));
	if (j)
		j->res = calloc(1, sizeof(*j->res));
	if (!j || !j->res) {
		free(j);
		return -ENOMEM;
	}
	j->done = done;
	j->ud = ud;
	pthread_rwlock_rdlock(&svc->lock);
	if (svc->stopping) {
		article_problem_fetch(&p, FETCH_E_SHUTDOWN,
		                      "the server is shutting down", 0);
		rc = -1;
	} else {
		rc = article_service_start(svc->svc, url, on_article, j, &p);
	}
	pthread_rwlock_unlock(&svc->lock);
	if (!rc)
		return 0;
	free(j->res);
	free(j);
	*problem = article_problem_json(&p, echo_url(url));
	return refusal_errno(&p);
}

void annotate_url_stop(struct annotate_url *svc)
{
	struct article_service *as;

	pthread_rwlock_wrlock(&svc->lock);
	as = svc->stopping ? NULL : svc->svc;
	svc->stopping = true;
	pthread_rwlock_unlock(&svc->lock);
	/* No start runs or will run: the jobs are the fetcher's alone. It
	 * calls back every one still running (503) before it returns. */
	article_service_free(as);
	svc->svc = NULL;
}

void annotate_url_free(struct annotate_url *svc)
{
	if (!svc)
		return;
	annotate_url_stop(svc);
	pthread_rwlock_destroy(&svc->lock);
	free(svc);
}
