/*
 * bench_open.c — what a CLI invocation pays before it can answer: open an
 * existing, already migrated database (kf_core_open checks its identity
 * and schema version), resolve the actor (kf_core_login_as), read one value
 * (kf_policy_value), close. Target: under 5 ms.
 *
 * Measured twice: with nobody else connected (close is then the last
 * connection: it checkpoints the WAL and deletes it), and with another
 * session holding the database open (the usual case on a busy desk).
 *
 * Usage: bench_open [ITERATIONS]   (default 200)
 */
#include <dirent.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/policy.h"

#include "common.h"

#define TARGET_MS	5.0

/* The q-quantile (0..1) of v[0..n-1] (sorts v), nearest rank. */
static int64_t
quantile(int64_t *v, size_t n, double q)
{
	size_t i;

	qsort(v, n, sizeof(*v), bench_cmp_i64);
	i = (size_t)(q * (double)n + 0.999999);
	if (i < 1)
		i = 1;
	if (i > n)
		i = n;
	return v[i - 1];
}

static void
die(const char *what, const struct kf_err *err)
{
	fprintf(stderr, "bench_open: %s: %s\n", what, err->msg);
	exit(1);
}

struct phases {
	int64_t	*total, *open, *login, *read, *close;
};

static void
run(const char *path, int iters, struct phases *p)
{
	struct kf_core *k;
	struct kf_err err;
	int64_t t0, t1, t2, t3, t4, v;
	int i;

	for (i = 0; i < iters; i++) {
		t0 = bench_now_ns();
		if (kf_core_open(path, NULL, &k, &err) != KF_OK)
			die("open", &err);
		t1 = bench_now_ns();
		if (kf_core_login_as(k, "bench", &err) != KF_OK)
			die("login", &err);
		t2 = bench_now_ns();
		if (kf_policy_value(k, "repair.arrive_within", &v, &err) != KF_OK)
			die("read", &err);
		t3 = bench_now_ns();
		kf_core_close(k);
		t4 = bench_now_ns();
		if (p == NULL)
			continue;	/* warm-up */
		p->total[i] = t4 - t0;
		p->open[i] = t1 - t0;
		p->login[i] = t2 - t1;
		p->read[i] = t3 - t2;
		p->close[i] = t4 - t3;
	}
}

static void
report(const char *label, struct phases *p, int n)
{
	double med = bench_ms(quantile(p->total, (size_t)n, 0.5));
	double p99 = bench_ms(quantile(p->total, (size_t)n, 0.99));
	double max = bench_ms(p->total[n - 1]);

	printf("  %-34s median %6.3f ms   p99 %6.3f ms   max %6.3f ms"
	    "   target < %.0f ms: %s\n", label, med, p99, max, TARGET_MS,
	    p99 < TARGET_MS ? "MET" : "NOT MET");
	printf("  %-34s (medians: open+checks %.3f, login %.3f, read %.3f, "
	    "close %.3f ms)\n", "",
	    bench_ms(quantile(p->open, (size_t)n, 0.5)),
	    bench_ms(quantile(p->login, (size_t)n, 0.5)),
	    bench_ms(quantile(p->read, (size_t)n, 0.5)),
	    bench_ms(quantile(p->close, (size_t)n, 0.5)));
}

static void
alloc_phases(struct phases *p, int n)
{
	p->total = calloc((size_t)n, sizeof(int64_t));
	p->open = calloc((size_t)n, sizeof(int64_t));
	p->login = calloc((size_t)n, sizeof(int64_t));
	p->read = calloc((size_t)n, sizeof(int64_t));
	p->close = calloc((size_t)n, sizeof(int64_t));
	if (!p->total || !p->open || !p->login || !p->read || !p->close) {
		fprintf(stderr, "bench_open: out of memory\n");
		exit(1);
	}
}

static void
free_phases(struct phases *p)
{
	free(p->total);
	free(p->open);
	free(p->login);
	free(p->read);
	free(p->close);
}

/* The whole of a CLI-style invocation: exec, dynamic linking, sodium_init. */
static void
run_exec(const char *path, int iters, int64_t *total)
{
	char self[4096], once[] = "--once", *args[4];
	ssize_t len;
	pid_t pid;
	int64_t t0;
	int i, status;

	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0) {
		perror("bench_open: /proc/self/exe");
		exit(1);
	}
	self[len] = '\0';
	args[0] = self;
	args[1] = once;
	args[2] = (char *)(uintptr_t)path;
	args[3] = NULL;
	for (i = 0; i < iters; i++) {
		t0 = bench_now_ns();
		if (posix_spawn(&pid, self, NULL, NULL, args, environ) != 0 ||
		    waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "bench_open: child run failed\n");
			exit(1);
		}
		total[i] = bench_now_ns() - t0;
	}
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/kefu-bench-XXXXXX", path[256];
	struct kf_open_opts create = { .create = true };
	struct kf_core *k, *holder;
	struct kf_err err;
	struct phases p;
	int iters = argc > 1 ? atoi(argv[1]) : 200;

	if (argc == 3 && strcmp(argv[1], "--once") == 0) {
		run(argv[2], 1, NULL);
		return 0;
	}
	if (iters < 10)
		iters = 10;
	if (mkdtemp(dir) == NULL) {
		perror("bench_open: mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/bench.db", dir);
	if (kf_core_open(path, &create, &k, &err) != KF_OK)
		die("create", &err);
	if (kf_core_init(k, "bench", "Bench", &err) != KF_OK)
		die("init", &err);
	kf_core_close(k);

	printf("[1] open + migrate check + login + one read + close, existing "
	    "database, synchronous=FULL (%d runs each)\n", iters);
	alloc_phases(&p, iters);

	run(path, 5, NULL);
	run(path, iters, &p);
	report("alone (last close checkpoints):", &p, iters);

	if (kf_core_open(path, NULL, &holder, &err) != KF_OK)
		die("open holder", &err);
	run(path, 5, NULL);
	run(path, iters, &p);
	report("another session open:", &p, iters);
	kf_core_close(holder);

	run_exec(path, 5, p.total);
	run_exec(path, iters / 2, p.total);
	printf("  %-34s median %6.3f ms   p99 %6.3f ms   (for reference: a "
	    "whole process,\n  %-34s exec + dynamic linking + sodium_init "
	    "+ the above, %d runs)\n", "fresh process each time:",
	    bench_ms(quantile(p.total, (size_t)iters / 2, 0.5)),
	    bench_ms(quantile(p.total, (size_t)iters / 2, 0.99)), "", iters / 2);

	free_phases(&p);
	bench_remove_dir(dir);
	return 0;
}
