/*
 * policy.h — the numbers the rules run on, kept in the database.
 *
 * RULES.md says which numbers are configurable: R2's 40 minutes, R3's
 * 4 and 24 hours, R6's viewing hours, R33–R38's day limits, R42's 5%.
 * They are rows of the policy table, seeded by the first migration; admins
 * list and change them (each change versioned and audited); the core reads
 * them with kf_policy_value when it computes a deadline.
 */
#ifndef KEFU_POLICY_H
#define KEFU_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

/* How a policy's integer value is meant. */
enum kf_unit {
	KF_UNIT_SECONDS,	/* a duration; input "40m", "4h", "1d", "90s" */
	KF_UNIT_MINUTE_OF_DAY,	/* a local time of day; input "17:30" */
	KF_UNIT_DAYS,		/* whole days; input "2" */
	KF_UNIT_PERMILLE,	/* a rate; input "5%" or "5.5" (percent) */
	KF_UNIT_PER_10000,	/* per ten thousand (万分之N); input "3",
				 * "3/10000" */
};

struct kf_policy {
	int64_t		 id;
	char		 key[48];
	int64_t		 value;
	enum kf_unit	 unit;
	int64_t		 min_value, max_value;
	char		 rule[16];	/* "R2" */
	char		 description[160];
	int64_t		 version;
};

/*
 * The value of policy key, for the core's own use (no permission check).
 * KF_NOTFOUND for an unknown key.
 */
enum kf_rc	kf_policy_value(struct kf_core *k, const char *key, int64_t *value,
		    struct kf_err *err);

/* All policies, by key. Admin only. *out allocated; free() it. */
enum kf_rc	kf_policy_list(struct kf_core *k, struct kf_policy **out,
		    size_t *n, struct kf_err *err);

/*
 * Sets policy key to the value text means in its unit (see enum kf_unit),
 * having read it at seen_version (-1: whatever is current, for scripts).
 * KF_INVALID for text that is not a value of the unit or lies outside
 * [min, max]; KF_CONFLICT when another admin changed it meanwhile.
 * Admin only; audited.
 */
enum kf_rc	kf_policy_set(struct kf_core *k, const char *key, const char *text,
		    int64_t seen_version, struct kf_err *err);

/* Parses text in unit into *value. KF_INVALID with a message when it is not one. */
enum kf_rc	kf_policy_parse(enum kf_unit unit, const char *text, int64_t *value,
		    struct kf_err *err);

/* Formats value in unit for people ("40m", "17:30", "2d", "5.0%"). */
void		kf_policy_format(enum kf_unit unit, int64_t value, char *buf,
		    size_t n);

const char     *kf_unit_name(enum kf_unit unit);

#endif
