/*
 * meter.h — what billing measures (R13, R14): a unit's floor area, its
 * water and electricity meters, the shared (public) meters units draw
 * from and the key their usage is apportioned by, and the monthly
 * readings.
 *
 * A meter has a code (its number, unique, never reused), a kind (water,
 * power), the customer it belongs to or none (a shared meter, 公摊表),
 * the community and building it is read in, its place in the reading
 * round (position) and its number of digits (a reading is below
 * 10^digits; past it the meter rolls over). Its start reading is where
 * its first usage counts from.
 *
 * A shared meter has a key (R14, 谁使用谁负担): equal shares, by floor
 * area, or by sub-meter (each unit's own meter of the same kind, whose
 * usage in the same period weighs its part). Units are linked to it
 * (kf_meter_link) and unlinked (the link is ended, never deleted).
 *
 * Readings (R13): one per meter per period ("YYYY-MM"), entered in
 * period order. Usage is the reading minus the last one (the start
 * reading for the first). Refused, naming R13:
 *   - a reading below the last, unless marked replaced (usage from the
 *     new meter's start reading) or rolled over (usage through 10^digits);
 *   - a usage above the spike ratio (policy reading.spike, 300%) of the
 *     mean of the meter's last six usages, unless confirmed
 *     (KF_READ_CONFIRM; the reading keeps the mark). At the ratio exactly
 *     is usual. A meter with no usage yet, or whose mean is 0 (a vacant
 *     flat), has no usual to compare with;
 *   - a reading of a moved-out customer's meter;
 *   - a second reading for a period without a reason: with one it is a
 *     correction of the first (only the meter's latest reading; audited
 *     as "reading.correct");
 *   - a reading for a period already billed (R15), or before the
 *     meter's latest; a period after the current month (local time) is
 *     invalid (a slip that would lock the meter, readings going in
 *     order).
 *
 * Permissions: billing and admins add meters, link units and set floor
 * areas (KF_ACT_METER_EDIT); billing enters readings
 * (KF_ACT_READING_ENTER); billing, supervisors and admins read them
 * (KF_ACT_RATE_VIEW). Every row is versioned and audited.
 */
#ifndef KEFU_METER_H
#define KEFU_METER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/rate.h"

enum kf_meter_kind { KF_METER_WATER, KF_METER_POWER };
enum kf_share_key { KF_SHARE_EQUAL, KF_SHARE_AREA, KF_SHARE_SUBMETER };

struct kf_meter {
	int64_t			 id;
	char			 code[40];	/* "W-3-301": 1-24 of A-Z0-9- */
	enum kf_meter_kind	 kind;
	int64_t			 customer_id;	/* 0: a shared meter */
	char			 community[200];
	char			 building[200];
	int			 position;	/* in the reading round */
	int			 digits;	/* 3..9 */
	int64_t			 start;		/* the reading usage counts from */
	enum kf_share_key	 share_key;	/* shared meters only */
	int64_t			 version;
};

/*
 * Adds a meter (KF_ACT_METER_EDIT). code 1-24 of [A-Z0-9-], unique
 * (KF_CONFLICT); customer_id an existing customer (then community and
 * building default to the customer's when empty) or 0 for a shared
 * meter, whose community is required; digits 3..9 (0: 6); start 0 to
 * 10^digits - 1; position >= 0. KF_INVALID names the field. *id may be
 * NULL. Audited "meter.add".
 */
enum kf_rc	kf_meter_add(struct kf_core *k, const struct kf_meter *m,
		    int64_t *id, struct kf_err *err);

/* Reads a meter by id or code (KF_ACT_RATE_VIEW); KF_NOTFOUND if none. */
enum kf_rc	kf_meter_get(struct kf_core *k, int64_t id, struct kf_meter *m,
		    struct kf_err *err);
enum kf_rc	kf_meter_get_code(struct kf_core *k, const char *code,
		    struct kf_meter *m, struct kf_err *err);

/*
 * The meters of a community (and building, when not NULL/""), in round
 * order (by building when the whole community, then position, then
 * code); customer_id > 0: that customer's own meters instead (by kind,
 * then id). *out malloc'd (free() it).
 */
enum kf_rc	kf_meter_list(struct kf_core *k, const char *community,
		    const char *building, int64_t customer_id,
		    struct kf_meter **out, size_t *n, struct kf_err *err);

/* A unit drawing from a shared meter. */
struct kf_meter_link {
	int64_t	 id;
	int64_t	 meter_id;	/* the shared meter */
	int64_t	 customer_id;
	int64_t	 sub_meter_id;	/* KF_SHARE_SUBMETER: the unit's meter; else 0 */
	bool	 active;
	int64_t	 version;
};

/*
 * Links customer_id to shared meter meter_id (KF_ACT_METER_EDIT, R14).
 * For a meter shared by sub-meter, sub_meter_id is the customer's own
 * meter of the same kind (else 0). KF_INVALID: not a shared meter, a
 * moved-out customer, a sub-meter that is not the customer's;
 * KF_CONFLICT: linked already. Audited "meter.link".
 */
enum kf_rc	kf_meter_link(struct kf_core *k, int64_t meter_id,
		    int64_t customer_id, int64_t sub_meter_id, int64_t *id,
		    struct kf_err *err);
/* Ends the active link of customer_id to meter_id (audited
 * "meter.unlink"); KF_NOTFOUND when there is none. */
enum kf_rc	kf_meter_unlink(struct kf_core *k, int64_t meter_id,
		    int64_t customer_id, struct kf_err *err);
/* The active links of a shared meter, by customer id; malloc'd. */
enum kf_rc	kf_meter_links(struct kf_core *k, int64_t meter_id,
		    struct kf_meter_link **out, size_t *n, struct kf_err *err);

/*
 * A customer's floor area in 0.01 m² (R12, R14): set (KF_ACT_METER_EDIT;
 * 1 to KF_MAX_AREA_DM2; versioned, seen_version -1: current; audited
 * "area.set") and read (*dm2 0 and *version 0 when none was set).
 */
enum kf_rc	kf_area_set(struct kf_core *k, int64_t customer_id,
		    int64_t dm2, int64_t seen_version, struct kf_err *err);
enum kf_rc	kf_area_get(struct kf_core *k, int64_t customer_id,
		    int64_t *dm2, int64_t *version, struct kf_err *err);

/* ---- readings (R13) ---- */

enum kf_reading_kind {
	KF_READING_NORMAL,
	KF_READING_REPLACED,	/* a new meter: usage = value - start */
	KF_READING_ROLLOVER,	/* past 10^digits: usage = value + 10^d - last */
};

/* Flags of kf_reading_enter. */
#define KF_READ_REPLACED	0x1	/* the meter was replaced; give start */
#define KF_READ_ROLLOVER	0x2	/* the meter rolled over */
#define KF_READ_CONFIRM		0x4	/* a spike is confirmed (R13) */

struct kf_reading {
	int64_t			 id;
	int64_t			 meter_id;
	char			 period[KF_PERIOD_LEN];
	int64_t			 value;
	int64_t			 prev;		/* the reading usage counts from */
	int64_t			 usage;
	enum kf_reading_kind	 kind;
	bool			 spike;		/* confirmed above the usual */
	char			 reason[200];	/* a correction's */
	int64_t			 entered_at;
	int64_t			 entered_by;
	int64_t			 version;
};

/*
 * Enters meter_id's reading value for period (KF_ACT_READING_ENTER).
 * flags: KF_READ_REPLACED with start (the new meter's start reading,
 * <= value), or KF_READ_ROLLOVER; KF_READ_CONFIRM accepts a spike.
 * reason: NULL or "" for the period's first reading; a second one for
 * the same period needs it (then a correction of the first). Refusals
 * (KF_REFUSED naming R13 or R15) as in the header comment; KF_INVALID
 * for a value outside 0..10^digits-1 or a bad period. *id (may be NULL)
 * receives the reading's id, *usage (may be NULL) its usage.
 */
enum kf_rc	kf_reading_enter(struct kf_core *k, int64_t meter_id,
		    const char *period, int64_t value, unsigned flags,
		    int64_t start, const char *reason, int64_t *id,
		    int64_t *usage, struct kf_err *err);

/* A meter's reading for period (KF_NOTFOUND: none); KF_ACT_RATE_VIEW. */
enum kf_rc	kf_reading_get(struct kf_core *k, int64_t meter_id,
		    const char *period, struct kf_reading *r,
		    struct kf_err *err);

/* A meter's readings, newest period first, at most limit (1..1000). */
enum kf_rc	kf_reading_list(struct kf_core *k, int64_t meter_id, int limit,
		    struct kf_reading **out, size_t *n, struct kf_err *err);

/* One row of a building's reading round. */
struct kf_round_row {
	struct kf_meter	 meter;
	char		 customer[200];	/* name, "" for a shared meter */
	char		 room[64];
	char		 last_period[KF_PERIOD_LEN];	/* "" when never read */
	int64_t		 last_value;	/* before period; the start if none */
	int64_t		 last_usage;	/* -1 when none */
	int64_t		 this_id;	/* period's reading, 0 when none yet */
	int64_t		 this_value, this_usage;
	bool		 moved_out;	/* its customer moved out: not read */
};

/*
 * The meters of a building (building NULL or "": the whole community)
 * in round order, each with its last reading before period and usage,
 * and period's reading when entered: fast entry, one pass (the TUI's
 * reading screen, kefu reading round). KF_ACT_RATE_VIEW. *out malloc'd.
 */
enum kf_rc	kf_reading_round(struct kf_core *k, const char *community,
		    const char *building, const char *period,
		    struct kf_round_row **out, size_t *n, struct kf_err *err);

const char     *kf_meter_kind_name(enum kf_meter_kind kind);	/* "water" */
enum kf_rc	kf_meter_kind_parse(const char *s, enum kf_meter_kind *kind,
		    struct kf_err *err);
const char     *kf_share_key_name(enum kf_share_key key);	/* "area" */
enum kf_rc	kf_share_key_parse(const char *s, enum kf_share_key *key,
		    struct kf_err *err);
const char     *kf_reading_kind_name(enum kf_reading_kind kind);

#endif
