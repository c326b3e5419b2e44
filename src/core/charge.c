/*
 * charge.c — the charges of a customer for a period (kf_charges_for in
 * include/kefu/rate.h): the management fee (R12), the metered water and
 * electricity (R13) and the parts of shared meters (R14), each line with
 * the source it was reckoned from (R15). This is the contract the notice
 * run (bill.c, kf_notice_run) builds its lines on; it reads only, so it can
 * run inside the notice run's transaction.
 *
 * A line's source is written in Chinese, whatever the clerk's language
 * (the lead's decision on review finding 11): it is stored with the line
 * and printed on the 收费通知单 handed to the customer, a Chinese document
 * like the printed notice around it, and the run may be cron's under the
 * C locale. The words are English msgids rendered through zh_CN's
 * catalogue (zh() below); amounts, codes and numbers are as they are.
 *
 * The arithmetic is rate.c's pure functions (kf_mgmt_days,
 * kf_mgmt_amount, kf_tiers_amount, kf_apportion); this file only finds
 * their inputs. A shared meter's whole charge is reckoned once per
 * customer asking, the same way each time, and apportioned over all its
 * linked active customers, so every customer's part comes from the same
 * division and the parts add up to the whole (largest remainder).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/i18n.h"
#include "kefu/meter.h"
#include "kefu/perm.h"
#include "kefu/rate.h"

static const char SQL_CUSTOMER[] =
    "SELECT move_in, community, status FROM customer WHERE id = :id";
static const char SQL_OWN[] =
    "SELECT id, code, kind FROM meter WHERE customer_id = :cust "
    "ORDER BY kind, id";
static const char SQL_SHARED[] =
    "SELECT m.id, m.code, m.kind, m.share_key, m.community "
    "FROM meter_link AS l JOIN meter AS m ON m.id = l.meter_id "
    "WHERE l.customer_id = :cust AND l.active = 1 ORDER BY m.kind, m.id";

/* A source's words: msgid in the notice's language, Chinese (R15). */
static const char *zh(const char *msgid) __attribute__((format_arg(1)));

static const char *
zh(const char *msgid)
{
	return kf_gettext_in("zh_CN", msgid);
}

struct lines {
	struct kf_charge	*v;
	size_t			 n, cap;
};

/* Copies s into the line's source, cut at a character boundary. */
static void
set_source(struct kf_charge *c, const char *s)
{
	size_t n = strlen(s);

	if (n >= sizeof(c->source)) {
		n = sizeof(c->source) - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(c->source, s, n);
	c->source[n] = '\0';
}

static void
add_line(struct lines *l, enum kf_charge_kind kind, int64_t amount,
    const char *source, int64_t ref)
{
	if (amount == 0)
		return;			/* nothing due on this line */
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].kind = kind;
	l->v[l->n].amount = amount;
	set_source(&l->v[l->n], source);
	l->v[l->n].ref_id = ref;
	l->n++;
}

static const char *
unit_of(int meter_kind)
{
	return meter_kind == KF_METER_POWER ? "kWh" : "m³";
}

/* "× 3.45" for a flat tariff, ": 50×3.45+6×4.83" for tiers. */
static void
tiers_text(const struct kf_rate *r, const int64_t *in_tier, char *buf,
    size_t len)
{
	char price[32];
	size_t o = 0;
	int i;
	bool first = true;

	buf[0] = '\0';
	if (r->ntiers == 1) {
		kf_price_format(r->tiers[0].price_cfen, price, sizeof(price));
		snprintf(buf, len, " × %s", price);
		return;
	}
	o += (size_t)snprintf(buf, len, ":");
	for (i = 0; i < r->ntiers && o < len; i++) {
		if (in_tier[i] == 0)
			continue;
		kf_price_format(r->tiers[i].price_cfen, price, sizeof(price));
		o += (size_t)snprintf(buf + o, len - o, "%s%lld×%s",
		    first ? " " : "+", (long long)in_tier[i], price);
		first = false;
	}
	if (first)
		snprintf(buf + o, len - o, " 0");
}

/* The tariff in force for a meter's kind; KF_REFUSED naming R13. */
static enum kf_rc
tariff(struct kf_core *k, int meter_kind, const char *community,
    const char *period, const char *code, struct kf_rate *r,
    struct kf_err *err)
{
	enum kf_rate_kind kind = meter_kind == KF_METER_POWER ?
	    KF_RATE_POWER : KF_RATE_WATER;
	enum kf_rc rc = kf_rate_force_tx(k, kind, community, period, r, err);

	if (rc == KF_NOTFOUND)
		rc = kf_err_set(err, KF_REFUSED, "no %s tariff in force for %.64s "
		    "in %s: meter %.24s's reading cannot be charged (R13)",
		    kf_rate_kind_name(kind), community, period, code);
	return rc;
}

/* R12: the management fee of a customer for a period. */
static enum kf_rc
mgmt(struct kf_core *k, int64_t cust, const char *move_in,
    const char *community, const char *period, int year, int month,
    struct lines *l, struct kf_err *err)
{
	char src[512], price[32], area[32], days_text[64];
	const char *pricing;
	int64_t rid, dm2, version, amount;
	int days, mdays;
	struct kf_rate r;
	enum kf_rc rc;

	days = kf_mgmt_days(move_in, year, month, &mdays);
	if (days == 0)
		return KF_OK;		/* not moved in by then (R12) */
	rc = kf_rate_force_tx(k, KF_RATE_MGMT, community, period, &r, err);
	if (rc == KF_NOTFOUND) {
		kf_err_clear(err);
		return KF_OK;		/* no management fee here */
	}
	if (rc != KF_OK)
		return rc;
	kf_price_format(r.price_cfen, price, sizeof(price));
	pricing = zh(r.pricing == KF_PRICING_AGREED ? N_("agreed price") :
	    N_("government price"));
	if (days == mdays)
		snprintf(days_text, sizeof(days_text), "%s", zh(N_("1 month")));
	else
		snprintf(days_text, sizeof(days_text),
		    zh(N_("%d/%d days (from %s)")), days, mdays, move_in);
	if (r.basis == KF_BASIS_AREA) {
		if ((rc = kf_area_tx(k, cust, &rid, &dm2, &version, err)) !=
		    KF_OK)
			return rc;
		if (rid == 0)
			return kf_err_set(err, KF_REFUSED, "customer %lld has no "
			    "floor area: the management fee is per m² (R12)",
			    (long long)cust);
		kf_area_format(dm2, area, sizeof(area));
		amount = kf_mgmt_amount(r.basis, r.price_cfen, dm2, days, mdays);
		snprintf(src, sizeof(src), zh(N_("%s/m² × %s m² × %s (%s)")),
		    price, area, days_text, pricing);
	} else {
		amount = kf_mgmt_amount(r.basis, r.price_cfen, 0, days, mdays);
		snprintf(src, sizeof(src), zh(N_("%s/unit × %s (%s)")), price,
		    days_text, pricing);
	}
	add_line(l, KF_CHARGE_MGMT, amount, src, r.id);
	return KF_OK;
}

/* R13: the customer's own meters. */
static enum kf_rc
own_meters(struct kf_core *k, int64_t cust, const char *community,
    const char *period, struct lines *l, struct kf_err *err)
{
	struct { int64_t id; char code[40]; int kind; } *ms = NULL;
	int64_t in_tier[KF_MAX_TIERS], amount;
	char src[512], tiers[256], from[80];
	size_t n = 0, cap = 0, i;
	struct kf_reading rd;
	sqlite3_stmt *st;
	struct kf_rate r;
	enum kf_rc rc = KF_OK;
	int sq;

	st = kf_sql(k, SQL_OWN);
	kf_bind_int(st, ":cust", cust);
	while ((sq = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4;
			ms = xrealloc(ms, cap * sizeof(*ms));
		}
		ms[n].id = sqlite3_column_int64(st, 0);
		kf_col_copy(st, 1, ms[n].code, sizeof(ms[n].code));
		ms[n].kind = sqlite3_column_int(st, 2);
		n++;
	}
	kf_sql_done(st);
	if (sq != SQLITE_DONE) {
		free(ms);
		return kf_db_err(k, sq, "reading a customer's meters", err);
	}
	for (i = 0; i < n && rc == KF_OK; i++) {
		rc = kf_reading_tx(k, ms[i].id, period, &rd, err);
		if (rc == KF_NOTFOUND) {
			rc = KF_OK;	/* not read this month: no line */
			continue;
		}
		if (rc != KF_OK ||
		    (rc = tariff(k, ms[i].kind, community, period, ms[i].code,
		    &r, err)) != KF_OK)
			break;
		amount = kf_tiers_amount(r.tiers, r.ntiers, rd.usage, in_tier);
		tiers_text(&r, in_tier, tiers, sizeof(tiers));
		if (rd.kind == KF_READING_REPLACED)
			snprintf(from, sizeof(from), zh(N_("new meter "
			    "%lld→%lld")), (long long)rd.prev,
			    (long long)rd.value);
		else if (rd.kind == KF_READING_ROLLOVER)
			snprintf(from, sizeof(from), zh(N_("%lld→%lld rolled "
			    "over")), (long long)rd.prev, (long long)rd.value);
		else
			snprintf(from, sizeof(from), "%lld→%lld",
			    (long long)rd.prev, (long long)rd.value);
		snprintf(src, sizeof(src), zh(N_("%s reading %s = %lld %s%s")),
		    ms[i].code, from, (long long)rd.usage, unit_of(ms[i].kind),
		    tiers);
		add_line(l, ms[i].kind == KF_METER_POWER ? KF_CHARGE_POWER :
		    KF_CHARGE_WATER, amount, src, rd.id);
	}
	free(ms);
	return rc;
}

/*
 * One shared meter's month (R14): its whole charge and every taker's
 * part. Reckoned once per customer asking, or once per run through a
 * memo (kf_charges_for_memo).
 */
struct share {
	int64_t		 meter_id;
	bool		 read;		/* a reading for the period: else no line */
	int64_t		 usage, whole, total_w;
	enum kf_share_key key;
	int		 kind;
	char		 code[40];
	size_t		 np;		/* takers, by customer id */
	int64_t		*keys, *weights, *parts;
};

static void
share_clear(struct share *sh)
{
	free(sh->keys);
	free(sh->weights);
	free(sh->parts);
	memset(sh, 0, sizeof(*sh));
}

/* The takers of a shared meter with what weighs their part, in one
 * statement: active links of active customers, by customer id. */
static const char SQL_TAKERS[] =
    "SELECT l.customer_id, a.area_dm2, r.usage FROM meter_link AS l "
    "JOIN customer AS c ON c.id = l.customer_id "
    "LEFT JOIN customer_area AS a ON a.customer_id = l.customer_id "
    "LEFT JOIN reading AS r ON r.meter_id = l.sub_meter_id AND "
    "r.period = :p WHERE l.meter_id = :m AND l.active = 1 AND "
    "c.status = 0 ORDER BY l.customer_id";

static enum kf_rc
share_reckon(struct kf_core *k, int64_t id, const char *code, int kind,
    enum kf_share_key key, const char *community, const char *period,
    struct share *sh, struct kf_err *err)
{
	int64_t in_tier[KF_MAX_TIERS], w, missing = 0;
	struct kf_reading rd;
	struct kf_rate r;
	size_t cap = 0;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	memset(sh, 0, sizeof(*sh));
	sh->meter_id = id;
	sh->kind = kind;
	sh->key = key;
	snprintf(sh->code, sizeof(sh->code), "%s", code);
	rc = kf_reading_tx(k, id, period, &rd, err);
	if (rc == KF_NOTFOUND)
		return KF_OK;		/* not read this month: no line */
	if (rc != KF_OK ||
	    (rc = tariff(k, kind, community, period, code, &r, err)) != KF_OK)
		return rc;
	sh->read = true;
	sh->usage = rd.usage;
	sh->whole = kf_tiers_amount(r.tiers, r.ntiers, rd.usage, in_tier);
	st = kf_sql(k, SQL_TAKERS);
	kf_bind_int(st, ":m", id);
	kf_bind_text(st, ":p", period);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (sh->np == cap) {
			cap = cap ? 2 * cap : 16;
			sh->keys = xrealloc(sh->keys, cap * sizeof(*sh->keys));
			sh->weights = xrealloc(sh->weights, cap *
			    sizeof(*sh->weights));
		}
		w = 1;
		if (key == KF_SHARE_AREA || key == KF_SHARE_SUBMETER) {
			/* R14: a taker without his weight (no floor area,
			 * no sub-meter reading) is refused, not given 0. */
			if (sqlite3_column_type(st, key == KF_SHARE_AREA ? 1 :
			    2) == SQLITE_NULL && missing == 0)
				missing = sqlite3_column_int64(st, 0);
			w = sqlite3_column_int64(st, key == KF_SHARE_AREA ?
			    1 : 2);
		}
		sh->keys[sh->np] = sqlite3_column_int64(st, 0);
		sh->weights[sh->np] = w;
		sh->total_w += w;
		sh->np++;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "reading a shared meter's takers", err);
	if (missing != 0 && key == KF_SHARE_AREA)
		return kf_err_set(err, KF_REFUSED, "shared meter %.24s is split "
		    "by floor area and customer %lld has none recorded: record "
		    "it (meter area) rather than charge him 0 (R14)", code,
		    (long long)missing);
	if (missing != 0)
		return kf_err_set(err, KF_REFUSED, "shared meter %.24s is split "
		    "by sub-meter and customer %lld's sub-meter has no reading "
		    "for %s: enter it rather than charge him 0 (R14)", code,
		    (long long)missing, period);
	sh->parts = xcalloc(sh->np ? sh->np : 1, sizeof(*sh->parts));
	if (sh->np > 0)
		kf_apportion(sh->whole, sh->weights, sh->keys, sh->np, sh->parts);
	return KF_OK;
}

/* cust's line of a reckoned share, if it takes a part. */
static void
share_line(const struct share *sh, int64_t cust, struct lines *l)
{
	char src[512], whole_text[32], a[32], b[32], text[160];
	size_t lo = 0, hi = sh->np, mid;

	if (!sh->read)
		return;
	while (lo < hi) {			/* keys are in customer order */
		mid = lo + (hi - lo) / 2;
		if (sh->keys[mid] < cust)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == sh->np || sh->keys[lo] != cust)
		return;			/* moved out: takes no part */
	kf_money_format(sh->whole, whole_text, sizeof(whole_text));
	if (sh->total_w == 0 || sh->key == KF_SHARE_EQUAL)
		snprintf(text, sizeof(text), zh(N_("equal share 1 of %zu")),
		    sh->np);
	else if (sh->key == KF_SHARE_AREA) {
		kf_area_format(sh->weights[lo], a, sizeof(a));
		kf_area_format(sh->total_w, b, sizeof(b));
		snprintf(text, sizeof(text), zh(N_("by area %s of %s m²")), a,
		    b);
	} else
		snprintf(text, sizeof(text), zh(N_("by sub-meter %lld of %lld "
		    "%s")), (long long)sh->weights[lo], (long long)sh->total_w,
		    unit_of(sh->kind));
	snprintf(src, sizeof(src), zh(N_("shared %s %lld %s = %s, %s")),
	    sh->code, (long long)sh->usage, unit_of(sh->kind), whole_text, text);
	add_line(l, sh->kind == KF_METER_POWER ? KF_CHARGE_SHARED_POWER :
	    KF_CHARGE_SHARED_WATER, sh->parts[lo], src, sh->meter_id);
}

/*
 * The memo (rate.h): the shares reckoned for one period, by meter id, in
 * an open-addressing table grown before it is half full.
 */
struct kf_charge_memo {
	char		 period[KF_PERIOD_LEN];
	struct share	*slots;		/* meter_id 0: free */
	size_t		 cap, n;
};

struct kf_charge_memo *
kf_charge_memo_new(void)
{
	return xcalloc(1, sizeof(struct kf_charge_memo));
}

static void
memo_empty(struct kf_charge_memo *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		share_clear(&m->slots[i]);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}

void
kf_charge_memo_free(struct kf_charge_memo *m)
{
	if (m == NULL)
		return;
	memo_empty(m);
	free(m);
}

static struct share *
memo_slot(struct kf_charge_memo *m, int64_t id)
{
	size_t i = ((uint64_t)id * 0x9e3779b97f4a7c15ULL) & (m->cap - 1);

	while (m->slots[i].meter_id != 0 && m->slots[i].meter_id != id)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void
memo_grow(struct kf_charge_memo *m)
{
	struct share *old = m->slots, *to;
	size_t oldcap = m->cap, i;

	m->cap = m->cap ? 2 * m->cap : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].meter_id != 0) {
			to = memo_slot(m, old[i].meter_id);
			*to = old[i];
		}
	free(old);
}

static enum kf_rc
shared(struct kf_core *k, struct kf_charge_memo *memo, int64_t cust,
    const char *period, struct lines *l, struct kf_err *err)
{
	struct { int64_t id; char code[40]; int kind, key;
	    char community[200]; } *ms = NULL;
	struct share one, *sh;
	size_t n = 0, cap = 0, i;
	sqlite3_stmt *st;
	enum kf_rc rc = KF_OK;
	int sq;

	st = kf_sql(k, SQL_SHARED);
	kf_bind_int(st, ":cust", cust);
	while ((sq = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4;
			ms = xrealloc(ms, cap * sizeof(*ms));
		}
		ms[n].id = sqlite3_column_int64(st, 0);
		kf_col_copy(st, 1, ms[n].code, sizeof(ms[n].code));
		ms[n].kind = sqlite3_column_int(st, 2);
		ms[n].key = sqlite3_column_int(st, 3);
		kf_col_copy(st, 4, ms[n].community, sizeof(ms[n].community));
		n++;
	}
	kf_sql_done(st);
	if (sq != SQLITE_DONE) {
		free(ms);
		return kf_db_err(k, sq, "reading a customer's shared meters", err);
	}
	if (memo != NULL && strcmp(memo->period, period) != 0) {
		memo_empty(memo);	/* another month: start again */
		snprintf(memo->period, sizeof(memo->period), "%s", period);
	}
	for (i = 0; i < n && rc == KF_OK; i++) {
		if (memo == NULL) {
			rc = share_reckon(k, ms[i].id, ms[i].code, ms[i].kind,
			    (enum kf_share_key)ms[i].key, ms[i].community, period,
			    &one, err);
			if (rc == KF_OK)
				share_line(&one, cust, l);
			share_clear(&one);
			continue;
		}
		if (2 * (memo->n + 1) > memo->cap)
			memo_grow(memo);
		sh = memo_slot(memo, ms[i].id);
		if (sh->meter_id == 0) {
			rc = share_reckon(k, ms[i].id, ms[i].code, ms[i].kind,
			    (enum kf_share_key)ms[i].key, ms[i].community, period,
			    &one, err);
			if (rc != KF_OK) {
				share_clear(&one);
				break;	/* a refusal is not remembered */
			}
			*sh = one;
			memo->n++;
		}
		share_line(sh, cust, l);
	}
	free(ms);
	return rc;
}

enum kf_rc
kf_charges_for(struct kf_core *k, int64_t customer_id, const char *period,
    struct kf_charge **out, size_t *n, struct kf_err *err)
{
	return kf_charges_for_memo(k, NULL, customer_id, period, out, n, err);
}

enum kf_rc
kf_charges_for_memo(struct kf_core *k, struct kf_charge_memo *memo,
    int64_t customer_id, const char *period, struct kf_charge **out,
    size_t *n, struct kf_err *err)
{
	char move_in[16], community[200];
	struct lines l = { NULL, 0, 0 };
	bool has_move_in;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int year, month, src, status = 0;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_period_parse(period, "period", &year, &month, err)) !=
	    KF_OK)
		return rc;
	st = kf_sql(k, SQL_CUSTOMER);
	kf_bind_int(st, ":id", customer_id);
	src = sqlite3_step(st);
	has_move_in = false;
	if (src == SQLITE_ROW) {
		has_move_in = sqlite3_column_type(st, 0) == SQLITE_TEXT;
		kf_col_copy(st, 0, move_in, sizeof(move_in));
		kf_col_copy(st, 1, community, sizeof(community));
		status = sqlite3_column_int(st, 2);
	}
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return kf_err_set(err, KF_NOTFOUND, "no customer %lld",
		    (long long)customer_id);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading a customer", err);
	if (status == KF_CUST_ACTIVE && has_move_in)
		rc = mgmt(k, customer_id, move_in, community, period, year, month,
		    &l, err);
	if (rc == KF_OK)
		rc = own_meters(k, customer_id, community, period, &l, err);
	if (rc == KF_OK)
		rc = shared(k, memo, customer_id, period, &l, err);
	if (rc != KF_OK) {
		free(l.v);
		return rc;
	}
	*out = l.v;
	*n = l.n;
	return KF_OK;
}
