/*
 * bench_contact.c — contact logging transactions per second (issue 4):
 * how many calls and visits the front desk can log, alone and with several
 * clerks logging into the same database at once.
 *
 * One kf_contact_log is one BEGIN IMMEDIATE ... COMMIT: the permission
 * check, the purpose's rules (R1, R4, R6, R7), the customer lookup by id,
 * the insert and its audit row (hash-chained). The database first gets
 * CUSTOMERS demo customers (default 10,000, kf_demo_customers, seed 1) so
 * the customer lookups hit a table of realistic size, and NPROC reception
 * accounts (qiantai1, qiantai2, ...; kf_staff_add with KF_ROLE_RECEPTION);
 * every contact is logged by one of them, never by the admin.
 *
 * The mix, fixed and repeating every 20 contacts:
 *   8 repair (报修) and 6 inquiry hotline calls from a known customer
 *     (customer id picked at random among the demo customers),
 *   3 unknown callers with only a phone number, typed 139-xxxx-xxxx
 *     (a complaint, an inquiry, an other),
 *   2 suggestions (R7: one urgent, routed to the dispatchers; one normal,
 *     to the supervisors),
 *   1 walk-in house viewing within viewing hours, documents checked (R6).
 * Each session's clock is fixed (kf_clock_fix, as the tests do) at
 * 2026-11-27 10:41 local time (TZ=Asia/Shanghai) and moves one second per
 * contact, so every viewing falls inside the 08:00-17:30 hours. A
 * contact's strings are built before its timing starts and freed after it
 * stops: only kf_contact_log is timed.
 *
 *   [1] One reception session logs COUNT contacts (default 20,000) back to
 *       back, in four rounds: transactions per second of the best round
 *       (other load on the machine only ever slows a round down; fsync
 *       time on a VM varies by a factor of two from minute to minute) and
 *       over all, per-call latency p50, p99, p99.9, max over all.
 *   [2] NPROC processes (default 4; fork, then each opens its own
 *       connection and logs in as its own clerk) log flat out for SECONDS
 *       (default 5) into the same database: aggregate transactions per
 *       second, per-process spread, latency including the wait for the
 *       write lock, the longest lock wait, busy time-outs. Target (as for
 *       bench_write): no contact waits longer than 500 ms.
 * Then the database is checked: as many contacts, and contact.log audit
 * rows, as were reported logged.
 *
 * synchronous=FULL, as deployed (--normal: NORMAL). About 10 s in all.
 *
 * Usage: bench_contact [--normal] [--customers N] [COUNT [NPROC [SECONDS]]]
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/core.h"
#include "kefu/customer.h"
#include "kefu/demo.h"
#include "kefu/err.h"
#include "kefu/staff.h"
#include "kefu/util.h"

#include "common.h"

#define SEED		1
#define START		"2026-11-27 10:41"	/* local time, inside viewing hours */
#define CLOCK_SPAN	20000		/* s the clock may move: to 16:14 */
#define WAIT_TARGET_MS	500.0
#define MAXPROC		16
#define LAT_CAP		(1u << 18)	/* latencies kept per process */
#define MIX		20
#define ROUNDS		4		/* of [1] */
/* A front desk's real load, for scale: clerks and calls a minute each. */
#define DESK_CLERKS	4
#define DESK_PER_MIN	5

static char tmpdir[] = "/tmp/kefu-bench-contact-XXXXXX";
static int64_t start_at;		/* START as epoch seconds */
static int64_t first_customer;		/* id of demo record 0 */
static long ncustomers;
static pid_t owner;			/* the parent: only it removes tmpdir */

/* ------------------------------------------------------------ helpers */

static void
cleanup(void)
{
	if (getpid() == owner)
		bench_remove_dir(tmpdir);
}

/* A session logged in as login, its clock fixed at START. */
static struct kf_core *
session(const char *path, const char *login, bool sync_normal)
{
	struct kf_open_opts oo = { .sync_normal = sync_normal };
	struct kf_core *k;
	struct kf_err err;

	if (kf_core_open(path, &oo, &k, &err) != KF_OK)
		bench_die("opening %s: %s", path, err.msg);
	kf_clock_fix(kf_core_clock(k), start_at);
	if (kf_core_login_as(k, login, &err) != KF_OK)
		bench_die("login %s: %s", login, err.msg);
	return k;
}

/* ------------------------------------------------------------ the mix */

enum kind { REPAIR, INQUIRY, UNKNOWN, SUGGESTION, VIEWING };

static const enum kind mix[MIX] = {
	REPAIR, INQUIRY, REPAIR, UNKNOWN, REPAIR, INQUIRY, SUGGESTION,
	REPAIR, INQUIRY, UNKNOWN, REPAIR, INQUIRY, REPAIR, VIEWING,
	INQUIRY, REPAIR, UNKNOWN, INQUIRY, SUGGESTION, REPAIR,
};

static const char *const kind_names[] = { "repair", "inquiry",
	"unknown caller", "suggestion", "viewing" };

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"赵", "黄" };
static const char *const repairs[] = { "厨房水龙头漏水", "卫生间下水道堵了",
	"客厅灯不亮，开关没反应", "燃气灶打不着火", "空调不制冷", "入户门锁坏了" };
static const char *const inquiries[] = { "问物业费怎么交", "问地下车位月租多少",
	"问明天几点停水", "问快递柜在哪里", "问装修押金什么时候退" };
static const char *const suggestions[] = { "建议在3号楼门口加装雨棚",
	"建议晚上延长路灯时间", "建议东门加一个非机动车停放点" };
static const enum kf_contact_purpose unknown_purposes[] = { KF_CONTACT_P_COMPLAINT,
	KF_CONTACT_P_INQUIRY, KF_CONTACT_P_OTHER };

#define PICK(a, i)	((a)[(size_t)(i) % (sizeof(a) / sizeof((a)[0]))])

/*
 * Fills *c (zeroed first) with contact seq of the mix, its strings
 * allocated as a UI would pass them (kf_contact_log may replace the phone
 * with its normalised copy); kf_contact_clear frees them.
 */
static void
make_contact(struct kf_contact *c, long seq, uint64_t *rng)
{
	long n = seq / MIX;

	memset(c, 0, sizeof(*c));
	c->caller_name = xstrdup(PICK(surnames, seq));
	c->caller_title = xstrdup(seq % 3 ? "先生" : "女士");
	switch (mix[seq % MIX]) {
	case REPAIR:
		c->channel = KF_CONTACT_CH_HOTLINE;
		c->purpose = KF_CONTACT_P_REPAIR;
		c->asked = xstrdup(PICK(repairs, seq));
		c->done = xstrdup("已登记报修，转调度派单");
		break;
	case INQUIRY:
		c->channel = KF_CONTACT_CH_HOTLINE;
		c->purpose = KF_CONTACT_P_INQUIRY;
		c->asked = xstrdup(PICK(inquiries, seq));
		c->done = xstrdup("当场答复");
		break;
	case UNKNOWN:
		c->channel = KF_CONTACT_CH_HOTLINE;
		c->purpose = PICK(unknown_purposes, seq / 3);
		c->caller_phone = xasprintf("139-%04ld-%04ld", n % 10000,
		    (seq * 7919) % 10000);
		c->asked = xstrdup(PICK(inquiries, seq));
		c->done = xstrdup("已记录来电号码，待核实住户");
		break;
	case SUGGESTION:
		c->channel = KF_CONTACT_CH_HOTLINE;
		c->purpose = KF_CONTACT_P_SUGGESTION;
		c->urgency = n % 2 ? KF_CONTACT_URG_NORMAL : KF_CONTACT_URG_URGENT;
		c->asked = xstrdup(PICK(suggestions, n));
		c->done = xstrdup("已转交");
		break;
	case VIEWING:
		c->channel = KF_CONTACT_CH_WALK_IN;
		c->purpose = KF_CONTACT_P_VIEWING;
		c->asked = xstrdup("看 3号楼 2单元 301");
		c->done = xstrdup("已查验入伙通知单和购房合同，陪同看房");
		c->documents_checked = true;
		c->accompanied_by = xstrdup("小李");
		break;
	}
	if (mix[seq % MIX] != UNKNOWN)
		c->customer_id = first_customer +
		    (int64_t)(bench_rand(rng) % (uint64_t)ncustomers);
}

/*
 * Logs contact seq of the mix through k with the clock at START + seq
 * seconds (wrapping within CLOCK_SPAN); *ns receives the time
 * kf_contact_log took. Returns its code; err as it sets it.
 */
static enum kf_rc
log_one(struct kf_core *k, long seq, uint64_t *rng, int64_t *ns,
    struct kf_err *err)
{
	struct kf_contact c;
	enum kf_rc rc;
	int64_t t0, id;

	make_contact(&c, seq, rng);
	kf_clock_fix(kf_core_clock(k), start_at + seq % CLOCK_SPAN);
	t0 = bench_now_ns();
	rc = kf_contact_log(k, &c, &id, err);
	*ns = bench_now_ns() - t0;
	kf_contact_clear(&c);
	return rc;
}

/* ------------------------------------------------------------ set-up */

/*
 * Creates the database: admin "bench", ncustomers demo customers, clerks
 * reception accounts qiantai1..; sets first_customer (ids must be
 * consecutive: the picks add an offset to it). Returns its path.
 */
static char *
make_db(int clerks, bool sync_normal, double *build_s)
{
	struct kf_open_opts oo = { .create = true, .sync_normal = sync_normal };
	struct kf_customer cu;
	struct kf_core *k;
	struct kf_err err;
	char *path, login[32], name[32], account[32];
	int64_t t0, id, last;
	int i;

	path = xasprintf("%s/contact.db", tmpdir);
	if (kf_core_open(path, &oo, &k, &err) != KF_OK ||
	    kf_core_init(k, "bench", "Bench", &err) != KF_OK ||
	    kf_core_login_as(k, "bench", &err) != KF_OK)
		bench_die("creating %s: %s", path, err.msg);
	t0 = bench_now_ns();
	if (kf_demo_customers(k, SEED, 0, (uint64_t)ncustomers, &err) != KF_OK)
		bench_die("adding %ld customers: %s", ncustomers, err.msg);
	*build_s = (double)(bench_now_ns() - t0) / 1e9;
	for (i = 1; i <= clerks; i++) {
		snprintf(login, sizeof(login), "qiantai%d", i);
		snprintf(name, sizeof(name), "前台%d", i);
		if (kf_staff_add(k, login, name, KF_ROLE_RECEPTION, NULL, NULL,
		    &id, &err) != KF_OK)
			bench_die("adding %s: %s", login, err.msg);
	}
	memset(&cu, 0, sizeof(cu));
	if (kf_customer_get_account(k, "D00000000", &cu, &err) != KF_OK)
		bench_die("demo customer 0: %s", err.msg);
	first_customer = cu.id;
	kf_customer_clear(&cu);
	snprintf(account, sizeof(account), "D%08ld", ncustomers - 1);
	if (kf_customer_get_account(k, account, &cu, &err) != KF_OK)
		bench_die("demo customer %s: %s", account, err.msg);
	last = cu.id;
	kf_customer_clear(&cu);
	if (last - first_customer != ncustomers - 1)
		bench_die("demo customer ids %lld..%lld are not consecutive",
		    (long long)first_customer, (long long)last);
	kf_core_close(k);
	return path;
}

/* ------------------------------------------------------------ [1] one */

static void
bench_one(const char *path, long count, bool sync_normal)
{
	struct kf_core *k;
	struct kf_err err;
	int64_t *lat, t0, t1, total = 0;
	uint64_t rng = 0x9e3779b97f4a7c15ull;
	double x, best = 0;
	long i, from, to;
	int r;

	lat = xcalloc((size_t)count, sizeof(*lat));
	printf("[1] one reception session (qiantai1) logging %ld contacts back "
	    "to back, in %d rounds;\n    judged on the best round (other load "
	    "on the machine only ever slows a round down)\n", count, ROUNDS);
	k = session(path, "qiantai1", sync_normal);
	for (r = 0; r < ROUNDS; r++) {
		from = count * r / ROUNDS;
		to = count * (r + 1) / ROUNDS;
		t0 = bench_now_ns();
		for (i = from; i < to; i++)
			if (log_one(k, i, &rng, &lat[i], &err) != KF_OK)
				bench_die("contact %ld (%s): %s", i,
				    kind_names[mix[i % MIX]], err.msg);
		t1 = bench_now_ns();
		total += t1 - t0;
		x = (double)(to - from) * 1e9 / (double)(t1 - t0);
		best = x > best ? x : best;
	}
	kf_core_close(k);
	qsort(lat, (size_t)count, sizeof(*lat), bench_cmp_i64);
	printf("  kefu synchronous=%-6s best %6.0f tx/s (%5.1f us/tx)   mean "
	    "%6.0f tx/s (%ld in %.2f s)\n", sync_normal ? "NORMAL" : "FULL",
	    best, 1e6 / best, (double)count * 1e9 / (double)total, count,
	    (double)total / 1e9);
	printf("       latency p50 %6.2f ms   p99 %6.2f ms   p99.9 %7.2f ms   "
	    "max %7.1f ms\n", bench_ms(bench_quantile(lat, (size_t)count, 0.50)),
	    bench_ms(bench_quantile(lat, (size_t)count, 0.99)),
	    bench_ms(bench_quantile(lat, (size_t)count, 0.999)),
	    bench_ms(lat[count - 1]));
	fflush(stdout);
	free(lat);
}

/* ------------------------------------------------------------ [2] many */

struct slot {
	long	 ok, busy, errors;
	long	 nlat;			/* latencies recorded (<= LAT_CAP) */
	int64_t	 max_wait_ms;		/* longest wait for the write lock */
	int64_t	 max_lat_ns;		/* longest call, failed ones included */
	int64_t	 end_ns;		/* when its last call returned */
	char	 err[256];		/* first failure */
};

struct shared {
	struct slot	 slot[MAXPROC];
	int64_t		 lat[];		/* MAXPROC * LAT_CAP, ns */
};

/* What every clerk's process is given (bench_fleet). */
struct fleet_args {
	struct shared	*sh;
	const char	*path;
	bool		 sync_normal;
	double		 seconds;
};

static void
child(int i, struct bench_gate *g, void *arg)
{
	const struct fleet_args *fa = arg;
	struct shared *sh = fa->sh;
	const char *path = fa->path;
	bool sync_normal = fa->sync_normal;
	double seconds = fa->seconds;
	struct slot *sl = &sh->slot[i];
	int64_t *lat = &sh->lat[(size_t)i * LAT_CAP], ns, end;
	uint64_t rng = 0x9e3779b97f4a7c15ull + (uint64_t)i * 0x2545f4914f6cdd1dull;
	struct kf_core *k;
	struct kf_err err;
	char login[32];
	enum kf_rc rc;
	long seq = 0;

	/* The connection is opened here, after fork(), never before. */
	snprintf(login, sizeof(login), "qiantai%d", i + 1);
	k = session(path, login, sync_normal);
	bench_gate_pass(g);
	end = bench_now_ns() + (int64_t)(seconds * 1e9);
	do {
		rc = log_one(k, seq++, &rng, &ns, &err);
		if (ns > sl->max_lat_ns)
			sl->max_lat_ns = ns;
		if (rc == KF_OK) {
			sl->ok++;
			if (sl->nlat < (long)LAT_CAP)
				lat[sl->nlat++] = ns;
		} else {
			if (rc == KF_BUSY)
				sl->busy++;
			else
				sl->errors++;
			if (sl->err[0] == '\0')
				snprintf(sl->err, sizeof(sl->err), "%.200s",
				    err.msg);
		}
	} while ((sl->end_ns = bench_now_ns()) < end);
	sl->max_wait_ms = kf_core_max_lock_wait_ms(k);
	kf_core_close(k);
	_exit(0);
}

/* Returns the contacts logged. */
static long
bench_many(const char *path, int nproc, double seconds, bool sync_normal)
{
	size_t size = sizeof(struct shared) +
	    (size_t)MAXPROC * LAT_CAP * sizeof(int64_t);
	struct shared *sh;
	int i;
	long ok = 0, busy = 0, errors = 0, lo = -1, hi = 0, nlat = 0;
	int64_t max_wait_ms = 0, max_lat = 0, *all, t0, t1;
	double rate, desk;

	sh = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	    -1, 0);
	if (sh == MAP_FAILED)
		bench_die("mmap: %s", strerror(errno));
	memset(sh->slot, 0, sizeof(sh->slot));
	printf("[2] %d processes logging flat out for %.1f s into the same "
	    "database (each its own connection\n    and reception account; "
	    "latency includes the wait for the write lock)\n", nproc, seconds);
	{
		struct fleet_args fa = { sh, path, sync_normal, seconds };

		t0 = bench_fleet(nproc, child, &fa, "a clerk");
	}
	t1 = t0;			/* the last call's end, not the closes */

	for (i = 0; i < nproc; i++) {
		struct slot *sl = &sh->slot[i];

		ok += sl->ok;
		busy += sl->busy;
		errors += sl->errors;
		nlat += sl->nlat;
		lo = lo < 0 || sl->ok < lo ? sl->ok : lo;
		hi = sl->ok > hi ? sl->ok : hi;
		if (sl->max_wait_ms > max_wait_ms)
			max_wait_ms = sl->max_wait_ms;
		if (sl->max_lat_ns > max_lat)
			max_lat = sl->max_lat_ns;
		if (sl->end_ns > t1)
			t1 = sl->end_ns;
	}
	all = xcalloc((size_t)(nlat ? nlat : 1), sizeof(*all));
	nlat = 0;
	for (i = 0; i < nproc; i++) {
		memcpy(all + nlat, &sh->lat[(size_t)i * LAT_CAP],
		    (size_t)sh->slot[i].nlat * sizeof(*all));
		nlat += sh->slot[i].nlat;
	}
	qsort(all, (size_t)nlat, sizeof(*all), bench_cmp_i64);
	/* From go to the last call's end: it may end a little past SECONDS. */
	rate = (double)ok * 1e9 / (double)(t1 - t0);
	printf("  kefu synchronous=%-6s %7.0f tx/s (%ld in %.2f s; per process "
	    "%ld..%ld)\n", sync_normal ? "NORMAL" : "FULL", rate, ok,
	    (double)(t1 - t0) / 1e9, lo, hi);
	printf("       latency p50 %6.2f ms   p99 %6.2f ms   p99.9 %7.2f ms   "
	    "max %7.1f ms   longest lock wait %5lld ms   busy-timeouts %ld\n",
	    bench_ms(bench_quantile(all, (size_t)nlat, 0.50)),
	    bench_ms(bench_quantile(all, (size_t)nlat, 0.99)),
	    bench_ms(bench_quantile(all, (size_t)nlat, 0.999)),
	    bench_ms(max_lat), (long long)max_wait_ms, busy);
	free(all);
	if (errors || busy)
		for (i = 0; i < nproc; i++)
			if (sh->slot[i].err[0]) {
				printf("       first failure: %s\n", sh->slot[i].err);
				break;
			}
	printf("       target: no contact waits > %.0f ms: %s\n",
	    WAIT_TARGET_MS, bench_ms(max_lat) <= WAIT_TARGET_MS && busy == 0 &&
	    errors == 0 ? "MET" : "NOT MET");
	desk = DESK_CLERKS * DESK_PER_MIN / 60.0;
	printf("  for scale: %d clerks taking %d calls a minute each log %.2f "
	    "tx/s; this is %.0f times that\n", DESK_CLERKS, DESK_PER_MIN, desk,
	    rate / desk);
	fflush(stdout);
	munmap(sh, size);
	return ok;
}

/* ------------------------------------------------------------ check */

/* n of sql's single integer answer on the database at path. */
static int64_t
count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t n;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		bench_die("check: %s", sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW)
		bench_die("check: %s", sqlite3_errmsg(db));
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* ------------------------------------------------------------ main */

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: bench_contact [--normal] [--customers N] "
	    "[COUNT [NPROC [SECONDS]]]\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	long args[3] = { 20000, 4, 5 }, logged;
	int nargs = 0, i;
	bool sync_normal = false;
	struct kf_err err;
	int64_t contacts, audited;
	double build_s;
	char *path;

	ncustomers = 10000;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--normal") == 0)
			sync_normal = true;
		else if (strcmp(argv[i], "--customers") == 0 && i + 1 < argc)
			ncustomers = bench_number(argv[++i], 1,
			    10000000, usage);
		else if (nargs == 0)
			args[nargs++] = bench_number(argv[i], ROUNDS,
			    10000000, usage);
		else if (nargs == 1)
			args[nargs++] = bench_number(argv[i], 1,
			    MAXPROC, usage);
		else if (nargs == 2)
			args[nargs++] = bench_number(argv[i], 1, 600, usage);
		else
			usage();
	}
	/* The fixed clock is local time: START must fall in viewing hours. */
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	if (kf_time_parse(START, &start_at, &err) != KF_OK)
		bench_die("%s", err.msg);
	if (mkdtemp(tmpdir) == NULL)
		bench_die("mkdtemp: %s", strerror(errno));
	owner = getpid();
	atexit(cleanup);

	path = make_db((int)args[1], sync_normal, &build_s);
	printf("contact logging: kf_contact_log (permission, rules R1/R4/R6/R7, "
	    "customer lookup, insert,\naudit row; one BEGIN IMMEDIATE ... COMMIT "
	    "each) at synchronous=%s\n", sync_normal ? "NORMAL" : "FULL");
	printf("  database: %ld demo customers (seed %d; added in %.1f s), %ld "
	    "reception accounts\n", ncustomers, SEED, build_s, args[1]);
	printf("  clock fixed at %s (Asia/Shanghai), one second more per "
	    "contact\n", START);
	printf("  mix of every %d: 8 repair and 6 inquiry hotline calls from "
	    "known customers, 3 unknown\n  callers (phone only), 2 suggestions "
	    "(urgent, normal), 1 walk-in viewing\n\n", MIX);
	fflush(stdout);
	bench_one(path, args[0], sync_normal);
	logged = args[0];
	logged += bench_many(path, (int)args[1], (double)args[2], sync_normal);

	contacts = count(path, "SELECT count(*) FROM contact");
	audited = count(path,
	    "SELECT count(*) FROM audit WHERE action = 'contact.log'");
	if (contacts != logged || audited != logged)
		bench_die("logged %ld contacts, but the database holds %lld contacts "
		    "and %lld contact.log audit rows", logged,
		    (long long)contacts, (long long)audited);
	printf("  checked: the database holds %lld contacts and as many "
	    "contact.log audit rows\n", (long long)contacts);
	free(path);
	return 0;
}
