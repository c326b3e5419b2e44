/*
 * test_staff.c — staff accounts: validation at the edges, merges of
 * concurrent edits, conflicts that name who/when/what, the last admin.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "kefu/audit.h"
#include "kefu/perm.h"
#include "kefu/staff.h"

static struct kf_staff
get(struct kf_core *k, const char *login)
{
	struct kf_staff s;
	struct kf_err err;

	if (kf_staff_get(k, login, &s, &err) != KF_OK)
		fail_msg("get %s: %s", login, err.msg);
	return s;
}

static void
test_add_and_get_chinese_name(void **state)
{
	struct fixture *fx = *state;
	struct kf_staff s;
	struct kf_err err;
	int64_t id;

	assert_int_equal(kf_staff_add(fx->k, "wangfang", "王芳",
	    KF_ROLE_RECEPTION | KF_ROLE_DISPATCHER, "wf", NULL, &id, &err), KF_OK);
	s = get(fx->k, "wangfang");
	assert_int_equal(s.id, id);
	assert_string_equal(s.display_name, "王芳");
	assert_int_equal(s.roles, KF_ROLE_RECEPTION | KF_ROLE_DISPATCHER);
	assert_string_equal(s.unix_user, "wf");
	assert_false(s.has_password);
	assert_false(s.disabled);
	assert_int_equal(s.version, 1);
	assert_int_equal(s.created_at, T0);
	kf_staff_clear(&s);
	kf_staff_clear(NULL);
}

static void
test_login_validation_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	char login33[34];

	memset(login33, 'a', 33);
	login33[33] = '\0';
	assert_int_equal(kf_staff_add(fx->k, login33, "x", KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_INVALID);
	login33[32] = '\0';	/* 32 characters: the longest allowed */
	assert_int_equal(kf_staff_add(fx->k, login33, "x", KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_OK);
	assert_int_equal(kf_staff_add(fx->k, "a", "x", KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_OK);
	assert_int_equal(kf_staff_add(fx->k, "", "x", KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_INVALID);
	assert_int_equal(kf_staff_add(fx->k, "9lives", "x", KF_ROLE_BILLING,
	    NULL, NULL, NULL, &err), KF_INVALID);
	assert_int_equal(kf_staff_add(fx->k, "Wang", "x", KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_INVALID);
	assert_int_equal(kf_staff_add(fx->k, "wang fang", "x", KF_ROLE_BILLING,
	    NULL, NULL, NULL, &err), KF_INVALID);
	assert_int_equal(kf_staff_add(fx->k, "王", "x", KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "bad login"));
}

static void
test_name_and_role_validation(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	char name[64 * 3 + 4] = "";
	int i;

	assert_int_equal(kf_staff_add(fx->k, "a1", "   ", KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(kf_staff_add(fx->k, "a1", "\xe3\x80\x80", KF_ROLE_BILLING,
	    NULL, NULL, NULL, &err), KF_INVALID);
	assert_int_equal(kf_staff_add(fx->k, "a1", "x\x1b[31m", KF_ROLE_BILLING,
	    NULL, NULL, NULL, &err), KF_INVALID);
	assert_int_equal(kf_staff_add(fx->k, "a1", "\xff", KF_ROLE_BILLING,
	    NULL, NULL, NULL, &err), KF_INVALID);
	for (i = 0; i < 64; i++)
		strcat(name, "王");
	assert_int_equal(kf_staff_add(fx->k, "a1", name, KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_OK);		/* 64 characters */
	strcat(name, "王");
	assert_int_equal(kf_staff_add(fx->k, "a2", name, KF_ROLE_BILLING, NULL,
	    NULL, NULL, &err), KF_INVALID);	/* 65 */
	assert_int_equal(kf_staff_add(fx->k, "a3", "x", 0, NULL, NULL, NULL,
	    &err), KF_INVALID);
	assert_int_equal(kf_staff_add(fx->k, "a3", "x", 1u << 9, NULL, NULL,
	    NULL, &err), KF_INVALID);
	assert_int_equal(kf_staff_add(fx->k, "a3", "x", KF_ROLE_BILLING,
	    "bad user!", NULL, NULL, &err), KF_INVALID);
}

static void
test_duplicates_conflict(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	fx_staff(fx->k, "lijun", KF_ROLE_DISPATCHER);
	assert_int_equal(kf_staff_add(fx->k, "lijun", "李军", KF_ROLE_DISPATCHER,
	    NULL, NULL, NULL, &err), KF_CONFLICT);
	assert_non_null(strstr(err.msg, "taken"));
	assert_int_equal(kf_staff_add(fx->k, "lijun2", "李军", KF_ROLE_DISPATCHER,
	    "boss", NULL, NULL, &err), KF_CONFLICT);
	assert_non_null(strstr(err.msg, "Unix user boss"));
}

static void
test_password_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	struct kf_staff s;
	int64_t id;

	assert_int_equal(kf_staff_add(fx->k, "p1", "x", KF_ROLE_BILLING, NULL,
	    "1234567", &id, &err), KF_INVALID);	/* 7: too short */
	assert_non_null(strstr(err.msg, "at least 8"));
	assert_int_equal(kf_staff_add(fx->k, "p1", "x", KF_ROLE_BILLING, NULL,
	    "12345678", &id, &err), KF_OK);	/* 8: enough */
	s = get(fx->k, "p1");
	assert_true(s.has_password);
	kf_staff_clear(&s);
	assert_int_equal(kf_staff_passwd(fx->k, id, NULL, &err), KF_OK);
	s = get(fx->k, "p1");
	assert_false(s.has_password);
	assert_int_equal(s.version, 2);
	kf_staff_clear(&s);
}

/* Two admins edit different fields from the same version: both win. */
static void
test_edits_of_different_fields_merge(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *other = fx_session(fx, "boss");
	struct kf_staff s;
	struct kf_err err;
	int64_t id = fx_staff(fx->k, "zhangwei", KF_ROLE_TECHNICIAN);

	assert_int_equal(kf_staff_edit(fx->k, id, 1, "张伟", ~0u, NULL, &err),
	    KF_OK);
	assert_int_equal(kf_staff_edit(other, id, 1, NULL,
	    KF_ROLE_TECHNICIAN | KF_ROLE_DISPATCHER, "zw", &err), KF_OK);
	s = get(fx->k, "zhangwei");
	assert_string_equal(s.display_name, "张伟");
	assert_int_equal(s.roles, KF_ROLE_TECHNICIAN | KF_ROLE_DISPATCHER);
	assert_string_equal(s.unix_user, "zw");
	assert_int_equal(s.version, 3);
	kf_staff_clear(&s);
	kf_core_close(other);
}

/* The same field from the same version: the second is refused, with who,
 * when and both values, and nothing of it is saved. */
static void
test_edits_of_the_same_field_conflict(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *other;
	struct kf_staff s;
	struct kf_err err;
	int64_t id = fx_staff(fx->k, "liuyang", KF_ROLE_TECHNICIAN);

	fx_staff(fx->k, "admin2", KF_ROLE_ADMIN);
	other = fx_session(fx, "admin2");
	kf_clock_fix(kf_core_clock(other), T0 + 60);
	assert_int_equal(kf_staff_edit(other, id, 1, "刘洋", ~0u, NULL, &err),
	    KF_OK);
	assert_int_equal(kf_staff_edit(fx->k, id, 1, "柳杨", ~0u, "ly", &err),
	    KF_CONFLICT);
	assert_string_equal(err.conflict.field, "display_name");
	assert_string_equal(err.conflict.by, "admin2");
	assert_int_equal(err.conflict.at, T0 + 60);
	assert_string_equal(err.conflict.theirs, "\"刘洋\"");
	assert_string_equal(err.conflict.yours, "\"柳杨\"");
	assert_non_null(strstr(err.msg, "admin2"));
	assert_non_null(strstr(err.msg, "刘洋"));
	assert_non_null(strstr(err.msg, "柳杨"));
	s = get(fx->k, "liuyang");
	assert_string_equal(s.display_name, "刘洋");
	assert_null(s.unix_user);	/* the other field was not saved either */
	assert_int_equal(s.version, 2);
	kf_staff_clear(&s);
	/* Reloaded at version 2, the same edit goes through. */
	assert_int_equal(kf_staff_edit(fx->k, id, 2, "柳杨", ~0u, "ly", &err),
	    KF_OK);
	kf_core_close(other);
}

/* Setting the same value someone else set meanwhile is still a conflict:
 * the caller decided from a value that is gone. At the current version,
 * saving unchanged values is a no-op. */
static void
test_same_value_from_a_stale_version_conflicts(void **state)
{
	struct fixture *fx = *state;
	struct kf_staff s;
	struct kf_err err;
	int64_t id = fx_staff(fx->k, "chenjing", KF_ROLE_SUPERVISOR);

	assert_int_equal(kf_staff_edit(fx->k, id, 1, "陈静", ~0u, NULL, &err),
	    KF_OK);
	assert_int_equal(kf_staff_edit(fx->k, id, 1, "陈静", ~0u, NULL, &err),
	    KF_CONFLICT);
	assert_string_equal(err.conflict.theirs, "\"陈静\"");
	assert_int_equal(kf_staff_edit(fx->k, id, 2, "陈静", ~0u, NULL, &err),
	    KF_OK);
	s = get(fx->k, "chenjing");
	assert_int_equal(s.version, 2);		/* nothing changed: no version */
	kf_staff_clear(&s);
}

static void
test_stale_and_impossible_versions(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	int64_t id = fx_staff(fx->k, "zhaomin", KF_ROLE_BILLING);

	assert_int_equal(kf_staff_edit(fx->k, id, 2, "赵敏", ~0u, NULL, &err),
	    KF_INVALID);		/* version 2 does not exist yet */
	assert_int_equal(kf_staff_edit(fx->k, id, 0, "赵敏", ~0u, NULL, &err),
	    KF_INVALID);
	assert_int_equal(kf_staff_edit(fx->k, 9999, 1, "赵敏", ~0u, NULL, &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_staff_edit(fx->k, id, 1, NULL, ~0u, NULL, &err),
	    KF_INVALID);		/* nothing to change */
}

static void
test_last_admin_is_kept(void **state)
{
	struct fixture *fx = *state;
	struct kf_staff boss = get(fx->k, "boss");
	struct kf_err err;
	int64_t id2;

	assert_int_equal(kf_staff_set_disabled(fx->k, boss.id, -1, true, &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "last enabled admin"));
	assert_int_equal(kf_staff_edit(fx->k, boss.id, -1, NULL,
	    KF_ROLE_SUPERVISOR, NULL, &err), KF_REFUSED);
	/* With a second admin, the first may step down. */
	id2 = fx_staff(fx->k, "admin2", KF_ROLE_ADMIN);
	assert_int_equal(kf_staff_edit(fx->k, boss.id, -1, NULL,
	    KF_ROLE_SUPERVISOR | KF_ROLE_ADMIN, NULL, &err), KF_OK);
	assert_int_equal(kf_staff_set_disabled(fx->k, id2, -1, true, &err),
	    KF_OK);
	/* ...but a disabled admin does not count. */
	assert_int_equal(kf_staff_set_disabled(fx->k, boss.id, -1, true, &err),
	    KF_REFUSED);
	kf_staff_clear(&boss);
}

static void
test_disabled_account_cannot_act(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *tech;
	struct kf_err err;
	int64_t id = fx_staff(fx->k, "tech", KF_ROLE_TECHNICIAN);

	tech = fx_session(fx, "tech");
	assert_int_equal(kf_staff_set_disabled(fx->k, id, 1, true, &err), KF_OK);
	/* The very next action of the running session is refused before
	 * anything is written, and the session has no actor any more. */
	assert_int_equal(kf_staff_passwd(tech, id, "whatever1", &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "has been disabled"));
	assert_int_equal(kf_core_actor_id(tech), 0);
	assert_int_equal(kf_staff_passwd(tech, id, "whatever1", &err), KF_DENIED);
	assert_int_equal(kf_core_actor_refresh(tech, &err), KF_DENIED);
	assert_int_equal(kf_core_login_as(tech, "tech", &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "disabled"));
	kf_core_close(tech);
	/* Re-enabled, the account works again. */
	assert_int_equal(kf_staff_set_disabled(fx->k, id, 2, false, &err), KF_OK);
	tech = fx_session(fx, "tech");
	assert_int_equal(kf_core_actor_refresh(tech, &err), KF_OK);
	kf_core_close(tech);
}

static void
test_list_pages_by_keyset(void **state)
{
	struct fixture *fx = *state;
	struct kf_staff *v, last = { 0 };
	struct kf_err err;
	size_t n;
	char login[16];
	int i;

	for (i = 0; i < 5; i++) {
		snprintf(login, sizeof(login), "u%d", i);
		fx_staff(fx->k, login, KF_ROLE_RECEPTION);
	}
	/* Page after page by login, as the CLI's user list reads them. */
	assert_int_equal(kf_staff_page(fx->k, NULL, KF_PAGE_FIRST, NULL, 4,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].login, "boss");
	assert_string_equal(v[3].login, "u2");
	last.login = strdup(v[3].login);
	kf_staff_list_free(v, n);
	assert_int_equal(kf_staff_page(fx->k, NULL, KF_PAGE_AFTER, &last, 4,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].login, "u3");
	assert_string_equal(v[1].login, "u4");
	kf_staff_list_free(v, n);
	kf_staff_clear(&last);
}

/* The colleagues a clerk may name: enabled, holding the role, by name. */
static void
test_colleagues_by_role(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *clerk;
	struct kf_staff *v;
	struct kf_err err;
	int64_t gone;
	size_t n;

	assert_int_equal(kf_staff_add(fx->k, "zhou", "周经理",
	    KF_ROLE_SUPERVISOR, NULL, NULL, NULL, &err), KF_OK);
	assert_int_equal(kf_staff_add(fx->k, "an", "安经理",
	    KF_ROLE_SUPERVISOR | KF_ROLE_DISPATCHER, NULL, NULL, NULL, &err),
	    KF_OK);
	assert_int_equal(kf_staff_add(fx->k, "old", "老经理",
	    KF_ROLE_SUPERVISOR, NULL, NULL, &gone, &err), KF_OK);
	assert_int_equal(kf_staff_set_disabled(fx->k, gone, 1, true, &err),
	    KF_OK);
	fx_staff(fx->k, "clerk", KF_ROLE_RECEPTION);
	clerk = fx_session(fx, "clerk");
	/* A reception clerk may not list staff, but may name a manager. */
	assert_int_equal(kf_staff_page(clerk, NULL, KF_PAGE_FIRST, NULL, 10,
	    &v, &n, &err), KF_DENIED);
	assert_int_equal(kf_staff_colleagues(clerk, KF_ROLE_SUPERVISOR, 10, &v,
	    &n, &err), KF_OK);
	assert_int_equal(n, 3);		/* the disabled one last, marked */
	assert_string_equal(v[0].display_name, "周经理");	/* U+5468 */
	assert_string_equal(v[1].display_name, "安经理");	/* U+5B89 */
	assert_string_equal(v[2].display_name, "老经理");
	assert_false(v[0].disabled);
	assert_true(v[2].disabled);
	assert_null(v[0].unix_user);
	kf_staff_list_free(v, n);
	/* A technician may not list colleagues (staff.names). */
	fx_staff(fx->k, "tech", KF_ROLE_TECHNICIAN);
	{
		struct kf_core *tech = fx_session(fx, "tech");

		assert_int_equal(kf_staff_colleagues(tech, KF_ROLE_SUPERVISOR,
		    10, &v, &n, &err), KF_DENIED);
		kf_core_close(tech);
	}
	/* Any of several roles; a limit. */
	assert_int_equal(kf_staff_colleagues(clerk, KF_ROLE_DISPATCHER |
	    KF_ROLE_RECEPTION, 1, &v, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].login, "clerk");	/* Latin sorts first */
	kf_staff_list_free(v, n);
	assert_int_equal(kf_staff_colleagues(clerk, KF_ROLE_DISPATCHER |
	    KF_ROLE_RECEPTION, 10, &v, &n, &err), KF_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].login, "an");
	kf_staff_list_free(v, n);
	assert_int_equal(kf_staff_colleagues(clerk, KF_ROLE_BILLING, 10, &v,
	    &n, &err), KF_OK);
	assert_int_equal(n, 0);
	kf_staff_list_free(v, n);
	kf_core_close(clerk);
}

static void
page_logins(struct kf_core *k, const char *filter, enum kf_page dir,
    const char *anchor, int limit, const char *want)
{
	struct kf_staff_filter f = { filter };
	struct kf_staff a = { 0 }, *v;
	struct kf_err err;
	char got[256] = "";
	size_t n, i;

	if (anchor != NULL) {
		a = get(k, anchor);
	}
	if (kf_staff_page(k, &f, dir, anchor ? &a : NULL, limit, &v, &n,
	    &err) != KF_OK)
		fail_msg("page: %s", err.msg);
	for (i = 0; i < n; i++) {
		strcat(got, i ? " " : "");
		strcat(got, v[i].login);
	}
	kf_staff_list_free(v, n);
	kf_staff_clear(&a);
	assert_string_equal(got, want);
}

static void
test_page_by_login_and_by_name(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	assert_int_equal(kf_staff_add(fx->k, "wang1", "王芳", KF_ROLE_RECEPTION,
	    NULL, NULL, NULL, &err), KF_OK);
	assert_int_equal(kf_staff_add(fx->k, "wang2", "王伟", KF_ROLE_RECEPTION,
	    NULL, NULL, NULL, &err), KF_OK);
	assert_int_equal(kf_staff_add(fx->k, "li1", "李军", KF_ROLE_RECEPTION,
	    NULL, NULL, NULL, &err), KF_OK);
	assert_int_equal(kf_staff_add(fx->k, "wanda", "王芳", KF_ROLE_RECEPTION,
	    NULL, NULL, NULL, &err), KF_OK);
	page_logins(fx->k, "", KF_PAGE_FIRST, NULL, 10,
	    "boss li1 wanda wang1 wang2");
	page_logins(fx->k, NULL, KF_PAGE_FIRST, NULL, 2, "boss li1");
	page_logins(fx->k, "", KF_PAGE_AFTER, "li1", 2, "wanda wang1");
	page_logins(fx->k, "", KF_PAGE_FROM, "li1", 2, "li1 wanda");
	page_logins(fx->k, "", KF_PAGE_BEFORE, "wang1", 2, "li1 wanda");
	page_logins(fx->k, "", KF_PAGE_LAST, NULL, 2, "wang1 wang2");
	page_logins(fx->k, "WAN", KF_PAGE_FIRST, NULL, 10, "wanda wang1 wang2");
	page_logins(fx->k, "wang", KF_PAGE_LAST, NULL, 1, "wang2");
	page_logins(fx->k, "zz", KF_PAGE_FIRST, NULL, 10, "");
	/* Chinese: by display name, then login (two 王芳 stay apart). */
	/* (王伟 sorts before 王芳: U+4F1F < U+82B3.) */
	page_logins(fx->k, "王", KF_PAGE_FIRST, NULL, 10, "wang2 wanda wang1");
	page_logins(fx->k, "王芳", KF_PAGE_FIRST, NULL, 10, "wanda wang1");
	page_logins(fx->k, "王", KF_PAGE_AFTER, "wanda", 10, "wang1");
	page_logins(fx->k, "王", KF_PAGE_BEFORE, "wang1", 10, "wang2 wanda");
	page_logins(fx->k, "王", KF_PAGE_BEFORE, "wang2", 10, "");
	page_logins(fx->k, "王", KF_PAGE_LAST, NULL, 1, "wang1");
	/* Filters are text, never SQL. */
	page_logins(fx->k, "%", KF_PAGE_FIRST, NULL, 10, "");
	page_logins(fx->k, "' OR 1=1 --", KF_PAGE_FIRST, NULL, 10, "");
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_add_and_get_chinese_name),
		T(test_login_validation_edges),
		T(test_name_and_role_validation),
		T(test_duplicates_conflict),
		T(test_password_edges),
		T(test_edits_of_different_fields_merge),
		T(test_edits_of_the_same_field_conflict),
		T(test_same_value_from_a_stale_version_conflicts),
		T(test_stale_and_impossible_versions),
		T(test_last_admin_is_kept),
		T(test_disabled_account_cannot_act),
		T(test_list_pages_by_keyset),
		T(test_page_by_login_and_by_name),
		T(test_colleagues_by_role),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
