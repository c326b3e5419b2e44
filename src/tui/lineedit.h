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
 * (2) The buffer holds only what the core's text rule keeps (kf_text_char,
 *     util.h): no control or invisible format character, a combining
 *     mark or emoji joiner only on a character before it, at most
 *     KF_TEXT_MARKS_MAX marks on one. Inserting anything else is refused
 *     and remembered in `refused` (pasted newlines and tabs become spaces
 *     instead, so a pasted address stays readable), so the caller says
 *     what the CLI would say, never strips silently.
 * (3) After lineedit_view(e, width), the cursor's column lies in
 *     [0, width-1] and no double-width character is cut at either edge.
 * (4) The cursor and the scroll never sit on a zero-width mark: a
 *     character and its marks move and delete as one (e + U+0301 is one
 *     step, one cell).
 *
 * Ownership: lineedit_init allocates the buffer; lineedit_free frees it.
 * lineedit_text returns a new UTF-8 string the caller frees.
 */
#ifndef KEFU_LINEEDIT_H
#define KEFU_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "kefu/util.h"

struct lineedit {
	wchar_t	*buf;
	size_t	 len;		/* characters in buf */
	size_t	 cur;		/* cursor: insert position, 0..len */
	size_t	 max_chars;	/* capacity in characters (not bytes) */
	size_t	 scroll;	/* index of the first visible character */
	bool	 changed;	/* set by every edit; the caller clears it */
	/* Set by inserts, cleared by the caller once it has said so: the
	 * first refusal of the text rule, and characters that did not fit
	 * (max_chars reached). */
	enum kf_text_verdict refused;
	size_t	 lost;
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
 * when the field is full (lost counts it) or the rule refuses it (see
 * (2), refused says why); a newline, carriage return or tab is inserted
 * as a space.
 */
bool	lineedit_insert(struct lineedit *e, wchar_t c);

/*
 * Inserts a whole paste: each character as lineedit_insert would. Keeps
 * at most max_chars (lost counts the rest); returns the number inserted.
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
 * Display width in terminal cells of buf[from..to) (wcwidth; a zero-width
 * mark counts 0, it goes on the character before it; a character whose
 * width is unknown counts as 1 since it is drawn as a replacement).
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
