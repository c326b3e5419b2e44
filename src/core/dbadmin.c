/*
 * dbadmin.c — the database as a whole (kefu/dbadmin.h): its schema's
 * state, migrating behind a checked backup, and restoring a backup.
 *
 * Design note: nothing live changes until everything that can be checked
 * has been, on copies.
 *   A backup (or the backup migrate --backup just took) is looked at
 *   read-only first (inspect: opens, kefu's application id, not newer,
 *   SQLite's integrity check), then copied to a scratch file and migrated
 *   and checked there (stage): a backup of an older schema cannot be
 *   checked as it is, since kf_check reads the tables of this kefu's
 *   schema, and a migration that would fail fails there first, on a copy.
 *   Only then is the live database touched: migrate --backup applies every
 *   due migration in one transaction (all or none: the database is never
 *   half migrated, so there is nothing to put back from the backup), and
 *   restore writes the checked scratch copy into the live file with
 *   SQLite's backup API while holding the file's exclusive lock.
 *
 *   Why an exclusive lock and not the write lock alone: in WAL mode a
 *   session that has the database open keeps a shared lock on it while
 *   idle, and would go on with its cached idea of the data (a TUI's
 *   screen, a draft's record) after the file changed under it. Taking the
 *   exclusive lock fails while any other session is open, which is the
 *   "stop kefu sessions first" a restore needs, found out, not hoped for.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "kefu/audit.h"
#include "kefu/dbadmin.h"
#include "kefu/perm.h"

#define RESTORE_BUSY_MS	1000	/* others have it open: say so soon */

static const char SQL_AUDIT_HEAD[] =
    "SELECT id, hex(hash) FROM audit ORDER BY id DESC LIMIT 1";

enum kf_schema_state
kf_schema_state(struct kf_core *k, int *have, int *latest)
{
	*have = kf_core_schema_version(k);
	*latest = kf_schema_latest();
	if (*have > *latest)
		return KF_SCHEMA_NEWER;
	return *have == *latest ? KF_SCHEMA_CURRENT : KF_SCHEMA_OLDER;
}

/* The refusal of a newer schema, the same words wherever it is met:
 * of the file path, or of the open database when path is NULL. */
static enum kf_rc
newer_err(struct kf_err *err, const char *path, int have)
{
	if (path == NULL)
		return kf_err_set(err, KF_DBERR, "this database is schema %d; "
		    "this kefu knows up to %d: install the newer kefu", have,
		    kf_schema_latest());
	return kf_err_set(err, KF_DBERR, "%s is schema %d; this kefu knows up "
	    "to %d: install the newer kefu", path, have, kf_schema_latest());
}

/* One integer of a pragma on a raw connection; a SQLite code. */
static int
int_of(sqlite3 *db, const char *sql, int *v)
{
	sqlite3_stmt *st;
	int src;

	if ((src = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) != SQLITE_OK)
		return src;
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		src = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return src;
}

/*
 * Closes db, a read-only connection to path, and removes the -wal and
 * -shm files that opening it made beside path (a read-only connection
 * leaves them): looking at a backup leaves nothing behind. Those that
 * were there before (had[0], had[1]) stay.
 */
static void
close_looked(sqlite3 *db, const char *path, const bool had[2])
{
	static const char *const side[2] = { "-wal", "-shm" };
	char p[4200];
	struct stat sb;
	int i;

	sqlite3_close(db);
	for (i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), "%s%s", path, side[i]);
		/* A -wal with content is someone's data: never removed. */
		if (!had[i] && stat(p, &sb) == 0 && (i == 1 || sb.st_size == 0))
			unlink(p);
	}
}

/* Which of path's -wal and -shm exist now (for close_looked). */
static void
sides_before(const char *path, bool had[2])
{
	char p[4200];

	snprintf(p, sizeof(p), "%s-wal", path);
	had[0] = access(p, F_OK) == 0;
	snprintf(p, sizeof(p), "%s-shm", path);
	had[1] = access(p, F_OK) == 0;
}

/*
 * Looks at the database file path without changing it: it exists
 * (KF_NOTFOUND), opens read-only, is a kefu database not newer than this
 * kefu, and passes SQLite's integrity check. On success *out is the
 * read-only connection and *schema its version; the caller closes it with
 * close_looked(*out, path, had).
 */
static enum kf_rc
inspect(const char *path, sqlite3 **out, int *schema, bool had[2],
    struct kf_err *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st;
	struct stat sb;
	char first[200];
	int src, appid = 0;
	enum kf_rc rc;

	*out = NULL;
	*schema = 0;
	sides_before(path, had);
	if (stat(path, &sb) != 0)
		return errno == ENOENT ?
		    kf_err_set(err, KF_NOTFOUND, "no backup at %s", path) :
		    kf_err_set(err, KF_DBERR, "cannot read %s: %s", path,
		    strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return kf_err_set(err, KF_DBERR, "%s is not a database file",
		    path);
	src = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (src == SQLITE_OK)
		src = int_of(db, "PRAGMA application_id", &appid);
	if (src == SQLITE_OK)
		src = int_of(db, "PRAGMA user_version", schema);
	if ((src & 0xff) == SQLITE_NOTADB) {
		rc = kf_err_set(err, KF_DBERR, "%s is not a database", path);
		goto fail;
	}
	if (src != SQLITE_OK) {
		rc = kf_err_set(err, KF_DBERR, "cannot open %s: %s", path,
		    db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
		goto fail;
	}
	if (appid != KF_APPLICATION_ID || *schema < 1) {
		rc = kf_err_set(err, KF_DBERR, "%s is not a kefu database",
		    path);
		goto fail;
	}
	if (*schema > kf_schema_latest()) {
		rc = newer_err(err, path, *schema);
		goto fail;
	}
	/* The first problem is enough to refuse; kefu check lists them. */
	first[0] = '\0';
	st = NULL;
	src = sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st,
	    NULL);
	if (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		snprintf(first, sizeof(first), "%s", t ? (const char *)t : "");
		src = SQLITE_OK;
	} else
		snprintf(first, sizeof(first), "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (strcmp(first, "ok") != 0) {
		rc = kf_err_set(err, KF_DBERR, "%s is damaged: %s", path,
		    first);
		goto fail;
	}
	*out = db;
	return KF_OK;
fail:
	close_looked(db, path, had);
	return rc;
}

/*
 * Copies the database of the connection from to the new file scratch,
 * opens it (migrating it to this kefu's schema) and runs the whole check
 * on it as the system. On success *out is the session on scratch; on
 * failure scratch is gone. Messages name what, the file the person knows.
 */
static enum kf_rc
stage(sqlite3 *from, const char *what, const char *scratch,
    struct kf_core **out, struct kf_err *err)
{
	struct kf_core *k = NULL;
	struct kf_err e2;
	enum kf_rc rc;
	int problems;

	*out = NULL;
	kf_err_clear(&e2);
	if ((rc = kf_copy_db(from, scratch, &e2)) != KF_OK)
		return kf_err_set(err, rc == KF_INVALID ? KF_DBERR : rc,
		    "cannot make a scratch copy of %s: %s", what, e2.msg);
	if ((rc = kf_core_open(scratch, NULL, &k, &e2)) == KF_OK) {
		k->system = true;
		rc = kf_check(k, NULL, NULL, NULL, &problems, &e2);
	}
	if (rc != KF_OK) {
		kf_core_close(k);
		kf_core_remove_files(scratch);
		return kf_err_set(err, KF_DBERR, "%s fails its check: %s", what,
		    e2.msg);
	}
	*out = k;
	return KF_OK;
}

enum kf_rc
kf_migrate_with_backup(struct kf_core *k, const char *path,
    struct kf_migrate_result *r, struct kf_err *err)
{
	char scratch[4096];
	struct kf_core *sk = NULL;
	struct kf_buf a = { 0 };
	struct kf_err e2;
	sqlite3 *db = NULL;
	enum kf_schema_state state;
	enum kf_rc rc;
	int have, latest, bschema;
	char what[128];
	bool had[2];

	state = kf_schema_state(k, &have, &latest);
	r->from = r->to = have;
	r->backed_up = false;
	if ((rc = kf_may(k, KF_ACT_MIGRATE, 0, err)) != KF_OK)
		return rc;
	if (state == KF_SCHEMA_NEWER)
		return newer_err(err, NULL, have);
	if (state == KF_SCHEMA_CURRENT)
		return KF_OK;		/* and no file: nothing to keep */
	if (path == NULL || *path == '\0')
		return kf_err_set(err, KF_INVALID, "no backup file given");
	if (snprintf(scratch, sizeof(scratch), "%s-check", path) >=
	    (int)sizeof(scratch))
		return kf_err_set(err, KF_INVALID, "backup file name too long");

	/* The database as it is, before any migration. */
	if ((rc = kf_copy_db(k->db, path, err)) != KF_OK)
		return rc;
	r->backed_up = true;
	kf_err_clear(&e2);
	if ((rc = inspect(path, &db, &bschema, had, &e2)) == KF_OK &&
	    bschema != have)
		rc = kf_err_set(&e2, KF_DBERR, "it is schema %d, not %d",
		    bschema, have);
	if (rc != KF_OK) {
		if (db != NULL)
			close_looked(db, path, had);
		kf_core_remove_files(path);
		r->backed_up = false;
		return kf_err_set(err, KF_DBERR, "backup %s fails its check "
		    "(so it was removed), nothing was migrated: %s", path,
		    e2.msg);
	}
	/* The migrations tried on a copy first: one that fails, fails
	 * there, and the live database is never touched. */
	snprintf(what, sizeof(what), "a copy of the database migrated from "
	    "schema %d to %d", have, latest);
	rc = stage(db, what, scratch, &sk, &e2);
	close_looked(db, path, had);
	kf_core_close(sk);
	kf_core_remove_files(scratch);
	if (rc != KF_OK)
		return kf_err_set(err, KF_DBERR, "nothing was migrated: %s; "
		    "the backup taken before is %s", e2.msg, path);

	/* Now for real, all or nothing, the audit row with it. */
	kf_err_clear(&e2);
	if ((rc = kf_tx_begin(k, &e2)) == KF_OK) {
		if ((rc = kf_migrate_all(k, &e2)) == KF_OK) {
			kf_buf_printf(&a, "{\"from\":%d,\"to\":%d,\"backup\":",
			    have, kf_core_schema_version(k));
			kf_buf_json_str(&a, path);
			kf_buf_puts(&a, "}");
			rc = kf_audit_append(k, "migrate", "database", 0,
			    kf_core_schema_version(k), NULL, kf_buf_str(&a),
			    &e2);
			kf_buf_free(&a);
		}
		rc = kf_tx_end(k, rc, &e2);
	}
	r->to = kf_core_schema_version(k);
	if (rc != KF_OK)
		return kf_err_set(err, rc == KF_BUSY ? KF_BUSY : KF_DBERR,
		    "migration failed, so the database is left as it was "
		    "(schema %d): %s; the backup taken before is %s", r->to,
		    e2.msg, path);
	/* Opened as it was (kf_open_opts.as_is): now in kefu's WAL mode,
	 * as any session would have set it. Failing here loses nothing. */
	(void)kf_exec(k, "PRAGMA journal_mode = WAL", &e2);
	return KF_OK;
}

/*
 * Whether the existing file live may be replaced: a kefu database (any
 * schema, damaged or not), or an empty SQLite file. Never someone's
 * other database named by mistake.
 */
static enum kf_rc
live_replaceable(const char *live, struct kf_err *err)
{
	sqlite3 *db = NULL;
	int src, appid = 0, ntables = 0;
	enum kf_rc rc = KF_OK;
	bool had[2];

	sides_before(live, had);
	src = sqlite3_open_v2(live, &db, SQLITE_OPEN_READONLY, NULL);
	if (src == SQLITE_OK)
		src = int_of(db, "PRAGMA application_id", &appid);
	if (src == SQLITE_OK)
		src = int_of(db, "SELECT count(*) FROM sqlite_schema",
		    &ntables);
	if ((src & 0xff) == SQLITE_NOTADB)
		rc = kf_err_set(err, KF_DBERR, "%s is not a database: it was "
		    "not replaced (move it away and restore again)", live);
	else if ((src & 0xff) == SQLITE_BUSY || (src & 0xff) == SQLITE_LOCKED)
		rc = kf_err_set(err, KF_BUSY, "%s is in use by another kefu "
		    "session or program: stop them and try again; nothing was "
		    "changed", live);
	else if (src != SQLITE_OK)
		rc = kf_err_set(err, KF_DBERR, "cannot open %s: %s", live,
		    db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
	else if (appid != KF_APPLICATION_ID && (appid != 0 || ntables > 0))
		rc = kf_err_set(err, KF_DBERR, "%s is a SQLite database but "
		    "not a kefu one: it was not replaced", live);
	/* The live database's -wal and -shm are never removed: a session
	 * opening it meanwhile would share an unlinked -shm, SQLite's road
	 * to corruption (issue 16 review, M2). They are its own files, made
	 * with its mode. */
	(void)had;
	sqlite3_close(db);
	return rc;
}

/* The db.restore row, in the staged copy: who, from what, which head. */
static enum kf_rc
audit_restore(struct kf_core *sk, const struct kf_restore_opts *o,
    int bschema, const char *saved, int64_t *head, struct kf_err *err)
{
	struct kf_buf a = { 0 };
	sqlite3_stmt *st;
	char hash[65] = "";
	enum kf_rc rc;

	if (o->fix_clock)
		kf_clock_fix(kf_core_clock(sk), o->now);
	if ((rc = kf_tx_begin(sk, err)) != KF_OK)
		return rc;
	st = kf_sql(sk, SQL_AUDIT_HEAD);
	*head = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*head = sqlite3_column_int64(st, 0);
		kf_col_copy(st, 1, hash, sizeof(hash));
	}
	kf_sql_done(st);
	kf_buf_puts(&a, "{\"file\":");
	kf_buf_json_str(&a, o->backup);
	kf_buf_puts(&a, ",\"by\":");
	kf_buf_json_str(&a, o->by ? o->by : "");
	kf_buf_printf(&a, ",\"backup_schema\":%d,\"backup_head\":%lld,"
	    "\"backup_hash\":", bschema, (long long)*head);
	kf_buf_json_str(&a, hash);
	/* Where the database it replaces was kept (M1), null when none. */
	kf_buf_puts(&a, ",\"saved\":");
	if (saved != NULL && *saved != '\0')
		kf_buf_json_str(&a, saved);
	else
		kf_buf_puts(&a, "null");
	kf_buf_puts(&a, "}");
	rc = kf_audit_append(sk, "db.restore", "database", 0, 0, NULL,
	    kf_buf_str(&a), err);
	kf_buf_free(&a);
	return kf_tx_end(sk, rc, err);
}

/*
 * The name the replaced database is kept under, beside it:
 * LIVE.before-restore-YYYYMMDD-HHMMSS (UTC, the restore's time), with
 * .1, .2, ... when a restore of the same second kept one already.
 */
static enum kf_rc
saved_name(const char *live, int64_t now, char *buf, size_t n,
    struct kf_err *err)
{
	time_t t = (time_t)now;
	struct tm tm;
	char stamp[32];
	int i, len;

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	for (i = 0; i < 100; i++) {
		len = i == 0 ?
		    snprintf(buf, n, "%s.before-restore-%s", live, stamp) :
		    snprintf(buf, n, "%s.before-restore-%s.%d", live, stamp, i);
		if (len < 0 || (size_t)len >= n)
			return kf_err_set(err, KF_INVALID, "database path too "
			    "long");
		if (access(buf, F_OK) != 0 && errno == ENOENT)
			return KF_OK;
	}
	return kf_err_set(err, KF_DBERR, "%s: too many copies kept by "
	    "restores this second; nothing was changed", buf);
}

/*
 * Keeps the live database (dst, its connection holding the exclusive
 * lock) as saved before it is written over (issue 16 review M1): a
 * restore of the wrong or an older backup must not lose the changes
 * made since. Made 0600 and exclusively (kf_copy_db: it holds password
 * hashes), then checked to be the whole of it (as many pages, the same
 * schema). Not kefu check: a damaged database is what one restores
 * over, and its copy is kept as it is, to look at.
 */
static enum kf_rc
keep_live(sqlite3 *dst, const char *live, const char *saved,
    struct kf_err *err)
{
	sqlite3 *c = NULL;
	struct kf_err e2;
	struct stat sb;
	int pages = -1, cpages = -2, ver = -1, cver = -2, s;
	bool had[2];

	kf_err_clear(&e2);
	if (kf_copy_db(dst, saved, &e2) != KF_OK)
		return kf_err_set(err, KF_DBERR, "cannot keep a copy of %s "
		    "before replacing it (%s); nothing was changed: move the "
		    "database away yourself and restore again", live, e2.msg);
	sides_before(saved, had);
	s = sqlite3_open_v2(saved, &c, SQLITE_OPEN_READONLY, NULL);
	if (s == SQLITE_OK)
		s = int_of(c, "PRAGMA page_count", &cpages);
	if (s == SQLITE_OK)
		s = int_of(c, "PRAGMA user_version", &cver);
	close_looked(c, saved, had);	/* nobody else has it open */
	if (s == SQLITE_OK)
		s = int_of(dst, "PRAGMA page_count", &pages);
	if (s == SQLITE_OK)
		s = int_of(dst, "PRAGMA user_version", &ver);
	if (s != SQLITE_OK || pages != cpages || ver != cver ||
	    stat(saved, &sb) != 0 || (sb.st_mode & 07777) != 0600) {
		kf_core_remove_files(saved);
		return kf_err_set(err, KF_DBERR, "the copy of %s kept before "
		    "replacing it is not whole; nothing was changed", live);
	}
	return KF_OK;
}

/*
 * Writes the database file from into live under live's exclusive lock
 * (the design note): KF_BUSY when another session has live open. With
 * saved, the live database is first kept there (keep_live), under the
 * same lock, so the copy is what is replaced.
 */
static enum kf_rc
overwrite(const char *from, const char *live, const char *saved,
    int busy_ms, struct kf_err *err)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	enum kf_rc rc = KF_OK;
	int s;

	s = sqlite3_open_v2(live, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (s != SQLITE_OK) {
		rc = kf_err_set(err, KF_DBERR, "cannot open %s: %s", live,
		    dst ? sqlite3_errmsg(dst) : sqlite3_errstr(s));
		goto out;
	}
	sqlite3_busy_timeout(dst, busy_ms);
	/* Kept after COMMIT in exclusive locking mode: the lock is ours
	 * until the connection closes, the copy included. */
	s = sqlite3_exec(dst, "PRAGMA locking_mode = EXCLUSIVE; "
	    "BEGIN EXCLUSIVE; COMMIT", NULL, NULL, NULL);
	if ((s & 0xff) == SQLITE_BUSY || (s & 0xff) == SQLITE_LOCKED) {
		rc = kf_err_set(err, KF_BUSY, "%s is in use: another kefu "
		    "session (or program) has it open; stop kefu sessions and "
		    "try again; nothing was changed", live);
		goto out;
	}
	if (s != SQLITE_OK) {
		rc = kf_err_set(err, KF_DBERR, "cannot lock %s: %s; nothing "
		    "was changed", live, sqlite3_errmsg(dst));
		goto out;
	}
	if (saved != NULL && (rc = keep_live(dst, live, saved, err)) != KF_OK)
		goto out;
	s = sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL);
	if (s != SQLITE_OK) {
		rc = kf_err_set(err, KF_DBERR, "cannot open %s: %s", from,
		    src ? sqlite3_errmsg(src) : sqlite3_errstr(s));
		goto out;
	}
	/* The copy is one write transaction of the destination: a failure
	 * part way rolls back, the live file as it was. */
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		rc = kf_err_set(err, KF_DBERR, "restore failed: %s; nothing "
		    "was changed", sqlite3_errmsg(dst));
		goto out;
	}
	s = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (s != SQLITE_DONE)
		rc = kf_err_set(err, (s & 0xff) == SQLITE_BUSY ? KF_BUSY :
		    KF_DBERR, "restore failed while writing %s: %s; nothing "
		    "was changed", live, sqlite3_errstr(s));
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc;
}

enum kf_rc
kf_restore(const struct kf_restore_opts *o, struct kf_restore_result *r,
    struct kf_err *err)
{
	char scratch[4096], what[4200];
	struct kf_core *sk = NULL, *k = NULL;
	struct kf_err e2;
	struct stat sb;
	sqlite3 *db = NULL;
	enum kf_rc rc;
	int problems, fd;
	bool exists, had[2];

	memset(r, 0, sizeof(*r));
	if (o->backup == NULL || *o->backup == '\0')
		return kf_err_set(err, KF_INVALID, "no backup file given");
	if (snprintf(scratch, sizeof(scratch), "%s.restore.%ld", o->live,
	    (long)getpid()) >= (int)sizeof(scratch))
		return kf_err_set(err, KF_INVALID, "database path too long");
	exists = stat(o->live, &sb) == 0;
	if (exists && !S_ISREG(sb.st_mode))
		return kf_err_set(err, KF_DBERR, "%s is not a database file",
		    o->live);

	/* 1, 2: the backup, checked on a copy that is migrated up. */
	if ((rc = inspect(o->backup, &db, &r->backup_schema, had, err)) !=
	    KF_OK)
		return rc;
	snprintf(what, sizeof(what), "backup %s", o->backup);
	rc = stage(db, what, scratch, &sk, err);
	close_looked(db, o->backup, had);
	if (rc != KF_OK)
		return rc;

	/* 3: the live one. */
	if (exists && !o->force) {
		rc = kf_err_set(err, KF_REFUSED, "%s exists; stop kefu "
		    "sessions and add --force to replace it with %s (checked: "
		    "it is good)", o->live, o->backup);
		goto out;
	}
	if (exists && (rc = live_replaceable(o->live, err)) != KF_OK)
		goto out;

	/* 4: the trail says who restored what, in the restored database,
	 * and where the database it replaces is kept (step 5 keeps it). */
	if (exists) {
		if (o->fix_clock)
			kf_clock_fix(kf_core_clock(sk), o->now);
		if ((rc = saved_name(o->live, kf_core_now(sk), r->saved,
		    sizeof(r->saved), err)) != KF_OK)
			goto out;
	}
	if ((rc = audit_restore(sk, o, r->backup_schema, r->saved,
	    &r->backup_head, err)) != KF_OK)
		goto out;
	kf_core_close(sk);	/* its WAL checkpointed into the file */
	sk = NULL;

	/* 5: created as kefu init creates it, or written over in place. */
	if (!exists) {
		if ((fd = open(o->live, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
		    0660)) < 0) {
			rc = kf_err_set(err, KF_DBERR, "cannot create %s: %s",
			    o->live, strerror(errno));
			goto out;
		}
		close(fd);
		r->created = true;
	}
	if ((rc = overwrite(scratch, o->live, exists ? r->saved : NULL,
	    o->busy_timeout_ms > 0 ?
	    o->busy_timeout_ms : RESTORE_BUSY_MS, err)) != KF_OK)
		goto out;

	/* 6: what is live now is what was checked. */
	kf_err_clear(&e2);
	if ((rc = kf_core_open(o->live, NULL, &k, &e2)) == KF_OK) {
		k->system = true;
		r->schema = kf_core_schema_version(k);
		rc = kf_check(k, NULL, NULL, NULL, &problems, &e2);
	}
	kf_core_close(k);
	if (rc != KF_OK) {
		rc = r->saved[0] != '\0' ?
		    kf_err_set(err, KF_DBERR, "restored %s, but it fails its "
		    "check: %s; the database it replaced is kept as %s",
		    o->live, e2.msg, r->saved) :
		    kf_err_set(err, KF_DBERR, "restored %s, but it fails its "
		    "check: %s", o->live, e2.msg);
		r->created = false;	/* what is there stays, to look at */
	}
out:
	kf_core_close(sk);
	kf_core_remove_files(scratch);
	if (rc != KF_OK && r->created) {
		kf_core_remove_files(o->live);
		r->created = false;
	}
	return rc;
}
