/*
 * callback.c — callbacks (回访): the tasks, their state table and the
 * completion rate (include/kefu/callback.h; R40, R41, R43–R45, R47, R52).
 * The monthly sample, surveys and open letters are callback_batch.c's;
 * they make and complete tasks through the two entry points of
 * internal.h here, so every task is written by this file.
 *
 * Design note. A task is one row of schema/021, its deadline (due_at)
 * written once and never moved: the completion rate (R47) is measured
 * against it, so a task that was tried and rescheduled ("call later")
 * keeps its deadline and shows late when it is. Every move is one
 * transaction run by the state-table engine (fsm.c) on kf_callback_fsm;
 * a move that touches another record (a complaint's callback, a
 * follow-up task, a complaint or work order raised) does so inside that
 * same transaction, so nothing is half-saved.
 *
 *   source (who calls kf_callback_task_tx)       due
 *   complaint result / explain / told (R30)      complaint.callback_due_at
 *   promise at reception (R52)                   the promised time
 *   work order closed or cancelled (R41)         + callback.order_within
 *   suggestion handled (R41)                     + callback.suggestion_within
 *   sample (R42), survey (R41): callback_batch.c
 *   follow-up of a new problem (R45)             the promised reply time
 *
 * The lists read the partial index of the open tasks (a few thousand at
 * most, however many are done) in (due_at, id) order; the rate reads the
 * covering index callback_rate over the period's deadlines.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/customer.h"
#include "kefu/i18n.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/policy.h"

#define DAY		86400
#define LATER_MAX_S	(30 * (int64_t)DAY)	/* "call later": within */
#define SAID_MAX	500
#define PROBLEM_MAX	1000

/* The SQL says state 0 (open) and 1 (done), as schema/021's partial
 * indexes do. */
_Static_assert(KF_CB_OPEN == 0 && KF_CB_DONE == 1 && KF_CB_REVIEWED == 2 &&
    KF_CB_CANCELLED == 3, "the SQL's state numbers");

/* ---- names ---- */

static const struct kf_callback_name unknown = { "?", "?" };
static const struct kf_callback_name state_names[KF_CB_STATE_COUNT] = {
	/* Labels of their own: "open" and "done" are the desk's words for
	 * other things (查看, 已完工). */
	[KF_CB_OPEN] = { "open", N_("to call back") },
	[KF_CB_DONE] = { "done", N_("called back") },
	[KF_CB_REVIEWED] = { "reviewed", N_("reviewed") },
	[KF_CB_CANCELLED] = { "cancelled", N_("cancelled") },
};
static const struct kf_callback_name reason_names[KF_CB_REASON_COUNT] = {
	[KF_CB_COMPLAINT] = { "complaint", N_("complaint") },
	[KF_CB_PROMISE] = { "promise", N_("promise") },
	[KF_CB_ORDER] = { "order", N_("work order") },
	[KF_CB_SUGGESTION] = { "suggestion", N_("suggestion") },
	[KF_CB_SAMPLE] = { "sample", N_("repair sample") },
	[KF_CB_SURVEY] = { "survey", N_("opinion survey") },
	[KF_CB_FOLLOWUP] = { "follow-up", N_("follow-up") },
};
#define NMETHODS	(KF_CB_LETTER + 1)
static const struct kf_callback_name method_names[NMETHODS] = {
	[KF_CB_PHONE] = { "phone", N_("phone") },
	[KF_CB_VISIT] = { "visit", N_("home visit") },
	[KF_CB_LETTER] = { "letter", N_("open letter") },
};
#define NOUTCOMES	(KF_CB_CALL_LATER + 1)
static const struct kf_callback_name outcome_names[NOUTCOMES] = {
	[KF_CB_NO_ANSWER] = { "no-answer", N_("no answer") },
	[KF_CB_CALL_LATER] = { "call-later", N_("call later") },
};

static const struct kf_callback_name *
name_of(const struct kf_callback_name *t, int n, int i)
{
	return i >= 0 && i < n ? &t[i] : &unknown;
}

const struct kf_callback_name *
kf_callback_state_info(int s)
{
	return name_of(state_names, KF_CB_STATE_COUNT, s);
}

const struct kf_callback_name *
kf_callback_reason_info(int r)
{
	return name_of(reason_names, KF_CB_REASON_COUNT, r);
}

const struct kf_callback_name *
kf_callback_method_info(int m)
{
	return name_of(method_names, NMETHODS, m);
}

const struct kf_callback_name *
kf_callback_outcome_info(int o)
{
	return name_of(outcome_names, NOUTCOMES, o);
}

/*
 * The key, the label, its translation now or its Chinese (the desk's
 * language, whatever a cron job speaks): the index, or -1.
 */
static int
parse_name(const struct kf_callback_name *t, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, t[i].key) == 0 || strcmp(s, t[i].label) == 0 ||
		    strcmp(s, kf_gettext(t[i].label)) == 0 ||
		    strcmp(s, kf_gettext_in("zh_CN", t[i].label)) == 0)
			return i;
	return -1;
}

static enum kf_rc
parsed(int i, int *out, const char *what, const char *field, const char *s,
    struct kf_err *err)
{
	if (i < 0) {
		kf_err_set(err, KF_INVALID, "unknown %s '%.24s'", what,
		    s != NULL ? s : "");
		kf_err_field(err, field);
		return KF_INVALID;
	}
	*out = i;
	return KF_OK;
}

enum kf_rc
kf_callback_state_parse(const char *s, int *v, struct kf_err *err)
{
	return parsed(parse_name(state_names, KF_CB_STATE_COUNT, s), v,
	    "state", "state", s, err);
}

enum kf_rc
kf_callback_reason_parse(const char *s, int *v, struct kf_err *err)
{
	return parsed(parse_name(reason_names, KF_CB_REASON_COUNT, s), v,
	    "reason", "reason", s, err);
}

enum kf_rc
kf_callback_method_parse(const char *s, int *v, struct kf_err *err)
{
	return parsed(parse_name(method_names, NMETHODS, s), v, "method",
	    "method", s, err);
}

enum kf_rc
kf_callback_outcome_parse(const char *s, int *v, struct kf_err *err)
{
	return parsed(parse_name(outcome_names, NOUTCOMES, s), v, "outcome",
	    "outcome", s, err);
}

/* ---- SQL ---- */

static const char SQL_INSERT[] =
    "INSERT INTO callback (reason, state, complaint_id, contact_id, "
    "order_id, survey_id, parent_id, sample_month, customer_id, name, "
    "phone, subject, due_at, owner_id, created_at, created_by) "
    "VALUES (:reason, 0, :cpl, :contact, :order, :survey, :parent, :month, "
    ":cust, :name, :phone, :subject, :due, :owner, :at, :by)";
/* A task with the names of its owner, who did it and who reviewed it:
 * LEFT JOINs on keys, callback the outer loop. */
#define COLS "SELECT c.id, c.reason, c.state, c.complaint_id, " \
    "c.contact_id, c.order_id, c.survey_id, c.parent_id, c.sample_month, " \
    "c.customer_id, c.name, c.phone, c.subject, c.due_at, c.next_try_at, " \
    "c.owner_id, c.created_at, c.created_by, c.attempts, c.method, " \
    "c.score, c.said, c.reason_text, c.signed_name, c.signed_at, " \
    "c.problem, c.reply_due_at, c.raised_complaint_id, c.raised_order_id, " \
    "c.letter_id, c.done_at, c.done_by, c.reviewed_at, c.reviewed_by, " \
    "c.review_note, c.cancel_reason, c.cancelled_at, c.cancelled_by, " \
    "c.version, coalesce(o.display_name, ''), " \
    "coalesce(d.display_name, ''), coalesce(r.display_name, '') " \
    "FROM callback c LEFT JOIN staff o ON o.id = c.owner_id " \
    "LEFT JOIN staff d ON d.id = c.done_by " \
    "LEFT JOIN staff r ON r.id = c.reviewed_by "
static const char SQL_GET[] = COLS "WHERE c.id = :id";

/*
 * The lists: each reads one index in (due_at, id) order from the keyset
 * anchor (:ad, :aid); the filters left are cheap tests on those rows.
 * Two statements each: forwards after the anchor, backwards before it
 * (reversed in C).
 */
#define FILTERS "AND (:state < 0 OR c.state = :state) " \
    "AND (:reason < 0 OR c.reason = :reason) " \
    "AND (:owner = 0 OR (:owner < 0 AND c.owner_id IS NULL) OR " \
    "c.owner_id = :owner) " \
    "AND (:mine = 0 OR c.owner_id IS NULL OR c.owner_id = :me) " \
    "AND (:overdue = 0 OR (c.state = 0 AND c.due_at < :now)) " \
    "AND (:review = 0 OR c.state = 1) " \
    "AND (:duenow = 0 OR (c.state = 0 AND " \
    "coalesce(c.next_try_at, 0) <= :now)) " \
    "AND (:month IS NULL OR c.sample_month = :month) "
#define PAGES(where) { \
    COLS where FILTERS "AND (c.due_at, c.id) > (:ad, :aid) " \
    "ORDER BY c.due_at, c.id LIMIT :n", \
    COLS where FILTERS "AND (c.due_at, c.id) < (:ad, :aid) " \
    "ORDER BY c.due_at DESC, c.id DESC LIMIT :n" }
enum { FWD, BACK };
static const char *const SQL_LIST_OPEN[2] = PAGES("WHERE c.state = 0 ");
static const char *const SQL_LIST_REVIEW[2] = PAGES("WHERE c.state = 1 ");
static const char *const SQL_LIST_OWNER_OPEN[2] = PAGES(
    "WHERE c.owner_id = :owner AND c.state = 0 ");
static const char *const SQL_LIST_OWNER[2] = PAGES(
    "WHERE c.owner_id = :owner ");
static const char *const SQL_LIST_MONTH[2] = PAGES(
    "WHERE c.sample_month = :month ");
static const char *const SQL_LIST_ALL[2] = PAGES("WHERE 1 ");
#undef PAGES

/* F6's header: the open ones the filter keeps, one pass over the open
 * index; the ones waiting for a signature, over theirs. Both indexes
 * carry the reason and the owner, so without a month (a column they do
 * not carry) the counts never read the table. */
#define COUNT_FILTERS "AND (:reason < 0 OR c.reason = :reason) " \
    "AND (:owner = 0 OR (:owner < 0 AND c.owner_id IS NULL) OR " \
    "c.owner_id = :owner) " \
    "AND (:mine = 0 OR c.owner_id IS NULL OR c.owner_id = :me) "
#define COUNT_OPEN "SELECT count(*), coalesce(sum(c.due_at < :now), 0), " \
    "coalesce(sum(c.due_at >= :now AND c.due_at <= :soon), 0) " \
    "FROM callback c WHERE c.state = 0 " COUNT_FILTERS
#define IN_MONTH "AND c.sample_month = :month"
static const char *const SQL_COUNT_OPEN[2] = {
	COUNT_OPEN, COUNT_OPEN IN_MONTH,
};
static const char *const SQL_COUNT_REVIEW[2] = {
	"SELECT count(*) FROM callback c WHERE c.state = 1 " COUNT_FILTERS,
	"SELECT count(*) FROM callback c WHERE c.state = 1 " COUNT_FILTERS
	IN_MONTH,
};
#undef COUNT_FILTERS
#undef COUNT_OPEN
#undef IN_MONTH
static const char SQL_OVERDUE_COUNT[] =
    "SELECT count(*) FROM callback WHERE state = 0 AND due_at < :now";

/* R47: the period's deadlines, from the covering index. */
static const char SQL_RATE[] =
    "SELECT count(*), "
    "coalesce(sum(state IN (1, 2) AND done_at <= due_at), 0), "
    "coalesce(sum(state IN (1, 2) AND done_at > due_at), 0) "
    "FROM callback WHERE due_at >= :from AND due_at < :to AND state != 3";
static const char SQL_MISSING[] = COLS
    "WHERE c.due_at >= :from AND c.due_at < :to AND c.state != 3 AND "
    "NOT (c.state IN (1, 2) AND c.done_at <= c.due_at) "
    "ORDER BY c.due_at, c.id LIMIT :n";

static const char SQL_ATTEMPT_INSERT[] =
    "INSERT INTO callback_attempt (callback_id, at, by, outcome, later_at, "
    "note) VALUES (:cb, :at, :by, :outcome, :later, :note)";
static const char SQL_ATTEMPTS[] =
    "SELECT a.id, a.callback_id, a.at, coalesce(a.by, 0), a.outcome, "
    "coalesce(a.later_at, 0), a.note, coalesce(s.display_name, '') "
    "FROM callback_attempt a LEFT JOIN staff s ON s.id = a.by "
    "WHERE a.callback_id = :cb ORDER BY a.id";

/* A complaint's open task (R30): the one its callback is recorded by. */
static const char SQL_COMPLAINT_OPEN[] =
    "SELECT id FROM callback WHERE complaint_id = :c AND state = 0 AND "
    "reason = 0 ORDER BY id";
static const char SQL_STAFF[] =
    "SELECT roles, disabled FROM staff WHERE id = :id";
static const char SQL_CATEGORY_OTHER[] =
    "SELECT id FROM complaint_category WHERE key = 'other' AND active = 1";
static const char SQL_ORDER_ADDRESS[] =
    "SELECT address FROM work_order WHERE id = :id";

/* ---- the versioned record ---- */

static const char SQL_VERSION[] = "SELECT version FROM callback WHERE id = :id";
static const char SQL_BUMP[] = "UPDATE callback SET version = :v WHERE id = :id";
#define FIELD(f) { #f, "SELECT " #f " FROM callback WHERE id = :id", \
    "UPDATE callback SET " #f " = :v WHERE id = :id", false }
static const struct kf_field fields[] = {
	FIELD(state), FIELD(next_try_at), FIELD(owner_id), FIELD(attempts),
	FIELD(method), FIELD(score), FIELD(said), FIELD(reason_text),
	FIELD(signed_name), FIELD(signed_at), FIELD(problem),
	FIELD(reply_due_at), FIELD(raised_complaint_id),
	FIELD(raised_order_id), FIELD(letter_id), FIELD(done_at),
	FIELD(done_by), FIELD(reviewed_at), FIELD(reviewed_by),
	FIELD(review_note), FIELD(cancel_reason), FIELD(cancelled_at),
	FIELD(cancelled_by),
};
#undef FIELD
static const struct kf_entity entity = {
	"callback", SQL_VERSION, SQL_BUMP, fields,
	(int)(sizeof(fields) / sizeof(fields[0])),
};

/* ---- reading ---- */

void
kf_callback_clear(struct kf_callback *c)
{
	if (c == NULL)
		return;
	free(c->sample_month);
	free(c->name);
	free(c->phone);
	free(c->subject);
	free(c->said);
	free(c->reason_text);
	free(c->signed_name);
	free(c->problem);
	free(c->review_note);
	free(c->cancel_reason);
	free(c->owner_name);
	free(c->done_by_name);
	free(c->reviewed_by_name);
	memset(c, 0, sizeof(*c));
}

static int64_t
col_opt(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, i);
}

static void
row_to_callback(sqlite3_stmt *st, void *rec)
{
	struct kf_callback *c = rec;
	int i = 0;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, i++);
	c->reason = (enum kf_callback_reason)sqlite3_column_int(st, i++);
	c->state = (enum kf_callback_state)sqlite3_column_int(st, i++);
	c->complaint_id = col_opt(st, i++);
	c->contact_id = col_opt(st, i++);
	c->order_id = col_opt(st, i++);
	c->survey_id = col_opt(st, i++);
	c->parent_id = col_opt(st, i++);
	c->sample_month = kf_col_strdup(st, i++);
	c->customer_id = col_opt(st, i++);
	c->name = kf_col_strdup(st, i++);
	c->phone = kf_col_strdup(st, i++);
	c->subject = kf_col_strdup(st, i++);
	c->due_at = col_opt(st, i++);
	c->next_try_at = col_opt(st, i++);
	c->owner_id = col_opt(st, i++);
	c->created_at = col_opt(st, i++);
	c->created_by = col_opt(st, i++);
	c->attempts = sqlite3_column_int(st, i++);
	c->method = (enum kf_callback_method)sqlite3_column_int(st, i++);
	c->score = (enum kf_complaint_score)sqlite3_column_int(st, i++);
	c->said = kf_col_strdup(st, i++);
	c->reason_text = kf_col_strdup(st, i++);
	c->signed_name = kf_col_strdup(st, i++);
	c->signed_at = col_opt(st, i++);
	c->problem = kf_col_strdup(st, i++);
	c->reply_due_at = col_opt(st, i++);
	c->raised_complaint_id = col_opt(st, i++);
	c->raised_order_id = col_opt(st, i++);
	c->letter_id = col_opt(st, i++);
	c->done_at = col_opt(st, i++);
	c->done_by = col_opt(st, i++);
	c->reviewed_at = col_opt(st, i++);
	c->reviewed_by = col_opt(st, i++);
	c->review_note = kf_col_strdup(st, i++);
	c->cancel_reason = kf_col_strdup(st, i++);
	c->cancelled_at = col_opt(st, i++);
	c->cancelled_by = col_opt(st, i++);
	c->version = sqlite3_column_int64(st, i++);
	c->owner_name = kf_col_strdup(st, i++);
	c->done_by_name = kf_col_strdup(st, i++);
	c->reviewed_by_name = kf_col_strdup(st, i++);
}

/* Without a permission check (inside the core's transactions). */
static enum kf_rc
load(struct kf_core *k, int64_t id, struct kf_callback *c,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_GET);
	enum kf_rc rc = KF_OK;
	int src;

	memset(c, 0, sizeof(*c));
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_callback(st, c);
	else if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no callback %lld",
		    (long long)id);
	else
		rc = kf_db_err(k, src, "reading a callback", err);
	kf_sql_done(st);
	return rc;
}

enum kf_rc
kf_callback_get(struct kf_core *k, int64_t id, struct kf_callback *c,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK)
		return rc;
	return load(k, id, c, err);
}

/* ---- making a task ---- */

static void
json_int_or_null(struct kf_buf *b, const char *key, int64_t v)
{
	if (v != 0)
		kf_buf_printf(b, ",\"%s\":%lld", key, (long long)v);
	else
		kf_buf_printf(b, ",\"%s\":null", key);
}

static void
json_text(struct kf_buf *b, const char *key, const char *v)
{
	kf_buf_printf(b, ",\"%s\":", key);
	kf_buf_json_str(b, v != NULL ? v : "");
}

static void
bind_opt(sqlite3_stmt *st, const char *name, int64_t v)
{
	if (v != 0)
		kf_bind_int(st, name, v);
}

static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

enum kf_rc
kf_callback_task_tx(struct kf_core *k, const struct kf_callback *t,
    int64_t *id, struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	int64_t now = kf_core_now(k), by = kf_core_actor_id(k), nid;
	enum kf_rc rc;
	int src;

	if ((unsigned)t->reason >= KF_CB_REASON_COUNT)
		return kf_err_about(err, KF_INVALID, "reason",
		    N_("unknown callback reason"));
	if (t->due_at <= 0)
		return kf_err_about(err, KF_INVALID, "due_at",
		    N_("a callback has a deadline (R47)"));
	/* The source's words are the core's, cut to fit, never refused. */
	st = kf_sql(k, SQL_INSERT);
	kf_bind_int(st, ":reason", t->reason);
	bind_opt(st, ":cpl", t->complaint_id);
	bind_opt(st, ":contact", t->contact_id);
	bind_opt(st, ":order", t->order_id);
	bind_opt(st, ":survey", t->survey_id);
	bind_opt(st, ":parent", t->parent_id);
	kf_bind_text(st, ":month", or_empty(t->sample_month));
	bind_opt(st, ":cust", t->customer_id);
	kf_bind_text(st, ":name", or_empty(t->name));
	kf_bind_text(st, ":phone", or_empty(t->phone));
	kf_bind_text(st, ":subject", or_empty(t->subject));
	kf_bind_int(st, ":due", t->due_at);
	bind_opt(st, ":owner", t->owner_id);
	kf_bind_int(st, ":at", now);
	bind_opt(st, ":by", by);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "making the callback task", err);
	nid = sqlite3_last_insert_rowid(k->db);
	/* Every column the task starts with, so kefu check proves it. */
	kf_buf_printf(&after, "{\"reason\":%d,\"state\":0", (int)t->reason);
	json_int_or_null(&after, "complaint_id", t->complaint_id);
	json_int_or_null(&after, "contact_id", t->contact_id);
	json_int_or_null(&after, "order_id", t->order_id);
	json_int_or_null(&after, "survey_id", t->survey_id);
	json_int_or_null(&after, "parent_id", t->parent_id);
	json_text(&after, "sample_month", t->sample_month);
	json_int_or_null(&after, "customer_id", t->customer_id);
	json_text(&after, "name", t->name);
	json_text(&after, "phone", t->phone);
	json_text(&after, "subject", t->subject);
	kf_buf_printf(&after, ",\"due_at\":%lld,\"next_try_at\":null",
	    (long long)t->due_at);
	json_int_or_null(&after, "owner_id", t->owner_id);
	kf_buf_printf(&after, ",\"created_at\":%lld", (long long)now);
	json_int_or_null(&after, "created_by", by);
	kf_buf_printf(&after, ",\"attempts\":0,\"method\":-1,\"score\":0}");
	rc = kf_audit_append(k, "callback.new", "callback", nid, 1, NULL,
	    kf_buf_str(&after), err);
	kf_buf_free(&after);
	if (rc == KF_OK && id != NULL)
		*id = nid;
	return rc;
}

/* ---- the state table ---- */

/*
 * Who of those with the permission: the task's owner, anyone while it
 * is in the pool, or a supervisor (who hands the work out).
 */
enum cb_who { BY_ROLE = KF_FSM_BY_ROLE, BY_OWNER };

#define ST(s)	KF_FSM_ST(s)

static const struct kf_fsm_move moves[KF_CB_MOVE_COUNT] = {
	[KF_CB_MOVE_RECORD] = { "callback.record", N_("record the callback"),
	    KF_ACT_CALLBACK_WORK, BY_OWNER, ST(KF_CB_OPEN), NULL,
	    N_("it is recorded already (R40)"), NULL },
	[KF_CB_MOVE_ATTEMPT] = { "callback.attempt",
	    N_("record an attempt"), KF_ACT_CALLBACK_WORK, BY_OWNER,
	    ST(KF_CB_OPEN), NULL,
	    N_("it is recorded already; an attempt is for an open callback "
	    "(R47)"), NULL },
	[KF_CB_MOVE_REVIEW] = { "callback.review", N_("review"),
	    KF_ACT_CALLBACK_REVIEW, BY_ROLE, ST(KF_CB_DONE),
	    N_("a callback is reviewed once it is recorded (R44)"),
	    N_("it is reviewed already (R44)"), NULL },
	[KF_CB_MOVE_ASSIGN] = { "callback.assign", N_("assign"),
	    KF_ACT_CALLBACK_WORK, BY_OWNER, ST(KF_CB_OPEN), NULL,
	    N_("it is recorded already; only an open callback is handed "
	    "out (R41)"), NULL },
	[KF_CB_MOVE_CANCEL] = { "callback.cancel", N_("cancel"),
	    KF_ACT_CALLBACK_MANAGE, BY_ROLE, ST(KF_CB_OPEN), NULL,
	    N_("it is recorded already and counts as done (R47)"), NULL },
	[KF_CB_MOVE_LETTER] = { "callback.letter",
	    N_("answer by open letter"), KF_ACT_CALLBACK_MANAGE, BY_ROLE,
	    ST(KF_CB_OPEN), NULL,
	    N_("it is recorded already; an open letter answers open "
	    "callbacks (R46)"), NULL },
};

/* Why no move leaves a reviewed or cancelled task. */
static const char *const state_why[KF_CB_STATE_COUNT] = {
	[KF_CB_REVIEWED] = N_("it is reviewed and signed by a supervisor "
	    "and stays as it is (R44)"),
	[KF_CB_CANCELLED] = N_("it was cancelled and stays on file as it "
	    "is"),
};

static enum kf_rc cb_who(struct kf_core *, const void *, int,
    struct kf_err *);
static enum kf_rc load_rec(struct kf_core *, int64_t, void *,
    struct kf_err *);
static void clear_rec(void *);
static int state_of(const void *);
static const char *state_label(int);
static void lost_race(struct kf_core *, int64_t, struct kf_err *);

const struct kf_fsm kf_callback_fsm = {
	.noun = N_("callback task"),
	.nstates = KF_CB_STATE_COUNT,
	.state_label = state_label,
	.state_why = state_why,
	.sealed = ST(KF_CB_REVIEWED) | ST(KF_CB_CANCELLED),
	.moves = moves,
	.nmoves = KF_CB_MOVE_COUNT,
	.who = cb_who,
	.entity = &entity,
	.load = load_rec,
	.clear = clear_rec,
	.state_of = state_of,
	.conflict = lost_race,
	.stale_field = "state",
};

static enum kf_rc
load_rec(struct kf_core *k, int64_t id, void *rec, struct kf_err *err)
{
	return load(k, id, rec, err);
}

static void
clear_rec(void *rec)
{
	kf_callback_clear(rec);
}

static int
state_of(const void *rec)
{
	return (int)((const struct kf_callback *)rec)->state;
}

static const char *
state_label(int s)
{
	return kf_callback_state_info(s)->label;
}

static enum kf_rc
cb_who(struct kf_core *k, const void *rec, int who, struct kf_err *err)
{
	const struct kf_callback *c = rec;
	char name[128];

	(void)who;
	if (c->owner_id == 0 || c->owner_id == kf_core_actor_id(k) ||
	    (kf_core_actor_roles(k) & KF_ROLE_SUPERVISOR))
		return KF_OK;
	kf_staff_name(k, c->owner_id, name, sizeof(name));
	return kf_err_set(err, KF_DENIED, "callback %lld is %s's: it is made "
	    "by its owner, or by anyone once it is back in the pool",
	    (long long)c->id, name);
}

enum kf_rc
kf_callback_may(struct kf_core *k, const struct kf_callback *c,
    enum kf_callback_move mv, struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK)
		return rc;
	return kf_fsm_check(&kf_callback_fsm, k, c, (int)c->state, c->id,
	    (int)mv, err);
}

/*
 * A move lost to another made meanwhile (the state moved on since the
 * version seen): two clerks recording the same task, the second is told
 * who recorded it and when.
 */
static void
lost_race(struct kf_core *k, int64_t id, struct kf_err *err)
{
	struct kf_conflict cf = err->conflict;
	char who[sizeof(cf.by)], when[32], name[128];
	struct kf_callback c;

	kf_staff_login_name(k, cf.by, who, sizeof(who));
	kf_time_local(cf.at, when, sizeof(when));
	if (strcmp(cf.field, "state") != 0 || load(k, id, &c, NULL) != KF_OK)
		return;
	if ((c.state == KF_CB_DONE || c.state == KF_CB_REVIEWED) &&
	    c.done_by != 0) {
		kf_staff_name(k, c.done_by, name, sizeof(name));
		kf_time_local(c.done_at, when, sizeof(when));
		kf_err_set(err, KF_CONFLICT, "At %1$s %2$s recorded callback "
		    "%3$lld first; yours was not saved", when, name,
		    (long long)id);
	} else
		kf_err_set(err, KF_CONFLICT, "At %1$s %2$s moved callback "
		    "%3$lld on (it is %4$s now); yours was not saved: reload "
		    "it", when, who, (long long)id,
		    kf_gettext(kf_callback_state_info(c.state)->label));
	err->conflict = cf;
	kf_callback_clear(&c);
}

static enum kf_rc
run(struct kf_core *k, int64_t id, int64_t seen, enum kf_callback_move mv,
    kf_fsm_fn fn, const void *arg, struct kf_err *err)
{
	struct kf_callback c;

	return kf_fsm_run(&kf_callback_fsm, k, &c, id, seen, (int)mv, fn,
	    arg, err);
}

static enum kf_rc
required(const char *s, const char *field, size_t max, const char *msg,
    struct kf_err *err)
{
	if (s == NULL || kf_blank(s))
		return kf_err_about(err, KF_INVALID, field, msg);
	return kf_check_text(s, field, max, true, err);
}

/* ---- record (R40, R43, R45) ---- */

struct record_arg {
	const struct kf_callback_record	*r;
	int64_t				 complaint_seen;
	int64_t				*new_id;
};

/* The first line of s into buf (n bytes), cut at a character boundary:
 * a task's one-line subject. */
static void
first_line(char *buf, size_t n, const char *s)
{
	size_t i = 0, len;

	while (s[i] != '\0' && s[i] != '\n' && i + 1 < n)
		i++;
	len = i;
	/* Back off a character cut in its middle (a continuation byte). */
	if (s[len] != '\0' && s[len] != '\n')
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	memcpy(buf, s, len);
	buf[len] = '\0';
}

/* R45: a follow-up task for a new problem promised a reply. */
static enum kf_rc
follow_up(struct kf_core *k, const struct kf_callback *c, const char *problem,
    int64_t due, int64_t *id, struct kf_err *err)
{
	struct kf_callback t;
	char subject[200];

	memset(&t, 0, sizeof(t));
	t.reason = KF_CB_FOLLOWUP;
	t.complaint_id = c->complaint_id;
	t.contact_id = c->contact_id;
	t.order_id = c->order_id;
	t.survey_id = c->survey_id;
	t.parent_id = c->id;
	t.customer_id = c->customer_id;
	t.name = c->name;
	t.phone = c->phone;
	first_line(subject, sizeof(subject), problem);
	t.subject = subject;
	t.due_at = due;
	t.owner_id = kf_core_actor_id(k);
	return kf_callback_task_tx(k, &t, id, err);
}

/* R45: a serious problem raised as a complaint, in this transaction. */
static enum kf_rc
raise_complaint(struct kf_core *k, const struct kf_callback *c,
    const struct kf_callback_record *r, int64_t *id, struct kf_err *err)
{
	struct kf_complaint cp;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	memset(&cp, 0, sizeof(cp));
	st = kf_sql(k, SQL_CATEGORY_OTHER);
	if ((src = sqlite3_step(st)) == SQLITE_ROW)
		cp.category_id = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return kf_db_err(k, src, "reading the categories", err);
	cp.customer_id = c->customer_id;
	cp.name = xstrdup(or_empty(c->name));
	cp.phone = xstrdup(or_empty(c->phone));
	cp.what = xstrdup(r->problem);
	cp.place = NULL;
	if (c->order_id != 0) {		/* where the repair was */
		st = kf_sql(k, SQL_ORDER_ADDRESS);
		kf_bind_int(st, ":id", c->order_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			cp.place = kf_col_strdup(st, 0);
		kf_sql_done(st);
	}
	if (cp.place == NULL)
		cp.place = xstrdup("");
	cp.community = xstrdup("");
	cp.building = xstrdup("");
	cp.happened_at = kf_core_now(k);
	/* Raised by the desk in a call it made: not one of the channels a
	 * complainant comes by. */
	cp.channel = KF_CPL_CH_OTHER;
	cp.severity = r->raise_serious ? KF_CPL_SERIOUS : KF_CPL_ORDINARY;
	cp.contact_id = c->contact_id;
	rc = kf_complaint_new(k, &cp, id, err);
	kf_complaint_clear(&cp);
	return rc;
}

/* R45: a problem raised as a work order, in this transaction. */
static enum kf_rc
raise_order(struct kf_core *k, const struct kf_callback *c,
    const struct kf_callback_record *r, int64_t *id, struct kf_err *err)
{
	struct kf_order o;
	sqlite3_stmt *st;
	enum kf_rc rc;

	memset(&o, 0, sizeof(o));
	o.customer_id = c->customer_id;
	o.contact_id = c->contact_id;
	if (c->order_id != 0) {
		st = kf_sql(k, SQL_ORDER_ADDRESS);
		kf_bind_int(st, ":id", c->order_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			o.address = kf_col_strdup(st, 0);
		kf_sql_done(st);
	}
	o.contact_name = xstrdup(or_empty(c->name));
	o.contact_phone = xstrdup(or_empty(c->phone));
	o.fault = xstrdup(r->problem);
	o.category = KF_ORDER_CAT_INDOOR;
	rc = kf_order_new(k, &o, id, err);
	kf_order_clear(&o);
	return rc;
}

/*
 * What a record says, checked against the task (R40, R43, R45): KF_OK
 * or KF_INVALID naming the field.
 */
static enum kf_rc
check_record(struct kf_core *k, const struct kf_callback *c,
    const struct kf_callback_record *r, int64_t *signed_at,
    struct kf_err *err)
{
	int64_t now = kf_core_now(k);
	bool problem = r->problem != NULL && !kf_blank(r->problem);
	enum kf_rc rc;

	if (r->method != KF_CB_PHONE && r->method != KF_CB_VISIT)
		return kf_err_about(err, KF_INVALID, "method", N_("say how the "
		    "customer was called back: by phone or a home visit "
		    "(R40)"));
	if (r->score <= KF_CPL_SCORE_NONE || r->score > KF_CPL_VERY_DISSATISFIED)
		return kf_err_about(err, KF_INVALID, "score", N_("say how "
		    "satisfied the customer is (R41)"));
	if ((rc = required(r->said, "said", SAID_MAX, N_("say what the "
	    "customer said (R40)"), err)) != KF_OK)
		return rc;
	if (r->score > KF_CPL_SATISFIED) {
		if ((rc = required(r->reason, "reason", SAID_MAX, N_("say why "
		    "the customer is not satisfied"), err)) != KF_OK)
			return rc;
	} else if ((rc = kf_check_text(r->reason, "reason", SAID_MAX, false,
	    err)) != KF_OK)
		return rc;
	*signed_at = 0;
	if (r->method == KF_CB_VISIT) {			/* R43 */
		if ((rc = required(r->signed_name, "signed_name", 32,
		    N_("a home visit carries the customer's signature: "
		    "the name signed (R43)"), err)) != KF_OK)
			return rc;
		*signed_at = r->signed_at != 0 ? r->signed_at : now;
		if (*signed_at > now + 60 || *signed_at < c->created_at)
			return kf_err_about(err, KF_INVALID, "signed_at",
			    N_("the customer signed during the visit: not "
			    "before the callback was due to be made, nor "
			    "later than now (R43)"));
	}
	if (!problem) {
		if (r->raise != KF_CB_RAISE_NONE)
			return kf_err_about(err, KF_INVALID, "problem",
			    N_("say what the new problem is before raising it "
			    "(R45)"));
		return KF_OK;
	}
	if ((rc = kf_check_text(r->problem, "problem", PROBLEM_MAX, true,
	    err)) != KF_OK)
		return rc;
	if (r->raise == KF_CB_RAISE_NONE &&
	    (r->reply_due_at <= now || r->reply_due_at > now + LATER_MAX_S))
		return kf_err_about(err, KF_INVALID, "reply_due_at",
		    N_("a new problem not answered at once gets a promised "
		    "reply time, after now and within 30 days (R45)"));
	if ((unsigned)r->raise > KF_CB_RAISE_ORDER)
		return kf_err_about(err, KF_INVALID, "raise",
		    N_("a problem is raised as a complaint or a work order"));
	return KF_OK;
}

static enum kf_rc
do_record(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_callback *c = rec;
	const struct record_arg *a = arg;
	const struct kf_callback_record *r = a->r;
	int64_t now = kf_core_now(k), signed_at = 0, made = 0;
	bool problem = r->problem != NULL && !kf_blank(r->problem);
	const char *note;
	enum kf_rc rc;

	if ((rc = check_record(k, c, r, &signed_at, err)) != KF_OK)
		return rc;
	/* R30, R39: a complaint's task records the complaint's callback, so
	 * its close gate opens; its own rules refuse what they refuse. */
	if (c->reason == KF_CB_COMPLAINT && c->complaint_id != 0) {
		note = r->score > KF_CPL_SATISFIED ? r->reason : r->said;
		if ((rc = kf_complaint_called_back_tx(k, c->complaint_id,
		    a->complaint_seen, (int)r->method, r->score, note,
		    err)) != KF_OK)
			return rc;
	}
	if (problem) {
		if (r->raise == KF_CB_RAISE_COMPLAINT)
			rc = raise_complaint(k, c, r, &made, err);
		else if (r->raise == KF_CB_RAISE_ORDER)
			rc = raise_order(k, c, r, &made, err);
		else
			rc = follow_up(k, c, r->problem, r->reply_due_at, &made,
			    err);
		if (rc != KF_OK)
			return rc;
	}
	kf_fsm_set_int(m, "state", KF_CB_DONE);
	kf_fsm_set_int(m, "method", r->method);
	kf_fsm_set_int(m, "score", r->score);
	kf_fsm_set_text(m, "said", r->said);
	kf_fsm_set_text(m, "reason_text", or_empty(r->reason));
	if (r->method == KF_CB_VISIT) {
		kf_fsm_set_text(m, "signed_name", r->signed_name);
		kf_fsm_set_int(m, "signed_at", signed_at);
	}
	if (problem) {
		kf_fsm_set_text(m, "problem", r->problem);
		if (r->raise == KF_CB_RAISE_COMPLAINT)
			kf_fsm_set_int(m, "raised_complaint_id", made);
		else if (r->raise == KF_CB_RAISE_ORDER)
			kf_fsm_set_int(m, "raised_order_id", made);
		else
			kf_fsm_set_int(m, "reply_due_at", r->reply_due_at);
	}
	kf_fsm_set_null(m, "next_try_at");
	kf_fsm_set_int(m, "done_at", now);
	kf_fsm_set_int(m, "done_by", kf_core_actor_id(k));
	if (a->new_id != NULL)
		*a->new_id = made;
	return KF_OK;
}

enum kf_rc
kf_callback_record_tx(struct kf_core *k, int64_t id, int64_t seen,
    const struct kf_callback_record *r, int64_t complaint_seen,
    int64_t *new_id, struct kf_err *err)
{
	struct record_arg a = { r, complaint_seen, new_id };

	if (new_id != NULL)
		*new_id = 0;
	if (r == NULL)
		return kf_err_about(err, KF_INVALID, "method",
		    N_("say how the customer was called back: by phone or a "
		    "home visit (R40)"));
	return run(k, id, seen, KF_CB_MOVE_RECORD, do_record, &a, err);
}

enum kf_rc
kf_callback_record(struct kf_core *k, int64_t id, int64_t seen,
    const struct kf_callback_record *r, int64_t *new_id, struct kf_err *err)
{
	return kf_callback_record_tx(k, id, seen, r, -1, new_id, err);
}

/* ---- attempt (R47: never counted as done) ---- */

struct attempt_arg {
	enum kf_callback_outcome outcome;
	int64_t			 later_at;
	const char		*note;
};

static enum kf_rc
do_attempt(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_callback *c = rec;
	const struct attempt_arg *a = arg;
	struct kf_buf after = { 0 };
	int64_t now = kf_core_now(k), next, retry, aid;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	if (a->outcome != KF_CB_NO_ANSWER && a->outcome != KF_CB_CALL_LATER)
		return kf_err_about(err, KF_INVALID, "outcome", N_("an attempt "
		    "found no answer, or the customer asked to be called "
		    "later"));
	if ((rc = kf_check_text(a->note, "note", SAID_MAX, false, err)) !=
	    KF_OK)
		return rc;
	if (a->outcome == KF_CB_CALL_LATER) {
		if (a->later_at <= now || a->later_at > now + LATER_MAX_S)
			return kf_err_about(err, KF_INVALID, "later_at",
			    N_("say when to call again: after now and within "
			    "30 days"));
		next = a->later_at;
	} else {
		if ((rc = kf_policy_value(k, "callback.retry_after", &retry,
		    err)) != KF_OK)
			return rc;
		next = now + retry;
	}
	st = kf_sql(k, SQL_ATTEMPT_INSERT);
	kf_bind_int(st, ":cb", c->id);
	kf_bind_int(st, ":at", now);
	bind_opt(st, ":by", kf_core_actor_id(k));
	kf_bind_int(st, ":outcome", a->outcome);
	if (a->outcome == KF_CB_CALL_LATER)
		kf_bind_int(st, ":later", a->later_at);
	kf_bind_text(st, ":note", or_empty(a->note));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "recording the attempt", err);
	aid = sqlite3_last_insert_rowid(k->db);
	kf_buf_printf(&after, "{\"callback_id\":%lld,\"at\":%lld",
	    (long long)c->id, (long long)now);
	json_int_or_null(&after, "by", kf_core_actor_id(k));
	kf_buf_printf(&after, ",\"outcome\":%d", (int)a->outcome);
	json_int_or_null(&after, "later_at", a->outcome == KF_CB_CALL_LATER ?
	    a->later_at : 0);
	json_text(&after, "note", a->note);
	kf_buf_puts(&after, "}");
	rc = kf_audit_append(k, "callback_attempt.new", "callback_attempt",
	    aid, 1, NULL, kf_buf_str(&after), err);
	kf_buf_free(&after);
	if (rc != KF_OK)
		return rc;
	kf_fsm_set_int(m, "attempts", c->attempts + 1);
	kf_fsm_set_int(m, "next_try_at", next);
	return KF_OK;
}

enum kf_rc
kf_callback_attempt(struct kf_core *k, int64_t id, int64_t seen,
    enum kf_callback_outcome outcome, int64_t later_at, const char *note,
    struct kf_err *err)
{
	struct attempt_arg a = { outcome, later_at, note };

	return run(k, id, seen, KF_CB_MOVE_ATTEMPT, do_attempt, &a, err);
}

/* ---- review (R44) ---- */

static enum kf_rc
do_review(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	const char *note = arg;
	enum kf_rc rc;

	(void)rec;
	if ((rc = kf_check_text(note, "note", SAID_MAX, false, err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", KF_CB_REVIEWED);
	kf_fsm_set_int(m, "reviewed_at", kf_core_now(k));
	kf_fsm_set_int(m, "reviewed_by", kf_core_actor_id(k));
	kf_fsm_set_text(m, "review_note", or_empty(note));
	return KF_OK;
}

enum kf_rc
kf_callback_review(struct kf_core *k, int64_t id, int64_t seen,
    const char *note, struct kf_err *err)
{
	return run(k, id, seen, KF_CB_MOVE_REVIEW, do_review, note, err);
}

/* ---- assign ---- */

static enum kf_rc
do_assign(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_callback *c = rec;
	int64_t to = *(const int64_t *)arg, me = kf_core_actor_id(k);
	sqlite3_stmt *st;
	unsigned roles = 0;
	bool enabled = false;
	enum kf_rc rc;

	/* A clerk takes one for himself or gives his back to the pool;
	 * handing one to another is a supervisor's. */
	if (to != 0 && to != me &&
	    (rc = kf_may(k, KF_ACT_CALLBACK_MANAGE, 0, err)) != KF_OK)
		return rc;
	if (to == 0 && c->owner_id != me &&
	    (rc = kf_may(k, KF_ACT_CALLBACK_MANAGE, 0, err)) != KF_OK)
		return rc;
	if (to != 0) {
		st = kf_sql(k, SQL_STAFF);
		kf_bind_int(st, ":id", to);
		if (sqlite3_step(st) == SQLITE_ROW)
			enabled = sqlite3_column_int(st, 1) == 0 &&
			    kf_roles_parse((const char *)sqlite3_column_text(st,
			    0), &roles, NULL) == KF_OK;
		kf_sql_done(st);
		if (!enabled || !(roles & kf_action_roles(
		    KF_ACT_CALLBACK_WORK)))
			return kf_err_about(err, KF_INVALID, "owner",
			    N_("a callback is assigned to an enabled clerk "
			    "who makes callbacks"));
	}
	if (to == c->owner_id)
		return kf_err_about(err, KF_INVALID, "owner", to == 0 ?
		    N_("it is in the pool already") :
		    N_("it is assigned to them already"));
	if (to != 0)
		kf_fsm_set_int(m, "owner_id", to);
	else
		kf_fsm_set_null(m, "owner_id");
	return KF_OK;
}

enum kf_rc
kf_callback_assign(struct kf_core *k, int64_t id, int64_t seen,
    int64_t owner_id, struct kf_err *err)
{
	return run(k, id, seen, KF_CB_MOVE_ASSIGN, do_assign, &owner_id, err);
}

/* ---- cancel ---- */

static enum kf_rc
cancel_changes(struct kf_core *k, const char *reason,
    struct kf_fsm_changes *m, struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = required(reason, "reason", SAID_MAX, N_("say why the "
	    "callback is no longer called for"), err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", KF_CB_CANCELLED);
	kf_fsm_set_text(m, "cancel_reason", reason);
	kf_fsm_set_int(m, "cancelled_at", kf_core_now(k));
	if (kf_core_actor_id(k) != 0)
		kf_fsm_set_int(m, "cancelled_by", kf_core_actor_id(k));
	return KF_OK;
}

static enum kf_rc
do_cancel(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	(void)rec;
	return cancel_changes(k, arg, m, err);
}

enum kf_rc
kf_callback_cancel(struct kf_core *k, int64_t id, int64_t seen,
    const char *reason, struct kf_err *err)
{
	return run(k, id, seen, KF_CB_MOVE_CANCEL, do_cancel, reason, err);
}

/* ---- what other modules call inside their transactions ---- */

/* The open complaint task of complaint id into *id (0: none). */
static enum kf_rc
complaint_task(struct kf_core *k, int64_t complaint, int64_t **ids, size_t *n,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_COMPLAINT_OPEN);
	size_t cap = 0;
	int src;

	*ids = NULL;
	*n = 0;
	kf_bind_int(st, ":c", complaint);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*ids = xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return kf_db_err(k, src, "reading the complaint's callback",
		    err);
	}
	return KF_OK;
}

enum kf_rc
kf_callback_of_complaint_tx(struct kf_core *k, int64_t complaint,
    int64_t *id, struct kf_err *err)
{
	int64_t *ids;
	size_t n;
	enum kf_rc rc;

	*id = 0;
	if ((rc = complaint_task(k, complaint, &ids, &n, err)) != KF_OK)
		return rc;
	if (n > 0)
		*id = ids[0];
	free(ids);
	return KF_OK;
}

enum kf_rc
kf_callback_cancel_complaint_tx(struct kf_core *k, int64_t complaint,
    const char *reason, struct kf_err *err)
{
	struct kf_fsm_changes m = { .n = 0 };
	int64_t *ids;
	size_t n, i;
	enum kf_rc rc;

	if ((rc = complaint_task(k, complaint, &ids, &n, err)) != KF_OK)
		return rc;
	for (i = 0; i < n && rc == KF_OK; i++) {
		m.n = 0;
		if ((rc = cancel_changes(k, reason, &m, err)) == KF_OK)
			rc = kf_rec_update(k, &entity, ids[i], -1,
			    "callback.cancel", m.ch, m.n, NULL, err);
	}
	free(ids);
	return rc;
}

enum kf_rc
kf_callback_letter_done_tx(struct kf_core *k, int64_t id, int64_t letter_id,
    struct kf_err *err)
{
	struct kf_fsm_changes m = { .n = 0 };
	struct kf_callback c;
	enum kf_rc rc;

	if ((rc = load(k, id, &c, err)) != KF_OK)
		goto out;
	if ((rc = kf_fsm_check(&kf_callback_fsm, k, &c, (int)c.state, id,
	    KF_CB_MOVE_LETTER, err)) != KF_OK)
		goto out;
	kf_fsm_set_int(&m, "state", KF_CB_DONE);
	kf_fsm_set_int(&m, "method", KF_CB_LETTER);
	kf_fsm_set_int(&m, "letter_id", letter_id);
	kf_fsm_set_null(&m, "next_try_at");
	kf_fsm_set_int(&m, "done_at", kf_core_now(k));
	kf_fsm_set_int(&m, "done_by", kf_core_actor_id(k));
	rc = kf_rec_update(k, &entity, id, -1, "callback.letter", m.ch, m.n,
	    NULL, err);
out:
	kf_callback_clear(&c);
	return rc;
}

/* ---- attempts ---- */

void
kf_callback_attempts_free(struct kf_callback_attempt *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].note);
		free(v[i].by_name);
	}
	free(v);
}

enum kf_rc
kf_callback_attempts(struct kf_core *k, int64_t id,
    struct kf_callback_attempt **out, size_t *n, struct kf_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_ATTEMPTS);
	kf_bind_int(st, ":cb", id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct kf_callback_attempt *a;

		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		a = &(*out)[(*n)++];
		a->id = sqlite3_column_int64(st, 0);
		a->callback_id = sqlite3_column_int64(st, 1);
		a->at = sqlite3_column_int64(st, 2);
		a->by = sqlite3_column_int64(st, 3);
		a->outcome = (enum kf_callback_outcome)sqlite3_column_int(st,
		    4);
		a->later_at = sqlite3_column_int64(st, 5);
		a->note = kf_col_strdup(st, 6);
		a->by_name = kf_col_strdup(st, 7);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_callback_attempts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return kf_db_err(k, src, "reading the attempts", err);
	}
	return KF_OK;
}

/* ---- lists ---- */

static const struct kf_callback_filter default_filter = {
	.state = KF_CB_OPEN, .reason = -1,
};

static void
bind_filters(struct kf_core *k, sqlite3_stmt *st,
    const struct kf_callback_filter *f)
{
	kf_bind_int(st, ":reason", f->reason);
	kf_bind_int(st, ":owner", f->owner_id);
	kf_bind_int(st, ":mine", f->mine);
	kf_bind_int(st, ":me", kf_core_actor_id(k));
	if (f->sample_month != NULL)
		kf_bind_text(st, ":month", f->sample_month);
}

void
kf_callback_list_free(struct kf_callback *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_callback_clear(&v[i]);
	free(v);
}

static void
clear_row(void *rec)
{
	kf_callback_clear(rec);
}

enum kf_rc
kf_callback_list(struct kf_core *k, const struct kf_callback_filter *f,
    enum kf_page dir, const struct kf_callback *anchor, int limit,
    struct kf_callback **out, size_t *n, struct kf_err *err)
{
	int64_t ad = 0, aid = 0;
	const char *const *sql;
	sqlite3_stmt *st;
	enum kf_rc rc;
	bool back, open;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK)
		return rc;
	if (f == NULL)
		f = &default_filter;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	if (anchor != NULL) {
		ad = anchor->due_at;
		aid = anchor->id;
	}
	back = kf_page_bound(dir, anchor != NULL, false, &ad, &aid);
	open = f->state == KF_CB_OPEN || f->overdue_only || f->due_now;
	if (f->sample_month != NULL)
		sql = SQL_LIST_MONTH;
	else if (f->to_review)
		sql = SQL_LIST_REVIEW;
	else if (open && f->owner_id > 0)
		sql = SQL_LIST_OWNER_OPEN;
	else if (open)
		sql = SQL_LIST_OPEN;
	else if (f->owner_id > 0)
		sql = SQL_LIST_OWNER;
	else
		sql = SQL_LIST_ALL;
	st = kf_sql(k, sql[back ? BACK : FWD]);
	bind_filters(k, st, f);
	kf_bind_int(st, ":now", kf_core_now(k));
	/* Waiting for review is a state of its own: it overrides the
	 * filter's (whose default is open). */
	kf_bind_int(st, ":state", f->to_review ? -1 : f->state);
	kf_bind_int(st, ":overdue", f->overdue_only);
	kf_bind_int(st, ":review", f->to_review);
	kf_bind_int(st, ":duenow", f->due_now);
	kf_bind_int(st, ":ad", ad);
	kf_bind_int(st, ":aid", aid);
	kf_bind_int(st, ":n", limit);
	rc = kf_rows_read(k, st, limit, sizeof(**out), row_to_callback,
	    clear_row, "listing callbacks", (void **)out, n, err);
	if (rc == KF_OK && back)
		kf_page_reverse(*out, *n, sizeof(**out));
	return rc;
}

enum kf_rc
kf_callback_count(struct kf_core *k, const struct kf_callback_filter *f,
    int64_t now, int64_t soon_s, struct kf_callback_counts *c,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK)
		return rc;
	if (f == NULL)
		f = &default_filter;
	st = kf_sql(k, SQL_COUNT_OPEN[f->sample_month != NULL]);
	bind_filters(k, st, f);
	kf_bind_int(st, ":now", now);
	kf_bind_int(st, ":soon", now + soon_s);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		c->open = sqlite3_column_int64(st, 0);
		c->overdue = sqlite3_column_int64(st, 1);
		c->due_soon = sqlite3_column_int64(st, 2);
	}
	kf_sql_done(st);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "counting the open callbacks", err);
	st = kf_sql(k, SQL_COUNT_REVIEW[f->sample_month != NULL]);
	bind_filters(k, st, f);
	if ((src = sqlite3_step(st)) == SQLITE_ROW)
		c->to_review = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return src == SQLITE_ROW ? KF_OK :
	    kf_db_err(k, src, "counting the callbacks to review", err);
}

int64_t
kf_callback_overdue_count(struct kf_core *k)
{
	sqlite3_stmt *st;
	int64_t n = 0;

	if (kf_may(k, KF_ACT_CALLBACK_VIEW, 0, NULL) != KF_OK)
		return 0;
	st = kf_sql(k, SQL_OVERDUE_COUNT);
	kf_bind_int(st, ":now", kf_core_now(k));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return n;
}

/* ---- R47: the completion rate ---- */

static enum kf_rc
period_ok(int64_t from, int64_t to, struct kf_err *err)
{
	if (from >= to)
		return kf_err_about(err, KF_INVALID, "period",
		    N_("a period ends after it begins"));
	return KF_OK;
}

enum kf_rc
kf_callback_rate(struct kf_core *k, int64_t from, int64_t to,
    struct kf_callback_rate *r, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	memset(r, 0, sizeof(*r));
	r->rate_permille = -1;
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK ||
	    (rc = period_ok(from, to, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_RATE);
	kf_bind_int(st, ":from", from);
	kf_bind_int(st, ":to", to);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		r->due = sqlite3_column_int64(st, 0);
		r->on_time = sqlite3_column_int64(st, 1);
		r->late = sqlite3_column_int64(st, 2);
	}
	kf_sql_done(st);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "measuring the callback rate", err);
	r->missing = r->due - r->on_time - r->late;
	/* Rounded down: 100% only when every one was on time (R47). */
	if (r->due > 0)
		r->rate_permille = (int)(r->on_time * 1000 / r->due);
	return KF_OK;
}

enum kf_rc
kf_callback_missing(struct kf_core *k, int64_t from, int64_t to, int limit,
    struct kf_callback **out, size_t *n, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK ||
	    (rc = period_ok(from, to, err)) != KF_OK)
		return rc;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	st = kf_sql(k, SQL_MISSING);
	kf_bind_int(st, ":from", from);
	kf_bind_int(st, ":to", to);
	kf_bind_int(st, ":n", limit);
	return kf_rows_read(k, st, limit, sizeof(**out), row_to_callback,
	    clear_row, "listing the callbacks missed", (void **)out, n, err);
}
