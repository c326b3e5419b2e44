/*
 * check.c — the one rule for a text field and the one for a phone number,
 * which every record (customer, contact, work order) applies to what a
 * person typed before it is stored. Before this file each record had its
 * own copy, and an order stored a phone as typed ("138-0013 8000") where
 * a contact stored its digits: the same number two ways.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum kf_rc
kf_check_text(const char *s, const char *field, size_t max, bool required,
    struct kf_err *err)
{
	if (s == NULL)
		s = "";
	if (!kf_utf8_valid(s))
		return kf_err_about(err, KF_INVALID, field, N_("invalid UTF-8"));
	if (!kf_text_clean(s)) {
		kf_err_set(err, KF_INVALID, "field %s has control characters",
		    field);
		kf_err_field(err, field);
		return KF_INVALID;
	}
	if (required && kf_blank(s)) {
		kf_err_set(err, KF_INVALID, "field %s is empty", field);
		kf_err_field(err, field);
		return KF_INVALID;
	}
	if (kf_utf8_chars(s) > max) {
		kf_err_set(err, KF_INVALID, "field %s is longer than %zu "
		    "characters", field, max);
		kf_err_field(err, field);
		return KF_INVALID;
	}
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
