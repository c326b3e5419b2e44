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
 * What kf_check found wrong, one at a time. kind says what sort of
 * problem (kf_check_kind_name gives its machine name for --json); the
 * other fields say where, when they apply.
 */
enum kf_check_kind {
	KF_CHECK_DAMAGED,	/* "damaged": SQLite finds the file damaged */
	KF_CHECK_FOREIGN_KEY,	/* "foreign_key": a row points nowhere */
	KF_CHECK_AUDIT_ROW,	/* "audit_row": a trail row edited/deleted/added */
	KF_CHECK_AUDIT_HEAD,	/* "audit_head": newest rows gone, head edited */
	KF_CHECK_TRIGGERS,	/* "triggers": append-only triggers dropped */
	KF_CHECK_FIELD,		/* "field": a field differs from its trail */
	KF_CHECK_NO_TRAIL,	/* "no_trail": a record nothing in the trail made */
	KF_CHECK_NO_RECORD,	/* "no_record": a trail whose record is gone */
	KF_CHECK_SEAL,		/* "seal": the trail no longer extends a seal */
	KF_CHECK_MONEY,		/* "money": billing's sums do not add up */
	KF_CHECK_SUMS,		/* "sums": the day sums the reports read
				 * (schema/025) differ from their records */
};

struct kf_check_problem {
	enum kf_check_kind	 kind;
	const char		*entity;	/* "customer", "audit", ...; or NULL */
	int64_t			 id;		/* record id / audit row; 0 if none */
	const char		*field;		/* column (KF_CHECK_FIELD), or NULL */
	const char		*trail;		/* JSON value the trail gives, or NULL */
	const char		*row;		/* JSON value in the table, or NULL */
	const char		*msg;		/* one line in words for an admin */
};

/* The machine name of a kind ("field", "no_trail", ...). */
const char	*kf_check_kind_name(enum kf_check_kind kind);

/*
 * Checks the database in one read snapshot (others may write meanwhile)
 * and reports every problem it finds:
 *  - SQLite's integrity_check (a damaged file) and foreign_key_check;
 *  - the audit triggers and the hash chain from row 1 to audit_head;
 *  - every record of staff, policy, customer, contact, fee_item,
 *    work_order and order_item against what its audit trail replays to
 *    (the creation row's `after`, then each later `after`): each field,
 *    the version, the creation time and creator where the table keeps
 *    them; a record without a trail, a trail without its record. Policies
 *    seeded by migrations start from the migrations' own values. What is
 *    deliberately not compared is listed in docs/admin.md.
 *  - billing's money (KF_CHECK_MONEY): a notice's amount is the sum of
 *    its lines, its total due the previous balance plus its amount, its
 *    paid the sum of the money allocated to it; a receipt's allocations
 *    lie within its amount; receipts are numbered 1..N without a gap and
 *    the receipt counter stands at N+1 (R15, R19).
 *  - the day sums the reports read (KF_CHECK_SUMS, schema/025): what
 *    was owed by day against the notices and allocations, the contacts
 *    by day, channel and purpose against the contacts, and the triggers
 *    that keep both (R53).
 *  - with seal_path (may be NULL): every seal line in that file (written
 *    by kf_audit_seal) is still extended by the trail.
 * Each problem is passed to report(p, arg) when report is not NULL; p and
 * the strings in it are lent for the call only. *problems receives the
 * count. Returns KF_OK when there are none, else KF_DBERR with the first
 * problem's message in err. A seal file that cannot be read or holds no
 * seal line: KF_NOTFOUND / KF_INVALID and nothing is checked. Admin only.
 * Streams each table against the trail (audit_by_entity_id) without a
 * query per record, so it stays linear in the size of the database.
 */
enum kf_rc	kf_check(struct kf_core *k, const char *seal_path,
		    void (*report)(const struct kf_check_problem *p, void *arg),
		    void *arg, int *problems, struct kf_err *err);

/*
 * A seal: one line naming this database and its newest audit row and
 * hash, for keeping where the database's writers cannot rewrite it:
 *   kefu-seal v1 db=<16 hex> row=<N> hash=<64 hex> at=<epoch> <local time>
 * db is the start of audit row 1's hash (made at kefu init, so it tells
 * databases apart). The chain from row 1 to the head is verified first:
 * a broken chain is not sealed (KF_DBERR, run kefu check). *line is
 * allocated (no newline); the caller frees it. Admin only; not audited
 * (it changes nothing).
 */
enum kf_rc	kf_audit_seal(struct kf_core *k, char **line,
		    struct kf_err *err);

/*
 * Copies the live database to path with SQLite's online backup API in one
 * step (a WAL read snapshot: others keep writing), then checks the copy.
 * The file is created 0600 (it holds password hashes). Refuses
 * (KF_INVALID) when path exists; on any failure, including a copy that
 * fails its check, nothing is left at path (KF_DBERR). Admin only; audited.
 */
enum kf_rc	kf_backup(struct kf_core *k, const char *path, struct kf_err *err);

#endif
