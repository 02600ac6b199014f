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
 * Nothing here talks to any address but 127.0.0.1.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>

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
	char body[8192];
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

/*
 * One request on handle h (reused, so keep-alive applies). `body` NULL
 * sends none.
 */
static void http(CURL *h, unsigned port, const char *method, const char *path,
                 const char *body, struct resp *r)
{
	char url[256];
	CURLcode rc;

	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L * scale);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
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
	rc = curl_easy_perform(h);
	if (rc != CURLE_OK)
		fail_msg("%s %s: %s", method, url, curl_easy_strerror(rc));
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &r->connects);
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

/* An RFC 9457 problem with this status. */
static void assert_problem(const struct resp *r, long status)
{
	json_t *j;

	assert_int_equal(r->status, status);
	assert_true(has_header(r, "Content-Type: application/problem+json"));
	j = body_json(r);
	assert_string_equal(json_string_value(json_object_get(j, "type")),
	                    "about:blank");
	assert_non_null(json_string_value(json_object_get(j, "title")));
	assert_int_equal(json_integer_value(json_object_get(j, "status")),
	                 status);
	assert_non_null(json_string_value(json_object_get(j, "detail")));
	json_decref(j);
}

/* ---- raw sockets, for requests that arrive slowly ----------------------- */

static int connect_port(unsigned port)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
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
 * Read one response: headers, then Content-Length bytes, or until the
 * peer closes. Returns its length in buf (NUL-terminated).
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
		cl = strcasestr(buf, "\r\nContent-Length:");
		if (eoh && cl && cl < eoh)
			want = (size_t)(eoh + 4 - buf) +
			       strtoul(cl + 17, NULL, 10);
	}
	buf[n] = '\0';
	return n;
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
	assert_true(has_header(&r, "Content-Type: application/json"));
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
	assert_problem(&r, 404);
	get(fx->port, "GET", "/healthz/extra?x=1", NULL, &r);
	assert_problem(&r, 404);
	stop(fx);
}

static void test_method_not_allowed(void **state)
{
	struct fixture *fx = *state;
	struct resp r;

	start_default(fx);
	get(fx->port, "POST", "/healthz", "x=1", &r);
	assert_problem(&r, 405);
	assert_true(has_header(&r, "Allow: GET, HEAD"));
	get(fx->port, "DELETE", "/version", NULL, &r);
	assert_problem(&r, 405);
	assert_true(has_header(&r, "Allow: GET, HEAD"));
	stop(fx);
}

/* A body over server.max_body: 413 by Content-Length or while it streams. */
static void test_body_too_large(void **state)
{
	static const char *const env[] = {"WHOSAID_SERVER_MAX_BODY=16", NULL};
	static const char *const args[] = {"serve", "--port", "0", NULL};
	struct fixture *fx = *state;
	char buf[4096];
	struct resp r;
	int fd;

	start(fx, args, env);
	get(fx->port, "POST", "/healthz", "0123456789abcdef0123456789", &r);
	assert_problem(&r, 413);
	/* Chunked: no length up front, so the cap trips while reading. */
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Transfer-Encoding: chunked\r\n\r\n"
	             "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n"
	             "0\r\n\r\n");
	read_response(fd, buf, sizeof(buf), 5000);
	close(fd);
	assert_non_null(strstr(buf, "HTTP/1.1 413"));
	/* One that runs on past twice the cap: the connection is closed. */
	fd = connect_port(fx->port);
	assert_true(fd >= 0);
	send_all(fd, "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	             "Transfer-Encoding: chunked\r\n\r\n"
	             "30\r\n0123456789abcdef0123456789abcdef0123456789abcdef"
	             "\r\n0\r\n\r\n");
	assert_int_equal(read_response(fd, buf, sizeof(buf), 5000), 0);
	close(fd);
	/* Within the cap, the body is read and the route answers. */
	get(fx->port, "POST", "/healthz", "small", &r);
	assert_problem(&r, 405);
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
