/*
 * test_dbadmin.c — the database as a whole (kefu/dbadmin.h, issue 16):
 * the schema's state, migrating behind a checked backup (all or nothing,
 * a migration that fails part way), restoring (refusals, busy, in place,
 * created, an older backup), and who may (kf_start_restore,
 * kf_start_identify_system).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "internal.h"
#include "schema.h"
#include "kefu/audit.h"
#include "kefu/dbadmin.h"
#include "kefu/start.h"

/* Runs sql on the file path with a connection of its own. */
static void
raw(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* One integer read from the file path. */
static int
raw_int(const char *path, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *db;
	int v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A database of schema 1 at path (as the first kefu made it, no staff),
 * plus extra SQL (NULL for none). */
static void
schema1(const char *path, const char *extra)
{
	char pragma[96];

	unlink(path);
	raw(path, kf_migrations[0].sql);
	snprintf(pragma, sizeof(pragma), "PRAGMA application_id = %d; "
	    "PRAGMA user_version = 1", KF_APPLICATION_ID);
	raw(path, pragma);
	if (extra != NULL)
		raw(path, extra);
}

static struct kf_core *
open_as_is(const char *path)
{
	struct kf_open_opts o = { .as_is = true };
	struct kf_core *k;
	struct kf_err err;

	assert_int_equal(kf_core_open(path, &o, &k, &err), KF_OK);
	k->system = true;
	return k;
}

/* Byte at of the file path. */
static int
header_byte(const char *path, long at)
{
	FILE *f = fopen(path, "rb");
	int c;

	assert_non_null(f);
	assert_int_equal(fseek(f, at, SEEK_SET), 0);
	c = fgetc(f);
	fclose(f);
	return c;
}

/* cp from to. */
static void
copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	char buf[8192];
	size_t n;

	assert_non_null(a);
	assert_non_null(b);
	while ((n = fread(buf, 1, sizeof(buf), a)) > 0)
		assert_int_equal(fwrite(buf, 1, n, b), n);
	fclose(a);
	assert_int_equal(fclose(b), 0);
}

static bool
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void
test_schema_state(void **state)
{
	struct fixture *fx = *state;
	struct kf_open_opts plain = { 0 };
	struct kf_core *k;
	struct kf_err err;
	int have, latest;

	assert_int_equal(kf_schema_state(fx->k, &have, &latest),
	    KF_SCHEMA_CURRENT);
	assert_int_equal(have, latest);
	assert_int_equal(latest, kf_migrations_count);
	kf_core_close(fx->k);
	fx->k = NULL;

	/* Newer: refused by a plain open, looked at as it is. */
	raw(fx->path, "PRAGMA user_version = 99");
	assert_int_equal(kf_core_open(fx->path, &plain, &k, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "newer"));
	k = open_as_is(fx->path);
	assert_int_equal(kf_schema_state(k, &have, &latest), KF_SCHEMA_NEWER);
	assert_int_equal(have, 99);
	kf_core_close(k);

	/* Older: as it is, nothing migrates. */
	schema1(fx->path, NULL);
	k = open_as_is(fx->path);
	assert_int_equal(kf_schema_state(k, &have, &latest), KF_SCHEMA_OLDER);
	assert_int_equal(have, 1);
	kf_core_close(k);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 1);
	/* Not even switched to WAL: header byte 18 is 1 (rollback), not 2. */
	assert_int_equal(header_byte(fx->path, 18), 1);
}

/* Migration 021 creates table callback: one that exists makes it fail
 * after the twenty before it applied, in the same transaction. */
static void
test_migrate_all_is_all_or_nothing(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k;
	struct kf_err err;

	kf_core_close(fx->k);
	fx->k = NULL;
	schema1(fx->path, "CREATE TABLE callback (x)");
	k = open_as_is(fx->path);
	assert_int_equal(kf_migrate_all(k, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "021_callbacks"));
	assert_int_equal(kf_core_schema_version(k), 1);
	assert_int_equal(kf_tx_depth(k), 0);
	kf_core_close(k);
	/* Nothing of 002..020 is left: 003 made the customer table. */
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'customer'"), 0);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 1);
}

static void
test_migrate_with_backup(void **state)
{
	struct fixture *fx = *state;
	struct kf_migrate_result r;
	struct kf_audit_row *rows;
	struct kf_audit_filter f = { .limit = 1 };
	char bk[160], scratch[200];
	struct stat sb;
	struct kf_core *k;
	struct kf_err err;
	size_t n;

	snprintf(bk, sizeof(bk), "%s/pre.db", fx->dir);
	snprintf(scratch, sizeof(scratch), "%s-check", bk);

	/* Nothing due: no file. */
	assert_int_equal(kf_migrate_with_backup(fx->k, bk, &r, &err), KF_OK);
	assert_false(r.backed_up);
	assert_int_equal(r.from, r.to);
	assert_false(exists(bk));
	/* A technician may not (and gets no copy of the database). */
	fx_staff(fx->k, "jishu", KF_ROLE_TECHNICIAN);
	kf_core_close(fx->k);
	fx->k = NULL;
	raw(fx->path, "PRAGMA user_version = 23");	/* 024 due */
	{
		struct kf_open_opts o = { .as_is = true };

		assert_int_equal(kf_core_open(fx->path, &o, &k, &err), KF_OK);
		assert_int_equal(kf_core_login_as(k, "jishu", &err), KF_OK);
		assert_int_equal(kf_migrate_with_backup(k, bk, &r, &err),
		    KF_DENIED);
		kf_core_close(k);
	}
	assert_false(exists(bk));

	/* Schema 1: backed up as it was, checked, migrated, audited. */
	schema1(fx->path, NULL);
	k = open_as_is(fx->path);
	assert_int_equal(kf_migrate_with_backup(k, bk, &r, &err), KF_OK);
	assert_true(r.backed_up);
	assert_int_equal(r.from, 1);
	assert_int_equal(r.to, kf_schema_latest());
	assert_int_equal(stat(bk, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(raw_int(bk, "PRAGMA user_version"), 1);
	assert_false(exists(scratch));
	assert_int_equal(kf_audit_list(k, &f, &rows, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].action, "migrate");
	assert_non_null(strstr(rows[0].after, "pre.db"));
	kf_audit_list_free(rows, n);
	kf_core_close(k);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"),
	    kf_schema_latest());

	/* FILE exists: refused before anything. */
	schema1(fx->path, NULL);
	k = open_as_is(fx->path);
	assert_int_equal(kf_migrate_with_backup(k, bk, &r, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "exists"));
	assert_int_equal(kf_core_schema_version(k), 1);
	kf_core_close(k);

	/* A migration that fails: tried on the copy, nothing migrated, the
	 * backup kept and named. */
	unlink(bk);
	schema1(fx->path, "CREATE TABLE callback (x)");
	k = open_as_is(fx->path);
	assert_int_equal(kf_migrate_with_backup(k, bk, &r, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "021_callbacks"));
	assert_non_null(strstr(err.msg, "nothing was migrated"));
	assert_non_null(strstr(err.msg, bk));
	assert_true(r.backed_up);
	assert_int_equal(r.to, 1);
	assert_true(exists(bk));
	assert_false(exists(scratch));
	kf_core_close(k);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 1);

	/* Newer: refused, no file. */
	unlink(bk);
	raw(fx->path, "PRAGMA user_version = 99");
	k = open_as_is(fx->path);
	assert_int_equal(kf_migrate_with_backup(k, bk, &r, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "install the newer kefu"));
	assert_false(exists(bk));
	kf_core_close(k);
}

static void
test_restore(void **state)
{
	struct fixture *fx = *state;
	struct kf_restore_opts o = { .by = "tester" };
	struct kf_restore_result r;
	char bk[160], other[160], fresh[160], saved[200], saved1[220];
	char sql[400];
	struct stat before, after, sb;
	struct kf_core *k2;
	struct kf_err err;

	snprintf(bk, sizeof(bk), "%s/good.db", fx->dir);
	snprintf(other, sizeof(other), "%s/other.db", fx->dir);
	snprintf(fresh, sizeof(fresh), "%s/fresh.db", fx->dir);
	assert_int_equal(kf_backup(fx->k, bk, &err), KF_OK);
	fx_staff(fx->k, "later", KF_ROLE_RECEPTION);	/* not in the backup */
	o.live = fx->path;
	o.backup = bk;

	/* Without --force: refused after the check. */
	assert_int_equal(kf_restore(&o, &r, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "--force"));
	/* Busy: the fixture's session has it open. */
	o.force = true;
	assert_int_equal(kf_restore(&o, &r, &err), KF_BUSY);
	assert_non_null(strstr(err.msg, "in use"));
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM staff "
	    "WHERE login = 'later'"), 1);
	kf_core_close(fx->k);
	fx->k = NULL;

	/* Backups that are not good: missing, not kefu, newer. */
	o.backup = other;
	assert_int_equal(kf_restore(&o, &r, &err), KF_NOTFOUND);
	raw(other, "CREATE TABLE t (x)");
	assert_int_equal(kf_restore(&o, &r, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "not a kefu database"));
	unlink(other);
	copy_file(bk, other);
	raw(other, "PRAGMA user_version = 99");
	assert_int_equal(kf_restore(&o, &r, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "schema 99"));
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM staff "
	    "WHERE login = 'later'"), 1);

	/* The copy of the live one cannot be made (a dangling symlink
	 * where it goes: created exclusively, never followed): refused,
	 * nothing changed (issue 16 review M1). T0 + 60 is 02:42:00 UTC. */
	o.backup = bk;
	o.fix_clock = true;
	o.now = T0 + 60;
	snprintf(saved, sizeof(saved), "%s.before-restore-20261127-024200",
	    fx->path);
	assert_int_equal(symlink("/nonexistent/kefu-saved", saved), 0);
	assert_int_equal(kf_restore(&o, &r, &err), KF_DBERR);
	assert_non_null(strstr(err.msg, "cannot keep a copy of"));
	assert_non_null(strstr(err.msg, "nothing was changed"));
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM staff "
	    "WHERE login = 'later'"), 1);
	assert_int_equal(unlink(saved), 0);

	/* In place. */
	assert_int_equal(stat(fx->path, &before), 0);
	assert_int_equal(kf_restore(&o, &r, &err), KF_OK);
	assert_int_equal(stat(fx->path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(before.st_mode, after.st_mode);
	assert_false(r.created);
	assert_int_equal(r.schema, kf_schema_latest());
	assert_int_equal(r.backup_head, raw_int(bk, "SELECT max(id) FROM audit"));
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM staff "
	    "WHERE login = 'later'"), 0);
	assert_int_equal(raw_int(fx->path, "SELECT at FROM audit WHERE "
	    "action = 'db.restore'"), (int)(T0 + 60));
	/* The database it replaced is kept beside it, 0600, whole (with
	 * 'later'), and the trail and the result name it (M1). */
	assert_string_equal(r.saved, saved);
	assert_int_equal(stat(saved, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(raw_int(saved, "SELECT count(*) FROM staff "
	    "WHERE login = 'later'"), 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE action "
	    "= 'db.restore' AND json_extract(after, '$.saved') = '%s'", saved);
	assert_int_equal(raw_int(fx->path, sql), 1);
	/* A second restore in the same second keeps the next copy as .1. */
	assert_int_equal(kf_restore(&o, &r, &err), KF_OK);
	snprintf(saved1, sizeof(saved1), "%s.1", saved);
	assert_string_equal(r.saved, saved1);
	assert_int_equal(stat(saved1, &sb), 0);
	assert_int_equal(raw_int(saved1, "SELECT count(*) FROM audit WHERE "
	    "action = 'db.restore'"), 1);
	k2 = fx_session(fx, "boss");
	assert_non_null(k2);
	kf_core_close(k2);

	/* No database yet: created; an older backup migrated up. */
	o.live = fresh;
	o.force = false;
	schema1(other, NULL);
	o.backup = other;
	assert_int_equal(kf_restore(&o, &r, &err), KF_OK);
	assert_true(r.created);
	assert_string_equal(r.saved, "");	/* nothing was replaced */
	assert_int_equal(r.backup_schema, 1);
	assert_int_equal(r.schema, kf_schema_latest());
	assert_int_equal(raw_int(other, "PRAGMA user_version"), 1);
}

static void
test_who_may(void **state)
{
	struct fixture *fx = *state;
	struct kf_start s = { .system_db = fx->path, .db_path = fx->path };
	struct kf_restore_result r;
	struct kf_core *k;
	struct kf_err err;
	char bk[160];

	snprintf(bk, sizeof(bk), "%s/good.db", fx->dir);
	assert_int_equal(kf_backup(fx->k, bk, &err), KF_OK);
	kf_core_close(fx->k);
	fx->k = NULL;
	unsetenv("KEFU_DB");
	unsetenv("KEFU_NOW");

	/* Owner mode: the owner acts as the system, no account needed;
	 * --as names who acts instead. */
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	assert_true(s.owner);
	assert_int_equal(kf_start_identify_system(&s, k, NULL, &err), KF_OK);
	assert_int_equal(kf_core_actor_id(k), 0);
	assert_int_equal(kf_may(k, KF_ACT_MIGRATE, 0, &err), KF_OK);
	kf_core_close(k);
	s.as = "boss";
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	assert_int_equal(kf_start_identify_system(&s, k, NULL, &err), KF_OK);
	assert_string_equal(kf_core_actor_login(k), "boss");
	kf_core_close(k);
	s.as = NULL;

	/* Deployed (played by s.setgid): root only, admins included. */
	s.setgid = true;
	if (getuid() != 0) {
		assert_int_equal(kf_start_restore(&s, bk, true, &r, &err),
		    KF_DENIED);
		assert_non_null(strstr(err.msg, "only root"));
	} else
		assert_int_equal(kf_start_restore(&s, bk, true, &r, &err),
		    KF_OK);
	/* Owner mode: the owner may. */
	s.setgid = false;
	assert_int_equal(kf_start_restore(&s, bk, true, &r, &err), KF_OK);
	assert_true(s.owner);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_schema_state),
		T(test_migrate_all_is_all_or_nothing),
		T(test_migrate_with_backup),
		T(test_restore),
		T(test_who_may),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
