/*
 * listview.c — a scrolling list that holds one page of rows and fetches
 * neighbours by keyset (the row at the edge is the anchor), so it never
 * loads a whole table and stays instant at a million rows. A filter typed
 * after "/" re-fetches as each character arrives.
 *
 * Invariants: nrows <= height after every fetch; sel < nrows unless
 * nrows == 0 (then sel == 0); at_top is true when no row sorts before the
 * page's first row (then a refresh starts from the top, so a new row that
 * sorts first appears).
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/util.h"
#include "tui.h"

void
lv_init(struct listview *lv, const struct lv_source *src)
{
	memset(lv, 0, sizeof(*lv));
	lv->src = src;
	lineedit_init(&lv->filter, 64);
	lv->filter_text = xstrdup("");
}

static void
drop_rows(struct listview *lv)
{
	if (lv->rows != NULL)
		lv->src->free_rows(lv->rows, lv->nrows);
	lv->rows = NULL;
	lv->nrows = 0;
}

void
lv_free(struct listview *lv)
{
	drop_rows(lv);
	lineedit_free(&lv->filter);
	free(lv->filter_text);
}

static const void *
row(const struct listview *lv, size_t i)
{
	return (const char *)lv->rows + i * lv->src->row_size;
}

const void *
lv_selected(const struct listview *lv)
{
	return lv->nrows ? row(lv, lv->sel) : NULL;
}

/*
 * Fetches a page; on success replaces the rows (unless keep_if_empty and
 * the page is empty: scrolling past the end keeps what is shown).
 */
static enum kf_rc
fetch(struct ui *ui, struct listview *lv, enum kf_page dir, const void *anchor,
    bool keep_if_empty)
{
	struct kf_err err;
	void *rows = NULL;
	size_t n = 0;
	enum kf_rc rc;

	kf_err_clear(&err);
	rc = lv->src->fetch(ui, lv, lv->filter_text, dir, anchor, lv->height, &rows,
	    &n, &err);
	if (rc != KF_OK) {
		ui_err(ui, &err);
		return rc;
	}
	if (n == 0 && keep_if_empty) {
		lv->src->free_rows(rows, n);
		return KF_NOTFOUND;
	}
	drop_rows(lv);
	lv->rows = rows;
	lv->nrows = n;
	return KF_OK;
}

enum kf_rc
lv_load(struct ui *ui, struct listview *lv, int height)
{
	enum kf_rc rc;

	lv->height = height < 1 ? 1 : height;
	rc = fetch(ui, lv, KF_PAGE_FIRST, NULL, false);
	lv->sel = 0;
	lv->at_top = true;
	return rc;
}

/* Fetches up to limit rows next to anchor without touching the page. */
static size_t
peek(struct ui *ui, struct listview *lv, enum kf_page dir, const void *anchor,
    int limit, void **rows)
{
	struct kf_err err;
	size_t n = 0;

	*rows = NULL;
	kf_err_clear(&err);
	if (lv->src->fetch(ui, lv, lv->filter_text, dir, anchor, limit, rows, &n,
	    &err) != KF_OK) {
		ui_err(ui, &err);
		return 0;
	}
	return n;
}

/* Sets at_top: whether any row sorts before the page's first row. */
static void
check_top(struct ui *ui, struct listview *lv)
{
	void *more;
	size_t n;

	if (lv->nrows == 0) {
		lv->at_top = true;
		return;
	}
	n = peek(ui, lv, KF_PAGE_BEFORE, row(lv, 0), 1, &more);
	if (more != NULL)
		lv->src->free_rows(more, n);
	lv->at_top = n == 0;
}

/*
 * Anchors passed to fetch() may point into the current page: fetch() asks
 * the source first and drops the old page only afterwards.
 */
unsigned
lv_act(struct ui *ui, struct listview *lv, enum command act)
{
	void *more;
	size_t n;

	switch (act) {
	case CMD_UP:
		if (lv->sel > 0) {
			lv->sel--;
			return DIRTY_BODY;
		}
		if (lv->nrows == 0)
			return 0;
		/* At the top row: scroll back by one if there is a row. */
		n = peek(ui, lv, KF_PAGE_BEFORE, row(lv, 0), 1, &more);
		if (n == 1)
			fetch(ui, lv, KF_PAGE_FROM, more, false);
		if (more != NULL)
			lv->src->free_rows(more, n);
		lv->sel = 0;
		check_top(ui, lv);
		return n ? DIRTY_BODY : 0;
	case CMD_DOWN:
		if (lv->sel + 1 < lv->nrows) {
			lv->sel++;
			return DIRTY_BODY;
		}
		if (lv->nrows < (size_t)lv->height)
			return 0;	/* the page is not full: the end */
		n = peek(ui, lv, KF_PAGE_AFTER, row(lv, lv->nrows - 1), 1, &more);
		if (more != NULL)
			lv->src->free_rows(more, n);
		if (n == 0)
			return 0;
		fetch(ui, lv, lv->nrows > 1 ? KF_PAGE_FROM : KF_PAGE_AFTER,
		    row(lv, lv->nrows > 1 ? 1 : 0), false);
		lv->sel = lv->nrows ? lv->nrows - 1 : 0;
		lv->at_top = false;
		return DIRTY_BODY;
	case CMD_PGDN:
		if (lv->nrows == 0)
			return 0;
		if (lv->nrows < (size_t)lv->height ||
		    fetch(ui, lv, KF_PAGE_AFTER, row(lv, lv->nrows - 1), true) !=
		    KF_OK) {
			lv->sel = lv->nrows - 1;
			return DIRTY_BODY;
		}
		lv->sel = 0;
		if (lv->nrows < (size_t)lv->height) {
			/* The last page, short: show a whole page that ends
			 * there, the cursor on the first row not seen before. */
			n = lv->nrows;
			fetch(ui, lv, KF_PAGE_LAST, NULL, false);
			lv->sel = lv->nrows > n ? lv->nrows - n : 0;
			check_top(ui, lv);
			return DIRTY_BODY;
		}
		lv->at_top = false;
		return DIRTY_BODY;
	case CMD_PGUP:
		if (lv->nrows == 0)
			return 0;
		if (fetch(ui, lv, KF_PAGE_BEFORE, row(lv, 0), true) != KF_OK) {
			lv->sel = 0;
			lv->at_top = true;
			return DIRTY_BODY;
		}
		if (lv->nrows < (size_t)lv->height)	/* short: top it up */
			fetch(ui, lv, KF_PAGE_FIRST, NULL, false);
		lv->sel = 0;
		check_top(ui, lv);
		return DIRTY_BODY;
	case CMD_TOP:
		fetch(ui, lv, KF_PAGE_FIRST, NULL, false);
		lv->sel = 0;
		lv->at_top = true;
		return DIRTY_BODY;
	case CMD_BOTTOM:
		fetch(ui, lv, KF_PAGE_LAST, NULL, false);
		lv->sel = lv->nrows ? lv->nrows - 1 : 0;
		check_top(ui, lv);
		return DIRTY_BODY;
	case CMD_FILTER:
		lv->filtering = true;
		lineedit_set(&lv->filter, lv->filter_text);
		return DIRTY_BODY;
	default:
		return 0;
	}
}

static void
apply_filter(struct ui *ui, struct listview *lv)
{
	free(lv->filter_text);
	lv->filter_text = lineedit_text(&lv->filter);
	fetch(ui, lv, KF_PAGE_FIRST, NULL, false);
	lv->sel = 0;
	lv->at_top = true;
}

bool
lv_filter_key(struct ui *ui, struct listview *lv, struct key k,
    unsigned *dirty)
{
	struct lineedit *e = &lv->filter;

	if (!lv->filtering)
		return false;
	*dirty = DIRTY_BODY;
	if (!k.fn) {
		switch (k.ch) {
		case 27:			/* Esc: clear and leave */
			lineedit_set(e, "");
			lv->filtering = false;
			apply_filter(ui, lv);
			return true;
		case '\r': case '\n':		/* Enter: keep and leave */
			lv->filtering = false;
			return true;
		case 127: case 8:
			if (lineedit_backspace(e))
				apply_filter(ui, lv);
			return true;
		case 21:			/* Ctrl-U */
			lineedit_kill_to_start(e);
			apply_filter(ui, lv);
			return true;
		default:
			if (k.ch >= 0x20 && lineedit_insert(e, (wchar_t)k.ch))
				apply_filter(ui, lv);
			return true;
		}
	}
	switch (k.ch) {
	case KEY_BACKSPACE:
		if (lineedit_backspace(e))
			apply_filter(ui, lv);
		return true;
	case KEY_LEFT:	lineedit_left(e); return true;
	case KEY_RIGHT:	lineedit_right(e); return true;
	case KEY_DOWN: case KEY_UP: case KEY_NPAGE: case KEY_PPAGE:
		lv->filtering = false;	/* let the list have it */
		*dirty = 0;
		return false;
	default:
		return true;
	}
}

void
lv_refresh(struct ui *ui, struct listview *lv)
{
	void *rows = NULL;
	size_t n, i, sel = 0;

	if (lv->nrows == 0) {
		fetch(ui, lv, KF_PAGE_FIRST, NULL, false);
		lv->sel = 0;
		lv->at_top = true;
		return;
	}
	/* The page again from its first row — or from the start when it
	 * began there (a new row may sort first) or that row is gone — with
	 * the cursor kept on the same record. */
	n = lv->at_top ? 0 : peek(ui, lv, KF_PAGE_FROM, row(lv, 0), lv->height,
	    &rows);
	if (n == 0) {
		if (rows != NULL)
			lv->src->free_rows(rows, n);
		n = peek(ui, lv, KF_PAGE_FIRST, NULL, lv->height, &rows);
	}
	for (i = 0; i < n; i++)
		if (lv->src->same((const char *)rows + i * lv->src->row_size,
		    row(lv, lv->sel)))
			sel = i;
	drop_rows(lv);
	lv->rows = rows;
	lv->nrows = n;
	lv->sel = sel;
}

void
lv_draw(struct ui *ui, struct listview *lv, WINDOW *w, int y, int x, int width,
    int height, const char *header)
{
	size_t first, count, i;
	int col, r;

	if (lv->filtering || lv->filter_text[0]) {
		wattron(w, theme(C_TITLE));
		mvwaddstr(w, y, x, "/");
		wattroff(w, theme(C_TITLE));
		/* The editor holds no control characters (lineedit (2)). */
		col = lineedit_view(&lv->filter, width - 2, &first, &count);
		wmove(w, y, x + 1);
		waddnwstr(w, lv->filter.buf + first, (int)count);
		wclrtoeol(w);
		if (lv->filtering) {
			wmove(w, y, x + 1 + col);
			curs_set(1);
		}
		y++;
		height--;
	}
	/* The header row: drawn here, or left free for the screen's own. */
	if (header != NULL) {
		wattron(w, A_BOLD);
		draw_text(w, y, x, header, width, true);
		wattroff(w, A_BOLD);
	}
	y++;
	height--;
	for (r = 0; r < height; r++) {
		wmove(w, y + r, x);
		if ((size_t)r >= lv->nrows) {
			wclrtoeol(w);
			continue;
		}
		i = (size_t)r;
		if (i == lv->sel)
			wattron(w, theme(C_SEL));
		lv->src->draw_row(ui, w, y + r, x, width, row(lv, i));
		if (i == lv->sel)
			wattroff(w, theme(C_SEL));
	}
	if (lv->nrows == 0) {
		wattron(w, theme(C_DIM));
		draw_text(w, y, x + 2, lv->filter_text[0] ?
		    _("(nothing matches the filter)") : _("(empty)"), width - 2,
		    false);
		wattroff(w, theme(C_DIM));
	}
}
