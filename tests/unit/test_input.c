/*
 * test_input.c — the TUI's input decoder (src/tui/input.c), issue 11:
 * paste markers split at every byte, invalid UTF-8 in and out of a paste,
 * a paste that never ends, GBK bytes followed by ASCII, keys and Alt.
 * Events are written as a string so a whole session is one comparison:
 *   c    a typed character (printable ASCII as itself, else <U+XXXX>)
 *   A-c  Alt+c      [Fn]  function key code n      !n  n bad bytes
 *   {    paste start   }  paste end   }T  paste end by timeout
 *   pasted characters are written inside the braces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "input.h"

#define K_UP	1
#define K_F2	2
#define K_F10	10
#define K_HOME	20

static const struct input_seq seqs[] = {
	{ "\033[A", K_UP }, { "\033OA", K_UP }, { "\033OQ", K_F2 },
	{ "\033[12~", K_F2 }, { "\033[21~", K_F10 }, { "\033[H", K_HOME },
	{ "\033[1~", K_HOME },
};
#define NSEQS	(sizeof(seqs) / sizeof(seqs[0]))

struct run {
	struct input	 in;
	int64_t		 now;
	char		 out[8192];
	size_t		 len;
	size_t		 bad;	/* bad bytes not yet written: "!n" once */
};

static void
out(struct run *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(r->out + r->len, sizeof(r->out) - r->len, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(r->out) - r->len);
	r->len += (size_t)n;
}

static void
flush_bad(struct run *r)
{
	if (r->bad > 0)
		out(r, "!%zu", r->bad);
	r->bad = 0;
}

static void
drain(struct run *r)
{
	struct input_ev ev;

	while (input_next(&r->in, &ev)) {
		if (ev.what != INPUT_BAD)
			flush_bad(r);
		switch (ev.what) {
		case INPUT_CHAR:
		case INPUT_PASTE_CHAR:
			assert_true(ev.ch <= 0x10ffff &&
			    !(ev.ch >= 0xd800 && ev.ch <= 0xdfff));
			if (ev.alt)
				out(r, "A-");
			if (ev.ch >= 0x20 && ev.ch < 0x7f)
				out(r, "%c", (char)ev.ch);
			else
				out(r, "<U+%04X>", ev.ch);
			break;
		case INPUT_FKEY:
			out(r, "[F%d]", ev.code);
			break;
		case INPUT_PASTE_START:
			out(r, "{");
			break;
		case INPUT_PASTE_END:
			out(r, ev.timed_out ? "}T" : "}");
			break;
		case INPUT_BAD:
			assert_true(ev.n >= 1 && ev.n <= 4);
			r->bad += ev.n;
			break;
		}
	}
}

static void
start(struct run *r)
{
	memset(r, 0, sizeof(*r));
	input_init(&r->in, seqs, NSEQS);
	r->now = 1000;
}

/* Bytes arriving together (1 ms apart: no deadline passes). */
static void
feed(struct run *r, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		input_feed(&r->in, (unsigned char)s[i], r->now++);
		drain(r);
	}
}

static void
feeds(struct run *r, const char *s)
{
	feed(r, s, strlen(s));
}

/* ms pass with no byte (the read timed out). */
static void
idle(struct run *r, int ms)
{
	r->now += ms;
	input_idle(&r->in, r->now);
	drain(r);
}

static void
expect(struct run *r, const char *want)
{
	flush_bad(r);
	r->out[r->len] = '\0';
	assert_string_equal(r->out, want);
}

static void
test_keys_and_alt(void **state)
{
	struct run r;

	(void)state;
	start(&r);
	feeds(&r, "ab\033[A\033OQ\033bq");
	idle(&r, 10);
	feeds(&r, "\033");
	idle(&r, INPUT_ESC_MS);		/* a lone Esc is the Esc key */
	feeds(&r, "\r\t");
	expect(&r, "ab[F1][F2]A-bq<U+001B><U+000D><U+0009>");
	assert_int_equal(input_wait_ms(&r.in, r.now), -1);
}

static void
test_unknown_sequences_are_dropped(void **state)
{
	struct run r;

	(void)state;
	start(&r);
	/* Ctrl-Up (not in the table), a focus report, a stray end marker:
	 * never typed as "[1;5A" or "[I". */
	feeds(&r, "x\033[1;5A\033[I\033[201~y");
	expect(&r, "xy");
}

static void
test_utf8_and_rare_characters(void **state)
{
	struct run r;

	(void)state;
	start(&r);
	feeds(&r, "\xe7\x8e\x8b\xf0\xa0\xae\xb7" "e\xcc\x81");
	expect(&r, "<U+738B><U+20BB7>e<U+0301>");
}

/* GBK 你好 (C4 E3 BA C3) then ASCII: the bytes are reported, the 'a'
 * after them is never eaten (invariant 5). */
static void
test_gbk_then_ascii(void **state)
{
	struct run r;

	(void)state;
	start(&r);
	feeds(&r, "\xc4\xe3\xba\xc3" "a");
	expect(&r, "!4a");
	start(&r);
	feeds(&r, "\xc4" "b\xff" "c\xe4\xb8" "d");	/* each cut short */
	expect(&r, "!1b!1c!2d");
	start(&r);
	feeds(&r, "\xe4\xb8");			/* then nothing comes */
	idle(&r, INPUT_UTF8_MS);
	feeds(&r, "q");
	expect(&r, "!2q");
	start(&r);
	feeds(&r, "\xc4\033OQ");		/* a broken char, then F2 */
	expect(&r, "!1[F2]");
	start(&r);
	feeds(&r, "\xed\xa0\x80\xf4\x90\x80\x80\xc0\xaf");	/* surrogate, too big, overlong */
	expect(&r, "!9");
}

static void
test_paste_is_text(void **state)
{
	struct run r;

	(void)state;
	start(&r);
	feeds(&r, "\033[200~a\tb\r\033q\033[Ac\033[201~q");
	expect(&r, "{a<U+0009>b<U+000D><U+001B>q<U+001B>[Ac}q");
}

/* Both markers split at every byte boundary, with a long gap there. */
static void
test_markers_split_everywhere(void **state)
{
	static const char m1[] = "\033[200~", m2[] = "\033[201~";
	struct run r;
	size_t i, j;

	(void)state;
	for (i = 1; i < 6; i++)
		for (j = 1; j < 6; j++) {
			start(&r);
			feed(&r, m1, i);
			/* A loaded link: the rest comes late (a lone Esc
			 * waits less: it may be the Esc key). */
			idle(&r, (i == 1 ? INPUT_ESC_MS : INPUT_SEQ_MS) - 50);
			feed(&r, m1 + i, 6 - i);
			feeds(&r, "\xe4\xb8\xad x");
			feed(&r, m2, j);
			idle(&r, INPUT_PASTE_MS - 100);
			feed(&r, m2 + j, 6 - j);
			feeds(&r, "q");
			expect(&r, "{<U+4E2D> x}q");
			assert_false(input_pasting(&r.in));
		}
}

/* The end marker right after invalid bytes, or after a character cut
 * short, still ends the paste (invariant 3). */
static void
test_invalid_bytes_never_swallow_the_end(void **state)
{
	struct run r;

	(void)state;
	start(&r);
	feeds(&r, "\033[200~\xc4\xe3\xba\033[201~q");
	expect(&r, "{!3}q");
	start(&r);
	feeds(&r, "\033[200~\xf0\x9f\x98\033[201~\033[21~");
	expect(&r, "{!3}[F10]");
	start(&r);
	feeds(&r, "\033[200~\xff\033\033[201~x");	/* Esc Esc [ 2 0 1 ~ */
	expect(&r, "{!1<U+001B>}x");
	start(&r);
	feeds(&r, "\033[200~\033[20\033[201~x");	/* a marker begun twice */
	expect(&r, "{<U+001B>[20}x");
}

/* A paste whose end marker never comes ends by itself: the next key is
 * a key again. */
static void
test_paste_that_never_ends(void **state)
{
	struct run r;

	(void)state;
	start(&r);
	feeds(&r, "\033[200~abc");
	assert_true(input_pasting(&r.in));
	assert_true(input_wait_ms(&r.in, r.now) > 0);
	idle(&r, INPUT_PASTE_MS - 2);	/* the last byte came 1 ms ago */
	assert_true(input_pasting(&r.in));
	idle(&r, 1);
	assert_false(input_pasting(&r.in));
	feeds(&r, "q\033[21~");
	expect(&r, "{abc}Tq[F10]");
	/* The same when the key comes late, with no idle call between. */
	start(&r);
	feeds(&r, "\033[200~ab\033[20");
	r.now += INPUT_PASTE_MS;
	feeds(&r, "q");
	expect(&r, "{ab<U+001B>[20}Tq");
	assert_int_equal(input_wait_ms(&r.in, r.now), -1);
}

/* A start marker cut and left waiting: dropped, never keys. */
static void
test_start_marker_cut_for_good(void **state)
{
	struct run r;

	(void)state;
	start(&r);
	feeds(&r, "\033[20");
	idle(&r, INPUT_SEQ_MS);
	feeds(&r, "q");
	expect(&r, "q");
	start(&r);
	feeds(&r, "\033[");		/* Esc then [ typed quickly */
	idle(&r, INPUT_SEQ_MS);
	expect(&r, "<U+001B>[");
}

/* A long paste: every character arrives, nothing is dropped or doubled,
 * however the bytes are split (here, one by one with gaps). */
static void
test_long_cjk_paste(void **state)
{
	struct run r;
	int i;

	(void)state;
	start(&r);
	feeds(&r, "\033[200~");
	for (i = 0; i < 500; i++) {
		feeds(&r, "\xe7\x94\xb2");	/* 甲 */
		if (i % 7 == 0)
			idle(&r, 300);
	}
	feeds(&r, "\033[2");
	idle(&r, 300);
	feeds(&r, "01~");
	assert_false(input_pasting(&r.in));
	flush_bad(&r);
	assert_int_equal(r.len, 1 + 500 * 8 + 1);
	assert_string_equal(r.out + r.len - 9, "<U+7532>}");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_and_alt),
		cmocka_unit_test(test_unknown_sequences_are_dropped),
		cmocka_unit_test(test_utf8_and_rare_characters),
		cmocka_unit_test(test_gbk_then_ascii),
		cmocka_unit_test(test_paste_is_text),
		cmocka_unit_test(test_markers_split_everywhere),
		cmocka_unit_test(test_invalid_bytes_never_swallow_the_end),
		cmocka_unit_test(test_paste_that_never_ends),
		cmocka_unit_test(test_start_marker_cut_for_good),
		cmocka_unit_test(test_long_cjk_paste),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
