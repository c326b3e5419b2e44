/*
 * bench_check.c — how long `kefu check` takes on a large database (issue
 * 11): SQLite's integrity check, the audit chain, and every record
 * against its audit trail (src/core/integrity.c), which must stay linear:
 * one pass over each table and its trail, no query per record.
 *
 * The database holds SIZE customers (default 1,000,000) added through
 * kf_demo_customers, 1,000 per transaction (checked, indexed, audited),
 * as bench_search builds them. With --db PATH an existing database is
 * used (bench_search --keep leaves one) and grown to SIZE customers if it
 * has fewer. kf_check then runs twice on a fresh session: the first after
 * the build (the file partly in the page cache), the second warm; each
 * prints its wall and CPU time and the problems found (there must be
 * none: a fast figure cannot come from a check that gave up).
 *
 * Usage: bench_check [--keep] [--db PATH] [SIZE]
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "kefu/audit.h"
#include "kefu/core.h"
#include "kefu/demo.h"
#include "kefu/err.h"

#include "common.h"

#define SEED		1
#define PIECE		10000

static char tmpdir[] = "/tmp/kefu-bench-check-XXXXXX";
static bool made_dir, keep;

static void
cleanup(void)
{
	if (made_dir && !keep)
		bench_remove_dir(tmpdir);
}

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: bench_check [--keep] [--db PATH] [SIZE]\n");
	exit(2);
}

static long
customers(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		bench_die("opening %s: %s", path, sqlite3_errmsg(db));
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM customer", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void
grow(const char *path, long from, long to)
{
	struct kf_core *k = bench_admin(path, false, false);
	struct kf_err err;
	bool tty = isatty(STDERR_FILENO);
	int64_t t0 = bench_now_ns();
	char a[32], b[32];
	long at, n;

	for (at = from; at < to; at += n) {
		n = to - at < PIECE ? to - at : PIECE;
		if (kf_demo_customers(k, SEED, (uint64_t)at, (uint64_t)n,
		    &err) != KF_OK)
			bench_die("adding customers %ld..%ld: %s", at, at + n - 1,
			    err.msg);
		if (tty)
			fprintf(stderr, "\r  adding customers: %ld / %ld ", at + n,
			    to);
	}
	if (tty)
		fprintf(stderr, "\r%50s\r", "");
	kf_core_close(k);
	printf("  built: %s customers added (to %s) in %.1f s\n",
	    bench_commas(a, sizeof(a), (double)(to - from)),
	    bench_commas(b, sizeof(b), (double)to),
	    (double)(bench_now_ns() - t0) / 1e9);
}

static void
time_check(const char *path, const char *what)
{
	struct kf_core *k = bench_admin(path, false, false);
	struct kf_err err;
	int64_t t0, t1, c0, c1;
	enum kf_rc rc;
	int problems;

	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	rc = kf_check(k, NULL, NULL, NULL, &problems, &err);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();
	kf_core_close(k);
	if (rc != KF_OK)
		bench_die("kf_check: %d problems: %s", problems, err.msg);
	printf("  kefu check (%s): %.1f s wall, %.1f s CPU, no problems\n", what,
	    (double)(t1 - t0) / 1e9, (double)(c1 - c0) / 1e9);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	const char *db = NULL;
	char *path = NULL, sz[32];
	long size = 1000000, have;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (argv[i][0] != '-')
			size = bench_number(argv[i], 1, 100000000, usage);
		else
			usage();
	}
	if (db == NULL) {
		if (mkdtemp(tmpdir) == NULL)
			bench_die("mkdtemp: %s", strerror(errno));
		made_dir = true;
		atexit(cleanup);
		if (asprintf(&path, "%s/check.db", tmpdir) < 0)
			bench_die("out of memory");
		kf_core_close(bench_admin(path, true, false));
	} else
		path = strdup(db);
	have = customers(path);
	printf("kefu check at %s customers (seed %d, built through "
	    "kf_demo_customers at synchronous=FULL)\n",
	    bench_commas(sz, sizeof(sz), (double)(have > size ? have : size)),
	    SEED);
	if (have < size)
		grow(path, have, size);
	printf("  file %.1f MB\n", (double)bench_file_size(path) / 1048576.0);
	time_check(path, "first run");
	time_check(path, "again, warm");
	if (keep && made_dir)
		printf("  kept: %s\n", path);
	free(path);
	return 0;
}
