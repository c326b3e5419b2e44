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
 * Every path that adds characters asks judge() (the core's text rule,
 * kf_text_char, in the context of the characters before), which is what
 * keeps invariant (2); cursor moves and deletions step over a character
 * and its marks together, which keeps invariant (4); every path that removes them goes through cut(). The flag
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
 * What inserting c actually stores: a space for a newline, carriage
 * return, tab or line/paragraph separator (so a pasted address stays
 * readable), else c itself. Whether it may be stored is the core's text
 * rule (judge).
 */
static wchar_t
stored_as(wchar_t c)
{
	uint32_t u = (uint32_t)c;

	if (u == '\n' || u == '\r' || u == '\t' || u == 0x2028 || u == 0x2029)
		return L' ';
	return c;
}

/* A character drawn on the one before it: a combining mark, a variation
 * selector, the joiner of an emoji sequence. */
static bool
zw(wchar_t c)
{
	return c == 0x200d || ((uint32_t)c <= 0x10ffff &&
	    kf_text_zero_width((unsigned)c));
}

/* The text rule's context at buf[at]: see kf_text_char. */
static void
context(const struct lineedit *e, size_t at, unsigned *base,
    unsigned *marks)
{
	size_t i = at;

	while (i > 0 && zw(e->buf[i - 1]))
		i--;
	*marks = (unsigned)(at - i);
	*base = 0;
	if (i > 0)
		kf_text_step(base, &(unsigned){ 0 }, (unsigned)e->buf[i - 1]);
}

/* The core's verdict on c after (base, marks); values that are not
 * Unicode scalar values (negative, surrogates) are control characters. */
static enum kf_text_verdict
judge(unsigned base, unsigned marks, wchar_t c)
{
	if (c < 0)
		return KF_TEXT_CONTROL;
	return kf_text_char(base, marks, (unsigned)c);
}

/* Cells c takes on screen: a mark none (it goes on the character before
 * it, invariant (2) says there is one); an unknown width is drawn as one. */
static int
cellw(wchar_t c)
{
	int w;

	if (zw(c))
		return 0;
	w = wcwidth(c);
	return w > 0 ? w : 1;
}

/* The start of the character whose cluster ends at i (back over marks). */
static size_t
cluster_start(const struct lineedit *e, size_t i)
{
	if (i > 0)
		i--;
	while (i > 0 && zw(e->buf[i]))
		i--;
	return i;
}

/* The end of the cluster starting at i (its marks included). */
static size_t
cluster_end(const struct lineedit *e, size_t i)
{
	if (i < e->len)
		i++;
	while (i < e->len && zw(e->buf[i]))
		i++;
	return i;
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
		u = 0xfffd;	/* cannot be in buf (judge); encode safely */
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
	unsigned cp, base = 0, marks = 0;
	wchar_t c;

	while (*p != '\0' && i < e->max_chars) {
		p += kf_utf8_decode((const char *)p, &cp, &bad);
		if ((c = stored_as((wchar_t)cp)) != (wchar_t)cp)
			bad = true;	/* turned into a space */
		if (judge(base, marks, c) != KF_TEXT_OK) {
			bad = true;	/* dropped */
			continue;
		}
		kf_text_step(&base, &marks, (unsigned)c);
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
 * Refused characters are skipped, not a reason to stop; the first refusal
 * is kept in e->refused and what did not fit is counted in e->lost, for
 * the caller to say so. Judges into a scratch copy first, then makes room
 * once and copies in place, so a long paste into the middle costs one move.
 */
size_t
lineedit_insert_str(struct lineedit *e, const wchar_t *s, size_t n)
{
	size_t room = e->max_chars - e->len, k = 0, i;
	unsigned base, marks;
	enum kf_text_verdict v;
	wchar_t c, *take;

	if (n == 0)
		return 0;
	take = xcalloc(n < room ? n : room ? room : 1, sizeof(*take));
	context(e, e->cur, &base, &marks);
	for (i = 0; i < n; i++) {
		c = stored_as(s[i]);
		if ((v = judge(base, marks, c)) != KF_TEXT_OK) {
			if (e->refused == KF_TEXT_OK)
				e->refused = v;
			continue;
		}
		if (k == room) {
			e->lost++;
			continue;
		}
		kf_text_step(&base, &marks, (unsigned)c);
		take[k++] = c;
	}
	if (k > 0) {
		memmove(e->buf + e->cur + k, e->buf + e->cur,
		    (e->len - e->cur + 1) * sizeof(*e->buf)); /* with the NUL */
		memcpy(e->buf + e->cur, take, k * sizeof(*take));
		e->cur += k;
		e->len += k;
		e->changed = true;
	}
	free(take);
	return k;
}

/* A character and its marks are one step (the cursor never parts them). */
void
lineedit_left(struct lineedit *e)
{
	e->cur = cluster_start(e, e->cur);
}

void
lineedit_right(struct lineedit *e)
{
	e->cur = cluster_end(e, e->cur);
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
	cut(e, cluster_start(e, e->cur), e->cur);	/* marks with it */
	return true;
}

bool
lineedit_delete(struct lineedit *e)
{
	if (e->cur == e->len)
		return false;
	cut(e, e->cur, cluster_end(e, e->cur));
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
	while (e->scroll < e->cur && zw(e->buf[e->scroll]))
		e->scroll++;	/* never a mark without its character */

	for (n = 0, used = 0; e->scroll + n < e->len &&
	    used + cellw(e->buf[e->scroll + n]) <= width; n++)
		used += cellw(e->buf[e->scroll + n]);
	if (first != NULL)
		*first = e->scroll;
	if (count != NULL)
		*count = n;
	return lineedit_width(e, e->scroll, e->cur);
}
