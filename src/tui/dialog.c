/*
 * dialog.c — small modal dialogs drawn over everything: a yes/no
 * confirmation and a picker (one or several of a list). A dialog takes
 * every key until it closes; the screen beneath is drawn first, then the
 * dialog on top (as ncdu's pop-ups do).
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/util.h"
#include "tui.h"

enum dialog_kind { D_CONFIRM, D_PICK };

struct dialog {
	enum dialog_kind	 kind;
	char			*text;		/* question or title */
	confirm_fn		 on_yes;
	confirm_fn		 on_no;
	pick_fn			 on_pick;
	void			*arg;
	const char *const	*items;
	int			 n;
	int			 sel;
	int			 top;		/* first item shown */
	bool			 multi;
	bool			 literal;	/* items are names, not gettext ids */
	unsigned		 mask;
};

static void
close_dialog(struct ui *ui)
{
	struct dialog *d = ui->dialog;

	if (d == NULL)
		return;
	free(d->text);
	free(d->arg);
	free(d);
	ui->dialog = NULL;
}

/* The items a picker shows at once (the rest scroll). */
static int
pick_rows(const struct dialog *d)
{
	int rows = d->n < LINES - 8 ? d->n : LINES - 8;

	return rows < 1 ? 1 : rows;
}

/* Keeps the choice in view after it moved. */
static void
pick_scroll(struct dialog *d)
{
	int rows = pick_rows(d);

	if (d->sel < d->top)
		d->top = d->sel;
	else if (d->sel >= d->top + rows)
		d->top = d->sel - rows + 1;
}

void
ui_confirm2(struct ui *ui, const char *question, confirm_fn yes,
    confirm_fn no, void *arg)
{
	struct dialog *d = xcalloc(1, sizeof(*d));

	close_dialog(ui);
	d->kind = D_CONFIRM;
	d->text = xstrdup(question);
	d->on_yes = yes;
	d->on_no = no;
	d->arg = arg;
	ui->dialog = d;
}

void
ui_confirm(struct ui *ui, const char *question, confirm_fn fn, void *arg)
{
	ui_confirm2(ui, question, fn, NULL, arg);
}

void
ui_pick(struct ui *ui, const char *title, const char *const *items, int n,
    unsigned flags, unsigned initial, pick_fn fn, void *arg)
{
	bool multi = (flags & PICK_MULTI) != 0;
	struct dialog *d = xcalloc(1, sizeof(*d));

	close_dialog(ui);
	d->kind = D_PICK;
	d->text = xstrdup(title);
	d->on_pick = fn;
	d->arg = arg;
	d->items = items;
	d->n = n;
	d->multi = multi;
	d->literal = (flags & PICK_LITERAL) != 0;
	d->mask = initial;
	if (!multi && initial < (unsigned)n)
		d->sel = (int)initial;
	pick_scroll(d);
	ui->dialog = d;
}

void
dialog_free(struct ui *ui)
{
	close_dialog(ui);
}

static unsigned
confirm_key(struct ui *ui, struct dialog *d, struct key k)
{
	confirm_fn fn = d->on_yes;
	void *arg = d->arg;

	if (k.fn)
		return 0;
	switch (k.ch) {
	case 'y': case 'Y':		/* only y: Enter is too easily hit */
		d->arg = NULL;		/* fn gets it; we free it after */
		close_dialog(ui);
		fn(ui, arg);
		free(arg);
		return DIRTY_ALL;
	case 27:			/* Esc: not now; nothing happens */
		close_dialog(ui);
		ui_msg(ui, MSG_INFO, "%s", _("Cancelled; nothing was changed."));
		return DIRTY_ALL;
	case 'n': case 'N':
		fn = d->on_no;
		d->arg = NULL;
		close_dialog(ui);
		if (fn != NULL)
			fn(ui, arg);
		else
			ui_msg(ui, MSG_INFO, "%s",
			    _("Cancelled; nothing was changed."));
		free(arg);
		return DIRTY_ALL;
	default:
		return DIRTY_BODY;	/* swallow other keys */
	}
}

static unsigned pick_act(struct ui *, struct dialog *, struct key);

static unsigned
pick_key(struct ui *ui, struct dialog *d, struct key k)
{
	unsigned dirty = pick_act(ui, d, k);

	if (ui->dialog == d)
		pick_scroll(d);
	return dirty;
}

static unsigned
pick_act(struct ui *ui, struct dialog *d, struct key k)
{
	pick_fn fn = d->on_pick;
	void *arg = d->arg;
	unsigned choice;

	if (k.fn) {
		if (k.ch == KEY_UP && d->sel > 0)
			d->sel--;
		else if (k.ch == KEY_DOWN && d->sel < d->n - 1)
			d->sel++;
		else if (k.ch == KEY_PPAGE)
			d->sel = d->sel > 10 ? d->sel - 10 : 0;
		else if (k.ch == KEY_NPAGE)
			d->sel = d->sel + 10 < d->n ? d->sel + 10 : d->n - 1;
		else if (k.ch == KEY_HOME)
			d->sel = 0;
		else if (k.ch == KEY_END)
			d->sel = d->n - 1;
		else if (k.ch == KEY_ENTER)
			goto choose;
		return DIRTY_BODY;
	}
	switch (k.ch) {
	case 'k':
		if (d->sel > 0)
			d->sel--;
		return DIRTY_BODY;
	case 'j':
		if (d->sel < d->n - 1)
			d->sel++;
		return DIRTY_BODY;
	case ' ':
		if (d->multi) {
			d->mask ^= 1u << d->sel;
			return DIRTY_BODY;
		}
		goto choose;
	case '\r': case '\n':
		goto choose;
	case 27:
		close_dialog(ui);
		return DIRTY_ALL;
	default:
		return DIRTY_BODY;
	}
choose:
	choice = d->multi ? d->mask : (unsigned)d->sel;
	d->arg = NULL;
	close_dialog(ui);
	fn(ui, arg, choice);
	free(arg);
	return DIRTY_ALL;
}

unsigned
dialog_key(struct ui *ui, struct key k)
{
	struct dialog *d = ui->dialog;

	if (d == NULL)
		return 0;
	return d->kind == D_CONFIRM ? confirm_key(ui, d, k) : pick_key(ui, d, k);
}

void
dialog_draw(struct ui *ui)
{
	struct dialog *d = ui->dialog;
	int w, h, y, x, i, rows;
	char line[512];

	if (d == NULL)
		return;
	curs_set(0);
	if (d->kind == D_CONFIRM) {
		int lines;

		w = text_width(d->text) + 6;
		if (w < 40)
			w = 40;
		if (w > COLS - 4)
			w = COLS - 4;
		lines = text_lines(d->text, w - 4);
		if (lines > LINES - 8)
			lines = LINES - 8;
		h = lines + 4;
		y = (LINES - h) / 2;
		x = (COLS - w) / 2;
		draw_box(stdscr, y, x, h, w, _("Confirm"));
		draw_wrapped(stdscr, y + 1, x + 2, d->text, w - 4, lines);
		wattron(stdscr, A_BOLD);
		draw_text(stdscr, y + h - 2, x + 2, d->on_no != NULL ?
		    _("y: yes    n: no    Esc: later") : _("y: yes    n/Esc: no"),
		    w - 4, false);
		wattroff(stdscr, A_BOLD);
		return;
	}
	/* A long list scrolls; the choice stays in view. As wide as its
	 * widest item (40 at least, the screen at most: then cut with …). */
	rows = pick_rows(d);
	w = 40;
	for (i = 0; i < d->n; i++) {
		int iw = text_width(d->literal ? d->items[i] : _(d->items[i])) +
		    (d->multi ? 8 : 4);

		if (iw > w)
			w = iw;
	}
	if (w > COLS - 4)
		w = COLS - 4;
	h = rows + 4;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	draw_box(stdscr, y, x, h, w, d->text);
	for (i = d->top; i < d->n && i < d->top + rows; i++) {
		const char *item = d->literal ? d->items[i] : _(d->items[i]);

		if (d->multi)
			snprintf(line, sizeof(line), "[%c] %s",
			    d->mask & (1u << i) ? 'x' : ' ', item);
		else
			snprintf(line, sizeof(line), "%s", item);
		if (i == d->sel)
			wattron(stdscr, theme(C_SEL));
		draw_text_cut(stdscr, y + 1 + i - d->top, x + 2, line, w - 4, true);
		if (i == d->sel)
			wattroff(stdscr, theme(C_SEL));
	}
	wattron(stdscr, theme(C_DIM));
	draw_text(stdscr, y + h - 2, x + 2, d->multi ?
	    _("Space: tick  Enter: done  Esc: cancel") :
	    _("Enter: choose  Esc: cancel"), w - 4, false);
	wattroff(stdscr, theme(C_DIM));
}
