/*
 * problem.h - RFC 9457 problem details, the one shape of every error the
 * API gives: {"type", "title", "status", "detail"} plus a few integer
 * extension members ("line", "column", "offset", "limit", ...).
 *
 * A struct problem is a plain value, filled where the error is found
 * (input.c, batch.c, http.c) and turned into JSON in one place,
 * problem_json(), for an application/problem+json answer or a batch
 * error line. "type" is PROBLEM_TYPE_BASE and a short stable name
 * ("malformed-json", "body-too-large"): what clients branch on; the
 * names are listed in the README's errors table and docs/openapi.json.
 * "detail" says it in English; the extension members give the numbers.
 */
#ifndef WS_PROBLEM_H
#define WS_PROBLEM_H

#include <jansson.h>

#define PROBLEM_MAX_EXT 3

/* RFC 9457 section 4 suggests tag URIs for types that need not resolve;
 * the fetch module's names (article.h) share it. */
#define PROBLEM_TYPE_BASE "tag:whosaid,2026:"

struct problem {
	unsigned status;  /* an HTTP status; 0: no problem */
	const char *name; /* the type's name, a static string */
	char detail[256];
	unsigned next; /* extension members used */
	struct {
		const char *key; /* static string */
		long long value;
	} ext[PROBLEM_MAX_EXT];
};

/*
 * problem_set - (re)fill p with `status`, the type `name` (a static
 * string of [a-z0-9-], "not-found") and a detail formatted like printf.
 * Bytes that are not UTF-8 (a value cut short by the buffer, text from
 * the request) come out as '?', so the detail is always a valid JSON
 * string. Clears the extension members.
 */
void problem_set(struct problem *p, unsigned status, const char *name,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * problem_add - add the extension member key: value. `key` must be a
 * static string. Past PROBLEM_MAX_EXT members the call does nothing.
 */
void problem_add(struct problem *p, const char *key, long long value);

/* The RFC 9110 reason phrase for a status, "Error" if unknown. Static. */
const char *problem_title(unsigned status);

/*
 * problem_json - the problem as a new JSON object, members in the order
 * type, title, status, detail, extensions. NULL when out of memory. A
 * problem without a name (a bug) gets "error".
 */
json_t *problem_json(const struct problem *p);

#endif /* WS_PROBLEM_H */
