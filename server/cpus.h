/*
 * cpus.h - how many CPUs this process can use, for the default number of
 * request threads (`serve`) and jobs (`annotate --jsonl`), which they are,
 * and pinning a thread to one of them.
 *
 * A container sees every CPU of its host in sysconf(), though it may run
 * on a few (a cpuset: docker --cpuset-cpus, a Kubernetes static CPU
 * policy) or get the time of a few (a CFS quota: docker --cpus, a
 * Kubernetes CPU limit). The count is the smallest of the CPUs online,
 * the CPUs in the affinity mask, and the quota rounded up, at least 1.
 */
#ifndef WS_CPUS_H
#define WS_CPUS_H

/* The CPUs usable now, 1 or more. */
unsigned cpus_usable(void);

/*
 * The CPU quota of the process's cgroups, rounded up to whole CPUs, or 0
 * when there is none. `root` is prefixed to /proc/self/cgroup and
 * /sys/fs/cgroup ("" for the real ones; tests pass a directory). Reads
 * cgroup v2's cpu.max and v1's cpu.cfs_quota_us and cpu.cfs_period_us in
 * the process's cgroup and each of its ancestors, and keeps the
 * smallest.
 */
unsigned cpus_quota(const char *root);

/*
 * The CPUs in the process's affinity mask, lowest first: up to `max` of
 * their numbers go to out. Returns how many the mask holds (which may be
 * more than max), 0 when it cannot be read.
 */
unsigned cpus_affinity(int *out, unsigned max);

/* Keep the calling thread on one CPU. Returns 0 or an errno value. */
int cpus_pin_self(int cpu);

#endif
