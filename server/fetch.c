/*
 * fetch.c - stories by URL over libcurl: one transfer setup shared by a
 * synchronous fetch (the CLI) and a fetcher thread driving a CURLM (the
 * daemon).
 *
 * The fetcher thread owns the multi handle and every easy handle added to
 * it. Pool threads build an easy handle, queue it under the mutex and
 * wake the thread with curl_multi_wakeup(); the thread moves the queue
 * into the multi handle, runs curl_multi_perform()/curl_multi_poll(), and
 * calls each fetch's callback when curl reports it done. Nothing else
 * ever touches a handle once queued, so the multi handle needs no lock.
 *
 * The private-address guard is CURLOPT_OPENSOCKETFUNCTION: curl calls it
 * with the resolved address of every connection it opens, the first hop,
 * each redirect and each address of a name it tries, so neither a
 * redirect nor a DNS answer (rebinding included) gets past it, and a
 * refused address is never sent a packet. CURLOPT_PREREQFUNCTION would
 * see the address only after connecting.
 */
#include "fetch.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>

#include "config.h"
#include "whosaid.h"

#define USER_AGENT "whosaid/" WS_VERSION " (story fetcher)"
#define ACCEPT                                                            \
	"Accept: text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8," \
	"*/*;q=0.1"
/* Longest URL accepted. */
#define URL_MAX 8192

/* ---- errors ------------------------------------------------------------ */

static const struct {
	unsigned status;
	const char *name;
	const char *title;
} errors[] = {
	[FETCH_OK] = {200, "ok", "OK"},
	[FETCH_E_URL] = {422, "fetch-bad-url", "The URL cannot be fetched"},
	[FETCH_E_BLOCKED] = {422, "fetch-blocked-address",
                             "The URL leads to a private or reserved address"},
	[FETCH_E_TYPE] = {422, "fetch-unsupported-type",
                          "The page is not HTML, XHTML or plain text"},
	[FETCH_E_DNS] = {502, "fetch-dns", "The host name does not resolve"},
	[FETCH_E_REFUSED] = {502, "fetch-connect",
                             "The server could not be reached"},
	[FETCH_E_TIMEOUT] = {504, "fetch-timeout", "The fetch timed out"},
	[FETCH_E_TLS] = {502, "fetch-tls", "The TLS connection failed"},
	[FETCH_E_STATUS] = {502, "fetch-upstream-status",
                            "The server answered with an error status"},
	[FETCH_E_TOO_LARGE] = {502, "fetch-too-large",
                               "The page is larger than allowed"},
	[FETCH_E_REDIRECTS] = {502, "fetch-too-many-redirects",
                               "The page redirects too many times"},
	[FETCH_E_SCHEME] = {502, "fetch-redirect-scheme",
                            "A redirect leads to a scheme other than http(s)"},
	[FETCH_E_UPSTREAM] = {502, "fetch-failed", "The fetch failed"},
	[FETCH_E_BUSY] = {503, "fetch-busy", "Too many fetches in flight"},
	[FETCH_E_SHUTDOWN] = {503, "fetch-shutdown",
                              "The server is shutting down"},
	[FETCH_E_NOMEM] = {500, "fetch-out-of-memory", "Out of memory"},
};

#define NERRORS (sizeof(errors) / sizeof(errors[0]))

unsigned fetch_error_status(enum fetch_error e)
{
	return (size_t)e < NERRORS ? errors[e].status : 500;
}

const char *fetch_error_name(enum fetch_error e)
{
	return (size_t)e < NERRORS ? errors[e].name : "fetch-failed";
}

const char *fetch_error_title(enum fetch_error e)
{
	return (size_t)e < NERRORS ? errors[e].title : "The fetch failed";
}

void fetch_config_from(struct fetch_config *fc, const struct config *cfg)
{
	memset(fc, 0, sizeof(*fc));
	fc->allow_private = cfg->fetch_allow_private != 0;
	fc->max_body = cfg->fetch_max_body;
	fc->connect_timeout_ms = cfg->fetch_connect_timeout * 1000u;
	fc->timeout_ms = cfg->fetch_timeout * 1000u;
	fc->max_in_flight = cfg->fetch_max_in_flight;
}

const char *fetch_user_agent(void)
{
	return USER_AGENT;
}

/* ---- the address guard ------------------------------------------------- */

/* IPv4 ranges that are not public unicast, most specific first. */
static const struct {
	uint32_t net;
	unsigned bits;
	const char *why;
} v4_blocked[] = {
	{0xFFFFFFFFu, 32, "the broadcast address (255.255.255.255)"},
	{0x00000000u, 8, "an unspecified address (0.0.0.0/8)"},
	{0x0A000000u, 8, "a private address (10.0.0.0/8)"},
	{0x64400000u, 10, "a carrier-grade NAT address (100.64.0.0/10)"},
	{0x7F000000u, 8, "a loopback address (127.0.0.0/8)"},
	{0xA9FE0000u, 16,
         "a link-local address (169.254.0.0/16, cloud metadata)"},
	{0xAC100000u, 12, "a private address (172.16.0.0/12)"},
	{0xC0000000u, 24, "a reserved address (192.0.0.0/24)"},
	{0xC0000200u, 24, "a documentation address (192.0.2.0/24)"},
	{0xC0586300u, 24, "a reserved address (192.88.99.0/24)"},
	{0xC0A80000u, 16, "a private address (192.168.0.0/16)"},
	{0xC6120000u, 15, "a benchmarking address (198.18.0.0/15)"},
	{0xC6336400u, 24, "a documentation address (198.51.100.0/24)"},
	{0xCB007100u, 24, "a documentation address (203.0.113.0/24)"},
	{0xE0000000u, 4, "a multicast address (224.0.0.0/4)"},
	{0xF0000000u, 4, "a reserved address (240.0.0.0/4)"},
};

static bool v4_is_blocked(const unsigned char *b, const char **why)
{
	uint32_t a = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	             (uint32_t)b[2] << 8 | b[3];
	size_t i;

	for (i = 0; i < sizeof(v4_blocked) / sizeof(v4_blocked[0]); i++) {
		uint32_t mask = 0xFFFFFFFFu << (32 - v4_blocked[i].bits);

		if ((a & mask) == v4_blocked[i].net) {
			*why = v4_blocked[i].why;
			return true;
		}
	}
	return false;
}

/* What an IPv6 prefix means: blocked, or an embedded IPv4 to check. */
enum v6_rule {
	V6_BLOCK,
	V6_V4_AT_12, /* the IPv4 address is bytes 12..15 */
	V6_V4_AT_2,  /* the IPv4 address is bytes 2..5 (6to4) */
};

static const struct {
	unsigned char prefix[16];
	unsigned bits;
	enum v6_rule rule;
	const char *why;
} v6_rules[] = {
	{{0}, 128, V6_BLOCK, "an unspecified address (::)"},
	{{[15] = 1}, 128, V6_BLOCK, "a loopback address (::1)"},
	{{[10] = 0xFF, [11] = 0xFF}, 96, V6_V4_AT_12, NULL}, /* ::ffff:v4 */
	{{0}, 96, V6_BLOCK, "an IPv4-compatible address (::/96)"},
	{{0, 0x64, 0xFF, 0x9B}, 96, V6_V4_AT_12, NULL}, /* NAT64 */
	{{0, 0x64, 0xFF, 0x9B, 0, 1},
         48,
         V6_BLOCK,
         "a local-use NAT64 address (64:ff9b:1::/48)"},
	{{1}, 64, V6_BLOCK, "a discard-only address (100::/64)"},
	{{0x20, 0x01, 0x0D, 0xB8},
         32,
         V6_BLOCK,
         "a documentation address (2001:db8::/32)"},
	{{0x20, 0x01, 0, 0}, 32, V6_BLOCK, "a Teredo address (2001::/32)"},
	{{0x20, 0x01, 0, 0x10},
         28,
         V6_BLOCK,
         "a reserved address (2001:10::/28)"},
	{{0x20, 0x01, 0, 0x20},
         28,
         V6_BLOCK,
         "a reserved address (2001:20::/28)"},
	{{0x20, 0x02}, 16, V6_V4_AT_2, NULL}, /* 6to4 */
	{{0xFC}, 7, V6_BLOCK, "a unique local (private) address (fc00::/7)"},
	{{0xFE, 0x80}, 10, V6_BLOCK, "a link-local address (fe80::/10)"},
	{{0xFE, 0xC0}, 10, V6_BLOCK, "a site-local address (fec0::/10)"},
	{{0xFF}, 8, V6_BLOCK, "a multicast address (ff00::/8)"},
};

static bool prefix_match(const unsigned char *a, const unsigned char *p,
                         unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;

	if (memcmp(a, p, whole))
		return false;
	if (!rest)
		return true;
	return ((a[whole] ^ p[whole]) & (0xFF << (8 - rest)) & 0xFF) == 0;
}

static bool v6_is_blocked(const unsigned char *a, const char **why)
{
	size_t i;

	for (i = 0; i < sizeof(v6_rules) / sizeof(v6_rules[0]); i++) {
		if (!prefix_match(a, v6_rules[i].prefix, v6_rules[i].bits))
			continue;
		switch (v6_rules[i].rule) {
		case V6_BLOCK:
			*why = v6_rules[i].why;
			return true;
		case V6_V4_AT_12:
			return v4_is_blocked(a + 12, why);
		case V6_V4_AT_2:
			return v4_is_blocked(a + 2, why);
		}
	}
	/* Only 2000::/3 is allocated for global unicast. */
	if ((a[0] & 0xE0) != 0x20) {
		*why = "not a global unicast address (outside 2000::/3)";
		return true;
	}
	return false;
}

bool fetch_address_blocked(const struct sockaddr *sa, const char **why)
{
	const char *dummy;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return v4_is_blocked((const unsigned char *)&in->sin_addr, why);
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		return v6_is_blocked(in6->sin6_addr.s6_addr, why);
	}
	*why = "not an IPv4 or IPv6 address";
	return true;
}

/* "1.2.3.4 port 80" or "[::1] port 80" into buf. */
static void format_sockaddr(const struct sockaddr *sa, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN] = "?";

	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		snprintf(buf, len, "%s port %u", ip, ntohs(in->sin_port));
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		snprintf(buf, len, "[%s] port %u", ip, ntohs(in6->sin6_port));
	} else {
		snprintf(buf, len, "an address of family %d", sa->sa_family);
	}
}

/* Is sa the test-only exempt address and port? */
static bool exempt(const struct fetch_config *fc, const struct sockaddr *sa)
{
	const struct sockaddr_in *a4 = (const void *)sa,
				 *e4 = (const void *)&fc->exempt;
	const struct sockaddr_in6 *a6 = (const void *)sa,
				  *e6 = (const void *)&fc->exempt;

	if (sa->sa_family != fc->exempt.ss_family)
		return false;
	if (sa->sa_family == AF_INET)
		return a4->sin_port == e4->sin_port &&
		       a4->sin_addr.s_addr == e4->sin_addr.s_addr;
	if (sa->sa_family == AF_INET6)
		return a6->sin6_port == e6->sin6_port &&
		       !memcmp(&a6->sin6_addr, &e6->sin6_addr,
		               sizeof(a6->sin6_addr));
	return false;
}

/* ---- one transfer ------------------------------------------------------ */

struct transfer {
	struct fetch_result *res;
	const struct fetch_config *fc; /* outlives the transfer */
	CURL *easy;
	struct curl_slist *headers;
	size_t cap;     /* bytes allocated for res->body */
	bool typed;     /* the content type was checked */
	bool bad_type;  /* ... and refused */
	bool too_large; /* the body ran past max_body */
	bool nomem;
	bool blocked; /* the guard refused an address */
	const char *blocked_why;
	char blocked_addr[INET6_ADDRSTRLEN + 16];
	char errbuf[CURL_ERROR_SIZE];
	/* the fetcher's */
	fetch_done_fn *done;
	void *ud;
	struct transfer *next, *prev;
};

static curl_socket_t on_opensocket(void *ud, curlsocktype purpose,
                                   struct curl_sockaddr *addr)
{
	struct transfer *t = ud;
	const char *why;
	int fd;

	(void)purpose;
	if (!t->fc->allow_private && !exempt(t->fc, &addr->addr) &&
	    fetch_address_blocked(&addr->addr, &why)) {
		/* The first refusal names the address; curl may try others
		 * (more DNS answers) and succeed with a public one. */
		if (!t->blocked) {
			t->blocked = true;
			t->blocked_why = why;
			format_sockaddr(&addr->addr, t->blocked_addr,
			                sizeof(t->blocked_addr));
		}
		return CURL_SOCKET_BAD;
	}
	fd = socket(addr->family, addr->socktype | SOCK_CLOEXEC,
	            addr->protocol);
	return fd < 0 ? CURL_SOCKET_BAD : fd;
}

/* text/html, application/xhtml+xml or text/plain; absent counts as HTML. */
static bool type_accepted(const char *ct)
{
	static const char *const ok[] = {"text/html", "application/xhtml+xml",
	                                 "text/plain"};
	size_t n, i;

	if (!ct)
		return true;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	n = strcspn(ct, "; \t");
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strlen(ok[i]) == n && !strncasecmp(ct, ok[i], n))
			return true;
	return false;
}

/*
 * The body, on decompressed bytes: CURLOPT_MAXFILESIZE only sees the
 * Content-Length, which a gzip bomb keeps small.
 */
static size_t on_write(char *data, size_t size, size_t nmemb, void *ud)
{
	struct transfer *t = ud;
	struct fetch_result *res = t->res;
	size_t n = size * nmemb, cap;
	char *p;

	if (!t->typed) {
		char *ct = NULL;

		t->typed = true;
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
		if (!type_accepted(ct)) {
			t->bad_type = true;
			return CURL_WRITEFUNC_ERROR;
		}
	}
	if (n > t->fc->max_body - res->len) {
		t->too_large = true;
		return CURL_WRITEFUNC_ERROR;
	}
	if (n + 1 > t->cap - res->len) {
		cap = t->cap ? t->cap : 65536;
		while (cap < res->len + n + 1)
			cap = cap > t->fc->max_body / 2 ? t->fc->max_body + 1
			                                : cap * 2;
		p = realloc(res->body, cap);
		if (!p) {
			t->nomem = true;
			return CURL_WRITEFUNC_ERROR;
		}
		res->body = p;
		t->cap = cap;
	}
	memcpy(res->body + res->len, data, n);
	res->len += n;
	res->body[res->len] = '\0';
	return n;
}

enum fetch_error fetch_url_check(const char *url, char *detail, size_t len)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL;
	enum fetch_error e = FETCH_E_URL;
	CURLUcode uc;

	if (!url || !*url) {
		snprintf(detail, len, "the URL is empty");
		return FETCH_E_URL;
	}
	if (strlen(url) > URL_MAX) {
		snprintf(detail, len, "the URL is longer than %d bytes",
		         URL_MAX);
		return FETCH_E_URL;
	}
	u = curl_url();
	if (!u) {
		snprintf(detail, len, "out of memory");
		return FETCH_E_NOMEM;
	}
	uc = curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
	if (uc) {
		snprintf(detail, len, "not an absolute URL: %s",
		         curl_url_strerror(uc));
		goto out;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) || !scheme ||
	    (strcmp(scheme, "http") && strcmp(scheme, "https"))) {
		snprintf(detail, len,
		         "only http and https URLs are fetched, not %.32s:",
		         scheme ? scheme : "?");
		goto out;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) || !host || !*host) {
		snprintf(detail, len, "the URL has no host");
		goto out;
	}
	e = FETCH_OK;
	if (len)
		detail[0] = '\0';
out:
	curl_free(host);
	curl_free(scheme);
	curl_url_cleanup(u);
	return e;
}

/* Set every option; 0, or -1 when curl is out of memory. */
static int transfer_setup(struct transfer *t, const char *url)
{
	CURL *e = t->easy;
	const struct fetch_config *fc = t->fc;

	t->headers = curl_slist_append(NULL, ACCEPT);
	if (!t->headers)
		return -1;
	t->errbuf[0] = '\0';
	/* clang-format off */
	if (curl_easy_setopt(e, CURLOPT_URL, url) ||
	    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) ||
	    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L) ||
	    curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRS) ||
	    curl_easy_setopt(e, CURLOPT_AUTOREFERER, 1L) ||
	    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	                     (long)fc->connect_timeout_ms) ||
	    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)fc->timeout_ms) ||
	    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "") ||
	    curl_easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT) ||
	    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers) ||
	    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	                     (curl_off_t)fc->max_body) ||
	    curl_easy_setopt(e, CURLOPT_FAILONERROR, 1L) ||
	    /* The guard checks the story's server, never a proxy's. */
	    curl_easy_setopt(e, CURLOPT_PROXY, "") ||
	    /* In-memory cookies: some sites set one, then redirect. */
	    curl_easy_setopt(e, CURLOPT_COOKIEFILE, "") ||
	    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_opensocket) ||
	    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t) ||
	    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write) ||
	    curl_easy_setopt(e, CURLOPT_WRITEDATA, t) ||
	    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf) ||
	    curl_easy_setopt(e, CURLOPT_PRIVATE, t))
		return -1;
	/* clang-format on */
	return 0;
}

/* Create the easy handle for t (res and fc set); 0 or -1 (OOM). */
static int transfer_init(struct transfer *t, const char *url)
{
	t->res->url = strdup(url);
	t->easy = curl_easy_init();
	if (!t->res->url || !t->easy)
		return -1;
	return transfer_setup(t, url);
}

static void transfer_release(struct transfer *t)
{
	curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	t->easy = NULL;
	t->headers = NULL;
}

static bool is_tls_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CLIENTCERT:
	case CURLE_USE_SSL_FAILED:
		return true;
	default:
		return false;
	}
}

/* The transfer ended with rc: fill res->error, detail and the facts. */
static void transfer_finish(struct transfer *t, CURLcode rc)
{
	struct fetch_result *res = t->res;
	const char *why = t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc);
	char *s = NULL;
	long redirects = 0;
	enum fetch_error e;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &res->status);
	curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_COUNT, &redirects);
	res->redirects = redirects > 0 ? (unsigned)redirects : 0;
	if (!curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &s) && s)
		res->final_url = strdup(s);
	s = NULL;
	if (!curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &s) && s)
		res->content_type = strdup(s);
	s = NULL;
	if (!curl_easy_getinfo(t->easy, CURLINFO_PRIMARY_IP, &s) && s)
		snprintf(res->ip, sizeof(res->ip), "%s", s);

	switch (rc) {
	case CURLE_OK:
		e = FETCH_OK;
		/* An empty body never reached on_write's type check. */
		if (!t->typed && !type_accepted(res->content_type))
			t->bad_type = true;
		if (t->bad_type)
			e = FETCH_E_TYPE;
		else if (!res->body && !(res->body = calloc(1, 1)))
			e = FETCH_E_NOMEM;
		break;
	case CURLE_WRITE_ERROR:
		e = t->bad_type    ? FETCH_E_TYPE
		    : t->too_large ? FETCH_E_TOO_LARGE
		    : t->nomem     ? FETCH_E_NOMEM
		                   : FETCH_E_UPSTREAM;
		break;
	case CURLE_OUT_OF_MEMORY:
		e = FETCH_E_NOMEM;
		break;
	case CURLE_URL_MALFORMAT:
		e = res->redirects ? FETCH_E_UPSTREAM : FETCH_E_URL;
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		e = res->redirects || res->status ? FETCH_E_SCHEME
		                                  : FETCH_E_URL;
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		e = FETCH_E_DNS;
		break;
	case CURLE_COULDNT_CONNECT:
		e = t->blocked ? FETCH_E_BLOCKED : FETCH_E_REFUSED;
		break;
	case CURLE_OPERATION_TIMEDOUT:
		e = FETCH_E_TIMEOUT;
		break;
	case CURLE_HTTP_RETURNED_ERROR:
		e = FETCH_E_STATUS;
		break;
	case CURLE_FILESIZE_EXCEEDED:
		e = FETCH_E_TOO_LARGE;
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		e = FETCH_E_REDIRECTS;
		break;
	default:
		e = is_tls_error(rc) ? FETCH_E_TLS : FETCH_E_UPSTREAM;
		break;
	}
	/* A blocked address wins over whatever curl made of it. */
	if (t->blocked && e != FETCH_OK)
		e = FETCH_E_BLOCKED;
	res->error = e;

	switch (e) {
	case FETCH_OK:
		res->detail[0] = '\0';
		break;
	case FETCH_E_BLOCKED:
		snprintf(res->detail, sizeof(res->detail),
		         "refused to connect to %s: %s ([fetch] allow_private "
		         "is false)",
		         t->blocked_addr, t->blocked_why);
		break;
	case FETCH_E_TYPE:
		snprintf(res->detail, sizeof(res->detail),
		         "the page is %.96s, not HTML, XHTML or plain text",
		         res->content_type ? res->content_type : "of no type");
		break;
	case FETCH_E_STATUS:
		snprintf(res->detail, sizeof(res->detail),
		         "the server answered %ld", res->status);
		break;
	case FETCH_E_TOO_LARGE:
		snprintf(res->detail, sizeof(res->detail),
		         "the page is larger than %zu bytes ([fetch] max_body)",
		         t->fc->max_body);
		break;
	case FETCH_E_REDIRECTS:
		snprintf(res->detail, sizeof(res->detail),
		         "more than %d redirects", FETCH_MAX_REDIRS);
		break;
	case FETCH_E_TIMEOUT:
		snprintf(res->detail, sizeof(res->detail),
		         "no complete answer within the time allowed "
		         "(connect %u ms, total %u ms): %.120s",
		         t->fc->connect_timeout_ms, t->fc->timeout_ms, why);
		break;
	case FETCH_E_SCHEME:
		snprintf(res->detail, sizeof(res->detail),
		         "a redirect leads outside http and https: %.160s",
		         why);
		break;
	default:
		snprintf(res->detail, sizeof(res->detail), "%.200s", why);
		break;
	}
	if (e != FETCH_OK) {
		free(res->body);
		res->body = NULL;
		res->len = 0;
	}
}

void fetch_result_release(struct fetch_result *res)
{
	if (!res)
		return;
	free(res->url);
	free(res->final_url);
	free(res->content_type);
	free(res->body);
	memset(res, 0, sizeof(*res));
}

void fetch_result_free(struct fetch_result *res)
{
	fetch_result_release(res);
	free(res);
}

enum fetch_error fetch_sync(const struct fetch_config *fc, const char *url,
                            struct fetch_result *res)
{
	struct transfer t;
	CURLcode rc;

	memset(res, 0, sizeof(*res));
	res->error = fetch_url_check(url, res->detail, sizeof(res->detail));
	if (res->error)
		return res->error;
	memset(&t, 0, sizeof(t));
	t.res = res;
	t.fc = fc;
	if (transfer_init(&t, url)) {
		transfer_release(&t);
		res->error = FETCH_E_NOMEM;
		snprintf(res->detail, sizeof(res->detail), "out of memory");
		return res->error;
	}
	rc = curl_easy_perform(t.easy);
	transfer_finish(&t, rc);
	transfer_release(&t);
	return res->error;
}

/* ---- the fetcher thread ------------------------------------------------ */

struct fetcher {
	struct fetch_config fc;
	CURLM *multi;
	pthread_t thread;
	pthread_mutex_t mu;
	/* under mu */
	struct transfer *queue, **queue_tail; /* submitted, not yet added */
	unsigned in_flight;                   /* submitted, not yet finished */
	bool stop;
	/* the thread's own */
	struct transfer *active; /* added to the multi handle */
};

/* Call back and free a transfer that has left (or never joined) multi. */
static void complete(struct fetcher *f, struct transfer *t)
{
	fetch_done_fn *done = t->done;
	struct fetch_result *res = t->res;
	void *ud = t->ud;

	transfer_release(t);
	free(t);
	/* Make room before the callback: a client answered by it may
	 * start its next fetch at once and must not be told "busy". */
	pthread_mutex_lock(&f->mu);
	f->in_flight--;
	pthread_mutex_unlock(&f->mu);
	done(ud, res);
}

static void complete_with(struct fetcher *f, struct transfer *t,
                          enum fetch_error e, const char *detail)
{
	t->res->error = e;
	snprintf(t->res->detail, sizeof(t->res->detail), "%s", detail);
	free(t->res->body);
	t->res->body = NULL;
	t->res->len = 0;
	complete(f, t);
}

static void active_remove(struct fetcher *f, struct transfer *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		f->active = t->next;
	if (t->next)
		t->next->prev = t->prev;
	t->next = t->prev = NULL;
}

/* Add what was queued to the multi handle; false when stopping. */
static bool take_queue(struct fetcher *f)
{
	struct transfer *t, *next;
	bool stop;

	pthread_mutex_lock(&f->mu);
	t = f->queue;
	f->queue = NULL;
	f->queue_tail = &f->queue;
	stop = f->stop;
	pthread_mutex_unlock(&f->mu);
	for (; t; t = next) {
		next = t->next;
		t->next = NULL;
		if (stop) {
			complete_with(f, t, FETCH_E_SHUTDOWN,
			              "the server is shutting down");
			continue;
		}
		if (curl_multi_add_handle(f->multi, t->easy)) {
			complete_with(f, t, FETCH_E_NOMEM,
			              "cannot start the transfer");
			continue;
		}
		t->next = f->active;
		if (f->active)
			f->active->prev = t;
		f->active = t;
	}
	return !stop;
}

static void reap(struct fetcher *f)
{
	struct transfer *t;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(f->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		t = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
		                  (char **)&t);
		if (!t)
			continue;
		/* m is invalid once the handle is removed: take rc first. */
		transfer_finish(t, m->data.result);
		curl_multi_remove_handle(f->multi, t->easy);
		active_remove(f, t);
		complete(f, t);
	}
}

static void *fetcher_main(void *arg)
{
	struct fetcher *f = arg;
	struct transfer *t;
	int running;

	while (take_queue(f)) {
		curl_multi_perform(f->multi, &running);
		reap(f);
		curl_multi_poll(f->multi, NULL, 0, 1000, NULL);
	}
	while ((t = f->active)) {
		curl_multi_remove_handle(f->multi, t->easy);
		active_remove(f, t);
		complete_with(f, t, FETCH_E_SHUTDOWN,
		              "the server is shutting down");
	}
	return NULL;
}

int fetcher_create(const struct fetch_config *fc, struct fetcher **out)
{
	struct fetcher *f;
	int rc;

	*out = NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->fc = *fc;
	f->queue_tail = &f->queue;
	f->multi = curl_multi_init();
	if (!f->multi) {
		rc = -ENOMEM;
		goto free_f;
	}
	rc = -pthread_mutex_init(&f->mu, NULL);
	if (rc)
		goto free_multi;
	rc = -pthread_create(&f->thread, NULL, fetcher_main, f);
	if (rc)
		goto free_mutex;
	*out = f;
	return 0;

free_mutex:
	pthread_mutex_destroy(&f->mu);
free_multi:
	curl_multi_cleanup(f->multi);
free_f:
	free(f);
	return rc;
}

enum fetch_error fetcher_submit(struct fetcher *f, const char *url,
                                fetch_done_fn *done, void *ud)
{
	struct transfer *t;
	char detail[256];
	enum fetch_error e;

	e = fetch_url_check(url, detail, sizeof(detail));
	if (e)
		return e;
	t = calloc(1, sizeof(*t));
	if (!t)
		return FETCH_E_NOMEM;
	t->res = calloc(1, sizeof(*t->res));
	t->fc = &f->fc;
	t->done = done;
	t->ud = ud;
	if (!t->res || transfer_init(t, url)) {
		e = FETCH_E_NOMEM;
		goto free_t;
	}
	pthread_mutex_lock(&f->mu);
	if (f->stop)
		e = FETCH_E_SHUTDOWN;
	else if (f->in_flight >= f->fc.max_in_flight)
		e = FETCH_E_BUSY;
	if (!e) {
		*f->queue_tail = t;
		f->queue_tail = &t->next;
		f->in_flight++;
	}
	pthread_mutex_unlock(&f->mu);
	if (e)
		goto free_t;
	curl_multi_wakeup(f->multi);
	return FETCH_OK;

free_t:
	transfer_release(t);
	fetch_result_free(t->res);
	free(t);
	return e;
}

unsigned fetcher_in_flight(struct fetcher *f)
{
	unsigned n;

	pthread_mutex_lock(&f->mu);
	n = f->in_flight;
	pthread_mutex_unlock(&f->mu);
	return n;
}

void fetcher_free(struct fetcher *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	f->stop = true;
	pthread_mutex_unlock(&f->mu);
	curl_multi_wakeup(f->multi);
	pthread_join(f->thread, NULL);
	/* A submit racing the stop may have queued after the last take. */
	take_queue(f);
	curl_multi_cleanup(f->multi);
	pthread_mutex_destroy(&f->mu);
	free(f);
}
