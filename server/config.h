/*
 * config.h - the daemon's settings and where they come from.
 *
 * Each key is defined once, in the table in config.c, which drives
 * parsing, validation, the environment lookup and `whosaid help`.
 * A value comes from, lowest precedence first:
 *   1. the built-in default,
 *   2. the INI file (`[section]` then `key = value`),
 *   3. the environment variable WHOSAID_<SECTION>_<KEY> (upper case),
 *   4. a command-line override (e.g. --port).
 * Every value from every source is validated with the same rules; an
 * unknown section or key in the file is an error, as is a key given twice.
 * Relative paths in the file are relative to the file's directory;
 * relative paths from the environment or the command line are relative to
 * the working directory.
 *
 * struct config is a plain value: no pointers, nothing to release.
 */
#ifndef WHOSAID_CONFIG_H
#define WHOSAID_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Capacity of path values, terminating NUL included. */
#define CONFIG_PATH_MAX 1024

/* [server] cpu_affinity: see config/whosaid.conf. */
enum config_affinity { CONFIG_AFFINITY_AUTO, CONFIG_AFFINITY_OFF };

struct config {
	/* [server] */
	char bind[48];         /* numeric IPv4 or IPv6 address */
	unsigned port;         /* 0: any free port */
	unsigned threads;      /* 0: one per usable CPU (cpus.h) */
	unsigned cpu_affinity; /* enum config_affinity */
	unsigned connection_limit;
	unsigned per_ip_connection_limit; /* 0: no per-address limit */
	unsigned connection_timeout;      /* seconds idle before closing */
	unsigned shutdown_timeout;        /* seconds to drain on SIGTERM */
	size_t max_body;                  /* bytes */
	size_t max_batch_body;            /* bytes, POST /v1/annotate/batch */
	size_t body_memory;       /* bytes, all request bodies at once */
	unsigned request_timeout; /* seconds to send a whole request */
	size_t connection_memory; /* bytes per connection (MHD pool) */
	/* [engine] */
	char cues[CONFIG_PATH_MAX]; /* "": built-in lexicon only */
	/* [cors] */
	char cors_origins[1024]; /* "", "*" or comma-separated origins */
	unsigned cors_max_age;   /* seconds */
	/* [log] */
	unsigned log_level;  /* enum log_level */
	unsigned log_format; /* enum log_format */
	/* [fetch] (fetch.c) */
	unsigned fetch_allow_private;   /* 0 false, 1 true */
	size_t fetch_max_body;          /* bytes, after decompression */
	unsigned fetch_connect_timeout; /* seconds */
	unsigned fetch_timeout;         /* seconds, the whole transfer */
	unsigned fetch_max_in_flight;   /* fetches at once (serve) */
};

/* A value from the command line, e.g. { "server", "port", "8080", "--port" }. */
struct config_override {
	const char *section;
	const char *key;
	const char *value;
	const char *origin; /* named in error messages */
};

/*
 * config_load - fill *cfg from the defaults, the file at `path` (NULL:
 * no file), the environment and `n` overrides (borrowed).
 * Returns 0, or -EINVAL with a message naming the file and line, the
 * variable or the option, and the key, in err (errlen bytes, at most,
 * NUL-terminated). *cfg is unspecified after an error.
 */
int config_load(struct config *cfg, const char *path,
                const struct config_override *ov, size_t n, char *err,
                size_t errlen);

/* A key as `whosaid help` and the start-up log line describe it. */
struct config_key_info {
	const char *section;
	const char *name;
	const char *def;  /* default, as text */
	const char *help; /* one line */
	bool numeric;     /* the value is a JSON number */
	char env[64];     /* WHOSAID_SECTION_KEY */
	char range[64];   /* "0..65535", "error|warn|info|debug" or "" */
};

/* The number of keys; valid indexes for config_key() are 0..n-1. */
size_t config_key_count(void);

/*
 * config_key - describe key `i` and write its value in `cfg` as text to
 * value (len bytes, truncated and NUL-terminated). Pass cfg NULL to
 * skip the value. The pointers in *info are to static strings.
 */
void config_key(size_t i, const struct config *cfg,
                struct config_key_info *info, char *value, size_t len);

#endif /* WHOSAID_CONFIG_H */
