/*
 * draw.c — putting text on the terminal safely, and the colour theme.
 *
 * Text from the database may hold anything a person or a script could put
 * there. draw_text decodes UTF-8 itself and never hands the terminal a
 * control character: C0 becomes ^X, DEL ^?, C1 and Unicode format
 * characters (bidi overrides, zero-width spaces, BOM) and invalid bytes
 * become U+FFFD. Widths come from wcwidth, so CJK text lines up; a
 * combining mark the text rule keeps goes on the character before it
 * (zero cells), as the line editor counts it.
 */
#include <string.h>
#include <wchar.h>

#include "kefu/util.h"
#include "tui.h"

/* One entry per colour: pair colours and the monochrome fallback. */
#define THEME(X) \
	X(C_NORMAL, -1,            -1,          A_NORMAL) \
	X(C_BAR,    COLOR_BLACK,   COLOR_CYAN,  A_REVERSE) \
	X(C_TAB,    COLOR_WHITE,   COLOR_BLUE,  A_BOLD) \
	X(C_SEL,    COLOR_BLACK,   COLOR_WHITE, A_REVERSE) \
	X(C_ERROR,  COLOR_RED,     -1,          A_BOLD) \
	X(C_WARN,   COLOR_YELLOW,  -1,          A_UNDERLINE) \
	X(C_DIM,    COLOR_BLUE,    -1,          A_DIM) \
	X(C_TITLE,  COLOR_CYAN,    -1,          A_BOLD) \
	X(C_OK,     COLOR_GREEN,   -1,          A_NORMAL)

static attr_t attrs[C_COUNT];

void
theme_init(bool color)
{
#define PAIR(c, fg, bg, mono) \
	if (color) { \
		init_pair((short)((c) + 1), (short)(fg), (short)(bg)); \
		attrs[c] = COLOR_PAIR((c) + 1) | \
		    ((c) == C_ERROR || (c) == C_TITLE ? A_BOLD : 0); \
	} else \
		attrs[c] = (mono);
	THEME(PAIR)
#undef PAIR
}

attr_t
theme(enum color c)
{
	return attrs[c];
}

/* Decodes one UTF-8 character (kf_utf8_decode: U+FFFD when malformed);
 * returns its length. */
static int
decode(const unsigned char *s, wchar_t *wc)
{
	unsigned cp;
	size_t n = kf_utf8_decode((const char *)s, &cp, NULL);

	*wc = (wchar_t)cp;
	return (int)n;
}

/*
 * What to show for wc: up to two safe characters in out, and their width.
 * base and marks are the text rule's context (kf_text_char): a mark the
 * rule keeps (a combining accent on the character before, the joiner of
 * an emoji sequence) is drawn on that character, zero cells wide; one the
 * rule would refuse (at the start, after a space) is a U+FFFD of its own.
 */
static int
visible(wchar_t wc, wchar_t out[3], unsigned *base, unsigned *marks)
{
	int w;

	out[1] = out[2] = L'\0';
	if (kf_text_char(*base, *marks, (unsigned)wc) == KF_TEXT_OK &&
	    (wc == 0x200d || kf_text_zero_width((unsigned)wc))) {
		kf_text_step(base, marks, (unsigned)wc);
		out[0] = wc;
		return 0;
	}
	*marks = 0;
	*base = wc == L' ' || wc == 0x3000 ? 0 : 0xfffd;
	if (wc < 0x20 || wc == 0x7f) {
		out[0] = L'^';
		out[1] = wc == 0x7f ? L'?' : (wchar_t)(wc + 0x40);
		return 2;
	}
	if (kf_unsafe_char((unsigned)wc))
		wc = 0xfffd;
	w = wcwidth(wc);
	if (w < 1) {
		wc = 0xfffd;
		w = 1;
	}
	if (*base != 0)
		*base = (unsigned)wc;	/* the emoji a joiner may follow */
	out[0] = wc;
	return w;
}

int
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	wchar_t wc, out[3];
	unsigned base = 0, marks = 0;
	int w = 0;

	while (*p) {
		p += decode(p, &wc);
		w += visible(wc, out, &base, &marks);
	}
	return w;
}

int
draw_text(WINDOW *w, int y, int x, const char *s, int width, bool pad)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	wchar_t wc, out[3];
	unsigned base = 0, marks = 0;
	int used = 0, cw;

	if (width <= 0)
		return 0;
	wmove(w, y, x);
	while (*p) {
		p += decode(p, &wc);
		cw = visible(wc, out, &base, &marks);
		if (used + cw > width)
			break;
		waddnwstr(w, out, -1);
		used += cw;
	}
	if (pad)
		for (; used < width; used++)
			waddch(w, ' ');
	return used;
}

int
draw_text_cut(WINDOW *w, int y, int x, const char *s, int width, bool pad)
{
	int used;

	if (width <= 0)
		return 0;
	if (text_width(s) <= width)
		return draw_text(w, y, x, s, width, pad);
	/* What fits whole in width - 1 cells (a wide character that would
	 * straddle the edge is left out, a space pads), then the ellipsis. */
	used = draw_text(w, y, x, s, width - 1, true);
	waddnwstr(w, L"\u2026", 1);
	return used + 1;
}

void
text_cut(char *buf, size_t n, const char *s, int width)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *end = p;
	wchar_t wc, out[3];
	unsigned base = 0, marks = 0;
	int used = 0, cw;
	size_t len;
	bool cut = false;

	if (n == 0)
		return;
	if (text_width(s) <= width) {
		snprintf(buf, n, "%s", s ? s : "");
		return;
	}
	while (*end) {			/* what fits before the "…" */
		const unsigned char *next = end + decode(end, &wc);

		cw = visible(wc, out, &base, &marks);
		if (used + cw > width - 1) {
			cut = true;
			break;
		}
		used += cw;
		end = next;
	}
	len = (size_t)(end - p);
	if (len + 4 > n)
		len = n > 4 ? n - 4 : 0;	/* (a short buffer: bytes) */
	memcpy(buf, p, len);
	snprintf(buf + len, n - len, "%s", cut ? "\u2026" : "");
}

void
draw_box(WINDOW *w, int y, int x, int h, int wd, const char *title)
{
	int i;

	for (i = 0; i < h; i++)
		mvwhline(w, y + i, x, ' ', wd);
	mvwhline(w, y, x + 1, ACS_HLINE, wd - 2);
	mvwhline(w, y + h - 1, x + 1, ACS_HLINE, wd - 2);
	mvwvline(w, y + 1, x, ACS_VLINE, h - 2);
	mvwvline(w, y + 1, x + wd - 1, ACS_VLINE, h - 2);
	mvwaddch(w, y, x, ACS_ULCORNER);
	mvwaddch(w, y, x + wd - 1, ACS_URCORNER);
	mvwaddch(w, y + h - 1, x, ACS_LLCORNER);
	mvwaddch(w, y + h - 1, x + wd - 1, ACS_LRCORNER);
	if (title != NULL) {
		wattron(w, theme(C_TITLE));
		mvwaddstr(w, y, x + 2, " ");
		draw_text(w, y, x + 3, title, wd - 6, false);
		waddstr(w, " ");
		wattroff(w, theme(C_TITLE));
	}
}

static int wrap(WINDOW *w, int y, int x, const char *s, int width,
    int max_lines);

int
draw_wrapped(WINDOW *w, int y, int x, const char *s, int width, int max_lines)
{
	return wrap(w, y, x, s, width, max_lines);
}

int
text_lines(const char *s, int width)
{
	return wrap(NULL, 0, 0, s, width, 1000);
}

/* Wraps s to width; draws it when w is not NULL. Returns the lines. */
static int
wrap(WINDOW *w, int y, int x, const char *s, int width, int max_lines)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *line, *brk;
	wchar_t wc, out[3];
	unsigned base, marks;
	int lines = 0, used, cw, n;

	if (width <= 0)
		return 0;
	while (*p && lines < max_lines) {
		/* Take what fits; break after the last space or before a
		 * wide character (CJK text may break anywhere). */
		line = p;
		brk = NULL;
		used = 0;
		base = marks = 0;
		while (*p) {
			n = decode(p, &wc);
			cw = visible(wc, out, &base, &marks);
			if (used + cw > width)
				break;
			if (cw == 0 && brk == p)
				brk = p + n;	/* a mark stays on its character */
			used += cw;
			p += n;
			if (wc == L' ' || cw == 2)
				brk = p;
		}
		if (*p && brk != NULL && brk > line)
			p = brk;
		{
			char buf[1024];
			size_t len = (size_t)(p - line) < sizeof(buf) - 1 ?
			    (size_t)(p - line) : sizeof(buf) - 1;

			memcpy(buf, line, len);
			buf[len] = '\0';
			if (w != NULL)
				draw_text(w, y + lines, x, buf, width, false);
		}
		lines++;
		while (*p == ' ')
			p++;
	}
	return lines;
}

void
text_fill(char *buf, size_t n, const char *fmt, int64_t id,
    const char *words)
{
	size_t len = 0;
	const char *p = fmt;
	char num[24];

	snprintf(num, sizeof(num), "%lld", (long long)id);
	if (n == 0)
		return;
	while (*p && len + 1 < n) {
		const char *add = NULL;
		size_t skip = 1, alen;

		if (strncmp(p, "%lld", 4) == 0) {
			add = num;
			skip = 4;
		} else if (strncmp(p, "%s", 2) == 0) {
			add = words ? words : "";
			skip = 2;
		} else if (strncmp(p, "%%", 2) == 0) {
			add = "%";
			skip = 2;
		}
		if (add == NULL) {
			buf[len++] = *p++;
			continue;
		}
		alen = strlen(add);
		if (len + alen >= n)
			alen = n - len - 1;
		memcpy(buf + len, add, alen);
		len += alen;
		p += skip;
	}
	buf[len] = '\0';
}
