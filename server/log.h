/*
 * log.h - one structured line per event on stderr.
 *
 * A line is built in a fixed buffer on the caller's stack and written
 * with one write(2), so lines from different threads never interleave
 * (up to PIPE_BUF bytes). Fields that do not fit are dropped and the line
 * says "truncated":true; logging never allocates and never fails loudly.
 *
 *   struct log_line l;
 *
 *   if (log_begin(&l, LOG_LEVEL_INFO, "request")) {
 *           log_str(&l, "path", path);
 *           log_uint(&l, "status", 200);
 *           log_end(&l);
 *   }
 *
 * Every line carries "time" (RFC 3339, UTC, microseconds), "level" and
 * "event". Keys are borrowed and must be plain ASCII; values are escaped
 * (invalid UTF-8 becomes U+FFFD).
 */
#ifndef WHOSAID_LOG_H
#define WHOSAID_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum log_level {
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

enum log_format {
	LOG_FORMAT_JSON, /* {"time":...,"level":...,"event":...} */
	LOG_FORMAT_TEXT, /* time level event key=value ... (logfmt) */
};

/* NULL-terminated names, indexed by the enums above (used by config.c). */
extern const char *const log_level_names[];
extern const char *const log_format_names[];

/* Longest line written, newline included. */
#define LOG_LINE_MAX 4096

struct log_line {
	char buf[LOG_LINE_MAX];
	size_t len;
	bool text;      /* LOG_FORMAT_TEXT */
	bool truncated; /* a field did not fit and was dropped */
};

/*
 * log_setup - set the most verbose level written and the format.
 * Call before threads start; until then: info, json.
 */
void log_setup(enum log_level level, enum log_format format);

/* True when lines at `level` are written. */
bool log_enabled(enum log_level level);

/*
 * log_begin - start a line. Returns false (and the line must not be
 * used further) when `level` is not enabled.
 */
bool log_begin(struct log_line *l, enum log_level level, const char *event);

/* Append a field. `val` NULL writes null (json) or nothing (text). */
void log_str(struct log_line *l, const char *key, const char *val);
void log_strn(struct log_line *l, const char *key, const char *val, size_t len);
void log_uint(struct log_line *l, const char *key, unsigned long long val);
void log_bool(struct log_line *l, const char *key, bool val);

/* Finish the line and write it to stderr. */
void log_end(struct log_line *l);

/* A line with one "msg" field formatted like printf. */
void log_msg(enum log_level level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* WHOSAID_LOG_H */
