/*
 * order.h — repair work orders (维修单) against the clock: R2, R3, R9,
 * R11, R16, R17, R19–R26, R54.
 *
 * An order is reported (by reception from a contact, or directly), then
 * follows one state table, every move checked here with the role that may
 * make it and what it needs:
 *
 *   reported ──ack (R21)──> acknowledged ──assign (R11)──> dispatched
 *      │  (emergency, R9: assign at once)                     │ arrive
 *      └──────────────────────────────────────────────> on site
 *                                                             │ done (R23)
 *   closed <──(paperwork complete)── signed <──signoff (R26)── done
 *      ^                                 │
 *      └──────── signoff, paperwork complete ─────────────────┘
 *   cancel (with a reason) from any state before the customer signs
 *
 *   ack        dispatcher or supervisor (the repair supervisor receives
 *              it; the time received, 接单时间, is recorded)
 *   assign     dispatcher only (R11), to an enabled technician; again
 *              to reassign before arrival; refused for a job outside the
 *              paid-service list until a supervisor approved it (R22)
 *   approve    supervisor (R22)
 *   arrive     the assigned technician (or a dispatcher he told by phone)
 *   item       the assigned technician, on site or done: an active code
 *              of the paid-service list and a quantity > 0; the price of
 *              the moment is copied (R25)
 *   material   the assigned technician: customer-supplied materials
 *              inspected, pass or fail, with a note (R24)
 *   done       the assigned technician: what was actually done (R23)
 *   signoff    the assigned technician, with the customer's name; the time
 *              is recorded (R26); the amount due is the items' total,
 *              for billing (R19: no cash at the door)
 *   cancel     dispatcher or supervisor, with a reason
 *
 * Deadlines (computed here at report time and stored, so "overdue" and
 * "due soon" are indexed queries) come from the category's policy:
 *   equipment        on site within repair.arrive_within (40 min, R2) of
 *                    the report, or by the appointed time when one was
 *                    agreed (R20);
 *   pipeline         cleared within pipeline.ordinary_within (4 h) or, when
 *                    major, pipeline.major_within (24 h) of the report (R3);
 *   indoor           on site within indoor.arrive_within (or appointed);
 *   paid             on site by the appointed time, else within
 *                    paid.arrive_within (R22).
 * A deadline is met when the moment it measures (arrival, or work done
 * for pipeline faults) comes at or before it: arriving at 40:00 is on
 * time, at 40:01 late. An order is overdue from the second after its
 * deadline while the moment has not come.
 *
 * Technicians see only their own orders (R54): kf_order_get and the lists
 * answer KF_DENIED / leave out everyone else's.
 */
#ifndef KEFU_ORDER_H
#define KEFU_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

enum kf_order_cat {
	KF_ORDER_CAT_EQUIPMENT,	/* 燃气设施/器具维修, R2 */
	KF_ORDER_CAT_PIPE,		/* 管网故障, ordinary, R3 */
	KF_ORDER_CAT_PIPE_MAJOR,	/* 管网重大故障, R3 */
	KF_ORDER_CAT_INDOOR,		/* 户内维修 */
	KF_ORDER_CAT_PAID,		/* 有偿服务, R16, R22 */
};
#define KF_ORDER_CAT_COUNT	5

enum kf_order_state {
	KF_ORDER_STATE_REPORTED, KF_ORDER_STATE_ACKED, KF_ORDER_STATE_DISPATCHED, KF_ORDER_STATE_ON_SITE,
	KF_ORDER_STATE_DONE, KF_ORDER_STATE_SIGNED, KF_ORDER_STATE_CLOSED, KF_ORDER_STATE_CANCELLED,
};
#define KF_ORDER_STATE_COUNT	8

enum kf_order_material { KF_ORDER_MAT_NONE, KF_ORDER_MAT_PASS, KF_ORDER_MAT_FAIL };

struct kf_order {
	int64_t			 id;
	int64_t			 reported_at;	/* the clock starts here */
	int64_t			 reported_by;
	int64_t			 contact_id;	/* the call it came from, or 0 */
	int64_t			 customer_id;	/* 0: not known yet (R9) */
	char			*address;	/* where to go (required) */
	char			*community, *building;	/* for duplicates */
	char			*contact_name, *contact_phone;
	char			*fault;		/* what is wrong (required) */
	char			*fee_code;	/* paid: the service asked for */
	enum kf_order_cat	 category;
	enum kf_order_state	 state;
	bool			 emergency;	/* R9: dispatched before paperwork */
	bool			 paperwork_pending;
	bool			 needs_approval;	/* R22: not on the list */
	int64_t			 approved_by, approved_at;
	int64_t			 appointment_at;	/* 0: none (R20) */
	int64_t			 deadline_at;	/* computed, stored */
	bool			 deadline_on_arrival;	/* else on work done */
	int64_t			 acked_at, acked_by;	/* 接单时间, R21 */
	int64_t			 technician_id;
	int64_t			 dispatched_at, dispatched_by;
	int64_t			 arrived_at;
	char			*work_done;		/* R23 */
	enum kf_order_material	 materials;		/* R24 */
	char			*materials_note;
	int64_t			 done_at;
	char			*signed_name;		/* R26 */
	int64_t			 signed_at;
	int64_t			 closed_at;
	char			*cancel_reason;
	int64_t			 amount_due;		/* fen, R19, R25 */
	int64_t			 version;
	/* When it was entered (set by the core): after reported_at when the
	 * repair was registered after it was asked for (R9); 0 for orders
	 * entered before kefu kept it. */
	int64_t			 entered_at;
	/* Who it is dispatched to, by name, read with the order (every
	 * function that returns orders fills them): the display name and
	 * the login; "" when not dispatched. */
	char			*technician_name;
	char			*technician_login;
};

/*
 * The charge audit (R17) of one item: what it is for. A technician
 * charges an item at the list's price of the moment, which the item
 * keeps (list_price: the list at the time of the work; a later change of
 * the list changes nothing already charged), or off the list with a note
 * saying why (a longer pipe, a price agreed on site): such an item is
 * FLAGGED until a supervisor reviews it. Reviewing takes a reason, always:
 * the price corrected (CORRECTED: to the list's or any other price) or
 * the off-list price kept (ACCEPTED). A reviewed item stays listed as
 * reviewed, with who, when and why (kf_order_charges_reviewed). An item
 * of a cancelled order is out of the audit (nothing on it is billed).
 * Only an order none of whose items is flagged is carried onto a fee
 * notice (R18); once carried, an item is not corrected any more (the
 * notice is issued: an adjustment with a reason corrects it, bill.h).
 */
enum kf_item_audit {
	KF_ITEM_AT_LIST,	/* charged at the list's price of the time */
	KF_ITEM_FLAGGED,	/* off the list, not reviewed yet */
	KF_ITEM_CORRECTED,	/* a supervisor set its price, with a reason */
	KF_ITEM_ACCEPTED,	/* a supervisor kept the off-list price */
};

/* One charged item (R25). */
struct kf_order_item {
	int64_t	 id;
	int64_t	 order_id;
	char	*code, *name, *unit;
	int64_t	 unit_price;	/* fen, as charged */
	int64_t	 list_price;	/* fen, the list's when it was charged */
	int64_t	 quantity;
	int64_t	 amount;	/* unit_price * quantity */
	bool	 corrected;	/* audit == KF_ITEM_CORRECTED */
	enum kf_item_audit audit;
	char	*off_list_note;	/* the technician's why, "" at list */
	char	*audit_reason;	/* the supervisor's why, "" unreviewed */
	char	*audited_by;	/* login, "" unreviewed */
	int64_t	 audited_at;	/* 0: unreviewed */
	int64_t	 notice_id;	/* the fee notice it was carried onto; 0 */
	int64_t	 version;
};

/* Frees the strings of o (not o itself) and zeroes it; o may be NULL. */
void		kf_order_clear(struct kf_order *o);

/*
 * The deadline's terms, as the header comment defines them: the moment
 * the deadline measures (arrival, or work done for pipeline faults; 0 not
 * yet); whether the clock still runs (open, moment not come); whether the
 * order is overdue at now (the clock runs and now is past the deadline).
 */
int64_t		kf_order_met_at(const struct kf_order *o);
bool		kf_order_clock_runs(const struct kf_order *o);
bool		kf_order_overdue(const struct kf_order *o, int64_t now);

/*
 * Reports an order (reception, dispatcher, supervisor, admin). Required:
 * address and fault (non-blank); the category. For a normal order also
 * the customer (customer_id) or a contact name and phone; an emergency
 * (R9) may go with only the address and a one-line fault and is marked
 * paperwork pending until the rest is filled in (kf_order_edit). An
 * appointment must not lie in the past. A paid order names its fee_code:
 * one not on the active list needs a supervisor's approval (R22).
 * o->reported_at 0 is now. Computes and stores the deadline. *id gets
 * the new id.
 */
enum kf_rc	kf_order_new(struct kf_core *k, struct kf_order *o, int64_t *id,
		    struct kf_err *err);

/*
 * Whether the session's actor sees only his own orders (R54): a
 * technician with no role that reads every order (dispatcher, supervisor,
 * admin, reception, billing). The lists and kf_order_get hold him to it;
 * the faces ask it to show him his view.
 */
bool		kf_order_own_only(const struct kf_core *k);

/* Loads an order (a technician only his own: KF_DENIED otherwise). */
enum kf_rc	kf_order_get(struct kf_core *k, int64_t id, struct kf_order *o,
		    struct kf_err *err);

/*
 * Fills in what an order reported in an emergency lacked (R9), or
 * corrects the contact details (dispatcher, supervisor, reception):
 * customer_id, contact_name, contact_phone, address, fault; NULL (0 for
 * the customer) keeps a field. Versioned. When the paperwork is complete
 * the flag clears, and an order already signed off closes.
 */
enum kf_rc	kf_order_edit(struct kf_core *k, int64_t id, int64_t seen_version,
		    int64_t customer_id, const char *contact_name,
		    const char *contact_phone, const char *address,
		    const char *fault, struct kf_err *err);

/* The moves of the state table (src/core/order.c moves[]). */
enum kf_order_move {
	KF_ORDER_MOVE_ACK, KF_ORDER_MOVE_APPROVE, KF_ORDER_MOVE_ASSIGN, KF_ORDER_MOVE_ARRIVE,
	KF_ORDER_MOVE_ITEM, KF_ORDER_MOVE_MATERIAL, KF_ORDER_MOVE_DONE, KF_ORDER_MOVE_SIGNOFF,
	KF_ORDER_MOVE_CANCEL, KF_ORDER_MOVE_EDIT, KF_ORDER_MOVE_LINK, KF_ORDER_MOVE_COUNT
};

/*
 * Whether the session's actor may make move mv on o as it stands: the
 * state table's two tests (who; from which state), without making the
 * move. KF_OK, or the refusal the move itself would give (KF_DENIED,
 * KF_REFUSED, naming the rule; KF_INVALID for a move out of range).
 * The faces ask before opening a move's form, so nobody types for a move
 * that cannot be made; the move checks again, on the order as it is
 * then.
 */
enum kf_rc	kf_order_may(struct kf_core *k, const struct kf_order *o,
		    enum kf_order_move mv, struct kf_err *err);

/*
 * The moves of the state table above. Each is one transaction; each
 * refuses an illegal move with KF_REFUSED naming the rule ("arrival
 * before dispatch"), a wrong role or another technician's order with
 * KF_DENIED, a stale seen_version (-1: the current one) of a field
 * changed meanwhile with KF_CONFLICT naming who and when.
 */
enum kf_rc	kf_order_ack(struct kf_core *k, int64_t id, int64_t seen_version,
		    struct kf_err *err);
enum kf_rc	kf_order_approve(struct kf_core *k, int64_t id,
		    int64_t seen_version, struct kf_err *err);
enum kf_rc	kf_order_assign(struct kf_core *k, int64_t id,
		    int64_t seen_version, int64_t technician_id,
		    struct kf_err *err);
/*
 * arrive and done record the time at (0: now). An earlier time is for
 * R9's "done first, registered after" only: it may not precede the step
 * before (the report, the arrival) nor lie ahead (KF_INVALID), and it may
 * not be later than the order's entered_at: what happens after an order
 * is entered is recorded as it happens, so a live order's clock cannot be
 * rewound (KF_REFUSED, R2). On an order registered after, a dispatcher may
 * record the work done too (the desk files the paperwork). The audit row
 * keeps the time of the entry.
 */
/* R9: o was entered more than a minute after it was reported (a report
 * time typed to the minute is not "after"): its steps may take earlier
 * times, and the desk may file its work done. */
bool		kf_order_registered_after(const struct kf_order *o);

enum kf_rc	kf_order_arrive(struct kf_core *k, int64_t id,
		    int64_t seen_version, int64_t at, struct kf_err *err);
enum kf_rc	kf_order_material(struct kf_core *k, int64_t id,
		    int64_t seen_version, enum kf_order_material m, const char *note,
		    struct kf_err *err);
enum kf_rc	kf_order_done(struct kf_core *k, int64_t id, int64_t seen_version,
		    const char *work_done, int64_t at, struct kf_err *err);
enum kf_rc	kf_order_signoff(struct kf_core *k, int64_t id,
		    int64_t seen_version, const char *customer_name,
		    struct kf_err *err);
enum kf_rc	kf_order_cancel(struct kf_core *k, int64_t id,
		    int64_t seen_version, const char *reason, struct kf_err *err);

/*
 * Adds quantity of the paid-service item code to the order (R25): the
 * list's price now is copied, as the price charged and as the list's.
 * *item_id may be NULL.
 */
enum kf_rc	kf_order_item_add(struct kf_core *k, int64_t id, const char *code,
		    int64_t quantity, int64_t *item_id, struct kf_err *err);

/*
 * The same at another unit price than the list's (0 to 1,000,000.00
 * yuan), with a note saying why (required, at most 200 characters): the
 * item is flagged for the charge audit (R17) and the order is not billed
 * until a supervisor reviewed it. At the list's price it is an ordinary
 * item (the note is kept).
 */
enum kf_rc	kf_order_item_add_priced(struct kf_core *k, int64_t id,
		    const char *code, int64_t quantity, int64_t unit_price,
		    const char *note, int64_t *item_id, struct kf_err *err);

/* The order's items, in the order added; free kf_order_items_free. */
enum kf_rc	kf_order_items(struct kf_core *k, int64_t id,
		    struct kf_order_item **out, size_t *n, struct kf_err *err);
void		kf_order_items_free(struct kf_order_item *v, size_t n);

/*
 * R17: the charge audit (supervisors), as enum kf_item_audit says.
 * kf_order_charges_flagged lists the items flagged and not reviewed, of
 * orders not cancelled (newest first, at most limit 1..1000);
 * kf_order_charges_reviewed the items a supervisor reviewed, newest
 * review first, with who and why. kf_order_item_correct reviews an item:
 * its unit price (the amount and the order's amount due follow; the same
 * price keeps an off-list price: ACCEPTED, else CORRECTED) and the
 * reason (required, at most 200 characters), audited. KF_REFUSED on a
 * cancelled order, or for an item already carried onto a fee notice
 * (R18: correct it with an adjustment).
 */
enum kf_rc	kf_order_charges_flagged(struct kf_core *k, int limit,
		    struct kf_order_item **out, size_t *n, struct kf_err *err);
enum kf_rc	kf_order_charges_reviewed(struct kf_core *k, int limit,
		    struct kf_order_item **out, size_t *n, struct kf_err *err);
enum kf_rc	kf_order_item_correct(struct kf_core *k, int64_t item_id,
		    int64_t seen_version, int64_t unit_price, const char *reason,
		    struct kf_err *err);
/* The stable name of an audit state ("flagged"); never translated. */
const char     *kf_item_audit_name(enum kf_item_audit a);

/* Which orders a list shows. */
struct kf_order_filter {
	bool		 open_only;	/* not closed or cancelled */
	bool		 overdue_only;	/* deadline passed, not met */
	int		 state;		/* -1: any */
	int		 category;	/* -1: any */
	int64_t		 technician_id;	/* 0: anyone */
};

/*
 * One page of the orders f selects (the dispatch board), in deadline
 * order, soonest first: by (deadline_at, id), so orders due at the same
 * second follow their ids. dir and anchor place the page (enum kf_page
 * in core.h): only anchor->deadline_at and anchor->id are read. At most
 * limit rows (1..1000; out of range: 1000). A technician gets only his
 * own (R54); any other technician_id in f gives him none. Each row
 * carries its technician's name. Reads one index whatever the table's
 * size (schema/010). KF_DENIED for roles that may not see orders. *out
 * is allocated, *n its length (on failure NULL and 0); free with
 * kf_order_list_free (NULL is fine).
 */
enum kf_rc	kf_order_list(struct kf_core *k, const struct kf_order_filter *f,
		    enum kf_page dir, const struct kf_order *anchor, int limit,
		    struct kf_order **out, size_t *n, struct kf_err *err);
void		kf_order_list_free(struct kf_order *v, size_t n);

/*
 * Open orders at the same address, or else in the same building, or else
 * in the same community (a duplicate report?), most specific first, at
 * most limit; *level says which: 3 address, 2 building, 1 community, 0
 * none.
 */
enum kf_rc	kf_order_nearby(struct kf_core *k, const char *address,
		    const char *community, const char *building, int limit,
		    struct kf_order **out, size_t *n, int *level,
		    struct kf_err *err);

/*
 * The work orders contact_id led to or was linked to, oldest first: at
 * most max ids into ids, their number into *n. Needs the contact log's
 * readers (KF_DENIED otherwise).
 */
enum kf_rc	kf_order_ids_of_contact(struct kf_core *k, int64_t contact_id,
		    int64_t *ids, size_t max, size_t *n, struct kf_err *err);

/*
 * A customer's work orders in every state, closed and cancelled too,
 * newest report first, at most limit (1..1000; out of range: 1000): the
 * household's history, read by an index (schema/013). A technician gets
 * only his own (R54); KF_DENIED for roles that may not see orders. *out
 * is allocated, *n its length; free with kf_order_list_free.
 */
enum kf_rc	kf_order_of_customer(struct kf_core *k, int64_t customer_id,
		    int limit, struct kf_order **out, size_t *n,
		    struct kf_err *err);

/*
 * Links another caller's contact to an order. When the order closes, every
 * linked caller (the one it was reported from too) gets a callback
 * promised within a day, unless one was promised already (R52): they are
 * told.
 */
enum kf_rc	kf_order_link_contact(struct kf_core *k, int64_t id,
		    int64_t contact_id, struct kf_err *err);

/*
 * The open orders f selects (its open_only is implied, its overdue_only
 * limits all three counts), how many of them are overdue at now and how
 * many fall due within soon_s seconds after now: the board's header,
 * counted whole in the database, not from the rows on screen. A
 * technician counts only his own (R54).
 */
struct kf_order_counts {
	int64_t	open, overdue, due_soon;
};
enum kf_rc	kf_order_count(struct kf_core *k, const struct kf_order_filter *f,
		    int64_t now, int64_t soon_s, struct kf_order_counts *c,
		    struct kf_err *err);

/*
 * How many orders are overdue now (a technician: of his own), for the top
 * bar; an indexed count. 0 for roles that may not see orders.
 */
int64_t		kf_order_overdue_count(struct kf_core *k);

/*
 * For a technician: the ids of his open orders, ascending (at most max
 * into ids; *n how many; 0 when not a technician). A session that sees an
 * id it did not have rings: a new assignment, or one reassigned to him.
 */
void		kf_order_my_open(struct kf_core *k, int64_t *ids, size_t max,
		    size_t *n);

/* Each technician's count of open orders (the assignment picker). */
struct kf_tech_load {
	int64_t	 id;
	char	*login, *display_name;
	int	 open;
};
enum kf_rc	kf_order_tech_load(struct kf_core *k, struct kf_tech_load **out,
		    size_t *n, struct kf_err *err);
void		kf_order_tech_load_free(struct kf_tech_load *v, size_t n);

/* Names for the CLI and the UI; parse accepts the English or Chinese. */
/*
 * The one table of names for each category and each state: the faces
 * show label (a full cell, a form's choice) or label_short (a narrow
 * column), both gettext msgids they translate (_(n->label)); the CLI,
 * --json and the audit use key, which never changes or gets translated.
 * kf_order_*_info never return NULL: out of range gives a row of "?".
 * Lent for ever.
 */
struct kf_order_name {
	const char	*key;		/* "dispatched", "pipe-major" */
	const char	*label;		/* msgid: N_("Pipeline, major") */
	const char	*label_short;	/* msgid: N_("Pipe, major") */
	const char	*term;		/* category: the manuals' Chinese term,
					 * accepted as input ("管网重大故障");
					 * NULL for a state */
};
const struct kf_order_name *kf_order_cat_info(enum kf_order_cat c);
const struct kf_order_name *kf_order_state_info(enum kf_order_state s);

const char     *kf_order_cat_name(enum kf_order_cat c);	/* its key */
const char     *kf_order_cat_label(enum kf_order_cat c);	/* its term */
enum kf_rc	kf_order_cat_parse(const char *s, enum kf_order_cat *c,
		    struct kf_err *err);
const char     *kf_order_state_name(enum kf_order_state s);	/* its key */
enum kf_rc	kf_order_state_parse(const char *s, enum kf_order_state *st,
		    struct kf_err *err);

#endif
