/*
 * screen_reports.c — F7 Reports (报表, R53), for supervisors and admins:
 * the month or the quarter at a glance, every figure traceable to its
 * records. Three panels over one period and scope:
 *
 *   table   the KPI table (kf_report_kpi): each figure of docs/reports.md,
 *           this period, the previous, the same period last year; "—"
 *           where a figure has no value (no denominator, before the first
 *           record, not attributable in the scope), never 0%;
 *   drill   Enter on a figure: the records behind it (kf_report_drill) —
 *           a rate's missed ones first ("the late arrivals"), v for the
 *           counted and the whole denominator; Enter on a record opens it
 *           on its own screen (a contact on F2, a work order on F3, a
 *           complaint on F4, a fee notice or a receipt in its account on
 *           F5, a callback on F6);
 *   chart   g: the figure under the cursor per staff member or per
 *           community (b switches; kf_report_breakdown) as bars, and its
 *           twelve months to the period's last (kf_report_trend) as a
 *           column trend, both drawn by chart.c.
 *
 * The period: [ and ] step a month or a quarter, m switches between the
 * two, p takes one typed ("2026-11", "2026Q4"); the core refuses a
 * period not begun or before the first record, and the message says so
 * (the table stays as it was). s chooses the scope: everyone, one staff
 * member, one team (a role) or one community.
 *
 * Both lists are record boards (board.c). The table's rows are whole in
 * memory. The drill-down's are read from the core a page at a time
 * (DRILL_PAGE, kf_report_drill's anchor) as the cursor goes, and kept
 * from the first: every record of the figure can be reached, however
 * many (End reads them all). The view (period, scope, panel, figure)
 * outlives the screen, so F7 after a record opened on F3 comes back
 * where it was.
 *
 * What is slow is read only when it must be (review M5). The breakdown
 * per staff member or community is a pass over the period for each
 * group: it is read when the chart is shown for a period and grouping
 * not read yet, drawn "counting" first and read at the next tick, and
 * kept (it holds every figure, so Up and Down only redraw). Another
 * session's change reads the table again at once (it is cheap) but only
 * marks the drill-down and the chart stale: they are read again at the
 * next key in their panel, or after a quiet moment (QUIET_MS without a
 * change), not at every poll. Nothing here writes: a report only reads
 * (report.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/bill.h"
#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/report.h"
#include "kefu/staff.h"
#include "kefu/util.h"
#include "board.h"
#include "callback_form.h"
#include "chart.h"
#include "complaint_form.h"
#include "contact_form.h"
#include "order_form.h"

#define DRILL_PAGE	500	/* records read at a time (the core's
				 * limit is 1000) */
#define VAL_W		13	/* "¥1,234,567.89" */
/* A quiet moment: this long without another session's change, the
 * stale drill-down and chart are read again by themselves. */
#define QUIET_MS	3000
#define STAFF_MAX	1000	/* the scope picker's people */

enum panel { P_TABLE, P_DRILL, P_CHART };
/* CMD_REPORT's args. */
enum { R_PREV, R_NEXT, R_KIND, R_TYPE, R_SCOPE, R_CHART, R_BACK, R_PART,
	R_BY };

/* What F7 comes back to (kept across leaving the screen). */
static struct {
	bool			 set;
	struct kf_period	 p;
	struct kf_scope		 scope;
	char			 scope_name[128];
	enum panel		 panel;
	int			 kpi;		/* the figure chosen */
	enum kf_drill_part	 part;
	int64_t			 drill_at;	/* the chosen record's place */
	enum kf_breakdown	 by;		/* the bars: staff or community */
} keep;

/*
 * A record of the drill-down and its place in the list (0, 1, …): the
 * board knows a row by its place, since the rows of one complaint's
 * clocks share its id and its time (review M1).
 */
struct drow {
	struct kf_drill_item	 it;
	int64_t			 seq;
};

/* One grouping's breakdown (kf_report_breakdown) of one period. */
struct groups {
	struct kf_kpi_group	*v;
	size_t			 n;
	bool			 have;
	char			 period[8];	/* its period's key */
};

/* A choice of the scope picker's second step. */
struct scope_item {
	struct kf_scope		 scope;
	char			*name;
};

struct reports {
	struct board		 kb;		/* the KPI table */
	struct board		 db;		/* the drill-down */
	bool			 drill_on;	/* db is set up */
	struct kf_kpi_table	 t;
	bool			 have;		/* t holds a report */
	int64_t			 data_version;	/* ui's when last read */
	/* The drill-down's records read so far, from its first: dall when
	 * every one is; dread false when none is (to be read). */
	struct drow		*dv;
	size_t			 dn, dcap;
	bool			 dread, dall;
	int64_t			 drill_total;
	/* The bars of each grouping (KF_BY_STAFF, KF_BY_COMMUNITY), kept
	 * until their period changes; bars_due: to be read at the next
	 * tick (the screen says "counting" first). */
	struct groups		 bars[KF_BY_COMMUNITY + 1];
	bool			 bars_due;
	/* The trend of one figure, in one scope, to one month. */
	struct kf_kpi_trend	 trend;
	bool			 have_trend;
	struct kf_scope		 trend_scope;
	char			 trend_last[8];
	/* Another session changed the data at changed_ms: what is marked
	 * stale is read again at the next key of its panel or once
	 * QUIET_MS have passed without a change. */
	bool			 drill_stale, chart_stale;
	int64_t			 changed_ms;
	/* The scope picker's second step. */
	struct scope_item	*si;
	size_t			 nsi;
	const char	       **sitems;
};

static struct reports *
st(struct ui *ui)
{
	return ui->state;
}

static int	chosen(struct reports *);
static void	chart_sync(struct ui *, struct reports *);
static void	drill_reset(struct reports *);

static const struct kf_scope *
scope_of(void)
{
	return keep.scope.kind == KF_SCOPE_ALL ? NULL : &keep.scope;
}

static bool
same_scope(const struct kf_scope *a, const struct kf_scope *b)
{
	return a->kind == b->kind && a->staff_id == b->staff_id &&
	    a->role == b->role && strcmp(a->community, b->community) == 0;
}

/* ---- loading ---- */

static void
free_groups(struct groups *g)
{
	kf_report_breakdown_free(g->v, g->n);
	memset(g, 0, sizeof(*g));
}

/*
 * Reads the table of p; on a refusal (a period not begun, before the
 * first record) says why and keeps what was shown. True when read. The
 * chart's parts see for themselves whether they are of p (chart_sync).
 */
static bool
load_table(struct ui *ui, struct reports *r, const struct kf_period *p)
{
	struct kf_kpi_table t;
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_report_kpi(ui->k, p, scope_of(), &t, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	r->t = t;
	r->have = true;
	r->data_version = ui->data_version;
	keep.p = *p;
	return true;
}

/* The month the trend ends with: the period's last begun (a quarter
 * running: this month, not its empty last). */
static void
trend_last(struct ui *ui, struct kf_period *last)
{
	int64_t now = kf_core_now(ui->k);

	kf_period_at(KF_PERIOD_MONTH, keep.p.to - 1 < now ? keep.p.to - 1 :
	    now, last);
}

/* The trend of the chosen figure, unless the one kept is it. */
static void
load_trend(struct ui *ui, struct reports *r)
{
	struct kf_period last;
	struct kf_err err;

	trend_last(ui, &last);
	if (r->have_trend && !r->chart_stale && (int)r->trend.kpi == keep.kpi &&
	    strcmp(r->trend_last, last.key) == 0 &&
	    same_scope(&r->trend_scope, &keep.scope))
		return;
	r->have_trend = false;
	kf_err_clear(&err);
	if (kf_report_trend(ui->k, (enum kf_kpi)keep.kpi, &last, scope_of(),
	    &r->trend, &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	r->have_trend = true;
	r->trend_scope = keep.scope;
	snprintf(r->trend_last, sizeof(r->trend_last), "%s", last.key);
}

/* Whether grouping by's bars are of the period shown. */
static bool
bars_current(const struct reports *r, enum kf_breakdown by)
{
	return r->bars[by].have && strcmp(r->bars[by].period, keep.p.key) == 0;
}

/* Reads grouping by's breakdown of the period (the slow one, M5). */
static bool
load_bars(struct ui *ui, struct reports *r, enum kf_breakdown by)
{
	struct groups g;
	struct kf_err err;

	memset(&g, 0, sizeof(g));
	kf_err_clear(&err);
	if (kf_report_breakdown(ui->k, &keep.p, by, &g.v, &g.n, &err) !=
	    KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	g.have = true;
	snprintf(g.period, sizeof(g.period), "%s", keep.p.key);
	free_groups(&r->bars[by]);
	r->bars[by] = g;
	return true;
}

/* ---- the stale parts, read again ---- */

/* The drill-down read again from its first record, the cursor kept. */
static void
refresh_drill(struct ui *ui, struct reports *r)
{
	r->drill_stale = false;
	drill_reset(r);
	if (r->drill_on)
		board_reload(ui, &r->db, true, 0);
}

/*
 * The chart shown read again: the trend now, the bars of its grouping at
 * the next tick (drawn as they were meanwhile, "counting again"); the
 * other grouping's are dropped, to be read when shown.
 */
static void
refresh_chart(struct ui *ui, struct reports *r)
{
	int by;

	for (by = 0; by <= KF_BY_COMMUNITY; by++)
		if (by != (int)keep.by)
			free_groups(&r->bars[by]);
	r->have_trend = false;
	r->chart_stale = false;
	load_trend(ui, r);
	r->bars_due = true;
}

/* ---- the KPI table: a board of the figures ---- */

struct kpi_line {
	int	 i;		/* the figure: an index of kf_kpi_defs */
};

static enum kf_rc
kpi_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n,
    struct kf_err *err)
{
	struct reports *r = st(ui);
	struct kpi_line *v;
	int i;

	(void)err;
	*rows = NULL;
	*n = 0;
	if (r == NULL || !r->have)
		return KF_OK;
	v = xcalloc(KF_KPI_ROWS, sizeof(*v));
	for (i = 0; i < KF_KPI_ROWS; i++)
		v[i].i = i;
	board_slice(b->cls, v, KF_KPI_ROWS, dir, anchor, limit, n);
	*rows = v;
	return KF_OK;
}

static void
kpi_free_rows(void *rows, size_t n)
{
	(void)n;
	free(rows);
}

static int64_t
kpi_id(const void *row)
{
	return ((const struct kpi_line *)row)->i + 1;
}

static int64_t
kpi_version(const void *row)
{
	(void)row;
	return 0;
}

static const char *
kpi_words(const void *row)
{
	return _(kf_kpi_defs[((const struct kpi_line *)row)->i].label);
}

static void
kpi_clear(void *row)
{
	(void)row;
}

/* A detail row (a channel, a clock, a category) is indented under its
 * figure. */
static void
col_figure(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_kpi_def *d = &kf_kpi_defs[((const struct kpi_line *)
	    row)->i];

	(void)ui;
	(void)b;
	snprintf(buf, n, "%s%s", d->parent >= 0 ? "  " : "", _(d->label));
}

/* A value as its figure's kind shows it ("—" without one). */
static void
value_cell(const struct board *b, const struct kf_kpi_def *d,
    const struct kf_kpi_value *v, char *buf, size_t n)
{
	(void)b;
	kf_kpi_format(d, v, buf, n);
}

static const struct kf_kpi_row *
kpi_row(struct ui *ui, const void *row)
{
	return &st(ui)->t.rows[((const struct kpi_line *)row)->i];
}

static void
col_cur(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_kpi_row *kr = kpi_row(ui, row);

	value_cell(b, kr->def, &kr->cur, buf, n);
}

static void
col_prev(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_kpi_row *kr = kpi_row(ui, row);

	value_cell(b, kr->def, &kr->prev, buf, n);
}

static void
col_last_year(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	const struct kf_kpi_row *kr = kpi_row(ui, row);

	value_cell(b, kr->def, &kr->last_year, buf, n);
}

/* The figure's column takes what the three values leave (set on enter
 * and on a resize: the board's columns are a table). */
static struct board_col kpi_cols[] = {
	{ .title = N_("FIGURE"), .width = 30, .text = col_figure },
	{ .title = N_("THIS PERIOD"), .width = VAL_W, .text = col_cur,
	  .right = true },
	{ .title = N_("PREVIOUS"), .width = VAL_W, .text = col_prev,
	  .right = true },
	{ .title = N_("LAST YEAR"), .width = VAL_W, .text = col_last_year,
	  .right = true },
	{ .title = NULL }
};

static void
size_cols(void)
{
	int w = COLS - 2 - 3 * (VAL_W + 1) - 1;

	kpi_cols[0].width = w > 10 ? w : 10;
}

static unsigned open_drill(struct ui *, struct board *, const void *);

static const struct board_move kpi_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("records"),
	  .help = N_("The records behind the chosen figure (R53)"),
	  .hint = true, .core = -1, .open = open_drill },
	{ .keyname = NULL }
};

static const struct board_class kpi_board = {
	.row_size = sizeof(struct kpi_line),
	.cols = kpi_cols,
	.moves = kpi_moves,
	.empty = N_("No report for this period."),
	.noun = N_("figure %lld"),
	.fetch = kpi_fetch,
	.free_rows = kpi_free_rows,
	.id = kpi_id,
	.version = kpi_version,
	.words = kpi_words,
	.clear_row = kpi_clear,
};

/* ---- the drill-down: a board of one figure's records ---- */

static void
drow_clear(void *row)
{
	struct drow *d = row;

	free(d->it.label);
	d->it.label = NULL;
}

/* The records read so far dropped: the next fetch reads from the first. */
static void
drill_reset(struct reports *r)
{
	size_t i;

	for (i = 0; i < r->dn; i++)
		drow_clear(&r->dv[i]);
	free(r->dv);
	r->dv = NULL;
	r->dn = r->dcap = 0;
	r->dread = r->dall = false;
}

/*
 * Reads the figure's records, DRILL_PAGE at a time after the last one
 * read (kf_report_drill's anchor), until need are read or every one is.
 * Rows that share one (at, id) — a complaint's clocks, review M1 — are
 * kept together: a full page's last group is left for the next page, so
 * every group read is whole; the anchor is the last row's (at, id, sub),
 * the core's row key.
 */
static enum kf_rc
drill_read(struct ui *ui, struct reports *r, size_t need, struct kf_err *err)
{
	struct kf_drill_item *v, anchor;
	size_t n, i, take;
	enum kf_rc rc;

	while (!r->dall && (!r->dread || r->dn < need)) {
		memset(&anchor, 0, sizeof(anchor));
		if (r->dn > 0) {
			anchor.at = r->dv[r->dn - 1].it.at;
			anchor.id = r->dv[r->dn - 1].it.id;
			anchor.sub = r->dv[r->dn - 1].it.sub;
		}
		rc = kf_report_drill(ui->k, (enum kf_kpi)keep.kpi, &keep.p,
		    scope_of(), keep.part, r->dn > 0 ? &anchor : NULL,
		    DRILL_PAGE, &v, &n, r->dread ? NULL : &r->drill_total, err);
		if (rc != KF_OK)
			return rc;
		r->dread = true;
		take = n;
		if (n < DRILL_PAGE)
			r->dall = true;
		else {
			while (take > 0 && v[take - 1].at == v[n - 1].at &&
			    v[take - 1].id == v[n - 1].id)
				take--;
			if (take == 0)	/* one group fills a page: as is */
				take = n;
		}
		if (r->dn + take > r->dcap) {
			r->dcap = (r->dn + take) * 2;
			r->dv = xrealloc(r->dv, r->dcap * sizeof(*r->dv));
		}
		for (i = 0; i < take; i++) {
			r->dv[r->dn].it = v[i];
			r->dv[r->dn].seq = (int64_t)r->dn;
			r->dn++;
			v[i].label = NULL;	/* now dv's */
		}
		kf_drill_free(v, n);
	}
	return KF_OK;
}

/*
 * A page of the board out of the records read (read further as far as
 * the page needs): the rows around the anchor copied, then cut as
 * board_slice cuts a whole list. The anchor is known by its place.
 */
static enum kf_rc
drill_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n,
    struct kf_err *err)
{
	struct reports *r = st(ui);
	struct drow *v;
	size_t at = SIZE_MAX, lo, hi, need, i;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	if (r == NULL || !r->have)
		return KF_OK;
	if (anchor != NULL && ((const struct drow *)anchor)->seq >= 0)
		at = (size_t)((const struct drow *)anchor)->seq;
	if (dir == KF_PAGE_LAST)
		need = SIZE_MAX;
	else if (at != SIZE_MAX && dir != KF_PAGE_FIRST)
		need = at + 1 + (size_t)limit;
	else
		need = (size_t)limit;
	if ((rc = drill_read(ui, r, need, err)) != KF_OK)
		return rc;
	if (dir == KF_PAGE_LAST) {
		lo = r->dn > (size_t)limit ? r->dn - (size_t)limit : 0;
		hi = r->dn;
	} else if (at < r->dn && dir != KF_PAGE_FIRST) {
		lo = at > (size_t)limit ? at - (size_t)limit : 0;
		hi = at + 1 + (size_t)limit < r->dn ? at + 1 +
		    (size_t)limit : r->dn;
	} else {
		lo = 0;
		hi = (size_t)limit < r->dn ? (size_t)limit : r->dn;
	}
	v = xcalloc(hi - lo + 1, sizeof(*v));
	for (i = lo; i < hi; i++) {
		v[i - lo] = r->dv[i];
		v[i - lo].it.label = xstrdup(r->dv[i].it.label != NULL ?
		    r->dv[i].it.label : "");
	}
	board_slice(b->cls, v, hi - lo, dir, anchor, limit, n);
	*rows = v;
	return KF_OK;
}

static void
drill_free_rows(void *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		drow_clear((struct drow *)rows + i);
	free(rows);
}

static int64_t
drill_id(const void *row)
{
	return ((const struct drow *)row)->seq;
}

static const char *
drill_words(const void *row)
{
	const struct drow *d = row;

	return d->it.label != NULL ? d->it.label : "";
}

/* "11-03 09:40": the period names the year; the record's label says
 * the rest (whole under the list). */
static void
col_when(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	char full[32];

	(void)ui;
	(void)b;
	kf_time_local(((const struct drow *)row)->it.at, full, sizeof(full));
	snprintf(buf, n, "%s", full + 5);
}

static const char *
kind_word(enum kf_drill_kind k)
{
	static const char *const w[KF_DRILL_KIND_COUNT] = {
		[KF_DRILL_CONTACT] = N_("contacts"),
		[KF_DRILL_ORDER] = N_("work orders"),
		[KF_DRILL_COMPLAINT] = N_("complaints"),
		[KF_DRILL_CALLBACK] = N_("callbacks"),
		[KF_DRILL_NOTICE] = N_("fee notices"),
		[KF_DRILL_PAYMENT] = N_("receipts"),
	};

	return (int)k >= 0 && k < KF_DRILL_KIND_COUNT ? w[k] : "";
}

static const struct board_col drill_cols[] = {
	{ .title = N_("PLACED AT"), .width = 11, .text = col_when },
	{ .title = N_("RECORD"), .str = BOARD_STR(struct drow, it.label) },
	{ .title = NULL }
};

static unsigned open_record(struct ui *, struct board *, const void *);

static const struct board_move drill_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("open"),
	  .help = N_("Open the chosen record on its own screen (a contact "
	  "on F2, a work order on F3, a complaint on F4, a fee notice or a "
	  "receipt in its account on F5, a callback on F6)"), .hint = true,
	  .core = -1,
	  .open = open_record },
	{ .keyname = NULL }
};

static const struct board_class drill_board = {
	.row_size = sizeof(struct drow),
	.cols = drill_cols,
	.moves = drill_moves,
	.empty = N_("No records behind this figure."),
	.noun = N_("record %lld"),
	.fetch = drill_fetch,
	.free_rows = drill_free_rows,
	.id = drill_id,
	.version = kpi_version,
	.words = drill_words,
	.clear_row = drow_clear,
};

/* ---- keys ---- */

/* "before" and "after", not "earlier" and "later": Callbacks' "later"
 * (稍后, do it later) is another word in Chinese (review L1). */
#define RKEY(k, name, lbl, hlp, hnt, what) \
	{ CH(k), CMD_REPORT, (what), (name), (lbl), (hlp), (hnt) }
#define PERIOD_KEYS \
	RKEY('[', "[", N_("before"), N_("The period before (a month or a " \
	    "quarter)"), true, R_PREV), \
	RKEY(']', "]", N_("after"), N_("The period after"), true, R_NEXT), \
	RKEY('p', "p", N_("period"), N_("Type a period: a month 2026-11 or " \
	    "a quarter 2026Q4"), true, R_TYPE), \
	RKEY('m', "m", NULL, N_("Switch between months and quarters"), \
	    false, R_KIND), \
	RKEY('s', "s", N_("scope"), N_("Everyone, one staff member, one " \
	    "team (role) or one community"), true, R_SCOPE)

static const struct binding table_keys[] = {
	PERIOD_KEYS,
	RKEY('g', "g", N_("chart"), N_("The chosen figure as pictures: per "
	    "person or community, and its twelve months"), true, R_CHART),
	END_BINDINGS
};

static const struct binding drill_keys[] = {
	RKEY('v', "v", N_("which"), N_("Which records: the missed ones, the "
	    "counted ones, or all of the denominator"), true, R_PART),
	RKEY(27, "Esc", N_("to the table"), N_("Back to the table"), true, R_BACK),
	{ FN(KEY_BACKSPACE), CMD_REPORT, R_BACK, "Backspace", NULL,
	  N_("Back to the table"), false },
	RKEY('[', "[", NULL, N_("The period before (a month or a quarter)"),
	    false, R_PREV),
	RKEY(']', "]", NULL, N_("The period after"), false, R_NEXT),
	END_BINDINGS
};

static const struct binding chart_keys[] = {
	{ FN(KEY_UP), CMD_UP, 0, "Up", NULL, N_("The figure above"), false },
	{ FN(KEY_DOWN), CMD_DOWN, 0, "Down", NULL, N_("The figure below"),
	  false },
	RKEY('b', "b", N_("by"), N_("Bars per staff member or per community"),
	    true, R_BY),
	{ CH('\r'), CMD_OPEN, 0, "Enter", N_("records"),
	  N_("The records behind the chosen figure (R53)"), true },
	PERIOD_KEYS,
	RKEY('g', "g", N_("table"), N_("Back to the table"), true, R_CHART),
	RKEY(27, "Esc", NULL, N_("Back to the table"), false, R_BACK),
	END_BINDINGS
};

/* ---- the panels ---- */

static int
list_top(void)
{
	return ui_body_top() + 2;	/* the title, the periods' line */
}

static int
list_height(void)
{
	return ui_body_height() - 2;
}

/* The drill-down's list: under its heading, above the chosen record's
 * label written whole (DETAIL_LINES). */
#define DETAIL_LINES	2

static int
drill_height(void)
{
	return list_height() - 1 - DETAIL_LINES;
}

/* The part a figure's drill-down starts at: a rate's missed records
 * (the late ones), a count's or money's own. */
static enum kf_drill_part
first_part(int kpi)
{
	return kf_kpi_defs[kpi].kind == KF_KPI_K_RATE ? KF_DRILL_MISS :
	    KF_DRILL_NUM;
}

static void
start_drill(struct ui *ui, struct reports *r)
{
	drill_reset(r);
	r->drill_stale = false;
	if (r->drill_on)
		board_free(&r->db);
	board_init(ui, &r->db, &drill_board, 1, r, drill_keys,
	    drill_height());
	r->drill_on = true;
	keep.panel = P_DRILL;
}

static unsigned
open_drill(struct ui *ui, struct board *b, const void *row)
{
	struct reports *r = st(ui);

	(void)b;
	keep.kpi = ((const struct kpi_line *)row)->i;
	keep.part = first_part(keep.kpi);
	start_drill(ui, r);
	return DIRTY_ALL;
}

/* ---- a record on its own screen ---- */

/*
 * Shows the screen of F key fkey to open a record on it. One whose
 * roles lack it is told so, as the F key would tell him, and the caller
 * shows the record over F7. (Every role that has F7 has F2 to F6 in
 * perm.c's table today: this is for a table that changes.)
 */
static bool
show_screen(struct ui *ui, int fkey)
{
	if (ui_show_screen(ui, fkey))
		return true;
	ui_msg(ui, MSG_INFO, _("F%d is not available to your roles: the "
	    "record is shown over the report."), fkey);
	return false;
}

/* A view form opened (on its screen or over F7): the way back. */
static void
opened(struct ui *ui, struct form *f, bool on_screen)
{
	ui_open_form(ui, f);
	if (on_screen)
		ui_msg(ui, MSG_INFO, "%s", _("Close it, then F7: back to the "
		    "report."));
}

/*
 * The receipt of drill item d. The core's item carries the receipt's
 * row id, its label the receipt's number ("receipt 12 · 王芳"), and
 * kf_receipt_get takes the number: the label's first number is tried,
 * then the id (the same while no receipt was ever taken out of turn),
 * each checked against the row id.
 */
static bool
receipt_of(struct ui *ui, int64_t id, const char *label,
    struct kf_receipt *re)
{
	int64_t no[2] = { 0, id };
	const char *p = label != NULL ? label : "";
	int i;

	while (*p != '\0' && (*p < '0' || *p > '9'))
		p++;
	if (*p != '\0')
		no[0] = strtoll(p, NULL, 10);
	for (i = 0; i < 2; i++) {
		memset(re, 0, sizeof(*re));
		if (no[i] > 0 && kf_receipt_get(ui->k, no[i], re, NULL) ==
		    KF_OK && re->id == id)
			return true;
		kf_receipt_clear(re);
	}
	return false;
}

/*
 * A fee notice (issued, arrears) or a receipt (collected) in its
 * customer's account on F5 (the billing desk's account panel; a
 * supervisor's and an admin's is the look at it, V_LOOK), the cursor on
 * it and its lines or allocations below. An account lists its newest
 * notices and receipts: an older one is named on the message line with
 * the command that shows it.
 */
static void
open_in_account(struct ui *ui, const struct kf_drill_item *d)
{
	bool receipt = d->kind == KF_DRILL_PAYMENT;
	int64_t id = d->id, cust, rno = 0;
	char idtext[24], no[24] = "", label[256];
	struct kf_notice n;
	struct kf_receipt re;
	struct kf_err err;

	snprintf(label, sizeof(label), "%s", d->label != NULL ? d->label :
	    "");
	kf_err_clear(&err);
	if (receipt) {
		if (!receipt_of(ui, id, label, &re)) {
			ui_msg(ui, MSG_ERROR, _("Receipt %lld could not be "
			    "read: kefu receipt show NUMBER."), (long long)id);
			return;
		}
		cust = re.customer_id;
		rno = re.no;
		kf_receipt_clear(&re);
	} else {
		snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
		if (kf_notice_get(ui->k, idtext, &n, &err) != KF_OK) {
			ui_err(ui, &err);
			return;
		}
		cust = n.customer_id;
		snprintf(no, sizeof(no), "%s", n.no);
		kf_notice_clear(&n);
	}
	if (!ui_show_screen(ui, 5)) {
		ui_msg(ui, MSG_INFO, _("F5 is not available to your roles: %s"),
		    label);
		return;
	}
	/* (F7's state, d with it, is gone now.) */
	if (billing_show_item(ui, cust, receipt, id))
		ui_msg(ui, MSG_INFO, "%s", _("F7: back to the report."));
	else if (receipt)
		ui_msg(ui, MSG_INFO, _("Receipt %lld is older than the "
		    "account lists: kefu receipt show %lld."), (long long)rno,
		    (long long)rno);
	else
		ui_msg(ui, MSG_INFO, _("Notice %s is older than the account "
		    "lists: kefu notice show %s."), no, no);
}

/*
 * A record on its own screen: a contact on F2, a work order on F3, a
 * complaint on F4, a callback task on F6, shown whole over it (the
 * screen's own view form, read only: a supervisor reading a figure
 * records nothing from here); a fee notice or a receipt in its account
 * on F5. This screen's state is gone once the other is shown: what is
 * needed of the row is copied first. Closing the view leaves the person
 * on that screen (F7 brings him back to the list): returning by itself
 * would need a hook in form.c that runs once a form has closed.
 */
static unsigned
open_record(struct ui *ui, struct board *b, const void *row)
{
	const struct kf_drill_item *d = &((const struct drow *)row)->it;
	enum kf_drill_kind kind = d->kind;
	int64_t id = d->id;
	struct kf_err err;
	bool on;

	(void)b;
	kf_err_clear(&err);
	switch (kind) {
	case KF_DRILL_CONTACT: {
		struct kf_contact c;

		if (kf_contact_get(ui->k, id, &c, &err) != KF_OK)
			break;
		on = show_screen(ui, 2);
		opened(ui, contact_view_form(ui, &c), on);
		kf_contact_clear(&c);
		return DIRTY_ALL;
	}
	case KF_DRILL_ORDER: {
		struct kf_order o;

		if (kf_order_get(ui->k, id, &o, &err) != KF_OK)
			break;
		on = show_screen(ui, 3);
		opened(ui, order_view_form(ui, &o), on);
		kf_order_clear(&o);
		return DIRTY_ALL;
	}
	case KF_DRILL_COMPLAINT: {
		struct kf_complaint c;

		if (kf_complaint_get(ui->k, id, &c, &err) != KF_OK)
			break;
		on = show_screen(ui, 4);
		opened(ui, complaint_view_form(ui, &c), on);
		kf_complaint_clear(&c);
		return DIRTY_ALL;
	}
	case KF_DRILL_CALLBACK: {	/* completion, satisfaction */
		struct kf_callback c;

		if (kf_callback_get(ui->k, id, &c, &err) != KF_OK)
			break;
		on = show_screen(ui, 6);
		opened(ui, callback_view_form(ui, &c), on);
		kf_callback_clear(&c);
		return DIRTY_ALL;
	}
	case KF_DRILL_NOTICE:
	case KF_DRILL_PAYMENT:
		open_in_account(ui, d);
		return DIRTY_ALL;
	}
	ui_err(ui, &err);
	return DIRTY_ALL;
}

/* ---- the period and the scope ---- */

/* The table of another period or scope read: the lists shown follow. */
static void
view_changed(struct ui *ui, struct reports *r)
{
	board_reload(ui, &r->kb, true, list_height());
	drill_reset(r);
	r->drill_stale = false;
	/* (A drill-down not shown is started afresh when it is.) */
	if (r->drill_on && keep.panel == P_DRILL)
		board_reload(ui, &r->db, false, drill_height());
}

static unsigned
step_period(struct ui *ui, struct reports *r, int by)
{
	struct kf_period p;

	kf_period_make(keep.p.kind, keep.p.year, keep.p.n + by, &p);
	if (load_table(ui, r, &p))
		view_changed(ui, r);
	return DIRTY_ALL;
}

static unsigned
switch_kind(struct ui *ui, struct reports *r)
{
	struct kf_period p;
	/* The month a quarter ends with (the last complete one of it), or
	 * the quarter a month falls in. */
	int64_t at = keep.p.kind == KF_PERIOD_QUARTER ? keep.p.to - 1 :
	    keep.p.from;

	kf_period_at(keep.p.kind == KF_PERIOD_MONTH ? KF_PERIOD_QUARTER :
	    KF_PERIOD_MONTH, at, &p);
	if (p.from > kf_core_now(ui->k))	/* the quarter's later months */
		kf_period_at(KF_PERIOD_MONTH, kf_core_now(ui->k), &p);
	if (load_table(ui, r, &p))
		view_changed(ui, r);
	return DIRTY_ALL;
}

static enum kf_rc
period_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct reports *r = st(ui);
	char *s = form_text(f, "period");
	struct kf_period p;
	struct kf_kpi_table t;
	enum kf_rc rc;

	rc = kf_report_period_parse(s, &p, err);
	free(s);
	/* The core says whether it can answer for it: refused, the form
	 * stays with the reason under the field. */
	if (rc == KF_OK && (rc = kf_report_kpi(ui->k, &p, scope_of(), &t,
	    err)) != KF_OK)
		kf_err_field(err, "period");
	if (rc != KF_OK || r == NULL)
		return rc;
	r->t = t;
	r->have = true;
	r->data_version = ui->data_version;
	keep.p = p;
	view_changed(ui, r);
	return KF_OK;
}

static void
type_period(struct ui *ui)
{
	struct form *f = form_new(N_("Report period"), NULL, 0,
	    period_submit);

	form_add(f, "period", N_("Month (2026-11) or quarter (2026Q4)"),
	    FIELD_TEXT, keep.p.key, 16);
	ui_open_form(ui, f);
}

static const char *const scope_kinds[] = { N_("The whole service"),
    N_("One staff member"), N_("One team (role)"), N_("One community") };

static void
free_scope_items(struct reports *r)
{
	size_t i;

	for (i = 0; i < r->nsi; i++)
		free(r->si[i].name);
	free(r->si);
	free(r->sitems);
	r->si = NULL;
	r->sitems = NULL;
	r->nsi = 0;
}

static void
scope_picked(struct ui *ui, void *arg, unsigned choice)
{
	struct reports *r = st(ui);
	struct kf_scope was = keep.scope;

	(void)arg;
	if (r == NULL || choice >= r->nsi)
		return;
	keep.scope = r->si[choice].scope;
	if (!load_table(ui, r, &keep.p)) {
		keep.scope = was;
		return;
	}
	snprintf(keep.scope_name, sizeof(keep.scope_name), "%s",
	    r->sitems[choice]);
	view_changed(ui, r);
}

static void
add_scope_item(struct reports *r, const struct kf_scope *s, const char *name)
{
	r->si = xrealloc(r->si, (r->nsi + 1) * sizeof(*r->si));
	r->si[r->nsi].scope = *s;
	r->si[r->nsi].name = xstrdup(name);
	r->nsi++;
}

/*
 * The picker's people: every account, enabled first, by name
 * (kf_staff_colleagues: one query), not the breakdown per staff member,
 * which counts every figure for each of them (review M5). Someone with
 * nothing in the period has zeros and "—".
 */
static bool
staff_items(struct ui *ui, struct reports *r)
{
	struct kf_staff *v = NULL;
	struct kf_scope s;
	struct kf_err err;
	const struct kf_role_info *roles;
	unsigned mask = 0;
	size_t n = 0, i, nroles;
	char name[160];

	roles = kf_roles(&nroles);
	for (i = 0; i < nroles; i++)
		mask |= (unsigned)roles[i].role;
	kf_err_clear(&err);
	if (kf_staff_colleagues(ui->k, mask, STAFF_MAX, &v, &n, &err) !=
	    KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	for (i = 0; i < n; i++) {
		memset(&s, 0, sizeof(s));
		s.kind = KF_SCOPE_STAFF;
		s.staff_id = v[i].id;
		if (v[i].disabled)
			snprintf(name, sizeof(name), _("%s (disabled)"),
			    v[i].display_name);
		else
			snprintf(name, sizeof(name), "%s", v[i].display_name);
		add_scope_item(r, &s, name);
	}
	kf_staff_list_free(v, n);
	return true;
}

/* The six roles, in their order: no query at all. */
static void
role_items(struct reports *r)
{
	const struct kf_role_info *roles;
	struct kf_scope s;
	size_t i, n;

	roles = kf_roles(&n);
	for (i = 0; i < n; i++) {
		memset(&s, 0, sizeof(s));
		s.kind = KF_SCOPE_ROLE;
		s.role = (unsigned)roles[i].role;
		add_scope_item(r, &s, _(roles[i].label));
	}
}

/*
 * The communities the period's records name. The core lists them only
 * with their figures (kf_report_breakdown by community): the chart's,
 * when it has read them for this period, else read now and kept for it.
 */
static bool
community_items(struct ui *ui, struct reports *r)
{
	const struct groups *g = &r->bars[KF_BY_COMMUNITY];
	size_t i;

	if (!bars_current(r, KF_BY_COMMUNITY) &&
	    !load_bars(ui, r, KF_BY_COMMUNITY))
		return false;
	for (i = 0; i < g->n; i++)
		add_scope_item(r, &g->v[i].scope, g->v[i].name[0] ?
		    g->v[i].name : _("(no community)"));
	return true;
}

static void
scope_kind_picked(struct ui *ui, void *arg, unsigned choice)
{
	static const char *const title[] = { "", N_("Which staff member"),
	    N_("Which team"), N_("Which community") };
	struct reports *r = st(ui);
	size_t i;
	bool ok;

	(void)arg;
	if (r == NULL || choice > 3)
		return;
	if (choice == 0) {
		memset(&keep.scope, 0, sizeof(keep.scope));
		keep.scope.kind = KF_SCOPE_ALL;
		keep.scope_name[0] = '\0';
		if (load_table(ui, r, &keep.p))
			view_changed(ui, r);
		return;
	}
	free_scope_items(r);
	ok = true;
	if (choice == 1)
		ok = staff_items(ui, r);
	else if (choice == 2)
		role_items(r);
	else
		ok = community_items(ui, r);
	if (!ok)
		return;
	if (r->nsi == 0) {
		ui_msg(ui, MSG_INFO, "%s", _("Nobody and nothing in this "
		    "period to choose."));
		return;
	}
	r->sitems = xcalloc(r->nsi, sizeof(char *));
	for (i = 0; i < r->nsi; i++)
		r->sitems[i] = r->si[i].name;
	ui_pick(ui, _(title[choice]), r->sitems, (int)r->nsi, PICK_LITERAL, 0,
	    scope_picked, NULL);
}

/* ---- the screen ---- */

/*
 * The drill-down's cursor put back on the record at place at (F7 again
 * after a record opened on its own screen): a page at a time while the
 * place is beyond the page, then a row at a time.
 */
static void
drill_back(struct ui *ui, struct reports *r, int64_t at)
{
	const struct drow *cur, *last;
	int64_t was;

	for (;;) {
		if ((cur = board_row(&r->db)) == NULL || cur->seq >= at)
			return;
		was = cur->seq;
		last = (const struct drow *)r->db.lv.rows + r->db.lv.nrows - 1;
		if (board_act(ui, &r->db, last->seq < at ? CMD_PGDN : CMD_DOWN,
		    0) == 0 || (cur = board_row(&r->db)) == NULL ||
		    cur->seq == was)
			return;		/* the end: fewer records now */
	}
}

static int
reports_enter(struct ui *ui)
{
	struct reports *r = xcalloc(1, sizeof(*r));
	struct kf_period p;
	int i;

	ui->state = r;
	if (!keep.set) {		/* the month now running, for everyone */
		kf_period_at(KF_PERIOD_MONTH, kf_core_now(ui->k), &keep.p);
		keep.scope.kind = KF_SCOPE_ALL;
		keep.panel = P_TABLE;
		keep.by = KF_BY_STAFF;
		keep.set = true;
	}
	size_cols();
	p = keep.p;
	load_table(ui, r, &p);
	board_init(ui, &r->kb, &kpi_board, 1, r, table_keys, list_height());
	/* Back where the person was: the figure, its records. */
	for (i = 0; i < KF_KPI_ROWS && r->kb.lv.nrows > 0 &&
	    chosen(r) < keep.kpi; i++)
		board_act(ui, &r->kb, CMD_DOWN, 0);
	if (keep.panel == P_DRILL && r->have) {
		start_drill(ui, r);
		drill_back(ui, r, keep.drill_at);
	} else if (keep.panel == P_DRILL)
		keep.panel = P_TABLE;
	chart_sync(ui, r);
	return 0;
}

static void
reports_leave(struct ui *ui)
{
	struct reports *r = st(ui);
	int by;

	if (r == NULL)
		return;
	board_free(&r->kb);
	keep.drill_at = 0;
	if (r->drill_on && board_row(&r->db) != NULL)
		keep.drill_at = ((const struct drow *)board_row(&r->db))->seq;
	if (r->drill_on)
		board_free(&r->db);
	drill_reset(r);
	for (by = 0; by <= KF_BY_COMMUNITY; by++)
		free_groups(&r->bars[by]);
	free_scope_items(r);
	free(r);
	ui->state = NULL;
}

/* The figure under the table's cursor. */
static int
chosen(struct reports *r)
{
	const struct kpi_line *l = board_row(&r->kb);

	return l != NULL ? l->i : keep.kpi;
}

static void
dim_line(int y, const char *text)
{
	attron(theme(C_DIM));
	draw_text(stdscr, y, 1, text, COLS - 2, true);
	attroff(theme(C_DIM));
}

/*
 * The bars of the chosen figure: the groups of the breakdown that have a
 * value for it (review L9: a technician has no complaint clocks, a clerk
 * no arrivals; they are left out, not drawn "—"), in h lines.
 */
static void
draw_bars(struct reports *r, int y, int h)
{
	const struct kf_kpi_def *d = &kf_kpi_defs[keep.kpi];
	const struct groups *g = &r->bars[keep.by];
	struct chart_item *bars;
	int64_t full = d->kind == KF_KPI_K_RATE ? 1000 : 0;
	char buf[256];
	size_t i;
	int n = 0, drawn;

	if (!bars_current(r, keep.by)) {
		dim_line(y, keep.by == KF_BY_STAFF ? _("Counting per staff "
		    "member…") : _("Counting per community…"));
		return;
	}
	bars = xcalloc(g->n + 1, sizeof(*bars));
	for (i = 0; i < g->n; i++) {
		const struct kf_kpi_value *v = &g->v[i].v[keep.kpi];

		bars[n].label = g->v[i].name[0] ? g->v[i].name :
		    _("(no community)");
		bars[n].has = v->has;
		bars[n].value = d->kind == KF_KPI_K_RATE ? kf_kpi_permille(v) :
		    v->num;
		kf_kpi_format(d, v, bars[n].text, sizeof(bars[n].text));
		n++;
	}
	n = chart_keep_valued(bars, n);
	if (g->n == 0)
		dim_line(y, _("No one to show in this period."));
	else if (n == 0)
		dim_line(y, keep.by == KF_BY_STAFF ? _("No one has a value for "
		    "this figure in this period.") : _("No community has a "
		    "value for this figure in this period."));
	else if (n <= h)
		chart_bars(stdscr, y, 1, COLS - 2, h, bars, n, full);
	else {		/* the last line says how many more there are */
		drawn = chart_bars(stdscr, y, 1, COLS - 2, h - 1, bars, n,
		    full);
		snprintf(buf, sizeof(buf), _("… and %d more (kefu report "
		    "staff)"), n - drawn);
		dim_line(y + h - 1, buf);
	}
	free(bars);
}

static void
draw_chart(struct ui *ui, struct reports *r, int y, int h)
{
	const struct kf_kpi_def *d = &kf_kpi_defs[keep.kpi];
	struct chart_item months[KF_TREND_MONTHS];
	static char mlabel[KF_TREND_MONTHS][8];
	int bh, i;
	char buf[256];
	/* A rate's whole bar is 100%; a count or an amount's, the largest. */
	int64_t full = d->kind == KF_KPI_K_RATE ? 1000 : 0;

	(void)ui;
	attron(theme(C_TITLE));
	/* The bars kept while another session's change waits for a quiet
	 * moment or a key, or while they are counted again, say so. */
	snprintf(buf, sizeof(buf), "%s — %s%s", _(d->label),
	    keep.by == KF_BY_STAFF ? _("per staff member") :
	    _("per community"), r->chart_stale ? _(" · changed since") :
	    r->bars_due && bars_current(r, keep.by) ?
	    _(" · counting again…") : "");
	draw_text_cut(stdscr, y, 1, buf, COLS - 2, true);
	attroff(theme(C_TITLE));
	/* The bars take what the trend (7 lines and its title) leaves. */
	bh = h - 1 - 8;
	if (bh < 3)
		bh = 3;
	draw_bars(r, y + 1, bh);
	if (!r->have_trend || r->trend.kpi != (enum kf_kpi)keep.kpi)
		return;
	for (i = 0; i < KF_TREND_MONTHS; i++) {
		const struct kf_kpi_value *v = &r->trend.v[i];

		snprintf(mlabel[i], sizeof(mlabel[i]), "%02d",
		    r->trend.month[i].n);
		months[i].label = mlabel[i];
		months[i].has = v->has;
		months[i].value = d->kind == KF_KPI_K_RATE ?
		    kf_kpi_permille(v) : v->num;
		kf_kpi_format(d, v, months[i].text, sizeof(months[i].text));
	}
	attron(theme(C_TITLE));
	snprintf(buf, sizeof(buf), _("%s — the twelve months to %s: %s"),
	    _(d->label), r->trend.month[KF_TREND_MONTHS - 1].key,
	    months[KF_TREND_MONTHS - 1].has ?
	    months[KF_TREND_MONTHS - 1].text : "—");
	draw_text_cut(stdscr, y + 1 + bh, 1, buf, COLS - 2, true);
	attroff(theme(C_TITLE));
	chart_trend(stdscr, y + 2 + bh, 1, COLS - 2, h - 2 - bh, months,
	    KF_TREND_MONTHS, full, "100%");
}

static const char *
part_label(enum kf_drill_part p)
{
	switch (p) {
	case KF_DRILL_MISS:
		return N_("missed");
	case KF_DRILL_DEN:
		return N_("all counted against");
	default:
		return N_("counted");
	}
}

static void
reports_draw(struct ui *ui)
{
	struct reports *r = st(ui);
	int y = ui_body_top();
	char buf[512], cur[64], prev[64], ly[64];
	const char *scope;

	size_cols();
	kf_period_label(&keep.p, cur, sizeof(cur));
	scope = keep.scope.kind == KF_SCOPE_ALL ? _("the whole service") :
	    keep.scope_name;
	snprintf(buf, sizeof(buf), _("Reports · %s%s · %s"), cur,
	    r->have && r->t.partial ? _(" (to now)") : "", scope);
	attron(theme(C_TITLE));
	draw_text_cut(stdscr, y, 1, buf, COLS - 2, true);
	attroff(theme(C_TITLE));
	if (r->have) {
		kf_period_label(&r->t.prev, prev, sizeof(prev));
		kf_period_label(&r->t.last_year, ly, sizeof(ly));
		snprintf(buf, sizeof(buf), _("previous: %s · last year: %s"),
		    prev, ly);
	} else
		snprintf(buf, sizeof(buf), "%s", _("No report: choose another "
		    "period ([ ] or p)."));
	attron(theme(C_DIM));
	draw_text_cut(stdscr, y + 1, 1, buf, COLS - 2, true);
	attroff(theme(C_DIM));
	switch (keep.panel) {
	case P_DRILL: {
		const struct kf_kpi_def *d = &kf_kpi_defs[keep.kpi];
		const struct drow *it = board_row(&r->db);

		/* TRANSLATORS: a figure, which of its records, how many,
		 * of what: "On-time arrival (R2) — missed: 7 (work orders)". */
		snprintf(buf, sizeof(buf), _("%s — %s: %lld (%s)"), _(d->label),
		    _(part_label(keep.part)), (long long)r->drill_total,
		    _(kind_word(d->drill)));
		if (r->drill_stale)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s", _(" · changed since"));
		attron(A_BOLD);
		draw_text_cut(stdscr, list_top(), 1, buf, COLS - 2, true);
		attroff(A_BOLD);
		board_draw(ui, &r->db, list_top() + 1, drill_height(), true);
		if (it != NULL && it->it.label != NULL)
			draw_wrapped(stdscr, list_top() + 1 + drill_height(),
			    1, it->it.label, COLS - 2, DETAIL_LINES);
		break;
	}
	case P_CHART:
		draw_chart(ui, r, list_top(), list_height());
		break;
	default:
		board_draw(ui, &r->kb, list_top(), list_height(), true);
	}
}

/*
 * The chart shown is of the figure, period, scope and grouping chosen:
 * after every key. What is kept serves (the bars hold every figure, so
 * Up and Down only redraw); what is stale is read again (M5); the bars
 * not read yet are read at the next tick, "counting" drawn first.
 */
static void
chart_sync(struct ui *ui, struct reports *r)
{
	if (keep.panel != P_CHART || !r->have)
		return;
	if (r->chart_stale) {
		refresh_chart(ui, r);
		return;
	}
	load_trend(ui, r);
	if (!bars_current(r, keep.by))
		r->bars_due = true;
}

static unsigned
reports_act_panel(struct ui *, enum command, int);

static unsigned
reports_act(struct ui *ui, enum command act, int arg)
{
	struct reports *r = st(ui);
	unsigned d;

	/* A key in a stale drill-down: the records as they are now first,
	 * the key acting on them. */
	if (keep.panel == P_DRILL && r->drill_stale)
		refresh_drill(ui, r);
	d = reports_act_panel(ui, act, arg);
	if (ui->screen == &screen_reports && st(ui) != NULL)
		chart_sync(ui, st(ui));
	return d;
}

static unsigned
reports_act_panel(struct ui *ui, enum command act, int arg)
{
	struct reports *r = st(ui);
	unsigned d;

	if (act == CMD_REPORT) {
		switch (arg) {
		case R_PREV:
			return step_period(ui, r, -1);
		case R_NEXT:
			return step_period(ui, r, 1);
		case R_KIND:
			return switch_kind(ui, r);
		case R_TYPE:
			type_period(ui);
			return DIRTY_ALL;
		case R_SCOPE:
			ui_pick(ui, _("Report for"), scope_kinds, 4, 0, 0,
			    scope_kind_picked, NULL);
			return DIRTY_ALL;
		case R_CHART:
			keep.kpi = chosen(r);
			keep.panel = keep.panel == P_CHART ? P_TABLE : P_CHART;
			return DIRTY_ALL;
		case R_BY:
			keep.by = keep.by == KF_BY_STAFF ? KF_BY_COMMUNITY :
			    KF_BY_STAFF;
			return DIRTY_ALL;
		case R_PART:
			if (kf_kpi_defs[keep.kpi].kind != KF_KPI_K_RATE) {
				ui_msg(ui, MSG_INFO, "%s", _("A count or an "
				    "amount has only its own records."));
				return DIRTY_ALL;
			}
			keep.part = keep.part == KF_DRILL_MISS ? KF_DRILL_NUM :
			    keep.part == KF_DRILL_NUM ? KF_DRILL_DEN :
			    KF_DRILL_MISS;
			drill_reset(r);
			board_reload(ui, &r->db, false, drill_height());
			return DIRTY_ALL;
		case R_BACK:
			keep.panel = P_TABLE;
			return DIRTY_ALL;
		default:
			return 0;
		}
	}
	if (keep.panel == P_CHART) {
		if (act == CMD_OPEN && r->have) {
			keep.kpi = chosen(r);
			keep.part = first_part(keep.kpi);
			start_drill(ui, r);
			return DIRTY_ALL;
		}
		if ((d = board_act(ui, &r->kb, act, arg)) != 0)
			keep.kpi = chosen(r);
		return d;
	}
	if (keep.panel == P_DRILL)
		return board_act(ui, &r->db, act, arg);
	d = board_act(ui, &r->kb, act, arg);
	/* (A drill-down may have left for another screen: r is gone.) */
	if (ui->screen == &screen_reports && keep.panel == P_TABLE)
		keep.kpi = chosen(r);
	return d;
}

/*
 * Another session changed the data, or a resize. The table is read
 * again at once (one pass, as on opening F7). The drill-down and the
 * chart, which may be long or slow to read, are marked stale: read again
 * at the next key in their panel or after a quiet moment (reports_tick),
 * not at every poll of a busy desk (M5). A resize only lays them out
 * again.
 */
static void
reports_changed(struct ui *ui)
{
	struct reports *r = st(ui);
	struct kf_period p = keep.p;

	size_cols();
	if (ui->data_version != r->data_version) {
		if (r->have && load_table(ui, r, &p))
			board_reload(ui, &r->kb, true, list_height());
		r->data_version = ui->data_version;
		r->changed_ms = now_ms();
		if (r->dread)
			r->drill_stale = true;
		if (r->have_trend || r->bars[KF_BY_STAFF].have ||
		    r->bars[KF_BY_COMMUNITY].have)
			r->chart_stale = true;
	} else
		board_reload(ui, &r->kb, true, list_height());
	if (r->drill_on && keep.panel == P_DRILL)
		board_reload(ui, &r->db, true, drill_height());
}

/*
 * About twice a second: the bars due are read (the screen said
 * "counting" meanwhile); what is stale in the panel shown is read again
 * once QUIET_MS have passed without another change.
 */
static unsigned
reports_tick(struct ui *ui)
{
	struct reports *r = st(ui);
	bool quiet;

	if (r == NULL)
		return 0;
	quiet = now_ms() - r->changed_ms >= QUIET_MS;
	if (keep.panel == P_DRILL && r->drill_stale && quiet) {
		refresh_drill(ui, r);
		return DIRTY_ALL;
	}
	if (keep.panel != P_CHART)
		return 0;
	if (r->chart_stale && quiet) {
		refresh_chart(ui, r);
		return DIRTY_ALL;
	}
	if (r->bars_due) {
		r->bars_due = false;
		load_bars(ui, r, keep.by);
		return DIRTY_ALL;
	}
	return 0;
}

static const struct binding *
reports_keys_now(const struct ui *ui)
{
	const struct reports *r = ui->state;

	if (r == NULL)
		return NULL;
	switch (keep.panel) {
	case P_DRILL:
		return r->drill_on ? board_keys(&r->db) : NULL;
	case P_CHART:
		return chart_keys;
	default:
		return board_keys(&r->kb);
	}
}

const struct screen screen_reports = {
	.title = N_("Reports"),
	.help = N_("Reports: the month or the quarter's figures, their "
	  "records and their pictures (R53)"),
	.fkey = 7,
	.action = KF_ACT_REPORT_VIEW,
	.start = 99,			/* never where anyone starts */
	.keys_now = reports_keys_now,
	.enter = reports_enter,
	.leave = reports_leave,
	.draw = reports_draw,
	.act = reports_act,
	.changed = reports_changed,
	.tick = reports_tick,
};
