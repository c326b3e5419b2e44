/*
 * test_check.c — the one text rule and the one phone rule (check.c) that
 * customers, contacts and work orders share: the same typed phone number
 * is stored the same way by each. And kefu check (integrity.c, R54):
 * after a realistic workload every record equals its audit trail, and
 * each change made behind kefu's back with SQL is reported by table, id
 * and field.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/audit.h"
#include "kefu/bill.h"
#include "kefu/callback.h"
#include "kefu/check.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/meter.h"
#include "kefu/order.h"
#include "kefu/policy.h"
#include "kefu/rate.h"
#include "kefu/staff.h"

static void
test_phone_normal_form(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(kf_phone_normal("138-0013 8000", out, sizeof(out)), 11);
	assert_string_equal(out, "13800138000");
	assert_int_equal(kf_phone_normal("(0571) 8888-1234", out, sizeof(out)),
	    12);
	assert_string_equal(out, "057188881234");
	assert_int_equal(kf_phone_normal("+86 138 0013 8000", out, sizeof(out)),
	    13);
	assert_string_equal(out, "+8613800138000");	/* country code kept */
	assert_int_equal(kf_phone_normal("138abc", out, sizeof(out)), -1);
	assert_int_equal(kf_phone_normal("1+38", out, sizeof(out)), -1);
	assert_int_equal(kf_phone_normal("13800138000", out, 5), -1); /* room */
	assert_int_equal(kf_phone_normal("", out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void
test_check_phone_messages(void **state)
{
	struct kf_err err;
	char *s;

	(void)state;
	s = strdup("138abc");
	assert_int_equal(kf_check_phone(&s, "caller_phone", &err), KF_INVALID);
	assert_string_equal(err.field, "caller_phone");
	assert_non_null(strstr(err.msg, "may only hold digits"));
	assert_string_equal(s, "138abc");		/* left as it was */
	free(s);
	s = strdup("12-34");
	assert_int_equal(kf_check_phone(&s, "phones", &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "5 to 20 digits"));
	free(s);
	s = NULL;
	assert_int_equal(kf_check_phone(&s, "phones", &err), KF_OK);
	assert_string_equal(s, "");			/* no number */
	free(s);
}

static void
test_check_text(void **state)
{
	struct kf_err err;

	(void)state;
	assert_int_equal(kf_check_text(NULL, "f", 4, false, &err), KF_OK);
	assert_int_equal(kf_check_text("王小明", "f", 3, true, &err), KF_OK);
	assert_int_equal(kf_check_text("王小明a", "f", 3, true, &err),
	    KF_INVALID);
	assert_non_null(strstr(err.msg, "longer than 3"));
	assert_int_equal(kf_check_text("\xe3\x80\x80 ", "f", 3, true, &err),
	    KF_INVALID);
	assert_string_equal(err.msg, "field f is empty");
	assert_int_equal(kf_check_text("a\x1b[2J", "g", 30, false, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "g");
	assert_non_null(strstr(err.msg, "control characters"));
	assert_int_equal(kf_check_text("\xe7\x8e", "g", 30, false, &err),
	    KF_INVALID);
	assert_string_equal(err.msg, "invalid UTF-8");
}

/* A contact's stored caller phone. */
static char *
contact_phone(struct kf_core *k, const char *typed)
{
	struct kf_contact c;
	struct kf_err err;
	int64_t id;
	char *phone;

	memset(&c, 0, sizeof(c));
	c.channel = KF_CONTACT_CH_HOTLINE;
	c.purpose = KF_CONTACT_P_INQUIRY;
	c.caller_name = strdup("王");
	c.caller_title = strdup("先生");
	c.caller_phone = strdup(typed);
	c.asked = strdup("问物业费");
	if (kf_contact_log(k, &c, &id, &err) != KF_OK)
		fail_msg("contact: %s", err.msg);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_get(k, id, &c, &err), KF_OK);
	phone = strdup(c.caller_phone);
	kf_contact_clear(&c);
	return phone;
}

/* An order's stored contact phone, as reported and after an edit. */
static char *
order_phone(struct kf_core *k, const char *typed, const char *edited)
{
	struct kf_order o;
	struct kf_err err;
	int64_t id;
	char *phone;

	memset(&o, 0, sizeof(o));
	o.category = KF_ORDER_CAT_INDOOR;
	o.address = strdup("幸福小区3栋2单元501");
	o.fault = strdup("水龙头漏水");
	o.contact_name = strdup("王先生");
	o.contact_phone = strdup(typed);
	if (kf_order_new(k, &o, &id, &err) != KF_OK)
		fail_msg("order: %s", err.msg);
	kf_order_clear(&o);
	if (edited != NULL && kf_order_edit(k, id, -1, 0, NULL, edited, NULL,
	    NULL, &err) != KF_OK)
		fail_msg("edit: %s", err.msg);
	assert_int_equal(kf_order_get(k, id, &o, &err), KF_OK);
	phone = strdup(o.contact_phone);
	kf_order_clear(&o);
	return phone;
}

/*
 * The same typed number is stored the same by a contact and a work order
 * (an order used to keep "138-0013 8000" as typed, a contact its digits).
 */
static void
test_order_and_contact_store_a_phone_alike(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k;
	char *c, *o, *e;

	fx_staff(fx->k, "zhao", KF_ROLE_DISPATCHER);
	k = fx_session(fx, "zhao");
	c = contact_phone(k, "138-0013 8000");
	o = order_phone(k, "138-0013 8000", NULL);
	e = order_phone(k, "13900000000", "(138) 0013-8000");
	kf_core_close(k);

	assert_string_equal(c, "13800138000");
	assert_string_equal(o, c);
	assert_string_equal(e, c);
	free(c);
	free(o);
	free(e);
}

/* ---- kefu check: records against their trail ---- */

#define OK(call) do {							\
	struct kf_err e_;						\
	enum kf_rc rc_ = (call);					\
	if (rc_ != KF_OK)						\
		fail_msg("%s: %s (%s)", #call, kf_rc_name(rc_), e_.msg); \
} while (0)

/* What the workload made, for the tampering to aim at. */
struct made {
	int64_t	 wang, li, all;		/* staff */
	int64_t	 customer, contact, contact2, order, order2, item, fee;
	int64_t	 complaint, complaint2, caction;
	int64_t	 rate, meter, reading;	/* billing (schema/017) */
	int64_t	 survey, letter;	/* callbacks (schema/022) */
};

/*
 * Every kind of change the core makes, by the core's own calls: staff
 * added, role changed, password set and changed, disabled and enabled; a
 * policy set; a fee added and repriced; a customer added and edited; a
 * contact logged with its key out and in; orders reported, edited,
 * acknowledged, assigned, arrived at, charged, corrected, done, signed,
 * a caller linked, one cancelled; billing: rates added and one
 * withdrawn, a floor area set and changed, meters added, units linked
 * and one unlinked, readings entered and one corrected, a period marked
 * billed; callbacks: the month's sample drawn, a survey made and an open
 * letter answering one of its tasks.
 */
static void
workload(struct fixture *fx, struct made *m)
{
	struct kf_core *k = fx->k, *a;
	struct kf_customer c, c2;
	struct kf_contact t;
	struct kf_order o;
	struct kf_meter mt;
	struct kf_rate r;
	int64_t rid, pub;

	memset(m, 0, sizeof(*m));
	OK(kf_staff_add(k, "wang", "王芳", KF_ROLE_RECEPTION, "wang",
	    "first-secret-1", &m->wang, &e_));
	OK(kf_staff_add(k, "li", "李强", KF_ROLE_TECHNICIAN, NULL, NULL, &m->li,
	    &e_));
	OK(kf_staff_edit(k, m->wang, -1, NULL, KF_ROLE_RECEPTION |
	    KF_ROLE_BILLING, NULL, &e_));
	OK(kf_staff_passwd(k, m->li, "second-secret-2", &e_));
	OK(kf_staff_set_disabled(k, m->li, -1, true, &e_));
	OK(kf_staff_set_disabled(k, m->li, -1, false, &e_));
	m->all = fx_staff(k, "all", KF_ROLE_RECEPTION | KF_ROLE_DISPATCHER |
	    KF_ROLE_TECHNICIAN | KF_ROLE_SUPERVISOR | KF_ROLE_BILLING);
	OK(kf_policy_set(k, "repair.arrive_within", "45m", -1, &e_));
	OK(kf_fee_add(k, "GAS-01", "更换灶具胶管", "次", 1500, &m->fee, &e_));
	OK(kf_fee_set(k, "GAS-01", -1, NULL, NULL, 1800, -1, &e_));

	a = fx_session(fx, "all");
	memset(&c, 0, sizeof(c));
	c.name = strdup("张三");
	c.phones[0] = strdup("13800001111");
	c.community = strdup("电力小区");
	c.building = strdup("3号楼");
	c.room = strdup("301");
	OK(kf_customer_add(a, &c, &m->customer, &e_));
	kf_customer_clear(&c);
	OK(kf_customer_get(a, m->customer, &c, &e_));
	OK(kf_customer_get(a, m->customer, &c2, &e_));
	free(c2.notes);
	c2.notes = strdup("老人独居");
	free(c2.name);
	c2.name = strdup("张叁");
	OK(kf_customer_edit(a, &c, &c2, &e_));
	kf_customer_clear(&c);
	kf_customer_clear(&c2);

	memset(&t, 0, sizeof(t));
	t.channel = KF_CONTACT_CH_HOTLINE;
	t.purpose = KF_CONTACT_P_REPAIR;
	t.customer_id = m->customer;
	t.caller_name = strdup("张");
	t.caller_title = strdup("先生");
	t.caller_phone = strdup("13800001111");
	t.asked = strdup("灶具打不着火");
	OK(kf_contact_log(a, &t, &m->contact, &e_));
	kf_contact_clear(&t);
	memset(&t, 0, sizeof(t));
	t.channel = KF_CONTACT_CH_HOTLINE;
	t.purpose = KF_CONTACT_P_INQUIRY;
	t.caller_name = strdup("王");
	t.caller_phone = strdup("13700003333");
	t.asked = strdup("问物业费");
	OK(kf_contact_log(a, &t, &m->contact2, &e_));
	kf_contact_clear(&t);

	memset(&o, 0, sizeof(o));
	o.category = KF_ORDER_CAT_PAID;
	o.customer_id = m->customer;
	o.contact_name = strdup("张先生");
	o.contact_phone = strdup("138-0000 1111");
	o.fault = strdup("灶具打不着火");
	o.fee_code = strdup("GAS-01");
	o.contact_id = m->contact;
	OK(kf_order_new(a, &o, &m->order, &e_));
	kf_order_clear(&o);
	OK(kf_order_edit(a, m->order, -1, 0, NULL, NULL, NULL, "灶具打不着火，有异味",
	    &e_));
	OK(kf_order_ack(a, m->order, -1, &e_));
	OK(kf_order_assign(a, m->order, -1, m->all, &e_));
	OK(kf_order_arrive(a, m->order, -1, 0, &e_));
	OK(kf_order_item_add(a, m->order, "GAS-01", 2, &m->item, &e_));
	OK(kf_order_item_correct(a, m->item, -1, 1500, "按原价收取", &e_));
	OK(kf_order_item_add_priced(a, m->order, "GAS-01", 1, 1000, "旧管件",
	    NULL, &e_));
	OK(kf_order_done(a, m->order, -1, "更换灶具胶管", 0, &e_));
	OK(kf_order_signoff(a, m->order, -1, "张叁", &e_));

	memset(&o, 0, sizeof(o));
	o.category = KF_ORDER_CAT_INDOOR;
	o.address = strdup("幸福小区3栋2单元501");
	o.community = strdup("幸福小区");
	o.building = strdup("3栋");
	o.contact_name = strdup("王先生");
	o.contact_phone = strdup("13900002222");
	o.fault = strdup("水龙头漏水");
	OK(kf_order_new(a, &o, &m->order2, &e_));
	kf_order_clear(&o);
	OK(kf_order_link_contact(a, m->order2, m->contact, &e_));
	OK(kf_order_cancel(a, m->order2, -1, "客户自行修好", &e_));

	/* Complaints (issue 12): every move, a duplicate told the result, an
	 * invalid one explained, one withdrawn; a category added, one
	 * retired. */
	OK(kf_complaint_category_add(k, "noise", "噪音", &e_));
	OK(kf_complaint_category_retire(k, "facilities", &e_));
	{
		struct kf_complaint_category *cv;
		struct kf_complaint p;
		int64_t dup, inv, gone, cat;
		size_t n;

		OK(kf_complaint_categories(a, false, &cv, &n, &e_));
		cat = cv[0].id;
		kf_complaint_categories_free(cv, n);
		memset(&p, 0, sizeof(p));
		p.customer_id = m->customer;
		p.contact_id = m->contact;
		p.what = strdup("维修师傅态度差");
		p.happened_at = kf_core_now(a) - 600;
		p.category_id = cat;
		p.severity = KF_CPL_SERIOUS;
		p.municipal = true;
		p.via_company = true;
		OK(kf_complaint_new(a, &p, &m->complaint, &e_));
		kf_complaint_clear(&p);
		memset(&p, 0, sizeof(p));
		p.name = strdup("赵女士");
		p.phone = strdup("13912345678");
		p.what = strdup("师傅态度不好");
		p.place = strdup("电力小区3号楼");
		p.happened_at = kf_core_now(a) - 600;
		p.category_id = cat;
		p.duplicate_of = m->complaint;
		OK(kf_complaint_new(a, &p, &dup, &e_));
		kf_complaint_clear(&p);
		OK(kf_complaint_forward(a, m->complaint, -1, m->all, &e_));
		OK(kf_complaint_reply(a, m->complaint, -1, "已报市政", &e_));
		OK(kf_complaint_escalate(a, m->complaint, -1, m->all, &e_));
		OK(kf_complaint_analyse(a, m->complaint, -1, true, "未按规范",
		    "维修班组", &e_));
		OK(kf_complaint_action(a, m->complaint, -1, "班组培训", m->li,
		    kf_core_now(a) + 86400, &m->caction, &e_));
		OK(kf_complaint_approve(a, m->complaint, -1, &e_));
		OK(kf_complaint_verify(a, m->complaint, -1, m->caction, "已培训",
		    &e_));
		OK(kf_complaint_visit(a, m->complaint, -1, "主管", 0, "已整改",
		    &e_));
		OK(kf_complaint_result(a, m->complaint, -1, "已致歉", &e_));
		OK(kf_complaint_callback(a, m->complaint, -1, 0,
		    KF_CPL_SATISFIED, "", NULL, &e_));
		OK(kf_complaint_callback(a, dup, -1, 1, KF_CPL_NEUTRAL, "一般",
		    "李先生", &e_));
		OK(kf_complaint_signoff(a, m->complaint, -1, &e_));
		OK(kf_complaint_close(a, m->complaint, -1, &e_));
		OK(kf_complaint_reopen(a, m->complaint, -1, "复发", &e_));
		p.name = strdup("钱先生");
		p.phone = strdup("13700001234");
		p.what = strdup("收费不对");
		p.place = strdup("幸福小区");
		p.happened_at = kf_core_now(a) - 600;
		p.category_id = cat;
		p.responsible_id = m->all;
		OK(kf_complaint_new(a, &p, &inv, &e_));
		m->complaint2 = inv;
		OK(kf_complaint_analyse(a, inv, -1, false, "", "", &e_));
		OK(kf_complaint_explain(a, inv, -1, "已解释", &e_));
		p.responsible_id = 0;
		OK(kf_complaint_new(a, &p, &gone, &e_));
		kf_complaint_clear(&p);
		OK(kf_complaint_withdraw(a, gone, -1, "误登记", &e_));
	}
	{
		/* Callbacks (issue 13): the tasks the sources above made (the
		 * orders' callers, the complaints' results, cancelled by a
		 * reopening and a withdrawal, one recorded through its
		 * complaint), a promise, an attempt, an assignment, a record
		 * with a signature and a follow-up (R43, R45), a review (R44)
		 * and a cancellation. */
		struct kf_callback_filter f = { .state = KF_CB_OPEN,
		    .reason = -1 };
		struct kf_callback_record rr;
		struct kf_callback *cv;
		int64_t fu = 0;
		size_t n;

		OK(kf_contact_promise_callback(a, m->contact2, 3600, &e_));
		OK(kf_callback_list(a, &f, KF_PAGE_FIRST, NULL, 100, &cv, &n,
		    &e_));
		assert_true(n >= 3);
		assert_int_equal(cv[0].reason, KF_CB_PROMISE);
		OK(kf_callback_attempt(a, cv[0].id, -1, KF_CB_NO_ANSWER, 0,
		    "无人接听", &e_));
		OK(kf_callback_attempt(a, cv[0].id, -1, KF_CB_CALL_LATER,
		    kf_core_now(a) + 1800, NULL, &e_));
		OK(kf_callback_assign(a, cv[1].id, -1, m->all, &e_));
		memset(&rr, 0, sizeof(rr));
		rr.method = KF_CB_VISIT;
		rr.score = KF_CPL_NEUTRAL;
		rr.said = "还行";
		rr.reason = "等了两天";
		rr.signed_name = "王先生";
		rr.problem = "燃气表走字快";
		rr.reply_due_at = kf_core_now(a) + 86400;
		OK(kf_callback_record(a, cv[0].id, -1, &rr, &fu, &e_));
		assert_true(fu > 0);
		OK(kf_callback_review(a, cv[0].id, -1, "已阅", &e_));
		OK(kf_callback_cancel(a, fu, -1, "客户来电说明已解决", &e_));
		kf_callback_list_free(cv, n);
	}
	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_MGMT;
	r.basis = KF_BASIS_AREA;
	r.pricing = KF_PRICING_AGREED;
	r.price_cfen = 25000;
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	snprintf(r.note, sizeof(r.note), "协议价");
	OK(kf_rate_add(k, &r, &m->rate, &e_));
	snprintf(r.effective, sizeof(r.effective), "2027-01");
	OK(kf_rate_add(k, &r, &rid, &e_));
	OK(kf_rate_withdraw(k, rid, -1, &e_));
	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_WATER;
	r.basis = KF_BASIS_METERED;
	snprintf(r.community, sizeof(r.community), "电力小区");
	snprintf(r.effective, sizeof(r.effective), "2026-01");
	OK(kf_tiers_parse("10:3.45,*:4.83", r.tiers, &r.ntiers, &e_));
	OK(kf_rate_add(k, &r, NULL, &e_));
	OK(kf_area_set(a, m->customer, 8800, -1, &e_));
	OK(kf_area_set(a, m->customer, 8850, -1, &e_));
	memset(&mt, 0, sizeof(mt));
	snprintf(mt.code, sizeof(mt.code), "W-3-301");
	mt.customer_id = m->customer;
	OK(kf_meter_add(a, &mt, &m->meter, &e_));
	snprintf(mt.code, sizeof(mt.code), "W-3-PUB");
	mt.customer_id = 0;
	mt.share_key = KF_SHARE_AREA;
	snprintf(mt.community, sizeof(mt.community), "电力小区");
	OK(kf_meter_add(a, &mt, &pub, &e_));
	OK(kf_meter_link(a, pub, m->customer, 0, NULL, &e_));
	OK(kf_meter_unlink(a, pub, m->customer, &e_));
	OK(kf_meter_link(a, pub, m->customer, 0, NULL, &e_));
	OK(kf_reading_enter(a, m->meter, "2026-10", 12, 0, 0, NULL, NULL, NULL,
	    &e_));
	OK(kf_reading_enter(a, m->meter, "2026-11", 30, 0, 0, NULL, &m->reading,
	    NULL, &e_));
	OK(kf_reading_enter(a, m->meter, "2026-11", 29, 0, 0, "抄错", NULL, NULL,
	    &e_));
	OK(kf_reading_enter(a, pub, "2026-11", 5, 0, 0, NULL, NULL, NULL, &e_));
	OK(kf_tx_begin(k, &e_));
	OK(kf_bill_period_mark_tx(k, "2026-10", &e_));
	OK(kf_tx_end(k, KF_OK, &e_));
	{
		/* The billing desk (issue 14): the flagged charge reviewed, a
		 * notice carrying the order and an adjustment, a partial
		 * payment, an over-payment, a receipt printed twice, a void,
		 * chasing once overdue; the company's name changed. */
		struct kf_order_item *v;
		struct kf_notice_run run;
		struct kf_receipt r1, r2;
		struct kf_buf b = { 0 };
		size_t n;

		OK(kf_order_charges_flagged(a, 10, &v, &n, &e_));
		assert_int_equal(n, 1);
		OK(kf_order_item_correct(a, v[0].id, -1, 1000, "旧管件打折",
		    &e_));
		kf_order_items_free(v, n);
		OK(kf_bill_company_set(k, "电力物业公司", &e_));
		OK(kf_adjust_add(a, m->customer, -500, "上月多收", NULL, &e_));
		OK(kf_notice_run(a, "2026-11", "电力小区", &run, &e_));
		assert_int_equal(run.notices, 1);
		OK(kf_payment_take(a, m->customer, 1000, KF_PAY_CASH, NULL,
		    KF_BALANCE_ANY, &r1, &e_));
		OK(kf_payment_take(a, m->customer, 5000, KF_PAY_MOBILE, "多付",
		    KF_BALANCE_ANY, &r2, &e_));
		OK(kf_receipt_print(a, r1.no, &b, &e_));
		OK(kf_receipt_print(a, r1.no, &b, &e_));
		/* R19: a supervisor other than who took it voids it. */
		{
			struct kf_core *sup;
			struct kf_err own;

			fx_staff(k, "laoban", KF_ROLE_SUPERVISOR);
			sup = fx_session(fx, "laoban");
			assert_int_equal(kf_receipt_void(a, r2.no, -1, "收错户",
			    &own), KF_REFUSED);
			OK(kf_receipt_void(sup, r2.no, -1, "收错户", &e_));
			kf_core_close(sup);
		}
		kf_receipt_clear(&r1);
		kf_receipt_clear(&r2);
		kf_buf_free(&b);
		kf_clock_fix(kf_core_clock(a), kf_core_now(a) + 40 * 86400);
		OK(kf_chase_add(a, m->customer, KF_CHASE_PHONE, "月底交",
		    "月底再打", 0, NULL, &e_));
	}
	{
		/* Callbacks' batch parts (R41, R42, R46): November's sample
		 * (the order closed at T0), a survey of the customer, an
		 * open letter answering its task. */
		struct kf_callback_sample smp;
		sqlite3_stmt *st;
		int64_t task = 0;
		bool drawn = false;

		memset(&smp, 0, sizeof(smp));
		OK(kf_callback_sample(a, "2026-11", &smp, &drawn, &e_));
		assert_true(drawn);
		assert_int_equal(smp.size, 1);
		kf_callback_sample_clear(&smp);
		OK(kf_callback_survey(a, "燃气安全", "您家燃气灶使用正常吗？",
		    kf_core_now(a) + 86400, &m->customer, 1, &m->survey, &e_));
		assert_int_equal(sqlite3_prepare_v2(a->db, "SELECT id FROM "
		    "callback WHERE survey_id = ?1", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int64(st, 1, m->survey);
		if (sqlite3_step(st) == SQLITE_ROW)
			task = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		OK(kf_callback_letter(a, "停气说明", "因管道改造，停气两天。",
		    kf_core_now(a), &task, 1, &m->letter, &e_));
	}
	kf_core_close(a);
}

struct found {
	int		 n;
	char		 lines[64][200];	/* "kind entity id field" */
	char		 first_msg[512];
};

static void
collect(const struct kf_check_problem *p, void *arg)
{
	struct found *f = arg;

	if (f->n == 0)
		snprintf(f->first_msg, sizeof(f->first_msg), "%s", p->msg);
	if (f->n < 64)
		snprintf(f->lines[f->n], sizeof(f->lines[0]), "%s %s %lld %s",
		    kf_check_kind_name(p->kind), p->entity ? p->entity : "-",
		    (long long)p->id, p->field ? p->field : "-");
	f->n++;
}

static int
run_check(struct kf_core *k, const char *seal, struct found *f)
{
	struct kf_err err;
	int problems = -1;

	memset(f, 0, sizeof(*f));
	kf_check(k, seal, collect, f, &problems, &err);
	assert_int_equal(problems, f->n);
	return problems;
}

static bool
has(const struct found *f, const char *line)
{
	int i;

	for (i = 0; i < f->n && i < 64; i++)
		if (strcmp(f->lines[i], line) == 0)
			return true;
	return false;
}

static void
print_found(const struct found *f)
{
	int i;

	for (i = 0; i < f->n && i < 64; i++)
		print_message("  %s\n", f->lines[i]);
}

/* After the whole workload, check finds nothing: no false alarms. */
static void
test_workload_checks_clean(void **state)
{
	struct fixture *fx = *state;
	struct found f;
	struct made m;

	workload(fx, &m);
	if (run_check(fx->k, NULL, &f) != 0) {
		print_found(&f);
		fail_msg("a clean database: %s", f.first_msg);
	}
}

/*
 * Each change made with SQL behind kefu's back, on a fresh copy of the
 * workload's database; check must name it (kind entity id field). The
 * audit trail itself is untouched: only the records.
 */
static void
test_each_direct_change_is_named(void **state)
{
	struct fixture *fx = *state;
	struct made m;
	struct {
		char		*sql;
		char		 want[96];
	} cases[64];
	struct kf_core *copy;
	struct kf_err err;
	struct found f;
	char path[160];
	int i, n = 0;

#define CASE(w, ...) do {						\
	cases[n].sql = NULL;						\
	snprintf(cases[n].want, sizeof(cases[n].want), "%s", w);	\
	cases[n].sql = xasprintf(__VA_ARGS__);				\
	n++;								\
} while (0)
	workload(fx, &m);
	CASE("field staff 2 roles", "UPDATE staff SET roles = 'admin' "
	    "WHERE id = %lld", (long long)m.wang);
	CASE("field staff 3 pw_hash", "UPDATE staff SET pw_hash = (SELECT "
	    "pw_hash FROM staff WHERE id = %lld) WHERE id = %lld",
	    (long long)m.wang, (long long)m.li);
	CASE("field staff 2 unix_user", "UPDATE staff SET unix_user = 'root' "
	    "WHERE id = %lld", (long long)m.wang);
	CASE("field staff 3 disabled", "UPDATE staff SET disabled = 1 "
	    "WHERE id = %lld", (long long)m.li);
	CASE("no_trail staff 99 -", "INSERT INTO staff (id, login, "
	    "display_name, roles, created_at) VALUES (99, 'evil', 'x', 'admin', "
	    "0)%s", "");
	CASE("field customer 1 name", "UPDATE customer SET name = '李四' "
	    "WHERE id = %lld", (long long)m.customer);
	CASE("field customer 1 phones", "UPDATE customer SET phones = "
	    "'13999999999' WHERE id = %lld", (long long)m.customer);
	CASE("no_trail customer 2 -", "INSERT INTO customer (id, account, name, "
	    "created_at) VALUES (2, 'X1', '假', 0)%s", "");
	CASE("no_record customer 1 -", "PRAGMA foreign_keys = OFF; DELETE FROM "
	    "customer WHERE id = %lld", (long long)m.customer);
	CASE("field contact 1 asked", "UPDATE contact SET asked = '别的' "
	    "WHERE id = %lld", (long long)m.contact);
	CASE("field contact 1 at", "UPDATE contact SET at = at - 86400 "
	    "WHERE id = %lld", (long long)m.contact);
	/* Back-dating's evidence erased (R1, R6; schema/015). */
	CASE("field contact 1 entered_at", "UPDATE contact SET entered_at = "
	    "at - 3600 WHERE id = %lld", (long long)m.contact);
	CASE("no_record contact 1 -", "PRAGMA foreign_keys = OFF; DELETE FROM "
	    "contact WHERE id = %lld", (long long)m.contact);
	CASE("no_trail contact 3 -", "INSERT INTO contact (id, at, channel, "
	    "purpose, asked, staff_id) VALUES (3, 0, 0, 1, 'x', 1)%s", "");
	CASE("field work_order 1 amount_due", "UPDATE work_order SET "
	    "amount_due = 1 WHERE id = %lld", (long long)m.order);
	CASE("field work_order 1 deadline_at", "UPDATE work_order SET "
	    "deadline_at = deadline_at + 3600 WHERE id = %lld",
	    (long long)m.order);
	CASE("field work_order 2 state", "UPDATE work_order SET state = 1 "
	    "WHERE id = %lld", (long long)m.order2);
	CASE("field work_order 2 building", "UPDATE work_order SET building = "
	    "'5栋' WHERE id = %lld", (long long)m.order2);
	CASE("no_record work_order 2 -", "PRAGMA foreign_keys = OFF; DELETE "
	    "FROM work_order WHERE id = %lld", (long long)m.order2);
	CASE("field work_order 2 order_reporter", "DELETE FROM order_reporter "
	    "WHERE order_id = %lld", (long long)m.order2);
	CASE("field work_order 1 order_reporter", "INSERT INTO order_reporter "
	    "(order_id, contact_id) VALUES (%lld, %lld)", (long long)m.order,
	    (long long)m.contact2);
	CASE("field complaint 1 state", "UPDATE complaint SET state = 9 "
	    "WHERE id = %lld", (long long)m.complaint);
	CASE("field complaint 3 due_at", "UPDATE complaint SET due_at = "
	    "due_at + 86400 WHERE id = %lld", (long long)m.complaint2);
	CASE("field complaint_action 1 due_at", "UPDATE complaint_action SET "
	    "due_at = due_at + 60 WHERE id = %lld", (long long)m.caction);
	CASE("field complaint_category 1 label", "UPDATE complaint_category "
	    "SET label = 'x' WHERE id = 1%s", "");
	CASE("field order_item 1 unit_price", "UPDATE order_item SET "
	    "unit_price = 1 WHERE id = %lld", (long long)m.item);
	CASE("field policy 1 value", "UPDATE policy SET value = 7200 "
	    "WHERE id = 1%s", "");
	CASE("field policy 2 max_value", "UPDATE policy SET max_value = 9999999 "
	    "WHERE id = 2%s", "");
	CASE("no_record policy 3 -", "DELETE FROM policy WHERE id = 3%s", "");
	CASE("field fee_item 1 price", "UPDATE fee_item SET price = 1 "
	    "WHERE id = %lld", (long long)m.fee);
	CASE("field staff 2 version", "UPDATE staff SET version = version + 1 "
	    "WHERE id = %lld", (long long)m.wang);
	CASE("field rate 1 price_cfen", "UPDATE rate SET price_cfen = 1 "
	    "WHERE id = %lld", (long long)m.rate);
	CASE("field reading 2 usage", "UPDATE reading SET usage = 1 "
	    "WHERE id = %lld", (long long)m.reading);
	CASE("field meter 1 customer_id", "UPDATE meter SET customer_id = NULL "
	    "WHERE id = %lld", (long long)m.meter);
	CASE("no_record bill_period 1 -", "DELETE FROM bill_period%s", "");
	/* The billing desk (schema/018): money rewritten behind kefu. */
	CASE("field notice 1 amount", "UPDATE notice SET amount = 1 "
	    "WHERE id = 1%s", "");
	CASE("field notice_line 1 amount", "UPDATE notice_line SET amount = 1 "
	    "WHERE id = 1%s", "");
	CASE("field receipt 1 amount", "UPDATE receipt SET amount = 99999 "
	    "WHERE id = 1%s", "");
	CASE("field receipt 2 voided_at", "UPDATE receipt SET voided_at = NULL "
	    "WHERE id = 2%s", "");
	CASE("field bill_alloc 1 amount", "UPDATE bill_alloc SET amount = 1 "
	    "WHERE id = 1%s", "");
	CASE("field bill_run 1 total", "UPDATE bill_run SET total = 0 "
	    "WHERE id = 1%s", "");
	CASE("field chase 1 answer", "UPDATE chase SET answer = '已交' "
	    "WHERE id = 1%s", "");
	/* Money that no longer adds up (M6), each named as "money". */
	CASE("money notice 1 amount", "UPDATE notice SET amount = amount + 1 "
	    "WHERE id = 1%s", "");
	CASE("money notice 1 total_due", "UPDATE notice SET total_due = "
	    "total_due + 1 WHERE id = 1%s", "");
	CASE("money notice 1 paid", "UPDATE notice SET paid = paid + 1 "
	    "WHERE id = 1%s", "");
	CASE("money receipt 1 allocations", "INSERT INTO bill_alloc "
	    "(customer_id, receipt_id, notice_id, amount, at) SELECT "
	    "customer_id, 1, 1, 100000, 0 FROM receipt WHERE id = 1%s", "");
	CASE("money receipt 0 no", "UPDATE receipt SET no = no + 10 "
	    "WHERE id = 2%s", "");
	CASE("money bill_counter 0 next", "UPDATE bill_counter SET next = "
	    "next + 1 WHERE name = 'receipt'%s", "");
	/* The day sums the reports read (schema/025): what was owed, and
	 * the contacts by channel and purpose, each rewritten; and a
	 * trigger keeping them gone. */
	{
		static const char *const sums[2][2] = {
			{ "bill_owed_day", "owed = owed + 1" },
			{ "contact_day", "n = n + 1" },
		};
		sqlite3_stmt *st;
		int64_t day;
		char want[96], *q;
		int j;

		for (j = 0; j < 2; j++) {
			day = 0;
			q = xasprintf("SELECT min(day) FROM %s", sums[j][0]);
			assert_int_equal(sqlite3_prepare_v2(fx->k->db, q, -1,
			    &st, NULL), SQLITE_OK);
			if (sqlite3_step(st) == SQLITE_ROW)
				day = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
			free(q);
			assert_true(day > 0);
			snprintf(want, sizeof(want), "sums %s %lld %s",
			    sums[j][0], (long long)day, j ? "n" : "owed");
			CASE(want, "UPDATE %s SET %s WHERE day = %lld",
			    sums[j][0], sums[j][1], (long long)day);
		}
	}
	CASE("sums report 0 triggers", "DROP TRIGGER contact_day_in%s", "");
	/* Callbacks' batch parts (schema/022): November's sample is
	 * audited as 202611; its triggers dropped first, as a tamperer
	 * would. */
	CASE("field callback_sample 202611 seed", "DROP TRIGGER "
	    "callback_sample_no_update; UPDATE callback_sample SET seed = "
	    "seed + 1%s", "");
	CASE("field callback_sample 202611 callback_sample_order", "DELETE "
	    "FROM callback_sample_order%s", "");
	CASE("field callback_survey 1 due_at", "UPDATE callback_survey SET "
	    "due_at = due_at + 1 WHERE id = %lld", (long long)m.survey);
	CASE("field callback_letter 1 callback_letter_task", "DELETE FROM "
	    "callback_letter_task WHERE letter_id = %lld", (long long)m.letter);
	assert_true(n <= 64);
#undef CASE
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/case%d.db", fx->dir, i);
		OK(kf_backup(fx->k, path, &e_));
		OK(kf_core_open(path, NULL, &copy, &e_));
		copy->system = true;	/* as kf_backup checks a copy */
		if (kf_exec(copy, cases[i].sql, &err) != KF_OK)
			fail_msg("%s: %s", cases[i].sql, err.msg);
		if (run_check(copy, NULL, &f) == 0 || !has(&f, cases[i].want)) {
			print_found(&f);
			fail_msg("%s: not named '%s'", cases[i].sql,
			    cases[i].want);
		}
		kf_core_close(copy);
		free(cases[i].sql);
	}
}

/*
 * Issue 11: the one text rule (util.h), which the CLI gets through
 * kf_check_text and the TUI's line editor through kf_text_char. Before,
 * the CLI refused a ZWJ emoji as control characters and accepted a
 * combining mark anywhere; the TUI stripped both.
 */
static void
test_text_rule(void **state)
{
	struct kf_err err;

	(void)state;
	/* Kept: 𠮷 (U+20BB7), e + U+0301, ZWJ emoji, 🏳️‍🌈, 4 marks. */
	assert_true(kf_text_clean("\xf0\xa0\xae\xb7" "e\xcc\x81"));
	assert_int_equal(kf_check_text("\xf0\xa0\xae\xb7" "e\xcc\x81", "name",
	    2, true, &err), KF_INVALID);	/* three characters: counted */
	assert_int_equal(kf_check_text("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0"
	    "\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", "notes", 10, false,
	    &err), KF_OK);
	assert_true(kf_text_clean("\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80"
	    "\x8d\xf0\x9f\x8c\x88"));
	assert_true(kf_text_clean("a\xcc\x81\xcc\x82\xcc\x83\xcc\x84"));
	assert_int_equal(kf_utf8_width("\xf0\xa0\xae\xb7" "e\xcc\x81"), 3);
	/* Refused, each with its words. */
	assert_int_equal(kf_text_verdict("\xcc\x81" "a"), KF_TEXT_LONE_MARK);
	/* The same under the "C" locale: the rule is the core's, not the
	 * caller's LC_CTYPE (a bench or a library user may not set it). */
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_int_equal(kf_text_verdict("\xcc\x81" "a"), KF_TEXT_LONE_MARK);
	assert_int_equal(kf_text_verdict("a\xcc\x81\xcc\x82\xcc\x83\xcc\x84"
	    "\xcc\x85"), KF_TEXT_MANY_MARKS);
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_int_equal(kf_text_verdict("a \xcc\x81"), KF_TEXT_LONE_MARK);
	assert_int_equal(kf_text_verdict("a\xcc\x81\xcc\x82\xcc\x83\xcc\x84"
	    "\xcc\x85"), KF_TEXT_MANY_MARKS);
	assert_int_equal(kf_text_verdict("a\xe2\x80\x8d" "b"), KF_TEXT_CONTROL);
	assert_int_equal(kf_text_verdict("\xe2\x80\x8d"), KF_TEXT_LONE_MARK);
	assert_int_equal(kf_text_verdict("a\xe2\x80\x8b"), KF_TEXT_CONTROL);
	assert_int_equal(kf_check_text("\xcc\x81x", "name", 64, true, &err),
	    KF_INVALID);
	assert_string_equal(err.msg, "field name has a combining mark with no "
	    "character before it");
	assert_string_equal(err.field, "name");
	assert_int_equal(kf_check_text("o\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	    "\xcc\x81", "name", 64, true, &err), KF_INVALID);
	assert_string_equal(err.msg, "field name has more than 4 combining "
	    "marks on one character");
	assert_int_equal(kf_check_text("a\xe2\x80\x8d", "notes", 64, false,
	    &err), KF_INVALID);
	assert_string_equal(err.msg, "field notes has control characters");
	/* The words a face uses for a text cut at the limit: the CLI's. */
	assert_int_equal(kf_text_too_long("notes", 2000, &err), KF_INVALID);
	assert_string_equal(err.msg, "field notes is longer than 2000 "
	    "characters");
}

/* A customer named 𠮷 + e + U+0301 is stored and read back exactly. */
static void
test_rare_name_kept_exactly(void **state)
{
	static const char name[] = "\xf0\xa0\xae\xb7" "e\xcc\x81";
	struct fixture *fx = *state;
	struct kf_customer c = { 0 };
	struct kf_err err;
	int64_t id = 0;

	c.name = strdup(name);
	c.notes = strdup("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9");
	if (kf_customer_add(fx->k, &c, &id, &err) != KF_OK)
		fail_msg("add: %s", err.msg);
	kf_customer_clear(&c);
	assert_int_equal(kf_customer_get(fx->k, id, &c, &err), KF_OK);
	assert_string_equal(c.name, name);
	assert_string_equal(c.notes, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f"
	    "\x91\xa9");
	kf_customer_clear(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_normal_form),
		cmocka_unit_test(test_check_phone_messages),
		cmocka_unit_test(test_check_text),
		cmocka_unit_test(test_text_rule),
		cmocka_unit_test_setup_teardown(test_rare_name_kept_exactly,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_order_and_contact_store_a_phone_alike, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_workload_checks_clean,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_each_direct_change_is_named, fx_setup, fx_teardown),
	};

	/* kefu runs under a UTF-8 LC_CTYPE (main.c): marks are zero width. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
