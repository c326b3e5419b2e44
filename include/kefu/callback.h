/*
 * callback.h — callbacks (回访): R40–R47, R52. Every complaint, every
 * promise, every caller of a closed work order, every suggestion handled
 * and a reproducible 5% of finished repairs is called back, and the
 * completion rate is 100% (R47).
 *
 * A callback is a task the core creates (never by hand alone: the one
 * exception is a supervisor's opinion survey, R41, whose tasks the core
 * makes from her list). Each has a reason, the record it came from, who
 * to call, a deadline (due_at) and an owner or the pool (owner 0: any
 * clerk who may call back takes it).
 *
 * One state table (src/core/callback.c, kf_callback_fsm, run by the
 * shared engine fsm.c), states in lifecycle order:
 *
 *   open ──record (R40, R43)──> done ──review (R44)──> reviewed (sealed)
 *     │  ──letter (R46)───────> done
 *     │  attempt: no answer / call later — stays open, tried again at
 *     │           next_try_at; never counted as done (R47)
 *     │  assign:  to a clerk, or back to the pool
 *     └─cancel (supervisor, with a reason)──> cancelled (sealed)
 *
 *   record    reception or supervisor (the task's owner, or anyone when
 *             it is in the pool): method phone or home visit (R40); a
 *             home visit needs the customer's signature, a name and the
 *             time signed (R43), a phone callback is marked as such;
 *             a satisfaction score, with a reason below "satisfied"; what
 *             the customer said. A new problem that cannot be answered
 *             at once (R45) is recorded with a promised reply time: the
 *             core makes a follow-up task (reason follow-up, parent the
 *             task, due the promised time), and so on until settled. A
 *             serious one may be raised, in the same transaction, as a
 *             complaint or a work order (raise). A complaint's task
 *             records the complaint's callback as well (its R30 move, in
 *             the same transaction), which opens its R39 gate.
 *   attempt   the same people: no answer, or the customer asks to be
 *             called later (a time after now); the attempt is kept
 *             (callback_attempt rows), the task stays open.
 *   review    supervisor only (R44): signs a done record; refused on
 *             one not done; a technician is refused (KF_DENIED).
 *   letter    a supervisor's open letter (R46) completes the open tasks
 *             it answers (kf_callback_letter): method letter. Never a
 *             complaint's task (KF_REFUSED, R30, R39): its callback
 *             holds a method and a score a letter cannot give.
 *   cancel    supervisor, with a reason: the record it came from no
 *             longer calls for it; it stays due and missing in the rate
 *             (R47). Refused on a sample task (R42: the draw is called
 *             back whole, never pruned) and on a complaint's task: the
 *             core cancels that one when the complaint is withdrawn or
 *             reopened (R30), and it leaves the rate.
 * Two clerks recording the same task at once: one wins, the other gets
 * KF_CONFLICT naming who and when (stale_field "state").
 *
 * Where tasks come from (each source creates exactly one task, in the
 * transaction that creates the source; internal.h's kf_callback_task_tx):
 *   complaint  R30, R41: a complaint's result (or explanation, or a
 *              duplicate told its root's result) is recorded; the task's
 *              due_at is the complaint's callback_due_at, whose meaning
 *              is unchanged (complaint.callback_within of the result).
 *   promise    R52: a callback promised at reception (kf_contact_log with
 *              callback_due_at, kf_contact_promise_callback): due the
 *              promised time; owner the clerk who promised. A second
 *              promise is a second task; no deadline is overwritten.
 *   order      a caller linked to a work order (the reporter too) when it
 *              closes or is cancelled: due within callback.order_within
 *              (1 day); every caller, whether promised before or not.
 *   suggestion R41: a suggestion handled from its queue (kf_contact_handle):
 *              due within callback.suggestion_within days.
 *   sample     R42: the month's repair-quality sample (kf_callback_sample).
 *   survey     R41: a supervisor's opinion survey (kf_callback_survey).
 *   follow-up  R45: a new problem promised a reply.
 *
 * The completion rate (R47) of a period [from, to): of the tasks due in it
 * (due_at in the period), those completed (done or reviewed) at or before
 * their deadline's second, over all of them; an attempt never completes
 * one; a task done late counts as not on time. A task a person cancelled
 * stays due and counts as missing (cancelling never raises the rate);
 * only a complaint's task the core cancelled, the complaint withdrawn or
 * reopened, is out (its next result makes a new one). No task due: no
 * rate (shown "—", not 0% or 100%).
 *
 * A technician and a billing clerk see no callbacks (R54).
 */
#ifndef KEFU_CALLBACK_H
#define KEFU_CALLBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/complaint.h"	/* enum kf_complaint_score, shared */
#include "kefu/core.h"
#include "kefu/err.h"

enum kf_callback_state {
	KF_CB_OPEN, KF_CB_DONE, KF_CB_REVIEWED, KF_CB_CANCELLED,
};
#define KF_CB_STATE_COUNT	4

enum kf_callback_reason {
	KF_CB_COMPLAINT, KF_CB_PROMISE, KF_CB_ORDER, KF_CB_SUGGESTION,
	KF_CB_SAMPLE, KF_CB_SURVEY, KF_CB_FOLLOWUP,
};
#define KF_CB_REASON_COUNT	7

enum kf_callback_method {
	KF_CB_METHOD_NONE = -1,		/* not chosen: refused (R40) */
	KF_CB_PHONE, KF_CB_VISIT, KF_CB_LETTER,	/* letter: R46 only */
};

enum kf_callback_outcome {		/* an attempt that did not reach */
	KF_CB_NO_ANSWER, KF_CB_CALL_LATER,
};

/* A serious new problem raised in one step (R45). */
enum kf_callback_raise {
	KF_CB_RAISE_NONE, KF_CB_RAISE_COMPLAINT, KF_CB_RAISE_ORDER,
};

struct kf_callback {
	int64_t		 id;
	enum kf_callback_reason reason;
	enum kf_callback_state state;
	/* The record it came from (0: not that kind): one of them is set,
	 * parent for a follow-up (with its parent's source ids copied). */
	int64_t		 complaint_id, contact_id, order_id, survey_id;
	int64_t		 parent_id;
	char		*sample_month;	/* "2026-11" for a sample task, "" */
	/* Who to call: the customer on file (0: none) and the name and
	 * phone as the source gave them. */
	int64_t		 customer_id;
	char		*name, *phone;
	char		*subject;	/* one line: what it is about, the
					 * script's topic (set by the core) */
	int64_t		 due_at;	/* the deadline: never moved */
	int64_t		 next_try_at;	/* after "call later": when; else 0 */
	int64_t		 owner_id;	/* 0: the pool */
	int64_t		 created_at, created_by;	/* 0 by: the system */
	int		 attempts;	/* attempts that did not reach */
	/* record (R40, R43, R45) */
	enum kf_callback_method method;	/* NONE until done */
	enum kf_complaint_score score;	/* KF_CPL_SCORE_NONE until done */
	char		*said;		/* what the customer said */
	char		*reason_text;	/* why, below satisfied */
	char		*signed_name;	/* R43: a home visit's signature */
	int64_t		 signed_at;
	char		*problem;	/* R45: a new problem raised, or "" */
	int64_t		 reply_due_at;	/* R45: the reply promised, or 0 */
	int64_t		 raised_complaint_id, raised_order_id;	/* R45 */
	int64_t		 letter_id;	/* R46: done by an open letter */
	int64_t		 done_at, done_by;
	/* review (R44) */
	int64_t		 reviewed_at, reviewed_by;
	char		*review_note;
	/* cancel */
	char		*cancel_reason;
	int64_t		 cancelled_at, cancelled_by;
	int64_t		 version;
	/* Read with it: names to show ("" when none). */
	char		*owner_name, *done_by_name, *reviewed_by_name;
};

void		kf_callback_clear(struct kf_callback *c);

/* Loads task id (KF_DENIED for roles that may not see callbacks). */
enum kf_rc	kf_callback_get(struct kf_core *k, int64_t id,
		    struct kf_callback *c, struct kf_err *err);

/* The moves of the state table. */
enum kf_callback_move {
	KF_CB_MOVE_RECORD, KF_CB_MOVE_ATTEMPT, KF_CB_MOVE_REVIEW,
	KF_CB_MOVE_ASSIGN, KF_CB_MOVE_CANCEL, KF_CB_MOVE_LETTER,
	KF_CB_MOVE_COUNT
};

/* Whether the session's actor may make mv on c as it stands (the state
 * table's tests, nothing written): KF_OK or the refusal. */
enum kf_rc	kf_callback_may(struct kf_core *k, const struct kf_callback *c,
		    enum kf_callback_move mv, struct kf_err *err);

/* What a callback recorded says (R40, R43, R45). */
struct kf_callback_record {
	enum kf_callback_method	 method;	/* phone or visit */
	enum kf_complaint_score	 score;		/* required */
	const char		*said;		/* required, <= 500 chars */
	const char		*reason;	/* required below satisfied */
	const char		*signed_name;	/* R43: required for a visit */
	int64_t			 signed_at;	/* 0: now; not ahead of now */
	const char		*problem;	/* R45: NULL or "": none */
	int64_t			 reply_due_at;	/* R45: with a problem not
						 * raised, after now */
	enum kf_callback_raise	 raise;		/* R45: none, or one step */
	int			 raise_serious;	/* a complaint raised: 1
						 * serious (R29) */
};

/*
 * The moves: each one transaction and one audit row ("callback.<move>");
 * a wrong role KF_DENIED; a move the state forbids KF_REFUSED naming the
 * rule; a stale seen (-1: current) KF_CONFLICT naming who and when; a
 * missing or bad field KF_INVALID naming it (err->field: "method",
 * "score", "said", "reason", "signed_name", "reply_due_at", …).
 * record: *new_id (may be NULL) the follow-up task, complaint or work
 * order it made (0: none).
 */
enum kf_rc	kf_callback_record(struct kf_core *k, int64_t id, int64_t seen,
		    const struct kf_callback_record *r, int64_t *new_id,
		    struct kf_err *err);
/* later_at: KF_CB_CALL_LATER's time, after now and within 30 days;
 * ignored for no answer (tried again callback.retry_after later). A note
 * may be NULL. A later_at past the task's deadline is kept (the customer
 * asked) but said: KF_OK with err->msg "the promised time was 2026-12-08
 * 15:00; this callback will be late (R47)" (err->rc KF_OK, field
 * "later_at"), which a face shows; on any other KF_OK err->msg is "". */
enum kf_rc	kf_callback_attempt(struct kf_core *k, int64_t id, int64_t seen,
		    enum kf_callback_outcome outcome, int64_t later_at,
		    const char *note, struct kf_err *err);
enum kf_rc	kf_callback_review(struct kf_core *k, int64_t id, int64_t seen,
		    const char *note, struct kf_err *err);
/* owner_id 0: back to the pool; else an enabled clerk who may call back
 * (a clerk takes one for himself; a supervisor assigns). */
enum kf_rc	kf_callback_assign(struct kf_core *k, int64_t id, int64_t seen,
		    int64_t owner_id, struct kf_err *err);
enum kf_rc	kf_callback_cancel(struct kf_core *k, int64_t id, int64_t seen,
		    const char *reason, struct kf_err *err);

/* One attempt that did not reach the customer. */
struct kf_callback_attempt {
	int64_t		 id, callback_id, at, by;
	enum kf_callback_outcome outcome;
	int64_t		 later_at;
	char		*note, *by_name;
};
enum kf_rc	kf_callback_attempts(struct kf_core *k, int64_t id,
		    struct kf_callback_attempt **out, size_t *n,
		    struct kf_err *err);
void		kf_callback_attempts_free(struct kf_callback_attempt *v,
		    size_t n);

/* Which tasks a list shows. */
struct kf_callback_filter {
	int		 state;		/* -1: any; KF_CB_OPEN the default */
	int		 reason;	/* -1: any */
	int64_t		 owner_id;	/* 0: anyone; -1: the pool only */
	bool		 mine;		/* the actor's and the pool's */
	bool		 overdue_only;
	bool		 to_review;	/* done, waiting for R44 (whatever
					 * state says) */
	bool		 due_now;	/* open and callable now: next_try_at
					 * passed or none */
	const char	*sample_month;	/* NULL: any; the month's sample */
	/*
	 * Search (NULL or "": none): a substring of the name, the phone or
	 * the subject (ASCII letters in any case), up to 100 characters.
	 * Only where the list reads a set kept small: the open tasks (the
	 * partial index callback_open: R47 has every one called by its
	 * deadline, 5,000 open of 1,000,000 in bench_callback: 5 ms a
	 * search finding none) or a month's sample (R42): each row of
	 * that index is tested, so a search costs what the open list
	 * costs, whatever the table's size. Not those waiting for review:
	 * an unsigned backlog has no bound (100,000 in the bench: 266 ms). Not
	 * the customer search's pieces: a task's name and phone are the
	 * source's words (a caller not on file has no register row), and a
	 * second index over a million done tasks would be kept for the rare
	 * search of old ones (kefu audit and the sources' own searches find
	 * those). Any other state with a search: KF_INVALID (field "text").
	 * kf_callback_count ignores it (the header counts the filter).
	 */
	const char	*text;
};

/*
 * One page of the tasks f selects, nearest deadline first (due_at, id;
 * late first), dir and anchor as kf_order_list (the anchor's due_at and
 * id are read), at most limit (1..1000). An indexed read whatever the
 * table's size (a partial index of the open ones). Free with
 * kf_callback_list_free.
 */
enum kf_rc	kf_callback_list(struct kf_core *k,
		    const struct kf_callback_filter *f, enum kf_page dir,
		    const struct kf_callback *anchor, int limit,
		    struct kf_callback **out, size_t *n, struct kf_err *err);
void		kf_callback_list_free(struct kf_callback *v, size_t n);

/* The open tasks f selects: how many, how many late at now, due within
 * soon_s, waiting for review. F6's header. */
struct kf_callback_counts {
	int64_t	open, overdue, due_soon, to_review;
};
enum kf_rc	kf_callback_count(struct kf_core *k,
		    const struct kf_callback_filter *f, int64_t now,
		    int64_t soon_s, struct kf_callback_counts *c,
		    struct kf_err *err);
/* Overdue callbacks now, for the top bar's badge (0 for roles that may
 * not see them). */
int64_t		kf_callback_overdue_count(struct kf_core *k);

/*
 * R47: the completion rate of [from, to): due (tasks due in it, but one
 * the core cancelled because its source withdrew it: a complaint's task,
 * the complaint withdrawn or reopened), on_time (completed at or before
 * due_at), late (completed after), missing (not completed: open, or
 * cancelled by a person, whenever). cancelled: those cancelled by a
 * person, counted in due and missing, so cancelling never raises the
 * rate. rate_permille -1 when due is 0 (shown "—"); rounded down, so 100%
 * means every one on time.
 */
struct kf_callback_rate {
	int64_t	due, on_time, late, missing;
	int64_t	cancelled;	/* by a person: due, and among missing */
	int	rate_permille;		/* -1: nothing due */
};
enum kf_rc	kf_callback_rate(struct kf_core *k, int64_t from, int64_t to,
		    struct kf_callback_rate *r, struct kf_err *err);
/* The tasks of [from, to) not completed on time, by deadline, at most
 * limit. */
enum kf_rc	kf_callback_missing(struct kf_core *k, int64_t from,
		    int64_t to, int limit, struct kf_callback **out, size_t *n,
		    struct kf_err *err);

/*
 * R42: the repair-quality sample of month ("YYYY-MM", a month that is
 * over: the current or a future one KF_REFUSED). The population: work
 * orders closed in the month (closed_at within it, local time), not
 * cancelled. Its size: ceil(rate × N) with rate callback.sample_rate
 * (permille), at least 1 when N > 0; N = 0 is KF_REFUSED ("no completed
 * work orders in 2026-11"), nothing recorded. Drawn once per month: a
 * random seed (from the system's generator, never chosen by the person
 * running it) and the rate are stored with it and in the audit trail,
 * frozen; a re-run returns the stored sample (*drawn false) unchanged,
 * even after the policy changed (the rate is the month's). Stratified by
 * technician: each technician with closed orders is sampled at least
 * once when the size allows; uniform within each stratum
 * (kf_sample_draw, sample.h). One task per order drawn (reason sample,
 * due callback.sample_within days after the draw). Reception, supervisor
 * or admin; the first start in a new month draws the last month's
 * (kf_callback_sample_due) whoever starts.
 */
struct kf_callback_sample {
	char		 month[8];
	uint64_t	 seed;
	int		 rate_permille;
	int64_t		 population, size;
	uint64_t	 population_hash;	/* of the ids, to verify */
	int64_t		 drawn_at, drawn_by;
	char		 drawn_by_name[128];	/* who drew it, to show */
	int64_t		*order_ids;	/* size of them, drawn order */
};
void		kf_callback_sample_clear(struct kf_callback_sample *s);
enum kf_rc	kf_callback_sample(struct kf_core *k, const char *month,
		    struct kf_callback_sample *s, bool *drawn,
		    struct kf_err *err);
/* Recomputes the month's draw from its stored seed and today's
 * population: KF_OK when the same orders come out, KF_REFUSED naming
 * what differs (an order reopened since). Nothing written. */
enum kf_rc	kf_callback_sample_verify(struct kf_core *k, const char *month,
		    struct kf_err *err);
/*
 * The month's sample as stored, never drawing one: KF_NOTFOUND when
 * month has none (nothing written, no lock taken: a plain read). Whoever
 * sees callbacks (KF_ACT_CALLBACK_VIEW); s may be NULL (only whether).
 */
enum kf_rc	kf_callback_sample_get(struct kf_core *k, const char *month,
		    struct kf_callback_sample *s, struct kf_err *err);
/*
 * At start-up: the last month's sample when not drawn yet and there is
 * anything to draw; KF_OK with nothing done otherwise. *drawn (may be
 * NULL) true only when this call drew it; s (may be NULL) is the sample
 * it drew, else cleared with only s->month set (the month it looked at:
 * the last one), so the caller can say "the sample of 2026-11 is drawn:
 * 3 of 40" without a second read.
 */
enum kf_rc	kf_callback_sample_due(struct kf_core *k,
		    struct kf_callback_sample *s, bool *drawn,
		    struct kf_err *err);

/*
 * R41: an opinion survey a supervisor makes: a title, the script line,
 * a deadline after now, and the customers (ids on file, at least one,
 * each once): one task each, owner the pool. *id the survey's.
 */
enum kf_rc	kf_callback_survey(struct kf_core *k, const char *title,
		    const char *script, int64_t due_at,
		    const int64_t *customer_ids, size_t n, int64_t *id,
		    struct kf_err *err);

/* A survey as made (R41): its title (each task's subject) and the script
 * line the clerk reads on the call. */
struct kf_callback_survey {
	int64_t	 id;
	char	*title, *script;
	int64_t	 due_at, customers;	/* customers: how many tasks */
	int64_t	 created_at, created_by;
};
/* Survey id (a task's survey_id): KF_NOTFOUND when none; whoever sees
 * callbacks (KF_ACT_CALLBACK_VIEW). Free with kf_callback_survey_clear. */
enum kf_rc	kf_callback_survey_get(struct kf_core *k, int64_t id,
		    struct kf_callback_survey *v, struct kf_err *err);
void		kf_callback_survey_clear(struct kf_callback_survey *v);

/*
 * R46: an open letter (公开信): subject, text and date, answering open
 * tasks (at least one, each open, none a complaint's: KF_REFUSED naming
 * it, field "tasks"): archived (never deleted) and the
 * tasks done by it (method letter) in one transaction. Supervisor.
 */
struct kf_callback_letter {
	int64_t	 id;
	char	*subject, *text;
	int64_t	 dated, created_at, created_by;
	int64_t	*task_ids;
	size_t	 ntasks;
};
enum kf_rc	kf_callback_letter(struct kf_core *k, const char *subject,
		    const char *text, int64_t dated, const int64_t *task_ids,
		    size_t n, int64_t *id, struct kf_err *err);
enum kf_rc	kf_callback_letter_get(struct kf_core *k, int64_t id,
		    struct kf_callback_letter *l, struct kf_err *err);
void		kf_callback_letter_clear(struct kf_callback_letter *l);

/*
 * Names: one table for each state, reason, method and outcome: key (the
 * CLI, --json, the audit) and label (a msgid). Never NULL ("?" out of
 * range). parse accepts the key, the English label or its Chinese,
 * whichever language is spoken; KF_INVALID naming the field otherwise.
 * Scores are the complaint's (kf_complaint_score_info/parse).
 */
struct kf_callback_name {
	const char	*key;
	const char	*label;
};
const struct kf_callback_name *kf_callback_state_info(int s);
const struct kf_callback_name *kf_callback_reason_info(int r);
const struct kf_callback_name *kf_callback_method_info(int m);
const struct kf_callback_name *kf_callback_outcome_info(int o);
enum kf_rc	kf_callback_state_parse(const char *s, int *v,
		    struct kf_err *err);
enum kf_rc	kf_callback_reason_parse(const char *s, int *v,
		    struct kf_err *err);
enum kf_rc	kf_callback_method_parse(const char *s, int *v,
		    struct kf_err *err);
enum kf_rc	kf_callback_outcome_parse(const char *s, int *v,
		    struct kf_err *err);

/* "2026-11" → [first second of the month, first of the next) in local
 * time (kf_period_parse's rules, rate.h); KF_INVALID naming field
 * otherwise. */
enum kf_rc	kf_month_parse(const char *s, int64_t *from, int64_t *to,
		    const char *field, struct kf_err *err);

#endif
