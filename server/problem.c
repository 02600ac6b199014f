/*
 * problem.c - RFC 9457 problem details (see problem.h).
 */
#include "problem.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* RFC 9110 section 15 phrases for every status the server gives. */
static const struct {
	unsigned status;
	const char *title;
} titles[] = {
	{400, "Bad Request"},
	{404, "Not Found"},
	{405, "Method Not Allowed"},
	{408, "Request Timeout"},
	{411, "Length Required"},
	{413, "Content Too Large"},
	{414, "URI Too Long"},
	{415, "Unsupported Media Type"},
	{422, "Unprocessable Content"},
	{431, "Request Header Fields Too Large"},
	{500, "Internal Server Error"},
	{501, "Not Implemented"},
	{502, "Bad Gateway"},
	{503, "Service Unavailable"},
	{504, "Gateway Timeout"},
};

const char *problem_title(unsigned status)
{
	size_t i;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (titles[i].status == status)
			return titles[i].title;
	return "Error";
}

/*
 * Length of the well-formed UTF-8 sequence at s (n bytes left), or 0
 * (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
 */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	len = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
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

/* Replace every byte that does not start a UTF-8 sequence with '?'. */
static void scrub_utf8(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t n = strlen(s), i = 0, k;

	while (i < n) {
		k = utf8_seq(p + i, n - i);
		if (!k) {
			p[i++] = '?';
			continue;
		}
		i += k;
	}
}

void problem_set(struct problem *p, unsigned status, const char *name,
                 const char *fmt, ...)
{
	va_list ap;

	p->status = status;
	p->name = name;
	p->next = 0;
	va_start(ap, fmt);
	vsnprintf(p->detail, sizeof(p->detail), fmt, ap);
	va_end(ap);
	scrub_utf8(p->detail);
}

void problem_add(struct problem *p, const char *key, long long value)
{
	if (p->next >= PROBLEM_MAX_EXT)
		return;
	p->ext[p->next].key = key;
	p->ext[p->next].value = value;
	p->next++;
}

json_t *problem_json(const struct problem *p)
{
	json_t *o = json_object();
	char type[64];
	bool failed = false;
	unsigned i;

	snprintf(type, sizeof(type), "%s%s", PROBLEM_TYPE_BASE,
	         p->name ? p->name : "error");
	failed |= json_object_set_new_nocheck(o, "type",
	                                      json_string_nocheck(type));
	failed |= json_object_set_new_nocheck(
		o, "title", json_string_nocheck(problem_title(p->status)));
	failed |= json_object_set_new_nocheck(o, "status",
	                                      json_integer(p->status));
	failed |= json_object_set_new_nocheck(o, "detail",
	                                      json_string(p->detail));
	for (i = 0; i < p->next && i < PROBLEM_MAX_EXT; i++)
		failed |= json_object_set_new_nocheck(
			o, p->ext[i].key, json_integer(p->ext[i].value));
	if (failed) {
		json_decref(o);
		return NULL;
	}
	return o;
}
