/*
 * http.c - libmicrohttpd glue: the daemon, the routing table, the
 * per-request state machine, the responses, CORS, request ids, limits
 * and the request-timeout watchdog.
 *
 * A request's life, all on one request thread:
 *   on_uri()       request line read: allocate struct request, count it
 *                  in flight (so a drain on SIGTERM waits for it);
 *   on_request()   1st call, headers read (on_headers()): route it and
 *                  decide from the headers alone whether it is refused
 *                  (404, 405, 411, 415, 503); answer nothing yet, since
 *                  a response queued on the first call makes MHD 0.9.75
 *                  close the connection. Only two answers are queued
 *                  there, because closing is what they want: 413 for a
 *                  Content-Length over the limit (the body is never
 *                  read) and 503 for a connection over the limit;
 *                  calls with upload data: append to the capped body,
 *                  or drop it for a refused request;
 *                  last call: answer the refusal, or run the route's
 *                  handler and queue its answer;
 *   on_completed() log the request, count it, free it.
 * A new route is one line in `routes`; a handler answers with reply(),
 * reply_json() or reply_problem().
 *
 * Connections: accept_main() accepts them on a thread of its own and
 * hands each to a worker, an MHD daemon with one thread of its own:
 * the worker kept on the CPU the connection's packets arrive on, or the
 * least busy (pending_ready()); on_connection() keeps a record of each
 * one, counted against its address's limit, in a list the
 * watchdog thread walks every 250 ms. A connection whose request is not
 * all in by its deadline (request_timeout after its request line, or
 * connection_timeout + request_timeout after the previous answer or the
 * accept) gets a 408 written straight to its socket and is shut down,
 * so a client that trickles bytes cannot keep a connection past the
 * idle timeout. Connections past connection_limit are accepted (up to a
 * reserve) only to be answered 503 with Retry-After.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>

#include "addr_count.h"
#include "annotate_url.h"
#include "api.h"
#include "api_write.h"
#include "batch.h"
#include "buf.h"
#include "config.h"
#include "cpus.h"
#include "http.h"
#include "input.h"
#include "log.h"
#include "metrics.h"
#include "problem.h"
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

/* docs/openapi.json, embedded by server/meson.build (lib/embed.py). */
extern const char http_openapi_json[];
extern const size_t http_openapi_json_len;

#define JSON_TYPE    "application/json; charset=utf-8"
#define PROBLEM_TYPE "application/problem+json"
#define NDJSON_TYPE  "application/x-ndjson"
#define METRICS_TYPE "text/plain; version=0.0.4; charset=utf-8"

/* Seconds a client is told to wait after a 503. */
#define RETRY_AFTER "1"
/* How often the watchdog looks for requests past their deadline. */
#define WATCHDOG_TICK_MS 250
/* Bytes of a body read and dropped before the connection is cut, as a
 * multiple of the limit (see drain_limit()). */
#define DRAIN_FACTOR 2
/* Longest X-Request-Id kept from a client. */
#define MAX_REQUEST_ID 64
/*
 * How many more connections than the least busy worker the worker on a
 * connection's CPU may hold and still be given it at once: two, and a
 * quarter more. Past that the connection is held back (see
 * struct pending) for up to HOLD_MS, for connections from the other
 * CPUs to even the count out, then given to the least busy.
 */
#define STEER_SLACK 2
/* How long a connection that would unbalance the workers is held. */
#define HOLD_MS 5
/* How long a connection's requests come from another worker's CPU
 * before it is told to go (see check_placement()). */
#define ASTRAY_MS 200
/* How long a new connection waits for its first bytes before it is
 * handed to a worker without them (see struct pending). */
#define FIRST_BYTES_WAIT_MS 20
/* Connections accepted, or events taken, in one go by accept_main(). */
#define ACCEPT_ROUND 64
/* On stopping, how long url requests called back get to be answered. */
#define URL_ANSWER_WAIT_MS 2000

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

/* One client connection (MHD's socket context). */
struct conn {
	struct conn *prev, *next; /* srv->conns, under srv->conns_mu */
	MHD_socket fd;
	struct addr_key client; /* counted in srv->per_addr when family */
	struct worker *worker;  /* the request thread serving it */
	/* now_us() since when its requests have come from another
	 * worker's CPU; 0: they do not */
	uint64_t astray;
	bool over_limit;       /* accepted past connection_limit */
	atomic_bool timed_out; /* the watchdog cut it */
	/* Microseconds (now_us()) after which the watchdog cuts it; 0
	 * while a request is being answered. */
	_Atomic uint64_t deadline;
};

/*
 * A request thread: an MHD daemon of its own with one internal thread,
 * fed connections by accept_main().
 */
struct worker {
	struct http_server *srv;
	struct MHD_Daemon *daemon;
	int cpu;            /* the CPU it keeps to, -1: none */
	atomic_uint handed; /* connections handed to it and not closed */
};

struct http_server {
	struct worker *workers;
	unsigned nworkers; /* started */
	const struct ws_engine *engine;
	struct metrics *metrics;
	struct annotate_url *url;
	size_t max_body, max_batch_body, body_memory;
	uint64_t request_timeout_us, idle_timeout_us;
	unsigned connection_limit;
	unsigned cors_max_age;
	char cors_origins[sizeof(((struct config *)0)->cors_origins)];
	unsigned port;
	unsigned threads; /* request threads */
	/* The listening socket is ours, not MHD's: accept_main() takes
	 * each connection and hands it to the worker of its choice (see
	 * pending_ready()). Left to MHD, every pool thread polls the socket
	 * and the first awake takes up to ten at once: 64 keep-alive
	 * clients arriving together were split 50/14 as often as 32/32,
	 * and the busier thread's clients wait longer. */
	int listen_fd;
	int accept_epoll; /* accept_main()'s: the socket, waiting connections */
	unsigned hard_limit; /* connections open at most, the reserve too */
	/* CPU number -> worker kept on it, or -1; NULL when the workers
	 * keep to no CPU (cpu_affinity off, or not one per CPU). */
	int *cpu_worker;
	unsigned ncpu_worker;
	unsigned next_worker; /* where the search for the least busy starts */
	pthread_t accept_thread;
	bool accept_started;
	atomic_bool accept_stop;
	atomic_bool ready;
	atomic_bool draining;
	atomic_uint connections;  /* open, for connection_limit */
	atomic_uint url_waiting;  /* url requests started, not completed */
	atomic_size_t body_bytes; /* held by request bodies, body_memory */
	atomic_uint_fast64_t next_id;
	char id_prefix[12];
	/* the watchdog; per_addr is under conns_mu too */
	pthread_mutex_t conns_mu;
	pthread_cond_t wd_cond;
	struct conn *conns;
	struct addr_count *per_addr; /* NULL: no per_ip_connection_limit */
	pthread_t wd_thread;
	bool wd_stop;
	bool wd_started;
};

enum body_kind {
	BODY_NONE,     /* the route takes no body: one is read and dropped */
	BODY_ANNOTATE, /* text/plain or JSON, up to max_body */
	BODY_BATCH,    /* NDJSON, up to max_batch_body */
};

enum url_state { URL_NONE, URL_PENDING, URL_DONE };

struct request;

/* The answer to a batch, streamed by MHD through batch_reader(). */
struct stream {
	struct batch *batch;
	struct http_server *srv;
	struct request *req; /* NULL once the request has completed */
	size_t reserved;     /* bytes of body_memory held for the body */
};

struct request {
	struct http_server *srv;
	struct MHD_Connection *conn;
	struct conn *cx; /* the connection's record; NULL if unknown */
	const struct route *route;
	uint64_t start_us;
	unsigned method; /* M_* bit, 0: a method we do not know */
	bool routed;     /* the first access call has been made */
	unsigned status; /* the status queued, 0: none yet */
	uint64_t sent;   /* body bytes queued or streamed */
	uint64_t received;
	struct problem reject; /* decided from the headers */
	char allow[64];        /* the Allow header, "" for none */
	bool close;            /* answer with Connection: close */
	enum input_media media;
	struct buf body;  /* for routes that take one */
	size_t reserved;  /* bytes of srv->body_bytes this request holds */
	bool over_memory; /* body_memory ran out while reading */
	size_t limit;     /* the route's body limit */
	struct stream *stream;
	enum url_state url_state;
	bool url_started; /* counted in srv->url_waiting */
	struct input in;  /* kept while a URL is fetched */
	struct annotate_url_result *_Atomic url_result;
	json_t *url_refusal; /* annotate_url_start()'s problem, owned */
	char id[MAX_REQUEST_ID + 1];
	char method_name[16];
	char path[256]; /* as received, no query, non-ASCII as '?' */
	char client[INET6_ADDRSTRLEN];
};

struct route {
	const char *path;
	unsigned methods; /* M_* mask; M_GET implies M_HEAD; OPTIONS always */
	enum body_kind body;
	unsigned accept; /* 1u << INPUT_* media types taken */
	int (*handle)(struct request *req);
};

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ---- body memory ------------------------------------------------------- */

/* Take n bytes of the body_memory budget; false when it would overflow. */
static bool budget_take(struct http_server *srv, size_t n)
{
	size_t old = atomic_fetch_add(&srv->body_bytes, n);

	if (old + n > srv->body_memory || old + n < old) {
		atomic_fetch_sub(&srv->body_bytes, n);
		return false;
	}
	return true;
}

static void budget_give(struct http_server *srv, size_t n)
{
	if (n)
		atomic_fetch_sub(&srv->body_bytes, n);
}

/* Keep n more bytes of the body, within the route's cap and the budget. */
static void body_store(struct request *req, const char *data, size_t n)
{
	size_t need;

	if (req->body.err || req->over_memory)
		return;
	if (n > req->limit - req->body.len) {
		req->body.err = -E2BIG;
		return;
	}
	need = req->body.len + n;
	if (need > req->reserved) {
		if (!budget_take(req->srv, need - req->reserved)) {
			req->over_memory = true;
			return;
		}
		req->reserved = need;
	}
	buf_append(&req->body, data, n);
}

/* ---- connections and the watchdog -------------------------------------- */

static void conn_deadline(struct conn *cx, uint64_t at)
{
	if (cx)
		atomic_store_explicit(&cx->deadline, at, memory_order_relaxed);
}

/* ---- choosing a request thread ------------------------------------------ */

/*
 * The least busy worker (fewest connections), the search starting one
 * further each time so that ties take turns.
 */
static struct worker *least_worker(struct http_server *srv)
{
	struct worker *least = &srv->workers[srv->next_worker];
	unsigned i, n, least_n = atomic_load(&least->handed);

	for (i = 1; i < srv->nworkers; i++) {
		struct worker *w =
			&srv->workers[(srv->next_worker + i) % srv->nworkers];

		n = atomic_load(&w->handed);
		if (n < least_n) {
			least = w;
			least_n = n;
		}
	}
	srv->next_worker = (srv->next_worker + 1) % srv->nworkers;
	return least;
}

/*
 * The worker kept on the CPU that fd's packets arrive on
 * (SO_INCOMING_CPU), where the connection's data is in cache and
 * waking its reader or its client disturbs no other CPU; NULL when
 * workers keep to no CPU or none is on that one.
 */
static struct worker *local_worker(struct http_server *srv, int fd)
{
#ifdef SO_INCOMING_CPU
	socklen_t len = sizeof(int);
	int cpu = -1;

	if (srv->cpu_worker &&
	    !getsockopt(fd, SOL_SOCKET, SO_INCOMING_CPU, &cpu, &len) &&
	    cpu >= 0 && (unsigned)cpu < srv->ncpu_worker &&
	    srv->cpu_worker[cpu] >= 0)
		return &srv->workers[srv->cpu_worker[cpu]];
#else
	(void)srv;
	(void)fd;
#endif
	return NULL;
}

/* May w take one more connection without unbalancing the workers? */
static bool balanced_with(struct http_server *srv, const struct worker *w)
{
	unsigned i, n = atomic_load(&w->handed), least = n;

	for (i = 0; i < srv->nworkers; i++) {
		unsigned m = atomic_load(&srv->workers[i].handed);

		if (m < least)
			least = m;
	}
	return n <= least + least / 4 + STEER_SLACK;
}

static void on_connection(void *cls, struct MHD_Connection *connection,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	struct worker *w = cls;
	struct http_server *srv = w->srv;
	const union MHD_ConnectionInfo *ci;
	struct conn *cx = *socket_context;
	const struct sockaddr *client = NULL;
	MHD_socket fd;
	bool refused = false;
	unsigned n;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		n = atomic_fetch_add(&srv->connections, 1) + 1;
		metrics_connection(srv->metrics, 1);
		ci = MHD_get_connection_info(connection,
		                             MHD_CONNECTION_INFO_CONNECTION_FD);
		fd = ci ? ci->connect_fd : MHD_INVALID_SOCKET;
		cx = calloc(1, sizeof(*cx));
		*socket_context = cx;
		if (!cx) {
			/* Without a record it has neither a deadline nor a
			 * place in its address's count: not served. */
			if (fd != MHD_INVALID_SOCKET)
				shutdown(fd, SHUT_RDWR);
			return;
		}
		cx->fd = fd;
		cx->worker = w;
		cx->over_limit = n > srv->connection_limit;
		atomic_init(&cx->timed_out, false);
		atomic_init(&cx->deadline, now_us() + srv->idle_timeout_us +
		                                   srv->request_timeout_us);
		if (srv->per_addr) {
			ci = MHD_get_connection_info(
				connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
			client = ci ? ci->client_addr : NULL;
		}
		pthread_mutex_lock(&srv->conns_mu);
		cx->next = srv->conns;
		if (srv->conns)
			srv->conns->prev = cx;
		srv->conns = cx;
		if (srv->per_addr)
			refused = !addr_count_take(srv->per_addr, client,
			                           &cx->client);
		pthread_mutex_unlock(&srv->conns_mu);
		/* Past per_ip_connection_limit: closed unanswered, before
		 * anything of it is read (MHD sees the client go away). */
		if (refused) {
			metrics_refused(srv->metrics, METRICS_REFUSED_ADDRESS);
			if (fd != MHD_INVALID_SOCKET)
				shutdown(fd, SHUT_RDWR);
		}
		return;
	}
	/* MHD_CONNECTION_NOTIFY_CLOSED: called before MHD closes the
	 * socket, so under the lock the watchdog never shuts down a
	 * descriptor that another connection has since been given. */
	atomic_fetch_sub(&srv->connections, 1);
	atomic_fetch_sub(&w->handed, 1);
	metrics_connection(srv->metrics, -1);
	if (!cx)
		return;
	pthread_mutex_lock(&srv->conns_mu);
	if (cx->prev)
		cx->prev->next = cx->next;
	else
		srv->conns = cx->next;
	if (cx->next)
		cx->next->prev = cx->prev;
	if (srv->per_addr)
		addr_count_give(srv->per_addr, &cx->client);
	pthread_mutex_unlock(&srv->conns_mu);
	free(cx);
	*socket_context = NULL;
}

/*
 * Cut a connection past its deadline: a 408 written straight to the
 * socket (MHD writes nothing while a request is still arriving), then
 * shutdown(), which MHD sees as the client going away.
 */
static void cut(struct http_server *srv, struct conn *cx)
{
	static const char body[] =
		"{\"type\":\"" PROBLEM_TYPE_BASE "request-timeout\","
		"\"title\":\"Request Timeout\","
		"\"status\":408,\"detail\":\"the request did not arrive "
		"within server.request_timeout\"}";
	char answer[512];
	int n;

	atomic_store(&cx->timed_out, true);
	metrics_refused(srv->metrics, METRICS_REFUSED_TIMEOUT);
	if (cx->fd == MHD_INVALID_SOCKET)
		return;
	n = snprintf(answer, sizeof(answer),
	             "HTTP/1.1 408 Request Timeout\r\n"
	             "Content-Type: application/problem+json\r\n"
	             "Connection: close\r\n"
	             "Content-Length: %zu\r\n\r\n%s",
	             sizeof(body) - 1, body);
	if (n > 0 && (size_t)n < sizeof(answer))
		(void)!send(cx->fd, answer, (size_t)n,
		            MSG_DONTWAIT | MSG_NOSIGNAL);
	shutdown(cx->fd, SHUT_RDWR);
}

static void *watchdog_main(void *arg)
{
	struct http_server *srv = arg;
	struct timespec until;
	struct conn *cx;
	uint64_t now, deadline;

	pthread_mutex_lock(&srv->conns_mu);
	while (!srv->wd_stop) {
		now = now_us();
		for (cx = srv->conns; cx; cx = cx->next) {
			deadline = atomic_load_explicit(&cx->deadline,
			                                memory_order_relaxed);
			if (deadline && now > deadline &&
			    !atomic_load(&cx->timed_out))
				cut(srv, cx);
		}
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += WATCHDOG_TICK_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&srv->wd_cond, &srv->conns_mu, &until);
	}
	pthread_mutex_unlock(&srv->conns_mu);
	return NULL;
}

/* ---- request ids and CORS ---------------------------------------------- */

/* 1..64 characters of [A-Za-z0-9._-]. */
static bool request_id_ok(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++) {
		char c = s[n];

		if (n >= MAX_REQUEST_ID ||
		    !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return n > 0;
}

/* The client's X-Request-Id when it is sane, else prefix-counter. */
static void request_id(struct request *req)
{
	const char *given = MHD_lookup_connection_value(
		req->conn, MHD_HEADER_KIND, "X-Request-Id");
	unsigned long long n;

	if (given && request_id_ok(given)) {
		snprintf(req->id, sizeof(req->id), "%s", given);
		return;
	}
	n = (unsigned long long)atomic_fetch_add(&req->srv->next_id, 1);
	snprintf(req->id, sizeof(req->id), "%s-%llx", req->srv->id_prefix, n);
}

/*
 * The value for Access-Control-Allow-Origin, or NULL: "*" when any
 * origin is allowed, else the request's Origin when it is listed
 * (compared without regard to case).
 */
static const char *cors_allow(const struct request *req)
{
	const char *origin, *p = req->srv->cors_origins;
	size_t n, olen;

	if (!*p)
		return NULL;
	origin = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                     MHD_HTTP_HEADER_ORIGIN);
	if (!origin)
		return NULL;
	olen = strlen(origin);
	for (;;) {
		p += strspn(p, ", \t");
		if (!*p)
			return NULL;
		n = strcspn(p, ", \t");
		if (n == 1 && *p == '*')
			return "*";
		if (n == olen && !strncasecmp(p, origin, n))
			return origin;
		p += n;
	}
}

/* ---- responses --------------------------------------------------------- */

/* Every header the answers share; returns 0 or -ENOMEM. */
static int add_headers(struct request *req, struct MHD_Response *resp,
                       unsigned status, const char *type)
{
	const char *origin = cors_allow(req);
	bool ok = true;

#define ADD(name, value) \
	(ok = ok && MHD_add_response_header(resp, name, value) == MHD_YES)
	if (type)
		ADD(MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ADD(MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	ADD("X-Content-Type-Options", "nosniff");
	ADD("X-Request-Id", req->id);
	ADD(MHD_HTTP_HEADER_VARY, "Origin");
	if (origin) {
		ADD(MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, origin);
		ADD("Access-Control-Expose-Headers",
		    "X-Request-Id, Retry-After");
	}
	if (req->allow[0])
		ADD(MHD_HTTP_HEADER_ALLOW, req->allow);
	if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
		ADD(MHD_HTTP_HEADER_RETRY_AFTER, RETRY_AFTER);
	/* Draining: make keep-alive clients go, so the drain can end. */
	if (req->close || atomic_load(&req->srv->draining))
		ADD(MHD_HTTP_HEADER_CONNECTION, "close");
#undef ADD
	return ok ? 0 : -ENOMEM;
}

/* Queue resp (the reference is dropped either way). */
static int queue(struct request *req, unsigned status,
                 struct MHD_Response *resp, const char *type)
{
	enum MHD_Result ok;

	if (add_headers(req, resp, status, type)) {
		MHD_destroy_response(resp);
		return -ENOMEM;
	}
	ok = MHD_queue_response(req->conn, status, resp);
	MHD_destroy_response(resp);
	if (ok != MHD_YES)
		return -EIO;
	req->status = status;
	return 0;
}

/*
 * Queue `len` bytes of `data` (heap, ownership taken, freed even on
 * failure; NULL with len 0 for no body) as the answer.
 */
static int reply(struct request *req, unsigned status, const char *type,
                 char *data, size_t len)
{
	struct MHD_Response *resp;
	int rc;

	resp = MHD_create_response_from_buffer_with_free_callback(len, data,
	                                                          free);
	if (!resp) {
		free(data);
		return -ENOMEM;
	}
	rc = queue(req, status, resp, type);
	if (!rc)
		req->sent = len;
	return rc;
}

/* Answer with `obj` as JSON; the reference is taken (NULL: -ENOMEM). */
static int reply_json(struct request *req, unsigned status, const char *type,
                      json_t *obj)
{
	char *text;

	if (!obj)
		return -ENOMEM;
	text = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	if (!text)
		return -ENOMEM;
	return reply(req, status, type, text, strlen(text));
}

/* The one way an error is answered: an RFC 9457 problem document. */
static int reply_problem(struct request *req, const struct problem *p)
{
	return reply_json(req, p->status, PROBLEM_TYPE, problem_json(p));
}

/*
 * Answer with a problem object made elsewhere (the fetch module's, with
 * its own "type" and members); the reference is taken. Its "status"
 * must be an error status, else the answer is a 500.
 */
static int reply_problem_json(struct request *req, json_t *obj)
{
	json_int_t status = json_integer_value(json_object_get(obj, "status"));

	if (status < 400 || status > 599) {
		json_decref(obj);
		return -EINVAL;
	}
	return reply_json(req, (unsigned)status, PROBLEM_TYPE, obj);
}

/* reply_problem() with the problem made here; name as in problem_set(). */
static int reply_error(struct request *req, unsigned status, const char *name,
                       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int reply_error(struct request *req, unsigned status, const char *name,
                       const char *fmt, ...)
{
	struct problem p;
	char detail[sizeof(p.detail)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	problem_set(&p, status, name, "%s", detail);
	return reply_problem(req, &p);
}

/* ---- routes ------------------------------------------------------------ */

static int handle_healthz(struct request *req)
{
	return reply_json(req, MHD_HTTP_OK, JSON_TYPE,
	                  json_pack("{s:s}", "status", "ok"));
}

static int handle_readyz(struct request *req)
{
	struct http_server *srv = req->srv;
	json_int_t forms = (json_int_t)ws_engine_cue_count(srv->engine);

	if (!atomic_load(&srv->ready))
		return reply_error(req, MHD_HTTP_SERVICE_UNAVAILABLE,
		                   "not-ready", "%s",
		                   atomic_load(&srv->draining) ? "shutting down"
		                                               : "starting up");
	return reply_json(req, MHD_HTTP_OK, JSON_TYPE,
	                  json_pack("{s:s, s:I}", "status", "ready",
	                            "cue_forms", forms));
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
	return reply_json(req, MHD_HTTP_OK, JSON_TYPE, body);
}

static int handle_metrics(struct request *req)
{
	struct buf b;
	size_t len;
	char *data;
	int rc;

	buf_init(&b, (size_t)1 << 20);
	rc = metrics_render(req->srv->metrics, &b);
	if (rc) {
		buf_release(&b);
		return rc;
	}
	data = buf_steal(&b, &len);
	return reply(req, MHD_HTTP_OK, METRICS_TYPE, data, len);
}

static int handle_openapi(struct request *req)
{
	struct MHD_Response *resp;
	int rc;

	resp = MHD_create_response_from_buffer(http_openapi_json_len,
	                                       (void *)http_openapi_json,
	                                       MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return -ENOMEM;
	rc = queue(req, MHD_HTTP_OK, resp, JSON_TYPE);
	if (!rc)
		req->sent = http_openapi_json_len;
	return rc;
}

/* The offsets query parameter, if any, into *unit. */
static int query_unit(struct request *req, enum ws_unit *unit,
                      struct problem *p)
{
	const char *v = MHD_lookup_connection_value(
		req->conn, MHD_GET_ARGUMENT_KIND, "offsets");

	if (!v)
		return 0;
	return input_unit(v, "the offsets query parameter", unit, p);
}

/* Annotate text (borrowed) and answer with the document's JSON. */
static int answer_text(struct request *req, const char *text, size_t len,
                       enum ws_unit unit, const json_t *id, const char *extra,
                       size_t extra_len)
{
	struct ws_doc *doc = NULL;
	struct problem p = {0};
	char *id_text = NULL, *data;
	size_t id_len = 0, nquotes;
	struct buf out;
	int rc;

	if (input_annotate(req->srv->engine, text, len, &doc, &p))
		return reply_problem(req, &p);
	if (id) {
		id_text = input_id_json(id, &id_len);
		if (!id_text) {
			rc = -ENOMEM;
			goto free_doc;
		}
	}
	buf_init(&out, API_MAX_ANSWER);
	/* The answer is about 3 times the text: one allocation, mostly. */
	buf_reserve(&out, len < API_MAX_ANSWER / 4 ? 3 * len + 1024 : len);
	rc = api_write_annotate(&out, doc, unit, id_text, id_len, extra,
	                        extra_len);
	if (rc) {
		buf_release(&out);
		goto free_id;
	}
	ws_doc_quotes(doc, &nquotes);
	metrics_annotated(req->srv->metrics, len, nquotes);
	data = buf_steal(&out, &len);
	rc = reply(req, MHD_HTTP_OK, JSON_TYPE, data, len);
free_id:
	free(id_text);
free_doc:
	ws_doc_free(doc);
	return rc;
}

/*
 * annotate_url_done_fn: any thread, exactly once per started job. The
 * result is published before the resume; the request thread that owns the
 * connection finds it in on_request() after the resume. Nothing of req
 * is touched after MHD_resume_connection(): the request may be answered
 * and freed from then on.
 */
static void url_done(void *ud, struct annotate_url_result *res)
{
	struct request *req = ud;
	struct MHD_Connection *conn = req->conn;

	atomic_store_explicit(&req->url_result, res, memory_order_release);
	MHD_resume_connection(conn);
}

/*
 * After the resume: the fetched story is in, or the fetch failed, or it
 * never started (url_refusal). The answer is the one for a text, with
 * "article" and "text" after "engine".
 */
static int answer_url(struct request *req)
{
	struct annotate_url_result *res =
		atomic_load_explicit(&req->url_result, memory_order_acquire);
	struct buf extra;
	char *article;
	int rc;

	if (req->url_refusal) {
		json_t *p = req->url_refusal;

		req->url_refusal = NULL;
		return reply_problem_json(req, p);
	}
	if (!res || (!res->problem && !res->text))
		return reply_error(
			req, MHD_HTTP_SERVICE_UNAVAILABLE, "out-of-memory",
			"the URL could not be fetched: out of memory");
	if (res->problem)
		return reply_problem_json(req, json_incref(res->problem));
	article = res->article ? json_dumps(res->article,
	                                    JSON_COMPACT | API_DUMP_FLAGS)
	                       : NULL;
	if (res->article && !article)
		return -ENOMEM;
	buf_init(&extra, API_MAX_ANSWER);
	buf_puts(&extra, "\"article\":");
	buf_puts(&extra, article ? article : "null");
	buf_puts(&extra, ",\"text\":");
	free(article);
	rc = api_write_string(&extra, res->text, res->len);
	if (!rc && extra.err)
		rc = extra.err;
	if (!rc)
		rc = answer_text(req, res->text, res->len, req->in.unit,
		                 req->in.id, extra.data, extra.len);
	buf_release(&extra);
	return rc;
}

/*
 * {"url": ...} without "text": suspend the connection and hand the URL
 * to annotate_url.c; the answer comes in answer_url() after the resume.
 * The connection is suspended first because url_done() may resume it
 * before annotate_url_start() has returned.
 */
static int start_url(struct request *req)
{
	struct http_server *srv = req->srv;

	req->url_state = URL_PENDING;
	req->url_started = true;
	atomic_fetch_add(&srv->url_waiting, 1);
	MHD_suspend_connection(req->conn);
	if (annotate_url_start(srv->url, req->in.url, url_done, req,
	                       &req->url_refusal) == 0)
		return 0;
	/* Nothing started: answer with the refusal after the resume
	 * (NULL when out of memory: answer_url() says 503 then). */
	req->url_started = false;
	atomic_fetch_sub(&srv->url_waiting, 1);
	req->url_state = URL_DONE;
	MHD_resume_connection(req->conn);
	return 0;
}

static int handle_annotate(struct request *req)
{
	struct problem p = {0};
	enum ws_unit unit = WS_UNIT_CODEPOINT;

	if (query_unit(req, &unit, &p))
		return reply_problem(req, &p);
	if (req->media == INPUT_PLAIN)
		return answer_text(req, req->body.data ? req->body.data : "",
		                   req->body.len, unit, NULL, NULL, 0);
	input_init(&req->in, unit);
	if (input_parse_json(&req->in, req->body.data ? req->body.data : "",
	                     req->body.len, "the body", &p))
		return reply_problem(req, &p);
	if (!req->in.text)
		return start_url(req);
	return answer_text(req, req->in.text, req->in.len, req->in.unit,
	                   req->in.id, NULL, 0);
}

/* MHD_ContentReaderCallback for a batch answer. */
static ssize_t batch_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = cls;
	ssize_t n = batch_read(st->batch, buf, max);

	if (n > 0 && st->req)
		st->req->sent += (uint64_t)n;
	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (n < 0)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	return n;
}

/* MHD_ContentReaderFreeCallback: the answer is done with. */
static void batch_free_stream(void *cls)
{
	struct stream *st = cls;

	batch_free(st->batch);
	budget_give(st->srv, st->reserved);
	free(st);
}

static int handle_batch(struct request *req)
{
	struct problem p = {0};
	struct batch_config bc = {
		.engine = req->srv->engine,
		.metrics = req->srv->metrics,
		.unit = WS_UNIT_CODEPOINT,
		.max_line = req->srv->max_body,
	};
	struct MHD_Response *resp;
	struct stream *st;
	size_t len;
	char *body;
	int rc;

	if (query_unit(req, &bc.unit, &p))
		return reply_problem(req, &p);
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	/* The body and the memory it holds go to the stream. */
	body = buf_steal(&req->body, &len);
	st->srv = req->srv;
	st->reserved = req->reserved;
	req->reserved = 0;
	rc = batch_create(&bc, body, len, &st->batch);
	if (rc) {
		batch_free_stream(st);
		return rc;
	}
	/* MHD_SIZE_UNKNOWN: chunked for HTTP/1.1, read to close for 1.0. */
	resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024,
	                                         batch_reader, st,
	                                         batch_free_stream);
	if (!resp) {
		batch_free_stream(st);
		return -ENOMEM;
	}
	st->req = req;
	req->stream = st;
	rc = queue(req, MHD_HTTP_OK, resp, NDJSON_TYPE);
	if (rc)
		req->stream = NULL; /* MHD_destroy_response freed it */
	return rc;
}

static const struct route routes[] = {
	{"/v1/annotate", M_POST, BODY_ANNOTATE,
         1u << INPUT_PLAIN | 1u << INPUT_JSON, handle_annotate},
	{"/v1/annotate/batch", M_POST, BODY_BATCH, 1u << INPUT_NDJSON,
         handle_batch},
	{"/healthz", M_GET, BODY_NONE, 0, handle_healthz},
	{"/readyz", M_GET, BODY_NONE, 0, handle_readyz},
	{"/version", M_GET, BODY_NONE, 0, handle_version},
	{"/metrics", M_GET, BODY_NONE, 0, handle_metrics},
	{"/openapi.json", M_GET, BODY_NONE, 0, handle_openapi},
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

static const struct route *find_route(const char *path)
{
	size_t i;

	for (i = 0; i < NROUTES; i++)
		if (!strcmp(routes[i].path, path))
			return &routes[i];
	return NULL;
}

/* The Allow header for a route: "GET, HEAD, OPTIONS". */
static void allow_header(const struct route *r, char *buf, size_t len)
{
	unsigned mask = r->methods | M_OPTIONS |
	                (r->methods & M_GET ? M_HEAD : 0);
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

/* OPTIONS: 204 with Allow, and the CORS preflight headers. */
static int answer_options(struct request *req)
{
	const char *origin = cors_allow(req);
	struct MHD_Response *resp;
	char age[16];
	bool ok = true;

	resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return -ENOMEM;
	if (origin &&
	    MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                "Access-Control-Request-Method")) {
		snprintf(age, sizeof(age), "%u", req->srv->cors_max_age);
		ok = MHD_add_response_header(resp,
		                             "Access-Control-Allow-Methods",
		                             req->allow) == MHD_YES &&
		     MHD_add_response_header(resp,
		                             "Access-Control-Allow-Headers",
		                             "Content-Type, X-Request-Id") ==
		             MHD_YES &&
		     MHD_add_response_header(resp, "Access-Control-Max-Age",
		                             age) == MHD_YES;
	}
	if (!ok) {
		MHD_destroy_response(resp);
		return -ENOMEM;
	}
	return queue(req, MHD_HTTP_NO_CONTENT, resp, NULL);
}

/* The last access call: the body (if any) is in; answer. */
static int dispatch(struct request *req)
{
	const struct route *r = req->route;
	int rc;

	if (req->url_state == URL_DONE) {
		rc = answer_url(req);
		goto failed;
	}
	if (req->reject.status)
		return reply_problem(req, &req->reject);
	if (req->method == M_OPTIONS)
		return answer_options(req);
	if (req->body.err == -E2BIG || req->received > req->limit)
		return reply_error(
			req, MHD_HTTP_CONTENT_TOO_LARGE, "body-too-large",
			"the body is more than the %zu bytes allowed",
			req->limit);
	if (req->over_memory || req->body.err)
		return reply_error(req, MHD_HTTP_SERVICE_UNAVAILABLE, "busy",
		                   "the server is short of memory for request "
		                   "bodies; retry later");
	rc = r->handle(req);
failed:
	/* A handler that failed without answering; not one that waits. */
	if (rc && !req->status && req->url_state != URL_PENDING)
		rc = reply_error(req,
		                 rc == -ENOMEM ? MHD_HTTP_SERVICE_UNAVAILABLE
		                               : MHD_HTTP_INTERNAL_SERVER_ERROR,
		                 rc == -ENOMEM ? "out-of-memory"
		                               : "internal-error",
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
	req->limit = srv->max_body;
	atomic_init(&req->url_result, NULL);
	buf_init(&req->body, srv->max_body);
	/* The raw request target: routing on it, not on MHD's decoded
	 * path, keeps "/healthz%00x" and "/v1/annotate%2Fbatch" apart. */
	copy_printable(req->path, sizeof(req->path), uri, strcspn(uri, "?"));
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr)
		format_addr(ci->client_addr, req->client, sizeof(req->client));
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	req->cx = ci ? ci->socket_context : NULL;
	conn_deadline(req->cx, req->start_us + srv->request_timeout_us);
	metrics_request_start(srv->metrics);
	return req;
}

/*
 * Keep the calling request thread on its worker's CPU, from its first
 * request on (MHD starts the thread; this is the first code of ours it
 * surely runs).
 */
static void keep_to_cpu(const struct worker *w)
{
	static _Thread_local bool kept;
	int rc;

	if (kept || w->cpu < 0)
		return;
	kept = true;
	rc = cpus_pin_self(w->cpu);
	if (rc)
		log_msg(LOG_LEVEL_WARN, "cpu_affinity",
		        "a request thread cannot keep to CPU %d: %s", w->cpu,
		        strerror(rc));
}

/* MHD_OPTION_URI_LOG_CALLBACK: the request line has been read. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct worker *w = cls;

	keep_to_cpu(w);
	return request_create(w->srv, conn, uri);
}

/* A header's value as an unsigned number; false if absent or not one. */
static bool header_number(struct request *req, const char *name,
                          unsigned long long *out)
{
	const char *v =
		MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
	char *end;

	if (!v || *v < '0' || *v > '9')
		return false;
	errno = 0;
	*out = strtoull(v, &end, 10);
	return !errno && !*end;
}

/*
 * What the headers alone say about a request that has a route and a
 * method it takes: its body's length and type, and the memory for it.
 * Fills req->reject for a refusal answered after the body; returns 1
 * when the refusal must be answered now (413 by Content-Length).
 */
static int check_body(struct request *req)
{
	struct http_server *srv = req->srv;
	const char *te, *ctype;
	unsigned long long cl = 0;
	bool has_cl;

	req->limit = req->route->body == BODY_BATCH ? srv->max_batch_body
	                                            : srv->max_body;
	req->body.max = req->limit;
	te = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                 MHD_HTTP_HEADER_TRANSFER_ENCODING);
	has_cl = header_number(req, MHD_HTTP_HEADER_CONTENT_LENGTH, &cl);
	if (!te && !has_cl) {
		problem_set(&req->reject, MHD_HTTP_LENGTH_REQUIRED,
		            "length-required",
		            "POST %s needs a body: send Content-Length or "
		            "Transfer-Encoding: chunked",
		            req->route->path);
		return 0;
	}
	if (has_cl && cl > req->limit) {
		problem_set(&req->reject, MHD_HTTP_CONTENT_TOO_LARGE,
		            "body-too-large",
		            "the body is %llu bytes, more than the %zu allowed",
		            cl, req->limit);
		problem_add(&req->reject, "limit", (long long)req->limit);
		return 1;
	}
	ctype = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                    MHD_HTTP_HEADER_CONTENT_TYPE);
	if (input_media_type(ctype, req->route->accept, &req->media,
	                     &req->reject))
		return 0;
	/* A known length is taken from the budget, and allocated, now. */
	if (has_cl && cl) {
		if (!budget_take(srv, (size_t)cl)) {
			req->over_memory = true;
			return 0;
		}
		req->reserved = (size_t)cl;
		if (buf_reserve(&req->body, (size_t)cl))
			req->over_memory = true;
	}
	return 0;
}

/*
 * A connection placed by its first bytes can find its client thread
 * moved to another CPU since (a new client thread is often moved once
 * it has connected), and then every request crosses CPUs. When its
 * requests have come from the CPU of another worker for ASTRAY_MS, and
 * that worker holds no more connections than this one, the answer says
 * Connection: close: the client reconnects, and its new connection goes
 * to that worker. A move never makes the workers less balanced; a client
 * thread that keeps changing CPUs is followed at most every ASTRAY_MS.
 */
static void check_placement(struct request *req)
{
	struct conn *cx = req->cx;
	struct worker *w;
	uint64_t now;

	if (!req->srv->cpu_worker || !cx || !cx->worker)
		return;
	w = local_worker(req->srv, cx->fd);
	if (!w || w == cx->worker) {
		cx->astray = 0;
		return;
	}
	now = now_us();
	if (!cx->astray)
		cx->astray = now;
	if (now - cx->astray < ASTRAY_MS * 1000u)
		return;
	cx->astray = 0;
	if (atomic_load(&w->handed) <= atomic_load(&cx->worker->handed)) {
		req->close = true;
		metrics_moved(req->srv->metrics);
	}
}

/* The first access call: headers are in, the body is not. */
static enum MHD_Result on_headers(struct request *req, const char *method,
                                  const char *version)
{
	const struct route *r;
	unsigned want;

	req->routed = true;
	r = req->route = find_route(req->path);
	req->method = method_bit(method);
	copy_printable(req->method_name, sizeof(req->method_name), method,
	               strlen(method));
	request_id(req);
	check_placement(req);
	if (req->cx && req->cx->over_limit) {
		/* Answered now on purpose: Connection: close is the point. */
		metrics_refused(req->srv->metrics, METRICS_REFUSED_LIMIT);
		req->close = true;
		return reply_error(req, MHD_HTTP_SERVICE_UNAVAILABLE, "busy",
		                   "too many connections; retry later")
		               ? MHD_NO
		               : MHD_YES;
	}
	/* RFC 9112 6.1: both framings at once smell of request smuggling;
	 * the connection must close after the answer, so it is given now
	 * (MHD closes after an answer queued on the first call). */
	if (MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                MHD_HTTP_HEADER_TRANSFER_ENCODING) &&
	    MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                MHD_HTTP_HEADER_CONTENT_LENGTH)) {
		req->close = true;
		return reply_error(req, MHD_HTTP_BAD_REQUEST,
		                   "ambiguous-length",
		                   "both Content-Length and Transfer-Encoding")
		               ? MHD_NO
		               : MHD_YES;
	}
	/* RFC 9112 3.2: an HTTP/1.1 request without Host is refused. */
	if (!strcmp(version, MHD_HTTP_VERSION_1_1) &&
	    !MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                 MHD_HTTP_HEADER_HOST)) {
		problem_set(&req->reject, MHD_HTTP_BAD_REQUEST, "missing-host",
		            "an HTTP/1.1 request needs a Host header");
		return MHD_YES;
	}
	if (!r) {
		problem_set(&req->reject, MHD_HTTP_NOT_FOUND, "not-found",
		            "no resource at %s", req->path);
		return MHD_YES;
	}
	allow_header(r, req->allow, sizeof(req->allow));
	want = req->method == M_HEAD ? M_GET : req->method;
	if (req->method == M_OPTIONS)
		return MHD_YES;
	if (!(r->methods & want)) {
		problem_set(&req->reject, MHD_HTTP_METHOD_NOT_ALLOWED,
		            "method-not-allowed",
		            "%s does not allow %s (allowed: %s)", r->path,
		            req->method_name, req->allow);
		return MHD_YES;
	}
	req->allow[0] = '\0'; /* only 405 and OPTIONS carry it */
	if (r->body == BODY_NONE || !check_body(req))
		return MHD_YES;
	/* MHD will not read the body: the connection closes after this. */
	return reply_problem(req, &req->reject) ? MHD_NO : MHD_YES;
}

/* Does this request keep its body? */
static bool stores_body(const struct request *req)
{
	return req->route && req->route->body != BODY_NONE &&
	       !req->reject.status && req->method == M_POST;
}

/*
 * Bytes of body read before the connection is cut: twice the route's
 * limit for a body being kept (so a chunked one just over it still gets
 * its 413), twice max_body for one that is refused anyway.
 */
static size_t drain_limit(const struct request *req)
{
	return DRAIN_FACTOR *
	       (stores_body(req) ? req->limit : req->srv->max_body);
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
		return on_headers(req, method, version);
	if (n) {
		*upload_data_size = 0;
		if (req->status)
			return MHD_YES; /* already answered: drop the rest */
		/* MHD 0.9.75 cannot answer while a body is arriving, so an
		 * oversize or refused body is read and dropped, to answer at
		 * its end; one that runs on past DRAIN_FACTOR times the
		 * limit gets its connection closed instead. */
		if (n > drain_limit(req) - req->received)
			return MHD_NO;
		req->received += n;
		if (stores_body(req))
			body_store(req, upload_data, n);
		return MHD_YES;
	}
	if (req->status)
		return MHD_YES;
	if (req->url_state == URL_PENDING) {
		/* The call after url_done()'s resume: the result is in. A
		 * call before it (there should be none) waits on. */
		if (!atomic_load_explicit(&req->url_result,
		                          memory_order_acquire))
			return MHD_YES;
		req->url_state = URL_DONE;
	}
	conn_deadline(req->cx, 0); /* all in: answering from now on */
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

static void log_request(const struct request *req, unsigned status, uint64_t us,
                        uint64_t bytes_in, const char *aborted)
{
	enum log_level level = LOG_LEVEL_INFO;
	struct log_line l;

	if (aborted || status >= 500)
		level = LOG_LEVEL_WARN;
	if (!log_begin(&l, level, "request"))
		return;
	log_str(&l, "id", req->id[0] ? req->id : NULL);
	log_str(&l, "method", req->method_name[0] ? req->method_name : NULL);
	log_str(&l, "path", req->path);
	log_uint(&l, "status", status);
	log_uint(&l, "us", us);
	log_uint(&l, "bytes_in", bytes_in);
	log_uint(&l, "bytes_out", req->sent);
	log_str(&l, "client", req->client);
	if (aborted)
		log_str(&l, "aborted", aborted);
	log_end(&l);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct request *req = *con_cls;
	const char *aborted = termination_name(toe);
	const union MHD_ConnectionInfo *ci;
	uint64_t us, bytes_in;
	unsigned status;

	if (!req)
		return;
	us = now_us() - req->start_us;
	status = req->status;
	/* MHD's own answers (431, 414, 400 for a bad request) and cuts. */
	if (!status) {
		ci = MHD_get_connection_info(conn,
		                             MHD_CONNECTION_INFO_HTTP_STATUS);
		status = ci ? ci->http_status : 0;
	}
	if (req->cx && atomic_load(&req->cx->timed_out)) {
		status = MHD_HTTP_REQUEST_TIMEOUT;
		aborted = "request_timeout";
	}
	ci = MHD_get_connection_info(conn,
	                             MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	bytes_in = (ci ? ci->header_size : 0) + req->received;
	log_request(req, status, us, bytes_in, aborted);
	metrics_request_done(
		srv->metrics,
		req->route ? (size_t)(req->route - routes) : NROUTES,
		aborted && status != MHD_HTTP_REQUEST_TIMEOUT ? 0 : status, us,
		bytes_in, req->sent);
	/* Keep-alive: the next request has this long to arrive. */
	conn_deadline(req->cx, now_us() + srv->idle_timeout_us +
	                               srv->request_timeout_us);
	if (req->stream)
		req->stream->req = NULL; /* MHD frees the stream later */
	/* A started job has called back before MHD could end the request:
	 * a suspended connection is neither read nor timed out. */
	if (req->url_started)
		atomic_fetch_sub(&srv->url_waiting, 1);
	annotate_url_result_free(atomic_load(&req->url_result));
	json_decref(req->url_refusal);
	input_release(&req->in);
	buf_release(&req->body);
	budget_give(srv, req->reserved);
	free(req);
	*con_cls = NULL;
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

/* Random hex for request ids, so two daemons do not hand out the same. */
static void make_id_prefix(char *buf, size_t len)
{
	unsigned char r[4] = {0};
	struct timespec ts;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || read(fd, r, sizeof(r)) != (ssize_t)sizeof(r)) {
		clock_gettime(CLOCK_REALTIME, &ts);
		r[0] = (unsigned char)ts.tv_nsec;
		r[1] = (unsigned char)(ts.tv_nsec >> 8);
		r[2] = (unsigned char)getpid();
		r[3] = (unsigned char)(getpid() >> 8);
	}
	if (fd >= 0)
		close(fd);
	snprintf(buf, len, "%02x%02x%02x%02x", r[0], r[1], r[2], r[3]);
}

/* Let the process hold `want` descriptors, as far as the hard limit goes. */
static void raise_nofile(rlim_t want)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || want < rl.rlim_max
	                      ? want
	                      : rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
}

/*
 * The jobs annotate_url_stop() called back have resumed their
 * connections; give the request threads a moment to answer them (503
 * fetch-shutdown) rather than cut them unanswered when the daemon stops.
 */
static void wait_url_answers(struct http_server *srv)
{
	const struct timespec tick = {0, 5 * 1000 * 1000};
	uint64_t end = now_us() + URL_ANSWER_WAIT_MS * 1000u;

	while (srv->nworkers && atomic_load(&srv->url_waiting) &&
	       now_us() < end)
		nanosleep(&tick, NULL);
}

/* ---- the listening socket ---------------------------------------------- */

/* Connections handed to the workers and not yet closed. */
static unsigned handed_total(struct http_server *srv)
{
	unsigned i, n = 0;

	for (i = 0; i < srv->nworkers; i++)
		n += atomic_load(&srv->workers[i].handed);
	return n;
}

/*
 * A connection accepted and waiting, in accept_main(), for its first
 * bytes: only then does SO_INCOMING_CPU say where its client runs. A
 * client thread is often moved to another CPU just after it connects
 * (a new thread starts beside its parent), and a choice made at the
 * accept then keeps its connections on the wrong CPU for good.
 */
struct pending {
	struct pending *prev, *next;
	int fd;
	uint64_t deadline;    /* now_us() after which it is handed anyway */
	struct worker *local; /* held: the worker on its CPU */
	socklen_t len;
	struct sockaddr_storage ss;
};

/* Connections waiting, oldest first: all in one list wait as long. */
struct pending_list {
	struct pending *head, *tail;
	unsigned n;
};

static void pending_unlink(struct pending_list *l, struct pending *p)
{
	if (p->prev)
		p->prev->next = p->next;
	else
		l->head = p->next;
	if (p->next)
		p->next->prev = p->prev;
	else
		l->tail = p->prev;
	l->n--;
}

/* Hand a connection to w's MHD, which closes it on failure. */
static void hand_over(struct worker *w, int fd,
                      const struct sockaddr_storage *ss, socklen_t len)
{
	atomic_fetch_add(&w->handed, 1);
	/* On failure MHD has closed it and never reports it. */
	if (MHD_add_connection(w->daemon, fd, (const struct sockaddr *)ss,
	                       len) != MHD_YES)
		atomic_fetch_sub(&w->handed, 1);
}

static void pending_append(struct pending_list *l, struct pending *p)
{
	p->next = NULL;
	p->prev = l->tail;
	if (l->tail)
		l->tail->next = p;
	else
		l->head = p;
	l->tail = p;
	l->n++;
}

/* Take p off list l and hand it to w (NULL: the least busy). */
static void pending_hand(struct http_server *srv, struct pending_list *l,
                         struct pending *p, struct worker *w)
{
	pending_unlink(l, p);
	epoll_ctl(srv->accept_epoll, EPOLL_CTL_DEL, p->fd, NULL);
	hand_over(w ? w : least_worker(srv), p->fd, &p->ss, p->len);
	free(p);
}

/*
 * p's first bytes are in: hand it to the worker on its CPU if that
 * keeps the workers balanced, else hold it (in list held) for HOLD_MS.
 */
static void pending_ready(struct http_server *srv, struct pending_list *l,
                          struct pending_list *held, struct pending *p)
{
	struct worker *w = local_worker(srv, p->fd);

	if (!w || balanced_with(srv, w)) {
		pending_hand(srv, l, p, w);
		return;
	}
	pending_unlink(l, p);
	p->local = w;
	p->deadline = now_us() + HOLD_MS * 1000u;
	pending_append(held, p);
}

/*
 * The connections held: each goes to the worker on its CPU as soon as
 * that is balanced, or to the least busy once its time is up.
 */
static void held_review(struct http_server *srv, struct pending_list *held)
{
	uint64_t now = now_us();
	struct pending *p = held->head, *next;

	for (; p; p = next) {
		next = p->next;
		if (balanced_with(srv, p->local))
			pending_hand(srv, held, p, p->local);
		else if (p->deadline <= now)
			pending_hand(srv, held, p, NULL);
	}
}

/*
 * Accept what the listening socket holds (up to a round's worth), each
 * to wait for its first bytes. Past hard_limit (waiting connections
 * included) a connection is closed unanswered. Returns -1 once the
 * socket is unusable (shut down by accept_stop(), or worse).
 */
static int accept_round(struct http_server *srv, struct pending_list *l,
                        unsigned held)
{
	const struct timespec pause = {0, 10 * 1000 * 1000};
	int k;

	for (k = 0; k < ACCEPT_ROUND; k++) {
		struct pending *p = malloc(sizeof(*p));
		struct epoll_event ev;

		if (!p) {
			nanosleep(&pause, NULL);
			return 0;
		}
		p->len = sizeof(p->ss);
		p->fd = accept(srv->listen_fd, (struct sockaddr *)&p->ss,
		               &p->len);
		if (p->fd < 0) {
			int e = errno;

			free(p);
			if (e == EAGAIN || e == EWOULDBLOCK)
				return 0;
			if (e == EBADF || e == EINVAL || e == ENOTSOCK ||
			    e == EFAULT) {
				if (!atomic_load(&srv->accept_stop))
					log_msg(LOG_LEVEL_ERROR, "accept", "%s",
					        strerror(e));
				return -1;
			}
			/* Out of descriptors or memory: wait for some to
			 * be given back rather than spin. Anything else
			 * (the client gave up, a network error passed on)
			 * is that connection's alone. */
			if (e == EMFILE || e == ENFILE || e == ENOBUFS ||
			    e == ENOMEM) {
				nanosleep(&pause, NULL);
				return 0;
			}
			continue;
		}
		(void)fcntl(p->fd, F_SETFD, FD_CLOEXEC);
		if (handed_total(srv) + l->n + held >= srv->hard_limit) {
			close(p->fd);
			free(p);
			continue;
		}
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
		ev.data.ptr = p;
		if (epoll_ctl(srv->accept_epoll, EPOLL_CTL_ADD, p->fd, &ev)) {
			hand_over(least_worker(srv), p->fd, &p->ss, p->len);
			free(p);
			continue;
		}
		p->deadline = now_us() + FIRST_BYTES_WAIT_MS * 1000u;
		p->local = NULL;
		pending_append(l, p);
	}
	return 0;
}

/* Milliseconds until the earliest of two lists' first deadlines; -1: none. */
static int wait_ms(const struct pending_list *a, const struct pending_list *b)
{
	uint64_t at = UINT64_MAX, now;

	if (a->head)
		at = a->head->deadline;
	if (b->head && b->head->deadline < at)
		at = b->head->deadline;
	if (at == UINT64_MAX)
		return -1;
	now = now_us();
	return at > now ? (int)((at - now + 999) / 1000) : 0;
}

/*
 * Accept connections until told to stop and hand each to a worker once
 * its first bytes are in (pending_ready()), or FIRST_BYTES_WAIT_MS after
 * its accept if they are not. On stopping, the connections still
 * waiting or held are handed over as they are: the workers answer or
 * close them.
 */
static void *accept_main(void *arg)
{
	struct http_server *srv = arg;
	struct pending_list l = {NULL, NULL, 0}, held = {NULL, NULL, 0};
	struct epoll_event evs[ACCEPT_ROUND];
	bool listening = true;

	while (listening && !atomic_load(&srv->accept_stop)) {
		int n = epoll_wait(srv->accept_epoll, evs, ACCEPT_ROUND,
		                   wait_ms(&l, &held)),
		    i;
		uint64_t now;

		for (i = 0; i < n; i++) {
			if (evs[i].data.ptr)
				pending_ready(srv, &l, &held, evs[i].data.ptr);
			else if (atomic_load(&srv->accept_stop) ||
			         accept_round(srv, &l, held.n))
				listening = false;
		}
		now = now_us();
		while (l.head && l.head->deadline <= now)
			pending_hand(srv, &l, l.head, NULL);
		held_review(srv, &held);
	}
	while (l.head)
		pending_hand(srv, &l, l.head, NULL);
	while (held.head)
		pending_hand(srv, &held, held.head, held.head->local);
	return NULL;
}

/* Make accept_main() return: a socket shut down wakes its epoll_wait()
 * and fails accept(). */
static void accept_stop(struct http_server *srv)
{
	atomic_store(&srv->accept_stop, true);
	if (srv->listen_fd >= 0)
		shutdown(srv->listen_fd, SHUT_RDWR);
}

/*
 * Bind and listen as MHD would have: SO_REUSEADDR, IPv6 only on an IPv6
 * address, a backlog of SOMAXCONN. Returns the socket or -errno.
 */
static int listen_on(const struct sockaddr_storage *ss, socklen_t len)
{
	int fd = socket(ss->ss_family,
	                SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int on = 1, rc;

	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) ||
	    (ss->ss_family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on))) ||
	    bind(fd, (const struct sockaddr *)ss, len) ||
	    listen(fd, SOMAXCONN)) {
		rc = -errno;
		close(fd);
		return rc;
	}
	return fd;
}

/* The port a socket is bound to (the one the kernel picked for 0). */
static unsigned bound_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len))
		return 0;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return 0;
}

/* Free what http_start() made, in the reverse order; accepts NULL. */
static void server_free(struct http_server *srv)
{
	if (!srv)
		return;
	/* No connection is added while the daemon stops. */
	accept_stop(srv);
	if (srv->accept_started)
		pthread_join(srv->accept_thread, NULL);
	if (srv->wd_started) {
		pthread_mutex_lock(&srv->conns_mu);
		srv->wd_stop = true;
		pthread_cond_signal(&srv->wd_cond);
		pthread_mutex_unlock(&srv->conns_mu);
		pthread_join(srv->wd_thread, NULL);
	}
	/* Every fetch called back (and its connection resumed) before the
	 * daemon stops: MHD aborts on a suspended connection. Pool threads
	 * may start (and be refused) fetches until it has stopped. */
	if (srv->url) {
		annotate_url_stop(srv->url);
		wait_url_answers(srv);
	}
	while (srv->nworkers)
		MHD_stop_daemon(srv->workers[--srv->nworkers].daemon);
	free(srv->workers);
	free(srv->cpu_worker);
	addr_count_free(srv->per_addr);
	annotate_url_free(srv->url);
	if (srv->listen_fd >= 0)
		close(srv->listen_fd);
	if (srv->accept_epoll >= 0)
		close(srv->accept_epoll);
	pthread_cond_destroy(&srv->wd_cond);
	pthread_mutex_destroy(&srv->conns_mu);
	metrics_free(srv->metrics);
	free(srv);
}

/*
 * cpu_affinity auto with a worker for each CPU of the affinity mask
 * (what threads = 0 gives where no CPU quota is lower): worker i keeps
 * to the mask's i-th CPU. With fewer workers than CPUs (a quota, or
 * threads set), more, or one, the scheduler places them. -ENOMEM.
 */
static int plan_cpus(struct http_server *srv, unsigned affinity)
{
	unsigned n = srv->threads, i;
	int *cpus;

	for (i = 0; i < n; i++)
		srv->workers[i].cpu = -1;
	if (affinity != CONFIG_AFFINITY_AUTO || n < 2)
		return 0;
	cpus = malloc(n * sizeof(*cpus));
	if (!cpus)
		return -ENOMEM;
	if (cpus_affinity(cpus, n) != n) {
		free(cpus);
		return 0;
	}
	srv->ncpu_worker = (unsigned)cpus[n - 1] + 1;
	srv->cpu_worker = malloc(srv->ncpu_worker * sizeof(int));
	if (!srv->cpu_worker) {
		free(cpus);
		return -ENOMEM;
	}
	for (i = 0; i < srv->ncpu_worker; i++)
		srv->cpu_worker[i] = -1;
	for (i = 0; i < n; i++) {
		srv->workers[i].cpu = cpus[i];
		srv->cpu_worker[cpus[i]] = (int)i;
	}
	free(cpus);
	return 0;
}

/* Start worker i's daemon. */
static int start_worker(struct http_server *srv, const struct config *cfg,
                        unsigned i)
{
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	                 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC |
	                 MHD_USE_NO_LISTEN_SOCKET;
	struct worker *w = &srv->workers[i];

	w->srv = srv;
	atomic_init(&w->handed, 0);
	/* The logger goes first so that MHD reports option errors through
	 * it. Limits are kept by accept_main() and on_connection() for
	 * all the workers together; each daemon's own only backs them. */
	errno = 0;
	/* clang-format off */
	w->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv,
		MHD_OPTION_CONNECTION_LIMIT, srv->hard_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->connection_timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->connection_memory,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, w,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, w,
		MHD_OPTION_END);
	/* clang-format on */
	return w->daemon ? 0 : errno ? -errno : -EIO;
}

int http_start(const struct config *cfg, const struct ws_engine *eng,
               struct http_server **out, char *err, size_t errlen)
{
	struct http_server *srv;
	pthread_condattr_t cattr;
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t sslen;
	const char *route_names[NROUTES];
	unsigned threads = cfg->threads;
	size_t i;
	int rc;

	*out = NULL;
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, cfg->bind, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)cfg->port);
		sslen = sizeof(*sin);
	} else if (inet_pton(AF_INET6, cfg->bind, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)cfg->port);
		sslen = sizeof(*sin6);
	} else {
		snprintf(err, errlen, "bad bind address '%s'", cfg->bind);
		return -EINVAL;
	}
	if (!threads)
		threads = cpus_usable();
	if (threads > 256)
		threads = 256;
	srv = calloc(1, sizeof(*srv));
	if (!srv) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	srv->engine = eng;
	srv->threads = threads;
	srv->max_body = cfg->max_body;
	srv->max_batch_body = cfg->max_batch_body;
	srv->body_memory = cfg->body_memory;
	srv->request_timeout_us = (uint64_t)cfg->request_timeout * 1000000u;
	srv->idle_timeout_us = (uint64_t)cfg->connection_timeout * 1000000u;
	srv->connection_limit = cfg->connection_limit;
	srv->cors_max_age = cfg->cors_max_age;
	snprintf(srv->cors_origins, sizeof(srv->cors_origins), "%s",
	         cfg->cors_origins);
	srv->listen_fd = -1;
	srv->accept_epoll = -1;
	atomic_init(&srv->accept_stop, false);
	atomic_init(&srv->ready, false);
	atomic_init(&srv->draining, false);
	atomic_init(&srv->connections, 0);
	atomic_init(&srv->url_waiting, 0);
	atomic_init(&srv->body_bytes, 0);
	atomic_init(&srv->next_id, 1);
	make_id_prefix(srv->id_prefix, sizeof(srv->id_prefix));
	pthread_mutex_init(&srv->conns_mu, NULL);
	pthread_condattr_init(&cattr);
	/* The watchdog's deadlines come from CLOCK_MONOTONIC; a condition on
	 * the default (realtime) clock would find them long past and spin. */
	pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC);
	pthread_cond_init(&srv->wd_cond, &cattr);
	pthread_condattr_destroy(&cattr);
	for (i = 0; i < NROUTES; i++)
		route_names[i] = routes[i].path;
	rc = metrics_create(route_names, NROUTES, &srv->metrics);
	if (rc) {
		snprintf(err, errlen, "out of memory");
		goto free_srv;
	}
	rc = annotate_url_create(cfg, &srv->url, err, errlen);
	if (rc)
		goto free_srv;
	/* Past connection_limit, a reserve of connections is accepted only
	 * to be told 503; past that they are closed unanswered. */
	srv->hard_limit =
		cfg->connection_limit + cfg->connection_limit / 8 + 16;
	srv->workers = calloc(threads, sizeof(*srv->workers));
	if (!srv->workers ||
	    (cfg->per_ip_connection_limit &&
	     addr_count_create(srv->hard_limit, cfg->per_ip_connection_limit,
	                       &srv->per_addr)) ||
	    plan_cpus(srv, cfg->cpu_affinity)) {
		snprintf(err, errlen, "out of memory");
		rc = -ENOMEM;
		goto free_srv;
	}
	/* Each daemon has an epoll and an eventfd descriptor too. */
	raise_nofile((rlim_t)srv->hard_limit + 64 + 2 * (rlim_t)threads);
	rc = listen_on(&ss, sslen);
	if (rc < 0) {
		snprintf(err, errlen, "cannot listen on %s port %u: %s",
		         cfg->bind, cfg->port, strerror(-rc));
		goto free_srv;
	}
	srv->listen_fd = rc;
	srv->accept_epoll = epoll_create1(EPOLL_CLOEXEC);
	if (srv->accept_epoll < 0 ||
	    epoll_ctl(srv->accept_epoll, EPOLL_CTL_ADD, srv->listen_fd,
	              &(struct epoll_event){.events = EPOLLIN})) {
		rc = -errno;
		snprintf(err, errlen, "cannot poll the listening socket: %s",
		         strerror(-rc));
		goto free_srv;
	}
	for (srv->nworkers = 0; srv->nworkers < threads; srv->nworkers++) {
		rc = start_worker(srv, cfg, srv->nworkers);
		if (rc) {
			snprintf(err, errlen,
			         "cannot start the HTTP daemon: %s",
			         strerror(-rc));
			goto free_srv;
		}
	}
	rc = -pthread_create(&srv->wd_thread, NULL, watchdog_main, srv);
	if (rc) {
		snprintf(err, errlen, "cannot start the watchdog thread: %s",
		         strerror(-rc));
		goto free_srv;
	}
	srv->wd_started = true;
	rc = -pthread_create(&srv->accept_thread, NULL, accept_main, srv);
	if (rc) {
		snprintf(err, errlen, "cannot start the accept thread: %s",
		         strerror(-rc));
		goto free_srv;
	}
	srv->accept_started = true;
	srv->port = bound_port(srv->listen_fd);
	if (!srv->port)
		srv->port = cfg->port;
	*out = srv;
	return 0;

free_srv:
	server_free(srv);
	return rc;
}

unsigned http_port(const struct http_server *srv)
{
	return srv->port;
}

unsigned http_threads(const struct http_server *srv)
{
	return srv->threads;
}

bool http_cpu_pinned(const struct http_server *srv)
{
	return srv->cpu_worker != NULL;
}

void http_set_ready(struct http_server *srv, bool ready)
{
	atomic_store(&srv->ready, ready);
}

int http_quiesce(struct http_server *srv)
{
	bool was;

	atomic_store(&srv->ready, false);
	atomic_store(&srv->draining, true);
	was = atomic_load(&srv->accept_stop);
	/* Shutting the socket down refuses new clients at once instead of
	 * leaving them in the backlog; it is closed after the daemon
	 * stops, when the accept thread has let go of it. */
	accept_stop(srv);
	return was ? -EALREADY : 0;
}

unsigned http_in_flight(const struct http_server *srv)
{
	return metrics_in_flight(srv->metrics);
}

void http_stop(struct http_server *srv)
{
	server_free(srv);
}
