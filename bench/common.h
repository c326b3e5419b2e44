/* common.h — what every benchmark shares: a clock, quantiles, clean-up,
 * and the work-order database of issue 5 (bench_order, bench_tui). */
#ifndef KEFU_BENCH_COMMON_H
#define KEFU_BENCH_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kf_core;

/* Nanoseconds of the monotonic clock. */
int64_t	bench_now_ns(void);
/* ns as milliseconds, for printing. */
double	bench_ms(int64_t ns);
/* Nearest-rank q-quantile of sorted v[0..n-1] (0 when n is 0). */
int64_t	bench_quantile(const int64_t *v, size_t n, double q);
/* Removes dir and the files in it (a benchmark's temp directory). */
void	bench_remove_dir(const char *dir);
/* qsort order of int64_t, ascending. */
int	bench_cmp_i64(const void *a, const void *b);
/* xorshift64: the same sequence from the same seed, every run. */
uint64_t bench_rand(uint64_t *s);
/* Prints "PROGRAM: ..." to stderr and exits 1 (atexit handlers run). */
void	bench_die(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * A work-order database (issue 5). The core creates it (kf_core_open with
 * create, kf_core_init) and adds the staff through kf_staff_add:
 * BENCH_NTECH technicians (weixiu1..), ndisp dispatchers (diaodu1..), one
 * reception clerk (qiantai1); and one paid-service item (kf_fee_add). Then
 * the history, norders - nopen orders closed long ago, is inserted with the
 * SQLite API directly into work_order in one transaction (synchronous=OFF:
 * test data, not audited), each as a finished lifecycle would leave it
 * (state 6 closed, due_at NULL, acked, dispatched, arrived, done and signed
 * minutes apart), reported evenly over the three years before the last
 * three days. Then the nopen open orders are made through the core, so
 * they are real: kf_order_new by the clerk, reported over the last 48
 * hours (40% equipment, 20% pipeline, 5% pipeline major, 25% indoor, 10%
 * paid; a third of the indoor and paid ones with an appointment ahead),
 * then moved on by the dispatcher and the technicians to a mix of states:
 * 20% left reported, 20% acknowledged, 30% dispatched, 20% on site, 10%
 * done, each dispatched one with one of the technicians. Every session's
 * clock is fixed (kf_clock_fix, as the tests do) at BENCH_ORDER_START,
 * Asia/Shanghai (bench_orders_make sets TZ). The same database every run.
 */
#define BENCH_ORDER_START	"2026-11-27 10:41"	/* Asia/Shanghai */
#define BENCH_ORDER_NOW		"2026-11-27T10:41+08:00" /* as KEFU_NOW */
#define BENCH_NTECH		200
#define BENCH_MAXDISP		8
#define BENCH_FEE_CODE		"GAS-01"
#define BENCH_FEE_PRICE		3000		/* fen */

struct bench_orders {
	int64_t	 start_at;		/* BENCH_ORDER_START, epoch s */
	int64_t	 tech_ids[BENCH_NTECH];	/* weixiu1.. */
	int64_t	 disp_ids[BENCH_MAXDISP]; /* diaodu1.. */
	int64_t	 clerk_id;		/* qiantai1 */
	int64_t	 last_id;		/* the newest open order made */
	double	 hist_s, open_s;	/* seconds the two parts took */
};

/* Makes the database at path (see above); ndisp <= BENCH_MAXDISP. */
void	bench_orders_make(const char *path, long norders, long nopen,
	    int ndisp, struct bench_orders *b);
/*
 * Processes racing one another from one start line. bench_fleet forks
 * nproc children, each running fn(i, g, arg): it sets itself up (opens its
 * connections), calls bench_gate_pass, which says it is ready and waits,
 * does its work and ends with _exit. Once every child is ready they are
 * released together; bench_fleet waits for them all and dies if one
 * failed ("a clerk's process died": who names them). Returns the time of
 * the release (bench_now_ns).
 */
struct bench_gate {
	int	ready[2], go[2];	/* pipes */
};
typedef void (*bench_child)(int i, struct bench_gate *g, void *arg);
int64_t	bench_fleet(int nproc, bench_child fn, void *arg, const char *who);
void	bench_gate_pass(struct bench_gate *g);

/* s as a whole number in [min, max]; otherwise usage() (which exits). */
long	bench_number(const char *s, long min, long max, void (*usage)(void));

/* CPU time of this process so far (user + system), in nanoseconds. */
int64_t	bench_cpu_ns(void);
/* "100,000": v with thousands separated, in buf (returned). */
const char *bench_commas(char *buf, size_t n, double v);
/* The size of the file at path in bytes, 0 when there is none. */
long long bench_file_size(const char *path);
/* A session of the admin "bench" on path; create: make the database. */
struct kf_core *bench_admin(const char *path, bool create, bool sync_normal);
/* A session logged in as login, its clock fixed at at. */
struct kf_core *bench_session(const char *path, const char *login,
	    bool sync_normal, int64_t at);
/* "阳光花园3号楼2单元1203" and its parts, for random r. */
void	bench_address(uint64_t r, char *addr, size_t na, char *bldg,
	    size_t nb, const char **comm);
/* A surname, a fault description, picked by i. */
const char *bench_surname(uint64_t i);
const char *bench_fault(uint64_t i);

#endif
