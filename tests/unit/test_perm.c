/*
 * test_perm.c — the one permission table: every role against every
 * action, the "own account" exceptions, role names (R11, R54).
 */
#include <string.h>

#include "helpers.h"
#include "kefu/perm.h"

static void
test_roles_parse_and_format(void **state)
{
	struct kf_err err;
	unsigned m;
	char buf[128];

	(void)state;
	assert_int_equal(kf_roles_parse("admin", &m, &err), KF_OK);
	assert_int_equal(m, KF_ROLE_ADMIN);
	assert_int_equal(kf_roles_parse("technician,reception,technician", &m,
	    &err), KF_OK);
	assert_int_equal(m, KF_ROLE_TECHNICIAN | KF_ROLE_RECEPTION);
	kf_roles_format(m, buf, sizeof(buf));
	assert_string_equal(buf, "reception,technician");	/* canonical */
	kf_roles_format(KF_ROLE_ALL, buf, sizeof(buf));
	assert_string_equal(buf,
	    "reception,dispatcher,technician,supervisor,billing,admin");
	kf_roles_format(0, buf, sizeof(buf));
	assert_string_equal(buf, "");
	assert_int_equal(kf_roles_parse("", &m, &err), KF_INVALID);
	assert_int_equal(kf_roles_parse(NULL, &m, &err), KF_INVALID);
	assert_int_equal(kf_roles_parse("Admin", &m, &err), KF_INVALID);
	assert_int_equal(kf_roles_parse("admin,", &m, &err), KF_INVALID);
	assert_int_equal(kf_roles_parse("boss", &m, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "unknown role 'boss'"));
	assert_non_null(strstr(err.msg, "dispatcher"));
	assert_string_equal(kf_role_name(KF_ROLE_BILLING), "billing");
}

/* Each role against each action, as the table in perm.c says. */
static void
test_matrix(void **state)
{
	static const struct {
		const char	*login;
		unsigned	 role;
	} who[] = {
		{ "r", KF_ROLE_RECEPTION }, { "d", KF_ROLE_DISPATCHER },
		{ "t", KF_ROLE_TECHNICIAN }, { "s", KF_ROLE_SUPERVISOR },
		{ "b", KF_ROLE_BILLING }, { "a", KF_ROLE_ADMIN },
	};
	struct fixture *fx = *state;
	struct kf_core *k;
	struct kf_err err;
	size_t i;
	int act;

	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++)
		fx_staff(fx->k, who[i].login, who[i].role);
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		k = fx_session(fx, who[i].login);
		for (act = 0; act < KF_ACT_COUNT; act++) {
			enum kf_rc want = kf_action_roles(act) & who[i].role ?
			    KF_OK : KF_DENIED;

			if (kf_may(k, act, 0, &err) != want)
				fail_msg("%s on %s", who[i].login,
				    kf_action_name(act));
		}
		kf_core_close(k);
	}
	/* Spot checks, so the table itself is pinned. */
	assert_int_equal(kf_action_roles(KF_ACT_POLICY_SET), KF_ROLE_ADMIN);
	assert_int_equal(kf_action_roles(KF_ACT_AUDIT_LIST),
	    KF_ROLE_ADMIN | KF_ROLE_SUPERVISOR);
	assert_int_equal(kf_action_roles(KF_ACT_STAFF_ADD), KF_ROLE_ADMIN);
}

static void
test_own_account_exceptions(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k;
	struct kf_err err;
	int64_t me = fx_staff(fx->k, "tech", KF_ROLE_TECHNICIAN);
	int64_t other = fx_staff(fx->k, "tech2", KF_ROLE_TECHNICIAN);

	k = fx_session(fx, "tech");
	assert_int_equal(kf_may(k, KF_ACT_STAFF_SHOW, me, &err), KF_OK);
	assert_int_equal(kf_may(k, KF_ACT_STAFF_PASSWD, me, &err), KF_OK);
	assert_int_equal(kf_may(k, KF_ACT_STAFF_SHOW, other, &err), KF_DENIED);
	assert_int_equal(kf_may(k, KF_ACT_STAFF_PASSWD, other, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "tech may not set another person's password"));
	/* Only the listed actions have the exception. */
	assert_int_equal(kf_may(k, KF_ACT_STAFF_EDIT, me, &err), KF_DENIED);
	assert_int_equal(kf_may(k, KF_ACT_STAFF_DISABLE, me, &err), KF_DENIED);
	kf_core_close(k);
}

static void
test_no_actor_is_denied(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = NULL;
	struct kf_err err;

	assert_int_equal(kf_core_open(fx->path, NULL, &k, &err), KF_OK);
	assert_int_equal(kf_may(k, KF_ACT_STAFF_SHOW, 0, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "not logged in"));
	assert_int_equal(kf_may(k, KF_ACT_COUNT, 0, &err), KF_INVALID);
	kf_core_close(k);
}

/* One table gives every role's stable name and label; the parser, the
 * formatter and the refusal messages all read it. */
static void
test_role_table(void **state)
{
	const struct kf_role_info *r;
	struct kf_err err;
	unsigned mask, all = 0;
	size_t i, n;
	char buf[128];

	(void)state;
	r = kf_roles(&n);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++) {
		assert_int_equal(kf_roles_parse(r[i].name, &mask, &err), KF_OK);
		assert_int_equal(mask, r[i].role);
		assert_string_equal(kf_role_name(r[i].role), r[i].name);
		assert_non_null(r[i].label);
		all |= r[i].role;
	}
	assert_int_equal(all, KF_ROLE_ALL);
	kf_roles_label(KF_ROLE_DISPATCHER | KF_ROLE_SUPERVISOR, "/", buf,
	    sizeof(buf));
	assert_string_equal(buf, "dispatcher/supervisor");	/* untranslated */
	assert_int_equal(kf_roles_parse("cook", &mask, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "(roles: reception, dispatcher, "
	    "technician, supervisor, billing, admin)"));
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_parse_and_format),
		cmocka_unit_test(test_role_table),
		T(test_matrix),
		T(test_own_account_exceptions),
		T(test_no_actor_is_denied),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
