/*
 * config.c - defaults < INI file < environment < command line.
 *
 * The key table below is the only place a key is defined: its type and
 * bounds validate every source, its default is parsed by the same code as
 * any other value, and `whosaid help` and the start-up log read it too.
 * libinih does the INI syntax; this file adds line numbers (inih built
 * without INI_HANDLER_LINENO does not pass them), so a reader counts the
 * lines it hands to the parser.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config.h"
#include "log.h"

enum key_type {
	KEY_UINT,    /* unsigned, decimal digits only, min..max */
	KEY_SIZE,    /* size_t, decimal digits only, min..max */
	KEY_ADDR,    /* numeric IPv4 or IPv6 address */
	KEY_PATH,    /* file path; "" allowed; relative to the INI file */
	KEY_CHOICE,  /* one of `choices`, stored as its index (unsigned) */
	KEY_ORIGINS, /* "" or "*" or http(s)://host[:port], comma-separated */
};

struct key {
	const char *section;
	const char *name;
	enum key_type type;
	unsigned long long min, max; /* numbers only */
	const char *const *choices;  /* KEY_CHOICE only */
	const char *def;
	size_t offset, size;
	const char *help;
};

/* Booleans are a choice stored as its index: false 0, true 1. */
static const char *const bool_names[] = {"false", "true", NULL};
/* In the order of enum config_affinity. */
static const char *const affinity_names[] = {"auto", "off", NULL};

#define FIELD(m) offsetof(struct config, m), sizeof(((struct config *)0)->m)

/* Keep config/whosaid.conf and README.md in step with this table. */
static const struct key keys[] = {
	{"server", "bind", KEY_ADDR, 0, 0, NULL, "127.0.0.1", FIELD(bind),
         "address to listen on: numeric IPv4 or IPv6, 0.0.0.0 or :: for all"},
	{"server", "port", KEY_UINT, 0, 65535, NULL, "8080", FIELD(port),
         "TCP port; 0 picks a free one (logged as event \"listening\")"},
	{"server", "threads", KEY_UINT, 0, 256, NULL, "0", FIELD(threads),
         "request threads; 0 means one per usable CPU"},
	{"server", "cpu_affinity", KEY_CHOICE, 0, 0, affinity_names, "auto",
         FIELD(cpu_affinity),
         "auto: with a request thread for each CPU of the affinity mask, "
         "keep each on its CPU and give a connection to the one on the CPU "
         "its first bytes arrive on, within a margin of balance; off: never"},
	{"server", "connection_limit", KEY_UINT, 1, 65536, NULL, "1024",
         FIELD(connection_limit), "most connections open at once"},
	{"server", "per_ip_connection_limit", KEY_UINT, 0, 65536, NULL, "256",
         FIELD(per_ip_connection_limit),
         "most connections from one client address; 0 means no limit"},
	{"server", "connection_timeout", KEY_UINT, 1, 3600, NULL, "30",
         FIELD(connection_timeout),
         "seconds a connection may stay idle before it is closed"},
	{"server", "shutdown_timeout", KEY_UINT, 0, 3600, NULL, "10",
         FIELD(shutdown_timeout),
         "seconds requests in flight get to finish after SIGTERM"},
	{"server", "max_body", KEY_SIZE, 1, 1073741824, NULL, "2097152",
         FIELD(max_body), "largest request body accepted, in bytes"},
	{"server", "max_batch_body", KEY_SIZE, 1, 1073741824, NULL, "67108864",
         FIELD(max_batch_body),
         "largest POST /v1/annotate/batch body, in bytes"},
	{"server", "body_memory", KEY_SIZE, 1, 68719476736, NULL, "268435456",
         FIELD(body_memory),
         "bytes all request bodies held at once may take; past it 503"},
	{"server", "request_timeout", KEY_UINT, 1, 3600, NULL, "60",
         FIELD(request_timeout),
         "seconds a client gets to send a whole request; past it 408"},
	{"server", "connection_memory", KEY_SIZE, 4096, 1048576, NULL, "32768",
         FIELD(connection_memory),
         "bytes per connection for the request line, headers and reads"},
	{"engine", "cues", KEY_PATH, 0, 0, NULL, "", FIELD(cues),
         "cue lexicon file added to the built-in one; empty: built-in only"},
	{"log", "level", KEY_CHOICE, 0, 0, log_level_names, "info",
         FIELD(log_level), "most verbose level written to stderr"},
	{"log", "format", KEY_CHOICE, 0, 0, log_format_names, "json",
         FIELD(log_format), "json lines, or text (logfmt) for people"},
	{"cors", "origins", KEY_ORIGINS, 0, 0, NULL, "", FIELD(cors_origins),
         "origins allowed to call the API from a browser, comma-separated, "
         "or *"},
	{"cors", "max_age", KEY_UINT, 0, 86400, NULL, "600",
         FIELD(cors_max_age), "seconds a browser may cache a preflight"},
	{"fetch", "allow_private", KEY_CHOICE, 0, 0, bool_names, "false",
         FIELD(fetch_allow_private),
         "fetch from loopback, private, link-local and reserved addresses"},
	{"fetch", "max_body", KEY_SIZE, 1024, 1073741824, NULL, "5242880",
         FIELD(fetch_max_body),
         "largest page fetched, in bytes after decompression"},
	{"fetch", "connect_timeout", KEY_UINT, 1, 300, NULL, "5",
         FIELD(fetch_connect_timeout),
         "seconds to resolve and connect, per connection"},
	{"fetch", "timeout", KEY_UINT, 1, 3600, NULL, "20",
         FIELD(fetch_timeout), "seconds for a whole fetch, redirects included"},
	{"fetch", "max_in_flight", KEY_UINT, 1, 4096, NULL, "64",
         FIELD(fetch_max_in_flight),
         "fetches in flight at once; past it requests get 503"},
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* Where a value came from, for error messages and relative paths. */
struct origin {
	const char *what; /* "f.conf:3", "environment WHOSAID_X_Y", "--port" */
	const char *dir;  /* directory of the INI file, or NULL */
};

static void fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static const struct key *find_key(const char *section, const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].section, section) &&
		    !strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

static bool known_section(const char *section)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].section, section))
			return true;
	return false;
}

/* Decimal digits only: no sign, no spaces, no base prefix. */
static int parse_number(const char *s, unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (v > (ULLONG_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

static void format_range(const struct key *k, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	if (k->type == KEY_UINT || k->type == KEY_SIZE) {
		snprintf(buf, len, "%llu..%llu", k->min, k->max);
		return;
	}
	if (k->type != KEY_CHOICE)
		return;
	for (i = 0; k->choices[i] && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? "|" : "",
		                      k->choices[i]);
}

/*
 * One CORS origin as a browser sends it: "*" alone, or http:// or
 * https:// and a host (letters, digits, '-', '.', or [IPv6]) with an
 * optional :port, nothing after. Returns the reason it is not, or NULL.
 */
static const char *origin_invalid(const char *s, size_t n)
{
	size_t i, host;

	if (n == 1 && s[0] == '*')
		return NULL;
	if (n > 7 && !strncmp(s, "http://", 7))
		host = 7;
	else if (n > 8 && !strncmp(s, "https://", 8))
		host = 8;
	else
		return "does not start with http:// or https://";
	i = host;
	if (s[i] == '[') {
		size_t start = ++i;

		while (i < n && (isxdigit((unsigned char)s[i]) || s[i] == ':' ||
		                 s[i] == '.'))
			i++;
		if (i == start || i == n || s[i] != ']')
			return "has a bad IPv6 host";
		i++;
	} else {
		while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-' ||
		                 s[i] == '.'))
			i++;
		if (i == host)
			return "has no host";
	}
	if (i < n && s[i] == ':') {
		size_t digits = ++i;

		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		if (i == digits || i - digits > 5)
			return "has a bad port";
	}
	if (i != n)
		return "has a path, a query or a bad character after the host";
	return NULL;
}

/*
 * A comma- (and space-) separated list of origins: each is valid and a
 * "*" stands alone. On error, a message prefixed with `what` in err.
 */
static int check_origins(const char *val, const struct key *k, const char *what,
                         char *err, size_t errlen)
{
	const char *p = val, *why;
	size_t n, count = 0;
	bool star = false;

	for (;;) {
		p += strspn(p, ", \t");
		if (!*p)
			break;
		n = strcspn(p, ", \t");
		why = origin_invalid(p, n);
		if (why) {
			fail(err, errlen, "%s: [%s] %s: origin '%.*s' %s", what,
			     k->section, k->name, (int)(n > 80 ? 80 : n), p,
			     why);
			return -EINVAL;
		}
		star = star || (n == 1 && *p == '*');
		count++;
		p += n;
	}
	if (star && count > 1) {
		fail(err, errlen,
		     "%s: [%s] %s: '*' cannot be listed with others", what,
		     k->section, k->name);
		return -EINVAL;
	}
	return 0;
}

/*
 * Store `val` in the field of key k. On error returns -EINVAL and says
 * why in err, prefixed with where the value came from and the key.
 */
static int set_value(struct config *cfg, const struct key *k, const char *val,
                     const struct origin *from, char *err, size_t errlen)
{
	char *field = (char *)cfg + k->offset;
	unsigned long long num = 0;
	unsigned char addr[sizeof(struct in6_addr)];
	char range[64];
	size_t i, len = strlen(val);
	int rc;

	format_range(k, range, sizeof(range));
	switch (k->type) {
	case KEY_UINT:
	case KEY_SIZE:
		rc = parse_number(val, &num);
		if (rc == -EINVAL) {
			fail(err, errlen,
			     "%s: [%s] %s: '%.64s' is not a number (%s)",
			     from->what, k->section, k->name, val, range);
			return -EINVAL;
		}
		if (rc || num < k->min || num > k->max) {
			fail(err, errlen,
			     "%s: [%s] %s: %.64s is out of range %s",
			     from->what, k->section, k->name, val, range);
			return -EINVAL;
		}
		if (k->type == KEY_UINT) {
			unsigned u = (unsigned)num;

			memcpy(field, &u, sizeof(u));
		} else {
			size_t z = (size_t)num;

			memcpy(field, &z, sizeof(z));
		}
		return 0;
	case KEY_ADDR:
		if (len >= k->size || (inet_pton(AF_INET, val, addr) != 1 &&
		                       inet_pton(AF_INET6, val, addr) != 1)) {
			fail(err, errlen,
			     "%s: [%s] %s: '%.64s' is not a numeric IPv4 or IPv6 "
			     "address",
			     from->what, k->section, k->name, val);
			return -EINVAL;
		}
		memcpy(field, val, len + 1);
		return 0;
	case KEY_PATH:
		if (len && val[0] != '/' && from->dir) {
			rc = snprintf(field, k->size, "%s/%s", from->dir, val);
			len = rc < 0 ? k->size : (size_t)rc;
		} else if (len < k->size) {
			memcpy(field, val, len + 1);
		}
		if (len >= k->size) {
			fail(err, errlen,
			     "%s: [%s] %s: path longer than %zu bytes",
			     from->what, k->section, k->name, k->size - 1);
			return -EINVAL;
		}
		return 0;
	case KEY_CHOICE:
		for (i = 0; k->choices[i]; i++) {
			if (!strcmp(k->choices[i], val)) {
				unsigned u = (unsigned)i;

				memcpy(field, &u, sizeof(u));
				return 0;
			}
		}
		fail(err, errlen, "%s: [%s] %s: '%.64s' is not one of %s",
		     from->what, k->section, k->name, val, range);
		return -EINVAL;
	case KEY_ORIGINS:
		if (len >= k->size) {
			fail(err, errlen, "%s: [%s] %s: longer than %zu bytes",
			     from->what, k->section, k->name, k->size - 1);
			return -EINVAL;
		}
		if (check_origins(val, k, from->what, err, errlen))
			return -EINVAL;
		memcpy(field, val, len + 1);
		return 0;
	}
	return -EINVAL;
}

static void env_name(const struct key *k, char *buf, size_t len)
{
	size_t i;

	snprintf(buf, len, "WHOSAID_%s_%s", k->section, k->name);
	for (i = 0; buf[i]; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
}

/* State shared by the line reader and the key handler of one file. */
struct ini_ctx {
	struct config *cfg;
	FILE *f;
	const char *path;
	char dir[CONFIG_PATH_MAX];
	unsigned line;        /* lines handed to inih so far */
	unsigned seen[NKEYS]; /* line a key was set on, 0: not yet */
	int read_errno;       /* fgets failed with this */
	int rc;               /* first error, with its message in err */
	unsigned err_line;
	char *err;
	size_t errlen;
};

static void ctx_fail(struct ini_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void ctx_fail(struct ini_ctx *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (c->rc)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->rc = -EINVAL;
	c->err_line = c->line;
	fail(c->err, c->errlen, "%s:%u: %s", c->path, c->line, msg);
}

/* fgets for inih that counts lines and refuses to split long ones. */
static char *read_line(char *str, int num, void *stream)
{
	struct ini_ctx *c = stream;
	int ch;

	if (!fgets(str, num, c->f)) {
		if (ferror(c->f))
			c->read_errno = errno ? errno : EIO;
		return NULL;
	}
	c->line++;
	if (!strchr(str, '\n') && !feof(c->f)) {
		ctx_fail(c, "line longer than %d bytes", num - 3);
		while ((ch = fgetc(c->f)) != EOF && ch != '\n')
			;
	}
	return str;
}

static int on_key(void *user, const char *section, const char *name,
                  const char *value)
{
	struct ini_ctx *c = user;
	const struct key *k = find_key(section, name);
	struct origin from = {NULL, c->dir[0] ? c->dir : NULL};
	char where[CONFIG_PATH_MAX + 32];
	size_t i;

	if (c->rc)
		return 0;
	if (!k) {
		if (!section[0])
			ctx_fail(c, "key '%s' is outside any [section]", name);
		else if (!known_section(section))
			ctx_fail(c, "unknown section [%s] (key '%s')", section,
			         name);
		else
			ctx_fail(c, "unknown key '%s' in [%s]", name, section);
		return 0;
	}
	i = (size_t)(k - keys);
	if (c->seen[i]) {
		ctx_fail(c, "[%s] %s is set twice (first on line %u)", section,
		         name, c->seen[i]);
		return 0;
	}
	c->seen[i] = c->line;
	snprintf(where, sizeof(where), "%s:%u", c->path, c->line);
	from.what = where;
	if (set_value(c->cfg, k, value, &from, c->err, c->errlen)) {
		c->rc = -EINVAL;
		c->err_line = c->line;
		return 0;
	}
	return 1;
}

static int load_file(struct config *cfg, const char *path, char *err,
                     size_t errlen)
{
	struct ini_ctx *c;
	const char *slash;
	int rc, line;

	/* Large (the seen table, the directory): keep it off the stack. */
	c = calloc(1, sizeof(*c));
	if (!c) {
		fail(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	c->cfg = cfg;
	c->path = path;
	c->err = err;
	c->errlen = errlen;
	slash = strrchr(path, '/');
	if (slash && (size_t)(slash - path) < sizeof(c->dir))
		memcpy(c->dir, path, (size_t)(slash - path) + (slash == path));
	c->f = fopen(path, "r");
	if (!c->f) {
		rc = -errno;
		fail(err, errlen, "%s: cannot read the configuration file: %s",
		     path, strerror(-rc));
		goto free_ctx;
	}
	line = ini_parse_stream(read_line, c, on_key, c);
	if (c->read_errno) {
		fail(err, errlen, "%s: cannot read the configuration file: %s",
		     path, strerror(c->read_errno));
		rc = -c->read_errno;
	} else if (line > 0 && (!c->rc || (unsigned)line < c->err_line)) {
		fail(err, errlen,
		     "%s:%d: syntax error (expected [section] or key = value)",
		     path, line);
		rc = -EINVAL;
	} else if (line < 0 && !c->rc) {
		fail(err, errlen, "%s: out of memory", path);
		rc = -ENOMEM;
	} else {
		rc = c->rc;
	}
	fclose(c->f);
free_ctx:
	free(c);
	return rc;
}

/* Rules between keys, checked once every source has been applied. */
static int check_limits(const struct config *cfg, const char *path, char *err,
                        size_t errlen)
{
	size_t need = cfg->max_body > cfg->max_batch_body ? cfg->max_body
	                                                  : cfg->max_batch_body;

	if (cfg->body_memory < need) {
		fail(err, errlen,
		     "%s: [server] body_memory (%zu) is less than max_body or "
		     "max_batch_body (%zu): such a body could never be taken",
		     path ? path : "configuration", cfg->body_memory, need);
		return -EINVAL;
	}
	return 0;
}

int config_load(struct config *cfg, const char *path,
                const struct config_override *ov, size_t n, char *err,
                size_t errlen)
{
	struct origin from = {"default", NULL};
	char env[64], what[96];
	const struct key *k;
	const char *val;
	size_t i;
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	if (errlen)
		err[0] = '\0';
	for (i = 0; i < NKEYS; i++) {
		rc = set_value(cfg, &keys[i], keys[i].def, &from, err, errlen);
		if (rc)
			return rc;
	}
	if (path) {
		rc = load_file(cfg, path, err, errlen);
		if (rc)
			return rc;
	}
	from.what = what;
	for (i = 0; i < NKEYS; i++) {
		env_name(&keys[i], env, sizeof(env));
		val = getenv(env);
		if (!val)
			continue;
		snprintf(what, sizeof(what), "environment %s", env);
		rc = set_value(cfg, &keys[i], val, &from, err, errlen);
		if (rc)
			return rc;
	}
	for (i = 0; i < n; i++) {
		k = find_key(ov[i].section, ov[i].key);
		if (!k) {
			fail(err, errlen, "%s: no key [%s] %s", ov[i].origin,
			     ov[i].section, ov[i].key);
			return -EINVAL;
		}
		from.what = ov[i].origin;
		rc = set_value(cfg, k, ov[i].value, &from, err, errlen);
		if (rc)
			return rc;
	}
	return check_limits(cfg, path, err, errlen);
}

size_t config_key_count(void)
{
	return NKEYS;
}

void config_key(size_t i, const struct config *cfg,
                struct config_key_info *info, char *value, size_t len)
{
	const struct key *k = &keys[i];
	const char *field;
	unsigned u;
	size_t z;

	info->section = k->section;
	info->name = k->name;
	info->def = k->def;
	info->help = k->help;
	info->numeric = k->type == KEY_UINT || k->type == KEY_SIZE;
	env_name(k, info->env, sizeof(info->env));
	format_range(k, info->range, sizeof(info->range));
	if (!cfg || !len)
		return;
	field = (const char *)cfg + k->offset;
	switch (k->type) {
	case KEY_UINT:
		memcpy(&u, field, sizeof(u));
		snprintf(value, len, "%u", u);
		break;
	case KEY_SIZE:
		memcpy(&z, field, sizeof(z));
		snprintf(value, len, "%zu", z);
		break;
	case KEY_ADDR:
	case KEY_PATH:
	case KEY_ORIGINS:
		snprintf(value, len, "%s", field);
		break;
	case KEY_CHOICE:
		memcpy(&u, field, sizeof(u));
		snprintf(value, len, "%s", k->choices[u]);
		break;
	}
}
