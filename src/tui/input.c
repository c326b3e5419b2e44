/*
 * input.c — the TUI's input decoder (see input.h for the states and the
 * invariants). app.c feeds it the terminal's bytes one by one; nothing
 * here knows curses, so tests/unit/test_input.c and the libFuzzer target
 * tests/fuzz/fuzz_input.c drive exactly what a session runs.
 *
 * Before this file ncurses' get_wch decoded the bytes and app.c looked
 * for the paste markers among the characters it returned: a marker split
 * between two reads came out as Esc plus text, and get_wch swallowed the
 * byte after an invalid one (with a paste, sometimes the end marker's
 * Esc), so a session stayed in paste mode for good. Here each marker is
 * matched byte by byte, invalid UTF-8 ends only itself, and a paste with
 * no byte for INPUT_PASTE_MS ends by itself.
 */
#include <assert.h>
#include <string.h>

#include "input.h"

static const char paste_start[] = "\033[200~";
static const char paste_end[] = "\033[201~";
#define MARK_LEN	6

static void byte(struct input *, unsigned char);

static void
push(struct input *in, struct input_ev ev)
{
	struct input_ev *last;

	/* Bad bytes in a row are one event: a GBK line is one complaint. */
	if (ev.what == INPUT_BAD && in->q_len > 0) {
		last = &in->q[(in->q_head + in->q_len - 1) % INPUT_QUEUE];
		if (last->what == INPUT_BAD) {
			last->n += ev.n;
			return;
		}
	}
	assert(in->q_len < INPUT_QUEUE);
	if (in->q_len == INPUT_QUEUE)
		return;		/* cannot happen (input.h); never overrun */
	in->q[(in->q_head + in->q_len) % INPUT_QUEUE] = ev;
	in->q_len++;
}

static void
push_what(struct input *in, enum input_what what)
{
	push(in, (struct input_ev){ .what = what });
}

/* A character decoded: text in a paste, a key outside one. */
static void
push_char(struct input *in, unsigned ch, bool alt)
{
	push(in, (struct input_ev){ .what = in->pasting ? INPUT_PASTE_CHAR :
	    INPUT_CHAR, .ch = ch, .alt = alt && !in->pasting });
}

/* A character begun and broken: its bytes are dropped, reported once. */
static void
u8_bad(struct input *in)
{
	if (in->u8_len == 0)
		return;
	push(in, (struct input_ev){ .what = INPUT_BAD, .n = in->u8_len });
	in->u8_len = in->u8_need = 0;
}

/*
 * One byte of text (UTF-8), with the bounds of Unicode's Table 3-7 as
 * kf_utf8_decode has them: no overlong forms, no surrogates, nothing past
 * U+10FFFF. A byte that cannot continue the character in progress ends
 * it (INPUT_BAD) and is then taken on its own (invariant 5).
 */
static void
text_byte(struct input *in, unsigned char b)
{
	if (in->u8_need > 0) {
		if (b >= in->u8_lo && b <= in->u8_hi) {
			in->u8_cp = (in->u8_cp << 6) | (b & 0x3fu);
			in->u8_lo = 0x80;
			in->u8_hi = 0xbf;
			if (++in->u8_len == in->u8_need) {
				in->u8_len = in->u8_need = 0;
				push_char(in, in->u8_cp, false);
			}
			return;
		}
		u8_bad(in);
	}
	in->u8_lo = 0x80;
	in->u8_hi = 0xbf;
	if (b < 0x80) {
		push_char(in, b, false);
		return;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		in->u8_need = 2;
		in->u8_cp = b & 0x1fu;
	} else if (b >= 0xe0 && b <= 0xef) {
		in->u8_need = 3;
		in->u8_cp = b & 0x0fu;
		if (b == 0xe0)
			in->u8_lo = 0xa0;	/* no overlongs */
		else if (b == 0xed)
			in->u8_hi = 0x9f;	/* no surrogates */
	} else if (b >= 0xf0 && b <= 0xf4) {
		in->u8_need = 4;
		in->u8_cp = b & 0x07u;
		if (b == 0xf0)
			in->u8_lo = 0x90;	/* no overlongs */
		else if (b == 0xf4)
			in->u8_hi = 0x8f;	/* nothing past U+10FFFF */
	} else {
		push(in, (struct input_ev){ .what = INPUT_BAD, .n = 1 });
		return;
	}
	in->u8_len = 1;
}

/* How the sequence so far compares with the function keys' table. */
enum match { M_NONE, M_PREFIX, M_EXACT, M_EXACT_PREFIX };

static enum match
match(const struct input *in, int *code)
{
	bool exact = false, prefix = false;
	size_t i, n;

	for (i = 0; i < in->nseqs; i++) {
		n = strlen(in->seqs[i].bytes);
		if (n < in->esc_len ||
		    memcmp(in->seqs[i].bytes, in->esc, in->esc_len) != 0)
			continue;
		if (n == in->esc_len) {
			if (!exact)
				*code = in->seqs[i].code;
			exact = true;
		} else
			prefix = true;
	}
	/* The paste markers come first: a key of the terminal's that is a
	 * marker's prefix waits for the marker's next byte. */
	if (in->esc_len < MARK_LEN &&
	    (memcmp(paste_start, in->esc, in->esc_len) == 0 ||
	    memcmp(paste_end, in->esc, in->esc_len) == 0))
		prefix = true;
	if (exact)
		return prefix ? M_EXACT_PREFIX : M_EXACT;
	return prefix ? M_PREFIX : M_NONE;
}

/*
 * Esc [ then parameter bytes (0x30-0x3f), intermediates (0x20-0x2f) and a
 * final byte (0x40-0x7e): ECMA-48's control sequence. Returns 1 when the
 * sequence so far is one, complete; 0 when it is one not yet complete;
 * -1 when it is not one.
 */
static int
csi_state(const struct input *in)
{
	size_t i;
	bool inter = false;

	if (in->esc_len < 2 || in->esc[1] != '[')
		return -1;
	for (i = 2; i < in->esc_len; i++) {
		unsigned char c = in->esc[i];

		if (c >= 0x40 && c <= 0x7e)
			return i == in->esc_len - 1 ? 1 : -1;
		if (c >= 0x30 && c <= 0x3f && !inter)
			continue;
		if (c >= 0x20 && c <= 0x2f) {
			inter = true;
			continue;
		}
		return -1;
	}
	return 0;
}

static void
start_paste(struct input *in)
{
	u8_bad(in);
	push_what(in, INPUT_PASTE_START);
	in->pasting = true;
	in->mark_len = 0;
}

static void
end_paste(struct input *in, bool timed_out)
{
	u8_bad(in);
	in->pasting = false;
	in->mark_len = 0;
	push(in, (struct input_ev){ .what = INPUT_PASTE_END,
	    .timed_out = timed_out });
}

/*
 * The sequence in esc[] is no key: Esc and a printable character is
 * Alt+that character (never "Esc, then the character": Alt-b must not
 * cancel a form and type a b); else the Esc key. What follows is decoded
 * afresh, in order. At a deadline (timeout) an exact match is the key,
 * and a control sequence begun (Esc [ and more) is dropped whole: no
 * person typed it, and as keys it would run text as commands.
 */
static void
flush_esc(struct input *in, bool timeout)
{
	unsigned char tmp[INPUT_SEQ_MAX];
	size_t n = in->esc_len, i = 1;
	int code = 0;

	memcpy(tmp, in->esc, n);
	if (timeout) {
		enum match m = match(in, &code);

		in->esc_len = 0;
		if (m == M_EXACT || m == M_EXACT_PREFIX) {
			push(in, (struct input_ev){ .what = INPUT_FKEY,
			    .code = code });
			return;
		}
		if (n > 2 && (tmp[1] == '[' || tmp[1] == 'O'))
			return;
	}
	in->esc_len = 0;
	if (n >= 2 && tmp[1] >= 0x20 && tmp[1] < 0x7f && tmp[1] != '[') {
		push_char(in, tmp[1], true);
		i = 2;
	} else
		push_char(in, 0x1b, false);
	for (; i < n; i++)
		byte(in, tmp[i]);
}

/* One more byte of an escape sequence (outside a paste). */
static void
seq_byte(struct input *in, unsigned char b)
{
	int code = 0, csi;

	in->esc[in->esc_len++] = b;
	if (in->esc_len == MARK_LEN && memcmp(in->esc, paste_start,
	    MARK_LEN) == 0) {
		in->esc_len = 0;
		start_paste(in);
		return;
	}
	switch (match(in, &code)) {
	case M_EXACT:
		in->esc_len = 0;
		push(in, (struct input_ev){ .what = INPUT_FKEY, .code = code });
		return;
	case M_EXACT_PREFIX:
	case M_PREFIX:
		if (in->esc_len < INPUT_SEQ_MAX)
			return;		/* wait for more, or the deadline */
		flush_esc(in, true);
		return;
	case M_NONE:
		break;
	}
	/* A key that waited for a longer sequence that did not come: the
	 * key, then b afresh. */
	in->esc_len--;
	if (match(in, &code) == M_EXACT_PREFIX) {
		in->esc_len = 0;
		push(in, (struct input_ev){ .what = INPUT_FKEY, .code = code });
		byte(in, b);
		return;
	}
	in->esc_len++;
	csi = csi_state(in);
	if (csi == 0 && in->esc_len < INPUT_SEQ_MAX)
		return;
	if (csi >= 0 || (in->esc_len == 3 && in->esc[1] == 'O' &&
	    b >= 0x40 && b <= 0x7e)) {
		/* A whole sequence no key of ours has (a stray end marker,
		 * a focus report, a key terminfo does not list): dropped. */
		in->esc_len = 0;
		return;
	}
	flush_esc(in, false);
}

static void
byte(struct input *in, unsigned char b)
{
	size_t held, i;

	if (in->pasting) {
		if ((char)b == paste_end[in->mark_len]) {
			if (++in->mark_len == MARK_LEN)
				end_paste(in, false);
			return;
		}
		if (in->mark_len > 0) {
			/* Not the marker after all: what was held is text,
			 * and b may begin the marker itself. */
			held = in->mark_len;
			in->mark_len = 0;
			for (i = 0; i < held; i++)
				text_byte(in, (unsigned char)paste_end[i]);
			byte(in, b);
			return;
		}
		text_byte(in, b);
		return;
	}
	if (in->esc_len > 0) {
		seq_byte(in, b);
		return;
	}
	if (b == 0x1b) {
		u8_bad(in);
		in->esc[0] = b;
		in->esc_len = 1;
		return;
	}
	text_byte(in, b);
}

void
input_init(struct input *in, const struct input_seq *seqs, size_t n)
{
	memset(in, 0, sizeof(*in));
	in->seqs = seqs;
	in->nseqs = n;
}

/* The earliest deadline, or -1 when nothing waits. */
static int64_t
deadline(const struct input *in)
{
	int64_t d = -1;

	if (in->esc_len > 0)
		d = in->last_ms + (in->esc_len == 1 ? INPUT_ESC_MS :
		    INPUT_SEQ_MS);
	if (in->u8_len > 0 && (d < 0 || in->last_ms + INPUT_UTF8_MS < d))
		d = in->last_ms + INPUT_UTF8_MS;
	if (in->pasting && (d < 0 || in->last_ms + INPUT_PASTE_MS < d))
		d = in->last_ms + INPUT_PASTE_MS;
	return d;
}

bool
input_idle(struct input *in, int64_t now_ms)
{
	size_t before = in->q_len;
	int64_t gap = now_ms - in->last_ms;
	size_t held, i;
	bool again = true;

	/* Ending one thing may leave another waiting (the rest of a
	 * sequence decoded afresh): it waited as long, so it ends too. */
	while (again) {
		again = false;
		if (in->esc_len > 0 && gap >= (in->esc_len == 1 ?
		    INPUT_ESC_MS : INPUT_SEQ_MS)) {
			flush_esc(in, true);
			again = true;
		}
		if (in->u8_len > 0 && gap >= INPUT_UTF8_MS) {
			u8_bad(in);
			again = true;
		}
		if (in->pasting && gap >= INPUT_PASTE_MS) {
			/* A marker begun and never finished was text. */
			held = in->mark_len;
			in->mark_len = 0;
			for (i = 0; i < held; i++)
				text_byte(in, (unsigned char)paste_end[i]);
			end_paste(in, true);
			again = true;
		}
	}
	return in->q_len != before;
}

void
input_feed(struct input *in, unsigned char b, int64_t now_ms)
{
	int64_t d = deadline(in);

	if (d >= 0 && now_ms >= d)
		input_idle(in, now_ms);
	in->last_ms = now_ms;
	byte(in, b);
}

int
input_wait_ms(const struct input *in, int64_t now_ms)
{
	int64_t d = deadline(in);

	if (d < 0)
		return -1;
	return d <= now_ms ? 0 : (int)(d - now_ms);
}

bool
input_next(struct input *in, struct input_ev *ev)
{
	if (in->q_len == 0)
		return false;
	*ev = in->q[in->q_head];
	in->q_head = (in->q_head + 1) % INPUT_QUEUE;
	in->q_len--;
	return true;
}

bool
input_pasting(const struct input *in)
{
	return in->pasting;
}
