/*
 * screen_callbacks.c — F6 Callbacks (回访): the front desk works through
 * the day's callbacks, the supervisor signs what was recorded (R44), and
 * the month's repair-quality sample is shown with its seed (R42). A
 * record board (board.c) given here as tables.
 *
 *   rows     tasks by nearest deadline, late first (kf_callback_list);
 *            red past the deadline, yellow within BOARD_SOON_S (the
 *            ladder's colours, as F3 and F4 colour theirs); done,
 *            reviewed or cancelled ones dim;
 *   header   open, overdue, due soon, to review (R44), and the month's
 *            completion rate so far (R47, kf_callback_rate; "—" when
 *            nothing was due); the top bar's badge is the overdue count;
 *   filters  state, reason, owner (mine and the pool, the pool, a
 *            clerk), to review, overdue, callable now, last month's
 *            sample;
 *   moves    Enter the call screen (callback_form.c: the customer, the
 *            record it came from and what was done, the script line, the
 *            attempts, the form), record, no answer, call later, take,
 *            assign, cancel, review and sign (R44);
 *   sample   Tab: the sample of a month (R42): month, seed, rate,
 *            population, size and the orders drawn (their tasks); D draws
 *            it when it is not drawn, [ and ] step the month.
 *   missed   %: what the month's rate is missing (R47,
 *            kf_callback_missing): each task due this month so far not
 *            completed on time, and why (done late, when; still open;
 *            cancelled, should the core count those); % again goes back.
 *
 * At start-up (callbacks_startup) the last month's sample is drawn when
 * it is due (kf_callback_sample_due), said in one line when it was.
 * Technicians and the billing desk have no F6 (R54: the core's
 * KF_ACT_CALLBACK_VIEW).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/perm.h"
#include "kefu/util.h"
#include "board.h"
#include "callback_form.h"
#include "complaint_form.h"	/* complaint_people: the assign picker */

/* The views: a supervisor's (who signs), a clerk's, the sample, the
 * tasks missing from the month's rate. */
enum { V_SUP = 1, V_STAFF = 2, V_SAMPLE = 4, V_MISSED = 8 };
/* The missed view lists at most this many (a month's worst, whole). */
#define MISSED_MAX	2000
#define V_TASKS	(V_SUP | V_STAFF)
enum { F_STATE, F_REASON, F_OWNER, F_REVIEW, F_OVERDUE, F_NOW, F_SAMPLE };

struct callbacks {
	struct board		 b;	/* first: the board_screen_* hooks */
	unsigned		 tasks_view;	/* V_SUP or V_STAFF */
	/*
	 * The month's completion rate so far (R47): read again only when
	 * the data changed (callbacks_changed: another session, a move) or
	 * the minute turned (a task falling due counts from then), not at
	 * every reload of the board (M4: 10.6 ms at a month's end).
	 */
	int			 rate_permille;
	struct kf_callback_rate	 rate;
	bool			 rate_stale;
	int64_t			 rate_minute;
	/* The sample view's month and, once drawn, its sample (R42). */
	char			 month[8];
	struct kf_callback_sample smp;
	bool			 have_smp;
	/* The people who call back: the owner filter and assign. */
	struct complaint_people	 people;
	const char	       **owner_items, **assign_items;
};
/* board_screen_* read ui->state as its board (L5). */
_Static_assert(offsetof(struct callbacks, b) == 0,
    "the board comes first in struct callbacks");

static struct callbacks *
st(struct ui *ui)
{
	return ui->state;
}

static const struct kf_callback *
cb(const void *row)
{
	return row;
}

/* ---- months ---- */

/* "2026-12" of t, local time. */
static void
month_of(int64_t t, char *buf, size_t n)
{
	char full[32];

	kf_time_local(t, full, sizeof(full));
	snprintf(buf, n, "%.7s", full);
}

/* The month step months after m ("2026-12", -1: "2026-11"). */
static void
month_step(char *m, size_t n, int step)
{
	int y = atoi(m), mo = atoi(m + 5) - 1 + step;

	y += mo < 0 ? (mo - 11) / 12 : mo / 12;
	mo = ((mo % 12) + 12) % 12;
	snprintf(m, n, "%04d-%02d", y, mo + 1);
}

/* ---- the people (owner filter, assign picker) ---- */

static bool
load_people(struct ui *ui, struct callbacks *c)
{
	size_t i;

	if (ui->dialog != NULL && c->owner_items != NULL)
		return true;
	free(c->owner_items);
	free(c->assign_items);
	c->owner_items = c->assign_items = NULL;
	if (!complaint_people_load(ui, KF_ROLE_RECEPTION |
	    KF_ROLE_SUPERVISOR, &c->people))
		return false;
	c->owner_items = xcalloc(c->people.n + 3, sizeof(char *));
	c->owner_items[0] = _("Everyone");
	c->owner_items[1] = _("Mine and the pool");
	c->owner_items[2] = _("The pool");
	c->assign_items = xcalloc(c->people.n + 1, sizeof(char *));
	c->assign_items[0] = _("The pool");
	for (i = 0; i < c->people.n; i++) {
		c->owner_items[i + 3] = c->people.names[i];
		c->assign_items[i + 1] = c->people.names[i];
	}
	return true;
}

/* ---- the rows: callback tasks ---- */

static struct kf_callback_filter
filter_of(struct ui *ui, const struct board *b)
{
	struct callbacks *c = b->ctx;
	struct kf_callback_filter f;
	int64_t v;

	memset(&f, 0, sizeof(f));
	f.state = KF_CB_OPEN;
	f.reason = -1;
	(void)ui;
	if (b->view == V_SAMPLE) {	/* the month's sample, done or not */
		f.state = -1;
		f.sample_month = c->month;
		if (board_search(b)[0] != '\0')
			f.text = board_search(b);
		return f;
	}
	if ((v = board_filter_value(b, F_STATE)) != BOARD_ALL)
		f.state = (int)v;
	if ((v = board_filter_value(b, F_REASON)) != BOARD_ALL)
		f.reason = (int)v;
	if ((v = board_filter_value(b, F_OWNER)) != BOARD_ALL) {
		if (v == 0)
			f.mine = true;
		else
			f.owner_id = v;		/* -1: the pool only */
	}
	if (board_filter_value(b, F_REVIEW) != BOARD_ALL) {
		f.to_review = true;
		f.state = KF_CB_DONE;
	}
	f.overdue_only = board_filter_value(b, F_OVERDUE) != BOARD_ALL;
	f.due_now = board_filter_value(b, F_NOW) != BOARD_ALL;
	if (board_filter_value(b, F_SAMPLE) != BOARD_ALL) {
		f.reason = KF_CB_SAMPLE;
		f.sample_month = c->month;
	}
	/* "/": name, phone or subject, among the open ones (the core
	 * refuses a search of the done, naming why). */
	if (board_search(b)[0] != '\0')
		f.text = board_search(b);
	return f;
}

/* The month so far: [its first second, now] (R47: one due later this
 * month is not missing yet). */
static bool
month_so_far(struct ui *ui, int64_t *from, int64_t *to)
{
	int64_t now = kf_core_now(ui->k);
	char m[8], first[24];

	month_of(now, m, sizeof(m));
	snprintf(first, sizeof(first), "%s-01 00:00", m);
	*to = now + 1;
	return kf_time_parse(first, from, NULL) == KF_OK;
}

/* Whether the missed row c holds the search's text (name, phone, subject:
 * what "/" looks in on the other views). */
static bool
missed_match(const struct kf_callback *c, const char *text)
{
	return text[0] == '\0' ||
	    (c->name != NULL && strstr(c->name, text) != NULL) ||
	    (c->phone != NULL && strstr(c->phone, text) != NULL) ||
	    (c->subject != NULL && strstr(c->subject, text) != NULL);
}

/* The missed view: the core does not page it; the board cuts the page. */
static enum kf_rc
fetch_missed(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_callback *v = NULL;
	size_t all = 0, i, kept = 0;
	int64_t from, to;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	if (!month_so_far(ui, &from, &to))
		return KF_OK;

	rc = kf_callback_missing(ui->k, from, to, MISSED_MAX, &v, &all, err);
	if (rc != KF_OK)
		return rc;
	for (i = 0; i < all; i++) {	/* "/": the rows holding the text */
		if (!missed_match(&v[i], board_search(b)))
			kf_callback_clear(&v[i]);
		else if (kept++ != i)
			v[kept - 1] = v[i];
	}
	board_slice(b->cls, v, kept, dir, anchor, limit, n);
	*rows = v;
	return KF_OK;
}

static enum kf_rc
fetch(struct ui *ui, struct board *b, enum kf_page dir, const void *anchor,
    int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_callback_filter f = filter_of(ui, b);
	struct kf_callback *v = NULL;
	enum kf_rc rc;

	if (b->view == V_MISSED)
		return fetch_missed(ui, b, dir, anchor, limit, rows, n, err);
	rc = kf_callback_list(ui->k, &f, dir, anchor, limit, &v, n, err);
	*rows = v;
	return rc;
}

static void
free_rows(void *rows, size_t n)
{
	kf_callback_list_free(rows, n);
}

static int64_t
row_id(const void *row)
{
	return cb(row)->id;
}

static int64_t
row_version(const void *row)
{
	return cb(row)->version;
}

static const char *
row_words(const void *row)
{
	const struct kf_callback *c = row;

	return c->name != NULL && c->name[0] ? c->name : c->phone;
}

/* An open task runs against its deadline; the others are met: dim. */
static enum board_clock
row_clock(const void *row, int64_t *due)
{
	const struct kf_callback *c = row;

	*due = c->due_at;
	return c->state == KF_CB_OPEN ? BOARD_CLOCK_RUNS : BOARD_CLOCK_WAITS;
}

/* The month's rate so far (R47): the tasks due from its first second to
 * now; one due later this month is not missing yet. */
static void
read_rate(struct ui *ui, struct callbacks *c)
{
	struct kf_callback_rate r;
	int64_t now = kf_core_now(ui->k), from, to;

	if (!c->rate_stale && c->rate_minute == now / 60)
		return;			/* nothing changed: the cached one */
	c->rate_stale = false;
	c->rate_minute = now / 60;
	c->rate_permille = -1;
	memset(&c->rate, 0, sizeof(c->rate));
	if (!month_so_far(ui, &from, &to))
		return;
	memset(&r, 0, sizeof(r));
	if (kf_callback_rate(ui->k, from, to, &r, NULL) == KF_OK) {
		c->rate = r;
		c->rate_permille = r.rate_permille;
	}
}

static enum kf_rc
counts(struct ui *ui, struct board *b, struct board_counts *c,
    struct kf_err *err)
{
	struct kf_callback_filter f = filter_of(ui, b);
	struct kf_callback_counts cc;
	enum kf_rc rc;

	memset(&cc, 0, sizeof(cc));
	memset(c, 0, sizeof(*c));
	read_rate(ui, b->ctx);
	if (b->view == V_MISSED)	/* its header is the rate's */
		return KF_OK;
	rc = kf_callback_count(ui->k, &f, kf_core_now(ui->k), BOARD_SOON_S,
	    &cc, err);
	c->open = cc.open;
	c->overdue = cc.overdue;
	c->due_soon = cc.due_soon;
	c->more[0] = cc.to_review;
	return rc;
}

static const char *const more_counts[] = { N_("to review %lld"), NULL };

static enum kf_rc
may(struct ui *ui, const void *row, int mv, struct kf_err *err)
{
	return kf_callback_may(ui->k, row, (enum kf_callback_move)mv, err);
}

static enum kf_rc
get(struct ui *ui, int64_t id, void *row, struct kf_err *err)
{
	return kf_callback_get(ui->k, id, row, err);
}

static void
clear_row(void *row)
{
	kf_callback_clear(row);
}

/* ---- the columns ---- */

static void
col_id(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%lld", (long long)cb(row)->id);
}

/* "12-08 14:00": the deadline, which never moves. */
static void
col_due(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	char full[32];

	(void)ui;
	(void)b;
	kf_time_local(cb(row)->due_at, full, sizeof(full));
	snprintf(buf, n, "%s", full + 5);
}

static void
col_reason(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", _(callback_reason_label(cb(row)->reason)));
}

static void
col_state(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", _(callback_state_label(cb(row)->state)));
}

static void
col_owner(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_callback *c = row;

	(void)ui;
	(void)b;
	/* A record done: who made it (what a supervisor signs for). */
	if ((c->state == KF_CB_DONE || c->state == KF_CB_REVIEWED) &&
	    c->done_by_name != NULL && c->done_by_name[0] != '\0')
		snprintf(buf, n, "%s", c->done_by_name);
	else
		snprintf(buf, n, "%s", c->owner_id != 0 &&
		    c->owner_name != NULL ? c->owner_name : _("(pool)"));
}

/* Attempts, and when to try again after "call later": "2 >15:30". */
static void
col_tries(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_callback *c = row;
	char full[32];

	(void)ui;
	(void)b;
	if (c->attempts == 0) {
		snprintf(buf, n, "%s", "");
		return;
	}
	if (c->next_try_at == 0 || c->state != KF_CB_OPEN) {
		snprintf(buf, n, "%d", c->attempts);
		return;
	}
	kf_time_local(c->next_try_at, full, sizeof(full));
	snprintf(buf, n, "%d >%s", c->attempts, full + 11);
}

static void
col_order(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%lld", (long long)cb(row)->order_id);
}

/* Why a task is missing from the month's rate (R47): done late (when),
 * still open past its deadline, or cancelled. */
static void
col_why(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_callback *c = row;
	char full[32];

	(void)ui;
	(void)b;
	switch (c->state) {
	case KF_CB_DONE:
	case KF_CB_REVIEWED:
		kf_time_local(c->done_at, full, sizeof(full));
		snprintf(buf, n, _("late: %s"), full + 5);
		break;
	case KF_CB_CANCELLED:
		snprintf(buf, n, "%s", _("cancelled"));
		break;
	default:
		snprintf(buf, n, "%s", _("still open"));
		break;
	}
}

static const char *
reason_word(int i)
{
	return callback_reason_label(i);
}

static const char *
state_word(int i)
{
	return callback_state_label(i);
}

static const struct board_col cols[] = {
	{ .title = N_("NO."), .width = 5, .text = col_id },
	{ .title = N_("ORDER"), .width = 6, .views = V_SAMPLE,
	  .text = col_order },
	{ .title = N_("DUE"), .width = 11, .clock = true, .text = col_due },
	{ .title = N_("SOURCE"), .width = 10, .views = V_TASKS | V_MISSED,
	  .text = col_reason, .label = reason_word,
	  .nlabels = KF_CB_REASON_COUNT },
	{ .title = N_("STATE"), .width = 10, .views = V_SAMPLE,
	  .text = col_state, .label = state_word,
	  .nlabels = KF_CB_STATE_COUNT },
	{ .title = N_("NAME"), .width = 8,
	  .str = BOARD_STR(struct kf_callback, name) },
	{ .title = N_("PHONE"), .width = 11, .views = V_TASKS | V_SAMPLE,
	  .str = BOARD_STR(struct kf_callback, phone) },
	{ .title = N_("OWNER"), .width = 6, .text = col_owner },
	{ .title = N_("TRIES"), .width = 8, .views = V_TASKS,
	  .text = col_tries },
	{ .title = N_("WHY MISSED"), .width = 20, .views = V_MISSED,
	  .text = col_why },
	{ .title = N_("ABOUT"), .str = BOARD_STR(struct kf_callback,
	  subject) },
	{ .title = NULL }
};

/* ---- the filters ---- */

/* The state: open first (the default), then each, then any. */
static const char *state_items[KF_CB_STATE_COUNT + 1];
static const char *reason_items[KF_CB_REASON_COUNT + 1];
static const char *const review_items[] = { "", N_("waiting for review "
	"(R44)") };
static const char *const overdue_items[] = { "", N_("overdue only") };
static const char *const now_items[] = { "", N_("callable now") };
static const char *const sample_items[] = { "", N_("last month's "
	"sample") };

static int
state_pick(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	int i;

	(void)ui;
	(void)b;
	state_items[0] = callback_state_label(KF_CB_OPEN);
	for (i = 1; i < KF_CB_STATE_COUNT; i++)
		state_items[i] = callback_state_label(i);
	state_items[KF_CB_STATE_COUNT] = N_("Any state");
	*items = state_items;
	*literal = false;
	return KF_CB_STATE_COUNT + 1;
}

/* Choice i (1: done, …) is state i; the last is any (-1). */
static int64_t
state_value(struct ui *ui, struct board *b, int i)
{
	(void)ui;
	(void)b;
	return i >= KF_CB_STATE_COUNT ? -1 : i;
}

static int
reason_pick(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	int i;

	(void)ui;
	(void)b;
	reason_items[0] = N_("All reasons");
	for (i = 0; i < KF_CB_REASON_COUNT; i++)
		reason_items[i + 1] = callback_reason_label(i);
	*items = reason_items;
	*literal = false;
	return KF_CB_REASON_COUNT + 1;
}

static int
owner_pick(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	struct callbacks *c = b->ctx;
	static const char *const only[] = { N_("Everyone"),
		N_("Mine and the pool"), N_("The pool") };

	if (kf_may(ui->k, KF_ACT_STAFF_NAMES, 0, NULL) != KF_OK ||
	    !load_people(ui, c)) {
		*items = only;
		*literal = false;
		return 3;
	}
	*items = c->owner_items;
	*literal = true;
	return (int)c->people.n + 3;
}

/* Mine (and the pool) 0, the pool -1, a person his id. */
static int64_t
owner_value(struct ui *ui, struct board *b, int i)
{
	struct callbacks *c = b->ctx;

	(void)ui;
	if (i == 1)
		return 0;
	if (i == 2)
		return -1;
	return i >= 3 && (size_t)(i - 3) < c->people.n ?
	    c->people.ids[i - 3] : BOARD_ALL;
}

/* A clerk starts at his own and the pool's; a supervisor at everyone's. */
static int
owner_initial(struct ui *ui, struct board *b)
{
	(void)b;
	if (kf_may(ui->k, KF_ACT_CALLBACK_REVIEW, 0, NULL) == KF_OK ||
	    kf_may(ui->k, KF_ACT_CALLBACK_WORK, 0, NULL) != KF_OK)
		return 0;
	return 1;
}

#define TOGGLE(name, list) \
static int \
name(struct ui *ui, struct board *b, const char *const **items, \
    bool *literal) \
{ \
	(void)ui; \
	(void)b; \
	*items = list; \
	*literal = false; \
	return 2; \
}
TOGGLE(toggle_review, review_items)
TOGGLE(toggle_overdue, overdue_items)
TOGGLE(toggle_now, now_items)
TOGGLE(toggle_sample, sample_items)

/* The state shown at "all": open, or called back while the records
 * waiting for a signature are shown (W). */
static const char *
all_open(const struct board *b)
{
	return callback_state_label(board_filter_value(b, F_REVIEW) !=
	    BOARD_ALL ? KF_CB_DONE : KF_CB_OPEN);
}

static const char *
all_people(const struct board *b)
{
	(void)b;
	return N_("Everyone");
}

static const struct board_filter filters[] = {
	[F_STATE] = { .key = CH('S'), .keyname = "S", .label = N_("state"),
	  .help = N_("Show one state only (done, reviewed, cancelled, any)"),
	  .views = V_TASKS, .items = state_pick, .value = state_value,
	  .all_label = all_open },
	[F_REASON] = { .key = CH('R'), .keyname = "R",
	  .help = N_("Show one reason only (complaint, promise, work order, "
	  "…)"), .views = V_TASKS,
	  .items = reason_pick },
	[F_OWNER] = { .key = CH('P'), .keyname = "P", .label = N_("owner"),
	  .help = N_("Show mine and the pool's, the pool's, or one clerk's"),
	  .views = V_TASKS, .items = owner_pick, .value = owner_value,
	  .all_label = all_people, .initial = owner_initial },
	[F_REVIEW] = { .key = CH('W'), .keyname = "W", .label = N_("to review"),
	  .help = N_("Show the records waiting for a signature (R44), or all "
	  "again"), .hint = true, .views = V_SUP,
	  .toggle = true, .items = toggle_review },
	[F_OVERDUE] = { .key = CH('O'), .keyname = "O",
	  .help = N_("Show the overdue callbacks only, or all again"),
	  .views = V_TASKS, .toggle = true, .items = toggle_overdue },
	[F_NOW] = { .key = CH('N'), .keyname = "N",
	  .help = N_("Show those to call now (no \"call later\" ahead), or "
	  "all"), .views = V_TASKS,
	  .toggle = true, .items = toggle_now },
	[F_SAMPLE] = { .key = CH('M'), .keyname = "M",
	  .help = N_("Show last month's repair sample only (R42), or all "
	  "again"), .views = V_TASKS, .toggle = true,
	  .items = toggle_sample },
	{ .keyname = NULL }
};

/* ---- the moves ---- */

/* Enter: the call screen when the person may record it now, else the
 * task whole (done, reviewed, cancelled; one who only looks). */
static unsigned
open_callback(struct ui *ui, struct board *b, const void *row)
{
	struct kf_callback c;
	struct kf_err err;

	(void)b;
	if (kf_callback_get(ui->k, cb(row)->id, &c, &err) != KF_OK) {
		ui_err(ui, &err);
		return DIRTY_ALL;
	}
	if (kf_callback_may(ui->k, &c, KF_CB_MOVE_RECORD, NULL) == KF_OK)
		ui_open_form(ui, callback_move_form(ui, &c,
		    KF_CB_MOVE_RECORD));
	else
		ui_open_form(ui, callback_view_form(ui, &c));
	kf_callback_clear(&c);
	return DIRTY_ALL;
}

/* The form of the move m of the table (its core move says which). */
static struct form *
move_form(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	struct kf_callback c;
	struct kf_err err;
	struct form *f;

	(void)b;
	/* The record as it is now, whole (the attempts, the source). */
	if (kf_callback_get(ui->k, cb(row)->id, &c, &err) != KF_OK) {
		ui_err(ui, &err);
		return NULL;
	}
	f = callback_move_form(ui, &c, (enum kf_callback_move)m->core);
	kf_callback_clear(&c);
	return f;
}

/* The moves made by a key (and a question or a picker). */
static enum kf_rc
run(struct ui *ui, const struct board_target *t, struct kf_err *err)
{
	switch (t->mv->key.ch) {
	case 'a':	/* no answer: tried again later, never done (R47) */
		return kf_callback_attempt(ui->k, t->id, t->version,
		    KF_CB_NO_ANSWER, 0, NULL, err);
	case 't':	/* take it for oneself */
		return kf_callback_assign(ui->k, t->id, t->version,
		    kf_core_actor_id(ui->k), err);
	case 'g':	/* assign to whom was picked (0: the pool) */
		return kf_callback_assign(ui->k, t->id, t->version, t->arg,
		    err);
	default:
		return kf_err_set(err, KF_INVALID, "%s", _("not a move"));
	}
}

/* Assign to whom: the pool first, then those who call back. */
static int
pick_owner(struct ui *ui, struct board *b, const void *row,
    const char **title, const char *const **items, bool *literal)
{
	struct callbacks *c = b->ctx;

	(void)row;
	if (!load_people(ui, c))
		return 0;
	*title = _("Assign to");
	*items = c->assign_items;
	*literal = true;
	return (int)c->people.n + 1;
}

static int64_t
picked_owner(struct ui *ui, struct board *b, int i)
{
	struct callbacks *c = b->ctx;

	(void)ui;
	if (i == 0)
		return 0;
	return i >= 1 && (size_t)(i - 1) < c->people.n ?
	    c->people.ids[i - 1] : BOARD_ALL;
}

/* The sample view's keys: the month before or after, draw it. */
static void read_sample(struct ui *, struct callbacks *);

static unsigned
step_month(struct ui *ui, struct board *b, int step)
{
	struct callbacks *c = b->ctx;

	month_step(c->month, sizeof(c->month), step);
	read_sample(ui, c);
	board_reload(ui, b, false, 0);
	return DIRTY_ALL;
}

static unsigned
month_before(struct ui *ui, struct board *b, const void *row)
{
	(void)row;
	return step_month(ui, b, -1);
}

static unsigned
month_after(struct ui *ui, struct board *b, const void *row)
{
	(void)row;
	return step_month(ui, b, 1);
}

static void draw_sample(struct ui *, void *);

/* D: draw the month's sample (R42), the core's seed; drawn already,
 * the stored one is shown unchanged. */
static unsigned
draw_key(struct ui *ui, struct board *b, const void *row)
{
	struct callbacks *c = b->ctx;

	(void)row;
	draw_sample(ui, c->month);
	return DIRTY_ALL;
}

/* Enter: the call screen where the person may call back now, else the
 * task to look at (a dispatcher; a record already made) (M5). */
static bool
enter_offered(struct ui *ui, const struct board *b, const void *row,
    const char **label, const char **help)
{
	(void)b;
	if (kf_callback_may(ui->k, row, KF_CB_MOVE_RECORD, NULL) != KF_OK) {
		*label = N_("look");
		*help = N_("Show the callback whole: the source, the attempts, "
		    "what was recorded and signed");
	}
	return true;
}

/* D: only while the month is not drawn, for one who may draw (R42). */
static bool
draw_offered(struct ui *ui, const struct board *b, const void *row,
    const char **label, const char **help)
{
	const struct callbacks *c = b->ctx;

	(void)row;
	(void)label;
	(void)help;
	return !c->have_smp &&
	    kf_may(ui->k, KF_ACT_CALLBACK_SAMPLE, 0, NULL) == KF_OK;
}

static void show_view(struct ui *, struct callbacks *, unsigned);

/* %: the tasks missing from the month's rate, or back to the tasks. */
static unsigned
missed_key(struct ui *ui, struct board *b, const void *row)
{
	struct callbacks *c = b->ctx;

	(void)row;
	show_view(ui, c, b->view == V_MISSED ? c->tasks_view : V_MISSED);
	return DIRTY_ALL;
}

#define MOVE(k, name, lbl, hlp, hnt, vw, mv)	\
	.key = CH(k), .keyname = (name), .label = (lbl), .help = (hlp), \
	.hint = (hnt), .views = (vw), .core = (mv)
#define FORM(mv)	.form = move_form, .draft = "callback." mv

static const struct board_move moves[] = {
	{ MOVE('\r', "Enter", N_("call"), N_("The call screen: who, from what, "
	  "the script, the form"), true, 0, -1),
	  .open = open_callback, .offered = enter_offered },
	{ MOVE('r', "r", N_("record"), N_("Record the callback: how, how "
	  "satisfied, what was said (R40)"),
	  false, V_TASKS | V_SAMPLE, KF_CB_MOVE_RECORD), FORM("record"),
	  .draft_title = N_("Calling back") },
	{ MOVE('a', "a", N_("no answer"), N_("No answer: kept, tried again "
	  "later, never done (R47)"),
	  true, V_TASKS | V_SAMPLE, KF_CB_MOVE_ATTEMPT), .run = run,
	  .question = N_("No answer at %s? It is tried again later."),
	  .done = N_("Callback %lld: no answer, tried again later."),
	  .core_words = true },
	{ MOVE('l', "l", N_("later"), N_("Call later, when the customer asks "
	  "(the attempt is kept)"), true, V_TASKS | V_SAMPLE,
	  KF_CB_MOVE_ATTEMPT), FORM("later"), .draft_title = N_("Call later") },
	{ MOVE('t', "t", N_("take"), N_("Take the callback for yourself from "
	  "the pool"), true, V_STAFF, KF_CB_MOVE_ASSIGN), .run = run,
	  .done = N_("Callback %lld is yours."), .core_words = true },
	{ MOVE('t', "t", NULL, N_("Take the callback for yourself from the "
	  "pool"), false, V_SUP, KF_CB_MOVE_ASSIGN), .run = run,
	  .done = N_("Callback %lld is yours."), .core_words = true },
	{ MOVE('g', "g", N_("assign"), N_("Give it to a clerk, or back to the "
	  "pool (supervisors)"), true, V_SUP, KF_CB_MOVE_ASSIGN),
	  .pick = pick_owner, .picked = picked_owner, .run = run,
	  .done = N_("Callback %lld assigned."), .core_words = true },
	{ MOVE('g', "g", NULL, N_("Give it to a clerk, or back to the pool "
	  "(supervisors)"), false, V_STAFF, KF_CB_MOVE_ASSIGN),
	  .pick = pick_owner, .picked = picked_owner, .run = run,
	  .done = N_("Callback %lld assigned."), .core_words = true },
	{ MOVE('s', "s", N_("sign"), N_("Review a recorded callback and sign "
	  "it (R44, supervisors)"), true, V_SUP, KF_CB_MOVE_REVIEW),
	  FORM("review"), .draft_title = N_("Review a callback") },
	{ MOVE('s', "s", NULL, N_("Review a recorded callback and sign it "
	  "(R44, supervisors)"), false, V_STAFF | V_SAMPLE,
	  KF_CB_MOVE_REVIEW), FORM("review"),
	  .draft_title = N_("Review a callback") },
	{ MOVE('x', "x", NULL, N_("Cancel the callback, with a reason "
	  "(supervisors)"), false, V_TASKS, KF_CB_MOVE_CANCEL),
	  FORM("cancel"), .draft_title = N_("Cancel a callback") },
	{ MOVE('%', "%", N_("missed"), N_("What the month's rate is missing: "
	  "each task not called back on time, and why (R47)"), false, V_TASKS,
	  -1), .no_row = true, .open = missed_key },
	{ MOVE('%', "%", N_("return"), N_("Back to the callbacks"), true,
	  V_MISSED, -1), .no_row = true, .open = missed_key },
	{ MOVE('D', "D", N_("draw"), N_("Draw the month's sample: the system's "
	  "seed, kept (R42)"),
	  true, V_SAMPLE, -1), .no_row = true, .open = draw_key,
	  .offered = draw_offered },
	{ MOVE('[', "[", N_("month"), N_("The month before"), true, V_SAMPLE,
	  -1), .no_row = true, .open = month_before },
	{ MOVE(']', "]", NULL, N_("The month after"), false, V_SAMPLE, -1),
	  .no_row = true, .open = month_after },
	{ .keyname = NULL }
};

const struct board_class callbacks_board = {
	.row_size = sizeof(struct kf_callback),
	.cols = cols,
	.filters = filters,
	.moves = moves,
	.empty = N_("No callbacks here."),
	.noun = N_("callback %lld"),
	.search_help = N_("Search: name, phone or what it is about, among "
	  "the open callbacks (Enter keeps it, Esc clears it)"),
	.more_counts = more_counts,
	.fetch = fetch,
	.free_rows = free_rows,
	.id = row_id,
	.version = row_version,
	.words = row_words,
	.clock = row_clock,
	.counts = counts,
	.may = may,
	.get = get,
	.clear_row = clear_row,
};

/* ---- the sample (R42) ---- */

/*
 * The month's sample as stored, when it is drawn: a plain read
 * (kf_callback_sample_get), never a draw; not drawn says nothing.
 */
static void
read_sample(struct ui *ui, struct callbacks *c)
{
	struct kf_err err;
	enum kf_rc rc;

	c->have_smp = false;
	kf_err_clear(&err);
	rc = kf_callback_sample_get(ui->k, c->month, &c->smp, &err);
	if (rc == KF_OK)
		c->have_smp = true;
	else if (rc != KF_NOTFOUND && rc != KF_DENIED)
		ui_err(ui, &err);
}

/* Draws month's sample (a retry after "busy" comes back here). */
static void
draw_sample(struct ui *ui, void *arg)
{
	struct callbacks *c = ui->screen == &screen_callbacks ? st(ui) : NULL;
	struct kf_callback_sample s;
	struct kf_err err;
	char month[8];
	bool drawn = false;
	enum kf_rc rc;

	snprintf(month, sizeof(month), "%s", (const char *)arg);
	memset(&s, 0, sizeof(s));
	kf_err_clear(&err);
	rc = kf_callback_sample(ui->k, month, &s, &drawn, &err);
	if (rc == KF_BUSY && ui_retry_later(ui, draw_sample, month,
	    sizeof(month), &err))
		return;
	if (rc != KF_OK)
		ui_err(ui, &err);
	else if (drawn)
		ui_msg(ui, MSG_INFO, _("The sample of %s is drawn: %lld of "
		    "%lld work orders (R42)."), month, (long long)s.size,
		    (long long)s.population);
	else
		ui_msg(ui, MSG_INFO, _("The sample of %s was drawn before; "
		    "shown as stored (R42)."), month);
	kf_callback_sample_clear(&s);
	if (c != NULL && c->b.view == V_SAMPLE) {
		read_sample(ui, c);
		board_reload(ui, &c->b, false, 0);
	}
	ui_badges(ui);
}

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

/* A supervisor signs (R44): her view; everyone else's the other. */
static unsigned
view_of(struct ui *ui)
{
	return kf_may(ui->k, KF_ACT_CALLBACK_REVIEW, 0, NULL) == KF_OK ?
	    V_SUP : V_STAFF;
}

static const struct binding tab_keys[] = {
	{ CH('\t'), CMD_TAB, 0, "Tab", N_("sample"), N_("The month's repair "
	  "sample (R42), or the callbacks again"), true },
	END_BINDINGS
};

static void
show_view(struct ui *ui, struct callbacks *c, unsigned view)
{
	board_free(&c->b);
	if (view == V_SAMPLE)
		read_sample(ui, c);
	board_init(ui, &c->b, &callbacks_board, view, c, tab_keys,
	    list_height());
}

static int
callbacks_enter(struct ui *ui)
{
	struct callbacks *c = xcalloc(1, sizeof(*c));

	ui->state = c;
	c->rate_stale = true;
	c->tasks_view = view_of(ui);
	/* The sample shown first is last month's: the one drawn at the
	 * first start of this month. */
	month_of(kf_core_now(ui->k), c->month, sizeof(c->month));
	month_step(c->month, sizeof(c->month), -1);
	board_init(ui, &c->b, &callbacks_board, c->tasks_view, c, tab_keys,
	    list_height());
	return 0;
}

static void
callbacks_leave(struct ui *ui)
{
	struct callbacks *c = st(ui);

	if (c == NULL)
		return;
	board_free(&c->b);
	complaint_people_free(&c->people);
	free(c->owner_items);
	free(c->assign_items);
	kf_callback_sample_clear(&c->smp);
	free(c);
	ui->state = NULL;
}

/* The sample's line: month, seed, rate, population, size, when drawn. */
static void
sample_line(struct ui *ui, struct callbacks *c, char *buf, size_t n)
{
	char rate[16], when[32];

	if (!c->have_smp && kf_may(ui->k, KF_ACT_CALLBACK_SAMPLE, 0,
	    NULL) != KF_OK) {	/* one who only looks: no D to offer */
		snprintf(buf, n, _("%s: not drawn yet (R42)."), c->month);
		return;
	}
	if (!c->have_smp) {
		snprintf(buf, n, _("%s: not drawn yet. D draws it (R42)."),
		    c->month);
		return;
	}
	callback_rate_text(c->smp.rate_permille, rate, sizeof(rate));
	kf_time_local(c->smp.drawn_at, when, sizeof(when));
	if (c->smp.drawn_by_name[0] != '\0')	/* who drew it (R42) */
		snprintf(buf, n, _("%s  rate %s  seed %016llx  %lld of %lld  "
		    "drawn %s by %s"), c->smp.month, rate,
		    (unsigned long long)c->smp.seed, (long long)c->smp.size,
		    (long long)c->smp.population, when + 5,
		    c->smp.drawn_by_name);
	else
		snprintf(buf, n, _("%s  rate %s  seed %016llx  %lld of %lld  "
		    "drawn %s"), c->smp.month, rate,
		    (unsigned long long)c->smp.seed, (long long)c->smp.size,
		    (long long)c->smp.population, when + 5);
}

static void
callbacks_draw(struct ui *ui)
{
	struct callbacks *c = st(ui);
	int y = ui_body_top(), w, half = COLS / 2;
	char buf[256], rate[16];
	size_t len;
	bool focus = ui->form == NULL && ui->dialog == NULL && !ui->menu &&
	    !ui->help;

	attron(theme(C_TITLE));
	draw_text(stdscr, y, 1, c->b.view == V_SAMPLE ? _("Callback sample") :
	    c->b.view == V_MISSED ? _("Missed this month") : _("Callbacks"),
	    24, false);
	attroff(theme(C_TITLE));
	board_counts_line(&c->b, buf, sizeof(buf));
	if (c->b.view == V_MISSED) {
		/* R47: what the rate counts; the rows what it misses. */
		callback_rate_text(c->rate_permille, rate, sizeof(rate));
		snprintf(buf, sizeof(buf), _("due %lld  on time %lld  late "
		    "%lld  not done %lld  month %s"), (long long)c->rate.due,
		    (long long)c->rate.on_time, (long long)c->rate.late,
		    (long long)c->rate.missing, rate);
	} else if (c->b.view != V_SAMPLE && c->b.has_counts) {
		/* R47: the month's rate beside the counts. */
		callback_rate_text(c->rate_permille, rate, sizeof(rate));
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "  ");
		len += 2;
		snprintf(buf + len, sizeof(buf) - len, _("month %s"), rate);
		/* What a person cancelled this month: missing, never
		 * dropped from the rate (R47). */
		len = strlen(buf);
		if (c->rate.cancelled > 0)
			snprintf(buf + len, sizeof(buf) - len,
			    _(" (%lld cancelled)"), (long long)c->rate.cancelled);
	}
	w = text_width(buf);
	draw_text(stdscr, y, COLS - 1 - w, buf, w, false);
	if (c->b.view == V_SAMPLE)
		sample_line(ui, c, buf, sizeof(buf));
	else if (c->b.view == V_MISSED)
		snprintf(buf, sizeof(buf), "%s", _("Due this month so far, not "
		    "called back on time (R47)"));
	else
		board_filter_line(&c->b, buf, sizeof(buf));
	attron(theme(C_DIM));
	draw_text_cut(stdscr, y + 1, 1, buf, COLS - 2, true);
	/* The search, at the right of the filter line while there is one
	 * (as F3 and F4 show theirs). */
	if (c->b.lv.filtering || board_search(&c->b)[0] != '\0') {
		draw_text_cut(stdscr, y + 1, 1, buf, half - 2, true);
		attroff(theme(C_DIM));
		board_search_draw(&c->b, y + 1, half, COLS - 1 - half, false);
	}
	attroff(theme(C_DIM));
	board_draw(ui, &c->b, list_top(), list_height(), !c->b.lv.filtering);
	/* The cursor last: in the search line while it is typed in. */
	if (c->b.lv.filtering)
		board_search_draw(&c->b, y + 1, half, COLS - 1 - half, focus);
}

static unsigned
callbacks_act(struct ui *ui, enum command act, int arg)
{
	struct callbacks *c = st(ui);

	if (act == CMD_TAB) {
		show_view(ui, c, c->b.view == V_SAMPLE ? c->tasks_view :
		    V_SAMPLE);
		return DIRTY_ALL;
	}
	return board_screen_act(ui, act, arg);
}

/* Another session changed something (her roles too: the view follows
 * them), a move was made, or a resize. */
static void
callbacks_changed(struct ui *ui)
{
	struct callbacks *c = st(ui);

	c->rate_stale = true;		/* the data changed: R47 again */
	if (view_of(ui) != c->tasks_view) {
		c->tasks_view = view_of(ui);
		if (c->b.view != V_SAMPLE) {
			show_view(ui, c, c->tasks_view);
			return;
		}
	}
	if (c->b.view == V_SAMPLE)
		read_sample(ui, c);
	board_reload(ui, &c->b, true, list_height());
}

static bool
callbacks_owns_draft(const char *key, const char **title)
{
	return board_owns_draft(&callbacks_board, key, title);
}

/* The top bar's badge: the overdue callbacks (0 for who may not see). */
static int64_t
callbacks_badge(struct ui *ui)
{
	return kf_callback_overdue_count(ui->k);
}

/*
 * Once at start-up, whoever starts (the core's contract): the last
 * month's sample when it is due. Nothing is said when nothing was
 * drawn; one line when it was, from what the core says it drew (one who
 * may not see callbacks is told nothing).
 */
static void
callbacks_startup(struct ui *ui)
{
	struct kf_callback_sample s;
	struct kf_err err;
	bool drawn = false;

	memset(&s, 0, sizeof(s));
	kf_err_clear(&err);
	if (kf_callback_sample_due(ui->k, &s, &drawn, &err) != KF_OK) {
		if (err.rc != KF_DENIED)
			ui_err(ui, &err);
	} else if (drawn)
		ui_msg(ui, MSG_INFO, _("The sample of %s is drawn: %lld of "
		    "%lld work orders (R42)."), s.month, (long long)s.size,
		    (long long)s.population);
	kf_callback_sample_clear(&s);
}

const struct screen screen_callbacks = {
	.title = N_("Callbacks"),
	.help = N_("Callbacks: called back, recorded and signed (R40-R47)"),
	.fkey = 6,
	.action = KF_ACT_CALLBACK_VIEW,
	.start = 6,
	.keys_now = board_screen_keys,
	.enter = callbacks_enter,
	.leave = callbacks_leave,
	.draw = callbacks_draw,
	.act = callbacks_act,
	.key = board_screen_key,
	.changed = callbacks_changed,
	.tick = board_screen_tick,
	.restore = board_screen_restore,
	.owns_draft = callbacks_owns_draft,
	.badge = callbacks_badge,
	.startup = callbacks_startup,
};
