/*
 * input.h — the terminal's bytes turned into keys, pasted text and paste
 * markers: the TUI's one input decoder.
 *
 * Pure logic, no curses, no clock, no I/O: app.c reads bytes and feeds
 * them in with the time it read them; the decoder queues events it pops.
 * The function keys' escape sequences come from the caller (app.c takes
 * them from terminfo), so the decoder is the same under test, under the
 * fuzzer (tests/fuzz/fuzz_input.c) and on a terminal.
 *
 * States (a byte moves between them; a deadline passing moves too):
 *
 *           ESC                    byte ends or breaks the sequence
 *   GROUND ------> ESCAPE (esc[]) ---------------------------------> GROUND
 *     |  ^           | ESC [ 2 0 0 ~                  (a key, an unknown
 *     |  |           v                                 sequence dropped)
 *     |  |         PASTE ---- ESC [ 2 0 1 ~, or no byte for
 *     |  |           |        INPUT_PASTE_MS ----------------> GROUND
 *     |  `-----------'
 *     `-- bytes >= 0x80 collect a UTF-8 character (u8[]) in GROUND and
 *         PASTE alike; a byte that cannot continue it ends it as INPUT_BAD
 *         and is then decoded afresh (never swallowed with it).
 *
 * Invariants (tests/unit/test_input.c and the fuzzer check them):
 * (1) Every INPUT_CHAR and INPUT_PASTE_CHAR is a Unicode scalar value
 *     (U+0000..U+10FFFF, no surrogate): encoded, it is valid UTF-8.
 * (2) INPUT_PASTE_START and INPUT_PASTE_END alternate, starting with a
 *     start; INPUT_PASTE_CHAR comes only between them, INPUT_CHAR and
 *     INPUT_FKEY only outside. A paste never yields a key.
 * (3) After the bytes ESC [ 2 0 1 ~ the decoder is not in a paste,
 *     whatever came before (invalid UTF-8 included) and however the
 *     bytes were split between reads: markers are matched byte by byte.
 * (4) The timing of the bytes changes nothing as long as no gap between
 *     two of them reaches a deadline below; once no byte came for
 *     INPUT_PASTE_MS, nothing is pending (input_wait_ms returns -1 after
 *     input_idle): the session can never stay stuck in a paste.
 * (5) An invalid byte costs only itself (or the broken character it
 *     ends): the character after it is decoded as if it came alone.
 */
#ifndef KEFU_INPUT_H
#define KEFU_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A lone Esc waits this long for the rest of a sequence (Esc then a key
 * within it is Alt+key). */
#define INPUT_ESC_MS	100
/* A sequence begun (Esc [ ...) waits this long for its end: no person
 * types Esc [ 2 that fast, so a marker split between two reads by a
 * loaded link is still a marker. */
#define INPUT_SEQ_MS	500
/* A UTF-8 character begun waits this long for its other bytes. */
#define INPUT_UTF8_MS	500
/* A paste with no byte for this long has ended (its end marker was lost):
 * the next key is a key again. */
#define INPUT_PASTE_MS	1000
/* The longest escape sequence kept; a longer one is dropped as unknown. */
#define INPUT_SEQ_MAX	32

enum input_what {
	INPUT_CHAR,		/* ch typed; alt: Esc came at once before it */
	INPUT_FKEY,		/* code: a function key of the caller's table */
	INPUT_PASTE_START,
	INPUT_PASTE_CHAR,	/* ch: text of a paste, never a command */
	INPUT_PASTE_END,	/* timed_out: no end marker, INPUT_PASTE_MS */
	INPUT_BAD,		/* n bytes that are not UTF-8 were dropped */
};

struct input_ev {
	enum input_what	 what;
	unsigned	 ch;		/* INPUT_CHAR, INPUT_PASTE_CHAR */
	int		 code;		/* INPUT_FKEY */
	bool		 alt;		/* INPUT_CHAR */
	bool		 timed_out;	/* INPUT_PASTE_END */
	size_t		 n;		/* INPUT_BAD: bytes dropped */
};

/* A function key: its escape sequence (NUL-terminated, starts with ESC)
 * and the caller's code for it. */
struct input_seq {
	const char	*bytes;
	int		 code;
};

#define INPUT_QUEUE	128	/* > what one byte can produce (2 per kept byte) */

struct input {
	const struct input_seq *seqs;
	size_t		 nseqs;
	unsigned char	 esc[INPUT_SEQ_MAX];	/* ESCAPE: the sequence so far */
	size_t		 esc_len;
	bool		 pasting;		/* PASTE */
	size_t		 mark_len;		/* PASTE: end marker bytes held */
	unsigned char	 u8_len, u8_need;	/* a UTF-8 character so far */
	unsigned char	 u8_lo, u8_hi;		/* range of its next byte */
	unsigned	 u8_cp;
	int64_t		 last_ms;		/* when the last byte came */
	struct input_ev	 q[INPUT_QUEUE];	/* events not yet popped */
	size_t		 q_head, q_len;
};

/*
 * Sets up in (GROUND, empty queue) with the function keys' sequences
 * seqs[0..n), which must outlive it. Allocates nothing.
 */
void	input_init(struct input *in, const struct input_seq *seqs, size_t n);

/*
 * Decodes byte b, read at now_ms (a monotonic clock in ms). A deadline
 * that passed before it is applied first (as input_idle would), so a late
 * byte never joins what came before it. Events go to the queue: pop them
 * all (input_next) before the next call; at most INPUT_QUEUE are queued.
 */
void	input_feed(struct input *in, unsigned char b, int64_t now_ms);

/*
 * No byte came up to now_ms: ends what waited past its deadline (a lone
 * Esc is the Esc key, a broken character is INPUT_BAD, a paste with no
 * byte for INPUT_PASTE_MS ends). Returns true when it queued anything.
 */
bool	input_idle(struct input *in, int64_t now_ms);

/*
 * Milliseconds from now_ms until input_idle has something to end (0 when
 * overdue), or -1 when nothing waits: how long the caller may block
 * reading before it calls input_idle.
 */
int	input_wait_ms(const struct input *in, int64_t now_ms);

/* Pops the oldest event into *ev; false when there is none. */
bool	input_next(struct input *in, struct input_ev *ev);

/* True while inside a paste (after its start marker, before its end). */
bool	input_pasting(const struct input *in);

#endif
