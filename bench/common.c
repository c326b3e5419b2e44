/* common.c — helpers shared by the benchmarks (see common.h). */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "kefu/clock.h"
#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/fee.h"
#include "kefu/order.h"
#include "kefu/staff.h"
#include "kefu/util.h"

#include "common.h"

#define HISTORY_S	(3 * 365 * 86400LL)	/* the closed orders' span */
#define RECENT_S	(48 * 3600LL)		/* the open orders' span */

int64_t
bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

double
bench_ms(int64_t ns)
{
	return (double)ns / 1e6;
}

int64_t
bench_quantile(const int64_t *v, size_t n, double q)
{
	size_t i = (size_t)(q * (double)n + 0.999999);

	if (n == 0)
		return 0;
	if (i < 1)
		i = 1;
	if (i > n)
		i = n;
	return v[i - 1];
}

void
bench_remove_dir(const char *dir)
{
	char path[4096];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

void
bench_die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ------------------------------------------------------------ work orders */

/* The policy defaults (schema 001, 010): the history's deadlines. */
static const int64_t within_s[KF_ORDER_CAT_COUNT] = {
	40 * 60, 4 * 3600, 24 * 3600, 2 * 3600, 24 * 3600,
};

/* xorshift64: the same database every run. */
uint64_t
bench_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

int
bench_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

struct kf_core *
bench_session(const char *path, const char *login, bool sync_normal,
    int64_t at)
{
	struct kf_open_opts oo = { .sync_normal = sync_normal };
	struct kf_core *k;
	struct kf_err err;

	if (kf_core_open(path, &oo, &k, &err) != KF_OK)
		bench_die("opening %s: %s", path, err.msg);
	kf_clock_fix(kf_core_clock(k), at);
	if (kf_core_login_as(k, login, &err) != KF_OK)
		bench_die("login %s: %s", login, err.msg);
	return k;
}

static void
sql_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		bench_die("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define PICK(a, i)	((a)[(size_t)(i) % NELEM(a)])

static const char *const communities[] = { "阳光花园", "电力小区",
	"锦绣华庭", "滨江新村", "翠湖苑", "东方明珠小区", "金桂园",
	"幸福里", "和平新村", "紫荆苑", "梧桐雅居", "望江花园" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"赵", "黄" };
static const char *const faults[] = { "燃气灶打不着火", "闻到燃气味",
	"燃气表不走字", "热水器点火后熄灭", "管道接口漏气", "阀门拧不动",
	"壁挂炉报故障码 E1", "灶具胶管老化" };
/* Category of every 20 orders: 8 equipment, 4 pipe, 1 major, 5 indoor,
 * 2 paid. */
static const enum kf_order_cat cat_mix[20] = {
	KF_ORDER_CAT_EQUIPMENT, KF_ORDER_CAT_PIPE, KF_ORDER_CAT_INDOOR, KF_ORDER_CAT_EQUIPMENT,
	KF_ORDER_CAT_PAID, KF_ORDER_CAT_EQUIPMENT, KF_ORDER_CAT_INDOOR, KF_ORDER_CAT_PIPE,
	KF_ORDER_CAT_EQUIPMENT, KF_ORDER_CAT_INDOOR, KF_ORDER_CAT_PIPE_MAJOR, KF_ORDER_CAT_EQUIPMENT,
	KF_ORDER_CAT_PIPE, KF_ORDER_CAT_INDOOR, KF_ORDER_CAT_EQUIPMENT, KF_ORDER_CAT_PAID,
	KF_ORDER_CAT_EQUIPMENT, KF_ORDER_CAT_INDOOR, KF_ORDER_CAT_PIPE, KF_ORDER_CAT_EQUIPMENT,
};

/* "阳光花园3号楼2单元1203" and its parts, for order seq (r random). */
void
bench_address(uint64_t r, char *addr, size_t na, char *bldg, size_t nb,
    const char **comm)
{
	*comm = PICK(communities, r);
	snprintf(bldg, nb, "%d号楼", (int)((r >> 8) % 30) + 1);
	snprintf(addr, na, "%s%s%d单元%d%02d", *comm, bldg,
	    (int)((r >> 16) % 4) + 1, (int)((r >> 20) % 18) + 1,
	    (int)((r >> 28) % 4) + 1);
}

/* ------------------------------------------------------------ set-up */

/* The schema, the staff and the fee item, through the core. */
static void
make_core(struct bench_orders *b, const char *path, int ndisp)
{
	struct kf_open_opts oo = { .create = true, .sync_normal = true };
	struct kf_core *k;
	struct kf_err err;
	char login[32], name[32];
	int i;

	if (kf_core_open(path, &oo, &k, &err) != KF_OK ||
	    kf_core_init(k, "bench", "Bench", &err) != KF_OK ||
	    kf_core_login_as(k, "bench", &err) != KF_OK)
		bench_die("creating %s: %s", path, err.msg);
	for (i = 0; i < BENCH_NTECH; i++) {
		snprintf(login, sizeof(login), "weixiu%d", i + 1);
		snprintf(name, sizeof(name), "%s师傅%d", PICK(surnames, i),
		    i + 1);
		if (kf_staff_add(k, login, name, KF_ROLE_TECHNICIAN, NULL, NULL,
		    &b->tech_ids[i], &err) != KF_OK)
			bench_die("adding %s: %s", login, err.msg);
	}
	for (i = 0; i < ndisp; i++) {
		snprintf(login, sizeof(login), "diaodu%d", i + 1);
		snprintf(name, sizeof(name), "调度%d", i + 1);
		if (kf_staff_add(k, login, name, KF_ROLE_DISPATCHER, NULL, NULL,
		    &b->disp_ids[i], &err) != KF_OK)
			bench_die("adding %s: %s", login, err.msg);
	}
	if (kf_staff_add(k, "qiantai1", "前台1", KF_ROLE_RECEPTION, NULL, NULL,
	    &b->clerk_id, &err) != KF_OK)
		bench_die("adding qiantai1: %s", err.msg);
	if (kf_fee_add(k, BENCH_FEE_CODE, "更换灶具胶管", "次", BENCH_FEE_PRICE, NULL,
	    &err) != KF_OK)
		bench_die("adding %s: %s", BENCH_FEE_CODE, err.msg);
	kf_core_close(k);
}

/* nhist closed orders, straight into work_order (see common.h). */
static void
make_history(struct bench_orders *b, const char *path, long nhist)
{
	static const char sql[] = "INSERT INTO work_order (reported_at, "
	    "reported_by, address, community, building, contact_name, "
	    "contact_phone, fault, fee_code, category, state, deadline_at, "
	    "deadline_on_arrival, acked_at, acked_by, technician_id, "
	    "dispatched_at, dispatched_by, arrived_at, work_done, done_at, "
	    "signed_name, signed_at, closed_at, amount_due, version) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 6, ?11, ?12, ?1 + 120, "
	    "?13, ?14, ?1 + 300, ?13, ?1 + 1800, '已处理，试火正常', ?1 + 5400, "
	    "?6, ?1 + 5700, ?1 + 5700, ?15, 7)";
	uint64_t seed = 0x9e3779b97f4a7c15ull, r;
	int64_t span = HISTORY_S - 3 * 86400, at;
	char addr[96], bldg[32], cname[32], phone[32];
	const char *comm;
	enum kf_order_cat cat;
	sqlite3 *db;
	sqlite3_stmt *st;
	long i;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		bench_die("opening %s: %s", path, sqlite3_errmsg(db));
	sql_exec(db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; "
	    "BEGIN IMMEDIATE");
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		bench_die("preparing the insert: %s", sqlite3_errmsg(db));
	for (i = 0; i < nhist; i++) {
		r = bench_rand(&seed);
		cat = cat_mix[i % 20];
		at = b->start_at - HISTORY_S + (int64_t)i * span / nhist;
		bench_address(r, addr, sizeof(addr), bldg, sizeof(bldg), &comm);
		snprintf(cname, sizeof(cname), "%s%s", PICK(surnames, r >> 32),
		    (r >> 36) % 2 ? "先生" : "女士");
		snprintf(phone, sizeof(phone), "139-%04d-%04d",
		    (int)((r >> 40) % 10000), (int)(i % 10000));
		sqlite3_bind_int64(st, 1, at);
		sqlite3_bind_int64(st, 2, b->clerk_id);
		sqlite3_bind_text(st, 3, addr, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, comm, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, bldg, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, cname, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, phone, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, PICK(faults, r >> 48), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 9, cat == KF_ORDER_CAT_PAID ? BENCH_FEE_CODE : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(st, 10, (int)cat);
		sqlite3_bind_int64(st, 11, at + within_s[cat]);
		sqlite3_bind_int(st, 12, cat != KF_ORDER_CAT_PIPE &&
		    cat != KF_ORDER_CAT_PIPE_MAJOR);
		sqlite3_bind_int64(st, 13, b->disp_ids[0]);
		sqlite3_bind_int64(st, 14, b->tech_ids[(r >> 52) % BENCH_NTECH]);
		sqlite3_bind_int64(st, 15, cat == KF_ORDER_CAT_PAID ? BENCH_FEE_PRICE : 0);
		if (sqlite3_step(st) != SQLITE_DONE)
			bench_die("inserting closed order %ld: %s", i,
			    sqlite3_errmsg(db));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sql_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
	sqlite3_close(db);
}

/* What the set-up does with open order i. */
enum plan { P_REPORTED, P_ACKED, P_DISPATCHED, P_ON_SITE, P_DONE };

static enum plan
plan_of(uint64_t r)
{
	static const enum plan mix[10] = { P_REPORTED, P_REPORTED, P_ACKED,
		P_ACKED, P_DISPATCHED, P_DISPATCHED, P_DISPATCHED, P_ON_SITE,
		P_ON_SITE, P_DONE };

	return mix[r % 10];
}

/*
 * nopen open orders through the core (see common.h). b->last_id gets
 * the highest id; orders added after it are a benchmark's own.
 */
static void
make_open(struct bench_orders *b, const char *path, long nopen)
{
	struct kf_core *clerk, *disp, *tk;
	struct kf_order o;
	struct kf_err err;
	int64_t *ids = xcalloc((size_t)nopen, sizeof(*ids));
	enum plan *plan = xcalloc((size_t)nopen, sizeof(*plan));
	int *tech = xcalloc((size_t)nopen, sizeof(*tech));
	uint64_t seed = 0x2545f4914f6cdd1dull, r;
	char addr[96], bldg[32], login[32];
	const char *comm;
	long i;
	int t;

	clerk = bench_session(path, "qiantai1", true, b->start_at);
	for (i = 0; i < nopen; i++) {
		r = bench_rand(&seed);
		plan[i] = plan_of(r >> 4);
		tech[i] = (int)((r >> 12) % BENCH_NTECH);
		bench_address(r >> 20, addr, sizeof(addr), bldg, sizeof(bldg),
		    &comm);
		memset(&o, 0, sizeof(o));
		o.category = cat_mix[i % 20];
		/* Newest last, as ids grow: order 0 is 48 h old. */
		o.reported_at = b->start_at - 60 - RECENT_S +
		    (int64_t)i * RECENT_S / nopen;
		if ((o.category == KF_ORDER_CAT_INDOOR || o.category == KF_ORDER_CAT_PAID) &&
		    i % 3 == 0)
			o.appointment_at = b->start_at + 3600 +
			    (int64_t)(r >> 40) % 48 * 3600;
		o.address = xstrdup(addr);
		o.community = xstrdup(comm);
		o.building = xstrdup(bldg);
		o.contact_name = xasprintf("%s%s", PICK(surnames, r >> 36),
		    (r >> 39) % 2 ? "先生" : "女士");
		o.contact_phone = xasprintf("139-%04d-%04ld",
		    (int)((r >> 44) % 10000), i % 10000);
		o.fault = xstrdup(PICK(faults, r >> 56));
		if (o.category == KF_ORDER_CAT_PAID)
			o.fee_code = xstrdup(BENCH_FEE_CODE);
		if (kf_order_new(clerk, &o, &ids[i], &err) != KF_OK)
			bench_die("open order %ld: %s", i, err.msg);
		kf_order_clear(&o);
	}
	kf_core_close(clerk);
	b->last_id = ids[nopen - 1];

	disp = bench_session(path, "diaodu1", true, b->start_at);
	for (i = 0; i < nopen; i++) {
		if (plan[i] >= P_ACKED &&
		    kf_order_ack(disp, ids[i], -1, &err) != KF_OK)
			bench_die("ack %lld: %s", (long long)ids[i], err.msg);
		if (plan[i] >= P_DISPATCHED && kf_order_assign(disp, ids[i], -1,
		    b->tech_ids[tech[i]], &err) != KF_OK)
			bench_die("assign %lld: %s", (long long)ids[i], err.msg);
	}
	kf_core_close(disp);

	for (t = 0; t < BENCH_NTECH; t++) {
		tk = NULL;
		for (i = 0; i < nopen; i++) {
			if (tech[i] != t || plan[i] < P_ON_SITE)
				continue;
			if (tk == NULL) {
				snprintf(login, sizeof(login), "weixiu%d", t + 1);
				tk = bench_session(path, login, true, b->start_at);
			}
			if (kf_order_arrive(tk, ids[i], -1, 0, &err) != KF_OK)
				bench_die("arrive %lld: %s", (long long)ids[i],
				    err.msg);
			if (plan[i] == P_DONE && kf_order_done(tk, ids[i], -1,
			    "更换胶管，试火正常", 0, &err) != KF_OK)
				bench_die("done %lld: %s", (long long)ids[i], err.msg);
		}
		kf_core_close(tk);
	}
	free(ids);
	free(plan);
	free(tech);
}

const char *
bench_surname(uint64_t i)
{
	return PICK(surnames, i);
}

const char *
bench_fault(uint64_t i)
{
	return PICK(faults, i);
}

void
bench_orders_make(const char *path, long norders, long nopen, int ndisp,
    struct bench_orders *b)
{
	struct kf_err err;
	int64_t t0;

	memset(b, 0, sizeof(*b));
	if (nopen < 1 || nopen > norders || ndisp < 1 || ndisp > BENCH_MAXDISP)
		bench_die("bench_orders_make: bad sizes");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	if (kf_time_parse(BENCH_ORDER_START, &b->start_at, &err) != KF_OK)
		bench_die("%s", err.msg);
	make_core(b, path, ndisp);
	t0 = bench_now_ns();
	make_history(b, path, norders - nopen);
	b->hist_s = (double)(bench_now_ns() - t0) / 1e9;
	t0 = bench_now_ns();
	make_open(b, path, nopen);
	b->open_s = (double)(bench_now_ns() - t0) / 1e9;
}

const char *
bench_commas(char *buf, size_t n, double v)
{
	char digits[32];
	size_t len, i, o = 0;

	snprintf(digits, sizeof(digits), "%.0f", v);
	len = strlen(digits);
	for (i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

long long
bench_file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

struct kf_core *
bench_admin(const char *path, bool create, bool sync_normal)
{
	struct kf_open_opts oo = { .create = create, .sync_normal = sync_normal };
	struct kf_core *k;
	struct kf_err err;

	if (kf_core_open(path, &oo, &k, &err) != KF_OK)
		bench_die("opening %s: %s", path, err.msg);
	if (create && kf_core_init(k, "bench", "Bench", &err) != KF_OK)
		bench_die("creating %s: %s", path, err.msg);
	if (kf_core_login_as(k, "bench", &err) != KF_OK)
		bench_die("login: %s", err.msg);
	return k;
}

int64_t
bench_cpu_ns(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ((int64_t)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000 +
	    ((int64_t)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

void
bench_gate_pass(struct bench_gate *g)
{
	char c = 'r';

	if (write(g->ready[1], &c, 1) != 1)
		_exit(2);
	close(g->ready[1]);
	while (read(g->go[0], &c, 1) < 0 && errno == EINTR)
		;		/* EOF: the parent says go */
	close(g->go[0]);
}

int64_t
bench_fleet(int nproc, bench_child fn, void *arg, const char *who)
{
	struct bench_gate g;
	pid_t pids[64];
	int i, status;
	int64_t t0;
	char c;

	if (nproc < 1 || nproc > 64)
		bench_die("%d processes: 1 to 64", nproc);
	if (pipe(g.ready) != 0 || pipe(g.go) != 0)
		bench_die("pipe: %s", strerror(errno));
	fflush(stdout);
	for (i = 0; i < nproc; i++) {
		if ((pids[i] = fork()) < 0)
			bench_die("fork: %s", strerror(errno));
		if (pids[i] == 0) {
			close(g.ready[0]);
			close(g.go[1]);
			fn(i, &g, arg);
			_exit(0);
		}
	}
	close(g.ready[1]);
	close(g.go[0]);
	for (i = 0; i < nproc; i++)
		if (read(g.ready[0], &c, 1) != 1)
			bench_die("%s's process failed to start", who);
	close(g.ready[0]);
	t0 = bench_now_ns();
	close(g.go[1]);			/* go */
	for (i = 0; i < nproc; i++)
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			bench_die("%s's process died", who);
	return t0;
}

long
bench_number(const char *s, long min, long max, void (*usage)(void))
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		usage();
		exit(1);
	}
	return v;
}
