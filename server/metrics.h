/*
 * metrics.h - counters for GET /metrics, in the Prometheus text format
 * (version 0.0.4).
 *
 * Invariants
 * - Every counter is a C11 atomic updated with relaxed ordering: no lock
 *   anywhere, and any thread may count while another renders. A render
 *   is therefore not a snapshot: a request may be in the histogram and
 *   not yet in the total, which Prometheus tolerates.
 * - Routes are known when the server starts: they are indexes
 *   0..nroutes-1 into the names given to metrics_create(), and index
 *   nroutes ("other") counts requests for no route.
 */
#ifndef WS_METRICS_H
#define WS_METRICS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct metrics;

/*
 * metrics_create - counters for `nroutes` routes named by `names`. The
 * array is copied; its strings are borrowed and must outlive the
 * metrics. Returns 0 and *out, or -ENOMEM.
 */
int metrics_create(const char *const *names, size_t nroutes,
                   struct metrics **out);

/* Free; accepts NULL. No thread may be counting. */
void metrics_free(struct metrics *m);

/* A request started (its request line is in): in flight + 1. */
void metrics_request_start(struct metrics *m);

/*
 * metrics_request_done - a request ended: in flight - 1, and it counts
 * for `route` (nroutes or more: "other") with `status` (0: it ended
 * without an answer, counted as aborted), its duration and its bytes.
 */
void metrics_request_done(struct metrics *m, size_t route, unsigned status,
                          uint64_t us, uint64_t bytes_in, uint64_t bytes_out);

/* A document of `bytes` bytes was annotated and `quotes` were found. */
void metrics_annotated(struct metrics *m, uint64_t bytes, uint64_t quotes);

/* A connection opened (+1) or closed (-1). */
void metrics_connection(struct metrics *m, int delta);

/* A connection was refused: over the limit (503), timed out (408), or
 * over its address's limit (closed unanswered). */
enum metrics_refusal {
	METRICS_REFUSED_LIMIT,
	METRICS_REFUSED_TIMEOUT,
	METRICS_REFUSED_ADDRESS,
};
void metrics_refused(struct metrics *m, enum metrics_refusal why);

/* A connection was told to reconnect to the request thread on its
 * client's CPU (server.cpu_affinity). */
void metrics_moved(struct metrics *m);

/* Requests in flight now. */
unsigned metrics_in_flight(const struct metrics *m);

/*
 * metrics_render - append the exposition text to `out`. Reads
 * /proc/self/statm for the resident memory. Returns 0, or out's sticky
 * error.
 */
int metrics_render(struct metrics *m, struct buf *out);

#endif /* WS_METRICS_H */
