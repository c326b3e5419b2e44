/*
 * meter.c — meters, shared-meter links, floor areas and the monthly
 * readings (see include/kefu/meter.h; R13, R14). Every row is versioned
 * and audited; kefu check replays each against its trail (integrity.c).
 *
 * A reading's usage is computed once, when it is entered (or corrected),
 * from the reading before it, and stored with the reading it counts from
 * (prev), so a notice can show "1234→1290" without reading the history.
 * Readings are entered in period order and only the latest is corrected,
 * so a stored usage never goes stale behind a later reading.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/clock.h"
#include "kefu/customer.h"
#include "kefu/meter.h"
#include "kefu/perm.h"
#include "kefu/policy.h"

#define SPIKE_MONTHS	6	/* the usual: the mean of this many usages */

/* ---- names ---- */

const char *
kf_meter_kind_name(enum kf_meter_kind kind)
{
	return kind == KF_METER_POWER ? "power" : "water";
}

enum kf_rc
kf_meter_kind_parse(const char *s, enum kf_meter_kind *kind,
    struct kf_err *err)
{
	if (s != NULL && strcmp(s, "water") == 0)
		*kind = KF_METER_WATER;
	else if (s != NULL && strcmp(s, "power") == 0)
		*kind = KF_METER_POWER;
	else
		return kf_err_about(err, KF_INVALID, "kind",
		    N_("a meter is water or power"));
	return KF_OK;
}

static const char *const key_names[] = { "equal", "area", "submeter" };

const char *
kf_share_key_name(enum kf_share_key key)
{
	return (unsigned)key < 3 ? key_names[key] : "?";
}

enum kf_rc
kf_share_key_parse(const char *s, enum kf_share_key *key, struct kf_err *err)
{
	int i;

	for (i = 0; i < 3; i++)
		if (s != NULL && strcmp(s, key_names[i]) == 0) {
			*key = (enum kf_share_key)i;
			return KF_OK;
		}
	return kf_err_about(err, KF_INVALID, "key",
	    N_("a shared meter is apportioned equal, by area or by submeter "
	    "(R14)"));
}

const char *
kf_reading_kind_name(enum kf_reading_kind kind)
{
	static const char *const names[] = { "normal", "replaced", "rollover" };

	return (unsigned)kind < 3 ? names[kind] : "?";
}

static int64_t
pow10i(int d)
{
	int64_t v = 1;

	while (d-- > 0)
		v *= 10;
	return v;
}

/* ---- the customer, as billing needs it ---- */

static const char SQL_CUST[] =
    "SELECT community, building, status, name, room FROM customer "
    "WHERE id = :id";

struct cust {
	char	community[200], building[200], name[200], room[64];
	int	status;
};

static enum kf_rc
cust_load(struct kf_core *k, int64_t id, struct cust *c, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_CUST);
	int src;

	memset(c, 0, sizeof(*c));
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		kf_col_copy(st, 0, c->community, sizeof(c->community));
		kf_col_copy(st, 1, c->building, sizeof(c->building));
		c->status = sqlite3_column_int(st, 2);
		kf_col_copy(st, 3, c->name, sizeof(c->name));
		kf_col_copy(st, 4, c->room, sizeof(c->room));
	}
	kf_sql_done(st);
	if (src == SQLITE_DONE) {
		kf_err_set(err, KF_NOTFOUND, "no customer %lld", (long long)id);
		kf_err_field(err, "customer");
		return KF_NOTFOUND;
	}
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading a customer", err);
	return KF_OK;
}

/* ---- meters ---- */

#define COLS "SELECT id, code, kind, customer_id, community, building, " \
    "position, digits, start, share_key, version FROM meter "
static const char SQL_METER_GET[] = COLS "WHERE id = :id";
static const char SQL_METER_CODE[] = COLS "WHERE code = :code";
static const char SQL_METER_CUST[] = COLS
    "WHERE customer_id = :cust ORDER BY kind, id";
static const char SQL_METER_COMM[] = COLS
    "WHERE community = :c ORDER BY building, position, code";
static const char SQL_METER_BLDG[] = COLS
    "WHERE community = :c AND building = :b ORDER BY position, code";
#undef COLS
static const char SQL_METER_INSERT[] =
    "INSERT INTO meter (code, kind, customer_id, community, building, "
    "position, digits, start, share_key) VALUES (:code, :kind, :cust, :c, "
    ":b, :pos, :digits, :start, :key)";

static void
row_to_meter(sqlite3_stmt *st, struct kf_meter *m)
{
	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, 0);
	kf_col_copy(st, 1, m->code, sizeof(m->code));
	m->kind = (enum kf_meter_kind)sqlite3_column_int(st, 2);
	m->customer_id = sqlite3_column_int64(st, 3);
	kf_col_copy(st, 4, m->community, sizeof(m->community));
	kf_col_copy(st, 5, m->building, sizeof(m->building));
	m->position = sqlite3_column_int(st, 6);
	m->digits = sqlite3_column_int(st, 7);
	m->start = sqlite3_column_int64(st, 8);
	m->share_key = (enum kf_share_key)sqlite3_column_int(st, 9);
	m->version = sqlite3_column_int64(st, 10);
}

/* One meter by a bound statement; KF_NOTFOUND naming what (no message
 * set otherwise). */
static enum kf_rc
meter_one(struct kf_core *k, sqlite3_stmt *st, struct kf_meter *m,
    struct kf_err *err)
{
	int src = sqlite3_step(st);

	if (src == SQLITE_ROW)
		row_to_meter(st, m);
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return KF_NOTFOUND;
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading a meter", err);
	return KF_OK;
}

static enum kf_rc
meter_load(struct kf_core *k, int64_t id, struct kf_meter *m,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_METER_GET);
	enum kf_rc rc;

	kf_bind_int(st, ":id", id);
	if ((rc = meter_one(k, st, m, err)) == KF_NOTFOUND) {
		kf_err_set(err, KF_NOTFOUND, "no meter %lld", (long long)id);
		kf_err_field(err, "meter");
	}
	return rc;
}

static enum kf_rc
check_code(const char *code, struct kf_err *err)
{
	const char *p;

	if (code == NULL || *code == '\0' || strlen(code) > 24)
		return kf_err_about(err, KF_INVALID, "code",
		    N_("a meter code has 1 to 24 characters"));
	for (p = code; *p; p++)
		if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '-')
			return kf_err_about(err, KF_INVALID, "code",
			    N_("a meter code is capital letters, digits and '-'"));
	return KF_OK;
}

enum kf_rc
kf_meter_add(struct kf_core *k, const struct kf_meter *in, int64_t *id,
    struct kf_err *err)
{
	struct kf_buf after = { 0 };
	struct kf_meter m = *in, old;
	struct cust c;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t newid;
	int src;

	if ((rc = kf_may(k, KF_ACT_METER_EDIT, 0, err)) != KF_OK ||
	    (rc = check_code(m.code, err)) != KF_OK)
		return rc;
	if ((unsigned)m.kind > KF_METER_POWER)
		return kf_err_about(err, KF_INVALID, "kind",
		    N_("a meter is water or power"));
	if (m.digits == 0)
		m.digits = 6;
	if (m.digits < 3 || m.digits > 9)
		return kf_err_about(err, KF_INVALID, "digits",
		    N_("a meter has 3 to 9 digits"));
	if (m.start < 0 || m.start >= pow10i(m.digits))
		return kf_err_about(err, KF_INVALID, "start",
		    N_("the start reading lies between 0 and the meter's most"));
	if (m.position < 0)
		return kf_err_about(err, KF_INVALID, "position",
		    N_("a position in the round is 0 or more"));
	if (m.customer_id < 0 || (m.customer_id == 0 &&
	    (unsigned)m.share_key > KF_SHARE_SUBMETER))
		return kf_err_about(err, KF_INVALID, "key",
		    N_("a shared meter is apportioned equal, by area or by "
		    "submeter (R14)"));
	if (m.customer_id > 0)
		m.share_key = KF_SHARE_EQUAL;	/* a unit's meter shares nothing */
	if ((rc = kf_check_text(m.community, "community", 64, false, err)) !=
	    KF_OK || (rc = kf_check_text(m.building, "building", 64, false,
	    err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if (m.customer_id > 0) {
		if ((rc = cust_load(k, m.customer_id, &c, err)) != KF_OK)
			goto end;
		if (m.community[0] == '\0')
			snprintf(m.community, sizeof(m.community), "%s",
			    c.community);
		if (m.building[0] == '\0')
			snprintf(m.building, sizeof(m.building), "%s", c.building);
	}
	if (m.community[0] == '\0') {
		rc = kf_err_about(err, KF_INVALID, "community",
		    N_("a meter is read in a community: give it"));
		goto end;
	}
	st = kf_sql(k, SQL_METER_CODE);
	kf_bind_text(st, ":code", m.code);
	if ((rc = meter_one(k, st, &old, err)) == KF_OK) {
		rc = kf_err_set(err, KF_CONFLICT, "meter code '%.24s' is taken",
		    m.code);
		kf_err_field(err, "code");
		goto end;
	}
	if (rc != KF_NOTFOUND)
		goto end;
	st = kf_sql(k, SQL_METER_INSERT);
	kf_bind_text(st, ":code", m.code);
	kf_bind_int(st, ":kind", m.kind);
	if (m.customer_id > 0)
		kf_bind_int(st, ":cust", m.customer_id);
	else
		kf_bind_null(st, ":cust");
	kf_bind_text(st, ":c", m.community);
	kf_bind_text(st, ":b", m.building);
	kf_bind_int(st, ":pos", m.position);
	kf_bind_int(st, ":digits", m.digits);
	kf_bind_int(st, ":start", m.start);
	kf_bind_int(st, ":key", m.share_key);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "adding a meter", err);
		goto end;
	}
	newid = sqlite3_last_insert_rowid(k->db);
	kf_buf_puts(&after, "{\"code\":");
	kf_buf_json_str(&after, m.code);
	kf_buf_printf(&after, ",\"kind\":%d,\"customer_id\":", (int)m.kind);
	if (m.customer_id > 0)
		kf_buf_printf(&after, "%lld", (long long)m.customer_id);
	else
		kf_buf_puts(&after, "null");
	kf_buf_puts(&after, ",\"community\":");
	kf_buf_json_str(&after, m.community);
	kf_buf_puts(&after, ",\"building\":");
	kf_buf_json_str(&after, m.building);
	kf_buf_printf(&after, ",\"position\":%d,\"digits\":%d,\"start\":%lld,"
	    "\"share_key\":%d}", m.position, m.digits, (long long)m.start,
	    (int)m.share_key);
	rc = kf_audit_append(k, "meter.add", "meter", newid, 1, NULL,
	    kf_buf_str(&after), err);
	if (rc == KF_OK && id != NULL)
		*id = newid;
end:
	kf_buf_free(&after);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_meter_get(struct kf_core *k, int64_t id, struct kf_meter *m,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(m, 0, sizeof(*m));
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK)
		return rc;
	return meter_load(k, id, m, err);
}

enum kf_rc
kf_meter_get_code(struct kf_core *k, const char *code, struct kf_meter *m,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;

	memset(m, 0, sizeof(*m));
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_METER_CODE);
	kf_bind_text(st, ":code", code ? code : "");
	if ((rc = meter_one(k, st, m, err)) == KF_NOTFOUND) {
		kf_err_set(err, KF_NOTFOUND, "no meter '%.24s'", code ? code : "");
		kf_err_field(err, "meter");
	}
	return rc;
}

/* Every row of st (bound) into a malloc'd array. */
static enum kf_rc
meters_of(struct kf_core *k, sqlite3_stmt *st, struct kf_meter **out,
    size_t *n, struct kf_err *err)
{
	struct kf_meter *v = NULL;
	size_t len = 0, cap = 0;
	int src;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		row_to_meter(st, &v[len++]);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(v);
		return kf_db_err(k, src, "listing meters", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

enum kf_rc
kf_meter_list(struct kf_core *k, const char *community, const char *building,
    int64_t customer_id, struct kf_meter **out, size_t *n, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK)
		return rc;
	if (customer_id > 0) {
		st = kf_sql(k, SQL_METER_CUST);
		kf_bind_int(st, ":cust", customer_id);
	} else if (building != NULL && *building != '\0') {
		st = kf_sql(k, SQL_METER_BLDG);
		kf_bind_text(st, ":c", community ? community : "");
		kf_bind_text(st, ":b", building);
	} else {
		st = kf_sql(k, SQL_METER_COMM);
		kf_bind_text(st, ":c", community ? community : "");
	}
	return meters_of(k, st, out, n, err);
}

/* ---- links to shared meters (R14) ---- */

static const char SQL_LINK_FIND[] =
    "SELECT id FROM meter_link WHERE meter_id = :m AND customer_id = :cust "
    "AND active = 1";
static const char SQL_LINK_INSERT[] =
    "INSERT INTO meter_link (meter_id, customer_id, sub_meter_id) "
    "VALUES (:m, :cust, :sub)";
static const char SQL_LINKS[] =
    "SELECT id, meter_id, customer_id, sub_meter_id, active, version "
    "FROM meter_link WHERE meter_id = :m AND active = 1 ORDER BY customer_id";
static const char SQL_LINK_VERSION[] =
    "SELECT version FROM meter_link WHERE id = :id";
static const char SQL_LINK_BUMP[] =
    "UPDATE meter_link SET version = :v WHERE id = :id";
static const struct kf_field link_fields[] = {
	{ "active", "SELECT active FROM meter_link WHERE id = :id",
	  "UPDATE meter_link SET active = :v WHERE id = :id", false },
};
static const struct kf_entity link_entity = {
	"meter_link", SQL_LINK_VERSION, SQL_LINK_BUMP, link_fields, 1,
};

enum kf_rc
kf_meter_link(struct kf_core *k, int64_t meter_id, int64_t customer_id,
    int64_t sub_meter_id, int64_t *id, struct kf_err *err)
{
	struct kf_buf after = { 0 };
	struct kf_meter m, sub;
	struct cust c;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t newid;
	int src;

	if ((rc = kf_may(k, KF_ACT_METER_EDIT, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = meter_load(k, meter_id, &m, err)) != KF_OK ||
	    (rc = cust_load(k, customer_id, &c, err)) != KF_OK)
		goto end;
	if (m.customer_id != 0) {
		rc = kf_err_set(err, KF_INVALID, "meter %.24s is customer %lld's "
		    "own, not a shared meter (R14)", m.code,
		    (long long)m.customer_id);
		kf_err_field(err, "meter");
		goto end;
	}
	if (c.status == KF_CUST_MOVED_OUT) {
		rc = kf_err_set(err, KF_INVALID, "customer %lld moved out: not "
		    "linked to a shared meter (R14)", (long long)customer_id);
		kf_err_field(err, "customer");
		goto end;
	}
	if (m.share_key == KF_SHARE_SUBMETER) {
		if (sub_meter_id <= 0) {
			rc = kf_err_about(err, KF_INVALID, "sub",
			    N_("this meter is shared by sub-meter: give the "
			    "unit's own meter (R14)"));
			goto end;
		}
		if ((rc = meter_load(k, sub_meter_id, &sub, err)) != KF_OK)
			goto end;
		if (sub.customer_id != customer_id || sub.kind != m.kind) {
			rc = kf_err_set(err, KF_INVALID, "meter %.24s is not "
			    "customer %lld's own %s meter (R14)", sub.code,
			    (long long)customer_id, kf_meter_kind_name(m.kind));
			kf_err_field(err, "sub");
			goto end;
		}
	} else if (sub_meter_id != 0) {
		rc = kf_err_about(err, KF_INVALID, "sub",
		    N_("only a meter shared by sub-meter takes one (R14)"));
		goto end;
	}
	st = kf_sql(k, SQL_LINK_FIND);
	kf_bind_int(st, ":m", meter_id);
	kf_bind_int(st, ":cust", customer_id);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src == SQLITE_ROW) {
		rc = kf_err_set(err, KF_CONFLICT, "customer %lld is linked to "
		    "meter %.24s already", (long long)customer_id, m.code);
		goto end;
	}
	st = kf_sql(k, SQL_LINK_INSERT);
	kf_bind_int(st, ":m", meter_id);
	kf_bind_int(st, ":cust", customer_id);
	if (sub_meter_id > 0)
		kf_bind_int(st, ":sub", sub_meter_id);
	else
		kf_bind_null(st, ":sub");
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "linking a shared meter", err);
		goto end;
	}
	newid = sqlite3_last_insert_rowid(k->db);
	kf_buf_printf(&after, "{\"meter_id\":%lld,\"customer_id\":%lld,"
	    "\"sub_meter_id\":", (long long)meter_id, (long long)customer_id);
	if (sub_meter_id > 0)
		kf_buf_printf(&after, "%lld", (long long)sub_meter_id);
	else
		kf_buf_puts(&after, "null");
	kf_buf_puts(&after, ",\"active\":1}");
	rc = kf_audit_append(k, "meter.link", "meter_link", newid, 1, NULL,
	    kf_buf_str(&after), err);
	if (rc == KF_OK && id != NULL)
		*id = newid;
end:
	kf_buf_free(&after);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_meter_unlink(struct kf_core *k, int64_t meter_id, int64_t customer_id,
    struct kf_err *err)
{
	struct kf_change ch = { "active", { KF_V_INT, 0, NULL } };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t link;
	int src;

	if ((rc = kf_may(k, KF_ACT_METER_EDIT, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_LINK_FIND);
	kf_bind_int(st, ":m", meter_id);
	kf_bind_int(st, ":cust", customer_id);
	src = sqlite3_step(st);
	link = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "customer %lld is not linked to "
		    "meter %lld", (long long)customer_id, (long long)meter_id);
	else if (src != SQLITE_ROW)
		rc = kf_db_err(k, src, "reading a meter link", err);
	else
		rc = kf_rec_update(k, &link_entity, link, -1, "meter.unlink",
		    &ch, 1, NULL, err);
	return kf_tx_end(k, rc, err);
}

/* The active links of a shared meter, no permission check (charge.c). */
enum kf_rc
kf_meter_links_tx(struct kf_core *k, int64_t meter_id,
    struct kf_meter_link **out, size_t *n, struct kf_err *err)
{
	struct kf_meter_link *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st;
	int src;

	*out = NULL;
	*n = 0;
	st = kf_sql(k, SQL_LINKS);
	kf_bind_int(st, ":m", meter_id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[len].id = sqlite3_column_int64(st, 0);
		v[len].meter_id = sqlite3_column_int64(st, 1);
		v[len].customer_id = sqlite3_column_int64(st, 2);
		v[len].sub_meter_id = sqlite3_column_int64(st, 3);
		v[len].active = sqlite3_column_int(st, 4) != 0;
		v[len].version = sqlite3_column_int64(st, 5);
		len++;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(v);
		return kf_db_err(k, src, "listing meter links", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

enum kf_rc
kf_meter_links(struct kf_core *k, int64_t meter_id,
    struct kf_meter_link **out, size_t *n, struct kf_err *err)
{
	enum kf_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK)
		return rc;
	return kf_meter_links_tx(k, meter_id, out, n, err);
}

/* ---- floor areas ---- */

static const char SQL_AREA_GET[] =
    "SELECT id, area_dm2, version FROM customer_area WHERE customer_id = :cust";
static const char SQL_AREA_INSERT[] =
    "INSERT INTO customer_area (customer_id, area_dm2) VALUES (:cust, :a)";
static const char SQL_AREA_VERSION[] =
    "SELECT version FROM customer_area WHERE id = :id";
static const char SQL_AREA_BUMP[] =
    "UPDATE customer_area SET version = :v WHERE id = :id";
static const struct kf_field area_fields[] = {
	{ "area_dm2", "SELECT area_dm2 FROM customer_area WHERE id = :id",
	  "UPDATE customer_area SET area_dm2 = :v WHERE id = :id", false },
};
static const struct kf_entity area_entity = {
	"customer_area", SQL_AREA_VERSION, SQL_AREA_BUMP, area_fields, 1,
};

/* A customer's area row: *rid 0 when none. No permission check. */
enum kf_rc
kf_area_tx(struct kf_core *k, int64_t customer_id, int64_t *rid,
    int64_t *dm2, int64_t *version, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_AREA_GET);
	int src;

	*rid = *dm2 = *version = 0;
	kf_bind_int(st, ":cust", customer_id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*rid = sqlite3_column_int64(st, 0);
		*dm2 = sqlite3_column_int64(st, 1);
		*version = sqlite3_column_int64(st, 2);
	}
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return kf_db_err(k, src, "reading a floor area", err);
	return KF_OK;
}

enum kf_rc
kf_area_set(struct kf_core *k, int64_t customer_id, int64_t dm2,
    int64_t seen_version, struct kf_err *err)
{
	struct kf_change ch = { "area_dm2", { KF_V_INT, dm2, NULL } };
	struct kf_buf after = { 0 };
	int64_t rid, old, version;
	sqlite3_stmt *st;
	struct cust c;
	enum kf_rc rc;
	int src;

	if ((rc = kf_may(k, KF_ACT_METER_EDIT, 0, err)) != KF_OK)
		return rc;
	if (dm2 <= 0 || dm2 > KF_MAX_AREA_DM2)
		return kf_err_about(err, KF_INVALID, "area",
		    N_("a floor area lies above 0 and at most 1000000 m²"));
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = cust_load(k, customer_id, &c, err)) != KF_OK ||
	    (rc = kf_area_tx(k, customer_id, &rid, &old, &version, err)) !=
	    KF_OK)
		goto end;
	if (rid != 0) {
		rc = kf_rec_update(k, &area_entity, rid, seen_version, "area.set",
		    &ch, 1, NULL, err);
		goto end;
	}
	st = kf_sql(k, SQL_AREA_INSERT);
	kf_bind_int(st, ":cust", customer_id);
	kf_bind_int(st, ":a", dm2);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "setting a floor area", err);
		goto end;
	}
	kf_buf_printf(&after, "{\"customer_id\":%lld,\"area_dm2\":%lld}",
	    (long long)customer_id, (long long)dm2);
	rc = kf_audit_append(k, "area.set", "customer_area",
	    sqlite3_last_insert_rowid(k->db), 1, NULL, kf_buf_str(&after), err);
end:
	kf_buf_free(&after);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_area_get(struct kf_core *k, int64_t customer_id, int64_t *dm2,
    int64_t *version, struct kf_err *err)
{
	enum kf_rc rc;
	int64_t rid;

	*dm2 = *version = 0;
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK)
		return rc;
	return kf_area_tx(k, customer_id, &rid, dm2, version, err);
}

/* ---- readings (R13) ---- */

#define COLS "SELECT id, meter_id, period, value, prev, usage, kind, spike, " \
    "reason, entered_at, entered_by, version FROM reading "
static const char SQL_READ_ONE[] = COLS
    "WHERE meter_id = :m AND period = :p";
static const char SQL_READ_BEFORE[] = COLS
    "WHERE meter_id = :m AND period < :p ORDER BY period DESC LIMIT 1";
static const char SQL_READ_LATEST[] = COLS
    "WHERE meter_id = :m ORDER BY period DESC LIMIT 1";
static const char SQL_READ_LIST[] = COLS
    "WHERE meter_id = :m ORDER BY period DESC LIMIT :n";
#undef COLS
static const char SQL_READ_USUAL[] =
    "SELECT usage FROM reading WHERE meter_id = :m AND period < :p "
    "ORDER BY period DESC LIMIT 6";
static const char SQL_READ_INSERT[] =
    "INSERT INTO reading (meter_id, period, value, prev, usage, kind, spike, "
    "entered_at, entered_by) VALUES (:m, :p, :v, :prev, :u, :kind, :spike, "
    ":now, :by)";
static const char SQL_READ_VERSION[] =
    "SELECT version FROM reading WHERE id = :id";
static const char SQL_READ_BUMP[] =
    "UPDATE reading SET version = :v WHERE id = :id";
#define FIELD(f) { #f, "SELECT " #f " FROM reading WHERE id = :id", \
    "UPDATE reading SET " #f " = :v WHERE id = :id", false }
static const struct kf_field reading_fields[] = {
	FIELD(value), FIELD(prev), FIELD(usage), FIELD(kind), FIELD(spike),
	FIELD(reason),
};
#undef FIELD
static const struct kf_entity reading_entity = {
	"reading", SQL_READ_VERSION, SQL_READ_BUMP, reading_fields,
	(int)(sizeof(reading_fields) / sizeof(reading_fields[0])),
};

static void
row_to_reading(sqlite3_stmt *st, struct kf_reading *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->meter_id = sqlite3_column_int64(st, 1);
	kf_col_copy(st, 2, r->period, sizeof(r->period));
	r->value = sqlite3_column_int64(st, 3);
	r->prev = sqlite3_column_int64(st, 4);
	r->usage = sqlite3_column_int64(st, 5);
	r->kind = (enum kf_reading_kind)sqlite3_column_int(st, 6);
	r->spike = sqlite3_column_int(st, 7) != 0;
	kf_col_copy(st, 8, r->reason, sizeof(r->reason));
	r->entered_at = sqlite3_column_int64(st, 9);
	r->entered_by = sqlite3_column_int64(st, 10);
	r->version = sqlite3_column_int64(st, 11);
}

/* One reading of meter m by sql (bound to :m and, when p, :p). */
static enum kf_rc
reading_by(struct kf_core *k, const char *sql, int64_t m, const char *p,
    struct kf_reading *r, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	int src;

	kf_bind_int(st, ":m", m);
	if (p != NULL)
		kf_bind_text(st, ":p", p);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_reading(st, r);
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return KF_NOTFOUND;
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading a meter reading", err);
	return KF_OK;
}

/* The period's reading of meter m, no permission check (charge.c). */
enum kf_rc
kf_reading_tx(struct kf_core *k, int64_t meter_id, const char *period,
    struct kf_reading *r, struct kf_err *err)
{
	return reading_by(k, SQL_READ_ONE, meter_id, period, r, err);
}

/*
 * R13: whether usage is above the policy's share of the mean of the
 * meter's last usages before period; *mean_x10 receives the mean in
 * tenths (for the message), *months how many it took.
 */
static enum kf_rc
spike(struct kf_core *k, int64_t meter_id, const char *period, int64_t usage,
    bool *is, int64_t *mean_x10, int *months, int64_t *ratio,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	int64_t sum = 0;
	enum kf_rc rc;
	int src, n = 0;

	*is = false;
	*mean_x10 = 0;
	*months = 0;
	if ((rc = kf_policy_value(k, "reading.spike", ratio, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_READ_USUAL);
	kf_bind_int(st, ":m", meter_id);
	kf_bind_text(st, ":p", period);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		sum += sqlite3_column_int64(st, 0);
		n++;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "reading a meter's usual usage", err);
	if (n == 0 || sum == 0)
		return KF_OK;	/* no usual yet, or a vacant flat's 0: nothing
				 * to compare with */
	*months = n;
	*mean_x10 = sum * 10 / n;
	/* usage > ratio/1000 × sum/n, in integers */
	*is = (__int128)usage * 1000 * n > (__int128)*ratio * sum;
	return KF_OK;
}

enum kf_rc
kf_reading_enter(struct kf_core *k, int64_t meter_id, const char *period,
    int64_t value, unsigned flags, int64_t start, const char *reason,
    int64_t *id, int64_t *usage_out, struct kf_err *err)
{
	struct kf_reading cur, last, latest;
	struct kf_buf after = { 0 };
	struct kf_change ch[6];
	char which[8], lastp[KF_PERIOD_LEN], mean[32], today[32];
	int64_t prev, usage, top, mean_x10, ratio, newid;
	enum kf_reading_kind kind = KF_READING_NORMAL;
	bool correcting, billed, is_spike;
	struct kf_meter m;
	struct cust c = { .status = 0 };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int y, mo, src, months;

	if ((rc = kf_may(k, KF_ACT_READING_ENTER, 0, err)) != KF_OK ||
	    (rc = kf_period_parse(period, "period", &y, &mo, err)) != KF_OK)
		return rc;
	if (reason == NULL)
		reason = "";
	if ((rc = kf_check_text(reason, "reason", 64, false, err)) != KF_OK)
		return rc;
	if ((flags & KF_READ_REPLACED) && (flags & KF_READ_ROLLOVER))
		return kf_err_about(err, KF_INVALID, "kind",
		    N_("a reading is of a replaced meter or a rolled-over one, "
		    "not both"));
	if (value < 0)
		return kf_err_about(err, KF_INVALID, "value",
		    N_("a reading cannot be negative"));
	/* A month not yet begun is a slip (2027-11 for 2026-11), and readings
	 * go in order: it would lock the meter until then. */
	kf_time_local(kf_core_now(k), today, sizeof(today));
	if (strncmp(period, today, 7) > 0) {
		kf_err_set(err, KF_INVALID, "period %s has not begun (it is %.7s): "
		    "a reading is for this month or one before (R13)", period,
		    today);
		kf_err_field(err, "period");
		return KF_INVALID;
	}
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = meter_load(k, meter_id, &m, err)) != KF_OK)
		goto end;
	top = pow10i(m.digits);
	if (value >= top) {
		rc = kf_err_set(err, KF_INVALID, "meter %.24s has %d digits: "
		    "a reading is below %lld", m.code, m.digits, (long long)top);
		kf_err_field(err, "value");
		goto end;
	}
	if (m.customer_id > 0) {
		if ((rc = cust_load(k, m.customer_id, &c, err)) != KF_OK)
			goto end;
		if (c.status == KF_CUST_MOVED_OUT) {
			rc = kf_err_set(err, KF_REFUSED, "meter %.24s belongs to "
			    "customer %lld, who moved out: no reading (R13)",
			    m.code, (long long)m.customer_id);
			goto end;
		}
	}
	/* R15: locked by its own community's run only (a unit's meter: its
	 * customer's community; a shared meter: its own). */
	if ((rc = kf_bill_period_after_in(k, period, m.customer_id > 0 ?
	    c.community : m.community, &billed, which, err)) != KF_OK)
		goto end;
	if (billed) {
		rc = kf_err_set(err, KF_REFUSED, "cannot enter a reading for %s: "
		    "notices of %.64s for %s are issued already; correct them "
		    "with an adjustment line and its reason (R15)", period,
		    m.customer_id > 0 ? c.community : m.community, which);
		goto end;
	}
	rc = reading_by(k, SQL_READ_ONE, meter_id, period, &cur, err);
	if (rc != KF_OK && rc != KF_NOTFOUND)
		goto end;
	correcting = rc == KF_OK;
	rc = reading_by(k, SQL_READ_LATEST, meter_id, NULL, &latest, err);
	if (rc != KF_OK && rc != KF_NOTFOUND)
		goto end;
	if (rc == KF_OK && strcmp(latest.period, period) > 0) {
		rc = kf_err_set(err, KF_REFUSED,
		    correcting ? "meter %.24s has a later reading (%s): only its "
		    "latest reading can be corrected (R13)" : "meter %.24s has a "
		    "reading for %s already: readings are entered month by month "
		    "in order (R13)", m.code, latest.period);
		goto end;
	}
	if (correcting && kf_blank(reason)) {
		rc = kf_err_set(err, KF_REFUSED, "meter %.24s has a reading for %s "
		    "already (%lld); a second one is a correction: give its "
		    "reason (R13)", m.code, period, (long long)cur.value);
		kf_err_field(err, "reason");
		goto end;
	}
	rc = reading_by(k, SQL_READ_BEFORE, meter_id, period, &last, err);
	if (rc != KF_OK && rc != KF_NOTFOUND)
		goto end;
	if (rc == KF_NOTFOUND) {
		prev = m.start;
		snprintf(lastp, sizeof(lastp), "start");
	} else {
		prev = last.value;
		snprintf(lastp, sizeof(lastp), "%s", last.period);
	}
	rc = KF_OK;
	if (flags & KF_READ_REPLACED) {
		if (start < 0 || start > value) {
			rc = kf_err_about(err, KF_INVALID, "start",
			    N_("the new meter's start reading lies between 0 and "
			    "this reading (R13)"));
			goto end;
		}
		kind = KF_READING_REPLACED;
		prev = start;
		usage = value - start;
	} else if (flags & KF_READ_ROLLOVER) {
		if (value >= prev) {
			rc = kf_err_set(err, KF_INVALID, "reading %lld is not below "
			    "the last (%lld): the meter did not roll over (R13)",
			    (long long)value, (long long)prev);
			kf_err_field(err, "value");
			goto end;
		}
		kind = KF_READING_ROLLOVER;
		usage = value + top - prev;
	} else {
		if (value < prev) {
			rc = kf_err_set(err, KF_REFUSED, "reading %lld of meter %.24s "
			    "is below the last (%lld, %s): mark it as a meter "
			    "replaced, with the new meter's start, or rolled over "
			    "(R13)", (long long)value, m.code, (long long)prev,
			    lastp);
			kf_err_field(err, "value");
			goto end;
		}
		usage = value - prev;
	}
	if ((rc = spike(k, meter_id, period, usage, &is_spike, &mean_x10,
	    &months, &ratio, err)) != KF_OK)
		goto end;
	if (is_spike && !(flags & KF_READ_CONFIRM)) {
		snprintf(mean, sizeof(mean), "%lld.%lld", (long long)(mean_x10 / 10),
		    (long long)(mean_x10 % 10));
		rc = kf_err_set(err, KF_REFUSED, "usage %lld of meter %.24s is "
		    "above %lld%% of its usual (mean %s a month; months compared: "
		    "%d): check the reading and confirm it (R13)", (long long)usage, m.code,
		    (long long)(ratio / 10), mean, months);
		kf_err_field(err, "value");
		goto end;
	}
	if (correcting) {
		ch[0] = (struct kf_change){ "value", { KF_V_INT, value, NULL } };
		ch[1] = (struct kf_change){ "prev", { KF_V_INT, prev, NULL } };
		ch[2] = (struct kf_change){ "usage", { KF_V_INT, usage, NULL } };
		ch[3] = (struct kf_change){ "kind", { KF_V_INT, kind, NULL } };
		ch[4] = (struct kf_change){ "spike", { KF_V_INT, is_spike, NULL } };
		ch[5] = (struct kf_change){ "reason", { KF_V_TEXT, 0, reason } };
		rc = kf_rec_update(k, &reading_entity, cur.id, -1,
		    "reading.correct", ch, 6, NULL, err);
		newid = cur.id;
	} else {
		st = kf_sql(k, SQL_READ_INSERT);
		kf_bind_int(st, ":m", meter_id);
		kf_bind_text(st, ":p", period);
		kf_bind_int(st, ":v", value);
		kf_bind_int(st, ":prev", prev);
		kf_bind_int(st, ":u", usage);
		kf_bind_int(st, ":kind", kind);
		kf_bind_int(st, ":spike", is_spike);
		kf_bind_int(st, ":now", kf_core_now(k));
		if (k->actor_id > 0)
			kf_bind_int(st, ":by", k->actor_id);
		else
			kf_bind_null(st, ":by");
		src = sqlite3_step(st);
		kf_sql_done(st);
		if (src != SQLITE_DONE) {
			rc = kf_db_err(k, src, "entering a reading", err);
			goto end;
		}
		newid = sqlite3_last_insert_rowid(k->db);
		kf_buf_printf(&after, "{\"meter_id\":%lld,\"period\":",
		    (long long)meter_id);
		kf_buf_json_str(&after, period);
		kf_buf_printf(&after, ",\"value\":%lld,\"prev\":%lld,\"usage\":%lld,"
		    "\"kind\":%d,\"spike\":%d,\"reason\":\"\"}", (long long)value,
		    (long long)prev, (long long)usage, (int)kind, is_spike ? 1 : 0);
		rc = kf_audit_append(k, "reading.enter", "reading", newid, 1, NULL,
		    kf_buf_str(&after), err);
	}
	if (rc == KF_OK) {
		if (id != NULL)
			*id = newid;
		if (usage_out != NULL)
			*usage_out = usage;
	}
end:
	kf_buf_free(&after);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_reading_get(struct kf_core *k, int64_t meter_id, const char *period,
    struct kf_reading *r, struct kf_err *err)
{
	enum kf_rc rc;
	int y, m;

	memset(r, 0, sizeof(*r));
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_period_parse(period, "period", &y, &m, err)) != KF_OK)
		return rc;
	if ((rc = reading_by(k, SQL_READ_ONE, meter_id, period, r, err)) ==
	    KF_NOTFOUND)
		kf_err_set(err, KF_NOTFOUND, "meter %lld has no reading for %s",
		    (long long)meter_id, period);
	return rc;
}

enum kf_rc
kf_reading_list(struct kf_core *k, int64_t meter_id, int limit,
    struct kf_reading **out, size_t *n, struct kf_err *err)
{
	struct kf_reading *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK)
		return rc;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	st = kf_sql(k, SQL_READ_LIST);
	kf_bind_int(st, ":m", meter_id);
	kf_bind_int(st, ":n", limit);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		row_to_reading(st, &v[len++]);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(v);
		return kf_db_err(k, src, "listing readings", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

enum kf_rc
kf_reading_round(struct kf_core *k, const char *community,
    const char *building, const char *period, struct kf_round_row **out,
    size_t *n, struct kf_err *err)
{
	struct kf_round_row *v = NULL;
	struct kf_meter *ms = NULL;
	struct kf_reading r;
	struct cust c;
	size_t nm = 0, i;
	enum kf_rc rc;
	int y, mo;

	*out = NULL;
	*n = 0;
	if ((rc = kf_period_parse(period, "period", &y, &mo, err)) != KF_OK ||
	    (rc = kf_meter_list(k, community, building, 0, &ms, &nm, err)) !=
	    KF_OK)
		return rc;
	v = xcalloc(nm ? nm : 1, sizeof(*v));
	for (i = 0; i < nm; i++) {
		v[i].meter = ms[i];
		v[i].last_value = ms[i].start;
		v[i].last_usage = -1;
		if (ms[i].customer_id > 0) {
			if ((rc = cust_load(k, ms[i].customer_id, &c, err)) !=
			    KF_OK)
				goto fail;
			snprintf(v[i].customer, sizeof(v[i].customer), "%s",
			    c.name);
			snprintf(v[i].room, sizeof(v[i].room), "%s", c.room);
			v[i].moved_out = c.status == KF_CUST_MOVED_OUT;
		}
		rc = reading_by(k, SQL_READ_BEFORE, ms[i].id, period, &r, err);
		if (rc == KF_OK) {
			snprintf(v[i].last_period, sizeof(v[i].last_period), "%s",
			    r.period);
			v[i].last_value = r.value;
			v[i].last_usage = r.usage;
		} else if (rc != KF_NOTFOUND)
			goto fail;
		rc = reading_by(k, SQL_READ_ONE, ms[i].id, period, &r, err);
		if (rc == KF_OK) {
			v[i].this_id = r.id;
			v[i].this_value = r.value;
			v[i].this_usage = r.usage;
		} else if (rc != KF_NOTFOUND)
			goto fail;
	}
	free(ms);
	*out = v;
	*n = nm;
	return KF_OK;
fail:
	free(ms);
	free(v);
	return rc;
}
