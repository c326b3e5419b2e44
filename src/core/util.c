/* util.c — allocation, string buffers, UTF-8 (see include/kefu/util.h). */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "kefu/util.h"

static void
oom(size_t n)
{
	/* The one place out-of-memory is handled: nothing sane remains to do. */
	fprintf(stderr, "kefu: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	return s;
}

void
kf_buf_add(struct kf_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
kf_buf_puts(struct kf_buf *b, const char *s)
{
	kf_buf_add(b, s, strlen(s));
}

void
kf_buf_printf(struct kf_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	kf_buf_add(b, s, (size_t)n);
	free(s);
}

void
kf_buf_json_str(struct kf_buf *b, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		kf_buf_puts(b, "null");
		return;
	}
	kf_buf_add(b, "\"", 1);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':	kf_buf_add(b, "\\\"", 2); break;
		case '\\':	kf_buf_add(b, "\\\\", 2); break;
		case '\n':	kf_buf_add(b, "\\n", 2); break;
		case '\r':	kf_buf_add(b, "\\r", 2); break;
		case '\t':	kf_buf_add(b, "\\t", 2); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				kf_buf_printf(b, "\\u%04x", *p);
			else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
				/* A C1 control (U+009B is CSI to a UTF-8
				 * terminal): only SQL behind kefu's back
				 * stores one, and JSON is often read on a
				 * terminal. */
				kf_buf_printf(b, "\\u%04x", p[1]);
				p++;
			} else
				kf_buf_add(b, (const char *)p, 1);
		}
	}
	kf_buf_add(b, "\"", 1);
}

void
kf_buf_reset(struct kf_buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

const char *
kf_buf_str(const struct kf_buf *b)
{
	return b->s ? b->s : "";
}

void
kf_buf_free(struct kf_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

size_t
kf_utf8_decode(const char *s, unsigned *cp, bool *bad)
{
	return kf_utf8_decode_n(s, SIZE_MAX, cp, bad);
}

size_t
kf_utf8_decode_n(const char *str, size_t avail, unsigned *cp, bool *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		if (c == 0x0)
			lo = 0xa0;	/* no overlongs */
		else if (c == 0xd)
			hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		if (c == 0x0)
			lo = 0x90;	/* no overlongs */
		else if (c == 0x4)
			hi = 0x8f;	/* nothing past U+10FFFF */
	} else {
		n = 1;			/* a stray continuation, C0, C1, F5.. */
		goto malformed;
	}
	/* A NUL terminator is outside [lo, hi], so this never reads past it. */
	for (i = 1; i < n; i++) {
		if (i >= avail || s[i] < lo || s[i] > hi) {
			n = i;
			goto malformed;
		}
		c = (c << 6) | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = c;
	return n;
malformed:
	*cp = KF_UTF8_REPLACEMENT;
	if (bad != NULL)
		*bad = true;
	return n;
}

size_t
kf_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

bool
kf_utf8_valid(const char *s)
{
	bool bad = false;
	unsigned cp;

	while (*s && !bad)
		s += kf_utf8_decode(s, &cp, &bad);
	return !bad;
}

bool
kf_unsafe_char(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad ||
	    cp == 0x61c || cp == 0x180e || (cp >= 0x200b && cp <= 0x200c) || (cp >= 0x200e && cp <= 0x200f) ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	    cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xe0001 ||
	    (cp >= 0xe0020 && cp <= 0xe007f);
}

bool
kf_text_clean(const char *s)
{
	return kf_text_verdict(s) == KF_TEXT_OK;
}

bool
kf_blank(const char *s)
{
	if (s == NULL)
		return true;
	while (*s) {
		if (*s == ' ')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)	/* U+3000 */
			s += 3;
		else
			return false;
	}
	return true;
}

size_t
kf_text_first_line(char *buf, size_t n, const char *s)
{
	size_t len;

	if (n == 0)
		return 0;
	if (s == NULL)
		s = "";
	len = strcspn(s, "\n");
	if (len >= n) {
		len = n - 1;
		/* Back off a character cut in its middle: s[len] is the
		 * first byte left out; while it continues a character, the
		 * character's lead byte is left out with it. */
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	return len;
}

/*
 * kf_utf8_width's widths are C.UTF-8's whatever the process's LC_CTYPE:
 * under "C" wcwidth says -1 for every Chinese character, and the printed
 * 收费通知单 (bill.c) would run past its 80 columns in a caller that never
 * set a locale (a notice's sources are Chinese under cron too, R15). The
 * locale is made once and kept.
 */
int
kf_utf8_width(const char *s)
{
	static locale_t utf8;
	locale_t old = (locale_t)0;
	bool bad;
	unsigned cp;
	int w = 0, cw;

	if (utf8 == (locale_t)0)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (utf8 != (locale_t)0)
		old = uselocale(utf8);
	while (*s) {
		bad = false;
		s += kf_utf8_decode(s, &cp, &bad);
		cw = bad ? 1 : wcwidth((wchar_t)cp);	/* bad: one U+FFFD */
		w += cw < 0 ? 1 : cw;
	}
	if (utf8 != (locale_t)0)
		uselocale(old);
	return w;
}
