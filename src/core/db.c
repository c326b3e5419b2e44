/*
 * db.c — the one wrapper around SQLite: opening and migrating a database,
 * the statement cache with named binds, and transactions.
 *
 * Design note: transactions and the write lock.
 *   Every write begins with BEGIN IMMEDIATE, so a transaction never has to
 *   upgrade a read lock to a write lock (the deadlock that plain BEGIN hits
 *   in WAL mode, which no retry fixes). Waiting for the lock is done by our
 *   own busy handler: SQLite's default sleeps ever longer (up to 100 ms a
 *   time), so under contention a waiter that just missed the lock sleeps
 *   through several commits of others and one write can wait seconds. Ours
 *   polls every 0.2–1.2 ms (randomised so waiters do not march in step)
 *   until busy_timeout_ms, then the caller gets KF_BUSY with a message it
 *   can show: never a crash, never a silent loss.
 *
 *   Invariants:
 *   (1) tx_depth > 0 exactly while this connection holds an open
 *       transaction begun by kf_tx_begin.
 *   (2) Only the outermost kf_tx_end commits or rolls back.
 *   (3) Every statement handed out by kf_sql is reset before the next
 *       kf_sql of the same text (kf_sql resets it anyway), so no statement
 *       holds a read snapshot past its use.
 *   (4) A transaction in which a statement failed to prepare never
 *       commits (tx_unprepared; see kf_sql in internal.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "internal.h"
#include "kefu/perm.h"
#include "schema.h"

#define DEFAULT_BUSY_MS	5000

static int64_t
mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
busy_handler(void *arg, int count)
{
	struct kf_core *k = arg;
	struct timespec ts;

	if (count == 0)
		k->busy_started_us = mono_us();
	if (mono_us() - k->busy_started_us >= (int64_t)k->busy_timeout_ms * 1000)
		return 0;
	ts.tv_sec = 0;
	ts.tv_nsec = 200000L + (long)randombytes_uniform(1000000);
	nanosleep(&ts, NULL);
	return 1;
}

/* The stand-in kf_sql hands out for a statement that failed to prepare. */
static const char SQL_UNPREPARED[] = "SELECT kf_unprepared()";

/* The SQL function behind SQL_UNPREPARED: fails with the saved reason. */
static void
unprepared_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct kf_core *k = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	sqlite3_result_error(ctx, k->unprepared_why, -1);
}

/*
 * The stand-in statement after sql failed to prepare with the error now
 * on the connection; records why. Out of memory even for the stand-in
 * ends the program, as every allocation failure does (xmalloc).
 */
static sqlite3_stmt *
unprepared(struct kf_core *k, const char *sql)
{
	snprintf(k->unprepared_why, sizeof(k->unprepared_why),
	    "cannot prepare a statement (%s): %.80s", sqlite3_errmsg(k->db),
	    sql);
	if (k->tx_depth > 0)
		k->tx_unprepared = true;
	if (k->unprepared == NULL && sqlite3_prepare_v3(k->db, SQL_UNPREPARED,
	    -1, SQLITE_PREPARE_PERSISTENT, &k->unprepared, NULL) != SQLITE_OK) {
		fprintf(stderr, "kefu: %s\n", k->unprepared_why);
		abort();
	}
	sqlite3_reset(k->unprepared);
	return k->unprepared;
}

/* The slot of sql in a table of cap (a power of two) slots: its own or
 * the free one where it belongs. */
static struct kf_stmt_slot *
slot_of(struct kf_stmt_slot *slots, size_t cap, const char *sql)
{
	/* Fibonacci hashing of the address; the low bits are alignment. */
	size_t i = (size_t)(((uint64_t)(uintptr_t)sql * 0x9e3779b97f4a7c15u) >>
	    32) & (cap - 1);

	while (slots[i].sql != NULL && slots[i].sql != sql)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Doubles the cache's table (the first time: 128 slots). */
static void
cache_grow(struct kf_stmt_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 128, i;
	struct kf_stmt_slot *slots = xcalloc(cap, sizeof(*slots));

	for (i = 0; i < c->cap; i++)
		if (c->slots[i].sql != NULL)
			*slot_of(slots, cap, c->slots[i].sql) = c->slots[i];
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
}

sqlite3_stmt *
kf_sql(struct kf_core *k, const char *sql)
{
	struct kf_stmt_cache *c = &k->stmts;
	struct kf_stmt_slot *slot;
	sqlite3_stmt *st;

	if (c->cap != 0) {
		slot = slot_of(c->slots, c->cap, sql);
		if (slot->sql != NULL) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
	}
	if (sqlite3_prepare_v3(k->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK || st == NULL) {
		sqlite3_finalize(st);
		return unprepared(k, sql);
	}
	if ((c->n + 1) * 4 > c->cap * 3)
		cache_grow(c);
	slot = slot_of(c->slots, c->cap, sql);
	slot->sql = sql;
	slot->stmt = st;
	c->n++;
	return st;
}

void
kf_sql_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
}

static int
bind_index(sqlite3_stmt *st, const char *name)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i == 0 && strcmp(sqlite3_sql(st), SQL_UNPREPARED) == 0)
		return 0;	/* binding 0 fails harmlessly */
	if (i == 0) {
		fprintf(stderr, "kefu: no bind %s in: %s\n", name, sqlite3_sql(st));
		abort();
	}
	return i;
}

void
kf_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	sqlite3_bind_int64(st, bind_index(st, name), v);
}

void
kf_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, bind_index(st, name));
	else
		sqlite3_bind_text(st, bind_index(st, name), v, -1,
		    SQLITE_TRANSIENT);
}

void
kf_bind_blob(sqlite3_stmt *st, const char *name, const void *v, int n)
{
	sqlite3_bind_blob(st, bind_index(st, name), v, n, SQLITE_TRANSIENT);
}

void
kf_bind_null(sqlite3_stmt *st, const char *name)
{
	sqlite3_bind_null(st, bind_index(st, name));
}

char *
kf_col_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? xstrdup((const char *)s) : NULL;
}

void
kf_col_copy(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t len;

	if (n == 0)
		return;
	if (s == NULL) {
		buf[0] = '\0';
		return;
	}
	len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;		/* do not cut a character in half */
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
}

/*
 * Is the file system holding the database full? A write that finds no
 * room is SQLITE_FULL, but the first read after the -wal and -shm files
 * are gone must extend the new -shm, and that failing is
 * SQLITE_IOERR_SHMSIZE, "disk I/O error" (issue 11); creating a file on a
 * file system without inodes is SQLITE_CANTOPEN. The errno SQLite saw
 * tells, or else the room left beside the database. Writes the
 * directory's name into dir.
 */
static bool
disk_full(struct kf_core *k, int src, char *dir, size_t size)
{
	struct statvfs vfs;
	unsigned long long room;
	char *slash, *real;
	int prim = src & 0xff, e;

	if (prim != SQLITE_FULL && prim != SQLITE_IOERR &&
	    prim != SQLITE_CANTOPEN)
		return false;
	snprintf(dir, size, "%s", k->path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, size, ".");
	else
		*(slash == dir ? slash + 1 : slash) = '\0';
	if ((real = realpath(dir, NULL)) != NULL) {
		snprintf(dir, size, "%s", real);
		free(real);
	}
	if (prim == SQLITE_FULL)
		return true;
	e = k->db != NULL ? sqlite3_system_errno(k->db) : 0;
	if (e == ENOSPC || e == EDQUOT)
		return true;
	if (statvfs(dir, &vfs) != 0)
		return false;
	/* Root may use the blocks kept back for it. Less than a few
	 * pages left: no -shm or WAL frame fits. */
	room = (unsigned long long)(geteuid() == 0 ? vfs.f_bfree :
	    vfs.f_bavail) * vfs.f_frsize;
	return room < 64 * 1024 || (vfs.f_files > 0 && (geteuid() == 0 ?
	    vfs.f_ffree : vfs.f_favail) == 0);
}

enum kf_rc
kf_db_err(struct kf_core *k, int src, const char *what, struct kf_err *err)
{
	char dir[PATH_MAX];
	int prim = src & 0xff;

	if (disk_full(k, src, dir, sizeof(dir)))
		return kf_err_set(err, KF_DBERR, "storage error while %s: the "
		    "disk holding %s is full; free some space there and try "
		    "again", what, dir);
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return kf_err_set(err, KF_BUSY,
		    "database busy: %s waited %d ms for other sessions; try again",
		    what, k->busy_timeout_ms);
	return kf_err_set(err, KF_DBERR, "storage error while %s: %s", what,
	    k->db ? sqlite3_errmsg(k->db) : sqlite3_errstr(src));
}

enum kf_rc
kf_exec(struct kf_core *k, const char *sql, struct kf_err *err)
{
	int rc = sqlite3_exec(k->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? KF_OK : kf_db_err(k, rc, "updating", err);
}

/* Cached like every statement: parsing them anew each time was 40% of
 * kefu's overhead over bare SQLite per write (bench/bench_write.c). */
static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

/* Steps a no-row statement once; SQLITE_OK on success. */
static int
step_once(struct kf_core *k, const char *sql)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	int rc = sqlite3_step(st);

	kf_sql_done(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const char SQL_ACTOR_DISABLED[] =
    "SELECT disabled FROM staff WHERE id = :id";

static bool
actor_disabled(struct kf_core *k)
{
	sqlite3_stmt *st = kf_sql(k, SQL_ACTOR_DISABLED);
	bool off = true;

	kf_bind_int(st, ":id", k->actor_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		off = sqlite3_column_int(st, 0) != 0;
	kf_sql_done(st);
	return off;
}

enum kf_rc
kf_tx_begin_at(struct kf_core *k, const char *file, int line,
    struct kf_err *err)
{
	int64_t t0, waited;
	int rc;

	if (k->tx_depth > 0) {
		k->tx_depth++;
		return KF_OK;
	}
	t0 = mono_us();
	rc = step_once(k, SQL_BEGIN);
	waited = (mono_us() - t0) / 1000;
	if (waited > k->max_lock_wait_ms)
		k->max_lock_wait_ms = waited;
	if (rc != SQLITE_OK)
		return kf_db_err(k, rc, "starting a change", err);
	if (k->actor_id != 0 && !k->system && actor_disabled(k)) {
		/* Disabled while this session ran: refuse this and every
		 * later action (R54), whatever the face asked for. */
		step_once(k, SQL_ROLLBACK);
		kf_err_set(err, KF_DENIED, "account %s has been disabled",
		    k->actor_login);
		k->actor_id = 0;
		k->actor_roles = 0;
		return KF_DENIED;
	}
	k->tx_depth = 1;
	(void)file;
	(void)line;
	return KF_OK;
}

enum kf_rc
kf_tx_end(struct kf_core *k, enum kf_rc rc, struct kf_err *err)
{
	int src;

	if (k->tx_depth <= 0) {
		fprintf(stderr, "kefu: kf_tx_end without a transaction\n");
		abort();
	}
	if (--k->tx_depth > 0)
		return rc;
	if (rc == KF_OK && k->tx_unprepared)
		rc = kf_err_set(err, KF_DBERR, "storage error while %s: %s",
		    "saving", k->unprepared_why);
	k->tx_unprepared = false;
	if (rc == KF_OK) {
		src = step_once(k, SQL_COMMIT);
		if (src == SQLITE_OK)
			return KF_OK;
		rc = kf_db_err(k, src, "saving", err);
	}
	if (!sqlite3_get_autocommit(k->db))
		step_once(k, SQL_ROLLBACK);
	return rc;
}

int
kf_tx_depth(const struct kf_core *k)
{
	return k->tx_depth;
}

int
kf_schema_latest(void)
{
	return kf_migrations_count;
}

static int
pragma_int(struct kf_core *k, const char *sql, int *v)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(k->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int
kf_core_schema_version(struct kf_core *k)
{
	int v = -1;

	pragma_int(k, "PRAGMA user_version", &v);
	return v;
}

/*
 * Applies every migration after the database's user_version, each in its
 * own BEGIN IMMEDIATE transaction, re-reading the version under the lock
 * so two sessions upgrading at once apply each migration once.
 */
static enum kf_rc
migrate(struct kf_core *k, struct kf_err *err)
{
	char pragma[128];
	int v = -1, rc, i;	/* -1 until read (quiets -O3) */

	for (i = 0; i < kf_migrations_count; i++) {
		const struct kf_migration *m = &kf_migrations[i];

		if ((rc = kf_tx_begin(k, err)) != KF_OK)
			return rc;
		if (pragma_int(k, "PRAGMA user_version", &v) != SQLITE_OK) {
			rc = kf_db_err(k, sqlite3_errcode(k->db),
			    "reading the schema version", err);
			return kf_tx_end(k, rc, err);
		}
		if (v >= m->number)
			goto next;
		if (v != m->number - 1) {
			rc = kf_err_set(err, KF_DBERR,
			    "schema version %d cannot take migration %s", v,
			    m->name);
			return kf_tx_end(k, rc, err);
		}
		if (sqlite3_exec(k->db, m->sql, NULL, NULL, NULL) != SQLITE_OK) {
			rc = kf_err_set(err, KF_DBERR, "migration %s failed: %s",
			    m->name, sqlite3_errmsg(k->db));
			return kf_tx_end(k, rc, err);
		}
		snprintf(pragma, sizeof(pragma),
		    "PRAGMA user_version = %d; PRAGMA application_id = %d",
		    m->number, KF_APPLICATION_ID);
		if ((rc = kf_exec(k, pragma, err)) != KF_OK)
			return kf_tx_end(k, rc, err);
	next:
		if ((rc = kf_tx_end(k, KF_OK, err)) != KF_OK)
			return rc;
	}
	return KF_OK;
}

/* Checks the file holds a kefu database we can use, before changing anything. */
static enum kf_rc
check_identity(struct kf_core *k, bool create, struct kf_err *err)
{
	int appid = 0, uv = 0, ntables = 0, rc;

	rc = pragma_int(k, "PRAGMA application_id", &appid);
	if (rc == SQLITE_OK)
		rc = pragma_int(k, "PRAGMA user_version", &uv);
	if (rc == SQLITE_OK)
		rc = pragma_int(k, "SELECT count(*) FROM sqlite_schema", &ntables);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return kf_err_set(err, KF_DBERR, "%s is not a database", k->path);
	if (rc != SQLITE_OK)
		return kf_db_err(k, rc, "opening the database", err);
	if (appid != KF_APPLICATION_ID && (appid != 0 || ntables > 0))
		return kf_err_set(err, KF_DBERR,
		    "%s is a SQLite database but not a kefu one", k->path);
	if (appid == 0 && !create)
		return kf_err_set(err, KF_NOTFOUND,
		    "%s holds no kefu database yet (create one with: kefu init)",
		    k->path);
	if (uv > kf_migrations_count)
		return kf_err_set(err, KF_DBERR,
		    "%s has schema version %d, newer than this kefu (%d): "
		    "upgrade kefu", k->path, uv, kf_migrations_count);
	return KF_OK;
}

/*
 * Why path (which stat() could not follow: errno e) cannot be opened, as
 * it is: a database that is not there, or one the person may not reach
 * (a --db naming a link to the deployed database, whose directory only
 * the group may enter, said "no database" before: issue 11).
 */
static enum kf_rc
missing(const char *path, int e, struct kf_err *err)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);

	if (n > 0)
		target[n] = '\0';
	if (e == EACCES && n > 0)
		return kf_err_set(err, KF_DBERR, "cannot open %s (a link to "
		    "%s): permission denied", path, target);
	if (e == EACCES)
		return kf_err_set(err, KF_DBERR,
		    "cannot open %s: permission denied", path);
	if (e == ENOENT && n > 0)
		return kf_err_set(err, KF_NOTFOUND, "no database at %s: it "
		    "is a link to %s, which does not exist", path, target);
	if (e == ENOENT)
		return kf_err_set(err, KF_NOTFOUND,
		    "no database at %s (create one with: kefu init)", path);
	return kf_err_set(err, KF_DBERR, "cannot open %s: %s", path,
	    strerror(e));
}

enum kf_rc
kf_core_open(const char *path, const struct kf_open_opts *opts,
    struct kf_core **out, struct kf_err *err)
{
	struct kf_open_opts none = { 0 };
	struct kf_core *k;
	struct stat sb;
	enum kf_rc rc;
	char *dir, *slash, dirbuf[PATH_MAX];
	bool created = false;
	int flags, src, fd;

	*out = NULL;
	if (opts == NULL)
		opts = &none;
	if (sodium_init() < 0)
		return kf_err_set(err, KF_DBERR, "libsodium failed to start");
	if (path == NULL || *path == '\0')
		return kf_err_set(err, KF_INVALID, "no database path given");

	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		*(slash == dir ? slash + 1 : slash) = '\0';
		if (stat(dir, &sb) != 0 && errno == EACCES) {
			rc = kf_err_set(err, KF_DBERR,
			    "cannot reach directory %s: permission denied", dir);
			free(dir);
			return rc;
		}
		if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			rc = kf_err_set(err, KF_NOTFOUND,
			    "directory %s does not exist", dir);
			free(dir);
			return rc;
		}
	}
	/* SQLite creates its -wal and -shm files beside the database. With
	 * effective ids: in deployed mode the group grants the access. */
	if (faccessat(AT_FDCWD, slash ? dir : ".", W_OK | X_OK, AT_EACCESS) != 0) {
		rc = kf_err_set(err, KF_DBERR,
		    "cannot write in directory %s (kefu keeps its -wal and -shm "
		    "files beside the database)", slash ? dir : ".");
		free(dir);
		return rc;
	}
	free(dir);
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !opts->create)
			return missing(path, errno, err);
		/* Create it ourselves: SQLite would make it 0644, and in
		 * deployed mode the group must be able to write it (the
		 * umask of 007 then leaves 0660). */
		if ((fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
		    0660)) < 0)
			return kf_err_set(err, KF_DBERR, "cannot create %s: %s",
			    path, strerror(errno));
		close(fd);
		created = true;
	} else if (!S_ISREG(sb.st_mode))
		return kf_err_set(err, KF_DBERR, "%s is not a database file", path);
	else if (faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) != 0)
		return kf_err_set(err, KF_DBERR,
		    "cannot write %s: the file is read-only to you", path);

	k = xcalloc(1, sizeof(*k));
	k->path = xstrdup(path);
	k->busy_timeout_ms = opts->busy_timeout_ms > 0 ?
	    opts->busy_timeout_ms : DEFAULT_BUSY_MS;
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    (opts->create ? SQLITE_OPEN_CREATE : 0);
	src = sqlite3_open_v2(path, &k->db, flags, NULL);
	if (src != SQLITE_OK) {
		if (disk_full(k, src, dirbuf, sizeof(dirbuf)))
			rc = kf_db_err(k, src, "opening the database", err);
		else
			rc = kf_err_set(err, KF_DBERR, "cannot open %s: %s",
			    path, k->db ? sqlite3_errmsg(k->db) :
			    sqlite3_errstr(src));
		goto fail;
	}
	sqlite3_extended_result_codes(k->db, 1);
	sqlite3_busy_handler(k->db, busy_handler, k);
	/* Registered now, so preparing the stand-in needs no allocation
	 * beyond the statement itself. */
	if ((src = sqlite3_create_function(k->db, "kf_unprepared", 0,
	    SQLITE_UTF8, k, unprepared_fn, NULL, NULL)) != SQLITE_OK) {
		rc = kf_db_err(k, src, "opening", err);
		goto fail;
	}
	if (sqlite3_db_readonly(k->db, "main") == 1) {
		rc = kf_err_set(err, KF_DBERR,
		    "cannot write %s: the file is read-only to you", path);
		goto fail;
	}
	if ((rc = check_identity(k, opts->create, err)) != KF_OK)
		goto fail;
	if ((src = sqlite3_exec(k->db, "PRAGMA journal_mode = WAL", NULL, NULL,
	    NULL)) != SQLITE_OK) {
		if (disk_full(k, src, dirbuf, sizeof(dirbuf)))
			rc = kf_db_err(k, src, "opening the database", err);
		else
			rc = kf_err_set(err, KF_DBERR, "cannot open %s for "
			    "writing (%s): is its directory writable?", path,
			    sqlite3_errmsg(k->db));
		goto fail;
	}
	if ((rc = kf_exec(k, opts->sync_normal ?
	    "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL" :
	    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", err)) != KF_OK)
		goto fail;
	k->schema_at_open = kf_core_schema_version(k);
	if (k->schema_at_open < kf_migrations_count &&
	    (rc = migrate(k, err)) != KF_OK)
		goto fail;
	*out = k;
	return KF_OK;
fail:
	kf_core_close(k);
	if (created)		/* leave nothing behind we made */
		kf_core_remove_files(path);
	return rc;
}

void
kf_core_remove_files(const char *path)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];
	size_t i;

	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, sides[i]);
		unlink(p);
	}
}

void
kf_core_close(struct kf_core *k)
{
	size_t i;

	if (k == NULL)
		return;
	if (k->tx_depth > 0 && k->db != NULL)
		sqlite3_exec(k->db, "ROLLBACK", NULL, NULL, NULL);
	for (i = 0; i < k->stmts.cap; i++)
		sqlite3_finalize(k->stmts.slots[i].stmt);	/* NULL: no-op */
	free(k->stmts.slots);
	sqlite3_finalize(k->unprepared);
	sqlite3_close(k->db);
	free(k->path);
	free(k);
}

struct kf_clock *
kf_core_clock(struct kf_core *k)
{
	return &k->clock;
}

int64_t
kf_core_now(struct kf_core *k)
{
	return kf_clock_now(&k->clock);
}

int64_t
kf_core_data_version(struct kf_core *k)
{
	int v = -1;

	if (pragma_int(k, "PRAGMA data_version", &v) != SQLITE_OK)
		return -1;
	return v;
}

int64_t
kf_core_max_lock_wait_ms(const struct kf_core *k)
{
	return k->max_lock_wait_ms;
}

enum kf_rc
kf_core_migrate(struct kf_core *k, int *from, int *to, struct kf_err *err)
{
	enum kf_rc rc;

	*from = k->schema_at_open;
	*to = kf_core_schema_version(k);
	if ((rc = kf_may(k, KF_ACT_MIGRATE, 0, err)) != KF_OK)
		return rc;
	if ((rc = migrate(k, err)) != KF_OK)
		return rc;
	*to = kf_core_schema_version(k);
	if (*from == *to)
		return KF_OK;
	/* The upgrade happened when this session opened the database; the
	 * trail records it under the admin who asked for the report. */
	{
		char after[64];

		snprintf(after, sizeof(after), "{\"from\":%d,\"to\":%d}", *from,
		    *to);
		if ((rc = kf_tx_begin(k, err)) != KF_OK)
			return rc;
		rc = kf_audit_append(k, "migrate", "database", 0, *to, NULL,
		    after, err);
		return kf_tx_end(k, rc, err);
	}
}
