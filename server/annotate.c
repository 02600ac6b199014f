/*
 * annotate.c - `whosaid annotate`: one document, or a JSONL stream on all
 * cores.
 *
 * The JSONL pipeline is a reader thread, N worker threads and the calling
 * thread as the writer, around a ring of 4*N slots indexed by sequence
 * number. The reader fills slot seq % nslots once the writer has freed it
 * (backpressure: at most nslots lines are in memory however long the
 * file), workers take slots in sequence order and annotate them in
 * parallel, and the writer prints slot next_write as soon as it is done,
 * so output order is input order. Each slot keeps its input and output
 * buffers from line to line; one mutex guards the counters and states,
 * and nobody holds it while reading, annotating or writing.
 */
#include "annotate.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "api.h"
#include "api_write.h"
#include "buf.h"
#include "config.h"
#include "cpus.h"
#include "engine_load.h"
#include "fetch_cmd.h"
#include "input.h"
#include "whosaid.h"

/* One document, or one JSONL line, at most. */
#define MAX_DOC ((size_t)64 << 20)
/* read_all() reads in 64 KiB steps and stops past MAX_DOC. */
#define READ_MAX      (MAX_DOC + 65536 + 1)
#define MAX_JOBS      256
#define SLOTS_PER_JOB 4
#define READ_CHUNK    ((size_t)1 << 20)
/* Slot buffers that grew past this are freed once written. */
#define SLOT_KEEP  ((size_t)4 << 20)
#define OUT_BUFFER ((size_t)1 << 20)

static const char usage_text[] =
	"usage: whosaid annotate [options] FILE|-\n"
	"       whosaid annotate --jsonl [options] IN.jsonl|-\n"
	"       whosaid annotate --url URL [options]\n"
	"Print who said what in a news story as JSON.\n"
	"\n"
	"  --offsets UNIT      span offsets in codepoint (default), utf16 or utf8\n"
	"  --pretty            indent the JSON by 2 (not with --jsonl)\n"
	"  --repair            replace invalid UTF-8 with U+FFFD instead of failing\n"
	"  --jsonl             read one {\"id\", \"text\"} object a line, write one\n"
	"                      result a line, {\"id\", ...}, in input order\n"
	"  -j, --jobs N        worker threads for --jsonl (default: usable CPUs)\n"
	"  -o, --output FILE   write to FILE instead of standard output\n"
	"  --config FILE       configuration file ([engine] cues)\n"
	"  --cues FILE         cue lexicon file, overrides the configuration\n"
	"  --no-progress       no progress bar, even on a terminal\n"
	"  --url URL           fetch the story at URL ([fetch] keys apply) and\n"
	"                      print its \"article\" and \"text\" with the result\n"
	"  -h, --help          this text\n"
	"\n"
	"Exit status: 0 success, 1 an input or output error (with --jsonl: a bad\n"
	"line, reported as FILE:LINE on standard error and skipped), 2 usage.\n";

struct opts {
	const char *input;
	const char *output;
	const char *config;
	const char *cues;
	const char *url; /* --url: fetch the input */
	enum ws_unit unit;
	unsigned jobs; /* 0: one per usable CPU (cpus.h) */
	bool pretty, repair, jsonl, no_progress;
};

static void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void msg(const char *fmt, ...)
{
	va_list ap;

	fputs("whosaid annotate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("whosaid annotate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(usage_text, stderr);
	return 2;
}

/* ---- options ----------------------------------------------------------- */

enum opt_id {
	OPT_OFFSETS,
	OPT_PRETTY,
	OPT_REPAIR,
	OPT_JSONL,
	OPT_JOBS,
	OPT_OUTPUT,
	OPT_CONFIG,
	OPT_CUES,
	OPT_NO_PROGRESS,
	OPT_URL,
	OPT_HELP,
};

static const struct {
	const char *name; /* long name without "--" */
	char short_name;  /* 0: none */
	bool has_arg;
	enum opt_id id;
} options[] = {
	{"offsets", 0, true, OPT_OFFSETS},
	{"pretty", 0, false, OPT_PRETTY},
	{"repair", 0, false, OPT_REPAIR},
	{"jsonl", 0, false, OPT_JSONL},
	{"jobs", 'j', true, OPT_JOBS},
	{"output", 'o', true, OPT_OUTPUT},
	{"config", 0, true, OPT_CONFIG},
	{"cues", 0, true, OPT_CUES},
	{"no-progress", 0, false, OPT_NO_PROGRESS},
	{"url", 0, true, OPT_URL},
	{"help", 'h', false, OPT_HELP},
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

/*
 * A small parser rather than getopt_long(): no global state shared with
 * main.c's own parsing, and `--opt=value`, `--opt value`, `-j4`, `-j 4`
 * and `--` all work. Returns 0, 2 (usage error, reported) or -1 (--help
 * printed).
 */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	bool only_args = false;
	int i;

	memset(o, 0, sizeof(*o));
	o->unit = WS_UNIT_CODEPOINT;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *name;
		size_t k, namelen;
		bool is_short;

		if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
			if (o->input)
				return usage_error("more than one input: '%s'",
				                   a);
			o->input = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = true;
			continue;
		}
		is_short = a[1] != '-';
		name = is_short ? a + 1 : a + 2;
		if (is_short) {
			namelen = 1;
			if (a[2])
				val = a + 2;
		} else {
			const char *eq = strchr(name, '=');

			namelen = eq ? (size_t)(eq - name) : strlen(name);
			if (eq)
				val = eq + 1;
		}
		for (k = 0; k < NOPTIONS; k++) {
			if (is_short ? options[k].short_name == name[0]
			             : strlen(options[k].name) == namelen &&
			                       memcmp(options[k].name, name,
			                              namelen) == 0)
				break;
		}
		if (k == NOPTIONS)
			return usage_error("unknown option '%s'", a);
		if (options[k].has_arg && !val) {
			if (i + 1 >= argc)
				return usage_error("'%s' needs an argument", a);
			val = argv[++i];
		} else if (!options[k].has_arg && val) {
			return usage_error("'%s' takes no argument", a);
		}
		switch (options[k].id) {
		case OPT_OFFSETS:
			if (api_parse_unit(val, &o->unit) != 0)
				return usage_error(
					"--offsets must be codepoint, "
					"utf16 or utf8, not '%s'",
					val);
			break;
		case OPT_PRETTY:
			o->pretty = true;
			break;
		case OPT_REPAIR:
			o->repair = true;
			break;
		case OPT_JSONL:
			o->jsonl = true;
			break;
		case OPT_JOBS: {
			char *end;
			long n;

			errno = 0;
			n = strtol(val, &end, 10);
			if (errno || end == val || *end || n < 1 ||
			    n > MAX_JOBS)
				return usage_error(
					"--jobs must be 1..%d, not '%s'",
					MAX_JOBS, val);
			o->jobs = (unsigned)n;
			break;
		}
		case OPT_OUTPUT:
			o->output = val;
			break;
		case OPT_CONFIG:
			o->config = val;
			break;
		case OPT_CUES:
			o->cues = val;
			break;
		case OPT_NO_PROGRESS:
			o->no_progress = true;
			break;
		case OPT_URL:
			o->url = val;
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return -1;
		}
	}
	if (o->url && (o->input || o->jsonl || o->repair))
		return usage_error("--url takes no input file, --jsonl or "
		                   "--repair");
	if (!o->input && !o->url)
		return usage_error(
			"no input file (use '-' for standard input)");
	if (o->jsonl && o->pretty)
		return usage_error("--pretty cannot be used with --jsonl (one "
		                   "object a line)");
	return 0;
}

/* The configuration (file, environment, --cues) names the cue lexicon. */
static int load_engine(const struct opts *o, struct ws_engine **eng)
{
	struct config_override ov = {"engine", "cues", o->cues, "--cues"};
	struct config *cfg;
	char err[512];
	int rc = 1;

	/* struct config holds path buffers: keep it off the stack. */
	cfg = malloc(sizeof(*cfg));
	if (!cfg) {
		msg("out of memory");
		return 1;
	}
	if (config_load(cfg, o->config, o->cues ? &ov : NULL, o->cues ? 1 : 0,
	                err, sizeof(err)) != 0) {
		msg("%s", err);
		goto out;
	}
	if (engine_load(cfg->cues, eng, err, sizeof(err)) != 0) {
		msg("%s", err);
		goto out;
	}
	rc = 0;
out:
	free(cfg);
	return rc;
}

/*
 * Read all of fd, at most `cap` bytes. Returns 0, or -1 with errno set
 * (EFBIG when the input is larger than cap).
 */
static int read_all(int fd, size_t cap, struct buf *b)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > cap) {
			errno = EFBIG;
			return -1;
		}
		if (buf_reserve(b, (size_t)st.st_size + 1) != 0) {
			errno = ENOMEM;
			return -1;
		}
	}
	for (;;) {
		ssize_t n;

		if (b->len == b->cap && buf_reserve(b, 65536) != 0) {
			errno = ENOMEM;
			return -1;
		}
		n = read(fd, b->data + b->len, b->cap - b->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		b->len += (size_t)n;
		if (b->len > cap) {
			errno = EFBIG;
			return -1;
		}
	}
}

static int open_input(const char *path, const char **name)
{
	int fd;

	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return STDIN_FILENO;
	}
	*name = path;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		struct stat st;

		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			errno = EISDIR;
			return -1;
		}
	}
	return fd;
}

static FILE *open_output(const char *path)
{
	FILE *f = path ? fopen(path, "w") : stdout;

	if (!f) {
		msg("%s: %s", path, strerror(errno));
		return NULL;
	}
	setvbuf(f, NULL, _IOFBF, OUT_BUFFER);
	return f;
}

/* Flush and close the output; 0 or 1 with a message. */
static int close_output(FILE *f, const char *path)
{
	int rc = 0;

	if (fflush(f) != 0 || ferror(f)) {
		msg("writing %s: %s", path ? path : "standard output",
		    strerror(errno));
		rc = 1;
	}
	if (f != stdout && fclose(f) != 0 && rc == 0) {
		msg("closing %s: %s", path, strerror(errno));
		rc = 1;
	}
	return rc;
}

/* ---- one document ------------------------------------------------------ */

static int annotate_one(const struct opts *o, const struct ws_engine *eng)
{
	struct buf text, json_out;
	struct ws_doc *doc = NULL;
	struct ws_error werr;
	const char *name;
	json_t *json = NULL;
	FILE *out;
	int fd, rc = 1;
	size_t flags;

	buf_init(&text, READ_MAX);
	buf_init(&json_out, SIZE_MAX);
	fd = open_input(o->input, &name);
	if (fd < 0) {
		msg("%s: %s", o->input, strerror(errno));
		return 1;
	}
	if (read_all(fd, MAX_DOC, &text) != 0) {
		if (errno == EFBIG)
			msg("%s: larger than %zu MiB, the limit for one document",
			    name, MAX_DOC >> 20);
		else
			msg("%s: %s", name, strerror(errno));
		goto out_close;
	}
	memset(&werr, 0, sizeof(werr));
	rc = ws_annotate(eng, text.data, text.len,
	                 o->repair ? WS_REPAIR_UTF8 : 0, &doc, &werr);
	if (rc == WS_EUTF8) {
		msg("%s: invalid UTF-8 at byte offset %zu (--repair replaces "
		    "invalid bytes with U+FFFD)",
		    name, werr.offset);
		rc = 1;
		goto out_close;
	}
	if (rc != WS_OK) {
		msg("%s: %s", name,
		    werr.message[0] ? werr.message : ws_strerror(rc));
		rc = 1;
		goto out_close;
	}
	rc = 1;
	/* Compact JSON straight from the document; --pretty through a
	 * jansson tree, which indents. */
	if (!o->pretty) {
		int wrc = api_write_doc(&json_out, doc, o->unit, NULL, 0);

		buf_putc(&json_out, '\n');
		if (wrc || json_out.err) {
			msg("%s: the JSON could not be written: %s", name,
			    strerror(-(wrc ? wrc : json_out.err)));
			goto out_doc;
		}
	} else {
		json = api_doc_json(doc, o->unit);
		if (!json) {
			msg("%s: out of memory building the JSON", name);
			goto out_doc;
		}
	}
	out = open_output(o->output);
	if (!out)
		goto out_json;
	flags = API_DUMP_FLAGS | JSON_INDENT(2);
	if (json ? json_dumpf(json, out, flags) != 0 || fputc('\n', out) == EOF
	         : fwrite(json_out.data, 1, json_out.len, out) !=
	                    json_out.len) {
		msg("writing %s: %s", o->output ? o->output : "standard output",
		    strerror(errno));
		if (out != stdout)
			fclose(out);
		goto out_json;
	}
	rc = close_output(out, o->output);
out_json:
	json_decref(json);
out_doc:
	ws_doc_free(doc);
out_close:
	if (fd != STDIN_FILENO)
		close(fd);
	buf_release(&text);
	buf_release(&json_out);
	return rc;
}

/* ---- JSONL ------------------------------------------------------------- */

enum slot_state {
	SLOT_FREE,  /* the reader may fill it */
	SLOT_READY, /* a line waits for a worker (or is being annotated) */
	SLOT_DONE,  /* the result waits for the writer */
};

struct slot {
	enum slot_state state;
	size_t seq;
	unsigned long line; /* 1-based line number in the input */
	size_t bytes; /* input bytes up to its newline, blank lines included */
	struct buf in, out; /* the line; its result, newline included */
	bool bad;
	char why[256]; /* when bad */
};

struct run {
	pthread_mutex_t mu;
	pthread_cond_t cv_work, cv_done, cv_free;
	struct slot *slots;
	size_t nslots;
	size_t next_read;  /* slots published by the reader */
	size_t next_work;  /* slots taken by workers */
	size_t next_write; /* slots written */
	bool eof;          /* the reader is done: next_read is final */
	bool abort;        /* a write failed: everybody stops */
	int read_errno;    /* the reader stopped on this error */

	const struct ws_engine *eng;
	enum ws_unit unit;
	unsigned flags;

	/* the reader's */
	int fd;
	bool at_eof; /* read() returned 0: never ask again (a tty) */
	char *chunk;
	size_t pos, end;
};

static void slot_bad(struct slot *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void slot_bad(struct slot *s, const char *fmt, ...)
{
	va_list ap;

	s->bad = true;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
}

static bool blank(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

/*
 * The next bytes of input into r->chunk: their count, 0 at the end, -1 on
 * an error (errno). A cancellation point, unlike the rest of the reader:
 * it holds no lock here and owns nothing that the run does not free, so
 * the writer may cancel it when a pipe that never ends is not needed.
 */
static ssize_t read_chunk(struct run *r)
{
	ssize_t n;
	int old;

	do {
		pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
		n = read(r->fd, r->chunk, READ_CHUNK);
		pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	} while (n < 0 && errno == EINTR);
	return n;
}

/*
 * Read the next line that is not blank into s. Returns 1 (a line, maybe
 * marked bad), 0 at the end of input, -1 on a read error (errno).
 */
static int read_line(struct run *r, struct slot *s, unsigned long *lineno)
{
	bool overflow = false, oom = false;

	buf_reset(&s->in);
	for (;;) {
		const char *nl;
		size_t piece;

		if (r->pos == r->end) {
			ssize_t n = r->at_eof ? 0 : read_chunk(r);

			if (n < 0)
				return -1;
			if (n == 0) {
				r->at_eof = true;
				/* A last line without a newline still counts. */
				if (!overflow && !oom &&
				    blank(s->in.data, s->in.len))
					return 0;
				break;
			}
			r->pos = 0;
			r->end = (size_t)n;
		}
		nl = memchr(r->chunk + r->pos, '\n', r->end - r->pos);
		piece = nl ? (size_t)(nl - (r->chunk + r->pos))
		           : r->end - r->pos;
		if (!overflow && !oom) {
			if (piece > MAX_DOC - s->in.len)
				overflow = true;
			else {
				buf_append(&s->in, r->chunk + r->pos, piece);
				oom = s->in.err != 0;
			}
		}
		r->pos += piece;
		s->bytes += piece;
		if (!nl)
			continue;
		r->pos++;
		s->bytes++;
		if (!overflow && !oom && blank(s->in.data, s->in.len)) {
			(*lineno)++;
			buf_reset(&s->in);
			continue;
		}
		break;
	}
	s->line = (*lineno)++;
	if (overflow)
		slot_bad(s,
		         "line longer than %zu MiB, the limit for one document",
		         MAX_DOC >> 20);
	else if (oom)
		slot_bad(s, "out of memory reading the line");
	return 1;
}

static void *reader_main(void *arg)
{
	struct run *r = arg;
	unsigned long lineno = 1;
	int old;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	for (;;) {
		struct slot *s;
		bool stop;
		int got, read_errno;

		pthread_mutex_lock(&r->mu);
		s = &r->slots[r->next_read % r->nslots];
		while (s->state != SLOT_FREE && !r->abort)
			pthread_cond_wait(&r->cv_free, &r->mu);
		stop = r->abort;
		pthread_mutex_unlock(&r->mu);
		if (stop)
			break;

		s->bad = false;
		s->bytes = 0;
		got = read_line(r, s, &lineno);
		read_errno = errno;

		pthread_mutex_lock(&r->mu);
		if (got <= 0) {
			if (got < 0)
				r->read_errno = read_errno;
			pthread_mutex_unlock(&r->mu);
			break;
		}
		s->seq = r->next_read++;
		s->state = SLOT_READY;
		pthread_cond_signal(&r->cv_work);
		pthread_mutex_unlock(&r->mu);
	}
	pthread_mutex_lock(&r->mu);
	r->eof = true;
	pthread_cond_broadcast(&r->cv_work);
	pthread_cond_broadcast(&r->cv_done);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Annotate one line: s->in to s->out, or mark it bad. */
static void annotate_line(const struct run *r, struct slot *s)
{
	json_error_t jerr;
	json_t *root, *id = NULL;
	struct ws_doc *doc = NULL;
	char *id_text = NULL, num[24];
	size_t id_len;
	struct ws_error werr;
	const char *text;
	size_t len;
	int rc;

	/* NUL is a character like any other to the engine: allow \u0000. */
	root = json_loadb(s->in.data, s->in.len,
	                  JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
	if (!root) {
		if (json_error_code(&jerr) == json_error_invalid_utf8)
			slot_bad(s,
			         "invalid UTF-8 at byte offset %d of the line",
			         jerr.position);
		else
			slot_bad(s, "not JSON: %s (column %d)", jerr.text,
			         jerr.column);
		return;
	}
	if (json_unpack_ex(root, &jerr, 0, "{s:s%, s?o}", "text", &text, &len,
	                   "id", &id) != 0) {
		slot_bad(s,
		         "expected {\"id\": string|number, \"text\": string}: "
		         "%s",
		         jerr.text);
		goto out_root;
	}
	if (id && !json_is_string(id) && !json_is_number(id)) {
		slot_bad(s, "\"id\" must be a string or a number");
		goto out_root;
	}
	memset(&werr, 0, sizeof(werr));
	rc = ws_annotate(r->eng, text, len, r->flags, &doc, &werr);
	if (rc == WS_EUTF8) {
		slot_bad(s, "\"text\" is not valid UTF-8 at byte offset %zu",
		         werr.offset);
		goto out_root;
	}
	if (rc != WS_OK) {
		slot_bad(s, "%s",
		         werr.message[0] ? werr.message : ws_strerror(rc));
		goto out_root;
	}
	if (id) {
		id_text = input_id_json(id, &id_len);
		if (!id_text) {
			slot_bad(s, "out of memory writing the JSON");
			goto out_doc;
		}
	} else {
		id_len = (size_t)snprintf(num, sizeof(num), "%lu", s->line);
	}
	buf_reset(&s->out);
	rc = api_write_doc(&s->out, doc, r->unit, id_text ? id_text : num,
	                   id_len);
	buf_putc(&s->out, '\n');
	if (rc || s->out.err)
		slot_bad(s, "the JSON could not be written: %s",
		         strerror(-(rc ? rc : s->out.err)));
	free(id_text);
out_doc:
	ws_doc_free(doc);
out_root:
	json_decref(root);
}

static void *worker_main(void *arg)
{
	struct run *r = arg;

	for (;;) {
		struct slot *s;

		pthread_mutex_lock(&r->mu);
		while (r->next_work == r->next_read && !r->eof && !r->abort)
			pthread_cond_wait(&r->cv_work, &r->mu);
		if (r->abort || r->next_work == r->next_read) {
			pthread_mutex_unlock(&r->mu);
			return NULL;
		}
		s = &r->slots[r->next_work++ % r->nslots];
		pthread_mutex_unlock(&r->mu);

		if (!s->bad)
			annotate_line(r, s);

		pthread_mutex_lock(&r->mu);
		s->state = SLOT_DONE;
		if (s->seq == r->next_write)
			pthread_cond_signal(&r->cv_done);
		pthread_mutex_unlock(&r->mu);
	}
}

/* ---- progress ---------------------------------------------------------- */

struct progress {
	bool on;
	bool drawn;     /* a bar is on the terminal line */
	uint64_t total; /* input size, 0: unknown */
	uint64_t bytes;
	unsigned long lines;
	double start, last;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_clear(struct progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = false;
	}
}

static void progress_draw(struct progress *p, double t)
{
	double secs = t - p->start, mb = (double)p->bytes / 1e6;
	double rate = secs > 0 ? mb / secs : 0;

	fprintf(stderr, "\r\033[K%lu lines  %.1f MB  %.1f MB/s", p->lines, mb,
	        rate);
	if (p->total && rate > 0) {
		double left = ((double)p->total / 1e6 - mb) / rate;
		unsigned long s = left > 0 ? (unsigned long)left : 0;

		fprintf(stderr, "  %3.0f%%  ETA %lu:%02lu",
		        100.0 * (double)p->bytes / (double)p->total, s / 60,
		        s % 60);
	}
	fflush(stderr);
	p->drawn = true;
	p->last = t;
}

static void progress_step(struct progress *p, size_t bytes)
{
	double t;

	p->lines++;
	p->bytes += bytes;
	if (!p->on)
		return;
	t = now();
	if (t - p->last >= 0.2)
		progress_draw(p, t);
}

static void progress_end(struct progress *p)
{
	double secs;

	if (!p->on)
		return;
	progress_clear(p);
	secs = now() - p->start;
	fprintf(stderr, "%lu lines, %.1f MB in %.1f s (%.1f MB/s)\n", p->lines,
	        (double)p->bytes / 1e6, secs,
	        secs > 0 ? (double)p->bytes / 1e6 / secs : 0.0);
}

/* ---- the writer -------------------------------------------------------- */

/*
 * Print results in sequence order until the reader is done and every
 * slot is written, or a write fails. Returns the number of bad lines, or
 * -1 after a write error (reported; the run is aborted).
 */
static long write_results(struct run *r, FILE *out, const char *in_name,
                          const char *out_name, struct progress *p)
{
	long bad = 0;

	for (;;) {
		struct slot *s = NULL;

		pthread_mutex_lock(&r->mu);
		for (;;) {
			if (r->next_write < r->next_read) {
				s = &r->slots[r->next_write % r->nslots];
				if (s->state == SLOT_DONE)
					break;
				s = NULL;
			} else if (r->eof) {
				break;
			}
			pthread_cond_wait(&r->cv_done, &r->mu);
		}
		pthread_mutex_unlock(&r->mu);
		if (!s)
			return bad;

		if (s->bad) {
			progress_clear(p);
			fprintf(stderr, "%s:%lu: %s\n", in_name, s->line,
			        s->why);
			bad++;
		} else if (fwrite(s->out.data, 1, s->out.len, out) !=
		           s->out.len) {
			progress_clear(p);
			msg("writing %s: %s", out_name, strerror(errno));
			pthread_mutex_lock(&r->mu);
			r->abort = true;
			pthread_cond_broadcast(&r->cv_work);
			pthread_cond_broadcast(&r->cv_free);
			pthread_mutex_unlock(&r->mu);
			return -1;
		}
		progress_step(p, s->bytes);
		/* A rare huge line should not pin its memory for the run. */
		if (s->in.cap > SLOT_KEEP)
			buf_release(&s->in);
		if (s->out.cap > SLOT_KEEP)
			buf_release(&s->out);

		pthread_mutex_lock(&r->mu);
		s->state = SLOT_FREE;
		r->next_write++;
		pthread_cond_signal(&r->cv_free);
		pthread_mutex_unlock(&r->mu);
	}
}

static unsigned default_jobs(void)
{
	unsigned n = cpus_usable();

	return n > MAX_JOBS ? MAX_JOBS : n;
}

static int annotate_jsonl(const struct opts *o, const struct ws_engine *eng)
{
	struct run r;
	struct progress p;
	pthread_t reader, workers[MAX_JOBS];
	unsigned jobs = o->jobs ? o->jobs : default_jobs(), nworkers = 0, i;
	const char *in_name,
		*out_name = o->output ? o->output : "standard output";
	struct stat st;
	FILE *out = NULL;
	long bad;
	int rc = 1, err;

	memset(&r, 0, sizeof(r));
	memset(&p, 0, sizeof(p));
	r.eng = eng;
	r.unit = o->unit;
	r.flags = o->repair ? WS_REPAIR_UTF8 : 0;
	r.fd = open_input(o->input, &in_name);
	if (r.fd < 0) {
		msg("%s: %s", o->input, strerror(errno));
		return 1;
	}
	if (fstat(r.fd, &st) == 0 && S_ISREG(st.st_mode))
		p.total = (uint64_t)st.st_size;
#ifdef POSIX_FADV_SEQUENTIAL
	posix_fadvise(r.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	r.nslots = (size_t)jobs * SLOTS_PER_JOB;
	r.slots = calloc(r.nslots, sizeof(*r.slots));
	r.chunk = malloc(READ_CHUNK);
	if (!r.slots || !r.chunk) {
		msg("out of memory");
		goto out_free;
	}
	for (i = 0; i < r.nslots; i++) {
		buf_init(&r.slots[i].in, MAX_DOC);
		buf_init(&r.slots[i].out, SIZE_MAX);
	}
	out = open_output(o->output);
	if (!out)
		goto out_free;

	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv_work, NULL);
	pthread_cond_init(&r.cv_done, NULL);
	pthread_cond_init(&r.cv_free, NULL);

	p.on = !o->no_progress && isatty(STDERR_FILENO);
	p.start = p.last = now();

	err = pthread_create(&reader, NULL, reader_main, &r);
	if (err) {
		msg("cannot start a thread: %s", strerror(err));
		goto out_sync;
	}
	for (i = 0; i < jobs; i++) {
		err = pthread_create(&workers[i], NULL, worker_main, &r);
		if (err)
			break;
		nworkers++;
	}
	if (nworkers == 0) {
		msg("cannot start a thread: %s", strerror(err));
		pthread_mutex_lock(&r.mu);
		r.abort = true;
		pthread_cond_broadcast(&r.cv_free);
		pthread_mutex_unlock(&r.mu);
		pthread_cancel(reader);
		pthread_join(reader, NULL);
		goto out_sync;
	}

	bad = write_results(&r, out, in_name, out_name, &p);
	if (bad < 0)
		pthread_cancel(reader); /* it may be blocked reading a pipe */
	pthread_join(reader, NULL);
	for (i = 0; i < nworkers; i++)
		pthread_join(workers[i], NULL);
	if (bad < 0)
		goto out_sync;
	progress_end(&p);

	rc = bad ? 1 : 0;
	if (r.read_errno) {
		msg("reading %s: %s (the lines before it were written)",
		    in_name, strerror(r.read_errno));
		rc = 1;
	}
	if (close_output(out, o->output) != 0)
		rc = 1;
	out = NULL;
out_sync:
	pthread_cond_destroy(&r.cv_free);
	pthread_cond_destroy(&r.cv_done);
	pthread_cond_destroy(&r.cv_work);
	pthread_mutex_destroy(&r.mu);
out_free:
	if (out && out != stdout)
		fclose(out);
	if (r.slots) {
		for (i = 0; i < r.nslots; i++) {
			buf_release(&r.slots[i].in);
			buf_release(&r.slots[i].out);
		}
	}
	free(r.slots);
	free(r.chunk);
	if (r.fd != STDIN_FILENO)
		close(r.fd);
	return rc;
}

int cmd_annotate(int argc, char **argv)
{
	struct ws_engine *eng = NULL;
	struct opts o;
	int rc;

	rc = parse_opts(argc, argv, &o);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (o.url) {
		struct annotate_url_opts u = {o.url,    o.config, o.cues,
		                              o.output, o.unit,   o.pretty};

		return annotate_url(&u);
	}
	/* A closed pipe becomes EPIPE from write(), reported like disk full. */
	signal(SIGPIPE, SIG_IGN);
	/* Hash seeds from /dev/urandom, once, before any thread builds JSON. */
	json_object_seed(0);
	if (load_engine(&o, &eng) != 0)
		return 1;
	rc = o.jsonl ? annotate_jsonl(&o, eng) : annotate_one(&o, eng);
	ws_engine_free(eng);
	return rc;
}
