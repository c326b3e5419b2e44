/*
 * chart.c — bars and a trend in block characters (see chart.h). The
 * widths are display cells (text_width), so a Chinese name takes its two
 * cells per character and is never cut in half (draw_text_cut).
 */
#include <stdio.h>
#include <string.h>

#include "chart.h"

static const char *const horiz[9] = { "", "▏", "▎", "▍", "▌", "▋", "▊",
    "▉", "█" };
static const char *const vert[9] = { "", "▁", "▂", "▃", "▄", "▅", "▆",
    "▇", "█" };

const char *
chart_eighth(bool vertical, int e)
{
	if (e < 0)
		e = 0;
	if (e > 8)
		e = 8;
	return vertical ? vert[e] : horiz[e];
}

static int64_t
largest(const struct chart_item *v, int n, int64_t full)
{
	int64_t m = 0;
	int i;

	if (full > 0)
		return full;
	for (i = 0; i < n; i++)
		if (v[i].has && v[i].value > m)
			m = v[i].value;
	return m;
}

/* Eighths of cells out of cells * 8 for value of max (rounded; a value
 * above 0 shows at least one eighth, so it is told from nothing). */
static int
eighths(int64_t value, int64_t max, int cells)
{
	double e;

	if (value <= 0 || max <= 0 || cells <= 0)
		return 0;
	e = (double)value / (double)max * cells * 8 + 0.5;
	if (e < 1)
		e = 1;
	if (e > cells * 8)
		e = cells * 8;
	return (int)e;
}

int
chart_bars(WINDOW *win, int y, int x, int w, int h,
    const struct chart_item *v, int n, int64_t full)
{
	int lw = 0, tw = 0, bw, i, e, c, lx;
	int64_t max = largest(v, n, full);
	char bar[1024];
	size_t len;

	for (i = 0; i < n; i++) {
		if (text_width(v[i].label) > lw)
			lw = text_width(v[i].label);
		if (text_width(v[i].text) > tw)
			tw = text_width(v[i].text);
	}
	if (lw > w / 3)
		lw = w / 3;
	bw = w - lw - tw - 2;
	if (bw > 100)
		bw = 100;
	for (i = 0; i < n && i < h; i++) {
		draw_text_cut(win, y + i, x, v[i].label, lw, true);
		lx = x + lw + 1;
		len = 0;
		bar[0] = '\0';
		if (v[i].has && bw > 0) {
			e = eighths(v[i].value, max, bw);
			for (c = 0; c < e / 8 && len + 4 < sizeof(bar); c++)
				len += (size_t)snprintf(bar + len,
				    sizeof(bar) - len, "%s", horiz[8]);
			if (e % 8 != 0 && len + 4 < sizeof(bar))
				snprintf(bar + len, sizeof(bar) - len, "%s",
				    horiz[e % 8]);
		}
		wattron(win, theme(C_OK));
		lx += draw_text(win, y + i, lx, bar, bw > 0 ? bw : 0, false);
		wattroff(win, theme(C_OK));
		draw_text(win, y + i, lx + 1, v[i].has ? v[i].text : "—",
		    x + w - lx - 1, false);
	}
	return i;
}

void
chart_trend(WINDOW *win, int y, int x, int w, int h,
    const struct chart_item *v, int n, int64_t full, const char *full_text)
{
	int64_t max = largest(v, n, full);
	int rows = h - 1, gut, cw, i, r, e, whole, lx;
	char top[64] = "";

	if (n <= 0 || rows < 1)
		return;
	/* The gutter: a whole column's value (full's, or the largest). */
	if (full > 0)
		snprintf(top, sizeof(top), "%s", full_text);
	for (i = 0; i < n && full <= 0; i++)
		if (v[i].has && v[i].value == max) {
			snprintf(top, sizeof(top), "%s", v[i].text);
			break;
		}
	gut = text_width(top);
	if (gut > w / 3)
		gut = w / 3;
	cw = (w - gut - 1) / n;
	if (cw < 1)
		cw = 1;
	if (cw > 6)
		cw = 6;
	wattron(win, theme(C_DIM));
	draw_text_cut(win, y, x, top, gut, true);
	wattroff(win, theme(C_DIM));
	for (i = 0; i < n; i++) {
		lx = x + gut + 1 + i * cw;
		e = v[i].has ? eighths(v[i].value, max, rows) : 0;
		whole = e / 8;
		wattron(win, theme(C_OK));
		for (r = 0; r < rows; r++) {
			const char *cell;
			int k, from_bottom = rows - 1 - r;

			if (from_bottom < whole)
				cell = vert[8];
			else if (from_bottom == whole)
				cell = vert[e % 8];
			else
				cell = "";
			for (k = 0; k < cw - (cw > 1 ? 1 : 0); k++)
				draw_text(win, y + r, lx + k, *cell ? cell :
				    " ", 1, false);
		}
		wattroff(win, theme(C_OK));
		if (!v[i].has) {	/* no value: a dash, not a zero */
			wattron(win, theme(C_DIM));
			draw_text(win, y + rows - 1, lx, "—", 1, false);
			wattroff(win, theme(C_DIM));
		}
		draw_text_cut(win, y + rows, lx, v[i].label, cw, false);
	}
}
