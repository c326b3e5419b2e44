/*
 * screen_reception.c — F2 Reception (前台): the front desk's screen, three
 * record boards (board.c) under a search box:
 *
 *   find    the clerk types a fragment of a name, phone number, account
 *           number or address and the matching customers appear as they
 *           type (R1, R54); Enter logs a call or visit for the chosen
 *           customer (the contact form, contact_form.c), ^N for an
 *           unknown caller, ^O opens the customer's record to edit it;
 *   today   today's contacts, filterable by purpose and staff member:
 *           a viewing's key (R6), a booking cancelled, a callback
 *           promised (R52), an unknown caller linked to a customer;
 *   queue   for dispatchers and managers, the suggestions routed to them
 *           (R7), handled with h.
 *
 * While the box holds a search, its results take the free space; when it
 * is empty, today's contacts do. Everything refreshes live when any
 * session logs something. Every rule is the core's.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/perm.h"
#include "kefu/staff.h"
#include "kefu/util.h"
#include "board.h"
#include "contact_form.h"
#include "customer_form.h"

#define MAX_HITS	50	/* search results kept (ranked; best first) */
#define MAX_COUNT	500	/* today's contacts counted ("500+" past it) */
#define MAX_QUEUE	100

enum panel { P_FIND, P_TODAY, P_QUEUE };
enum { F_PURPOSE, F_STAFF };	/* today's filters, in their table's order */

struct reception {
	enum panel		 panel;
	struct lineedit		 query;
	char			*searched;	/* the query the hits are for */
	struct board		 hits, today, queue;
	bool			 has_queue;	/* a dispatcher or manager */
	int64_t			 queue_newest;	/* highest id seen: bell above */
	bool			 queue_seen;	/* counted once: news rings */
	/* Colleagues, for the staff filter's picker. */
	struct kf_staff		*people;
	size_t			 npeople;
	const char	       **people_names;	/* "Everyone" + names */
	int64_t			 linking;	/* contact being linked, or 0 */
	int64_t			 linking_version;
};

static struct reception *
st(struct ui *ui)
{
	return ui->state;
}

static bool search(struct ui *);

/* ---- layout: one place decides where everything goes ---- */

struct layout {
	int	 title, find, hits, hits_h, sep, list, list_h;
};

/* The search's results take the room while there is a search. */
static struct layout
layout(const struct reception *r)
{
	struct layout l;
	int rest = ui_body_height() - 3;	/* title, find, separator */
	bool searching = r->searched != NULL && !kf_blank(r->searched);

	l.title = ui_body_top();
	l.find = l.title + 1;
	l.hits = l.find + 1;
	l.hits_h = searching ? rest - 4 : 3;
	l.sep = l.hits + l.hits_h;
	l.list = l.sep + 1;
	l.list_h = rest - l.hits_h;
	return l;
}

/* Each board's height follows the layout (a search began or ended). */
static void
relayout(struct ui *ui, bool keep)
{
	struct reception *r = st(ui);
	struct layout l = layout(r);

	board_reload(ui, &r->hits, keep, l.hits_h);
	board_reload(ui, &r->today, true, l.list_h);
	if (r->has_queue)
		board_reload(ui, &r->queue, true, l.list_h);
}

/* ---- the customers found ---- */

static enum kf_rc
hits_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct reception *r = b->ctx;
	struct kf_customer_hit *v = NULL;
	size_t all = 0;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	if (r->searched == NULL || kf_blank(r->searched))
		return KF_OK;
	rc = kf_customer_find(ui->k, r->searched, MAX_HITS, &v, &all, err);
	if (rc != KF_OK)
		return rc;
	board_slice(b->cls, v, all, dir, anchor, limit, n);	/* ranked */
	*rows = v;
	return KF_OK;
}

static void
hits_free(void *rows, size_t n)
{
	kf_customer_hits_free(rows, n);
}

static int64_t
hit_id(const void *row)
{
	return ((const struct kf_customer_hit *)row)->c.id;
}

static void
hit_clear(void *row)
{
	kf_customer_clear(&((struct kf_customer_hit *)row)->c);
}

static void
col_phone(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_customer_hit *h = row;

	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", h->c.phones[0] ? h->c.phones[0] : "-");
}

static void
col_address(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	char *a = kf_customer_address(&((const struct kf_customer_hit *)
	    row)->c);

	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", a);
	free(a);
}

static const struct board_col hit_cols[] = {
	{ .title = N_("ACCOUNT"), .width = 11,
	  .str = BOARD_STR(struct kf_customer_hit, c.account) },
	{ .title = N_("NAME"), .width = 12,
	  .str = BOARD_STR(struct kf_customer_hit, c.name) },
	{ .title = N_("PHONE"), .width = 12, .text = col_phone },
	{ .title = N_("ADDRESS"), .text = col_address },
	{ .title = NULL }
};

/* What a confirmed link carries (copied: retried after "busy"). */
struct link_arg {
	int64_t	 id, version, customer_id;
	char	 name[128];
};

static void
link_confirmed(struct ui *ui, void *arg)
{
	const struct link_arg *p = arg;
	struct kf_err err;

	if (kf_contact_link_customer(ui->k, p->id, p->version, p->customer_id,
	    &err) != KF_OK) {
		if (err.rc != KF_BUSY || !ui_retry_later(ui, link_confirmed, p,
		    sizeof(*p), &err))
			ui_err(ui, &err);
		return;
	}
	if (ui->screen == &screen_reception) {	/* a retry may come later */
		st(ui)->linking = 0;
		st(ui)->panel = P_TODAY;
	}
	ui_msg(ui, MSG_INFO, _("Contact %lld is now %s's."), (long long)p->id,
	    p->name);
	ui_reload(ui);
}

/* Enter on a customer while linking: link the contact to them. */
static unsigned
hit_link(struct ui *ui, struct board *b, const void *row)
{
	const struct kf_customer_hit *h = row;
	struct reception *r = b->ctx;
	struct link_arg *p;
	char q[512];

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

/* A contact logged: the next caller starts from an empty search box. */
static void
contact_saved(struct ui *ui, struct form *f)
{
	struct reception *r = st(ui);

	(void)f;
	if (ui->screen != &screen_reception)
		return;			/* saved after a retry, elsewhere */
	lineedit_set(&r->query, "");
	search(ui);
}

/* A caller not on file: the digits typed become the phone number. */
static struct form *
unknown_caller(struct ui *ui, struct board *b,
    const struct board_move *m, const void *row)
{
	char *phone = typed_phone(b->ctx);
	struct form *f = contact_form(ui, NULL, phone);

	(void)m;
	(void)row;
	free(phone);
	f->saved = contact_saved;
	return f;
}

/* Enter logs a call, unless an unknown caller is being linked. */
static bool
not_linking(const struct board *b, const void *row)
{
	(void)row;
	return ((const struct reception *)b->ctx)->linking == 0;
}

/* The contact form for the chosen customer. */
static struct form *
customer_contact(struct ui *ui, struct board *b,
    const struct board_move *m, const void *row)
{
	struct form *f;

	(void)m;
	(void)b;
	f = contact_form(ui, &((const struct kf_customer_hit *)row)->c, NULL);
	f->saved = contact_saved;
	return f;
}

static struct form *
edit_customer(struct ui *ui, struct board *b,
    const struct board_move *m, const void *row)
{
	(void)m;
	(void)b;
	return customer_form(ui, ((const struct kf_customer_hit *)row)->c.id);
}

/* Who may change the register (the core's permission, asked at ^O). */
static enum kf_rc
hit_may(struct ui *ui, const void *row, int mv, struct kf_err *err)
{
	(void)row;
	(void)mv;
	return kf_may(ui->k, KF_ACT_CUSTOMER_EDIT, 0, err);
}

static enum kf_rc
hit_get(struct ui *ui, int64_t id, void *row, struct kf_err *err)
{
	return kf_customer_get(ui->k, id, &((struct kf_customer_hit *)row)->c,
	    err);
}

enum { M_LOG, M_UNKNOWN };	/* hit_moves' first rows */

static const struct board_move hit_moves[] = {
	[M_LOG] = { .key = CH('\r'), .keyname = "Enter", .label =
	  N_("log call"), .help = N_("Log a call or visit for the chosen "
	  "customer"), .hint = true, .core = -1, .form = customer_contact,
	  .use_form = not_linking, .open = hit_link, .draft = CONTACT_DRAFT,
	  .draft_title = CONTACT_DRAFT_TITLE },
	[M_UNKNOWN] = { .key = CH(14), .keyname = "^N", .label =
	  N_("unknown caller"), .help = N_("Log a call or visit from someone "
	  "not on file"), .hint = true, .core = -1, .no_row = true,
	  .form = unknown_caller, .draft = CONTACT_DRAFT,
	  .draft_title = CONTACT_DRAFT_TITLE },
	{ .key = CH(15), .keyname = "^O", .label = N_("customer"),
	  .help = N_("Open the chosen customer's record to change it"),
	  .hint = true, .core = 0, .form = edit_customer,
	  .draft = CUSTOMER_DRAFT, .draft_title = CUSTOMER_DRAFT_TITLE },
	{ .keyname = NULL }
};

static const struct board_class hits_class = {
	.row_size = sizeof(struct kf_customer_hit),
	.cols = hit_cols,
	.moves = hit_moves,
	.noun = N_("customer %lld"),
	.typing = true,
	.fetch = hits_fetch,
	.free_rows = hits_free,
	.id = hit_id,
	.may = hit_may,
	.get = hit_get,
	.clear_row = hit_clear,
};

/* ---- contacts: today's, and the suggestion queue ---- */

static const struct kf_contact *
contact(const void *row)
{
	return row;
}

static struct kf_contact_filter
today_filter(struct ui *ui, const struct board *b)
{
	struct kf_contact_filter f;
	int64_t t0 = kf_time_day_start(kf_core_now(ui->k)), v;

	memset(&f, 0, sizeof(f));
	f.from = t0;
	f.to = t0 + 86400 + 3600;
	f.purpose = -1;
	if ((v = board_filter_value(b, F_PURPOSE)) != BOARD_ALL)
		f.purpose = (int)v;
	if ((v = board_filter_value(b, F_STAFF)) != BOARD_ALL)
		f.staff_id = v;
	return f;
}

static enum kf_rc
today_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_contact_filter f = today_filter(ui, b);
	struct kf_contact *v = NULL;
	enum kf_rc rc;

	rc = kf_contact_list(ui->k, &f, dir, anchor, limit, &v, n, err);
	*rows = v;
	return rc;
}

static enum kf_rc
today_counts(struct ui *ui, struct board *b, struct board_counts *c,
    struct kf_err *err)
{
	struct kf_contact_filter f = today_filter(ui, b);
	struct kf_contact *v = NULL;
	size_t n = 0;
	enum kf_rc rc;

	/* A day's contacts: counted up to MAX_COUNT, "500+" past it. */
	rc = kf_contact_list(ui->k, &f, KF_PAGE_FIRST, NULL, MAX_COUNT + 1, &v,
	    &n, err);
	kf_contact_list_free(v, n);
	memset(c, 0, sizeof(*c));
	c->open = (int64_t)n;
	return rc;
}

static enum kf_rc
queue_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_contact_filter f = { .purpose = -1, .queue = true };
	struct kf_contact *v = NULL;
	enum kf_rc rc;

	(void)b;
	rc = kf_contact_list(ui->k, &f, dir, anchor, limit, &v, n, err);
	*rows = v;
	return rc;
}

static enum kf_rc
queue_counts(struct ui *ui, struct board *b, struct board_counts *c,
    struct kf_err *err)
{
	struct kf_contact_filter f = { .purpose = -1, .queue = true };
	struct reception *r = b->ctx;
	struct kf_contact *v = NULL;
	size_t n = 0, i;
	int64_t newest = r->queue_newest;
	enum kf_rc rc;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_contact_list(ui->k, &f, KF_PAGE_FIRST, NULL, MAX_QUEUE,
	    &v, &n, err)) != KF_OK)
		return rc;
	c->open = (int64_t)n;
	for (i = 0; i < n; i++)
		if (v[i].id > r->queue_newest)
			r->queue_newest = v[i].id;
	/* A suggestion routed to this person arrived from another session. */
	if (r->queue_seen && r->queue_newest > newest && n > 0)
		ui_alert(ui, _("New suggestion in your queue: %s"), v[0].asked);
	r->queue_seen = true;
	kf_contact_list_free(v, n);
	return KF_OK;
}

static void
contacts_free(void *rows, size_t n)
{
	kf_contact_list_free(rows, n);
}

static int64_t
contact_id(const void *row)
{
	return contact(row)->id;
}

static int64_t
contact_version(const void *row)
{
	return contact(row)->version;
}

static const char *
contact_words(const void *row)
{
	return contact(row)->who;
}

static enum kf_rc
contact_get(struct ui *ui, int64_t id, void *row, struct kf_err *err)
{
	return kf_contact_get(ui->k, id, row, err);
}

static void
contact_clear(void *row)
{
	kf_contact_clear(row);
}

/* A callback promised and not yet due: its clock runs (R52). */
static enum board_clock
contact_clock(const void *row, int64_t *due)
{
	*due = contact(row)->callback_due_at;
	return *due != 0 ? BOARD_CLOCK_RUNS : BOARD_NO_CLOCK;
}

static void
col_time(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	char when[32];

	(void)ui;
	(void)b;
	kf_time_local(contact(row)->at, when, sizeof(when));
	snprintf(buf, n, "%.5s", when + 11);
}

static void
col_channel(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", _(contact_channel_label(contact(row)->channel)));
}

static void
col_purpose(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", _(contact_purpose_short(contact(row)->purpose)));
}

/* What needs doing about a contact, most pressing first. */
static void
col_note(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_contact *c = row;
	const char *s = "";

	(void)ui;
	(void)b;
	if (c->purpose == KF_CONTACT_P_VIEWING && c->key_out_at != 0)
		s = c->key_in_at != 0 ? _("key back") : _("key out");
	else if (c->callback_due_at != 0)
		s = _("callback");
	else if (c->purpose == KF_CONTACT_P_SUGGESTION)
		s = c->urgency == KF_CONTACT_URG_URGENT ? _("urgent") : _("normal");
	snprintf(buf, n, "%s", s);
}

static const struct board_col contact_cols[] = {
	{ .title = N_("TIME"), .width = 5, .text = col_time },
	{ .title = N_("CHANNEL"), .width = 8, .text = col_channel },
	{ .title = N_("PURPOSE"), .width = 10, .text = col_purpose },
	{ .title = N_("WHO"), .width = 10,
	  .str = BOARD_STR(struct kf_contact, who) },
	{ .title = N_("STAFF"), .width = 8,
	  .str = BOARD_STR(struct kf_contact, staff_name) },
	{ .title = N_("NOTE"), .width = 8, .clock = true, .text = col_note },
	{ .title = N_("ASKED"), .str = BOARD_STR(struct kf_contact, asked) },
	{ .title = NULL }
};

/* -- today's filters -- */

static int
purpose_items(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	*items = contact_purpose_filter;
	*literal = false;
	return KF_CONTACT_P_COUNT + 1;
}

static int
staff_items(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	struct reception *r = b->ctx;
	struct kf_err err;
	size_t i;

	if (ui->dialog == NULL) {	/* the picker shows these names */
		kf_staff_list_free(r->people, r->npeople);
		free(r->people_names);
		r->people = NULL;
		r->npeople = 0;
		if (kf_staff_colleagues(ui->k, ~0u, 1000, &r->people,
		    &r->npeople, &err) != KF_OK)
			ui_err(ui, &err);
		r->people_names = xcalloc(r->npeople + 1, sizeof(char *));
		r->people_names[0] = _("Everyone");
		for (i = 0; i < r->npeople; i++)
			r->people_names[i + 1] = r->people[i].display_name;
	}
	*items = r->people_names;
	*literal = true;
	return (int)r->npeople + 1;
}

static int64_t
staff_value(struct ui *ui, struct board *b, int i)
{
	struct reception *r = b->ctx;

	(void)ui;
	return i > 0 && (size_t)i <= r->npeople ? r->people[i - 1].id :
	    BOARD_ALL;
}

static const char *
all_purposes(const struct board *b)
{
	(void)b;
	return N_("All purposes");
}

static const char *
everyone(const struct board *b)
{
	(void)b;
	return N_("Everyone");
}

static const struct board_filter today_filters[] = {
	[F_PURPOSE] = { .key = CH('p'), .keyname = "p", .label = N_("purpose"),
	  .help = N_("Show one purpose only"), .hint = true,
	  .items = purpose_items, .all_label = all_purposes },
	[F_STAFF] = { .key = CH('s'), .keyname = "s", .label = N_("staff"),
	  .help = N_("Show one staff member's contacts only"), .hint = true,
	  .items = staff_items, .value = staff_value, .all_label = everyone },
	{ .keyname = NULL }
};

/* -- today's moves -- */

static unsigned
view_contact(struct ui *ui, struct board *b, const void *row)
{
	(void)b;
	ui_open_form(ui, contact_view_form(ui, row));
	return DIRTY_ALL;
}

/* A viewing's key goes out or comes back (R6): which, by the row. */
static int64_t
key_returns(const void *row)
{
	return contact(row)->key_out_at != 0;
}

static const char *
key_question(const void *row)
{
	return key_returns(row) ? N_("Is the key of viewing %lld (%s) back "
	    "now?") : N_("Documents (入伙通知单, 购房合同) checked: hand the "
	    "key of viewing %lld (%s) over now?");
}

static const char *
key_done(const void *row)
{
	return key_returns(row) ? N_("The key of viewing %lld is back.") :
	    N_("The key of viewing %lld is out.");
}

static enum kf_rc
run_key(struct ui *ui, const struct board_target *t, struct kf_err *err)
{
	return kf_contact_key(ui->k, t->id, t->arg != 0, err);
}

static enum kf_rc
may_unbook(struct ui *ui, const void *row, int mv, struct kf_err *err)
{
	(void)mv;
	return kf_contact_may_unbook(ui->k, row, err);
}

static enum kf_rc
run_unbook(struct ui *ui, const struct board_target *t, struct kf_err *err)
{
	return kf_contact_cancel_appointment(ui->k, t->id, -1, err);
}

static int
pick_callback(struct ui *ui, struct board *b, const void *row,
    const char **title, const char *const **items, bool *literal)
{
	(void)ui;
	(void)b;
	(void)row;
	*title = _("Call back");
	*items = contact_callback_items + 1;	/* not "No callback" */
	*literal = false;
	return CALLBACK_CHOICES - 1;
}

static int64_t
picked_callback(struct ui *ui, struct board *b, int i)
{
	(void)ui;
	(void)b;
	return contact_callback_within(i + 1);
}

static enum kf_rc
run_callback(struct ui *ui, const struct board_target *t, struct kf_err *err)
{
	return kf_contact_promise_callback(ui->k, t->id, t->arg, err);
}

/* An unknown caller found on file later: search, then Enter links. */
static unsigned
link_move(struct ui *ui, struct board *b, const void *row)
{
	const struct kf_contact *c = row;
	struct reception *r = b->ctx;

	if (c->customer_id != 0) {
		ui_msg(ui, MSG_ERROR, "%s", _("That contact is already a "
		    "customer's."));
		return DIRTY_ALL;
	}
	r->linking = c->id;
	r->linking_version = c->version;
	lineedit_set(&r->query, c->caller_phone);
	r->panel = P_FIND;
	free(r->searched);
	r->searched = lineedit_text(&r->query);
	relayout(ui, false);
	ui_msg(ui, MSG_INFO, "%s", _("Find the customer and press Enter to "
	    "link; Esc stops."));
	return DIRTY_ALL;
}

static struct form *
handle_move(struct ui *ui, struct board *b,
    const struct board_move *m, const void *row)
{
	(void)m;
	(void)ui;
	(void)b;
	return contact_handle_form(row);
}

/* The checks the core makes before a contact's move (its may). */
enum { M_ANY = -1, M_KEY = 1, M_UNBOOK };

static enum kf_rc
contact_may(struct ui *ui, const void *row, int mv, struct kf_err *err)
{
	const struct kf_contact *c = row;

	switch (mv) {
	case M_KEY:
		if (c->purpose != KF_CONTACT_P_VIEWING)
			return kf_err_set(err, KF_INVALID, "%s", _("Keys go "
			    "with house viewings: choose a viewing."));
		return kf_contact_may_key(ui->k, c, c->key_out_at != 0, err);
	case M_UNBOOK:
		return may_unbook(ui, row, mv, err);
	default:
		return KF_OK;
	}
}

static const struct board_move today_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("open"),
	  .help = N_("Show the chosen contact whole"), .hint = true,
	  .core = M_ANY, .open = view_contact },
	{ .key = CH('k'), .keyname = "k", .label = N_("key"),
	  .help = N_("The key of a viewing goes out or comes back (R6)"),
	  .hint = true, .core = M_KEY, .question_for = key_question,
	  .done_for = key_done, .arg_for = key_returns, .run = run_key },
	{ .key = CH('x'), .keyname = "x", .label = N_("cancel booking"),
	  .help = N_("Cancel a booked viewing: nobody waits for the viewer "
	  "(R6)"), .core = M_UNBOOK, .question = N_("Cancel the booking of "
	  "viewing %lld (%s)? Nobody will wait for the viewer."),
	  .done = N_("The booking of viewing %lld is cancelled."),
	  .run = run_unbook },
	{ .key = CH('c'), .keyname = "c", .label = N_("call back"),
	  .help = N_("Promise the caller a callback (R52)"), .hint = true,
	  .core = M_ANY, .pick = pick_callback, .picked = picked_callback,
	  .run = run_callback, .done = N_("Callback promised for contact "
	  "%lld.") },
	{ .key = CH('l'), .keyname = "l", .label = N_("link"),
	  .help = N_("Link an unknown caller to a customer"), .hint = true,
	  .core = M_ANY, .open = link_move },
	{ .keyname = NULL }
};

static const struct board_move queue_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("open"),
	  .help = N_("Show the chosen suggestion whole"), .hint = true,
	  .core = M_ANY, .open = view_contact },
	{ .key = CH('h'), .keyname = "h", .label = N_("handled"),
	  .help = N_("Record what became of the suggestion; it leaves the "
	  "queue (R7)"), .hint = true, .core = M_ANY, .form = handle_move },
	{ .keyname = NULL }
};

static const struct board_class today_class = {
	.row_size = sizeof(struct kf_contact),
	.cols = contact_cols,
	.filters = today_filters,
	.moves = today_moves,
	.empty = N_("No contacts logged today (with these filters)."),
	.noun = N_("contact %lld"),
	.fetch = today_fetch,
	.free_rows = contacts_free,
	.id = contact_id,
	.version = contact_version,
	.words = contact_words,
	.clock = contact_clock,
	.counts = today_counts,
	.may = contact_may,
	.get = contact_get,
	.clear_row = contact_clear,
};

static const struct board_class queue_class = {
	.row_size = sizeof(struct kf_contact),
	.cols = contact_cols,
	.moves = queue_moves,
	.empty = N_("No suggestions are waiting for you."),
	.noun = N_("contact %lld"),
	.fetch = queue_fetch,
	.free_rows = contacts_free,
	.id = contact_id,
	.version = contact_version,
	.words = contact_words,
	.counts = queue_counts,
	.may = contact_may,
	.get = contact_get,
	.clear_row = contact_clear,
};

/* ---- the screen's own keys (beside each board's) ---- */

static const struct binding find_keys[] = {
	{ CH('\t'), CMD_TAB, 0, "Tab", N_("lists"),
	  N_("Next panel: search, today's contacts, the suggestion queue"),
	  true },
	END_BINDINGS
};

static const struct binding list_keys[] = {
	{ CH('\t'), CMD_TAB, 0, "Tab", N_("next panel"),
	  N_("Next panel: search, today's contacts, the suggestion queue"),
	  true },
	{ CH(14), CMD_LOG_UNKNOWN, 0, "^N", NULL,
	  N_("Log a call or visit from someone not on file"), false },
	END_BINDINGS
};

/* ---- the screen ---- */

static struct board *
cur_board(struct reception *r)
{
	return r->panel == P_FIND ? &r->hits : r->panel == P_TODAY ?
	    &r->today : &r->queue;
}

/* Searches for the box's text unless the hits are for it; true if it did. */
static bool
search(struct ui *ui)
{
	struct reception *r = st(ui);
	char *q = lineedit_text(&r->query);
	bool was = r->searched != NULL && !kf_blank(r->searched);

	if (r->searched != NULL && strcmp(q, r->searched) == 0) {
		free(q);
		return false;
	}
	free(r->searched);
	r->searched = q;
	if (was != !kf_blank(q))
		relayout(ui, false);	/* the results take the room */
	else
		board_reload(ui, &r->hits, false, layout(r).hits_h);
	return true;
}

static int
reception_enter(struct ui *ui)
{
	struct reception *r = xcalloc(1, sizeof(*r));
	unsigned roles = kf_core_actor_roles(ui->k);
	struct layout l;

	ui->state = r;
	lineedit_init(&r->query, 64);
	r->searched = xstrdup("");
	l = layout(r);
	r->has_queue = (roles & (KF_ROLE_DISPATCHER | KF_ROLE_SUPERVISOR)) != 0;
	board_init(ui, &r->hits, &hits_class, 1, r, find_keys, l.hits_h);
	board_init(ui, &r->today, &today_class, 1, r, list_keys, l.list_h);
	if (r->has_queue)
		board_init(ui, &r->queue, &queue_class, 1, r, list_keys,
		    l.list_h);
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
	board_free(&r->hits);
	board_free(&r->today);
	board_free(&r->queue);
	kf_staff_list_free(r->people, r->npeople);
	free(r->people_names);
	free(r);
	ui->state = NULL;
}

static void
reception_draw(struct ui *ui)
{
	struct reception *r = st(ui);
	struct layout l = layout(r);
	char buf[256], filters[192];
	size_t first, count;
	int col, x, qx, w = COLS - 1;

	attron(theme(C_TITLE));
	draw_text(stdscr, l.title, 1, _("Reception"), 20, false);
	attroff(theme(C_TITLE));
	/* A day's contacts are counted up to MAX_COUNT: "500+" past it. */
	if (r->has_queue)
		snprintf(buf, sizeof(buf), _("Today %zu%s  Queue %zu"),
		    (size_t)(r->today.counts.open > MAX_COUNT ? MAX_COUNT :
		    r->today.counts.open), r->today.counts.open > MAX_COUNT ?
		    "+" : "", (size_t)r->queue.counts.open);
	else
		snprintf(buf, sizeof(buf), _("Today %zu%s"),
		    (size_t)(r->today.counts.open > MAX_COUNT ? MAX_COUNT :
		    r->today.counts.open), r->today.counts.open > MAX_COUNT ?
		    "+" : "");
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

	board_draw(ui, &r->hits, l.hits, l.hits_h, r->panel == P_FIND);
	if (r->hits.lv.nrows == 0) {
		attron(theme(C_DIM));
		if (kf_blank(r->searched))
			draw_wrapped(stdscr, l.hits + 1, 1, _("Type a name, phone "
			    "number, account number or address: the customers "
			    "appear as you type. ^N: a caller not on file."),
			    w - 1, l.hits_h - 1);
		else {
			snprintf(buf, sizeof(buf), _("No customer matches "
			    "\"%s\". ^N logs the call as an unknown caller."),
			    r->searched);
			draw_wrapped(stdscr, l.hits + 1, 1, buf, w - 1,
			    l.hits_h - 1);
		}
		attroff(theme(C_DIM));
	}

	/* Today's contacts or the queue: tabs on the separator line. */
	move(l.sep, 0);
	clrtoeol();
	x = 1;
	board_filter_line(&r->today, filters, sizeof(filters));
	if (r->panel == P_TODAY)
		attron(theme(C_TAB));
	{
		char pf[96] = "", *sep = strstr(filters, " · ");

		/* "All purposes · Everyone" as "All purposes, Everyone". */
		if (sep != NULL) {
			snprintf(pf, sizeof(pf), "%.*s", (int)(sep - filters),
			    filters);
			snprintf(buf, sizeof(buf), _(" Today's contacts: %s, %s "),
			    pf, sep + strlen(" · "));
		} else
			snprintf(buf, sizeof(buf), _(" Today's contacts: %s, %s "),
			    filters, "");
	}
	x += draw_text(stdscr, l.sep, x, buf, w - x, false);
	if (r->panel == P_TODAY)
		attroff(theme(C_TAB));
	if (r->has_queue) {
		x += draw_text(stdscr, l.sep, x, "  ", 2, false);
		if (r->panel == P_QUEUE)
			attron(theme(C_TAB));
		snprintf(buf, sizeof(buf), _(" Suggestion queue (%zu) "),
		    (size_t)r->queue.counts.open);
		x += draw_text(stdscr, l.sep, x, buf, w - x, false);
		if (r->panel == P_QUEUE)
			attroff(theme(C_TAB));
	}
	board_draw(ui, r->panel == P_QUEUE ? &r->queue : &r->today, l.list,
	    l.list_h, r->panel != P_FIND);
	if (r->panel == P_FIND && ui->form == NULL && ui->dialog == NULL &&
	    !ui->menu && !ui->help) {
		move(l.find, qx + col);
		curs_set(1);
	}
}

static unsigned
reception_act(struct ui *ui, enum command act, int arg)
{
	struct reception *r = st(ui);

	if (r->panel == P_FIND)
		search(ui);		/* typed ahead of this key */
	switch (act) {
	case CMD_TAB:
		r->panel = r->panel == P_FIND ? P_TODAY : r->panel == P_TODAY &&
		    r->has_queue ? P_QUEUE : P_FIND;
		return DIRTY_ALL;
	case CMD_LOG_UNKNOWN:		/* ^N from a list: the find board's */
		r->panel = P_FIND;
		return board_act(ui, &r->hits, CMD_MOVE, M_UNKNOWN);
	default:
		return board_act(ui, cur_board(r), act, arg);
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
	    k.ch == 14 || k.ch == 15))
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

/* Another session logged or changed something; a resize; a save here. */
static void
reception_changed(struct ui *ui)
{
	relayout(ui, true);
}

/*
 * About twice a second: a paste that ended is searched once; the hold
 * timer of an open contact form (R52); the boards' clocks (a promised
 * callback falling due).
 */
static unsigned
reception_tick(struct ui *ui)
{
	struct reception *r = st(ui);
	unsigned d = 0;

	if (!ui->pasting && search(ui))
		d |= DIRTY_ALL;
	if (is_contact_form(ui->form))
		d |= contact_form_tick(ui, ui->form);
	d |= board_tick(ui, &r->today);
	return d;
}

/* Reopens the contact form from a draft (an SSH drop, a closed pane). */
static void
reception_restore(struct ui *ui, const struct kf_draft *d)
{
	if (!board_restore(ui, &st(ui)->hits, d))
		return;
	if (is_contact_form(ui->form))
		contact_form_restored(ui->form);
}

static bool
reception_owns_draft(const char *key, const char **title)
{
	return board_owns_draft(&hits_class, key, title);
}

static const struct binding *
reception_keys_now(const struct ui *ui)
{
	const struct reception *r = ui->state;

	if (r == NULL)
		return NULL;
	return board_keys(r->panel == P_FIND ? &r->hits : r->panel == P_TODAY ?
	    &r->today : &r->queue);
}

const struct screen screen_reception = {
	.title = N_("Reception"),
	.help = N_("Reception: find customers, log calls and visits"),
	.fkey = 2,
	.action = KF_ACT_CONTACT_LOG,
	.start = 3,
	.keys_now = reception_keys_now,
	.enter = reception_enter,
	.leave = reception_leave,
	.draw = reception_draw,
	.act = reception_act,
	.key = reception_key,
	.changed = reception_changed,
	.tick = reception_tick,
	.restore = reception_restore,
	.owns_draft = reception_owns_draft,
};
