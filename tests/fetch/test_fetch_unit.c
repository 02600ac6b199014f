/*
 * test_fetch_unit.c - suite `fetch`: fetch.c and extract.c from inside.
 *
 *   test_fetch_unit [CASE]
 *
 * - the address table of the private-address guard;
 * - the guard at connect time across a redirect: a libmicrohttpd fixture
 *   on 127.0.0.1 port A is made exempt (fetch_config.exempt, a test-only
 *   field), and redirects to a second fixture on port B, which is
 *   listening: the fetch must be refused, and B must see no connection;
 *   with allow_private the same redirect is followed;
 * - the fetcher thread: many slow fetches in flight at once, the cap
 *   (FETCH_E_BUSY), and fetcher_free() calling back what is running;
 * - extract_article() on small pages.
 * Nothing here talks to any address but 127.0.0.1.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <microhttpd.h>

#include "article.h"
#include "extract.h"
#include "fetch.h"

/* ---- the address table ------------------------------------------------- */

static bool blocked4(const char *ip)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, ip, &sa.sin_addr), 1);
	return fetch_address_blocked((struct sockaddr *)&sa, NULL);
}

static bool blocked6(const char *ip)
{
	struct sockaddr_in6 sa;
	const char *why = NULL;
	bool b;

	memset(&sa, 0, sizeof(sa));
	sa.sin6_family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, ip, &sa.sin6_addr), 1);
	b = fetch_address_blocked((struct sockaddr *)&sa, &why);
	assert_true(!b || (why && *why));
	return b;
}

static void test_addresses(void **state)
{
	static const char *const v4_blocked[] = {
		"0.0.0.0",        "0.1.2.3",         "10.0.0.1",
		"10.255.255.255", "100.64.0.1",      "100.127.255.254",
		"127.0.0.1",      "127.255.0.9",     "169.254.169.254",
		"169.254.0.1",    "172.16.0.1",      "172.31.255.255",
		"192.168.1.1",    "192.0.0.8",       "192.0.2.1",
		"198.18.0.1",     "198.19.255.255",  "198.51.100.7",
		"203.0.113.9",    "224.0.0.1",       "239.255.255.250",
		"240.0.0.1",      "255.255.255.255",
	};
	static const char *const v4_public[] = {
		"1.1.1.1",    "8.8.8.8",       "100.63.255.255", "100.128.0.0",
		"172.15.0.1", "172.32.0.1",    "169.253.0.1",    "192.167.0.1",
		"198.17.0.1", "223.255.255.1", "93.184.216.34",
	};
	static const char *const v6_blocked[] = {
		"::",
		"::1",
		"::ffff:127.0.0.1",
		"::ffff:10.1.2.3",
		"::ffff:169.254.169.254",
		"::127.0.0.1",
		"64:ff9b::10.0.0.1",
		"64:ff9b::7f00:1",
		"64:ff9b:1::1",
		"2002:c0a8:0101::1", /* 6to4 of 192.168.1.1 */
		"2002:7f00:1::",     /* 6to4 of 127.0.0.1 */
		"fc00::1",
		"fd12:3456::1",
		"fe80::1",
		"febf::1",
		"fec0::1",
		"ff02::1",
		"2001:db8::1",
		"2001::1",
		"100::1",
		"4000::1",
	};
	static const char *const v6_public[] = {
		"2606:4700:4700::1111", "2a00:1450:4001::1", "::ffff:8.8.8.8",
		"64:ff9b::808:808",     "2002:808:808::1", /* 6to4 of 8.8.8.8 */
	};
	struct sockaddr_un_like {
		sa_family_t family;
		char pad[32];
	} other = {AF_UNIX, {0}};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v4_blocked) / sizeof(v4_blocked[0]); i++)
		if (!blocked4(v4_blocked[i]))
			fail_msg("%s should be blocked", v4_blocked[i]);
	for (i = 0; i < sizeof(v4_public) / sizeof(v4_public[0]); i++)
		if (blocked4(v4_public[i]))
			fail_msg("%s should be allowed", v4_public[i]);
	for (i = 0; i < sizeof(v6_blocked) / sizeof(v6_blocked[0]); i++)
		if (!blocked6(v6_blocked[i]))
			fail_msg("%s should be blocked", v6_blocked[i]);
	for (i = 0; i < sizeof(v6_public) / sizeof(v6_public[0]); i++)
		if (blocked6(v6_public[i]))
			fail_msg("%s should be allowed", v6_public[i]);
	assert_true(fetch_address_blocked((struct sockaddr *)&other, NULL));
}

static void test_url_check(void **state)
{
	char d[256];

	(void)state;
	assert_int_equal(fetch_url_check("http://example.com/a", d, sizeof(d)),
	                 FETCH_OK);
	assert_int_equal(fetch_url_check("HTTPS://example.com", d, sizeof(d)),
	                 FETCH_OK);
	assert_int_equal(fetch_url_check("file:///etc/passwd", d, sizeof(d)),
	                 FETCH_E_URL);
	assert_int_equal(fetch_url_check("gopher://x/", d, sizeof(d)),
	                 FETCH_E_URL);
	assert_int_equal(fetch_url_check("/relative", d, sizeof(d)),
	                 FETCH_E_URL);
	assert_int_equal(fetch_url_check("", d, sizeof(d)), FETCH_E_URL);
	assert_int_equal(fetch_error_status(FETCH_E_TIMEOUT), 504);
	assert_int_equal(fetch_error_status(FETCH_E_BLOCKED), 422);
	assert_int_equal(fetch_error_status(FETCH_E_STATUS), 502);
	assert_int_equal(fetch_error_status(FETCH_E_BUSY), 503);
}

/* ---- a libmicrohttpd fixture ------------------------------------------- */

struct site {
	struct MHD_Daemon *d;
	unsigned port;
	atomic_uint connections;
	char location[128]; /* "/hop" redirects here */
	unsigned delay_ms;  /* "/slow" waits this long */
};

static enum MHD_Result serve(void *cls, struct MHD_Connection *c,
                             const char *url, const char *method,
                             const char *version, const char *data,
                             size_t *size, void **ptr)
{
	static const char page[] =
		"<html><body><article><p>\xe2\x80\x9cIt works,\xe2\x80\x9d "
		"said Ada.</p></article></body></html>";
	struct site *s = cls;
	struct MHD_Response *r;
	enum MHD_Result ok;
	unsigned status = 200;

	(void)method;
	(void)version;
	(void)data;
	(void)size;
	if (!*ptr) {
		*ptr = s;
		return MHD_YES;
	}
	if (!strcmp(url, "/slow"))
		usleep(s->delay_ms * 1000u);
	r = MHD_create_response_from_buffer(strlen(page), (void *)page,
	                                    MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	if (!strcmp(url, "/hop")) {
		status = 302;
		MHD_add_response_header(r, "Location", s->location);
	}
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

static void on_connect(void *cls, struct MHD_Connection *c, void **socket_ctx,
                       enum MHD_ConnectionNotificationCode code)
{
	struct site *s = cls;

	(void)c;
	(void)socket_ctx;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		atomic_fetch_add(&s->connections, 1);
}

static void site_start(struct site *s)
{
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *di;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* A thread per connection: /slow must not hold up the others. */
	s->d = MHD_start_daemon(
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD,
		0, NULL, NULL, serve, s, MHD_OPTION_SOCK_ADDR, &sa,
		MHD_OPTION_NOTIFY_CONNECTION, on_connect, s,
		MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_END);
	assert_non_null(s->d);
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	assert_non_null(di);
	s->port = di->port;
}

static void site_stop(struct site *s)
{
	MHD_stop_daemon(s->d);
}

static void config_init(struct fetch_config *fc)
{
	memset(fc, 0, sizeof(*fc));
	fc->max_body = 1 << 20;
	fc->connect_timeout_ms = 2000;
	fc->timeout_ms = 5000;
	fc->max_in_flight = 8;
}

static void exempt(struct fetch_config *fc, unsigned port)
{
	struct sockaddr_in *sa = (struct sockaddr_in *)&fc->exempt;

	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

/* ---- the guard across a redirect --------------------------------------- */

static void test_redirect_to_private(void **state)
{
	static const char *const targets[] = {
		"http://127.0.0.1:",          /* another port, same address */
		"http://localhost:",          /* a name that resolves to it */
		"http://[::ffff:127.0.0.1]:", /* IPv4-mapped */
		"http://127.0.0.2:",          /* elsewhere in 127/8 */
	};
	struct site a, b;
	struct fetch_config fc;
	struct fetch_result res;
	char url[128];
	size_t i;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	site_start(&a);
	site_start(&b);
	config_init(&fc);
	exempt(&fc, a.port);

	/* The exempt site itself is fetched: the guard is not all-or-none. */
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/page", a.port);
	assert_int_equal(fetch_sync(&fc, url, &res), FETCH_OK);
	assert_non_null(strstr(res.body, "It works"));
	fetch_result_release(&res);

	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		snprintf(a.location, sizeof(a.location), "%s%u/", targets[i],
		         b.port);
		snprintf(url, sizeof(url), "http://127.0.0.1:%u/hop", a.port);
		if (fetch_sync(&fc, url, &res) != FETCH_E_BLOCKED)
			fail_msg("%s: error %d (%s), want blocked", a.location,
			         res.error, res.detail);
		assert_int_equal(res.redirects, 1);
		assert_non_null(strstr(res.detail, "refused to connect"));
		assert_null(res.body);
		fetch_result_release(&res);
	}
	/* B listens, yet was never connected to. */
	assert_int_equal(atomic_load(&b.connections), 0);

	/* allow_private: the same redirect is followed to B. */
	fc.allow_private = true;
	snprintf(a.location, sizeof(a.location), "http://127.0.0.1:%u/x",
	         b.port);
	assert_int_equal(fetch_sync(&fc, url, &res), FETCH_OK);
	assert_int_equal(res.redirects, 1);
	assert_non_null(strstr(res.final_url, "/x"));
	fetch_result_release(&res);
	assert_int_equal(atomic_load(&b.connections), 1);

	site_stop(&a);
	site_stop(&b);
}

/* ---- the fetcher thread ------------------------------------------------ */

struct tally {
	pthread_mutex_t mu;
	unsigned ok, shutdown, other, total;
};

static void on_done(void *ud, struct fetch_result *res)
{
	struct tally *t = ud;

	pthread_mutex_lock(&t->mu);
	if (res->error == FETCH_OK && strstr(res->body, "It works"))
		t->ok++;
	else if (res->error == FETCH_E_SHUTDOWN)
		t->shutdown++;
	else
		t->other++;
	t->total++;
	pthread_mutex_unlock(&t->mu);
	fetch_result_free(res);
}

static unsigned tally_total(struct tally *t)
{
	unsigned n;

	pthread_mutex_lock(&t->mu);
	n = t->total;
	pthread_mutex_unlock(&t->mu);
	return n;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* 64 fetches of 1 s each run at once: all done in well under 64 s. */
static void test_fetcher_concurrent(void **state)
{
	struct tally t = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0};
	struct fetcher *f;
	struct fetch_config fc;
	struct site s;
	char url[128];
	long t0;
	unsigned i;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.delay_ms = 1000;
	site_start(&s);
	config_init(&fc);
	fc.allow_private = true;
	fc.max_in_flight = 64;
	assert_int_equal(fetcher_create(&fc, &f), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/slow", s.port);
	t0 = now_ms();
	for (i = 0; i < 64; i++)
		assert_int_equal(fetcher_submit(f, url, on_done, &t), FETCH_OK);
	/* The 65th is over the cap, and refused at once. */
	assert_int_equal(fetcher_submit(f, url, on_done, &t), FETCH_E_BUSY);
	assert_int_equal(fetcher_submit(f, "file:///etc/passwd", on_done, &t),
	                 FETCH_E_URL);
	while (tally_total(&t) < 64 && now_ms() - t0 < 30000)
		usleep(10000);
	assert_int_equal(t.ok, 64);
	assert_true(now_ms() - t0 < 10000);
	assert_int_equal(fetcher_in_flight(f), 0);
	fetcher_free(f);
	site_stop(&s);
}

/* Stopping with fetches running calls each back with FETCH_E_SHUTDOWN. */
static void test_fetcher_shutdown(void **state)
{
	struct tally t = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0};
	struct fetcher *f;
	struct fetch_config fc;
	struct site s;
	char url[128];
	unsigned i;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.delay_ms = 3000;
	site_start(&s);
	config_init(&fc);
	fc.allow_private = true;
	assert_int_equal(fetcher_create(&fc, &f), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/slow", s.port);
	for (i = 0; i < 8; i++)
		assert_int_equal(fetcher_submit(f, url, on_done, &t), FETCH_OK);
	usleep(200000);
	fetcher_free(f);
	assert_int_equal(t.total, 8);
	assert_int_equal(t.shutdown, 8);
	site_stop(&s);
}

/* A guard refusal through the fetcher thread too. */
static void test_fetcher_blocked(void **state)
{
	struct tally t = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0};
	struct fetcher *f;
	struct fetch_config fc;
	struct site s;
	char url[128];
	long t0 = now_ms();

	(void)state;
	memset(&s, 0, sizeof(s));
	site_start(&s);
	config_init(&fc);
	assert_int_equal(fetcher_create(&fc, &f), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/page", s.port);
	assert_int_equal(fetcher_submit(f, url, on_done, &t), FETCH_OK);
	while (tally_total(&t) < 1 && now_ms() - t0 < 10000)
		usleep(10000);
	assert_int_equal(t.other, 1);
	assert_int_equal(atomic_load(&s.connections), 0);
	fetcher_free(f);
	site_stop(&s);
}

/* ---- the daemon's service: fetch and extract on the fetcher thread ----- */

struct got {
	pthread_mutex_t mu;
	unsigned n;
	unsigned status[4];
	char text[4][128];
};

static void on_article(void *ud, struct article_result *res)
{
	struct got *g = ud;

	pthread_mutex_lock(&g->mu);
	if (g->n < 4) {
		g->status[g->n] = res->problem.status;
		if (!res->problem.status)
			snprintf(g->text[g->n], sizeof(g->text[0]), "%s",
			         res->article.text);
		else
			snprintf(g->text[g->n], sizeof(g->text[0]), "%s",
			         res->problem.name);
	}
	g->n++;
	pthread_mutex_unlock(&g->mu);
	article_result_free(res);
}

static void test_article_service(void **state)
{
	struct got g = {PTHREAD_MUTEX_INITIALIZER, 0, {0}, {{0}}};
	struct article_service *svc;
	struct article_problem p;
	struct fetch_config fc;
	struct site s;
	char url[128];
	long t0 = now_ms();

	(void)state;
	memset(&s, 0, sizeof(s));
	site_start(&s);
	config_init(&fc);
	fc.allow_private = true;
	fc.max_in_flight = 1;
	assert_int_equal(article_service_create(&fc, &svc), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/page", s.port);
	assert_int_equal(article_service_start(svc, url, on_article, &g, &p),
	                 0);
	/* One in flight is the cap: 503, and done is never called for it. */
	assert_int_equal(article_service_start(svc, url, on_article, &g, &p),
	                 -1);
	assert_int_equal(p.status, 503);
	assert_string_equal(p.name, "fetch-busy");
	assert_int_equal(
		article_service_start(svc, "ftp://x/", on_article, &g, &p), -1);
	assert_int_equal(p.status, 422);
	while (article_service_in_flight(svc) && now_ms() - t0 < 10000)
		usleep(10000);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.status[0], 0);
	assert_string_equal(g.text[0],
	                    "\xe2\x80\x9cIt works,\xe2\x80\x9d said Ada.");
	/* Stopping with a job running calls it back with a 503. */
	s.delay_ms = 3000;
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/slow", s.port);
	assert_int_equal(article_service_start(svc, url, on_article, &g, &p),
	                 0);
	usleep(200000);
	article_service_free(svc);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.status[1], 503);
	assert_string_equal(g.text[1], "fetch-shutdown");
	site_stop(&s);
}

/* ---- extraction -------------------------------------------------------- */

static void extract(const char *html, const char *type,
                    struct extract_article *a)
{
	assert_int_equal(extract_article(html, strlen(html), type,
	                                 "http://example.com/a/b", a),
	                 0);
}

static void test_extract_q_and_blockquote(void **state)
{
	struct extract_article a;

	(void)state;
	extract("<p>He said <q>no</q> and <q>\"yes\"</q>, then "
	        "<q>a <q>b</q> c</q>.</p><blockquote><p>One.</p><p>Two.</p>"
	        "</blockquote>",
	        NULL, &a);
	assert_string_equal(
		a.text, "He said \xe2\x80\x9cno\xe2\x80\x9d and \"yes\", then "
			"\xe2\x80\x9c"
			"a \xe2\x80\x98"
			"b\xe2\x80\x99 c\xe2\x80\x9d.\n\nOne.\n\nTwo.");
	extract_article_release(&a);
}

static void test_extract_whitespace(void **state)
{
	struct extract_article a;

	(void)state;
	extract("<div>  Line&nbsp;one <br> line\ttwo<br><br>para "
	        "&amp;&#8217;&#x2014; three\xc2\xad\xe2\x80\x8b</div>"
	        "<script>var x = 1;</script><style>p{}</style>",
	        NULL, &a);
	assert_string_equal(a.text, "Line one\nline two\n\npara "
	                            "&\xe2\x80\x99\xe2\x80\x94 three");
	assert_int_equal(a.source, EXTRACT_BODY);
	extract_article_release(&a);
}

static void test_extract_invalid_utf8(void **state)
{
	static const char page[] =
		"<p>caf\xc3\xa9 \xff\xfe ok \xed\xa0\x80</p>";
	struct extract_article a;

	(void)state;
	/* Valid UTF-8 but for a few bytes: windows-1252 is not guessed when
	 * the page says utf-8. */
	assert_int_equal(extract_article(page, sizeof(page) - 1,
	                                 "text/html; charset=utf-8", NULL, &a),
	                 0);
	assert_string_equal(a.text, "caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd ok "
	                            "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	extract_article_release(&a);
}

static void test_extract_jsonld_graph(void **state)
{
	static const char page[] =
		"<html lang=fr><head><script type=\"application/ld+json\">"
		"[{\"@type\":\"WebSite\",\"name\":\"x\"},"
		"{\"@graph\":[{\"@type\":[\"NewsArticle\"],"
		"\"headline\":\"Caf&eacute; &amp; bar\","
		"\"author\":\"Ana\",\"datePublished\":\"2026-01-02 03:04:05\","
		"\"publisher\":[{\"name\":\"Gazette\"}],"
		"\"articleBody\":\"Too short.\"}]}]"
		"</script></head><body><article><p>The real story is this "
		"paragraph, which is long enough.</p></article></body></html>";
	struct extract_article a;

	(void)state;
	extract(page, NULL, &a);
	/* &eacute; is not among the entities decoded in JSON-LD: kept. */
	assert_string_equal(a.title, "Caf&eacute; & bar");
	assert_string_equal(a.byline, "Ana");
	assert_string_equal(a.published, "2026-01-02T03:04:05");
	assert_string_equal(a.site, "Gazette");
	assert_string_equal(a.language, "fr");
	/* A short articleBody is not plausible: the page's text wins. */
	assert_int_equal(a.source, EXTRACT_ARTICLE);
	assert_string_equal(a.text, "The real story is this paragraph, which "
	                            "is long enough.");
	extract_article_release(&a);
}

static void test_extract_furniture_guard(void **state)
{
	/* A wrapper whose class says "sidebar" but holds the story stays. */
	static const char page[] =
		"<body><div class=\"layout has-sidebar\"><p>First paragraph of "
		"the story.</p><p>Second paragraph of the story.</p>"
		"<div class=\"share\"><p>Share</p></div></div>"
		"<div class=\"related\"><p>Other.</p></div></body>";
	struct extract_article a;

	(void)state;
	extract(page, NULL, &a);
	assert_string_equal(a.text, "First paragraph of the story.\n\n"
	                            "Second paragraph of the story.");
	extract_article_release(&a);
}

static void test_extract_empty(void **state)
{
	struct extract_article a;

	(void)state;
	assert_int_equal(extract_article(NULL, 0, NULL, NULL, &a), 0);
	assert_string_equal(a.text, "");
	assert_int_equal(a.source, EXTRACT_NONE);
	extract_article_release(&a);
	extract("<nav><p>Home</p></nav>", NULL, &a);
	assert_string_equal(a.text, "");
	extract_article_release(&a);
}

#define CASE(f) cmocka_unit_test(f)

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		CASE(test_addresses),
		CASE(test_url_check),
		CASE(test_redirect_to_private),
		CASE(test_fetcher_concurrent),
		CASE(test_fetcher_shutdown),
		CASE(test_fetcher_blocked),
		CASE(test_article_service),
		CASE(test_extract_q_and_blockquote),
		CASE(test_extract_whitespace),
		CASE(test_extract_invalid_utf8),
		CASE(test_extract_jsonld_graph),
		CASE(test_extract_furniture_guard),
		CASE(test_extract_empty),
	};
	char name[128];
	size_t i;
	int rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (argc > 1) {
		snprintf(name, sizeof(name), "test_%s", argv[1]);
		for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
			if (!strcmp(tests[i].name, name))
				break;
		if (i == sizeof(tests) / sizeof(tests[0])) {
			fprintf(stderr, "no case '%s'\n", argv[1]);
			return 1;
		}
		rc = _cmocka_run_group_tests(name, &tests[i], 1, NULL, NULL);
	} else {
		rc = cmocka_run_group_tests(tests, NULL, NULL);
	}
	curl_global_cleanup();
	return rc;
}
