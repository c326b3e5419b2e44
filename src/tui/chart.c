/*
 * chart.c — bars and a trend in block characters (see chart.h). The
 * widths are display cells (text_width), so a Chinese name takes its two
 * cells per character and is never cut in half (chart_label). The
 * arithmetic is in pure functions (chart_*_geom, chart_eighths,
 * chart_blocks, chart_column_cell) that tests/unit/test_chart.c checks;
 * chart_bars and chart_trend only draw what they give.
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

int
chart_keep_valued(struct chart_item *v, int n)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		if (v[i].has)
			v[k++] = v[i];
	return k;
}

int64_t
chart_full(const struct chart_item *v, int n, int64_t full)
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

int
chart_eighths(int64_t value, int64_t max, int cells)
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

char *
chart_blocks(bool vertical, int e, char *buf, size_t n)
{
	const char *whole = chart_eighth(vertical, 8);
	const char *part = chart_eighth(vertical, e % 8);
	size_t len = 0, wl = strlen(whole), pl = strlen(part);
	int c;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (c = 0; c < e / 8 && len + wl < n; c++) {
		memcpy(buf + len, whole, wl);
		len += wl;
	}
	if (e > 0 && len + pl < n) {
		memcpy(buf + len, part, pl);
		len += pl;
	}
	buf[len] = '\0';
	return buf;
}

char *
chart_label(const char *s, int width, char *buf, size_t n)
{
	char cut[256];
	size_t len;
	int used;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (width <= 0)
		return buf;
	if (text_width(s) <= width) {
		snprintf(buf, n, "%s", s != NULL ? s : "");
		used = text_width(buf);
	} else {
		/* What fits whole in width - 1 cells (text_cut ends it with
		 * the "…"), spaces where a wide character would straddle,
		 * then the "…" in the last cell. */
		text_cut(cut, sizeof(cut), s, width);
		len = strlen(cut);
		if (len >= 3 && strcmp(cut + len - 3, "…") == 0)
			cut[len - 3] = '\0';
		snprintf(buf, n, "%s", cut);
		for (used = text_width(buf); used < width - 1 &&
		    strlen(buf) + 1 < n; used++)
			strcat(buf, " ");
		if (strlen(buf) + 3 < n) {
			strcat(buf, "…");
			used++;
		}
	}
	for (; used < width && strlen(buf) + 1 < n; used++)
		strcat(buf, " ");
	return buf;
}

void
chart_bars_geom(const struct chart_item *v, int n, int w, int64_t full,
    struct chart_bars_geom *g)
{
	int i;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < n; i++) {
		if (text_width(v[i].label) > g->label_w)
			g->label_w = text_width(v[i].label);
		if (text_width(v[i].text) > g->text_w)
			g->text_w = text_width(v[i].text);
	}
	if (g->label_w > w / 3)
		g->label_w = w / 3;
	g->bar_w = w - g->label_w - g->text_w - 2;
	if (g->bar_w > 100)
		g->bar_w = 100;
	g->max = chart_full(v, n, full);
}

void
chart_bar_line(const struct chart_bars_geom *g, const struct chart_item *it,
    char *label, size_t ln, char *bar, size_t bn, const char **text)
{
	chart_label(it->label, g->label_w, label, ln);
	if (bn > 0)
		bar[0] = '\0';
	if (it->has && g->bar_w > 0)
		chart_blocks(false, chart_eighths(it->value, g->max, g->bar_w),
		    bar, bn);
	*text = it->has ? it->text : "—";
}

int
chart_bars(WINDOW *win, int y, int x, int w, int h,
    const struct chart_item *v, int n, int64_t full)
{
	struct chart_bars_geom g;
	char label[512], bar[1024];
	const char *text;
	int i, lx;

	chart_bars_geom(v, n, w, full, &g);
	for (i = 0; i < n && i < h; i++) {
		chart_bar_line(&g, &v[i], label, sizeof(label), bar,
		    sizeof(bar), &text);
		draw_text(win, y + i, x, label, g.label_w, true);
		lx = x + g.label_w + 1;
		wattron(win, theme(C_OK));
		lx += draw_text(win, y + i, lx, bar, g.bar_w > 0 ? g.bar_w : 0,
		    false);
		wattroff(win, theme(C_OK));
		draw_text(win, y + i, lx + 1, text, x + w - lx - 1, false);
	}
	return i;
}

bool
chart_trend_geom(const struct chart_item *v, int n, int w, int h,
    int64_t full, const char *full_text, struct chart_trend_geom *g)
{
	int i;

	memset(g, 0, sizeof(*g));
	g->rows = h - 1;
	g->max = chart_full(v, n, full);
	if (n <= 0 || g->rows < 1)
		return false;
	/* The gutter: a whole column's value (full's, or the largest). */
	if (full > 0)
		snprintf(g->top, sizeof(g->top), "%s", full_text);
	for (i = 0; i < n && full <= 0; i++)
		if (v[i].has && v[i].value == g->max) {
			snprintf(g->top, sizeof(g->top), "%s", v[i].text);
			break;
		}
	g->gutter_w = text_width(g->top);
	if (g->gutter_w > w / 3)
		g->gutter_w = w / 3;
	g->col_w = (w - g->gutter_w - 1) / n;
	if (g->col_w < 1)
		g->col_w = 1;
	if (g->col_w > 6)
		g->col_w = 6;
	g->block_w = g->col_w - (g->col_w > 1 ? 1 : 0);
	return true;
}

int
chart_column_eighths(const struct chart_trend_geom *g,
    const struct chart_item *it)
{
	return it->has ? chart_eighths(it->value, g->max, g->rows) : 0;
}

const char *
chart_column_cell(int e, int rows, int r)
{
	int from_bottom = rows - 1 - r;

	if (from_bottom < e / 8)
		return vert[8];
	if (from_bottom == e / 8)
		return chart_eighth(true, e % 8);
	return "";
}

void
chart_trend(WINDOW *win, int y, int x, int w, int h,
    const struct chart_item *v, int n, int64_t full, const char *full_text)
{
	struct chart_trend_geom g;
	int i, r, e, k, lx;

	if (!chart_trend_geom(v, n, w, h, full, full_text, &g))
		return;
	wattron(win, theme(C_DIM));
	draw_text_cut(win, y, x, g.top, g.gutter_w, true);
	wattroff(win, theme(C_DIM));
	for (i = 0; i < n; i++) {
		lx = x + g.gutter_w + 1 + i * g.col_w;
		e = chart_column_eighths(&g, &v[i]);
		wattron(win, theme(C_OK));
		for (r = 0; r < g.rows; r++) {
			const char *cell = chart_column_cell(e, g.rows, r);

			for (k = 0; k < g.block_w; k++)
				draw_text(win, y + r, lx + k, *cell ? cell :
				    " ", 1, false);
		}
		wattroff(win, theme(C_OK));
		if (!v[i].has) {	/* no value: a dash, not a zero */
			wattron(win, theme(C_DIM));
			draw_text(win, y + g.rows - 1, lx, "—", 1, false);
			wattroff(win, theme(C_DIM));
		}
		draw_text_cut(win, y + g.rows, lx, v[i].label, g.col_w, false);
	}
}
