/*
 * test_meter.c — meters, shared-meter links, floor areas and readings
 * (R13, R14), and the charges of a period (kf_charges_for, R12-R15):
 * a reading below the last refused unless replaced or rolled over, a
 * spike refused until confirmed (at the policy's bound exactly and one
 * above), a moved-out customer's meter, one reading a period and its
 * correction with a reason, period order, a billed period, who may, the
 * building's round; and a customer's lines for a month with their
 * sources, shared parts that add up to the whole, and kefu check clean
 * afterwards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/audit.h"
#include "kefu/customer.h"
#include "kefu/meter.h"
#include "kefu/policy.h"
#include "kefu/rate.h"

#define OK(call) do { struct kf_err e_; if ((call) != KF_OK) \
	fail_msg("%s: %s", #call, e_.msg); } while (0)

static int64_t
customer(struct kf_core *k, const char *name, const char *building,
    const char *room, const char *move_in)
{
	struct kf_customer c;
	int64_t id;

	memset(&c, 0, sizeof(c));
	c.name = strdup(name);
	c.community = strdup("阳光花园");
	c.building = strdup(building);
	c.room = strdup(room);
	c.move_in = move_in ? strdup(move_in) : NULL;
	OK(kf_customer_add(k, &c, &id, &e_));
	kf_customer_clear(&c);
	return id;
}

static void
move_out(struct kf_core *k, int64_t id)
{
	struct kf_customer a, b;

	OK(kf_customer_get(k, id, &a, &e_));
	OK(kf_customer_get(k, id, &b, &e_));
	b.status = KF_CUST_MOVED_OUT;
	OK(kf_customer_edit(k, &a, &b, &e_));
	kf_customer_clear(&a);
	kf_customer_clear(&b);
}

static int64_t
meter(struct kf_core *k, const char *code, enum kf_meter_kind kind,
    int64_t cust, int position, enum kf_share_key key)
{
	struct kf_meter m;
	int64_t id;

	memset(&m, 0, sizeof(m));
	snprintf(m.code, sizeof(m.code), "%s", code);
	m.kind = kind;
	m.customer_id = cust;
	snprintf(m.community, sizeof(m.community), "阳光花园");
	snprintf(m.building, sizeof(m.building), "3号楼");
	m.position = position;
	m.digits = 5;
	m.share_key = key;
	OK(kf_meter_add(k, &m, &id, &e_));
	return id;
}

static void
tariff(struct kf_core *k, enum kf_rate_kind kind, const char *tiers)
{
	struct kf_rate r;
	int n;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.basis = KF_BASIS_METERED;
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	OK(kf_tiers_parse(tiers, r.tiers, &n, &e_));
	r.ntiers = n;
	OK(kf_rate_add(k, &r, NULL, &e_));
}

struct world {
	struct kf_core	*bill;
	int64_t		 a, b, c;	/* customers */
	int64_t		 wa, wb, pa;	/* their meters */
	int64_t		 pub;		/* a shared water meter, by area */
};

/* Three flats of 3号楼, their meters, a shared water meter by area. */
static void
world(struct fixture *fx, struct world *w)
{
	fx_staff(fx->k, "bill", KF_ROLE_BILLING);
	w->bill = fx_session(fx, "bill");
	w->a = customer(fx->k, "张三", "3号楼", "301", "2026-11-14");
	w->b = customer(fx->k, "李四", "3号楼", "302", "2020-01-01");
	w->c = customer(fx->k, "王五", "3号楼", "303", NULL);
	w->wa = meter(w->bill, "W-3-301", KF_METER_WATER, w->a, 1, 0);
	w->pa = meter(w->bill, "P-3-301", KF_METER_POWER, w->a, 2, 0);
	w->wb = meter(w->bill, "W-3-302", KF_METER_WATER, w->b, 3, 0);
	w->pub = meter(w->bill, "W-3-PUB", KF_METER_WATER, 0, 9,
	    KF_SHARE_AREA);
	OK(kf_area_set(w->bill, w->a, 8800, -1, &e_));
	OK(kf_area_set(w->bill, w->b, 6600, -1, &e_));
	OK(kf_area_set(w->bill, w->c, 4400, -1, &e_));
	OK(kf_meter_link(w->bill, w->pub, w->a, 0, NULL, &e_));
	OK(kf_meter_link(w->bill, w->pub, w->b, 0, NULL, &e_));
	OK(kf_meter_link(w->bill, w->pub, w->c, 0, NULL, &e_));
}

static int64_t
enter(struct kf_core *k, int64_t m, const char *period, int64_t value,
    unsigned flags, int64_t start, const char *reason, struct kf_err *err)
{
	int64_t usage = -1;

	if (kf_reading_enter(k, m, period, value, flags, start, reason, NULL,
	    &usage, err) != KF_OK)
		return -1;
	return usage;
}

/* R13: below the last refused; replaced and rolled over accepted. */
static void
test_r13_below_last(void **state)
{
	struct fixture *fx = *state;
	struct kf_reading r;
	struct kf_err err;
	struct world w;

	world(fx, &w);
	assert_int_equal(enter(w.bill, w.wa, "2026-09", 100, 0, 0, NULL, &err),
	    100);				/* from the start, 0 */
	assert_int_equal(enter(w.bill, w.wa, "2026-10", 100, 0, 0, NULL, &err),
	    0);				/* equal: no usage, fine */
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 99, 0, 0, NULL, &err),
	    -1);
	assert_int_equal(err.rc, KF_REFUSED);
	assert_non_null(strstr(err.msg, "below the last (100, 2026-10)"));
	assert_non_null(strstr(err.msg, "(R13)"));
	/* a new meter started at 3: usage 20 - 3 */
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 20, KF_READ_REPLACED, 3,
	    NULL, &err), 17);
	OK(kf_reading_get(w.bill, w.wa, "2026-11", &r, &e_));
	assert_int_equal(r.kind, KF_READING_REPLACED);
	assert_int_equal(r.prev, 3);
	/* the start above the reading */
	assert_int_equal(enter(w.bill, w.wb, "2026-11", 20, KF_READ_REPLACED,
	    21, NULL, &err), -1);
	assert_string_equal(err.field, "start");
	/* five digits: 99990 → 12 is 22 through 100000 */
	assert_int_equal(enter(w.bill, w.wb, "2026-10", 99990, 0, 0, NULL,
	    &err), 99990);
	assert_int_equal(enter(w.bill, w.wb, "2026-11", 12, KF_READ_ROLLOVER,
	    0, NULL, &err), 22);
	/* not below: no roll-over */
	assert_int_equal(enter(w.bill, w.pa, "2026-11", 12, KF_READ_ROLLOVER,
	    0, NULL, &err), -1);
	assert_int_equal(err.rc, KF_INVALID);
	/* beyond five digits */
	assert_int_equal(enter(w.bill, w.pa, "2026-11", 100000, 0, 0, NULL,
	    &err), -1);
	assert_string_equal(err.field, "value");
	assert_int_equal(enter(w.bill, w.pa, "2026-11", -1, 0, 0, NULL, &err),
	    -1);
	assert_int_equal(err.rc, KF_INVALID);
	assert_int_equal(enter(w.bill, w.pa, "2026-11", 1, KF_READ_REPLACED |
	    KF_READ_ROLLOVER, 0, NULL, &err), -1);
	assert_int_equal(err.rc, KF_INVALID);
	/* the clock says 27 November 2026: December has not begun */
	assert_int_equal(enter(w.bill, w.pa, "2026-12", 1, 0, 0, NULL, &err),
	    -1);
	assert_int_equal(err.rc, KF_INVALID);
	assert_string_equal(err.field, "period");
	assert_non_null(strstr(err.msg, "has not begun (it is 2026-11)"));
	assert_int_equal(enter(w.bill, w.pa, "2027-11", 1, 0, 0, NULL, &err),
	    -1);
	kf_core_close(w.bill);
}

/* R13: a usage above 300% of the mean of the last six is confirmed. */
static void
test_r13_spike_needs_confirmation(void **state)
{
	static const char *months[] = { "2026-03", "2026-04", "2026-05",
	    "2026-06", "2026-07", "2026-08", "2026-09" };
	struct fixture *fx = *state;
	struct kf_reading r;
	struct kf_err err;
	struct world w;
	int64_t v = 0;
	size_t i;

	world(fx, &w);
	/* usages 10 each month (the first, 10 from the start, too) */
	for (i = 0; i < 7; i++) {
		v += 10;
		assert_int_equal(enter(w.bill, w.wa, months[i], v, 0, 0, NULL,
		    &err), 10);
	}
	/* exactly 3× the mean (30) is usual; 31 is not */
	assert_int_equal(enter(w.bill, w.wa, "2026-10", v + 31, 0, 0, NULL,
	    &err), -1);
	assert_int_equal(err.rc, KF_REFUSED);
	assert_non_null(strstr(err.msg, "above 300% of its usual (mean 10.0 "
	    "a month; months compared: 6)"));
	assert_non_null(strstr(err.msg, "(R13)"));
	assert_int_equal(enter(w.bill, w.wa, "2026-10", v + 30, 0, 0, NULL,
	    &err), 30);
	OK(kf_reading_get(w.bill, w.wa, "2026-10", &r, &e_));
	assert_false(r.spike);
	/* confirmed, it is kept with the mark */
	assert_int_equal(enter(w.bill, w.wa, "2026-11", v + 30 + 200,
	    KF_READ_CONFIRM, 0, NULL, &err), 200);
	OK(kf_reading_get(w.bill, w.wa, "2026-11", &r, &e_));
	assert_true(r.spike);
	/* a vacant flat's usual of 0 is no usual: not compared */
	assert_int_equal(enter(w.bill, w.pa, "2026-10", 0, 0, 0, NULL, &err),
	    0);
	assert_int_equal(enter(w.bill, w.pa, "2026-11", 500, 0, 0, NULL, &err),
	    500);
	/* the policy is the admin's: 1000% lets 200 through */
	OK(kf_policy_set(fx->k, "reading.spike", "1000%", -1, &e_));
	assert_int_equal(enter(w.bill, w.wb, "2026-09", 10, 0, 0, NULL, &err),
	    10);
	assert_int_equal(enter(w.bill, w.wb, "2026-10", 110, 0, 0, NULL, &err),
	    100);				/* exactly 10× */
	assert_int_equal(enter(w.bill, w.wb, "2026-11", 1211, 0, 0, NULL,
	    &err), -1);			/* 1101 > 10 × 55 */
	kf_core_close(w.bill);
}

/* R13: one reading a period; a second is a correction with a reason. */
static void
test_r13_one_per_month_and_corrections(void **state)
{
	struct fixture *fx = *state;
	struct kf_audit_filter f = { .limit = 5 };
	struct kf_audit_row *rows;
	struct kf_reading r;
	struct kf_err err;
	struct world w;
	size_t n;

	world(fx, &w);
	assert_int_equal(enter(w.bill, w.wa, "2026-10", 100, 0, 0, NULL, &err),
	    100);
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 130, 0, 0, NULL, &err),
	    30);
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 125, 0, 0, NULL, &err),
	    -1);
	assert_int_equal(err.rc, KF_REFUSED);
	assert_non_null(strstr(err.msg, "a second one is a correction"));
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 125, 0, 0, "   ",
	    &err), -1);			/* a blank reason is none */
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 125, 0, 0,
	    "抄错了一位", &err), 25);
	OK(kf_reading_get(w.bill, w.wa, "2026-11", &r, &e_));
	assert_int_equal(r.value, 125);
	assert_int_equal(r.version, 2);
	assert_string_equal(r.reason, "抄错了一位");
	OK(kf_audit_list(fx->k, &f, &rows, &n, &e_));
	assert_true(n >= 1);
	assert_string_equal(rows[0].action, "reading.correct");
	kf_audit_list_free(rows, n);
	/* not the latest: cannot be corrected; nor a period before it */
	assert_int_equal(enter(w.bill, w.wa, "2026-10", 90, 0, 0, "错", &err),
	    -1);
	assert_non_null(strstr(err.msg, "only its latest"));
	assert_int_equal(enter(w.bill, w.wb, "2026-11", 5, 0, 0, NULL, &err),
	    5);
	assert_int_equal(enter(w.bill, w.wb, "2026-10", 4, 0, 0, NULL, &err),
	    -1);
	assert_non_null(strstr(err.msg, "in order"));
	kf_core_close(w.bill);
}

/* R13: no reading for a moved-out customer; R15: none for a billed month. */
static void
test_r13_moved_out_and_r15_billed(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	struct world w;

	world(fx, &w);
	assert_int_equal(enter(w.bill, w.wb, "2026-10", 10, 0, 0, NULL, &err),
	    10);
	move_out(fx->k, w.b);
	assert_int_equal(enter(w.bill, w.wb, "2026-11", 20, 0, 0, NULL, &err),
	    -1);
	assert_int_equal(err.rc, KF_REFUSED);
	assert_non_null(strstr(err.msg, "moved out"));
	assert_non_null(strstr(err.msg, "(R13)"));

	assert_int_equal(enter(w.bill, w.wa, "2026-10", 10, 0, 0, NULL, &err),
	    10);
	OK(kf_tx_begin(fx->k, &e_));
	OK(kf_bill_period_mark_tx(fx->k, "2026-10", &e_));
	OK(kf_tx_end(fx->k, KF_OK, &e_));
	assert_int_equal(enter(w.bill, w.wa, "2026-10", 12, 0, 0, "错", &err),
	    -1);
	assert_non_null(strstr(err.msg, "(R15)"));
	assert_int_equal(enter(w.bill, w.pa, "2026-09", 12, 0, 0, NULL, &err),
	    -1);
	assert_non_null(strstr(err.msg, "(R15)"));
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 15, 0, 0, NULL, &err),
	    5);
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 15, 0, 0, "bad", &err),
	    15 - 10);			/* a correction to the same value */
	kf_core_close(w.bill);
}

static void
test_who_may(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *desk, *sup;
	struct kf_meter *ms;
	struct kf_err err;
	struct world w;
	size_t n;

	world(fx, &w);
	fx_staff(fx->k, "desk", KF_ROLE_RECEPTION);
	fx_staff(fx->k, "sup", KF_ROLE_SUPERVISOR);
	desk = fx_session(fx, "desk");
	sup = fx_session(fx, "sup");
	assert_int_equal(kf_reading_enter(desk, w.wa, "2026-11", 1, 0, 0, NULL,
	    NULL, NULL, &err), KF_DENIED);
	assert_int_equal(kf_reading_enter(sup, w.wa, "2026-11", 1, 0, 0, NULL,
	    NULL, NULL, &err), KF_DENIED);
	/* the admin adds meters but does not read them (billing does) */
	assert_int_equal(kf_reading_enter(fx->k, w.wa, "2026-11", 1, 0, 0,
	    NULL, NULL, NULL, &err), KF_DENIED);
	assert_int_equal(kf_meter_list(desk, "阳光花园", NULL, 0, &ms, &n, &err),
	    KF_DENIED);
	OK(kf_meter_list(sup, "阳光花园", "3号楼", 0, &ms, &n, &e_));
	assert_int_equal(n, 4);
	free(ms);
	assert_int_equal(kf_area_set(sup, w.a, 100, -1, &err), KF_DENIED);
	kf_core_close(desk);
	kf_core_close(sup);
	kf_core_close(w.bill);
}

static void
test_meters_links_areas(void **state)
{
	struct fixture *fx = *state;
	struct kf_meter_link *links;
	struct kf_meter m, got;
	struct kf_err err;
	struct world w;
	int64_t dm2, v, sub;
	size_t n;

	world(fx, &w);
	memset(&m, 0, sizeof(m));
	snprintf(m.code, sizeof(m.code), "W-3-301");
	m.customer_id = w.a;
	assert_int_equal(kf_meter_add(w.bill, &m, NULL, &err), KF_CONFLICT);
	snprintf(m.code, sizeof(m.code), "w-lower");
	assert_int_equal(kf_meter_add(w.bill, &m, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "code");
	snprintf(m.code, sizeof(m.code), "W-X");
	m.customer_id = 0;			/* shared, no community */
	assert_int_equal(kf_meter_add(w.bill, &m, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "community");
	m.customer_id = w.a;
	m.digits = 10;
	assert_int_equal(kf_meter_add(w.bill, &m, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "digits");
	m.digits = 0;				/* 6 */
	OK(kf_meter_add(w.bill, &m, NULL, &e_));
	OK(kf_meter_get_code(w.bill, "W-X", &got, &e_));
	assert_int_equal(got.digits, 6);
	assert_string_equal(got.community, "阳光花园");	/* the customer's */
	assert_string_equal(got.building, "3号楼");

	OK(kf_meter_links(w.bill, w.pub, &links, &n, &e_));
	assert_int_equal(n, 3);
	free(links);
	assert_int_equal(kf_meter_link(w.bill, w.pub, w.a, 0, NULL, &err),
	    KF_CONFLICT);
	assert_int_equal(kf_meter_link(w.bill, w.wa, w.b, 0, NULL, &err),
	    KF_INVALID);			/* not a shared meter */
	OK(kf_meter_unlink(w.bill, w.pub, w.c, &e_));
	assert_int_equal(kf_meter_unlink(w.bill, w.pub, w.c, &err),
	    KF_NOTFOUND);
	OK(kf_meter_links(w.bill, w.pub, &links, &n, &e_));
	assert_int_equal(n, 2);
	free(links);
	/* by sub-meter: the unit's own meter of the kind */
	sub = meter(w.bill, "W-SUB", KF_METER_WATER, 0, 0, KF_SHARE_SUBMETER);
	assert_int_equal(kf_meter_link(w.bill, sub, w.a, 0, NULL, &err),
	    KF_INVALID);
	assert_int_equal(kf_meter_link(w.bill, sub, w.a, w.pa, NULL, &err),
	    KF_INVALID);			/* power, not water */
	assert_int_equal(kf_meter_link(w.bill, sub, w.a, w.wb, NULL, &err),
	    KF_INVALID);			/* another's */
	OK(kf_meter_link(w.bill, sub, w.a, w.wa, NULL, &e_));
	move_out(fx->k, w.c);
	assert_int_equal(kf_meter_link(w.bill, w.pub, w.c, 0, NULL, &err),
	    KF_INVALID);

	OK(kf_area_get(w.bill, w.a, &dm2, &v, &e_));
	assert_int_equal(dm2, 8800);
	assert_int_equal(v, 1);
	OK(kf_area_set(w.bill, w.a, 9000, 1, &e_));
	assert_int_equal(kf_area_set(w.bill, w.a, 9100, 1, &err), KF_CONFLICT);
	assert_int_equal(kf_area_set(w.bill, w.a, 0, -1, &err), KF_INVALID);
	assert_int_equal(kf_area_set(w.bill, 9999, 100, -1, &err),
	    KF_NOTFOUND);
	kf_core_close(w.bill);
}

/* Fast entry: the building in round order with the last reading. */
static void
test_round(void **state)
{
	struct fixture *fx = *state;
	struct kf_round_row *v;
	struct kf_err err;
	struct world w;
	size_t n;

	world(fx, &w);
	assert_int_equal(enter(w.bill, w.wa, "2026-09", 100, 0, 0, NULL, &err),
	    100);
	assert_int_equal(enter(w.bill, w.wa, "2026-10", 130, 0, 0, NULL, &err),
	    30);
	assert_int_equal(enter(w.bill, w.wb, "2026-11", 7, 0, 0, NULL, &err),
	    7);
	move_out(fx->k, w.b);
	OK(kf_reading_round(w.bill, "阳光花园", "3号楼", "2026-11", &v, &n, &e_));
	assert_int_equal(n, 4);
	assert_string_equal(v[0].meter.code, "W-3-301");
	assert_string_equal(v[0].last_period, "2026-10");
	assert_int_equal(v[0].last_value, 130);
	assert_int_equal(v[0].last_usage, 30);
	assert_int_equal(v[0].this_id, 0);
	assert_string_equal(v[0].customer, "张三");
	assert_string_equal(v[0].room, "301");
	assert_string_equal(v[1].meter.code, "P-3-301");
	assert_int_equal(v[1].last_usage, -1);		/* never read */
	assert_string_equal(v[2].meter.code, "W-3-302");
	assert_true(v[2].this_id > 0);
	assert_int_equal(v[2].this_usage, 7);
	assert_true(v[2].moved_out);
	assert_string_equal(v[3].meter.code, "W-3-PUB");
	assert_string_equal(v[3].customer, "");
	free(v);
	assert_int_equal(kf_reading_round(w.bill, "阳光花园", NULL, "2026-13",
	    &v, &n, &err), KF_INVALID);
	kf_core_close(w.bill);
}

static struct kf_charge *
find(struct kf_charge *v, size_t n, enum kf_charge_kind kind)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].kind == kind)
			return &v[i];
	return NULL;
}

/*
 * The contract: a month's lines for three flats, each with its source;
 * the shared meter's parts add up to its whole to the fen.
 */
static void
test_charges_for_a_month(void **state)
{
	struct fixture *fx = *state;
	struct kf_charge *v, *c;
	struct kf_rate r;
	struct kf_err err;
	struct world w;
	int64_t shared = 0, rate_id;
	size_t n;

	world(fx, &w);
	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_MGMT;
	r.basis = KF_BASIS_AREA;
	r.pricing = KF_PRICING_AGREED;
	r.price_cfen = 25000;			/* 2.50/m² */
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	OK(kf_rate_add(fx->k, &r, &rate_id, &e_));
	tariff(fx->k, KF_RATE_WATER, "3.45");
	tariff(fx->k, KF_RATE_POWER, "180:0.5283,280:0.5783,*:0.8283");

	assert_int_equal(enter(w.bill, w.wa, "2026-11", 56, 0, 0, NULL, &err),
	    56);
	assert_int_equal(enter(w.bill, w.pa, "2026-11", 200, 0, 0, NULL, &err),
	    200);
	assert_int_equal(enter(w.bill, w.pub, "2026-11", 100, 0, 0, NULL, &err),
	    100);

	/* 张三 moved in on 14 November: 17 of 30 days */
	OK(kf_charges_for(w.bill, w.a, "2026-11", &v, &n, &e_));
	assert_int_equal(n, 4);
	assert_int_equal(v[0].kind, KF_CHARGE_MGMT);
	assert_int_equal(v[0].amount, 12467);
	assert_int_equal(v[0].ref_id, rate_id);
	assert_string_equal(v[0].source,
	    "2.50元/平方米 × 88.00 平方米 × 17/30天（2026-11-14起）（协议价）");
	assert_int_equal(v[1].kind, KF_CHARGE_WATER);
	assert_int_equal(v[1].amount, 19320);	/* 56 × 3.45 */
	assert_string_equal(v[1].source, "W-3-301 读数 0→56 = 56 m³ × 3.45");
	assert_int_equal(v[2].kind, KF_CHARGE_POWER);
	/* 180 × 0.5283 + 20 × 0.5783 = 95.094 + 11.566 = 106.66 */
	assert_int_equal(v[2].amount, 10666);
	assert_string_equal(v[2].source,
	    "P-3-301 读数 0→200 = 200 kWh: 180×0.5283+20×0.5783");
	assert_int_equal(v[3].kind, KF_CHARGE_SHARED_WATER);
	assert_int_equal(v[3].ref_id, w.pub);
	/* 345.00 by area 88:66:44 → 153.333…, 115.00, 76.666…: the fen
	 * left goes to the largest remainder, 王五's (see docs/billing.md) */
	assert_int_equal(v[3].amount, 15333);
	assert_string_equal(v[3].source,
	    "公摊表 W-3-PUB 100 m³ = 345.00元，按面积 88.00/198.00 平方米");
	shared += v[3].amount;
	free(v);

	/* 李四: a whole month, no readings of his own */
	OK(kf_charges_for(w.bill, w.b, "2026-11", &v, &n, &e_));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].amount, 16500);	/* 2.50 × 66 */
	assert_string_equal(v[0].source,
	    "2.50元/平方米 × 66.00 平方米 × 1个月（协议价）");
	c = find(v, n, KF_CHARGE_SHARED_WATER);
	assert_non_null(c);
	shared += c->amount;
	free(v);
	/* 王五: no move-in date, no management fee; a shared part */
	OK(kf_charges_for(w.bill, w.c, "2026-11", &v, &n, &e_));
	assert_int_equal(n, 1);
	shared += v[0].amount;
	free(v);
	assert_int_equal(shared, 34500);	/* the parts make the whole */

	/* a month before anyone moved in or read: nothing due */
	OK(kf_charges_for(w.bill, w.c, "2026-10", &v, &n, &e_));
	assert_int_equal(n, 0);
	assert_null(v);

	/* moved out: no fee, no part; the others share it all */
	move_out(fx->k, w.c);
	shared = 0;
	OK(kf_charges_for(w.bill, w.c, "2026-11", &v, &n, &e_));
	assert_int_equal(n, 0);
	free(v);
	OK(kf_charges_for(w.bill, w.a, "2026-11", &v, &n, &e_));
	shared += find(v, n, KF_CHARGE_SHARED_WATER)->amount;
	free(v);
	OK(kf_charges_for(w.bill, w.b, "2026-11", &v, &n, &e_));
	shared += find(v, n, KF_CHARGE_SHARED_WATER)->amount;
	free(v);
	assert_int_equal(shared, 34500);

	assert_int_equal(kf_charges_for(w.bill, 9999, "2026-11", &v, &n, &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_charges_for(w.bill, w.a, "11/2026", &v, &n, &err),
	    KF_INVALID);
	kf_core_close(w.bill);
}

/* R12: per m² without an area refused; R13: a reading without a tariff. */
static void
test_charges_refusals(void **state)
{
	struct fixture *fx = *state;
	struct kf_charge *v;
	struct kf_rate r;
	struct kf_err err;
	struct world w;
	int64_t d;
	size_t n;

	world(fx, &w);
	d = customer(fx->k, "赵六", "3号楼", "304", "2026-01-01");
	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_MGMT;
	r.basis = KF_BASIS_AREA;
	r.price_cfen = 25000;
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	OK(kf_rate_add(fx->k, &r, NULL, &e_));
	assert_int_equal(kf_charges_for(w.bill, d, "2026-11", &v, &n, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "no floor area"));
	assert_non_null(strstr(err.msg, "(R12)"));
	assert_null(v);
	assert_int_equal(n, 0);

	assert_int_equal(enter(w.bill, w.wa, "2026-11", 5, 0, 0, NULL, &err), 5);
	assert_int_equal(kf_charges_for(w.bill, w.a, "2026-11", &v, &n, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "no water tariff"));
	assert_non_null(strstr(err.msg, "(R13)"));
	/* a fixed fee per unit needs no area */
	r.basis = KF_BASIS_UNIT;
	r.price_cfen = 1200000;
	snprintf(r.community, sizeof(r.community), "阳光花园");
	OK(kf_rate_add(fx->k, &r, NULL, &e_));
	OK(kf_charges_for(w.bill, d, "2026-11", &v, &n, &e_));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].amount, 12000);
	assert_string_equal(v[0].source, "120.00元/户 × 1个月（政府定价）");
	free(v);
	kf_core_close(w.bill);
}

/* Shared by sub-meter: weights are the units' usage; 0 usage: equal. */
static void
test_r14_by_submeter(void **state)
{
	struct fixture *fx = *state;
	struct kf_charge *v;
	struct kf_err err;
	struct world w;
	int64_t sub, part_a, part_b;
	size_t n;

	world(fx, &w);
	tariff(fx->k, KF_RATE_WATER, "1.00");
	sub = meter(w.bill, "W-SUB", KF_METER_WATER, 0, 0, KF_SHARE_SUBMETER);
	OK(kf_meter_link(w.bill, sub, w.a, w.wa, NULL, &e_));
	OK(kf_meter_link(w.bill, sub, w.b, w.wb, NULL, &e_));
	assert_int_equal(enter(w.bill, sub, "2026-11", 10, 0, 0, NULL, &err),
	    10);				/* 10.00 to share */
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 1, 0, 0, NULL, &err),
	    1);
	assert_int_equal(enter(w.bill, w.wb, "2026-11", 2, 0, 0, NULL, &err),
	    2);
	OK(kf_charges_for(w.bill, w.a, "2026-11", &v, &n, &e_));
	part_a = v[n - 1].amount;
	assert_string_equal(v[n - 1].source,
	    "公摊表 W-SUB 10 m³ = 10.00元，按分表 1/3 m³");
	free(v);
	OK(kf_charges_for(w.bill, w.b, "2026-11", &v, &n, &e_));
	part_b = v[n - 1].amount;
	free(v);
	assert_int_equal(part_a, 333);		/* 3.333… */
	assert_int_equal(part_b, 667);		/* 6.666…, the larger remainder */
	kf_core_close(w.bill);
}

/*
 * R14: a taker without his weight — no floor area for a meter split by
 * area, no sub-meter reading for one split by sub-meter — is refused,
 * naming R14, the meter and the customer, not charged 0 while the others
 * pay his part. A sub-meter read with no usage is a weight of 0, fine.
 */
static void
test_r14_taker_without_weight_refused(void **state)
{
	struct fixture *fx = *state;
	struct kf_charge *v;
	struct kf_err err;
	struct world w;
	int64_t d, sub, part;
	char want[32];
	size_t n, i;

	world(fx, &w);
	tariff(fx->k, KF_RATE_WATER, "1.00");
	d = customer(fx->k, "赵六", "3号楼", "304", "2026-01-01");
	OK(kf_meter_link(w.bill, w.pub, d, 0, NULL, &e_));	/* no area */
	assert_int_equal(enter(w.bill, w.pub, "2026-11", 100, 0, 0, NULL,
	    &err), 100);
	assert_int_equal(kf_charges_for(w.bill, w.a, "2026-11", &v, &n, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "R14"));
	assert_non_null(strstr(err.msg, "W-3-PUB"));
	snprintf(want, sizeof(want), "customer %lld", (long long)d);
	assert_non_null(strstr(err.msg, want));
	OK(kf_area_set(w.bill, d, 1, -1, &e_));		/* 0.01 m² is one */
	OK(kf_charges_for(w.bill, w.a, "2026-11", &v, &n, &e_));
	free(v);

	sub = meter(w.bill, "W-SUB", KF_METER_WATER, 0, 0, KF_SHARE_SUBMETER);
	OK(kf_meter_link(w.bill, sub, w.a, w.wa, NULL, &e_));
	OK(kf_meter_link(w.bill, sub, w.b, w.wb, NULL, &e_));
	assert_int_equal(enter(w.bill, sub, "2026-11", 10, 0, 0, NULL, &err),
	    10);
	assert_int_equal(enter(w.bill, w.wa, "2026-11", 0, 0, 0, NULL, &err),
	    0);				/* read, no usage: weight 0 */
	assert_int_equal(kf_charges_for(w.bill, w.a, "2026-11", &v, &n, &err),
	    KF_REFUSED);			/* W-3-302 not read */
	assert_non_null(strstr(err.msg, "R14"));
	assert_non_null(strstr(err.msg, "W-SUB"));
	snprintf(want, sizeof(want), "customer %lld", (long long)w.b);
	assert_non_null(strstr(err.msg, want));
	assert_int_equal(enter(w.bill, w.wb, "2026-11", 2, 0, 0, NULL, &err),
	    2);
	OK(kf_charges_for(w.bill, w.a, "2026-11", &v, &n, &e_));
	for (i = 0; i < n; i++)			/* used none of it */
		assert_true(v[i].ref_id != sub || v[i].amount == 0);
	free(v);
	OK(kf_charges_for(w.bill, w.b, "2026-11", &v, &n, &e_));
	for (i = 0, part = 0; i < n; i++)
		if (v[i].ref_id == sub)
			part += v[i].amount;
	assert_int_equal(part, 1000);		/* all of it */
	free(v);
	kf_core_close(w.bill);
}

/*
 * A notice run's memo (kf_charges_for_memo) gives every customer the lines
 * kf_charges_for gives, and starts again for another period.
 */
static void
test_memo_agrees(void **state)
{
	struct fixture *fx = *state;
	struct kf_charge_memo *memo;
	struct kf_charge *v, *w;
	int64_t ids[3], d;
	struct kf_err err;
	struct world wd;
	size_t n, m, i, j;
	int p;

	world(fx, &wd);
	tariff(fx->k, KF_RATE_WATER, "10:1.11,*:2.22");
	tariff(fx->k, KF_RATE_POWER, "0.6");
	d = customer(fx->k, "赵六", "3号楼", "304", "2026-01-01");
	OK(kf_area_set(wd.bill, d, 5000, -1, &e_));
	OK(kf_meter_link(wd.bill, wd.pub, d, 0, NULL, &e_));
	assert_int_equal(enter(wd.bill, wd.pub, "2026-10", 37, 0, 0, NULL,
	    &err), 37);
	assert_int_equal(enter(wd.bill, wd.pub, "2026-11", 137, 0, 0, NULL,
	    &err), 100);
	assert_int_equal(enter(wd.bill, wd.wa, "2026-11", 9, 0, 0, NULL, &err),
	    9);
	ids[0] = wd.a;
	ids[1] = wd.b;
	ids[2] = wd.c;
	memo = kf_charge_memo_new();
	for (p = 0; p < 2; p++) {
		const char *period = p ? "2026-11" : "2026-10";

		for (i = 0; i < 3; i++) {
			OK(kf_charges_for(wd.bill, ids[i], period, &v, &n, &e_));
			OK(kf_charges_for_memo(wd.bill, memo, ids[i], period, &w,
			    &m, &e_));
			assert_int_equal(n, m);
			for (j = 0; j < n; j++) {
				assert_int_equal(v[j].kind, w[j].kind);
				assert_int_equal(v[j].amount, w[j].amount);
				assert_int_equal(v[j].ref_id, w[j].ref_id);
				assert_string_equal(v[j].source, w[j].source);
			}
			assert_true(n > 0);
			free(v);
			free(w);
		}
	}
	kf_charge_memo_free(memo);
	kf_charge_memo_free(NULL);
	kf_core_close(wd.bill);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_r13_below_last),
		T(test_r13_spike_needs_confirmation),
		T(test_r13_one_per_month_and_corrections),
		T(test_r13_moved_out_and_r15_billed),
		T(test_who_may),
		T(test_meters_links_areas),
		T(test_round),
		T(test_charges_for_a_month),
		T(test_charges_refusals),
		T(test_r14_by_submeter),
		T(test_r14_taker_without_weight_refused),
		T(test_memo_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
