/*
 * complaint.h — complaints (投诉) driven to 100% closure: R27–R39, R48.
 *
 * 事事有着落,件件有回音: every complaint is registered whole (R27),
 * forwarded at once to a person responsible with a deadline (R28), driven
 * by its clocks, and never closed without a recorded result and a
 * completed callback (R39). Nothing is ever deleted (R32): a complaint is
 * withdrawn with a reason and stays searchable.
 *
 * One state table (src/core/complaint.c moves[], run by the shared engine
 * fsm.c), states numbered in lifecycle order:
 *
 *   registered ─forward─> forwarded ─analyse─> analysed ─┬─ valid ───────┐
 *   (new with a responsible person is forwarded at once)  │               │
 *                                                         │ invalid       action (R35, R36;
 *                                                         │ explain (R34) a serious one: a
 *                                                         v               supervisor, R29)
 *                  result recorded <─result─ verified <─verify─ approved <─approve─ action set
 *                        │ (R30, R31: the callback falls due)
 *                        v
 *                  called back ─signoff (R31)─> signed ─close (R39)─> closed
 *                                                                       │
 *          reopen (audited; the clocks that apply start again) <────────┘
 *   withdraw, with a reason, from any state before closed: withdrawn (sealed)
 *
 *   forward   reception or supervisor: to a person responsible (any
 *             enabled account), which starts the analysis clock (R28, R35);
 *             forwarded again to another, the clock keeps its start
 *   analyse   the person responsible or a supervisor: valid or invalid,
 *             the cause and the responsibility (required for valid, R35)
 *   explain   invalid only: what the complainant was told (R34); this is
 *             the result of an invalid complaint, so its callback falls due
 *   action    the person responsible or a supervisor (only a supervisor
 *             on a serious complaint, R29): a corrective action with an
 *             owner and a due date after now (R35, R36); more may be added
 *             until approved
 *   approve   supervisor: the actions set (R35)
 *   verify    supervisor: one action carried out and verified, at or after
 *             it was set (R36); when every action is verified the
 *             complaint is verified
 *   result    the person responsible or a supervisor: what was done and
 *             told the complainant (R30, R31); a serious complaint needs
 *             its on-site visit recorded first (R37)
 *   callback  reception or supervisor: the callback made (R30, R41); until
 *             the callbacks module lands this is recorded here
 *   signoff   supervisor only (R31)
 *   close     supervisor; refused without a recorded result and a
 *             completed callback, naming R39
 *   reopen    supervisor, from signed or closed, with a reason: back to
 *             its person responsible (forwarded; registered if none),
 *             to be analysed again; the analysis, result, callback and
 *             visit are cleared (a serious one is visited again, R37):
 *             what was recorded stays in the trail;
 *             a duplicate reopened is unlinked, handled on its own (R48)
 *   withdraw  reception, dispatcher or supervisor, with a reason (R32);
 *             once the result is recorded a supervisor only (R32, R39);
 *             its open duplicates are unlinked in the same transaction
 *             (audited "complaint.unlink"), their own clocks running
 *             again from the deadlines their registration set (R48)
 * Moves that are not state changes: visit (R37, supervisor: who went,
 * when (0: now; between the registration and now), the report; from
 * forwarded to verified), reply (R38, the person responsible or a
 * supervisor: the one interim reply of a municipal complaint), escalate
 * (the person responsible or a supervisor: a step up the ladder, to a
 * named enabled supervisor), link (R48: reception, dispatcher or
 * supervisor, from registered or forwarded only: before its analysis,
 * actions or visit (R35-R37); a serious complaint never to an ordinary
 * root (R29); a link to a root whose result is recorded tells it at
 * once, so that one moves to result recorded).
 * Forward and withdraw are the dispatcher's too (he registers
 * complaints). A state refusal of a move made with a version that is no
 * longer current is a KF_CONFLICT naming who moved it and when.
 *
 * Clocks, computed here and stored (so "overdue" and "due soon" are
 * indexed queries), each from its policy (days; forward's in seconds):
 *   forward   R28, complaint.forward_within (2 hours): one registered
 *             without a person responsible is forwarded within this of
 *             registration (of its reopening, reopened without one); met
 *             by the forwarding (schema/019);
 *   track     R33, complaint.track_within: a complaint made to the company
 *             directly (via_company) has its result recorded within this
 *             of registration;
 *   analyse   R35, complaint.analyse_within: analysed within this of being
 *             forwarded;
 *   explain   R34, complaint.invalid_reply_within: an invalid complaint is
 *             explained within this of registration;
 *   reply     R38, complaint.municipal_reply_within: a municipal complaint
 *             gets its interim reply within this of registration;
 *   action    R36: each corrective action verified by its own due date;
 *   callback  R30, complaint.callback_within: the callback within this of
 *             the result.
 * A clock is met when its moment comes at or before its deadline (at the
 * deadline's second is on time, a second later late). A complaint is
 * overdue from the second after the earliest deadline of its clocks still
 * running (due_at); a closed or withdrawn one has no clock running, nor
 * has a duplicate (R48) before it is told its root's result (the root's
 * clocks run; then its own callback's does). A deadline once set is kept:
 * a policy changed later moves no running clock. A reopen starts the
 * analysis clock and, when they applied, the track and explanation
 * clocks again from the reopening; the callback's starts again with the
 * next result (it cannot fall due before one).
 *
 * The escalation ladder: complaint.ladder_1/2/3 (permille of a clock's
 * span, 500/800/1000 by default) raise a complaint one step each in the
 * supervisor's queue as its running clock passes them (at a threshold's
 * second the step is reached); a serious complaint stands at the top step
 * from registration (R29, the division head, who is a supervisor);
 * escalate raises one by hand. The three are kept increasing: a policy
 * set that breaks their order is refused (policy.c).
 *
 * A technician or a billing clerk (without a role that reads them all)
 * sees only the complaints he is responsible for or owns an action of
 * (R54, like a technician's work orders).
 */
#ifndef KEFU_COMPLAINT_H
#define KEFU_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

enum kf_complaint_state {
	KF_CPL_REGISTERED, KF_CPL_FORWARDED, KF_CPL_ANALYSED, KF_CPL_ACTION_SET,
	KF_CPL_APPROVED, KF_CPL_VERIFIED, KF_CPL_RESULT, KF_CPL_CALLED_BACK,
	KF_CPL_SIGNED, KF_CPL_CLOSED, KF_CPL_WITHDRAWN,
};
#define KF_CPL_STATE_COUNT	11

/* NOT_GIVEN (-1): none chosen; the core refuses it naming the field
 * (R27). The values stored are 0 and up, unchanged. */
enum kf_complaint_severity {
	KF_CPL_SEV_NOT_GIVEN = -1, KF_CPL_ORDINARY, KF_CPL_SERIOUS
};

/* The channel it came by (R27), the contact log's channels and more. */
enum kf_complaint_channel {
	KF_CPL_CH_NOT_GIVEN = -1,	/* none chosen: refused (R27) */
	KF_CPL_CH_HOTLINE, KF_CPL_CH_WALK_IN, KF_CPL_CH_PHONE_IN,
	KF_CPL_CH_LETTER, KF_CPL_CH_COMPANY, KF_CPL_CH_OTHER,
};
#define KF_CPL_CH_COUNT		6

/* Which clock due_at is (the earliest still running). */
enum kf_complaint_clock {
	KF_CPL_CLOCK_NONE, KF_CPL_CLOCK_TRACK, KF_CPL_CLOCK_ANALYSE,
	KF_CPL_CLOCK_EXPLAIN, KF_CPL_CLOCK_REPLY, KF_CPL_CLOCK_ACTION,
	KF_CPL_CLOCK_CALLBACK, KF_CPL_CLOCK_FORWARD,
};

enum kf_complaint_score {	/* callback satisfaction (R43's words) */
	KF_CPL_SCORE_NONE, KF_CPL_VERY_SATISFIED, KF_CPL_SATISFIED,
	KF_CPL_NEUTRAL, KF_CPL_DISSATISFIED, KF_CPL_VERY_DISSATISFIED,
};

struct kf_complaint {
	int64_t		 id;
	/* R27: who, what, where, when, how, received by. */
	int64_t		 customer_id;	/* 0: not on file, name and phone */
	char		*name, *phone;	/* the complainant as given */
	char		*what;		/* what happened (required) */
	char		*place;		/* where (required) */
	int64_t		 happened_at;	/* when it happened (required) */
	enum kf_complaint_channel channel;
	int64_t		 received_by;	/* staff id (set by the core: actor) */
	int64_t		 registered_at;	/* set by the core */
	int64_t		 contact_id;	/* the call it came from, or 0 */
	char		*community, *building;	/* of the place, for R48 */
	int64_t		 category_id;	/* kf_complaint_categories */
	enum kf_complaint_severity severity;
	bool		 via_company;	/* R33: made to the company directly;
					 * the core sets it for channel
					 * company, another may set it */
	bool		 municipal;	/* R38: involves a municipal body */
	enum kf_complaint_state state;
	/* forward (R28) */
	int64_t		 responsible_id, forwarded_at, forwarded_by;
	/* analyse (R35) */
	int		 valid;		/* -1 not analysed, 0 invalid, 1 valid */
	char		*cause, *responsibility;
	int64_t		 analysed_at, analysed_by;
	/* explain (R34) or result (R30, R31) */
	char		*result;
	int64_t		 result_at, result_by;
	/* R38 interim reply */
	char		*reply;
	int64_t		 replied_at;
	/* R37 on-site visit of a serious complaint */
	char		*visit_who, *visit_report;
	int64_t		 visit_at;
	/* actions approved (R35) */
	int64_t		 approved_at, approved_by;
	/* callback (R30, R41): due when the result is recorded */
	int64_t		 callback_due_at, callback_done_at, callback_by;
	int		 callback_method;	/* 0 phone, 1 home visit (R40) */
	enum kf_complaint_score callback_score;
	char		*callback_note;
	/* signoff (R31), close (R39) */
	int64_t		 signed_at, signed_by, closed_at, closed_by;
	/* withdraw (R32), reopen */
	char		*withdraw_reason;
	int64_t		 withdrawn_at;
	char		*reopen_reason;	/* the last reopening's */
	int64_t		 reopened_at;	/* the last reopening, 0: never */
	int		 reopen_count;
	/* R48: the complaint this one is a duplicate of (0: none) */
	int64_t		 duplicate_of;
	/* The clocks' deadlines (0: the clock does not apply) and when met. */
	int64_t		 track_due_at, analyse_due_at, explain_due_at;
	int64_t		 reply_due_at;
	int64_t		 action_due_at;	/* earliest unverified action's */
	int64_t		 forward_due_at;	/* R28, 019: forwarded by */
	/* The earliest deadline still running, which, and since when it ran
	 * (for the ladder); due_at 0: none running. */
	int64_t		 due_at, clock_from;
	enum kf_complaint_clock due_clock;
	int		 escalated;	/* steps raised by hand */
	int64_t		 escalated_to;	/* the supervisor it went to, or 0 */
	int		 queue_rank;	/* the queue's ladder (019): 0 open
					 * serious, 1 open escalated, 2 other;
					 * set by the core */
	int64_t		 version;
	/* Read with it (get and the lists fill them): names to show. */
	char		*category_label;	/* msgid for a seeded one */
	char		*responsible_name, *received_by_name;
};

/* One corrective action (R35, R36). */
struct kf_complaint_action {
	int64_t	 id, complaint_id;
	char	*text;
	int64_t	 owner_id;
	char	*owner_name;		/* read with it */
	int64_t	 due_at, set_at, set_by;
	int64_t	 verified_at, verified_by;
	char	*verify_note;
	int64_t	 version;
};

/* A category of the configurable list (service attitude, …). */
struct kf_complaint_category {
	int64_t	 id;
	char	*key;		/* "attitude": stable, the CLI's */
	char	*label;		/* seeded: an English msgid; added: as typed */
	bool	 active;
};

void		kf_complaint_clear(struct kf_complaint *c);
void		kf_complaint_action_clear(struct kf_complaint_action *a);

/*
 * Registers a complaint taken by the session's actor (reception,
 * supervisor, dispatcher, admin: KF_DENIED otherwise). Required, each
 * refused with KF_INVALID and err->field naming it: the complainant (a
 * customer on file, or a name and a phone), what, place, happened_at (not
 * ahead of now), channel and severity (KF_CPL_*_NOT_GIVEN: refused), an
 * active category. Channel company sets via_company (R33). With
 * c->responsible_id it is forwarded in the same transaction (R28). A
 * serious one is escalated at once (R29). c->duplicate_of links it (R48,
 * as kf_complaint_link, in the same transaction: the actor needs the
 * link's permission). Computes and stores the clocks. *id the new id.
 * With a customer on file, a blank name, phone, community, building or
 * place is taken from the register (its first phone, its address as
 * kf_customer_address formats it): the faces leave them blank.
 */
enum kf_rc	kf_complaint_new(struct kf_core *k, struct kf_complaint *c,
		    int64_t *id, struct kf_err *err);

/* Loads complaint id (a technician only his own: KF_DENIED otherwise). */
enum kf_rc	kf_complaint_get(struct kf_core *k, int64_t id,
		    struct kf_complaint *c, struct kf_err *err);

/* The moves of the state table. */
enum kf_complaint_move {
	KF_CPL_MOVE_FORWARD, KF_CPL_MOVE_ANALYSE, KF_CPL_MOVE_EXPLAIN,
	KF_CPL_MOVE_ACTION, KF_CPL_MOVE_APPROVE, KF_CPL_MOVE_VERIFY,
	KF_CPL_MOVE_RESULT, KF_CPL_MOVE_CALLBACK, KF_CPL_MOVE_SIGNOFF,
	KF_CPL_MOVE_CLOSE, KF_CPL_MOVE_REOPEN, KF_CPL_MOVE_WITHDRAW,
	KF_CPL_MOVE_VISIT, KF_CPL_MOVE_REPLY, KF_CPL_MOVE_ESCALATE,
	KF_CPL_MOVE_LINK, KF_CPL_MOVE_COUNT
};

/*
 * Whether the session's actor may make move mv on c as it stands (the
 * state table's tests, without moving): KF_OK or the refusal the move
 * would give. The faces ask before opening a move's form.
 */
enum kf_rc	kf_complaint_may(struct kf_core *k, const struct kf_complaint *c,
		    enum kf_complaint_move mv, struct kf_err *err);

/*
 * The moves. Each is one transaction and one audit row ("complaint.<move>");
 * each refuses an illegal move with KF_REFUSED naming the rule, a wrong
 * role with KF_DENIED, a stale seen_version (-1: current) with KF_CONFLICT
 * naming who changed it and when (two supervisors signing off at once:
 * one wins, the other is told who). Required text refused blank with
 * KF_INVALID naming the field.
 */
enum kf_rc	kf_complaint_forward(struct kf_core *k, int64_t id, int64_t seen,
		    int64_t responsible_id, struct kf_err *err);
enum kf_rc	kf_complaint_analyse(struct kf_core *k, int64_t id, int64_t seen,
		    bool valid, const char *cause, const char *responsibility,
		    struct kf_err *err);
enum kf_rc	kf_complaint_explain(struct kf_core *k, int64_t id, int64_t seen,
		    const char *told, struct kf_err *err);
/* *action_id may be NULL. due_at must lie after now and within 366 days
 * of it (KF_INVALID naming due_at). */
enum kf_rc	kf_complaint_action(struct kf_core *k, int64_t id, int64_t seen,
		    const char *text, int64_t owner_id, int64_t due_at,
		    int64_t *action_id, struct kf_err *err);
enum kf_rc	kf_complaint_approve(struct kf_core *k, int64_t id, int64_t seen,
		    struct kf_err *err);
enum kf_rc	kf_complaint_verify(struct kf_core *k, int64_t id, int64_t seen,
		    int64_t action_id, const char *note, struct kf_err *err);
enum kf_rc	kf_complaint_result(struct kf_core *k, int64_t id, int64_t seen,
		    const char *result, struct kf_err *err);
/* method 0 phone, 1 home visit (else KF_INVALID); score required; note
 * required below satisfied (the reason). Recorded through the
 * complaint's open callback task (callback.h, R41): a home visit needs
 * the customer's signature, signed_name (R43; ignored for a phone
 * call); the task is done with the note as what the customer said. */
enum kf_rc	kf_complaint_callback(struct kf_core *k, int64_t id, int64_t seen,
		    int method, enum kf_complaint_score score, const char *note,
		    const char *signed_name, struct kf_err *err);
enum kf_rc	kf_complaint_signoff(struct kf_core *k, int64_t id, int64_t seen,
		    struct kf_err *err);
enum kf_rc	kf_complaint_close(struct kf_core *k, int64_t id, int64_t seen,
		    struct kf_err *err);
enum kf_rc	kf_complaint_reopen(struct kf_core *k, int64_t id, int64_t seen,
		    const char *reason, struct kf_err *err);
enum kf_rc	kf_complaint_withdraw(struct kf_core *k, int64_t id, int64_t seen,
		    const char *reason, struct kf_err *err);
enum kf_rc	kf_complaint_visit(struct kf_core *k, int64_t id, int64_t seen,
		    const char *who, int64_t at, const char *report,
		    struct kf_err *err);
enum kf_rc	kf_complaint_reply(struct kf_core *k, int64_t id, int64_t seen,
		    const char *told, struct kf_err *err);
enum kf_rc	kf_complaint_escalate(struct kf_core *k, int64_t id, int64_t seen,
		    int64_t supervisor_id, struct kf_err *err);
/*
 * R48: id becomes a duplicate of to (its root, when to is a duplicate
 * itself): it follows to's handling, is told its result and gets its own
 * callback. Refused linked to itself, in a loop, to a withdrawn one,
 * once analysed (R35, R36), a serious one to an ordinary root (R29).
 */
enum kf_rc	kf_complaint_link(struct kf_core *k, int64_t id, int64_t seen,
		    int64_t to, struct kf_err *err);

/* Its actions, in the order set; free with kf_complaint_actions_free. */
enum kf_rc	kf_complaint_actions(struct kf_core *k, int64_t id,
		    struct kf_complaint_action **out, size_t *n,
		    struct kf_err *err);
void		kf_complaint_actions_free(struct kf_complaint_action *v,
		    size_t n);

/*
 * The ladder's step of c at now: 0 none, 1..3 the thresholds passed
 * (complaint.ladder_1..3 of the running clock's span), raised by c's
 * escalations, 3 at least for a serious one (R29); capped at 3.
 */
int		kf_complaint_level(struct kf_core *k, const struct kf_complaint *c,
		    int64_t now);
bool		kf_complaint_overdue(const struct kf_complaint *c, int64_t now);

/*
 * Each clock of c that applies (its deadline set), in enum order, the
 * actions' as one (the earliest unverified action's deadline; each
 * action is met by its own verification): which, its deadline, the
 * moment that met it (0: not yet, or only before the last reopening),
 * and its status at now: met or late (met at or before the deadline's
 * second, or after), else stopped (closed, withdrawn, or a duplicate's
 * own clock while it follows its root, R48), overdue (from the second
 * after the deadline) or running. The one reckoning the faces show.
 * Returns how many (at most max; KF_CPL_CLOCK_COUNT is enough).
 */
enum kf_complaint_clock_status {
	KF_CPL_CLK_RUNNING, KF_CPL_CLK_OVERDUE, KF_CPL_CLK_MET,
	KF_CPL_CLK_LATE, KF_CPL_CLK_STOPPED,
};
#define KF_CPL_CLOCK_COUNT	8	/* NONE .. FORWARD */
struct kf_complaint_clock_state {
	enum kf_complaint_clock		 which;
	int64_t				 due_at, met_at;
	enum kf_complaint_clock_status	 status;
};
size_t		kf_complaint_clocks(const struct kf_complaint *c, int64_t now,
		    struct kf_complaint_clock_state out[], size_t max);
/* "running", "overdue", "met", "late", "stopped" (the CLI's, --json's). */
const char     *kf_complaint_clock_status_key(
		    enum kf_complaint_clock_status st);

/* Which complaints a list shows. */
struct kf_complaint_filter {
	bool		 open_only;	/* not closed or withdrawn */
	bool		 overdue_only;
	int		 state;		/* -1: any */
	int		 severity;	/* -1: any */
	int64_t		 category_id;	/* 0: any */
	int64_t		 responsible_id;	/* 0: anyone */
	bool		 to_sign;	/* waiting for a supervisor's signature */
	const char	*text;		/* search: complainant, phone, place,
					 * what (customer search's rules);
					 * NULL or "": none */
	bool		 escalated_to_me;	/* escalated to the actor (R29) */
};

/*
 * One page of the complaints f selects: the ladder first (R29: open
 * serious ones, then open escalated ones, then the rest: queue_rank),
 * within each nearest deadline first, late first (by due_at, id; those
 * without a running clock after, by id), or
 * with f->text by relevance-free id order, newest first. dir and anchor
 * as kf_order_list (the anchor's id, due_at, state and queue_rank are
 * read). At most
 * limit (1..1000). An indexed read whatever the table's size. The text:
 * three characters or more, a substring of the name, phone, place or
 * what (FTS5 trigram); one or two, the pieces of the name and the place
 * (and, of two, of what) through their own table. Free with
 * kf_complaint_list_free.
 */
enum kf_rc	kf_complaint_list(struct kf_core *k,
		    const struct kf_complaint_filter *f, enum kf_page dir,
		    const struct kf_complaint *anchor, int limit,
		    struct kf_complaint **out, size_t *n, struct kf_err *err);
void		kf_complaint_list_free(struct kf_complaint *v, size_t n);

/* The open complaints f selects (f->text is not read): how many, how
 * many late at now, due within soon_s of now, waiting for a signature,
 * serious. */
struct kf_complaint_counts {
	int64_t	open, overdue, due_soon, to_sign, serious;
};
enum kf_rc	kf_complaint_count(struct kf_core *k,
		    const struct kf_complaint_filter *f, int64_t now,
		    int64_t soon_s, struct kf_complaint_counts *c,
		    struct kf_err *err);
/* Overdue complaints now, for the top bar's badge (0 for roles that may
 * not see them); an indexed count. */
int64_t		kf_complaint_overdue_count(struct kf_core *k);

/*
 * R48: likely duplicates of the complaint being registered (c's customer,
 * phone, place, community, building and what), open or closed within
 * complaint.duplicate_window days, best first, at most limit. Each gets
 * a score (higher is likelier) and why (a msgid: "same customer", "same
 * address", "same building", "similar text"). The ranks: the same
 * customer or phone, then the same place, then the same community and
 * building, then similar text (at least 30% of the 2-character pieces
 * of what shared, counted in characters: Dice; of each text's first 200
 * characters, sorted and merged: linear in the text); within a rank the more
 * alike the text the higher. A withdrawn one is not offered. Each path an
 * index read (the text's: the window's newest 200 complaints per piece).
 * A technician may not ask (KF_DENIED, R54). With c->customer_id, the
 * register fills the phone, place, community and building c leaves blank
 * (as kf_complaint_new will), so the household's and its building's
 * complaints are offered before the form is complete.
 */
struct kf_complaint_similar {
	struct kf_complaint	 c;
	int			 score;
	const char		*why;
};
enum kf_rc	kf_complaint_similar(struct kf_core *k,
		    const struct kf_complaint *c, int limit,
		    struct kf_complaint_similar **out, size_t *n,
		    struct kf_err *err);
void		kf_complaint_similar_free(struct kf_complaint_similar *v,
		    size_t n);

/* The category list (active ones, or all; anyone logged in reads it);
 * admin adds (key: 1-24 of a-z, 0-9, '-'; a label) and retires (kept,
 * the complaints under it still name it; no new one takes it). */
enum kf_rc	kf_complaint_categories(struct kf_core *k, bool all,
		    struct kf_complaint_category **out, size_t *n,
		    struct kf_err *err);
void		kf_complaint_categories_free(struct kf_complaint_category *v,
		    size_t n);
enum kf_rc	kf_complaint_category_add(struct kf_core *k, const char *key,
		    const char *label, struct kf_err *err);
enum kf_rc	kf_complaint_category_retire(struct kf_core *k, const char *key,
		    struct kf_err *err);

/*
 * Names: the one table for each state, channel, clock, score and
 * severity: key (the CLI, --json, the audit; never translated) and label
 * (a msgid). Never NULL: out of range gives "?". parse accepts the key,
 * the English label or its Chinese, whichever language is spoken (a name
 * typed at a Chinese desk still parses under cron's C locale); KF_INVALID
 * naming the field otherwise.
 */
struct kf_complaint_name {
	const char	*key;
	const char	*label;
};
const struct kf_complaint_name *kf_complaint_state_info(int s);
const struct kf_complaint_name *kf_complaint_channel_info(int ch);
const struct kf_complaint_name *kf_complaint_clock_info(int clk);
const struct kf_complaint_name *kf_complaint_score_info(int sc);
const struct kf_complaint_name *kf_complaint_severity_info(int sv);
enum kf_rc	kf_complaint_state_parse(const char *s, int *state,
		    struct kf_err *err);
enum kf_rc	kf_complaint_channel_parse(const char *s, int *ch,
		    struct kf_err *err);
enum kf_rc	kf_complaint_score_parse(const char *s, int *sc,
		    struct kf_err *err);
enum kf_rc	kf_complaint_severity_parse(const char *s, int *sv,
		    struct kf_err *err);

#endif
