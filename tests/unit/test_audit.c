/*
 * test_audit.c — the audit trail (R54): one row per change, the hash
 * chain catching edited, deleted and inserted rows, the head catching a
 * deleted newest row, listing with filters and keyset paging, backups.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/audit.h"
#include "kefu/perm.h"
#include "kefu/policy.h"
#include "kefu/staff.h"

/* A few changes, so the chain has rows 1..4. */
static void
some_changes(struct kf_core *k)
{
	struct kf_err err;

	fx_staff(k, "wangfang", KF_ROLE_RECEPTION);
	assert_int_equal(kf_policy_set(k, "viewing.closes", "18:00", -1, &err),
	    KF_OK);
	assert_int_equal(kf_policy_set(k, "viewing.closes", "17:30", -1, &err),
	    KF_OK);
}

static int
check(struct kf_core *k, struct kf_err *err)
{
	int problems = -1;

	kf_check(k, NULL, NULL, NULL, &problems, err);
	return problems;
}

static void
test_clean_database_checks_ok(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	some_changes(fx->k);
	assert_int_equal(check(fx->k, &err), 0);
}

static void
test_triggers_forbid_edits(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	some_changes(fx->k);
	assert_int_equal(kf_exec(fx->k, "UPDATE audit SET actor = 'x'", &err),
	    KF_DBERR);
	assert_int_equal(kf_exec(fx->k, "DELETE FROM audit", &err), KF_DBERR);
	assert_int_equal(check(fx->k, &err), 0);
}

static void
test_edited_row_is_named(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	some_changes(fx->k);
	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_update; "
	    "UPDATE audit SET after = '{\"value\":1}' WHERE id = 3", &err), KF_OK);
	assert_true(check(fx->k, &err) >= 1);
	assert_int_equal(err.rc, KF_DBERR);
	assert_non_null(strstr(err.msg, "audit row 3"));
	assert_non_null(strstr(err.msg, "edited"));
}

static void
test_edited_time_or_actor_is_caught(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	some_changes(fx->k);
	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_update; "
	    "UPDATE audit SET at = at - 3600 WHERE id = 2", &err), KF_OK);
	assert_true(check(fx->k, &err) >= 1);
	assert_non_null(strstr(err.msg, "audit row 2"));
}

static void
test_deleted_middle_row_is_caught(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	some_changes(fx->k);
	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_delete; "
	    "DELETE FROM audit WHERE id = 2", &err), KF_OK);
	assert_true(check(fx->k, &err) >= 1);
	assert_non_null(strstr(err.msg, "audit row 3"));
}

static void
test_deleted_newest_row_is_caught(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	some_changes(fx->k);
	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_delete; "
	    "DELETE FROM audit WHERE id = 4; "
	    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
	    "BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END",
	    &err), KF_OK);
	/* The head, and the policy: its value and version are newer than
	 * its trail. */
	assert_int_equal(check(fx->k, &err), 3);
	assert_non_null(strstr(err.msg, "newest rows are missing"));
}

/* Deleting the newest row and rewinding the head by hand (no hashing
 * needed) still shows: the record is newer than its audit trail. */
static void
test_rewound_head_is_caught_by_versions(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	some_changes(fx->k);
	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_delete; "
	    "DELETE FROM audit WHERE id = 4; "
	    "UPDATE audit_head SET last_id = 3, last_hash = "
	    "(SELECT hash FROM audit WHERE id = 3); "
	    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
	    "BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END",
	    &err), KF_OK);
	/* The value 17:30 is not what the trail replays to (18:00), and the
	 * version is past its trail's. */
	assert_int_equal(check(fx->k, &err), 2);
	assert_non_null(strstr(err.msg, "value is 1050 in the table but 1080"));
}

static void
test_dropped_trigger_alone_is_caught(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_update", &err),
	    KF_OK);
	assert_int_equal(check(fx->k, &err), 1);
	assert_non_null(strstr(err.msg, "triggers are missing"));
}

static void
test_hash_covers_every_field(void **state)
{
	unsigned char zero[32] = { 0 }, a[32], b[32];

	(void)state;
	kf_audit_hash(zero, 1, 2, 3, "x", "y", "z", 4, 5, "{}", "{}", a);
	kf_audit_hash(zero, 1, 2, 3, "x", "y", "z", 4, 5, "{}", "{}", b);
	assert_memory_equal(a, b, 32);
	kf_audit_hash(zero, 1, 2, 3, "x", "y", "z", 4, 6, "{}", "{}", b);
	assert_memory_not_equal(a, b, 32);
	kf_audit_hash(zero, 1, 2, 3, "x", "y", "z", 4, 5, NULL, "{}", b);
	assert_memory_not_equal(a, b, 32);
	/* Length prefixes: moving a byte between fields changes the hash. */
	kf_audit_hash(zero, 1, 2, 3, "xy", "", "z", 4, 5, "{}", "{}", b);
	kf_audit_hash(zero, 1, 2, 3, "x", "y", "z", 4, 5, "{}", "{}", a);
	assert_memory_not_equal(a, b, 32);
}

static void
test_list_filters_and_pages(void **state)
{
	struct fixture *fx = *state;
	struct kf_audit_filter f = { .limit = 2 };
	struct kf_audit_row *rows;
	struct kf_err err;
	size_t n;

	some_changes(fx->k);
	assert_int_equal(kf_audit_list(fx->k, &f, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, 4);	/* newest first */
	assert_int_equal(rows[1].id, 3);
	f.before_id = rows[1].id;
	kf_audit_list_free(rows, n);
	assert_int_equal(kf_audit_list(fx->k, &f, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, 2);
	assert_int_equal(rows[1].id, 1);
	kf_audit_list_free(rows, n);

	f = (struct kf_audit_filter){ .entity = "staff", .limit = 10 };
	assert_int_equal(kf_audit_list(fx->k, &f, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 2);
	kf_audit_list_free(rows, n);
	f = (struct kf_audit_filter){ .actor = "system", .limit = 10 };
	assert_int_equal(kf_audit_list(fx->k, &f, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	kf_audit_list_free(rows, n);
}

static void
test_list_and_check_are_restricted(void **state)
{
	struct fixture *fx = *state;
	struct kf_audit_filter f = { .limit = 10 };
	struct kf_audit_row *rows;
	struct kf_core *k;
	struct kf_err err;
	size_t n;
	int problems;

	fx_staff(fx->k, "tech", KF_ROLE_TECHNICIAN);
	fx_staff(fx->k, "sup", KF_ROLE_SUPERVISOR);
	k = fx_session(fx, "tech");
	assert_int_equal(kf_audit_list(k, &f, &rows, &n, &err), KF_DENIED);
	assert_int_equal(kf_check(k, NULL, NULL, NULL, &problems, &err), KF_DENIED);
	assert_int_equal(kf_backup(k, "/tmp/never.db", &err), KF_DENIED);
	kf_core_close(k);
	k = fx_session(fx, "sup");
	assert_int_equal(kf_audit_list(k, &f, &rows, &n, &err), KF_OK);
	kf_audit_list_free(rows, n);
	kf_core_close(k);
}

static void
test_backup_copies_checks_and_is_audited(void **state)
{
	struct fixture *fx = *state;
	struct kf_audit_filter f = { .limit = 1 };
	struct kf_audit_row *rows;
	struct kf_core *copy = NULL;
	struct kf_err err;
	char path[160];
	int64_t v;
	size_t n;

	some_changes(fx->k);
	snprintf(path, sizeof(path), "%s/backup.db", fx->dir);
	assert_int_equal(kf_backup(fx->k, path, &err), KF_OK);
	assert_int_equal(kf_backup(fx->k, path, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "exists"));
	assert_int_equal(kf_audit_list(fx->k, &f, &rows, &n, &err), KF_OK);
	assert_string_equal(rows[0].action, "backup");
	kf_audit_list_free(rows, n);
	assert_int_equal(kf_core_open(path, NULL, &copy, &err), KF_OK);
	assert_int_equal(kf_core_login_as(copy, "wangfang", &err), KF_OK);
	assert_int_equal(kf_policy_value(copy, "viewing.closes", &v, &err), KF_OK);
	assert_int_equal(v, 1050);
	kf_core_close(copy);
	snprintf(path, sizeof(path), "%s/no/dir/backup.db", fx->dir);
	assert_int_equal(kf_backup(fx->k, path, &err), KF_DBERR);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_clean_database_checks_ok),
		T(test_triggers_forbid_edits),
		T(test_edited_row_is_named),
		T(test_edited_time_or_actor_is_caught),
		T(test_deleted_middle_row_is_caught),
		T(test_deleted_newest_row_is_caught),
		T(test_rewound_head_is_caught_by_versions),
		T(test_dropped_trigger_alone_is_caught),
		cmocka_unit_test(test_hash_covers_every_field),
		T(test_list_filters_and_pages),
		T(test_list_and_check_are_restricted),
		T(test_backup_copies_checks_and_is_audited),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
