/*
 * bench_billing.c — the billing desk (issue 14): a notice run for a
 * community of 100,000 customers (target < 10 s) and the printing of all
 * its notices; then a customer's account view at 1,000,000 customers
 * with 24 months of notices and receipts each (target < 10 ms).
 *
 * usage: bench_billing [RUN_CUSTOMERS [ACCOUNT_CUSTOMERS [MONTHS]]]
 *        (defaults 100000 1000000 24)
 *
 * The data are inserted with the SQLite API directly, in one transaction
 * (synchronous=OFF: test data, not audited), as the other benchmarks do;
 * the measured calls go through the core with synchronous=FULL, the
 * default. For the run every customer has one adjustment waiting (the
 * calculation of rate.h adds its own lines: none without rates).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "common.h"
#include "kefu/bill.h"
#include "kefu/core.h"
#include "kefu/rate.h"
#include "kefu/staff.h"
#include "kefu/util.h"

#define NOW	1795747260LL	/* 2026-11-27T10:41:00+08:00 */
#define DAY	86400

static void
usage(void)
{
	fprintf(stderr, "usage: bench_billing [RUN_CUSTOMERS "
	    "[ACCOUNT_CUSTOMERS [MONTHS]]]\n");
	exit(1);
}

static void
exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		bench_die("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
}

static sqlite3_stmt *
prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		bench_die("%s: %s", sql, sqlite3_errmsg(db));
	return st;
}

static void
step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		bench_die("insert: %s", sqlite3_errmsg(db));
	sqlite3_reset(st);
}

static sqlite3 *
raw(const char *path)
{
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		bench_die("open %s", path);
	exec(db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; "
	    "BEGIN IMMEDIATE");
	return db;
}

static void
done(sqlite3 *db)
{
	exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
	sqlite3_close(db);
}

/* n customers in community comm (ids 1..n), accounts B0000001…. */
static void
customers(sqlite3 *db, long n, const char *comm)
{
	sqlite3_stmt *st = prep(db, "INSERT INTO customer (id, account, name, "
	    "phones, community, building, unit, room, move_in, created_at) "
	    "VALUES (?1, printf('B%07d', ?1), ?2, '13800000000', ?3, "
	    "printf('%d号楼', ?1 / 200 + 1), printf('%d单元', ?1 % 4 + 1), "
	    "printf('%d', ?1 % 200 + 101), '2025-06-01', ?4)");
	char name[32];
	long i;

	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof(name), "%s%ld", bench_surname((uint64_t)i),
		    i % 1000);
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, comm, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, NOW - 400 * DAY);
		step(db, st);
	}
	sqlite3_finalize(st);
}

static void
bench_run(const char *dir, long n)
{
	struct kf_core *k, *bill;
	struct kf_notice_run r;
	struct kf_rate rate;
	struct kf_buf b = { 0 };
	struct kf_err err;
	sqlite3_stmt *st;
	sqlite3 *db;
	char path[256], no[32], c1[32];
	int64_t t0, t1, t2, staff = 0;
	long i;
	FILE *out;

	snprintf(path, sizeof(path), "%s/run.db", dir);
	k = bench_admin(path, true, true);
	if (kf_staff_add(k, "shoufei", "收费员", KF_ROLE_BILLING, NULL, NULL,
	    &staff, &err) != KF_OK)
		bench_die("staff: %s", err.msg);
	/* A management fee per flat (R12), so each notice has its charge
	 * from rate.h as well as an adjustment. */
	memset(&rate, 0, sizeof(rate));
	rate.kind = KF_RATE_MGMT;
	rate.basis = KF_BASIS_UNIT;
	rate.pricing = KF_PRICING_AGREED;
	rate.price_cfen = 15000 * 100;
	snprintf(rate.community, sizeof(rate.community), "阳光花园");
	snprintf(rate.effective, sizeof(rate.effective), "2026-01");
	snprintf(rate.note, sizeof(rate.note), "协议价");
	kf_clock_fix(kf_core_clock(k), NOW);
	if (kf_rate_add(k, &rate, NULL, &err) != KF_OK)
		bench_die("rate: %s", err.msg);
	kf_core_close(k);
	t0 = bench_now_ns();
	db = raw(path);
	customers(db, n, "阳光花园");
	st = prep(db, "INSERT INTO bill_adjust (customer_id, amount, reason, at, "
	    "staff_id) VALUES (?1, ?2, '十一月物业费', ?3, ?4)");
	for (i = 1; i <= n; i++) {
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_int64(st, 2, 8000 + i % 9000);
		sqlite3_bind_int64(st, 3, NOW - DAY);
		sqlite3_bind_int64(st, 4, staff);
		step(db, st);
	}
	sqlite3_finalize(st);
	done(db);
	printf("run data: %s customers, a management fee each and an "
	    "adjustment, %.1f s\n",
	    bench_commas(c1, sizeof(c1), (double)n),
	    bench_ms(bench_now_ns() - t0) / 1000);

	bill = bench_session(path, "shoufei", false, NOW);
	t1 = bench_now_ns();
	if (kf_notice_run(bill, "2026-11", "阳光花园", &r, &err) != KF_OK)
		bench_die("run: %s", err.msg);
	t2 = bench_now_ns();
	printf("notice run: %s notices in one transaction (synchronous=FULL): "
	    "%.2f s  [target < 10 s]\n", bench_commas(c1, sizeof(c1),
	    (double)r.notices), bench_ms(t2 - t1) / 1000);
	if ((out = fopen("/dev/null", "w")) == NULL)
		bench_die("/dev/null");
	t1 = bench_now_ns();
	for (i = 1; i <= r.notices; i++) {
		snprintf(no, sizeof(no), "2026-11-%06ld", i);
		kf_buf_reset(&b);
		if (kf_notice_print(bill, no, &b, &err) != KF_OK)
			bench_die("print %s: %s", no, err.msg);
		fputs(kf_buf_str(&b), out);
	}
	t2 = bench_now_ns();
	fclose(out);
	printf("notice print: %s notices as 80-column text: %.2f s (%.0f a "
	    "second)\n", bench_commas(c1, sizeof(c1), (double)r.notices),
	    bench_ms(t2 - t1) / 1000, (double)r.notices /
	    (bench_ms(t2 - t1) / 1000));
	t1 = bench_now_ns();
	if (kf_notice_run(bill, "2026-11", "阳光花园", &r, &err) != KF_OK ||
	    !r.already)
		bench_die("re-run: %s", err.msg);
	printf("notice run again: already issued, %.2f ms\n",
	    bench_ms(bench_now_ns() - t1));
	fflush(stdout);
	kf_buf_free(&b);
	kf_core_close(bill);
}

static void
report(const char *what, int64_t *lat, size_t n)
{
	qsort(lat, n, sizeof(*lat), bench_cmp_i64);
	printf("%s (balance, 24 newest notices and receipts), %zu random "
	    "customers: median %.3f ms, p99 %.3f ms, max %.3f ms  [target "
	    "< 10 ms]\n", what, n, bench_ms(bench_quantile(lat, n, 0.5)),
	    bench_ms(bench_quantile(lat, n, 0.99)), bench_ms(lat[n - 1]));
	fflush(stdout);
}

static void
bench_account(const char *dir, long n, int months)
{
	struct kf_core *k, *bill;
	struct kf_account a;
	struct kf_err err;
	sqlite3_stmt *run, *nt, *rc;
	sqlite3 *db;
	char path[256], period[16], c1[32], c2[32];
	int64_t t0, t, staff = 0, *lat, issued;
	uint64_t seed = 42;
	long i, m;
	size_t j, samples = 2000;

	snprintf(path, sizeof(path), "%s/account.db", dir);
	k = bench_admin(path, true, true);
	if (kf_staff_add(k, "shoufei", "收费员", KF_ROLE_BILLING, NULL, NULL,
	    &staff, &err) != KF_OK)
		bench_die("staff: %s", err.msg);
	kf_core_close(k);
	t0 = bench_now_ns();
	db = raw(path);
	customers(db, n, "锦绣华庭");
	run = prep(db, "INSERT INTO bill_run (id, period, community, issued_at, "
	    "issued_by, notices, first_seq, last_seq, total) VALUES (?1, ?2, "
	    "'锦绣华庭', ?3, ?4, ?5, 1, ?5, 0)");
	nt = prep(db, "INSERT INTO notice (period, seq, customer_id, run_id, "
	    "issued_at, due_at, prev_balance, amount, total_due, paid) VALUES "
	    "(?1, ?2, ?2, ?3, ?4, ?5, 0, ?6, ?6, ?6)");
	rc = prep(db, "INSERT INTO receipt (no, customer_id, amount, method, "
	    "taken_at, taken_by) VALUES (?1, ?2, ?3, 0, ?4, ?5)");
	for (m = 0; m < months; m++) {
		issued = NOW - (int64_t)(months - m) * 30 * DAY;
		/* A past month each (2000-01, …): the history's periods. */
		snprintf(period, sizeof(period), "%04ld-%02ld", 2000 + m / 12,
		    m % 12 + 1);
		sqlite3_bind_int64(run, 1, m + 1);
		sqlite3_bind_int64(run, 3, issued);
		sqlite3_bind_int64(run, 4, staff);
		sqlite3_bind_int64(run, 5, n);
		sqlite3_bind_text(run, 2, period, -1, SQLITE_TRANSIENT);
		step(db, run);
		for (i = 1; i <= n; i++) {
			sqlite3_bind_text(nt, 1, period, -1, SQLITE_STATIC);
			sqlite3_bind_int64(nt, 2, i);
			sqlite3_bind_int64(nt, 3, m + 1);
			sqlite3_bind_int64(nt, 4, issued);
			sqlite3_bind_int64(nt, 5, issued + 15 * DAY);
			sqlite3_bind_int64(nt, 6, 5000 + (int64_t)(i % 7000));
			step(db, nt);
			sqlite3_bind_int64(rc, 1, m * n + i);
			sqlite3_bind_int64(rc, 2, i);
			sqlite3_bind_int64(rc, 3, 5000 + (int64_t)(i % 7000));
			sqlite3_bind_int64(rc, 4, issued + 5 * DAY);
			sqlite3_bind_int64(rc, 5, staff);
			step(db, rc);
		}
	}
	sqlite3_finalize(run);
	sqlite3_finalize(nt);
	sqlite3_finalize(rc);
	done(db);
	printf("account data: %s customers x %d months: %s notices and as "
	    "many receipts, %.1f s, %.0f MB\n", bench_commas(c1, sizeof(c1),
	    (double)n), months, bench_commas(c2, sizeof(c2), (double)n *
	    months), bench_ms(bench_now_ns() - t0) / 1000,
	    (double)bench_file_size(path) / 1e6);

	bill = bench_session(path, "shoufei", false, NOW);
	lat = xcalloc(samples, sizeof(*lat));
	for (j = 0; j < samples; j++) {
		i = (long)(bench_rand(&seed) % (uint64_t)n) + 1;
		t = bench_now_ns();
		if (kf_account_get(bill, i, 24, &a, &err) != KF_OK)
			bench_die("account %ld: %s", i, err.msg);
		lat[j] = bench_now_ns() - t;
		if (a.nnotices != (size_t)(months < 24 ? months : 24))
			bench_die("account %ld: %zu notices", i, a.nnotices);
		kf_account_clear(&a);
	}
	report("account view, first read (cold)", lat, samples);
	/* The same customers again: what the desk sees once the file is in
	 * the page cache (a clerk opening an account twice, or a busy day). */
	seed = 42;
	for (j = 0; j < samples; j++) {
		i = (long)(bench_rand(&seed) % (uint64_t)n) + 1;
		t = bench_now_ns();
		if (kf_account_get(bill, i, 24, &a, &err) != KF_OK)
			bench_die("account %ld: %s", i, err.msg);
		lat[j] = bench_now_ns() - t;
		kf_account_clear(&a);
	}
	report("account view, read again (warm)", lat, samples);
	free(lat);
	kf_core_close(bill);
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/kefu-bench-billing-XXXXXX";
	long nrun = 100000, nacc = 1000000, months = 24;

	if (argc > 1)
		nrun = bench_number(argv[1], 1, 10000000, usage);
	if (argc > 2)
		nacc = bench_number(argv[2], 1, 10000000, usage);
	if (argc > 3)
		months = bench_number(argv[3], 1, 120, usage);
	if (argc > 4)
		usage();
	setenv("TZ", "Asia/Shanghai", 1);
	if (mkdtemp(dir) == NULL)
		bench_die("mkdtemp");
	bench_run(dir, nrun);
	bench_account(dir, nacc, (int)months);
	bench_remove_dir(dir);
	return 0;
}
