/*
 * fetch_cmd.h - the command-line side of fetching by URL:
 *
 *   whosaid fetch [options] URL          the article as JSON
 *   whosaid annotate --url URL [options] the annotation of the article
 *
 * Both read the [fetch] keys from --config, the environment and the
 * defaults, fetch synchronously (fetch_sync()) and print one JSON object.
 */
#ifndef WS_FETCH_CMD_H
#define WS_FETCH_CMD_H

#include <stdbool.h>

#include "whosaid.h"

/*
 * cmd_fetch - run `whosaid fetch`; argv[0] is "fetch". Returns the exit
 * status: 0 done, 1 the fetch or extraction failed (a message on
 * standard error names the URL and why), 2 a usage error.
 */
int cmd_fetch(int argc, char **argv);

/* What `whosaid annotate --url` was asked; all borrowed. */
struct annotate_url_opts {
	const char *url;
	const char *config; /* NULL: defaults and environment only */
	const char *cues;   /* NULL: the configuration's */
	const char *output; /* NULL: standard output */
	enum ws_unit unit;
	bool pretty;
};

/*
 * annotate_url - fetch, extract and annotate o->url and print the
 * annotate shape of article.h. Returns the exit status (0 or 1).
 */
int annotate_url(const struct annotate_url_opts *o);

#endif /* WS_FETCH_CMD_H */
