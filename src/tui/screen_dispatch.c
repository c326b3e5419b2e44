/*
 * screen_dispatch.c — F3 Dispatch (派工): the board of open work orders
 * by deadline, and a technician's own orders.
 *
 * Dispatchers and supervisors see every open order, soonest deadline
 * first, with the time left counting down (refreshed every 30 seconds and
 * whenever any session changes something): red when overdue, yellow when
 * due within 10 minutes, dim while done and waiting for the paperwork.
 * They acknowledge (R21), dispatch through a picker that shows each
 * technician's open load (R11), approve off-list jobs (R22), cancel.
 *
 * A technician (R54) sees only his own orders, laid out for an 80x24 SSH
 * terminal, and records with one key each: arrived, an item, the
 * materials check, the work done, the customer's sign-off. A new
 * assignment arrives with the bell.
 *
 * Every rule is the core's (src/core/order.c); a refusal names the rule.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/util.h"
#include "tui.h"

#define MAX_ROWS	500	/* the soonest deadlines; the rest by filter */
#define REFRESH_MS	30000	/* the countdown, at least this often */
#define SOON_S		600	/* "due soon": within 10 minutes */

struct dispatch {
	struct kf_order	*rows;
	size_t		 n, cur, top;
	bool		 tech;		/* a technician's own orders */
	int		 category;	/* filter: -1 any */
	int		 state;		/* filter: -1 any */
	int64_t		 technician;	/* filter: 0 anyone */
	char		 tech_name[64];
	bool		 overdue_only;
	int64_t		 last_ms;	/* last reload, for the countdown */
	struct kf_order_counts counts;	/* the header's, of all f selects */
	int64_t		 next_change;	/* when the clock alone changes them */
	/* technicians for the picker and the filter */
	struct kf_tech_load *load;
	size_t		 nload;
	char		**load_items;	/* "张伟  (3 open)" */
	/* the paid-service list, for the item picker */
	struct kf_fee	*fees;
	size_t		 nfees;
	char		**fee_items;
	const char	**fee_codes;	/* the drafts' stable keys */
	/* R17: charges that differ from the list, for the picker */
	struct kf_order_item *charges;
	size_t		 ncharges;
	char		**charge_items;
};

static const struct binding board_keys[] = {
	{ CH('\r'), ACT_OPEN, 0, "Enter", N_("open"),
	  N_("Show the chosen work order whole"), true },
	{ CH('n'), ACT_NEW, 0, "n", NULL,
	  N_("Report a work order here (not from a call at Reception)"),
	  false },
	{ CH('a'), ACT_ACK, 0, "a", N_("receive"),
	  N_("Acknowledge the order: the time received is recorded (R21)"),
	  true },
	{ CH('d'), ACT_ASSIGN, 0, "d", N_("dispatch"),
	  N_("Dispatch to a technician, chosen by his open load (R11)"), true },
	{ CH('r'), ACT_ARRIVE, 0, "r", NULL,
	  N_("The technician telephoned: record his arrival (R2)"), false },
	{ CH('v'), ACT_APPROVE, 0, "v", N_("approve"),
	  N_("Approve a job off the paid-service list (R22, supervisors)"),
	  false },
	{ CH('p'), ACT_CHARGES, 0, "p", NULL,
	  N_("Audit the charges that differ from the paid-service list and "
	  "correct them (R17, supervisors)"), false },
	{ CH('x'), ACT_CANCEL_ORDER, 0, "x", N_("cancel"),
	  N_("Cancel the order, with a reason"), true },
	{ CH('c'), ACT_FILTER_CAT, 0, "c", NULL,
	  N_("Show one category only"), false },
	{ CH('t'), ACT_FILTER_TECH, 0, "t", NULL,
	  N_("Show one technician's orders only"), false },
	{ CH('s'), ACT_FILTER_STATE, 0, "s", NULL,
	  N_("Show one state only (waiting, dispatched, on site...)"), false },
	{ CH('e'), ACT_PAPERWORK, 0, "e", NULL,
	  N_("Fill in the paperwork: customer, contact, phone (R9, R20)"),
	  false },
	{ CH('o'), ACT_FILTER_OVERDUE, 0, "o", N_("overdue"),
	  N_("Show the overdue orders only, or all again"), true },
	LIST_KEYS,
	END_BINDINGS
};

/* Those who may look but not move orders (reception, billing). */
static const struct binding view_keys[] = {
	{ CH('\r'), ACT_OPEN, 0, "Enter", N_("open"),
	  N_("Show the chosen work order whole"), true },
	{ CH('o'), ACT_FILTER_OVERDUE, 0, "o", N_("overdue"),
	  N_("Show the overdue orders only, or all again"), true },
	{ CH('c'), ACT_FILTER_CAT, 0, "c", NULL,
	  N_("Show one category only"), false },
	{ CH('s'), ACT_FILTER_STATE, 0, "s", NULL,
	  N_("Show one state only (waiting, dispatched, on site...)"), false },
	{ CH('e'), ACT_PAPERWORK, 0, "e", NULL,
	  N_("Fill in the paperwork: customer, contact, phone (R9, R20)"),
	  false },
	ARROW_KEYS,
	END_BINDINGS
};

/* A technician's keys: one each for what he records in the field. */
static const struct binding tech_keys[] = {
	{ CH('\r'), ACT_OPEN, 0, "Enter", N_("open"),
	  N_("Show the chosen work order whole"), true },
	{ CH('r'), ACT_ARRIVE, 0, "r", N_("arrived"),
	  N_("I am on site: record the arrival (R2)"), true },
	{ CH('i'), ACT_ITEM, 0, "i", N_("item"),
	  N_("Charge an item of the paid-service list (R25)"), true },
	{ CH('m'), ACT_MATERIAL, 0, "m", N_("materials"),
	  N_("The customer's own materials: pass or fail (R24)"), true },
	{ CH('w'), ACT_WORK, 0, "w", N_("work done"),
	  N_("Record what was actually done (R23)"), true },
	{ CH('s'), ACT_SIGNOFF, 0, "s", N_("sign-off"),
	  N_("The customer checks the work and signs (R26)"), true },
	LIST_KEYS,
	END_BINDINGS
};

/* Category and state names in the UI language (their enums' order). */
static const char *const cat_items[KF_CAT_COUNT] = {
	N_("Gas equipment"), N_("Pipeline"), N_("Pipeline, major"),
	N_("Indoor repair"), N_("Paid service"),
};
/* The same, short, for the board's column. */
static const char *const cat_short[KF_CAT_COUNT] = {
	N_("Gas"), N_("Pipe"), N_("Pipe, major"), N_("Indoor"), N_("Paid"),
};
static const char *const cat_filter_items[KF_CAT_COUNT + 1] = {
	N_("All categories"), N_("Gas equipment"), N_("Pipeline"),
	N_("Pipeline, major"), N_("Indoor repair"), N_("Paid service"),
};
static const char *const state_items[KF_OS_COUNT] = {
	N_("reported"), N_("acknowledged"), N_("dispatched"), N_("on-site"),
	N_("done"), N_("signed"), N_("closed"), N_("cancelled"),
};
static const char *const state_filter_items[] = {
	N_("All states"), N_("reported"), N_("acknowledged"), N_("dispatched"),
	N_("on-site"), N_("done"), N_("signed"),
};
static const char *const material_items[] = {
	N_("Passed"), N_("Failed"),
};
static const char *const material_keys[] = { "1", "2" };

static struct dispatch *
st(struct ui *ui)
{
	return ui->state;
}

static int
list_top(void)
{
	return ui_body_top() + 3;	/* title, filter line, header */
}

static int
list_height(void)
{
	return ui_body_height() - 3;
}

static void
fix_scroll(struct dispatch *d)
{
	int h = list_height();

	if (d->n == 0) {
		d->cur = d->top = 0;
		return;
	}
	if (d->cur >= d->n)
		d->cur = d->n - 1;
	if (d->cur < d->top)
		d->top = d->cur;
	else if (d->cur >= d->top + (size_t)h)
		d->top = d->cur - (size_t)h + 1;
}

/* ---- loading ---- */

static void
free_load(struct dispatch *d)
{
	size_t i;

	kf_order_tech_load_free(d->load, d->nload);
	for (i = 0; d->load_items != NULL && i < d->nload + 1; i++)
		free(d->load_items[i]);
	free(d->load_items);
	d->load = NULL;
	d->load_items = NULL;
	d->nload = 0;
}

/* The technicians and their open orders, for the picker and the filter. */
static bool
load_techs(struct ui *ui)
{
	struct dispatch *d = st(ui);
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
	d->load_items = xcalloc(d->nload + 1, sizeof(char *));
	d->load_items[d->nload] = NULL;
	for (i = 0; i < d->nload; i++)
		d->load_items[i] = xasprintf(_("%s  (%d open)"),
		    d->load[i].display_name, d->load[i].open);
	return true;
}

static void
free_charges(struct dispatch *d)
{
	size_t i;

	for (i = 0; d->charge_items != NULL && i < d->ncharges; i++)
		free(d->charge_items[i]);
	free(d->charge_items);
	kf_order_items_free(d->charges, d->ncharges);
	d->charges = NULL;
	d->charge_items = NULL;
	d->ncharges = 0;
}

static void
free_fees(struct dispatch *d)
{
	size_t i;

	for (i = 0; d->fee_items != NULL && i < d->nfees; i++)
		free(d->fee_items[i]);
	free(d->fee_items);
	free(d->fee_codes);
	kf_fee_list_free(d->fees, d->nfees);
	d->fees = NULL;
	d->fee_items = NULL;
	d->fee_codes = NULL;
	d->nfees = 0;
}

static bool
load_fees(struct ui *ui)
{
	struct dispatch *d = st(ui);
	struct kf_err err;
	char price[32];
	size_t i;

	free_fees(d);
	if (kf_fee_list(ui->k, false, &d->fees, &d->nfees, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	d->fee_items = xcalloc(d->nfees + 1, sizeof(char *));
	d->fee_codes = xcalloc(d->nfees + 1, sizeof(char *));
	for (i = 0; i < d->nfees; i++) {
		d->fee_codes[i] = d->fees[i].code;
		kf_money_format(d->fees[i].price, price, sizeof(price));
		d->fee_items[i] = xasprintf("%s %s  %s/%s", d->fees[i].code,
		    d->fees[i].name, price, d->fees[i].unit);
	}
	return true;
}

/*
 * The next moment the header's counts change by the clock alone: a shown
 * deadline passing (overdue) or coming within SOON_S (due soon). The tick
 * reloads then, so the header never says "overdue 0" beside a red row.
 */
static int64_t
next_change(const struct dispatch *d, int64_t now)
{
	int64_t next = INT64_MAX, t;
	size_t j;

	for (j = 0; j < d->n; j++) {
		if (!kf_order_clock_runs(&d->rows[j]))
			continue;
		t = d->rows[j].deadline_at + 1;
		if (t > now && t < next)
			next = t;
		t = d->rows[j].deadline_at - SOON_S;
		if (t > now && t < next)
			next = t;
	}
	return next;
}

static void
load(struct ui *ui, bool keep_place)
{
	struct dispatch *d = st(ui);
	struct kf_order_filter f = { true, d->overdue_only, d->state, d->category,
	    d->technician };
	int64_t keep = keep_place && d->cur < d->n ? d->rows[d->cur].id : 0;
	struct kf_err err;
	size_t i, n = 0;

	kf_order_list_free(d->rows, d->n);
	d->rows = NULL;
	d->n = 0;
	if (kf_order_list(ui->k, &f, KF_PAGE_FIRST, NULL, MAX_ROWS, &d->rows,
	    &n, &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	d->n = n;
	for (i = 0; i < n; i++) {
		if (d->rows[i].id == keep)
			d->cur = i;		/* the cursor stays on its order */
	}
	/* Counted whole: the list holds the soonest MAX_ROWS only. */
	if (kf_order_count(ui->k, &f, kf_core_now(ui->k), SOON_S, &d->counts,
	    &err) != KF_OK)
		ui_err(ui, &err);
	d->next_change = next_change(d, kf_core_now(ui->k));
	if (!keep_place)		/* another view: from its most urgent */
		d->cur = d->top = 0;
	fix_scroll(d);
	d->last_ms = now_ms();
}

static int
dispatch_enter(struct ui *ui)
{
	struct dispatch *d = xcalloc(1, sizeof(*d));
	unsigned r = kf_core_actor_roles(ui->k);

	ui->state = d;
	d->category = -1;
	d->state = -1;
	d->tech = (r & KF_ROLE_TECHNICIAN) && !(r & (KF_ROLE_DISPATCHER |
	    KF_ROLE_SUPERVISOR | KF_ROLE_ADMIN | KF_ROLE_RECEPTION |
	    KF_ROLE_BILLING));
	if (!d->tech)
		load_techs(ui);		/* names on the board */
	load(ui, false);
	return 0;
}

static void
dispatch_leave(struct ui *ui)
{
	struct dispatch *d = st(ui);

	if (d == NULL)
		return;
	kf_order_list_free(d->rows, d->n);
	free_load(d);
	free_fees(d);
	free_charges(d);
	free(d);
	ui->state = NULL;
}

/* ---- drawing ---- */

/* "12m", "-3m", "1h05m", "2d" (left until, or past, the deadline). */
static void
left_text(int64_t s, char *buf, size_t n)
{
	int64_t a = s < 0 ? -s : s;

	if (a < 3600)
		snprintf(buf, n, "%s%lldm", s < 0 ? "-" : "",
		    (long long)(a / 60));
	else if (a < 86400)
		snprintf(buf, n, "%s%lldh%02lldm", s < 0 ? "-" : "",
		    (long long)(a / 3600), (long long)(a % 3600 / 60));
	else
		snprintf(buf, n, "%s%lldd", s < 0 ? "-" : "",
		    (long long)(a / 86400));
}

/* Board columns; a technician's view has no TECH column (all his). */
static const int col_w[] = { 5, 7, 7, 12, 10, 6, 0 };
static const int tech_col_w[] = { 5, 7, 7, 12, 10, 0, 0 };

static const int *
widths(const struct dispatch *d)
{
	return d->tech ? tech_col_w : col_w;
}

static void
draw_row(struct ui *ui, int y, const struct kf_order *o, bool sel)
{
	struct dispatch *d = st(ui);
	int64_t now = kf_core_now(ui->k), left = o->deadline_at - now;
	char when[32], lft[32], id[24], tech[64] = "", what[512];
	const char *cells[7];
	attr_t a = 0;
	int i, x = 1;
	size_t j;

	kf_time_local(o->deadline_at, when, sizeof(when));
	/* Today's deadlines by the time, others by the day. */
	if (kf_time_day_start(o->deadline_at) != kf_time_day_start(now))
		snprintf(when + 11, sizeof(when) - 11, "%.5s", when + 5);
	if (kf_order_clock_runs(o))
		left_text(left, lft, sizeof(lft));
	else
		snprintf(lft, sizeof(lft), "%s", _("met"));
	snprintf(id, sizeof(id), "%lld", (long long)o->id);
	for (j = 0; j < d->nload; j++)
		if (d->load[j].id == o->technician_id)
			snprintf(tech, sizeof(tech), "%s", d->load[j].display_name);
	if (d->tech)			/* his own: his name */
		snprintf(tech, sizeof(tech), "%s", ui->display_name ?
		    ui->display_name : "");
	else if (tech[0] == '\0' && o->technician_id != 0)
		snprintf(tech, sizeof(tech), "#%lld", (long long)o->technician_id);
	/* What is wrong first: at 80 columns the address may not fit. */
	snprintf(what, sizeof(what), "%s%s  %s", o->paperwork_pending ? "!" :
	    "", o->fault, o->address);
	cells[0] = when + 11;
	cells[1] = lft;
	cells[2] = id;
	cells[3] = _(state_items[o->state % KF_OS_COUNT]);
	cells[4] = _(cat_short[o->category % KF_CAT_COUNT]);
	cells[5] = tech;
	cells[6] = what;
	/* Overdue red, due within ten minutes yellow, met dim. */
	if (kf_order_clock_runs(o) && left < 0)
		a = theme(C_ERROR);
	else if (kf_order_clock_runs(o) && left <= SOON_S)
		a = theme(C_WARN);
	else if (!kf_order_clock_runs(o))
		a = theme(C_DIM);
	for (i = 0; i < 7; i++) {
		const int *w = widths(d);
		/* The chosen row keeps its warning in the LEFT column. */
		attr_t ca = sel && !(i == 1 && a != 0 && a != theme(C_DIM)) ?
		    theme(C_SEL) : a;

		if (i == 5 && d->tech)
			continue;
		attron(ca);
		x += draw_text(stdscr, y, x, cells[i], w[i] ? w[i] :
		    COLS - 1 - x, true);
		if (w[i])
			x += draw_text(stdscr, y, x, " ", 1, false);
		attroff(ca);
	}
}

static void
dispatch_draw(struct ui *ui)
{
	static const char *const cols[] = { N_("DUE"), N_("LEFT"), N_("NO."),
	    N_("STATE"), N_("CATEGORY"), N_("TECH"), N_("FAULT / ADDRESS") };
	struct dispatch *d = st(ui);
	int y = ui_body_top(), i, x = 1;
	char buf[256];
	size_t j;

	attron(theme(C_TITLE));
	draw_text(stdscr, y, 1, d->tech ? _("My work orders") :
	    _("Dispatch board"), 30, false);
	attroff(theme(C_TITLE));
	snprintf(buf, sizeof(buf), _("open %lld  overdue %lld  due soon %lld"),
	    (long long)d->counts.open, (long long)d->counts.overdue,
	    (long long)d->counts.due_soon);
	draw_text(stdscr, y, COLS - 1 - text_width(buf), buf, text_width(buf),
	    false);
	snprintf(buf, sizeof(buf), "%s · %s%s%s%s", d->category < 0 ?
	    _("All categories") : _(cat_items[d->category]), d->technician ?
	    d->tech_name : d->tech ? _("mine") : _("all technicians"),
	    d->state < 0 ? "" : " · ", d->state < 0 ? "" :
	    _(state_items[d->state]), d->overdue_only ?
	    _(" · overdue only") : "");
	if ((int64_t)d->n < d->counts.open)	/* the soonest MAX_ROWS */
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
		    _(" · the soonest %zu shown"), d->n);
	attron(theme(C_DIM));
	draw_text(stdscr, y + 1, 1, buf, COLS - 2, true);
	attroff(theme(C_DIM));
	attron(A_BOLD);
	for (i = 0; i < 7; i++) {
		const int *w = widths(d);

		if (i == 5 && d->tech)
			continue;
		x += draw_text(stdscr, y + 2, x, _(cols[i]), w[i] ? w[i] :
		    COLS - 1 - x, true);
		if (w[i])
			x += draw_text(stdscr, y + 2, x, " ", 1, false);
	}
	attroff(A_BOLD);
	if (d->n == 0) {
		attron(theme(C_DIM));
		draw_text(stdscr, list_top(), 1, d->tech ?
		    _("No open work orders are yours.") :
		    _("No open work orders."), COLS - 2, true);
		attroff(theme(C_DIM));
	}
	for (j = d->top; j < d->n && j < d->top + (size_t)list_height(); j++)
		draw_row(ui, list_top() + (int)(j - d->top), &d->rows[j],
		    j == d->cur);
}

/* ---- forms and actions ---- */

static const struct kf_order *
cur_order(struct dispatch *d)
{
	return d->cur < d->n ? &d->rows[d->cur] : NULL;
}

/* What a confirmed or chosen move carries: plain data, copyable. */
struct move_arg {
	int64_t	 id;
	int64_t	 version;
	int	 what;		/* the action */
	int64_t	 tech;
};

/* Says what was done (formats kept literal for the compiler's checks). */
static void
moved(struct ui *ui, int what, int64_t id)
{
	long long n = (long long)id;

	switch (what) {
	case ACT_ACK:	ui_msg(ui, MSG_INFO, _("Work order %lld received."), n);
		break;
	case ACT_APPROVE: ui_msg(ui, MSG_INFO, _("Work order %lld approved."),
		    n);
		break;
	case ACT_ASSIGN: ui_msg(ui, MSG_INFO, _("Work order %lld dispatched."),
		    n);
		break;
	case ACT_ARRIVE: ui_msg(ui, MSG_INFO, _("Arrival recorded for work "
		    "order %lld."), n);
		break;
	case ACT_CANCEL_ORDER: ui_msg(ui, MSG_INFO, _("Work order %lld "
		    "cancelled."), n);
		break;
	case ACT_WORK:	ui_msg(ui, MSG_INFO, _("Work done recorded for work "
		    "order %lld."), n);
		break;
	case ACT_SIGNOFF: ui_msg(ui, MSG_INFO, _("Work order %lld signed "
		    "off."), n);
		break;
	case ACT_MATERIAL: ui_msg(ui, MSG_INFO, _("Materials check recorded "
		    "for work order %lld."), n);
		break;
	case ACT_ITEM:	ui_msg(ui, MSG_INFO, _("Item charged on work order "
		    "%lld."), n);
		break;
	default:
		break;
	}
	if (ui->screen == &screen_dispatch) {
		if (!st(ui)->tech)
			load_techs(ui);		/* the loads changed */
		load(ui, true);
	}
}

/*
 * Someone else moved the order first (two dispatchers at once): say who
 * and when, in the board's words, not the record's.
 */
static void
conflict_msg(struct ui *ui, int64_t id, const struct kf_err *err)
{
	char when[32];

	kf_time_local(err->conflict.at, when, sizeof(when));
	if (strcmp(err->conflict.field, "technician_id") == 0)
		ui_err(ui, err);	/* who took it, for whom (R11) */
	else
		ui_msg(ui, MSG_ERROR, _("%s changed work order %lld at %s "
		    "first; nothing was changed."), err->conflict.by,
		    (long long)id, when + 11);
}

static void
move_confirmed(struct ui *ui, void *arg)
{
	const struct move_arg *m = arg;
	struct kf_err err;
	enum kf_rc rc;

	kf_err_clear(&err);
	switch (m->what) {
	case ACT_ACK:
		rc = kf_order_ack(ui->k, m->id, m->version, &err);
		break;
	case ACT_APPROVE:
		rc = kf_order_approve(ui->k, m->id, m->version, &err);
		break;
	case ACT_ASSIGN:
		rc = kf_order_assign(ui->k, m->id, m->version, m->tech, &err);
		break;
	case ACT_ARRIVE:
		rc = kf_order_arrive(ui->k, m->id, m->version, 0, &err);
		break;
	default:
		return;
	}
	if (rc != KF_OK) {
		if (rc == KF_CONFLICT)
			conflict_msg(ui, m->id, &err);
		else if (err.rc != KF_BUSY || !ui_retry_later(ui,
		    move_confirmed, m, sizeof(*m), &err))
			ui_err(ui, &err);
		if (ui->screen == &screen_dispatch)
			load(ui, true);	/* show how it is now */
		return;
	}
	moved(ui, m->what, m->id);
}

static void
tech_chosen(struct ui *ui, void *arg, unsigned choice)
{
	struct move_arg *m = arg;
	struct dispatch *d = st(ui);

	if (choice >= d->nload)
		return;
	m->tech = d->load[choice].id;
	move_confirmed(ui, m);
}

static void
cat_chosen(struct ui *ui, void *arg, unsigned choice)
{
	(void)arg;
	st(ui)->category = (int)choice - 1;
	load(ui, false);
}

/* R17: correct one charge to a price (the list's, offered). */
struct charge_ctx {
	int64_t	 item_id;
	int64_t	 version;
};

static enum kf_rc
charge_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct charge_ctx *c = f->ctx;
	char *price = form_text(f, "price");
	int64_t fen;
	enum kf_rc rc;

	if ((rc = kf_money_parse(price, &fen, err)) == KF_OK)
		rc = kf_order_item_correct(ui->k, c->item_id, c->version, fen,
		    err);
	else
		kf_err_field(err, "price");
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Charge %lld corrected to %s."),
		    (long long)c->item_id, price);
		if (ui->screen == &screen_dispatch)
			load(ui, true);
	}
	free(price);
	return rc;
}

static void
charge_chosen(struct ui *ui, void *arg, unsigned choice)
{
	struct dispatch *d = st(ui);
	const struct kf_order_item *it;
	struct charge_ctx *c;
	struct form *f;
	char buf[256], charged[32], list[32];

	(void)arg;
	if (choice >= d->ncharges)
		return;
	it = &d->charges[choice];
	kf_money_format(it->unit_price, charged, sizeof(charged));
	kf_money_format(it->list_price, list, sizeof(list));
	f = form_new(N_("Correct a charge"), NULL, it->order_id, charge_submit);
	c = xcalloc(1, sizeof(*c));
	c->item_id = it->id;
	c->version = it->version;
	f->ctx = c;
	snprintf(buf, sizeof(buf), "%lld  %s %s x%lld", (long long)it->order_id,
	    it->code, it->name, (long long)it->quantity);
	form_add(f, "order", N_("Work order"), FIELD_READONLY, buf, 256);
	snprintf(buf, sizeof(buf), _("%s charged, %s on the list"), charged,
	    list);
	form_add(f, "prices", N_("Prices"), FIELD_READONLY, buf, 128);
	form_add(f, "price", N_("Correct price (yuan)"), FIELD_TEXT, list, 12);
	ui_open_form(ui, f);
}

static void
state_chosen(struct ui *ui, void *arg, unsigned choice)
{
	(void)arg;
	st(ui)->state = (int)choice - 1;
	load(ui, false);
}

/* R9, R20: what an emergency order lacked, or corrected contact details. */
static enum kf_rc
paperwork_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	char *acc = form_text(f, "customer"), *name = form_text(f,
	    "contact_name"), *phone = form_text(f, "contact_phone");
	struct kf_customer cu = { 0 };
	int64_t cust = 0;
	enum kf_rc rc = KF_OK;

	if (!kf_blank(acc)) {
		if ((rc = kf_customer_get_account(ui->k, acc, &cu, err)) ==
		    KF_OK)
			cust = cu.id;
		else
			kf_err_field(err, "customer");
		kf_customer_clear(&cu);
	}
	if (rc == KF_OK)
		rc = kf_order_edit(ui->k, f->record_id, f->seen_version, cust,
		    name, phone, NULL, NULL, err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Paperwork of work order %lld saved."),
		    (long long)f->record_id);
		if (ui->screen == &screen_dispatch)
			load(ui, true);
	}
	free(acc);
	free(name);
	free(phone);
	return rc;
}

static struct form *
paperwork_form(const struct kf_order *o)
{
	struct form *f = form_new(N_("Paperwork of a work order"), NULL, o->id,
	    paperwork_submit);
	char head[256];

	f->seen_version = o->version;
	snprintf(head, sizeof(head), "%lld  %s", (long long)o->id, o->address);
	form_add(f, "order", N_("Work order"), FIELD_READONLY, head, 256);
	form_add(f, "customer", N_("Customer account"), FIELD_TEXT, NULL, 32);
	form_add(f, "contact_name", N_("Contact person"), FIELD_TEXT,
	    o->contact_name, 32);
	form_add(f, "contact_phone", N_("Phone"), FIELD_TEXT, o->contact_phone,
	    24);
	return f;
}

static void
filter_tech_chosen(struct ui *ui, void *arg, unsigned choice)
{
	struct dispatch *d = st(ui);

	(void)arg;
	if (choice == 0 || choice > d->nload) {
		d->technician = 0;
	} else {
		d->technician = d->load[choice - 1].id;
		snprintf(d->tech_name, sizeof(d->tech_name), "%s",
		    d->load[choice - 1].display_name);
	}
	load(ui, false);
}

/* A text form for one move: cancel's reason, work done, sign-off... */
struct text_ctx {
	int	 what;
};

static enum kf_rc
text_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct text_ctx *c = f->ctx;
	char *t = form_text(f, "text"), *note = form_text(f, "note");
	char *when = form_text(f, "when");
	int64_t qty, item = 0, at = 0;
	enum kf_rc rc;
	char *end;

	if (kf_time_when(when, kf_core_now(ui->k), true, &at, NULL) != KF_OK) {
		free(t);
		free(note);
		free(when);
		kf_err_set(err, KF_INVALID, "%s", _("write the time as HH:MM or "
		    "YYYY-MM-DD HH:MM; empty: now"));
		kf_err_field(err, "when");
		return KF_INVALID;
	}
	switch (c->what) {
	case ACT_ARRIVE:
		rc = kf_order_arrive(ui->k, f->record_id, f->seen_version, at,
		    err);
		break;
	case ACT_CANCEL_ORDER:
		rc = kf_order_cancel(ui->k, f->record_id, f->seen_version, t,
		    err);
		break;
	case ACT_WORK:
		rc = kf_order_done(ui->k, f->record_id, f->seen_version, t, at,
		    err);
		break;
	case ACT_SIGNOFF:
		rc = kf_order_signoff(ui->k, f->record_id, f->seen_version, t,
		    err);
		break;
	case ACT_MATERIAL:
		rc = kf_order_material(ui->k, f->record_id, f->seen_version,
		    form_field(f, "result")->choice == 0 ? KF_MAT_PASS :
		    KF_MAT_FAIL, note, err);
		break;
	case ACT_ITEM:
		qty = strtoll(note, &end, 10);
		if (*note == '\0' || *end != '\0') {
			rc = kf_err_set(err, KF_INVALID, "%s",
			    _("the quantity is a whole number"));
			kf_err_field(err, "note");
			break;
		}
		rc = KF_NOTFOUND;
		if (st(ui)->nfees > 0)
			rc = kf_order_item_add(ui->k, f->record_id,
			    st(ui)->fees[form_field(f, "item")->choice].code,
			    qty, &item, err);
		else
			kf_err_set(err, KF_NOTFOUND, "%s",
			    _("the paid-service list is empty"));
		break;
	default:
		rc = KF_OK;
	}
	if (rc == KF_OK)
		moved(ui, c->what, f->record_id);
	else if (rc != KF_OK && err->field[0] != '\0' &&
	    form_field(f, err->field) == NULL)
		/* arrived_at, done_at: the time typed under When. */
		kf_err_field(err, form_field(f, "when") != NULL &&
		    strstr(err->field, "_at") != NULL ? "when" :
		    c->what == ACT_ITEM ? "note" : "text");
	free(t);
	free(note);
	free(when);
	return rc;
}

/* The forms of the moves that take input; drafted, so an SSH drop in the
 * field loses nothing (the draft comes back at the next login). */
static const struct {
	int		 what;
	const char	*draft, *title, *label;
} move_forms[] = {
	{ ACT_CANCEL_ORDER, "order.cancel", N_("Cancel a work order"),
	  N_("Reason") },
	{ ACT_WORK, "order.work", N_("Work done"), N_("What was done") },
	{ ACT_SIGNOFF, "order.signoff", N_("Customer sign-off"),
	  N_("Customer's name") },
	{ ACT_MATERIAL, "order.material", N_("Customer's materials"), NULL },
	{ ACT_ITEM, "order.item", N_("Charge an item"), NULL },
	/* A repair registered after it was done (R9): when he arrived. */
	{ ACT_ARRIVE, "order.arrive", N_("Arrival"), NULL },
};
#define NMOVE_FORMS (sizeof(move_forms) / sizeof(move_forms[0]))

static struct form *
text_form(const struct kf_order *o, int what, const char *title,
    const char *label)
{
	const char *draft = NULL;
	struct form *f;
	size_t i;

	for (i = 0; i < NMOVE_FORMS; i++)
		if (move_forms[i].what == what)
			draft = move_forms[i].draft;
	f = form_new(title, draft, o->id, text_submit);
	struct text_ctx *c = xcalloc(1, sizeof(*c));
	char head[256];

	c->what = what;
	f->ctx = c;
	f->seen_version = o->version;
	snprintf(head, sizeof(head), "%lld  %s", (long long)o->id, o->address);
	form_add(f, "order", N_("Work order"), FIELD_READONLY, head, 256);
	form_add(f, "fault", N_("Fault"), FIELD_READONLY, o->fault, 2000);
	if (label != NULL)
		form_add(f, "text", label, FIELD_TEXT, NULL, 2000);
	return f;
}

/* The whole form of a move (NULL when it cannot be offered: a message). */
static struct form *
move_form(struct ui *ui, const struct kf_order *o, int what)
{
	struct dispatch *d = st(ui);
	struct form *f;
	size_t i;

	for (i = 0; i < NMOVE_FORMS && move_forms[i].what != what; i++)
		;
	if (i == NMOVE_FORMS)
		return NULL;
	if (what == ACT_ITEM) {
		if (!load_fees(ui))
			return NULL;
		if (d->nfees == 0) {
			ui_msg(ui, MSG_ERROR, "%s", _("The paid-service list is "
			    "empty: ask an admin."));
			return NULL;
		}
	}
	f = text_form(o, what, move_forms[i].title, move_forms[i].label);
	/* R9: the steps of a repair registered after it was done take the
	 * times they happened (empty: now); the core holds them to it. */
	if ((what == ACT_ARRIVE || what == ACT_WORK) &&
	    kf_order_registered_after(o))
		form_add(f, "when", N_("When"), FIELD_TEXT, NULL, 20);
	if (what == ACT_MATERIAL) {
		form_add_choice(f, "result", N_("Result"), material_items,
		    material_keys, 2, false, 0);
		form_add(f, "note", N_("Note"), FIELD_TEXT, NULL, 500);
	} else if (what == ACT_ITEM) {
		form_add_choice(f, "item", N_("Item"),
		    (const char *const *)d->fee_items,
		    (const char *const *)d->fee_codes, (int)d->nfees, true, 0);
		form_add(f, "note", N_("Quantity"), FIELD_TEXT, "1", 6);
	}
	return f;
}

static enum kf_rc
details_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	(void)ui;
	(void)f;
	(void)err;
	return KF_OK;
}

/* An order whole, read only, with its items. */
static struct form *
details_form(struct ui *ui, const struct kf_order *o)
{
	struct form *f = form_new(N_("Work order"), NULL, o->id,
	    details_submit);
	struct kf_order_item *it = NULL;
	struct kf_customer cu;
	struct kf_err err;
	char buf[256], t1[32], money[32];
	size_t n = 0, i;

	snprintf(buf, sizeof(buf), "%lld  %s / %s", (long long)o->id,
	    _(state_items[o->state % KF_OS_COUNT]),
	    _(cat_items[o->category % KF_CAT_COUNT]));
	form_add(f, "id", N_("Work order"), FIELD_READONLY, buf, 256);
	form_add(f, "address", N_("Address"), FIELD_READONLY, o->address, 256);
	if (o->customer_id != 0 &&
	    kf_customer_get(ui->k, o->customer_id, &cu, NULL) == KF_OK) {
		/* The register's record: a technician sees his job's (R54). */
		snprintf(buf, sizeof(buf), "%s %s", cu.account, cu.name);
		for (i = 0; i < KF_MAX_PHONES && cu.phones[i] != NULL; i++)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    " %s", cu.phones[i]);
		form_add(f, "customer", N_("Customer"), FIELD_READONLY, buf,
		    256);
		if (cu.notes != NULL && cu.notes[0] != '\0')
			form_add(f, "notes", N_("Notes"), FIELD_READONLY,
			    cu.notes, 2000);
		kf_customer_clear(&cu);
	}
	snprintf(buf, sizeof(buf), "%s %s", o->contact_name, o->contact_phone);
	form_add(f, "contact", N_("Contact person"), FIELD_READONLY, buf, 256);
	form_add(f, "fault", N_("Fault"), FIELD_READONLY, o->fault, 2000);
	kf_time_local(o->reported_at, t1, sizeof(t1));
	form_add(f, "reported", N_("Reported"), FIELD_READONLY, t1, 32);
	kf_time_local(o->deadline_at, t1, sizeof(t1));
	snprintf(buf, sizeof(buf), "%s  %s", t1, o->deadline_on_arrival ?
	    _("(on site by)") : _("(cleared by)"));
	form_add(f, "deadline", N_("Deadline"), FIELD_READONLY, buf, 64);
	if (o->arrived_at != 0) {
		kf_time_local(o->arrived_at, t1, sizeof(t1));
		form_add(f, "arrived", N_("Arrived"), FIELD_READONLY, t1, 32);
	}
	if (o->work_done[0])
		form_add(f, "work", N_("Work done"), FIELD_READONLY,
		    o->work_done, 2000);
	if (o->materials != KF_MAT_NONE) {
		snprintf(buf, sizeof(buf), "%s %s", _(material_items[
		    o->materials == KF_MAT_PASS ? 0 : 1]), o->materials_note);
		form_add(f, "materials", N_("Materials"), FIELD_READONLY, buf,
		    256);
	}
	if (kf_order_items(ui->k, o->id, &it, &n, &err) == KF_OK)
		for (i = 0; i < n && f->n < FORM_MAX_FIELDS - 3; i++) {
			kf_money_format(it[i].amount, money, sizeof(money));
			snprintf(buf, sizeof(buf), "%s %s x%lld = %s", it[i].code,
			    it[i].name, (long long)it[i].quantity, money);
			form_add(f, "item", N_("Item"), FIELD_READONLY, buf, 256);
		}
	kf_order_items_free(it, n);
	kf_money_format(o->amount_due, money, sizeof(money));
	form_add(f, "due", N_("Amount due"), FIELD_READONLY, money, 32);
	if (o->signed_name[0]) {
		kf_time_local(o->signed_at, t1, sizeof(t1));
		snprintf(buf, sizeof(buf), "%s  %s", o->signed_name, t1);
		form_add(f, "signed", N_("Signed"), FIELD_READONLY, buf, 64);
	}
	return f;
}

static unsigned
confirm_move(struct ui *ui, const struct kf_order *o, int what)
{
	struct move_arg *m = xcalloc(1, sizeof(*m));
	long long n = (long long)o->id;
	char q[512];

	m->id = o->id;
	m->version = o->version;
	m->what = what;
	if (what == ACT_ACK)
		snprintf(q, sizeof(q), _("Receive work order %lld (%s) now?"),
		    n, o->address);
	else if (what == ACT_APPROVE)
		snprintf(q, sizeof(q), _("Approve work order %lld (%s), off the "
		    "paid-service list?"), n, o->address);
	else
		snprintf(q, sizeof(q), _("On site for work order %lld (%s) "
		    "now?"), n, o->address);
	ui_confirm(ui, q, move_confirmed, m);
	return DIRTY_ALL;
}

/*
 * Whether the move of act may be made on o now (the core's state table):
 * if not, the refusal is shown at the key, before a form is typed into.
 */
static bool
may(struct ui *ui, const struct kf_order *o, enum action act)
{
	static const struct {
		enum action		act;
		enum kf_order_move	mv;
	} map[] = {
		{ ACT_ACK, KF_MOVE_ACK }, { ACT_APPROVE, KF_MOVE_APPROVE },
		{ ACT_ASSIGN, KF_MOVE_ASSIGN }, { ACT_ARRIVE, KF_MOVE_ARRIVE },
		{ ACT_ITEM, KF_MOVE_ITEM }, { ACT_MATERIAL, KF_MOVE_MATERIAL },
		{ ACT_WORK, KF_MOVE_DONE }, { ACT_SIGNOFF, KF_MOVE_SIGNOFF },
		{ ACT_CANCEL_ORDER, KF_MOVE_CANCEL },
		{ ACT_PAPERWORK, KF_MOVE_EDIT },
	};
	struct kf_err err;
	size_t i;

	if (o == NULL)
		return false;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].act == act) {
			if (kf_order_may(ui->k, o, map[i].mv, &err) == KF_OK)
				return true;
			ui_err(ui, &err);
			return false;
		}
	return true;
}

static unsigned
dispatch_act(struct ui *ui, enum action act, int arg)
{
	struct dispatch *d = st(ui);
	const struct kf_order *o = cur_order(d);
	struct move_arg *m;
	struct form *f;
	size_t page = (size_t)(list_height() > 1 ? list_height() - 1 : 1);

	(void)arg;
	switch (act) {
	case ACT_UP:
		if (d->cur > 0)
			d->cur--;
		break;
	case ACT_DOWN:
		if (d->cur + 1 < d->n)
			d->cur++;
		break;
	case ACT_PGUP:
		d->cur = d->cur > page ? d->cur - page : 0;
		break;
	case ACT_PGDN:
		d->cur += page;
		break;
	case ACT_FILTER_CAT:
		ui_pick(ui, _("Show"), cat_filter_items, KF_CAT_COUNT + 1, 0,
		    (unsigned)(d->category + 1), cat_chosen, NULL);
		return DIRTY_ALL;
	case ACT_FILTER_TECH:
		if (!load_techs(ui))
			return DIRTY_ALL;
		{
			/* "All technicians" first, then each with his load. */
			static const char *items[257];
			unsigned sel = 0;
			size_t i;

			items[0] = _("All technicians");
			for (i = 0; i < d->nload && i < 256; i++) {
				items[i + 1] = d->load_items[i];
				if (d->load[i].id == d->technician)
					sel = (unsigned)i + 1;	/* as c, s */
			}
			ui_pick(ui, _("Show"), items, (int)i + 1, PICK_LITERAL,
			    sel, filter_tech_chosen, NULL);
		}
		return DIRTY_ALL;
	case ACT_FILTER_OVERDUE:
		d->overdue_only = !d->overdue_only;
		load(ui, false);
		return DIRTY_ALL;
	case ACT_NEW:
		{
			struct kf_contact none;

			memset(&none, 0, sizeof(none));
			ui_open_form(ui, order_form(ui, &none));
		}
		return DIRTY_ALL;
	case ACT_CHARGES:
		{
			struct kf_err err;
			char charged[32], list[32];
			size_t i;

			free_charges(d);
			if (kf_order_charges_flagged(ui->k, 100, &d->charges,
			    &d->ncharges, &err) != KF_OK) {
				ui_err(ui, &err);
				return DIRTY_ALL;
			}
			if (d->ncharges == 0) {
				ui_msg(ui, MSG_INFO, "%s", _("Every charge "
				    "matches the paid-service list."));
				return DIRTY_ALL;
			}
			d->charge_items = xcalloc(d->ncharges, sizeof(char *));
			for (i = 0; i < d->ncharges; i++) {
				kf_money_format(d->charges[i].unit_price,
				    charged, sizeof(charged));
				kf_money_format(d->charges[i].list_price, list,
				    sizeof(list));
				d->charge_items[i] = xasprintf("#%lld %s %s/%s",
				    (long long)d->charges[i].order_id,
				    d->charges[i].code, charged, list);
			}
			ui_pick(ui, _("Charges off the list"),
			    (const char *const *)d->charge_items,
			    (int)d->ncharges, PICK_LITERAL, 0, charge_chosen,
			    NULL);
		}
		return DIRTY_ALL;
	case ACT_FILTER_STATE:
		ui_pick(ui, _("Show"), state_filter_items, 7, 0,
		    (unsigned)(d->state + 1), state_chosen, NULL);
		return DIRTY_ALL;
	case ACT_PAPERWORK:
		if (may(ui, o, act))
			ui_open_form(ui, paperwork_form(o));
		return DIRTY_ALL;
	case ACT_OPEN:
		if (o != NULL)
			ui_open_form(ui, details_form(ui, o));
		return DIRTY_ALL;
	case ACT_ACK: case ACT_APPROVE: case ACT_ARRIVE:
		if (o == NULL)
			return 0;
		if (!may(ui, o, act))
			return DIRTY_ALL;
		/* R9: registered after, the arrival asks when it was. */
		if (act == ACT_ARRIVE && kf_order_registered_after(o)) {
			if ((f = move_form(ui, o, act)) != NULL)
				ui_open_form(ui, f);
			return DIRTY_ALL;
		}
		return confirm_move(ui, o, act);
	case ACT_ASSIGN:
		if (o == NULL || !may(ui, o, act) || !load_techs(ui))
			return DIRTY_ALL;
		if (d->nload == 0) {
			ui_msg(ui, MSG_ERROR, "%s", _("There is no technician "
			    "to dispatch to."));
			return DIRTY_ALL;
		}
		m = xcalloc(1, sizeof(*m));
		m->id = o->id;
		m->version = o->version;
		m->what = ACT_ASSIGN;
		ui_pick(ui, _("Dispatch to"), (const char *const *)d->load_items,
		    (int)d->nload, PICK_LITERAL, 0, tech_chosen, m);
		return DIRTY_ALL;
	case ACT_CANCEL_ORDER: case ACT_WORK: case ACT_SIGNOFF:
	case ACT_MATERIAL: case ACT_ITEM:
		if (may(ui, o, act) && (f = move_form(ui, o, act)) != NULL)
			ui_open_form(ui, f);
		return DIRTY_ALL;
	default:
		return 0;
	}
	fix_scroll(d);
	return DIRTY_BODY;
}

/* Another session changed something: the board follows at once. */
static void
dispatch_changed(struct ui *ui)
{
	if (!st(ui)->tech && st(ui)->nload == 0)
		load_techs(ui);
	load(ui, true);
}

/* The countdown moves on: reload at least every 30 seconds. */
static unsigned
dispatch_tick(struct ui *ui)
{
	if (now_ms() - st(ui)->last_ms < REFRESH_MS &&
	    kf_core_now(ui->k) < st(ui)->next_change)
		return 0;
	load(ui, true);
	return DIRTY_BODY;
}

/* Reopens a move's form from its draft (the link dropped in the field). */
static void
dispatch_restore(struct ui *ui, const struct kf_draft *dr)
{
	struct kf_order o;
	struct kf_err err;
	struct form *f;
	const char *v;
	size_t i;

	for (i = 0; i < NMOVE_FORMS; i++)
		if (strcmp(dr->form, move_forms[i].draft) == 0)
			break;
	if (i == NMOVE_FORMS)
		return;
	if (kf_order_get(ui->k, dr->record_id, &o, &err) != KF_OK) {
		/* Gone, or no longer his (reassigned): say so, and do not
		 * offer it again at every login. */
		ui_err(ui, &err);
		kf_draft_drop(ui->k, dr->form, dr->record_id, NULL);
		return;
	}
	f = move_form(ui, &o, move_forms[i].what);
	kf_order_clear(&o);
	if (f == NULL)
		return;
	for (i = 0; i < dr->nfields; i++)
		form_set(f, dr->names[i], dr->values[i]);
	/* The version he started from: a change made while he was offline
	 * still shows as a conflict when he saves. */
	if ((v = kf_draft_get(dr, "_version")) != NULL &&
	    strtoll(v, NULL, 10) > 0)
		f->seen_version = strtoll(v, NULL, 10);
	f->dirty = f->touched = true;
	ui_open_form(ui, f);
	ui_msg(ui, MSG_INFO, "%s", _("Your unsaved input is back."));
}

static const struct binding *
dispatch_keys_now(const struct ui *ui)
{
	const struct dispatch *d = ui->state;

	if (d != NULL && d->tech)
		return tech_keys;
	if (kf_may(ui->k, KF_ACT_ORDER_ACK, 0, NULL) != KF_OK &&
	    kf_may(ui->k, KF_ACT_ORDER_ASSIGN, 0, NULL) != KF_OK)
		return view_keys;	/* reception, billing: a look only */
	return board_keys;
}

const struct screen screen_dispatch = {
	.title = N_("Dispatch"),
	.fkey = 3,
	.action = KF_ACT_ORDER_VIEW,
	.keys = board_keys,
	.keys_now = dispatch_keys_now,
	.enter = dispatch_enter,
	.leave = dispatch_leave,
	.draw = dispatch_draw,
	.act = dispatch_act,
	.changed = dispatch_changed,
	.tick = dispatch_tick,
	.restore = dispatch_restore,
};
