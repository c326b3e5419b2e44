/*
 * rate.h — what billing charges and how it reckons (R12, R13, R14):
 * the management fee (管理服务费) and the water and electricity tariffs,
 * versioned by the month they take effect, and the charges of a customer
 * for one billing period, each line with its source (R15).
 *
 * Units (docs/billing.md has worked examples):
 *   money        integer fen (分), as everywhere in kefu;
 *   rate prices  integer 0.01 fen (0.0001 yuan, "cfen"): tariffs are
 *                published with four decimals (0.5283 元/kWh). A
 *                management fee is whole fen (2.50 元/m²; "1.234" is
 *                refused as a fraction of a fen); a tariff has at most
 *                four decimals;
 *   floor area   integer 0.01 m² (= dm²): 88.00 m² is 8800;
 *   usage        whole units of the meter (m³ of water, kWh);
 *   periods      "YYYY-MM", the calendar month billed.
 * Every amount is computed in integers and rounded once, half up, to
 * the fen at the end of its line; no floating point anywhere.
 *
 * Rates. A rate is one (kind, community) pair: the management fee, the
 * water tariff or the electricity tariff, for one community (小区) or for
 * every community (community ""; a community's own rate beats it). Each
 * row is a version that takes effect with a period ("2026-12": from its
 * first day). The version in force for a period is the one with the
 * latest effective period not after it that is not withdrawn. A version
 * is never edited: a change is a new version with a later effective
 * period. A version whose period is billed already cannot be added
 * (back-dating over issued notices, refused naming R15: corrections go
 * through an adjustment line with a reason), and a version that is not
 * yet used can be withdrawn (a mistake), a used one cannot.
 *
 * The management fee (R12) is per m² of floor area per month or fixed
 * per unit per month, government-priced (政府指导价) or agreed (协议价);
 * it runs from the customer's move-in date (customer.move_in), the first
 * month pro-rated by days. A tariff (R13) is flat (one tier) or tiered:
 * tiers in increasing order of their upper bound, each priced per unit
 * of the month's usage that falls within it; the last tier is unbounded.
 *
 * Billed periods, per community (R15). A community's notice run for a
 * period (bill.c, its bill_run row) locks that period and the earlier
 * ones for that community only: from then on the community's own rates
 * cannot be back-dated over it, a rate for every community cannot be
 * back-dated over any community's run, and a reading cannot be entered
 * or corrected for a meter of that community (a unit's meter: its
 * customer's community; a shared meter: its own). Another community's
 * readings and rates for the same month stay open until its own run.
 * kf_bill_period_mark_tx (src/core/internal.h) marks a period for every
 * community.
 *
 * Permissions: admins add and withdraw rates (KF_ACT_RATE_EDIT); billing,
 * supervisors and admins read rates, meters, readings and charges
 * (KF_ACT_RATE_VIEW).
 */
#ifndef KEFU_RATE_H
#define KEFU_RATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

enum kf_rate_kind { KF_RATE_MGMT, KF_RATE_WATER, KF_RATE_POWER };

/* How a rate is applied: a management fee per m² or per unit; a tariff
 * per unit of metered usage (its tiers). */
enum kf_rate_basis { KF_BASIS_AREA, KF_BASIS_UNIT, KF_BASIS_METERED };

/* Where a management fee's price comes from (R12). Tariffs: government. */
enum kf_rate_pricing { KF_PRICING_GOVERNMENT, KF_PRICING_AGREED };

#define KF_MAX_TIERS		8
#define KF_PERIOD_LEN		8	/* "YYYY-MM" and its NUL */
#define KF_CFEN_PER_FEN		100	/* rate prices are in 0.01 fen */
#define KF_MAX_RATE_CFEN	100000000LL	/* 10,000.0000 yuan a unit */
#define KF_MAX_AREA_DM2		100000000LL	/* 1,000,000.00 m² */

/* One tier: usage up to and including upto (whole units of the month;
 * 0 = unbounded, the last tier only) at price_cfen a unit. */
struct kf_tier {
	int64_t	 upto;
	int64_t	 price_cfen;
};

struct kf_rate {
	int64_t			 id;
	enum kf_rate_kind	 kind;
	char			 community[200];	/* "" = every community */
	char			 effective[KF_PERIOD_LEN];	/* "2026-12" */
	enum kf_rate_basis	 basis;
	enum kf_rate_pricing	 pricing;
	int64_t			 price_cfen;	/* management fee: a month's */
	struct kf_tier		 tiers[KF_MAX_TIERS];	/* tariffs, in order */
	int			 ntiers;		/* 0 for a management fee */
	char			 note[200];		/* why, e.g. 价格文件号 */
	bool			 withdrawn;
	int64_t			 created_at;
	int64_t			 created_by;	/* staff id */
	int64_t			 version;
};

/* ---- pure calculations (no database; tests/unit/test_rate.c) ---- */

/* Days in month (1-12) of year, Gregorian: 28, 29, 30 or 31. */
int		kf_month_days(int year, int month);

/*
 * Parses "YYYY-MM" (year 1900-2999, month 01-12) into *year, *month.
 * KF_INVALID naming field otherwise ("period 2026-13 is not a month
 * (YYYY-MM)").
 */
enum kf_rc	kf_period_parse(const char *s, const char *field, int *year,
		    int *month, struct kf_err *err);

/*
 * The days of period (year, month) the management fee runs for a
 * customer who moved in on move_in ("YYYY-MM-DD", R12): the whole month
 * (month_days) when move_in is before the month, month_days - day + 1
 * when it falls within it (the move-in day is billed), 0 when it is after
 * the month or NULL/invalid. *month_days receives the month's length.
 */
int		kf_mgmt_days(const char *move_in, int year, int month,
		    int *month_days);

/*
 * The management fee for days of a month of month_days days (R12), in
 * fen, rounded half up once: basis KF_BASIS_AREA charges
 * price_cfen × area_dm2 / 100 (m²) × days / month_days; KF_BASIS_UNIT
 * charges price_cfen × days / month_days. Inputs within the KF_MAX_
 * bounds never overflow.
 */
int64_t		kf_mgmt_amount(enum kf_rate_basis basis, int64_t price_cfen,
		    int64_t area_dm2, int days, int month_days);

/*
 * usage × a tariff (R13): the tiers applied in order, each tier's units
 * at its price; the total in 0.01 fen rounded half up once to the fen.
 * in_tier, when not NULL, receives the units in each tier (ntiers of
 * them). The tiers must be valid (kf_tiers_parse's checks).
 */
int64_t		kf_tiers_amount(const struct kf_tier *t, int ntiers,
		    int64_t usage, int64_t *in_tier);

/*
 * Apportions total fen among n parts by weights (R14), by largest
 * remainder, so the parts add up to total exactly: part i gets
 * floor(total × w_i / W) and the fen left over go one each to the parts
 * with the largest remainders (total × w_i mod W); equal remainders go
 * to the smaller key first (keys: the customer ids; distinct), so the
 * answer never depends on the order of the input. W is the sum of the
 * weights; when W is 0 every part weighs 1 (equal shares). Weights must
 * be >= 0, total >= 0, n >= 1. parts[n] is the caller's.
 */
void		kf_apportion(int64_t total, const int64_t *weights,
		    const int64_t *keys, size_t n, int64_t *parts);

/*
 * Parses a tariff's tiers, "3.45" (flat) or "180:0.5283,280:0.5783,*:0.8283"
 * (upper bound in units, ':' price in yuan with at most four decimals; the
 * last tier's bound is '*'), into t (KF_MAX_TIERS) and *n. Bounds must
 * increase strictly and be > 0; prices 0 to 10,000 yuan. KF_INVALID
 * naming field "tiers" and the tier otherwise.
 */
enum kf_rc	kf_tiers_parse(const char *s, struct kf_tier *t, int *n,
		    struct kf_err *err);
/* Writes tiers in kf_tiers_parse's form ("180:0.5283,*:0.8283"). */
void		kf_tiers_format(const struct kf_tier *t, int n, char *buf,
		    size_t len);

/*
 * A price in yuan with at most decimals (2 or 4) decimal places, 0 to
 * 10,000 (KF_MAX_RATE_CFEN), into 0.01 fen. KF_INVALID naming field
 * for a negative, non-numeric, out-of-range value or one with more
 * decimals ("field price: 1.234 has a fraction of a fen").
 */
enum kf_rc	kf_price_parse(const char *s, const char *field, int decimals,
		    int64_t *cfen, struct kf_err *err);
/* "2.50", "0.5283": 0.01 fen as yuan, at least two decimals. */
void		kf_price_format(int64_t cfen, char *buf, size_t n);
/* "88.00" from 8800 dm²; kf_area_parse the reverse (at most 2 decimals,
 * 0 < area <= 1,000,000 m²; KF_INVALID naming field "area"). */
void		kf_area_format(int64_t dm2, char *buf, size_t n);
enum kf_rc	kf_area_parse(const char *s, int64_t *dm2, struct kf_err *err);

/* ---- rates ---- */

/*
 * Adds a rate version (admins, KF_ACT_RATE_EDIT). r->kind, community
 * ("" = all; at most 64 characters), effective ("YYYY-MM"), note (at most
 * 64 characters, may be empty); a management fee gives basis AREA or
 * UNIT, pricing and price_cfen (whole fen, at most 10,000 yuan); a tariff
 * gives basis METERED and 1..KF_MAX_TIERS valid tiers. KF_INVALID names
 * the field; KF_REFUSED when the period is billed already (back-dating
 * over issued notices, R15); KF_CONFLICT when a version of the same rate
 * takes effect in the same period (withdraw it first). *id may be NULL.
 * Audited as "rate.add". Nothing is written on failure.
 */
enum kf_rc	kf_rate_add(struct kf_core *k, const struct kf_rate *r,
		    int64_t *id, struct kf_err *err);

/*
 * Withdraws version id (admins): only while no billed period is at or
 * after its effective period (KF_REFUSED, R15, otherwise: it may have
 * been used). Versioned (seen_version, -1: current); audited
 * "rate.withdraw". KF_REFUSED when withdrawn already.
 */
enum kf_rc	kf_rate_withdraw(struct kf_core *k, int64_t id,
		    int64_t seen_version, struct kf_err *err);

/* Reads version id (KF_ACT_RATE_VIEW); KF_NOTFOUND if none. */
enum kf_rc	kf_rate_get(struct kf_core *k, int64_t id, struct kf_rate *r,
		    struct kf_err *err);

/*
 * Every version (withdrawn ones too when all), by kind, community,
 * effective period; kind < 0: every kind. *out malloc'd (free() it),
 * *n its length.
 */
enum kf_rc	kf_rate_list(struct kf_core *k, int kind, bool all,
		    struct kf_rate **out, size_t *n, struct kf_err *err);

/*
 * The version of kind in force for community in period: the community's
 * own rate when it has one in force, else the rate for every community.
 * KF_NOTFOUND when none is (a message naming kind, community and
 * period). KF_ACT_RATE_VIEW.
 */
enum kf_rc	kf_rate_in_force(struct kf_core *k, enum kf_rate_kind kind,
		    const char *community, const char *period,
		    struct kf_rate *r, struct kf_err *err);

/*
 * Whether version r may have been used by a notice: a billed period of
 * its community (any community's for a rate for every community) is at
 * or after its effective period (R15; the test behind kf_rate_add's and
 * kf_rate_withdraw's refusals). *which, when not NULL, receives the
 * latest billed period, "" when none is at or after it. KF_ACT_RATE_VIEW.
 */
enum kf_rc	kf_rate_used(struct kf_core *k, const struct kf_rate *r,
		    bool *used, char which[KF_PERIOD_LEN], struct kf_err *err);

/* Whether notices for period were issued in any community. */
enum kf_rc	kf_bill_period_billed(struct kf_core *k, const char *period,
		    bool *billed, struct kf_err *err);
/* Whether they were for community (its run, or a mark for every one). */
enum kf_rc	kf_bill_period_billed_in(struct kf_core *k, const char *period,
		    const char *community, bool *billed, struct kf_err *err);

const char     *kf_rate_kind_name(enum kf_rate_kind kind);	/* "mgmt" */
enum kf_rc	kf_rate_kind_parse(const char *s, enum kf_rate_kind *kind,
		    struct kf_err *err);
const char     *kf_rate_basis_name(enum kf_rate_basis b);	/* "area" */
const char     *kf_rate_pricing_name(enum kf_rate_pricing p);	/* "agreed" */

/* ---- the charges of a period: THE CONTRACT with the notice run ---- */

/* One line of a customer's charges for a period, with its source (R15). */
enum kf_charge_kind { KF_CHARGE_MGMT, KF_CHARGE_WATER, KF_CHARGE_POWER, KF_CHARGE_SHARED_WATER, KF_CHARGE_SHARED_POWER };
struct kf_charge {
	enum kf_charge_kind kind;
	int64_t amount;		/* fen */
	char source[256];	/* how it was reckoned, in Chinese whatever the language spoken (R15: the notice is a Chinese document), e.g. "2.50元/平方米 × 88.00 平方米 × 17/30天（2024-03-14起）（政府定价）" or "W-502 读数 1234→1290 = 56 m³ × 3.45" (UTF-8; 3 bytes a Chinese character) */
	int64_t ref_id;		/* rate version id, or reading id, or shared meter id */
};
/* The charges of customer_id for period "YYYY-MM" (management fee + metered + shared parts), in a fixed order, into *out (malloc'd array, caller frees) and *n. KF_OK with n == 0 when nothing is due. Reads only; callable inside the caller's transaction. */
enum kf_rc kf_charges_for(struct kf_core *k, int64_t customer_id, const char *period, struct kf_charge **out, size_t *n, struct kf_err *err);

/*
 * The same, for a notice run over many customers: memo (kf_charge_memo_new)
 * keeps each shared meter's month once reckoned — its whole charge and
 * every taker's part — so a meter shared by 1,000 flats is apportioned
 * once, not once per flat. Sound only while nothing the charges are
 * reckoned from changes: use one memo within one transaction that changes
 * no rate, meter, link, floor area, reading or customer status (a notice
 * run writes only its notices), then free it (kf_charge_memo_free; NULL
 * is fine). A memo asked for another period starts again. memo NULL is
 * kf_charges_for. Allocates the memo's contents as it goes.
 */
struct kf_charge_memo;
struct kf_charge_memo *kf_charge_memo_new(void);
void		kf_charge_memo_free(struct kf_charge_memo *memo);
enum kf_rc	kf_charges_for_memo(struct kf_core *k,
		    struct kf_charge_memo *memo, int64_t customer_id,
		    const char *period, struct kf_charge **out, size_t *n,
		    struct kf_err *err);

/*
 * What kf_charges_for does, in detail (docs/billing.md):
 *   order   the management fee; then each of the customer's own water
 *           meters, then power meters (by meter id); then each shared
 *           water meter, then shared power meter it draws from (by
 *           meter id). Lines of 0.00 are left out.
 *   MGMT    (R12) the rate in force for the customer's community; runs
 *           from customer.move_in (none, or after the period: no line),
 *           pro-rated by days in the move-in month; per m² needs the
 *           floor area (kf_area_set): KF_REFUSED naming R12 without
 *           one. No management fee rate in force: no line. A moved-out
 *           customer gets no management fee (the register has no
 *           move-out date). ref_id: the rate version.
 *   WATER,  (R13) the period's reading of each own meter of that kind
 *   POWER   (none: no line): its usage × the tariff in force; no tariff
 *           in force for a reading: KF_REFUSED naming R13. ref_id: the
 *           reading.
 *   SHARED_ (R14) each shared meter the customer is linked to with a
 *           reading for the period: the whole usage × the tariff, then
 *           apportioned (kf_apportion) among the meter's linked active
 *           customers by its key (equal; floor area; the usage of each
 *           one's sub-meter in the same period). ref_id: the shared
 *           meter.
 * Permission: KF_ACT_RATE_VIEW. KF_NOTFOUND for no such customer,
 * KF_INVALID for a bad period. On failure *out is NULL and *n 0.
 */

#endif
