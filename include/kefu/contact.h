/*
 * contact.h — the contact log (来电/来访登记): every call and visit the
 * front desk takes (R1, R4, R5), with what each purpose requires (R6–R10)
 * and the callback promised when an answer takes too long (R52).
 *
 * A contact has a time, a channel, a purpose from R5's list, a customer
 * (or an unknown caller with a phone number, linked to a customer later),
 * what was asked (restated to the caller, R51), what was done, and the
 * staff member who took it. Purpose-specific fields:
 *   viewing (看房, R6)     appointment time (needed outside viewing hours,
 *                          no later than the wait-until policy), documents
 *                          checked (入伙通知单, 购房合同), who accompanied,
 *                          key out / key in;
 *   suggestion (R7)        urgency: urgent goes to the dispatchers' queue,
 *                          normal to the managers' (supervisors');
 *   renovation (R8)        the formalities the applicant was told;
 *   inspection (R10)       received by a manager (a supervisor account).
 * Contacts are never deleted; every change is audited.
 */
#ifndef KEFU_CONTACT_H
#define KEFU_CONTACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

enum kf_contact_channel { KF_CONTACT_CH_HOTLINE, KF_CONTACT_CH_WALK_IN, KF_CONTACT_CH_PHONE_IN, KF_CONTACT_CH_OTHER };

/* R5's purposes, in its order. */
enum kf_contact_purpose {
	KF_CONTACT_P_VIEWING,		/* 看房 */
	KF_CONTACT_P_INQUIRY,		/* 业主来访 */
	KF_CONTACT_P_SUGGESTION,	/* 合理化建议 */
	KF_CONTACT_P_COMPLAINT,		/* 投诉 */
	KF_CONTACT_P_RENOVATION,	/* 装修申报 */
	KF_CONTACT_P_REPAIR,		/* 报修 */
	KF_CONTACT_P_EXTERNAL,		/* 外来参观 */
	KF_CONTACT_P_INSPECTION,	/* 上级检查 */
	KF_CONTACT_P_PAYMENT,		/* 缴费 */
	KF_CONTACT_P_OTHER,		/* 其他 */
};
#define KF_CONTACT_P_COUNT	10

enum kf_contact_urgency { KF_CONTACT_URG_NORMAL, KF_CONTACT_URG_URGENT };

struct kf_contact {
	int64_t		 id;
	int64_t		 at;		/* when it began (epoch seconds) */
	enum kf_contact_channel	 channel;
	enum kf_contact_purpose	 purpose;
	int64_t		 customer_id;	/* 0: an unknown caller */
	char		*caller_name;	/* as given: 王, 王芳 */
	char		*caller_title;	/* 先生, 女士, or "" (R50) */
	char		*caller_phone;	/* digits; required without a customer */
	char		*asked;		/* what was asked, restated (R51) */
	char		*done;		/* what was done */
	int64_t		 staff_id;	/* who took it (set by the core) */
	/* R6 viewing */
	int64_t		 appointment_at;	/* 0: none */
	bool		 documents_checked;
	char		*accompanied_by;
	int64_t		 key_out_at, key_in_at;	/* 0: not yet */
	int64_t		 appointment_cancelled_at;	/* 0: stands */
	/* R7 suggestion */
	enum kf_contact_urgency	 urgency;
	unsigned	 routed_to;	/* role mask the suggestion went to */
	/* R8 renovation */
	char		*formalities;
	/* R10 inspection */
	int64_t		 received_by;	/* staff id of the manager */
	/* R52 */
	int64_t		 callback_due_at;	/* 0: no callback promised;
						 * else the first promise's
						 * deadline, never
						 * overwritten (each promise
						 * is a callback task of its
						 * own, callback.h) */
	int64_t		 version;
	/* When it was logged (set by the core): later than at when it was
	 * back-dated (R1, R6); 0 for one logged before schema 015. */
	int64_t		 entered_at;
	/* R7: a suggestion handled from its queue */
	int64_t		 handled_at, handled_by;
	char		*outcome;
	/* The names it is shown by, read with the contact (kf_contact_get
	 * and the lists fill them; ignored by kf_contact_log): who took it;
	 * who called or came (the caller's name and title as given, 王先生,
	 * else the linked customer's name, else the caller's phone); the
	 * manager who received an inspection ("" when none, R10). */
	char		*staff_name;
	char		*who;
	char		*received_by_name;
};

/* Frees the strings of c (not c itself) and zeroes it; c may be NULL. */
void		kf_contact_clear(struct kf_contact *c);

/*
 * Logs a contact taken by the session's actor (reception, dispatcher,
 * supervisor, admin). c->at 0 means now; never more than a minute ahead,
 * nor further back than the policy contact.backdate_within (KF_REFUSED
 * naming the limit, R1, R6); c->entered_at is set to now and audited.
 * Checks R1/R4 (channel, purpose, what was asked; a customer or a caller's
 * phone) and the purpose's rules: R6 — a viewing outside the viewing hours
 * needs an appointment, and an appointment after the wait-until time is
 * refused; a viewer at the desk has had the documents checked (one booked
 * ahead has them checked when the key goes out); c->key_out_at non-zero
 * hands the key over as the contact is logged, in the same transaction;
 * R7 — the urgency routes the suggestion (routed_to is set); R8 — a
 * renovation application lists the formalities told; R10 — an inspection
 * names the manager who received it, who must be a supervisor; R52 —
 * c->callback_due_at, when set, lies 1 minute to 30 days ahead, and the
 * promise is a callback task of the clerk's in the same transaction
 * (callback.h). KF_INVALID
 * names a missing or bad field (err->field); KF_REFUSED names the rule.
 * *id receives the new id.
 */
enum kf_rc	kf_contact_log(struct kf_core *k, struct kf_contact *c,
		    int64_t *id, struct kf_err *err);

/*
 * Loads contact id into *c, with its names (the caller clears it).
 * KF_NOTFOUND when there is none; KF_DENIED for roles that may not read
 * the contact log. On failure *c is zeroed.
 */
enum kf_rc	kf_contact_get(struct kf_core *k, int64_t id,
		    struct kf_contact *c, struct kf_err *err);

/* Which contacts a list shows. */
struct kf_contact_filter {
	int64_t	 from, to;	/* at >= from and at < to (to 0: no end) */
	int	 purpose;	/* -1: any */
	int64_t	 staff_id;	/* who took it; 0: anyone */
	bool	 queue;		/* R7: only the suggestions waiting in the
				 * queues of the actor's roles: urgent ones
				 * for dispatchers, normal ones for
				 * supervisors; one handled has left */
};

/*
 * One page of the contacts f selects, newest first: by (at, id)
 * descending, so a contact logged late (with an earlier time) takes its
 * place by time, and contacts of the same second follow their ids. dir
 * and anchor place the page (enum kf_page in core.h): only anchor->at
 * and anchor->id are read. At most limit rows (1..1000; out of range:
 * 1000), each with its names (staff_name, who, received_by_name). The log
 * reads the time index, the queue the purpose index, in order: never the
 * whole table. The contact log's readers (KF_DENIED otherwise). *out is
 * allocated, *n its length (on failure NULL and 0); free with
 * kf_contact_list_free (NULL is fine).
 */
enum kf_rc	kf_contact_list(struct kf_core *k,
		    const struct kf_contact_filter *f, enum kf_page dir,
		    const struct kf_contact *anchor, int limit,
		    struct kf_contact **out, size_t *n, struct kf_err *err);
void		kf_contact_list_free(struct kf_contact *v, size_t n);

/* Links an unknown caller's contact to a customer later (versioned). */
enum kf_rc	kf_contact_link_customer(struct kf_core *k, int64_t id,
		    int64_t seen_version, int64_t customer_id, struct kf_err *err);

/*
 * A suggestion handled from its queue (R7) by someone whose queue it is in:
 * the outcome (into the work plan, to the leadership, or why not) is
 * required. KF_DENIED for another queue, KF_REFUSED when handled already.
 * The caller is called back about it (R41): a callback task in the pool,
 * due callback.suggestion_within days later, in the same transaction.
 */
enum kf_rc	kf_contact_handle(struct kf_core *k, int64_t id,
		    int64_t seen_version, const char *outcome, struct kf_err *err);

/*
 * Records the key of a viewing going out or coming back (R6). The key goes
 * out only to a viewer whose documents were checked (recording it out
 * records that check too), within the viewing hours or, when booked,
 * between viewing.earliest and viewing.wait_until, and never on a
 * cancelled appointment (KF_REFUSED).
 */
enum kf_rc	kf_contact_key(struct kf_core *k, int64_t id, bool returned,
		    struct kf_err *err);

/*
 * R6: a booked viewing is cancelled (staff no longer wait for the viewer).
 * Refused for a contact that is no booked viewing, one cancelled already
 * or one whose key went out. Versioned and audited ("contact.unbook").
 */
enum kf_rc	kf_contact_cancel_appointment(struct kf_core *k, int64_t id,
		    int64_t seen_version, struct kf_err *err);

/*
 * Whether the key of viewing c may go out (returned false) or come back,
 * or its booking be cancelled, now: the step's own checks, without taking
 * it. KF_OK, or the refusal the step would give. The faces ask before
 * they ask the clerk to confirm; the step checks again when taken.
 */
enum kf_rc	kf_contact_may_key(struct kf_core *k, const struct kf_contact *c,
		    bool returned, struct kf_err *err);
enum kf_rc	kf_contact_may_unbook(struct kf_core *k,
		    const struct kf_contact *c, struct kf_err *err);

/*
 * R52: the caller was promised a callback within seconds from now
 * (60 s to 30 days): a callback task of the actor's, due then
 * (callback.h), in one transaction. A second promise is a second task:
 * the contact's callback_due_at is set by the first only and never
 * overwritten. Versioned and audited.
 */
enum kf_rc	kf_contact_promise_callback(struct kf_core *k, int64_t id,
		    int64_t within_s, struct kf_err *err);

const char     *kf_purpose_name(enum kf_contact_purpose p);	/* "viewing", ... */
const char     *kf_purpose_label(enum kf_contact_purpose p);	/* "看房", ... */
enum kf_rc	kf_purpose_parse(const char *s, enum kf_contact_purpose *p,
		    struct kf_err *err);
const char     *kf_channel_name(enum kf_contact_channel ch);
enum kf_rc	kf_channel_parse(const char *s, enum kf_contact_channel *ch,
		    struct kf_err *err);

#endif
