/*
 * screen_complaints.c — F4 Complaints (投诉): the supervisor's review of
 * every open complaint against its clocks, and the person responsible's
 * own. A record board (board.c) given here as tables: the columns, the
 * filters and one key for each move of the core's state table.
 *
 *   rows     open complaints by nearest deadline, late first (the core's
 *            order, kf_complaint_list); red past the running clock's
 *            deadline, yellow within BOARD_SOON_S; the ladder's step as
 *            a marker (^ ^^ ^^^, R29 a serious one at the top);
 *   header   open, overdue, due soon, to sign (R31), serious (R29); the
 *            top bar's badge is the overdue count;
 *   filters  state, severity, category, the person responsible (a
 *            non-supervisor who is responsible for some starts at his
 *            own: "mine"), waiting for my signature, overdue; "/" searches
 *            complainant, phone, place and text (the customer search's
 *            Chinese rules, in the core);
 *   moves    register (n: the form of complaint_form.c, which a call at
 *            Reception opens too), forward, analyse, explain, a
 *            corrective action, approve, verify, result, callback, sign
 *            off, close, reopen, withdraw, escalate, link, the on-site
 *            visit (R37) and the interim reply (R38).
 *
 * Every move is the board's flow: the core's may at the key (a refusal,
 * "cannot close: no callback recorded (R39)", is shown on the message
 * line), then a form, a picker or a question, the core's move, the done
 * message, and the board reloads.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/perm.h"
#include "kefu/util.h"
#include "board.h"
#include "complaint_form.h"

/* The views: a supervisor's (who signs), everyone else's. */
enum { V_SUP = 1, V_STAFF = 2 };
enum { F_STATE, F_SEVERITY, F_CAT, F_PERSON, F_SIGN, F_OVERDUE, F_ESC };

struct complaints {
	struct board		 b;	/* first: the board_screen_* hooks */
	/* The people: the person filter ("Everyone", "Mine", names) and
	 * the forward picker; the supervisors, for escalate. */
	struct complaint_people	 people, sups;
	const char	       **person_items;
	/* The category filter: "All categories", then the labels. */
	struct kf_complaint_category *cats;
	size_t			 ncats;
	char		       **cat_items;
};
/* board_screen_* read ui->state as its board (L5). */
_Static_assert(offsetof(struct complaints, b) == 0,
    "the board comes first in struct complaints");

static struct complaints *
st(struct ui *ui)
{
	return ui->state;
}

static const struct kf_complaint *
cpl(const void *row)
{
	return row;
}

/* ---- the lists the pickers show (they stay while a picker is open) ---- */

static bool
load_people(struct ui *ui, struct complaints *c)
{
	size_t i;

	if (ui->dialog != NULL && c->person_items != NULL)
		return true;
	free(c->person_items);
	c->person_items = NULL;
	if (!complaint_people_load(ui, KF_ROLE_ALL, &c->people))
		return false;
	c->person_items = xcalloc(c->people.n + 2, sizeof(char *));
	c->person_items[0] = _("Everyone");
	c->person_items[1] = _("Mine");
	for (i = 0; i < c->people.n; i++)
		c->person_items[i + 2] = c->people.names[i];
	return true;
}

static void
free_cats(struct complaints *c)
{
	size_t i;

	for (i = 0; c->cat_items != NULL && i <= c->ncats; i++)
		free(c->cat_items[i]);
	free(c->cat_items);
	kf_complaint_categories_free(c->cats, c->ncats);
	c->cats = NULL;
	c->cat_items = NULL;
	c->ncats = 0;
}

static bool
load_cats(struct ui *ui, struct complaints *c)
{
	struct kf_err err;
	size_t i;

	if (ui->dialog != NULL && c->cat_items != NULL)
		return true;
	free_cats(c);
	if (kf_complaint_categories(ui->k, true, &c->cats, &c->ncats, &err) !=
	    KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	c->cat_items = xcalloc(c->ncats + 1, sizeof(char *));
	c->cat_items[0] = xstrdup(_("All categories"));
	for (i = 0; i < c->ncats; i++)	/* seeded: a msgid; added: as typed */
		c->cat_items[i + 1] = xstrdup(_(c->cats[i].label));
	return true;
}

/* ---- the rows: complaints ---- */

static struct kf_complaint_filter
filter_of(struct ui *ui, const struct board *b)
{
	struct kf_complaint_filter f = { true, false, -1, -1, 0, 0, false,
	    NULL, false };
	int64_t v;

	if ((v = board_filter_value(b, F_STATE)) != BOARD_ALL) {
		f.state = (int)v;
		/* A closed or withdrawn one is looked for on purpose (R32). */
		f.open_only = v < KF_CPL_CLOSED;
	}
	if ((v = board_filter_value(b, F_SEVERITY)) != BOARD_ALL)
		f.severity = (int)v;
	if ((v = board_filter_value(b, F_CAT)) != BOARD_ALL)
		f.category_id = v;
	if ((v = board_filter_value(b, F_PERSON)) != BOARD_ALL)
		f.responsible_id = v == 0 ? kf_core_actor_id(ui->k) : v;
	f.to_sign = board_filter_value(b, F_SIGN) != BOARD_ALL;
	f.overdue_only = board_filter_value(b, F_OVERDUE) != BOARD_ALL;
	f.escalated_to_me = board_filter_value(b, F_ESC) != BOARD_ALL;
	if (board_search(b)[0] != '\0') {
		f.text = board_search(b);
		f.open_only = f.open_only && f.state >= 0;	/* R32 */
	}
	return f;
}

static enum kf_rc
fetch(struct ui *ui, struct board *b, enum kf_page dir, const void *anchor,
    int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_complaint_filter f = filter_of(ui, b);
	struct kf_complaint *v = NULL;
	enum kf_rc rc;

	rc = kf_complaint_list(ui->k, &f, dir, anchor, limit, &v, n, err);
	*rows = v;
	return rc;
}

static void
free_rows(void *rows, size_t n)
{
	kf_complaint_list_free(rows, n);
}

static int64_t
row_id(const void *row)
{
	return cpl(row)->id;
}

static int64_t
row_version(const void *row)
{
	return cpl(row)->version;
}

static const char *
row_words(const void *row)
{
	const struct kf_complaint *c = row;

	return c->name != NULL && c->name[0] ? c->name : c->place;
}

/* The running clock's deadline; closed or withdrawn: dim. */
static enum board_clock
row_clock(const void *row, int64_t *due)
{
	const struct kf_complaint *c = row;

	*due = c->due_at;
	if (c->state == KF_CPL_CLOSED || c->state == KF_CPL_WITHDRAWN)
		return BOARD_CLOCK_WAITS;
	return c->due_at != 0 ? BOARD_CLOCK_RUNS : BOARD_NO_CLOCK;
}

static enum kf_rc
counts(struct ui *ui, struct board *b, struct board_counts *c,
    struct kf_err *err)
{
	struct kf_complaint_filter f = filter_of(ui, b);
	struct kf_complaint_counts cc;
	enum kf_rc rc;

	memset(&cc, 0, sizeof(cc));
	rc = kf_complaint_count(ui->k, &f, kf_core_now(ui->k), BOARD_SOON_S,
	    &cc, err);
	memset(c, 0, sizeof(*c));
	c->open = cc.open;
	c->overdue = cc.overdue;
	c->due_soon = cc.due_soon;
	c->more[0] = cc.to_sign;
	c->more[1] = cc.serious;
	return rc;
}

static const char *const more_counts[] = { N_("to sign %lld"),
	N_("serious %lld"), NULL };

static enum kf_rc
may(struct ui *ui, const void *row, int mv, struct kf_err *err)
{
	return kf_complaint_may(ui->k, row, (enum kf_complaint_move)mv, err);
}

static enum kf_rc
get(struct ui *ui, int64_t id, void *row, struct kf_err *err)
{
	return kf_complaint_get(ui->k, id, row, err);
}

static void
clear_row(void *row)
{
	kf_complaint_clear(row);
}

/* ---- the columns ---- */

/* "12m", "-3m", "5h05m", "2d": left until, or past, the deadline. */
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
		snprintf(buf, n, "%s%lldd%02lldh", sign, (long long)(a / 86400),
		    (long long)(a % 86400 / 3600));
}

static void
col_id(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%lld", (long long)cpl(row)->id);
}

static void
col_left(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_complaint *c = row;

	(void)b;
	if (c->due_at != 0)
		left_text(c->due_at - kf_core_now(ui->k), buf, n);
	else
		snprintf(buf, n, "%s", "-");	/* no clock runs */
}

static void
col_state(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", _(complaint_state_label(cpl(row)->state)));
}

static void
col_severity(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", _(complaint_severity_label(cpl(row)->severity)));
}

static void
col_cat(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_complaint *c = row;

	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", c->category_label ? _(c->category_label) : "");
}

/* The ladder's step (kf_complaint_level): a marker per step. */
static void
col_step(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	static const char *const marks[] = { "", "^", "^^", "^^^" };
	int lv = kf_complaint_level(ui->k, row, kf_core_now(ui->k));

	(void)b;
	snprintf(buf, n, "%s", marks[lv < 0 ? 0 : lv > 3 ? 3 : lv]);
}

static const char *
state_word(int i)
{
	return complaint_state_label(i);
}

static const char *
severity_word(int i)
{
	return complaint_severity_label(i);
}

static const struct board_col cols[] = {
	{ .title = N_("NO."), .width = 5, .text = col_id },
	{ .title = N_("LEFT"), .width = 6, .clock = true, .text = col_left },
	{ .title = N_("STATE"), .width = 11, .text = col_state,
	  .label = state_word, .nlabels = KF_CPL_STATE_COUNT },
	{ .title = N_("SEVERITY"), .width = 8, .text = col_severity,
	  .label = severity_word, .nlabels = 2 },
	{ .title = N_("CATEGORY"), .width = 8, .text = col_cat },
	{ .title = N_("NAME"), .width = 8,
	  .str = BOARD_STR(struct kf_complaint, name) },
	{ .title = N_("RESP."), .width = 6,
	  .str = BOARD_STR(struct kf_complaint, responsible_name) },
	{ .title = N_("UP"), .width = 4, .text = col_step },
	{ .title = N_("PLACE"), .str = BOARD_STR(struct kf_complaint, place) },
	{ .title = NULL }
};

/* ---- the filters ---- */

static const char *state_items[KF_CPL_STATE_COUNT + 1];
static const char *severity_items[3];
static const char *const sign_items[] = { "", N_("waiting for my "
	"signature") };
static const char *const overdue_items[] = { "", N_("overdue only") };
static const char *const esc_items[] = { "", N_("escalated to me") };

static int
state_pick(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	int i;

	(void)ui;
	(void)b;
	state_items[0] = N_("All open states");
	for (i = 0; i < KF_CPL_STATE_COUNT; i++)
		state_items[i + 1] = complaint_state_label(i);
	*items = state_items;
	*literal = false;
	return KF_CPL_STATE_COUNT + 1;
}

static int
severity_pick(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	severity_items[0] = N_("All severities");
	severity_items[1] = complaint_severity_label(KF_CPL_ORDINARY);
	severity_items[2] = complaint_severity_label(KF_CPL_SERIOUS);
	*items = severity_items;
	*literal = false;
	return 3;
}

static int
cat_pick(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	struct complaints *c = b->ctx;

	if (!load_cats(ui, c))
		return 0;
	*items = (const char *const *)c->cat_items;
	*literal = true;
	return (int)c->ncats + 1;
}

static int64_t
cat_value(struct ui *ui, struct board *b, int i)
{
	struct complaints *c = b->ctx;

	(void)ui;
	return i > 0 && (size_t)i <= c->ncats ? c->cats[i - 1].id : BOARD_ALL;
}

static int
person_pick(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	struct complaints *c = b->ctx;
	static const char *const only[] = { N_("Everyone"), N_("Mine") };

	/* One who may not read colleagues' names (a technician, R54): his
	 * own or everyone's he may see. */
	if (kf_may(ui->k, KF_ACT_STAFF_NAMES, 0, NULL) != KF_OK ||
	    !load_people(ui, c)) {
		*items = only;		/* at least "mine" */
		*literal = false;
		return 2;
	}
	*items = c->person_items;
	*literal = true;
	return (int)c->people.n + 2;
}

/* "Mine" is 0 (the actor, read when the rows are); a person, his id. */
static int64_t
person_value(struct ui *ui, struct board *b, int i)
{
	struct complaints *c = b->ctx;

	(void)ui;
	if (i == 1)
		return 0;
	return i >= 2 && (size_t)(i - 2) < c->people.n ?
	    c->people.ids[i - 2] : BOARD_ALL;
}

/*
 * The person responsible sees his own first (issue 12): one who signs
 * nothing (not a supervisor) and is responsible for an open complaint
 * starts at "mine"; so does a technician, who sees no other's (R54).
 */
static int
person_initial(struct ui *ui, struct board *b)
{
	struct kf_complaint_filter f = { true, false, -1, -1, 0, 0, false,
	    NULL, false };
	struct kf_complaint_counts cc;

	(void)b;
	if (kf_core_actor_roles(ui->k) & KF_ROLE_SUPERVISOR)
		return 0;
	if (kf_may(ui->k, KF_ACT_STAFF_NAMES, 0, NULL) != KF_OK)
		return 1;
	f.responsible_id = kf_core_actor_id(ui->k);
	memset(&cc, 0, sizeof(cc));
	if (kf_complaint_count(ui->k, &f, kf_core_now(ui->k), BOARD_SOON_S,
	    &cc, NULL) != KF_OK || cc.open == 0)
		return 0;
	return 1;
}

static int
toggle_sign(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	*items = sign_items;
	*literal = false;
	return 2;
}

static int
toggle_overdue(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	*items = overdue_items;
	*literal = false;
	return 2;
}

/* R29: those escalated to me, a supervisor's. */
static int
toggle_esc(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	*items = esc_items;
	*literal = false;
	return 2;
}

static const char *
all_states(const struct board *b)
{
	(void)b;
	return N_("All open states");
}

static const char *
all_people(const struct board *b)
{
	(void)b;
	return N_("Everyone");
}

static const struct board_filter filters[] = {
	[F_STATE] = { .key = CH('S'), .keyname = "S", .label = N_("state"),
	  .help = N_("Show one state only (closed and withdrawn too)"),
	  .items = state_pick, .all_label = all_states },
	[F_SEVERITY] = { .key = CH('V'), .keyname = "V",
	  .help = N_("Show one severity only (ordinary, serious)"),
	  .items = severity_pick },
	[F_CAT] = { .key = CH('C'), .keyname = "C",
	  .help = N_("Show one category only"), .items = cat_pick,
	  .value = cat_value },
	[F_PERSON] = { .key = CH('P'), .keyname = "P", .label = N_("person"),
	  .help = N_("Show one person's complaints only (Mine: yours)"),
	  .items = person_pick, .value = person_value,
	  .all_label = all_people, .initial = person_initial },
	[F_SIGN] = { .key = CH('W'), .keyname = "W", .label = N_("to sign"),
	  .help = N_("Show the complaints waiting for my signature (R31), or "
	  "all again"), .hint = true, .views = V_SUP, .toggle = true,
	  .items = toggle_sign },
	[F_OVERDUE] = { .key = CH('O'), .keyname = "O",
	  .help = N_("Show the overdue complaints only, or all again"),
	  .toggle = true, .items = toggle_overdue },
	[F_ESC] = { .key = CH('E'), .keyname = "E",
	  .help = N_("Show the complaints escalated to me (R29), or all "
	  "again"), .views = V_SUP, .toggle = true, .items = toggle_esc },
	{ .keyname = NULL }
};

/* ---- the moves ---- */

static unsigned
open_complaint(struct ui *ui, struct board *b, const void *row)
{
	struct kf_complaint c;
	struct kf_err err;

	(void)b;
	/* The record as it is now, whole (a list row may be lighter). */
	if (kf_complaint_get(ui->k, cpl(row)->id, &c, &err) != KF_OK) {
		ui_err(ui, &err);
		return DIRTY_ALL;
	}
	ui_open_form(ui, complaint_view_form(ui, &c));
	kf_complaint_clear(&c);
	return DIRTY_ALL;
}

/* "n": the registration form (R27), unless the person may not register
 * (refused at the key, not at the save). */
static struct form *
new_form(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	struct kf_err err;

	(void)b;
	(void)m;
	(void)row;
	kf_err_clear(&err);
	if (kf_may(ui->k, KF_ACT_COMPLAINT_NEW, 0, &err) != KF_OK) {
		ui_err(ui, &err);
		return NULL;
	}
	return complaint_form(ui, NULL);
}

/* The form of the move m of the table (its core move says which). */
static struct form *
move_form(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	(void)b;
	return complaint_move_form(ui, row, (enum kf_complaint_move)m->core);
}

/* The moves made by a key and a question or a picker. */
static enum kf_rc
run(struct ui *ui, const struct board_target *t, struct kf_err *err)
{
	switch (t->mv->core) {
	case KF_CPL_MOVE_FORWARD:
		return kf_complaint_forward(ui->k, t->id, t->version, t->arg,
		    err);
	case KF_CPL_MOVE_APPROVE:
		return kf_complaint_approve(ui->k, t->id, t->version, err);
	case KF_CPL_MOVE_SIGNOFF:
		return kf_complaint_signoff(ui->k, t->id, t->version, err);
	case KF_CPL_MOVE_CLOSE:
		return kf_complaint_close(ui->k, t->id, t->version, err);
	case KF_CPL_MOVE_ESCALATE:
		return kf_complaint_escalate(ui->k, t->id, t->version, t->arg,
		    err);
	default:
		return kf_err_set(err, KF_INVALID, "%s", _("not a move"));
	}
}

/* Forward to whom (R28): any enabled account. */
static int
pick_person(struct ui *ui, struct board *b, const void *row,
    const char **title, const char *const **items, bool *literal)
{
	struct complaints *c = b->ctx;

	(void)row;
	if (!load_people(ui, c))
		return 0;
	*title = _("Forward to");
	*items = c->people.names;
	*literal = true;
	return (int)c->people.n;
}

static int64_t
picked_person(struct ui *ui, struct board *b, int i)
{
	struct complaints *c = b->ctx;

	(void)ui;
	return i >= 0 && (size_t)i < c->people.n ? c->people.ids[i] :
	    BOARD_ALL;
}

/* Escalate to which supervisor (the division head, R29). */
static int
pick_sup(struct ui *ui, struct board *b, const void *row, const char **title,
    const char *const **items, bool *literal)
{
	struct complaints *c = b->ctx;

	(void)row;
	if ((ui->dialog == NULL || c->sups.n == 0) &&
	    !complaint_people_load(ui, KF_ROLE_SUPERVISOR, &c->sups))
		return 0;
	*title = _("Escalate to");
	*items = c->sups.names;
	*literal = true;
	return (int)c->sups.n;
}

static int64_t
picked_sup(struct ui *ui, struct board *b, int i)
{
	struct complaints *c = b->ctx;

	(void)ui;
	return i >= 0 && (size_t)i < c->sups.n ? c->sups.ids[i] : BOARD_ALL;
}

#define MOVE(k, name, lbl, hlp, hnt, vw, mv)	\
	.key = CH(k), .keyname = (name), .label = (lbl), .help = (hlp), \
	.hint = (hnt), .views = (vw), .core = (mv)
#define FORM(mv)	.form = move_form, .draft = "complaint." mv

/*
 * One row a move in each view; a move the view's people make most is on
 * its hint line (the supervisor's forward, sign, close; the others'
 * register, analyse, result, callback), the rest in F1.
 */
#define NEW_ROW(hnt, vw) \
	{ MOVE('n', "n", N_("new"), N_("Register a complaint here (not from " \
	  "a call at Reception) (R27)"), hnt, vw, -1), .no_row = true, \
	  .form = new_form, .draft = COMPLAINT_NEW_DRAFT, \
	  .draft_title = COMPLAINT_NEW_TITLE }
#define FORWARD_ROW(hnt, vw) \
	{ MOVE('f', "f", N_("forward"), N_("Forward to the person " \
	  "responsible (R28)"), hnt, vw, KF_CPL_MOVE_FORWARD), \
	  .pick = pick_person, .picked = picked_person, .run = run, \
	  .core_words = true, .done = N_("Complaint %lld forwarded.") }
#define ANALYSE_ROW(hnt, vw) \
	{ MOVE('a', "a", N_("analyse"), N_("Valid or invalid, the cause and " \
	  "the responsibility (R35)"), hnt, vw, KF_CPL_MOVE_ANALYSE), \
	  FORM("analyse"), .draft_title = N_("Analyse a complaint") }
#define RESULT_ROW(hnt, vw) \
	{ MOVE('r', "r", N_("result"), N_("Record the result told the " \
	  "complainant (R30, R31)"), hnt, vw, KF_CPL_MOVE_RESULT), \
	  FORM("result"), .draft_title = N_("Result of a complaint") }
#define CALLBACK_ROW(hnt, vw) \
	{ MOVE('b', "b", N_("callback"), N_("Record the callback made: how, " \
	  "the satisfaction, a note (R30, R41)"), hnt, vw, \
	  KF_CPL_MOVE_CALLBACK), FORM("callback"), \
	  .draft_title = N_("Complaint callback") }
#define SIGN_ROW(hnt, vw) \
	{ MOVE('s', "s", N_("sign"), N_("Sign the complaint off (R31, " \
	  "supervisors)"), hnt, vw, KF_CPL_MOVE_SIGNOFF), \
	  .question = N_("Sign off complaint %lld (%s)?"), \
	  .done = N_("Complaint %lld signed off."), .run = run, \
	  .core_words = true }
#define CLOSE_ROW(hnt, vw) \
	{ MOVE('c', "c", N_("close case"), N_("Close the complaint: only " \
	  "with a result and a callback (R39)"), hnt, vw, \
	  KF_CPL_MOVE_CLOSE), \
	  .question = N_("Close complaint %lld (%s)?"), \
	  .done = N_("Complaint %lld closed."), .run = run, \
	  .core_words = true }

static const struct board_move moves[] = {
	{ MOVE('\r', "Enter", N_("open"), N_("Show the chosen complaint "
	  "whole: every field, its clocks and its actions"), true, 0, -1),
	  .open = open_complaint },
	NEW_ROW(true, V_STAFF),
	NEW_ROW(false, V_SUP),
	FORWARD_ROW(true, V_SUP),
	FORWARD_ROW(false, V_STAFF),
	ANALYSE_ROW(true, V_STAFF),
	ANALYSE_ROW(false, V_SUP),
	{ MOVE('e', "e", NULL, N_("An invalid complaint: what the complainant "
	  "was told (R34)"), false, 0, KF_CPL_MOVE_EXPLAIN), FORM("explain"),
	  .draft_title = N_("Explain an invalid complaint") },
	{ MOVE('m', "m", NULL, N_("Set a corrective action: what, its owner, "
	  "its due date (R35, R36)"), false, 0, KF_CPL_MOVE_ACTION),
	  FORM("action"), .draft_title = N_("Corrective action") },
	{ MOVE('p', "p", NULL, N_("Approve the corrective actions set (R35, "
	  "supervisors)"), false, 0, KF_CPL_MOVE_APPROVE),
	  .question = N_("Approve the actions of complaint %lld (%s)?"),
	  .done = N_("Actions of complaint %lld approved."), .run = run,
	  .core_words = true },
	{ MOVE('v', "v", NULL, N_("An action carried out: verify it (R36, "
	  "supervisors)"), false, 0, KF_CPL_MOVE_VERIFY), FORM("verify"),
	  .draft_title = N_("Verify an action") },
	RESULT_ROW(true, V_STAFF),
	RESULT_ROW(false, V_SUP),
	CALLBACK_ROW(true, V_STAFF),
	CALLBACK_ROW(false, V_SUP),
	SIGN_ROW(true, V_SUP),
	SIGN_ROW(false, V_STAFF),
	CLOSE_ROW(true, V_SUP),
	CLOSE_ROW(false, V_STAFF),
	{ MOVE('o', "o", NULL, N_("Reopen a signed or closed complaint, with a "
	  "reason (its clocks start again)"), false, 0, KF_CPL_MOVE_REOPEN),
	  FORM("reopen"), .draft_title = N_("Reopen a complaint") },
	{ MOVE('w', "w", NULL, N_("Withdraw the complaint, with a reason; it "
	  "stays searchable (R32)"), false, 0, KF_CPL_MOVE_WITHDRAW),
	  FORM("withdraw"), .draft_title = N_("Withdraw a complaint") },
	{ MOVE('u', "u", NULL, N_("Escalate: one step up the ladder, to a "
	  "supervisor (R29)"), false, 0, KF_CPL_MOVE_ESCALATE),
	  .pick = pick_sup, .picked = picked_sup, .run = run,
	  .core_words = true, .done = N_("Complaint %lld escalated.") },
	{ MOVE('l', "l", NULL, N_("Link as a duplicate of another complaint "
	  "(R48)"), false, 0, KF_CPL_MOVE_LINK), FORM("link"),
	  .draft_title = N_("Link a duplicate") },
	{ MOVE('i', "i", NULL, N_("A serious complaint: the on-site visit and "
	  "its report (R37)"), false, 0, KF_CPL_MOVE_VISIT), FORM("visit"),
	  .draft_title = N_("On-site visit") },
	{ MOVE('y', "y", NULL, N_("A municipal complaint: the interim reply "
	  "(R38)"), false, 0, KF_CPL_MOVE_REPLY), FORM("reply"),
	  .draft_title = N_("Interim reply") },
	{ .keyname = NULL }
};

const struct board_class complaints_board = {
	.row_size = sizeof(struct kf_complaint),
	.cols = cols,
	.filters = filters,
	.moves = moves,
	.empty = N_("No open complaints."),
	.noun = N_("complaint %lld"),
	.search_help = N_("Search: complainant, phone, place or what "
	  "happened (Enter keeps it, Esc clears it)"),
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

/* A supervisor signs (R31): his view; everyone else's the other. */
static unsigned
view_of(struct ui *ui)
{
	return kf_core_actor_roles(ui->k) & KF_ROLE_SUPERVISOR ? V_SUP :
	    V_STAFF;
}

static int
complaints_enter(struct ui *ui)
{
	struct complaints *c = xcalloc(1, sizeof(*c));

	ui->state = c;
	board_init(ui, &c->b, &complaints_board, view_of(ui), c, NULL,
	    list_height());
	return 0;
}

static void
complaints_leave(struct ui *ui)
{
	struct complaints *c = st(ui);

	if (c == NULL)
		return;
	board_free(&c->b);
	complaint_people_free(&c->people);
	complaint_people_free(&c->sups);
	free(c->person_items);
	free_cats(c);
	free(c);
	ui->state = NULL;
}

static void
complaints_draw(struct ui *ui)
{
	struct complaints *c = st(ui);
	int y = ui_body_top(), half = COLS / 2;
	char buf[256];
	bool focus = ui->form == NULL && ui->dialog == NULL && !ui->menu &&
	    !ui->help;

	attron(theme(C_TITLE));
	draw_text(stdscr, y, 1, _("Complaints"), 24, false);
	attroff(theme(C_TITLE));
	board_counts_line(&c->b, buf, sizeof(buf));
	draw_text(stdscr, y, COLS - 1 - text_width(buf), buf, text_width(buf),
	    false);
	board_filter_line(&c->b, buf, sizeof(buf));
	attron(theme(C_DIM));
	draw_text_cut(stdscr, y + 1, 1, buf, COLS - 2, true);
	attroff(theme(C_DIM));
	/* The search, at the right of the filter line while there is one. */
	if (c->b.lv.filtering || board_search(&c->b)[0] != '\0') {
		draw_text_cut(stdscr, y + 1, 1, buf, half - 2, true);
		board_search_draw(&c->b, y + 1, half, COLS - 1 - half, false);
	}
	board_draw(ui, &c->b, list_top(), list_height(), !c->b.lv.filtering);
	/* The cursor last: in the search line while it is typed in. */
	if (c->b.lv.filtering)
		board_search_draw(&c->b, y + 1, half, COLS - 1 - half, focus);
}

/* Another session changed something (the person's roles too: the view
 * follows them), a move was made, or a resize. */
static void
complaints_changed(struct ui *ui)
{
	struct complaints *c = st(ui);

	if (view_of(ui) != c->b.view) {
		board_free(&c->b);
		board_init(ui, &c->b, &complaints_board, view_of(ui), c, NULL,
		    list_height());
		return;
	}
	board_reload(ui, &c->b, true, list_height());
}

static bool
complaints_owns_draft(const char *key, const char **title)
{
	return board_owns_draft(&complaints_board, key, title);
}

/* The top bar's badge: the overdue complaints (0 for who may not see). */
static int64_t
complaints_badge(struct ui *ui)
{
	return kf_complaint_overdue_count(ui->k);
}

const struct screen screen_complaints = {
	.title = N_("Complaints"),
	.help = N_("Complaints: every complaint against its clocks, to its "
	  "close (R27-R39)"),
	.fkey = 4,
	.action = KF_ACT_COMPLAINT_VIEW,
	.start = 5,			/* after Reception and Home */
	.keys_now = board_screen_keys,
	.enter = complaints_enter,
	.leave = complaints_leave,
	.draw = complaints_draw,
	.act = board_screen_act,
	.key = board_screen_key,
	.changed = complaints_changed,
	.tick = board_screen_tick,
	.restore = board_screen_restore,
	.owns_draft = complaints_owns_draft,
	.badge = complaints_badge,
};
