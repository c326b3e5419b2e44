/*
 * lineedit.h — the single-line text editor every form field uses.
 *
 * Pure logic, no curses: a wchar_t buffer, a cursor (an index into it), and
 * a horizontal scroll offset, all measured so that double-width CJK
 * characters are handled correctly. The form widget draws the visible
 * slice (lineedit_view) and places the terminal cursor at the column it
 * returns; it feeds keys in with the functions below.
 *
 * Invariants:
 * (1) 0 <= cur <= len <= max_chars; buf[len] == L'\0'.
 * (2) The buffer never holds a control character (C0, DEL, C1) or a
 *     Unicode format character (U+200B..U+200F, U+202A..U+202E,
 *     U+2066..U+2069, U+FEFF): inserting one is refused (pasted newlines
 *     and tabs become spaces instead, so a pasted address stays readable).
 * (3) After lineedit_view(e, width), the cursor's column lies in
 *     [0, width-1] and no double-width character is cut at either edge.
 *
 * Ownership: lineedit_init allocates the buffer; lineedit_free frees it.
 * lineedit_text returns a new UTF-8 string the caller frees.
 */
#ifndef KEFU_LINEEDIT_H
#define KEFU_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct lineedit {
	wchar_t	*buf;
	size_t	 len;		/* characters in buf */
	size_t	 cur;		/* cursor: insert position, 0..len */
	size_t	 max_chars;	/* capacity in characters (not bytes) */
	size_t	 scroll;	/* index of the first visible character */
	bool	 changed;	/* set by every edit; the caller clears it */
};

/* Sets up e for at most max_chars characters (>= 1), empty. */
void	lineedit_init(struct lineedit *e, size_t max_chars);
void	lineedit_free(struct lineedit *e);

/*
 * Replaces the contents with UTF-8 text (invalid bytes become U+FFFD,
 * forbidden characters are dropped, anything past max_chars is cut);
 * cursor at the end. Returns false when something was dropped or cut.
 */
bool	lineedit_set(struct lineedit *e, const char *utf8);

/* The contents as a new UTF-8 string (never NULL). */
char	*lineedit_text(const struct lineedit *e);

/*
 * Inserts one character at the cursor. Returns false (nothing changed)
 * when the field is full or the character is forbidden (see (2)); a
 * newline, carriage return or tab is inserted as a space.
 */
bool	lineedit_insert(struct lineedit *e, wchar_t c);

/*
 * Inserts a whole paste: each character as lineedit_insert would. Stops at
 * max_chars; returns the number of characters inserted.
 */
size_t	lineedit_insert_str(struct lineedit *e, const wchar_t *s, size_t n);

void	lineedit_left(struct lineedit *e);
void	lineedit_right(struct lineedit *e);
void	lineedit_home(struct lineedit *e);
void	lineedit_end(struct lineedit *e);
/* Ctrl-Left / Ctrl-Right: to the previous / next word start (spaces delimit). */
void	lineedit_word_left(struct lineedit *e);
void	lineedit_word_right(struct lineedit *e);
bool	lineedit_backspace(struct lineedit *e);	/* false at the start */
bool	lineedit_delete(struct lineedit *e);	/* false at the end */
void	lineedit_kill_to_start(struct lineedit *e);	/* Ctrl-U */
void	lineedit_kill_to_end(struct lineedit *e);	/* Ctrl-K */
/* Ctrl-W: delete the word before the cursor. */
void	lineedit_kill_word(struct lineedit *e);

/*
 * Display width in terminal cells of buf[from..to) (wcwidth; a character
 * whose width is unknown or 0 counts as 1 since it is drawn as a
 * replacement).
 */
int	lineedit_width(const struct lineedit *e, size_t from, size_t to);

/*
 * Adjusts e->scroll so the cursor is visible in a field width cells wide
 * (keeping a cell free for the cursor at the end), and returns the
 * cursor's column within the field. *first and *count receive the slice of
 * buf to draw: it fits in width cells.
 */
int	lineedit_view(struct lineedit *e, int width, size_t *first,
	    size_t *count);

#endif
