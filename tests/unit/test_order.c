/*
 * test_order.c — repair work orders against the clock (include/kefu/order.h):
 * R2/R20 arrival deadlines at their edges (39:59 and 40:00 on time, 40:01
 * late; overdue from the second after the deadline), R3 pipeline deadlines
 * measured at work done, the indoor and paid policies, every move of the
 * state table by the role that may make it and every illegal one (R11,
 * R21, R23, R26, R54), emergencies dispatched before the paperwork (R9),
 * jobs off the paid-service list (R22), items at the price of the moment
 * (R25) and the amount due (R19), the charge audit (R17), two dispatchers
 * at once, duplicate reports, keyset paging, the technicians' load, the
 * top bar's overdue count and the technician's bell.
 *
 * Every test runs in a world of one session per role (see w_setup), all
 * on the fixture's fixed clock, moved together with at().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kefu/audit.h"
#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/order.h"
#include "kefu/policy.h"
#include "kefu/staff.h"

#define ADDR	"电力小区3号楼2单元301"
#define MAX_IDS	64

struct world {
	struct fixture	*fx;
	struct kf_core	*boss;		/* admin */
	struct kf_core	*rec, *disp, *disp2, *sup, *tech, *tech2, *bill;
	int64_t		 rec_id, disp_id, disp2_id, sup_id, tech_id, tech2_id;
	int64_t		 old_id;	/* a disabled technician */
};

static int
w_setup(void **state)
{
	struct world *w;
	struct kf_err err;

	if (fx_setup(state) != 0)
		return -1;
	w = calloc(1, sizeof(*w));
	w->fx = *state;
	w->boss = w->fx->k;
	w->rec_id = fx_staff(w->boss, "rec", KF_ROLE_RECEPTION);
	w->disp_id = fx_staff(w->boss, "disp", KF_ROLE_DISPATCHER);
	w->disp2_id = fx_staff(w->boss, "disp2", KF_ROLE_DISPATCHER);
	w->sup_id = fx_staff(w->boss, "sup", KF_ROLE_SUPERVISOR);
	w->tech_id = fx_staff(w->boss, "tech", KF_ROLE_TECHNICIAN);
	w->tech2_id = fx_staff(w->boss, "tech2", KF_ROLE_TECHNICIAN);
	w->old_id = fx_staff(w->boss, "old", KF_ROLE_TECHNICIAN);
	fx_staff(w->boss, "bill", KF_ROLE_BILLING);
	if (kf_staff_set_disabled(w->boss, w->old_id, -1, true, &err) != KF_OK)
		fail_msg("disable: %s", err.msg);
	w->rec = fx_session(w->fx, "rec");
	w->disp = fx_session(w->fx, "disp");
	w->disp2 = fx_session(w->fx, "disp2");
	w->sup = fx_session(w->fx, "sup");
	w->tech = fx_session(w->fx, "tech");
	w->tech2 = fx_session(w->fx, "tech2");
	w->bill = fx_session(w->fx, "bill");
	/* The paid-service list (R16). */
	if (kf_fee_add(w->boss, "GAS-01", "更换灶具胶管", "次", 1500, NULL,
	    &err) != KF_OK ||
	    kf_fee_add(w->boss, "PIPE-02", "更换管段", "米", 3000, NULL,
	    &err) != KF_OK ||
	    kf_fee_add(w->boss, "GAS-OLD", "停用项目", "次", 500, NULL,
	    &err) != KF_OK ||
	    kf_fee_set(w->boss, "GAS-OLD", -1, NULL, NULL, -1, 0, &err) != KF_OK)
		fail_msg("fee: %s", err.msg);
	*state = w;
	return 0;
}

static int
w_teardown(void **state)
{
	struct world *w = *state;

	kf_core_close(w->rec);
	kf_core_close(w->disp);
	kf_core_close(w->disp2);
	kf_core_close(w->sup);
	kf_core_close(w->tech);
	kf_core_close(w->tech2);
	kf_core_close(w->bill);
	*state = w->fx;
	free(w);
	return fx_teardown(state);
}

/* Moves every session's clock to t. */
static void
at(struct world *w, int64_t t)
{
	kf_clock_fix(kf_core_clock(w->boss), t);
	kf_clock_fix(kf_core_clock(w->rec), t);
	kf_clock_fix(kf_core_clock(w->disp), t);
	kf_clock_fix(kf_core_clock(w->disp2), t);
	kf_clock_fix(kf_core_clock(w->sup), t);
	kf_clock_fix(kf_core_clock(w->tech), t);
	kf_clock_fix(kf_core_clock(w->tech2), t);
	kf_clock_fix(kf_core_clock(w->bill), t);
}

static char *
sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* A complete report at ADDR in 电力小区 3号楼: the caller named, a phone. */
static struct kf_order
mk(enum kf_order_cat cat)
{
	struct kf_order o;

	memset(&o, 0, sizeof(o));
	o.category = cat;
	o.address = sdup(ADDR);
	o.community = sdup("电力小区");
	o.building = sdup("3号楼");
	o.contact_name = sdup("王先生");
	o.contact_phone = sdup("13800001111");
	o.fault = sdup(cat == KF_ORDER_CAT_PIPE || cat == KF_ORDER_CAT_PIPE_MAJOR ?
	    "楼前管道漏气" : "灶具打不着火");
	if (cat == KF_ORDER_CAT_PAID)
		o.fee_code = sdup("GAS-01");
	return o;
}

/* An emergency (R9): only where and what. */
static struct kf_order
mk_emergency(void)
{
	struct kf_order o;

	memset(&o, 0, sizeof(o));
	o.category = KF_ORDER_CAT_EQUIPMENT;
	o.emergency = true;
	o.address = sdup(ADDR);
	o.fault = sdup("闻到煤气味");
	return o;
}

static enum kf_rc
try_new(struct kf_core *k, struct kf_order *o, int64_t *id, struct kf_err *err)
{
	int64_t dummy;
	enum kf_rc rc = kf_order_new(k, o, id ? id : &dummy, err);

	kf_order_clear(o);
	return rc;
}

static int64_t
new_order(struct kf_core *k, struct kf_order o)
{
	struct kf_err err;
	int64_t id = 0;

	if (try_new(k, &o, &id, &err) != KF_OK)
		fail_msg("new: %s", err.msg);
	assert_true(id > 0);
	return id;
}

static struct kf_order
get(struct kf_core *k, int64_t id)
{
	struct kf_order o;
	struct kf_err err;

	memset(&o, 0, sizeof(o));
	if (kf_order_get(k, id, &o, &err) != KF_OK)
		fail_msg("get %lld: %s", (long long)id, err.msg);
	return o;
}

static enum kf_order_state
state_of(struct world *w, int64_t id)
{
	struct kf_order o = get(w->boss, id);
	enum kf_order_state s = o.state;

	kf_order_clear(&o);
	return s;
}

static int64_t
version_of(struct world *w, int64_t id)
{
	struct kf_order o = get(w->boss, id);
	int64_t v = o.version;

	kf_order_clear(&o);
	return v;
}

#define OK(call) do {							\
	struct kf_err e_;						\
	enum kf_rc rc_ = (call);					\
	if (rc_ != KF_OK)						\
		fail_msg("%s: %s (%s)", #call, kf_rc_name(rc_), e_.msg); \
} while (0)

/*
 * A call that must fail with want and leave the order at version. A
 * refusal or a bad input says why; where what cites a rule "(Rnn)", the
 * message must name that rule too.
 */
static void
refused(struct world *w, int64_t id, enum kf_rc got, enum kf_rc want,
    const struct kf_err *err, int64_t version, const char *what)
{
	const char *r = strstr(what, "(R");
	char rule[8];
	size_t len;

	if (got != want)
		fail_msg("%s: %s (%s), want %s", what, kf_rc_name(got),
		    got == KF_OK ? "" : err->msg, kf_rc_name(want));
	if (err->msg[0] == '\0')
		fail_msg("%s: no message", what);
	if (r != NULL && (want == KF_REFUSED || want == KF_INVALID)) {
		len = strcspn(r + 1, ")");
		assert_true(len < sizeof(rule));
		memcpy(rule, r + 1, len);
		rule[len] = '\0';
		if (strstr(err->msg, rule) == NULL)
			fail_msg("%s: the message names no %s: %s", what, rule,
			    err->msg);
	}
	if (id > 0 && version_of(w, id) != version)
		fail_msg("%s: the order changed", what);
}

/* Drives order id forward to state s by the right people. */
static void
drive(struct world *w, int64_t id, enum kf_order_state s)
{
	struct kf_err err;
	enum kf_order_state now = state_of(w, id);

#define STEP(call) do {							\
	if ((call) != KF_OK)						\
		fail_msg("%s: %s", #call, err.msg);			\
} while (0)
	if (now == KF_ORDER_STATE_REPORTED && s >= KF_ORDER_STATE_ACKED)
		STEP(kf_order_ack(w->disp, id, -1, &err));
	if (now <= KF_ORDER_STATE_ACKED && s >= KF_ORDER_STATE_DISPATCHED)
		STEP(kf_order_assign(w->disp, id, -1, w->tech_id, &err));
	if (now <= KF_ORDER_STATE_DISPATCHED && s >= KF_ORDER_STATE_ON_SITE)
		STEP(kf_order_arrive(w->tech, id, -1, 0, &err));
	if (now <= KF_ORDER_STATE_ON_SITE && s >= KF_ORDER_STATE_DONE)
		STEP(kf_order_done(w->tech, id, -1, "更换灶具胶管", 0, &err));
	if (now <= KF_ORDER_STATE_DONE && s >= KF_ORDER_STATE_SIGNED)
		STEP(kf_order_signoff(w->tech, id, -1, "王先生", &err));
#undef STEP
}

static struct kf_order_filter
any(void)
{
	struct kf_order_filter f = { .state = -1, .category = -1 };

	return f;
}

/* Every order f gives k, page by page; their ids into ids (in order). */
static size_t
list_ids(struct kf_core *k, const struct kf_order_filter *f, int64_t *ids)
{
	struct kf_order *v, last = { 0 };
	struct kf_err err;
	size_t n, total = 0, i;

	do {
		if (kf_order_list(k, f, total ? KF_PAGE_AFTER : KF_PAGE_FIRST,
		    &last, 1000, &v, &n, &err) != KF_OK)
			fail_msg("list: %s", err.msg);
		for (i = 0; i < n; i++) {
			assert_true(total < MAX_IDS);
			ids[total++] = v[i].id;
		}
		if (n > 0) {	/* the keyset: only these two are read */
			last.deadline_at = v[n - 1].deadline_at;
			last.id = v[n - 1].id;
		}
		kf_order_list_free(v, n);
	} while (n == 1000);
	return total;
}

static bool
has(const int64_t *ids, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* Every order, as a dispatcher sees them. */
static size_t
all_orders(struct world *w, int64_t *ids)
{
	struct kf_order_filter f = any();

	return list_ids(w->disp, &f, ids);
}

static size_t
overdue(struct world *w, int64_t *ids)
{
	struct kf_order_filter f = any();

	f.overdue_only = true;
	return list_ids(w->disp, &f, ids);
}

/* ------------------------------------------------------------ deadlines */

/*
 * R2: reported at T, the deadline is T+2400. Arriving at T+2399 and at
 * T+2400 meets it, at T+2401 misses it. An order nobody reached is not
 * overdue at T+2400 and is from T+2401; once the technician is there it
 * is no longer overdue (the moment has come).
 */
static void
test_r2_equipment_deadline_edges(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	int64_t a, b, c, d, ids[MAX_IDS];
	size_t n;

	a = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	b = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	c = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	d = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));	/* never attended */
	o = get(w->boss, a);
	assert_int_equal(o.reported_at, T0);
	assert_int_equal(o.reported_by, w->rec_id);
	assert_int_equal(o.deadline_at, T0 + 2400);
	assert_true(o.deadline_on_arrival);
	assert_int_equal(o.state, KF_ORDER_STATE_REPORTED);
	assert_int_equal(o.category, KF_ORDER_CAT_EQUIPMENT);
	assert_string_equal(o.address, ADDR);
	assert_string_equal(o.contact_phone, "13800001111");
	assert_false(o.emergency);
	assert_false(o.paperwork_pending);
	assert_false(o.needs_approval);
	assert_int_equal(o.appointment_at, 0);
	assert_int_equal(o.arrived_at, 0);
	assert_int_equal(o.version, 1);
	kf_order_clear(&o);
	kf_order_clear(NULL);
	drive(w, a, KF_ORDER_STATE_DISPATCHED);
	drive(w, b, KF_ORDER_STATE_DISPATCHED);
	drive(w, c, KF_ORDER_STATE_DISPATCHED);

	at(w, T0 + 2399);			/* 39:59 */
	assert_int_equal(overdue(w, ids), 0);
	OK(kf_order_arrive(w->tech, a, -1, 0, &e_));
	at(w, T0 + 2400);			/* 40:00: on time, not overdue */
	assert_int_equal(overdue(w, ids), 0);
	assert_int_equal(kf_order_overdue_count(w->disp), 0);
	OK(kf_order_arrive(w->tech, b, -1, 0, &e_));
	at(w, T0 + 2401);			/* 40:01 */
	n = overdue(w, ids);
	assert_int_equal(n, 2);
	assert_int_equal(kf_order_overdue_count(w->disp), 2);
	assert_int_equal(kf_order_overdue_count(w->tech), 1);	/* c (R54) */
	assert_int_equal(kf_order_overdue_count(w->tech2), 0);
	assert_true(has(ids, n, c));
	assert_true(has(ids, n, d));
	{
		struct kf_order_filter f = any();

		f.overdue_only = true;		/* his own only (R54) */
		n = list_ids(w->tech, &f, ids);
		assert_int_equal(n, 1);
		assert_int_equal(ids[0], c);
		assert_int_equal(list_ids(w->tech2, &f, ids), 0);
	}
	OK(kf_order_arrive(w->tech, c, -1, 0, &e_));

	o = get(w->boss, a);
	assert_int_equal(o.state, KF_ORDER_STATE_ON_SITE);
	assert_int_equal(o.arrived_at, T0 + 2399);
	assert_true(o.arrived_at <= o.deadline_at);		/* met */
	kf_order_clear(&o);
	o = get(w->boss, b);
	assert_int_equal(o.arrived_at, T0 + 2400);
	assert_true(o.arrived_at <= o.deadline_at);		/* met */
	kf_order_clear(&o);
	o = get(w->boss, c);
	assert_int_equal(o.arrived_at, T0 + 2401);
	assert_true(o.arrived_at > o.deadline_at);		/* late */
	assert_int_equal(o.deadline_at, T0 + 2400);		/* unchanged */
	kf_order_clear(&o);

	/* Overdue only while the moment has not come: d alone now. */
	n = overdue(w, ids);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], d);
	assert_int_equal(kf_order_overdue_count(w->sup), 1);
	assert_int_equal(kf_order_overdue_count(w->tech), 0);
	at(w, T0 + 86400);
	n = overdue(w, ids);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], d);
}

/* R20/R2: with an appointment the deadline is the appointed time. */
static void
test_r20_appointment_is_the_deadline(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id, now_id, ids[MAX_IDS];
	size_t before;

	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.appointment_at = T0 + 3 * 3600;
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_int_equal(o.appointment_at, T0 + 3 * 3600);
	assert_int_equal(o.deadline_at, T0 + 3 * 3600);
	assert_true(o.deadline_on_arrival);
	kf_order_clear(&o);
	at(w, T0 + 2401);			/* 40 minutes mean nothing here */
	assert_int_equal(overdue(w, ids), 0);
	at(w, T0 + 3 * 3600);
	assert_int_equal(overdue(w, ids), 0);
	at(w, T0 + 3 * 3600 + 1);
	assert_int_equal(overdue(w, ids), 1);
	assert_int_equal(ids[0], id);
	at(w, T0);

	/* An appointment in the past is refused, and nothing is saved. */
	before = all_orders(w, ids);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.appointment_at = T0 - 1;
	err.rc = KF_OK;
	assert_int_not_equal(try_new(w->rec, &o, NULL, &err), KF_OK);
	assert_true(err.rc == KF_INVALID || err.rc == KF_REFUSED);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.appointment_at = T0 - 86400;
	assert_int_not_equal(try_new(w->rec, &o, NULL, &err), KF_OK);
	assert_int_equal(all_orders(w, ids), before);
	/* Now is not the past. */
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.appointment_at = T0;
	now_id = new_order(w->rec, o);
	o = get(w->boss, now_id);
	assert_int_equal(o.deadline_at, T0);
	kf_order_clear(&o);
}

/*
 * R3: pipeline faults are cleared within 4 h (ordinary) or 24 h (major),
 * measured at work done: arriving does not stop the clock.
 */
static void
test_r3_pipeline_deadlines_at_work_done(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	int64_t p1, p2, m, ids[MAX_IDS];
	size_t n;

	p1 = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	p2 = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	m = new_order(w->rec, mk(KF_ORDER_CAT_PIPE_MAJOR));
	o = get(w->boss, p1);
	assert_int_equal(o.deadline_at, T0 + 4 * 3600);
	assert_false(o.deadline_on_arrival);
	kf_order_clear(&o);
	o = get(w->boss, m);
	assert_int_equal(o.deadline_at, T0 + 24 * 3600);
	assert_false(o.deadline_on_arrival);
	assert_int_equal(o.category, KF_ORDER_CAT_PIPE_MAJOR);
	kf_order_clear(&o);

	at(w, T0 + 600);
	drive(w, p1, KF_ORDER_STATE_ON_SITE);
	drive(w, p2, KF_ORDER_STATE_ON_SITE);
	drive(w, m, KF_ORDER_STATE_ON_SITE);
	at(w, T0 + 4 * 3600);
	assert_int_equal(overdue(w, ids), 0);
	OK(kf_order_done(w->tech, p2, -1, "更换管段2米", 0, &e_));
	at(w, T0 + 4 * 3600 + 1);
	n = overdue(w, ids);			/* on site for hours: late */
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], p1);
	assert_int_equal(kf_order_overdue_count(w->disp), 1);
	o = get(w->boss, p2);
	assert_int_equal(o.done_at, T0 + 4 * 3600);
	assert_true(o.done_at <= o.deadline_at);		/* met */
	kf_order_clear(&o);
	at(w, T0 + 24 * 3600);
	n = overdue(w, ids);
	assert_int_equal(n, 1);
	at(w, T0 + 24 * 3600 + 1);
	n = overdue(w, ids);
	assert_int_equal(n, 2);
	assert_true(has(ids, n, m));
}

/* Indoor repairs and paid services: their own policies, or appointed. */
static void
test_indoor_and_paid_policies(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t indoor = 0, paid = 0, id;

	assert_int_equal(kf_policy_value(w->boss, "indoor.arrive_within",
	    &indoor, &err), KF_OK);
	assert_int_equal(kf_policy_value(w->boss, "paid.arrive_within", &paid,
	    &err), KF_OK);
	assert_true(indoor > 0);
	assert_true(paid > 0);

	id = new_order(w->rec, mk(KF_ORDER_CAT_INDOOR));
	o = get(w->boss, id);
	assert_int_equal(o.deadline_at, T0 + indoor);
	assert_true(o.deadline_on_arrival);
	kf_order_clear(&o);
	o = mk(KF_ORDER_CAT_INDOOR);
	o.appointment_at = T0 + 5 * 86400;
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_int_equal(o.deadline_at, T0 + 5 * 86400);
	kf_order_clear(&o);

	id = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	o = get(w->boss, id);
	assert_int_equal(o.deadline_at, T0 + paid);
	assert_true(o.deadline_on_arrival);
	assert_string_equal(o.fee_code, "GAS-01");
	assert_false(o.needs_approval);
	kf_order_clear(&o);
	o = mk(KF_ORDER_CAT_PAID);
	o.appointment_at = T0 + 3600;	/* R22: attended by the appointed time */
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_int_equal(o.deadline_at, T0 + 3600);
	kf_order_clear(&o);
}

/* The deadline is computed at report time and stored: a later change of
 * the policy applies to new orders only. */
static void
test_r2_policy_change_applies_to_new_orders(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t before, after;

	before = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	assert_int_equal(kf_policy_set(w->boss, "repair.arrive_within", "30m",
	    -1, &err), KF_OK);
	after = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	o = get(w->boss, before);
	assert_int_equal(o.deadline_at, T0 + 2400);
	kf_order_clear(&o);
	o = get(w->boss, after);
	assert_int_equal(o.deadline_at, T0 + 1800);
	kf_order_clear(&o);
}

/* ---------------------------------------------------- reporting (R20) */

static void
test_r20_required_fields_and_who_reports(void **state)
{
	struct world *w = *state;
	struct kf_customer cu;
	struct kf_order o;
	struct kf_err err;
	int64_t cid, id, ids[MAX_IDS];

	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.address);
	o.address = sdup("   ");
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "address");
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.address);
	o.address = NULL;
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "address");
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.fault);
	o.fault = sdup("");
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "fault");
	/* Not an emergency: the customer, or a contact name and phone. */
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.contact_name);
	free(o.contact_phone);
	o.contact_name = o.contact_phone = NULL;
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_INVALID);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.contact_phone);
	o.contact_phone = NULL;
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_INVALID);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.category = (enum kf_order_cat)KF_ORDER_CAT_COUNT;
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_INVALID);
	assert_int_equal(all_orders(w, ids), 0);

	/* A known customer is enough for whom to see, but a phone is
	 * required all the same (issue 11): a customer on file with none
	 * needs one typed, and the refusal names the field. */
	memset(&cu, 0, sizeof(cu));
	cu.name = sdup("王芳");
	assert_int_equal(kf_customer_add(w->rec, &cu, &cid, &err), KF_OK);
	kf_customer_clear(&cu);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.contact_name);
	free(o.contact_phone);
	o.contact_name = o.contact_phone = NULL;
	o.customer_id = cid;
	refused(w, 0, try_new(w->rec, &o, NULL, &err), KF_INVALID, &err, 0,
	    "a customer without a phone and none typed (R20)");
	assert_string_equal(err.field, "contact_phone");
	assert_non_null(strstr(err.msg, "contact phone"));
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.contact_name);
	o.contact_name = NULL;
	o.customer_id = cid;
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_int_equal(o.customer_id, cid);
	assert_string_equal(o.contact_phone, "13800001111");	/* typed */
	assert_false(o.paperwork_pending);
	kf_order_clear(&o);
	/* A customer with a phone on file: the register's first one. */
	memset(&cu, 0, sizeof(cu));
	cu.name = sdup("李军");
	cu.phones[0] = sdup("139-0000-2222");
	cu.phones[1] = sdup("010 6555 1234");
	assert_int_equal(kf_customer_add(w->rec, &cu, &cid, &err), KF_OK);
	kf_customer_clear(&cu);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.contact_name);
	free(o.contact_phone);
	o.contact_name = o.contact_phone = NULL;
	o.customer_id = cid;
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_string_equal(o.contact_phone, "13900002222");
	assert_false(o.paperwork_pending);
	kf_order_clear(&o);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.customer_id = 99999;
	assert_int_not_equal(try_new(w->rec, &o, NULL, &err), KF_OK);

	/* Who reports: reception, dispatcher, supervisor, admin. */
	new_order(w->disp, mk(KF_ORDER_CAT_PIPE));
	new_order(w->sup, mk(KF_ORDER_CAT_PIPE));
	new_order(w->boss, mk(KF_ORDER_CAT_PIPE));
	o = mk(KF_ORDER_CAT_PIPE);
	assert_int_equal(try_new(w->tech, &o, NULL, &err), KF_DENIED);
	o = mk(KF_ORDER_CAT_PIPE);
	assert_int_equal(try_new(w->bill, &o, NULL, &err), KF_DENIED);
	assert_int_equal(all_orders(w, ids), 5);
	assert_int_equal(kf_order_get(w->disp, 99999, &o, &err), KF_NOTFOUND);
}

/* ------------------------------------------------------- transitions */

/* R21: the supervisor (or a dispatcher) acknowledges; the time is kept. */
static void
test_r21_ack(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t a, b;

	a = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	b = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	refused(w, a, kf_order_ack(w->rec, a, -1, &err), KF_DENIED, &err, 1,
	    "ack by reception");
	refused(w, a, kf_order_ack(w->tech, a, -1, &err), KF_DENIED, &err, 1,
	    "ack by a technician");
	refused(w, a, kf_order_ack(w->bill, a, -1, &err), KF_DENIED, &err, 1,
	    "ack by billing");
	/* Read at version 1; reception corrects the phone meanwhile: the
	 * acknowledgement touches other fields and goes through (merge). */
	OK(kf_order_edit(w->rec, a, 1, 0, NULL, "13800009999", NULL, NULL,
	    &e_));
	at(w, T0 + 90);
	OK(kf_order_ack(w->sup, a, 1, &e_));
	OK(kf_order_ack(w->disp, b, -1, &e_));
	o = get(w->boss, a);
	assert_int_equal(o.state, KF_ORDER_STATE_ACKED);
	assert_int_equal(o.acked_at, T0 + 90);
	assert_int_equal(o.acked_by, w->sup_id);
	assert_string_equal(o.contact_phone, "13800009999");	/* both kept */
	assert_int_equal(o.version, 3);
	kf_order_clear(&o);
	o = get(w->boss, b);
	assert_int_equal(o.acked_by, w->disp_id);
	kf_order_clear(&o);
	/* Twice is refused; so is after dispatch. */
	refused(w, a, kf_order_ack(w->disp, a, -1, &err), KF_REFUSED, &err, 3,
	    "ack twice (R21)");
	drive(w, b, KF_ORDER_STATE_DISPATCHED);
	refused(w, b, kf_order_ack(w->sup, b, -1, &err), KF_REFUSED, &err,
	    version_of(w, b), "ack when dispatched");
	assert_int_equal(kf_order_ack(w->disp, 99999, -1, &err), KF_NOTFOUND);
}

/* R11: only a dispatcher dispatches, to an enabled technician. */
static void
test_r11_assign(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id, v;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	/* Not an emergency: the supervisor receives it first (R21). */
	refused(w, id, kf_order_assign(w->disp, id, -1, w->tech_id, &err),
	    KF_REFUSED, &err, 1, "assign before ack (R21)");
	OK(kf_order_ack(w->sup, id, -1, &e_));
	v = version_of(w, id);
	refused(w, id, kf_order_assign(w->rec, id, -1, w->tech_id, &err),
	    KF_DENIED, &err, v, "assign by reception (R11)");
	refused(w, id, kf_order_assign(w->sup, id, -1, w->tech_id, &err),
	    KF_DENIED, &err, v, "assign by the supervisor (R11)");
	refused(w, id, kf_order_assign(w->tech, id, -1, w->tech_id, &err),
	    KF_DENIED, &err, v, "assign by a technician (R11)");
	refused(w, id, kf_order_assign(w->boss, id, -1, w->tech_id, &err),
	    KF_DENIED, &err, v, "assign by an admin (R11)");
	/* To a technician, enabled. */
	assert_int_not_equal(kf_order_assign(w->disp, id, -1, w->disp2_id,
	    &err), KF_OK);
	assert_int_not_equal(kf_order_assign(w->disp, id, -1, w->old_id, &err),
	    KF_OK);
	assert_int_not_equal(kf_order_assign(w->disp, id, -1, 99999, &err),
	    KF_OK);
	assert_int_not_equal(kf_order_assign(w->disp, id, -1, 0, &err), KF_OK);
	assert_int_equal(version_of(w, id), v);

	at(w, T0 + 120);
	OK(kf_order_assign(w->disp, id, v, w->tech_id, &e_));
	o = get(w->boss, id);
	assert_int_equal(o.state, KF_ORDER_STATE_DISPATCHED);
	assert_int_equal(o.technician_id, w->tech_id);
	assert_int_equal(o.dispatched_at, T0 + 120);
	assert_int_equal(o.dispatched_by, w->disp_id);
	kf_order_clear(&o);
	/* Reassigned before arrival, from the version the dispatcher saw;
	 * without one a dispatched order is not taken away (R11). */
	at(w, T0 + 180);
	o = get(w->boss, id);
	refused(w, id, kf_order_assign(w->disp2, id, -1, w->tech2_id, &err),
	    KF_REFUSED, &err, o.version,
	    "reassigning without the version seen (R11)");
	kf_order_clear(&o);
	o = get(w->boss, id);
	OK(kf_order_assign(w->disp2, id, o.version, w->tech2_id, &e_));
	kf_order_clear(&o);
	o = get(w->boss, id);
	assert_int_equal(o.state, KF_ORDER_STATE_DISPATCHED);
	assert_int_equal(o.technician_id, w->tech2_id);
	assert_int_equal(o.dispatched_by, w->disp2_id);
	kf_order_clear(&o);
	/* The first technician has lost it (R54). */
	assert_int_equal(kf_order_get(w->tech, id, &o, &err), KF_DENIED);
	OK(kf_order_arrive(w->tech2, id, -1, 0, &e_));
	/* Not after arrival. */
	refused(w, id, kf_order_assign(w->disp, id, -1, w->tech_id, &err),
	    KF_REFUSED, &err, version_of(w, id), "reassign on site");
}

/* The happy path, every field it records. */
static void
test_lifecycle_fields(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id, by_phone;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	at(w, T0 + 60);
	OK(kf_order_ack(w->sup, id, -1, &e_));
	at(w, T0 + 120);
	OK(kf_order_assign(w->disp, id, -1, w->tech_id, &e_));
	at(w, T0 + 1500);
	OK(kf_order_arrive(w->tech, id, -1, 0, &e_));
	OK(kf_order_material(w->tech, id, -1, KF_ORDER_MAT_PASS, "自购胶管合格",
	    &e_));				/* R24 */
	at(w, T0 + 2000);
	OK(kf_order_done(w->tech, id, -1, "更换灶具胶管，试火正常", 0, &e_));
	o = get(w->tech, id);		/* his own */
	assert_int_equal(o.state, KF_ORDER_STATE_DONE);
	assert_int_equal(o.arrived_at, T0 + 1500);
	assert_int_equal(o.materials, KF_ORDER_MAT_PASS);
	assert_string_equal(o.materials_note, "自购胶管合格");
	assert_string_equal(o.work_done, "更换灶具胶管，试火正常");
	assert_int_equal(o.done_at, T0 + 2000);
	assert_int_equal(o.signed_at, 0);
	assert_int_equal(o.closed_at, 0);
	kf_order_clear(&o);
	at(w, T0 + 2100);
	OK(kf_order_signoff(w->tech, id, -1, "王先生", &e_));	/* R26 */
	o = get(w->boss, id);
	assert_int_equal(o.state, KF_ORDER_STATE_CLOSED);	/* paperwork complete */
	assert_string_equal(o.signed_name, "王先生");
	assert_int_equal(o.signed_at, T0 + 2100);
	assert_int_equal(o.closed_at, T0 + 2100);
	assert_int_equal(o.amount_due, 0);		/* nothing charged */
	assert_false(o.paperwork_pending);
	kf_order_clear(&o);

	/* A dispatcher told by phone records the arrival; materials fail. */
	by_phone = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	drive(w, by_phone, KF_ORDER_STATE_DISPATCHED);
	OK(kf_order_arrive(w->disp, by_phone, -1, 0, &e_));
	refused(w, by_phone, kf_order_material(w->tech2, by_phone, -1,
	    KF_ORDER_MAT_FAIL, "x", &err), KF_DENIED, &err, version_of(w, by_phone),
	    "materials by another technician");
	OK(kf_order_material(w->tech, by_phone, -1, KF_ORDER_MAT_FAIL,
	    "自购减压阀无合格证", &e_));
	o = get(w->boss, by_phone);
	assert_int_equal(o.state, KF_ORDER_STATE_ON_SITE);
	assert_int_equal(o.arrived_at, T0 + 2100);
	assert_int_equal(o.materials, KF_ORDER_MAT_FAIL);
	assert_string_equal(o.materials_note, "自购减压阀无合格证");
	kf_order_clear(&o);
}

/* Each move out of turn is refused naming the rule; nothing changes. */
static void
test_illegal_moves(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t id, v;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	OK(kf_order_ack(w->disp, id, -1, &e_));
	v = version_of(w, id);
	refused(w, id, kf_order_arrive(w->disp, id, -1, 0, &err), KF_REFUSED, &err,
	    v, "arrival before dispatch");
	refused(w, id, kf_order_arrive(w->tech, id, -1, 0, &err), KF_DENIED, &err,
	    v, "arrival by a technician it is not assigned to (R54)");
	drive(w, id, KF_ORDER_STATE_DISPATCHED);
	v = version_of(w, id);
	refused(w, id, kf_order_done(w->tech, id, -1, "修好了", 0, &err),
	    KF_REFUSED, &err, v, "done before arrival (R23)");
	refused(w, id, kf_order_signoff(w->tech, id, -1, "王先生", &err),
	    KF_REFUSED, &err, v, "signoff before arrival");
	refused(w, id, kf_order_item_add(w->tech, id, "GAS-01", 1, NULL, &err),
	    KF_REFUSED, &err, v, "item before arrival (R25)");
	OK(kf_order_arrive(w->tech, id, -1, 0, &e_));
	v = version_of(w, id);
	refused(w, id, kf_order_arrive(w->tech, id, -1, 0, &err), KF_REFUSED,
	    &err, v, "arrival twice");
	refused(w, id, kf_order_signoff(w->tech, id, -1, "王先生", &err),
	    KF_REFUSED, &err, v, "signoff without work done (R26)");
	/* R23: what was actually done. */
	refused(w, id, kf_order_done(w->tech, id, -1, "  ", 0, &err), KF_INVALID,
	    &err, v, "done without what was done (R23)");
	refused(w, id, kf_order_done(w->tech, id, -1, NULL, 0, &err), KF_INVALID,
	    &err, v, "done with NULL (R23)");
	OK(kf_order_done(w->tech, id, -1, "更换胶管", 0, &e_));
	v = version_of(w, id);
	refused(w, id, kf_order_done(w->tech, id, -1, "再做一次", 0, &err),
	    KF_REFUSED, &err, v, "done twice");
	/* R26: the customer's name. */
	refused(w, id, kf_order_signoff(w->tech, id, -1, "", &err), KF_INVALID,
	    &err, v, "signoff without a name (R26)");
	refused(w, id, kf_order_signoff(w->tech, id, -1, NULL, &err),
	    KF_INVALID, &err, v, "signoff with NULL (R26)");
	OK(kf_order_signoff(w->tech, id, -1, "王先生", &e_));
	v = version_of(w, id);
	assert_int_equal(state_of(w, id), KF_ORDER_STATE_CLOSED);
	refused(w, id, kf_order_signoff(w->tech, id, -1, "王先生", &err),
	    KF_REFUSED, &err, v, "signoff twice");
	refused(w, id, kf_order_cancel(w->disp, id, -1, "重复", &err),
	    KF_REFUSED, &err, v, "cancel a closed order");
	refused(w, id, kf_order_arrive(w->tech, id, -1, 0, &err), KF_REFUSED,
	    &err, v, "arrive on a closed order");
	refused(w, id, kf_order_assign(w->disp, id, -1, w->tech2_id, &err),
	    KF_REFUSED, &err, v, "assign a closed order");
	assert_int_equal(kf_order_arrive(w->disp, 99999, -1, 0, &err),
	    KF_NOTFOUND);
}

/* Cancel, with a reason, from any state before the customer signs, by a
 * dispatcher or a supervisor. */
static void
test_cancel(void **state)
{
	static const enum kf_order_state from[] = {
		KF_ORDER_STATE_REPORTED, KF_ORDER_STATE_ACKED, KF_ORDER_STATE_DISPATCHED, KF_ORDER_STATE_ON_SITE,
		KF_ORDER_STATE_DONE,
	};
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id, v;
	size_t i;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	refused(w, id, kf_order_cancel(w->disp, id, -1, NULL, &err),
	    KF_INVALID, &err, 1, "cancel without a reason");
	refused(w, id, kf_order_cancel(w->disp, id, -1, "   ", &err),
	    KF_INVALID, &err, 1, "cancel with a blank reason");
	refused(w, id, kf_order_cancel(w->rec, id, -1, "客户撤销", &err),
	    KF_DENIED, &err, 1, "cancel by reception");
	drive(w, id, KF_ORDER_STATE_DISPATCHED);
	v = version_of(w, id);
	refused(w, id, kf_order_cancel(w->tech, id, -1, "客户不在家", &err),
	    KF_DENIED, &err, v, "cancel by the technician");

	for (i = 0; i < sizeof(from) / sizeof(from[0]); i++) {
		id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
		drive(w, id, from[i]);
		assert_int_equal(state_of(w, id), from[i]);
		at(w, T0 + 10 * (int64_t)(i + 1));
		OK(kf_order_cancel(i % 2 ? w->sup : w->disp, id, -1,
		    "客户已自行修好", &e_));
		o = get(w->boss, id);
		assert_int_equal(o.state, KF_ORDER_STATE_CANCELLED);
		assert_string_equal(o.cancel_reason, "客户已自行修好");
		v = o.version;
		kf_order_clear(&o);
		refused(w, id, kf_order_cancel(w->sup, id, -1, "again", &err),
		    KF_REFUSED, &err, v, "cancel a cancelled order");
	}
	refused(w, id, kf_order_signoff(w->tech, id, -1, "王先生", &err),
	    KF_REFUSED, &err, v, "signoff a cancelled order");
}

/* R54: a technician sees and touches only his own orders. */
static void
test_r54_technician_sees_only_his_own(void **state)
{
	struct world *w = *state;
	struct kf_order_filter f = any();
	struct kf_order o;
	struct kf_order_item *items;
	struct kf_err err;
	int64_t mine, his, unassigned, ids[MAX_IDS], v;
	size_t n;

	mine = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	his = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	unassigned = new_order(w->rec, mk(KF_ORDER_CAT_INDOOR));
	drive(w, mine, KF_ORDER_STATE_ON_SITE);		/* tech's */
	OK(kf_order_ack(w->disp, his, -1, &e_));
	OK(kf_order_assign(w->disp, his, -1, w->tech2_id, &e_));

	assert_int_equal(kf_order_get(w->tech2, mine, &o, &err), KF_DENIED);
	assert_int_equal(kf_order_get(w->tech, unassigned, &o, &err),
	    KF_DENIED);
	o = get(w->tech, mine);
	kf_order_clear(&o);
	v = version_of(w, mine);
	refused(w, mine, kf_order_arrive(w->tech2, mine, -1, 0, &err), KF_DENIED,
	    &err, v, "arrive on another's order");
	refused(w, mine, kf_order_item_add(w->tech2, mine, "GAS-01", 1, NULL,
	    &err), KF_DENIED, &err, v, "item on another's order");
	refused(w, mine, kf_order_done(w->tech2, mine, -1, "x", 0, &err),
	    KF_DENIED, &err, v, "done on another's order");
	OK(kf_order_done(w->tech, mine, -1, "更换胶管", 0, &e_));
	v = version_of(w, mine);
	refused(w, mine, kf_order_signoff(w->tech2, mine, -1, "王", &err),
	    KF_DENIED, &err, v, "signoff on another's order");
	assert_int_equal(kf_order_items(w->tech2, mine, &items, &n, &err),
	    KF_DENIED);
	refused(w, his, kf_order_arrive(w->tech, his, -1, 0, &err), KF_DENIED,
	    &err, version_of(w, his), "arrive on another's order");

	/* The lists leave out everyone else's, whatever the filter says. */
	n = list_ids(w->tech, &f, ids);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], mine);
	n = list_ids(w->tech2, &f, ids);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], his);
	/* Asking for another's by name: refused, or nothing (not his). */
	f.technician_id = w->tech_id;
	{
		struct kf_order *lv;
		enum kf_rc rc = kf_order_list(w->tech2, &f, KF_PAGE_FIRST,
		    NULL, 100, &lv, &n, &err);

		if (rc == KF_OK) {
			assert_int_equal(n, 0);
			kf_order_list_free(lv, n);
		} else
			assert_int_equal(rc, KF_DENIED);
	}
	f = any();
	f.open_only = true;
	assert_int_equal(list_ids(w->disp, &f, ids), 3);
}

/*
 * On site only the assigned technician records items (R25), materials
 * (R24), the work done (R23) and the sign-off (R26); a dispatcher may
 * record no more than the arrival he was told of by phone.
 */
static void
test_r23_r26_only_the_technician_works_on_site(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t id, v;

	id = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	drive(w, id, KF_ORDER_STATE_DISPATCHED);
	OK(kf_order_arrive(w->disp, id, -1, 0, &e_));
	v = version_of(w, id);
	refused(w, id, kf_order_item_add(w->disp, id, "GAS-01", 1, NULL, &err),
	    KF_DENIED, &err, v, "item by a dispatcher (R25)");
	refused(w, id, kf_order_material(w->disp, id, -1, KF_ORDER_MAT_PASS, "合格",
	    &err), KF_DENIED, &err, v, "materials by a dispatcher (R24)");
	refused(w, id, kf_order_done(w->disp, id, -1, "更换胶管", 0, &err),
	    KF_DENIED, &err, v, "done by a dispatcher (R23)");
	OK(kf_order_done(w->tech, id, -1, "更换胶管", 0, &e_));
	v = version_of(w, id);
	refused(w, id, kf_order_signoff(w->disp, id, -1, "王先生", &err),
	    KF_DENIED, &err, v, "sign-off by a dispatcher (R26)");
	refused(w, id, kf_order_signoff(w->sup, id, -1, "王先生", &err),
	    KF_DENIED, &err, v, "sign-off by the supervisor (R26)");
	OK(kf_order_signoff(w->tech, id, -1, "王先生", &e_));
}

/*
 * R9: a repair done first and registered after is reported at the time it
 * was asked for; its clock runs from then, not from the registration.
 */
static void
test_r9_registered_after_keeps_its_clock(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	int64_t id, ids[MAX_IDS];
	size_t n;

	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 - 3600;
	id = new_order(w->disp, o);
	o = get(w->boss, id);
	assert_int_equal(o.reported_at, T0 - 3600);
	assert_int_equal(o.deadline_at, T0 - 3600 + 2400);
	kf_order_clear(&o);
	n = overdue(w, ids);			/* nobody there yet */
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], id);
}

/* Another caller reporting the same fault is linked to the order. */
static void
test_link_contact(void **state)
{
	struct world *w = *state;
	struct kf_contact c;
	struct kf_order o;
	struct kf_err err;
	int64_t id, cid;

	memset(&c, 0, sizeof(c));
	c.channel = KF_CONTACT_CH_HOTLINE;
	c.purpose = KF_CONTACT_P_REPAIR;
	c.caller_name = sdup("李");
	c.caller_phone = sdup("13900002222");
	c.asked = sdup("楼道有煤气味");
	assert_int_equal(kf_contact_log(w->rec, &c, &cid, &err), KF_OK);
	kf_contact_clear(&c);
	o = mk(KF_ORDER_CAT_PIPE);
	o.contact_id = 99999;
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_NOTFOUND);
	o = mk(KF_ORDER_CAT_PIPE);
	o.contact_id = cid;
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_int_equal(o.contact_id, cid);
	kf_order_clear(&o);
	id = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	assert_int_equal(kf_order_link_contact(w->rec, id, cid, &err), KF_OK);
	assert_int_equal(kf_order_link_contact(w->rec, id, 99999, &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_order_link_contact(w->tech, id, cid, &err),
	    KF_DENIED);
}

/* -------------------------------------------------------- R9 emergency */

static void
test_r9_emergency_dispatch_first_paperwork_after(void **state)
{
	struct world *w = *state;
	struct kf_customer cu;
	struct kf_order o;
	struct kf_err err;
	int64_t id, id2, cid, v;

	id = new_order(w->rec, mk_emergency());
	o = get(w->boss, id);
	assert_true(o.emergency);
	assert_true(o.paperwork_pending);
	assert_int_equal(o.deadline_at, T0 + 2400);
	assert_int_equal(o.customer_id, 0);
	kf_order_clear(&o);
	/* Dispatched at once, straight from reported. */
	OK(kf_order_assign(w->disp, id, -1, w->tech_id, &e_));
	assert_int_equal(state_of(w, id), KF_ORDER_STATE_DISPATCHED);
	drive(w, id, KF_ORDER_STATE_DONE);
	at(w, T0 + 1800);
	OK(kf_order_signoff(w->tech, id, -1, "王先生", &e_));
	o = get(w->boss, id);
	assert_int_equal(o.state, KF_ORDER_STATE_SIGNED);	/* not closed yet */
	assert_int_equal(o.signed_at, T0 + 1800);
	assert_int_equal(o.closed_at, 0);
	assert_true(o.paperwork_pending);
	v = o.version;
	kf_order_clear(&o);

	/* Filled in: by whom, and half is not enough. */
	at(w, T0 + 3600);
	refused(w, id, kf_order_edit(w->tech, id, -1, 0, "王先生",
	    "13800001111", NULL, NULL, &err), KF_DENIED, &err, v,
	    "edit by a technician");
	refused(w, id, kf_order_edit(w->bill, id, -1, 0, "王先生",
	    "13800001111", NULL, NULL, &err), KF_DENIED, &err, v,
	    "edit by billing");
	OK(kf_order_edit(w->rec, id, v, 0, "王先生", NULL, NULL, NULL, &e_));
	o = get(w->boss, id);
	assert_true(o.paperwork_pending);		/* no phone yet */
	assert_int_equal(o.state, KF_ORDER_STATE_SIGNED);
	assert_string_equal(o.contact_name, "王先生");
	assert_string_equal(o.address, ADDR);		/* NULL kept it */
	kf_order_clear(&o);
	/* From the version before: someone changed the name meanwhile. */
	refused(w, id, kf_order_edit(w->disp, id, v, 0, "王大伟",
	    NULL, NULL, NULL, &err), KF_CONFLICT, &err, v + 1,
	    "edit from a stale version");
	assert_string_equal(err.conflict.by, "rec");
	/* Signed for: the address and the fault stay as signed (R26). */
	refused(w, id, kf_order_edit(w->disp, id, -1, 0, NULL, NULL,
	    "别的地址", NULL, &err), KF_REFUSED, &err, v + 1,
	    "changing a signed order's address (R26)");
	OK(kf_order_edit(w->disp, id, -1, 0, NULL, "13800001111", NULL, NULL,
	    &e_));
	o = get(w->boss, id);
	assert_false(o.paperwork_pending);
	assert_int_equal(o.state, KF_ORDER_STATE_CLOSED);	/* signed, now complete */
	assert_int_equal(o.closed_at, T0 + 3600);
	assert_string_equal(o.contact_phone, "13800001111");
	assert_true(o.emergency);			/* it was one */
	kf_order_clear(&o);

	/* The customer alone completes it too, with the register's phone
	 * (R20); then sign-off closes. A customer with no phone on file
	 * leaves the paperwork pending (issue 11). */
	at(w, T0 + 4000);
	id2 = new_order(w->disp, mk_emergency());
	OK(kf_order_assign(w->disp, id2, -1, w->tech_id, &e_));
	memset(&cu, 0, sizeof(cu));
	cu.name = sdup("无电话");
	assert_int_equal(kf_customer_add(w->rec, &cu, &cid, &err), KF_OK);
	kf_customer_clear(&cu);
	OK(kf_order_edit(w->sup, id2, -1, cid, NULL, NULL, NULL, NULL, &e_));
	o = get(w->boss, id2);
	assert_true(o.paperwork_pending);
	assert_string_equal(o.contact_phone, "");
	kf_order_clear(&o);
	memset(&cu, 0, sizeof(cu));
	cu.name = sdup("李娜");
	cu.phones[0] = sdup("13900003333");
	assert_int_equal(kf_customer_add(w->rec, &cu, &cid, &err), KF_OK);
	kf_customer_clear(&cu);
	/* The phone field left empty, as the paperwork form sends it. */
	OK(kf_order_edit(w->sup, id2, -1, cid, NULL, "", NULL,
	    "灶具阀门漏气", &e_));
	o = get(w->boss, id2);
	assert_false(o.paperwork_pending);
	assert_int_equal(o.customer_id, cid);
	assert_string_equal(o.contact_phone, "13900003333");
	assert_string_equal(o.fault, "灶具阀门漏气");
	assert_int_equal(o.state, KF_ORDER_STATE_DISPATCHED);
	kf_order_clear(&o);
	/* Blank where something is required stays refused (R20). */
	refused(w, id2, kf_order_edit(w->disp, id2, -1, 0, NULL, NULL, " ",
	    NULL, &err), KF_INVALID, &err, version_of(w, id2),
	    "edit to a blank address");
	refused(w, id2, kf_order_edit(w->disp, id2, -1, 0, NULL, NULL, NULL,
	    "", &err), KF_INVALID, &err, version_of(w, id2),
	    "edit to a blank fault");
	drive(w, id2, KF_ORDER_STATE_SIGNED);
	assert_int_equal(state_of(w, id2), KF_ORDER_STATE_CLOSED);
}

/*
 * A signed order waiting for its paperwork (R9) is still open: on the
 * board, in the technician's load; but once the customer has signed
 * (R26) it can no longer be cancelled.
 */
static void
test_signed_is_open_but_not_cancelled(void **state)
{
	struct world *w = *state;
	struct kf_order_filter f = any();
	struct kf_err err;
	int64_t id, ids[MAX_IDS];
	size_t n;

	id = new_order(w->rec, mk_emergency());
	drive(w, id, KF_ORDER_STATE_SIGNED);
	assert_int_equal(state_of(w, id), KF_ORDER_STATE_SIGNED);
	f.open_only = true;
	n = list_ids(w->disp, &f, ids);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], id);
	refused(w, id, kf_order_cancel(w->sup, id, -1, "客户身份无法核实",
	    &err), KF_REFUSED, &err, version_of(w, id),
	    "cancel after the customer signed");
	assert_int_equal(state_of(w, id), KF_ORDER_STATE_SIGNED);
}

/* ------------------------------------------- R22: off the paid list */

static void
test_r22_off_the_list_needs_approval(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t on, unknown, inactive, v;

	on = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	o = mk(KF_ORDER_CAT_PAID);
	free(o.fee_code);
	o.fee_code = sdup("WALL-99");		/* not on the list */
	unknown = new_order(w->rec, o);
	o = mk(KF_ORDER_CAT_PAID);
	free(o.fee_code);
	o.fee_code = sdup("GAS-OLD");		/* inactive */
	inactive = new_order(w->rec, o);

	o = get(w->boss, on);
	assert_false(o.needs_approval);
	kf_order_clear(&o);
	o = get(w->boss, unknown);
	assert_true(o.needs_approval);
	assert_string_equal(o.fee_code, "WALL-99");
	assert_int_equal(o.approved_by, 0);
	kf_order_clear(&o);
	o = get(w->boss, inactive);
	assert_true(o.needs_approval);
	kf_order_clear(&o);

	drive(w, on, KF_ORDER_STATE_DISPATCHED);		/* on the list: no approval */
	OK(kf_order_ack(w->sup, unknown, -1, &e_));
	v = version_of(w, unknown);
	refused(w, unknown, kf_order_assign(w->disp, unknown, -1, w->tech_id,
	    &err), KF_REFUSED, &err, v, "assign before approval (R22)");
	refused(w, unknown, kf_order_approve(w->disp, unknown, -1, &err),
	    KF_DENIED, &err, v, "approval by a dispatcher");
	refused(w, unknown, kf_order_approve(w->rec, unknown, -1, &err),
	    KF_DENIED, &err, v, "approval by reception");
	refused(w, unknown, kf_order_approve(w->tech, unknown, -1, &err),
	    KF_DENIED, &err, v, "approval by a technician");
	at(w, T0 + 300);
	OK(kf_order_approve(w->sup, unknown, v, &e_));
	o = get(w->boss, unknown);
	assert_int_equal(o.approved_by, w->sup_id);
	assert_int_equal(o.approved_at, T0 + 300);
	kf_order_clear(&o);
	OK(kf_order_assign(w->disp, unknown, -1, w->tech_id, &e_));
	assert_int_equal(state_of(w, unknown), KF_ORDER_STATE_DISPATCHED);

	OK(kf_order_ack(w->disp, inactive, -1, &e_));
	refused(w, inactive, kf_order_assign(w->disp, inactive, -1,
	    w->tech_id, &err), KF_REFUSED, &err, version_of(w, inactive),
	    "assign an inactive item before approval (R22)");
}

/* ------------------------------------------ R25 items, R19 amount due */

static struct kf_order_item *
items_of(struct kf_core *k, int64_t id, size_t *n)
{
	struct kf_order_item *v;
	struct kf_err err;

	if (kf_order_items(k, id, &v, n, &err) != KF_OK)
		fail_msg("items: %s", err.msg);
	return v;
}

static void
test_r25_items_at_the_price_of_the_moment(void **state)
{
	struct world *w = *state;
	struct kf_order_item *v;
	struct kf_order o;
	struct kf_err err;
	int64_t id, first = 0, v0;
	size_t n;

	id = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	drive(w, id, KF_ORDER_STATE_ON_SITE);
	v0 = version_of(w, id);
	refused(w, id, kf_order_item_add(w->tech, id, "GAS-01", 0, NULL, &err),
	    KF_INVALID, &err, v0, "quantity 0");
	refused(w, id, kf_order_item_add(w->tech, id, "GAS-01", -1, NULL, &err),
	    KF_INVALID, &err, v0, "negative quantity");
	refused(w, id, kf_order_item_add(w->tech, id, "NOPE-1", 1, NULL, &err),
	    KF_NOTFOUND, &err, v0, "unknown code");
	assert_int_not_equal(kf_order_item_add(w->tech, id, "GAS-OLD", 1, NULL,
	    &err), KF_OK);			/* an active code only */
	v = items_of(w->tech, id, &n);
	assert_int_equal(n, 0);
	kf_order_items_free(v, n);

	OK(kf_order_item_add(w->tech, id, "GAS-01", 2, &first, &e_));
	assert_true(first > 0);
	/* The list changes: what was charged does not. */
	assert_int_equal(kf_fee_set(w->boss, "GAS-01", -1, NULL, NULL, 1800, -1,
	    &err), KF_OK);
	OK(kf_order_item_add(w->tech, id, "PIPE-02", 3, NULL, &e_));
	OK(kf_order_done(w->tech, id, -1, "更换胶管两次，管段3米", 0, &e_));
	OK(kf_order_item_add(w->tech, id, "GAS-01", 1, NULL, &e_));	/* done */

	v = items_of(w->tech, id, &n);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].id, first);		/* in the order added */
	assert_int_equal(v[0].order_id, id);
	assert_string_equal(v[0].code, "GAS-01");
	assert_string_equal(v[0].name, "更换灶具胶管");
	assert_string_equal(v[0].unit, "次");
	assert_int_equal(v[0].unit_price, 1500);
	/* R17: the list's price at the time of the work, not the list's now. */
	assert_int_equal(v[0].list_price, 1500);
	assert_int_equal(v[0].audit, KF_ITEM_AT_LIST);
	assert_int_equal(v[0].quantity, 2);
	assert_int_equal(v[0].amount, 3000);
	assert_false(v[0].corrected);
	assert_string_equal(v[1].code, "PIPE-02");
	assert_string_equal(v[1].unit, "米");
	assert_int_equal(v[1].unit_price, 3000);
	assert_int_equal(v[1].amount, 9000);
	assert_int_equal(v[2].unit_price, 1800);
	assert_int_equal(v[2].list_price, 1800);
	assert_int_equal(v[2].amount, 1800);
	kf_order_items_free(v, n);

	/* R19: no cash at the door; the order carries the amount due. */
	OK(kf_order_signoff(w->tech, id, -1, "王先生", &e_));
	o = get(w->boss, id);
	assert_int_equal(o.state, KF_ORDER_STATE_CLOSED);
	assert_int_equal(o.amount_due, 3000 + 9000 + 1800);
	kf_order_clear(&o);
	refused(w, id, kf_order_item_add(w->tech, id, "GAS-01", 1, NULL, &err),
	    KF_REFUSED, &err, version_of(w, id), "item after sign-off (R25)");
	v = items_of(w->boss, id, &n);
	assert_int_equal(n, 3);
	kf_order_items_free(v, n);
	kf_order_items_free(NULL, 0);
}

/*
 * R17: the charge audit is for prices off the list at the time of the
 * work. A charge made at the list's price before the list changed is
 * right and is not flagged (it was, before schema/018); a technician's
 * off-list price is; the supervisor's correction needs a reason, stays
 * listed as reviewed with who and why, and the amount due follows.
 */
static void
test_r17_charge_audit(void **state)
{
	struct world *w = *state;
	struct kf_audit_filter af = { .actor = "sup", .limit = 100 };
	struct kf_audit_row *rows;
	struct kf_order_item *v;
	struct kf_order o;
	struct kf_err err;
	int64_t id, old_item = 0, new_item = 0, off = 0, iv;
	size_t n, i, audits;
	bool found;

	id = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	drive(w, id, KF_ORDER_STATE_ON_SITE);
	OK(kf_order_item_add(w->tech, id, "GAS-01", 2, &old_item, &e_));
	assert_int_equal(kf_fee_set(w->boss, "GAS-01", -1, NULL, NULL, 1800, -1,
	    &err), KF_OK);
	OK(kf_order_item_add(w->tech, id, "GAS-01", 1, &new_item, &e_));
	/* Off the list: only with a note saying why. */
	assert_int_equal(kf_order_item_add_priced(w->tech, id, "GAS-01", 1,
	    1200, "", NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "note");
	assert_int_equal(kf_order_item_add_priced(w->tech, id, "GAS-01", 1,
	    -1, "客户自备", NULL, &err), KF_INVALID);
	OK(kf_order_item_add_priced(w->tech, id, "GAS-01", 1, 1200, "胶管较短",
	    &off, &e_));
	drive(w, id, KF_ORDER_STATE_SIGNED);
	o = get(w->boss, id);
	assert_int_equal(o.amount_due, 3000 + 1800 + 1200);
	kf_order_clear(&o);

	assert_int_equal(kf_order_charges_flagged(w->disp, 10, &v, &n, &err),
	    KF_DENIED);
	assert_int_equal(kf_order_charges_flagged(w->tech, 10, &v, &n, &err),
	    KF_DENIED);
	assert_int_equal(kf_order_charges_flagged(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 1);		/* the off-list one, not the older */
	assert_int_equal(v[0].id, off);
	assert_int_equal(v[0].order_id, id);
	assert_int_equal(v[0].unit_price, 1200);
	assert_int_equal(v[0].list_price, 1800);
	assert_int_equal(v[0].audit, KF_ITEM_FLAGGED);
	assert_string_equal(v[0].off_list_note, "胶管较短");
	iv = v[0].version;
	kf_order_items_free(v, n);

	assert_int_equal(kf_order_item_correct(w->disp, off, iv, 1800, "按价目表",
	    &err), KF_DENIED);
	assert_int_equal(kf_order_item_correct(w->tech, off, iv, 1800, "按价目表",
	    &err), KF_DENIED);
	assert_int_equal(kf_order_item_correct(w->sup, off, iv, -1, "按价目表",
	    &err), KF_INVALID);
	/* A correction carries a reason, always. */
	assert_int_equal(kf_order_item_correct(w->sup, off, iv, 1800, NULL,
	    &err), KF_INVALID);
	assert_string_equal(err.field, "reason");
	assert_non_null(strstr(err.msg, "R17"));
	assert_int_equal(kf_order_item_correct(w->sup, off, iv, 1800, "  ",
	    &err), KF_INVALID);
	assert_int_equal(kf_order_item_correct(w->sup, 99999, -1, 1800, "x",
	    &err), KF_NOTFOUND);
	assert_int_equal(kf_audit_list(w->sup, &af, &rows, &audits, &err),
	    KF_OK);
	kf_audit_list_free(rows, audits);

	at(w, T0 + 86400);
	assert_int_equal(kf_order_item_correct(w->sup, off, iv, 1800,
	    "按价目表收费", &err), KF_OK);
	/* From the same version again: stale. */
	assert_int_equal(kf_order_item_correct(w->sup, off, iv, 1700, "再改",
	    &err), KF_CONFLICT);

	v = items_of(w->boss, id, &n);
	assert_int_equal(n, 3);
	assert_int_equal(v[2].id, off);
	assert_int_equal(v[2].unit_price, 1800);
	assert_int_equal(v[2].amount, 1800);
	assert_true(v[2].corrected);
	assert_int_equal(v[2].audit, KF_ITEM_CORRECTED);
	assert_int_equal(v[2].version, iv + 1);
	assert_false(v[0].corrected);
	kf_order_items_free(v, n);
	o = get(w->boss, id);
	assert_int_equal(o.amount_due, 3000 + 1800 + 1800);
	kf_order_clear(&o);
	assert_int_equal(kf_order_charges_flagged(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 0);
	kf_order_items_free(v, n);

	/* Not silently gone: listed as reviewed, with who, when and why. */
	assert_int_equal(kf_order_charges_reviewed(w->tech, 10, &v, &n, &err),
	    KF_DENIED);
	assert_int_equal(kf_order_charges_reviewed(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, off);
	assert_string_equal(v[0].audited_by, "sup");
	assert_int_equal(v[0].audited_at, T0 + 86400);
	assert_string_equal(v[0].audit_reason, "按价目表收费");
	kf_order_items_free(v, n);

	/* A supervisor's arbitrary price on an item at the list is listed
	 * too; the same price keeps an off-list one (accepted). */
	at(w, T0 + 2 * 86400);
	OK(kf_order_item_correct(w->sup, old_item, -1, 900, "老客户优惠",
	    &e_));
	assert_int_equal(kf_order_charges_reviewed(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, old_item);
	assert_int_equal(v[0].audit, KF_ITEM_CORRECTED);
	assert_string_equal(v[0].audit_reason, "老客户优惠");
	kf_order_items_free(v, n);

	/* The correction left an audit row by the supervisor, at the time. */
	assert_int_equal(kf_audit_list(w->sup, &af, &rows, &n, &err), KF_OK);
	assert_true(n > audits);
	found = false;
	for (i = 0; i < n - audits; i++)	/* the new rows: from 1200 to 1800 */
		if (rows[i].at == T0 + 86400 && rows[i].before != NULL &&
		    strstr(rows[i].before, "1200") != NULL &&
		    rows[i].after != NULL && strstr(rows[i].after, "1800") != NULL
		    && strstr(rows[i].after, "按价目表收费") != NULL)
			found = true;
	assert_true(found);
	kf_audit_list_free(rows, n);
}

/* R17: a kept off-list price is ACCEPTED, with its reason. */
static void
test_r17_accept_off_list(void **state)
{
	struct world *w = *state;
	struct kf_order_item *v;
	struct kf_err err;
	int64_t id, item = 0;
	size_t n;

	id = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	drive(w, id, KF_ORDER_STATE_ON_SITE);
	OK(kf_order_item_add_priced(w->tech, id, "GAS-01", 1, 2500, "加长胶管",
	    &item, &e_));
	OK(kf_order_item_correct(w->sup, item, -1, 2500, "加长合理", &e_));
	v = items_of(w->boss, id, &n);
	assert_int_equal(v[0].audit, KF_ITEM_ACCEPTED);
	assert_false(v[0].corrected);
	assert_int_equal(v[0].unit_price, 2500);
	kf_order_items_free(v, n);
	assert_int_equal(kf_order_charges_flagged(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 0);
	kf_order_items_free(v, n);
}

/* R17: flagged charges come newest first, at most limit. */
/*
 * An order for a customer, its address left blank, takes the customer's
 * in the one-line form Reception stores, so intake finds it (level 3).
 */
static void
test_address_from_the_customer(void **state)
{
	struct world *w = *state;
	struct kf_customer cu = { 0 };
	struct kf_order o, *v;
	struct kf_err err;
	int64_t cid, id;
	size_t n;
	int level;

	cu.name = sdup("郑十");
	cu.community = sdup("翠湖苑");
	cu.building = sdup("8号楼");
	cu.unit = sdup("1单元");
	cu.room = sdup("602");
	assert_int_equal(kf_customer_add(w->boss, &cu, &cid, &err), KF_OK);
	kf_customer_clear(&cu);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	free(o.address);
	free(o.community);
	free(o.building);
	o.address = o.community = o.building = NULL;
	o.customer_id = cid;
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_string_equal(o.address, "翠湖苑 8号楼 1单元 602");
	assert_string_equal(o.community, "翠湖苑");
	assert_string_equal(o.building, "8号楼");
	kf_order_clear(&o);
	assert_int_equal(kf_order_nearby(w->rec, "翠湖苑 8号楼 1单元 602",
	    "翠湖苑", "8号楼", 5, &v, &n, &level, &err), KF_OK);
	assert_int_equal(level, 3);
	assert_int_equal(n, 1);
	kf_order_list_free(v, n);
}

/*
 * A household's history: its orders in every state, newest first (the
 * Dispatch screen's "find"); a technician reads only his own (R54).
 */
static void
test_orders_of_a_customer(void **state)
{
	struct world *w = *state;
	struct kf_customer cu = { 0 };
	struct kf_order o, *v;
	struct kf_err err;
	int64_t cid, first, second, other;
	size_t n;

	cu.name = sdup("钱十一");
	cu.community = sdup("翠湖苑");
	assert_int_equal(kf_customer_add(w->boss, &cu, &cid, &err), KF_OK);
	kf_customer_clear(&cu);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.customer_id = cid;
	first = new_order(w->rec, o);
	OK(kf_order_cancel(w->disp, first, -1, "重复报修", &e_));
	at(w, kf_core_now(w->boss) + 60);
	o = mk(KF_ORDER_CAT_INDOOR);
	o.customer_id = cid;
	second = new_order(w->rec, o);
	drive(w, second, KF_ORDER_STATE_ON_SITE);	/* tech's */
	other = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));	/* no customer */

	OK(kf_order_of_customer(w->rec, cid, 100, &v, &n, &e_));
	assert_int_equal(n, 2);				/* cancelled too */
	assert_int_equal(v[0].id, second);		/* newest first */
	assert_int_equal(v[1].id, first);
	assert_int_equal(v[1].state, KF_ORDER_STATE_CANCELLED);
	assert_string_equal(v[0].technician_name, "tech");
	kf_order_list_free(v, n);
	OK(kf_order_of_customer(w->rec, cid, 1, &v, &n, &e_));
	assert_int_equal(n, 1);				/* at most limit */
	kf_order_list_free(v, n);
	OK(kf_order_of_customer(w->tech, cid, 100, &v, &n, &e_));
	assert_int_equal(n, 1);				/* his own only */
	assert_int_equal(v[0].id, second);
	kf_order_list_free(v, n);
	OK(kf_order_of_customer(w->tech2, cid, 100, &v, &n, &e_));
	assert_int_equal(n, 0);
	kf_order_list_free(v, n);
	assert_true(other != first);
}

/* The deadline's terms the CLI and the board share (R2: 40:00, 40:01). */
static void
test_deadline_predicates(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	int64_t id;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	o = get(w->boss, id);
	assert_true(kf_order_clock_runs(&o));
	assert_int_equal(kf_order_met_at(&o), 0);
	assert_false(kf_order_overdue(&o, o.deadline_at));
	assert_true(kf_order_overdue(&o, o.deadline_at + 1));
	kf_order_clear(&o);
	drive(w, id, KF_ORDER_STATE_ON_SITE);
	o = get(w->boss, id);
	assert_false(kf_order_clock_runs(&o));
	assert_int_equal(kf_order_met_at(&o), o.arrived_at);
	assert_false(kf_order_overdue(&o, o.deadline_at + 3600));
	kf_order_clear(&o);
	id = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));	/* R3: met at work done */
	drive(w, id, KF_ORDER_STATE_ON_SITE);
	o = get(w->boss, id);
	assert_true(kf_order_clock_runs(&o));
	kf_order_clear(&o);
}

/* R19: a cancelled order bills nothing, and no correction brings it back. */
static void
test_cancelled_bills_nothing(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id, item = 0;

	id = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	drive(w, id, KF_ORDER_STATE_ON_SITE);
	OK(kf_order_item_add(w->tech, id, "GAS-01", 2, &item, &e_));
	o = get(w->boss, id);
	assert_int_equal(o.amount_due, 3000);
	assert_int_equal(kf_order_cancel(w->disp, id, o.version, "客户取消",
	    &err), KF_OK);
	kf_order_clear(&o);
	o = get(w->boss, id);
	assert_int_equal(o.state, KF_ORDER_STATE_CANCELLED);
	assert_int_equal(o.amount_due, 0);
	kf_order_clear(&o);
	refused(w, id, kf_order_item_correct(w->sup, item, -1, 2000, "改价",
	    &err), KF_REFUSED, &err, version_of(w, id),
	    "correcting a cancelled order's charge (R19)");
}

/* The duplicate lookup serves intake: a technician may not use it (R54). */
static void
test_nearby_not_for_technicians(void **state)
{
	struct world *w = *state;
	struct kf_order *v;
	struct kf_err err;
	size_t n;
	int level;

	new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	assert_int_equal(kf_order_nearby(w->tech, "阳光花园3号楼301", "阳光花园",
	    "3号楼", 10, &v, &n, &level, &err), KF_DENIED);
	assert_int_equal(n, 0);
}

/* Linked callers are told when the order closes: a callback each (R52). */
static void
test_linked_callers_told_at_close(void **state)
{
	struct world *w = *state;
	struct kf_contact c;
	struct kf_err err;
	int64_t id, first, second, closed_at;

	memset(&c, 0, sizeof(c));
	c.channel = KF_CONTACT_CH_HOTLINE;
	c.purpose = KF_CONTACT_P_REPAIR;
	c.caller_phone = sdup("13900002222");
	c.asked = sdup("楼道有煤气味");
	assert_int_equal(kf_contact_log(w->rec, &c, &first, &err), KF_OK);
	kf_contact_clear(&c);
	memset(&c, 0, sizeof(c));
	c.channel = KF_CONTACT_CH_HOTLINE;
	c.purpose = KF_CONTACT_P_REPAIR;
	c.caller_phone = sdup("13900003333");
	c.asked = sdup("邻居也闻到了");
	assert_int_equal(kf_contact_log(w->rec, &c, &second, &err), KF_OK);
	kf_contact_clear(&c);
	{
		struct kf_order o = mk(KF_ORDER_CAT_PIPE);

		o.contact_id = first;
		id = new_order(w->rec, o);
	}
	assert_int_equal(kf_order_link_contact(w->rec, id, second, &err), KF_OK);
	drive(w, id, KF_ORDER_STATE_DONE);
	/* Not yet: nobody is told before it closes. */
	assert_int_equal(kf_contact_get(w->boss, second, &c, &err), KF_OK);
	assert_int_equal(c.callback_due_at, 0);
	kf_contact_clear(&c);
	drive(w, id, KF_ORDER_STATE_CLOSED);
	{
		struct kf_order o = get(w->boss, id);

		assert_int_equal(o.state, KF_ORDER_STATE_CLOSED);
		closed_at = o.closed_at;
		kf_order_clear(&o);
	}
	assert_int_equal(kf_contact_get(w->boss, first, &c, &err), KF_OK);
	assert_int_equal(c.callback_due_at, closed_at + 86400);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_get(w->boss, second, &c, &err), KF_OK);
	assert_int_equal(c.callback_due_at, closed_at + 86400);
	kf_contact_clear(&c);
}

static void
test_r17_flagged_newest_first(void **state)
{
	struct world *w = *state;
	struct kf_order_item *v;
	struct kf_err err;
	int64_t a, b, ia = 0, ib = 0;
	size_t n;

	a = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	b = new_order(w->rec, mk(KF_ORDER_CAT_PAID));
	drive(w, a, KF_ORDER_STATE_ON_SITE);
	drive(w, b, KF_ORDER_STATE_ON_SITE);
	OK(kf_order_item_add(w->tech, a, "PIPE-02", 1, NULL, &e_));
	assert_int_equal(kf_order_charges_flagged(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 0);			/* all at the list's price */
	kf_order_items_free(v, n);
	/* A later change of the list flags nothing charged before it. */
	assert_int_equal(kf_fee_set(w->boss, "PIPE-02", -1, NULL, NULL, 2800,
	    -1, &err), KF_OK);
	assert_int_equal(kf_order_charges_flagged(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 0);
	kf_order_items_free(v, n);
	OK(kf_order_item_add_priced(w->tech, a, "PIPE-02", 1, 2000, "短管",
	    &ia, &e_));
	OK(kf_order_item_add_priced(w->tech, b, "PIPE-02", 2, 3000, "弯头",
	    &ib, &e_));
	assert_int_equal(kf_order_charges_flagged(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, ib);
	assert_int_equal(v[1].id, ia);
	assert_int_equal(v[0].quantity, 2);
	assert_int_equal(v[0].amount, 6000);
	assert_int_equal(v[0].list_price, 2800);
	kf_order_items_free(v, n);
	assert_int_equal(kf_order_charges_flagged(w->sup, 1, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, ib);
	kf_order_items_free(v, n);
	/* R17: a cancelled order's charges leave the audit (not billed). */
	OK(kf_order_cancel(w->disp, b, -1, "客户取消", &e_));
	assert_int_equal(kf_order_charges_flagged(w->sup, 10, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, ia);
	kf_order_items_free(v, n);
}

/* ------------------------------------------------------- concurrency */

/* Two dispatchers assign the same order from the same version: one wins,
 * the other is told who. */
static void
test_two_dispatchers_assign_at_once(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id, v;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	OK(kf_order_ack(w->sup, id, -1, &e_));
	v = version_of(w, id);
	kf_clock_fix(kf_core_clock(w->disp), T0 + 10);
	kf_clock_fix(kf_core_clock(w->disp2), T0 + 11);
	OK(kf_order_assign(w->disp, id, v, w->tech_id, &e_));
	memset(&err, 0, sizeof(err));
	assert_int_equal(kf_order_assign(w->disp2, id, v, w->tech2_id, &err),
	    KF_CONFLICT);
	assert_string_equal(err.conflict.by, "disp");
	assert_int_equal(err.conflict.at, T0 + 10);
	assert_int_equal(err.conflict.id, id);
	assert_true(err.conflict.field[0] != '\0');
	/* Who took it and for whom, in names, and the rule (R11). */
	assert_non_null(strstr(err.msg, " disp sent order "));
	assert_non_null(strstr(err.msg, " to tech first; yours to tech2 was "
	    "not saved (R11)"));
	o = get(w->boss, id);
	assert_int_equal(o.technician_id, w->tech_id);	/* the winner's */
	assert_int_equal(o.dispatched_by, w->disp_id);
	assert_int_equal(o.version, v + 1);
	kf_order_clear(&o);
	/* Having re-read, he may reassign. */
	OK(kf_order_assign(w->disp2, id, v + 1, w->tech2_id, &e_));
}

/*
 * R2: the clock starts at the report, and a report is never after the
 * moment it is entered (issue 11: a minute's slack moved the deadline a
 * minute on, so an arrival 40:59 after entry showed as met). At now is
 * accepted; a second after now is refused, naming the field and R2.
 */
static void
test_r2_report_never_after_entry(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id;

	at(w, T0);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 + 1;
	refused(w, 0, try_new(w->rec, &o, NULL, &err), KF_INVALID, &err, 0,
	    "reported a second after now (R2)");
	assert_string_equal(err.field, "reported_at");
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 + 60;		/* the old slack */
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_INVALID);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0;
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_int_equal(o.reported_at, T0);
	assert_int_equal(o.deadline_at, T0 + 2400);	/* from now, not later */
	kf_order_clear(&o);
}

/*
 * R9: a repair done first is registered after, but at most the policy
 * order.backdate_within (7 days) after it was asked for: at the bound
 * and a minute inside it are accepted; a second and a minute beyond are
 * refused, naming the policy. The audit row records the time it was
 * entered beside the time reported.
 */
static void
test_r9_backdating_bounded(void **state)
{
	struct world *w = *state;
	struct kf_audit_filter af = { .entity = "work_order", .limit = 10 };
	struct kf_audit_row *rows;
	struct kf_order o;
	struct kf_err err;
	const int64_t week = 7 * 86400;
	char want[96];
	int64_t id;
	size_t n;

	at(w, T0);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 - week - 1;
	refused(w, 0, try_new(w->rec, &o, NULL, &err), KF_REFUSED, &err, 0,
	    "reported a second beyond the bound (R9)");
	assert_string_equal(err.field, "reported_at");
	assert_non_null(strstr(err.msg, "at most 7d"));
	assert_non_null(strstr(err.msg, "order.backdate_within"));
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 - week - 60;
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_REFUSED);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 - week + 60;
	new_order(w->rec, o);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 - week;
	id = new_order(w->rec, o);
	o = get(w->boss, id);
	assert_int_equal(o.reported_at, T0 - week);
	assert_int_equal(o.entered_at, T0);
	assert_true(kf_order_registered_after(&o));
	kf_order_clear(&o);
	af.entity_id = id;
	assert_int_equal(kf_audit_list(w->boss, &af, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].at, T0);
	snprintf(want, sizeof(want), "\"reported_at\":%lld,",
	    (long long)(T0 - week));
	assert_non_null(strstr(rows[0].after, want));
	snprintf(want, sizeof(want), "\"entered_at\":%lld}", (long long)T0);
	assert_non_null(strstr(rows[0].after, want));
	kf_audit_list_free(rows, n);
	/* The admin narrows it: an hour. */
	assert_int_equal(kf_policy_set(w->boss, "order.backdate_within", "1h",
	    -1, &err), KF_OK);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 - 3601;
	assert_int_equal(try_new(w->rec, &o, NULL, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "at most 1h"));
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 - 3600;
	new_order(w->rec, o);
}

/*
 * Issue 11: two dispatchers assign without the version they saw (kefu
 * order assign with no --version). The loser is refused (R11) and told
 * who sent the order to whom and when, as with a version, not only that
 * it is dispatched already.
 */
static void
test_two_dispatchers_without_version(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	char want[256];
	int64_t id, v;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	OK(kf_order_ack(w->sup, id, -1, &e_));
	kf_clock_fix(kf_core_clock(w->disp), T0 + 65);
	OK(kf_order_assign(w->disp, id, -1, w->tech_id, &e_));
	v = version_of(w, id);
	kf_clock_fix(kf_core_clock(w->disp2), T0 + 70);
	memset(&err, 0, sizeof(err));
	assert_int_equal(kf_order_assign(w->disp2, id, -1, w->tech2_id, &err),
	    KF_REFUSED);
	refused(w, id, KF_REFUSED, KF_REFUSED, &err, v, "lost race (R11)");
	/* T0 is 10:41 local: the time of day, the winner, both technicians. */
	snprintf(want, sizeof(want), "At 10:42 disp sent order %lld to tech "
	    "first; yours to tech2 was not saved: to reassign it, give the "
	    "version you saw (R11)", (long long)id);
	assert_string_equal(err.msg, want);
	o = get(w->boss, id);
	assert_int_equal(o.technician_id, w->tech_id);	/* the winner's */
	kf_order_clear(&o);
	/* A day later, the date is given too. */
	kf_clock_fix(kf_core_clock(w->disp2), T0 + 86400);
	assert_int_equal(kf_order_assign(w->disp2, id, -1, w->tech2_id, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "At 2026-11-27 10:42 disp sent "));
}

/* ------------------------------------------------------- duplicates */

static int64_t
at_address(struct world *w, const char *addr, const char *community,
    const char *building)
{
	struct kf_order o = mk(KF_ORDER_CAT_PIPE);

	free(o.address);
	free(o.community);
	free(o.building);
	o.address = sdup(addr);
	o.community = sdup(community);
	o.building = sdup(building);
	return new_order(w->rec, o);
}

static size_t
nearby(struct world *w, const char *addr, const char *community,
    const char *building, int *level, int64_t *ids)
{
	struct kf_order *v;
	struct kf_err err;
	size_t n, i;

	*level = -1;
	if (kf_order_nearby(w->rec, addr, community, building, 50, &v, &n,
	    level, &err) != KF_OK)
		fail_msg("nearby: %s", err.msg);
	for (i = 0; i < n && i < MAX_IDS; i++)
		ids[i] = v[i].id;
	kf_order_list_free(v, n);
	return n;
}

static void
test_nearby_levels(void **state)
{
	struct world *w = *state;
	struct kf_order *v;
	struct kf_err err;
	int64_t a, b, c, gone, ids[MAX_IDS];
	int level;
	size_t n;

	a = at_address(w, ADDR, "电力小区", "3号楼");
	b = at_address(w, "电力小区5号楼1单元101", "电力小区", "5号楼");
	c = at_address(w, "煤气小区3号楼1单元101", "煤气小区", "3号楼");
	gone = at_address(w, ADDR, "电力小区", "3号楼");
	OK(kf_order_cancel(w->disp, gone, -1, "重复报修", &e_));

	n = nearby(w, ADDR, "电力小区", "3号楼", &level, ids);
	assert_int_equal(level, 3);
	assert_true(n >= 1);
	assert_int_equal(ids[0], a);
	assert_false(has(ids, n, gone));		/* open orders only */
	assert_false(has(ids, n, c));

	n = nearby(w, "电力小区3号楼1单元102", "电力小区", "3号楼", &level,
	    ids);
	assert_int_equal(level, 2);
	assert_true(n >= 1);
	assert_int_equal(ids[0], a);
	assert_false(has(ids, n, c));	/* 3号楼 of another community */

	n = nearby(w, "电力小区7号楼1单元101", "电力小区", "7号楼", &level,
	    ids);
	assert_int_equal(level, 1);
	assert_true(has(ids, n, a));
	assert_true(has(ids, n, b));
	assert_false(has(ids, n, c));

	n = nearby(w, "幸福小区1号楼", "幸福小区", "1号楼", &level, ids);
	assert_int_equal(level, 0);
	assert_int_equal(n, 0);

	/* At most limit. */
	assert_int_equal(kf_order_nearby(w->rec, "电力小区7号楼", "电力小区",
	    "7号楼", 1, &v, &n, &level, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(level, 1);
	kf_order_list_free(v, n);

	/* Once a is closed nothing is open at its address or building. */
	drive(w, a, KF_ORDER_STATE_SIGNED);
	n = nearby(w, ADDR, "电力小区", "3号楼", &level, ids);
	assert_int_equal(level, 1);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], b);
}

/* --------------------------------------------------- lists and load */

/* The board pages by (deadline, id): every open order once, in order,
 * even where deadlines are equal. */
static void
test_list_keyset_paging(void **state)
{
	struct world *w = *state;
	struct kf_order_filter f = any();
	struct kf_order *v, o, last = { 0 };
	struct kf_err err;
	int64_t open[MAX_IDS], seen[MAX_IDS], closed, cancelled;
	int64_t last_d = -1, last_id = -1;
	size_t nopen = 0, nseen = 0, n, i;
	int k;

	for (k = 0; k < 3; k++)			/* T0+2400, equal */
		open[nopen++] = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	for (k = 0; k < 2; k++) {		/* T0+1000, equal */
		o = mk(KF_ORDER_CAT_INDOOR);
		o.appointment_at = T0 + 1000;
		open[nopen++] = new_order(w->rec, o);
	}
	open[nopen++] = new_order(w->rec, mk(KF_ORDER_CAT_PIPE_MAJOR));
	open[nopen++] = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	at(w, T0 + 60);				/* T0+2460, later */
	open[nopen++] = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	open[nopen++] = new_order(w->rec, mk_emergency());
	closed = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	drive(w, closed, KF_ORDER_STATE_SIGNED);
	cancelled = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	OK(kf_order_cancel(w->disp, cancelled, -1, "误报", &e_));

	f.open_only = true;
	do {
		assert_int_equal(kf_order_list(w->disp, &f, nseen ?
		    KF_PAGE_AFTER : KF_PAGE_FIRST, &last, 2, &v, &n, &err),
		    KF_OK);
		assert_true(n <= 2);
		for (i = 0; i < n; i++) {
			assert_true(v[i].deadline_at > last_d ||
			    (v[i].deadline_at == last_d && v[i].id > last_id));
			last_d = v[i].deadline_at;
			last_id = v[i].id;
			assert_true(nseen < MAX_IDS);
			seen[nseen++] = v[i].id;
		}
		if (n > 0) {
			last.deadline_at = v[n - 1].deadline_at;
			last.id = v[n - 1].id;
		}
		kf_order_list_free(v, n);
	} while (n == 2);
	assert_int_equal(nseen, nopen);
	for (i = 0; i < nopen; i++)
		assert_true(has(seen, nseen, open[i]));
	assert_false(has(seen, nseen, closed));
	assert_false(has(seen, nseen, cancelled));
	o = get(w->boss, seen[0]);
	assert_int_equal(o.deadline_at, T0 + 1000);	/* soonest first */
	kf_order_clear(&o);

	/* Without open_only the closed and cancelled come too. */
	f = any();
	assert_int_equal(list_ids(w->disp, &f, seen), nopen + 2);
	/* Filters. */
	f.category = KF_ORDER_CAT_PIPE;
	n = list_ids(w->disp, &f, seen);
	assert_int_equal(n, 2);
	f = any();
	f.state = KF_ORDER_STATE_CANCELLED;
	n = list_ids(w->disp, &f, seen);
	assert_int_equal(n, 1);
	assert_int_equal(seen[0], cancelled);
	f = any();
	f.technician_id = w->tech_id;
	n = list_ids(w->disp, &f, seen);
	assert_int_equal(n, 1);
	assert_int_equal(seen[0], closed);
}

/* Checks page dir of f from the anchor (deadline, id; none when id is 0)
 * gives the orders want[0..nwant), in that order. */
static void
page_is(struct kf_core *k, const struct kf_order_filter *f, enum kf_page dir,
    int64_t deadline, int64_t id, int limit, const int64_t *want,
    size_t nwant)
{
	struct kf_order a = { 0 }, *v;
	struct kf_err err;
	size_t n, i;

	a.deadline_at = deadline;
	a.id = id;
	if (kf_order_list(k, f, dir, id ? &a : NULL, limit, &v, &n, &err) !=
	    KF_OK)
		fail_msg("list: %s", err.msg);
	for (i = 0; i < n && i < nwant && v[i].id == want[i]; i++)
		;
	if (n != nwant || i != n)
		fail_msg("page %d from %lld limit %d: %zu rows, row %zu is "
		    "%lld, want %lld", (int)dir, (long long)id, limit, n, i,
		    i < n ? (long long)v[i].id : -1LL,
		    i < nwant ? (long long)want[i] : -1LL);
	kf_order_list_free(v, n);
}

#define PAGE(dir, d, id, lim, ...) do {					\
	const int64_t want_[] = { 0, __VA_ARGS__ };			\
	page_is(w->disp, &f, dir, d, id, lim, want_ + 1,		\
	    sizeof(want_) / sizeof(want_[0]) - 1);			\
} while (0)

/*
 * Every direction of enum kf_page over the board, by (deadline, id) with
 * deadlines tied (three orders due at the same second, two more at
 * another), and an anchor that has left the list (cancelled).
 */
static void
test_list_pages_every_way(void **state)
{
	struct world *w = *state;
	struct kf_order_filter f = any();
	struct kf_order o;
	int64_t a, b, c, d, e, p;
	const int64_t tie = T0 + 2400, early = T0 + 1000;

	a = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));	/* tie: a < b < c */
	b = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	c = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	o = mk(KF_ORDER_CAT_INDOOR);
	o.appointment_at = early;
	d = new_order(w->rec, o);
	o = mk(KF_ORDER_CAT_INDOOR);
	o.appointment_at = early;
	e = new_order(w->rec, o);
	p = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));		/* 4 h: the last */
	o = get(w->disp, a);
	assert_int_equal(o.deadline_at, tie);
	kf_order_clear(&o);
	f.open_only = true;
	/* The board: d e a b c p. */
	PAGE(KF_PAGE_FIRST, 0, 0, 10, d, e, a, b, c, p);
	PAGE(KF_PAGE_FIRST, 0, 0, 2, d, e);
	PAGE(KF_PAGE_AFTER, 0, 0, 1, d);		/* no anchor: FIRST */
	PAGE(KF_PAGE_AFTER, tie, a, 2, b, c);		/* inside the tie */
	PAGE(KF_PAGE_FROM, tie, a, 2, a, b);
	PAGE(KF_PAGE_BEFORE, tie, b, 2, e, a);		/* across deadlines */
	PAGE(KF_PAGE_BEFORE, tie, a, 10, d, e);
	PAGE(KF_PAGE_BEFORE, early, d, 10);		/* before the first */
	PAGE(KF_PAGE_AFTER, T0 + 14400, p, 10);		/* after the last */
	PAGE(KF_PAGE_BEFORE, T0 + 14400, p, 3, a, b, c);
	PAGE(KF_PAGE_LAST, 0, 0, 3, b, c, p);
	PAGE(KF_PAGE_LAST, 0, 0, 10, d, e, a, b, c, p);
	/* b leaves the open board: an anchor at b still places the page. */
	OK(kf_order_cancel(w->disp, b, -1, "误报", &e_));
	PAGE(KF_PAGE_AFTER, tie, b, 10, c, p);
	PAGE(KF_PAGE_FROM, tie, b, 10, c, p);
	PAGE(KF_PAGE_BEFORE, tie, b, 3, d, e, a);
	/* Filters keep the order. */
	f.category = KF_ORDER_CAT_EQUIPMENT;
	PAGE(KF_PAGE_FIRST, 0, 0, 10, a, c);
	PAGE(KF_PAGE_LAST, 0, 0, 1, c);
}
#undef PAGE

/*
 * An order carries its technician's name and login from the same query,
 * in every function that returns orders; "" while none is assigned.
 */
static void
test_rows_carry_technician_name(void **state)
{
	struct world *w = *state;
	struct kf_order_filter f = any();
	struct kf_order o, *v;
	struct kf_err err;
	int64_t mine, free_one;
	size_t n;
	int level;

	OK(kf_staff_edit(w->boss, w->tech_id, -1, "李师傅", ~0u, NULL, &e_));
	mine = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	drive(w, mine, KF_ORDER_STATE_DISPATCHED);
	free_one = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	o = get(w->disp, mine);
	assert_string_equal(o.technician_name, "李师傅");
	assert_string_equal(o.technician_login, "tech");
	kf_order_clear(&o);
	o = get(w->tech, mine);				/* his own (R54) */
	assert_string_equal(o.technician_name, "李师傅");
	kf_order_clear(&o);
	o = get(w->disp, free_one);
	assert_string_equal(o.technician_name, "");
	assert_string_equal(o.technician_login, "");
	kf_order_clear(&o);
	assert_int_equal(kf_order_list(w->disp, &f, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, mine);		/* 40 min before 4 h */
	assert_string_equal(v[0].technician_name, "李师傅");
	assert_string_equal(v[1].technician_name, "");
	kf_order_list_free(v, n);
	assert_int_equal(kf_order_list(w->tech, &f, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].technician_name, "李师傅");
	kf_order_list_free(v, n);
	assert_int_equal(kf_order_nearby(w->rec, ADDR, "电力小区", "3号楼", 10,
	    &v, &n, &level, &err), KF_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].technician_name, "李师傅");
	assert_string_equal(v[1].technician_login, "");
	kf_order_list_free(v, n);
	/* A reassignment shows at once: the name is read, not kept. */
	OK(kf_order_assign(w->disp, mine, version_of(w, mine), w->tech2_id,
	    &e_));
	o = get(w->disp, mine);
	assert_string_equal(o.technician_name, "tech2");
	kf_order_clear(&o);
}

/* The picker's load: each enabled technician's open orders. */
static void
test_tech_load(void **state)
{
	struct world *w = *state;
	struct kf_tech_load *v;
	struct kf_err err;
	int64_t a, b, c, d;
	int tech = -1, tech2 = -1, other = -1;
	size_t n, i;

	a = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	b = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	c = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	d = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	drive(w, a, KF_ORDER_STATE_DISPATCHED);
	drive(w, b, KF_ORDER_STATE_ON_SITE);
	drive(w, c, KF_ORDER_STATE_DONE);
	OK(kf_order_ack(w->disp, d, -1, &e_));
	OK(kf_order_assign(w->disp, d, -1, w->tech2_id, &e_));

#define LOAD() do {							\
	tech = tech2 = other = -1;					\
	assert_int_equal(kf_order_tech_load(w->disp, &v, &n, &err), KF_OK); \
	for (i = 0; i < n; i++) {					\
		assert_non_null(v[i].login);				\
		if (v[i].id == w->tech_id) {				\
			tech = v[i].open;				\
			assert_string_equal(v[i].login, "tech");	\
			assert_non_null(v[i].display_name);		\
		} else if (v[i].id == w->tech2_id)			\
			tech2 = v[i].open;				\
		else if (v[i].id == w->disp_id || v[i].id == w->sup_id)	\
			other = v[i].open;				\
	}								\
	kf_order_tech_load_free(v, n);					\
} while (0)
	LOAD();
	assert_int_equal(tech, 3);
	assert_int_equal(tech2, 1);
	assert_int_equal(other, -1);		/* technicians only */
	drive(w, c, KF_ORDER_STATE_SIGNED);		/* closed */
	OK(kf_order_cancel(w->disp, a, -1, "客户取消", &e_));
	LOAD();
	assert_int_equal(tech, 1);
	assert_int_equal(tech2, 1);
	OK(kf_order_cancel(w->disp, d, -1, "客户取消", &e_));
	LOAD();
	assert_int_equal(tech2, 0);		/* listed with none */
#undef LOAD
	kf_order_tech_load_free(NULL, 0);
}

/* The top bar's count: 0 for a session with nobody logged in. */
static void
test_overdue_count_needs_an_actor(void **state)
{
	struct world *w = *state;
	struct kf_core *k = NULL;
	struct kf_err err;

	new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	at(w, T0 + 2401);
	assert_int_equal(kf_order_overdue_count(w->bill), 1);
	assert_int_equal(kf_core_open(w->fx->path, NULL, &k, &err), KF_OK);
	kf_clock_fix(kf_core_clock(k), T0 + 2401);
	assert_int_equal(kf_order_overdue_count(k), 0);
	kf_core_close(k);
}

/* His open orders' ids, ascending. */
static size_t
my_open(struct kf_core *k, int64_t *ids, size_t max)
{
	size_t n = 99, i;

	for (i = 0; i < max + 1; i++)
		ids[i] = -1;			/* nothing beyond max is written */
	kf_order_my_open(k, ids, max, &n);
	assert_true(n <= max);
	assert_int_equal(ids[max], -1);
	return n;
}

/*
 * The technician's bell: the ids of his open orders; a new one appears on
 * an assignment or a reassignment to him, in the same second too.
 */
static void
test_my_open_orders_for_the_bell(void **state)
{
	struct world *w = *state;
	int64_t a, b, ids[8];

	assert_int_equal(my_open(w->tech, ids, 4), 0);
	assert_int_equal(my_open(w->disp, ids, 4), 0);	/* not a technician */
	a = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	b = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	OK(kf_order_ack(w->disp, a, -1, &e_));
	OK(kf_order_ack(w->disp, b, -1, &e_));
	OK(kf_order_assign(w->disp, a, -1, w->tech_id, &e_));
	assert_int_equal(my_open(w->tech, ids, 4), 1);
	assert_int_equal(ids[0], a);
	assert_int_equal(my_open(w->tech2, ids, 4), 0);
	OK(kf_order_assign(w->disp, b, -1, w->tech2_id, &e_));
	assert_int_equal(my_open(w->tech2, ids, 4), 1);
	assert_int_equal(ids[0], b);
	/* Reassigned to him in the same second: a new id for him. */
	{
		struct kf_order ob = get(w->boss, b);

		OK(kf_order_assign(w->disp, b, ob.version, w->tech_id, &e_));
		kf_order_clear(&ob);
	}
	assert_int_equal(my_open(w->tech, ids, 4), 2);
	assert_int_equal(ids[0], a);			/* ascending */
	assert_int_equal(ids[1], b);
	assert_int_equal(my_open(w->tech2, ids, 4), 0);
	assert_int_equal(my_open(w->tech, ids, 1), 1);	/* at most max */
	assert_int_equal(ids[0], a);
	assert_int_equal(my_open(w->tech, ids, 0), 0);
	/* Only open orders. */
	OK(kf_order_cancel(w->disp, b, -1, "客户取消", &e_));
	drive(w, a, KF_ORDER_STATE_SIGNED);
	assert_int_equal(my_open(w->tech, ids, 4), 0);
}

/* Names for the CLI and the UI, English or Chinese. */
static void
test_names(void **state)
{
	struct kf_err err;
	enum kf_order_cat c;
	enum kf_order_state s;
	int i;

	(void)state;
	assert_string_equal(kf_order_cat_name(KF_ORDER_CAT_EQUIPMENT), "equipment");
	assert_string_equal(kf_order_state_name(KF_ORDER_STATE_REPORTED), "reported");
	for (i = 0; i < KF_ORDER_CAT_COUNT; i++) {
		c = (enum kf_order_cat)-1;
		assert_int_equal(kf_order_cat_parse(kf_order_cat_name(i), &c,
		    &err), KF_OK);
		assert_int_equal(c, i);
		c = (enum kf_order_cat)-1;
		assert_int_equal(kf_order_cat_parse(kf_order_cat_label(i), &c,
		    &err), KF_OK);
		assert_int_equal(c, i);
	}
	for (i = 0; i < KF_ORDER_STATE_COUNT; i++) {
		assert_int_equal(kf_order_state_parse(kf_order_state_name(i), &s,
		    &err), KF_OK);
		assert_int_equal(s, i);
	}
	assert_int_equal(kf_order_cat_parse("nope", &c, &err), KF_INVALID);
	assert_int_equal(kf_order_cat_parse("", &c, &err), KF_INVALID);
	assert_int_equal(kf_order_state_parse("nope", &s, &err), KF_INVALID);
}

/*
 * The state table whole: every move from every state, made by someone
 * who may make it. Allowed exactly where the lifecycle allows it (issue 5,
 * R9, R11, R21–R26); everywhere else refused with KF_REFUSED, naming a
 * rule, and the order left as it was.
 */
enum tmove {
	T_ACK, T_ASSIGN, T_ARRIVE, T_ITEM, T_MATERIAL, T_DONE, T_SIGNOFF,
	T_CANCEL, T_EDIT, T_LINK, T_COUNT
};

static const char *const tmove_names[T_COUNT] = {
	"ack", "assign", "arrive", "item", "material", "done", "signoff",
	"cancel", "edit", "link",
};

/* Written out here, not read from the core: what the lifecycle allows. */
static const bool allowed[KF_ORDER_STATE_COUNT][T_COUNT] = {
	/*		     ack ass arr itm mat don sig can edi lnk */
	[KF_ORDER_STATE_REPORTED]   = { 1,  0,  0,  0,  0,  0,  0,  1,  1,  1 },
	[KF_ORDER_STATE_ACKED]      = { 0,  1,  0,  0,  0,  0,  0,  1,  1,  1 },
	[KF_ORDER_STATE_DISPATCHED] = { 0,  1,  1,  0,  0,  0,  0,  1,  1,  1 },
	[KF_ORDER_STATE_ON_SITE]    = { 0,  0,  0,  1,  1,  1,  0,  1,  1,  1 },
	[KF_ORDER_STATE_DONE]       = { 0,  0,  0,  1,  1,  0,  1,  1,  1,  1 },
	[KF_ORDER_STATE_SIGNED]     = { 0,  0,  0,  0,  0,  0,  0,  0,  1,  1 },
	[KF_ORDER_STATE_CLOSED]     = { 0 },
	[KF_ORDER_STATE_CANCELLED]  = { 0 },
};

/* An order in state s: signed is an emergency's, its paperwork pending. */
static int64_t
order_in(struct world *w, enum kf_order_state s)
{
	struct kf_err err;
	int64_t id;

	id = new_order(w->rec, s == KF_ORDER_STATE_SIGNED ? mk_emergency() :
	    mk(KF_ORDER_CAT_EQUIPMENT));
	if (s == KF_ORDER_STATE_CANCELLED) {
		if (kf_order_cancel(w->disp, id, -1, "客户撤销", &err) != KF_OK)
			fail_msg("cancel: %s", err.msg);
	} else
		drive(w, id, s == KF_ORDER_STATE_CLOSED ? KF_ORDER_STATE_SIGNED : s);
	assert_int_equal(state_of(w, id), s);
	return id;
}

/* Move mv on order id by k; NULL: by its proper maker. */
static enum kf_rc
move_by(struct world *w, struct kf_core *k, int64_t id, enum tmove mv,
    int64_t contact, struct kf_err *err)
{
	struct kf_core *desk = k ? k : w->disp, *field = k ? k : w->tech;

	switch (mv) {
	case T_ACK:	return kf_order_ack(desk, id, -1, err);
	case T_ASSIGN:
		return kf_order_assign(desk, id, version_of(w, id), w->tech2_id,
		    err);
	case T_ARRIVE:	return kf_order_arrive(field, id, -1, 0, err);
	case T_ITEM:
		return kf_order_item_add(field, id, "GAS-01", 1, NULL, err);
	case T_MATERIAL:
		return kf_order_material(field, id, -1, KF_ORDER_MAT_PASS, "合格",
		    err);
	case T_DONE:	return kf_order_done(field, id, -1, "更换阀门", 0, err);
	case T_SIGNOFF:	return kf_order_signoff(field, id, -1, "王先生", err);
	case T_CANCEL:	return kf_order_cancel(desk, id, -1, "重复", err);
	case T_EDIT:
		return kf_order_edit(desk, id, -1, 0, NULL, "13800002222", NULL,
		    NULL, err);
	case T_LINK:
		return kf_order_link_contact(k ? k : w->rec, id, contact, err);
	default:
		fail();
	}
	return KF_DBERR;
}

static int64_t
a_contact(struct world *w)
{
	struct kf_contact c;
	struct kf_err err;
	int64_t id;

	memset(&c, 0, sizeof(c));
	c.channel = KF_CONTACT_CH_HOTLINE;
	c.purpose = KF_CONTACT_P_REPAIR;
	c.caller_phone = sdup("13900004444");
	c.asked = sdup("灶具打不着火");
	if (kf_contact_log(w->rec, &c, &id, &err) != KF_OK)
		fail_msg("contact: %s", err.msg);
	kf_contact_clear(&c);
	return id;
}

static bool
dispatched_to_tech(struct world *w, int64_t id)
{
	struct kf_order o = get(w->boss, id);
	bool yes = o.technician_id == w->tech_id;

	kf_order_clear(&o);
	return yes;
}

static void
test_state_table_every_move_from_every_state(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t contact = a_contact(w), id, v;
	enum kf_rc rc;
	int s, mv;

	for (s = 0; s < KF_ORDER_STATE_COUNT; s++)
		for (mv = 0; mv < T_COUNT; mv++) {
			id = order_in(w, s);
			v = version_of(w, id);
			memset(&err, 0, sizeof(err));
			rc = move_by(w, NULL, id, mv, contact, &err);
			if (allowed[s][mv]) {
				if (rc != KF_OK)
					fail_msg("%s from %s: %s", tmove_names[mv],
					    kf_order_state_name(s), err.msg);
				continue;
			}
			/* A field move on an order not dispatched to him:
			 * not his (R54) before it is the wrong state. */
			if (rc != (mv >= T_ARRIVE && mv <= T_SIGNOFF &&
			    !dispatched_to_tech(w, id) ? KF_DENIED :
			    KF_REFUSED))
				fail_msg("%s from %s: %s (%s), want refused",
				    tmove_names[mv], kf_order_state_name(s),
				    kf_rc_name(rc), err.msg);
			if (strstr(err.msg, "(R") == NULL)
				fail_msg("%s from %s names no rule: %s",
				    tmove_names[mv], kf_order_state_name(s),
				    err.msg);
			if (version_of(w, id) != v)
				fail_msg("%s from %s changed the order",
				    tmove_names[mv], kf_order_state_name(s));
		}
}

/*
 * Who may make each move: every role tries it on an order in a state it
 * leaves from. Those not allowed get KF_DENIED, a message naming the
 * rule behind the limit (cancelling has none), and the order unchanged.
 */
static void
test_every_move_by_every_role(void **state)
{
	struct world *w = *state;
	static const struct {
		enum tmove		 mv;
		enum kf_order_state	 from;
		const char		*who;	/* the roles allowed, by letter */
	} cases[] = {
		{ T_ACK, KF_ORDER_STATE_REPORTED, "ds" },
		{ T_ASSIGN, KF_ORDER_STATE_ACKED, "d" },
		{ T_ARRIVE, KF_ORDER_STATE_DISPATCHED, "dt" },	/* d: he phoned in */
		{ T_ITEM, KF_ORDER_STATE_ON_SITE, "t" },
		{ T_MATERIAL, KF_ORDER_STATE_ON_SITE, "t" },
		{ T_DONE, KF_ORDER_STATE_ON_SITE, "t" },
		{ T_SIGNOFF, KF_ORDER_STATE_DONE, "t" },
		{ T_CANCEL, KF_ORDER_STATE_ACKED, "ds" },
		{ T_EDIT, KF_ORDER_STATE_ACKED, "rds" },
		{ T_LINK, KF_ORDER_STATE_ACKED, "rds" },
	};
	/* r reception, d dispatcher, s supervisor, t the technician it is
	 * dispatched to, o another technician, b billing. */
	const char roles[] = "rdstob";
	struct kf_core *as[6];
	struct kf_err err;
	int64_t contact = a_contact(w), id, v;
	enum kf_rc rc;
	size_t c, r;

	as[0] = w->rec;
	as[1] = w->disp;
	as[2] = w->sup;
	as[3] = w->tech;
	as[4] = w->tech2;
	as[5] = w->bill;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		for (r = 0; r < 6; r++) {
			id = order_in(w, cases[c].from);
			v = version_of(w, id);
			memset(&err, 0, sizeof(err));
			rc = move_by(w, as[r], id, cases[c].mv, contact, &err);
			if (strchr(cases[c].who, roles[r]) != NULL) {
				if (rc != KF_OK)
					fail_msg("%s by %c: %s",
					    tmove_names[cases[c].mv], roles[r],
					    err.msg);
				continue;
			}
			if (rc != KF_DENIED)
				fail_msg("%s by %c: %s (%s), want denied",
				    tmove_names[cases[c].mv], roles[r],
				    kf_rc_name(rc), err.msg);
			if (cases[c].mv != T_CANCEL &&
			    strstr(err.msg, "(R") == NULL)
				fail_msg("%s by %c names no rule: %s",
				    tmove_names[cases[c].mv], roles[r], err.msg);
			if (version_of(w, id) != v)
				fail_msg("%s by %c changed the order",
				    tmove_names[cases[c].mv], roles[r]);
		}
}

/*
 * R9: a repair done first is registered after. The order is reported at
 * the time it was asked for; arrival and work done take their real times,
 * never before the step they follow nor ahead of now, and the audit trail
 * keeps when they were entered.
 */
static void
test_r9_arrival_and_work_registered_after(void **state)
{
	struct world *w = *state;
	struct kf_audit_filter af = { .entity = "work_order", .limit = 10 };
	struct kf_audit_row *rows;
	struct kf_order o;
	struct kf_err err;
	int64_t id, asked = T0 - 3600, v;
	size_t n;

	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = asked;
	id = new_order(w->disp, o);
	drive(w, id, KF_ORDER_STATE_DISPATCHED);
	v = version_of(w, id);
	refused(w, id, kf_order_arrive(w->tech, id, -1, asked - 1, &err),
	    KF_INVALID, &err, v, "arrival a second before the report (R9)");
	assert_string_equal(err.field, "arrived_at");
	refused(w, id, kf_order_arrive(w->tech, id, -1, T0 + 1, &err),
	    KF_INVALID, &err, v, "arrival a second ahead");
	/* On site at the deadline's last second: on time (R2). */
	OK(kf_order_arrive(w->tech, id, -1, asked + 2400, &e_));
	o = get(w->boss, id);
	assert_int_equal(o.arrived_at, asked + 2400);
	assert_int_equal(kf_order_met_at(&o), asked + 2400);
	assert_false(kf_order_overdue(&o, T0));
	kf_order_clear(&o);
	v = version_of(w, id);
	refused(w, id, kf_order_done(w->tech, id, -1, "更换阀门", asked + 2399,
	    &err), KF_INVALID, &err, v, "work done before the arrival (R9)");
	assert_string_equal(err.field, "done_at");
	OK(kf_order_done(w->tech, id, -1, "更换阀门", asked + 3000, &e_));
	o = get(w->boss, id);
	assert_int_equal(o.done_at, asked + 3000);
	kf_order_clear(&o);
	/* The trail: the times claimed, entered now. */
	af.entity_id = id;
	assert_int_equal(kf_audit_list(w->sup, &af, &rows, &n, &err), KF_OK);
	assert_true(n >= 2);
	assert_string_equal(rows[0].action, "order.done");
	assert_int_equal(rows[0].at, T0);
	{
		char want[48];

		snprintf(want, sizeof(want), "\"done_at\":%lld",
		    (long long)(asked + 3000));
		if (strstr(rows[0].after, want) == NULL)
			fail_msg("audit of order.done: %s, want %s",
			    rows[0].after, want);
	}
	assert_string_equal(rows[1].action, "order.arrive");
	assert_int_equal(rows[1].at, T0);
	kf_audit_list_free(rows, n);
}

/* Every caller linked to an order is told when it closes or is cancelled
 * (more than a screenful of them). */
static void
test_every_linked_caller_told_at_cancel(void **state)
{
	struct world *w = *state;
	struct kf_contact c;
	struct kf_err err;
	int64_t id, ids[80], cancelled_at;
	size_t i;

	id = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	for (i = 0; i < 80; i++) {
		ids[i] = a_contact(w);
		OK(kf_order_link_contact(w->rec, id, ids[i], &e_));
	}
	OK(kf_order_cancel(w->disp, id, -1, "燃气公司总阀检修", &e_));
	{
		struct kf_order o = get(w->boss, id);

		cancelled_at = o.closed_at;
		kf_order_clear(&o);
	}
	for (i = 0; i < 80; i++) {
		assert_int_equal(kf_contact_get(w->boss, ids[i], &c, &err),
		    KF_OK);
		if (c.callback_due_at != cancelled_at + 86400)
			fail_msg("caller %zu of 80 not told", i + 1);
		kf_contact_clear(&c);
	}
}

/* R22 whatever the category: an item code the list lacks waits for the
 * supervisor; one on the list does not. */
static void
test_r22_unknown_item_in_any_category(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	int64_t known, unknown;

	o = mk(KF_ORDER_CAT_INDOOR);
	o.fee_code = sdup("GAS-01");
	known = new_order(w->rec, o);
	o = mk(KF_ORDER_CAT_INDOOR);
	o.fee_code = sdup("NOPE-1");
	unknown = new_order(w->rec, o);
	o = get(w->boss, known);
	assert_false(o.needs_approval);
	kf_order_clear(&o);
	o = get(w->boss, unknown);
	assert_true(o.needs_approval);
	kf_order_clear(&o);
	drive(w, unknown, KF_ORDER_STATE_ACKED);
	{
		struct kf_err err;
		int64_t v = version_of(w, unknown);

		refused(w, unknown, kf_order_assign(w->disp, unknown, -1,
		    w->tech_id, &err), KF_REFUSED, &err, v,
		    "dispatch before approval (R22)");
	}
	OK(kf_order_approve(w->sup, unknown, -1, &e_));
	OK(kf_order_assign(w->disp, unknown, -1, w->tech_id, &e_));
}

/* R54: a technician reads the customer record of his own open order and
 * of no other; the desk roles read any. */
static void
test_r54_technician_sees_his_jobs_customer(void **state)
{
	struct world *w = *state;
	struct kf_customer cu;
	struct kf_order o;
	struct kf_err err;
	int64_t cust, other, id;

	memset(&cu, 0, sizeof(cu));
	cu.name = sdup("王建国");
	cu.phones[0] = sdup("13800007777");
	cu.community = sdup("电力小区");
	assert_int_equal(kf_customer_add(w->rec, &cu, &cust, &err), KF_OK);
	kf_customer_clear(&cu);
	memset(&cu, 0, sizeof(cu));
	cu.name = sdup("李秀英");
	cu.phones[0] = sdup("13800008888");
	cu.community = sdup("电力小区");
	assert_int_equal(kf_customer_add(w->rec, &cu, &other, &err), KF_OK);
	kf_customer_clear(&cu);

	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.customer_id = cust;
	id = new_order(w->rec, o);
	assert_int_equal(kf_customer_get(w->tech, cust, &cu, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "R54"));
	drive(w, id, KF_ORDER_STATE_DISPATCHED);		/* now his job */
	assert_int_equal(kf_customer_get(w->tech, cust, &cu, &err), KF_OK);
	assert_string_equal(cu.name, "王建国");
	kf_customer_clear(&cu);
	assert_int_equal(kf_customer_get(w->tech2, cust, &cu, &err),
	    KF_DENIED);
	assert_int_equal(kf_customer_get(w->tech, other, &cu, &err),
	    KF_DENIED);
	assert_int_equal(kf_customer_get_account(w->tech, "nope", &cu, &err),
	    KF_DENIED);
	drive(w, id, KF_ORDER_STATE_SIGNED);		/* closed: no longer his */
	assert_int_equal(state_of(w, id), KF_ORDER_STATE_CLOSED);
	assert_int_equal(kf_customer_get(w->tech, cust, &cu, &err), KF_DENIED);
	assert_int_equal(kf_customer_get(w->bill, cust, &cu, &err), KF_OK);
	kf_customer_clear(&cu);
}

/*
 * The board's header counts every open order the filter keeps, not the
 * rows on screen: overdue from the second after the deadline, due soon
 * up to soon_s ahead, the met and closed ones in neither; a technician
 * counts his own.
 */
static void
test_counts_for_the_board(void **state)
{
	struct world *w = *state;
	struct kf_order_filter f = any();
	struct kf_order_counts c;
	struct kf_err err;
	int64_t late, soon, met, mine;

	late = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));	/* due T0+2400 */
	at(w, T0 + 1000);
	soon = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));	/* due T0+3400 */
	met = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	drive(w, met, KF_ORDER_STATE_DONE);			/* cleared: met */
	mine = new_order(w->rec, mk(KF_ORDER_CAT_PIPE_MAJOR));
	drive(w, mine, KF_ORDER_STATE_DISPATCHED);
	drive(w, new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT)), KF_ORDER_STATE_SIGNED);
	assert_int_equal(state_of(w, late), KF_ORDER_STATE_REPORTED);

	/* At the late one's deadline: not overdue yet; soon within 1000 s. */
	OK(kf_order_count(w->disp, &f, T0 + 2400, 1000, &c, &e_));
	assert_int_equal(c.open, 4);
	assert_int_equal(c.overdue, 0);
	assert_int_equal(c.due_soon, 2);
	/* A second later: the late one is overdue; the other, due at
	 * T0+3400, is soon within 999 s and not within 998. */
	OK(kf_order_count(w->disp, &f, T0 + 2401, 998, &c, &e_));
	assert_int_equal(c.overdue, 1);
	assert_int_equal(c.due_soon, 0);
	OK(kf_order_count(w->disp, &f, T0 + 2401, 999, &c, &e_));
	assert_int_equal(c.due_soon, 1);
	assert_true(soon > late);
	f.overdue_only = true;
	OK(kf_order_count(w->disp, &f, T0 + 2401, 1000, &c, &e_));
	assert_int_equal(c.open, 1);
	f = any();
	f.category = KF_ORDER_CAT_PIPE;
	OK(kf_order_count(w->disp, &f, T0 + 2401, 1000, &c, &e_));
	assert_int_equal(c.open, 1);
	assert_int_equal(c.overdue, 0);
	/* A technician: his own only, whatever he asks for. */
	f = any();
	OK(kf_order_count(w->tech, &f, T0 + 2401, 1000, &c, &e_));
	assert_int_equal(c.open, 2);		/* met (done) and mine */
	f.technician_id = w->tech2_id;
	OK(kf_order_count(w->tech, &f, T0 + 2401, 1000, &c, &e_));
	assert_int_equal(c.open, 0);
	f = any();			/* an admin counts every order */
	assert_int_equal(kf_order_count(w->fx->k, &f, T0 + 2401, 1000, &c,
	    &err), KF_OK);
	assert_int_equal(c.open, 4);
	assert_int_equal(c.overdue, 1);
}

/* A contact lists the orders it led to or was linked to, oldest first. */
static void
test_orders_of_a_contact(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t contact = a_contact(w), other = a_contact(w), a, b, ids[4];
	size_t n;

	OK(kf_order_ids_of_contact(w->rec, contact, ids, 4, &n, &e_));
	assert_int_equal(n, 0);
	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.contact_id = contact;
	a = new_order(w->rec, o);
	b = new_order(w->rec, mk(KF_ORDER_CAT_PIPE));
	OK(kf_order_link_contact(w->rec, b, contact, &e_));
	OK(kf_order_link_contact(w->rec, b, other, &e_));
	OK(kf_order_ids_of_contact(w->rec, contact, ids, 4, &n, &e_));
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], a);
	assert_int_equal(ids[1], b);
	OK(kf_order_ids_of_contact(w->disp, contact, ids, 1, &n, &e_));
	assert_int_equal(n, 1);			/* at most max */
	OK(kf_order_ids_of_contact(w->rec, other, ids, 4, &n, &e_));
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], b);
	assert_int_equal(kf_order_ids_of_contact(w->tech, contact, ids, 4, &n,
	    &err), KF_DENIED);
}

/* kf_order_may asks the state table without moving: the same answers
 * as the move, and the order untouched. */
static void
test_may_asks_without_moving(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id, v;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	drive(w, id, KF_ORDER_STATE_ON_SITE);
	v = version_of(w, id);
	o = get(w->boss, id);
	assert_int_equal(kf_order_may(w->tech, &o, KF_ORDER_MOVE_SIGNOFF, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R23, R26)"));
	assert_int_equal(kf_order_may(w->tech, &o, KF_ORDER_MOVE_DONE, &err), KF_OK);
	assert_int_equal(kf_order_may(w->tech2, &o, KF_ORDER_MOVE_DONE, &err),
	    KF_DENIED);
	assert_int_equal(kf_order_may(w->rec, &o, KF_ORDER_MOVE_ASSIGN, &err),
	    KF_DENIED);
	assert_non_null(strstr(err.msg, "(R11)"));
	assert_int_equal(kf_order_may(w->tech, &o, KF_ORDER_MOVE_COUNT, &err),
	    KF_INVALID);
	kf_order_clear(&o);
	assert_int_equal(version_of(w, id), v);
}

/*
 * R2 against R9: a live order's clock cannot be rewound. An earlier
 * arrival or work-done time is taken only up to when the order was
 * entered; on an order registered after, the desk may file the work done.
 */
static void
test_r2_live_clock_not_rewound(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t live, after, v;

	live = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));	/* entered at T0 */
	drive(w, live, KF_ORDER_STATE_DISPATCHED);
	at(w, T0 + 7200);			/* two hours late */
	v = version_of(w, live);
	refused(w, live, kf_order_arrive(w->tech, live, -1, T0 + 600, &err),
	    KF_REFUSED, &err, v, "a live order's arrival backdated (R2)");
	assert_string_equal(err.field, "arrived_at");
	refused(w, live, kf_order_arrive(w->disp, live, -1, T0 + 1, &err),
	    KF_REFUSED, &err, v, "by the desk either (R9)");
	OK(kf_order_arrive(w->tech, live, -1, T0, &e_));	/* at its entry */
	/* The desk does not record a live order's work. */
	refused(w, live, kf_order_done(w->disp, live, -1, "更换阀门", 0, &err),
	    KF_DENIED, &err, version_of(w, live), "done by the desk (R54)");

	o = mk(KF_ORDER_CAT_EQUIPMENT);
	o.reported_at = T0 + 7200 - 3600;	/* asked an hour ago */
	after = new_order(w->disp, o);
	o = get(w->boss, after);
	assert_int_equal(o.entered_at, T0 + 7200);
	kf_order_clear(&o);
	drive(w, after, KF_ORDER_STATE_DISPATCHED);
	OK(kf_order_arrive(w->disp, after, -1, T0 + 7200 - 3000, &e_));
	OK(kf_order_done(w->disp, after, -1, "更换阀门", T0 + 7200 - 1200,
	    &e_));
	o = get(w->boss, after);
	assert_int_equal(o.done_at, T0 + 7200 - 1200);
	assert_int_equal(o.state, KF_ORDER_STATE_DONE);
	kf_order_clear(&o);
}

/* kf_order_may answers a dispatch as the move would, before the picker. */
static void
test_may_dispatch_guards(void **state)
{
	struct world *w = *state;
	struct kf_order o;
	struct kf_err err;
	int64_t id, paid;

	id = new_order(w->rec, mk(KF_ORDER_CAT_EQUIPMENT));
	o = get(w->boss, id);
	assert_int_equal(kf_order_may(w->disp, &o, KF_ORDER_MOVE_ASSIGN, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R21)"));
	kf_order_clear(&o);
	o = mk(KF_ORDER_CAT_PAID);
	free(o.fee_code);
	o.fee_code = sdup("WALL-99");
	paid = new_order(w->rec, o);
	drive(w, paid, KF_ORDER_STATE_ACKED);
	o = get(w->boss, paid);
	assert_int_equal(kf_order_may(w->disp, &o, KF_ORDER_MOVE_ASSIGN, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R22)"));
	kf_order_clear(&o);
	OK(kf_order_approve(w->sup, paid, -1, &e_));
	o = get(w->boss, paid);
	assert_int_equal(kf_order_may(w->disp, &o, KF_ORDER_MOVE_ASSIGN, &err),
	    KF_OK);
	kf_order_clear(&o);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, w_setup, w_teardown)
	const struct CMUnitTest tests[] = {
		T(test_r2_equipment_deadline_edges),
		T(test_r20_appointment_is_the_deadline),
		T(test_r3_pipeline_deadlines_at_work_done),
		T(test_indoor_and_paid_policies),
		T(test_r2_policy_change_applies_to_new_orders),
		T(test_r20_required_fields_and_who_reports),
		T(test_r21_ack),
		T(test_r11_assign),
		T(test_lifecycle_fields),
		T(test_illegal_moves),
		T(test_cancel),
		T(test_cancelled_bills_nothing),
		T(test_deadline_predicates),
		T(test_address_from_the_customer),
		T(test_orders_of_a_customer),
		T(test_linked_callers_told_at_close),
		T(test_nearby_not_for_technicians),
		T(test_r23_r26_only_the_technician_works_on_site),
		T(test_r9_registered_after_keeps_its_clock),
		T(test_link_contact),
		T(test_r54_technician_sees_only_his_own),
		T(test_r9_emergency_dispatch_first_paperwork_after),
		T(test_signed_is_open_but_not_cancelled),
		T(test_r22_off_the_list_needs_approval),
		T(test_r25_items_at_the_price_of_the_moment),
		T(test_r17_charge_audit),
		T(test_r17_flagged_newest_first),
		T(test_r17_accept_off_list),
		T(test_two_dispatchers_assign_at_once),
		T(test_two_dispatchers_without_version),
		T(test_r2_report_never_after_entry),
		T(test_r9_backdating_bounded),
		T(test_nearby_levels),
		T(test_list_keyset_paging),
		T(test_list_pages_every_way),
		T(test_rows_carry_technician_name),
		T(test_tech_load),
		T(test_overdue_count_needs_an_actor),
		T(test_my_open_orders_for_the_bell),
		T(test_state_table_every_move_from_every_state),
		T(test_every_move_by_every_role),
		T(test_r9_arrival_and_work_registered_after),
		T(test_every_linked_caller_told_at_cancel),
		T(test_r22_unknown_item_in_any_category),
		T(test_r54_technician_sees_his_jobs_customer),
		T(test_counts_for_the_board),
		T(test_orders_of_a_contact),
		T(test_may_asks_without_moving),
		T(test_r2_live_clock_not_rewound),
		T(test_may_dispatch_guards),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
