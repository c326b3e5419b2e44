/*
 * test_contact.c — the contact log: R1/R4 required fields, R6 viewing
 * hours and appointments at their edges, R7 routing into queues, R8, R10,
 * R52's promise, roles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kefu/audit.h"
#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/perm.h"
#include "kefu/policy.h"
#include "kefu/staff.h"

/* A local time today (the fixture's day, Asia/Shanghai) as epoch seconds. */
static int64_t
today(int h, int m)
{
	return kf_time_day_start(T0) + h * 3600 + m * 60;
}

static struct kf_contact
call(enum kf_contact_purpose p, const char *asked)
{
	struct kf_contact c;

	memset(&c, 0, sizeof(c));
	c.channel = KF_CONTACT_CH_HOTLINE;
	c.purpose = p;
	c.caller_name = strdup("王");
	c.caller_title = strdup("先生");
	c.caller_phone = strdup("138-0000-1111");
	c.asked = asked ? strdup(asked) : NULL;
	return c;
}

static enum kf_rc
log_it(struct kf_core *k, struct kf_contact *c, struct kf_err *err)
{
	enum kf_rc rc = kf_contact_log(k, c, NULL, err);

	kf_contact_clear(c);
	return rc;
}

/* Every contact of the fixture's day. */
static struct kf_contact_filter
day(void)
{
	struct kf_contact_filter f = { .from = today(0, 0), .to = today(24, 0),
	    .purpose = -1 };

	return f;
}

/* The suggestions waiting in the session's queues (R7). */
static struct kf_contact_filter
queue(void)
{
	struct kf_contact_filter f = { .purpose = -1, .queue = true };

	return f;
}

static void
test_r1_required_fields(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c;
	struct kf_err err;
	int64_t id;

	c = call(KF_CONTACT_P_INQUIRY, "   ");
	assert_int_equal(log_it(fx->k, &c, &err), KF_INVALID);
	assert_string_equal(err.field, "asked");
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	free(c.caller_phone);
	c.caller_phone = strdup("");
	assert_int_equal(log_it(fx->k, &c, &err), KF_INVALID);
	assert_string_equal(err.field, "caller_phone");
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	free(c.caller_phone);
	c.caller_phone = strdup("138abc");
	assert_int_equal(log_it(fx->k, &c, &err), KF_INVALID);
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.customer_id = 999;
	assert_int_equal(log_it(fx->k, &c, &err), KF_NOTFOUND);
	/* A known customer needs no phone number (NULL, as the CLI leaves it). */
	{
		struct kf_customer cu = { 0 };
		int64_t cid;

		cu.name = strdup("王芳");
		assert_int_equal(kf_customer_add(fx->k, &cu, &cid, &err), KF_OK);
		kf_customer_clear(&cu);
		c = call(KF_CONTACT_P_REPAIR, "燃气灶打不着火");
		free(c.caller_phone);
		c.caller_phone = NULL;
		c.customer_id = cid;
		assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	}
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_int_equal(c.at, T0);			/* now */
	assert_string_equal(c.caller_phone, "13800001111");
	assert_true(c.staff_id > 0);
	kf_contact_clear(&c);
}

static enum kf_rc
viewing(struct kf_core *k, int64_t at, int64_t appt, bool docs,
    struct kf_err *err)
{
	struct kf_contact c = call(KF_CONTACT_P_VIEWING, "看 3号楼 301");

	c.channel = KF_CONTACT_CH_WALK_IN;
	c.at = at;
	kf_clock_fix(kf_core_clock(k), at);	/* logged as it happens */
	c.appointment_at = appt;
	c.documents_checked = docs;
	return log_it(k, &c, err);
}

/* R6: 08:00-17:30 without appointment, the minute before and after. */
static void
test_r6_viewing_hours_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	assert_int_equal(viewing(fx->k, today(7, 59), 0, true, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R6)"));
	assert_non_null(strstr(err.msg, "08:00-17:30"));
	assert_int_equal(viewing(fx->k, today(8, 0), 0, true, &err), KF_OK);
	assert_int_equal(viewing(fx->k, today(17, 29), 0, true, &err), KF_OK);
	assert_int_equal(viewing(fx->k, today(17, 30), 0, true, &err),
	    KF_REFUSED);
	/* By appointment outside the hours, until 21:00 at the latest. */
	assert_int_equal(viewing(fx->k, today(18, 0), today(21, 0), true, &err),
	    KF_OK);
	assert_int_equal(viewing(fx->k, today(18, 0), today(21, 1), true, &err),
	    KF_REFUSED);
	assert_string_equal(err.field, "appointment_at");
	assert_int_equal(viewing(fx->k, today(18, 0), today(18, 0) - 86400,
	    true, &err), KF_INVALID);
	/* Documents checked, always. */
	assert_int_equal(viewing(fx->k, today(10, 0), 0, false, &err),
	    KF_REFUSED);
	assert_string_equal(err.field, "documents_checked");
}

static void
test_r6_hours_follow_the_policy(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	assert_int_equal(kf_policy_set(fx->k, "viewing.closes", "18:00", -1,
	    &err), KF_OK);
	assert_int_equal(viewing(fx->k, today(17, 45), 0, true, &err), KF_OK);
	assert_int_equal(viewing(fx->k, today(18, 0), 0, true, &err),
	    KF_REFUSED);
}

static void
test_r6_key_out_and_in(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c = call(KF_CONTACT_P_VIEWING, "看房");
	struct kf_err err;
	int64_t id;

	c.at = today(10, 0);
	c.documents_checked = true;
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_key(fx->k, id, true, &err), KF_REFUSED);
	assert_int_equal(kf_contact_key(fx->k, id, false, &err), KF_OK);
	assert_int_equal(kf_contact_key(fx->k, id, false, &err), KF_REFUSED);
	assert_int_equal(kf_contact_key(fx->k, id, true, &err), KF_OK);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_int_equal(c.key_out_at, T0);
	assert_int_equal(c.key_in_at, T0);
	assert_int_equal(c.version, 3);
	kf_contact_clear(&c);
}

/* R7: urgent suggestions go to the dispatchers, others to the managers. */
static void
test_r7_routing_and_queues(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact_filter qf = queue();
	struct kf_contact c, *v;
	struct kf_core *disp, *sup;
	struct kf_err err;
	size_t n;

	fx_staff(fx->k, "disp", KF_ROLE_DISPATCHER);
	fx_staff(fx->k, "sup", KF_ROLE_SUPERVISOR);
	c = call(KF_CONTACT_P_SUGGESTION, "路灯坏了，晚上很黑");
	c.urgency = KF_CONTACT_URG_URGENT;
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	c = call(KF_CONTACT_P_SUGGESTION, "建议增加绿化");
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	disp = fx_session(fx, "disp");
	sup = fx_session(fx, "sup");
	assert_int_equal(kf_contact_list(disp, &qf, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].asked, "路灯坏了，晚上很黑");
	assert_int_equal(v[0].routed_to, KF_ROLE_DISPATCHER);
	kf_contact_list_free(v, n);
	assert_int_equal(kf_contact_list(sup, &qf, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].asked, "建议增加绿化");
	kf_contact_list_free(v, n);
	kf_core_close(disp);
	kf_core_close(sup);
}

/* R7: a suggestion leaves its queue when someone of that queue handles it. */
static void
test_r7_handled_leaves_the_queue(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact_filter qf = queue();
	struct kf_contact c, *v;
	struct kf_core *disp, *sup;
	struct kf_err err;
	int64_t id;
	size_t n;

	fx_staff(fx->k, "disp", KF_ROLE_DISPATCHER);
	fx_staff(fx->k, "sup", KF_ROLE_SUPERVISOR);
	c = call(KF_CONTACT_P_SUGGESTION, "建议增加绿化");
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	disp = fx_session(fx, "disp");
	sup = fx_session(fx, "sup");
	/* Not the dispatchers' to handle; an outcome is required. */
	assert_int_equal(kf_contact_handle(disp, id, 1, "列入计划", &err),
	    KF_DENIED);
	assert_non_null(strstr(err.msg, "(R7)"));
	assert_int_equal(kf_contact_handle(sup, id, 1, "   ", &err),
	    KF_INVALID);
	assert_string_equal(err.field, "outcome");
	assert_int_equal(kf_contact_handle(sup, id, 1, "列入下月工作计划", &err),
	    KF_OK);
	assert_int_equal(kf_contact_list(sup, &qf, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 0);
	kf_contact_list_free(v, n);
	assert_int_equal(kf_contact_handle(sup, id, 2, "再次", &err),
	    KF_REFUSED);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_int_equal(c.handled_at, T0);
	assert_true(c.handled_by > 0);
	assert_string_equal(c.outcome, "列入下月工作计划");
	kf_contact_clear(&c);
	/* Only suggestions are handled from a queue. */
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_handle(sup, id, 1, "x", &err), KF_REFUSED);
	kf_core_close(disp);
	kf_core_close(sup);
}

/* R52 at logging: 1 minute to 30 days ahead, checked by the core. */
static void
test_r52_callback_at_logging_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c;
	struct kf_err err;

	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.callback_due_at = T0 + 59;
	assert_int_equal(log_it(fx->k, &c, &err), KF_INVALID);
	assert_string_equal(err.field, "callback_due_at");
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.callback_due_at = T0 + 60;
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.callback_due_at = T0 + 30 * 86400;
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.callback_due_at = T0 + 30 * 86400 + 1;
	assert_int_equal(log_it(fx->k, &c, &err), KF_INVALID);
}

/*
 * R6: a viewing booked ahead by phone has no documents to check yet; they
 * are checked when the key goes out, which may happen as it is logged.
 */
static void
test_r6_documents_at_the_key(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c;
	struct kf_err err;
	int64_t id;

	c = call(KF_CONTACT_P_VIEWING, "预约晚上看房");
	c.appointment_at = today(20, 0);
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_key(fx->k, id, false, &err), KF_OK);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_true(c.documents_checked);
	assert_int_equal(c.key_out_at, T0);
	kf_contact_clear(&c);
	/* Handing the key over as it is logged needs the documents now. */
	c = call(KF_CONTACT_P_VIEWING, "看房");
	c.key_out_at = 1;
	assert_int_equal(log_it(fx->k, &c, &err), KF_REFUSED);
	assert_string_equal(err.field, "documents_checked");
	c = call(KF_CONTACT_P_VIEWING, "看房");
	c.key_out_at = 1;
	c.documents_checked = true;
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_int_equal(c.key_out_at, T0);	/* as it was logged */
	kf_contact_clear(&c);
	/* No key for anything but a viewing. */
	c = call(KF_CONTACT_P_REPAIR, "修灶");
	c.key_out_at = 1;
	assert_int_equal(log_it(fx->k, &c, &err), KF_REFUSED);
}

static void
test_r8_r10(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c;
	struct kf_err err;
	int64_t sup = fx_staff(fx->k, "sup", KF_ROLE_SUPERVISOR);
	int64_t rec = fx_staff(fx->k, "rec", KF_ROLE_RECEPTION);

	c = call(KF_CONTACT_P_RENOVATION, "装修申报");
	assert_int_equal(log_it(fx->k, &c, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R8)"));
	c = call(KF_CONTACT_P_RENOVATION, "装修申报");
	c.formalities = strdup("装修申请表、施工队资质、押金");
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);

	c = call(KF_CONTACT_P_INSPECTION, "消防检查");
	assert_int_equal(log_it(fx->k, &c, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R10)"));
	c = call(KF_CONTACT_P_INSPECTION, "消防检查");
	c.received_by = rec;		/* not a manager */
	assert_int_equal(log_it(fx->k, &c, &err), KF_REFUSED);
	c = call(KF_CONTACT_P_INSPECTION, "消防检查");
	c.received_by = sup;
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
}

static void
test_roles_and_listing(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact_filter f;
	struct kf_contact c, *v;
	struct kf_core *bill;
	struct kf_err err;
	size_t n;
	int i;

	fx_staff(fx->k, "bill", KF_ROLE_BILLING);
	bill = fx_session(fx, "bill");
	c = call(KF_CONTACT_P_PAYMENT, "缴费");
	assert_int_equal(log_it(bill, &c, &err), KF_DENIED);
	kf_core_close(bill);
	for (i = 0; i < 3; i++) {
		c = call(i == 1 ? KF_CONTACT_P_REPAIR : KF_CONTACT_P_INQUIRY, "问题");
		c.at = today(8 + i, 0);
		assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	}
	f = day();
	assert_int_equal(kf_contact_list(fx->k, &f, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].at, today(10, 0));	/* newest first */
	kf_contact_list_free(v, n);
	f.purpose = KF_CONTACT_P_REPAIR;
	assert_int_equal(kf_contact_list(fx->k, &f, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	kf_contact_list_free(v, n);
	/* Yesterday is not today. */
	f = day();
	f.from -= 86400;
	f.to = today(0, 0);
	assert_int_equal(kf_contact_list(fx->k, &f, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 0);
	kf_contact_list_free(v, n);
}

/* A contact is logged as it happens or after: a minute ahead at most. */
static void
test_no_contact_from_the_future(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c;
	struct kf_err err;

	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.at = T0 + 61;
	assert_int_equal(log_it(fx->k, &c, &err), KF_INVALID);
	assert_string_equal(err.field, "at");
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.at = T0 + 60;
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.at = T0 - 86400;		/* yesterday's, logged late */
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
}

/*
 * R1, R6 (issue 11): a contact may be back-dated at most the policy
 * contact.backdate_within (1 day): at the bound and a minute inside it
 * it is logged; a second and a minute beyond are refused, naming the
 * limit. The time it was entered is kept and audited beside the time it
 * began, so an after-hours viewing logged as if seen within the hours
 * shows as such.
 */
static void
test_r1_r6_backdating_bounded(void **state)
{
	struct fixture *fx = *state;
	struct kf_audit_filter af = { .entity = "contact", .limit = 10 };
	struct kf_audit_row *rows;
	struct kf_contact c;
	struct kf_err err;
	char want[64];
	int64_t id;
	size_t n;

	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.at = T0 - 86400 - 1;
	assert_int_equal(log_it(fx->k, &c, &err), KF_REFUSED);
	assert_string_equal(err.field, "at");
	assert_non_null(strstr(err.msg, "at most 1d"));
	assert_non_null(strstr(err.msg, "contact.backdate_within"));
	assert_non_null(strstr(err.msg, "R1"));
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.at = T0 - 86400 - 60;
	assert_int_equal(log_it(fx->k, &c, &err), KF_REFUSED);
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.at = T0 - 86400 + 60;
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");
	c.at = T0 - 86400;
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);

	/* A viewing logged late, dated within the hours: logged, and its
	 * record and audit row say when it really was entered. */
	c = call(KF_CONTACT_P_VIEWING, "看 3号楼 301");
	c.documents_checked = true;
	c.at = today(9, 0);
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_int_equal(c.at, today(9, 0));
	assert_int_equal(c.entered_at, T0);
	kf_contact_clear(&c);
	af.entity_id = id;
	assert_int_equal(kf_audit_list(fx->k, &af, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].at, T0);
	snprintf(want, sizeof(want), "{\"at\":%lld,", (long long)today(9, 0));
	assert_non_null(strstr(rows[0].after, want));
	snprintf(want, sizeof(want), "\"entered_at\":%lld}", (long long)T0);
	assert_non_null(strstr(rows[0].after, want));
	kf_audit_list_free(rows, n);

	/* The admin narrows it to an hour: the viewing of 9:00 (1 h 41 min
	 * ago) is refused now, one of 9:41 is not. */
	assert_int_equal(kf_policy_set(fx->k, "contact.backdate_within", "1h",
	    -1, &err), KF_OK);
	c = call(KF_CONTACT_P_VIEWING, "看 3号楼 302");
	c.documents_checked = true;
	c.at = today(9, 0);
	assert_int_equal(log_it(fx->k, &c, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "at most 1h"));
	c = call(KF_CONTACT_P_VIEWING, "看 3号楼 302");
	c.documents_checked = true;
	c.at = T0 - 3600;
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
}

/*
 * Pages follow the list's order (time, then id) even when contacts were
 * logged out of time order: every contact once, none skipped.
 */
static void
test_list_pages_by_time_then_id(void **state)
{
	struct fixture *fx = *state;
	static const int minutes[] = { 30, 10, 20, 10, 40, 0, 20 };
	struct kf_contact_filter f = day();
	struct kf_contact c, *v, anchor = { 0 };
	struct kf_err err;
	int64_t last_at = INT64_MAX, last_id = INT64_MAX;
	size_t n, seen = 0, i;

	for (i = 0; i < sizeof(minutes) / sizeof(minutes[0]); i++) {
		c = call(KF_CONTACT_P_INQUIRY, "问题");
		c.at = today(9, minutes[i]);
		assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	}
	do {
		assert_int_equal(kf_contact_list(fx->k, &f, seen ?
		    KF_PAGE_AFTER : KF_PAGE_FIRST, &anchor, 2, &v, &n, &err),
		    KF_OK);
		for (i = 0; i < n; i++) {
			/* Strictly after the previous row in (at, id) order. */
			assert_true(v[i].at < last_at || (v[i].at == last_at &&
			    v[i].id < last_id));
			last_at = v[i].at;
			last_id = v[i].id;
			seen++;
		}
		if (n > 0) {	/* the keyset: only at and id are read */
			anchor.at = v[n - 1].at;
			anchor.id = v[n - 1].id;
		}
		kf_contact_list_free(v, n);
	} while (n == 2);
	assert_int_equal(seen, 7);
}

static void
test_r52_promise_and_link(void **state)
{
	struct fixture *fx = *state;
	struct kf_customer cu = { 0 };
	struct kf_contact c = call(KF_CONTACT_P_INQUIRY, "水费怎么算");
	struct kf_err err;
	int64_t id, cid;

	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_promise_callback(fx->k, id, 59, &err),
	    KF_INVALID);
	assert_int_equal(kf_contact_promise_callback(fx->k, id, 60, &err),
	    KF_OK);
	cu.name = strdup("王大伟");
	assert_int_equal(kf_customer_add(fx->k, &cu, &cid, &err), KF_OK);
	kf_customer_clear(&cu);
	assert_int_equal(kf_contact_link_customer(fx->k, id, 2, cid, &err),
	    KF_OK);
	assert_int_equal(kf_contact_link_customer(fx->k, id, 3, 999, &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_int_equal(c.callback_due_at, T0 + 60);
	assert_int_equal(c.customer_id, cid);
	kf_contact_clear(&c);
}

/*
 * R6 bookings: from viewing.earliest to viewing.wait_until, the minute
 * either side; an appointment an hour past is a viewer who came late,
 * more is a mistake; a booked viewer seen at the desk is seen within
 * those times too (a walk-in at 22:30 is not served, booked or not).
 */
static void
test_r6_booking_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	int64_t night = today(19, 0);

	assert_int_equal(viewing(fx->k, today(10, 0), today(7, 0) + 86400,
	    false, &err), KF_OK);
	assert_int_equal(viewing(fx->k, today(10, 0), today(6, 59) + 86400,
	    false, &err), KF_REFUSED);
	assert_string_equal(err.field, "appointment_at");
	assert_non_null(strstr(err.msg, "07:00"));
	assert_non_null(strstr(err.msg, "(R6)"));
	/* Late, but within the hour: logged as the viewer arrives. */
	assert_int_equal(viewing(fx->k, night, night - 3600, true, &err),
	    KF_OK);
	assert_int_equal(viewing(fx->k, night, night - 3601, true, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "appointment_at");
	/* The visit itself: booked for 20:30, seen at 21:00, not 21:01. */
	assert_int_equal(viewing(fx->k, today(21, 0), today(20, 30), true,
	    &err), KF_OK);
	assert_int_equal(viewing(fx->k, today(21, 1), today(20, 30), true,
	    &err), KF_REFUSED);
	assert_string_equal(err.field, "at");
	/* A viewer at the desk at 20:00 with a booking for tomorrow is not
	 * the booked visit: outside the hours, refused. */
	assert_int_equal(viewing(fx->k, today(20, 0), today(10, 0) + 86400,
	    true, &err), KF_REFUSED);
	assert_string_equal(err.field, "at");
	/* Booked ahead (documents at the key): the booking time alone. */
	assert_int_equal(viewing(fx->k, today(21, 30), today(20, 0) + 86400,
	    false, &err), KF_OK);
}

/* A booked viewing's key goes out only within the booking times; a
 * viewing that is not booked, only within the hours. */
static void
test_r6_key_out_at_its_hours(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c;
	struct kf_err err;
	int64_t booked, walkin;

	kf_clock_fix(kf_core_clock(fx->k), today(10, 0));
	c = call(KF_CONTACT_P_VIEWING, "预约晚上看房");
	c.appointment_at = today(20, 0);
	assert_int_equal(kf_contact_log(fx->k, &c, &booked, &err), KF_OK);
	kf_contact_clear(&c);
	c = call(KF_CONTACT_P_VIEWING, "看房");
	c.documents_checked = true;
	assert_int_equal(kf_contact_log(fx->k, &c, &walkin, &err), KF_OK);
	kf_contact_clear(&c);
	kf_clock_fix(kf_core_clock(fx->k), today(21, 1));
	assert_int_equal(kf_contact_key(fx->k, booked, false, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "21:00"));
	assert_int_equal(kf_contact_key(fx->k, walkin, false, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "08:00-17:30"));
	/* The next evening the booking no longer holds. */
	kf_clock_fix(kf_core_clock(fx->k), today(20, 0) + 86400);
	assert_int_equal(kf_contact_key(fx->k, booked, false, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "only by appointment (R6)"));
	kf_clock_fix(kf_core_clock(fx->k), today(21, 0));
	assert_int_equal(kf_contact_key(fx->k, booked, false, &err), KF_OK);
	/* The key comes back whenever it does. */
	kf_clock_fix(kf_core_clock(fx->k), today(23, 0));
	assert_int_equal(kf_contact_key(fx->k, booked, true, &err), KF_OK);
}

/* R6 "unless it is cancelled": a booking is cancelled once, not after the
 * key went out, and its key never goes out after. */
static void
test_r6_cancel_appointment(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c;
	struct kf_core *tech;
	struct kf_err err;
	int64_t booked, walkin, came;

	kf_clock_fix(kf_core_clock(fx->k), today(10, 0));
	c = call(KF_CONTACT_P_VIEWING, "预约晚上看房");
	c.appointment_at = today(19, 0);
	assert_int_equal(kf_contact_log(fx->k, &c, &booked, &err), KF_OK);
	kf_contact_clear(&c);
	c = call(KF_CONTACT_P_VIEWING, "预约看房");
	c.appointment_at = today(15, 0);
	assert_int_equal(kf_contact_log(fx->k, &c, &came, &err), KF_OK);
	kf_contact_clear(&c);
	c = call(KF_CONTACT_P_VIEWING, "看房");
	c.documents_checked = true;
	assert_int_equal(kf_contact_log(fx->k, &c, &walkin, &err), KF_OK);
	kf_contact_clear(&c);

	fx_staff(fx->k, "tech", KF_ROLE_TECHNICIAN);
	tech = fx_session(fx, "tech");
	assert_int_equal(kf_contact_cancel_appointment(tech, booked, -1, &err),
	    KF_DENIED);
	kf_core_close(tech);
	assert_int_equal(kf_contact_cancel_appointment(fx->k, walkin, -1,
	    &err), KF_REFUSED);
	/* Asked first (the faces do, before a confirmation): the same
	 * answers the steps give, nothing changed. */
	assert_int_equal(kf_contact_get(fx->k, booked, &c, &err), KF_OK);
	assert_int_equal(kf_contact_may_unbook(fx->k, &c, &err), KF_OK);
	assert_int_equal(kf_contact_may_key(fx->k, &c, true, &err),
	    KF_REFUSED);			/* never out */
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_get(fx->k, walkin, &c, &err), KF_OK);
	assert_int_equal(kf_contact_may_unbook(fx->k, &c, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R6)"));
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_cancel_appointment(fx->k, booked, -1,
	    &err), KF_OK);
	assert_int_equal(kf_contact_get(fx->k, booked, &c, &err), KF_OK);
	assert_int_equal(c.appointment_cancelled_at, today(10, 0));
	assert_int_equal(kf_contact_may_key(fx->k, &c, false, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "cancelled"));
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_cancel_appointment(fx->k, booked, -1,
	    &err), KF_REFUSED);
	kf_clock_fix(kf_core_clock(fx->k), today(19, 0));
	assert_int_equal(kf_contact_key(fx->k, booked, false, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "cancelled"));
	/* The viewer came: too late to cancel. */
	kf_clock_fix(kf_core_clock(fx->k), today(15, 0));
	assert_int_equal(kf_contact_key(fx->k, came, false, &err), KF_OK);
	assert_int_equal(kf_contact_cancel_appointment(fx->k, came, -1, &err),
	    KF_REFUSED);
	assert_int_equal(kf_contact_cancel_appointment(fx->k, 99999, -1, &err),
	    KF_NOTFOUND);
}

/* R50: 先生 or 女士, or not known yet; nothing else. */
static void
test_r50_title(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact c;
	struct kf_err err;
	int64_t id;

	c = call(KF_CONTACT_P_INQUIRY, "问燃气费");
	free(c.caller_title);
	c.caller_title = strdup("老板");
	assert_int_equal(log_it(fx->k, &c, &err), KF_INVALID);
	assert_string_equal(err.field, "caller_title");
	assert_non_null(strstr(err.msg, "(R50)"));
	c = call(KF_CONTACT_P_INQUIRY, "问燃气费");
	free(c.caller_title);
	c.caller_title = strdup("女士");
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	c = call(KF_CONTACT_P_INQUIRY, "问燃气费");
	free(c.caller_title);
	c.caller_title = strdup("");
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	/* Spaces typed around it are not part of it. */
	c = call(KF_CONTACT_P_INQUIRY, "问燃气费");
	free(c.caller_title);
	c.caller_title = strdup(" 先生 ");
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_string_equal(c.caller_title, "先生");
	kf_contact_clear(&c);
}


/* The ids of page dir of f from anchor (at, id; NULL: none) as "3 2 1". */
static void
page_ids(struct kf_core *k, const struct kf_contact_filter *f,
    enum kf_page dir, const int64_t *key, int limit, const char *want)
{
	struct kf_contact a = { 0 }, *v;
	struct kf_err err;
	char got[256] = "";
	size_t n, i, len = 0;

	if (key != NULL) {
		a.at = key[0];
		a.id = key[1];
	}
	if (kf_contact_list(k, f, dir, key ? &a : NULL, limit, &v, &n,
	    &err) != KF_OK)
		fail_msg("list: %s", err.msg);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%lld",
		    i ? " " : "", (long long)v[i].id);
	kf_contact_list_free(v, n);
	if (strcmp(got, want) != 0)
		fail_msg("page %d limit %d: got \"%s\", want \"%s\"", (int)dir,
		    limit, got, want);
}

/*
 * Every direction of enum kf_page over the log, newest first by (at,
 * id), with contacts of the same second (a tie broken by id), and an
 * anchor that has left the list (a handled suggestion, R7).
 */
static void
test_list_pages_every_way(void **state)
{
	struct fixture *fx = *state;
	/* ids 1..6 at 9:00, 9:10, 9:10, 9:10, 9:20, 9:05: newest first
	 * the list is 5 4 3 2 6 1. */
	static const int minutes[] = { 0, 10, 10, 10, 20, 5 };
	struct kf_contact_filter f = day(), qf = queue();
	struct kf_contact c;
	struct kf_core *sup;
	struct kf_err err;
	int64_t key[2];
	size_t i;

	for (i = 0; i < 6; i++) {
		c = call(i == 5 ? KF_CONTACT_P_SUGGESTION : KF_CONTACT_P_INQUIRY, "问题");
		c.at = today(9, minutes[i]);
		assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	}
	page_ids(fx->k, &f, KF_PAGE_FIRST, NULL, 10, "5 4 3 2 6 1");
	page_ids(fx->k, &f, KF_PAGE_FIRST, NULL, 2, "5 4");
	key[0] = today(9, 10);			/* after row 4: the tie */
	key[1] = 4;
	page_ids(fx->k, &f, KF_PAGE_AFTER, key, 2, "3 2");
	page_ids(fx->k, &f, KF_PAGE_FROM, key, 2, "4 3");
	page_ids(fx->k, &f, KF_PAGE_BEFORE, key, 2, "5");
	key[1] = 2;				/* before row 2, in the tie */
	page_ids(fx->k, &f, KF_PAGE_BEFORE, key, 2, "4 3");
	key[0] = today(9, 0);			/* after the last row: none */
	key[1] = 1;
	page_ids(fx->k, &f, KF_PAGE_AFTER, key, 2, "");
	page_ids(fx->k, &f, KF_PAGE_BEFORE, key, 3, "3 2 6");
	page_ids(fx->k, &f, KF_PAGE_LAST, NULL, 3, "2 6 1");
	page_ids(fx->k, &f, KF_PAGE_LAST, NULL, 10, "5 4 3 2 6 1");
	page_ids(fx->k, &f, KF_PAGE_AFTER, NULL, 1, "5");	/* = FIRST */
	/* An anchor that is no row (9:15, id 9): the page stands where it
	 * would be. */
	key[0] = today(9, 15);
	key[1] = 9;
	page_ids(fx->k, &f, KF_PAGE_FROM, key, 2, "4 3");
	page_ids(fx->k, &f, KF_PAGE_BEFORE, key, 2, "5");
	/* Filters keep the order. */
	f.purpose = KF_CONTACT_P_SUGGESTION;
	page_ids(fx->k, &f, KF_PAGE_FIRST, NULL, 10, "6");
	/* The queue pages alike; a suggestion handled leaves it, and a page
	 * after it (the row the view had) goes on from where it was. */
	c = call(KF_CONTACT_P_SUGGESTION, "建议");
	c.at = today(8, 0);
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);	/* id 7 */
	fx_staff(fx->k, "sup", KF_ROLE_SUPERVISOR);
	sup = fx_session(fx, "sup");
	page_ids(sup, &qf, KF_PAGE_FIRST, NULL, 10, "6 7");
	assert_int_equal(kf_contact_handle(sup, 6, -1, "列入计划", &err),
	    KF_OK);
	key[0] = today(9, 5);
	key[1] = 6;
	page_ids(sup, &qf, KF_PAGE_AFTER, key, 10, "7");
	page_ids(sup, &qf, KF_PAGE_FROM, key, 10, "7");
	page_ids(sup, &qf, KF_PAGE_BEFORE, key, 10, "");
	kf_core_close(sup);
}

/* c without the caller's name and title. */
static struct kf_contact
nameless(struct kf_contact c)
{
	free(c.caller_name);
	c.caller_name = strdup("");
	free(c.caller_title);
	c.caller_title = strdup("");
	return c;
}

/* A row carries the names it is shown by, from the same query (R10). */
static void
test_list_rows_carry_names(void **state)
{
	struct fixture *fx = *state;
	struct kf_contact_filter f = day();
	struct kf_customer cu = { 0 };
	struct kf_contact c, *v;
	struct kf_err err;
	int64_t cid, mgr, id;
	size_t n;

	assert_int_equal(kf_staff_add(fx->k, "zhang", "张经理",
	    KF_ROLE_SUPERVISOR, NULL, NULL, &mgr, &err), KF_OK);
	cu.name = strdup("李娜");
	assert_int_equal(kf_customer_add(fx->k, &cu, &cid, &err), KF_OK);
	kf_customer_clear(&cu);
	c = call(KF_CONTACT_P_INQUIRY, "问物业费");	/* 1: 王先生 */
	c.at = today(9, 0);
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	c = nameless(call(KF_CONTACT_P_INQUIRY, "问水费"));	/* 2: a customer */
	c.customer_id = cid;
	c.at = today(9, 1);
	assert_int_equal(log_it(fx->k, &c, &err), KF_OK);
	c = nameless(call(KF_CONTACT_P_INSPECTION, "消防检查"));	/* 3: a phone */
	c.received_by = mgr;
	c.at = today(9, 2);
	assert_int_equal(kf_contact_log(fx->k, &c, &id, &err), KF_OK);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_list(fx->k, &f, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].who, "13800001111");
	assert_string_equal(v[0].received_by_name, "张经理");
	assert_string_equal(v[1].who, "李娜");
	assert_string_equal(v[1].received_by_name, "");
	assert_string_equal(v[2].who, "王先生");
	assert_string_equal(v[2].staff_name, "老板");	/* who took it */
	kf_contact_list_free(v, n);
	assert_int_equal(kf_contact_get(fx->k, id, &c, &err), KF_OK);
	assert_string_equal(c.staff_name, "老板");
	assert_string_equal(c.received_by_name, "张经理");
	kf_contact_clear(&c);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_r1_required_fields),
		T(test_r7_handled_leaves_the_queue),
		T(test_r52_callback_at_logging_edges),
		T(test_r6_documents_at_the_key),
		T(test_no_contact_from_the_future),
		T(test_r1_r6_backdating_bounded),
		T(test_list_pages_by_time_then_id),
		T(test_list_pages_every_way),
		T(test_list_rows_carry_names),
		T(test_r6_viewing_hours_edges),
		T(test_r6_booking_edges),
		T(test_r6_key_out_at_its_hours),
		T(test_r6_cancel_appointment),
		T(test_r50_title),
		T(test_r6_hours_follow_the_policy),
		T(test_r6_key_out_and_in),
		T(test_r7_routing_and_queues),
		T(test_r8_r10),
		T(test_roles_and_listing),
		T(test_r52_promise_and_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
