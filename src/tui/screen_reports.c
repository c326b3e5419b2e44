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
 *           on its own screen (a work order on F3, a complaint on F4, a
 *           callback on F6);
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
 * Both lists are record boards (board.c); their rows are whole in memory
 * (a table of figures, a figure's records up to DRILL_MAX) and paged by
 * board_slice. The view (period, scope, panel, figure) outlives the
 * screen, so F7 after a record opened on F3 comes back where it was.
 * Nothing here writes: a report only reads (report.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/report.h"
#include "kefu/util.h"
#include "board.h"
#include "callback_form.h"
#include "chart.h"
#include "complaint_form.h"
#include "order_form.h"

#define DRILL_MAX	1000	/* kf_report_drill's limit */
#define VAL_W		13	/* "¥1,234,567.89" */

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
	enum kf_breakdown	 by;		/* the bars: staff or community */
} keep;

struct reports {
	struct board		 kb;		/* the KPI table */
	struct board		 db;		/* the drill-down */
	bool			 drill_on;	/* db is set up */
	struct kf_kpi_table	 t;
	bool			 have;		/* t holds a report */
	int64_t			 drill_total;
	/* The chart: the figure's groups and trend, for chart_kpi. */
	struct kf_kpi_group	*groups;
	size_t			 ngroups;
	struct kf_kpi_trend	 trend;
	bool			 have_chart;
	int			 chart_kpi;
	/* The scope picker's second step: the groups of one kind. */
	struct kf_kpi_group	*sg;
	size_t			 nsg;
	const char	       **sitems;
};

static struct reports *
st(struct ui *ui)
{
	return ui->state;
}

static int	chosen(struct reports *);
static void	chart_sync(struct ui *, struct reports *);

static const struct kf_scope *
scope_of(void)
{
	return keep.scope.kind == KF_SCOPE_ALL ? NULL : &keep.scope;
}

/* ---- loading ---- */

static void
free_chart(struct reports *r)
{
	kf_report_breakdown_free(r->groups, r->ngroups);
	r->groups = NULL;
	r->ngroups = 0;
	r->have_chart = false;
}

/*
 * Reads the table of p; on a refusal (a period not begun, before the
 * first record) says why and keeps what was shown. True when read.
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
	keep.p = *p;
	free_chart(r);
	return true;
}

/* The chart of figure kpi: per staff or community, and the trend. */
static void
load_chart(struct ui *ui, struct reports *r)
{
	struct kf_period last;
	struct kf_err err;

	free_chart(r);
	if (!r->have)
		return;
	/* The trend ends with the period's last month begun (a quarter
	 * running: this month, not its empty last). */
	kf_period_at(KF_PERIOD_MONTH, keep.p.to - 1 < kf_core_now(ui->k) ?
	    keep.p.to - 1 : kf_core_now(ui->k), &last);
	kf_err_clear(&err);
	if (kf_report_breakdown(ui->k, &keep.p, keep.by, &r->groups,
	    &r->ngroups, &err) != KF_OK ||
	    kf_report_trend(ui->k, (enum kf_kpi)keep.kpi, &last, scope_of(),
	    &r->trend, &err) != KF_OK) {
		kf_report_breakdown_free(r->groups, r->ngroups);
		r->groups = NULL;
		r->ngroups = 0;
		ui_err(ui, &err);
		return;
	}
	r->chart_kpi = keep.kpi;
	r->have_chart = true;
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

static enum kf_rc
drill_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n,
    struct kf_err *err)
{
	struct reports *r = st(ui);
	struct kf_drill_item *v = NULL;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	if (r == NULL || !r->have)
		return KF_OK;
	rc = kf_report_drill(ui->k, (enum kf_kpi)keep.kpi, &keep.p,
	    scope_of(), keep.part, NULL, DRILL_MAX, &v, n, &r->drill_total,
	    err);
	if (rc != KF_OK)
		return rc;
	board_slice(b->cls, v, *n, dir, anchor, limit, n);
	*rows = v;
	return KF_OK;
}

static void
drill_free_rows(void *rows, size_t n)
{
	kf_drill_free(rows, n);
}

static int64_t
drill_id(const void *row)
{
	return ((const struct kf_drill_item *)row)->id;
}

static const char *
drill_words(const void *row)
{
	const struct kf_drill_item *d = row;

	return d->label != NULL ? d->label : "";
}

static void
drill_clear(void *row)
{
	struct kf_drill_item *d = row;

	free(d->label);
	d->label = NULL;
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
	kf_time_local(((const struct kf_drill_item *)row)->at, full,
	    sizeof(full));
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
	{ .title = N_("RECORD"), .str = BOARD_STR(struct kf_drill_item,
	  label) },
	{ .title = NULL }
};

static unsigned open_record(struct ui *, struct board *, const void *);

static const struct board_move drill_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("open"),
	  .help = N_("Open the chosen record on its own screen (a work "
	  "order on F3, a complaint on F4, a callback on F6)"), .hint = true,
	  .core = -1,
	  .open = open_record },
	{ .keyname = NULL }
};

static const struct board_class drill_board = {
	.row_size = sizeof(struct kf_drill_item),
	.cols = drill_cols,
	.moves = drill_moves,
	.empty = N_("No records behind this figure."),
	.noun = N_("record %lld"),
	.fetch = drill_fetch,
	.free_rows = drill_free_rows,
	.id = drill_id,
	.version = kpi_version,
	.words = drill_words,
	.clear_row = drill_clear,
};

/* ---- keys ---- */

#define RKEY(k, name, lbl, hlp, hnt, what) \
	{ CH(k), CMD_REPORT, (what), (name), (lbl), (hlp), (hnt) }
#define PERIOD_KEYS \
	RKEY('[', "[", N_("earlier"), N_("The period before (a month or a " \
	    "quarter)"), true, R_PREV), \
	RKEY(']', "]", N_("later"), N_("The period after"), true, R_NEXT), \
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

/*
 * A record on its own screen: the work order on F3, the complaint on
 * F4, the callback task on F6, shown whole over it (the screen's own
 * view form, read only: a supervisor reading a figure records nothing
 * from here). This screen's state is gone once the other is shown: the
 * id is copied first. One whose roles lack that screen sees the record
 * over F7 (ui_show_screen refuses; the view opens all the same). The
 * kinds without a screen of their own (contacts, fee notices, receipts)
 * are named on the message line.
 */
static unsigned
open_record(struct ui *ui, struct board *b, const void *row)
{
	const struct kf_drill_item *d = row;
	enum kf_drill_kind kind = d->kind;
	int64_t id = d->id;
	struct kf_err err;

	(void)b;
	kf_err_clear(&err);
	if (kind == KF_DRILL_ORDER) {
		struct kf_order o;

		if (kf_order_get(ui->k, id, &o, &err) != KF_OK) {
			ui_err(ui, &err);
			return DIRTY_ALL;
		}
		ui_show_screen(ui, 3);
		ui_open_form(ui, order_view_form(ui, &o));
		kf_order_clear(&o);
		return DIRTY_ALL;
	}
	if (kind == KF_DRILL_COMPLAINT) {
		struct kf_complaint c;

		if (kf_complaint_get(ui->k, id, &c, &err) != KF_OK) {
			ui_err(ui, &err);
			return DIRTY_ALL;
		}
		ui_show_screen(ui, 4);
		ui_open_form(ui, complaint_view_form(ui, &c));
		kf_complaint_clear(&c);
		return DIRTY_ALL;
	}
	if (kind == KF_DRILL_CALLBACK) {	/* completion, satisfaction */
		struct kf_callback c;

		if (kf_callback_get(ui->k, id, &c, &err) != KF_OK) {
			ui_err(ui, &err);
			return DIRTY_ALL;
		}
		ui_show_screen(ui, 6);
		ui_open_form(ui, callback_view_form(ui, &c));
		kf_callback_clear(&c);
		return DIRTY_ALL;
	}
	ui_msg(ui, MSG_INFO, "%s", d->label != NULL ? d->label : "");
	return DIRTY_ALL;
}

/* ---- the period and the scope ---- */

static unsigned
step_period(struct ui *ui, struct reports *r, int by)
{
	struct kf_period p;

	kf_period_make(keep.p.kind, keep.p.year, keep.p.n + by, &p);
	if (load_table(ui, r, &p))
		board_reload(ui, &r->kb, true, list_height());
	if (keep.panel == P_DRILL && r->drill_on)
		board_reload(ui, &r->db, false, drill_height());
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
		board_reload(ui, &r->kb, true, list_height());
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
	keep.p = p;
	free_chart(r);
	board_reload(ui, &r->kb, true, list_height());
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
	kf_report_breakdown_free(r->sg, r->nsg);
	free(r->sitems);
	r->sg = NULL;
	r->sitems = NULL;
	r->nsg = 0;
}

static void
scope_picked(struct ui *ui, void *arg, unsigned choice)
{
	struct reports *r = st(ui);
	struct kf_scope was = keep.scope;
	char name[128];

	(void)arg;
	if (r == NULL || choice >= r->nsg)
		return;
	snprintf(name, sizeof(name), "%s", r->sg[choice].name[0] ?
	    r->sg[choice].name : _("(no community)"));
	keep.scope = r->sg[choice].scope;
	if (!load_table(ui, r, &keep.p)) {
		keep.scope = was;
		return;
	}
	snprintf(keep.scope_name, sizeof(keep.scope_name), "%s", name);
	board_reload(ui, &r->kb, true, list_height());
}

static void
scope_kind_picked(struct ui *ui, void *arg, unsigned choice)
{
	static const enum kf_breakdown by[] = { KF_BY_STAFF, KF_BY_STAFF,
	    KF_BY_ROLE, KF_BY_COMMUNITY };
	static const char *const title[] = { "", N_("Which staff member"),
	    N_("Which team"), N_("Which community") };
	struct reports *r = st(ui);
	struct kf_err err;
	size_t i;

	(void)arg;
	if (r == NULL || choice > 3)
		return;
	if (choice == 0) {
		memset(&keep.scope, 0, sizeof(keep.scope));
		keep.scope.kind = KF_SCOPE_ALL;
		keep.scope_name[0] = '\0';
		if (load_table(ui, r, &keep.p))
			board_reload(ui, &r->kb, true, list_height());
		return;
	}
	free_scope_items(r);
	kf_err_clear(&err);
	/* The people, teams and communities of the period's records. */
	if (kf_report_breakdown(ui->k, &keep.p, by[choice], &r->sg, &r->nsg,
	    &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	if (r->nsg == 0) {
		ui_msg(ui, MSG_INFO, "%s", _("Nobody and nothing in this "
		    "period to choose."));
		return;
	}
	r->sitems = xcalloc(r->nsg, sizeof(char *));
	for (i = 0; i < r->nsg; i++)
		r->sitems[i] = r->sg[i].name[0] ? r->sg[i].name :
		    _("(no community)");
	ui_pick(ui, _(title[choice]), r->sitems, (int)r->nsg, PICK_LITERAL, 0,
	    scope_picked, NULL);
}

/* ---- the screen ---- */

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
	if (keep.panel == P_DRILL && r->have)
		start_drill(ui, r);
	else if (keep.panel == P_DRILL)
		keep.panel = P_TABLE;
	chart_sync(ui, r);
	return 0;
}

static void
reports_leave(struct ui *ui)
{
	struct reports *r = st(ui);

	if (r == NULL)
		return;
	board_free(&r->kb);
	if (r->drill_on)
		board_free(&r->db);
	free_chart(r);
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
draw_chart(struct reports *r, int y, int h)
{
	const struct kf_kpi_def *d = &kf_kpi_defs[keep.kpi];
	struct chart_item bars[64], months[KF_TREND_MONTHS];
	int n = 0, bh, i;
	char buf[256];
	/* A rate's whole bar is 100%; a count or an amount's, the largest. */
	int64_t full = d->kind == KF_KPI_K_RATE ? 1000 : 0;

	if (!r->have_chart || r->chart_kpi != keep.kpi)
		return;		/* loaded by the key that showed it */
	for (i = 0; (size_t)i < r->ngroups && n < 64; i++) {
		const struct kf_kpi_value *v = &r->groups[i].v[keep.kpi];

		bars[n].label = r->groups[i].name[0] ? r->groups[i].name :
		    _("(no community)");
		bars[n].has = v->has;
		bars[n].value = d->kind == KF_KPI_K_RATE ? kf_kpi_permille(v) :
		    v->num;
		kf_kpi_format(d, v, bars[n].text, sizeof(bars[n].text));
		n++;
	}
	for (i = 0; i < KF_TREND_MONTHS; i++) {
		const struct kf_kpi_value *v = &r->trend.v[i];
		static char mlabel[KF_TREND_MONTHS][8];

		snprintf(mlabel[i], sizeof(mlabel[i]), "%02d",
		    r->trend.month[i].n);
		months[i].label = mlabel[i];
		months[i].has = v->has;
		months[i].value = d->kind == KF_KPI_K_RATE ?
		    kf_kpi_permille(v) : v->num;
		kf_kpi_format(d, v, months[i].text, sizeof(months[i].text));
	}
	attron(theme(C_TITLE));
	snprintf(buf, sizeof(buf), "%s — %s", _(d->label),
	    keep.by == KF_BY_STAFF ? _("per staff member") :
	    _("per community"));
	draw_text_cut(stdscr, y, 1, buf, COLS - 2, true);
	attroff(theme(C_TITLE));
	/* The bars take what the trend (7 lines and its title) leaves. */
	bh = h - 1 - 8;
	if (bh < 3)
		bh = 3;
	if (n == 0) {
		attron(theme(C_DIM));
		draw_text(stdscr, y + 1, 1, _("No one to show in this period."),
		    COLS - 2, true);
		attroff(theme(C_DIM));
	} else if (chart_bars(stdscr, y + 1, 1, COLS - 2, bh, bars, n,
	    full) < n) {
		attron(theme(C_DIM));
		snprintf(buf, sizeof(buf), _("… and %d more (kefu report "
		    "staff)"), n - bh);
		draw_text(stdscr, y + bh, 1, buf, COLS - 2, true);
		attroff(theme(C_DIM));
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

		const struct kf_drill_item *it = board_row(&r->db);

		/* TRANSLATORS: a figure, which of its records, how many,
		 * of what: "On-time arrival (R2) — missed: 7 (work orders)". */
		snprintf(buf, sizeof(buf), _("%s — %s: %lld (%s)"), _(d->label),
		    _(part_label(keep.part)), (long long)r->drill_total,
		    _(kind_word(d->drill)));
		attron(A_BOLD);
		draw_text_cut(stdscr, list_top(), 1, buf, COLS - 2, true);
		attroff(A_BOLD);
		board_draw(ui, &r->db, list_top() + 1, drill_height(), true);
		if (it != NULL && it->label != NULL)
			draw_wrapped(stdscr, list_top() + 1 + drill_height(),
			    1, it->label, COLS - 2, DETAIL_LINES);
		break;
	}
	case P_CHART:
		draw_chart(r, list_top(), list_height());
		break;
	default:
		board_draw(ui, &r->kb, list_top(), list_height(), true);
	}
}

/* The chart shown is of the figure chosen (read when either changes). */
static void
chart_sync(struct ui *ui, struct reports *r)
{
	if (keep.panel == P_CHART && (!r->have_chart ||
	    r->chart_kpi != keep.kpi))
		load_chart(ui, r);
}

static unsigned
reports_act_panel(struct ui *, enum command, int);

static unsigned
reports_act(struct ui *ui, enum command act, int arg)
{
	unsigned d = reports_act_panel(ui, act, arg);

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
			free_chart(r);
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

/* Another session changed the data, or a resize: read the table again. */
static void
reports_changed(struct ui *ui)
{
	struct reports *r = st(ui);
	struct kf_period p = keep.p;

	size_cols();
	if (r->have && load_table(ui, r, &p))
		board_reload(ui, &r->kb, true, list_height());
	if (r->drill_on)
		board_reload(ui, &r->db, true, drill_height());
	chart_sync(ui, r);
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
};
