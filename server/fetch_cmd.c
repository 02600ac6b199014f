/*
 * fetch_cmd.c - `whosaid fetch URL` and `whosaid annotate --url URL`.
 *
 * One fetch on the calling thread, with the same transfer setup, guard
 * and limits as the daemon's fetcher thread (fetch.c).
 */
#include "fetch_cmd.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "api.h"
#include "article.h"
#include "config.h"
#include "engine_load.h"
#include "extract.h"
#include "fetch.h"

static const char usage_text[] =
	"usage: whosaid fetch [options] URL\n"
	"Fetch a story and print it as JSON: {\"article\": {...}, \"text\"}.\n"
	"\n"
	"  --config FILE       configuration file ([fetch] keys)\n"
	"  --pretty            indent the JSON by 2\n"
	"  -o, --output FILE   write to FILE instead of standard output\n"
	"  -h, --help          this text\n"
	"\n"
	"[fetch] allow_private, max_body, connect_timeout and timeout apply;\n"
	"so do their WHOSAID_FETCH_* environment variables.\n"
	"Exit status: 0 success, 1 the fetch or the extraction failed, 2 usage.\n";

static void msg(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void msg(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "whosaid %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* "URL: 502 fetch-timeout: detail (upstream status 404)" */
static void report(const char *cmd, const char *url,
                   const struct article_problem *p)
{
	if (p->upstream_status)
		msg(cmd, "%s: %s (%u %s; the server answered %ld)", url,
		    p->detail, p->status, p->name, p->upstream_status);
	else
		msg(cmd, "%s: %s (%u %s)", url, p->detail, p->status, p->name);
}

static int load_config(const char *cmd, struct config *cfg, const char *path,
                       const char *cues)
{
	struct config_override ov = {"engine", "cues", cues, "--cues"};
	char err[1024];

	if (config_load(cfg, path, cues ? &ov : NULL, cues ? 1 : 0, err,
	                sizeof(err))) {
		msg(cmd, "%s", err);
		return -1;
	}
	return 0;
}

/* Fetch and extract; 0, or 1 after a message. */
static int fetch_article(const char *cmd, const struct config *cfg,
                         const char *url, struct fetch_result *res,
                         struct extract_article *a)
{
	struct fetch_config fc;
	struct article_problem p;

	fetch_config_from(&fc, cfg);
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		msg(cmd, "curl_global_init failed");
		return 1;
	}
	if (fetch_sync(&fc, url, res) != FETCH_OK) {
		article_problem_fetch(&p, res->error, res->detail, res->status);
		report(cmd, url, &p);
		return 1;
	}
	if (article_extract(res, a, &p)) {
		report(cmd, url, &p);
		return 1;
	}
	return 0;
}

/* Print obj (reference taken) to path or standard output. */
static int print_json(const char *cmd, json_t *obj, const char *path,
                      bool pretty)
{
	size_t flags = API_DUMP_FLAGS |
	               (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	FILE *f;
	int rc = 0;

	if (!obj) {
		msg(cmd, "out of memory building the JSON");
		return 1;
	}
	f = path ? fopen(path, "w") : stdout;
	if (!f) {
		msg(cmd, "%s: %s", path, strerror(errno));
		json_decref(obj);
		return 1;
	}
	if (json_dumpf(obj, f, flags) || fputc('\n', f) == EOF || fflush(f) ||
	    ferror(f)) {
		msg(cmd, "writing %s: %s", path ? path : "standard output",
		    strerror(errno));
		rc = 1;
	}
	if (f != stdout && fclose(f) && !rc) {
		msg(cmd, "closing %s: %s", path, strerror(errno));
		rc = 1;
	}
	json_decref(obj);
	return rc;
}

int cmd_fetch(int argc, char **argv)
{
	const char *url = NULL, *config = NULL, *output = NULL;
	struct extract_article a;
	struct fetch_result res;
	struct config *cfg;
	bool pretty = false;
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *s = argv[i];

		if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else if (!strcmp(s, "--pretty")) {
			pretty = true;
		} else if (!strcmp(s, "--config") || !strcmp(s, "-o") ||
		           !strcmp(s, "--output")) {
			if (i + 1 >= argc) {
				msg("fetch", "'%s' needs an argument", s);
				fputs(usage_text, stderr);
				return 2;
			}
			*(!strcmp(s, "--config") ? &config : &output) =
				argv[++i];
		} else if (!strncmp(s, "--config=", 9)) {
			config = s + 9;
		} else if (!strncmp(s, "--output=", 9)) {
			output = s + 9;
		} else if (s[0] == '-' && strcmp(s, "-")) {
			msg("fetch", "unknown option '%s'", s);
			fputs(usage_text, stderr);
			return 2;
		} else if (url) {
			msg("fetch", "more than one URL: '%s'", s);
			fputs(usage_text, stderr);
			return 2;
		} else {
			url = s;
		}
	}
	if (!url) {
		msg("fetch", "no URL");
		fputs(usage_text, stderr);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	json_object_seed(0);
	cfg = malloc(sizeof(*cfg)); /* path buffers: off the stack */
	if (!cfg) {
		msg("fetch", "out of memory");
		return 1;
	}
	memset(&a, 0, sizeof(a));
	memset(&res, 0, sizeof(res));
	rc = load_config("fetch", cfg, config, NULL) ? 1 : 0;
	if (!rc)
		rc = fetch_article("fetch", cfg, url, &res, &a);
	if (!rc)
		rc = print_json("fetch", article_fetch_json(&a, &res), output,
		                pretty);
	extract_article_release(&a);
	fetch_result_release(&res);
	curl_global_cleanup();
	free(cfg);
	return rc;
}

int annotate_url(const struct annotate_url_opts *o)
{
	struct ws_engine *eng = NULL;
	struct ws_doc *doc = NULL;
	struct extract_article a;
	struct article_problem p;
	struct fetch_result res;
	struct config *cfg;
	char err[512];
	int rc = 1;

	signal(SIGPIPE, SIG_IGN);
	json_object_seed(0);
	memset(&a, 0, sizeof(a));
	memset(&res, 0, sizeof(res));
	cfg = malloc(sizeof(*cfg));
	if (!cfg) {
		msg("annotate", "out of memory");
		return 1;
	}
	if (load_config("annotate", cfg, o->config, o->cues))
		goto out;
	/* The lexicon first: a bad one should not cost a fetch. */
	if (engine_load(cfg->cues, &eng, err, sizeof(err))) {
		msg("annotate", "%s", err);
		goto out;
	}
	if (fetch_article("annotate", cfg, o->url, &res, &a))
		goto out;
	if (article_annotate(eng, &a, &doc, &p)) {
		report("annotate", o->url, &p);
		goto out;
	}
	rc = print_json("annotate",
	                article_annotate_json(doc, &a, &res, o->unit, NULL),
	                o->output, o->pretty);
out:
	ws_doc_free(doc);
	ws_engine_free(eng);
	extract_article_release(&a);
	fetch_result_release(&res);
	curl_global_cleanup();
	free(cfg);
	return rc;
}
