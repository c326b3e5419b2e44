/*
 * bench_billing_calc.c — how fast the charges of a month are reckoned
 * (kf_charges_for, issue 14): the notice run asks it once per customer,
 * and notices for 100,000 customers must take under 10 s in all.
 *
 * The database holds SIZE customers (default 100,000) in buildings of
 * 100 flats and communities of 10 buildings, each flat with a floor area,
 * its own water and power meters read in October and November, each
 * building a shared water meter by floor area, each community a shared
 * power meter in equal shares (1,000 flats on one meter: the worst case
 * of apportionment). The rows are inserted with SQLite directly (test
 * data, not audited); the rates through the core. Then every customer's
 * November is reckoned inside one transaction, as the notice run does,
 * twice: once with kf_charges_for alone, once through a memo
 * (kf_charges_for_memo), and the totals must agree to the fen.
 *
 * Usage: bench_billing_calc [SIZE]
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "internal.h"
#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/rate.h"

#include "common.h"

#define FLATS		100	/* a building */
#define BUILDINGS	10	/* a community */

static char tmpdir[] = "/tmp/kefu-bench-billing-XXXXXX";
static bool made_dir;

static void
cleanup(void)
{
	if (made_dir)
		bench_remove_dir(tmpdir);
}

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: bench_billing_calc [SIZE]\n");
	exit(2);
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

static int64_t
meter(sqlite3 *db, sqlite3_stmt *st, const char *code, int kind,
    int64_t cust, const char *comm, const char *bldg, int key)
{
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, kind);
	if (cust > 0)
		sqlite3_bind_int64(st, 3, cust);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, comm, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, bldg, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 6, key);
	step(db, st);
	return sqlite3_last_insert_rowid(db);
}

static void
reading(sqlite3 *db, sqlite3_stmt *st, int64_t m, const char *period,
    int64_t value, int64_t prev)
{
	sqlite3_bind_int64(st, 1, m);
	sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, value);
	sqlite3_bind_int64(st, 4, prev);
	sqlite3_bind_int64(st, 5, value - prev);
	step(db, st);
}

static void
fill(const char *path, long size)
{
	sqlite3_stmt *cust, *area, *met, *link, *read;
	int64_t c, wm, pm, shared_w = 0, shared_p = 0, w, p;
	char comm[32], bldg[32], code[32];
	uint64_t rnd = 42;
	sqlite3 *db;
	long i;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		bench_die("opening %s", path);
	exec(db, "PRAGMA synchronous=OFF; BEGIN");
	cust = prep(db, "INSERT INTO customer (account, name, community, "
	    "building, room, move_in, created_at) VALUES (?, '王某', ?, ?, ?, "
	    "?, 0)");
	area = prep(db, "INSERT INTO customer_area (customer_id, area_dm2) "
	    "VALUES (?, ?)");
	met = prep(db, "INSERT INTO meter (code, kind, customer_id, community, "
	    "building, digits, share_key) VALUES (?, ?, ?, ?, ?, 6, ?)");
	link = prep(db, "INSERT INTO meter_link (meter_id, customer_id) "
	    "VALUES (?, ?)");
	read = prep(db, "INSERT INTO reading (meter_id, period, value, prev, "
	    "usage, entered_at) VALUES (?, ?, ?, ?, ?, 0)");
	for (i = 0; i < size; i++) {
		snprintf(comm, sizeof(comm), "小区%ld", i / (FLATS * BUILDINGS));
		snprintf(bldg, sizeof(bldg), "%ld号楼", i / FLATS % BUILDINGS);
		if (i % (FLATS * BUILDINGS) == 0) {
			snprintf(code, sizeof(code), "P-PUB-%ld", i);
			shared_p = meter(db, met, code, 1, 0, comm, "", 0);
			reading(db, read, shared_p, "2026-10", 1000, 0);
			reading(db, read, shared_p, "2026-11", 1000 +
			    (int64_t)(bench_rand(&rnd) % 5000), 1000);
		}
		if (i % FLATS == 0) {
			snprintf(code, sizeof(code), "W-PUB-%ld", i);
			shared_w = meter(db, met, code, 0, 0, comm, bldg, 1);
			reading(db, read, shared_w, "2026-10", 100, 0);
			reading(db, read, shared_w, "2026-11", 100 +
			    (int64_t)(bench_rand(&rnd) % 500), 100);
		}
		snprintf(code, sizeof(code), "A%08ld", i);
		sqlite3_bind_text(cust, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(cust, 2, comm, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(cust, 3, bldg, -1, SQLITE_TRANSIENT);
		snprintf(code, sizeof(code), "%ld", 101 + i % FLATS);
		sqlite3_bind_text(cust, 4, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(cust, 5, i % 7 == 0 ? "2026-11-14" :
		    "2019-05-01", -1, SQLITE_STATIC);
		step(db, cust);
		c = sqlite3_last_insert_rowid(db);
		sqlite3_bind_int64(area, 1, c);
		sqlite3_bind_int64(area, 2, 5000 +
		    (int64_t)(bench_rand(&rnd) % 10000));
		step(db, area);
		snprintf(code, sizeof(code), "W%08ld", i);
		wm = meter(db, met, code, 0, c, comm, bldg, 0);
		snprintf(code, sizeof(code), "P%08ld", i);
		pm = meter(db, met, code, 1, c, comm, bldg, 0);
		w = (int64_t)(bench_rand(&rnd) % 1000);
		p = (int64_t)(bench_rand(&rnd) % 10000);
		reading(db, read, wm, "2026-10", w, 0);
		reading(db, read, wm, "2026-11", w + 5 +
		    (int64_t)(bench_rand(&rnd) % 20), w);
		reading(db, read, pm, "2026-10", p, 0);
		reading(db, read, pm, "2026-11", p + 50 +
		    (int64_t)(bench_rand(&rnd) % 400), p);
		sqlite3_bind_int64(link, 1, shared_w);
		sqlite3_bind_int64(link, 2, c);
		step(db, link);
		sqlite3_bind_int64(link, 1, shared_p);
		sqlite3_bind_int64(link, 2, c);
		step(db, link);
	}
	sqlite3_finalize(cust);
	sqlite3_finalize(area);
	sqlite3_finalize(met);
	sqlite3_finalize(link);
	sqlite3_finalize(read);
	exec(db, "COMMIT");
	sqlite3_close(db);
}

static void
rates(struct kf_core *k)
{
	struct kf_rate r;
	struct kf_err err;

	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_MGMT;
	r.basis = KF_BASIS_AREA;
	r.price_cfen = 25000;
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	if (kf_rate_add(k, &r, NULL, &err) != KF_OK)
		bench_die("rate: %s", err.msg);
	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_WATER;
	r.basis = KF_BASIS_METERED;
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	if (kf_tiers_parse("20:3.45,*:4.83", r.tiers, &r.ntiers, &err) != KF_OK ||
	    kf_rate_add(k, &r, NULL, &err) != KF_OK)
		bench_die("rate: %s", err.msg);
	r.kind = KF_RATE_POWER;
	if (kf_tiers_parse("180:0.5283,280:0.5783,*:0.8283", r.tiers,
	    &r.ntiers, &err) != KF_OK || kf_rate_add(k, &r, NULL, &err) != KF_OK)
		bench_die("rate: %s", err.msg);
}

/* Every customer's November in one transaction; returns the total. */
static int64_t
run(struct kf_core *k, long size, bool memo, double *secs, size_t *lines)
{
	struct kf_charge_memo *m = memo ? kf_charge_memo_new() : NULL;
	struct kf_charge *v;
	struct kf_err err;
	int64_t total = 0, t0;
	size_t n, j;
	long i;

	*lines = 0;
	t0 = bench_now_ns();
	if (kf_tx_begin(k, &err) != KF_OK)
		bench_die("begin: %s", err.msg);
	for (i = 1; i <= size; i++) {
		if (kf_charges_for_memo(k, m, i, "2026-11", &v, &n, &err) !=
		    KF_OK)
			bench_die("customer %ld: %s", i, err.msg);
		for (j = 0; j < n; j++)
			total += v[j].amount;
		*lines += n;
		free(v);
	}
	kf_tx_end(k, KF_OK, &err);
	*secs = (double)(bench_now_ns() - t0) / 1e9;
	kf_charge_memo_free(m);
	return total;
}

int
main(int argc, char **argv)
{
	long size = argc > 1 ? bench_number(argv[1], FLATS * BUILDINGS,
	    10000000, usage) : 100000;
	char path[128], buf[32];
	struct kf_core *k;
	int64_t t0, plain, memo;
	long first;
	double s_plain, s_memo;
	size_t lines;

	if (argc > 2)
		usage();
	if (mkdtemp(tmpdir) == NULL)
		bench_die("mkdtemp");
	made_dir = true;
	atexit(cleanup);
	snprintf(path, sizeof(path), "%s/billing.db", tmpdir);
	k = bench_admin(path, true, true);
	rates(k);
	kf_core_close(k);
	t0 = bench_now_ns();
	fill(path, size);
	printf("billing data: %s customers, 2 meters each, a shared water "
	    "meter per %d flats (by area), a shared power meter per %d "
	    "(equal): %.1f s\n", bench_commas(buf, sizeof(buf), (double)size),
	    FLATS, FLATS * BUILDINGS, (double)(bench_now_ns() - t0) / 1e9);
	k = bench_admin(path, false, true);
	memo = run(k, size, true, &s_memo, &lines);
	printf("kf_charges_for_memo, every customer's month:  %6.2f s  "
	    "(%.1f µs a customer, %s lines)\n", s_memo, s_memo * 1e6 /
	    (double)size, bench_commas(buf, sizeof(buf), (double)lines));
	first = size > 20000 ? 20000 : size;
	plain = run(k, first, false, &s_plain, &lines);
	printf("kf_charges_for (no memo), first %s customers: %6.2f s  "
	    "(%.1f µs a customer)\n", bench_commas(buf, sizeof(buf),
	    (double)first), s_plain, s_plain * 1e6 / (double)first);
	memo = run(k, first, true, &s_memo, &lines);
	if (plain != memo)
		bench_die("the totals differ: %lld and %lld fen", (long long)plain,
		    (long long)memo);
	printf("the same %s customers through a memo: %.2f s, the same total "
	    "(%lld fen)\n", bench_commas(buf, sizeof(buf), (double)first),
	    s_memo, (long long)memo);
	kf_core_close(k);
	return 0;
}
