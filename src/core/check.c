/*
 * check.c — the one rule for a text field and the one for a phone number,
 * which every record (customer, contact, work order) applies to what a
 * person typed before it is stored. Before this file each record had its
 * own copy, and an order stored a phone as typed ("138-0013 8000") where
 * a contact stored its digits: the same number two ways.
 *
 * The text rule is also the TUI's: its line editor asks kf_text_char of
 * every character it is given (util.h has the rule in words), so the CLI
 * and the TUI keep and refuse the same characters with the same words.
 * Before it, the CLI refused a ZWJ emoji as "control characters" while the
 * TUI silently stripped it and every combining mark.
 */
#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "internal.h"
#include "kefu/check.h"

#define ZWJ	0x200du

/*
 * Emoji a joiner may follow: the pictographic blocks (miscellaneous
 * technical and symbols, dingbats, arrows and shapes, U+1F000..U+1FAFF
 * with the skin tones), and the emoji variation selector U+FE0F.
 */
static bool
emoji(unsigned cp)
{
	return (cp >= 0x231a && cp <= 0x23ff) || (cp >= 0x2600 &&
	    cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff) ||
	    (cp >= 0x1f000 && cp <= 0x1faff) || cp == 0xfe0f;
}

/*
 * wcwidth under C.UTF-8 whatever the process's locale: the rule must not
 * change with the caller's LC_CTYPE (under "C" every character is -1, so
 * no mark would be one). The locale is made once and kept.
 */
static int
utf8_wcwidth(unsigned cp)
{
	static locale_t utf8;
	locale_t old;
	int w;

	if (utf8 == (locale_t)0)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (utf8 == (locale_t)0)
		return wcwidth((wchar_t)cp);
	old = uselocale(utf8);
	w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w;
}

bool
kf_text_zero_width(unsigned cp)
{
	return cp >= 0x300 && cp <= 0x10ffff && !(cp >= 0xd800 &&
	    cp <= 0xdfff) && utf8_wcwidth(cp) == 0;
}

enum kf_text_verdict
kf_text_char(unsigned base, unsigned marks, unsigned cp)
{
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return KF_TEXT_CONTROL;
	if (cp == ZWJ && !emoji(base))	/* invisible glue of anything else */
		return base == 0 ? KF_TEXT_LONE_MARK : KF_TEXT_CONTROL;
	if (kf_unsafe_char(cp))
		return KF_TEXT_CONTROL;
	if (cp == ZWJ || kf_text_zero_width(cp)) {
		if (base == 0)
			return KF_TEXT_LONE_MARK;
		if (marks >= KF_TEXT_MARKS_MAX)
			return KF_TEXT_MANY_MARKS;
	}
	return KF_TEXT_OK;
}

void
kf_text_step(unsigned *base, unsigned *marks, unsigned cp)
{
	if (cp == ZWJ || kf_text_zero_width(cp))
		(*marks)++;
	else {
		*base = cp == ' ' || cp == 0x3000 ? 0 : cp;
		*marks = 0;
	}
}

enum kf_text_verdict
kf_text_verdict(const char *s)
{
	enum kf_text_verdict v;
	unsigned cp, base = 0, marks = 0;
	bool bad = false;

	while (*s) {
		s += kf_utf8_decode(s, &cp, &bad);
		if (bad)
			return KF_TEXT_CONTROL;
		if ((v = kf_text_char(base, marks, cp)) != KF_TEXT_OK)
			return v;
		/* A joiner's emoji goes on: the next emoji is the base. */
		kf_text_step(&base, &marks, cp);
	}
	return KF_TEXT_OK;
}

enum kf_rc
kf_text_refusal(enum kf_text_verdict v, const char *field,
    struct kf_err *err)
{
	switch (v) {
	case KF_TEXT_OK:
		return KF_OK;
	case KF_TEXT_CONTROL:
		kf_err_set(err, KF_INVALID, "field %s has control characters",
		    field);
		break;
	case KF_TEXT_LONE_MARK:
		kf_err_set(err, KF_INVALID, "field %s has a combining mark "
		    "with no character before it", field);
		break;
	case KF_TEXT_MANY_MARKS:
		kf_err_set(err, KF_INVALID, "field %s has more than %d "
		    "combining marks on one character", field,
		    KF_TEXT_MARKS_MAX);
		break;
	}
	kf_err_field(err, field);
	return KF_INVALID;
}

enum kf_rc
kf_text_too_long(const char *field, size_t max, struct kf_err *err)
{
	kf_err_set(err, KF_INVALID, "field %s is longer than %zu characters",
	    field, max);
	kf_err_field(err, field);
	return KF_INVALID;
}

enum kf_rc
kf_check_text(const char *s, const char *field, size_t max, bool required,
    struct kf_err *err)
{
	enum kf_text_verdict v;

	if (s == NULL)
		s = "";
	if (!kf_utf8_valid(s))
		return kf_err_about(err, KF_INVALID, field, N_("invalid UTF-8"));
	if ((v = kf_text_verdict(s)) != KF_TEXT_OK)
		return kf_text_refusal(v, field, err);
	if (required && kf_blank(s)) {
		kf_err_set(err, KF_INVALID, "field %s is empty", field);
		kf_err_field(err, field);
		return KF_INVALID;
	}
	if (kf_utf8_chars(s) > max)
		return kf_text_too_long(field, max, err);
	return KF_OK;
}

int
kf_phone_normal(const char *typed, char *out, size_t n)
{
	const char *p;
	size_t o = 0;
	int digits = 0;

	if (n == 0)
		return -1;
	for (p = typed ? typed : ""; *p; p++) {
		if (isdigit((unsigned char)*p) || (*p == '+' && o == 0)) {
			if (o + 1 >= n)
				return -1;
			digits += *p != '+';
			out[o++] = *p;
		} else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')')
			return -1;
	}
	out[o] = '\0';
	return digits;
}

enum kf_rc
kf_check_phone(char **s, const char *field, struct kf_err *err)
{
	char *norm;
	int digits;

	if (*s == NULL)
		*s = xstrdup("");
	if (**s == '\0')
		return KF_OK;
	norm = xmalloc(strlen(*s) + 1);
	if ((digits = kf_phone_normal(*s, norm, strlen(*s) + 1)) < 0) {
		free(norm);
		kf_err_set(err, KF_INVALID, "phone number '%.30s' may only hold "
		    "digits, spaces, dashes, brackets and a leading +", *s);
		kf_err_field(err, field);
		return KF_INVALID;
	}
	if (digits < KF_PHONE_MIN_DIGITS || digits > KF_PHONE_MAX_DIGITS) {
		free(norm);
		kf_err_set(err, KF_INVALID, "phone number '%.30s' must have %d "
		    "to %d digits", *s, KF_PHONE_MIN_DIGITS, KF_PHONE_MAX_DIGITS);
		kf_err_field(err, field);
		return KF_INVALID;
	}
	free(*s);
	*s = norm;
	return KF_OK;
}
