/*
 * article.c - fetch result -> article -> annotation -> JSON, shared by
 * the command line (fetch_cmd.c) and the HTTP API.
 */
#include "article.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

/* Details quote curl and pages: keep them valid UTF-8 (ASCII, '?'). */
static void copy_detail(char *dst, size_t size, const char *src)
{
	size_t i;

	snprintf(dst, size, "%s", src ? src : "");
	for (i = 0; dst[i]; i++)
		if ((unsigned char)dst[i] >= 0x80 ||
		    (unsigned char)dst[i] < 0x20)
			dst[i] = '?';
}

void article_problem_fetch(struct article_problem *p, enum fetch_error e,
                           const char *detail, long upstream_status)
{
	memset(p, 0, sizeof(*p));
	p->status = fetch_error_status(e);
	p->name = fetch_error_name(e);
	p->title = fetch_error_title(e);
	/* The page's status says something only when it is the error. */
	p->upstream_status = e == FETCH_E_STATUS ? upstream_status : 0;
	copy_detail(p->detail, sizeof(p->detail), detail);
}

static void problem(struct article_problem *p, unsigned status,
                    const char *name, const char *title, const char *detail)
{
	memset(p, 0, sizeof(*p));
	p->status = status;
	p->name = name;
	p->title = title;
	copy_detail(p->detail, sizeof(p->detail), detail);
}

int article_extract(const struct fetch_result *res, struct extract_article *a,
                    struct article_problem *p)
{
	int rc;

	rc = extract_article(res->body, res->len, res->content_type,
	                     res->final_url ? res->final_url : res->url, a);
	if (rc) {
		problem(p, rc == WS_ETOOBIG ? 422 : 500,
		        rc == WS_ETOOBIG ? "extract-too-large"
		                         : "extract-out-of-memory",
		        rc == WS_ETOOBIG ? "The page is too large to extract"
		                         : "Out of memory",
		        ws_strerror(rc));
		return -1;
	}
	if (!a->len) {
		problem(p, 422, "extract-no-text", "The page holds no story",
		        "no story text was found on the page");
		extract_article_release(a);
		return -1;
	}
	return 0;
}

int article_annotate(const struct ws_engine *eng,
                     const struct extract_article *a, struct ws_doc **doc,
                     struct article_problem *p)
{
	struct ws_error err;
	int rc;

	memset(&err, 0, sizeof(err));
	/* The text is valid UTF-8 (extract.h); repair costs nothing then. */
	rc = ws_annotate(eng, a->text, a->len, WS_REPAIR_UTF8, doc, &err);
	if (!rc)
		return 0;
	problem(p, rc == WS_ETOOBIG ? 422 : 500,
	        rc == WS_ETOOBIG ? "annotate-too-large" : "annotate-failed",
	        rc == WS_ETOOBIG ? "The story is too long"
	                         : "Annotation failed",
	        err.message[0] ? err.message : ws_strerror(rc));
	return -1;
}

json_t *article_fetch_json(const struct extract_article *a,
                           const struct fetch_result *res)
{
	return json_pack("{s:o, s:s%}", "article",
	                 extract_article_json(a, res->url, res->final_url),
	                 "text", a->text, a->len);
}

json_t *article_annotate_json(const struct ws_doc *doc,
                              const struct extract_article *a,
                              const struct fetch_result *res, enum ws_unit unit,
                              json_t *id)
{
	json_t *obj = json_object();

	if (!obj)
		return NULL;
	/* jansson keeps insertion order: id, engine, article, text, results. */
	if ((id && json_object_set_new(obj, "id", json_incref(id))) ||
	    json_object_set_new(obj, "engine", api_engine_json()) ||
	    json_object_set_new(obj, "article",
	                        extract_article_json(a, res->url,
	                                             res->final_url)) ||
	    json_object_set_new(obj, "text", json_stringn(a->text, a->len)) ||
	    api_doc_fill(obj, doc, unit)) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

json_t *article_problem_json(const struct article_problem *p, const char *url)
{
	char type[96];
	json_t *obj, *u;

	snprintf(type, sizeof(type), "%s%s", ARTICLE_PROBLEM_TYPE, p->name);
	obj = json_pack("{s:s, s:s, s:I, s:s}", "type", type, "title", p->title,
	                "status", (json_int_t)p->status, "detail", p->detail);
	if (!obj)
		return NULL;
	/* A URL that is not UTF-8 is left out rather than fail the answer. */
	u = url ? json_string(url) : NULL;
	if ((u && json_object_set_new(obj, "url", u)) ||
	    (p->upstream_status &&
	     json_object_set_new(obj, "upstream_status",
	                         json_integer(p->upstream_status)))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* ---- the daemon's service ---------------------------------------------- */

struct article_service {
	struct fetcher *fetcher;
};

struct job {
	article_done_fn *done;
	void *ud;
	struct article_result *res; /* allocated up front: done never fails */
};

void article_result_free(struct article_result *res)
{
	if (!res)
		return;
	fetch_result_release(&res->fetch);
	extract_article_release(&res->article);
	free(res);
}

/* On the fetcher thread: extract, free the page, hand the result over. */
static void on_fetched(void *ud, struct fetch_result *fr)
{
	struct job *j = ud;
	struct article_result *res = j->res;
	article_done_fn *done = j->done;
	void *done_ud = j->ud;

	free(j);
	res->fetch = *fr;
	free(fr);
	if (res->fetch.error)
		article_problem_fetch(&res->problem, res->fetch.error,
		                      res->fetch.detail, res->fetch.status);
	else
		article_extract(&res->fetch, &res->article, &res->problem);
	free(res->fetch.body);
	res->fetch.body = NULL;
	res->fetch.len = 0;
	done(done_ud, res);
}

int article_service_create(const struct fetch_config *fc,
                           struct article_service **out)
{
	struct article_service *svc;
	int rc;

	*out = NULL;
	svc = calloc(1, sizeof(*svc));
	if (!svc)
		return -ENOMEM;
	rc = fetcher_create(fc, &svc->fetcher);
	if (rc) {
		free(svc);
		return rc;
	}
	*out = svc;
	return 0;
}

int article_service_start(struct article_service *svc, const char *url,
                          article_done_fn *done, void *ud,
                          struct article_problem *p)
{
	struct job *j = calloc(1, sizeof(*j));
	enum fetch_error e;
	char detail[256];

	if (j)
		j->res = calloc(1, sizeof(*j->res));
	if (!j || !j->res) {
		free(j);
		article_problem_fetch(p, FETCH_E_NOMEM, "out of memory", 0);
		return -1;
	}
	j->done = done;
	j->ud = ud;
	e = fetcher_submit(svc->fetcher, url, on_fetched, j);
	if (e == FETCH_OK)
		return 0;
	free(j->res);
	free(j);
	if (e == FETCH_E_URL)
		fetch_url_check(url, detail, sizeof(detail));
	else
		snprintf(detail, sizeof(detail), "%s",
		         e == FETCH_E_BUSY
		                 ? "too many fetches in flight; "
		                   "retry later ([fetch] max_in_flight)"
		         : e == FETCH_E_SHUTDOWN ? "the server is shutting down"
		                                 : "out of memory");
	article_problem_fetch(p, e, detail, 0);
	return -1;
}

unsigned article_service_in_flight(struct article_service *svc)
{
	return fetcher_in_flight(svc->fetcher);
}

void article_service_free(struct article_service *svc)
{
	if (!svc)
		return;
	fetcher_free(svc->fetcher);
	free(svc);
}
