/*
 * start.h — one session start-up for every face (the CLI and the TUI):
 * the mode, the database path, the clock, the privilege drop and the
 * identity, by DESIGN.md's "Identity and security". The face parses its
 * arguments into a struct kf_start; these three calls, in this order,
 * turn it into an open struct kf_core with its actor, so both faces obey
 * the same rules and say the same words (each refusal is an enum kf_rc
 * with a message; nothing here prints or exits).
 *
 *   kf_start_process   first thing in main(), before the locale is read:
 *                      a kefu started setgid (deployed) keeps only what a
 *                      terminal needs from the environment and sets
 *                      umask 007 (its WAL files stay the group's).
 *   kf_start_open      the mode, the path, the privilege drop, the clock,
 *                      then the database (created for kefu init).
 *   kf_start_identify  the actor: --login's password, --as (owner mode
 *                      only), or the Unix user of the real uid.
 *
 * The modes:
 *   deployed  started setgid and opening the system database with the
 *             group's rights. The environment is never read (KEFU_DB,
 *             KEFU_NOW ignored); --as is refused; only root may create
 *             the database.
 *   owner     not deployed, and the person can write the file: --as and
 *             KEFU_NOW are honoured (they could edit the file anyway).
 *             A setgid kefu given --db naming another file gives up the
 *             group for good first, and is then in owner mode when the
 *             person can write that file; it still ignores the
 *             environment (cleared before anything read it).
 */
#ifndef KEFU_START_H
#define KEFU_START_H

#include <stdbool.h>

#include "kefu/core.h"
#include "kefu/err.h"

struct kf_start {
	/* In: set by the face. Strings are lent (argv, static text) and
	 * must outlive the session. */
	const char	*system_db;	/* the deployed database (KEFU_SYSTEM_DB),
					 * never NULL */
	const char	*db_path;	/* --db PATH, or NULL */
	const char	*as;		/* --as LOGIN, or NULL */
	const char	*login;		/* --login LOGIN, or NULL */
	bool		 create;	/* create the file if missing (kefu init) */
	bool		 as_is;		/* open without migrating; a newer
					 * schema too (kf_open_opts.as_is) */
	bool		 login_screen;	/* the face asks login and password itself */
	int		 busy_timeout_ms; /* 0: the core's default */
	/* Out. setgid is set by kf_start_process (a test may set it to
	 * play the deployed rules: it can only make them stricter). */
	bool		 setgid;	/* started with a privilege */
	bool		 deployed;	/* the system database, with the group */
	bool		 owner;		/* owner mode (see above) */
	bool		 created;	/* kf_start_open made the file */
	const char	*path;		/* the database opened (lent as above,
					 * or from the environment) */
};

/*
 * Records in s whether the process runs with a privilege (real and
 * effective ids differ: installed setgid). If so, clears the environment
 * but for TERM, LANG, LANGUAGE, LC_ALL, LC_CTYPE, LC_MESSAGES, TZ,
 * COLUMNS, LINES and NO_COLOR (dropping values that hold a '/' or are
 * long: they could make a library load a file as the group), sets PATH
 * to /usr/bin:/bin and the umask to 007. Cannot fail.
 */
void		kf_start_process(struct kf_start *s);

/*
 * Decides the mode and opens the database, in this order:
 *  1. --as and --login together: KF_INVALID.
 *  2. the path: --db, else $KEFU_DB when not started setgid, else
 *     s->system_db;
 *  3. a setgid kefu opening any other path gives up the group for good
 *     (real, effective and saved), KF_DBERR if it cannot; deployed = it
 *     still holds the group;
 *  4. deployed: --as is refused (KF_DENIED, as kf_start_identify would),
 *     and creating the database is root's job (KF_DENIED);
 *  5. $KEFU_NOW, when not started setgid, is parsed (KF_INVALID naming
 *     it when it is not a time);
 *  6. the database is opened (created when s->create; KF_NOTFOUND,
 *     KF_DBERR, KF_BUSY as kf_core_open);
 *  7. owner = not deployed and the person can write the file; in owner
 *     mode the clock is fixed at $KEFU_NOW.
 * On success *out is the session (no actor yet; the caller closes it).
 * On failure *out is NULL and nothing was created.
 */
enum kf_rc	kf_start_open(struct kf_start *s, struct kf_core **out,
		    struct kf_err *err);

/*
 * Resolves the actor of k, just opened by kf_start_open with s (called
 * once: k has no actor yet):
 *  --login: with password, kf_core_login_password; without, KF_INVALID,
 *           or KF_OK with no actor when s->login_screen (the face asks);
 *  --as:    owner mode only, else KF_DENIED ("--as needs write access
 *           to PATH"); then kf_core_login_as;
 *  else     the account mapped to the real uid's Unix user
 *           (kf_core_login_unix). A user with no such account, or a uid
 *           with no name, is KF_NOTFOUND / KF_DENIED, or KF_OK with no
 *           actor when s->login_screen.
 * A disabled account is KF_DENIED in every case. The password is only
 * read, never kept.
 */
enum kf_rc	kf_start_identify(const struct kf_start *s, struct kf_core *k,
		    const char *password, struct kf_err *err);

/*
 * Steps 1 to 5 of kf_start_open without opening anything: the path, the
 * group given up for another file, deployed's refusals, KEFU_NOW. For a
 * command that must not open the database as a session (kefu restore).
 * Fails as kf_start_open does; on success s->path, s->deployed are set.
 */
enum kf_rc	kf_start_path(struct kf_start *s, struct kf_err *err);

/*
 * Who administers the database file as a whole (kefu migrate --backup):
 * root (the real uid 0: the package's maintainer scripts, an admin with
 * sudo) and the owner (owner mode: the person could replace the file
 * anyway) act as the system, unless --as or --login names an account,
 * with no staff account needed (the account
 * table of a database about to be migrated may be of an older schema);
 * anyone else is identified as kf_start_identify does and must then hold
 * the right the command asks for. The audit trail names "system".
 */
enum kf_rc	kf_start_identify_system(const struct kf_start *s,
		    struct kf_core *k, const char *password,
		    struct kf_err *err);

/*
 * kefu restore BACKUP [--force] (kf_restore in kefu/dbadmin.h) for the
 * database s names (kf_start_path first). Who may: root, or the owner
 * (not deployed, and the person can write the file, or create it in its
 * directory when there is none). In deployed mode no staff account may,
 * admins included: a restore replaces every account and the whole audit
 * trail with a file the person chose, more than any role may do from
 * inside kefu, so it is root's job, like creating the shared database
 * (KF_DENIED "only root restores the shared database"). The trail's row
 * names the real user; in owner mode the clock is KEFU_NOW's.
 */
struct kf_restore_result;
enum kf_rc	kf_start_restore(struct kf_start *s, const char *backup,
		    bool force, struct kf_restore_result *r,
		    struct kf_err *err);

#endif
