/*
 * main.c - the whosaid command: arguments, configuration, signals.
 *
 *   whosaid serve [--config FILE] [--bind ADDR] [--port N]
 *   whosaid annotate ...     (annotate.c)
 *   whosaid version
 *   whosaid help | --help | -h
 *
 * Exit status: 0 done, 1 a runtime or configuration error (message on
 * stderr), 2 bad usage.
 *
 * Signals: SIGTERM and SIGINT are blocked before any thread starts and
 * taken with sigwait() here, so no code runs in a signal handler. The
 * first one quiesces the server and waits up to shutdown_timeout for
 * requests in flight; a second one stops at once.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "annotate.h"
#include "config.h"
#include "engine_load.h"
#include "fetch_cmd.h"
#include "http.h"
#include "log.h"
#include "whosaid.h"

#ifndef WS_BUILD_COMPILER
#define WS_BUILD_COMPILER "unknown"
#endif
#ifndef WS_BUILD_TYPE
#define WS_BUILD_TYPE "unknown"
#endif

enum { EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fputs("usage: whosaid <command> [options]\n"
	      "\n"
	      "commands:\n"
	      "  serve [--config FILE] [--bind ADDR] [--port N]\n"
	      "                 run the HTTP daemon until SIGTERM or SIGINT\n"
	      "  annotate ...   annotate a story from the command line\n"
	      "                 (whosaid annotate --help; --url URL fetches it)\n"
	      "  fetch URL      fetch a story, print its article and text as JSON\n"
	      "                 (whosaid fetch --help)\n"
	      "  version        print the version and build\n"
	      "  help           print this help\n",
	      out);
}

/* The configuration keys, from the table in config.c. */
static void usage_config(FILE *out)
{
	struct config_key_info k;
	size_t i;

	fputs("\nconfiguration: built-in default < --config FILE < "
	      "environment < option\n",
	      out);
	for (i = 0; i < config_key_count(); i++) {
		config_key(i, NULL, &k, NULL, 0);
		fprintf(out, "  [%s] %s = %s\n      %s\n      %s%s%s\n",
		        k.section, k.name, k.def, k.help, k.env,
		        k.range[0] ? ", " : "", k.range);
	}
}

static int cmd_version(void)
{
	printf("whosaid %s\nrules %s\nbuilt with %s (%s)\n", WS_VERSION,
	       ws_rules_version(), WS_BUILD_COMPILER, WS_BUILD_TYPE);
	return 0;
}

/* One line with the effective value of every key. */
static void log_config(const struct config *cfg, const char *path)
{
	struct config_key_info k;
	struct log_line l;
	char name[64], value[CONFIG_PATH_MAX];
	size_t i;

	if (!log_begin(&l, LOG_LEVEL_INFO, "config"))
		return;
	log_str(&l, "file", path);
	for (i = 0; i < config_key_count(); i++) {
		config_key(i, cfg, &k, value, sizeof(value));
		snprintf(name, sizeof(name), "%s.%s", k.section, k.name);
		if (k.numeric)
			log_uint(&l, name, strtoull(value, NULL, 10));
		else
			log_str(&l, name, value);
	}
	log_end(&l);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/*
 * Wait for the requests in flight, up to timeout_s seconds or until a
 * second signal in `sigs` arrives.
 */
static void drain(struct http_server *srv, const sigset_t *sigs,
                  unsigned timeout_s)
{
	const struct timespec tick = {0, 20 * 1000 * 1000};
	uint64_t deadline = now_ms() + (uint64_t)timeout_s * 1000u;
	unsigned n;
	int sig;

	while ((n = http_in_flight(srv)) > 0) {
		if (now_ms() >= deadline) {
			log_msg(LOG_LEVEL_WARN, "drain_timeout",
			        "%u request(s) still in flight after %u s: "
			        "closing them",
			        n, timeout_s);
			return;
		}
		sig = sigtimedwait(sigs, NULL, &tick);
		if (sig > 0) {
			log_msg(LOG_LEVEL_WARN, "drain_interrupted",
			        "second %s: closing %u request(s) in flight",
			        strsignal(sig), n);
			return;
		}
	}
}

static int serve(const struct config *cfg, const char *path)
{
	struct ws_engine *eng = NULL;
	struct http_server *srv = NULL;
	struct log_line l;
	sigset_t sigs;
	char err[512];
	int rc, sig;

	log_setup((enum log_level)cfg->log_level,
	          (enum log_format)cfg->log_format);
	log_config(cfg, path);

	/* Before any thread exists, so every thread inherits the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	if (pthread_sigmask(SIG_BLOCK, &sigs, NULL) ||
	    signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
		log_msg(LOG_LEVEL_ERROR, "start", "cannot set up signals");
		return 1;
	}
	json_object_seed(0);
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		log_msg(LOG_LEVEL_ERROR, "start", "curl_global_init failed");
		return 1;
	}
	rc = engine_load(cfg->cues[0] ? cfg->cues : NULL, &eng, err,
	                 sizeof(err));
	if (rc) {
		log_msg(LOG_LEVEL_ERROR, "engine", "%s", err);
		rc = 1;
		goto cleanup_curl;
	}
	rc = http_start(cfg, eng, &srv, err, sizeof(err));
	if (rc) {
		log_msg(LOG_LEVEL_ERROR, "listen", "%s", err);
		rc = 1;
		goto free_engine;
	}
	http_set_ready(srv, true);
	if (log_begin(&l, LOG_LEVEL_INFO, "listening")) {
		log_str(&l, "address", cfg->bind);
		log_uint(&l, "port", http_port(srv));
		log_uint(&l, "threads", http_threads(srv));
		log_bool(&l, "cpu_pinned", http_cpu_pinned(srv));
		log_uint(&l, "cue_forms", ws_engine_cue_count(eng));
		log_str(&l, "version", WS_VERSION);
		log_end(&l);
	}

	while (sigwait(&sigs, &sig))
		;
	if (log_begin(&l, LOG_LEVEL_INFO, "shutdown")) {
		log_str(&l, "signal", sig == SIGINT ? "SIGINT" : "SIGTERM");
		log_uint(&l, "in_flight", http_in_flight(srv));
		log_uint(&l, "timeout_s", cfg->shutdown_timeout);
		log_end(&l);
	}
	http_quiesce(srv);
	drain(srv, &sigs, cfg->shutdown_timeout);
	http_stop(srv);
	log_msg(LOG_LEVEL_INFO, "stopped", "whosaid stopped");
	rc = 0;
free_engine:
	ws_engine_free(eng);
cleanup_curl:
	curl_global_cleanup();
	return rc;
}

static int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"bind", required_argument, NULL, 'b'},
		{"port", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct config_override ov[2];
	const char *path = NULL, *bind = NULL, *port = NULL;
	struct config cfg;
	char err[1024];
	size_t n = 0;
	int c;

	while ((c = getopt_long(argc, argv, "c:b:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			path = optarg;
			break;
		case 'b':
			bind = optarg;
			break;
		case 'p':
			port = optarg;
			break;
		case 'h':
			usage(stdout);
			usage_config(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "whosaid serve: unexpected argument '%s'\n",
		        argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (bind)
		ov[n++] = (struct config_override){"server", "bind", bind,
		                                   "--bind"};
	if (port)
		ov[n++] = (struct config_override){"server", "port", port,
		                                   "--port"};
	if (config_load(&cfg, path, ov, n, err, sizeof(err))) {
		fprintf(stderr, "whosaid: %s\n", err);
		return 1;
	}
	return serve(&cfg, path);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		usage(stderr);
		return EXIT_USAGE;
	}
	/* Each command sees itself as argv[0], like git's builtins. */
	if (!strcmp(cmd, "serve"))
		return cmd_serve(argc - 1, argv + 1);
	if (!strcmp(cmd, "annotate"))
		return cmd_annotate(argc - 1, argv + 1);
	if (!strcmp(cmd, "fetch"))
		return cmd_fetch(argc - 1, argv + 1);
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version"))
		return cmd_version();
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") ||
	    !strcmp(cmd, "-h")) {
		usage(stdout);
		usage_config(stdout);
		return 0;
	}
	fprintf(stderr, "whosaid: unknown command '%s'\n\n", cmd);
	usage(stderr);
	return EXIT_USAGE;
}
