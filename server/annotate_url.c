/*
 * annotate_url.c - the URL hook (annotate_url.h) without fetch support:
 * every URL is refused with 422 "url requires fetch support".
 *
 * The fetch module replaces this file's bodies with ones that hand the
 * URL to its fetcher (fetcher_submit()), turn the page into text and
 * call `done`; http.c and the contract in annotate_url.h stay as they
 * are.
 */
#include "annotate_url.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "problem.h"

/* Nothing to hold yet; a real service keeps its fetcher here. */
struct annotate_url {
	int unused;
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
	*out = calloc(1, sizeof(**out));
	if (!*out) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

int annotate_url_start(struct annotate_url *svc, const char *url,
                       annotate_url_done_fn *done, void *ud, json_t **problem)
{
	struct problem p;

	problem_set(&p, 422,
	            "url requires fetch support, which this server does not "
	            "have yet; send the story's \"text\" instead");
	*problem = problem_json(&p);
	return -ENOTSUP;
}

void annotate_url_stop(struct annotate_url *svc)
{
}

void annotate_url_free(struct annotate_url *svc)
{
	free(svc);
}
