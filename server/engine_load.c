/*
 * engine_load.c - the engine plus the cue lexicon file named in the
 * configuration or on the command line.
 */
#include "engine_load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/*
 * Read a whole file of at most `cap` bytes. The size from fstat() is only
 * a hint (the file may be a pipe or still growing), so the loop itself
 * enforces the cap: it reads one byte past it to tell "exactly cap" from
 * "more". Returns 0, WS_EINVAL (errno set), WS_ETOOBIG or WS_ENOMEM.
 */
static int read_capped(const char *path, size_t cap, char **data, size_t *len)
{
	struct stat st;
	char *buf = NULL, *nbuf;
	size_t size = 0, alloc;
	int fd, saved_errno, rc = WS_OK;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return WS_EINVAL;
	if (fstat(fd, &st) < 0) {
		rc = WS_EINVAL;
		goto out_close;
	}
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		rc = WS_EINVAL;
		goto out_close;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > cap) {
		rc = WS_ETOOBIG;
		goto out_close;
	}
	/* One byte of slack so a file of exactly `alloc` bytes needs no
	 * second buffer to see its end. */
	alloc = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
	if (alloc > cap + 1)
		alloc = cap + 1;
	buf = malloc(alloc);
	if (!buf) {
		rc = WS_ENOMEM;
		goto out_close;
	}
	for (;;) {
		ssize_t n;

		if (size == alloc) {
			if (alloc > cap) {
				rc = WS_ETOOBIG;
				goto out_free;
			}
			alloc = alloc > cap / 2 ? cap + 1 : alloc * 2;
			nbuf = realloc(buf, alloc);
			if (!nbuf) {
				rc = WS_ENOMEM;
				goto out_free;
			}
			buf = nbuf;
		}
		n = read(fd, buf + size, alloc - size);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = WS_EINVAL;
			goto out_free;
		}
		if (n == 0)
			break;
		size += (size_t)n;
	}
	*data = buf;
	*len = size;
	close(fd);
	return WS_OK;
out_free:
	free(buf);
out_close:
	saved_errno = errno; /* the caller reports it for WS_EINVAL */
	close(fd);
	errno = saved_errno;
	return rc;
}

int engine_load(const char *cues_path, struct ws_engine **out, char *err,
                size_t errlen)
{
	struct ws_engine *eng = NULL;
	struct ws_error werr;
	char *data = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	set_err(err, errlen, "%s", "");
	rc = ws_engine_create(&eng, NULL);
	if (rc != WS_OK) {
		set_err(err, errlen, "cannot create the engine: %s",
		        ws_strerror(rc));
		return rc;
	}
	if (!cues_path || !*cues_path)
		goto done;

	rc = read_capped(cues_path, ENGINE_LOAD_MAX_FILE, &data, &len);
	if (rc == WS_EINVAL) {
		set_err(err, errlen, "%s: %s", cues_path, strerror(errno));
		goto fail_engine;
	}
	if (rc == WS_ETOOBIG) {
		set_err(err, errlen,
		        "%s: larger than %zu MiB, not a cue lexicon", cues_path,
		        ENGINE_LOAD_MAX_FILE >> 20);
		goto fail_engine;
	}
	if (rc != WS_OK) {
		set_err(err, errlen, "%s: %s", cues_path, ws_strerror(rc));
		goto fail_engine;
	}

	memset(&werr, 0, sizeof(werr));
	rc = ws_engine_load_cues(eng, data, len, &werr);
	free(data);
	if (rc == WS_ELEXICON) {
		set_err(err, errlen, "%s:%u: %s", cues_path, werr.line,
		        werr.message[0] ? werr.message : ws_strerror(rc));
		goto fail_engine;
	}
	if (rc != WS_OK) {
		set_err(err, errlen, "%s: %s", cues_path,
		        werr.message[0] ? werr.message : ws_strerror(rc));
		goto fail_engine;
	}
done:
	*out = eng;
	return WS_OK;
fail_engine:
	ws_engine_free(eng);
	return rc;
}
