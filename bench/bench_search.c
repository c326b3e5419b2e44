/*
 * bench_search.c — customer search at the front desk's scale, and how fast
 * customers can be added in bulk.
 *
 *   [1] Bulk add. One database grown through the core in steps to each
 *       size (default 10,000, 100,000 and 1,000,000 customers) with
 *       kf_demo_customers: 1,000 records per transaction, each checked,
 *       indexed (FTS5 trigram, phone, name pieces) and audited like any
 *       add. Rows per second and CPU time per row for each step, and the
 *       file size at each size (after closing: WAL checkpointed).
 *       synchronous=FULL, as deployed (--normal: NORMAL; it makes no
 *       measurable difference here: the time is in the index updates, not
 *       in the 1,000 commits). The build stops when 10,000 customers go
 *       in at under 500 rows/s (an add that scans a table is quadratic:
 *       it would run for hours). The 1,000,000 step is the long part:
 *       about four minutes here.
 *
 *   [2] Search. At each size, a fresh session (SQLite's page cache empty,
 *       the OS's warm; statements prepared by the first query) runs a fixed mix of what front-desk
 *       staff type through kf_customer_find (limit 20), the whole mix in
 *       ROUNDS rounds (default 20) so every query is timed ROUNDS times
 *       and no query only ever meets a cache warmed by itself:
 *         surnames        王 李 欧
 *         two characters  王芳 小明 3号 阳光 翠苑
 *         3+ characters   阳光花园 张三丰 锦绣华庭
 *         phone pieces    138 1234 5678, a mobile that exists (plain and
 *                         typed 138-xxxx-xxxx), one that cannot (140...)
 *         rooms           301 1502
 *         account         D00000042
 *         Latin           zhang (no customer has one)
 *         adversarial     % _ " * an emoji, 'OR 1=1
 *       Median, p95 and slowest over all of them, the slowest query, and a
 *       table of each query's median and slowest per size. Targets at
 *       1,000,000: median < 20 ms, slowest < 100 ms. The answers are
 *       checked (the existing mobile and the account come first, the
 *       impossible ones find nothing), so a fast figure cannot come from a
 *       broken search. For scale, a LIKE scan of the customer table (what
 *       the indexes avoid) is timed once per size.
 *
 * Usage: bench_search [--normal] [--rounds N] [--keep] [--cache DIR]
 *        [SIZE ...]
 *   --keep leaves the database in its /tmp directory (for EXPLAIN QUERY
 *   PLAN or perf on the biggest size); otherwise the directory is removed.
 *   --cache DIR builds each size in its own file, DIR/search-SIZE.db, and
 *   keeps it; the next run with the same DIR reuses it (opening it
 *   applies any newer migration, timed), so the search can be measured
 *   again without minutes of adding.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "kefu/core.h"
#include "kefu/customer.h"
#include "kefu/demo.h"
#include "kefu/err.h"

#include "common.h"

#define SEED		1
#define MEDIAN_MS	20.0		/* targets at TARGET_SIZE */
#define SLOWEST_MS	100.0
#define TARGET_SIZE	1000000
#define MAXSIZES	8
#define LIMIT		20
#define KNOWN		4242		/* a record every size holds */

static char tmpdir[] = "/tmp/kefu-bench-search-XXXXXX";
static bool keep;

/* ------------------------------------------------------------ helpers */

static void
cleanup(void)
{
	if (!keep)
		bench_remove_dir(tmpdir);
}

/* Prints s padded to width display cells (CJK and emoji count two). */
static void
pad_text(const char *s, int width)
{
	const unsigned char *p;
	int w = 0;

	for (p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w += *p >= 0xe0 ? 2 : 1;
	printf("%s%*s", s, width > w ? width - w : 0, "");
}

/* ------------------------------------------------------------ queries */

/* What a query's answer must look like, so a fast figure is a right one. */
enum expect { ANY, SOME, NONE, FIRST_KNOWN, HAS_KNOWN, FIRST_ACCOUNT };

struct query {
	const char	*label;		/* as printed */
	char		 text[64];	/* as typed */
	enum expect	 expect;
	int64_t		*lat;		/* ROUNDS latencies at the current size */
	size_t		 hits;		/* at the current size (last round) */
	double		 med[MAXSIZES], max[MAXSIZES];
};

static struct query queries[] = {
	{ "surname", "王", SOME, NULL, 0, { 0 }, { 0 } },
	{ "surname", "李", SOME, NULL, 0, { 0 }, { 0 } },
	{ "surname (rare)", "欧", SOME, NULL, 0, { 0 }, { 0 } },
	{ "name", "王芳", SOME, NULL, 0, { 0 }, { 0 } },
	{ "given name", "小明", SOME, NULL, 0, { 0 }, { 0 } },
	{ "building", "3号", SOME, NULL, 0, { 0 }, { 0 } },
	{ "community start", "阳光", SOME, NULL, 0, { 0 }, { 0 } },
	{ "community start", "翠苑", SOME, NULL, 0, { 0 }, { 0 } },
	{ "community", "阳光花园", SOME, NULL, 0, { 0 }, { 0 } },
	{ "community", "锦绣华庭", SOME, NULL, 0, { 0 }, { 0 } },
	{ "name (3 chars)", "张三丰", ANY, NULL, 0, { 0 }, { 0 } },
	{ "phone prefix", "138", SOME, NULL, 0, { 0 }, { 0 } },
	{ "phone piece", "1234", SOME, NULL, 0, { 0 }, { 0 } },
	{ "phone piece", "5678", SOME, NULL, 0, { 0 }, { 0 } },
	{ "mobile (exists)", "", FIRST_KNOWN, NULL, 0, { 0 }, { 0 } },
	{ "mobile typed 3-4-4", "", FIRST_KNOWN, NULL, 0, { 0 }, { 0 } },
	{ "mobile (none)", "14000000000", NONE, NULL, 0, { 0 }, { 0 } },
	{ "room", "301", SOME, NULL, 0, { 0 }, { 0 } },
	{ "room", "1502", SOME, NULL, 0, { 0 }, { 0 } },
	{ "account", "D00000042", FIRST_ACCOUNT, NULL, 0, { 0 }, { 0 } },
	{ "address, two words", "阳光花园 3号楼", SOME, NULL, 0, { 0 }, { 0 } },
	{ "address, joined", "阳光花园3号楼", SOME, NULL, 0, { 0 }, { 0 } },
	{ "surname + room", "王 301", SOME, NULL, 0, { 0 }, { 0 } },
	{ "room + surname", "301 王", SOME, NULL, 0, { 0 }, { 0 } },
	{ "surname + room", "李 1502", SOME, NULL, 0, { 0 }, { 0 } },
	{ "rare surname + room", "欧 301", ANY, NULL, 0, { 0 }, { 0 } },
	{ "surname+bldg+room", "王 3号楼 301", SOME, NULL, 0, { 0 }, { 0 } },
	{ "surname + community", "王 阳光花园", SOME, NULL, 0, { 0 }, { 0 } },
	{ "name + phone start", "王芳 138", ANY, NULL, 0, { 0 }, { 0 } },
	{ "surname + phone", "", FIRST_KNOWN, NULL, 0, { 0 }, { 0 } },
	{ "two short words", "王 3号", SOME, NULL, 0, { 0 }, { 0 } },
	{ "two common words", "阳光 翠苑", ANY, NULL, 0, { 0 }, { 0 } },
	{ "common phrase", "3号楼", SOME, NULL, 0, { 0 }, { 0 } },
	{ "common phrase", "小区", SOME, NULL, 0, { 0 }, { 0 } },
	{ "common phrase", "花园", SOME, NULL, 0, { 0 }, { 0 } },
	{ "account digits", "", HAS_KNOWN, NULL, 0, { 0 }, { 0 } },
	{ "account (none)", "D99999999", NONE, NULL, 0, { 0 }, { 0 } },
	{ "phone piece (5)", "12345", ANY, NULL, 0, { 0 }, { 0 } },
	{ "phone tail (7)", "", HAS_KNOWN, NULL, 0, { 0 }, { 0 } },
	{ "Latin", "zhang", NONE, NULL, 0, { 0 }, { 0 } },
	{ "adversarial", "%", NONE, NULL, 0, { 0 }, { 0 } },
	{ "adversarial", "_", NONE, NULL, 0, { 0 }, { 0 } },
	{ "adversarial", "\"", NONE, NULL, 0, { 0 }, { 0 } },
	{ "adversarial", "*", NONE, NULL, 0, { 0 }, { 0 } },
	{ "adversarial", "\xf0\x9f\x98\x80", NONE, NULL, 0, { 0 }, { 0 } },
	{ "adversarial", "'OR 1=1", NONE, NULL, 0, { 0 }, { 0 } },
};
#define NQUERIES	(sizeof(queries) / sizeof(queries[0]))

static char known_account[16];

/* Fills in the queries that depend on the generated data. */
static void
queries_init(int rounds)
{
	struct kf_customer c;
	const char *m;
	size_t i;

	kf_demo_customer(SEED, KNOWN, &c);
	m = c.phones[0];
	snprintf(known_account, sizeof(known_account), "%s", c.account);
	for (i = 0; i < NQUERIES; i++) {
		if (strcmp(queries[i].label, "mobile (exists)") == 0)
			snprintf(queries[i].text, sizeof(queries[i].text), "%s", m);
		else if (strcmp(queries[i].label, "mobile typed 3-4-4") == 0)
			snprintf(queries[i].text, sizeof(queries[i].text),
			    "%.3s-%.4s-%.4s", m, m + 3, m + 7);
		else if (strcmp(queries[i].label, "surname + phone") == 0)
			/* The surname (its first character) and the mobile. */
			snprintf(queries[i].text, sizeof(queries[i].text),
			    "%.3s %s", c.name, m);
		else if (strcmp(queries[i].label, "account digits") == 0)
			/* The account without its letter: D00004242 -> 00004242. */
			snprintf(queries[i].text, sizeof(queries[i].text), "%s",
			    c.account + 1);
		else if (strcmp(queries[i].label, "phone tail (7)") == 0)
			snprintf(queries[i].text, sizeof(queries[i].text), "%s",
			    m + 4);
		queries[i].lat = calloc((size_t)rounds, sizeof(int64_t));
		if (queries[i].lat == NULL)
			bench_die("out of memory");
	}
	kf_customer_clear(&c);
}

static void
check_answer(const struct query *q, const struct kf_customer_hit *h,
    size_t n)
{
	size_t i;

	switch (q->expect) {
	case ANY:
		return;
	case SOME:
		if (n == 0)
			bench_die("'%s' found nothing", q->text);
		return;
	case NONE:
		if (n != 0)
			bench_die("'%s' found %zu (%s), expected none", q->text, n,
			    h[0].c.name);
		return;
	case FIRST_KNOWN:
		if (n == 0 || strcmp(h[0].c.account, known_account) != 0)
			bench_die("'%s' did not find %s first", q->text, known_account);
		return;
	case HAS_KNOWN:
		for (i = 0; i < n; i++)
			if (strcmp(h[i].c.account, known_account) == 0)
				return;
		bench_die("'%s' did not find %s", q->text, known_account);
	case FIRST_ACCOUNT:
		if (n == 0 || strcmp(h[0].c.account, q->text) != 0)
			bench_die("'%s' did not come first", q->text);
		return;
	}
}

/* A LIKE scan of the table, once: what a search without indexes costs. */
static double
scan_ms(const char *path, int64_t *rows)
{
	static const char sql[] =
	    "SELECT count(*) FROM customer WHERE name LIKE '%芳%' "
	    "OR phones LIKE '%1234%' OR community LIKE '%芳%' "
	    "OR address LIKE '%芳%'";
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t t0, t1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		bench_die("scan: %s", sqlite3_errmsg(db));
	t0 = bench_now_ns();
	if (sqlite3_step(st) != SQLITE_ROW)
		bench_die("scan: %s", sqlite3_errmsg(db));
	t1 = bench_now_ns();
	*rows = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return bench_ms(t1 - t0);
}

/*
 * Runs the mix rounds times on a fresh session; fills each query's lat[],
 * med[s] and max[s]; prints the summary line for the size.
 */
static bool
search_size(const char *path, int s, long size, int rounds)
{
	size_t total = NQUERIES * (size_t)rounds, i, n, at = 0;
	struct kf_customer_hit *h;
	struct kf_core *k;
	struct kf_err err;
	int64_t *all, t0, t1, worst = -1, scan_rows;
	const char *worst_text = "";
	char sz[32];
	double med, p95, max, scan;
	int r;
	bool met;

	if ((all = calloc(total, sizeof(*all))) == NULL)
		bench_die("out of memory");
	k = bench_admin(path, false, false);
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < NQUERIES; i++) {
			t0 = bench_now_ns();
			if (kf_customer_find(k, queries[i].text, LIMIT, &h, &n,
			    &err) != KF_OK)
				bench_die("find '%s': %s", queries[i].text, err.msg);
			t1 = bench_now_ns();
			check_answer(&queries[i], h, n);
			kf_customer_hits_free(h, n);
			queries[i].lat[r] = t1 - t0;
			queries[i].hits = n;
			all[at++] = t1 - t0;
			if (t1 - t0 > worst) {
				worst = t1 - t0;
				worst_text = queries[i].text;
			}
		}
	}
	kf_core_close(k);
	for (i = 0; i < NQUERIES; i++) {
		qsort(queries[i].lat, (size_t)rounds, sizeof(int64_t), bench_cmp_i64);
		queries[i].med[s] = bench_ms(bench_quantile(queries[i].lat, (size_t)rounds,
		    0.5));
		queries[i].max[s] = bench_ms(queries[i].lat[rounds - 1]);
	}
	qsort(all, total, sizeof(*all), bench_cmp_i64);
	med = bench_ms(bench_quantile(all, total, 0.5));
	p95 = bench_ms(bench_quantile(all, total, 0.95));
	max = bench_ms(all[total - 1]);
	free(all);
	scan = scan_ms(path, &scan_rows);
	met = med < MEDIAN_MS && max < SLOWEST_MS;
	printf("    search     median %.2f ms   p95 %.2f ms   slowest %.2f ms "
	    "('%s')\n", med, p95, max, worst_text);
	printf("               targets median < %.0f ms, slowest < %.0f ms: "
	    "%s%s\n", MEDIAN_MS, SLOWEST_MS, met ? "MET" : "NOT MET",
	    size == TARGET_SIZE ? "" : " (they are set for 1,000,000)");
	bench_commas(sz, sizeof(sz), (double)scan_rows);
	printf("               for scale, one LIKE scan of the table (what the "
	    "indexes avoid): %.1f ms, %s rows\n", scan, sz);
	fflush(stdout);
	return met;
}

/* ------------------------------------------------------------ build */

/*
 * Adds records [from, to) through kf_demo_customers, PIECE at a time: on a
 * terminal it shows progress, and it stops when a piece goes slower than
 * MIN_RATE rows/s (a tenth of what 1,000,000 customers need here): an add
 * whose cost grows with the table would otherwise run for hours.
 */
#define PIECE		10000
#define MIN_RATE	500.0

static void
grow(struct kf_core *k, long from, long to)
{
	struct kf_err err;
	bool tty = isatty(STDERR_FILENO);
	int64_t t0, t1;
	double rate;
	long at, n;

	for (at = from; at < to; at += n) {
		n = to - at < PIECE ? to - at : PIECE;
		t0 = bench_now_ns();
		if (kf_demo_customers(k, SEED, (uint64_t)at, (uint64_t)n,
		    &err) != KF_OK)
			bench_die("adding customers %ld..%ld: %s", at, at + n - 1,
			    err.msg);
		t1 = bench_now_ns();
		rate = (double)n * 1e9 / (double)(t1 - t0);
		if (n == PIECE && rate < MIN_RATE)
			bench_die("customers %ld..%ld went in at %.0f rows/s (under "
			    "%.0f): stopped; does each add scan a table?", at,
			    at + n - 1, rate, MIN_RATE);
		if (tty)
			fprintf(stderr, "\r  adding customers: %ld / %ld ", at + n,
			    to);
	}
	if (tty)
		fprintf(stderr, "\r%50s\r", "");
}

/* ------------------------------------------------------------ cache */

/*
 * With --cache DIR, each size's database is DIR/search-SIZE.db, kept
 * between runs: a million customers take minutes to add. Returns true
 * when it was there (opened, and so migrated to this build's schema: the
 * time is printed) and sets *path to it; otherwise makes it empty at
 * *path, for the caller to grow from 0, and returns false.
 */
static bool
cached(const char *dir, long size, bool sync_normal, char **path)
{
	struct kf_core *k;
	int64_t t0, t1;
	char sz[32];

	free(*path);
	if (asprintf(path, "%s/search-%ld.db", dir, size) < 0)
		bench_die("out of memory");
	bench_commas(sz, sizeof(sz), (double)size);
	if (access(*path, F_OK) == 0) {
		t0 = bench_now_ns();
		k = bench_admin(*path, false, sync_normal);
		t1 = bench_now_ns();
		kf_core_close(k);
		printf("  %s customers (cached %s, %.2f MB; opened and migrated "
		    "in %.1f s)\n", sz, *path, (double)bench_file_size(*path) /
		    1048576.0, (double)(t1 - t0) / 1e9);
		fflush(stdout);
		return true;
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		bench_die("%s: %s", dir, strerror(errno));
	k = bench_admin(*path, true, sync_normal);
	kf_core_close(k);
	return false;
}

/* ------------------------------------------------------------ main */

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: bench_search [--normal] [--rounds N] [--keep] "
	    "[--cache DIR] [SIZE ...]\n(sizes ascending, above %d)\n", KNOWN);
	exit(1);
}

int
main(int argc, char **argv)
{
	long sizes[MAXSIZES], prev = 0, step;
	int nsizes = 0, rounds = 20, i, s;
	bool sync_normal = false, met_at_target = true, target_run = false, met;
	char *path, a[32], b[32];
	const char *cache = NULL;
	struct kf_core *k;
	int64_t t0, t1, c0, c1;
	long long db, wal;
	size_t q;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--normal") == 0)
			sync_normal = true;
		else if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else if (strcmp(argv[i], "--cache") == 0 && i + 1 < argc)
			cache = argv[++i];
		else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = (int)bench_number(argv[++i], 1, 10000, usage);
		else if (nsizes < MAXSIZES) {
			/* Ascending, and holding record KNOWN. */
			sizes[nsizes] = bench_number(argv[i], nsizes ?
			    sizes[nsizes - 1] + 1 : KNOWN + 1, 100000000, usage);
			nsizes++;
		} else
			usage();
	}
	if (nsizes == 0) {
		sizes[nsizes++] = 10000;
		sizes[nsizes++] = 100000;
		sizes[nsizes++] = 1000000;
	}
	if (mkdtemp(tmpdir) == NULL)
		bench_die("mkdtemp: %s", strerror(errno));
	atexit(cleanup);
	if (asprintf(&path, "%s/search.db", tmpdir) < 0)
		bench_die("out of memory");
	queries_init(rounds);

	printf("customer search: seed %d; the build adds 1,000 customers per "
	    "transaction through kf_demo_customers\n(checked, indexed, "
	    "audited) at synchronous=%s; each size is searched on a fresh "
	    "session:\n%zu queries x %d rounds through kf_customer_find "
	    "(limit %d)\n\n", SEED, sync_normal ? "NORMAL" : "FULL",
	    NQUERIES, rounds, LIMIT);
	if (cache == NULL) {
		k = bench_admin(path, true, sync_normal);
		kf_core_close(k);
	}
	for (s = 0; s < nsizes; s++) {
		if (cache != NULL && cached(cache, sizes[s], sync_normal, &path)) {
			met = search_size(path, s, sizes[s], rounds);
			if (sizes[s] == TARGET_SIZE) {
				target_run = true;
				met_at_target = met;
			}
			continue;
		}
		if (cache != NULL)
			prev = 0;	/* each size its own file */
		k = bench_admin(path, false, sync_normal);
		step = sizes[s] - prev;
		c0 = bench_cpu_ns();
		t0 = bench_now_ns();
		grow(k, prev, sizes[s]);
		t1 = bench_now_ns();
		c1 = bench_cpu_ns();
		kf_core_close(k);	/* checkpoints the WAL */
		db = bench_file_size(path);
		snprintf(a, sizeof(a), "%s-wal", path);
		wal = bench_file_size(a);
		bench_commas(a, sizeof(a), (double)step);
		bench_commas(b, sizeof(b), (double)sizes[s]);
		printf("  %s customers\n    bulk add   %s more in %.1f s: %.0f "
		    "rows/s (CPU %.0f us/row); file %.1f MB (%.2f KB/customer)%s"
		    "\n", b, a, (double)(t1 - t0) / 1e9, (double)step * 1e9 /
		    (double)(t1 - t0), (double)(c1 - c0) / 1e3 / (double)step,
		    (double)(db + wal) / 1048576.0, (double)(db + wal) / 1024.0 /
		    (double)sizes[s], wal ? " (WAL not checkpointed)" : "");
		fflush(stdout);
		met = search_size(path, s, sizes[s], rounds);
		if (sizes[s] == TARGET_SIZE) {
			target_run = true;
			met_at_target = met;
		}
		prev = sizes[s];
	}

	printf("\n  each query's median / slowest (ms), and its hits at the "
	    "largest size:\n  %-20s %-14s", "query", "text");
	for (s = 0; s < nsizes; s++) {
		bench_commas(a, sizeof(a), (double)sizes[s]);
		printf(" %15s", a);
	}
	printf("  hits\n");
	for (q = 0; q < NQUERIES; q++) {
		printf("  %-20s ", queries[q].label);
		/* Pad by display cells: a CJK character is two wide. */
		pad_text(queries[q].text, 14);
		for (s = 0; s < nsizes; s++)
			printf(" %7.2f/%7.2f", queries[q].med[s], queries[q].max[s]);
		printf("  %4zu\n", queries[q].hits);
	}
	if (target_run)
		printf("\n  at 1,000,000 customers: median < %.0f ms and slowest "
		    "< %.0f ms: %s\n", MEDIAN_MS, SLOWEST_MS, met_at_target ?
		    "MET" : "NOT MET");
	if (keep)
		printf("\n  database kept: %s\n", path);
	free(path);
	return 0;
}
