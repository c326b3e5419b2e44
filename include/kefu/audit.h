/*
 * audit.h — the append-only record of every change (R54).
 *
 * Every change made through the core writes one audit row in the same
 * transaction: who, when, action, entity, id, the entity's version after the
 * change, and before/after as JSON objects of the fields that changed. Rows
 * are chained: each row's hash is BLAKE2b over the previous row's hash and
 * this row's fields, and the newest hash is kept in audit_head, so an edited,
 * inserted or deleted row breaks the chain and kf_check names it.
 */
#ifndef KEFU_AUDIT_H
#define KEFU_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

struct kf_audit_row {
	int64_t	 id;
	int64_t	 at;
	char	*actor;		/* login, or "system" */
	char	*action;	/* "staff.add", "policy.set", ... */
	char	*entity;	/* "staff", "policy", ... */
	int64_t	 entity_id;
	int64_t	 version;	/* the entity's version after the change */
	char	*before;	/* JSON object, or NULL for a creation */
	char	*after;		/* JSON object */
};

struct kf_audit_filter {
	const char	*entity;	/* NULL: any */
	int64_t		 entity_id;	/* 0: any */
	const char	*actor;		/* NULL: any */
	int64_t		 before_id;	/* 0: newest first from the end */
	int		 limit;		/* rows at most (1..1000) */
};

/*
 * Lists audit rows matching f, newest first, id < f->before_id (keyset
 * paging). Admin or supervisor. *out allocated; free with kf_audit_list_free.
 */
enum kf_rc	kf_audit_list(struct kf_core *k, const struct kf_audit_filter *f,
		    struct kf_audit_row **out, size_t *n, struct kf_err *err);
void		kf_audit_list_free(struct kf_audit_row *v, size_t n);

/*
 * Checks the database, in one read snapshot (so others may write
 * meanwhile): SQLite integrity_check, foreign keys, the audit triggers,
 * the audit hash chain, and each versioned record against its trail. Returns KF_OK when all is well, else
 * KF_DBERR with the first problem in err (e.g. "audit row 17: hash does not
 * match its contents (row edited)"). *problems receives the count found.
 * Admin only.
 */
enum kf_rc	kf_check(struct kf_core *k, int *problems, struct kf_err *err);

/*
 * Copies the live database to path with SQLite's online backup API in one
 * step (a WAL read snapshot: others keep writing), then checks the copy.
 * The file is created 0600 (it holds password hashes). Refuses
 * (KF_INVALID) when path exists; on any failure, including a copy that
 * fails its check, nothing is left at path (KF_DBERR). Admin only; audited.
 */
enum kf_rc	kf_backup(struct kf_core *k, const char *path, struct kf_err *err);

#endif
