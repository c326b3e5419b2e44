/*
 * complaint.c — complaints driven to closure (see include/kefu/complaint.h):
 * R27–R39, R48.
 *
 * Design note. A complaint is one row of schema/016. Every move is one
 * transaction run by the state-table engine (fsm.c): read the complaint,
 * check the move against the table below (permission, who, state,
 * guard), let the move's function check its input and name the changed
 * fields, then write them through the versioned update engine (rec.c),
 * which writes the audit row and turns a race into a conflict naming the
 * winner. Every move ends in clocks(): the one function that computes the
 * clocks' deadlines, which one runs first (due_at, due_clock, clock_from)
 * and the queue's key, so the queue, "overdue" and "due soon" are reads
 * of small partial indexes, never arithmetic over the table.
 *
 *   a clock    applies when          starts at            met by
 *   forward    always (R28, 019)     registered/reopened  forwarded_at
 *   track      via_company (R33)     registered/reopened  result_at
 *   analyse    forwarded (R35)       forwarded/reopened   analysed_at
 *   explain    analysed invalid(R34) registered/reopened  result_at
 *   reply      municipal (R38)       registered           replied_at, result
 *   action     an unverified action  its set_at           verified (R36)
 *   callback   a result (R30)        result_at            callback_done_at
 *
 * A deadline, once set, stays (a policy changed later moves no running
 * clock); a reopening clears those that start again. A complaint linked
 * as a duplicate (R48) runs no clock of its own until it is told its
 * root's result; then its callback runs.
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
#define QUEUE_LAST	INT64_MAX	/* queue_at of one with no clock */
#define ACTION_MAX_S	(366 * (int64_t)DAY)	/* an action's due, at most */
/* The SQL says "state < 9" (open) and "state = 7" (to sign), as the
 * partial indexes of schema/016 do. */
_Static_assert(KF_CPL_CLOSED == 9 && KF_CPL_WITHDRAWN == 10 &&
    KF_CPL_CALLED_BACK == 7, "the SQL's state numbers");

/* ---- names ---- */

static const struct kf_complaint_name unknown = { "?", "?" };
static const struct kf_complaint_name state_names[KF_CPL_STATE_COUNT] = {
	[KF_CPL_REGISTERED] = { "registered", N_("registered") },
	[KF_CPL_FORWARDED] = { "forwarded", N_("forwarded") },
	[KF_CPL_ANALYSED] = { "analysed", N_("analysed") },
	[KF_CPL_ACTION_SET] = { "action-set", N_("action set") },
	[KF_CPL_APPROVED] = { "approved", N_("approved") },
	[KF_CPL_VERIFIED] = { "verified", N_("verified") },
	[KF_CPL_RESULT] = { "result", N_("result recorded") },
	[KF_CPL_CALLED_BACK] = { "called-back", N_("called back") },
	[KF_CPL_SIGNED] = { "signed", N_("signed off") },
	[KF_CPL_CLOSED] = { "closed", N_("closed") },
	[KF_CPL_WITHDRAWN] = { "withdrawn", N_("withdrawn") },
};
static const struct kf_complaint_name channel_names[KF_CPL_CH_COUNT] = {
	[KF_CPL_CH_HOTLINE] = { "hotline", N_("hotline") },
	[KF_CPL_CH_WALK_IN] = { "walk-in", N_("walk-in") },
	[KF_CPL_CH_PHONE_IN] = { "phone-in", N_("phone-in") },
	[KF_CPL_CH_LETTER] = { "letter", N_("letter") },
	[KF_CPL_CH_COMPANY] = { "company", N_("via the company") },
	[KF_CPL_CH_OTHER] = { "other", N_("other") },
};
#define NCLOCKS	(KF_CPL_CLOCK_FORWARD + 1)
static const struct kf_complaint_name clock_names[NCLOCKS] = {
	[KF_CPL_CLOCK_NONE] = { "none", N_("no clock") },
	[KF_CPL_CLOCK_TRACK] = { "track", N_("track (R33)") },
	[KF_CPL_CLOCK_ANALYSE] = { "analyse", N_("analyse (R35)") },
	[KF_CPL_CLOCK_EXPLAIN] = { "explain", N_("explain (R34)") },
	[KF_CPL_CLOCK_REPLY] = { "reply", N_("interim reply (R38)") },
	[KF_CPL_CLOCK_ACTION] = { "action", N_("action (R36)") },
	[KF_CPL_CLOCK_CALLBACK] = { "callback", N_("callback (R30)") },
	[KF_CPL_CLOCK_FORWARD] = { "forward", N_("forward (R28)") },
};
#define NSCORES	(KF_CPL_VERY_DISSATISFIED + 1)
static const struct kf_complaint_name score_names[NSCORES] = {
	[KF_CPL_SCORE_NONE] = { "none", N_("not given") },
	[KF_CPL_VERY_SATISFIED] = { "very-satisfied", N_("very satisfied") },
	[KF_CPL_SATISFIED] = { "satisfied", N_("satisfied") },
	[KF_CPL_NEUTRAL] = { "neutral", N_("neutral") },
	[KF_CPL_DISSATISFIED] = { "dissatisfied", N_("dissatisfied") },
	[KF_CPL_VERY_DISSATISFIED] = { "very-dissatisfied",
	    N_("very dissatisfied") },
};

#define NSEVERITIES	(KF_CPL_SERIOUS + 1)
static const struct kf_complaint_name severity_names[NSEVERITIES] = {
	[KF_CPL_ORDINARY] = { "ordinary", N_("ordinary") },
	[KF_CPL_SERIOUS] = { "serious", N_("serious") },	/* R29 */
};

static const struct kf_complaint_name *
name_of(const struct kf_complaint_name *t, int n, int i)
{
	return i >= 0 && i < n ? &t[i] : &unknown;
}

const struct kf_complaint_name *
kf_complaint_state_info(int s)
{
	return name_of(state_names, KF_CPL_STATE_COUNT, s);
}

const struct kf_complaint_name *
kf_complaint_channel_info(int ch)
{
	return name_of(channel_names, KF_CPL_CH_COUNT, ch);
}

const struct kf_complaint_name *
kf_complaint_clock_info(int clk)
{
	return name_of(clock_names, NCLOCKS, clk);
}

const struct kf_complaint_name *
kf_complaint_score_info(int sc)
{
	return name_of(score_names, NSCORES, sc);
}

const struct kf_complaint_name *
kf_complaint_severity_info(int sv)
{
	return name_of(severity_names, NSEVERITIES, sv);
}

/*
 * The key, the label, its translation now or its Chinese (the desk's
 * language, whatever a cron job speaks): the index, or -1.
 */
static int
parse_name(const struct kf_complaint_name *t, int n, const char *s)
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
kf_complaint_state_parse(const char *s, int *state, struct kf_err *err)
{
	return parsed(parse_name(state_names, KF_CPL_STATE_COUNT, s), state,
	    "state", "state", s, err);
}

enum kf_rc
kf_complaint_channel_parse(const char *s, int *ch, struct kf_err *err)
{
	return parsed(parse_name(channel_names, KF_CPL_CH_COUNT, s), ch,
	    "channel", "channel", s, err);
}

enum kf_rc
kf_complaint_score_parse(const char *s, int *sc, struct kf_err *err)
{
	return parsed(parse_name(score_names, NSCORES, s), sc, "score",
	    "callback_score", s, err);
}

enum kf_rc
kf_complaint_severity_parse(const char *s, int *sv, struct kf_err *err)
{
	return parsed(parse_name(severity_names, NSEVERITIES, s), sv,
	    "severity", "severity", s, err);
}

/*
 * The labels schema/016 seeds the categories with, marked here for the
 * catalogue: a seeded category's label is a msgid the faces translate
 * (_(c->category_label)); one an admin adds is shown as typed.
 */
const char *const kf_complaint_seeded_labels[6] = {
	N_("Service attitude"), N_("Repair quality"), N_("Billing"),
	N_("Gas supply"), N_("Facilities"), N_("Other"),
};

/* ---- SQL ---- */

static const char SQL_INSERT[] =
    "INSERT INTO complaint (customer_id, name, phone, what, place, "
    "happened_at, channel, received_by, registered_at, contact_id, "
    "community, building, category_id, severity, via_company, municipal, "
    "state, responsible_id, forwarded_at, forwarded_by, track_due_at, "
    "analyse_due_at, reply_due_at, forward_due_at, due_at, due_clock, "
    "clock_from, queue_at, queue_rank) "
    "VALUES (:cust, :name, :phone, :what, :place, :happened, :channel, :by, "
    ":at, :contact, :comm, :bldg, :cat, :sev, :company, :municipal, :state, "
    ":resp, :fwd_at, :fwd_by, :track, :analyse, :reply, :forward, :due, "
    ":clock, :from, :queue, :rank)";
/* A complaint with its category's label and the names of its person
 * responsible and its receiver: LEFT JOINs on keys, complaint the outer
 * loop. Columns qualified: the others have id too. */
#define COLS "SELECT c.id, c.customer_id, c.name, c.phone, c.what, c.place, " \
    "c.happened_at, c.channel, c.received_by, c.registered_at, " \
    "c.contact_id, c.community, c.building, c.category_id, c.severity, " \
    "c.via_company, c.municipal, c.state, c.responsible_id, " \
    "c.forwarded_at, c.forwarded_by, c.valid, c.cause, c.responsibility, " \
    "c.analysed_at, c.analysed_by, c.result, c.result_at, c.result_by, " \
    "c.reply, c.replied_at, c.visit_who, c.visit_report, c.visit_at, " \
    "c.approved_at, c.approved_by, c.callback_due_at, c.callback_done_at, " \
    "c.callback_by, c.callback_method, c.callback_score, c.callback_note, " \
    "c.signed_at, c.signed_by, c.closed_at, c.closed_by, " \
    "c.withdraw_reason, c.withdrawn_at, c.reopen_reason, c.reopened_at, " \
    "c.reopen_count, c.duplicate_of, c.track_due_at, c.analyse_due_at, " \
    "c.explain_due_at, c.reply_due_at, c.action_due_at, c.due_at, " \
    "c.clock_from, c.due_clock, c.escalated, c.escalated_to, c.version, " \
    "coalesce(g.label, ''), coalesce(r.display_name, ''), " \
    "coalesce(b.display_name, ''), c.forward_due_at, c.queue_rank " \
    "FROM complaint c " \
    "LEFT JOIN complaint_category g ON g.id = c.category_id " \
    "LEFT JOIN staff r ON r.id = c.responsible_id " \
    "LEFT JOIN staff b ON b.id = c.received_by "
static const char SQL_GET[] = COLS "WHERE c.id = :id";

/*
 * The lists. Each reads one index in (queue_at, id) order from the keyset
 * anchor (:aq, :aid); the filters left are cheap tests on those rows.
 * :me is the technician who sees only his own (R54; 0: anyone). Two
 * statements each: forwards after the anchor, backwards before it
 * (reversed in C).
 */
#define MINE(c) "(:me = 0 OR " c "responsible_id = :me OR EXISTS (SELECT 1 " \
    "FROM complaint_action a WHERE a.complaint_id = " c "id AND " \
    "a.owner_id = :me)) "
#define FILTERS "AND (:state < 0 OR c.state = :state) " \
    "AND (:sev < 0 OR c.severity = :sev) " \
    "AND (:cat = 0 OR c.category_id = :cat) " \
    "AND (:resp = 0 OR c.responsible_id = :resp) " \
    "AND (:sign = 0 OR c.state = 7) " \
    "AND (:overdue = 0 OR (c.due_at IS NOT NULL AND c.due_at < :now)) " \
    "AND (:open = 0 OR c.state < 9) " \
    "AND (:esc = 0 OR c.escalated_to = :esc) AND " MINE("c.")
#define PAGES(where) { \
    COLS where FILTERS "AND (c.queue_rank, c.queue_at, c.id) > " \
    "(:ar, :aq, :aid) ORDER BY c.queue_rank, c.queue_at, c.id LIMIT :n", \
    COLS where FILTERS "AND (c.queue_rank, c.queue_at, c.id) < " \
    "(:ar, :aq, :aid) ORDER BY c.queue_rank DESC, c.queue_at DESC, " \
    "c.id DESC LIMIT :n" }
enum { FWD, BACK };
static const char *const SQL_LIST_OPEN[2] = PAGES("WHERE c.state < 9 ");
static const char *const SQL_LIST_ALL[2] = PAGES("WHERE 1 ");
/* Overdue: queue_at is due_at while a clock runs, so the overdue ones
 * are the open index's first rows. */
static const char *const SQL_LIST_OVERDUE[2] = PAGES(
    "WHERE c.state < 9 AND c.queue_at < :now ");
static const char *const SQL_LIST_SIGN[2] = PAGES("WHERE c.state = 7 ");
/* Escalated to me (R29): a supervisor's own few. */
static const char *const SQL_LIST_ESC[2] = PAGES(
    "WHERE c.escalated_to = :esc ");
static const char *const SQL_LIST_RESP_OPEN[2] = PAGES(
    "WHERE c.responsible_id = :resp AND c.state < 9 ");
static const char *const SQL_LIST_RESP[2] = PAGES(
    "WHERE c.responsible_id = :resp ");
/* A technician's own (R54): his as responsible and as an action's owner,
 * found by their indexes, then ordered. */
static const char *const SQL_LIST_MINE[2] = PAGES(
    "JOIN (SELECT id FROM complaint WHERE responsible_id = :me UNION "
    "SELECT complaint_id FROM complaint_action WHERE owner_id = :me) AS m "
    "ON m.id = c.id WHERE 1 ");
#undef PAGES
/*
 * Search, newest first (id DESC; backwards: id ASC, reversed): three
 * characters or more through the trigram index, one or two through the
 * gram table (each kind of piece its own path, merged by UNION). The
 * filters run row by row, so no cap falls before them.
 */
/* FTS5 hands its rows over in rowid order, from the bound (f.rowid):
 * no sort, and a common word reads only the page's rows. */
#define TPAGES(from, where) { \
    COLS from where FILTERS "AND f.rowid < :aid ORDER BY f.rowid DESC " \
    "LIMIT :n", \
    COLS from where FILTERS "AND f.rowid > :aid ORDER BY f.rowid LIMIT :n" }
static const char *const SQL_SEARCH_FTS[2] = TPAGES(
    "JOIN complaint_fts f ON f.rowid = c.id ",
    "WHERE complaint_fts MATCH :q ");
#define GRAM_IDS(dir, cmp) "SELECT complaint_id FROM (SELECT complaint_id " \
    "FROM complaint_gram WHERE gram = :g1 AND complaint_id " cmp " :aid " \
    "ORDER BY complaint_id " dir " LIMIT :n) UNION SELECT complaint_id " \
    "FROM (SELECT complaint_id FROM complaint_gram WHERE gram = :g2 AND " \
    "complaint_id " cmp " :aid ORDER BY complaint_id " dir " LIMIT :n) " \
    "UNION SELECT complaint_id FROM (SELECT complaint_id FROM " \
    "complaint_gram WHERE gram = :g3 AND complaint_id " cmp " :aid " \
    "ORDER BY complaint_id " dir " LIMIT :n)"
static const char *const SQL_SEARCH_GRAM[2] = {
	COLS "WHERE c.id IN (" GRAM_IDS("DESC", "<") ") " FILTERS
	"AND c.id < :aid ORDER BY c.id DESC LIMIT :n",
	COLS "WHERE c.id IN (" GRAM_IDS("ASC", ">") ") " FILTERS
	"AND c.id > :aid ORDER BY c.id LIMIT :n",
};
#undef TPAGES
#undef GRAM_IDS

/* The header: one pass over the open complaints the filter keeps. */
static const char SQL_COUNTS[] =
    "SELECT count(*), coalesce(sum(c.due_at < :now), 0), "
    "coalesce(sum(c.due_at >= :now AND c.due_at <= :soon), 0), "
    "coalesce(sum(c.state = 7), 0), coalesce(sum(c.severity = 1), 0) "
    "FROM complaint c WHERE c.state < 9 " FILTERS;
static const char SQL_OVERDUE_COUNT[] =
    "SELECT count(*) FROM complaint c WHERE c.due_at IS NOT NULL AND "
    "c.due_at < :now AND " MINE("c.");
#undef FILTERS

/* R48: likely duplicates, by path, newest first within the window. */
static const char SQL_SIM_CUSTOMER[] = COLS
    "WHERE c.customer_id = :v AND c.registered_at >= :from "
    "ORDER BY c.registered_at DESC LIMIT :n";
static const char SQL_SIM_PHONE[] = COLS
    "WHERE c.phone = :v AND c.phone != '' AND c.registered_at >= :from "
    "ORDER BY c.registered_at DESC LIMIT :n";
static const char SQL_SIM_PLACE[] = COLS
    "WHERE c.place = :v AND c.registered_at >= :from "
    "ORDER BY c.registered_at DESC LIMIT :n";
static const char SQL_SIM_BUILDING[] = COLS
    "WHERE c.community = :v AND c.building = :b AND c.building != '' AND "
    "c.registered_at >= :from ORDER BY c.registered_at DESC LIMIT :n";
static const char SQL_WINDOW_FIRST[] =
    "SELECT id FROM complaint WHERE registered_at >= :from "
    "ORDER BY registered_at LIMIT 1";
/* The newest complaints of the window with one piece of what happened
 * (a 'w' gram): read piece by piece, each at most SIM_PER_PIECE rows, so
 * a piece that is in every other complaint (燃气) costs no more than a
 * rare one, whatever the window holds. */
static const char SQL_SIM_PIECE[] =
    "SELECT complaint_id FROM complaint_gram WHERE gram = :g AND "
    "complaint_id >= :lo ORDER BY complaint_id DESC LIMIT :n";
#undef COLS

static const char SQL_FTS_ADD[] =
    "INSERT INTO complaint_fts (rowid, body) VALUES (:id, :body)";
static const char SQL_GRAM_ADD[] =
    "INSERT OR IGNORE INTO complaint_gram (gram, complaint_id) "
    "VALUES (:g, :id)";

static const char SQL_CUSTOMER[] =
    "SELECT name, phones, community, building, unit, room, address "
    "FROM customer WHERE id = :id";
static const char SQL_CONTACT_EXISTS[] = "SELECT 1 FROM contact WHERE id = :id";
static const char SQL_CATEGORY_ACTIVE[] =
    "SELECT active FROM complaint_category WHERE id = :id";
static const char SQL_STAFF[] =
    "SELECT roles, disabled, display_name FROM staff WHERE id = :id";
static const char SQL_ACTION_EARLIEST[] =
    "SELECT due_at, set_at FROM complaint_action WHERE complaint_id = :c "
    "AND verified_at IS NULL ORDER BY due_at, id LIMIT 1";
static const char SQL_ACTION_INSERT[] =
    "INSERT INTO complaint_action (complaint_id, text, owner_id, due_at, "
    "set_at, set_by) VALUES (:c, :text, :owner, :due, :at, :by)";
#define ACOLS "SELECT a.id, a.complaint_id, a.text, a.owner_id, " \
    "coalesce(s.display_name, ''), a.due_at, a.set_at, a.set_by, " \
    "a.verified_at, a.verified_by, a.verify_note, a.version " \
    "FROM complaint_action a LEFT JOIN staff s ON s.id = a.owner_id "
static const char SQL_ACTIONS[] = ACOLS
    "WHERE a.complaint_id = :c ORDER BY a.id";
static const char SQL_ACTION[] = ACOLS "WHERE a.id = :id";
#undef ACOLS
static const char SQL_ACTIONS_OPEN[] =
    "SELECT count(*) FROM complaint_action WHERE complaint_id = :c AND "
    "verified_at IS NULL";
static const char SQL_DUPS[] =
    "SELECT id FROM complaint WHERE duplicate_of = :id ORDER BY id";

static const char SQL_CATEGORIES[] =
    "SELECT id, key, label, active FROM complaint_category "
    "WHERE (:all = 1 OR active = 1) ORDER BY id";
static const char SQL_CATEGORY_INSERT[] =
    "INSERT INTO complaint_category (key, label) VALUES (:key, :label)";
static const char SQL_CATEGORY_BY_KEY[] =
    "SELECT id, active FROM complaint_category WHERE key = :key";

/* ---- the versioned record ---- */

static const char SQL_VERSION[] = "SELECT version FROM complaint WHERE id = :id";
static const char SQL_BUMP[] = "UPDATE complaint SET version = :v WHERE id = :id";
#define FIELD(f) { #f, "SELECT " #f " FROM complaint WHERE id = :id", \
    "UPDATE complaint SET " #f " = :v WHERE id = :id", false }
static const struct kf_field fields[] = {
	FIELD(state), FIELD(responsible_id), FIELD(forwarded_at),
	FIELD(forwarded_by), FIELD(valid), FIELD(cause),
	FIELD(responsibility), FIELD(analysed_at), FIELD(analysed_by),
	FIELD(result), FIELD(result_at), FIELD(result_by), FIELD(reply),
	FIELD(replied_at), FIELD(visit_who), FIELD(visit_report),
	FIELD(visit_at), FIELD(approved_at), FIELD(approved_by),
	FIELD(callback_due_at), FIELD(callback_done_at), FIELD(callback_by),
	FIELD(callback_method), FIELD(callback_score), FIELD(callback_note),
	FIELD(signed_at), FIELD(signed_by), FIELD(closed_at), FIELD(closed_by),
	FIELD(withdraw_reason), FIELD(withdrawn_at), FIELD(reopen_reason),
	FIELD(reopened_at), FIELD(reopen_count), FIELD(duplicate_of),
	FIELD(track_due_at), FIELD(analyse_due_at), FIELD(explain_due_at),
	FIELD(reply_due_at), FIELD(action_due_at), FIELD(due_at),
	FIELD(due_clock), FIELD(clock_from), FIELD(queue_at),
	FIELD(escalated), FIELD(escalated_to), FIELD(forward_due_at),
	FIELD(queue_rank),
};
#undef FIELD
static const struct kf_entity entity = {
	"complaint", SQL_VERSION, SQL_BUMP, fields,
	(int)(sizeof(fields) / sizeof(fields[0])),
};

static const char SQL_AVERSION[] =
    "SELECT version FROM complaint_action WHERE id = :id";
static const char SQL_ABUMP[] =
    "UPDATE complaint_action SET version = :v WHERE id = :id";
static const struct kf_field action_fields[] = {
	{ "verified_at", "SELECT verified_at FROM complaint_action WHERE "
	  "id = :id", "UPDATE complaint_action SET verified_at = :v WHERE "
	  "id = :id", false },
	{ "verified_by", "SELECT verified_by FROM complaint_action WHERE "
	  "id = :id", "UPDATE complaint_action SET verified_by = :v WHERE "
	  "id = :id", false },
	{ "verify_note", "SELECT verify_note FROM complaint_action WHERE "
	  "id = :id", "UPDATE complaint_action SET verify_note = :v WHERE "
	  "id = :id", false },
};
static const struct kf_entity action_entity = {
	"complaint_action", SQL_AVERSION, SQL_ABUMP, action_fields, 3,
};

static const char SQL_GVERSION[] =
    "SELECT version FROM complaint_category WHERE id = :id";
static const char SQL_GBUMP[] =
    "UPDATE complaint_category SET version = :v WHERE id = :id";
static const struct kf_field category_fields[] = {
	{ "active", "SELECT active FROM complaint_category WHERE id = :id",
	  "UPDATE complaint_category SET active = :v WHERE id = :id", false },
};
static const struct kf_entity category_entity = {
	"complaint_category", SQL_GVERSION, SQL_GBUMP, category_fields, 1,
};

/* ---- reading ---- */

void
kf_complaint_clear(struct kf_complaint *c)
{
	if (c == NULL)
		return;
	free(c->name);
	free(c->phone);
	free(c->what);
	free(c->place);
	free(c->community);
	free(c->building);
	free(c->cause);
	free(c->responsibility);
	free(c->result);
	free(c->reply);
	free(c->visit_who);
	free(c->visit_report);
	free(c->callback_note);
	free(c->withdraw_reason);
	free(c->reopen_reason);
	free(c->category_label);
	free(c->responsible_name);
	free(c->received_by_name);
	memset(c, 0, sizeof(*c));
}

void
kf_complaint_action_clear(struct kf_complaint_action *a)
{
	if (a == NULL)
		return;
	free(a->text);
	free(a->owner_name);
	free(a->verify_note);
	memset(a, 0, sizeof(*a));
}

static int64_t
col_opt(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, i);
}

static void
row_to_complaint(sqlite3_stmt *st, void *rec)
{
	struct kf_complaint *c = rec;
	int i = 0;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, i++);
	c->customer_id = col_opt(st, i++);
	c->name = kf_col_strdup(st, i++);
	c->phone = kf_col_strdup(st, i++);
	c->what = kf_col_strdup(st, i++);
	c->place = kf_col_strdup(st, i++);
	c->happened_at = col_opt(st, i++);
	c->channel = (enum kf_complaint_channel)sqlite3_column_int(st, i++);
	c->received_by = col_opt(st, i++);
	c->registered_at = col_opt(st, i++);
	c->contact_id = col_opt(st, i++);
	c->community = kf_col_strdup(st, i++);
	c->building = kf_col_strdup(st, i++);
	c->category_id = col_opt(st, i++);
	c->severity = (enum kf_complaint_severity)sqlite3_column_int(st, i++);
	c->via_company = sqlite3_column_int(st, i++) != 0;
	c->municipal = sqlite3_column_int(st, i++) != 0;
	c->state = (enum kf_complaint_state)sqlite3_column_int(st, i++);
	c->responsible_id = col_opt(st, i++);
	c->forwarded_at = col_opt(st, i++);
	c->forwarded_by = col_opt(st, i++);
	c->valid = sqlite3_column_int(st, i++);
	c->cause = kf_col_strdup(st, i++);
	c->responsibility = kf_col_strdup(st, i++);
	c->analysed_at = col_opt(st, i++);
	c->analysed_by = col_opt(st, i++);
	c->result = kf_col_strdup(st, i++);
	c->result_at = col_opt(st, i++);
	c->result_by = col_opt(st, i++);
	c->reply = kf_col_strdup(st, i++);
	c->replied_at = col_opt(st, i++);
	c->visit_who = kf_col_strdup(st, i++);
	c->visit_report = kf_col_strdup(st, i++);
	c->visit_at = col_opt(st, i++);
	c->approved_at = col_opt(st, i++);
	c->approved_by = col_opt(st, i++);
	c->callback_due_at = col_opt(st, i++);
	c->callback_done_at = col_opt(st, i++);
	c->callback_by = col_opt(st, i++);
	c->callback_method = sqlite3_column_int(st, i++);
	c->callback_score = (enum kf_complaint_score)sqlite3_column_int(st,
	    i++);
	c->callback_note = kf_col_strdup(st, i++);
	c->signed_at = col_opt(st, i++);
	c->signed_by = col_opt(st, i++);
	c->closed_at = col_opt(st, i++);
	c->closed_by = col_opt(st, i++);
	c->withdraw_reason = kf_col_strdup(st, i++);
	c->withdrawn_at = col_opt(st, i++);
	c->reopen_reason = kf_col_strdup(st, i++);
	c->reopened_at = col_opt(st, i++);
	c->reopen_count = sqlite3_column_int(st, i++);
	c->duplicate_of = col_opt(st, i++);
	c->track_due_at = col_opt(st, i++);
	c->analyse_due_at = col_opt(st, i++);
	c->explain_due_at = col_opt(st, i++);
	c->reply_due_at = col_opt(st, i++);
	c->action_due_at = col_opt(st, i++);
	c->due_at = col_opt(st, i++);
	c->clock_from = col_opt(st, i++);
	c->due_clock = (enum kf_complaint_clock)sqlite3_column_int(st, i++);
	c->escalated = sqlite3_column_int(st, i++);
	c->escalated_to = col_opt(st, i++);
	c->version = sqlite3_column_int64(st, i++);
	c->category_label = kf_col_strdup(st, i++);
	c->responsible_name = kf_col_strdup(st, i++);
	c->received_by_name = kf_col_strdup(st, i++);
	c->forward_due_at = col_opt(st, i++);
	c->queue_rank = sqlite3_column_int(st, i++);
}

/* Without a permission check (inside the core's transactions). */
static enum kf_rc
load(struct kf_core *k, int64_t id, struct kf_complaint *c,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_GET);
	enum kf_rc rc = KF_OK;
	int src;

	memset(c, 0, sizeof(*c));
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_complaint(st, c);
	else if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no complaint %lld",
		    (long long)id);
	else
		rc = kf_db_err(k, src, "reading a complaint", err);
	kf_sql_done(st);
	return rc;
}

/*
 * The actor who sees only his own complaints (R54), or 0: a technician or
 * a billing clerk (either may be a complaint's person responsible) with
 * no role that reads every complaint.
 */
static int64_t
own_only(struct kf_core *k)
{
	unsigned r = kf_core_actor_roles(k);

	return (r & (KF_ROLE_TECHNICIAN | KF_ROLE_BILLING)) &&
	    !(r & (KF_ROLE_DISPATCHER | KF_ROLE_SUPERVISOR | KF_ROLE_ADMIN |
	    KF_ROLE_RECEPTION)) ? kf_core_actor_id(k) : 0;
}

/* Whether staff id owns an action of complaint c. */
static bool
owns_action(struct kf_core *k, int64_t c, int64_t id)
{
	sqlite3_stmt *st = kf_sql(k, "SELECT 1 FROM complaint_action "
	    "WHERE complaint_id = :c AND owner_id = :o LIMIT 1");
	bool yes;

	kf_bind_int(st, ":c", c);
	kf_bind_int(st, ":o", id);
	yes = sqlite3_step(st) == SQLITE_ROW;
	kf_sql_done(st);
	return yes;
}

static bool
is_his(struct kf_core *k, const struct kf_complaint *c, int64_t me)
{
	return c->responsible_id == me || owns_action(k, c->id, me);
}

static enum kf_rc
not_yours(struct kf_err *err, int64_t id)
{
	return kf_err_set(err, KF_DENIED, "complaint %lld is not yours: a "
	    "technician sees the complaints he handles only (R54)",
	    (long long)id);
}

enum kf_rc
kf_complaint_get(struct kf_core *k, int64_t id, struct kf_complaint *c,
    struct kf_err *err)
{
	int64_t me;
	enum kf_rc rc;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_may(k, KF_ACT_COMPLAINT_VIEW, 0, err)) != KF_OK ||
	    (rc = load(k, id, c, err)) != KF_OK)
		return rc;
	if ((me = own_only(k)) != 0 && !is_his(k, c, me)) {
		kf_complaint_clear(c);
		return not_yours(err, id);
	}
	return KF_OK;
}

/* ---- the clocks ---- */

struct policies {
	int64_t	 track, analyse, explain, reply, callback;	/* seconds */
	int64_t	 forward;
};

static enum kf_rc
read_policies(struct kf_core *k, struct policies *p, struct kf_err *err)
{
	static const char *const keys[6] = {
		"complaint.track_within", "complaint.analyse_within",
		"complaint.invalid_reply_within",
		"complaint.municipal_reply_within", "complaint.callback_within",
		"complaint.forward_within",
	};
	int64_t v[6];
	enum kf_rc rc;
	int i;

	for (i = 0; i < 6; i++)
		if ((rc = kf_policy_value(k, keys[i], &v[i], err)) != KF_OK)
			return rc;
	p->track = v[0] * DAY;
	p->analyse = v[1] * DAY;
	p->explain = v[2] * DAY;
	p->reply = v[3] * DAY;
	p->callback = v[4] * DAY;
	p->forward = v[5];		/* seconds (unit 0) */
	return KF_OK;
}

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/*
 * The one function that computes the clocks of c (see the design note):
 * each deadline that applies and is not set yet, the earliest still
 * running into due_at with which clock and since when. Reads the
 * policies and c's unverified actions; writes only c's fields.
 */
static enum kf_rc
clocks(struct kf_core *k, struct kf_complaint *c, struct kf_err *err)
{
	struct policies p;
	struct {
		int64_t	 due, from;
		bool	 runs;
	} clk[NCLOCKS];
	bool open = c->state < KF_CPL_CLOSED, own = c->duplicate_of == 0;
	int64_t restart = c->reopened_at, act_from = 0;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int i, src;

	if ((rc = read_policies(k, &p, err)) != KF_OK)
		return rc;
	memset(clk, 0, sizeof(clk));
	/* R28: unforwarded, a clock of its own from the registration (or
	 * the reopening that left it without a person); kept once met. */
	if (c->forwarded_at == 0 && c->forward_due_at == 0)
		c->forward_due_at = (restart ? restart : c->registered_at) +
		    p.forward;
	if (!c->via_company)				/* R33 */
		c->track_due_at = 0;
	else if (c->track_due_at == 0)
		c->track_due_at = (restart ? restart : c->registered_at) +
		    p.track;
	if (c->forwarded_at == 0)			/* R35 */
		c->analyse_due_at = 0;
	else if (c->analyse_due_at == 0)
		c->analyse_due_at = max64(c->forwarded_at, restart) + p.analyse;
	if (c->valid != 0)				/* R34 */
		c->explain_due_at = 0;
	else if (c->explain_due_at == 0)
		c->explain_due_at = (restart ? restart : c->registered_at) +
		    p.explain;
	if (!c->municipal)				/* R38 */
		c->reply_due_at = 0;
	else if (c->reply_due_at == 0)
		c->reply_due_at = c->registered_at + p.reply;
	if (c->result_at == 0)				/* R30 */
		c->callback_due_at = 0;
	else if (c->callback_due_at == 0)
		c->callback_due_at = c->result_at + p.callback;
	c->action_due_at = 0;				/* R36 */
	if (c->id != 0) {
		st = kf_sql(k, SQL_ACTION_EARLIEST);
		kf_bind_int(st, ":c", c->id);
		if ((src = sqlite3_step(st)) == SQLITE_ROW) {
			c->action_due_at = sqlite3_column_int64(st, 0);
			act_from = sqlite3_column_int64(st, 1);
		}
		kf_sql_done(st);
		if (src != SQLITE_ROW && src != SQLITE_DONE)
			return kf_db_err(k, src, "reading the actions", err);
	}

	clk[KF_CPL_CLOCK_TRACK].due = c->track_due_at;
	clk[KF_CPL_CLOCK_TRACK].from = restart ? restart : c->registered_at;
	clk[KF_CPL_CLOCK_TRACK].runs = own && c->result_at == 0;
	clk[KF_CPL_CLOCK_ANALYSE].due = c->analyse_due_at;
	clk[KF_CPL_CLOCK_ANALYSE].from = max64(c->forwarded_at, restart);
	clk[KF_CPL_CLOCK_ANALYSE].runs = own && c->analysed_at == 0;
	clk[KF_CPL_CLOCK_EXPLAIN].due = c->explain_due_at;
	clk[KF_CPL_CLOCK_EXPLAIN].from = restart ? restart : c->registered_at;
	clk[KF_CPL_CLOCK_EXPLAIN].runs = own && c->result_at == 0;
	clk[KF_CPL_CLOCK_REPLY].due = c->reply_due_at;
	clk[KF_CPL_CLOCK_REPLY].from = c->registered_at;
	clk[KF_CPL_CLOCK_REPLY].runs = own && c->replied_at == 0 &&
	    c->result_at == 0;
	clk[KF_CPL_CLOCK_ACTION].due = c->action_due_at;
	clk[KF_CPL_CLOCK_ACTION].from = act_from;
	clk[KF_CPL_CLOCK_ACTION].runs = own && c->result_at == 0;
	clk[KF_CPL_CLOCK_CALLBACK].due = c->callback_due_at;
	clk[KF_CPL_CLOCK_CALLBACK].from = c->result_at;
	clk[KF_CPL_CLOCK_CALLBACK].runs = c->callback_done_at == 0;
	clk[KF_CPL_CLOCK_FORWARD].due = c->forward_due_at;
	clk[KF_CPL_CLOCK_FORWARD].from = restart ? restart : c->registered_at;
	clk[KF_CPL_CLOCK_FORWARD].runs = own && c->forwarded_at == 0;

	c->due_at = 0;
	c->clock_from = 0;
	c->due_clock = KF_CPL_CLOCK_NONE;
	for (i = KF_CPL_CLOCK_TRACK; i < NCLOCKS && open; i++)
		if (clk[i].due != 0 && clk[i].runs &&
		    (c->due_at == 0 || clk[i].due < c->due_at)) {
			c->due_at = clk[i].due;
			c->clock_from = clk[i].from;
			c->due_clock = (enum kf_complaint_clock)i;
		}
	return KF_OK;
}

static void
set_opt(struct kf_fsm_changes *m, const char *field, int64_t v)
{
	if (v != 0)
		kf_fsm_set_int(m, field, v);
	else
		kf_fsm_set_null(m, field);
}

/*
 * The ladder in the queue (R29): an open serious complaint first (0),
 * then an open escalated one (1), then the rest (2), each by nearest
 * deadline. Stored (queue_rank) so every list is one index read; the
 * anchor of a page is ranked by this same function.
 */
static int
queue_rank(const struct kf_complaint *c)
{
	if (c->state >= KF_CPL_CLOSED)
		return 2;
	if (c->severity == KF_CPL_SERIOUS)
		return 0;
	return c->escalated > 0 ? 1 : 2;
}

/* clocks() on the record as the move leaves it, into the move's changes. */
static enum kf_rc
clock_changes(struct kf_core *k, struct kf_complaint *c,
    struct kf_fsm_changes *m, struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = clocks(k, c, err)) != KF_OK)
		return rc;
	set_opt(m, "track_due_at", c->track_due_at);
	set_opt(m, "analyse_due_at", c->analyse_due_at);
	set_opt(m, "explain_due_at", c->explain_due_at);
	set_opt(m, "reply_due_at", c->reply_due_at);
	set_opt(m, "action_due_at", c->action_due_at);
	set_opt(m, "callback_due_at", c->callback_due_at);
	set_opt(m, "forward_due_at", c->forward_due_at);
	set_opt(m, "due_at", c->due_at);
	kf_fsm_set_int(m, "due_clock", c->due_clock);
	set_opt(m, "clock_from", c->clock_from);
	kf_fsm_set_int(m, "queue_at", c->due_at ? c->due_at : QUEUE_LAST);
	kf_fsm_set_int(m, "queue_rank", queue_rank(c));
	return KF_OK;
}

bool
kf_complaint_overdue(const struct kf_complaint *c, int64_t now)
{
	return c->state < KF_CPL_CLOSED && c->due_at != 0 && now > c->due_at;
}

const char *
kf_complaint_clock_status_key(enum kf_complaint_clock_status st)
{
	static const char *const keys[] = { "running", "overdue", "met",
	    "late", "stopped" };

	return (unsigned)st < sizeof(keys) / sizeof(keys[0]) ? keys[st] : "?";
}

size_t
kf_complaint_clocks(const struct kf_complaint *c, int64_t now,
    struct kf_complaint_clock_state out[], size_t max)
{
	struct kf_complaint_clock_state *o;
	int64_t due, met;
	size_t n = 0;
	int i;
	bool own;

	_Static_assert(NCLOCKS == KF_CPL_CLOCK_COUNT, "clock count");
	for (i = KF_CPL_CLOCK_TRACK; i < NCLOCKS && n < max; i++) {
		/* A duplicate's own clocks are off while it follows its
		 * root; its callback runs once told (R48). */
		own = c->duplicate_of == 0 || i == KF_CPL_CLOCK_CALLBACK;
		switch (i) {
		case KF_CPL_CLOCK_TRACK:
			due = c->track_due_at, met = c->result_at; break;
		case KF_CPL_CLOCK_ANALYSE:
			due = c->analyse_due_at, met = c->analysed_at; break;
		case KF_CPL_CLOCK_EXPLAIN:
			due = c->explain_due_at;
			met = c->valid == 0 ? c->result_at : 0;
			break;
		case KF_CPL_CLOCK_REPLY:
			due = c->reply_due_at, met = c->replied_at; break;
		case KF_CPL_CLOCK_ACTION:
			due = c->action_due_at, met = 0; break;
		case KF_CPL_CLOCK_CALLBACK:
			due = c->callback_due_at, met = c->callback_done_at;
			break;
		default:
			due = c->forward_due_at, met = c->forwarded_at; break;
		}
		if (due == 0)
			continue;
		if (met != 0 && met < c->reopened_at)	/* before it restarted */
			met = 0;
		o = &out[n++];
		o->which = (enum kf_complaint_clock)i;
		o->due_at = due;
		o->met_at = met;
		if (met != 0)
			o->status = met <= due ? KF_CPL_CLK_MET : KF_CPL_CLK_LATE;
		else if (c->state >= KF_CPL_CLOSED || !own)
			o->status = KF_CPL_CLK_STOPPED;
		else
			o->status = now > due ? KF_CPL_CLK_OVERDUE :
			    KF_CPL_CLK_RUNNING;
	}
	return n;
}

int
kf_complaint_level(struct kf_core *k, const struct kf_complaint *c,
    int64_t now)
{
	static const char *const keys[3] = { "complaint.ladder_1",
	    "complaint.ladder_2", "complaint.ladder_3" };
	int64_t span, t;
	int step = 0, i;

	if (c->state >= KF_CPL_CLOSED)
		return 0;
	if (c->due_at != 0 && c->due_at > c->clock_from) {
		span = c->due_at - c->clock_from;
		for (i = 0; i < 3; i++)
			if (kf_policy_value(k, keys[i], &t, NULL) == KF_OK &&
			    (now - c->clock_from) * 1000 >= t * span)
				step = i + 1;
	}
	step += c->escalated;
	if (c->severity == KF_CPL_SERIOUS && step < 3)	/* R29 */
		step = 3;
	return step > 3 ? 3 : step;
}

/* ---- registering ---- */

static enum kf_rc
text(const char *s, const char *field, size_t max, bool required,
    struct kf_err *err)
{
	return kf_check_text(s, field, max, required, err);
}

static void
dup_empty(char **s)
{
	if (*s == NULL)
		*s = xstrdup("");
}

/* Whether staff id is an enabled account; its roles into *roles. */
static bool
enabled_staff(struct kf_core *k, int64_t id, unsigned *roles)
{
	sqlite3_stmt *st = kf_sql(k, SQL_STAFF);
	bool ok;

	*roles = 0;
	kf_bind_int(st, ":id", id);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 1) == 0 &&
	    kf_roles_parse((const char *)sqlite3_column_text(st, 0), roles,
	    NULL) == KF_OK;
	kf_sql_done(st);
	return ok;
}

/* The complainant on file: name, first phone and address where c gave
 * none (R27: who, and where, as the register has them). The one place
 * that fills them: the faces leave them blank; the address as the
 * register formats it (kf_customer_address). */
static enum kf_rc
from_customer(struct kf_core *k, struct kf_complaint *c, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_CUSTOMER);
	struct kf_customer cu;
	const char *phones;
	enum kf_rc rc = KF_OK;

	kf_bind_int(st, ":id", c->customer_id);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = kf_err_about(err, KF_NOTFOUND, "customer",
		    N_("no such customer"));
	else {
		if (kf_blank(c->name)) {
			free(c->name);
			c->name = kf_col_strdup(st, 0);
		}
		phones = (const char *)sqlite3_column_text(st, 1);
		if (kf_blank(c->phone) && phones != NULL) {
			free(c->phone);
			c->phone = xasprintf("%.*s", (int)strcspn(phones, ","),
			    phones);
		}
		if (*c->community == '\0') {
			free(c->community);
			c->community = kf_col_strdup(st, 2);
		}
		if (*c->building == '\0') {
			free(c->building);
			c->building = kf_col_strdup(st, 3);
		}
		if (kf_blank(c->place)) {
			memset(&cu, 0, sizeof(cu));
			cu.community = kf_col_strdup(st, 2);
			cu.building = kf_col_strdup(st, 3);
			cu.unit = kf_col_strdup(st, 4);
			cu.room = kf_col_strdup(st, 5);
			cu.address = kf_col_strdup(st, 6);
			free(c->place);
			c->place = kf_customer_address(&cu);
			kf_customer_clear(&cu);
		}
	}
	kf_sql_done(st);
	return rc;
}

/* The search rows of complaint id (schema/016): written once. */
static void
add_gram(struct kf_core *k, int64_t id, char kind, const char *p,
    size_t len, int *src)
{
	sqlite3_stmt *st;
	char g[16];

	if (*src != SQLITE_DONE || len + 2 > sizeof(g))
		return;
	g[0] = kind;
	memcpy(g + 1, p, len);
	g[len + 1] = '\0';
	st = kf_sql(k, SQL_GRAM_ADD);
	kf_bind_text(st, ":g", g);
	kf_bind_int(st, ":id", id);
	*src = sqlite3_step(st);
	kf_sql_done(st);
}

/* The length in bytes of the UTF-8 character at s (1 for a bad byte). */
static size_t
char_len(const char *s)
{
	unsigned cp;
	bool bad = false;	/* the decoder only ever sets it */
	size_t n = kf_utf8_decode(s, &cp, &bad);

	return n == 0 || bad ? 1 : n;
}

/* The 2-character pieces of s (kind: 'w' what, 'n' name, 'p' place),
 * and with ones, each character. */
static void
grams_of(struct kf_core *k, int64_t id, char kind, const char *s, bool ones,
    int *src)
{
	size_t a, b;

	for (; *s != '\0'; s += a) {
		a = char_len(s);
		if (ones)
			add_gram(k, id, kind, s, a, src);
		if (s[a] != '\0') {
			b = char_len(s + a);
			add_gram(k, id, kind, s, a + b, src);
		}
	}
}

static enum kf_rc
index_rows(struct kf_core *k, const struct kf_complaint *c,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_FTS_ADD);
	char *body;
	int src;

	body = xasprintf("%s\n%s\n%s\n%s", c->name, c->phone, c->place,
	    c->what);
	kf_bind_int(st, ":id", c->id);
	kf_bind_text(st, ":body", body);
	src = sqlite3_step(st);
	kf_sql_done(st);
	free(body);
	grams_of(k, c->id, 'n', c->name, true, &src);
	grams_of(k, c->id, 'p', c->place, true, &src);
	grams_of(k, c->id, 'w', c->what, false, &src);
	return src == SQLITE_DONE ? KF_OK :
	    kf_db_err(k, src, "indexing the complaint for search", err);
}

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
	kf_buf_json_str(b, v);
}

static enum kf_rc
insert(struct kf_core *k, struct kf_complaint *c, struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st = kf_sql(k, SQL_INSERT);
	int64_t queue = c->due_at ? c->due_at : QUEUE_LAST;
	enum kf_rc rc;
	int src;

	if (c->customer_id != 0)
		kf_bind_int(st, ":cust", c->customer_id);
	kf_bind_text(st, ":name", c->name);
	kf_bind_text(st, ":phone", c->phone);
	kf_bind_text(st, ":what", c->what);
	kf_bind_text(st, ":place", c->place);
	kf_bind_int(st, ":happened", c->happened_at);
	kf_bind_int(st, ":channel", c->channel);
	kf_bind_int(st, ":by", c->received_by);
	kf_bind_int(st, ":at", c->registered_at);
	if (c->contact_id != 0)
		kf_bind_int(st, ":contact", c->contact_id);
	kf_bind_text(st, ":comm", c->community);
	kf_bind_text(st, ":bldg", c->building);
	kf_bind_int(st, ":cat", c->category_id);
	kf_bind_int(st, ":sev", c->severity);
	kf_bind_int(st, ":company", c->via_company);
	kf_bind_int(st, ":municipal", c->municipal);
	kf_bind_int(st, ":state", c->state);
	if (c->responsible_id != 0) {
		kf_bind_int(st, ":resp", c->responsible_id);
		kf_bind_int(st, ":fwd_at", c->forwarded_at);
		kf_bind_int(st, ":fwd_by", c->forwarded_by);
	}
	if (c->track_due_at != 0)
		kf_bind_int(st, ":track", c->track_due_at);
	if (c->analyse_due_at != 0)
		kf_bind_int(st, ":analyse", c->analyse_due_at);
	if (c->reply_due_at != 0)
		kf_bind_int(st, ":reply", c->reply_due_at);
	if (c->forward_due_at != 0)
		kf_bind_int(st, ":forward", c->forward_due_at);
	if (c->due_at != 0) {
		kf_bind_int(st, ":due", c->due_at);
		kf_bind_int(st, ":from", c->clock_from);
	}
	kf_bind_int(st, ":clock", c->due_clock);
	kf_bind_int(st, ":queue", queue);
	kf_bind_int(st, ":rank", queue_rank(c));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "registering the complaint", err);
	c->id = sqlite3_last_insert_rowid(k->db);
	c->version = 1;
	if ((rc = index_rows(k, c, err)) != KF_OK)
		return rc;
	/* Every column the complaint starts with, so kefu check proves it. */
	kf_buf_printf(&after, "{\"registered_at\":%lld,\"valid\":-1",
	    (long long)c->registered_at);
	json_int_or_null(&after, "customer_id", c->customer_id);
	json_text(&after, "name", c->name);
	json_text(&after, "phone", c->phone);
	json_text(&after, "what", c->what);
	json_text(&after, "place", c->place);
	kf_buf_printf(&after, ",\"happened_at\":%lld,\"channel\":%d,"
	    "\"received_by\":%lld", (long long)c->happened_at, (int)c->channel,
	    (long long)c->received_by);
	json_int_or_null(&after, "contact_id", c->contact_id);
	json_text(&after, "community", c->community);
	json_text(&after, "building", c->building);
	kf_buf_printf(&after, ",\"category_id\":%lld,\"severity\":%d,"
	    "\"via_company\":%d,\"municipal\":%d,\"state\":%d",
	    (long long)c->category_id, (int)c->severity, (int)c->via_company,
	    (int)c->municipal, (int)c->state);
	json_int_or_null(&after, "responsible_id", c->responsible_id);
	json_int_or_null(&after, "forwarded_at", c->forwarded_at);
	json_int_or_null(&after, "forwarded_by", c->forwarded_by);
	json_int_or_null(&after, "track_due_at", c->track_due_at);
	json_int_or_null(&after, "analyse_due_at", c->analyse_due_at);
	json_int_or_null(&after, "reply_due_at", c->reply_due_at);
	json_int_or_null(&after, "forward_due_at", c->forward_due_at);
	json_int_or_null(&after, "due_at", c->due_at);
	kf_buf_printf(&after, ",\"due_clock\":%d", (int)c->due_clock);
	json_int_or_null(&after, "clock_from", c->due_at ? c->clock_from : 0);
	kf_buf_printf(&after, ",\"queue_at\":%lld,\"queue_rank\":%d}",
	    (long long)queue, queue_rank(c));
	rc = kf_audit_append(k, "complaint.new", "complaint", c->id, 1, NULL,
	    kf_buf_str(&after), err);
	kf_buf_free(&after);
	return rc;
}

/* R27: every required part, each refused naming its field. */
static enum kf_rc
check_new(struct kf_core *k, struct kf_complaint *c, struct kf_err *err)
{
	sqlite3_stmt *st;
	unsigned roles;
	enum kf_rc rc;
	bool ok;

	if (c->customer_id != 0 && (rc = from_customer(k, c, err)) != KF_OK)
		return rc;
	if (kf_blank(c->name))
		return kf_err_about(err, KF_INVALID, "name", N_("name the "
		    "complainant: a customer on file, or a name and a phone "
		    "(R27)"));
	if (kf_blank(c->phone))
		return kf_err_about(err, KF_INVALID, "phone", N_("a phone to "
		    "reach the complainant is required (R27)"));
	if ((rc = text(c->name, "name", 32, true, err)) != KF_OK ||
	    (rc = kf_check_phone(&c->phone, "phone", err)) != KF_OK)
		return rc;
	if (kf_blank(c->what))
		return kf_err_about(err, KF_INVALID, "what", N_("say what "
		    "happened (R27)"));
	if (kf_blank(c->place))
		return kf_err_about(err, KF_INVALID, "place", N_("say where it "
		    "happened (R27)"));
	if ((rc = text(c->what, "what", 2000, true, err)) != KF_OK ||
	    (rc = text(c->place, "place", 200, true, err)) != KF_OK ||
	    (rc = text(c->community, "community", 64, false, err)) != KF_OK ||
	    (rc = text(c->building, "building", 32, false, err)) != KF_OK)
		return rc;
	if (c->happened_at <= 0)
		return kf_err_about(err, KF_INVALID, "happened_at", N_("say "
		    "when it happened (R27)"));
	if (c->happened_at > kf_core_now(k))
		return kf_err_about(err, KF_INVALID, "happened_at", N_("a "
		    "complaint is about what has happened: that time is still "
		    "to come (R27)"));
	if ((unsigned)c->channel >= KF_CPL_CH_COUNT)
		return kf_err_about(err, KF_INVALID, "channel", N_("say the "
		    "channel the complaint came by (R27)"));
	/* KF_CPL_SEV_NOT_GIVEN (-1) among them: the faces pass it when
	 * none was chosen. */
	if ((unsigned)c->severity > KF_CPL_SERIOUS)
		return kf_err_about(err, KF_INVALID, "severity", N_("say "
		    "the severity: ordinary or serious (R27, R29)"));
	st = kf_sql(k, SQL_CATEGORY_ACTIVE);
	kf_bind_int(st, ":id", c->category_id);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	kf_sql_done(st);
	if (!ok)
		return kf_err_about(err, KF_INVALID, "category", N_("choose a "
		    "category of the list (R27)"));
	if (c->contact_id != 0) {
		st = kf_sql(k, SQL_CONTACT_EXISTS);
		kf_bind_int(st, ":id", c->contact_id);
		ok = sqlite3_step(st) == SQLITE_ROW;
		kf_sql_done(st);
		if (!ok)
			return kf_err_about(err, KF_NOTFOUND, "contact_id",
			    N_("no such contact"));
	}
	if (c->responsible_id != 0 && !enabled_staff(k, c->responsible_id,
	    &roles))
		return kf_err_about(err, KF_INVALID, "responsible_id",
		    N_("a complaint is forwarded to an enabled account "
		    "(R28)"));
	return KF_OK;
}

enum kf_rc
kf_complaint_new(struct kf_core *k, struct kf_complaint *c, int64_t *id,
    struct kf_err *err)
{
	int64_t now = kf_core_now(k), to = c->duplicate_of;
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_COMPLAINT_NEW, 0, err)) != KF_OK)
		return rc;
	dup_empty(&c->name);
	dup_empty(&c->phone);
	dup_empty(&c->what);
	dup_empty(&c->place);
	dup_empty(&c->community);
	dup_empty(&c->building);
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = check_new(k, c, err)) != KF_OK)
		goto end;
	c->id = 0;
	/* R33: one that came by the company channel was made to the company
	 * directly, whatever the face said; another channel may say so too
	 * (a letter addressed to the company). */
	if (c->channel == KF_CPL_CH_COMPANY)
		c->via_company = true;
	c->received_by = kf_core_actor_id(k);
	c->registered_at = now;
	c->state = KF_CPL_REGISTERED;
	c->valid = -1;
	c->duplicate_of = 0;
	c->forwarded_at = c->forwarded_by = 0;
	c->track_due_at = c->analyse_due_at = c->explain_due_at = 0;
	c->reply_due_at = c->action_due_at = c->callback_due_at = 0;
	c->forward_due_at = 0;
	c->result_at = c->analysed_at = c->replied_at = 0;
	c->callback_done_at = c->reopened_at = 0;
	c->escalated = 0;
	if (c->responsible_id != 0) {		/* R28: forwarded at once */
		c->state = KF_CPL_FORWARDED;
		c->forwarded_at = now;
		c->forwarded_by = kf_core_actor_id(k);
	}
	if ((rc = clocks(k, c, err)) != KF_OK ||
	    (rc = insert(k, c, err)) != KF_OK)
		goto end;
	/* R48: linked as it is registered, in the same transaction. */
	if (to != 0 && (rc = kf_complaint_link(k, c->id, -1, to, err)) !=
	    KF_OK)
		goto end;
	if (id != NULL)
		*id = c->id;
end:
	rc = kf_tx_end(k, rc, err);
	if (rc != KF_OK)
		c->id = 0;
	c->duplicate_of = to;
	return rc;
}

/* ---- moves ---- */

/*
 * The state table, run by the state-table engine (fsm.c; what a table
 * holds and how a move is tested are in internal.h). A move leaves only
 * from the states of `from`; from an earlier state it is refused with
 * `early`, from a later one with `late`, each naming its rule. A
 * withdrawn complaint refuses every move alike (sealed), and a closed
 * one every move without its own late words. `who` says who of those
 * with the permission may make it: anyone by role, or the person
 * responsible or a supervisor (on a serious complaint a supervisor only
 * sets actions, R29).
 */
enum cpl_who {
	BY_ROLE = KF_FSM_BY_ROLE, BY_HANDLER, BY_HANDLER_R29,
	BY_DESK_BEFORE_RESULT	/* by role; after the result a supervisor */
};

#define ST(s)	KF_FSM_ST(s)
#define BEFORE_RESULT	(ST(KF_CPL_REGISTERED) | ST(KF_CPL_FORWARDED) | \
	ST(KF_CPL_ANALYSED) | ST(KF_CPL_ACTION_SET) | ST(KF_CPL_APPROVED) | \
	ST(KF_CPL_VERIFIED))
#define OPEN_STATES	(BEFORE_RESULT | ST(KF_CPL_RESULT) | \
	ST(KF_CPL_CALLED_BACK) | ST(KF_CPL_SIGNED))
#define HANDLING	(BEFORE_RESULT & ~ST(KF_CPL_REGISTERED))

static enum kf_rc explain_guard(struct kf_core *, const void *,
    struct kf_err *);
static enum kf_rc action_guard(struct kf_core *, const void *,
    struct kf_err *);
static enum kf_rc result_guard(struct kf_core *, const void *,
    struct kf_err *);
static enum kf_rc reply_guard(struct kf_core *, const void *,
    struct kf_err *);
static enum kf_rc close_guard(struct kf_core *, const void *,
    struct kf_err *);
static enum kf_rc signoff_guard(struct kf_core *, const void *,
    struct kf_err *);

static const struct kf_fsm_move moves[KF_CPL_MOVE_COUNT] = {
	[KF_CPL_MOVE_FORWARD] = { "complaint.forward", N_("forward"),
	    KF_ACT_COMPLAINT_FORWARD, BY_ROLE, ST(KF_CPL_REGISTERED) |
	    ST(KF_CPL_FORWARDED), NULL,
	    N_("it was analysed already by its person responsible (R28)"),
	    NULL },
	[KF_CPL_MOVE_ANALYSE] = { "complaint.analyse", N_("analyse"),
	    KF_ACT_COMPLAINT_HANDLE, BY_HANDLER, ST(KF_CPL_FORWARDED),
	    N_("it is forwarded to a person responsible first (R28)"),
	    N_("it was analysed already (R35)"), NULL },
	[KF_CPL_MOVE_EXPLAIN] = { "complaint.explain", N_("explain"),
	    KF_ACT_COMPLAINT_HANDLE, BY_HANDLER, ST(KF_CPL_ANALYSED),
	    N_("it is analysed first; only an invalid one is explained "
	    "(R34)"), N_("its answer is recorded already (R34)"),
	    explain_guard },
	[KF_CPL_MOVE_ACTION] = { "complaint.action", N_("set an action"),
	    KF_ACT_COMPLAINT_HANDLE, BY_HANDLER_R29, ST(KF_CPL_ANALYSED) |
	    ST(KF_CPL_ACTION_SET),
	    N_("its cause is analysed before actions are set (R35)"),
	    N_("its actions are approved already (R35)"), action_guard },
	[KF_CPL_MOVE_APPROVE] = { "complaint.approve", N_("approve"),
	    KF_ACT_COMPLAINT_SUPERVISE, BY_ROLE, ST(KF_CPL_ACTION_SET),
	    N_("corrective actions are set before they are approved (R35)"),
	    N_("its actions are approved already (R35)"), NULL },
	[KF_CPL_MOVE_VERIFY] = { "complaint.verify", N_("verify an action"),
	    KF_ACT_COMPLAINT_SUPERVISE, BY_ROLE, ST(KF_CPL_APPROVED),
	    N_("actions are approved before they are verified (R36)"),
	    N_("every action is verified already (R36)"), NULL },
	[KF_CPL_MOVE_RESULT] = { "complaint.result", N_("record the result"),
	    KF_ACT_COMPLAINT_HANDLE, BY_HANDLER, ST(KF_CPL_VERIFIED),
	    N_("its actions are carried out and verified before the result "
	    "(R31, R36)"), N_("its result is recorded already (R30)"),
	    result_guard },
	[KF_CPL_MOVE_CALLBACK] = { "complaint.callback",
	    N_("record the callback"), KF_ACT_COMPLAINT_CALLBACK, BY_ROLE,
	    ST(KF_CPL_RESULT),
	    N_("the complainant is called back once the result is recorded "
	    "(R30)"), N_("its callback is recorded already (R30)"), NULL },
	[KF_CPL_MOVE_SIGNOFF] = { "complaint.signoff", N_("sign off"),
	    KF_ACT_COMPLAINT_SUPERVISE, BY_ROLE, ST(KF_CPL_CALLED_BACK) |
	    ST(KF_CPL_SIGNED),
	    N_("a supervisor signs once the result is recorded and the "
	    "complainant called back (R31)"),
	    N_("it is signed off already (R31)"), signoff_guard },
	/* Its own verb: a complaint is closed as a case (结案), not as a
	 * work order is (关闭). */
	[KF_CPL_MOVE_CLOSE] = { "complaint.close", N_("close the complaint"),
	    KF_ACT_COMPLAINT_SUPERVISE, BY_ROLE, ST(KF_CPL_SIGNED),
	    N_("a complaint is closed only with its result recorded, its "
	    "callback completed and a supervisor's signature (R39)"),
	    N_("it is closed already (R39)"), close_guard },
	[KF_CPL_MOVE_REOPEN] = { "complaint.reopen", N_("reopen"),
	    KF_ACT_COMPLAINT_SUPERVISE, BY_ROLE, ST(KF_CPL_SIGNED) |
	    ST(KF_CPL_CLOSED),
	    N_("it is still being handled; a signed or closed complaint is "
	    "reopened (R31)"), NULL, NULL },
	[KF_CPL_MOVE_WITHDRAW] = { "complaint.withdraw", N_("withdraw"),
	    KF_ACT_COMPLAINT_FORWARD, BY_DESK_BEFORE_RESULT, OPEN_STATES, NULL,
	    N_("it is closed and stays on file; reopen it first (R32)"),
	    NULL },
	[KF_CPL_MOVE_VISIT] = { "complaint.visit", N_("record the visit"),
	    KF_ACT_COMPLAINT_SUPERVISE, BY_ROLE, HANDLING,
	    N_("it is forwarded to a person responsible first (R37)"),
	    N_("its result is recorded already (R37)"), NULL },
	[KF_CPL_MOVE_REPLY] = { "complaint.reply",
	    N_("record the interim reply"), KF_ACT_COMPLAINT_HANDLE,
	    BY_HANDLER, HANDLING,
	    N_("it is forwarded to a person responsible first (R38)"),
	    N_("its result is recorded already (R38)"), reply_guard },
	[KF_CPL_MOVE_ESCALATE] = { "complaint.escalate", N_("escalate"),
	    KF_ACT_COMPLAINT_HANDLE, BY_HANDLER, OPEN_STATES, NULL,
	    N_("it is closed; nothing is left to escalate (R29)"), NULL },
	/* Before its analysis (R35-R37): a duplicate analysed, with
	 * actions or a visit of its own, would drop them to follow its root. */
	[KF_CPL_MOVE_LINK] = { "complaint.link", N_("link as a duplicate"),
	    KF_ACT_COMPLAINT_FORWARD, BY_ROLE, ST(KF_CPL_REGISTERED) |
	    ST(KF_CPL_FORWARDED), NULL,
	    N_("it is analysed already; a duplicate is linked before its "
	    "analysis (R35, R36, R48)"), NULL },
};

/* Why no move leaves a withdrawn complaint, and the closed one's words
 * where a move has none of its own. */
static const char *const state_why[KF_CPL_STATE_COUNT] = {
	[KF_CPL_CLOSED] = N_("it is closed with its result and callback "
	    "(R39); a supervisor may reopen it"),
	[KF_CPL_WITHDRAWN] = N_("a withdrawn complaint stays on file as it "
	    "is, never reopened or closed (R32, R39)"),
};

static enum kf_rc cpl_who(struct kf_core *, const void *, int,
    struct kf_err *);
static enum kf_rc load_rec(struct kf_core *, int64_t, void *,
    struct kf_err *);
static void clear_rec(void *);
static int state_of(const void *);
static const char *state_label(int);
static void lost_race(struct kf_core *, int64_t, struct kf_err *);

const struct kf_fsm kf_complaint_fsm = {
	.noun = N_("complaint"),
	.nstates = KF_CPL_STATE_COUNT,
	.state_label = state_label,
	.state_why = state_why,
	.sealed = ST(KF_CPL_WITHDRAWN),
	.moves = moves,
	.nmoves = KF_CPL_MOVE_COUNT,
	.who = cpl_who,
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
	kf_complaint_clear(rec);
}

static int
state_of(const void *rec)
{
	return (int)((const struct kf_complaint *)rec)->state;
}

static const char *
state_label(int s)
{
	return kf_complaint_state_info(s)->label;
}

/*
 * Who of those with the permission: the person responsible or a
 * supervisor (R28); an action on a serious complaint is a supervisor's,
 * the division head's (R29).
 */
static enum kf_rc
cpl_who(struct kf_core *k, const void *rec, int who, struct kf_err *err)
{
	const struct kf_complaint *c = rec;
	bool sup = (kf_core_actor_roles(k) & KF_ROLE_SUPERVISOR) != 0;

	/* R32, R39: once its result is recorded, the complainant has been
	 * answered; only a supervisor takes it off the books then. */
	if (who == BY_DESK_BEFORE_RESULT) {
		if (sup || c->state < KF_CPL_RESULT ||
		    c->state >= KF_CPL_CLOSED)
			return KF_OK;
		return kf_err_set(err, KF_DENIED, "complaint %lld has its "
		    "result recorded: only a supervisor withdraws it now (R32, "
		    "R39)", (long long)c->id);
	}
	if (who == BY_HANDLER_R29 && c->severity == KF_CPL_SERIOUS) {
		if (sup)
			return KF_OK;
		return kf_err_set(err, KF_DENIED, "complaint %lld is serious: "
		    "its corrective actions are set by the division head, a "
		    "supervisor (R29)", (long long)c->id);
	}
	if (sup || (c->responsible_id != 0 &&
	    c->responsible_id == kf_core_actor_id(k)))
		return KF_OK;
	return kf_err_set(err, KF_DENIED, "complaint %lld is handled by its "
	    "person responsible or a supervisor (R28)", (long long)c->id);
}

static enum kf_rc
explain_guard(struct kf_core *k, const void *rec, struct kf_err *err)
{
	const struct kf_complaint *c = rec;

	(void)k;
	if (c->valid == 0)
		return KF_OK;
	return kf_err_set(err, KF_REFUSED, "cannot explain: complaint %lld is "
	    "valid; a valid complaint gets corrective actions and a result, "
	    "an invalid one an explanation (R34, R35)", (long long)c->id);
}

static enum kf_rc
action_guard(struct kf_core *k, const void *rec, struct kf_err *err)
{
	const struct kf_complaint *c = rec;

	(void)k;
	if (c->valid == 1)
		return KF_OK;
	return kf_err_set(err, KF_REFUSED, "cannot set an action: complaint "
	    "%lld is invalid; it is explained to the complainant instead "
	    "(R34)", (long long)c->id);
}

static enum kf_rc
result_guard(struct kf_core *k, const void *rec, struct kf_err *err)
{
	const struct kf_complaint *c = rec;

	(void)k;
	if (c->severity != KF_CPL_SERIOUS || c->visit_at != 0)
		return KF_OK;
	return kf_err_set(err, KF_REFUSED, "cannot record the result: "
	    "complaint %lld is serious; its on-site visit and corrective-action "
	    "report are recorded first (R37)", (long long)c->id);
}

static enum kf_rc
reply_guard(struct kf_core *k, const void *rec, struct kf_err *err)
{
	const struct kf_complaint *c = rec;

	(void)k;
	if (!c->municipal)
		return kf_err_set(err, KF_REFUSED, "cannot record an interim "
		    "reply: complaint %lld involves no municipal body; its "
		    "result is the answer (R38)", (long long)c->id);
	if (c->replied_at != 0)
		return kf_err_set(err, KF_REFUSED, "cannot record an interim "
		    "reply: complaint %lld has one already (R38)",
		    (long long)c->id);
	return KF_OK;
}

/* R31: signed once; the one who comes second is told who signed and
 * when (with the version he saw, the engine makes it a conflict). */
static enum kf_rc
signoff_guard(struct kf_core *k, const void *rec, struct kf_err *err)
{
	const struct kf_complaint *c = rec;
	char who[128], when[32];

	if (c->state != KF_CPL_SIGNED)
		return KF_OK;
	kf_staff_name(k, c->signed_by, who, sizeof(who));
	kf_time_local(c->signed_at, when, sizeof(when));
	return kf_err_set(err, KF_REFUSED, "cannot sign off: complaint %lld "
	    "was signed off by %s at %s (R31)", (long long)c->id, who, when);
}

/* R39: never closed without a result and a completed callback, whatever
 * the state says. */
static enum kf_rc
close_guard(struct kf_core *k, const void *rec, struct kf_err *err)
{
	const struct kf_complaint *c = rec;

	(void)k;
	if (c->result_at != 0 && c->callback_done_at != 0 && c->signed_at != 0)
		return KF_OK;
	return kf_err_set(err, KF_REFUSED, "cannot close: complaint %lld has "
	    "%s; a complaint is closed only with its result recorded and its "
	    "callback completed (R39)", (long long)c->id, c->result_at == 0 ?
	    kf_gettext(N_("no result recorded")) : c->callback_done_at == 0 ?
	    kf_gettext(N_("no callback completed")) :
	    kf_gettext(N_("no supervisor's signature")));
}

enum kf_rc
kf_complaint_may(struct kf_core *k, const struct kf_complaint *c,
    enum kf_complaint_move mv, struct kf_err *err)
{
	return kf_fsm_check(&kf_complaint_fsm, k, c, (int)c->state, c->id,
	    (int)mv, err);
}

/*
 * A move lost to another made meanwhile (the engine's stale_field: the
 * state moved on since the version seen): the loser is told who made
 * which move and when, in names. Two supervisors signing off at once
 * (R31): "At 10:41 王主管 signed off complaint 12 first".
 */
static void
lost_race(struct kf_core *k, int64_t id, struct kf_err *err)
{
	struct kf_conflict cf = err->conflict;
	char who[sizeof(cf.by)], when[32], signer[128];
	struct kf_complaint c;

	kf_staff_login_name(k, cf.by, who, sizeof(who));
	kf_time_local(cf.at, when, sizeof(when));
	if (strcmp(cf.field, "state") != 0 || load(k, id, &c, NULL) != KF_OK)
		return;
	if (c.state == KF_CPL_SIGNED && c.signed_by != 0) {
		kf_staff_name(k, c.signed_by, signer, sizeof(signer));
		kf_time_local(c.signed_at, when, sizeof(when));
		kf_err_set(err, KF_CONFLICT, "At %1$s %2$s signed off complaint "
		    "%3$lld first; yours was not saved (R31)", when, signer,
		    (long long)id);
	} else
		kf_err_set(err, KF_CONFLICT, "At %1$s %2$s moved complaint "
		    "%3$lld on (it is %4$s now); yours was not saved: reload "
		    "it", when, who, (long long)id,
		    kf_gettext(kf_complaint_state_info(c.state)->label));
	err->conflict = cf;
	kf_complaint_clear(&c);
}

static enum kf_rc
run(struct kf_core *k, int64_t id, int64_t seen, enum kf_complaint_move mv,
    kf_fsm_fn fn, const void *arg, struct kf_err *err)
{
	struct kf_complaint c;

	return kf_fsm_run(&kf_complaint_fsm, k, &c, id, seen, (int)mv, fn,
	    arg, err);
}

static enum kf_rc
required(const char *s, const char *field, size_t max, const char *msg,
    struct kf_err *err)
{
	if (s == NULL || kf_blank(s))
		return kf_err_about(err, KF_INVALID, field, msg);
	return text(s, field, max, true, err);
}

/* forward */
static enum kf_rc
do_forward(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	int64_t to = *(const int64_t *)arg;
	unsigned roles;

	if (to == 0 || !enabled_staff(k, to, &roles))
		return kf_err_about(err, KF_INVALID, "responsible_id",
		    N_("a complaint is forwarded to an enabled account "
		    "(R28)"));
	if (c->responsible_id == to)
		return kf_err_set(err, KF_REFUSED, "complaint %lld is with that "
		    "person already (R28)", (long long)c->id);
	/* The person first: two forwarding at once, the loser is told. */
	kf_fsm_set_int(m, "responsible_id", to);
	kf_fsm_set_int(m, "state", KF_CPL_FORWARDED);
	kf_fsm_set_int(m, "forwarded_by", kf_core_actor_id(k));
	c->state = KF_CPL_FORWARDED;
	/* The first forwarding starts the analysis clock (R35); handing it
	 * on to another person moves neither its start nor its deadline
	 * (the trail keeps when). */
	if (c->forwarded_at == 0) {
		c->forwarded_at = kf_core_now(k);
		kf_fsm_set_int(m, "forwarded_at", c->forwarded_at);
	}
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_forward(struct kf_core *k, int64_t id, int64_t seen,
    int64_t responsible_id, struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_FORWARD, do_forward,
	    &responsible_id, err);
}

/* analyse */
struct analyse_arg {
	bool		 valid;
	const char	*cause, *responsibility;
};

static enum kf_rc
do_analyse(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const struct analyse_arg *a = arg;
	enum kf_rc rc;

	if (a->valid) {
		if ((rc = required(a->cause, "cause", 2000, N_("a valid "
		    "complaint's cause is analysed (R35)"), err)) != KF_OK ||
		    (rc = required(a->responsibility, "responsibility", 500,
		    N_("a valid complaint's responsibility is named (R35)"),
		    err)) != KF_OK)
			return rc;
	} else if ((rc = text(a->cause, "cause", 2000, false, err)) != KF_OK ||
	    (rc = text(a->responsibility, "responsibility", 500, false,
	    err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", KF_CPL_ANALYSED);
	kf_fsm_set_int(m, "valid", a->valid ? 1 : 0);
	kf_fsm_set_text(m, "cause", a->cause ? a->cause : "");
	kf_fsm_set_text(m, "responsibility", a->responsibility ?
	    a->responsibility : "");
	kf_fsm_set_int(m, "analysed_at", kf_core_now(k));
	kf_fsm_set_int(m, "analysed_by", kf_core_actor_id(k));
	c->state = KF_CPL_ANALYSED;
	c->valid = a->valid ? 1 : 0;
	c->analysed_at = kf_core_now(k);
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_analyse(struct kf_core *k, int64_t id, int64_t seen, bool valid,
    const char *cause, const char *responsibility, struct kf_err *err)
{
	struct analyse_arg a = { valid, cause, responsibility };

	return run(k, id, seen, KF_CPL_MOVE_ANALYSE, do_analyse, &a, err);
}

/*
 * R48: the duplicates linked to complaint id are told its result (each
 * gets its own callback), in the caller's transaction.
 */
static enum kf_rc tell(struct kf_core *, int64_t, const char *,
    struct kf_err *);

static enum kf_rc
tell_duplicates(struct kf_core *k, int64_t id, const char *result,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_DUPS);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	enum kf_rc rc = KF_OK;
	int src;

	/* Read them all first: telling one writes through other statements. */
	kf_bind_int(st, ":id", id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "reading the linked complaints", err);
	for (i = 0; i < n && rc == KF_OK; i++)
		rc = tell(k, ids[i], result, err);
	free(ids);
	return rc;
}

/*
 * R30, R41: the callback task of a result recorded now, in its
 * transaction: due the complaint's callback_due_at (its meaning
 * unchanged), owner the pool.
 */
static enum kf_rc
callback_task(struct kf_core *k, const struct kf_complaint *c,
    struct kf_err *err)
{
	struct kf_callback t;
	char subject[160];
	size_t n = strcspn(c->what != NULL ? c->what : "", "\n");

	memset(&t, 0, sizeof(t));
	t.reason = KF_CB_COMPLAINT;
	t.complaint_id = c->id;
	t.contact_id = c->contact_id;
	t.customer_id = c->customer_id;
	t.name = c->name;
	t.phone = c->phone;
	/* What it was about, cut at a character to a line. */
	if (n >= sizeof(subject))
		n = sizeof(subject) - 1;
	while (n > 0 && c->what[n] != '\0' &&
	    ((unsigned char)c->what[n] & 0xc0) == 0x80)
		n--;
	snprintf(subject, sizeof(subject), "%.*s", (int)n,
	    c->what != NULL ? c->what : "");
	t.subject = subject;
	t.due_at = c->callback_due_at;
	return kf_callback_task_tx(k, &t, NULL, err);
}

/* The fields of a result recorded now (R30, R31): its callback falls due. */
static enum kf_rc
result_changes(struct kf_core *k, struct kf_complaint *c, const char *result,
    struct kf_fsm_changes *m, struct kf_err *err)
{
	int64_t now = kf_core_now(k);
	enum kf_rc rc;

	kf_fsm_set_int(m, "state", KF_CPL_RESULT);
	kf_fsm_set_text(m, "result", result);
	kf_fsm_set_int(m, "result_at", now);
	kf_fsm_set_int(m, "result_by", kf_core_actor_id(k));
	c->state = KF_CPL_RESULT;
	c->result_at = now;
	c->callback_due_at = 0;		/* from this result (R30) */
	if ((rc = clock_changes(k, c, m, err)) != KF_OK)
		return rc;
	return callback_task(k, c, err);
}

/* One duplicate told its root's result (R48), unless it has its own,
 * was withdrawn or closed. */
static enum kf_rc
tell(struct kf_core *k, int64_t id, const char *result, struct kf_err *err)
{
	struct kf_fsm_changes m = { .n = 0 };
	struct kf_complaint c;
	enum kf_rc rc;

	if ((rc = load(k, id, &c, err)) != KF_OK)
		return rc;
	if (c.state < KF_CPL_RESULT && (rc = result_changes(k, &c, result, &m,
	    err)) == KF_OK)
		rc = kf_rec_update(k, &entity, id, -1, "complaint.told",
		    m.ch, m.n, NULL, err);
	kf_complaint_clear(&c);
	return rc;
}

/* explain (R34): the answer of an invalid complaint is its result. */
static enum kf_rc
do_explain(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const char *told = arg;
	enum kf_rc rc;

	if ((rc = required(told, "result", 2000, N_("say what the "
	    "complainant was told (R34)"), err)) != KF_OK ||
	    (rc = result_changes(k, c, told, m, err)) != KF_OK)
		return rc;
	return tell_duplicates(k, c->id, told, err);
}

enum kf_rc
kf_complaint_explain(struct kf_core *k, int64_t id, int64_t seen,
    const char *told, struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_EXPLAIN, do_explain, told, err);
}

/* action (R35, R36) */
struct action_arg {
	const char	*text;
	int64_t		 owner, due;
	int64_t		*id;
};

static enum kf_rc
do_action(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const struct action_arg *a = arg;
	struct kf_buf after = { 0 };
	int64_t now = kf_core_now(k), aid;
	sqlite3_stmt *st;
	unsigned roles;
	enum kf_rc rc;
	int src;

	if ((rc = required(a->text, "text", 2000, N_("say what is to be done "
	    "(R35)"), err)) != KF_OK)
		return rc;
	if (a->owner == 0 || !enabled_staff(k, a->owner, &roles))
		return kf_err_about(err, KF_INVALID, "owner_id", N_("a "
		    "corrective action has an owner, an enabled account "
		    "(R35)"));
	if (a->due <= now)
		return kf_err_about(err, KF_INVALID, "due_at", N_("an action "
		    "is due after it is set (R36)"));
	/* Bounded, so a clock's span times a ladder's permille (level())
	 * stays far inside 64 bits. */
	if (a->due - now > ACTION_MAX_S)
		return kf_err_about(err, KF_INVALID, "due_at", N_("an action "
		    "is due within 366 days of being set (R36)"));
	st = kf_sql(k, SQL_ACTION_INSERT);
	kf_bind_int(st, ":c", c->id);
	kf_bind_text(st, ":text", a->text);
	kf_bind_int(st, ":owner", a->owner);
	kf_bind_int(st, ":due", a->due);
	kf_bind_int(st, ":at", now);
	kf_bind_int(st, ":by", kf_core_actor_id(k));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "setting the action", err);
	aid = sqlite3_last_insert_rowid(k->db);
	kf_buf_printf(&after, "{\"complaint_id\":%lld", (long long)c->id);
	json_text(&after, "text", a->text);
	kf_buf_printf(&after, ",\"owner_id\":%lld,\"due_at\":%lld,"
	    "\"set_at\":%lld,\"set_by\":%lld}", (long long)a->owner,
	    (long long)a->due, (long long)now, (long long)kf_core_actor_id(k));
	rc = kf_audit_append(k, "complaint.action", "complaint_action", aid, 1,
	    NULL, kf_buf_str(&after), err);
	kf_buf_free(&after);
	if (rc != KF_OK)
		return rc;
	if (a->id != NULL)
		*a->id = aid;
	kf_fsm_set_int(m, "state", KF_CPL_ACTION_SET);
	c->state = KF_CPL_ACTION_SET;
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_action(struct kf_core *k, int64_t id, int64_t seen,
    const char *text_, int64_t owner_id, int64_t due_at, int64_t *action_id,
    struct kf_err *err)
{
	struct action_arg a = { text_, owner_id, due_at, action_id };

	return run(k, id, seen, KF_CPL_MOVE_ACTION, do_action, &a, err);
}

/* approve (R35) */
static enum kf_rc
do_approve(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;

	(void)arg;
	kf_fsm_set_int(m, "state", KF_CPL_APPROVED);
	kf_fsm_set_int(m, "approved_at", kf_core_now(k));
	kf_fsm_set_int(m, "approved_by", kf_core_actor_id(k));
	c->state = KF_CPL_APPROVED;
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_approve(struct kf_core *k, int64_t id, int64_t seen,
    struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_APPROVE, do_approve, NULL, err);
}

/* verify (R36) */
struct verify_arg {
	int64_t		 action;
	const char	*note;
};

static enum kf_rc
do_verify(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const struct verify_arg *a = arg;
	struct kf_change ch[3];
	int64_t now = kf_core_now(k), owner_c = 0, set_at = 0, left = 0;
	sqlite3_stmt *st;
	bool done = false;
	enum kf_rc rc;
	int src;

	if ((rc = text(a->note, "verify_note", 500, false, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_ACTION);
	kf_bind_int(st, ":id", a->action);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		owner_c = sqlite3_column_int64(st, 1);
		set_at = sqlite3_column_int64(st, 6);
		done = sqlite3_column_type(st, 8) != SQLITE_NULL;
	}
	kf_sql_done(st);
	if (src != SQLITE_ROW || owner_c != c->id)
		return kf_err_about(err, KF_NOTFOUND, "action_id", N_("no such "
		    "action of this complaint"));
	if (done)
		return kf_err_set(err, KF_REFUSED, "action %lld is verified "
		    "already (R36)", (long long)a->action);
	if (now < set_at)
		return kf_err_about(err, KF_INVALID, "action_id", N_("an "
		    "action is verified at or after it was set (R36)"));
	ch[0] = (struct kf_change){ "verified_at", { KF_V_INT, now, NULL } };
	ch[1] = (struct kf_change){ "verified_by",
	    { KF_V_INT, kf_core_actor_id(k), NULL } };
	ch[2] = (struct kf_change){ "verify_note",
	    { KF_V_TEXT, 0, a->note ? a->note : "" } };
	if ((rc = kf_rec_update(k, &action_entity, a->action, -1,
	    "complaint.verify", ch, 3, NULL, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_ACTIONS_OPEN);
	kf_bind_int(st, ":c", c->id);
	if ((src = sqlite3_step(st)) == SQLITE_ROW)
		left = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading the actions", err);
	if (left == 0) {	/* every action verified: so is the complaint */
		kf_fsm_set_int(m, "state", KF_CPL_VERIFIED);
		c->state = KF_CPL_VERIFIED;
	}
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_verify(struct kf_core *k, int64_t id, int64_t seen,
    int64_t action_id, const char *note, struct kf_err *err)
{
	struct verify_arg a = { action_id, note };

	return run(k, id, seen, KF_CPL_MOVE_VERIFY, do_verify, &a, err);
}

/* result (R30, R31) */
static enum kf_rc
do_result(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const char *result = arg;
	enum kf_rc rc;

	if ((rc = required(result, "result", 2000, N_("say what was done and "
	    "told the complainant (R30, R31)"), err)) != KF_OK ||
	    (rc = result_changes(k, c, result, m, err)) != KF_OK)
		return rc;
	return tell_duplicates(k, c->id, result, err);
}

enum kf_rc
kf_complaint_result(struct kf_core *k, int64_t id, int64_t seen,
    const char *result, struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_RESULT, do_result, result, err);
}

/* callback (R30, R41) */
struct callback_arg {
	int			 method;
	enum kf_complaint_score	 score;
	const char		*note;
};

static enum kf_rc
do_callback(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const struct callback_arg *a = arg;
	enum kf_rc rc;

	if (a->method != 0 && a->method != 1)
		return kf_err_about(err, KF_INVALID, "callback_method",
		    N_("a callback is by phone or a home visit (R40)"));
	if (a->score <= KF_CPL_SCORE_NONE || a->score > KF_CPL_VERY_DISSATISFIED)
		return kf_err_about(err, KF_INVALID, "callback_score",
		    N_("say how satisfied the complainant is (R30)"));
	if (a->score > KF_CPL_SATISFIED) {
		if ((rc = required(a->note, "callback_note", 500, N_("say why "
		    "the complainant is not satisfied (R30)"), err)) != KF_OK)
			return rc;
	} else if ((rc = text(a->note, "callback_note", 500, false, err)) !=
	    KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", KF_CPL_CALLED_BACK);
	kf_fsm_set_int(m, "callback_done_at", kf_core_now(k));
	kf_fsm_set_int(m, "callback_by", kf_core_actor_id(k));
	kf_fsm_set_int(m, "callback_method", a->method);
	kf_fsm_set_int(m, "callback_score", a->score);
	kf_fsm_set_text(m, "callback_note", a->note ? a->note : "");
	c->state = KF_CPL_CALLED_BACK;
	c->callback_done_at = kf_core_now(k);
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_called_back_tx(struct kf_core *k, int64_t id, int64_t seen,
    int method, int score, const char *note, struct kf_err *err)
{
	struct callback_arg a = { method, (enum kf_complaint_score)score,
	    note };

	return run(k, id, seen, KF_CPL_MOVE_CALLBACK, do_callback, &a, err);
}

/*
 * The complaint's callback as the complaint screen and `kefu complaint
 * callback` record it: through its open task (R41), which records the
 * complaint's move in the same transaction. A complaint with no open
 * task (its result recorded before schema 021) is moved alone.
 */
enum kf_rc
kf_complaint_callback(struct kf_core *k, int64_t id, int64_t seen,
    int method, enum kf_complaint_score score, const char *note,
    const char *signed_name, struct kf_err *err)
{
	struct kf_callback_record r;
	int64_t task = 0;
	enum kf_rc rc;

	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = kf_callback_of_complaint_tx(k, id, &task, err)) != KF_OK)
		return kf_tx_end(k, rc, err);
	if (task == 0) {
		rc = kf_complaint_called_back_tx(k, id, seen, method, score,
		    note, err);
		return kf_tx_end(k, rc, err);
	}
	memset(&r, 0, sizeof(r));
	r.method = method == 0 ? KF_CB_PHONE : method == 1 ? KF_CB_VISIT :
	    KF_CB_METHOD_NONE;
	r.score = score;
	/* What the customer said: the note, or the score itself when the
	 * complainant was satisfied and nothing more was noted. */
	r.said = note != NULL && !kf_blank(note) ? note :
	    kf_gettext(kf_complaint_score_info(score)->label);
	r.reason = note;
	r.signed_name = signed_name;
	rc = kf_callback_record_tx(k, task, -1, &r, seen, NULL, err);
	/* The complaint's words for the fields it names. */
	if (rc == KF_INVALID && err != NULL && strcmp(err->field, "method") ==
	    0)
		rc = kf_err_about(err, KF_INVALID, "callback_method",
		    N_("a callback is by phone or a home visit (R40)"));
	else if (rc == KF_INVALID && err != NULL && strcmp(err->field,
	    "reason") == 0)
		rc = kf_err_about(err, KF_INVALID, "callback_note",
		    N_("say why the complainant is not satisfied (R30)"));
	else if (rc == KF_INVALID && err != NULL && strcmp(err->field,
	    "score") == 0)
		rc = kf_err_about(err, KF_INVALID, "callback_score",
		    N_("say how satisfied the complainant is (R30)"));
	return kf_tx_end(k, rc, err);
}

/* signoff (R31) */
static enum kf_rc
do_signoff(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;

	(void)arg;
	kf_fsm_set_int(m, "state", KF_CPL_SIGNED);
	kf_fsm_set_int(m, "signed_at", kf_core_now(k));
	kf_fsm_set_int(m, "signed_by", kf_core_actor_id(k));
	c->state = KF_CPL_SIGNED;
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_signoff(struct kf_core *k, int64_t id, int64_t seen,
    struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_SIGNOFF, do_signoff, NULL, err);
}

/* close (R39) */
static enum kf_rc
do_close(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;

	(void)arg;
	kf_fsm_set_int(m, "state", KF_CPL_CLOSED);
	kf_fsm_set_int(m, "closed_at", kf_core_now(k));
	kf_fsm_set_int(m, "closed_by", kf_core_actor_id(k));
	c->state = KF_CPL_CLOSED;
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_close(struct kf_core *k, int64_t id, int64_t seen,
    struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_CLOSE, do_close, NULL, err);
}

/*
 * reopen: back to its person responsible (forwarded), audited with the
 * reason. The analysis clock starts again from the reopening, and so do
 * the track clock (R33) and the explanation's (R34) where they applied;
 * the callback's starts with the next result (R30). What was recorded
 * stays in the trail; the moves after the analysis are to be made again.
 */
static enum kf_rc
do_reopen(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const char *reason = arg;
	int64_t now = kf_core_now(k);
	enum kf_rc rc;
	static const char *const cleared[] = {
		"analysed_at", "analysed_by", "approved_at", "approved_by",
		"result_at", "result_by", "callback_done_at", "callback_by",
		"signed_at", "signed_by", "closed_at", "closed_by", "visit_at",
	};
	/* The texts of the handling that is to be done again: the trail
	 * keeps them (the reopening's audit row has them in before). */
	static const char *const emptied[] = {
		"cause", "responsibility", "result", "callback_note",
		"visit_who", "visit_report",
	};
	size_t i;

	if ((rc = required(reason, "reopen_reason", 500, N_("say why the "
	    "complaint is reopened"), err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", c->responsible_id ? KF_CPL_FORWARDED :
	    KF_CPL_REGISTERED);
	kf_fsm_set_text(m, "reopen_reason", reason);
	kf_fsm_set_int(m, "reopened_at", now);
	kf_fsm_set_int(m, "reopen_count", c->reopen_count + 1);
	kf_fsm_set_int(m, "valid", -1);
	kf_fsm_set_int(m, "callback_score", KF_CPL_SCORE_NONE);
	/* R48: a duplicate reopened is handled on its own now: its clocks
	 * run again (a linked one runs none). */
	if (c->duplicate_of != 0) {
		kf_fsm_set_null(m, "duplicate_of");
		c->duplicate_of = 0;
	}
	for (i = 0; i < sizeof(cleared) / sizeof(cleared[0]); i++)
		kf_fsm_set_null(m, cleared[i]);
	for (i = 0; i < sizeof(emptied) / sizeof(emptied[0]); i++)
		kf_fsm_set_text(m, emptied[i], "");
	kf_fsm_set_int(m, "callback_method", 0);
	c->state = c->responsible_id ? KF_CPL_FORWARDED : KF_CPL_REGISTERED;
	if (c->responsible_id == 0)	/* R28: to be forwarded again */
		c->forward_due_at = 0;
	c->reopened_at = now;
	c->valid = -1;
	c->analysed_at = c->result_at = c->callback_done_at = 0;
	/* The clocks that start again. */
	c->track_due_at = c->analyse_due_at = c->explain_due_at = 0;
	c->callback_due_at = 0;
	/* Its callback is called for again by its next result. */
	if ((rc = kf_callback_cancel_complaint_tx(k, c->id,
	    N_("the complaint was reopened (R31)"), err)) != KF_OK)
		return rc;
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_reopen(struct kf_core *k, int64_t id, int64_t seen,
    const char *reason, struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_REOPEN, do_reopen, reason, err);
}

/*
 * R48, R28: the open duplicates of a root being withdrawn are unlinked
 * (audited, "complaint.unlink"), in the caller's transaction: they no
 * longer follow a root that will have no result, so their own clocks run
 * again, from the deadlines set at their registration (a forwarding
 * clock long passed is late at once: it is to be forwarded now).
 */
static enum kf_rc
unlink_duplicates(struct kf_core *k, int64_t root, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_DUPS);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	enum kf_rc rc = KF_OK;
	int src;

	/* Read them all first: each write goes through other statements. */
	kf_bind_int(st, ":id", root);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "reading the linked complaints", err);
	for (i = 0; i < n && rc == KF_OK; i++) {
		struct kf_fsm_changes m = { .n = 0 };
		struct kf_complaint c;

		if ((rc = load(k, ids[i], &c, err)) != KF_OK)
			break;
		if (c.state < KF_CPL_CLOSED) {
			kf_fsm_set_null(&m, "duplicate_of");
			c.duplicate_of = 0;
			if ((rc = clock_changes(k, &c, &m, err)) == KF_OK)
				rc = kf_rec_update(k, &entity, ids[i], -1,
				    "complaint.unlink", m.ch, m.n, NULL, err);
		}
		kf_complaint_clear(&c);
	}
	free(ids);
	return rc;
}

/* withdraw (R32): never deleted; it stays on file and searchable. Its
 * open duplicates go on on their own (R48). */
static enum kf_rc
do_withdraw(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const char *reason = arg;
	enum kf_rc rc;

	if ((rc = required(reason, "withdraw_reason", 500, N_("say why the "
	    "complaint is withdrawn (R32)"), err)) != KF_OK)
		return rc;
	kf_fsm_set_int(m, "state", KF_CPL_WITHDRAWN);
	kf_fsm_set_text(m, "withdraw_reason", reason);
	kf_fsm_set_int(m, "withdrawn_at", kf_core_now(k));
	c->state = KF_CPL_WITHDRAWN;
	if ((rc = unlink_duplicates(k, c->id, err)) != KF_OK)
		return rc;
	/* Nobody is called back about a withdrawn complaint (R32). */
	if ((rc = kf_callback_cancel_complaint_tx(k, c->id,
	    N_("the complaint was withdrawn (R32)"), err)) != KF_OK)
		return rc;
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_withdraw(struct kf_core *k, int64_t id, int64_t seen,
    const char *reason, struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_WITHDRAW, do_withdraw, reason, err);
}

/* visit (R37) */
struct visit_arg {
	const char	*who, *report;
	int64_t		 at;
};

static enum kf_rc
do_visit(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const struct visit_arg *a = arg;
	int64_t at = a->at != 0 ? a->at : kf_core_now(k);
	enum kf_rc rc;

	if ((rc = required(a->who, "visit_who", 200, N_("say who went on site "
	    "(R37)"), err)) != KF_OK ||
	    (rc = required(a->report, "visit_report", 2000, N_("the "
	    "corrective-action report of the visit is required (R37)"),
	    err)) != KF_OK)
		return rc;
	if (at > kf_core_now(k) || at < c->registered_at)
		return kf_err_about(err, KF_INVALID, "visit_at", N_("the visit "
		    "lies between the complaint and now (R37)"));
	kf_fsm_set_text(m, "visit_who", a->who);
	kf_fsm_set_text(m, "visit_report", a->report);
	kf_fsm_set_int(m, "visit_at", at);
	c->visit_at = at;
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_visit(struct kf_core *k, int64_t id, int64_t seen,
    const char *who, int64_t at, const char *report, struct kf_err *err)
{
	struct visit_arg a = { who, report, at };

	return run(k, id, seen, KF_CPL_MOVE_VISIT, do_visit, &a, err);
}

/* reply (R38) */
static enum kf_rc
do_reply(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	const char *told = arg;
	enum kf_rc rc;

	if ((rc = required(told, "reply", 2000, N_("say what the complainant "
	    "was told in the interim (R38)"), err)) != KF_OK)
		return rc;
	kf_fsm_set_text(m, "reply", told);
	kf_fsm_set_int(m, "replied_at", kf_core_now(k));
	c->replied_at = kf_core_now(k);
	return clock_changes(k, c, m, err);
}

enum kf_rc
kf_complaint_reply(struct kf_core *k, int64_t id, int64_t seen,
    const char *told, struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_REPLY, do_reply, told, err);
}

/* escalate (R29) */
static enum kf_rc
do_escalate(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec;
	int64_t to = *(const int64_t *)arg;
	unsigned roles;

	if (to == 0 || !enabled_staff(k, to, &roles) ||
	    !(roles & KF_ROLE_SUPERVISOR))
		return kf_err_about(err, KF_INVALID, "escalated_to", N_("a "
		    "complaint is escalated to an enabled supervisor (R29)"));
	if (kf_complaint_level(k, c, kf_core_now(k)) >= 3 &&
	    c->escalated_to == to)
		return kf_err_set(err, KF_REFUSED, "complaint %lld is at the "
		    "top of the ladder with that supervisor already (R29)",
		    (long long)c->id);
	kf_fsm_set_int(m, "escalated", c->escalated + 1);
	kf_fsm_set_int(m, "escalated_to", to);
	c->escalated++;
	kf_fsm_set_int(m, "queue_rank", queue_rank(c));	/* rises */
	return KF_OK;
}

enum kf_rc
kf_complaint_escalate(struct kf_core *k, int64_t id, int64_t seen,
    int64_t supervisor_id, struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_ESCALATE, do_escalate,
	    &supervisor_id, err);
}

/* link (R48) */
static enum kf_rc
do_link(struct kf_core *k, void *rec, struct kf_fsm_changes *m,
    const void *arg, struct kf_err *err)
{
	struct kf_complaint *c = rec, root;
	int64_t to = *(const int64_t *)arg, *ids = NULL;
	size_t n = 0, cap = 0, i;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	if (to == c->id)
		return kf_err_about(err, KF_REFUSED, "duplicate_of", N_("a "
		    "complaint is not a duplicate of itself (R48)"));
	if ((rc = load(k, to, &root, err)) != KF_OK)
		return rc == KF_NOTFOUND ? kf_err_about(err, KF_NOTFOUND,
		    "duplicate_of", N_("no such complaint to link to")) : rc;
	/* Its root, when to is a duplicate itself (links are one deep). */
	if (root.duplicate_of != 0) {
		to = root.duplicate_of;
		kf_complaint_clear(&root);
		if ((rc = load(k, to, &root, err)) != KF_OK)
			return rc;
	}
	if (to == c->id) {
		kf_complaint_clear(&root);
		return kf_err_about(err, KF_REFUSED, "duplicate_of", N_("that "
		    "complaint is a duplicate of this one: the link would "
		    "make a loop (R48)"));
	}
	if (root.state == KF_CPL_WITHDRAWN) {
		kf_complaint_clear(&root);
		return kf_err_about(err, KF_REFUSED, "duplicate_of", N_("that "
		    "complaint was withdrawn: a duplicate is linked to one "
		    "still on the books (R32, R48)"));
	}
	/* A serious one follows no ordinary root: it would lose the
	 * division head's handling and its visit (R29, R37). */
	if (c->severity == KF_CPL_SERIOUS && root.severity != KF_CPL_SERIOUS) {
		kf_complaint_clear(&root);
		return kf_err_about(err, KF_REFUSED, "duplicate_of", N_("this "
		    "complaint is serious and that one is not: a serious "
		    "complaint is handled by the division head, never as a "
		    "duplicate of an ordinary one (R29, R48)"));
	}
	if (c->duplicate_of == to) {
		kf_complaint_clear(&root);
		return kf_err_set(err, KF_REFUSED, "complaint %lld is linked "
		    "to %lld already (R48)", (long long)c->id, (long long)to);
	}
	kf_fsm_set_int(m, "duplicate_of", to);
	c->duplicate_of = to;
	/* Those linked to this one follow it to its new root. */
	st = kf_sql(k, SQL_DUPS);
	kf_bind_int(st, ":id", c->id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "reading the linked complaints", err);
	for (i = 0; i < n && rc == KF_OK; i++) {
		struct kf_change ch = { "duplicate_of", { KF_V_INT, to, NULL } };

		rc = kf_rec_update(k, &entity, ids[i], -1, "complaint.link",
		    &ch, 1, NULL, err);
	}
	/* A root with its result already: told it at once (R48), and so
	 * are those that followed this one to it. */
	if (rc == KF_OK && root.result_at != 0) {
		/* The changes borrow the text: the record (cleared after the
		 * write) holds it, not root (cleared below). */
		free(c->result);
		c->result = xstrdup(root.result);
		rc = result_changes(k, c, c->result, m, err);
	} else if (rc == KF_OK)
		rc = clock_changes(k, c, m, err);
	if (rc == KF_OK && root.result_at != 0)
		for (i = 0; i < n && rc == KF_OK; i++)
			rc = tell(k, ids[i], root.result, err);
	free(ids);
	kf_complaint_clear(&root);
	return rc;
}

enum kf_rc
kf_complaint_link(struct kf_core *k, int64_t id, int64_t seen, int64_t to,
    struct kf_err *err)
{
	return run(k, id, seen, KF_CPL_MOVE_LINK, do_link, &to, err);
}

/* ---- actions ---- */

void
kf_complaint_actions_free(struct kf_complaint_action *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_complaint_action_clear(&v[i]);
	free(v);
}

static void
row_to_action(sqlite3_stmt *st, struct kf_complaint_action *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->complaint_id = sqlite3_column_int64(st, 1);
	a->text = kf_col_strdup(st, 2);
	a->owner_id = sqlite3_column_int64(st, 3);
	a->owner_name = kf_col_strdup(st, 4);
	a->due_at = sqlite3_column_int64(st, 5);
	a->set_at = sqlite3_column_int64(st, 6);
	a->set_by = sqlite3_column_int64(st, 7);
	a->verified_at = col_opt(st, 8);
	a->verified_by = col_opt(st, 9);
	a->verify_note = kf_col_strdup(st, 10);
	a->version = sqlite3_column_int64(st, 11);
}

enum kf_rc
kf_complaint_actions(struct kf_core *k, int64_t id,
    struct kf_complaint_action **out, size_t *n, struct kf_err *err)
{
	struct kf_complaint c;
	struct kf_complaint_action *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_complaint_get(k, id, &c, err)) != KF_OK)
		return rc;
	kf_complaint_clear(&c);
	st = kf_sql(k, SQL_ACTIONS);
	kf_bind_int(st, ":c", id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4;
			v = xrealloc(v, cap * sizeof(*v));
		}
		row_to_action(st, &v[len++]);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_complaint_actions_free(v, len);
		return kf_db_err(k, src, "reading the actions", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

/* ---- lists ---- */

void
kf_complaint_list_free(struct kf_complaint *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_complaint_clear(&v[i]);
	free(v);
}

static enum kf_rc
read_rows(struct kf_core *k, sqlite3_stmt *st, int limit,
    struct kf_complaint **out, size_t *n, struct kf_err *err)
{
	void *v;
	enum kf_rc rc;

	rc = kf_rows_read(k, st, limit, sizeof(**out), row_to_complaint, clear_rec,
	    "listing complaints", &v, n, err);
	*out = v;
	return rc;
}

static void
bind_filters(sqlite3_stmt *st, const struct kf_complaint_filter *f,
    int64_t me, int64_t me_id, int64_t now)
{
	kf_bind_int(st, ":state", f->state);
	kf_bind_int(st, ":sev", f->severity);
	kf_bind_int(st, ":cat", f->category_id);
	kf_bind_int(st, ":resp", f->responsible_id);
	kf_bind_int(st, ":sign", f->to_sign);
	kf_bind_int(st, ":overdue", f->overdue_only);
	kf_bind_int(st, ":open", f->open_only);
	kf_bind_int(st, ":now", now);
	kf_bind_int(st, ":me", me);
	kf_bind_int(st, ":esc", f->escalated_to_me ? me_id : 0);
}

/* The search's piece of kind for a 1- or 2-character query ('w' pieces
 * are two characters only). */
static void
gram(char *g, size_t n, char kind, const char *q)
{
	snprintf(g, n, "%c%s", kind, q);
}

enum kf_rc
kf_complaint_list(struct kf_core *k, const struct kf_complaint_filter *f,
    enum kf_page dir, const struct kf_complaint *anchor, int limit,
    struct kf_complaint **out, size_t *n, struct kf_err *err)
{
	int64_t me, aq = 0, aid = 0, ar = 2;
	const char *const *sql;
	const char *q = f->text;
	char g[3][32], *phrase = NULL;
	sqlite3_stmt *st;
	enum kf_rc rc;
	size_t chars;
	bool back;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_COMPLAINT_VIEW, 0, err)) != KF_OK)
		return rc;
	me = own_only(k);
	if (limit < 1 || limit > 1000)
		limit = 1000;
	if (q != NULL && kf_blank(q))
		q = NULL;
	if (q != NULL) {
		/* Newest first: the keyset is the id alone. */
		if (anchor != NULL)
			aq = aid = anchor->id;
		back = kf_page_bound(dir, anchor != NULL, true, &aq, &aid);
		if (!kf_utf8_valid(q) || !kf_text_clean(q))
			return kf_err_about(err, KF_INVALID, "text",
			    N_("the search has characters that are not text"));
		chars = kf_utf8_chars(q);
		if (chars >= 3) {
			struct kf_buf b = { 0 };
			const char *p;

			/* One quoted phrase: nothing in it is syntax. */
			kf_buf_puts(&b, "\"");
			for (p = q; *p != '\0'; p++)	/* " is "" */
				kf_buf_add(&b, *p == '"' ? "\"\"" : p,
				    *p == '"' ? 2 : 1);
			kf_buf_puts(&b, "\"");
			phrase = xstrdup(kf_buf_str(&b));
			kf_buf_free(&b);
			st = kf_sql(k, SQL_SEARCH_FTS[back ? BACK : FWD]);
			kf_bind_text(st, ":q", phrase);
		} else {
			gram(g[0], sizeof(g[0]), 'n', q);
			gram(g[1], sizeof(g[1]), 'p', q);
			gram(g[2], sizeof(g[2]), chars == 2 ? 'w' : 'n', q);
			st = kf_sql(k, SQL_SEARCH_GRAM[back ? BACK : FWD]);
			kf_bind_text(st, ":g1", g[0]);
			kf_bind_text(st, ":g2", g[1]);
			kf_bind_text(st, ":g3", g[2]);
		}
	} else {
		if (anchor != NULL) {
			aq = anchor->due_at ? anchor->due_at : QUEUE_LAST;
			if (anchor->state >= KF_CPL_CLOSED)
				aq = QUEUE_LAST;
			aid = anchor->id;
			ar = anchor->queue_rank;	/* as stored */
		}
		back = kf_page_bound(dir, anchor != NULL, false, &aq, &aid);
		/* The first and last pages: beyond every rank too. */
		if (aq == INT64_MIN && aid == INT64_MIN)
			ar = INT64_MIN;
		else if (aq == INT64_MAX && aid == INT64_MAX)
			ar = INT64_MAX;
		if (me != 0 && !f->open_only)
			sql = SQL_LIST_MINE;
		else if (f->escalated_to_me)
			sql = SQL_LIST_ESC;
		else if (f->to_sign)
			sql = SQL_LIST_SIGN;
		else if (f->overdue_only)
			sql = SQL_LIST_OVERDUE;
		else if (f->responsible_id != 0)
			sql = f->open_only ? SQL_LIST_RESP_OPEN : SQL_LIST_RESP;
		else
			sql = f->open_only ? SQL_LIST_OPEN : SQL_LIST_ALL;
		st = kf_sql(k, sql[back ? BACK : FWD]);
		kf_bind_int(st, ":aq", aq);
		kf_bind_int(st, ":ar", ar);
	}
	bind_filters(st, f, me, kf_core_actor_id(k), kf_core_now(k));
	kf_bind_int(st, ":aid", aid);
	kf_bind_int(st, ":n", limit);
	rc = read_rows(k, st, limit, out, n, err);
	free(phrase);
	if (rc == KF_OK && back)
		kf_page_reverse(*out, *n, sizeof(**out));
	return rc;
}

enum kf_rc
kf_complaint_count(struct kf_core *k, const struct kf_complaint_filter *f,
    int64_t now, int64_t soon_s, struct kf_complaint_counts *c,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_may(k, KF_ACT_COMPLAINT_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_COUNTS);
	bind_filters(st, f, own_only(k), kf_core_actor_id(k), now);
	kf_bind_int(st, ":soon", now + soon_s);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		c->open = sqlite3_column_int64(st, 0);
		c->overdue = sqlite3_column_int64(st, 1);
		c->due_soon = sqlite3_column_int64(st, 2);
		c->to_sign = sqlite3_column_int64(st, 3);
		c->serious = sqlite3_column_int64(st, 4);
	}
	kf_sql_done(st);
	return src == SQLITE_ROW ? KF_OK :
	    kf_db_err(k, src, "counting the open complaints", err);
}

int64_t
kf_complaint_overdue_count(struct kf_core *k)
{
	sqlite3_stmt *st;
	int64_t n = 0;

	if (kf_may(k, KF_ACT_COMPLAINT_VIEW, 0, NULL) != KF_OK)
		return 0;
	st = kf_sql(k, SQL_OVERDUE_COUNT);
	kf_bind_int(st, ":now", kf_core_now(k));
	kf_bind_int(st, ":me", own_only(k));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return n;
}

/* ---- R48: likely duplicates ---- */

#define SIM_CAND	50	/* candidates per path */
#define SIM_TEXT_MIN	300	/* permille of shared pieces: similar text */
#define SIM_PER_PIECE	200	/* newest complaints read per piece */

/*
 * The distinct 2-character pieces of the first SIM_TEXT_CHARS characters
 * of s, each pointing into s, sorted by their bytes: built in
 * O(n log n) and compared by one merge (a long text costs no more than
 * its head; the head says what it is about).
 */
#define SIM_TEXT_CHARS	200
struct piece {
	const char	*p;	/* into the text: no context for qsort */
	size_t		 len;
};
struct pieces {
	const char	*s;
	size_t		 n;
	struct piece	*v;
};

static int
piece_cmp(const struct piece *a, const struct piece *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->p, b->p, n);

	if (c != 0)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

static int
by_piece(const void *a, const void *b)
{
	return piece_cmp(a, b);
}

static void
pieces_of(const char *s, struct pieces *p)
{
	size_t a, b, i, n, chars = 0, cap = 0;

	p->s = s;
	p->n = 0;
	p->v = NULL;
	for (; *s != '\0' && chars < SIM_TEXT_CHARS; s += a, chars++) {
		a = char_len(s);
		if (s[a] == '\0')
			break;
		b = char_len(s + a);
		if (p->n == cap) {
			cap = cap ? cap * 2 : 32;
			p->v = xrealloc(p->v, cap * sizeof(*p->v));
		}
		p->v[p->n].p = s;
		p->v[p->n++].len = a + b;
	}
	if (p->n < 2)
		return;
	qsort(p->v, p->n, sizeof(*p->v), by_piece);
	for (i = n = 1; i < p->n; i++)	/* equal pieces are neighbours */
		if (piece_cmp(&p->v[i], &p->v[n - 1]) != 0)
			p->v[n++] = p->v[i];
	p->n = n;
}

/*
 * How alike two texts are: twice the shared 2-character pieces over both
 * counts, in permille (Dice). Characters, not bytes: 燃气 is one piece.
 * Both sorted: one merge, O(a + b).
 */
static int
likeness(const struct pieces *a, const char *other)
{
	struct pieces b;
	size_t i = 0, j = 0, shared = 0;
	int c, r;

	pieces_of(other, &b);
	while (i < a->n && j < b.n) {
		c = piece_cmp(&a->v[i], &b.v[j]);
		if (c == 0)
			shared++;
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	r = a->n + b.n == 0 ? 0 : (int)(2000 * shared / (a->n + b.n));
	free(b.v);
	return r;
}

void
kf_complaint_similar_free(struct kf_complaint_similar *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_complaint_clear(&v[i].c);
	free(v);
}

struct simset {
	struct kf_complaint_similar	*v;
	size_t				 n, cap;
};

/* Adds c (taken) with a score, or raises the one already there. */
static void
sim_add(struct simset *s, struct kf_complaint *c, int score, const char *why)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].c.id == c->id) {
			if (score > s->v[i].score) {
				s->v[i].score = score;
				s->v[i].why = why;
			}
			kf_complaint_clear(c);
			return;
		}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n].c = *c;
	s->v[s->n].score = score;
	s->v[s->n++].why = why;
	memset(c, 0, sizeof(*c));
}

/* The ranks: a class (thousands) and, within it, the likeness of the
 * text, so the same customer with the same story comes first. */
enum { R_TEXT = 1000, R_BUILDING = 2000, R_ADDRESS = 3000, R_CUSTOMER = 4000 };

static enum kf_rc
sim_path(struct kf_core *k, struct simset *s, const char *sql, int64_t vi,
    const char *vt, const char *b, int64_t from, int64_t self,
    const struct pieces *what, int rank, const char *why, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	struct kf_complaint c;
	int src;

	if (vt != NULL)
		kf_bind_text(st, ":v", vt);
	else
		kf_bind_int(st, ":v", vi);
	if (b != NULL)
		kf_bind_text(st, ":b", b);
	kf_bind_int(st, ":from", from);
	kf_bind_int(st, ":n", SIM_CAND);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		row_to_complaint(st, &c);
		if (c.id == self || c.state == KF_CPL_WITHDRAWN) {
			kf_complaint_clear(&c);
			continue;
		}
		sim_add(s, &c, rank + likeness(what, c.what) / 10, why);
	}
	kf_sql_done(st);
	return src == SQLITE_DONE ? KF_OK :
	    kf_db_err(k, src, "looking for duplicates", err);
}

static int
by_score(const void *a, const void *b)
{
	const struct kf_complaint_similar *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->c.id > y->c.id ? -1 : x->c.id < y->c.id;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Complaint ids by how many pieces they share (most first), then newest. */
struct hit {
	int64_t	 id;
	int	 n;
};

static int
by_hits(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

/*
 * Similar text: the window's complaints sharing the most pieces of what
 * happened (each piece read newest first, SIM_PER_PIECE at most), the
 * best SIM_CAND of them loaded and kept when alike enough.
 */
static enum kf_rc
sim_text(struct kf_core *k, struct simset *s, const struct pieces *what,
    int64_t from, int64_t self, struct kf_err *err)
{
	sqlite3_stmt *st;
	struct kf_complaint c;
	struct hit *h = NULL;
	int64_t lo = 0, *ids = NULL;
	size_t n = 0, cap = 0, nh = 0, i;
	enum kf_rc rc = KF_OK;
	char g[16];
	int src = SQLITE_DONE, like;

	if (what->n == 0)
		return KF_OK;
	st = kf_sql(k, SQL_WINDOW_FIRST);
	kf_bind_int(st, ":from", from);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		lo = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return KF_OK;		/* none in the window */
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "looking for duplicates", err);
	for (i = 0; i < what->n; i++) {
		if (what->v[i].len + 2 > sizeof(g))
			continue;
		g[0] = 'w';
		memcpy(g + 1, what->v[i].p, what->v[i].len);
		g[what->v[i].len + 1] = '\0';
		st = kf_sql(k, SQL_SIM_PIECE);
		kf_bind_text(st, ":g", g);
		kf_bind_int(st, ":lo", lo);
		kf_bind_int(st, ":n", SIM_PER_PIECE);
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			if (n == cap) {
				cap = cap ? cap * 2 : 1024;
				ids = xrealloc(ids, cap * sizeof(*ids));
			}
			ids[n++] = sqlite3_column_int64(st, 0);
		}
		kf_sql_done(st);
		if (src != SQLITE_DONE) {
			free(ids);
			return kf_db_err(k, src, "looking for duplicates", err);
		}
	}
	/* Count each id's pieces: sorted, equal ids are neighbours. */
	if (n > 1)
		qsort(ids, n, sizeof(*ids), cmp_id);
	h = xcalloc(n ? n : 1, sizeof(*h));
	for (i = 0; i < n; i++) {
		if (nh > 0 && h[nh - 1].id == ids[i])
			h[nh - 1].n++;
		else
			h[nh++] = (struct hit){ ids[i], 1 };
	}
	free(ids);
	if (nh > 1)
		qsort(h, nh, sizeof(*h), by_hits);
	for (i = 0; i < nh && i < SIM_CAND && rc == KF_OK; i++) {
		if (h[i].id == self || (rc = load(k, h[i].id, &c, err)) != KF_OK)
			continue;
		like = likeness(what, c.what);
		if (like >= SIM_TEXT_MIN && c.state != KF_CPL_WITHDRAWN &&
		    c.registered_at >= from)
			sim_add(s, &c, R_TEXT + like / 10, N_("similar text"));
		else
			kf_complaint_clear(&c);
	}
	free(h);
	return rc;
}

static enum kf_rc
similar(struct kf_core *k, const struct kf_complaint *c, int limit,
    struct kf_complaint_similar **out, size_t *n, struct kf_err *err)
{
	struct simset s = { NULL, 0, 0 };
	struct pieces what;
	int64_t window, from, me;
	char *phone = NULL;
	enum kf_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_COMPLAINT_VIEW, 0, err)) != KF_OK)
		return rc;
	if ((me = own_only(k)) != 0)	/* R54: the register's duplicates */
		return kf_err_set(err, KF_DENIED, "a technician sees the "
		    "complaints he handles only (R54)");
	if (limit < 1)
		limit = 10;
	if ((rc = kf_policy_value(k, "complaint.duplicate_window", &window,
	    err)) != KF_OK)
		return rc;
	from = kf_core_now(k) - window * DAY;
	pieces_of(c->what != NULL ? c->what : "", &what);
	if (c->phone != NULL && !kf_blank(c->phone)) {
		phone = xstrdup(c->phone);
		if (kf_check_phone(&phone, "phone", NULL) != KF_OK) {
			free(phone);
			phone = NULL;
		}
	}
	if (c->customer_id != 0)
		rc = sim_path(k, &s, SQL_SIM_CUSTOMER, c->customer_id, NULL,
		    NULL, from, c->id, &what, R_CUSTOMER, N_("same customer"),
		    err);
	if (rc == KF_OK && phone != NULL)
		rc = sim_path(k, &s, SQL_SIM_PHONE, 0, phone, NULL, from,
		    c->id, &what, R_CUSTOMER, N_("same customer"), err);
	if (rc == KF_OK && c->place != NULL && !kf_blank(c->place))
		rc = sim_path(k, &s, SQL_SIM_PLACE, 0, c->place, NULL, from,
		    c->id, &what, R_ADDRESS, N_("same address"), err);
	if (rc == KF_OK && c->building != NULL && *c->building != '\0')
		rc = sim_path(k, &s, SQL_SIM_BUILDING, 0, c->community ?
		    c->community : "", c->building, from, c->id, &what,
		    R_BUILDING, N_("same building"), err);
	if (rc == KF_OK)
		rc = sim_text(k, &s, &what, from, c->id, err);
	free(what.v);
	free(phone);
	if (rc != KF_OK) {
		kf_complaint_similar_free(s.v, s.n);
		return rc;
	}
	if (s.n > 1)
		qsort(s.v, s.n, sizeof(*s.v), by_score);
	while (s.n > (size_t)limit)
		kf_complaint_clear(&s.v[--s.n].c);
	*out = s.v;
	*n = s.n;
	return KF_OK;
}

/*
 * With a customer on file, the register fills what the clerk has not
 * typed yet (phone, place, community, building), as kf_complaint_new
 * will: the same household's and the same building's complaints are
 * offered before the form is complete.
 */
enum kf_rc
kf_complaint_similar(struct kf_core *k, const struct kf_complaint *c,
    int limit, struct kf_complaint_similar **out, size_t *n,
    struct kf_err *err)
{
	struct kf_complaint t;
	enum kf_rc rc;

	if (c->customer_id == 0)
		return similar(k, c, limit, out, n, err);
	memset(&t, 0, sizeof(t));
	t.id = c->id;
	t.customer_id = c->customer_id;
	t.name = xstrdup(c->name != NULL ? c->name : "");
	t.phone = xstrdup(c->phone != NULL ? c->phone : "");
	t.what = xstrdup(c->what != NULL ? c->what : "");
	t.place = xstrdup(c->place != NULL ? c->place : "");
	t.community = xstrdup(c->community != NULL ? c->community : "");
	t.building = xstrdup(c->building != NULL ? c->building : "");
	(void)from_customer(k, &t, NULL);	/* none on file: as typed */
	rc = similar(k, &t, limit, out, n, err);
	kf_complaint_clear(&t);
	return rc;
}

/* ---- categories ---- */

void
kf_complaint_categories_free(struct kf_complaint_category *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].label);
	}
	free(v);
}

enum kf_rc
kf_complaint_categories(struct kf_core *k, bool all,
    struct kf_complaint_category **out, size_t *n, struct kf_err *err)
{
	struct kf_complaint_category *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_CATEGORIES);
	kf_bind_int(st, ":all", all);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[len].id = sqlite3_column_int64(st, 0);
		v[len].key = kf_col_strdup(st, 1);
		v[len].label = kf_col_strdup(st, 2);
		v[len++].active = sqlite3_column_int(st, 3) != 0;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_complaint_categories_free(v, len);
		return kf_db_err(k, src, "reading the categories", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

/* A category key: 1 to 24 of a-z, 0-9 and '-' (the CLI's word). */
static bool
key_ok(const char *key)
{
	size_t i;

	if (key == NULL || *key == '\0' || strlen(key) > 24)
		return false;
	for (i = 0; key[i] != '\0'; i++)
		if (!((key[i] >= 'a' && key[i] <= 'z') ||
		    (key[i] >= '0' && key[i] <= '9') || key[i] == '-'))
			return false;
	return true;
}

enum kf_rc
kf_complaint_category_add(struct kf_core *k, const char *key,
    const char *label, struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	if ((rc = kf_may(k, KF_ACT_COMPLAINT_CATEGORY, 0, err)) != KF_OK)
		return rc;
	if (!key_ok(key))
		return kf_err_about(err, KF_INVALID, "key", N_("a category key "
		    "is 1 to 24 of a-z, 0-9 and '-'"));
	if ((rc = required(label, "label", 32, N_("a category has a label "
	    "(R27)"), err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_CATEGORY_INSERT);
	kf_bind_text(st, ":key", key);
	kf_bind_text(st, ":label", label);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src == SQLITE_CONSTRAINT_UNIQUE)
		rc = kf_err_set(err, KF_CONFLICT, "there is a category '%s' "
		    "already", key);
	else if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "adding the category", err);
	if (rc == KF_OK) {
		kf_buf_puts(&after, "{\"key\":");
		kf_buf_json_str(&after, key);
		kf_buf_puts(&after, ",\"label\":");
		kf_buf_json_str(&after, label);
		kf_buf_puts(&after, ",\"active\":1}");
		rc = kf_audit_append(k, "complaint.category.add",
		    "complaint_category", sqlite3_last_insert_rowid(k->db), 1,
		    NULL, kf_buf_str(&after), err);
		kf_buf_free(&after);
	}
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_complaint_category_retire(struct kf_core *k, const char *key,
    struct kf_err *err)
{
	struct kf_change ch = { "active", { KF_V_INT, 0, NULL } };
	sqlite3_stmt *st;
	int64_t id = 0;
	bool active = false;
	enum kf_rc rc;
	int src;

	if ((rc = kf_may(k, KF_ACT_COMPLAINT_CATEGORY, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_CATEGORY_BY_KEY);
	kf_bind_text(st, ":key", key ? key : "");
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		active = sqlite3_column_int(st, 1) != 0;
	}
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no category '%.24s'",
		    key ? key : "");
	else if (src != SQLITE_ROW)
		rc = kf_db_err(k, src, "reading the category", err);
	else if (!active)
		rc = kf_err_set(err, KF_REFUSED, "category '%.24s' is retired "
		    "already", key);
	else	/* kept: the complaints filed under it still name it */
		rc = kf_rec_update(k, &category_entity, id, -1,
		    "complaint.category.retire", &ch, 1, NULL, err);
	return kf_tx_end(k, rc, err);
}
