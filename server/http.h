/*
 * http.h - the HTTP front end: libmicrohttpd glue, routing, bodies.
 *
 * Lifecycle, driven by main.c:
 *   http_start()    bind and serve; /readyz answers 503 until
 *   http_set_ready()
 *   http_quiesce()  on SIGTERM: stop accepting, /readyz 503 again, every
 *                   further response carries Connection: close
 *   http_in_flight() poll until 0 (or the shutdown timeout), then
 *   http_stop()     close every connection and free the server.
 * A request counts as in flight from its request line until its response
 * is sent or it is aborted, so one whose headers are still arriving when
 * SIGTERM comes is waited for too.
 */
#ifndef WHOSAID_HTTP_H
#define WHOSAID_HTTP_H

#include <stdbool.h>
#include <stddef.h>

struct config;
struct http_server;
struct ws_engine;

/*
 * http_start - listen on cfg's address and port and serve from pool
 * threads. cfg is copied; eng is borrowed and must outlive the server.
 * On success *out owns a new server to release with http_stop().
 * Returns 0, or a negative errno with a message in err (errlen bytes).
 */
int http_start(const struct config *cfg, const struct ws_engine *eng,
               struct http_server **out, char *err, size_t errlen);

/* The port bound (the one the kernel chose when the config said 0). */
unsigned http_port(const struct http_server *srv);

/* The request threads started (config, or one per usable CPU: cpus.h). */
unsigned http_threads(const struct http_server *srv);

/* Whether each request thread keeps to a CPU of its own (cpu_affinity). */
bool http_cpu_pinned(const struct http_server *srv);

/* Make /readyz answer 200 (true) or 503 (false). */
void http_set_ready(struct http_server *srv, bool ready);

/*
 * http_quiesce - stop accepting connections; requests in flight and
 * requests on open keep-alive connections are still answered. Returns 0
 * or -EALREADY.
 */
int http_quiesce(struct http_server *srv);

/* The number of requests between request line and completion. */
unsigned http_in_flight(const struct http_server *srv);

/* Stop the daemon, closing every connection, and free; accepts NULL. */
void http_stop(struct http_server *srv);

#endif /* WHOSAID_HTTP_H */
