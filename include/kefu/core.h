/*
 * core.h — a kefu session: one database connection, one clock, one actor.
 *
 * Everything the CLI and the TUI do goes through a struct kf_core. Opening
 * one opens (or, for init, creates) the SQLite database, applies pending
 * schema migrations and refuses a database newer than this program. The
 * actor — the staff member every action is attributed to and checked
 * against — is resolved separately (kf_core_login_*), so that a program
 * can open the database first and ask for a password after.
 *
 * Ownership: kf_core_open allocates; kf_core_close frees (NULL is fine).
 * A kf_core is used by one thread; never carry one across fork().
 */
#ifndef KEFU_CORE_H
#define KEFU_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "kefu/clock.h"
#include "kefu/err.h"

struct kf_core;

/* Staff roles: a person may hold several. */
enum kf_role {
	KF_ROLE_RECEPTION	= 1u << 0,	/* 前台 */
	KF_ROLE_DISPATCHER	= 1u << 1,	/* 调度 */
	KF_ROLE_TECHNICIAN	= 1u << 2,	/* 维修工 */
	KF_ROLE_SUPERVISOR	= 1u << 3,	/* 主管 */
	KF_ROLE_BILLING		= 1u << 4,	/* 收费员 */
	KF_ROLE_ADMIN		= 1u << 5,	/* 管理员 */
};
#define KF_ROLE_ALL	0x3fu

/*
 * Paging, the one contract of every list of the core (orders, contacts,
 * staff): a list has one total order (its header says which, ending in
 * the id so that no two rows tie) and is read a page at a time by
 * keyset, never whole, so a page costs the same with a million rows.
 * A page is at most limit rows, placed by dir relative to an anchor: a
 * row of the same list the caller holds (the row at the edge of its
 * view); only its sort key is read (e.g. deadline_at and id), so an
 * anchor row that has since vanished from the list (closed, handled,
 * filtered out) still places the page where it stood.
 *   KF_PAGE_FIRST    the first limit rows (anchor ignored, may be NULL);
 *   KF_PAGE_LAST     the last limit rows (anchor ignored, may be NULL);
 *   KF_PAGE_AFTER    the limit rows that follow anchor;
 *   KF_PAGE_BEFORE   the limit rows that precede anchor, the nearest;
 *   KF_PAGE_FROM     anchor itself (if still there) and the rows after.
 * AFTER, BEFORE and FROM with a NULL anchor are FIRST. Rows always come
 * in the list's order, whatever dir. Fewer than limit rows after AFTER or
 * FROM means the end was reached; before BEFORE, the start.
 */
enum kf_page {
	KF_PAGE_FIRST,
	KF_PAGE_LAST,
	KF_PAGE_AFTER,
	KF_PAGE_BEFORE,
	KF_PAGE_FROM,
};

struct kf_open_opts {
	bool	 create;	/* create the file if missing (kefu init) */
	bool	 sync_normal;	/* synchronous=NORMAL instead of FULL (bench only) */
	int	 busy_timeout_ms; /* 0: the default, 5000 */
	/*
	 * Open the database as it is: no migration, and a schema newer than
	 * this kefu is opened too, so that its version can be read; the file
	 * is not even switched to WAL (its header stays byte for byte). Only
	 * for kefu migrate --status and --backup (kefu/dbadmin.h), which
	 * look before they change anything; never for a session that reads
	 * or writes records.
	 */
	bool	 as_is;
	/*
	 * Refuse a database of an older schema (KF_DBERR, naming both
	 * schemas and `sudo kefu migrate`) instead of migrating it: a
	 * deployed session of a staff member (kefu/start.h) never migrates
	 * the shared database behind the package's checked backup; root,
	 * the owner and kefu migrate do (review of issue 16, H1).
	 */
	bool	 no_migrate;
};

/*
 * Opens the database at path and brings its schema up to date.
 * Fails with KF_NOTFOUND when the file (or its directory) does not exist
 * and opts->create is false; KF_DBERR when it is not a kefu database, is
 * newer than this program (unless opts->as_is), or cannot be opened/written; KF_BUSY when a
 * migration could not get the write lock in time. On failure *out is NULL
 * and nothing was changed on disk.
 */
enum kf_rc	kf_core_open(const char *path, const struct kf_open_opts *opts,
		    struct kf_core **out, struct kf_err *err);
void		kf_core_close(struct kf_core *k);

/* Removes a database file with its -wal, -shm and -journal companions. */
void		kf_core_remove_files(const char *path);

/* Schema version of the open database, and of this program. */
int		kf_core_schema_version(struct kf_core *k);
int		kf_schema_latest(void);
/* The version of the SQLite library kefu runs on (static text), which may
 * differ from the one it was built with: kefu --version shows it. */
const char     *kf_sqlite_version(void);

/* The session's clock; fix it with kf_clock_fix (owner mode, tests). */
struct kf_clock *kf_core_clock(struct kf_core *k);
int64_t		kf_core_now(struct kf_core *k);

/*
 * Who is acting. The actor is resolved once per session by one of:
 *   kf_core_login_unix     — the staff account whose unix_user is name
 *                            (deployed mode: name comes from getuid());
 *   kf_core_login_as       — the staff account login (owner mode only:
 *                            the caller could edit the file anyway);
 *   kf_core_login_password — login and password (argon2id).
 * Each fails with KF_NOTFOUND for no such account, KF_DENIED for a disabled
 * account or a wrong password (the message does not say which of login or
 * password was wrong). On failure the session has no actor.
 */
enum kf_rc	kf_core_login_unix(struct kf_core *k, const char *unix_user,
		    struct kf_err *err);
enum kf_rc	kf_core_login_as(struct kf_core *k, const char *login,
		    struct kf_err *err);
enum kf_rc	kf_core_login_password(struct kf_core *k, const char *login,
		    const char *password, struct kf_err *err);

/* The actor's id (0 when none), login and roles. Login is lent to the session. */
int64_t		kf_core_actor_id(const struct kf_core *k);
const char     *kf_core_actor_login(const struct kf_core *k);
unsigned	kf_core_actor_roles(const struct kf_core *k);

/*
 * Re-reads the actor's account (its roles may have changed). A session
 * whose account was disabled meanwhile gets KF_DENIED and loses its actor:
 * every later action is refused. KF_BUSY/KF_DBERR leave the actor as it
 * was (try again later).
 */
enum kf_rc	kf_core_actor_refresh(struct kf_core *k, struct kf_err *err);

/*
 * Creates the schema in a new database (kf_core_open with create) and makes
 * unix_user its first admin (login = unix_user, display_name = display).
 * Fails with KF_REFUSED when the database already has staff.
 */
enum kf_rc	kf_core_init(struct kf_core *k, const char *unix_user,
		    const char *display, struct kf_err *err);

/*
 * Applies pending migrations (kf_core_open already does; this reports).
 * *from and *to receive the versions before and after. Admin only.
 */
enum kf_rc	kf_core_migrate(struct kf_core *k, int *from, int *to,
		    struct kf_err *err);

/*
 * data_version of the connection: changes when another connection commits.
 * The TUI polls it to refresh live. Returns -1 on error.
 */
int64_t		kf_core_data_version(struct kf_core *k);

/* Longest wait for the write lock so far in this session (ms): for bench. */
int64_t		kf_core_max_lock_wait_ms(const struct kf_core *k);

/*
 * How long one person's action may wait for the database in all, across
 * every retry of every layer: the "about ten seconds" of docs/user-guide.md.
 */
#define KF_BUSY_PATIENCE_MS	10000

/*
 * For a face that retries an action which failed with KF_BUSY (the TUI
 * tries again on its timer, waiting busy_timeout_ms in the core each
 * time), so the person waits about KF_BUSY_PATIENCE_MS in all, however
 * many tries that takes. Call it after each KF_BUSY of the action with err
 * as the core filled it and the same *since_us, 0 before the first
 * failure (it is then set to when that try began). Returns true while the
 * action may try again. Once the patience is spent it returns false, sets
 * *since_us back to 0 and rewrites err's message with the whole time
 * waited, and who holds the database if known.
 */
bool		kf_core_busy_retry(struct kf_core *k, int64_t *since_us,
		    struct kf_err *err);

/*
 * Names what this session's coming writes do (copied, at most 79 bytes;
 * NULL or "" for nothing), e.g. "a customer import by wang": a session
 * that gives up waiting behind them says so in its KF_BUSY message.
 */
void		kf_core_doing(struct kf_core *k, const char *what);

#endif
