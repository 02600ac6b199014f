/*
 * http.c - libmicrohttpd glue: the daemon, the routing table, the
 * per-request state machine and the JSON responses.
 *
 * A request's life, all on one pool thread:
 *   on_uri()       request line read: allocate struct request, count it
 *                  in flight (so a drain on SIGTERM waits for it);
 *   on_request()   1st call, headers read: route it; answer nothing yet,
 *                  since a response queued on the first call makes MHD
 *                  0.9.75 close the connection (unless refusing a body);
 *                  calls with upload data: append to the capped body;
 *                  last call: run the route's handler, queue the answer;
 *   on_completed() log the request, free it, count it out.
 * A new route is one line in `routes`; a handler answers with one of the
 * reply_* helpers, which take ownership of what they are given.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>

#include "config.h"
#include "http.h"
#include "log.h"
#include "whosaid.h"

/* Set by server/meson.build. */
#ifndef WS_BUILD_COMPILER
#define WS_BUILD_COMPILER "unknown"
#endif
#ifndef WS_BUILD_TYPE
#define WS_BUILD_TYPE "unknown"
#endif
#ifndef WS_BUILD_SANITIZE
#define WS_BUILD_SANITIZE "unknown"
#endif

#define JSON_TYPE    "application/json"
#define PROBLEM_TYPE "application/problem+json"

/* Methods as bits, so a route lists what it allows in one mask. */
enum {
	M_GET = 1u << 0,
	M_HEAD = 1u << 1,
	M_POST = 1u << 2,
	M_PUT = 1u << 3,
	M_DELETE = 1u << 4,
	M_PATCH = 1u << 5,
	M_OPTIONS = 1u << 6,
};

static const struct {
	const char *name;
	unsigned bit;
} methods[] = {
	{"GET", M_GET},         {"HEAD", M_HEAD},     {"POST", M_POST},
	{"PUT", M_PUT},         {"DELETE", M_DELETE}, {"PATCH", M_PATCH},
	{"OPTIONS", M_OPTIONS},
};

struct http_server {
	struct MHD_Daemon *daemon;
	const struct ws_engine *engine;
	size_t max_body;
	unsigned port;
	MHD_socket quiesced_fd; /* closed only after MHD_stop_daemon */
	atomic_bool ready;
	atomic_bool draining;
	atomic_uint in_flight;
};

/*
 * A request body: grows by doubling up to a hard cap fixed at birth;
 * errors are sticky, so the caller appends freely and checks once.
 */
struct body {
	char *data;
	size_t len, cap, max;
	bool too_big; /* more than max bytes were offered */
	bool nomem;
};

struct request {
	struct http_server *srv;
	struct MHD_Connection *conn;
	const struct route *route; /* NULL: no route has this path */
	uint64_t start_us;
	unsigned method;  /* M_* bit, 0: a method we do not know */
	bool routed;      /* the first access call has been made */
	unsigned status;  /* the status queued, 0: none yet */
	size_t sent;      /* body bytes queued */
	struct body body; /* stored for routes with `body` only */
	size_t body_seen; /* bytes received, stored or not */
	char method_name[16];
	char path[256]; /* as received, no query, non-ASCII as '?' */
	char client[INET6_ADDRSTRLEN];
};

struct route {
	const char *path;
	unsigned methods; /* M_* mask; M_GET implies M_HEAD */
	bool body;        /* keep the request body in req->body */
	int (*handle)(struct request *req);
};

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ---- bodies ------------------------------------------------------------ */

static void body_init(struct body *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

static void body_append(struct body *b, const char *data, size_t len)
{
	size_t cap;
	char *p;

	if (b->too_big || b->nomem)
		return;
	if (len > b->max - b->len) {
		b->too_big = true;
		return;
	}
	if (len > b->cap - b->len) {
		cap = b->cap ? b->cap : 4096;
		while (cap < b->len + len)
			cap = cap > b->max / 2 ? b->max : cap * 2;
		p = realloc(b->data, cap);
		if (!p) {
			b->nomem = true;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

static void body_release(struct body *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* ---- responses --------------------------------------------------------- */

/*
 * Queue `len` bytes of `data` (heap, ownership taken, freed even on
 * failure) as the answer. `allow` is the Allow header or NULL.
 */
static int reply(struct request *req, unsigned status, const char *type,
                 char *data, size_t len, const char *allow)
{
	struct MHD_Response *resp;
	enum MHD_Result ok;

	resp = MHD_create_response_from_buffer_with_free_callback(len, data,
	                                                          free);
	if (!resp) {
		free(data);
		return -ENOMEM;
	}
	if (MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type) !=
	            MHD_YES ||
	    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	                            "no-store") != MHD_YES ||
	    MHD_add_response_header(resp, "X-Content-Type-Options",
	                            "nosniff") != MHD_YES ||
	    (allow && MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW,
	                                      allow) != MHD_YES) ||
	    /* Draining: make keep-alive clients go, so the drain can end. */
	    (atomic_load(&req->srv->draining) &&
	     MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION,
	                             "close") != MHD_YES)) {
		MHD_destroy_response(resp);
		return -ENOMEM;
	}
	ok = MHD_queue_response(req->conn, status, resp);
	MHD_destroy_response(resp);
	if (ok != MHD_YES)
		return -EIO;
	req->status = status;
	req->sent = len;
	return 0;
}

/* Answer with `obj` as JSON; the reference is taken (NULL: -ENOMEM). */
static int reply_json(struct request *req, unsigned status, const char *type,
                      json_t *obj, const char *allow)
{
	char *text;

	if (!obj)
		return -ENOMEM;
	text = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	if (!text)
		return -ENOMEM;
	return reply(req, status, type, text, strlen(text), allow);
}

/* An RFC 9457 problem document: {type, title, status, detail}. */
static int reply_problem(struct request *req, unsigned status,
                         const char *allow, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int reply_problem(struct request *req, unsigned status,
                         const char *allow, const char *fmt, ...)
{
	char detail[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return reply_json(req, status, PROBLEM_TYPE,
	                  json_pack("{s:s, s:s, s:I, s:s}", "type",
	                            "about:blank", "title",
	                            MHD_get_reason_phrase_for(status), "status",
	                            (json_int_t)status, "detail", detail),
	                  allow);
}

/* ---- routes ------------------------------------------------------------ */

static int handle_healthz(struct request *req)
{
	return reply_json(req, MHD_HTTP_OK, JSON_TYPE,
	                  json_pack("{s:s}", "status", "ok"), NULL);
}

static int handle_readyz(struct request *req)
{
	struct http_server *srv = req->srv;
	json_int_t forms = (json_int_t)ws_engine_cue_count(srv->engine);
	const char *why;

	if (!atomic_load(&srv->ready)) {
		why = atomic_load(&srv->draining) ? "shutting down"
		                                  : "starting up";
		return reply_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE, NULL,
		                     "%s", why);
	}
	return reply_json(req, MHD_HTTP_OK, JSON_TYPE,
	                  json_pack("{s:s, s:I}", "status", "ready",
	                            "cue_forms", forms),
	                  NULL);
}

static int handle_version(struct request *req)
{
	json_t *build, *body;

	build = json_pack("{s:s, s:s, s:s, s:s}", "compiler", WS_BUILD_COMPILER,
	                  "type", WS_BUILD_TYPE, "sanitize", WS_BUILD_SANITIZE,
	                  "date", __DATE__ " " __TIME__);
	/* "o" takes the reference to build, even when packing fails. */
	body = json_pack("{s:s, s:s, s:s, s:o}", "name", "whosaid", "version",
	                 WS_VERSION, "rules", ws_rules_version(), "build",
	                 build);
	return reply_json(req, MHD_HTTP_OK, JSON_TYPE, body, NULL);
}

static const struct route routes[] = {
	{"/healthz", M_GET, false, handle_healthz},
	{"/readyz", M_GET, false, handle_readyz},
	{"/version", M_GET, false, handle_version},
};

static const struct route *find_route(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (!strcmp(routes[i].path, path))
			return &routes[i];
	return NULL;
}

/* The Allow header for a route: "GET, HEAD, POST". */
static void allow_header(const struct route *r, char *buf, size_t len)
{
	unsigned mask = r->methods | (r->methods & M_GET ? M_HEAD : 0);
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]) && n < len; i++)
		if (mask & methods[i].bit)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
			                      n ? ", " : "", methods[i].name);
}

static unsigned method_bit(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (!strcmp(methods[i].name, name))
			return methods[i].bit;
	return 0;
}

/* The last access call: the body (if any) is in; answer. */
static int dispatch(struct request *req)
{
	const struct route *r = req->route;
	unsigned want;
	char allow[64];
	int rc;

	if (!r)
		return reply_problem(req, MHD_HTTP_NOT_FOUND, NULL,
		                     "no resource at %s", req->path);
	want = req->method == M_HEAD ? M_GET : req->method;
	if (!(r->methods & want)) {
		allow_header(r, allow, sizeof(allow));
		return reply_problem(req, MHD_HTTP_METHOD_NOT_ALLOWED, allow,
		                     "%s does not allow %s (allowed: %s)",
		                     r->path, req->method_name, allow);
	}
	if (req->body.nomem)
		return reply_problem(req, MHD_HTTP_SERVICE_UNAVAILABLE, NULL,
		                     "out of memory reading the body");
	rc = r->handle(req);
	if (rc && !req->status)
		rc = reply_problem(req, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL,
		                   "%s failed: %s", r->path, strerror(-rc));
	return rc;
}

/* ---- the MHD callbacks ------------------------------------------------- */

/*
 * Copy n bytes of src as printable ASCII, anything else as '?', truncated
 * to fit and NUL-terminated: it goes into JSON problems and the log.
 */
static void copy_printable(char *dst, size_t size, const char *src, size_t n)
{
	size_t i;

	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[i];

		dst[i] = c > ' ' && c < 0x7F ? (char)c : '?';
	}
	dst[n] = '\0';
}

/* The numeric address of a client, or "" for another family. */
static void format_addr(const struct sockaddr *sa, char *buf, size_t len)
{
	const struct sockaddr_in *in4 = (const void *)sa;
	const struct sockaddr_in6 *in6 = (const void *)sa;

	buf[0] = '\0';
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &in4->sin_addr, buf, (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &in6->sin6_addr, buf, (socklen_t)len);
}

static struct request *request_create(struct http_server *srv,
                                      struct MHD_Connection *conn,
                                      const char *uri)
{
	const union MHD_ConnectionInfo *ci;
	struct request *req;

	req = calloc(1, sizeof(*req));
	if (!req)
		return NULL;
	req->srv = srv;
	req->conn = conn;
	req->start_us = now_us();
	body_init(&req->body, srv->max_body);
	copy_printable(req->path, sizeof(req->path), uri, strcspn(uri, "?"));
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr)
		format_addr(ci->client_addr, req->client, sizeof(req->client));
	atomic_fetch_add(&srv->in_flight, 1);
	return req;
}

/* MHD_OPTION_URI_LOG_CALLBACK: the request line has been read. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	return request_create(cls, conn, uri);
}

/* The first access call: headers are in, the body is not. */
static enum MHD_Result on_headers(struct request *req, const char *url,
                                  const char *method)
{
	const char *cl;
	unsigned long long len;
	char *end;

	req->routed = true;
	req->route = find_route(url);
	req->method = method_bit(method);
	copy_printable(req->method_name, sizeof(req->method_name), method,
	               strlen(method));
	cl = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (!cl)
		return MHD_YES;
	errno = 0;
	len = strtoull(cl, &end, 10);
	if (errno || *end || len <= req->srv->max_body)
		return MHD_YES; /* MHD itself refuses a malformed length */
	/* Answering now, before the body, is meant: MHD then closes the
	 * connection instead of reading what we will not keep. */
	return reply_problem(req, MHD_HTTP_CONTENT_TOO_LARGE, NULL,
	                     "the body is %llu bytes, more than the %zu "
	                     "allowed",
	                     len, req->srv->max_body)
	               ? MHD_NO
	               : MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct request *req = *con_cls;
	size_t n = *upload_data_size;

	if (!req) {
		/* on_uri() could not allocate; one more try. */
		req = request_create(cls, conn, url);
		if (!req)
			return MHD_NO;
		*con_cls = req;
	}
	if (!req->routed)
		return on_headers(req, url, method);
	if (n) {
		*upload_data_size = 0;
		if (req->status)
			return MHD_YES; /* already answered: drop the rest */
		/* MHD 0.9.75 cannot answer while a body is arriving, so an
		 * oversize body without Content-Length (chunked) is read and
		 * dropped, to answer 413 at its end; one that runs on past
		 * twice the cap gets its connection closed instead. */
		if (n > 2 * req->srv->max_body - req->body_seen)
			return MHD_NO;
		req->body_seen += n;
		if (req->route && req->route->body)
			body_append(&req->body, upload_data, n);
		return MHD_YES;
	}
	if (req->status)
		return MHD_YES;
	if (req->body_seen > req->srv->max_body)
		return reply_problem(req, MHD_HTTP_CONTENT_TOO_LARGE, NULL,
		                     "the body is more than the %zu bytes "
		                     "allowed",
		                     req->srv->max_body)
		               ? MHD_NO
		               : MHD_YES;
	return dispatch(req) ? MHD_NO : MHD_YES;
}

static const char *termination_name(enum MHD_RequestTerminationCode toe)
{
	switch (toe) {
	case MHD_REQUEST_TERMINATED_COMPLETED_OK:
		return NULL;
	case MHD_REQUEST_TERMINATED_WITH_ERROR:
		return "error";
	case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED:
		return "timeout";
	case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN:
		return "shutdown";
	case MHD_REQUEST_TERMINATED_READ_ERROR:
		return "read_error";
	case MHD_REQUEST_TERMINATED_CLIENT_ABORT:
		return "client_abort";
	}
	return "unknown";
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct request *req = *con_cls;
	const char *aborted = termination_name(toe);
	enum log_level level = LOG_LEVEL_INFO;
	struct log_line l;

	if (!req)
		return;
	if (aborted || req->status >= 500)
		level = LOG_LEVEL_WARN;
	if (log_begin(&l, level, "request")) {
		log_str(&l, "method",
		        req->method_name[0] ? req->method_name : NULL);
		log_str(&l, "path", req->path);
		log_uint(&l, "status", req->status);
		log_uint(&l, "us", now_us() - req->start_us);
		log_uint(&l, "bytes", req->sent);
		log_str(&l, "client", req->client);
		if (aborted)
			log_str(&l, "aborted", aborted);
		log_end(&l);
	}
	body_release(&req->body);
	free(req);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->in_flight, 1);
}

__attribute__((format(printf, 2, 0))) static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	log_msg(LOG_LEVEL_WARN, "mhd", "%s", msg);
}

/* ---- lifecycle --------------------------------------------------------- */

int http_start(const struct config *cfg, const struct ws_engine *eng,
               struct http_server **out, char *err, size_t errlen)
{
	struct http_server *srv;
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	                 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC;
	unsigned threads = cfg->threads;
	const union MHD_DaemonInfo *di;
	long ncpu;
	int rc;

	*out = NULL;
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, cfg->bind, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)cfg->port);
	} else if (inet_pton(AF_INET6, cfg->bind, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)cfg->port);
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, errlen, "bad bind address '%s'", cfg->bind);
		return -EINVAL;
	}
	if (!threads) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		threads = ncpu > 0 && ncpu < 256 ? (unsigned)ncpu : 1;
	}
	srv = calloc(1, sizeof(*srv));
	if (!srv) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	srv->engine = eng;
	srv->max_body = cfg->max_body;
	srv->quiesced_fd = MHD_INVALID_SOCKET;
	atomic_init(&srv->ready, false);
	atomic_init(&srv->draining, false);
	atomic_init(&srv->in_flight, 0);
	/* The logger goes first so that MHD reports option errors through
	 * it; a pool of one is no pool (MHD wants 0 or at least 2). */
	errno = 0;
	/* clang-format off */
	srv->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0u,
		MHD_OPTION_CONNECTION_LIMIT, cfg->connection_limit,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_connection_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->connection_timeout,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_END);
	/* clang-format on */
	if (!srv->daemon) {
		rc = errno ? -errno : -EIO;
		snprintf(err, errlen, "cannot listen on %s port %u: %s",
		         cfg->bind, cfg->port, strerror(-rc));
		goto free_srv;
	}
	di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : cfg->port;
	*out = srv;
	return 0;

free_srv:
	free(srv);
	return rc;
}

unsigned http_port(const struct http_server *srv)
{
	return srv->port;
}

void http_set_ready(struct http_server *srv, bool ready)
{
	atomic_store(&srv->ready, ready);
}

int http_quiesce(struct http_server *srv)
{
	MHD_socket fd;

	atomic_store(&srv->ready, false);
	atomic_store(&srv->draining, true);
	if (srv->quiesced_fd != MHD_INVALID_SOCKET)
		return -EALREADY;
	fd = MHD_quiesce_daemon(srv->daemon);
	if (fd == MHD_INVALID_SOCKET)
		return -EALREADY;
	/* MHD's threads may still hold the descriptor, so it is closed
	 * after MHD_stop_daemon; shutting it down now refuses new clients
	 * at once instead of leaving them in the backlog. */
	shutdown(fd, SHUT_RDWR);
	srv->quiesced_fd = fd;
	return 0;
}

unsigned http_in_flight(const struct http_server *srv)
{
	return atomic_load(&((struct http_server *)srv)->in_flight);
}

void http_stop(struct http_server *srv)
{
	if (!srv)
		return;
	MHD_stop_daemon(srv->daemon);
	if (srv->quiesced_fd != MHD_INVALID_SOCKET)
		close(srv->quiesced_fd);
	free(srv);
}
