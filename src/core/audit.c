/*
 * audit.c — the append-only audit trail, its hash chain, and backups
 * (R54). kefu check, which proves the trail and the records against
 * each other, is in integrity.c.
 *
 * Design note: the chain.
 *   hash(n) = BLAKE2b-256( hash(n-1) || id || at || actor_id || actor ||
 *                          action || entity || entity_id || version ||
 *                          before || after )
 *   with integers as 8 little-endian bytes and strings length-prefixed, so
 *   no two different rows serialise alike. Row 1's predecessor is 32 zero
 *   bytes. audit_head holds the newest id and hash.
 *   - an edited row no longer matches its own hash;
 *   - a deleted or inserted row breaks the next row's prev_hash (and ids);
 *   - a deleted newest row leaves audit_head pointing past the end.
 *   Triggers forbid UPDATE and DELETE through SQL, so only someone who
 *   drops them (and kf_check notices that too) can edit the trail. The
 *   hash has no key and the head is in the same file: someone who can
 *   write the file can recompute it after the newest seal (integrity.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "internal.h"
#include "kefu/audit.h"
#include "kefu/file.h"
#include "kefu/perm.h"

static const char SQL_HEAD[] = "SELECT last_id, last_hash FROM audit_head";
static const char SQL_INSERT[] =
    "INSERT INTO audit (id, at, actor_id, actor, action, entity, entity_id, "
    "version, before, after, prev_hash, hash) VALUES (:id, :at, :actor_id, "
    ":actor, :action, :entity, :entity_id, :version, :before, :after, "
    ":prev, :hash)";
/* WHERE id = 1: without it SQLite opens a statement savepoint (the table
 * has a CHECK), which makes FTS5 flush its pending terms at every audited
 * change of a batch: a third of a bulk import's time. */
static const char SQL_SET_HEAD[] =
    "UPDATE audit_head SET last_id = :id, last_hash = :hash WHERE id = 1";
/*
 * One statement per filter, each an index range read newest first
 * (audit_by_actor, audit_by_entity_only, audit_by_entity_id): an OR'ed
 * "filter or not" would scan the whole trail for a rare entity or actor.
 */
#define LIST_COLS "SELECT id, at, actor, action, entity, entity_id, version, " \
    "before, after FROM audit "
static const char SQL_LIST[] = LIST_COLS
    "WHERE id < :before ORDER BY id DESC LIMIT :limit";
static const char SQL_LIST_ACTOR[] = LIST_COLS
    "WHERE actor = :actor AND id < :before "
    "AND (:entity IS NULL OR entity = :entity) "
    "AND (:eid = 0 OR entity_id = :eid) ORDER BY id DESC LIMIT :limit";
static const char SQL_LIST_ENTITY[] = LIST_COLS
    "WHERE entity = :entity AND id < :before ORDER BY id DESC LIMIT :limit";
static const char SQL_LIST_ID[] = LIST_COLS
    "WHERE entity_id = :eid AND id < :before ORDER BY id DESC LIMIT :limit";
static const char SQL_LIST_RECORD[] = LIST_COLS
    "WHERE entity = :entity AND entity_id = :eid AND id < :before "
    "ORDER BY id DESC LIMIT :limit";
static void
h_int(crypto_generichash_state *h, int64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	crypto_generichash_update(h, b, 8);
}

static void
h_str(crypto_generichash_state *h, const char *s)
{
	if (s == NULL) {
		h_int(h, -1);
		return;
	}
	h_int(h, (int64_t)strlen(s));
	crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

void
kf_audit_hash(const unsigned char prev[32], int64_t id, int64_t at,
    int64_t actor_id, const char *actor, const char *action,
    const char *entity, int64_t entity_id, int64_t version, const char *before,
    const char *after, unsigned char out[32])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, 32);
	crypto_generichash_update(&h, prev, 32);
	h_int(&h, id);
	h_int(&h, at);
	h_int(&h, actor_id);
	h_str(&h, actor);
	h_str(&h, action);
	h_str(&h, entity);
	h_int(&h, entity_id);
	h_int(&h, version);
	h_str(&h, before);
	h_str(&h, after);
	crypto_generichash_final(&h, out, 32);
}

void
kf_audit_digest(const char *s, char out[KF_AUDIT_DIGEST_LEN])
{
	unsigned char d[32];

	crypto_generichash(d, 32, (const unsigned char *)s, strlen(s), NULL, 0);
	memcpy(out, "blake2b:", 8);
	sodium_bin2hex(out + 8, KF_AUDIT_DIGEST_LEN - 8, d, sizeof(d));
}

void
kf_audit_secret(struct kf_buf *b, const char *s)
{
	char d[KF_AUDIT_DIGEST_LEN];

	if (s == NULL) {
		kf_buf_puts(b, "null");
		return;
	}
	kf_audit_digest(s, d);
	kf_buf_json_str(b, d);
}

enum kf_rc
kf_audit_append(struct kf_core *k, const char *action, const char *entity,
    int64_t id, int64_t version, const char *before, const char *after,
    struct kf_err *err)
{
	unsigned char prev[32], hash[32];
	const char *actor = k->system || k->actor_id == 0 ? "system" :
	    k->actor_login;
	sqlite3_stmt *st;
	int64_t row, at = kf_core_now(k);
	int src;

	if (k->tx_depth == 0) {
		fprintf(stderr, "kefu: audit outside a transaction\n");
		abort();
	}
	st = kf_sql(k, SQL_HEAD);
	src = sqlite3_step(st);
	if (src != SQLITE_ROW || sqlite3_column_bytes(st, 1) != 32) {
		kf_sql_done(st);
		return src == SQLITE_ROW ?
		    kf_err_set(err, KF_DBERR, "audit head is damaged") :
		    kf_db_err(k, src, "reading the audit head", err);
	}
	row = sqlite3_column_int64(st, 0) + 1;
	memcpy(prev, sqlite3_column_blob(st, 1), 32);
	kf_sql_done(st);

	kf_audit_hash(prev, row, at, k->actor_id, actor, action, entity, id,
	    version, before, after, hash);
	st = kf_sql(k, SQL_INSERT);
	kf_bind_int(st, ":id", row);
	kf_bind_int(st, ":at", at);
	if (k->actor_id)
		kf_bind_int(st, ":actor_id", k->actor_id);
	else
		kf_bind_null(st, ":actor_id");
	kf_bind_text(st, ":actor", actor);
	kf_bind_text(st, ":action", action);
	kf_bind_text(st, ":entity", entity);
	kf_bind_int(st, ":entity_id", id);
	kf_bind_int(st, ":version", version);
	kf_bind_text(st, ":before", before);
	kf_bind_text(st, ":after", after);
	kf_bind_blob(st, ":prev", prev, 32);
	kf_bind_blob(st, ":hash", hash, 32);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "writing the audit trail", err);
	st = kf_sql(k, SQL_SET_HEAD);
	kf_bind_int(st, ":id", row);
	kf_bind_blob(st, ":hash", hash, 32);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "writing the audit trail", err);
	return KF_OK;
}

enum kf_rc
kf_audit_list(struct kf_core *k, const struct kf_audit_filter *f,
    struct kf_audit_row **out, size_t *n, struct kf_err *err)
{
	struct kf_audit_row *v;
	sqlite3_stmt *st;
	enum kf_rc rc;
	size_t len = 0;
	int src, limit;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_AUDIT_LIST, 0, err)) != KF_OK)
		return rc;
	limit = f->limit < 1 ? 1 : f->limit > 1000 ? 1000 : f->limit;
	v = xcalloc((size_t)limit, sizeof(*v));
	if (f->actor != NULL) {
		st = kf_sql(k, SQL_LIST_ACTOR);
		kf_bind_text(st, ":actor", f->actor);
		kf_bind_text(st, ":entity", f->entity);
		kf_bind_int(st, ":eid", f->entity_id);
	} else if (f->entity != NULL && f->entity_id != 0) {
		st = kf_sql(k, SQL_LIST_RECORD);
		kf_bind_text(st, ":entity", f->entity);
		kf_bind_int(st, ":eid", f->entity_id);
	} else if (f->entity != NULL) {
		st = kf_sql(k, SQL_LIST_ENTITY);
		kf_bind_text(st, ":entity", f->entity);
	} else if (f->entity_id != 0) {	/* any entity with that id: rare */
		st = kf_sql(k, SQL_LIST_ID);
		kf_bind_int(st, ":eid", f->entity_id);
	} else
		st = kf_sql(k, SQL_LIST);
	kf_bind_int(st, ":before", f->before_id > 0 ? f->before_id : INT64_MAX);
	kf_bind_int(st, ":limit", limit);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct kf_audit_row *r = &v[len++];

		r->id = sqlite3_column_int64(st, 0);
		r->at = sqlite3_column_int64(st, 1);
		r->actor = kf_col_strdup(st, 2);
		r->action = kf_col_strdup(st, 3);
		r->entity = kf_col_strdup(st, 4);
		r->entity_id = sqlite3_column_int64(st, 5);
		r->version = sqlite3_column_int64(st, 6);
		r->before = kf_col_strdup(st, 7);
		r->after = kf_col_strdup(st, 8);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_audit_list_free(v, len);
		return kf_db_err(k, src, "reading the audit trail", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

void
kf_audit_list_free(struct kf_audit_row *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].actor);
		free(v[i].action);
		free(v[i].entity);
		free(v[i].before);
		free(v[i].after);
	}
	free(v);
}

enum kf_rc
kf_copy_db(sqlite3 *from, const char *path, struct kf_err *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	enum kf_rc rc;
	int src, fd;

	/* Made here, exclusively and private: a backup holds password
	 * hashes, and nothing may be overwritten. */
	if ((fd = kf_file_private(path, false)) < 0)
		return errno == EEXIST ?
		    kf_err_set(err, KF_INVALID, "%s exists: choose a new file "
		    "for the backup", path) :
		    kf_err_set(err, KF_DBERR, "cannot create %s: %s", path,
		    strerror(errno));
	close(fd);
	src = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (src != SQLITE_OK) {
		rc = kf_err_set(err, KF_DBERR, "cannot open %s: %s", path,
		    sqlite3_errmsg(dst));
		goto fail;
	}
	/* In one step: a WAL reader holds no writer up, while copying in
	 * slices restarts whenever someone commits and may never finish. */
	b = sqlite3_backup_init(dst, "main", from, "main");
	if (b == NULL) {
		rc = kf_err_set(err, KF_DBERR, "backup failed: %s",
		    sqlite3_errmsg(dst));
		goto fail;
	}
	src = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	sqlite3_close(dst);
	dst = NULL;
	if (src != SQLITE_DONE) {
		rc = kf_err_set(err, KF_DBERR, "backup failed: %s",
		    sqlite3_errstr(src));
		goto fail;
	}
	return KF_OK;
fail:
	sqlite3_close(dst);
	kf_core_remove_files(path);
	return rc;
}

enum kf_rc
kf_backup(struct kf_core *k, const char *path, struct kf_err *err)
{
	struct kf_core *copy = NULL;
	struct kf_buf a = { 0 };
	struct kf_err e2;
	enum kf_rc rc;
	int problems;

	if ((rc = kf_may(k, KF_ACT_BACKUP, 0, err)) != KF_OK)
		return rc;
	if (path == NULL || *path == '\0')
		return kf_err_set(err, KF_INVALID, "no backup file given");
	if ((rc = kf_copy_db(k->db, path, err)) != KF_OK)
		return rc;

	/* A backup nobody has read is a hope, not a backup: check the copy. */
	kf_err_clear(&e2);
	if ((rc = kf_core_open(path, NULL, &copy, &e2)) == KF_OK) {
		copy->system = true;
		rc = kf_check(copy, NULL, NULL, NULL, &problems, &e2);
	}
	kf_core_close(copy);
	if (rc != KF_OK) {
		rc = kf_err_set(err, KF_DBERR, "backup %s fails its check (so "
		    "it was removed): %s", path, e2.msg);
		kf_core_remove_files(path);
		return rc;
	}
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	kf_buf_puts(&a, "{\"file\":");
	kf_buf_json_str(&a, path);
	kf_buf_puts(&a, "}");
	rc = kf_audit_append(k, "backup", "database", 0, 0, NULL, kf_buf_str(&a),
	    err);
	kf_buf_free(&a);
	return kf_tx_end(k, rc, err);
}
