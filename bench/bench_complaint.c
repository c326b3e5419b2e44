/*
 * bench_complaint.c — complaints at scale (issue 12): the supervisor's
 * queue with its header counts, and registering a complaint with the
 * duplicate suggestion (R48), on 1,000,000 complaints of which 2,000 are
 * open.
 *
 * The database. The core creates it (kf_core_open with create,
 * kf_core_init) and adds the staff through kf_staff_add: one reception
 * clerk (qiantai1), one supervisor (zhuguan1), NTECH technicians
 * (weixiu1..). Then the history, COMPLAINTS - OPEN complaints closed long
 * ago, is inserted with the SQLite API directly (synchronous=OFF, one
 * transaction: test data, not audited), each as a closed one is left
 * (state 9, no clock, queue_at the largest integer), registered evenly
 * over the three years before the last three days, about 900 a day, with
 * its search pieces of what happened (complaint_gram 'w' rows, which the
 * suggestion reads; the name and place pieces and the trigram index,
 * which only the search reads, are not made for the history). The texts
 * are drawn from a few dozen subjects, faults and details, so most
 * complaints share pieces with many others, as real ones do. Then the
 * OPEN complaints are registered through the core by the clerk, over the
 * last three days (the session's clock fixed at each one's moment), 70%
 * forwarded to a technician, a tenth serious, a tenth made to the company
 * directly, and moved on: 30% analysed, 5% to actions, 10% called back
 * (waiting for the signature).
 *
 *   [1] The supervisor's queue, RUNS times (default 200) after a warm-up:
 *       one redraw of F4 is kf_complaint_list (open, first page of 500),
 *       kf_complaint_count (the header) and kf_complaint_overdue_count
 *       (the top bar's badge). Also each alone, the to-sign and overdue
 *       filters, a person's own list and a technician's (R54). Median,
 *       p95, max; target: a redraw under 10 ms at the median. The answers
 *       are checked against SQL on its own connection.
 *   [2] Registering, RUNS times: kf_complaint_similar (the suggestion the
 *       clerk is shown, R48) then kf_complaint_new, synchronous=FULL as
 *       deployed; each a new complaint about an address and a text of the
 *       same vocabulary. Median, p95, max of the two together; target:
 *       under 20 ms at the median. Also the suggestion alone.
 *
 * Usage: bench_complaint [--complaints N] [--open N] [RUNS]
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/staff.h"
#include "kefu/util.h"

#include "common.h"

#define NTECH		50
#define PAGE		500
#define QUEUE_TARGET_MS	10.0
#define NEW_TARGET_MS	20.0
#define DAY		86400LL

static char tmpdir[] = "/tmp/kefu-bench-complaint-XXXXXX";
static long ncomplaints = 1000000, nopen = 2000, runs = 200;
static int64_t start_at, tech_ids[NTECH], clerk_id, sup_id;

static void
cleanup(void)
{
	bench_remove_dir(tmpdir);
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_complaint [--complaints N] [--open N] "
	    "[RUNS]\n");
	exit(1);
}

/* ------------------------------------------------------------ texts */

static const char *const subjects[] = {
	"维修师傅", "抄表员", "热线客服", "营业厅窗口", "安检人员", "施工队",
	"收费员", "客服经理",
};
static const char *const faults[] = {
	"态度恶劣", "上门迟到两个小时", "没有出示证件", "多收了燃气费",
	"没修好就走了", "电话一直打不进去", "说话很不耐烦", "把地板弄脏了",
	"推销不需要的配件", "没有按约定时间来", "乱收材料费",
	"停气没有提前通知", "燃气表读数偏高", "改管后漏气", "排队一个多小时",
};
static const char *const details[] = {
	"", "，要求道歉", "，希望尽快处理", "，已经是第二次了", "，老人在家很着急",
	"，要求退钱", "，请领导重视", "，下午还要上班",
};

static void
text_of(uint64_t r, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", subjects[r % 8], faults[(r >> 8) % 15],
	    details[(r >> 16) % 8]);
}

static const char *const communities[] = { "阳光花园", "电力小区",
	"锦绣华庭", "滨江新村", "翠湖苑", "东方明珠小区", "金桂园", "幸福里",
	"和平新村", "紫荆苑", "梧桐雅居", "望江花园", "春晖苑", "绿城小区",
	"新华里", "明湖花园" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"赵", "黄", "周", "吴" };

static void
place_of(uint64_t r, char *place, size_t np, char *bldg, size_t nb,
    const char **comm)
{
	*comm = communities[r % 16];
	snprintf(bldg, nb, "%d号楼", (int)((r >> 8) % 30) + 1);
	snprintf(place, np, "%s%s%d单元%d%02d", *comm, bldg,
	    (int)((r >> 16) % 4) + 1, (int)((r >> 20) % 18) + 1,
	    (int)((r >> 28) % 4) + 1);
}

/* ------------------------------------------------------------ build */

static void
exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		bench_die("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
}

/* The 'w' pieces of what for complaint id (as complaint.c writes them). */
static void
grams(sqlite3_stmt *st, int64_t id, const char *s)
{
	char g[16];
	unsigned cp;
	bool bad = false;
	size_t a, b;

	for (; *s != '\0'; s += a) {
		a = kf_utf8_decode(s, &cp, &bad);
		if (s[a] == '\0')
			break;
		b = kf_utf8_decode(s + a, &cp, &bad);
		g[0] = 'w';
		memcpy(g + 1, s, a + b);
		g[a + b + 1] = '\0';
		sqlite3_bind_text(st, 1, g, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, id);
		if (sqlite3_step(st) != SQLITE_DONE)
			bench_die("gram: %s", sqlite3_errstr(sqlite3_reset(st)));
		sqlite3_reset(st);
	}
}

static void
history(const char *path, long n)
{
	sqlite3 *db;
	sqlite3_stmt *st, *gs;
	char what[256], place[128], bldg[32], name[32], phone[32];
	const char *comm;
	int64_t span = 3 * 365 * DAY, from = start_at - 3 * DAY - span, at;
	uint64_t seed = 12, r;
	long i;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		bench_die("open: %s", sqlite3_errmsg(db));
	exec(db, "PRAGMA synchronous = OFF");
	exec(db, "PRAGMA cache_size = -262144");
	exec(db, "BEGIN");
	if (sqlite3_prepare_v2(db, "INSERT INTO complaint (name, phone, what, "
	    "place, happened_at, channel, received_by, registered_at, "
	    "community, building, category_id, severity, state, "
	    "responsible_id, forwarded_at, forwarded_by, valid, cause, "
	    "responsibility, analysed_at, analysed_by, result, result_at, "
	    "result_by, callback_due_at, callback_done_at, callback_by, "
	    "callback_score, signed_at, signed_by, closed_at, closed_by, "
	    "analyse_due_at, queue_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, "
	    "?8, ?9, ?10, 0, 9, ?11, ?7, ?6, 1, '未按规范', '班组', ?7 + 3600, "
	    "?11, '已处理', ?7 + 7200, ?11, ?7 + 7200 + 86400, ?7 + 10800, ?6, "
	    "2, ?7 + 14400, ?12, ?7 + 14400, ?12, ?7 + 86400, "
	    "9223372036854775807)", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO complaint_gram "
	    "(gram, complaint_id) VALUES (?1, ?2)", -1, &gs, NULL) != SQLITE_OK)
		bench_die("prepare: %s", sqlite3_errmsg(db));
	for (i = 0; i < n; i++) {
		r = bench_rand(&seed);
		at = from + (int64_t)((double)span * i / n);
		text_of(r, what, sizeof(what));
		place_of(r >> 24, place, sizeof(place), bldg, sizeof(bldg),
		    &comm);
		snprintf(name, sizeof(name), "%s%s", surnames[(r >> 40) % 10],
		    (r >> 44) % 2 ? "先生" : "女士");
		snprintf(phone, sizeof(phone), "139%08ld", i);
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, phone, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, what, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, place, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, at - 3600);
		sqlite3_bind_int64(st, 6, clerk_id);
		sqlite3_bind_int64(st, 7, at);
		sqlite3_bind_text(st, 8, comm, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, bldg, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 10, (int64_t)(r >> 50) % 6 + 1);
		sqlite3_bind_int64(st, 11, tech_ids[(r >> 33) % NTECH]);
		sqlite3_bind_int64(st, 12, sup_id);
		if (sqlite3_step(st) != SQLITE_DONE)
			bench_die("history: %s", sqlite3_errmsg(db));
		sqlite3_reset(st);
		grams(gs, sqlite3_last_insert_rowid(db), what);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(gs);
	exec(db, "COMMIT");
	exec(db, "ANALYZE");
	sqlite3_close(db);
}

static struct kf_complaint
mk(uint64_t r, int64_t now)
{
	struct kf_complaint c;
	char what[256], place[128], bldg[32], name[32], phone[32];
	const char *comm;

	memset(&c, 0, sizeof(c));
	text_of(r, what, sizeof(what));
	place_of(r >> 24, place, sizeof(place), bldg, sizeof(bldg), &comm);
	snprintf(name, sizeof(name), "%s%s", surnames[(r >> 40) % 10],
	    (r >> 44) % 2 ? "先生" : "女士");
	snprintf(phone, sizeof(phone), "137%08llu",
	    (unsigned long long)(r % 100000000));
	c.name = xstrdup(name);
	c.phone = xstrdup(phone);
	c.what = xstrdup(what);
	c.place = xstrdup(place);
	c.community = xstrdup(comm);
	c.building = xstrdup(bldg);
	c.happened_at = now - 1800;
	c.channel = KF_CPL_CH_HOTLINE;
	c.category_id = (int64_t)(r >> 50) % 6 + 1;
	return c;
}

static void
open_ones(const char *path, long n)
{
	struct kf_core *clerk, *sup;
	struct kf_complaint c;
	struct kf_err err;
	uint64_t seed = 77, r;
	int64_t id, at;
	long i;

	clerk = bench_session(path, "qiantai1", true, start_at);
	sup = bench_session(path, "zhuguan1", true, start_at);
	for (i = 0; i < n; i++) {
		r = bench_rand(&seed);
		at = start_at - 3 * DAY + (int64_t)(3.0 * DAY * i / n);
		kf_clock_fix(kf_core_clock(clerk), at);
		kf_clock_fix(kf_core_clock(sup), at);
		c = mk(r, at);
		c.severity = r % 10 == 0 ? KF_CPL_SERIOUS : KF_CPL_ORDINARY;
		c.via_company = r % 10 == 1;
		if (r % 10 < 7)
			c.responsible_id = tech_ids[(r >> 8) % NTECH];
		if (kf_complaint_new(clerk, &c, &id, &err) != KF_OK)
			bench_die("new: %s", err.msg);
		kf_complaint_clear(&c);
		if (r % 10 >= 7)
			continue;
		if ((r >> 12) % 10 < 3 && kf_complaint_analyse(sup, id, -1,
		    (r >> 16) % 4 != 0, "未按规范", "班组", &err) != KF_OK)
			bench_die("analyse: %s", err.msg);
	}
	/* 10% waiting for the signature: the short path, by the desk and
	 * the supervisor. */
	{
		struct kf_complaint_filter f = { .state = KF_CPL_ANALYSED,
		    .severity = -1 };
		struct kf_complaint *v;
		size_t m, j;

		kf_clock_fix(kf_core_clock(sup), start_at - 600);
		kf_clock_fix(kf_core_clock(clerk), start_at - 600);
		if (kf_complaint_list(sup, &f, KF_PAGE_FIRST, NULL, 1000, &v, &m,
		    &err) != KF_OK)
			bench_die("list: %s", err.msg);
		for (j = 0; j < m && j < (size_t)n / 10; j++) {
			if (v[j].valid != 0)
				continue;
			if (kf_complaint_explain(sup, v[j].id, -1, "已解释",
			    &err) != KF_OK || kf_complaint_callback(clerk,
			    v[j].id, -1, 0, KF_CPL_SATISFIED, "", NULL,
			    &err) != KF_OK)
				bench_die("to sign: %s", err.msg);
		}
		kf_complaint_list_free(v, m);
	}
	kf_core_close(clerk);
	kf_core_close(sup);
}

static void
build(const char *path)
{
	struct kf_core *k = bench_admin(path, true, true);
	struct kf_err err;
	char login[32], name[32];
	int i;
	int64_t t0 = bench_now_ns(), t1;

	if (kf_staff_add(k, "qiantai1", "前台一", KF_ROLE_RECEPTION, NULL, NULL,
	    &clerk_id, &err) != KF_OK ||
	    kf_staff_add(k, "zhuguan1", "主管一", KF_ROLE_SUPERVISOR, NULL, NULL,
	    &sup_id, &err) != KF_OK)
		bench_die("staff: %s", err.msg);
	for (i = 0; i < NTECH; i++) {
		snprintf(login, sizeof(login), "weixiu%d", i + 1);
		snprintf(name, sizeof(name), "维修%d", i + 1);
		if (kf_staff_add(k, login, name, KF_ROLE_TECHNICIAN, NULL, NULL,
		    &tech_ids[i], &err) != KF_OK)
			bench_die("staff: %s", err.msg);
	}
	kf_core_close(k);
	history(path, ncomplaints - nopen);
	t1 = bench_now_ns();
	open_ones(path, nopen);
	printf("built: %ld closed complaints in %.1f s (SQLite, with their "
	    "pieces), %ld open through the core in %.1f s; %.0f MB\n",
	    ncomplaints - nopen, (double)(t1 - t0) / 1e9, nopen,
	    (double)(bench_now_ns() - t1) / 1e9,
	    (double)bench_file_size(path) / 1e6);
}

/* ------------------------------------------------------------ measure */

static int64_t
sql1(const char *path, const char *sql, int64_t a)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t n;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		bench_die("check: %s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_step(st) != SQLITE_ROW)
		bench_die("check: %s", sqlite3_errmsg(db));
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void
report(const char *what, int64_t *ns, size_t n, double target)
{
	qsort(ns, n, sizeof(*ns), bench_cmp_i64);
	printf("  %-44s median %7.2f ms  p95 %7.2f  max %7.2f", what,
	    bench_ms(bench_quantile(ns, n, 0.5)),
	    bench_ms(bench_quantile(ns, n, 0.95)), bench_ms(ns[n - 1]));
	if (target > 0)
		printf("  (target < %.0f ms: %s)", target,
		    bench_ms(bench_quantile(ns, n, 0.5)) < target ? "met" :
		    "MISSED");
	printf("\n");
}

enum { Q_REDRAW, Q_LIST, Q_COUNT, Q_BADGE, Q_SIGN, Q_OVERDUE, Q_MINE,
	Q_TECH, Q_SEARCH, NQ };

static void
queue(const char *path)
{
	static const char *const names[NQ] = {
		"F4 redraw: list 500 + counts + badge",
		"  list (open, first 500)",
		"  header counts (kf_complaint_count)",
		"  badge (kf_complaint_overdue_count)",
		"to sign (list)", "overdue (list)",
		"one person's open (list)", "a technician's own (R54)",
		"search 3+ characters (list)",
	};
	struct kf_core *sup = bench_session(path, "zhuguan1", false, start_at);
	struct kf_core *tech = bench_session(path, "weixiu1", false, start_at);
	struct kf_complaint_filter f;
	struct kf_complaint_counts cn;
	struct kf_complaint *v;
	struct kf_err err;
	int64_t *ns[NQ], t;
	size_t n = 0;
	long i, q;
	int64_t open, over;

	for (q = 0; q < NQ; q++)
		ns[q] = xcalloc((size_t)runs, sizeof(int64_t));
	for (i = -1; i < runs; i++)
		for (q = 0; q < NQ; q++) {
			memset(&f, 0, sizeof(f));
			f.state = f.severity = -1;
			f.open_only = true;
			t = bench_now_ns();
			switch (q) {
			case Q_REDRAW:
			case Q_LIST:
				if (kf_complaint_list(sup, &f, KF_PAGE_FIRST,
				    NULL, PAGE, &v, &n, &err) != KF_OK)
					bench_die("list: %s", err.msg);
				kf_complaint_list_free(v, n);
				if (q == Q_LIST)
					break;
				/* FALLTHROUGH */
			case Q_COUNT:
				if (kf_complaint_count(sup, &f, start_at, 3600,
				    &cn, &err) != KF_OK)
					bench_die("count: %s", err.msg);
				if (q == Q_COUNT)
					break;
				/* FALLTHROUGH */
			case Q_BADGE:
				over = kf_complaint_overdue_count(sup);
				(void)over;
				break;
			case Q_SIGN:
				f.to_sign = true;
				goto list;
			case Q_OVERDUE:
				f.overdue_only = true;
				goto list;
			case Q_MINE:
				f.responsible_id = tech_ids[3];
				goto list;
			case Q_SEARCH:
				f.open_only = false;
				f.text = "多收了燃气费";
				goto list;
			case Q_TECH:
list:
				if (kf_complaint_list(q == Q_TECH ? tech : sup,
				    &f, KF_PAGE_FIRST, NULL, PAGE, &v, &n,
				    &err) != KF_OK)
					bench_die("list: %s", err.msg);
				kf_complaint_list_free(v, n);
				break;
			}
			if (i >= 0)
				ns[q][i] = bench_now_ns() - t;
		}
	/* The answers, against SQL on its own connection. */
	memset(&f, 0, sizeof(f));
	f.state = f.severity = -1;
	f.open_only = true;
	kf_complaint_count(sup, &f, start_at, 3600, &cn, &err);
	open = sql1(path, "SELECT count(*) FROM complaint WHERE state < ?1", 9);
	over = sql1(path, "SELECT count(*) FROM complaint WHERE due_at < ?1",
	    start_at);
	if (cn.open != open || cn.overdue != over ||
	    kf_complaint_overdue_count(sup) != over)
		bench_die("counts: open %lld (SQL %lld), overdue %lld (SQL %lld)",
		    (long long)cn.open, (long long)open, (long long)cn.overdue,
		    (long long)over);
	printf("[1] the supervisor's queue, %ld runs each: %lld open, %lld "
	    "overdue, %lld to sign, %lld serious\n", runs, (long long)cn.open,
	    (long long)cn.overdue, (long long)cn.to_sign, (long long)cn.serious);
	for (q = 0; q < NQ; q++) {
		report(names[q], ns[q], (size_t)runs, q == Q_REDRAW ?
		    QUEUE_TARGET_MS : 0);
		free(ns[q]);
	}
	kf_core_close(sup);
	kf_core_close(tech);
}

static void
registering(const char *path)
{
	struct kf_core *clerk = bench_session(path, "qiantai1", false,
	    start_at);
	struct kf_complaint c;
	struct kf_complaint_similar *v;
	struct kf_err err;
	int64_t *both = xcalloc((size_t)runs, sizeof(int64_t));
	int64_t *sim = xcalloc((size_t)runs, sizeof(int64_t));
	int64_t t, t1, id;
	uint64_t seed = 991, r;
	size_t n, offered = 0;
	long i;

	for (i = -1; i < runs; i++) {
		r = bench_rand(&seed);
		kf_clock_fix(kf_core_clock(clerk), start_at + 60 * (i + 1));
		c = mk(r, start_at + 60 * (i + 1));
		t = bench_now_ns();
		if (kf_complaint_similar(clerk, &c, 10, &v, &n, &err) != KF_OK)
			bench_die("similar: %s", err.msg);
		t1 = bench_now_ns();
		kf_complaint_similar_free(v, n);
		if (kf_complaint_new(clerk, &c, &id, &err) != KF_OK)
			bench_die("new: %s", err.msg);
		if (i >= 0) {
			both[i] = bench_now_ns() - t;
			sim[i] = t1 - t;
			offered += n;
		}
		kf_complaint_clear(&c);
	}
	printf("[2] registering, %ld complaints (synchronous=FULL), %.1f "
	    "likely duplicates offered on average\n", runs,
	    (double)offered / (double)runs);
	report("suggestion + registering", both, (size_t)runs, NEW_TARGET_MS);
	report("  the suggestion alone (kf_complaint_similar)", sim,
	    (size_t)runs, 0);
	free(both);
	free(sim);
	kf_core_close(clerk);
}

int
main(int argc, char **argv)
{
	char path[128];
	struct kf_err err;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--complaints") == 0 && i + 1 < argc)
			ncomplaints = bench_number(argv[++i], 1000, 100000000,
			    usage);
		else if (strcmp(argv[i], "--open") == 0 && i + 1 < argc)
			nopen = bench_number(argv[++i], 10, 1000000, usage);
		else if (argv[i][0] != '-')
			runs = bench_number(argv[i], 1, 100000, usage);
		else
			usage();
	}
	if (nopen >= ncomplaints)
		usage();
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	if (kf_time_parse(BENCH_ORDER_NOW, &start_at, &err) != KF_OK)
		bench_die("time: %s", err.msg);
	if (mkdtemp(tmpdir) == NULL)
		bench_die("mkdtemp: %s", tmpdir);
	atexit(cleanup);
	snprintf(path, sizeof(path), "%s/complaints.db", tmpdir);
	printf("bench_complaint: %ld complaints, %ld open\n", ncomplaints,
	    nopen);
	build(path);
	queue(path);
	registering(path);
	return 0;
}
