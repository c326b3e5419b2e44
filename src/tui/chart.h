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
 */
#ifndef KEFU_CHART_H
#define KEFU_CHART_H

#include <stdbool.h>
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

#endif
