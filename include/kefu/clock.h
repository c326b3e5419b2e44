/*
 * clock.h — where "now" comes from.
 *
 * The core never calls time() except here. A clock is either the system
 * clock or fixed at one instant (tests, demos, KEFU_NOW in owner mode).
 * Times are UTC epoch seconds everywhere; they are parsed from and shown in
 * ISO 8601 with an offset.
 */
#ifndef KEFU_CLOCK_H
#define KEFU_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/err.h"

struct kf_clock {
	bool	 fixed;
	int64_t	 at;		/* the fixed instant when fixed */
};

/* The current time by clock c (the system clock when c is NULL). */
int64_t		kf_clock_now(const struct kf_clock *c);

/* Fixes c at t. */
void		kf_clock_fix(struct kf_clock *c, int64_t t);

/*
 * Parses an ISO 8601 instant: "YYYY-MM-DDTHH:MM[:SS]" followed by "Z" or
 * "+HH:MM"/"-HH:MM" (a space may stand for the T). Without an offset the
 * local time zone is used. Returns KF_INVALID with a message naming the
 * text when it is not such a time or not a real calendar date.
 */
enum kf_rc	kf_time_parse(const char *s, int64_t *t, struct kf_err *err);

/*
 * A time as a person types it, against now: "" (or spaces) is none (*t 0);
 * "HH:MM" (or "H:MM") is that time today, except that with past, one more
 * than half a day ahead is yesterday's (a night job registered after
 * midnight); anything else is read by kf_time_parse, whose refusal this
 * returns (KF_INVALID).
 */
enum kf_rc	kf_time_when(const char *s, int64_t now, bool past, int64_t *t,
		    struct kf_err *err);

/* The local time of day of t in minutes after midnight (0..1439). */
int		kf_time_minute_of_day(int64_t t);

/* The start (local midnight) of the day t falls in. */
int64_t		kf_time_day_start(int64_t t);

/* Formats t in the local time zone as "YYYY-MM-DD HH:MM" into buf. */
void		kf_time_local(int64_t t, char *buf, size_t n);

/* Formats t as ISO 8601 with the local offset ("2026-11-27T10:41:00+08:00"). */
void		kf_time_iso(int64_t t, char *buf, size_t n);

#endif
