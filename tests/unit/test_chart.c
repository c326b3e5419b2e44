/*
 * test_chart.c — the arithmetic of the terminal's pictures (chart.c, the
 * Reports screen F7's bars and trend, R53), without a terminal: a rate's
 * bar out of 100% and a count's out of the largest, rounding to the
 * nearest eighth of a cell (a value above 0 never vanishes, none spills
 * over), "—" and no bar for no value (never a zero), Chinese names two
 * cells a character and never cut in half, and the trend's column
 * heights, cell by cell.
 *
 * Links the TUI library (no terminal is started: the layout is pure).
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "chart.h"

static void
item(struct chart_item *it, const char *label, bool has, int64_t value,
    const char *text)
{
	memset(it, 0, sizeof(*it));
	it->label = label;
	it->has = has;
	it->value = value;
	snprintf(it->text, sizeof(it->text), "%s", text);
}

/* How many of block b (one UTF-8 character) s holds, and nothing else. */
static int
count_of(const char *s, const char *b)
{
	size_t bl = strlen(b);
	int n = 0;

	while (strncmp(s, b, bl) == 0) {
		s += bl;
		n++;
	}
	return n;
}

static void
test_eighths(void **state)
{
	(void)state;
	/* Half of 10 cells: 40 eighths; a whole: 80. */
	assert_int_equal(chart_eighths(500, 1000, 10), 40);
	assert_int_equal(chart_eighths(1000, 1000, 10), 80);
	/* To the nearest eighth: 1/3 of a cell is 2.67 eighths -> 3; 1/16
	 * of a cell is half an eighth -> 1 (rounded up at the half). */
	assert_int_equal(chart_eighths(1, 3, 1), 3);
	assert_int_equal(chart_eighths(1, 16, 1), 1);
	assert_int_equal(chart_eighths(5, 16 * 8, 2), 1);	/* 0.625 */
	assert_int_equal(chart_eighths(13, 16 * 8, 2), 2);	/* 1.625 */
	/* Above 0 never vanishes: 1 of a million is one eighth. */
	assert_int_equal(chart_eighths(1, 1000000, 10), 1);
	/* Nothing, below nothing, no max, no room: no bar. */
	assert_int_equal(chart_eighths(0, 1000, 10), 0);
	assert_int_equal(chart_eighths(-5, 1000, 10), 0);
	assert_int_equal(chart_eighths(5, 0, 10), 0);
	assert_int_equal(chart_eighths(5, 10, 0), 0);
	/* Above the whole never spills over. */
	assert_int_equal(chart_eighths(2000, 1000, 10), 80);
}

static void
test_blocks(void **state)
{
	char buf[128];

	(void)state;
	assert_string_equal(chart_blocks(false, 0, buf, sizeof(buf)), "");
	assert_string_equal(chart_blocks(false, 1, buf, sizeof(buf)), "▏");
	assert_string_equal(chart_blocks(false, 8, buf, sizeof(buf)), "█");
	assert_string_equal(chart_blocks(false, 19, buf, sizeof(buf)),
	    "██▍");
	assert_string_equal(chart_blocks(true, 12, buf, sizeof(buf)), "█▄");
	/* A short buffer: whole blocks only, never half a character. */
	assert_string_equal(chart_blocks(false, 40, buf, 8), "██");
	assert_string_equal(chart_eighth(false, 9), "█");
	assert_string_equal(chart_eighth(true, -1), "");
}

/* A rate's bar is out of 100% whoever else is there; a count's out of
 * the largest. */
static void
test_bars_scale(void **state)
{
	struct chart_item v[3];
	struct chart_bars_geom g;
	char label[64], bar[1024];
	const char *text;

	(void)state;
	item(&v[0], "张伟", true, 666, "66.6%");
	item(&v[1], "Li", true, 100, "10.0%");
	/* w 80: the labels' column 4 (张伟), the values' 5 ("66.6%"), the
	 * bar 80 - 4 - 5 - 2 = 69 cells. */
	chart_bars_geom(v, 2, 80, 1000, &g);
	assert_int_equal(g.label_w, 4);
	assert_int_equal(g.text_w, 5);
	assert_int_equal(g.bar_w, 69);
	assert_int_equal(g.max, 1000);
	chart_bar_line(&g, &v[0], label, sizeof(label), bar, sizeof(bar),
	    &text);
	/* 66.6% of 69 cells: 367.6 eighths -> 368: 46 whole blocks. */
	assert_int_equal(count_of(bar, "█"), 46);
	assert_string_equal(bar + 46 * strlen("█"), "");
	assert_string_equal(label, "张伟");
	assert_string_equal(text, "66.6%");
	assert_int_equal(text_width(bar), 46);
	/* 10% of 69: 55.2 eighths -> 55: 6 whole and ▉ (7 eighths). */
	chart_bar_line(&g, &v[1], label, sizeof(label), bar, sizeof(bar),
	    &text);
	assert_int_equal(count_of(bar, "█"), 6);
	assert_string_equal(bar + 6 * strlen("█"), "▉");
	assert_string_equal(label, "Li  ");	/* padded to the column */

	/* Counts: out of the largest, which fills its bar. */
	item(&v[0], "a", true, 30, "30");
	item(&v[1], "b", true, 15, "15");
	item(&v[2], "c", true, 0, "0");
	chart_bars_geom(v, 3, 24, 0, &g);
	assert_int_equal(g.max, 30);
	assert_int_equal(g.bar_w, 24 - 1 - 2 - 2);
	chart_bar_line(&g, &v[0], label, sizeof(label), bar, sizeof(bar),
	    &text);
	assert_int_equal(text_width(bar), g.bar_w);
	assert_int_equal(count_of(bar, "█"), g.bar_w);
	chart_bar_line(&g, &v[1], label, sizeof(label), bar, sizeof(bar),
	    &text);
	/* Half of 19 cells: 76 eighths: 9 whole and ▌. */
	assert_int_equal(count_of(bar, "█"), 9);
	assert_string_equal(bar + 9 * strlen("█"), "▌");
	/* A zero is a real value: no bar, but its 0, not a dash. */
	chart_bar_line(&g, &v[2], label, sizeof(label), bar, sizeof(bar),
	    &text);
	assert_string_equal(bar, "");
	assert_string_equal(text, "0");
	/* A very wide screen: a bar is at most 100 cells. */
	chart_bars_geom(v, 3, 400, 0, &g);
	assert_int_equal(g.bar_w, 100);
}

/* No value: "—" and no bar, never 0; nothing has one: no whole. */
static void
test_bars_no_value(void **state)
{
	struct chart_item v[2];
	struct chart_bars_geom g;
	char label[64], bar[64];
	const char *text;

	(void)state;
	item(&v[0], "王芳", false, 0, "—");
	item(&v[1], "李军", false, 500, "50.0%");	/* a stale value */
	chart_bars_geom(v, 2, 60, 0, &g);
	assert_int_equal(g.max, 0);
	chart_bar_line(&g, &v[1], label, sizeof(label), bar, sizeof(bar),
	    &text);
	assert_string_equal(bar, "");
	assert_string_equal(text, "—");
	chart_bars_geom(v, 2, 60, 1000, &g);
	chart_bar_line(&g, &v[1], label, sizeof(label), bar, sizeof(bar),
	    &text);
	assert_string_equal(bar, "");
	assert_string_equal(text, "—");
	/* No room for a bar (a narrow window): the text still shows. */
	item(&v[0], "x", true, 500, "50.0%");
	chart_bars_geom(v, 1, 8, 1000, &g);
	assert_true(g.bar_w <= 0);
	chart_bar_line(&g, &v[0], label, sizeof(label), bar, sizeof(bar),
	    &text);
	assert_string_equal(bar, "");
	assert_string_equal(text, "50.0%");
}

/* Chinese names take two cells a character; cut, never in half. */
/* L9: the bars of a figure leave out whoever has no value for it (a
 * technician on complaint clocks), in order; a zero is a value. */
static void
test_keep_valued(void **state)
{
	struct chart_item v[5];

	(void)state;
	item(&v[0], "王芳", false, 0, "—");
	item(&v[1], "张伟", true, 666, "66.6%");
	item(&v[2], "刘洋", false, 0, "—");
	item(&v[3], "李军", true, 0, "0.0%");
	item(&v[4], "赵敏", false, 0, "—");
	assert_int_equal(chart_keep_valued(v, 5), 2);
	assert_string_equal(v[0].label, "张伟");
	assert_string_equal(v[0].text, "66.6%");
	assert_string_equal(v[1].label, "李军");
	assert_true(v[1].has);
	/* No one has a value: none kept; nothing at all: none. */
	item(&v[0], "王芳", false, 0, "—");
	item(&v[1], "刘洋", false, 0, "—");
	assert_int_equal(chart_keep_valued(v, 2), 0);
	assert_int_equal(chart_keep_valued(v, 0), 0);
}

static void
test_labels_cjk(void **state)
{
	struct chart_item v[2];
	struct chart_bars_geom g;
	char label[64], bar[1024];
	const char *text;

	(void)state;
	assert_string_equal(chart_label("欧阳娜娜", 8, label, sizeof(label)),
	    "欧阳娜娜");
	assert_string_equal(chart_label("欧阳娜娜", 10, label, sizeof(label)),
	    "欧阳娜娜  ");
	/* 7 cells: 欧阳娜 (6) and "…" in the seventh. */
	assert_string_equal(chart_label("欧阳娜娜", 7, label, sizeof(label)),
	    "欧阳娜…");
	/* 6 cells: 娜 would straddle the fifth and sixth: a space. */
	assert_string_equal(chart_label("欧阳娜娜", 6, label, sizeof(label)),
	    "欧阳 …");
	assert_int_equal(text_width(label), 6);
	assert_string_equal(chart_label("欧阳娜娜", 1, label, sizeof(label)),
	    "…");
	assert_string_equal(chart_label("欧阳娜娜", 0, label, sizeof(label)),
	    "");
	assert_string_equal(chart_label("Wang Fang", 5, label, sizeof(label)),
	    "Wang…");
	/* In the bars: the labels' column is at most a third of w (15 of
	 * 45), every line as wide as the column. */
	item(&v[0], "上海市浦东新区幸福小区物业服务中心", true, 3, "3");
	item(&v[1], "张伟", true, 1, "1");
	chart_bars_geom(v, 2, 45, 0, &g);
	assert_int_equal(g.label_w, 15);
	chart_bar_line(&g, &v[0], label, sizeof(label), bar, sizeof(bar),
	    &text);
	assert_string_equal(label, "上海市浦东新区…");
	assert_int_equal(text_width(label), 15);
	chart_bar_line(&g, &v[1], label, sizeof(label), bar, sizeof(bar),
	    &text);
	assert_int_equal(text_width(label), 15);
	assert_int_equal(strncmp(label, "张伟 ", strlen("张伟 ")), 0);
}

/* The trend: twelve columns, a rate's out of 100%, cell by cell. */
static void
test_trend(void **state)
{
	struct chart_item v[12];
	struct chart_trend_geom g;
	char mon[12][4];
	int i, r, e;

	(void)state;
	for (i = 0; i < 12; i++) {
		snprintf(mon[i], sizeof(mon[i]), "%02d", i + 1);
		item(&v[i], mon[i], false, 0, "—");
	}
	item(&v[10], mon[10], true, 1000, "100.0%");
	item(&v[11], mon[11], true, 500, "50.0%");
	/* 78 cells, 7 lines: 6 of columns and the months' line. */
	assert_true(chart_trend_geom(v, 12, 78, 7, 1000, "100%", &g));
	assert_string_equal(g.top, "100%");
	assert_int_equal(g.gutter_w, 4);
	assert_int_equal(g.rows, 6);
	assert_int_equal(g.col_w, 6);	/* (78 - 5) / 12 = 6, at most 6 */
	assert_int_equal(g.block_w, 5);
	/* 100%: six whole cells; 50%: three, nothing above. */
	e = chart_column_eighths(&g, &v[10]);
	assert_int_equal(e, 48);
	for (r = 0; r < 6; r++)
		assert_string_equal(chart_column_cell(e, 6, r), "█");
	e = chart_column_eighths(&g, &v[11]);
	assert_int_equal(e, 24);
	for (r = 0; r < 3; r++)
		assert_string_equal(chart_column_cell(e, 6, r), "");
	for (r = 3; r < 6; r++)
		assert_string_equal(chart_column_cell(e, 6, r), "█");
	/* No value: no column at all (the dash is drawn at its foot). */
	assert_int_equal(chart_column_eighths(&g, &v[0]), 0);
	for (r = 0; r < 6; r++)
		assert_string_equal(chart_column_cell(0, 6, r), "");
	/* 66.6%: 31.97 eighths -> 32: four whole cells. 16.6%: 7.97 -> 8:
	 * one. 20%: 9.6 -> 10: one whole and ▂ above it. */
	item(&v[0], mon[0], true, 666, "66.6%");
	e = chart_column_eighths(&g, &v[0]);
	assert_int_equal(e, 32);
	assert_string_equal(chart_column_cell(e, 6, 1), "");
	assert_string_equal(chart_column_cell(e, 6, 2), "█");
	item(&v[0], mon[0], true, 200, "20.0%");
	e = chart_column_eighths(&g, &v[0]);
	assert_int_equal(e, 10);
	assert_string_equal(chart_column_cell(e, 6, 5), "█");
	assert_string_equal(chart_column_cell(e, 6, 4), "▂");
	assert_string_equal(chart_column_cell(e, 6, 3), "");
	/* A count: out of the largest, whose text is the gutter's. */
	for (i = 0; i < 12; i++)
		item(&v[i], mon[i], true, i, "");
	snprintf(v[7].text, sizeof(v[7].text), "%s", "7");
	item(&v[11], mon[11], true, 40, "40");
	assert_true(chart_trend_geom(v, 12, 78, 5, 0, NULL, &g));
	assert_int_equal(g.max, 40);
	assert_string_equal(g.top, "40");
	assert_int_equal(g.gutter_w, 2);
	assert_int_equal(chart_column_eighths(&g, &v[11]), 32);
	assert_int_equal(chart_column_eighths(&g, &v[0]), 0);	/* a 0 */
	assert_int_equal(chart_column_eighths(&g, &v[1]), 1);	/* 0.8 */
	/* Narrow: a column of one cell, no gap. */
	assert_true(chart_trend_geom(v, 12, 20, 5, 0, NULL, &g));
	assert_int_equal(g.col_w, 1);
	assert_int_equal(g.block_w, 1);
	/* Nothing to draw: no item, no line for the columns. */
	assert_false(chart_trend_geom(v, 0, 78, 7, 1000, "100%", &g));
	assert_false(chart_trend_geom(v, 12, 78, 1, 1000, "100%", &g));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eighths),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_bars_scale),
		cmocka_unit_test(test_bars_no_value),
		cmocka_unit_test(test_keep_valued),
		cmocka_unit_test(test_labels_cjk),
		cmocka_unit_test(test_trend),
	};

	/* Display widths (wcwidth) are the locale's: a UTF-8 one. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
