/*
 * bill.h — the billing desk: fee notices (收费通知单), payments against
 * numbered receipts, arrears and chasing (催缴). R15, R16–R18 (paid
 * repairs carried onto notices), R19.
 *
 * What is charged for a period (the management fee, meters, shared
 * utilities) is computed by rate.h (kf_charges_for); this module puts it
 * on paper, takes the money and chases what is owed. Money is integer
 * fen everywhere; every amount on a notice is a line naming its source.
 *
 * The account of a customer:
 *
 *   notice (per customer per period) ── lines: charges (rate.h),
 *     │      repairs (R18), adjustments (with a reason), late fees
 *     │ amount = Σ lines           total_due = prev_balance + amount
 *     │ paid   = Σ allocations to it
 *     ▲ oldest first
 *   allocation (receipt → notice, amount; a void adds the negative row)
 *     │
 *   receipt (numbered 1, 2, 3 … without gaps; voided, never deleted)
 *
 *   balance = Σ notice amounts − Σ receipts not voided
 *           = Σ (amount − paid) over notices − credit
 *   credit  = money received and not yet allocated (an over-payment, or
 *             a notice whose lines sum below zero); the next notice uses
 *             it when it is issued.
 * Invariant (kept by every call that moves money, "settling"): a
 * customer never has both credit and an unpaid notice; allocations go to
 * the oldest unpaid notice (issue time, then id) from the oldest money
 * (receipt, then credit note).
 *
 * Who: billing runs notices, adjusts and takes payments (R19: only the
 * desk; a technician never records a payment); a supervisor voids a
 * receipt, with a reason; billing, supervisors and admins read notices,
 * receipts and arrears; billing and supervisors record chasing.
 *
 * Every record here is audited (created, and each change) and proven by
 * kefu check against its trail. Functions follow err.h: a failed call
 * changes nothing.
 */
#ifndef KEFU_BILL_H
#define KEFU_BILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/util.h"

/* What a notice line is. The first five mirror rate.h's charge kinds. */
enum kf_line_kind {
	KF_LINE_MGMT,		/* 管理服务费, R12 */
	KF_LINE_WATER,		/* 水费, R13 */
	KF_LINE_POWER,		/* 电费, R13 */
	KF_LINE_SHARED_WATER,	/* 公摊水费, R14 */
	KF_LINE_SHARED_POWER,	/* 公摊电费, R14 */
	KF_LINE_REPAIR,		/* 有偿维修, a work order's items, R18 */
	KF_LINE_ADJUST,		/* 调整, with a reason */
	KF_LINE_LATE_FEE,	/* 滞纳金, by the overdue policy, R15 */
};
#define KF_LINE_KIND_COUNT	8

/* "mgmt", "repair" …: the CLI, --json, the CSV; never translated. */
const char     *kf_line_kind_name(enum kf_line_kind k);
/* The Chinese term printed on the notice ("管理服务费"). */
const char     *kf_line_kind_term(enum kf_line_kind k);

struct kf_notice_line {
	int64_t			 id;
	enum kf_line_kind	 kind;
	int64_t			 amount;	/* fen, signed */
	char			*source;	/* "work order 42: 更换灶具胶管 1 次 x 25.00" */
	int64_t			 ref_id;	/* order, adjustment, notice, rate … */
};

struct kf_notice {
	int64_t			 id;
	char			 no[24];	/* "2026-11-000123": period and sequence */
	char			 period[8];	/* "2026-11" */
	int64_t			 seq;		/* 1, 2, … within the period, no gaps */
	int64_t			 customer_id;
	char			*account, *name, *address;	/* the customer's */
	int64_t			 run_id;
	int64_t			 issued_at, due_at;	/* due: the end of the due day */
	int64_t			 prev_balance;	/* fen; < 0: credit */
	int64_t			 amount;	/* Σ lines */
	int64_t			 total_due;	/* prev_balance + amount */
	int64_t			 paid;		/* allocated to this notice */
	int64_t			 version;
	struct kf_notice_line	*lines;		/* kf_notice_get only */
	size_t			 nlines;
};

/* Frees what n holds (not n) and zeroes it; NULL is fine. */
void		kf_notice_clear(struct kf_notice *n);
void		kf_notice_list_free(struct kf_notice *v, size_t n);

/* What one notice run did. */
struct kf_notice_run {
	int64_t		 run_id;
	bool		 already;	/* issued before: nothing was done */
	int64_t		 issued_at;	/* of the run (the earlier one if already) */
	char		 by[64];	/* who ran it */
	int64_t		 notices;	/* how many it issued */
	int64_t		 first_seq, last_seq;	/* their numbers; 0 when none */
	int64_t		 total;		/* Σ amounts, fen */
	/* Customers left out: billed for the period already (in another
	 * community's run, before they moved; R15). The first ids listed. */
	int64_t		 skipped;
#define KF_RUN_SKIPPED_MAX	8
	int		 skipped_listed;
	int64_t		 skipped_ids[KF_RUN_SKIPPED_MAX];
};

/*
 * Issues the notices of period ("YYYY-MM", not a month that has not
 * begun) for every customer of community (billing, R15). One transaction:
 * all the notices or none (a run killed half-way leaves nothing; run it
 * again). A run already made for period and community is not made again:
 * KF_OK with r->already and the earlier run's figures ("already
 * issued"). Each customer (active, or moved out with something to bill)
 * in the order of community, building, unit, room gets one notice with:
 *   - the period's charges (rate.h kf_charges_for);
 *   - the items of his work orders signed off (R26), not cancelled, whose
 *     charges the audit passes (no item flagged, R17) and that no notice
 *     carried yet: one line per order naming it (R18), each order once;
 *   - his pending adjustments (kf_adjust_add), each with its reason;
 *   - a late fee per older notice unpaid past its due day, by policy
 *     bill.late_fee_per_10000 a day (万分之N; 0: none), for the days
 *     since its due day or the last late fee it bore, of what is unpaid
 *     of its fees but never of its own late-fee lines (no late fee on
 *     a late fee), rounded down to the fen;
 * its previous balance (credit negative), the total due, the due day
 * (bill.due_days after issue). A customer with no line and a zero
 * balance gets none. Numbers continue the period's sequence without gaps.
 * Credit held is applied to the new notices. A customer who has a notice
 * for the period already (billed in another community's run before he
 * moved) is left out and counted in r->skipped, his id among the first
 * r->skipped_ids (R15: one notice a period). The period is locked for
 * community (rate.h "Billed periods": its readings and rates, R15).
 * KF_INVALID for a bad period or a blank community; KF_NOTFOUND for a
 * community without customers; KF_REFUSED for a future period, and
 * while any meter of the community (a unit's meter of a customer not
 * moved out, a shared meter) has no reading for the period, naming how
 * many and the first few (R13, R15): next month would charge two months'
 * usage at once, through the tiers.
 */
enum kf_rc	kf_notice_run(struct kf_core *k, const char *period,
		    const char *community, struct kf_notice_run *r,
		    struct kf_err *err);

/* kf_notice_run with flags: KF_RUN_WITHOUT_READINGS issues even while
 * meters have no reading for the period (their usage waits for the next
 * reading), CLI --allow-missing-readings. */
#define KF_RUN_WITHOUT_READINGS	0x01u
enum kf_rc	kf_notice_run_flags(struct kf_core *k, const char *period,
		    const char *community, unsigned flags,
		    struct kf_notice_run *r, struct kf_err *err);

/*
 * How many meters of community have no reading for period (those a run
 * refuses over, R13, R15; its refusal names the field "readings"): the
 * count the desk names before it issues without them (billing).
 */
enum kf_rc	kf_notice_unread(struct kf_core *k, const char *period,
		    const char *community, int64_t *n, struct kf_err *err);

/*
 * A notice by number ("2026-11-000123") or id ("17"), with its lines in
 * order (billing, supervisor, admin). KF_NOTFOUND if none.
 */
enum kf_rc	kf_notice_get(struct kf_core *k, const char *no,
		    struct kf_notice *n, struct kf_err *err);

/* Which notices a list shows; NULL/0 fields select all. */
struct kf_notice_filter {
	const char	*period;
	const char	*community;
	int64_t		 customer_id;
	bool		 unpaid_only;
};

/*
 * A page of notices by id (enum kf_page; only anchor->id is read), at
 * most limit (1..1000, else 1000), without lines. Free with
 * kf_notice_list_free.
 */
enum kf_rc	kf_notice_list(struct kf_core *k, const struct kf_notice_filter *f,
		    enum kf_page dir, const struct kf_notice *anchor, int limit,
		    struct kf_notice **out, size_t *n, struct kf_err *err);

/*
 * The notice as plain text for a printer (appended to out): 80 columns
 * (CJK counts two, util.h's display width), the company's name
 * (kf_bill_company), the notice number, the customer, each line with its
 * source and amount, previous balance, total due and the due day, in
 * Chinese. Reads only.
 */
enum kf_rc	kf_notice_print(struct kf_core *k, const char *no,
		    struct kf_buf *out, struct kf_err *err);

/*
 * The notices of period (of community, or all when NULL) as CSV for the
 * finance department, one record per line (csv.h's writer: formula
 * quoting): notice, customer account, name, kind, source, amount (yuan),
 * then the notice's totals. A notice without lines (a balance brought
 * forward only) is one record with kind, item, source and amount empty,
 * so every notice issued is in the export. *rows gets the records written
 * (not the header). KF_DBERR when writing to f fails.
 */
enum kf_rc	kf_notice_export(struct kf_core *k, const char *period,
		    const char *community, FILE *f, size_t *rows,
		    struct kf_err *err);

/*
 * An adjustment (调整) for the customer's next notice (billing): amount
 * in fen, non-zero, either sign (a refund, a correction: a rate change
 * back-dated over an issued month is refused, R15, and corrected this
 * way); reason required (at most 200 characters); at most 100,000,000.00
 * yuan either way. *id may be NULL.
 */
enum kf_rc	kf_adjust_add(struct kf_core *k, int64_t customer_id,
		    int64_t amount, const char *reason, int64_t *id,
		    struct kf_err *err);

/* The company's name printed on notices and receipts (any actor). */
void		kf_bill_company(struct kf_core *k, char *buf, size_t n);
/* Sets it (admin, KF_ACT_POLICY_SET): 1 to 40 characters; audited. */
enum kf_rc	kf_bill_company_set(struct kf_core *k, const char *name,
		    struct kf_err *err);

/* ---- payments and receipts (R19) ---- */

enum kf_pay_method {
	KF_PAY_CASH,		/* 现金 */
	KF_PAY_CARD,		/* 银行卡 */
	KF_PAY_TRANSFER,	/* 转账 */
	KF_PAY_MOBILE,		/* 微信/支付宝 */
};
#define KF_PAY_METHOD_COUNT	4
const char     *kf_pay_method_name(enum kf_pay_method m);	/* "cash" */
const char     *kf_pay_method_term(enum kf_pay_method m);	/* "现金" */
enum kf_rc	kf_pay_method_parse(const char *s, enum kf_pay_method *m,
		    struct kf_err *err);

/* What one receipt paid: a notice and an amount (negative: reversed). */
struct kf_alloc {
	int64_t	 id;
	int64_t	 notice_id;
	char	 notice_no[24];
	int64_t	 amount;
};

struct kf_receipt {
	int64_t			 id;
	int64_t			 no;		/* 1, 2, … no gaps, never reused */
	int64_t			 customer_id;
	char			*account, *name;
	int64_t			 amount;	/* fen, > 0 */
	enum kf_pay_method	 method;
	char			*note;
	int64_t			 taken_at;
	char			 taken_by[64];	/* login */
	int64_t			 prints;	/* times printed */
	int64_t			 voided_at;	/* 0: valid */
	char			 voided_by[64];
	char			*void_reason;
	int64_t			 version;
	struct kf_alloc		*allocs;	/* kf_receipt_get only */
	size_t			 nallocs;
};
void		kf_receipt_clear(struct kf_receipt *r);

/* No check of the balance the clerk saw (kf_payment_take). */
#define KF_BALANCE_ANY	INT64_MIN

/*
 * Takes a payment at the billing desk (R19: the billing role only; a
 * technician, or anyone else, KF_DENIED). amount > 0 fen (KF_INVALID
 * naming "amount"), method, note (optional, at most 200 characters).
 * seen_balance is the customer's balance the clerk read (kf_account),
 * or KF_BALANCE_ANY: when another payment or notice changed it meanwhile
 * (two clerks, one customer) KF_CONFLICT naming the balance now, and
 * nothing is taken. The receipt number is the next of the one counter,
 * taken inside the payment's transaction: no gap, no reuse, whatever
 * crashes or other desks do. The money is allocated to the customer's
 * unpaid notices, oldest first; what is left is held as credit. Partial
 * payments are fine. *out (may be NULL) gets the receipt with its
 * allocations (kf_receipt_clear it).
 */
enum kf_rc	kf_payment_take(struct kf_core *k, int64_t customer_id,
		    int64_t amount, enum kf_pay_method method, const char *note,
		    int64_t seen_balance, struct kf_receipt *out,
		    struct kf_err *err);

/* A receipt by number, with its allocations (billing, supervisor, admin). */
enum kf_rc	kf_receipt_get(struct kf_core *k, int64_t no,
		    struct kf_receipt *r, struct kf_err *err);

/*
 * Printing a receipt (billing, supervisors, admins), in two steps so a
 * failed write does not use up the original (R19):
 *
 *   kf_receipt_render(k, no, &text, &prints, &err);   nothing counted
 *   ... write text to the printer or the file, check the write ...
 *   kf_receipt_mark_printed(k, no, &err);             only if it succeeded
 *
 * kf_receipt_render appends the receipt as plain text to out, 80 columns,
 * as the next print will be: the original while none was counted, 重打 (a
 * copy) after, so two originals never exist; a voided receipt prints
 * marked 作废. *prints (may be NULL) receives the prints counted so far.
 * kf_receipt_mark_printed counts one print (audited "receipt.print").
 *
 * kf_receipt_print does both at once, counting first: kept for callers
 * whose output cannot fail; a caller that writes to a printer or a file
 * uses the two steps.
 */
enum kf_rc	kf_receipt_render(struct kf_core *k, int64_t no,
		    struct kf_buf *out, int64_t *prints, struct kf_err *err);
enum kf_rc	kf_receipt_mark_printed(struct kf_core *k, int64_t no,
		    struct kf_err *err);
enum kf_rc	kf_receipt_print(struct kf_core *k, int64_t no,
		    struct kf_buf *out, struct kf_err *err);

/*
 * Voids a receipt (supervisor only, R19), with a reason (required, at
 * most 200 characters), having read it at seen_version (-1: current).
 * The receipt stays, marked void with who, when and why; its allocations
 * are reversed (negative rows) and the customer's money settled again.
 * KF_REFUSED for a receipt already void, and for one the voider took
 * himself (R19, separation of duties: a clerk who is a supervisor too
 * has another supervisor void his receipts).
 */
enum kf_rc	kf_receipt_void(struct kf_core *k, int64_t no,
		    int64_t seen_version, const char *reason,
		    struct kf_err *err);

/*
 * A customer's account (billing, supervisor, admin): balance and credit
 * as defined above, and the newest notices and receipts (at most
 * max_items each, newest first). Read by indexes whatever the size of
 * the register. Free with kf_account_clear.
 */
struct kf_account {
	int64_t			 customer_id;
	char			*account, *name, *address;
	int64_t			 balance;	/* > 0 owed, < 0 credit */
	int64_t			 owed;		/* Σ unpaid on notices */
	int64_t			 credit;	/* unallocated money */
	struct kf_notice	*notices;
	size_t			 nnotices;
	struct kf_receipt	*receipts;
	size_t			 nreceipts;
};
enum kf_rc	kf_account_get(struct kf_core *k, int64_t customer_id,
		    int max_items, struct kf_account *a, struct kf_err *err);
void		kf_account_clear(struct kf_account *a);

/* ---- arrears and chasing (R15) ---- */

/*
 * The ageing bucket of money due at due_at, at now: -1 not overdue
 * (now <= due_at), else by the days overdue (the first second after the
 * due day is day 1): 0 for 1–30 days, 1 for 31–60, 2 for 61–90, 3 over
 * 90. *days (may be NULL) gets the days overdue (0 when not overdue).
 */
int		kf_arrears_bucket(int64_t due_at, int64_t now, int64_t *days);

/* What the overdue policy says is next for an account (R15). */
enum kf_arrears_step {
	KF_ARREARS_NONE,	/* not yet */
	KF_ARREARS_REMIND,	/* bill.remind_days overdue: a reminder */
	KF_ARREARS_SECOND,	/* bill.second_notice_days: a second notice */
};

struct kf_arrears {
	int64_t			 customer_id;
	char			*account, *name, *address;
	int64_t			 bucket[4];	/* fen owed by age, as above */
	int64_t			 total;
	int64_t			 oldest_days;	/* days overdue of the oldest */
	int64_t			 chases;	/* chasing recorded */
	int64_t			 last_chase_at;	/* 0: never */
	enum kf_arrears_step	 step;
};

/*
 * The customers with money overdue at now (of community, or all when
 * NULL), most overdue first (oldest days, then total), at most limit
 * (1..10000, else 10000), each with the ageing of his unpaid notices by
 * their due days (billing, supervisor, admin). *sum (may be NULL) gets
 * the four buckets summed over the whole list. Free with
 * kf_arrears_free.
 */
enum kf_rc	kf_arrears_list(struct kf_core *k, const char *community,
		    int64_t now, int limit, struct kf_arrears **out, size_t *n,
		    int64_t sum[4], struct kf_err *err);
void		kf_arrears_free(struct kf_arrears *v, size_t n);

/*
 * How many customers have money overdue at now (all communities): the
 * number kf_arrears_list would list, counted from the unpaid notices'
 * index alone (the F5 badge, every redraw). 0 for roles that may not see
 * notices, and on a database error.
 */
int64_t		kf_arrears_count(struct kf_core *k, int64_t now);

enum kf_chase_method {
	KF_CHASE_PHONE,		/* 电话 */
	KF_CHASE_VISIT,		/* 上门 */
	KF_CHASE_LETTER,	/* 催缴函 */
	KF_CHASE_SMS,		/* 短信 */
	KF_CHASE_SECOND,	/* 二次通知 */
};
#define KF_CHASE_METHOD_COUNT	5
const char     *kf_chase_method_name(enum kf_chase_method m);
const char     *kf_chase_method_term(enum kf_chase_method m);
enum kf_rc	kf_chase_method_parse(const char *s, enum kf_chase_method *m,
		    struct kf_err *err);

struct kf_chase {
	int64_t			 id;
	int64_t			 customer_id;
	int64_t			 at;
	char			 by[64];
	enum kf_chase_method	 method;
	char			*answer;	/* what the customer said */
	char			*next_step;	/* what is to be done next */
	int64_t			 next_at;	/* by when; 0: none */
	int64_t			 owed;		/* overdue when chased, fen */
};

/*
 * Records chasing (催缴) of a customer (billing, supervisor): method,
 * the answer (required, at most 500 characters), the next step
 * (required, at most 200), and when it is due (0: none; not in the
 * past). KF_REFUSED when nothing of his is overdue (R15 chases unpaid
 * fees). Records are never changed. *id may be NULL.
 */
enum kf_rc	kf_chase_add(struct kf_core *k, int64_t customer_id,
		    enum kf_chase_method method, const char *answer,
		    const char *next_step, int64_t next_at, int64_t *id,
		    struct kf_err *err);

/* A customer's chasing, newest first (at most 1000). Free kf_chase_free. */
enum kf_rc	kf_chase_list(struct kf_core *k, int64_t customer_id,
		    struct kf_chase **out, size_t *n, struct kf_err *err);
void		kf_chase_free(struct kf_chase *v, size_t n);

/* ---- input ---- */

/*
 * An amount of money typed in yuan ("12.5" is 1250 fen, "12.50", "12")
 * into *fen; KF_INVALID naming field for a negative, more than two
 * decimals ("1.234": a fraction of a fen), anything not a number, or an
 * amount above the billing desk's limit, 100,000,000.00 yuan (the message
 * names the limit; the price list's 1,000,000 yuan is no bound here).
 * With allow_negative a leading '-' is taken (adjustments).
 */
enum kf_rc	kf_bill_amount_parse(const char *s, const char *field,
		    bool allow_negative, int64_t *fen, struct kf_err *err);

/* A period "YYYY-MM" (1970-01 to 9999-12); KF_INVALID otherwise. */
enum kf_rc	kf_bill_period_check(const char *period, struct kf_err *err);

#endif
