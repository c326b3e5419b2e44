/*
 * fee.c — the paid-service list (see include/kefu/fee.h) and money in
 * fen, written and read as yuan with two decimals.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/fee.h"
#include "kefu/perm.h"

#define MAX_PRICE	100000000LL	/* fen: one million yuan */

static const char SQL_INSERT[] =
    "INSERT INTO fee_item (code, name, unit, price) "
    "VALUES (:code, :name, :unit, :price)";
static const char SQL_TAKEN[] = "SELECT 1 FROM fee_item WHERE code = :code";
#define COLS "SELECT id, code, name, unit, price, active, version FROM fee_item "
static const char SQL_GET[] = COLS "WHERE code = :code";
static const char SQL_ALL[] = COLS "ORDER BY code";
static const char SQL_ACTIVE[] = COLS "WHERE active = 1 ORDER BY code";
#undef COLS
static const char SQL_VERSION[] = "SELECT version FROM fee_item WHERE id = :id";
static const char SQL_BUMP[] = "UPDATE fee_item SET version = :v WHERE id = :id";

#define FIELD(f) { #f, "SELECT " #f " FROM fee_item WHERE id = :id", \
    "UPDATE fee_item SET " #f " = :v WHERE id = :id", false }
static const struct kf_field fee_fields[] = {
	FIELD(name), FIELD(unit), FIELD(price), FIELD(active),
};
#undef FIELD

static const struct kf_entity fee_entity = {
	"fee_item", SQL_VERSION, SQL_BUMP, fee_fields,
	(int)(sizeof(fee_fields) / sizeof(fee_fields[0])),
};

void
kf_fee_clear(struct kf_fee *f)
{
	if (f == NULL)
		return;
	free(f->code);
	free(f->name);
	free(f->unit);
	memset(f, 0, sizeof(*f));
}

static enum kf_rc
check_code(const char *code, struct kf_err *err)
{
	const char *p;

	if (code == NULL || *code == '\0' || strlen(code) > 16)
		return kf_err_about(err, KF_INVALID, "code",
		    N_("an item code has 1 to 16 characters"));
	for (p = code; *p; p++)
		if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '-')
			return kf_err_about(err, KF_INVALID, "code",
			    N_("an item code is capital letters, digits and '-'"));
	return KF_OK;
}

static enum kf_rc
check_text(const char *s, const char *field, size_t max, struct kf_err *err)
{
	if (s == NULL || kf_blank(s) || !kf_utf8_valid(s) || !kf_text_clean(s) ||
	    kf_utf8_chars(s) > max) {
		kf_err_set(err, KF_INVALID, "%s must be clean text of 1 to %zu "
		    "characters", field, max);
		kf_err_field(err, field);
		return KF_INVALID;
	}
	return KF_OK;
}

static enum kf_rc
check_price(int64_t price, struct kf_err *err)
{
	if (price < 0 || price > MAX_PRICE)
		return kf_err_about(err, KF_INVALID, "price",
		    N_("a price lies between 0.00 and 1000000.00"));
	return KF_OK;
}

enum kf_rc
kf_fee_add(struct kf_core *k, const char *code, const char *name,
    const char *unit, int64_t price, int64_t *id, struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t newid;
	int src;

	if ((rc = kf_may(k, KF_ACT_FEE_EDIT, 0, err)) != KF_OK ||
	    (rc = check_code(code, err)) != KF_OK ||
	    (rc = check_text(name, "name", 64, err)) != KF_OK ||
	    (rc = check_text(unit, "unit", 8, err)) != KF_OK ||
	    (rc = check_price(price, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_TAKEN);
	kf_bind_text(st, ":code", code);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src == SQLITE_ROW) {
		rc = kf_err_set(err, KF_CONFLICT, "item code '%.16s' is taken",
		    code);
		kf_err_field(err, "code");
		goto end;
	}
	st = kf_sql(k, SQL_INSERT);
	kf_bind_text(st, ":code", code);
	kf_bind_text(st, ":name", name);
	kf_bind_text(st, ":unit", unit);
	kf_bind_int(st, ":price", price);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "adding a paid-service item", err);
		goto end;
	}
	newid = sqlite3_last_insert_rowid(k->db);
	kf_buf_puts(&after, "{\"code\":");
	kf_buf_json_str(&after, code);
	kf_buf_puts(&after, ",\"name\":");
	kf_buf_json_str(&after, name);
	kf_buf_puts(&after, ",\"unit\":");
	kf_buf_json_str(&after, unit);
	kf_buf_printf(&after, ",\"price\":%lld,\"active\":1}", (long long)price);
	rc = kf_audit_append(k, "fee.add", "fee_item", newid, 1, NULL,
	    kf_buf_str(&after), err);
	if (rc == KF_OK && id != NULL)
		*id = newid;
end:
	kf_buf_free(&after);
	return kf_tx_end(k, rc, err);
}

static void
row_to_fee(sqlite3_stmt *st, struct kf_fee *f)
{
	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(st, 0);
	f->code = kf_col_strdup(st, 1);
	f->name = kf_col_strdup(st, 2);
	f->unit = kf_col_strdup(st, 3);
	f->price = sqlite3_column_int64(st, 4);
	f->active = sqlite3_column_int(st, 5) != 0;
	f->version = sqlite3_column_int64(st, 6);
}

/* Without a permission check: the core's own use (work orders). */
enum kf_rc
kf_fee_load(struct kf_core *k, const char *code, struct kf_fee *f,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_GET);
	enum kf_rc rc = KF_OK;
	int src;

	memset(f, 0, sizeof(*f));
	kf_bind_text(st, ":code", code ? code : "");
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_fee(st, f);
	else if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no paid-service item '%.16s'",
		    code ? code : "");
	else
		rc = kf_db_err(k, src, "reading a paid-service item", err);
	kf_sql_done(st);
	return rc;
}

enum kf_rc
kf_fee_get(struct kf_core *k, const char *code, struct kf_fee *f,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(f, 0, sizeof(*f));
	if ((rc = kf_may(k, KF_ACT_FEE_VIEW, 0, err)) != KF_OK)
		return rc;
	return kf_fee_load(k, code, f, err);
}

enum kf_rc
kf_fee_set(struct kf_core *k, const char *code, int64_t seen_version,
    const char *name, const char *unit, int64_t price, int active,
    struct kf_err *err)
{
	struct kf_change ch[4];
	struct kf_fee f;
	enum kf_rc rc;
	int n = 0;

	if ((rc = kf_may(k, KF_ACT_FEE_EDIT, 0, err)) != KF_OK)
		return rc;
	if ((name != NULL && (rc = check_text(name, "name", 64, err)) != KF_OK) ||
	    (unit != NULL && (rc = check_text(unit, "unit", 8, err)) != KF_OK) ||
	    (price >= 0 && (rc = check_price(price, err)) != KF_OK))
		return rc;
	if (name != NULL)
		ch[n++] = (struct kf_change){ "name", { KF_V_TEXT, 0, name } };
	if (unit != NULL)
		ch[n++] = (struct kf_change){ "unit", { KF_V_TEXT, 0, unit } };
	if (price >= 0)
		ch[n++] = (struct kf_change){ "price", { KF_V_INT, price, NULL } };
	if (active >= 0)
		ch[n++] = (struct kf_change){ "active",
		    { KF_V_INT, active != 0, NULL } };
	if (n == 0)
		return kf_err_set(err, KF_INVALID, "nothing to change");
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = kf_fee_load(k, code, &f, err)) == KF_OK)
		rc = kf_rec_update(k, &fee_entity, f.id, seen_version, "fee.set",
		    ch, n, NULL, err);
	kf_fee_clear(&f);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_fee_list(struct kf_core *k, bool all, struct kf_fee **out, size_t *n,
    struct kf_err *err)
{
	struct kf_fee *v = NULL;
	sqlite3_stmt *st;
	size_t len = 0, cap = 0;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_FEE_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, all ? SQL_ALL : SQL_ACTIVE);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 32;
			v = xrealloc(v, cap * sizeof(*v));
		}
		row_to_fee(st, &v[len++]);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_fee_list_free(v, len);
		return kf_db_err(k, src, "listing paid-service items", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

void
kf_fee_list_free(struct kf_fee *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_fee_clear(&v[i]);
	free(v);
}

void
kf_money_format(int64_t fen, char *buf, size_t n)
{
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(buf, n, "%s%llu.%02llu", fen < 0 ? "-" : "",
	    (unsigned long long)(a / 100), (unsigned long long)(a % 100));
}

enum kf_rc
kf_money_parse(const char *s, int64_t *fen, struct kf_err *err)
{
	const char *p = s;
	int64_t yuan = 0, cents = 0;
	int digits = 0, decimals = 0;

	if (s == NULL)
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		if (++digits > 7)	/* 1,000,000 yuan at most */
			goto bad;
		yuan = yuan * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			if (++decimals > 2)
				goto bad;
			cents = cents * 10 + (*p - '0');
		}
		if (decimals == 0)
			goto bad;
		if (decimals == 1)
			cents *= 10;
	}
	if (*p != '\0' || digits == 0 || yuan * 100 + cents > MAX_PRICE)
		goto bad;
	*fen = yuan * 100 + cents;
	return KF_OK;
bad:
	kf_err_set(err, KF_INVALID, "not an amount of money: '%.32s' (write "
	    "yuan, e.g. 12.50)", s ? s : "");
	kf_err_field(err, "price");
	return KF_INVALID;
}
