/*
 * lineedit.c — the single-line text editor behind every form field (see
 * lineedit.h for the model and its invariants).
 *
 * Everything is counted in wchar_t, one per Unicode scalar value, so an
 * index can never fall inside a character. Cells are counted separately,
 * with cellw(), and only where the screen is concerned: lineedit_width and
 * lineedit_view. UTF-8 is decoded by the core's kf_utf8_decode rather than
 * mbstowcs so that a field loads the same text whatever the locale; only wcwidth
 * depends on it (a UTF-8 LC_CTYPE, which main sets up).
 *
 * Every path that adds characters goes through admit(), which is what keeps
 * invariant (2); every path that removes them goes through cut(). The flag
 * `changed` is set exactly when the contents change: cursor moves, refused
 * input and no-op kills leave it alone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "kefu/util.h"
#include "lineedit.h"

#define IDEO_SPACE	((wchar_t)0x3000)

/*
 * What inserting c actually stores: c itself, a space for a newline,
 * carriage return or tab, or 0 when c is refused by invariant (2). Values
 * that are not Unicode scalar values (surrogates, beyond U+10FFFF,
 * negative) are refused too: lineedit_text could not encode them.
 */
static wchar_t
admit(wchar_t c)
{
	uint32_t u = (uint32_t)c;

	if (u == '\n' || u == '\r' || u == '\t' || u == 0x2028 || u == 0x2029)
		return L' ';
	if ((u >= 0xd800 && u <= 0xdfff) || u > 0x10ffff || kf_unsafe_char(u))
		return 0;
	/* A combining or zero-width mark would put the cursor a cell off
	 * (the terminal draws it into the previous cell): refused. */
	if (u >= 0x20 && wcwidth(c) == 0)
		return 0;
	return c;
}

/* Cells c takes on screen; unknown and zero widths are drawn as one. */
static int
cellw(wchar_t c)
{
	int w = wcwidth(c);

	return w > 0 ? w : 1;
}

/* Word moves treat the ASCII and the ideographic space as delimiters. */
static bool
is_space(wchar_t c)
{
	return c == L' ' || c == IDEO_SPACE;
}

/* Encodes wc at p (room for 4 bytes); returns the bytes written. */
static size_t
utf8_put(char *p, wchar_t wc)
{
	uint32_t u = (uint32_t)wc;

	if ((u >= 0xd800 && u <= 0xdfff) || u > 0x10ffff)
		u = 0xfffd;	/* cannot be in buf (admit); encode safely */
	if (u < 0x80) {
		p[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		p[0] = (char)(0xc0 | (u >> 6));
		p[1] = (char)(0x80 | (u & 0x3f));
		return 2;
	}
	if (u < 0x10000) {
		p[0] = (char)(0xe0 | (u >> 12));
		p[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		p[2] = (char)(0x80 | (u & 0x3f));
		return 3;
	}
	p[0] = (char)(0xf0 | (u >> 18));
	p[1] = (char)(0x80 | ((u >> 12) & 0x3f));
	p[2] = (char)(0x80 | ((u >> 6) & 0x3f));
	p[3] = (char)(0x80 | (u & 0x3f));
	return 4;
}

/* Removes buf[from..to) (from <= to <= len); the cursor goes to from. */
static void
cut(struct lineedit *e, size_t from, size_t to)
{
	if (from == to) {
		e->cur = from;
		return;
	}
	memmove(e->buf + from, e->buf + to,
	    (e->len - to + 1) * sizeof(*e->buf));	/* with the NUL */
	e->len -= to - from;
	e->cur = from;
	e->changed = true;
}

/* Start of the word before i: back over spaces, then over the word. */
static size_t
word_start_before(const struct lineedit *e, size_t i)
{
	while (i > 0 && is_space(e->buf[i - 1]))
		i--;
	while (i > 0 && !is_space(e->buf[i - 1]))
		i--;
	return i;
}

/* A max_chars of 0 breaks the header's rule; it is taken as 1, not trusted. */
void
lineedit_init(struct lineedit *e, size_t max_chars)
{
	memset(e, 0, sizeof(*e));
	e->max_chars = max_chars ? max_chars : 1;
	e->buf = xcalloc(e->max_chars + 1, sizeof(*e->buf));
}

/* Frees the buffer and zeroes e, so a second call does nothing. */
void
lineedit_free(struct lineedit *e)
{
	free(e->buf);
	memset(e, 0, sizeof(*e));
}

/*
 * Returns true only when the field now holds exactly utf8: a replaced
 * invalid sequence or a newline turned into a space also returns false, so
 * the caller can tell the user the stored text is not shown as it is. NULL
 * loads an empty field. The scroll goes back to 0; changed is set when the
 * contents differ from before (compared while overwriting, so no copy).
 */
bool
lineedit_set(struct lineedit *e, const char *utf8)
{
	const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
	size_t old_len = e->len, i = 0;
	bool bad = false, differ = false;
	wchar_t wc, c;
	unsigned cp;

	while (*p != '\0' && i < e->max_chars) {
		p += kf_utf8_decode((const char *)p, &cp, &bad);
		wc = (wchar_t)cp;
		if ((c = admit(wc)) != wc)
			bad = true;	/* dropped, or turned into a space */
		if (c == 0)
			continue;
		if (i >= old_len || e->buf[i] != c)
			differ = true;
		e->buf[i++] = c;
	}
	if (*p != '\0')
		bad = true;	/* cut at max_chars */
	if (i != old_len)
		differ = true;
	e->buf[i] = L'\0';
	e->len = e->cur = i;
	e->scroll = 0;
	if (differ)
		e->changed = true;
	return !bad;
}

char *
lineedit_text(const struct lineedit *e)
{
	char *s = xmalloc(e->len * 4 + 1), *p = s;
	size_t i;

	for (i = 0; i < e->len; i++)
		p += utf8_put(p, e->buf[i]);
	*p = '\0';
	return s;
}

bool
lineedit_insert(struct lineedit *e, wchar_t c)
{
	return lineedit_insert_str(e, &c, 1) == 1;
}

/*
 * Forbidden characters are skipped, not a reason to stop. Makes room once
 * and copies in place, so a long paste into the middle costs one move.
 */
size_t
lineedit_insert_str(struct lineedit *e, const wchar_t *s, size_t n)
{
	size_t room = e->max_chars - e->len, k = 0, i, j;
	wchar_t c;

	for (i = 0; i < n && k < room; i++)
		if (admit(s[i]) != 0)
			k++;
	if (k == 0)
		return 0;
	memmove(e->buf + e->cur + k, e->buf + e->cur,
	    (e->len - e->cur + 1) * sizeof(*e->buf));	/* with the NUL */
	for (i = 0, j = 0; j < k; i++)
		if ((c = admit(s[i])) != 0)
			e->buf[e->cur + j++] = c;
	e->cur += k;
	e->len += k;
	e->changed = true;
	return k;
}

void
lineedit_left(struct lineedit *e)
{
	if (e->cur > 0)
		e->cur--;
}

void
lineedit_right(struct lineedit *e)
{
	if (e->cur < e->len)
		e->cur++;
}

void
lineedit_home(struct lineedit *e)
{
	e->cur = 0;
}

void
lineedit_end(struct lineedit *e)
{
	e->cur = e->len;
}

void
lineedit_word_left(struct lineedit *e)
{
	e->cur = word_start_before(e, e->cur);
}

/* Over the rest of the current word, then over the spaces after it. */
void
lineedit_word_right(struct lineedit *e)
{
	size_t i = e->cur;

	while (i < e->len && !is_space(e->buf[i]))
		i++;
	while (i < e->len && is_space(e->buf[i]))
		i++;
	e->cur = i;
}

bool
lineedit_backspace(struct lineedit *e)
{
	if (e->cur == 0)
		return false;
	cut(e, e->cur - 1, e->cur);
	return true;
}

bool
lineedit_delete(struct lineedit *e)
{
	if (e->cur == e->len)
		return false;
	cut(e, e->cur, e->cur + 1);
	return true;
}

void
lineedit_kill_to_start(struct lineedit *e)
{
	cut(e, 0, e->cur);
}

void
lineedit_kill_to_end(struct lineedit *e)
{
	cut(e, e->cur, e->len);
}

/* The span is the one lineedit_word_left would cross: spaces, then a word. */
void
lineedit_kill_word(struct lineedit *e)
{
	cut(e, word_start_before(e, e->cur), e->cur);
}

/* Out-of-range bounds are clamped to the contents rather than read. */
int
lineedit_width(const struct lineedit *e, size_t from, size_t to)
{
	int w = 0;

	if (to > e->len)
		to = e->len;
	for (; from < to; from++)
		w += cellw(e->buf[from]);
	return w;
}

/*
 * How the scroll is chosen, each step bounded by the field width so a long
 * buffer costs no more than a short one:
 *  - the cursor cell needs the width of the character under it (one cell at
 *    the end), so the character being edited is always whole on screen;
 *  - lo is the smallest scroll that still shows that cell; fill is the
 *    smallest scroll that shows the whole tail, end cell included. Pulling
 *    the scroll back to fill means text never hides at the left while the
 *    field has room, e.g. after deleting;
 *  - then the scroll is clamped into [lo, cur].
 * A field too narrow for the character under the cursor (width 1, CJK)
 * shows the cursor at column 0 over an empty slice. A width below 1 gives
 * column 0 and an empty slice.
 */
int
lineedit_view(struct lineedit *e, int width, size_t *first, size_t *count)
{
	int need, used;
	size_t lo, fill, n;

	need = e->cur < e->len ? cellw(e->buf[e->cur]) : 1;
	for (lo = e->cur, used = need;
	    lo > 0 && used + cellw(e->buf[lo - 1]) <= width; lo--)
		used += cellw(e->buf[lo - 1]);
	for (fill = e->len, used = 1;
	    fill > 0 && used + cellw(e->buf[fill - 1]) <= width; fill--)
		used += cellw(e->buf[fill - 1]);
	if (e->scroll > fill)
		e->scroll = fill;
	if (e->scroll > e->cur)
		e->scroll = e->cur;
	if (e->scroll < lo)
		e->scroll = lo;

	for (n = 0, used = 0; e->scroll + n < e->len &&
	    used + cellw(e->buf[e->scroll + n]) <= width; n++)
		used += cellw(e->buf[e->scroll + n]);
	if (first != NULL)
		*first = e->scroll;
	if (count != NULL)
		*count = n;
	return lineedit_width(e, e->scroll, e->cur);
}
