/*
 * log.c - structured log lines on stderr.
 *
 * Lines are formatted on the caller's stack and written with a single
 * write(2): no lock, no allocation, and lines from pool threads do not
 * interleave. The level and format are set once before threads start.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

const char *const log_level_names[] = {"error", "warn", "info", "debug", NULL};
const char *const log_format_names[] = {"json", "text", NULL};

static enum log_level max_level = LOG_LEVEL_INFO;
static enum log_format out_format = LOG_FORMAT_JSON;

/* Room always kept free for the closing `,"truncated":true}` and '\n'. */
#define LOG_RESERVE 32
#define LOG_LIMIT   (LOG_LINE_MAX - LOG_RESERVE)

void log_setup(enum log_level level, enum log_format format)
{
	max_level = level;
	out_format = format;
}

bool log_enabled(enum log_level level)
{
	return level <= max_level;
}

static bool put(struct log_line *l, const char *s, size_t n)
{
	if (n > LOG_LIMIT - l->len)
		return false;
	memcpy(l->buf + l->len, s, n);
	l->len += n;
	return true;
}

static bool put_str(struct log_line *l, const char *s)
{
	return put(l, s, strlen(s));
}

/*
 * Length of the well-formed UTF-8 sequence at s (n bytes left), or 0.
 * RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF.
 */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	if (s[0] < 0xE0) {
		len = 2;
	} else if (s[0] < 0xF0) {
		len = 3;
		if (s[0] == 0xE0)
			lo = 0xA0;
		else if (s[0] == 0xED)
			hi = 0x9F;
	} else {
		len = 4;
		if (s[0] == 0xF0)
			lo = 0x90;
		else if (s[0] == 0xF4)
			hi = 0x8F;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return len;
}

/* JSON string escaping; invalid UTF-8 bytes become U+FFFD. */
static bool put_escaped(struct log_line *l, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		char esc[8];
		size_t run = i, k;

		/* Copy the longest run that needs no escaping at once. */
		while (run < n && p[run] >= 0x20 && p[run] < 0x80 &&
		       p[run] != '"' && p[run] != '\\')
			run++;
		if (run > i && !put(l, s + i, run - i))
			return false;
		i = run;
		if (i == n)
			break;
		if (p[i] >= 0x80) {
			k = utf8_len(p + i, n - i);
			if (k == 0) {
				if (!put(l, "\xEF\xBF\xBD", 3))
					return false;
				i++;
			} else {
				if (!put(l, s + i, k))
					return false;
				i += k;
			}
			continue;
		}
		switch (p[i]) {
		case '"':
			k = (size_t)snprintf(esc, sizeof(esc), "\\\"");
			break;
		case '\\':
			k = (size_t)snprintf(esc, sizeof(esc), "\\\\");
			break;
		case '\n':
			k = (size_t)snprintf(esc, sizeof(esc), "\\n");
			break;
		case '\t':
			k = (size_t)snprintf(esc, sizeof(esc), "\\t");
			break;
		default:
			k = (size_t)snprintf(esc, sizeof(esc), "\\u%04x", p[i]);
			break;
		}
		if (!put(l, esc, k))
			return false;
		i++;
	}
	return true;
}

/* logfmt quotes a value only when it needs to be. */
static bool text_needs_quotes(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return true;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c >= 0x7F)
			return true;
	}
	return false;
}

static bool put_value(struct log_line *l, const char *s, size_t n)
{
	if (l->text && !text_needs_quotes(s, n))
		return put(l, s, n);
	return put(l, "\"", 1) && put_escaped(l, s, n) && put(l, "\"", 1);
}

/* The separator and key of a field: ,"key": or ` key=`. */
static bool put_key(struct log_line *l, const char *key)
{
	if (l->text)
		return put(l, " ", 1) && put_str(l, key) && put(l, "=", 1);
	return put(l, ",\"", 2) && put_str(l, key) && put(l, "\":", 2);
}

static void field_done(struct log_line *l, size_t start, bool ok)
{
	if (!ok) {
		l->len = start;
		l->truncated = true;
	}
}

/* Write v as `width` decimal digits, zeros in front, ending at end. */
static void put_digits(char *end, unsigned long v, unsigned width)
{
	while (width--) {
		*--end = (char)('0' + v % 10);
		v /= 10;
	}
}

/*
 * "YYYY-MM-DDTHH:MM:SS.uuuuuuZ" for now, in `when` (at least 40 bytes);
 * returns its length. The part to the second is kept per thread and
 * made again only when the second changes: gmtime_r() and strftime()
 * were a good part of a request line's cost.
 */
static size_t format_now(char *when)
{
	static _Thread_local time_t sec = (time_t)-1;
	static _Thread_local char date[32];
	static _Thread_local size_t ndate;
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != sec) {
		gmtime_r(&ts.tv_sec, &tm);
		ndate = strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		sec = ts.tv_sec;
	}
	memcpy(when, date, ndate);
	when[ndate] = '.';
	put_digits(when + ndate + 7, (unsigned long)(ts.tv_nsec / 1000), 6);
	when[ndate + 7] = 'Z';
	when[ndate + 8] = '\0';
	return ndate + 8;
}

bool log_begin(struct log_line *l, enum log_level level, const char *event)
{
	char when[40];

	if (!log_enabled(level))
		return false;
	l->len = 0;
	l->truncated = false;
	l->text = out_format == LOG_FORMAT_TEXT;
	format_now(when);
	if (l->text) {
		put_str(l, when);
		put(l, " ", 1);
		put_str(l, log_level_names[level]);
		put(l, " ", 1);
		put_value(l, event, strlen(event));
		return true;
	}
	put_str(l, "{\"time\":\"");
	put_str(l, when);
	put_str(l, "\",\"level\":\"");
	put_str(l, log_level_names[level]);
	put_str(l, "\",\"event\":");
	put_value(l, event, strlen(event));
	return true;
}

void log_strn(struct log_line *l, const char *key, const char *val, size_t len)
{
	size_t start = l->len;
	bool ok;

	if (!val) {
		if (l->text)
			return;
		ok = put_key(l, key) && put(l, "null", 4);
	} else {
		ok = put_key(l, key) && put_value(l, val, len);
	}
	field_done(l, start, ok);
}

void log_str(struct log_line *l, const char *key, const char *val)
{
	log_strn(l, key, val, val ? strlen(val) : 0);
}

void log_uint(struct log_line *l, const char *key, unsigned long long val)
{
	size_t start = l->len;
	char num[24];
	size_t n = sizeof(num);

	/* As "%llu" prints it, without a pass through vfprintf. */
	do {
		num[--n] = (char)('0' + val % 10);
		val /= 10;
	} while (val);
	field_done(l, start,
	           put_key(l, key) && put(l, num + n, sizeof(num) - n));
}

void log_bool(struct log_line *l, const char *key, bool val)
{
	size_t start = l->len;

	field_done(l, start,
	           put_key(l, key) && put_str(l, val ? "true" : "false"));
}

void log_end(struct log_line *l)
{
	size_t off = 0;

	/* LOG_RESERVE keeps room for this tail even when the line is full. */
	if (l->truncated) {
		const char *t = l->text ? " truncated=true"
		                        : ",\"truncated\":true";

		memcpy(l->buf + l->len, t, strlen(t));
		l->len += strlen(t);
	}
	if (!l->text)
		l->buf[l->len++] = '}';
	l->buf[l->len++] = '\n';
	while (off < l->len) {
		ssize_t w = write(STDERR_FILENO, l->buf + off, l->len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break; /* nowhere else to report it */
		off += (size_t)w;
	}
}

void log_msg(enum log_level level, const char *event, const char *fmt, ...)
{
	struct log_line l;
	char msg[1024];
	va_list ap;

	if (!log_begin(&l, level, event))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_str(&l, "msg", msg);
	log_end(&l);
}
