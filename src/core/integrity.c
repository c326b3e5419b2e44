/*
 * integrity.c — kefu check: the database file, the audit chain, every
 * record against its audit trail, and seals kept outside the database
 * (R54).
 *
 * Design note: records against the trail.
 *   Every change the core makes writes an audit row whose `after` holds
 *   the fields it set (the creation row: the new record's fields). So a
 *   record must equal its trail replayed:
 *
 *     state := creation.after (or, for a policy seeded by a migration, the
 *              migration's own values), then each later after in id order
 *     row   == state, field by field; row.version == the newest version
 *
 *   The table (ORDER BY id) and its trail (entity = e ORDER BY entity_id,
 *   id: the index audit_by_entity_id, each after unrolled by json_each)
 *   are read side by side in one pass, a merge join:
 *
 *     row id  <  trail id   a record nothing in the trail made  (no_trail)
 *     row id  == trail id   replay, compare every column         (field)
 *     row id  >  trail id   a trail whose record is gone        (no_record)
 *
 *   One statement per side, no query per record: linear in the database.
 *   How each column is proven is said in its struct col; a column an
 *   older kefu did not record at creation (C_LEGACY) is proven only once
 *   a later change records it. Deliberately not compared (docs/admin.md):
 *   the search indexes derived from a customer (customer_phone,
 *   customer_gram, customer_digits, customer_fts), drafts and personal
 *   preferences. The
 *   callers linked to an order (order_reporter) are compared with the
 *   creation's contact_id and each order.link, as a third stream; so are
 *   a month's drawn orders and an open letter's tasks with the id arrays
 *   of their creation (callback_sample_order, callback_letter_task).
 *
 * Design note: seals.
 *   The chain is a BLAKE2b hash without a key and its head lives in the
 *   same file, so whoever can write the file can rewrite the newest rows
 *   and recompute the chain. A seal — the newest row's number and hash —
 *   kept where those writers cannot reach (the system journal, an
 *   append-only root-owned file, paper) pins the trail up to that row:
 *   check --seal proves the trail still has that hash at that row, and
 *   the chain proves every row before it. Rows after the newest seal are
 *   only as safe as the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "internal.h"
#include "kefu/audit.h"
#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/fee.h"
#include "kefu/i18n.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "schema.h"

static const char SQL_HEAD[] = "SELECT last_id, last_hash FROM audit_head";
static const char SQL_CHAIN[] =
    "SELECT id, at, actor_id, actor, action, entity, entity_id, version, "
    "before, after, prev_hash, hash FROM audit ORDER BY id";
static const char SQL_TRIGGERS[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
    "name IN ('audit_no_update', 'audit_no_delete')";
/*
 * One entity's trail, record by record, each row's after unrolled into
 * its keys (a row whose after is not an object gives one row of NULLs,
 * and so does a malformed one: the chain reports the edit).
 */
static const char SQL_TRAIL[] =
    "SELECT a.entity_id, a.id, a.at, a.actor_id, a.version, a.action, "
    "a.before IS NULL, j.key, j.value, j.type FROM audit AS a "
    "LEFT JOIN json_each(CASE WHEN json_valid(a.after) THEN a.after END) "
    "AS j WHERE a.entity = :e ORDER BY a.entity_id, a.id";

/* The rows of each table, id first and version last, columns as in its
 * struct col array. */
static const char SQL_STAFF_ROWS[] =
    "SELECT id, login, display_name, roles, unix_user, pw_hash, disabled, "
    "created_at, version FROM staff ORDER BY id";
static const char SQL_POLICY_ROWS[] =
    "SELECT id, key, value, unit, min_value, max_value, rule, description, "
    "version FROM policy ORDER BY id";
static const char SQL_CUSTOMER_ROWS[] =
    "SELECT id, account, name, phones, community, building, unit, room, "
    "address, kind, move_in, notes, status, created_at, version "
    "FROM customer ORDER BY id";
static const char SQL_CONTACT_ROWS[] =
    "SELECT id, at, channel, purpose, customer_id, caller_name, "
    "caller_title, caller_phone, asked, done, staff_id, appointment_at, "
    "documents_checked, accompanied_by, key_out_at, key_in_at, urgency, "
    "routed_to, formalities, received_by, callback_due_at, handled_at, "
    "handled_by, outcome, appointment_cancelled_at, entered_at, version "
    "FROM contact ORDER BY id";
static const char SQL_FEE_ROWS[] =
    "SELECT id, code, name, unit, price, active, version "
    "FROM fee_item ORDER BY id";
static const char SQL_ORDER_ROWS[] =
    "SELECT id, reported_at, reported_by, contact_id, customer_id, address, "
    "community, building, contact_name, contact_phone, fault, fee_code, "
    "category, state, emergency, paperwork_pending, needs_approval, "
    "approved_by, approved_at, appointment_at, deadline_at, "
    "deadline_on_arrival, due_at, acked_at, acked_by, technician_id, "
    "dispatched_at, dispatched_by, arrived_at, work_done, materials, "
    "materials_note, done_at, signed_name, signed_at, closed_at, "
    "cancel_reason, amount_due, entered_at, version "
    "FROM work_order ORDER BY id";
/* The callers linked to each order: its creation's contact and each
 * order.link (the primary key's order). */
static const char SQL_REPORTER_ROWS[] =
    "SELECT order_id, contact_id FROM order_reporter "
    "ORDER BY order_id, contact_id";
static const char SQL_ITEM_ROWS[] =
    "SELECT id, order_id, fee_id, code, name, unit, unit_price, quantity, "
    "amount, corrected, list_price, audit_state, off_list_note, "
    "audit_reason, audited_by, audited_at, version FROM order_item "
    "ORDER BY id";
/* Billing (schema/017, rate.c, meter.c). */
static const char SQL_RATE_ROWS[] =
    "SELECT id, kind, community, effective, basis, pricing, price_cfen, "
    "tiers, note, withdrawn, created_at, created_by, version "
    "FROM rate ORDER BY id";
static const char SQL_BILL_PERIOD_ROWS[] =
    "SELECT id, period, issued_at, community, version FROM bill_period "
    "ORDER BY id";
static const char SQL_AREA_ROWS[] =
    "SELECT id, customer_id, area_dm2, version FROM customer_area "
    "ORDER BY id";
static const char SQL_METER_ROWS[] =
    "SELECT id, code, kind, customer_id, community, building, position, "
    "digits, start, share_key, version FROM meter ORDER BY id";
static const char SQL_LINK_ROWS[] =
    "SELECT id, meter_id, customer_id, sub_meter_id, active, version "
    "FROM meter_link ORDER BY id";
static const char SQL_READING_ROWS[] =
    "SELECT id, meter_id, period, value, prev, usage, kind, spike, reason, "
    "entered_at, entered_by, version FROM reading ORDER BY id";
/* The billing desk (schema/018). */
static const char SQL_SETTING_ROWS[] =
    "SELECT id, key, value, version FROM bill_setting ORDER BY id";
static const char SQL_RUN_ROWS[] =
    "SELECT id, period, community, issued_at, issued_by, notices, "
    "first_seq, last_seq, total, version FROM bill_run ORDER BY id";
static const char SQL_ADJUST_ROWS[] =
    "SELECT id, customer_id, amount, reason, at, staff_id, version "
    "FROM bill_adjust ORDER BY id";
static const char SQL_NOTICE_ROWS[] =
    "SELECT id, period, seq, customer_id, run_id, issued_at, due_at, "
    "prev_balance, amount, total_due, paid, late_through, version "
    "FROM notice ORDER BY id";
static const char SQL_LINE_ROWS[] =
    "SELECT id, notice_id, kind, amount, source, ref_id, order_id, "
    "adjust_id, version FROM notice_line ORDER BY id";
static const char SQL_RECEIPT_ROWS[] =
    "SELECT id, no, customer_id, amount, method, note, taken_at, taken_by, "
    "prints, voided_at, voided_by, void_reason, version FROM receipt "
    "ORDER BY id";
static const char SQL_ALLOC_ROWS[] =
    "SELECT id, customer_id, receipt_id, credit_notice_id, notice_id, "
    "amount, at, reverses, version FROM bill_alloc ORDER BY id";
static const char SQL_CHASE_ROWS[] =
    "SELECT id, customer_id, at, staff_id, method, answer, next_step, "
    "next_at, owed, version FROM chase ORDER BY id";

static const char SQL_COMPLAINT_ROWS[] =
    "SELECT id, customer_id, name, phone, what, place, happened_at, channel, "
    "received_by, registered_at, contact_id, community, building, "
    "category_id, severity, via_company, municipal, state, responsible_id, "
    "forwarded_at, forwarded_by, valid, cause, responsibility, analysed_at, "
    "analysed_by, result, result_at, result_by, reply, replied_at, "
    "visit_who, visit_report, visit_at, approved_at, approved_by, "
    "callback_due_at, callback_done_at, callback_by, callback_method, "
    "callback_score, callback_note, signed_at, signed_by, closed_at, "
    "closed_by, withdraw_reason, withdrawn_at, reopen_reason, reopened_at, "
    "reopen_count, duplicate_of, track_due_at, analyse_due_at, "
    "explain_due_at, reply_due_at, action_due_at, due_at, due_clock, "
    "clock_from, queue_at, escalated, escalated_to, forward_due_at, "
    "queue_rank, version FROM complaint ORDER BY id";
static const char SQL_COMPLAINT_ACTION_ROWS[] =
    "SELECT id, complaint_id, text, owner_id, due_at, set_at, set_by, "
    "verified_at, verified_by, verify_note, version "
    "FROM complaint_action ORDER BY id";
static const char SQL_CALLBACK_ROWS[] =
    "SELECT id, reason, state, complaint_id, contact_id, order_id, "
    "survey_id, parent_id, sample_month, customer_id, name, phone, subject, "
    "due_at, next_try_at, owner_id, created_at, created_by, attempts, "
    "method, score, said, reason_text, signed_name, signed_at, problem, "
    "reply_due_at, raised_complaint_id, raised_order_id, letter_id, "
    "done_at, done_by, reviewed_at, reviewed_by, review_note, "
    "cancel_reason, cancelled_at, cancelled_by, version "
    "FROM callback ORDER BY id";
static const char SQL_CALLBACK_ATTEMPT_ROWS[] =
    "SELECT id, callback_id, at, by, outcome, later_at, note, version "
    "FROM callback_attempt ORDER BY id";
/* Callbacks' batch parts (schema/022, callback_batch.c). A month's
 * sample is audited as entity id YYYYMM (its primary key is the month):
 * the same order as the month's text. */
#define SAMPLE_ID \
    "CAST(substr(month, 1, 4) AS INTEGER) * 100 + " \
    "CAST(substr(month, 6, 2) AS INTEGER)"
static const char SQL_SAMPLE_ROWS[] =
    "SELECT " SAMPLE_ID ", month, seed, rate, population, size, "
    "population_hash, drawn_at, drawn_by, version FROM callback_sample "
    "ORDER BY month";
static const char SQL_SAMPLE_ORDER_ROWS[] =
    "SELECT " SAMPLE_ID ", order_id FROM callback_sample_order "
    "ORDER BY month, order_id";
static const char SQL_SURVEY_ROWS[] =
    "SELECT id, title, script, due_at, customers, created_at, created_by, "
    "version FROM callback_survey ORDER BY id";
static const char SQL_LETTER_ROWS[] =
    "SELECT id, subject, text, dated, created_at, created_by, version "
    "FROM callback_letter ORDER BY id";
static const char SQL_LETTER_TASK_ROWS[] =
    "SELECT letter_id, callback_id FROM callback_letter_task "
    "ORDER BY letter_id, callback_id";
#undef SAMPLE_ID

static const char SQL_COMPLAINT_CATEGORY_ROWS[] =
    "SELECT id, key, label, active, version FROM complaint_category "
    "ORDER BY id";

/* ---- how each column is proven ---- */

#define C_ZNULL		0x01	/* the creation writes 0 for NULL */
#define C_LEGACY	0x02	/* older kefu did not record it at creation */
#define C_SECRET	0x04	/* the trail holds a digest of the value */
#define C_AT		0x08	/* the creation row's time (AT_SLACK_S before) */
#define C_ACTOR		0x10	/* the creation row's actor */
#define C_PHONE012	0x20	/* schema/012 rewrote it in the table */

enum dflt { D_NULL, D_ZERO, D_EMPTY, D_KEY };

#define AT_SLACK_S	5	/* a creation's insert to its audit row, at most */

struct col {
	const char	*name;		/* column; also its trail key */
	unsigned	 flags;
	enum dflt	 dflt;		/* the value when the creation lacks it */
	const char	*alias;		/* another key that sets it, or NULL */
	const char	*(*name_of)(int);	/* the trail holds this name */
	int		 nnames;
};

struct table {
	const char		*entity;
	const char		*sql_rows;
	const struct col	*cols;
	int			 ncols;
	bool			 baseline;	/* rows seeded by migrations */
	const char		*skip_action;	/* its skip_key is no column */
	const char		*skip_key;
	/* Link rows (record id, linked id) made by the creation's skip_key
	 * (an id, or an array of ids) and by each skip_action:
	 * order_reporter, callback_sample_order, callback_letter_task. */
	const char		*sql_links;
	const char		*links_name;
};

static const char *
channel_of(int i)
{
	return kf_channel_name((enum kf_contact_channel)i);
}

static const char *
purpose_of(int i)
{
	return kf_purpose_name((enum kf_contact_purpose)i);
}

static const char *
category_of(int i)
{
	return kf_order_cat_name((enum kf_order_cat)i);
}

#define T(n)		{ #n, 0, D_NULL, NULL, NULL, 0 }
#define TD(n, d)	{ #n, 0, d, NULL, NULL, 0 }
#define TF(n, f)	{ #n, f, D_NULL, NULL, NULL, 0 }
#define TN(n, fn, c)	{ #n, 0, D_NULL, NULL, fn, c }

static const struct col staff_cols[] = {
	T(login), T(display_name), T(roles), T(unix_user),
	/* A digest of the hash: a hash copied from another account shows. */
	{ "pw_hash", C_SECRET, D_NULL, "password", NULL, 0 },
	TD(disabled, D_ZERO), TF(created_at, C_AT),
};
static const struct col policy_cols[] = {
	T(key), T(value), T(unit), T(min_value), T(max_value), T(rule),
	T(description),
};
static const struct col customer_cols[] = {
	T(account), T(name), T(phones), T(community), T(building), T(unit),
	T(room), T(address), T(kind), T(move_in), T(notes), T(status),
	TF(created_at, C_AT),
};
static const struct col contact_cols[] = {
	T(at), TN(channel, channel_of, 4), TN(purpose, purpose_of,
	KF_CONTACT_P_COUNT), TF(customer_id, C_ZNULL), T(caller_name),
	T(caller_title), T(caller_phone), T(asked), T(done),
	TF(staff_id, C_ACTOR), TF(appointment_at, C_ZNULL),
	TD(documents_checked, D_ZERO), TD(accompanied_by, D_EMPTY),
	TF(key_out_at, C_ZNULL), T(key_in_at), TD(urgency, D_ZERO),
	TD(routed_to, D_ZERO), TD(formalities, D_EMPTY),
	TF(received_by, C_ZNULL), TF(callback_due_at, C_ZNULL), T(handled_at),
	T(handled_by), TD(outcome, D_EMPTY), T(appointment_cancelled_at),
	/* When it was really entered (R1, R6: back-dating shows). */
	TF(entered_at, C_AT | C_LEGACY),
};
static const struct col fee_cols[] = {
	T(code), T(name), T(unit), T(price), TD(active, D_ZERO),
};
static const struct col order_cols[] = {
	T(reported_at), TF(reported_by, C_ACTOR), TF(contact_id, C_ZNULL),
	TF(customer_id, C_ZNULL), T(address), TF(community, C_LEGACY),
	TF(building, C_LEGACY), TD(contact_name, D_EMPTY),
	TF(contact_phone, C_PHONE012), T(fault), TD(fee_code, D_EMPTY),
	TN(category, category_of, KF_ORDER_CAT_COUNT), TD(state, D_ZERO),
	TD(emergency, D_ZERO), TD(paperwork_pending, D_ZERO),
	TD(needs_approval, D_ZERO), T(approved_by), T(approved_at),
	TF(appointment_at, C_ZNULL), T(deadline_at),
	TF(deadline_on_arrival, C_LEGACY),
	/* An order is due at its deadline until it is met. */
	{ "due_at", 0, D_KEY, "deadline_at", NULL, 0 },
	T(acked_at), T(acked_by), T(technician_id), T(dispatched_at),
	T(dispatched_by), T(arrived_at), TD(work_done, D_EMPTY),
	TD(materials, D_ZERO), TD(materials_note, D_EMPTY), T(done_at),
	TD(signed_name, D_EMPTY), T(signed_at), T(closed_at),
	TD(cancel_reason, D_EMPTY), TD(amount_due, D_ZERO),
	TF(entered_at, C_AT),
};
static const struct col item_cols[] = {
	T(order_id), TF(fee_id, C_LEGACY), T(code), TF(name, C_LEGACY),
	TF(unit, C_LEGACY), T(unit_price), T(quantity), T(amount),
	TD(corrected, D_ZERO),
	/* R17 (schema/018): the list's price of the time, the review. */
	TF(list_price, C_LEGACY), TF(audit_state, C_LEGACY),
	TF(off_list_note, C_LEGACY), TF(audit_reason, C_LEGACY),
	TF(audited_by, C_LEGACY), TF(audited_at, C_LEGACY),
};
/* The billing desk: every column is in its creation row. */
static const struct col setting_cols[] = { T(key), T(value) };
static const struct col run_cols[] = {
	T(period), T(community), T(issued_at), T(issued_by), T(notices),
	T(first_seq), T(last_seq), T(total),
};
static const struct col adjust_cols[] = {
	T(customer_id), T(amount), T(reason), T(at), T(staff_id),
};
static const struct col notice_cols[] = {
	T(period), T(seq), T(customer_id), T(run_id), T(issued_at), T(due_at),
	T(prev_balance), T(amount), T(total_due), T(paid), T(late_through),
};
static const struct col line_cols[] = {
	T(notice_id), T(kind), T(amount), T(source), T(ref_id), T(order_id),
	T(adjust_id),
};
static const struct col receipt_cols[] = {
	T(no), T(customer_id), T(amount), T(method), T(note), T(taken_at),
	T(taken_by), T(prints), T(voided_at), T(voided_by), T(void_reason),
};
static const struct col alloc_cols[] = {
	T(customer_id), T(receipt_id), T(credit_notice_id), T(notice_id),
	T(amount), T(at), T(reverses),
};
static const struct col chase_cols[] = {
	T(customer_id), T(at), T(staff_id), T(method), T(answer),
	T(next_step), T(next_at), T(owed),
};
/* A complaint's creation records every column it starts with (its
 * registered_at and received_by: the creation row's time and actor). */
static const struct col complaint_cols[] = {
	T(customer_id), T(name), T(phone), T(what), T(place), T(happened_at),
	T(channel), TF(received_by, C_ACTOR), TF(registered_at, C_AT),
	T(contact_id), T(community), T(building), T(category_id),
	T(severity), T(via_company), T(municipal), T(state),
	T(responsible_id), T(forwarded_at), T(forwarded_by), T(valid),
	TD(cause, D_EMPTY), TD(responsibility, D_EMPTY), T(analysed_at),
	T(analysed_by), TD(result, D_EMPTY), T(result_at), T(result_by),
	TD(reply, D_EMPTY), T(replied_at), TD(visit_who, D_EMPTY),
	TD(visit_report, D_EMPTY), T(visit_at), T(approved_at),
	T(approved_by), T(callback_due_at), T(callback_done_at),
	T(callback_by), TD(callback_method, D_ZERO),
	TD(callback_score, D_ZERO), TD(callback_note, D_EMPTY), T(signed_at),
	T(signed_by), T(closed_at), T(closed_by),
	TD(withdraw_reason, D_EMPTY), T(withdrawn_at),
	TD(reopen_reason, D_EMPTY), T(reopened_at), TD(reopen_count, D_ZERO),
	T(duplicate_of), T(track_due_at), T(analyse_due_at),
	T(explain_due_at), T(reply_due_at), T(action_due_at), T(due_at),
	T(due_clock), T(clock_from), T(queue_at), TD(escalated, D_ZERO),
	T(escalated_to),
	/* schema/019: the forwarding clock (R28) */
	TF(forward_due_at, C_LEGACY), TF(queue_rank, C_LEGACY),
};
static const struct col complaint_action_cols[] = {
	T(complaint_id), T(text), T(owner_id), T(due_at), TF(set_at, C_AT),
	TF(set_by, C_ACTOR), T(verified_at), T(verified_by),
	TD(verify_note, D_EMPTY),
};
static const struct col complaint_category_cols[] = {
	T(key), T(label), T(active),
};
/* A callback task's creation records every column it starts with (its
 * created_at: the creation row's time); callback_batch.c's tasks too. */
static const struct col callback_cols[] = {
	T(reason), T(state), T(complaint_id), T(contact_id), T(order_id),
	T(survey_id), T(parent_id), TD(sample_month, D_EMPTY),
	T(customer_id), TD(name, D_EMPTY), TD(phone, D_EMPTY),
	TD(subject, D_EMPTY), T(due_at), T(next_try_at), T(owner_id),
	TF(created_at, C_AT), T(created_by), TD(attempts, D_ZERO), T(method),
	TD(score, D_ZERO), TD(said, D_EMPTY), TD(reason_text, D_EMPTY),
	TD(signed_name, D_EMPTY), T(signed_at), TD(problem, D_EMPTY),
	T(reply_due_at), T(raised_complaint_id), T(raised_order_id),
	T(letter_id), T(done_at), T(done_by), T(reviewed_at), T(reviewed_by),
	TD(review_note, D_EMPTY), TD(cancel_reason, D_EMPTY),
	T(cancelled_at), T(cancelled_by),
};
static const struct col callback_attempt_cols[] = {
	T(callback_id), TF(at, C_AT), T(by), T(outcome), T(later_at),
	TD(note, D_EMPTY),
};
static const struct col rate_cols[] = {
	T(kind), T(community), T(effective), T(basis), T(pricing),
	T(price_cfen), T(tiers), T(note), TD(withdrawn, D_ZERO),
	TF(created_at, C_AT), TF(created_by, C_ACTOR),
};
static const struct col bill_period_cols[] = {
	T(period), TF(issued_at, C_AT), TF(community, C_LEGACY),
};
static const struct col area_cols[] = {
	T(customer_id), T(area_dm2),
};
static const struct col meter_cols[] = {
	T(code), T(kind), T(customer_id), T(community), T(building),
	T(position), T(digits), T(start), T(share_key),
};
static const struct col link_cols[] = {
	T(meter_id), T(customer_id), T(sub_meter_id), T(active),
};
static const struct col reading_cols[] = {
	T(meter_id), T(period), T(value), T(prev), T(usage), T(kind),
	T(spike), TD(reason, D_EMPTY), TF(entered_at, C_AT),
	TF(entered_by, C_ACTOR),
};
/* Every column is in the creation row; the drawn orders and the tasks
 * a letter answered are its id arrays, compared as link rows. */
static const struct col sample_cols[] = {
	T(month), T(seed), T(rate), T(population), T(size),
	T(population_hash), T(drawn_at), T(drawn_by),
};
static const struct col survey_cols[] = {
	T(title), T(script), T(due_at), T(customers), T(created_at),
	T(created_by),
};
static const struct col letter_cols[] = {
	T(subject), T(text), T(dated), T(created_at), T(created_by),
};
#undef T
#undef TD
#undef TF
#undef TN

#define NC(a)	(int)(sizeof(a) / sizeof(a[0]))
static const struct table tables[] = {
	{ "staff", SQL_STAFF_ROWS, staff_cols, NC(staff_cols), false,
	  NULL, NULL, NULL, NULL },
	{ "policy", SQL_POLICY_ROWS, policy_cols, NC(policy_cols), true,
	  NULL, NULL, NULL, NULL },
	{ "customer", SQL_CUSTOMER_ROWS, customer_cols, NC(customer_cols),
	  false, NULL, NULL, NULL, NULL },
	{ "contact", SQL_CONTACT_ROWS, contact_cols, NC(contact_cols), false,
	  NULL, NULL, NULL, NULL },
	{ "fee_item", SQL_FEE_ROWS, fee_cols, NC(fee_cols), false, NULL,
	  NULL, NULL, NULL },
	/* order.link names a caller linked as a reporter (order_reporter),
	 * not the order's own contact_id. */
	{ "work_order", SQL_ORDER_ROWS, order_cols, NC(order_cols), false,
	  "order.link", "contact_id", SQL_REPORTER_ROWS, "order_reporter" },
	{ "order_item", SQL_ITEM_ROWS, item_cols, NC(item_cols), false, NULL,
	  NULL, NULL, NULL },
	/* Complaints (issue 12); the categories seeded by schema/016. The
	 * search rows (complaint_fts, complaint_gram) are derived, not
	 * compared, as the customer's are. */
	{ "complaint_category", SQL_COMPLAINT_CATEGORY_ROWS,
	  complaint_category_cols, NC(complaint_category_cols), true, NULL,
	  NULL, NULL, NULL },
	{ "complaint", SQL_COMPLAINT_ROWS, complaint_cols, NC(complaint_cols),
	  false, NULL, NULL, NULL, NULL },
	{ "complaint_action", SQL_COMPLAINT_ACTION_ROWS, complaint_action_cols,
	  NC(complaint_action_cols), false, NULL, NULL, NULL, NULL },
	/* Callbacks (issue 13). */
	{ "callback", SQL_CALLBACK_ROWS, callback_cols, NC(callback_cols),
	  false, NULL, NULL, NULL, NULL },
	{ "callback_attempt", SQL_CALLBACK_ATTEMPT_ROWS, callback_attempt_cols,
	  NC(callback_attempt_cols), false, NULL, NULL, NULL, NULL },
	{ "rate", SQL_RATE_ROWS, rate_cols, NC(rate_cols), false, NULL, NULL,
	  NULL, NULL },
	{ "bill_period", SQL_BILL_PERIOD_ROWS, bill_period_cols,
	  NC(bill_period_cols), false, NULL, NULL, NULL, NULL },
	{ "customer_area", SQL_AREA_ROWS, area_cols, NC(area_cols), false,
	  NULL, NULL, NULL, NULL },
	{ "meter", SQL_METER_ROWS, meter_cols, NC(meter_cols), false, NULL,
	  NULL, NULL, NULL },
	{ "meter_link", SQL_LINK_ROWS, link_cols, NC(link_cols), false, NULL,
	  NULL, NULL, NULL },
	{ "reading", SQL_READING_ROWS, reading_cols, NC(reading_cols), false,
	  NULL, NULL, NULL, NULL },
	{ "bill_setting", SQL_SETTING_ROWS, setting_cols, NC(setting_cols),
	  true, NULL, NULL, NULL, NULL },
	{ "bill_run", SQL_RUN_ROWS, run_cols, NC(run_cols), false, NULL, NULL,
	  NULL, NULL },
	{ "bill_adjust", SQL_ADJUST_ROWS, adjust_cols, NC(adjust_cols), false,
	  NULL, NULL, NULL, NULL },
	{ "notice", SQL_NOTICE_ROWS, notice_cols, NC(notice_cols), false, NULL,
	  NULL, NULL, NULL },
	{ "notice_line", SQL_LINE_ROWS, line_cols, NC(line_cols), false, NULL,
	  NULL, NULL, NULL },
	{ "receipt", SQL_RECEIPT_ROWS, receipt_cols, NC(receipt_cols), false,
	  NULL, NULL, NULL, NULL },
	{ "bill_alloc", SQL_ALLOC_ROWS, alloc_cols, NC(alloc_cols), false,
	  NULL, NULL, NULL, NULL },
	{ "chase", SQL_CHASE_ROWS, chase_cols, NC(chase_cols), false, NULL,
	  NULL, NULL, NULL },
	/* Callbacks' batch parts (R41, R42, R46). */
	{ "callback_sample", SQL_SAMPLE_ROWS, sample_cols, NC(sample_cols),
	  false, NULL, "order_ids", SQL_SAMPLE_ORDER_ROWS,
	  "callback_sample_order" },
	{ "callback_survey", SQL_SURVEY_ROWS, survey_cols, NC(survey_cols),
	  false, NULL, NULL, NULL, NULL },
	{ "callback_letter", SQL_LETTER_ROWS, letter_cols, NC(letter_cols),
	  false, NULL, "task_ids", SQL_LETTER_TASK_ROWS,
	  "callback_letter_task" },
};
#undef NC

/* ---- problems ---- */

struct run {
	struct kf_core	 *k;
	void		(*report)(const struct kf_check_problem *, void *);
	void		 *arg;
	int		  count;
	struct kf_err	 *err;
};

const char *
kf_check_kind_name(enum kf_check_kind kind)
{
	static const char *const names[] = {
		[KF_CHECK_DAMAGED] = "damaged",
		[KF_CHECK_FOREIGN_KEY] = "foreign_key",
		[KF_CHECK_AUDIT_ROW] = "audit_row",
		[KF_CHECK_AUDIT_HEAD] = "audit_head",
		[KF_CHECK_TRIGGERS] = "triggers",
		[KF_CHECK_FIELD] = "field",
		[KF_CHECK_NO_TRAIL] = "no_trail",
		[KF_CHECK_NO_RECORD] = "no_record",
		[KF_CHECK_SEAL] = "seal",
		[KF_CHECK_MONEY] = "money",
		[KF_CHECK_SUMS] = "sums",
	};

	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ?
	    names[kind] : "?";
}

/* Reports one problem; fmt is a gettext id (N_). */
static void __attribute__((format(printf, 8, 9)))
problem(struct run *r, enum kf_check_kind kind, const char *entity,
    int64_t id, const char *field, const char *trail, const char *row,
    const char *fmt, ...)
{
	struct kf_check_problem p;
	char msg[sizeof(r->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), kf_gettext(fmt), ap);
	va_end(ap);
	if (r->count++ == 0)
		kf_err_set(r->err, KF_DBERR, "%s", msg);
	if (r->report == NULL)
		return;
	p = (struct kf_check_problem){ kind, entity, id, field, trail, row,
	    msg };
	r->report(&p, r->arg);
}

/* ---- the file, the foreign keys, the chain ---- */

/* Reports one line of SQLite's integrity_check in an admin's words. */
static void
damaged(struct run *r, const char *line)
{
	if (strstr(line, "index") != NULL)
		problem(r, KF_CHECK_DAMAGED, NULL, 0, NULL, NULL, NULL,
		    N_("the database file is damaged: an index does not match "
		    "its table (SQLite: %s); restore it from the newest backup "
		    "that passes kefu check"), line);
	else
		problem(r, KF_CHECK_DAMAGED, NULL, 0, NULL, NULL, NULL,
		    N_("the database file is damaged (SQLite: %s); restore it "
		    "from the newest backup that passes kefu check"), line);
}

static void
check_file(struct run *r)
{
	sqlite3_stmt *st;
	const char *msg, *nl;
	char line[256];
	size_t n;
	int src, lines = 0;

	if (sqlite3_prepare_v2(r->k->db, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK) {
		problem(r, KF_CHECK_DAMAGED, NULL, 0, NULL, NULL, NULL,
		    N_("the database file is damaged (%s): restore it from "
		    "the newest backup that passes kefu check"),
		    sqlite3_errmsg(r->k->db));
		return;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(st, 0);
		if (msg == NULL || strcmp(msg, "ok") == 0)
			continue;
		/* A row may hold several lines; "*** in database main ***"
		 * only heads SQLite's list and says nothing to an admin. */
		for (; *msg != '\0'; msg = *nl ? nl + 1 : nl) {
			if ((nl = strchr(msg, '\n')) == NULL)
				nl = msg + strlen(msg);
			n = (size_t)(nl - msg) < sizeof(line) ?
			    (size_t)(nl - msg) : sizeof(line) - 1;
			memcpy(line, msg, n);
			line[n] = '\0';
			if (n == 0 || strncmp(line, "*** in database", 15) == 0)
				continue;
			lines++;
			damaged(r, line);
		}
	}
	sqlite3_finalize(st);
	if (src != SQLITE_DONE && lines == 0)
		problem(r, KF_CHECK_DAMAGED, NULL, 0, NULL, NULL, NULL,
		    N_("the database file is damaged (%s): restore it from "
		    "the newest backup that passes kefu check"),
		    sqlite3_errstr(src));
}

static void
check_foreign_keys(struct run *r)
{
	sqlite3_stmt *st;
	const char *t, *parent;

	if (sqlite3_prepare_v2(r->k->db, "PRAGMA foreign_key_check", -1, &st,
	    NULL) != SQLITE_OK)
		return;		/* the file check has said why */
	while (sqlite3_step(st) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		parent = (const char *)sqlite3_column_text(st, 2);
		problem(r, KF_CHECK_FOREIGN_KEY, t,
		    sqlite3_column_int64(st, 1), NULL, NULL, NULL,
		    N_("%s %lld points to a %s that does not exist (deleted "
		    "outside kefu)"), t ? t : "?",
		    (long long)sqlite3_column_int64(st, 1),
		    parent ? parent : "?");
	}
	sqlite3_finalize(st);
}

struct seal {
	int		 line;		/* in the file, from 1 */
	char		 db[17];
	int64_t		 row;
	unsigned char	 hash[32];
	int64_t		 at;
};

/* Parses a seal from s (the text after "kefu-seal "); false if malformed. */
static bool
parse_seal(const char *s, struct seal *out)
{
	char db[17], hex[65];
	long long row, at;
	size_t len;
	int n = 0;

	if (sscanf(s, "v1 db=%16[0-9a-f] row=%lld hash=%64[0-9a-f] at=%lld%n",
	    db, &row, hex, &at, &n) != 4 || n == 0 || strlen(db) != 16 ||
	    strlen(hex) != 64 || row < 1)
		return false;
	memcpy(out->db, db, sizeof(db));
	out->row = row;
	out->at = at;
	return sodium_hex2bin(out->hash, sizeof(out->hash), hex, 64, NULL,
	    &len, NULL) == 0 && len == sizeof(out->hash);
}

/*
 * Walks the chain from row 1 to the head; with seals (sorted by row),
 * also proves each sealed row still has its hash. *first receives row
 * 1's hash (zeros when the trail is empty).
 */
static void
check_chain(struct run *r, const struct seal *seals, size_t nseals,
    unsigned char first[32])
{
	unsigned char prev[32] = { 0 }, hash[32];
	sqlite3_stmt *st;
	int64_t expect = 1, id = 0, head_id;
	size_t si = 0;
	char when[32];
	int src;

	memset(first, 0, 32);
	st = kf_sql(r->k, SQL_CHAIN);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id != expect)
			problem(r, KF_CHECK_AUDIT_ROW, "audit", id, NULL, NULL,
			    NULL, id > expect ? N_("audit row %lld: rows before "
			    "it are missing (deleted)") : N_("audit row %lld: "
			    "out of sequence"), (long long)id);
		if (sqlite3_column_bytes(st, 10) != 32 ||
		    memcmp(sqlite3_column_blob(st, 10), prev, 32) != 0)
			problem(r, KF_CHECK_AUDIT_ROW, "audit", id, NULL, NULL,
			    NULL, N_("audit row %lld: does not follow the row "
			    "before it (a row was deleted, inserted or edited)"),
			    (long long)id);
		kf_audit_hash(sqlite3_column_bytes(st, 10) == 32 ?
		    sqlite3_column_blob(st, 10) : prev, id,
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 5),
		    sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7),
		    (const char *)sqlite3_column_text(st, 8),
		    (const char *)sqlite3_column_text(st, 9), hash);
		if (sqlite3_column_bytes(st, 11) != 32 ||
		    memcmp(sqlite3_column_blob(st, 11), hash, 32) != 0)
			problem(r, KF_CHECK_AUDIT_ROW, "audit", id, NULL, NULL,
			    NULL, N_("audit row %lld: hash does not match its "
			    "contents (row edited)"), (long long)id);
		if (sqlite3_column_bytes(st, 11) == 32)
			memcpy(prev, sqlite3_column_blob(st, 11), 32);
		if (id == 1)
			memcpy(first, prev, 32);
		for (; si < nseals && seals[si].row <= id; si++) {
			if (seals[si].row != id ||
			    memcmp(seals[si].hash, prev, 32) == 0)
				continue;
			kf_time_local(seals[si].at, when, sizeof(when));
			problem(r, KF_CHECK_SEAL, "audit", id, NULL, NULL, NULL,
			    N_("audit row %lld is not the row sealed at %s "
			    "(seal line %d): the trail was rewritten up to "
			    "that row"), (long long)id, when, seals[si].line);
		}
		expect = id + 1;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		problem(r, KF_CHECK_AUDIT_ROW, "audit", id, NULL, NULL, NULL,
		    N_("the audit trail cannot be read after row %lld (%s)"),
		    (long long)id, sqlite3_errstr(src));
		return;
	}
	for (; si < nseals; si++) {
		kf_time_local(seals[si].at, when, sizeof(when));
		problem(r, KF_CHECK_SEAL, "audit", seals[si].row, NULL, NULL,
		    NULL, N_("the audit trail ends at row %lld, but a seal made "
		    "at %s (seal line %d) names row %lld: the newest rows were "
		    "deleted"), (long long)id, when, seals[si].line,
		    (long long)seals[si].row);
	}
	st = kf_sql(r->k, SQL_HEAD);
	if (sqlite3_step(st) == SQLITE_ROW) {
		head_id = sqlite3_column_int64(st, 0);
		if (head_id != id || sqlite3_column_bytes(st, 1) != 32 ||
		    memcmp(sqlite3_column_blob(st, 1), prev, 32) != 0)
			problem(r, KF_CHECK_AUDIT_HEAD, "audit",
			    head_id > id ? head_id : id, NULL, NULL, NULL,
			    N_("audit row %lld: the newest rows are missing or "
			    "the head was edited"),
			    (long long)(head_id > id ? head_id : id));
	} else
		problem(r, KF_CHECK_AUDIT_HEAD, "audit", 0, NULL, NULL, NULL,
		    N_("the audit head is missing"));
	kf_sql_done(st);
}

static void
check_triggers(struct run *r)
{
	sqlite3_stmt *st = kf_sql(r->k, SQL_TRIGGERS);

	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 2)
		problem(r, KF_CHECK_TRIGGERS, "audit", 0, NULL, NULL, NULL,
		    N_("audit: the append-only triggers are missing "
		    "(dropped?)"));
	kf_sql_done(st);
}

/* ---- the money adds up (issue 14, R15, R19) ---- */

/* Each a statement over one table, linear through its indexes: the rows
 * whose sums do not hold. */
static const char SQL_MONEY_LINES[] =
    "SELECT n.id, n.amount, (SELECT coalesce(sum(l.amount), 0) FROM "
    "notice_line AS l WHERE l.notice_id = n.id) AS s FROM notice AS n "
    "WHERE n.amount != s ORDER BY n.id";
static const char SQL_MONEY_TOTAL[] =
    "SELECT id, total_due, prev_balance + amount FROM notice WHERE "
    "total_due != prev_balance + amount ORDER BY id";
static const char SQL_MONEY_PAID[] =
    "SELECT n.id, n.paid, (SELECT coalesce(sum(a.amount), 0) FROM "
    "bill_alloc AS a WHERE a.notice_id = n.id) AS s FROM notice AS n "
    "WHERE n.paid != s ORDER BY n.id";
static const char SQL_MONEY_RECEIPT[] =
    "SELECT r.id, r.no, r.amount, (SELECT coalesce(sum(a.amount), 0) FROM "
    "bill_alloc AS a WHERE a.receipt_id = r.id) AS s FROM receipt AS r "
    "WHERE s > r.amount OR s < 0 ORDER BY r.id";
static const char SQL_MONEY_NUMBERS[] =
    "SELECT count(*), coalesce(min(no), 0), coalesce(max(no), 0), "
    "(SELECT next FROM bill_counter WHERE name = 'receipt') FROM receipt";

static void
check_money(struct run *r)
{
	char a[32], b[32];
	sqlite3_stmt *st;
	int64_t n, lo, hi, next;
	int src;

	st = kf_sql(r->k, SQL_MONEY_LINES);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		kf_money_format(sqlite3_column_int64(st, 1), a, sizeof(a));
		kf_money_format(sqlite3_column_int64(st, 2), b, sizeof(b));
		problem(r, KF_CHECK_MONEY, "notice", sqlite3_column_int64(st, 0),
		    "amount", NULL, NULL, N_("notice %lld: its amount %s is not "
		    "the sum of its lines, %s"),
		    (long long)sqlite3_column_int64(st, 0), a, b);
	}
	kf_sql_done(st);
	st = kf_sql(r->k, SQL_MONEY_TOTAL);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		kf_money_format(sqlite3_column_int64(st, 1), a, sizeof(a));
		kf_money_format(sqlite3_column_int64(st, 2), b, sizeof(b));
		problem(r, KF_CHECK_MONEY, "notice", sqlite3_column_int64(st, 0),
		    "total_due", NULL, NULL, N_("notice %lld: its total due %s "
		    "is not the previous balance plus its amount, %s"),
		    (long long)sqlite3_column_int64(st, 0), a, b);
	}
	kf_sql_done(st);
	st = kf_sql(r->k, SQL_MONEY_PAID);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		kf_money_format(sqlite3_column_int64(st, 1), a, sizeof(a));
		kf_money_format(sqlite3_column_int64(st, 2), b, sizeof(b));
		problem(r, KF_CHECK_MONEY, "notice", sqlite3_column_int64(st, 0),
		    "paid", NULL, NULL, N_("notice %lld: paid %s, but the money "
		    "allocated to it adds up to %s"),
		    (long long)sqlite3_column_int64(st, 0), a, b);
	}
	kf_sql_done(st);
	st = kf_sql(r->k, SQL_MONEY_RECEIPT);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		kf_money_format(sqlite3_column_int64(st, 2), a, sizeof(a));
		kf_money_format(sqlite3_column_int64(st, 3), b, sizeof(b));
		problem(r, KF_CHECK_MONEY, "receipt", sqlite3_column_int64(st, 0),
		    "allocations", NULL, NULL, N_("receipt %lld: %s allocated to "
		    "notices, outside its amount %s"),
		    (long long)sqlite3_column_int64(st, 1), b, a);
	}
	kf_sql_done(st);
	st = kf_sql(r->k, SQL_MONEY_NUMBERS);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		lo = sqlite3_column_int64(st, 1);
		hi = sqlite3_column_int64(st, 2);
		next = sqlite3_column_int64(st, 3);
		/* R19: numbers unique (a UNIQUE index), so 1..N exactly when
		 * the lowest is 1 and the highest N. */
		if (n > 0 && (lo != 1 || hi != n))
			problem(r, KF_CHECK_MONEY, "receipt", 0, "no", NULL,
			    NULL, N_("receipts: %lld receipts numbered %lld to "
			    "%lld: the numbers have a gap (R19)"), (long long)n,
			    (long long)lo, (long long)hi);
		if (next != hi + 1)
			problem(r, KF_CHECK_MONEY, "bill_counter", 0, "next",
			    NULL, NULL, N_("receipts: the next number is %lld, "
			    "not %lld after the highest receipt (R19)"),
			    (long long)next, (long long)(hi + 1));
	}
	kf_sql_done(st);
	(void)src;
}

/* ---- the day sums the reports read (schema/025, R53) ---- */

/*
 * What was owed, by day (schema/025): the sums the reports' arrears read
 * against the notices and allocations they are derived from, day by day
 * (the days whose sums differ), and the triggers that keep them.
 */
static const char SQL_SUMS_OWED_DAY[] =
    "SELECT day, sum(k), sum(c) FROM (SELECT day, owed AS k, 0 AS c FROM "
    "bill_owed_day UNION ALL SELECT max(due_at + 1, issued_at) / 86400, "
    "0, amount FROM notice WHERE amount > 0 UNION ALL SELECT max(a.at, "
    "max(n.due_at + 1, n.issued_at)) / 86400, 0, -a.amount FROM bill_alloc "
    "AS a JOIN notice AS n ON n.id = a.notice_id WHERE n.amount > 0) "
    "GROUP BY day HAVING sum(k) != sum(c) ORDER BY day";
static const char SQL_SUMS_TRIGGERS[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
    "name IN ('bill_owed_notice_in', 'bill_owed_notice_out', "
    "'bill_owed_notice_set', 'bill_owed_alloc_in', 'bill_owed_alloc_out', "
    "'bill_owed_alloc_set', 'contact_day_in', 'contact_day_out', "
    "'contact_day_set')";
/* The contacts in the order of contact_cell (no sort), and their day
 * counts in the same order: merged in one pass. */
static const char SQL_SUMS_CONTACTS[] =
    "SELECT channel, purpose, at FROM contact ORDER BY channel, purpose, at";
static const char SQL_SUMS_CONTACT_DAYS[] =
    "SELECT channel, purpose, day, n FROM contact_day "
    "ORDER BY channel, purpose, day";

struct day_key {
	int64_t	ch, pu, day;
};

static int
day_key_cmp(const struct day_key *x, const struct day_key *y)
{
	if (x->ch != y->ch)
		return x->ch < y->ch ? -1 : 1;
	if (x->pu != y->pu)
		return x->pu < y->pu ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return 0;
}

/*
 * contact_day against the contacts: both streams in (channel, purpose,
 * day) order, each day's contacts counted and compared with its row (a
 * row of 0 with no contacts is fine: what an edit leaves behind).
 */
static void
check_contact_days(struct run *r)
{
	sqlite3_stmt *a = kf_sql(r->k, SQL_SUMS_CONTACTS);
	sqlite3_stmt *b = kf_sql(r->k, SQL_SUMS_CONTACT_DAYS);
	struct day_key ka = { 0, 0, 0 }, kb = { 0, 0, 0 }, key;
	int64_t na, nb;
	bool ha, hb;

#define NEXT_A() do {							\
	ha = sqlite3_step(a) == SQLITE_ROW;				\
	if (ha)								\
		ka = (struct day_key){ sqlite3_column_int64(a, 0),	\
		    sqlite3_column_int64(a, 1),				\
		    sqlite3_column_int64(a, 2) / 86400 };		\
} while (0)
#define NEXT_B() do {							\
	hb = sqlite3_step(b) == SQLITE_ROW;				\
	if (hb)								\
		kb = (struct day_key){ sqlite3_column_int64(b, 0),	\
		    sqlite3_column_int64(b, 1),				\
		    sqlite3_column_int64(b, 2) };			\
} while (0)
	NEXT_A();
	NEXT_B();
	while (ha || hb) {
		key = !hb || (ha && day_key_cmp(&ka, &kb) < 0) ? ka : kb;
		for (na = 0; ha && day_key_cmp(&ka, &key) == 0; na++)
			NEXT_A();
		nb = 0;
		if (hb && day_key_cmp(&kb, &key) == 0) {
			nb = sqlite3_column_int64(b, 3);
			NEXT_B();
		}
		if (na != nb)
			problem(r, KF_CHECK_SUMS, "contact_day", key.day, "n",
			    NULL, NULL, N_("contacts of day %lld (UTC), channel "
			    "%lld, purpose %lld: the count the reports read is "
			    "%lld, but %lld are recorded"), (long long)key.day,
			    (long long)key.ch, (long long)key.pu, (long long)nb,
			    (long long)na);
	}
#undef NEXT_A
#undef NEXT_B
	kf_sql_done(a);
	kf_sql_done(b);
}

static void
check_sums(struct run *r)
{
	char a[32], b[32];
	sqlite3_stmt *st;

	st = kf_sql(r->k, SQL_SUMS_OWED_DAY);
	while (sqlite3_step(st) == SQLITE_ROW) {
		kf_money_format(sqlite3_column_int64(st, 1), a, sizeof(a));
		kf_money_format(sqlite3_column_int64(st, 2), b, sizeof(b));
		problem(r, KF_CHECK_SUMS, "bill_owed_day",
		    sqlite3_column_int64(st, 0), "owed", NULL, NULL,
		    N_("what was owed on day %lld (UTC) reads %s, but the "
		    "notices and allocations of that day add up to %s"),
		    (long long)sqlite3_column_int64(st, 0), a, b);
	}
	kf_sql_done(st);
	check_contact_days(r);
	st = kf_sql(r->k, SQL_SUMS_TRIGGERS);
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 9)
		problem(r, KF_CHECK_SUMS, "report", 0, "triggers", NULL, NULL,
		    N_("the day sums the reports read: the triggers that keep "
		    "them are missing (dropped?)"));
	kf_sql_done(st);
}

/* ---- records against the trail ---- */

enum { V_UNSET = -2, V_UNKNOWN = -1 };	/* besides SQLITE_INTEGER/TEXT/NULL */

struct val {
	int	 t;
	int64_t	 i;
	char	*s;		/* owned, reused: cap bytes */
	size_t	 cap;
};

static void
val_text(struct val *v, const char *s)
{
	size_t n = strlen(s) + 1;

	if (n > v->cap) {
		free(v->s);
		v->cap = n < 64 ? 64 : n;
		v->s = xmalloc(v->cap);
	}
	memcpy(v->s, s, n);
	v->t = SQLITE_TEXT;
}

static void
val_copy(struct val *to, const struct val *from)
{
	if (from->t == SQLITE_TEXT)
		val_text(to, from->s);
	else {
		to->t = from->t;
		to->i = from->i;
	}
}

/* schema/012's rewrite of an order's phone, applied to the trail's. */
static void
phone012(const char *s, char *out, size_t n)
{
	const char *p;
	size_t o = 0;
	bool ok = strpbrk(s, " -") != NULL && strchr(s + (*s != '\0'), '+')
	    == NULL;

	for (p = s; *p && ok; p++)
		ok = (*p >= '0' && *p <= '9') || *p == ' ' || *p == '+' ||
		    *p == '-';
	for (p = s; *p && o + 1 < n; p++)
		if (!ok || (*p != ' ' && *p != '-'))
			out[o++] = *p;
	out[o] = '\0';
}

/* Appends v as a JSON value. */
static void
json_val(struct kf_buf *b, int t, int64_t i, const char *s)
{
	if (t == SQLITE_INTEGER)
		kf_buf_printf(b, "%lld", (long long)i);
	else if (t == SQLITE_TEXT)
		kf_buf_json_str(b, s);
	else
		kf_buf_puts(b, "null");
}

struct trail {
	sqlite3_stmt	*st;
	int		 src;		/* of the last step */
	int64_t		 eid;		/* entity_id of the current row */
};

static void
trail_step(struct trail *t)
{
	t->src = sqlite3_step(t->st);
	if (t->src == SQLITE_ROW)
		t->eid = sqlite3_column_int64(t->st, 0);
}

static int
col_of(const struct table *tb, const char *key, int *hint)
{
	int i, j;

	for (j = 0; j < tb->ncols; j++) {
		i = (*hint + j) % tb->ncols;
		if (strcmp(tb->cols[i].name, key) == 0 ||
		    (tb->cols[i].alias != NULL && tb->cols[i].dflt != D_KEY &&
		    strcmp(tb->cols[i].alias, key) == 0)) {
			*hint = i + 1;
			return i;
		}
	}
	return -1;
}

/* Sets the state of column c from the trail's current json value. */
static void
take(const struct table *tb, int c, sqlite3_stmt *st, bool creation,
    struct val *state)
{
	const struct col *cl = &tb->cols[c];
	struct val *v = &state[c];
	const char *s;
	int i;

	switch (sqlite3_column_type(st, 8)) {
	case SQLITE_INTEGER:
		v->t = SQLITE_INTEGER;
		v->i = sqlite3_column_int64(st, 8);
		if (creation && (cl->flags & C_ZNULL) && v->i == 0)
			v->t = SQLITE_NULL;
		break;
	case SQLITE_NULL:
		v->t = SQLITE_NULL;
		break;
	default:
		s = (const char *)sqlite3_column_text(st, 8);
		val_text(v, s ? s : "");
		for (i = 0; cl->name_of != NULL && i < cl->nnames; i++)
			if (strcmp(cl->name_of(i), v->s) == 0) {
				v->t = SQLITE_INTEGER;
				v->i = i;
				break;
			}
	}
}

/* The trail's word for a secret: a digest, or an older kefu's marker. */
static bool
secret_matches(const struct val *trail, sqlite3_stmt *row, int ci)
{
	char d[KF_AUDIT_DIGEST_LEN];
	const char *s;

	if (trail->t == SQLITE_NULL)
		return sqlite3_column_type(row, ci) == SQLITE_NULL;
	if (trail->t != SQLITE_TEXT)
		return false;
	if (strcmp(trail->s, "(set)") == 0)		/* before the digest */
		return sqlite3_column_type(row, ci) != SQLITE_NULL;
	if (strcmp(trail->s, "(changed)") == 0)
		return true;
	if ((s = (const char *)sqlite3_column_text(row, ci)) == NULL)
		return false;
	kf_audit_digest(s, d);
	return strcmp(d, trail->s) == 0;
}

static bool
same(const struct col *cl, const struct val *v, sqlite3_stmt *row, int ci)
{
	char buf[128];
	const char *s;
	int t = sqlite3_column_type(row, ci);

	if (cl->flags & C_SECRET)
		return secret_matches(v, row, ci);
	/* The record takes the clock when it is inserted, its audit row a
	 * moment later in the same transaction: a second may tick between. */
	if ((cl->flags & C_AT) && v->t == SQLITE_INTEGER && t == SQLITE_INTEGER)
		return sqlite3_column_int64(row, ci) <= v->i &&
		    sqlite3_column_int64(row, ci) >= v->i - AT_SLACK_S;
	if (v->t == SQLITE_NULL || t == SQLITE_NULL)
		return v->t == t;
	if (v->t == SQLITE_INTEGER)
		return t == SQLITE_INTEGER && sqlite3_column_int64(row, ci) == v->i;
	if (t != SQLITE_TEXT)
		return false;
	s = (const char *)sqlite3_column_text(row, ci);
	if (strcmp(s, v->s) == 0)
		return true;
	if (cl->flags & C_PHONE012) {
		phone012(v->s, buf, sizeof(buf));
		return strcmp(s, buf) == 0;
	}
	return false;
}

struct replay {
	struct val	*state;		/* one per column */
	int64_t		 version;	/* the newest trail row's */
	int64_t		 at, actor;	/* the creation row's */
	bool		 actor_null;
	bool		 created;	/* the trail starts with a creation */
	int64_t		*links;		/* ids the trail links (sql_links) */
	size_t		 nlinks, caplinks;
};

static void
add_link(struct replay *rp, int64_t id)
{
	if (rp->nlinks == rp->caplinks) {
		rp->caplinks = rp->caplinks ? 2 * rp->caplinks : 8;
		rp->links = xrealloc(rp->links, rp->caplinks *
		    sizeof(*rp->links));
	}
	rp->links[rp->nlinks++] = id;
}

/* Whether the trail's current value (json_each) is an array. */
static bool
is_array(sqlite3_stmt *st)
{
	const char *t = (const char *)sqlite3_column_text(st, 9);

	return t != NULL && strcmp(t, "array") == 0;
}

/*
 * Links every id of a JSON array of integers (a creation that links many
 * records at once: a sample's drawn orders, the tasks a letter answered).
 * Anything else in it is skipped: the comparison then reports a row the
 * trail does not link.
 */
static void
add_links(struct replay *rp, const char *s)
{
	char *end;
	long long v;

	while (s != NULL && *s != '\0') {
		if ((*s >= '0' && *s <= '9') || *s == '-') {
			v = strtoll(s, &end, 10);
			if (end == s) {
				s++;
				continue;
			}
			if (v != 0)
				add_link(rp, (int64_t)v);
			s = end;
		} else
			s++;
	}
}

/* Fills what the creation did not record: defaults, or unknown. */
static void
creation_defaults(const struct table *tb, struct replay *rp)
{
	struct val *v;
	int c, from, hint = 0;

	for (c = 0; c < tb->ncols; c++) {
		v = &rp->state[c];
		/* A creation time older kefu did not record (contact's
		 * entered_at before schema/015) stays unknown. */
		if ((tb->cols[c].flags & C_AT) && !(v->t == V_UNSET &&
		    (tb->cols[c].flags & C_LEGACY))) {
			v->t = SQLITE_INTEGER;
			v->i = rp->at;
		} else if (tb->cols[c].flags & C_ACTOR) {
			v->t = rp->actor_null ? SQLITE_NULL : SQLITE_INTEGER;
			v->i = rp->actor;
		}
		if (v->t != V_UNSET)
			continue;
		if (tb->cols[c].flags & C_LEGACY) {
			v->t = V_UNKNOWN;
			continue;
		}
		switch (tb->cols[c].dflt) {
		case D_NULL:	v->t = SQLITE_NULL; break;
		case D_ZERO:	v->t = SQLITE_INTEGER; v->i = 0; break;
		case D_EMPTY:	val_text(v, ""); break;
		case D_KEY:
			from = col_of(tb, tb->cols[c].alias, &hint);
			if (from >= 0)
				val_copy(v, &rp->state[from]);
			else
				v->t = V_UNKNOWN;
			break;
		}
	}
}

/*
 * Replays the trail rows of record t->eid (all of them, leaving t on the
 * next record's first row) into rp, starting from base when the trail
 * does not start with a creation.
 */
static void
replay(const struct table *tb, struct trail *t, struct val *base,
    struct replay *rp)
{
	sqlite3_stmt *st = t->st;
	int64_t eid = t->eid, aid = -1, id;
	const char *key, *action;
	bool creation = false, skip = false;
	int c, hint = 0;

	for (c = 0; c < tb->ncols; c++)
		rp->state[c].t = V_UNSET;
	rp->version = 0;
	rp->created = false;
	rp->nlinks = 0;
	while (t->src == SQLITE_ROW && t->eid == eid) {
		id = sqlite3_column_int64(st, 1);
		if (id != aid) {			/* a new audit row */
			if (creation)
				creation_defaults(tb, rp);
			creation = aid < 0 && sqlite3_column_int(st, 6);
			if (aid < 0 && creation) {
				rp->created = true;
				rp->at = sqlite3_column_int64(st, 2);
				rp->actor_null = sqlite3_column_type(st, 3) ==
				    SQLITE_NULL;
				rp->actor = sqlite3_column_int64(st, 3);
			} else if (aid < 0) {
				for (c = 0; c < tb->ncols; c++)
					if (base != NULL)
						val_copy(&rp->state[c], &base[c]);
					else
						rp->state[c].t = V_UNKNOWN;
			}
			aid = id;
			if (sqlite3_column_int64(st, 4) > rp->version)
				rp->version = sqlite3_column_int64(st, 4);
			action = (const char *)sqlite3_column_text(st, 5);
			skip = tb->skip_action != NULL && action != NULL &&
			    strcmp(action, tb->skip_action) == 0;
		}
		key = (const char *)sqlite3_column_text(st, 7);
		if (tb->sql_links != NULL && key != NULL && (creation || skip) &&
		    strcmp(key, tb->skip_key) == 0) {
			if (sqlite3_column_type(st, 8) == SQLITE_INTEGER &&
			    sqlite3_column_int64(st, 8) != 0)
				add_link(rp, sqlite3_column_int64(st, 8));
			else if (is_array(st))
				add_links(rp, (const char *)
				    sqlite3_column_text(st, 8));
		}
		if (key != NULL && sqlite3_column_type(st, 7) == SQLITE_TEXT &&
		    !(skip && strcmp(key, tb->skip_key) == 0) &&
		    (c = col_of(tb, key, &hint)) >= 0)
			take(tb, c, st, creation, rp->state);
		trail_step(t);
	}
	if (creation)
		creation_defaults(tb, rp);
}

/* Compares row (its id in column 0) with rp; reports each difference. */
static void
compare(struct run *r, const struct table *tb, sqlite3_stmt *row,
    const struct replay *rp)
{
	struct kf_buf tv = { 0 }, rv = { 0 };
	const struct col *cl;
	const struct val *v;
	int64_t id = sqlite3_column_int64(row, 0), version;
	int c;

	for (c = 0; c < tb->ncols; c++) {
		cl = &tb->cols[c];
		v = &rp->state[c];
		if (v->t == V_UNKNOWN || v->t == V_UNSET ||
		    same(cl, v, row, c + 1))
			continue;
		kf_buf_reset(&tv);
		kf_buf_reset(&rv);
		if (cl->flags & C_SECRET) {
			kf_buf_json_str(&tv, "(secret)");
			kf_buf_json_str(&rv, "(another value)");
		} else {
			json_val(&tv, v->t, v->i, v->s);
			json_val(&rv, sqlite3_column_type(row, c + 1),
			    sqlite3_column_int64(row, c + 1),
			    (const char *)sqlite3_column_text(row, c + 1));
		}
		if (cl->flags & C_SECRET)
			problem(r, KF_CHECK_FIELD, tb->entity, id, cl->name,
			    kf_buf_str(&tv), kf_buf_str(&rv),
			    N_("%s %lld: %s is not the one its audit trail "
			    "records (changed or copied outside kefu)"),
			    tb->entity, (long long)id, cl->name);
		else
			problem(r, KF_CHECK_FIELD, tb->entity, id, cl->name,
			    kf_buf_str(&tv), kf_buf_str(&rv),
			    N_("%s %lld: %s is %.80s in the table but %.80s in "
			    "its audit trail (changed outside kefu)"),
			    tb->entity, (long long)id, cl->name, kf_buf_str(&rv),
			    kf_buf_str(&tv));
	}
	version = sqlite3_column_int64(row, tb->ncols + 1);
	if (rp->version != 0 && version != rp->version) {
		kf_buf_reset(&tv);
		kf_buf_reset(&rv);
		kf_buf_printf(&tv, "%lld", (long long)rp->version);
		kf_buf_printf(&rv, "%lld", (long long)version);
		problem(r, KF_CHECK_FIELD, tb->entity, id, "version",
		    kf_buf_str(&tv), kf_buf_str(&rv),
		    N_("%s %lld is at version %lld but its audit trail ends at "
		    "version %lld (changed outside kefu, or audit rows "
		    "missing)"), tb->entity, (long long)id, (long long)version,
		    (long long)rp->version);
	}
	kf_buf_free(&tv);
	kf_buf_free(&rv);
}

/*
 * The rows every migration seeds (policies), read from the migrations
 * themselves applied to an empty database in memory: what a record that
 * no trail made must equal. *out: ncols values per row, by id (ids
 * *ids); NULL when there are none.
 */
static int
load_baseline(const struct table *tb, struct val **out, int64_t **ids,
    size_t *n)
{
	sqlite3 *mem = NULL;
	sqlite3_stmt *st = NULL;
	struct val *v = NULL;
	int64_t *id = NULL;
	size_t len = 0, cap = 0;
	int i, c, src = SQLITE_OK;

	*out = NULL;
	*ids = NULL;
	*n = 0;
	if ((src = sqlite3_open(":memory:", &mem)) != SQLITE_OK)
		goto out;
	for (i = 0; i < kf_migrations_count && src == SQLITE_OK; i++)
		src = sqlite3_exec(mem, kf_migrations[i].sql, NULL, NULL, NULL);
	if (src != SQLITE_OK ||
	    (src = sqlite3_prepare_v2(mem, tb->sql_rows, -1, &st, NULL)) !=
	    SQLITE_OK)
		goto out;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 32;
			v = xrealloc(v, cap * (size_t)tb->ncols * sizeof(*v));
			id = xrealloc(id, cap * sizeof(*id));
		}
		id[len] = sqlite3_column_int64(st, 0);
		for (c = 0; c < tb->ncols; c++) {
			struct val *x = &v[len * (size_t)tb->ncols + (size_t)c];

			memset(x, 0, sizeof(*x));
			x->t = sqlite3_column_type(st, c + 1);
			x->i = sqlite3_column_int64(st, c + 1);
			if (x->t == SQLITE_TEXT)
				val_text(x, (const char *)
				    sqlite3_column_text(st, c + 1));
			else if (x->t != SQLITE_INTEGER)
				x->t = SQLITE_NULL;
		}
		len++;
	}
	if (src == SQLITE_DONE)
		src = SQLITE_OK;
out:
	sqlite3_finalize(st);
	sqlite3_close(mem);
	*out = v;
	*ids = id;
	*n = len;
	return src;
}

static void
free_vals(struct val *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].s);
	free(v);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Compares the link rows of record id (the stream lk, on its first row
 * of id or later) with the ids its trail links; with rp NULL (a record
 * without a trail) only skips them.
 */
static void
compare_links(struct run *r, const struct table *tb, struct trail *lk,
    int64_t id, struct replay *rp)
{
	int64_t have;
	size_t i = 0, n = 0;

	if (rp != NULL && rp->nlinks > 0) {
		qsort(rp->links, rp->nlinks, sizeof(*rp->links), cmp_i64);
		for (i = 1, n = 1; i < rp->nlinks; i++)	/* unique */
			if (rp->links[i] != rp->links[n - 1])
				rp->links[n++] = rp->links[i];
	}
	i = 0;
	while (lk->src == SQLITE_ROW && lk->eid == id) {
		have = sqlite3_column_int64(lk->st, 1);
		for (; rp != NULL && i < n && rp->links[i] < have; i++)
			problem(r, KF_CHECK_FIELD, tb->entity, id, tb->links_name,
			    NULL, NULL, N_("%s %lld: its audit trail links %lld "
			    "but %s lacks that row (deleted outside kefu)"),
			    tb->entity, (long long)id, (long long)rp->links[i],
			    tb->links_name);
		if (rp != NULL && i < n && rp->links[i] == have)
			i++;
		else if (rp != NULL)
			problem(r, KF_CHECK_FIELD, tb->entity, id, tb->links_name,
			    NULL, NULL, N_("%s %lld: %s links %lld, which its "
			    "audit trail never linked (inserted outside kefu)"),
			    tb->entity, (long long)id, tb->links_name,
			    (long long)have);
		trail_step(lk);
	}
	for (; rp != NULL && i < n; i++)
		problem(r, KF_CHECK_FIELD, tb->entity, id, tb->links_name, NULL,
		    NULL, N_("%s %lld: its audit trail links %lld but %s lacks "
		    "that row (deleted outside kefu)"), tb->entity,
		    (long long)id, (long long)rp->links[i], tb->links_name);
}

/* Reports a trail whose record is gone, and skips the rest of it. */
static void
orphan(struct run *r, const struct table *tb, struct trail *t)
{
	int64_t eid = t->eid;

	problem(r, KF_CHECK_NO_RECORD, tb->entity, eid, NULL, NULL, NULL,
	    N_("%s %lld: its audit trail exists but the record is gone "
	    "(deleted outside kefu)"), tb->entity, (long long)eid);
	while (t->src == SQLITE_ROW && t->eid == eid)
		trail_step(t);
}

static void
check_table(struct run *r, const struct table *tb)
{
	struct replay rp = { 0 };
	struct trail t = { 0 }, lk = { 0 };
	struct val *base = NULL, *b;
	int64_t *bids = NULL, id;
	sqlite3_stmt *row;
	size_t nbase = 0, bi = 0;
	bool *seen = NULL;
	int c, src;

	if (tb->baseline && load_baseline(tb, &base, &bids, &nbase) !=
	    SQLITE_OK)
		problem(r, KF_CHECK_NO_TRAIL, tb->entity, 0, NULL, NULL, NULL,
		    N_("%s: the values the migrations seed cannot be worked "
		    "out, so they are not checked"), tb->entity);
	seen = xcalloc(nbase + 1, sizeof(*seen));
	rp.state = xcalloc((size_t)tb->ncols, sizeof(*rp.state));
	t.st = kf_sql(r->k, SQL_TRAIL);
	kf_bind_text(t.st, ":e", tb->entity);
	trail_step(&t);
	if (tb->sql_links != NULL) {
		lk.st = kf_sql(r->k, tb->sql_links);
		trail_step(&lk);
	} else
		lk.src = SQLITE_DONE;
	row = kf_sql(r->k, tb->sql_rows);
	while ((src = sqlite3_step(row)) == SQLITE_ROW) {
		id = sqlite3_column_int64(row, 0);
		while (t.src == SQLITE_ROW && t.eid < id)
			orphan(r, tb, &t);
		/* Links of a record that is gone: the foreign-key check and
		 * the record's trail (no_record) have said so. */
		while (lk.src == SQLITE_ROW && lk.eid < id)
			trail_step(&lk);
		for (; bi < nbase && bids[bi] < id; bi++)
			;
		b = bi < nbase && bids[bi] == id ?
		    &base[bi * (size_t)tb->ncols] : NULL;
		if (b != NULL)
			seen[bi] = true;
		if (t.src == SQLITE_ROW && t.eid == id) {
			replay(tb, &t, b, &rp);
			if (!rp.created && b == NULL)
				problem(r, KF_CHECK_NO_TRAIL, tb->entity, id,
				    NULL, NULL, NULL, N_("%s %lld: its audit "
				    "trail lacks the row that created it"),
				    tb->entity, (long long)id);
		} else if (b != NULL) {
			for (c = 0; c < tb->ncols; c++)
				val_copy(&rp.state[c], &b[c]);
			rp.version = 1;
		} else {
			problem(r, KF_CHECK_NO_TRAIL, tb->entity, id, NULL, NULL,
			    NULL, N_("%s %lld has no audit trail (inserted "
			    "outside kefu)"), tb->entity, (long long)id);
			compare_links(r, tb, &lk, id, NULL);
			continue;
		}
		compare(r, tb, row, &rp);
		compare_links(r, tb, &lk, id, &rp);
	}
	kf_sql_done(row);
	if (src != SQLITE_DONE)
		problem(r, KF_CHECK_DAMAGED, tb->entity, 0, NULL, NULL, NULL,
		    N_("the %s table cannot be read (%s): restore the database "
		    "from the newest backup that passes kefu check"),
		    tb->entity, sqlite3_errstr(src));
	while (t.src == SQLITE_ROW)
		orphan(r, tb, &t);
	if (t.src != SQLITE_DONE)
		problem(r, KF_CHECK_DAMAGED, "audit", 0, NULL, NULL, NULL,
		    N_("the audit trail of %s cannot be read (%s)"), tb->entity,
		    sqlite3_errstr(t.src));
	kf_sql_done(t.st);
	if (lk.st != NULL && lk.src != SQLITE_DONE && lk.src != SQLITE_ROW)
		problem(r, KF_CHECK_DAMAGED, tb->links_name, 0, NULL, NULL, NULL,
		    N_("the %s table cannot be read (%s): restore the database "
		    "from the newest backup that passes kefu check"),
		    tb->links_name, sqlite3_errstr(lk.src));
	if (lk.st != NULL)
		kf_sql_done(lk.st);
	for (bi = 0; bi < nbase; bi++)
		if (!seen[bi])
			problem(r, KF_CHECK_NO_RECORD, tb->entity, bids[bi], NULL,
			    NULL, NULL, N_("%s %lld, seeded when the database "
			    "was made, is gone (deleted outside kefu)"),
			    tb->entity, (long long)bids[bi]);
	free_vals(rp.state, (size_t)tb->ncols);
	free(rp.links);
	free_vals(base, nbase * (size_t)tb->ncols);
	free(bids);
	free(seen);
}

/* ---- seals ---- */

static int
seal_cmp(const void *a, const void *b)
{
	const struct seal *x = a, *y = b;

	return x->row < y->row ? -1 : x->row > y->row;
}

/* Reads the seal lines of path (lines without "kefu-seal " are skipped:
 * a journal's own prefixes; a line is read whole, however long). Only a
 * regular file is read: a FIFO would block the check. *out allocated,
 * sorted by row. */
static enum kf_rc
read_seals(const char *path, struct seal **out, size_t *n,
    struct kf_err *err)
{
	struct seal *v = NULL, s;
	size_t len = 0, cap = 0, linecap = 0;
	struct stat sb;
	char *line = NULL;
	const char *p;
	FILE *f = NULL;
	int lineno = 0, fd;

	*out = NULL;
	*n = 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return kf_err_set(err, KF_NOTFOUND, "cannot read the seal file "
		    "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return kf_err_set(err, KF_NOTFOUND, "cannot read the seal file "
		    "%s: not a regular file", path);
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return kf_err_set(err, KF_NOTFOUND, "cannot read the seal file "
		    "%s: %s", path, strerror(errno));
	}
	while (getline(&line, &linecap, f) >= 0) {
		lineno++;
		if ((p = strstr(line, "kefu-seal ")) == NULL)
			continue;
		if (!parse_seal(p + 10, &s)) {
			fclose(f);
			free(line);
			free(v);
			return kf_err_set(err, KF_INVALID, "%s line %d is not a "
			    "whole kefu seal (kefu-seal v1 db=… row=… hash=… "
			    "at=…)", path, lineno);
		}
		s.line = lineno;
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[len++] = s;
	}
	fclose(f);
	free(line);
	if (len == 0)
		return kf_err_set(err, KF_INVALID, "%s holds no kefu seal line",
		    path);
	qsort(v, len, sizeof(*v), seal_cmp);
	*out = v;
	*n = len;
	return KF_OK;
}

/* Seals that name another database (by row 1's hash). */
static void
check_seal_db(struct run *r, const struct seal *v, size_t n,
    const unsigned char first[32])
{
	char db[33];
	size_t i;

	sodium_bin2hex(db, sizeof(db), first, 8);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].db, db) != 0)
			problem(r, KF_CHECK_SEAL, "audit", 1, NULL, NULL, NULL,
			    N_("seal line %d names database %s, but this one is "
			    "%s: a seal of another database, or the trail was "
			    "rewritten from its first row"), v[i].line, v[i].db,
			    db);
}

enum kf_rc
kf_check(struct kf_core *k, const char *seal_path,
    void (*report)(const struct kf_check_problem *, void *), void *arg,
    int *problems, struct kf_err *err)
{
	struct run r = { k, report, arg, 0, err };
	unsigned char first[32];
	struct seal *seals = NULL;
	size_t nseals = 0, i;
	enum kf_rc rc;

	*problems = 0;
	if ((rc = kf_may(k, KF_ACT_CHECK, 0, err)) != KF_OK)
		return rc;
	if (seal_path != NULL &&
	    (rc = read_seals(seal_path, &seals, &nseals, err)) != KF_OK)
		return rc;
	/* One read snapshot for every check: the chain, its head and the
	 * records read while others write must come from the same moment. */
	if ((rc = kf_exec(k, "BEGIN", err)) != KF_OK) {
		free(seals);
		return rc;
	}
	check_file(&r);
	check_foreign_keys(&r);
	check_chain(&r, seals, nseals, first);
	if (seal_path != NULL)
		check_seal_db(&r, seals, nseals, first);
	check_triggers(&r);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		check_table(&r, &tables[i]);
	check_money(&r);
	check_sums(&r);
	kf_exec(k, "COMMIT", NULL);
	free(seals);
	*problems = r.count;
	return r.count ? KF_DBERR : KF_OK;
}

enum kf_rc
kf_audit_seal(struct kf_core *k, char **line, struct kf_err *err)
{
	struct run r = { k, NULL, NULL, 0, err };
	unsigned char first[32];
	char db[33], hex[65], when[32];
	sqlite3_stmt *st;
	int64_t row = 0;
	enum kf_rc rc;

	*line = NULL;
	if ((rc = kf_may(k, KF_ACT_CHECK, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_exec(k, "BEGIN", err)) != KF_OK)
		return rc;
	/* Sealing a broken chain would bless the forgery. */
	check_chain(&r, NULL, 0, first);
	if (r.count == 0) {
		st = kf_sql(k, SQL_HEAD);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_bytes(st, 1) == 32) {
			row = sqlite3_column_int64(st, 0);
			sodium_bin2hex(hex, sizeof(hex),
			    sqlite3_column_blob(st, 1), 32);
		}
		kf_sql_done(st);
	}
	kf_exec(k, "COMMIT", NULL);
	if (r.count != 0)
		return kf_err_set(err, KF_DBERR, "not sealed: the audit trail "
		    "is broken (%d problem%s, run kefu check)", r.count,
		    r.count == 1 ? "" : "s");
	if (row == 0)
		return kf_err_set(err, KF_INVALID, "not sealed: the audit "
		    "trail is empty");
	sodium_bin2hex(db, sizeof(db), first, 8);
	kf_time_local(kf_core_now(k), when, sizeof(when));
	*line = xasprintf("kefu-seal v1 db=%s row=%lld hash=%s at=%lld %s", db,
	    (long long)row, hex, (long long)kf_core_now(k), when);
	return KF_OK;
}
