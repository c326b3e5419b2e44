/*
 * board.c — the record board every list screen stands on (see board.h):
 * the page and cursor (through listview.c), columns, deadline colours,
 * header counts, filters, live reload, and the one flow of a move.
 *
 * Invariants:
 *   (1) b->keys holds, in order, the moves of b->view, its filters, the
 *       list keys, then b->extra, and ends with END_BINDINGS; a move's
 *       binding has act CMD_MOVE and arg its index in cls->moves, a
 *       filter's CMD_BFILTER and its index in cls->filters.
 *   (2) b->fs[i].value is BOARD_ALL exactly when fs[i].choice is 0.
 *   (3) b->next_change is the first moment after the last reload at which
 *       a shown row's colour changes by the clock alone (INT64_MAX: none).
 *   (4) the search's text is b->lv.filter_text (listview's filter, "" when
 *       none); the rows and counts shown are for it.
 *   (5) a move's binding is offered (hint as in its table, help set)
 *       exactly when the chosen row may have it made now: the core's may
 *       says yes (core >= 0), its offered hook does, and a row is chosen
 *       unless no_row (offer(), after every load and cursor move; M5:
 *       keys offered then refused).
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/util.h"
#include "board.h"

/* ---- the listview underneath: its source calls the class ---- */

static enum kf_rc
src_fetch(struct ui *ui, const struct listview *lv, const char *filter,
    enum kf_page dir, const void *anchor, int limit, void **rows, size_t *n,
    struct kf_err *err)
{
	struct board *b = lv->owner;

	(void)filter;
	return b->cls->fetch(ui, b, dir, anchor, limit, rows, n, err);
}

/*
 * listview keeps its cursor by same(); a row knows no board, so the board
 * puts the cursor back by id itself after a reload (board_reload).
 */
static bool
src_same(const void *a, const void *c)
{
	(void)a;
	(void)c;
	return false;
}

static const void *
row_at(const struct board *b, size_t i)
{
	return (const char *)b->lv.rows + i * b->cls->row_size;
}

const void *
board_row(const struct board *b)
{
	return lv_selected(&b->lv);
}

int
board_rows(int h)
{
	return h > 2 ? h - 1 : 1;
}

static bool
in_view(unsigned views, unsigned view)
{
	return views == 0 || (views & view) != 0;
}

/* ---- keys: generated from the class's tables (invariant 1) ---- */

static const struct binding list_keys[] = { LIST_KEYS, END_BINDINGS };
static const struct binding arrow_keys[] = { ARROW_KEYS, END_BINDINGS };

/* Whether key k is bound among the first n of keys. */
static bool
taken(const struct binding *keys, size_t n, struct key k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (keys[i].key.fn == k.fn && keys[i].key.ch == k.ch &&
		    keys[i].key.alt == k.alt)
			return true;
	return false;
}

static void
make_keys(struct board *b)
{
	const struct board_move *m;
	const struct board_filter *f;
	const struct binding *x;
	size_t n = 1, i = 0;

	for (m = b->cls->moves; m != NULL && m->keyname != NULL; m++)
		n++;
	for (f = b->cls->filters; f != NULL && f->keyname != NULL; f++)
		n++;
	n += sizeof(list_keys) / sizeof(list_keys[0]) + 1;	/* and "/" */
	for (x = b->extra; x != NULL && x->keyname != NULL; x++)
		n++;
	b->keys = xcalloc(n, sizeof(*b->keys));
	for (m = b->cls->moves; m != NULL && m->keyname != NULL; m++)
		if (in_view(m->views, b->view))
			b->keys[i++] = (struct binding){ m->key, CMD_MOVE,
			    (int)(m - b->cls->moves), m->keyname, m->label,
			    m->help, m->hint };
	for (f = b->cls->filters; f != NULL && f->keyname != NULL; f++)
		if (in_view(f->views, b->view))
			b->keys[i++] = (struct binding){ f->key, CMD_BFILTER,
			    (int)(f - b->cls->filters), f->keyname, f->label,
			    f->help, f->hint };
	if (b->cls->search_help != NULL)
		b->keys[i++] = (struct binding){ CH('/'), CMD_FILTER, 0, "/",
		    N_("search"), b->cls->search_help, true };
	for (x = b->extra; x != NULL && x->keyname != NULL; x++)
		b->keys[i++] = *x;
	/* A list key a move or filter took (k: a viewing's key) is that
	 * move's alone: F1 and the hint line must not promise both. */
	for (x = b->cls->typing ? arrow_keys : list_keys; x->keyname != NULL;
	    x++)
		if (!taken(b->keys, i, x->key))
			b->keys[i++] = *x;
	b->keys[i] = (struct binding)END_BINDINGS;
}

const struct binding *
board_keys(const struct board *b)
{
	return b->keys;
}

/* Whether move m is offered on row (invariant 5); its words in *label and
 * *help. */
static bool
offered(struct ui *ui, const struct board *b, const struct board_move *m,
    const void *row, const char **label, const char **help)
{
	*label = m->label;
	*help = m->help;
	if (row == NULL && !m->no_row)
		return false;
	if (row != NULL && m->core >= 0 && b->cls->may != NULL &&
	    b->cls->may(ui, row, m->core, NULL) != KF_OK)
		return false;
	return m->offered == NULL || m->offered(ui, b, row, label, help);
}

/* Invariant 5: the move bindings follow the chosen row. */
static void
offer(struct ui *ui, struct board *b)
{
	const struct board_move *m;
	const void *row = board_row(b);
	const char *label, *help;
	struct binding *k;

	b->offer_id = row != NULL ? b->cls->id(row) : 0;
	b->offer_version = row != NULL && b->cls->version != NULL ?
	    b->cls->version(row) : 0;
	for (k = b->keys; k->keyname != NULL; k++) {
		if (k->act != CMD_MOVE)
			continue;
		m = &b->cls->moves[k->arg];
		if (offered(ui, b, m, row, &label, &help)) {
			k->label = label;
			k->help = help;
			k->hint = m->hint && label != NULL;
		} else {
			k->help = NULL;
			k->hint = false;
		}
	}
}

/* ---- loading ---- */

/* Invariant 3: the next moment a shown row turns yellow or red. */
static int64_t
next_change(const struct board *b, int64_t now)
{
	int64_t next = INT64_MAX, t, due;
	size_t i;

	if (b->cls->clock == NULL)
		return next;
	for (i = 0; i < b->lv.nrows; i++) {
		if (b->cls->clock(row_at(b, i), &due) != BOARD_CLOCK_RUNS)
			continue;
		t = due + 1;			/* overdue from the next second */
		if (t > now && t < next)
			next = t;
		t = due - BOARD_SOON_S;		/* due soon from then */
		if (t > now && t < next)
			next = t;
	}
	return next;
}

static void
after_load(struct ui *ui, struct board *b)
{
	struct kf_err err;

	b->has_counts = false;
	if (b->cls->counts != NULL) {
		kf_err_clear(&err);
		if (b->cls->counts(ui, b, &b->counts, &err) == KF_OK)
			b->has_counts = true;
		else
			ui_err(ui, &err);
	}
	b->next_change = next_change(b, kf_core_now(ui->k));
	b->last_ms = now_ms();
	offer(ui, b);
	if (b->cls->counts != NULL)
		ui_badges(ui);	/* the top bar follows the board at once */
}

/* The record's id of a row, for keeping the cursor on it. */
static int64_t
sel_id(const struct board *b)
{
	const void *r = board_row(b);

	return r != NULL ? b->cls->id(r) : 0;
}

void
board_reload(struct ui *ui, struct board *b, bool keep, int height)
{
	int64_t id = sel_id(b);
	size_t i;

	if (height > 0)
		b->lv.height = board_rows(height);
	if (!keep) {
		lv_load(ui, &b->lv, b->lv.height);
		after_load(ui, b);
		return;
	}
	lv_refresh(ui, &b->lv);
	/* listview keeps the row by its same(); the board by id. */
	for (i = 0; i < b->lv.nrows; i++)
		if (b->cls->id(row_at(b, i)) == id)
			b->lv.sel = i;
	if (b->lv.sel >= b->lv.nrows)
		b->lv.sel = b->lv.nrows ? b->lv.nrows - 1 : 0;
	after_load(ui, b);
}

static void start_filter(struct ui *, struct board *, int);

void
board_init(struct ui *ui, struct board *b, const struct board_class *cls,
    unsigned view, void *ctx, const struct binding *extra, int height)
{
	int i;

	memset(b, 0, sizeof(*b));
	b->cls = cls;
	b->ctx = ctx;
	b->view = view;
	b->extra = extra;
	b->src = (struct lv_source){ cls->row_size, src_fetch, cls->free_rows,
	    NULL, src_same };
	lv_init(&b->lv, &b->src);
	b->lv.owner = b;
	for (i = 0; cls->filters != NULL && cls->filters[i].keyname != NULL;
	    i++)
		;
	b->nfilters = i;
	b->fs = xcalloc((size_t)(i > 0 ? i : 1), sizeof(*b->fs));
	for (i = 0; i < b->nfilters; i++)
		b->fs[i].value = BOARD_ALL;
	make_keys(b);
	for (i = 0; i < b->nfilters; i++)
		start_filter(ui, b, i);
	lv_load(ui, &b->lv, board_rows(height));
	after_load(ui, b);
}

void
board_free(struct board *b)
{
	if (b == NULL || b->cls == NULL)
		return;
	lv_free(&b->lv);
	free(b->fs);
	free(b->keys);
	b->fs = NULL;
	b->keys = NULL;
	b->cls = NULL;
}

unsigned
board_tick(struct ui *ui, struct board *b)
{
	if (now_ms() - b->last_ms < BOARD_REFRESH_MS &&
	    kf_core_now(ui->k) < b->next_change)
		return 0;
	board_reload(ui, b, true, 0);
	return DIRTY_BODY;
}

/* ---- filters ---- */

int64_t
board_filter_value(const struct board *b, int i)
{
	return i >= 0 && i < b->nfilters ? b->fs[i].value : BOARD_ALL;
}

void
board_filter_line(const struct board *b, char *buf, size_t n)
{
	const struct board_filter *f;
	const char *label;
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < b->nfilters; i++) {
		f = &b->cls->filters[i];
		if (!in_view(f->line_views ? f->line_views : f->views, b->view))
			continue;
		label = b->fs[i].choice != 0 ? b->fs[i].label :
		    f->all_label != NULL ? _(f->all_label(b)) : "";
		if (label[0] == '\0')
			continue;
		len += (size_t)snprintf(buf + len, n > len ? n - len : 0,
		    "%s%s", len ? " · " : "", label);
		if (len >= n)
			return;
	}
}

void
board_counts_line(const struct board *b, char *buf, size_t n)
{
	if (!b->has_counts) {
		buf[0] = '\0';
		return;
	}
	size_t len;
	int i;

	snprintf(buf, n, _("open %lld  overdue %lld  due soon %lld"),
	    (long long)b->counts.open, (long long)b->counts.overdue,
	    (long long)b->counts.due_soon);
	for (i = 0; b->cls->more_counts != NULL &&
	    b->cls->more_counts[i] != NULL && i < BOARD_MORE_COUNTS; i++) {
		len = strlen(buf);
		if (len + 2 >= n)
			return;
		snprintf(buf + len, n - len, "  ");
		text_fill(buf + len + 2, n - len - 2, _(b->cls->more_counts[i]),
		    b->counts.more[i], NULL);
	}
}

/* What a picker of a filter carries to its answer. */
struct filter_pick {
	struct board	*b;
	int		 i;
	const char *const *items;
	bool		 literal;
};

/* Sets filter i's state to choice (its value and its words). */
static void
choose(struct ui *ui, struct board *b, int i, int choice,
    const char *const *items, bool literal)
{
	const struct board_filter *f = &b->cls->filters[i];
	struct board_filter_state *s = &b->fs[i];

	s->choice = choice;
	if (choice == 0) {
		s->value = BOARD_ALL;
		s->label[0] = '\0';
	} else {
		s->value = f->value != NULL ? f->value(ui, b, choice) :
		    choice - 1;
		if (f->choice_label != NULL)
			f->choice_label(ui, b, choice, s->label,
			    sizeof(s->label));
		else
			snprintf(s->label, sizeof(s->label), "%s", literal ?
			    items[choice] : _(items[choice]));
	}
}

static void
set_filter(struct ui *ui, struct board *b, int i, int choice,
    const char *const *items, bool literal)
{
	choose(ui, b, i, choice, items, literal);
	board_reload(ui, b, false, 0);	/* a new view: from its first row */
}

/* A filter's starting choice (before the first load). */
static void
start_filter(struct ui *ui, struct board *b, int i)
{
	const struct board_filter *f = &b->cls->filters[i];
	const char *const *items = NULL;
	bool literal = false;
	int c, n;

	if (f->initial == NULL || (c = f->initial(ui, b)) <= 0)
		return;
	n = f->items(ui, b, &items, &literal);
	if (c < n)
		choose(ui, b, i, c, items, literal);
}

static void
filter_chosen(struct ui *ui, void *arg, unsigned choice)
{
	struct filter_pick *p = arg;

	/* The board outlives its picker: a screen change closes dialogs. */
	set_filter(ui, p->b, p->i, (int)choice, p->items, p->literal);
}

static unsigned
filter_act(struct ui *ui, struct board *b, int i)
{
	const struct board_filter *f = &b->cls->filters[i];
	const char *const *items = NULL;
	struct filter_pick *p;
	bool literal = false;
	int n;

	n = f->items(ui, b, &items, &literal);
	if (n <= 0)
		return DIRTY_ALL;		/* the callback said why */
	if (f->toggle) {
		set_filter(ui, b, i, b->fs[i].choice ? 0 : 1, items, literal);
		return DIRTY_ALL;
	}
	p = xcalloc(1, sizeof(*p));
	p->b = b;
	p->i = i;
	p->items = items;
	p->literal = literal;
	ui_pick(ui, _("Show"), items, n, literal ? PICK_LITERAL : 0,
	    (unsigned)b->fs[i].choice, filter_chosen, p);
	return DIRTY_ALL;
}

/* ---- the flow of a move ---- */

/* The current screen reloads what it shows (a move was made). */
static void
reload_screen(struct ui *ui, const struct screen *s)
{
	if (ui->screen == s && s->changed != NULL)
		s->changed(ui);
}

static void run_move(struct ui *, void *);

/*
 * Someone else moved the record first: say who and when in the board's
 * words (the core's when it names who took it for whom).
 */
static void
conflict_msg(struct ui *ui, const struct board_target *t,
    const struct kf_err *err)
{
	char when[32], what[128];

	if (t->mv->core_words) {
		ui_err(ui, err);
		return;
	}
	kf_time_local(err->conflict.at, when, sizeof(when));
	text_fill(what, sizeof(what), _(t->screen_noun), t->id, NULL);
	ui_msg(ui, MSG_ERROR, _("%s changed %s at %s first; nothing was "
	    "changed."), err->conflict.by, what, when + 11);
}

static void
run_move(struct ui *ui, void *arg)
{
	const struct board_target *t = arg;
	struct kf_err err;
	char msg[256];
	enum kf_rc rc;

	kf_err_clear(&err);
	rc = t->mv->run(ui, t, &err);
	if (rc == KF_OK) {
		if (t->done != NULL) {
			text_fill(msg, sizeof(msg), _(t->done), t->id, NULL);
			ui_msg(ui, MSG_INFO, "%s", msg);
		}
	} else if (rc == KF_CONFLICT)
		conflict_msg(ui, t, &err);
	else if (rc != KF_BUSY || !ui_retry_later(ui, run_move, t, sizeof(*t),
	    &err))
		ui_err(ui, &err);
	reload_screen(ui, t->screen);	/* show how it is now */
}

static void
ask_or_run(struct ui *ui, const struct board_target *t)
{
	struct board_target *c = xmalloc(sizeof(*c));
	const char *ask = t->question;
	char q[512];

	*c = *t;
	if (ask == NULL) {
		run_move(ui, c);
		free(c);
		return;
	}
	text_fill(q, sizeof(q), _(ask), t->id, t->words);
	ui_confirm(ui, q, run_move, c);		/* the dialog owns c */
}

/* A pick before the move: what it carries to the answer. */
struct move_pick {
	struct board		*b;
	struct board_target	 t;
};

static void
move_picked(struct ui *ui, void *arg, unsigned choice)
{
	struct move_pick *p = arg;

	p->t.arg = p->t.mv->picked(ui, p->b, (int)choice);
	if (p->t.arg == BOARD_ALL)
		return;				/* the callback said why */
	ask_or_run(ui, &p->t);
}

static unsigned
move_act(struct ui *ui, struct board *b, int i)
{
	const struct board_move *m = &b->cls->moves[i];
	const void *row = board_row(b);
	const char *title = NULL;
	const char *const *items = NULL;
	struct board_target t;
	struct move_pick *p;
	struct kf_err err;
	struct form *f;
	bool literal = false;
	int n;

	if (row == NULL && !m->no_row)
		return 0;			/* nothing chosen */
	if (row != NULL && m->core >= 0 && b->cls->may != NULL) {
		kf_err_clear(&err);
		if (b->cls->may(ui, row, m->core, &err) != KF_OK) {
			ui_err(ui, &err);	/* refused at the key */
			return DIRTY_ALL;
		}
	}
	if (m->form != NULL && (m->use_form == NULL || m->use_form(b, row))) {
		if ((f = m->form(ui, b, m, m->no_row ? NULL : row)) != NULL)
			ui_open_form(ui, f);
		return DIRTY_ALL;
	}
	if (m->open != NULL)
		return m->open(ui, b, m->no_row ? NULL : row) | DIRTY_ALL;
	memset(&t, 0, sizeof(t));
	t.mv = m;
	t.screen = ui->screen;
	t.screen_noun = b->cls->noun;
	t.done = m->done;
	t.question = m->question;
	if (row != NULL) {
		/* The row's words now: a reload under an open picker may
		 * put another row under the cursor. */
		if (b->cls->words != NULL)
			snprintf(t.words, sizeof(t.words), "%s",
			    b->cls->words(row));
		if (m->question_for != NULL)
			t.question = m->question_for(row);
		t.id = b->cls->id(row);
		t.version = b->cls->version != NULL ? b->cls->version(row) : -1;
		if (m->done_for != NULL)
			t.done = m->done_for(row);
		if (m->arg_for != NULL)
			t.arg = m->arg_for(row);
	}
	if (m->pick == NULL) {
		ask_or_run(ui, &t);
		return DIRTY_ALL;
	}
	n = m->pick(ui, b, row, &title, &items, &literal);
	if (n <= 0)
		return DIRTY_ALL;		/* the callback said why */
	p = xcalloc(1, sizeof(*p));
	p->b = b;
	p->t = t;
	ui_pick(ui, title, items, n, literal ? PICK_LITERAL : 0, 0,
	    move_picked, p);
	return DIRTY_ALL;
}

unsigned
board_act(struct ui *ui, struct board *b, enum command act, int arg)
{
	unsigned d;

	switch (act) {
	case CMD_MOVE:
		return move_act(ui, b, arg);
	case CMD_BFILTER:
		return filter_act(ui, b, arg);
	case CMD_FILTER:
		if (b->cls->search_help == NULL)
			return 0;
		lv_act(ui, &b->lv, CMD_FILTER);
		return DIRTY_ALL;
	case CMD_UP: case CMD_DOWN: case CMD_PGUP: case CMD_PGDN:
	case CMD_TOP: case CMD_BOTTOM:
		d = lv_act(ui, &b->lv, act);
		if (d != 0) {
			b->next_change = next_change(b, kf_core_now(ui->k));
			offer(ui, b);
		}
		return d;
	default:
		return 0;
	}
}

/* ---- the search line (invariant 4) ---- */

const char *
board_search(const struct board *b)
{
	return b->lv.filter_text != NULL ? b->lv.filter_text : "";
}

unsigned
board_key(struct ui *ui, struct board *b, struct key k)
{
	char *before;
	unsigned d = 0;

	if (b->cls == NULL || !b->lv.filtering)
		return 0;
	before = xstrdup(board_search(b));
	if (!lv_filter_key(ui, &b->lv, k, &d)) {
		free(before);
		return 0;		/* an arrow: the list has it */
	}
	/* listview fetched the rows for the new text; the counts follow. */
	if (strcmp(before, board_search(b)) != 0)
		after_load(ui, b);
	else
		offer(ui, b);		/* the cursor may have moved */
	free(before);
	return d | DIRTY_ALL;
}

bool
board_search_draw(struct board *b, int y, int x, int w, bool focus)
{
	size_t first, count;
	int col;

	if (!b->lv.filtering && board_search(b)[0] == '\0')
		return false;
	attron(theme(C_TITLE));
	mvaddstr(y, x, "/");
	attroff(theme(C_TITLE));
	/* The editor holds no control characters (lineedit (2)). */
	col = lineedit_view(&b->lv.filter, w - 2, &first, &count);
	move(y, x + 1);
	addnwstr(b->lv.filter.buf + first, (int)count);
	for (int c = lineedit_width(&b->lv.filter, first, first + count);
	    c < w - 1; c++)
		addch(' ');
	if (b->lv.filtering && focus) {
		move(y, x + 1 + col);
		curs_set(1);
	}
	return true;
}

/* ---- lists the core does not page ---- */

void
board_slice(const struct board_class *cls, void *v, size_t n,
    enum kf_page dir, const void *anchor, int limit, size_t *out_n)
{
	size_t at = n, from = 0, to, i, sz = cls->row_size;
	char *p = v;

	if (anchor != NULL)
		for (i = 0; i < n && at == n; i++)
			if (cls->id(p + i * sz) == cls->id(anchor))
				at = i;
	switch (dir) {
	case KF_PAGE_LAST:
		from = n > (size_t)limit ? n - (size_t)limit : 0;
		break;
	case KF_PAGE_AFTER:
		from = at < n ? at + 1 : n;
		break;
	case KF_PAGE_BEFORE:
		from = at < n && at > (size_t)limit ? at - (size_t)limit : 0;
		if (at == n)
			from = n;
		break;
	case KF_PAGE_FROM:
		from = at < n ? at : 0;
		break;
	default:
		break;
	}
	to = from + (size_t)limit;
	if (dir == KF_PAGE_BEFORE && at < n)
		to = at;
	if (to > n)
		to = n;
	for (i = 0; i < n; i++)
		if (i < from || i >= to)
			cls->clear_row(p + i * sz);
	if (from > 0 && to > from)
		memmove(p, p + from * sz, (to - from) * sz);
	*out_n = to > from ? to - from : 0;
}

/* ---- drafts ---- */

bool
board_owns_draft(const struct board_class *cls, const char *key,
    const char **title)
{
	const struct board_move *m;

	for (m = cls->moves; m != NULL && m->keyname != NULL; m++)
		if (m->draft != NULL && strcmp(m->draft, key) == 0) {
			*title = m->draft_title;
			return true;
		}
	return false;
}

bool
board_restore(struct ui *ui, struct board *b, const struct kf_draft *d)
{
	const struct board_move *m;
	struct kf_err err;
	struct form *f;
	void *row = NULL;
	const char *v;
	size_t i;

	for (m = b->cls->moves; m != NULL && m->keyname != NULL; m++)
		if (m->draft != NULL && m->form != NULL &&
		    strcmp(m->draft, d->form) == 0 &&
		    (d->record_id <= 0) == m->no_row)
			break;
	if (m == NULL || m->keyname == NULL)
		return false;
	if (d->record_id > 0) {
		row = xcalloc(1, b->cls->row_size);
		kf_err_clear(&err);
		if (b->cls->get(ui, d->record_id, row, &err) != KF_OK) {
			/* Gone, or no longer theirs (reassigned): say so,
			 * and do not offer it again at every login. */
			ui_err(ui, &err);
			kf_draft_drop(ui->k, d->form, d->record_id, NULL);
			free(row);
			return true;
		}
	}
	f = m->form(ui, b, m, row);
	if (row != NULL) {
		b->cls->clear_row(row);
		free(row);
	}
	if (f == NULL)
		return true;
	if (d->record_id < 0)		/* of no record: this draft goes on */
		f->record_id = d->record_id;
	for (i = 0; i < d->nfields; i++)
		form_set(f, d->names[i], d->values[i]);
	/* The version typed against: a change made while the person was
	 * away still shows as a conflict when they save. */
	if ((v = kf_draft_get(d, "_version")) != NULL &&
	    strtoll(v, NULL, 10) > 0)
		f->seen_version = strtoll(v, NULL, 10);
	if (f->on_change != NULL && f->n > 0)
		f->on_change(ui, f, &f->f[0]);
	f->dirty = f->touched = true;
	ui_open_form(ui, f);
	ui_msg(ui, MSG_INFO, "%s", _("Your unsaved input is back."));
	return true;
}

/* ---- drawing ---- */

/* The row's colour by its clock: red, yellow, dim, or none. */
static attr_t
clock_attr(struct ui *ui, const struct board *b, const void *row)
{
	int64_t due;

	if (b->cls->clock == NULL)
		return 0;
	switch (b->cls->clock(row, &due)) {
	case BOARD_CLOCK_RUNS:
		if (kf_core_now(ui->k) > due)
			return theme(C_ERROR);
		if (due - kf_core_now(ui->k) <= BOARD_SOON_S)
			return theme(C_WARN);
		return 0;
	case BOARD_CLOCK_WAITS:
		return theme(C_DIM);
	default:
		return 0;
	}
}

/* A column's width now: its labels' widest in the UI language (at most
 * its width, when it has one), or fixed. */
static int
col_width(const struct board_col *c)
{
	int w, i, lw;

	if (c->label == NULL)
		return c->width;
	w = text_width(_(c->title));
	for (i = 0; i < c->nlabels; i++)
		if ((lw = text_width(_(c->label(i)))) > w)
			w = lw;
	return c->width > 0 && w > c->width ? c->width : w;	/* at most */
}

/* Draws one line of cells (a row, or the header when row is NULL). */
static void
draw_line(struct ui *ui, struct board *b, int y, const void *row, bool sel)
{
	const struct board_col *c;
	attr_t a = row != NULL ? clock_attr(ui, b, row) : A_BOLD, ca;
	char buf[1024];
	int x = 1, w;

	for (c = b->cls->cols; c->title != NULL; c++) {
		if (!in_view(c->views, b->view))
			continue;
		w = col_width(c) ? col_width(c) : COLS - 1 - x;
		if (w <= 0)
			break;
		b->cell_w = w;
		if (row != NULL && c->text != NULL)
			c->text(ui, b, row, buf, sizeof(buf));
		else if (row != NULL) {		/* a string member */
			const char *v = *(char *const *)((const char *)row +
			    c->str - 1);

			snprintf(buf, sizeof(buf), "%s", v != NULL ? v : "");
		}
		else
			snprintf(buf, sizeof(buf), "%s", _(c->title));
		/* The chosen row keeps a warning in its clock column. */
		ca = sel && !(c->clock && a != 0 && a != theme(C_DIM)) ?
		    theme(C_SEL) : a;
		attron(ca);
		if (c->right && text_width(buf) < w) {	/* figures line up */
			x += draw_text(stdscr, y, x, "", w - text_width(buf),
			    true);
			w = text_width(buf);
		}
		x += draw_text_cut(stdscr, y, x, buf, w, true);
		if (col_width(c))
			x += draw_text(stdscr, y, x, " ", 1, false);
		attroff(ca);
		if (x >= COLS - 1)
			break;
	}
}

void
board_draw(struct ui *ui, struct board *b, int y, int h, bool focus)
{
	size_t i;
	int rows = board_rows(h);

	draw_line(ui, b, y, NULL, false);
	if (b->lv.nrows == 0 && b->cls->empty != NULL) {
		attron(theme(C_DIM));
		draw_text(stdscr, y + 1, 1, _(b->cls->empty), COLS - 2, true);
		attroff(theme(C_DIM));
	}
	for (i = 0; i < b->lv.nrows && (int)i < rows; i++)
		draw_line(ui, b, y + 1 + (int)i, row_at(b, i),
		    focus && i == b->lv.sel);
}

/* ---- a screen that is its board (board.h) ---- */

static struct board *
screen_board(const struct ui *ui)
{
	return ui->state;	/* the view state begins with its board */
}

unsigned
board_screen_act(struct ui *ui, enum command act, int arg)
{
	return board_act(ui, screen_board(ui), act, arg);
}

unsigned
board_screen_key(struct ui *ui, struct key k)
{
	return board_key(ui, screen_board(ui), k);
}

unsigned
board_screen_tick(struct ui *ui)
{
	return board_tick(ui, screen_board(ui));
}

void
board_screen_restore(struct ui *ui, const struct kf_draft *d)
{
	board_restore(ui, screen_board(ui), d);
}

const struct binding *
board_screen_keys(const struct ui *ui)
{
	const struct board *b = screen_board(ui);

	return b != NULL ? board_keys(b) : NULL;
}
