/* test_clock.c — the clock interface and ISO 8601 times at their edges. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "kefu/clock.h"

static void
test_fixed_clock(void **state)
{
	struct kf_clock c = { 0 };
	int64_t a, b;

	(void)state;
	a = kf_clock_now(&c);
	b = (int64_t)time(NULL);
	assert_true(b - a >= 0 && b - a <= 2);
	kf_clock_fix(&c, T0);
	assert_int_equal(kf_clock_now(&c), T0);
	assert_true(kf_clock_now(NULL) > T0 - 86400 * 365 * 10);
}

static void
test_parse_with_offsets(void **state)
{
	struct kf_err err;
	int64_t t;

	(void)state;
	assert_int_equal(kf_time_parse("2026-11-27T10:41:00+08:00", &t, &err),
	    KF_OK);
	assert_int_equal(t, T0);
	assert_int_equal(kf_time_parse("2026-11-27T02:41:00Z", &t, &err), KF_OK);
	assert_int_equal(t, T0);
	assert_int_equal(kf_time_parse("2026-11-27 02:41Z", &t, &err), KF_OK);
	assert_int_equal(t, T0);
	assert_int_equal(kf_time_parse("2026-11-26T21:41:00-05:00", &t, &err),
	    KF_OK);
	assert_int_equal(t, T0);
	assert_int_equal(kf_time_parse("1970-01-01T00:00:00Z", &t, &err), KF_OK);
	assert_int_equal(t, 0);
	/* Leap day exists in 2028, not in 2026. */
	assert_int_equal(kf_time_parse("2028-02-29T00:00Z", &t, &err), KF_OK);
	assert_int_equal(kf_time_parse("2026-02-29T00:00Z", &t, &err), KF_INVALID);
}

static void
test_parse_local_without_offset(void **state)
{
	struct kf_err err;
	int64_t t;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	assert_int_equal(kf_time_parse("2026-11-27T10:41", &t, &err), KF_OK);
	assert_int_equal(t, T0);
}

static void
test_parse_rejects_bad_times(void **state)
{
	static const char *const bad[] = {
		"", "now", "2026-11-27", "2026-13-01T00:00Z", "2026-00-10T00:00Z",
		"2026-11-31T00:00Z", "2026-11-27T24:00Z", "2026-11-27T10:60Z",
		"2026-11-27T10:41:60Z", "2026-11-27T10:41+8", "2026-11-27T10:41+15:00",
		"2026-11-27T10:41Zjunk", "2026/11/27T10:41Z", "1969-12-31T23:59Z",
		"２０２６-11-27T10:41Z",
	};
	struct kf_err err;
	size_t i;
	int64_t t;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(kf_time_parse(bad[i], &t, &err), KF_INVALID);
		assert_non_null(strstr(err.msg, "bad time"));
	}
	assert_int_equal(kf_time_parse(NULL, &t, &err), KF_INVALID);
}

static void
test_format_local_and_iso(void **state)
{
	char buf[64];

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	kf_time_local(T0, buf, sizeof(buf));
	assert_string_equal(buf, "2026-11-27 10:41");
	kf_time_iso(T0, buf, sizeof(buf));
	assert_string_equal(buf, "2026-11-27T10:41:00+08:00");
	setenv("TZ", "America/New_York", 1);
	tzset();
	kf_time_iso(T0, buf, sizeof(buf));
	assert_string_equal(buf, "2026-11-26T21:41:00-05:00");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
}

/* Times as people type them: HH:MM today; with past, more than half a day
 * ahead is yesterday's (12:00 ahead stays today's); a full time as
 * kf_time_parse reads it; empty is none. T0 is 10:41 Beijing time. */
static void
test_when_as_typed(void **state)
{
	struct kf_err err;
	int64_t day, t;

	(void)state;
	fx_zone("Asia/Shanghai");
	day = kf_time_day_start(T0);
	assert_int_equal(kf_time_when("09:40", T0, false, &t, &err), KF_OK);
	assert_int_equal(t, day + 9 * 3600 + 40 * 60);
	assert_int_equal(kf_time_when(" 9:05 ", T0, true, &t, &err), KF_OK);
	assert_int_equal(t, day + 9 * 3600 + 5 * 60);
	assert_int_equal(kf_time_when("", T0, true, &t, &err), KF_OK);
	assert_int_equal(t, 0);
	assert_int_equal(kf_time_when("   ", T0, false, &t, &err), KF_OK);
	assert_int_equal(t, 0);
	/* 22:41 is exactly half a day ahead of 10:41: still today's. */
	assert_int_equal(kf_time_when("22:41", T0, true, &t, &err), KF_OK);
	assert_int_equal(t, day + 22 * 3600 + 41 * 60);
	/* 22:42 is more: yesterday's, when the time has passed. */
	assert_int_equal(kf_time_when("22:42", T0, true, &t, &err), KF_OK);
	assert_int_equal(t, day - 86400 + 22 * 3600 + 42 * 60);
	assert_int_equal(kf_time_when("22:42", T0, false, &t, &err), KF_OK);
	assert_int_equal(t, day + 22 * 3600 + 42 * 60);
	assert_int_equal(kf_time_when("2026-11-26 23:40", T0, true, &t, &err),
	    KF_OK);
	assert_int_equal(t, day - 20 * 60);
	assert_int_equal(kf_time_when("24:00", T0, false, &t, &err),
	    KF_INVALID);
	assert_int_equal(kf_time_when("9:60", T0, false, &t, &err), KF_INVALID);
	assert_int_equal(kf_time_when("123:00", T0, false, &t, &err),
	    KF_INVALID);
	assert_int_equal(kf_time_when("09:40x", T0, false, &t, &err),
	    KF_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_clock),
		cmocka_unit_test(test_parse_with_offsets),
		cmocka_unit_test(test_parse_local_without_offset),
		cmocka_unit_test(test_parse_rejects_bad_times),
		cmocka_unit_test(test_format_local_and_iso),
		cmocka_unit_test(test_when_as_typed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
