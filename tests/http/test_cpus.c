/*
 * test_cpus.c - cpus_quota() reads cgroup CPU limits the way container
 * runtimes lay them out, from a fake file system root in a temporary
 * directory: cgroup v2 with and without a cgroup namespace, nested
 * limits, v1's cfs files, hybrid mounts, and files that say nothing
 * or are malformed. cpus_usable() is checked against the real machine.
 *
 *   test_cpus
 */
#define _GNU_SOURCE /* CPU_COUNT, sched_getaffinity, mkdtemp */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cpus.h"

static char root[64];

/* mkdir -p root/rel's directory, then write text to root/rel. */
static void put(const char *rel, const char *text)
{
	char path[512];
	char *p;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		assert_true(!mkdir(path, 0700) || errno == EEXIST);
		*p = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int make_root(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/whosaid-cpus-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int remove_root(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void no_cgroup_file(void **state)
{
	(void)state;
	assert_int_equal(cpus_quota(root), 0);
	assert_int_equal(cpus_quota("/nonexistent-root"), 0);
}

/* docker --cpus=1.5 with a cgroup namespace: "0::/", limit at the root. */
static void v2_namespace(void **state)
{
	(void)state;
	put("proc/self/cgroup", "0::/\n");
	put("sys/fs/cgroup/cpu.max", "150000 100000\n");
	assert_int_equal(cpus_quota(root), 2);
	put("sys/fs/cgroup/cpu.max", "max 100000\n");
	assert_int_equal(cpus_quota(root), 0);
	put("sys/fs/cgroup/cpu.max", "50000 100000\n");
	assert_int_equal(cpus_quota(root), 1);
}

/* A Kubernetes pod: the smallest limit on the way up wins. */
static void v2_nested(void **state)
{
	(void)state;
	put("proc/self/cgroup", "0::/kubepods/pod7/ctr/\n");
	put("sys/fs/cgroup/cpu.max", "max 100000\n");
	put("sys/fs/cgroup/kubepods/cpu.max", "800000 100000\n");
	put("sys/fs/cgroup/kubepods/pod7/cpu.max", "250000 100000\n");
	put("sys/fs/cgroup/kubepods/pod7/ctr/cpu.max", "max 100000\n");
	assert_int_equal(cpus_quota(root), 3);
	put("sys/fs/cgroup/kubepods/pod7/ctr/cpu.max", "100000 50000\n");
	assert_int_equal(cpus_quota(root), 2);
}

/* No cgroup namespace: the host's path is not under the container's
 * mount, whose root holds the limit. */
static void v2_host_path(void **state)
{
	(void)state;
	put("proc/self/cgroup", "0::/system.slice/docker-abc.scope\n");
	put("sys/fs/cgroup/cpu.max", "400000 100000\n");
	assert_int_equal(cpus_quota(root), 4);
}

/* cgroup v1: cpu.cfs_quota_us of -1 means none. */
static void v1(void **state)
{
	(void)state;
	put("proc/self/cgroup", "12:pids:/docker/abc\n"
	                        "4:cpu,cpuacct:/docker/abc\n"
	                        "3:cpuset:/docker/abc\n");
	put("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
	put("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
	put("sys/fs/cgroup/cpu/docker/abc/cpu.cfs_quota_us", "-1\n");
	put("sys/fs/cgroup/cpu/docker/abc/cpu.cfs_period_us", "100000\n");
	assert_int_equal(cpus_quota(root), 0);
	put("sys/fs/cgroup/cpu/docker/abc/cpu.cfs_quota_us", "200000\n");
	assert_int_equal(cpus_quota(root), 2);
	/* "cpuacct" alone is not "cpu" */
	put("proc/self/cgroup", "2:cpuacct:/docker/abc\n");
	assert_int_equal(cpus_quota(root), 0);
}

/* Hybrid: v1 controllers, v2 at /sys/fs/cgroup/unified without cpu. */
static void hybrid(void **state)
{
	(void)state;
	put("proc/self/cgroup", "1:cpu:/\n0::/\n");
	put("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "300000\n");
	put("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
	put("sys/fs/cgroup/unified/cgroup.procs", "1\n");
	assert_int_equal(cpus_quota(root), 3);
}

/* What does not parse says nothing. */
static void malformed(void **state)
{
	static const char *const bad[] = {
		"abc 100000\n",
		"max\n",
		"100000\n",
		"100000 0\n",
		"0 100000\n",
		"-5 100000\n",
		"1e5 100000\n",
		"99999999999999999999999 100000\n",
		"",
		"100000 10x\n",
	};
	size_t i;

	(void)state;
	put("proc/self/cgroup", "0::/\n");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put("sys/fs/cgroup/cpu.max", bad[i]);
		assert_int_equal(cpus_quota(root), 0);
	}
	/* A last line without its newline may have been cut: skipped. */
	put("sys/fs/cgroup/cpu.max", "100000 100000\n");
	put("proc/self/cgroup", "0::/");
	assert_int_equal(cpus_quota(root), 0);
	/* Lines that are not cgroup lines are skipped. */
	put("proc/self/cgroup", "garbage\n::\n0:\n0::/\n");
	assert_int_equal(cpus_quota(root), 1);
}

/* A path longer than the buffers is no limit, not a crash. */
static void long_path(void **state)
{
	char line[3000];

	(void)state;
	memset(line, 'a', sizeof(line));
	memcpy(line, "0::/", 4);
	line[sizeof(line) - 2] = '\n';
	line[sizeof(line) - 1] = '\0';
	put("proc/self/cgroup", line);
	put("sys/fs/cgroup/cpu.max", "100000 100000\n");
	assert_int_equal(cpus_quota(root), 0);
}

static void usable(void **state)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned n = cpus_usable();
	cpu_set_t set;

	(void)state;
	assert_true(n >= 1);
	assert_true(online < 1 || n <= (unsigned long)online);
	if (!sched_getaffinity(0, sizeof(set), &set))
		assert_true(n <= (unsigned)CPU_COUNT(&set));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_cgroup_file, make_root,
	                                        remove_root),
		cmocka_unit_test_setup_teardown(v2_namespace, make_root,
	                                        remove_root),
		cmocka_unit_test_setup_teardown(v2_nested, make_root,
	                                        remove_root),
		cmocka_unit_test_setup_teardown(v2_host_path, make_root,
	                                        remove_root),
		cmocka_unit_test_setup_teardown(v1, make_root, remove_root),
		cmocka_unit_test_setup_teardown(hybrid, make_root, remove_root),
		cmocka_unit_test_setup_teardown(malformed, make_root,
	                                        remove_root),
		cmocka_unit_test_setup_teardown(long_path, make_root,
	                                        remove_root),
		cmocka_unit_test(usable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
