/*
 * test_bill.c — the billing desk (bill.h): notice runs all or nothing and
 * once (R15), repairs carried once (R18), payments only at the desk (R19)
 * against receipts numbered without gaps, allocation oldest first,
 * credit, voids by a supervisor with a reason, copies marked, arrears
 * ageing at its day edges, chasing, amounts typed, printing in 80
 * columns, the CSV export; and a property test: thousands of random
 * payments, voids, adjustments and runs, after each of which every
 * notice and account balances to the fen, and what was owed by day
 * (schema/025, kept by triggers for the reports' arrears, R53) adds up
 * to the notices and allocations, the reports' arrears at any second
 * equal to the definition's sum over the notices.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/bill.h"
#include "kefu/customer.h"
#include "kefu/meter.h"
#include "kefu/fee.h"
#include "kefu/i18n.h"
#include "kefu/order.h"
#include "kefu/policy.h"
#include "kefu/rate.h"
#include "kefu/report.h"
#include "kefu/util.h"

static struct kf_err e_;
#define OK(call) do { if ((call) != KF_OK) fail_msg("%s: %s", #call, \
    e_.msg); } while (0)

#define DAY	86400

struct desk {
	struct fixture	*fx;
	struct kf_core	*bill, *sup, *tech;
	int64_t		 cust[4];
};

static int64_t
customer(struct kf_core *k, const char *name, const char *community,
    const char *room)
{
	struct kf_customer c;
	int64_t id = 0;

	memset(&c, 0, sizeof(c));
	c.name = strdup(name);
	c.phones[0] = strdup("13800001111");
	c.community = strdup(community);
	c.building = strdup("1号楼");
	c.room = strdup(room);
	OK(kf_customer_add(k, &c, &id, &e_));
	kf_customer_clear(&c);
	return id;
}

static int
setup(void **state)
{
	struct desk *d = calloc(1, sizeof(*d));

	setlocale(LC_CTYPE, "C.UTF-8");
	if (fx_setup((void **)&d->fx) != 0)
		return -1;
	fx_staff(d->fx->k, "bill", KF_ROLE_BILLING);
	fx_staff(d->fx->k, "sup", KF_ROLE_SUPERVISOR);
	fx_staff(d->fx->k, "tech", KF_ROLE_TECHNICIAN);
	d->bill = fx_session(d->fx, "bill");
	d->sup = fx_session(d->fx, "sup");
	d->tech = fx_session(d->fx, "tech");
	d->cust[0] = customer(d->fx->k, "张三", "阳光花园", "101");
	d->cust[1] = customer(d->fx->k, "李四", "阳光花园", "102");
	d->cust[2] = customer(d->fx->k, "王五", "幸福小区", "201");
	d->cust[3] = customer(d->fx->k, "赵六", "阳光花园", "103");
	*state = d;
	return 0;
}

static int
teardown(void **state)
{
	struct desk *d = *state;
	void *fx = d->fx;

	kf_core_close(d->bill);
	kf_core_close(d->sup);
	kf_core_close(d->tech);
	free(d);
	return fx_teardown(&fx);
}

static void
at(struct desk *d, int64_t t)
{
	kf_clock_fix(kf_core_clock(d->fx->k), t);
	kf_clock_fix(kf_core_clock(d->bill), t);
	kf_clock_fix(kf_core_clock(d->sup), t);
	kf_clock_fix(kf_core_clock(d->tech), t);
}

static struct kf_notice_run
run(struct desk *d, const char *period, const char *community)
{
	struct kf_notice_run r;

	OK(kf_notice_run(d->bill, period, community, &r, &e_));
	return r;
}

static int64_t
pay(struct desk *d, int64_t cid, int64_t fen)
{
	struct kf_receipt r;
	int64_t no;

	OK(kf_payment_take(d->bill, cid, fen, KF_PAY_CASH, NULL, KF_BALANCE_ANY,
	    &r, &e_));
	no = r.no;
	kf_receipt_clear(&r);
	return no;
}

static struct kf_notice
notice(struct desk *d, const char *no)
{
	struct kf_notice n;

	OK(kf_notice_get(d->bill, no, &n, &e_));
	return n;
}

static struct kf_account
account(struct desk *d, int64_t cid)
{
	struct kf_account a;

	OK(kf_account_get(d->bill, cid, 24, &a, &e_));
	return a;
}

/* ---- input ---- */

static void
test_amount_parse(void **state)
{
	struct kf_err err;
	int64_t fen;

	(void)state;
	assert_int_equal(kf_bill_amount_parse("12.5", "amount", false, &fen,
	    &err), KF_OK);
	assert_int_equal(fen, 1250);
	assert_int_equal(kf_bill_amount_parse("12", "amount", false, &fen,
	    &err), KF_OK);
	assert_int_equal(fen, 1200);
	assert_int_equal(kf_bill_amount_parse("0.01", "amount", false, &fen,
	    &err), KF_OK);
	assert_int_equal(fen, 1);
	assert_int_equal(kf_bill_amount_parse("1.234", "amount", false, &fen,
	    &err), KF_INVALID);			/* a fraction of a fen */
	assert_string_equal(err.field, "amount");
	assert_non_null(strstr(err.msg, "amount"));
	assert_int_equal(kf_bill_amount_parse("-1", "amount", false, &fen,
	    &err), KF_INVALID);
	assert_int_equal(kf_bill_amount_parse("abc", "amount", false, &fen,
	    &err), KF_INVALID);
	assert_int_equal(kf_bill_amount_parse("", "amount", false, &fen,
	    &err), KF_INVALID);
	assert_int_equal(kf_bill_amount_parse("-5.5", "amount", true, &fen,
	    &err), KF_OK);
	assert_int_equal(fen, -550);
	assert_int_equal(kf_bill_amount_parse("--5", "amount", true, &fen,
	    &err), KF_INVALID);
	/* M5: the desk's limit, 100,000,000.00 yuan, not the price list's
	 * 1,000,000: at, one fen above, and far above, each named. */
	assert_int_equal(kf_bill_amount_parse("1000000.01", "amount", false,
	    &fen, &err), KF_OK);
	assert_int_equal(fen, 100000001);
	assert_int_equal(kf_bill_amount_parse("100000000", "amount", false,
	    &fen, &err), KF_OK);
	assert_int_equal(fen, 10000000000LL);
	assert_int_equal(kf_bill_amount_parse("-100000000.00", "amount", true,
	    &fen, &err), KF_OK);
	assert_int_equal(fen, -10000000000LL);
	assert_int_equal(kf_bill_amount_parse("100000000.01", "amount", false,
	    &fen, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "limit of 100,000,000.00 yuan"));
	assert_string_equal(err.field, "amount");
	assert_int_equal(kf_bill_amount_parse("99999999999999999999", "amount",
	    false, &fen, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "limit"));
	assert_int_equal(kf_bill_amount_parse("1.", "amount", false, &fen,
	    &err), KF_INVALID);
	assert_int_equal(kf_bill_amount_parse(".5", "amount", false, &fen,
	    &err), KF_INVALID);
	assert_int_equal(kf_bill_amount_parse("-", "amount", true, &fen,
	    &err), KF_INVALID);
	assert_int_equal(kf_bill_period_check("2026-11", &err), KF_OK);
	assert_int_equal(kf_bill_period_check("2026-13", &err), KF_INVALID);
	assert_int_equal(kf_bill_period_check("2026-00", &err), KF_INVALID);
	assert_int_equal(kf_bill_period_check("2026-1", &err), KF_INVALID);
	assert_int_equal(kf_bill_period_check("2026-11x", &err), KF_INVALID);
	assert_int_equal(kf_bill_period_check(NULL, &err), KF_INVALID);
}

/* ---- notice runs (R15) ---- */

static void
test_r15_run_once_all_customers_numbers_without_gaps(void **state)
{
	struct desk *d = *state;
	struct kf_notice_run r;
	struct kf_notice n;
	struct kf_err err;

	OK(kf_adjust_add(d->bill, d->cust[0], 12000, "十一月物业费", NULL, &e_));
	OK(kf_adjust_add(d->bill, d->cust[1], 8000, "十一月物业费", NULL, &e_));
	/* cust[3] has nothing: no paper for him. */
	r = run(d, "2026-11", "阳光花园");
	assert_false(r.already);
	assert_int_equal(r.notices, 2);
	assert_int_equal(r.first_seq, 1);
	assert_int_equal(r.last_seq, 2);
	assert_int_equal(r.total, 20000);
	n = notice(d, "2026-11-000001");
	assert_int_equal(n.customer_id, d->cust[0]);
	assert_int_equal(n.amount, 12000);
	assert_int_equal(n.total_due, 12000);
	assert_int_equal(n.prev_balance, 0);
	assert_int_equal(n.nlines, 1);
	assert_int_equal(n.lines[0].kind, KF_LINE_ADJUST);
	/* "调整 N：" and the reason as typed (R15, in Chinese: review #11) */
	assert_non_null(strstr(n.lines[0].source, "调整 "));
	assert_non_null(strstr(n.lines[0].source, "：十一月物业费"));
	/* Due at the end of the 15th day after issue (policy). */
	assert_int_equal(n.due_at, 1795708800LL + 16 * DAY - 1);
	kf_notice_clear(&n);

	/* Again: already issued, nothing done. */
	r = run(d, "2026-11", "阳光花园");
	assert_true(r.already);
	assert_int_equal(r.notices, 2);
	assert_string_equal(r.by, "bill");
	/* Another community continues the period's numbers. */
	OK(kf_adjust_add(d->bill, d->cust[2], 500, "公摊", NULL, &e_));
	r = run(d, "2026-11", "幸福小区");
	assert_int_equal(r.first_seq, 3);
	assert_int_equal(r.last_seq, 3);
	/* A new period starts at 1. */
	OK(kf_adjust_add(d->bill, d->cust[3], 100, "补收", NULL, &e_));
	r = run(d, "2026-10", "阳光花园");
	assert_int_equal(r.first_seq, 1);

	assert_int_equal(kf_notice_run(d->bill, "2026-12", "阳光花园", &r,
	    &err), KF_REFUSED);			/* not begun */
	assert_non_null(strstr(err.msg, "R15"));
	assert_int_equal(kf_notice_run(d->bill, "2026-13", "阳光花园", &r,
	    &err), KF_INVALID);
	assert_int_equal(kf_notice_run(d->bill, "2026-09", "无人小区", &r,
	    &err), KF_NOTFOUND);
	assert_int_equal(kf_notice_run(d->bill, "2026-09", " ", &r, &err),
	    KF_INVALID);
	assert_int_equal(kf_notice_run(d->tech, "2026-09", "阳光花园", &r,
	    &err), KF_DENIED);
	assert_int_equal(kf_notice_run(d->sup, "2026-09", "阳光花园", &r,
	    &err), KF_DENIED);
	assert_int_equal(kf_notice_get(d->tech, "2026-11-000001", &n, &err),
	    KF_DENIED);
	assert_int_equal(kf_notice_get(d->bill, "2026-11-000009", &n, &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_notice_get(d->bill, "nonsense", &n, &err),
	    KF_NOTFOUND);
}

/* An adjustment says why, is not zero; carried once. */
static void
test_r15_adjustments(void **state)
{
	struct desk *d = *state;
	struct kf_notice n;
	struct kf_err err;

	assert_int_equal(kf_adjust_add(d->bill, d->cust[0], 100, "", NULL,
	    &err), KF_INVALID);
	assert_string_equal(err.field, "reason");
	assert_int_equal(kf_adjust_add(d->bill, d->cust[0], 0, "零", NULL,
	    &err), KF_INVALID);
	assert_int_equal(kf_adjust_add(d->bill, 9999, 100, "无此户", NULL,
	    &err), KF_NOTFOUND);
	assert_int_equal(kf_adjust_add(d->tech, d->cust[0], 100, "维修工",
	    NULL, &err), KF_DENIED);
	OK(kf_adjust_add(d->bill, d->cust[0], 5000, "物业费", NULL, &e_));
	OK(kf_adjust_add(d->bill, d->cust[0], -1500, "上月多收退回", NULL, &e_));
	run(d, "2026-10", "阳光花园");
	n = notice(d, "2026-10-000001");
	assert_int_equal(n.nlines, 2);
	assert_int_equal(n.amount, 3500);
	kf_notice_clear(&n);
	run(d, "2026-11", "阳光花园");
	n = notice(d, "2026-11-000001");
	assert_int_equal(n.nlines, 0);		/* carried once */
	assert_int_equal(n.prev_balance, 3500);	/* but still owed */
	assert_int_equal(n.total_due, 3500);
	kf_notice_clear(&n);
}

/*
 * The notice carries rate.h's charges for the month (R12: a management
 * fee per flat from the move-in day), and once the month is issued a
 * rate back-dated over it is refused (R15): corrected by an adjustment.
 */
static void
test_r15_charges_from_the_rates_and_the_month_closed(void **state)
{
	struct desk *d = *state;
	struct kf_customer c;
	struct kf_notice n;
	struct kf_rate r;
	struct kf_err err;
	int64_t cid = 0;

	memset(&c, 0, sizeof(c));
	c.name = strdup("钱七");
	c.phones[0] = strdup("13800002222");
	c.community = strdup("新村");
	c.room = strdup("501");
	c.move_in = strdup("2026-11-16");	/* 15 of November's 30 days */
	OK(kf_customer_add(d->fx->k, &c, &cid, &e_));
	kf_customer_clear(&c);
	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_MGMT;
	r.basis = KF_BASIS_UNIT;
	r.pricing = KF_PRICING_AGREED;
	r.price_cfen = 10000 * 100;		/* 100.00 a month */
	snprintf(r.community, sizeof(r.community), "新村");
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	OK(kf_rate_add(d->fx->k, &r, NULL, &e_));
	run(d, "2026-11", "新村");
	n = notice(d, "2026-11-000001");
	assert_int_equal(n.customer_id, cid);
	assert_int_equal(n.nlines, 1);
	assert_int_equal(n.lines[0].kind, KF_LINE_MGMT);
	assert_int_equal(n.lines[0].amount, 5000);
	assert_int_equal(n.amount, 5000);
	kf_notice_clear(&n);
	snprintf(r.effective, sizeof(r.effective), "2026-11");
	r.price_cfen = 12000 * 100;
	assert_int_equal(kf_rate_add(d->fx->k, &r, NULL, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "R15"));
}

static int64_t
water_meter(struct desk *d, const char *code, int64_t cid)
{
	struct kf_meter m;
	int64_t id = 0;

	memset(&m, 0, sizeof(m));
	snprintf(m.code, sizeof(m.code), "%s", code);
	m.kind = KF_METER_WATER;
	m.customer_id = cid;
	m.digits = 6;
	OK(kf_meter_add(d->fx->k, &m, &id, &e_));
	return id;
}

static void
water_rate(struct desk *d, const char *community, const char *effective,
    int64_t cfen, struct kf_err *err, enum kf_rc want)
{
	struct kf_rate r;

	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_WATER;
	r.basis = KF_BASIS_METERED;
	snprintf(r.community, sizeof(r.community), "%s", community);
	snprintf(r.effective, sizeof(r.effective), "%s", effective);
	r.tiers[0].price_cfen = cfen;
	r.ntiers = 1;
	assert_int_equal(kf_rate_add(d->fx->k, &r, NULL, err), want);
}

/*
 * R13, R15: a month is locked per community. 阳光花园's run for 2026-11
 * locks its own readings and rates and a rate for every community, not
 * 幸福小区's: its readings and its own rate for 2026-11 still go in until
 * its own run. A run is refused while a meter of its community has no
 * reading for the period (the next reading would charge two months at
 * once, through the tiers), unless issued without readings on purpose.
 */
static void
test_r15_month_locked_per_community(void **state)
{
	struct desk *d = *state;
	struct kf_notice_run r;
	struct kf_notice n;
	struct kf_err err;
	int64_t wa, wb, wc, usage;
	bool billed;

	water_rate(d, "", "2026-01", 500 * 100, &err, KF_OK);	/* 5.00/t */
	wa = water_meter(d, "W-A", d->cust[0]);		/* 阳光花园 */
	wc = water_meter(d, "W-C", d->cust[1]);		/* 阳光花园 */
	wb = water_meter(d, "W-B", d->cust[2]);		/* 幸福小区 */
	OK(kf_reading_enter(d->bill, wa, "2026-10", 10, 0, 0, NULL, NULL,
	    NULL, &e_));
	OK(kf_reading_enter(d->bill, wc, "2026-10", 10, 0, 0, NULL, NULL,
	    NULL, &e_));
	OK(kf_reading_enter(d->bill, wb, "2026-10", 10, 0, 0, NULL, NULL,
	    NULL, &e_));
	OK(kf_reading_enter(d->bill, wa, "2026-11", 20, 0, 0, NULL, NULL,
	    NULL, &e_));

	/* W-C not read for November: refused, naming how many and which. */
	assert_int_equal(kf_notice_run(d->bill, "2026-11", "阳光花园", &r,
	    &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "R13"));
	assert_non_null(strstr(err.msg, "1 meter"));
	assert_non_null(strstr(err.msg, "W-C"));
	assert_null(strstr(err.msg, "W-A"));
	assert_null(strstr(err.msg, "W-B"));	/* another community's */
	OK(kf_reading_enter(d->bill, wc, "2026-11", 13, 0, 0, NULL, NULL,
	    NULL, &e_));
	r = run(d, "2026-11", "阳光花园");
	assert_int_equal(r.notices, 2);
	n = notice(d, "2026-11-000001");
	assert_int_equal(n.amount, 10 * 500);
	kf_notice_clear(&n);

	/* 阳光花园's month is locked: its readings, its rate, and a rate for
	 * every community. */
	assert_int_equal(kf_reading_enter(d->bill, wa, "2026-11", 21, 0, 0,
	    "抄错", NULL, NULL, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "R15"));
	water_rate(d, "阳光花园", "2026-11", 600 * 100, &err, KF_REFUSED);
	assert_non_null(strstr(err.msg, "R15"));
	water_rate(d, "", "2026-11", 600 * 100, &err, KF_REFUSED);
	assert_non_null(strstr(err.msg, "R15"));
	OK(kf_bill_period_billed_in(d->bill, "2026-11", "阳光花园", &billed,
	    &e_));
	assert_true(billed);
	OK(kf_bill_period_billed(d->bill, "2026-11", &billed, &e_));
	assert_true(billed);

	/* 幸福小区's is not: its reading and its own rate go in. */
	OK(kf_bill_period_billed_in(d->bill, "2026-11", "幸福小区", &billed,
	    &e_));
	assert_false(billed);
	OK(kf_reading_enter(d->bill, wb, "2026-11", 16, 0, 0, NULL, NULL,
	    &usage, &e_));
	assert_int_equal(usage, 6);
	water_rate(d, "幸福小区", "2026-11", 400 * 100, &err, KF_OK);
	r = run(d, "2026-11", "幸福小区");
	assert_int_equal(r.notices, 1);
	n = notice(d, "2026-11-000003");
	assert_int_equal(n.customer_id, d->cust[2]);
	assert_int_equal(n.amount, 6 * 400);	/* one month, its own rate */
	kf_notice_clear(&n);
	assert_int_equal(kf_reading_enter(d->bill, wb, "2026-11", 17, 0, 0,
	    "抄错", NULL, NULL, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "R15"));
	water_rate(d, "幸福小区", "2026-11", 300 * 100, &err, KF_REFUSED);
}

/* R13: issued without readings on purpose: the usage waits. */
static void
test_r13_run_without_readings_on_purpose(void **state)
{
	struct desk *d = *state;
	struct kf_notice_run r;
	struct kf_err err;
	int64_t wa, n;

	water_rate(d, "", "2026-01", 500 * 100, &err, KF_OK);
	wa = water_meter(d, "W-A", d->cust[0]);
	OK(kf_adjust_add(d->bill, d->cust[0], 1000, "物业费", NULL, &e_));
	assert_int_equal(kf_notice_run(d->bill, "2026-11", "阳光花园", &r,
	    &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "W-A"));
	/* The desk's cue and count to ask "issue without them?" (F5). */
	assert_string_equal(err.field, "readings");
	n = -1;
	OK(kf_notice_unread(d->bill, "2026-11", "阳光花园", &n, &e_));
	assert_int_equal(n, 1);
	n = -1;
	OK(kf_notice_unread(d->bill, "2026-11", "幸福小区", &n, &e_));
	assert_int_equal(n, 0);			/* no meter there */
	assert_int_equal(kf_notice_unread(d->tech, "2026-11", "阳光花园", &n,
	    &err), KF_DENIED);			/* not his to run */
	assert_int_equal(kf_notice_unread(d->bill, "2026-13", "阳光花园", &n,
	    &err), KF_INVALID);
	assert_int_equal(kf_notice_unread(d->bill, "2026-11", "", &n, &err),
	    KF_INVALID);
	OK(kf_notice_run_flags(d->bill, "2026-11", "阳光花园",
	    KF_RUN_WITHOUT_READINGS, &r, &e_));
	assert_int_equal(r.notices, 1);
	assert_int_equal(r.total, 1000);
	OK(kf_notice_unread(d->bill, "2026-11", "阳光花园", &n, &e_));
	assert_int_equal(n, 1);		/* still unread: the usage waits */
	(void)wa;
}

/*
 * R15: the run's preview (F5 asks "issue N customers' X?") is the core's
 * and reckons as the run: the same customers and, with no repairs,
 * adjustments, late fees or balances, the same total; a customer with no
 * charge is not counted. Billing only; a bad period or a blank community
 * refused.
 */
static void
test_r15_preview_is_the_runs_reckoning(void **state)
{
	struct desk *d = *state;
	struct kf_notice_run r;
	struct kf_err err;
	int64_t wa, wb, wd, count = -1, total = -1;

	water_rate(d, "", "2026-01", 345 * 100, &err, KF_OK);
	wa = water_meter(d, "W-A", d->cust[0]);
	wb = water_meter(d, "W-B", d->cust[1]);
	wd = water_meter(d, "W-D", d->cust[3]);
	OK(kf_reading_enter(d->bill, wa, "2026-11", 12, 0, 0, NULL, NULL,
	    NULL, &e_));
	OK(kf_reading_enter(d->bill, wb, "2026-11", 7, 0, 0, NULL, NULL, NULL,
	    &e_));
	OK(kf_reading_enter(d->bill, wd, "2026-11", 0, 0, 0, NULL, NULL, NULL,
	    &e_));			/* no usage: no charge, not counted */
	OK(kf_notice_preview(d->bill, "2026-11", "阳光花园", &count, &total,
	    &e_));
	assert_int_equal(count, 2);
	assert_int_equal(total, (12 + 7) * 345);
	assert_int_equal(kf_notice_preview(d->tech, "2026-11", "阳光花园",
	    &count, &total, &err), KF_DENIED);
	assert_int_equal(count, 0);
	assert_int_equal(kf_notice_preview(d->bill, "2026-13", "阳光花园",
	    &count, &total, &err), KF_INVALID);
	assert_int_equal(kf_notice_preview(d->bill, "2026-11", "", &count,
	    &total, &err), KF_INVALID);
	OK(kf_notice_run(d->bill, "2026-11", "阳光花园", &r, &e_));
	assert_int_equal(r.notices, 2);
	assert_int_equal(r.total, (12 + 7) * 345);
}

/*
 * R14 (谁使用谁负担): a shared meter used in the month that nobody takes
 * a part of would be billed to no one: the run is refused, naming it;
 * once its units are linked, it goes. Unused (no usage), it is no bar.
 */
static void
test_r14_shared_meter_nobody_takes_refused(void **state)
{
	struct desk *d = *state;
	struct kf_notice_run r;
	struct kf_meter m;
	struct kf_err err;
	int64_t pub = 0;

	water_rate(d, "", "2026-01", 100 * 100, &err, KF_OK);
	memset(&m, 0, sizeof(m));
	snprintf(m.code, sizeof(m.code), "W-PUB");
	snprintf(m.community, sizeof(m.community), "阳光花园");
	m.kind = KF_METER_WATER;
	m.digits = 6;
	m.share_key = KF_SHARE_EQUAL;
	OK(kf_meter_add(d->fx->k, &m, &pub, &e_));
	OK(kf_reading_enter(d->bill, pub, "2026-10", 0, 0, 0, NULL, NULL,
	    NULL, &e_));			/* no usage: no bar */
	OK(kf_adjust_add(d->bill, d->cust[0], 100, "十月", NULL, &e_));
	run(d, "2026-10", "阳光花园");
	OK(kf_reading_enter(d->bill, pub, "2026-11", 30, 0, 0, NULL, NULL,
	    NULL, &e_));
	assert_int_equal(kf_notice_run(d->bill, "2026-11", "阳光花园", &r,
	    &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "R14"));
	assert_non_null(strstr(err.msg, "W-PUB"));
	OK(kf_meter_link(d->fx->k, pub, d->cust[0], 0, NULL, &e_));
	OK(kf_meter_link(d->fx->k, pub, d->cust[1], 0, NULL, &e_));
	r = run(d, "2026-11", "阳光花园");
	assert_int_equal(r.total, 30 * 100);	/* 15.00 + 15.00 */
}

/*
 * R15: a customer billed for the month in his old community, then moved:
 * his new community's run leaves him out and says so, not a storage
 * error that aborts the whole run.
 */
static void
test_r15_moved_customer_left_out_of_the_run(void **state)
{
	struct desk *d = *state;
	struct kf_notice_run r;

	OK(kf_adjust_add(d->bill, d->cust[2], 500, "公摊", NULL, &e_));
	r = run(d, "2026-11", "幸福小区");
	assert_int_equal(r.notices, 1);
	assert_int_equal(sqlite3_exec(d->fx->k->db, "UPDATE customer SET "
	    "community = '阳光花园' WHERE community = '幸福小区'", NULL, NULL,
	    NULL), SQLITE_OK);
	OK(kf_adjust_add(d->bill, d->cust[2], 700, "搬家后", NULL, &e_));
	OK(kf_adjust_add(d->bill, d->cust[0], 900, "物业费", NULL, &e_));
	r = run(d, "2026-11", "阳光花园");
	assert_int_equal(r.notices, 1);
	assert_int_equal(r.total, 900);
	assert_int_equal(r.skipped, 1);
	assert_int_equal(r.skipped_listed, 1);
	assert_int_equal(r.skipped_ids[0], d->cust[2]);
	/* His adjustment waits for his next notice, in his new community. */
	r = run(d, "2026-10", "阳光花园");
	assert_int_equal(r.skipped, 0);
}

/* ---- R16–R18: paid repairs onto the notice ---- */

static int64_t
paid_order(struct desk *d, int64_t cid, int64_t price, const char *note,
    int64_t *item)
{
	struct kf_order o;
	struct kf_core *disp;
	int64_t id = 0;

	fx_staff(d->fx->k, note ? "disp2" : "disp1", KF_ROLE_DISPATCHER |
	    KF_ROLE_RECEPTION);
	disp = fx_session(d->fx, note ? "disp2" : "disp1");
	memset(&o, 0, sizeof(o));
	o.category = KF_ORDER_CAT_PAID;
	o.customer_id = cid;
	o.fault = strdup("换胶管");
	o.fee_code = strdup("GAS-01");
	OK(kf_order_new(disp, &o, &id, &e_));
	kf_order_clear(&o);
	OK(kf_order_ack(disp, id, -1, &e_));
	OK(kf_order_assign(disp, id, -1, kf_core_actor_id(d->tech), &e_));
	OK(kf_order_arrive(d->tech, id, -1, 0, &e_));
	if (note != NULL)
		OK(kf_order_item_add_priced(d->tech, id, "GAS-01", 1, price,
		    note, item, &e_));
	else
		OK(kf_order_item_add(d->tech, id, "GAS-01", 2, item, &e_));
	OK(kf_order_done(d->tech, id, -1, "换了", 0, &e_));
	OK(kf_order_signoff(d->tech, id, -1, "张三", &e_));
	kf_core_close(disp);
	return id;
}

static void
test_r18_repairs_carried_once_after_the_audit(void **state)
{
	struct desk *d = *state;
	struct kf_order_item *v;
	struct kf_notice n;
	struct kf_err err;
	int64_t ok_order, held, item1 = 0, item2 = 0;
	size_t cnt;
	char want[64];

	OK(kf_fee_add(d->fx->k, "GAS-01", "更换灶具胶管", "次", 2500, NULL,
	    &e_));
	ok_order = paid_order(d, d->cust[0], 0, NULL, &item1);
	held = paid_order(d, d->cust[0], 3000, "加长", &item2);
	run(d, "2026-10", "阳光花园");
	n = notice(d, "2026-10-000001");
	assert_int_equal(n.nlines, 1);		/* the flagged one waits (R17) */
	assert_int_equal(n.lines[0].kind, KF_LINE_REPAIR);
	assert_int_equal(n.lines[0].ref_id, ok_order);
	assert_int_equal(n.lines[0].amount, 5000);
	/* In Chinese whatever the language spoken (R15, review #11). */
	snprintf(want, sizeof(want), "维修单 %lld：更换灶具胶管 2 次 × 25.00元",
	    (long long)ok_order);
	assert_string_equal(n.lines[0].source, want);
	kf_notice_clear(&n);
	/* Carried: its charges are corrected by an adjustment now (R18). */
	assert_int_equal(kf_order_item_correct(d->sup, item1, -1, 2000,
	    "打折", &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "R18"));
	OK(kf_order_item_correct(d->sup, item2, -1, 2500, "按价目表", &e_));
	OK(kf_order_charges_flagged(d->sup, 10, &v, &cnt, &e_));
	assert_int_equal(cnt, 0);
	kf_order_items_free(v, cnt);
	run(d, "2026-11", "阳光花园");
	n = notice(d, "2026-11-000001");
	assert_int_equal(n.nlines, 1);		/* the held one, once */
	assert_int_equal(n.lines[0].ref_id, held);
	assert_int_equal(n.lines[0].amount, 2500);
	assert_int_equal(n.prev_balance, 5000);
	kf_notice_clear(&n);
}

/* ---- R19: payments at the desk ---- */

static void
test_r19_only_the_desk_takes_money(void **state)
{
	struct desk *d = *state;
	struct kf_receipt r;
	struct kf_err err;

	assert_int_equal(kf_payment_take(d->tech, d->cust[0], 100, KF_PAY_CASH,
	    NULL, KF_BALANCE_ANY, &r, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "R19"));
	assert_int_equal(kf_payment_take(d->sup, d->cust[0], 100, KF_PAY_CASH,
	    NULL, KF_BALANCE_ANY, &r, &err), KF_DENIED);
	assert_int_equal(kf_payment_take(d->fx->k, d->cust[0], 100,
	    KF_PAY_CASH, NULL, KF_BALANCE_ANY, &r, &err), KF_DENIED);
	assert_int_equal(kf_payment_take(d->bill, d->cust[0], 0, KF_PAY_CASH,
	    NULL, KF_BALANCE_ANY, &r, &err), KF_INVALID);
	assert_string_equal(err.field, "amount");
	assert_int_equal(kf_payment_take(d->bill, d->cust[0], -5, KF_PAY_CASH,
	    NULL, KF_BALANCE_ANY, &r, &err), KF_INVALID);
	assert_int_equal(kf_payment_take(d->bill, 9999, 100, KF_PAY_CASH,
	    NULL, KF_BALANCE_ANY, &r, &err), KF_NOTFOUND);
	assert_int_equal(kf_payment_take(d->bill, d->cust[0], 100,
	    (enum kf_pay_method)9, NULL, KF_BALANCE_ANY, &r, &err), KF_INVALID);
	/* None of the refusals took a number. */
	assert_int_equal(pay(d, d->cust[0], 100), 1);
}

/* Oldest notice first; partial; over-payment is credit for the next. */
static void
test_r19_allocation_oldest_first_and_credit(void **state)
{
	struct desk *d = *state;
	struct kf_receipt r;
	struct kf_account a;
	struct kf_notice n;
	int64_t no;

	OK(kf_adjust_add(d->bill, d->cust[0], 10000, "九月", NULL, &e_));
	run(d, "2026-09", "阳光花园");
	OK(kf_adjust_add(d->bill, d->cust[0], 20000, "十月", NULL, &e_));
	run(d, "2026-10", "阳光花园");
	no = pay(d, d->cust[0], 15000);		/* all of Sept, half of Oct */
	OK(kf_receipt_get(d->bill, no, &r, &e_));
	assert_int_equal(r.nallocs, 2);
	assert_string_equal(r.allocs[0].notice_no, "2026-09-000001");
	assert_int_equal(r.allocs[0].amount, 10000);
	assert_string_equal(r.allocs[1].notice_no, "2026-10-000001");
	assert_int_equal(r.allocs[1].amount, 5000);
	kf_receipt_clear(&r);
	n = notice(d, "2026-10-000001");
	assert_int_equal(n.paid, 5000);
	kf_notice_clear(&n);
	a = account(d, d->cust[0]);
	assert_int_equal(a.balance, 15000);
	assert_int_equal(a.owed, 15000);
	assert_int_equal(a.credit, 0);
	kf_account_clear(&a);
	pay(d, d->cust[0], 20000);		/* 5,000 too much: credit */
	a = account(d, d->cust[0]);
	assert_int_equal(a.balance, -5000);
	assert_int_equal(a.owed, 0);
	assert_int_equal(a.credit, 5000);
	assert_int_equal(a.nnotices, 2);
	assert_int_equal(a.nreceipts, 2);
	kf_account_clear(&a);
	/* The next notice uses the credit. */
	OK(kf_adjust_add(d->bill, d->cust[0], 8000, "十一月", NULL, &e_));
	run(d, "2026-11", "阳光花园");
	n = notice(d, "2026-11-000001");
	assert_int_equal(n.prev_balance, -5000);
	assert_int_equal(n.total_due, 3000);
	assert_int_equal(n.paid, 5000);
	kf_notice_clear(&n);
	a = account(d, d->cust[0]);
	assert_int_equal(a.balance, 3000);
	assert_int_equal(a.credit, 0);
	kf_account_clear(&a);
}

/* Two clerks, one customer: the second's stale balance is a conflict. */
static void
test_r19_seen_balance(void **state)
{
	struct desk *d = *state;
	struct kf_receipt r;
	struct kf_err err;

	OK(kf_adjust_add(d->bill, d->cust[0], 10000, "物业费", NULL, &e_));
	run(d, "2026-11", "阳光花园");
	OK(kf_payment_take(d->bill, d->cust[0], 10000, KF_PAY_CARD, NULL,
	    10000, &r, &e_));
	kf_receipt_clear(&r);
	assert_int_equal(kf_payment_take(d->bill, d->cust[0], 10000,
	    KF_PAY_CASH, NULL, 10000, &r, &err), KF_CONFLICT);
	assert_string_equal(err.conflict.field, "balance");
	assert_non_null(strstr(err.msg, "0.00"));
	/* No number was taken by the refused one. */
	assert_int_equal(pay(d, d->cust[0], 1), 2);
}

static void
test_r19_void_by_a_supervisor_reverses(void **state)
{
	struct desk *d = *state;
	struct kf_receipt r;
	struct kf_account a;
	struct kf_notice n;
	struct kf_err err;
	int64_t first, second;

	OK(kf_adjust_add(d->bill, d->cust[0], 10000, "物业费", NULL, &e_));
	run(d, "2026-11", "阳光花园");
	first = pay(d, d->cust[0], 6000);
	second = pay(d, d->cust[0], 9000);	/* 4,000 to the notice, credit */
	assert_int_equal(kf_receipt_void(d->bill, first, -1, "错收", &err),
	    KF_DENIED);
	assert_int_equal(kf_receipt_void(d->sup, first, -1, "", &err),
	    KF_INVALID);
	assert_string_equal(err.field, "reason");
	assert_int_equal(kf_receipt_void(d->sup, 99, -1, "x", &err),
	    KF_NOTFOUND);
	OK(kf_receipt_void(d->sup, first, -1, "收错户", &e_));
	assert_int_equal(kf_receipt_void(d->sup, first, -1, "再作废", &err),
	    KF_REFUSED);
	OK(kf_receipt_get(d->bill, first, &r, &e_));
	assert_true(r.voided_at > 0);
	assert_string_equal(r.voided_by, "sup");
	assert_string_equal(r.void_reason, "收错户");
	assert_int_equal(r.nallocs, 2);		/* the allocation and its reversal */
	assert_int_equal(r.allocs[0].amount + r.allocs[1].amount, 0);
	kf_receipt_clear(&r);
	/* The other receipt's credit now pays what the void left unpaid. */
	n = notice(d, "2026-11-000001");
	assert_int_equal(n.paid, 9000);
	kf_notice_clear(&n);
	a = account(d, d->cust[0]);
	assert_int_equal(a.balance, 1000);
	assert_int_equal(a.credit, 0);
	kf_account_clear(&a);
	(void)second;
	/* Never deleted. */
	assert_int_not_equal(sqlite3_exec(d->fx->k->db, "DELETE FROM receipt",
	    NULL, NULL, NULL), SQLITE_OK);
}

static void
test_r19_printed_twice_is_a_copy(void **state)
{
	struct desk *d = *state;
	struct kf_buf b = { 0 };
	struct kf_err err;
	int64_t no;

	no = pay(d, d->cust[0], 12345);
	OK(kf_receipt_print(d->bill, no, &b, &e_));
	assert_non_null(strstr(kf_buf_str(&b), "123.45"));
	assert_non_null(strstr(kf_buf_str(&b), "收据号: 000001"));
	assert_null(strstr(kf_buf_str(&b), "重打"));
	kf_buf_reset(&b);
	OK(kf_receipt_print(d->bill, no, &b, &e_));
	assert_non_null(strstr(kf_buf_str(&b), "重打"));
	kf_buf_reset(&b);
	assert_int_equal(kf_receipt_print(d->tech, no, &b, &err), KF_DENIED);
	OK(kf_receipt_void(d->sup, no, -1, "错", &e_));
	OK(kf_receipt_print(d->bill, no, &b, &e_));
	assert_non_null(strstr(kf_buf_str(&b), "作废"));
	kf_buf_free(&b);
}

/*
 * R19, separation of duties: one holding billing and supervisor takes a
 * payment and cannot void that receipt himself; another supervisor can,
 * and he can void another clerk's.
 */
static void
test_r19_no_void_of_ones_own_receipt(void **state)
{
	struct desk *d = *state;
	struct kf_receipt r;
	struct kf_core *both;
	struct kf_err err;
	int64_t mine, theirs;

	fx_staff(d->fx->k, "both", KF_ROLE_BILLING | KF_ROLE_SUPERVISOR);
	both = fx_session(d->fx, "both");
	OK(kf_payment_take(both, d->cust[0], 500, KF_PAY_CASH, NULL,
	    KF_BALANCE_ANY, &r, &e_));
	mine = r.no;
	kf_receipt_clear(&r);
	theirs = pay(d, d->cust[0], 700);	/* taken by "bill" */
	assert_int_equal(kf_receipt_void(both, mine, -1, "收错", &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "R19"));
	assert_non_null(strstr(err.msg, "separation of duties"));
	OK(kf_receipt_get(d->bill, mine, &r, &e_));
	assert_int_equal(r.voided_at, 0);	/* nothing done */
	kf_receipt_clear(&r);
	OK(kf_receipt_void(both, theirs, -1, "收错", &e_));
	OK(kf_receipt_void(d->sup, mine, -1, "收错", &e_));
	kf_core_close(both);
}

/*
 * R19: rendering counts nothing, so a print whose write failed leaves the
 * original for the next; only kf_receipt_mark_printed, after the write,
 * makes later prints copies.
 */
static void
test_r19_failed_print_keeps_the_original(void **state)
{
	struct desk *d = *state;
	struct kf_buf b = { 0 };
	struct kf_err err;
	int64_t no, prints = -1;

	no = pay(d, d->cust[0], 500);
	OK(kf_receipt_render(d->bill, no, &b, &prints, &e_));
	assert_int_equal(prints, 0);
	assert_null(strstr(kf_buf_str(&b), "重打"));
	kf_buf_reset(&b);
	/* The write failed: not marked. Rendered again, still the original. */
	OK(kf_receipt_render(d->bill, no, &b, &prints, &e_));
	assert_int_equal(prints, 0);
	assert_null(strstr(kf_buf_str(&b), "重打"));
	kf_buf_reset(&b);
	OK(kf_receipt_mark_printed(d->bill, no, &e_));
	OK(kf_receipt_render(d->bill, no, &b, &prints, &e_));
	assert_int_equal(prints, 1);
	assert_non_null(strstr(kf_buf_str(&b), "重打"));
	kf_buf_reset(&b);
	assert_int_equal(kf_receipt_render(d->tech, no, &b, NULL, &err),
	    KF_DENIED);
	assert_int_equal(kf_receipt_mark_printed(d->tech, no, &err),
	    KF_DENIED);
	assert_int_equal(kf_receipt_mark_printed(d->bill, 999, &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_receipt_render(d->bill, 999, &b, NULL, &err),
	    KF_NOTFOUND);
	kf_buf_free(&b);
}

/*
 * A line's width in cells counted here, not by kf_utf8_width, so a width
 * the core gets wrong (a Chinese character as 1 under the C locale) shows:
 * East Asian wide and full-width characters 2, every other one 1.
 */
static int
cells(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	int w = 0, n;

	while (*p != '\0') {
		if (*p < 0x80) {
			cp = *p;
			n = 1;
		} else if ((*p & 0xe0) == 0xc0) {
			cp = *p & 0x1f;
			n = 2;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = *p & 0x0f;
			n = 3;
		} else {
			cp = *p & 0x07;
			n = 4;
		}
		for (int i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				fail_msg("not UTF-8: '%s'", s);
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		p += n;
		w += (cp >= 0x1100 && cp <= 0x115f) ||
		    (cp >= 0x2e80 && cp <= 0xa4cf) ||
		    (cp >= 0xac00 && cp <= 0xd7a3) ||
		    (cp >= 0xf900 && cp <= 0xfaff) ||
		    (cp >= 0xfe30 && cp <= 0xfe4f) ||
		    (cp >= 0xff00 && cp <= 0xff60) ||
		    (cp >= 0xffe0 && cp <= 0xffe6) ? 2 : 1;
	}
	return w;
}

/* Fails unless every line of text is at most 80 cells; returns lines. */
static int
at_most_80(const char *text)
{
	char line[1024];
	const char *p, *nl;
	int lines = 0;

	for (p = text; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true((size_t)(nl - p) < sizeof(line));
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		if (cells(line) > 80)
			fail_msg("wider than 80 (%d): '%s'", cells(line), line);
		lines++;
	}
	return lines;
}

/*
 * Review #11 (R15): a notice issued in English under the C locale, as
 * cron runs it, has its lines' sources in Chinese — the management fee,
 * a meter rolled over, an adjustment — as do its print (80 columns, the
 * long source wrapped) and its CSV (UTF-8).
 */
static void
test_r15_sources_chinese_under_c_locale(void **state)
{
	struct desk *d = *state;
	struct kf_customer c;
	struct kf_buf b = { 0 };
	struct kf_notice n;
	struct kf_rate r;
	char lang[16], buf[8192];
	int64_t cid = 0, wm;
	size_t rows, len, i;
	FILE *f;

	snprintf(lang, sizeof(lang), "%s", kf_i18n_lang());
	assert_true(kf_i18n_set("en"));
	assert_non_null(setlocale(LC_ALL, "C"));
	memset(&c, 0, sizeof(c));
	c.name = strdup("钱七");
	c.phones[0] = strdup("13800002222");
	c.community = strdup("新村");
	c.room = strdup("501");
	c.move_in = strdup("2026-10-01");
	OK(kf_customer_add(d->fx->k, &c, &cid, &e_));
	kf_customer_clear(&c);
	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_MGMT;
	r.basis = KF_BASIS_UNIT;
	r.pricing = KF_PRICING_GOVERNMENT;
	r.price_cfen = 10000 * 100;		/* 100.00 a month */
	snprintf(r.community, sizeof(r.community), "新村");
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	OK(kf_rate_add(d->fx->k, &r, NULL, &e_));
	water_rate(d, "新村", "2026-01", 345 * 100, &e_, KF_OK);
	wm = water_meter(d, "W-501", cid);
	OK(kf_reading_enter(d->bill, wm, "2026-10", 999990, 0, 0, NULL, NULL,
	    NULL, &e_));
	OK(kf_reading_enter(d->bill, wm, "2026-11", 5, KF_READ_ROLLOVER, 0,
	    NULL, NULL, NULL, &e_));
	OK(kf_adjust_add(d->bill, cid, -2000, "十月份停水三天，经客服中心核实后按"
	    "协议减收部分水费，并向业主致歉，下月起恢复正常收费", NULL, &e_));
	run(d, "2026-11", "新村");

	n = notice(d, "2026-11-000001");
	assert_int_equal(n.customer_id, cid);
	assert_int_equal(n.nlines, 3);
	assert_int_equal(n.lines[0].kind, KF_LINE_MGMT);
	assert_string_equal(n.lines[0].source,
	    "100.00元/户 × 1个月（政府定价）");
	assert_int_equal(n.lines[1].kind, KF_LINE_WATER);
	assert_int_equal(n.lines[1].amount, 15 * 345);
	assert_string_equal(n.lines[1].source,
	    "W-501 读数 999990→5 翻转 = 15 m³ × 3.45");
	assert_int_equal(n.lines[2].kind, KF_LINE_ADJUST);
	assert_non_null(strstr(n.lines[2].source, "调整 "));
	assert_non_null(strstr(n.lines[2].source, "：十月份停水三天"));
	for (i = 0; i < n.nlines; i++)
		if (strstr(n.lines[i].source, "reading") != NULL ||
		    strstr(n.lines[i].source, "month") != NULL ||
		    strstr(n.lines[i].source, "adjustment") != NULL)
			fail_msg("English in a source: '%s'", n.lines[i].source);
	kf_notice_clear(&n);

	OK(kf_notice_print(d->bill, "2026-11-000001", &b, &e_));
	assert_non_null(strstr(kf_buf_str(&b), "1个月（政府定价）"));
	assert_non_null(strstr(kf_buf_str(&b), "恢复正常收费"));	/* wrapped */
	assert_true(at_most_80(kf_buf_str(&b)) > 10);
	kf_buf_free(&b);

	f = tmpfile();
	OK(kf_notice_export(d->bill, "2026-11", "新村", f, &rows, &e_));
	assert_int_equal(rows, 3);
	rewind(f);
	len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[len] = '\0';
	fclose(f);
	(void)cells(buf);			/* fails unless UTF-8 */
	assert_non_null(strstr(buf, "W-501 读数 999990→5 翻转 = 15 m³ × 3.45"));

	assert_true(kf_i18n_set(lang));
}

/* Every printed line fits 80 columns, wide characters counting two. */
static void
test_r15_notice_print_80_columns(void **state)
{
	struct desk *d = *state;
	struct kf_buf b = { 0 };

	OK(kf_bill_company_set(d->fx->k, "阳光物业服务有限公司", &e_));
	OK(kf_adjust_add(d->bill, d->cust[0], 9900, "这是一条很长的调整说明，"
	    "用来检查打印时长的说明文字会换行而不会超过八十列的纸宽，"
	    "再长一点再长一点再长一点", NULL, &e_));
	run(d, "2026-11", "阳光花园");
	OK(kf_notice_print(d->bill, "2026-11-000001", &b, &e_));
	assert_non_null(strstr(kf_buf_str(&b), "阳光物业服务有限公司"));
	assert_non_null(strstr(kf_buf_str(&b), "2026-11-000001"));
	assert_non_null(strstr(kf_buf_str(&b), "99.00"));
	assert_non_null(strstr(kf_buf_str(&b), "再长一点"));	/* wrapped */
	assert_true(at_most_80(kf_buf_str(&b)) > 10);
	kf_buf_free(&b);
}

static void
test_r15_export_csv(void **state)
{
	struct desk *d = *state;
	char buf[4096];
	size_t rows, len;
	FILE *f;

	OK(kf_adjust_add(d->bill, d->cust[0], 100, "=HYPERLINK(\"x\")", NULL,
	    &e_));
	OK(kf_adjust_add(d->bill, d->cust[1], 200, "物业费", NULL, &e_));
	run(d, "2026-11", "阳光花园");
	f = tmpfile();
	OK(kf_notice_export(d->bill, "2026-11", "阳光花园", f, &rows, &e_));
	assert_int_equal(rows, 2);
	rewind(f);
	len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[len] = '\0';
	fclose(f);
	assert_non_null(strstr(buf, "notice,period,account,name,kind"));
	assert_non_null(strstr(buf, "2026-11-000002,2026-11,"));
	assert_non_null(strstr(buf, ",1.00,"));
	f = tmpfile();
	OK(kf_notice_export(d->bill, "2026-11", "幸福小区", f, &rows, &e_));
	assert_int_equal(rows, 0);
	fclose(f);

	/* Another month with nothing new, both still owing: two notices
	 * without lines, each one record, the line's fields empty (R15:
	 * finance sees every notice issued). */
	run(d, "2026-10", "阳光花园");
	f = tmpfile();
	OK(kf_notice_export(d->bill, "2026-10", NULL, f, &rows, &e_));
	assert_int_equal(rows, 2);
	rewind(f);
	len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[len] = '\0';
	fclose(f);
	assert_non_null(strstr(buf, "2026-10-000001,2026-10,"));
	assert_non_null(strstr(buf, ",,,,0.00,1.00,1.00,"));
	assert_non_null(strstr(buf, ",,,,0.00,2.00,2.00,"));
}

/* ---- arrears (R15) ---- */

static void
test_r15_ageing_edges(void **state)
{
	int64_t due = 1000000, days;

	(void)state;
	assert_int_equal(kf_arrears_bucket(due, due - 1, &days), -1);
	assert_int_equal(kf_arrears_bucket(due, due, &days), -1);
	assert_int_equal(days, 0);
	assert_int_equal(kf_arrears_bucket(due, due + 1, &days), 0);
	assert_int_equal(days, 1);
	assert_int_equal(kf_arrears_bucket(due, due + 30 * DAY, &days), 0);
	assert_int_equal(days, 30);
	assert_int_equal(kf_arrears_bucket(due, due + 30 * DAY + 1, &days), 1);
	assert_int_equal(days, 31);
	assert_int_equal(kf_arrears_bucket(due, due + 60 * DAY, NULL), 1);
	assert_int_equal(kf_arrears_bucket(due, due + 60 * DAY + 1, NULL), 2);
	assert_int_equal(kf_arrears_bucket(due, due + 90 * DAY, NULL), 2);
	assert_int_equal(kf_arrears_bucket(due, due + 90 * DAY + 1, NULL), 3);
	assert_int_equal(kf_arrears_bucket(due, due + 900 * DAY, NULL), 3);
}

static void
test_r15_arrears_list_and_chasing(void **state)
{
	struct desk *d = *state;
	struct kf_arrears *v;
	struct kf_chase *h;
	struct kf_notice n;
	struct kf_err err;
	int64_t sum[4], due;
	size_t cnt;

	OK(kf_adjust_add(d->bill, d->cust[0], 10000, "物业费", NULL, &e_));
	OK(kf_adjust_add(d->bill, d->cust[1], 3000, "物业费", NULL, &e_));
	run(d, "2026-11", "阳光花园");
	n = notice(d, "2026-11-000001");
	due = n.due_at;
	kf_notice_clear(&n);
	/* Not due yet: no arrears, nothing to chase. */
	OK(kf_arrears_list(d->bill, NULL, due, 100, &v, &cnt, sum, &e_));
	assert_int_equal(cnt, 0);
	kf_arrears_free(v, cnt);
	assert_int_equal(kf_chase_add(d->bill, d->cust[0], KF_CHASE_PHONE,
	    "马上交", "下周再打", 0, NULL, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "R15"));

	/* Day 30 after the due day, and day 31. */
	OK(kf_arrears_list(d->bill, NULL, due + 30 * DAY, 100, &v, &cnt, sum,
	    &e_));
	assert_int_equal(cnt, 2);
	/* The badge counts what the list lists, the second before too. */
	assert_int_equal(kf_arrears_count(d->bill, due + 30 * DAY), 2);
	assert_int_equal(kf_arrears_count(d->bill, due), 0);
	assert_int_equal(kf_arrears_count(d->bill, due + 1), 2);
	assert_int_equal(kf_arrears_count(d->tech, due + 30 * DAY), 0);
	assert_int_equal(v[0].customer_id, d->cust[0]);	/* the larger first */
	assert_int_equal(v[0].bucket[0], 10000);
	assert_int_equal(v[0].oldest_days, 30);
	assert_int_equal(v[0].step, KF_ARREARS_SECOND);	/* 30 >= 30 */
	assert_int_equal(sum[0], 13000);
	kf_arrears_free(v, cnt);
	OK(kf_arrears_list(d->bill, "阳光花园", due + 30 * DAY + 1, 100, &v,
	    &cnt, sum, &e_));
	assert_int_equal(v[0].bucket[0], 0);
	assert_int_equal(v[0].bucket[1], 10000);
	assert_int_equal(sum[1], 13000);
	kf_arrears_free(v, cnt);
	OK(kf_arrears_list(d->bill, NULL, due + 7 * DAY, 100, &v, &cnt, sum,
	    &e_));
	assert_int_equal(v[0].step, KF_ARREARS_REMIND);
	kf_arrears_free(v, cnt);
	OK(kf_arrears_list(d->bill, NULL, due + 6 * DAY, 100, &v, &cnt, sum,
	    &e_));
	assert_int_equal(v[0].step, KF_ARREARS_NONE);
	kf_arrears_free(v, cnt);
	OK(kf_arrears_list(d->bill, "幸福小区", due + 31 * DAY, 100, &v, &cnt,
	    sum, &e_));
	assert_int_equal(cnt, 0);
	kf_arrears_free(v, cnt);

	/* Chasing, once overdue; then a payment shrinks the list. */
	at(d, due + 31 * DAY);
	assert_int_equal(kf_chase_add(d->tech, d->cust[0], KF_CHASE_PHONE,
	    "a", "b", 0, NULL, &err), KF_DENIED);
	assert_int_equal(kf_chase_add(d->bill, d->cust[0], KF_CHASE_PHONE,
	    "", "下周再打", 0, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "answer");
	assert_int_equal(kf_chase_add(d->bill, d->cust[0], KF_CHASE_PHONE,
	    "月底交", "", 0, NULL, &err), KF_INVALID);
	assert_int_equal(kf_chase_add(d->bill, d->cust[0], KF_CHASE_PHONE,
	    "月底交", "月底再打", due, NULL, &err), KF_INVALID);
	OK(kf_chase_add(d->bill, d->cust[0], KF_CHASE_PHONE, "月底交",
	    "月底再打", due + 40 * DAY, NULL, &e_));
	OK(kf_chase_add(d->sup, d->cust[0], KF_CHASE_VISIT, "答应交", "等",
	    0, NULL, &e_));
	OK(kf_chase_list(d->bill, d->cust[0], &h, &cnt, &e_));
	assert_int_equal(cnt, 2);
	assert_int_equal(h[1].method, KF_CHASE_PHONE);
	assert_int_equal(h[1].owed, 10000);
	assert_string_equal(h[1].by, "bill");
	assert_string_equal(h[1].next_step, "月底再打");
	kf_chase_free(h, cnt);
	pay(d, d->cust[0], 10000);
	OK(kf_arrears_list(d->bill, NULL, due + 31 * DAY, 100, &v, &cnt, sum,
	    &e_));
	assert_int_equal(cnt, 1);
	assert_int_equal(v[0].customer_id, d->cust[1]);
	assert_int_equal(kf_arrears_count(d->bill, due + 31 * DAY), 1);
	kf_arrears_free(v, cnt);
}

/* R15: late fees by policy, per day overdue, charged once per day. */
static void
test_r15_late_fee(void **state)
{
	struct desk *d = *state;
	struct kf_notice n;
	int64_t due;

	OK(kf_policy_set(d->fx->k, "bill.late_fee_per_10000", "10", -1, &e_));
	at(d, T0 - 75 * DAY);			/* 2026-09-13 */
	OK(kf_adjust_add(d->bill, d->cust[0], 10000, "八月", NULL, &e_));
	run(d, "2026-08", "阳光花园");
	n = notice(d, "2026-08-000001");
	due = n.due_at;
	kf_notice_clear(&n);
	at(d, due + 10 * DAY);			/* ten whole days later */
	run(d, "2026-09", "阳光花园");
	n = notice(d, "2026-09-000001");
	assert_int_equal(n.nlines, 1);
	assert_int_equal(n.lines[0].kind, KF_LINE_LATE_FEE);
	assert_int_equal(n.lines[0].amount, 10000 * 10 * 10 / 10000);
	assert_non_null(strstr(n.lines[0].source, "2026-08-000001"));
	assert_non_null(strstr(n.lines[0].source, "10 天 × 万分之 10 × "));
	kf_notice_clear(&n);
	at(d, due + 15 * DAY + 3600);		/* five more days */
	run(d, "2026-10", "阳光花园");
	n = notice(d, "2026-10-000001");
	assert_int_equal(n.nlines, 1);		/* Aug again, Sept not due */
	assert_int_equal(n.lines[0].amount, 10000 * 10 * 5 / 10000);
	kf_notice_clear(&n);
}

/*
 * R15: 万分之三 and 万分之五 a day can be set (the policy is per ten
 * thousand); the fee is rounded down to the fen; a late fee bears no late
 * fee: a notice made only of late-fee lines, unpaid past its due day,
 * adds none, and a notice's base leaves its own late-fee lines out.
 */
static void
test_r15_late_fee_per_ten_thousand_not_compounded(void **state)
{
	struct desk *d = *state;
	struct kf_notice n;
	struct kf_err err;
	int64_t due, due2;

	assert_int_equal(kf_policy_set(d->fx->k, "bill.late_fee_per_10000",
	    "1001", -1, &err), KF_INVALID);	/* above 10% a day */
	assert_int_equal(kf_policy_set(d->fx->k, "bill.late_fee_per_10000",
	    "0.3", -1, &err), KF_INVALID);
	assert_int_equal(kf_policy_set(d->fx->k, "bill.late_fee_permille",
	    "0.1%", -1, &err), KF_NOTFOUND);	/* renamed by schema 020 */
	OK(kf_policy_set(d->fx->k, "bill.late_fee_per_10000", "1000", -1,
	    &e_));
	OK(kf_policy_set(d->fx->k, "bill.late_fee_per_10000", "3", -1, &e_));
	at(d, T0 - 75 * DAY);
	OK(kf_adjust_add(d->bill, d->cust[0], 1000000, "八月", NULL, &e_));
	OK(kf_adjust_add(d->bill, d->cust[1], 99, "八月", NULL, &e_));
	run(d, "2026-08", "阳光花园");
	n = notice(d, "2026-08-000001");
	due = n.due_at;
	kf_notice_clear(&n);
	/* 万分之三 of 10,000.00 for one day: 3.00. Of 0.99: under a fen,
	 * no line (rounded down). */
	at(d, due + 1 * DAY);
	run(d, "2026-09", "阳光花园");
	n = notice(d, "2026-09-000001");
	assert_int_equal(n.nlines, 1);
	assert_int_equal(n.lines[0].kind, KF_LINE_LATE_FEE);
	assert_int_equal(n.lines[0].amount, 300);
	assert_non_null(strstr(n.lines[0].source, "万分之 3 × "));
	due2 = n.due_at;
	kf_notice_clear(&n);
	n = notice(d, "2026-09-000002");
	assert_int_equal(n.customer_id, d->cust[1]);
	assert_int_equal(n.nlines, 0);
	assert_int_equal(n.prev_balance, 99);
	kf_notice_clear(&n);
	/* 万分之五 of the August fees for the days since. September's notice
	 * is only a late fee, overdue too, and bears none (here 3.00 x
	 * 5/10000 x 5 days would round to nothing anyway: the top rate
	 * below shows it). */
	OK(kf_policy_set(d->fx->k, "bill.late_fee_per_10000", "5/10000", -1,
	    &e_));
	at(d, due2 + 5 * DAY);
	run(d, "2026-10", "阳光花园");
	n = notice(d, "2026-10-000001");
	assert_int_equal(n.nlines, 1);
	assert_non_null(strstr(n.lines[0].source, "2026-08-000001"));
	assert_int_equal(n.lines[0].amount,
	    1000000LL * 5 * ((due2 + 5 * DAY - due - DAY) / DAY) / 10000);
	kf_notice_clear(&n);
	/* 10% a day, the top: August bears it, September's late-fee-only
	 * notice still none, October's (a late fee) none either. */
	OK(kf_policy_set(d->fx->k, "bill.late_fee_per_10000", "1000", -1,
	    &e_));
	at(d, T0 + 2 * DAY);
	run(d, "2026-11", "阳光花园");
	n = notice(d, "2026-11-000001");
	assert_int_equal(n.customer_id, d->cust[0]);
	assert_int_equal(n.nlines, 1);
	assert_non_null(strstr(n.lines[0].source, "2026-08-000001"));
	kf_notice_clear(&n);
}

/* ---- the property: every notice and account balances to the fen ---- */

static int64_t q1(struct kf_core *k, const char *sql);
static int64_t arrears_at(struct desk *d, int64_t t, int64_t back);
static void owed_days_add_up(struct desk *d, int step);

/*
 * R53's arrears at the edges of each kind of billing write, read through
 * the day sums (schema/025): a notice owed from the second after its due
 * second; a part payment; the full payment, at the exact second the
 * notice is settled and the one before; a void reopening the notice at
 * its second; credit paying the next notice before it is due; and a
 * credit note (a notice whose lines sum below zero) paying another.
 */
static void
test_r53_arrears_at_each_second_of_billing(void **state)
{
	struct desk *d = *state;
	struct kf_notice n;
	int64_t due, t, first, full, later;
	char *q;

	OK(kf_adjust_add(d->bill, d->cust[0], 10000, "物业费", NULL, &e_));
	run(d, "2026-11", "阳光花园");
	n = notice(d, "2026-11-000001");
	due = n.due_at;
	kf_notice_clear(&n);
	owed_days_add_up(d, 0);
	/* Due at its second, not yet owed; owed from the next. */
	assert_int_equal(arrears_at(d, due, due), 0);
	assert_int_equal(arrears_at(d, due + 1, due), 10000);
	/* A part payment, then the rest: settled at its second. */
	t = due + 3600;
	at(d, t);
	first = pay(d, d->cust[0], 4000);
	owed_days_add_up(d, 1);
	assert_int_equal(arrears_at(d, t - 1, t), 10000);
	assert_int_equal(arrears_at(d, t, t), 6000);
	t += 2 * DAY;
	at(d, t);
	full = pay(d, d->cust[0], 6000);
	owed_days_add_up(d, 2);
	assert_int_equal(arrears_at(d, t - 1, t), 6000);
	assert_int_equal(arrears_at(d, t, t), 0);
	assert_int_equal(arrears_at(d, t + 1, t), 0);
	/* The last receipt voided: the notice owes again from that second
	 * (and still owed nothing in between). */
	t += DAY;
	at(d, t);
	OK(kf_receipt_void(d->sup, full, -1, "收错户", &e_));
	owed_days_add_up(d, 3);
	assert_int_equal(arrears_at(d, t - 1, t), 0);
	assert_int_equal(arrears_at(d, t, t), 6000);
	assert_int_equal(arrears_at(d, t - DAY, t), 0);
	/* Too much paid: credit, which pays December's notice the second
	 * it is issued, before it is due (never owed at all). */
	t += DAY;
	at(d, t);
	pay(d, d->cust[0], 9000);	/* 6,000 to November, 3,000 credit */
	owed_days_add_up(d, 4);
	assert_int_equal(arrears_at(d, t, t), 0);
	OK(kf_adjust_add(d->bill, d->cust[0], 2000, "十二月", NULL, &e_));
	later = t + 20 * DAY;
	at(d, later);
	run(d, "2026-12", "阳光花园");
	n = notice(d, "2026-12-000001");
	assert_int_equal(n.paid, 2000);
	due = n.due_at;
	kf_notice_clear(&n);
	owed_days_add_up(d, 5);
	assert_int_equal(arrears_at(d, due + 1, later), 0);
	/* A credit note: another customer's notice, then a month whose
	 * lines sum below zero, whose money pays it. */
	OK(kf_adjust_add(d->bill, d->cust[1], 5000, "物业费", NULL, &e_));
	later += 40 * DAY;
	at(d, later);
	run(d, "2027-01", "阳光花园");
	q = sqlite3_mprintf("SELECT due_at FROM notice WHERE customer_id = "
	    "%lld AND period = '2027-01'", (long long)d->cust[1]);
	due = q1(d->fx->k, q);
	sqlite3_free(q);
	assert_int_equal(arrears_at(d, due + 1, later), 5000);
	OK(kf_adjust_add(d->bill, d->cust[1], -3000, "退费", NULL, &e_));
	later = due + 5 * DAY;
	at(d, later);
	run(d, "2027-02", "阳光花园");
	owed_days_add_up(d, 6);
	assert_int_equal(arrears_at(d, later, later), 2000);
	assert_int_equal(arrears_at(d, later - 1, later), 5000);
	(void)first;
}

static int64_t
q1(struct kf_core *k, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(k->db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * The reports' arrears (R53) at the second t, against docs/reports.md's
 * definition summed notice by notice: what each notice due before t and
 * issued by then owed at t (its amount less what was allocated to it by
 * t), where above zero. t is made now (the running month's end), then
 * the clock is put back to back.
 */
static int64_t
arrears_at(struct desk *d, int64_t t, int64_t back)
{
	struct kf_kpi_value v;
	struct kf_period p;
	char *q;
	int64_t want;

	at(d, t);
	kf_period_at(KF_PERIOD_MONTH, t, &p);
	OK(kf_report_figure(d->sup, KF_KPI_BILL_ARREARS, &p, NULL, &v, &e_));
	q = sqlite3_mprintf("SELECT total(owed) FROM (SELECT n.amount - "
	    "(SELECT total(l.amount) FROM bill_alloc AS l WHERE l.notice_id = "
	    "n.id AND l.at <= %lld) AS owed FROM notice AS n WHERE n.due_at < "
	    "%lld AND n.issued_at <= %lld) WHERE owed > 0", (long long)t,
	    (long long)t, (long long)t);
	want = q1(d->fx->k, q);
	sqlite3_free(q);
	if (!v.has || v.num != want)
		fail_msg("arrears at %lld: the report %lld, the notices %lld",
		    (long long)t, (long long)v.num, (long long)want);
	at(d, back);
	return v.num;
}

/* What was owed by day (schema/025) equals its notices and allocations,
 * day by day (the sums kefu check makes). */
static void
owed_days_add_up(struct desk *d, int step)
{
	if (q1(d->fx->k, "SELECT count(*) FROM (SELECT day, sum(k) AS k, "
	    "sum(c) AS c FROM (SELECT day, owed AS k, 0 AS c FROM "
	    "bill_owed_day UNION ALL SELECT max(due_at + 1, issued_at) / 86400, "
	    "0, amount FROM notice WHERE amount > 0 UNION ALL SELECT "
	    "max(a.at, max(n.due_at + 1, n.issued_at)) / 86400, 0, -a.amount "
	    "FROM bill_alloc AS a JOIN notice AS n ON n.id = a.notice_id WHERE "
	    "n.amount > 0) GROUP BY day) WHERE k != c") != 0)
		fail_msg("step %d: what was owed by day does not add up", step);
}

static void
balanced(struct desk *d, int step)
{
	struct kf_core *k = d->fx->k;
	struct kf_account a;
	size_t i;

	/* Each notice: its amount the sum of its lines, its total due the
	 * previous balance plus its amount, its paid its allocations. */
	if (q1(k, "SELECT count(*) FROM notice AS n WHERE n.amount != "
	    "(SELECT coalesce(sum(amount), 0) FROM notice_line WHERE "
	    "notice_id = n.id) OR n.total_due != n.prev_balance + n.amount OR "
	    "n.paid != (SELECT coalesce(sum(amount), 0) FROM bill_alloc WHERE "
	    "notice_id = n.id) OR n.paid < 0 OR n.paid > max(n.amount, 0)") != 0)
		fail_msg("step %d: a notice does not balance", step);
	/* Each receipt: allocated at most its amount; a void's nothing. */
	if (q1(k, "SELECT count(*) FROM receipt AS r WHERE (SELECT "
	    "coalesce(sum(amount), 0) FROM bill_alloc WHERE receipt_id = r.id) "
	    "NOT BETWEEN 0 AND CASE WHEN r.voided_at IS NULL THEN r.amount "
	    "ELSE 0 END") != 0)
		fail_msg("step %d: a receipt is over-allocated", step);
	for (i = 0; i < 4; i++) {
		a = account(d, d->cust[i]);
		/* I2: never credit and an unpaid notice at once. */
		if (a.credit < 0 || (a.credit > 0 && a.owed > 0))
			fail_msg("step %d: customer %zu owes %lld with credit "
			    "%lld", step, i, (long long)a.owed,
			    (long long)a.credit);
		kf_account_clear(&a);
	}
	/* I3, summed: debts − money = unpaid − money left. */
	if (q1(k, "SELECT (SELECT coalesce(sum(amount), 0) FROM notice) - "
	    "(SELECT coalesce(sum(amount), 0) FROM receipt WHERE voided_at IS "
	    "NULL) - (SELECT coalesce(sum(amount - paid), 0) FROM notice WHERE "
	    "paid < amount) + (SELECT coalesce(sum(r.amount - (SELECT "
	    "coalesce(sum(a.amount), 0) FROM bill_alloc AS a WHERE "
	    "a.receipt_id = r.id)), 0) FROM receipt AS r WHERE r.voided_at IS "
	    "NULL) + (SELECT coalesce(sum(-n.amount - (SELECT "
	    "coalesce(sum(a.amount), 0) FROM bill_alloc AS a WHERE "
	    "a.credit_notice_id = n.id)), 0) FROM notice AS n WHERE "
	    "n.amount < 0)") != 0)
		fail_msg("step %d: the books do not balance", step);
	owed_days_add_up(d, step);
}

static void
test_property_everything_balances_to_the_fen(void **state)
{
	struct desk *d = *state;
	static const char *const comm[2] = { "阳光花园", "幸福小区" };
	struct kf_notice_run r;
	struct kf_err err;
	unsigned seed = 20261127;
	int64_t now = 1577836800LL + 15 * DAY;	/* 2020-01-16 */
	int month[2] = { 0, 0 }, step, op, c, receipts = 0;
	char period[24];

	OK(kf_policy_set(d->fx->k, "bill.late_fee_per_10000", "10", -1, &e_));
	at(d, now);
	for (step = 0; step < 2500; step++) {
		op = rand_r(&seed) % 10;
		c = rand_r(&seed) % 4;
		now += rand_r(&seed) % (3 * DAY);
		at(d, now);
		if (op < 4) {
			pay(d, d->cust[c], 1 + rand_r(&seed) % 30000);
			receipts++;
		} else if (op < 5 && receipts > 0) {
			kf_receipt_void(d->sup, 1 + rand_r(&seed) % receipts,
			    -1, "随机作废", &err);	/* may be void already */
		} else if (op < 8) {
			OK(kf_adjust_add(d->bill, d->cust[c],
			    (int64_t)(rand_r(&seed) % 40000) - 10000 + 1,
			    "随机调整", NULL, &e_));
		} else {
			c = rand_r(&seed) % 2;
			snprintf(period, sizeof(period), "%04d-%02d",
			    2020 + month[c] / 12, 1 + month[c] % 12);
			if (kf_notice_run(d->bill, period, comm[c], &r, &err) !=
			    KF_OK) {
				assert_int_equal(err.rc, KF_REFUSED);	/* ahead */
				continue;
			}
			month[c]++;
		}
		balanced(d, step);
		/* The reports' arrears now and at a second before, through
		 * the day sums: part and full payments, voids reopening
		 * notices, credit and credit notes all met by now. */
		if (step % 25 == 24 && q1(d->fx->k, "SELECT count(*) FROM "
		    "notice") > 0) {
			arrears_at(d, now, now);
			arrears_at(d, now - rand_r(&seed) % (20 * DAY), now);
		}
	}
	assert_true(month[0] + month[1] > 20);
}

/* prev_balance is the balance just before the notice, to the fen. */
static void
test_property_prev_balance(void **state)
{
	struct desk *d = *state;
	struct kf_account a;
	struct kf_notice n;
	unsigned seed = 7;
	int64_t bal, now = T0 - 400 * DAY;
	int m;
	char period[24], no[40];

	for (m = 0; m < 12; m++) {
		now += 31 * DAY;
		at(d, now);
		pay(d, d->cust[2], 1 + rand_r(&seed) % 20000);
		OK(kf_adjust_add(d->bill, d->cust[2], (int64_t)(rand_r(&seed) %
		    30000) - 5000 + 1, "调整", NULL, &e_));
		a = account(d, d->cust[2]);
		bal = a.balance;
		kf_account_clear(&a);
		snprintf(period, sizeof(period), "2025-%02d", m + 1);
		run(d, period, "幸福小区");
		snprintf(no, sizeof(no), "%s-000001", period);
		n = notice(d, no);
		assert_int_equal(n.prev_balance, bal);
		assert_int_equal(n.total_due, bal + n.amount);
		kf_notice_clear(&n);
		balanced(d, m);
	}
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount_parse),
		T(test_r15_run_once_all_customers_numbers_without_gaps),
		T(test_r15_adjustments),
		T(test_r15_charges_from_the_rates_and_the_month_closed),
		T(test_r15_month_locked_per_community),
		T(test_r13_run_without_readings_on_purpose),
		T(test_r15_moved_customer_left_out_of_the_run),
		T(test_r14_shared_meter_nobody_takes_refused),
		T(test_r18_repairs_carried_once_after_the_audit),
		T(test_r19_only_the_desk_takes_money),
		T(test_r19_allocation_oldest_first_and_credit),
		T(test_r19_seen_balance),
		T(test_r19_void_by_a_supervisor_reverses),
		T(test_r19_printed_twice_is_a_copy),
		T(test_r19_failed_print_keeps_the_original),
		T(test_r19_no_void_of_ones_own_receipt),
		T(test_r15_sources_chinese_under_c_locale),
		T(test_r15_notice_print_80_columns),
		T(test_r15_export_csv),
		cmocka_unit_test(test_r15_ageing_edges),
		T(test_r15_preview_is_the_runs_reckoning),
		T(test_r15_arrears_list_and_chasing),
		T(test_r15_late_fee),
		T(test_r15_late_fee_per_ten_thousand_not_compounded),
		T(test_r53_arrears_at_each_second_of_billing),
		T(test_property_everything_balances_to_the_fen),
		T(test_property_prev_balance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
