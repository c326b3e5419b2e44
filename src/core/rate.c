/*
 * rate.c — billing's rates (see include/kefu/rate.h): the pure
 * calculations (pro-rating, tiers, largest-remainder apportionment, the
 * money and area forms), rate versions and the billed periods. The
 * charges of a customer for a period are reckoned in charge.c from
 * these.
 *
 * Every amount is an integer computation rounded once, half up, to the
 * fen; intermediate products are taken in 128 bits so no bound the
 * inputs are checked against can overflow them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/perm.h"
#include "kefu/rate.h"

typedef __int128 i128;

/* ---- pure calculations ---- */

int
kf_month_days(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

static bool
digits_at(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Parses "YYYY-MM" exactly; false if not a month. */
static bool
period_ok(const char *s, int *year, int *month)
{
	int y, m;

	if (s == NULL || strlen(s) != 7 || !digits_at(s, 4) || s[4] != '-' ||
	    !digits_at(s + 5, 2))
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	if (y < 1900 || y > 2999 || m < 1 || m > 12)
		return false;
	*year = y;
	*month = m;
	return true;
}

enum kf_rc
kf_period_parse(const char *s, const char *field, int *year, int *month,
    struct kf_err *err)
{
	if (period_ok(s, year, month))
		return KF_OK;
	kf_err_set(err, KF_INVALID, "%s %.20s is not a month (YYYY-MM)",
	    field, s ? s : "");
	kf_err_field(err, field);
	return KF_INVALID;
}

int
kf_mgmt_days(const char *move_in, int year, int month, int *month_days)
{
	int y, m, d, md = kf_month_days(year, month);

	*month_days = md;
	if (move_in == NULL || strlen(move_in) != 10 || !digits_at(move_in, 4) ||
	    move_in[4] != '-' || !digits_at(move_in + 5, 2) ||
	    move_in[7] != '-' || !digits_at(move_in + 8, 2))
		return 0;
	y = atoi(move_in);
	m = atoi(move_in + 5);
	d = atoi(move_in + 8);
	if (m < 1 || m > 12 || d < 1 || d > kf_month_days(y, m))
		return 0;
	if (y * 12 + m < year * 12 + month)
		return md;			/* moved in before: all of it */
	if (y * 12 + m > year * 12 + month)
		return 0;			/* not yet (R12) */
	return md - d + 1;			/* the move-in day counts */
}

/* num / den rounded half up; both >= 0, den > 0. */
static int64_t
round_div(i128 num, i128 den)
{
	return (int64_t)((num + den / 2) / den);
}

int64_t
kf_mgmt_amount(enum kf_rate_basis basis, int64_t price_cfen,
    int64_t area_dm2, int days, int month_days)
{
	i128 num;

	if (days <= 0 || month_days <= 0 || price_cfen <= 0)
		return 0;
	if (basis == KF_BASIS_AREA) {
		if (area_dm2 <= 0)
			return 0;
		num = (i128)price_cfen * area_dm2 * days;
		return round_div(num, (i128)100 * KF_CFEN_PER_FEN * month_days);
	}
	num = (i128)price_cfen * days;
	return round_div(num, (i128)KF_CFEN_PER_FEN * month_days);
}

int64_t
kf_tiers_amount(const struct kf_tier *t, int ntiers, int64_t usage,
    int64_t *in_tier)
{
	int64_t below = 0, units, left = usage > 0 ? usage : 0;
	i128 cfen = 0;
	int i;

	for (i = 0; i < ntiers; i++) {
		if (t[i].upto == 0 || i == ntiers - 1)
			units = left;		/* the last tier has no bound */
		else {
			units = t[i].upto - below;
			if (units > left)
				units = left;
			below = t[i].upto;
		}
		if (in_tier != NULL)
			in_tier[i] = units;
		cfen += (i128)units * t[i].price_cfen;
		left -= units;
	}
	return round_div(cfen, KF_CFEN_PER_FEN);
}

void
kf_apportion(int64_t total, const int64_t *weights, const int64_t *keys,
    size_t n, int64_t *parts)
{
	i128 sum = 0, rem_i, rem_j;
	int64_t left = total, w;
	size_t i, j, best;
	bool *given;
	i128 *rem;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		sum += weights[i] > 0 ? weights[i] : 0;
	rem = xcalloc(n, sizeof(*rem));
	given = xcalloc(n, sizeof(*given));
	for (i = 0; i < n; i++) {
		w = sum == 0 ? 1 : (weights[i] > 0 ? weights[i] : 0);
		parts[i] = (int64_t)((i128)total * w / (sum == 0 ? (i128)n : sum));
		rem[i] = (i128)total * w % (sum == 0 ? (i128)n : sum);
		left -= parts[i];
	}
	/* left < n: one fen each to the largest remainders, the smaller key
	 * first among equals. O(n·left), and left < n. */
	while (left > 0) {
		best = n;
		for (j = 0; j < n; j++) {
			if (given[j])
				continue;
			if (best == n) {
				best = j;
				continue;
			}
			rem_i = rem[best];
			rem_j = rem[j];
			if (rem_j > rem_i || (rem_j == rem_i &&
			    keys[j] < keys[best]))
				best = j;
		}
		if (best == n)
			break;			/* cannot happen: left < n */
		given[best] = true;
		parts[best]++;
		left--;
	}
	free(rem);
	free(given);
}

/* ---- money, prices and areas as people write them ---- */

enum kf_rc
kf_price_parse(const char *s, const char *field, int decimals, int64_t *cfen,
    struct kf_err *err)
{
	const char *p = s;
	int64_t yuan = 0, frac = 0;
	int digits = 0, dec = 0, i;

	if (s == NULL || *s == '\0') {
		kf_err_set(err, KF_INVALID, "%s is empty (write yuan, e.g. "
		    "2.50)", field);
		goto bad;
	}
	if (*s == '-') {
		kf_err_set(err, KF_INVALID, "%s cannot be negative: %.32s",
		    field, s);
		goto bad;
	}
	for (; isdigit((unsigned char)*p); p++)
		if (++digits <= 9)
			yuan = yuan * 10 + (*p - '0');
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			if (++dec <= 4)
				frac = frac * 10 + (*p - '0');
	if (*p != '\0' || digits == 0 || (s[digits] == '.' && dec == 0)) {
		kf_err_set(err, KF_INVALID, "%s is not an amount in yuan: '%.32s' "
		    "(write e.g. 2.50)", field, s);
		goto bad;
	}
	if (dec > decimals) {
		if (decimals == 2)
			kf_err_set(err, KF_INVALID, "%s has a fraction of a fen: "
			    "%.32s (at most two decimals)", field, s);
		else
			kf_err_set(err, KF_INVALID, "%s has more than four "
			    "decimals: %.32s", field, s);
		goto bad;
	}
	for (i = dec; i < 4; i++)
		frac *= 10;
	if (digits > 9 || yuan * 10000 + frac > KF_MAX_RATE_CFEN) {
		kf_err_set(err, KF_INVALID, "%s is more than 10000 yuan: %.32s",
		    field, s);
		goto bad;
	}
	*cfen = yuan * 10000 + frac;
	return KF_OK;
bad:
	kf_err_field(err, field);
	return KF_INVALID;
}

void
kf_price_format(int64_t cfen, char *buf, size_t n)
{
	int64_t a = cfen < 0 ? -cfen : cfen;
	char frac[8];
	int len;

	snprintf(frac, sizeof(frac), "%04lld", (long long)(a % 10000));
	for (len = 4; len > 2 && frac[len - 1] == '0'; len--)
		;
	frac[len] = '\0';
	snprintf(buf, n, "%s%lld.%s", cfen < 0 ? "-" : "",
	    (long long)(a / 10000), frac);
}

void
kf_area_format(int64_t dm2, char *buf, size_t n)
{
	snprintf(buf, n, "%lld.%02lld", (long long)(dm2 / 100),
	    (long long)(dm2 % 100));
}

enum kf_rc
kf_area_parse(const char *s, int64_t *dm2, struct kf_err *err)
{
	const char *p = s;
	int64_t whole = 0, frac = 0;
	int digits = 0, dec = 0;

	if (s == NULL || *s == '-')
		goto bad;
	for (; isdigit((unsigned char)*p); p++)
		if (++digits <= 9)
			whole = whole * 10 + (*p - '0');
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++)
			if (++dec <= 2)
				frac = frac * 10 + (*p - '0');
		if (dec == 0)
			goto bad;
	}
	if (*p != '\0' || digits == 0 || digits > 9 || dec > 2)
		goto bad;
	if (dec == 1)
		frac *= 10;
	if (whole * 100 + frac <= 0 || whole * 100 + frac > KF_MAX_AREA_DM2)
		goto bad;
	*dm2 = whole * 100 + frac;
	return KF_OK;
bad:
	kf_err_set(err, KF_INVALID, "area must be m² with at most two decimals, "
	    "more than 0 and at most 1000000: '%.32s'", s ? s : "");
	kf_err_field(err, "area");
	return KF_INVALID;
}

enum kf_rc
kf_tiers_parse(const char *s, struct kf_tier *t, int *n, struct kf_err *err)
{
	char buf[256], *tok, *save = NULL, *colon, *end;
	long long upto;
	int i = 0;

	*n = 0;
	if (s == NULL || *s == '\0' || strlen(s) >= sizeof(buf)) {
		kf_err_set(err, KF_INVALID, "tiers: give a price (3.45) or tiers "
		    "(180:0.5283,*:0.8283)");
		kf_err_field(err, "tiers");
		return KF_INVALID;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	if (strchr(buf, ':') == NULL) {		/* flat: one tier */
		if (kf_price_parse(buf, "tiers", 4, &t[0].price_cfen, err) !=
		    KF_OK)
			return KF_INVALID;
		t[0].upto = 0;
		*n = 1;
		return KF_OK;
	}
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (i == KF_MAX_TIERS) {
			kf_err_set(err, KF_INVALID, "tiers: at most %d",
			    KF_MAX_TIERS);
			goto bad;
		}
		if ((colon = strchr(tok, ':')) == NULL) {
			kf_err_set(err, KF_INVALID, "tier %d: write BOUND:PRICE "
			    "(180:0.5283)", i + 1);
			goto bad;
		}
		*colon = '\0';
		if (strcmp(tok, "*") == 0)
			upto = 0;
		else {
			upto = strtoll(tok, &end, 10);
			if (*tok == '\0' || *end != '\0' || !isdigit(
			    (unsigned char)*tok) || upto <= 0 || upto > 999999999) {
				kf_err_set(err, KF_INVALID, "tier %d: the bound "
				    "'%.16s' is not a whole number of units above 0",
				    i + 1, tok);
				goto bad;
			}
			if (i > 0 && upto <= t[i - 1].upto) {
				kf_err_set(err, KF_INVALID, "tier %d: bounds must "
				    "increase (%lld after %lld)", i + 1, upto,
				    (long long)t[i - 1].upto);
				goto bad;
			}
		}
		if (i > 0 && t[i - 1].upto == 0) {
			kf_err_set(err, KF_INVALID, "tier %d: nothing may follow "
			    "the unbounded tier '*'", i + 1);
			goto bad;
		}
		if (kf_price_parse(colon + 1, "tiers", 4, &t[i].price_cfen, err)
		    != KF_OK)
			return KF_INVALID;
		t[i].upto = upto;
		i++;
	}
	if (i == 0 || t[i - 1].upto != 0) {
		kf_err_set(err, KF_INVALID, "tiers: the last tier's bound is '*' "
		    "(unbounded)");
		goto bad;
	}
	*n = i;
	return KF_OK;
bad:
	kf_err_field(err, "tiers");
	return KF_INVALID;
}

void
kf_tiers_format(const struct kf_tier *t, int n, char *buf, size_t len)
{
	char price[32];
	size_t o = 0;
	int i;

	buf[0] = '\0';
	if (n == 1 && t[0].upto == 0) {
		kf_price_format(t[0].price_cfen, buf, len);
		return;
	}
	for (i = 0; i < n && o < len; i++) {
		kf_price_format(t[i].price_cfen, price, sizeof(price));
		if (t[i].upto == 0)
			o += (size_t)snprintf(buf + o, len - o, "%s*:%s",
			    i ? "," : "", price);
		else
			o += (size_t)snprintf(buf + o, len - o, "%s%lld:%s",
			    i ? "," : "", (long long)t[i].upto, price);
	}
}

/* The stored form of tiers: bounds and prices in 0.01 fen, '*' last. */
static void
tiers_store(const struct kf_tier *t, int n, char *buf, size_t len)
{
	size_t o = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && o < len; i++) {
		if (t[i].upto == 0)
			o += (size_t)snprintf(buf + o, len - o, "%s*:%lld",
			    i ? "," : "", (long long)t[i].price_cfen);
		else
			o += (size_t)snprintf(buf + o, len - o, "%s%lld:%lld",
			    i ? "," : "", (long long)t[i].upto,
			    (long long)t[i].price_cfen);
	}
}

static int
tiers_load(const char *s, struct kf_tier *t)
{
	const char *p = s;
	char *end;
	int n = 0;

	while (p != NULL && *p != '\0' && n < KF_MAX_TIERS) {
		if (*p == '*') {
			t[n].upto = 0;
			p++;
		} else
			t[n].upto = strtoll(p, &end, 10), p = end;
		if (*p != ':')
			break;
		t[n].price_cfen = strtoll(p + 1, &end, 10);
		p = end;
		n++;
		if (*p == ',')
			p++;
	}
	return n;
}

static const char *const kind_names[] = { "mgmt", "water", "power" };

const char *
kf_rate_kind_name(enum kf_rate_kind kind)
{
	return (unsigned)kind < 3 ? kind_names[kind] : "?";
}

enum kf_rc
kf_rate_kind_parse(const char *s, enum kf_rate_kind *kind, struct kf_err *err)
{
	int i;

	for (i = 0; i < 3; i++)
		if (s != NULL && strcmp(s, kind_names[i]) == 0) {
			*kind = (enum kf_rate_kind)i;
			return KF_OK;
		}
	kf_err_set(err, KF_INVALID, "rate kind '%.16s' is not mgmt, water or "
	    "power", s ? s : "");
	kf_err_field(err, "kind");
	return KF_INVALID;
}

const char *
kf_rate_basis_name(enum kf_rate_basis b)
{
	static const char *const names[] = { "area", "unit", "metered" };

	return (unsigned)b < 3 ? names[b] : "?";
}

const char *
kf_rate_pricing_name(enum kf_rate_pricing p)
{
	return p == KF_PRICING_AGREED ? "agreed" : "government";
}

/* ---- billed periods (R15) ---- */

/*
 * The lock is per community (R15): a period is billed for community c
 * once c's notice run for it is made (bill_run, per period and community)
 * or once it was marked for every community (bill_period with community
 * '', kf_bill_period_mark_tx) or for c. A NULL :c asks about any community
 * (a rate for every community is locked by any community's run).
 */
static const char SQL_BILLED_AFTER[] =
    "SELECT max(period) FROM (SELECT period FROM bill_period WHERE "
    "period >= :p AND (:c IS NULL OR community = '' OR community = :c) "
    "UNION ALL SELECT period FROM bill_run WHERE period >= :p AND "
    "(:c IS NULL OR community = :c))";
static const char SQL_BILLED_EXACT[] =
    "SELECT 1 FROM bill_period WHERE period = :p AND (:c IS NULL OR "
    "community = '' OR community = :c) UNION ALL SELECT 1 FROM bill_run "
    "WHERE period = :p AND (:c IS NULL OR community = :c) LIMIT 1";
static const char SQL_BILLED_ONE[] =
    "SELECT 1 FROM bill_period WHERE period = :p";
static const char SQL_BILL_MARK[] =
    "INSERT INTO bill_period (period, issued_at) VALUES (:p, :now)";

enum kf_rc
kf_bill_period_after_in(struct kf_core *k, const char *period,
    const char *community, bool *billed, char which[8], struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_BILLED_AFTER);
	int src;

	*billed = false;
	which[0] = '\0';
	kf_bind_text(st, ":p", period);
	if (community != NULL)
		kf_bind_text(st, ":c", community);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*billed = true;
		kf_col_copy(st, 0, which, 8);
	}
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return kf_db_err(k, src, "reading the billed periods", err);
	return KF_OK;
}

enum kf_rc
kf_bill_period_after(struct kf_core *k, const char *period, bool *billed,
    char which[8], struct kf_err *err)
{
	return kf_bill_period_after_in(k, period, NULL, billed, which, err);
}

enum kf_rc
kf_bill_period_billed_in(struct kf_core *k, const char *period,
    const char *community, bool *billed, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int y, m, src;

	*billed = false;
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_period_parse(period, "period", &y, &m, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_BILLED_EXACT);
	kf_bind_text(st, ":p", period);
	if (community != NULL)
		kf_bind_text(st, ":c", community);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return kf_db_err(k, src, "reading the billed periods", err);
	*billed = src == SQLITE_ROW;
	return KF_OK;
}

enum kf_rc
kf_bill_period_billed(struct kf_core *k, const char *period, bool *billed,
    struct kf_err *err)
{
	return kf_bill_period_billed_in(k, period, NULL, billed, err);
}

/* R15, per community: a community's rate is used by that community's
 * runs, a rate for every community by any community's run. */
enum kf_rc
kf_rate_used(struct kf_core *k, const struct kf_rate *r, bool *used,
    char which[KF_PERIOD_LEN], struct kf_err *err)
{
	char w[KF_PERIOD_LEN];
	enum kf_rc rc;

	*used = false;
	if (which != NULL)
		which[0] = '\0';
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_bill_period_after_in(k, r->effective,
	    r->community[0] != '\0' ? r->community : NULL, used, w, err)) !=
	    KF_OK)
		return rc;
	if (which != NULL)
		memcpy(which, w, KF_PERIOD_LEN);
	return KF_OK;
}

enum kf_rc
kf_bill_period_mark_tx(struct kf_core *k, const char *period,
    struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int y, m, src;

	if ((rc = kf_period_parse(period, "period", &y, &m, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_BILLED_ONE);
	kf_bind_text(st, ":p", period);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src == SQLITE_ROW)
		return KF_OK;
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "reading the billed periods", err);
	st = kf_sql(k, SQL_BILL_MARK);
	kf_bind_text(st, ":p", period);
	kf_bind_int(st, ":now", kf_core_now(k));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "marking a period billed", err);
	kf_buf_puts(&after, "{\"period\":");
	kf_buf_json_str(&after, period);
	kf_buf_puts(&after, ",\"community\":\"\"}");
	rc = kf_audit_append(k, "bill_period.mark", "bill_period",
	    sqlite3_last_insert_rowid(k->db), 1, NULL, kf_buf_str(&after), err);
	kf_buf_free(&after);
	return rc;
}

/* ---- rate versions ---- */

#define COLS "SELECT id, kind, community, effective, basis, pricing, " \
    "price_cfen, tiers, note, withdrawn, created_at, created_by, version " \
    "FROM rate "
static const char SQL_RATE_GET[] = COLS "WHERE id = :id";
static const char SQL_RATE_ALL[] = COLS
    "ORDER BY kind, community, effective, id";
static const char SQL_RATE_FORCE[] = COLS
    "WHERE kind = :kind AND community = :c AND effective <= :p AND "
    "withdrawn = 0 ORDER BY effective DESC, id DESC LIMIT 1";
#undef COLS
static const char SQL_RATE_SAME[] =
    "SELECT id FROM rate WHERE kind = :kind AND community = :c AND "
    "effective = :p AND withdrawn = 0";
static const char SQL_RATE_INSERT[] =
    "INSERT INTO rate (kind, community, effective, basis, pricing, "
    "price_cfen, tiers, note, created_at, created_by) VALUES (:kind, :c, "
    ":p, :basis, :pricing, :price, :tiers, :note, :now, :by)";
static const char SQL_RATE_VERSION[] =
    "SELECT version FROM rate WHERE id = :id";
static const char SQL_RATE_BUMP[] =
    "UPDATE rate SET version = :v WHERE id = :id";

static const struct kf_field rate_fields[] = {
	{ "withdrawn", "SELECT withdrawn FROM rate WHERE id = :id",
	  "UPDATE rate SET withdrawn = :v WHERE id = :id", false },
};
static const struct kf_entity rate_entity = {
	"rate", SQL_RATE_VERSION, SQL_RATE_BUMP, rate_fields, 1,
};

static void
row_to_rate(sqlite3_stmt *st, struct kf_rate *r)
{
	char tiers[256];

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->kind = (enum kf_rate_kind)sqlite3_column_int(st, 1);
	kf_col_copy(st, 2, r->community, sizeof(r->community));
	kf_col_copy(st, 3, r->effective, sizeof(r->effective));
	r->basis = (enum kf_rate_basis)sqlite3_column_int(st, 4);
	r->pricing = (enum kf_rate_pricing)sqlite3_column_int(st, 5);
	r->price_cfen = sqlite3_column_int64(st, 6);
	kf_col_copy(st, 7, tiers, sizeof(tiers));
	r->ntiers = tiers_load(tiers, r->tiers);
	kf_col_copy(st, 8, r->note, sizeof(r->note));
	r->withdrawn = sqlite3_column_int(st, 9) != 0;
	r->created_at = sqlite3_column_int64(st, 10);
	r->created_by = sqlite3_column_int64(st, 11);
	r->version = sqlite3_column_int64(st, 12);
}

/* Reads one rate by a statement already bound; KF_NOTFOUND if no row. */
static enum kf_rc
rate_one(struct kf_core *k, sqlite3_stmt *st, struct kf_rate *r,
    struct kf_err *err)
{
	int src = sqlite3_step(st);

	if (src == SQLITE_ROW)
		row_to_rate(st, r);
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return KF_NOTFOUND;
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading a rate", err);
	return KF_OK;
}

static enum kf_rc
check_rate(const struct kf_rate *r, struct kf_err *err)
{
	enum kf_rc rc;
	int y, m, i;

	if ((unsigned)r->kind > KF_RATE_POWER)
		return kf_err_about(err, KF_INVALID, "kind",
		    N_("a rate is mgmt, water or power"));
	if ((rc = kf_check_text(r->community, "community", 64, false, err)) !=
	    KF_OK || (rc = kf_check_text(r->note, "note", 64, false, err)) !=
	    KF_OK || (rc = kf_period_parse(r->effective, "effective", &y, &m,
	    err)) != KF_OK)
		return rc;
	if (r->kind == KF_RATE_MGMT) {
		if (r->basis != KF_BASIS_AREA && r->basis != KF_BASIS_UNIT)
			return kf_err_about(err, KF_INVALID, "basis",
			    N_("a management fee is per m² (area) or per unit "
			    "(unit) (R12)"));
		if ((unsigned)r->pricing > KF_PRICING_AGREED)
			return kf_err_about(err, KF_INVALID, "pricing",
			    N_("a management fee is government-priced or "
			    "agreed (R12)"));
		if (r->price_cfen <= 0 || r->price_cfen > KF_MAX_RATE_CFEN)
			return kf_err_about(err, KF_INVALID, "price",
			    N_("a management fee lies above 0.00 and at most "
			    "10000.00 yuan (R12)"));
		if (r->price_cfen % KF_CFEN_PER_FEN != 0)
			return kf_err_about(err, KF_INVALID, "price",
			    N_("a management fee is whole fen (two decimals)"));
		return KF_OK;
	}
	if (r->basis != KF_BASIS_METERED || r->ntiers < 1 ||
	    r->ntiers > KF_MAX_TIERS)
		return kf_err_about(err, KF_INVALID, "tiers",
		    N_("a tariff has one to eight tiers (R13)"));
	for (i = 0; i < r->ntiers; i++) {
		if (r->tiers[i].price_cfen < 0 ||
		    r->tiers[i].price_cfen > KF_MAX_RATE_CFEN ||
		    (i < r->ntiers - 1 && (r->tiers[i].upto <= 0 ||
		    (i > 0 && r->tiers[i].upto <= r->tiers[i - 1].upto))) ||
		    (i == r->ntiers - 1 && r->tiers[i].upto != 0))
			return kf_err_about(err, KF_INVALID, "tiers",
			    N_("a tariff's tier bounds increase and its last "
			    "tier is unbounded (R13)"));
	}
	return KF_OK;
}

/* R15: nothing reckoned for a billed period changes behind its notices. */
static enum kf_rc
refuse_billed(struct kf_core *k, const char *period, const char *community,
    bool withdraw, struct kf_err *err)
{
	char which[8];
	enum kf_rc rc;
	bool billed;

	/* A community's rate is locked by that community's runs; a rate
	 * for every community ('') by any community's run. */
	if ((rc = kf_bill_period_after_in(k, period,
	    community == NULL || community[0] == '\0' ? NULL : community,
	    &billed, which, err)) != KF_OK)
		return rc;
	if (billed && withdraw)
		return kf_err_set(err, KF_REFUSED, "cannot withdraw a rate in "
		    "force from %s: notices for %s are issued already; correct "
		    "them with an adjustment line and its reason (R15)", period,
		    which);
	if (billed)
		return kf_err_set(err, KF_REFUSED, "cannot change a rate from %s: "
		    "notices for %s are issued already; correct them with an "
		    "adjustment line and its reason (R15)", period, which);
	return KF_OK;
}

enum kf_rc
kf_rate_add(struct kf_core *k, const struct kf_rate *r, int64_t *id,
    struct kf_err *err)
{
	struct kf_buf after = { 0 };
	char tiers[256];
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t newid, price;
	int src;

	if ((rc = kf_may(k, KF_ACT_RATE_EDIT, 0, err)) != KF_OK ||
	    (rc = check_rate(r, err)) != KF_OK)
		return rc;
	price = r->kind == KF_RATE_MGMT ? r->price_cfen : 0;
	tiers[0] = '\0';
	if (r->kind != KF_RATE_MGMT)
		tiers_store(r->tiers, r->ntiers, tiers, sizeof(tiers));
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = refuse_billed(k, r->effective, r->community, false, err)) !=
	    KF_OK)
		goto end;
	st = kf_sql(k, SQL_RATE_SAME);
	kf_bind_int(st, ":kind", r->kind);
	kf_bind_text(st, ":c", r->community);
	kf_bind_text(st, ":p", r->effective);
	src = sqlite3_step(st);
	newid = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	kf_sql_done(st);
	if (src == SQLITE_ROW) {
		rc = kf_err_set(err, KF_CONFLICT, "rate %lld already takes effect "
		    "in %s for this community; withdraw it first",
		    (long long)newid, r->effective);
		kf_err_field(err, "effective");
		goto end;
	}
	st = kf_sql(k, SQL_RATE_INSERT);
	kf_bind_int(st, ":kind", r->kind);
	kf_bind_text(st, ":c", r->community);
	kf_bind_text(st, ":p", r->effective);
	kf_bind_int(st, ":basis", r->basis);
	kf_bind_int(st, ":pricing", r->kind == KF_RATE_MGMT ? r->pricing : 0);
	kf_bind_int(st, ":price", price);
	kf_bind_text(st, ":tiers", tiers);
	kf_bind_text(st, ":note", r->note);
	kf_bind_int(st, ":now", kf_core_now(k));
	if (k->actor_id > 0)
		kf_bind_int(st, ":by", k->actor_id);
	else
		kf_bind_null(st, ":by");
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "adding a rate", err);
		goto end;
	}
	newid = sqlite3_last_insert_rowid(k->db);
	kf_buf_printf(&after, "{\"kind\":%d,\"community\":", (int)r->kind);
	kf_buf_json_str(&after, r->community);
	kf_buf_puts(&after, ",\"effective\":");
	kf_buf_json_str(&after, r->effective);
	kf_buf_printf(&after, ",\"basis\":%d,\"pricing\":%d,\"price_cfen\":%lld,"
	    "\"tiers\":", (int)r->basis, r->kind == KF_RATE_MGMT ?
	    (int)r->pricing : 0, (long long)price);
	kf_buf_json_str(&after, tiers);
	kf_buf_puts(&after, ",\"note\":");
	kf_buf_json_str(&after, r->note);
	kf_buf_puts(&after, ",\"withdrawn\":0}");
	rc = kf_audit_append(k, "rate.add", "rate", newid, 1, NULL,
	    kf_buf_str(&after), err);
	if (rc == KF_OK && id != NULL)
		*id = newid;
end:
	kf_buf_free(&after);
	return kf_tx_end(k, rc, err);
}

static enum kf_rc
rate_load(struct kf_core *k, int64_t id, struct kf_rate *r, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_RATE_GET);
	enum kf_rc rc;

	kf_bind_int(st, ":id", id);
	if ((rc = rate_one(k, st, r, err)) == KF_NOTFOUND)
		kf_err_set(err, KF_NOTFOUND, "no rate %lld", (long long)id);
	return rc;
}

enum kf_rc
kf_rate_withdraw(struct kf_core *k, int64_t id, int64_t seen_version,
    struct kf_err *err)
{
	struct kf_change ch = { "withdrawn", { KF_V_INT, 1, NULL } };
	struct kf_rate r;
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_RATE_EDIT, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = rate_load(k, id, &r, err)) != KF_OK)
		goto end;
	if (r.withdrawn) {
		rc = kf_err_set(err, KF_REFUSED, "rate %lld is withdrawn already",
		    (long long)id);
		goto end;
	}
	if ((rc = refuse_billed(k, r.effective, r.community, true, err)) != KF_OK)
		goto end;
	rc = kf_rec_update(k, &rate_entity, id, seen_version, "rate.withdraw",
	    &ch, 1, NULL, err);
end:
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_rate_get(struct kf_core *k, int64_t id, struct kf_rate *r,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(r, 0, sizeof(*r));
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK)
		return rc;
	return rate_load(k, id, r, err);
}

enum kf_rc
kf_rate_list(struct kf_core *k, int kind, bool all, struct kf_rate **out,
    size_t *n, struct kf_err *err)
{
	struct kf_rate *v = NULL, r;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_RATE_ALL);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		row_to_rate(st, &r);
		if ((kind >= 0 && (int)r.kind != kind) || (r.withdrawn && !all))
			continue;
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[len++] = r;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(v);
		return kf_db_err(k, src, "listing rates", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

enum kf_rc
kf_rate_force_tx(struct kf_core *k, int kind,
    const char *community, const char *period, struct kf_rate *r,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc = KF_NOTFOUND;

	if (community != NULL && *community != '\0') {
		st = kf_sql(k, SQL_RATE_FORCE);
		kf_bind_int(st, ":kind", kind);
		kf_bind_text(st, ":c", community);
		kf_bind_text(st, ":p", period);
		rc = rate_one(k, st, r, err);
	}
	if (rc == KF_NOTFOUND) {
		st = kf_sql(k, SQL_RATE_FORCE);
		kf_bind_int(st, ":kind", kind);
		kf_bind_text(st, ":c", "");
		kf_bind_text(st, ":p", period);
		rc = rate_one(k, st, r, err);
	}
	if (rc == KF_NOTFOUND)
		kf_err_set(err, KF_NOTFOUND, "no %s rate in force for %.64s in %s",
		    kf_rate_kind_name((enum kf_rate_kind)kind), community && *community ? community :
		    "every community", period);
	return rc;
}

enum kf_rc
kf_rate_in_force(struct kf_core *k, enum kf_rate_kind kind,
    const char *community, const char *period, struct kf_rate *r,
    struct kf_err *err)
{
	enum kf_rc rc;
	int y, m;

	memset(r, 0, sizeof(*r));
	if ((rc = kf_may(k, KF_ACT_RATE_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_period_parse(period, "period", &y, &m, err)) != KF_OK)
		return rc;
	return kf_rate_force_tx(k, kind, community, period, r, err);
}
