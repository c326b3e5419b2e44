/*
 * screen_reception.c — F2 Reception (前台): the front desk's screen.
 *
 * The clerk types a fragment of a name, phone number, account number or
 * address and the matching customers appear as they type (R1, R54);
 * Enter logs a call or visit for the chosen customer, ^N for an unknown
 * caller. The contact form follows the purpose (R5–R10) and, for a call,
 * shows the phone script: the greeting to say (R49), how to address the
 * caller once the surname is known (R50), the problem to restate (R51),
 * and a hold timer that offers a callback when the answer takes too long
 * (R52, policy call.offer_callback_after). Below the search: today's
 * contacts (filterable by purpose and staff member) and, for dispatchers
 * and managers, the suggestions routed to them (R7), both refreshed live
 * when any session logs something.
 *
 * Every rule is the core's: the form only collects, the core refuses with
 * the rule's number and the field it is about.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/policy.h"
#include "kefu/staff.h"
#include "kefu/util.h"
#include "tui.h"

#define MAX_HITS	50	/* search results kept (ranked; best first) */
#define MAX_TODAY	500	/* today's contacts kept (newest first) */
#define MAX_QUEUE	100

enum panel { P_FIND, P_TODAY, P_QUEUE };

/* A scrolling selection over n rows. */
struct sel {
	size_t	 n, cur, top;
};

struct reception {
	enum panel		 panel;
	struct lineedit		 query;
	char			*searched;	/* the query the hits are for */
	struct kf_customer_hit	*hits;
	struct sel		 hs;
	struct kf_contact	*today;
	char		       **today_who;	/* caller or customer, per row */
	struct sel		 ts;
	struct kf_contact	*queue;
	char		       **queue_who;
	struct sel		 qs;
	bool			 has_queue;	/* a dispatcher or manager */
	int64_t			 queue_newest;	/* highest id seen: bell above */
	int			 purpose;	/* filter: -1 any */
	int64_t			 staff;		/* filter: 0 anyone */
	/* Colleagues, for names in the list and the staff filter. */
	struct kf_staff		*people;
	size_t			 npeople;
	const char	       **people_names;	/* "everyone" + names */
	int64_t			 linking;	/* contact being linked, or 0 */
	int64_t			 linking_version;
};

/*
 * Keys by panel: typing goes into the search box, so letters act only in
 * the lists; the hint line and F1 show the keys of the panel in use.
 */
static const struct binding find_keys[] = {
	{ CH('\r'), ACT_OPEN, 0, "Enter", N_("log call"),
	  N_("Log a call or visit for the chosen customer"), true },
	{ CH(14), ACT_LOG_UNKNOWN, 0, "^N", N_("unknown caller"),
	  N_("Log a call or visit from someone not on file"), true },
	{ CH('\t'), ACT_TAB, 0, "Tab", N_("lists"),
	  N_("Next panel: search, today's contacts, the suggestion queue"),
	  true },
	ARROW_KEYS,
	END_BINDINGS
};

static const struct binding today_keys[] = {
	{ CH('\r'), ACT_OPEN, 0, "Enter", N_("open"),
	  N_("Show the chosen contact whole"), true },
	{ CH('p'), ACT_FILTER_PURPOSE, 0, "p", N_("purpose"),
	  N_("Show one purpose only"), true },
	{ CH('s'), ACT_FILTER_STAFF, 0, "s", N_("staff"),
	  N_("Show one staff member's contacts only"), true },
	{ CH('k'), ACT_KEY, 0, "k", N_("key"),
	  N_("The key of a viewing goes out or comes back (R6)"), true },
	{ CH('x'), ACT_UNBOOK, 0, "x", N_("cancel booking"),
	  N_("Cancel a booked viewing: nobody waits for the viewer (R6)"),
	  false },
	{ CH('c'), ACT_CALLBACK, 0, "c", N_("call back"),
	  N_("Promise the caller a callback (R52)"), true },
	{ CH('l'), ACT_LINK, 0, "l", N_("link"),
	  N_("Link an unknown caller to a customer"), true },
	{ CH('\t'), ACT_TAB, 0, "Tab", N_("next panel"),
	  N_("Next panel: search, today's contacts, the suggestion queue"),
	  true },
	{ CH(14), ACT_LOG_UNKNOWN, 0, "^N", NULL,
	  N_("Log a call or visit from someone not on file"), false },
	ARROW_KEYS,
	END_BINDINGS
};

static const struct binding queue_keys[] = {
	{ CH('\r'), ACT_OPEN, 0, "Enter", N_("open"),
	  N_("Show the chosen suggestion whole"), true },
	{ CH('h'), ACT_HANDLE, 0, "h", N_("handled"),
	  N_("Record what became of the suggestion; it leaves the queue (R7)"),
	  true },
	{ CH('\t'), ACT_TAB, 0, "Tab", N_("next panel"),
	  N_("Next panel: search, today's contacts, the suggestion queue"),
	  true },
	{ CH(14), ACT_LOG_UNKNOWN, 0, "^N", NULL,
	  N_("Log a call or visit from someone not on file"), false },
	ARROW_KEYS,
	END_BINDINGS
};

/* R5's purposes in the UI language (the order of enum kf_purpose). */
static const char *const purpose_items[KF_P_COUNT] = {
	N_("House viewing"), N_("Owner visit / inquiry"), N_("Suggestion"),
	N_("Complaint"), N_("Renovation application"), N_("Repair request"),
	N_("External visit"), N_("Inspection"), N_("Payment"),
	N_("Other purpose"),
};
static const char *const purpose_keys[KF_P_COUNT] = {
	"viewing", "inquiry", "suggestion", "complaint", "renovation", "repair",
	"external", "inspection", "payment", "other",
};
/* The same, short, for the list's column. */
static const char *const purpose_short[KF_P_COUNT] = {
	N_("Viewing"), N_("Inquiry"), N_("Suggestion"), N_("Complaint"),
	N_("Renovation"), N_("Repair"), N_("Visit"), N_("Inspection"),
	N_("Payment"), N_("Other"),
};
/* The purpose filter's picker: "all" first. */
static const char *const purpose_filter_items[KF_P_COUNT + 1] = {
	N_("All purposes"), N_("House viewing"), N_("Owner visit / inquiry"),
	N_("Suggestion"), N_("Complaint"), N_("Renovation application"),
	N_("Repair request"), N_("External visit"), N_("Inspection"),
	N_("Payment"), N_("Other purpose"),
};
static const char *const channel_items[] = {
	N_("Hotline"), N_("Walk-in"), N_("Phone-in"), N_("Other channel"),
};
static const char *const channel_keys[] = {
	"hotline", "walk-in", "phone-in", "other",
};
static const char *const title_items[] = {
	N_("(not yet)"), "先生", "女士",
};
static const char *const title_keys[] = { "", "先生", "女士" };
static const char *const yesno_items[] = { N_("No"), N_("Yes") };
static const char *const yesno_keys[] = { "0", "1" };
static const char *const key_items[] = {
	N_("Not handed over"), N_("Handed over now"),
};
static const char *const urgency_items[] = {
	N_("Normal: to the manager"), N_("Urgent: to the dispatcher"),
};
static const char *const urgency_keys[] = { "normal", "urgent" };
/* R52: when the callback is promised for. */
static const char *const callback_items[] = {
	N_("No callback"), N_("Within 30 minutes"), N_("Within 2 hours"),
	N_("Within 1 day"),
};
static const char *const callback_keys[] = { "0", "1800", "7200", "86400" };

/* Work order states in the UI language (the order of enum kf_order_state). */
static const char *const state_names_ui[KF_OS_COUNT] = {
	N_("reported"), N_("acknowledged"), N_("dispatched"), N_("on-site"),
	N_("done"), N_("signed"), N_("closed"), N_("cancelled"),
};

/* What a caller is told at once (R49), in the callers' language. */
static const char greeting[] = "您好,客服中心,很高兴为您服务!";

static struct reception *
st(struct ui *ui)
{
	return ui->state;
}

/* ---- layout: one place decides where everything goes ---- */

struct layout {
	int	 title, find, hits_head, hits, hits_h, sep, list_head, list,
		 list_h;
};

static struct layout
layout(void)
{
	struct layout l;
	int rest;

	l.title = ui_body_top();
	l.find = l.title + 1;
	l.hits_head = l.find + 1;
	l.hits = l.hits_head + 1;
	rest = ui_body_height() - 5;	/* the five fixed lines */
	l.hits_h = rest * 2 / 5;
	if (l.hits_h < 3)
		l.hits_h = 3;
	l.sep = l.hits + l.hits_h;
	l.list_head = l.sep + 1;
	l.list = l.list_head + 1;
	l.list_h = rest - l.hits_h;
	if (l.list_h < 1)
		l.list_h = 1;
	return l;
}

static void
sel_fix(struct sel *s, int height)
{
	if (s->n == 0) {
		s->cur = s->top = 0;
		return;
	}
	if (s->cur >= s->n)
		s->cur = s->n - 1;
	if (s->cur < s->top)
		s->top = s->cur;
	else if (s->cur >= s->top + (size_t)height)
		s->top = s->cur - (size_t)height + 1;
}

static void
sel_move(struct sel *s, enum action a, int height)
{
	size_t page = height > 1 ? (size_t)height - 1 : 1;

	switch (a) {
	case ACT_UP:	if (s->cur > 0) s->cur--; break;
	case ACT_DOWN:	if (s->cur + 1 < s->n) s->cur++; break;
	case ACT_PGUP:	s->cur = s->cur > page ? s->cur - page : 0; break;
	case ACT_PGDN:	s->cur += page; break;
	default:	break;
	}
	sel_fix(s, height);
}

/* ---- names ---- */

static const char *
staff_name(const struct reception *r, int64_t id)
{
	size_t i;

	for (i = 0; i < r->npeople; i++)
		if (r->people[i].id == id)
			return r->people[i].display_name;
	return "?";
}

/*
 * The surname of a Chinese name (R50): the first character, or the first
 * two for the compound surnames still common; a Latin name is kept whole.
 */
static char *
surname_of(const char *name)
{
	static const char *const compound[] = { "欧阳", "司马", "上官", "诸葛",
	    "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
	    "夏侯", "轩辕", "令狐", "钟离", "端木", "百里", "南宫", "西门" };
	size_t i, len;

	if (name == NULL || (unsigned char)name[0] < 0x80)
		return xstrdup(name ? name : "");
	for (i = 0; i < sizeof(compound) / sizeof(compound[0]); i++)
		if (strncmp(name, compound[i], strlen(compound[i])) == 0)
			return xstrdup(compound[i]);
	for (len = 1; name[len] && ((unsigned char)name[len] & 0xc0) == 0x80;
	    len++)
		;
	return xasprintf("%.*s", (int)len, name);
}

/* Who a contact was with, for a list row: 王先生, else the customer. */
static char *
who_of(struct ui *ui, const struct kf_contact *c)
{
	struct kf_customer cu;
	struct kf_err err;
	char *s;

	if (c->caller_name && *c->caller_name)
		return xasprintf("%s%s", c->caller_name, c->caller_title ?
		    c->caller_title : "");
	if (c->customer_id != 0 &&
	    kf_customer_get(ui->k, c->customer_id, &cu, &err) == KF_OK) {
		s = xstrdup(cu.name);
		kf_customer_clear(&cu);
		return s;
	}
	return xstrdup(c->caller_phone ? c->caller_phone : "");
}

static void
free_who(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- loading ---- */

/* Searches for the box's text unless the hits are for it; true if it did. */
static bool
search(struct ui *ui)
{
	struct reception *r = st(ui);
	char *q = lineedit_text(&r->query);
	struct kf_err err;
	size_t n = 0;

	if (r->searched != NULL && strcmp(q, r->searched) == 0) {
		free(q);
		return false;
	}
	kf_customer_hits_free(r->hits, r->hs.n);
	r->hits = NULL;
	r->hs = (struct sel){ 0 };
	free(r->searched);
	r->searched = q;
	if (kf_blank(q))
		return true;
	if (kf_customer_find(ui->k, q, MAX_HITS, &r->hits, &n, &err) != KF_OK)
		ui_err(ui, &err);
	else
		r->hs.n = n;
	return true;
}

static void
load_today(struct ui *ui)
{
	struct reception *r = st(ui);
	int64_t t0 = kf_time_day_start(kf_core_now(ui->k));
	int64_t keep = r->ts.cur < r->ts.n ? r->today[r->ts.cur].id : 0;
	struct kf_err err;
	size_t n = 0, i;

	kf_contact_list_free(r->today, r->ts.n);
	free_who(r->today_who, r->ts.n);
	r->today = NULL;
	r->today_who = NULL;
	r->ts.n = 0;
	if (kf_contact_list(ui->k, &(struct kf_contact_filter){ .from = t0,
	    .to = t0 + 86400 + 3600, .purpose = r->purpose,
	    .staff_id = r->staff }, KF_PAGE_FIRST, NULL, MAX_TODAY, &r->today,
	    &n, &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	r->ts.n = n;
	r->today_who = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		r->today_who[i] = who_of(ui, &r->today[i]);
		if (r->today[i].id == keep)
			r->ts.cur = i;	/* the cursor stays on its row */
	}
	sel_fix(&r->ts, layout().list_h);
}

static void
load_queue(struct ui *ui, bool alert)
{
	struct reception *r = st(ui);
	int64_t newest = r->queue_newest;
	struct kf_err err;
	size_t n = 0, i;

	if (!r->has_queue)
		return;
	kf_contact_list_free(r->queue, r->qs.n);
	free_who(r->queue_who, r->qs.n);
	r->queue = NULL;
	r->queue_who = NULL;
	r->qs.n = 0;
	if (kf_contact_list(ui->k, &(struct kf_contact_filter){ .purpose = -1,
	    .queue = true }, KF_PAGE_FIRST, NULL, MAX_QUEUE, &r->queue, &n,
	    &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	r->qs.n = n;
	r->queue_who = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		r->queue_who[i] = who_of(ui, &r->queue[i]);
		if (r->queue[i].id > r->queue_newest)
			r->queue_newest = r->queue[i].id;
	}
	sel_fix(&r->qs, layout().list_h);
	/* A suggestion routed to this person arrived from another session. */
	if (alert && r->queue_newest > newest && n > 0)
		ui_alert(ui, _("New suggestion in your queue: %s"),
		    r->queue[0].asked);
}

static void
load_people(struct ui *ui)
{
	struct reception *r = st(ui);
	struct kf_err err;
	size_t i;

	kf_staff_list_free(r->people, r->npeople);
	free(r->people_names);
	r->people = NULL;
	r->npeople = 0;
	if (kf_staff_colleagues(ui->k, ~0u, 1000, &r->people, &r->npeople,
	    &err) != KF_OK)
		ui_err(ui, &err);
	r->people_names = xcalloc(r->npeople + 1, sizeof(char *));
	r->people_names[0] = _("Everyone");
	for (i = 0; i < r->npeople; i++)
		r->people_names[i + 1] = r->people[i].display_name;
}

static int
reception_enter(struct ui *ui)
{
	struct reception *r = xcalloc(1, sizeof(*r));
	unsigned roles = kf_core_actor_roles(ui->k);

	ui->state = r;
	lineedit_init(&r->query, 64);
	r->purpose = -1;
	r->has_queue = (roles & (KF_ROLE_DISPATCHER | KF_ROLE_SUPERVISOR)) != 0;
	load_people(ui);
	load_today(ui);
	load_queue(ui, false);
	return 0;
}

static void
reception_leave(struct ui *ui)
{
	struct reception *r = st(ui);

	if (r == NULL)
		return;
	lineedit_free(&r->query);
	free(r->searched);
	kf_customer_hits_free(r->hits, r->hs.n);
	kf_contact_list_free(r->today, r->ts.n);
	free_who(r->today_who, r->ts.n);
	kf_contact_list_free(r->queue, r->qs.n);
	free_who(r->queue_who, r->qs.n);
	kf_staff_list_free(r->people, r->npeople);
	free(r->people_names);
	free(r);
	ui->state = NULL;
}

/* ---- drawing ---- */

/* Column widths in cells (a space between); the last takes the rest. */
static const int hit_w[] = { 11, 12, 12, 0 };
static const char *const hit_cols[] = { N_("ACCOUNT"), N_("NAME"),
	N_("PHONE"), N_("ADDRESS") };
static const int contact_w[] = { 5, 8, 10, 10, 8, 8, 0 };
static const char *const contact_cols[] = { N_("TIME"), N_("CHANNEL"),
	N_("PURPOSE"), N_("WHO"), N_("STAFF"), N_("NOTE"), N_("ASKED") };

/* Draws cells[i] in widths[i] columns from x = 1, bold for a header. */
static void
draw_cells(int y, const char *const *cells, const int *widths, int n,
    bool head)
{
	int i, x = 1;

	if (head)
		attron(A_BOLD);
	for (i = 0; i < n; i++) {
		const char *c = cells[i] ? cells[i] : "";

		if (head)
			c = _(c);
		x += draw_text(stdscr, y, x, c, widths[i] ? widths[i] :
		    COLS - 1 - x, true);
		if (widths[i])
			x += draw_text(stdscr, y, x, " ", 1, false);
	}
	if (head)
		attroff(A_BOLD);
}

static void
draw_hit(int y, const struct kf_customer_hit *h, bool sel)
{
	char *addr = kf_customer_address(&h->c);
	const char *cells[] = { h->c.account, h->c.name, h->c.phones[0] ?
	    h->c.phones[0] : "-", addr };

	if (sel)
		attron(theme(C_SEL));
	draw_cells(y, cells, hit_w, 4, false);
	if (sel)
		attroff(theme(C_SEL));
	free(addr);
}

/* What needs doing about a contact, most pressing first. */
static const char *
note_of(const struct kf_contact *c)
{
	if (c->purpose == KF_P_VIEWING && c->key_out_at != 0)
		return c->key_in_at != 0 ? _("key back") : _("key out");
	if (c->callback_due_at != 0)
		return _("callback");
	if (c->purpose == KF_P_SUGGESTION)
		return c->urgency == KF_URG_URGENT ? _("urgent") : _("normal");
	return "";
}

static void
draw_contact(struct ui *ui, int y, const struct kf_contact *c,
    const char *who, bool sel)
{
	char when[32];
	const char *cells[7];

	kf_time_local(c->at, when, sizeof(when));
	cells[0] = when + 11;
	cells[1] = _(channel_items[c->channel & 3]);
	cells[2] = _(purpose_short[c->purpose % KF_P_COUNT]);
	cells[3] = who;
	cells[4] = staff_name(st(ui), c->staff_id);
	cells[5] = note_of(c);
	cells[6] = c->asked;
	if (sel)
		attron(theme(C_SEL));
	draw_cells(y, cells, contact_w, 7, false);
	if (sel)
		attroff(theme(C_SEL));
}

static void
reception_draw(struct ui *ui)
{
	struct reception *r = st(ui);
	struct layout l = layout();
	char buf[256], pf[64], sf[96];
	size_t first, count, i;
	int col, x, qx, w = COLS - 1;
	const struct kf_contact *rows;
	char **who;
	const struct sel *s;

	attron(theme(C_TITLE));
	draw_text(stdscr, l.title, 1, _("Reception"), 20, false);
	attroff(theme(C_TITLE));
	/* The newest MAX_TODAY are kept: say so when there are more. */
	if (r->has_queue)
		snprintf(buf, sizeof(buf), _("Today %zu%s  Queue %zu"), r->ts.n,
		    r->ts.n == MAX_TODAY ? "+" : "", r->qs.n);
	else
		snprintf(buf, sizeof(buf), _("Today %zu%s"), r->ts.n,
		    r->ts.n == MAX_TODAY ? "+" : "");
	draw_text(stdscr, l.title, COLS - 1 - text_width(buf), buf,
	    text_width(buf), false);

	/* The search box. */
	x = 1 + draw_text(stdscr, l.find, 1, r->linking ? _("Link to:") :
	    _("Find:"), 12, false);
	x += draw_text(stdscr, l.find, x, " ", 1, false);
	qx = x;
	if (r->panel == P_FIND)
		attron(A_UNDERLINE);
	col = lineedit_view(&r->query, w - x, &first, &count);
	move(l.find, x);
	addnwstr(r->query.buf + first, (int)count);
	for (int c = lineedit_width(&r->query, first, first + count);
	    c < w - x; c++)
		addch(' ');
	if (r->panel == P_FIND)
		attroff(A_UNDERLINE);

	draw_cells(l.hits_head, hit_cols, hit_w, 4, true);
	if (r->hs.n == 0) {
		attron(theme(C_DIM));
		if (r->searched == NULL || kf_blank(r->searched))
			draw_wrapped(stdscr, l.hits, 1, _("Type a name, phone "
			    "number, account number or address: the customers "
			    "appear as you type. ^N: a caller not on file."),
			    w - 1, l.hits_h);
		else {
			snprintf(buf, sizeof(buf), _("No customer matches "
			    "\"%s\". ^N logs the call as an unknown caller."),
			    r->searched);
			draw_wrapped(stdscr, l.hits, 1, buf, w - 1, l.hits_h);
		}
		attroff(theme(C_DIM));
	}
	for (i = r->hs.top; i < r->hs.n && i < r->hs.top + (size_t)l.hits_h;
	    i++)
		draw_hit(l.hits + (int)(i - r->hs.top), &r->hits[i],
		    r->panel == P_FIND && i == r->hs.cur);

	/* Today's contacts or the queue. */
	if (r->purpose < 0)
		snprintf(pf, sizeof(pf), "%s", _("All purposes"));
	else
		snprintf(pf, sizeof(pf), "%s", _(purpose_items[r->purpose]));
	snprintf(sf, sizeof(sf), "%s", r->staff == 0 ? _("Everyone") :
	    staff_name(r, r->staff));
	move(l.sep, 0);
	clrtoeol();
	x = 1;
	if (r->panel == P_TODAY)
		attron(theme(C_TAB));
	snprintf(buf, sizeof(buf), _(" Today's contacts: %s, %s "), pf, sf);
	x += draw_text(stdscr, l.sep, x, buf, w - x, false);
	if (r->panel == P_TODAY)
		attroff(theme(C_TAB));
	if (r->has_queue) {
		x += draw_text(stdscr, l.sep, x, "  ", 2, false);
		if (r->panel == P_QUEUE)
			attron(theme(C_TAB));
		snprintf(buf, sizeof(buf), _(" Suggestion queue (%zu) "),
		    r->qs.n);
		x += draw_text(stdscr, l.sep, x, buf, w - x, false);
		if (r->panel == P_QUEUE)
			attroff(theme(C_TAB));
	}
	draw_cells(l.list_head, contact_cols, contact_w, 7, true);
	if (r->panel == P_QUEUE) {
		rows = r->queue;
		who = r->queue_who;
		s = &r->qs;
	} else {
		rows = r->today;
		who = r->today_who;
		s = &r->ts;
	}
	if (s->n == 0) {
		attron(theme(C_DIM));
		draw_text(stdscr, l.list, 1, r->panel == P_QUEUE ?
		    _("No suggestions are waiting for you.") :
		    _("No contacts logged today (with these filters)."), w - 1,
		    true);
		attroff(theme(C_DIM));
	}
	for (i = s->top; i < s->n && i < s->top + (size_t)l.list_h; i++)
		draw_contact(ui, l.list + (int)(i - s->top), &rows[i], who[i],
		    r->panel != P_FIND && i == s->cur);
	if (r->panel == P_FIND && ui->form == NULL && ui->dialog == NULL &&
	    !ui->menu && !ui->help) {
		move(l.find, qx + col);
		curs_set(1);
	}
}

/* ---- the contact form ---- */

struct contact_ctx {
	int64_t		 customer_id;	/* 0: an unknown caller */
	char		*customer;	/* "D00000012 李明 阳光小区 3号楼" */
	int64_t		 started;	/* the core's clock when the call began */
	int64_t		 opened_ms;	/* for the hold timer (monotonic) */
	int64_t		 offer_after;	/* R52's threshold, seconds */
	int		 shown_s;	/* timer second last drawn */
	bool		 offered;	/* the callback was offered */
	/* Managers who may receive an inspection (R10). */
	struct kf_staff	*managers;
	size_t		 nmanagers;
	const char     **manager_names;	/* "(choose)", then the enabled */
	const char     **manager_logins;
	int		 nchoices;
};

static void
contact_ctx_free(void *p)
{
	struct contact_ctx *c = p;

	if (c == NULL)
		return;
	free(c->customer);
	kf_staff_list_free(c->managers, c->nmanagers);
	free(c->manager_names);
	free(c->manager_logins);
	free(c);
}

static enum kf_rc contact_submit(struct ui *, struct form *, struct kf_err *);

/* A logged repair call, to be made a work order (confirmed first). */
struct from_contact {
	int64_t	 contact_id;
};
static void order_from_contact(struct ui *, void *);

/* No work order: the message still says what was logged. */
static void
order_declined(struct ui *ui, void *arg)
{
	const struct from_contact *fc = arg;

	ui_msg(ui, MSG_INFO, _("Logged contact %lld (no work order)."),
	    (long long)fc->contact_id);
}

static bool
is_contact_form(const struct form *f)
{
	return f != NULL && f->submit == contact_submit;
}

static int
choice_of(struct form *f, const char *name)
{
	struct field *fl = form_field(f, name);

	return fl != NULL ? fl->choice : 0;
}

/* Shows the fields the purpose needs (R6–R10), hides the others. */
static void
contact_layout(struct form *f)
{
	static const struct { const char *field; int purpose; } only[] = {
		{ "appointment_at", KF_P_VIEWING },
		{ "documents_checked", KF_P_VIEWING },
		{ "accompanied_by", KF_P_VIEWING },
		{ "key", KF_P_VIEWING },
		{ "urgency", KF_P_SUGGESTION },
		{ "formalities", KF_P_RENOVATION },
		{ "received_by", KF_P_INSPECTION },
	};
	int p = choice_of(f, "purpose");
	size_t i;

	for (i = 0; i < sizeof(only) / sizeof(only[0]); i++)
		form_field(f, only[i].field)->hidden = only[i].purpose != p;
}

static void
contact_changed(struct ui *ui, struct form *f, struct field *fl)
{
	(void)ui;
	if (strcmp(fl->name, "purpose") == 0)
		contact_layout(f);
}

static bool
is_call(struct form *f)
{
	int ch = choice_of(f, "channel");

	return ch == KF_CH_HOTLINE || ch == KF_CH_PHONE_IN;
}

/*
 * The lines above the fields: who the caller is, and for a call the
 * script (R49 greeting, R50 how to address them, R51 the restatement)
 * with the hold timer (R52).
 */
static void
contact_extra(struct ui *ui, struct form *f, int y, int x, int width)
{
	struct contact_ctx *c = f->ctx;
	char *name = form_text(f, "caller_name"), *title = form_text(f,
	    "caller_title"), *asked = form_text(f, "asked"), buf[2560], tm[32];
	int64_t s = (now_ms() - c->opened_ms) / 1000;
	int tw = 0;

	(void)ui;
	snprintf(buf, sizeof(buf), "%s %s", _("Customer:"), c->customer_id ?
	    c->customer : _("not on file (a phone number is needed)"));
	draw_text(stdscr, y, x, buf, width, true);
	/* The script and the hold timer are for a caller on the line. */
	if (is_call(f)) {
		snprintf(tm, sizeof(tm), _("hold %d:%02d"), (int)(s / 60),
		    (int)(s % 60));
		tw = text_width(tm) + 1;
		snprintf(buf, sizeof(buf), "%s %s", _("Say:"), greeting);
		wattron(stdscr, A_BOLD);
		draw_text(stdscr, y + 1, x, buf, width - tw, true);
		wattroff(stdscr, A_BOLD);
		if (s >= c->offer_after)
			wattron(stdscr, theme(C_WARN));
		draw_text(stdscr, y + 1, x + width - tw + 1, tm, tw - 1, true);
		if (s >= c->offer_after)
			wattroff(stdscr, theme(C_WARN));
	} else
		draw_text(stdscr, y + 1, x, "", width, true);
	if (kf_blank(name))
		snprintf(buf, sizeof(buf), "%s %s", _("Ask (R50):"),
		    "请问您贵姓?");
	else if (kf_blank(asked))
		snprintf(buf, sizeof(buf), "%s %s%s,%s", _("Say (R50):"), name,
		    *title ? title : _("(先生/女士?)"), "请问有什么可以帮您?");
	else
		snprintf(buf, sizeof(buf), "%s %s%s,%s%s%s", _("Restate (R51):"),
		    name, *title ? title : _("(先生/女士?)"), "您反映的是:", asked,
		    ",对吗?");
	draw_text(stdscr, y + 2, x, buf, width, true);
	free(name);
	free(title);
	free(asked);
}

#define APPT_HOW	N_("write the appointment as HH:MM (today) or " \
	"YYYY-MM-DD HH:MM")

/*
 * A time typed into field: "HH:MM" today (with past, last night's when it
 * is more than half a day ahead), or a full time; "" is none. The core
 * reads it; a refusal says how to write it, under the field.
 */
static enum kf_rc
parse_when(const char *s, int64_t now, bool past, int64_t *t,
    const char *field, const char *how, struct kf_err *err)
{
	if (kf_time_when(s, now, past, t, NULL) == KF_OK)
		return KF_OK;
	kf_err_set(err, KF_INVALID, "%s", _(how));
	kf_err_field(err, field);
	return KF_INVALID;
}

/*
 * Reloads the lists after a change made here. An action retried after a
 * busy database may finish once the person has gone to another screen:
 * then there is nothing of ours to reload.
 */
static void
reload_lists(struct ui *ui)
{
	if (ui->screen != &screen_reception)
		return;
	load_today(ui);
	load_queue(ui, false);
}

static enum kf_rc
contact_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct contact_ctx *cx = f->ctx;
	struct kf_contact c = { 0 };
	char *appt = form_text(f, "appointment_at");
	int64_t id, within;
	enum kf_rc rc;
	int cb;

	c.at = cx->started;
	c.channel = (enum kf_channel)choice_of(f, "channel");
	c.purpose = (enum kf_purpose)choice_of(f, "purpose");
	c.customer_id = cx->customer_id;
	c.caller_name = form_text(f, "caller_name");
	c.caller_title = form_text(f, "caller_title");
	c.caller_phone = form_text(f, "caller_phone");
	c.asked = form_text(f, "asked");
	c.done = form_text(f, "done");
	switch (c.purpose) {
	case KF_P_VIEWING:
		if ((rc = parse_when(appt, c.at, false, &c.appointment_at,
		    "appointment_at", APPT_HOW, err)) != KF_OK)
			goto out;
		c.documents_checked = choice_of(f, "documents_checked") == 1;
		c.accompanied_by = form_text(f, "accompanied_by");
		/* The key leaves as the viewing is logged (one transaction). */
		c.key_out_at = choice_of(f, "key") == 1;
		break;
	case KF_P_SUGGESTION:
		c.urgency = choice_of(f, "urgency") == 1 ? KF_URG_URGENT :
		    KF_URG_NORMAL;
		break;
	case KF_P_RENOVATION:
		c.formalities = form_text(f, "formalities");
		break;
	case KF_P_INSPECTION:		/* 0: "(choose)", refused by R10 */
		if (choice_of(f, "received_by") > 0)
			c.received_by =
			    cx->managers[choice_of(f, "received_by") - 1].id;
		break;
	default:
		break;
	}
	cb = form_field(f, "callback")->hidden ? 0 : choice_of(f, "callback");
	within = strtoll(callback_keys[cb], NULL, 10);
	if (within > 0)
		c.callback_due_at = kf_core_now(ui->k) + within;
	if ((rc = kf_contact_log(ui->k, &c, &id, err)) != KF_OK)
		goto out;
	ui_msg(ui, MSG_INFO, _("Logged contact %lld (%s)."), (long long)id,
	    _(purpose_items[c.purpose]));
	/* The next caller starts from an empty search. */
	lineedit_set(&st(ui)->query, "");
	search(ui);
	reload_lists(ui);
	/* A repair call becomes a work order at once (R9, R20). */
	if (c.purpose == KF_P_REPAIR &&
	    kf_may(ui->k, KF_ACT_ORDER_NEW, 0, NULL) == KF_OK) {
		struct from_contact *fc = xcalloc(1, sizeof(*fc));

		fc->contact_id = id;
		ui_confirm2(ui, _("Make a work order of this repair call now?"),
		    order_from_contact, order_declined, fc);
	}
out:
	free(appt);
	kf_contact_clear(&c);
	return rc;
}

/* ---- a work order from a repair call (issue 5, R9, R20) ---- */

static const char *const cat_items[KF_CAT_COUNT] = {
	N_("Gas equipment"), N_("Pipeline"), N_("Pipeline, major"),
	N_("Indoor repair"), N_("Paid service"),
};
static const char *const cat_keys[KF_CAT_COUNT] = {
	"equipment", "pipe", "pipe-major", "indoor", "paid",
};
static const char *const emergency_items[] = {
	N_("No"), N_("Yes: dispatch first, paperwork after (R9)"),
};

struct order_ctx {
	int64_t		 contact_id;
	int64_t		 customer_id;
	char		*community, *building;
	/* Open orders nearby, offered instead of a second order. */
	struct kf_order	*near;
	size_t		 nnear;
	int		 level;		/* 3 address, 2 building, 1 community */
	char	       **near_items;	/* "New work order", "#12 ..." */
	char	       **near_keys;
};

static void
order_ctx_free(void *p)
{
	struct order_ctx *c = p;
	size_t i;

	if (c == NULL)
		return;
	free(c->community);
	free(c->building);
	kf_order_list_free(c->near, c->nnear);
	for (i = 0; c->near_items != NULL && i <= c->nnear; i++) {
		free(c->near_items[i]);
		free(c->near_keys[i]);
	}
	free(c->near_items);
	free(c->near_keys);
	free(c);
}

static void
order_layout(struct form *f)
{
	struct field *link = form_field(f, "link");
	bool linking = link != NULL && !link->hidden && link->choice > 0;
	static const char *const fields[] = { "category", "address",
	    "contact_name", "contact_phone", "fault", "appointment_at",
	    "emergency", "reported_at" };
	size_t i;

	/* Linked to an open order, the caller needs no new one. */
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		form_field(f, fields[i])->hidden = linking;
	form_field(f, "fee_code")->hidden = linking ||
	    choice_of(f, "category") != KF_CAT_PAID;
}

/*
 * The open orders near the caller (the duplicate warning): by the
 * customer's address, building and community, or by the address typed
 * for a caller not on file. Replaces what was found before.
 */
static void
find_nearby(struct ui *ui, struct order_ctx *c, const char *addr)
{
	struct kf_err err;
	size_t i;

	kf_order_list_free(c->near, c->nnear);
	for (i = 0; c->near_items != NULL && i <= c->nnear; i++) {
		free(c->near_items[i]);
		free(c->near_keys[i]);
	}
	free(c->near_items);
	free(c->near_keys);
	c->near = NULL;
	c->nnear = 0;
	c->level = 0;
	if (kf_order_nearby(ui->k, addr, c->community, c->building, 5,
	    &c->near, &c->nnear, &c->level, &err) != KF_OK)
		c->nnear = 0;
	c->near_items = xcalloc(c->nnear + 1, sizeof(char *));
	c->near_keys = xcalloc(c->nnear + 1, sizeof(char *));
	c->near_items[0] = xstrdup(_("A new work order"));
	c->near_keys[0] = xstrdup("new");
	for (i = 0; i < c->nnear; i++) {
		c->near_items[i + 1] = xasprintf(_("Same as #%lld: %s"),
		    (long long)c->near[i].id, c->near[i].fault);
		c->near_keys[i + 1] = xasprintf("%lld",
		    (long long)c->near[i].id);
	}
}

static void
order_changed(struct ui *ui, struct form *f, struct field *fl)
{
	struct order_ctx *c = f->ctx;
	struct field *link;
	char *addr;

	if (strcmp(fl->name, "address") == 0 && c->customer_id == 0 &&
	    ui->dialog == NULL) {
		/* A caller not on file: look again at the address typed. */
		addr = form_text(f, "address");
		find_nearby(ui, c, addr);
		free(addr);
		link = form_field(f, "link");
		link->items = (const char *const *)c->near_items;
		link->keys = (const char *const *)c->near_keys;
		link->nitems = (int)c->nnear + 1;
		link->choice = 0;
		link->hidden = c->nnear == 0;
	}
	if (strcmp(fl->name, "category") == 0 || strcmp(fl->name, "link") == 0 ||
	    strcmp(fl->name, "address") == 0)
		order_layout(f);
}

/* The duplicate warning at intake: open orders at the same place. */
static void
order_extra(struct ui *ui, struct form *f, int y, int x, int width)
{
	static const char *const where[] = { "", N_("in the same community"),
	    N_("in the same building"), N_("at the same address") };
	struct order_ctx *c = f->ctx;
	char buf[512];

	(void)ui;
	if (c->nnear == 0) {
		draw_text(stdscr, y, x, _("No open work order nearby."), width,
		    true);
		return;
	}
	snprintf(buf, sizeof(buf), _("%zu open work order(s) %s: %s (%s) %s"),
	    c->nnear, _(where[c->level]), c->near[0].fault,
	    _(state_names_ui[c->near[0].state % KF_OS_COUNT]), c->near[0].address);
	wattron(stdscr, theme(C_WARN));
	draw_text(stdscr, y, x, buf, width, true);
	wattroff(stdscr, theme(C_WARN));
}

static enum kf_rc
order_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct order_ctx *c = f->ctx;
	struct field *link = form_field(f, "link");
	struct kf_order o = { 0 };
	char *appt = form_text(f, "appointment_at");
	char *reported = form_text(f, "reported_at");
	int64_t id;
	enum kf_rc rc;

	if (!link->hidden && link->choice > 0) {
		/* The caller joins an order already open: told when it closes. */
		id = c->near[link->choice - 1].id;
		rc = kf_order_link_contact(ui->k, id, c->contact_id, err);
		if (rc == KF_OK)
			ui_msg(ui, MSG_INFO, _("The call is linked to work order "
			    "%lld; no second order."), (long long)id);
		free(appt);
		free(reported);
		return rc;
	}
	o.contact_id = c->contact_id;
	o.customer_id = c->customer_id;
	o.category = (enum kf_order_cat)choice_of(f, "category");
	o.address = form_text(f, "address");
	o.community = xstrdup(c->community ? c->community : "");
	o.building = xstrdup(c->building ? c->building : "");
	o.contact_name = form_text(f, "contact_name");
	o.contact_phone = form_text(f, "contact_phone");
	o.fault = form_text(f, "fault");
	o.fee_code = form_text(f, "fee_code");
	o.emergency = choice_of(f, "emergency") == 1;
	rc = parse_when(appt, kf_core_now(ui->k), false, &o.appointment_at,
	    "appointment_at", APPT_HOW, err);
	if (rc == KF_OK)	/* R9: asked for before it was registered */
		rc = parse_when(reported, kf_core_now(ui->k), true,
		    &o.reported_at, "reported_at", N_("write the time as HH:MM "
		    "or YYYY-MM-DD HH:MM; empty: now"), err);
	if (rc == KF_OK)
		rc = kf_order_new(ui->k, &o, &id, err);
	if (rc == KF_OK) {
		char due[32];

		kf_time_local(o.deadline_at, due, sizeof(due));
		ui_msg(ui, MSG_INFO, _("Work order %lld reported; due %s."),
		    (long long)id, due + 11);
	}
	free(appt);
	free(reported);
	kf_order_clear(&o);
	return rc;
}

/* The order form, filled in from the contact and its customer. */
struct form *
order_form(struct ui *ui, const struct kf_contact *ct)
{
	struct form *f = form_new(ct->id != 0 ? N_("Work order from the call") :
	    N_("New work order"), NULL, 0, order_submit);
	struct order_ctx *c = xcalloc(1, sizeof(*c));
	struct kf_customer cu;
	struct kf_err err;
	char *addr = NULL, name[64];
	struct field *fl;

	c->contact_id = ct->id;
	c->customer_id = ct->customer_id;
	if (ct->customer_id != 0 &&
	    kf_customer_get(ui->k, ct->customer_id, &cu, &err) == KF_OK) {
		addr = kf_customer_address(&cu);
		c->community = xstrdup(cu.community);
		c->building = xstrdup(cu.building);
		kf_customer_clear(&cu);
	}
	find_nearby(ui, c, addr);
	f->ctx = c;
	f->free_ctx = order_ctx_free;
	f->on_change = order_changed;
	f->extra_lines = 1;
	f->draw_extra = order_extra;
	fl = form_add_choice(f, "link", N_("This call"),
	    (const char *const *)c->near_items,
	    (const char *const *)c->near_keys, (int)c->nnear + 1, true, 0);
	fl->hidden = c->nnear == 0;
	form_add_choice(f, "category", N_("Category"), cat_items, cat_keys,
	    KF_CAT_COUNT, false, KF_CAT_EQUIPMENT);
	form_add(f, "address", N_("Address"), FIELD_TEXT, addr, 200);
	snprintf(name, sizeof(name), "%s%s", ct->caller_name ? ct->caller_name :
	    "", ct->caller_title ? ct->caller_title : "");
	form_add(f, "contact_name", N_("Contact person"), FIELD_TEXT, name, 32);
	form_add(f, "contact_phone", N_("Phone"), FIELD_TEXT, ct->caller_phone,
	    24);
	form_add(f, "fault", N_("Fault"), FIELD_TEXT, ct->asked, 2000);
	form_add(f, "appointment_at", N_("Appointment"), FIELD_TEXT, NULL, 20);
	form_add_choice(f, "emergency", N_("Emergency"), emergency_items, NULL,
	    2, false, 0);
	form_add(f, "fee_code", N_("Paid-service code"), FIELD_TEXT, NULL, 16);
	/* R9: a repair done first is registered after, from when it was
	 * asked for; empty is now. */
	form_add(f, "reported_at", N_("Asked for at"), FIELD_TEXT, NULL, 20);
	order_layout(f);
	free(addr);
	return f;
}

static void
order_from_contact(struct ui *ui, void *arg)
{
	const struct from_contact *fc = arg;
	struct kf_contact ct;
	struct kf_err err;

	if (kf_contact_get(ui->k, fc->contact_id, &ct, &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	ui_open_form(ui, order_form(ui, &ct));
	kf_contact_clear(&ct);
}

/*
 * The contact form for a customer (NULL: an unknown caller), with the
 * phone number to start from (an unknown caller's digits typed in the
 * search box).
 */
static struct form *
contact_form(struct ui *ui, const struct kf_customer *cu, const char *phone)
{
	struct form *f = form_new(N_("Log a call or visit"), "contact.log",
	    cu ? cu->id : 0, contact_submit);
	struct contact_ctx *c = xcalloc(1, sizeof(*c));
	/* A company's name gives no surname to offer. */
	char *surname = surname_of(cu && cu->kind == KF_CUST_RESIDENT ?
	    cu->name : NULL), started[32];
	struct kf_err err;
	struct field *fl;
	size_t i;

	c->customer_id = cu ? cu->id : 0;
	if (cu != NULL) {
		char *addr = kf_customer_address(cu);

		c->customer = xasprintf("%s %s  %s", cu->account, cu->name, addr);
		free(addr);
	}
	c->started = kf_core_now(ui->k);
	c->opened_ms = now_ms();
	if (kf_policy_value(ui->k, "call.offer_callback_after", &c->offer_after,
	    &err) != KF_OK)
		c->offer_after = 60;	/* R52's own figure */
	if (kf_staff_colleagues(ui->k, KF_ROLE_SUPERVISOR, 200, &c->managers,
	    &c->nmanagers, &err) != KF_OK)
		ui_err(ui, &err);
	/* "(choose)" first: nobody is credited with an inspection unasked. */
	c->manager_names = xcalloc(c->nmanagers + 2, sizeof(char *));
	c->manager_logins = xcalloc(c->nmanagers + 2, sizeof(char *));
	c->manager_names[0] = _("(choose)");
	c->manager_logins[0] = "";
	for (i = 0; i < c->nmanagers && !c->managers[i].disabled; i++) {
		c->manager_names[i + 1] = c->managers[i].display_name;
		c->manager_logins[i + 1] = c->managers[i].login;
	}
	c->nchoices = (int)i + 1;
	f->ctx = c;
	f->free_ctx = contact_ctx_free;
	f->on_change = contact_changed;
	f->extra_lines = 3;
	f->draw_extra = contact_extra;
	snprintf(started, sizeof(started), "%lld", (long long)c->started);
	fl = form_add(f, "started", N_("Began"), FIELD_READONLY, started, 20);
	fl->hidden = true;
	form_add_choice(f, "channel", N_("Channel"), channel_items, channel_keys,
	    4, false, KF_CH_HOTLINE);
	/* In the order of the script: who is calling, then what about. */
	form_add(f, "caller_name", N_("Surname"), FIELD_TEXT, surname, 32);
	form_add_choice(f, "caller_title", N_("Address as"), title_items,
	    title_keys, 3, false, 0);
	form_add(f, "caller_phone", N_("Phone"), FIELD_TEXT, phone != NULL ?
	    phone : cu && cu->phones[0] ? cu->phones[0] : "", 24);
	form_add_choice(f, "purpose", N_("Purpose"), purpose_items, purpose_keys,
	    KF_P_COUNT, false, KF_P_REPAIR);
	form_add(f, "asked", N_("Asked"), FIELD_TEXT, NULL, 2000);
	form_add(f, "done", N_("Done"), FIELD_TEXT, NULL, 2000);
	form_add(f, "appointment_at", N_("Appointment"), FIELD_TEXT, NULL, 20);
	form_add_choice(f, "documents_checked", N_("Documents checked"),
	    yesno_items, yesno_keys, 2, false, 0);
	form_add(f, "accompanied_by", N_("Accompanied by"), FIELD_TEXT, NULL,
	    64);
	form_add_choice(f, "key", N_("Key"), key_items, yesno_keys, 2, false, 0);
	form_add_choice(f, "urgency", N_("Urgency"), urgency_items,
	    urgency_keys, 2, false, 0);
	form_add(f, "formalities", N_("Formalities told"), FIELD_TEXT, NULL,
	    2000);
	form_add_choice(f, "received_by", N_("Received by"), c->manager_names,
	    c->manager_logins, c->nchoices, true, 0);
	fl = form_add_choice(f, "callback", N_("Callback"), callback_items,
	    callback_keys, 4, false, 0);
	fl->hidden = true;	/* offered when the hold passes R52's limit */
	contact_layout(f);
	free(surname);
	return f;
}

/* Opens the form at the first thing to ask: the surname, unless the
 * account offered one (R50), then how to address the caller. */
static void
open_contact_form(struct ui *ui, struct form *f)
{
	struct field *name = form_field(f, "caller_name");

	ui_open_form(ui, f);
	f->cur = (int)((name->ed.len > 0 ? form_field(f, "caller_title") :
	    name) - f->f);
}

/* ---- the screen's actions ---- */

struct pick_ctx {
	int64_t	 id;
	int64_t	 version;
	int64_t	 customer_id;
	bool	 returned;
	char	 name[128];
};

static void
purpose_chosen(struct ui *ui, void *arg, unsigned choice)
{
	(void)arg;
	st(ui)->purpose = (int)choice - 1;
	st(ui)->ts.cur = 0;
	load_today(ui);
}

static void
staff_chosen(struct ui *ui, void *arg, unsigned choice)
{
	struct reception *r = st(ui);

	(void)arg;
	r->staff = choice == 0 || choice > r->npeople ? 0 :
	    r->people[choice - 1].id;
	r->ts.cur = 0;
	load_today(ui);
}

static void
key_confirmed(struct ui *ui, void *arg)
{
	const struct pick_ctx *p = arg;
	struct kf_err err;

	if (kf_contact_key(ui->k, p->id, p->returned, &err) != KF_OK) {
		if (err.rc != KF_BUSY || !ui_retry_later(ui, key_confirmed, p,
		    sizeof(*p), &err))
			ui_err(ui, &err);
		return;
	}
	ui_msg(ui, MSG_INFO, p->returned ? _("The key of viewing %lld is back.") :
	    _("The key of viewing %lld is out."), (long long)p->id);
	reload_lists(ui);
}

static void
unbook_confirmed(struct ui *ui, void *arg)
{
	const struct pick_ctx *p = arg;
	struct kf_err err;

	if (kf_contact_cancel_appointment(ui->k, p->id, -1, &err) != KF_OK) {
		if (err.rc != KF_BUSY || !ui_retry_later(ui, unbook_confirmed, p,
		    sizeof(*p), &err))
			ui_err(ui, &err);
		return;
	}
	ui_msg(ui, MSG_INFO, _("The booking of viewing %lld is cancelled."),
	    (long long)p->id);
	reload_lists(ui);
}

static void
callback_chosen(struct ui *ui, void *arg, unsigned choice)
{
	const struct pick_ctx *p = arg;
	struct kf_err err;
	int64_t within;

	if (choice == 0 || choice >= 4)
		return;
	within = strtoll(callback_keys[choice], NULL, 10);
	if (kf_contact_promise_callback(ui->k, p->id, within, &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	ui_msg(ui, MSG_INFO, _("Callback promised for contact %lld (%s)."),
	    (long long)p->id, _(callback_items[choice]));
	reload_lists(ui);
}

static void
link_confirmed(struct ui *ui, void *arg)
{
	const struct pick_ctx *p = arg;
	struct kf_err err;

	if (kf_contact_link_customer(ui->k, p->id, p->version, p->customer_id,
	    &err) != KF_OK) {
		if (err.rc != KF_BUSY || !ui_retry_later(ui, link_confirmed, p,
		    sizeof(*p), &err))
			ui_err(ui, &err);
		return;
	}
	if (ui->screen == &screen_reception) {	/* see reload_lists */
		st(ui)->linking = 0;
		st(ui)->panel = P_TODAY;
	}
	ui_msg(ui, MSG_INFO, _("Contact %lld is now %s's."), (long long)p->id,
	    p->name);
	reload_lists(ui);
}

static enum kf_rc
details_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	(void)ui;
	(void)f;
	(void)err;
	return KF_OK;		/* read only: Enter closes */
}

/* R7: what became of a suggestion (stored as the Chinese the staff read). */
static const char *const outcome_items[] = {
	N_("Into the work plan"), N_("To the company leadership"),
	N_("Not adopted"),
};
static const char *const outcome_keys[] = {
	"列入工作计划", "报公司领导", "暂不采纳",
};

static enum kf_rc
handle_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	char *what = form_text(f, "outcome"), *note = form_text(f, "note");
	char *outcome = kf_blank(note) ? xstrdup(what) :
	    xasprintf("%s:%s", what, note);
	enum kf_rc rc;

	rc = kf_contact_handle(ui->k, f->record_id, f->seen_version, outcome,
	    err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Suggestion %lld handled: %s."),
		    (long long)f->record_id, outcome);
		reload_lists(ui);
	} else if (strcmp(err->field, "outcome") == 0)
		kf_err_field(err, "note");
	free(what);
	free(note);
	free(outcome);
	return rc;
}

static struct form *
handle_form(const struct kf_contact *c)
{
	struct form *f = form_new(N_("Suggestion handled"), NULL, c->id,
	    handle_submit);

	f->seen_version = c->version;
	form_add(f, "asked", N_("Suggestion"), FIELD_READONLY, c->asked, 2000);
	form_add_choice(f, "outcome", N_("Outcome"), outcome_items,
	    outcome_keys, 3, false, 0);
	form_add(f, "note", N_("Note"), FIELD_TEXT, NULL, 500);
	return f;
}

/* A contact as it was logged, read only. */
#define SHOW_ORDERS	6	/* work orders a contact's view lists */

static struct form *
details_form(struct ui *ui, const struct kf_contact *c, const char *who)
{
	struct form *f = form_new(N_("Contact"), NULL, c->id, details_submit);
	char when[32], appt[48] = "", buf[64];
	int64_t orders[SHOW_ORDERS + 1];
	size_t n = 0, i;

	kf_time_local(c->at, when, sizeof(when));
	snprintf(buf, sizeof(buf), "%lld  %s", (long long)c->id, when);
	form_add(f, "id", N_("Contact"), FIELD_READONLY, buf, 64);
	snprintf(buf, sizeof(buf), "%s / %s", _(channel_items[c->channel & 3]),
	    _(purpose_items[c->purpose % KF_P_COUNT]));
	form_add(f, "purpose", N_("Purpose"), FIELD_READONLY, buf, 64);
	form_add(f, "who", N_("Caller"), FIELD_READONLY, who, 64);
	form_add(f, "caller_phone", N_("Phone"), FIELD_READONLY,
	    c->caller_phone, 24);
	form_add(f, "asked", N_("Asked"), FIELD_READONLY, c->asked, 2000);
	form_add(f, "done", N_("Done"), FIELD_READONLY, c->done, 2000);
	form_add(f, "staff", N_("Taken by"), FIELD_READONLY,
	    staff_name(st(ui), c->staff_id), 64);
	if (c->appointment_at != 0) {
		kf_time_local(c->appointment_at, appt, sizeof(appt));
		if (c->appointment_cancelled_at != 0)
			snprintf(appt + strlen(appt), sizeof(appt) - strlen(appt),
			    "  %s", _("(cancelled)"));
		form_add(f, "appointment_at", N_("Appointment"), FIELD_READONLY,
		    appt, 48);
	}
	if (c->purpose == KF_P_VIEWING)
		form_add(f, "accompanied_by", N_("Accompanied by"),
		    FIELD_READONLY, c->accompanied_by, 64);
	if (c->purpose == KF_P_RENOVATION)
		form_add(f, "formalities", N_("Formalities told"),
		    FIELD_READONLY, c->formalities, 2000);
	if (c->purpose == KF_P_INSPECTION)
		form_add(f, "received_by", N_("Received by"), FIELD_READONLY,
		    staff_name(st(ui), c->received_by), 64);
	if (c->callback_due_at != 0) {
		kf_time_local(c->callback_due_at, when, sizeof(when));
		form_add(f, "callback", N_("Call back by"), FIELD_READONLY, when,
		    32);
	}
	/* What it led to. */
	if (kf_order_ids_of_contact(ui->k, c->id, orders, SHOW_ORDERS + 1, &n,
	    NULL) == KF_OK && n > 0) {
		buf[0] = '\0';
		for (i = 0; i < n && i < SHOW_ORDERS; i++)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s%lld", i ? " " : "", (long long)orders[i]);
		if (n > SHOW_ORDERS)	/* more than the line holds */
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    " …");
		form_add(f, "orders", N_("Work orders"), FIELD_READONLY, buf,
		    64);
	}
	return f;
}

/* The selected contact of the lower panel (NULL when none). */
static const struct kf_contact *
cur_contact(struct reception *r, const char **who)
{
	if (r->panel == P_TODAY && r->ts.cur < r->ts.n) {
		*who = r->today_who[r->ts.cur];
		return &r->today[r->ts.cur];
	}
	if (r->panel == P_QUEUE && r->qs.cur < r->qs.n) {
		*who = r->queue_who[r->qs.cur];
		return &r->queue[r->qs.cur];
	}
	return NULL;
}

/* Enter on a customer: log a contact, or link the one being linked. */
static unsigned
open_hit(struct ui *ui)
{
	struct reception *r = st(ui);
	const struct kf_customer_hit *h;
	struct pick_ctx *p;
	char q[512];

	if (r->hs.cur >= r->hs.n)
		return 0;
	h = &r->hits[r->hs.cur];
	if (r->linking == 0) {
		open_contact_form(ui, contact_form(ui, &h->c, NULL));
		return DIRTY_ALL;
	}
	p = xcalloc(1, sizeof(*p));
	p->id = r->linking;
	p->version = r->linking_version;
	p->customer_id = h->c.id;
	snprintf(p->name, sizeof(p->name), "%s", h->c.name);
	snprintf(q, sizeof(q), _("Link contact %lld to %s (%s)?"),
	    (long long)p->id, h->c.name, h->c.account);
	ui_confirm(ui, q, link_confirmed, p);
	return DIRTY_ALL;
}

/* The digits of the search box when it holds a phone number, else NULL. */
static char *
typed_phone(struct reception *r)
{
	char *q = lineedit_text(&r->query), *p;
	size_t digits = 0;

	for (p = q; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p != ' ' && *p != '-' && *p != '+') {
			free(q);
			return NULL;
		}
	}
	if (digits < 5) {
		free(q);
		return NULL;
	}
	return q;
}

static unsigned
list_act(struct ui *ui, enum action act)
{
	struct reception *r = st(ui);
	const struct kf_contact *c;
	const char *who = NULL;
	struct pick_ctx *p;
	struct kf_err err;
	char q[512];

	c = cur_contact(r, &who);
	switch (act) {
	case ACT_FILTER_PURPOSE:
		ui_pick(ui, _("Show"), purpose_filter_items, KF_P_COUNT + 1, 0,
		    (unsigned)(r->purpose + 1), purpose_chosen, NULL);
		r->panel = P_TODAY;
		return DIRTY_ALL;
	case ACT_FILTER_STAFF:
		load_people(ui);
		ui_pick(ui, _("Show"), r->people_names, (int)r->npeople + 1,
		    PICK_LITERAL, 0, staff_chosen, NULL);
		r->panel = P_TODAY;
		return DIRTY_ALL;
	case ACT_OPEN:
		if (c != NULL)
			ui_open_form(ui, details_form(ui, c, who));
		return DIRTY_ALL;
	case ACT_KEY:
		if (c == NULL || c->purpose != KF_P_VIEWING) {
			ui_msg(ui, MSG_ERROR, "%s", _("Keys go with house "
			    "viewings: choose a viewing."));
			return DIRTY_ALL;
		}
		/* The core's answer before the clerk is asked to confirm. */
		if (kf_contact_may_key(ui->k, c, c->key_out_at != 0, &err) !=
		    KF_OK) {
			ui_err(ui, &err);
			return DIRTY_ALL;
		}
		p = xcalloc(1, sizeof(*p));
		p->id = c->id;
		p->returned = c->key_out_at != 0;
		snprintf(q, sizeof(q), p->returned ? _("Is the key of viewing "
		    "%lld (%s) back now?") : _("Documents (入伙通知单, 购房合同) "
		    "checked: hand the key of viewing %lld (%s) over now?"),
		    (long long)c->id, who);
		ui_confirm(ui, q, key_confirmed, p);
		return DIRTY_ALL;
	case ACT_HANDLE:
		if (c != NULL)
			ui_open_form(ui, handle_form(c));
		return DIRTY_ALL;
	case ACT_UNBOOK:
		if (c == NULL)
			return 0;
		if (kf_contact_may_unbook(ui->k, c, &err) != KF_OK) {
			ui_err(ui, &err);
			return DIRTY_ALL;
		}
		p = xcalloc(1, sizeof(*p));
		p->id = c->id;
		snprintf(q, sizeof(q), _("Cancel the booking of viewing %lld "
		    "(%s)? Nobody will wait for the viewer."), (long long)c->id,
		    who);
		ui_confirm(ui, q, unbook_confirmed, p);
		return DIRTY_ALL;
	case ACT_CALLBACK:
		if (c == NULL)
			return 0;
		p = xcalloc(1, sizeof(*p));
		p->id = c->id;
		ui_pick(ui, _("Call back"), callback_items, 4, 0, 1,
		    callback_chosen, p);
		return DIRTY_ALL;
	case ACT_LINK:
		if (c == NULL)
			return 0;
		if (c->customer_id != 0) {
			ui_msg(ui, MSG_ERROR, "%s", _("That contact is already "
			    "a customer's."));
			return DIRTY_ALL;
		}
		r->linking = c->id;
		r->linking_version = c->version;
		lineedit_set(&r->query, c->caller_phone);
		r->panel = P_FIND;
		search(ui);
		ui_msg(ui, MSG_INFO, "%s", _("Find the customer and press "
		    "Enter to link; Esc stops."));
		return DIRTY_ALL;
	default:
		return 0;
	}
}

static unsigned
reception_act(struct ui *ui, enum action act, int arg)
{
	struct reception *r = st(ui);
	struct layout l = layout();
	char *phone;

	(void)arg;
	if (r->panel == P_FIND && search(ui))
		sel_fix(&r->hs, l.hits_h);	/* typed ahead of this key */
	switch (act) {
	case ACT_TAB:
		r->panel = r->panel == P_FIND ? P_TODAY : r->panel == P_TODAY &&
		    r->has_queue ? P_QUEUE : P_FIND;
		return DIRTY_ALL;
	case ACT_LOG_UNKNOWN:
		phone = typed_phone(r);
		open_contact_form(ui, contact_form(ui, NULL, phone));
		free(phone);
		return DIRTY_ALL;
	case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN:
		if (r->panel == P_FIND)
			sel_move(&r->hs, act, l.hits_h);
		else
			sel_move(r->panel == P_TODAY ? &r->ts : &r->qs, act,
			    l.list_h);
		return DIRTY_BODY;
	case ACT_OPEN:
		if (r->panel == P_FIND)
			return open_hit(ui);
		return list_act(ui, act);
	default:
		if (r->panel == P_FIND)
			return 0;	/* letters are typed into the search */
		return list_act(ui, act);
	}
}

/* In the search panel, typing goes into the search box. */
static unsigned
reception_key(struct ui *ui, struct key k)
{
	struct reception *r = st(ui);

	if (r->panel != P_FIND)
		return 0;
	if (!k.fn && !k.alt && k.ch == 27) {
		if (r->linking != 0) {
			r->linking = 0;
			ui_msg(ui, MSG_INFO, "%s", _("Not linked."));
		}
		if (r->query.len == 0)
			return 0;	/* Esc on an empty box: the menu */
		lineedit_set(&r->query, "");
		search(ui);
		return DIRTY_ALL;
	}
	if (!k.fn && (k.ch == '\t' || k.ch == '\r' || k.ch == '\n' ||
	    k.ch == 14))
		return 0;		/* the screen's keys */
	if (k.fn && (k.ch == KEY_UP || k.ch == KEY_DOWN ||
	    k.ch == KEY_PPAGE || k.ch == KEY_NPAGE))
		return 0;
	if (!edit_key(&r->query, k))
		return 0;
	if (!key_waiting())	/* a paste searches once, at its end */
		search(ui);
	return DIRTY_BODY;
}

/* Another session logged or changed something; or the terminal resized. */
static void
reception_changed(struct ui *ui)
{
	struct reception *r = st(ui);
	struct layout l = layout();
	int64_t keep = r->hs.cur < r->hs.n ? r->hits[r->hs.cur].c.id : 0;
	size_t i;

	free(r->searched);	/* search again: customers may have changed */
	r->searched = NULL;
	search(ui);
	for (i = 0; i < r->hs.n; i++)
		if (r->hits[i].c.id == keep)
			r->hs.cur = i;	/* the chosen customer stays chosen */
	sel_fix(&r->hs, l.hits_h);
	load_today(ui);
	load_queue(ui, true);
}

/*
 * The hold timer (R52): redraw each second while a contact form is open;
 * when the caller has waited the policy's time, offer the callback.
 */
static unsigned
reception_tick(struct ui *ui)
{
	struct form *f = ui->form;
	struct contact_ctx *c;
	int s;

	if (!ui->pasting && search(ui))	/* a paste ended: search it once */
		return DIRTY_ALL;
	if (!is_contact_form(f))
		return 0;
	c = f->ctx;
	if (!is_call(f))
		return 0;		/* no caller waits on the line */
	s = (int)((now_ms() - c->opened_ms) / 1000);
	if (s == c->shown_s)
		return 0;
	c->shown_s = s;
	if (s >= c->offer_after && !c->offered) {
		c->offered = true;
		form_field(f, "callback")->hidden = false;
		ui_alert(ui, _("On hold %d s: offer to call back (R52) and "
		    "choose when under Callback."), s);
	}
	return DIRTY_ALL;
}

/* Reopens the contact form from a draft (an SSH drop, a closed pane). */
static void
reception_restore(struct ui *ui, const struct kf_draft *d)
{
	struct kf_customer cu;
	struct kf_err err;
	struct form *f;
	const char *v;
	size_t i;

	if (strcmp(d->form, "contact.log") != 0)
		return;
	if (d->record_id != 0) {
		if (kf_customer_get(ui->k, d->record_id, &cu, &err) != KF_OK) {
			ui_err(ui, &err);
			return;
		}
		f = contact_form(ui, &cu, NULL);
		kf_customer_clear(&cu);
	} else
		f = contact_form(ui, NULL, NULL);
	for (i = 0; i < d->nfields; i++)
		form_set(f, d->names[i], d->values[i]);
	/* The call began when the draft's did. */
	if ((v = kf_draft_get(d, "started")) != NULL && strtoll(v, NULL, 10) > 0)
		((struct contact_ctx *)f->ctx)->started = strtoll(v, NULL, 10);
	if ((v = kf_draft_get(d, "callback")) != NULL && strcmp(v, "0") != 0)
		form_field(f, "callback")->hidden = false;
	contact_layout(f);
	f->dirty = true;
	f->touched = true;
	ui_open_form(ui, f);
	ui_msg(ui, MSG_INFO, "%s", _("Your unsaved input is back."));
}

static const struct binding *
reception_keys_now(const struct ui *ui)
{
	const struct reception *r = ui->state;

	if (r == NULL || r->panel == P_FIND)
		return find_keys;
	return r->panel == P_TODAY ? today_keys : queue_keys;
}

const struct screen screen_reception = {
	.title = N_("Reception"),
	.fkey = 2,
	.action = KF_ACT_CONTACT_LOG,
	.keys = find_keys,
	.keys_now = reception_keys_now,
	.enter = reception_enter,
	.leave = reception_leave,
	.draw = reception_draw,
	.act = reception_act,
	.key = reception_key,
	.changed = reception_changed,
	.tick = reception_tick,
	.restore = reception_restore,
};
