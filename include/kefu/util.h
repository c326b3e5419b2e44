/*
 * util.h — small things every module needs: allocation that never returns
 * NULL, a growable string buffer, JSON string escaping, the UTF-8 decoder,
 * UTF-8 checks and display width.
 */
#ifndef KEFU_UTIL_H
#define KEFU_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocators that report and abort on out-of-memory; never return NULL. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t nmemb, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte string. Zero-initialise; free with kf_buf_free. */
struct kf_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

void	kf_buf_add(struct kf_buf *b, const char *s, size_t n);
void	kf_buf_puts(struct kf_buf *b, const char *s);
void	kf_buf_printf(struct kf_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. NULL appends null. */
void	kf_buf_json_str(struct kf_buf *b, const char *s);
/* Empties b, keeping its memory. */
void	kf_buf_reset(struct kf_buf *b);
/* Returns the string (never NULL, "" when empty). Lent until the next add. */
const char *kf_buf_str(const struct kf_buf *b);
void	kf_buf_free(struct kf_buf *b);

/*
 * True for a character that must never be stored in a one-line field or
 * sent to a terminal: C0 and C1 controls, DEL, and the invisible format
 * characters (soft hyphen, bidi marks and overrides, zero-width spaces and
 * the non-joiner, line/paragraph separators, word joiner and invisible
 * operators, BOM, interlinear annotation, tags). The one list the core,
 * the line editor and the screen drawing share. The zero width joiner
 * U+200D is not on it: harmless on a terminal or in a CSV file, it is
 * the glue of emoji sequences, and the text rule (kf_text_char) keeps it
 * only right after an emoji.
 */
bool	kf_unsafe_char(unsigned cp);

/* What a malformed UTF-8 sequence decodes to. */
#define KF_UTF8_REPLACEMENT	0xfffdu

/*
 * The one UTF-8 decoder of kefu (core, CLI and TUI). Decodes the character
 * at s (s[0] != '\0') into *cp and returns the bytes it took (1 to 4).
 * A malformed sequence (a stray continuation or invalid lead byte, a
 * character cut short (a NUL ends it), an overlong form, a surrogate,
 * above U+10FFFF) gives KF_UTF8_REPLACEMENT for its longest valid prefix,
 * at least one byte, as Unicode recommends (Table 3-8): a truncated
 * character costs one replacement and the byte after it is not lost; then
 * *bad (unless NULL) is set to true, and left alone otherwise. Never reads
 * past a NUL. Allocates nothing.
 */
size_t	kf_utf8_decode(const char *s, unsigned *cp, bool *bad);
/* The same over bytes that need not end in a NUL: reads at most avail
 * (>= 1) bytes of s; a character cut by the end is malformed. */
size_t	kf_utf8_decode_n(const char *s, size_t avail, unsigned *cp, bool *bad);

/* True when s is valid UTF-8 (no overlongs, no surrogates). */
bool	kf_utf8_valid(const char *s);

/* The characters (code points) of UTF-8 text s, as field limits count. */
size_t	kf_utf8_chars(const char *s);

/*
 * The one text rule: which characters a stored text may hold, applied by
 * the core to everything a person types (kf_check_text), by the CLI
 * through it, and by the TUI's line editor character by character
 * (lineedit.c), so both faces keep and refuse the same text
 * (docs/user-guide.md, "What a text field holds"). A character is
 *  - refused (KF_TEXT_CONTROL) when kf_unsafe_char says so, and so is a
 *    zero width joiner (U+200D) anywhere but right after an emoji (a
 *    pictograph, with its variation selector or skin tone): the joiner
 *    of a ZWJ emoji sequence such as 👨‍👩‍👧 is kept;
 *  - a zero-width mark (kf_text_zero_width: a combining accent, a
 *    variation selector, the joiner) must follow a visible character, a
 *    space not counting (KF_TEXT_LONE_MARK), and one character carries at
 *    most KF_TEXT_MARKS_MAX of them (KF_TEXT_MANY_MARKS): "e\u0301" is
 *    kept, a mark that would draw over the text before the field is not;
 *  - anything else (CJK beyond the BMP such as 𠮷 U+20BB7, emoji) is kept.
 * The context is the character before: base is the last character that is
 * not a zero-width mark (0 at the start; a space counts as 0), marks how
 * many zero-width marks follow it.
 */
enum kf_text_verdict {
	KF_TEXT_OK = 0,
	KF_TEXT_CONTROL,	/* control or invisible format character */
	KF_TEXT_LONE_MARK,	/* a mark with no character to go on */
	KF_TEXT_MANY_MARKS,	/* more than KF_TEXT_MARKS_MAX on one */
};
#define KF_TEXT_MARKS_MAX	4

enum kf_text_verdict kf_text_char(unsigned base, unsigned marks, unsigned cp);
/* The context after cp was kept: base and marks as kf_text_char has them. */
void	kf_text_step(unsigned *base, unsigned *marks, unsigned cp);
/* True for a character drawn in no cell of its own (wcwidth 0 in a UTF-8
 * locale, U+0300 and above): it goes on the character before it. */
bool	kf_text_zero_width(unsigned cp);
/*
 * The verdict on the whole of s: the first refusal, or KF_TEXT_OK when s
 * is valid UTF-8 that the rule keeps as it is (invalid UTF-8 is
 * KF_TEXT_CONTROL here; kf_check_text says "invalid UTF-8" first).
 */
enum kf_text_verdict kf_text_verdict(const char *s);

/* True when kf_text_verdict(s) is KF_TEXT_OK: text safe to store in a
 * one-line field and show on a terminal. */
bool	kf_text_clean(const char *s);

/* True when s is NULL or only ASCII/ideographic spaces. */
bool	kf_blank(const char *s);

/*
 * The first line of s (up to its first '\n') into buf, at most n - 1
 * bytes and a NUL (n >= 1; NULL s is ""), cut before a character that
 * would not fit, never in its middle: a record's one-line subject (a
 * callback's topic). Returns the bytes written.
 */
size_t	kf_text_first_line(char *buf, size_t n, const char *s);

/*
 * The stored form of a phone number as a person typed it: its digits,
 * with a leading '+' kept and spaces, dashes and parentheses dropped
 * ("138-0013 8000" and "(138) 0013-8000" are both "13800138000"; a
 * country code stays as typed: "+86 138..." is "+86138..."). Every record
 * stores this form (the core checks it), and a face may use it to tell a
 * phone number from other search text. Writes it into out (n bytes;
 * strlen(typed) + 1 always suffices) and returns how many digits it has,
 * or -1 when typed holds anything else or out is too small. NULL is "".
 */
#define KF_PHONE_MIN_DIGITS	5
#define KF_PHONE_MAX_DIGITS	20
int	kf_phone_normal(const char *typed, char *out, size_t n);

/* Terminal display width of UTF-8 s (CJK counts 2), as under C.UTF-8
 * whatever the process's locale. */
int	kf_utf8_width(const char *s);

#endif
