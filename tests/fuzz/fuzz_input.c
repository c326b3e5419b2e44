/*
 * fuzz_input.c — libFuzzer target for the TUI's input decoder
 * (src/tui/input.c): keys, escape sequences, bracketed paste, UTF-8.
 *
 * The input is the terminal's bytes, where 0xFF followed by a byte d is
 * not a byte but time passing: d * 8 ms with nothing read (input_idle),
 * so the fuzzer also splits sequences and pastes across reads and lets
 * their deadlines pass. The invariants of input.h are checked, and a
 * failure aborts (libFuzzer reports it as a crash):
 *  (1) every character decoded is a Unicode scalar value, and the text
 *      it makes is valid UTF-8 (the core's kf_utf8_valid);
 *  (2) paste start and end alternate, pasted characters only between
 *      them, keys only outside;
 *  (3) after the bytes ESC [ 2 0 1 ~ the decoder is never in a paste;
 *  (4) after a long idle nothing is pending and no paste is open; and
 *      the same bytes give the same events whether they come at once or
 *      1 ms apart (timing below every deadline changes nothing);
 *  (5) the queue never overflows (input.c asserts it; built with ASan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "kefu/util.h"

static const struct input_seq seqs[] = {
	{ "\033[A", 1 }, { "\033[B", 2 }, { "\033OA", 1 }, { "\033OB", 2 },
	{ "\033OP", 3 }, { "\033OQ", 4 }, { "\033[12~", 4 }, { "\033[21~", 5 },
	{ "\033[1~", 6 }, { "\033[H", 6 }, { "\033[1;5D", 7 }, { "\033[Z", 8 },
	{ "\033[2~", 9 }, { "\033[200", 10 },	/* a key that is a marker's prefix */
};
#define NSEQS	(sizeof(seqs) / sizeof(seqs[0]))

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "fuzz_input: %s:%d: " \
	"%s\n", __FILE__, __LINE__, #c); abort(); } } while (0)

struct log {
	unsigned char	*ev;	/* events as bytes, for comparing two runs */
	size_t		 len, cap;
	bool		 pasting;
	char		 text[5];
};

static void
log_add(struct log *l, const void *p, size_t n)
{
	if (l->len + n > l->cap) {
		l->cap = (l->cap + n) * 2;
		l->ev = realloc(l->ev, l->cap);
		CHECK(l->ev != NULL);
	}
	memcpy(l->ev + l->len, p, n);
	l->len += n;
}

/* Encodes cp as UTF-8 into l->text (invariant 1 asks the core). */
static void
check_char(struct log *l, unsigned cp)
{
	char *p = l->text;

	CHECK(cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff));
	if (cp == 0)
		return;		/* NUL ends a C string: valid by itself */
	if (cp < 0x80)
		*p++ = (char)cp;
	else if (cp < 0x800) {
		*p++ = (char)(0xc0 | (cp >> 6));
		*p++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*p++ = (char)(0xe0 | (cp >> 12));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*p++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*p++ = (char)(0xf0 | (cp >> 18));
		*p++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*p++ = (char)(0x80 | (cp & 0x3f));
	}
	*p = '\0';
	CHECK(kf_utf8_valid(l->text));
}

static void
drain(struct input *in, struct log *l)
{
	struct input_ev ev;
	unsigned char rec[8];

	while (input_next(in, &ev)) {
		switch (ev.what) {
		case INPUT_CHAR:
		case INPUT_FKEY:
			CHECK(!l->pasting);			/* (2) */
			if (ev.what == INPUT_CHAR)
				check_char(l, ev.ch);
			break;
		case INPUT_PASTE_CHAR:
			CHECK(l->pasting);			/* (2) */
			CHECK(!ev.alt);
			check_char(l, ev.ch);
			break;
		case INPUT_PASTE_START:
			CHECK(!l->pasting);
			l->pasting = true;
			break;
		case INPUT_PASTE_END:
			CHECK(l->pasting);
			l->pasting = false;
			break;
		case INPUT_BAD:
			CHECK(ev.n >= 1 && ev.n <= 4);
			continue;	/* runs merge differently: not logged */
		}
		rec[0] = (unsigned char)ev.what;
		rec[1] = (unsigned char)ev.alt;
		memcpy(rec + 2, &ev.ch, 4);
		rec[6] = (unsigned char)ev.code;
		rec[7] = (unsigned char)ev.timed_out;
		log_add(l, rec, sizeof(rec));
	}
	CHECK(l->pasting == input_pasting(in));	/* all popped: in step */
}

/* The data with its time controls, as a session would live it. */
static void
run_timed(const uint8_t *data, size_t size)
{
	static const char end[] = "\033[201~";
	struct input in;
	struct log l = { 0 };
	int64_t now = 0;
	size_t i;

	input_init(&in, seqs, NSEQS);
	for (i = 0; i < size; i++) {
		if (data[i] == 0xff && i + 1 < size) {
			now += (int64_t)data[++i] * 8;
			input_idle(&in, now);
		} else
			input_feed(&in, data[i], now++);
		drain(&in, &l);
	}
	for (i = 0; i < 6; i++) {			/* (3) */
		input_feed(&in, (unsigned char)end[i], now++);
		drain(&in, &l);
	}
	CHECK(!input_pasting(&in));
	now += INPUT_PASTE_MS + INPUT_SEQ_MS;		/* (4) */
	input_idle(&in, now);
	drain(&in, &l);
	CHECK(!input_pasting(&in) && !l.pasting);
	CHECK(input_wait_ms(&in, now) == -1);
	CHECK(in.q_len == 0);
	free(l.ev);
}

/* The bytes alone (time controls taken as bytes), gap ms apart. */
static struct log
run_plain(const uint8_t *data, size_t size, int gap)
{
	struct input in;
	struct log l = { 0 };
	int64_t now = 0;
	size_t i;

	input_init(&in, seqs, NSEQS);
	for (i = 0; i < size; i++) {
		input_feed(&in, data[i], now);
		now += gap;
		drain(&in, &l);
	}
	now += INPUT_PASTE_MS + INPUT_SEQ_MS;
	input_idle(&in, now);
	drain(&in, &l);
	CHECK(!input_pasting(&in) && input_wait_ms(&in, now) == -1);
	return l;
}

/*
 * The data, without its Esc bytes, pasted between the two markers split
 * around it: text only, one paste, never a key (invariant 2, and "a paste
 * never runs as commands").
 */
static void
run_paste(const uint8_t *data, size_t size)
{
	static const char start[] = "\033[200~", end[] = "\033[201~";
	struct input in;
	struct log l = { 0 };
	struct input_ev ev;
	int64_t now = 0;
	size_t i, starts = 0, ends = 0;

	input_init(&in, seqs, NSEQS);
	for (i = 0; i < 6; i++)
		input_feed(&in, (unsigned char)start[i], now += 40);
	for (i = 0; i < size; i++)	/* gaps of 0..300 ms: a loaded link */
		if (data[i] != 0x1b)
			input_feed(&in, data[i], now += (data[i] & 0x3) * 100);
	for (i = 0; i < 6; i++)
		input_feed(&in, (unsigned char)end[i], now += 90);
	while (input_next(&in, &ev)) {
		CHECK(ev.what != INPUT_CHAR && ev.what != INPUT_FKEY);
		starts += ev.what == INPUT_PASTE_START;
		ends += ev.what == INPUT_PASTE_END;
		CHECK(ev.what != INPUT_PASTE_END || !ev.timed_out);
		if (ev.what == INPUT_PASTE_CHAR)
			check_char(&l, ev.ch);
	}
	CHECK(starts == 1 && ends == 1 && !input_pasting(&in));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct log a, b;

	if (size > 4096)
		return 0;
	run_timed(data, size);
	if (size <= 40)		/* the queue holds 128 events: drained once */
		run_paste(data, size);
	a = run_plain(data, size, 0);
	b = run_plain(data, size, 1);
	CHECK(a.len == b.len && (a.len == 0 ||
	    memcmp(a.ev, b.ev, a.len) == 0));		/* (4) */
	free(a.ev);
	free(b.ev);
	return 0;
}
