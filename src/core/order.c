/*
 * order.c — repair work orders (see include/kefu/order.h).
 *
 * Design note. Every move of the state table (moves[] below, run by the
 * state-table engine of fsm.c) is one transaction: read the order inside
 * it, check the move against the table (the states it leaves from, who
 * makes it, the rule that refuses it), let the move's function check
 * what only it knows and name the changed fields, then write them
 * through the versioned update engine (rec.c), which also writes the
 * audit row and refuses a change to a field someone else changed since
 * seen_version (two dispatchers assigning at once: the second is told
 * who won). The
 * deadline is computed once, at report time, from the category's policy
 * and stored twice: deadline_at for ever, due_at only while the clock
 * runs (NULL once met, closed or cancelled), so the board and "overdue"
 * read small partial indexes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include "internal.h"
#include "kefu/callback.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/policy.h"

#define OPEN_STATE	KF_ORDER_STATE_CLOSED	/* state < this: open */
/* The SQL says "state < 6" as the partial indexes of schema/010 do. */
_Static_assert(KF_ORDER_STATE_CLOSED == 6, "state < 6 in the SQL is KF_ORDER_STATE_CLOSED");

/* The names of categories and states: see struct kf_order_name. */
static const struct kf_order_name cats[KF_ORDER_CAT_COUNT] = {
	[KF_ORDER_CAT_EQUIPMENT] = { "equipment", N_("Gas equipment"), N_("Gas"),
	    "燃气设施维修" },
	[KF_ORDER_CAT_PIPE] = { "pipe", N_("Pipeline"), N_("Pipe"), "管网故障" },
	[KF_ORDER_CAT_PIPE_MAJOR] = { "pipe-major", N_("Pipeline, major"),
	    N_("Pipe, major"), "管网重大故障" },
	[KF_ORDER_CAT_INDOOR] = { "indoor", N_("Indoor repair"), N_("Indoor"),
	    "户内维修" },
	[KF_ORDER_CAT_PAID] = { "paid", N_("Paid service"), N_("Paid"), "有偿服务" },
};
static const struct kf_order_name states[KF_ORDER_STATE_COUNT] = {
	[KF_ORDER_STATE_REPORTED] = { "reported", N_("reported"), N_("reported"), NULL },
	[KF_ORDER_STATE_ACKED] = { "acknowledged", N_("acknowledged"),
	    N_("acknowledged"), NULL },
	[KF_ORDER_STATE_DISPATCHED] = { "dispatched", N_("dispatched"),
	    N_("dispatched"), NULL },
	[KF_ORDER_STATE_ON_SITE] = { "on-site", N_("on-site"), N_("on-site"), NULL },
	[KF_ORDER_STATE_DONE] = { "done", N_("done"), N_("done"), NULL },
	[KF_ORDER_STATE_SIGNED] = { "signed", N_("signed"), N_("signed"), NULL },
	[KF_ORDER_STATE_CLOSED] = { "closed", N_("closed"), N_("closed"), NULL },
	[KF_ORDER_STATE_CANCELLED] = { "cancelled", N_("cancelled"), N_("cancelled"),
	    NULL },
};
static const struct kf_order_name unknown_name = { "?", "?", "?", "?" };

static const char SQL_INSERT[] =
    "INSERT INTO work_order (reported_at, reported_by, contact_id, "
    "customer_id, address, community, building, contact_name, contact_phone, "
    "fault, fee_code, category, emergency, paperwork_pending, needs_approval, "
    "appointment_at, deadline_at, deadline_on_arrival, due_at, entered_at) "
    "VALUES (:at, :by, :contact, :cust, :addr, :comm, :bldg, :cname, "
    ":cphone, :fault, :fee, :cat, :emerg, :paper, :approval, :appt, "
    ":deadline, :onarr, :deadline, :entered)";
/* An order with the display name and login of its technician ("" when
 * none): one LEFT JOIN on the staff key, so work_order stays the outer
 * loop and keeps its index. Columns are qualified: staff has id too. */
#define COLS "SELECT w.id, w.reported_at, w.reported_by, w.contact_id, " \
    "w.customer_id, w.address, w.community, w.building, w.contact_name, " \
    "w.contact_phone, w.fault, w.fee_code, w.category, w.state, " \
    "w.emergency, w.paperwork_pending, w.needs_approval, w.approved_by, " \
    "w.approved_at, w.appointment_at, w.deadline_at, " \
    "w.deadline_on_arrival, w.acked_at, w.acked_by, w.technician_id, " \
    "w.dispatched_at, w.dispatched_by, w.arrived_at, w.work_done, " \
    "w.materials, w.materials_note, w.done_at, w.signed_name, " \
    "w.signed_at, w.closed_at, w.cancel_reason, w.amount_due, w.version, " \
    "w.entered_at, coalesce(t.display_name, ''), coalesce(t.login, '') " \
    "FROM work_order w LEFT JOIN staff t ON t.id = w.technician_id "
static const char SQL_GET[] = COLS "WHERE w.id = :id";
/*
 * The lists: each reads one index in (deadline_at, id) order from the
 * keyset anchor (:ad, :aid); the filters left are cheap tests on those
 * rows. Two statements each: forwards after the anchor (FROM is "after
 * (deadline, id - 1)"), backwards before it (reversed in C).
 */
#define FILTERS "AND (:state < 0 OR w.state = :state) " \
    "AND (:cat < 0 OR w.category = :cat) " \
    "AND (:tech = 0 OR w.technician_id = :tech) "
#define PAGES(where) { \
    COLS where FILTERS "AND (w.deadline_at, w.id) > (:ad, :aid) " \
    "ORDER BY w.deadline_at, w.id LIMIT :n", \
    COLS where FILTERS "AND (w.deadline_at, w.id) < (:ad, :aid) " \
    "ORDER BY w.deadline_at DESC, w.id DESC LIMIT :n" }
enum { FWD, BACK };
static const char *const SQL_LIST_OPEN[2] = PAGES("WHERE w.state < 6 ");
static const char *const SQL_LIST_ALL[2] = PAGES("WHERE 1 ");
static const char *const SQL_LIST_TECH[2] = PAGES(
    "WHERE w.technician_id = :tech AND w.state < 6 ");
static const char *const SQL_LIST_TECH_ALL[2] = PAGES(
    "WHERE w.technician_id = :tech ");
/* Overdue: due_at passed (due_at = deadline_at while it runs); "state <
 * 6" lets it read the small open-orders index, in the board's order. */
static const char *const SQL_LIST_OVERDUE[2] = PAGES(
    "WHERE w.state < 6 AND w.due_at IS NOT NULL AND w.due_at < :now ");
#undef PAGES
static const char SQL_OVERDUE_COUNT[] =
    "SELECT count(*) FROM work_order WHERE due_at IS NOT NULL AND due_at < :now "
    "AND (:tech = 0 OR technician_id = :tech)";
/* The board's header: one pass over the open orders the filter keeps. */
static const char SQL_COUNTS[] =
    "SELECT count(*), coalesce(sum(due_at < :now), 0), "
    "coalesce(sum(due_at >= :now AND due_at <= :soon), 0) FROM work_order "
    "WHERE state < 6 AND (:state < 0 OR state = :state) "
    "AND (:cat < 0 OR category = :cat) "
    "AND (:tech = 0 OR technician_id = :tech) "
    "AND (:overdue = 0 OR due_at < :now)";
/* Open orders: state < 6 (before closed), as the partial indexes say it
 * (a bound parameter would not let SQLite use them). */
static const char SQL_ON_HIS_ORDER[] =
    "SELECT 1 FROM work_order WHERE technician_id = :t AND state < 6 "
    "AND customer_id = :c LIMIT 1";
static const char SQL_MY_OPEN[] =
    "SELECT id FROM work_order WHERE technician_id = :tech AND state < 6 "
    "ORDER BY id LIMIT :n";
static const char SQL_NEAR_ADDRESS[] = COLS
    "WHERE w.address = :a AND w.state < 6 ORDER BY w.deadline_at, w.id "
    "LIMIT :n";
static const char SQL_NEAR_BUILDING[] = COLS
    "WHERE w.community = :c AND w.building = :b AND w.state < 6 "
    "ORDER BY w.deadline_at, w.id LIMIT :n";
static const char SQL_NEAR_COMMUNITY[] = COLS
    "WHERE w.community = :c AND w.state < 6 ORDER BY w.deadline_at, w.id "
    "LIMIT :n";
/* A household's history (schema/013: by customer, newest first). */
static const char SQL_OF_CUSTOMER[] = COLS
    "WHERE w.customer_id = :c AND (:tech = 0 OR w.technician_id = :tech) "
    "ORDER BY w.reported_at DESC, w.id DESC LIMIT :n";
#undef COLS
#undef FILTERS

static const char SQL_CUSTOMER[] =
    "SELECT community, building, unit, room, address FROM customer "
    "WHERE id = :id";
static const char SQL_CONTACT_EXISTS[] = "SELECT 1 FROM contact WHERE id = :id";
static const char SQL_CUSTOMER_EXISTS[] =
    "SELECT 1 FROM customer WHERE id = :id";
static const char SQL_CUSTOMER_PHONES[] =
    "SELECT phones FROM customer WHERE id = :id";
static const char SQL_REPORTER[] =
    "INSERT OR IGNORE INTO order_reporter (order_id, contact_id) "
    "VALUES (:o, :c)";
static const char SQL_STAFF[] =
    "SELECT roles, disabled FROM staff WHERE id = :id";
static const char SQL_TECHS[] =
    "SELECT id, login, display_name, roles FROM staff WHERE disabled = 0 "
    "ORDER BY display_name, login";
static const char SQL_LOAD[] =
    "SELECT technician_id, count(*) FROM work_order WHERE state < 6 AND "
    "technician_id IS NOT NULL GROUP BY technician_id";

static const char SQL_ITEM_INSERT[] =
    "INSERT INTO order_item (order_id, fee_id, code, name, unit, unit_price, "
    "quantity, amount, list_price, audit_state, off_list_note) VALUES (:o, "
    ":f, :code, :name, :unit, :price, :qty, :amount, :list, :audit, :note)";
/* list_price is NULL only for an item a migration could not date. */
#define ICOLS "SELECT i.id, i.order_id, i.code, i.name, i.unit, i.unit_price, " \
    "coalesce(i.list_price, i.unit_price), i.quantity, i.amount, " \
    "i.corrected, i.version, i.audit_state, i.off_list_note, " \
    "i.audit_reason, coalesce((SELECT s.login FROM staff AS s WHERE " \
    "s.id = i.audited_by), ''), coalesce(i.audited_at, 0), " \
    "coalesce((SELECT l.notice_id FROM notice_line AS l WHERE " \
    "l.order_id = i.order_id), 0) FROM order_item i "
static const char SQL_ITEMS[] = ICOLS "WHERE i.order_id = :o ORDER BY i.id";
static const char SQL_ITEM[] = ICOLS "WHERE i.id = :id";
/* R17: off-list prices not reviewed, of orders not cancelled. */
static const char SQL_FLAGGED[] = ICOLS
    "JOIN work_order AS w ON w.id = i.order_id WHERE i.audit_state = 1 AND "
    "w.state != 7 ORDER BY i.id DESC LIMIT :n";
static const char SQL_REVIEWED[] = ICOLS
    "WHERE i.audited_at IS NOT NULL ORDER BY i.audited_at DESC, i.id DESC "
    "LIMIT :n";
#undef ICOLS
static const char SQL_REPORTERS[] =
    "SELECT contact_id FROM order_reporter WHERE order_id = :o";
static const char SQL_OF_CONTACT[] =
    "SELECT order_id FROM order_reporter WHERE contact_id = :c "
    "ORDER BY order_id LIMIT :n";
static const char SQL_TOTAL[] =
    "SELECT coalesce(sum(amount), 0) FROM order_item WHERE order_id = :o";

static const char SQL_VERSION[] = "SELECT version FROM work_order WHERE id = :id";
static const char SQL_BUMP[] =
    "UPDATE work_order SET version = :v WHERE id = :id";
#define FIELD(f) { #f, "SELECT " #f " FROM work_order WHERE id = :id", \
    "UPDATE work_order SET " #f " = :v WHERE id = :id", false }
static const struct kf_field order_fields[] = {
	FIELD(state), FIELD(acked_at), FIELD(acked_by), FIELD(technician_id),
	FIELD(dispatched_at), FIELD(dispatched_by), FIELD(arrived_at),
	FIELD(work_done), FIELD(materials), FIELD(materials_note),
	FIELD(done_at), FIELD(signed_name), FIELD(signed_at), FIELD(closed_at),
	FIELD(cancel_reason), FIELD(amount_due), FIELD(due_at),
	FIELD(approved_by), FIELD(approved_at), FIELD(customer_id),
	FIELD(contact_name), FIELD(contact_phone), FIELD(address), FIELD(fault),
	FIELD(paperwork_pending), FIELD(community), FIELD(building),
};
#undef FIELD
static const struct kf_entity order_entity = {
	"work_order", SQL_VERSION, SQL_BUMP, order_fields,
	(int)(sizeof(order_fields) / sizeof(order_fields[0])),
};

static const char SQL_IVERSION[] =
    "SELECT version FROM order_item WHERE id = :id";
static const char SQL_IBUMP[] =
    "UPDATE order_item SET version = :v WHERE id = :id";
#define IFIELD(f) { #f, "SELECT " #f " FROM order_item WHERE id = :id", \
    "UPDATE order_item SET " #f " = :v WHERE id = :id", false }
static const struct kf_field item_fields[] = {
	IFIELD(unit_price), IFIELD(amount), IFIELD(corrected),
	IFIELD(audit_state), IFIELD(audit_reason), IFIELD(audited_by),
	IFIELD(audited_at),
};
#undef IFIELD
static const struct kf_entity item_entity = {
	"order_item", SQL_IVERSION, SQL_IBUMP, item_fields,
	(int)(sizeof(item_fields) / sizeof(item_fields[0])),
};

/* ---- names ---- */

const struct kf_order_name *
kf_order_cat_info(enum kf_order_cat c)
{
	return (unsigned)c < KF_ORDER_CAT_COUNT ? &cats[c] : &unknown_name;
}

const struct kf_order_name *
kf_order_state_info(enum kf_order_state s)
{
	return (unsigned)s < KF_ORDER_STATE_COUNT ? &states[s] : &unknown_name;
}

const char *
kf_order_cat_name(enum kf_order_cat c)
{
	return kf_order_cat_info(c)->key;
}

const char *
kf_order_cat_label(enum kf_order_cat c)
{
	return kf_order_cat_info(c)->term;
}

enum kf_rc
kf_order_cat_parse(const char *s, enum kf_order_cat *c, struct kf_err *err)
{
	int i;

	for (i = 0; s != NULL && i < KF_ORDER_CAT_COUNT; i++)
		if (strcmp(s, cats[i].key) == 0 || strcmp(s, cats[i].term) == 0) {
			*c = (enum kf_order_cat)i;
			return KF_OK;
		}
	kf_err_set(err, KF_INVALID, "unknown category '%.20s' (equipment, "
	    "pipe, pipe-major, indoor, paid)", s ? s : "");
	kf_err_field(err, "category");
	return KF_INVALID;
}

const char *
kf_order_state_name(enum kf_order_state s)
{
	return kf_order_state_info(s)->key;
}

enum kf_rc
kf_order_state_parse(const char *s, enum kf_order_state *st,
    struct kf_err *err)
{
	int i;

	for (i = 0; s != NULL && i < KF_ORDER_STATE_COUNT; i++)
		if (strcmp(s, states[i].key) == 0) {
			*st = (enum kf_order_state)i;
			return KF_OK;
		}
	kf_err_set(err, KF_INVALID, "unknown state '%.20s'", s ? s : "");
	kf_err_field(err, "state");
	return KF_INVALID;
}

/* ---- reading ---- */

int64_t
kf_order_met_at(const struct kf_order *o)
{
	return o->deadline_on_arrival ? o->arrived_at : o->done_at;
}

bool
kf_order_clock_runs(const struct kf_order *o)
{
	return o->state < OPEN_STATE && kf_order_met_at(o) == 0;
}

bool
kf_order_overdue(const struct kf_order *o, int64_t now)
{
	return kf_order_clock_runs(o) && now > o->deadline_at;
}

void
kf_order_clear(struct kf_order *o)
{
	if (o == NULL)
		return;
	free(o->address);
	free(o->community);
	free(o->building);
	free(o->contact_name);
	free(o->contact_phone);
	free(o->fault);
	free(o->fee_code);
	free(o->work_done);
	free(o->materials_note);
	free(o->signed_name);
	free(o->cancel_reason);
	free(o->technician_name);
	free(o->technician_login);
	memset(o, 0, sizeof(*o));
}

static int64_t
col_opt(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, i);
}

static void
row_to_order(sqlite3_stmt *st, void *rec)
{
	struct kf_order *o = rec;

	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(st, 0);
	o->reported_at = sqlite3_column_int64(st, 1);
	o->reported_by = sqlite3_column_int64(st, 2);
	o->contact_id = col_opt(st, 3);
	o->customer_id = col_opt(st, 4);
	o->address = kf_col_strdup(st, 5);
	o->community = kf_col_strdup(st, 6);
	o->building = kf_col_strdup(st, 7);
	o->contact_name = kf_col_strdup(st, 8);
	o->contact_phone = kf_col_strdup(st, 9);
	o->fault = kf_col_strdup(st, 10);
	o->fee_code = kf_col_strdup(st, 11);
	o->category = (enum kf_order_cat)sqlite3_column_int(st, 12);
	o->state = (enum kf_order_state)sqlite3_column_int(st, 13);
	o->emergency = sqlite3_column_int(st, 14) != 0;
	o->paperwork_pending = sqlite3_column_int(st, 15) != 0;
	o->needs_approval = sqlite3_column_int(st, 16) != 0;
	o->approved_by = col_opt(st, 17);
	o->approved_at = col_opt(st, 18);
	o->appointment_at = col_opt(st, 19);
	o->deadline_at = sqlite3_column_int64(st, 20);
	o->deadline_on_arrival = sqlite3_column_int(st, 21) != 0;
	o->acked_at = col_opt(st, 22);
	o->acked_by = col_opt(st, 23);
	o->technician_id = col_opt(st, 24);
	o->dispatched_at = col_opt(st, 25);
	o->dispatched_by = col_opt(st, 26);
	o->arrived_at = col_opt(st, 27);
	o->work_done = kf_col_strdup(st, 28);
	o->materials = (enum kf_order_material)sqlite3_column_int(st, 29);
	o->materials_note = kf_col_strdup(st, 30);
	o->done_at = col_opt(st, 31);
	o->signed_name = kf_col_strdup(st, 32);
	o->signed_at = col_opt(st, 33);
	o->closed_at = col_opt(st, 34);
	o->cancel_reason = kf_col_strdup(st, 35);
	o->amount_due = sqlite3_column_int64(st, 36);
	o->version = sqlite3_column_int64(st, 37);
	o->entered_at = col_opt(st, 38);
	o->technician_name = kf_col_strdup(st, 39);
	o->technician_login = kf_col_strdup(st, 40);
}

/* Without a permission check (inside the core's transactions). */
static enum kf_rc
load(struct kf_core *k, int64_t id, struct kf_order *o, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_GET);
	enum kf_rc rc = KF_OK;
	int src;

	memset(o, 0, sizeof(*o));
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_order(st, o);
	else if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no work order %lld",
		    (long long)id);
	else
		rc = kf_db_err(k, src, "reading a work order", err);
	kf_sql_done(st);
	return rc;
}

/*
 * A technician and nothing more that sees all orders: he sees his own
 * only (R54).
 */
bool
kf_order_own_only(const struct kf_core *k)
{
	unsigned r = kf_core_actor_roles(k);

	return (r & KF_ROLE_TECHNICIAN) && !(r & (KF_ROLE_DISPATCHER |
	    KF_ROLE_SUPERVISOR | KF_ROLE_ADMIN | KF_ROLE_RECEPTION |
	    KF_ROLE_BILLING));
}

static enum kf_rc
not_yours(struct kf_err *err, int64_t id)
{
	return kf_err_set(err, KF_DENIED, "work order %lld is not yours: a "
	    "technician sees his own orders only (R54)", (long long)id);
}

enum kf_rc
kf_order_get(struct kf_core *k, int64_t id, struct kf_order *o,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(o, 0, sizeof(*o));
	if ((rc = kf_may(k, KF_ACT_ORDER_VIEW, 0, err)) != KF_OK ||
	    (rc = load(k, id, o, err)) != KF_OK)
		return rc;
	if (kf_order_own_only(k) && o->technician_id != kf_core_actor_id(k)) {
		kf_order_clear(o);
		return not_yours(err, id);
	}
	return KF_OK;
}

/* ---- checks ---- */

/* The core's text rule (kf_check_text); NULL counts as "". */
static enum kf_rc
text(const char *s, const char *field, size_t max, bool required,
    struct kf_err *err)
{
	return kf_check_text(s, field, max, required, err);
}

/*
 * R20: whom to see and how to reach them. A phone always, from the
 * customer register or typed (a customer on file with no phone is no
 * way to reach anyone, issue 11); and the customer or a contact person.
 */
static bool
paperwork_complete(int64_t customer_id, const char *name, const char *phone)
{
	return phone != NULL && !kf_blank(phone) &&
	    (customer_id != 0 || (name != NULL && !kf_blank(name)));
}

/* Why paperwork_complete is false, naming the field (R20, R9). */
static enum kf_rc
paperwork_missing(int64_t customer_id, struct kf_err *err)
{
	if (customer_id != 0)
		return kf_err_about(err, KF_INVALID, "contact_phone",
		    N_("a contact phone is required (R20): the customer on "
		    "file has none; give the caller's number"));
	return kf_err_about(err, KF_INVALID, "customer",
	    N_("name the customer, or a contact person and phone (R20); "
	    "an emergency may be dispatched first (R9)"));
}

/*
 * The deadline of an order reported at `at` (see the header): from the
 * category's policy, or the appointment where one was agreed.
 */
static enum kf_rc
deadline(struct kf_core *k, const struct kf_order *o, int64_t *when,
    bool *on_arrival, struct kf_err *err)
{
	static const char *const policy[KF_ORDER_CAT_COUNT] = {
		"repair.arrive_within", "pipeline.ordinary_within",
		"pipeline.major_within", "indoor.arrive_within",
		"paid.arrive_within",
	};
	int64_t within;
	enum kf_rc rc;

	*on_arrival = o->category != KF_ORDER_CAT_PIPE &&
	    o->category != KF_ORDER_CAT_PIPE_MAJOR;
	if (*on_arrival && o->appointment_at != 0) {
		*when = o->appointment_at;	/* R2, R20, R22 */
		return KF_OK;
	}
	if ((rc = kf_policy_value(k, policy[o->category], &within, err)) !=
	    KF_OK)
		return rc;
	*when = o->reported_at + within;
	return KF_OK;
}

/* ---- reporting ---- */

static enum kf_rc
exists(struct kf_core *k, const char *sql, int64_t id)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	int src;

	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	kf_sql_done(st);
	return src == SQLITE_ROW ? KF_OK : KF_NOTFOUND;
}

static enum kf_rc
link_reporter(struct kf_core *k, int64_t order, int64_t contact,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_REPORTER);
	int src;

	kf_bind_int(st, ":o", order);
	kf_bind_int(st, ":c", contact);
	src = sqlite3_step(st);
	kf_sql_done(st);
	return src == SQLITE_DONE ? KF_OK :
	    kf_db_err(k, src, "linking a caller", err);
}

/* The customer's address parts, where the order gave none. */
static enum kf_rc
customer_address(struct kf_core *k, struct kf_order *o, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_CUSTOMER);
	enum kf_rc rc = KF_OK;
	int src;

	kf_bind_int(st, ":id", o->customer_id);
	if ((src = sqlite3_step(st)) != SQLITE_ROW)
		rc = kf_err_about(err, KF_NOTFOUND, "customer",
		    N_("no such customer"));
	else {
		/* The same one-line form Reception and the CLI store, so
		 * the duplicate check compares like with like. */
		struct kf_customer cu = { 0 };

		cu.community = kf_col_strdup(st, 0);
		cu.building = kf_col_strdup(st, 1);
		cu.unit = kf_col_strdup(st, 2);
		cu.room = kf_col_strdup(st, 3);
		cu.address = kf_col_strdup(st, 4);
		if (o->address == NULL || kf_blank(o->address)) {
			free(o->address);
			o->address = kf_customer_address(&cu);
		}
		if (o->community == NULL || *o->community == '\0') {
			free(o->community);
			o->community = xstrdup(cu.community);
		}
		if (o->building == NULL || *o->building == '\0') {
			free(o->building);
			o->building = xstrdup(cu.building);
		}
		kf_customer_clear(&cu);
	}
	kf_sql_done(st);
	return rc;
}

/*
 * How far back an order may be reported (R9: a repair done first is
 * registered after): no earlier than the policy order.backdate_within
 * before now. At the bound exactly is allowed; a second before it is
 * refused, naming the limit. The time it was entered is kept
 * (entered_at) and audited besides.
 */
static enum kf_rc
backdate_bound(struct kf_core *k, int64_t at, struct kf_err *err)
{
	char lim[32], when[32];
	enum kf_rc rc;
	bool late;

	if ((rc = kf_policy_backdated(k, "order.backdate_within", at, &late,
	    lim, when, err)) != KF_OK || !late)
		return rc;
	kf_err_set(err, KF_REFUSED, "a work order is registered at most %s "
	    "after it was asked for (policy order.backdate_within, R9): %s is "
	    "earlier", lim, when);
	kf_err_field(err, "reported_at");
	return KF_REFUSED;
}

/*
 * The first phone of customer id in the register (stored form, the
 * phones column is comma-separated), allocated; NULL when there is none.
 */
static char *
register_phone(struct kf_core *k, int64_t id)
{
	sqlite3_stmt *st = kf_sql(k, SQL_CUSTOMER_PHONES);
	const char *p;
	char *phone = NULL;

	kf_bind_int(st, ":id", id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (p = (const char *)sqlite3_column_text(st, 0)) != NULL &&
	    *p != '\0' && *p != ',')
		phone = xasprintf("%.*s", (int)strcspn(p, ","), p);
	kf_sql_done(st);
	return phone;
}

static void
dup_empty(char **s)
{
	if (*s == NULL)
		*s = xstrdup("");
}

enum kf_rc
kf_order_new(struct kf_core *k, struct kf_order *o, int64_t *id,
    struct kf_err *err)
{
	struct kf_buf after = { 0 };
	struct kf_fee fee;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t newid, now = kf_core_now(k);
	int src;

	if ((rc = kf_may(k, KF_ACT_ORDER_NEW, 0, err)) != KF_OK)
		return rc;
	if ((unsigned)o->category >= KF_ORDER_CAT_COUNT)
		return kf_err_about(err, KF_INVALID, "category",
		    N_("unknown category"));
	if (o->reported_at == 0)
		o->reported_at = now;
	/* R2: the clock starts at the report, which is never after the
	 * moment it is entered: a report a minute ahead would move the
	 * deadline a minute on (issue 11). */
	if (o->reported_at > now)
		return kf_err_about(err, KF_INVALID, "reported_at",
		    N_("a work order cannot be reported in the future: the "
		    "report time is never after the moment it is entered "
		    "(R2)"));
	if (o->appointment_at != 0 && o->appointment_at < now)
		return kf_err_about(err, KF_INVALID, "appointment_at",
		    N_("the appointment lies in the past"));
	dup_empty(&o->address);
	dup_empty(&o->community);
	dup_empty(&o->building);
	dup_empty(&o->contact_name);
	dup_empty(&o->contact_phone);
	dup_empty(&o->fault);
	dup_empty(&o->fee_code);
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = backdate_bound(k, o->reported_at, err)) != KF_OK)
		goto end;
	if (o->customer_id != 0 &&
	    (rc = customer_address(k, o, err)) != KF_OK)
		goto end;
	/* R20: the phone from the register when none was typed. */
	if (o->customer_id != 0 && kf_blank(o->contact_phone)) {
		char *phone = register_phone(k, o->customer_id);

		if (phone != NULL) {
			free(o->contact_phone);
			o->contact_phone = phone;
		}
	}
	if ((rc = text(o->address, "address", 200, true, err)) != KF_OK ||
	    (rc = text(o->community, "community", 64, false, err)) != KF_OK ||
	    (rc = text(o->building, "building", 32, false, err)) != KF_OK ||
	    (rc = text(o->contact_name, "contact_name", 32, false, err)) !=
	    KF_OK ||
	    (rc = kf_check_phone(&o->contact_phone, "contact_phone", err)) !=
	    KF_OK ||
	    (rc = text(o->fault, "fault", 2000, true, err)) != KF_OK)
		goto end;
	/* R20: who to see and how to reach them — or, in an emergency (R9),
	 * dispatch first and fill it in after. */
	o->paperwork_pending = !paperwork_complete(o->customer_id,
	    o->contact_name, o->contact_phone);
	if (o->paperwork_pending && !o->emergency) {
		rc = paperwork_missing(o->customer_id, err);
		goto end;
	}
	if (o->contact_id != 0 && exists(k, SQL_CONTACT_EXISTS,
	    o->contact_id) != KF_OK) {
		rc = kf_err_about(err, KF_NOTFOUND, "contact_id",
		    N_("no such contact"));
		goto end;
	}
	/* R22: a job off the active list waits for the supervisor: a paid
	 * job that names no item, or any job naming one the list lacks. */
	o->needs_approval = o->category == KF_ORDER_CAT_PAID && *o->fee_code == '\0';
	if (*o->fee_code != '\0') {
		if (kf_fee_load(k, o->fee_code, &fee, NULL) != KF_OK)
			o->needs_approval = true;
		else {
			o->needs_approval = !fee.active;
			kf_fee_clear(&fee);
		}
	}
	if ((rc = deadline(k, o, &o->deadline_at, &o->deadline_on_arrival,
	    err)) != KF_OK)
		goto end;
	st = kf_sql(k, SQL_INSERT);
	kf_bind_int(st, ":at", o->reported_at);
	kf_bind_int(st, ":by", kf_core_actor_id(k));
	if (o->contact_id != 0)
		kf_bind_int(st, ":contact", o->contact_id);
	if (o->customer_id != 0)
		kf_bind_int(st, ":cust", o->customer_id);
	kf_bind_text(st, ":addr", o->address);
	kf_bind_text(st, ":comm", o->community);
	kf_bind_text(st, ":bldg", o->building);
	kf_bind_text(st, ":cname", o->contact_name);
	kf_bind_text(st, ":cphone", o->contact_phone);
	kf_bind_text(st, ":fault", o->fault);
	kf_bind_text(st, ":fee", o->fee_code);
	kf_bind_int(st, ":cat", o->category);
	kf_bind_int(st, ":emerg", o->emergency);
	kf_bind_int(st, ":paper", o->paperwork_pending);
	kf_bind_int(st, ":approval", o->needs_approval);
	if (o->appointment_at != 0)
		kf_bind_int(st, ":appt", o->appointment_at);
	kf_bind_int(st, ":deadline", o->deadline_at);
	kf_bind_int(st, ":onarr", o->deadline_on_arrival);
	kf_bind_int(st, ":entered", kf_core_now(k));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "reporting the work order", err);
		goto end;
	}
	newid = sqlite3_last_insert_rowid(k->db);
	if (o->contact_id != 0 &&
	    (rc = link_reporter(k, newid, o->contact_id, err)) != KF_OK)
		goto end;
	kf_buf_printf(&after, "{\"reported_at\":%lld,\"category\":\"%s\","
	    "\"customer_id\":%lld,\"contact_id\":%lld,\"address\":",
	    (long long)o->reported_at, kf_order_cat_name(o->category),
	    (long long)o->customer_id, (long long)o->contact_id);
	kf_buf_json_str(&after, o->address);
	/* Every column the order starts with, so kefu check can prove it. */
	kf_buf_puts(&after, ",\"community\":");
	kf_buf_json_str(&after, o->community);
	kf_buf_puts(&after, ",\"building\":");
	kf_buf_json_str(&after, o->building);
	kf_buf_printf(&after, ",\"deadline_on_arrival\":%d",
	    (int)o->deadline_on_arrival);
	kf_buf_puts(&after, ",\"contact_name\":");
	kf_buf_json_str(&after, o->contact_name);
	kf_buf_puts(&after, ",\"contact_phone\":");
	kf_buf_json_str(&after, o->contact_phone);
	kf_buf_puts(&after, ",\"fault\":");
	kf_buf_json_str(&after, o->fault);
	kf_buf_puts(&after, ",\"fee_code\":");
	kf_buf_json_str(&after, o->fee_code);
	/* The time it was entered beside the time reported: an order
	 * registered after (R9) shows as such in its trail. */
	kf_buf_printf(&after, ",\"emergency\":%d,\"paperwork_pending\":%d,"
	    "\"needs_approval\":%d,\"appointment_at\":%lld,\"deadline_at\":%lld,"
	    "\"entered_at\":%lld}",
	    o->emergency, o->paperwork_pending, o->needs_approval,
	    (long long)o->appointment_at, (long long)o->deadline_at,
	    (long long)now);
	rc = kf_audit_append(k, "order.new", "work_order", newid, 1, NULL,
	    kf_buf_str(&after), err);
	if (rc == KF_OK) {
		o->id = newid;
		o->state = KF_ORDER_STATE_REPORTED;
		o->version = 1;
		if (id != NULL)
			*id = newid;
	}
end:
	kf_buf_free(&after);
	return kf_tx_end(k, rc, err);
}

/* ---- moves ---- */

/*
 * The state table, run by the state-table engine (fsm.c; what a table
 * holds and how a move is tested are in internal.h). A move leaves only
 * from the states of `from`; from an earlier state it is refused with
 * `early`, from a later one with `late`, each naming its rule ("cannot
 * record the arrival: work order 12 is acknowledged; a technician arrives
 * once it is dispatched (R11)"). A cancelled order refuses every move
 * alike (sealed), and so does a closed one unless the move has its own
 * `late` words (state_why). `who` says who may make it: the roles of the
 * permission `may` (BY_ROLE), or only the technician the order is
 * dispatched to (order_who: a dispatcher he phoned may record his
 * arrival; on an order registered after the repair, R9, the desk records
 * the work done too). `guard`, where there is one, says what else must
 * hold before any input is asked for: a dispatch waits for the
 * acknowledgement unless it is an emergency (R21, R9) and for the
 * approval of a job off the list (R22). The move's function (do_*)
 * checks the input and names the changes.
 */
enum order_who {
	BY_ROLE = KF_FSM_BY_ROLE, BY_TECH, BY_TECH_OR_PHONE, BY_TECH_OR_DESK_AFTER
};

static enum kf_rc assign_guard(struct kf_core *, const void *,
    struct kf_err *);

#define ST(s)	KF_FSM_ST(s)
#define OPEN_STATES	(ST(KF_ORDER_STATE_REPORTED) | ST(KF_ORDER_STATE_ACKED) | \
	ST(KF_ORDER_STATE_DISPATCHED) | ST(KF_ORDER_STATE_ON_SITE) | ST(KF_ORDER_STATE_DONE) | \
	ST(KF_ORDER_STATE_SIGNED))

static const struct kf_fsm_move moves[KF_ORDER_MOVE_COUNT] = {
	[KF_ORDER_MOVE_ACK] = { "order.ack", N_("acknowledge"),
	    KF_ACT_ORDER_ACK, BY_ROLE, ST(KF_ORDER_STATE_REPORTED), NULL,
	    N_("it was received already (R21)"), NULL },
	[KF_ORDER_MOVE_APPROVE] = { "order.approve", N_("approve"),
	    KF_ACT_ORDER_APPROVE, BY_ROLE, OPEN_STATES, NULL, NULL, NULL },
	[KF_ORDER_MOVE_ASSIGN] = { "order.assign", N_("dispatch"),
	    KF_ACT_ORDER_ASSIGN, BY_ROLE, ST(KF_ORDER_STATE_REPORTED) |
	    ST(KF_ORDER_STATE_ACKED) | ST(KF_ORDER_STATE_DISPATCHED), NULL,
	    N_("the technician has reached it; it is past dispatch (R11)"),
	    assign_guard },
	[KF_ORDER_MOVE_ARRIVE] = { "order.arrive", N_("record the arrival"),
	    KF_ACT_ORDER_WORK, BY_TECH_OR_PHONE, ST(KF_ORDER_STATE_DISPATCHED),
	    N_("a technician arrives once it is dispatched (R11)"),
	    N_("the arrival is recorded already (R2)"), NULL },
	[KF_ORDER_MOVE_ITEM] = { "order.amount", N_("charge an item"),
	    KF_ACT_ORDER_WORK, BY_TECH, ST(KF_ORDER_STATE_ON_SITE) | ST(KF_ORDER_STATE_DONE),
	    N_("items are added on site, after the arrival (R25)"),
	    N_("items are added before the customer signs (R25)"), NULL },
	[KF_ORDER_MOVE_MATERIAL] = { "order.material", N_("record materials"),
	    KF_ACT_ORDER_WORK, BY_TECH, ST(KF_ORDER_STATE_ON_SITE) | ST(KF_ORDER_STATE_DONE),
	    N_("materials are inspected on site, after the arrival (R24)"),
	    N_("materials are inspected before the customer signs (R24)"),
	    NULL },
	[KF_ORDER_MOVE_DONE] = { "order.done", N_("record the work done"),
	    KF_ACT_ORDER_WORK, BY_TECH_OR_DESK_AFTER, ST(KF_ORDER_STATE_ON_SITE),
	    N_("the work is recorded on site, after the arrival (R23)"),
	    N_("it is recorded already (R23)"), NULL },
	[KF_ORDER_MOVE_SIGNOFF] = { "order.signoff", N_("sign off"),
	    KF_ACT_ORDER_WORK, BY_TECH, ST(KF_ORDER_STATE_DONE),
	    N_("the customer signs once the work done is recorded (R23, R26)"),
	    N_("it is signed already (R26)"), NULL },
	[KF_ORDER_MOVE_CANCEL] = { "order.cancel", N_("cancel"),
	    KF_ACT_ORDER_CANCEL, BY_ROLE, OPEN_STATES & ~ST(KF_ORDER_STATE_SIGNED), NULL,
	    N_("the customer has signed for the work (R26)"), NULL },
	[KF_ORDER_MOVE_EDIT] = { "order.edit", N_("change"),
	    KF_ACT_ORDER_EDIT, BY_ROLE, OPEN_STATES, NULL, NULL, NULL },
	[KF_ORDER_MOVE_LINK] = { "order.link", N_("link a caller"),
	    KF_ACT_ORDER_EDIT, BY_ROLE, OPEN_STATES, NULL, NULL, NULL },
};

/* Why no move leaves a closed or a cancelled order (see above). */
static const char *const state_why[KF_ORDER_STATE_COUNT] = {
	[KF_ORDER_STATE_CLOSED] = N_("the customer signed and the paperwork is "
	    "complete (R26)"),
	[KF_ORDER_STATE_CANCELLED] = N_("it was cancelled; report the repair "
	    "again as a new order (R9)"),
};

static enum kf_rc order_who(struct kf_core *, const void *, int,
    struct kf_err *);
static enum kf_rc load_rec(struct kf_core *, int64_t, void *,
    struct kf_err *);
static void clear_rec(void *);
static int state_of(const void *);
static const char *state_label(int);
static void lost_dispatch(struct kf_core *, int64_t, struct kf_err *);

const struct kf_fsm kf_order_fsm = {
	.noun = N_("work order"),
	.nstates = KF_ORDER_STATE_COUNT,
	.state_label = state_label,
	.state_why = state_why,
	.sealed = ST(KF_ORDER_STATE_CANCELLED),
	.moves = moves,
	.nmoves = KF_ORDER_MOVE_COUNT,
	.who = order_who,
	.entity = &order_entity,
	.load = load_rec,
	.clear = clear_rec,
	.state_of = state_of,
	.conflict = lost_dispatch,
};

bool
kf_order_registered_after(const struct kf_order *o)
{
	return o->entered_at != 0 && o->reported_at < o->entered_at - 60;
}

static enum kf_rc
assign_guard(struct kf_core *k, const void *rec, struct kf_err *err)
{
	const struct kf_order *o = rec;

	(void)k;
	if (o->state == KF_ORDER_STATE_REPORTED && !o->emergency)
		return kf_err_set(err, KF_REFUSED, "cannot dispatch: work order "
		    "%lld is not acknowledged yet; the repair supervisor "
		    "acknowledges it first (R21); only an emergency is "
		    "dispatched at once (R9)", (long long)o->id);
	if (o->needs_approval && o->approved_at == 0)
		return kf_err_set(err, KF_REFUSED, "work order %lld is not on "
		    "the paid-service list: a supervisor approves it before it "
		    "is dispatched (R22)", (long long)o->id);
	return KF_OK;
}

enum kf_rc
kf_order_may(struct kf_core *k, const struct kf_order *o,
    enum kf_order_move mv, struct kf_err *err)
{
	return kf_fsm_check(&kf_order_fsm, k, o, (int)o->state, o->id, (int)mv,
	    err);
}

/*
 * Who of the technicians may make a field move (the engine checked the
 * permission): the assigned technician; with BY_TECH_OR_PHONE, and with
 * BY_TECH_OR_DESK_AFTER on an order registered after (R9), also a
 * dispatcher (he phoned in his arrival; the desk files the paperwork).
 */
static enum kf_rc
order_who(struct kf_core *k, const void *rec, int who, struct kf_err *err)
{
	const struct kf_order *o = rec;
	bool desk_ok = who == BY_TECH_OR_PHONE ||
	    (who == BY_TECH_OR_DESK_AFTER && kf_order_registered_after(o));

	if (o->technician_id == kf_core_actor_id(k) || (desk_ok &&
	    (kf_core_actor_roles(k) & KF_ROLE_DISPATCHER)))
		return KF_OK;
	return not_yours(err, o->id);
}

/* The engine's view of an order (kf_order_fsm). */
static enum kf_rc
load_rec(struct kf_core *k, int64_t id, void *rec, struct kf_err *err)
{
	return load(k, id, rec, err);
}

static void
clear_rec(void *rec)
{
	kf_order_clear(rec);
}

static int
state_of(const void *rec)
{
	return (int)((const struct kf_order *)rec)->state;
}

static const char *
state_label(int s)
{
	return kf_order_state_info((enum kf_order_state)s)->label;
}

/*
 * An order closes or is cancelled: every caller linked to it (its
 * reporter too) is called back, a task each due within
 * callback.order_within (R41; contact.c, callback.c), whether promised a
 * callback before or not. An order reported with no contact on file gets
 * one task for its reporter as the order names him.
 */
static enum kf_rc
tell_reporters(struct kf_core *k, const struct kf_order *o, const char *why,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_REPORTERS);
	int64_t *ids = NULL, within = 0, due;
	size_t n = 0, cap = 0, i;
	struct kf_callback t;
	enum kf_rc rc = KF_OK;
	char subject[160];
	int src;

	/* Read them all first: telling one writes through other statements. */
	kf_bind_int(st, ":o", o->id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "reading the callers to tell", err);
	if (rc == KF_OK)
		rc = kf_policy_value(k, "callback.order_within", &within, err);
	due = kf_core_now(k) + within;
	for (i = 0; i < n && rc == KF_OK; i++)
		rc = kf_contact_callback_tx(k, ids[i], o->id, due, why, err);
	free(ids);
	if (rc != KF_OK || n > 0)
		return rc;
	memset(&t, 0, sizeof(t));
	t.reason = KF_CB_ORDER;
	t.order_id = o->id;
	t.customer_id = o->customer_id;
	t.name = o->contact_name;
	t.phone = o->contact_phone;
	snprintf(subject, sizeof(subject), "%.*s",
	    (int)strcspn(o->fault != NULL ? o->fault : "", "\n"),
	    o->fault != NULL ? o->fault : "");
	t.subject = subject;
	t.due_at = due;
	return kf_callback_task_tx(k, &t, NULL, err);
}

/* Sum of the order's items into *t, for the amount due (R19, R25). */
static enum kf_rc
items_total(struct kf_core *k, int64_t id, int64_t *t, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_TOTAL);
	int src;

	*t = 0;
	kf_bind_int(st, ":o", id);
	if ((src = sqlite3_step(st)) == SQLITE_ROW)
		*t = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return src == SQLITE_ROW ? KF_OK :
	    kf_db_err(k, src, "adding up the charges", err);
}

/* The display name of staff id (a JSON number as the conflict gives it)
 * into buf; the number itself when there is none. */
static void
staff_name_of(struct kf_core *k, const char *id, char *buf, size_t n)
{
	kf_staff_name(k, strtoll(id, NULL, 10), buf, n);
	if (strtoll(id, NULL, 10) == 0)
		snprintf(buf, n, "%s", id);
}

/* When a dispatch was, as the loser of R11 is told: the time of day when
 * it was today, else the date too. Points into buf. */
static const char *
dispatch_when(struct kf_core *k, int64_t at, char *buf, size_t n)
{
	kf_time_local(at, buf, n);	/* "YYYY-MM-DD HH:MM" */
	return kf_time_day_start(at) == kf_time_day_start(kf_core_now(k)) &&
	    strlen(buf) > 11 ? buf + 11 : buf;
}

/*
 * Two dispatchers at once (R11): the loser is told who took the order and
 * for whom, in names, not "technician_id ... to 5". err->conflict stays.
 * (The table's conflict hook: other fields' conflicts keep their words.)
 */
static void
lost_dispatch(struct kf_core *k, int64_t id, struct kf_err *err)
{
	struct kf_conflict c = err->conflict;
	/* A name, or the value itself when it names nobody: room for either. */
	char theirs[sizeof(c.theirs)], yours[sizeof(c.yours)];
	char winner[sizeof(c.by)], when[32];

	if (strcmp(c.field, "technician_id") != 0)
		return;
	staff_name_of(k, c.theirs, theirs, sizeof(theirs));
	staff_name_of(k, c.yours, yours, sizeof(yours));
	kf_staff_login_name(k, c.by, winner, sizeof(winner));
	kf_err_set(err, KF_CONFLICT, "At %1$s %2$s sent order %3$lld to %4$s "
	    "first; yours to %5$s was not saved (R11)",
	    dispatch_when(k, c.at, when, sizeof(when)), winner, (long long)id,
	    theirs, yours);
	err->conflict = c;
}

/*
 * An assignment without the version seen, to an order dispatched already
 * (R11): refused, naming who sent it to whom and when, as lost_dispatch
 * does for a lost race with a version, and how to reassign it.
 */
static enum kf_rc
dispatched_already(struct kf_core *k, const struct kf_order *o, int64_t tech,
    struct kf_err *err)
{
	char by[128], to[128], yours[128], id[24], when[32];

	snprintf(id, sizeof(id), "%lld", (long long)o->dispatched_by);
	staff_name_of(k, id, by, sizeof(by));
	snprintf(id, sizeof(id), "%lld", (long long)o->technician_id);
	staff_name_of(k, id, to, sizeof(to));
	snprintf(id, sizeof(id), "%lld", (long long)tech);
	staff_name_of(k, id, yours, sizeof(yours));
	return kf_err_set(err, KF_REFUSED, "At %1$s %2$s sent order %3$lld "
	    "to %4$s first; yours to %5$s was not saved: to reassign it, give "
	    "the version you saw (R11)",
	    dispatch_when(k, o->dispatched_at, when, sizeof(when)), by,
	    (long long)o->id, to, yours);
}

/*
 * Runs move mv through the engine (kf_fsm_run): in one transaction, read
 * the order, check the move against the table, let fn check the rest and
 * name the changes, write them (versioned, audited under the table's
 * action name).
 */
static enum kf_rc
run(struct kf_core *k, int64_t id, int64_t seen, enum kf_order_move mv,
    kf_fsm_fn fn, const void *arg, struct kf_err *err)
{
	struct kf_order o;

	return kf_fsm_run(&kf_order_fsm, k, &o, id, seen, (int)mv, fn, arg,
	    err);
}

static enum kf_rc
do_ack(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	(void)rec;
	(void)arg;
	(void)err;
	kf_fsm_set_int(m, "state", KF_ORDER_STATE_ACKED);
	kf_fsm_set_int(m, "acked_at", kf_core_now(k));
	kf_fsm_set_int(m, "acked_by", kf_core_actor_id(k));
	return KF_OK;
}

enum kf_rc
kf_order_ack(struct kf_core *k, int64_t id, int64_t seen_version,
    struct kf_err *err)
{
	return run(k, id, seen_version, KF_ORDER_MOVE_ACK, do_ack, NULL, err);
}

static enum kf_rc
do_approve(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct kf_order *o = rec;

	(void)arg;
	if (!o->needs_approval)
		return kf_err_set(err, KF_REFUSED, "work order %lld needs no "
		    "approval: its job is on the paid-service list (R22)",
		    (long long)o->id);
	if (o->approved_at != 0)
		return kf_err_set(err, KF_REFUSED, "work order %lld is "
		    "approved already (R22)", (long long)o->id);
	kf_fsm_set_int(m, "approved_at", kf_core_now(k));
	kf_fsm_set_int(m, "approved_by", kf_core_actor_id(k));
	return KF_OK;
}

enum kf_rc
kf_order_approve(struct kf_core *k, int64_t id, int64_t seen_version,
    struct kf_err *err)
{
	return run(k, id, seen_version, KF_ORDER_MOVE_APPROVE, do_approve, NULL, err);
}

struct assign_arg {
	int64_t	 tech;
	int64_t	 seen;
};

static enum kf_rc
do_assign(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct kf_order *o = rec;
	const struct assign_arg *a = arg;
	int64_t tech = a->tech, seen = a->seen, now = kf_core_now(k);
	sqlite3_stmt *st;
	unsigned roles = 0;
	bool ok;

	st = kf_sql(k, SQL_STAFF);
	kf_bind_int(st, ":id", tech);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 1) == 0 &&
	    kf_roles_parse((const char *)sqlite3_column_text(st, 0), &roles,
	    NULL) == KF_OK && (roles & KF_ROLE_TECHNICIAN);
	kf_sql_done(st);
	if (!ok)
		return kf_err_about(err, KF_REFUSED, "technician_id",
		    N_("a work order is dispatched to an enabled technician "
		    "(R11)"));
	/* Taking an order from one technician for another needs the version
	 * the dispatcher saw: a race between two is then a conflict naming
	 * the winner, never a silent second dispatch. Without a version,
	 * one who lost the race to another dispatcher is told who won, as
	 * with one (issue 11). */
	if (o->state == KF_ORDER_STATE_DISPATCHED && seen < 0)
		return dispatched_already(k, o, tech, err);
	if (o->state == KF_ORDER_STATE_DISPATCHED && o->technician_id == tech)
		return kf_err_set(err, KF_REFUSED, "work order %lld is with "
		    "that technician already (R11)", (long long)o->id);
	/* The technician first: a dispatcher who loses a race is told who
	 * took the order and for whom, not about the state. */
	kf_fsm_set_int(m, "technician_id", tech);
	if (o->state == KF_ORDER_STATE_REPORTED) {	/* R9: received as dispatched */
		kf_fsm_set_int(m, "acked_at", now);
		kf_fsm_set_int(m, "acked_by", kf_core_actor_id(k));
	}
	kf_fsm_set_int(m, "state", KF_ORDER_STATE_DISPATCHED);
	kf_fsm_set_int(m, "dispatched_at", now);
	kf_fsm_set_int(m, "dispatched_by", kf_core_actor_id(k));
	return KF_OK;
}

enum kf_rc
kf_order_assign(struct kf_core *k, int64_t id, int64_t seen_version,
    int64_t technician_id, struct kf_err *err)
{
	struct assign_arg a = { technician_id, seen_version };

	return run(k, id, seen_version, KF_ORDER_MOVE_ASSIGN, do_assign, &a, err);
}

/*
 * The time a move happened: now (at 0), or (R9: done first, registered
 * after) the time at, no earlier than since (the step before it), not
 * ahead, and not after the order was entered: what follows the entry is
 * recorded as it happens, so a live order's clock cannot be rewound
 * (R2). The audit row keeps the real time of the entry beside it.
 */
static enum kf_rc
move_time(struct kf_core *k, const struct kf_order *o, int64_t at,
    int64_t since, const char *field, int64_t *when, struct kf_err *err)
{
	int64_t now = kf_core_now(k);
	char t[32];

	*when = at != 0 ? at : now;
	if (at == 0)
		return KF_OK;
	if (*when > now)
		return kf_err_about(err, KF_INVALID, field,
		    N_("that time is still to come; say when it happened"));
	if (o->entered_at == 0 || at > o->entered_at) {
		kf_time_local(o->entered_at, t, sizeof(t));
		kf_err_set(err, KF_REFUSED, "work order %lld was entered at %s; "
		    "later steps are recorded as they happen, an earlier time "
		    "only for a repair registered after it was done (R2, R9)",
		    (long long)o->id, o->entered_at ? t : "-");
		kf_err_field(err, field);
		return KF_REFUSED;
	}
	if (*when < since)
		return kf_err_about(err, KF_INVALID, field,
		    N_("that is before the step it follows; a repair done "
		    "first is reported first, with the time it was asked for "
		    "(R9)"));
	return KF_OK;
}

static enum kf_rc
do_arrive(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct kf_order *o = rec;
	const int64_t *at = arg;
	int64_t when;
	enum kf_rc rc;

	if ((rc = move_time(k, o, *at, o->reported_at, "arrived_at", &when,
	    err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", KF_ORDER_STATE_ON_SITE);
	kf_fsm_set_int(m, "arrived_at", when);
	if (o->deadline_on_arrival)
		kf_fsm_set_null(m, "due_at");		/* R2: the clock stops */
	return KF_OK;
}

enum kf_rc
kf_order_arrive(struct kf_core *k, int64_t id, int64_t seen_version,
    int64_t at, struct kf_err *err)
{
	return run(k, id, seen_version, KF_ORDER_MOVE_ARRIVE, do_arrive, &at, err);
}

struct material_arg {
	enum kf_order_material m;
	const char	*note;
};

static enum kf_rc
do_material(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct material_arg *a = arg;
	enum kf_rc rc;

	(void)k;
	(void)rec;
	if (a->m != KF_ORDER_MAT_PASS && a->m != KF_ORDER_MAT_FAIL)
		return kf_err_about(err, KF_INVALID, "materials",
		    N_("the customer's materials pass or fail (R24)"));
	if ((rc = text(a->note, "materials_note", 500, false, err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "materials", a->m);
	kf_fsm_set_text(m, "materials_note", a->note ? a->note : "");
	return KF_OK;
}

enum kf_rc
kf_order_material(struct kf_core *k, int64_t id, int64_t seen_version,
    enum kf_order_material mat, const char *note, struct kf_err *err)
{
	struct material_arg a = { mat, note };

	return run(k, id, seen_version, KF_ORDER_MOVE_MATERIAL, do_material, &a, err);
}

struct done_arg {
	const char	*work;
	int64_t		 at;
};

static enum kf_rc
do_done(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct kf_order *o = rec;
	const struct done_arg *a = arg;
	const char *work = a->work;
	int64_t when;
	enum kf_rc rc;

	if (work == NULL || kf_blank(work))
		return kf_err_about(err, KF_INVALID, "work_done",
		    N_("say what was actually done (R23)"));
	if ((rc = text(work, "work_done", 2000, true, err)) != KF_OK)
		return rc;
	if ((rc = move_time(k, o, a->at, o->arrived_at, "done_at", &when,
	    err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", KF_ORDER_STATE_DONE);
	kf_fsm_set_text(m, "work_done", work);
	kf_fsm_set_int(m, "done_at", when);
	if (!o->deadline_on_arrival)
		kf_fsm_set_null(m, "due_at");		/* R3: cleared */
	return KF_OK;
}

enum kf_rc
kf_order_done(struct kf_core *k, int64_t id, int64_t seen_version,
    const char *work_done, int64_t at, struct kf_err *err)
{
	struct done_arg a = { work_done, at };

	return run(k, id, seen_version, KF_ORDER_MOVE_DONE, do_done, &a, err);
}

static enum kf_rc
do_signoff(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct kf_order *o = rec;
	const char *name = arg;
	int64_t now = kf_core_now(k), total;
	enum kf_rc rc;

	if (name == NULL || kf_blank(name))
		return kf_err_about(err, KF_INVALID, "signed_name",
		    N_("the customer signs with a name (R26)"));
	if ((rc = text(name, "signed_name", 32, true, err)) != KF_OK)
		return rc;
	kf_fsm_set_text(m, "signed_name", name);
	kf_fsm_set_int(m, "signed_at", now);
	if ((rc = items_total(k, o->id, &total, err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "amount_due", total);		/* R19 */
	/* Closed at once, unless an emergency's paperwork is missing (R9). */
	kf_fsm_set_int(m, "state", o->paperwork_pending ? KF_ORDER_STATE_SIGNED : KF_ORDER_STATE_CLOSED);
	if (!o->paperwork_pending) {
		kf_fsm_set_int(m, "closed_at", now);
		if ((rc = tell_reporters(k, o, "order.closed.tell",
			    err)) != KF_OK)
			return rc;
	}
	kf_fsm_set_null(m, "due_at");
	return KF_OK;
}

enum kf_rc
kf_order_signoff(struct kf_core *k, int64_t id, int64_t seen_version,
    const char *customer_name, struct kf_err *err)
{
	return run(k, id, seen_version, KF_ORDER_MOVE_SIGNOFF, do_signoff, customer_name,
	    err);
}

static enum kf_rc
do_cancel(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct kf_order *o = rec;
	const char *reason = arg;
	enum kf_rc rc;

	if (reason == NULL || kf_blank(reason))
		return kf_err_about(err, KF_INVALID, "cancel_reason",
		    N_("say why the order is cancelled"));
	if ((rc = text(reason, "cancel_reason", 500, true, err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", KF_ORDER_STATE_CANCELLED);
	kf_fsm_set_text(m, "cancel_reason", reason);
	kf_fsm_set_int(m, "amount_due", 0);		/* nothing to bill (R19) */
	kf_fsm_set_int(m, "closed_at", kf_core_now(k));
	kf_fsm_set_null(m, "due_at");
	/* The callers linked to it are told too, not only at a close. */
	return tell_reporters(k, o, "order.cancelled.tell", err);
}

enum kf_rc
kf_order_cancel(struct kf_core *k, int64_t id, int64_t seen_version,
    const char *reason, struct kf_err *err)
{
	return run(k, id, seen_version, KF_ORDER_MOVE_CANCEL, do_cancel, reason, err);
}

struct edit_arg {
	int64_t		 customer_id;
	const char	*contact_name, *contact_phone, *address, *fault;
	char		**phone;	/* contact_phone's stored form, made here */
};

static enum kf_rc
do_edit(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct kf_order *o = rec;
	const struct edit_arg *a = arg;
	int64_t cust = a->customer_id ? a->customer_id : o->customer_id;
	const char *name = a->contact_name ? a->contact_name : o->contact_name;
	const char *phone = o->contact_phone;
	enum kf_rc rc;
	bool complete;

	if (o->state == KF_ORDER_STATE_SIGNED && (a->address != NULL || a->fault != NULL))
		return kf_err_set(err, KF_REFUSED, "cannot change work order "
		    "%lld's address or fault: the customer signed for them; only "
		    "the paperwork is completed now (R26)", (long long)o->id);
	if ((a->address != NULL &&
	    (rc = text(a->address, "address", 200, true, err)) != KF_OK) ||
	    (a->fault != NULL &&
	    (rc = text(a->fault, "fault", 2000, true, err)) != KF_OK) ||
	    (a->contact_name != NULL &&
	    (rc = text(a->contact_name, "contact_name", 32, false, err)) !=
	    KF_OK))
		return rc;
	if (a->contact_phone != NULL) {
		free(*a->phone);	/* were the move ever retried */
		*a->phone = xstrdup(a->contact_phone);
		if ((rc = kf_check_phone(a->phone, "contact_phone", err)) !=
		    KF_OK)
			return rc;
		phone = *a->phone;
	}
	if (a->customer_id != 0) {
		if (exists(k, SQL_CUSTOMER_EXISTS,
		    a->customer_id) != KF_OK)
			return kf_err_about(err, KF_NOTFOUND, "customer",
			    N_("no such customer"));
		kf_fsm_set_int(m, "customer_id", a->customer_id);
	}
	/* R20: the register's phone, where the order would have none. */
	if (cust != 0 && kf_blank(phone)) {
		char *reg = register_phone(k, cust);

		if (reg != NULL) {
			free(*a->phone);
			*a->phone = reg;
			phone = reg;
			if (a->contact_phone == NULL)
				kf_fsm_set_text(m, "contact_phone", phone);
		}
	}
	if (a->contact_name != NULL)
		kf_fsm_set_text(m, "contact_name", a->contact_name);
	if (a->contact_phone != NULL)
		kf_fsm_set_text(m, "contact_phone", *a->phone);
	if (a->address != NULL)
		kf_fsm_set_text(m, "address", a->address);
	if (a->fault != NULL)
		kf_fsm_set_text(m, "fault", a->fault);
	complete = paperwork_complete(cust, name, phone);
	if (o->paperwork_pending && complete) {
		kf_fsm_set_int(m, "paperwork_pending", 0);	/* R9: filled in */
		if (o->state == KF_ORDER_STATE_SIGNED) {
			kf_fsm_set_int(m, "state", KF_ORDER_STATE_CLOSED);
			kf_fsm_set_int(m, "closed_at", kf_core_now(k));
			if ((rc = tell_reporters(k, o, "order.closed.tell",
			    err)) != KF_OK)
				return rc;
		}
	} else if (!o->paperwork_pending && !complete &&
	    paperwork_complete(o->customer_id, o->contact_name,
	    o->contact_phone)) {
		/* An edit never leaves an order without whom to call; one
		 * reported before the phone was required keeps its edits. */
		if (cust != 0)
			return paperwork_missing(cust, err);
		return kf_err_about(err, KF_INVALID, "contact_name",
		    N_("name the customer, or a contact person and phone (R20); "
		    "an emergency may be dispatched first (R9)"));
	}
	if (m->n == 0)
		return kf_err_set(err, KF_INVALID, "nothing to change");
	return KF_OK;
}

enum kf_rc
kf_order_edit(struct kf_core *k, int64_t id, int64_t seen_version,
    int64_t customer_id, const char *contact_name, const char *contact_phone,
    const char *address, const char *fault, struct kf_err *err)
{
	char *phone = NULL;
	struct edit_arg a = { customer_id, contact_name, contact_phone,
	    address, fault, &phone };
	enum kf_rc rc;

	rc = run(k, id, seen_version, KF_ORDER_MOVE_EDIT, do_edit, &a, err);
	free(phone);
	return rc;
}

enum kf_rc
kf_order_ids_of_contact(struct kf_core *k, int64_t contact_id, int64_t *ids,
    size_t max, size_t *n, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	*n = 0;
	if ((rc = kf_may(k, KF_ACT_CONTACT_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_OF_CONTACT);
	kf_bind_int(st, ":c", contact_id);
	kf_bind_int(st, ":n", (int64_t)max);
	while ((src = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? KF_OK :
	    kf_db_err(k, src, "reading the contact's work orders", err);
}

enum kf_rc
kf_order_link_contact(struct kf_core *k, int64_t id, int64_t contact_id,
    struct kf_err *err)
{
	struct kf_order o;
	char after[96];
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_ORDER_EDIT, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = load(k, id, &o, err)) != KF_OK)
		goto end;
	if ((rc = kf_order_may(k, &o, KF_ORDER_MOVE_LINK, err)) != KF_OK)
		;
	else if (exists(k, SQL_CONTACT_EXISTS, contact_id) != KF_OK)
		rc = kf_err_about(err, KF_NOTFOUND, "contact_id",
		    N_("no such contact"));
	else if ((rc = link_reporter(k, id, contact_id, err)) == KF_OK) {
		snprintf(after, sizeof(after), "{\"contact_id\":%lld}",
		    (long long)contact_id);
		rc = kf_audit_append(k, moves[KF_ORDER_MOVE_LINK].action, "work_order", id,
		    o.version, NULL, after, err);
	}
	kf_order_clear(&o);
end:
	return kf_tx_end(k, rc, err);
}

/* ---- items (R25) and the charge audit (R17) ---- */

void
kf_order_items_free(struct kf_order_item *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].code);
		free(v[i].name);
		free(v[i].unit);
		free(v[i].off_list_note);
		free(v[i].audit_reason);
		free(v[i].audited_by);
	}
	free(v);
}

const char *
kf_item_audit_name(enum kf_item_audit a)
{
	static const char *const names[] = {
		[KF_ITEM_AT_LIST] = "at-list", [KF_ITEM_FLAGGED] = "flagged",
		[KF_ITEM_CORRECTED] = "corrected",
		[KF_ITEM_ACCEPTED] = "accepted",
	};

	return (unsigned)a < 4 ? names[a] : "?";
}

static void
row_to_item(sqlite3_stmt *st, struct kf_order_item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(st, 0);
	it->order_id = sqlite3_column_int64(st, 1);
	it->code = kf_col_strdup(st, 2);
	it->name = kf_col_strdup(st, 3);
	it->unit = kf_col_strdup(st, 4);
	it->unit_price = sqlite3_column_int64(st, 5);
	it->list_price = sqlite3_column_int64(st, 6);
	it->quantity = sqlite3_column_int64(st, 7);
	it->amount = sqlite3_column_int64(st, 8);
	it->version = sqlite3_column_int64(st, 10);
	it->audit = (enum kf_item_audit)sqlite3_column_int(st, 11);
	it->corrected = it->audit == KF_ITEM_CORRECTED;
	it->off_list_note = kf_col_strdup(st, 12);
	it->audit_reason = kf_col_strdup(st, 13);
	it->audited_by = kf_col_strdup(st, 14);
	it->audited_at = sqlite3_column_int64(st, 15);
	it->notice_id = sqlite3_column_int64(st, 16);
}

static enum kf_rc
read_items(struct kf_core *k, sqlite3_stmt *st, struct kf_order_item **out,
    size_t *n, struct kf_err *err)
{
	struct kf_order_item *v = NULL;
	size_t len = 0, cap = 0;
	int src;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		row_to_item(st, &v[len++]);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_order_items_free(v, len);
		return kf_db_err(k, src, "reading charged items", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

enum kf_rc
kf_order_items(struct kf_core *k, int64_t id, struct kf_order_item **out,
    size_t *n, struct kf_err *err)
{
	struct kf_order o;
	sqlite3_stmt *st;
	enum kf_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = kf_order_get(k, id, &o, err)) != KF_OK)	/* R54 */
		return rc;
	kf_order_clear(&o);
	st = kf_sql(k, SQL_ITEMS);
	kf_bind_int(st, ":o", id);
	return read_items(k, st, out, n, err);
}

struct item_arg {
	const char	*code;
	int64_t		 qty;
	int64_t		 price;		/* < 0: the list's */
	const char	*note;		/* why off the list */
	int64_t		*item_id;
};

static enum kf_rc
do_item(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const struct kf_order *o = rec;
	const struct item_arg *a = arg;
	struct kf_buf after = { 0 };
	struct kf_fee fee;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t iid, total, price;
	int src, audit;

	if (a->qty < 1 || a->qty > 10000)
		return kf_err_about(err, KF_INVALID, "quantity",
		    N_("a quantity is a whole number from 1 to 10000"));
	if ((rc = kf_fee_load(k, a->code, &fee, err)) != KF_OK)
		return rc;
	if (!fee.active) {
		kf_fee_clear(&fee);
		return kf_err_set(err, KF_REFUSED, "paid-service item '%.16s' "
		    "is no longer offered (R25)", a->code);
	}
	/* R17: an off-list price is flagged for the supervisor's audit. */
	price = a->price < 0 ? fee.price : a->price;
	audit = price == fee.price ? KF_ITEM_AT_LIST : KF_ITEM_FLAGGED;
	st = kf_sql(k, SQL_ITEM_INSERT);
	kf_bind_int(st, ":o", o->id);
	kf_bind_int(st, ":f", fee.id);
	kf_bind_text(st, ":code", fee.code);
	kf_bind_text(st, ":name", fee.name);
	kf_bind_text(st, ":unit", fee.unit);
	kf_bind_int(st, ":price", price);
	kf_bind_int(st, ":qty", a->qty);
	kf_bind_int(st, ":amount", price * a->qty);
	kf_bind_int(st, ":list", fee.price);
	kf_bind_int(st, ":audit", audit);
	kf_bind_text(st, ":note", a->note ? a->note : "");
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_fee_clear(&fee);
		return kf_db_err(k, src, "charging an item", err);
	}
	iid = sqlite3_last_insert_rowid(k->db);
	kf_buf_printf(&after, "{\"order_id\":%lld,\"fee_id\":%lld,\"code\":",
	    (long long)o->id, (long long)fee.id);
	kf_buf_json_str(&after, fee.code);
	kf_buf_puts(&after, ",\"name\":");
	kf_buf_json_str(&after, fee.name);
	kf_buf_puts(&after, ",\"unit\":");
	kf_buf_json_str(&after, fee.unit);
	kf_buf_printf(&after, ",\"unit_price\":%lld,\"quantity\":%lld,"
	    "\"amount\":%lld,\"list_price\":%lld,\"audit_state\":%d,"
	    "\"off_list_note\":", (long long)price, (long long)a->qty,
	    (long long)price * a->qty, (long long)fee.price, audit);
	kf_buf_json_str(&after, a->note ? a->note : "");
	kf_buf_puts(&after, ",\"audit_reason\":\"\",\"audited_by\":null,"
	    "\"audited_at\":null}");
	rc = kf_audit_append(k, "order.item", "order_item", iid, 1, NULL,
	    kf_buf_str(&after), err);
	kf_buf_free(&after);
	kf_fee_clear(&fee);
	if (rc != KF_OK)
		return rc;
	if (a->item_id != NULL)
		*a->item_id = iid;
	if ((rc = items_total(k, o->id, &total, err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "amount_due", total);
	return KF_OK;
}

enum kf_rc
kf_order_item_add(struct kf_core *k, int64_t id, const char *code,
    int64_t quantity, int64_t *item_id, struct kf_err *err)
{
	struct item_arg a = { code, quantity, -1, NULL, item_id };

	return run(k, id, -1, KF_ORDER_MOVE_ITEM, do_item, &a, err);
}

enum kf_rc
kf_order_item_add_priced(struct kf_core *k, int64_t id, const char *code,
    int64_t quantity, int64_t unit_price, const char *note, int64_t *item_id,
    struct kf_err *err)
{
	struct item_arg a = { code, quantity, unit_price, note, item_id };
	enum kf_rc rc;

	if (unit_price < 0 || unit_price > 100000000)
		return kf_err_about(err, KF_INVALID, "price",
		    N_("a price lies between 0.00 and 1000000.00"));
	if (note == NULL || kf_blank(note))
		return kf_err_about(err, KF_INVALID, "note",
		    N_("say why the price is off the list (R17)"));
	if ((rc = text(note, "note", 200, true, err)) != KF_OK)
		return rc;
	return run(k, id, -1, KF_ORDER_MOVE_ITEM, do_item, &a, err);
}

static enum kf_rc
charges(struct kf_core *k, const char *sql, int limit,
    struct kf_order_item **out, size_t *n, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_ORDER_AUDIT, 0, err)) != KF_OK)
		return rc;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	st = kf_sql(k, sql);
	kf_bind_int(st, ":n", limit);
	return read_items(k, st, out, n, err);
}

enum kf_rc
kf_order_charges_flagged(struct kf_core *k, int limit,
    struct kf_order_item **out, size_t *n, struct kf_err *err)
{
	return charges(k, SQL_FLAGGED, limit, out, n, err);
}

enum kf_rc
kf_order_charges_reviewed(struct kf_core *k, int limit,
    struct kf_order_item **out, size_t *n, struct kf_err *err)
{
	return charges(k, SQL_REVIEWED, limit, out, n, err);
}

enum kf_rc
kf_order_item_correct(struct kf_core *k, int64_t item_id,
    int64_t seen_version, int64_t unit_price, const char *reason,
    struct kf_err *err)
{
	struct kf_order_item *it = NULL;
	struct kf_change ch[7];
	struct kf_change due[1];
	int64_t total;
	sqlite3_stmt *st;
	enum kf_rc rc;
	size_t n = 0;
	int audit;

	if ((rc = kf_may(k, KF_ACT_ORDER_AUDIT, 0, err)) != KF_OK)
		return rc;
	if (unit_price < 0 || unit_price > 100000000)
		return kf_err_about(err, KF_INVALID, "price",
		    N_("a price lies between 0.00 and 1000000.00"));
	/* R17: a correction says why, whatever the price. */
	if (reason == NULL || kf_blank(reason))
		return kf_err_about(err, KF_INVALID, "reason",
		    N_("say why the charge is corrected (R17)"));
	if ((rc = text(reason, "reason", 200, true, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_ITEM);
	kf_bind_int(st, ":id", item_id);
	if ((rc = read_items(k, st, &it, &n, err)) != KF_OK)
		goto end;
	if (n == 0) {
		rc = kf_err_set(err, KF_NOTFOUND, "no charged item %lld",
		    (long long)item_id);
		goto end;
	}
	{
		struct kf_order o;

		if ((rc = load(k, it[0].order_id, &o, err)) != KF_OK)
			goto end;
		if (o.state == KF_ORDER_STATE_CANCELLED)
			rc = kf_err_set(err, KF_REFUSED, "work order %lld is "
			    "cancelled: nothing on it is billed (R19)",
			    (long long)o.id);
		kf_order_clear(&o);
		if (rc != KF_OK)
			goto end;
	}
	if (it[0].notice_id != 0) {
		rc = kf_err_set(err, KF_REFUSED, "work order %lld is on a fee "
		    "notice already: correct it with an adjustment (R18)",
		    (long long)it[0].order_id);
		goto end;
	}
	/* The same price keeps an off-list price; any other is corrected. */
	audit = unit_price == it[0].unit_price && it[0].audit != KF_ITEM_AT_LIST ?
	    KF_ITEM_ACCEPTED : KF_ITEM_CORRECTED;
	ch[0] = (struct kf_change){ "unit_price", { KF_V_INT, unit_price,
	    NULL } };
	ch[1] = (struct kf_change){ "amount", { KF_V_INT,
	    unit_price * it[0].quantity, NULL } };
	ch[2] = (struct kf_change){ "corrected", { KF_V_INT,
	    audit == KF_ITEM_CORRECTED, NULL } };
	ch[3] = (struct kf_change){ "audit_state", { KF_V_INT, audit, NULL } };
	ch[4] = (struct kf_change){ "audit_reason", { KF_V_TEXT, 0, reason } };
	ch[5] = (struct kf_change){ "audited_by", { KF_V_INT,
	    kf_core_actor_id(k), NULL } };
	ch[6] = (struct kf_change){ "audited_at", { KF_V_INT, kf_core_now(k),
	    NULL } };
	if ((rc = kf_rec_update(k, &item_entity, item_id, seen_version,
	    "order.correct", ch, 7, NULL, err)) != KF_OK)
		goto end;
	if ((rc = items_total(k, it[0].order_id, &total, err)) != KF_OK)
		goto end;
	due[0] = (struct kf_change){ "amount_due",
	    { KF_V_INT, total, NULL } };
	rc = kf_rec_update(k, &order_entity, it[0].order_id, -1,
	    "order.amount", due, 1, NULL, err);
end:
	kf_order_items_free(it, n);
	return kf_tx_end(k, rc, err);
}

/* ---- lists ---- */

void
kf_order_list_free(struct kf_order *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_order_clear(&v[i]);
	free(v);
}

static enum kf_rc
read_orders(struct kf_core *k, sqlite3_stmt *st, int limit,
    struct kf_order **out, size_t *n, struct kf_err *err)
{
	void *v;
	enum kf_rc rc;

	rc = kf_rows_read(k, st, limit, sizeof(**out), row_to_order, clear_rec,
	    "listing work orders", &v, n, err);
	*out = v;
	return rc;
}

enum kf_rc
kf_order_list(struct kf_core *k, const struct kf_order_filter *f,
    enum kf_page dir, const struct kf_order *anchor, int limit,
    struct kf_order **out, size_t *n, struct kf_err *err)
{
	int64_t tech = f->technician_id, ad = 0, aid = 0;
	const char *const *sql;
	sqlite3_stmt *st;
	enum kf_rc rc;
	bool back;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_ORDER_VIEW, 0, err)) != KF_OK)
		return rc;
	if (kf_order_own_only(k)) {			/* R54: his own */
		if (tech != 0 && tech != kf_core_actor_id(k))
			return KF_OK;		/* another's: none to show */
		tech = kf_core_actor_id(k);
	}
	if (limit < 1 || limit > 1000)
		limit = 1000;
	if (anchor != NULL) {
		ad = anchor->deadline_at;
		aid = anchor->id;
	}
	back = kf_page_bound(dir, anchor != NULL, false, &ad, &aid);
	if (f->overdue_only)
		sql = SQL_LIST_OVERDUE;
	else if (tech != 0)
		sql = f->open_only ? SQL_LIST_TECH : SQL_LIST_TECH_ALL;
	else
		sql = f->open_only ? SQL_LIST_OPEN : SQL_LIST_ALL;
	st = kf_sql(k, sql[back ? BACK : FWD]);
	if (f->overdue_only)
		kf_bind_int(st, ":now", kf_core_now(k));
	kf_bind_int(st, ":state", f->state);
	kf_bind_int(st, ":cat", f->category);
	kf_bind_int(st, ":tech", tech);
	kf_bind_int(st, ":ad", ad);
	kf_bind_int(st, ":aid", aid);
	kf_bind_int(st, ":n", limit);
	if ((rc = read_orders(k, st, limit, out, n, err)) == KF_OK && back)
		kf_page_reverse(*out, *n, sizeof(**out));
	return rc;
}

enum kf_rc
kf_order_count(struct kf_core *k, const struct kf_order_filter *f,
    int64_t now, int64_t soon_s, struct kf_order_counts *c,
    struct kf_err *err)
{
	int64_t tech = f->technician_id;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_may(k, KF_ACT_ORDER_VIEW, 0, err)) != KF_OK)
		return rc;
	if (kf_order_own_only(k)) {			/* R54: his own */
		if (tech != 0 && tech != kf_core_actor_id(k))
			return KF_OK;
		tech = kf_core_actor_id(k);
	}
	st = kf_sql(k, SQL_COUNTS);
	kf_bind_int(st, ":now", now);
	kf_bind_int(st, ":soon", now + soon_s);
	kf_bind_int(st, ":state", f->state);
	kf_bind_int(st, ":cat", f->category);
	kf_bind_int(st, ":tech", tech);
	kf_bind_int(st, ":overdue", f->overdue_only);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		c->open = sqlite3_column_int64(st, 0);
		c->overdue = sqlite3_column_int64(st, 1);
		c->due_soon = sqlite3_column_int64(st, 2);
	}
	kf_sql_done(st);
	return src == SQLITE_ROW ? KF_OK :
	    kf_db_err(k, src, "counting the open orders", err);
}

int64_t
kf_order_overdue_count(struct kf_core *k)
{
	sqlite3_stmt *st;
	int64_t n = 0;

	if (kf_may(k, KF_ACT_ORDER_VIEW, 0, NULL) != KF_OK)
		return 0;
	st = kf_sql(k, SQL_OVERDUE_COUNT);
	kf_bind_int(st, ":now", kf_core_now(k));
	kf_bind_int(st, ":tech", kf_order_own_only(k) ? kf_core_actor_id(k) : 0);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return n;
}

void
kf_order_my_open(struct kf_core *k, int64_t *ids, size_t max, size_t *n)
{
	sqlite3_stmt *st;

	*n = 0;
	if (!(kf_core_actor_roles(k) & KF_ROLE_TECHNICIAN) || max == 0)
		return;
	st = kf_sql(k, SQL_MY_OPEN);
	kf_bind_int(st, ":tech", kf_core_actor_id(k));
	kf_bind_int(st, ":n", (int64_t)max);
	while (*n < max && sqlite3_step(st) == SQLITE_ROW)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
}

enum kf_rc
kf_order_of_customer(struct kf_core *k, int64_t customer_id, int limit,
    struct kf_order **out, size_t *n, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_ORDER_VIEW, 0, err)) != KF_OK)
		return rc;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	st = kf_sql(k, SQL_OF_CUSTOMER);
	kf_bind_int(st, ":c", customer_id);
	/* A technician reads his own orders only (R54). */
	kf_bind_int(st, ":tech", kf_order_own_only(k) ? kf_core_actor_id(k) : 0);
	kf_bind_int(st, ":n", limit);
	return read_orders(k, st, limit, out, n, err);
}

enum kf_rc
kf_order_nearby(struct kf_core *k, const char *address, const char *community,
    const char *building, int limit, struct kf_order **out, size_t *n,
    int *level, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int lv;

	*out = NULL;
	*n = 0;
	*level = 0;
	if ((rc = kf_may(k, KF_ACT_ORDER_NEW, 0, err)) != KF_OK)
		return rc;		/* intake only: not for technicians (R54) */
	if (limit < 1 || limit > 100)
		limit = 100;
	for (lv = 3; lv >= 1; lv--) {
		if ((lv == 3 && (address == NULL || kf_blank(address))) ||
		    (lv == 2 && (community == NULL || *community == '\0' ||
		    building == NULL || *building == '\0')) ||
		    (lv == 1 && (community == NULL || *community == '\0')))
			continue;
		st = kf_sql(k, lv == 3 ? SQL_NEAR_ADDRESS : lv == 2 ?
		    SQL_NEAR_BUILDING : SQL_NEAR_COMMUNITY);
		if (lv == 3)
			kf_bind_text(st, ":a", address);
		else
			kf_bind_text(st, ":c", community);
		if (lv == 2)
			kf_bind_text(st, ":b", building);
		kf_bind_int(st, ":n", limit);
		if ((rc = read_orders(k, st, limit, out, n, err)) != KF_OK)
			return rc;
		if (*n > 0) {
			*level = lv;
			return KF_OK;
		}
		kf_order_list_free(*out, *n);
		*out = NULL;
	}
	return KF_OK;
}

void
kf_order_tech_load_free(struct kf_tech_load *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].login);
		free(v[i].display_name);
	}
	free(v);
}

enum kf_rc
kf_order_tech_load(struct kf_core *k, struct kf_tech_load **out, size_t *n,
    struct kf_err *err)
{
	struct kf_tech_load *v = NULL;
	sqlite3_stmt *st;
	size_t len = 0, cap = 0, i;
	unsigned roles;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_ORDER_VIEW, 0, err)) != KF_OK)
		return rc;
	if (kf_order_own_only(k))
		return kf_err_set(err, KF_DENIED, "the technicians' load is "
		    "for those who dispatch");
	st = kf_sql(k, SQL_TECHS);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (kf_roles_parse((const char *)sqlite3_column_text(st, 3),
		    &roles, NULL) != KF_OK || !(roles & KF_ROLE_TECHNICIAN))
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[len].id = sqlite3_column_int64(st, 0);
		v[len].login = kf_col_strdup(st, 1);
		v[len].display_name = kf_col_strdup(st, 2);
		v[len].open = 0;
		len++;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_order_tech_load_free(v, len);
		return kf_db_err(k, src, "listing technicians", err);
	}
	st = kf_sql(k, SQL_LOAD);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < len; i++)
			if (v[i].id == sqlite3_column_int64(st, 0))
				v[i].open = sqlite3_column_int(st, 1);
	kf_sql_done(st);
	*out = v;
	*n = len;
	return KF_OK;
}

bool
kf_order_customer_is_his(struct kf_core *k, int64_t customer_id)
{
	sqlite3_stmt *st = kf_sql(k, SQL_ON_HIS_ORDER);
	bool yes;

	kf_bind_int(st, ":c", customer_id);
	kf_bind_int(st, ":t", kf_core_actor_id(k));
	yes = sqlite3_step(st) == SQLITE_ROW;
	kf_sql_done(st);
	return yes;
}
