/*
 * metrics.c - lock-free request counters and their Prometheus text.
 *
 * Each route has its own block of counters: a count per status in a
 * fixed list (the statuses this server gives; anything else is "other"),
 * a latency histogram kept per bucket and summed when rendered, and byte
 * totals. Relaxed atomics are enough: each counter is independent and
 * only ever added to.
 */
#include "metrics.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "whosaid.h"

static const unsigned statuses[] = {
	200, 204, 400, 404, 405, 408, 411, 413, 414,
	415, 422, 431, 500, 501, 502, 503, 504,
};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))

/* Upper bounds in microseconds, and the same as Prometheus `le` labels. */
static const uint64_t bucket_us[] = {
	100,   250,    500,    1000,   2500,    5000,    10000,   25000,
	50000, 100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000,
};
static const char *const bucket_le[] = {
	"0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005",
	"0.01",   "0.025",   "0.05",   "0.1",   "0.25",   "0.5",
	"1",      "2.5",     "5",      "10",
};
#define NBUCKET (sizeof(bucket_us) / sizeof(bucket_us[0]))

typedef atomic_uint_fast64_t counter;

struct route_counters {
	counter status[NSTATUS + 1]; /* the last one: any other status */
	counter aborted;
	counter bucket[NBUCKET + 1]; /* the last one: over 10 s */
	counter sum_us;
	counter bytes_in, bytes_out;
};

struct metrics {
	const char **names; /* nroutes, the strings borrowed */
	size_t nroutes;
	struct route_counters *routes; /* nroutes + 1, the last "other" */
	atomic_uint in_flight;
	atomic_int connections;
	counter refused[3]; /* by enum metrics_refusal */
	counter moved;
	counter docs, doc_bytes, quotes;
	double start_time; /* seconds since the epoch */
};

static void add(counter *c, uint64_t v)
{
	atomic_fetch_add_explicit(c, v, memory_order_relaxed);
}

static uint64_t get(counter *c)
{
	return atomic_load_explicit(c, memory_order_relaxed);
}

int metrics_create(const char *const *names, size_t nroutes,
                   struct metrics **out)
{
	struct metrics *m;
	struct timespec ts;
	size_t i, j;

	*out = NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->routes = calloc(nroutes + 1, sizeof(*m->routes));
	m->names = calloc(nroutes + 1, sizeof(*m->names));
	if (!m->routes || !m->names) {
		metrics_free(m);
		return -ENOMEM;
	}
	memcpy(m->names, names, nroutes * sizeof(*names));
	m->nroutes = nroutes;
	/* calloc's zero bytes are not promised to be a valid atomic. */
	for (i = 0; i <= nroutes; i++) {
		struct route_counters *r = &m->routes[i];

		for (j = 0; j <= NSTATUS; j++)
			atomic_init(&r->status[j], 0);
		for (j = 0; j <= NBUCKET; j++)
			atomic_init(&r->bucket[j], 0);
		atomic_init(&r->aborted, 0);
		atomic_init(&r->sum_us, 0);
		atomic_init(&r->bytes_in, 0);
		atomic_init(&r->bytes_out, 0);
	}
	atomic_init(&m->in_flight, 0);
	atomic_init(&m->connections, 0);
	atomic_init(&m->refused[0], 0);
	atomic_init(&m->refused[1], 0);
	atomic_init(&m->refused[2], 0);
	atomic_init(&m->moved, 0);
	atomic_init(&m->docs, 0);
	atomic_init(&m->doc_bytes, 0);
	atomic_init(&m->quotes, 0);
	clock_gettime(CLOCK_REALTIME, &ts);
	m->start_time = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	*out = m;
	return 0;
}

void metrics_free(struct metrics *m)
{
	if (!m)
		return;
	free(m->routes);
	free(m->names);
	free(m);
}

void metrics_request_start(struct metrics *m)
{
	atomic_fetch_add_explicit(&m->in_flight, 1, memory_order_relaxed);
}

void metrics_request_done(struct metrics *m, size_t route, unsigned status,
                          uint64_t us, uint64_t bytes_in, uint64_t bytes_out)
{
	struct route_counters *r =
		&m->routes[route < m->nroutes ? route : m->nroutes];
	size_t i;

	atomic_fetch_sub_explicit(&m->in_flight, 1, memory_order_relaxed);
	if (!status) {
		add(&r->aborted, 1);
	} else {
		for (i = 0; i < NSTATUS && statuses[i] != status; i++)
			;
		add(&r->status[i], 1);
	}
	for (i = 0; i < NBUCKET && us > bucket_us[i]; i++)
		;
	add(&r->bucket[i], 1);
	add(&r->sum_us, us);
	add(&r->bytes_in, bytes_in);
	add(&r->bytes_out, bytes_out);
}

void metrics_annotated(struct metrics *m, uint64_t bytes, uint64_t quotes)
{
	add(&m->docs, 1);
	add(&m->doc_bytes, bytes);
	add(&m->quotes, quotes);
}

void metrics_connection(struct metrics *m, int delta)
{
	atomic_fetch_add_explicit(&m->connections, delta, memory_order_relaxed);
}

void metrics_refused(struct metrics *m, enum metrics_refusal why)
{
	add(&m->refused[why], 1);
}

void metrics_moved(struct metrics *m)
{
	add(&m->moved, 1);
}

unsigned metrics_in_flight(const struct metrics *m)
{
	return atomic_load_explicit(&((struct metrics *)m)->in_flight,
	                            memory_order_relaxed);
}

static void put(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct buf *b, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_append(b, line,
		           (size_t)n < sizeof(line) ? (size_t)n
		                                    : sizeof(line) - 1);
}

static void header(struct buf *b, const char *name, const char *type,
                   const char *help)
{
	put(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static const char *route_name(const struct metrics *m, size_t i)
{
	return i < m->nroutes ? m->names[i] : "other";
}

/* Resident set size from /proc/self/statm, in bytes; 0 if unknown. */
static uint64_t resident_bytes(void)
{
	unsigned long long size = 0, resident = 0;
	long page = sysconf(_SC_PAGESIZE);
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%llu %llu", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return page > 0 ? resident * (uint64_t)page : 0;
}

static void render_requests(struct metrics *m, struct buf *b)
{
	size_t i, j;
	uint64_t n;

	header(b, "whosaid_http_requests_total", "counter",
	       "Requests answered, by route and status.");
	for (i = 0; i <= m->nroutes; i++) {
		for (j = 0; j <= NSTATUS; j++) {
			n = get(&m->routes[i].status[j]);
			if (!n)
				continue;
			if (j < NSTATUS)
				put(b,
				    "whosaid_http_requests_total{route=\"%s\","
				    "status=\"%u\"} %llu\n",
				    route_name(m, i), statuses[j],
				    (unsigned long long)n);
			else
				put(b,
				    "whosaid_http_requests_total{route=\"%s\","
				    "status=\"other\"} %llu\n",
				    route_name(m, i), (unsigned long long)n);
		}
	}
	header(b, "whosaid_http_requests_aborted_total", "counter",
	       "Requests that ended without an answer (client gone, "
	       "timeout, shutdown), by route.");
	for (i = 0; i <= m->nroutes; i++)
		put(b,
		    "whosaid_http_requests_aborted_total{route=\"%s\"} %llu\n",
		    route_name(m, i),
		    (unsigned long long)get(&m->routes[i].aborted));
}

static void render_latency(struct metrics *m, struct buf *b)
{
	const char *name = "whosaid_http_request_duration_seconds";
	size_t i, j;
	uint64_t cum;

	header(b, name, "histogram",
	       "Time from the request line to the end of the answer, by "
	       "route.");
	for (i = 0; i <= m->nroutes; i++) {
		struct route_counters *r = &m->routes[i];

		cum = 0;
		for (j = 0; j < NBUCKET; j++) {
			cum += get(&r->bucket[j]);
			put(b, "%s_bucket{route=\"%s\",le=\"%s\"} %llu\n", name,
			    route_name(m, i), bucket_le[j],
			    (unsigned long long)cum);
		}
		cum += get(&r->bucket[NBUCKET]);
		put(b, "%s_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", name,
		    route_name(m, i), (unsigned long long)cum);
		put(b, "%s_sum{route=\"%s\"} %.6f\n", name, route_name(m, i),
		    (double)get(&r->sum_us) / 1e6);
		put(b, "%s_count{route=\"%s\"} %llu\n", name, route_name(m, i),
		    (unsigned long long)cum);
	}
}

static void render_bytes(struct metrics *m, struct buf *b)
{
	size_t i;

	header(b, "whosaid_http_request_bytes_total", "counter",
	       "Bytes received (request line, headers, body), by route.");
	for (i = 0; i <= m->nroutes; i++)
		put(b, "whosaid_http_request_bytes_total{route=\"%s\"} %llu\n",
		    route_name(m, i),
		    (unsigned long long)get(&m->routes[i].bytes_in));
	header(b, "whosaid_http_response_bytes_total", "counter",
	       "Response body bytes sent, by route.");
	for (i = 0; i <= m->nroutes; i++)
		put(b, "whosaid_http_response_bytes_total{route=\"%s\"} %llu\n",
		    route_name(m, i),
		    (unsigned long long)get(&m->routes[i].bytes_out));
}

int metrics_render(struct metrics *m, struct buf *b)
{
	render_requests(m, b);
	render_latency(m, b);
	render_bytes(m, b);
	header(b, "whosaid_http_requests_in_flight", "gauge",
	       "Requests between their request line and their end.");
	put(b, "whosaid_http_requests_in_flight %u\n", metrics_in_flight(m));
	header(b, "whosaid_http_connections_open", "gauge",
	       "Client connections open.");
	put(b, "whosaid_http_connections_open %d\n",
	    atomic_load_explicit(&m->connections, memory_order_relaxed));
	header(b, "whosaid_http_connections_refused_total", "counter",
	       "Connections refused: over server.connection_limit (503), "
	       "past server.request_timeout (408), or over "
	       "server.per_ip_connection_limit (closed unanswered).");
	put(b,
	    "whosaid_http_connections_refused_total{reason=\"limit\"} %llu\n"
	    "whosaid_http_connections_refused_total{reason=\"timeout\"} "
	    "%llu\n"
	    "whosaid_http_connections_refused_total{reason=\"address\"} "
	    "%llu\n",
	    (unsigned long long)get(&m->refused[METRICS_REFUSED_LIMIT]),
	    (unsigned long long)get(&m->refused[METRICS_REFUSED_TIMEOUT]),
	    (unsigned long long)get(&m->refused[METRICS_REFUSED_ADDRESS]));
	header(b, "whosaid_http_connections_moved_total", "counter",
	       "Connections answered with Connection: close for their client "
	       "to reconnect to the request thread on its CPU "
	       "(server.cpu_affinity).");
	put(b, "whosaid_http_connections_moved_total %llu\n",
	    (unsigned long long)get(&m->moved));
	header(b, "whosaid_documents_annotated_total", "counter",
	       "Documents annotated (one per story, one per batch line).");
	put(b, "whosaid_documents_annotated_total %llu\n",
	    (unsigned long long)get(&m->docs));
	header(b, "whosaid_annotated_bytes_total", "counter",
	       "Bytes of story text annotated.");
	put(b, "whosaid_annotated_bytes_total %llu\n",
	    (unsigned long long)get(&m->doc_bytes));
	header(b, "whosaid_quotes_found_total", "counter",
	       "Quotes found in the documents annotated.");
	put(b, "whosaid_quotes_found_total %llu\n",
	    (unsigned long long)get(&m->quotes));
	header(b, "process_resident_memory_bytes", "gauge",
	       "Resident memory size in bytes (/proc/self/statm).");
	put(b, "process_resident_memory_bytes %llu\n",
	    (unsigned long long)resident_bytes());
	header(b, "process_start_time_seconds", "gauge",
	       "Start time of the process since the Unix epoch in seconds.");
	put(b, "process_start_time_seconds %.3f\n", m->start_time);
	header(b, "whosaid_build_info", "gauge",
	       "The engine version and rule set, as labels; always 1.");
	put(b, "whosaid_build_info{version=\"%s\",rules=\"%s\"} 1\n",
	    WS_VERSION, ws_rules_version());
	return b->err;
}
