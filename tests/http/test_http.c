/*
 * test_http.c - suite `http`: the real daemon on 127.0.0.1, port 0.
 *
 *   test_http WHOSAID SOURCE_ROOT [CASE]
 *
 * Each case starts `WHOSAID serve --port 0` (or runs it to a failure),
 * reads the port from its "listening" log line, drives it with libcurl
 * or a raw socket, and stops it. meson runs one case per test so the
 * cases run in parallel and fail one by one. WS_TEST_WRAPPER (set by the
 * valgrind test setup) is a command line to run the daemon under; it
 * makes every wait ten times longer.
 *
 * The url_* cases also start tests/fetch/fixture.py, the fetch suite's
 * web server on 127.0.0.1, and let the daemon fetch from it with
 * WHOSAID_FETCH_ALLOW_PRIVATE=true (or prove that the default refuses
 * it). Nothing here talks to any address but 127.0.0.1.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>

#include "span_check.h"
#include "whosaid.h"

extern char **environ;

static const char *whosaid_bin;
static const char *source_root;
static const char *wrapper;
static int scale = 1; /* waits are multiplied by this under a wrapper */

/* Per-case scratch directory with the daemon's log and config files. */
struct fixture {
	char dir[64];
	char log[96];
	char conf[96];
	pid_t pid;
	unsigned port;
	/* the web server the daemon fetches from, if started */
	char web_log[96];
	pid_t web_pid;
	unsigned web_port;
};

/* ---- small helpers ------------------------------------------------------ */

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* The whole file as a NUL-terminated string (at most 1 MiB), or "". */
static char *slurp(const char *path)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap + 1);
	FILE *f;

	assert_non_null(buf);
	f = fopen(path, "r");
	if (f) {
		n = fread(buf, 1, cap, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void show_log(const struct fixture *fx)
{
	char *log = slurp(fx->log);

	print_message("---- daemon output (%s)\n%s----\n", fx->log, log);
	free(log);
}

/* Is `needle` in the daemon's output? */
static bool log_has(const struct fixture *fx, const char *needle)
{
	char *log = slurp(fx->log);
	bool found = strstr(log, needle) != NULL;

	free(log);
	return found;
}

/* Wait until `needle` shows up in the daemon's output. */
static bool wait_log(const struct fixture *fx, const char *needle,
                     long timeout_ms)
{
	long end = now_ms() + timeout_ms * scale;

	while (now_ms() < end) {
		if (log_has(fx, needle))
			return true;
		sleep_ms(10);
	}
	return false;
}

/* ---- the daemon --------------------------------------------------------- */

/*
 * Start `whosaid args...` with stdout and stderr in fx->log, the
 * environment stripped of WHOSAID_* and given `env` ("K=V", NULL-ended).
 */
static void spawn(struct fixture *fx, const char *const *args,
                  const char *const *env)
{
	char *argv[48], wrap[512], *tok, *save = NULL;
	size_t n = 0, i;
	pid_t pid;
	int fd;

	if (wrapper) {
		snprintf(wrap, sizeof(wrap), "%s", wrapper);
		for (tok = strtok_r(wrap, " ", &save); tok && n < 16;
		     tok = strtok_r(NULL, " ", &save))
			argv[n++] = tok;
	}
	argv[n++] = (char *)whosaid_bin;
	for (i = 0; args[i] && n < 47; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *names[256];
		size_t k = 0;

		/* A test that dies must not leave its daemon running. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);

		fd = open(fx->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		for (i = 0; environ[i] && k < 256; i++)
			if (!strncmp(environ[i], "WHOSAID_", 8))
				names[k++] = strndup(environ[i],
				                     strcspn(environ[i], "="));
		for (i = 0; i < k; i++)
			unsetenv(names[i]);
		for (i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		execvp(argv[0], argv);
		_exit(127);
	}
	fx->pid = pid;
}

/* Wait for the child to exit; its status, or -1 (then it is killed). */
static int wait_exit(struct fixture *fx, long timeout_ms)
{
	long end = now_ms() + timeout_ms * scale;
	int status;
	pid_t r;

	while (now_ms() < end) {
		r = waitpid(fx->pid, &status, WNOHANG);
		if (r == fx->pid) {
			fx->pid = 0;
			return status;
		}
		sleep_ms(10);
	}
	kill(fx->pid, SIGKILL);
	waitpid(fx->pid, &status, 0);
	fx->pid = 0;
	return -1;
}

/* Start the daemon and read the port from its "listening" line. */
static void start(struct fixture *fx, const char *const *args,
                  const char *const *env)
{
	long end;
	char *log, *line, *port;

	/* Not a listening line left by a daemon started before. */
	unlink(fx->log);
	spawn(fx, args, env);
	end = now_ms() + 10000L * scale;
	while (now_ms() < end) {
		log = slurp(fx->log);
		line = strstr(log, "\"event\":\"listening\"");
		port = line ? strstr(line, "\"port\":") : NULL;
		if (port) {
			fx->port = (unsigned)strtoul(port + 7, NULL, 10);
			free(log);
			assert_true(fx->port > 0 && fx->port < 65536);
			return;
		}
		free(log);
		if (waitpid(fx->pid, NULL, WNOHANG) == fx->pid) {
			fx->pid = 0;
			show_log(fx);
			fail_msg("the daemon exited before listening");
		}
		sleep_ms(10);
	}
	show_log(fx);
	fail_msg("no \"listening\" line within 10 s");
}

static void start_default(struct fixture *fx)
{
	static const char *const args[] = {"serve", "--port", "0", NULL};

	start(fx, args, NULL);
}

/* SIGTERM, then expect a clean exit. */
static void stop(struct fixture *fx)
{
	int status;

	assert_int_equal(kill(fx->pid, SIGTERM), 0);
	status = wait_exit(fx, 10000);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		show_log(fx);
		fail_msg("daemon did not exit 0 on SIGTERM (status %d)",
		         status);
	}
}

/* Run whosaid to completion; expect exit status `code` and `needles`. */
static void run_expect(struct fixture *fx, const char *const *args,
                       const char *const *env, int code,
                       const char *const *needles)
{
	int status;
	size_t i;

	spawn(fx, args, env);
	status = wait_exit(fx, 10000);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != code) {
		show_log(fx);
		fail_msg("expected exit status %d, got wait status %d", code,
		         status);
	}
	for (i = 0; needles && needles[i]; i++) {
		if (!log_has(fx, needles[i])) {
			show_log(fx);
			fail_msg("the output does not mention '%s'",
			         needles[i]);
		}
	}
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/whosaid-http-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->log, sizeof(fx->log), "%s/daemon.log", fx->dir);
	snprintf(fx->conf, sizeof(fx->conf), "%s/test.conf", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	if (fx->pid > 0) {
		kill(fx->pid, SIGKILL);
		waitpid(fx->pid, NULL, 0);
	}
	if (fx->web_pid > 0) {
		kill(fx->web_pid, SIGKILL);
		waitpid(fx->web_pid, NULL, 0);
		unlink(fx->web_log);
	}
	unlink(fx->log);
	unlink(fx->conf);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* ---- HTTP with libcurl -------------------------------------------------- */

struct resp {
	long status;
	long connects;
	char body[1 << 18];
	size_t blen;
	char head[8192];
	size_t hlen;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct resp *r = ud;
	size_t len = size * n, room = sizeof(r->body) - 1 - r->blen;

	memcpy(r->body + r->blen, p, len < room ? len : room);
	r->blen += len < room ? len : room;
	r->body[r->blen] = '\0';
	return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct resp *r = ud;
	size_t len = size * n, room = sizeof(r->head) - 1 - r->hlen;

	memcpy(r->head + r->hlen, p, len < room ? len : room);
	r->hlen += len < room ? len : room;
	r->head[r->hlen] = '\0';
	return len;
}

/* Perform the request set up on h (URL, options) and collect it. */
static void perform(CURL *h, unsigned port, const char *method,
                    const char *path, struct resp *r)
{
	char url[256];
	CURLcode rc;

	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 60000L * scale);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	rc = curl_easy_perform(h);
	if (rc != CURLE_OK)
		fail_msg("%s %s: %s", method, url, curl_easy_strerror(rc));
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &r->connects);
}

/*
 * One request on handle h (reused, so keep-alive applies). `body` NULL
 * sends none.
 */
static void http(CURL *h, unsigned port, const char *method, const char *path,
                 const char *body, struct resp *r)
{
	curl_easy_setopt(h, CURLOPT_NOBODY, !strcmp(method, "HEAD") ? 1L : 0L);
	if (body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	} else if (strcmp(method, "HEAD")) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	}
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST,
	                 strcmp(method, "GET") && strcmp(method, "HEAD")
	                         ? method
	                         : NULL);
	perform(h, port, method, path, r);
}

static void get(unsigned port, const char *method, const char *path,
                const char *body, struct resp *r)
{
	CURL *h = curl_easy_init();

	assert_non_null(h);
	http(h, port, method, path, body, r);
	curl_easy_cleanup(h);
}

/* Case-insensitive: is "Name: value" among the response headers? */
static bool has_header(const struct resp *r, const char *line)
{
	size_t n = strlen(line);
	const char *p = r->head;

	while ((p = strchr(p, '\n'))) {
		p++;
		if (!strncasecmp(p, line, n) && (p[n] == '\r' || p[n] == '\n'))
			return true;
	}
	return false;
}

/* The body as JSON; the test fails when it is not. */
static json_t *body_json(const struct resp *r)
{
	json_error_t err;
	json_t *j = json_loads(r->body, 0, &err);

	if (!j)
		fail_msg("body is not JSON (%s): %s", err.text, r->body);
	return j;
}

#define TYPE_BASE "tag:whosaid,2026:"

/* An RFC 9457 problem with this status and type name; its JSON. */
static json_t *problem_of(const struct resp *r, long status, const char *name)
{
	char type[96];
	json_t *j;

	if (r->status != status)
		fail_msg("expected %ld %s, got %ld: %.400s", status, name,
		         r->status, r->body);
	assert_true(has_header(r, "Content-Type: application/problem+json"));
	j = body_json(r);
	snprintf(type, sizeof(type), TYPE_BASE "%s", name);
	assert_string_equal(json_string_value(json_object_get(j, "type")),
	                    type);
	assert_non_null(json_string_value(json_object_get(j, "title")));
	assert_int_equal(json_integer_value(json_object_get(j, "status")),
	                 status);
	assert_non_null(json_string_value(json_object_get(j, "detail")));
	return j;
}

static void assert_problem(const struct resp *r, long status, const char *name)
{
	json_decref(problem_of(r, status, name));
}

/* ---- raw sockets, for requests that arrive slowly ----------------------- */

/* Connect to 127.0.0.1:port from the loopback address `from` (host
 * order, 0: any). */
static int connect_from(unsigned port, uint32_t from)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	if (from) {
		memset(&sa, 0, sizeof(sa));
		sa.sin_family = AF_INET;
		sa.sin_addr.s_addr = htonl(from);
		assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)),
		                 0);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int connect_port(unsigned port)
{
	return connect_from(port, 0);
}

static void send_all(int fd, const char *s)
{
	size_t n = strlen(s), off = 0;
	ssize_t w;

	while (off < n) {
		w = send(fd, s + off, n - off, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fail_msg("send: %s", strerror(errno));
		off += (size_t)w;
	}
}

/*
 * Read one response: headers, then Content-Length bytes, a chunked body
 * to its last chunk, nothing for 204 and 304, or until the peer closes.
 * A 100 Continue before it is dropped. Returns its length in buf
 * (NUL-terminated).
 */
static size_t read_response(int fd, char *buf, size_t cap, long timeout_ms)
{
	long end = now_ms() + timeout_ms * scale;
	size_t n = 0, want = (size_t)-1;
	struct pollfd p = {fd, POLLIN, 0};
	const char *eoh, *cl;
	ssize_t r;

	while (n < want && n + 1 < cap && now_ms() < end) {
		if (poll(&p, 1, 50) <= 0)
			continue;
		r = recv(fd, buf + n, cap - 1 - n, 0);
		if (r <= 0)
			break;
		n += (size_t)r;
		buf[n] = '\0';
		eoh = strstr(buf, "\r\n\r\n");
		if (eoh && !strncmp(buf, "HTTP/1.1 100 ", 13)) {
			size_t skip = (size_t)(eoh + 4 - buf);

			memmove(buf, buf + skip, n - skip + 1);
			n -= skip;
			eoh = strstr(buf, "\r\n\r\n");
		}
		if (!eoh)
			continue;
		cl = strcasestr(buf, "\r\nContent-Length:");
		if (!strncmp(buf + 9, "204", 3) || !strncmp(buf + 9, "304", 3))
			want = (size_t)(eoh + 4 - buf);
		else if (cl && cl < eoh)
			want = (size_t)(eoh + 4 - buf) +
			       strtoul(cl + 17, NULL, 10);
		else if (strcasestr(buf, "\r\nTransfer-Encoding: chunked") &&
		         n >= 5 && !memcmp(buf + n - 5, "0\r\n\r\n", 5))
			want = n;
	}
	buf[n] = '\0';
	return n;
}

/* The status of a response read by read_response(), 0 if none. */
static int status_of(const char *buf)
{
	if (strncmp(buf, "HTTP/1.", 7) || strlen(buf) < 12)
		return 0;
	return atoi(buf + 9);
}

/*
 * Send n bytes, stopping quietly if the server closes first (it may
 * answer and close before reading everything). Returns what was sent.
 */
static size_t send_some(int fd, const char *s, size_t n)
{
	size_t off = 0;
	ssize_t w;

	while (off < n) {
		w = send(fd, s + off, n - off, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	return off;
}

/* ---- cases: endpoints --------------------------------------------------- */

static void test_healthz(void **state)
{
	struct fixture *fx = *state;
	struct resp r;
	json_t *j;

	start_default(fx);
	get(fx->port, "GET", "/healthz", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(
		&r, "Content-Type: application/json; charset=utf-8"));
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "status")),
	                    "ok");
	json_decref(j);
	get(fx->port, "HEAD", "/healthz", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.blen, 0);
	stop(fx);
}

static void test_readyz(void **state)
{
	struct fixture *fx = *state;
	struct resp r;
	json_t *j;

	start_default(fx);
	get(fx->port, "GET", "/readyz", NULL, &r);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "status")),
	                    "ready");
	assert_true(json_integer_value(json_object_get(j, "cue_forms")) > 0);
	json_decref(j);
	stop(fx);
}

static void test_version(void **state)
{
	struct fixture *fx = *state;
	struct resp r;
	json_t *j, *b;

	start_default(fx);
	get(fx->port, "GET", "/version", NULL, &r);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
	                    "whosaid");
	assert_string_equal(json_string_value(json_object_get(j, "version")),
	                    WS_VERSION);
	assert_true(json_string_length(json_object_get(j, "rules")) > 0);
	b = json_object_get(j, "build");
	assert_true(json_string_length(json_object_get(b, "compiler")) > 0);
	assert_true(json_string_length(json_object_get(b, "type")) > 0);
	assert_true(json_string_length(json_object_get(b, "date")) > 0);
	json_decref(j);
	stop(fx);
}

static void test_not_found(void **state)
{
	struct fixture *fx = *state;
	struct resp r;

	start_default(fx);
	get(fx->port, "GET", "/nope", NULL, &r);
	assert_problem(&r, 404, "not-found");
	get(fx->port, "GET", "/healthz/extra?x=1", NULL, &r);
	assert_problem(&r, 404, "not-found");
	stop(fx);
}

static void test_method_not_allowed(void **state)
{
	struct fixture *fx = *state;
	struct resp r;

	start_default(fx);
	get(fx->port, "POST", "/healthz", "x=1", &r);
	assert_problem(&r, 405, "method-not-allowed");
	assert_true(has_header(&r, "Allow: GET, HEAD, OPTIONS"));
	get(fx->port, "DELETE", "/version", NULL, &r);
	assert_problem(&r, 405, "method-not-allowed");
	assert_true(has_header(&r, "Allow: GET, HEAD, OPTIONS"));
	get(fx->port, "GET", "/v1/annotate", NULL, &r);
	assert_problem(&r, 405, "method-not-allowed");
	assert_true(has_header(&r, "Allow: POST, OPTIONS"));
	/* The body of a refused request is read and dropped: the
	 * connection stays open. */
	assert_false(has_header(&r, "Connection: close"));
	stop(fx);
}

/* A body over server.max_body: 413 by Content-Length or while it streams. */
static void test_body_too_large(void **state)
{
	static const char *const env[] = {"WHOSAID_SERVER_MAX_BODY=16", NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	char buf[4096];
	int fd;

	start(fx, args, env);
	/* By Content-Length: refused before the body is read, and the
	 * connection closes, since the body will not be read. */
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Content-Type: text/plain\r\nContent-Length: 26\r\n\r\n");
	read_response(fd, buf, sizeof(buf), 5000);
	close(fd);
	assert_non_null(strstr(buf, "HTTP/1.1 413"));
	assert_non_null(strcasestr(buf, "\r\nConnection: close\r\n"));
	assert_non_null(strstr(buf, "\"limit\":16"));
	/* Chunked: no length up front, so the cap trips while reading. */
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Content-Type: text/plain\r\n"
	             "Transfer-Encoding: chunked\r\n\r\n"
	             "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n"
	             "0\r\n\r\n");
	read_response(fd, buf, sizeof(buf), 5000);
	close(fd);
	assert_non_null(strstr(buf, "HTTP/1.1 413"));
	/* One that runs on past twice the cap: the connection is closed. */
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Content-Type: text/plain\r\n"
	             "Transfer-Encoding: chunked\r\n\r\n"
	             "30\r\n0123456789abcdef0123456789abcdef0123456789abcdef"
	             "\r\n0\r\n\r\n");
	assert_int_equal(read_response(fd, buf, sizeof(buf), 5000), 0);
	close(fd);
	stop(fx);
}

/* The answer comes on a later call than the first: keep-alive holds. */
static void test_keep_alive(void **state)
{
	struct fixture *fx = *state;
	CURL *h = curl_easy_init();
	struct resp r;
	int i;

	assert_non_null(h);
	start_default(fx);
	for (i = 0; i < 3; i++) {
		http(h, fx->port, "GET", i == 1 ? "/nope" : "/healthz", NULL,
		     &r);
		assert_int_equal(r.connects, i == 0 ? 1 : 0);
		assert_false(has_header(&r, "Connection: close"));
	}
	curl_easy_cleanup(h);
	stop(fx);
}

/* One JSON line per request, with what operators need. */
static void test_request_log(void **state)
{
	struct fixture *fx = *state;
	struct resp r;
	char *log, *line;

	start_default(fx);
	get(fx->port, "GET", "/healthz?probe=1", NULL, &r);
	assert_int_equal(r.status, 200);
	stop(fx);
	log = slurp(fx->log);
	line = strstr(log, "\"event\":\"request\"");
	assert_non_null(line);
	*strchr(line, '\n') = '\0';
	assert_non_null(strstr(line, "\"method\":\"GET\""));
	assert_non_null(strstr(line, "\"path\":\"/healthz\""));
	assert_non_null(strstr(line, "\"status\":200"));
	assert_non_null(strstr(line, "\"us\":"));
	assert_non_null(strstr(log, "\"time\":\""));
	free(log);
}

/* ---- helpers for the API ------------------------------------------------ */

/* tests/http/data/story.txt, read once (NUL-terminated). */
static const char *story(size_t *len)
{
	static char *text;
	static size_t n;
	char path[1024];
	FILE *f;

	if (!text) {
		snprintf(path, sizeof(path), "%s/tests/http/data/story.txt",
		         source_root);
		text = malloc(1 << 16);
		assert_non_null(text);
		f = fopen(path, "rb");
		assert_non_null(f);
		n = fread(text, 1, (1 << 16) - 1, f);
		fclose(f);
		text[n] = '\0';
	}
	if (len)
		*len = n;
	return text;
}

/*
 * POST `len` bytes of `body` as `type` (NULL: no Content-Type) with extra
 * `headers` ("Name: value", NULL-ended, may be NULL) on handle h.
 */
static void post_h(CURL *h, unsigned port, const char *path, const char *type,
                   const char *body, size_t len, const char *const *headers,
                   struct resp *r)
{
	struct curl_slist *list = NULL;
	char line[512];
	size_t i;

	snprintf(line, sizeof(line), "Content-Type:%s%s", type ? " " : "",
	         type ? type : "");
	list = curl_slist_append(list, line);
	list = curl_slist_append(list, "Expect:");
	for (i = 0; headers && headers[i]; i++)
		list = curl_slist_append(list, headers[i]);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
	curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, body);
	perform(h, port, "POST", path, r);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(list);
}

static void post(unsigned port, const char *path, const char *type,
                 const char *body, size_t len, const char *const *headers,
                 struct resp *r)
{
	CURL *h = curl_easy_init();

	assert_non_null(h);
	post_h(h, port, path, type, body, len, headers, r);
	curl_easy_cleanup(h);
}

static struct resp *resp_new(void)
{
	struct resp *r = malloc(sizeof(*r));

	assert_non_null(r);
	return r;
}

/* A 200 annotate answer: the engine, and at least `quotes` quotes. */
static json_t *assert_annotated(const struct resp *r, size_t quotes)
{
	json_t *j, *e;

	if (r->status != 200)
		fail_msg("expected 200, got %ld: %.400s", r->status, r->body);
	assert_true(
		has_header(r, "Content-Type: application/json; charset=utf-8"));
	j = body_json(r);
	e = json_object_get(j, "engine");
	assert_string_equal(json_string_value(json_object_get(e, "version")),
	                    WS_VERSION);
	assert_true(json_string_length(json_object_get(e, "rules")) > 0);
	assert_true(json_array_size(json_object_get(j, "quotes")) >= quotes);
	assert_true(json_is_array(json_object_get(j, "entities")));
	return j;
}

/* The daemon annotates the story correctly right now. */
static void assert_serves(unsigned port)
{
	struct resp *r = resp_new();
	size_t len;
	const char *text = story(&len);

	post(port, "/v1/annotate", "text/plain; charset=utf-8", text, len, NULL,
	     r);
	json_decref(assert_annotated(r, 3));
	free(r);
}

/* ---- cases: the API ----------------------------------------------------- */

/* text/plain in, the engine's JSON out, on a kept-alive connection. */
static void test_annotate_text(void **state)
{
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	CURL *h = curl_easy_init();
	json_t *j, *q;
	size_t len, i;
	const char *text = story(&len);

	start_default(fx);
	for (i = 0; i < 3; i++) {
		post_h(h, fx->port, "/v1/annotate", "text/plain; charset=utf-8",
		       text, len, NULL, r);
		j = assert_annotated(r, 3);
		assert_int_equal(r->connects, i == 0 ? 1 : 0);
		assert_false(has_header(r, "Connection: close"));
		assert_null(json_object_get(j, "id"));
		assert_string_equal(
			json_string_value(json_object_get(j, "offsets")),
			"codepoint");
		q = json_array_get(json_object_get(j, "quotes"), 0);
		assert_string_equal(
			json_string_value(json_object_get(
				json_object_get(q, "speaker"), "name")),
			"Elena Ruiz");
		json_decref(j);
	}
	curl_easy_cleanup(h);
	free(r);
	stop(fx);
}

/* JSON in: id echoed, offsets from the query or the body (body wins). */
static void test_annotate_json(void **state)
{
	static const char body[] =
		"{\"id\": \"a-1\", \"title\": \"Pier\", \"options\": "
		"{\"offsets\": \"utf8\"}, \"text\": \"\\u201cIt is over,\\u201d "
		"the mayor said.\"}";
	static const char num[] = "{\"id\": 12345.678, \"text\": "
				  "\"\\u201cYes,\\u201d she said.\"}";
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	json_t *j, *c;

	start_default(fx);
	post(fx->port, "/v1/annotate?offsets=utf16", "application/json", body,
	     strlen(body), NULL, r);
	j = assert_annotated(r, 1);
	assert_string_equal(json_string_value(json_object_get(j, "id")), "a-1");
	assert_string_equal(json_string_value(json_object_get(j, "offsets")),
	                    "utf8");
	/* In bytes: the opening mark is 3 bytes long. */
	c = json_object_get(json_array_get(json_object_get(j, "quotes"), 0),
	                    "content");
	assert_int_equal(json_integer_value(json_object_get(c, "start")), 3);
	json_decref(j);
	/* The id's number comes back as written. */
	post(fx->port, "/v1/annotate?offsets=utf16", "application/json", num,
	     strlen(num), NULL, r);
	j = assert_annotated(r, 1);
	assert_non_null(strstr(r->body, "{\"id\":12345.678,\"engine\""));
	assert_string_equal(json_string_value(json_object_get(j, "offsets")),
	                    "utf16");
	json_decref(j);
	free(r);
	stop(fx);
}

/* ---- cases: stories by URL ---------------------------------------------- */

/* Start tests/fetch/fixture.py on 127.0.0.1 and read its port. */
static void web_start(struct fixture *fx)
{
	char script[1024], *log, *p;
	long end;
	pid_t pid;
	int fd;

	snprintf(fx->web_log, sizeof(fx->web_log), "%s/web.log", fx->dir);
	snprintf(script, sizeof(script), "%s/tests/fetch/fixture.py",
	         source_root);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		fd = open(fx->web_log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		execlp("python3", "python3", script, (char *)NULL);
		_exit(127);
	}
	fx->web_pid = pid;
	end = now_ms() + 10000L;
	while (now_ms() < end) {
		log = slurp(fx->web_log);
		p = strstr(log, "port ");
		if (p && strchr(p, '\n')) {
			fx->web_port = (unsigned)strtoul(p + 5, NULL, 10);
			free(log);
			assert_true(fx->web_port > 0 && fx->web_port < 65536);
			return;
		}
		free(log);
		if (waitpid(pid, NULL, WNOHANG) == pid) {
			fx->web_pid = 0;
			fail_msg("tests/fetch/fixture.py exited: see %s",
			         fx->web_log);
		}
		sleep_ms(20);
	}
	fail_msg("tests/fetch/fixture.py printed no port within 10 s");
}

/* Requests the fixture has had (its /hits page, which it does not count). */
static long web_hits(const struct fixture *fx)
{
	struct resp *r = resp_new();
	long n;

	get(fx->web_port, "GET", "/hits", NULL, r);
	assert_int_equal(r->status, 200);
	n = strtol(r->body, NULL, 10);
	free(r);
	return n;
}

/* Wait until the fixture has had `n` requests. */
static void web_wait_hits(const struct fixture *fx, long n)
{
	long end = now_ms() + 10000L * scale;

	while (web_hits(fx) < n) {
		if (now_ms() > end)
			fail_msg("the fixture did not get %ld requests", n);
		sleep_ms(20);
	}
}

/* {"url": "http://127.0.0.1:WEB_PORT<path>"} plus `more` members. */
static char *url_body(const struct fixture *fx, const char *path,
                      const char *more)
{
	char *b = malloc(1024);

	assert_non_null(b);
	snprintf(b, 1024, "{\"url\": \"http://127.0.0.1:%u%s\"%s}",
	         fx->web_port, path, more ? more : "");
	return b;
}

/* POST {"url": ...} for the fixture's `path` and collect the answer. */
static void post_url(const struct fixture *fx, const char *query,
                     const char *path, const char *more, struct resp *r)
{
	char *body = url_body(fx, path, more), target[64];

	snprintf(target, sizeof(target), "/v1/annotate%s", query ? query : "");
	post(fx->port, target, "application/json", body, strlen(body), NULL, r);
	free(body);
}

/* The same request on a raw socket, not waited for; the socket. */
static int send_url(const struct fixture *fx, const char *path)
{
	char *body = url_body(fx, path, NULL), req[1536];
	int fd = connect_port(fx->port);

	assert_true(fd >= 0);
	snprintf(req, sizeof(req),
	         "POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	         "Content-Type: application/json\r\n"
	         "Content-Length: %zu\r\n\r\n%s",
	         strlen(body), body);
	send_all(fd, req);
	free(body);
	return fd;
}

/* Start the daemon to fetch from the fixture; `env` adds to it. */
static void start_fetching(struct fixture *fx, const char *const *more)
{
	static const char *const args[] = {"serve", "--port", "0", NULL};
	const char *env[16] = {"WHOSAID_FETCH_ALLOW_PRIVATE=true"};
	size_t n = 1;

	web_start(fx);
	while (more && *more && n < 15)
		env[n++] = *more++;
	env[n] = NULL;
	start(fx, args, env);
}

/*
 * A url answer: the text answer's keys plus "article" and "text", every
 * span an offset into that "text" in `unit`. Returns the JSON.
 */
static json_t *assert_url_answer(const struct resp *r, enum ws_unit unit)
{
	json_t *j = assert_annotated(r, 1), *doc;
	const char *text = json_string_value(json_object_get(j, "text"));
	size_t len = json_string_length(json_object_get(j, "text"));

	assert_non_null(text);
	assert_true(json_is_object(json_object_get(j, "article")));
	/* Answer order: id, engine, article, text, then the document. */
	assert_non_null(strstr(r->body, "\"engine\":{"));
	assert_true(strstr(r->body, "\"article\":{") <
	            strstr(r->body, "\"text\":\""));
	doc = json_deep_copy(j);
	json_object_del(doc, "article");
	json_object_del(doc, "text");
	assert_true(check_doc_json(doc, text, len, unit) > 0);
	json_decref(doc);
	return j;
}

/* A wire story by URL: quotes, the article's metadata and its text. */
static void test_url_story(void **state)
{
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	json_t *j, *a, *q;
	char want[128];
	const char *text;
	size_t i;

	start_fetching(fx, NULL);
	post_url(fx, NULL, "/wire", ", \"id\": \"w-1\"", r);
	j = assert_url_answer(r, WS_UNIT_CODEPOINT);
	assert_string_equal(json_string_value(json_object_get(j, "id")), "w-1");
	assert_string_equal(json_string_value(json_object_get(j, "offsets")),
	                    "codepoint");
	a = json_object_get(j, "article");
	snprintf(want, sizeof(want), "http://127.0.0.1:%u/wire", fx->web_port);
	assert_string_equal(json_string_value(json_object_get(a, "url")), want);
	assert_string_equal(json_string_value(json_object_get(a, "final_url")),
	                    want);
	assert_string_equal(json_string_value(json_object_get(a, "title")),
	                    "Old ferry pier to close for repairs");
	assert_string_equal(json_string_value(json_object_get(a, "byline")),
	                    "Ana Lind, Joe Park");
	assert_string_equal(json_string_value(json_object_get(a, "published")),
	                    "2026-11-24T09:30:00+00:00");
	assert_string_equal(json_string_value(json_object_get(a, "site")),
	                    "Riverton Wire");
	assert_string_equal(json_string_value(json_object_get(a, "language")),
	                    "en-GB");
	text = json_string_value(json_object_get(j, "text"));
	assert_true(
		!strncmp(text, "RIVERTON (Wire) \xE2\x80\x94 The harbour", 24));
	assert_null(strstr(text, "Advertisement"));
	/* Mara Okafor is quoted; so is Tom Brisk, as "he". */
	for (i = 0; i < json_array_size(json_object_get(j, "quotes")); i++) {
		q = json_array_get(json_object_get(j, "quotes"), i);
		if (!strcmp(json_string_value(json_object_get(
				    json_object_get(q, "speaker"), "name")),
		            "Mara Okafor"))
			break;
	}
	assert_true(i < json_array_size(json_object_get(j, "quotes")));
	json_decref(j);

	/* Offsets from the query, and from the body, which wins. */
	post_url(fx, "?offsets=utf16", "/redirect/2", NULL, r);
	j = assert_url_answer(r, WS_UNIT_UTF16);
	snprintf(want, sizeof(want), "http://127.0.0.1:%u/wire", fx->web_port);
	assert_string_equal(
		json_string_value(json_object_get(json_object_get(j, "article"),
	                                          "final_url")),
		want);
	json_decref(j);
	post_url(fx, "?offsets=utf16", "/wire",
	         ", \"options\": {\"offsets\": \"utf8\"}", r);
	j = assert_url_answer(r, WS_UNIT_UTF8);
	assert_string_equal(json_string_value(json_object_get(j, "offsets")),
	                    "utf8");
	json_decref(j);
	/* A text/plain page is a story too. */
	post_url(fx, NULL, "/text", NULL, r);
	json_decref(assert_url_answer(r, WS_UNIT_CODEPOINT));
	assert_serves(fx->port);
	free(r);
	stop(fx);
}

/* Pages that give no story: each failure with its own type. */
static void test_url_errors(void **state)
{
	static const char url_line[] = "{\"url\": \"http://127.0.0.1:1/\"}\n";
	static const char *const bad_urls[] = {
		"",
		"/relative/story",
		"story.html",
		"ftp://127.0.0.1/x",
		"file:///etc/passwd",
		"http://",
		"javascript:alert(1)",
	};
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	char body[256];
	json_t *j;
	size_t i;

	start_fetching(fx, NULL);
	post_url(fx, NULL, "/missing", NULL, r);
	j = problem_of(r, 502, "fetch-upstream-status");
	assert_int_equal(
		json_integer_value(json_object_get(j, "upstream_status")), 404);
	assert_non_null(strstr(json_string_value(json_object_get(j, "url")),
	                       "/missing"));
	json_decref(j);
	post_url(fx, NULL, "/doc.pdf", NULL, r);
	j = problem_of(r, 422, "fetch-unsupported-type");
	assert_non_null(strstr(json_string_value(json_object_get(j, "detail")),
	                       "application/pdf"));
	json_decref(j);
	post_url(fx, NULL, "/empty", NULL, r);
	assert_problem(r, 422, "extract-no-text");
	post_url(fx, NULL, "/redirect/9", NULL, r);
	assert_problem(r, 502, "fetch-too-many-redirects");
	post_url(fx, NULL, "/to-file", NULL, r);
	assert_problem(r, 502, "fetch-redirect-scheme");
	post_url(fx, NULL, "/big", NULL, r);
	assert_problem(r, 502, "fetch-too-large");
	for (i = 0; i < sizeof(bad_urls) / sizeof(bad_urls[0]); i++) {
		snprintf(body, sizeof(body), "{\"url\": \"%s\"}", bad_urls[i]);
		post(fx->port, "/v1/annotate", "application/json", body,
		     strlen(body), NULL, r);
		assert_problem(r, 422, "fetch-bad-url");
	}
	snprintf(body, sizeof(body), "{\"url\": [\"http://127.0.0.1:%u/\"]}",
	         fx->web_port);
	post(fx->port, "/v1/annotate", "application/json", body, strlen(body),
	     NULL, r);
	assert_problem(r, 400, "wrong-type");
	post_url(fx, NULL, "/wire",
	         ", \"text\": \"\\u201cYes,\\u201d she said.\"", r);
	assert_problem(r, 400, "text-and-url");
	/* A url line in a batch is refused, with its type. */
	post(fx->port, "/v1/annotate/batch", "application/x-ndjson", url_line,
	     strlen(url_line), NULL, r);
	assert_int_equal(r->status, 200);
	assert_non_null(
		strstr(r->body, "\"type\":\"" TYPE_BASE "url-in-batch"));
	assert_serves(fx->port);
	free(r);
	stop(fx);
}

/*
 * The guard's default refuses the fixture at connect time, however it is
 * reached: directly, by name, or by a redirect; the fixture sees nothing.
 */
static void test_url_guard(void **state)
{
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	char body[256];
	const char *const hosts[] = {"127.0.0.1", "localhost", "[::1]",
	                             "[::ffff:127.0.0.1]", "0x7f000001"};
	json_t *j;
	long hits;
	size_t i;

	web_start(fx);
	start(fx, args, NULL);
	hits = web_hits(fx);
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		snprintf(body, sizeof(body),
		         "{\"url\": \"http://%s:%u/redirect/1\"}", hosts[i],
		         fx->web_port);
		post(fx->port, "/v1/annotate", "application/json", body,
		     strlen(body), NULL, r);
		j = problem_of(r, 422, "fetch-blocked-address");
		assert_non_null(
			strstr(json_string_value(json_object_get(j, "detail")),
		               "loopback"));
		json_decref(j);
	}
	assert_int_equal(web_hits(fx), hits);
	free(r);
	stop(fx);
}

/* A page that drips a byte at a time: 504 at the configured timeout. */
static void test_url_slow(void **state)
{
	static const char *const env[] = {"WHOSAID_FETCH_TIMEOUT=2", NULL};
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	long t0, took;

	start_fetching(fx, env);
	t0 = now_ms();
	post_url(fx, NULL, "/slow", NULL, r);
	took = now_ms() - t0;
	assert_problem(r, 504, "fetch-timeout");
	if (took < 1900 || took > 2000 + 3000L * scale)
		fail_msg("answered after %ld ms, not about 2000", took);
	assert_serves(fx->port);
	free(r);
	stop(fx);
}

/* Past [fetch] max_in_flight: 503 with Retry-After, then room again. */
static void test_url_busy(void **state)
{
	static const char *const env[] = {"WHOSAID_FETCH_MAX_IN_FLIGHT=2",
	                                  "WHOSAID_FETCH_TIMEOUT=60", NULL};
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	char buf[1 << 16];
	long hits, end;
	int fd[2], i;

	start_fetching(fx, env);
	hits = web_hits(fx);
	for (i = 0; i < 2; i++)
		fd[i] = send_url(fx, "/slow-ok?s=3");
	web_wait_hits(fx, hits + 2);
	post_url(fx, NULL, "/wire", NULL, r);
	assert_problem(r, 503, "fetch-busy");
	assert_true(has_header(r, "Retry-After: 1"));
	/* Text is annotated meanwhile. */
	assert_serves(fx->port);
	for (i = 0; i < 2; i++) {
		read_response(fd[i], buf, sizeof(buf), 20000);
		close(fd[i]);
		if (status_of(buf) != 200)
			fail_msg("a slow fetch got: %.300s", buf);
		assert_non_null(
			strstr(buf, "It was slow,\xE2\x80\x9D said Kim"));
	}
	/* The slots are given back once the jobs have called back. */
	end = now_ms() + 5000L * scale;
	do {
		post_url(fx, NULL, "/wire", NULL, r);
		if (r->status != 503)
			break;
		sleep_ms(50);
	} while (now_ms() < end);
	json_decref(assert_url_answer(r, WS_UNIT_CODEPOINT));
	free(r);
	stop(fx);
}

/*
 * Clients that go away while their story is fetched: the answers go
 * nowhere, nothing leaks (valgrind, ASan: the daemon's exit status), the
 * daemon serves on.
 */
static void test_url_client_abort(void **state)
{
	static const char *const env[] = {"WHOSAID_FETCH_TIMEOUT=2", NULL};
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	struct linger hard = {1, 0};
	long hits, end;
	int fd[6], i;
	char *log, *p;

	start_fetching(fx, env);
	hits = web_hits(fx);
	for (i = 0; i < 6; i++)
		fd[i] = send_url(fx, i % 2 ? "/slow-ok?s=1" : "/slow");
	web_wait_hits(fx, hits + 6);
	for (i = 0; i < 6; i++) {
		/* Half of them reset the connection, half close it. */
		if (i < 3)
			setsockopt(fd[i], SOL_SOCKET, SO_LINGER, &hard,
			           sizeof(hard));
		close(fd[i]);
	}
	/* Each request is logged once its fetch is over (2 s at most). */
	end = now_ms() + 10000L * scale;
	for (;;) {
		log = slurp(fx->log);
		for (i = 0, p = log;
		     (p = strstr(p, "\"path\":\"/v1/annotate\"")); p++)
			i++;
		free(log);
		if (i >= 6)
			break;
		if (now_ms() > end) {
			show_log(fx);
			fail_msg("%d of 6 aborted requests logged", i);
		}
		sleep_ms(50);
	}
	assert_serves(fx->port);
	post_url(fx, NULL, "/wire", NULL, r);
	json_decref(assert_url_answer(r, WS_UNIT_CODEPOINT));
	free(r);
	stop(fx);
}

/*
 * SIGTERM with fetches in flight: they get shutdown_timeout like any
 * request, then 503 fetch-shutdown, and the daemon exits 0 at once. A
 * kept-alive connection may still ask for a URL during the drain.
 */
static void test_url_sigterm(void **state)
{
	static const char *const env[] = {"WHOSAID_FETCH_TIMEOUT=60",
	                                  "WHOSAID_SERVER_SHUTDOWN_TIMEOUT=1",
	                                  NULL};
	struct fixture *fx = *state;
	char buf[4096], *body, req[1536];
	int fd[4], i, status;
	long hits, t0, took;

	start_fetching(fx, env);
	hits = web_hits(fx);
	for (i = 0; i < 3; i++)
		fd[i] = send_url(fx, "/slow");
	/* The fourth: a connection kept alive, asked again after SIGTERM. */
	fd[3] = connect_port(fx->port);
	assert_true(fd[3] >= 0);
	send_all(fd[3], "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	read_response(fd[3], buf, sizeof(buf), 5000);
	assert_int_equal(status_of(buf), 200);
	web_wait_hits(fx, hits + 3);
	t0 = now_ms();
	assert_int_equal(kill(fx->pid, SIGTERM), 0);
	assert_true(wait_log(fx, "\"event\":\"shutdown\"", 5000));
	body = url_body(fx, "/slow", NULL);
	snprintf(req, sizeof(req),
	         "POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	         "Content-Type: application/json\r\n"
	         "Content-Length: %zu\r\n\r\n%s",
	         strlen(body), body);
	free(body);
	send_all(fd[3], req);
	status = wait_exit(fx, 10000);
	took = now_ms() - t0;
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		show_log(fx);
		fail_msg("exit status %d after SIGTERM", status);
	}
	if (took > 1000 + 3000L * scale)
		fail_msg("exited %ld ms after SIGTERM", took);
	for (i = 0; i < 4; i++) {
		read_response(fd[i], buf, sizeof(buf), 5000);
		close(fd[i]);
		if (status_of(buf) != 503 ||
		    !strstr(buf, "\"type\":\"" TYPE_BASE "fetch-shutdown\""))
			fail_msg("fetch %d in flight got: %.300s", i, buf);
	}
	assert_true(log_has(fx, "\"event\":\"drain_timeout\""));
}

/* Read a chunked NDJSON answer into a string (the chunks joined). */
static char *read_chunked(int fd, size_t *len)
{
	size_t cap = 64 << 20, n = 0, out = 0;
	char *buf = malloc(cap + 1), *p, *body;
	long end = now_ms() + 120000L * scale;
	struct pollfd pfd = {fd, POLLIN, 0};
	ssize_t r;

	assert_non_null(buf);
	while (now_ms() < end && n < cap) {
		if (poll(&pfd, 1, 50) <= 0)
			continue;
		r = recv(fd, buf + n, cap - n, 0);
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n >= 5 && !memcmp(buf + n - 5, "0\r\n\r\n", 5))
			break;
	}
	buf[n] = '\0';
	assert_non_null(strstr(buf, "HTTP/1.1 200"));
	assert_non_null(strcasestr(buf, "\r\nTransfer-Encoding: chunked\r\n"));
	assert_non_null(
		strcasestr(buf, "\r\nContent-Type: application/x-ndjson\r\n"));
	p = strstr(buf, "\r\n\r\n") + 4;
	body = buf; /* decoded in place: the output never passes the input */
	for (;;) {
		char *ext;
		unsigned long size = strtoul(p, &ext, 16);

		p = strstr(p, "\r\n");
		assert_non_null(p);
		p += 2;
		if (!size)
			break;
		memmove(body + out, p, size);
		out += size;
		p += size + 2;
	}
	body[out] = '\0';
	*len = out;
	return body;
}

/*
 * A batch of a few thousand stories: one answer line per line, in
 * order; bad lines answered with their line numbers, not a failed batch.
 */
static void test_batch(void **state)
{
	struct fixture *fx = *state;
	enum { LINES = 3000 };
	size_t slen, cap = 16 << 20, n = 0, out_len, i;
	const char *text = story(&slen);
	char *req = malloc(cap), *out, *line, *save = NULL, head[256];
	json_t *esc = json_stringn(text, slen);
	char *etext = json_dumps(esc, JSON_ENCODE_ANY);
	int fd, k;

	assert_non_null(req);
	start_default(fx);
	for (i = 1; i <= LINES; i++) {
		if (i % 1000 == 7)
			n += (size_t)snprintf(req + n, cap - n,
			                      "{\"id\": %zu,\n", i);
		else if (i % 1000 == 8)
			n += (size_t)snprintf(req + n, cap - n, "\n");
		else
			n += (size_t)snprintf(req + n, cap - n,
			                      "{\"id\": %zu, \"text\": %s}\n",
			                      i, etext);
	}
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	k = snprintf(head, sizeof(head),
	             "POST /v1/annotate/batch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Content-Type: application/x-ndjson\r\n"
	             "Content-Length: %zu\r\n\r\n",
	             n);
	send_some(fd, head, (size_t)k);
	assert_int_equal(send_some(fd, req, n), n);
	out = read_chunked(fd, &out_len);
	close(fd);
	/* One line per non-blank line: the blank ones got none. */
	i = 0;
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_error_t err;
		json_t *j = json_loads(line, 0, &err);

		assert_non_null(j);
		i++;
		if (json_object_get(j, "error")) {
			json_int_t ln =
				json_integer_value(json_object_get(j, "line"));

			assert_int_equal(ln % 1000, 7);
			assert_int_equal(
				json_integer_value(json_object_get(
					json_object_get(j, "error"), "status")),
				400);
		} else {
			json_int_t id =
				json_integer_value(json_object_get(j, "id"));

			assert_true(id % 1000 != 7 && id % 1000 != 8);
			assert_true(json_array_size(
					    json_object_get(j, "quotes")) >= 3);
		}
		json_decref(j);
	}
	assert_int_equal(i, LINES - LINES / 1000);
	free(out);
	free(etext);
	json_decref(esc);
	free(req);
	assert_serves(fx->port);
	stop(fx);
}

/* The ids come back in input order, whatever the lines' sizes. */
static void test_batch_order(void **state)
{
	static const char body[] =
		"{\"id\": \"first\", \"text\": \"\\u201cA,\\u201d she said.\"}\n"
		"\r\n"
		"{\"text\": \"\\u201cB,\\u201d he said.\"}\r\n"
		"{\"id\": \"bad\", \"text\": 5}\n"
		"{\"id\": \"url\", \"url\": \"https://example.com/\"}\n"
		"{\"id\": \"blank\", \"text\": \"\\u3000 \"}\n"
		"{\"id\": \"last\", \"text\": \"\\u201cC,\\u201d they said.\"}";
	static const char *const want[] = {
		"\"id\":\"first\"", "\"id\":3",
		/* a bad line's id comes back when it can be read */
		"{\"line\":4,\"id\":\"bad\",\"error\"",
		"{\"line\":5,\"id\":\"url\",\"error\"",
		"{\"line\":6,\"id\":\"blank\",\"error\"", "\"id\":\"last\""};
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	char *p;
	size_t i;

	start_default(fx);
	post(fx->port, "/v1/annotate/batch?offsets=utf16",
	     "application/x-ndjson", body, strlen(body), NULL, r);
	assert_int_equal(r->status, 200);
	p = r->body;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char *nl = strchr(p, '\n');

		assert_non_null(nl);
		*nl = '\0';
		if (!strstr(p, want[i]))
			fail_msg("answer line %zu lacks %s: %s", i + 1, want[i],
			         p);
		if (i == 1)
			assert_non_null(strstr(p, "\"offsets\":\"utf16\""));
		p = nl + 1;
	}
	assert_string_equal(p, "");
	free(r);
	stop(fx);
}

/* X-Request-Id: a sane one is kept, anything else replaced; logged. */
static void test_request_id(void **state)
{
	static const char *const sane[] = {"X-Request-Id: abc.DEF_1-2", NULL};
	static const char *const bad[] = {"X-Request-Id: a b;c", NULL};
	static const char *const longid[] = {
		"X-Request-Id: "
		"0123456789012345678901234567890123456789012345678901234567890123"
		"4",
		NULL};
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	char first[128] = "", line[160], *id;

	start_default(fx);
	post(fx->port, "/healthz", "text/plain", "x", 1, sane, r);
	assert_true(has_header(r, "X-Request-Id: abc.DEF_1-2"));
	post(fx->port, "/v1/annotate", "text/plain", "\"Hi,\" he said.", 14,
	     bad, r);
	assert_int_equal(r->status, 200);
	id = strcasestr(r->head, "\r\nX-Request-Id: ");
	assert_non_null(id);
	sscanf(id + 16, "%127[^\r]", first);
	assert_true(strlen(first) > 8);
	assert_null(strstr(first, " "));
	post(fx->port, "/v1/annotate", "text/plain", "\"Hi,\" he said.", 14,
	     longid, r);
	assert_non_null(strcasestr(r->head, "\r\nX-Request-Id: "));
	assert_null(strstr(r->head, "01234567890123456789012345678901234"));
	snprintf(line, sizeof(line), "X-Request-Id: %s", first);
	assert_false(has_header(r, line)); /* each request its own */
	stop(fx);
	assert_true(log_has(fx, "\"id\":\"abc.DEF_1-2\""));
	id = malloc(strlen(first) + 16);
	sprintf(id, "\"id\":\"%s\"", first);
	assert_true(log_has(fx, id));
	free(id);
	free(r);
}

/* CORS: nothing by default; the listed origins get the headers. */
static void test_cors(void **state)
{
	static const char *const env[] = {
		"WHOSAID_CORS_ORIGINS=https://a.example, http://localhost:3000",
		"WHOSAID_CORS_MAX_AGE=120", NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	static const char *const from_a[] = {"Origin: https://A.example", NULL};
	static const char *const from_b[] = {"Origin: https://b.example", NULL};
	struct fixture *fx = *state;
	char buf[4096];
	struct resp *r = resp_new();
	int fd;

	start(fx, args, env);
	post(fx->port, "/v1/annotate", "text/plain", "\"Hi,\" he said.", 14,
	     from_a, r);
	assert_int_equal(r->status, 200);
	assert_true(has_header(r, "Vary: Origin"));
	assert_true(has_header(
		r, "Access-Control-Allow-Origin: https://A.example"));
	assert_true(has_header(r,
	                       "Access-Control-Expose-Headers: X-Request-Id, "
	                       "Retry-After"));
	post(fx->port, "/v1/annotate", "text/plain", "\"Hi,\" he said.", 14,
	     from_b, r);
	assert_int_equal(r->status, 200);
	assert_true(has_header(r, "Vary: Origin"));
	assert_null(strcasestr(r->head, "Access-Control-Allow-Origin"));
	/* A preflight from an allowed origin. */
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "OPTIONS /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Origin: http://localhost:3000\r\n"
	             "Access-Control-Request-Method: POST\r\n"
	             "Access-Control-Request-Headers: content-type\r\n\r\n");
	read_response(fd, buf, sizeof(buf), 5000);
	assert_int_equal(status_of(buf), 204);
	assert_non_null(strcasestr(
		buf,
		"\r\nAccess-Control-Allow-Origin: http://localhost:3000\r\n"));
	assert_non_null(strcasestr(
		buf, "\r\nAccess-Control-Allow-Methods: POST, OPTIONS\r\n"));
	assert_non_null(strcasestr(buf, "\r\nAccess-Control-Allow-Headers: "
	                                "Content-Type, X-Request-Id\r\n"));
	assert_non_null(strcasestr(buf, "\r\nAccess-Control-Max-Age: 120\r\n"));
	assert_non_null(strcasestr(buf, "\r\nAllow: POST, OPTIONS\r\n"));
	/* The same connection goes on: a preflight keeps it alive. */
	send_all(fd, "OPTIONS /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Origin: https://evil.example\r\n"
	             "Access-Control-Request-Method: GET\r\n\r\n");
	read_response(fd, buf, sizeof(buf), 5000);
	close(fd);
	assert_int_equal(status_of(buf), 204);
	assert_null(strcasestr(buf, "Access-Control-Allow"));
	assert_non_null(strcasestr(buf, "\r\nAllow: GET, HEAD, OPTIONS\r\n"));
	free(r);
	stop(fx);
}

/* The value of a metrics line that starts with `name`, or -1. */
static double metric(const char *text, const char *name)
{
	const char *p = text;
	size_t n = strlen(name);

	while ((p = strstr(p, name))) {
		if ((p == text || p[-1] == '\n') && p[n] == ' ')
			return strtod(p + n + 1, NULL);
		p += n;
	}
	return -1;
}

/* GET /metrics counts what happened. */
static void test_metrics(void **state)
{
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	size_t len;
	int i;

	story(&len);
	start_default(fx);
	for (i = 0; i < 3; i++)
		assert_serves(fx->port);
	get(fx->port, "GET", "/nope", NULL, r);
	get(fx->port, "GET", "/metrics", NULL, r);
	assert_int_equal(r->status, 200);
	assert_true(has_header(
		r, "Content-Type: text/plain; version=0.0.4; charset=utf-8"));
	assert_true(metric(r->body, "whosaid_http_requests_total{route=\"/v1/"
	                            "annotate\",status=\"200\"}") == 3);
	assert_true(metric(r->body,
	                   "whosaid_http_requests_total{route=\"other\","
	                   "status=\"404\"}") == 1);
	assert_true(metric(r->body, "whosaid_http_request_duration_seconds_"
	                            "count{route=\"/v1/annotate\"}") == 3);
	assert_true(metric(r->body,
	                   "whosaid_http_request_duration_seconds_"
	                   "bucket{route=\"/v1/annotate\",le=\"+Inf\"}") == 3);
	assert_true(metric(r->body, "whosaid_annotated_bytes_total") ==
	            3.0 * (double)len);
	assert_true(metric(r->body, "whosaid_documents_annotated_total") == 3);
	assert_true(metric(r->body, "whosaid_quotes_found_total") >= 9);
	assert_true(metric(r->body, "whosaid_http_requests_in_flight") == 1);
	assert_true(metric(r->body, "whosaid_http_connections_open") >= 1);
	assert_true(metric(r->body, "process_resident_memory_bytes") > 1e6);
	assert_true(metric(r->body, "whosaid_http_request_bytes_total{route="
	                            "\"/v1/annotate\"}") > 3.0 * (double)len);
	assert_non_null(strstr(r->body, "# TYPE whosaid_http_request_duration_"
	                                "seconds histogram\n"));
	assert_non_null(strstr(
		r->body, "whosaid_build_info{version=\"" WS_VERSION "\""));
	free(r);
	stop(fx);
}

/* GET /openapi.json is docs/openapi.json. */
static void test_openapi(void **state)
{
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	char path[1024];
	char *doc;

	start_default(fx);
	get(fx->port, "GET", "/openapi.json", NULL, r);
	assert_int_equal(r->status, 200);
	snprintf(path, sizeof(path), "%s/docs/openapi.json", source_root);
	doc = slurp(path);
	assert_true(strlen(doc) > 1000);
	assert_string_equal(r->body, doc);
	json_decref(body_json(r));
	free(doc);
	free(r);
	stop(fx);
}

/* ---- cases: hostile requests -------------------------------------------- */

/* One bad request: its bytes (or a maker), the answer it must get. */
struct bad {
	const char *name;
	const char *raw;         /* NUL-terminated, or NULL */
	char *(*make)(size_t *); /* for bytes raw cannot hold */
	int status;              /* 0: the connection closes unanswered */
	bool cut;                /* stop writing after the bytes (truncated) */
	bool mhd;                /* answered by libmicrohttpd, not a problem */
};

#define POST_TEXT                                   \
	"POST /v1/annotate HTTP/1.1\r\nHost: x\r\n" \
	"Content-Type: text/plain; charset=utf-8\r\n"
#define POST_JSON                                   \
	"POST /v1/annotate HTTP/1.1\r\nHost: x\r\n" \
	"Content-Type: application/json\r\n"

/* A request with the body given, and its Content-Length. */
static char *with_body(const char *head, const char *body, size_t blen,
                       size_t *len)
{
	size_t hlen = strlen(head), cap = hlen + blen + 64;
	char *p = malloc(cap);
	int k;

	assert_non_null(p);
	k = snprintf(p, cap, "%sContent-Length: %zu\r\n\r\n", head, blen);
	memcpy(p + k, body, blen);
	*len = (size_t)k + blen;
	return p;
}

static char *make_deep_json(size_t *len)
{
	size_t n = 100000;
	char *body = malloc(n), *p;

	memset(body, '[', n);
	p = with_body(POST_JSON, body, n, len);
	free(body);
	return p;
}

static char *make_nul_text(size_t *len)
{
	static const char body[] = "\"We will\0 rebuild,\" the mayor\0 said.";

	return with_body(POST_TEXT, body, sizeof(body) - 1, len);
}

static char *make_nul_json(size_t *len)
{
	static const char body[] = "{\"text\": \"a\0b\"}";

	return with_body(POST_JSON, body, sizeof(body) - 1, len);
}

static char *make_bad_utf8(size_t *len)
{
	static const char body[] = "\"Caf\xC3\x28,\" she said.";

	return with_body(POST_TEXT, body, sizeof(body) - 1, len);
}

static char *make_overlong(size_t *len)
{
	static const char body[] = "\"Slash \xC0\xAF,\" she said.";

	return with_body(POST_TEXT, body, sizeof(body) - 1, len);
}

static char *make_surrogate(size_t *len)
{
	static const char body[] = "\"Half \xED\xA0\x80 pair,\" she said.";

	return with_body(POST_TEXT, body, sizeof(body) - 1, len);
}

static char *make_bad_utf8_json(size_t *len)
{
	static const char body[] = "{\"text\": \"Caf\xE9\"}";

	return with_body(POST_JSON, body, sizeof(body) - 1, len);
}

static char *make_big_header(size_t *len)
{
	size_t n = 100000;
	char *p = malloc(n + 128);
	int k;

	assert_non_null(p);
	k = sprintf(p, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(p + k, 'a', n);
	memcpy(p + k + n, "\r\n\r\n", 5);
	*len = (size_t)k + n + 4;
	return p;
}

static char *make_many_headers(size_t *len)
{
	size_t cap = 2000 * 16 + 128, n;
	char *p = malloc(cap);
	int i;

	assert_non_null(p);
	n = (size_t)sprintf(p, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
	for (i = 0; i < 2000; i++)
		n += (size_t)sprintf(p + n, "X-H%d: %d\r\n", i, i);
	n += (size_t)sprintf(p + n, "\r\n");
	*len = n;
	return p;
}

static char *make_long_url(size_t *len)
{
	size_t n = 100000;
	char *p = malloc(n + 64);
	int k;

	assert_non_null(p);
	k = sprintf(p, "GET /");
	memset(p + k, 'a', n);
	k += (int)n;
	k += sprintf(p + k, " HTTP/1.1\r\nHost: x\r\n\r\n");
	*len = (size_t)k;
	return p;
}

static char *make_long_id(size_t *len)
{
	char body[400];
	int k = sprintf(body, "{\"id\": \"");

	memset(body + k, 'i', 300);
	k += 300;
	k += sprintf(body + k, "\", \"text\": \"a\"}");
	return with_body(POST_JSON, body, (size_t)k, len);
}

/* A chunked body past the 2 MiB cap, within twice the cap: 413. */
static char *make_chunked_over(size_t *len)
{
	size_t chunk = 1 << 20, n = 0, cap = 3 * chunk + 1024;
	char *p = malloc(cap);
	int i;

	assert_non_null(p);
	n += (size_t)sprintf(p, POST_TEXT "Transfer-Encoding: chunked\r\n\r\n");
	for (i = 0; i < 3; i++) {
		n += (size_t)sprintf(p + n, "%zx\r\n", chunk);
		memset(p + n, 'a', chunk);
		n += chunk;
		n += (size_t)sprintf(p + n, "\r\n");
	}
	n += (size_t)sprintf(p + n, "0\r\n\r\n");
	*len = n;
	return p;
}

/* Past twice the cap: the connection is closed, unanswered. */
static char *make_chunked_endless(size_t *len)
{
	size_t chunk = 1 << 20, n = 0, cap = 6 * chunk + 1024;
	char *p = malloc(cap);
	int i;

	assert_non_null(p);
	n += (size_t)sprintf(p, POST_TEXT "Transfer-Encoding: chunked\r\n\r\n");
	for (i = 0; i < 6; i++) {
		n += (size_t)sprintf(p + n, "%zx\r\n", chunk);
		memset(p + n, 'a', chunk);
		n += chunk;
		n += (size_t)sprintf(p + n, "\r\n");
	}
	*len = n;
	return p;
}

static const struct bad catalogue[] = {
	{"unknown path", "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", NULL, 404},
	{"GET on a POST path", "GET /v1/annotate HTTP/1.1\r\nHost: x\r\n\r\n",
         NULL, 405},
	{"PUT",
         "PUT /v1/annotate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
         "\r\nhi",
         NULL, 405},
	{"DELETE", "DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n", NULL, 405},
	{"an unknown method", "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n", NULL,
         405},
	{"POST on a GET path with a body",
         "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
         NULL, 405},
	{"an encoded NUL in the path",
         "GET /healthz%00.json HTTP/1.1\r\nHost: x\r\n\r\n", NULL, 404},
	{"an encoded slash in the path",
         "GET /v1/annotate%2Fbatch HTTP/1.1\r\nHost: x\r\n\r\n", NULL, 404},
	{"a dot-dot path", "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
         NULL, 404},
	{"a trailing slash", "GET /healthz/ HTTP/1.1\r\nHost: x\r\n\r\n", NULL,
         404},
	{"OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", NULL, 404},
	{"no length", POST_TEXT "\r\n", NULL, 411},
	{"a Content-Length over the limit",
         POST_TEXT "Content-Length: 99999999\r\n\r\n", NULL, 413},
	{"Expect: 100-continue over the limit",
         POST_TEXT "Expect: 100-continue\r\nContent-Length: 3000000\r\n\r\n",
         NULL, 413},
	{"a chunked body over the limit", NULL, make_chunked_over, 413},
	{"a chunked body that does not stop", NULL, make_chunked_endless, 0},
	{"text/html",
         "POST /v1/annotate HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\n"
         "Content-Length: 9\r\n\r\n<p>hi</p>",
         NULL, 415},
	{"no Content-Type",
         "POST /v1/annotate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi",
         NULL, 415},
	{"a Latin-1 charset",
         "POST /v1/annotate HTTP/1.1\r\nHost: x\r\n"
         "Content-Type: text/plain; charset=\"ISO-8859-1\"\r\n"
         "Content-Length: 2\r\n\r\nhi",
         NULL, 415},
	{"form data",
         "POST /v1/annotate HTTP/1.1\r\nHost: x\r\n"
         "Content-Type: application/x-www-form-urlencoded\r\n"
         "Content-Length: 6\r\n\r\ntext=a",
         NULL, 415},
	{"a batch as JSON",
         "POST /v1/annotate/batch HTTP/1.1\r\nHost: x\r\n"
         "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
         NULL, 415},
	{"malformed JSON",
         POST_JSON "Content-Length: 14\r\n\r\n{\"text\": \"a\",}", NULL, 400},
	{"text of the wrong type",
         POST_JSON "Content-Length: 11\r\n\r\n{\"text\": 5}", NULL, 400},
	{"no text", POST_JSON "Content-Length: 11\r\n\r\n{\"id\": \"x\"}", NULL,
         400},
	{"a JSON array", POST_JSON "Content-Length: 5\r\n\r\n[\"a\"]", NULL,
         400},
	{"a JSON string", POST_JSON "Content-Length: 3\r\n\r\n\"a\"", NULL,
         400},
	{"duplicate members",
         POST_JSON
         "Content-Length: 26\r\n\r\n{\"text\": \"a\", \"text\": \"b\"}",
         NULL, 400},
	{"an unknown member",
         POST_JSON
         "Content-Length: 25\r\n\r\n{\"text\": \"a\", \"txt\": \"b\"}",
         NULL, 400},
	{"an id too long", NULL, make_long_id, 400},
	{"an id of the wrong type",
         POST_JSON "Content-Length: 26\r\n\r\n{\"id\": [1], \"text\": \"abc\"}",
         NULL, 400},
	{"bad options.offsets",
         POST_JSON "Content-Length: 42\r\n\r\n"
                   "{\"text\": \"a\", \"options\": {\"offsets\": \"x\"}}",
         NULL, 400},
	{"a bad offsets parameter",
         "POST /v1/annotate?offsets=bytes HTTP/1.1\r\nHost: x\r\n"
         "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
         NULL, 400},
	{"invalid UTF-8", NULL, make_bad_utf8, 400},
	{"an overlong UTF-8 form", NULL, make_overlong, 400},
	{"a UTF-8 surrogate", NULL, make_surrogate, 400},
	{"invalid UTF-8 in JSON", NULL, make_bad_utf8_json, 400},
	{"a raw NUL in JSON", NULL, make_nul_json, 400},
	{"deep JSON nesting", NULL, make_deep_json, 400},
	{"an empty body", POST_TEXT "Content-Length: 0\r\n\r\n", NULL, 422},
	{"only white space",
         POST_TEXT "Content-Length: 9\r\n\r\n \t\r\n\xE3\x80\x80\xC2\xA0", NULL,
         422},
	{"empty JSON text",
         POST_JSON "Content-Length: 12\r\n\r\n{\"text\": \"\"}", NULL, 422},
	{"a url that is not http",
         POST_JSON "Content-Length: 22\r\n\r\n{\"url\": \"ftp://a.b/c\"}", NULL,
         422},
	{"a relative url",
         POST_JSON "Content-Length: 17\r\n\r\n{\"url\": \"/story\"}", NULL,
         422},
	{"text and url",
         POST_JSON "Content-Length: 30\r\n\r\n"
                   "{\"text\": \"a\", \"url\": \"/story\"}",
         NULL, 400},
	{"NUL bytes in the text", NULL, make_nul_text, 200},
	{"an escaped NUL in JSON",
         POST_JSON "Content-Length: 36\r\n\r\n"
                   "{\"text\": \"\\\"Yes\\u0000,\\\" she said.\"}",
         NULL, 200},
	{"a huge header", NULL, make_big_header, 431, false, true},
	{"2000 headers", NULL, make_many_headers, 431, false, true},
	{"a huge request line", NULL, make_long_url, 414, false, true},
	/* libmicrohttpd closes on a request line it cannot parse. */
	{"garbage", "HELLO\r\n\r\n", NULL, 0, false, true},
	{"no Host", "GET /healthz HTTP/1.1\r\n\r\n", NULL, 400},
	{"a bad Content-Length", POST_TEXT "Content-Length: 12abc\r\n\r\nhello",
         NULL, 400, false, true},
	{"a bad chunk size",
         POST_TEXT "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
         NULL, 400, false, true},
	{"a truncated body", POST_TEXT "Content-Length: 1000\r\n\r\nonly this",
         NULL, 0, true},
	{"a truncated chunked body",
         POST_TEXT "Transfer-Encoding: chunked\r\n\r\n100\r\nonly this", NULL,
         0, true},
	{"HTTP/1.0",
         "POST /v1/annotate HTTP/1.0\r\nContent-Type: text/plain\r\n"
         "Content-Length: 21\r\n\r\n\"Fine,\" Ruiz replied.",
         NULL, 200},
	{"Expect: 100-continue",
         POST_TEXT "Expect: 100-continue\r\nContent-Length: 21\r\n\r\n"
                   "\"Fine,\" Ruiz replied.",
         NULL, 200},
	{"a batch of bad lines",
         "POST /v1/annotate/batch HTTP/1.1\r\nHost: x\r\n"
         "Content-Type: application/x-ndjson\r\nContent-Length: 12\r\n\r\n"
         "nope\n{}\n[1]\n",
         NULL, 200},
	{"a Content-Length and chunked",
         POST_TEXT "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "5\r\nhello\r\n0\r\n\r\n",
         NULL, 400},
	{"an odd X-Request-Id",
         "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: ../../\"x\"\r\n\r\n",
         NULL, 200},
};

/*
 * The table is hand-written: a Content-Length that does not match its
 * body would make the case wait for bytes that never come. Only cut
 * requests and lengths that are not numbers may disagree.
 */
static void check_length(const char *name, const char *bytes, size_t len,
                         bool cut)
{
	const char *eoh = memmem(bytes, len, "\r\n\r\n", 4), *cl;
	size_t hlen, body;
	unsigned long want;
	char head[4096], *end;

	if (cut || !eoh || (size_t)(eoh - bytes) >= sizeof(head))
		return;
	hlen = (size_t)(eoh - bytes) + 2;
	memcpy(head, bytes, hlen);
	head[hlen] = '\0';
	cl = strcasestr(head, "\r\nContent-Length: ");
	if (!cl || strcasestr(head, "chunked"))
		return;
	want = strtoul(cl + 18, &end, 10);
	if (*end != '\r')
		return;
	body = len - hlen - 2;
	/* A large length with no body is a case of its own (413). */
	if (want != body && !(body == 0 && want >= 1000))
		fail_msg("%s: Content-Length %lu, body %zu bytes", name, want,
		         body);
}

/* Send one bad request on its own connection and read the answer. */
static void try_bad(struct fixture *fx, const struct bad *b)
{
	static char buf[1 << 20];
	size_t len;
	char *made = NULL;
	const char *bytes = b->raw;
	int fd, got;

	if (!bytes) {
		made = b->make(&len);
		bytes = made;
	} else {
		len = strlen(bytes);
	}
	check_length(b->name, bytes, len, b->cut);
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_some(fd, bytes, len);
	if (b->cut) {
		/* The FIN on its own: libmicrohttpd 0.9.75 reads epoll
		 * edge-triggered and takes a short read for "drained", so a
		 * FIN that comes with the last bytes is seen only at the
		 * idle timeout (connection_timeout; request_timeout bounds
		 * it too). */
		sleep_ms(200L * scale);
		shutdown(fd, SHUT_WR);
	}
	read_response(fd, buf, sizeof(buf), 20000);
	close(fd);
	free(made);
	got = status_of(buf);
	if (got != b->status) {
		show_log(fx);
		fail_msg("%s: expected %d, got %d: %.300s", b->name, b->status,
		         got, buf);
	}
	/* Our own refusals are problem documents with the request's id. */
	if (got >= 400 && !b->mhd) {
		if (!strcasestr(buf,
		                "\r\nContent-Type: application/problem+json") ||
		    !strcasestr(buf, "\r\nX-Request-Id: ") ||
		    !strstr(buf, "\"type\":\"" TYPE_BASE))
			fail_msg("%s: not a problem document: %.300s", b->name,
			         buf);
	}
}

/* Every request in `catalogue` gets its answer, and the daemon serves a
 * normal request correctly right after each one. */
static void test_catalogue(void **state)
{
	struct fixture *fx = *state;
	size_t i;

	start_default(fx);
	for (i = 0; i < sizeof(catalogue) / sizeof(catalogue[0]); i++) {
		long t0 = now_ms();

		try_bad(fx, &catalogue[i]);
		if (now_ms() - t0 > 1000)
			print_message("slow: %s: %ld ms\n", catalogue[i].name,
			              now_ms() - t0);
		assert_serves(fx->port);
	}
	print_message("%zu hostile requests answered\n", i);
	stop(fx);
}

/* Texts of many megabytes, with max_body raised: answered in time. */
static void test_catalogue_big(void **state)
{
	static const char *const env[] = {"WHOSAID_SERVER_MAX_BODY=16777216",
	                                  NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	size_t n = 10 << 20, slen, i, k;
	const char *text = story(&slen);
	char *body = malloc(n);
	struct resp *r = resp_new();
	long t0;

	assert_non_null(body);
	start(fx, args, env);
	/* 10 MB of quote marks, straight and curly. */
	for (i = 0; i + 3 <= n; i += 4) {
		body[i] = '"';
		memcpy(body + i + 1, "\xE2\x80\x9C", 3);
	}
	t0 = now_ms();
	post(fx->port, "/v1/annotate", "text/plain; charset=utf-8", body, i,
	     NULL, r);
	print_message("10 MB of quote marks: %ld, %ld ms\n", r->status,
	              now_ms() - t0);
	assert_int_equal(r->status, 200);
	assert_serves(fx->port);
	/* One paragraph of 5 MB: the story's sentences without a blank
	 * line between them. */
	n = 5 << 20;
	for (i = 0; i + slen < n; i += slen) {
		memcpy(body + i, text, slen);
		for (k = i; k < i + slen; k++)
			if (body[k] == '\n')
				body[k] = ' ';
	}
	t0 = now_ms();
	post(fx->port, "/v1/annotate", "text/plain; charset=utf-8", body, i,
	     NULL, r);
	print_message("a 5 MB paragraph: %ld, %ld ms\n", r->status,
	              now_ms() - t0);
	assert_int_equal(r->status, 200);
	assert_serves(fx->port);
	free(body);
	free(r);
	stop(fx);
}

/* ---- cases: limits -------------------------------------------------------- */

/*
 * Many clients trickling their headers do not hold the workers: normal
 * requests are answered at once meanwhile, and each slow client is cut
 * with 408 when request_timeout passes.
 */
static void test_slow_clients(void **state)
{
	static const char *const env[] = {"WHOSAID_SERVER_REQUEST_TIMEOUT=3",
	                                  NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	enum { SLOW = 64 };
	int fds[SLOW], i, k, cut = 0;
	char buf[4096];
	long t0;

	start(fx, args, env);
	for (i = 0; i < SLOW; i++) {
		fds[i] = connect_port(fx->port);
		assert_true(fds[i] >= 0);
		send_all(fds[i], "POST /v1/annotate HTTP/1.1\r\nHost: x\r\n");
	}
	/* A byte of header a client every 100 ms: never idle, never done. */
	for (k = 0; k < 10; k++) {
		for (i = 0; i < SLOW; i++)
			send_some(fds[i], "X", 1);
		t0 = now_ms();
		assert_serves(fx->port);
		assert_true(now_ms() - t0 < 2000L * scale);
		sleep_ms(100);
	}
	/* Past request_timeout: each is told 408 and closed. */
	sleep_ms(3000L * scale);
	for (i = 0; i < SLOW; i++) {
		read_response(fds[i], buf, sizeof(buf), 2000);
		cut += status_of(buf) == 408;
		close(fds[i]);
	}
	assert_int_equal(cut, SLOW);
	assert_serves(fx->port);
	stop(fx);
	assert_true(log_has(fx, "\"status\":408"));
}

/* A body that arrives too slowly is cut as well. */
static void test_request_timeout(void **state)
{
	static const char *const env[] = {"WHOSAID_SERVER_REQUEST_TIMEOUT=1",
	                                  "WHOSAID_SERVER_CONNECTION_TIMEOUT=2",
	                                  NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	char buf[4096];
	struct pollfd p;
	long t0;
	int fd, i;

	start(fx, args, env);
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, POST_TEXT "Content-Length: 100\r\n\r\n");
	t0 = now_ms();
	/* A byte every 100 ms: never idle, so only request_timeout can cut
	 * it; stop writing as soon as the answer is there. */
	p.fd = fd;
	p.events = POLLIN;
	for (i = 0; i < 50; i++) {
		if (poll(&p, 1, 100) > 0)
			break;
		send_some(fd, "x", 1);
	}
	read_response(fd, buf, sizeof(buf), 3000);
	close(fd);
	assert_int_equal(status_of(buf), 408);
	assert_non_null(
		strstr(buf, "\"type\":\"" TYPE_BASE "request-timeout\""));
	assert_true(i < 50);
	/* A connection that sends nothing is closed by the idle timeout. */
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	assert_int_equal(read_response(fd, buf, sizeof(buf), 4000), 0);
	close(fd);
	assert_true(now_ms() - t0 < 10000L * scale);
	assert_serves(fx->port);
	stop(fx);
}

/* Past connection_limit: 503 with Retry-After, then served again. */
static void test_connection_limit(void **state)
{
	static const char *const env[] = {"WHOSAID_SERVER_CONNECTION_LIMIT=4",
	                                  NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	char buf[4096];
	int fds[4], fd, i;

	start(fx, args, env);
	/* Four connections, each surely counted: a request answered on
	 * it, and the connection kept open. */
	for (i = 0; i < 4; i++) {
		fds[i] = connect_port(fx->port);
		assert_true(fds[i] >= 0);
		send_all(fds[i], "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
		read_response(fds[i], buf, sizeof(buf), 5000);
		assert_int_equal(status_of(buf), 200);
	}
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
	read_response(fd, buf, sizeof(buf), 5000);
	close(fd);
	assert_int_equal(status_of(buf), 503);
	assert_non_null(strstr(buf, "\"type\":\"" TYPE_BASE "busy\""));
	assert_non_null(strcasestr(buf, "\r\nRetry-After: 1\r\n"));
	assert_non_null(strcasestr(buf, "\r\nConnection: close\r\n"));
	for (i = 0; i < 4; i++)
		close(fds[i]);
	sleep_ms(200L * scale);
	assert_serves(fx->port);
	stop(fx);
}

/* Past per_ip_connection_limit: closed unanswered, then served again. */
static void test_per_ip_limit(void **state)
{
	static const char *const env[] = {
		"WHOSAID_SERVER_PER_IP_CONNECTION_LIMIT=3", NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	char buf[4096];
	int fds[3], fd, i;

	start(fx, args, env);
	for (i = 0; i < 3; i++) {
		fds[i] = connect_port(fx->port);
		assert_true(fds[i] >= 0);
	}
	sleep_ms(100L * scale);
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
	assert_int_equal(read_response(fd, buf, sizeof(buf), 3000), 0);
	close(fd);
	/* Another address has a count of its own. */
	fd = connect_from(fx->port, 0x7f000002);
	assert_true(fd >= 0);
	send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
	assert_true(read_response(fd, buf, sizeof(buf), 3000) > 0);
	assert_non_null(strstr(buf, " 200 "));
	close(fd);
	for (i = 0; i < 3; i++)
		close(fds[i]);
	sleep_ms(200L * scale);
	assert_serves(fx->port);
	get(fx->port, "GET", "/metrics", NULL, r);
	assert_true(metric(r->body, "whosaid_http_connections_refused_total"
	                            "{reason=\"address\"}") == 1);
	free(r);
	stop(fx);
}

/* The daemon's threads allowed on a single CPU, from /proc. */
static int single_cpu_threads(pid_t pid)
{
	static const char field[] = "\nCpus_allowed_list:\t";
	char path[96];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	assert_non_null(d);
	while ((e = readdir(d))) {
		char *text, *list;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%.32s/status",
		         (int)pid, e->d_name);
		text = slurp(path);
		list = strstr(text, field);
		if (list) {
			list += sizeof(field) - 1;
			n += strspn(list, "0123456789") == strcspn(list, "\n");
		}
		free(text);
	}
	closedir(d);
	return n;
}

/*
 * cpu_affinity: with a request thread for each CPU of the affinity mask,
 * a thread that has answered keeps to its CPU; with cpu_affinity off, or
 * a thread count of its own, none does. Every connection is answered
 * either way.
 */
static void test_cpu_affinity(void **state)
{
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	char threads[64], more[64], buf[4096];
	const char *env_auto[] = {threads, NULL},
		   *env_off[] = {threads, "WHOSAID_SERVER_CPU_AFFINITY=off",
	                         NULL},
		   *env_more[] = {more, NULL};
	const char *const *envs[] = {env_auto, env_off, env_more};
	cpu_set_t set;
	int ncpu, fds[8];
	size_t c, i;

	assert_int_equal(sched_getaffinity(0, sizeof(set), &set), 0);
	ncpu = CPU_COUNT(&set);
	snprintf(threads, sizeof(threads), "WHOSAID_SERVER_THREADS=%d", ncpu);
	snprintf(more, sizeof(more), "WHOSAID_SERVER_THREADS=%d", ncpu + 1);
	for (c = 0; c < 3; c++) {
		bool pinned = c == 0 && ncpu >= 2;

		start(fx, args, envs[c]);
		assert_true(log_has(fx, pinned ? "\"cpu_pinned\":true"
		                               : "\"cpu_pinned\":false"));
		for (i = 0; i < 8; i++) {
			fds[i] = connect_port(fx->port);
			assert_true(fds[i] >= 0);
		}
		for (i = 0; i < 8; i++) {
			send_all(fds[i], "GET /healthz HTTP/1.1\r\n"
			                 "Host: x\r\n\r\n");
			assert_true(read_response(fds[i], buf, sizeof(buf),
			                          3000) > 0);
			assert_non_null(strstr(buf, " 200 "));
			close(fds[i]);
		}
		assert_serves(fx->port);
		/* On one CPU every thread is on a single CPU anyway. */
		if (ncpu >= 2) {
			int n = single_cpu_threads(fx->pid);

			if (pinned) {
				assert_true(n >= 1);
				assert_true(n <= ncpu);
			} else {
				assert_int_equal(n, 0);
			}
		}
		stop(fx);
	}
}

/* Keep the calling thread on one CPU; -1: on all of `all`. */
static void keep_to(int cpu, const cpu_set_t *all)
{
	cpu_set_t set;

	if (cpu < 0) {
		set = *all;
	} else {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
	}
	assert_int_equal(sched_setaffinity(0, sizeof(set), &set), 0);
}

/*
 * cpu_affinity auto follows a client thread that moves: a connection
 * opened from one CPU and then used from another is answered with
 * Connection: close after a while (200 ms), so that the client
 * reconnects to the request thread on its new CPU. With cpu_affinity
 * off it is kept. Needs two CPUs (loopback packets are received on the
 * sender's CPU).
 */
static void test_cpu_follow(void **state)
{
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	struct resp *r;
	char threads[64], buf[4096];
	const char *env_auto[] = {threads, NULL},
		   *env_off[] = {threads, "WHOSAID_SERVER_CPU_AFFINITY=off",
	                         NULL};
	cpu_set_t all;
	int cpus[2], n = 0, cpu, fd, c;

	assert_int_equal(sched_getaffinity(0, sizeof(all), &all), 0);
	for (cpu = 0; cpu < CPU_SETSIZE && n < 2; cpu++)
		if (CPU_ISSET(cpu, &all))
			cpus[n++] = cpu;
	if (n < 2)
		skip();
	r = resp_new();
	snprintf(threads, sizeof(threads), "WHOSAID_SERVER_THREADS=%d",
	         CPU_COUNT(&all));
	for (c = 0; c < 2; c++) {
		bool told = false;
		long end;

		/* Started before this thread keeps to a CPU: the daemon
		 * inherits the mask. */
		start(fx, args, c ? env_off : env_auto);
		keep_to(cpus[0], &all);
		fd = connect_port(fx->port);
		assert_true(fd >= 0);
		send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
		assert_true(read_response(fd, buf, sizeof(buf), 3000) > 0);
		assert_non_null(strstr(buf, " 200 "));
		assert_null(strcasestr(buf, "\r\nConnection: close\r\n"));
		keep_to(cpus[1], &all);
		end = now_ms() + 1500L * scale;
		while (!told && now_ms() < end) {
			send_all(fd, "GET /healthz HTTP/1.1\r\n"
			             "Host: x\r\n\r\n");
			assert_true(read_response(fd, buf, sizeof(buf), 3000) >
			            0);
			assert_non_null(strstr(buf, " 200 "));
			told = strcasestr(buf, "\r\nConnection: close\r\n");
			sleep_ms(5);
		}
		keep_to(-1, &all);
		close(fd);
		assert_int_equal(told, c == 0);
		get(fx->port, "GET", "/metrics", NULL, r);
		assert_true(metric(r->body,
		                   "whosaid_http_connections_moved_total") ==
		            (c == 0));
		assert_serves(fx->port);
		stop(fx);
	}
	free(r);
}

/* Bodies that would fill body_memory get 503 with Retry-After. */
static void test_body_memory(void **state)
{
	static const char *const env[] = {"WHOSAID_SERVER_MAX_BODY=65536",
	                                  "WHOSAID_SERVER_MAX_BATCH_BODY=65536",
	                                  "WHOSAID_SERVER_BODY_MEMORY=100000",
	                                  NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	char buf[4096], *raw, *body;
	size_t len;
	int held, fd;

	start(fx, args, env);
	/* One upload of 60000 bytes, started and held. */
	held = connect_port(fx->port);
	assert_true(held >= 0);
	send_all(held, POST_TEXT "Content-Length: 60000\r\n\r\nabc");
	sleep_ms(200L * scale);
	/* A second one does not fit beside it. */
	raw = malloc(60000);
	assert_non_null(raw);
	memset(raw, 'a', 60000);
	body = with_body(POST_TEXT, raw, 60000, &len);
	free(raw);
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_some(fd, body, len);
	read_response(fd, buf, sizeof(buf), 5000);
	close(fd);
	assert_int_equal(status_of(buf), 503);
	assert_non_null(strcasestr(buf, "\r\nRetry-After: 1\r\n"));
	/* Once the first is gone, the same request fits. */
	close(held);
	sleep_ms(200L * scale);
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_some(fd, body, len);
	read_response(fd, buf, sizeof(buf), 5000);
	close(fd);
	assert_int_equal(status_of(buf), 200);
	free(body);
	assert_serves(fx->port);
	stop(fx);
}

/* ---- cases: problem types ----------------------------------------------- */

/* One request and the problem it must get: status, type, a member. */
struct typed {
	const char *raw;
	int status;
	const char *name;   /* after TYPE_BASE */
	const char *member; /* an integer member it carries, or NULL */
};

static const struct typed typed[] = {
	{"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", 404, "not-found", NULL},
	{"DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 405,
         "method-not-allowed", NULL},
	{POST_TEXT "\r\n", 411, "length-required", NULL},
	{POST_TEXT "Content-Length: 99999999\r\n\r\n", 413, "body-too-large",
         "limit"},
	{"POST /v1/annotate HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\n"
         "Content-Length: 2\r\n\r\nhi",
         415, "unsupported-media-type", NULL},
	{POST_JSON "Content-Length: 14\r\n\r\n{\"text\": \"a\",}", 400,
         "malformed-json", "column"},
	{POST_JSON
         "Content-Length: 26\r\n\r\n{\"text\": \"a\", \"text\": \"b\"}",
         400, "duplicate-member", "line"},
	{POST_JSON "Content-Length: 14\r\n\r\n{\"text\": \"\xC3\x28\"}", 400,
         "invalid-utf8", "offset"},
	{POST_TEXT "Content-Length: 5\r\n\r\nab\xFF!!", 400, "invalid-utf8",
         "offset"},
	{POST_JSON "Content-Length: 11\r\n\r\n{\"id\": \"x\"}", 400,
         "missing-text", NULL},
	{POST_JSON "Content-Length: 12\r\n\r\n{\"text\": \"\"}", 422,
         "empty-text", NULL},
	{POST_TEXT "Content-Length: 3\r\n\r\n \t\n", 422, "empty-text", NULL},
	{POST_JSON "Content-Length: 11\r\n\r\n{\"text\": 5}", 400, "wrong-type",
         NULL},
	{POST_JSON
         "Content-Length: 25\r\n\r\n{\"text\": \"a\", \"txt\": \"b\"}",
         400, "unknown-member", NULL},
	{POST_JSON "Content-Length: 5\r\n\r\n[\"a\"]", 400, "not-an-object",
         NULL},
	{POST_JSON "Content-Length: 42\r\n\r\n"
                   "{\"text\": \"a\", \"options\": {\"offsets\": \"x\"}}",
         400, "bad-offsets", NULL},
	{POST_JSON "Content-Length: 32\r\n\r\n"
                   "{\"text\": \"a\", \"url\": \"http://x\"}",
         400, "text-and-url", NULL},
	{POST_JSON "Content-Length: 21\r\n\r\n{\"url\": \"mailto:a@b\"}", 422,
         "fetch-bad-url", NULL},
	{"GET /healthz HTTP/1.1\r\n\r\n", 400, "missing-host", NULL},
	{POST_TEXT "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "5\r\nhello\r\n0\r\n\r\n",
         400, "ambiguous-length", NULL},
};

/* Every problem the daemon makes has a stable tag: type, and its members. */
static void test_problem_types(void **state)
{
	static const char lines[] =
		"{\"text\": 1}\n{\"id\": 2, \"text\": \" \"}\n";
	static char buf[1 << 16];
	struct fixture *fx = *state;
	struct resp *r = resp_new();
	char type[96];
	const char *body;
	json_error_t err;
	json_t *j;
	size_t i;
	int fd;

	start_default(fx);
	for (i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		const struct typed *t = &typed[i];

		check_length(t->name, t->raw, strlen(t->raw), false);
		fd = connect_port(fx->port);
		assert_true(fd >= 0);
		send_some(fd, t->raw, strlen(t->raw));
		read_response(fd, buf, sizeof(buf), 5000);
		close(fd);
		body = strstr(buf, "\r\n\r\n");
		j = body ? json_loads(body + 4, 0, &err) : NULL;
		snprintf(type, sizeof(type), TYPE_BASE "%s", t->name);
		if (status_of(buf) != t->status || !j ||
		    strcmp(json_string_value(json_object_get(j, "type")),
		           type) ||
		    json_integer_value(json_object_get(j, "status")) !=
		            t->status ||
		    !json_string_value(json_object_get(j, "title")) ||
		    !json_string_value(json_object_get(j, "detail")) ||
		    (t->member &&
		     !json_is_integer(json_object_get(j, t->member))))
			fail_msg("%d %s: got %.400s", t->status, t->name, buf);
		json_decref(j);
	}
	/* A batch's bad lines carry theirs. */
	post(fx->port, "/v1/annotate/batch", "application/x-ndjson", lines,
	     strlen(lines), NULL, r);
	assert_int_equal(r->status, 200);
	assert_non_null(
		strstr(r->body, "\"type\":\"" TYPE_BASE "wrong-type\""));
	assert_non_null(
		strstr(r->body, "\"type\":\"" TYPE_BASE "empty-text\""));
	free(r);
	stop(fx);
}

/* ---- cases: shutdown ---------------------------------------------------- */

static void test_sigterm_idle(void **state)
{
	struct fixture *fx = *state;
	long t0;

	start_default(fx);
	t0 = now_ms();
	stop(fx);
	assert_true(now_ms() - t0 < 3000L * scale);
	assert_true(log_has(fx, "\"event\":\"stopped\""));
}

static void test_sigint(void **state)
{
	struct fixture *fx = *state;
	int status;

	start_default(fx);
	kill(fx->pid, SIGINT);
	status = wait_exit(fx, 10000);
	assert_true(status != -1 && WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(log_has(fx, "\"signal\":\"SIGINT\""));
}

/*
 * SIGTERM while a request's headers are still trickling in: no new
 * connections are taken, a keep-alive client gets 503 from /readyz with
 * Connection: close, the slow request is answered, the daemon exits 0.
 */
static void test_sigterm_slow_request(void **state)
{
	struct fixture *fx = *state;
	char buf[4096];
	int slow, idle, fd, i, status;
	long end;

	start_default(fx);
	idle = connect_port(fx->port);
	assert_true(idle >= 0);
	send_all(idle, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	read_response(idle, buf, sizeof(buf), 5000);
	assert_non_null(strstr(buf, "HTTP/1.1 200"));

	slow = connect_port(fx->port);
	assert_true(slow >= 0);
	send_all(slow, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
	sleep_ms(200L * scale); /* let the server read the request line */
	assert_int_equal(kill(fx->pid, SIGTERM), 0);
	assert_true(wait_log(fx, "\"event\":\"shutdown\"", 5000));

	/* New connections are refused from now on. */
	end = now_ms() + 2000L * scale;
	while ((fd = connect_port(fx->port)) >= 0 && now_ms() < end) {
		close(fd);
		sleep_ms(20);
	}
	assert_true(fd < 0);

	/* An open keep-alive connection still gets answers, told to go. */
	send_all(idle, "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	read_response(idle, buf, sizeof(buf), 5000);
	close(idle);
	assert_non_null(strstr(buf, "HTTP/1.1 503"));
	assert_non_null(strcasestr(buf, "\r\nConnection: close\r\n"));

	/* The slow request: one header line every 200 ms, about 1 s. */
	for (i = 0; i < 5; i++) {
		char line[64];

		snprintf(line, sizeof(line), "X-Slow-%d: %d\r\n", i, i);
		send_all(slow, line);
		sleep_ms(200);
	}
	assert_int_equal(waitpid(fx->pid, NULL, WNOHANG), 0); /* waiting */
	send_all(slow, "\r\n");
	read_response(slow, buf, sizeof(buf), 5000);
	close(slow);
	if (!strstr(buf, "HTTP/1.1 200") ||
	    !strstr(buf, "{\"status\":\"ok\"}")) {
		show_log(fx);
		fail_msg("slow request not answered: %s", buf);
	}
	status = wait_exit(fx, 5000);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		show_log(fx);
		fail_msg("expected exit 0 after the drain (status %d)", status);
	}
	assert_false(log_has(fx, "drain_timeout"));
}

/* A request that never completes is cut at shutdown_timeout. */
static void test_drain_timeout(void **state)
{
	static const char *const env[] = {"WHOSAID_SERVER_SHUTDOWN_TIMEOUT=1",
	                                  NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	int fd, status;
	long t0;

	start(fx, args, env);
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
	sleep_ms(200L * scale);
	t0 = now_ms();
	kill(fx->pid, SIGTERM);
	status = wait_exit(fx, 5000);
	close(fd);
	assert_true(status != -1 && WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(now_ms() - t0 >= 900);
	assert_true(log_has(fx, "\"event\":\"drain_timeout\""));
}

/* ---- cases: configuration ----------------------------------------------- */

static void expect_conf_error(struct fixture *fx, const char *conf,
                              const char *const *needles)
{
	const char *args[] = {"serve",  "--config", fx->conf,
	                      "--port", "0",        NULL};

	write_file(fx->conf, conf);
	run_expect(fx, args, NULL, 1, needles);
	/* The message names the file. */
	assert_true(log_has(fx, fx->conf));
}

static void test_config_unknown_key(void **state)
{
	static const char *const needles[] = {":3:", "unknown key 'prot'",
	                                      "[server]", NULL};

	expect_conf_error(*state, "# comment\n[server]\nprot = 8080\n",
	                  needles);
}

static void test_config_unknown_section(void **state)
{
	static const char *const needles[] = {":2:", "unknown section [bogus]",
	                                      NULL};

	expect_conf_error(*state, "[bogus]\nkey = 1\n", needles);
}

static void test_config_port_range(void **state)
{
	static const char *const needles[] = {":2:", "port", "99999",
	                                      "out of range 0..65535", NULL};

	expect_conf_error(*state, "[server]\nport = 99999\n", needles);
}

static void test_config_bad_number(void **state)
{
	static const char *const needles[] = {":4:", "threads", "'-1'",
	                                      "not a number", NULL};

	expect_conf_error(*state, "[server]\nport = 0\n\nthreads = -1\n",
	                  needles);
}

static void test_config_bad_choice(void **state)
{
	static const char *const needles[] = {":2:", "[log] level", "'loud'",
	                                      "error|warn|info|debug", NULL};

	expect_conf_error(*state, "[log]\nlevel = loud\n", needles);
}

static void test_config_duplicate(void **state)
{
	static const char *const needles[] = {":3:", "set twice", "line 2",
	                                      NULL};

	expect_conf_error(*state, "[server]\nport = 1\nport = 2\n", needles);
}

static void test_config_syntax(void **state)
{
	static const char *const needles[] = {":2:", "syntax error", NULL};

	expect_conf_error(*state, "[server]\nport\n", needles);
}

static void test_config_unreadable(void **state)
{
	static const char *const args[] = {"serve", "--config",
	                                   "/nonexistent/whosaid.conf", NULL};
	static const char *const needles[] = {"/nonexistent/whosaid.conf",
	                                      "cannot read", "No such file",
	                                      NULL};
	static const char *const dir_args[] = {"serve", "--config", "/", NULL};
	static const char *const dir_needles[] = {"cannot read",
	                                          "Is a directory", NULL};

	run_expect(*state, args, NULL, 1, needles);
	run_expect(*state, dir_args, NULL, 1, dir_needles);
}

static void test_config_bad_env(void **state)
{
	static const char *const args[] = {"serve", NULL};
	static const char *const env[] = {"WHOSAID_SERVER_PORT=abc", NULL};
	static const char *const needles[] = {"WHOSAID_SERVER_PORT",
	                                      "'abc' is not a number", NULL};

	run_expect(*state, args, env, 1, needles);
}

static void test_config_bad_flag(void **state)
{
	static const char *const args[] = {"serve", "--port", "65536", NULL};
	static const char *const needles[] = {"--port", "65536", "out of range",
	                                      NULL};
	static const char *const bind_args[] = {"serve", "--bind", "localhost",
	                                        NULL};
	static const char *const bind_needles[] = {
		"--bind", "'localhost' is not a numeric IPv4 or IPv6", NULL};

	run_expect(*state, args, NULL, 1, needles);
	run_expect(*state, bind_args, NULL, 1, bind_needles);
}

/* CORS origins are scheme://host[:port], or "*" alone. */
static void test_config_bad_origin(void **state)
{
	static const char *const path_n[] = {":2:", "[cors] origins",
	                                     "'https://a.example/app'",
	                                     "has a path", NULL};
	static const char *const star_n[] = {":2:", "'*' cannot be listed",
	                                     NULL};
	static const char *const scheme_n[] = {"WHOSAID_CORS_ORIGINS",
	                                       "'ftp://a.example'",
	                                       "http:// or https://", NULL};
	static const char *const args[] = {"serve", NULL};
	static const char *const env[] = {
		"WHOSAID_CORS_ORIGINS=ftp://a.example", NULL};

	expect_conf_error(*state,
	                  "[cors]\norigins = http://b.example:8080, "
	                  "https://a.example/app\n",
	                  path_n);
	expect_conf_error(*state, "[cors]\norigins = *, https://a.example\n",
	                  star_n);
	run_expect(*state, args, env, 1, scheme_n);
}

/* A body limit larger than the memory for all bodies is refused. */
static void test_config_body_memory(void **state)
{
	static const char *const needles[] = {
		"body_memory (1048576)", "max_body or max_batch_body", NULL};

	expect_conf_error(*state,
	                  "[server]\nbody_memory = 1048576\n"
	                  "max_batch_body = 4194304\n",
	                  needles);
}

/* A relative path in the file is relative to the file's directory. */
static void test_config_relative_path(void **state)
{
	struct fixture *fx = *state;
	char missing[128];
	const char *needles[] = {missing, NULL};

	snprintf(missing, sizeof(missing), "%s/missing-cues.tsv", fx->dir);
	expect_conf_error(fx, "[engine]\ncues = missing-cues.tsv\n", needles);
}

/* default < file < environment < flag, key by key. */
static void test_config_precedence(void **state)
{
	struct fixture *fx = *state;
	const char *args[] = {"serve",  "--config", fx->conf,
	                      "--port", "0",        NULL};
	static const char *const env[] = {"WHOSAID_SERVER_THREADS=3",
	                                  "WHOSAID_SERVER_PORT=1", NULL};
	char *log, *line;

	write_file(fx->conf, "[server]\n"
	                     "port = 2\n"
	                     "threads = 5\n"
	                     "connection_timeout = 7\n");
	start(fx, args, env);
	log = slurp(fx->log);
	line = strstr(log, "\"event\":\"config\"");
	assert_non_null(line);
	*strchr(line, '\n') = '\0';
	assert_non_null(strstr(line, "\"server.port\":0,"));    /* flag */
	assert_non_null(strstr(line, "\"server.threads\":3,")); /* env */
	assert_non_null(
		strstr(line, "\"server.connection_timeout\":7,")); /* file */
	assert_non_null(strstr(line, "\"server.shutdown_timeout\":10,"));
	assert_non_null(strstr(line, "\"log.level\":\"info\""));
	free(log);
	stop(fx);
}

/* The shipped config/whosaid.conf is valid and serves. */
static void test_config_shipped(void **state)
{
	struct fixture *fx = *state;
	char path[1024];
	const char *args[] = {"serve", "--config", path, "--port", "0", NULL};
	struct resp r;

	snprintf(path, sizeof(path), "%s/config/whosaid.conf", source_root);
	start(fx, args, NULL);
	get(fx->port, "GET", "/readyz", NULL, &r);
	assert_int_equal(r.status, 200);
	stop(fx);
}

/* ---- cases: the command line -------------------------------------------- */

static void test_usage(void **state)
{
	static const char *const none[] = {NULL};
	static const char *const bogus[] = {"bogus", NULL};
	static const char *const bad_opt[] = {"serve", "--nope", NULL};
	static const char *const extra[] = {"serve", "extra", NULL};
	static const char *const help[] = {"help", NULL};
	static const char *const help2[] = {"--help", NULL};
	static const char *const serve_help[] = {"serve", "-h", NULL};
	static const char *const version[] = {"version", NULL};
	static const char *const usage_n[] = {"usage:", NULL};
	static const char *const help_n[] = {"usage:",
	                                     "WHOSAID_SERVER_PORT",
	                                     "WHOSAID_ENGINE_CUES",
	                                     "WHOSAID_LOG_FORMAT",
	                                     "shutdown_timeout",
	                                     NULL};
	static const char *const version_n[] = {"whosaid " WS_VERSION, "rules ",
	                                        NULL};

	run_expect(*state, none, NULL, 2, usage_n);
	run_expect(*state, bogus, NULL, 2, usage_n);
	run_expect(*state, bad_opt, NULL, 2, usage_n);
	run_expect(*state, extra, NULL, 2, usage_n);
	run_expect(*state, help, NULL, 0, help_n);
	run_expect(*state, help2, NULL, 0, help_n);
	run_expect(*state, serve_help, NULL, 0, help_n);
	run_expect(*state, version, NULL, 0, version_n);
}

#define CASE(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		CASE(test_healthz),
		CASE(test_readyz),
		CASE(test_version),
		CASE(test_not_found),
		CASE(test_method_not_allowed),
		CASE(test_body_too_large),
		CASE(test_keep_alive),
		CASE(test_request_log),
		CASE(test_annotate_text),
		CASE(test_annotate_json),
		CASE(test_url_story),
		CASE(test_url_errors),
		CASE(test_url_guard),
		CASE(test_url_slow),
		CASE(test_url_busy),
		CASE(test_url_client_abort),
		CASE(test_url_sigterm),
		CASE(test_problem_types),
		CASE(test_batch),
		CASE(test_batch_order),
		CASE(test_request_id),
		CASE(test_cors),
		CASE(test_metrics),
		CASE(test_openapi),
		CASE(test_catalogue),
		CASE(test_catalogue_big),
		CASE(test_slow_clients),
		CASE(test_request_timeout),
		CASE(test_connection_limit),
		CASE(test_per_ip_limit),
		CASE(test_cpu_affinity),
		CASE(test_cpu_follow),
		CASE(test_body_memory),
		CASE(test_sigterm_idle),
		CASE(test_sigint),
		CASE(test_sigterm_slow_request),
		CASE(test_drain_timeout),
		CASE(test_config_unknown_key),
		CASE(test_config_unknown_section),
		CASE(test_config_port_range),
		CASE(test_config_bad_number),
		CASE(test_config_bad_choice),
		CASE(test_config_duplicate),
		CASE(test_config_syntax),
		CASE(test_config_unreadable),
		CASE(test_config_bad_env),
		CASE(test_config_bad_flag),
		CASE(test_config_bad_origin),
		CASE(test_config_body_memory),
		CASE(test_config_relative_path),
		CASE(test_config_precedence),
		CASE(test_config_shipped),
		CASE(test_usage),
	};
	char name[128];
	size_t i;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: %s WHOSAID SOURCE_ROOT [CASE]\n",
		        argv[0]);
		return 2;
	}
	whosaid_bin = argv[1];
	source_root = argv[2];
	wrapper = getenv("WS_TEST_WRAPPER");
	if (wrapper && !*wrapper)
		wrapper = NULL;
	if (wrapper)
		scale = 10;
	if (argc > 3) {
		/* A name that matches nothing must fail, not pass empty. */
		snprintf(name, sizeof(name), "test_%s", argv[3]);
		for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
			if (!strcmp(tests[i].name, name))
				break;
		if (i == sizeof(tests) / sizeof(tests[0])) {
			fprintf(stderr, "no case '%s'\n", argv[3]);
			return 2;
		}
		cmocka_set_test_filter(name);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests_name("http", tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
