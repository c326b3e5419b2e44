/*
 * draft.c — drafts of unsaved forms and personal preferences (see
 * include/kefu/draft.h).
 *
 * A draft body is "name=value" lines; in the value a backslash escapes
 * itself and a newline ("\\" and "\n"), so any text survives the round trip.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/draft.h"

static const char SQL_SAVE[] =
    "INSERT INTO draft (staff_id, form, record_id, body, saved_at) "
    "VALUES (:s, :f, :r, :b, :t) ON CONFLICT (staff_id, form, record_id) "
    "DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at";
static const char SQL_LIST[] =
    "SELECT form, record_id, body, saved_at FROM draft WHERE staff_id = :s "
    "ORDER BY saved_at DESC, form LIMIT :n";
static const char SQL_FIND[] =
    "SELECT form, record_id, body, saved_at FROM draft WHERE staff_id = :s "
    "AND form = :f AND record_id = :r";
static const char SQL_DROP[] =
    "DELETE FROM draft WHERE staff_id = :s AND form = :f AND record_id = :r";
static const char SQL_PREF_GET[] =
    "SELECT value FROM pref WHERE staff_id = :s AND key = :k";
static const char SQL_PREF_SET[] =
    "INSERT INTO pref (staff_id, key, value) VALUES (:s, :k, :v) "
    "ON CONFLICT (staff_id, key) DO UPDATE SET value = excluded.value";

static void
encode(struct kf_buf *b, const struct kf_draft_field *f, size_t n)
{
	const char *p;
	size_t i;

	for (i = 0; i < n; i++) {
		kf_buf_puts(b, f[i].name);
		kf_buf_puts(b, "=");
		for (p = f[i].value ? f[i].value : ""; *p; p++) {
			if (*p == '\\')
				kf_buf_puts(b, "\\\\");
			else if (*p == '\n')
				kf_buf_puts(b, "\\n");
			else
				kf_buf_add(b, p, 1);
		}
		kf_buf_puts(b, "\n");
	}
}

/* Decodes a body into d->fields; a line without '=' is skipped. */
static void
decode(const char *body, struct kf_draft *d)
{
	const char *line = body, *eq, *end, *p;
	struct kf_buf v = { 0 };
	size_t cap = 0;

	while (*line) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		eq = memchr(line, '=', (size_t)(end - line));
		if (eq != NULL) {
			if (d->nfields == cap) {
				cap = cap ? cap * 2 : 8;
				d->names = xrealloc(d->names,
				    cap * sizeof(*d->names));
				d->values = xrealloc(d->values,
				    cap * sizeof(*d->values));
			}
			kf_buf_reset(&v);
			for (p = eq + 1; p < end; p++) {
				if (*p == '\\' && p + 1 < end) {
					p++;
					kf_buf_add(&v, *p == 'n' ? "\n" : p, 1);
				} else
					kf_buf_add(&v, p, 1);
			}
			d->names[d->nfields] = xasprintf("%.*s",
			    (int)(eq - line), line);
			d->values[d->nfields] = xstrdup(kf_buf_str(&v));
			d->nfields++;
		}
		line = *end ? end + 1 : end;
	}
	kf_buf_free(&v);
}

enum kf_rc
kf_draft_save(struct kf_core *k, const char *form, int64_t record_id,
    const struct kf_draft_field *fields, size_t n, struct kf_err *err)
{
	struct kf_buf b = { 0 };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	encode(&b, fields, n);
	if ((rc = kf_tx_begin(k, err)) != KF_OK) {
		kf_buf_free(&b);
		return rc;
	}
	st = kf_sql(k, SQL_SAVE);
	kf_bind_int(st, ":s", k->actor_id);
	kf_bind_text(st, ":f", form);
	kf_bind_int(st, ":r", record_id);
	kf_bind_text(st, ":b", kf_buf_str(&b));
	kf_bind_int(st, ":t", kf_core_now(k));
	src = sqlite3_step(st);
	kf_sql_done(st);
	kf_buf_free(&b);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "saving a draft", err);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_draft_list(struct kf_core *k, size_t max, struct kf_draft **out, size_t *n,
    struct kf_err *err)
{
	struct kf_draft *v;
	sqlite3_stmt *st;
	size_t len = 0;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	if (max == 0)
		return KF_OK;
	v = xcalloc(max, sizeof(*v));
	st = kf_sql(k, SQL_LIST);
	kf_bind_int(st, ":s", k->actor_id);
	kf_bind_int(st, ":n", (int64_t)max);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		v[len].form = kf_col_strdup(st, 0);
		v[len].record_id = sqlite3_column_int64(st, 1);
		decode((const char *)sqlite3_column_text(st, 2), &v[len]);
		v[len].saved_at = sqlite3_column_int64(st, 3);
		len++;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_draft_list_free(v, len);
		return kf_db_err(k, src, "reading drafts", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

enum kf_rc
kf_draft_find(struct kf_core *k, const char *form, int64_t record_id,
    struct kf_draft **out, struct kf_err *err)
{
	struct kf_draft *d;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	*out = NULL;
	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	d = xcalloc(1, sizeof(*d));
	st = kf_sql(k, SQL_FIND);
	kf_bind_int(st, ":s", k->actor_id);
	kf_bind_text(st, ":f", form);
	kf_bind_int(st, ":r", record_id);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		d->form = kf_col_strdup(st, 0);
		d->record_id = sqlite3_column_int64(st, 1);
		decode((const char *)sqlite3_column_text(st, 2), d);
		d->saved_at = sqlite3_column_int64(st, 3);
	}
	kf_sql_done(st);
	if (src == SQLITE_ROW) {
		*out = d;
		return KF_OK;
	}
	kf_draft_list_free(d, 1);
	if (src == SQLITE_DONE)
		return kf_err_set(err, KF_NOTFOUND, "no draft of %s %lld", form,
		    (long long)record_id);
	return kf_db_err(k, src, "reading a draft", err);
}

void
kf_draft_list_free(struct kf_draft *v, size_t n)
{
	size_t i, j;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].nfields; j++) {
			free(v[i].names[j]);
			free(v[i].values[j]);
		}
		free(v[i].names);
		free(v[i].values);
		free(v[i].form);
	}
	free(v);
}

enum kf_rc
kf_draft_drop(struct kf_core *k, const char *form, int64_t record_id,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_DROP);
	kf_bind_int(st, ":s", k->actor_id);
	kf_bind_text(st, ":f", form);
	kf_bind_int(st, ":r", record_id);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "dropping a draft", err);
	return kf_tx_end(k, rc, err);
}

const char *
kf_draft_get(const struct kf_draft *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nfields; i++)
		if (strcmp(d->names[i], name) == 0)
			return d->values[i];
	return NULL;
}

enum kf_rc
kf_pref_get(struct kf_core *k, const char *key, char **value,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	*value = NULL;
	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_PREF_GET);
	kf_bind_int(st, ":s", k->actor_id);
	kf_bind_text(st, ":k", key);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*value = kf_col_strdup(st, 0);
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return kf_db_err(k, src, "reading a preference", err);
	return KF_OK;
}

enum kf_rc
kf_pref_set(struct kf_core *k, const char *key, const char *value,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	if (strlen(key) > 64 || strlen(value) > 64 || !kf_text_clean(value))
		return kf_err_set(err, KF_INVALID, "bad preference value");
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_PREF_SET);
	kf_bind_int(st, ":s", k->actor_id);
	kf_bind_text(st, ":k", key);
	kf_bind_text(st, ":v", value);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "saving a preference", err);
	return kf_tx_end(k, rc, err);
}
