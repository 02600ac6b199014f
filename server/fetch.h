/*
 * fetch.h - fetching a story by URL with libcurl.
 *
 * Two ways in, one transfer setup:
 *   fetch_sync()        one fetch on the calling thread (the CLI);
 *   fetcher_create()    a thread owning a CURLM that runs every fetch of
 *   fetcher_submit()    the daemon at once; a pool thread hands a URL over
 *                       and is called back when it is done, so no pool
 *                       thread ever waits on the network.
 *
 * Invariants
 * - Only http and https, also across redirects; at most FETCH_MAX_REDIRS
 *   redirects; connect and total timeouts; the body is capped on the
 *   decompressed bytes; only HTML, XHTML and plain text are kept.
 * - Unless allow_private is set, every address connected to (the first
 *   hop, each redirect and each DNS answer tried) is checked when the
 *   socket is opened, before any packet is sent: see fetch_address_blocked().
 *   Proxies from the environment are ignored, so the address checked is
 *   the address of the story's server.
 * - curl_global_init() must have been called before any of this.
 */
#ifndef WS_FETCH_H
#define WS_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

struct config;

/* Redirects followed at most. */
#define FETCH_MAX_REDIRS 5

/* What can go wrong; each has a status and a problem name (below). */
enum fetch_error {
	FETCH_OK = 0,
	FETCH_E_URL,       /* 422 not an absolute http(s) URL */
	FETCH_E_BLOCKED,   /* 422 the address is private/loopback/... */
	FETCH_E_TYPE,      /* 422 the page is not HTML, XHTML or text */
	FETCH_E_DNS,       /* 502 the name does not resolve */
	FETCH_E_REFUSED,   /* 502 the connection was refused or failed */
	FETCH_E_TIMEOUT,   /* 504 connect or total timeout */
	FETCH_E_TLS,       /* 502 TLS handshake or certificate */
	FETCH_E_STATUS,    /* 502 the server answered 4xx or 5xx */
	FETCH_E_TOO_LARGE, /* 502 more than max_body bytes */
	FETCH_E_REDIRECTS, /* 502 more than FETCH_MAX_REDIRS redirects */
	FETCH_E_SCHEME,    /* 502 a redirect to a scheme not http(s) */
	FETCH_E_UPSTREAM,  /* 502 any other transfer failure */
	FETCH_E_BUSY,      /* 503 max_in_flight fetches already running */
	FETCH_E_SHUTDOWN,  /* 503 the fetcher stopped before the end */
	FETCH_E_NOMEM,     /* 500 out of memory */
};

/*
 * The HTTP status (422, 502, 503, 504, 500), a short problem name
 * ("fetch-timeout") and a title ("The fetch timed out") for an error.
 * Static strings. FETCH_OK gives 200, "ok", "OK".
 */
unsigned fetch_error_status(enum fetch_error e);
const char *fetch_error_name(enum fetch_error e);
const char *fetch_error_title(enum fetch_error e);

/* Settings of a fetch; a plain value. */
struct fetch_config {
	bool allow_private;
	size_t max_body;             /* bytes, decompressed */
	unsigned connect_timeout_ms; /* per connection */
	unsigned timeout_ms;         /* whole transfer */
	unsigned max_in_flight;      /* fetcher_submit() only */
	/*
	 * Tests only, never set from configuration: one address and port
	 * exempt from the private-address check (family 0: none), so a
	 * test can prove that a redirect from it to another loopback port
	 * is refused at connect time.
	 */
	struct sockaddr_storage exempt;
};

/* The [fetch] keys of a configuration as a fetch_config. */
void fetch_config_from(struct fetch_config *fc, const struct config *cfg);

/* The User-Agent sent: "whosaid/VERSION (+...)". Static string. */
const char *fetch_user_agent(void);

/*
 * fetch_address_blocked - true when `sa` (AF_INET or AF_INET6; any other
 * family is blocked) is not a public unicast address: loopback, private,
 * CGNAT, link-local (cloud metadata), multicast, broadcast, unspecified,
 * documentation and other reserved ranges, and the IPv6 ones, including
 * IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms of a blocked IPv4
 * address. *why (may be NULL) gets a static phrase such as
 * "a private address (10.0.0.0/8)".
 */
bool fetch_address_blocked(const struct sockaddr *sa, const char **why);

/* The outcome of one fetch. */
struct fetch_result {
	enum fetch_error error;
	long status;        /* the last HTTP status seen, 0 if none */
	char *url;          /* the URL asked for (owned) */
	char *final_url;    /* after redirects (owned; NULL if none) */
	char *content_type; /* as sent, parameters included (owned; NULL) */
	char *body;         /* the page, NUL-terminated (owned; NULL) */
	size_t len;         /* bytes in body, NUL excluded */
	unsigned redirects; /* redirects followed */
	char ip[64];        /* the address connected to last, "" if none */
	char detail[256];   /* why it failed, one sentence, "" when OK */
};

/* Release what a result owns and zero it; accepts NULL. */
void fetch_result_release(struct fetch_result *res);

/*
 * fetch_url_check - 0 when `url` is an absolute http or https URL with a
 * host, FETCH_E_URL otherwise, with a reason in detail (len bytes).
 */
enum fetch_error fetch_url_check(const char *url, char *detail, size_t len);

/*
 * fetch_sync - fetch `url` (borrowed) on this thread. Fills *res (zeroed
 * first; release it with fetch_result_release() whatever the outcome)
 * and returns res->error.
 */
enum fetch_error fetch_sync(const struct fetch_config *fc, const char *url,
                            struct fetch_result *res);

struct fetcher;

/*
 * Called once per accepted fetch, on the fetcher's thread, never from
 * fetcher_submit() itself (a refusal is its return value). `res` is the
 * callee's to free with fetch_result_free(). It runs on the thread that
 * drives every fetch, so it must not block: hand the result over and
 * return.
 */
typedef void fetch_done_fn(void *ud, struct fetch_result *res);

/* fetch_result_release() and free(); accepts NULL. */
void fetch_result_free(struct fetch_result *res);

/*
 * fetcher_create - start the fetcher thread. fc is copied. On success
 * *out owns a new fetcher to stop with fetcher_free(). Returns 0,
 * -ENOMEM, or another negative errno when the thread cannot start.
 */
int fetcher_create(const struct fetch_config *fc, struct fetcher **out);

/*
 * fetcher_submit - start fetching `url` (copied). Returns 0, after which
 * done(ud, res) is called exactly once, later, on the fetcher thread;
 * or, with done never called: FETCH_E_URL for a bad URL (see
 * fetch_url_check()), FETCH_E_BUSY when max_in_flight fetches are
 * running, FETCH_E_SHUTDOWN when the fetcher is stopping, FETCH_E_NOMEM.
 * Thread-safe.
 */
enum fetch_error fetcher_submit(struct fetcher *f, const char *url,
                                fetch_done_fn *done, void *ud);

/* Fetches submitted and not yet called back. Thread-safe. */
unsigned fetcher_in_flight(struct fetcher *f);

/*
 * fetcher_free - stop the thread; every fetch still running is called
 * back with FETCH_E_SHUTDOWN before this returns. Accepts NULL.
 */
void fetcher_free(struct fetcher *f);

#endif /* WS_FETCH_H */
