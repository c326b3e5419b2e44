/*
 * screen_dispatch.c — F3 Dispatch (派工): the board of open work orders by
 * deadline, and a technician's own orders. A record board (board.c) in
 * three views, given here as tables:
 *
 *   V_BOARD  dispatchers and supervisors: every open order, soonest
 *            deadline first; acknowledge (R21), dispatch through a picker
 *            that shows each technician's open load (R11), approve
 *            off-list jobs (R22), the charge audit (R17), cancel;
 *   V_LOOK   reception and billing: a look, and the paperwork (R9, R20);
 *   V_TECH   a technician (R54): only his own orders, laid out for an
 *            80x24 SSH terminal, one key for each thing he records:
 *            arrived, an item, the materials check, the work done, the
 *            customer's sign-off. A new assignment rings wherever he is.
 *
 * Every rule is the core's (src/core/order.c); the board asks the core's
 * state table before a form opens, and a refusal names the rule.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/util.h"
#include "board.h"
#include "order_form.h"

enum { V_BOARD = 1, V_LOOK = 2, V_TECH = 4 };
enum { F_CAT, F_TECH, F_STATE, F_OVERDUE };	/* the filters' order */

struct dispatch {
	struct board		 b;	/* first: the board_screen_* hooks */
	/* Technicians and their open load: the picker, the filter. */
	struct kf_tech_load	*load;
	size_t			 nload;
	char		       **load_items;	/* "All technicians", "张伟 (3 open)" */
};
/* board_screen_* read ui->state as its board (L5). */
_Static_assert(offsetof(struct dispatch, b) == 0,
    "the board comes first in struct dispatch");

static struct dispatch *
st(struct ui *ui)
{
	return ui->state;
}

static void
free_load(struct dispatch *d)
{
	size_t i;

	kf_order_tech_load_free(d->load, d->nload);
	for (i = 0; d->load_items != NULL && i <= d->nload; i++)
		free(d->load_items[i]);
	free(d->load_items);
	d->load = NULL;
	d->load_items = NULL;
	d->nload = 0;
}

/* The technicians and their open orders, for the picker and the filter. */
static bool
load_techs(struct ui *ui, struct dispatch *d)
{
	struct kf_err err;
	size_t i;

	/* An open picker shows these names: they stay until it closes. */
	if (ui->dialog != NULL && d->load_items != NULL)
		return true;
	free_load(d);
	if (kf_order_tech_load(ui->k, &d->load, &d->nload, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	d->load_items = xcalloc(d->nload + 2, sizeof(char *));
	d->load_items[0] = xstrdup(_("All technicians"));
	for (i = 0; i < d->nload; i++)
		d->load_items[i + 1] = xasprintf(_("%s  (%d open)"),
		    d->load[i].display_name, d->load[i].open);
	return true;
}

/* ---- the rows: work orders ---- */

static struct kf_order_filter
filter_of(const struct board *b)
{
	struct kf_order_filter f = { true, false, -1, -1, 0 };
	int64_t v;

	if ((v = board_filter_value(b, F_CAT)) != BOARD_ALL)
		f.category = (int)v;
	if ((v = board_filter_value(b, F_STATE)) != BOARD_ALL)
		f.state = (int)v;
	if ((v = board_filter_value(b, F_TECH)) != BOARD_ALL)
		f.technician_id = v;
	f.overdue_only = board_filter_value(b, F_OVERDUE) != BOARD_ALL;
	return f;
}

static enum kf_rc
fetch(struct ui *ui, struct board *b, enum kf_page dir, const void *anchor,
    int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_order_filter f = filter_of(b);
	struct kf_order *v = NULL;
	enum kf_rc rc;

	rc = kf_order_list(ui->k, &f, dir, anchor, limit, &v, n, err);
	*rows = v;
	return rc;
}

static void
free_rows(void *rows, size_t n)
{
	kf_order_list_free(rows, n);
}

static int64_t
row_id(const void *row)
{
	return ((const struct kf_order *)row)->id;
}

static int64_t
row_version(const void *row)
{
	return ((const struct kf_order *)row)->version;
}

static const char *
row_words(const void *row)
{
	return ((const struct kf_order *)row)->address;
}

static enum board_clock
row_clock(const void *row, int64_t *due)
{
	const struct kf_order *o = row;

	*due = o->deadline_at;
	return kf_order_clock_runs(o) ? BOARD_CLOCK_RUNS : BOARD_CLOCK_WAITS;
}

static enum kf_rc
counts(struct ui *ui, struct board *b, struct board_counts *c,
    struct kf_err *err)
{
	struct kf_order_filter f = filter_of(b);
	struct kf_order_counts oc;
	enum kf_rc rc;

	rc = kf_order_count(ui->k, &f, kf_core_now(ui->k), BOARD_SOON_S, &oc,
	    err);
	c->open = oc.open;
	c->overdue = oc.overdue;
	c->due_soon = oc.due_soon;
	return rc;
}

static enum kf_rc
may(struct ui *ui, const void *row, int mv, struct kf_err *err)
{
	return kf_order_may(ui->k, row, (enum kf_order_move)mv, err);
}

static enum kf_rc
get(struct ui *ui, int64_t id, void *row, struct kf_err *err)
{
	return kf_order_get(ui->k, id, row, err);
}

static void
order_clear_row(void *row)
{
	kf_order_clear(row);
}

/* ---- the columns ---- */

/* "12m", "-3m", "1h05m", "2d": left until, or past, the deadline; late
 * by under a minute is late ("-1m"), never "-0m". */
static void
left_text(int64_t s, char *buf, size_t n)
{
	int64_t a = s < 0 ? -s : s;
	const char *sign = s < 0 ? "-" : "";

	if (a < 3600)
		snprintf(buf, n, "%s%lldm", sign, (long long)(s < 0 ?
		    (a + 59) / 60 : a / 60));
	else if (a < 86400)
		snprintf(buf, n, "%s%lldh%02lldm", sign, (long long)(a / 3600),
		    (long long)(a % 3600 / 60));
	else
		snprintf(buf, n, "%s%lldd", sign, (long long)(a / 86400));
}

static void
col_due(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_order *o = row;
	int64_t now = kf_core_now(ui->k);
	char when[32];

	(void)b;
	kf_time_local(o->deadline_at, when, sizeof(when));
	/* Today's deadlines by the time, others by the day. */
	if (kf_time_day_start(o->deadline_at) != kf_time_day_start(now))
		snprintf(buf, n, "%.5s", when + 5);
	else
		snprintf(buf, n, "%.5s", when + 11);
}

static void
col_left(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_order *o = row;

	(void)b;
	if (kf_order_clock_runs(o))
		left_text(o->deadline_at - kf_core_now(ui->k), buf, n);
	else if (kf_order_met_at(o) > o->deadline_at)
		snprintf(buf, n, "%s", _("late"));	/* met, but after it */
	else
		snprintf(buf, n, "%s", _("met"));
}

static void
col_id(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%lld", (long long)((const struct kf_order *)row)->id);
}

static void
col_state(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", _(order_state_label(((const struct kf_order *)
	    row)->state)));
}

static void
col_cat(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", _(order_cat_short(((const struct kf_order *)
	    row)->category)));
}

#define FAULT_MIN	10	/* the fault's cells at the least */

/*
 * What is wrong, then where: the address whole where the line allows, the
 * fault in what is left (cut with "…", at least FAULT_MIN cells), so a
 * technician on an 80-column terminal reads where to go; "!" first when
 * the paperwork of an emergency is pending (R9).
 */
static void
col_what(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_order *o = row;
	int room = b->cell_w - text_width(o->address) - 2 -
	    (o->paperwork_pending ? 1 : 0);
	char fault[256];

	(void)ui;
	text_cut(fault, sizeof(fault), o->fault, room > FAULT_MIN ? room :
	    FAULT_MIN);
	snprintf(buf, n, "%s%s  %s", o->paperwork_pending ? "!" : "", fault,
	    o->address);
}

/* The words of the state and category columns (their widths). */
static const char *
state_word(int i)
{
	return order_state_label((enum kf_order_state)i);
}

static const char *
cat_word(int i)
{
	return order_cat_short((enum kf_order_cat)i);
}

static const struct board_col cols[] = {
	{ .title = N_("DUE"), .width = 5, .text = col_due },
	{ .title = N_("LEFT"), .width = 7, .clock = true, .text = col_left },
	{ .title = N_("NO."), .width = 7, .text = col_id },
	{ .title = N_("STATE"), .width = 12, .text = col_state,
	  .label = state_word, .nlabels = KF_ORDER_STATE_COUNT },
	/* A technician knows the job by its fault: on his 80 columns the
	 * address takes the category's room. */
	{ .title = N_("CATEGORY"), .width = 10, .views = V_BOARD | V_LOOK,
	  .text = col_cat, .label = cat_word, .nlabels = KF_ORDER_CAT_COUNT },
	{ .title = N_("TECH"), .width = 6, .views = V_BOARD | V_LOOK,
	  .str = BOARD_STR(struct kf_order, technician_name) },
	{ .title = N_("FAULT / ADDRESS"), .text = col_what },
	{ .title = NULL }
};

/* ---- the filters ---- */

/* The filters' pickers: "all" first, then the core's words (filled once;
 * they outlive the pickers). The state filter offers the open states. */
static const char *cat_filter_items[KF_ORDER_CAT_COUNT + 1];
static const char *state_filter_items[KF_ORDER_STATE_CLOSED + 1];

static void
fill_filter_items(void)
{
	int i;

	cat_filter_items[0] = N_("All categories");
	for (i = 0; i < KF_ORDER_CAT_COUNT; i++)
		cat_filter_items[i + 1] = order_cat_label((enum kf_order_cat)i);
	state_filter_items[0] = N_("All states");
	for (i = 0; i < KF_ORDER_STATE_CLOSED; i++)
		state_filter_items[i + 1] =
		    order_state_label((enum kf_order_state)i);
}

static const char *const overdue_items[] = { "", N_("overdue only") };

static int
cat_items(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	fill_filter_items();
	*items = cat_filter_items;
	*literal = false;
	return KF_ORDER_CAT_COUNT + 1;
}

static int
state_items(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	fill_filter_items();
	*items = state_filter_items;
	*literal = false;
	return KF_ORDER_STATE_CLOSED + 1;
}

static int
overdue_toggle(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	*items = overdue_items;
	*literal = false;
	return 2;
}

static int
tech_items(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	struct dispatch *d = b->ctx;

	if (!load_techs(ui, d))
		return 0;
	*items = (const char *const *)d->load_items;
	*literal = true;
	return (int)d->nload + 1;
}

static int64_t
tech_value(struct ui *ui, struct board *b, int i)
{
	struct dispatch *d = b->ctx;

	(void)ui;
	return i > 0 && (size_t)i <= d->nload ? d->load[i - 1].id : BOARD_ALL;
}

/* The filter line names the technician chosen (not his load). */
static void
tech_label(struct ui *ui, struct board *b, int i, char *buf, size_t n)
{
	struct dispatch *d = b->ctx;

	(void)ui;
	snprintf(buf, n, "%s", i > 0 && (size_t)i <= d->nload ?
	    d->load[i - 1].display_name : "");
}

/* What the filter line says of a filter at "all". */
static const char *
all_categories(const struct board *b)
{
	(void)b;
	return N_("All categories");
}

static const char *
all_techs(const struct board *b)
{
	return b->view == V_TECH ? N_("mine") : N_("all technicians");
}

static const struct board_filter filters[] = {
	[F_CAT] = { .key = CH('c'), .keyname = "c",
	  .help = N_("Show one category only"), .views = V_BOARD | V_LOOK,
	  .items = cat_items, .all_label = all_categories,
	  .line_views = V_BOARD | V_LOOK | V_TECH },
	[F_TECH] = { .key = CH('t'), .keyname = "t",
	  .help = N_("Show one technician's orders only"), .views = V_BOARD,
	  .items = tech_items, .value = tech_value, .all_label = all_techs,
	  .line_views = V_BOARD | V_LOOK | V_TECH,
	  .choice_label = tech_label },
	[F_STATE] = { .key = CH('s'), .keyname = "s",
	  .help = N_("Show one state only (waiting, dispatched, on site...)"),
	  .views = V_BOARD | V_LOOK, .items = state_items },
	[F_OVERDUE] = { .key = CH('o'), .keyname = "o", .label = N_("overdue"),
	  .help = N_("Show the overdue orders only, or all again"),
	  .hint = true, .views = V_BOARD | V_LOOK, .toggle = true,
	  .items = overdue_toggle },
	{ .keyname = NULL }
};

/* ---- the moves ---- */

static unsigned
open_order(struct ui *ui, struct board *b, const void *row)
{
	(void)b;
	ui_open_form(ui, order_view_form(ui, row));
	return DIRTY_ALL;
}

static unsigned
new_order(struct ui *ui, struct board *b, const void *row)
{
	struct kf_contact none;

	(void)b;
	(void)row;
	memset(&none, 0, sizeof(none));
	ui_open_form(ui, order_form(ui, &none));
	return DIRTY_ALL;
}

static unsigned
find_order(struct ui *ui, struct board *b, const void *row)
{
	(void)b;
	(void)row;
	ui_open_form(ui, order_find_form());
	return DIRTY_ALL;
}

static unsigned
charges(struct ui *ui, struct board *b, const void *row)
{
	(void)b;
	(void)row;
	order_charges_audit(ui);
	return DIRTY_ALL;
}

static struct form *
paperwork(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	(void)ui;
	(void)b;
	(void)m;
	return order_paperwork_form(row);
}

/* The form of the move m of the table (its core move says which). */
static struct form *
move_form(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	(void)b;
	return order_move_form(ui, row, (enum kf_order_move)m->core);
}

/* R9: the arrival of an order registered after asks when it was. */
static bool
arrive_needs_form(const struct board *b, const void *row)
{
	(void)b;
	return order_move_needs_form(row, KF_ORDER_MOVE_ARRIVE);
}

/* The moves made by a key and a question: the core call of t's move. */
static enum kf_rc
run(struct ui *ui, const struct board_target *t, struct kf_err *err)
{
	switch (t->mv->core) {
	case KF_ORDER_MOVE_ACK:
		return kf_order_ack(ui->k, t->id, t->version, err);
	case KF_ORDER_MOVE_APPROVE:
		return kf_order_approve(ui->k, t->id, t->version, err);
	case KF_ORDER_MOVE_ARRIVE:
		return kf_order_arrive(ui->k, t->id, t->version, 0, err);
	case KF_ORDER_MOVE_ASSIGN:
		return kf_order_assign(ui->k, t->id, t->version, t->arg, err);
	default:
		return kf_err_set(err, KF_INVALID, "%s", _("not a move"));
	}
}

/* Dispatch to whom: the technicians by open load (R11). */
static int
pick_tech(struct ui *ui, struct board *b, const void *row, const char **title,
    const char *const **items, bool *literal)
{
	struct dispatch *d = b->ctx;

	(void)row;
	if (!load_techs(ui, d))
		return 0;
	if (d->nload == 0) {
		ui_msg(ui, MSG_ERROR, "%s", _("There is no technician to "
		    "dispatch to."));
		return 0;
	}
	*title = _("Dispatch to");
	*items = (const char *const *)d->load_items + 1;
	*literal = true;
	return (int)d->nload;
}

static int64_t
picked_tech(struct ui *ui, struct board *b, int i)
{
	struct dispatch *d = b->ctx;

	(void)ui;
	return i >= 0 && (size_t)i < d->nload ? d->load[i].id : BOARD_ALL;
}

#define MOVE(k, name, lbl, hlp, hnt, vw, mv)	\
	.key = CH(k), .keyname = (name), .label = (lbl), .help = (hlp), \
	.hint = (hnt), .views = (vw), .core = (mv)

static const struct board_move moves[] = {
	{ MOVE('\r', "Enter", N_("open"), N_("Show the chosen work order "
	  "whole"), true, 0, -1), .open = open_order },
	{ MOVE('/', "/", N_("find"), N_("Find any work order, closed or "
	  "cancelled too: by its number or its customer"), false, 0, -1),
	  .no_row = true, .open = find_order },
	{ MOVE('n', "n", NULL, N_("Report a work order here (not from a call "
	  "at Reception)"), false, V_BOARD, -1), .no_row = true,
	  .open = new_order },
	{ MOVE('a', "a", N_("receive"), N_("Acknowledge the order: the time "
	  "received is recorded (R21)"), true, V_BOARD, KF_ORDER_MOVE_ACK),
	  .question = N_("Receive work order %lld (%s) now?"),
	  .done = N_("Work order %lld received."), .run = run },
	{ MOVE('d', "d", N_("dispatch"), N_("Dispatch to a technician, chosen "
	  "by his open load (R11)"), true, V_BOARD, KF_ORDER_MOVE_ASSIGN),
	  .pick = pick_tech, .picked = picked_tech, .run = run,
	  .done = N_("Work order %lld dispatched."), .core_words = true },
	{ MOVE('r', "r", NULL, N_("The technician telephoned: record his "
	  "arrival (R2)"), false, V_BOARD, KF_ORDER_MOVE_ARRIVE),
	  .question = N_("On site for work order %lld (%s) now?"),
	  .done = N_("Arrival recorded for work order %lld."),
	  .run = run, .form = move_form,
	  .use_form = arrive_needs_form, .draft = ORDER_ARRIVE_DRAFT,
	  .draft_title = ORDER_ARRIVE_TITLE },
	{ MOVE('r', "r", N_("arrived"), N_("I am on site: record the arrival "
	  "(R2)"), true, V_TECH, KF_ORDER_MOVE_ARRIVE),
	  .question = N_("On site for work order %lld (%s) now?"),
	  .done = N_("Arrival recorded for work order %lld."),
	  .run = run, .form = move_form,
	  .use_form = arrive_needs_form, .draft = ORDER_ARRIVE_DRAFT,
	  .draft_title = ORDER_ARRIVE_TITLE },
	{ MOVE('v', "v", N_("approve"), N_("Approve a job off the paid-service "
	  "list (R22, supervisors)"), false, V_BOARD, KF_ORDER_MOVE_APPROVE),
	  .question = N_("Approve work order %lld (%s), off the paid-service "
	  "list?"), .done = N_("Work order %lld approved."),
	  .run = run },
	{ MOVE('p', "p", NULL, N_("Audit the charges that differ from the "
	  "paid-service list and correct them (R17, supervisors)"), false,
	  V_BOARD, -1), .no_row = true, .open = charges },
	{ MOVE('x', "x", N_("cancel"), N_("Cancel the order, with a reason"),
	  true, V_BOARD, KF_ORDER_MOVE_CANCEL), .form = move_form,
	  .draft = ORDER_CANCEL_DRAFT, .draft_title = ORDER_CANCEL_TITLE },
	{ MOVE('e', "e", NULL, N_("Fill in the paperwork: customer, contact, "
	  "phone (R9, R20)"), false, V_BOARD | V_LOOK, KF_ORDER_MOVE_EDIT),
	  .form = paperwork },
	{ MOVE('i', "i", N_("item"), N_("Charge an item of the paid-service "
	  "list (R25)"), true, V_TECH, KF_ORDER_MOVE_ITEM), .form = move_form,
	  .draft = ORDER_ITEM_DRAFT, .draft_title = ORDER_ITEM_TITLE },
	{ MOVE('m', "m", N_("materials"), N_("The customer's own materials: "
	  "pass or fail (R24)"), true, V_TECH, KF_ORDER_MOVE_MATERIAL),
	  .form = move_form, .draft = ORDER_MATERIAL_DRAFT,
	  .draft_title = ORDER_MATERIAL_TITLE },
	{ MOVE('w', "w", N_("work done"), N_("Record what was actually done "
	  "(R23)"), true, V_TECH, KF_ORDER_MOVE_DONE), .form = move_form,
	  .draft = ORDER_WORK_DRAFT, .draft_title = ORDER_WORK_TITLE },
	{ MOVE('s', "s", N_("sign-off"), N_("The customer checks the work and "
	  "signs (R26)"), true, V_TECH, KF_ORDER_MOVE_SIGNOFF),
	  .form = move_form, .draft = ORDER_SIGNOFF_DRAFT,
	  .draft_title = ORDER_SIGNOFF_TITLE },
	{ .keyname = NULL }
};

const struct board_class dispatch_board = {
	.row_size = sizeof(struct kf_order),
	.cols = cols,
	.filters = filters,
	.moves = moves,
	.empty = N_("No open work orders."),
	.noun = N_("work order %lld"),
	.fetch = fetch,
	.free_rows = free_rows,
	.id = row_id,
	.version = row_version,
	.words = row_words,
	.clock = row_clock,
	.counts = counts,
	.may = may,
	.get = get,
	.clear_row = order_clear_row,
};

/* ---- the screen ---- */

static int
list_top(void)
{
	return ui_body_top() + 2;	/* the title, the filter line */
}

static int
list_height(void)
{
	return ui_body_height() - 2;
}

/* Who sees which view: a technician his own; who moves orders the board. */
static unsigned
view_of(struct ui *ui)
{
	if (kf_order_own_only(ui->k))
		return V_TECH;
	if (kf_may(ui->k, KF_ACT_ORDER_ACK, 0, NULL) != KF_OK &&
	    kf_may(ui->k, KF_ACT_ORDER_ASSIGN, 0, NULL) != KF_OK)
		return V_LOOK;		/* reception, billing: a look only */
	return V_BOARD;
}

static int
dispatch_enter(struct ui *ui)
{
	struct dispatch *d = xcalloc(1, sizeof(*d));

	ui->state = d;
	board_init(ui, &d->b, &dispatch_board, view_of(ui), d, NULL,
	    list_height());
	return 0;
}

static void
dispatch_leave(struct ui *ui)
{
	struct dispatch *d = st(ui);

	if (d == NULL)
		return;
	board_free(&d->b);
	free_load(d);
	free(d);
	ui->state = NULL;
}

static void
dispatch_draw(struct ui *ui)
{
	struct dispatch *d = st(ui);
	int y = ui_body_top();
	char buf[256];

	attron(theme(C_TITLE));
	draw_text(stdscr, y, 1, d->b.view == V_TECH ? _("My work orders") :
	    _("Dispatch board"), 30, false);
	attroff(theme(C_TITLE));
	board_counts_line(&d->b, buf, sizeof(buf));
	draw_text(stdscr, y, COLS - 1 - text_width(buf), buf, text_width(buf),
	    false);
	board_filter_line(&d->b, buf, sizeof(buf));
	attron(theme(C_DIM));
	draw_text_cut(stdscr, y + 1, 1, buf, COLS - 2, true);
	attroff(theme(C_DIM));
	board_draw(ui, &d->b, list_top(), list_height(), true);
	if (d->b.lv.nrows == 0 && d->b.view == V_TECH) {
		attron(theme(C_DIM));
		draw_text(stdscr, list_top() + 1, 1, _("No open work orders "
		    "are yours."), COLS - 2, true);
		attroff(theme(C_DIM));
	}
}

/*
 * Another session changed something (the person's roles too: the view
 * follows them), a move was made, or a resize.
 */
static void
dispatch_changed(struct ui *ui)
{
	struct dispatch *d = st(ui);

	if (view_of(ui) != d->b.view) {
		board_free(&d->b);
		board_init(ui, &d->b, &dispatch_board, view_of(ui), d, NULL,
		    list_height());
		return;
	}
	board_reload(ui, &d->b, true, list_height());
}

static bool
dispatch_owns_draft(const char *key, const char **title)
{
	return board_owns_draft(&dispatch_board, key, title);
}

/*
 * The top bar's badge: the overdue orders (a technician's own). A new
 * open order of a technician's rings wherever he is (DESIGN: bell and
 * flash): an id he did not have before.
 */
static int64_t mine[256];
static size_t nmine;
static bool mine_known;

static int64_t
dispatch_badge(struct ui *ui)
{
	int64_t now[256];
	size_t n, i, j;
	bool fresh = false;

	kf_order_my_open(ui->k, now, 256, &n);
	for (i = 0, j = 0; mine_known && i < n && !fresh; i++) {
		while (j < nmine && mine[j] < now[i])	/* both ascending */
			j++;
		fresh = j == nmine || mine[j] != now[i];
	}
	if (fresh)
		ui_alert(ui, "%s", _("A new work order is yours."));
	memcpy(mine, now, n * sizeof(now[0]));
	nmine = n;
	mine_known = true;
	return kf_order_overdue_count(ui->k);
}

const struct screen screen_dispatch = {
	.title = N_("Dispatch"),
	.help = N_("Dispatch: the work orders against the clock"),
	.fkey = 3,
	.action = KF_ACT_ORDER_VIEW,
	.start = 2,
	.start_roles = KF_ROLE_DISPATCHER | KF_ROLE_TECHNICIAN,
	.keys_now = board_screen_keys,
	.enter = dispatch_enter,
	.leave = dispatch_leave,
	.draw = dispatch_draw,
	.act = board_screen_act,
	.changed = dispatch_changed,
	.tick = board_screen_tick,
	.restore = board_screen_restore,
	.owns_draft = dispatch_owns_draft,
	.badge = dispatch_badge,
};
