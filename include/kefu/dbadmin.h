/*
 * dbadmin.h — the database as a whole, for its admin and for the
 * package's maintainer scripts: which schema it has, migrating it behind a
 * checked backup, and restoring a backup over it (docs/admin.md
 * "Backups"). Who may do these is start.h's business (kf_start_restore,
 * kf_start_identify_system); these functions hold the rules of the data.
 *
 * Every function here either does all it says or changes nothing in the
 * live database; each says which files it may leave behind.
 */
#ifndef KEFU_DBADMIN_H
#define KEFU_DBADMIN_H

#include <stdbool.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

/* A database's schema, compared with the one this kefu writes. */
enum kf_schema_state {
	KF_SCHEMA_CURRENT,	/* the same: nothing to do */
	KF_SCHEMA_OLDER,	/* migrations are due */
	KF_SCHEMA_NEWER,	/* a newer kefu wrote it: refused */
};

/*
 * The state of k's schema; *have gets the database's version and *latest
 * this kefu's (kf_schema_latest). Only meaningful on a session opened with
 * kf_open_opts.as_is: any other was migrated when opened. Reads one
 * header field; cannot fail (a version that cannot be read is -1, OLDER).
 */
enum kf_schema_state kf_schema_state(struct kf_core *k, int *have,
		    int *latest);

/* What kf_migrate_with_backup did. */
struct kf_migrate_result {
	int	 from;		/* schema before */
	int	 to;		/* schema after (from when nothing changed) */
	bool	 backed_up;	/* a backup was written (kept even on failure) */
};

/*
 * Migrates k (opened as_is) to this kefu's schema behind a checked backup:
 *  1. nothing due: returns KF_OK having written nothing, no file either;
 *     a newer schema: KF_DBERR ("this database is schema N; this kefu
 *     knows up to M: install the newer kefu"), nothing written.
 *  2. backup to path as kefu backup does (kf_copy_db: created 0600,
 *     an existing path refused with KF_INVALID), of the database as it
 *     is, before any migration: restoring it with the older kefu gives
 *     the data back as it was;
 *  3. the backup is checked without being changed: its SQLite integrity,
 *     that it is this database's schema, and, on a scratch copy beside it
 *     (path-check, removed after) migrated to this kefu's schema, the
 *     whole of kf_check. A backup that fails the first is removed
 *     (KF_DBERR); one whose migrated copy fails is kept, and nothing is
 *     migrated: the message says the migration fails and where the
 *     backup is (KF_DBERR);
 *  4. every due migration in ONE transaction (kf_migrate_all) with an
 *     audit row "migrate" {from, to, backup}: any failure rolls all of
 *     them back, so the database is exactly as before; the message names
 *     the backup (KF_DBERR, KF_BUSY).
 * Needs the admin's right to migrate (or a session acting as the system).
 * r is filled in every case.
 */
enum kf_rc	kf_migrate_with_backup(struct kf_core *k, const char *path,
		    struct kf_migrate_result *r, struct kf_err *err);

/* What kf_restore is asked to do. Strings are lent. */
struct kf_restore_opts {
	const char	*live;		/* the database to replace or create */
	const char	*backup;	/* the backup to restore from */
	bool		 force;		/* replace a live database that exists */
	const char	*by;		/* who asked (a Unix user), for the trail */
	bool		 fix_clock;	/* the trail's time is now (KEFU_NOW) */
	int64_t		 now;
	int		 busy_timeout_ms; /* waiting for the live one; 0: 1000 */
};

/* What kf_restore did. */
struct kf_restore_result {
	int	 backup_schema;	/* the backup's schema */
	int	 schema;	/* the restored database's, after migrating */
	int64_t	 backup_head;	/* the backup's newest audit row */
	bool	 created;	/* there was no live database: made one */
	char	 saved[4160];	/* where the replaced database is kept
				 * (step 5), "" when there was none */
};

/*
 * Restores o->backup into o->live, in this order, so that every failure
 * before step 5 leaves the live database as it was (and one that did not
 * exist still does not):
 *  1. BACKUP is checked: it opens read-only (KF_NOTFOUND when missing),
 *     is a database (KF_DBERR "not a database"), a kefu one (application
 *     id), not newer than this kefu, passes SQLite's integrity check;
 *  2. it is copied to a scratch file beside the live one (LIVE.restore.PID,
 *     0600, always removed), migrated up there if older, and the whole
 *     kefu check runs on it (KF_DBERR "fails its check");
 *  3. a live database that exists is refused without o->force
 *     (KF_REFUSED: "... exists; stop kefu sessions and add --force"), as
 *     is a live file that is not a kefu database (KF_DBERR) whatever force;
 *  4. an audit row db.restore (actor "system"; by, the file, the backup's
 *     schema and audit head, saved: where step 5 keeps the live one) is
 *     appended to the scratch copy;
 *  5. the live database is taken with an exclusive lock (any other
 *     session that has it open makes this KF_BUSY: nothing changed); a
 *     live database that exists is first copied, under that lock, to
 *     LIVE.before-restore-YYYYMMDD-HHMMSS (UTC; .1, .2... for a second
 *     one in the same second), 0600, and the copy checked to be whole
 *     (the same pages and schema): if that fails nothing is changed
 *     (KF_DBERR) (issue 16 review M1); then the scratch copy is written
 *     into it with SQLite's backup API: the
 *     file keeps its inode, owner, group and mode, and SQLite handles
 *     -wal and -shm. A live database that did not exist is created as
 *     kefu init makes it (mode 0660 less the umask) and removed again if
 *     anything fails;
 *  6. the result is opened and checked once more (KF_DBERR if not).
 * r is filled as far as it got.
 */
enum kf_rc	kf_restore(const struct kf_restore_opts *o,
		    struct kf_restore_result *r, struct kf_err *err);

#endif
