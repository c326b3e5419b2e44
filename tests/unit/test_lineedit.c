/*
 * test_lineedit.c — the field editor at its edges: wide characters under
 * the cursor, full fields, hostile pastes, invalid UTF-8 and horizontal
 * scrolling, plus a long random session checked against a naive model.
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "helpers.h"
#include "lineedit.h"

/* Asserts the contents, through lineedit_text (so UTF-8 encoding too). */
static void
text_is(const struct lineedit *e, const char *want)
{
	char *s = lineedit_text(e);

	assert_string_equal(s, want);
	free(s);
}

/* Fills e from a wide string the way a typing clerk would. */
static void
type(struct lineedit *e, const wchar_t *s)
{
	while (*s != L'\0')
		assert_true(lineedit_insert(e, *s++));
}

static int
cells(wchar_t c)
{
	int w = wcwidth(c);

	return w > 0 ? w : 1;
}

/* Invariants (1) and (2) of lineedit.h, checked from the outside. */
static void
check_invariants(const struct lineedit *e)
{
	size_t i;
	uint32_t u;

	assert_true(e->cur <= e->len);
	assert_true(e->len <= e->max_chars);
	assert_true(e->buf[e->len] == L'\0');
	assert_int_equal(wcslen(e->buf), e->len);
	for (i = 0; i < e->len; i++) {
		u = (uint32_t)e->buf[i];
		assert_false(u < 0x20 || (u >= 0x7f && u <= 0x9f));
		assert_false(u >= 0x200b && u <= 0x200f && u != 0x200d);
		assert_false(u >= 0x202a && u <= 0x202e);
		assert_false(u >= 0x2066 && u <= 0x2069);
		assert_false(u == 0xfeff);
		assert_false((u >= 0xd800 && u <= 0xdfff) || u > 0x10ffff);
	}
	{	/* the core keeps exactly this text (issue 11: one rule) */
		char *t = lineedit_text(e);

		assert_true(kf_text_clean(t));
		free(t);
	}
}

/*
 * Calls lineedit_view and checks invariant (3) and everything else the
 * form widget relies on; returns the cursor column.
 */
static int
view(struct lineedit *e, int width, size_t *firstp, size_t *countp)
{
	size_t first, count;
	int col;

	col = lineedit_view(e, width, &first, &count);
	assert_int_equal(first, e->scroll);
	assert_true(first <= e->cur);
	assert_true(first + count <= e->len);
	/* The cursor sits where the drawn slice puts it. */
	assert_int_equal(col, lineedit_width(e, first, e->cur));
	assert_true(col >= 0 && col <= width - 1);
	/* The slice fits and is as long as fits: nothing cut at the right. */
	assert_true(lineedit_width(e, first, first + count) <= width);
	if (first + count < e->len)
		assert_true(lineedit_width(e, first, first + count + 1) >
		    width);
	/* The character under the cursor is whole on screen when it can be. */
	if (e->cur < e->len && cells(e->buf[e->cur]) <= width)
		assert_true(e->cur < first + count);
	/* Nothing hides at the left while the field has room for it. */
	if (first > 0)
		assert_true(lineedit_width(e, first - 1, e->len) + 1 > width);
	if (firstp != NULL)
		*firstp = first;
	if (countp != NULL)
		*countp = count;
	return col;
}

static void
test_init_is_empty_and_free_is_idempotent(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 8);
	assert_int_equal(e.len, 0);
	assert_int_equal(e.cur, 0);
	assert_int_equal(e.scroll, 0);
	assert_int_equal(e.max_chars, 8);
	assert_false(e.changed);
	text_is(&e, "");
	check_invariants(&e);
	lineedit_free(&e);
	assert_null(e.buf);
	lineedit_free(&e);	/* twice is harmless */
}

static void
test_insert_in_middle_of_cjk(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 16);
	assert_true(lineedit_set(&e, "张三丰"));
	lineedit_home(&e);
	lineedit_right(&e);
	assert_int_equal(e.cur, 1);
	assert_int_equal(view(&e, 20, NULL, NULL), 2);
	assert_true(lineedit_insert(&e, L'李'));
	text_is(&e, "张李三丰");
	assert_int_equal(e.len, 4);
	assert_int_equal(e.cur, 2);
	assert_int_equal(lineedit_width(&e, 0, e.cur), 4);
	assert_int_equal(view(&e, 20, NULL, NULL), 4);
	assert_int_equal(lineedit_width(&e, 0, e.len), 8);
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_backspace_over_wide_character(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 16);
	lineedit_set(&e, "a张三丰");
	assert_int_equal(view(&e, 20, NULL, NULL), 7);
	assert_true(lineedit_backspace(&e));
	text_is(&e, "a张三");
	assert_int_equal(e.cur, 3);
	assert_int_equal(view(&e, 20, NULL, NULL), 5);
	lineedit_left(&e);
	assert_true(lineedit_backspace(&e));	/* 张, in the middle */
	text_is(&e, "a三");
	assert_int_equal(e.cur, 1);
	assert_int_equal(view(&e, 20, NULL, NULL), 1);
	assert_true(lineedit_backspace(&e));
	text_is(&e, "三");
	assert_int_equal(e.cur, 0);
	e.changed = false;
	assert_false(lineedit_backspace(&e));	/* at the start */
	assert_false(e.changed);
	text_is(&e, "三");
	assert_int_equal(view(&e, 20, NULL, NULL), 0);
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_delete(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 16);
	lineedit_set(&e, "张三丰");
	e.changed = false;
	assert_false(lineedit_delete(&e));	/* at the end */
	assert_false(e.changed);
	text_is(&e, "张三丰");
	lineedit_home(&e);
	lineedit_right(&e);
	assert_true(lineedit_delete(&e));
	assert_true(e.changed);
	text_is(&e, "张丰");
	assert_int_equal(e.cur, 1);
	assert_int_equal(view(&e, 20, NULL, NULL), 2);
	assert_true(lineedit_delete(&e));
	assert_false(lineedit_delete(&e));
	text_is(&e, "张");
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_moves_stop_at_the_ends(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 16);
	lineedit_set(&e, "王芳ab");
	e.changed = false;
	lineedit_home(&e);
	assert_int_equal(e.cur, 0);
	lineedit_left(&e);
	assert_int_equal(e.cur, 0);
	assert_int_equal(view(&e, 20, NULL, NULL), 0);
	lineedit_end(&e);
	assert_int_equal(e.cur, 4);
	assert_int_equal(view(&e, 20, NULL, NULL), 6);
	lineedit_right(&e);
	assert_int_equal(e.cur, 4);
	lineedit_left(&e);
	lineedit_left(&e);
	assert_int_equal(view(&e, 20, NULL, NULL), 4);
	lineedit_left(&e);
	assert_int_equal(view(&e, 20, NULL, NULL), 2);
	assert_false(e.changed);	/* moving is not editing */
	lineedit_free(&e);
}

static void
test_kill_to_start_and_end(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 32);
	lineedit_set(&e, "北京市朝阳区");
	lineedit_home(&e);
	lineedit_right(&e);
	lineedit_right(&e);
	lineedit_right(&e);
	lineedit_kill_to_end(&e);		/* Ctrl-K */
	text_is(&e, "北京市");
	assert_int_equal(e.cur, 3);
	e.changed = false;
	lineedit_kill_to_end(&e);		/* nothing after the cursor */
	assert_false(e.changed);
	text_is(&e, "北京市");

	lineedit_set(&e, "北京市朝阳区");
	lineedit_left(&e);
	lineedit_left(&e);
	lineedit_kill_to_start(&e);		/* Ctrl-U */
	text_is(&e, "阳区");
	assert_int_equal(e.cur, 0);
	assert_int_equal(view(&e, 10, NULL, NULL), 0);
	e.changed = false;
	lineedit_kill_to_start(&e);		/* nothing before the cursor */
	assert_false(e.changed);
	text_is(&e, "阳区");
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_kill_word(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 64);
	lineedit_set(&e, "客户 张三  13800138000");
	lineedit_kill_word(&e);			/* Ctrl-W */
	text_is(&e, "客户 张三  ");
	assert_int_equal(e.cur, 7);
	lineedit_kill_word(&e);			/* the spaces go with 张三 */
	text_is(&e, "客户 ");
	assert_int_equal(e.cur, 3);
	assert_int_equal(view(&e, 20, NULL, NULL), 5);

	lineedit_set(&e, "王芳\xe3\x80\x80女士");	/* ideographic space */
	lineedit_left(&e);
	lineedit_kill_word(&e);			/* from inside a word */
	text_is(&e, "王芳\xe3\x80\x80士");
	assert_int_equal(e.cur, 3);
	lineedit_kill_word(&e);
	text_is(&e, "士");
	assert_int_equal(e.cur, 0);
	e.changed = false;
	lineedit_kill_word(&e);			/* at the start */
	assert_false(e.changed);
	text_is(&e, "士");
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_word_moves(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 64);
	/*
	 * Indices: 0-1 spaces, 2-3 王芳, 4 U+3000, 5-7 北京市, 8 space,
	 * 9-11 朝阳区, 12 space.
	 */
	lineedit_set(&e, "  王芳\xe3\x80\x80北京市 朝阳区 ");
	assert_int_equal(e.len, 13);
	lineedit_home(&e);
	lineedit_word_right(&e);
	assert_int_equal(e.cur, 2);
	lineedit_word_right(&e);
	assert_int_equal(e.cur, 5);
	assert_int_equal(view(&e, 40, NULL, NULL), 8);
	lineedit_word_right(&e);
	assert_int_equal(e.cur, 9);
	lineedit_word_right(&e);
	assert_int_equal(e.cur, 13);
	lineedit_word_right(&e);		/* stays at the end */
	assert_int_equal(e.cur, 13);
	lineedit_word_left(&e);
	assert_int_equal(e.cur, 9);
	lineedit_right(&e);			/* inside 朝阳区 */
	lineedit_word_left(&e);
	assert_int_equal(e.cur, 9);
	lineedit_word_left(&e);
	assert_int_equal(e.cur, 5);
	assert_int_equal(view(&e, 40, NULL, NULL), 8);
	lineedit_word_left(&e);
	assert_int_equal(e.cur, 2);
	lineedit_word_left(&e);			/* only spaces before */
	assert_int_equal(e.cur, 0);
	lineedit_word_left(&e);
	assert_int_equal(e.cur, 0);
	lineedit_free(&e);
}

static void
test_full_field_refuses_more(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 3);
	type(&e, L"张三丰");
	e.changed = false;
	assert_false(lineedit_insert(&e, L'李'));
	assert_false(lineedit_insert(&e, L'a'));
	lineedit_home(&e);
	assert_false(lineedit_insert(&e, L'李'));
	assert_false(e.changed);
	text_is(&e, "张三丰");
	assert_int_equal(e.cur, 0);
	assert_int_equal(lineedit_insert_str(&e, L"xyz", 3), 0);
	text_is(&e, "张三丰");
	assert_true(lineedit_backspace(&e) == false);
	lineedit_end(&e);
	assert_true(lineedit_backspace(&e));
	assert_true(lineedit_insert(&e, L'李'));	/* room again */
	text_is(&e, "张三李");
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_huge_paste_keeps_exactly_max(void **state)
{
	struct lineedit e;
	wchar_t *paste;
	size_t i;

	(void)state;
	paste = calloc(10000, sizeof(*paste));
	assert_non_null(paste);
	for (i = 0; i < 10000; i++)
		paste[i] = i % 2 ? L'王' : L'7';
	lineedit_init(&e, 64);
	assert_int_equal(lineedit_insert_str(&e, paste, 10000), 64);
	assert_int_equal(e.len, 64);
	assert_int_equal(e.cur, 64);
	assert_int_equal(wmemcmp(e.buf, paste, 64), 0);
	check_invariants(&e);
	assert_int_equal(lineedit_insert_str(&e, paste, 10000), 0);
	assert_int_equal(e.len, 64);
	check_invariants(&e);
	lineedit_free(&e);
	free(paste);
}

static void
test_paste_into_middle_keeps_the_tail(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 10);
	lineedit_set(&e, "abc张三丰");
	lineedit_home(&e);
	lineedit_right(&e);
	lineedit_right(&e);
	lineedit_right(&e);
	assert_int_equal(lineedit_insert_str(&e, L"XY\x1bZ王VUTS", 9), 4);
	text_is(&e, "abcXYZ王张三丰");
	assert_int_equal(e.cur, 7);
	assert_int_equal(view(&e, 30, NULL, NULL), 8);
	assert_int_equal(lineedit_insert_str(&e, L"", 0), 0);
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_pasted_controls_are_dropped(void **state)
{
	static const wchar_t paste[] = L"a\x1b[31mb\a" L"c\x7f" L"d\x85"
	    L"e\u202E" L"f\u200B" L"g\uFEFF" L"h\n" L"i\t" L"j\r" L"k";
	static const wchar_t bad[] = { 0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c,
	    0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x200b, 0x200f, 0x202a,
	    0x202e, 0x2066, 0x2069, 0xfeff, 0xd800, 0xdfff, 0x110000, -1 };
	struct lineedit e;
	size_t i;

	(void)state;
	lineedit_init(&e, 64);
	assert_int_equal(lineedit_insert_str(&e, paste, wcslen(paste)), 18);
	text_is(&e, "a[31mbcdefgh i j k");
	check_invariants(&e);

	lineedit_set(&e, "");
	e.changed = false;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(lineedit_insert(&e, bad[i]));
	assert_false(e.changed);
	assert_int_equal(e.len, 0);
	assert_true(lineedit_insert(&e, L'\n'));
	assert_true(lineedit_insert(&e, L'\t'));
	assert_true(lineedit_insert(&e, L'\r'));
	text_is(&e, "   ");
	assert_true(lineedit_insert(&e, 0xa0));	/* no-break space is text */
	assert_true(lineedit_insert(&e, 0x1f600));
	text_is(&e, "   \xc2\xa0\xf0\x9f\x98\x80");
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_set_invalid_utf8_becomes_replacement(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 32);
	assert_false(lineedit_set(&e, "ab\xff" "c"));
	text_is(&e, "ab\xef\xbf\xbd" "c");
	assert_int_equal(e.len, 4);
	assert_true(e.buf[2] == 0xfffd);
	/* A truncated 王 is one replacement, and the 'x' after it survives. */
	assert_false(lineedit_set(&e, "\xe7\x8e" "x"));
	assert_int_equal(e.len, 2);
	assert_true(e.buf[0] == 0xfffd && e.buf[1] == L'x');
	/* Overlong, surrogate, beyond U+10FFFF: one per byte (Unicode 3-8). */
	assert_false(lineedit_set(&e, "\xc0\xaf"));
	assert_int_equal(e.len, 2);
	assert_false(lineedit_set(&e, "\xed\xa0\x80"));
	assert_int_equal(e.len, 3);
	assert_false(lineedit_set(&e, "\xf4\x90\x80\x80"));
	assert_int_equal(e.len, 4);
	assert_false(lineedit_set(&e, "\xf0\x9f\x98"));	/* truncated emoji */
	assert_int_equal(e.len, 1);
	assert_true(e.buf[0] == 0xfffd);
	/* A U+FFFD that was really in the text is kept exactly. */
	assert_true(lineedit_set(&e, "\xef\xbf\xbd"));
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_set_round_trip(void **state)
{
	static const char *texts[] = { "", "a", "王芳", "张三丰 13800138000",
	    "Ünïcödé ÿ", "\xe3\x80\x80全角空格", "😀 emoji 𠀋 outside the BMP",
	    "\u00a0e" };
	struct lineedit e;
	size_t i;

	(void)state;
	lineedit_init(&e, 64);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_true(lineedit_set(&e, texts[i]));
		text_is(&e, texts[i]);
		assert_int_equal(e.cur, e.len);
		check_invariants(&e);
	}
	lineedit_free(&e);
}

static void
test_set_cuts_drops_and_marks_changed(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 4);
	assert_true(lineedit_set(&e, "张三丰李"));	/* exactly full */
	assert_true(e.changed);
	e.changed = false;
	assert_true(lineedit_set(&e, "张三丰李"));
	assert_false(e.changed);			/* same text */
	assert_true(lineedit_set(&e, "张三丰四"));
	assert_true(e.changed);				/* same length */
	assert_false(lineedit_set(&e, "张三丰李四"));
	text_is(&e, "张三丰李");
	assert_int_equal(e.cur, 4);
	assert_false(lineedit_set(&e, "a\x1b" "b"));
	text_is(&e, "ab");
	assert_true(e.changed);
	assert_false(lineedit_set(&e, "a\tb"));	/* shown with a space */
	text_is(&e, "a b");
	/* Only a ZWSP lies past max_chars: still reported. */
	assert_false(lineedit_set(&e, "abcd\xe2\x80\x8b"));
	text_is(&e, "abcd");
	assert_true(lineedit_set(&e, NULL));
	text_is(&e, "");
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_width_counts_unknown_as_one(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 16);
	/* A combining mark on its character is kept and takes no cell,
	 * U+2028 becomes a space, an unassigned U+0378 counts one cell. */
	assert_false(lineedit_set(&e, "a张e\xcc\x81\xe2\x80\xa8\xcd\xb8"));
	assert_int_equal(e.len, 6);
	text_is(&e, "a张e\xcc\x81 \xcd\xb8");
	assert_int_equal(lineedit_width(&e, 0, 1), 1);
	assert_int_equal(lineedit_width(&e, 1, 2), 2);
	assert_int_equal(lineedit_width(&e, 2, 4), 1);	/* e + U+0301 */
	assert_int_equal(lineedit_width(&e, 3, 4), 0);
	assert_int_equal(lineedit_width(&e, 5, 6), 1);	/* wcwidth -1 */
	assert_int_equal(lineedit_width(&e, 0, 6), 6);
	assert_int_equal(lineedit_width(&e, 2, 2), 0);
	assert_int_equal(lineedit_width(&e, 0, 99), 6);	/* clamped */
	assert_int_equal(view(&e, 20, NULL, NULL), 6);
	lineedit_home(&e);
	assert_false(lineedit_insert(&e, 0x301));	/* on nothing */
	assert_int_equal(e.refused, KF_TEXT_LONE_MARK);
	e.refused = KF_TEXT_OK;		/* the caller said so */
	lineedit_end(&e);
	assert_false(lineedit_insert(&e, 0x200d));	/* ZWJ, no emoji */
	assert_int_equal(e.refused, KF_TEXT_CONTROL);
	assert_false(lineedit_insert(&e, 0xad));	/* soft hyphen */
	assert_false(lineedit_insert(&e, 0x61c));	/* Arabic letter mark */
	lineedit_free(&e);
}

static void
test_view_scrolls_wide_text(void **state)
{
	struct lineedit e;
	size_t first, count, i;
	int col;

	(void)state;
	lineedit_init(&e, 64);
	for (i = 0; i < 30; i++)
		assert_true(lineedit_insert(&e, (wchar_t)(L'一' + i)));
	/* At the end: four characters and the free cell for the cursor. */
	col = view(&e, 10, &first, &count);
	assert_int_equal(first, 26);
	assert_int_equal(count, 4);
	assert_int_equal(col, 8);
	lineedit_home(&e);
	col = view(&e, 10, &first, &count);
	assert_int_equal(first, 0);
	assert_int_equal(count, 5);
	assert_int_equal(col, 0);
	/* Walking right, the cursor stays in the field; the scroll follows. */
	for (i = 1; i <= 30; i++) {
		lineedit_right(&e);
		col = view(&e, 10, &first, &count);
		assert_int_equal(col, i < 5 ? 2 * (int)i : 8);
	}
	/* Walking back left, the cursor sticks to the left edge. */
	for (i = 29; i > 0; i--) {
		lineedit_left(&e);
		col = view(&e, 10, &first, &count);
		assert_int_equal(first, i < 26 ? i : 26);
		assert_int_equal(col, 2 * (int)(i - first));
	}
	lineedit_free(&e);
}

static void
test_view_odd_width_never_cuts_a_wide_char(void **state)
{
	struct lineedit e;
	size_t first, count, i;
	int col;

	(void)state;
	lineedit_init(&e, 64);
	for (i = 0; i < 30; i++)
		assert_true(lineedit_insert(&e, (wchar_t)(L'一' + i)));
	col = view(&e, 7, &first, &count);
	assert_int_equal(first, 27);
	assert_int_equal(count, 3);
	assert_int_equal(col, 6);
	lineedit_home(&e);
	col = view(&e, 7, &first, &count);
	assert_int_equal(first, 0);
	assert_int_equal(count, 3);		/* 6 cells; the 4th would cut */
	assert_int_equal(col, 0);
	lineedit_right(&e);
	lineedit_right(&e);
	assert_int_equal(view(&e, 7, &first, &count), 4);
	lineedit_right(&e);
	/* 3 would sit at column 6 with half of it off the field: scroll. */
	col = view(&e, 7, &first, &count);
	assert_int_equal(first, 1);
	assert_int_equal(count, 3);
	assert_int_equal(col, 4);
	/* A leading ASCII letter shifts everything by one cell. */
	lineedit_home(&e);
	assert_int_equal(view(&e, 7, &first, &count), 0);
	assert_true(lineedit_insert(&e, L'a'));
	col = view(&e, 7, &first, &count);
	assert_int_equal(first, 0);
	assert_int_equal(count, 4);		/* a + 3 wide = 7 cells */
	assert_int_equal(col, 1);
	lineedit_free(&e);
}

static void
test_view_scrolls_back_when_text_shrinks(void **state)
{
	struct lineedit e;
	size_t first, count, i;

	(void)state;
	lineedit_init(&e, 64);
	for (i = 0; i < 30; i++)
		assert_true(lineedit_insert(&e, L'王'));
	view(&e, 10, &first, &count);
	assert_int_equal(first, 26);
	for (i = 0; i < 27; i++)
		assert_true(lineedit_backspace(&e));
	/* Three left: all of them shown again, not a blank field. */
	assert_int_equal(view(&e, 10, &first, &count), 6);
	assert_int_equal(first, 0);
	assert_int_equal(count, 3);
	/* Replacing the text resets the view too. */
	for (i = 0; i < 30; i++)
		assert_true(lineedit_insert(&e, L'王'));
	view(&e, 10, &first, &count);
	assert_true(lineedit_set(&e, "ab"));
	assert_int_equal(view(&e, 10, &first, &count), 2);
	assert_int_equal(first, 0);
	assert_int_equal(count, 2);
	lineedit_free(&e);
}

static void
test_view_tiny_fields(void **state)
{
	struct lineedit e;
	size_t first, count;

	(void)state;
	lineedit_init(&e, 16);
	lineedit_set(&e, "张三a");
	assert_int_equal(view(&e, 1, &first, &count), 0);	/* at the end */
	assert_int_equal(first, 3);
	assert_int_equal(count, 0);
	lineedit_left(&e);
	assert_int_equal(view(&e, 1, &first, &count), 0);
	assert_int_equal(first, 2);
	assert_int_equal(count, 1);				/* the 'a' */
	lineedit_left(&e);
	/* 三 cannot fit in one cell: the cursor is still in the field. */
	assert_int_equal(view(&e, 1, &first, &count), 0);
	assert_int_equal(first, 1);
	assert_int_equal(count, 0);
	assert_int_equal(view(&e, 2, &first, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(lineedit_view(&e, 0, &first, &count), 0);
	assert_int_equal(count, 0);
	assert_int_equal(lineedit_view(&e, -5, NULL, NULL), 0);
	lineedit_free(&e);
}

/* A small deterministic generator, so a failure can be replayed. */
static uint32_t
rnd(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static bool
model_space(wchar_t c)
{
	return c == L' ' || c == 0x3000;
}

/*
 * A naive model of the text and cursor, edited by the most obvious code,
 * against which a long random session of the real editor is compared.
 */
struct model {
	wchar_t	 s[64];
	size_t	 len, cur;
};

static void
model_cut(struct model *m, size_t from, size_t to)
{
	size_t i;

	for (i = to; i < m->len; i++)
		m->s[from + i - to] = m->s[i];
	m->len -= to - from;
	m->cur = from;
}

static void
model_put(struct model *m, wchar_t c, size_t max)
{
	size_t i;

	if (m->len == max)
		return;
	for (i = m->len; i > m->cur; i--)
		m->s[i] = m->s[i - 1];
	m->s[m->cur++] = c;
	m->len++;
}

static size_t
model_word_left(const struct model *m)
{
	size_t i = m->cur;

	while (i > 0 && model_space(m->s[i - 1]))
		i--;
	while (i > 0 && !model_space(m->s[i - 1]))
		i--;
	return i;
}

static void
random_step(struct lineedit *e, struct model *m, uint32_t *seed)
{
	static const wchar_t pool[] = { L'a', L'Z', L'7', L' ', 0x3000,
	    L'张', L'三', 0x1f600, 0xfffd, L'\t', 0x1b, 0x202e, 0x85 };
	/* (Combining marks join the character before: their own tests.) */
	wchar_t chunk[8], c;
	size_t i, n, want;

	switch (rnd(seed) % 12) {
	case 0:
	case 1:
	case 2:
		c = pool[rnd(seed) % (sizeof(pool) / sizeof(pool[0]))];
		if (c == 0x1b || c == 0x202e || c == 0x85 || c == 0x301)
			assert_false(lineedit_insert(e, c));
		else if (lineedit_insert(e, c))
			model_put(m, c == L'\t' ? L' ' : c, e->max_chars);
		else
			assert_int_equal(m->len, e->max_chars);
		break;
	case 3:
		n = rnd(seed) % 8;
		for (i = 0; i < n; i++)
			chunk[i] = pool[rnd(seed) % (sizeof(pool) /
			    sizeof(pool[0]))];
		want = 0;
		for (i = 0; i < n; i++) {
			if (chunk[i] == 0x1b || chunk[i] == 0x202e ||
			    chunk[i] == 0x85 || chunk[i] == 0x301 ||
			    m->len == e->max_chars)
				continue;
			model_put(m, chunk[i] == L'\t' ? L' ' : chunk[i],
			    e->max_chars);
			want++;
		}
		assert_int_equal(lineedit_insert_str(e, chunk, n), want);
		break;
	case 4:
		lineedit_left(e);
		m->cur -= m->cur > 0;
		break;
	case 5:
		lineedit_right(e);
		m->cur += m->cur < m->len;
		break;
	case 6:
		lineedit_word_left(e);
		m->cur = model_word_left(m);
		break;
	case 7:
		lineedit_word_right(e);
		while (m->cur < m->len && !model_space(m->s[m->cur]))
			m->cur++;
		while (m->cur < m->len && model_space(m->s[m->cur]))
			m->cur++;
		break;
	case 8:
		assert_int_equal(lineedit_backspace(e), m->cur > 0);
		if (m->cur > 0)
			model_cut(m, m->cur - 1, m->cur);
		break;
	case 9:
		assert_int_equal(lineedit_delete(e), m->cur < m->len);
		if (m->cur < m->len)
			model_cut(m, m->cur, m->cur + 1);
		break;
	case 10:
		lineedit_kill_word(e);
		model_cut(m, model_word_left(m), m->cur);
		break;
	default:
		if (rnd(seed) % 2) {
			lineedit_home(e);
			m->cur = 0;
		} else {
			lineedit_end(e);
			m->cur = m->len;
		}
		break;
	}
}

static void
test_random_session_matches_model(void **state)
{
	struct lineedit e;
	struct model m = { .len = 0 };
	uint32_t seed = 20261127;
	int step;

	(void)state;
	lineedit_init(&e, 40);
	for (step = 0; step < 20000; step++) {
		random_step(&e, &m, &seed);
		check_invariants(&e);
		assert_int_equal(e.len, m.len);
		assert_int_equal(e.cur, m.cur);
		assert_int_equal(wmemcmp(e.buf, m.s, m.len), 0);
		view(&e, 1 + (int)(rnd(&seed) % 14), NULL, NULL);
	}
	lineedit_free(&e);
}

/* Issue 11: the core's one text rule, character by character (util.h). */
static void
test_rare_and_combining_are_kept(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_init(&e, 32);
	/* 𠮷 (U+20BB7, beyond the BMP) and e + U+0301: kept exactly. */
	assert_true(lineedit_set(&e, "\xf0\xa0\xae\xb7" "e\xcc\x81"));
	text_is(&e, "\xf0\xa0\xae\xb7" "e\xcc\x81");
	assert_int_equal(lineedit_width(&e, 0, e.len), 3);
	/* The mark goes with its character: one step, one backspace. */
	lineedit_left(&e);
	assert_int_equal(e.cur, 1);
	lineedit_right(&e);
	assert_int_equal(e.cur, 3);
	assert_true(lineedit_backspace(&e));
	text_is(&e, "\xf0\xa0\xae\xb7");
	/* Typed: the mark after the letter, as an IME sends it. */
	type(&e, L"e\u0301");
	text_is(&e, "\xf0\xa0\xae\xb7" "e\xcc\x81");
	lineedit_home(&e);
	lineedit_right(&e);
	assert_true(lineedit_delete(&e));
	text_is(&e, "\xf0\xa0\xae\xb7");
	assert_int_equal(e.refused, KF_TEXT_OK);
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_zwj_emoji_kept_lone_marks_refused(void **state)
{
	struct lineedit e;
	/* 👨‍👩‍👧 and 🏳️‍🌈: joiners after emoji, a variation selector. */
	static const wchar_t family[] = { 0x1f468, 0x200d, 0x1f469, 0x200d,
	    0x1f467, 0x20, 0x1f3f3, 0xfe0f, 0x200d, 0x1f308 };
	static const wchar_t zalgo[] = { L'a', 0x301, 0x302, 0x303, 0x304,
	    0x305 };

	(void)state;
	lineedit_init(&e, 32);
	assert_int_equal(lineedit_insert_str(&e, family, 10), 10);
	assert_int_equal(e.refused, KF_TEXT_OK);
	text_is(&e, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7 \xf0\x9f\x8f\xb3\xef\xb8"
	    "\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88");
	/* A mark after a space has nothing to go on: refused, and said. */
	assert_false(lineedit_insert(&e, L' ') && lineedit_insert(&e, 0x301));
	assert_int_equal(e.refused, KF_TEXT_LONE_MARK);
	e.refused = KF_TEXT_OK;
	/* Five marks on one letter: the fifth is refused. */
	assert_int_equal(lineedit_insert_str(&e, zalgo, 6), 5);
	assert_int_equal(e.refused, KF_TEXT_MANY_MARKS);
	/* lineedit_set drops what the rule refuses and says so. */
	assert_false(lineedit_set(&e, "\xcc\x81x"));
	text_is(&e, "x");
	check_invariants(&e);
	lineedit_free(&e);
}

static void
test_lost_counts_what_did_not_fit(void **state)
{
	struct lineedit e;
	wchar_t big[100];
	size_t i;

	(void)state;
	for (i = 0; i < 100; i++)
		big[i] = L'甲';
	lineedit_init(&e, 10);
	assert_int_equal(lineedit_insert_str(&e, big, 100), 10);
	assert_int_equal(e.lost, 90);
	assert_false(lineedit_insert(&e, L'a'));
	assert_int_equal(e.lost, 91);
	lineedit_free(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty_and_free_is_idempotent),
		cmocka_unit_test(test_insert_in_middle_of_cjk),
		cmocka_unit_test(test_backspace_over_wide_character),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_moves_stop_at_the_ends),
		cmocka_unit_test(test_kill_to_start_and_end),
		cmocka_unit_test(test_kill_word),
		cmocka_unit_test(test_word_moves),
		cmocka_unit_test(test_full_field_refuses_more),
		cmocka_unit_test(test_huge_paste_keeps_exactly_max),
		cmocka_unit_test(test_paste_into_middle_keeps_the_tail),
		cmocka_unit_test(test_pasted_controls_are_dropped),
		cmocka_unit_test(test_set_invalid_utf8_becomes_replacement),
		cmocka_unit_test(test_set_round_trip),
		cmocka_unit_test(test_set_cuts_drops_and_marks_changed),
		cmocka_unit_test(test_width_counts_unknown_as_one),
		cmocka_unit_test(test_view_scrolls_wide_text),
		cmocka_unit_test(test_view_odd_width_never_cuts_a_wide_char),
		cmocka_unit_test(test_view_scrolls_back_when_text_shrinks),
		cmocka_unit_test(test_view_tiny_fields),
		cmocka_unit_test(test_random_session_matches_model),
		cmocka_unit_test(test_rare_and_combining_are_kept),
		cmocka_unit_test(test_zwj_emoji_kept_lone_marks_refused),
		cmocka_unit_test(test_lost_counts_what_did_not_fit),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
