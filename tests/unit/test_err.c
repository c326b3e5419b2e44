/* test_err.c — error codes map to the exit codes DESIGN.md fixes. */
#include <string.h>

#include "helpers.h"
#include "kefu/err.h"

static void
test_exit_codes(void **state)
{
	(void)state;
	assert_int_equal(kf_rc_exit(KF_OK), 0);
	assert_int_equal(kf_rc_exit(KF_INVALID), 1);
	assert_int_equal(kf_rc_exit(KF_NOTFOUND), 2);
	assert_int_equal(kf_rc_exit(KF_CONFLICT), 3);
	assert_int_equal(kf_rc_exit(KF_DENIED), 4);
	assert_int_equal(kf_rc_exit(KF_REFUSED), 5);
	assert_int_equal(kf_rc_exit(KF_DBERR), 6);
	assert_int_equal(kf_rc_exit(KF_BUSY), 6);
}

static void
test_err_set_formats_and_truncates(void **state)
{
	struct kf_err err;
	char big[1000];

	(void)state;
	assert_int_equal(kf_err_set(&err, KF_REFUSED, "no (R%d)", 39), KF_REFUSED);
	assert_string_equal(err.msg, "no (R39)");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	kf_err_set(&err, KF_INVALID, "%s", big);
	assert_int_equal(strlen(err.msg), sizeof(err.msg) - 1);
	assert_int_equal(kf_err_set(NULL, KF_BUSY, "ignored"), KF_BUSY);
	kf_err_clear(&err);
	assert_int_equal(err.rc, KF_OK);
	assert_string_equal(err.msg, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exit_codes),
		cmocka_unit_test(test_err_set_formats_and_truncates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
