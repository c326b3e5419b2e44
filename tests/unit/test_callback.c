/*
 * test_callback.c — callback tasks (include/kefu/callback.h): every
 * source makes exactly one task (R30, R41, R52), the state table by
 * every role from every state, recording (R40, R43, R45: a home visit's
 * signature, a reason below satisfied, a follow-up, a raise in one
 * transaction), attempts that never count as done, review (R44), two
 * clerks at once, the complaint's R39 gate opened by its task, the lists
 * and counts, and the completion rate at its edges (R47).
 *
 * Every test runs in a world of one session per role, all on the
 * fixture's fixed clock (T0), moved together with at().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/i18n.h"
#include "kefu/order.h"
#include "kefu/policy.h"
#include "kefu/staff.h"

#define DAY	86400LL
#define HOUR	3600LL

#define OK(call) do {							\
	struct kf_err e_;						\
	enum kf_rc rc_ = (call);					\
	if (rc_ != KF_OK)						\
		fail_msg("%s: %s", #call, e_.msg);			\
} while (0)

struct world {
	struct fixture	*fx;
	struct kf_core	*boss;		/* admin */
	struct kf_core	*rec, *rec2, *disp, *sup, *sup2, *tech, *bill;
	int64_t		 rec_id, rec2_id, disp_id, sup_id, sup2_id, tech_id;
	int64_t		 bill_id;
	int64_t		 cat;		/* complaint category "repair" */
};

static int
w_setup(void **state)
{
	struct world *w;
	struct kf_complaint_category *v;
	struct kf_err err;
	size_t n, i;

	if (fx_setup(state) != 0)
		return -1;
	w = calloc(1, sizeof(*w));
	w->fx = *state;
	w->boss = w->fx->k;
	w->rec_id = fx_staff(w->boss, "rec", KF_ROLE_RECEPTION);
	w->rec2_id = fx_staff(w->boss, "rec2", KF_ROLE_RECEPTION);
	w->disp_id = fx_staff(w->boss, "disp", KF_ROLE_DISPATCHER);
	w->sup_id = fx_staff(w->boss, "sup", KF_ROLE_SUPERVISOR);
	w->sup2_id = fx_staff(w->boss, "sup2", KF_ROLE_SUPERVISOR);
	w->tech_id = fx_staff(w->boss, "tech", KF_ROLE_TECHNICIAN);
	w->bill_id = fx_staff(w->boss, "bill", KF_ROLE_BILLING);
	w->rec = fx_session(w->fx, "rec");
	w->rec2 = fx_session(w->fx, "rec2");
	w->disp = fx_session(w->fx, "disp");
	w->sup = fx_session(w->fx, "sup");
	w->sup2 = fx_session(w->fx, "sup2");
	w->tech = fx_session(w->fx, "tech");
	w->bill = fx_session(w->fx, "bill");
	if (kf_complaint_categories(w->boss, false, &v, &n, &err) != KF_OK)
		fail_msg("categories: %s", err.msg);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, "repair") == 0)
			w->cat = v[i].id;
	kf_complaint_categories_free(v, n);
	*state = w;
	return 0;
}

static int
w_teardown(void **state)
{
	struct world *w = *state;

	kf_core_close(w->rec);
	kf_core_close(w->rec2);
	kf_core_close(w->disp);
	kf_core_close(w->sup);
	kf_core_close(w->sup2);
	kf_core_close(w->tech);
	kf_core_close(w->bill);
	*state = w->fx;
	free(w);
	return fx_teardown(state);
}

/* Moves every session's clock to t. */
static void
at(struct world *w, int64_t t)
{
	struct kf_core *all[] = { w->boss, w->rec, w->rec2, w->disp, w->sup,
	    w->sup2, w->tech, w->bill };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		kf_clock_fix(kf_core_clock(all[i]), t);
}

/* A task made directly (as the batch part makes its own): reason r, due
 * at due, owner (0: the pool). */
static int64_t
task(struct world *w, enum kf_callback_reason r, int64_t due, int64_t owner)
{
	char name[] = "李女士", tel[] = "13900001111", subject[] = "回访";
	struct kf_callback t;
	struct kf_err err;
	int64_t id = 0;
	enum kf_rc rc;

	memset(&t, 0, sizeof(t));
	t.reason = r;
	t.name = name;
	t.phone = tel;
	t.subject = subject;
	t.due_at = due;
	t.owner_id = owner;
	assert_int_equal(kf_tx_begin(w->boss, &err), KF_OK);
	rc = kf_callback_task_tx(w->boss, &t, &id, &err);
	rc = kf_tx_end(w->boss, rc, &err);
	if (rc != KF_OK)
		fail_msg("task: %s", err.msg);
	return id;
}

static struct kf_callback
get(struct world *w, int64_t id)
{
	struct kf_callback c;

	OK(kf_callback_get(w->sup, id, &c, &e_));
	return c;
}

static int
state_of(struct world *w, int64_t id)
{
	struct kf_callback c = get(w, id);
	int s = (int)c.state;

	kf_callback_clear(&c);
	return s;
}

/* The source id a task of reason r names: its complaint, its contact
 * (a promise, a suggestion) or its order. */
static int64_t
source_of(const struct kf_callback *c, int r)
{
	return r == KF_CB_COMPLAINT ? c->complaint_id : r == KF_CB_ORDER ?
	    c->order_id : c->contact_id;
}

/* The tasks of reason r from src (by_contact: whose contact is src), in
 * any state: how many, and the last one's id in *id. */
static size_t
find(struct world *w, int r, int64_t src, bool by_contact, int64_t *id)
{
	struct kf_callback_filter f = { .state = -1, .reason = r };
	struct kf_callback *v;
	size_t n, i, c = 0;

	OK(kf_callback_list(w->sup, &f, KF_PAGE_FIRST, NULL, 1000, &v, &n,
	    &e_));
	for (i = 0; i < n; i++)
		if ((by_contact ? v[i].contact_id : source_of(&v[i], r)) ==
		    src) {
			c++;
			if (id != NULL)
				*id = v[i].id;
		}
	kf_callback_list_free(v, n);
	return c;
}

static size_t
tasks_of(struct world *w, int r, int64_t src)
{
	return find(w, r, src, false, NULL);
}

/* The one task of reason r from src: its id (fails when not one). */
static int64_t
task_of(struct world *w, int r, int64_t src)
{
	int64_t id = 0;

	assert_int_equal(find(w, r, src, false, &id), 1);
	return id;
}

/* The one task of reason r for the caller of contact. */
static int64_t
task_for_contact(struct world *w, int r, int64_t contact)
{
	int64_t id = 0;

	assert_int_equal(find(w, r, contact, true, &id), 1);
	return id;
}

static struct kf_callback_record
phone(enum kf_complaint_score score, const char *said, const char *reason)
{
	struct kf_callback_record r;

	memset(&r, 0, sizeof(r));
	r.method = KF_CB_PHONE;
	r.score = score;
	r.said = said;
	r.reason = reason;
	return r;
}

static void
expect(enum kf_rc got, enum kf_rc want, const struct kf_err *err,
    const char *words)
{
	if (got != want)
		fail_msg("want rc %d, got %d: %s", (int)want, (int)got,
		    err->msg);
	if (words != NULL && strstr(err->msg, words) == NULL)
		fail_msg("'%s' not in '%s'", words, err->msg);
}

/* ---- names ---- */

static void
test_names(void **state)
{
	struct kf_err err;
	int v;

	(void)state;
	assert_string_equal(kf_callback_state_info(KF_CB_OPEN)->key, "open");
	assert_string_equal(kf_callback_state_info(9)->key, "?");
	assert_string_equal(kf_callback_reason_info(KF_CB_FOLLOWUP)->key,
	    "follow-up");
	assert_string_equal(kf_callback_method_info(KF_CB_VISIT)->key,
	    "visit");
	assert_string_equal(kf_callback_method_info(-1)->key, "?");
	assert_string_equal(kf_callback_outcome_info(KF_CB_CALL_LATER)->key,
	    "call-later");
	assert_int_equal(kf_callback_state_parse("reviewed", &v, &err), KF_OK);
	assert_int_equal(v, KF_CB_REVIEWED);
	assert_int_equal(kf_callback_state_parse("called back", &v, &err),
	    KF_OK);
	assert_int_equal(v, KF_CB_DONE);
	/* Chinese, whatever the language spoken (the desk's). */
	assert_int_equal(kf_callback_method_parse("上门回访", &v, &err), KF_OK);
	assert_int_equal(v, KF_CB_VISIT);
	assert_int_equal(kf_callback_reason_parse("承诺回电", &v, &err), KF_OK);
	assert_int_equal(v, KF_CB_PROMISE);
	assert_int_equal(kf_callback_outcome_parse("无人接听", &v, &err),
	    KF_OK);
	assert_int_equal(v, KF_CB_NO_ANSWER);
	assert_int_equal(kf_callback_reason_parse("sample", &v, &err), KF_OK);
	assert_int_equal(v, KF_CB_SAMPLE);
	assert_int_equal(kf_callback_method_parse("fax", &v, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "method");
	assert_int_equal(kf_callback_outcome_parse(NULL, &v, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "outcome");
}

/* ---- the sources: exactly one task each ---- */

static int64_t
log_contact(struct world *w, struct kf_core *k, enum kf_contact_purpose p,
    int64_t promise_at)
{
	struct kf_contact c;
	int64_t id = 0;

	memset(&c, 0, sizeof(c));
	c.channel = KF_CONTACT_CH_HOTLINE;
	c.purpose = p;
	c.caller_name = strdup("张");
	c.caller_title = strdup("先生");
	c.caller_phone = strdup("13800001111");
	c.asked = strdup("灶具打不着火");
	c.callback_due_at = promise_at;
	if (p == KF_CONTACT_P_SUGGESTION)
		c.urgency = KF_CONTACT_URG_NORMAL;
	OK(kf_contact_log(k, &c, &id, &e_));
	kf_contact_clear(&c);
	(void)w;
	return id;
}

static void
test_promise_at_reception(void **state)
{
	struct world *w = *state;
	struct kf_callback c;
	struct kf_contact ct;
	int64_t id, t1;

	/* R52: promised as the contact is logged: one task, the clerk's. */
	id = log_contact(w, w->rec, KF_CONTACT_P_INQUIRY, T0 + HOUR);
	assert_int_equal(tasks_of(w, KF_CB_PROMISE, id), 1);
	t1 = task_of(w, KF_CB_PROMISE, id);
	c = get(w, t1);
	assert_int_equal(c.state, KF_CB_OPEN);
	assert_int_equal(c.due_at, T0 + HOUR);
	assert_int_equal(c.owner_id, w->rec_id);
	assert_int_equal(c.created_at, T0);
	assert_int_equal(c.created_by, w->rec_id);
	assert_string_equal(c.name, "张");
	assert_string_equal(c.phone, "13800001111");
	assert_string_equal(c.subject, "灶具打不着火");	/* what was asked */
	assert_int_equal(c.method, KF_CB_METHOD_NONE);
	assert_int_equal(c.score, KF_CPL_SCORE_NONE);
	assert_string_equal(c.owner_name, "rec");
	kf_callback_clear(&c);
	/* A second promise is a second task; no deadline is overwritten. */
	OK(kf_contact_promise_callback(w->rec2, id, 30 * DAY, &e_));
	assert_int_equal(tasks_of(w, KF_CB_PROMISE, id), 2);
	OK(kf_contact_get(w->rec, id, &ct, &e_));
	assert_int_equal(ct.callback_due_at, T0 + HOUR);	/* the first */
	kf_contact_clear(&ct);
	c = get(w, t1);
	assert_int_equal(c.due_at, T0 + HOUR);
	kf_callback_clear(&c);
	/* A promise on a contact logged without one: one task, and the
	 * contact's deadline is the promise's. */
	id = log_contact(w, w->rec, KF_CONTACT_P_INQUIRY, 0);
	assert_int_equal(tasks_of(w, KF_CB_PROMISE, id), 0);
	OK(kf_contact_promise_callback(w->rec2, id, 2 * HOUR, &e_));
	assert_int_equal(tasks_of(w, KF_CB_PROMISE, id), 1);
	c = get(w, task_of(w, KF_CB_PROMISE, id));
	assert_int_equal(c.owner_id, w->rec2_id);
	assert_int_equal(c.due_at, T0 + 2 * HOUR);
	kf_callback_clear(&c);
	OK(kf_contact_get(w->rec, id, &ct, &e_));
	assert_int_equal(ct.callback_due_at, T0 + 2 * HOUR);
	kf_contact_clear(&ct);
}

static void
test_suggestion_handled(void **state)
{
	struct world *w = *state;
	struct kf_callback c;
	int64_t id;
	struct kf_err err;

	id = log_contact(w, w->rec, KF_CONTACT_P_SUGGESTION, 0);
	assert_int_equal(tasks_of(w, KF_CB_SUGGESTION, id), 0);
	/* Refused: no task. */
	assert_int_equal(kf_contact_handle(w->sup, id, -1, " ", &err),
	    KF_INVALID);
	assert_int_equal(tasks_of(w, KF_CB_SUGGESTION, id), 0);
	at(w, T0 + 600);
	OK(kf_contact_handle(w->sup, id, -1, "纳入工作计划", &e_));
	assert_int_equal(tasks_of(w, KF_CB_SUGGESTION, id), 1);
	c = get(w, task_of(w, KF_CB_SUGGESTION, id));
	assert_int_equal(c.due_at, T0 + 600 + 3 * DAY);	/* R41: 3 days */
	assert_int_equal(c.owner_id, 0);		/* the pool */
	kf_callback_clear(&c);
}

/* A work order reported from contact, customer none, dispatched to the
 * technician and done: ready to be signed off. */
static int64_t
order_done(struct world *w, int64_t contact)
{
	struct kf_order o;
	int64_t id = 0;

	memset(&o, 0, sizeof(o));
	o.category = KF_ORDER_CAT_INDOOR;
	o.address = strdup("幸福小区3栋2单元501");
	o.contact_name = strdup("王先生");
	o.contact_phone = strdup("13900002222");
	o.fault = strdup("水龙头漏水");
	o.contact_id = contact;
	OK(kf_order_new(w->disp, &o, &id, &e_));
	kf_order_clear(&o);
	OK(kf_order_ack(w->sup, id, -1, &e_));
	OK(kf_order_assign(w->disp, id, -1, w->tech_id, &e_));
	OK(kf_order_arrive(w->tech, id, -1, 0, &e_));
	OK(kf_order_done(w->tech, id, -1, "更换阀门", 0, &e_));
	return id;
}

static void
test_order_closed_or_cancelled(void **state)
{
	struct world *w = *state;
	struct kf_callback c;
	int64_t a, b, o, o2, o3;

	/* a: promised a callback already; b: linked later. */
	a = log_contact(w, w->rec, KF_CONTACT_P_REPAIR, T0 + HOUR);
	b = log_contact(w, w->rec2, KF_CONTACT_P_REPAIR, 0);
	o = order_done(w, a);
	OK(kf_order_link_contact(w->disp, o, b, &e_));
	assert_int_equal(tasks_of(w, KF_CB_ORDER, o), 0);
	at(w, T0 + 2 * HOUR);
	OK(kf_order_signoff(w->tech, o, -1, "王先生", &e_));
	/* Every caller, the one promised before too (the fix). */
	assert_int_equal(tasks_of(w, KF_CB_ORDER, o), 2);
	c = get(w, task_for_contact(w, KF_CB_ORDER, a));
	assert_int_equal(c.order_id, o);
	assert_int_equal(c.due_at, T0 + 2 * HOUR + DAY);
	assert_int_equal(c.owner_id, 0);
	kf_callback_clear(&c);
	assert_int_equal(tasks_of(w, KF_CB_PROMISE, a), 1);	/* kept */
	/* Cancelled: its callers too. */
	o2 = order_done(w, b);
	OK(kf_order_cancel(w->disp, o2, -1, "客户自行修好", &e_));
	assert_int_equal(tasks_of(w, KF_CB_ORDER, o2), 1);
	/* An order with no contact on file: its reporter, once. */
	o3 = order_done(w, 0);
	OK(kf_order_signoff(w->tech, o3, -1, "王先生", &e_));
	assert_int_equal(tasks_of(w, KF_CB_ORDER, o3), 1);
	c = get(w, task_of(w, KF_CB_ORDER, o3));
	assert_string_equal(c.name, "王先生");
	assert_string_equal(c.subject, "水龙头漏水");
	kf_callback_clear(&c);
}

/* A complaint registered and handled by the technician up to its
 * result (valid) or explanation (invalid). */
static int64_t
complaint_result(struct world *w, bool invalid)
{
	struct kf_complaint c;
	struct kf_complaint_action *v;
	int64_t id = 0, aid;
	size_t n, i;

	memset(&c, 0, sizeof(c));
	c.name = strdup("王先生");
	c.phone = strdup("13800001111");
	c.what = strdup("维修师傅态度恶劣");
	c.place = strdup("电力小区3号楼2单元301");
	c.happened_at = kf_core_now(w->rec) - HOUR;
	c.channel = KF_CPL_CH_HOTLINE;
	c.category_id = w->cat;
	c.severity = KF_CPL_ORDINARY;
	OK(kf_complaint_new(w->rec, &c, &id, &e_));
	kf_complaint_clear(&c);
	OK(kf_complaint_forward(w->rec, id, -1, w->tech_id, &e_));
	OK(kf_complaint_analyse(w->tech, id, -1, !invalid,
	    invalid ? "" : "未按规范", invalid ? "" : "班组", &e_));
	if (invalid) {
		OK(kf_complaint_explain(w->tech, id, -1, "已解释", &e_));
		return id;
	}
	OK(kf_complaint_action(w->tech, id, -1, "培训", w->tech_id,
	    kf_core_now(w->tech) + DAY, &aid, &e_));
	OK(kf_complaint_approve(w->sup, id, -1, &e_));
	OK(kf_complaint_actions(w->sup, id, &v, &n, &e_));
	for (i = 0; i < n; i++)
		OK(kf_complaint_verify(w->sup, id, -1, v[i].id, "已落实", &e_));
	kf_complaint_actions_free(v, n);
	OK(kf_complaint_result(w->tech, id, -1, "已致歉", &e_));
	return id;
}

static struct kf_complaint
complaint(struct world *w, int64_t id)
{
	struct kf_complaint c;

	OK(kf_complaint_get(w->sup, id, &c, &e_));
	return c;
}

static void
test_complaint_tasks(void **state)
{
	struct world *w = *state;
	struct kf_complaint cp, dp;
	struct kf_callback c;
	int64_t id, inv, dup, t;
	struct kf_err err;

	/* R30, R41: the result makes one task, due the complaint's
	 * callback_due_at (its meaning unchanged). */
	id = complaint_result(w, false);
	assert_int_equal(tasks_of(w, KF_CB_COMPLAINT, id), 1);
	t = task_of(w, KF_CB_COMPLAINT, id);
	cp = complaint(w, id);
	c = get(w, t);
	assert_int_equal(c.due_at, cp.callback_due_at);
	assert_int_equal(cp.callback_due_at, T0 + DAY);
	assert_int_equal(c.owner_id, 0);
	assert_string_equal(c.name, "王先生");
	kf_callback_clear(&c);
	kf_complaint_clear(&cp);
	/* An explanation (R34) too. */
	inv = complaint_result(w, true);
	assert_int_equal(tasks_of(w, KF_CB_COMPLAINT, inv), 1);
	/* A duplicate told its root's result (R48): one of its own. */
	memset(&dp, 0, sizeof(dp));
	dp.name = strdup("赵女士");
	dp.phone = strdup("13912345678");
	dp.what = strdup("师傅态度不好");
	dp.place = strdup("电力小区3号楼");
	dp.happened_at = T0 - HOUR;
	dp.category_id = w->cat;
	OK(kf_complaint_new(w->rec, &dp, &dup, &e_));
	kf_complaint_clear(&dp);
	OK(kf_complaint_link(w->rec, dup, -1, inv, &e_));
	assert_int_equal(tasks_of(w, KF_CB_COMPLAINT, dup), 1);
	/* R39: not signed or closed before its task is recorded; recorded
	 * through the task, the complaint is called back and its gate
	 * opens. */
	expect(kf_complaint_signoff(w->sup, id, -1, &err), KF_REFUSED, &err,
	    "R31");
	expect(kf_complaint_close(w->sup, id, -1, &err), KF_REFUSED, &err,
	    "R39");
	OK(kf_callback_record(w->rec, t, -1, &(struct kf_callback_record){
	    KF_CB_PHONE, KF_CPL_SATISFIED, "满意", NULL, NULL, 0, NULL, 0,
	    KF_CB_RAISE_NONE, 0 }, NULL, &e_));
	cp = complaint(w, id);
	assert_int_equal(cp.state, KF_CPL_CALLED_BACK);
	assert_int_equal(cp.callback_done_at, T0);
	assert_int_equal(cp.callback_score, KF_CPL_SATISFIED);
	assert_string_equal(cp.callback_note, "满意");
	kf_complaint_clear(&cp);
	OK(kf_complaint_signoff(w->sup, id, -1, &e_));
	OK(kf_complaint_close(w->sup, id, -1, &e_));
	/* kf_complaint_callback goes through the open task: the task is
	 * done by it, and a home visit needs a signature (R43). */
	t = task_of(w, KF_CB_COMPLAINT, inv);
	expect(kf_complaint_callback(w->rec, inv, -1, 1, KF_CPL_SATISFIED, "",
	    NULL, &err), KF_INVALID, &err, "R43");
	assert_int_equal(state_of(w, t), KF_CB_OPEN);
	OK(kf_complaint_callback(w->rec, inv, -1, 1, KF_CPL_SATISFIED, "",
	    "钱先生", &e_));
	c = get(w, t);
	assert_int_equal(c.state, KF_CB_DONE);
	assert_int_equal(c.method, KF_CB_VISIT);
	assert_string_equal(c.signed_name, "钱先生");
	assert_int_equal(c.signed_at, T0);
	kf_callback_clear(&c);
	cp = complaint(w, inv);
	assert_int_equal(cp.state, KF_CPL_CALLED_BACK);
	assert_int_equal(cp.callback_method, 1);
	kf_complaint_clear(&cp);
	/* Reopened: its open task cancelled by the core, audited; the next
	 * result makes a new one. */
	OK(kf_complaint_signoff(w->sup, inv, -1, &e_));
	OK(kf_complaint_reopen(w->sup, inv, -1, "客户不认可", &e_));
	assert_int_equal(tasks_of(w, KF_CB_COMPLAINT, inv), 1);	/* done */
	/* The duplicate's task cancelled when it is withdrawn. */
	t = task_of(w, KF_CB_COMPLAINT, dup);
	OK(kf_complaint_withdraw(w->sup, dup, -1, "重复登记", &e_));
	c = get(w, t);
	assert_int_equal(c.state, KF_CB_CANCELLED);
	assert_string_equal(c.cancel_reason,
	    "the complaint was withdrawn (R32)");
	assert_int_equal(c.cancelled_by, w->sup_id);
	kf_callback_clear(&c);
}

static void
test_complaint_reopened_cancels(void **state)
{
	struct world *w = *state;
	struct kf_callback c;
	struct kf_err err;
	int64_t id, t;

	id = complaint_result(w, true);
	t = task_of(w, KF_CB_COMPLAINT, id);
	OK(kf_complaint_callback(w->rec, id, -1, 0, KF_CPL_SATISFIED, "",
	    NULL, &e_));
	OK(kf_complaint_signoff(w->sup, id, -1, &e_));
	OK(kf_complaint_reopen(w->sup, id, -1, "客户不认可", &e_));
	assert_int_equal(state_of(w, t), KF_CB_DONE);	/* done stays */
	OK(kf_complaint_analyse(w->tech, id, -1, false, "", "", &e_));
	OK(kf_complaint_explain(w->tech, id, -1, "再次解释", &e_));
	assert_int_equal(tasks_of(w, KF_CB_COMPLAINT, id), 2);
	/* R39: not signed before the new task is recorded. */
	assert_int_equal(kf_complaint_signoff(w->sup, id, -1, &err),
	    KF_REFUSED);
	/* A complaint whose task is gone (cancelled by a supervisor, or a
	 * result recorded before schema 021) is called back alone. */
	id = complaint_result(w, true);
	t = task_of(w, KF_CB_COMPLAINT, id);
	OK(kf_callback_cancel(w->sup, t, -1, "客户要求不再联系", &e_));
	OK(kf_complaint_callback(w->rec, id, -1, 0, KF_CPL_SATISFIED, "",
	    NULL, &e_));
	assert_int_equal(state_of(w, t), KF_CB_CANCELLED);
	/* Withdrawn before its callback: the open task is cancelled. */
	id = complaint_result(w, true);
	t = task_of(w, KF_CB_COMPLAINT, id);
	OK(kf_complaint_withdraw(w->sup, id, -1, "撤诉", &e_));
	c = get(w, t);
	assert_int_equal(c.state, KF_CB_CANCELLED);
	kf_callback_clear(&c);
}

/* ---- record ---- */

static void
test_record_rules(void **state)
{
	struct world *w = *state;
	struct kf_callback_record r;
	struct kf_callback c;
	struct kf_err err;
	int64_t t, fu = -1;

	t = task(w, KF_CB_PROMISE, T0 + HOUR, w->rec_id);
	r = phone(KF_CPL_SATISFIED, "满意", NULL);
	r.method = KF_CB_METHOD_NONE;		/* R40 */
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, "R40");
	assert_string_equal(err.field, "method");
	r.method = KF_CB_LETTER;		/* only an open letter's */
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, "R40");
	r = phone(KF_CPL_SCORE_NONE, "满意", NULL);
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, NULL);
	assert_string_equal(err.field, "score");
	r = phone(KF_CPL_SATISFIED, " ", NULL);
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, NULL);
	assert_string_equal(err.field, "said");
	/* Below satisfied: a reason. */
	r = phone(KF_CPL_NEUTRAL, "一般", "");
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, NULL);
	assert_string_equal(err.field, "reason");
	/* R43: a home visit without the signature. */
	r = phone(KF_CPL_SATISFIED, "满意", NULL);
	r.method = KF_CB_VISIT;
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, "R43");
	assert_string_equal(err.field, "signed_name");
	r.signed_name = "张叁";
	r.signed_at = T0 + 120;			/* ahead of now */
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, "R43");
	assert_string_equal(err.field, "signed_at");
	/* R45: a problem needs a reply time after now, within 30 days. */
	r.signed_at = 0;
	r.problem = "燃气表走字快";
	r.reply_due_at = T0;
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, "R45");
	assert_string_equal(err.field, "reply_due_at");
	r.reply_due_at = T0 + 30 * DAY + 1;
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, "R45");
	assert_int_equal(state_of(w, t), KF_CB_OPEN);	/* nothing saved */
	/* Raising without a problem. */
	r.problem = NULL;
	r.raise = KF_CB_RAISE_ORDER;
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_INVALID,
	    &err, "R45");
	assert_string_equal(err.field, "problem");
	/* Whole: a visit, signed; a follow-up task for the problem. */
	r.raise = KF_CB_RAISE_NONE;
	r.problem = "燃气表走字快";
	r.reply_due_at = T0 + 30 * DAY;
	r.score = KF_CPL_DISSATISFIED;
	r.reason = "等太久";
	OK(kf_callback_record(w->rec, t, -1, &r, &fu, &e_));
	assert_true(fu > 0);
	c = get(w, t);
	assert_int_equal(c.state, KF_CB_DONE);
	assert_int_equal(c.method, KF_CB_VISIT);
	assert_int_equal(c.score, KF_CPL_DISSATISFIED);
	assert_string_equal(c.said, "满意");
	assert_string_equal(c.reason_text, "等太久");
	assert_string_equal(c.signed_name, "张叁");
	assert_int_equal(c.signed_at, T0);
	assert_int_equal(c.reply_due_at, T0 + 30 * DAY);
	assert_int_equal(c.done_at, T0);
	assert_int_equal(c.done_by, w->rec_id);
	assert_string_equal(c.done_by_name, "rec");
	kf_callback_clear(&c);
	c = get(w, fu);
	assert_int_equal(c.reason, KF_CB_FOLLOWUP);
	assert_int_equal(c.parent_id, t);
	assert_int_equal(c.due_at, T0 + 30 * DAY);
	assert_int_equal(c.owner_id, w->rec_id);
	assert_string_equal(c.subject, "燃气表走字快");
	kf_callback_clear(&c);
	/* Recorded again: refused (R40), nothing changed. */
	r = phone(KF_CPL_SATISFIED, "满意", NULL);
	expect(kf_callback_record(w->rec, t, -1, &r, NULL, &err), KF_REFUSED,
	    &err, "recorded already");
	/* A phone callback is marked as such and carries no signature. */
	r = phone(KF_CPL_VERY_SATISFIED, "很好", NULL);
	r.signed_name = "不用";
	OK(kf_callback_record(w->rec, fu, -1, &r, NULL, &e_));
	c = get(w, fu);
	assert_int_equal(c.method, KF_CB_PHONE);
	assert_string_equal(c.signed_name, "");
	assert_int_equal(c.signed_at, 0);
	kf_callback_clear(&c);
}

static void
test_two_clerks_at_once(void **state)
{
	struct world *w = *state;
	struct kf_callback_record r = phone(KF_CPL_SATISFIED, "满意", NULL);
	struct kf_callback c;
	struct kf_err err;
	int64_t t;

	t = task(w, KF_CB_ORDER, T0 + DAY, 0);	/* the pool: anyone */
	c = get(w, t);
	OK(kf_callback_record(w->rec, t, c.version, &r, NULL, &e_));
	at(w, T0 + 60);
	expect(kf_callback_record(w->rec2, t, c.version, &r, NULL, &err),
	    KF_CONFLICT, &err, "rec recorded callback");
	assert_string_equal(err.conflict.field, "state");
	kf_callback_clear(&c);
	c = get(w, t);
	assert_int_equal(c.done_by, w->rec_id);
	kf_callback_clear(&c);
}

static void
test_raise_in_one_transaction(void **state)
{
	struct world *w = *state;
	struct kf_callback_record r = phone(KF_CPL_VERY_DISSATISFIED, "很不满",
	    "又坏了");
	struct kf_complaint cp;
	struct kf_order o;
	struct kf_callback c;
	struct kf_err err;
	int64_t t, made = 0, contact, ord;

	/* Raised as a complaint: its place from the order the task is
	 * about, serious (R29). */
	contact = log_contact(w, w->rec, KF_CONTACT_P_REPAIR, 0);
	ord = order_done(w, contact);
	OK(kf_order_signoff(w->tech, ord, -1, "王先生", &e_));
	t = task_of(w, KF_CB_ORDER, ord);
	r.problem = "维修后仍漏气";
	r.raise = KF_CB_RAISE_COMPLAINT;
	r.raise_serious = 1;
	OK(kf_callback_record(w->rec, t, -1, &r, &made, &e_));
	assert_true(made > 0);
	cp = complaint(w, made);
	assert_string_equal(cp.what, "维修后仍漏气");
	assert_string_equal(cp.place, "幸福小区3栋2单元501");
	assert_int_equal(cp.severity, KF_CPL_SERIOUS);
	assert_int_equal(cp.contact_id, contact);
	kf_complaint_clear(&cp);
	c = get(w, t);
	assert_int_equal(c.raised_complaint_id, made);
	kf_callback_clear(&c);
	/* Raised as a work order. */
	t = task(w, KF_CB_PROMISE, T0 + HOUR, w->rec_id);
	r.raise = KF_CB_RAISE_ORDER;
	r.problem = "灶具打不着火";
	/* Refused by the order's rules (no address: the task names no
	 * customer and no order): nothing half-saved. */
	expect(kf_callback_record(w->rec, t, -1, &r, &made, &err), KF_INVALID,
	    &err, NULL);
	assert_int_equal(made, 0);
	assert_int_equal(state_of(w, t), KF_CB_OPEN);
	/* Refused by the complaint's (no place): nothing either. */
	r.raise = KF_CB_RAISE_COMPLAINT;
	expect(kf_callback_record(w->rec, t, -1, &r, &made, &err), KF_INVALID,
	    &err, NULL);
	assert_int_equal(state_of(w, t), KF_CB_OPEN);
	/* With an order's address: a new work order, in the same step. */
	contact = log_contact(w, w->rec, KF_CONTACT_P_REPAIR, 0);
	ord = order_done(w, contact);
	OK(kf_order_signoff(w->tech, ord, -1, "王先生", &e_));
	t = task_of(w, KF_CB_ORDER, ord);
	r.raise = KF_CB_RAISE_ORDER;
	OK(kf_callback_record(w->rec, t, -1, &r, &made, &e_));
	assert_true(made > ord);
	OK(kf_order_get(w->sup, made, &o, &e_));
	assert_string_equal(o.fault, "灶具打不着火");
	assert_string_equal(o.address, "幸福小区3栋2单元501");
	assert_int_equal(o.contact_id, contact);
	kf_order_clear(&o);
	c = get(w, t);
	assert_int_equal(c.raised_order_id, made);
	assert_int_equal(c.state, KF_CB_DONE);
	kf_callback_clear(&c);
}

/* ---- attempts: never done (R47) ---- */

static void
test_attempts(void **state)
{
	struct world *w = *state;
	struct kf_callback_attempt *v;
	struct kf_callback_rate rt;
	struct kf_callback c;
	struct kf_err err;
	size_t n;
	int64_t t;

	t = task(w, KF_CB_PROMISE, T0 + HOUR, w->rec_id);
	OK(kf_callback_attempt(w->rec, t, -1, KF_CB_NO_ANSWER, 0, NULL, &e_));
	c = get(w, t);
	assert_int_equal(c.state, KF_CB_OPEN);
	assert_int_equal(c.attempts, 1);
	assert_int_equal(c.next_try_at, T0 + HOUR);	/* retry_after */
	assert_int_equal(c.due_at, T0 + HOUR);		/* never moved */
	kf_callback_clear(&c);
	/* Call later: after now, within 30 days. */
	expect(kf_callback_attempt(w->rec, t, -1, KF_CB_CALL_LATER, T0, NULL,
	    &err), KF_INVALID, &err, NULL);
	assert_string_equal(err.field, "later_at");
	expect(kf_callback_attempt(w->rec, t, -1, KF_CB_CALL_LATER,
	    T0 + 30 * DAY + 1, NULL, &err), KF_INVALID, &err, NULL);
	expect(kf_callback_attempt(w->rec, t, -1, 7, 0, NULL, &err),
	    KF_INVALID, &err, NULL);
	OK(kf_callback_attempt(w->rec, t, -1, KF_CB_CALL_LATER,
	    T0 + 30 * DAY, "晚上再打", &e_));
	c = get(w, t);
	assert_int_equal(c.state, KF_CB_OPEN);
	assert_int_equal(c.attempts, 2);
	assert_int_equal(c.next_try_at, T0 + 30 * DAY);
	kf_callback_clear(&c);
	OK(kf_callback_attempts(w->sup, t, &v, &n, &e_));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].outcome, KF_CB_NO_ANSWER);
	assert_int_equal(v[0].by, w->rec_id);
	assert_string_equal(v[0].by_name, "rec");
	assert_int_equal(v[1].outcome, KF_CB_CALL_LATER);
	assert_int_equal(v[1].later_at, T0 + 30 * DAY);
	assert_string_equal(v[1].note, "晚上再打");
	kf_callback_attempts_free(v, n);
	/* Not counted done: the rate's one task is missing. */
	OK(kf_callback_rate(w->sup, T0, T0 + DAY, &rt, &e_));
	assert_int_equal(rt.due, 1);
	assert_int_equal(rt.missing, 1);
	assert_int_equal(rt.rate_permille, 0);
	/* Another's task: not his (owner), a supervisor's yes. */
	expect(kf_callback_attempt(w->rec2, t, -1, KF_CB_NO_ANSWER, 0, NULL,
	    &err), KF_DENIED, &err, "rec's");
	OK(kf_callback_attempt(w->sup, t, -1, KF_CB_NO_ANSWER, 0, NULL, &e_));
}

/* ---- every move from every state by every role ---- */

/* A task in state s (0..3). */
static int64_t
in_state(struct world *w, int s)
{
	struct kf_callback_record r = phone(KF_CPL_SATISFIED, "满意", NULL);
	int64_t t = task(w, KF_CB_ORDER, T0 + DAY, 0);

	if (s == KF_CB_DONE || s == KF_CB_REVIEWED)
		OK(kf_callback_record(w->rec, t, -1, &r, NULL, &e_));
	if (s == KF_CB_REVIEWED)
		OK(kf_callback_review(w->sup, t, -1, NULL, &e_));
	if (s == KF_CB_CANCELLED)
		OK(kf_callback_cancel(w->sup, t, -1, "不再需要", &e_));
	assert_int_equal(state_of(w, t), s);
	return t;
}

static enum kf_rc
make(struct world *w, struct kf_core *k, int64_t t, int mv,
    struct kf_err *err)
{
	struct kf_callback_record r = phone(KF_CPL_SATISFIED, "满意", NULL);
	int64_t to = kf_core_actor_id(k);

	(void)w;
	switch (mv) {
	case KF_CB_MOVE_RECORD:
		return kf_callback_record(k, t, -1, &r, NULL, err);
	case KF_CB_MOVE_ATTEMPT:
		return kf_callback_attempt(k, t, -1, KF_CB_NO_ANSWER, 0, NULL,
		    err);
	case KF_CB_MOVE_REVIEW:
		return kf_callback_review(k, t, -1, "已阅", err);
	case KF_CB_MOVE_ASSIGN:
		return kf_callback_assign(k, t, -1, to, err);
	case KF_CB_MOVE_CANCEL:
		return kf_callback_cancel(k, t, -1, "不再需要", err);
	default: {
		enum kf_rc rc;

		if ((rc = kf_tx_begin(k, err)) != KF_OK)
			return rc;
		if ((rc = kf_may(k, KF_ACT_CALLBACK_MANAGE, 0, err)) == KF_OK)
			rc = kf_callback_letter_done_tx(k, t, 1, err);
		return kf_tx_end(k, rc, err);
	}
	}
}

static void
test_every_move_every_state_every_role(void **state)
{
	struct world *w = *state;
	struct kf_core *who[] = { w->rec, w->disp, w->sup, w->tech, w->bill,
	    w->boss };
	const char *names[] = { "rec", "disp", "sup", "tech", "bill", "boss" };
	/* The roles that may, by move (perm.c). */
	static const bool may[6][KF_CB_MOVE_COUNT] = {
		/* record attempt review assign cancel letter */
		{ true, true, false, true, false, false },	/* rec */
		{ false, false, false, false, false, false },	/* disp */
		{ true, true, true, true, true, true },		/* sup */
		{ false, false, false, false, false, false },	/* tech */
		{ false, false, false, false, false, false },	/* bill */
		{ false, false, false, false, false, false },	/* admin */
	};
	struct kf_err err;
	enum kf_rc rc, want;
	size_t i;
	int s, mv;

	for (s = 0; s < KF_CB_STATE_COUNT; s++)
		for (mv = 0; mv < KF_CB_MOVE_COUNT; mv++)
			for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
				int64_t t = in_state(w, s);
				bool from = (kf_callback_fsm.moves[mv].from &
				    KF_FSM_ST(s)) != 0;

				want = !may[i][mv] ? KF_DENIED :
				    from ? KF_OK : KF_REFUSED;
				rc = make(w, who[i], t, mv, &err);
				if (rc != want)
					fail_msg("%s: %s from %s: want %d, "
					    "got %d (%s)", names[i],
					    kf_callback_fsm.moves[mv].action,
					    kf_callback_state_info(s)->key,
					    (int)want, (int)rc, err.msg);
				if (rc == KF_REFUSED && strchr(err.msg, '(') ==
				    NULL && s != KF_CB_CANCELLED)
					fail_msg("no rule named: %s", err.msg);
			}
	/* The faces ask first (nothing written): the same answers. */
	{
		struct kf_callback c = get(w, in_state(w, KF_CB_DONE));

		expect(kf_callback_may(w->rec, &c, KF_CB_MOVE_RECORD, &err),
		    KF_REFUSED, &err, "R40");
		expect(kf_callback_may(w->tech, &c, KF_CB_MOVE_REVIEW, &err),
		    KF_DENIED, &err, NULL);
		assert_int_equal(kf_callback_may(w->sup, &c,
		    KF_CB_MOVE_REVIEW, &err), KF_OK);
		assert_int_equal(state_of(w, c.id), KF_CB_DONE);
		kf_callback_clear(&c);
	}
	/* A technician reviewing: denied, whatever the state (R44). */
	expect(kf_callback_review(w->tech, in_state(w, KF_CB_DONE), -1, NULL,
	    &err), KF_DENIED, &err, NULL);
	/* Reviewing one not done: refused naming R44. */
	expect(kf_callback_review(w->sup, in_state(w, KF_CB_OPEN), -1, NULL,
	    &err), KF_REFUSED, &err, "R44");
	/* The roles that see none (R54). */
	expect(kf_callback_get(w->tech, in_state(w, KF_CB_OPEN), &(struct
	    kf_callback){ 0 }, &err), KF_DENIED, &err, NULL);
	assert_int_equal(kf_callback_overdue_count(w->bill), 0);
}

static void
test_review_and_assign(void **state)
{
	struct world *w = *state;
	struct kf_callback c;
	struct kf_err err;
	int64_t t;

	t = in_state(w, KF_CB_DONE);
	c = get(w, t);
	at(w, T0 + 600);
	OK(kf_callback_review(w->sup, t, c.version, "记录完整", &e_));
	expect(kf_callback_review(w->sup2, t, c.version, NULL, &err),
	    KF_CONFLICT, &err, NULL);
	kf_callback_clear(&c);
	c = get(w, t);
	assert_int_equal(c.state, KF_CB_REVIEWED);
	assert_int_equal(c.reviewed_by, w->sup_id);
	assert_int_equal(c.reviewed_at, T0 + 600);
	assert_string_equal(c.review_note, "记录完整");
	assert_string_equal(c.reviewed_by_name, "sup");
	kf_callback_clear(&c);
	/* A clerk takes one from the pool; another clerk may not take it
	 * from him; a supervisor hands it to anyone who calls back. */
	t = in_state(w, KF_CB_OPEN);
	OK(kf_callback_assign(w->rec, t, -1, w->rec_id, &e_));
	expect(kf_callback_assign(w->rec2, t, -1, w->rec2_id, &err),
	    KF_DENIED, &err, "rec's");
	expect(kf_callback_assign(w->rec, t, -1, w->rec2_id, &err),
	    KF_DENIED, &err, NULL);
	expect(kf_callback_assign(w->sup, t, -1, w->tech_id, &err),
	    KF_INVALID, &err, NULL);
	OK(kf_callback_assign(w->sup, t, -1, w->rec2_id, &e_));
	c = get(w, t);
	assert_int_equal(c.owner_id, w->rec2_id);
	kf_callback_clear(&c);
	OK(kf_callback_assign(w->rec2, t, -1, 0, &e_));	/* back */
	c = get(w, t);
	assert_int_equal(c.owner_id, 0);
	kf_callback_clear(&c);
	expect(kf_callback_cancel(w->sup, t, -1, " ", &err), KF_INVALID, &err,
	    NULL);
}

/* ---- lists and counts ---- */

static void
test_list_and_counts(void **state)
{
	struct world *w = *state;
	struct kf_callback_filter f = { .state = KF_CB_OPEN, .reason = -1 };
	struct kf_callback_counts cn;
	struct kf_callback *v, *v2;
	size_t n, n2;
	int64_t a, b, c, d, e;

	a = task(w, KF_CB_PROMISE, T0 - HOUR, w->rec_id);	/* late */
	b = task(w, KF_CB_ORDER, T0 + HOUR, 0);
	c = task(w, KF_CB_ORDER, T0 + 3 * DAY, w->rec2_id);
	d = task(w, KF_CB_SUGGESTION, T0 + 2 * HOUR, 0);
	e = in_state(w, KF_CB_DONE);			/* due T0 + DAY */
	OK(kf_callback_list(w->rec, NULL, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 4);			/* open, by deadline */
	assert_int_equal(v[0].id, a);
	assert_int_equal(v[1].id, b);
	assert_int_equal(v[2].id, d);
	assert_int_equal(v[3].id, c);
	/* Pages: after the second, before the third. */
	OK(kf_callback_list(w->rec, &f, KF_PAGE_AFTER, &v[1], 2, &v2, &n2,
	    &e_));
	assert_int_equal(n2, 2);
	assert_int_equal(v2[0].id, d);
	kf_callback_list_free(v2, n2);
	OK(kf_callback_list(w->rec, &f, KF_PAGE_BEFORE, &v[2], 1, &v2, &n2,
	    &e_));
	assert_int_equal(n2, 1);
	assert_int_equal(v2[0].id, b);
	kf_callback_list_free(v2, n2);
	OK(kf_callback_list(w->rec, &f, KF_PAGE_LAST, NULL, 2, &v2, &n2,
	    &e_));
	assert_int_equal(n2, 2);
	assert_int_equal(v2[0].id, d);
	assert_int_equal(v2[1].id, c);
	kf_callback_list_free(v2, n2);
	kf_callback_list_free(v, n);
	/* Mine: the clerk's and the pool's. */
	f.mine = true;
	OK(kf_callback_list(w->rec, &f, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 3);
	kf_callback_list_free(v, n);
	f.mine = false;
	f.owner_id = -1;			/* the pool only */
	OK(kf_callback_list(w->rec, &f, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 2);
	kf_callback_list_free(v, n);
	f.owner_id = w->rec2_id;
	OK(kf_callback_list(w->rec, &f, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, c);
	kf_callback_list_free(v, n);
	f.owner_id = 0;
	f.overdue_only = true;
	OK(kf_callback_list(w->rec, &f, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a);
	kf_callback_list_free(v, n);
	f.overdue_only = false;
	f.reason = KF_CB_ORDER;
	OK(kf_callback_list(w->rec, &f, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 2);
	kf_callback_list_free(v, n);
	f.reason = -1;
	f.to_review = true;			/* whatever the state says */
	OK(kf_callback_list(w->rec, &f, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, e);
	kf_callback_list_free(v, n);
	/* Due now: a no-answer waits for its retry. */
	OK(kf_callback_attempt(w->rec, b, -1, KF_CB_NO_ANSWER, 0, NULL, &e_));
	memset(&f, 0, sizeof(f));
	f.reason = -1;
	f.due_now = true;
	OK(kf_callback_list(w->rec, &f, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 3);
	kf_callback_list_free(v, n);
	/* All states. */
	memset(&f, 0, sizeof(f));
	f.state = -1;
	f.reason = -1;
	OK(kf_callback_list(w->rec, &f, KF_PAGE_FIRST, NULL, 100, &v, &n,
	    &e_));
	assert_int_equal(n, 5);
	kf_callback_list_free(v, n);
	/* The header. */
	OK(kf_callback_count(w->rec, NULL, T0, 2 * HOUR, &cn, &e_));
	assert_int_equal(cn.open, 4);
	assert_int_equal(cn.overdue, 1);
	assert_int_equal(cn.due_soon, 2);		/* b, d: at the edge */
	assert_int_equal(cn.to_review, 1);
	assert_int_equal(kf_callback_overdue_count(w->rec), 1);
	at(w, T0 + 2 * HOUR + 1);
	assert_int_equal(kf_callback_overdue_count(w->sup), 3);
	assert_int_equal(kf_callback_overdue_count(w->tech), 0);	/* R54 */
}

/* ---- R47: the completion rate at its edges ---- */

static void
test_rate_edges(void **state)
{
	struct world *w = *state;
	struct kf_callback_record r = phone(KF_CPL_SATISFIED, "满意", NULL);
	struct kf_callback_rate rt;
	struct kf_callback *v;
	struct kf_err err;
	size_t n;
	int64_t on, late, miss, gone;

	/* Nothing due: no rate. */
	OK(kf_callback_rate(w->sup, T0, T0 + DAY, &rt, &e_));
	assert_int_equal(rt.due, 0);
	assert_int_equal(rt.rate_permille, -1);
	expect(kf_callback_rate(w->sup, T0, T0, &rt, &err), KF_INVALID, &err,
	    NULL);
	on = task(w, KF_CB_ORDER, T0 + HOUR, 0);
	late = task(w, KF_CB_ORDER, T0 + HOUR, 0);
	miss = task(w, KF_CB_ORDER, T0 + 2 * HOUR, 0);
	gone = task(w, KF_CB_ORDER, T0 + 2 * HOUR, 0);
	OK(kf_callback_cancel(w->sup, gone, -1, "客户已搬走", &e_));
	at(w, T0 + HOUR);			/* at the deadline's second */
	OK(kf_callback_record(w->rec, on, -1, &r, NULL, &e_));
	at(w, T0 + HOUR + 1);			/* a second later */
	OK(kf_callback_record(w->rec, late, -1, &r, NULL, &e_));
	OK(kf_callback_rate(w->sup, T0, T0 + DAY, &rt, &e_));
	assert_int_equal(rt.due, 3);		/* the cancelled left out */
	assert_int_equal(rt.on_time, 1);
	assert_int_equal(rt.late, 1);
	assert_int_equal(rt.missing, 1);
	assert_int_equal(rt.rate_permille, 333);	/* rounded down */
	OK(kf_callback_missing(w->sup, T0, T0 + DAY, 10, &v, &n, &e_));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, late);
	assert_int_equal(v[1].id, miss);
	kf_callback_list_free(v, n);
	/* The period is [from, to): a deadline at to is the next's. */
	OK(kf_callback_rate(w->sup, T0, T0 + HOUR, &rt, &e_));
	assert_int_equal(rt.due, 0);
	OK(kf_callback_rate(w->sup, T0 + HOUR, T0 + HOUR + 1, &rt, &e_));
	assert_int_equal(rt.due, 2);
	assert_int_equal(rt.rate_permille, 500);
	/* Reviewed counts as done. */
	OK(kf_callback_review(w->sup, on, -1, NULL, &e_));
	OK(kf_callback_rate(w->sup, T0, T0 + HOUR + 1, &rt, &e_));
	assert_int_equal(rt.on_time, 1);
	/* Every one on time: 100%. */
	OK(kf_callback_record(w->rec, miss, -1, &r, NULL, &e_));
	OK(kf_callback_rate(w->sup, T0 + HOUR + 1, T0 + DAY, &rt, &e_));
	assert_int_equal(rt.due, 1);
	assert_int_equal(rt.rate_permille, 1000);
	expect(kf_callback_rate(w->tech, T0, T0 + DAY, &rt, &err), KF_DENIED,
	    &err, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_promise_at_reception,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_suggestion_handled,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_order_closed_or_cancelled,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_complaint_tasks, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_complaint_reopened_cancels,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_record_rules, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_two_clerks_at_once,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_raise_in_one_transaction,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_attempts, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(
		    test_every_move_every_state_every_role, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_review_and_assign,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_list_and_counts, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_rate_edges, w_setup,
		    w_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
