/*
 * test_rate.c — billing's calculations and rate versions (R12, R13, R14,
 * R15): pro-rating from the move-in date at the first and last day of
 * 28-, 29-, 30- and 31-day months; tiers at their bounds; largest-
 * remainder apportionment and its tie-break; property tests (fixed
 * seed) that parts always add up to the whole to the fen; prices, areas
 * and tiers as typed; rate versions, the one in force, back-dating over
 * a billed period refused, withdrawal, who may.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/rate.h"

#define OK(call) do { struct kf_err e_; if ((call) != KF_OK) \
	fail_msg("%s: %s", #call, e_.msg); } while (0)

static void
test_month_days(void **state)
{
	(void)state;
	assert_int_equal(kf_month_days(2026, 1), 31);
	assert_int_equal(kf_month_days(2026, 2), 28);
	assert_int_equal(kf_month_days(2028, 2), 29);
	assert_int_equal(kf_month_days(2100, 2), 28);	/* not a leap year */
	assert_int_equal(kf_month_days(2000, 2), 29);	/* 400: leap */
	assert_int_equal(kf_month_days(2026, 4), 30);
	assert_int_equal(kf_month_days(2026, 12), 31);
	assert_int_equal(kf_month_days(2026, 13), 0);
}

static void
test_period_parse(void **state)
{
	static const char *bad[] = { "2026-13", "2026-00", "2026-1", "26-11",
	    "2026/11", "2026-11-01", "", "abcd-ef", "3000-01" };
	struct kf_err err;
	size_t i;
	int y, m;

	(void)state;
	assert_int_equal(kf_period_parse("2026-11", "period", &y, &m, &err),
	    KF_OK);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(kf_period_parse(bad[i], "period", &y, &m, &err),
		    KF_INVALID);
		assert_string_equal(err.field, "period");
	}
	assert_int_equal(kf_period_parse(NULL, "period", &y, &m, &err),
	    KF_INVALID);
}

/* R12: the days billed in the move-in month, at its edges. */
static void
test_r12_mgmt_days(void **state)
{
	static const struct {
		const char *move_in;
		int y, m, days, mdays;
	} cases[] = {
		{ "2026-11-01", 2026, 11, 30, 30 },	/* first day: all */
		{ "2026-11-30", 2026, 11, 1, 30 },	/* last day: one */
		{ "2026-11-14", 2026, 11, 17, 30 },
		{ "2026-02-01", 2026, 2, 28, 28 },
		{ "2026-02-28", 2026, 2, 1, 28 },
		{ "2028-02-29", 2028, 2, 1, 29 },	/* leap day */
		{ "2028-02-15", 2028, 2, 15, 29 },
		{ "2026-01-31", 2026, 1, 1, 31 },
		{ "2026-01-01", 2026, 1, 31, 31 },
		{ "2026-10-31", 2026, 11, 30, 30 },	/* before: all */
		{ "2020-05-05", 2026, 11, 30, 30 },
		{ "2026-12-01", 2026, 11, 0, 30 },	/* after: none */
		{ "2027-01-15", 2026, 12, 0, 31 },
		{ NULL, 2026, 11, 0, 30 },		/* no move-in date */
		{ "2026-02-30", 2026, 2, 0, 28 },	/* no such day */
		{ "junk", 2026, 2, 0, 28 },
	};
	size_t i;
	int md;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(kf_mgmt_days(cases[i].move_in, cases[i].y,
		    cases[i].m, &md), cases[i].days);
		assert_int_equal(md, cases[i].mdays);
	}
}

/* R12: the fee for those days, rounded half up once. */
static void
test_r12_mgmt_amount(void **state)
{
	(void)state;
	/* 2.50/m² × 88.00 m² = 220.00 a month */
	assert_int_equal(kf_mgmt_amount(KF_BASIS_AREA, 25000, 8800, 30, 30),
	    22000);
	/* × 17/30 = 124.666… → 124.67 */
	assert_int_equal(kf_mgmt_amount(KF_BASIS_AREA, 25000, 8800, 17, 30),
	    12467);
	/* × 1/31 = 7.0967… → 7.10 */
	assert_int_equal(kf_mgmt_amount(KF_BASIS_AREA, 25000, 8800, 1, 31),
	    710);
	/* × 1/28 = 7.857… → 7.86; × 1/29 = 7.586… → 7.59 */
	assert_int_equal(kf_mgmt_amount(KF_BASIS_AREA, 25000, 8800, 1, 28),
	    786);
	assert_int_equal(kf_mgmt_amount(KF_BASIS_AREA, 25000, 8800, 1, 29),
	    759);
	/* half a fen rounds up: 1.00/m² × 0.01 m² × 15/30 = 0.005 → 0.01 */
	assert_int_equal(kf_mgmt_amount(KF_BASIS_AREA, 10000, 1, 15, 30), 1);
	/* just below half: 1.00 × 0.01 × 14/30 = 0.00466 → 0.00 */
	assert_int_equal(kf_mgmt_amount(KF_BASIS_AREA, 10000, 1, 14, 30), 0);
	/* fixed per unit: 120.00 × 17/30 = 68.00 */
	assert_int_equal(kf_mgmt_amount(KF_BASIS_UNIT, 1200000, 0, 17, 30),
	    6800);
	assert_int_equal(kf_mgmt_amount(KF_BASIS_UNIT, 1200000, 0, 0, 30), 0);
	/* the largest inputs do not overflow */
	assert_int_equal(kf_mgmt_amount(KF_BASIS_AREA, KF_MAX_RATE_CFEN,
	    KF_MAX_AREA_DM2, 31, 31), 10000LL * 1000000LL * 100LL);
}

/* R13: tiers applied in order, at their bounds. */
static void
test_r13_tiers_at_bounds(void **state)
{
	struct kf_tier t[3] = { { 180, 5283 }, { 280, 5783 }, { 0, 8283 } };
	struct kf_tier flat[1] = { { 0, 34500 } };
	int64_t in[3];

	(void)state;
	assert_int_equal(kf_tiers_amount(t, 3, 0, in), 0);
	/* 180: all in the first tier: 180 × 0.5283 = 95.094 → 95.09 */
	assert_int_equal(kf_tiers_amount(t, 3, 180, in), 9509);
	assert_int_equal(in[0], 180);
	assert_int_equal(in[1], 0);
	/* 181: one unit in the second: 95.094 + 0.5783 = 95.6723 → 95.67 */
	assert_int_equal(kf_tiers_amount(t, 3, 181, in), 9567);
	assert_int_equal(in[1], 1);
	/* 280: the second full: 95.094 + 57.83 = 152.924 → 152.92 */
	assert_int_equal(kf_tiers_amount(t, 3, 280, in), 15292);
	assert_int_equal(in[1], 100);
	assert_int_equal(in[2], 0);
	/* 281: one in the last: + 0.8283 = 153.7523 → 153.75 */
	assert_int_equal(kf_tiers_amount(t, 3, 281, in), 15375);
	assert_int_equal(in[2], 1);
	/* 1: 0.5283 → 0.53 */
	assert_int_equal(kf_tiers_amount(t, 3, 1, in), 53);
	assert_int_equal(kf_tiers_amount(flat, 1, 56, NULL), 19320);
}

/* R14: largest remainder; ties by the smaller key, whatever the order. */
static void
test_r14_apportion_remainders(void **state)
{
	int64_t w3[3] = { 1, 1, 1 }, k3[3] = { 10, 20, 30 }, p[4];
	int64_t k3r[3] = { 30, 20, 10 };
	int64_t wa[3] = { 8800, 6600, 4400 }, ka[3] = { 1, 2, 3 };
	int64_t w0[2] = { 0, 0 }, k0[2] = { 7, 5 };

	(void)state;
	/* 1.00 among three: 0.34, 0.33, 0.33 — the smallest key gets it */
	kf_apportion(100, w3, k3, 3, p);
	assert_int_equal(p[0], 34);
	assert_int_equal(p[1], 33);
	assert_int_equal(p[2], 33);
	kf_apportion(100, w3, k3r, 3, p);
	assert_int_equal(p[0], 33);		/* key 30 */
	assert_int_equal(p[2], 34);		/* key 10 */
	/* 2.00 among three: two fen left, keys 10 and 20 */
	kf_apportion(200, w3, k3, 3, p);
	assert_int_equal(p[0], 67);
	assert_int_equal(p[1], 67);
	assert_int_equal(p[2], 66);
	/* by area 88:66:44 of 100.00: 44.444…, 33.333…, 22.222…; floors
	 * 4444 + 3333 + 2222 = 9999; remainders 8800, 6600, 4400 (in
	 * 19800ths): the largest (the first) takes the fen left. */
	kf_apportion(10000, wa, ka, 3, p);
	assert_int_equal(p[0], 4445);
	assert_int_equal(p[1], 3333);
	assert_int_equal(p[2], 2222);
	/* all weights 0: equal shares; 0.01 to the smaller key (5) */
	kf_apportion(3, w0, k0, 2, p);
	assert_int_equal(p[0], 1);
	assert_int_equal(p[1], 2);
	/* nothing to share */
	kf_apportion(0, w3, k3, 3, p);
	assert_int_equal(p[0] + p[1] + p[2], 0);
	/* one taker takes all */
	kf_apportion(12345, wa, ka, 1, p);
	assert_int_equal(p[0], 12345);
}

/* A small fixed-seed generator, so every run checks the same cases. */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/*
 * R14: over 20,000 random cases the parts add up to the whole to the
 * fen, no part is below its floor or more than a fen above its exact
 * share, and shuffling the input changes no one's part.
 */
static void
test_r14_property_sums_balance(void **state)
{
	int64_t w[64], key[64], part[64], w2[64], key2[64], part2[64], sum,
	    total;
	__int128 exact_num, sw, den;
	size_t n, i, j, perm[64], tmp;
	int iter;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		n = 1 + next() % 64;
		sw = 0;
		for (i = 0; i < n; i++) {
			switch (next() % 4) {
			case 0:	w[i] = 0; break;		/* a weight of none */
			case 1:	w[i] = 1 + next() % 10; break;
			case 2:	w[i] = 1 + next() % 100000; break;	/* m² */
			default: w[i] = 1 + next() % KF_MAX_AREA_DM2; break;
			}
			key[i] = (int64_t)(i * 7 + 3);
			sw += w[i];
		}
		total = (int64_t)(next() % 3 == 0 ? next() % 100 :
		    next() % 10000000000ULL);
		kf_apportion(total, w, key, n, part);
		sum = 0;
		for (i = 0; i < n; i++) {
			/* the exact share is num / sw (all weights 0: equal) */
			exact_num = sw == 0 ? (__int128)total : (__int128)total *
			    w[i];
			den = sw == 0 ? (__int128)n : sw;
			assert_true(part[i] >= 0);
			assert_true((__int128)part[i] * den > exact_num - den &&
			    (__int128)part[i] * den < exact_num + den);
			sum += part[i];
		}
		assert_int_equal(sum, total);
		/* the same answer in another order */
		for (i = 0; i < n; i++)
			perm[i] = i;
		for (i = n; i > 1; i--) {
			j = next() % i;
			tmp = perm[i - 1];
			perm[i - 1] = perm[j];
			perm[j] = tmp;
		}
		for (i = 0; i < n; i++) {
			w2[i] = w[perm[i]];
			key2[i] = key[perm[i]];
		}
		kf_apportion(total, w2, key2, n, part2);
		for (i = 0; i < n; i++)
			assert_int_equal(part2[i], part[perm[i]]);
	}
}

/*
 * R12, R13: over 20,000 random cases the pro-rated days of a month add
 * up to the month, and a month's fee split by days into two people's
 * halves differs from the whole by at most a fen (each rounds once); a
 * tiered amount equals the sum over its tiers priced alone, to the fen.
 */
static void
test_property_prorate_and_tiers(void **state)
{
	struct kf_tier t[KF_MAX_TIERS];
	int64_t in[KF_MAX_TIERS], price, area, whole, a, b, usage, cf;
	char date[48];
	int iter, y, m, d, md, days, nt, i;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		y = 1990 + (int)(next() % 60);
		m = 1 + (int)(next() % 12);
		md = kf_month_days(y, m);
		d = 1 + (int)(next() % (uint64_t)md);
		snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
		days = kf_mgmt_days(date, y, m, &md);
		assert_int_equal(days, md - d + 1);
		price = 100 * (int64_t)(1 + next() % 1000000);
		area = 1 + (int64_t)(next() % 100000000);
		whole = kf_mgmt_amount(KF_BASIS_AREA, price, area, md, md);
		a = kf_mgmt_amount(KF_BASIS_AREA, price, area, d - 1, md);
		b = kf_mgmt_amount(KF_BASIS_AREA, price, area, days, md);
		assert_true(a + b - whole >= -1 && a + b - whole <= 1);
		assert_true(b <= whole);

		nt = 1 + (int)(next() % KF_MAX_TIERS);
		for (i = 0; i < nt; i++) {
			t[i].upto = i == nt - 1 ? 0 : (i ? t[i - 1].upto : 0) + 1 +
			    (int64_t)(next() % 500);
			t[i].price_cfen = (int64_t)(next() % 100000);
		}
		usage = (int64_t)(next() % 5000);
		cf = 0;
		(void)kf_tiers_amount(t, nt, usage, in);
		a = 0;
		for (i = 0; i < nt; i++) {
			a += in[i];
			cf += in[i] * t[i].price_cfen;
		}
		assert_int_equal(a, usage);	/* every unit in one tier */
		assert_int_equal(kf_tiers_amount(t, nt, usage, NULL),
		    (cf + 50) / 100);
	}
}

static void
test_price_area_tiers_text(void **state)
{
	static const char *bad2[] = { "-1", "1.234", "abc", "", "1.", ".5",
	    "10000.01", "1e3", "2,50", " 1" };
	struct kf_tier t[KF_MAX_TIERS];
	struct kf_err err;
	char buf[128];
	int64_t v;
	size_t i;
	int n;

	(void)state;
	assert_int_equal(kf_price_parse("2.50", "price", 2, &v, &err), KF_OK);
	assert_int_equal(v, 25000);
	assert_int_equal(kf_price_parse("0.5283", "tiers", 4, &v, &err), KF_OK);
	assert_int_equal(v, 5283);
	assert_int_equal(kf_price_parse("10000", "price", 2, &v, &err), KF_OK);
	for (i = 0; i < sizeof(bad2) / sizeof(bad2[0]); i++) {
		if (kf_price_parse(bad2[i], "price", 2, &v, &err) != KF_INVALID)
			fail_msg("'%s' accepted", bad2[i]);
		assert_string_equal(err.field, "price");
		assert_non_null(strstr(err.msg, "price"));
	}
	assert_int_equal(kf_price_parse("-1", "price", 2, &v, &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "negative"));
	assert_int_equal(kf_price_parse("1.234", "price", 2, &v, &err),
	    KF_INVALID);
	assert_non_null(strstr(err.msg, "fraction of a fen"));
	assert_int_equal(kf_price_parse("1.23456", "tiers", 4, &v, &err),
	    KF_INVALID);
	kf_price_format(25000, buf, sizeof(buf));
	assert_string_equal(buf, "2.50");
	kf_price_format(5283, buf, sizeof(buf));
	assert_string_equal(buf, "0.5283");
	kf_price_format(5280, buf, sizeof(buf));
	assert_string_equal(buf, "0.528");

	assert_int_equal(kf_area_parse("88", &v, &err), KF_OK);
	assert_int_equal(v, 8800);
	assert_int_equal(kf_area_parse("88.5", &v, &err), KF_OK);
	assert_int_equal(v, 8850);
	assert_int_equal(kf_area_parse("0.01", &v, &err), KF_OK);
	assert_int_equal(v, 1);
	assert_int_equal(kf_area_parse("0", &v, &err), KF_INVALID);
	assert_int_equal(kf_area_parse("88.123", &v, &err), KF_INVALID);
	assert_int_equal(kf_area_parse("-3", &v, &err), KF_INVALID);
	assert_string_equal(err.field, "area");
	kf_area_format(8850, buf, sizeof(buf));
	assert_string_equal(buf, "88.50");

	assert_int_equal(kf_tiers_parse("3.45", t, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].upto, 0);
	assert_int_equal(kf_tiers_parse("180:0.5283,280:0.5783,*:0.8283", t, &n,
	    &err), KF_OK);
	assert_int_equal(n, 3);
	kf_tiers_format(t, n, buf, sizeof(buf));
	assert_string_equal(buf, "180:0.5283,280:0.5783,*:0.8283");
	assert_int_equal(kf_tiers_parse("280:1,180:2,*:3", t, &n, &err),
	    KF_INVALID);				/* not increasing */
	assert_non_null(strstr(err.msg, "increase"));
	assert_int_equal(kf_tiers_parse("180:1,280:2", t, &n, &err),
	    KF_INVALID);				/* no unbounded last */
	assert_int_equal(kf_tiers_parse("*:1,180:2", t, &n, &err), KF_INVALID);
	assert_int_equal(kf_tiers_parse("0:1,*:2", t, &n, &err), KF_INVALID);
	assert_int_equal(kf_tiers_parse("180:-1,*:2", t, &n, &err), KF_INVALID);
	assert_int_equal(kf_tiers_parse("1:1,2:1,3:1,4:1,5:1,6:1,7:1,8:1,*:1",
	    t, &n, &err), KF_INVALID);			/* nine tiers */
	assert_string_equal(err.field, "tiers");
}

/* ---- rate versions ---- */

static struct kf_rate
mgmt_rate(const char *community, const char *effective, int64_t cfen)
{
	struct kf_rate r;

	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_MGMT;
	snprintf(r.community, sizeof(r.community), "%s", community);
	snprintf(r.effective, sizeof(r.effective), "%s", effective);
	r.basis = KF_BASIS_AREA;
	r.pricing = KF_PRICING_GOVERNMENT;
	r.price_cfen = cfen;
	return r;
}

static void
test_rate_versions_in_force(void **state)
{
	struct fixture *fx = *state;
	struct kf_rate r, got;
	struct kf_err err;
	int64_t a, b, c;

	r = mgmt_rate("", "2026-01", 20000);
	OK(kf_rate_add(fx->k, &r, &a, &e_));
	r = mgmt_rate("", "2026-12", 25000);
	OK(kf_rate_add(fx->k, &r, &b, &e_));
	r = mgmt_rate("电力小区", "2026-06", 30000);
	OK(kf_rate_add(fx->k, &r, &c, &e_));

	assert_int_equal(kf_rate_in_force(fx->k, KF_RATE_MGMT, "阳光花园",
	    "2026-11", &got, &err), KF_OK);
	assert_int_equal(got.id, a);
	assert_int_equal(kf_rate_in_force(fx->k, KF_RATE_MGMT, "阳光花园",
	    "2026-12", &got, &err), KF_OK);
	assert_int_equal(got.id, b);
	assert_int_equal(kf_rate_in_force(fx->k, KF_RATE_MGMT, "电力小区",
	    "2026-05", &got, &err), KF_OK);
	assert_int_equal(got.id, a);		/* its own not yet in force */
	assert_int_equal(kf_rate_in_force(fx->k, KF_RATE_MGMT, "电力小区",
	    "2027-03", &got, &err), KF_OK);
	assert_int_equal(got.id, c);		/* its own beats everyone's */
	assert_int_equal(kf_rate_in_force(fx->k, KF_RATE_MGMT, "阳光花园",
	    "2025-12", &got, &err), KF_NOTFOUND);
	assert_int_equal(kf_rate_in_force(fx->k, KF_RATE_WATER, "阳光花园",
	    "2026-12", &got, &err), KF_NOTFOUND);

	/* the same period twice: a conflict */
	r = mgmt_rate("", "2026-12", 26000);
	assert_int_equal(kf_rate_add(fx->k, &r, NULL, &err), KF_CONFLICT);
	/* withdrawn, the earlier version is in force again */
	OK(kf_rate_withdraw(fx->k, b, -1, &e_));
	assert_int_equal(kf_rate_in_force(fx->k, KF_RATE_MGMT, "阳光花园",
	    "2026-12", &got, &err), KF_OK);
	assert_int_equal(got.id, a);
	assert_int_equal(kf_rate_withdraw(fx->k, b, -1, &err), KF_REFUSED);
	OK(kf_rate_add(fx->k, &r, NULL, &e_));	/* now the period is free */
}

/* R15: no version back-dated over a billed period; none withdrawn. */
static void
test_r15_backdated_rate_refused(void **state)
{
	struct fixture *fx = *state;
	struct kf_rate r;
	struct kf_err err;
	int64_t a;
	bool billed;

	r = mgmt_rate("", "2026-10", 20000);
	OK(kf_rate_add(fx->k, &r, &a, &e_));
	OK(kf_tx_begin(fx->k, &e_));
	OK(kf_bill_period_mark_tx(fx->k, "2026-11", &e_));
	OK(kf_bill_period_mark_tx(fx->k, "2026-11", &e_));	/* once */
	OK(kf_tx_end(fx->k, KF_OK, &e_));
	OK(kf_bill_period_billed(fx->k, "2026-11", &billed, &e_));
	assert_true(billed);
	OK(kf_bill_period_billed(fx->k, "2026-12", &billed, &e_));
	assert_false(billed);

	r = mgmt_rate("", "2026-11", 25000);	/* over the billed month */
	assert_int_equal(kf_rate_add(fx->k, &r, NULL, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R15)"));
	assert_non_null(strstr(err.msg, "2026-11"));
	r = mgmt_rate("", "2026-03", 25000);	/* further back */
	assert_int_equal(kf_rate_add(fx->k, &r, NULL, &err), KF_REFUSED);
	r = mgmt_rate("", "2026-12", 25000);	/* the month after: fine */
	OK(kf_rate_add(fx->k, &r, NULL, &e_));
	/* kf_rate_used says so at its edges: the billed month itself and
	 * before it are used, the month after is not */
	{
		char which[KF_PERIOD_LEN];
		bool used;

		r = mgmt_rate("", "2026-11", 25000);
		OK(kf_rate_used(fx->k, &r, &used, which, &e_));
		assert_true(used);
		assert_string_equal(which, "2026-11");
		r = mgmt_rate("", "2026-10", 25000);
		OK(kf_rate_used(fx->k, &r, &used, NULL, &e_));
		assert_true(used);
		r = mgmt_rate("", "2026-12", 25000);
		OK(kf_rate_used(fx->k, &r, &used, which, &e_));
		assert_false(used);
		assert_string_equal(which, "");
	}
	/* used: cannot be withdrawn */
	assert_int_equal(kf_rate_withdraw(fx->k, a, -1, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "(R15)"));
}

static void
test_rate_checks_and_roles(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *b;
	struct kf_rate r, *v;
	struct kf_err err;
	size_t n;
	int nt;

	r = mgmt_rate("", "2026-12", 12340 + 5);	/* 1.2345: not fen */
	assert_int_equal(kf_rate_add(fx->k, &r, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "price");
	r = mgmt_rate("", "2026-12", 0);
	assert_int_equal(kf_rate_add(fx->k, &r, NULL, &err), KF_INVALID);
	r = mgmt_rate("", "2026-13", 100);
	assert_int_equal(kf_rate_add(fx->k, &r, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "effective");
	r = mgmt_rate("", "2026-12", 100);
	r.basis = KF_BASIS_METERED;
	assert_int_equal(kf_rate_add(fx->k, &r, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "basis");
	memset(&r, 0, sizeof(r));
	r.kind = KF_RATE_WATER;
	r.basis = KF_BASIS_METERED;
	snprintf(r.effective, sizeof(r.effective), "2026-12");
	assert_int_equal(kf_rate_add(fx->k, &r, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "tiers");	/* none */
	OK(kf_tiers_parse("10:3.45,*:4.83", r.tiers, &nt, &e_));
	r.ntiers = nt;
	OK(kf_rate_add(fx->k, &r, NULL, &e_));

	fx_staff(fx->k, "bill", KF_ROLE_BILLING);
	fx_staff(fx->k, "desk", KF_ROLE_RECEPTION);
	b = fx_session(fx, "bill");
	r = mgmt_rate("", "2027-01", 100);
	assert_int_equal(kf_rate_add(b, &r, NULL, &err), KF_DENIED);
	OK(kf_rate_list(b, -1, true, &v, &n, &e_));	/* billing reads */
	assert_int_equal(n, 1);
	assert_int_equal(v[0].ntiers, 2);
	assert_int_equal(v[0].tiers[0].upto, 10);
	assert_int_equal(v[0].tiers[1].price_cfen, 48300);
	free(v);
	kf_core_close(b);
	b = fx_session(fx, "desk");
	assert_int_equal(kf_rate_list(b, -1, true, &v, &n, &err), KF_DENIED);
	kf_core_close(b);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_days),
		cmocka_unit_test(test_period_parse),
		cmocka_unit_test(test_r12_mgmt_days),
		cmocka_unit_test(test_r12_mgmt_amount),
		cmocka_unit_test(test_r13_tiers_at_bounds),
		cmocka_unit_test(test_r14_apportion_remainders),
		cmocka_unit_test(test_r14_property_sums_balance),
		cmocka_unit_test(test_property_prorate_and_tiers),
		cmocka_unit_test(test_price_area_tiers_text),
		T(test_rate_versions_in_force),
		T(test_r15_backdated_rate_refused),
		T(test_rate_checks_and_roles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
