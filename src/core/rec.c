/*
 * rec.c — versioned updates that merge instead of overwriting.
 *
 * Design note. Every editable row carries a version. A person edits what
 * they read at version v and saves a set of field changes. When the row is
 * still at v, the changes apply. When it moved on, the audit trail (which
 * records, for each version, the fields that changed) tells whether the
 * later changes touched the same fields:
 *
 *      read v ──edit──> save(changes, v)
 *                          │
 *             row.version == v? ──yes──> apply, version+1, audit
 *                          │no
 *       audit rows with version > v touching one of our fields?
 *             │no                         │yes
 *             apply (merge), version+1    KF_CONFLICT: who, when,
 *             audit                       theirs, yours; nothing saved
 *
 * Invariants:
 * (1) A successful kf_rec_update that changes a value bumps the version by
 *     exactly one and writes exactly one audit row whose version is the new
 *     version; one whose values are all already in place (at the version
 *     the caller saw) writes nothing.
 * (2) An update never succeeds on a field someone else changed after the
 *     caller's seen version, even to the same value: the caller decided
 *     from a value that is gone (two increments must not make one).
 * (3) A row's version equals the highest version in its audit rows (or 1
 *     when it has none yet): kf_check verifies it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char SQL_LATER_CHANGES[] =
    "SELECT a.actor, a.at, j.key FROM audit AS a, json_each(a.after) AS j "
    "WHERE a.entity = :e AND a.entity_id = :id AND a.version > :v "
    "ORDER BY a.id DESC";

static const struct kf_field *
find_field(const struct kf_entity *e, const char *name)
{
	int i;

	for (i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return &e->fields[i];
	return NULL;
}

/* Appends the JSON form of column 0 of st (a field's current value). */
static void
json_col(struct kf_buf *b, sqlite3_stmt *st)
{
	switch (sqlite3_column_type(st, 0)) {
	case SQLITE_INTEGER:
		kf_buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, 0));
		break;
	case SQLITE_NULL:
		kf_buf_puts(b, "null");
		break;
	default:
		kf_buf_json_str(b, (const char *)sqlite3_column_text(st, 0));
	}
}

static void
json_value(struct kf_buf *b, const struct kf_value *v)
{
	switch (v->type) {
	case KF_V_INT:
		kf_buf_printf(b, "%lld", (long long)v->i);
		break;
	case KF_V_NULL:
		kf_buf_puts(b, "null");
		break;
	case KF_V_TEXT:
		kf_buf_json_str(b, v->s);
	}
}

/* True when the current value of f (a row of st) equals v. */
static bool
same_value(sqlite3_stmt *st, const struct kf_value *v)
{
	int t = sqlite3_column_type(st, 0);

	switch (v->type) {
	case KF_V_NULL:
		return t == SQLITE_NULL;
	case KF_V_INT:
		return t == SQLITE_INTEGER && sqlite3_column_int64(st, 0) == v->i;
	case KF_V_TEXT:
		return t == SQLITE_TEXT &&
		    strcmp((const char *)sqlite3_column_text(st, 0), v->s) == 0;
	}
	return false;
}

/* Reads field f of row id: the statement is left on its row (or not). */
static int
get_field(struct kf_core *k, const struct kf_field *f, int64_t id,
    sqlite3_stmt **out)
{
	sqlite3_stmt *st = kf_sql(k, f->sql_get);

	kf_bind_int(st, ":id", id);
	*out = st;
	return sqlite3_step(st);
}

/*
 * Looks for a change after seen_version to one of ch's fields that left a
 * value different from ours. Fills err->conflict and returns KF_CONFLICT
 * when there is one.
 */
static enum kf_rc
find_conflict(struct kf_core *k, const struct kf_entity *e, int64_t id,
    int64_t seen, const struct kf_change *ch, int nch, struct kf_err *err)
{
	struct kf_conflict c;
	sqlite3_stmt *st, *cur;
	const struct kf_field *f;
	struct kf_buf theirs = { 0 }, yours = { 0 };
	char when[32];
	const char *key;
	enum kf_rc rc = KF_OK;
	int i, src;

	memset(&c, 0, sizeof(c));
	st = kf_sql(k, SQL_LATER_CHANGES);
	kf_bind_text(st, ":e", e->name);
	kf_bind_int(st, ":id", id);
	kf_bind_int(st, ":v", seen);
	while ((src = sqlite3_step(st)) == SQLITE_ROW && rc == KF_OK) {
		key = (const char *)sqlite3_column_text(st, 2);
		for (i = 0; i < nch; i++) {
			if (key == NULL || strcmp(key, ch[i].field) != 0)
				continue;
			/* Even when they set what we set: the caller decided
			 * from a value that is gone (an increment would be
			 * lost), so they must look again. */
			f = find_field(e, ch[i].field);
			if (get_field(k, f, id, &cur) == SQLITE_ROW &&
			    !f->secret)
				json_col(&theirs, cur);
			kf_sql_done(cur);
			if (!f->secret)
				json_value(&yours, &ch[i].v);
			snprintf(c.entity, sizeof(c.entity), "%s", e->name);
			c.id = id;
			snprintf(c.field, sizeof(c.field), "%s", f->name);
			kf_col_copy(st, 0, c.by, sizeof(c.by));
			c.at = sqlite3_column_int64(st, 1);
			snprintf(c.theirs, sizeof(c.theirs), "%s",
			    f->secret ? "(secret)" : kf_buf_str(&theirs));
			snprintf(c.yours, sizeof(c.yours), "%s",
			    f->secret ? "(secret)" : kf_buf_str(&yours));
			rc = KF_CONFLICT;
			break;
		}
	}
	kf_sql_done(st);
	kf_buf_free(&theirs);
	kf_buf_free(&yours);
	if (rc != KF_CONFLICT) {
		if (src != SQLITE_DONE && src != SQLITE_ROW)
			return kf_db_err(k, src, "reading the change history", err);
		return KF_OK;
	}
	kf_time_local(c.at, when, sizeof(when));
	kf_err_set(err, KF_CONFLICT,
	    "%s %lld: %s was changed by %s at %s to %s; your %s was not saved "
	    "(reload to see the current record)", c.entity, (long long)c.id,
	    c.field, c.by, when, c.theirs, c.yours);
	if (err != NULL)
		err->conflict = c;
	return KF_CONFLICT;
}

enum kf_rc
kf_rec_moved(struct kf_core *k, const struct kf_entity *e, int64_t id,
    int64_t seen, const char *field, struct kf_err *err)
{
	const struct kf_field *f = find_field(e, field);
	struct kf_change ch;
	sqlite3_stmt *st;

	if (f == NULL || seen <= 0)
		return KF_OK;
	/* The value now as "yours": a conflict on the field itself. */
	ch.field = f->name;
	ch.v = (struct kf_value){ KF_V_NULL, 0, NULL };
	if (get_field(k, f, id, &st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_INTEGER)
		ch.v = (struct kf_value){ KF_V_INT, sqlite3_column_int64(st, 0),
		    NULL };
	kf_sql_done(st);
	return find_conflict(k, e, id, seen, &ch, 1, err);
}

enum kf_rc
kf_rec_update(struct kf_core *k, const struct kf_entity *e, int64_t id,
    int64_t seen_version, const char *action, const struct kf_change *ch,
    int nch, int64_t *new_version, struct kf_err *err)
{
	struct kf_buf before = { 0 }, after = { 0 };
	const struct kf_field *f;
	sqlite3_stmt *st;
	int64_t version;
	enum kf_rc rc = KF_OK;
	int i, src, changed = 0;

	if (k->tx_depth == 0) {
		fprintf(stderr, "kefu: kf_rec_update outside a transaction\n");
		abort();
	}
	st = kf_sql(k, e->sql_version);
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	version = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return kf_err_set(err, KF_NOTFOUND, "no %s %lld", e->name,
		    (long long)id);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading the record", err);
	if (seen_version > version || seen_version == 0 || seen_version < -1)
		return kf_err_set(err, KF_INVALID,
		    "%s %lld has no version %lld (it is at %lld)", e->name,
		    (long long)id, (long long)seen_version, (long long)version);
	if (seen_version != -1 && seen_version < version &&
	    (rc = find_conflict(k, e, id, seen_version, ch, nch, err)) != KF_OK)
		return rc;

	kf_buf_puts(&before, "{");
	kf_buf_puts(&after, "{");
	for (i = 0; i < nch; i++) {
		if ((f = find_field(e, ch[i].field)) == NULL) {
			fprintf(stderr, "kefu: %s has no field %s\n", e->name,
			    ch[i].field);
			abort();
		}
		if ((src = get_field(k, f, id, &st)) != SQLITE_ROW) {
			kf_sql_done(st);
			rc = kf_db_err(k, src, "reading the record", err);
			goto out;
		}
		if (same_value(st, &ch[i].v) && !f->secret) {
			kf_sql_done(st);
			continue;	/* not a change: nothing to record */
		}
		kf_buf_printf(&before, "%s", changed ? "," : "");
		kf_buf_json_str(&before, f->name);
		kf_buf_puts(&before, ":");
		kf_buf_printf(&after, "%s", changed ? "," : "");
		kf_buf_json_str(&after, f->name);
		kf_buf_puts(&after, ":");
		if (f->secret) {
			/* A digest, never the value: enough for kefu check to
			 * see a secret copied or changed outside kefu. */
			kf_buf_json_str(&before, "(secret)");
			kf_audit_secret(&after, ch[i].v.type == KF_V_TEXT ?
			    ch[i].v.s : NULL);
		} else {
			json_col(&before, st);
			json_value(&after, &ch[i].v);
		}
		kf_sql_done(st);
		changed++;

		st = kf_sql(k, f->sql_set);
		kf_bind_int(st, ":id", id);
		switch (ch[i].v.type) {
		case KF_V_NULL:	kf_bind_null(st, ":v"); break;
		case KF_V_INT:	kf_bind_int(st, ":v", ch[i].v.i); break;
		case KF_V_TEXT:	kf_bind_text(st, ":v", ch[i].v.s); break;
		}
		src = sqlite3_step(st);
		kf_sql_done(st);
		if (src != SQLITE_DONE) {
			if (src == SQLITE_CONSTRAINT_UNIQUE)
				rc = kf_err_set(err, KF_CONFLICT,
				    "%s %lld: %s '%.64s' is already taken",
				    e->name, (long long)id, f->name,
				    ch[i].v.type == KF_V_TEXT ? ch[i].v.s : "");
			else if ((src & 0xff) == SQLITE_CONSTRAINT)
				rc = kf_err_set(err, KF_INVALID,
				    "%s %lld: %s may not take that value",
				    e->name, (long long)id, f->name);
			else
				rc = kf_db_err(k, src, "saving the record", err);
			goto out;
		}
	}
	kf_buf_puts(&before, "}");
	kf_buf_puts(&after, "}");
	if (changed == 0) {		/* nothing differs: no new version */
		if (new_version)
			*new_version = version;
		goto out;
	}
	version++;
	st = kf_sql(k, e->sql_bump);
	kf_bind_int(st, ":id", id);
	kf_bind_int(st, ":v", version);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "saving the record", err);
		goto out;
	}
	rc = kf_audit_append(k, action, e->name, id, version,
	    kf_buf_str(&before), kf_buf_str(&after), err);
	if (rc == KF_OK && new_version)
		*new_version = version;
out:
	kf_buf_free(&before);
	kf_buf_free(&after);
	return rc;
}

enum kf_rc
kf_rows_read(struct kf_core *k, sqlite3_stmt *st, int limit, size_t size,
    void (*row)(sqlite3_stmt *, void *), void (*clear)(void *),
    const char *what, void **out, size_t *n, struct kf_err *err)
{
	char *v = xcalloc((size_t)limit, size);
	size_t len = 0, i;
	int src = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	while (len < (size_t)limit && (src = sqlite3_step(st)) == SQLITE_ROW)
		row(st, v + size * len++);
	if (len == (size_t)limit)
		src = SQLITE_DONE;	/* a full page: the rest is not read */
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		for (i = 0; i < len; i++)
			clear(v + size * i);
		free(v);
		return kf_db_err(k, src, what, err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}
