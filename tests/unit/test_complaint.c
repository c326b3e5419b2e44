/*
 * test_complaint.c — complaints against the clock (include/kefu/complaint.h):
 * registering whole (R27, R28), every clock at its edges with a fixed
 * clock (R30, R33–R36, R38: the second before, at and after), the
 * ladder's thresholds (R29), every move from every state and every move
 * by every role (the state table whole), the R39 gate, reopen and
 * withdraw (R32), two supervisors signing at once, duplicates (R48:
 * ranking, links, loops, the result told to each), search, the
 * supervisor's queue and its counts, and the categories.
 *
 * Every test runs in a world of one session per role (see w_setup), all
 * on the fixture's fixed clock, moved together with at().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "sql_all.h"
#include "internal.h"
#include "kefu/audit.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/customer.h"
#include "kefu/i18n.h"
#include "kefu/policy.h"
#include "kefu/staff.h"

#define DAY	86400LL

struct world {
	struct fixture	*fx;
	struct kf_core	*boss;		/* admin */
	struct kf_core	*rec, *disp, *sup, *sup2, *tech, *tech2, *bill;
	int64_t		 rec_id, disp_id, sup_id, sup2_id, tech_id, tech2_id;
	int64_t		 bill_id, old_id;	/* old: disabled */
	int64_t		 cat;		/* "repair" */
};

static int
w_setup(void **state)
{
	struct world *w;
	struct kf_err err;
	struct kf_complaint_category *v;
	size_t n, i;

	if (fx_setup(state) != 0)
		return -1;
	w = calloc(1, sizeof(*w));
	w->fx = *state;
	w->boss = w->fx->k;
	w->rec_id = fx_staff(w->boss, "rec", KF_ROLE_RECEPTION);
	w->disp_id = fx_staff(w->boss, "disp", KF_ROLE_DISPATCHER);
	w->sup_id = fx_staff(w->boss, "sup", KF_ROLE_SUPERVISOR);
	w->sup2_id = fx_staff(w->boss, "sup2", KF_ROLE_SUPERVISOR);
	w->tech_id = fx_staff(w->boss, "tech", KF_ROLE_TECHNICIAN);
	w->tech2_id = fx_staff(w->boss, "tech2", KF_ROLE_TECHNICIAN);
	w->bill_id = fx_staff(w->boss, "bill", KF_ROLE_BILLING);
	w->old_id = fx_staff(w->boss, "old", KF_ROLE_TECHNICIAN);
	if (kf_staff_set_disabled(w->boss, w->old_id, -1, true, &err) != KF_OK)
		fail_msg("disable: %s", err.msg);
	w->rec = fx_session(w->fx, "rec");
	w->disp = fx_session(w->fx, "disp");
	w->sup = fx_session(w->fx, "sup");
	w->sup2 = fx_session(w->fx, "sup2");
	w->tech = fx_session(w->fx, "tech");
	w->tech2 = fx_session(w->fx, "tech2");
	w->bill = fx_session(w->fx, "bill");
	if (kf_complaint_categories(w->boss, false, &v, &n, &err) != KF_OK)
		fail_msg("categories: %s", err.msg);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, "repair") == 0)
			w->cat = v[i].id;
	kf_complaint_categories_free(v, n);
	assert_true(w->cat > 0);
	*state = w;
	return 0;
}

static int
w_teardown(void **state)
{
	struct world *w = *state;

	kf_core_close(w->rec);
	kf_core_close(w->disp);
	kf_core_close(w->sup);
	kf_core_close(w->sup2);
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
	kf_clock_fix(kf_core_clock(w->sup), t);
	kf_clock_fix(kf_core_clock(w->sup2), t);
	kf_clock_fix(kf_core_clock(w->tech), t);
	kf_clock_fix(kf_core_clock(w->tech2), t);
	kf_clock_fix(kf_core_clock(w->bill), t);
}

static char *
sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* A whole complaint (R27): 王先生 about a repair at 电力小区 3号楼. */
static struct kf_complaint
mk(struct world *w)
{
	struct kf_complaint c;

	memset(&c, 0, sizeof(c));
	c.name = sdup("王先生");
	c.phone = sdup("13800001111");
	c.what = sdup("维修师傅态度恶劣，灶具还是打不着火");
	c.place = sdup("电力小区3号楼2单元301");
	c.community = sdup("电力小区");
	c.building = sdup("3号楼");
	c.happened_at = T0 - 3600;
	c.channel = KF_CPL_CH_HOTLINE;
	c.category_id = w->cat;
	c.severity = KF_CPL_ORDINARY;
	return c;
}

static enum kf_rc
try_new(struct kf_core *k, struct kf_complaint *c, int64_t *id,
    struct kf_err *err)
{
	int64_t dummy;
	enum kf_rc rc = kf_complaint_new(k, c, id ? id : &dummy, err);

	kf_complaint_clear(c);
	return rc;
}

static int64_t
new_cpl(struct kf_core *k, struct kf_complaint c)
{
	struct kf_err err;
	int64_t id = 0;

	if (try_new(k, &c, &id, &err) != KF_OK)
		fail_msg("new: %s", err.msg);
	assert_true(id > 0);
	return id;
}

static struct kf_complaint
get(struct kf_core *k, int64_t id)
{
	struct kf_complaint c;
	struct kf_err err;

	if (kf_complaint_get(k, id, &c, &err) != KF_OK)
		fail_msg("get %lld: %s", (long long)id, err.msg);
	return c;
}

static int
state_of(struct world *w, int64_t id)
{
	struct kf_complaint c = get(w->boss, id);
	int s = c.state;

	kf_complaint_clear(&c);
	return s;
}

static int64_t
version_of(struct world *w, int64_t id)
{
	struct kf_complaint c = get(w->boss, id);
	int64_t v = c.version;

	kf_complaint_clear(&c);
	return v;
}

#define OK(call) do {							\
	struct kf_err e_;						\
	enum kf_rc rc_ = (call);					\
	if (rc_ != KF_OK)						\
		fail_msg("%s: %s (%s)", #call, kf_rc_name(rc_), e_.msg); \
} while (0)

/*
 * A call that must fail with want and leave the complaint at version.
 * Where what cites a rule "(Rnn)", the message must name that rule too.
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
	if (r != NULL) {
		len = strcspn(r + 1, ")");
		assert_true(len < sizeof(rule));
		memcpy(rule, r + 1, len);
		rule[len] = '\0';
		if (strstr(err->msg, rule) == NULL)
			fail_msg("%s: the message names no %s: %s", what, rule,
			    err->msg);
	}
	if (id > 0 && version_of(w, id) != version)
		fail_msg("%s: the complaint changed", what);
}

static struct kf_complaint_filter
any(void)
{
	struct kf_complaint_filter f = { .state = -1, .severity = -1 };

	return f;
}

static size_t list_ids(struct kf_core *, const struct kf_complaint_filter *,
    int64_t *, size_t, int);
static size_t search(struct kf_core *, const char *, int64_t *, size_t, int);

/* ------------------------------------------------------------ register */

/* R27: every required part refused, naming its field; nothing saved. */
static void
test_r27_required_fields(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	struct kf_err err;
	struct kf_complaint_counts cn;
	struct kf_complaint_filter f = any();
	static const struct {
		const char	*field;
	} cases[] = {
		{ "name" }, { "phone" }, { "what" }, { "place" },
		{ "happened_at" }, { "channel" }, { "category" },
		{ "severity" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = mk(w);
		if (strcmp(cases[i].field, "name") == 0) {
			free(c.name);
			c.name = sdup("  ");
		} else if (strcmp(cases[i].field, "phone") == 0) {
			free(c.phone);
			c.phone = NULL;
		} else if (strcmp(cases[i].field, "what") == 0) {
			free(c.what);
			c.what = sdup("");
		} else if (strcmp(cases[i].field, "place") == 0) {
			free(c.place);
			c.place = NULL;
		} else if (strcmp(cases[i].field, "happened_at") == 0)
			c.happened_at = 0;
		else if (strcmp(cases[i].field, "channel") == 0)
			c.channel = (enum kf_complaint_channel)KF_CPL_CH_COUNT;
		else if (strcmp(cases[i].field, "category") == 0)
			c.category_id = 9999;
		else
			c.severity = (enum kf_complaint_severity)2;
		memset(&err, 0, sizeof(err));
		if (try_new(w->rec, &c, NULL, &err) != KF_INVALID)
			fail_msg("%s missing: accepted", cases[i].field);
		assert_string_equal(err.field, cases[i].field);
		if (strstr(err.msg, "(R27") == NULL &&
		    strstr(err.msg, "(R29") == NULL)
			fail_msg("%s: names no rule: %s", cases[i].field,
			    err.msg);
	}
	/* Not given (the faces' -1, KF_CPL_*_NOT_GIVEN): refused, named. */
	c = mk(w);
	c.channel = KF_CPL_CH_NOT_GIVEN;
	assert_int_equal(try_new(w->rec, &c, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "channel");
	assert_non_null(strstr(err.msg, "(R27)"));
	c = mk(w);
	c.severity = KF_CPL_SEV_NOT_GIVEN;
	assert_int_equal(try_new(w->rec, &c, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "severity");
	assert_non_null(strstr(err.msg, "(R27, R29)"));
	/* A time still to come; a phone that is none. */
	c = mk(w);
	c.happened_at = T0 + 1;
	assert_int_equal(try_new(w->rec, &c, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "happened_at");
	c = mk(w);
	c.happened_at = T0;		/* this very second: has happened */
	new_cpl(w->rec, c);
	c = mk(w);
	free(c.phone);
	c.phone = sdup("12");
	assert_int_equal(try_new(w->rec, &c, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "phone");
	/* Forwarded to no one enabled (R28). */
	c = mk(w);
	c.responsible_id = w->old_id;
	assert_int_equal(try_new(w->rec, &c, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "responsible_id");
	/* Only the one whole one was saved. */
	assert_int_equal(kf_complaint_count(w->sup, &f, T0, DAY, &cn, &err),
	    KF_OK);
	assert_int_equal(cn.open, 1);
}

/* Who registers (R27): reception, dispatcher, supervisor, admin. */
static void
test_who_registers(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	struct kf_err err;

	new_cpl(w->rec, mk(w));
	new_cpl(w->disp, mk(w));
	new_cpl(w->sup, mk(w));
	new_cpl(w->boss, mk(w));
	c = mk(w);
	assert_int_equal(try_new(w->tech, &c, NULL, &err), KF_DENIED);
	c = mk(w);
	assert_int_equal(try_new(w->bill, &c, NULL, &err), KF_DENIED);
}

/* The register's complainant: name, phone and place from file. */
static void
test_complainant_on_file(void **state)
{
	struct world *w = *state;
	struct kf_customer cu;
	struct kf_complaint c;
	struct kf_err err;
	int64_t cid, id;

	memset(&cu, 0, sizeof(cu));
	cu.account = sdup("A-0001");
	cu.name = sdup("李女士");
	cu.phones[0] = sdup("13911112222");
	cu.community = sdup("阳光花园");
	cu.building = sdup("5号楼");
	cu.unit = sdup("1单元");
	cu.room = sdup("502");
	if (kf_customer_add(w->boss, &cu, &cid, &err) != KF_OK)
		fail_msg("customer: %s", err.msg);
	kf_customer_clear(&cu);
	memset(&c, 0, sizeof(c));
	c.customer_id = cid;
	c.what = sdup("燃气费多收了");
	c.happened_at = T0 - 60;
	c.channel = KF_CPL_CH_WALK_IN;
	c.category_id = w->cat;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_string_equal(c.name, "李女士");
	assert_string_equal(c.phone, "13911112222");
	assert_string_equal(c.community, "阳光花园");
	assert_string_equal(c.building, "5号楼");
	/* As the register formats it (kf_customer_address), spaces and
	 * all, the one way every face shows it. */
	assert_string_equal(c.place, "阳光花园 5号楼 1单元 502");
	assert_int_equal(c.received_by, w->rec_id);
	assert_int_equal(c.registered_at, T0);
	assert_int_equal(c.state, KF_CPL_REGISTERED);
	assert_string_equal(c.received_by_name, "rec");
	kf_complaint_clear(&c);
	/* R33: the company channel is made to the company directly, the
	 * flag not given; the tracking clock runs. Another channel keeps
	 * the flag as given. */
	c = mk(w);
	c.channel = KF_CPL_CH_COMPANY;
	c.via_company = false;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_true(c.via_company);
	assert_int_equal(c.track_due_at, T0 + 2 * DAY);
	kf_complaint_clear(&c);
	c = mk(w);
	c.channel = KF_CPL_CH_LETTER;
	c.via_company = true;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_true(c.via_company);
	kf_complaint_clear(&c);
	c = mk(w);
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_false(c.via_company);
	kf_complaint_clear(&c);
	memset(&c, 0, sizeof(c));
	c.customer_id = 999999;
	c.what = sdup("x");
	c.happened_at = T0;
	c.category_id = w->cat;
	assert_int_equal(try_new(w->rec, &c, NULL, &err), KF_NOTFOUND);
}

/* R28: with a person responsible it is forwarded at once; R29: a serious
 * one stands at the top of the ladder from registration. */
static void
test_r28_forwarded_at_once(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	int64_t id;

	c.responsible_id = w->tech_id;
	c.severity = KF_CPL_SERIOUS;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_int_equal(c.state, KF_CPL_FORWARDED);
	assert_int_equal(c.responsible_id, w->tech_id);
	assert_int_equal(c.forwarded_at, T0);
	assert_int_equal(c.forwarded_by, w->rec_id);
	assert_string_equal(c.responsible_name, "tech");
	assert_int_equal(c.analyse_due_at, T0 + DAY);		/* R35 */
	assert_int_equal(c.due_at, T0 + DAY);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_ANALYSE);
	assert_int_equal(c.clock_from, T0);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0), 3);	/* R29 */
	kf_complaint_clear(&c);
}


/* ------------------------------------------------------------ lifecycle */

/* Drives complaint id forward to state s by the right people, the valid
 * path (one action, verified); invalid: the short path. */
static void
drive(struct world *w, int64_t id, int s, bool invalid)
{
	struct kf_err err;
	struct kf_complaint_action *v;
	int now = state_of(w, id);
	int64_t aid;
	size_t n, i;

#define STEP(call) do {							\
	if ((call) != KF_OK)						\
		fail_msg("%s: %s", #call, err.msg);			\
} while (0)
	if (now == KF_CPL_REGISTERED && s >= KF_CPL_FORWARDED)
		STEP(kf_complaint_forward(w->rec, id, -1, w->tech_id, &err));
	if (now <= KF_CPL_FORWARDED && s >= KF_CPL_ANALYSED)
		STEP(kf_complaint_analyse(w->tech, id, -1, !invalid,
		    invalid ? "" : "师傅未按规范操作",
		    invalid ? "" : "维修班组", &err));
	if (invalid) {
		if (now <= KF_CPL_ANALYSED && s >= KF_CPL_RESULT)
			STEP(kf_complaint_explain(w->tech, id, -1,
			    "已向用户解释收费标准", &err));
	} else {
		if (now <= KF_CPL_ANALYSED && s >= KF_CPL_ACTION_SET)
			STEP(kf_complaint_action(w->tech, id, -1, "班组培训",
			    w->tech_id, kf_core_now(w->tech) + DAY, &aid,
			    &err));
		if (now <= KF_CPL_ACTION_SET && s >= KF_CPL_APPROVED)
			STEP(kf_complaint_approve(w->sup, id, -1, &err));
		if (now <= KF_CPL_APPROVED && s >= KF_CPL_VERIFIED) {
			STEP(kf_complaint_actions(w->sup, id, &v, &n, &err));
			for (i = 0; i < n; i++)
				if (v[i].verified_at == 0)
					STEP(kf_complaint_verify(w->sup, id, -1,
					    v[i].id, "已落实", &err));
			kf_complaint_actions_free(v, n);
		}
		if (now <= KF_CPL_VERIFIED && s >= KF_CPL_RESULT)
			STEP(kf_complaint_result(w->tech, id, -1,
			    "已重新维修并致歉", &err));
	}
	if (now <= KF_CPL_RESULT && s >= KF_CPL_CALLED_BACK)
		STEP(kf_complaint_callback(w->rec, id, -1, 0,
		    KF_CPL_SATISFIED, "", NULL, &err));
	if (now <= KF_CPL_CALLED_BACK && s >= KF_CPL_SIGNED)
		STEP(kf_complaint_signoff(w->sup, id, -1, &err));
	if (now <= KF_CPL_SIGNED && s >= KF_CPL_CLOSED && s != KF_CPL_WITHDRAWN)
		STEP(kf_complaint_close(w->sup, id, -1, &err));
	if (s == KF_CPL_WITHDRAWN)
		STEP(kf_complaint_withdraw(w->sup, id, -1, "用户撤诉", &err));
#undef STEP
	assert_int_equal(state_of(w, id), s);
}

/* The whole valid path, each step's fields; then R39 closes it. */
static void
test_lifecycle_valid(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	struct kf_complaint_action *v;
	int64_t id, aid = 0;
	size_t n;

	id = new_cpl(w->rec, mk(w));
	OK(kf_complaint_forward(w->rec, id, -1, w->tech_id, &e_));
	at(w, T0 + 600);
	OK(kf_complaint_analyse(w->tech, id, -1, true, "未按规范操作", "维修班组",
	    &e_));
	c = get(w->sup, id);
	assert_int_equal(c.state, KF_CPL_ANALYSED);
	assert_int_equal(c.valid, 1);
	assert_string_equal(c.cause, "未按规范操作");
	assert_int_equal(c.analysed_at, T0 + 600);
	assert_int_equal(c.analysed_by, w->tech_id);
	assert_int_equal(c.due_at, 0);		/* nothing running now */
	kf_complaint_clear(&c);
	OK(kf_complaint_action(w->tech, id, -1, "班组培训", w->tech2_id,
	    T0 + 3 * DAY, &aid, &e_));
	assert_true(aid > 0);
	c = get(w->sup, id);
	assert_int_equal(c.state, KF_CPL_ACTION_SET);
	assert_int_equal(c.action_due_at, T0 + 3 * DAY);	/* R36 */
	assert_int_equal(c.due_at, T0 + 3 * DAY);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_ACTION);
	assert_int_equal(c.clock_from, T0 + 600);
	kf_complaint_clear(&c);
	/* R54: the action's owner sees it now. */
	c = get(w->tech2, id);
	kf_complaint_clear(&c);
	OK(kf_complaint_approve(w->sup, id, -1, &e_));
	OK(kf_complaint_verify(w->sup, id, -1, aid, "已培训", &e_));
	assert_int_equal(kf_complaint_actions(w->sup, id, &v, &n, NULL), KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].verified_at, T0 + 600);
	assert_string_equal(v[0].owner_name, "tech2");
	kf_complaint_actions_free(v, n);
	c = get(w->sup, id);
	assert_int_equal(c.state, KF_CPL_VERIFIED);
	assert_int_equal(c.action_due_at, 0);
	kf_complaint_clear(&c);
	at(w, T0 + 1200);
	OK(kf_complaint_result(w->tech, id, -1, "已重新维修并致歉", &e_));
	c = get(w->sup, id);
	assert_int_equal(c.state, KF_CPL_RESULT);
	assert_int_equal(c.result_at, T0 + 1200);
	assert_int_equal(c.callback_due_at, T0 + 1200 + DAY);	/* R30 */
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_CALLBACK);
	kf_complaint_clear(&c);
	OK(kf_complaint_callback(w->rec, id, -1, 0, KF_CPL_VERY_SATISFIED,
	    NULL, NULL, &e_));
	OK(kf_complaint_signoff(w->sup, id, -1, &e_));
	OK(kf_complaint_close(w->sup, id, -1, &e_));
	c = get(w->sup, id);
	assert_int_equal(c.state, KF_CPL_CLOSED);
	assert_int_equal(c.closed_by, w->sup_id);
	assert_int_equal(c.signed_by, w->sup_id);
	assert_int_equal(c.callback_score, KF_CPL_VERY_SATISFIED);
	assert_int_equal(c.due_at, 0);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + 9 * DAY), 0);
	kf_complaint_clear(&c);
}

/* The short path of an invalid complaint (R34): explained, called back,
 * signed, closed; no action. */
static void
test_lifecycle_invalid(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	struct kf_err err;
	int64_t id, v;

	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_ANALYSED, true);
	c = get(w->sup, id);
	assert_int_equal(c.valid, 0);
	assert_int_equal(c.explain_due_at, T0 + 2 * DAY);	/* R34 */
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_EXPLAIN);
	kf_complaint_clear(&c);
	v = version_of(w, id);
	refused(w, id, kf_complaint_action(w->tech, id, -1, "x", w->tech_id,
	    T0 + DAY, NULL, &err), KF_REFUSED, &err, v,
	    "an action on an invalid complaint (R34)");
	refused(w, id, kf_complaint_result(w->tech, id, -1, "x", &err),
	    KF_REFUSED, &err, v, "a result before verification (R36)");
	drive(w, id, KF_CPL_CLOSED, true);
	c = get(w->sup, id);
	assert_string_equal(c.result, "已向用户解释收费标准");
	kf_complaint_clear(&c);
	/* A valid one is not explained (R34). */
	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_ANALYSED, false);
	v = version_of(w, id);
	refused(w, id, kf_complaint_explain(w->tech, id, -1, "x", &err),
	    KF_REFUSED, &err, v, "explain a valid complaint (R34)");
	/* R35: a valid one names its cause and responsibility. */
	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_FORWARDED, false);
	v = version_of(w, id);
	refused(w, id, kf_complaint_analyse(w->tech, id, -1, true, " ", "班组",
	    &err), KF_INVALID, &err, v, "valid without a cause (R35)");
	assert_string_equal(err.field, "cause");
	refused(w, id, kf_complaint_analyse(w->tech, id, -1, true, "原因", NULL,
	    &err), KF_INVALID, &err, v, "valid without responsibility (R35)");
	assert_string_equal(err.field, "responsibility");
}

/*
 * R39: close is refused, naming R39, from every state but signed; and a
 * complaint signed is never without its result and callback.
 */
static void
test_r39_gate(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t id, v;
	int s;

	for (s = 0; s < KF_CPL_STATE_COUNT; s++) {
		if (s == KF_CPL_SIGNED)
			continue;
		id = new_cpl(w->rec, mk(w));
		drive(w, id, s, false);
		v = version_of(w, id);
		refused(w, id, kf_complaint_close(w->sup, id, -1, &err),
		    KF_REFUSED, &err, v, "close (R39)");
		assert_int_equal(kf_rc_exit(KF_REFUSED), 5);
	}
	/* A technician or reception signing off: denied (exit 4). */
	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_CALLED_BACK, false);
	v = version_of(w, id);
	refused(w, id, kf_complaint_signoff(w->tech, id, -1, &err), KF_DENIED,
	    &err, v, "a technician signing off");
	refused(w, id, kf_complaint_signoff(w->rec, id, -1, &err), KF_DENIED,
	    &err, v, "reception signing off");
	assert_int_equal(kf_rc_exit(KF_DENIED), 4);
}

/* Two supervisors sign off at once: one wins, the other is told who and
 * when (R31); nothing of the loser's is saved. */
static void
test_two_supervisors_sign_at_once(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	struct kf_err err;
	int64_t id, v;

	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_CALLED_BACK, false);
	v = version_of(w, id);
	at(w, T0 + 120);
	OK(kf_complaint_signoff(w->sup, id, v, &e_));
	assert_int_equal(kf_complaint_signoff(w->sup2, id, v, &err),
	    KF_CONFLICT);
	if (strstr(err.msg, "sup") == NULL || strstr(err.msg, "(R31)") == NULL)
		fail_msg("the loser is not told who: %s", err.msg);
	assert_string_equal(err.conflict.by, "sup");
	assert_int_equal(err.conflict.at, T0 + 120);
	c = get(w->sup, id);
	assert_int_equal(c.signed_by, w->sup_id);
	assert_int_equal(c.version, v + 1);
	kf_complaint_clear(&c);
	/* Without a version: refused, naming who signed (R31). */
	assert_int_equal(kf_complaint_signoff(w->sup2, id, -1, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R31)"));
	assert_non_null(strstr(err.msg, "sup"));
}

/* R36: an action due before (or at) the moment it is set; an owner. */
static void
test_r36_action_due_after_set(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t id, v;

	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_ANALYSED, false);
	v = version_of(w, id);
	refused(w, id, kf_complaint_action(w->tech, id, -1, "培训", w->tech_id,
	    T0 - 1, NULL, &err), KF_INVALID, &err, v, "due before set (R36)");
	assert_string_equal(err.field, "due_at");
	refused(w, id, kf_complaint_action(w->tech, id, -1, "培训", w->tech_id,
	    T0, NULL, &err), KF_INVALID, &err, v, "due as set (R36)");
	refused(w, id, kf_complaint_action(w->tech, id, -1, "培训", w->old_id,
	    T0 + 1, NULL, &err), KF_INVALID, &err, v, "a disabled owner (R35)");
	refused(w, id, kf_complaint_action(w->tech, id, -1, "", w->tech_id,
	    T0 + 1, NULL, &err), KF_INVALID, &err, v, "no text (R35)");
	/* Within 366 days of being set: a second more is refused (the
	 * ladder's arithmetic stays bounded). */
	refused(w, id, kf_complaint_action(w->tech, id, -1, "培训", w->tech_id,
	    T0 + 366 * DAY + 1, NULL, &err), KF_INVALID, &err, v,
	    "due past 366 days (R36)");
	assert_string_equal(err.field, "due_at");
	refused(w, id, kf_complaint_action(w->tech, id, -1, "培训", w->tech_id,
	    INT64_MAX, NULL, &err), KF_INVALID, &err, v, "due at the end of "
	    "time (R36)");
	{
		struct kf_complaint_action *av;
		size_t an;

		OK(kf_complaint_actions(w->sup, id, &av, &an, &e_));
		assert_int_equal(an, 0);	/* nothing half-saved */
		kf_complaint_actions_free(av, an);
	}
	OK(kf_complaint_action(w->tech, id, -1, "培训", w->tech_id, T0 + 1,
	    NULL, &e_));
	/* More until approved; the earliest is the action clock. */
	OK(kf_complaint_action(w->tech, id, -1, "回访", w->tech_id, T0 + 5,
	    NULL, &e_));
	{
		struct kf_complaint c = get(w->sup, id);

		assert_int_equal(c.action_due_at, T0 + 1);
		kf_complaint_clear(&c);
	}
	OK(kf_complaint_approve(w->sup, id, -1, &e_));
	v = version_of(w, id);
	refused(w, id, kf_complaint_action(w->tech, id, -1, "再加一条",
	    w->tech_id, T0 + 9, NULL, &err), KF_REFUSED, &err, v,
	    "an action after approval (R35)");
	/* A serious complaint's actions are the division head's (R29). */
	{
		struct kf_complaint c = mk(w);

		c.severity = KF_CPL_SERIOUS;
		id = new_cpl(w->rec, c);
	}
	drive(w, id, KF_CPL_ANALYSED, false);
	v = version_of(w, id);
	refused(w, id, kf_complaint_action(w->tech, id, -1, "培训", w->tech_id,
	    T0 + 60, NULL, &err), KF_DENIED, &err, v,
	    "a technician's action on a serious complaint (R29)");
	OK(kf_complaint_action(w->sup, id, -1, "培训", w->tech_id, T0 + 60,
	    NULL, &e_));
}


/* ------------------------------------------------------------ clocks */

/* Overdue at t by the record and by the two indexed reads. */
static void
edge(struct world *w, int64_t id, int64_t t, bool late, int clock,
    const char *what)
{
	struct kf_complaint_filter f = any();
	struct kf_complaint_counts cn;
	struct kf_complaint c;
	struct kf_err err;
	int64_t ids[64];
	size_t n, i;
	bool listed = false;

	at(w, t);
	c = get(w->sup, id);
	if (kf_complaint_overdue(&c, t) != late)
		fail_msg("%s at %+lld: overdue %d, want %d", what,
		    (long long)(t - c.due_at), !late, late);
	if (clock >= 0 && (int)c.due_clock != clock)
		fail_msg("%s: clock %s, want %s", what,
		    kf_complaint_clock_info(c.due_clock)->key,
		    kf_complaint_clock_info(clock)->key);
	kf_complaint_clear(&c);
	f.overdue_only = true;
	n = list_ids(w->sup, &f, ids, 64, 1000);
	for (i = 0; i < n; i++)
		listed |= ids[i] == id;
	if (listed != late)
		fail_msg("%s: in the overdue list %d, want %d", what, listed,
		    late);
	f.overdue_only = false;
	f.open_only = true;
	assert_int_equal(kf_complaint_count(w->sup, &f, t, 0, &cn, &err),
	    KF_OK);
	assert_int_equal(cn.overdue, late ? 1 : 0);
	assert_int_equal(kf_complaint_overdue_count(w->sup), late ? 1 : 0);
}

/* The second before, at and after a deadline; then met at it. */
static void
edges(struct world *w, int64_t id, int64_t due, int clock, const char *what)
{
	edge(w, id, due - 1, false, clock, what);
	edge(w, id, due, false, clock, what);
	edge(w, id, due + 1, true, clock, what);
}

/* R35: analysed within a day of being forwarded; at the deadline's
 * second on time, and once analysed it runs no more. */
static void
test_r35_analyse_clock(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	int64_t id;

	c.responsible_id = w->tech_id;
	id = new_cpl(w->rec, c);
	/* Handed on to another person: the clock keeps its start. */
	at(w, T0 + 3600);
	OK(kf_complaint_forward(w->rec, id, -1, w->tech2_id, &e_));
	c = get(w->sup, id);
	assert_int_equal(c.forwarded_at, T0);
	assert_int_equal(c.responsible_id, w->tech2_id);
	assert_int_equal(c.analyse_due_at, T0 + DAY);
	kf_complaint_clear(&c);
	OK(kf_complaint_forward(w->rec, id, -1, w->tech_id, &e_));
	edges(w, id, T0 + DAY, KF_CPL_CLOCK_ANALYSE, "analyse (R35)");
	at(w, T0 + DAY);
	OK(kf_complaint_analyse(w->tech, id, -1, true, "原因", "班组", &e_));
	edge(w, id, T0 + 30 * DAY, false, KF_CPL_CLOCK_NONE, "analysed");
	/* The policy as it was: a later change moves no running clock. */
	at(w, T0);
	OK(kf_policy_set(w->boss, "complaint.analyse_within", "3", -1, &e_));
	c = mk(w);
	c.responsible_id = w->tech_id;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_int_equal(c.analyse_due_at, T0 + 3 * DAY);
	kf_complaint_clear(&c);
}

/* R28: registered without a person responsible, forwarded within
 * complaint.forward_within (2 hours): its own clock, the complaint's
 * due_at while unforwarded, even ahead of a serious one's others; met by
 * the forwarding, which starts the analysis clock. */
static void
test_r28_forward_clock(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	struct kf_err err;
	int64_t id, dup;

	c.severity = KF_CPL_SERIOUS;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_int_equal(c.forward_due_at, T0 + 7200);
	assert_int_equal(c.due_at, T0 + 7200);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_FORWARD);
	kf_complaint_clear(&c);
	edges(w, id, T0 + 7200, KF_CPL_CLOCK_FORWARD, "forward (R28)");
	/* Forwarded a second late: met late, the deadline kept; the
	 * analysis clock runs from the forwarding. */
	at(w, T0 + 7201);
	OK(kf_complaint_forward(w->rec, id, -1, w->tech_id, &e_));
	c = get(w->sup, id);
	assert_int_equal(c.forward_due_at, T0 + 7200);
	assert_int_equal(c.forwarded_at, T0 + 7201);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_ANALYSE);
	assert_int_equal(c.due_at, T0 + 7201 + DAY);
	kf_complaint_clear(&c);
	/* Registered forwarded at once: the clock never applies. */
	at(w, T0);
	c = mk(w);
	c.responsible_id = w->tech_id;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_int_equal(c.forward_due_at, 0);
	kf_complaint_clear(&c);
	/* A duplicate follows its root (R48): no forwarding clock runs. */
	dup = new_cpl(w->rec, mk(w));
	OK(kf_complaint_link(w->rec, dup, -1, id, &e_));
	c = get(w->sup, dup);
	assert_int_equal(c.due_at, 0);
	kf_complaint_clear(&c);
	/* The policy: seconds, a minute at least (0 or 59 refused). */
	assert_int_equal(kf_policy_set(w->boss, "complaint.forward_within", "59",
	    -1, &err), KF_INVALID);
	assert_int_equal(kf_policy_set(w->boss, "complaint.forward_within", "0",
	    -1, &err), KF_INVALID);
	OK(kf_policy_set(w->boss, "complaint.forward_within", "60", -1, &e_));
	at(w, T0 + 10);
	id = new_cpl(w->rec, mk(w));
	edges(w, id, T0 + 70, KF_CPL_CLOCK_FORWARD, "forward at 60 s (R28)");
}

/* The one reckoning of the clocks the faces show (kf_complaint_clocks):
 * running, overdue, met, late, stopped; a duplicate's own are stopped. */
static enum kf_complaint_clock_status
status_of(const struct kf_complaint *c, int64_t now,
    enum kf_complaint_clock which)
{
	struct kf_complaint_clock_state v[KF_CPL_CLOCK_COUNT];
	size_t n, i;

	n = kf_complaint_clocks(c, now, v, KF_CPL_CLOCK_COUNT);
	for (i = 0; i < n; i++)
		if (v[i].which == which)
			return v[i].status;
	fail_msg("clock %d not applying", (int)which);
	return KF_CPL_CLK_STOPPED;
}

static void
test_clock_states(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	int64_t id, dup, root;

	id = new_cpl(w->rec, mk(w));
	c = get(w->sup, id);
	assert_int_equal(status_of(&c, T0 + 7200, KF_CPL_CLOCK_FORWARD),
	    KF_CPL_CLK_RUNNING);
	assert_int_equal(status_of(&c, T0 + 7201, KF_CPL_CLOCK_FORWARD),
	    KF_CPL_CLK_OVERDUE);
	assert_string_equal(kf_complaint_clock_status_key(KF_CPL_CLK_OVERDUE),
	    "overdue");
	kf_complaint_clear(&c);
	at(w, T0 + 7200);
	OK(kf_complaint_forward(w->rec, id, -1, w->tech_id, &e_));
	c = get(w->sup, id);
	assert_int_equal(status_of(&c, T0 + 9 * DAY, KF_CPL_CLOCK_FORWARD),
	    KF_CPL_CLK_MET);
	assert_int_equal(status_of(&c, T0 + 9 * DAY, KF_CPL_CLOCK_ANALYSE),
	    KF_CPL_CLK_OVERDUE);
	kf_complaint_clear(&c);
	at(w, T0 + 7201 + DAY);
	OK(kf_complaint_analyse(w->tech, id, -1, true, "原因", "班组", &e_));
	c = get(w->sup, id);
	assert_int_equal(status_of(&c, T0 + 9 * DAY, KF_CPL_CLOCK_ANALYSE),
	    KF_CPL_CLK_LATE);
	kf_complaint_clear(&c);
	/* Withdrawn: what was not met is stopped. */
	OK(kf_complaint_withdraw(w->sup, id, -1, "撤诉", &e_));
	c = get(w->sup, id);
	assert_int_equal(status_of(&c, T0 + 9 * DAY, KF_CPL_CLOCK_FORWARD),
	    KF_CPL_CLK_MET);
	kf_complaint_clear(&c);
	/* A duplicate's own clock is stopped while it follows its root. */
	c = mk(w);
	c.responsible_id = w->tech_id;
	root = new_cpl(w->rec, c);
	dup = new_cpl(w->rec, mk(w));
	OK(kf_complaint_link(w->rec, dup, -1, root, &e_));
	c = get(w->sup, dup);
	assert_int_equal(status_of(&c, T0 + 9 * DAY, KF_CPL_CLOCK_FORWARD),
	    KF_CPL_CLK_STOPPED);
	kf_complaint_clear(&c);
}

/* R33: made to the company directly, its result within 2 days of
 * registration; the result meets it. */
static void
test_r33_track_clock(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	int64_t id;

	c.via_company = true;
	c.channel = KF_CPL_CH_COMPANY;
	/* Unforwarded, its forwarding clock (R28) must come later. */
	OK(kf_policy_set(w->boss, "complaint.forward_within", "604800", -1,
	    &e_));
	id = new_cpl(w->rec, c);
	edges(w, id, T0 + 2 * DAY, KF_CPL_CLOCK_TRACK, "track (R33)");
	at(w, T0 + 2 * DAY);
	drive(w, id, KF_CPL_RESULT, true);
	c = get(w->sup, id);
	assert_int_equal(c.track_due_at, T0 + 2 * DAY);	/* kept */
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_CALLBACK);
	kf_complaint_clear(&c);
}

/* R34: an invalid complaint explained within 2 days of registration. */
static void
test_r34_explain_clock(void **state)
{
	struct world *w = *state;
	int64_t id;

	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_ANALYSED, true);
	edges(w, id, T0 + 2 * DAY, KF_CPL_CLOCK_EXPLAIN, "explain (R34)");
	at(w, T0 + 2 * DAY);
	OK(kf_complaint_explain(w->tech, id, -1, "已解释", &e_));
	edge(w, id, T0 + 2 * DAY + 1, false, KF_CPL_CLOCK_CALLBACK,
	    "explained: the callback runs");
}

/* R38: a municipal complaint's interim reply within 3 days; the reply
 * stops that clock, the result comes later. */
static void
test_r38_reply_clock(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	struct kf_err err;
	int64_t id, v;

	c.municipal = true;
	OK(kf_policy_set(w->boss, "complaint.forward_within", "604800", -1,
	    &e_));
	id = new_cpl(w->rec, c);
	edges(w, id, T0 + 3 * DAY, KF_CPL_CLOCK_REPLY, "reply (R38)");
	at(w, T0 + 3 * DAY);
	v = version_of(w, id);
	refused(w, id, kf_complaint_reply(w->sup, id, -1, "已报市政", &err),
	    KF_REFUSED, &err, v, "a reply before it is forwarded (R38)");
	OK(kf_complaint_forward(w->rec, id, -1, w->tech_id, &e_));
	OK(kf_complaint_reply(w->tech, id, -1, "已报市政部门，正在协调", &e_));
	c = get(w->sup, id);
	assert_int_equal(c.replied_at, T0 + 3 * DAY);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_ANALYSE);
	kf_complaint_clear(&c);
	v = version_of(w, id);
	refused(w, id, kf_complaint_reply(w->tech, id, -1, "again", &err),
	    KF_REFUSED, &err, v, "a second interim reply (R38)");
	/* Not municipal: no interim reply. */
	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_FORWARDED, false);
	v = version_of(w, id);
	refused(w, id, kf_complaint_reply(w->tech, id, -1, "x", &err),
	    KF_REFUSED, &err, v, "an interim reply of an ordinary one (R38)");
}

/* R36: each action verified by its own due date. */
static void
test_r36_action_clock(void **state)
{
	struct world *w = *state;
	int64_t id, a1, a2;

	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_ANALYSED, false);
	OK(kf_complaint_action(w->tech, id, -1, "培训", w->tech_id,
	    T0 + 2 * DAY, &a1, &e_));
	OK(kf_complaint_action(w->tech, id, -1, "检查", w->tech_id,
	    T0 + 5 * DAY, &a2, &e_));
	OK(kf_complaint_approve(w->sup, id, -1, &e_));
	edges(w, id, T0 + 2 * DAY, KF_CPL_CLOCK_ACTION, "action 1 (R36)");
	OK(kf_complaint_verify(w->sup, id, -1, a1, "", &e_));
	assert_int_equal(state_of(w, id), KF_CPL_APPROVED);
	edges(w, id, T0 + 5 * DAY, KF_CPL_CLOCK_ACTION, "action 2 (R36)");
	{
		struct kf_err err;
		int64_t v = version_of(w, id);

		refused(w, id, kf_complaint_verify(w->sup, id, -1, a1, "", &err),
		    KF_REFUSED, &err, v, "verified twice (R36)");
		refused(w, id, kf_complaint_verify(w->sup, id, -1, 9999, "",
		    &err), KF_NOTFOUND, &err, v, "no such action");
	}
	OK(kf_complaint_verify(w->sup, id, -1, a2, "", &e_));
	assert_int_equal(state_of(w, id), KF_CPL_VERIFIED);
	edge(w, id, T0 + 9 * DAY, false, KF_CPL_CLOCK_NONE, "verified");
}

/* R30: the callback within a day of the result. */
static void
test_r30_callback_clock(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t id, v;

	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_RESULT, true);
	edges(w, id, T0 + DAY, KF_CPL_CLOCK_CALLBACK, "callback (R30)");
	v = version_of(w, id);
	refused(w, id, kf_complaint_callback(w->rec, id, -1, 0,
	    KF_CPL_SCORE_NONE, "", NULL, &err), KF_INVALID, &err, v,
	    "a callback without a score (R30)");
	refused(w, id, kf_complaint_callback(w->rec, id, -1, 0,
	    KF_CPL_DISSATISFIED, " ", NULL, &err), KF_INVALID, &err, v,
	    "dissatisfied without the reason (R30)");
	refused(w, id, kf_complaint_callback(w->rec, id, -1, 2,
	    KF_CPL_SATISFIED, "", NULL, &err), KF_INVALID, &err, v,
	    "a callback neither by phone nor a visit (R40)");
	refused(w, id, kf_complaint_callback(w->rec, id, -1, 1,
	    KF_CPL_DISSATISFIED, "仍觉得收费偏高", NULL, &err), KF_INVALID,
	    &err, v, "a home visit without the customer's signature (R43)");
	OK(kf_complaint_callback(w->rec, id, -1, 1, KF_CPL_DISSATISFIED,
	    "仍觉得收费偏高", "王先生", &e_));
	edge(w, id, T0 + 9 * DAY, false, KF_CPL_CLOCK_NONE, "called back");
}

/* The ladder (R29): steps at 50%, 80%, 100% of the running clock's
 * span, the second before and at each; escalations add; a serious one
 * stands at 3; a changed policy moves the steps. */
static void
test_r29_ladder(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	int64_t id;

	c.responsible_id = w->tech_id;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0), 0);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY / 2 - 1), 0);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY / 2), 1);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY * 8 / 10 - 1),
	    1);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY * 8 / 10), 2);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY - 1), 2);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY), 3);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + 9 * DAY), 3);
	kf_complaint_clear(&c);
	OK(kf_policy_set(w->boss, "complaint.ladder_1", "25%", -1, &e_));
	c = get(w->sup, id);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY / 4 - 1), 0);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY / 4), 1);
	kf_complaint_clear(&c);
	/* By hand, to a named supervisor. */
	OK(kf_complaint_escalate(w->tech, id, -1, w->sup2_id, &e_));
	c = get(w->sup, id);
	assert_int_equal(c.escalated, 1);
	assert_int_equal(c.escalated_to, w->sup2_id);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0), 1);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0 + DAY / 4), 2);
	kf_complaint_clear(&c);
	{
		struct kf_err err;
		int64_t v = version_of(w, id);

		refused(w, id, kf_complaint_escalate(w->tech, id, -1,
		    w->tech2_id, &err), KF_INVALID, &err, v,
		    "escalated to a technician (R29)");
		refused(w, id, kf_complaint_escalate(w->tech2, id, -1,
		    w->sup_id, &err), KF_DENIED, &err, v,
		    "escalated by another's technician (R28)");
	}
	/* Serious: the top step from registration, whatever the clock. */
	c = mk(w);
	c.severity = KF_CPL_SERIOUS;
	id = new_cpl(w->rec, c);
	c = get(w->sup, id);
	assert_int_equal(kf_complaint_level(w->sup, &c, T0), 3);
	kf_complaint_clear(&c);
}

/* ------------------------------------------------------------ reopen */

static void
test_reopen_restarts_clocks(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	struct kf_err err;
	int64_t id, v, t = T0 + 5 * DAY;

	c.via_company = true;
	id = new_cpl(w->rec, c);
	drive(w, id, KF_CPL_VERIFIED, false);
	OK(kf_complaint_visit(w->sup, id, -1, "张主任", 0, "已整改", &e_));
	drive(w, id, KF_CPL_SIGNED, false);
	v = version_of(w, id);
	refused(w, id, kf_complaint_reopen(w->sup, id, -1, " ", &err),
	    KF_INVALID, &err, v, "reopen without a reason");
	drive(w, id, KF_CPL_CLOSED, false);
	at(w, t);
	OK(kf_complaint_reopen(w->sup, id, -1, "用户反映问题复发", &e_));
	c = get(w->sup, id);
	assert_int_equal(c.state, KF_CPL_FORWARDED);
	assert_int_equal(c.reopen_count, 1);
	assert_int_equal(c.reopened_at, t);
	assert_string_equal(c.reopen_reason, "用户反映问题复发");
	assert_int_equal(c.track_due_at, t + 2 * DAY);		/* R33 again */
	assert_int_equal(c.analyse_due_at, t + DAY);		/* R35 again */
	assert_int_equal(c.callback_due_at, 0);	/* with the next result */
	assert_int_equal(c.result_at, 0);
	assert_int_equal(c.callback_done_at, 0);
	assert_int_equal(c.due_at, t + DAY);
	assert_int_equal(c.clock_from, t);
	assert_int_equal(c.valid, -1);
	/* The old handling's texts go (the trail keeps them): the screen
	 * shows no result of a handling to be done again. */
	assert_string_equal(c.result, "");
	assert_string_equal(c.cause, "");
	assert_string_equal(c.responsibility, "");
	assert_string_equal(c.callback_note, "");
	assert_int_equal(c.callback_score, KF_CPL_SCORE_NONE);
	assert_string_equal(c.visit_report, "");
	assert_int_equal(c.visit_at, 0);
	kf_complaint_clear(&c);
	edges(w, id, t + DAY, KF_CPL_CLOCK_ANALYSE, "analyse after reopen");
	/* R39 holds again: not closed until a new result and callback. */
	v = version_of(w, id);
	refused(w, id, kf_complaint_close(w->sup, id, -1, &err), KF_REFUSED,
	    &err, v, "close a reopened one (R39)");
	drive(w, id, KF_CPL_CLOSED, false);
	/* Only a signed or closed one is reopened. */
	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_RESULT, false);
	v = version_of(w, id);
	refused(w, id, kf_complaint_reopen(w->sup, id, -1, "x", &err),
	    KF_REFUSED, &err, v, "reopen an open one (R31)");
}

/* R32: withdrawn with a reason, never deleted, searchable, sealed. */
/* The refusal of a move on a withdrawn complaint says it once, and in
 * Chinese with full-width punctuation and the complaint's own verb for
 * close (结案, not a work order's 关闭). */
static void
test_refusal_wording(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t id;

	id = new_cpl(w->rec, mk(w));
	OK(kf_complaint_withdraw(w->rec, id, -1, "误登记", &e_));
	assert_int_equal(kf_complaint_close(w->sup, id, -1, &err), KF_REFUSED);
	assert_null(strstr(err.msg, "withdrawn; it was withdrawn"));
	assert_non_null(strstr(err.msg, "(R32, R39)"));
	kf_i18n_set("zh_CN");
	assert_int_equal(kf_complaint_close(w->sup, id, -1, &err), KF_REFUSED);
	kf_i18n_set("en");
	assert_non_null(strstr(err.msg, "无法结案："));
	assert_null(strstr(err.msg, ":"));
	assert_null(strstr(err.msg, ";"));
}

static void
test_r32_withdraw(void **state)
{
	struct world *w = *state;
	struct kf_complaint_filter f = any();
	struct kf_complaint *v;
	struct kf_err err;
	int64_t id, ver;
	size_t n;

	id = new_cpl(w->rec, mk(w));
	ver = version_of(w, id);
	refused(w, id, kf_complaint_withdraw(w->rec, id, -1, "", &err),
	    KF_INVALID, &err, ver, "withdraw without a reason (R32)");
	OK(kf_complaint_withdraw(w->rec, id, -1, "用户撤诉", &e_));
	ver = version_of(w, id);
	refused(w, id, kf_complaint_reopen(w->sup, id, -1, "x", &err),
	    KF_REFUSED, &err, ver, "reopen a withdrawn one (R32)");
	refused(w, id, kf_complaint_close(w->sup, id, -1, &err), KF_REFUSED,
	    &err, ver, "close a withdrawn one (R39)");
	refused(w, id, kf_complaint_forward(w->rec, id, -1, w->tech_id, &err),
	    KF_REFUSED, &err, ver, "forward a withdrawn one (R32)");
	refused(w, id, kf_complaint_withdraw(w->rec, id, -1, "x", &err),
	    KF_REFUSED, &err, ver, "withdraw twice (R32)");
	f.text = "打不着";
	assert_int_equal(kf_complaint_list(w->sup, &f, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].state, KF_CPL_WITHDRAWN);
	assert_string_equal(v[0].withdraw_reason, "用户撤诉");
	kf_complaint_list_free(v, n);
	/* A closed one is not withdrawn (R32). */
	id = new_cpl(w->rec, mk(w));
	drive(w, id, KF_CPL_CLOSED, false);
	ver = version_of(w, id);
	refused(w, id, kf_complaint_withdraw(w->rec, id, -1, "x", &err),
	    KF_REFUSED, &err, ver, "withdraw a closed one (R32)");
}

/* R37: a serious complaint's result waits for the visit's report. */
static void
test_r37_visit(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	struct kf_err err;
	int64_t id, v;

	c.severity = KF_CPL_SERIOUS;
	c.responsible_id = w->tech_id;
	id = new_cpl(w->rec, c);
	OK(kf_complaint_analyse(w->tech, id, -1, true, "原因", "班组", &e_));
	OK(kf_complaint_action(w->sup, id, -1, "整改", w->tech_id, T0 + 60,
	    NULL, &e_));
	drive(w, id, KF_CPL_VERIFIED, false);
	at(w, T0 + 600);
	v = version_of(w, id);
	refused(w, id, kf_complaint_result(w->tech, id, -1, "已处理", &err),
	    KF_REFUSED, &err, v, "a serious one's result before the visit (R37)");
	refused(w, id, kf_complaint_visit(w->sup, id, -1, "张主任", T0 + 601,
	    "报告", &err), KF_INVALID, &err, v, "a visit still to come (R37)");
	refused(w, id, kf_complaint_visit(w->sup, id, -1, "张主任", T0 - 1,
	    "报告", &err), KF_INVALID, &err, v,
	    "a visit before the complaint (R37)");
	refused(w, id, kf_complaint_visit(w->sup, id, -1, "张主任", 0, " ",
	    &err), KF_INVALID, &err, v, "a visit without its report (R37)");
	refused(w, id, kf_complaint_visit(w->tech, id, -1, "张主任", 0, "报告",
	    &err), KF_DENIED, &err, v, "a visit recorded by a technician");
	OK(kf_complaint_visit(w->sup, id, -1, "张主任、李工", T0 + 300,
	    "已上门检查并整改", &e_));
	c = get(w->sup, id);
	assert_int_equal(c.visit_at, T0 + 300);
	assert_string_equal(c.visit_who, "张主任、李工");
	kf_complaint_clear(&c);
	OK(kf_complaint_result(w->tech, id, -1, "已处理", &e_));
}


/* ------------------------------------------------------------ the table */

/*
 * The state table whole: every move from every state, made by someone
 * who may make it (a supervisor for the handler's moves). Allowed
 * exactly where the lifecycle allows it; everywhere else refused with
 * KF_REFUSED naming a rule, and the complaint left as it was. The
 * complaints are municipal (so an interim reply is a move) and valid
 * (an explanation is refused by its guard, R34).
 */
enum tmove {
	T_FORWARD, T_ANALYSE, T_EXPLAIN, T_ACTION, T_APPROVE, T_VERIFY,
	T_RESULT, T_CALLBACK, T_SIGNOFF, T_CLOSE, T_REOPEN, T_WITHDRAW,
	T_VISIT, T_REPLY, T_ESCALATE, T_LINK, T_COUNT
};
_Static_assert((int)T_COUNT == (int)KF_CPL_MOVE_COUNT, "a test move per move");

static const char *const tnames[T_COUNT] = {
	"forward", "analyse", "explain", "action", "approve", "verify",
	"result", "callback", "signoff", "close", "reopen", "withdraw",
	"visit", "reply", "escalate", "link",
};

/* Written out here, not read from the core: what the lifecycle allows.
 * A link only before the analysis (R35, R36, R48). */
static const bool allowed[KF_CPL_STATE_COUNT][T_COUNT] = {
	/*	     fw an ex ac ap ve re cb si cl ro wd vi rp es li */
	[KF_CPL_REGISTERED] =
		{ 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1 },
	[KF_CPL_FORWARDED] =
		{ 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 },
	[KF_CPL_ANALYSED] =
		{ 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0 },
	[KF_CPL_ACTION_SET] =
		{ 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0 },
	[KF_CPL_APPROVED] =
		{ 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0 },
	[KF_CPL_VERIFIED] =
		{ 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0 },
	[KF_CPL_RESULT] =
		{ 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0 },
	[KF_CPL_CALLED_BACK] =
		{ 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0 },
	[KF_CPL_SIGNED] =
		{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0 },
	[KF_CPL_CLOSED] =
		{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 },
	[KF_CPL_WITHDRAWN] = { 0 },
};

/* A municipal complaint in state s; invalid for the short path. */
static int64_t
cpl_in(struct world *w, int s, bool invalid)
{
	struct kf_complaint c = mk(w);
	int64_t id;

	c.municipal = true;
	id = new_cpl(w->rec, c);
	drive(w, id, s, invalid);
	return id;
}

/* An unverified action of id, or one of its actions, or 0. */
static int64_t
an_action(struct world *w, int64_t id)
{
	struct kf_complaint_action *v;
	int64_t a = 0;
	size_t n, i;

	if (kf_complaint_actions(w->boss, id, &v, &n, NULL) != KF_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (a == 0 || v[i].verified_at == 0)
			a = v[i].id;
	kf_complaint_actions_free(v, n);
	return a;
}

/* Move mv on complaint id by k; NULL: by its proper maker. */
static enum kf_rc
move_by(struct world *w, struct kf_core *k, int64_t id, enum tmove mv,
    int64_t other, struct kf_err *err)
{
	struct kf_core *desk = k ? k : w->rec, *sup = k ? k : w->sup;

	switch (mv) {
	case T_FORWARD:
		return kf_complaint_forward(desk, id, -1, w->tech2_id, err);
	case T_ANALYSE:
		return kf_complaint_analyse(sup, id, -1, true, "原因", "班组",
		    err);
	case T_EXPLAIN:
		return kf_complaint_explain(sup, id, -1, "已解释", err);
	case T_ACTION:
		return kf_complaint_action(sup, id, -1, "整改", w->tech_id,
		    kf_core_now(w->boss) + DAY, NULL, err);
	case T_APPROVE:	return kf_complaint_approve(sup, id, -1, err);
	case T_VERIFY:
		return kf_complaint_verify(sup, id, -1, an_action(w, id), "",
		    err);
	case T_RESULT:
		return kf_complaint_result(sup, id, -1, "已处理", err);
	case T_CALLBACK:
		return kf_complaint_callback(desk, id, -1, 0,
		    KF_CPL_SATISFIED, "", NULL, err);
	case T_SIGNOFF:	return kf_complaint_signoff(sup, id, -1, err);
	case T_CLOSE:	return kf_complaint_close(sup, id, -1, err);
	case T_REOPEN:
		return kf_complaint_reopen(sup, id, -1, "复发", err);
	case T_WITHDRAW:	/* after the result a supervisor's (R32) */
		return kf_complaint_withdraw(sup, id, -1, "撤诉", err);
	case T_VISIT:
		return kf_complaint_visit(sup, id, -1, "张主任", 0, "已整改",
		    err);
	case T_REPLY:
		return kf_complaint_reply(sup, id, -1, "已报市政", err);
	case T_ESCALATE:
		return kf_complaint_escalate(sup, id, -1, w->sup2_id, err);
	case T_LINK:
		return kf_complaint_link(desk, id, -1, other, err);
	default:
		fail();
	}
	return KF_DBERR;
}

static void
test_state_table_every_move_from_every_state(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t other = new_cpl(w->rec, mk(w)), id, v;
	enum kf_rc rc;
	int s, mv;

	for (s = 0; s < KF_CPL_STATE_COUNT; s++)
		for (mv = 0; mv < T_COUNT; mv++) {
			id = cpl_in(w, s, false);
			v = version_of(w, id);
			memset(&err, 0, sizeof(err));
			rc = move_by(w, NULL, id, mv, other, &err);
			if (allowed[s][mv]) {
				if (rc != KF_OK)
					fail_msg("%s from %s: %s", tnames[mv],
					    kf_complaint_state_info(s)->key,
					    err.msg);
				continue;
			}
			if (rc != KF_REFUSED)
				fail_msg("%s from %s: %s (%s), want refused",
				    tnames[mv], kf_complaint_state_info(s)->key,
				    kf_rc_name(rc), err.msg);
			if (strstr(err.msg, "(R") == NULL)
				fail_msg("%s from %s names no rule: %s",
				    tnames[mv], kf_complaint_state_info(s)->key,
				    err.msg);
			if (mv == T_CLOSE && strstr(err.msg, "R39") == NULL)
				fail_msg("close from %s names no R39: %s",
				    kf_complaint_state_info(s)->key, err.msg);
			if (version_of(w, id) != v)
				fail_msg("%s from %s changed the complaint",
				    tnames[mv], kf_complaint_state_info(s)->key);
		}
	/* The short path's one move: explained from analysed (R34). */
	id = cpl_in(w, KF_CPL_ANALYSED, true);
	OK(move_by(w, NULL, id, T_EXPLAIN, other, &e_));
	assert_int_equal(state_of(w, id), KF_CPL_RESULT);
}

/*
 * Who may make each move: every role tries it on a complaint in a
 * state it leaves from. Those not allowed get KF_DENIED, a message
 * naming the rule behind the limit, and the complaint unchanged.
 */
static void
test_every_move_by_every_role(void **state)
{
	struct world *w = *state;
	static const struct {
		enum tmove	 mv;
		int		 from;
		bool		 invalid;
		const char	*who;	/* the roles allowed, by letter */
	} cases[] = {
		{ T_FORWARD, KF_CPL_REGISTERED, false, "rds" },
		{ T_ANALYSE, KF_CPL_FORWARDED, false, "st" },
		{ T_EXPLAIN, KF_CPL_ANALYSED, true, "st" },
		{ T_ACTION, KF_CPL_ANALYSED, false, "st" },
		{ T_APPROVE, KF_CPL_ACTION_SET, false, "s" },
		{ T_VERIFY, KF_CPL_APPROVED, false, "s" },
		{ T_RESULT, KF_CPL_VERIFIED, false, "st" },
		{ T_CALLBACK, KF_CPL_RESULT, false, "rs" },
		{ T_SIGNOFF, KF_CPL_CALLED_BACK, false, "s" },
		{ T_CLOSE, KF_CPL_SIGNED, false, "s" },
		{ T_REOPEN, KF_CPL_CLOSED, false, "s" },
		{ T_WITHDRAW, KF_CPL_FORWARDED, false, "rds" },
		/* After the result only a supervisor withdraws (R32, R39). */
		{ T_WITHDRAW, KF_CPL_RESULT, false, "s" },
		{ T_WITHDRAW, KF_CPL_SIGNED, false, "s" },
		{ T_VISIT, KF_CPL_FORWARDED, false, "s" },
		{ T_REPLY, KF_CPL_FORWARDED, false, "st" },
		{ T_ESCALATE, KF_CPL_FORWARDED, false, "st" },
		{ T_LINK, KF_CPL_FORWARDED, false, "rds" },
	};
	/* r reception, d dispatcher, s supervisor, t the technician it is
	 * forwarded to, o another technician, b billing, a admin. */
	const char roles[] = "rdstoba";
	struct kf_core *as[7];
	struct kf_err err;
	int64_t other = new_cpl(w->rec, mk(w)), id, v;
	enum kf_rc rc;
	size_t c, r;

	as[0] = w->rec;
	as[1] = w->disp;
	as[2] = w->sup;
	as[3] = w->tech;
	as[4] = w->tech2;
	as[5] = w->bill;
	as[6] = w->boss;
	_Static_assert(sizeof(cases) / sizeof(cases[0]) == T_COUNT + 2,
	    "every move (withdraw also after the result)");
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		for (r = 0; r < 7; r++) {
			id = cpl_in(w, cases[c].from, cases[c].invalid);
			v = version_of(w, id);
			memset(&err, 0, sizeof(err));
			rc = move_by(w, as[r], id, cases[c].mv, other, &err);
			if (strchr(cases[c].who, roles[r]) != NULL) {
				if (rc != KF_OK)
					fail_msg("%s by %c: %s",
					    tnames[cases[c].mv], roles[r],
					    err.msg);
				continue;
			}
			if (rc != KF_DENIED)
				fail_msg("%s by %c: %s (%s), want denied",
				    tnames[cases[c].mv], roles[r],
				    kf_rc_name(rc), err.msg);
			if (strstr(err.msg, "(R") == NULL)
				fail_msg("%s by %c names no rule: %s",
				    tnames[cases[c].mv], roles[r], err.msg);
			if (version_of(w, id) != v)
				fail_msg("%s by %c changed the complaint",
				    tnames[cases[c].mv], roles[r]);
		}
}

/* kf_complaint_may answers as the move would, writing nothing. */
static void
test_may(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	struct kf_err err;
	int64_t id;

	id = cpl_in(w, KF_CPL_CALLED_BACK, false);
	c = get(w->sup, id);
	assert_int_equal(kf_complaint_may(w->sup, &c, KF_CPL_MOVE_SIGNOFF,
	    &err), KF_OK);
	assert_int_equal(kf_complaint_may(w->rec, &c, KF_CPL_MOVE_SIGNOFF,
	    &err), KF_DENIED);
	assert_int_equal(kf_complaint_may(w->sup, &c, KF_CPL_MOVE_CLOSE,
	    &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R39)"));
	assert_int_equal(kf_complaint_may(w->sup, &c,
	    (enum kf_complaint_move)KF_CPL_MOVE_COUNT, &err), KF_INVALID);
	assert_int_equal(c.version, version_of(w, id));
	kf_complaint_clear(&c);
}

/* ------------------------------------------------------------ R48 */

static int64_t
new_at(struct world *w, int64_t t, const char *phone, const char *place,
    const char *community, const char *building, const char *what)
{
	struct kf_complaint c = mk(w);

	at(w, t);
	free(c.phone);
	free(c.place);
	free(c.community);
	free(c.building);
	free(c.what);
	c.phone = sdup(phone);
	c.place = sdup(place);
	c.community = sdup(community);
	c.building = sdup(building);
	c.what = sdup(what);
	c.happened_at = t - 60;
	return new_cpl(w->rec, c);
}

/*
 * R48: same customer > same address > same building > similar text,
 * within the window (at its first second in, a second before out);
 * withdrawn ones and unrelated ones not offered.
 */
/* n distinct CJK characters from U+4E00 + base, NUL-terminated. */
static char *
cjk(int base, int n)
{
	char *s = calloc((size_t)n * 3 + 1, 1), *p = s;
	int i, cp;

	for (i = 0; i < n; i++) {
		cp = 0x4E00 + base + i;
		*p++ = (char)(0xE0 | (cp >> 12));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*p++ = (char)(0x80 | (cp & 0x3F));
	}
	return s;
}

/* R48: the text compared is the first 200 characters of each: two long
 * texts that open alike are similar, whatever follows (the pieces are
 * sorted and merged, so a 2,000-character text costs its head only). */
static void
test_r48_similar_long_text(void **state)
{
	struct world *w = *state;
	struct kf_complaint_similar *v;
	struct kf_complaint probe;
	struct kf_err err;
	char *head = cjk(0, 100), *tail1 = cjk(1000, 1800),
	    *tail2 = cjk(5000, 1800), *what;
	int64_t id;
	size_t n;

	what = calloc(strlen(head) + strlen(tail1) + 1, 1);
	strcat(strcat(what, head), tail1);
	id = new_at(w, T0 - DAY, "13700000009", "某处", "某小区", "1号楼",
	    what);
	free(what);
	at(w, T0);
	probe = mk(w);
	free(probe.phone);
	probe.phone = sdup("13600000008");
	free(probe.place);
	probe.place = sdup("别处");
	free(probe.community);
	probe.community = sdup("");
	free(probe.building);
	probe.building = sdup("");
	free(probe.what);
	probe.what = calloc(strlen(head) + strlen(tail2) + 1, 1);
	strcat(strcat(probe.what, head), tail2);
	assert_int_equal(kf_complaint_similar(w->rec, &probe, 10, &v, &n,
	    &err), KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].c.id, id);
	assert_string_equal(v[0].why, "similar text");
	kf_complaint_similar_free(v, n);
	kf_complaint_clear(&probe);
	free(head);
	free(tail1);
	free(tail2);
}

static void
test_r48_duplicate_ranking(void **state)
{
	struct world *w = *state;
	struct kf_complaint_similar *v;
	struct kf_complaint probe;
	struct kf_err err;
	int64_t edge_in, edge_out, cust, addr, bldg, text, gone;
	size_t n;

	edge_out = new_at(w, T0 - 30 * DAY - 1, "13800009999", "别处1号",
	    "别的小区", "9号楼", "无关的事情");
	edge_in = new_at(w, T0 - 30 * DAY, "13800009999", "别处2号",
	    "别的小区", "8号楼", "无关的事情");
	text = new_at(w, T0 - 5 * DAY, "13700000001", "远处",
	    "远方小区", "1号楼", "燃气表走得太快，每月燃气费多收");
	bldg = new_at(w, T0 - 4 * DAY, "13700000002", "电力小区3号楼1单元",
	    "电力小区", "3号楼", "楼道里有异味");
	addr = new_at(w, T0 - 3 * DAY, "13700000003", "电力小区3号楼2单元301",
	    "电力小区", "3号楼", "灶具坏了");
	cust = new_at(w, T0 - 2 * DAY, "13800001111", "另一处",
	    "其他小区", "2号楼", "服务太差");
	gone = new_at(w, T0 - DAY, "13800001111", "另一处", "其他小区",
	    "2号楼", "服务太差");
	OK(kf_complaint_withdraw(w->rec, gone, -1, "误登记", &e_));
	new_at(w, T0 - DAY, "13600000000", "无关地址", "无关小区", "7号楼",
	    "水管漏水");
	at(w, T0);
	probe = mk(w);
	free(probe.what);
	probe.what = sdup("燃气表走得快，燃气费多收了");
	assert_int_equal(kf_complaint_similar(w->rec, &probe, 10, &v, &n,
	    &err), KF_OK);
	if (n != 4)
		fail_msg("%zu offered, want 4: %lld %s, %lld %s, %lld %s", n, (long long)v[0].c.id, v[0].why, (long long)v[1].c.id, v[1].why, (long long)v[2].c.id, v[2].why);
	assert_int_equal(v[0].c.id, cust);
	assert_string_equal(v[0].why, "same customer");
	assert_int_equal(v[1].c.id, addr);
	assert_string_equal(v[1].why, "same address");
	assert_int_equal(v[2].c.id, bldg);
	assert_string_equal(v[2].why, "same building");
	assert_int_equal(v[3].c.id, text);
	assert_string_equal(v[3].why, "similar text");
	assert_true(v[0].score > v[1].score && v[1].score > v[2].score &&
	    v[2].score > v[3].score);
	kf_complaint_similar_free(v, n);
	/* The window's edge, by phone: at its first second in, not before. */
	free(probe.phone);
	probe.phone = sdup("13800009999");
	assert_int_equal(kf_complaint_similar(w->rec, &probe, 10, &v, &n,
	    &err), KF_OK);
	assert_true(n >= 1);
	assert_int_equal(v[0].c.id, edge_in);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(v[i].c.id, edge_out);
	kf_complaint_similar_free(v, n);
	/* limit */
	assert_int_equal(kf_complaint_similar(w->rec, &probe, 2, &v, &n,
	    &err), KF_OK);
	assert_int_equal(n, 2);
	kf_complaint_similar_free(v, n);
	/* Texts too unlike are not offered; characters are compared, not
	 * bytes: a text sharing bytes but no character pair is unlike. */
	kf_complaint_clear(&probe);
	memset(&probe, 0, sizeof(probe));
	probe.what = sdup("燃料");
	assert_int_equal(kf_complaint_similar(w->rec, &probe, 10, &v, &n,
	    &err), KF_OK);
	assert_int_equal(n, 0);
	kf_complaint_similar_free(v, n);
	kf_complaint_clear(&probe);
	/* A customer on file: the register's phone and address are looked
	 * for before the form has them. */
	{
		struct kf_customer cu;
		int64_t cid;

		memset(&cu, 0, sizeof(cu));
		cu.account = sdup("A-0042");
		cu.name = sdup("王先生");
		cu.phones[0] = sdup("13800001111");
		cu.address = sdup("电力小区3号楼2单元301");
		if (kf_customer_add(w->boss, &cu, &cid, &err) != KF_OK)
			fail_msg("customer: %s", err.msg);
		kf_customer_clear(&cu);
		memset(&probe, 0, sizeof(probe));
		probe.customer_id = cid;
		assert_int_equal(kf_complaint_similar(w->rec, &probe, 10, &v,
		    &n, &err), KF_OK);
		assert_int_equal(n, 2);
		assert_int_equal(v[0].c.id, cust);		/* its phone */
		assert_int_equal(v[1].c.id, addr);		/* its address */
		kf_complaint_similar_free(v, n);
		kf_complaint_clear(&probe);
	}
	/* R54 */
	probe = mk(w);
	assert_int_equal(kf_complaint_similar(w->tech, &probe, 10, &v, &n,
	    &err), KF_DENIED);
	kf_complaint_clear(&probe);
}

/* R48: links go to the root, never to itself, in a loop or to a
 * withdrawn one; each linked complaint is told its root's result and
 * gets its own callback; a link made after is told at once. */
/* The newest audit row of complaint id names action (supervisor reads). */
static void
last_audit_is(struct world *w, int64_t id, const char *action)
{
	struct kf_audit_filter f = { "complaint", id, NULL, 0, 1 };
	struct kf_audit_row *v;
	struct kf_err err;
	size_t n;

	assert_int_equal(kf_audit_list(w->sup, &f, &v, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].action, action);
	kf_audit_list_free(v, n);
}

/* R48, R28: a root withdrawn frees its open duplicates in the same
 * transaction (audited): their own clocks run again; a duplicate
 * reopened is handled on its own, its clocks running. */
static void
test_r48_withdrawn_root_frees_duplicates(void **state)
{
	struct world *w = *state;
	struct kf_complaint c = mk(w);
	int64_t root, dup, dup2, v;

	c.responsible_id = w->tech_id;
	root = new_cpl(w->rec, c);
	c = mk(w);
	c.duplicate_of = root;
	dup = new_cpl(w->rec, c);		/* unforwarded */
	c = mk(w);
	c.responsible_id = w->tech2_id;
	dup2 = new_cpl(w->rec, c);
	OK(kf_complaint_link(w->rec, dup2, -1, root, &e_));
	c = get(w->sup, dup);
	assert_int_equal(c.duplicate_of, root);
	assert_int_equal(c.due_at, 0);		/* follows its root */
	kf_complaint_clear(&c);
	at(w, T0 + 600);
	v = version_of(w, dup);
	OK(kf_complaint_withdraw(w->sup, root, -1, "用户撤诉", &e_));
	c = get(w->sup, dup);
	assert_int_equal(c.duplicate_of, 0);
	assert_int_equal(c.version, v + 1);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_FORWARD);
	assert_int_equal(c.due_at, T0 + 7200);
	kf_complaint_clear(&c);
	last_audit_is(w, dup, "complaint.unlink");
	c = get(w->sup, dup2);
	assert_int_equal(c.duplicate_of, 0);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_ANALYSE);
	assert_int_equal(c.due_at, T0 + DAY);
	kf_complaint_clear(&c);
	/* Free now: it may be linked to another root. */
	at(w, T0 + 700);
	c = mk(w);
	c.responsible_id = w->tech_id;
	root = new_cpl(w->rec, c);
	OK(kf_complaint_link(w->rec, dup2, -1, root, &e_));
	/* The root's result tells it; closed, then reopened: on its own. */
	drive(w, root, KF_CPL_RESULT, false);
	assert_int_equal(state_of(w, dup2), KF_CPL_RESULT);
	drive(w, dup2, KF_CPL_CLOSED, false);
	at(w, T0 + 2 * DAY);
	OK(kf_complaint_reopen(w->sup, dup2, -1, "用户再次来电", &e_));
	c = get(w->sup, dup2);
	assert_int_equal(c.duplicate_of, 0);
	assert_int_equal(c.state, KF_CPL_FORWARDED);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_ANALYSE);
	assert_int_equal(c.due_at, T0 + 3 * DAY);
	kf_complaint_clear(&c);
}

static void
test_r48_links(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	struct kf_err err;
	int64_t root, a, b, late, gone, born, v;

	root = new_cpl(w->rec, mk(w));
	a = new_cpl(w->rec, mk(w));
	b = new_cpl(w->rec, mk(w));
	gone = new_cpl(w->rec, mk(w));
	OK(kf_complaint_withdraw(w->rec, gone, -1, "误登记", &e_));
	v = version_of(w, a);
	refused(w, a, kf_complaint_link(w->rec, a, -1, a, &err), KF_REFUSED,
	    &err, v, "linked to itself (R48)");
	refused(w, a, kf_complaint_link(w->rec, a, -1, gone, &err), KF_REFUSED,
	    &err, v, "linked to a withdrawn one (R48)");
	refused(w, a, kf_complaint_link(w->rec, a, -1, 99999, &err),
	    KF_NOTFOUND, &err, v, "linked to none");
	OK(kf_complaint_link(w->rec, a, -1, root, &e_));
	/* b to a: to a's root. */
	OK(kf_complaint_link(w->rec, b, -1, a, &e_));
	c = get(w->sup, b);
	assert_int_equal(c.duplicate_of, root);
	assert_int_equal(c.due_at, 0);		/* the root's clocks run */
	kf_complaint_clear(&c);
	/* The root to one of its duplicates: a loop. */
	v = version_of(w, root);
	refused(w, root, kf_complaint_link(w->rec, root, -1, b, &err),
	    KF_REFUSED, &err, v, "a loop (R48)");
	refused(w, a, kf_complaint_link(w->rec, a, -1, root, &err), KF_REFUSED,
	    &err, version_of(w, a), "linked twice (R48)");
	/* Registered as a duplicate of a withdrawn one: refused whole, nothing
	 * of the registration saved (one transaction). */
	{
		struct kf_complaint n = mk(w);
		struct kf_complaint_filter f = any();
		struct kf_complaint_counts cn;
		int64_t before;

		assert_int_equal(kf_complaint_count(w->sup, &f, T0, 0, &cn, &err),
		    KF_OK);
		before = cn.open;
		n.duplicate_of = gone;
		free(n.what);
		n.what = sdup("独一无二的投诉内容");
		assert_int_equal(try_new(w->rec, &n, NULL, &err), KF_REFUSED);
		assert_non_null(strstr(err.msg, "(R32, R48)"));
		assert_int_equal(kf_complaint_count(w->sup, &f, T0, 0, &cn, &err),
		    KF_OK);
		assert_int_equal(cn.open, before);
		assert_int_equal(search(w->sup, "独一无二", NULL, 0, 10), 0);
	}
	/* Registered as a duplicate. */
	{
		struct kf_complaint n = mk(w);

		n.duplicate_of = b;
		born = new_cpl(w->rec, n);
	}
	c = get(w->sup, born);
	assert_int_equal(c.duplicate_of, root);
	kf_complaint_clear(&c);
	/* The root's result is told to each, each with its own callback. */
	at(w, T0 + 3600);
	drive(w, root, KF_CPL_RESULT, false);
	c = get(w->sup, a);
	assert_int_equal(c.state, KF_CPL_RESULT);
	assert_string_equal(c.result, "已重新维修并致歉");
	assert_int_equal(c.callback_due_at, T0 + 3600 + DAY);
	assert_int_equal(c.due_clock, KF_CPL_CLOCK_CALLBACK);
	kf_complaint_clear(&c);
	assert_int_equal(state_of(w, b), KF_CPL_RESULT);
	assert_int_equal(state_of(w, born), KF_CPL_RESULT);
	OK(kf_complaint_callback(w->rec, a, -1, 0, KF_CPL_SATISFIED, "", NULL,
	    &e_));
	assert_int_equal(state_of(w, b), KF_CPL_RESULT);	/* its own */
	drive(w, a, KF_CPL_CLOSED, false);
	/* Linked after the result: told at once. */
	late = new_cpl(w->rec, mk(w));
	at(w, T0 + 7200);
	OK(kf_complaint_link(w->rec, late, -1, a, &e_));
	c = get(w->sup, late);
	assert_int_equal(c.duplicate_of, root);
	assert_int_equal(c.state, KF_CPL_RESULT);
	assert_int_equal(c.result_at, T0 + 7200);
	assert_int_equal(c.callback_due_at, T0 + 7200 + DAY);
	kf_complaint_clear(&c);
	/* Only before its analysis (R35, R36): one analysed keeps its own
	 * handling. */
	late = new_cpl(w->rec, mk(w));
	drive(w, late, KF_CPL_ANALYSED, false);
	v = version_of(w, late);
	refused(w, late, kf_complaint_link(w->rec, late, -1, root, &err),
	    KF_REFUSED, &err, v, "linked once analysed (R48)");
	assert_non_null(strstr(err.msg, "(R35, R36, R48)"));
	/* A serious one never follows an ordinary root (R29), at
	 * registration as after; to a serious root it may. */
	{
		struct kf_complaint n = mk(w);
		int64_t serious, sroot;

		n.severity = KF_CPL_SERIOUS;
		n.duplicate_of = b;
		assert_int_equal(try_new(w->rec, &n, NULL, &err), KF_REFUSED);
		assert_non_null(strstr(err.msg, "(R29, R48)"));
		assert_string_equal(err.field, "duplicate_of");
		n = mk(w);
		n.severity = KF_CPL_SERIOUS;
		serious = new_cpl(w->rec, n);
		v = version_of(w, serious);
		refused(w, serious, kf_complaint_link(w->rec, serious, -1, root,
		    &err), KF_REFUSED, &err, v, "serious to ordinary (R29)");
		n = mk(w);
		n.severity = KF_CPL_SERIOUS;
		sroot = new_cpl(w->rec, n);
		OK(kf_complaint_link(w->rec, serious, -1, sroot, &e_));
	}
}

/* ------------------------------------------------------------ search */

static size_t
search(struct kf_core *k, const char *q, int64_t *ids, size_t max, int page)
{
	struct kf_complaint_filter f = any();

	f.text = q;
	return list_ids(k, &f, ids, max, page);
}

static void
test_search(void **state)
{
	struct world *w = *state;
	struct kf_complaint c;
	int64_t a, b, ids[16], ids2[16];
	size_t n;

	a = new_cpl(w->rec, mk(w));	/* 王先生, 电力小区, 打不着火 */
	c = mk(w);
	free(c.name);
	c.name = sdup("赵女士");
	free(c.phone);
	c.phone = sdup("13912345678");
	free(c.place);
	c.place = sdup("阳光花园5号楼");
	free(c.what);
	c.what = sdup("燃气费多收了");
	c.responsible_id = w->tech_id;
	b = new_cpl(w->rec, c);
	/* Three characters or more: the trigram index. */
	assert_int_equal(search(w->sup, "打不着", ids, 16, 10), 1);
	assert_int_equal(ids[0], a);
	assert_int_equal(search(w->sup, "12345", ids, 16, 10), 1);
	assert_int_equal(ids[0], b);
	assert_int_equal(search(w->sup, "阳光花园", ids, 16, 10), 1);
	assert_int_equal(search(w->sup, "王先生", ids, 16, 10), 1);
	assert_int_equal(search(w->sup, "\"x\" OR", ids, 16, 10), 0);
	/* Two: names, places, what. */
	assert_int_equal(search(w->sup, "王先", ids, 16, 10), 1);
	assert_int_equal(search(w->sup, "费多", ids, 16, 10), 1);
	assert_int_equal(ids[0], b);
	assert_int_equal(search(w->sup, "小区", ids, 16, 10), 1);
	assert_int_equal(search(w->sup, "女士", ids, 16, 10), 1);
	/* One: a surname, a place's character. */
	assert_int_equal(search(w->sup, "赵", ids, 16, 10), 1);
	assert_int_equal(ids[0], b);
	assert_int_equal(search(w->sup, "生", ids, 16, 10), 1);
	assert_int_equal(ids[0], a);
	/* Newest first, page by page alike. */
	n = search(w->sup, "13", ids, 16, 10);
	assert_int_equal(n, 0);		/* phones: three digits or more */
	n = search(w->sup, "138", ids, 16, 10);
	assert_int_equal(n, 1);
	new_cpl(w->rec, mk(w));
	new_cpl(w->rec, mk(w));
	n = search(w->sup, "先生", ids, 16, 10);
	assert_int_equal(n, 3);
	assert_true(ids[0] > ids[1] && ids[1] > ids[2]);
	assert_int_equal(search(w->sup, "先生", ids2, 16, 1), 3);
	assert_memory_equal(ids, ids2, 3 * sizeof(ids[0]));
	assert_int_equal(search(w->sup, "打不着", ids2, 16, 1), 3);
	assert_memory_equal(ids, ids2, 3 * sizeof(ids[0]));
	/* R54: the technician finds his own only. */
	assert_int_equal(search(w->tech, "先生", ids, 16, 10), 0);
	assert_int_equal(search(w->tech, "女士", ids, 16, 10), 1);
}


/*
 * Every read of complaint.c that lists, counts or suggests is an index
 * read: no statement scans the complaint table without an index, and
 * only a technician's whole history, the short search and one
 * complaint's actions sort (their rows: his own, a piece's newest, a
 * handful).
 */
static void
test_query_plans(void **state)
{
	struct world *w = *state;
	sqlite3 *db;
	sqlite3_stmt *st;
	char *q, plan[2048];
	int i, checked = 0;

	assert_int_equal(sqlite3_open_v2(w->fx->path, &db,
	    SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (i = 0; i < core_sql_count; i++) {
		if (strcmp(core_sql[i].file, "complaint.c") != 0 ||
		    strncmp(core_sql[i].sql, "SELECT", 6) != 0 ||
		    strstr(core_sql[i].sql, "FROM complaint") == NULL)
			continue;
		q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", core_sql[i].sql);
		if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
			fail_msg("complaint.c:%d: %s", core_sql[i].line,
			    sqlite3_errmsg(db));
		plan[0] = '\0';
		while (sqlite3_step(st) == SQLITE_ROW) {
			strncat(plan, (const char *)sqlite3_column_text(st, 3),
			    sizeof(plan) - strlen(plan) - 2);
			strcat(plan, ";");
		}
		sqlite3_finalize(st);
		sqlite3_free(q);
		checked++;
		if (strstr(plan, "SCAN c;") != NULL ||
		    strstr(plan, "SCAN complaint;") != NULL ||
		    strstr(plan, "SCAN complaint_action") != NULL ||
		    strstr(plan, "SCAN complaint_gram") != NULL)
			fail_msg("complaint.c:%d scans a table: %s",
			    core_sql[i].line, plan);
		if (strstr(plan, "TEMP B-TREE FOR ORDER BY") != NULL &&
		    strstr(core_sql[i].sql, "AS m ON m.id = c.id") == NULL &&
		    strstr(core_sql[i].sql, "c.id IN (SELECT complaint_id") ==
		    NULL && strstr(core_sql[i].sql, "WHERE complaint_id = :c") ==
		    NULL)
			fail_msg("complaint.c:%d sorts: %s", core_sql[i].line,
			    plan);
	}
	assert_true(checked >= 20);
	sqlite3_close(db);
}

/* ------------------------------------------------------------ names */

static void
test_names_round_trip(void **state)
{
	struct kf_err err;
	int i, v;

	(void)state;
	for (i = 0; i < KF_CPL_STATE_COUNT; i++) {
		assert_int_equal(kf_complaint_state_parse(
		    kf_complaint_state_info(i)->key, &v, &err), KF_OK);
		assert_int_equal(v, i);
		assert_int_equal(kf_complaint_state_parse(
		    kf_complaint_state_info(i)->label, &v, &err), KF_OK);
		assert_int_equal(v, i);
	}
	for (i = 0; i < KF_CPL_CH_COUNT; i++) {
		assert_int_equal(kf_complaint_channel_parse(
		    kf_complaint_channel_info(i)->key, &v, &err), KF_OK);
		assert_int_equal(v, i);
	}
	for (i = 0; i <= KF_CPL_VERY_DISSATISFIED; i++) {
		assert_int_equal(kf_complaint_score_parse(
		    kf_complaint_score_info(i)->key, &v, &err), KF_OK);
		assert_int_equal(v, i);
	}
	for (i = 0; i <= KF_CPL_CLOCK_FORWARD; i++)
		assert_string_not_equal(kf_complaint_clock_info(i)->key, "?");
	assert_string_equal(kf_complaint_state_info(-1)->key, "?");
	assert_string_equal(kf_complaint_state_info(11)->label, "?");
	assert_string_equal(kf_complaint_channel_info(6)->key, "?");
	assert_string_equal(kf_complaint_clock_info(8)->key, "?");
	assert_string_equal(kf_complaint_score_info(6)->key, "?");
	assert_int_equal(kf_complaint_state_parse("nope", &v, &err),
	    KF_INVALID);
	assert_int_equal(kf_complaint_state_parse(NULL, &v, &err), KF_INVALID);
	assert_int_equal(kf_complaint_channel_parse("", &v, &err), KF_INVALID);
	assert_int_equal(kf_complaint_score_parse("meh", &v, &err),
	    KF_INVALID);
	/* The label in Chinese parses too. */
	kf_i18n_set("zh_CN");
	assert_int_equal(kf_complaint_state_parse(
	    kf_gettext(kf_complaint_state_info(KF_CPL_CLOSED)->label), &v,
	    &err), KF_OK);
	assert_int_equal(v, KF_CPL_CLOSED);
	kf_i18n_set("en");
	/* The Chinese parses while English is spoken (cron's C locale). */
	assert_int_equal(kf_complaint_state_parse("已关闭", &v, &err), KF_OK);
	assert_int_equal(v, KF_CPL_CLOSED);
	assert_int_equal(kf_complaint_severity_parse("严重", &v, &err), KF_OK);
	assert_int_equal(v, KF_CPL_SERIOUS);
	assert_int_equal(kf_complaint_severity_parse("ordinary", &v, &err),
	    KF_OK);
	assert_int_equal(v, KF_CPL_ORDINARY);
	assert_int_equal(kf_complaint_severity_parse("grave", &v, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "severity");
	assert_string_equal(kf_complaint_severity_info(2)->key, "?");
}

/* ------------------------------------------------------------ categories */

static void
test_categories(void **state)
{
	struct world *w = *state;
	struct kf_complaint_category *v;
	struct kf_complaint c;
	struct kf_err err;
	size_t n, i;
	int64_t gas = 0;
	static const char *const keys[] = { "attitude", "repair", "billing",
	    "supply", "facilities", "other" };

	assert_int_equal(kf_complaint_categories(w->rec, false, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++) {
		assert_string_equal(v[i].key, keys[i]);
		assert_true(v[i].active);
		if (strcmp(v[i].key, "supply") == 0)
			gas = v[i].id;
	}
	assert_string_equal(v[3].label, "Gas supply");
	kf_complaint_categories_free(v, n);
	assert_int_equal(kf_complaint_category_add(w->sup, "noise", "噪音",
	    &err), KF_DENIED);
	assert_int_equal(kf_complaint_category_add(w->boss, "Noise!", "噪音",
	    &err), KF_INVALID);
	assert_int_equal(kf_complaint_category_add(w->boss, "noise", " ",
	    &err), KF_INVALID);
	OK(kf_complaint_category_add(w->boss, "noise", "噪音", &e_));
	assert_int_equal(kf_complaint_category_add(w->boss, "noise", "噪音",
	    &err), KF_CONFLICT);
	OK(kf_complaint_category_retire(w->boss, "supply", &e_));
	assert_int_equal(kf_complaint_category_retire(w->boss, "supply", &err),
	    KF_REFUSED);
	assert_int_equal(kf_complaint_category_retire(w->boss, "nope", &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_complaint_categories(w->rec, false, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 6);		/* supply out, noise in */
	assert_string_equal(v[5].key, "noise");
	kf_complaint_categories_free(v, n);
	assert_int_equal(kf_complaint_categories(w->rec, true, &v, &n, &err),
	    KF_OK);
	assert_int_equal(n, 7);
	kf_complaint_categories_free(v, n);
	/* A retired one takes no new complaint (R27). */
	c = mk(w);
	c.category_id = gas;
	assert_int_equal(try_new(w->rec, &c, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "category");
}

/* ------------------------------------------------------------ queue */

/* Every complaint f gives k, page by page; their ids into ids. */
static size_t
list_ids(struct kf_core *k, const struct kf_complaint_filter *f,
    int64_t *ids, size_t max, int page)
{
	struct kf_complaint *v, last;
	struct kf_err err;
	size_t n, total = 0, i;

	memset(&last, 0, sizeof(last));
	do {
		if (kf_complaint_list(k, f, total ? KF_PAGE_AFTER :
		    KF_PAGE_FIRST, total ? &last : NULL, page, &v, &n,
		    &err) != KF_OK)
			fail_msg("list: %s", err.msg);
		for (i = 0; i < n; i++) {
			assert_true(total < max);
			ids[total++] = v[i].id;
		}
		if (n > 0) {	/* the keyset: only these are read */
			last.id = v[n - 1].id;
			last.due_at = v[n - 1].due_at;
			last.state = v[n - 1].state;
			last.queue_rank = v[n - 1].queue_rank;
		}
		kf_complaint_list_free(v, n);
	} while (n == (size_t)page);
	return total;
}

/* The queue: nearest deadline first, those without a clock after; the
 * header counts; paging by 2 gives the same as one page. */
static void
test_queue_order_and_counts(void **state)
{
	struct world *w = *state;
	struct kf_complaint_filter f = any();
	struct kf_complaint_counts cn;
	struct kf_complaint c;
	struct kf_err err;
	int64_t a, b, d, e, ids[16], ids2[16];
	size_t n;

	/* Unforwarded ones run their forwarding clock (R28): a week here,
	 * so they come after the others. */
	OK(kf_policy_set(w->boss, "complaint.forward_within", "604800", -1,
	    &e_));
	a = new_cpl(w->rec, mk(w));			/* forward: +7d */
	c = mk(w);
	c.responsible_id = w->tech_id;			/* analyse: T0+1d */
	b = new_cpl(w->rec, c);
	at(w, T0 + 60);
	c = mk(w);
	c.via_company = true;				/* track: +2d */
	d = new_cpl(w->rec, c);
	c = mk(w);
	c.responsible_id = w->tech2_id;			/* T0+60+1d */
	c.severity = KF_CPL_SERIOUS;
	e = new_cpl(w->rec, c);
	f.open_only = true;
	n = list_ids(w->sup, &f, ids, 16, 1000);
	assert_int_equal(n, 4);
	/* The ladder first (R29): the serious one though b's deadline is
	 * nearer; then by deadline. */
	assert_int_equal(ids[0], e);
	assert_int_equal(ids[1], b);
	assert_int_equal(ids[2], d);
	assert_int_equal(ids[3], a);
	assert_int_equal(list_ids(w->sup, &f, ids2, 16, 2), 4);
	assert_memory_equal(ids, ids2, 4 * sizeof(ids[0]));
	assert_int_equal(list_ids(w->sup, &f, ids2, 16, 1), 4);
	assert_memory_equal(ids, ids2, 4 * sizeof(ids[0]));
	/* Escalated, a rises above the ordinary ones, below the serious;
	 * paging agrees; it is in sup2's "escalated to me" only. */
	OK(kf_complaint_escalate(w->sup, a, -1, w->sup2_id, &e_));
	n = list_ids(w->sup, &f, ids, 16, 1000);
	assert_int_equal(n, 4);
	assert_int_equal(ids[0], e);
	assert_int_equal(ids[1], a);
	assert_int_equal(ids[2], b);
	assert_int_equal(ids[3], d);
	assert_int_equal(list_ids(w->sup, &f, ids2, 16, 1), 4);
	assert_memory_equal(ids, ids2, 4 * sizeof(ids[0]));
	f.escalated_to_me = true;
	assert_int_equal(list_ids(w->sup2, &f, ids, 16, 1000), 1);
	assert_int_equal(ids[0], a);
	assert_int_equal(list_ids(w->sup, &f, ids, 16, 1000), 0);
	assert_int_equal(kf_complaint_count(w->sup2, &f, T0 + 60, 0, &cn,
	    &err), KF_OK);
	assert_int_equal(cn.open, 1);
	f.escalated_to_me = false;
	/* Counts: at T0+1d+1 b is late; e due within the hour. */
	at(w, T0 + DAY + 1);
	assert_int_equal(kf_complaint_count(w->sup, &f, T0 + DAY + 1, 3600,
	    &cn, &err), KF_OK);
	assert_int_equal(cn.open, 4);
	assert_int_equal(cn.overdue, 1);
	assert_int_equal(cn.due_soon, 1);
	assert_int_equal(cn.serious, 1);
	assert_int_equal(cn.to_sign, 0);
	assert_int_equal(kf_complaint_overdue_count(w->sup), 1);
	f.overdue_only = true;
	assert_int_equal(list_ids(w->sup, &f, ids, 16, 1000), 1);
	assert_int_equal(ids[0], b);
	f.overdue_only = false;
	f.severity = KF_CPL_SERIOUS;
	assert_int_equal(list_ids(w->sup, &f, ids, 16, 1000), 1);
	assert_int_equal(ids[0], e);
	f.severity = -1;
	f.responsible_id = w->tech2_id;
	assert_int_equal(list_ids(w->sup, &f, ids, 16, 1000), 1);
	assert_int_equal(ids[0], e);
	f.responsible_id = 0;
	f.state = KF_CPL_REGISTERED;
	assert_int_equal(list_ids(w->sup, &f, ids, 16, 1000), 2);
	/* R54: a technician sees his own only. */
	f = any();
	assert_int_equal(list_ids(w->tech, &f, ids, 16, 1000), 1);
	assert_int_equal(ids[0], b);
	assert_int_equal(kf_complaint_overdue_count(w->tech), 1);
	assert_int_equal(kf_complaint_overdue_count(w->tech2), 0);
	assert_int_equal(kf_complaint_overdue_count(w->bill), 0);
	assert_int_equal(kf_complaint_get(w->tech, e, &c, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "(R54)"));
	/* R54: a billing clerk (a billing complaint's person responsible)
	 * sees his own only, as a technician does. */
	assert_int_equal(list_ids(w->bill, &f, ids, 16, 1000), 0);
	assert_int_equal(kf_complaint_get(w->bill, e, &c, &err), KF_DENIED);
	{
		struct kf_complaint nc = mk(w);
		int64_t mine;

		nc.responsible_id = w->bill_id;
		mine = new_cpl(w->rec, nc);
		assert_int_equal(list_ids(w->bill, &f, ids, 16, 1000), 1);
		assert_int_equal(ids[0], mine);
		assert_int_equal(kf_complaint_get(w->bill, mine, &c, &err),
		    KF_OK);
		kf_complaint_clear(&c);
	}
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, w_setup, w_teardown)
	const struct CMUnitTest tests[] = {
		T(test_r27_required_fields),
		T(test_who_registers),
		T(test_complainant_on_file),
		T(test_r28_forwarded_at_once),
		cmocka_unit_test(test_names_round_trip),
		T(test_categories),
		T(test_queue_order_and_counts),
		T(test_lifecycle_valid),
		T(test_lifecycle_invalid),
		T(test_r39_gate),
		T(test_two_supervisors_sign_at_once),
		T(test_r36_action_due_after_set),
		T(test_r35_analyse_clock),
		T(test_r33_track_clock),
		T(test_r34_explain_clock),
		T(test_r38_reply_clock),
		T(test_r28_forward_clock),
		T(test_clock_states),
		T(test_refusal_wording),
		T(test_r48_similar_long_text),
		T(test_r48_withdrawn_root_frees_duplicates),
		T(test_r36_action_clock),
		T(test_r30_callback_clock),
		T(test_r29_ladder),
		T(test_reopen_restarts_clocks),
		T(test_r32_withdraw),
		T(test_r37_visit),
		T(test_state_table_every_move_from_every_state),
		T(test_every_move_by_every_role),
		T(test_may),
		T(test_r48_duplicate_ranking),
		T(test_r48_links),
		T(test_search),
		T(test_query_plans),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
