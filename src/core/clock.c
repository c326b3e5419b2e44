/*
 * clock.c — "now", and instants in and out of text. The only file in the
 * core that may call time().
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kefu/clock.h"

int64_t
kf_clock_now(const struct kf_clock *c)
{
	if (c != NULL && c->fixed)
		return c->at;
	return (int64_t)time(NULL);
}

void
kf_clock_fix(struct kf_clock *c, int64_t t)
{
	c->fixed = true;
	c->at = t;
}

static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

enum kf_rc
kf_time_parse(const char *s, int64_t *t, struct kf_err *err)
{
	int y, mo, d, h, mi, sec = 0, oh, om;
	const char *p;
	int64_t days;

	if (s == NULL || strlen(s) < 16)
		goto bad;
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != ' ') || digits(s + 11, 2, &h) ||
	    s[13] != ':' || digits(s + 14, 2, &mi))
		goto bad;
	p = s + 16;
	if (*p == ':') {
		if (digits(p + 1, 2, &sec))
			goto bad;
		p += 3;
	}
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59)
		goto bad;
	if (*p == '\0') {
		struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1,
		    .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec,
		    .tm_isdst = -1 };
		time_t lt = mktime(&tm);

		if (lt == (time_t)-1)
			goto bad;
		*t = (int64_t)lt;
		return KF_OK;
	}
	days = days_from_civil(y, mo, d);
	*t = days * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + sec;
	if (strcmp(p, "Z") == 0)
		return KF_OK;
	if ((*p != '+' && *p != '-') || strlen(p) != 6 ||
	    digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) ||
	    oh > 14 || om > 59)
		goto bad;
	*t += (*p == '+' ? -1 : 1) * (int64_t)(oh * 3600 + om * 60);
	return KF_OK;
bad:
	return kf_err_set(err, KF_INVALID,
	    "bad time '%s': expected YYYY-MM-DDTHH:MM[:SS] with Z or +HH:MM",
	    s ? s : "");
}

int
kf_time_minute_of_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

int64_t
kf_time_day_start(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

void
kf_time_local(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

void
kf_time_iso(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char off[16];
	int g;

	localtime_r(&tt, &tm);
	g = (int)(tm.tm_gmtoff < 0 ? -tm.tm_gmtoff : tm.tm_gmtoff) % 86400;
	snprintf(off, sizeof(off), "%c%02d:%02d", tm.tm_gmtoff < 0 ? '-' : '+',
	    (g / 3600) % 24, (g % 3600) / 60);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
	if (strlen(buf) + strlen(off) < n)
		strcat(buf, off);
}

enum kf_rc
kf_time_when(const char *s, int64_t now, bool past, int64_t *t,
    struct kf_err *err)
{
	const char *p = s, *q;
	int hh = 0, mm = 0, n = 0;
	int64_t day;

	*t = 0;
	if (s == NULL)
		return KF_OK;
	while (*p == ' ')
		p++;
	if (*p == '\0')
		return KF_OK;
	/* H:MM or HH:MM and nothing after it but spaces. */
	for (q = p; *q >= '0' && *q <= '9' && n < 3; q++, n++)
		hh = hh * 10 + (*q - '0');
	if (n >= 1 && n <= 2 && *q == ':' && q[1] >= '0' && q[1] <= '9' &&
	    q[2] >= '0' && q[2] <= '9' && hh < 24) {
		mm = (q[1] - '0') * 10 + (q[2] - '0');
		for (q += 3; *q == ' '; q++)
			;
		if (*q == '\0' && mm < 60) {
			day = kf_time_day_start(now);
			*t = day + (int64_t)hh * 3600 + (int64_t)mm * 60;
			if (past && *t > now + (int64_t)12 * 3600)
				*t = kf_time_day_start(day - 1) +
				    (int64_t)hh * 3600 + (int64_t)mm * 60;
			return KF_OK;
		}
	}
	return kf_time_parse(p, t, err);
}
