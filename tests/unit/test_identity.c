/*
 * test_identity.c — resolving who acts: by Unix user, by login (owner
 * mode), by password; disabled accounts; the first admin made by init.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "kefu/audit.h"
#include "kefu/perm.h"
#include "kefu/staff.h"

static struct kf_core *
fresh(struct fixture *fx)
{
	struct kf_core *k = NULL;
	struct kf_err err;

	assert_int_equal(kf_core_open(fx->path, NULL, &k, &err), KF_OK);
	return k;
}

static void
test_init_makes_first_admin_once(void **state)
{
	struct fixture *fx = *state;
	struct kf_audit_filter f = { .limit = 5 };
	struct kf_audit_row *rows;
	struct kf_err err;
	size_t n;

	assert_string_equal(kf_core_actor_login(fx->k), "boss");
	assert_int_equal(kf_core_actor_roles(fx->k), KF_ROLE_ADMIN);
	assert_true(kf_core_actor_id(fx->k) > 0);
	assert_int_equal(kf_core_init(fx->k, "eve", "Eve", &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "already initialised"));
	assert_int_equal(kf_audit_list(fx->k, &f, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 1);		/* init's staff.add, and nothing else */
	assert_string_equal(rows[0].actor, "system");
	assert_string_equal(rows[0].action, "staff.add");
	kf_audit_list_free(rows, n);
}

static void
test_login_by_unix_user(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = fresh(fx);
	struct kf_err err;

	assert_int_equal(kf_staff_add(fx->k, "zhangwei", "张伟",
	    KF_ROLE_TECHNICIAN, "zw", NULL, NULL, &err), KF_OK);
	assert_int_equal(kf_core_login_unix(k, "zw", &err), KF_OK);
	assert_string_equal(kf_core_actor_login(k), "zhangwei");
	assert_int_equal(kf_core_actor_roles(k), KF_ROLE_TECHNICIAN);
	assert_int_equal(kf_core_login_unix(k, "nobody", &err), KF_NOTFOUND);
	assert_non_null(strstr(err.msg, "--unix nobody"));
	assert_int_equal(kf_core_actor_id(k), 0);	/* failed login: no actor */
	kf_core_close(k);
}

static void
test_login_by_password(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = fresh(fx);
	struct kf_err err;
	char wrong_login[600], wrong_pw[600];

	assert_int_equal(kf_staff_add(fx->k, "wangfang", "王芳",
	    KF_ROLE_RECEPTION, NULL, "前台密码abc", NULL, &err), KF_OK);
	assert_int_equal(kf_staff_add(fx->k, "nopw", "x", KF_ROLE_RECEPTION, NULL,
	    NULL, NULL, &err), KF_OK);
	assert_int_equal(kf_core_login_password(k, "wangfang", "前台密码abc",
	    &err), KF_OK);
	assert_string_equal(kf_core_actor_login(k), "wangfang");
	assert_int_equal(kf_core_login_password(k, "wangfang", "前台密码abd",
	    &err), KF_DENIED);
	snprintf(wrong_pw, sizeof(wrong_pw), "%s", err.msg);
	assert_int_equal(kf_core_actor_id(k), 0);
	assert_int_equal(kf_core_login_password(k, "nobody", "x", &err),
	    KF_DENIED);
	snprintf(wrong_login, sizeof(wrong_login), "%s", err.msg);
	/* The message does not tell which of the two was wrong. */
	assert_string_equal(wrong_pw, wrong_login);
	assert_int_equal(kf_core_login_password(k, "nopw", "", &err), KF_DENIED);
	assert_int_equal(kf_core_login_password(k, "wangfang", NULL, &err),
	    KF_DENIED);
	kf_core_close(k);
}

static void
test_disabled_account_cannot_log_in_any_way(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = fresh(fx);
	struct kf_err err;
	int64_t id;

	assert_int_equal(kf_staff_add(fx->k, "gone", "离职", KF_ROLE_BILLING,
	    "gone", "password1", &id, &err), KF_OK);
	assert_int_equal(kf_staff_set_disabled(fx->k, id, 1, true, &err), KF_OK);
	assert_int_equal(kf_core_login_unix(k, "gone", &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "disabled"));
	assert_int_equal(kf_core_login_as(k, "gone", &err), KF_DENIED);
	assert_int_equal(kf_core_login_password(k, "gone", "password1", &err),
	    KF_DENIED);
	kf_core_close(k);
}

static void
test_refresh_picks_up_new_roles(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k;
	struct kf_err err;
	int64_t id = fx_staff(fx->k, "lijun", KF_ROLE_DISPATCHER);

	k = fx_session(fx, "lijun");
	assert_int_equal(kf_may(k, KF_ACT_AUDIT_LIST, 0, &err), KF_DENIED);
	assert_int_equal(kf_staff_edit(fx->k, id, 1, NULL,
	    KF_ROLE_DISPATCHER | KF_ROLE_SUPERVISOR, NULL, &err), KF_OK);
	assert_int_equal(kf_core_actor_refresh(k, &err), KF_OK);
	assert_int_equal(kf_may(k, KF_ACT_AUDIT_LIST, 0, &err), KF_OK);
	kf_core_close(k);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_init_makes_first_admin_once),
		T(test_login_by_unix_user),
		T(test_login_by_password),
		T(test_disabled_account_cannot_log_in_any_way),
		T(test_refresh_picks_up_new_roles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
