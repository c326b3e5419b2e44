/*
 * bill.c — the billing desk (include/kefu/bill.h): fee notices and their
 * runs (R15, R18), payments against receipts numbered without gaps
 * (R19), allocation of money to notices, arrears and chasing (R15).
 *
 * Design note: money.
 *   Every movement of money is a row that is never changed: a notice's
 *   lines, a receipt, an allocation (a void adds the negative of each
 *   allocation it reverses). Two columns are kept up to date for
 *   speed, each change audited: notice.paid (Σ its allocations; the
 *   arrears index reads it) and notice.late_through. After every call
 *   that brings money or debt (a payment, a void, a notice) settle()
 *   allocates until the customer has no money left unallocated or no
 *   notice left unpaid:
 *
 *     while oldest unpaid notice N (issued_at, id) and
 *           oldest money M with something left (receipt by taken_at, or
 *           credit note: a notice whose lines sum below zero):
 *         allocate min(N unpaid, M left) from M to N
 *
 *   I1. notice.paid = Σ bill_alloc.amount of the notice, 0 <= paid.
 *   I2. After settle, no customer has both money left and a notice
 *       unpaid (credit only when everything is paid).
 *   I3. balance = Σ notice.amount − Σ receipts not voided
 *               = Σ (amount − paid) − money left.
 *   Receipt and notice numbers come from bill_counter inside the
 *   transaction that uses them: a rollback gives the number back, two
 *   desks queue on BEGIN IMMEDIATE, so the numbers have no gaps.
 *
 * Design note: a notice run is one transaction (all or nothing). Killed
 *   half-way, it leaves nothing and runs again whole; a finished run's
 *   row (UNIQUE period, community) makes a second run "already issued".
 *   The run holds the write lock while it works (seconds for a large
 *   community: docs/performance.md); the waiters are told who holds it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/bill.h"
#include "kefu/clock.h"
#include "kefu/csv.h"
#include "kefu/fee.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/policy.h"

#include "kefu/rate.h"

#define MAX_AMOUNT	10000000000LL	/* fen: 100 million yuan */
#define DAY		86400

/* ---- SQL ---- */

static const char SQL_CUSTOMER[] =
    "SELECT account, name, community, building, unit, room, address "
    "FROM customer WHERE id = :c";
static const char SQL_COMPANY[] =
    "SELECT id, value FROM bill_setting WHERE key = 'company.name'";

static const char SQL_RUN_FIND[] =
    "SELECT r.id, r.issued_at, coalesce(s.login, ''), r.notices, "
    "r.first_seq, r.last_seq, r.total FROM bill_run AS r LEFT JOIN staff "
    "AS s ON s.id = r.issued_by WHERE r.period = :p AND r.community = :c";
static const char SQL_RUN_INSERT[] =
    "INSERT INTO bill_run (period, community, issued_at, issued_by) "
    "VALUES (:p, :c, :at, :by)";
static const char SQL_RUN_DONE[] =
    "UPDATE bill_run SET notices = :n, first_seq = :f, last_seq = :l, "
    "total = :t WHERE id = :id";
/* With whether he has a notice for the period already: from another
 * community's run, before he moved (R15: one notice a period). */
static const char SQL_RUN_CUSTOMERS[] =
    "SELECT c.id, EXISTS (SELECT 1 FROM notice AS n WHERE "
    "n.customer_id = c.id AND n.period = :p) FROM customer AS c "
    "WHERE c.community = :c ORDER BY c.building, c.unit, c.room, c.id";
/* R14: the community's shared meters used in the period that nobody
 * takes a part of (no active link to a customer not moved out). */
static const char SQL_RUN_UNTAKEN[] =
    "SELECT m.code FROM meter AS m JOIN reading AS r ON r.meter_id = m.id "
    "AND r.period = :p WHERE m.customer_id IS NULL AND m.community = :c "
    "AND r.usage > 0 AND NOT EXISTS (SELECT 1 FROM meter_link AS l JOIN "
    "customer AS c ON c.id = l.customer_id WHERE l.meter_id = m.id AND "
    "l.active = 1 AND c.status = 0) ORDER BY m.building, m.position, "
    "m.code";
/* R13: the community's meters without a reading for the period: a unit's
 * meter of a customer not moved out, a shared meter of the community. */
static const char SQL_RUN_UNREAD[] =
    "SELECT m.code FROM meter AS m LEFT JOIN customer AS c ON "
    "c.id = m.customer_id WHERE ((m.customer_id IS NULL AND "
    "m.community = :c) OR (c.community = :c AND c.status = 0)) AND "
    "NOT EXISTS (SELECT 1 FROM reading AS r WHERE r.meter_id = m.id AND "
    "r.period = :p) ORDER BY m.community, m.building, m.position, m.code";
static const char SQL_COUNTER[] =
    "SELECT next FROM bill_counter WHERE name = :n";
static const char SQL_COUNTER_NEW[] =
    "INSERT INTO bill_counter (name, next) VALUES (:n, :v)";
static const char SQL_COUNTER_SET[] =
    "UPDATE bill_counter SET next = :v WHERE name = :n";

/* R18: signed off, not cancelled, audited (no item flagged), not carried. */
static const char SQL_REPAIRS[] =
    "SELECT w.id, w.amount_due, coalesce(w.signed_at, 0) FROM work_order "
    "AS w WHERE w.customer_id = :c AND w.state IN (5, 6) AND "
    "w.amount_due != 0 AND w.signed_at <= :now AND NOT EXISTS (SELECT 1 "
    "FROM notice_line AS l WHERE l.order_id = w.id) AND NOT EXISTS "
    "(SELECT 1 FROM order_item AS i WHERE i.order_id = w.id AND "
    "i.audit_state = 1) ORDER BY w.id";
static const char SQL_REPAIR_ITEMS[] =
    "SELECT name, quantity, unit, unit_price FROM order_item "
    "WHERE order_id = :o ORDER BY id";
static const char SQL_ADJ_PENDING[] =
    "SELECT a.id, a.amount, a.reason FROM bill_adjust AS a WHERE "
    "a.customer_id = :c AND NOT EXISTS (SELECT 1 FROM notice_line AS l "
    "WHERE l.adjust_id = a.id) ORDER BY a.id";
static const char SQL_ADJ_INSERT[] =
    "INSERT INTO bill_adjust (customer_id, amount, reason, at, staff_id) "
    "VALUES (:c, :a, :r, :at, :by)";
/* R15: the late fee's base is what is unpaid of the notice's fees, never
 * of its own late-fee lines (kind 7): a late fee bears no late fee. */
static const char SQL_LATE[] =
    "SELECT id, period, seq, min(amount - paid, amount - (SELECT "
    "coalesce(sum(l.amount), 0) FROM notice_line AS l WHERE "
    "l.notice_id = notice.id AND l.kind = 7)), due_at, late_through FROM "
    "notice WHERE customer_id = :c AND paid < amount AND due_at < :now "
    "ORDER BY issued_at, id";
_Static_assert(KF_LINE_LATE_FEE == 7, "SQL_LATE names the late fee's kind");
static const char SQL_NOTICE_SUM[] =
    "SELECT coalesce(sum(amount), 0) FROM notice WHERE customer_id = :c";
static const char SQL_RECEIPT_SUM[] =
    "SELECT coalesce(sum(amount), 0) FROM receipt WHERE customer_id = :c "
    "AND voided_at IS NULL";
static const char SQL_OWED[] =
    "SELECT coalesce(sum(amount - paid), 0) FROM notice WHERE "
    "customer_id = :c AND paid < amount";
static const char SQL_OVERDUE[] =
    "SELECT coalesce(sum(amount - paid), 0) FROM notice WHERE "
    "customer_id = :c AND paid < amount AND due_at < :now";
static const char SQL_NOTICE_INSERT[] =
    "INSERT INTO notice (period, seq, customer_id, run_id, issued_at, "
    "due_at, prev_balance, amount, total_due) VALUES (:p, :s, :c, :r, :at, "
    ":due, :prev, :amount, :total)";
static const char SQL_LINE_INSERT[] =
    "INSERT INTO notice_line (notice_id, kind, amount, source, ref_id, "
    "order_id, adjust_id) VALUES (:n, :k, :a, :s, :ref, :o, :adj)";

#define NCOLS "SELECT n.id, n.period, n.seq, n.customer_id, n.run_id, " \
    "n.issued_at, n.due_at, n.prev_balance, n.amount, n.total_due, n.paid, " \
    "n.version, c.account, c.name, c.community, c.building, c.unit, " \
    "c.room, c.address FROM notice AS n JOIN customer AS c ON " \
    "c.id = n.customer_id "
static const char SQL_NOTICE_BY_ID[] = NCOLS "WHERE n.id = :id";
static const char SQL_NOTICE_BY_NO[] = NCOLS
    "WHERE n.period = :p AND n.seq = :s";
#define NFILTER "(:p IS NULL OR n.period = :p) AND (:c = 0 OR " \
    "n.customer_id = :c) AND (:u = 0 OR n.paid < n.amount) AND (:m IS NULL " \
    "OR n.run_id IN (SELECT id FROM bill_run WHERE community = :m)) "
static const char SQL_NOTICE_PAGE_UP[] = NCOLS "WHERE n.id > :id AND "
    NFILTER "ORDER BY n.id LIMIT :lim";
static const char SQL_NOTICE_PAGE_DOWN[] = NCOLS "WHERE n.id < :id AND "
    NFILTER "ORDER BY n.id DESC LIMIT :lim";
static const char SQL_NOTICE_OF_CUSTOMER[] = NCOLS
    "WHERE n.customer_id = :c ORDER BY n.issued_at DESC, n.id DESC "
    "LIMIT :lim";
#undef NFILTER
#undef NCOLS
static const char SQL_LINES[] =
    "SELECT id, kind, amount, source, coalesce(ref_id, 0) FROM notice_line "
    "WHERE notice_id = :n ORDER BY id";
static const char SQL_EXPORT[] =
    "SELECT n.period, n.seq, c.account, c.name, l.kind, l.source, "
    "l.amount, n.amount, n.prev_balance, n.total_due, n.due_at "
    "FROM notice AS n JOIN customer AS c ON c.id = n.customer_id "
    "LEFT JOIN notice_line AS l ON l.notice_id = n.id WHERE n.period = :p AND "
    "(:m IS NULL OR n.run_id IN (SELECT id FROM bill_run WHERE "
    "community = :m)) ORDER BY n.seq, l.id";

static const char SQL_OLDEST_UNPAID[] =
    "SELECT id, amount - paid FROM notice WHERE customer_id = :c AND "
    "paid < amount ORDER BY issued_at, id LIMIT 1";
static const char SQL_OLDEST_MONEY[] =
    "SELECT kind, id, rem FROM (SELECT 0 AS kind, r.id AS id, r.taken_at "
    "AS t, r.amount - coalesce((SELECT sum(a.amount) FROM bill_alloc AS a "
    "WHERE a.receipt_id = r.id), 0) AS rem FROM receipt AS r WHERE "
    "r.customer_id = :c AND r.voided_at IS NULL UNION ALL SELECT 1, n.id, "
    "n.issued_at, -n.amount - coalesce((SELECT sum(a.amount) FROM "
    "bill_alloc AS a WHERE a.credit_notice_id = n.id), 0) FROM notice AS n "
    "WHERE n.customer_id = :c AND n.amount < 0) WHERE rem > 0 "
    "ORDER BY t, kind, id LIMIT 1";
static const char SQL_ALLOC_INSERT[] =
    "INSERT INTO bill_alloc (customer_id, receipt_id, credit_notice_id, "
    "notice_id, amount, at, reverses) VALUES (:c, :r, :cn, :n, :a, :at, "
    ":rev)";
static const char SQL_PAID[] = "SELECT paid FROM notice WHERE id = :id";
static const char SQL_ALLOCS_OF_RECEIPT[] =
    "SELECT a.id, a.notice_id, n.period, n.seq, a.amount FROM bill_alloc "
    "AS a JOIN notice AS n ON n.id = a.notice_id WHERE a.receipt_id = :r "
    "ORDER BY a.id";

static const char SQL_RECEIPT_INSERT[] =
    "INSERT INTO receipt (no, customer_id, amount, method, note, taken_at, "
    "taken_by) VALUES (:no, :c, :a, :m, :note, :at, :by)";
#define RCOLS "SELECT r.id, r.no, r.customer_id, r.amount, r.method, " \
    "r.note, r.taken_at, coalesce(t.login, ''), r.prints, " \
    "coalesce(r.voided_at, 0), coalesce(v.login, ''), r.void_reason, " \
    "r.version, c.account, c.name FROM receipt AS r JOIN customer AS c ON " \
    "c.id = r.customer_id LEFT JOIN staff AS t ON t.id = r.taken_by " \
    "LEFT JOIN staff AS v ON v.id = r.voided_by "
static const char SQL_RECEIPT_BY_NO[] = RCOLS "WHERE r.no = :no";
static const char SQL_RECEIPT_OF_CUSTOMER[] = RCOLS
    "WHERE r.customer_id = :c ORDER BY r.id DESC LIMIT :lim";
#undef RCOLS

static const char SQL_ARREARS[] =
    "SELECT n.customer_id, n.due_at, n.amount - n.paid FROM notice AS n "
    "WHERE n.paid < n.amount AND n.due_at < :now AND (:m IS NULL OR "
    "n.customer_id IN (SELECT id FROM customer WHERE community = :m)) "
    "ORDER BY n.customer_id";
/* The badge: reads only the partial index notice_unpaid (schema/018). */
static const char SQL_ARREARS_COUNT[] =
    "SELECT count(DISTINCT customer_id) FROM notice "
    "WHERE paid < amount AND due_at < :now";
static const char SQL_CHASE_STATS[] =
    "SELECT count(*), coalesce(max(at), 0) FROM chase WHERE "
    "customer_id = :c";
static const char SQL_CHASE_INSERT[] =
    "INSERT INTO chase (customer_id, at, staff_id, method, answer, "
    "next_step, next_at, owed) VALUES (:c, :at, :by, :m, :a, :s, :nx, :o)";
static const char SQL_CHASES[] =
    "SELECT h.id, h.customer_id, h.at, coalesce(s.login, ''), h.method, "
    "h.answer, h.next_step, coalesce(h.next_at, 0), h.owed FROM chase AS h "
    "LEFT JOIN staff AS s ON s.id = h.staff_id WHERE h.customer_id = :c "
    "ORDER BY h.at DESC, h.id DESC LIMIT 1000";

/* ---- versioned records ---- */

#define FIELD(t, f) { #f, "SELECT " #f " FROM " #t " WHERE id = :id", \
    "UPDATE " #t " SET " #f " = :v WHERE id = :id", false }
static const char SQL_NV[] = "SELECT version FROM notice WHERE id = :id";
static const char SQL_NB[] = "UPDATE notice SET version = :v WHERE id = :id";
static const struct kf_field notice_fields[] = {
	FIELD(notice, paid), FIELD(notice, late_through),
};
static const struct kf_entity notice_entity = {
	"notice", SQL_NV, SQL_NB, notice_fields, 2,
};
static const char SQL_RV[] = "SELECT version FROM receipt WHERE id = :id";
static const char SQL_RB[] = "UPDATE receipt SET version = :v WHERE id = :id";
static const struct kf_field receipt_fields[] = {
	FIELD(receipt, prints), FIELD(receipt, voided_at),
	FIELD(receipt, voided_by), FIELD(receipt, void_reason),
};
static const struct kf_entity receipt_entity = {
	"receipt", SQL_RV, SQL_RB, receipt_fields, 4,
};
static const char SQL_SV[] = "SELECT version FROM bill_setting WHERE id = :id";
static const char SQL_SB[] =
    "UPDATE bill_setting SET version = :v WHERE id = :id";
static const struct kf_field setting_fields[] = {
	FIELD(bill_setting, value),
};
static const struct kf_entity setting_entity = {
	"bill_setting", SQL_SV, SQL_SB, setting_fields, 1,
};
#undef FIELD

/* ---- names ---- */

/*
 * Each of billing's small vocabularies is one table: the stable name (the
 * CLI, --json, the trail) and the manuals' Chinese term, either of which
 * parses.
 */
struct bill_name {
	const char	*name, *term;
};

static const struct bill_name line_kinds[KF_LINE_KIND_COUNT] = {
	[KF_LINE_MGMT] = { "mgmt", "管理服务费" },
	[KF_LINE_WATER] = { "water", "水费" },
	[KF_LINE_POWER] = { "power", "电费" },
	[KF_LINE_SHARED_WATER] = { "shared-water", "公摊水费" },
	[KF_LINE_SHARED_POWER] = { "shared-power", "公摊电费" },
	[KF_LINE_REPAIR] = { "repair", "有偿维修" },
	[KF_LINE_ADJUST] = { "adjust", "调整" },
	[KF_LINE_LATE_FEE] = { "late-fee", "滞纳金" },
};
static const struct bill_name pay_methods[KF_PAY_METHOD_COUNT] = {
	[KF_PAY_CASH] = { "cash", "现金" },
	[KF_PAY_CARD] = { "card", "银行卡" },
	[KF_PAY_TRANSFER] = { "transfer", "转账" },
	[KF_PAY_MOBILE] = { "mobile", "移动支付" },
};
static const struct bill_name chase_methods[KF_CHASE_METHOD_COUNT] = {
	[KF_CHASE_PHONE] = { "phone", "电话" },
	[KF_CHASE_VISIT] = { "visit", "上门" },
	[KF_CHASE_LETTER] = { "letter", "催缴函" },
	[KF_CHASE_SMS] = { "sms", "短信" },
	[KF_CHASE_SECOND] = { "second-notice", "二次通知" },
};

/* Row i of a table of n: its name (term false) or term; "?" out of range. */
static const char *
name_of(const struct bill_name *t, int n, int i, bool term)
{
	if (i < 0 || i >= n)
		return "?";
	return term ? t[i].term : t[i].name;
}

/* The row whose name or term is s, or -1. */
static int
name_parse(const struct bill_name *t, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, t[i].name) == 0 || strcmp(s, t[i].term) == 0)
			return i;
	return -1;
}

const char *
kf_line_kind_name(enum kf_line_kind k)
{
	return name_of(line_kinds, KF_LINE_KIND_COUNT, (int)k, false);
}

const char *
kf_line_kind_term(enum kf_line_kind k)
{
	return name_of(line_kinds, KF_LINE_KIND_COUNT, (int)k, true);
}

const char *
kf_pay_method_name(enum kf_pay_method m)
{
	return name_of(pay_methods, KF_PAY_METHOD_COUNT, (int)m, false);
}

const char *
kf_pay_method_term(enum kf_pay_method m)
{
	return name_of(pay_methods, KF_PAY_METHOD_COUNT, (int)m, true);
}

enum kf_rc
kf_pay_method_parse(const char *s, enum kf_pay_method *m, struct kf_err *err)
{
	int i = name_parse(pay_methods, KF_PAY_METHOD_COUNT, s);

	if (i < 0)
		return kf_err_about(err, KF_INVALID, "method",
		    N_("a payment method is cash, card, transfer or mobile"));
	*m = (enum kf_pay_method)i;
	return KF_OK;
}

const char *
kf_chase_method_name(enum kf_chase_method m)
{
	return name_of(chase_methods, KF_CHASE_METHOD_COUNT, (int)m, false);
}

const char *
kf_chase_method_term(enum kf_chase_method m)
{
	return name_of(chase_methods, KF_CHASE_METHOD_COUNT, (int)m, true);
}

enum kf_rc
kf_chase_method_parse(const char *s, enum kf_chase_method *m,
    struct kf_err *err)
{
	int i = name_parse(chase_methods, KF_CHASE_METHOD_COUNT, s);

	if (i < 0)
		return kf_err_about(err, KF_INVALID, "method",
		    N_("a chasing method is phone, visit, letter, sms or "
		    "second-notice"));
	*m = (enum kf_chase_method)i;
	return KF_OK;
}

/* ---- input ---- */

enum kf_rc
kf_bill_amount_parse(const char *s, const char *field, bool allow_negative,
    int64_t *fen, struct kf_err *err)
{
	const char *p = s;
	int64_t yuan = 0, cents = 0;
	int digits = 0, decimals = 0;
	bool neg = false;

	/* The desk's own parser (M5): kf_money_parse is the price list's,
	 * whose 1,000,000 yuan cap is no bound on a payment; this one's is
	 * the desk's, MAX_AMOUNT, and says so. */
	if (p != NULL && allow_negative && *p == '-') {
		neg = true;
		p++;
	}
	if (p == NULL)
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		if (++digits > 12)
			goto over;
		yuan = yuan * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			if (++decimals > 2) {
				kf_err_set(err, KF_INVALID, "%s: '%.32s' has a "
				    "fraction of a fen (at most two decimals)",
				    field, s);
				kf_err_field(err, field);
				return KF_INVALID;
			}
			cents = cents * 10 + (*p - '0');
		}
		if (decimals == 0)
			goto bad;
		if (decimals == 1)
			cents *= 10;
	}
	if (*p != '\0' || digits == 0)
		goto bad;
	if (yuan * 100 + cents > MAX_AMOUNT)
		goto over;
	*fen = neg ? -(yuan * 100 + cents) : yuan * 100 + cents;
	return KF_OK;
over:
	kf_err_set(err, KF_INVALID, "%s: '%.32s' is above the billing desk's "
	    "limit of 100,000,000.00 yuan", field, s);
	kf_err_field(err, field);
	return KF_INVALID;
bad:
	if (allow_negative)
		kf_err_set(err, KF_INVALID, "%s: not an amount of money: "
		    "'%.32s' (yuan, at most two decimals, e.g. 12.50, or -5 "
		    "for a credit)", field, s ? s : "");
	else
		kf_err_set(err, KF_INVALID, "%s: not an amount of money: "
		    "'%.32s' (yuan above zero, at most two decimals, e.g. "
		    "12.50)", field, s ? s : "");
	kf_err_field(err, field);
	return KF_INVALID;
}

enum kf_rc
kf_bill_period_check(const char *p, struct kf_err *err)
{
	int i;

	for (i = 0; p != NULL && i < 7; i++)
		if (i == 4 ? p[i] != '-' : (p[i] < '0' || p[i] > '9'))
			break;
	if (p == NULL || i != 7 || p[7] != '\0' || p[5] > '1' ||
	    (p[5] == '0' && p[6] == '0') || (p[5] == '1' && p[6] > '2') ||
	    strncmp(p, "1970", 4) < 0)
		return kf_err_about(err, KF_INVALID, "period",
		    N_("a period is a month written YYYY-MM (2026-11)"));
	return KF_OK;
}

/* The first second of period (local time). */
static enum kf_rc
period_start(const char *period, int64_t *t, struct kf_err *err)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%s-01T00:00", period);
	return kf_time_parse(buf, t, err);
}

/* ---- small helpers ---- */

/* A JSON object for the audit trail, key by key. */
static void
jkey(struct kf_buf *b, const char *key)
{
	kf_buf_puts(b, b->len <= 1 ? "\"" : ",\"");
	kf_buf_puts(b, key);
	kf_buf_puts(b, "\":");
}

static void
jint(struct kf_buf *b, const char *key, int64_t v)
{
	jkey(b, key);
	kf_buf_printf(b, "%lld", (long long)v);
}

/* v 0 is null (an id or a time not set). */
static void
jid(struct kf_buf *b, const char *key, int64_t v)
{
	jkey(b, key);
	if (v == 0)
		kf_buf_puts(b, "null");
	else
		kf_buf_printf(b, "%lld", (long long)v);
}

static void
jstr(struct kf_buf *b, const char *key, const char *s)
{
	jkey(b, key);
	kf_buf_json_str(b, s);
}

/* Steps st for one integer (0 when no row) and resets it. */
static enum kf_rc
one_int(struct kf_core *k, sqlite3_stmt *st, int64_t *v, const char *what,
    struct kf_err *err)
{
	int src = sqlite3_step(st);

	*v = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	kf_sql_done(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? KF_OK :
	    kf_db_err(k, src, what, err);
}

static enum kf_rc
step_done(struct kf_core *k, sqlite3_stmt *st, const char *what,
    struct kf_err *err)
{
	int src = sqlite3_step(st);

	kf_sql_done(st);
	return src == SQLITE_DONE ? KF_OK : kf_db_err(k, src, what, err);
}

static void
bind_opt_text(sqlite3_stmt *st, const char *name, const char *v)
{
	if (v == NULL)
		kf_bind_null(st, name);
	else
		kf_bind_text(st, name, v);
}

static void
bind_opt_id(sqlite3_stmt *st, const char *name, int64_t v)
{
	if (v == 0)
		kf_bind_null(st, name);
	else
		kf_bind_int(st, name, v);
}

static void
notice_no(char *buf, size_t n, const char *period, int64_t seq)
{
	snprintf(buf, n, "%.7s-%06lld", period, (long long)seq);
}

/* The customer's account, name and one-line address (allocated). */
static enum kf_rc
customer_names(struct kf_core *k, int64_t cid, char **account, char **name,
    char **address, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_CUSTOMER);
	struct kf_buf a = { 0 };
	const char *p;
	int src, i;

	*account = *name = *address = NULL;
	kf_bind_int(st, ":c", cid);
	if ((src = sqlite3_step(st)) != SQLITE_ROW) {
		kf_sql_done(st);
		return src == SQLITE_DONE ? kf_err_set(err, KF_NOTFOUND,
		    "no customer %lld", (long long)cid) :
		    kf_db_err(k, src, "reading a customer", err);
	}
	*account = kf_col_strdup(st, 0);
	*name = kf_col_strdup(st, 1);
	for (i = 2; i <= 6; i++) {
		p = (const char *)sqlite3_column_text(st, i);
		if (p == NULL || *p == '\0')
			continue;
		if (a.len > 0)
			kf_buf_puts(&a, " ");
		kf_buf_puts(&a, p);
	}
	kf_sql_done(st);
	*address = xstrdup(kf_buf_str(&a));
	kf_buf_free(&a);
	return KF_OK;
}

static enum kf_rc
customer_exists(struct kf_core *k, int64_t cid, struct kf_err *err)
{
	char *a, *n, *ad;
	enum kf_rc rc = customer_names(k, cid, &a, &n, &ad, err);

	free(a);
	free(n);
	free(ad);
	return rc;
}

/* Σ notices − Σ receipts not voided (I3). */
static enum kf_rc
balance_of(struct kf_core *k, int64_t cid, int64_t *bal, struct kf_err *err)
{
	sqlite3_stmt *st;
	int64_t debt, paid;
	enum kf_rc rc;

	st = kf_sql(k, SQL_NOTICE_SUM);
	kf_bind_int(st, ":c", cid);
	if ((rc = one_int(k, st, &debt, "reading a balance", err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_RECEIPT_SUM);
	kf_bind_int(st, ":c", cid);
	if ((rc = one_int(k, st, &paid, "reading a balance", err)) != KF_OK)
		return rc;
	*bal = debt - paid;
	return KF_OK;
}

/* Takes the next number of counter name (starting at 1). */
static enum kf_rc
counter_next(struct kf_core *k, const char *name, int64_t *no,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_COUNTER);
	enum kf_rc rc;
	int src;

	kf_bind_text(st, ":n", name);
	src = sqlite3_step(st);
	*no = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return kf_db_err(k, src, "taking a number", err);
	st = kf_sql(k, src == SQLITE_ROW ? SQL_COUNTER_SET : SQL_COUNTER_NEW);
	kf_bind_text(st, ":n", name);
	kf_bind_int(st, ":v", *no + 1);
	rc = step_done(k, st, "taking a number", err);
	return rc;
}

/* ---- allocation ---- */

/*
 * Allocates amount (negative: reverses allocation rev) from receipt rid
 * or credit note cnid to notice nid; audited; notice.paid follows (I1).
 */
static enum kf_rc
alloc_add(struct kf_core *k, int64_t cid, int64_t rid, int64_t cnid,
    int64_t nid, int64_t amount, int64_t rev, const char *action,
    struct kf_err *err)
{
	struct kf_buf b = { 0 };
	struct kf_change ch;
	sqlite3_stmt *st;
	int64_t id, paid, now = kf_core_now(k);
	enum kf_rc rc;

	st = kf_sql(k, SQL_ALLOC_INSERT);
	kf_bind_int(st, ":c", cid);
	bind_opt_id(st, ":r", rid);
	bind_opt_id(st, ":cn", cnid);
	kf_bind_int(st, ":n", nid);
	kf_bind_int(st, ":a", amount);
	kf_bind_int(st, ":at", now);
	bind_opt_id(st, ":rev", rev);
	if ((rc = step_done(k, st, "allocating a payment", err)) != KF_OK)
		return rc;
	id = sqlite3_last_insert_rowid(k->db);
	kf_buf_puts(&b, "{");
	jint(&b, "customer_id", cid);
	jid(&b, "receipt_id", rid);
	jid(&b, "credit_notice_id", cnid);
	jint(&b, "notice_id", nid);
	jint(&b, "amount", amount);
	jint(&b, "at", now);
	jid(&b, "reverses", rev);
	kf_buf_puts(&b, "}");
	rc = kf_audit_append(k, action, "bill_alloc", id, 1, NULL,
	    kf_buf_str(&b), err);
	kf_buf_free(&b);
	if (rc != KF_OK)
		return rc;
	st = kf_sql(k, SQL_PAID);
	kf_bind_int(st, ":id", nid);
	if ((rc = one_int(k, st, &paid, "allocating a payment", err)) != KF_OK)
		return rc;
	ch = (struct kf_change){ "paid", { KF_V_INT, paid + amount, NULL } };
	return kf_rec_update(k, &notice_entity, nid, -1, "notice.paid", &ch, 1,
	    NULL, err);
}

/* Allocates the customer's money to his unpaid notices, oldest first (I2). */
static enum kf_rc
settle(struct kf_core *k, int64_t cid, struct kf_err *err)
{
	sqlite3_stmt *st;
	int64_t nid, need, mid, left;
	enum kf_rc rc;
	int src, kind;

	for (;;) {
		st = kf_sql(k, SQL_OLDEST_UNPAID);
		kf_bind_int(st, ":c", cid);
		src = sqlite3_step(st);
		nid = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		need = src == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
		kf_sql_done(st);
		if (src != SQLITE_ROW)
			return src == SQLITE_DONE ? KF_OK :
			    kf_db_err(k, src, "settling an account", err);
		st = kf_sql(k, SQL_OLDEST_MONEY);
		kf_bind_int(st, ":c", cid);
		src = sqlite3_step(st);
		kind = src == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		mid = src == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
		left = src == SQLITE_ROW ? sqlite3_column_int64(st, 2) : 0;
		kf_sql_done(st);
		if (src != SQLITE_ROW)
			return src == SQLITE_DONE ? KF_OK :
			    kf_db_err(k, src, "settling an account", err);
		if ((rc = alloc_add(k, cid, kind == 0 ? mid : 0,
		    kind == 1 ? mid : 0, nid, need < left ? need : left, 0,
		    "bill.allocate", err)) != KF_OK)
			return rc;
	}
}

/* ---- the company's name ---- */

void
kf_bill_company(struct kf_core *k, char *buf, size_t n)
{
	sqlite3_stmt *st = kf_sql(k, SQL_COMPANY);

	snprintf(buf, n, "%s", "");
	if (sqlite3_step(st) == SQLITE_ROW)
		kf_col_copy(st, 1, buf, n);
	kf_sql_done(st);
}

enum kf_rc
kf_bill_company_set(struct kf_core *k, const char *name, struct kf_err *err)
{
	struct kf_change ch;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t id;

	if ((rc = kf_may(k, KF_ACT_POLICY_SET, 0, err)) != KF_OK ||
	    (rc = kf_check_text(name, "company", 40, true, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_COMPANY);
	if ((rc = one_int(k, st, &id, "reading the company's name", err)) ==
	    KF_OK && id == 0)
		rc = kf_err_set(err, KF_DBERR, "the company's name is missing "
		    "(schema 018)");
	if (rc == KF_OK) {
		ch = (struct kf_change){ "value", { KF_V_TEXT, 0, name } };
		rc = kf_rec_update(k, &setting_entity, id, -1, "bill.company",
		    &ch, 1, NULL, err);
	}
	return kf_tx_end(k, rc, err);
}

/* ---- notice runs ---- */

struct line {
	enum kf_line_kind	 kind;
	int64_t			 amount;
	char			*source;
	int64_t			 ref_id, order_id, adjust_id;
};

struct lines {
	struct line	*v;
	size_t		 n, cap;
};

static void
lines_add(struct lines *l, enum kf_line_kind kind, int64_t amount,
    char *source, int64_t ref, int64_t order, int64_t adjust)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = (struct line){ kind, amount, source, ref, order, adjust };
}

static void
lines_reset(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].source);
	l->n = 0;
}

/* "work order 42: 更换灶具胶管 1 次 x 25.00, …" (R18: the line names it). */
static enum kf_rc
repair_source(struct kf_core *k, int64_t oid, char **out, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_REPAIR_ITEMS);
	struct kf_buf b = { 0 };
	char price[32];
	int src, n = 0;

	kf_buf_printf(&b, "work order %lld:", (long long)oid);
	kf_bind_int(st, ":o", oid);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		kf_money_format(sqlite3_column_int64(st, 3), price,
		    sizeof(price));
		kf_buf_printf(&b, "%s %s %lld %s x %s", n++ ? "," : "",
		    (const char *)sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2), price);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_buf_free(&b);
		return kf_db_err(k, src, "reading a work order's items", err);
	}
	*out = xstrdup(kf_buf_str(&b));
	kf_buf_free(&b);
	return KF_OK;
}

struct run_ctx {
	struct kf_charge_memo *memo;	/* rate.h: shared meters once a run */
	const char	*period;
	int64_t		 run_id, now, due_at, late_per_10000;
	int64_t		 seq;		/* the next number */
	struct lines	 lines;
	struct kf_buf	 audit;
};

/* The lines of customer cid's notice (R18: repairs; adjustments; late fees). */
static enum kf_rc
gather(struct kf_core *k, struct run_ctx *r, int64_t cid, struct kf_err *err)
{
	struct kf_charge *ch = NULL;
	struct kf_change c;
	sqlite3_stmt *st;
	char *src_text = NULL, no[24], owed[32];
	int64_t oid, from, days, fee;
	enum kf_rc rc;
	size_t nch = 0, i;
	int src;

	lines_reset(&r->lines);
	if ((rc = kf_charges_for_memo(k, r->memo, cid, r->period, &ch, &nch,
	    err)) != KF_OK)
		return rc;
	for (i = 0; i < nch; i++)
		if (ch[i].amount != 0)
			lines_add(&r->lines, (enum kf_line_kind)ch[i].kind,
			    ch[i].amount, xstrdup(ch[i].source), ch[i].ref_id,
			    0, 0);
	free(ch);

	st = kf_sql(k, SQL_REPAIRS);
	kf_bind_int(st, ":c", cid);
	kf_bind_int(st, ":now", r->now);
	{
		int64_t ids[64], amounts[64];
		size_t n = 0;

		/* A customer's orders not billed yet: a handful; more wait
		 * for the next notice. */
		while ((src = sqlite3_step(st)) == SQLITE_ROW && n < 64) {
			ids[n] = sqlite3_column_int64(st, 0);
			amounts[n++] = sqlite3_column_int64(st, 1);
		}
		kf_sql_done(st);
		if (src != SQLITE_DONE && src != SQLITE_ROW)
			return kf_db_err(k, src, "reading work orders to bill",
			    err);
		for (i = 0; i < n; i++) {
			oid = ids[i];
			if ((rc = repair_source(k, oid, &src_text, err)) !=
			    KF_OK)
				return rc;
			lines_add(&r->lines, KF_LINE_REPAIR, amounts[i],
			    src_text, oid, oid, 0);
		}
	}

	st = kf_sql(k, SQL_ADJ_PENDING);
	kf_bind_int(st, ":c", cid);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		lines_add(&r->lines, KF_LINE_ADJUST,
		    sqlite3_column_int64(st, 1),
		    xasprintf("adjustment %lld: %s",
		    (long long)sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 2)),
		    sqlite3_column_int64(st, 0), 0,
		    sqlite3_column_int64(st, 0));
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "reading adjustments", err);

	if (r->late_per_10000 == 0)
		return KF_OK;
	/* R15: a late fee for each older notice unpaid past its due day,
	 * for the whole days since then or since its last late fee. */
	{
		struct { int64_t id, owed, from; char no[24]; } late[64];
		size_t n = 0;

		st = kf_sql(k, SQL_LATE);
		kf_bind_int(st, ":c", cid);
		kf_bind_int(st, ":now", r->now);
		while ((src = sqlite3_step(st)) == SQLITE_ROW && n < 64) {
			late[n].id = sqlite3_column_int64(st, 0);
			notice_no(late[n].no, sizeof(late[n].no),
			    (const char *)sqlite3_column_text(st, 1),
			    sqlite3_column_int64(st, 2));
			late[n].owed = sqlite3_column_int64(st, 3);
			from = sqlite3_column_int64(st, 4);
			if (sqlite3_column_int64(st, 5) > from)
				from = sqlite3_column_int64(st, 5);
			late[n++].from = from;
		}
		kf_sql_done(st);
		if (src != SQLITE_DONE && src != SQLITE_ROW)
			return kf_db_err(k, src, "reading overdue notices", err);
		for (i = 0; i < n; i++) {
			days = (r->now - late[i].from) / DAY;
			if (late[i].owed <= 0)
				continue;
			fee = late[i].owed * r->late_per_10000 * days / 10000;
			if (fee <= 0)
				continue;
			snprintf(no, sizeof(no), "%s", late[i].no);
			kf_money_format(late[i].owed, owed, sizeof(owed));
			lines_add(&r->lines, KF_LINE_LATE_FEE, fee,
			    xasprintf("late fee: notice %s, %lld days x "
			    "%lld/10000 of %s", no, (long long)days,
			    (long long)r->late_per_10000, owed), late[i].id, 0,
			    0);
			c = (struct kf_change){ "late_through", { KF_V_INT,
			    late[i].from + days * DAY, NULL } };
			if ((rc = kf_rec_update(k, &notice_entity, late[i].id,
			    -1, "notice.late", &c, 1, NULL, err)) != KF_OK)
				return rc;
		}
	}
	return KF_OK;
}

/* Issues customer cid's notice if he has anything to bill; *issued says. */
static enum kf_rc
issue_one(struct kf_core *k, struct run_ctx *r, int64_t cid, bool *issued,
    int64_t *amount_out, struct kf_err *err)
{
	struct kf_buf *b = &r->audit;
	sqlite3_stmt *st;
	int64_t prev, amount = 0, nid, lid;
	enum kf_rc rc;
	size_t i;

	*issued = false;
	if ((rc = gather(k, r, cid, err)) != KF_OK ||
	    (rc = balance_of(k, cid, &prev, err)) != KF_OK)
		return rc;
	/* Nothing new and nothing owed: no paper. */
	if (r->lines.n == 0 && prev <= 0)
		return KF_OK;
	for (i = 0; i < r->lines.n; i++)
		amount += r->lines.v[i].amount;
	st = kf_sql(k, SQL_NOTICE_INSERT);
	kf_bind_text(st, ":p", r->period);
	kf_bind_int(st, ":s", r->seq);
	kf_bind_int(st, ":c", cid);
	kf_bind_int(st, ":r", r->run_id);
	kf_bind_int(st, ":at", r->now);
	kf_bind_int(st, ":due", r->due_at);
	kf_bind_int(st, ":prev", prev);
	kf_bind_int(st, ":amount", amount);
	kf_bind_int(st, ":total", prev + amount);
	if ((rc = step_done(k, st, "issuing a notice", err)) != KF_OK)
		return rc;
	nid = sqlite3_last_insert_rowid(k->db);
	kf_buf_reset(b);
	kf_buf_puts(b, "{");
	jstr(b, "period", r->period);
	jint(b, "seq", r->seq);
	jint(b, "customer_id", cid);
	jint(b, "run_id", r->run_id);
	jint(b, "issued_at", r->now);
	jint(b, "due_at", r->due_at);
	jint(b, "prev_balance", prev);
	jint(b, "amount", amount);
	jint(b, "total_due", prev + amount);
	jint(b, "paid", 0);
	jint(b, "late_through", 0);
	kf_buf_puts(b, "}");
	if ((rc = kf_audit_append(k, "notice.issue", "notice", nid, 1, NULL,
	    kf_buf_str(b), err)) != KF_OK)
		return rc;
	for (i = 0; i < r->lines.n; i++) {
		const struct line *l = &r->lines.v[i];

		st = kf_sql(k, SQL_LINE_INSERT);
		kf_bind_int(st, ":n", nid);
		kf_bind_int(st, ":k", l->kind);
		kf_bind_int(st, ":a", l->amount);
		kf_bind_text(st, ":s", l->source);
		bind_opt_id(st, ":ref", l->ref_id);
		bind_opt_id(st, ":o", l->order_id);
		bind_opt_id(st, ":adj", l->adjust_id);
		if ((rc = step_done(k, st, "issuing a notice", err)) != KF_OK)
			return rc;
		lid = sqlite3_last_insert_rowid(k->db);
		kf_buf_reset(b);
		kf_buf_puts(b, "{");
		jint(b, "notice_id", nid);
		jint(b, "kind", l->kind);
		jint(b, "amount", l->amount);
		jstr(b, "source", l->source);
		jid(b, "ref_id", l->ref_id);
		jid(b, "order_id", l->order_id);
		jid(b, "adjust_id", l->adjust_id);
		kf_buf_puts(b, "}");
		if ((rc = kf_audit_append(k, "notice.line", "notice_line", lid,
		    1, NULL, kf_buf_str(b), err)) != KF_OK)
			return rc;
	}
	/* Credit held pays the new notice; a credit note pays older ones. */
	if ((prev < 0 && amount > 0) || (amount < 0 && prev > 0))
		if ((rc = settle(k, cid, err)) != KF_OK)
			return rc;
	r->seq++;
	*issued = true;
	*amount_out = amount;
	return KF_OK;
}

/*
 * R13, R15: a run with meters not read for the period would bill their
 * usage twice over next month (two months through the tiers): refused,
 * naming how many and the first few, unless the clerk says so.
 */
/* The meters of community without a reading for period: their count in
 * *n and the first few codes in codes (NULL: not wanted). */
static enum kf_rc
count_unread(struct kf_core *k, const char *period, const char *community,
    int64_t *n, struct kf_buf *codes, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_RUN_UNREAD);
	int src;

	*n = 0;
	kf_bind_text(st, ":c", community);
	kf_bind_text(st, ":p", period);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (codes != NULL && *n < 5)
			kf_buf_printf(codes, "%s%.24s", *n ? ", " : "",
			    (const char *)sqlite3_column_text(st, 0));
		else if (codes != NULL && *n == 5)
			kf_buf_puts(codes, ", ...");
		(*n)++;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "reading the meters not read", err);
	return KF_OK;
}

static enum kf_rc
refuse_unread(struct kf_core *k, const char *period, const char *community,
    struct kf_err *err)
{
	struct kf_buf codes = { 0 };
	int64_t n = 0;
	enum kf_rc rc;

	rc = count_unread(k, period, community, &n, &codes, err);
	if (rc == KF_OK && n > 0) {
		rc = kf_err_set(err, KF_REFUSED, "%lld meter(s) of %.64s have no "
		    "reading for %s (%s): enter them first, or issue without "
		    "readings on purpose (R13, R15)", (long long)n, community,
		    period, kf_buf_str(&codes));
		/* The desk's cue to offer the run without them (F5). */
		kf_err_field(err, "readings");
	}
	kf_buf_free(&codes);
	return rc;
}

enum kf_rc
kf_notice_unread(struct kf_core *k, const char *period, const char *community,
    int64_t *n, struct kf_err *err)
{
	enum kf_rc rc;

	*n = 0;
	if ((rc = kf_may(k, KF_ACT_NOTICE_RUN, 0, err)) != KF_OK ||
	    (rc = kf_bill_period_check(period, err)) != KF_OK ||
	    (rc = kf_check_text(community, "community", 64, true, err)) !=
	    KF_OK)
		return rc;
	return count_unread(k, period, community, n, NULL, err);
}

/* R14 (谁使用谁负担): a shared meter's usage is charged to those who
 * use it; one with usage and nobody to take it would be billed to no
 * one: refused, naming the first. */
static enum kf_rc
refuse_untaken(struct kf_core *k, const char *period, const char *community,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_RUN_UNTAKEN);
	char code[40];
	int64_t n = 0;
	int src;

	code[0] = '\0';
	kf_bind_text(st, ":c", community);
	kf_bind_text(st, ":p", period);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ == 0)
			kf_col_copy(st, 0, code, sizeof(code));
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "reading the shared meters", err);
	if (n == 0)
		return KF_OK;
	return kf_err_set(err, KF_REFUSED, "shared meter %.24s of %.64s has "
	    "usage for %s but nobody takes a part of it (%lld such meter(s)): "
	    "link the units that use it (meter link) (R14)", code, community,
	    period, (long long)n);
}

enum kf_rc
kf_notice_run(struct kf_core *k, const char *period, const char *community,
    struct kf_notice_run *out, struct kf_err *err)
{
	return kf_notice_run_flags(k, period, community, 0, out, err);
}

enum kf_rc
kf_notice_run_flags(struct kf_core *k, const char *period,
    const char *community, unsigned flags, struct kf_notice_run *out,
    struct kf_err *err)
{
	struct run_ctx r = { 0 };
	struct kf_buf b = { 0 };
	sqlite3_stmt *st;
	int64_t *ids = NULL, start, due_days, amount, first;
	size_t n = 0, cap = 0, i;
	char counter[24], doing[80];
	bool issued;
	enum kf_rc rc;
	int src;

	memset(out, 0, sizeof(*out));
	if ((rc = kf_may(k, KF_ACT_NOTICE_RUN, 0, err)) != KF_OK ||
	    (rc = kf_bill_period_check(period, err)) != KF_OK ||
	    (rc = kf_check_text(community, "community", 64, true, err)) !=
	    KF_OK || (rc = period_start(period, &start, err)) != KF_OK)
		return rc;
	r.now = kf_core_now(k);
	if (start > r.now)
		return kf_err_set(err, KF_REFUSED, "period %s has not begun: "
		    "its notices are issued once it has (R15)", period);
	snprintf(doing, sizeof(doing), "a notice run for %.7s by %.40s", period,
	    kf_core_actor_login(k));
	kf_core_doing(k, doing);
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		goto out;
	st = kf_sql(k, SQL_RUN_FIND);
	kf_bind_text(st, ":p", period);
	kf_bind_text(st, ":c", community);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		out->already = true;
		out->run_id = sqlite3_column_int64(st, 0);
		out->issued_at = sqlite3_column_int64(st, 1);
		kf_col_copy(st, 2, out->by, sizeof(out->by));
		out->notices = sqlite3_column_int64(st, 3);
		out->first_seq = sqlite3_column_int64(st, 4);
		out->last_seq = sqlite3_column_int64(st, 5);
		out->total = sqlite3_column_int64(st, 6);
	}
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = kf_db_err(k, src, "reading notice runs", err);
	if (rc != KF_OK || out->already)
		goto end;

	if ((!(flags & KF_RUN_WITHOUT_READINGS) &&
	    (rc = refuse_unread(k, period, community, err)) != KF_OK) ||
	    (rc = refuse_untaken(k, period, community, err)) != KF_OK)
		goto end;
	st = kf_sql(k, SQL_RUN_CUSTOMERS);
	kf_bind_text(st, ":c", community);
	kf_bind_text(st, ":p", period);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		/* R15: billed for the period already elsewhere (he moved
		 * community): left out and reported, not billed twice. */
		if (sqlite3_column_int(st, 1)) {
			if (out->skipped < KF_RUN_SKIPPED_MAX)
				out->skipped_ids[out->skipped_listed++] =
				    sqlite3_column_int64(st, 0);
			out->skipped++;
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "reading the customers to bill", err);
		goto end;
	}
	if (n == 0 && out->skipped == 0) {
		rc = kf_err_set(err, KF_NOTFOUND, "no customers in community "
		    "'%.64s'", community);
		kf_err_field(err, "community");
		goto end;
	}
	/* R12, R15: the run's bill_run row locks period for this community
	 * (kf_bill_period_after_in): its readings and its rates. */
	if ((rc = kf_policy_value(k, "bill.due_days", &due_days, err)) !=
	    KF_OK || (rc = kf_policy_value(k, "bill.late_fee_per_10000",
	    &r.late_per_10000, err)) != KF_OK)
		goto end;
	r.period = period;
	r.memo = kf_charge_memo_new();
	r.due_at = kf_time_day_start(r.now) + (due_days + 1) * DAY - 1;
	st = kf_sql(k, SQL_RUN_INSERT);
	kf_bind_text(st, ":p", period);
	kf_bind_text(st, ":c", community);
	kf_bind_int(st, ":at", r.now);
	kf_bind_int(st, ":by", kf_core_actor_id(k));
	if ((rc = step_done(k, st, "starting a notice run", err)) != KF_OK)
		goto end;
	r.run_id = sqlite3_last_insert_rowid(k->db);
	snprintf(counter, sizeof(counter), "notice:%s", period);
	if ((rc = counter_next(k, counter, &first, err)) != KF_OK)
		goto end;
	r.seq = first;
	for (i = 0; i < n && rc == KF_OK; i++) {
		rc = issue_one(k, &r, ids[i], &issued, &amount, err);
		if (rc == KF_OK && issued) {
			out->notices++;
			out->total += amount;
		}
	}
	if (rc != KF_OK)
		goto end;
	/* The counter already stands at first + 1: give back what went
	 * unused, so the next run continues without a gap. */
	st = kf_sql(k, SQL_COUNTER_SET);
	kf_bind_text(st, ":n", counter);
	kf_bind_int(st, ":v", r.seq);
	if ((rc = step_done(k, st, "numbering notices", err)) != KF_OK)
		goto end;
	out->run_id = r.run_id;
	out->issued_at = r.now;
	snprintf(out->by, sizeof(out->by), "%s", kf_core_actor_login(k));
	out->first_seq = out->notices ? first : 0;
	out->last_seq = out->notices ? r.seq - 1 : 0;
	st = kf_sql(k, SQL_RUN_DONE);
	kf_bind_int(st, ":n", out->notices);
	kf_bind_int(st, ":f", out->first_seq);
	kf_bind_int(st, ":l", out->last_seq);
	kf_bind_int(st, ":t", out->total);
	kf_bind_int(st, ":id", r.run_id);
	if ((rc = step_done(k, st, "finishing a notice run", err)) != KF_OK)
		goto end;
	kf_buf_puts(&b, "{");
	jstr(&b, "period", period);
	jstr(&b, "community", community);
	jint(&b, "issued_at", r.now);
	jint(&b, "issued_by", kf_core_actor_id(k));
	jint(&b, "notices", out->notices);
	jint(&b, "first_seq", out->first_seq);
	jint(&b, "last_seq", out->last_seq);
	jint(&b, "total", out->total);
	kf_buf_puts(&b, "}");
	rc = kf_audit_append(k, "notice.run", "bill_run", r.run_id, 1, NULL,
	    kf_buf_str(&b), err);
end:
	rc = kf_tx_end(k, rc, err);
	if (rc != KF_OK) {
		struct kf_err keep = err ? *err : (struct kf_err){ 0 };

		memset(out, 0, sizeof(*out));
		if (err)
			*err = keep;
	}
out:
	kf_core_doing(k, NULL);
	kf_charge_memo_free(r.memo);
	lines_reset(&r.lines);
	free(r.lines.v);
	kf_buf_free(&r.audit);
	kf_buf_free(&b);
	free(ids);
	return rc;
}

/* ---- notices read ---- */

void
kf_notice_clear(struct kf_notice *n)
{
	size_t i;

	if (n == NULL)
		return;
	free(n->account);
	free(n->name);
	free(n->address);
	for (i = 0; i < n->nlines; i++)
		free(n->lines[i].source);
	free(n->lines);
	memset(n, 0, sizeof(*n));
}

void
kf_notice_list_free(struct kf_notice *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_notice_clear(&v[i]);
	free(v);
}

static void
row_to_notice(sqlite3_stmt *st, struct kf_notice *n)
{
	struct kf_buf a = { 0 };
	const char *p;
	int i;

	memset(n, 0, sizeof(*n));
	n->id = sqlite3_column_int64(st, 0);
	kf_col_copy(st, 1, n->period, sizeof(n->period));
	n->seq = sqlite3_column_int64(st, 2);
	notice_no(n->no, sizeof(n->no), n->period, n->seq);
	n->customer_id = sqlite3_column_int64(st, 3);
	n->run_id = sqlite3_column_int64(st, 4);
	n->issued_at = sqlite3_column_int64(st, 5);
	n->due_at = sqlite3_column_int64(st, 6);
	n->prev_balance = sqlite3_column_int64(st, 7);
	n->amount = sqlite3_column_int64(st, 8);
	n->total_due = sqlite3_column_int64(st, 9);
	n->paid = sqlite3_column_int64(st, 10);
	n->version = sqlite3_column_int64(st, 11);
	n->account = kf_col_strdup(st, 12);
	n->name = kf_col_strdup(st, 13);
	for (i = 14; i <= 18; i++) {
		p = (const char *)sqlite3_column_text(st, i);
		if (p == NULL || *p == '\0')
			continue;
		if (a.len > 0)
			kf_buf_puts(&a, " ");
		kf_buf_puts(&a, p);
	}
	n->address = xstrdup(kf_buf_str(&a));
	kf_buf_free(&a);
}

static enum kf_rc
read_lines(struct kf_core *k, struct kf_notice *n, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_LINES);
	size_t cap = 0;
	int src;

	kf_bind_int(st, ":n", n->id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct kf_notice_line *l;

		if (n->nlines == cap) {
			cap = cap ? 2 * cap : 8;
			n->lines = xrealloc(n->lines, cap * sizeof(*n->lines));
		}
		l = &n->lines[n->nlines++];
		l->id = sqlite3_column_int64(st, 0);
		l->kind = (enum kf_line_kind)sqlite3_column_int(st, 1);
		l->amount = sqlite3_column_int64(st, 2);
		l->source = kf_col_strdup(st, 3);
		l->ref_id = sqlite3_column_int64(st, 4);
	}
	kf_sql_done(st);
	return src == SQLITE_DONE ? KF_OK :
	    kf_db_err(k, src, "reading a notice's lines", err);
}

/* Notice no ("2026-11-000123" or an id) without a permission check. */
static enum kf_rc
notice_load(struct kf_core *k, const char *no, struct kf_notice *n,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	char period[8];
	long long v;
	int src, used = 0;

	memset(n, 0, sizeof(*n));
	if (no != NULL && strlen(no) > 8 && no[7] == '-' &&
	    sscanf(no + 8, "%lld%n", &v, &used) == 1 && no[8 + used] == '\0') {
		memcpy(period, no, 7);
		period[7] = '\0';
		st = kf_sql(k, SQL_NOTICE_BY_NO);
		kf_bind_text(st, ":p", period);
		kf_bind_int(st, ":s", v);
	} else if (no != NULL && sscanf(no, "%lld%n", &v, &used) == 1 &&
	    no[used] == '\0' && v > 0) {
		st = kf_sql(k, SQL_NOTICE_BY_ID);
		kf_bind_int(st, ":id", v);
	} else
		return kf_err_set(err, KF_NOTFOUND, "no fee notice '%.24s' "
		    "(a number is written 2026-11-000123)", no ? no : "");
	if ((src = sqlite3_step(st)) == SQLITE_ROW)
		row_to_notice(st, n);
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return kf_err_set(err, KF_NOTFOUND, "no fee notice '%.24s'", no);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading a fee notice", err);
	return read_lines(k, n, err);
}

enum kf_rc
kf_notice_get(struct kf_core *k, const char *no, struct kf_notice *n,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(n, 0, sizeof(*n));
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK)
		return rc;
	if ((rc = notice_load(k, no, n, err)) != KF_OK)
		kf_notice_clear(n);
	return rc;
}

static enum kf_rc
read_notices(struct kf_core *k, sqlite3_stmt *st, struct kf_notice **out,
    size_t *n, struct kf_err *err)
{
	struct kf_notice *v = NULL;
	size_t len = 0, cap = 0;
	int src;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		row_to_notice(st, &v[len++]);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_notice_list_free(v, len);
		return kf_db_err(k, src, "listing fee notices", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

enum kf_rc
kf_notice_list(struct kf_core *k, const struct kf_notice_filter *f,
    enum kf_page dir, const struct kf_notice *anchor, int limit,
    struct kf_notice **out, size_t *n, struct kf_err *err)
{
	struct kf_notice_filter none = { 0 };
	sqlite3_stmt *st;
	int64_t key = 0, id = anchor ? anchor->id : 0;
	enum kf_rc rc;
	bool back;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK)
		return rc;
	if (f == NULL)
		f = &none;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	back = kf_page_bound(dir, anchor != NULL, false, &key, &id);
	st = kf_sql(k, back ? SQL_NOTICE_PAGE_DOWN : SQL_NOTICE_PAGE_UP);
	kf_bind_int(st, ":id", id);
	bind_opt_text(st, ":p", f->period);
	kf_bind_int(st, ":c", f->customer_id);
	kf_bind_int(st, ":u", f->unpaid_only);
	bind_opt_text(st, ":m", f->community);
	kf_bind_int(st, ":lim", limit);
	if ((rc = read_notices(k, st, out, n, err)) == KF_OK && back)
		kf_page_reverse(*out, *n, sizeof(**out));
	return rc;
}

/* ---- printing (80 columns, CJK two cells) ---- */

#define PAPER	80

/* The width of the character at s (1 for a malformed one) and its bytes. */
static size_t
char_cells(const char *s, int *w)
{
	char one[5];
	unsigned cp;
	bool bad = false;
	size_t len = kf_utf8_decode(s, &cp, &bad);

	memcpy(one, s, len);
	one[len] = '\0';
	*w = bad ? 1 : kf_utf8_width(one);
	return len;
}

/* Appends s cut at width cells, padded with spaces to width (left). */
static const char *
put_cell(struct kf_buf *b, const char *s, int width)
{
	int used = 0, w;
	size_t len;

	while (*s != '\0') {
		len = char_cells(s, &w);
		if (used + w > width)
			break;
		kf_buf_add(b, s, len);
		used += w;
		s += len;
	}
	for (; used < width; used++)
		kf_buf_puts(b, " ");
	return s;
}

/* Appends left and right on one line of PAPER cells. */
static void
put_row(struct kf_buf *b, const char *left, const char *right)
{
	int rw = kf_utf8_width(right);

	put_cell(b, left, PAPER - rw - 1);
	kf_buf_puts(b, " ");
	kf_buf_puts(b, right);
	kf_buf_puts(b, "\n");
}

static void
put_center(struct kf_buf *b, const char *s)
{
	int w = kf_utf8_width(s), i;

	for (i = 0; i < (PAPER - w) / 2; i++)
		kf_buf_puts(b, " ");
	kf_buf_puts(b, s);
	kf_buf_puts(b, "\n");
}

static void
put_rule(struct kf_buf *b, char c)
{
	int i;

	for (i = 0; i < PAPER; i++)
		kf_buf_add(b, &c, 1);
	kf_buf_puts(b, "\n");
}

static void
day_of(int64_t t, char *buf, size_t n)
{
	char full[32];

	kf_time_local(t, full, sizeof(full));
	snprintf(buf, n, "%.10s", full);
}

static void
print_notice(struct kf_core *k, const struct kf_notice *n, struct kf_buf *b)
{
	char company[128], money[32], left[256], day[16];
	const char *rest;
	size_t i;

	kf_bill_company(k, company, sizeof(company));
	put_center(b, company);
	put_center(b, "收 费 通 知 单");
	kf_buf_puts(b, "\n");
	snprintf(left, sizeof(left), "通知单号: %s", n->no);
	snprintf(money, sizeof(money), "账期: %s", n->period);
	put_row(b, left, money);
	snprintf(left, sizeof(left), "户号: %s   户名: %s", n->account, n->name);
	day_of(n->issued_at, day, sizeof(day));
	snprintf(money, sizeof(money), "开具: %s", day);
	put_row(b, left, money);
	snprintf(left, sizeof(left), "地址: %s", n->address);
	put_cell(b, left, PAPER);
	kf_buf_puts(b, "\n");
	put_rule(b, '-');
	put_row(b, "项目         说明", "金额(元)");
	put_rule(b, '-');
	for (i = 0; i < n->nlines; i++) {
		const struct kf_notice_line *l = &n->lines[i];

		kf_money_format(l->amount, money, sizeof(money));
		put_cell(b, kf_line_kind_term(l->kind), 12);
		kf_buf_puts(b, " ");
		rest = put_cell(b, l->source, PAPER - 12 - 1 - 14);
		kf_buf_printf(b, "%14s\n", money);
		/* A long source goes on below, never past the margin. */
		while (*rest != '\0') {
			put_cell(b, "", 13);
			rest = put_cell(b, rest, PAPER - 13 - 14);
			kf_buf_puts(b, "\n");
		}
	}
	put_rule(b, '-');
	kf_money_format(n->amount, money, sizeof(money));
	put_row(b, "本期费用", money);
	kf_money_format(n->prev_balance, money, sizeof(money));
	put_row(b, n->prev_balance < 0 ? "上期结余 (预存)" : "上期欠费", money);
	kf_money_format(n->total_due > 0 ? n->total_due : 0, money,
	    sizeof(money));
	put_row(b, "合计应缴", money);
	if (n->total_due < 0) {
		kf_money_format(-n->total_due, money, sizeof(money));
		put_row(b, "余额结转下期", money);
	}
	day_of(n->due_at, day, sizeof(day));
	snprintf(left, sizeof(left), "请于 %s 前到物业服务中心收费处缴纳。",
	    day);
	kf_buf_puts(b, "\n");
	put_cell(b, left, PAPER);
	kf_buf_puts(b, "\n");
	put_rule(b, '=');
}

enum kf_rc
kf_notice_print(struct kf_core *k, const char *no, struct kf_buf *out,
    struct kf_err *err)
{
	struct kf_notice n;
	enum kf_rc rc;

	if ((rc = kf_notice_get(k, no, &n, err)) != KF_OK)
		return rc;
	print_notice(k, &n, out);
	kf_notice_clear(&n);
	return KF_OK;
}

enum kf_rc
kf_notice_export(struct kf_core *k, const char *period, const char *community,
    FILE *f, size_t *rows, struct kf_err *err)
{
	static const char *const head[] = { "notice", "period", "account",
		"name", "kind", "item", "source", "amount", "notice_amount",
		"prev_balance", "total_due", "due" };
	const char *fields[12];
	char no[24], amount[32], namount[32], prev[32], total[32], due[16],
	    per[8];
	sqlite3_stmt *st;
	enum kf_rc rc;
	bool lineless;
	int src, kind;

	*rows = 0;
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_bill_period_check(period, err)) != KF_OK)
		return rc;
	if (kf_csv_write(f, head, 12) != 0)
		return kf_err_set(err, KF_DBERR, "cannot write the export");
	st = kf_sql(k, SQL_EXPORT);
	kf_bind_text(st, ":p", period);
	bind_opt_text(st, ":m", community);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		kf_col_copy(st, 0, per, sizeof(per));
		notice_no(no, sizeof(no), per, sqlite3_column_int64(st, 1));
		/* A notice without lines (only a balance brought forward)
		 * is one record with the line's fields empty. */
		lineless = sqlite3_column_type(st, 4) == SQLITE_NULL;
		kind = sqlite3_column_int(st, 4);
		if (lineless)
			amount[0] = '\0';
		else
			kf_money_format(sqlite3_column_int64(st, 6), amount,
			    sizeof(amount));
		kf_money_format(sqlite3_column_int64(st, 7), namount,
		    sizeof(namount));
		kf_money_format(sqlite3_column_int64(st, 8), prev, sizeof(prev));
		kf_money_format(sqlite3_column_int64(st, 9), total,
		    sizeof(total));
		day_of(sqlite3_column_int64(st, 10), due, sizeof(due));
		fields[0] = no;
		fields[1] = per;
		fields[2] = (const char *)sqlite3_column_text(st, 2);
		fields[3] = (const char *)sqlite3_column_text(st, 3);
		fields[4] = lineless ? "" :
		    kf_line_kind_name((enum kf_line_kind)kind);
		fields[5] = lineless ? "" :
		    kf_line_kind_term((enum kf_line_kind)kind);
		fields[6] = lineless ? "" :
		    (const char *)sqlite3_column_text(st, 5);
		fields[7] = amount;
		fields[8] = namount;
		fields[9] = prev;
		fields[10] = total;
		fields[11] = due;
		if (kf_csv_write(f, fields, 12) != 0) {
			kf_sql_done(st);
			return kf_err_set(err, KF_DBERR, "cannot write the "
			    "export");
		}
		(*rows)++;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "exporting notices", err);
	return KF_OK;
}

/* ---- adjustments ---- */

enum kf_rc
kf_adjust_add(struct kf_core *k, int64_t cid, int64_t amount,
    const char *reason, int64_t *id, struct kf_err *err)
{
	struct kf_buf b = { 0 };
	sqlite3_stmt *st;
	int64_t aid, now = kf_core_now(k);
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_NOTICE_RUN, 0, err)) != KF_OK)
		return rc;
	if (amount == 0)
		return kf_err_about(err, KF_INVALID, "amount",
		    N_("an adjustment is an amount other than zero"));
	if (amount > MAX_AMOUNT || amount < -MAX_AMOUNT)
		return kf_err_about(err, KF_INVALID, "amount",
		    N_("an adjustment is at most 100,000,000.00 yuan either way "
		    "(the billing desk's limit)"));
	if (reason == NULL || kf_blank(reason))
		return kf_err_about(err, KF_INVALID, "reason",
		    N_("an adjustment needs a reason: say why (R15)"));
	if ((rc = kf_check_text(reason, "reason", 200, true, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = customer_exists(k, cid, err)) != KF_OK)
		goto end;
	st = kf_sql(k, SQL_ADJ_INSERT);
	kf_bind_int(st, ":c", cid);
	kf_bind_int(st, ":a", amount);
	kf_bind_text(st, ":r", reason);
	kf_bind_int(st, ":at", now);
	kf_bind_int(st, ":by", kf_core_actor_id(k));
	if ((rc = step_done(k, st, "adding an adjustment", err)) != KF_OK)
		goto end;
	aid = sqlite3_last_insert_rowid(k->db);
	kf_buf_puts(&b, "{");
	jint(&b, "customer_id", cid);
	jint(&b, "amount", amount);
	jstr(&b, "reason", reason);
	jint(&b, "at", now);
	jint(&b, "staff_id", kf_core_actor_id(k));
	kf_buf_puts(&b, "}");
	rc = kf_audit_append(k, "bill.adjust", "bill_adjust", aid, 1, NULL,
	    kf_buf_str(&b), err);
	if (rc == KF_OK && id != NULL)
		*id = aid;
end:
	kf_buf_free(&b);
	return kf_tx_end(k, rc, err);
}

/* ---- receipts ---- */

void
kf_receipt_clear(struct kf_receipt *r)
{
	if (r == NULL)
		return;
	free(r->account);
	free(r->name);
	free(r->note);
	free(r->void_reason);
	free(r->allocs);
	memset(r, 0, sizeof(*r));
}

static void
row_to_receipt(sqlite3_stmt *st, struct kf_receipt *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->no = sqlite3_column_int64(st, 1);
	r->customer_id = sqlite3_column_int64(st, 2);
	r->amount = sqlite3_column_int64(st, 3);
	r->method = (enum kf_pay_method)sqlite3_column_int(st, 4);
	r->note = kf_col_strdup(st, 5);
	r->taken_at = sqlite3_column_int64(st, 6);
	kf_col_copy(st, 7, r->taken_by, sizeof(r->taken_by));
	r->prints = sqlite3_column_int64(st, 8);
	r->voided_at = sqlite3_column_int64(st, 9);
	kf_col_copy(st, 10, r->voided_by, sizeof(r->voided_by));
	r->void_reason = kf_col_strdup(st, 11);
	r->version = sqlite3_column_int64(st, 12);
	r->account = kf_col_strdup(st, 13);
	r->name = kf_col_strdup(st, 14);
}

/* Receipt no with its allocations, without a permission check. */
static enum kf_rc
receipt_load(struct kf_core *k, int64_t no, struct kf_receipt *r,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_RECEIPT_BY_NO);
	size_t cap = 0;
	char per[8];
	int src;

	memset(r, 0, sizeof(*r));
	kf_bind_int(st, ":no", no);
	if ((src = sqlite3_step(st)) == SQLITE_ROW)
		row_to_receipt(st, r);
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return kf_err_set(err, KF_NOTFOUND, "no receipt %lld",
		    (long long)no);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading a receipt", err);
	st = kf_sql(k, SQL_ALLOCS_OF_RECEIPT);
	kf_bind_int(st, ":r", r->id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct kf_alloc *a;

		if (r->nallocs == cap) {
			cap = cap ? 2 * cap : 4;
			r->allocs = xrealloc(r->allocs, cap * sizeof(*r->allocs));
		}
		a = &r->allocs[r->nallocs++];
		a->id = sqlite3_column_int64(st, 0);
		a->notice_id = sqlite3_column_int64(st, 1);
		kf_col_copy(st, 2, per, sizeof(per));
		notice_no(a->notice_no, sizeof(a->notice_no), per,
		    sqlite3_column_int64(st, 3));
		a->amount = sqlite3_column_int64(st, 4);
	}
	kf_sql_done(st);
	return src == SQLITE_DONE ? KF_OK :
	    kf_db_err(k, src, "reading a receipt", err);
}

enum kf_rc
kf_receipt_get(struct kf_core *k, int64_t no, struct kf_receipt *r,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(r, 0, sizeof(*r));
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK)
		return rc;
	if ((rc = receipt_load(k, no, r, err)) != KF_OK)
		kf_receipt_clear(r);
	return rc;
}

enum kf_rc
kf_payment_take(struct kf_core *k, int64_t cid, int64_t amount,
    enum kf_pay_method method, const char *note, int64_t seen_balance,
    struct kf_receipt *out, struct kf_err *err)
{
	struct kf_buf b = { 0 };
	sqlite3_stmt *st;
	int64_t no, rid, bal, now = kf_core_now(k);
	char shown[32], seen[32];
	enum kf_rc rc;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	/* R19: the billing desk only; technicians collect no cash. */
	if ((rc = kf_may(k, KF_ACT_PAYMENT, 0, err)) != KF_OK)
		return rc;
	if (amount <= 0)
		return kf_err_about(err, KF_INVALID, "amount",
		    N_("a payment is an amount above zero"));
	if (amount > MAX_AMOUNT)
		return kf_err_about(err, KF_INVALID, "amount",
		    N_("a payment is at most 100,000,000.00 yuan (the billing "
		    "desk's limit)"));
	if ((unsigned)method >= KF_PAY_METHOD_COUNT)
		return kf_err_about(err, KF_INVALID, "method",
		    N_("a payment method is cash, card, transfer or mobile"));
	if ((rc = kf_check_text(note, "note", 200, false, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = customer_exists(k, cid, err)) != KF_OK ||
	    (rc = balance_of(k, cid, &bal, err)) != KF_OK)
		goto end;
	/* Two clerks, one customer: the second is told, nothing taken. */
	if (seen_balance != KF_BALANCE_ANY && bal != seen_balance) {
		kf_money_format(bal, shown, sizeof(shown));
		kf_money_format(seen_balance, seen, sizeof(seen));
		rc = kf_err_set(err, KF_CONFLICT, "the account of customer %lld "
		    "changed meanwhile: its balance is %s now, not %s; nothing "
		    "was taken", (long long)cid, shown, seen);
		if (err != NULL) {
			snprintf(err->conflict.entity,
			    sizeof(err->conflict.entity), "customer");
			err->conflict.id = cid;
			snprintf(err->conflict.field,
			    sizeof(err->conflict.field), "balance");
			snprintf(err->conflict.theirs,
			    sizeof(err->conflict.theirs), "%lld",
			    (long long)bal);
			snprintf(err->conflict.yours,
			    sizeof(err->conflict.yours), "%lld",
			    (long long)seen_balance);
		}
		goto end;
	}
	if ((rc = counter_next(k, "receipt", &no, err)) != KF_OK)
		goto end;
	st = kf_sql(k, SQL_RECEIPT_INSERT);
	kf_bind_int(st, ":no", no);
	kf_bind_int(st, ":c", cid);
	kf_bind_int(st, ":a", amount);
	kf_bind_int(st, ":m", method);
	kf_bind_text(st, ":note", note ? note : "");
	kf_bind_int(st, ":at", now);
	kf_bind_int(st, ":by", kf_core_actor_id(k));
	if ((rc = step_done(k, st, "taking a payment", err)) != KF_OK)
		goto end;
	rid = sqlite3_last_insert_rowid(k->db);
	kf_buf_puts(&b, "{");
	jint(&b, "no", no);
	jint(&b, "customer_id", cid);
	jint(&b, "amount", amount);
	jint(&b, "method", method);
	jstr(&b, "note", note ? note : "");
	jint(&b, "taken_at", now);
	jint(&b, "taken_by", kf_core_actor_id(k));
	jint(&b, "prints", 0);
	jid(&b, "voided_at", 0);
	jid(&b, "voided_by", 0);
	jstr(&b, "void_reason", "");
	kf_buf_puts(&b, "}");
	if ((rc = kf_audit_append(k, "payment.take", "receipt", rid, 1, NULL,
	    kf_buf_str(&b), err)) != KF_OK)
		goto end;
	if ((rc = settle(k, cid, err)) != KF_OK)
		goto end;
	if (out != NULL)
		rc = receipt_load(k, no, out, err);
end:
	kf_buf_free(&b);
	rc = kf_tx_end(k, rc, err);
	if (rc != KF_OK && out != NULL)
		kf_receipt_clear(out);
	return rc;
}

static void
print_receipt(struct kf_core *k, const struct kf_receipt *r, bool copy,
    struct kf_buf *b)
{
	char company[128], left[256], right[64], money[32], at[32];
	int64_t applied = 0;
	size_t i;

	kf_bill_company(k, company, sizeof(company));
	put_center(b, company);
	put_center(b, copy ? "收  据  (重打 COPY)" : "收  据");
	kf_buf_puts(b, "\n");
	kf_time_local(r->taken_at, at, sizeof(at));
	snprintf(left, sizeof(left), "收据号: %06lld", (long long)r->no);
	snprintf(right, sizeof(right), "日期: %s", at);
	put_row(b, left, right);
	snprintf(left, sizeof(left), "户号: %s   户名: %s", r->account, r->name);
	put_cell(b, left, PAPER);
	kf_buf_puts(b, "\n");
	put_rule(b, '-');
	kf_money_format(r->amount, money, sizeof(money));
	snprintf(left, sizeof(left), "实收金额 (%s)",
	    kf_pay_method_term(r->method));
	put_row(b, left, money);
	for (i = 0; i < r->nallocs; i++) {
		kf_money_format(r->allocs[i].amount, money, sizeof(money));
		snprintf(left, sizeof(left), "  %s 通知单 %s",
		    r->allocs[i].amount < 0 ? "冲回" : "缴付",
		    r->allocs[i].notice_no);
		put_row(b, left, money);
		applied += r->allocs[i].amount;
	}
	if (r->voided_at == 0 && applied < r->amount) {
		kf_money_format(r->amount - applied, money, sizeof(money));
		put_row(b, "  预存 (结转下期)", money);
	}
	if (r->note != NULL && *r->note) {
		snprintf(left, sizeof(left), "备注: %s", r->note);
		put_cell(b, left, PAPER);
		kf_buf_puts(b, "\n");
	}
	put_rule(b, '-');
	snprintf(left, sizeof(left), "收款人: %s", r->taken_by);
	put_cell(b, left, PAPER);
	kf_buf_puts(b, "\n");
	if (r->voided_at != 0) {
		kf_time_local(r->voided_at, at, sizeof(at));
		snprintf(left, sizeof(left), "作废 VOID %s %s: %s", at,
		    r->voided_by, r->void_reason);
		put_cell(b, left, PAPER);
		kf_buf_puts(b, "\n");
	}
	put_rule(b, '=');
}

enum kf_rc
kf_receipt_render(struct kf_core *k, int64_t no, struct kf_buf *out,
    int64_t *prints, struct kf_err *err)
{
	struct kf_receipt r;
	enum kf_rc rc;

	memset(&r, 0, sizeof(r));
	if (prints != NULL)
		*prints = 0;
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK)
		return rc;
	if ((rc = receipt_load(k, no, &r, err)) == KF_OK) {
		/* As the next print will be: the original until one is
		 * counted (kf_receipt_mark_printed), a copy after. */
		print_receipt(k, &r, r.prints > 0, out);
		if (prints != NULL)
			*prints = r.prints;
	}
	kf_receipt_clear(&r);
	return rc;
}

enum kf_rc
kf_receipt_mark_printed(struct kf_core *k, int64_t no, struct kf_err *err)
{
	struct kf_receipt r;
	struct kf_change ch;
	enum kf_rc rc;

	memset(&r, 0, sizeof(r));
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = receipt_load(k, no, &r, err)) == KF_OK) {
		ch = (struct kf_change){ "prints", { KF_V_INT, r.prints + 1,
		    NULL } };
		rc = kf_rec_update(k, &receipt_entity, r.id, -1,
		    "receipt.print", &ch, 1, NULL, err);
	}
	rc = kf_tx_end(k, rc, err);
	kf_receipt_clear(&r);
	return rc;
}

enum kf_rc
kf_receipt_print(struct kf_core *k, int64_t no, struct kf_buf *out,
    struct kf_err *err)
{
	struct kf_receipt r;
	struct kf_change ch;
	enum kf_rc rc;

	memset(&r, 0, sizeof(r));
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = receipt_load(k, no, &r, err)) == KF_OK) {
		/* The first print is the original; every later one a copy. */
		ch = (struct kf_change){ "prints", { KF_V_INT, r.prints + 1,
		    NULL } };
		rc = kf_rec_update(k, &receipt_entity, r.id, -1,
		    "receipt.print", &ch, 1, NULL, err);
	}
	rc = kf_tx_end(k, rc, err);
	if (rc == KF_OK)
		print_receipt(k, &r, r.prints > 0, out);
	kf_receipt_clear(&r);
	return rc;
}

enum kf_rc
kf_receipt_void(struct kf_core *k, int64_t no, int64_t seen_version,
    const char *reason, struct kf_err *err)
{
	struct kf_receipt r;
	struct kf_change ch[3];
	size_t i;
	enum kf_rc rc;

	memset(&r, 0, sizeof(r));
	/* R19: a supervisor voids, with a reason; nothing is deleted. */
	if ((rc = kf_may(k, KF_ACT_RECEIPT_VOID, 0, err)) != KF_OK)
		return rc;
	if (reason == NULL || kf_blank(reason))
		return kf_err_about(err, KF_INVALID, "reason",
		    N_("a void needs a reason: say why the receipt is voided (R19)"));
	if ((rc = kf_check_text(reason, "reason", 200, true, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = receipt_load(k, no, &r, err)) != KF_OK)
		goto end;
	if (r.voided_at != 0) {
		rc = kf_err_set(err, KF_REFUSED, "receipt %lld is void already "
		    "(by %s): a receipt is voided once (R19)", (long long)no,
		    r.voided_by);
		goto end;
	}
	/* R19, separation of duties: who took the money does not void his
	 * own receipt, even holding the supervisor's role too. */
	if (strcmp(r.taken_by, kf_core_actor_login(k)) == 0) {
		rc = kf_err_set(err, KF_REFUSED, "receipt %lld was taken by you: "
		    "another supervisor voids it (R19, separation of duties)",
		    (long long)no);
		goto end;
	}
	ch[0] = (struct kf_change){ "voided_at", { KF_V_INT, kf_core_now(k),
	    NULL } };
	ch[1] = (struct kf_change){ "voided_by", { KF_V_INT,
	    kf_core_actor_id(k), NULL } };
	ch[2] = (struct kf_change){ "void_reason", { KF_V_TEXT, 0, reason } };
	if ((rc = kf_rec_update(k, &receipt_entity, r.id, seen_version,
	    "receipt.void", ch, 3, NULL, err)) != KF_OK)
		goto end;
	/* Each allocation reversed by its negative; then the customer's
	 * other money is settled again. */
	for (i = 0; i < r.nallocs && rc == KF_OK; i++)
		rc = alloc_add(k, r.customer_id, r.id, 0, r.allocs[i].notice_id,
		    -r.allocs[i].amount, r.allocs[i].id, "bill.reverse", err);
	if (rc == KF_OK)
		rc = settle(k, r.customer_id, err);
end:
	kf_receipt_clear(&r);
	return kf_tx_end(k, rc, err);
}

/* ---- accounts ---- */

void
kf_account_clear(struct kf_account *a)
{
	size_t i;

	if (a == NULL)
		return;
	free(a->account);
	free(a->name);
	free(a->address);
	kf_notice_list_free(a->notices, a->nnotices);
	for (i = 0; i < a->nreceipts; i++)
		kf_receipt_clear(&a->receipts[i]);
	free(a->receipts);
	memset(a, 0, sizeof(*a));
}

enum kf_rc
kf_account_get(struct kf_core *k, int64_t cid, int max_items,
    struct kf_account *a, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	size_t cap = 0;
	int src;

	memset(a, 0, sizeof(*a));
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK)
		return rc;
	if (max_items < 0 || max_items > 1000)
		max_items = 1000;
	a->customer_id = cid;
	if ((rc = customer_names(k, cid, &a->account, &a->name, &a->address,
	    err)) != KF_OK || (rc = balance_of(k, cid, &a->balance, err)) !=
	    KF_OK)
		goto fail;
	st = kf_sql(k, SQL_OWED);
	kf_bind_int(st, ":c", cid);
	if ((rc = one_int(k, st, &a->owed, "reading an account", err)) != KF_OK)
		goto fail;
	a->credit = a->owed - a->balance;
	st = kf_sql(k, SQL_NOTICE_OF_CUSTOMER);
	kf_bind_int(st, ":c", cid);
	kf_bind_int(st, ":lim", max_items);
	if ((rc = read_notices(k, st, &a->notices, &a->nnotices, err)) != KF_OK)
		goto fail;
	st = kf_sql(k, SQL_RECEIPT_OF_CUSTOMER);
	kf_bind_int(st, ":c", cid);
	kf_bind_int(st, ":lim", max_items);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (a->nreceipts == cap) {
			cap = cap ? 2 * cap : 8;
			a->receipts = xrealloc(a->receipts,
			    cap * sizeof(*a->receipts));
		}
		row_to_receipt(st, &a->receipts[a->nreceipts++]);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "reading an account", err);
		goto fail;
	}
	return KF_OK;
fail:
	kf_account_clear(a);
	return rc;
}

/* ---- arrears and chasing ---- */

int
kf_arrears_bucket(int64_t due_at, int64_t now, int64_t *days)
{
	int64_t d;

	if (days != NULL)
		*days = 0;
	if (now <= due_at)
		return -1;
	d = (now - due_at + DAY - 1) / DAY;	/* the first second is day 1 */
	if (days != NULL)
		*days = d;
	return d <= 30 ? 0 : d <= 60 ? 1 : d <= 90 ? 2 : 3;
}

void
kf_arrears_free(struct kf_arrears *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].account);
		free(v[i].name);
		free(v[i].address);
	}
	free(v);
}

static int
arrears_cmp(const void *x, const void *y)
{
	const struct kf_arrears *a = x, *b = y;

	if (a->oldest_days != b->oldest_days)
		return a->oldest_days > b->oldest_days ? -1 : 1;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return a->customer_id < b->customer_id ? -1 : a->customer_id >
	    b->customer_id;
}

int64_t
kf_arrears_count(struct kf_core *k, int64_t now)
{
	sqlite3_stmt *st;
	int64_t n = 0;

	if (kf_may(k, KF_ACT_NOTICE_VIEW, 0, NULL) != KF_OK)
		return 0;
	st = kf_sql(k, SQL_ARREARS_COUNT);
	kf_bind_int(st, ":now", now);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return n;
}

enum kf_rc
kf_arrears_list(struct kf_core *k, const char *community, int64_t now,
    int limit, struct kf_arrears **out, size_t *n, int64_t sum[4],
    struct kf_err *err)
{
	struct kf_arrears *v = NULL, *a;
	sqlite3_stmt *st;
	int64_t cid, days, remind, second;
	size_t len = 0, cap = 0, i;
	enum kf_rc rc;
	int src, bucket;

	*out = NULL;
	*n = 0;
	if (sum != NULL)
		memset(sum, 0, 4 * sizeof(*sum));
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_policy_value(k, "bill.remind_days", &remind, err)) !=
	    KF_OK || (rc = kf_policy_value(k, "bill.second_notice_days",
	    &second, err)) != KF_OK)
		return rc;
	if (limit < 1 || limit > 10000)
		limit = 10000;
	st = kf_sql(k, SQL_ARREARS);
	kf_bind_int(st, ":now", now);
	bind_opt_text(st, ":m", community);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		cid = sqlite3_column_int64(st, 0);
		if (len == 0 || v[len - 1].customer_id != cid) {
			if (len == cap) {
				cap = cap ? 2 * cap : 64;
				v = xrealloc(v, cap * sizeof(*v));
			}
			memset(&v[len], 0, sizeof(v[len]));
			v[len++].customer_id = cid;
		}
		a = &v[len - 1];
		bucket = kf_arrears_bucket(sqlite3_column_int64(st, 1), now,
		    &days);
		if (bucket < 0)
			continue;
		a->bucket[bucket] += sqlite3_column_int64(st, 2);
		a->total += sqlite3_column_int64(st, 2);
		if (sum != NULL)
			sum[bucket] += sqlite3_column_int64(st, 2);
		if (days > a->oldest_days)
			a->oldest_days = days;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(v);
		return kf_db_err(k, src, "listing arrears", err);
	}
	if (len > 1)
		qsort(v, len, sizeof(*v), arrears_cmp);
	if (len > (size_t)limit)
		len = (size_t)limit;
	for (i = 0; i < len; i++) {
		a = &v[i];
		a->step = a->oldest_days >= second ? KF_ARREARS_SECOND :
		    a->oldest_days >= remind ? KF_ARREARS_REMIND :
		    KF_ARREARS_NONE;
		if ((rc = customer_names(k, a->customer_id, &a->account,
		    &a->name, &a->address, err)) != KF_OK)
			break;
		st = kf_sql(k, SQL_CHASE_STATS);
		kf_bind_int(st, ":c", a->customer_id);
		if ((src = sqlite3_step(st)) == SQLITE_ROW) {
			a->chases = sqlite3_column_int64(st, 0);
			a->last_chase_at = sqlite3_column_int64(st, 1);
		}
		kf_sql_done(st);
		if (src != SQLITE_ROW) {
			rc = kf_db_err(k, src, "listing arrears", err);
			break;
		}
	}
	if (rc != KF_OK) {
		for (; i < len; i++)	/* the rest hold no strings yet */
			v[i].account = v[i].name = v[i].address = NULL;
		kf_arrears_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return KF_OK;
}

void
kf_chase_free(struct kf_chase *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].answer);
		free(v[i].next_step);
	}
	free(v);
}

enum kf_rc
kf_chase_add(struct kf_core *k, int64_t cid, enum kf_chase_method method,
    const char *answer, const char *next_step, int64_t next_at, int64_t *id,
    struct kf_err *err)
{
	struct kf_buf b = { 0 };
	sqlite3_stmt *st;
	int64_t owed, hid, now = kf_core_now(k);
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_ARREARS, 0, err)) != KF_OK)
		return rc;
	if ((unsigned)method >= KF_CHASE_METHOD_COUNT)
		return kf_err_about(err, KF_INVALID, "method",
		    N_("a chasing method is phone, visit, letter, sms or "
		    "second-notice"));
	if ((rc = kf_check_text(answer, "answer", 500, true, err)) != KF_OK ||
	    (rc = kf_check_text(next_step, "next_step", 200, true, err)) !=
	    KF_OK)
		return rc;
	if (next_at != 0 && next_at < now)
		return kf_err_about(err, KF_INVALID, "next_at",
		    N_("the next step is not due in the past"));
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = customer_exists(k, cid, err)) != KF_OK)
		goto end;
	st = kf_sql(k, SQL_OVERDUE);
	kf_bind_int(st, ":c", cid);
	kf_bind_int(st, ":now", now);
	if ((rc = one_int(k, st, &owed, "reading arrears", err)) != KF_OK)
		goto end;
	if (owed <= 0) {
		rc = kf_err_set(err, KF_REFUSED, "customer %lld owes nothing "
		    "overdue: only unpaid fees are chased (R15)",
		    (long long)cid);
		goto end;
	}
	st = kf_sql(k, SQL_CHASE_INSERT);
	kf_bind_int(st, ":c", cid);
	kf_bind_int(st, ":at", now);
	kf_bind_int(st, ":by", kf_core_actor_id(k));
	kf_bind_int(st, ":m", method);
	kf_bind_text(st, ":a", answer);
	kf_bind_text(st, ":s", next_step);
	bind_opt_id(st, ":nx", next_at);
	kf_bind_int(st, ":o", owed);
	if ((rc = step_done(k, st, "recording chasing", err)) != KF_OK)
		goto end;
	hid = sqlite3_last_insert_rowid(k->db);
	kf_buf_puts(&b, "{");
	jint(&b, "customer_id", cid);
	jint(&b, "at", now);
	jint(&b, "staff_id", kf_core_actor_id(k));
	jint(&b, "method", method);
	jstr(&b, "answer", answer);
	jstr(&b, "next_step", next_step);
	jid(&b, "next_at", next_at);
	jint(&b, "owed", owed);
	kf_buf_puts(&b, "}");
	rc = kf_audit_append(k, "arrears.chase", "chase", hid, 1, NULL,
	    kf_buf_str(&b), err);
	if (rc == KF_OK && id != NULL)
		*id = hid;
end:
	kf_buf_free(&b);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_chase_list(struct kf_core *k, int64_t cid, struct kf_chase **out,
    size_t *n, struct kf_err *err)
{
	struct kf_chase *v = NULL, *h;
	sqlite3_stmt *st;
	size_t len = 0, cap = 0;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_NOTICE_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_CHASES);
	kf_bind_int(st, ":c", cid);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 8;
			v = xrealloc(v, cap * sizeof(*v));
		}
		h = &v[len++];
		memset(h, 0, sizeof(*h));
		h->id = sqlite3_column_int64(st, 0);
		h->customer_id = sqlite3_column_int64(st, 1);
		h->at = sqlite3_column_int64(st, 2);
		kf_col_copy(st, 3, h->by, sizeof(h->by));
		h->method = (enum kf_chase_method)sqlite3_column_int(st, 4);
		h->answer = kf_col_strdup(st, 5);
		h->next_step = kf_col_strdup(st, 6);
		h->next_at = sqlite3_column_int64(st, 7);
		h->owed = sqlite3_column_int64(st, 8);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_chase_free(v, len);
		return kf_db_err(k, src, "reading chasing", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}
