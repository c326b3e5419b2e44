/*
 * test_audit.c — the audit trail (R54): one row per change, the hash
 * chain catching edited, deleted and inserted rows, the head catching a
 * deleted newest row, listing with filters and keyset paging, backups.
 */
#include <stdio.h>
#include <stdlib.h>
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

/* Kinds of the problems kf_check reports, comma-joined into arg. */
static void
kinds(const struct kf_check_problem *p, void *arg)
{
	char *buf = arg;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s%s",
	    *buf ? "," : "", kf_check_kind_name(p->kind));
}

/* Recomputes the chain from row `from` and the head, as an intruder with
 * the file could (the hash has no key), and puts back the update trigger
 * the caller dropped. */
static void
rechain(struct kf_core *k, int64_t from)
{
	unsigned char prev[32] = { 0 }, hash[32];
	sqlite3_stmt *st, *up;
	struct kf_err err;

	st = kf_sql(k, "SELECT hash FROM audit WHERE id = :id");
	kf_bind_int(st, ":id", from - 1);
	if (sqlite3_step(st) == SQLITE_ROW)
		memcpy(prev, sqlite3_column_blob(st, 0), 32);
	kf_sql_done(st);
	st = kf_sql(k, "SELECT id, at, actor_id, actor, action, entity, "
	    "entity_id, version, before, after FROM audit WHERE id >= :id "
	    "ORDER BY id");
	kf_bind_int(st, ":id", from);
	while (sqlite3_step(st) == SQLITE_ROW) {
		kf_audit_hash(prev, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 5),
		    sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7),
		    (const char *)sqlite3_column_text(st, 8),
		    (const char *)sqlite3_column_text(st, 9), hash);
		up = kf_sql(k, "UPDATE audit SET prev_hash = :p, hash = :h "
		    "WHERE id = :id");
		kf_bind_blob(up, ":p", prev, 32);
		kf_bind_blob(up, ":h", hash, 32);
		kf_bind_int(up, ":id", sqlite3_column_int64(st, 0));
		assert_int_equal(sqlite3_step(up), SQLITE_DONE);
		kf_sql_done(up);
		memcpy(prev, hash, 32);
	}
	kf_sql_done(st);
	assert_int_equal(kf_exec(k, "UPDATE audit_head SET last_id = "
	    "(SELECT max(id) FROM audit), last_hash = (SELECT hash FROM audit "
	    "ORDER BY id DESC LIMIT 1); CREATE TRIGGER audit_no_update BEFORE "
	    "UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are "
	    "append-only'); END", &err), KF_OK);
}

static void
append_seal(struct kf_core *k, const char *path)
{
	struct kf_err err;
	char *line;
	FILE *f;

	assert_int_equal(kf_audit_seal(k, &line, &err), KF_OK);
	assert_non_null(strstr(line, "kefu-seal v1 db="));
	f = fopen(path, "a");
	assert_non_null(f);
	fprintf(f, "%s\n", line);
	fclose(f);
	free(line);
}

/*
 * The two forgeries the chain alone cannot show (R54): a row rewritten
 * with its record and the chain recomputed; the newest rows cut and the
 * head rewound. Without a seal the database verifies; with a seal taken
 * before, check names it.
 */
static void
test_seal_catches_a_recomputed_chain(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	char seals[160], got[256] = "";
	int problems;

	some_changes(fx->k);		/* row 4: viewing.closes back to 17:30 */
	snprintf(seals, sizeof(seals), "%s/seals", fx->dir);
	append_seal(fx->k, seals);
	assert_int_equal(kf_check(fx->k, seals, kinds, got, &problems, &err),
	    KF_OK);
	assert_int_equal(problems, 0);
	/* Row 3 said 18:00: make it say 19:00 (row 4 still brings the policy
	 * back to 17:30, so the record agrees with the forged trail). */
	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_update; "
	    "UPDATE audit SET after = '{\"value\":1140}', before = "
	    "'{\"value\":1050}' WHERE id = 3; "
	    "UPDATE audit SET before = '{\"value\":1140}' WHERE id = 4", &err),
	    KF_OK);
	rechain(fx->k, 3);
	assert_int_equal(kf_check(fx->k, NULL, kinds, got, &problems, &err),
	    KF_OK);			/* unseen without the seal */
	assert_int_equal(kf_check(fx->k, seals, kinds, got, &problems, &err),
	    KF_DBERR);
	assert_string_equal(got, "seal");
	assert_non_null(strstr(err.msg, "audit row 4 is not the row sealed"));
}

static void
test_seal_catches_a_cut_trail(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	char seals[160], path[160], got[256] = "";
	int problems;

	some_changes(fx->k);
	snprintf(path, sizeof(path), "%s/b.db", fx->dir);
	assert_int_equal(kf_backup(fx->k, path, &err), KF_OK);	/* row 5 */
	snprintf(seals, sizeof(seals), "%s/seals", fx->dir);
	append_seal(fx->k, seals);
	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_delete; "
	    "DELETE FROM audit WHERE id = 5; UPDATE audit_head SET last_id = 4, "
	    "last_hash = (SELECT hash FROM audit WHERE id = 4)", &err), KF_OK);
	assert_int_equal(kf_check(fx->k, NULL, kinds, got, &problems, &err),
	    KF_DBERR);		/* the dropped trigger only */
	assert_string_equal(got, "triggers");
	got[0] = '\0';
	assert_int_equal(kf_check(fx->k, seals, kinds, got, &problems, &err),
	    KF_DBERR);
	assert_string_equal(got, "seal,triggers");
	assert_non_null(strstr(err.msg, "ends at row 4, but a seal"));
	assert_non_null(strstr(err.msg, "names row 5"));
	/* Sealing is for admins, and refuses a broken chain. */
	assert_int_equal(kf_exec(fx->k, "DROP TRIGGER audit_no_update; "
	    "UPDATE audit SET actor = 'x' WHERE id = 2", &err), KF_OK);
	{
		char *line = NULL;

		assert_int_equal(kf_audit_seal(fx->k, &line, &err), KF_DBERR);
		assert_null(line);
		assert_non_null(strstr(err.msg, "not sealed"));
	}
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
		T(test_seal_catches_a_recomputed_chain),
		T(test_seal_catches_a_cut_trail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
