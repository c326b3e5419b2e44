/*
 * test_policy.c — the configurable numbers of RULES.md: seeded values
 * (R2, R3, R6, R33–R38, R42), parsing each unit at its edges, ranges,
 * admin-only access, versioned changes with audit.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kefu/audit.h"
#include "kefu/perm.h"
#include "kefu/policy.h"

static int64_t
value(struct kf_core *k, const char *key)
{
	struct kf_err err;
	int64_t v = -1;

	if (kf_policy_value(k, key, &v, &err) != KF_OK)
		fail_msg("%s: %s", key, err.msg);
	return v;
}

static void
test_seeded_from_rules(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(value(fx->k, "repair.arrive_within"), 40 * 60);	/* R2 */
	assert_int_equal(value(fx->k, "pipeline.ordinary_within"), 4 * 3600);	/* R3 */
	assert_int_equal(value(fx->k, "pipeline.major_within"), 24 * 3600);	/* R3 */
	assert_int_equal(value(fx->k, "viewing.opens"), 8 * 60);		/* R6 */
	assert_int_equal(value(fx->k, "viewing.closes"), 17 * 60 + 30);	/* R6 */
	assert_int_equal(value(fx->k, "viewing.wait_until"), 21 * 60);	/* R6 */
	assert_int_equal(value(fx->k, "complaint.track_within"), 2);		/* R33 */
	assert_int_equal(value(fx->k, "complaint.invalid_reply_within"), 2);	/* R34 */
	assert_int_equal(value(fx->k, "complaint.analyse_within"), 1);	/* R35 */
	assert_int_equal(value(fx->k, "complaint.municipal_reply_within"), 3); /* R38 */
	assert_int_equal(value(fx->k, "callback.sample_rate"), 50);		/* R42: 5% */
	/* Issue 11: how far back a contact (R1, R6) or a work order
	 * registered after (R9) may be dated. */
	assert_int_equal(value(fx->k, "contact.backdate_within"), 86400);
	assert_int_equal(value(fx->k, "order.backdate_within"), 7 * 86400);
}

/* The back-dating bounds: 1 minute to 30 days, set like any duration. */
static void
test_backdate_policies(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	assert_int_equal(kf_policy_set(fx->k, "contact.backdate_within", "2h",
	    -1, &err), KF_OK);
	assert_int_equal(value(fx->k, "contact.backdate_within"), 7200);
	assert_int_equal(kf_policy_set(fx->k, "contact.backdate_within", "1m",
	    -1, &err), KF_OK);
	assert_int_equal(kf_policy_set(fx->k, "contact.backdate_within", "59s",
	    -1, &err), KF_INVALID);
	assert_int_equal(kf_policy_set(fx->k, "order.backdate_within", "30d",
	    -1, &err), KF_OK);
	assert_int_equal(kf_policy_set(fx->k, "order.backdate_within", "31d",
	    -1, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "order.backdate_within must lie "
	    "between 1m and 30d (R9)"));
}

static void
test_unknown_key(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	int64_t v;

	assert_int_equal(kf_policy_value(fx->k, "no.such", &v, &err), KF_NOTFOUND);
	assert_int_equal(kf_policy_set(fx->k, "no.such", "1", -1, &err),
	    KF_NOTFOUND);
}

static void
test_parse_each_unit(void **state)
{
	static const struct {
		enum kf_unit	 unit;
		const char	*text;
		int64_t		 want;	/* -1: invalid */
	} cases[] = {
		{ KF_UNIT_SECONDS, "40m", 2400 },
		{ KF_UNIT_SECONDS, "4h", 14400 },
		{ KF_UNIT_SECONDS, "1d", 86400 },
		{ KF_UNIT_SECONDS, "90s", 90 },
		{ KF_UNIT_SECONDS, "2400", 2400 },
		{ KF_UNIT_SECONDS, "", -1 },
		{ KF_UNIT_SECONDS, "m", -1 },
		{ KF_UNIT_SECONDS, "-5m", -1 },
		{ KF_UNIT_SECONDS, "5x", -1 },
		{ KF_UNIT_SECONDS, "5mm", -1 },
		{ KF_UNIT_SECONDS, "1.5h", -1 },
		{ KF_UNIT_SECONDS, "9999999999", -1 },
		{ KF_UNIT_MINUTE_OF_DAY, "00:00", 0 },
		{ KF_UNIT_MINUTE_OF_DAY, "17:30", 1050 },
		{ KF_UNIT_MINUTE_OF_DAY, "23:59", 1439 },
		{ KF_UNIT_MINUTE_OF_DAY, "8:05", 485 },
		{ KF_UNIT_MINUTE_OF_DAY, "24:00", -1 },
		{ KF_UNIT_MINUTE_OF_DAY, "12:60", -1 },
		{ KF_UNIT_MINUTE_OF_DAY, "1730", -1 },
		{ KF_UNIT_MINUTE_OF_DAY, "17:30:00", -1 },
		{ KF_UNIT_DAYS, "2", 2 },
		{ KF_UNIT_DAYS, "2d", 2 },
		{ KF_UNIT_DAYS, "two", -1 },
		{ KF_UNIT_PERMILLE, "5%", 50 },
		{ KF_UNIT_PERMILLE, "5", 50 },
		{ KF_UNIT_PERMILLE, "2.5%", 25 },
		{ KF_UNIT_PERMILLE, "0.1", 1 },
		{ KF_UNIT_PERMILLE, "100%", 1000 },
		{ KF_UNIT_PERMILLE, "2.55%", -1 },
		{ KF_UNIT_PERMILLE, "5%%", -1 },
		{ KF_UNIT_PERMILLE, ".", -1 },
		/* M1: 万分之三, 万分之五: whole ten-thousandths (R15). */
		{ KF_UNIT_PER_10000, "3", 3 },
		{ KF_UNIT_PER_10000, "5/10000", 5 },
		{ KF_UNIT_PER_10000, "0", 0 },
		{ KF_UNIT_PER_10000, "1000", 1000 },
		{ KF_UNIT_PER_10000, "/10000", -1 },
		{ KF_UNIT_PER_10000, "0.3", -1 },
		{ KF_UNIT_PER_10000, "3%", -1 },
		{ KF_UNIT_PER_10000, "3/1000", -1 },
		{ KF_UNIT_PER_10000, "-3", -1 },
		{ KF_UNIT_PER_10000, "", -1 },
	};
	struct kf_err err;
	size_t i;
	int64_t v;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum kf_rc rc = kf_policy_parse(cases[i].unit, cases[i].text, &v,
		    &err);

		if (cases[i].want < 0) {
			if (rc != KF_INVALID)
				fail_msg("'%s' should be invalid", cases[i].text);
		} else if (rc != KF_OK || v != cases[i].want)
			fail_msg("'%s': rc %d value %lld", cases[i].text, rc,
			    (long long)v);
	}
}

static void
test_format_round_trips(void **state)
{
	char buf[32];

	(void)state;
	kf_policy_format(KF_UNIT_SECONDS, 2400, buf, sizeof(buf));
	assert_string_equal(buf, "40m");
	kf_policy_format(KF_UNIT_SECONDS, 14400, buf, sizeof(buf));
	assert_string_equal(buf, "4h");
	kf_policy_format(KF_UNIT_SECONDS, 90, buf, sizeof(buf));
	assert_string_equal(buf, "90s");
	kf_policy_format(KF_UNIT_MINUTE_OF_DAY, 485, buf, sizeof(buf));
	assert_string_equal(buf, "08:05");
	kf_policy_format(KF_UNIT_PERMILLE, 25, buf, sizeof(buf));
	assert_string_equal(buf, "2.5%");
	kf_policy_format(KF_UNIT_DAYS, 3, buf, sizeof(buf));
	assert_string_equal(buf, "3d");
}

/* R2's arrival limit lies in [1 min, 24 h]: the edges are inclusive. */
static void
test_range_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	assert_int_equal(kf_policy_set(fx->k, "repair.arrive_within", "60", -1,
	    &err), KF_OK);
	assert_int_equal(kf_policy_set(fx->k, "repair.arrive_within", "59", -1,
	    &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "between 1m and 1d"));
	assert_int_equal(kf_policy_set(fx->k, "repair.arrive_within", "86400", -1,
	    &err), KF_OK);
	assert_int_equal(kf_policy_set(fx->k, "repair.arrive_within", "86401", -1,
	    &err), KF_INVALID);
	assert_int_equal(value(fx->k, "repair.arrive_within"), 86400);
	assert_int_equal(kf_policy_set(fx->k, "callback.sample_rate", "0%", -1,
	    &err), KF_INVALID);
	assert_int_equal(kf_policy_set(fx->k, "callback.sample_rate", "0.1%", -1,
	    &err), KF_OK);
}

static void
test_admin_only(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *sup;
	struct kf_policy *v;
	struct kf_err err;
	size_t n;

	fx_staff(fx->k, "chenjing", KF_ROLE_SUPERVISOR | KF_ROLE_DISPATCHER);
	sup = fx_session(fx, "chenjing");
	assert_int_equal(kf_policy_list(sup, &v, &n, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "needs role: admin"));
	assert_int_equal(kf_policy_set(sup, "repair.arrive_within", "30m", -1,
	    &err), KF_DENIED);
	assert_int_equal(value(fx->k, "repair.arrive_within"), 2400);
	assert_int_equal(kf_policy_list(fx->k, &v, &n, &err), KF_OK);
	/* 17; 016's five complaint policies; 017 reading.spike (R13); 018
	 * the overdue policy (R15); 019 complaint.forward_within (R28); 021
	 * the four callback deadlines (R41, R42, R47). */
	assert_int_equal(n, 32);
	assert_string_equal(v[0].key, "bill.due_days");
	assert_string_equal(v[0].rule, "R15");
	assert_int_equal(v[0].value, 15);
	assert_string_equal(v[3].key, "bill.second_notice_days");
	assert_string_equal(v[4].key, "call.offer_callback_after");
	assert_string_equal(v[4].rule, "R52");
	assert_int_equal(v[4].value, 60);
	/* 021: by key, the callback deadlines around the sample's rate. */
	assert_string_equal(v[5].key, "callback.order_within");
	assert_string_equal(v[5].rule, "R41");
	assert_int_equal(v[5].value, 86400);
	assert_string_equal(v[6].key, "callback.retry_after");
	assert_int_equal(v[6].value, 3600);
	assert_string_equal(v[7].key, "callback.sample_rate");
	assert_string_equal(v[7].rule, "R42");
	assert_string_equal(v[8].key, "callback.sample_within");
	assert_int_equal(v[8].value, 7);
	assert_string_equal(v[9].key, "callback.suggestion_within");
	assert_int_equal(v[9].value, 3);
	free(v);
	kf_core_close(sup);
}

static void
test_change_is_versioned_and_audited(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *other = fx_session(fx, "boss");
	struct kf_audit_filter f = { .entity = "policy", .limit = 10 };
	struct kf_audit_row *rows;
	struct kf_err err;
	size_t n;

	assert_int_equal(kf_policy_set(fx->k, "pipeline.ordinary_within", "3h", 1,
	    &err), KF_OK);
	assert_int_equal(kf_policy_set(other, "pipeline.ordinary_within", "5h", 1,
	    &err), KF_CONFLICT);
	assert_string_equal(err.conflict.theirs, "10800");
	assert_string_equal(err.conflict.yours, "18000");
	assert_int_equal(value(fx->k, "pipeline.ordinary_within"), 3 * 3600);
	assert_int_equal(kf_audit_list(fx->k, &f, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].action, "policy.set");
	assert_string_equal(rows[0].actor, "boss");
	assert_string_equal(rows[0].before, "{\"value\":14400}");
	assert_string_equal(rows[0].after, "{\"value\":10800}");
	assert_int_equal(rows[0].version, 2);
	assert_int_equal(rows[0].at, T0);
	kf_audit_list_free(rows, n);
	kf_core_close(other);
}

/* R6's times of day keep their order, at the edges: earliest may equal
 * opens, closes may equal wait_until, opens may not reach closes. */
static void
test_viewing_times_keep_their_order(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	assert_int_equal(kf_policy_set(fx->k, "viewing.earliest", "08:00", -1,
	    &err), KF_OK);
	assert_int_equal(kf_policy_set(fx->k, "viewing.earliest", "08:01", -1,
	    &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "(R6)"));
	assert_string_equal(err.field, "value");
	assert_int_equal(kf_policy_set(fx->k, "viewing.opens", "07:59", -1,
	    &err), KF_INVALID);		/* before the earliest booking */
	assert_int_equal(value(fx->k, "viewing.opens"), 480);
	assert_int_equal(kf_policy_set(fx->k, "viewing.closes", "21:00", -1,
	    &err), KF_OK);
	assert_int_equal(kf_policy_set(fx->k, "viewing.closes", "21:01", -1,
	    &err), KF_INVALID);
	assert_int_equal(kf_policy_set(fx->k, "viewing.wait_until", "20:59", -1,
	    &err), KF_INVALID);
	assert_int_equal(kf_policy_set(fx->k, "viewing.closes", "08:00", -1,
	    &err), KF_INVALID);		/* opens 08:00 must come before */
	assert_int_equal(kf_policy_set(fx->k, "viewing.closes", "08:01", -1,
	    &err), KF_OK);
	/* Other policies are not held to it. */
	assert_int_equal(kf_policy_set(fx->k, "repair.arrive_within", "30m",
	    -1, &err), KF_OK);
}

/*
 * Issue 12: the complaint clocks refuse 0 or a negative (each is at
 * least a day, R30, R33-R35, R38, R48), and the ladder's three steps keep
 * their order (R29).
 */
static void
test_complaint_policies(void **state)
{
	struct fixture *fx = *state;
	static const char *const days[] = {
		"complaint.track_within", "complaint.invalid_reply_within",
		"complaint.analyse_within", "complaint.municipal_reply_within",
		"complaint.callback_within", "complaint.duplicate_window",
	};
	struct kf_err err;
	size_t i;

	assert_int_equal(value(fx->k, "complaint.callback_within"), 1);
	assert_int_equal(value(fx->k, "complaint.duplicate_window"), 30);
	assert_int_equal(value(fx->k, "complaint.ladder_1"), 500);
	assert_int_equal(value(fx->k, "complaint.ladder_2"), 800);
	assert_int_equal(value(fx->k, "complaint.ladder_3"), 1000);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		assert_int_equal(kf_policy_set(fx->k, days[i], "0", -1, &err),
		    KF_INVALID);
		assert_int_equal(kf_policy_set(fx->k, days[i], "-1", -1, &err),
		    KF_INVALID);
		assert_int_equal(kf_policy_set(fx->k, days[i], "1", -1, &err),
		    KF_OK);
	}
	assert_int_equal(kf_policy_set(fx->k, "complaint.ladder_1", "0%", -1,
	    &err), KF_INVALID);
	assert_int_equal(kf_policy_set(fx->k, "complaint.ladder_1", "80%", -1,
	    &err), KF_INVALID);		/* not below ladder_2 */
	assert_non_null(strstr(err.msg, "(R29)"));
	assert_int_equal(value(fx->k, "complaint.ladder_1"), 500);
	assert_int_equal(kf_policy_set(fx->k, "complaint.ladder_1", "79.9%", -1,
	    &err), KF_OK);
	assert_int_equal(kf_policy_set(fx->k, "complaint.ladder_3", "80%", -1,
	    &err), KF_INVALID);
	assert_int_equal(kf_policy_set(fx->k, "complaint.ladder_2", "100%", -1,
	    &err), KF_INVALID);
	assert_int_equal(kf_policy_set(fx->k, "complaint.ladder_3", "90%", -1,
	    &err), KF_OK);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_seeded_from_rules),
		T(test_backdate_policies),
		T(test_unknown_key),
		cmocka_unit_test(test_parse_each_unit),
		cmocka_unit_test(test_format_round_trips),
		T(test_range_edges),
		T(test_admin_only),
		T(test_change_is_versioned_and_audited),
		T(test_viewing_times_keep_their_order),
		T(test_complaint_policies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
