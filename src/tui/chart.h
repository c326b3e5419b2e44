/*
 * chart.h — the two pictures of the terminal UI, drawn with block
 * characters so they read in any UTF-8 terminal, in Chinese as in
 * English, at 80x24: horizontal bars (one per staff member or community)
 * and a column trend (twelve months). A chart draws only; it reads its
 * values from the caller and keeps nothing.
 *
 * Values are plain numbers (a rate's permille, a count, fen): the chart
 * scales them to full, the value of a whole bar or column (a rate's
 * 1000, so 16.6% is a sixth of the way however the others stand), or
 * when full is 0 to the largest; a value that has none (has false) is
 * drawn "—" with no bar, never as zero.
 *
 * The arithmetic and the layout (chart_*_geom, chart_bar_line,
 * chart_eighths, chart_column_cell) are pure: they touch no window, so
 * tests/unit/test_chart.c checks them; chart_bars and chart_trend only
 * put their results on the screen.
 */
#ifndef KEFU_CHART_H
#define KEFU_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui.h"

struct chart_item {
	const char	*label;		/* a name, or a month ("11") */
	bool		 has;
	int64_t		 value;		/* >= 0 drawn; below 0 as 0 */
	char		 text[32];	/* the value as shown ("87.5%") */
};

/*
 * Bars: one line each, from the first item, in h lines at (y, x) w
 * cells wide: the label cut to a column as wide as the widest (at most a
 * third of w), the bar in whole blocks and an eighth at its end
 * (▏▎▍▌▋▊▉█), then the value's text. Items beyond h lines are left out;
 * returns how many were drawn.
 */
int	chart_bars(WINDOW *win, int y, int x, int w, int h,
	    const struct chart_item *v, int n, int64_t full);

/*
 * The trend: n columns (oldest first) of height h - 1 lines, each column
 * a whole-cell stack topped by an eighth (▁▂▃▄▅▆▇█), the labels on the
 * line under them; the value of a whole column (full_text when full is
 * given, else the largest's text) at the left of the top line. At
 * least one cell per column; wider columns where w allows.
 */
void	chart_trend(WINDOW *win, int y, int x, int w, int h,
	    const struct chart_item *v, int n, int64_t full,
	    const char *full_text);

/*
 * The partial block of eighths e (0..8) of a bar (horizontal) or a
 * column (vertical), UTF-8: "" for 0. For the tests of the widget.
 */
const char *chart_eighth(bool vertical, int e);

/* ---- the arithmetic, without a window ---- */

/*
 * Keeps the items that have a value, in their order, at the front of v
 * (the others dropped: a person a figure is not about is left out of
 * its bars rather than drawn "—"); returns how many.
 */
int	chart_keep_valued(struct chart_item *v, int n);

/*
 * The value of a whole bar or column: full when it is above 0, else the
 * largest value of the items that have one (0 when none has).
 */
int64_t	chart_full(const struct chart_item *v, int n, int64_t full);

/*
 * How many eighths of a cell value fills out of cells whole cells for
 * max, rounded to the nearest eighth: 0 for a value of 0 or less (or no
 * max, no cells); a value above 0 shows at least one eighth (told from
 * nothing); at most cells * 8 (a value above max fills the bar).
 */
int	chart_eighths(int64_t value, int64_t max, int cells);

/*
 * The blocks of e eighths into buf (n bytes): e / 8 whole blocks and the
 * eighth left at the end, horizontal (▏..█) or vertical (▁..█); cut at
 * whole blocks when buf is short. Returns buf.
 */
char	*chart_blocks(bool vertical, int e, char *buf, size_t n);

/*
 * s as drawn in width cells: whole when it fits (padded with spaces to
 * width), else what fits whole in width - 1 cells, spaces, and "…" in
 * the last: a wide character (a Chinese name's) is never cut in half.
 * Into buf (n bytes); returns buf.
 */
char	*chart_label(const char *s, int width, char *buf, size_t n);

/* The columns of a bar chart w cells wide (chart_bars'). */
struct chart_bars_geom {
	int	 label_w;	/* the widest label, at most w / 3 */
	int	 text_w;	/* the widest value text */
	int	 bar_w;		/* a whole bar: w - label_w - text_w - 2, at
				 * most 100 (0 or less: no room) */
	int64_t	 max;		/* a whole bar's value (chart_full) */
};
void	chart_bars_geom(const struct chart_item *v, int n, int w,
	    int64_t full, struct chart_bars_geom *g);

/*
 * One bar line of item it under g: its label as drawn (chart_label to
 * g->label_w) into label, its bar's blocks (none without a value or
 * room) into bar, and *text the value's text, or "—" without a value
 * (never a zero). *text is it's own or a constant.
 */
void	chart_bar_line(const struct chart_bars_geom *g,
	    const struct chart_item *it, char *label, size_t ln, char *bar,
	    size_t bn, const char **text);

/* The layout of a trend w cells wide and h lines high (chart_trend's). */
struct chart_trend_geom {
	char	 top[64];	/* a whole column's value, at the top left */
	int	 gutter_w;	/* top's cells, at most w / 3 */
	int	 col_w;		/* cells from a column to the next: 1 to 6 */
	int	 block_w;	/* cells of blocks in a column: col_w - 1, or
				 * 1 for a column of one cell */
	int	 rows;		/* lines of columns: h - 1 */
	int64_t	 max;		/* a whole column's value (chart_full) */
};

/* False when there is nothing to draw (no item, no line for columns). */
bool	chart_trend_geom(const struct chart_item *v, int n, int w, int h,
	    int64_t full, const char *full_text, struct chart_trend_geom *g);

/* The height of item it's column in eighths of a line (0 without a
 * value). */
int	chart_column_eighths(const struct chart_trend_geom *g,
	    const struct chart_item *it);

/*
 * The cell at line r (0 the top) of a column e eighths high in rows
 * lines: "█" below its top, the eighth at its top, "" above it.
 */
const char *chart_column_cell(int e, int rows, int r);

#endif
