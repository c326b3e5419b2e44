/*
 * test_db.c — opening, migrating and refusing databases; transactions,
 * the bounded wait for the write lock, data_version, and the statement
 * cache (no fixed capacity; a statement that cannot be prepared fails
 * its caller, never the session).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/policy.h"
#include "schema.h"

/* The first column of the first row of sql (a literal: the cache key). */
static int
one_int(struct kf_core *k, const char *sql)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	int v;

	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	kf_sql_done(st);
	return v;
}

static void
test_fresh_database_is_migrated(void **state)
{
	struct fixture *fx = *state;
	sqlite3_stmt *st;
	int v = -1;

	assert_int_equal(kf_core_schema_version(fx->k), kf_schema_latest());
	assert_int_equal(kf_schema_latest(), kf_migrations_count);
	st = kf_sql(fx->k, "PRAGMA application_id");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	kf_sql_done(st);
	assert_int_equal(v, KF_APPLICATION_ID);
	st = kf_sql(fx->k, "PRAGMA journal_mode");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	kf_sql_done(st);
	st = kf_sql(fx->k, "PRAGMA foreign_keys");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	kf_sql_done(st);
	st = kf_sql(fx->k, "PRAGMA synchronous");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);	/* FULL */
	kf_sql_done(st);
}

static void
test_missing_file_and_directory(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = NULL;
	struct kf_err err;
	char path[160];

	snprintf(path, sizeof(path), "%s/none.db", fx->dir);
	assert_int_equal(kf_core_open(path, NULL, &k, &err), KF_NOTFOUND);
	assert_null(k);
	assert_non_null(strstr(err.msg, "kefu init"));
	assert_int_not_equal(access(path, F_OK), 0);	/* not created */

	snprintf(path, sizeof(path), "%s/no/such/dir/x.db", fx->dir);
	struct kf_open_opts oo = { .create = true };
	assert_int_equal(kf_core_open(path, &oo, &k, &err), KF_NOTFOUND);
	assert_non_null(strstr(err.msg, "does not exist"));

	assert_int_equal(kf_core_open(fx->dir, NULL, &k, &err), KF_DBERR);
	assert_int_equal(kf_core_open("", NULL, &k, &err), KF_INVALID);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_not_a_database_is_refused_and_untouched(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = NULL;
	struct kf_err err;
	char path[160], buf[64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/notes.txt", fx->dir);
	write_file(path, "this is not a database, it is a shopping list\n"
	    "................................................................\n");
	assert_int_equal(kf_core_open(path, NULL, &k, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "not a database"));
	f = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "this is not a database, it is a shopping list\n");
}

static void
test_foreign_sqlite_database_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct kf_open_opts oo = { .create = true };
	struct kf_core *k = NULL;
	struct kf_err err;
	char path[160];
	sqlite3 *db;

	snprintf(path, sizeof(path), "%s/other.db", fx->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(kf_core_open(path, &oo, &k, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "not a kefu"));
}

static void
test_empty_file_without_create_is_not_found(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = NULL;
	struct kf_err err;
	char path[160];

	snprintf(path, sizeof(path), "%s/empty.db", fx->dir);
	write_file(path, "");
	assert_int_equal(kf_core_open(path, NULL, &k, &err), KF_NOTFOUND);
	assert_non_null(strstr(err.msg, "kefu init"));
}

static void
test_newer_database_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = NULL;
	struct kf_err err;
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
	    kf_schema_latest() + 1);
	assert_int_equal(kf_exec(fx->k, pragma, &err), KF_OK);
	assert_int_equal(kf_core_open(fx->path, NULL, &k, &err), KF_DBERR);
	assert_null(k);
	assert_non_null(strstr(err.msg, "newer than this kefu"));
	/* And nothing was changed by the refusal. */
	assert_int_equal(kf_core_schema_version(fx->k), kf_schema_latest() + 1);
}

static void
test_reopen_keeps_data_and_does_not_remigrate(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k;
	struct kf_err err;
	int64_t v;
	int from, to;

	k = fx_session(fx, "boss");
	assert_int_equal(kf_policy_value(k, "repair.arrive_within", &v, &err),
	    KF_OK);
	assert_int_equal(v, 2400);	/* R2: 40 minutes, seeded */
	assert_int_equal(kf_core_migrate(k, &from, &to, &err), KF_OK);
	assert_int_equal(from, kf_schema_latest());
	assert_int_equal(to, kf_schema_latest());
	kf_core_close(k);
}

static void
test_nested_transactions_commit_once(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	assert_int_equal(kf_tx_begin(fx->k, &err), KF_OK);
	assert_int_equal(kf_tx_begin(fx->k, &err), KF_OK);
	assert_int_equal(kf_tx_depth(fx->k), 2);
	assert_int_equal(kf_exec(fx->k, "UPDATE policy SET description = 'x' "
	    "WHERE key = 'viewing.opens'", &err), KF_OK);
	assert_int_equal(kf_tx_end(fx->k, KF_OK, &err), KF_OK);
	assert_int_equal(kf_tx_depth(fx->k), 1);
	/* The outer level fails: everything rolls back. */
	assert_int_equal(kf_tx_end(fx->k, KF_INVALID, &err), KF_INVALID);
	assert_int_equal(kf_tx_depth(fx->k), 0);
	assert_int_equal(one_int(fx->k,
	    "SELECT count(*) FROM policy WHERE description = 'x'"), 0);
}

static void
test_lock_wait_is_bounded_then_busy(void **state)
{
	struct fixture *fx = *state;
	struct kf_open_opts oo = { .busy_timeout_ms = 150 };
	struct kf_core *k = NULL;
	struct kf_err err;
	sqlite3 *other;
	int64_t v;

	assert_int_equal(kf_core_open(fx->path, &oo, &k, &err), KF_OK);
	assert_int_equal(kf_core_login_as(k, "boss", &err), KF_OK);
	assert_int_equal(sqlite3_open(fx->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(kf_policy_set(k, "repair.arrive_within", "30m", -1,
	    &err), KF_BUSY);
	assert_non_null(strstr(err.msg, "busy"));
	assert_true(kf_core_max_lock_wait_ms(k) >= 150);
	assert_true(kf_core_max_lock_wait_ms(k) < 1000);
	assert_int_equal(kf_tx_depth(k), 0);
	/* Reads still work while another session writes (WAL). */
	assert_int_equal(kf_policy_value(k, "repair.arrive_within", &v, &err),
	    KF_OK);
	assert_int_equal(v, 2400);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	/* The lock is free again: the same action now succeeds. */
	assert_int_equal(kf_policy_set(k, "repair.arrive_within", "30m", -1,
	    &err), KF_OK);
	kf_core_close(k);
}

/* Issue 11: the message gives the time really waited, the holder's
 * operation and owner, and a face's retries are bounded in wall-clock
 * time by the core (KF_BUSY_PATIENCE_MS), not by a count of tries. */
static void
test_busy_message_says_real_wait_and_who_holds(void **state)
{
	struct fixture *fx = *state;
	struct kf_open_opts oo = { .busy_timeout_ms = 200 };
	struct kf_core *holder = NULL, *k = NULL;
	struct kf_err err;
	struct timespec ts;
	int64_t since = 0;
	sqlite3 *other;

	assert_int_equal(kf_core_open(fx->path, NULL, &holder, &err), KF_OK);
	assert_int_equal(kf_core_open(fx->path, &oo, &k, &err), KF_OK);
	assert_int_equal(kf_core_login_as(k, "boss", &err), KF_OK);
	kf_core_doing(holder, "a customer import by boss");
	assert_int_equal(kf_tx_begin(holder, &err), KF_OK);

	assert_int_equal(kf_policy_set(k, "repair.arrive_within", "30m", -1,
	    &err), KF_BUSY);
	assert_non_null(strstr(err.msg, "a customer import by boss"));
	assert_non_null(strstr(err.msg, "has held the database for"));
	assert_null(strstr(err.msg, "200 ms"));	/* the configured time */

	/* A face retrying: the first failures may try again ... */
	assert_true(kf_core_busy_retry(k, &since, &err));
	assert_true(since != 0);
	/* ... until the patience is spent, counted from the first try:
	 * then the message gives the whole wait and still names the holder. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	since = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 -
	    (KF_BUSY_PATIENCE_MS + 1000) * (int64_t)1000;
	assert_int_equal(kf_policy_set(k, "repair.arrive_within", "30m", -1,
	    &err), KF_BUSY);
	assert_false(kf_core_busy_retry(k, &since, &err));
	assert_int_equal(since, 0);
	/* 11 s and a bit, however slow the set-up was ("waited 1N.N s"). */
	assert_non_null(strstr(err.msg, "waited 1"));
	assert_false(strstr(err.msg, "waited 10.") != NULL);
	assert_non_null(strstr(err.msg, "a customer import by boss"));
	assert_int_equal(kf_tx_end(holder, KF_OK, &err), KF_OK);

	/* A holder that is not kefu (sqlite3 on the file): no name. */
	assert_int_equal(sqlite3_open(fx->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(kf_policy_set(k, "repair.arrive_within", "30m", -1,
	    &err), KF_BUSY);
	assert_non_null(strstr(err.msg, "for another session to finish"));
	assert_null(strstr(err.msg, "customer import"));
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	kf_core_close(holder);
	kf_core_close(k);
}

/* The waiting room gets the database's mode whatever the umask (a
 * deployed session's may be 077): every writer must be able to use it. */
static void
test_waiting_room_has_the_database_mode(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = NULL;
	struct kf_err err;
	struct stat sb;
	char path[512];
	mode_t old;

	snprintf(path, sizeof(path), "%s-wait", fx->path);
	kf_core_close(fx->k);
	fx->k = NULL;
	unlink(path);
	assert_int_equal(chmod(fx->path, 0660), 0);
	/* Root makes it for the database's owner (another user's here). */
	if (geteuid() == 0)
		assert_int_equal(chown(fx->path, 65534, 65534), 0);
	old = umask(077);
	assert_int_equal(kf_core_open(fx->path, NULL, &k, &err), KF_OK);
	assert_int_equal(kf_core_login_as(k, "boss", &err), KF_OK);
	assert_int_equal(kf_policy_set(k, "repair.arrive_within", "31m", -1,
	    &err), KF_OK);
	umask(old);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	if (geteuid() == 0) {
		assert_int_equal(sb.st_uid, 65534);
		assert_int_equal(sb.st_gid, 65534);
	}
	kf_core_close(k);
}

/*
 * A time in the waiting room counts only when it is recent and not ahead
 * of now: the file outlives a reboot (the monotonic clock starts again),
 * and a future hand-over found there made every write wait its slice.
 */
static void
test_room_times_from_the_future_are_stale(void **state)
{
	(void)state;
	assert_true(kf_room_fresh(1000000, 1000000, 10));	/* now */
	assert_true(kf_room_fresh(999991, 1000000, 10));	/* 9 µs ago */
	assert_false(kf_room_fresh(999990, 1000000, 10));	/* 10 µs: gone */
	assert_true(kf_room_fresh(1001000, 1000000, 10));	/* skew */
	assert_false(kf_room_fresh(1001001, 1000000, 10));	/* ahead */
	assert_false(kf_room_fresh(INT64_MAX, 1000000, 10));
	assert_false(kf_room_fresh(INT64_MIN + 1, 1000000, 10));
}

/* The waiting room (<db>-wait) is only a hint: whatever bytes it holds,
 * writes still go through, and waiting still ends. */
static void
test_garbage_waiting_room_is_harmless(void **state)
{
	struct fixture *fx = *state;
	struct kf_open_opts oo = { .busy_timeout_ms = 200 };
	struct kf_core *a = NULL, *b = NULL;
	struct kf_err err;
	unsigned char junk[4096];
	char path[512];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s-wait", fx->path);
	for (i = 0; i < 3; i++) {
		if (i == 0)
			memset(junk, 0xff, sizeof(junk));
		else if (i == 1)
			memset(junk, 0x7f, sizeof(junk));
		else
			randombytes_buf(junk, sizeof(junk));
		assert_non_null(f = fopen(path, "w"));
		assert_int_equal(fwrite(junk, 1, sizeof(junk), f), sizeof(junk));
		fclose(f);
		assert_int_equal(kf_core_open(fx->path, &oo, &a, &err), KF_OK);
		assert_int_equal(kf_core_open(fx->path, &oo, &b, &err), KF_OK);
		assert_int_equal(kf_core_login_as(a, "boss", &err), KF_OK);
		assert_int_equal(kf_core_login_as(b, "boss", &err), KF_OK);
		assert_int_equal(kf_policy_set(a, "repair.arrive_within",
		    i % 2 ? "31m" : "32m", -1, &err), KF_OK);
		assert_int_equal(kf_tx_begin(a, &err), KF_OK);
		assert_int_equal(kf_policy_set(b, "repair.arrive_within", "33m",
		    -1, &err), KF_BUSY);
		assert_non_null(strstr(err.msg, "database busy"));
		assert_int_equal(kf_tx_end(a, KF_OK, &err), KF_OK);
		assert_int_equal(kf_policy_set(b, "repair.arrive_within", "34m",
		    -1, &err), KF_OK);
		kf_core_close(a);
		kf_core_close(b);
	}
}

static void
test_data_version_sees_other_sessions_only(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *other = fx_session(fx, "boss");
	struct kf_err err;
	int64_t before, after;

	before = kf_core_data_version(fx->k);
	assert_true(before >= 0);
	assert_int_equal(kf_policy_set(fx->k, "viewing.opens", "08:30", -1, &err),
	    KF_OK);
	assert_int_equal(kf_core_data_version(fx->k), before);	/* own commit */
	assert_int_equal(kf_policy_set(other, "viewing.opens", "08:00", -1, &err),
	    KF_OK);
	after = kf_core_data_version(fx->k);
	assert_int_not_equal(after, before);
	kf_core_close(other);
}

/*
 * Migration 011 on a database of migration 010 with data in it: an order
 * gets the time its order.new audit row was written as entered_at (so one
 * registered after keeps R9's earlier times), and viewing.earliest starts
 * no later than a site's earlier viewing.opens (the four stay in order);
 * 012 then stores an order's contact phone as contacts do.
 */
static void
test_011_upgrades_orders_and_viewing_times(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = NULL;
	struct kf_err err;
	sqlite3_stmt *st;
	sqlite3 *db;
	char path[160], pragma[96];
	int i;

	snprintf(path, sizeof(path), "%s/v10.db", fx->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (i = 0; i < kf_migrations_count && kf_migrations[i].number <= 10;
	    i++)
		if (sqlite3_exec(db, kf_migrations[i].sql, NULL, NULL, NULL) !=
		    SQLITE_OK)
			fail_msg("migration %d: %s", kf_migrations[i].number,
			    sqlite3_errmsg(db));
	assert_int_equal(i, 10);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = 10; "
	    "PRAGMA application_id = %d", KF_APPLICATION_ID);
	assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	    "UPDATE policy SET value = 360 WHERE key = 'viewing.opens';"
	    "INSERT INTO staff (id, login, display_name, roles, created_at) "
	    "VALUES (1, 'boss', 'Boss', 'admin', 1000);"
	    "INSERT INTO work_order (id, reported_at, reported_by, address, "
	    "fault, category, deadline_at, deadline_on_arrival, "
	    "contact_phone) VALUES "
	    "(7, 1795700000, 1, '测试路1号', '漏气', 0, 1795702400, 1, "
	    "'+86 138-0013 8000'),"
	    "(8, 1795700000, 1, '测试路2号', '漏气', 0, 1795702400, 1, "
	    "'ext. 12-34');"
	    "INSERT INTO audit (at, actor_id, actor, action, entity, "
	    "entity_id, version, after, prev_hash, hash) VALUES (1795703600, "
	    "1, 'boss', 'order.new', 'work_order', 7, 1, '{}', "
	    "zeroblob(32), zeroblob(32));", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(kf_core_open(path, NULL, &k, &err), KF_OK);
	assert_int_equal(kf_core_schema_version(k), kf_schema_latest());
	st = kf_sql(k, "SELECT entered_at FROM work_order WHERE id = 7");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), 1795703600);
	kf_sql_done(st);
	st = kf_sql(k, "SELECT value FROM policy WHERE key = "
	    "'viewing.earliest'");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), 360);	/* 06:00 */
	kf_sql_done(st);
	/* 012: the phone as every record stores it; what the old rule
	 * never accepted (edited outside kefu) is left as it is. */
	st = kf_sql(k, "SELECT contact_phone FROM work_order ORDER BY id");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), "+8613800138000");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), "ext. 12-34");
	kf_sql_done(st);
	kf_core_close(k);
}

/*
 * The statement cache has no fixed capacity: one session prepares far
 * more distinct statements than the old 256 slots, each stays cached (the
 * same handle comes back) and each still answers its own query.
 */
static void
test_statement_cache_grows(void **state)
{
	enum { N = 1500 };
	static char sql[N][40];		/* static: their addresses are the keys */
	static sqlite3_stmt *first[N];
	struct fixture *fx = *state;
	sqlite3_stmt *st;
	int i, round;

	for (i = 0; i < N; i++)
		snprintf(sql[i], sizeof(sql[i]), "SELECT %d + :x", i);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < N; i++) {
			st = kf_sql(fx->k, sql[i]);
			if (round == 0)
				first[i] = st;
			else
				assert_ptr_equal(st, first[i]);
			kf_bind_int(st, ":x", 1);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_int_equal(sqlite3_column_int(st, 0), i + 1);
			kf_sql_done(st);
		}
	}
	/* The core's own statements still work beside them. */
	assert_int_equal(kf_tx_begin(fx->k, NULL), KF_OK);
	assert_int_equal(kf_tx_end(fx->k, KF_OK, NULL), KF_OK);
}

/*
 * A statement that cannot be prepared (here: a column no table has, as a
 * database of a foreign schema would cause) does not end the session: its
 * step fails with a message the callers' error paths report, and the
 * transaction it ran in cannot commit, even if the caller went on.
 */
static void
test_unpreparable_statement_fails_cleanly(void **state)
{
	static const char bad[] = "SELECT no_such_column FROM policy "
	    "WHERE key = :key";
	struct fixture *fx = *state;
	struct kf_err err;
	sqlite3_stmt *st;

	st = kf_sql(fx->k, bad);
	assert_non_null(st);
	kf_bind_text(st, ":key", "x");		/* ignored, no abort */
	assert_int_equal(sqlite3_step(st), SQLITE_ERROR);
	assert_non_null(strstr(sqlite3_errmsg(sqlite3_db_handle(st)),
	    "no_such_column"));
	kf_sql_done(st);

	assert_int_equal(kf_tx_begin(fx->k, &err), KF_OK);
	assert_int_equal(kf_exec(fx->k, "UPDATE policy SET description = 'y' "
	    "WHERE key = 'viewing.opens'", &err), KF_OK);
	st = kf_sql(fx->k, bad);
	assert_int_equal(sqlite3_step(st), SQLITE_ERROR);
	kf_sql_done(st);
	/* The caller ignored the failure; the commit refuses anyway. */
	assert_int_equal(kf_tx_end(fx->k, KF_OK, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "cannot prepare"));
	assert_int_equal(kf_tx_depth(fx->k), 0);
	assert_int_equal(one_int(fx->k,
	    "SELECT count(*) FROM policy WHERE description = 'y'"), 0);
	/* The next transaction is not tainted by the last one. */
	assert_int_equal(kf_tx_begin(fx->k, &err), KF_OK);
	assert_int_equal(kf_tx_end(fx->k, KF_OK, &err), KF_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fresh_database_is_migrated,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_missing_file_and_directory,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_not_a_database_is_refused_and_untouched, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_foreign_sqlite_database_is_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_empty_file_without_create_is_not_found, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_is_refused,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_011_upgrades_orders_and_viewing_times, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_reopen_keeps_data_and_does_not_remigrate, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_nested_transactions_commit_once,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_lock_wait_is_bounded_then_busy,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_busy_message_says_real_wait_and_who_holds, fx_setup,
		    fx_teardown),
		cmocka_unit_test(test_room_times_from_the_future_are_stale),
		cmocka_unit_test_setup_teardown(
		    test_garbage_waiting_room_is_harmless, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_waiting_room_has_the_database_mode, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_data_version_sees_other_sessions_only, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_statement_cache_grows,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_unpreparable_statement_fails_cleanly, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
