/*
 * test_rec.c — the versioned-update engine on its own, over a test entity
 * (the policy table's description and value): invariants (1) and (2) of
 * src/core/rec.c.
 */
#include <string.h>

#include "helpers.h"
#include "internal.h"

static const char SQL_V[] = "SELECT version FROM policy WHERE id = :id";
static const char SQL_B[] = "UPDATE policy SET version = :v WHERE id = :id";
static const struct kf_field fields[] = {
	{ "description", "SELECT description FROM policy WHERE id = :id",
	  "UPDATE policy SET description = :v WHERE id = :id", false },
	{ "value", "SELECT value FROM policy WHERE id = :id",
	  "UPDATE policy SET value = :v WHERE id = :id", false },
	{ "rule", "SELECT rule FROM policy WHERE id = :id",
	  "UPDATE policy SET rule = :v WHERE id = :id", true },
};
static const struct kf_entity ent = { "testpolicy", SQL_V, SQL_B, fields, 3 };

#define TEXT(f, s)	{ (f), { KF_V_TEXT, 0, (s) } }
#define INT(f, n)	{ (f), { KF_V_INT, (n), NULL } }

static enum kf_rc
update(struct kf_core *k, int64_t seen, const struct kf_change *ch, int n,
    int64_t *nv, struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	rc = kf_rec_update(k, &ent, 1, seen, "test.edit", ch, n, nv, err);
	return kf_tx_end(k, rc, err);
}

static int64_t
count_audit(struct kf_core *k)
{
	sqlite3_stmt *st = kf_sql(k,
	    "SELECT count(*) FROM audit WHERE entity = 'testpolicy'");
	int64_t n;

	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return n;
}

static void
test_one_bump_one_audit_row(void **state)
{
	struct fixture *fx = *state;
	struct kf_change ch[] = { TEXT("description", "说明"), INT("value", 99) };
	struct kf_err err;
	int64_t nv = 0;

	assert_int_equal(update(fx->k, 1, ch, 2, &nv, &err), KF_OK);
	assert_int_equal(nv, 2);
	assert_int_equal(count_audit(fx->k), 1);
}

static void
test_no_change_no_version(void **state)
{
	struct fixture *fx = *state;
	struct kf_change ch[] = { TEXT("description", "说明") };
	struct kf_err err;
	int64_t nv = 0;

	assert_int_equal(update(fx->k, 1, ch, 1, &nv, &err), KF_OK);
	assert_int_equal(update(fx->k, 2, ch, 1, &nv, &err), KF_OK);
	assert_int_equal(nv, 2);		/* same value again: no new version */
	assert_int_equal(count_audit(fx->k), 1);
}

static void
test_merge_across_several_changes(void **state)
{
	struct fixture *fx = *state;
	struct kf_change a[] = { TEXT("description", "一") };
	struct kf_change b[] = { TEXT("description", "二") };
	struct kf_change c[] = { INT("value", 77) };
	struct kf_err err;
	int64_t nv;

	assert_int_equal(update(fx->k, 1, a, 1, &nv, &err), KF_OK);
	assert_int_equal(update(fx->k, 2, b, 1, &nv, &err), KF_OK);
	/* Read at version 1, changes only value: merges past both. */
	assert_int_equal(update(fx->k, 1, c, 1, &nv, &err), KF_OK);
	assert_int_equal(nv, 4);
	/* Read at version 1, changes description: conflicts with the
	 * newest description change, "二". */
	assert_int_equal(update(fx->k, 1, a + 0, 1, &nv, &err), KF_CONFLICT);
	assert_string_equal(err.conflict.theirs, "\"二\"");
	assert_string_equal(err.conflict.entity, "testpolicy");
	assert_int_equal(err.conflict.id, 1);
	/* seen -1: whatever is there now, no conflict check. */
	assert_int_equal(update(fx->k, -1, a, 1, &nv, &err), KF_OK);
	assert_int_equal(nv, 5);
	assert_int_equal(count_audit(fx->k), 4);
}

static void
test_secret_field_is_never_audited(void **state)
{
	struct fixture *fx = *state;
	struct kf_change ch[] = { TEXT("rule", "R99") };
	struct kf_err err;
	sqlite3_stmt *st;
	int64_t nv;

	assert_int_equal(update(fx->k, 1, ch, 1, &nv, &err), KF_OK);
	st = kf_sql(fx->k, "SELECT before, after FROM audit "
	    "WHERE entity = 'testpolicy'");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
	    "{\"rule\":\"(secret)\"}");
	/* After: a digest of the new value (kefu check compares it), not
	 * the value. */
	assert_non_null(strstr((const char *)sqlite3_column_text(st, 1),
	    "{\"rule\":\"blake2b:"));
	assert_null(strstr((const char *)sqlite3_column_text(st, 1), "R99"));
	kf_sql_done(st);
	/* And a conflict on it shows no value either. */
	ch[0].v.s = "R98";
	assert_int_equal(update(fx->k, 1, ch, 1, &nv, &err), KF_CONFLICT);
	assert_null(strstr(err.msg, "R99"));
	assert_string_equal(err.conflict.theirs, "(secret)");
}

static void
test_constraint_violation_is_a_clean_failure(void **state)
{
	struct fixture *fx = *state;
	struct kf_change ch[] = { TEXT("description", "ok"), INT("value", -5) };
	struct kf_err err;
	sqlite3_stmt *st;
	int64_t nv;

	/* value below the row's min_value violates the CHECK. */
	assert_int_equal(update(fx->k, 1, ch, 2, &nv, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "value may not take that value"));
	st = kf_sql(fx->k, "SELECT description, version FROM policy WHERE id = 1");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_not_equal((const char *)sqlite3_column_text(st, 0), "ok");
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	kf_sql_done(st);
	assert_int_equal(count_audit(fx->k), 0);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_one_bump_one_audit_row),
		T(test_no_change_no_version),
		T(test_merge_across_several_changes),
		T(test_secret_field_is_never_audited),
		T(test_constraint_violation_is_a_clean_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
