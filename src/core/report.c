/*
 * report.c — reports (F7, R53): periods, the figures, drill-down, trend,
 * breakdowns and the quarterly summary. The API and its contract are
 * include/kefu/report.h; every definition is spelt out in docs/reports.md.
 *
 * One source of truth per figure. Each family of figures (contacts,
 * satisfaction, complaints, complaint clocks, work orders, callbacks,
 * money) is one SELECT, its "base", that yields one row per record
 * counted, with the same columns whatever the family:
 *
 *   a, b       which figure(s) of the family the row belongs to (a
 *              contact's channel and purpose; an order's category and
 *              whether its deadline measures arrival; a complaint
 *              clock's number …)
 *   id, at     the record, and the time stamp that placed it in the
 *              period
 *   num, den   0/1: counted in the numerator, in the denominator
 *   amount     fen, for money
 *   x1, x2     the deadline and the moment measured against it (labels)
 *   t1, t2     two texts for the drill-down's one-line label
 *
 * The figures are sums over the base (AGG), the drill-down lists its
 * rows (DRILL) and counts them (COUNT): the records a figure is drawn
 * from are by construction the records the drill-down shows. The base's
 * WHERE carries the scope (SCOPE: who the record is attributed to, and
 * its community), with :staff, :role and :comm NULL for "any".
 *
 * Read-only (report.h): every public call runs in one deferred read
 * transaction with PRAGMA query_only set, and no statement here writes.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "internal.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/i18n.h"
#include "kefu/perm.h"
#include "kefu/report.h"
#include "kefu/util.h"

#define _(s)	kf_gettext(s)

/* ---- the definitions ---- */

#define EVERY	KF_SCOPES_EVERY
#define PLACE	KF_SCOPES_PLACE
#define PLACE_STAFF	(KF_SCOPES_EVERY)

#define CONTACT_ROW(kpi, key, label, term, parent, what)		\
	{ kpi, key, label, term, "R53", KF_KPI_K_COUNT, parent, 0, EVERY, \
	  KF_DRILL_CONTACT, what, "",					\
	  N_("when the contact began (contact.at)"),			\
	  "", N_("the clerk who took it"),				\
	  N_("the customer's community (none for an unknown caller)") }

#define CLOCK_ROW(kpi, key, label, term, rule, what)			\
	{ kpi, key, label, term, rule, KF_KPI_K_RATE, KF_KPI_CPL_ONTIME, \
	  1, EVERY, KF_DRILL_COMPLAINT, what,				\
	  N_("the clocks of that kind that apply to complaints registered " \
	  "in the period and are decided: met, or not met with the "	\
	  "deadline passed while the complaint is open"),		\
	  N_("the complaint's registration"),				\
	  N_("withdrawn complaints; clocks still running; a duplicate's "	\
	  "own clocks while it follows its root (R48); clocks stopped by "	\
	  "closing before their deadline"),				\
	  N_("the person responsible"), N_("the complaint's community") }

#define ORDER_ROW(kpi, key, label, term, rule, parent, what)		\
	{ kpi, key, label, term, rule, KF_KPI_K_RATE, parent, 1, EVERY,	\
	  KF_DRILL_ORDER, what,						\
	  N_("work orders of that kind whose deadline falls in the "	\
	  "period and is decided: met, or passed"),			\
	  N_("the deadline (deadline_at)"),				\
	  N_("cancelled work orders; deadlines not yet passed and not met"), \
	  N_("the technician dispatched"), N_("the order's community") }

const struct kf_kpi_def kf_kpi_defs[KF_KPI_ROWS] = {
	{ KF_KPI_CONTACTS, "contacts", N_("Contacts received"),
	  "接听电话/在线咨询量", "R53", KF_KPI_K_COUNT, -1, 0, EVERY,
	  KF_DRILL_CONTACT,
	  N_("contacts logged (calls, visits, every channel and purpose)"),
	  "", N_("when the contact began (contact.at)"), "",
	  N_("the clerk who took it"),
	  N_("the customer's community (none for an unknown caller)") },
	CONTACT_ROW(KF_KPI_CONTACTS_HOTLINE, "contacts.hotline",
	    N_("Hotline"), "热线", KF_KPI_CONTACTS,
	    N_("contacts by the hotline")),
	CONTACT_ROW(KF_KPI_CONTACTS_WALK_IN, "contacts.walk-in",
	    N_("Walk-in"), "来访", KF_KPI_CONTACTS,
	    N_("contacts in person")),
	CONTACT_ROW(KF_KPI_CONTACTS_PHONE_IN, "contacts.phone-in",
	    N_("Phone-in"), "来电", KF_KPI_CONTACTS,
	    N_("contacts by other telephone lines")),
	CONTACT_ROW(KF_KPI_CONTACTS_CH_OTHER, "contacts.other-channel",
	    N_("Other channel"), "其他渠道", KF_KPI_CONTACTS,
	    N_("contacts by any other channel")),
	CONTACT_ROW(KF_KPI_CONTACTS_VIEWING, "contacts.viewing",
	    N_("Viewing"), "看房", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is a viewing (R6)")),
	CONTACT_ROW(KF_KPI_CONTACTS_INQUIRY, "contacts.inquiry",
	    N_("Owner inquiry"), "业主来访", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is an owner's inquiry")),
	CONTACT_ROW(KF_KPI_CONTACTS_SUGGESTION, "contacts.suggestion",
	    N_("Suggestion"), "合理化建议", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is a suggestion (R7)")),
	CONTACT_ROW(KF_KPI_CONTACTS_COMPLAINT, "contacts.complaint",
	    N_("Complaint"), "投诉", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is a complaint")),
	CONTACT_ROW(KF_KPI_CONTACTS_RENOVATION, "contacts.renovation",
	    N_("Renovation"), "装修申报", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is a renovation filing (R8)")),
	CONTACT_ROW(KF_KPI_CONTACTS_REPAIR, "contacts.repair",
	    N_("Repair"), "报修", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is a repair")),
	CONTACT_ROW(KF_KPI_CONTACTS_EXTERNAL, "contacts.external",
	    N_("External visit"), "外来参观", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is an external visit")),
	CONTACT_ROW(KF_KPI_CONTACTS_INSPECTION, "contacts.inspection",
	    N_("Inspection"), "上级检查", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is an inspection (R10)")),
	CONTACT_ROW(KF_KPI_CONTACTS_PAYMENT, "contacts.payment",
	    N_("Payment"), "缴费", KF_KPI_CONTACTS,
	    N_("contacts whose purpose is a payment")),
	CONTACT_ROW(KF_KPI_CONTACTS_P_OTHER, "contacts.other-purpose",
	    N_("Other purpose"), "其他事项", KF_KPI_CONTACTS,
	    N_("contacts of any other purpose")),
	{ KF_KPI_SATISFACTION, "satisfaction", N_("Satisfaction"),
	  "客户满意度", "R43", KF_KPI_K_RATE, -1, 1, EVERY,
	  KF_DRILL_CALLBACK,
	  N_("callbacks scored very satisfied or satisfied"),
	  N_("callbacks recorded with a score (an open letter has none)"),
	  N_("when the callback was recorded (done_at)"),
	  N_("callbacks without a score; cancelled tasks"),
	  N_("whose work was rated: a complaint's person responsible, a "
	  "work order's technician, else the clerk who called back"),
	  N_("the customer's community") },
	{ KF_KPI_CPL_RECEIVED, "cpl.received", N_("Complaints received"),
	  "受理投诉", "R27", KF_KPI_K_COUNT, -1, 0, EVERY,
	  KF_DRILL_COMPLAINT,
	  N_("complaints registered, duplicates (R48) included"), "",
	  N_("the complaint's registration"), N_("withdrawn complaints"),
	  N_("the person responsible"), N_("the complaint's community") },
	{ KF_KPI_CPL_WITHDRAWN, "cpl.withdrawn", N_("Complaints withdrawn"),
	  "撤回投诉", "R32", KF_KPI_K_COUNT, KF_KPI_CPL_RECEIVED, 0, EVERY,
	  KF_DRILL_COMPLAINT,
	  N_("complaints registered in the period and withdrawn since"), "",
	  N_("the complaint's registration"), "",
	  N_("the person responsible"), N_("the complaint's community") },
	{ KF_KPI_CPL_HANDLED, "cpl.handled", N_("Complaints handled"),
	  "处理投诉", "R30", KF_KPI_K_COUNT, -1, 0, EVERY,
	  KF_DRILL_COMPLAINT,
	  N_("complaints whose result (or, invalid, explanation) was "
	  "recorded in the period"), "",
	  N_("the result's time (result_at; a reopened complaint's latest)"),
	  N_("withdrawn complaints"),
	  N_("the person responsible"), N_("the complaint's community") },
	{ KF_KPI_CPL_RESOLUTION, "cpl.resolution",
	  N_("Complaint resolution rate"), "投诉解决率", "R30",
	  KF_KPI_K_RATE, -1, 1, EVERY, KF_DRILL_COMPLAINT,
	  N_("complaints received in the period whose result was recorded "
	  "before the period ended (and not reopened since)"),
	  N_("complaints received in the period"),
	  N_("the complaint's registration"), N_("withdrawn complaints"),
	  N_("the person responsible"), N_("the complaint's community") },
	{ KF_KPI_CPL_CLOSURE, "cpl.closure", N_("Complaint closure (R39)"),
	  "投诉闭环率", "R39", KF_KPI_K_RATE, -1, 1, EVERY,
	  KF_DRILL_COMPLAINT,
	  N_("complaints received in the period that are closed, closed "
	  "before the period ended"),
	  N_("complaints received in the period"),
	  N_("the complaint's registration"),
	  N_("withdrawn complaints; a reopened one is not closed"),
	  N_("the person responsible"), N_("the complaint's community") },
	{ KF_KPI_CPL_ONTIME, "cpl.ontime", N_("Complaint clocks on time"),
	  "投诉时限达标率", "R28-R38", KF_KPI_K_RATE, -1, 1, EVERY,
	  KF_DRILL_COMPLAINT,
	  N_("clocks met at or before their deadline's second"),
	  N_("every clock below, added together"),
	  N_("the complaint's registration"),
	  N_("withdrawn complaints; clocks still running"),
	  N_("the person responsible"), N_("the complaint's community") },
	CLOCK_ROW(KF_KPI_CPL_ONTIME_TRACK, "cpl.ontime.track",
	    N_("Tracked to a result on time (R33)"), "跟踪处理时限", "R33",
	    N_("result recorded by the track deadline")),
	CLOCK_ROW(KF_KPI_CPL_ONTIME_ANALYSE, "cpl.ontime.analyse",
	    N_("Analysed on time (R35)"), "分析时限", "R35",
	    N_("analysed by the analysis deadline")),
	CLOCK_ROW(KF_KPI_CPL_ONTIME_EXPLAIN, "cpl.ontime.explain",
	    N_("Invalid: explained on time (R34)"), "无效投诉解释时限",
	    "R34", N_("an invalid complaint explained by its deadline")),
	CLOCK_ROW(KF_KPI_CPL_ONTIME_REPLY, "cpl.ontime.reply",
	    N_("Interim reply on time (R38)"), "市政投诉阶段答复时限", "R38",
	    N_("the municipal interim reply made by its deadline")),
	CLOCK_ROW(KF_KPI_CPL_ONTIME_ACTION, "cpl.ontime.action",
	    N_("Actions verified on time (R36)"), "纠正措施验证时限", "R36",
	    N_("each corrective action verified by its own due date")),
	CLOCK_ROW(KF_KPI_CPL_ONTIME_CALLBACK, "cpl.ontime.callback",
	    N_("Called back on time (R30)"), "投诉回访时限", "R30",
	    N_("the complaint's callback made by its deadline")),
	CLOCK_ROW(KF_KPI_CPL_ONTIME_FORWARD, "cpl.ontime.forward",
	    N_("Forwarded on time (R28)"), "转交时限", "R28",
	    N_("forwarded to a person responsible by its deadline")),
	{ KF_KPI_ORD_ARRIVAL, "orders.arrival", N_("On-time arrival (R2)"),
	  "准时到达率", "R2", KF_KPI_K_RATE, -1, 1, EVERY, KF_DRILL_ORDER,
	  N_("arrived on site at or before the deadline's second"),
	  N_("work orders whose deadline is on arrival (equipment, indoor, "
	  "paid), falling in the period and decided: met, or passed"),
	  N_("the deadline (deadline_at)"),
	  N_("cancelled work orders; deadlines not yet passed and not met"),
	  N_("the technician dispatched"), N_("the order's community") },
	{ KF_KPI_ORD_REPAIR, "orders.repair", N_("On-time repair (R3)"),
	  "准时修复率", "R3", KF_KPI_K_RATE, -1, 1, EVERY, KF_DRILL_ORDER,
	  N_("work done at or before the deadline's second"),
	  N_("pipeline-fault work orders (ordinary and major) whose "
	  "deadline falls in the period and is decided"),
	  N_("the deadline (deadline_at)"),
	  N_("cancelled work orders; deadlines not yet passed and not met"),
	  N_("the technician dispatched"), N_("the order's community") },
	ORDER_ROW(KF_KPI_ORD_ONTIME_EQUIPMENT, "orders.equipment",
	    N_("Equipment repairs on time"), "燃气设施维修达标率", "R2",
	    KF_KPI_ORD_ARRIVAL, N_("equipment repairs met")),
	ORDER_ROW(KF_KPI_ORD_ONTIME_PIPE, "orders.pipe",
	    N_("Pipeline faults on time"), "管网一般故障达标率", "R3",
	    KF_KPI_ORD_REPAIR, N_("ordinary pipeline faults met")),
	ORDER_ROW(KF_KPI_ORD_ONTIME_PIPE_MAJOR, "orders.pipe-major",
	    N_("Major pipeline faults on time"), "管网重大故障达标率", "R3",
	    KF_KPI_ORD_REPAIR, N_("major pipeline faults met")),
	ORDER_ROW(KF_KPI_ORD_ONTIME_INDOOR, "orders.indoor",
	    N_("Indoor repairs on time"), "户内维修达标率", "",
	    KF_KPI_ORD_ARRIVAL, N_("indoor repairs met")),
	ORDER_ROW(KF_KPI_ORD_ONTIME_PAID, "orders.paid",
	    N_("Paid services on time"), "有偿服务达标率", "R22",
	    KF_KPI_ORD_ARRIVAL, N_("paid services met")),
	{ KF_KPI_CALLBACK_COMPLETION, "callbacks.completion",
	  N_("Callback completion (R47)"), "回访完成率", "R47",
	  KF_KPI_K_RATE, -1, 1, EVERY, KF_DRILL_CALLBACK,
	  N_("tasks done (or reviewed) at or before their deadline's second"),
	  N_("callback tasks due in the period (kf_callback_rate: every "
	  "one, its deadline passed or not)"),
	  N_("the task's deadline (due_at)"),
	  N_("a complaint's task the core cancelled (the complaint withdrawn "
	  "or reopened); a task a person cancelled stays due and missed; "
	  "an attempt never completes one"),
	  N_("who did it, else its owner (none: the pool)"),
	  N_("the customer's community") },
	{ KF_KPI_BILL_ISSUED, "bill.issued", N_("Billed (notices issued)"),
	  "开具收费通知金额", "R15", KF_KPI_K_MONEY, -1, 0, PLACE,
	  KF_DRILL_NOTICE,
	  N_("the amounts of the fee notices issued"), "",
	  N_("the notice's issue time (issued_at)"), "",
	  "", N_("the customer's community") },
	{ KF_KPI_BILL_COLLECTED, "bill.collected", N_("Collected"),
	  "实收金额", "R19", KF_KPI_K_MONEY, -1, 1, EVERY, KF_DRILL_PAYMENT,
	  N_("the amounts of the receipts taken"), "",
	  N_("the receipt's time (taken_at)"), N_("voided receipts"),
	  N_("the billing clerk who took it"),
	  N_("the customer's community") },
	{ KF_KPI_BILL_ARREARS, "bill.arrears", N_("Arrears (overdue)"),
	  "欠费金额", "R15", KF_KPI_K_MONEY, -1, -1, PLACE, KF_DRILL_NOTICE,
	  N_("what is owed on notices overdue at the period's last second "
	  "(or now): each notice's amount less the money allocated to it by "
	  "then"), "",
	  N_("the notice's due day"), N_("notices paid in full by then"),
	  "", N_("the customer's community") },
};

const struct kf_kpi_def *
kf_kpi_def(enum kf_kpi kpi)
{
	return (unsigned)kpi < KF_KPI_ROWS ? &kf_kpi_defs[kpi] :
	    &kf_kpi_defs[0];
}

enum kf_rc
kf_kpi_parse(const char *key, enum kf_kpi *kpi, struct kf_err *err)
{
	int i;

	for (i = 0; key != NULL && i < KF_KPI_ROWS; i++)
		if (strcmp(key, kf_kpi_defs[i].key) == 0) {
			*kpi = (enum kf_kpi)i;
			return KF_OK;
		}
	kf_err_set(err, KF_INVALID, "no figure \"%.40s\": try contacts, "
	    "satisfaction, cpl.closure, orders.arrival, callbacks.completion",
	    key != NULL ? key : "");
	kf_err_field(err, "kpi");
	return KF_INVALID;
}

static const char *const drill_keys[KF_DRILL_KIND_COUNT] = {
	"contact", "order", "complaint", "callback", "notice", "payment",
};

const char *
kf_drill_kind_key(enum kf_drill_kind d)
{
	return (unsigned)d < KF_DRILL_KIND_COUNT ? drill_keys[d] : "?";
}

/* ---- values ---- */

int
kf_kpi_permille(const struct kf_kpi_value *v)
{
	if (v == NULL || !v->has || v->den <= 0 || v->num < 0)
		return -1;
	return (int)(v->num * 1000 / v->den);
}

/* 1234567 → "1,234,567" (sign kept). */
static void
group3(int64_t v, char *buf, size_t n)
{
	char digits[24], out[32];	/* 19 digits, 6 commas, a sign */
	size_t len, i, o = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)u);
	len = strlen(digits);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, n, "%s", out);
}

void
kf_kpi_format(const struct kf_kpi_def *def, const struct kf_kpi_value *v,
    char *buf, size_t n)
{
	char g[32];
	int pm;
	int64_t a;

	if (n == 0)
		return;
	if (v == NULL || !v->has || (def->kind == KF_KPI_K_RATE &&
	    v->den <= 0)) {
		snprintf(buf, n, "—");
		return;
	}
	switch (def->kind) {
	case KF_KPI_K_RATE:
		pm = kf_kpi_permille(v);
		snprintf(buf, n, "%d.%d%%", pm / 10, pm % 10);
		break;
	case KF_KPI_K_MONEY:
		a = v->num < 0 ? -v->num : v->num;
		group3(a / 100, g, sizeof(g));
		snprintf(buf, n, "%s¥%s.%02d", v->num < 0 ? "-" : "", g,
		    (int)(a % 100));
		break;
	default:
		group3(v->num, buf, n);
	}
}

bool
kf_kpi_change(const struct kf_kpi_def *def, const struct kf_kpi_value *was,
    const struct kf_kpi_value *now, int64_t *permille)
{
	int a, b;

	if (was == NULL || now == NULL || !was->has || !now->has)
		return false;
	if (def->kind == KF_KPI_K_RATE) {
		if ((a = kf_kpi_permille(was)) < 0 ||
		    (b = kf_kpi_permille(now)) < 0)
			return false;
		*permille = b - a;
		return true;
	}
	if (was->num == 0)
		return false;
	*permille = (now->num - was->num) * 1000 /
	    (was->num < 0 ? -was->num : was->num);
	return true;
}

/* ---- periods ---- */

static int64_t
local_month_start(int year, int month0)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month0;
	tm.tm_mday = 1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

void
kf_period_make(enum kf_period_kind kind, int year, int n, struct kf_period *p)
{
	int64_t idx;
	int span, m0;

	memset(p, 0, sizeof(*p));
	p->kind = kind;
	span = kind == KF_PERIOD_QUARTER ? 4 : 12;
	idx = (int64_t)year * span + (n - 1);
	p->year = (int)(idx >= 0 ? idx / span : -((-idx + span - 1) / span));
	p->n = (int)(idx - (int64_t)p->year * span) + 1;
	m0 = kind == KF_PERIOD_QUARTER ? (p->n - 1) * 3 : p->n - 1;
	p->from = local_month_start(p->year, m0);
	p->to = local_month_start(p->year, m0 +
	    (kind == KF_PERIOD_QUARTER ? 3 : 1));
	if (kind == KF_PERIOD_QUARTER)
		snprintf(p->key, sizeof(p->key), "%04uQ%u",
		    (unsigned)p->year % 10000u, (unsigned)p->n % 10u);
	else
		snprintf(p->key, sizeof(p->key), "%04u-%02u",
		    (unsigned)p->year % 10000u, (unsigned)p->n % 100u);
}

void
kf_period_at(enum kf_period_kind kind, int64_t t, struct kf_period *p)
{
	struct tm tm;
	time_t tt = (time_t)t;

	localtime_r(&tt, &tm);
	kf_period_make(kind, tm.tm_year + 1900, kind == KF_PERIOD_QUARTER ?
	    tm.tm_mon / 3 + 1 : tm.tm_mon + 1, p);
}

void
kf_period_prev(const struct kf_period *p, struct kf_period *out)
{
	kf_period_make(p->kind, p->year, p->n - 1, out);
}

void
kf_period_last_year(const struct kf_period *p, struct kf_period *out)
{
	kf_period_make(p->kind, p->year - 1, p->n, out);
}

void
kf_period_label(const struct kf_period *p, char *buf, size_t n)
{
	static const char *const months[12] = {
		N_("January"), N_("February"), N_("March"), N_("April"),
		N_("May"), N_("June"), N_("July"), N_("August"),
		N_("September"), N_("October"), N_("November"),
		N_("December"),
	};

	if (p->kind == KF_PERIOD_QUARTER)
		/* TRANSLATORS: a quarter: year, quarter number. */
		snprintf(buf, n, _("%d Q%d"), p->year, p->n);
	else
		/* TRANSLATORS: a month: month name, year; Chinese writes
		 * the year first, so the arguments are numbered. */
		snprintf(buf, n, _("%1$s %2$d"), _(months[(p->n - 1) % 12]),
		    p->year);
}

enum kf_rc
kf_report_period_parse(const char *s, struct kf_period *p, struct kf_err *err)
{
	char t[16];
	size_t len;
	int year, n;
	const char *b;

	b = s != NULL ? s : "";
	while (*b == ' ' || *b == '\t')
		b++;
	len = strlen(b);
	while (len > 0 && (b[len - 1] == ' ' || b[len - 1] == '\t'))
		len--;
	if (len == 7 && len < sizeof(t)) {
		memcpy(t, b, len);
		t[len] = '\0';
		if (t[0] >= '1' && t[0] <= '9' &&
		    strspn(t, "0123456789") == 4) {
			year = atoi(t);
			if (t[4] == '-' && strspn(t + 5, "0123456789") == 2) {
				n = atoi(t + 5);
				if (year >= 1970 && n >= 1 && n <= 12) {
					kf_period_make(KF_PERIOD_MONTH, year,
					    n, p);
					return KF_OK;
				}
			}
		}
	}
	if (len == 6) {
		memcpy(t, b, len);
		t[len] = '\0';
		if (t[0] >= '1' && t[0] <= '9' &&
		    strspn(t, "0123456789") == 4 &&
		    (t[4] == 'Q' || t[4] == 'q') &&
		    t[5] >= '1' && t[5] <= '4' && atoi(t) >= 1970) {
			kf_period_make(KF_PERIOD_QUARTER, atoi(t),
			    t[5] - '0', p);
			return KF_OK;
		}
	}
	kf_err_set(err, KF_INVALID, "\"%.24s\" is not a period: write a "
	    "month as YYYY-MM (2026-11) or a quarter as YYYYQn (2026Q4), from "
	    "1970 on",
	    s != NULL ? s : "");
	kf_err_field(err, "period");
	return KF_INVALID;
}

/* The earliest record's time stamp (0: no records); each min() reads
 * one end of an index. */
static const char SQL_FIRST[] =
    "SELECT min(t) FROM ("
    "SELECT min(at) AS t FROM contact "
    "UNION ALL SELECT min(reported_at) FROM work_order "
    "UNION ALL SELECT min(registered_at) FROM complaint "
    "UNION ALL SELECT min(created_at) FROM callback "
    "UNION ALL SELECT min(issued_at) FROM notice "
    "UNION ALL SELECT min(taken_at) FROM receipt)";

static enum kf_rc
first_record(struct kf_core *k, int64_t *first, struct kf_err *err)
{
	sqlite3_stmt *st;
	int src;

	*first = 0;
	st = kf_sql(k, SQL_FIRST);
	if ((src = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		*first = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "finding the first record", err);
	return KF_OK;
}

static enum kf_rc
check_period(struct kf_core *k, const struct kf_period *p, int64_t now,
    int64_t *firstp, bool *partial, struct kf_err *err)
{
	char when[32];
	int64_t first;
	enum kf_rc rc;

	if (partial != NULL)
		*partial = false;
	if (p == NULL || p->to <= p->from)
		return kf_err_about(err, KF_INVALID, "period",
		    N_("no period given"));
	if (p->from > now)
		return kf_err_set(err, KF_REFUSED, "%s has not begun: reports "
		    "cover periods that have begun (R53)", p->key);
	if ((rc = first_record(k, &first, err)) != KF_OK)
		return rc;
	if (first == 0)
		return kf_err_set(err, KF_REFUSED, "there are no records yet: "
		    "nothing to report for %s (R53)", p->key);
	if (p->to <= first) {
		kf_time_local(first, when, sizeof(when));
		return kf_err_set(err, KF_REFUSED, "%s ends before the first "
		    "record (%s): there is nothing to report", p->key, when);
	}
	if (partial != NULL)
		*partial = now < p->to;
	if (firstp != NULL)
		*firstp = first;
	return KF_OK;
}

/*
 * One read snapshot, and no writes: query_only makes any write fail
 * (SQLITE_READONLY) rather than happen. Inside a caller's transaction
 * the caller's snapshot is used as it is.
 */
static enum kf_rc
read_begin(struct kf_core *k, bool *began, struct kf_err *err)
{
	enum kf_rc rc;

	*began = false;
	if (kf_tx_depth(k) > 0)
		return KF_OK;
	if ((rc = kf_exec(k, "PRAGMA query_only = 1", err)) != KF_OK)
		return rc;
	if ((rc = kf_exec(k, "BEGIN", err)) != KF_OK) {
		kf_exec(k, "PRAGMA query_only = 0", NULL);
		return rc;
	}
	*began = true;
	return KF_OK;
}

static void
read_end(struct kf_core *k, bool began)
{
	if (!began)
		return;
	kf_exec(k, "COMMIT", NULL);
	kf_exec(k, "PRAGMA query_only = 0", NULL);
}

enum kf_rc
kf_period_check(struct kf_core *k, const struct kf_period *p, bool *partial,
    struct kf_err *err)
{
	enum kf_rc rc;
	bool began;

	if ((rc = kf_may(k, KF_ACT_REPORT_VIEW, 0, err)) != KF_OK)
		return rc;
	if ((rc = read_begin(k, &began, err)) != KF_OK)
		return rc;
	rc = check_period(k, p, kf_core_now(k), NULL, partial, err);
	read_end(k, began);
	return rc;
}

/* ---- the families of figures ---- */

/*
 * The scope: who a record is attributed to (an SQL expression for a
 * staff id, NULL for nobody) and its community (text, "" for none).
 * :role is a role's stable name; staff.roles is its comma list.
 */
#define SCOPE(who, comm)						\
	" AND (:staff IS NULL OR " who " = :staff)"			\
	" AND (:role IS NULL OR EXISTS (SELECT 1 FROM staff s"		\
	" WHERE s.id = " who " AND instr(',' || s.roles || ',',"	\
	" ',' || :role || ',') > 0))"					\
	" AND (:comm IS NULL OR " comm " = :comm)"
#define CUST_COMM(col)							\
	"coalesce((SELECT u.community FROM customer u WHERE u.id = " col \
	"), '')"

/*
 * Each base is written once, for a mode M: M_SCOPE, the records of one
 * scope (SCOPE in the WHERE, the figures, drill-down and counts); or
 * every record with its group as a last column g, for the breakdowns
 * (review M5): M_STAFF the person it is attributed to, M_COMM its
 * community, the very expressions SCOPE compares, so a group's sums in
 * one pass (GROUP BY g, or summed in C) are its scoped pass's. The
 * base names who and comm in GCOL(M, who, comm) after its select list's
 * last column (every arm of a UNION ALL) and GWHERE(M, who, comm) at the
 * end of its WHERE.
 */
#define GCOL_M_SCOPE(who, comm)		""
/* (+: the person's column is not a key to read by: with the tables'
 * statistics SQLite took a month of contacts by skip-scanning
 * contact_by_staff, a table lookup a row, over contact_report.) */
#define GCOL_M_STAFF(who, comm)		", +" who " AS g"
#define GCOL_M_COMM(who, comm)		", " comm " AS g"
#define GWHERE_M_SCOPE(who, comm)	SCOPE(who, comm)
#define GWHERE_M_STAFF(who, comm)	""
#define GWHERE_M_COMM(who, comm)	""
#define GCOL(M, who, comm)	GCOL_##M(who, comm)
#define GWHERE(M, who, comm)	GWHERE_##M(who, comm)

/* Contacts: a channel, b purpose. */
#define C_WHO	"c.staff_id"
#define C_COMM	CUST_COMM("c.customer_id")
#define BASE_CONTACT_(M)						\
	"SELECT c.channel AS a, c.purpose AS b, c.id AS id, c.at AS at, "	\
	"1 AS num, 1 AS den, 0 AS amount, 0 AS x1, 0 AS x2, "		\
	"c.caller_name AS t1, c.asked AS t2" GCOL(M, C_WHO, C_COMM)	\
	" FROM contact c WHERE c.at >= :from AND c.at < :to"		\
	GWHERE(M, C_WHO, C_COMM)

/* Satisfaction: callbacks recorded with a score (R43's scale: 1 very
 * satisfied, 2 satisfied). Attributed to whose work was rated. */
#define SAT_WHO								\
	"(CASE WHEN b.reason = 0 THEN (SELECT p.responsible_id FROM "	\
	"complaint p WHERE p.id = b.complaint_id) WHEN b.reason IN (2, 4) " \
	"THEN (SELECT o.technician_id FROM work_order o WHERE o.id = "	\
	"b.order_id) ELSE b.done_by END)"
#define B_COMM	CUST_COMM("b.customer_id")
#define BASE_SAT_(M)							\
	"SELECT 0 AS a, 0 AS b, b.id AS id, b.done_at AS at, "		\
	"b.score IN (1, 2) AS num, 1 AS den, 0 AS amount, b.score AS x1, " \
	"0 AS x2, b.name AS t1, b.subject AS t2"			\
	GCOL(M, SAT_WHO, B_COMM) " FROM callback b "			\
	"WHERE b.done_at >= :from AND b.done_at < :to AND "		\
	"+b.state IN (1, 2) AND b.score > 0" GWHERE(M, SAT_WHO, B_COMM)

/* Complaints received in the period: a 0 received, 1 withdrawn,
 * 2 resolution, 3 closure. */
#define P_WHO	"p.responsible_id"
#define P_COMM	"p.community"
/* (The group column, then FROM: every arm ends its select list so.) */
#define CPL_FROM(M)							\
	GCOL(M, P_WHO, P_COMM) " FROM complaint p WHERE "		\
	"p.registered_at >= :from AND p.registered_at < :to"		\
	GWHERE(M, P_WHO, P_COMM)
#define BASE_CPL_(M)							\
	"SELECT 0 AS a, 0 AS b, p.id AS id, p.registered_at AS at, "	\
	"1 AS num, 1 AS den, 0 AS amount, 0 AS x1, 0 AS x2, p.name AS t1, " \
	"p.what AS t2" CPL_FROM(M) " AND p.state != 10 "		\
	"UNION ALL SELECT 1, 0, p.id, p.registered_at, 1, 1, 0, "	\
	"coalesce(p.withdrawn_at, 0), 0, p.name, p.what" CPL_FROM(M)	\
	" AND p.state = 10 "						\
	"UNION ALL SELECT 2, 0, p.id, p.registered_at, "		\
	"coalesce(p.result_at < :to, 0), 1, 0, coalesce(p.result_at, 0), " \
	"0, p.name, p.what" CPL_FROM(M) " AND p.state != 10 "		\
	"UNION ALL SELECT 3, 0, p.id, p.registered_at, "		\
	"p.state = 9 AND coalesce(p.closed_at < :to, 0), 1, 0, "	\
	"coalesce(p.closed_at, 0), 0, p.name, p.what" CPL_FROM(M)	\
	" AND p.state != 10"

/* Complaints handled: the result recorded in the period. */
#define BASE_HANDLED_(M)						\
	"SELECT 0 AS a, 0 AS b, p.id AS id, p.result_at AS at, 1 AS num, " \
	"1 AS den, 0 AS amount, 0 AS x1, 0 AS x2, p.name AS t1, "	\
	"p.what AS t2" GCOL(M, P_WHO, P_COMM) " FROM complaint p WHERE "	\
	"p.result_at >= :from AND p.result_at < :to AND p.state != 10"	\
	GWHERE(M, P_WHO, P_COMM)

/*
 * The complaint clocks, kf_complaint_clocks' reckoning: a = the clock
 * (enum kf_complaint_clock). A moment before the last reopening does
 * not meet the clock; an unmet clock is decided when the deadline has
 * passed while the complaint is open (closing it later does not take
 * the miss back), and is stopped (left out) when it was closed before
 * the deadline, or while a duplicate follows its root (its own clocks
 * but the callback's, R48). Actions: each its own row (b: the action's id, so
 * every row of the drill-down has its own key), met by its verification.
 */
#define CLK_MET(m)							\
	"(CASE WHEN " m " >= coalesce(p.reopened_at, 0) THEN " m " END)"
/* A clock is stopped by closing only when the complaint was closed
 * before its deadline passed: one missed while the complaint was open
 * stays missed in its period after the close (review H1). */
#define STOP(due)	"(p.state < 9 OR p.closed_at > " due ")"
#define CLK(M, code, due, m, own)					\
	"SELECT " code ", 0, p.id, p.registered_at, "			\
	"coalesce(" CLK_MET(m) " <= " due ", 0), "			\
	CLK_MET(m) " IS NOT NULL OR (" own " AND :now > " due " AND "	\
	STOP(due) "), 0, " due ", coalesce(" CLK_MET(m) ", 0), "	\
	"p.name, p.what" CPL_FROM(M) " AND " due " IS NOT NULL AND "	\
	"p.state != 10"
#define OWN	"p.duplicate_of IS NULL"
#define BASE_CLK_(M)							\
	"SELECT 1 AS a, 0 AS b, p.id AS id, p.registered_at AS at, "	\
	"coalesce(" CLK_MET("p.result_at") " <= p.track_due_at, 0) AS num, " \
	CLK_MET("p.result_at") " IS NOT NULL OR (" OWN " AND :now > "	\
	"p.track_due_at AND " STOP("p.track_due_at") ") AS den, "	\
	"0 AS amount, "							\
	"p.track_due_at AS x1, coalesce(" CLK_MET("p.result_at") ", 0) "	\
	"AS x2, p.name AS t1, p.what AS t2" CPL_FROM(M)		\
	" AND p.track_due_at IS NOT NULL AND p.state != 10 "		\
	"UNION ALL " CLK(M, "2", "p.analyse_due_at", "p.analysed_at", OWN) \
	" UNION ALL " CLK(M, "3", "p.explain_due_at",			\
	    "(CASE WHEN p.valid = 0 THEN p.result_at END)", OWN)	\
	" UNION ALL " CLK(M, "4", "p.reply_due_at", "p.replied_at", OWN) \
	" UNION ALL SELECT 5, x.id, p.id, p.registered_at, "		\
	"coalesce(x.verified_at <= x.due_at, 0), "			\
	"x.verified_at IS NOT NULL OR (:now > x.due_at AND "		\
	STOP("x.due_at") "), "						\
	"0, x.due_at, coalesce(x.verified_at, 0), p.name, x.text"	\
	GCOL(M, P_WHO, P_COMM) " FROM complaint_action x JOIN complaint p " \
	"ON p.id = x.complaint_id WHERE p.registered_at >= :from AND "	\
	"p.registered_at < :to AND p.state != 10"			\
	GWHERE(M, P_WHO, P_COMM)					\
	" UNION ALL " CLK(M, "6", "p.callback_due_at",			\
	    "p.callback_done_at", "1")					\
	" UNION ALL " CLK(M, "7", "p.forward_due_at", "p.forwarded_at", OWN)

/* Work orders by deadline: a category, b whether the deadline measures
 * arrival (else work done). Met at or before the deadline's second. */
#define ORD_MET								\
	"(CASE WHEN o.deadline_on_arrival THEN o.arrived_at "		\
	"ELSE o.done_at END)"
#define O_WHO	"o.technician_id"
#define O_COMM	"o.community"
#define BASE_ORD_(M)							\
	"SELECT o.category AS a, o.deadline_on_arrival AS b, o.id AS id, " \
	"o.deadline_at AS at, coalesce(" ORD_MET " <= o.deadline_at, 0) "	\
	"AS num, " ORD_MET " IS NOT NULL OR :now > o.deadline_at AS den, " \
	"0 AS amount, o.deadline_at AS x1, coalesce(" ORD_MET ", 0) AS x2, " \
	"o.address AS t1, o.fault AS t2" GCOL(M, O_WHO, O_COMM)		\
	" FROM work_order o WHERE o.deadline_at >= :from AND "		\
	"o.deadline_at < :to AND o.state != 7" GWHERE(M, O_WHO, O_COMM)

/* Callback completion (R47): exactly kf_callback_rate's: a task a
 * person cancelled stays due (and missed); only a complaint's task the
 * core cancelled (reason 0, state 3) leaves the count. */
#define CB_WHO	"coalesce(b.done_by, b.owner_id)"
#define BASE_CB_(M)							\
	"SELECT 0 AS a, 0 AS b, b.id AS id, b.due_at AS at, "		\
	"b.state IN (1, 2) AND coalesce(b.done_at <= b.due_at, 0) AS num, " \
	"1 AS den, 0 AS amount, b.due_at AS x1, coalesce(b.done_at, 0) "	\
	"AS x2, b.name AS t1, b.subject AS t2" GCOL(M, CB_WHO, B_COMM)	\
	" FROM callback b WHERE b.due_at >= :from AND b.due_at < :to AND " \
	"NOT (b.state = 3 AND b.reason = 0)" GWHERE(M, CB_WHO, B_COMM)

#define CUST_NAME(col)							\
	"coalesce((SELECT u.name FROM customer u WHERE u.id = " col "), '')"
/* (Billed and arrears have no person: NULL, no staff id.) */
#define N_COMM	CUST_COMM("n.customer_id")
#define BASE_ISSUED_(M)							\
	"SELECT 0 AS a, 0 AS b, n.id AS id, n.issued_at AS at, 1 AS num, " \
	"1 AS den, n.amount AS amount, n.due_at AS x1, 0 AS x2, "	\
	"n.period AS t1, " CUST_NAME("n.customer_id") " AS t2"		\
	GCOL(M, "NULL", N_COMM) " FROM notice n WHERE n.issued_at >= :from " \
	"AND n.issued_at < :to" GWHERE(M, "NULL", N_COMM)
#define R_WHO	"r.taken_by"
#define R_COMM	CUST_COMM("r.customer_id")
#define BASE_COLLECTED_(M)						\
	"SELECT 0 AS a, 0 AS b, r.id AS id, r.taken_at AS at, 1 AS num, " \
	"1 AS den, r.amount AS amount, r.no AS x1, 0 AS x2, '' AS t1, "	\
	CUST_NAME("r.customer_id") " AS t2" GCOL(M, R_WHO, R_COMM)	\
	" FROM receipt r WHERE r.taken_at >= :from AND r.taken_at < :to " \
	"AND r.voided_at IS NULL" GWHERE(M, R_WHO, R_COMM)
/*
 * :end is the period's last second, or now: overdue when past due_at.
 * What a notice owed then is its amount less the money allocated to it
 * by then. Only two kinds of notice can still have owed something: one
 * unpaid now (the small partial index notice_unpaid), or one that got
 * money after :end (bill_alloc by time); a notice paid in full by :end
 * owed nothing (paid is the sum of its allocations, bill.c). So the
 * figure reads the unpaid and the recently paid, not the whole history.
 */
#define BASE_ARREARS_(M)						\
	"SELECT * FROM (SELECT 0 AS a, 0 AS b, n.id AS id, n.due_at AS at, " \
	"1 AS num, 1 AS den, n.amount - coalesce((SELECT sum(l.amount) "	\
	"FROM bill_alloc l WHERE l.notice_id = n.id AND l.at <= :end), 0) " \
	"AS amount, n.due_at AS x1, 0 AS x2, n.period AS t1, "		\
	CUST_NAME("n.customer_id") " AS t2" GCOL(M, "NULL", N_COMM)	\
	" FROM notice n "						\
	"WHERE n.id IN (SELECT u.id FROM notice u WHERE u.paid < u.amount " \
	"UNION SELECT l.notice_id FROM bill_alloc l WHERE l.at > :end) "	\
	"AND n.due_at < :end AND n.issued_at <= :end"			\
	GWHERE(M, "NULL", N_COMM) ") WHERE amount > 0"

/* The bases as the figures, drill-down and counts read them: scoped. */
#define BASE_CONTACT	BASE_CONTACT_(M_SCOPE)
#define BASE_SAT	BASE_SAT_(M_SCOPE)
#define BASE_CPL	BASE_CPL_(M_SCOPE)
#define BASE_HANDLED	BASE_HANDLED_(M_SCOPE)
#define BASE_CLK	BASE_CLK_(M_SCOPE)
#define BASE_ORD	BASE_ORD_(M_SCOPE)
#define BASE_CB		BASE_CB_(M_SCOPE)
#define BASE_ISSUED	BASE_ISSUED_(M_SCOPE)
#define BASE_COLLECTED	BASE_COLLECTED_(M_SCOPE)
#define BASE_ARREARS	BASE_ARREARS_(M_SCOPE)

#define AGG(base)							\
	"SELECT a, b, sum(num), sum(den), sum(amount) FROM (" base ") "	\
	"GROUP BY a, b"
#define PART								\
	" WHERE (:a < 0 OR a = :a) AND (:b < 0 OR b = :b) AND "		\
	"(CASE :part WHEN 0 THEN num WHEN 1 THEN den "			\
	"ELSE den AND NOT num END)"
/* Keyset paging on (at, id, a, b): a record may give several rows (a
 * complaint's clocks and actions), told apart by a and b (review M1). */
#define SUB	"(a * 4294967296 + b)"
#define DRILL(base)							\
	"SELECT a, b, id, at, num, den, amount, x1, x2, t1, t2 FROM ("	\
	base ")" PART " AND (at > :aat OR (at = :aat AND (id > :aid OR "	\
	"(id = :aid AND " SUB " > :asub)))) ORDER BY at, id, a, b LIMIT :n"
#define COUNT(base)	"SELECT count(*) FROM (" base ")" PART
/* A breakdown's pass: every group's sums of a family at once (the base
 * in M_STAFF or M_COMM mode; g NULL is nobody's, never a group). */
#define AGG_BY(base)							\
	"SELECT g, a, b, sum(num), sum(den), sum(amount) FROM (" base ") " \
	"WHERE g IS NOT NULL GROUP BY g, a, b"
/* The same, a row a record, summed in C: for the month's 170,000
 * contacts by person SQLite's GROUP BY (a sort) cost more than C's
 * sums (375 -> 283 ms); by community (a text key sought per row) it
 * cost less, and stays. */
#define ROWS_BY(base)							\
	"SELECT g, a, b, num, den, amount FROM (" base ") "		\
	"WHERE g IS NOT NULL"

/*
 * The whole service's figures (no scope) read the same records in one
 * pass each, from covering indexes (schema/024) and the day sums kept by
 * triggers (schema/025): a month of 10,000,000 contacts is its whole
 * days' counts and 40 range counts for its first and last hours, not
 * 170,000 rows; arrears are the owed day sums before the end. Each
 * yields the rows AGG yields (a, b, num, den, amount), by the same
 * definitions: a statement's rows, or (complaints, work orders) the
 * records' columns reckoned in C where SQLite's expressions cost more
 * than the reading (fast_complaints(), fast_orders()). test_report.c
 * holds each equal to a naive query, to the base (scoped) at its edges,
 * and to its drill-down (which reads the base).
 */
#define FAST_CONTACT							\
	"WITH ch(v) AS (VALUES (0), (1), (2), (3)), "			\
	"pu(v) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) " \
	"SELECT ch.v, pu.v, (SELECT count(*) FROM contact x WHERE "	\
	"x.channel = ch.v AND x.purpose = pu.v AND x.at >= :from AND "	\
	"x.at < :to), 0, 0 FROM ch, pu"
/* The whole days of a period's contacts (schema/025: contact_day, kept
 * by triggers), by channel and purpose: at most 40 rows a day. */
#define FAST_CONTACT_DAYS						\
	"SELECT d.channel, d.purpose, d.n FROM contact_day d "		\
	"WHERE d.day >= :d1 AND d.day < :d2"
#define FAST_SAT							\
	"SELECT 0, 0, sum(b.score IN (1, 2)), count(*), 0 FROM callback b " \
	"WHERE b.done_at >= :from AND b.done_at < :to AND "		\
	"+b.state IN (1, 2) AND b.score > 0"
/*
 * The complaints received in the period, every column their figures and
 * clocks read (covering: complaint_report), one row each; the figures
 * are reckoned in C from these rows (fast_complaints()), as the base's
 * CASE expressions reckon them, because SQLite evaluating a dozen such
 * sums per row cost five times the reading of the rows.
 */
#define FAST_CPL							\
	"SELECT p.id, p.state, p.reopened_at, p.duplicate_of, p.valid, "	\
	"p.result_at, p.closed_at, p.track_due_at, p.analyse_due_at, "	\
	"p.analysed_at, p.explain_due_at, p.reply_due_at, p.replied_at, " \
	"p.callback_due_at, p.callback_done_at, p.forward_due_at, "	\
	"p.forwarded_at FROM complaint p WHERE p.registered_at >= :from " \
	"AND p.registered_at < :to"
enum {
	CP_ID, CP_STATE, CP_REOPENED, CP_DUP, CP_VALID, CP_RESULT, CP_CLOSED,
	CP_TRACK_DUE, CP_ANALYSE_DUE, CP_ANALYSED, CP_EXPLAIN_DUE,
	CP_REPLY_DUE, CP_REPLIED, CP_CALLBACK_DUE, CP_CALLBACK_DONE,
	CP_FORWARD_DUE, CP_FORWARDED, CP_COLS
};
/* The corrective actions of the complaints whose ids lie in [lo, hi]
 * (covering: complaint_action_due), in complaint order. */
#define FAST_ACTIONS							\
	"SELECT x.complaint_id, x.due_at, x.verified_at FROM "		\
	"complaint_action x WHERE x.complaint_id >= :lo AND "		\
	"x.complaint_id <= :hi ORDER BY x.complaint_id"
/* The work orders whose deadline falls in the period (covering:
 * order_report), reckoned in C (fast_orders()) rather than grouped by
 * SQLite, which sorts them to group them. */
#define FAST_ORD							\
	"SELECT o.category, o.deadline_on_arrival, o.deadline_at, "	\
	"o.arrived_at, o.done_at FROM work_order o WHERE "		\
	"o.deadline_at >= :from AND o.deadline_at < :to AND o.state != 7"
#define FAST_HANDLED							\
	"SELECT 0, 0, count(*), count(*), 0 FROM complaint p "		\
	"WHERE p.result_at >= :from AND p.result_at < :to AND "		\
	"p.state != 10"
#define FAST_CB								\
	"SELECT 0, 0, sum(b.state IN (1, 2) AND "			\
	"coalesce(b.done_at <= b.due_at, 0)), count(*), 0 FROM callback b " \
	"WHERE b.due_at >= :from AND b.due_at < :to AND "		\
	"NOT (b.state = 3 AND b.reason = 0)"
#define FAST_ISSUED							\
	"SELECT 0, 0, count(*), count(*), sum(n.amount) FROM notice n "	\
	"WHERE n.issued_at >= :from AND n.issued_at < :to"
#define FAST_COLLECTED							\
	"SELECT 0, 0, count(*), count(*), sum(r.amount) FROM receipt r "	\
	"WHERE r.taken_at >= :from AND r.taken_at < :to AND "		\
	"r.voided_at IS NULL"
/*
 * Arrears, the same sum, without reading notice by notice. A notice
 * (amount > 0) counts from owed_from = max(due_at + 1, issued_at), an
 * allocation to it from max(at, owed_from), negative; what was owed at
 * :end is the sum of every contribution made by then (money is allocated
 * only after issue, never beyond what a notice owes, never to one whose
 * lines sum to zero or less: bill.c, so no notice's own sum is below
 * zero and none is left out). bill_owed_day (schema/025, kept by
 * triggers in every billing write's transaction) holds those sums by UTC
 * day: the days before :end's from there (a few thousand rows at most),
 * the rest of its day from the rows: the notices that became owed in it
 * (notice_owed_from), the allocations made in it to notices then owed,
 * and the allocations made before it to the notices that became owed in
 * it. The same cost for a period ended last month or five years ago.
 */
#define OWED_FROM(n)	"max(" n ".due_at + 1, " n ".issued_at)"
#define DAY0		"(:end / 86400 * 86400)"
#define FAST_ARREARS							\
	"SELECT 0, 0, 0, 0, coalesce((SELECT sum(d.owed) FROM "		\
	"bill_owed_day d WHERE d.day < :end / 86400), 0) + "		\
	"coalesce((SELECT sum(n.amount) FROM notice n WHERE "		\
	OWED_FROM("n") " >= " DAY0 " AND " OWED_FROM("n") " <= :end AND " \
	"n.amount > 0), 0) - coalesce((SELECT sum(l.amount) FROM "	\
	"bill_alloc l CROSS JOIN notice n ON n.id = l.notice_id WHERE "	\
	"l.at >= " DAY0 " AND l.at <= :end AND " OWED_FROM("n")		\
	" <= :end AND n.amount > 0), 0) - coalesce((SELECT "		\
	"sum(l.amount) FROM notice n CROSS JOIN bill_alloc l ON "	\
	"l.notice_id = n.id WHERE " OWED_FROM("n") " >= " DAY0 " AND "	\
	OWED_FROM("n") " <= :end AND n.amount > 0 AND l.at < " DAY0	\
	"), 0)"

enum family {
	F_CONTACT, F_SAT, F_CPL, F_HANDLED, F_CLK, F_ORD, F_CB,
	F_ISSUED, F_COLLECTED, F_ARREARS, F_COUNT
};

static const char *const sql_agg[F_COUNT] = {
	AGG(BASE_CONTACT), AGG(BASE_SAT), AGG(BASE_CPL), AGG(BASE_HANDLED),
	AGG(BASE_CLK), AGG(BASE_ORD), AGG(BASE_CB), AGG(BASE_ISSUED),
	AGG(BASE_COLLECTED), AGG(BASE_ARREARS),
};
static const char *const sql_drill[F_COUNT] = {
	DRILL(BASE_CONTACT), DRILL(BASE_SAT), DRILL(BASE_CPL),
	DRILL(BASE_HANDLED), DRILL(BASE_CLK), DRILL(BASE_ORD),
	DRILL(BASE_CB), DRILL(BASE_ISSUED), DRILL(BASE_COLLECTED),
	DRILL(BASE_ARREARS),
};
static const char *const sql_count[F_COUNT] = {
	COUNT(BASE_CONTACT), COUNT(BASE_SAT), COUNT(BASE_CPL),
	COUNT(BASE_HANDLED), COUNT(BASE_CLK), COUNT(BASE_ORD),
	COUNT(BASE_CB), COUNT(BASE_ISSUED), COUNT(BASE_COLLECTED),
	COUNT(BASE_ARREARS),
};
/* The breakdowns' passes, by person and by community (review M5).
 * Billed and arrears have no person (KF_SCOPES_PLACE): no pass. */
static const char *const sql_by_staff[F_COUNT] = {
	ROWS_BY(BASE_CONTACT_(M_STAFF)), AGG_BY(BASE_SAT_(M_STAFF)),
	AGG_BY(BASE_CPL_(M_STAFF)), AGG_BY(BASE_HANDLED_(M_STAFF)),
	AGG_BY(BASE_CLK_(M_STAFF)), AGG_BY(BASE_ORD_(M_STAFF)),
	AGG_BY(BASE_CB_(M_STAFF)), NULL, AGG_BY(BASE_COLLECTED_(M_STAFF)),
	NULL,
};
static const char *const sql_by_comm[F_COUNT] = {
	AGG_BY(BASE_CONTACT_(M_COMM)), AGG_BY(BASE_SAT_(M_COMM)),
	AGG_BY(BASE_CPL_(M_COMM)), AGG_BY(BASE_HANDLED_(M_COMM)),
	AGG_BY(BASE_CLK_(M_COMM)), AGG_BY(BASE_ORD_(M_COMM)),
	AGG_BY(BASE_CB_(M_COMM)), AGG_BY(BASE_ISSUED_(M_COMM)),
	AGG_BY(BASE_COLLECTED_(M_COMM)), AGG_BY(BASE_ARREARS_(M_COMM)),
};

/* (F_CONTACT, F_CPL, F_CLK and F_ORD: read by fast_contacts(),
 * fast_complaints() and fast_orders(), not stepped as the others are.) */
static const char *const sql_fast[F_COUNT] = {
	NULL, FAST_SAT, NULL, FAST_HANDLED, NULL, NULL,
	FAST_CB, FAST_ISSUED, FAST_COLLECTED, FAST_ARREARS,
};

/* Each figure: its family and the rows (a, b; -1 any) it sums. */
static const struct {
	enum family	f;
	int		a, b;
} map[KF_KPI_ROWS] = {
	[KF_KPI_CONTACTS] = { F_CONTACT, -1, -1 },
	[KF_KPI_CONTACTS_HOTLINE] = { F_CONTACT, KF_CONTACT_CH_HOTLINE, -1 },
	[KF_KPI_CONTACTS_WALK_IN] = { F_CONTACT, KF_CONTACT_CH_WALK_IN, -1 },
	[KF_KPI_CONTACTS_PHONE_IN] = { F_CONTACT, KF_CONTACT_CH_PHONE_IN, -1 },
	[KF_KPI_CONTACTS_CH_OTHER] = { F_CONTACT, KF_CONTACT_CH_OTHER, -1 },
	[KF_KPI_CONTACTS_VIEWING] = { F_CONTACT, -1, KF_CONTACT_P_VIEWING },
	[KF_KPI_CONTACTS_INQUIRY] = { F_CONTACT, -1, KF_CONTACT_P_INQUIRY },
	[KF_KPI_CONTACTS_SUGGESTION] = { F_CONTACT, -1,
	    KF_CONTACT_P_SUGGESTION },
	[KF_KPI_CONTACTS_COMPLAINT] = { F_CONTACT, -1,
	    KF_CONTACT_P_COMPLAINT },
	[KF_KPI_CONTACTS_RENOVATION] = { F_CONTACT, -1,
	    KF_CONTACT_P_RENOVATION },
	[KF_KPI_CONTACTS_REPAIR] = { F_CONTACT, -1, KF_CONTACT_P_REPAIR },
	[KF_KPI_CONTACTS_EXTERNAL] = { F_CONTACT, -1, KF_CONTACT_P_EXTERNAL },
	[KF_KPI_CONTACTS_INSPECTION] = { F_CONTACT, -1,
	    KF_CONTACT_P_INSPECTION },
	[KF_KPI_CONTACTS_PAYMENT] = { F_CONTACT, -1, KF_CONTACT_P_PAYMENT },
	[KF_KPI_CONTACTS_P_OTHER] = { F_CONTACT, -1, KF_CONTACT_P_OTHER },
	[KF_KPI_SATISFACTION] = { F_SAT, -1, -1 },
	[KF_KPI_CPL_RECEIVED] = { F_CPL, 0, -1 },
	[KF_KPI_CPL_WITHDRAWN] = { F_CPL, 1, -1 },
	[KF_KPI_CPL_HANDLED] = { F_HANDLED, -1, -1 },
	[KF_KPI_CPL_RESOLUTION] = { F_CPL, 2, -1 },
	[KF_KPI_CPL_CLOSURE] = { F_CPL, 3, -1 },
	[KF_KPI_CPL_ONTIME] = { F_CLK, -1, -1 },
	[KF_KPI_CPL_ONTIME_TRACK] = { F_CLK, 1, -1 },
	[KF_KPI_CPL_ONTIME_ANALYSE] = { F_CLK, 2, -1 },
	[KF_KPI_CPL_ONTIME_EXPLAIN] = { F_CLK, 3, -1 },
	[KF_KPI_CPL_ONTIME_REPLY] = { F_CLK, 4, -1 },
	[KF_KPI_CPL_ONTIME_ACTION] = { F_CLK, 5, -1 },
	[KF_KPI_CPL_ONTIME_CALLBACK] = { F_CLK, 6, -1 },
	[KF_KPI_CPL_ONTIME_FORWARD] = { F_CLK, 7, -1 },
	[KF_KPI_ORD_ARRIVAL] = { F_ORD, -1, 1 },
	[KF_KPI_ORD_REPAIR] = { F_ORD, -1, 0 },
	[KF_KPI_ORD_ONTIME_EQUIPMENT] = { F_ORD, 0, -1 },
	[KF_KPI_ORD_ONTIME_PIPE] = { F_ORD, 1, -1 },
	[KF_KPI_ORD_ONTIME_PIPE_MAJOR] = { F_ORD, 2, -1 },
	[KF_KPI_ORD_ONTIME_INDOOR] = { F_ORD, 3, -1 },
	[KF_KPI_ORD_ONTIME_PAID] = { F_ORD, 4, -1 },
	[KF_KPI_CALLBACK_COMPLETION] = { F_CB, -1, -1 },
	[KF_KPI_BILL_ISSUED] = { F_ISSUED, -1, -1 },
	[KF_KPI_BILL_COLLECTED] = { F_COLLECTED, -1, -1 },
	[KF_KPI_BILL_ARREARS] = { F_ARREARS, -1, -1 },
};

/* Binds name when the statement has it (kf_bind_* insist it does). */
static void
bind_i(sqlite3_stmt *st, const char *name, int64_t v)
{
	if (sqlite3_bind_parameter_index(st, name) > 0)
		kf_bind_int(st, name, v);
}

static void
bind_t(sqlite3_stmt *st, const char *name, const char *v)
{
	if (sqlite3_bind_parameter_index(st, name) > 0)
		kf_bind_text(st, name, v);
}

static void
bind_common(sqlite3_stmt *st, const struct kf_period *p,
    const struct kf_scope *s, int64_t now)
{
	int64_t end = p->to - 1 < now ? p->to - 1 : now;
	const char *role = NULL;
	unsigned i;

	bind_i(st, ":from", p->from);
	bind_i(st, ":to", p->to);
	bind_i(st, ":now", now);
	bind_i(st, ":end", end);
	bind_t(st, ":staff", NULL);
	bind_t(st, ":role", NULL);
	bind_t(st, ":comm", NULL);
	if (s == NULL)
		return;
	switch (s->kind) {
	case KF_SCOPE_STAFF:
		bind_i(st, ":staff", s->staff_id);
		break;
	case KF_SCOPE_ROLE:
		for (i = 0; i < 6; i++)
			if (s->role == (1u << i))
				role = kf_role_name((enum kf_role)s->role);
		bind_t(st, ":role", role != NULL ? role : "?");
		break;
	case KF_SCOPE_COMMUNITY:
		bind_t(st, ":comm", s->community);
		break;
	default:
		break;
	}
}

static bool
applies(const struct kf_kpi_def *d, const struct kf_scope *s)
{
	unsigned kind = s != NULL ? (unsigned)s->kind : KF_SCOPE_ALL;

	return (d->scopes & (1u << kind)) != 0;
}

/* Adds one row of family f (the columns AGG yields) to the figures it
 * belongs to. */
static void
add_row(int64_t sums[][3], enum family f, int a, int b, int64_t num,
    int64_t den, int64_t amount)
{
	int i;

	for (i = 0; i < KF_KPI_ROWS; i++) {
		if (map[i].f != f || (map[i].a >= 0 && map[i].a != a) ||
		    (map[i].b >= 0 && map[i].b != b))
			continue;
		sums[i][0] += num;
		sums[i][1] += den;
		sums[i][2] += amount;
	}
}

/* A column that may be NULL: NONE for NULL (no time stamp is). */
#define NONE	INT64_MIN

static int64_t
opt(sqlite3_stmt *st, int col)
{
	int64_t v = sqlite3_column_int64(st, col);

	/* (One call for a value; the type asked only of a 0, which a NULL
	 * also reads as: a third of the complaint pass's time.) */
	if (v == 0 && sqlite3_column_type(st, col) == SQLITE_NULL)
		return NONE;
	return v;
}

/*
 * One complaint clock as BASE_CLK's CLK() counts it: the moment m meets
 * the clock when it is at or after the last reopening; met on time at
 * or before the deadline's second; decided when met, or (own: not a
 * duplicate following its root, R48; the callback's clock is its own)
 * when the deadline passed by now before the complaint was closed (stop:
 * closed_at, NONE while open; review H1).
 */
static void
clock_row(int64_t num[], int64_t den[], int a, int64_t due, int64_t m,
    int64_t reopened, int64_t stop, bool own, int64_t now)
{
	int64_t met;

	if (due == NONE)
		return;
	met = m != NONE && m >= (reopened != NONE ? reopened : 0) ? m : NONE;
	num[a] += met != NONE && met <= due;
	den[a] += met != NONE || (own && now > due &&
	    (stop == NONE || stop > due));
}

struct cpl_seen {
	int64_t	id;
	int64_t	stop;	/* closed_at when closed, else NONE */
};

static int
cpl_seen_cmp(const void *x, const void *y)
{
	const struct cpl_seen *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/* The gap between two complaint ids above which their actions are read
 * by two ranges rather than one (ids of other periods' complaints are
 * read through between them). */
#define ACTION_GAP	64

/*
 * The corrective actions (clock 5) of the complaints in v (sorted by id):
 * BASE_CLK's action rows, met by a verification at or before the due
 * second, decided when verified or when due passed before the complaint
 * was closed (review H1). The ids of a period's complaints run nearly in order (ids
 * are given as complaints are registered), so the actions are read in
 * a few ranges of complaint ids, each merged with v, not sought
 * complaint by complaint.
 */
static enum kf_rc
fast_actions(struct kf_core *k, const struct cpl_seen *v, size_t n,
    int64_t now, int64_t *num, int64_t *den, struct kf_err *err)
{
	sqlite3_stmt *st;
	size_t i = 0, j, at;
	int64_t cid, due, ver;
	int src;

	while (i < n) {
		for (j = i; j + 1 < n && v[j + 1].id - v[j].id <= ACTION_GAP;
		    j++)
			;
		st = kf_sql(k, FAST_ACTIONS);
		kf_bind_int(st, ":lo", v[i].id);
		kf_bind_int(st, ":hi", v[j].id);
		at = i;
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			cid = sqlite3_column_int64(st, 0);
			due = sqlite3_column_int64(st, 1);
			ver = opt(st, 2);
			while (at <= j && v[at].id < cid)
				at++;
			if (at > j || v[at].id != cid)
				continue;	/* another period's */
			*num += ver != NONE && ver <= due;
			*den += ver != NONE || (now > due &&
			    (v[at].stop == NONE || v[at].stop > due));
		}
		kf_sql_done(st);
		if (src != SQLITE_DONE)
			return kf_db_err(k, src, "computing a report", err);
		i = j + 1;
	}
	return KF_OK;
}

/*
 * The whole service's complaint figures, received (BASE_CPL) and their
 * clocks (BASE_CLK), from one read of the period's complaints: each row
 * counted here as the base counts it.
 */
static enum kf_rc
fast_complaints(struct kf_core *k, const struct kf_period *p, int64_t now,
    int64_t sums[][3], struct kf_err *err)
{
	struct cpl_seen *v = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st;
	/* Counted here, added to the figures once at the end: [a] of
	 * BASE_CPL's rows (received, withdrawn, resolution, closure) and
	 * of BASE_CLK's (the clock). */
	int64_t c[CP_COLS], explain, pn[4] = { 0 }, pd[4] = { 0 };
	int64_t cn[8] = { 0 }, cd[8] = { 0 };
	enum kf_rc rc = KF_OK;
	int64_t stop;
	bool own;
	int src, i;

	st = kf_sql(k, FAST_CPL);
	kf_bind_int(st, ":from", p->from);
	kf_bind_int(st, ":to", p->to);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < CP_COLS; i++)
			c[i] = opt(st, i);
		if (c[CP_STATE] == 10) {	/* withdrawn */
			pn[1]++;
			pd[1]++;
			continue;
		}
		pn[0]++;
		pd[0]++;
		pn[2] += c[CP_RESULT] != NONE && c[CP_RESULT] < p->to;
		pd[2]++;
		pn[3] += c[CP_STATE] == 9 && c[CP_CLOSED] != NONE &&
		    c[CP_CLOSED] < p->to;
		pd[3]++;
		stop = c[CP_STATE] == 9 ? c[CP_CLOSED] : NONE;
		own = c[CP_DUP] == NONE;
		explain = c[CP_VALID] == 0 ? c[CP_RESULT] : NONE;
		clock_row(cn, cd, 1, c[CP_TRACK_DUE], c[CP_RESULT],
		    c[CP_REOPENED], stop, own, now);
		clock_row(cn, cd, 2, c[CP_ANALYSE_DUE], c[CP_ANALYSED],
		    c[CP_REOPENED], stop, own, now);
		clock_row(cn, cd, 3, c[CP_EXPLAIN_DUE], explain,
		    c[CP_REOPENED], stop, own, now);
		clock_row(cn, cd, 4, c[CP_REPLY_DUE], c[CP_REPLIED],
		    c[CP_REOPENED], stop, own, now);
		clock_row(cn, cd, 6, c[CP_CALLBACK_DUE], c[CP_CALLBACK_DONE],
		    c[CP_REOPENED], stop, true, now);
		clock_row(cn, cd, 7, c[CP_FORWARD_DUE], c[CP_FORWARDED],
		    c[CP_REOPENED], stop, own, now);
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n++] = (struct cpl_seen){ c[CP_ID], stop };
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "computing a report", err);
	if (rc == KF_OK && n > 0) {
		qsort(v, n, sizeof(*v), cpl_seen_cmp);
		rc = fast_actions(k, v, n, now, &cn[5], &cd[5], err);
	}
	free(v);
	for (i = 0; i < 4; i++)
		add_row(sums, F_CPL, i, 0, pn[i], pd[i], 0);
	for (i = 1; i < 8; i++)
		add_row(sums, F_CLK, i, 0, cn[i], cd[i], 0);
	return rc;
}

/* FAST_CONTACT's 40 counts over [from, to), added to sums. */
static enum kf_rc
contact_cells(struct kf_core *k, int64_t from, int64_t to,
    int64_t sums[][3], struct kf_err *err)
{
	sqlite3_stmt *st;
	int src;

	if (from >= to)
		return KF_OK;
	st = kf_sql(k, FAST_CONTACT);
	kf_bind_int(st, ":from", from);
	kf_bind_int(st, ":to", to);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		add_row(sums, F_CONTACT, sqlite3_column_int(st, 0),
		    sqlite3_column_int(st, 1), sqlite3_column_int64(st, 2), 0,
		    0);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "computing a report", err);
	return KF_OK;
}

/*
 * The whole service's contacts of p, by channel and purpose: the UTC
 * days wholly inside the period from contact_day (schema/025), the hours
 * before the first and after the last from the contacts themselves
 * (contact_cell). Local midnights fall inside UTC days, so a month is
 * some 29 whole days and two parts: 1,200 day rows and a day's contacts
 * read, not a month's 170,000 (at 10,000,000). A period before 1970 (no
 * UTC day division to trust there) is counted from the contacts.
 */
static enum kf_rc
fast_contacts(struct kf_core *k, const struct kf_period *p,
    int64_t sums[][3], struct kf_err *err)
{
	sqlite3_stmt *st;
	int64_t d1, d2;
	enum kf_rc rc;
	int src;

	d1 = p->from >= 0 ? (p->from + 86399) / 86400 : 0;
	d2 = p->to / 86400;
	if (p->from < 0 || d1 >= d2)
		return contact_cells(k, p->from, p->to, sums, err);
	if ((rc = contact_cells(k, p->from, d1 * 86400, sums, err)) != KF_OK ||
	    (rc = contact_cells(k, d2 * 86400, p->to, sums, err)) != KF_OK)
		return rc;
	st = kf_sql(k, FAST_CONTACT_DAYS);
	kf_bind_int(st, ":d1", d1);
	kf_bind_int(st, ":d2", d2);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		add_row(sums, F_CONTACT, sqlite3_column_int(st, 0),
		    sqlite3_column_int(st, 1), sqlite3_column_int64(st, 2), 0,
		    0);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "computing a report", err);
	return KF_OK;
}

/* The whole service's work orders on time (BASE_ORD's rows, counted as
 * it counts them): met by the arrival or the work done, as the deadline
 * measures, at or before its second; decided when met or passed. */
static enum kf_rc
fast_orders(struct kf_core *k, const struct kf_period *p, int64_t now,
    int64_t sums[][3], struct kf_err *err)
{
	sqlite3_stmt *st;
	/* By category and whether the deadline measures arrival (the
	 * schema's CHECKs: 0..4, 0 or 1; anything else as its own row). */
	int64_t due, met, num[5][2] = { { 0 } }, den[5][2] = { { 0 } };
	int src, cat, arrival, i;

	st = kf_sql(k, FAST_ORD);
	kf_bind_int(st, ":from", p->from);
	kf_bind_int(st, ":to", p->to);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		cat = sqlite3_column_int(st, 0);
		arrival = sqlite3_column_int(st, 1);
		due = sqlite3_column_int64(st, 2);
		met = opt(st, arrival ? 3 : 4);
		if (cat >= 0 && cat < 5 && (arrival == 0 || arrival == 1)) {
			num[cat][arrival] += met != NONE && met <= due;
			den[cat][arrival] += met != NONE || now > due;
		} else
			add_row(sums, F_ORD, cat, arrival, met != NONE &&
			    met <= due, met != NONE || now > due, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "computing a report", err);
	for (i = 0; i < 10; i++)
		add_row(sums, F_ORD, i / 2, i % 2, num[i / 2][i % 2],
		    den[i / 2][i % 2], 0);
	return KF_OK;
}

/* The figures of family only (F_COUNT: all) from their sums, as a scope
 * of s's kind has them (a figure that does not apply has no value). */
static void
values(const int64_t sums[][3], int only, const struct kf_scope *s,
    struct kf_kpi_value v[])
{
	int i;

	for (i = 0; i < KF_KPI_ROWS; i++) {
		if (only != F_COUNT && (int)map[i].f != only)
			continue;
		memset(&v[i], 0, sizeof(v[i]));
		if (!applies(&kf_kpi_defs[i], s))
			continue;
		switch (kf_kpi_defs[i].kind) {
		case KF_KPI_K_RATE:
			v[i].num = sums[i][0];
			v[i].den = sums[i][1];
			v[i].has = v[i].den > 0;
			break;
		case KF_KPI_K_MONEY:
			v[i].num = sums[i][2];
			v[i].den = 1;
			v[i].has = true;
			break;
		default:
			v[i].num = sums[i][0];
			v[i].den = 1;
			v[i].has = true;
		}
	}
}

/* Every figure of family f (F_COUNT: all) of p in s, into v. */
static enum kf_rc
compute(struct kf_core *k, int only, const struct kf_period *p,
    const struct kf_scope *s, int64_t now, struct kf_kpi_value v[],
    struct kf_err *err)
{
	int64_t sums[KF_KPI_ROWS][3];
	sqlite3_stmt *st;
	enum kf_rc rc;
	bool scoped = s != NULL && s->kind != KF_SCOPE_ALL;
	int f, src;

	memset(sums, 0, sizeof(sums));
	for (f = 0; f < F_COUNT; f++) {
		if (only != F_COUNT && only != f)
			continue;
		if (!scoped && (f == F_CPL || f == F_CLK)) {
			/* One read for both: once, at F_CPL when all. */
			if (only == F_COUNT && f == F_CLK)
				continue;
			if ((rc = fast_complaints(k, p, now, sums, err)) !=
			    KF_OK)
				return rc;
			continue;
		}
		if (!scoped && f == F_CONTACT) {
			if ((rc = fast_contacts(k, p, sums, err)) != KF_OK)
				return rc;
			continue;
		}
		if (!scoped && f == F_ORD) {
			if ((rc = fast_orders(k, p, now, sums, err)) != KF_OK)
				return rc;
			continue;
		}
		st = kf_sql(k, scoped ? sql_agg[f] : sql_fast[f]);
		bind_common(st, p, s, now);
		while ((src = sqlite3_step(st)) == SQLITE_ROW)
			add_row(sums, (enum family)f, sqlite3_column_int(st, 0),
			    sqlite3_column_int(st, 1),
			    sqlite3_column_int64(st, 2),
			    sqlite3_column_int64(st, 3),
			    sqlite3_column_int64(st, 4));
		kf_sql_done(st);
		if (src != SQLITE_DONE)
			return kf_db_err(k, src, "computing a report", err);
	}
	values((const int64_t (*)[3])sums, only, s, v);
	return KF_OK;
}

static enum kf_rc
scope_check(struct kf_core *k, const struct kf_scope *s, struct kf_err *err)
{
	static const char SQL_STAFF_IS[] = "SELECT 1 FROM staff WHERE id = :id";
	sqlite3_stmt *st;
	int src;

	if (s == NULL || s->kind == KF_SCOPE_ALL)
		return KF_OK;
	switch (s->kind) {
	case KF_SCOPE_STAFF:
		st = kf_sql(k, SQL_STAFF_IS);
		kf_bind_int(st, ":id", s->staff_id);
		src = sqlite3_step(st);
		kf_sql_done(st);
		if (src == SQLITE_DONE)
			return kf_err_set(err, KF_NOTFOUND, "no staff account "
			    "%lld", (long long)s->staff_id);
		if (src != SQLITE_ROW)
			return kf_db_err(k, src, "reading staff", err);
		return KF_OK;
	case KF_SCOPE_ROLE:
		if (s->role == 0 || (s->role & (s->role - 1)) != 0 ||
		    (s->role & ~(unsigned)KF_ROLE_ALL) != 0)
			return kf_err_about(err, KF_INVALID, "scope",
			    N_("a team is one role"));
		return KF_OK;
	case KF_SCOPE_COMMUNITY:
		/* "": the records of no community (an unknown caller), the
		 * breakdown's last group, which can be chosen too (review
		 * M2); every community column is NOT NULL DEFAULT ''. */
		return KF_OK;
	default:
		return kf_err_about(err, KF_INVALID, "scope",
		    N_("not a kind of scope"));
	}
}

/* The checks every report makes, and its snapshot. */
static enum kf_rc
report_begin(struct kf_core *k, const struct kf_period *p,
    const struct kf_scope *s, int64_t *now, int64_t *first, bool *partial,
    bool *began, struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_REPORT_VIEW, 0, err)) != KF_OK)
		return rc;
	if ((rc = read_begin(k, began, err)) != KF_OK)
		return rc;
	*now = kf_core_now(k);
	if ((rc = check_period(k, p, *now, first, partial, err)) != KF_OK ||
	    (rc = scope_check(k, s, err)) != KF_OK)
		read_end(k, *began);
	return rc;
}

static enum kf_rc
column(struct kf_core *k, const struct kf_period *p, const struct kf_scope *s,
    int64_t now, int64_t first, struct kf_kpi_row rows[], int which,
    bool *before, struct kf_err *err)
{
	struct kf_kpi_value v[KF_KPI_ROWS];
	enum kf_rc rc;
	int i;

	memset(v, 0, sizeof(v));
	*before = p->to <= first;
	if (!*before && (rc = compute(k, F_COUNT, p, s, now, v, err)) != KF_OK)
		return rc;
	for (i = 0; i < KF_KPI_ROWS; i++) {
		if (which == 0)
			rows[i].cur = v[i];
		else if (which == 1)
			rows[i].prev = v[i];
		else
			rows[i].last_year = v[i];
	}
	return KF_OK;
}

enum kf_rc
kf_report_kpi(struct kf_core *k, const struct kf_period *p,
    const struct kf_scope *s, struct kf_kpi_table *t, struct kf_err *err)
{
	int64_t now, first = 0;
	enum kf_rc rc;
	bool began, before;
	int i;

	memset(t, 0, sizeof(*t));
	if ((rc = report_begin(k, p, s, &now, &first, &t->partial, &began,
	    err)) != KF_OK)
		return rc;
	if (s != NULL)
		t->scope = *s;
	t->period = *p;
	kf_period_prev(p, &t->prev);
	kf_period_last_year(p, &t->last_year);
	t->made_at = now;
	for (i = 0; i < KF_KPI_ROWS; i++)
		t->rows[i].def = &kf_kpi_defs[i];
	rc = column(k, p, s, now, first, t->rows, 0, &before, err);
	if (rc == KF_OK)
		rc = column(k, &t->prev, s, now, first, t->rows, 1,
		    &t->prev_before, err);
	if (rc == KF_OK)
		rc = column(k, &t->last_year, s, now, first, t->rows, 2,
		    &t->last_year_before, err);
	read_end(k, began);
	if (rc != KF_OK)
		memset(t->rows, 0, sizeof(t->rows));
	return rc;
}

enum kf_rc
kf_report_figure(struct kf_core *k, enum kf_kpi kpi,
    const struct kf_period *p, const struct kf_scope *s,
    struct kf_kpi_value *v, struct kf_err *err)
{
	struct kf_kpi_value all[KF_KPI_ROWS];
	int64_t now, first;
	enum kf_rc rc;
	bool began;

	memset(v, 0, sizeof(*v));
	if ((unsigned)kpi >= KF_KPI_ROWS)
		return kf_err_about(err, KF_INVALID, "kpi",
		    N_("no such figure"));
	if ((rc = report_begin(k, p, s, &now, &first, NULL, &began, err)) !=
	    KF_OK)
		return rc;
	rc = compute(k, (int)map[kpi].f, p, s, now, all, err);
	read_end(k, began);
	if (rc == KF_OK)
		*v = all[kpi];
	return rc;
}

enum kf_rc
kf_report_trend(struct kf_core *k, enum kf_kpi kpi,
    const struct kf_period *last, const struct kf_scope *s,
    struct kf_kpi_trend *t, struct kf_err *err)
{
	struct kf_kpi_value all[KF_KPI_ROWS];
	struct kf_period m;
	int64_t now, first;
	enum kf_rc rc;
	bool began;
	int i;

	memset(t, 0, sizeof(*t));
	t->kpi = kpi;
	if ((unsigned)kpi >= KF_KPI_ROWS)
		return kf_err_about(err, KF_INVALID, "kpi",
		    N_("no such figure"));
	if ((rc = report_begin(k, last, s, &now, &first, NULL, &began,
	    err)) != KF_OK)
		return rc;
	if (last->kind == KF_PERIOD_QUARTER)
		kf_period_make(KF_PERIOD_MONTH, last->year, last->n * 3, &m);
	else
		m = *last;
	for (i = KF_TREND_MONTHS - 1; i >= 0 && rc == KF_OK; i--) {
		t->month[i] = m;
		if (m.to > first) {
			rc = compute(k, (int)map[kpi].f, &m, s, now, all, err);
			t->v[i] = all[kpi];
		}
		kf_period_prev(&t->month[i], &m);
	}
	read_end(k, began);
	return rc;
}

/* ---- breakdowns ---- */

static const char SQL_STAFF_ALL[] =
    "SELECT id, display_name, roles FROM staff ORDER BY display_name, id";
/* The communities a period's records name (customers' included: a
 * contact or a notice is placed by its customer's). */
static const char SQL_COMMUNITIES[] =
    "SELECT community FROM customer "
    "UNION SELECT community FROM work_order WHERE deadline_at >= :from "
    "AND deadline_at < :to "
    "UNION SELECT community FROM complaint WHERE registered_at >= :from "
    "AND registered_at < :to "
    "ORDER BY 1";

/* A group's sums: sums[kpi][0 num, 1 den, 2 amount], as compute() adds
 * them up. */
typedef int64_t group_sums[KF_KPI_ROWS][3];

/* A group's key in a pass's rows (a staff id, or a community), sorted
 * for bsearch; at is the group's index. */
struct gkey {
	int64_t		 id;
	const char	*comm;
	size_t		 at;
};

static int
gkey_id_cmp(const void *x, const void *y)
{
	const struct gkey *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

static int
gkey_comm_cmp(const void *x, const void *y)
{
	const struct gkey *a = x, *b = y;

	return strcmp(a->comm, b->comm);
}

/*
 * One family's breakdown pass (sql_by_staff or sql_by_comm): its rows,
 * grouped by g, each added to the sums of the group g names, exactly as
 * that group's own scoped pass (SCOPE: who = :staff, comm = :comm) would
 * count them: to every group whose key g equals (two communities cut to
 * the same scope are two groups of one key). A g no group has (an id
 * with no account, a community not listed) is nobody's here, as it is
 * in every scoped pass.
 */
static enum kf_rc
by_pass(struct kf_core *k, const char *sql, enum family f,
    const struct kf_period *p, int64_t now, bool text,
    const struct gkey *keys, size_t nk, group_sums *sums,
    struct kf_err *err)
{
	struct gkey key;
	const struct gkey *hit, *e;
	int (*cmp)(const void *, const void *) = text ? gkey_comm_cmp :
	    gkey_id_cmp;
	sqlite3_stmt *st;
	int src;

	st = kf_sql(k, sql);
	bind_common(st, p, NULL, now);
	memset(&key, 0, sizeof(key));
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (text) {
			key.comm = (const char *)sqlite3_column_text(st, 0);
			if (key.comm == NULL)
				continue;
		} else
			key.id = sqlite3_column_int64(st, 0);
		if ((hit = bsearch(&key, keys, nk, sizeof(*keys), cmp)) ==
		    NULL)
			continue;
		while (hit > keys && cmp(hit - 1, &key) == 0)
			hit--;
		for (e = hit; e < keys + nk && cmp(e, &key) == 0; e++)
			add_row(sums[e->at], f, sqlite3_column_int(st, 1),
			    sqlite3_column_int(st, 2),
			    sqlite3_column_int64(st, 3),
			    sqlite3_column_int64(st, 4),
			    sqlite3_column_int64(st, 5));
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "computing a breakdown", err);
	return KF_OK;
}

/* Whether roles (staff.roles, a comma list) holds name: SCOPE's
 * instr(',' || roles || ',', ',' || :role || ',') > 0. */
static bool
holds_role(const char *roles, const char *name)
{
	size_t len = strlen(name);
	const char *at;

	for (at = roles; at != NULL; at = strchr(at, ',')) {
		if (*at == ',')
			at++;
		if (strncmp(at, name, len) == 0 &&
		    (at[len] == ',' || at[len] == '\0'))
			return true;
	}
	return false;
}

static bool
group_used(const struct kf_kpi_value v[])
{
	int i;

	for (i = 0; i < KF_KPI_ROWS; i++)
		if (v[i].has && (v[i].num != 0 ||
		    (kf_kpi_defs[i].kind == KF_KPI_K_RATE && v[i].den != 0)))
			return true;
	return false;
}

void
kf_report_breakdown_free(struct kf_kpi_group *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].name);
	free(v);
}

/*
 * Every group's figures from one pass per family grouped by the
 * attributed person or community (review M5: one scoped pass per group
 * took 6.6 s for 200 accounts), each group's sums exactly its scoped
 * pass's (test_report.c holds every figure of every group equal to
 * kf_report_figure in the group's scope). A team (role) is the sum of
 * the people who hold the role now, as SCOPE counts a record for every
 * role its person holds: a person with two roles is in both.
 */
enum kf_rc
kf_report_breakdown(struct kf_core *k, const struct kf_period *p,
    enum kf_breakdown by, struct kf_kpi_group **out, size_t *n,
    struct kf_err *err)
{
	struct kf_kpi_group *v = NULL, g;
	struct gkey *keys = NULL;
	group_sums *sums = NULL, team;
	char (*cut)[sizeof(g.scope.community)] = NULL;
	sqlite3_stmt *st;
	char **names = NULL, **roles = NULL;
	int64_t *ids = NULL, now, first;
	size_t nn = 0, cap = 0, i, j, nv = 0;
	enum kf_rc rc;
	bool began, text = by == KF_BY_COMMUNITY;
	int src, f, x, y;

	*out = NULL;
	*n = 0;
	if ((rc = report_begin(k, p, NULL, &now, &first, NULL, &began,
	    err)) != KF_OK)
		return rc;
	/* The people (for a team too: its members), or the communities. */
	st = kf_sql(k, text ? SQL_COMMUNITIES : SQL_STAFF_ALL);
	bind_i(st, ":from", p->from);
	bind_i(st, ":to", p->to);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (nn == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, cap * sizeof(*names));
			ids = xrealloc(ids, cap * sizeof(*ids));
			roles = xrealloc(roles, cap * sizeof(*roles));
		}
		if (!text) {
			ids[nn] = sqlite3_column_int64(st, 0);
			names[nn] = kf_col_strdup(st, 1);
			roles[nn++] = kf_col_strdup(st, 2);
		} else {
			names[nn] = kf_col_strdup(st, 0);
			if (names[nn] == NULL || names[nn][0] == '\0') {
				free(names[nn]);
				continue;
			}
			ids[nn] = 0;
			roles[nn++] = NULL;
		}
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "listing report groups", err);
	/* Records of no community last, as "". */
	if (rc == KF_OK && text) {
		names = xrealloc(names, (nn + 1) * sizeof(*names));
		ids = xrealloc(ids, (nn + 1) * sizeof(*ids));
		roles = xrealloc(roles, (nn + 1) * sizeof(*roles));
		names[nn] = xstrdup("");
		ids[nn] = 0;
		roles[nn++] = NULL;
	}
	/* Each group's sums, one pass per family. The communities are
	 * matched as a scope holds them (struct kf_scope's community,
	 * cut to its size), so a group's figures are its scope's. */
	keys = xcalloc(nn + 1, sizeof(*keys));
	sums = xcalloc(nn + 1, sizeof(*sums));
	cut = xcalloc(nn + 1, sizeof(*cut));
	for (i = 0; i < nn; i++) {
		keys[i].id = ids[i];
		keys[i].at = i;
		if (text) {
			snprintf(cut[i], sizeof(cut[i]), "%s", names[i]);
			keys[i].comm = cut[i];
		}
	}
	qsort(keys, nn, sizeof(*keys), text ? gkey_comm_cmp : gkey_id_cmp);
	for (f = 0; rc == KF_OK && f < F_COUNT; f++)
		if ((text ? sql_by_comm[f] : sql_by_staff[f]) != NULL)
			rc = by_pass(k, text ? sql_by_comm[f] :
			    sql_by_staff[f], (enum family)f, p, now, text, keys,
			    nn, sums, err);
	read_end(k, began);
	/* The groups, each with its scope's figures. */
	for (i = 0; rc == KF_OK && by == KF_BY_ROLE && i < 6; i++) {
		memset(&g, 0, sizeof(g));
		memset(team, 0, sizeof(team));
		g.scope.kind = KF_SCOPE_ROLE;
		g.scope.role = 1u << i;
		for (j = 0; j < nn; j++) {
			if (roles[j] == NULL || !holds_role(roles[j],
			    kf_role_name((enum kf_role)g.scope.role)))
				continue;
			for (x = 0; x < KF_KPI_ROWS; x++)
				for (y = 0; y < 3; y++)
					team[x][y] += sums[j][x][y];
		}
		values((const int64_t (*)[3])team, F_COUNT, &g.scope, g.v);
		g.name = xstrdup(_(kf_role_label((enum kf_role)g.scope.role)));
		v = xrealloc(v, (nv + 1) * sizeof(*v));
		v[nv++] = g;
	}
	for (i = 0; rc == KF_OK && by != KF_BY_ROLE && i < nn; i++) {
		memset(&g, 0, sizeof(g));
		g.scope.kind = text ? KF_SCOPE_COMMUNITY : KF_SCOPE_STAFF;
		if (text)
			memcpy(g.scope.community, cut[i], sizeof(cut[i]));
		else
			g.scope.staff_id = ids[i];
		values((const int64_t (*)[3])sums[i], F_COUNT, &g.scope, g.v);
		if (!group_used(g.v))
			continue;
		g.name = names[i];
		names[i] = NULL;
		v = xrealloc(v, (nv + 1) * sizeof(*v));
		v[nv++] = g;
	}
	for (i = 0; i < nn; i++) {
		free(names[i]);
		free(roles[i]);
	}
	free(names);
	free(roles);
	free(ids);
	free(keys);
	free(sums);
	free(cut);
	if (rc != KF_OK) {
		kf_report_breakdown_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return KF_OK;
}

/* ---- drill-down ---- */

void
kf_drill_free(struct kf_drill_item *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].label);
	free(v);
}

/* t as the labels show it, local time ("2026-11-27 10:41"). */
static void
hm(int64_t t, char *buf, size_t n)
{
	char full[32];

	kf_time_local(t, full, sizeof(full));
	snprintf(buf, n, "%s", full);
}

/*
 * A deadline and the moment it was met, as the labels show them: to the
 * minute, and to the second when both fall in the same minute, so an
 * arrival a second late ("due 09:40:00, met 09:40:01") is never read as
 * on time beside its deadline (R2, R3, R47: at the deadline's second is
 * on time, a second after is late).
 */
static void
due_met(int64_t due, int64_t met, char *dbuf, char *mbuf, size_t n)
{
	char iso[40];

	hm(due, dbuf, n);
	hm(met, mbuf, n);
	if (strcmp(dbuf, mbuf) != 0)
		return;
	kf_time_iso(due, iso, sizeof(iso));	/* ...T09:40:00+08:00 */
	snprintf(dbuf + strlen(dbuf), n - strlen(dbuf), ":%.2s", iso + 17);
	kf_time_iso(met, iso, sizeof(iso));
	snprintf(mbuf + strlen(mbuf), n - strlen(mbuf), ":%.2s", iso + 17);
}

/*
 * Which clock a row of the complaint clocks is (column a, enum
 * kf_complaint_clock's 1..7), when the figure lists several kinds (every
 * clock together): a complaint gives a row per clock and per action, so
 * each says which it is (review M1). NULL for any other figure.
 */
static const char *
clock_name(const struct kf_kpi_def *d, int code)
{
	static const char *const names[] = {
		NULL, N_("result (R33)"), N_("analysis (R35)"),
		N_("explanation (R34)"), N_("interim reply (R38)"),
		N_("action verified (R36)"), N_("callback (R30)"),
		N_("forwarding (R28)"),
	};

	if (d->kpi != KF_KPI_CPL_ONTIME && d->parent != KF_KPI_CPL_ONTIME)
		return NULL;
	if (code < 1 || code >= (int)(sizeof(names) / sizeof(names[0])))
		return NULL;
	return _(names[code]);
}

static char *
drill_label(const struct kf_kpi_def *d, sqlite3_stmt *st)
{
	const char *t1 = (const char *)sqlite3_column_text(st, 9);
	const char *t2 = (const char *)sqlite3_column_text(st, 10);
	int64_t id = sqlite3_column_int64(st, 2);
	int64_t x1 = sqlite3_column_int64(st, 7);
	int64_t x2 = sqlite3_column_int64(st, 8);
	char due[32], met[32], what[160];

	snprintf(what, sizeof(what), "%s%s%s", t1 != NULL ? t1 : "",
	    t1 != NULL && t1[0] != '\0' && t2 != NULL && t2[0] != '\0' ?
	    " · " : "", t2 != NULL ? t2 : "");
	/* Resolution and closure carry when the result was recorded or the
	 * complaint closed, not a deadline (review H2). */
	if (d->kpi == KF_KPI_CPL_RESOLUTION || d->kpi == KF_KPI_CPL_CLOSURE) {
		bool counted = sqlite3_column_int64(st, 4) != 0;

		if (x1 == 0)
			return xasprintf(d->kpi == KF_KPI_CPL_RESOLUTION ?
			    _("#%lld %s — no result yet") :
			    _("#%lld %s — not closed"), (long long)id, what);
		hm(x1, due, sizeof(due));
		if (d->kpi == KF_KPI_CPL_RESOLUTION)
			return xasprintf(counted ? _("#%lld %s — result %s") :
			    _("#%lld %s — result %s, after the period"),
			    (long long)id, what, due);
		return xasprintf(counted ? _("#%lld %s — closed %s") :
		    _("#%lld %s — closed %s, after the period"),
		    (long long)id, what, due);
	}
	if (d->kind == KF_KPI_K_RATE && d->drill != KF_DRILL_CALLBACK &&
	    x1 != 0) {
		const char *clock = clock_name(d, sqlite3_column_int(st, 0));

		hm(x1, due, sizeof(due));
		if (x2 != 0) {
			due_met(x1, x2, due, met, sizeof(due));
			return clock != NULL ?
			    xasprintf(_("#%lld %s — %s: due %s, met %s"),
			    (long long)id, what, clock, due, met) :
			    xasprintf(_("#%lld %s — due %s, met %s"),
			    (long long)id, what, due, met);
		}
		return clock != NULL ?
		    xasprintf(_("#%lld %s — %s: due %s, not met"),
		    (long long)id, what, clock, due) :
		    xasprintf(_("#%lld %s — due %s, not met"),
		    (long long)id, what, due);
	}
	if (d->kpi == KF_KPI_CALLBACK_COMPLETION) {
		hm(x1, due, sizeof(due));
		if (x2 != 0) {
			due_met(x1, x2, due, met, sizeof(due));
			return xasprintf(_("#%lld %s — due %s, done %s"),
			    (long long)id, what, due, met);
		}
		return xasprintf(_("#%lld %s — due %s, not done"),
		    (long long)id, what, due);
	}
	/* Satisfaction: the score given, so the ones below "satisfied"
	 * can be told apart (review L6). */
	if (d->kpi == KF_KPI_SATISFACTION && x1 > 0)
		return xasprintf(_("#%lld %s — %s"), (long long)id, what,
		    _(kf_complaint_score_info((int)x1)->label));
	if (d->kind == KF_KPI_K_MONEY && d->drill == KF_DRILL_PAYMENT)
		return xasprintf(_("receipt %lld · %s"), (long long)x1, what);
	return xasprintf("#%lld %s", (long long)id, what);
}

enum kf_rc
kf_report_drill(struct kf_core *k, enum kf_kpi kpi,
    const struct kf_period *p, const struct kf_scope *s,
    enum kf_drill_part part, const struct kf_drill_item *anchor, int limit,
    struct kf_drill_item **out, size_t *n, int64_t *total,
    struct kf_err *err)
{
	const struct kf_kpi_def *d;
	struct kf_drill_item *v = NULL;
	sqlite3_stmt *st;
	int64_t now, first;
	size_t nv = 0;
	enum kf_rc rc;
	bool began;
	int src, f;

	*out = NULL;
	*n = 0;
	if (total != NULL)
		*total = 0;
	if ((unsigned)kpi >= KF_KPI_ROWS)
		return kf_err_about(err, KF_INVALID, "kpi",
		    N_("no such figure"));
	if (limit < 1 || limit > 1000)
		return kf_err_about(err, KF_INVALID, "limit",
		    N_("a page is 1 to 1000 records"));
	d = &kf_kpi_defs[kpi];
	/* A count's or money's records are its numerator's. */
	if (d->kind != KF_KPI_K_RATE && part == KF_DRILL_DEN)
		part = KF_DRILL_NUM;
	if ((rc = report_begin(k, p, s, &now, &first, NULL, &began, err)) !=
	    KF_OK)
		return rc;
	f = (int)map[kpi].f;
	if (!applies(d, s) || (d->kind != KF_KPI_K_RATE &&
	    part == KF_DRILL_MISS)) {
		read_end(k, began);
		return KF_OK;
	}
	if (total != NULL) {
		st = kf_sql(k, sql_count[f]);
		bind_common(st, p, s, now);
		bind_i(st, ":a", map[kpi].a);
		bind_i(st, ":b", map[kpi].b);
		bind_i(st, ":part", part);
		if ((src = sqlite3_step(st)) == SQLITE_ROW)
			*total = sqlite3_column_int64(st, 0);
		kf_sql_done(st);
		if (src != SQLITE_ROW)
			rc = kf_db_err(k, src, "counting a figure's records",
			    err);
	}
	if (rc == KF_OK) {
		st = kf_sql(k, sql_drill[f]);
		bind_common(st, p, s, now);
		bind_i(st, ":a", map[kpi].a);
		bind_i(st, ":b", map[kpi].b);
		bind_i(st, ":part", part);
		bind_i(st, ":aat", anchor != NULL ? anchor->at : INT64_MIN);
		bind_i(st, ":aid", anchor != NULL ? anchor->id : INT64_MIN);
		bind_i(st, ":asub", anchor != NULL ? anchor->sub : INT64_MIN);
		bind_i(st, ":n", limit);
		v = xcalloc((size_t)limit, sizeof(*v));
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			v[nv].kind = d->drill;
			v[nv].id = sqlite3_column_int64(st, 2);
			v[nv].at = sqlite3_column_int64(st, 3);
			v[nv].sub = sqlite3_column_int64(st, 0) * 4294967296 +
			    sqlite3_column_int64(st, 1);
			v[nv].amount = d->kind == KF_KPI_K_MONEY ?
			    sqlite3_column_int64(st, 6) : 0;
			v[nv].label = drill_label(d, st);
			nv++;
		}
		kf_sql_done(st);
		if (src != SQLITE_DONE)
			rc = kf_db_err(k, src, "listing a figure's records",
			    err);
	}
	read_end(k, began);
	if (rc != KF_OK) {
		kf_drill_free(v, nv);
		if (total != NULL)
			*total = 0;
		return rc;
	}
	*out = v;
	*n = nv;
	return KF_OK;
}

/* ---- the quarterly summary ---- */

static const char *const cn_digits[] = {
	"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二",
};

static void
cn_period(const struct kf_period *p, char *buf, size_t n)
{
	if (p->kind == KF_PERIOD_QUARTER)
		snprintf(buf, n, "%d年第%s季度", p->year, cn_digits[p->n]);
	else
		snprintf(buf, n, "%d年%d月", p->year, p->n);
}

/* A value as the summary writes it: as the table shows it (thousands
 * commas, one decimal, "—"). */
static void
cn_value(const struct kf_kpi_row *r, const struct kf_kpi_value *v, char *buf,
    size_t n)
{
	kf_kpi_format(r->def, v, buf, n);
}

static void
line(struct kf_buf *b, enum kf_summary_format fmt, int level,
    const char *text)
{
	if (fmt == KF_SUMMARY_MARKDOWN) {
		kf_buf_printf(b, "\n%.*s %s\n\n", level, "####", text);
	} else {
		kf_buf_printf(b, "\n%s\n", text);
		if (level <= 2)
			kf_buf_puts(b, level == 1 ? "========\n\n" :
			    "--------\n\n");
		else
			kf_buf_puts(b, "\n");
	}
}

static void
fig_line(struct kf_buf *b, enum kf_summary_format fmt,
    const struct kf_kpi_table *t, enum kf_kpi kpi, const char *cmp_word)
{
	const struct kf_kpi_row *r = &t->rows[kpi];
	char cur[48], prev[48], ly[48];

	cn_value(r, &r->cur, cur, sizeof(cur));
	cn_value(r, &r->prev, prev, sizeof(prev));
	cn_value(r, &r->last_year, ly, sizeof(ly));
	if (fmt == KF_SUMMARY_MARKDOWN)
		kf_buf_printf(b, "| %s%s%s%s | %s | %s | %s |\n", r->def->term,
		    r->def->rule[0] != '\0' ? "(" : "", r->def->rule,
		    r->def->rule[0] != '\0' ? ")" : "", cur, prev, ly);
	else
		kf_buf_printf(b, "  %s%s%s%s:本期 %s,%s %s,去年同期 %s\n",
		    r->def->term, r->def->rule[0] != '\0' ? "(" : "",
		    r->def->rule, r->def->rule[0] != '\0' ? ")" : "", cur,
		    cmp_word, prev, ly);
}

struct change {
	enum kf_kpi	kpi;
	int64_t		pm;	/* signed by def->better: + improved */
};

static int
change_cmp(const void *x, const void *y)
{
	const struct change *a = x, *b = y;

	if (a->pm != b->pm)
		return a->pm > b->pm ? -1 : 1;
	return (int)a->kpi - (int)b->kpi;
}

static void
prompt_change(struct kf_buf *b, const struct kf_kpi_table *t,
    const struct change *c, const char *prev_word)
{
	const struct kf_kpi_row *r = &t->rows[c->kpi];
	char was[48], now[48];
	int64_t pm = 0;

	cn_value(r, &r->prev, was, sizeof(was));
	cn_value(r, &r->cur, now, sizeof(now));
	kf_kpi_change(r->def, &r->prev, &r->cur, &pm);
	if (r->def->kind == KF_KPI_K_RATE)
		kf_buf_printf(b, "- 提示:%s由%s%s变为%s(%s%lld.%lld个百分点)。\n",
		    r->def->term, prev_word, was, now, pm >= 0 ? "+" : "-",
		    (long long)(pm < 0 ? -pm : pm) / 10,
		    (long long)(pm < 0 ? -pm : pm) % 10);
	else
		kf_buf_printf(b, "- 提示:%s由%s%s变为%s(%s%lld.%lld%%)。\n",
		    r->def->term, prev_word, was, now, pm >= 0 ? "+" : "-",
		    (long long)(pm < 0 ? -pm : pm) / 10,
		    (long long)(pm < 0 ? -pm : pm) % 10);
}

static void
write_summary(struct kf_buf *b, const struct kf_kpi_table *t,
    const char *scope, enum kf_summary_format fmt)
{
	static const enum kf_kpi cats[] = {
		KF_KPI_ORD_ONTIME_EQUIPMENT, KF_KPI_ORD_ONTIME_PIPE,
		KF_KPI_ORD_ONTIME_PIPE_MAJOR, KF_KPI_ORD_ONTIME_INDOOR,
		KF_KPI_ORD_ONTIME_PAID, KF_KPI_CPL_ONTIME_TRACK,
		KF_KPI_CPL_ONTIME_ANALYSE, KF_KPI_CPL_ONTIME_EXPLAIN,
		KF_KPI_CPL_ONTIME_REPLY, KF_KPI_CPL_ONTIME_ACTION,
		KF_KPI_CPL_ONTIME_CALLBACK, KF_KPI_CPL_ONTIME_FORWARD,
	};
	const struct kf_kpi_row *r;
	struct change up[KF_KPI_ROWS], down[KF_KPI_ROWS];
	const char *unit, *next, *prev_word;
	char title[64], when[32], v[48], w[48];
	size_t nup = 0, ndown = 0, i;
	int64_t pm;
	int worst = -1, worst_pm = 1001, p;
	bool quarter = t->period.kind == KF_PERIOD_QUARTER;

	unit = quarter ? "本季度" : "本月";
	next = quarter ? "下一季度" : "下月";
	prev_word = quarter ? "上季度" : "上月";
	cn_period(&t->period, title, sizeof(title));
	/* A summary of one person, team or community says so in its title
	 * and on its own line (review M7). */
	if (fmt == KF_SUMMARY_MARKDOWN)
		kf_buf_printf(b, "# %s客服工作总结%s%s%s\n\n", title,
		    scope[0] != '\0' ? "（" : "", scope,
		    scope[0] != '\0' ? "）" : "");
	else
		kf_buf_printf(b, "%s客服工作总结%s%s%s\n\n", title,
		    scope[0] != '\0' ? "（" : "", scope,
		    scope[0] != '\0' ? "）" : "");
	kf_buf_printf(b, "统计范围:%s。", scope[0] != '\0' ? scope : "全部");
	kf_time_local(t->period.from, when, sizeof(when));
	kf_buf_printf(b, "统计期间:%.10s 起", when);
	kf_time_local(t->period.to - 1, when, sizeof(when));
	kf_buf_printf(b, "至 %.10s 止(本地时间)。", when);
	if (t->partial) {
		kf_time_local(t->made_at, when, sizeof(when));
		kf_buf_printf(b, "本期尚未结束,数据截至 %s。", when);
	}
	kf_buf_puts(b, "各项指标的定义见 docs/reports.md。\n");

	line(b, fmt, 2, "一、前言");
	kf_buf_printf(b, "尊敬的客服团队:随着公司业务的不断发展,客服部门作为公司与"
	    "客户沟通的桥梁,发挥着至关重要的作用。为了提升客服团队的整体素质和服务"
	    "水平,现将%s客服工作总结如下,以期为%s的工作提供参考和指导。\n",
	    unit, next);

	line(b, fmt, 2, "二、工作回顾");
	line(b, fmt, 3, "1. 服务质量");
	r = &t->rows[KF_KPI_CONTACTS];
	cn_value(r, &r->cur, v, sizeof(v));
	/* Every channel, walk-ins too: 次, not 通 (calls; review L8). */
	kf_buf_printf(b, "(1)%s客服接听电话/在线咨询量:%s次(", unit, v);
	for (i = KF_KPI_CONTACTS_HOTLINE; i <= KF_KPI_CONTACTS_CH_OTHER; i++) {
		cn_value(&t->rows[i], &t->rows[i].cur, w, sizeof(w));
		kf_buf_printf(b, "%s%s %s", i > KF_KPI_CONTACTS_HOTLINE ?
		    "、" : "", kf_kpi_defs[i].term, w);
	}
	kf_buf_puts(b, ")。\n\n");
	r = &t->rows[KF_KPI_SATISFACTION];
	if (r->cur.has) {
		cn_value(r, &r->cur, v, sizeof(v));
		kf_buf_printf(b, "(2)客户满意度调查:满意度达%s(评分回访 %lld 次,"
		    "非常满意及满意 %lld 次)。\n\n", v, (long long)r->cur.den,
		    (long long)r->cur.num);
	} else
		kf_buf_puts(b, "(2)客户满意度调查:满意度 —(本期无回访评分)。\n\n");
	r = &t->rows[KF_KPI_CPL_HANDLED];
	cn_value(r, &r->cur, v, sizeof(v));
	r = &t->rows[KF_KPI_CPL_RESOLUTION];
	cn_value(r, &r->cur, w, sizeof(w));
	kf_buf_printf(b, "(3)投诉处理:共处理投诉%s件,解决率%s%s。\n\n", v, w,
	    r->cur.has ? "" : "(本期未受理投诉)");
	kf_buf_printf(b, "(4)其他指标(R53),与%s及去年同期对照:\n\n",
	    prev_word);
	if (fmt == KF_SUMMARY_MARKDOWN)
		kf_buf_printf(b, "| 指标 | 本期 | %s | 去年同期 |\n"
		    "|---|---:|---:|---:|\n", prev_word);
	{
		static const enum kf_kpi shown[] = {
			KF_KPI_CONTACTS, KF_KPI_SATISFACTION,
			KF_KPI_CPL_RECEIVED, KF_KPI_CPL_HANDLED,
			KF_KPI_CPL_RESOLUTION, KF_KPI_CPL_CLOSURE,
			KF_KPI_CPL_ONTIME, KF_KPI_ORD_ARRIVAL,
			KF_KPI_ORD_REPAIR, KF_KPI_CALLBACK_COMPLETION,
			KF_KPI_BILL_ISSUED, KF_KPI_BILL_COLLECTED,
			KF_KPI_BILL_ARREARS,
		};
		for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
			fig_line(b, fmt, t, shown[i], prev_word);
	}
	kf_buf_puts(b, "\n(“—”表示该期没有可计算的记录,不是 0%。)\n");
	line(b, fmt, 3, "2. 业务知识");
	kf_buf_printf(b, "(1)客服人员业务知识掌握情况:通过培训、自学等方式,%s共完成"
	    "业务知识学习（待填写）课时。\n\n(2)业务知识考试:平均成绩（待填写）分。\n",
	    unit);
	line(b, fmt, 3, "3. 团队协作");
	kf_buf_printf(b, "(1)部门内部沟通:%s共召开部门会议（待填写）次,协调解决问题"
	    "（待填写）项。\n\n(2)与其他部门协作:%s与其他部门协作完成项目（待填写）项。\n",
	    unit, unit);

	/* The prompts: changes from the previous period, by better. A
	 * period still running is compared by its rates only: its counts
	 * and money hold only the days so far (review M8). */
	for (i = 0; i < KF_KPI_ROWS; i++) {
		r = &t->rows[i];
		if (r->def->better == 0 || r->def->parent >= 0 ||
		    (t->partial && r->def->kind != KF_KPI_K_RATE) ||
		    !kf_kpi_change(r->def, &r->prev, &r->cur, &pm) || pm == 0)
			continue;
		pm *= r->def->better;
		if (pm > 0)
			up[nup++] = (struct change){ (enum kf_kpi)i, pm };
		else
			down[ndown++] = (struct change){ (enum kf_kpi)i, -pm };
	}
	qsort(up, nup, sizeof(up[0]), change_cmp);
	qsort(down, ndown, sizeof(down[0]), change_cmp);

	line(b, fmt, 2, "三、亮点工作");
	kf_buf_puts(b, "（待填写:成功案例、创新举措）\n\n");
	for (i = 0; i < nup && i < 3; i++)
		prompt_change(b, t, &up[i], prev_word);
	if (t->prev_before)
		kf_buf_printf(b, "- 提示:%s没有记录,无可比数据。\n", prev_word);
	else if (nup == 0)
		kf_buf_printf(b, "- 提示:与%s相比没有提升的指标。\n", prev_word);

	line(b, fmt, 2, "四、不足之处");
	kf_buf_puts(b, "（待填写:服务态度、业务知识）\n\n");
	for (i = 0; i < ndown && i < 3; i++)
		prompt_change(b, t, &down[i], prev_word);
	for (i = 0; i < sizeof(cats) / sizeof(cats[0]); i++) {
		p = kf_kpi_permille(&t->rows[cats[i]].cur);
		if (p >= 0 && p < worst_pm) {
			worst_pm = p;
			worst = (int)cats[i];
		}
	}
	if (worst >= 0 && worst_pm < 1000) {	/* not when all are met */
		r = &t->rows[worst];
		cn_value(r, &r->cur, v, sizeof(v));
		kf_buf_printf(b, "- 提示:按类别准时率最低的是%s,%s(%lld 件中准时 %lld "
		    "件)。\n", r->def->term, v, (long long)r->cur.den,
		    (long long)r->cur.num);
	}
	r = &t->rows[KF_KPI_CPL_CLOSURE];
	if (r->cur.has && r->cur.num < r->cur.den) {
		cn_value(r, &r->cur, v, sizeof(v));
		kf_buf_printf(b, "- 提示:投诉闭环率 %s,未达 R39 要求的 100%%(尚有 %lld "
		    "件未结案)。\n", v, (long long)(r->cur.den - r->cur.num));
	}
	r = &t->rows[KF_KPI_CALLBACK_COMPLETION];
	if (r->cur.has && r->cur.num < r->cur.den) {
		cn_value(r, &r->cur, v, sizeof(v));
		kf_buf_printf(b, "- 提示:回访完成率 %s,未达 R47 要求的 100%%(%lld "
		    "项未按时完成)。\n", v, (long long)(r->cur.den - r->cur.num));
	}

	line(b, fmt, 2, "五、改进措施");
	kf_buf_puts(b, "（待填写）\n");
	line(b, fmt, 2, "六、总结");
	kf_buf_puts(b, "（待填写）\n");
}

static const char SQL_STAFF_NAME[] =
    "SELECT display_name FROM staff WHERE id = :id";

/* The scope in the summary's words, always Chinese ("" for all). */
static enum kf_rc
scope_text(struct kf_core *k, const struct kf_scope *s, char *buf, size_t n,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	size_t i, nr;
	int src;

	snprintf(buf, n, "%s", "");
	if (s == NULL || s->kind == KF_SCOPE_ALL)
		return KF_OK;
	if (s->kind == KF_SCOPE_ROLE) {
		const struct kf_role_info *r = kf_roles(&nr);

		for (i = 0; i < nr; i++)
			if ((unsigned)r[i].role == s->role)
				snprintf(buf, n, "岗位 %s",
				    kf_gettext_in("zh_CN", r[i].label));
		return KF_OK;
	}
	if (s->kind == KF_SCOPE_COMMUNITY) {
		snprintf(buf, n, "小区 %s", s->community);
		return KF_OK;
	}
	st = kf_sql(k, SQL_STAFF_NAME);
	bind_i(st, ":id", s->staff_id);
	if ((src = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(buf, n, "员工 %s",
		    (const char *)sqlite3_column_text(st, 0));
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return kf_db_err(k, src, "reading a staff member's name", err);
	return KF_OK;
}

enum kf_rc
kf_report_summary(struct kf_core *k, const struct kf_period *p,
    const struct kf_scope *s, enum kf_summary_format fmt, char **out,
    struct kf_err *err)
{
	struct kf_kpi_table *t;
	struct kf_buf b = { 0 };
	char scope[192];
	enum kf_rc rc;

	*out = NULL;
	t = xcalloc(1, sizeof(*t));
	if ((rc = kf_report_kpi(k, p, s, t, err)) == KF_OK &&
	    (rc = scope_text(k, s, scope, sizeof(scope), err)) == KF_OK) {
		write_summary(&b, t, scope, fmt);
		*out = b.s;
	}
	free(t);
	return rc;
}
