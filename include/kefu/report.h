/*
 * report.h — reports (F7, R53): the month and the quarter at a glance,
 * every figure defined, every figure traceable to its records, and the
 * quarterly summary written from the data.
 *
 * A report reads; it never writes. Every call here runs its queries in
 * one read transaction (a consistent snapshot: the table, its previous
 * period and last year's come from the same state of the database) with
 * the connection put in query_only for the duration, so a write by
 * mistake fails rather than happens. No audit row is made for reading.
 *
 * Periods. A month "2026-11" or a quarter "2026Q4", in the local time
 * zone: [from, to) runs from local midnight of its first day to local
 * midnight of the first day after it. A report is asked for a period
 * that has begun and does not end before the first record (the earliest
 * contact, work order, complaint, callback task, fee notice or
 * receipt); the
 * period now running is allowed and reported to now (partial). Beside
 * it: the previous period (the month or quarter before) and the same
 * period last year; either may lie wholly before the first record, and
 * its column is then "—", not zeros.
 *
 * Figures (the table kf_kpi_defs, one row per figure; docs/reports.md
 * spells each out). Each figure is a count, a rate or an amount of
 * money, held as a numerator and a denominator (struct kf_kpi_value):
 *   count   num records, den 1;
 *   rate    num of den (on time of decided, satisfied of scored …);
 *           den 0 is no value: shown "—", never 0% nor 100%;
 *   money   num fen, den 1.
 * Which time stamp places a record in a period is the figure's own
 * (def->placed_by): a contact by when it began, a complaint received
 * (and its clocks) by its registration, a work order's on-time figure
 * by its deadline (as R47 places a callback by its due_at), money by
 * the notice's issue or the receipt's time. Figures are reckoned from the
 * records as they stand when the report is made: a complaint reopened
 * later counts as not resolved until its new result.
 *
 * On-time figures follow the modules' own definitions: a clock is met
 * when its moment comes at or before the deadline's second (order.h: at
 * 40:00 on time, at 40:01 late; complaint.h kf_complaint_clocks; the
 * callback rate of callback.h). A deadline in the period is decided when
 * it was met, or missed (met late, or not met and the deadline passed by
 * the time the report is made); one still running is in neither
 * numerator nor denominator (callback completion excepted: it is
 * kf_callback_rate's, every task due in the period). Cancelled work
 * orders, withdrawn
 * complaints and cancelled callback tasks are left out of every figure
 * but "complaints withdrawn".
 *
 * Scope: the whole service, one staff member, one role (the team: the
 * staff who hold that role now), or one community. Each figure is
 * attributed to a person and to a community as its definition says
 * (def->staff_by, def->community_by); a figure that cannot be
 * attributed in a scope (the money, by person) has no value there
 * (has false, shown "—").
 *
 * Who: supervisors and admins (KF_ACT_REPORT_VIEW); others KF_DENIED.
 * Functions follow err.h; nothing here is kept between calls, and every
 * struct a call fills is the caller's (the *_free functions free what a
 * call allocated inside it).
 */
#ifndef KEFU_REPORT_H
#define KEFU_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

/* ---- periods ---- */

enum kf_period_kind { KF_PERIOD_MONTH, KF_PERIOD_QUARTER };

struct kf_period {
	enum kf_period_kind	 kind;
	int			 year;	/* 1970..9999 */
	int			 n;	/* month 1..12, or quarter 1..4 */
	int64_t			 from, to;	/* [from, to), local midnights */
	char			 key[8];	/* "2026-11", "2026Q4" */
};

/*
 * Reads s, a month "YYYY-MM" (two-digit month, 01..12) or a quarter
 * "YYYYQn" (n 1..4; "q" accepted), surrounding spaces ignored. Anything
 * else — "2026Q5", "2026-4", "Q4 2026", "2026-13", "" — is KF_INVALID
 * (err->field "period") with a message quoting the text and naming the
 * forms expected: "“2026Q5” is not a period: write a month as YYYY-MM
 * (2026-11) or a quarter as YYYYQn (2026Q4)". Only the text is checked
 * here: kf_period_check says whether the data can answer for it.
 */
enum kf_rc	kf_report_period_parse(const char *s, struct kf_period *p,
		    struct kf_err *err);
/* (Not kf_period_parse: rate.h has that name, for a billing month.) */

/*
 * The period of kind, year and n, n out of range carried into the year
 * (month 0 is December of the year before, quarter 5 the first of the
 * next): from, to and key filled.
 */
void		kf_period_make(enum kf_period_kind kind, int year, int n,
		    struct kf_period *p);
/* The period of kind in which t (epoch seconds) falls, local time. */
void		kf_period_at(enum kf_period_kind kind, int64_t t,
		    struct kf_period *p);
/* The period before p (November → October, 2026Q1 → 2025Q4). */
void		kf_period_prev(const struct kf_period *p, struct kf_period *out);
/* The same period a year before (2026-11 → 2025-11). */
void		kf_period_last_year(const struct kf_period *p,
		    struct kf_period *out);
/* Shown to a person, translated: "November 2026" / "2026年11月",
 * "2026 Q4" / "2026年第4季度". */
void		kf_period_label(const struct kf_period *p, char *buf, size_t n);

/*
 * Whether the data can answer for p at now: KF_REFUSED when p has not
 * begun ("2027-01 has not begun: reports cover periods that have begun
 * (R53)"), when it ends at or before the first record ("2019-11 ends
 * before the first record (2024-03-01 10:00): there is nothing to
 * report"), or when there are no records at all. *partial (may be NULL)
 * true when p is still running (figures to now). Every kf_report_*
 * call below makes this check on the period it is given.
 */
enum kf_rc	kf_period_check(struct kf_core *k, const struct kf_period *p,
		    bool *partial, struct kf_err *err);

/* ---- the figures ---- */

enum kf_kpi {
	/* contacts received (contact.c), by channel and by purpose (R5) */
	KF_KPI_CONTACTS,
	KF_KPI_CONTACTS_HOTLINE, KF_KPI_CONTACTS_WALK_IN,
	KF_KPI_CONTACTS_PHONE_IN, KF_KPI_CONTACTS_CH_OTHER,
	KF_KPI_CONTACTS_VIEWING, KF_KPI_CONTACTS_INQUIRY,
	KF_KPI_CONTACTS_SUGGESTION, KF_KPI_CONTACTS_COMPLAINT,
	KF_KPI_CONTACTS_RENOVATION, KF_KPI_CONTACTS_REPAIR,
	KF_KPI_CONTACTS_EXTERNAL, KF_KPI_CONTACTS_INSPECTION,
	KF_KPI_CONTACTS_PAYMENT, KF_KPI_CONTACTS_P_OTHER,
	/* satisfaction % from callbacks: very satisfied + satisfied over
	 * the callbacks scored */
	KF_KPI_SATISFACTION,
	/* complaints (R27–R39) */
	KF_KPI_CPL_RECEIVED, KF_KPI_CPL_WITHDRAWN, KF_KPI_CPL_HANDLED,
	KF_KPI_CPL_RESOLUTION, KF_KPI_CPL_CLOSURE,	/* closure: R39 */
	KF_KPI_CPL_ONTIME,		/* every clock together */
	KF_KPI_CPL_ONTIME_TRACK, KF_KPI_CPL_ONTIME_ANALYSE,
	KF_KPI_CPL_ONTIME_EXPLAIN, KF_KPI_CPL_ONTIME_REPLY,
	KF_KPI_CPL_ONTIME_ACTION, KF_KPI_CPL_ONTIME_CALLBACK,
	KF_KPI_CPL_ONTIME_FORWARD,
	/* work orders: arrival (R2; and the other categories measured on
	 * arrival) and repair (R3), then each category */
	KF_KPI_ORD_ARRIVAL, KF_KPI_ORD_REPAIR,
	KF_KPI_ORD_ONTIME_EQUIPMENT, KF_KPI_ORD_ONTIME_PIPE,
	KF_KPI_ORD_ONTIME_PIPE_MAJOR, KF_KPI_ORD_ONTIME_INDOOR,
	KF_KPI_ORD_ONTIME_PAID,
	/* callbacks: completion (R47, kf_callback_rate's definition) */
	KF_KPI_CALLBACK_COMPLETION,
	/* billing (R15): issued, collected, arrears */
	KF_KPI_BILL_ISSUED, KF_KPI_BILL_COLLECTED, KF_KPI_BILL_ARREARS,
	KF_KPI_ROWS
};

enum kf_kpi_kind { KF_KPI_K_COUNT, KF_KPI_K_RATE, KF_KPI_K_MONEY };

/* The records a figure is drawn from (drill-down), and their keys
 * ("contact", "order", "complaint", "callback", "notice", "payment"). */
enum kf_drill_kind {
	KF_DRILL_CONTACT, KF_DRILL_ORDER, KF_DRILL_COMPLAINT,
	KF_DRILL_CALLBACK, KF_DRILL_NOTICE, KF_DRILL_PAYMENT,
};
#define KF_DRILL_KIND_COUNT	6
const char     *kf_drill_kind_key(enum kf_drill_kind d);

/* Which scopes a figure has a value in (a mask of 1 << kf_scope_kind). */
enum kf_scope_kind {
	KF_SCOPE_ALL, KF_SCOPE_STAFF, KF_SCOPE_ROLE, KF_SCOPE_COMMUNITY,
};
#define KF_SCOPES_EVERY	0xfu
#define KF_SCOPES_PLACE	((1u << KF_SCOPE_ALL) | (1u << KF_SCOPE_COMMUNITY))

/*
 * One figure's definition. The table kf_kpi_defs holds one for each
 * enum kf_kpi, at its index, in the order the KPI table shows them; the
 * report code computes from these rows' kinds and the docs quote their
 * texts. Every text is an English msgid (translate with _()), except
 * term, the Chinese name the quarterly summary prints.
 */
struct kf_kpi_def {
	enum kf_kpi		 kpi;
	const char		*key;	/* "cpl.closure": stable (CLI, JSON,
					 * CSV, tests); never translated */
	const char		*label;	/* "Complaint closure (R39)" */
	const char		*term;	/* "投诉闭环率" */
	const char		*rule;	/* "R39", or "" */
	enum kf_kpi_kind	 kind;
	int			 parent;	/* the row it details (shown
						 * indented), or -1 */
	int			 better;	/* +1 higher is better, -1
						 * lower, 0 neither (counts) */
	unsigned		 scopes;	/* KF_SCOPES_*: where it has
						 * a value */
	enum kf_drill_kind	 drill;		/* the records behind it */
	/* How it is computed, each one line. */
	const char		*numerator;	/* "complaints received in the
						 * period that are closed" */
	const char		*denominator;	/* rates only; else "" */
	const char		*placed_by;	/* "the registration time" */
	const char		*excluded;	/* "withdrawn complaints", "" */
	const char		*staff_by;	/* "the person responsible" */
	const char		*community_by;	/* "the complaint's community" */
};
extern const struct kf_kpi_def kf_kpi_defs[KF_KPI_ROWS];

/* The definition of kpi (never NULL: out of range the first row). */
const struct kf_kpi_def *kf_kpi_def(enum kf_kpi kpi);
/* Finds a figure by key ("cpl.closure"): KF_INVALID naming field "kpi"
 * and listing a few keys otherwise. */
enum kf_rc	kf_kpi_parse(const char *key, enum kf_kpi *kpi,
		    struct kf_err *err);

/* One figure's value. has false: no value ("—"): a rate with nothing
 * to count (den 0), a period before the first record, or a figure that
 * cannot be attributed in the scope. */
struct kf_kpi_value {
	bool	 has;
	int64_t	 num;	/* count, amount (fen), or a rate's numerator */
	int64_t	 den;	/* a rate's denominator; 1 for counts and money */
};

/* A rate in permille, rounded down (100.0% only when every one
 * counts), or -1 without a value; a count or money: -1. */
int		kf_kpi_permille(const struct kf_kpi_value *v);

/*
 * Writes v as def's kind shows it into buf (always terminated): "—"
 * without a value, "1,234" a count, "87.5%" a rate (one decimal,
 * rounded down), "¥12,345.67" money.
 */
void		kf_kpi_format(const struct kf_kpi_def *def,
		    const struct kf_kpi_value *v, char *buf, size_t n);

/*
 * The change from was to now, for ordering "the largest change": a
 * rate's in permille points (875 → 900 is +25), a count's or money's
 * relative, in permille of was (40 → 50 is +250). false when either
 * has no value, or a count or money was 0 (no relative change).
 */
bool		kf_kpi_change(const struct kf_kpi_def *def,
		    const struct kf_kpi_value *was,
		    const struct kf_kpi_value *now, int64_t *permille);

/* ---- scope ---- */

struct kf_scope {
	enum kf_scope_kind	 kind;
	int64_t			 staff_id;	/* STAFF: an account id */
	unsigned		 role;		/* ROLE: one KF_ROLE_* bit */
	char			 community[128];	/* COMMUNITY: as
							 * recorded; "" the
							 * records of none */
};

/* ---- the KPI table (R53) ---- */

struct kf_kpi_row {
	const struct kf_kpi_def	*def;
	struct kf_kpi_value	 cur, prev, last_year;
};

struct kf_kpi_table {
	struct kf_scope		 scope;
	struct kf_period	 period, prev, last_year;
	bool			 partial;	/* period still running */
	bool			 prev_before, last_year_before;	/* wholly
					 * before the first record: "—" */
	int64_t			 made_at;	/* now, when computed */
	struct kf_kpi_row	 rows[KF_KPI_ROWS];	/* kf_kpi_defs order */
};

/*
 * Fills t (the caller's; nothing to free) with every figure of p, its
 * previous period and last year's, in scope s (NULL: all). Refusals:
 * p as kf_period_check; a staff id with no such account KF_NOTFOUND; a
 * role that is not one KF_ROLE_* bit KF_INVALID naming "scope". A
 * community "" is the records of no community (an unknown caller's); one
 * no record names is not an error: its figures are zeros and "—".
 */
enum kf_rc	kf_report_kpi(struct kf_core *k, const struct kf_period *p,
		    const struct kf_scope *s, struct kf_kpi_table *t,
		    struct kf_err *err);

/* One figure of one period in scope s (NULL: all), as the table has it. */
enum kf_rc	kf_report_figure(struct kf_core *k, enum kf_kpi kpi,
		    const struct kf_period *p, const struct kf_scope *s,
		    struct kf_kpi_value *v, struct kf_err *err);

/* ---- the 12-month trend ---- */

#define KF_TREND_MONTHS	12
struct kf_kpi_trend {
	enum kf_kpi		 kpi;
	struct kf_period	 month[KF_TREND_MONTHS];	/* oldest first */
	struct kf_kpi_value	 v[KF_TREND_MONTHS];	/* has false for a
					 * month before the first record */
};

/*
 * kpi over the twelve months ending with last (a month; a quarter is
 * taken as its last month), in scope s (NULL: all). last is checked as
 * kf_period_check; earlier months before the first record are "—".
 */
enum kf_rc	kf_report_trend(struct kf_core *k, enum kf_kpi kpi,
		    const struct kf_period *last, const struct kf_scope *s,
		    struct kf_kpi_trend *t, struct kf_err *err);

/* ---- breakdowns: per staff member, per role, per community ---- */

enum kf_breakdown { KF_BY_STAFF, KF_BY_ROLE, KF_BY_COMMUNITY };

struct kf_kpi_group {
	struct kf_scope		 scope;	/* the group, usable as a scope */
	char			*name;	/* staff display name, role label
					 * (translated), community; "" for
					 * records of no community */
	struct kf_kpi_value	 v[KF_KPI_ROWS];	/* of the period */
};

/*
 * Every figure of p for each group: by staff, every account any figure
 * of p is attributed to, by name; by role, the six roles in enum order
 * (a person holding two counts in both); by community, each community
 * a record of p names, by name, records of none last as "". Figures
 * that have no value in the group's kind of scope have has false.
 * Free with kf_report_breakdown_free.
 */
enum kf_rc	kf_report_breakdown(struct kf_core *k, const struct kf_period *p,
		    enum kf_breakdown by, struct kf_kpi_group **out, size_t *n,
		    struct kf_err *err);
void		kf_report_breakdown_free(struct kf_kpi_group *v, size_t n);

/* ---- drill-down: from a figure to its records ---- */

/* Which records of a figure: those counted in the numerator, the whole
 * denominator, or the denominator's others (the late ones of an on-time
 * rate, the open ones of closure). A count's or money's records are its
 * numerator's (the others are none). */
enum kf_drill_part { KF_DRILL_NUM, KF_DRILL_DEN, KF_DRILL_MISS };

struct kf_drill_item {
	enum kf_drill_kind	 kind;
	int64_t			 id;	/* open with kf_<kind>_get */
	int64_t			 at;	/* the time stamp that placed it */
	int64_t			 sub;	/* which of the record's rows (a
					 * complaint's clock or action): with
					 * at and id, the row's key */
	int64_t			 amount;	/* fen, for money; else 0 */
	char			*label;	/* one line: "#42 燕园 3-1-201 灶具不
					 * 点火 — arrived 41 min (due 40)" */
};

/*
 * The records behind figure kpi of p in scope s (NULL: all), part of
 * them, in the order of at then id: the limit (1..1000) after anchor
 * (NULL: from the first; only anchor->at, ->id and ->sub are read). *total
 * (may be NULL) the number in the part, which is the figure's: the
 * numerator for NUM, the denominator for DEN, their difference for
 * MISS ("the 7 late arrivals of November"). Free with
 * kf_drill_free.
 */
enum kf_rc	kf_report_drill(struct kf_core *k, enum kf_kpi kpi,
		    const struct kf_period *p, const struct kf_scope *s,
		    enum kf_drill_part part, const struct kf_drill_item *anchor,
		    int limit, struct kf_drill_item **out, size_t *n,
		    int64_t *total, struct kf_err *err);
void		kf_drill_free(struct kf_drill_item *v, size_t n);

/* ---- the quarterly summary ---- */

enum kf_summary_format { KF_SUMMARY_MARKDOWN, KF_SUMMARY_TEXT };

/*
 * The seed template's summary (客服总结手册模板) for p (a quarter, or a
 * month: "本季度" / "本月"), in Chinese whatever the person's language,
 * as Markdown or plain text, into *out (malloc'd, NUL-terminated; the
 * caller frees it). Written from kf_report_kpi of p in scope s (NULL:
 * all):
 *   title      "2026年第四季度客服工作总结"
 *   一、前言    the template's opening, the period named
 *   二、工作回顾 1. 服务质量: the template's figures filled in —
 *              (1) 客服接听电话/在线咨询量 (contacts, with each channel),
 *              (2) 满意度, (3) 投诉处理 … 件, 解决率 …%; then the R53
 *              figures the template lacks (closure R39, on-time arrival
 *              R2 and repair R3, callback completion R47, billing), each
 *              with the previous period's and last year's beside it;
 *              a figure without a value is written "—" with why
 *              ("本期无回访评分"), never 0%. The template's figures kefu
 *              does not keep (training hours, meetings) are left
 *              "（待填写）" (to be filled in) for the supervisor.
 *   三、亮点工作 and 四、不足之处: headings for the supervisor to write,
 *              each with prompts from the data (lines beginning "提示:"):
 *              under highlights the figures that improved most on the
 *              previous period (kf_kpi_change, by def->better), under
 *              shortfalls those that fell most, the worst on-time rate
 *              by category (work-order categories and complaint clocks
 *              with something to count), and R39/R47 below 100%.
 *   五、改进措施, 六、总结: headings left for the supervisor.
 * Fails as kf_report_kpi; nothing is written on failure (*out NULL).
 */
enum kf_rc	kf_report_summary(struct kf_core *k, const struct kf_period *p,
		    const struct kf_scope *s, enum kf_summary_format fmt,
		    char **out, struct kf_err *err);

#endif
