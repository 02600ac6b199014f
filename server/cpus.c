/*
 * cpus.c - the CPUs this process can use: online, affinity, cgroup quota.
 *
 * Reading cgroup files: /proc/self/cgroup gives the process's cgroup
 * path per hierarchy ("0::/a/b" for v2, "4:cpu,cpuacct:/a/b" for v1).
 * With a cgroup namespace the path is "/" and the limit sits at the
 * mount's root; without one the path is the host's and may not exist
 * under the container's mount. Walking from the full path up to the
 * root, skipping levels that are missing, finds the limit either way.
 */
#define _GNU_SOURCE /* CPU_COUNT, sched_getaffinity */
#include "cpus.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CPUS_PATH_MAX 1024
#define CPUS_FILE_MAX 8192 /* /proc/self/cgroup; longer lines are skipped */

/* Read a small file into buf as a string; -1 when it cannot be read. */
static int read_small(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	return 0;
}

/* A positive decimal integer at the start of s, or 0. */
static unsigned long long number(const char *s)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return 0;
	v = strtoull(s, &end, 10);
	if (*end && *end != ' ' && *end != '\n')
		return 0;
	return v == ULLONG_MAX ? 0 : v;
}

/* quota / period in whole CPUs, rounded up; 0 for none. */
static unsigned whole_cpus(unsigned long long quota, unsigned long long period)
{
	unsigned long long n;

	if (!quota || !period)
		return 0;
	n = quota / period + (quota % period != 0);
	return n > UINT_MAX ? UINT_MAX : (unsigned)n;
}

/* The quota in dir (a cgroup directory): v2 when v2, else v1; 0 for none. */
static unsigned quota_in(const char *dir, int v2)
{
	char path[CPUS_PATH_MAX + 32], text[128];
	unsigned long long quota, period;
	const char *sp;

	if (v2) {
		/* "max 100000" or "QUOTA PERIOD" */
		snprintf(path, sizeof(path), "%s/cpu.max", dir);
		if (read_small(path, text, sizeof(text)))
			return 0;
		sp = strchr(text, ' ');
		return sp ? whole_cpus(number(text), number(sp + 1)) : 0;
	}
	/* cpu.cfs_quota_us is -1 for none. */
	snprintf(path, sizeof(path), "%s/cpu.cfs_quota_us", dir);
	if (read_small(path, text, sizeof(text)))
		return 0;
	quota = number(text);
	snprintf(path, sizeof(path), "%s/cpu.cfs_period_us", dir);
	if (read_small(path, text, sizeof(text)))
		return 0;
	period = number(text);
	return whole_cpus(quota, period);
}

/* The smallest quota from mount + cgroup up to mount; 0 for none. */
static unsigned walk_up(const char *mount, const char *cgroup, int v2)
{
	char dir[CPUS_PATH_MAX];
	size_t base = strlen(mount), len;
	unsigned best = 0, q;
	int n;

	n = snprintf(dir, sizeof(dir), "%s%s", mount, cgroup);
	if (n < 0 || (size_t)n >= sizeof(dir))
		return 0;
	len = (size_t)n;
	for (;;) {
		/* "/x/" and "/x" are one level */
		while (len > base && dir[len - 1] == '/')
			dir[--len] = '\0';
		q = quota_in(dir, v2);
		if (q && (!best || q < best))
			best = q;
		if (len <= base)
			break;
		while (len > base && dir[len - 1] != '/')
			len--;
		dir[len] = '\0';
	}
	return best;
}

/* Does the comma-separated controller list `list` (of length n) name cpu? */
static int names_cpu(const char *list, size_t n)
{
	const char *p = list, *end = list + n;

	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t len = comma ? (size_t)(comma - p) : (size_t)(end - p);

		if (len == 3 && !memcmp(p, "cpu", 3))
			return 1;
		p += len + 1;
	}
	return 0;
}

unsigned cpus_quota(const char *root)
{
	char text[CPUS_FILE_MAX], mount[CPUS_PATH_MAX], path[CPUS_PATH_MAX];
	unsigned best = 0, q;
	char *line, *next;

	snprintf(path, sizeof(path), "%s/proc/self/cgroup", root);
	if (read_small(path, text, sizeof(text)))
		return 0;
	for (line = text; *line; line = next) {
		char *c1, *c2, *nl = strchr(line, '\n');

		next = nl ? nl + 1 : line + strlen(line);
		if (!nl)
			break; /* the last line was cut, or there is none */
		*nl = '\0';
		c1 = strchr(line, ':');
		c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2 || c2[1] != '/')
			continue;
		q = 0;
		if (c2 == c1 + 1 && !strncmp(line, "0:", 2)) {
			snprintf(mount, sizeof(mount), "%s/sys/fs/cgroup",
			         root);
			q = walk_up(mount, c2 + 1, 1);
			if (!q) {
				/* hybrid: v2 at /sys/fs/cgroup/unified */
				snprintf(mount, sizeof(mount),
				         "%s/sys/fs/cgroup/unified", root);
				q = walk_up(mount, c2 + 1, 1);
			}
		} else if (names_cpu(c1 + 1, (size_t)(c2 - c1 - 1))) {
			/* v1: mounted as cpu,cpuacct (or the other way
			 * round) with a cpu link, or as cpu alone. */
			snprintf(mount, sizeof(mount), "%s/sys/fs/cgroup/cpu",
			         root);
			q = walk_up(mount, c2 + 1, 0);
		}
		if (q && (!best || q < best))
			best = q;
	}
	return best;
}

unsigned cpus_usable(void)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned n = online > 0 && online < INT_MAX ? (unsigned)online : 1, q;
	cpu_set_t set;
	int in_set;

	if (!sched_getaffinity(0, sizeof(set), &set)) {
		in_set = CPU_COUNT(&set);
		if (in_set > 0 && (unsigned)in_set < n)
			n = (unsigned)in_set;
	}
	q = cpus_quota("");
	if (q && q < n)
		n = q;
	return n ? n : 1;
}

unsigned cpus_affinity(int *out, unsigned max)
{
	cpu_set_t set;
	unsigned n = 0;
	int cpu;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 0;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		if (n < max)
			out[n] = cpu;
		n++;
	}
	return n;
}

int cpus_pin_self(int cpu)
{
	cpu_set_t set;

	if (cpu < 0 || cpu >= CPU_SETSIZE)
		return EINVAL;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	/* pid 0: the calling thread alone, not its process. */
	return sched_setaffinity(0, sizeof(set), &set) ? errno : 0;
}
