/*
 * contact.c — the contact log (see include/kefu/contact.h): R1, R4–R10
 * and R52's promise. Every rule is checked here, before the insert, in
 * the same transaction as the audit row.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/callback.h"
#include "kefu/contact.h"
#include "kefu/perm.h"
#include "kefu/policy.h"

static const char SQL_INSERT[] =
    "INSERT INTO contact (at, channel, purpose, customer_id, caller_name, "
    "caller_title, caller_phone, asked, done, staff_id, appointment_at, "
    "documents_checked, accompanied_by, urgency, routed_to, formalities, "
    "received_by, callback_due_at, key_out_at, entered_at) VALUES (:at, "
    ":channel, :purpose, :cust, :name, :title, :phone, :asked, :done, "
    ":staff, :appt, :docs, :acc, :urg, :routed, :formal, :recv, :cb, :kout, "
    ":entered)";
/*
 * A contact with the names it is shown by, read in the same query: who
 * took it, who received an inspection (R10), and "who" called or came:
 * the caller's name and title as given, else the linked customer's
 * name, else the caller's phone. LEFT JOINs on primary keys, so contact
 * stays the outer loop and keeps its index; columns are qualified.
 */
#define COLS "SELECT c.id, c.at, c.channel, c.purpose, c.customer_id, " \
    "c.caller_name, c.caller_title, c.caller_phone, c.asked, c.done, " \
    "c.staff_id, c.appointment_at, c.documents_checked, c.accompanied_by, " \
    "c.key_out_at, c.key_in_at, c.urgency, c.routed_to, c.formalities, " \
    "c.received_by, c.callback_due_at, c.version, c.handled_at, " \
    "c.handled_by, c.outcome, c.appointment_cancelled_at, " \
    "coalesce(s.display_name, ''), " \
    "CASE WHEN c.caller_name != '' THEN c.caller_name || c.caller_title " \
    "WHEN u.id IS NOT NULL THEN u.name ELSE c.caller_phone END, " \
    "coalesce(r.display_name, ''), c.entered_at FROM contact c " \
    "LEFT JOIN staff s ON s.id = c.staff_id " \
    "LEFT JOIN customer u ON u.id = c.customer_id " \
    "LEFT JOIN staff r ON r.id = c.received_by "
static const char SQL_GET[] = COLS "WHERE c.id = :id";
/*
 * The lists, newest first by (at, id): the log reads contact_by_time, the
 * R7 queue contact_by_purpose (purpose, at), each in order from the
 * keyset anchor (:a, :aid). Two statements each: forwards to older rows
 * (FROM is "older than (at, id + 1)"), backwards to newer ones (reversed
 * in C).
 */
#define FILTERS "c.at >= :t0 AND c.at < :t1 " \
    "AND (:purpose < 0 OR c.purpose = :purpose) " \
    "AND (:staff = 0 OR c.staff_id = :staff) "
#define PAGES(where) { \
    COLS where FILTERS "AND (c.at, c.id) < (:a, :aid) " \
    "ORDER BY c.at DESC, c.id DESC LIMIT :n", \
    COLS where FILTERS "AND (c.at, c.id) > (:a, :aid) " \
    "ORDER BY c.at, c.id LIMIT :n" }
enum { FWD, BACK };
static const char *const SQL_LIST[2] = PAGES("WHERE ");
static const char *const SQL_QUEUE[2] = PAGES("WHERE c.purpose = 2 AND "
    "c.handled_at IS NULL AND (c.routed_to & :roles) != 0 AND ");
#undef PAGES
#undef FILTERS
static const char SQL_CUSTOMER_EXISTS[] =
    "SELECT 1 FROM customer WHERE id = :id";
static const char SQL_STAFF_ROLES[] =
    "SELECT roles, disabled FROM staff WHERE id = :id";

static const char SQL_VERSION[] = "SELECT version FROM contact WHERE id = :id";
static const char SQL_BUMP[] = "UPDATE contact SET version = :v WHERE id = :id";
#define FIELD(f) { #f, "SELECT " #f " FROM contact WHERE id = :id", \
    "UPDATE contact SET " #f " = :v WHERE id = :id", false }
static const struct kf_field contact_fields[] = {
	FIELD(customer_id), FIELD(key_out_at), FIELD(key_in_at),
	FIELD(callback_due_at), FIELD(documents_checked), FIELD(handled_at),
	FIELD(handled_by), FIELD(outcome), FIELD(appointment_cancelled_at),
};
#undef FIELD
static const struct kf_entity contact_entity = {
	"contact", SQL_VERSION, SQL_BUMP, contact_fields,
	(int)(sizeof(contact_fields) / sizeof(contact_fields[0])),
};

static const char *const purpose_names[KF_CONTACT_P_COUNT] = {
	"viewing", "inquiry", "suggestion", "complaint", "renovation", "repair",
	"external", "inspection", "payment", "other",
};
static const char *const purpose_labels[KF_CONTACT_P_COUNT] = {
	"看房", "业主来访", "合理化建议", "投诉", "装修申报", "报修", "外来参观",
	"上级检查", "缴费", "其他",
};
static const char *const channel_names[] = {
	"hotline", "walk-in", "phone-in", "other",
};

const char *
kf_purpose_name(enum kf_contact_purpose p)
{
	return (unsigned)p < KF_CONTACT_P_COUNT ? purpose_names[p] : "?";
}

const char *
kf_purpose_label(enum kf_contact_purpose p)
{
	return (unsigned)p < KF_CONTACT_P_COUNT ? purpose_labels[p] : "?";
}

enum kf_rc
kf_purpose_parse(const char *s, enum kf_contact_purpose *p, struct kf_err *err)
{
	int i;

	for (i = 0; s != NULL && i < KF_CONTACT_P_COUNT; i++)
		if (strcmp(s, purpose_names[i]) == 0 ||
		    strcmp(s, purpose_labels[i]) == 0) {
			*p = (enum kf_contact_purpose)i;
			return KF_OK;
		}
	kf_err_set(err, KF_INVALID, "unknown purpose '%.20s' (viewing, inquiry, "
	    "suggestion, complaint, renovation, repair, external, inspection, "
	    "payment, other)", s ? s : "");
	kf_err_field(err, "purpose");
	return KF_INVALID;
}

const char *
kf_channel_name(enum kf_contact_channel ch)
{
	return (unsigned)ch < 4 ? channel_names[ch] : "?";
}

enum kf_rc
kf_channel_parse(const char *s, enum kf_contact_channel *ch, struct kf_err *err)
{
	int i;

	for (i = 0; s != NULL && i < 4; i++)
		if (strcmp(s, channel_names[i]) == 0) {
			*ch = (enum kf_contact_channel)i;
			return KF_OK;
		}
	kf_err_set(err, KF_INVALID, "unknown channel '%.20s' (hotline, walk-in, "
	    "phone-in, other)", s ? s : "");
	kf_err_field(err, "channel");
	return KF_INVALID;
}

void
kf_contact_clear(struct kf_contact *c)
{
	if (c == NULL)
		return;
	free(c->caller_name);
	free(c->caller_title);
	free(c->caller_phone);
	free(c->asked);
	free(c->done);
	free(c->accompanied_by);
	free(c->formalities);
	free(c->outcome);
	free(c->staff_name);
	free(c->who);
	free(c->received_by_name);
	memset(c, 0, sizeof(*c));
}

/* A text field: "" when NULL, then the core's text rule (kf_check_text). */
static enum kf_rc
text(char **s, const char *field, size_t max, struct kf_err *err)
{
	if (*s == NULL)
		*s = xstrdup("");
	return kf_check_text(*s, field, max, false, err);
}

/* Roles of staff id (KF_NOTFOUND if none or disabled). */
static enum kf_rc
staff_roles(struct kf_core *k, int64_t id, unsigned *roles)
{
	sqlite3_stmt *st = kf_sql(k, SQL_STAFF_ROLES);
	enum kf_rc rc = KF_NOTFOUND;

	kf_bind_int(st, ":id", id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 1) == 0 &&
	    kf_roles_parse((const char *)sqlite3_column_text(st, 0), roles,
	    NULL) == KF_OK)
		rc = KF_OK;
	kf_sql_done(st);
	return rc;
}

/* The R6 hours of the policy table, minutes of the day. */
struct viewing_hours {
	int64_t	opens, closes, earliest, wait_until;
};

static enum kf_rc
viewing_hours(struct kf_core *k, struct viewing_hours *h, struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = kf_policy_value(k, "viewing.opens", &h->opens, err)) !=
	    KF_OK ||
	    (rc = kf_policy_value(k, "viewing.closes", &h->closes, err)) !=
	    KF_OK ||
	    (rc = kf_policy_value(k, "viewing.earliest", &h->earliest, err)) !=
	    KF_OK)
		return rc;
	return kf_policy_value(k, "viewing.wait_until", &h->wait_until, err);
}

/*
 * Whether a viewer may be served at time t (R6): within the hours; with
 * an appointment also from the earliest booking time to wait_until. On
 * refusal err names field.
 */
static enum kf_rc
viewing_at(const struct viewing_hours *h, int64_t t, bool booked,
    const char *field, struct kf_err *err)
{
	int m = kf_time_minute_of_day(t);

	if (m >= h->opens && m < h->closes)
		return KF_OK;
	if (!booked)
		kf_err_set(err, KF_REFUSED, "house viewings run "
		    "%02d:%02d-%02d:%02d; outside those hours only by "
		    "appointment (R6)", (int)(h->opens / 60),
		    (int)(h->opens % 60), (int)(h->closes / 60),
		    (int)(h->closes % 60));
	else if (m > h->wait_until || m < h->earliest)
		kf_err_set(err, KF_REFUSED, "booked viewers are seen from "
		    "%02d:%02d until %02d:%02d at the latest (R6)",
		    (int)(h->earliest / 60), (int)(h->earliest % 60),
		    (int)(h->wait_until / 60), (int)(h->wait_until % 60));
	else
		return KF_OK;
	kf_err_field(err, field);
	return KF_REFUSED;
}

/* Whether viewing c is booked for the day of t: a booking holds for its
 * own day only (R6), not for a visit on another. */
static bool
booked_on(const struct kf_contact *c, int64_t t)
{
	return c->appointment_at != 0 &&
	    kf_time_day_start(c->appointment_at) == kf_time_day_start(t);
}

/* A booked viewer may come this late after the time booked and be logged
 * on arrival; an appointment further back is a mistake. */
#define APPT_LATE	3600

/* R6: viewing hours, appointments, documents. */
static enum kf_rc
check_viewing(struct kf_core *k, struct kf_contact *c, struct kf_err *err)
{
	struct viewing_hours h;
	enum kf_rc rc;

	if ((rc = viewing_hours(k, &h, err)) != KF_OK)
		return rc;
	/* The documents are checked at the viewing: now for a viewer at the
	 * desk, when the key goes out for one booked ahead (kf_contact_key). */
	if (!c->documents_checked && (c->appointment_at == 0 ||
	    c->key_out_at != 0))
		return kf_err_about(err, KF_REFUSED, "documents_checked",
		    N_("a viewing needs the documents checked (入伙通知单, "
		    "购房合同) (R6)"));
	if (c->appointment_at == 0)
		return viewing_at(&h, c->at, false, "appointment_at", err);
	if (c->appointment_at < c->at - APPT_LATE)
		return kf_err_about(err, KF_INVALID, "appointment_at",
		    N_("that appointment is past; book a time still to come "
		    "(R6)"));
	/* By appointment outside the hours too, within the booking times;
	 * and the viewer logged at the desk now is being seen now. */
	if ((rc = viewing_at(&h, c->appointment_at, true, "appointment_at",
	    err)) != KF_OK)
		return rc;
	if (c->documents_checked || c->key_out_at != 0)
		return viewing_at(&h, c->at, booked_on(c, c->at), "at", err);
	return KF_OK;
}

/*
 * R50: the caller is addressed as 先生 or 女士 (or not yet known). Spaces
 * typed around it are dropped first (*title is rewritten in place).
 */
static enum kf_rc
check_title(char *title, struct kf_err *err)
{
	size_t n;

	if (title != NULL) {
		n = strspn(title, " ");
		memmove(title, title + n, strlen(title + n) + 1);
		for (n = strlen(title); n > 0 && title[n - 1] == ' '; n--)
			title[n - 1] = '\0';
	}
	if (title == NULL || *title == '\0' || strcmp(title, "先生") == 0 ||
	    strcmp(title, "女士") == 0)
		return KF_OK;
	return kf_err_about(err, KF_INVALID, "caller_title",
	    N_("the caller is addressed as 先生 or 女士 (R50)"));
}

/*
 * How far back a contact may be dated (R1, R6): no earlier than the
 * policy contact.backdate_within before now, so a viewing seen after
 * hours cannot be logged days later as one seen within them. At the
 * bound exactly is allowed; a second before it is refused, naming the
 * limit. (The time it was really entered is kept and audited besides.)
 */
static enum kf_rc
backdate_bound(struct kf_core *k, int64_t at, struct kf_err *err)
{
	char lim[32], when[32];
	enum kf_rc rc;
	bool late;

	if ((rc = kf_policy_backdated(k, "contact.backdate_within", at, &late,
	    lim, when, err)) != KF_OK || !late)
		return rc;
	kf_err_set(err, KF_REFUSED, "a contact is logged at most %s after it "
	    "began (policy contact.backdate_within, R1): %s is earlier",
	    lim, when);
	kf_err_field(err, "at");
	return KF_REFUSED;
}

static enum kf_rc
check(struct kf_core *k, struct kf_contact *c, struct kf_err *err)
{
	sqlite3_stmt *st;
	unsigned roles;
	enum kf_rc rc;
	int src;

	if ((unsigned)c->channel > KF_CONTACT_CH_OTHER)
		return kf_err_about(err, KF_INVALID, "channel",
		    N_("unknown channel"));
	if ((unsigned)c->purpose >= KF_CONTACT_P_COUNT)
		return kf_err_about(err, KF_INVALID, "purpose",
		    N_("unknown purpose"));
	/* Logged as it happens or after it: never ahead (a minute's slack
	 * for a time typed to the minute), and never further back than the
	 * policy allows. */
	if (c->at > kf_core_now(k) + 60)
		return kf_err_about(err, KF_INVALID, "at",
		    N_("a contact cannot begin in the future"));
	if ((rc = backdate_bound(k, c->at, err)) != KF_OK)
		return rc;
	if ((rc = text(&c->caller_name, "caller_name", 32, err)) != KF_OK ||
	    (rc = text(&c->caller_title, "caller_title", 8, err)) != KF_OK ||
	    (rc = text(&c->asked, "asked", 2000, err)) != KF_OK ||
	    (rc = text(&c->done, "done", 2000, err)) != KF_OK ||
	    (rc = text(&c->accompanied_by, "accompanied_by", 64, err)) != KF_OK ||
	    (rc = text(&c->formalities, "formalities", 2000, err)) != KF_OK ||
	    (rc = kf_check_phone(&c->caller_phone, "caller_phone", err)) !=
	    KF_OK ||
	    (rc = check_title(c->caller_title, err)) != KF_OK)
		return rc;
	/* R52: a callback promised as the contact is logged. */
	if (c->callback_due_at != 0 && (c->callback_due_at < kf_core_now(k) +
	    60 || c->callback_due_at > kf_core_now(k) + 30 * (int64_t)86400))
		return kf_err_about(err, KF_INVALID, "callback_due_at",
		    N_("a callback is promised within 1 minute to 30 days"));
	if (c->key_out_at != 0 && c->purpose != KF_CONTACT_P_VIEWING)
		return kf_err_about(err, KF_REFUSED, "key",
		    N_("only a house viewing hands out a key (R6)"));
	if (kf_blank(c->asked))		/* R1, R51: what was asked */
		return kf_err_about(err, KF_INVALID, "asked",
		    N_("say what the caller asked (R1)"));
	if (c->customer_id != 0) {
		st = kf_sql(k, SQL_CUSTOMER_EXISTS);
		kf_bind_int(st, ":id", c->customer_id);
		src = sqlite3_step(st);
		kf_sql_done(st);
		if (src != SQLITE_ROW)
			return kf_err_about(err, KF_NOTFOUND, "customer",
		    N_("no such customer"));
	} else if (c->caller_phone[0] == '\0')
		return kf_err_about(err, KF_INVALID, "caller_phone",
		    N_("an unknown caller needs a phone number (R1)"));
	switch (c->purpose) {
	case KF_CONTACT_P_VIEWING:
		return check_viewing(k, c, err);
	case KF_CONTACT_P_SUGGESTION:		/* R7 */
		if ((unsigned)c->urgency > KF_CONTACT_URG_URGENT)
			return kf_err_about(err, KF_INVALID, "urgency",
		    N_("unknown urgency"));
		c->routed_to = c->urgency == KF_CONTACT_URG_URGENT ?
		    KF_ROLE_DISPATCHER : KF_ROLE_SUPERVISOR;
		return KF_OK;
	case KF_CONTACT_P_RENOVATION:		/* R8 */
		if (kf_blank(c->formalities))
			return kf_err_about(err, KF_REFUSED, "formalities",
		    N_("a renovation application lists the formalities "
			    "the applicant was told (R8)"));
		return KF_OK;
	case KF_CONTACT_P_INSPECTION:		/* R10 */
		if (c->received_by == 0 ||
		    staff_roles(k, c->received_by, &roles) != KF_OK ||
		    !(roles & KF_ROLE_SUPERVISOR))
			return kf_err_about(err, KF_REFUSED, "received_by",
		    N_("an inspection is received by a manager (a "
			    "supervisor account) (R10)"));
		return KF_OK;
	default:
		return KF_OK;
	}
}

static void
bind_opt(sqlite3_stmt *st, const char *name, int64_t v)
{
	if (v != 0)
		kf_bind_int(st, name, v);
	else
		kf_bind_null(st, name);
}

static enum kf_rc task_for(struct kf_core *, const struct kf_contact *,
    enum kf_callback_reason, int64_t, int64_t, int64_t, struct kf_err *);

enum kf_rc
kf_contact_log(struct kf_core *k, struct kf_contact *c, int64_t *id,
    struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t newid;
	int src;

	if ((rc = kf_may(k, KF_ACT_CONTACT_LOG, 0, err)) != KF_OK)
		return rc;
	if (c->at == 0)
		c->at = kf_core_now(k);
	c->staff_id = kf_core_actor_id(k);
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = check(k, c, err)) != KF_OK)
		goto end;
	st = kf_sql(k, SQL_INSERT);
	kf_bind_int(st, ":at", c->at);
	kf_bind_int(st, ":channel", c->channel);
	kf_bind_int(st, ":purpose", c->purpose);
	bind_opt(st, ":cust", c->customer_id);
	kf_bind_text(st, ":name", c->caller_name);
	kf_bind_text(st, ":title", c->caller_title);
	kf_bind_text(st, ":phone", c->caller_phone);
	kf_bind_text(st, ":asked", c->asked);
	kf_bind_text(st, ":done", c->done);
	kf_bind_int(st, ":staff", c->staff_id);
	bind_opt(st, ":appt", c->appointment_at);
	kf_bind_int(st, ":docs", c->documents_checked);
	kf_bind_text(st, ":acc", c->accompanied_by);
	kf_bind_int(st, ":urg", c->urgency);
	kf_bind_int(st, ":routed", c->routed_to);
	kf_bind_text(st, ":formal", c->formalities);
	bind_opt(st, ":recv", c->received_by);
	bind_opt(st, ":cb", c->callback_due_at);
	if (c->key_out_at != 0)		/* the key leaves as it is logged */
		c->key_out_at = c->at;
	bind_opt(st, ":kout", c->key_out_at);
	c->entered_at = kf_core_now(k);
	kf_bind_int(st, ":entered", c->entered_at);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "logging the contact", err);
		goto end;
	}
	newid = sqlite3_last_insert_rowid(k->db);
	kf_buf_printf(&after, "{\"at\":%lld,\"channel\":\"%s\",\"purpose\":\"%s\","
	    "\"customer_id\":%lld,\"caller_name\":", (long long)c->at,
	    kf_channel_name(c->channel), kf_purpose_name(c->purpose),
	    (long long)c->customer_id);
	kf_buf_json_str(&after, c->caller_name);
	kf_buf_puts(&after, ",\"caller_phone\":");
	kf_buf_json_str(&after, c->caller_phone);
	kf_buf_puts(&after, ",\"asked\":");
	kf_buf_json_str(&after, c->asked);
	kf_buf_puts(&after, ",\"done\":");
	kf_buf_json_str(&after, c->done);
	kf_buf_puts(&after, ",\"caller_title\":");
	kf_buf_json_str(&after, c->caller_title);
	kf_buf_printf(&after, ",\"appointment_at\":%lld,\"documents_checked\":%d,"
	    "\"accompanied_by\":", (long long)c->appointment_at,
	    c->documents_checked);
	kf_buf_json_str(&after, c->accompanied_by);
	kf_buf_printf(&after, ",\"key_out_at\":%lld,\"urgency\":%d,"
	    "\"formalities\":", (long long)c->key_out_at, (int)c->urgency);
	kf_buf_json_str(&after, c->formalities);
	/* The time it was entered beside the time it began: a back-dated
	 * contact shows as such in its trail (R1, R6). */
	kf_buf_printf(&after, ",\"received_by\":%lld,\"callback_due_at\":%lld,"
	    "\"routed_to\":%u,\"entered_at\":%lld}", (long long)c->received_by,
	    (long long)c->callback_due_at, c->routed_to,
	    (long long)c->entered_at);
	rc = kf_audit_append(k, "contact.log", "contact", newid, 1, NULL,
	    kf_buf_str(&after), err);
	/* R52: the promise is a task of the clerk who made it. */
	if (rc == KF_OK && c->callback_due_at != 0) {
		c->id = newid;
		rc = task_for(k, c, KF_CB_PROMISE, 0, c->callback_due_at,
		    c->staff_id, err);
	}
	if (rc == KF_OK && id != NULL)
		*id = newid;
end:
	kf_buf_free(&after);
	return kf_tx_end(k, rc, err);
}

static int64_t
col_opt(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, i);
}

static void
row_to_contact(sqlite3_stmt *st, struct kf_contact *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->at = sqlite3_column_int64(st, 1);
	c->channel = (enum kf_contact_channel)sqlite3_column_int(st, 2);
	c->purpose = (enum kf_contact_purpose)sqlite3_column_int(st, 3);
	c->customer_id = col_opt(st, 4);
	c->caller_name = kf_col_strdup(st, 5);
	c->caller_title = kf_col_strdup(st, 6);
	c->caller_phone = kf_col_strdup(st, 7);
	c->asked = kf_col_strdup(st, 8);
	c->done = kf_col_strdup(st, 9);
	c->staff_id = sqlite3_column_int64(st, 10);
	c->appointment_at = col_opt(st, 11);
	c->documents_checked = sqlite3_column_int(st, 12) != 0;
	c->accompanied_by = kf_col_strdup(st, 13);
	c->key_out_at = col_opt(st, 14);
	c->key_in_at = col_opt(st, 15);
	c->urgency = (enum kf_contact_urgency)sqlite3_column_int(st, 16);
	c->routed_to = (unsigned)sqlite3_column_int(st, 17);
	c->formalities = kf_col_strdup(st, 18);
	c->received_by = col_opt(st, 19);
	c->callback_due_at = col_opt(st, 20);
	c->version = sqlite3_column_int64(st, 21);
	c->handled_at = col_opt(st, 22);
	c->handled_by = col_opt(st, 23);
	c->outcome = kf_col_strdup(st, 24);
	c->appointment_cancelled_at = col_opt(st, 25);
	c->staff_name = kf_col_strdup(st, 26);
	c->who = kf_col_strdup(st, 27);
	c->received_by_name = kf_col_strdup(st, 28);
	c->entered_at = col_opt(st, 29);
}

static enum kf_rc
load(struct kf_core *k, int64_t id, struct kf_contact *c, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_GET);
	enum kf_rc rc = KF_OK;
	int src;

	memset(c, 0, sizeof(*c));
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_contact(st, c);
	else if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no contact %lld",
		    (long long)id);
	else
		rc = kf_db_err(k, src, "reading a contact", err);
	kf_sql_done(st);
	return rc;
}

enum kf_rc
kf_contact_get(struct kf_core *k, int64_t id, struct kf_contact *c,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_may(k, KF_ACT_CONTACT_VIEW, 0, err)) != KF_OK)
		return rc;
	return load(k, id, c, err);
}

enum kf_rc
kf_contact_list(struct kf_core *k, const struct kf_contact_filter *f,
    enum kf_page dir, const struct kf_contact *anchor, int limit,
    struct kf_contact **out, size_t *n, struct kf_err *err)
{
	struct kf_contact *v;
	int64_t a = 0, aid = 0;
	sqlite3_stmt *st;
	size_t len = 0;
	enum kf_rc rc;
	bool back;
	int src = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_CONTACT_VIEW, 0, err)) != KF_OK)
		return rc;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	if (anchor != NULL) {
		a = anchor->at;
		aid = anchor->id;
	}
	back = kf_page_bound(dir, anchor != NULL, true, &a, &aid);
	st = kf_sql(k, (f->queue ? SQL_QUEUE : SQL_LIST)[back ? BACK : FWD]);
	if (f->queue)	/* R7: urgent to dispatchers, normal to supervisors */
		kf_bind_int(st, ":roles", kf_core_actor_roles(k) &
		    (KF_ROLE_DISPATCHER | KF_ROLE_SUPERVISOR));
	kf_bind_int(st, ":t0", f->from);
	kf_bind_int(st, ":t1", f->to != 0 ? f->to : INT64_MAX);
	kf_bind_int(st, ":purpose", f->purpose);
	kf_bind_int(st, ":staff", f->staff_id);
	kf_bind_int(st, ":a", a);
	kf_bind_int(st, ":aid", aid);
	kf_bind_int(st, ":n", limit);
	v = xcalloc((size_t)limit, sizeof(*v));
	while (len < (size_t)limit && (src = sqlite3_step(st)) == SQLITE_ROW)
		row_to_contact(st, &v[len++]);
	if (len == (size_t)limit)
		src = SQLITE_DONE;	/* stopped at the limit, not failed */
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_contact_list_free(v, len);
		return kf_db_err(k, src, "listing contacts", err);
	}
	if (back)
		kf_page_reverse(v, len, sizeof(*v));
	*out = v;
	*n = len;
	return KF_OK;
}

void
kf_contact_list_free(struct kf_contact *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_contact_clear(&v[i]);
	free(v);
}

/*
 * A callback task for the caller of contact c (callback.c makes it): the
 * caller as logged, what was asked as its subject, due at due.
 */
static enum kf_rc
task_for(struct kf_core *k, const struct kf_contact *c,
    enum kf_callback_reason reason, int64_t order_id, int64_t due,
    int64_t owner, struct kf_err *err)
{
	struct kf_callback t;
	char subject[160];
	size_t n;

	memset(&t, 0, sizeof(t));
	t.reason = reason;
	t.contact_id = c->id;
	t.order_id = order_id;
	t.customer_id = c->customer_id;
	t.name = c->caller_name;
	t.phone = c->caller_phone;
	/* The first line of what was asked, cut at a character. */
	n = strcspn(c->asked != NULL ? c->asked : "", "\n");
	if (n >= sizeof(subject))
		n = sizeof(subject) - 1;
	while (n > 0 && c->asked[n] != '\0' && c->asked[n] != '\n' &&
	    ((unsigned char)c->asked[n] & 0xc0) == 0x80)
		n--;
	snprintf(subject, sizeof(subject), "%.*s", (int)n,
	    c->asked != NULL ? c->asked : "");
	t.subject = subject;
	t.due_at = due;
	t.owner_id = owner;
	return kf_callback_task_tx(k, &t, NULL, err);
}

/*
 * A work order closed or cancelled (order.c): its caller is called back
 * (R41), a task each, whether promised a callback before or not. The
 * contact's callback_due_at is set only when it had none: a deadline
 * promised is never overwritten.
 */
enum kf_rc
kf_contact_callback_tx(struct kf_core *k, int64_t id, int64_t order_id,
    int64_t due, const char *action, struct kf_err *err)
{
	struct kf_change ch = { "callback_due_at", { KF_V_INT, due, NULL } };
	struct kf_contact c;
	enum kf_rc rc;

	if ((rc = load(k, id, &c, err)) != KF_OK)
		return rc;
	if (c.callback_due_at == 0)
		rc = kf_rec_update(k, &contact_entity, id, -1, action, &ch, 1,
		    NULL, err);
	if (rc == KF_OK)
		rc = task_for(k, &c, KF_CB_ORDER, order_id, due, 0, err);
	kf_contact_clear(&c);
	return rc;
}

/* One versioned change of contact id inside its own transaction. */
static enum kf_rc
change(struct kf_core *k, int64_t id, int64_t seen, const char *action,
    const struct kf_change *ch, int n, struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_CONTACT_LOG, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	rc = kf_rec_update(k, &contact_entity, id, seen, action, ch, n, NULL,
	    err);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_contact_link_customer(struct kf_core *k, int64_t id, int64_t seen_version,
    int64_t customer_id, struct kf_err *err)
{
	struct kf_change ch = { "customer_id", { KF_V_INT, customer_id, NULL } };
	sqlite3_stmt *st;
	int src;

	st = kf_sql(k, SQL_CUSTOMER_EXISTS);
	kf_bind_int(st, ":id", customer_id);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_ROW)
		return kf_err_about(err, KF_NOTFOUND, "customer",
		    N_("no such customer"));
	return change(k, id, seen_version, "contact.link", &ch, 1, err);
}

/* The steps of a viewing after it is logged (R6). */
enum viewing_step { KEY_OUT, KEY_IN, UNBOOK };

/* Whether step s may be taken on viewing c now; the refusal otherwise. */
static enum kf_rc
check_step(struct kf_core *k, const struct kf_contact *c,
    enum viewing_step s, struct kf_err *err)
{
	struct viewing_hours h;
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_CONTACT_LOG, 0, err)) != KF_OK)
		return rc;
	if (s == UNBOOK) {
		if (c->purpose != KF_CONTACT_P_VIEWING || c->appointment_at == 0)
			return kf_err_set(err, KF_REFUSED, "contact %lld is no "
			    "booked viewing (R6)", (long long)c->id);
		if (c->appointment_cancelled_at != 0)
			return kf_err_set(err, KF_REFUSED, "that appointment "
			    "was cancelled already");
		if (c->key_out_at != 0)
			return kf_err_set(err, KF_REFUSED, "the viewer came: the "
			    "key went out (R6)");
		return KF_OK;
	}
	if (c->purpose != KF_CONTACT_P_VIEWING)
		return kf_err_set(err, KF_REFUSED, "only a house viewing hands "
		    "out a key (R6)");
	if (s == KEY_IN)
		return c->key_out_at == 0 ? kf_err_set(err, KF_REFUSED, "the "
		    "key was never given out") : c->key_in_at != 0 ?
		    kf_err_set(err, KF_REFUSED, "the key is back already") :
		    KF_OK;
	if (c->key_out_at != 0)
		return kf_err_set(err, KF_REFUSED, "the key is out already");
	if (c->appointment_cancelled_at != 0)
		return kf_err_set(err, KF_REFUSED, "that appointment was "
		    "cancelled; book the viewing again (R6)");
	if ((rc = viewing_hours(k, &h, err)) != KF_OK)
		return rc;
	/* R6: not at this hour. A booking holds for its own day only. */
	return viewing_at(&h, kf_core_now(k), booked_on(c, kf_core_now(k)),
	    "key", err);
}

/*
 * Takes step s on viewing id in one transaction: read, check, write. Two
 * desks at once (one cancels the booking, the other hands the key over)
 * are served one after the other, the second seeing the first's change.
 */
static enum kf_rc
take_step(struct kf_core *k, int64_t id, int64_t seen, enum viewing_step s,
    struct kf_err *err)
{
	static const char *const actions[] = {
		[KEY_OUT] = "contact.key_out", [KEY_IN] = "contact.key_in",
		[UNBOOK] = "contact.unbook",
	};
	struct kf_change ch[2];
	struct kf_contact c;
	int64_t now = kf_core_now(k);
	enum kf_rc rc;
	int n = 1;

	if ((rc = kf_may(k, KF_ACT_CONTACT_LOG, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = kf_contact_get(k, id, &c, err)) == KF_OK &&
	    (rc = check_step(k, &c, s, err)) == KF_OK) {
		ch[0] = (struct kf_change){ s == KEY_OUT ? "key_out_at" :
		    s == KEY_IN ? "key_in_at" : "appointment_cancelled_at",
		    { KF_V_INT, now, NULL } };
		/* The key goes out to a viewer whose documents are checked
		 * at the desk (R6): recording it records that check. */
		if (s == KEY_OUT && !c.documents_checked)
			ch[n++] = (struct kf_change){ "documents_checked",
			    { KF_V_INT, 1, NULL } };
		rc = kf_rec_update(k, &contact_entity, id, seen < 0 ? c.version :
		    seen, actions[s], ch, n, NULL, err);
	}
	kf_contact_clear(&c);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_contact_key(struct kf_core *k, int64_t id, bool returned,
    struct kf_err *err)
{
	return take_step(k, id, -1, returned ? KEY_IN : KEY_OUT, err);
}

enum kf_rc
kf_contact_may_key(struct kf_core *k, const struct kf_contact *c,
    bool returned, struct kf_err *err)
{
	return check_step(k, c, returned ? KEY_IN : KEY_OUT, err);
}

enum kf_rc
kf_contact_cancel_appointment(struct kf_core *k, int64_t id,
    int64_t seen_version, struct kf_err *err)
{
	return take_step(k, id, seen_version, UNBOOK, err);
}

enum kf_rc
kf_contact_may_unbook(struct kf_core *k, const struct kf_contact *c,
    struct kf_err *err)
{
	return check_step(k, c, UNBOOK, err);
}

enum kf_rc
kf_contact_handle(struct kf_core *k, int64_t id, int64_t seen_version,
    const char *outcome, struct kf_err *err)
{
	struct kf_change ch[3] = {
		{ "handled_at", { KF_V_INT, kf_core_now(k), NULL } },
		{ "handled_by", { KF_V_INT, kf_core_actor_id(k), NULL } },
		{ "outcome", { KF_V_TEXT, 0, outcome } },
	};
	struct kf_contact c;
	enum kf_rc rc;

	if ((rc = kf_contact_get(k, id, &c, err)) != KF_OK)
		return rc;
	if (c.purpose != KF_CONTACT_P_SUGGESTION)
		rc = kf_err_set(err, KF_REFUSED, "only a suggestion is handled "
		    "from a queue (R7)");
	else if ((c.routed_to & kf_core_actor_roles(k)) == 0 &&
	    (c.routed_to & KF_ROLE_DISPATCHER))
		rc = kf_err_set(err, KF_DENIED, "this suggestion waits in the "
		    "dispatchers' queue (R7)");
	else if ((c.routed_to & kf_core_actor_roles(k)) == 0)
		rc = kf_err_set(err, KF_DENIED, "this suggestion waits in the "
		    "managers' queue (R7)");
	else if (c.handled_at != 0)
		rc = kf_err_set(err, KF_REFUSED, "this suggestion was handled "
		    "already");
	else if (outcome == NULL || kf_blank(outcome) ||
	    !kf_text_clean(outcome) || strlen(outcome) > 2000)
		rc = kf_err_about(err, KF_INVALID, "outcome",
		    N_("say what became of the suggestion: into the work "
		    "plan, to the leadership, or why not (R7)"));
	else if ((rc = kf_tx_begin(k, err)) == KF_OK) {
		int64_t days = 0;

		/* R41: the caller is called back about what became of it,
		 * in the same transaction. */
		if ((rc = change(k, id, seen_version, "contact.handle", ch, 3,
		    err)) == KF_OK && (rc = kf_policy_value(k,
		    "callback.suggestion_within", &days, err)) == KF_OK)
			rc = task_for(k, &c, KF_CB_SUGGESTION, 0,
			    kf_core_now(k) + days * 86400, 0, err);
		rc = kf_tx_end(k, rc, err);
	}
	kf_contact_clear(&c);
	return rc;
}

/*
 * R52: each promise is a task of its own, owned by the clerk who made
 * it, due the time promised. The contact's callback_due_at keeps the
 * first promise: a second one adds a task and overwrites no deadline.
 */
enum kf_rc
kf_contact_promise_callback(struct kf_core *k, int64_t id, int64_t within_s,
    struct kf_err *err)
{
	int64_t due = kf_core_now(k) + within_s;
	struct kf_change ch = { "callback_due_at", { KF_V_INT, due, NULL } };
	struct kf_contact c;
	enum kf_rc rc;

	if (within_s < 60 || within_s > 30 * (int64_t)86400)
		return kf_err_about(err, KF_INVALID, "callback_due_at",
		    N_("a callback is promised within 1 minute to 30 days"));
	if ((rc = kf_may(k, KF_ACT_CONTACT_LOG, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = load(k, id, &c, err)) == KF_OK) {
		if (c.callback_due_at == 0)
			rc = kf_rec_update(k, &contact_entity, id, -1,
			    "contact.promise", &ch, 1, NULL, err);
		if (rc == KF_OK)
			rc = task_for(k, &c, KF_CB_PROMISE, 0, due,
			    kf_core_actor_id(k), err);
	}
	kf_contact_clear(&c);
	return kf_tx_end(k, rc, err);
}
